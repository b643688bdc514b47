# ---------------------------------------------------------------------------
# Cohort generator (shared logic, copied into each site's make.py so that the
# script is standalone). Deterministic: everything flows from one seed.
# ---------------------------------------------------------------------------
import random, datetime as dt, csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
         + [f"L{i}" for i in range(1, 6)] + ["S1"])
TP_OFF = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 9, '6m': 14, '12m': 20}
TP_ORDER = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
VAS_MEAN = {'pre': 8.0, '24h': 4.6, '1w': 4.0, '2w': 3.7, '6w': 3.3, '1m': 3.3, '3m': 2.9, '6m': 2.7, '12m': 2.5}
ODI_MEAN = {'pre': 64, '24h': 52, '1w': 46, '2w': 42, '6w': 36, '1m': 38, '3m': 32, '6m': 30, '12m': 27}
MOB_MEAN = {'pre': 3.0, '24h': 2.0, '1w': 1.6, '2w': 1.4, '6w': 1.1, '1m': 1.2, '3m': 0.9, '6m': 0.8, '12m': 0.7}
PRIMARIES = ['breast', 'prostate', 'lung', 'kidney', 'thyroid']


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def rnd(x, step):
    return round(round(x / step) * step, 2)


def fmt(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        if abs(x - round(x)) < 1e-9:
            return str(int(round(x)))
        return f"{x:.2f}".rstrip('0').rstrip('.')
    return str(x)


def _pick_levels(rng, kind, nlev):
    idx = {l: i for i, l in enumerate(SPINE)}
    if kind == 'osteo':
        centre = rng.choices(['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'],
                             [1, 2, 2, 3, 5, 9, 9, 5, 3, 1])[0]
    elif kind in ('metastasis', 'myeloma'):
        centre = rng.choice(['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'])
    elif kind == 'trauma':
        centre = rng.choice(['T11', 'T12', 'L1', 'L2'])
    else:
        centre = rng.choice(['T6', 'T8', 'T9', 'T11', 'L2', 'L3', 'L4'])
    start = idx[centre] - rng.randint(0, nlev - 1)
    start = max(idx['T1'], min(start, idx['L5'] - nlev + 1))
    return [SPINE[start + k] for k in range(nlev)]


def _vol(rng, level, tech, step):
    base = 2.5 if level.startswith('T') and int(level[1:]) < 10 else 3.5
    if level.startswith('L'):
        base = 4.2
    if tech == 'kyphoplasty':
        base += 1.2
    return rnd(max(1.5, rng.gauss(base, 0.8)), step)


def _leak(rng):
    r = rng.random()
    if r < 0.66:
        return 'none'
    return rng.choices(['disc', 'venous', 'paravertebral', 'epidural', 'disc;venous'], [5, 4, 2, 1, 1])[0]


def gen_cohort(seed, n, start, end, cutoff, sched1, sched2, vas_step=1.0, vol_step=0.5,
               p_kypho=0.3, cements=(('PMMA', 1.0),), p_total=0.0, p_no_leak=0.0,
               p_no_cement=0.0, p_missed=0.12, odi_step=1):
    """sched1/sched2: dict measure -> list of timepoints for session 1 / 2."""
    rng = random.Random(seed)
    pats = []
    span = (end - start).days
    for i in range(n):
        r = rng.random()
        if r < 0.58:
            kind = 'osteo'
        elif r < 0.74:
            kind = 'metastasis'
        elif r < 0.84:
            kind = 'myeloma'
        elif r < 0.94:
            kind = 'trauma'
        else:
            kind = 'haemangioma'
        etiology = {'osteo': 'osteoporotic', 'metastasis': 'pathologic', 'myeloma': 'pathologic',
                    'trauma': 'traumatic', 'haemangioma': 'other'}[kind]
        sex = 'female' if rng.random() < (0.75 if kind == 'osteo' else 0.45) else 'male'
        primary = rng.choice(PRIMARIES) if kind == 'metastasis' else None
        if primary == 'breast':
            sex = 'female'
        if primary == 'prostate':
            sex = 'male'
        lo, hi = {'osteo': (62, 89), 'metastasis': (48, 80), 'myeloma': (52, 82),
                  'trauma': (41, 76), 'haemangioma': (38, 66)}[kind]
        age = rng.randint(lo, hi)
        op1 = start + dt.timedelta(days=rng.randint(0, span))
        dob = dt.date(op1.year - age, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        age = age_on(dob, op1)
        nlev = rng.choices([1, 2, 3], [55, 30, 15])[0]
        if kind in ('trauma', 'haemangioma'):
            nlev = 1
        levels = _pick_levels(rng, kind, nlev)

        def make_session(sno, date, lvls):
            tech = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
            if kind == 'trauma' and rng.random() < 0.6:
                tech = 'kyphoplasty'
            ct = rng.choices([c for c, _ in cements], [w for _, w in cements])[0]
            vols = [_vol(rng, l, tech, vol_step) for l in lvls]
            return {
                'session': sno, 'date': date, 'day': (date - op1).days, 'technique': tech,
                'levels': list(lvls), 'volumes': vols, 'total': rnd(sum(vols), vol_step),
                'vol_mode': 'total' if rng.random() < p_total else 'level',
                'cement': ct if rng.random() >= p_no_cement else '',
                'leak': [_leak(rng) for _ in lvls] if rng.random() >= p_no_leak else ['' for _ in lvls],
            }

        sessions = [make_session(1, op1, levels)]
        death = None
        if rng.random() < (0.45 if kind in ('metastasis', 'myeloma') else 0.07):
            death = op1 + dt.timedelta(days=rng.randint(45, 420))
            if death > cutoff:
                death = None
        fractures = []
        if kind == 'osteo' and rng.random() < 0.35 or kind == 'myeloma' and rng.random() < 0.3:
            fday = rng.randint(35, 300)
            fdate = op1 + dt.timedelta(days=fday)
            above = SPINE[SPINE.index(levels[0]) - 1]
            below = SPINE[SPINE.index(levels[-1]) + 1]
            cands = [l for l in (above, below) if l[0] in 'TL']
            flev = rng.choice(cands)
            if fdate < cutoff and (death is None or fdate < death - dt.timedelta(days=30)):
                fractures.append({'date': fdate, 'day': fday, 'level': flev})
                if rng.random() < 0.6:
                    s2 = fdate + dt.timedelta(days=rng.randint(6, 25))
                    if s2 < cutoff and (death is None or s2 < death - dt.timedelta(days=10)):
                        sessions.append(make_session(2, s2, [flev]))
        visits = []
        for s in sessions:
            sched = sched1 if s['session'] == 1 else sched2
            tps = [t for t in TP_ORDER if any(t in v for v in sched.values())]
            nxt = sessions[1]['date'] if (s['session'] == 1 and len(sessions) > 1) else None
            for t in tps:
                d = s['date'] + dt.timedelta(days=TP_OFF[t] + rng.randint(-TP_JIT[t], TP_JIT[t]))
                if t == 'pre' and rng.random() < 0.4:
                    d = s['date']
                status = 'done'
                if nxt is not None and t != 'pre' and d >= nxt - dt.timedelta(days=1):
                    status = 'superseded'
                elif death is not None and d >= death:
                    status = 'died'
                elif d > cutoff:
                    status = 'future'
                elif t not in ('pre', '24h') and rng.random() < p_missed:
                    status = 'missed'
                vals = {}
                if status == 'done':
                    k = 1.0 if kind == 'osteo' else 1.12
                    if 'pain_vas' in sched and t in sched['pain_vas']:
                        m = VAS_MEAN[t] * k
                        v = rng.gauss(m, 0.8 if t != 'pre' else 0.6)
                        lo_, hi_ = (6.5, 10) if t == 'pre' else (0.5, 7)
                        vals['pain_vas'] = rnd(min(hi_, max(lo_, v)), vas_step)
                    if 'odi' in sched and t in sched['odi']:
                        v = rng.gauss(ODI_MEAN[t] * k, 7)
                        vals['odi'] = int(rnd(min(96, max(8, v)), odi_step))
                    if 'mobility' in sched and t in sched['mobility']:
                        v = rng.gauss(MOB_MEAN[t] * k, 0.6)
                        vals['mobility'] = int(min(4, max(0, round(v))))
                visits.append({'session': s['session'], 'tp': t, 'date': d, 'status': status, 'vals': vals})
        pats.append({'n': i + 1, 'sex': sex, 'age': age, 'dob': dob, 'kind': kind, 'etiology': etiology,
                     'primary': primary, 'sessions': sessions, 'death': death, 'fractures': fractures,
                     'visits': visits})
    return pats


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(x) for x in r])


def write_truth(pats, errors, identifiers, pid_of):
    tdir = os.path.join(HERE, 'truth')
    P, PR, A, F = [], [], [], []
    for p in pats:
        pid = pid_of(p)
        P.append([pid, p['sex'], p['age'], p['etiology'], 'yes' if p['death'] else 'no'])
        for s in p['sessions']:
            for k, lev in enumerate(s['levels']):
                PR.append([pid, s['session'], s['day'], lev, s['technique'],
                           s['volumes'][k] if s['vol_mode'] == 'level' else '',
                           s['total'] if s['vol_mode'] == 'total' else '',
                           s['cement'], s['leak'][k]])
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            for m in ('pain_vas', 'odi', 'mobility'):
                if m in v['vals']:
                    A.append([pid, v['session'], m, v['tp'], v['vals'][m]])
        for fr in p['fractures']:
            F.append([pid, fr['day'], fr['level']])
    write_csv(os.path.join(tdir, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv(os.path.join(tdir, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    write_csv(os.path.join(tdir, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv(os.path.join(tdir, 'fractures.csv'), ['patient_id', 'day', 'level'], F)
    write_csv(os.path.join(tdir, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ids.append([k, v])
    write_csv(os.path.join(tdir, 'identifiers.csv'), ['kind', 'value'], ids)
# ---------------------------------------------------------------------------


def gen_good(seed, *a, **kw):
    """Deterministically step the seed until the cohort has the mix we want."""
    s = seed
    while True:
        pats = gen_cohort(s, *a, **kw)
        deaths = sum(1 for p in pats if p['death'])
        frs = sum(len(p['fractures']) for p in pats)
        s2 = sum(1 for p in pats if len(p['sessions']) > 1)
        path = sum(1 for p in pats if p['etiology'] == 'pathologic')
        missed = sum(1 for p in pats for v in p['visits'] if v['status'] == 'missed')
        if 2 <= deaths <= 5 and frs >= 3 and 2 <= s2 <= 4 and path >= 3 and missed >= 3:
            return pats
        s += 1
# ---------------------------------------------------------------------------

# ===========================================================================
# KAUNAS - LSMU Kauno klinikos, Neurochirurgijos klinika
# SPSS data file exported to xlsx (File > Export > Excel), plus a codebook sheet.
# ===========================================================================
import openpyxl
from openpyxl.styles import Font, Alignment
from openpyxl.utils import get_column_letter

SEED = 2702
rng = random.Random(SEED + 7)
SCHED1 = {'pain_vas': ['pre', '24h', '1w', '1m', '3m', '6m', '12m'], 'odi': ['pre', '3m', '12m'],
          'mobility': ['pre', '1m', '12m']}
SCHED2 = {'pain_vas': ['pre', '24h', '1m', '3m']}
pats = gen_good(SEED, 17, dt.date(2021, 2, 1), dt.date(2022, 11, 30), dt.date(2023, 9, 30),
                SCHED1, SCHED2, vas_step=1.0, vol_step=0.1, p_kypho=0.35,
                cements=(('PMMA', 0.85), ('calcium phosphate', 0.15)), p_total=0.2, p_no_leak=0.08,
                p_no_cement=0.05)

LEVCODE = {}
for k in range(1, 13):
    LEVCODE[f"T{k}"] = 100 + k
for k in range(1, 6):
    LEVCODE[f"L{k}"] = 200 + k
LEVCODE['S1'] = 301
DIAG = {'osteo': 1, 'metastasis': 2, 'myeloma': 3, 'trauma': 4, 'haemangioma': 5}
LEAK = {'none': 0, 'disc': 1, 'venous': 2, 'paravertebral': 3, 'epidural': 4, 'disc;venous': 5, '': 99}
TECH = {'vertebroplasty': 1, 'kyphoplasty': 2}
CEM = {'PMMA': 1, 'calcium phosphate': 2, '': 99}


def lt_code(sex, dob):
    g = 3 if sex == 'male' else 4
    base = f"{g}{dob.year % 100:02d}{dob.month:02d}{dob.day:02d}{rng.randint(0, 999):03d}"
    d = [int(c) for c in base]
    w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]
    w2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]
    s = sum(a * b for a, b in zip(d, w1)) % 11
    if s == 10:
        s = sum(a * b for a, b in zip(d, w2)) % 11
        if s == 10:
            s = 0
    return base + str(s)


V1 = [('pre', 'vas0'), ('24h', 'vas1d'), ('1w', 'vas1s'), ('1m', 'vas1m'), ('3m', 'vas3m'), ('6m', 'vas6m'),
      ('12m', 'vas12m')]
O1 = [('pre', 'odi0'), ('3m', 'odi3m'), ('12m', 'odi12m')]
M1 = [('pre', 'judr0'), ('1m', 'judr1m'), ('12m', 'judr12m')]
V2 = [('pre', 'op2_vas0'), ('24h', 'op2_vas1d'), ('1m', 'op2_vas1m'), ('3m', 'op2_vas3m')]

COLS = (['id', 'ak', 'ist_nr', 'gim_data', 'tel', 'lytis', 'amzius', 'diagn', 'pirm_nav', 'op_data', 'metodas',
         'lyg_sk', 'lyg1', 'lyg2', 'lyg3', 'cem1', 'cem2', 'cem3', 'cem_viso', 'cem_tip', 'nut1', 'nut2', 'nut3']
        + [c for _, c in V1] + [c for _, c in O1] + [c for _, c in M1]
        + ['nlz', 'nlz_lyg', 'nlz_data', 'op2', 'op2_data', 'op2_metodas', 'op2_lyg', 'op2_cem', 'op2_nut',
           'op2_cem_tip'] + [c for _, c in V2] + ['mirtis', 'mirt_data', 'pastabos'])
CI = {c: i for i, c in enumerate(COLS)}
DATECOLS = {'gim_data', 'op_data', 'nlz_data', 'op2_data', 'mirt_data'}
PRIM = {'breast': 1, 'prostate': 2, 'lung': 3, 'kidney': 4, 'thyroid': 5}

identifiers = []
rows = []
order = list(pats)
for p in order:
    r = {c: None for c in COLS}
    s1 = p['sessions'][0]
    r['id'] = p['n']
    r['ak'] = lt_code(p['sex'], p['dob'])
    r['ist_nr'] = f"{s1['date'].year}/{rng.randint(10000, 39999)}"
    r['gim_data'] = p['dob']
    r['tel'] = f"+370 6{rng.randint(10, 99)} {rng.randint(10000, 99999)}" if rng.random() < 0.8 else None
    identifiers += [('national_id', r['ak']), ('record_number', r['ist_nr']),
                    ('birth_date', p['dob'].isoformat())]
    if r['tel']:
        identifiers.append(('phone', r['tel']))
    r['lytis'] = 1 if p['sex'] == 'male' else 2
    r['amzius'] = p['age']
    r['diagn'] = DIAG[p['kind']]
    r['pirm_nav'] = PRIM.get(p['primary']) if p['kind'] == 'metastasis' else None
    r['op_data'] = s1['date']
    r['metodas'] = TECH[s1['technique']]
    r['lyg_sk'] = len(s1['levels'])
    for k in range(3):
        if k < len(s1['levels']):
            r[f'lyg{k + 1}'] = LEVCODE[s1['levels'][k]]
            r[f'cem{k + 1}'] = s1['volumes'][k] if s1['vol_mode'] == 'level' else 999
            r[f'nut{k + 1}'] = LEAK[s1['leak'][k]]
    r['cem_viso'] = s1['total'] if s1['vol_mode'] == 'total' else None
    r['cem_tip'] = CEM[s1['cement']]
    vis = {(v['session'], v['tp']): v for v in p['visits']}
    for sess, lst, meas, miss, died in ((1, V1, 'pain_vas', 99, 98), (1, O1, 'odi', 999, 998),
                                         (1, M1, 'mobility', 99, 98), (2, V2, 'pain_vas', 99, 98)):
        if sess == 2 and len(p['sessions']) < 2:
            continue
        for tp, col in lst:
            v = vis.get((sess, tp))
            if v is None or v['status'] == 'future':
                r[col] = None
            elif v['status'] == 'done':
                r[col] = v['vals'][meas]
            elif v['status'] == 'missed':
                r[col] = miss
            elif v['status'] == 'died':
                r[col] = died
            elif v['status'] == 'superseded':
                r[col] = 97 if miss == 99 else 997
    if p['fractures']:
        fr = p['fractures'][0]
        r['nlz'] = 1
        r['nlz_lyg'] = LEVCODE[fr['level']]
        r['nlz_data'] = fr['date']
    else:
        r['nlz'] = 0
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        r['op2'] = 1
        r['op2_data'] = s2['date']
        r['op2_metodas'] = TECH[s2['technique']]
        r['op2_lyg'] = LEVCODE[s2['levels'][0]]
        r['op2_cem'] = s2['volumes'][0] if s2['vol_mode'] == 'level' else s2['total']
        s2['vol_mode'] = 'level'   # one level: the value is that vertebra's volume
        r['op2_nut'] = LEAK[s2['leak'][0]]
        r['op2_cem_tip'] = CEM[s2['cement']]
    else:
        r['op2'] = 0
    r['mirtis'] = 1 if p['death'] else 0
    r['mirt_data'] = p['death']
    notes = []
    if p['kind'] == 'metastasis' and rng.random() < 0.5:
        notes.append('biopsija atlikta')
    if p['fractures'] and len(p['sessions']) == 1:
        notes.append('naujas lūžis gydytas konservatyviai')
    if p['death']:
        notes.append(rng.choice(['mirė namuose', 'mirė onkologijos skyriuje', 'mirtis – pagal Gyventojų registrą']))
    if any(v['status'] == 'missed' for v in p['visits']):
        notes.append(rng.choice(['neatvyko, telefonu nepasiekiamas', 'atsisakė atvykti į kontrolę']))
    r['pastabos'] = '; '.join(notes) if notes else None
    p['row'] = r
    rows.append(r)

# ---- planted errors ----
errors = []
used = set()


def cell(ri, col):
    return f"{get_column_letter(CI[col] + 1)}{ri + 2}"


def plant(pred, col, bad_fn, why_fn):
    for ri, p in enumerate(order):
        if p['n'] in used or not pred(p):
            continue
        r = p['row']
        good = r[col]
        bad = bad_fn(p, good)
        r[col] = bad
        errors.append(['Duomenys', cell(ri, col), ri + 2, col, bad, why_fn(p, good, bad), str(p['n'])])
        used.add(p['n'])
        return
    raise RuntimeError(col)


plant(lambda p: len(p['sessions'][0]['levels']) >= 2 and p['n'] > 2, 'lyg2', lambda p, g: 206,
      lambda p, g, b: f"level code 206 (would be 'L6') is not in the codebook (201-205 = L1-L5); should be {g} = {p['sessions'][0]['levels'][1]}")
plant(lambda p: p['row']['vas3m'] not in (None, 97, 98, 99) and p['n'] > 5, 'vas3m', lambda p, g: int(g) + 10,
      lambda p, g, b: f"VAS {b} is outside the 0-10 scale and is not a missing-value code; should be {fmt(g)}")
plant(lambda p: p['sessions'][0]['vol_mode'] == 'level' and p['n'] > 8, 'cem1',
      lambda p, g: round(g * 10, 1),
      lambda p, g, b: f"{fmt(b)} ml of cement in one vertebra is impossible (decimal point lost); should be {fmt(g)}")
plant(lambda p: p['row']['nlz'] == 1 and p['n'] > 3, 'nlz_data',
      lambda p, g: f"{g.year}-02-30" if g.month in (2, 3) else f"{g.year}-{g.month:02d}-{31 if g.month in (4, 6, 9, 11) else 32}",
      lambda p, g, b: f"impossible date {b} typed as text in a date variable; should be {g.isoformat()}")
assert len(errors) == 4

# ---- write workbook ----
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Duomenys'
for j, c in enumerate(COLS):
    ws.cell(row=1, column=j + 1, value=c)
for i, r in enumerate(rows):
    for j, c in enumerate(COLS):
        v = r[c]
        if v is None:
            continue
        x = ws.cell(row=i + 2, column=j + 1, value=v)
        if isinstance(v, dt.date):
            x.number_format = 'yyyy-mm-dd'
        elif isinstance(v, float):
            x.number_format = '0.0'
for j, c in enumerate(COLS):
    ws.column_dimensions[get_column_letter(j + 1)].width = 12 if c in DATECOLS or c in ('ak', 'tel', 'ist_nr') else 8
ws.column_dimensions[get_column_letter(CI['pastabos'] + 1)].width = 40

# codebook (SPSS "Variable Information" + "Variable Values" style, one block per variable)
cb = wb.create_sheet('Kodų knyga')
LEVLAB = [(v, ('Th' + k[1:]) if k[0] == 'T' else k) for k, v in sorted(LEVCODE.items(), key=lambda x: x[1])]
VAS_LAB = [(97, 'netaikoma – pakartotinė operacija, toliau žr. op2_ kintamuosius'), (98, 'mirė'),
           (99, 'neatvyko / nėra duomenų')]
ODI_LAB = [(997, 'netaikoma – pakartotinė operacija'), (998, 'mirė'), (999, 'neatvyko / nėra duomenų')]
MOB_LAB = [(0, 'vaikšto savarankiškai'), (1, 'vaikšto su lazdele'), (2, 'vaikšto su vaikštyne / ramentais'),
           (3, 'tik sėdi / persikelia į vežimėlį'), (4, 'gulintis')] + VAS_LAB
LEAK_LAB = [(0, 'nėra'), (1, 'į tarpslankstelinį diską'), (2, 'veninis (paravertebrinės / bazivertebrinės venos)'),
            (3, 'į paravertebrinius minkštuosius audinius'), (4, 'epidurinis (į stuburo kanalą)'),
            (5, 'į diską ir veninis'), (99, 'nevertinta')]
CB = [
    ('id', 'Paciento tyrimo numeris', 'Skaitinis', [], ''),
    ('ak', 'Asmens kodas', 'Eilutė', [], ''),
    ('ist_nr', 'Ligos istorijos numeris', 'Eilutė', [], ''),
    ('gim_data', 'Gimimo data', 'Data', [], ''),
    ('tel', 'Telefono numeris', 'Eilutė', [], ''),
    ('lytis', 'Lytis', 'Skaitinis', [(1, 'vyras'), (2, 'moteris')], ''),
    ('amzius', 'Amžius operacijos metu, metai', 'Skaitinis', [], ''),
    ('diagn', 'Lūžio priežastis (diagnozė)', 'Skaitinis',
     [(1, 'osteoporozinis kompresinis lūžis'), (2, 'metastazės stuburo slankstelyje'), (3, 'daugybinė mieloma'),
      (4, 'trauminis lūžis'), (5, 'agresyvi hemangioma')], ''),
    ('pirm_nav', 'Pirminis navikas (tik metastazėms)', 'Skaitinis',
     [(1, 'krūties'), (2, 'prostatos'), (3, 'plaučių'), (4, 'inksto'), (5, 'skydliaukės')], ''),
    ('op_data', 'Pirmos operacijos data', 'Data', [], ''),
    ('metodas', 'Operacijos metodas', 'Skaitinis', [(1, 'vertebroplastika'), (2, 'kifoplastika (balioninė)')], ''),
    ('lyg_sk', 'Sutvirtintų slankstelių skaičius', 'Skaitinis', [], ''),
    ('lyg1', 'Slankstelis 1', 'Skaitinis', LEVLAB, ''),
    ('lyg2', 'Slankstelis 2', 'Skaitinis', [('', 'kodai kaip lyg1')], ''),
    ('lyg3', 'Slankstelis 3', 'Skaitinis', [('', 'kodai kaip lyg1')], ''),
    ('cem1', 'Cemento kiekis slankstelyje 1, ml', 'Skaitinis', [(999, 'nežinoma (užrašytas tik bendras kiekis)')], '999'),
    ('cem2', 'Cemento kiekis slankstelyje 2, ml', 'Skaitinis', [(999, 'nežinoma (užrašytas tik bendras kiekis)')], '999'),
    ('cem3', 'Cemento kiekis slankstelyje 3, ml', 'Skaitinis', [(999, 'nežinoma (užrašytas tik bendras kiekis)')], '999'),
    ('cem_viso', 'Bendras cemento kiekis operacijoje, ml (pildoma tik kai nežinomas kiekis kiekviename slankstelyje)',
     'Skaitinis', [], ''),
    ('cem_tip', 'Cemento tipas', 'Skaitinis', [(1, 'PMMA'), (2, 'kalcio fosfatas'), (99, 'neužrašyta')], '99'),
    ('nut1', 'Cemento nutekėjimas, slankstelis 1', 'Skaitinis', LEAK_LAB, '99'),
    ('nut2', 'Cemento nutekėjimas, slankstelis 2', 'Skaitinis', [('', 'kodai kaip nut1')], '99'),
    ('nut3', 'Cemento nutekėjimas, slankstelis 3', 'Skaitinis', [('', 'kodai kaip nut1')], '99'),
    ('vas0', 'Skausmas VAS (0–10) prieš operaciją', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('vas1d', 'Skausmas VAS praėjus 1 parai po operacijos', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('vas1s', 'Skausmas VAS po 1 savaitės', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('vas1m', 'Skausmas VAS po 1 mėnesio', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('vas3m', 'Skausmas VAS po 3 mėnesių', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('vas6m', 'Skausmas VAS po 6 mėnesių', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('vas12m', 'Skausmas VAS po 12 mėnesių', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('odi0', 'Oswestry negalios indeksas (%) prieš operaciją', 'Skaitinis', ODI_LAB, '997, 998, 999'),
    ('odi3m', 'Oswestry negalios indeksas (%) po 3 mėnesių', 'Skaitinis', ODI_LAB, '997, 998, 999'),
    ('odi12m', 'Oswestry negalios indeksas (%) po 12 mėnesių', 'Skaitinis', ODI_LAB, '997, 998, 999'),
    ('judr0', 'Judrumas (0–4) prieš operaciją', 'Skaitinis', MOB_LAB, '97, 98, 99'),
    ('judr1m', 'Judrumas (0–4) po 1 mėnesio', 'Skaitinis', [('', 'kodai kaip judr0')], '97, 98, 99'),
    ('judr12m', 'Judrumas (0–4) po 12 mėnesių', 'Skaitinis', [('', 'kodai kaip judr0')], '97, 98, 99'),
    ('nlz', 'Naujas slankstelio lūžis stebėjimo metu', 'Skaitinis', [(0, 'ne'), (1, 'taip')], ''),
    ('nlz_lyg', 'Naujo lūžio slankstelis', 'Skaitinis', [('', 'kodai kaip lyg1')], ''),
    ('nlz_data', 'Naujo lūžio diagnozavimo data (MRT / RTG)', 'Data', [], ''),
    ('op2', 'Pakartotinė operacija', 'Skaitinis', [(0, 'ne'), (1, 'taip')], ''),
    ('op2_data', 'Pakartotinės operacijos data', 'Data', [], ''),
    ('op2_metodas', 'Pakartotinės operacijos metodas', 'Skaitinis', [('', 'kodai kaip metodas')], ''),
    ('op2_lyg', 'Pakartotinai sutvirtintas slankstelis', 'Skaitinis', [('', 'kodai kaip lyg1')], ''),
    ('op2_cem', 'Cemento kiekis pakartotinėje operacijoje, ml', 'Skaitinis', [], '999'),
    ('op2_nut', 'Cemento nutekėjimas pakartotinėje operacijoje', 'Skaitinis', [('', 'kodai kaip nut1')], '99'),
    ('op2_cem_tip', 'Cemento tipas pakartotinėje operacijoje', 'Skaitinis', [('', 'kodai kaip cem_tip')], '99'),
    ('op2_vas0', 'VAS prieš pakartotinę operaciją', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('op2_vas1d', 'VAS praėjus 1 parai po pakartotinės operacijos', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('op2_vas1m', 'VAS praėjus 1 mėn. po pakartotinės operacijos', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('op2_vas3m', 'VAS praėjus 3 mėn. po pakartotinės operacijos', 'Skaitinis', VAS_LAB, '97, 98, 99'),
    ('mirtis', 'Mirė stebėjimo laikotarpiu', 'Skaitinis', [(0, 'ne'), (1, 'taip')], ''),
    ('mirt_data', 'Mirties data', 'Data', [], ''),
    ('pastabos', 'Pastabos', 'Eilutė', [], ''),
]
assert [c[0] for c in CB] == COLS, set(COLS) ^ set(c[0] for c in CB)
cb['A1'] = 'Kintamųjų aprašas (SPSS kodų knyga) – Vertebroplastikos / kifoplastikos duomenų bazė, LSMU KK Neurochirurgijos klinika'
cb['A1'].font = Font(bold=True)
cb['A2'] = 'Sisteminė trūkstama reikšmė (tuščias langelis) = duomenų nėra arba kontrolės laikas dar nesuėjo. Datos: metai-mėnuo-diena.'
hdr = ['Kintamasis', 'Kintamojo etiketė', 'Tipas', 'Reikšmė', 'Reikšmės etiketė', 'Vartotojo trūkstamos reikšmės']
for j, h in enumerate(hdr):
    c = cb.cell(row=4, column=j + 1, value=h)
    c.font = Font(bold=True)
rr = 5
for name, lab, typ, vals, miss in CB:
    cb.cell(row=rr, column=1, value=name)
    cb.cell(row=rr, column=2, value=lab)
    cb.cell(row=rr, column=3, value=typ)
    cb.cell(row=rr, column=6, value=miss or None)
    if not vals:
        rr += 1
    for k, (val, vl) in enumerate(vals):
        if val != '':
            cb.cell(row=rr, column=4, value=val)
        cb.cell(row=rr, column=5, value=vl)
        rr += 1
for col, w in zip('ABCDEF', [12, 60, 10, 9, 55, 22]):
    cb.column_dimensions[col].width = w
wb.properties.creator = 'IBM SPSS Statistics'
wb.properties.created = dt.datetime(2023, 10, 2, 9, 0, 0)
wb.properties.modified = dt.datetime(2023, 10, 2, 9, 0, 0)
wb.save(os.path.join(HERE, 'input.xlsx'))

write_truth(pats, errors, identifiers, lambda p: str(p['n']))
print('kaunas: written', len(pats))
