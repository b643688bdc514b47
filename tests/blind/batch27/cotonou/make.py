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
# COTONOU - CNHU-HKM, Service de Neurochirurgie. Un onglet par patient (fiche),
# un onglet récapitulatif en premier.
# ===========================================================================
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 2703
rng = random.Random(SEED + 3)
SCHED1 = {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'], 'odi': ['pre', '3m', '12m']}
SCHED2 = {'pain_vas': ['pre', '24h', '1m', '3m'], 'odi': ['pre', '3m']}
pats = gen_good(SEED, 16, dt.date(2021, 3, 1), dt.date(2023, 1, 31), dt.date(2023, 11, 30),
                SCHED1, SCHED2, vas_step=0.5, vol_step=0.5, p_kypho=0.15,
                cements=(('PMMA', 1.0),), p_total=0.3, p_no_leak=0.1, p_missed=0.16)

SUR = ['HOUNKPATIN', 'AGOSSOU', 'DOSSOU', 'ADJOVI', 'KOUDJO', 'ZINSOU', 'AHOUANDJINOU', 'GBAGUIDI', 'HOUNSOU',
       'TOSSOU', 'AKPLOGAN', 'DAGBA', 'HOUNGBEDJI', 'KPADONOU', 'ASSOGBA', 'LALEYE', 'SANNI', 'OROU']
FEM = ['Afiavi', 'Rosalie', 'Chantal', 'Pélagie', 'Bernadette', 'Hortense', 'Victoire', 'Sikirath', 'Mariam',
       'Clémence', 'Prudence', 'Eugénie']
MAL = ['Koffi', 'Sèna', 'Codjo', 'Basile', 'Rigobert', 'Théophile', 'Aristide', 'Mathias', 'Romuald', 'Issa',
       'Comlan', 'Gbènou']
rng.shuffle(SUR)


def fr_date(d):
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def fr_num(x):
    s = fmt(x)
    return s.replace('.', ',')


def lev_fr(l):
    return ('D' + l[1:]) if l[0] == 'T' else l


LEAK_FR = {'none': 'aucune', 'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale (parties molles)',
           'epidural': 'épidurale', 'disc;venous': 'discale + veineuse'}
TECH_FR = {'vertebroplasty': 'Vertébroplastie percutanée', 'kyphoplasty': 'Cyphoplastie par ballonnet'}
DIAG_FR = {'osteo': 'Tassement vertébral ostéoporotique', 'myeloma': 'Myélome multiple',
           'trauma': 'Fracture traumatique (accident de moto)', 'haemangioma': 'Hémangiome vertébral agressif'}
PRIM_FR = {'breast': 'cancer du sein', 'prostate': 'cancer de la prostate', 'lung': 'cancer bronchique',
           'kidney': 'cancer du rein', 'thyroid': 'cancer de la thyroïde'}
VIS_FR = {'pre': 'Pré-op', '24h': 'J1', '1m': 'M1', '3m': 'M3', '6m': 'M6', '12m': 'M12'}

thin = Side(style='thin', color='808080')
BOX = Border(left=thin, right=thin, top=thin, bottom=thin)
KEYFILL = PatternFill('solid', fgColor='DDEBF7')
HDRFILL = PatternFill('solid', fgColor='FCE4D6')
GREY = PatternFill('solid', fgColor='E7E6E6')

wb = openpyxl.Workbook()
summ = wb.active
summ.title = 'Récapitulatif'
identifiers = []
errors = []
used = set()
# choose which patients carry planted errors (distinct, deterministic)
cands = [p for p in pats if p['n'] > 2]
err_level = next(p for p in cands if len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0].startswith('L'))
used.add(err_level['n'])
err_vol = next(p for p in cands if p['n'] not in used and p['sessions'][0]['vol_mode'] == 'level'
               and len(p['sessions'][0]['levels']) == 1)
used.add(err_vol['n'])
err_eva = next(p for p in cands if p['n'] not in used and any(
    v['tp'] == '3m' and v['status'] == 'done' and v['session'] == 1 for v in p['visits']))
used.add(err_eva['n'])
err_date = next(p for p in cands if p['n'] not in used and any(
    v['tp'] == '1m' and v['status'] == 'done' and v['session'] == 1 for v in p['visits']))
used.add(err_date['n'])


def code(p):
    return f"VP-{p['n']:02d}"


def vol_text(s, p, bad_single=None):
    if s['vol_mode'] == 'total':
        return f"{fr_num(s['total'])} ml au total"
    if len(s['levels']) == 1:
        v = bad_single if bad_single is not None else s['volumes'][0]
        return f"{fr_num(v)} ml"
    return ' ; '.join(f"{lev_fr(l)} : {fr_num(v)} ml" for l, v in zip(s['levels'], s['volumes']))


def leak_text(s):
    if s['leak'][0] == '':
        return 'non précisée'
    if all(x == 'none' for x in s['leak']):
        return 'Aucune'
    if len(s['levels']) == 1:
        return LEAK_FR[s['leak'][0]].capitalize()
    parts = []
    for l, x in zip(s['levels'], s['leak']):
        parts.append(f"{lev_fr(l)} : {LEAK_FR[x]}")
    return ' ; '.join(parts)


for p in pats:
    ws = wb.create_sheet(code(p))
    s1 = p['sessions'][0]
    sur = SUR[(p['n'] - 1) % len(SUR)]
    first = ' '.join(rng.sample(FEM if p['sex'] == 'female' else MAL, 2 if rng.random() < 0.4 else 1))
    dossier = f"{s1['date'].year % 100:02d}/NCH/{rng.randint(100, 2999):04d}"
    tel = f"{rng.choice(['97', '96', '66', '61', '95', '90', '94'])} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    dob = fr_date(p['dob'])
    identifiers += [('name', f"{sur} {first}"), ('name', sur), ('name', first), ('record_number', dossier),
                    ('phone', tel), ('birth_date', dob)]
    ws.merge_cells('A1:F1')
    ws['A1'] = 'CNHU-HKM de Cotonou – Service de Neurochirurgie'
    ws['A1'].font = Font(bold=True, size=12)
    ws.merge_cells('A2:F2')
    ws['A2'] = 'FICHE DE SUIVI – VERTÉBROPLASTIE / CYPHOPLASTIE'
    ws['A2'].font = Font(bold=True, size=13, color='C00000')
    ws['A2'].alignment = Alignment(horizontal='center')
    diag = DIAG_FR.get(p['kind']) or f"Métastase vertébrale ({PRIM_FR[p['primary']]})"
    lev_line = ' - '.join(lev_fr(l) for l in s1['levels'])
    if p is err_level:
        bad = 'L7'
        lev_line = bad
    vol_bad = None
    if p is err_vol:
        vol_bad = s1['volumes'][0] * 10
    kv = [('Code patient', code(p)), ('Nom et prénoms', f"{sur} {first}"), ('N° dossier', dossier),
          ('Date de naissance', dob), ('Âge', f"{p['age']} ans"), ('Sexe', 'F' if p['sex'] == 'female' else 'M'),
          ('Téléphone', tel), ('Diagnostic', diag), ('Date d\'intervention', fr_date(s1['date'])),
          ('Geste', TECH_FR[s1['technique']]), ('Niveau(x) traité(s)', lev_line), ('Ciment', 'PMMA' if s1['cement'] else ''),
          ('Volume de ciment', vol_text(s1, p, vol_bad)), ('Fuite de ciment', leak_text(s1))]
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        kv += [('2e intervention (reprise)', fr_date(s2['date'])), ('   Geste', TECH_FR[s2['technique']]),
               ('   Niveau', lev_fr(s2['levels'][0])), ('   Volume', vol_text(s2, p)), ('   Fuite', leak_text(s2))]
    if p['fractures']:
        fr = p['fractures'][0]
        img = rng.choice(['IRM', 'radio', 'TDM'])
        kv.append(('Nouvelle fracture', f"Oui – {lev_fr(fr['level'])}, {img} du {fr_date(fr['date'])}"))
    else:
        kv.append(('Nouvelle fracture', 'Non'))
    kv.append(('Statut', f"Décédé{'e' if p['sex'] == 'female' else ''} le {fr_date(p['death'])}" if p['death'] else 'Vivant'))
    r = 4
    for k, v in kv:
        ws.cell(row=r, column=1, value=k + ' :').font = Font(bold=True)
        ws.cell(row=r, column=1).fill = KEYFILL
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=6)
        ws.cell(row=r, column=2, value=v)
        if p is err_level and k == 'Niveau(x) traité(s)':
            errors.append([ws.title, f"B{r}", r, 'Niveau(x) traité(s)', 'L7',
                           f"level L7 does not exist; should be {s1['levels'][0]}", code(p)])
        if p is err_vol and k == 'Volume de ciment':
            errors.append([ws.title, f"B{r}", r, 'Volume de ciment', vol_text(s1, p, vol_bad),
                           f"{fr_num(vol_bad)} ml in one vertebra is impossible (comma lost); should be {fr_num(s1['volumes'][0])} ml",
                           code(p)])
        if k == 'Statut' and p['death']:
            ws.cell(row=r, column=2).font = Font(bold=True, color='C00000')
        r += 1
    r += 1
    ws.cell(row=r, column=1, value='SUIVI').font = Font(bold=True, size=12)
    r += 1
    hdr = ['Intervention', 'Visite', 'Date', 'EVA (/10)', 'ODI (%)', 'Observations']
    for j, h in enumerate(hdr):
        c = ws.cell(row=r, column=j + 1, value=h)
        c.font = Font(bold=True)
        c.fill = HDRFILL
        c.border = BOX
    r += 1
    died_written = False
    for v in p['visits']:
        if v['status'] == 'superseded':
            continue
        if v['status'] == 'died' and died_written:
            continue
        sess = '1ère' if v['session'] == 1 else '2e (reprise)'
        obs = ''
        date = v['date']
        eva = odi = None
        if v['status'] == 'done':
            eva = v['vals'].get('pain_vas')
            odi = v['vals'].get('odi')
            if p['fractures'] and v['session'] == 1 and abs((v['date'] - p['fractures'][0]['date']).days) < 20:
                obs = f"Douleur nouvelle – voir fracture {lev_fr(p['fractures'][0]['level'])}"
        elif v['status'] == 'missed':
            date = None
            obs = rng.choice(['Perdu de vue', 'Non venu(e) au RDV', 'Injoignable au téléphone', 'Absent' + ('e' if p['sex'] == 'female' else '')])
        elif v['status'] == 'died':
            date = None
            obs = 'Décédé' + ('e' if p['sex'] == 'female' else '')
            died_written = True
        elif v['status'] == 'future':
            date = None
            obs = 'RDV à venir'
        ws.cell(row=r, column=1, value=sess)
        ws.cell(row=r, column=2, value=VIS_FR[v['tp']])
        if date is not None:
            dcell = ws.cell(row=r, column=3, value=date)
            dcell.number_format = 'dd/mm/yyyy'
            if p is err_date and v['session'] == 1 and v['tp'] == '1m':
                bad = dt.date(date.year - 1, date.month, date.day) if not (date.month == 2 and date.day == 29) else date - dt.timedelta(days=366)
                dcell.value = bad
                errors.append([ws.title, f"C{r}", r, 'Date', fr_date(bad),
                               f"M1 visit dated {fr_date(bad)}, before the operation of {fr_date(s1['date'])}; should be {fr_date(date)}",
                               code(p)])
        if eva is not None:
            ev = eva
            if p is err_eva and v['session'] == 1 and v['tp'] == '3m':
                ev = 12
                errors.append([ws.title, f"D{r}", r, 'EVA (/10)', 12,
                               f"EVA 12 is outside the 0-10 scale; should be {fr_num(eva)}", code(p)])
            if abs(ev - round(ev)) > 1e-9:
                ws.cell(row=r, column=4, value=fr_num(ev))
            else:
                ws.cell(row=r, column=4, value=int(ev))
        elif v['status'] != 'done':
            ws.cell(row=r, column=4, value='—')
        if odi is not None:
            ws.cell(row=r, column=5, value=odi)
        ws.cell(row=r, column=6, value=obs or None)
        for j in range(6):
            ws.cell(row=r, column=j + 1).border = BOX
            if v['session'] == 2:
                ws.cell(row=r, column=j + 1).fill = GREY
        r += 1
    r += 1
    ws.cell(row=r, column=1, value='EVA : échelle visuelle analogique 0–10. ODI : Oswestry (%). J1 = lendemain, M1/M3/M6/M12 = mois après le geste.').font = Font(italic=True, size=9)
    ws.cell(row=r + 1, column=1, value=f"Fiche remplie par : {rng.choice(['Dr A.', 'Dr K.', 'Int. S.'])} – à compléter à chaque RDV").font = Font(italic=True, size=9)
    ws.column_dimensions['A'].width = 26
    ws.column_dimensions['B'].width = 14
    ws.column_dimensions['C'].width = 12
    ws.column_dimensions['D'].width = 10
    ws.column_dimensions['E'].width = 9
    ws.column_dimensions['F'].width = 38
    p['sheet'] = ws.title

# ---- summary sheet ----
summ.merge_cells('A1:I1')
summ['A1'] = 'VERTÉBROPLASTIES / CYPHOPLASTIES – RÉCAPITULATIF (mise à jour nov. 2023)'
summ['A1'].font = Font(bold=True, size=13)
summ['A2'] = 'Détail de chaque patient dans l\'onglet portant son code.'
summ['A2'].font = Font(italic=True)
H = ['N°', 'Code', 'Sexe', 'Âge', 'Diagnostic', 'Date 1ère interv.', 'Niveau(x)', 'Reprise', 'Statut']
for j, h in enumerate(H):
    c = summ.cell(row=4, column=j + 1, value=h)
    c.font = Font(bold=True)
    c.fill = HDRFILL
    c.border = BOX
for i, p in enumerate(pats):
    s1 = p['sessions'][0]
    diag = {'osteo': 'Ostéoporose', 'metastasis': 'Métastase', 'myeloma': 'Myélome', 'trauma': 'Traumatique',
            'haemangioma': 'Hémangiome'}[p['kind']]
    row = [i + 1, code(p), 'F' if p['sex'] == 'female' else 'M', p['age'], diag, s1['date'],
           ' - '.join(lev_fr(l) for l in s1['levels']),
           fr_date(p['sessions'][1]['date']) if len(p['sessions']) > 1 else 'Non',
           'DCD' if p['death'] else 'Vivant']
    for j, v in enumerate(row):
        c = summ.cell(row=5 + i, column=j + 1, value=v)
        c.border = BOX
        if isinstance(v, dt.date):
            c.number_format = 'dd/mm/yyyy'
        if j == 1:
            c.hyperlink = f"#'{p['sheet']}'!A1"
            c.font = Font(color='0563C1', underline='single')
n = len(pats)
summ.cell(row=n + 6, column=1, value='DCD = décédé(e). Reprise = 2e geste (nouvelle fracture). D = vertèbre dorsale (thoracique).').font = Font(italic=True, size=9)
for col, w in zip('ABCDEFGHI', [5, 9, 6, 6, 14, 16, 16, 12, 9]):
    summ.column_dimensions[col].width = w
wb.properties.created = dt.datetime(2023, 11, 30, 10, 0, 0)
wb.properties.modified = dt.datetime(2023, 11, 30, 10, 0, 0)
wb.save(os.path.join(HERE, 'input.xlsx'))
assert len(errors) == 4, errors
write_truth(pats, errors, identifiers, code)
print('cotonou: written', len(pats))
