#!/usr/bin/env python
"""Bergamo unit workbook + truth. Run from its folder: python make.py"""
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

# ---------------------------------------------------------------- Bergamo
import xlsxwriter

TPS1 = ['pre', '24h', '1m', '3m', '6m', '12m']
TPS2 = ['pre', '1m', '3m', '6m']
P, rng = generate(2903, 19, TPS1, TPS2, kp_prob=0.3, cp_prob=0.06, odi_tps=('pre', '3m', '12m'),
                  odi_tps2=('pre', '3m'), half=True, n_s2=3, n_dead=4, start=dt.date(2021, 1, 18),
                  end=dt.date(2022, 12, 2))
for i, p in enumerate(P):
    p['pid'] = 'BG%02d' % (i + 1)

COGN = ['ROTA', 'LOCATELLI', 'PESENTI', 'BONACINA', 'CARMINATI', 'GAMBA', 'PREVITALI', 'CORTINOVIS', 'BRIGNOLI',
        'GHISLENI', 'BELOTTI', 'MAZZOLENI', 'PEZZOTTA', 'ZANCHI', 'RAVASIO', 'MAFFEIS', 'GOTTI', 'MILESI',
        'PERSONENI', 'BONOMI', 'TESTA']
NOM_F = ['MARIA', 'GIUSEPPINA', 'ANGELA', 'ROSA', 'TERESA', 'LUCIA', 'CARLA', 'FRANCA', 'GIOVANNA', 'PIERINA', 'SANTINA']
NOM_M = ['GIUSEPPE', 'GIOVANNI', 'BATTISTA', 'ANGELO', 'LUIGI', 'PIETRO', 'MARIO', 'FRANCESCO', 'SERGIO']
COMUNI = ['A794', 'A794', 'A794', 'I628', 'D245', 'L400', 'F205']
ODD = dict(zip('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
               [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                12, 14, 16, 10, 22, 25, 24, 23]))
EVEN = {**{str(i): i for i in range(10)}, **{chr(65 + i): i for i in range(26)}}

def _cons(s):
    s = s.replace(' ', '')
    c = [x for x in s if x not in 'AEIOU']
    v = [x for x in s if x in 'AEIOU']
    return c, v

def cf(cogn, nome, dob, female, comune):
    c, v = _cons(cogn)
    a = (c + v + ['X', 'X', 'X'])[:3]
    c, v = _cons(nome)
    b = [c[0], c[2], c[3]] if len(c) >= 4 else (c + v + ['X', 'X', 'X'])[:3]
    code = ''.join(a) + ''.join(b) + '%02d' % (dob.year % 100) + 'ABCDEHLMPRST'[dob.month - 1] + \
        '%02d' % (dob.day + (40 if female else 0)) + comune
    tot = sum(ODD[ch] if i % 2 == 0 else EVEN[ch] for i, ch in enumerate(code))
    return code + chr(65 + tot % 26)

surs = rng.sample(COGN, len(P))
for p, sn in zip(P, surs):
    p['cogn'] = sn
    p['nome'] = rng.choice(NOM_F if p['sex'] == 'female' else NOM_M)
    p['cf'] = cf(sn, p['nome'], p['dob'], p['sex'] == 'female', rng.choice(COMUNI))

def lv(x):
    return 'D' + x[1:] if x.startswith('T') else x

def dati(d):
    return d.strftime('%d/%m/%Y')

def diagnosi(p):
    if p['sub'] == 'metastasi' or p['sub'] == 'metastasis':
        return 'metastasi (ca %s)' % {'breast': 'mammella', 'lung': 'polmone', 'prostate': 'prostata',
                                      'kidney': 'rene', 'thyroid': 'tiroide'}[p['primary']]
    return {'osteoporosis': rng.choice(['crollo osteoporotico', 'frattura osteoporotica']),
            'myeloma': 'mieloma multiplo', 'trauma': 'frattura traumatica',
            'haemangioma': 'emangioma aggressivo'}[p['sub']]

FUGA = {'none': 'no', 'disc': 'sì - discale', 'venous': 'sì - venosa', 'paravertebral': 'sì - paravertebrale',
        'epidural': 'sì - epidurale', 'disc;venous': 'sì - discale + venosa'}
CTRL = {'pre': 'pre-op', '24h': '24 ore', '1m': '1 mese', '3m': '3 mesi', '6m': '6 mesi', '12m': '12 mesi'}

# ---------- table 1: PAZIENTI
H1 = ['Cod. paziente', 'Cognome', 'Nome', 'Data di nascita', 'Codice fiscale', 'Sesso', 'Età', 'Diagnosi',
      'Deceduto', 'Data decesso', 'Note']
T1 = []
for p in P:
    T1.append({'Cod. paziente': p['pid'], 'Cognome': p['cogn'], 'Nome': p['nome'], 'Data di nascita': p['dob'],
               'Codice fiscale': p['cf'], 'Sesso': 'F' if p['sex'] == 'female' else 'M', 'Età': p['age'],
               'Diagnosi': diagnosi(p), 'Deceduto': 'sì' if p['died'] else 'no',
               'Data decesso': p['death_date'],
               'Note': ('in carico oncologia' if p['etiology'] == 'pathologic' and not p['died'] else None),
               '_p': p})
# ---------- table 2: INTERVENTI (one row per vertebra)
H2 = ['Cod. paziente', 'Data intervento', 'N. intervento', 'Livello', 'Tecnica', 'Cemento (ml)', 'Tipo cemento',
      'Fuoriuscita cemento', 'Note']
T2 = []
for p in P:
    for s in p['sessions']:
        for j, (l, vol, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
            T2.append({'Cod. paziente': p['pid'], 'Data intervento': s['date'], 'N. intervento': s['s'],
                       'Livello': lv(l), 'Tecnica': 'cifoplastica' if s['tech'] == 'kyphoplasty' else 'vertebroplastica',
                       'Cemento (ml)': vol, 'Tipo cemento': 'PMMA' if s['ctype'] == 'PMMA' else 'fosfato di calcio',
                       'Fuoriuscita cemento': FUGA[lk],
                       'Note': ('reintervento per nuovo crollo' if s['s'] == 2 and j == 0 else None),
                       '_p': p, '_s': s, '_j': j})
T2.sort(key=lambda r: (r['Data intervento'], r['Cod. paziente'], r['_j']))
# ---------- table 3: CONTROLLI (one row per visit)
H3 = ['Cod. paziente', 'Data controllo', 'Rif. intervento', 'Controllo', 'VAS', 'ODI (%)', 'Nuova frattura', 'Note']
T3 = []
for p in P:
    for s in p['sessions']:
        for v in s['visits']:
            T3.append({'Cod. paziente': p['pid'], 'Data controllo': v['date'], 'Rif. intervento': s['s'],
                       'Controllo': CTRL[v['tp']], 'VAS': v['vas'], 'ODI (%)': v['odi'], 'Nuova frattura': 'no',
                       'Note': None, '_p': p, '_s': s, '_v': v, '_d': v['day']})
        for tp in s['missed']:
            due = s['date'] + D(days=TPD[tp])
            T3.append({'Cod. paziente': p['pid'], 'Data controllo': None, 'Rif. intervento': s['s'],
                       'Controllo': CTRL[tp], 'VAS': 'n.e.', 'ODI (%)': 'n.e.' if tp in ('3m', '12m') else None,
                       'Nuova frattura': None, 'Note': rng.choice(['non si è presentato', 'non presentato, non rintracciabile',
                                                                  'rifiuta il controllo']),
                       '_p': p, '_s': s, '_v': None, '_d': s['day'] + TPD[tp]})
    if p['fracture']:
        fx = p['fracture']
        T3.append({'Cod. paziente': p['pid'], 'Data controllo': fx['date'], 'Rif. intervento': 1,
                   'Controllo': 'straordinario', 'VAS': None, 'ODI (%)': None, 'Nuova frattura': lv(fx['level']),
                   'Note': 'dolore acuto, RM: nuovo crollo %s' % lv(fx['level']), '_p': p, '_s': None, '_v': None,
                   '_d': fx['day']})
T3.sort(key=lambda r: (r['_p']['pid'], r['_d']))

# ---------- positions
R_TIT1 = 3                      # 0-based row of 'PAZIENTI'
R_H1 = R_TIT1 + 1
R_TIT2 = R_H1 + len(T1) + 3
R_H2 = R_TIT2 + 1
R_TIT3 = R_H2 + len(T2) + 3
R_H3 = R_TIT3 + 1

errors, drop, used = [], set(), set()
single = lambda p: len(p['sessions']) == 1
def pick(rows, cond):
    for k, r in enumerate(rows):
        p = r['_p']
        if p['pid'] not in used and single(p) and cond(r):
            used.add(p['pid'])
            return k, r, p
    raise SystemExit('no candidate')

k, r, p = pick(T2, lambda r: r['Livello'].startswith('L') and not r['_p']['died'])
good = r['Livello']
r['Livello'] = 'L7'
xr = R_H2 + 2 + k
errors.append(['Registro', 'D%d' % xr, xr, 'Livello', 'L7', 'livello inesistente (5 vertebre lombari); should be %s' % good, p['pid']])

k, r, p = pick(T3, lambda r: r['_v'] is not None and r['ODI (%)'] not in (None, 'n.e.') and r['Controllo'] == '3 mesi')
xr = R_H3 + 2 + k
errors.append(['Registro', 'F%d' % xr, xr, 'ODI (%)', 140, 'ODI is a percentage 0-100; 140 impossible (value left out of truth)', p['pid']])
drop.add((p['pid'], 1, 'odi', '3m'))
r['ODI (%)'] = 140

k, r, p = pick(T3, lambda r: r['_v'] is not None and r['Controllo'] == '1 mese')
xr = R_H3 + 2 + k
true = r['Data controllo']
wrong = true - D(days=61)
r['Data controllo'] = wrong
errors.append(['Registro', 'B%d' % xr, xr, 'Data controllo', dati(wrong),
               'controllo a 1 mese datato prima dell\'intervento (%s); data errata, should be %s' % (
                   dati(r['_s']['date']), dati(true)), p['pid']])

k, r, p = pick(T3, lambda r: r['_v'] is not None and r['Controllo'] in ('3 mesi', '6 mesi')
               and r['Data controllo'].month in (4, 6, 9, 11))
xr = R_H3 + 2 + k
true = r['Data controllo']
bad = '31/%02d/%d' % (true.month, true.year)
r['Data controllo'] = bad
errors.append(['Registro', 'B%d' % xr, xr, 'Data controllo', bad,
               'data impossibile (il mese ha 30 giorni), scritta come testo; true date %s' % dati(true), p['pid']])

# ---------- workbook
wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
wb.set_properties({'author': 'Neurochirurgia - segreteria ricerca', 'created': dt.datetime(2024, 1, 15, 11, 0)})
ws = wb.add_worksheet('Registro')
F = lambda **kw: wb.add_format(kw)
f_big = F(bold=True, font_size=14)
f_it = F(italic=True, font_color='#595959')
f_tit = {1: F(bold=True, font_color='white', bg_color='#2F5597', align='left'),
         2: F(bold=True, font_color='white', bg_color='#548235', align='left'),
         3: F(bold=True, font_color='white', bg_color='#C55A11', align='left')}
f_hdr = {1: F(bold=True, bg_color='#D9E1F2', border=1), 2: F(bold=True, bg_color='#E2EFDA', border=1),
         3: F(bold=True, bg_color='#FBE5D6', border=1)}
f_date = F(num_format='dd/mm/yyyy', align='left')
f_num = F(num_format='0.0')
f_red = F(font_color='#C00000')
ws.write(0, 0, 'REGISTRO VERTEBROPLASTICA / CIFOPLASTICA - U.O. Neurochirurgia', f_big)
ws.write(1, 0, 'aggiornato al 15/01/2024 - dati da cartella clinica e ambulatorio. VAS 0-10, ODI in %', f_it)

def table(title_row, hdr_row, H, rows, tno, ncols_merge):
    ws.merge_range(title_row, 0, title_row, ncols_merge - 1, {1: 'PAZIENTI', 2: 'INTERVENTI  (una riga per vertebra trattata)',
                                                            3: 'CONTROLLI  (una riga per visita)'}[tno], f_tit[tno])
    for c, h in enumerate(H):
        ws.write(hdr_row, c, h, f_hdr[tno])
    for k, r in enumerate(rows):
        xr = hdr_row + 1 + k
        for c, h in enumerate(H):
            v = r[h]
            if v is None:
                continue
            if isinstance(v, dt.date):
                ws.write_datetime(xr, c, dt.datetime(v.year, v.month, v.day), f_date)
            elif isinstance(v, str):
                ws.write_string(xr, c, v, f_red if v.startswith('sì') and tno == 1 else None)
            elif isinstance(v, float) and v != int(v):
                # the unit types some decimals as text with a comma
                if rng.random() < 0.3:
                    ws.write_string(xr, c, ('%s ml' if h.startswith('Cemento') else '%s') % fmt(v).replace('.', ','))
                else:
                    ws.write_number(xr, c, v, f_num)
            else:
                ws.write_number(xr, c, v)

table(R_TIT1, R_H1, H1, T1, 1, len(H1))
table(R_TIT2, R_H2, H2, T2, 2, len(H2))
table(R_TIT3, R_H3, H3, T3, 3, len(H3))
end = R_H3 + len(T3) + 2
ws.write(end, 0, 'Legenda: D = dorsale (D12 = T12). n.e. = non eseguito. Controlli riferiti all\'intervento indicato in "Rif. intervento".', f_it)
ws.write(end + 1, 0, 'Controllo "straordinario" = visita fuori programma (es. dolore acuto), non è un time-point dello studio.', f_it)
ws.set_column(0, 0, 14)
ws.set_column(1, 2, 15)
ws.set_column(3, 3, 14)
ws.set_column(4, 4, 20)
ws.set_column(5, 6, 12)
ws.set_column(7, 7, 24)
ws.set_column(8, 10, 18)
wb.close()

idents = []
for p in P:
    idents += [('surname', p['cogn']), ('given_name', p['nome']), ('codice_fiscale', p['cf']),
               ('birth_date', dati(p['dob']))]
write_truth(P, per_level=True, record_ctype=True, errors=errors, idents=idents, drop=drop)
print('bergamo:', len(P), 'patients;', len(T2), 'vertebrae;', len(T3), 'visits')
