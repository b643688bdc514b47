#!/usr/bin/env python
"""Singapore unit workbook + truth. Run from its folder: python make.py"""
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

# ---------------------------------------------------------------- Singapore
import xlsxwriter

TPS = ['pre', '24h', '1w', '1m', '3m', '6m', '12m']
P, rng = generate(2901, 18, TPS, TPS, kp_prob=0.35, cp_prob=0.04, odi_tps=('pre', '3m', '12m'),
                  odi_tps2=('pre', '3m', '12m'), n_s2=3, n_dead=3, start=dt.date(2021, 2, 1),
                  end=dt.date(2022, 10, 31))
for i, p in enumerate(P):
    p['pid'] = 'SVA-%03d' % (i + 1)

CH_F = ['SIEW LAN', 'AH MOI', 'MEI LING', 'BEE HOON', 'GEOK ENG', 'POH CHOO', 'SWEE HUA', 'LAY KHENG', 'KIM NEO', 'SOK HIAN']
CH_M = ['AH KOW', 'KOK WAH', 'BOON HUAT', 'CHEE KEONG', 'TECK SENG', 'HOCK LAI', 'AH HUAT']
CH_S = ['TAN', 'LIM', 'LEE', 'NG', 'ONG', 'WONG', 'GOH', 'CHUA', 'CHAN', 'KOH', 'TEO', 'ANG', 'YEO', 'TAY', 'LOW', 'TOH']
MA_F = ['SITI AMINAH BTE RAHMAN', 'FATIMAH BTE OSMAN', 'ROKIAH BTE ISMAIL', 'ZAINAB BTE AHMAD', 'HALIMAH BTE YUSOF']
MA_M = ['ABDUL RAHIM BIN SALLEH', 'MOHAMED YUSOF BIN HASSAN', 'ISMAIL BIN KASSIM']
IN_F = ['KAMALA D/O SUBRAMANIAM', 'SARASWATHY D/O RAMASAMY', 'LAKSHMI D/O KRISHNAN']
IN_M = ['RAJENDRAN S/O MUTHUSAMY', 'GOVINDASAMY S/O PILLAI', 'SELVARAJ S/O ARUMUGAM']
OT_F = ['MARY RODRIGUES', 'ANNE DE SOUZA']
OT_M = ['PETER D\'CRUZ', 'JOSEPH PEREIRA']


def nric(dob, r):
    if dob.year >= 1968:
        digits = '%02d' % (dob.year % 100) + '%05d' % r.randint(0, 99999)
    else:
        digits = r.choice(['0', '1']) + '%06d' % r.randint(0, 999999)
    w = [2, 7, 6, 5, 4, 3, 2]
    sm = sum(int(d) * k for d, k in zip(digits, w)) % 11
    return 'S' + digits + 'JZIHGFEDCBA'[sm]


used = set()
for p in P:
    race = rng.choices(['Chinese', 'Malay', 'Indian', 'Others'], [74, 13, 9, 4])[0]
    p['race'] = race
    f = p['sex'] == 'female'
    while True:
        if race == 'Chinese':
            nm = rng.choice(CH_S) + ' ' + rng.choice(CH_F if f else CH_M)
        else:
            nm = rng.choice({'Malay': (MA_F, MA_M), 'Indian': (IN_F, IN_M), 'Others': (OT_F, OT_M)}[race][0 if f else 1])
        if nm not in used:
            used.add(nm)
            break
    p['name'] = nm
    p['nric'] = nric(p['dob'], rng)
    p['phone'] = '%s%03d %04d' % (rng.choice(['9', '8', '6']), rng.randint(100, 999), rng.randint(0, 9999))

def diag(p):
    if p['sub'] == 'osteoporosis':
        return rng.choice(['OP #', 'OP #', 'Osteoporotic #', 'OVCF'])
    if p['sub'] == 'metastasis':
        return {'breast': 'Mets (Ca breast)', 'lung': 'Mets (Ca lung)', 'prostate': 'Mets (Ca prostate)',
                'kidney': 'Mets (RCC)', 'thyroid': 'Mets (Ca thyroid)'}[p['primary']]
    if p['sub'] == 'myeloma':
        return 'MM'
    if p['sub'] == 'trauma':
        return 'Traumatic #'
    return 'Haemangioma'

for p in P:
    p['dx'] = diag(p)
    if p['died']:
        p['status'] = 'Deceased'
    elif any(v['tp'] == '12m' for v in p['sessions'][0]['visits']):
        p['status'] = 'Completed'
    else:
        p['status'] = 'Defaulted'

LEAKW = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
         'disc;venous': 'disc + venous'}

rows = []  # (patient, session)
for p in P:
    for s in p['sessions']:
        rows.append((p, s))
rows.sort(key=lambda ps: (ps[1]['date'], ps[0]['pid']))

HEAD = ['S/N', 'NRIC', 'Patient Name', 'Contact No.', 'Study ID', 'Age', 'Sex', 'Race', 'Diagnosis',
        'Op no.', 'Date of op', 'Procedure', 'Level(s)', 'Cement (ml)', 'Cement type', 'Leak (Y/N)',
        'Leak site', 'VAS pre', 'VAS 24h', 'VAS 1/52', 'VAS 1/12', 'VAS 3/12', 'VAS 6/12', 'VAS 12/12',
        'ODI pre', 'ODI 3/12', 'ODI 12/12', 'New # (Y/N)', 'New # level', 'New # date', 'Died (Y/N)',
        'Date of death', 'F/U status', 'Remarks']
C = {h: i for i, h in enumerate(HEAD)}
VASCOL = dict(zip(TPS, ['VAS pre', 'VAS 24h', 'VAS 1/52', 'VAS 1/12', 'VAS 3/12', 'VAS 6/12', 'VAS 12/12']))
ODICOL = {'pre': 'ODI pre', '3m': 'ODI 3/12', '12m': 'ODI 12/12'}

# build the cell values (python objects) first, so the planted errors can be put in place
grid = []
for n, (p, s) in enumerate(rows, 1):
    r = {h: None for h in HEAD}
    r['S/N'] = n
    r['NRIC'], r['Patient Name'], r['Contact No.'] = p['nric'], p['name'], p['phone']
    r['Study ID'] = p['pid']
    bd = p['dob']
    r['Age'] = s['date'].year - bd.year - ((s['date'].month, s['date'].day) < (bd.month, bd.day))
    r['Sex'] = 'F' if p['sex'] == 'female' else 'M'
    r['Race'] = p['race']
    r['Diagnosis'] = p['dx']
    r['Op no.'] = s['s']
    r['Date of op'] = s['date']
    r['Procedure'] = 'KP' if s['tech'] == 'kyphoplasty' else 'VP'
    r['Level(s)'] = ', '.join(s['levels'])
    r['Cement (ml)'] = round(sum(s['vols']), 1)
    r['Cement type'] = 'PMMA' if s['ctype'] == 'PMMA' else 'CaP'
    lk = [(lv, l) for lv, l in zip(s['levels'], s['leaks']) if l != 'none']
    r['Leak (Y/N)'] = 'Y' if lk else 'N'
    if lk:
        if len(s['levels']) == 1:
            r['Leak site'] = LEAKW[lk[0][1]]
        else:
            r['Leak site'] = ', '.join('%s %s' % (lv, LEAKW[l]) for lv, l in lk)
    else:
        r['Leak site'] = '-'
    vis = {v['tp']: v for v in s['visits']}
    for tp in TPS:
        if tp in vis:
            r[VASCOL[tp]] = vis[tp]['vas']
        elif tp in s['missed']:
            r[VASCOL[tp]] = 'DNA'
        elif tp in s['dead']:
            r[VASCOL[tp]] = '-'
    for tp, h in ODICOL.items():
        if tp in vis and vis[tp]['odi'] is not None:
            r[h] = vis[tp]['odi']
        elif tp in s['missed']:
            r[h] = 'DNA'
        elif tp in s['dead']:
            r[h] = '-'
    if s['s'] == 1:
        fx = p['fracture']
        r['New # (Y/N)'] = 'Y' if fx else 'N'
        if fx:
            r['New # level'] = fx['level']
            r['New # date'] = fx['date']
    else:
        r['New # (Y/N)'] = 'see op 1'
        r['Remarks'] = 'Repeat op for new # %s' % s['levels'][0]
    r['Died (Y/N)'] = 'Y' if p['died'] else 'N'
    if p['died']:
        r['Date of death'] = p['death_date']
    r['F/U status'] = p['status']
    grid.append((p, s, r))

# unit habits in remarks
for p, s, r in grid:
    if r['Remarks'] is None:
        if p['status'] == 'Defaulted':
            r['Remarks'] = rng.choice(['Defaulted f/u, uncontactable x3', 'Defaulted, moved to Batam', 'TCU cancelled by NOK'])
        elif p['sub'] == 'metastasis' and s['s'] == 1:
            r['Remarks'] = 'Onco f/u NCCS'
        elif p['died'] and s['s'] == 1:
            r['Remarks'] = 'Passed away (info from NOK)'

# ---- planted errors (truth keeps the intended values unless said otherwise)
TITLE_ROWS = 4          # header is Excel row 5
def xl_row(k):          # grid index -> Excel row number
    return TITLE_ROWS + 2 + k

errors, drop = [], set()
vis_rows = [k for k, (p, s, r) in enumerate(grid) if p['status'] != 'Deceased' and s['s'] == 1
            and len(p['sessions']) == 1]
used_p = set()
def pick(cond):
    for k in vis_rows:
        p, s, r = grid[k]
        if p['pid'] not in used_p and cond(p, s, r):
            used_p.add(p['pid'])
            return k
    raise SystemExit('no candidate')

k = pick(lambda p, s, r: len(s['levels']) >= 2 and s['levels'][-1].startswith('L'))
p, s, r = grid[k]
r['Level(s)'] = ', '.join(s['levels'][:-1] + ['L7'])
errors.append(['VA Registry', 'M%d' % xl_row(k), xl_row(k), 'Level(s)', r['Level(s)'],
               'L7 does not exist (5 lumbar vertebrae); should be %s (contiguous with %s)' % (s['levels'][-1], s['levels'][-2]), p['pid']])

k = pick(lambda p, s, r: isinstance(r['VAS 3/12'], int) and r['VAS 3/12'] <= 4)
p, s, r = grid[k]
r['VAS 3/12'] = 13
errors.append(['VA Registry', 'V%d' % xl_row(k), xl_row(k), 'VAS 3/12', r['VAS 3/12'],
               'VAS is 0-10; value %s impossible (intended value unknown, not in truth)' % r['VAS 3/12'], p['pid']])
drop.add((p['pid'], 1, 'pain_vas', '3m'))

k = pick(lambda p, s, r: True)
p, s, r = grid[k]
r['Study ID'] = None
errors.append(['VA Registry', 'E%d' % xl_row(k), xl_row(k), 'Study ID', '',
               'Study ID missing (patient identifiable only by hidden NRIC/name); should be %s' % p['pid'], p['pid']])

try:
    k = pick(lambda p, s, r: p['fracture'] is not None)
except SystemExit:
    k = pick(lambda p, s, r: True)
p, s, r = grid[k]
if p['fracture'] is None:
    # this patient has a new fracture in the truth: give one
    lv = s['levels'][-1]
    nxt = SPINE[SPINE.index(lv) + 1]
    p['fracture'] = {'day': 143, 'level': nxt, 'date': p['op1'] + D(days=143)}
fx = p['fracture']
wrong = dt.date(fx['date'].year - 1, fx['date'].month, min(fx['date'].day, 28))
r['New # (Y/N)'] = 'Y'
r['New # level'] = fx['level']
r['New # date'] = wrong
errors.append(['VA Registry', 'AD%d' % xl_row(k), xl_row(k), 'New # date', wrong.strftime('%-d-%b-%y'),
               'new fracture dated before the operation (%s); year typo, should be %s' % (
                   s['date'].strftime('%-d-%b-%y'), fx['date'].strftime('%-d-%b-%y')), p['pid']])

# ---- write the workbook
out = os.path.join(HERE, 'input.xlsx')
wb = xlsxwriter.Workbook(out)
wb.set_properties({'title': 'VP/KP registry', 'author': 'Spine CRC', 'created': dt.datetime(2024, 2, 14, 9, 30)})
ws = wb.add_worksheet('VA Registry')
f_title = wb.add_format({'bold': True, 'font_size': 14, 'font_color': '#1F3864'})
f_sub = wb.add_format({'italic': True, 'font_color': '#595959'})
f_date = wb.add_format({'num_format': 'd-mmm-yy', 'align': 'left'})
f_txt = wb.add_format({'align': 'left'})
f_1dp = wb.add_format({'num_format': '0.0'})
ws.write(0, 0, 'VERTEBRAL AUGMENTATION (VP / KP) OUTCOME REGISTRY', f_title)
ws.write(1, 0, 'Dept of Orthopaedic Surgery - Spine Service.  VAS 0-10.  ODI in %.  DNA = did not attend.', f_sub)
ws.write(2, 0, 'Last updated 14-Feb-24.  Filter on F/U status is ON - clear filter to see all cases.', f_sub)

first, last_data = TITLE_ROWS, TITLE_ROWS + len(grid)
total_row = last_data + 1
visible = [r for p, s, r in grid if p['status'] != 'Deceased']
sum_c = round(sum(r['Cement (ml)'] for r in visible), 1)
vpre = [r['VAS pre'] for r in visible if isinstance(r['VAS pre'], (int, float))]
cols = []
for h in HEAD:
    c = {'header': h}
    if h == 'S/N':
        c['total_string'] = 'Total'
    elif h == 'Study ID':
        c['total_function'] = 'count'
        c['total_value'] = sum(1 for r in visible if r['Study ID'])
    elif h == 'Cement (ml)':
        c['total_function'] = 'sum'
        c['total_value'] = sum_c
        c['format'] = f_1dp
    elif h == 'VAS pre':
        c['total_function'] = 'average'
        c['total_value'] = round(sum(vpre) / len(vpre), 6)
    cols.append(c)
ws.add_table(first, 0, total_row, len(HEAD) - 1,
             {'name': 'tblVA', 'style': 'Table Style Medium 2', 'banded_rows': True,
              'autofilter': True, 'total_row': True, 'columns': cols})
text_date_done = False
for k, (p, s, r) in enumerate(grid):
    xr = first + 1 + k
    for h in HEAD:
        v = r[h]
        c = C[h]
        if v is None:
            continue
        if isinstance(v, dt.date):
            if (h == 'Date of op' and not text_date_done and p['pid'] not in used_p and s['s'] == 1
                    and k > 6):
                ws.write_string(xr, c, v.strftime('%-d-%b-%y'), f_txt)   # typed as text
                text_date_done = True
            else:
                ws.write_datetime(xr, c, dt.datetime(v.year, v.month, v.day), f_date)
        elif isinstance(v, str):
            ws.write_string(xr, c, v)
        else:
            ws.write_number(xr, c, v, f_1dp if h == 'Cement (ml)' else None)
    if p['status'] == 'Deceased':
        ws.set_row(xr, None, None, {'hidden': True})
ws.set_column(0, 0, 5)
ws.set_column(1, 3, 14, None, {'hidden': True})
ws.set_column(4, 4, 10)
ws.set_column(5, 7, 6)
ws.set_column(8, 8, 17)
ws.set_column(9, 9, 6)
ws.set_column(10, 10, 10)
ws.set_column(11, 11, 8)
ws.set_column(12, 12, 12)
ws.set_column(13, 16, 10)
ws.set_column(17, 26, 8)
ws.set_column(27, 32, 11)
ws.set_column(33, 33, 32)
ws.freeze_panes(first + 1, 5)
note_r = total_row + 2
ws.write(note_r, 0, 'Notes:', wb.add_format({'bold': True}))
ws.write(note_r + 1, 0, '1/52 = 1 week, 1/12 = 1 month, 3/12 = 3 months etc. Scores of a repeat op (Op no. 2) are counted from that op.')
ws.write(note_r + 2, 0, 'Cement = total for the whole op (all levels).  CaP = calcium phosphate cement.')
ws.write(note_r + 3, 0, 'New # = new vertebral fracture on follow-up imaging; recorded on the Op no. 1 row.')
wb.close()

# Excel table filter: xlsxwriter cannot store a filter criterion on a table, so put it in the table part
status_col = C['F/U status']
vals = sorted({p['status'] for p, s, r in grid if p['status'] != 'Deceased'})
tmp = out + '.tmp'
with zipfile.ZipFile(out) as zin, zipfile.ZipFile(tmp, 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith('xl/tables/table'):
            x = data.decode('utf-8')
            x = re.sub(r'<autoFilter ref="([^"]+)"/>',
                       lambda m: '<autoFilter ref="%s"><filterColumn colId="%d"><filters>%s</filters>'
                                 '</filterColumn></autoFilter>' % (m.group(1), status_col,
                                                                    ''.join('<filter val="%s"/>' % v for v in vals)), x)
            data = x.encode('utf-8')
        zout.writestr(item, data)
os.replace(tmp, out)

idents = []
for p in P:
    idents += [('name', p['name']), ('nric', p['nric']), ('phone', p['phone'])]
write_truth(P, per_level=False, record_ctype=True, errors=errors, idents=idents, drop=drop)
print('singapore:', len(P), 'patients,', len(grid), 'rows')
