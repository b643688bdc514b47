#!/usr/bin/env python
"""Nantes unit workbook + truth. Run from its folder: python make.py"""
# === common generator begin ===
import csv, os, random, re, zipfile, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = ([f'C{i}' for i in range(1, 8)] + [f'T{i}' for i in range(1, 13)]
         + [f'L{i}' for i in range(1, 6)] + ['S1'])
TPD = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 91, '6m': 182, '12m': 365}
JIT = {'pre': (-7, 0), '24h': (1, 1), '1w': (5, 9), '2w': (11, 17), '1m': (26, 34),
       '6w': (38, 47), '3m': (82, 101), '6m': (168, 196), '12m': (345, 386)}
DROP = {'24h': (2, 4), '1w': (2.5, 4.5), '2w': (3, 5), '1m': (3, 5), '6w': (3, 5.5),
        '3m': (3.5, 5.5), '6m': (3.5, 5.5), '12m': (3.5, 6)}
ODROP = {'24h': (4, 10), '1w': (6, 14), '2w': (8, 18), '1m': (10, 25), '6w': (12, 28),
         '3m': (18, 34), '6m': (20, 38), '12m': (20, 38)}
D = dt.timedelta


def fmt(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        return ('%.1f' % x).rstrip('0').rstrip('.')
    return str(x)


def _session(rng, p, s, day, levels, tech, vol_step, cp_prob, tps, odi_tps, half, miss):
    vols = []
    for lv in levels:
        lo, hi = (1.5, 3.5) if lv.startswith('T') else (2.5, 5.5)
        if tech == 'kyphoplasty':
            lo, hi = lo + 1.0, hi + 1.0
        vols.append(round(round(rng.uniform(lo, hi) / vol_step) * vol_step, 1))
    ctype = 'calcium phosphate' if rng.random() < (cp_prob * (3 if p['etiology'] == 'traumatic' else 1)) else 'PMMA'
    leaks = [rng.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous', 'epidural'],
                         [68, 14, 9, 5, 2, 2])[0] for _ in levels]
    sess = {'s': s, 'day': day, 'date': p['op1'] + D(days=day), 'tech': tech, 'levels': levels,
            'vols': vols, 'ctype': ctype, 'leaks': leaks, 'visits': [], 'missed': [], 'dead': []}
    pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
    if half and rng.random() < 0.3:
        pre -= 0.5
    opre = 2 * rng.randint(20, 42)
    for tp in tps:
        rel = rng.randint(*JIT[tp])
        ab = day + rel
        if p['died'] and ab >= p['death_day']:
            sess['dead'].append(tp)
            continue
        if tp != 'pre' and rng.random() < miss:
            sess['missed'].append(tp)
            continue
        if tp == 'pre':
            v, o = pre, opre
        else:
            v = pre - rng.uniform(*DROP[tp])
            if p['etiology'] == 'pathologic' and tp in ('6m', '12m'):
                v += rng.uniform(0, 2)
            v = max(1.0, min(10.0, v))
            v = round(v * 2) / 2 if half else float(round(v))
            o = max(6, opre - 2 * round(rng.uniform(*ODROP[tp]) / 2))
        if isinstance(v, float) and v == int(v):
            v = int(v)
        sess['visits'].append({'tp': tp, 'rel': rel, 'day': ab, 'date': p['op1'] + D(days=ab),
                               'vas': v, 'odi': o if tp in odi_tps else None})
    return sess


def generate(seed, n, tps1, tps2, kp_prob=0.3, cp_prob=0.05, start=dt.date(2021, 1, 11),
             end=dt.date(2022, 11, 30), odi_tps=(), odi_tps2=(), half=False, miss=0.12,
             vol_step=0.5, n_s2=3, n_dead=3):
    rng = random.Random(seed)
    P = []
    n_met, n_mm, n_tr = max(2, round(n * 0.15)), max(1, round(n * 0.08)), max(1, round(n * 0.1))
    ets = ([('pathologic', 'metastasis')] * n_met + [('pathologic', 'myeloma')] * n_mm
           + [('traumatic', 'trauma')] * n_tr + [('other', 'haemangioma')])
    ets += [('osteoporotic', 'osteoporosis')] * (n - len(ets))
    rng.shuffle(ets)
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        et, sub = ets[i]
        p['etiology'], p['sub'] = et, sub
        p['primary'] = ''
        if sub == 'metastasis':
            p['primary'] = rng.choice(['breast', 'lung', 'prostate', 'kidney', 'thyroid'])
            if p['primary'] == 'prostate':
                p['sex'] = 'male'
            if p['primary'] == 'breast':
                p['sex'] = 'female'
        lo, hi = {'osteoporotic': (63, 90), 'pathologic': (49, 82), 'traumatic': (45, 78), 'other': (40, 72)}[et]
        p['age'] = rng.randint(lo, hi)
        op1 = start + D(days=rng.randint(0, (end - start).days))
        while op1.weekday() > 4:
            op1 += D(days=1)
        p['op1'] = op1
        anniv = dt.date(op1.year - p['age'], op1.month, min(op1.day, 28))
        p['dob'] = anniv - D(days=rng.randint(1, 360))
        P.append(p)
    # deaths: pathologic first, then others, fixed count
    order = sorted(range(n), key=lambda k: (P[k]['etiology'] != 'pathologic', rng.random()))
    dead = set(order[:n_dead])
    for k, p in enumerate(P):
        p['died'] = k in dead
        p['death_day'] = rng.randint(75, 420) if p['died'] else None
    # fractures and second sessions
    cand = [k for k in range(n) if not P[k]['died'] or P[k]['death_day'] > 200]
    rng.shuffle(cand)
    s2set = set(cand[:n_s2])
    fxset = set(cand[:n_s2 + 2])
    for k, p in enumerate(P):
        nlev = rng.choices([1, 2, 3], [55, 33, 12])[0]
        first = rng.choices(['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'],
                            [2, 3, 4, 5, 7, 12, 18, 18, 12, 7, 4])[0]
        idx = min(SPINE.index(first), SPINE.index('L5') - nlev)
        levels = SPINE[idx:idx + nlev]
        tech = 'kyphoplasty' if rng.random() < kp_prob else 'vertebroplasty'
        p['sessions'] = [_session(rng, p, 1, 0, levels, tech, vol_step, cp_prob, tps1, odi_tps, half, miss)]
        p['fracture'] = None
        if k in fxset:
            hi = 300 if not p['died'] else p['death_day'] - 60
            fday = rng.randint(30, max(31, hi))
            flev = SPINE[idx - 1] if (rng.random() < 0.5) else SPINE[idx + nlev]
            p['fracture'] = {'day': fday, 'level': flev, 'date': p['op1'] + D(days=fday)}
            if k in s2set:
                s2day = fday + rng.randint(5, 20)
                while (p['op1'] + D(days=s2day)).weekday() > 4:
                    s2day += 1
                tech2 = tech if rng.random() < 0.8 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                p['sessions'].append(_session(rng, p, 2, s2day, [flev], tech2, vol_step, cp_prob, tps2,
                                              odi_tps2, half, miss))
        p['death_date'] = p['op1'] + D(days=p['death_day']) if p['died'] else None
    P.sort(key=lambda p: p['op1'])
    return P, rng


def write_truth(P, per_level, record_ctype, errors, idents, drop=()):
    tdir = os.path.join(HERE, 'truth')
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            cw.writerows(rows)
    pts, prc, ass, frx = [], [], [], []
    for p in P:
        pid = p['pid']
        pts.append([pid, p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for s in p['sessions']:
            tot = round(sum(s['vols']), 1)
            for lv, vol, lk in zip(s['levels'], s['vols'], s['leaks']):
                prc.append([pid, s['s'], s['day'], lv, s['tech'], fmt(vol) if per_level else '',
                            '' if per_level else fmt(tot), s['ctype'] if record_ctype else '', lk])
            for v in s['visits']:
                if (pid, s['s'], 'pain_vas', v['tp']) not in drop:
                    ass.append([pid, s['s'], 'pain_vas', v['tp'], fmt(v['vas'])])
                if v['odi'] is not None and (pid, s['s'], 'odi', v['tp']) not in drop:
                    ass.append([pid, s['s'], 'odi', v['tp'], fmt(v['odi'])])
        if p['fracture']:
            frx.append([pid, p['fracture']['day'], p['fracture']['level']])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], pts)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], prc)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], ass)
    w('fractures.csv', ['patient_id', 'day', 'level'], frx)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, idr = set(), []
    for kind, val in idents:
        if (kind, val) not in seen:
            seen.add((kind, val))
            idr.append([kind, val])
    w('identifiers.csv', ['kind', 'value'], idr)


def col_letter(c):  # 0-based
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# === common generator end ===

# ---------------------------------------------------------------- Nantes
import xlsxwriter

TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
P, rng = generate(2905, 17, TPS, TPS, kp_prob=0.5, cp_prob=0.03, odi_tps=('pre', '3m', '12m'),
                  odi_tps2=('pre', '3m', '12m'), n_s2=3, n_dead=3, start=dt.date(2021, 1, 25),
                  end=dt.date(2022, 11, 25), miss=0.13)
for i, p in enumerate(P):
    p['pid'] = 'NTS-%03d' % (i + 1)
# EVA is written in mm (0-100): give the scores a mm resolution; truth = mm / 10
for p in P:
    for s in p['sessions']:
        for v in s['visits']:
            mm = int(max(0, min(100, v['vas'] * 10 + rng.randint(-4, 4))))
            v['mm'] = mm
            v['vas'] = mm / 10

NOMS = ['LE GOFF', 'GUERIN', 'LE ROUX', 'MORVAN', 'BRIAND', 'GIRAUD', 'ROUSSEAU', 'HERVE', 'LE GALL', 'JAOUEN',
        'TESSIER', 'LEBRETON', 'CADIOU', 'PICHON', 'MOREAU', 'ROBIN', 'CHEVALIER', 'GAUTIER', 'PERRIN', 'BERNARD']
PR_F = ['Jeanne', 'Marie-Thérèse', 'Monique', 'Yvette', 'Annick', 'Françoise', 'Simone', 'Josiane', 'Nicole', 'Germaine']
PR_M = ['Jean-Yves', 'Yves', 'Bernard', 'Michel', 'Gérard', 'Joseph', 'Alain', 'Pierre', 'Loïc']
for p, nm in zip(P, rng.sample(NOMS, len(P))):
    p['nom'] = nm
    p['prenom'] = rng.choice(PR_F if p['sex'] == 'female' else PR_M)
    p['ipp'] = '%08d' % rng.randint(20000000, 29999999)

CODES = {('vertebroplasty', 1): 'LHMH001', ('vertebroplasty', 2): 'LHMH002', ('vertebroplasty', 3): 'LHMH003',
         ('kyphoplasty', 1): 'LHMH004', ('kyphoplasty', 2): 'LHMH005', ('kyphoplasty', 3): 'LHMH006'}
LEGEND = [('LHMH001', 'Vertébroplastie par voie transcutanée, 1 vertèbre'),
          ('LHMH002', 'Vertébroplastie par voie transcutanée, 2 vertèbres'),
          ('LHMH003', 'Vertébroplastie par voie transcutanée, 3 vertèbres ou plus'),
          ('LHMH004', 'Cyphoplastie par ballonnet (expansion intravertébrale), 1 vertèbre'),
          ('LHMH005', 'Cyphoplastie par ballonnet (expansion intravertébrale), 2 vertèbres'),
          ('LHMH006', 'Cyphoplastie par ballonnet (expansion intravertébrale), 3 vertèbres ou plus'),
          ('ZZLP025', 'Anesthésie générale - code complémentaire (ne concerne pas la technique)')]

def d(x):
    return x.strftime('%d/%m/%Y')

def etio(p):
    return {'osteoporosis': rng.choice(['ostéoporose', 'tassement ostéoporotique']), 'myeloma': 'myélome',
            'trauma': 'traumatique', 'haemangioma': 'hémangiome vertébral',
            'metastasis': 'métastase (%s)' % {'breast': 'sein', 'lung': 'poumon', 'prostate': 'prostate',
                                              'kidney': 'rein', 'thyroid': 'thyroïde'}.get(p['primary'], '')}[p['sub']]

FU1 = {'disc': ['fuite discale minime', 'fuite discale'], 'venous': ['fuite veineuse', 'petite fuite veineuse'],
       'paravertebral': ['fuite paravertébrale'], 'epidural': ['fuite épidurale asymptomatique'],
       'disc;venous': ['fuite discale + veineuse']}
def fuite(s):
    lk = [(l, x) for l, x in zip(s['levels'], s['leaks']) if x != 'none']
    if not lk:
        return rng.choice(['pas de fuite', 'pas de fuite', 'RAS', 'aucune fuite'])
    if len(s['levels']) == 1:
        return rng.choice(FU1[lk[0][1]])
    return ', '.join('%s en %s' % (rng.choice(FU1[x]), l) for l, x in lk)

def frnum(v):
    return fmt(v).replace('.', ',')

H = ['IPP', 'NOM', 'Prénom', 'Date de naissance', 'N° inclusion', 'Sexe', 'Âge', 'Étiologie', 'Séance',
     'Date intervention', 'Code(s) CCAM', 'Niveau(x)', 'Ciment (mL)', 'Type ciment', 'Fuite de ciment',
     'EVA pré (mm)', 'EVA J1', 'EVA M1', 'EVA M3', 'EVA M6', 'EVA M12', 'ODI pré (%)', 'ODI M3 (%)', 'ODI M12 (%)',
     'Nouvelle fracture', 'Niveau nvelle fracture', 'Date nvelle fracture', 'Décès', 'Date décès', 'Commentaires']
C = {h: i for i, h in enumerate(H)}
EVA = dict(zip(TPS, ['EVA pré (mm)', 'EVA J1', 'EVA M1', 'EVA M3', 'EVA M6', 'EVA M12']))
ODI = {'pre': 'ODI pré (%)', '3m': 'ODI M3 (%)', '12m': 'ODI M12 (%)'}

rows = sorted([(p, s) for p in P for s in p['sessions']], key=lambda t: (t[0]['pid'], t[1]['s']))
grid = []
for p, s in rows:
    r = {h: None for h in H}
    r.update({'IPP': p['ipp'], 'NOM': p['nom'], 'Prénom': p['prenom'], 'Date de naissance': p['dob'],
              'N° inclusion': p['pid'], 'Sexe': 'F' if p['sex'] == 'female' else 'H', 'Âge': p['age'],
              'Étiologie': etio(p), 'Séance': 1 if s['s'] == 1 else '2 (reprise)', 'Date intervention': s['date']})
    code = CODES[(s['tech'], min(3, len(s['levels'])))]
    r['Code(s) CCAM'] = code + (' + ZZLP025' if rng.random() < 0.3 else '')
    r['Niveau(x)'] = ' + '.join(s['levels'])
    r['Ciment (mL)'] = s['vols'][0] if len(s['vols']) == 1 else ' / '.join(frnum(v) for v in s['vols'])
    r['Type ciment'] = 'PMMA' if s['ctype'] == 'PMMA' else 'phosphocalcique'
    r['Fuite de ciment'] = fuite(s)
    vis = {v['tp']: v for v in s['visits']}
    for tp in TPS:
        if tp in vis:
            r[EVA[tp]] = vis[tp]['mm']
        elif tp in s['missed']:
            r[EVA[tp]] = rng.choice(['non venu', 'NF', 'non venu'])
        elif tp in s['dead']:
            r[EVA[tp]] = 'DCD'
    for tp, h in ODI.items():
        if tp in vis and vis[tp]['odi'] is not None:
            r[h] = vis[tp]['odi']
        elif tp in s['missed']:
            r[h] = 'NF'
        elif tp in s['dead']:
            r[h] = 'DCD'
    if s['s'] == 1:
        fx = p['fracture']
        r['Nouvelle fracture'] = 'Oui' if fx else 'Non'
        if fx:
            r['Niveau nvelle fracture'], r['Date nvelle fracture'] = fx['level'], fx['date']
    else:
        r['Nouvelle fracture'] = 'cf. séance 1'
        r['Commentaires'] = 'reprise pour nouveau tassement %s' % s['levels'][0]
    r['Décès'] = 'Oui' if p['died'] else 'Non'
    if p['died']:
        r['Date décès'] = p['death_date']
    if r['Commentaires'] is None and p['etiology'] == 'pathologic' and s['s'] == 1:
        r['Commentaires'] = rng.choice(['suivi onco ICO', 'RCP onco', None])
    grid.append((p, s, r))

HDR = 2   # Excel row 3
def xl(k):
    return HDR + 2 + k
errors, drop, used = [], set(), set()
def pick(cond):
    for k, (p, s, r) in enumerate(grid):
        if p['pid'] not in used and len(p['sessions']) == 1 and cond(p, s, r):
            used.add(p['pid'])
            return k
    raise SystemExit('no candidate')

k = pick(lambda p, s, r: isinstance(r['EVA M3'], int))
p, s, r = grid[k]
r['EVA M3'] = 150
errors.append(['Suivi', '%s%d' % (col_letter(C['EVA M3']), xl(k)), xl(k), 'EVA M3', 150,
               "EVA en mm va de 0 à 100; 150 impossible (value left out of truth)", p['pid']])
drop.add((p['pid'], 1, 'pain_vas', '3m'))

k = pick(lambda p, s, r: len(s['levels']) == 1 and s['vols'][0] != int(s['vols'][0]) and s['vols'][0] >= 2.5)
p, s, r = grid[k]
r['Ciment (mL)'] = int(round(s['vols'][0] * 10))
errors.append(['Suivi', '%s%d' % (col_letter(C['Ciment (mL)']), xl(k)), xl(k), 'Ciment (mL)', r['Ciment (mL)'],
               '%d mL dans une seule vertèbre impossible; virgule oubliée, should be %s' % (r['Ciment (mL)'], frnum(s['vols'][0])), p['pid']])

k = pick(lambda p, s, r: p['died'])
p, s, r = grid[k]
dd = p['death_date']
bad = '%02d/%02d/%d' % (31 if dd.month in (4, 6, 9, 11) else (30 if dd.month == 2 else 32), dd.month, dd.year)
r['Date décès'] = bad
errors.append(['Suivi', '%s%d' % (col_letter(C['Date décès']), xl(k)), xl(k), 'Date décès', bad,
               'date impossible (saisie en texte); true date %s' % d(dd), p['pid']])

k = pick(lambda p, s, r: p['fracture'] is not None)
p, s, r = grid[k]
fx = p['fracture']
wrong = fx['date'] - D(days=365)
r['Date nvelle fracture'] = wrong
errors.append(['Suivi', '%s%d' % (col_letter(C['Date nvelle fracture']), xl(k)), xl(k), 'Date nvelle fracture', d(wrong),
               'nouvelle fracture datée avant l\'intervention (%s); erreur d\'année, should be %s' % (d(s['date']), d(fx['date'])),
               p['pid']])

# ---- workbook
wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
wb.set_properties({'author': 'ARC radiologie interventionnelle', 'created': dt.datetime(2024, 3, 4, 16, 40)})
F = lambda **kw: wb.add_format(kw)
ws = wb.add_worksheet('Suivi')
f_t = F(bold=True, font_size=13, font_color='#203864')
f_h = F(bold=True, text_wrap=True, valign='top', border=1, bg_color='#DDEBF7')
f_hE = F(bold=True, text_wrap=True, valign='top', border=1, bg_color='#FFF2CC')
f_d = F(num_format='dd/mm/yyyy', align='left')
f_n = F(num_format='0.0')
f_g = F(font_color='#7F7F7F', italic=True)
ws.merge_range(0, 0, 0, 12, 'Cimentoplasties vertébrales (vertébroplastie / cyphoplastie) - suivi des patients - Radiologie interventionnelle', f_t)
ws.write(1, 0, 'EVA en mm (réglette 0-100). Technique : voir code CCAM (onglet Codes). Séance 2 = reprise ; ses EVA sont comptées depuis la reprise.', f_g)
for c, h in enumerate(H):
    ws.write(HDR, c, h, f_hE if h.startswith('EVA') or h.startswith('ODI') else f_h)
for k, (p, s, r) in enumerate(grid):
    xr = HDR + 1 + k
    for h, v in r.items():
        if v is None:
            continue
        c = C[h]
        if isinstance(v, dt.date):
            if h == 'Date de naissance' and rng.random() < 0.3:
                ws.write_string(xr, c, d(v))
            else:
                ws.write_datetime(xr, c, dt.datetime(v.year, v.month, v.day), f_d)
        elif isinstance(v, str):
            ws.write_string(xr, c, v)
        elif isinstance(v, float) and v != int(v):
            ws.write_number(xr, c, v, f_n)
        else:
            ws.write_number(xr, c, v)
ws.set_row(HDR, 45)
ws.set_column(0, 0, 10)
ws.set_column(1, 2, 14)
ws.set_column(3, 3, 11)
ws.set_column(4, 8, 9)
ws.set_column(C['Étiologie'], C['Étiologie'], 20)
ws.set_column(C['Date intervention'], C['Date intervention'], 11)
ws.set_column(C['Code(s) CCAM'], C['Code(s) CCAM'], 18)
ws.set_column(C['Niveau(x)'], C['Niveau(x)'], 14)
ws.set_column(C['Fuite de ciment'], C['Fuite de ciment'], 30)
ws.set_column(C['Commentaires'], C['Commentaires'], 30)
ws.freeze_panes(HDR + 1, 5)
n = HDR + len(grid) + 3
ws.write(n, 0, 'non venu / NF = non fait ; DCD = patient décédé ; J1 = lendemain ; M1, M3... = mois après la séance.', f_g)
ws.write(n + 1, 0, 'Ciment : volume par vertèbre dans l\'ordre des niveaux (ex. « 3 / 2,5 » pour T12 + L1).', f_g)
wc = wb.add_worksheet('Codes')
wc.write(0, 0, 'Code CCAM', f_h)
wc.write(0, 1, 'Libellé (abrégé)', f_h)
for i, (c, l) in enumerate(LEGEND, 1):
    wc.write(i, 0, c)
    wc.write(i, 1, l)
wc.set_column(0, 0, 12)
wc.set_column(1, 1, 75)
wb.close()

idents = []
for p in P:
    idents += [('surname', p['nom']), ('given_name', p['prenom']), ('ipp', p['ipp']),
               ('birth_date', d(p['dob']))]
write_truth(P, per_level=True, record_ctype=True, errors=errors, idents=idents, drop=drop)
print('nantes:', len(P), 'patients,', len(grid), 'rows')
