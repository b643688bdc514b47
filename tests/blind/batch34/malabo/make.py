# ---- shared generator (same block in every site's make.py) ----
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)

TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
         'L1', 'L2', 'L3', 'L4', 'L5']
# osteoporotic fractures cluster at the thoracolumbar junction
SPINE_W = [1, 1, 2, 3, 3, 3, 4, 6, 9, 10, 6, 4, 2, 1]


def _frac(tp):
    return {'24h': 0.45, '1w': 0.55, '2w': 0.6, '6w': 0.68, '1m': 0.65,
            '3m': 0.72, '6m': 0.75, '12m': 0.76}[tp]


def make_scores(rng, tps, vas_step=0.5, odi=True, odi_tps=None, miss=0.15,
                death_day=None, start_day=0):
    """returns dict {(measure,tp): value} for one session"""
    out = {}
    pre = rng.choice([7, 7.5, 8, 8, 8.5, 9, 9, 9.5, 10])
    pre_odi = rng.randint(24, 40) * 2
    drop = rng.uniform(0.55, 1.0)
    for tp in tps:
        if tp != 'pre' and rng.random() < miss:
            continue
        if death_day is not None and start_day + TP_DAYS[tp] >= death_day:
            continue
        if tp == 'pre':
            v = pre
        else:
            v = pre * (1 - _frac(tp) * drop) + rng.uniform(-0.8, 0.8)
        v = max(0, min(10, round(v / vas_step) * vas_step))
        out[('pain_vas', tp)] = v
        if odi and (odi_tps is None or tp in odi_tps):
            if tp == 'pre':
                o = pre_odi
            else:
                o = pre_odi * (1 - _frac(tp) * drop * 0.9) + rng.uniform(-5, 5)
            out[('odi', tp)] = int(max(0, min(100, round(o / 2) * 2)))
    return out


def gen_cohort(rng, n, first_op_from, first_op_to, tps, n_second=3,
               n_newfx=3, n_dead=3, vas_step=0.5, odi=True, odi_tps=None,
               kp_share=0.3, cement_types=('PMMA',), vol_range=(2.0, 6.0),
               leak_recorded=True):
    span = (first_op_to - first_op_from).days
    pats = []
    second_idx = set(rng.sample(range(n), n_second))
    rest = [i for i in range(n) if i not in second_idx]
    dead_idx = set(rng.sample(rest, n_dead))
    fx_idx = set(rng.sample([i for i in range(n) if i not in dead_idx], n_newfx))
    for i in range(n):
        sex = rng.choice(['female', 'female', 'female', 'male', 'male'])
        etio = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'],
                           [11, 4, 2, 1])[0]
        if i in dead_idx:
            etio = 'pathologic' if rng.random() < 0.7 else etio
        age = rng.randint(48, 82) if etio == 'pathologic' else rng.randint(58, 91)
        if etio == 'traumatic':
            age = rng.randint(51, 80)
        op1 = first_op_from + dt.timedelta(days=rng.randint(0, span))
        death_day = rng.randint(60, 330) if i in dead_idx else None
        p = dict(idx=i, sex=sex, age=age, etiology=etio,
                 died='yes' if death_day else 'no', death_day=death_day,
                 op1=op1, sessions=[], fractures=[])
        # session 1
        nlev = rng.choices([1, 2, 3], [6, 3, 1])[0]
        j = rng.choices(range(len(SPINE) - nlev + 1), SPINE_W[:len(SPINE) - nlev + 1])[0]
        used = set(SPINE[j:j + nlev])
        tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
        p['sessions'].append(make_session(rng, 1, 0, op1, SPINE[j:j + nlev], tech,
                                          cement_types, vol_range, tps, vas_step,
                                          odi, odi_tps, death_day, leak_recorded))
        if i in second_idx:
            d2 = rng.randint(45, 260)
            cand = [s for s in SPINE if s not in used and
                    min(abs(SPINE.index(s) - j),
                        abs(SPINE.index(s) - (j + nlev - 1))) <= 3]
            lv = rng.choice(cand)
            used.add(lv)
            p['fractures'].append((d2 - rng.randint(4, 20), lv))
            p['sessions'].append(make_session(rng, 2, d2, op1 + dt.timedelta(days=d2),
                                              [lv], tech, cement_types, vol_range,
                                              [t for t in tps if TP_DAYS[t] <= 182],
                                              vas_step, odi, odi_tps, death_day,
                                              leak_recorded))
        if i in fx_idx:
            cand = [s for s in SPINE if s not in used]
            lv = rng.choice(cand[:len(cand)])
            p['fractures'].append((rng.randint(50, 330), lv))
        p['fractures'].sort()
        pats.append(p)
    pats.sort(key=lambda p: p['op1'])
    return pats


def make_session(rng, sess, day, date, levels, tech, cement_types, vol_range,
                 tps, vas_step, odi, odi_tps, death_day, leak_recorded):
    lv = []
    for L in levels:
        v = round(rng.uniform(*vol_range) + (0.8 if tech == 'kyphoplasty' else 0), 1)
        if leak_recorded:
            lk = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'epidural',
                              'disc;venous'], [14, 3, 3, 2, 1, 1])[0]
        else:
            lk = ''
        lv.append(dict(level=L, vol=v, leak=lk))
    return dict(session=sess, day=day, date=date, technique=tech, levels=lv,
                cement=rng.choices(list(cement_types), [8] + [2] * (len(cement_types) - 1))[0],
                scores=make_scores(rng, tps, vas_step, odi, odi_tps,
                                   death_day=death_day, start_day=day),
                vol_mode='per')


def visit_date(rng, s, tp):
    d = TP_DAYS[tp]
    jit = 0 if tp in ('pre', '24h') else (rng.randint(-2, 3) if d <= 14 else rng.randint(-6, 9))
    return s['date'] + dt.timedelta(days=d + jit)


def fmt_num(v):
    return ('%g' % v)


def write_truth(pats, errors, idents, pid_key='pid'):
    os.makedirs('truth', exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join('truth', name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p[pid_key], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                rows.append([p[pid_key], s['session'], s['day'], l['level'], s['technique'],
                             fmt_num(l['vol']) if s['vol_mode'] == 'per' else '',
                             fmt_num(tot) if s['vol_mode'] == 'total' else '',
                             s['cement'] or '', l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    order = list(TP_DAYS)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for (m, tp), v in sorted(s['scores'].items(), key=lambda kv: (kv[0][0] != 'pain_vas', order.index(kv[0][1]))):
                rows.append([p[pid_key], s['session'], m, tp, fmt_num(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p[pid_key], d, l] for p in pats for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'], errors)
    seen = set()
    rows = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            rows.append([k, v])
    w('identifiers.csv', ['kind', 'value'], rows)


def dob_for(rng, age, op1):
    # birth date such that age at op1 is exactly `age`
    y = op1.year - age
    while True:
        b = dt.date(y, rng.randint(1, 12), rng.randint(1, 28))
        a = op1.year - b.year - ((op1.month, op1.day) < (b.month, b.day))
        if a == age:
            return b
        y += 1 if a > age else -1
# ---- end shared generator ----

# ---- Malabo: Hospital Regional de Malabo, Traumatología ----
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

rng = random.Random(3402)
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
pats = gen_cohort(rng, 17, dt.date(2021, 2, 1), dt.date(2022, 4, 15), TPS,
                  n_second=3, n_newfx=2, n_dead=3, vas_step=1,
                  odi_tps=['pre', '1m', '3m', '6m', '12m'], kp_share=0.2,
                  cement_types=('PMMA',), vol_range=(2.0, 5.0))

DIAS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo']
MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto',
         'septiembre', 'octubre', 'noviembre', 'diciembre']


def larga(d, wd=None, cap=False):
    s = '%s, %d de %s de %d' % (DIAS[(wd if wd is not None else d).weekday()], d.day, MESES[d.month - 1], d.year)
    return s[0].upper() + s[1:] if cap else s


F_N = ['María Jesús Nchama Obiang', 'Trinidad Mangue Nsue', 'Pilar Bioko Riloha', 'Milagrosa Eyang Ndong',
       'Dolores Boricó Toichoa', 'Carmen Avomo Mba', 'Teresa Bisila Bokesa', 'Angustias Okomo Nguema',
       'Francisca Bindang Ela', 'Rosario Sialo Bohopa', 'Margarita Nsang Esono', 'Josefa Buale Borikó']
M_N = ['Santiago Ondo Mikue', 'Crisantos Obama Ondo', 'Celestino Bokara Bueriberi', 'Agustín Nve Ela',
       'Fortunato Ebuka Mba', 'Plácido Mico Abogo', 'Anacleto Riochí Mesi', 'Tomás Esono Ndong']
rng.shuffle(F_N); rng.shuffle(M_N)
DIAG = {'osteoporotic': ['osteoporosis', 'fractura osteoporótica', 'osteoporosis postmenopáusica'],
        'pathologic': ['metástasis (mama)', 'mieloma múltiple', 'metástasis (próstata)', 'metástasis de origen desconocido'],
        'traumatic': ['caída de palmera', 'accidente de tráfico', 'caída, traumatismo'],
        'other': ['hemangioma vertebral']}
OBS = ['Solo habla fang, traduce el hijo', 'Paciente bubi de Rebola, traduce la nieta', 'Dice "akiba" a todo el equipo',
       'Viene desde Baney', 'Vive en Luba', 'HTA', 'Diabetes tipo 2', 'Mbolo! colabora mucho', '', '', '']
LEAK = {'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
        'disc;venous': 'discal + venosa'}
CTRL = {'pre': 'preoperatorio', '24h': '24 horas', '1m': '1 mes', '3m': '3 meses', '6m': '6 meses', '12m': '12 meses'}

idents = []
for k, p in enumerate(pats):
    p['pid'] = 'VP-%03d' % (k + 1)
    p['name'] = (F_N if p['sex'] == 'female' else M_N).pop()
    p['dip'] = '%09d' % rng.randint(100000, 999999999)
    p['tel'] = '+240 222 %03d %03d' % (rng.randint(0, 999), rng.randint(0, 999)) if rng.random() < 0.7 else ''
    idents += [('name', p['name']), ('national_id', p['dip'])]
    if p['tel']:
        idents.append(('phone', p['tel']))

# planted mistakes
order = list(range(len(pats)))
rng.shuffle(order)
crit = [lambda p: True,
        lambda p: ('odi', '3m') in p['sessions'][0]['scores'],
        lambda p: ('pain_vas', '6m') in p['sessions'][0]['scores'],
        lambda p: ('pain_vas', '1m') in p['sessions'][0]['scores']]
chosen = []
for cf in crit:
    for i in order:
        if pats[i] not in chosen and cf(pats[i]):
            chosen.append(pats[i]); break
e_level, e_odi, e_date, e_code = chosen
errors = []

wb = Workbook()
bold = Font(bold=True)
hfill = PatternFill('solid', fgColor='C6E0B4')


def title(ws, t2, ncol):
    ws['A1'] = 'HOSPITAL REGIONAL DE MALABO - Servicio de Traumatología y Ortopedia'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = t2
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)


def header(ws, row, hdr):
    for c, h in enumerate(hdr, 1):
        x = ws.cell(row, c, h); x.font = bold; x.fill = hfill
        x.alignment = Alignment(wrap_text=True, vertical='center')


# --- Pacientes
ws = wb.active; ws.title = 'Pacientes'
H = ['Nº', 'Código', 'Apellidos y nombre', 'DIP', 'Teléfono', 'Sexo', 'Edad', 'Diagnóstico',
     'Fallecido', 'Fecha de fallecimiento', 'Observaciones']
title(ws, 'Registro de vertebroplastia / cifoplastia 2021-2022 - datos de los pacientes', len(H))
header(ws, 4, H)
r = 5
for k, p in enumerate(pats):
    ws.cell(r, 1, k + 1); ws.cell(r, 2, p['pid']); ws.cell(r, 3, p['name']); ws.cell(r, 4, p['dip'])
    ws.cell(r, 5, p['tel'] or None)
    ws.cell(r, 6, 'M' if p['sex'] == 'female' else 'V')
    ws.cell(r, 7, '%d años' % p['age'] if rng.random() < 0.6 else p['age'])
    opts = [x for x in DIAG[p['etiology']] if not ('próstata' in x and p['sex'] == 'female')
            and not ('mama' in x and p['sex'] == 'male') and not ('postmeno' in x and p['sex'] == 'male')]
    ws.cell(r, 8, rng.choice(opts))
    ws.cell(r, 9, 'sí' if p['died'] == 'yes' else 'no')
    if p['died'] == 'yes':
        ws.cell(r, 10, larga(p['op1'] + dt.timedelta(days=p['death_day'])))
        for c in range(1, len(H) + 1):
            ws.cell(r, c).fill = PatternFill('solid', fgColor='D9D9D9')
    ws.cell(r, 11, rng.choice(OBS) or None)
    r += 1
ws.cell(r + 1, 1, 'Sexo: V = varón, M = mujer.  Edad en la fecha de la 1ª intervención.')
for i, w in enumerate([4, 8, 30, 11, 17, 5, 9, 28, 9, 30, 36]):
    ws.column_dimensions[get_column_letter(i + 1)].width = w

# --- Intervenciones (una fila por vértebra)
ws = wb.create_sheet('Intervenciones')
H = ['Código', 'Intervención', 'Fecha', 'Nivel', 'Técnica', 'Cemento (ml)', 'Tipo de cemento',
     'Fuga', 'Tipo de fuga', 'Cirujano']
title(ws, 'Intervenciones - una fila por vértebra tratada', len(H))
header(ws, 4, H)
r = 5
rows = sorted([(s['date'], p, s) for p in pats for s in p['sessions']], key=lambda t: t[0])
for date, p, s in rows:
    for j, l in enumerate(s['levels']):
        ws.cell(r, 1, p['pid'])
        ws.cell(r, 2, '1ª' if s['session'] == 1 else '2ª')
        ws.cell(r, 3, larga(date))
        if p is e_level and j == 0 and s['session'] == 1:
            ws.cell(r, 4, 'L6')
            errors.append(['Intervenciones', 'D%d' % r, r, 'Nivel', 'L6',
                           'nivel imposible (no existe L6); debería ser %s' % l['level'], p['pid']])
        else:
            ws.cell(r, 4, l['level'])
        ws.cell(r, 5, 'cifoplastia' if s['technique'] == 'kyphoplasty' else 'vertebroplastia')
        if rng.random() < 0.25:
            ws.cell(r, 6, ('%.1f ml' % l['vol']).replace('.', ','))
        else:
            c = ws.cell(r, 6, l['vol']); c.number_format = '0.0'
        ws.cell(r, 7, s['cement'])
        ws.cell(r, 8, 'no' if l['leak'] == 'none' else 'sí')
        ws.cell(r, 9, LEAK.get(l['leak']))
        ws.cell(r, 10, rng.choice(['Dr. Ndong', 'Dr. Ndong', 'Dra. Bisila']))
        r += 1
idents += [('name', 'Dr. Ndong'), ('name', 'Dra. Bisila')]
for i, w in enumerate([8, 12, 32, 7, 16, 12, 14, 6, 16, 12]):
    ws.column_dimensions[get_column_letter(i + 1)].width = w

# --- Controles (una fila por visita)
ws = wb.create_sheet('Controles')
H = ['Código', 'Intervención', 'Control', 'Fecha del control', 'EVA (0-10)', 'ODI', 'Observaciones']
title(ws, 'Controles clínicos - EVA y Oswestry (ODI en %)', len(H))
header(ws, 4, H)
r = 5
for p in sorted(pats, key=lambda p: p['pid']):
    for s in p['sessions']:
        tps = TPS if s['session'] == 1 else [t for t in TPS if TP_DAYS[t] <= 182]
        for tp in tps:
            vas = s['scores'].get(('pain_vas', tp))
            odi = s['scores'].get(('odi', tp))
            dead = p['death_day'] is not None and s['day'] + TP_DAYS[tp] >= p['death_day']
            if dead:
                if tp == tps[-1] or TP_DAYS[tp] >= 91:
                    ws.cell(r, 1, p['pid']); ws.cell(r, 2, '1ª' if s['session'] == 1 else '2ª')
                    ws.cell(r, 3, CTRL[tp]); ws.cell(r, 7, 'fallecido'); r += 1
                    break
                continue
            if s['session'] == 2 and tp == '12m':
                continue
            if p is e_code and tp == '1m' and s['session'] == 1 and vas is not None:
                errors.append(['Controles', 'A%d' % r, r, 'Código', '',
                               'falta el código del paciente en esta fila (es %s, control 1 mes)' % p['pid'], p['pid']])
            else:
                ws.cell(r, 1, p['pid'])
            ws.cell(r, 2, '1ª' if s['session'] == 1 else '2ª')
            ws.cell(r, 3, CTRL[tp])
            vd = s['date'] if tp == 'pre' else visit_date(rng, s, tp)
            if vd.weekday() == 6 and tp not in ('pre', '24h'):
                vd += dt.timedelta(days=1)  # no consulta en domingo
            if vas is None and odi is None:
                ws.cell(r, 7, rng.choice(['no acudió', 'no acudió', 'no vino, vive en el continente']))
                r += 1
                continue
            if p is e_date and tp == '6m' and s['session'] == 1:
                bad = dt.date(vd.year - 1, vd.month, min(vd.day, 28))
                ws.cell(r, 4, larga(bad, wd=vd))
                errors.append(['Controles', 'D%d' % r, r, 'Fecha del control', larga(bad, wd=vd),
                               'control de 6 meses fechado antes de la intervención (año equivocado); debería ser %s' % larga(vd),
                               p['pid']])
            else:
                ws.cell(r, 4, larga(vd, cap=rng.random() < 0.2))
            if vas is not None:
                ws.cell(r, 5, vas)
            if odi is not None:
                val = odi / 100
                if p is e_odi and tp == '3m' and s['session'] == 1:
                    val = odi / 100 + 1
                    errors.append(['Controles', 'F%d' % r, r, 'ODI', round(val, 2),
                                   'ODI %d%% fuera de escala (0-100%%); debería ser %d%%' % (round(val * 100), odi), p['pid']])
                c = ws.cell(r, 6, round(val, 2)); c.number_format = '0%'
            elif tp != '24h':
                ws.cell(r, 7, 'ODI no rellenado')
            r += 1
ws.cell(r + 1, 1, 'Controles: preoperatorio, 24 horas (solo EVA), 1 mes, 3 meses, 6 meses, 12 meses. "no acudió" = no vino al control.')
for i, w in enumerate([8, 12, 14, 34, 10, 8, 34]):
    ws.column_dimensions[get_column_letter(i + 1)].width = w

# --- Nuevas fracturas
ws = wb.create_sheet('Fracturas nuevas')
H = ['Código', 'Fecha del diagnóstico', 'Nivel', 'Prueba', 'Comentario']
title(ws, 'Nuevas fracturas vertebrales durante el seguimiento', len(H))
header(ws, 4, H)
r = 5
for p in pats:
    for d, L in p['fractures']:
        ws.cell(r, 1, p['pid']); ws.cell(r, 2, larga(p['op1'] + dt.timedelta(days=d)))
        ws.cell(r, 3, L); ws.cell(r, 4, rng.choice(['RX', 'RM', 'TAC']))
        ws.cell(r, 5, '2ª intervención' if any(s['session'] == 2 and s['levels'][0]['level'] == L for s in p['sessions']) else 'tratamiento conservador, corsé')
        r += 1
for i, w in enumerate([8, 34, 7, 8, 30]):
    ws.column_dimensions[get_column_letter(i + 1)].width = w
wb.save('input.xlsx')
write_truth(pats, errors, idents)
