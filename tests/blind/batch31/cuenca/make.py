# ---------------------------------------------------------------------------
# simulation core (same in every one of our sites; the writer below is local)
# ---------------------------------------------------------------------------
import random, datetime as dt, csv, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ([f'C{i}' for i in range(1, 8)] + [f'T{i}' for i in range(1, 13)]
          + [f'L{i}' for i in range(1, 6)] + ['S1'])
START_LEVELS = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12',
                'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']
WINDOW = {'24h': (1, 1), '1w': (6, 9), '2w': (13, 17), '6w': (40, 47), '1m': (27, 38),
          '3m': (84, 104), '6m': (172, 200), '12m': (350, 395)}
VAS_DROP = {'24h': (2, 4), '1w': (3, 5), '2w': (3, 5), '6w': (4, 6), '1m': (4, 6),
            '3m': (4, 6), '6m': (4, 7), '12m': (5, 7)}
ODI_DROP = {'24h': (5, 12), '1w': (8, 16), '2w': (10, 18), '6w': (14, 26), '1m': (14, 26),
            '3m': (20, 34), '6m': (22, 38), '12m': (24, 40)}
LEAKS = ['disc', 'venous', 'paravertebral', 'disc', 'venous', 'epidural']


def shift(l, k):
    i = LEVELS.index(l) + k
    return LEVELS[i] if 0 <= i < len(LEVELS) else None


def gen_patients(rng, n, d0, d1, cut, vas_tps, odi_tps=(), mob_tps=(), vas2_tps=None,
                 odi2_tps=None, mob2_tps=None, p_kypho=0.3, second=(), extra_fx=(), deaths=(),
                 etiol=None, p_miss=0.15, vol_step=0.5):
    """Return list of patient dicts. second/extra_fx/deaths: patient indices."""
    vas2_tps = vas_tps if vas2_tps is None else vas2_tps
    odi2_tps = odi_tps if odi2_tps is None else odi2_tps
    mob2_tps = mob_tps if mob2_tps is None else mob2_tps
    span = (d1 - d0).days
    dates = sorted(d0 + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        if etiol and i in etiol:
            e = etiol[i]
        else:
            r = rng.random()
            e = ('osteoporotic' if r < 0.62 else 'pathologic' if r < 0.82
                 else 'traumatic' if r < 0.93 else 'other')
        sex = 'female' if rng.random() < (0.75 if e == 'osteoporotic' else 0.5) else 'male'
        age = {'osteoporotic': rng.randint(62, 89), 'pathologic': rng.randint(48, 81),
               'traumatic': rng.randint(44, 76), 'other': rng.randint(38, 70)}[e]
        p = dict(idx=i, sex=sex, age=age, etiology=e, date=dates[i], sessions=[],
                 fractures=[], died=False, death_day=None)
        # death
        if i in deaths:
            p['died'] = True
            maxd = (cut - dates[i]).days - 5
            p['death_day'] = rng.randint(min(60, maxd - 1), min(420, maxd))
        limit = p['death_day'] if p['died'] else (cut - dates[i]).days
        # first session
        nlev = rng.choice([1, 1, 1, 1, 1, 2, 2, 2, 3])
        if e == 'other':
            nlev = 1
        top = rng.choice(START_LEVELS)
        levs = [top] + [shift(top, k) for k in range(1, nlev)]
        levs = [l for l in levs if l and l != 'S1']
        tech = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
        sessions = [make_session(rng, 1, 0, levs, tech, limit, vas_tps, odi_tps, mob_tps,
                                 e, p_miss, vol_step)]
        # new fractures / second session
        if i in second or i in extra_fx:
            lo, hi = 40, min(260, limit - 40)
            fd = rng.randint(lo, max(lo, hi))
            cand = [shift(levs[0], -1), shift(levs[-1], 1), shift(levs[0], -2)]
            cand = [c for c in cand if c and c[0] in 'TL']
            fl = rng.choice(cand)
            p['fractures'].append((fd, fl))
            if i in second:
                sd = fd + rng.randint(3, 18)
                tech2 = tech if rng.random() < 0.8 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                sessions.append(make_session(rng, 2, sd, [fl], tech2, limit - sd, vas2_tps,
                                             odi2_tps, mob2_tps, e, p_miss, vol_step))
        p['sessions'] = sessions
        pts.append(p)
    return pts


def make_session(rng, sn, day, levs, tech, limit, vas_tps, odi_tps, mob_tps, e, p_miss, vol_step):
    vols = []
    for l in levs:
        base = 2.0 if l[0] == 'T' and int(l[1:]) < 10 else 3.0
        v = base + vol_step * rng.randint(0, int(3.0 / vol_step))
        if tech == 'kyphoplasty':
            v += 1.0
        vols.append(round(v, 1))
    leaks = []
    for l in levs:
        leaks.append('none' if rng.random() < 0.78 else rng.choice(LEAKS))
    pre_vas = rng.randint(7, 10) if e == 'pathologic' else rng.randint(7, 9)
    pre_odi = 2 * rng.randint(22, 41)
    pre_mob = rng.randint(0, 2)
    tps_all = [t for t in ['24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
               if t in vas_tps or t in odi_tps or t in mob_tps]
    visits = {'pre': 0}
    for t in tps_all:
        a, b = WINDOW[t]
        vd = rng.randint(a, b)
        if vd > limit:
            continue
        if t != '24h' and rng.random() < p_miss:
            continue
        visits[t] = vd
    scores = {}
    for t in visits:
        if t == 'pre':
            v, o, m = pre_vas, pre_odi, pre_mob
        else:
            v = max(0, pre_vas - rng.randint(*VAS_DROP[t]))
            o = max(6, pre_odi - 2 * (rng.randint(*ODI_DROP[t]) // 2))
            m = min(4, pre_mob + rng.randint(1, 3))
        if t == 'pre' or t in vas_tps:
            scores[('pain_vas', t)] = v
        if t == 'pre' and odi_tps or t in odi_tps:
            scores[('odi', t)] = o
        if t == 'pre' and mob_tps or t in mob_tps:
            scores[('mobility', t)] = m
    return dict(session=sn, day=day, levels=levs, vols=vols, tech=tech, leaks=leaks,
                visits=visits, scores=scores)


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(pts, pid_of, vol_mode, cement_type_of, leak_recorded, errors, identifiers,
                drop=None):
    """vol_mode(p, s) -> 'vertebra' | 'session' ; cement_type_of(p, s) -> str;
    leak_recorded(p, s) -> bool; drop: set of (pid, session, measure, tp) not written."""
    drop = drop or set()
    td = os.path.join(HERE, 'truth')
    if os.path.isdir(td):
        shutil.rmtree(td)
    os.makedirs(td)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[pid_of(p), p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            tot = round(sum(s['vols']), 1)
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([pid_of(p), s['session'], s['day'], l, s['tech'],
                             fmt_num(v) if mode == 'vertebra' else '',
                             fmt_num(tot) if mode == 'session' else '',
                             cement_type_of(p, s), lk if leak_recorded(p, s) else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    rows = []
    for p in pts:
        for s in p['sessions']:
            for (m, t), v in sorted(s['scores'].items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]))):
                if (pid_of(p), s['session'], m, t) in drop:
                    continue
                rows.append([pid_of(p), s['session'], m, t, fmt_num(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[pid_of(p), d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    seen, idrows = set(), []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            idrows.append([k, v])
    w('identifiers.csv', ['kind', 'value'], idrows)
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# CUENCA writer
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter as CL

rng = random.Random(59307)
N = 18
D0, D1, CUT = dt.date(2021, 2, 1), dt.date(2023, 8, 31), dt.date(2024, 3, 15)
pts = gen_patients(rng, N, D0, D1, CUT, ['24h', '1m', '3m', '6m', '12m'], ['3m', '12m'],
                   vas2_tps=['24h', '1m', '3m', '6m'], odi2_tps=['3m'], p_kypho=0.4,
                   second={1, 6, 10, 13}, extra_fx={4}, deaths={3, 11, 16},
                   etiol={3: 'pathologic', 11: 'pathologic', 16: 'pathologic', 8: 'traumatic',
                          14: 'other', 1: 'osteoporotic', 12: 'osteoporotic', 5: 'osteoporotic'})
# one re-operation treats two levels (fracture level + the one next to it)
s2 = pts[10]['sessions'][1]
nxt = shift(s2['levels'][0], -1) if shift(s2['levels'][0], -1) not in pts[10]['sessions'][0]['levels'] else shift(s2['levels'][0], 1)
s2['levels'].append(nxt); s2['vols'].append(max(2.5, s2['vols'][0])); s2['leaks'].append('none')
# error patients
E_LEVEL, E_ODI, E_DATE, E_CODE = 5, 12, 2, 6      # E_CODE: code missing on 2da row
assert len(pts[E_CODE]['sessions']) == 2
lv = pts[E_LEVEL]['sessions'][0]
lv['levels'] = ['L4', 'L5']; lv['vols'] = [4.0, 4.5]; lv['leaks'] = ['none', 'none']

NOMF = ['MARÍA DOLORES', 'ROSA ELVIRA', 'CARMEN LUCÍA', 'BLANCA MARINA', 'ZOILA ESPERANZA',
        'MERCEDES', 'ANA MARÍA', 'LUZ AMÉRICA', 'DIGNA ROSARIO', 'TERESA DE JESÚS', 'GLORIA',
        'MARTHA CECILIA', 'FANNY', 'NARCISA DE JESÚS']
NOMM = ['JOSÉ MANUEL', 'LUIS ALBERTO', 'MANUEL JESÚS', 'SEGUNDO', 'JORGE WASHINGTON',
        'CARLOS JULIO', 'HUMBERTO', 'MIGUEL ÁNGEL', 'RAÚL']
APE = ['MOROCHO', 'GUAMÁN', 'PESÁNTEZ', 'ORDÓÑEZ', 'CALLE', 'VÁZQUEZ', 'SIGÜENZA', 'ASTUDILLO',
       'CABRERA', 'ZHUNIO', 'TENESACA', 'CRESPO', 'LOJA', 'QUIZHPI', 'ULLAURI', 'ALVARRACÍN',
       'SARMIENTO', 'PALACIOS', 'NARVÁEZ', 'DUTÁN', 'YUNGA', 'CHALCO', 'BERMEO', 'CÁRDENAS']
DX = {'osteoporotic': [('Fx por osteoporosis', 'OP'), ('Aplastamiento osteoporótico', 'OP'),
                       ('Fx osteoporótica postcaída', 'OP')],
      'pathologic': [('Mieloma múltiple', 'MM'), ('Mtt. Ca de mama', 'MTS'), ('Mtt. Ca de próstata', 'MTS'),
                     ('Mtt. Ca de tiroides', 'MTS')],
      'traumatic': [('Fx traumática (caída de altura)', 'TX'), ('Fx traumática – accidente de tránsito', 'TX')],
      'other': [('Hemangioma vertebral agresivo', 'HEM')]}
LEAKW = {'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural'}

for p in pts:
    p['pid'] = f'P-{p["idx"] + 1:02d}'
    ap = rng.sample(APE, 2)
    p['name'] = f'{ap[0]} {ap[1]} ' + rng.choice(NOMF if p['sex'] == 'female' else NOMM)
    p['hc'] = str(rng.randint(120000, 489999))
    prov = rng.choice(['01', '01', '01', '03', '14'])
    p['ced'] = prov + str(rng.randint(10000000, 99999999))
    p['tel'] = rng.choice([f'09{rng.randint(80000000, 99999999)}', f'07{rng.randint(2800000, 4199999)}'])
    # birth date consistent with age at first surgery
    op = p['date']
    by = op.year - p['age'] - 1
    while True:
        dob = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        a = op.year - dob.year - ((op.month, op.day) < (dob.month, dob.day))
        if a == p['age']:
            break
        by += 1 if a > p['age'] else -1
    p['dob'] = dob
    opts = [d for d in DX[p['etiology']]
            if not (p['sex'] == 'male' and 'mama' in d[0]) and not (p['sex'] == 'female' and 'próstata' in d[0])]
    p['dx'], p['code'] = rng.choice(opts)
    for s in p['sessions']:
        s['cement'] = 'PMMA'
    if p['etiology'] == 'traumatic' and p['age'] < 60:
        p['sessions'][0]['cement'] = 'calcium phosphate'
CEM = {'PMMA': ['PMMA', 'PMMA', 'PMMA', 'pmma'], 'calcium phosphate': ['Fosfato cálcico']}

identifiers = []
for p in pts:
    identifiers += [('name', p['name']), ('medical_record_number', p['hc']), ('national_id', p['ced']),
                    ('phone', p['tel']), ('birth_date', p['dob'].strftime('%d/%m/%Y'))]

wb = Workbook()
thin = Side(style='thin', color='808080')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
HF = PatternFill('solid', fgColor='C6E0B4')
RED = PatternFill('solid', fgColor='F8CBAD')
DATEF = 'dd/mm/yyyy'


def put(ws, r, c, v, fmt=None, fill=None, bold=False):
    cell = ws.cell(row=r, column=c, value=v)
    cell.border = B
    if fmt:
        cell.number_format = fmt
    if fill:
        cell.fill = fill
    if bold:
        cell.font = Font(bold=True)
    return cell


def date_cell(ws, r, c, d, text_prob=0.15):
    if rng.random() < text_prob:
        return put(ws, r, c, d.strftime('%d/%m/%Y'))
    return put(ws, r, c, dt.datetime(d.year, d.month, d.day), DATEF)


def vol_val(v):
    if not float(v).is_integer() and rng.random() < 0.25:
        return fmt_num(v).replace('.', ',')           # typed as text with a comma
    return v


errors = []
drop = set()
# ---------------- Pacientes
ws = wb.active
ws.title = 'Pacientes'
ws['A1'] = 'HOSPITAL JOSÉ CARRASCO ARTEAGA – IESS CUENCA'
ws['A2'] = 'Servicio de Neurocirugía – Base de datos vertebroplastia / cifoplastia'
ws['A1'].font = Font(bold=True, size=13); ws['A2'].font = Font(bold=True)
ws.merge_cells('A1:O1'); ws.merge_cells('A2:O2')
H = ['Código', 'H. Clínica', 'Cédula', 'Apellidos y nombres', 'Sexo', 'Fecha nac.', 'Edad',
     'Diagnóstico', 'Etiol.', 'Teléfono', 'Fallecido', 'Fecha fallec.', 'Nueva fractura',
     'Fecha dx nueva fx', 'Observaciones']
for j, h in enumerate(H, 1):
    put(ws, 4, j, h, fill=HF, bold=True).alignment = Alignment(wrap_text=True, horizontal='center')
r = 5
for p in pts:
    put(ws, r, 1, p['pid']); put(ws, r, 2, int(p['hc'])); put(ws, r, 3, p['ced'])
    put(ws, r, 4, p['name']); put(ws, r, 5, 'F' if p['sex'] == 'female' else 'M')
    date_cell(ws, r, 6, p['dob'], 0.1); put(ws, r, 7, p['age']); put(ws, r, 8, p['dx'])
    put(ws, r, 9, p['code']); put(ws, r, 10, p['tel'])
    if p['died']:
        put(ws, r, 11, 'SI', fill=RED)
        date_cell(ws, r, 12, p['date'] + dt.timedelta(days=p['death_day']), 0)
    else:
        put(ws, r, 11, 'NO'); put(ws, r, 12, None)
    if p['fractures']:
        put(ws, r, 13, 'SI – ' + ', '.join(l for _, l in p['fractures']))
        date_cell(ws, r, 14, p['date'] + dt.timedelta(days=p['fractures'][0][0]), 0)
    else:
        put(ws, r, 13, 'NO'); put(ws, r, 14, None)
    obs = []
    if len(p['sessions']) > 1:
        obs.append('reintervenido (ver hoja 2da intervención)')
    if p['fractures'] and len(p['sessions']) == 1:
        obs.append('fx nueva, manejo conservador (corsé)')
    put(ws, r, 15, '; '.join(obs))
    r += 1
r += 1
for t in ['Sexo: F = femenino, M = masculino.   Etiol.: OP osteoporosis, MTS metástasis, MM mieloma múltiple, TX trauma, HEM hemangioma.',
          'Edad = años cumplidos a la fecha de la 1ra intervención.']:
    ws.cell(row=r, column=1, value=t).font = Font(italic=True, size=9); r += 1
for j, wdt in enumerate([8, 10, 12, 38, 6, 11, 6, 34, 6, 12, 9, 11, 14, 12, 40], 1):
    ws.column_dimensions[CL(j)].width = wdt


# ---------------- operation sheets
def op_sheet(title, session, headers, groups, fu):
    ws = wb.create_sheet(title)
    ws['A1'] = title.upper() + ' – vertebroplastia (VP) / cifoplastia (CP)'
    ws['A1'].font = Font(bold=True, size=12)
    for rg, t in groups:
        ws.merge_cells(rg)
        c = ws[rg.split(':')[0]]
        c.value = t; c.fill = HF; c.font = Font(bold=True); c.alignment = Alignment(horizontal='center')
    for j, h in enumerate(headers, 1):
        put(ws, 3, j, h, fill=HF, bold=True).alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
    return ws


# 1ra intervención
H1 = ['Código', 'Fecha cirugía', 'Técnica', 'Nivel 1', 'Vol. 1 (cc)', 'Nivel 2', 'Vol. 2 (cc)',
      'Nivel 3', 'Vol. 3 (cc)', 'Cemento', 'Fuga de cemento', 'EVA pre', 'ODI pre (%)', 'EVA 24 h',
      'Fecha', 'EVA', 'Fecha', 'EVA', 'ODI (%)', 'Fecha', 'EVA', 'Fecha', 'EVA', 'ODI (%)', 'Observaciones']
G1 = [('D2:I2', 'Niveles tratados'), ('L2:N2', 'Preoperatorio / postoperatorio'), ('O2:P2', 'Control 1 mes'),
      ('Q2:S2', 'Control 3 meses'), ('T2:U2', 'Control 6 meses'), ('V2:X2', 'Control 12 meses')]
FU1 = {'1m': (15, 16, None), '3m': (17, 18, 19), '6m': (20, 21, None), '12m': (22, 23, 24)}
# 2da intervención: slightly different headers, total cement only
H2 = ['Código', 'HC', 'Fecha 2da cirugía', 'Técnica', 'Nivel(es)', 'Cemento total (cc)', 'Tipo cemento',
      'Fuga', 'EVA prequirúrgico', 'ODI preqx', 'EVA 24 horas', 'Fecha', 'EVA', 'Fecha', 'EVA', 'ODI',
      'Fecha', 'EVA', 'Observación']
G2 = [('I2:K2', 'Evaluación (2da)'), ('L2:M2', '1 mes post 2da'), ('N2:P2', '3 meses post 2da'),
      ('Q2:R2', '6 meses post 2da')]
FU2 = {'1m': (12, 13, None), '3m': (14, 15, 16), '6m': (17, 18, None)}
ws1 = op_sheet('1ra intervención', 1, H1, G1, FU1)
ws2 = op_sheet('2da intervención', 2, H2, G2, FU2)
r1, r2 = 4, 4


def fill_fu(ws, r, p, s, FU, od):
    death = p['death_day'] - s['day'] if p['died'] else None
    sc = s['scores']
    for t, (cd, cv, co) in FU.items():
        if t in s['visits']:
            date_cell(ws, r, cd, od + dt.timedelta(days=s['visits'][t]))
            put(ws, r, cv, sc[('pain_vas', t)])
            if co:
                put(ws, r, co, sc.get(('odi', t)))
        else:
            if death is not None and death < WINDOW[t][1]:
                txt = 'fallecido'
            elif (CUT - od).days < WINDOW[t][1]:
                txt = None
            else:
                txt = 'no acude'
            put(ws, r, cd, None); put(ws, r, cv, txt)
            if co:
                put(ws, r, co, None if txt is None else ('—' if txt == 'fallecido' else 'no acude'))


def leak_txt(s):
    parts = [f'{LEAKW[lk]} ({l})' if len(s['levels']) > 1 else LEAKW[lk]
             for l, lk in zip(s['levels'], s['leaks']) if lk != 'none']
    return 'No' if not parts else 'Sí – ' + ', '.join(parts)


for p in pts:
    s = p['sessions'][0]
    od = p['date']
    r = r1
    put(ws1, r, 1, p['pid'])
    date_cell(ws1, r, 2, od)
    put(ws1, r, 3, rng.choice(['VP', 'Vertebroplastia']) if s['tech'] == 'vertebroplasty' else rng.choice(['CP', 'Cifoplastia']))
    for k in range(3):
        if k < len(s['levels']):
            put(ws1, r, 4 + 2 * k, s['levels'][k]); put(ws1, r, 5 + 2 * k, vol_val(s['vols'][k]))
        else:
            put(ws1, r, 4 + 2 * k, None); put(ws1, r, 5 + 2 * k, None)
    put(ws1, r, 10, rng.choice(CEM[s['cement']]))
    put(ws1, r, 11, leak_txt(s))
    put(ws1, r, 12, s['scores'][('pain_vas', 'pre')]); put(ws1, r, 13, s['scores'][('odi', 'pre')])
    put(ws1, r, 14, s['scores'].get(('pain_vas', '24h')))
    fill_fu(ws1, r, p, s, FU1, od)
    obs = []
    if p['etiology'] == 'pathologic':
        obs.append('biopsia transpedicular')
    if p['died']:
        obs.append('fallece ' + (od + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y'))
    put(ws1, r, 25, '; '.join(obs))
    if p['idx'] == E_LEVEL:
        ws1.cell(row=r, column=6).value = 'L7'
        errors.append(['1ra intervención', f'F{r}', r, 'Nivel 2', 'L7',
                       'impossible level L7 (five lumbar vertebrae); operative note says L5', p['pid']])
    if p['idx'] == E_ODI:
        assert ('odi', '3m') in s['scores']
        ws1.cell(row=r, column=19).value = 112
        drop.add((p['pid'], 1, 'odi', '3m'))
        errors.append(['1ra intervención', f'S{r}', r, 'Control 3 meses ODI (%)', '112',
                       f'ODI out of its 0-100 % scale; true value {s["scores"][("odi", "3m")]}', p['pid']])
    if p['idx'] == E_DATE:
        assert '3m' in s['visits']
        good = od + dt.timedelta(days=s['visits']['3m'])
        bad = good.replace(year=good.year - 1)
        c = ws1.cell(row=r, column=17)
        c.value = dt.datetime(bad.year, bad.month, bad.day); c.number_format = DATEF
        errors.append(['1ra intervención', f'Q{r}', r, 'Control 3 meses Fecha', bad.strftime('%d/%m/%Y'),
                       f'3-month control dated before the surgery ({od.strftime("%d/%m/%Y")}); year mistyped, should be {good.strftime("%d/%m/%Y")}', p['pid']])
    r1 += 1
    if len(p['sessions']) > 1:
        s = p['sessions'][1]
        od2 = p['date'] + dt.timedelta(days=s['day'])
        r = r2
        put(ws2, r, 1, p['pid']); put(ws2, r, 2, int(p['hc']))
        date_cell(ws2, r, 3, od2)
        put(ws2, r, 4, 'Vertebroplastia' if s['tech'] == 'vertebroplasty' else 'Cifoplastia')
        put(ws2, r, 5, ' y '.join(s['levels']))
        put(ws2, r, 6, vol_val(round(sum(s['vols']), 1)))
        put(ws2, r, 7, 'PMMA')
        put(ws2, r, 8, leak_txt(s))
        put(ws2, r, 9, s['scores'][('pain_vas', 'pre')]); put(ws2, r, 10, s['scores'][('odi', 'pre')])
        put(ws2, r, 11, s['scores'].get(('pain_vas', '24h')))
        fill_fu(ws2, r, p, s, FU2, od2)
        put(ws2, r, 19, 'fx adyacente' if abs(LEVELS.index(s['levels'][0]) - LEVELS.index(p['sessions'][0]['levels'][0])) <= 1
            or abs(LEVELS.index(s['levels'][0]) - LEVELS.index(p['sessions'][0]['levels'][-1])) <= 1 else 'fx nueva a distancia')
        if p['idx'] == E_CODE:
            ws2.cell(row=r, column=1).value = None
            errors.append(['2da intervención', f'A{r}', r, 'Código', '',
                           f'patient code missing (only the HC number is given; it belongs to {p["pid"]})', p['pid']])
        r2 += 1
for ws, widths in ((ws1, [8, 11, 14, 7, 8, 7, 8, 7, 8, 14, 24, 7, 8, 7, 11, 6, 11, 6, 7, 11, 6, 11, 6, 7, 34]),
                   (ws2, [8, 9, 12, 14, 10, 9, 9, 22, 10, 8, 8, 11, 6, 11, 6, 6, 11, 6, 22])):
    for j, wdt in enumerate(widths, 1):
        ws.column_dimensions[CL(j)].width = wdt
    ws.freeze_panes = 'B4'
ws1.cell(row=r1 + 1, column=1, value='EVA 0-10.  ODI en %.  "no acude" = no asistió al control.  Volúmenes en cc por nivel.').font = Font(italic=True, size=9)
ws2.cell(row=r2 + 1, column=1, value='Controles contados desde la 2da cirugía.  Cemento: total de la cirugía (todos los niveles).').font = Font(italic=True, size=9)
ws2['E3'].comment = Comment('si son 2 niveles se escriben juntos "T11 y T12"', 'Residente')
wb.save(os.path.join(HERE, 'input.xlsx'))

write_truth(pts, lambda p: p['pid'], lambda p, s: 'vertebra' if s['session'] == 1 else 'session',
            lambda p, s: s['cement'], lambda p, s: True, errors, identifiers, drop)
print('cuenca written')
