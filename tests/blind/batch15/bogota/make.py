# ---------------------------------------------------------------- shared data model
import sys, os, csv, datetime as dt
import numpy as np

TP_DAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
SPINE = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
CENTRE_W = {'T6': 1, 'T7': 2, 'T8': 3, 'T9': 3, 'T10': 4, 'T11': 7, 'T12': 12, 'L1': 12, 'L2': 7, 'L3': 5, 'L4': 3}


def gen_cohort(seed, n, ids, techniques, cement_types, tps, measures, s2_tps, half_points=False,
               start=dt.date(2019, 1, 7), span_days=1500, n_died=3, n_frac=4, n_s2=3):
    rng = np.random.default_rng(seed)
    pts = []
    cw = np.array(list(CENTRE_W.values()), float); cw /= cw.sum()
    frac_idx = set(rng.choice(n, n_frac, replace=False).tolist())
    s2_idx = set(sorted(frac_idx)[:n_s2])
    died_pool = [i for i in range(n) if i not in s2_idx]
    died_idx = set(rng.choice(died_pool, n_died, replace=False).tolist())
    for i in range(n):
        p = {'id': ids[i]}
        p['sex'] = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.68 else ('pathologic' if r < 0.88 else 'traumatic')
        lo, hi = {'osteoporotic': (62, 93), 'pathologic': (44, 82), 'traumatic': (33, 78)}[p['etiology']]
        p['age'] = int(rng.integers(lo, hi))
        p['date1'] = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        tech = techniques[int(rng.integers(0, len(techniques)))] if len(techniques) > 1 else techniques[0]
        ctype = cement_types[int(rng.integers(0, len(cement_types)))]
        nlev = int(rng.choice([1, 2, 3], p=[0.58, 0.3, 0.12]))
        c = list(CENTRE_W)[int(rng.choice(len(cw), p=cw))]
        k = SPINE.index(c)
        k = min(k, len(SPINE) - nlev)
        levels = SPINE[k:k + nlev]
        s1 = {'session': 1, 'day': 0, 'date': p['date1'], 'technique': tech, 'cement_type': ctype, 'levels': []}
        for lv in levels:
            s1['levels'].append(make_level(rng, lv))
        p['sessions'] = [s1]
        p['assess'] = {}
        p['fractures'] = []
        p['died'] = 'no'
        p['death_day'] = None
        last_tp = max(TP_DAYS[t] for t in tps)
        if i in died_idx:
            p['died'] = 'yes'
            p['death_day'] = int(rng.integers(50, last_tp + 60))
        if i in frac_idx:
            treated = set(levels)
            cands = [SPINE[j] for j in (k - 1, k + nlev, k - 2, k + nlev + 1) if 0 <= j < len(SPINE) and SPINE[j] not in treated]
            fl = cands[int(rng.integers(0, min(2, len(cands))))]
            fday = int(rng.integers(20, 250))
            if p['death_day'] is not None and fday >= p['death_day']:
                fday = p['death_day'] - 10
            p['fractures'].append((fday, fl))
            if i in s2_idx:
                d2 = fday + int(rng.integers(5, 25))
                s2 = {'session': 2, 'day': d2, 'date': p['date1'] + dt.timedelta(days=d2), 'technique': tech,
                      'cement_type': ctype, 'levels': [make_level(rng, fl)]}
                p['sessions'].append(s2)
        # assessments
        for s in p['sessions']:
            tplist = tps if s['session'] == 1 else s2_tps
            for m in measures:
                if m == 'pain_vas':
                    pre = int(rng.integers(6, 11))
                elif m == 'odi':
                    pre = int(rng.integers(36, 84))
                else:
                    pre = int(rng.integers(0, 2))
                if not (s['session'] == 1 and i == 5 and m == 'pain_vas' and False):
                    p['assess'][(s['session'], m, 'pre')] = pre
                cur = pre
                for t in tplist:
                    absday = s['day'] + TP_DAYS[t]
                    if p['death_day'] is not None and absday >= p['death_day']:
                        continue
                    # do not let session-1 follow-ups run past session 2
                    if s['session'] == 1 and len(p['sessions']) > 1 and absday >= p['sessions'][1]['day']:
                        continue
                    if rng.random() < 0.13:
                        continue
                    if m == 'pain_vas':
                        if half_points:
                            cur = max(0.0, min(10.0, round((cur - rng.uniform(0.3, 3.2)) * 2) / 2))
                        else:
                            cur = max(0, int(cur - rng.integers(0, 4)))
                    elif m == 'odi':
                        cur = max(0, int(cur - rng.integers(2, 18)))
                    else:
                        cur = min(3, int(cur + rng.integers(0, 2)))
                    p['assess'][(s['session'], m, t)] = cur
        pts.append(p)
    return pts


def make_level(rng, lv):
    if lv.startswith('T'):
        v = float(rng.uniform(1.8, 4.6))
    else:
        v = float(rng.uniform(2.8, 7.0))
    v = round(v * 2) / 2
    r = rng.random()
    if r < 0.72:
        leak = 'none'
    else:
        leak = ['disc', 'venous', 'paravertebral', 'venous', 'disc', 'epidural', 'foraminal'][int(rng.integers(0, 7))]
        if rng.random() < 0.15:
            leak = 'disc;venous'
    return {'level': lv, 'vol': v, 'leak': leak}


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pts, errors, identifiers, per_vertebra_volume=True, fields=None,
                leakage_recorded=True):
    """fields: which patient fields are recorded (set of sex, age, etiology, died)."""
    fields = fields or {'sex', 'age', 'etiology', 'died'}
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow([fmt_num(x) for x in r])

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if 'sex' in fields else '', p['age'] if 'age' in fields else '',
        p['etiology'] if 'etiology' in fields else '', p['died'] if 'died' in fields else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            multi = len(s['levels']) > 1
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                if per_vertebra_volume or not multi:
                    cv, sv = l['vol'], ''
                else:
                    cv, sv = '', tot
                rows.append([p['id'], s['session'], s['day'], l['level'], s['technique'], cv, sv,
                             s['cement_type'], l['leak'] if leakage_recorded else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    rows = []
    for p in pts:
        for (s, m, t), v in sorted(p['assess'].items(), key=lambda kv: (kv[0][0], kv[0][1], order.index(kv[0][2]))):
            rows.append([p['id'], s, m, t, v])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['id'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end shared

# ---------------------------------------------------------------- Bogota
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment

N = 24
IDS = ['CSB-%03d' % (i + 1) for i in range(N)]
TPS = ['24h', '1m', '3m', '6m']
pts = gen_cohort(153, N, IDS, ['vertebroplasty', 'kyphoplasty'], ['PMMA', 'PMMA', 'PMMA', 'Cortoss'], TPS,
                 ['pain_vas', 'mobility'], ['1m', '3m'], start=dt.date(2020, 7, 1), span_days=1000)
rng = np.random.default_rng(1530)
for p in pts:  # mobility only checked pre, 1 month and 3 months
    for k in list(p['assess']):
        if k[1] == 'mobility' and k[2] not in ('pre', '1m', '3m'):
            del p['assess'][k]

NOM = ['María', 'Luz Marina', 'Gloria', 'Blanca', 'Rosa', 'Carmen', 'Ana Lucía', 'Martha', 'Luis', 'Jorge', 'Carlos',
       'Fabiola', 'Esperanza', 'Aura', 'Myriam', 'Stella', 'Hernando', 'Alba', 'Cecilia', 'Olga', 'Nubia', 'Gustavo', 'Inés', 'Teresa']
APE = ['Rodríguez', 'Gómez', 'González', 'Martínez', 'García', 'López', 'Hernández', 'Sánchez', 'Ramírez', 'Pérez',
       'Díaz', 'Muñoz', 'Rojas', 'Moreno', 'Jiménez', 'Vargas', 'Castro', 'Ortiz', 'Rubiano', 'Suárez', 'Cárdenas', 'Pinzón']
idents = []
for i, p in enumerate(pts):
    fem = p['sex'] == 'female'
    fn = NOM[int(rng.integers(0, 8))] if fem else ['Luis', 'Jorge', 'Carlos', 'Hernando', 'Gustavo', 'José Antonio'][int(rng.integers(0, 6))]
    p['name'] = '%s %s %s' % (fn, APE[int(rng.integers(0, len(APE)))], APE[int(rng.integers(0, len(APE)))])
    p['cc'] = '{:,}'.format(int(rng.integers(20000000, 52000000))).replace(',', '.')
    p['tel'] = '3%02d %03d %04d' % (int(rng.integers(0, 25)), int(rng.integers(100, 999)), int(rng.integers(0, 9999)))
    idents += [('name', p['name']), ('record_number', p['cc']), ('phone', p['tel'])]

ES_LEAK = {'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural', 'foraminal': 'foraminal'}
ETIO = {'osteoporotic': ['Osteoporosis', 'Fx osteoporótica'], 'pathologic': ['Metástasis (Ca mama)', 'Mieloma múltiple', 'Metástasis (Ca próstata)'],
        'traumatic': ['Trauma', 'Accidente de tránsito']}
TL = {'pre': 'Prequirúrgico', '24h': '24 horas', '1m': '1 mes', '3m': '3 meses', '6m': '6 meses'}


def esn(v):
    s = ('%.1f' % v).replace('.', ',')
    return s[:-2] if s.endswith(',0') else s


def fdate(d):
    return d.strftime('%d/%m/%Y')


wb = Workbook()
hdr_fill = PatternFill('solid', fgColor='C6E0B4')
# ---- sheet 1: pacientes
w1 = wb.active
w1.title = 'Pacientes'
w1['A1'] = 'CLÍNICA SANTA BÁRBARA — SERVICIO DE COLUMNA — BASE DE DATOS VERTEBROPLASTIA / CIFOPLASTIA'
w1['A1'].font = Font(bold=True)
w1.merge_cells('A1:J1')
h1 = ['Código', 'Nombre completo', 'C.C.', 'Celular', 'Sexo', 'Edad (años)', 'Diagnóstico / causa', 'Fallecido', 'Fecha fallecimiento', 'EPS']
for j, h in enumerate(h1, 1):
    c = w1.cell(3, j, h); c.font = Font(bold=True); c.fill = hdr_fill
prow = {}
for i, p in enumerate(pts):
    r = 4 + i
    prow[p['id']] = r
    vals = [p['id'], p['name'], p['cc'], p['tel'], 'F' if p['sex'] == 'female' else 'M', p['age'],
            ETIO[p['etiology']][int(rng.integers(0, len(ETIO[p['etiology']])))],
            'Sí' if p['died'] == 'yes' else 'No',
            fdate(p['date1'] + dt.timedelta(days=p['death_day'])) if p['died'] == 'yes' else '',
            ['Sanitas', 'Compensar', 'Nueva EPS', 'Famisanar', 'Sura'][int(rng.integers(0, 5))]]
    for j, v in enumerate(vals, 1):
        if v != '':
            w1.cell(r, j, v)
for j, wd in enumerate([10, 30, 14, 14, 6, 10, 26, 10, 16, 12], 1):
    w1.column_dimensions[col_letter(j)].width = wd

# ---- sheet 2: procedimientos (one row per session)
w2 = wb.create_sheet('Procedimientos')
h2 = ['Código', 'Fecha', 'Procedimiento N°', 'Nivel(es)', 'Técnica', 'Volumen de cemento por nivel', 'Cemento', 'Fuga de cemento', 'Cirujano']
for j, h in enumerate(h2, 1):
    c = w2.cell(1, j, h); c.font = Font(bold=True); c.fill = hdr_fill
srow = {}
r = 2
for p in pts:
    for s in p['sessions']:
        srow[(p['id'], s['session'])] = r
        lv = [l['level'] for l in s['levels']]
        levtxt = lv[0] if len(lv) == 1 else (', '.join(lv[:-1]) + ' y ' + lv[-1])
        vol = ' / '.join('%s: %s cc' % (l['level'], esn(l['vol'])) for l in s['levels']) if len(lv) > 1 else '%s cc' % esn(s['levels'][0]['vol'])
        leaks = [(l['level'], l['leak']) for l in s['levels'] if l['leak'] != 'none']
        fuga = 'No' if not leaks else 'Sí: ' + '; '.join('%s %s' % (a, ' y '.join(ES_LEAK[x] for x in b.split(';'))) for a, b in leaks)
        ce = {'PMMA': ['PMMA', 'PMMA (Vertecem)'], 'Cortoss': ['Cortoss']}[s['cement_type']]
        vals = [p['id'], s['date'], s['session'], levtxt, 'Vertebroplastia' if s['technique'] == 'vertebroplasty' else 'Cifoplastia',
                vol, ce[int(rng.integers(0, len(ce)))], fuga, ['Dr. Acosta', 'Dra. Villamil', 'Dr. Acosta'][int(rng.integers(0, 3))]]
        for j, v in enumerate(vals, 1):
            c = w2.cell(r, j, v)
            if isinstance(v, dt.date):
                c.number_format = 'DD/MM/YYYY'
        r += 1
for j, wd in enumerate([10, 12, 10, 16, 16, 30, 16, 26, 14], 1):
    w2.column_dimensions[col_letter(j)].width = wd

# ---- sheet 3: controles (long)
w3 = wb.create_sheet('Controles')
w3['A1'] = 'EVA: escala visual análoga 0-10.  Deambulación: 0 = no camina, 1 = silla de ruedas, 2 = camina con ayuda (caminador/bastón), 3 = independiente'
w3['A1'].font = Font(italic=True, size=9)
h3 = ['Código', 'Procedimiento N°', 'Control', 'Fecha del control', 'EVA', 'Deambulación', 'Observaciones']
for j, h in enumerate(h3, 1):
    c = w3.cell(2, j, h); c.font = Font(bold=True); c.fill = hdr_fill
crow = {}
r = 3
for p in pts:
    for s in p['sessions']:
        tps = ['pre'] + (TPS if s['session'] == 1 else ['1m', '3m'])
        for t in tps:
            ev = p['assess'].get((s['session'], 'pain_vas', t))
            mo = p['assess'].get((s['session'], 'mobility', t))
            due = s['day'] + TP_DAYS.get(t, 0)
            if ev is None and mo is None:
                if p['death_day'] is not None and due >= p['death_day']:
                    continue
                if s['session'] == 1 and len(p['sessions']) > 1 and due >= p['sessions'][1]['day']:
                    continue
                if rng.random() < 0.5:
                    continue  # no row at all
                vals = [p['id'], s['session'], TL[t], '', 'No asistió', '', 'No contesta celular']
            else:
                jit = 0 if t in ('pre', '24h') else int(rng.integers(-5, 6))
                d = s['date'] + dt.timedelta(days=due - s['day'] + jit - (1 if t == 'pre' else 0))
                vals = [p['id'], s['session'], TL[t], fdate(d), ev if ev is not None else '', mo if mo is not None else '', '']
            crow[(p['id'], s['session'], t)] = r
            for j, v in enumerate(vals, 1):
                if v != '':
                    w3.cell(r, j, v)
            r += 1
for j, wd in enumerate([10, 10, 14, 14, 10, 12, 26], 1):
    w3.column_dimensions[col_letter(j)].width = wd

# ---- sheet 4: eventos
w4 = wb.create_sheet('Eventos')
h4 = ['Código', 'Fecha', 'Evento', 'Nivel', 'Conducta']
for j, h in enumerate(h4, 1):
    c = w4.cell(1, j, h); c.font = Font(bold=True); c.fill = hdr_fill
ev = []
for p in pts:
    for d, lv in p['fractures']:
        con = 'Nueva vertebroplastia/cifoplastia' if len(p['sessions']) > 1 else 'Manejo médico, corsé'
        ev.append((p['date1'] + dt.timedelta(days=d), p['id'], 'Nueva fractura vertebral', lv, con))
    if p['died'] == 'yes':
        ev.append((p['date1'] + dt.timedelta(days=p['death_day']), p['id'], 'Fallecimiento', '', 'Causa no relacionada con el procedimiento'))
for i, (d, pid, e, lv, con) in enumerate(sorted(ev, key=lambda x: x[0]), 2):
    for j, v in enumerate([pid, fdate(d), e, lv, con], 1):
        if v != '':
            w4.cell(i, j, v)
for j, wd in enumerate([10, 12, 26, 8, 40], 1):
    w4.column_dimensions[col_letter(j)].width = wd

# ---- errors
errors = []


def plant(ws, hdrs, pid, row, col, val, why):
    ws.cell(row, col).value = val
    errors.append([ws.title, '%s%d' % (col_letter(col), row), row, hdrs[col - 1], val, why, pid])


single = [p for p in pts if len(p['sessions']) == 1]
q = [p for p in single if (1, 'pain_vas', '1m') in p['assess']][2]
plant(w3, h3, q['id'], crow[(q['id'], 1, '1m')], 5, 12, 'EVA 12 on a 0-10 scale')
q = [p for p in single if (1, 'pain_vas', '3m') in p['assess']][7]
bad = fdate(q['date1'] - dt.timedelta(days=20))
plant(w3, h3, q['id'], crow[(q['id'], 1, '3m')], 4, bad, '3-month control dated before the procedure date')
q = single[12]
plant(w2, h2, q['id'], srow[(q['id'], 1)], 4, 'L7' if len(q['sessions'][0]['levels']) == 1 else 'T13 y L1', 'impossible vertebral level')
if len(q['sessions'][0]['levels']) > 1:
    raise SystemExit('pick a single-level patient')
q = single[16]
plant(w1, h1, q['id'], prow[q['id']], 6, 'xx', 'meaningless text in the age column')

out = sys.argv[1] if len(sys.argv) > 1 else '.'
os.makedirs(out, exist_ok=True)
wb.save(os.path.join(out, 'input.xlsx'))
write_truth(out, pts, errors, idents, per_vertebra_volume=True)
