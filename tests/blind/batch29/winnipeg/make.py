#!/usr/bin/env python
"""Winnipeg unit workbook + truth. Run from its folder: python make.py"""
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

# ---------------------------------------------------------------- Winnipeg
import xlsxwriter

TPS1 = ['pre', '2w', '6w', '3m', '6m', '12m']
TPS2 = ['pre', '2w', '6w', '3m', '6m']
P, rng = generate(2902, 17, TPS1, TPS2, kp_prob=0.45, cp_prob=0.0, vol_step=0.1, n_s2=3, n_dead=3,
                  start=dt.date(2021, 3, 1), end=dt.date(2022, 11, 15), miss=0.14)
for i, p in enumerate(P):
    p['pid'] = 'WVA-%03d' % (i + 1)

# windows the unit uses to turn a visit date into a time point (days after that procedure)
WIN = [('pre', -9999, 0), ('24h', 1, 3), ('1w', 4, 10), ('2w', 11, 21), ('1m', 22, 35), ('6w', 36, 63),
       ('3m', 64, 135), ('6m', 136, 272), ('12m', 273, 500)]
def window(d):
    for tp, a, b in WIN:
        if a <= d <= b:
            return tp
for p in P:
    for s in p['sessions']:
        for v in s['visits']:
            assert window(v['rel']) == v['tp'], (v['rel'], v['tp'])

SUR = ['KOWALCHUK', 'HRYNKIW', 'FRIESEN', 'THIESSEN', 'KLASSEN', 'DUECK', 'PENNER', 'DESJARDINS', 'LAVALLEE',
       'CHARTRAND', 'SANTOS', 'DELA CRUZ', 'REYES', 'MACDONALD', 'CAMPBELL', 'SPENCE', 'HARPER', 'FLETT',
       'MCKAY', 'SINCLAIR', 'SAWATZKY', 'WIEBE', 'SHEWCHUK', 'YAKIMISHYN', 'BOUCHARD']
FN_F = ['Margaret', 'Dorothy', 'Helen', 'Olga', 'Anne', 'Shirley', 'Marlene', 'Linda', 'Rosario', 'Evelyn',
        'Irene', 'Gladys', 'Lorraine', 'Nadia']
FN_M = ['Walter', 'Peter', 'Harold', 'Bernard', 'Dennis', 'Romeo', 'Gerald', 'Wayne', 'Ernest', 'Nestor']
surs = rng.sample(SUR, len(P))
for p, sn in zip(P, surs):
    p['name'] = '%s, %s' % (sn, rng.choice(FN_F if p['sex'] == 'female' else FN_M))
    p['chart'] = '%07d' % rng.randint(1000000, 9999999)
    p['phin'] = '%09d' % rng.randint(100000000, 999999999)

def dx(p):
    return {'osteoporosis': 'OP', 'myeloma': 'MM', 'trauma': 'Trauma', 'haemangioma': 'Hemangioma'}.get(
        p['sub'], 'Mets - ' + {'kidney': 'renal'}.get(p['primary'], p['primary']))

LEAKW = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paraspinal', 'epidural': 'epidural',
         'disc;venous': 'disc+venous'}

HEAD = ['Study #', 'Chart #', 'PHIN', 'Patient name', 'DOB', 'Sex', 'Age', 'Dx', 'Proc #', 'Proc date', 'Type',
        'Level 1', 'Vol 1 (cc)', 'Level 2', 'Vol 2 (cc)', 'Level 3', 'Vol 3 (cc)', 'Leak Y/N', 'Leak details']
for k in range(1, 7):
    HEAD += ['Visit %d date' % k, 'Visit %d pain' % k]
HEAD += ['New fx Y/N', 'New fx level', 'New fx date', 'Deceased Y/N', 'Date of death', 'Comments']
C = {h: i for i, h in enumerate(HEAD)}

rows = [(p, s) for p in P for s in p['sessions']]
rows.sort(key=lambda ps: (ps[1]['date'], ps[0]['pid']))
grid = []
for p, s in rows:
    r = {h: None for h in HEAD}
    r['Study #'], r['Chart #'], r['PHIN'], r['Patient name'], r['DOB'] = p['pid'], p['chart'], p['phin'], p['name'], p['dob']
    r['Sex'] = 'F' if p['sex'] == 'female' else 'M'
    bd = p['dob']
    r['Age'] = s['date'].year - bd.year - ((s['date'].month, s['date'].day) < (bd.month, bd.day))
    r['Dx'] = dx(p)
    r['Proc #'] = s['s']
    r['Proc date'] = s['date']
    r['Type'] = 'KP' if s['tech'] == 'kyphoplasty' else 'VP'
    for j, (lv, vol) in enumerate(zip(s['levels'], s['vols']), 1):
        r['Level %d' % j] = lv
        r['Vol %d (cc)' % j] = vol
    lk = [(lv, l) for lv, l in zip(s['levels'], s['leaks']) if l != 'none']
    r['Leak Y/N'] = 'Y' if lk else 'N'
    if lk:
        r['Leak details'] = LEAKW[lk[0][1]] if len(s['levels']) == 1 else '; '.join(
            '%s %s' % (LEAKW[l], lv) for lv, l in lk)
    for j, v in enumerate(s['visits'], 1):
        r['Visit %d date' % j] = v['date']
        r['Visit %d pain' % j] = v['vas']
    if s['s'] == 1:
        fx = p['fracture']
        r['New fx Y/N'] = 'Y' if fx else 'N'
        if fx:
            r['New fx level'], r['New fx date'] = fx['level'], fx['date']
    r['Deceased Y/N'] = 'Y' if p['died'] else 'N'
    if p['died']:
        r['Date of death'] = p['death_date']
    com = []
    if s['s'] == 2:
        com.append('2nd procedure - new fx %s' % s['levels'][0])
    if s['missed']:
        com.append(rng.choice(['no show x1', 'missed appt', 'LTF', 'could not reach by phone']))
    if p['died'] and s['s'] == 1:
        com.append(rng.choice(['palliative', 'died - per family', 'obit']))
    r['Comments'] = '; '.join(com) or None
    grid.append((p, s, r))

HDR_ROW = 3          # 0-based -> Excel row 4
def xl(k):
    return HDR_ROW + 2 + k

errors, drop, used = [], set(), set()
def pick(cond):
    for k, (p, s, r) in enumerate(grid):
        if p['pid'] not in used and len(p['sessions']) == 1 and cond(p, s, r):
            used.add(p['pid'])
            return k
    raise SystemExit('no candidate')

k = pick(lambda p, s, r: len(s['visits']) >= 4 and s['visits'][2]['vas'] <= 3)
p, s, r = grid[k]
r['Visit 3 pain'] = 12
errors.append(['VA outcomes', '%s%d' % (col_letter(C['Visit 3 pain']), xl(k)), xl(k), 'Visit 3 pain', 12,
               'pain NRS is 0-10; 12 impossible (true value unknown, left out of truth)', p['pid']])
drop.add((p['pid'], 1, 'pain_vas', s['visits'][2]['tp']))

k = pick(lambda p, s, r: 3.0 <= s['vols'][0] < 5.0 and not p['died'])
p, s, r = grid[k]
r['Vol 1 (cc)'] = round(s['vols'][0] * 10)
errors.append(['VA outcomes', '%s%d' % (col_letter(C['Vol 1 (cc)']), xl(k)), xl(k), 'Vol 1 (cc)', r['Vol 1 (cc)'],
               '%s cc in one vertebra is impossible; decimal point lost, should be %s' % (r['Vol 1 (cc)'], fmt(s['vols'][0])), p['pid']])

k = pick(lambda p, s, r: len(s['visits']) >= 4 and s['visits'][3]['date'].year == s['date'].year)
p, s, r = grid[k]
v = s['visits'][3]
wrong = dt.date(v['date'].year - 1, v['date'].month, min(v['date'].day, 28))
r['Visit 4 date'] = wrong
errors.append(['VA outcomes', '%s%d' % (col_letter(C['Visit 4 date']), xl(k)), xl(k), 'Visit 4 date', wrong.isoformat(),
               'visit dated before the procedure (%s) and before visits 2-3; year typo, should be %s (%s visit)' % (
                   s['date'].isoformat(), v['date'].isoformat(), v['tp']), p['pid']])

k = pick(lambda p, s, r: p['died'])
p, s, r = grid[k]
dd = p['death_date']
bad = '%d-%02d-%02d' % (dd.year, dd.month, 31 if dd.month in (4, 6, 9, 11) else (30 if dd.month == 2 else 32))
r['Date of death'] = bad
errors.append(['VA outcomes', '%s%d' % (col_letter(C['Date of death']), xl(k)), xl(k), 'Date of death', bad,
               'impossible calendar date (typed as text); true date %s' % dd.isoformat(), p['pid']])

# ---- workbook
wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
wb.set_properties({'author': 'VA research', 'created': dt.datetime(2024, 1, 22, 15, 5)})
ws = wb.add_worksheet('VA outcomes')
f_b = wb.add_format({'bold': True, 'font_size': 13})
f_i = wb.add_format({'italic': True})
f_h = wb.add_format({'bold': True, 'bg_color': '#D9E1F2', 'border': 1, 'text_wrap': True, 'valign': 'top'})
f_hv = wb.add_format({'bold': True, 'bg_color': '#FCE4D6', 'border': 1, 'text_wrap': True, 'valign': 'top'})
f_d = wb.add_format({'num_format': 'yyyy-mm-dd'})
f_v = wb.add_format({'num_format': '0.0'})
ws.write(0, 0, 'Vertebral augmentation (VP/KP) outcomes - Interventional Neuroradiology', f_b)
ws.write(1, 0, 'Pain = NRS 0-10 as told to the nurse at each visit (clinic or phone). Enter visits in the order they happen. '
               'Visit 1 = pre-procedure consult.', f_i)
for c, h in enumerate(HEAD):
    ws.write(HDR_ROW, c, h, f_hv if h.startswith('Visit') else f_h)
for k, (p, s, r) in enumerate(grid):
    xr = HDR_ROW + 1 + k
    for h, v in r.items():
        if v is None:
            continue
        c = C[h]
        if isinstance(v, dt.date):
            ws.write_datetime(xr, c, dt.datetime(v.year, v.month, v.day), f_d)
        elif isinstance(v, str):
            ws.write_string(xr, c, v)
        else:
            ws.write_number(xr, c, v, f_v if h.startswith('Vol') else None)
ws.set_row(HDR_ROW, 30)
ws.set_column(0, 2, 10)
ws.set_column(3, 3, 20)
ws.set_column(4, 4, 11)
ws.set_column(5, 8, 6)
ws.set_column(9, 9, 11)
ws.set_column(10, 18, 7)
ws.set_column(18, 18, 18)
for k in range(6):
    ws.set_column(19 + 2 * k, 19 + 2 * k, 11)
    ws.set_column(20 + 2 * k, 20 + 2 * k, 6)
ws.set_column(C['New fx date'], C['New fx date'], 11)
ws.set_column(C['Date of death'], C['Date of death'], 11)
ws.set_column(C['Comments'], C['Comments'], 30)
ws.freeze_panes(HDR_ROW + 1, 4)
ws.autofilter(HDR_ROW, 0, HDR_ROW + len(grid), len(HEAD) - 1)
n2 = wb.add_worksheet('Notes')
for i, line in enumerate([
        'How we report follow-up (for the stats people):',
        'Each visit is assigned to the nearest standard time point by days after THAT procedure (Proc date):',
        'pre = on/before proc date; 24 h = day 1-3; 1 wk = 4-10; 2 wk = 11-21; 1 mo = 22-35; 6 wk = 36-63;',
        '3 mo = 64-135; 6 mo = 136-272; 12 mo = 273-500.',
        'A 2nd procedure gets its own row (Proc # 2); its visits count from its own Proc date.',
        'Cement = PMMA for all cases (not recorded separately). Vol in cc per level.',
        'New fx = new vertebral fracture on imaging, entered on the Proc # 1 row.']):
    n2.write(i, 0, line, f_b if i == 0 else None)
n2.set_column(0, 0, 110)
wb.close()

idents = []
for p in P:
    idents += [('name', p['name']), ('mrn', p['chart']), ('phin', p['phin']), ('birth_date', p['dob'].isoformat())]
write_truth(P, per_level=True, record_ctype=False, errors=errors, idents=idents, drop=drop)
print('winnipeg:', len(P), 'patients,', len(grid), 'rows')
