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
# VALPARAISO - Hospital Carlos van Buren, Equipo de Columna (Traumatología)
# Sheet 1 "Cirugías" (one row per operation), sheet 2 "Seguimiento" (long: one
# row per control, time given as months since that operation).
# ===========================================================================
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 2705
rng = random.Random(SEED + 11)
SCHED1 = {'pain_vas': ['pre', '1m', '3m', '6m', '12m'], 'odi': ['pre', '3m', '12m']}
SCHED2 = {'pain_vas': ['pre', '1m', '3m', '6m'], 'odi': ['pre', '3m']}
pats = gen_good(SEED, 18, dt.date(2021, 4, 1), dt.date(2022, 12, 31), dt.date(2023, 12, 31),
                SCHED1, SCHED2, vas_step=0.5, vol_step=0.5, p_kypho=0.2, p_total=0.25, p_no_leak=0.12,
                p_no_cement=1.0, p_missed=0.14)

AP = ['González', 'Muñoz', 'Rojas', 'Díaz', 'Pérez', 'Soto', 'Contreras', 'Silva', 'Martínez', 'Sepúlveda',
      'Morales', 'Rodríguez', 'López', 'Fuentes', 'Hernández', 'Torres', 'Araya', 'Flores', 'Espinoza',
      'Valenzuela', 'Castillo', 'Tapia', 'Reyes', 'Gutiérrez', 'Castro', 'Pizarro', 'Álvarez', 'Vásquez']
FEM = ['María', 'Rosa', 'Ana', 'Carmen', 'Juana', 'Olga', 'Gladys', 'Teresa', 'Elena', 'Patricia', 'Luisa',
       'Margarita', 'Sonia', 'Nelly', 'Inés']
MAL = ['José', 'Juan', 'Luis', 'Carlos', 'Jorge', 'Manuel', 'Pedro', 'Sergio', 'Héctor', 'Hugo', 'Raúl',
       'Óscar', 'Patricio']


def rut(num):
    s, m = 0, 2
    for c in reversed(str(num)):
        s += int(c) * m
        m = 2 if m == 7 else m + 1
    d = 11 - s % 11
    dv = '0' if d == 11 else 'K' if d == 10 else str(d)
    t = f"{num:,}".replace(',', '.')
    return f"{t}-{dv}"


def cl_date(d):
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def coma(x):
    return fmt(x).replace('.', ',')


def eva_cell(x):
    return int(x) if abs(x - round(x)) < 1e-9 else coma(x)


LEAK_ES = {'none': 'no', 'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral',
           'epidural': 'epidural', 'disc;venous': 'discal + venosa'}
DIAG_ES = {'osteo': 'Fx osteoporótica', 'myeloma': 'Mieloma múltiple', 'trauma': 'Fx traumática',
           'haemangioma': 'Hemangioma agresivo'}
PRIM_ES = {'breast': 'ca. mama', 'prostate': 'ca. próstata', 'lung': 'ca. pulmón', 'kidney': 'ca. renal',
           'thyroid': 'ca. tiroides'}
ODD = {'1m': [(2, 'control atrasado')], '3m': [(4, 'control atrasado')],
       '6m': [(5, 'control adelantado'), (7, 'control atrasado')], '12m': [(11, 'control adelantado'), (14, 'control atrasado')]}

# odd (early/late) controls: move the visit date so the months count is the odd one
for p in pats:
    for v in p['visits']:
        if v['status'] == 'done' and v['tp'] in ODD and rng.random() < 0.14:
            m, why = rng.choice(ODD[v['tp']])
            s = p['sessions'][v['session'] - 1]
            nd = s['date'] + dt.timedelta(days=int(m * 30.44) + rng.randint(-3, 3))
            nxt = p['sessions'][1]['date'] if (v['session'] == 1 and len(p['sessions']) > 1) else None
            if nd > dt.date(2023, 12, 31) or (p['death'] and nd >= p['death']) or (nxt and nd >= nxt):
                continue
            v['date'] = nd
            v['odd'] = why


def months(s, v):
    if v['tp'] == 'pre':
        return 0
    return int(round((v['date'] - s['date']).days / 30.44))


thin = Side(style='thin', color='A6A6A6')
BOX = Border(left=thin, right=thin, top=thin, bottom=thin)
HF = PatternFill('solid', fgColor='1F4E78')
HFONT = Font(bold=True, color='FFFFFF')
YEL = PatternFill('solid', fgColor='FFFF99')

identifiers = []
for p in pats:
    sur1, sur2 = rng.sample(AP, 2)
    first = rng.choice(FEM if p['sex'] == 'female' else MAL)
    if rng.random() < 0.4:
        first += ' ' + rng.choice(['del Carmen', 'Soledad', 'Eugenia', 'Angélica'] if p['sex'] == 'female' else ['Antonio', 'Alberto', 'Andrés', 'Segundo'])
    p['name'] = f"{first} {sur1} {sur2}"
    byear = p['dob'].year
    p['rut'] = rut(int(2_000_000 + (byear - 1925) * 320_000 + rng.randint(0, 300_000)))
    p['ficha'] = str(rng.randint(300000, 1299999))
    p['tel'] = f"+56 9 {rng.randint(4000, 9999)} {rng.randint(1000, 9999)}"
    p['pid'] = str(p['n'])
    identifiers += [('name', p['name']), ('national_id', p['rut']), ('record_number', p['ficha']),
                    ('phone', p['tel']), ('birth_date', cl_date(p['dob']))]

cands = [p for p in pats if p['n'] > 2]
used = set()
e_vol = next(p for p in cands if p['sessions'][0]['vol_mode'] == 'level' and len(p['sessions'][0]['levels']) == 1
             and p['sessions'][0]['volumes'][0] >= 3)
used.add(e_vol['n'])
e_eva = next(p for p in cands if p['n'] not in used and any(v['tp'] == 'pre' and v['session'] == 1 and v['status'] == 'done' and v['vals']['pain_vas'] % 1 for v in p['visits']))
used.add(e_eva['n'])
e_date = next(p for p in cands if p['n'] not in used and any(v['tp'] == '3m' and v['session'] == 1 and v['status'] == 'done' and 'odd' not in v for v in p['visits']))
used.add(e_date['n'])
e_id = next(p for p in cands if p['n'] not in used and len(p['sessions']) == 1 and sum(v['status'] == 'done' for v in p['visits']) >= 4)
used.add(e_id['n'])
errors = []

wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Cirugías'
ws.merge_cells('A1:P1')
ws['A1'] = 'HOSPITAL CARLOS VAN BUREN – EQUIPO DE COLUMNA – Vertebroplastía / Cifoplastía 2021-2022'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'Planilla de cirugías (una fila por cirugía). El seguimiento está en la hoja "Seguimiento".'
ws['A2'].font = Font(italic=True)
CH = ['N°', 'RUT', 'Nombre', 'Ficha', 'Teléfono', 'Sexo', 'Fecha nac.', 'Edad', 'Diagnóstico', 'Cirugía',
      'Fecha cirugía', 'Técnica', 'Niveles', 'Cemento (ml)', 'Fuga de cemento', 'Observaciones']
for j, h in enumerate(CH):
    c = ws.cell(row=4, column=j + 1, value=h)
    c.font = HFONT
    c.fill = HF
    c.border = BOX
    c.alignment = Alignment(horizontal='center', wrap_text=True)
r = 5
for p in pats:
    for s in p['sessions']:
        diag = DIAG_ES.get(p['kind']) or f"Metástasis ({PRIM_ES[p['primary']]})"
        levs = '-'.join(s['levels']) if len(s['levels']) > 1 and rng.random() < 0.5 else ', '.join(s['levels'])
        if s['vol_mode'] == 'total' and len(s['levels']) > 1:
            cem = f"{coma(s['total'])} total"
        elif len(s['levels']) == 1:
            s['vol_mode'] = 'level'
            cem = coma(s['volumes'][0]) if s['volumes'][0] % 1 else int(s['volumes'][0])
        else:
            cem = ' / '.join(f"{l}: {coma(v)}" for l, v in zip(s['levels'], s['volumes']))
        if s['leak'][0] == '':
            leak = 's/i'
        elif all(x == 'none' for x in s['leak']):
            leak = 'No'
        elif len(s['levels']) == 1:
            leak = 'Sí, ' + LEAK_ES[s['leak'][0]]
        else:
            leak = '; '.join(f"{l} {LEAK_ES[x]}" for l, x in zip(s['levels'], s['leak']))
        obs = []
        if s['session'] == 2:
            obs.append(f"2ª cirugía por nueva fractura {s['levels'][0]}")
        if p['death'] and s['session'] == len(p['sessions']):
            obs.append(f"Fallecid{'a' if p['sex'] == 'female' else 'o'} {cl_date(p['death'])}")
        vals = [p['n'], p['rut'], p['name'], p['ficha'], p['tel'], 'F' if p['sex'] == 'female' else 'M',
                cl_date(p['dob']), p['age'] if s['session'] == 1 else age_on(p['dob'], s['date']), diag,
                s['session'], s['date'], 'Vertebroplastía' if s['technique'] == 'vertebroplasty' else 'Cifoplastía',
                levs, cem, leak, '. '.join(obs) or None]
        if p is e_vol and s['session'] == 1:
            bad = int(round(s['volumes'][0] * 10))
            vals[13] = bad
            errors.append(['Cirugías', f"N{r}", r, 'Cemento (ml)', bad,
                           f"{bad} ml in one vertebra is impossible (decimal comma lost); should be {coma(s['volumes'][0])}",
                           p['pid']])
        for j, v in enumerate(vals):
            c = ws.cell(row=r, column=j + 1, value=v)
            c.border = BOX
            if isinstance(v, dt.date):
                c.number_format = 'dd-mm-yyyy'
        if p['death']:
            ws.cell(row=r, column=16).fill = YEL
        r += 1
ws.cell(row=r + 1, column=1, value='Cemento: ml por nivel; si dice "total" es lo inyectado en toda la cirugía. Fuga s/i = sin información (sin TAC de control).').font = Font(italic=True, size=9)
for j, w in enumerate([5, 13, 32, 9, 15, 5, 11, 6, 24, 8, 12, 15, 13, 18, 18, 34]):
    ws.column_dimensions[get_column_letter(j + 1)].width = w

# ---- Seguimiento ----
sg = wb.create_sheet('Seguimiento')
sg['A1'] = 'SEGUIMIENTO – EVA (0 a 10) y Oswestry (%)'
sg['A1'].font = Font(bold=True, size=13)
sg['A2'] = 'Meses post-op: 0 = evaluación preoperatoria. Controles a 1, 3, 6 y 12 meses.'
sg['A2'].font = Font(italic=True)
SH = ['N°', 'RUT', 'Nombre', 'Cirugía', 'Fecha cirugía', 'Fecha control', 'Meses post-op', 'EVA', 'ODI (%)', 'Observaciones']
for j, h in enumerate(SH):
    c = sg.cell(row=3, column=j + 1, value=h)
    c.font = HFONT
    c.fill = HF
    c.border = BOX
r = 4
for p in pats:
    died_done = False
    fr_done = set()
    for v in p['visits']:
        if v['status'] in ('superseded', 'future'):
            continue
        if v['status'] == 'died' and died_done:
            continue
        s = p['sessions'][v['session'] - 1]
        nom = TP_OFF[v['tp']]
        mes = {'pre': 0, '1m': 1, '3m': 3, '6m': 6, '12m': 12}[v['tp']]
        fecha, eva, odi, obs = None, None, None, []
        if v['status'] == 'done':
            fecha = v['date']
            if 'odd' in v:
                mes = months(s, v)
            eva = eva_cell(v['vals']['pain_vas'])
            odi = v['vals'].get('odi')
            if 'odd' in v:
                obs.append(f"{v['odd']} (corresponde a control de {({'1m': '1 mes', '3m': '3 meses', '6m': '6 meses', '12m': '12 meses'})[v['tp']]})")
            for k, fr in enumerate(p['fractures']):
                if k not in fr_done and v['session'] == 1 and fr['date'] <= v['date']:
                    obs.append(f"Nueva fractura {fr['level']} (RM {cl_date(fr['date'])})")
                    fr_done.add(k)
        elif v['status'] == 'missed':
            eva = '—'
            obs.append(rng.choice(['Inasistente', 'No se presentó', 'No contesta teléfono', 'Inasistente, vive en Los Andes']))
        elif v['status'] == 'died':
            eva = '—'
            obs.append(f"Fallecid{'a' if p['sex'] == 'female' else 'o'} el {cl_date(p['death'])}")
            died_done = True
        vals = [p['n'], p['rut'], p['name'], v['session'], s['date'], fecha, mes, eva, odi, '. '.join(obs) or None]
        if p is e_eva and v['session'] == 1 and v['tp'] == 'pre':
            bad = int(round(v['vals']['pain_vas'] * 10))
            vals[7] = bad
            errors.append(['Seguimiento', f"H{r}", r, 'EVA', bad,
                           f"EVA {bad} is outside the 0-10 scale (comma dropped); should be {coma(v['vals']['pain_vas'])}", p['pid']])
        if p is e_date and v['session'] == 1 and v['tp'] == '3m' and v['status'] == 'done':
            d = v['date']
            bad = d.replace(year=d.year - 1) if not (d.month == 2 and d.day == 29) else d - dt.timedelta(days=365)
            vals[5] = bad
            errors.append(['Seguimiento', f"F{r}", r, 'Fecha control', cl_date(bad),
                           f"3-month control dated before the surgery of {cl_date(s['date'])}; should be {cl_date(d)}", p['pid']])
        if p is e_id and v['tp'] == '3m' and v['status'] == 'done':
            vals[0] = None
            errors.append(['Seguimiento', f"A{r}", r, 'N°', '',
                           f"study number missing on this control row (RUT/name show it is patient {p['n']})", p['pid']])
        for j, x in enumerate(vals):
            c = sg.cell(row=r, column=j + 1, value=x)
            c.border = BOX
            if isinstance(x, dt.date):
                c.number_format = 'dd-mm-yyyy'
        r += 1
    # fracture not seen at a control: add to last row's observations
    for k, fr in enumerate(p['fractures']):
        if k not in fr_done:
            last = r - 1
            old = sg.cell(row=last, column=10).value
            sg.cell(row=last, column=10, value=((old + '. ') if old else '') +
                    f"Consulta en urgencia: nueva fractura {fr['level']} (RM {cl_date(fr['date'])})")
sg.cell(row=r + 1, column=1, value='Controles fuera de plazo: se anotan con los meses reales y en Observaciones a qué control corresponden.').font = Font(italic=True, size=9)
for j, w in enumerate([5, 13, 32, 8, 12, 12, 8, 6, 8, 60]):
    sg.column_dimensions[get_column_letter(j + 1)].width = w
sg.freeze_panes = 'A4'
wb.properties.created = dt.datetime(2024, 1, 8, 12, 0, 0)
wb.properties.modified = dt.datetime(2024, 1, 8, 12, 0, 0)
wb.save(os.path.join(HERE, 'input.xlsx'))
assert len(errors) == 4, errors
write_truth(pats, errors, identifiers, lambda p: p['pid'])
print('valparaiso: written', len(pats))
