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
# Mandalay: Shwe Mann General Hospital (invented), orthopaedic unit.
# Google-Forms export: one row per submitted form (baseline, repeat-procedure
# baseline and follow-up forms in one sheet), questions as column headers.
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Font, Alignment
from openpyxl.utils import get_column_letter

MY = str.maketrans('0123456789', '၀၁၂၃၄၅၆၇၈၉')


def my(s):
    return str(s).translate(MY)


FEMALE = ['ဒေါ်ခင်မြင့်', 'ဒေါ်အေးအေးသန်း', 'ဒေါ်တင်တင်ဝင်း', 'ဒေါ်စန်းစန်းရီ', 'ဒေါ်မြမြ',
          'ဒေါ်နွဲ့နွဲ့အောင်', 'ဒေါ်သန်းသန်းနု', 'ဒေါ်ကြည်ကြည်လှ', 'ဒေါ်မာမာကြီး', 'ဒေါ်ခင်လှိုင်',
          'ဒေါ်ဥမ္မာ', 'ဒေါ်စောစောမြင့်', 'ဒေါ်ရီရီခိုင်', 'ဒေါ်လှလှဌေး', 'ဒေါ်ဝင်းဝင်းမော်',
          'ဒေါ်နီနီစိုး', 'ဒေါ်မိမိသန်း', 'ဒေါ်ခင်မာလွင်']
MALE = ['ဦးမောင်မောင်', 'ဦးကျော်ဝင်း', 'ဦးထွန်းထွန်း', 'ဦးအောင်ကျော်', 'ဦးသိန်းဇော်',
        'ဦးဝင်းနိုင်', 'ဦးလှမောင်', 'ဦးစိုးမြင့်', 'ဦးတင်အောင်', 'ဦးမြင့်ဆွေ', 'ဦးဘသိန်း',
        'ဦးဇော်မင်း', 'ဦးနေလင်း', 'ဦးကိုကိုကြီး', 'ဦးသန်းထိုက်', 'ဦးခင်မောင်ညို', 'ဦးအုန်းကြိုင်',
        'ဦးပိုက်တင်', 'ဦးရဲမြင့်']

Q = {
    'ts': 'Timestamp',
    'form': 'ဖောင်အမျိုးအစားကို ရွေးချယ်ပါ။ (Which form are you submitting?)',
    'id': 'လူနာ၏ Study ID ကို ရိုက်ထည့်ပါ။ (ဥပမာ SGH-VA-001)',
    'name': 'လူနာ၏ အမည်အပြည့်အစုံကို ရေးပါ။',
    'reg': 'ဆေးရုံ မှတ်ပုံတင်အမှတ် (Hospital Reg. No.) ကို ရေးပါ။',
    'dob': 'လူနာ၏ မွေးသက္ကရာဇ်ကို ရေးပါ။ (dd/mm/yyyy၊ မသိပါက "မသိ" ဟုရေးပါ)',
    'age': 'ကုသမှုခံယူသည့်နေ့တွင် လူနာ၏ အသက် (နှစ်) မည်မျှရှိပါသနည်း။',
    'sex': 'လူနာသည် ကျား လား၊ မ လား။',
    'phone': 'ဆက်သွယ်ရန် ဖုန်းနံပါတ်ကို ရေးပါ။',
    'cause': 'ကျောရိုးကျိုးရခြင်း၏ အကြောင်းရင်း (Cause of fracture) မှာ အဘယ်နည်း။',
    'pdate': 'Procedure ပြုလုပ်သည့် နေ့စွဲကို ရွေးပါ။',
    'levels': 'ကုသခဲ့သော ကျောရိုးအဆစ် (vertebral level) များကို ရွေးပါ။',
    'tech': 'မည်သည့် နည်းလမ်း (technique) ဖြင့် ကုသခဲ့ပါသနည်း။',
    'cement': 'အသုံးပြုခဲ့သော cement အမျိုးအစားကို ရွေးပါ။',
    'vol': 'အသုံးပြုခဲ့သော cement စုစုပေါင်း ပမာဏ (ml) ကို ရေးပါ။',
    'leak': 'Cement ယိုစိမ့်မှု (leakage) ရှိခဲ့ပါသလား။',
    'leaklvl': 'ယိုစိမ့်မှုရှိပါက မည်သည့် level တွင် ဖြစ်ခဲ့ပါသနည်း။ (level တစ်ခုထက်ပိုကုသမှသာ ဖြေပါ)',
    'prevas': 'ကုသမှု မပြုမီ နာကျင်မှု အဆင့် (VAS 0-10) ကို ရွေးပါ။',
    'preodi': 'ကုသမှု မပြုမီ Oswestry Disability Index (ODI %) ကို ရေးပါ။',
    'fusess': 'ဤ follow-up သည် မည်သည့် ကုသမှုအပြီး ဖြစ်ပါသနည်း။',
    'futp': 'Follow-up အချိန်ကာလကို ရွေးပါ။',
    'fudate': 'စစ်ဆေးသည့် နေ့စွဲ (visit date) ကို ရွေးပါ။',
    'status': 'ယနေ့ လူနာ၏ အခြေအနေကို ရွေးပါ။',
    'fuvas': 'ယနေ့ နာကျင်မှု အဆင့် (VAS 0-10) ကို ရွေးပါ။',
    'fuodi': 'ယနေ့ Oswestry Disability Index (ODI %) ကို ရေးပါ။',
    'newfx': 'ကျောရိုးအဆစ် အသစ်ကျိုးခြင်း တွေ့ရှိပါသလား။ တွေ့ရှိပါက level ကို ရေးပါ။',
    'deathdate': 'လူနာ ကွယ်လွန်ပါက ကွယ်လွန်သည့် နေ့စွဲကို ရွေးပါ။',
    'remark': 'မှတ်ချက် (Remarks)',
}
ORDERQ = list(Q)
FORM_B1 = 'Baseline – ပထမအကြိမ် ကုသမှု (First procedure)'
FORM_B2 = 'Baseline – ဒုတိယအကြိမ် ကုသမှု (Repeat procedure)'
FORM_FU = 'Follow-up – နောက်ဆက်တွဲ စစ်ဆေးမှု'
CAUSE = {'osteoporotic': ['Osteoporosis (အရိုးပွရောဂါ)'],
         'pathologic': ['Metastasis (ကင်ဆာ ပျံ့နှံ့မှု)', 'Multiple myeloma (သွေးကင်ဆာ)'],
         'traumatic': ['Trauma (ထိခိုက်ဒဏ်ရာ)']}
TECH = {'vertebroplasty': 'Vertebroplasty', 'kyphoplasty': 'Kyphoplasty (balloon)'}
LEAKQ = {'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral soft tissue',
         'epidural': 'Epidural', 'foraminal': 'Foraminal'}
TPQ = {'24h': '၂၄ နာရီ (24 hours)', '1m': '၁ လ (1 month)', '3m': '၃ လ (3 months)',
       '6m': '၆ လ (6 months)'}
SESSQ = {1: 'ပထမအကြိမ် ကုသမှု (1st procedure)', 2: 'ဒုတိယအကြိမ် ကုသမှု (2nd procedure)'}
ST_ATT = 'လာရောက်ပြသသည် (Attended)'
ST_PHONE = 'ဖုန်းဖြင့် မေးမြန်းသည် (Phone follow-up)'
ST_MISS = 'မလာပါ (Did not attend)'
ST_DIED = 'ကွယ်လွန်သွားပြီ (Died)'
REM = ['', '', '', 'ခါးပတ် (brace) ဝတ်ရန် မှာထားသည်', 'Calcium ဆေး ဆက်သောက်ရန်',
       'နာကျင်မှု သိသိသာသာ လျော့သည်', 'လမ်းလျှောက်နိုင်ပြီ', 'Mandalay မြို့ပြင်မှ လာသည်']


def safe_date(y, m, d):
    while True:
        try:
            return D(y, m, d)
        except ValueError:
            d -= 1


def age_on(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def main(outdir):
    rng = random.Random(190219)
    cut = D(2024, 4, 30)
    pts = gen_cohort(1977, 24, D(2022, 3, 1), D(2023, 12, 15), cut,
                     ['pre', '24h', '1m', '3m', '6m'], ['pain_vas', 'odi'], p_kp=.25,
                     cements=(('PMMA', 85), ('calcium phosphate', 15)),
                     n_second=3, n_extra_frac=1, n_dead=3, s2_tps=['pre', '24h', '1m'],
                     etio_w={'osteoporotic': 68, 'pathologic': 22, 'traumatic': 10})
    fem, mal = FEMALE[:], MALE[:]
    rng.shuffle(fem)
    rng.shuffle(mal)
    idents = []
    for k, p in enumerate(pts, 1):
        p['pid'] = f'SGH-VA-{k:03d}'
        p['name'] = fem.pop() if p['sex'] == 'female' else mal.pop()
        p['reg'] = f'{rng.randint(10000, 99999)}/{p["date0"].year % 100}'
        d0 = p['date0']
        while True:
            b = safe_date(d0.year - p['age'] - 1, rng.randint(1, 12), rng.randint(1, 28))
            if age_on(b, d0) == p['age']:
                break
        p['dob'] = b
        p['burmese'] = rng.random() < .5
        p['dob_known'] = rng.random() < .7
        ph = '09' + rng.choice(['7', '4', '2', '9']) + ''.join(rng.choice('0123456789') for _ in range(8))
        p['phone'] = my(ph) if p['burmese'] else f'{ph[:2]}-{ph[2:5]}-{ph[5:8]}-{ph[8:]}'
        for v in p['visits']:
            if v['tp'] == '24h':
                v['scores']['odi'] = None
        for s in p['sessions']:
            s['cdisp'] = ('Calcium phosphate cement (CPC)' if s['cement_type'] == 'calcium phosphate'
                          else rng.choice(['PMMA – Mendec Spine', 'PMMA – Osteopal V',
                                           'PMMA (အခြား brand)']))

    # ---- planted errors ----
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
    p = take(lambda p: len(p['sessions'][0]['verts']) == 1 and p['sessions'][0]['verts'][0]['level'] in ('L4', 'L5'))
    p['sessions'][0]['verts'][0]['level'] = 'L6'
    E[(p['pid'], 'levels')] = 'level L6 typed under "Other" — there are five lumbar vertebrae'
    p = take(lambda p: vis(p, '3m')['status'] == 'done')
    vis(p, '3m')['scores']['odi'] = 130
    E[(p['pid'], 'fuodi', '3m')] = 'ODI 130 % — the index runs 0-100 %'
    p = take(lambda p: vis(p, '1m')['status'] == 'done')
    vis(p, '1m')['noid'] = True
    E[(p['pid'], 'id', '1m')] = 'follow-up form with scores but no Study ID (cannot be linked to a patient)'
    p = take(lambda p: vis(p, '6m')['status'] == 'done' and p['date0'].month > 1)
    v = vis(p, '6m')
    v['shown'] = v['date'].replace(year=v['date'].year - 1) if not (v['date'].month == 2 and v['date'].day == 29) else v['date'] - dt.timedelta(days=366)
    E[(p['pid'], 'fudate', '6m')] = '6-month visit date is before the procedure date (year typed wrong)'

    # ---- forms ----
    forms = []

    def stamp(d, lo, hi):
        d = d + dt.timedelta(days=rng.randint(lo, hi))
        return dt.datetime(d.year, d.month, d.day, rng.randint(8, 19), rng.randint(0, 59), rng.randint(0, 59))

    for p in pts:
        for s in p['sessions']:
            f = {'form': FORM_B1 if s['num'] == 1 else FORM_B2, 'id': p['pid'], 'name': p['name'],
                 'reg': p['reg'], 'cause': rng.choice(CAUSE[p['etiology']])}
            if s['num'] == 1:
                f['dob'] = ((my if p['burmese'] else str)(p['dob'].strftime('%d/%m/%Y'))
                            if p['dob_known'] else 'မသိ')
                f['age'] = my(p['age']) if p['burmese'] else p['age']
                f['sex'] = 'မ (Female)' if p['sex'] == 'female' else 'ကျား (Male)'
                f['phone'] = p['phone']
            f['pdate'] = dt.datetime.combine(s['date'], dt.time())
            f['levels'] = ', '.join(v['level'] for v in s['verts'])
            f['tech'] = TECH[s['technique']]
            f['cement'] = s['cdisp']
            tot = fmt(sum(v['vol'] for v in s['verts']))
            f['vol'] = (my(tot) if p['burmese'] else tot) + (' ml' if rng.random() < .4 else '')
            if f['vol'].replace('.', '').isdigit():
                f['vol'] = float(f['vol']) if '.' in f['vol'] else int(f['vol'])
            leaking = [v for v in s['verts'] if v['leak']]
            if not leaking:
                f['leak'] = 'မရှိပါ (No leakage)'
            else:
                types = [t for t in LEAK_ORDER if any(t in v['leak'] for v in leaking)]
                f['leak'] = ', '.join(LEAKQ[t] for t in types)
                if len(s['verts']) > 1:
                    if len(leaking) == 1:
                        f['leaklvl'] = leaking[0]['level']
                    else:
                        f['leaklvl'] = '; '.join(f"{v['level']} – " + ', '.join(LEAKQ[t] for t in v['leak'])
                                                 for v in leaking)
            pre = next(v for v in p['visits'] if v['session'] == s['num'] and v['tp'] == 'pre')
            f['prevas'] = pre['scores']['pain_vas']
            f['preodi'] = my(pre['scores']['odi']) if p['burmese'] else pre['scores']['odi']
            f['remark'] = rng.choice(REM)
            f['ts'] = stamp(s['date'], 0, 2)
            f['_p'] = p
            forms.append(f)
        dead_done = False
        for v in p['visits']:
            if v['tp'] == 'pre':
                continue
            st = v['status']
            if st in ('notdue', 'stopped'):
                continue
            if st == 'dead':
                if dead_done:
                    continue
                dead_done = True
                call = max(v['date'], p['death_date'] + dt.timedelta(days=5))
                if call > cut:
                    call = p['death_date'] + dt.timedelta(days=3)
                f = {'form': FORM_FU, 'id': p['pid'], 'fusess': SESSQ[v['session']], 'futp': TPQ[v['tp']],
                     'fudate': dt.datetime.combine(call, dt.time()), 'status': ST_DIED,
                     'deathdate': dt.datetime.combine(p['death_date'], dt.time()),
                     'remark': 'ဆွေမျိုးထံ ဖုန်းဆက်၍ သိရသည်', 'ts': stamp(call, 0, 1), '_p': p}
                forms.append(f)
                continue
            if st == 'missed':
                if rng.random() < .4:
                    continue
                f = {'form': FORM_FU, 'id': p['pid'], 'fusess': SESSQ[v['session']], 'futp': TPQ[v['tp']],
                     'fudate': dt.datetime.combine(v['date'], dt.time()), 'status': ST_MISS,
                     'remark': rng.choice(['ဖုန်းဆက်သော်လည်း မကိုင်ပါ', '', 'ရွာပြန်သွားသည်']),
                     'ts': stamp(v['date'], 0, 3), '_p': p}
                forms.append(f)
                continue
            f = {'form': FORM_FU, 'id': '' if v.get('noid') else p['pid'], 'fusess': SESSQ[v['session']],
                 'futp': TPQ[v['tp']],
                 'fudate': dt.datetime.combine(v.get('shown', v['date']), dt.time()),
                 'status': ST_PHONE if (v['tp'] in ('3m', '6m') and rng.random() < .25) else ST_ATT,
                 'fuvas': v['scores']['pain_vas'], 'remark': rng.choice(REM),
                 'ts': stamp(v['date'], 0, 0 if v['tp'] == '24h' else 9), '_p': p, '_v': v}
            if v['scores'].get('odi') is not None:
                f['fuodi'] = my(v['scores']['odi']) if p['burmese'] else v['scores']['odi']
            fx = [x for x in p['fractures'] if x['date'] == v['date']]
            if fx:
                f['newfx'] = f"{fx[0]['level']} အသစ်ကျိုးနေသည်"
                if fx[0]['treated']:
                    f['remark'] = 'ဒုတိယအကြိမ် procedure လုပ်ရန် ချိန်းထားသည်'
            elif v['tp'] != '24h':
                f['newfx'] = rng.choice(['မတွေ့ပါ', 'မတွေ့ပါ', 'No', ''])
            forms.append(f)
        if p['died'] and not dead_done:
            call = min(p['death_date'] + dt.timedelta(days=rng.randint(3, 20)), cut)
            forms.append({'form': FORM_FU, 'id': p['pid'], 'fusess': SESSQ[len(p['sessions'])],
                          'fudate': dt.datetime.combine(call, dt.time()), 'status': ST_DIED,
                          'deathdate': dt.datetime.combine(p['death_date'], dt.time()),
                          'remark': 'ဆွေမျိုးများ လာရောက် အကြောင်းကြားသည်', 'ts': stamp(call, 0, 1), '_p': p})
    forms.sort(key=lambda f: f['ts'])
    assert max(f['ts'] for f in forms).date() <= cut + dt.timedelta(days=10)

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Form Responses 1'
    for c, k in enumerate(ORDERQ, 1):
        cell = ws.cell(1, c, Q[k])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical='top')
        ws.column_dimensions[get_column_letter(c)].width = 22 if k != 'ts' else 19
    errors = []
    for r, f in enumerate(forms, 2):
        p = f['_p']
        for c, k in enumerate(ORDERQ, 1):
            val = f.get(k)
            if val in (None, ''):
                continue
            cell = ws.cell(r, c, val)
            if k == 'ts':
                cell.number_format = 'dd/mm/yyyy hh:mm:ss'
            elif isinstance(val, dt.datetime):
                cell.number_format = 'dd/mm/yyyy'
        tp = next((t for t, lab in TPQ.items() if lab == f.get('futp')), None)
        for key in [(p['pid'], 'levels')] if f['form'] == FORM_B1 else [(p['pid'], k, tp) for k in ('fuodi', 'id', 'fudate')]:
            if key in E and (f['form'] == FORM_B1 or f.get('status') in (ST_ATT, ST_PHONE)):
                k = key[1]
                c = ORDERQ.index(k) + 1
                val = ws.cell(r, c).value
                if isinstance(val, dt.datetime):
                    val = val.strftime('%d/%m/%Y')
                errors.append([ws.title, f'{get_column_letter(c)}{r}', r, Q[k], '' if val is None else val,
                               E[key], '' if k == 'id' else p['pid']])
    ws.freeze_panes = 'C2'
    assert len(errors) == 4, errors
    for p in pts:
        idents += [['name', p['name']], ['record_number', p['reg']], ['phone', p['phone']]]
        if p['dob_known']:
            idents.append(['birth_date', (my if p['burmese'] else str)(p['dob'].strftime('%d/%m/%Y'))])
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, per_vertebra=False)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
