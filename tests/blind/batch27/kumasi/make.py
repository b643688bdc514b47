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
# KUMASI - Komfo Anokye Teaching Hospital, Dept of Radiology / Spine clinic
# Access database "VP_Registry.accdb" exported table by table to CSV.
# ===========================================================================
import shutil

SEED = 2701
rng = random.Random(SEED + 1)
SCHED1 = {'pain_vas': ['pre', '24h', '6w', '3m', '6m', '12m'], 'odi': ['pre', '6w', '3m', '12m']}
SCHED2 = {'pain_vas': ['pre', '24h', '6w', '3m', '6m'], 'odi': ['pre', '3m']}
pats = gen_good(SEED, 18, dt.date(2020, 6, 1), dt.date(2022, 10, 31), dt.date(2023, 6, 30),
                  SCHED1, SCHED2, vas_step=1.0, vol_step=0.5, p_kypho=0.25,
                  cements=(('PMMA', 0.9), ('calcium phosphate', 0.1)), p_total=0.3, p_no_leak=0.1)

OUT = os.path.join(HERE, 'input')
if os.path.isdir(OUT):
    shutil.rmtree(OUT)
os.makedirs(OUT)


def usdt(d):
    return '' if d is None else f"{d.month}/{d.day}/{d.year} 0:00:00"


def q(s):
    return '"' + str(s).replace('"', '""') + '"'


def num2(x):
    return '' if x is None or x == '' else f"{x:.2f}"


def write_table(name, header, rows, text_cols):
    """Access text export: header row, text fields in quotes, numbers bare, CRLF."""
    with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='') as f:
        f.write(','.join(header) + '\r\n')
        for r in rows:
            cells = []
            for h, v in zip(header, r):
                if v is None or v == '':
                    cells.append('')
                elif h in text_cols:
                    cells.append(q(v))
                else:
                    cells.append(str(v))
            f.write(','.join(cells) + '\r\n')


def col_letter(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


# ---- lookups ----
LEVEL_ID = {}
lv_rows = []
for k in range(1, 13):
    LEVEL_ID[f"T{k}"] = k
for k in range(1, 6):
    LEVEL_ID[f"L{k}"] = 12 + k
LEVEL_ID['S1'] = 18
for k in range(1, 8):
    LEVEL_ID[f"C{k}"] = 18 + k
for lev, i in sorted(LEVEL_ID.items(), key=lambda x: x[1]):
    region = {'T': 'Thoracic', 'L': 'Lumbar', 'S': 'Sacral', 'C': 'Cervical'}[lev[0]]
    lv_rows.append([i, lev, region])
write_table('tlkpLevel.csv', ['LevelID', 'LevelName', 'Region'], lv_rows, {'LevelName', 'Region'})
DIAG = {'osteo': 'OPF', 'metastasis': 'MET', 'myeloma': 'MM', 'trauma': 'TRM', 'haemangioma': 'HEM'}
write_table('tlkpDiagnosis.csv', ['DiagCode', 'DiagDescription', 'Category'],
            [['OPF', 'Osteoporotic compression fracture', 'Benign'],
             ['MET', 'Vertebral metastasis', 'Malignant'],
             ['MM', 'Multiple myeloma / plasmacytoma', 'Malignant'],
             ['TRM', 'Traumatic compression fracture (non-osteoporotic)', 'Benign'],
             ['HEM', 'Aggressive / painful vertebral haemangioma', 'Benign'],
             ['OTH', 'Other (specify in notes)', '']],
            {'DiagCode', 'DiagDescription', 'Category'})
TECH = {'vertebroplasty': 'PVP', 'kyphoplasty': 'BKP'}
write_table('tlkpTechnique.csv', ['TechCode', 'TechDescription'],
            [['PVP', 'Percutaneous vertebroplasty'], ['BKP', 'Balloon kyphoplasty']],
            {'TechCode', 'TechDescription'})
write_table('tlkpCement.csv', ['CementID', 'CementDescription'],
            [[1, 'PMMA - standard viscosity'], [2, 'PMMA - high viscosity'], [3, 'Calcium phosphate (CaP)']],
            {'CementDescription'})
LEAK = {'none': 0, 'disc': 1, 'venous': 2, 'paravertebral': 3, 'epidural': 4}
write_table('tlkpLeakage.csv', ['LeakID', 'LeakDescription'],
            [[0, 'None seen'], [1, 'Intradiscal'], [2, 'Venous (segmental / basivertebral / IVC)'],
             [3, 'Paravertebral soft tissue'], [4, 'Epidural / foraminal'], [9, 'Not assessed']],
            {'LeakDescription'})
VT = {'pre': 1, '24h': 2, '6w': 3, '3m': 4, '6m': 5, '12m': 6}
write_table('tlkpVisitType.csv', ['VisitTypeID', 'VisitType', 'DueDays'],
            [[1, 'Pre-procedure', 0], [2, '24 hours post', 1], [3, '6 weeks', 42], [4, '3 months', 90],
             [5, '6 months', 180], [6, '12 months', 365]], {'VisitType'})

# ---- people ----
SUR = ['Mensah', 'Owusu', 'Boateng', 'Asante', 'Osei', 'Adjei', 'Agyeman', 'Appiah', 'Amoah', 'Ofori',
       'Yeboah', 'Frimpong', 'Antwi', 'Sarpong', 'Danso', 'Nkansah', 'Gyamfi', 'Bonsu', 'Acheampong', 'Opoku']
FEM = ['Akosua', 'Abena', 'Ama', 'Yaa', 'Afua', 'Adwoa', 'Akua', 'Comfort', 'Grace', 'Mercy', 'Gifty',
       'Felicia', 'Agnes', 'Beatrice']
MAL = ['Kwame', 'Kofi', 'Kwaku', 'Yaw', 'Kwabena', 'Kwasi', 'Kojo', 'Emmanuel', 'Isaac', 'Samuel',
       'Joseph', 'Daniel', 'Stephen']
SURGEONS = ['Dr. K. Ofori-Atta', 'Dr. E. Baffour', 'Dr. A. Larbi']
rng.shuffle(SUR)
identifiers = [('staff_name', s) for s in SURGEONS]

pid_study = {}
pt_rows, op_rows, lv_rows2, vis_rows, fx_rows = [], [], [], [], []
auto_pid = 3
op_id = 100
opl_id = 1000
visit_id = 5000
fx_id = 1
pt_of_op = {}
# positions for planting errors
level_rows = []   # (row_index_in_table, patient, session, k)
visit_rows_idx = []  # (row_index, patient, visit)
for p in pats:
    auto_pid += rng.choice([1, 1, 1, 2])  # autonumber gaps (deleted records)
    p['dbid'] = auto_pid
    study = f"KVP-{p['n']:03d}"
    pid_study[p['n']] = study
    sur = SUR[p['n'] % len(SUR)]
    first = rng.choice(FEM if p['sex'] == 'female' else MAL)
    mid = rng.choice(['', '', 'Mary', 'Kwadwo', 'Elizabeth', 'Kofi']) if p['n'] % 3 == 0 else ''
    othernames = (first + ' ' + mid).strip()
    hosp = f"KATH/{p['sessions'][0]['date'].year % 100:02d}/{rng.randint(1000, 99999):05d}"
    phone = f"0{rng.choice(['24', '54', '20', '27', '55', '26'])}{rng.randint(1000000, 9999999)}"
    phone_w = f"{phone[:3]} {phone[3:6]} {phone[6:]}"
    nhis = f"{rng.randint(10000000, 99999999)}"
    ghc = f"GHA-{rng.randint(700000000, 729999999)}-{rng.randint(0, 9)}"
    dob_w = usdt(p['dob'])
    identifiers += [('name', sur), ('name', othernames),
                    ('record_number', hosp), ('phone', phone_w), ('national_id', nhis), ('national_id', ghc),
                    ('birth_date', dob_w)]
    if rng.random() < 0.15:
        identifiers.remove(('national_id', ghc))
        ghc = ''
    prim = {'breast': 'Breast Ca', 'prostate': 'Ca prostate', 'lung': 'Lung (NSCLC)', 'kidney': 'RCC',
            'thyroid': 'Thyroid'}.get(p['primary'], '')
    entered = p['sessions'][0]['date'] + dt.timedelta(days=rng.randint(0, 6))
    pt_rows.append([p['dbid'], study, hosp, sur, othernames, dob_w, 'F' if p['sex'] == 'female' else 'M',
                    phone_w, nhis, ghc, DIAG[p['kind']], prim, -1 if p['death'] else 0,
                    usdt(p['death']), usdt(entered)])
    for s in p['sessions']:
        op_id += rng.choice([1, 1, 2])
        s['opid'] = op_id
        cem = {'PMMA': rng.choice([1, 1, 2]), 'calcium phosphate': 3, '': ''}[s['cement']]
        note = ''
        if s['session'] == 2:
            note = rng.choice(['New adjacent level fracture', 'Re-do: new # level above', 'Second procedure - new collapse'])
        elif p['kind'] == 'metastasis' and rng.random() < 0.5:
            note = 'Biopsy taken same sitting'
        op_rows.append([op_id, p['dbid'], usdt(s['date']), TECH[s['technique']], cem,
                        num2(s['total']), rng.choice(SURGEONS), rng.choice(['LA + sedation', 'GA', 'LA']), note])
        for k, lev in enumerate(s['levels']):
            opl_id += 1
            lk = s['leak'][k]
            if lk == '':
                c1, c2 = 9, ''
            else:
                parts = lk.split(';')
                c1 = LEAK[parts[0]]
                c2 = LEAK[parts[1]] if len(parts) > 1 else ''
            vol = num2(s['volumes'][k]) if s['vol_mode'] == 'level' else ''
            lv_rows2.append([opl_id, op_id, LEVEL_ID[lev], vol, c1, c2])
            level_rows.append((len(lv_rows2) - 1, p, s, k))
    for v in p['visits']:
        if v['status'] in ('superseded', 'future'):
            continue
        s = p['sessions'][v['session'] - 1]
        visit_id += 1
        if v['status'] == 'done':
            vis_rows.append([visit_id, s['opid'], VT[v['tp']], usdt(v['date']), fmt(v['vals'].get('pain_vas', '')),
                             fmt(v['vals'].get('odi', '')), -1, ''])
            visit_rows_idx.append((len(vis_rows) - 1, p, v))
        elif v['status'] == 'missed':
            vis_rows.append([visit_id, s['opid'], VT[v['tp']], '', '', '', 0,
                             rng.choice(['DNA', 'DNA - phone off', 'Did not attend', 'DNA, travelled to village'])])
        elif v['status'] == 'died':
            if any(r[1] == s['opid'] and r[7].startswith('Died') for r in vis_rows):
                continue
            vis_rows.append([visit_id, s['opid'], VT[v['tp']], '', '', '', 0,
                             f"Died {p['death'].day}/{p['death'].month}/{p['death'].year} - per relative"])
    for fr in p['fractures']:
        treated = any(s['session'] == 2 and s['levels'][0] == fr['level'] for s in p['sessions'])
        fx_rows.append([fx_id, p['dbid'], usdt(fr['date']), LEVEL_ID[fr['level']],
                        rng.choice(['MRI', 'X-ray', 'CT']), 'Vertebroplasty' if treated else 'Conservative'])
        fx_id += 1

# ---- planted errors ----
errors = []
used = set()
LV_HDR = ['OpLevelID', 'OpID', 'LevelID', 'CementMl', 'LeakID', 'LeakID2']
VIS_HDR = ['VisitID', 'OpID', 'VisitTypeID', 'VisitDate', 'VAS', 'ODI', 'Attended', 'Comments']
# 1 impossible level id
for ri, p, s, k in level_rows:
    if p['n'] not in used and s['session'] == 1 and len(s['levels']) == 1 and p['n'] > 3:
        lv_rows2[ri][2] = 31
        errors.append(['tblOperationLevel.csv', f"C{ri + 2}", ri + 2, 'LevelID', 31,
                       f"LevelID 31 does not exist in tlkpLevel (max 25); should be {LEVEL_ID[s['levels'][k]]} = {s['levels'][k]}",
                       pid_study[p['n']]])
        used.add(p['n'])
        break
# 2 volume decimal lost
for ri, p, s, k in level_rows:
    if p['n'] not in used and s['vol_mode'] == 'level' and p['n'] > 6:
        bad = num2(s['volumes'][k] * 10)
        lv_rows2[ri][3] = bad
        errors.append(['tblOperationLevel.csv', f"D{ri + 2}", ri + 2, 'CementMl', bad,
                       f"{bad} mL in one vertebra is impossible - decimal point lost; should be {num2(s['volumes'][k])}",
                       pid_study[p['n']]])
        used.add(p['n'])
        break
# 3 VAS on 0-100
for ri, p, v in visit_rows_idx:
    if p['n'] not in used and v['tp'] == '6w' and 'pain_vas' in v['vals'] and p['n'] > 9:
        bad = int(v['vals']['pain_vas'] * 10)
        vis_rows[ri][4] = str(bad)
        errors.append(['tblVisit.csv', f"E{ri + 2}", ri + 2, 'VAS', bad,
                       f"VAS is 0-10 in this database; {bad} is out of range (typed in mm), should be {fmt(v['vals']['pain_vas'])}",
                       pid_study[p['n']]])
        used.add(p['n'])
        break
# 4 follow-up date before operation (wrong year)
for ri, p, v in visit_rows_idx:
    if p['n'] not in used and v['tp'] in ('3m', '6m') and p['n'] > 12:
        d = v['date']
        bad = f"{d.month}/{d.day}/{d.year - 1} 0:00:00"
        vis_rows[ri][3] = bad
        errors.append(['tblVisit.csv', f"D{ri + 2}", ri + 2, 'VisitDate', bad,
                       f"{v['tp']} follow-up dated before the operation ({usdt(p['sessions'][v['session'] - 1]['date'])}); year typo, should be {usdt(d)}",
                       pid_study[p['n']]])
        used.add(p['n'])
        break
assert len(errors) == 4, errors

write_table('tblPatient.csv',
            ['PatientID', 'StudyNo', 'HospitalNo', 'Surname', 'OtherNames', 'DOB', 'Sex', 'Phone', 'NHISNo',
             'GhanaCardNo', 'DiagCode', 'PrimaryTumour', 'Deceased', 'DateOfDeath', 'DateEntered'], pt_rows,
            {'StudyNo', 'HospitalNo', 'Surname', 'OtherNames', 'Sex', 'Phone', 'NHISNo', 'GhanaCardNo',
             'DiagCode', 'PrimaryTumour'})
write_table('tblOperation.csv',
            ['OpID', 'PatientID', 'OpDate', 'TechCode', 'CementID', 'TotalCementMl', 'Operator', 'Anaesthesia',
             'OpNotes'], op_rows, {'TechCode', 'Operator', 'Anaesthesia', 'OpNotes'})
write_table('tblOperationLevel.csv', LV_HDR, lv_rows2, set())
write_table('tblVisit.csv', VIS_HDR, vis_rows, {'Comments'})
write_table('tblNewFracture.csv', ['FxID', 'PatientID', 'DxDate', 'LevelID', 'Imaging', 'Management'],
            fx_rows, {'Imaging', 'Management'})

write_truth(pats, errors, identifiers, lambda p: pid_study[p['n']])
print('kumasi: written', len(pats), 'patients')
