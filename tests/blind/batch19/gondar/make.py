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
# Gondar: Tewodros University Hospital (invented), Dept. of Orthopaedics.
# Log book: one row per visit (one row per treated vertebra on procedure
# days), patient details merged down the patient's block; dates in the
# Ethiopian calendar (marked ዓ.ም) or Gregorian (marked እ.ኤ.አ / G.C., or Excel dates).
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

# Ethiopian calendar: day number = C + 365*(y-1) + y//4 + 30*(m-1) + d; calibrated on
# 1 Meskerem 2016 E.C. = 12 September 2023 G.C.
_EC_C = D(2023, 9, 12).toordinal() - (365 * 2015 + 2016 // 4 + 1)


def ec_to_g(y, m, d):
    if not (1 <= m <= 13 and 1 <= d <= (30 if m < 13 else (6 if y % 4 == 3 else 5))):
        raise ValueError('no such Ethiopian date')
    return D.fromordinal(_EC_C + 365 * (y - 1) + y // 4 + 30 * (m - 1) + d)


def g_to_ec(g):
    n = g.toordinal()
    y = (n - _EC_C) // 366
    while _EC_C + 365 * y + (y + 1) // 4 + 1 <= n:   # first day of year y+1
        y += 1
    start = _EC_C + 365 * (y - 1) + y // 4 + 1
    k = n - start
    return y, k // 30 + 1, k % 30 + 1


EC_MONTHS = ['መስከረም', 'ጥቅምት', 'ኅዳር', 'ታኅሣሥ', 'ጥር', 'የካቲት', 'መጋቢት', 'ሚያዝያ', 'ግንቦት',
             'ሰኔ', 'ሐምሌ', 'ነሐሴ', 'ጳጉሜ']
NAMES_F = ['አልማዝ ተሰማ', 'ወርቅነሽ በላይ', 'ትዕግስት ሞላ', 'አበባ ገብሬ', 'መሰረት አለሙ', 'ዘውዲቱ ካሳ',
           'ብርሃኔ ታደሰ', 'ሙሉ ደሳለኝ', 'ጥሩወርቅ አያሌው', 'የሺ እሸቴ', 'አስቴር ጌታቸው', 'ሰላማዊት ንጉሴ',
           'እመቤት ዋሴ', 'ፋንቱ መንግስቱ', 'ውባለም ጥላሁን', 'ዓለምነሽ ፈንታ', 'ንግስት አበራ', 'ሂሩት ደምሌ']
NAMES_M = ['ገብሩ አለማየሁ', 'ካሳሁን መኮንን', 'ደረጄ አባተ', 'ሙሉጌታ ወርቁ', 'ተስፋዬ ሲሳይ', 'አለሙ ጥላሁን',
           'በላቸው ታከለ', 'ይርጋ ደምሴ', 'ሞላ አስፋው', 'ጌታነህ ዘለቀ', 'ጌትነት ባዩ', 'አየለ ፈረደ']
DX = {'osteoporotic': ['Osteoporotic compression fx', 'የአጥንት መሳሳት (osteoporosis) – compression fx',
                       'Osteoporotic wedge fx'],
      'pathologic': ['Metastasis (Ca prostate)', 'Metastasis (Ca breast)', 'Multiple myeloma',
                     'የካንሰር ስርጭት (metastasis)'],
      'traumatic': ['Trauma – fall from height', 'Trauma – RTA (የመኪና አደጋ)', 'Trauma – ከዛፍ መውደቅ']}
LK = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
      'foraminal': 'foraminal'}
VT = {('proc', 1): 'ሂደት (Procedure)', ('proc', 2): 'ሁለተኛ ሂደት (Re-procedure)',
      '2w': 'ክትትል 2 ሳምንት', '3m': 'ክትትል 3 ወር', '6m': 'ክትትል 6 ወር', '12m': 'ክትትል 12 ወር'}
REM = ['', '', '', 'ህመሙ ቀንሷል', 'calcium + vit D', 'corset ለ 6 ሳምንት', 'በራሱ ይራመዳል',
       'ከደባርቅ የመጣ', 'Zoledronic acid ተሰጥቷል']


def main(outdir):
    # self-test of the calendar
    for g in (D(2023, 9, 12), D(2024, 9, 11), D(2024, 1, 8), D(2022, 9, 10), D(2023, 9, 11)):
        assert ec_to_g(*g_to_ec(g)) == g
    assert g_to_ec(D(2024, 1, 8)) == (2016, 4, 29) and g_to_ec(D(2023, 9, 11)) == (2015, 13, 6)
    rng = random.Random(190519)
    cut = D(2024, 2, 28)
    pts = gen_cohort(1910, 25, D(2021, 1, 10), D(2023, 8, 20), cut,
                     ['pre', '2w', '3m', '6m', '12m'], ['pain_vas', 'mobility'], p_kp=.12,
                     cements=(('PMMA', 1),), n_second=3, n_extra_frac=2, n_dead=3,
                     s2_tps=['pre', '2w', '3m'],
                     etio_w={'osteoporotic': 55, 'pathologic': 25, 'traumatic': 20},
                     sex_female=.6)
    nf, nm = NAMES_F[:], NAMES_M[:]
    rng.shuffle(nf)
    rng.shuffle(nm)
    idents = []
    for k, p in enumerate(pts, 1):
        p['pid'] = f'TUH-VA-{k:03d}'
        base = nf.pop() if p['sex'] == 'female' else nm.pop()
        p['name'] = base + ' ' + rng.choice(['ወልዴ', 'አሰፋ', 'በየነ', 'ካሳ', 'ገበየሁ', 'ተገኝ', 'አዳነ', 'ምትኩ'])
        p['mrn'] = f'{rng.randint(100000, 999999)}'
        p['phone'] = f'09{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}'
        p['dx'] = rng.choice(DX[p['etiology']])
        for s in p['sessions']:
            s['cdisp'] = rng.choice(['PMMA', 'PMMA', 'Bone cement (PMMA)', 'Spineplex', 'Vertecem'])

    plain = [p for p in pts if not p.get('second') and not p['died'] and not p['fractures']]
    rng.shuffle(plain)
    used = set()

    def take(cond):
        for p in plain:
            if p['pid'] not in used and cond(p):
                used.add(p['pid'])
                return p
        raise RuntimeError

    def vis(p, tp, s=1):
        return next(v for v in p['visits'] if v['tp'] == tp and v['session'] == s)

    E = {}
    p = take(lambda p: vis(p, '6m')['status'] == 'done' and g_to_ec(vis(p, '6m')['date'])[1] in (1, 3, 5, 7, 8, 10, 12)
             and g_to_ec(vis(p, '6m')['date'])[2] >= 25)
    v = vis(p, '6m')
    y, m, d = g_to_ec(v['date'])
    v['shown'] = f'31/{m:02d}/{y} ዓ.ም'
    E[p['pid']] = (('visit', 1, '6m', 'date'), 'impossible Ethiopian date: day 31 (E.C. months have 30 days)')
    p = take(lambda p: vis(p, '3m')['status'] == 'done')
    vis(p, '3m')['scores']['pain_vas'] = 15
    E[p['pid']] = (('visit', 1, '3m', 'vas'), 'VAS 15 on a 0-10 scale')
    p = take(lambda p: True)
    p['sessions'][0]['verts'][0]['vol'] = 22.0
    E[p['pid']] = (('vert', 1, 0, 'vol'), 'cement volume 22 ml in one vertebra (> 20 ml)')
    p = take(lambda p: vis(p, '3m')['status'] == 'done')
    v = vis(p, '3m')
    y, m, d = g_to_ec(v['date'])
    if m == 13 and d == 6:
        d = 5
    v['shown'] = f'{d:02d}/{m:02d}/{y - 1} ዓ.ም'
    v['style'] = 'ec'
    E[p['pid']] = (('visit', 1, '3m', 'date'), '3-month follow-up dated (E.C. year 1 too low) a year before the procedure')

    def dshow(style, d):
        if style == 'xl':
            return dt.datetime(d.year, d.month, d.day)
        if style == 'gc':
            return d.strftime('%d/%m/%Y') + rng.choice([' እ.ኤ.አ', ' G.C.', ' (G.C)'])
        y, m, dd = g_to_ec(d)
        if rng.random() < .2:
            return f'{EC_MONTHS[m - 1]} {dd} {y} ዓ.ም'
        return f'{dd:02d}/{m:02d}/{y} ዓ.ም'

    cols = [('የታካሚ መረጃ (Patient)', 'ተ.ቁ', 'n'), ('የታካሚ መረጃ (Patient)', 'Study ID', 'id'),
            ('የታካሚ መረጃ (Patient)', 'የካርድ ቁጥር (MRN)', 'mrn'), ('የታካሚ መረጃ (Patient)', 'ሙሉ ስም', 'name'),
            ('የታካሚ መረጃ (Patient)', 'ዕድሜ', 'age'), ('የታካሚ መረጃ (Patient)', 'ጾታ', 'sex'),
            ('የታካሚ መረጃ (Patient)', 'ስልክ', 'phone'), ('የታካሚ መረጃ (Patient)', 'ምርመራ (Diagnosis)', 'dx'),
            ('ጉብኝት (Visit)', 'የጉብኝት ዓይነት', 'vt'), ('ጉብኝት (Visit)', 'ቀን', 'date'),
            ('ሂደት (Procedure)', 'ደረጃ (Level)', 'level'), ('ሂደት (Procedure)', 'VP/KP', 'tech'),
            ('ሂደት (Procedure)', 'ሲሚንቶ', 'cem'), ('ሂደት (Procedure)', 'ሲሚንቶ (ml)', 'vol'),
            ('ሂደት (Procedure)', 'የሲሚንቶ መፍሰስ (Leak)', 'leak'),
            ('ውጤት (Outcome)', 'VAS (0-10)', 'vas'), ('ውጤት (Outcome)', 'እንቅስቃሴ (0-4)', 'mob'),
            ('ውጤት (Outcome)', 'ማስታወሻ', 'rem')]
    keys = [c[2] for c in cols]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'መዝገብ VA'
    ws['A1'] = 'ቴዎድሮስ ዩኒቨርሲቲ ሆስፒታል፣ ጎንደር — የኦርቶፔዲክስ ክፍል (Tewodros University Hospital, Gondar — Orthopaedics)'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'የአከርካሪ አጥንት የሲሚንቶ ሕክምና መዝገብ — Vertebroplasty / Kyphoplasty log book'
    ws['A2'].font = Font(bold=True)
    ws['A3'] = ('ቀን፦ "ዓ.ም" = የኢትዮጵያ አቆጣጠር (E.C.)፤ "እ.ኤ.አ" / "G.C." = የአውሮፓ አቆጣጠር (Gregorian)፤ ምልክት የሌለው የ Excel ቀን = G.C.   '
                'በሂደት ረድፍ ላይ ያለው VAS እና እንቅስቃሴ = ከሂደቱ በፊት (pre-op).   እንቅስቃሴ፦ 0 = ያለ ድጋፍ ይራመዳል … 4 = የአልጋ ቁራኛ (bed-bound).   '
                '" = ከላይ ካለው ጋር አንድ (ditto)')
    ws['A3'].font = Font(italic=True, size=9)
    H1, H2 = 5, 6
    c = 1
    while c <= len(cols):
        g = cols[c - 1][0]
        e = c
        while e + 1 <= len(cols) and cols[e][0] == g:
            e += 1
        ws.cell(H1, c, g).font = Font(bold=True)
        ws.cell(H1, c).alignment = Alignment(horizontal='center')
        ws.merge_cells(start_row=H1, start_column=c, end_row=H1, end_column=e)
        c = e + 1
    fill = PatternFill('solid', fgColor='E2EFDA')
    for k, (g, h, key) in enumerate(cols, 1):
        cell = ws.cell(H2, k, h)
        cell.font = Font(bold=True)
        cell.fill = fill
        ws.column_dimensions[get_column_letter(k)].width = {'name': 24, 'dx': 28, 'vt': 24, 'date': 20,
                                                            'rem': 28, 'cem': 16, 'leak': 18}.get(key, 10)
    errors = []
    r = H2 + 1
    for n, p in enumerate(pts, 1):
        top = r
        rows = []   # list of dicts
        events = []
        for s in p['sessions']:
            events.append((s['date'], 0, 'proc', s))
        for v in p['visits']:
            if v['tp'] != 'pre':
                events.append((v['date'], 1, 'visit', v))
        if p['died']:
            events.append((p['death_date'], 2, 'death', None))
        events.sort(key=lambda e: (e[0], e[1]))
        dead_row = False
        for d, _, kind, obj in events:
            style = rng.choices(['ec', 'gc', 'xl'], [55, 20, 25])[0]
            if kind == 'proc':
                s = obj
                pre = next(v for v in p['visits'] if v['session'] == s['num'] and v['tp'] == 'pre')
                for j, vt in enumerate(s['verts']):
                    row = {'_key': ('vert', s['num'], j)}
                    if j == 0:
                        row['vt'] = VT[('proc', s['num'])]
                        row['date'] = dshow(style, s['date'])
                        row['tech'] = 'VP' if s['technique'] == 'vertebroplasty' else 'KP'
                        row['cem'] = s['cdisp']
                        row['vas'] = pre['scores']['pain_vas']
                        row['mob'] = pre['scores']['mobility']
                        if s['num'] == 2:
                            row['rem'] = 'ለአዲሱ ስብራት (for the new fracture)'
                    else:
                        row['vt'] = '"'
                        row['date'] = '"'
                        row['tech'] = '"'
                        row['cem'] = '"'
                    row['level'] = vt['level']
                    row['vol'] = vt['vol'] if vt['vol'] != int(vt['vol']) else int(vt['vol'])
                    row['leak'] = ' + '.join(LK[x] for x in vt['leak']) if vt['leak'] else 'የለም'
                    rows.append(row)
            elif kind == 'visit':
                v = obj
                st = v['status']
                if st in ('notdue', 'stopped') or (st == 'dead'):
                    continue
                lab = VT[v['tp']] + (' (ከ2ኛ ሂደት በኋላ)' if v['session'] == 2 else '')
                row = {'vt': lab, '_key': ('visit', v['session'], v['tp'])}
                if st == 'missed':
                    if rng.random() < .35:
                        continue
                    row['rem'] = rng.choice(['አልመጣም (did not come)', 'አልመጣም', 'ስልክ አይሰራም – አልመጣም'])
                    rows.append(row)
                    continue
                st_ = v.get('style', style)
                row['date'] = v['shown'] if 'shown' in v else dshow(st_, v['date'])
                row['vas'] = v['scores']['pain_vas']
                row['mob'] = v['scores']['mobility']
                row['rem'] = rng.choice(REM)
                fx = [f for f in p['fractures'] if f['date'] == v['date']]
                if fx:
                    row['rem'] = f"አዲስ ስብራት {fx[0]['level']} (new fracture)" + (' → ሁለተኛ ሂደት' if fx[0]['treated'] else '')
                rows.append(row)
            else:
                rows.append({'vt': 'ሞት (Death)', 'date': dshow(style, p['death_date']),
                             'rem': rng.choice(['በቤት ውስጥ ሞተ (died at home)', 'ቤተሰብ በስልክ አሳወቀ'])})
        for i, row in enumerate(rows):
            for k, key in enumerate(keys, 1):
                val = row.get(key)
                if val in (None, ''):
                    continue
                cell = ws.cell(r + i, k, val)
                if isinstance(val, dt.datetime):
                    cell.number_format = 'dd/mm/yyyy'
            key = row.get('_key')
            if p['pid'] in E and key and E[p['pid']][0][:3] == key:
                c = keys.index(E[p['pid']][0][3]) + 1
                val = ws.cell(r + i, c).value
                errors.append([ws.title, f'{get_column_letter(c)}{r + i}', r + i, cols[c - 1][1],
                               val, E[p['pid']][1], p['pid']])
        info = {'n': n, 'id': p['pid'], 'mrn': p['mrn'], 'name': p['name'], 'age': p['age'],
                'sex': 'ሴ' if p['sex'] == 'female' else 'ወ', 'phone': p['phone'], 'dx': p['dx']}
        bot = r + len(rows) - 1
        for k, key in enumerate(keys[:8], 1):
            ws.cell(top, k, info[key]).alignment = Alignment(vertical='top', wrap_text=True)
            if bot > top:
                ws.merge_cells(start_row=top, start_column=k, end_row=bot, end_column=k)
        idents += [['name', p['name']], ['record_number', p['mrn']], ['phone', p['phone']]]
        r = bot + 1
    ws.freeze_panes = ws.cell(H2 + 1, 9)
    assert len(errors) == 4, errors
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, per_vertebra=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
