# -*- coding: utf-8 -*-
# ---------------------------------------------------------------------------
# Shared generator part (identical in the five make.py of writer B).
# Generates one cohort, then the site part renders it into the workbook and
# the same objects are written to truth/ -- so input and truth cannot drift.
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
VAS_DROP = {'24h': 3.0, '1w': 3.4, '2w': 3.7, '6w': 4.1, '1m': 4.1, '3m': 4.4,
            '6m': 4.5, '12m': 4.6}
ODI_DROP = {'1m': 22, '6w': 24, '3m': 30, '6m': 32, '12m': 34}


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def rdate(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def contiguous(center, k, lo='T4', hi='L5'):
    i = SPINE.index(center)
    a = i - (k - 1) // 2
    a = max(SPINE.index(lo), min(a, SPINE.index(hi) - k + 1))
    return SPINE[a:a + k]


def gen_cohort(rng, n, start, end, cutoff, vas_tps, odi_tps, vas2_tps, odi2_tps,
               kp_share=0.3, n_dead=3, n_frac=4, n_reop=3, missed_rate=0.1,
               cement_types=(('PMMA', 1.0),), per_session_leak=False,
               level_lo='T4', level_hi='L5', reop_max_levels=1):
    etiol = (['osteoporotic'] * (n - 7) + ['pathologic'] * 4 + ['traumatic'] * 2 +
             ['other'])
    rng.shuffle(etiol)
    dates = sorted(rdate(rng, start, end) for _ in range(n))
    pats = []
    for k in range(n):
        e = etiol[k]
        if e == 'osteoporotic':
            sex = 'female' if rng.random() < 0.78 else 'male'
            age = rng.randint(64, 89)
        elif e == 'pathologic':
            sex = rng.choice(['female', 'male'])
            age = rng.randint(51, 79)
        elif e == 'traumatic':
            sex = 'male' if rng.random() < 0.6 else 'female'
            age = rng.randint(48, 74)
        else:
            sex = rng.choice(['female', 'male'])
            age = rng.randint(44, 68)
        d0 = dates[k]
        birth = dt.date(d0.year - age - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        while age_on(birth, d0) != age:
            birth += dt.timedelta(days=1 if age_on(birth, d0) > age else -1)
        nl = rng.choices([1, 2, 3], [55, 35, 10])[0] if e != 'other' else 1
        if e == 'pathologic':
            nl = rng.choice([1, 2, 2, 3])
        cen = rng.choices(['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'],
                          [1, 2, 2, 2, 3, 6, 10, 10, 5, 3, 2])[0]
        levels = contiguous(cen, nl, level_lo, level_hi)
        tech = 'kyphoplasty' if rng.random() < (kp_share + (0.3 if e == 'traumatic' else 0)) else 'vertebroplasty'
        p = dict(id=None, idx=k, sex=sex, age=age, etiology=e, birth=birth, d0=d0,
                 died=False, death_day=None, fractures=[], sessions=[])
        p['sessions'].append(make_session(rng, p, 1, 0, levels, tech, cement_types, per_session_leak))
        pats.append(p)
    # deaths: mostly pathologic
    cand = [p for p in pats if p['etiology'] == 'pathologic'] + \
           [p for p in pats if p['etiology'] == 'osteoporotic' and p['age'] > 80]
    for p in cand[:n_dead]:
        span = (cutoff - p['d0']).days
        if span < 80:
            continue
        p['died'] = True
        p['death_day'] = rng.randint(60, min(span - 5, 520))
    # new fractures (osteoporotic preferred), some re-operated
    cand = [p for p in pats if p['etiology'] == 'osteoporotic' and not p['died']
            and (cutoff - p['d0']).days > 200]
    rng.shuffle(cand)
    fr = cand[:n_frac]
    fr.sort(key=lambda p: p['idx'])
    reop = set(id(p) for p in fr[:n_reop]) if n_reop else set()
    for p in fr:
        s1 = p['sessions'][0]
        span = (cutoff - p['d0']).days
        day = rng.randint(35, min(span - 150, 420))
        top, bot = SPINE.index(s1['levels'][0]['level']), SPINE.index(s1['levels'][-1]['level'])
        opts = [SPINE[i] for i in (top - 1, bot + 1)
                if SPINE.index(level_lo) <= i <= SPINE.index(level_hi)]
        flev = rng.choice(opts)
        p['fractures'].append((day, flev))
        if id(p) in reop:
            d2 = day + rng.randint(6, 28)
            lv = [flev]
            if reop_max_levels > 1 and rng.random() < 0.5:
                j = SPINE.index(flev) + (1 if SPINE.index(flev) > bot else -1)
                if SPINE.index(level_lo) <= j <= SPINE.index(level_hi):
                    lv = sorted([flev, SPINE[j]], key=SPINE.index)
            t2 = s1['technique'] if rng.random() < 0.7 else 'vertebroplasty'
            p['sessions'].append(make_session(rng, p, 2, d2, lv, t2, cement_types, per_session_leak))
    # assessments
    for p in pats:
        for s in p['sessions']:
            tps_v = vas_tps if s['session'] == 1 else vas2_tps
            tps_o = odi_tps if s['session'] == 1 else odi2_tps
            base = rng.choice([7, 8, 8, 8, 9, 9]) + (1 if p['etiology'] == 'pathologic' and rng.random() < 0.4 else 0)
            base = min(base, 10)
            obase = rng.randint(26, 42) * 2
            s['vas'] = {}
            s['odi'] = {}
            for meas, tps, store in (('vas', tps_v, s['vas']), ('odi', tps_o, s['odi'])):
                for tp in tps:
                    absday = s['day'] + TP_DAYS[tp]
                    if p['d0'] + dt.timedelta(days=absday) > cutoff:
                        store[tp] = ('pending', None)
                        continue
                    if p['died'] and absday >= p['death_day']:
                        store[tp] = ('dead', None)
                        continue
                    if tp != 'pre' and tp != '24h' and rng.random() < missed_rate:
                        store[tp] = ('missed', None)
                        continue
                    if meas == 'vas':
                        v = base if tp == 'pre' else base - VAS_DROP[tp] + rng.gauss(0, 0.9)
                        if p['etiology'] == 'pathologic' and tp != 'pre':
                            v += 0.8
                        v = int(round(min(10, max(0, v))))
                    else:
                        v = obase if tp == 'pre' else obase - ODI_DROP[tp] + rng.gauss(0, 6)
                        v = int(round(min(100, max(4, v)) / 2.0)) * 2
                    store[tp] = ('value', v)
    return pats


def make_session(rng, p, session, day, levels, tech, cement_types, per_session_leak):
    ct = rng.choices([c for c, w in cement_types], [w for c, w in cement_types])[0]
    lv = []
    sess_leak = None
    if per_session_leak:
        sess_leak = pick_leak(rng, 0.22 + 0.08 * (len(levels) - 1))
    for L in levels:
        i = SPINE.index(L)
        if i <= SPINE.index('T9'):
            vol = rng.uniform(1.8, 3.4)
        elif i <= SPINE.index('T12'):
            vol = rng.uniform(2.8, 4.8)
        else:
            vol = rng.uniform(3.4, 6.0)
        if tech == 'kyphoplasty':
            vol += rng.uniform(0.5, 1.5)
        vol = round(vol * 2) / 2.0
        leak = sess_leak if per_session_leak else pick_leak(rng, 0.16)
        lv.append(dict(level=L, vol=vol, leak=leak))
    return dict(session=session, day=day, date=p['d0'] + dt.timedelta(days=day),
                technique=tech, cement_type=ct, levels=lv, leak_recorded=True,
                sess_leak=sess_leak)


def pick_leak(rng, prob):
    if rng.random() >= prob:
        return []
    a = rng.choices(['disc', 'venous', 'paravertebral', 'epidural'], [40, 30, 25, 5])[0]
    if rng.random() < 0.15:
        b = rng.choice([x for x in ['disc', 'venous', 'paravertebral'] if x != a])
        return sorted([a, b], key=['disc', 'venous', 'paravertebral', 'epidural'].index)
    return [a]


def pick_etio(rng, table, p):
    """etiology wording; no breast cancer in men, no prostate cancer in women"""
    opts = table[p['etiology']]
    if p['sex'] == 'male':
        o2 = [o for o in opts if not any(k in o for k in BREAST)]
    else:
        o2 = [o for o in opts if not any(k in o for k in PROSTATE)]
    return rng.choice(o2 or opts)


BREAST = ['שד', 'μαστού', 'breast', 'молочной', 'mama']
PROSTATE = ['ערמונית', 'προστάτη', 'prostate', 'простаты', 'próstata']


def fmt_num(v):
    if v is None or v == '':
        return ''
    if float(v) == int(v):
        return str(int(v))
    return ('%.2f' % v).rstrip('0').rstrip('.')


def write_truth(pats, errors, idents, vol_mode):
    """vol_mode(p, s) -> 'vertebra' or 'session'"""
    td = os.path.join(HERE, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                if s['leak_recorded']:
                    leak = ';'.join(l['leak']) if l['leak'] else 'none'
                else:
                    leak = ''
                rows.append([p['id'], s['session'], s['day'], l['level'], s['technique'],
                             fmt_num(l['vol']) if mode == 'vertebra' else '',
                             fmt_num(tot) if mode == 'session' else '',
                             s['cement_type'] or '', leak])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    for p in pats:
        for s in p['sessions']:
            for meas, key in (('pain_vas', 'vas'), ('odi', 'odi')):
                for tp in order:
                    st = s.get(key, {}).get(tp)
                    if st and st[0] == 'value':
                        rows.append([p['id'], s['session'], meas, tp, fmt_num(st[1])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, L] for p in pats for d, L in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set()
    out = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            out.append([k, v])
    w('identifiers.csv', ['kind', 'value'], out)


def bad_date_text(d, order='dmy', sep='/', monthnames=None):
    """An impossible calendar date close to d (same month/year)."""
    if d.month in (4, 6, 9, 11):
        day = 31
    elif d.month == 2:
        day = 30
    else:
        day = 32
    m = monthnames[d.month - 1] if monthnames else '%02d' % d.month
    return '%02d%s%s%s%d' % (day, sep, m, sep, d.year)

# ------------------------------- site part ---------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.utils import get_column_letter as CL

rng = random.Random(28505)
VAS_TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
ODI_TPS = ['pre', '3m', '12m']
VAS2_TPS = ['pre', '24h', '1m', '3m']
pats = gen_cohort(rng, 17, dt.date(2022, 2, 1), dt.date(2024, 4, 30), dt.date(2025, 4, 30),
                  VAS_TPS, ODI_TPS, VAS2_TPS, [], kp_share=0.35, n_dead=3, n_frac=4, n_reop=3,
                  missed_rate=0.12, reop_max_levels=2,
                  cement_types=(('PMMA', 0.85), ('calcium phosphate', 0.15)))
for i, p in enumerate(pats):
    p['id'] = 'VP-OAX-%02d' % (i + 1)

F_NAMES = [('Hernández', 'López', 'María Guadalupe'), ('Martínez', 'Cruz', 'Juana'), ('Santiago', 'Ruiz', 'Rosa María'),
           ('Jiménez', 'Mendoza', 'Margarita'), ('García', 'Matus', 'Esperanza'), ('Vásquez', 'Luis', 'Natalia'),
           ('Pérez', 'Toledo', 'Catalina'), ('Ramírez', 'Zárate', 'Socorro'), ('López', 'Antonio', 'Elvira'),
           ('Cruz', 'Velasco', 'Francisca'), ('Mendoza', 'Pacheco', 'Ofelia'), ('Aquino', 'Reyes', 'Teresa'),
           ('Gómez', 'Castellanos', 'Leticia'), ('Ortiz', 'Bautista', 'Herminia')]
M_NAMES = [('Hernández', 'Santiago', 'José Luis'), ('Martínez', 'Vásquez', 'Pedro'), ('Ruiz', 'Chávez', 'Fermín'),
           ('García', 'Jiménez', 'Raúl'), ('Morales', 'Sosa', 'Eleazar'), ('López', 'Pérez', 'Juan Carlos'),
           ('Luna', 'Castillo', 'Rodolfo'), ('Mijangos', 'Díaz', 'Ignacio')]
rng.shuffle(F_NAMES)
rng.shuffle(M_NAMES)
ETIO = {'osteoporotic': ['Osteoporosis', 'Fx por osteoporosis', 'Fractura osteoporótica'],
        'pathologic': ['Metástasis (Ca mama)', 'Mieloma múltiple', 'Metástasis (Ca próstata)', 'Metástasis (Ca pulmón)'],
        'traumatic': ['Traumática (caída)', 'Trauma - accidente automovilístico'],
        'other': ['Hemangioma vertebral']}
LEAK = {'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural'}
VOW = 'AEIOU'


def strip(s):
    t = s.upper()
    for a, b in zip('ÁÉÍÓÚÜÑ', 'AEIOUUX'):
        t = t.replace(a, b)
    return t


def curp(a1, a2, nom, birth, sex):
    a1, a2, nom = strip(a1), strip(a2), strip(nom.split()[0])
    v = next((c for c in a1[1:] if c in VOW), 'X')
    cons = lambda w: next((c for c in w[1:] if c not in VOW), 'X')
    return (a1[0] + v + a2[0] + nom[0] + birth.strftime('%y%m%d') + ('M' if sex == 'female' else 'H') +
            'OC' + cons(a1) + cons(a2) + cons(nom) + ('0' if birth.year < 2000 else 'A') + str(rng.randint(0, 9)))


def dstr(d):
    return d.strftime('%d/%m/%Y')


def odi_items(pct, allow_nc=True):
    """ten items 0-5; item 8 (vida sexual) often not answered -> total over 9 items"""
    n = 9 if (allow_nc and rng.random() < 0.3) else 10
    S = int(round(pct / 100.0 * 5 * n))
    it = [0] * n
    for _ in range(S):
        j = rng.choice([k for k in range(n) if it[k] < 5])
        it[j] += 1
    if n == 9:
        it = it[:7] + ['NC'] + it[7:]
        tot = round(S / 45.0 * 100, 1)
    else:
        tot = S * 2
    return it, tot


idents = []
fi = mi = 0
for p in pats:
    if p['sex'] == 'female':
        a1, a2, nom = F_NAMES[fi]; fi += 1
    else:
        a1, a2, nom = M_NAMES[mi]; mi += 1
    p['name'] = '%s %s %s' % (a1, a2, nom)
    p['curp'] = curp(a1, a2, nom, p['birth'], p['sex'])
    p['exp'] = str(rng.randint(100000, 399999))
    n7 = '%07d' % rng.randint(0, 9999999)
    p['phone'] = rng.choice(['951 %s %s' % (n7[:3], n7[3:]), '(951) %s' % n7, '951%s' % n7,
                             '954 %s %s' % (n7[:3], n7[3:])])
    p['etxt'] = pick_etio(rng, ETIO, p)
    idents += [('name', p['name']), ('record_number', p['exp']), ('national_id', p['curp']),
               ('phone', p['phone']), ('birth_date', dstr(p['birth'])), ('birth_date', p['birth'].isoformat())]
    # ODI items; the written total is the truth value
    for s in p['sessions']:
        s['odi_items'] = {}
        for tp, (st, v) in list(s['odi'].items()):
            if st == 'value':
                it, tot = odi_items(v)
                s['odi_items'][tp] = it
                s['odi'][tp] = ('value', tot)

errors = []
plain = [p for p in pats if len(p['sessions']) == 1]
e_lvl = next(p for p in plain if p['sessions'][0]['levels'][0]['level'] in ('T11', 'T12'))
e_odi = next(p for p in plain if p is not e_lvl and p['sessions'][0]['odi']['3m'][0] == 'value')
e_date = next(p for p in plain[::-1] if p not in (e_lvl, e_odi))
e_reop = next(p for p in pats if len(p['sessions']) > 1)

TPH = {'pre': 'basal', '24h': 'día 1', '1m': 'día 30', '3m': 'día 90', '6m': 'día 180', '12m': 'día 365'}
ODIH = {'pre': 'ODI basal', '3m': 'ODI día 90', '12m': 'ODI día 365'}
cols = []   # (group, subheader, key)
for h, k in (('No.', 'n'), ('Folio', 'folio'), ('Expediente', 'exp'), ('Nombre', 'name'), ('CURP', 'curp'),
             ('Teléfono', 'tel'), ('Fecha nac.', 'fnac'), ('Edad', 'edad'), ('Sexo', 'sexo'), ('Diagnóstico', 'dx')):
    cols.append(('DATOS DEL PACIENTE', h, k))
for h, k in (('Fecha cirugía', 'fcx'), ('Procedimiento', 'proc'), ('Cemento', 'cem')):
    cols.append(('CIRUGÍA', h, k))
for i in (1, 2, 3):
    for h, k in (('Nivel %d' % i, 'niv%d' % i), ('Vol. %d (ml)' % i, 'vol%d' % i), ('Fuga %d' % i, 'fuga%d' % i)):
        cols.append(('CIRUGÍA', h, k))
for tp in VAS_TPS:
    cols.append(('EVA (0-10)', TPH[tp], 'eva_' + tp))
for tp in ODI_TPS:
    for i in range(1, 11):
        cols.append((ODIH[tp], 'P%d' % i, 'odi_%s_%d' % (tp, i)))
    cols.append((ODIH[tp], 'ODI %', 'odi_' + tp))
for h, k in (('Nueva fractura (nivel)', 'nfx'), ('Fecha nueva fx', 'fnfx'), ('Estado', 'estado'),
             ('Fecha defunción', 'fdef'), ('Observaciones', 'obs')):
    cols.append(('SEGUIMIENTO', h, k))
for h, k in (('Fecha', 'r_fecha'), ('Nivel(es)', 'r_niv'), ('Procedimiento', 'r_proc'), ('Vol. total (ml)', 'r_vol'),
             ('Fuga', 'r_fuga'), ('EVA basal', 'r_pre'), ('EVA día 1', 'r_24h'), ('EVA día 30', 'r_1m'),
             ('EVA día 90', 'r_3m')):
    cols.append(('Reintervención', h, k))
KC = {k: j for j, (g, h, k) in enumerate(cols, 1)}
HH = {k: h for g, h, k in cols}
FILL = {'DATOS DEL PACIENTE': 'D9E1F2', 'CIRUGÍA': 'FCE4D6', 'EVA (0-10)': 'E2EFDA', 'ODI basal': 'FFF2CC',
        'ODI día 90': 'FFE699', 'ODI día 365': 'FFD966', 'SEGUIMIENTO': 'EDEDED', 'Reintervención': 'F4B084'}

wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'BASE'
thin = Side(style='thin', color='808080')
BD = Border(left=thin, right=thin, top=thin, bottom=thin)
for r, t, sz in ((1, 'HOSPITAL REGIONAL DE ALTA ESPECIALIDAD DE OAXACA', 14),
                 (2, 'Servicio de Neurocirugía - Clínica de Columna', 12),
                 (3, 'Base de datos: vertebroplastía / cifoplastía percutánea 2022-2024', 12)):
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=14)
    c = ws.cell(r, 1, t)
    c.font = Font(bold=True, size=sz)
    c.alignment = Alignment(horizontal='center')
ws.cell(4, 1, 'Corte: 30/04/2025').font = Font(italic=True)
start = 1
for j in range(1, len(cols) + 2):
    if j == len(cols) + 1 or cols[j - 1][0] != cols[start - 1][0]:
        g = cols[start - 1][0]
        if j - 1 > start:
            ws.merge_cells(start_row=5, start_column=start, end_row=5, end_column=j - 1)
        c = ws.cell(5, start, g)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal='center')
        for k in range(start, j):
            ws.cell(5, k).fill = PatternFill('solid', fgColor=FILL[g])
            ws.cell(6, k).fill = PatternFill('solid', fgColor=FILL[g])
            ws.cell(5, k).border = BD
        start = j
for j, (g, h, k) in enumerate(cols, 1):
    c = ws.cell(6, j, h)
    c.font = Font(bold=True)
    c.border = BD
    c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
    ws.column_dimensions[CL(j)].width = 4.5 if h.startswith('P') and len(h) <= 3 else 11
for k, wd in (('name', 34), ('curp', 21), ('dx', 26), ('obs', 40), ('r_niv', 12), ('nfx', 12)):
    ws.column_dimensions[CL(KC[k])].width = wd
ws.freeze_panes = ws.cell(7, KC['name'] + 1)

PROC = {'vertebroplasty': ['Vertebroplastía', 'VP', 'vertebroplastia'], 'kyphoplasty': ['Cifoplastía', 'CP', 'Cifoplastia']}


def leak_one(k):
    return 'Sí - ' + ' y '.join(LEAK[x] for x in k) if k else 'No'


def fu(st, v, fem):
    if st == 'value':
        return v
    if st == 'missed':
        return rng.choice(['No acudió', 'No acudió', '—'])
    if st == 'dead':
        return 'Finada' if fem else 'Finado'
    return None


for i, p in enumerate(pats):
    r = 7 + i
    fem = p['sex'] == 'female'
    s1 = p['sessions'][0]
    v = {}
    v['n'] = i + 1
    v['folio'] = p['id']
    v['exp'] = p['exp']
    v['name'] = p['name'].upper() if rng.random() < 0.5 else p['name']
    if v['name'] != p['name']:
        idents.append(('name', v['name']))
    v['curp'] = p['curp']
    v['tel'] = p['phone']
    v['fnac'] = p['birth'] if rng.random() < 0.8 else dstr(p['birth'])
    v['edad'] = p['age'] if rng.random() < 0.8 else '%d años' % p['age']
    v['sexo'] = 'F' if fem else 'M'
    v['dx'] = p['etxt']
    v['fcx'] = s1['date'] if rng.random() < 0.8 else dstr(s1['date'])
    v['proc'] = rng.choice(PROC[s1['technique']])
    v['cem'] = 'PMMA' if s1['cement_type'] == 'PMMA' else 'Fosfato de calcio'
    for n, l in enumerate(s1['levels'], 1):
        v['niv%d' % n] = l['level']
        v['vol%d' % n] = l['vol']
        v['fuga%d' % n] = leak_one(l['leak'])
    for tp in VAS_TPS:
        v['eva_' + tp] = fu(*s1['vas'][tp], fem)
    for tp in ODI_TPS:
        st, val = s1['odi'][tp]
        v['odi_' + tp] = fu(st, val, fem)
        if st == 'value':
            for n, x in enumerate(s1['odi_items'][tp], 1):
                v['odi_%s_%d' % (tp, n)] = x
    if p['fractures']:
        v['nfx'] = p['fractures'][0][1]
        v['fnfx'] = p['d0'] + dt.timedelta(days=p['fractures'][0][0])
    else:
        v['nfx'] = 'No'
    v['estado'] = ('Finada' if fem else 'Finado') if p['died'] else ('Viva' if fem else 'Vivo')
    if p['died']:
        v['fdef'] = p['d0'] + dt.timedelta(days=p['death_day'])
    obs = []
    if any(x == 'NC' for s in p['sessions'] for it in s['odi_items'].values() for x in it):
        obs.append('P8 no contestada (NC), ODI calculado sobre 45')
    if p['etiology'] == 'pathologic':
        obs.append(rng.choice(['Se tomó biopsia', 'Envío a Oncología', 'RT paliativa']))
    v['obs'] = '; '.join(obs)
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        v['r_fecha'] = s2['date']
        v['r_niv'] = ' y '.join(l['level'] for l in s2['levels'])
        v['r_proc'] = rng.choice(PROC[s2['technique']])
        v['r_vol'] = sum(l['vol'] for l in s2['levels'])
        lk = [(l['level'], l['leak']) for l in s2['levels'] if l['leak']]
        v['r_fuga'] = 'No' if not lk else '; '.join(
            leak_one(k) + ('' if len(s2['levels']) == 1 else ' (%s)' % L) for L, k in lk)
        for tp in VAS2_TPS:
            v['r_' + tp] = fu(*s2['vas'][tp], fem)
        s2['cement_type'] = s1['cement_type']
    # planted mistakes
    if p is e_lvl:
        good = v['niv1']
        v['niv1'] = 'T14'
        errors.append(dict(sheet='BASE', cell='%s%d' % (CL(KC['niv1']), r), row=r, header='Nivel 1', value='T14',
                           what='T14 does not exist; should be %s' % good, pid=p['id']))
    if p is e_odi:
        good = v['odi_3m']
        v['odi_3m'] = good + 70 if good + 70 > 100 else good + 100
        errors.append(dict(sheet='BASE', cell='%s%d' % (CL(KC['odi_3m']), r), row=r, header='ODI día 90 / ODI %',
                           value=fmt_num(v['odi_3m']), what='ODI above 100 %%; items give %s' % fmt_num(good), pid=p['id']))
    if p is e_date:
        v['fcx'] = bad_date_text(s1['date'])
        errors.append(dict(sheet='BASE', cell='%s%d' % (CL(KC['fcx']), r), row=r, header='Fecha cirugía',
                           value=v['fcx'], what='impossible date; should be %s' % dstr(s1['date']), pid=p['id']))
    if p is e_reop:
        good = v['r_fecha']
        v['r_fecha'] = good.replace(year=good.year - 1)
        errors.append(dict(sheet='BASE', cell='%s%d' % (CL(KC['r_fecha']), r), row=r, header='Reintervención / Fecha',
                           value=dstr(v['r_fecha']),
                           what='second operation dated before the first (%s); should be %s' % (dstr(s1['date']), dstr(good)),
                           pid=p['id']))
    for k, val in v.items():
        c = ws.cell(r, KC[k], val)
        if isinstance(val, dt.date):
            c.number_format = 'dd/mm/yyyy'
    for j in range(1, len(cols) + 1):
        ws.cell(r, j).border = BD
    if p['died']:
        ws.cell(r, KC['estado']).font = Font(bold=True, color='C00000')
r = 7 + len(pats) + 1
for t in ('EVA: escala visual análoga 0-10. ODI: Oswestry, P1-P10 de 0 a 5; ODI % = suma / 50 x 100 '
          '(si P8 = NC, suma / 45 x 100).',
          'Seguimiento en días posteriores a la cirugía (día 1 = 24 h, día 30 = 1 mes, día 90 = 3 meses, '
          'día 180 = 6 meses, día 365 = 1 año). Reintervención: días posteriores a la reintervención.',
          'No acudió = no se presentó a la cita. Celda vacía = aún no le toca. Finado/Finada = falleció.',
          'Vol. 1-3 = ml de cemento por nivel; en Reintervención se anotó solo el volumen total. '
          'El cemento de la reintervención es el mismo que en la primera cirugía.'):
    ws.cell(r, 1, t).font = Font(italic=True, size=9)
    r += 1
wb.save(os.path.join(HERE, 'input.xlsx'))
write_truth(pats, errors, idents, lambda p, s: 'vertebra' if s['session'] == 1 else 'session')
