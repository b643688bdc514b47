# ---------------------------------------------------------------------------
# cohort core (same simulation engine in every site script; layout is below)
# ---------------------------------------------------------------------------
import sys, os, csv, random, datetime as dt

D = dt.date
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 9,
          '6m': 12, '12m': 18, '24m': 25}
ALL_LEVELS = [f'T{i}' for i in range(1, 13)] + [f'L{i}' for i in range(1, 6)]
LEAK_ORDER = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']
VAS_FACTOR = {'24h': .55, '1w': .5, '2w': .45, '6w': .4, '1m': .4, '3m': .35,
              '6m': .3, '12m': .3, '24m': .3}


def _lvl_idx(l):
    return ALL_LEVELS.index(l)


def pick_levels(rng, n, etiology):
    centre_w = {'T6': 1, 'T7': 2, 'T8': 3, 'T9': 3, 'T10': 4, 'T11': 7, 'T12': 12,
                'L1': 12, 'L2': 7, 'L3': 5, 'L4': 3, 'L5': 1}
    ks = list(centre_w)
    c = rng.choices(ks, [centre_w[k] for k in ks])[0]
    i = _lvl_idx(c)
    if n == 1:
        return [c]
    if etiology == 'pathologic' and rng.random() < .5:
        pool = [l for l in ALL_LEVELS[4:16] if l != c]
        return sorted([c] + rng.sample(pool, n - 1), key=_lvl_idx)
    lo = max(0, min(i - rng.randint(0, n - 1), len(ALL_LEVELS) - n))
    return ALL_LEVELS[lo:lo + n]


def pick_leak(rng, p=0.24):
    if rng.random() >= p:
        return []
    a = rng.choices(LEAK_ORDER, [35, 35, 15, 9, 6])[0]
    out = {a}
    if rng.random() < .12:
        out.add(rng.choice(['disc', 'venous']))
    return [l for l in LEAK_ORDER if l in out]


def pick_vol(rng, level, technique):
    lo, hi = (2.0, 4.0) if level.startswith('T') else (3.0, 5.5)
    if technique == 'kyphoplasty':
        lo, hi = lo + 1.0, hi + 1.5
    return rng.randint(int(lo * 2), int(hi * 2)) / 2


def make_session(rng, num, date, day, levels, p_kp, cements, technique=None, cement=None):
    tech = technique or ('kyphoplasty' if rng.random() < p_kp else 'vertebroplasty')
    cem = cement or rng.choices([c for c, w in cements], [w for c, w in cements])[0]
    verts = [dict(level=l, vol=pick_vol(rng, l, tech), leak=pick_leak(rng)) for l in levels]
    return dict(num=num, date=date, day=day, technique=tech, cement_type=cem, verts=verts)


def score(rng, measure, tp, pre, scale):
    if measure == 'pain_vas':
        if tp == 'pre':
            return pre
        f = VAS_FACTOR[tp]
        if scale == 'mm':
            return int(max(0, min(100, round(pre * f + rng.randint(-8, 8)))))
        return int(max(0, min(10, round(pre * f + rng.choice([-1, 0, 0, 1])))))
    if measure == 'odi':
        if tp == 'pre':
            return pre
        f = VAS_FACTOR[tp] + .15
        return int(max(0, min(100, 2 * round((pre * f + rng.randint(-6, 6)) / 2))))
    if measure == 'mobility':
        if tp == 'pre':
            return pre
        drop = {'24h': 1, '1w': 1, '2w': 1}.get(tp, 2)
        return int(max(0, min(4, pre - drop + rng.choice([0, 0, 1, -1]))))
    raise ValueError(measure)


def pre_score(rng, measure, scale):
    if measure == 'pain_vas':
        return rng.randint(58, 96) if scale == 'mm' else rng.randint(6, 10)
    if measure == 'odi':
        return 2 * rng.randint(20, 42)
    if measure == 'mobility':
        return rng.randint(2, 4)


def gen_cohort(seed, n, start, end, cut, tps, measures, p_kp=.3,
               cements=(('PMMA', 1),), etio_w=None, n_second=3, n_extra_frac=1,
               n_dead=2, p_miss=.1, s2_tps=None, vas_scale='int10',
               sex_female=.7, age_range=(52, 88)):
    """tps: ordered timepoints incl. 'pre'. Returns list of patient dicts."""
    rng = random.Random(seed)
    etio_w = etio_w or {'osteoporotic': 75, 'pathologic': 15, 'traumatic': 10}
    post_tps = [t for t in tps if t != 'pre']
    s2_tps = s2_tps or ['pre'] + post_tps[:2]
    span = (end - start).days
    dates0 = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        et = rng.choices(list(etio_w), list(etio_w.values()))[0]
        sex = 'female' if rng.random() < (sex_female if et == 'osteoporotic' else .45) else 'male'
        age = rng.randint(*age_range) if et == 'osteoporotic' else rng.randint(38, 80)
        nl = rng.choices([1, 2, 3], [68, 23, 9])[0]
        levels = pick_levels(rng, nl, et)
        d0 = dates0[i]
        s1 = make_session(rng, 1, d0, 0, levels, p_kp, cements)
        pres = {m: pre_score(rng, m, vas_scale) for m in measures}
        visits = []
        for tp in tps:
            vd = d0 + dt.timedelta(days=TP_DAYS[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            st = 'done' if vd <= cut else 'notdue'
            sc = {m: score(rng, m, tp, pres[m], vas_scale) for m in measures}
            visits.append(dict(session=1, tp=tp, date=vd, day=(vd - d0).days, status=st, scores=sc))
        pts.append(dict(i=i, sex=sex, age=age, etiology=et, date0=d0, sessions=[s1],
                        visits=visits, fractures=[], died=False, death_date=None))

    def done_post(p, session=1):
        return [v for v in p['visits'] if v['session'] == session and v['tp'] != 'pre' and v['status'] == 'done']

    def new_level(p):
        used = {v['level'] for s in p['sessions'] for v in s['verts']} | {f['level'] for f in p['fractures']}
        lo = min(_lvl_idx(l) for l in used)
        hi = max(_lvl_idx(l) for l in used)
        cands = [ALL_LEVELS[k] for k in (lo - 1, hi + 1, lo - 2, hi + 2) if 0 <= k < len(ALL_LEVELS)]
        cands = [c for c in cands if c not in used]
        return cands[0] if rng.random() < .6 else rng.choice(cands)

    # second sessions
    order = list(range(n))
    rng.shuffle(order)
    second = []
    for i in order:
        p = pts[i]
        if len(second) >= n_second:
            break
        last_tp = max(TP_DAYS[v['tp']] for v in p['visits'])
        cands = [v for v in done_post(p) if 28 <= TP_DAYS[v['tp']] <= 200 and TP_DAYS[v['tp']] < last_tp]
        if not cands:
            continue
        dv = rng.choice(cands)
        s2d = dv['date'] + dt.timedelta(days=rng.randint(5, 20))
        if (cut - s2d).days < 60:
            continue
        lvl = new_level(p)
        p['fractures'].append(dict(date=dv['date'], day=dv['day'], level=lvl, treated=2))
        s1 = p['sessions'][0]
        s2 = make_session(rng, 2, s2d, (s2d - p['date0']).days, [lvl], p_kp, cements,
                          technique=s1['technique'] if rng.random() < .7 else None,
                          cement=s1['cement_type'])
        p['sessions'].append(s2)
        for v in p['visits']:
            if v['date'] > s2d and v['status'] == 'done':
                v['status'] = 'stopped'
        pres2 = {m: pre_score(rng, m, vas_scale) for m in measures}
        for tp in s2_tps:
            vd = s2d + dt.timedelta(days=TP_DAYS[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            st = 'done' if vd <= cut else 'notdue'
            sc = {m: score(rng, m, tp, pres2[m], vas_scale) for m in measures}
            p['visits'].append(dict(session=2, tp=tp, date=vd, day=(vd - p['date0']).days, status=st, scores=sc))
        p['second'] = True
        second.append(i)

    # extra untreated fractures
    extra = []
    for i in order:
        if len(extra) >= n_extra_frac:
            break
        p = pts[i]
        if i in second:
            continue
        cands = [v for v in done_post(p) if TP_DAYS[v['tp']] >= 80]
        if not cands:
            continue
        dv = rng.choice(cands)
        p['fractures'].append(dict(date=dv['date'], day=dv['day'], level=new_level(p), treated=None))
        p['frac_visit'] = dv
        extra.append(i)

    # deaths (prefer pathologic)
    dead = []
    ranked = sorted(order, key=lambda k: (pts[k]['etiology'] != 'pathologic', order.index(k)))
    for i in ranked:
        if len(dead) >= n_dead:
            break
        p = pts[i]
        if i in second or i in extra:
            continue
        dp = done_post(p)
        if len(dp) < 2:
            continue
        k = rng.randint(1, len(dp) - 1)  # last visit attended = dp[k]
        last = dp[k]
        nxt = [v for v in p['visits'] if v['date'] > last['date']]
        hi = min([v['date'] for v in nxt] + [cut]) - dt.timedelta(days=3)
        lo = last['date'] + dt.timedelta(days=7)
        if hi <= lo:
            continue
        dd = lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
        p['died'] = True
        p['death_date'] = dd
        for v in p['visits']:
            if v['date'] > dd:
                v['status'] = 'dead'
        dead.append(i)

    # missed visits
    for p in pts:
        for v in p['visits']:
            if v['status'] != 'done' or v['tp'] in ('pre', '24h'):
                continue
            if any(f['date'] == v['date'] for f in p['fractures']):
                continue
            if rng.random() < p_miss:
                v['status'] = 'missed'
    return pts


# ------------------------------------------------------------------ truth ---
def fmt(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        if abs(x - round(x)) < 1e-9:
            return str(int(round(x)))
        return ('%.2f' % x).rstrip('0').rstrip('.')
    return str(x)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(x) for x in r])


def write_truth(outdir, pts, errors, identifiers, per_vertebra=True, vas_div=1,
                died_known=True, extra_fields=None):
    """pts must carry 'pid'. per_vertebra: True / False / callable(p, s) -> bool."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    rows = []
    for p in pts:
        rows.append([p['pid'], p['sex'], p['age'], p['etiology'],
                     ('yes' if p['died'] else 'no') if died_known else ''])
    write_csv(os.path.join(td, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'], rows)
    rows = []
    for p in pts:
        for s in p['sessions']:
            pv = per_vertebra(p, s) if callable(per_vertebra) else per_vertebra
            tot = sum(v['vol'] for v in s['verts'])
            for v in s['verts']:
                rows.append([p['pid'], s['num'], s['day'], v['level'], s['technique'],
                             v['vol'] if pv else '', '' if pv else tot, s['cement_type'],
                             v.get('leak_truth', ';'.join(v['leak']) if v['leak'] else 'none')])
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for v in p['visits']:
            if v['status'] != 'done' or v.get('noid'):
                continue
            for m, val in v['scores'].items():
                if val is None:
                    continue
                if m == 'pain_vas' and vas_div != 1:
                    val = val / vas_div
                rows.append([p['pid'], v['session'], m, v['tp'], val])
    write_csv(os.path.join(td, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    rows = [[p['pid'], f['day'], f['level']] for p in pts for f in p['fractures']]
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], rows)
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              errors)
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], identifiers)


def uniq(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out
# ------------------------------------------------------------- end of core ---

# ---------------------------------------------------------------------------
# Kolkata: Sutanuti Medical College & Hospital, Dept. of Orthopaedics.
# One sheet per year of first procedure, one row per patient, follow-ups
# appended to the right as they came.
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

BN = str.maketrans('0123456789', '০১২৩৪৫৬৭৮৯')


def bn(s):
    return str(s).translate(BN)


FEMALE = ['সুমিত্রা দাস', 'কল্পনা ঘোষ', 'মিনতি মণ্ডল', 'শেফালি বিশ্বাস', 'গীতা চক্রবর্তী',
          'আরতি সাহা', 'রেখা পাল', 'অঞ্জলি মুখার্জি', 'নমিতা বসু', 'শান্তি রায়', 'ছবি হালদার',
          'মায়া সরকার', 'লক্ষ্মী প্রামাণিক', 'বেলা ভট্টাচার্য', 'রিনা খাতুন', 'সাহানা বেগম',
          'পারুল দে', 'সবিতা নস্কর', 'কমলা জানা', 'উমা সেনগুপ্ত', 'দীপালি কর']
MALE = ['অমল দত্ত', 'নির্মল সেন', 'হারাধন মাঝি', 'সুভাষ চ্যাটার্জি', 'গোপাল বাগ', 'আব্দুল করিম',
        'রফিক শেখ', 'প্রদীপ গাঙ্গুলী', 'বিমল জানা', 'তপন কুন্ডু', 'শ্যামল আদক', 'দিলীপ মাইতি',
        'জাহির আলি', 'কানাই বর্মন']
DX = {'osteoporotic': ['অস্টিওপোরোটিক কম্প্রেশন ফ্র্যাকচার', 'Osteoporotic wedge #',
                       'Osteoporotic collapse', 'অস্টিওপোরোসিস, কম্প্রেশন #'],
      'pathologic': ['মাল্টিপল মায়েলোমা', 'Multiple myeloma', 'মেটাস্টেসিস (Ca breast)',
                     'Metastatic # (Ca prostate)', 'Ca lung – মেটাস্টেসিস'],
      'traumatic': ['আঘাতজনিত # (সিঁড়ি থেকে পড়ে)', 'Traumatic compression # (fall)',
                    'Traumatic # – RTA']}
BRANDS = ['Spineplex', 'Vertecem V+', 'Osteopal V', 'PMMA', 'Spineplex']
LEAK_BN = {'disc': 'ডিস্ক', 'venous': 'ভেনাস', 'paravertebral': 'প্যারাভার্টিব্রাল',
           'epidural': 'এপিডুরাল', 'foraminal': 'ফোরামিনাল'}
LEAK_EN = {'disc': 'disc leak', 'venous': 'venous leak', 'paravertebral': 'paravertebral',
           'epidural': 'epidural', 'foraminal': 'foraminal'}
REMARKS = ['', '', '', 'ভালো আছে', 'Ca + Vit D চলছে', 'Teriparatide শুরু', 'ব্রেস দেওয়া হয়েছে',
           'হাঁটছে, ব্যথা কম', 'Zoledronic acid দেওয়া হয়েছে']
FU_LABEL = {'1m': '১ মাস ফলো-আপ', '6m': '৬ মাস ফলো-আপ', '12m': '১২ মাস ফলো-আপ'}


def dlev(l):
    return 'D' + l[1:] if l.startswith('T') else l


def main(outdir):
    rng = random.Random(190119)
    cut = D(2024, 2, 29)
    pts = gen_cohort(1952, 27, D(2021, 2, 1), D(2023, 10, 31), cut,
                     ['pre', '24h', '1m', '6m', '12m'], ['pain_vas'], p_kp=.2,
                     n_second=3, n_extra_frac=2, n_dead=3, s2_tps=['pre', '24h', '1m'],
                     etio_w={'osteoporotic': 70, 'pathologic': 18, 'traumatic': 12})
    byyear = {}
    fem, mal = FEMALE[:], MALE[:]
    rng.shuffle(fem)
    rng.shuffle(mal)
    idents = []
    for p in pts:
        y = p['date0'].year
        byyear.setdefault(y, []).append(p)
        p['pid'] = f'VP-{y % 100:02d}-{len(byyear[y]):02d}'
        p['style'] = rng.choices(['x', 't', 'b'], [50, 22, 28])[0]
        p['name'] = fem.pop() if p['sex'] == 'female' else mal.pop()
        p['reg'] = f'SMCH/{y % 100:02d}/{rng.randint(1000, 29999):05d}'
        ph = rng.choice('9876') + ''.join(rng.choice('0123456789') for _ in range(9))
        p['phone'] = bn(ph) if p['style'] == 'b' else ph[:5] + ' ' + ph[5:]
        p['dx'] = rng.choice(DX[p['etiology']])
        p['remark'] = rng.choice(REMARKS)
        for s in p['sessions']:
            s['brand'] = rng.choice(BRANDS)
            s['total_only'] = len(s['verts']) > 1 and rng.random() < .3
            s['range'] = rng.random() < .6
        p['s2brand'] = p['sessions'][0]['brand']

    # ---- planted errors (one per patient) ----
    plain = [p for p in pts if not p.get('second') and not p['died'] and not p['fractures']]
    rng.shuffle(plain)
    used = set()

    def take(cond):
        yrs = [q['date0'].year for q in pts if q['pid'] in used]
        for p in sorted(plain, key=lambda q: yrs.count(q['date0'].year)):
            if p['pid'] not in used and cond(p):
                used.add(p['pid'])
                return p
        raise RuntimeError('no candidate')

    def vis(p, tp, s=1):
        for v in p['visits']:
            if v['tp'] == tp and v['session'] == s:
                return v

    E = {}
    p = take(lambda p: len(p['sessions'][0]['verts']) == 1 and p['sessions'][0]['verts'][0]['level'] in ('T12', 'L1'))
    p['sessions'][0]['verts'][0]['level'] = 'T13'
    E[p['pid']] = ('level', 'লেভেল D13: এমন কোনো কশেরুকা নেই (D12-এর পরে L1) / no 13th thoracic vertebra')
    p = take(lambda p: vis(p, '1m')['status'] == 'done')
    vis(p, '1m')['scores']['pain_vas'] = 12
    E[p['pid']] = ('vas', 'VAS 12 on a 0-10 scale')
    p = take(lambda p: vis(p, '6m')['status'] == 'done' and vis(p, '6m')['date'].month in (4, 5))
    v = vis(p, '6m')
    v['shown'] = f'31-04-{v["date"].year}'
    E[p['pid']] = ('date6m', '31 April does not exist')
    p = take(lambda p: vis(p, '1m')['status'] == 'done' and p['date0'].year >= 2022)
    v = vis(p, '1m')
    v['shown'] = v['date'].replace(year=v['date'].year - 1)
    E[p['pid']] = ('date1m', '1-month follow-up dated a year before the procedure')
    errors = []

    # ---- display helpers ----
    def dshow(p, d):
        if isinstance(d, str):
            return bn(d) if p['style'] == 'b' else d
        if p['style'] == 'x':
            return dt.datetime(d.year, d.month, d.day)
        t = d.strftime('%d-%m-%Y')
        return bn(t) if p['style'] == 'b' else t

    def dtext(p, d):
        t = d.strftime('%d-%m-%Y')
        return bn(t) if p['style'] == 'b' else t

    def num(p, x):
        if p['style'] == 'b':
            return bn(fmt(float(x)))
        return float(x) if isinstance(x, float) and x != int(x) else int(x)

    def ntext(p, x):
        t = fmt(float(x))
        return bn(t) if p['style'] == 'b' else t

    def lev_text(s):
        ls = [dlev(v['level']) for v in s['verts']]
        if len(ls) == 3 and s['range'] and ls[2] != 'D13':
            idx = [ALL_LEVELS.index(v['level']) for v in s['verts']]
            if idx == list(range(idx[0], idx[0] + 3)):
                return f'{ls[0]}–{ls[2]}'
        return ', '.join(ls)

    def vol_text(p, s):
        vs = [v['vol'] for v in s['verts']]
        if s['total_only']:
            return 'মোট ' + ntext(p, sum(vs)) + ' ml'
        if len(vs) == 1:
            return num(p, vs[0]) if rng.random() < .6 else ntext(p, vs[0]) + ' ml'
        return ' + '.join(ntext(p, x) for x in vs)

    def leak_text(p, s):
        lab = LEAK_BN if p['style'] == 'b' else LEAK_EN
        leaking = [v for v in s['verts'] if v['leak']]
        if not leaking:
            return 'নেই' if p['style'] == 'b' else rng.choice(['Nil', 'No leak', 'নেই'])
        if len(s['verts']) == 1:
            return ' + '.join(lab[x] for x in leaking[0]['leak'])
        return '; '.join(f"{dlev(v['level'])}: " + ' + '.join(lab[x] for x in v['leak']) for v in leaking)

    def tech_text(p, s):
        if p['style'] == 'b' and rng.random() < .4:
            return 'ভার্টিব্রোপ্লাস্টি' if s['technique'] == 'vertebroplasty' else 'কাইফোপ্লাস্টি'
        return 'VP' if s['technique'] == 'vertebroplasty' else 'KP'

    def agesex(p):
        if p['style'] == 'b':
            return f"{bn(p['age'])} / {'মহিলা' if p['sex'] == 'female' else 'পুরুষ'}"
        return f"{p['age']}/{'F' if p['sex'] == 'female' else 'M'}"

    # ---- columns ----
    INFO = {2021: ['sl', 'id', 'name', 'agesex', 'reg', 'dx'],
            2022: ['sl', 'id', 'name', 'phone', 'agesex', 'reg', 'dx'],
            2023: ['sl', 'id', 'reg', 'name', 'agesex', 'phone', 'dx']}
    INFO_H = {'sl': 'ক্র. নং', 'id': 'Study ID', 'name': 'নাম', 'agesex': 'বয়স/লিঙ্গ',
              'reg': 'Reg. No.', 'phone': 'ফোন নং', 'dx': 'রোগ নির্ণয়'}
    PROC = [('pdate', 'তারিখ'), ('level', 'লেভেল'), ('tech', 'VP/KP'), ('brand', 'সিমেন্ট'),
            ('vol', 'সিমেন্ট (ml)'), ('leak', 'লিকেজ')]
    REDO = [('r_date', 'তারিখ'), ('r_level', 'লেভেল'), ('r_tech', 'VP/KP'), ('r_brand', 'সিমেন্ট'),
            ('r_vol', 'সিমেন্ট (ml)'), ('r_leak', 'লিকেজ'), ('r_pre', 'প্রি VAS'),
            ('r_24h', '২৪ ঘণ্টা VAS'), ('r_1m_date', '১ মাস তারিখ'), ('r_1m', '১ মাস VAS')]

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    thin = Font(bold=True)
    red = PatternFill('solid', fgColor='FFC7CE')
    for year in sorted(byyear):
        plist = byyear[year]
        ws = wb.create_sheet(bn(year))
        cols = []  # (group, sub, key)
        for k in INFO[year]:
            cols.append(('রোগীর তথ্য', INFO_H[k], k))
        for k, h in PROC:
            cols.append(('প্রসিডিওর', h, k))
        cols += [('VAS (০-১০)', 'প্রি-অপ', 'pre'), ('VAS (০-১০)', '২৪ ঘণ্টা', '24h')]
        have12 = any(v['tp'] == '12m' and v['session'] == 1 and v['status'] not in ('notdue',)
                     for p in plist for v in p['visits'])
        haveredo = any(p.get('second') for p in plist)
        fu = ['1m', '6m'] + (['12m'] if have12 else [])

        def fucols(tp):
            return [(FU_LABEL[tp], 'তারিখ', (tp, 'date')), (FU_LABEL[tp], 'VAS', (tp, 'vas'))]
        rem = [(None, 'মন্তব্য', 'remark'), (None, 'নতুন ফ্র্যাকচার', 'newfx')]
        redo = [('২য় প্রসিডিওর (Re-do)', h, k) for k, h in REDO] if haveredo else []
        if year == 2021:
            cols += rem + fucols('1m') + fucols('6m') + redo + (fucols('12m') if have12 else [])
        elif year == 2022:
            cols += rem + sum((fucols(t) for t in fu), []) + redo
        else:
            cols += sum((fucols(t) for t in fu), []) + rem[::-1] + redo
        ncol = len(cols)
        ws.cell(1, 1, f'সুতানুটি মেডিক্যাল কলেজ ও হাসপাতাল, কলকাতা — অর্থোপেডিক বিভাগ  |  '
                      f'ভার্টিব্রোপ্লাস্টি / কাইফোপ্লাস্টি রেজিস্টার {bn(year)}').font = Font(bold=True, size=13)
        ws.cell(2, 1, "VAS ০–১০  |  '—' বা 'আসেনি' = ফলো-আপে আসেনি  |  'মৃত' = মৃত্যু হয়েছে  |  "
                      "লাল সারি = মৃত রোগী  |  D = ডর্সাল (থোরাসিক) কশেরুকা").font = Font(italic=True)
        # header rows 3 (group) and 4 (sub)
        c = 1
        while c <= ncol:
            g = cols[c - 1][0]
            if g is None:
                ws.cell(3, c, cols[c - 1][1]).font = thin
                ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
                c += 1
                continue
            e = c
            while e + 1 <= ncol and cols[e][0] == g:
                e += 1
            ws.cell(3, c, g).font = thin
            if e > c:
                ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=e)
            for k in range(c, e + 1):
                ws.cell(4, k, cols[k - 1][1]).font = thin
            c = e + 1
        for k in range(1, ncol + 1):
            ws.cell(3, k).alignment = Alignment(horizontal='center', wrap_text=True)
            ws.column_dimensions[get_column_letter(k)].width = 13
        for k, (g, h, key) in enumerate(cols, 1):
            if key in ('name', 'dx', 'remark', 'leak', 'newfx'):
                ws.column_dimensions[get_column_letter(k)].width = 24
        r = 5
        for n_, p in enumerate(plist, 1):
            s1 = p['sessions'][0]
            s2 = p['sessions'][1] if len(p['sessions']) > 1 else None
            vmap = {(v['session'], v['tp']): v for v in p['visits']}
            vals = {}
            vals['sl'] = bn(n_) if p['style'] == 'b' else n_
            vals['id'] = p['pid']
            vals['name'] = p['name']
            vals['agesex'] = agesex(p)
            vals['reg'] = p['reg']
            vals['phone'] = p['phone']
            vals['dx'] = p['dx']
            vals['pdate'] = dshow(p, s1['date'])
            vals['level'] = lev_text(s1)
            vals['tech'] = tech_text(p, s1)
            vals['brand'] = s1['brand']
            vals['vol'] = vol_text(p, s1)
            vals['leak'] = leak_text(p, s1)
            vals['pre'] = num(p, vmap[(1, 'pre')]['scores']['pain_vas'])
            vals['24h'] = num(p, vmap[(1, '24h')]['scores']['pain_vas'])
            rem_ = p['remark']
            if p['died']:
                rem_ = f"মৃত্যু {dtext(p, p['death_date'])}"
            if s2:
                rem_ = 'নতুন # → Re-do, ডানদিকে দেখুন'
            vals['remark'] = rem_
            fx = [f"{dlev(f['level'])} ({dtext(p, f['date'])})" for f in p['fractures']]
            vals['newfx'] = '; '.join(fx)
            for tp in fu:
                v = vmap[(1, tp)]
                st = v['status']
                if st == 'done':
                    vals[(tp, 'date')] = dshow(p, v.get('shown', v['date']))
                    vals[(tp, 'vas')] = num(p, v['scores']['pain_vas'])
                elif st == 'missed':
                    vals[(tp, 'vas')] = rng.choice(['—', 'আসেনি'])
                elif st == 'dead':
                    vals[(tp, 'vas')] = 'মৃত'
                elif st == 'stopped':
                    vals[(tp, 'vas')] = 'Re-do দেখুন'
            if s2:
                vals['r_date'] = dshow(p, s2['date'])
                vals['r_level'] = lev_text(s2)
                vals['r_tech'] = tech_text(p, s2)
                vals['r_brand'] = s2['brand']
                vals['r_vol'] = vol_text(p, s2)
                vals['r_leak'] = leak_text(p, s2)
                for tp, key in (('pre', 'r_pre'), ('24h', 'r_24h'), ('1m', 'r_1m')):
                    v = vmap[(2, tp)]
                    if v['status'] == 'done':
                        vals[key] = num(p, v['scores']['pain_vas'])
                        if tp == '1m':
                            vals['r_1m_date'] = dshow(p, v['date'])
                    elif v['status'] == 'missed':
                        vals[key] = 'আসেনি'
            for k, (g, h, key) in enumerate(cols, 1):
                if key in vals and vals[key] not in ('', None):
                    cell = ws.cell(r, k, vals[key])
                    if isinstance(vals[key], dt.datetime):
                        cell.number_format = 'dd-mm-yyyy'
                if p['died']:
                    ws.cell(r, k).fill = red
            # errors
            if p['pid'] in E:
                kind, what = E[p['pid']]
                key = {'level': 'level', 'vas': ('1m', 'vas'), 'date6m': ('6m', 'date'),
                       'date1m': ('1m', 'date')}[kind]
                k = [c[2] for c in cols].index(key) + 1
                val = ws.cell(r, k).value
                if isinstance(val, dt.datetime):
                    val = val.strftime('%d-%m-%Y')
                errors.append([ws.title, f'{get_column_letter(k)}{r}', r, cols[k - 1][1], val, what, p['pid']])
            idents.append(['name', p['name']])
            idents.append(['record_number', p['reg']])
            if 'phone' in INFO[year]:
                idents.append(['phone', p['phone']])
            r += 1
        ws.freeze_panes = 'D5'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents,
                per_vertebra=lambda p, s: not s['total_only'])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
