# ---------------------------------------------------------------- common generator
import os, csv, random, datetime as dt
HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs('truth', exist_ok=True)

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
MAIN = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
MAINW = [2, 2, 3, 3, 4, 8, 14, 14, 8, 5, 3, 1]


def lvl_shift(level, k):
    i = LEVELS.index(level) + k
    i = max(LEVELS.index('T4'), min(i, LEVELS.index('L5')))
    return LEVELS[i]


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def gen_cohort(rng, n, tps, start, end, names, p_kp=0.35, p_repeat=0.2, p_frac=0.25,
               p_missed=0.12, vas_step=1.0, odi=False, cement_types=('PMMA',),
               rec=None):
    """tps: list of (label, days). Returns list of patient dicts."""
    pats = []
    span = (end - start).days
    for i in range(n):
        p = {'idx': i + 1}
        p['sex'] = rng.choice(['female'] * 7 + ['male'] * 3)
        r = rng.random()
        if r < 0.62:
            et, det = 'osteoporotic', 'osteoporosis'
        elif r < 0.80:
            et, det = 'pathologic', rng.choice(['metastasis', 'metastasis', 'myeloma'])
        elif r < 0.92:
            et, det = 'traumatic', 'trauma'
        else:
            et, det = 'other', 'haemangioma'
        p['etiology'], p['detail'] = et, det
        if et == 'osteoporotic':
            age = rng.randint(62, 89)
        elif et == 'traumatic':
            age = rng.randint(38, 72)
        else:
            age = rng.randint(48, 82)
        op = start + dt.timedelta(days=rng.randint(0, span))
        while op.weekday() >= 5:
            op += dt.timedelta(days=1)
        dob = op - dt.timedelta(days=int(age * 365.25) + rng.randint(10, 350))
        p['dob'] = dob
        p['age'] = age_at(dob, op)
        p['op_date'] = op
        p['name'] = names(rng, p['sex'])
        p['died'] = (et == 'pathologic' and rng.random() < 0.5) or (rng.random() < 0.08)
        p['death_day'] = rng.randint(60, 330) if p['died'] else None
        # session 1
        nlev = rng.choice([1, 1, 1, 2, 2, 3])
        first = rng.choices(MAIN, MAINW)[0]
        if LEVELS.index(first) + nlev - 1 > LEVELS.index('L5'):
            first = 'L3'
        levels = [lvl_shift(first, k) for k in range(nlev)]
        tech = 'kyphoplasty' if rng.random() < p_kp else 'vertebroplasty'
        sessions = [mk_session(rng, 1, 0, op, levels, tech, cement_types, et)]
        fracs = []
        # new fracture / repeat
        if rng.random() < p_frac:
            fday = rng.randint(25, 250)
            if p['died'] and fday >= p['death_day'] - 20:
                fday = max(20, p['death_day'] - 40)
            cand = [lvl_shift(levels[0], -1), lvl_shift(levels[-1], 1), lvl_shift(levels[-1], 2)]
            cand = [c for c in cand if c not in levels]
            flev = rng.choice(cand)
            fracs.append((fday, flev))
            if rng.random() < 0.65 or (p_repeat > 0.3):
                sday = fday + rng.randint(4, 20)
                sdate = op + dt.timedelta(days=sday)
                while sdate.weekday() >= 5:
                    sdate += dt.timedelta(days=1)
                sday = (sdate - op).days
                if not p['died'] or sday < p['death_day'] - 10:
                    sessions.append(mk_session(rng, 2, sday, sdate, [flev], tech, cement_types, et))
        p['sessions'] = sessions
        p['fractures'] = fracs
        # assessments
        ass = {}
        missed = set()
        cut_after = {}
        for s in sessions:
            s_next = [t for t in sessions if t['session'] == s['session'] + 1]
            base = rng.uniform(6.8, 9.6)
            obase = rng.uniform(48, 82)
            for lab, days in tps:
                absday = s['day'] + days
                if s_next and absday >= s_next[0]['day']:
                    continue
                if p['died'] and absday >= p['death_day']:
                    continue
                if lab != 'pre' and rng.random() < p_missed:
                    missed.add((s['session'], lab))
                    continue
                frac = {'pre': 1.0, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.42,
                        '3m': 0.35, '6m': 0.32, '12m': 0.3}[lab]
                v = base * frac + rng.uniform(-0.8, 0.8)
                v = max(0.0, min(10.0, round(v / vas_step) * vas_step))
                v = round(v, 1)
                d = {'vas': v}
                if odi:
                    o = obase * (1.0 if lab == 'pre' else frac * 0.95) + rng.uniform(-5, 5)
                    d['odi'] = int(max(2, min(96, round(o))))
                ass[(s['session'], lab)] = d
        p['ass'] = ass
        p['missed'] = missed
        pats.append(p)
    pats.sort(key=lambda p: p['op_date'])
    for k, p in enumerate(pats):
        p['idx'] = k + 1
    return pats


def mk_session(rng, sess, day, date, levels, tech, cement_types, et):
    vols = []
    for lv in levels:
        if lv.startswith('L'):
            v = rng.uniform(3.0, 6.0)
        else:
            v = rng.uniform(1.8, 4.2)
        if tech == 'kyphoplasty':
            v += rng.uniform(0.5, 1.5)
        vols.append(round(v * 2) / 2)
    r = rng.random()
    if r < 0.68:
        leak = []
    elif r < 0.80:
        leak = ['disc']
    elif r < 0.89:
        leak = ['venous']
    elif r < 0.95:
        leak = ['paravertebral']
    elif r < 0.97:
        leak = ['epidural']
    else:
        leak = ['disc', 'venous']
    ct = cement_types[0] if len(cement_types) == 1 or rng.random() < 0.8 else rng.choice(cement_types[1:])
    return {'session': sess, 'day': day, 'date': date, 'levels': levels, 'tech': tech,
            'vols': vols, 'leak': leak, 'ctype': ct}


def write_csv(name, header, rows):
    with open(os.path.join('truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def fmtnum(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0').rstrip('.')


TP_ORDER = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']


def write_truth(pats, pid, per_vertebra_volume=True, cement=True, leakage=True,
                odi=False, vas_scale=1.0, errors=(), identifiers=()):
    """pid: function patient->id string. vas stored on 0-10 internally."""
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[pid(p), p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            tot = sum(s['vols'])
            for lv, v in zip(s['levels'], s['vols']):
                rows.append([pid(p), s['session'], s['day'], lv, s['tech'],
                             fmtnum(v) if per_vertebra_volume else '',
                             '' if per_vertebra_volume else fmtnum(tot),
                             s['ctype'] if cement else '',
                             (';'.join(s['leak']) if s['leak'] else 'none') if leakage else ''])
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for (s, lab), d in sorted(p['ass'].items(), key=lambda kv: (kv[0][0], TP_ORDER.index(kv[0][1]))):
            rows.append([pid(p), s, 'pain_vas', lab, fmtnum(d['vas'])])
            if odi and 'odi' in d:
                rows.append([pid(p), s, 'odi', lab, fmtnum(d['odi'])])
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'],
              [[pid(p), d, lv] for p in pats for d, lv in p['fractures']])
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              list(errors))
    seen = set()
    ids = []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ids.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], ids)
# ---------------------------------------------------------------- site part
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

rng = random.Random(3022)
FEM = ['María', 'Rosa', 'Carmen', 'Juana', 'Teresa', 'Elena', 'Gladys', 'Luz', 'Marleni', 'Yolanda', 'Victoria', 'Julia']
MAL = ['José', 'Juan', 'Luis', 'Carlos', 'Segundo', 'Manuel', 'Víctor', 'Jorge', 'Pedro', 'Julio']
AP = ['Chapoñán', 'Sandoval', 'Vásquez', 'Llontop', 'Cieza', 'Díaz', 'Tesén', 'Santisteban', 'Chozo', 'Ramírez', 'Fernández', 'Cajusol', 'Inoñán', 'Carrasco', 'Ñiquén']


def names(rng, sex):
    a, b = rng.sample(AP, 2)
    f = rng.choice(FEM if sex == 'female' else MAL)
    if rng.random() < 0.5:
        f += ' ' + rng.choice(FEM if sex == 'female' else MAL)
    return '%s %s, %s' % (a.upper(), b.upper(), f)


TPS = [('pre', 0), ('24h', 1), ('1m', 30), ('3m', 90), ('6m', 180), ('12m', 365)]
JIT = {'24h': (0, 0), '1m': (-4, 6), '3m': (-8, 12), '6m': (-12, 15), '12m': (-15, 20)}
pats = gen_cohort(rng, 18, TPS, dt.date(2021, 3, 1), dt.date(2023, 1, 31), names, odi=True,
                  cement_types=('PMMA', 'calcium phosphate'), p_kp=0.3)
for p in pats:
    p['code'] = 'CHI-%03d' % (100 + p['idx'])
    p['hc'] = '%07d' % rng.randint(1000000, 4999999)
    p['dni'] = '%08d' % rng.randint(10000000, 49999999)
    for (s, lab), d in p['ass'].items():
        if lab not in ('pre', '3m', '12m'):
            d.pop('odi', None)
pid = lambda p: p['code']
DX = {'osteoporosis': 'Fx osteoporótica', 'metastasis': 'Metástasis', 'myeloma': 'Mieloma múltiple',
      'trauma': 'Fx traumática (caída)', 'haemangioma': 'Hemangioma vertebral'}
FUGA = {'disc': 'Sí - discal', 'venous': 'Sí - venosa', 'paravertebral': 'Sí - paravertebral', 'epidural': 'Sí - epidural'}
CT = {'PMMA': 'PMMA', 'calcium phosphate': 'Fosfato de calcio'}

wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Seguimiento VP-CP'
thin = Side(style='thin', color='808080')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
ws['A1'] = 'HOSPITAL NACIONAL ALMANZOR AGUINAGA ASENJO - ESSALUD CHICLAYO'
ws['A2'] = 'Servicio de Neurocirugía - Unidad de Columna'
ws['A3'] = 'REGISTRO DE VERTEBROPLASTIA / CIFOPLASTIA Y SEGUIMIENTO (2021-2023)'
for a in ('A1', 'A2', 'A3'):
    ws[a].font = Font(bold=True, size=12 if a != 'A2' else 10)
    ws.merge_cells(a + ':' + 'S' + a[1:])
HDR = ['N°', 'Código', 'Apellidos y Nombres', 'HC', 'DNI', 'Sexo', 'Edad', 'Diagnóstico', 'Fecha',
       'Días post-op', 'Evento', 'Nivel(es)', 'Técnica', 'Cemento (mL)', 'Tipo cemento', 'Fuga de cemento',
       'EVA (0-10)', 'ODI (%)', 'Observaciones']
HR = 5
for j, h in enumerate(HDR):
    c = ws.cell(HR, j + 1, h)
    c.font = Font(bold=True, color='FFFFFF'); c.fill = PatternFill('solid', fgColor='1F4E78')
    c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True); c.border = B
COL = {h: j + 1 for j, h in enumerate(HDR)}
errors, ids = [], []
r = HR + 1


def put(c, v, fmt=None):
    cell = ws.cell(r, COL[c], v)
    cell.border = B
    if fmt:
        cell.number_format = fmt
    return cell


def numc(x):
    return fmtnum(x).replace('.', ',')


cand = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
e_date, e_lev, e_vol, e_code = cand[2], cand[5], None, cand[8]
multi = [p for p in pats if len(p['sessions'][0]['levels']) >= 2 and p not in (e_date, e_lev, e_code)]
e_vol = multi[0]
fill2 = PatternFill('solid', fgColor='EAF1FB')
for k, p in enumerate(pats):
    first_r = r
    ids += [('name', p['name']), ('record_number', p['hc']), ('national_id', p['dni'])]
    events = []
    for s in p['sessions']:
        events.append((s['day'], 0, 'op', s, None))
        nxt = [t for t in p['sessions'] if t['session'] == s['session'] + 1]
        for lab, days in TPS[1:]:
            key = (s['session'], lab)
            j = rng.randint(*JIT[lab])
            lim = min([t['day'] for t in nxt] + ([p['death_day']] if p['died'] else []) + [10 ** 6])
            if s['day'] + days + j >= lim:
                j = 0
            day_s = days + j
            absd = s['day'] + day_s
            if key in p['ass']:
                events.append((absd, 1, 'ctl', s, (lab, day_s)))
            elif key in p['missed'] and not (nxt and absd >= nxt[0]['day']):
                if rng.random() < 0.7:
                    events.append((absd, 1, 'miss', s, (lab, day_s)))
    for d, lv in p['fractures']:
        cur = max([s for s in p['sessions'] if s['day'] <= d], key=lambda s: s['day'])
        events.append((d, 2, 'frac', cur, (lv, d - cur['day'])))
    if p['died']:
        cur = max([s for s in p['sessions'] if s['day'] <= p['death_day']], key=lambda s: s['day'])
        events.append((p['death_day'], 3, 'death', cur, p['death_day'] - cur['day']))
    events.sort(key=lambda e: (e[0], e[1]))
    for n, (absd, _, kind, s, extra) in enumerate(events):
        date = p['op_date'] + dt.timedelta(days=absd)
        if n == 0:
            put('N°', k + 1)
            if p is e_code:
                put('Código', None)
                errors.append([ws.title, 'B%d' % r, r, 'Código', '', 'study code missing on the patient\'s first row (should be %s)' % p['code'], p['code']])
            else:
                put('Código', p['code'])
            put('Apellidos y Nombres', p['name'])
            put('HC', p['hc'])
            put('DNI', p['dni'])
            put('Sexo', 'F' if p['sex'] == 'female' else 'M')
            put('Edad', p['age'])
            put('Diagnóstico', DX[p['detail']])
        else:
            for c in ('N°', 'Código', 'Apellidos y Nombres', 'HC', 'DNI', 'Sexo', 'Edad', 'Diagnóstico'):
                put(c, None)
        put('Fecha', date, 'DD/MM/YYYY')
        for c in HDR[9:]:
            put(c, None)
        if kind == 'op':
            put('Días post-op', 0)
            put('Evento', 'Cirugía' if s['session'] == 1 else 'Reintervención')
            levs = list(s['levels'])
            if p is e_lev:
                bad = list(levs)
                bad[0] = 'T13' if levs[0].startswith('T') or levs[0] == 'L1' else 'L6'
                val = ', '.join(bad)
                errors.append([ws.title, '%s%d' % (get_column_letter(COL['Nivel(es)']), r), r, 'Nivel(es)', val,
                               'impossible vertebral level %s; true level %s' % (bad[0], levs[0]), p['code']])
            else:
                val = ', '.join(levs)
            put('Nivel(es)', val)
            put('Técnica', 'VP' if s['tech'] == 'vertebroplasty' else 'CP')
            vols = [numc(v) for v in s['vols']]
            if p is e_vol and s['session'] == 1:
                vols[1] = fmtnum(s['vols'][1] * 10)
                val = ' + '.join(vols)
                errors.append([ws.title, '%s%d' % (get_column_letter(COL['Cemento (mL)']), r), r, 'Cemento (mL)', val,
                               '%s mL for one vertebra (%s) is impossible - decimal comma lost; should be %s' % (vols[1], s['levels'][1], numc(s['vols'][1])), p['code']])
            else:
                val = ' + '.join(vols)
            put('Cemento (mL)', val if len(vols) > 1 else (s['vols'][0] if rng.random() < 0.5 else numc(s['vols'][0])))
            put('Tipo cemento', CT[s['ctype']])
            put('Fuga de cemento', ' y '.join(FUGA[x] for x in s['leak']).replace(' y Sí - ', ' y ') if s['leak'] else 'No')
            d = p['ass'].get((s['session'], 'pre'))
            if d:
                put('EVA (0-10)', int(d['vas']))
                if 'odi' in d:
                    put('ODI (%)', d['odi'])
            if s['session'] == 2:
                put('Observaciones', 'Reintervención por fractura nueva; días post-op se cuentan desde esta cirugía')
            elif p['detail'] == 'metastasis':
                put('Observaciones', rng.choice(['Ca mama', 'Ca próstata', 'Ca pulmón']))
            for c in range(1, len(HDR) + 1):
                ws.cell(r, c).fill = PatternFill('solid', fgColor='FFF2CC')
        elif kind in ('ctl', 'miss'):
            lab, day_s = extra
            put('Días post-op', day_s)
            put('Evento', 'Control')
            if kind == 'miss':
                put('EVA (0-10)', 'NA')
                put('Observaciones', 'No acudió')
            else:
                d = p['ass'][(s['session'], lab)]
                put('EVA (0-10)', int(d['vas']))
                if 'odi' in d:
                    put('ODI (%)', d['odi'])
                if lab == '24h':
                    put('Observaciones', 'Alta')
            if p is e_date and s['session'] == 1 and lab == '1m' and kind == 'ctl':
                bad = dt.date(date.year - 1, date.month, date.day if date.day < 29 else 28)
                put('Fecha', bad, 'DD/MM/YYYY')
                errors.append([ws.title, 'I%d' % r, r, 'Fecha', bad.strftime('%d/%m/%Y'),
                               'control dated before the operation (%s); should be %s' % (p['op_date'].strftime('%d/%m/%Y'), date.strftime('%d/%m/%Y')), p['code']])
        elif kind == 'frac':
            lv, day_s = extra
            put('Días post-op', day_s)
            put('Evento', 'Control no programado')
            put('Nivel(es)', lv)
            put('Observaciones', 'Dolor nuevo. RM: fractura nueva %s' % lv)
        elif kind == 'death':
            put('Días post-op', extra)
            put('Evento', 'Fallecido')
            put('Observaciones', rng.choice(['Falleció en domicilio', 'Falleció (progresión de enfermedad)', 'Fallece en hospitalización']))
            for c in range(1, len(HDR) + 1):
                ws.cell(r, c).font = Font(color='C00000')
        r += 1
    for c in (1, 2, 3):
        if r - 1 > first_r:
            ws.merge_cells(start_row=first_r, start_column=c, end_row=r - 1, end_column=c)
            ws.cell(first_r, c).alignment = Alignment(vertical='top')
r += 1
for t in ['Leyenda: VP = vertebroplastia, CP = cifoplastia con balón. EVA = escala visual análoga 0-10. ODI = Oswestry (%).',
          'La fila de Cirugía lleva la EVA/ODI preoperatoria. Cemento: mL por vértebra en el orden de los niveles (3,5 + 4 = 3,5 mL en el 1er nivel y 4 mL en el 2do).',
          'Días post-op: días desde la última cirugía del paciente (se reinicia en 0 en una Reintervención). NA / No acudió = no vino al control.',
          'Controles programados: 24 h (alta), 1 mes, 3 meses, 6 meses, 12 meses.']:
    ws.cell(r, 1, t).font = Font(italic=True, size=9)
    r += 1
for j, w in enumerate([4, 9, 32, 10, 10, 5, 5, 20, 11, 8, 20, 12, 7, 12, 15, 16, 8, 7, 45]):
    ws.column_dimensions[get_column_letter(j + 1)].width = w
ws.freeze_panes = 'D6'
wb.save('input.xlsx')
write_truth(pats, pid, per_vertebra_volume=True, cement=True, leakage=True, odi=True, errors=errors, identifiers=ids)
print('chiclayo ok', len(pats), sum(len(p['sessions']) for p in pats))
