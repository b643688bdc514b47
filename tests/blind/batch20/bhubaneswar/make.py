#!/usr/bin/env python3
# make.py for site 'bhubaneswar' -- usage: python make.py OUTDIR
# ---------------------------------------------------------------------------
# Cohort generator (shared part).  Deterministic: everything is drawn from one
# random.Random(seed).  The site part below renders the cohort into the unit's
# own spreadsheet layout and writes the truth tables from the same objects.
# ---------------------------------------------------------------------------
import sys, os, csv, random, calendar
from datetime import date, timedelta

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAY = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 90,
          '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '1m': 3, '6w': 3, '3m': 6,
          '6m': 9, '12m': 12, '24m': 20}


def lvl_index(lv):
    return LEVELS.index(lv)


def age_at(birth, d):
    a = d.year - birth.year
    if (d.month, d.day) < (birth.month, birth.day):
        a -= 1
    return a


def fmt_num(v):
    if v is None:
        return ''
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return ('%g' % v) if isinstance(v, float) else str(v)


def wchoice(rng, items):
    tot = sum(w for _, w in items)
    r = rng.uniform(0, tot)
    acc = 0
    for it, w in items:
        acc += w
        if r <= acc:
            return it
    return items[-1][0]


def score(rng, measure, tp, pre=None):
    if measure == 'vas':
        if tp == 'pre':
            return rng.randint(6, 10)
        if tp == '24h':
            return max(0, pre - rng.randint(2, 5))
        if tp in ('1w', '2w'):
            return max(0, pre - rng.randint(3, 6))
        if tp in ('1m', '6w'):
            return rng.randint(1, 4)
        return rng.randint(0, 3)
    if measure == 'odi':
        if tp == 'pre':
            return 2 * rng.randint(22, 43)
        if tp in ('24h', '1w', '2w'):
            return 2 * rng.randint(16, 30)
        if tp in ('1m', '6w'):
            return 2 * rng.randint(10, 24)
        return 2 * rng.randint(6, 20)
    if measure == 'mobility':
        if tp == 'pre':
            return rng.randint(2, 4)
        if tp == '24h':
            return rng.randint(1, 3)
        return rng.randint(0, 2)
    raise ValueError(measure)


def pick_levels(rng, det, k):
    if det.startswith('osteo'):
        w = [('T6', 1), ('T7', 1), ('T8', 2), ('T9', 2), ('T10', 3), ('T11', 5),
             ('T12', 9), ('L1', 9), ('L2', 6), ('L3', 4), ('L4', 2)]
    elif det.startswith('trauma'):
        w = [('T11', 3), ('T12', 5), ('L1', 6), ('L2', 3), ('L3', 1)]
    else:
        w = [(l, 1) for l in LEVELS[3:]]
    c = lvl_index(wchoice(rng, w))
    if k > 1 and det in ('meta_breast', 'meta_prostate', 'meta_lung', 'myeloma') \
            and rng.random() < 0.4:
        idx = sorted(rng.sample(range(3, 17), k))
        return [LEVELS[i] for i in idx]
    s = c - rng.randint(0, k - 1)
    s = max(0, min(s, 17 - k))
    return [LEVELS[i] for i in range(s, s + k)]


def cement_vol(rng, lv, tech):
    i = lvl_index(lv)
    if i <= 5:
        lo, hi = 2.0, 3.5
    elif i <= 9:
        lo, hi = 2.5, 4.5
    elif i <= 12:
        lo, hi = 3.0, 5.5
    else:
        lo, hi = 3.5, 6.5
    if tech == 'kyphoplasty':
        lo, hi = lo + 0.5, hi + 1.0
    v = rng.uniform(lo, hi)
    if rng.random() < 0.85:
        return round(v * 2) / 2.0
    return round(v, 1)


LEAK_W = [((), 72), (('disc',), 10), (('venous',), 9), (('paravertebral',), 5),
          (('epidural',), 2), (('foraminal',), 1), (('disc', 'venous'), 1)]


def gen_cohort(cfg):
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    # aetiology detail, fixed counts
    dets = []
    dets += ['meta_breast'] * cfg.get('n_breast', 2)
    dets += ['meta_prostate'] * cfg.get('n_prostate', 1)
    dets += ['meta_lung'] * cfg.get('n_lung', 1)
    dets += ['myeloma'] * cfg.get('n_myeloma', 2)
    dets += ['trauma_fall'] * cfg.get('n_fall', 2)
    dets += ['trauma_rta'] * cfg.get('n_rta', 1)
    dets += ['osteo'] * (n - len(dets))
    rng.shuffle(dets)
    n_multi = int(round(0.3 * n))
    nlev = [1] * n
    multi_idx = rng.sample(range(n), n_multi)
    for j, i in enumerate(multi_idx):
        nlev[i] = 3 if j < max(1, n_multi // 3) else 2
    span = (cfg['end'] - cfg['start']).days
    d1s = sorted(cfg['start'] + timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        det = dets[i]
        if det == 'meta_breast':
            sex = 'female'
        elif det == 'meta_prostate':
            sex = 'male'
        elif det.startswith('osteo'):
            sex = 'female' if rng.random() < 0.8 else 'male'
        elif det.startswith('trauma'):
            sex = 'male' if rng.random() < 0.6 else 'female'
        else:
            sex = rng.choice(['female', 'male'])
        if det.startswith('osteo'):
            age = rng.randint(58, 89)
        elif det.startswith('trauma'):
            age = rng.randint(34, 72)
        else:
            age = rng.randint(45, 80)
        d1 = d1s[i]
        by = d1.year - age - rng.choice([0, 1])
        birth = date(by, rng.randint(1, 12), rng.randint(1, 28))
        age = age_at(birth, d1)
        etio = ('osteoporotic' if det.startswith('osteo') else
                'traumatic' if det.startswith('trauma') else 'pathologic')
        if det.startswith('trauma') or rng.random() < cfg.get('kp_share', 0.3) * (0.6 if etio == 'osteoporotic' else 1.0):
            tech = 'kyphoplasty'
        else:
            tech = 'vertebroplasty'
        if det.startswith('trauma') and age < 55 and cfg.get('cap_key'):
            ckey = cfg['cap_key']
        else:
            ckey = wchoice(rng, cfg['cements'])
        levels = pick_levels(rng, det, nlev[i])
        lvs = []
        for lv in levels:
            leak = wchoice(rng, LEAK_W)
            lvs.append({'level': lv, 'vol': cement_vol(rng, lv, tech), 'leak': list(leak)})
        s1 = {'n': 1, 'date': d1, 'tech': tech, 'ckey': ckey,
              'cement_type': cfg['cement_type'][ckey], 'levels': lvs,
              'leak_recorded': rng.random() > cfg.get('leak_unrec_p', 0.06)}
        pts.append({'i': i, 'det': det, 'etiology': etio, 'sex': sex, 'age': age,
                    'birth': birth, 'sessions': [s1], 'fractures': [], 'died': False,
                    'death_date': None, 'visits': []})

    def make_visits(p, sess, tps, measures, until=None):
        sd = sess['date']
        pre = None
        out = []
        for tp in tps:
            vd = sd + timedelta(days=TP_DAY[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            if until is not None and vd >= until:
                break
            status = 'done'
            if tp not in ('pre', '24h') and rng.random() < cfg.get('miss_p', 0.1):
                status = 'missed'
            sc = {}
            for m in measures.get(tp, []):
                if m == 'vas' and tp != 'pre':
                    val = score(rng, m, tp, pre)
                else:
                    val = score(rng, m, tp, pre)
                if m == 'vas' and tp == 'pre':
                    pre = val
                if status == 'done' and tp != 'pre' and rng.random() < cfg.get('item_miss_p', 0.04):
                    val = None
                sc[m] = val if status == 'done' else None
            out.append({'session': sess['n'], 'tp': tp, 'date': vd, 'status': status, 'scores': sc})
        return out

    # choose patients for 2nd sessions / untreated fractures / deaths
    idx = list(range(n))
    rng.shuffle(idx)
    path = [i for i in idx if pts[i]['etiology'] == 'pathologic']
    nonpath = [i for i in idx if pts[i]['etiology'] == 'osteoporotic' and pts[i]['age'] >= 75]
    dead = path[:cfg.get('n_deaths', 3) - 1] + nonpath[:1]
    rest = [i for i in idx if i not in dead and pts[i]['etiology'] != 'traumatic']
    second = rest[:cfg.get('n_second', 3)]
    untreated = rest[cfg.get('n_second', 3):cfg.get('n_second', 3) + cfg.get('n_untreated', 2)]
    lastday = TP_DAY[cfg['tps1'][-1]]
    for i in range(n):
        p = pts[i]
        s1 = p['sessions'][0]
        d1 = s1['date']
        treated = [lvl_index(l['level']) for l in s1['levels']]
        if i in second or i in untreated:
            lo, hi = cfg['frac_window']
            f = rng.randint(lo, hi)
            cands = [min(treated) - 1, max(treated) + 1, min(treated) - 2, max(treated) + 2]
            cands = [c for c in cands if 3 <= c <= 16]
            flv = LEVELS[cands[0] if rng.random() < 0.6 else cands[1 % len(cands)]]
            fdate = d1 + timedelta(days=f)
            p['fractures'].append({'date': fdate, 'level': flv})
            if i in second:
                s2d = fdate + timedelta(days=rng.randint(3, 12))
                p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'], until=fdate)
                tech2 = s1['tech'] if rng.random() < 0.7 else ('kyphoplasty' if s1['tech'] == 'vertebroplasty' else 'vertebroplasty')
                s2 = {'n': 2, 'date': s2d, 'tech': tech2, 'ckey': s1['ckey'],
                      'cement_type': s1['cement_type'],
                      'levels': [{'level': flv, 'vol': cement_vol(rng, flv, tech2), 'leak': list(wchoice(rng, LEAK_W))}],
                      'leak_recorded': True}
                p['sessions'].append(s2)
                p['visits'] += make_visits(p, s2, cfg['tps2'], cfg.get('measures2', cfg['measures']))
            else:
                p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'])
        elif i in dead:
            lo, hi = cfg['death_window']
            dd = d1 + timedelta(days=rng.randint(lo, hi))
            p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'], until=dd - timedelta(days=3))
            p['died'] = True
            p['death_date'] = dd
        else:
            p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'])
    return pts


def truth_tables(P, vol_mode='vertebra'):
    pats, procs, assess, fracs = [], [], [], []
    for p in P:
        pats.append({'patient_id': p['pid'], 'sex': p['sex'], 'age_years': p['age'],
                     'etiology': p['etiology'], 'died': 'yes' if p['died'] else 'no'})
        d1 = p['sessions'][0]['date']
        for s in p['sessions']:
            tot = sum(l['vol'] for l in s['levels'])
            for lv in s['levels']:
                if vol_mode == 'vertebra':
                    cv, sv = fmt_num(lv['vol']), ''
                else:
                    cv, sv = '', fmt_num(round(tot, 2))
                leak = (';'.join(lv['leak']) if lv['leak'] else 'none') if s['leak_recorded'] else ''
                procs.append({'patient_id': p['pid'], 'session': s['n'],
                              'day': '' if s.get('day_unknown') else (s['date'] - d1).days,
                              'level': lv['level'], 'technique': s['tech'],
                              'cement_volume_ml': cv, 'session_cement_volume_ml': sv,
                              'cement_type': s['cement_type'], 'leakage': leak})
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            for m in ('vas', 'odi', 'mobility'):
                val = v['scores'].get(m)
                if val is None:
                    continue
                meas = {'vas': 'pain_vas', 'odi': 'odi', 'mobility': 'mobility'}[m]
                assess.append({'patient_id': p['pid'], 'session': v['session'],
                               'measure': meas, 'timepoint': v['tp'], 'value': fmt_num(val)})
        for f in p['fractures']:
            fracs.append({'patient_id': p['pid'], 'day': (f['date'] - d1).days, 'level': f['level']})
    return pats, procs, assess, fracs


def write_csv(path, fields, rows):
    with open(path, 'w', newline='', encoding='utf-8') as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, '') for k in fields})


def write_truth(outdir, P, errors, identifiers, vol_mode='vertebra'):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    pats, procs, assess, fracs = truth_tables(P, vol_mode)
    write_csv(os.path.join(td, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'], pats)
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], procs)
    write_csv(os.path.join(td, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], assess)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], fracs)
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, rows = set(), []
    for k, v in identifiers:
        if (k, v) not in seen and v not in ('', None):
            seen.add((k, v))
            rows.append({'kind': k, 'value': v})
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], rows)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def simple_patients(P):
    """Patients with one session, no new fracture, not dead: safe hosts for errors."""
    return [p for p in P if len(p['sessions']) == 1 and not p['fractures'] and not p['died']]

# ---------------------------------------------------------------------------
# Site part
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

CFG = dict(seed=20203, n=25, start=date(2021, 1, 11), end=date(2022, 9, 30),
           tps1=['pre', '24h', '1m', '3m', '12m'], tps2=['pre', '1m', '3m'],
           measures={'pre': ['vas', 'odi', 'mobility'], '24h': ['vas'], '1m': ['vas', 'mobility'],
                     '3m': ['vas', 'odi'], '12m': ['vas', 'odi', 'mobility']},
           measures2={'pre': ['vas'], '1m': ['vas'], '3m': ['vas']},
           frac_window=(100, 250), death_window=(50, 300), n_deaths=3, n_second=3,
           n_untreated=2, kp_share=0.3, miss_p=0.12, item_miss_p=0.05, leak_unrec_p=0.06,
           cements=[('osteopal', 5), ('kyphon', 3)], cap_key='cap',
           cement_type={'osteopal': 'PMMA', 'kyphon': 'PMMA', 'cap': 'calcium phosphate'},
           n_breast=2, n_prostate=1, n_lung=1, n_myeloma=2, n_fall=2, n_rta=1)

OD = str.maketrans('0123456789', '୦୧୨୩୪୫୬୭୮୯')


def od(s):
    return str(s).translate(OD)


FEM = ['Sabitri Behera', 'Kuni Sahoo', 'Pramila Mohanty', 'Sukanti Nayak', 'Basanti Das',
       'Jayanti Pradhan', 'Laxmipriya Swain', 'Sarojini Mishra', 'Hemalata Panda', 'Kamala Rout',
       'Manorama Jena', 'Sulochana Parida', 'Padmini Sethi', 'Tilottama Mallick',
       'Gitanjali Senapati', 'Annapurna Biswal', 'Bijayalaxmi Dash', 'Urmila Samal']
FEM_OD = ['ସାବିତ୍ରୀ ବେହେରା', 'କୁନି ସାହୁ', 'ସୁକାନ୍ତି ନାୟକ', 'ବାସନ୍ତୀ ଦାସ']
MAL = ['Bhagaban Sahu', 'Pradeep Kumar Patnaik', 'Surendra Nath Mohapatra', 'Bijay Kumar Rath',
       'Gopinath Barik', 'Ramesh Chandra Das', 'Akshaya Kumar Samantaray', 'Dillip Kumar Behera',
       'Hrushikesh Tripathy']
MAL_OD = ['ଭଗବାନ ସାହୁ', 'ଗୋପୀନାଥ ବାରିକ']
LVL_CODE = {l: i + 1 for i, l in enumerate(LEVELS)}
LEAK_CODE = {(): 0, ('disc',): 1, ('venous',): 2, ('paravertebral',): 3, ('epidural',): 4,
             ('foraminal',): 5, ('disc', 'venous'): 6}
CEM_CODE = {'osteopal': 1, 'kyphon': 2, 'cap': 3}
ETIO_CODE = {'osteo': 1, 'meta_breast': 2, 'meta_prostate': 2, 'meta_lung': 2, 'myeloma': 3,
             'trauma_fall': 4, 'trauma_rta': 4}
MISS = 99


def dstr(d):
    return d.strftime('%d/%m/%Y')


def main(outdir):
    P = gen_cohort(CFG)
    r = random.Random(9904)
    fem, mal, femod, malod = FEM[:], MAL[:], FEM_OD[:], MAL_OD[:]
    for l in (fem, mal, femod, malod):
        r.shuffle(l)
    used_surn = set()
    for k, p in enumerate(P):
        p['pid'] = 'DMC/VA/%03d' % (k + 1)
        if p['sex'] == 'female':
            p['name'] = femod.pop() if (femod and r.random() < 0.2) else fem.pop()
        else:
            p['name'] = malod.pop() if (malod and r.random() < 0.2) else mal.pop()
        p['cr'] = 'CR-%02d-%05d' % (p['sessions'][0]['date'].year % 100, r.randint(1000, 68000))
        ph = '%d%03d %05d' % (r.choice([94, 98, 70, 78, 99, 63]), r.randint(0, 999), r.randint(0, 99999))
        p['phone'] = od(ph) if r.random() < 0.3 else ph
    # ---- variables
    V = [('slno', 'କ୍ରମିକ ନଂ (Sl. no.)'), ('study_id', 'ଅଧ୍ୟୟନ ID (Study ID)'),
         ('pt_name', 'ରୋଗୀଙ୍କ ନାମ (Patient name)'), ('cr_no', 'CR ନମ୍ବର (CR no.)'),
         ('dob', 'ଜନ୍ମ ତାରିଖ (DOB, dd/mm/yyyy)'), ('age', 'ବୟସ (Age, years)'),
         ('sex', 'ଲିଙ୍ଗ (Sex)'), ('phone', 'ଫୋନ୍ ନମ୍ବର (Phone)'), ('etiol', 'କାରଣ (Aetiology)')]
    V += [('s1_date', 'ପ୍ରଥମ ପ୍ରକ୍ରିୟା ତାରିଖ (1st procedure date)'),
          ('s1_tech', 'ପଦ୍ଧତି (Technique, 1st)'), ('s1_cem', 'ସିମେଣ୍ଟ (Cement, 1st)')]
    for j in (1, 2, 3):
        V += [('s1_l%d' % j, 'ସ୍ତର %s (Level %d)' % (od(j), j)),
              ('s1_v%d' % j, 'ସିମେଣ୍ଟ ପରିମାଣ %s (Cement volume %d, ml)' % (od(j), j)),
              ('s1_lk%d' % j, 'ଲିକେଜ୍ %s (Leakage %d)' % (od(j), j))]
    V += [('vas_pre', 'VAS ପ୍ରକ୍ରିୟା ପୂର୍ବରୁ (pre-op)'), ('vas_24h', 'VAS ୨୪ ଘଣ୍ଟା (24 h)'),
          ('vas_1m', 'VAS ୧ ମାସ (1 month)'), ('vas_3m', 'VAS ୩ ମାସ (3 months)'),
          ('vas_12m', 'VAS ୧୨ ମାସ (12 months)'),
          ('odi_pre', 'ODI % ପୂର୍ବରୁ (pre-op)'), ('odi_3m', 'ODI % ୩ ମାସ'), ('odi_12m', 'ODI % ୧୨ ମାସ'),
          ('mob_pre', 'ଚଳପ୍ରଚଳ ପୂର୍ବରୁ (Mobility pre-op)'), ('mob_1m', 'ଚଳପ୍ରଚଳ ୧ ମାସ (Mobility 1 m)'),
          ('mob_12m', 'ଚଳପ୍ରଚଳ ୧୨ ମାସ (Mobility 12 m)'),
          ('nfx', 'ନୂଆ ଭଙ୍ଗା (New fracture)'), ('nfx_date', 'ନୂଆ ଭଙ୍ଗା ତାରିଖ (New fracture date)'),
          ('nfx_lvl', 'ନୂଆ ଭଙ୍ଗା ସ୍ତର (New fracture level)'),
          ('s2', 'ଦ୍ୱିତୀୟ ପ୍ରକ୍ରିୟା (2nd procedure)'), ('s2_date', 'ଦ୍ୱିତୀୟ ପ୍ରକ୍ରିୟା ତାରିଖ (2nd procedure date)'),
          ('s2_tech', 'ପଦ୍ଧତି (Technique, 2nd)'), ('s2_cem', 'ସିମେଣ୍ଟ (Cement, 2nd)'),
          ('s2_l1', 'ସ୍ତର (Level, 2nd)'), ('s2_v1', 'ସିମେଣ୍ଟ ପରିମାଣ (Cement volume, 2nd, ml)'),
          ('s2_lk1', 'ଲିକେଜ୍ (Leakage, 2nd)'),
          ('s2vas_pre', 'VAS ଦ୍ୱିତୀୟ ପ୍ରକ୍ରିୟା ପୂର୍ବରୁ (2nd pre-op)'), ('s2vas_1m', 'VAS ଦ୍ୱିତୀୟ ପ୍ରକ୍ରିୟା ପରେ ୧ ମାସ (2nd, 1 m)'),
          ('s2vas_3m', 'VAS ଦ୍ୱିତୀୟ ପ୍ରକ୍ରିୟା ପରେ ୩ ମାସ (2nd, 3 m)'),
          ('died', 'ମୃତ୍ୟୁ (Died)'), ('dod', 'ମୃତ୍ୟୁ ତାରିଖ (Date of death)'), ('remarks', 'ଟିପ୍ପଣୀ (Remarks)')]
    col = {v: i + 1 for i, (v, _) in enumerate(V)}
    # ---- planted errors
    simple = simple_patients(P)
    errs = {}
    def first(cands):
        for p in cands:
            if p['pid'] not in errs:
                return p
    p = first([p for p in simple if any(v['tp'] == '1m' and v['status'] == 'done' and v['scores'].get('vas') is not None for v in p['visits'])])
    for v in p['visits']:
        if v['tp'] == '1m':
            v['scores']['vas'] = 11
    errs[p['pid']] = ('vas_1m', 'VAS 11 is outside the 0-10 scale')
    p = first([p for p in simple[::-1] if any(v['tp'] == '3m' and v['status'] == 'done' and v['scores'].get('odi') is not None for v in p['visits'])])
    for v in p['visits']:
        if v['tp'] == '3m':
            v['scores']['odi'] = 120
    errs[p['pid']] = ('odi_3m', 'ODI 120 % is outside the 0-100 % scale')
    p = first([p for p in simple if len(p['sessions'][0]['levels']) >= 2])
    p['sessions'][0]['levels'][1]['vol'] = 22.5
    errs[p['pid']] = ('s1_v2', 'cement volume 22.5 mL in one vertebra is implausible (>20 mL)')
    p = first(simple[len(simple) // 2:])
    p['bad_dob'] = '31/06/%d' % p['birth'].year
    errs[p['pid']] = ('dob', 'impossible date: 31 June does not exist')

    wb = Workbook()
    ws = wb.active
    ws.title = 'Data'
    hf = PatternFill('solid', fgColor='FFF2CC')
    for (v, lab), c in zip(V, range(1, len(V) + 1)):
        ws.cell(1, c, v).font = Font(bold=True)
        x = ws.cell(2, c, lab)
        x.font = Font(italic=True)
        x.fill = hf
        x.alignment = Alignment(wrap_text=True, vertical='top')
    errors, idents = [], []
    row = 3
    for k, p in enumerate(P):
        D = {}
        s1 = p['sessions'][0]
        D['slno'] = k + 1
        D['study_id'] = p['pid']
        D['pt_name'] = p['name']
        D['cr_no'] = p['cr']
        D['dob'] = p.get('bad_dob', dstr(p['birth']))
        D['age'] = p['age']
        D['sex'] = 1 if p['sex'] == 'male' else 2
        D['phone'] = p['phone']
        D['etiol'] = ETIO_CODE[p['det']]
        idents += [('name', p['name']), ('record_number', p['cr']), ('birth_date', D['dob']),
                   ('phone', p['phone'])]
        D['s1_date'] = dstr(s1['date'])
        D['s1_tech'] = 1 if s1['tech'] == 'vertebroplasty' else 2
        D['s1_cem'] = CEM_CODE[s1['ckey']]
        for j, lv in enumerate(s1['levels'], 1):
            D['s1_l%d' % j] = LVL_CODE[lv['level']]
            D['s1_v%d' % j] = lv['vol']
            D['s1_lk%d' % j] = LEAK_CODE[tuple(lv['leak'])] if s1['leak_recorded'] else 9
        vis = {(v['session'], v['tp']): v for v in p['visits']}
        remarks = []
        for sn, tps, meas, pref in ((1, CFG['tps1'], CFG['measures'], ''), (2, CFG['tps2'], CFG['measures2'], 's2')):
            if sn == 2 and len(p['sessions']) < 2:
                continue
            for tp in tps:
                v = vis.get((sn, tp))
                for m in meas.get(tp, []):
                    name = {'vas': 'vas', 'odi': 'odi', 'mobility': 'mob'}[m]
                    name = (pref + name + '_' + tp) if not pref else (pref + name + '_' + tp)
                    if v is None:
                        continue  # not applicable (after death / replaced by 2nd procedure): system-missing
                    val = v['scores'].get(m) if v['status'] == 'done' else None
                    D[name] = val if val is not None else MISS
                if v is not None and v['status'] == 'missed' and sn == 1 and r.random() < 0.6:
                    remarks.append({'24h': '୨୪ ଘଣ୍ଟା', '1m': '୧ ମାସ', '3m': '୩ ମାସ',
                                    '12m': '୧୨ ମାସ'}[tp] + ' ଫଲୋଅପ୍ ରେ ଆସିନାହାଁନ୍ତି')
        if p['fractures']:
            f = p['fractures'][0]
            D['nfx'] = 1
            D['nfx_date'] = dstr(f['date'])
            D['nfx_lvl'] = LVL_CODE[f['level']]
            if len(p['sessions']) == 1:
                remarks.append('ନୂଆ ଭଙ୍ଗା — ବେଲ୍ଟ ଓ ଔଷଧ (conservative)')
        else:
            D['nfx'] = 0
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            D['s2'] = 1
            D['s2_date'] = dstr(s2['date'])
            D['s2_tech'] = 1 if s2['tech'] == 'vertebroplasty' else 2
            D['s2_cem'] = CEM_CODE[s2['ckey']]
            lv = s2['levels'][0]
            D['s2_l1'] = LVL_CODE[lv['level']]
            D['s2_v1'] = lv['vol']
            D['s2_lk1'] = LEAK_CODE[tuple(lv['leak'])]
        else:
            D['s2'] = 0
        D['died'] = 1 if p['died'] else 0
        if p['died']:
            D['dod'] = dstr(p['death_date'])
            remarks.append('ଘରେ ମୃତ୍ୟୁ, ପୁଅ ଫୋନ୍ ରେ ଜଣାଇଲେ' if r.random() < 0.5 else 'ମୃତ୍ୟୁ (ଡାକ୍ତରଖାନାରେ)')
        if not remarks and r.random() < 0.3:
            remarks.append(r.choice(['ଫୋନ୍ ରେ ଯୋଗାଯୋଗ ହେଲା', 'ବେଲ୍ଟ ପିନ୍ଧିବାକୁ ପରାମର୍ଶ',
                                     'କ୍ୟାଲସିୟମ୍ ଓ ଭିଟାମିନ୍ D ଆରମ୍ଭ']))
        if remarks:
            D['remarks'] = '; '.join(remarks)
        for v, val in D.items():
            ws.cell(row, col[v], val)
        if p['pid'] in errs:
            vname, what = errs[p['pid']]
            errors.append({'sheet': 'Data', 'cell': '%s%d' % (col_letter(col[vname]), row), 'row': row,
                           'column_header': dict(V)[vname], 'value': fmt_num(D[vname]),
                           'what_is_wrong': what, 'patient_id': p['pid']})
        row += 1
    for c in range(1, len(V) + 1):
        ws.column_dimensions[col_letter(c)].width = 11
    ws.column_dimensions['C'].width = 24
    ws.column_dimensions[col_letter(col['remarks'])].width = 50
    ws.freeze_panes = 'D3'
    # ---- value labels sheet
    vl = wb.create_sheet('Value labels')
    vl['A1'] = 'Value labels — VA_cohort_DMC_final_v3.sav (SPSS 26), exported for analysis'
    vl['A1'].font = Font(bold=True)
    for j, h in enumerate(['Variable', 'Value', 'Label'], 1):
        vl.cell(3, j, h).font = Font(bold=True)
    rows = []
    rows += [('sex', 1, 'ପୁରୁଷ (Male)'), ('sex', 2, 'ମହିଳା (Female)')]
    rows += [('etiol', 1, 'ଅଷ୍ଟିଓପୋରୋସିସ୍ (Osteoporotic)'), ('etiol', 2, 'ମେଟାଷ୍ଟାସିସ୍ (Metastasis)'),
             ('etiol', 3, 'ମଲ୍ଟିପଲ୍ ମାୟେଲୋମା (Multiple myeloma)'), ('etiol', 4, 'ଆଘାତ (Trauma)')]
    for vn in ('s1_tech', 's2_tech'):
        rows += [(vn, 1, 'Vertebroplasty (PVP)'), (vn, 2, 'Balloon kyphoplasty (BKP)')]
    for vn in ('s1_cem', 's2_cem'):
        rows += [(vn, 1, 'PMMA – Osteopal V'), (vn, 2, 'PMMA – Kyphon HV-R'),
                 (vn, 3, 'କ୍ୟାଲସିୟମ୍ ଫସଫେଟ୍ (Calcium phosphate cement)')]
    lvl_vars = ['s1_l1', 's1_l2', 's1_l3', 's2_l1', 'nfx_lvl']
    rows.append((', '.join(lvl_vars), '', 'ମେରୁଦଣ୍ଡ ସ୍ତର (vertebral level): D = dorsal'))
    for l, c in LVL_CODE.items():
        rows.append(('', c, ('D' + l[1:]) if l.startswith('T') else l))
    lk_vars = 's1_lk1, s1_lk2, s1_lk3, s2_lk1'
    rows += [(lk_vars, 0, 'ନାହିଁ (None)'), ('', 1, 'Disc (intradiscal)'), ('', 2, 'Venous (paravertebral/segmental vein)'),
             ('', 3, 'Paravertebral soft tissue'), ('', 4, 'Epidural'), ('', 5, 'Foraminal'),
             ('', 6, 'Disc + venous'), ('', 9, 'ଲେଖା ନାହିଁ (Not recorded) — missing')]
    rows += [('mob_pre, mob_1m, mob_12m', 0, 'ସ୍ୱାଧୀନ ଭାବେ ଚାଲନ୍ତି (Walks independently)'),
             ('', 1, 'ବାଡ଼ି ସାହାଯ୍ୟରେ (Walks with stick)'), ('', 2, 'ୱାକର୍ ସାହାଯ୍ୟରେ (Walker)'),
             ('', 3, 'ହ୍ୱିଲ୍ ଚେୟାର୍ (Wheelchair)'), ('', 4, 'ଶଯ୍ୟାଶାୟୀ (Bed-bound)')]
    rows += [('nfx, s2, died', 0, 'ନା (No)'), ('', 1, 'ହଁ (Yes)')]
    rows += [('', '', ''), ('MISSING VALUES', '', ''),
             ('vas_*, s2vas_*, odi_*, mob_*', 99, 'ଉପଲବ୍ଧ ନାହିଁ (Not available — visit missed / not filled). User-missing.'),
             ('s1_lk*, s2_lk1', 9, 'Not recorded. User-missing.'),
             ('(all)', '(blank)', 'System-missing: not applicable (after death, after 2nd procedure, no 2nd procedure)'),
             ('', '', ''), ('NOTES', '', ''),
             ('VAS', '', '0–10 numeric rating scale'), ('ODI', '', 'Oswestry Disability Index, % (0–100)'),
             ('dates', '', 'string variables, dd/mm/yyyy')]
    for i, (a, b, c) in enumerate(rows, 4):
        vl.cell(i, 1, a); vl.cell(i, 2, b); vl.cell(i, 3, c)
    vl.column_dimensions['A'].width = 34
    vl.column_dimensions['C'].width = 70
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, P, errors, idents, vol_mode='vertebra')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
