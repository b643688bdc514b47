# ---------------------------------------------------------------- common cohort core
import random, datetime as dt, csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
ALL_LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
             ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
TP_FACTOR = {'pre': 1.0, '24h': 0.55, '1w': 0.48, '2w': 0.42, '6w': 0.36, '1m': 0.38,
             '3m': 0.32, '6m': 0.28, '12m': 0.27}


def adj(level, k):
    i = ALL_LEVELS.index(level) + k
    i = max(ALL_LEVELS.index('T4'), min(ALL_LEVELS.index('L5'), i))
    return ALL_LEVELS[i]


def gen_cohort(seed, n, start, tps, measures, cement_types=('PMMA',), kypho_frac=0.3,
               p_second=0.22, p_dead=0.15, p_frac=0.2, p_miss=0.1, leak_recorded=True):
    rng = random.Random(seed)
    pats = []
    d = start
    for i in range(n):
        d = d + dt.timedelta(days=rng.randint(6, 30))
        sex = rng.choice(['female', 'female', 'female', 'male'])
        etio = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [11, 4, 2, 1])[0]
        age = rng.randint(52, 89) if etio != 'traumatic' else rng.randint(38, 75)
        birth = d - dt.timedelta(days=age * 365 + rng.randint(10, 350))
        age = d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))
        p = dict(idx=i, sex=sex, etiology=etio, age=age, birth=birth, sessions=[], scores={},
                 fractures=[], died=False, death_date=None)
        nsess = 2 if rng.random() < p_second else 1
        for s in range(1, nsess + 1):
            if s == 1:
                od = d
                centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'T8', 'L3', 'T10'])
            else:
                od = d + dt.timedelta(days=rng.randint(50, 220))
                centre = adj(p['sessions'][0]['levels'][-1], rng.choice([1, 2, -2]))
            nlev = rng.choices([1, 2, 3], [6, 3, 1])[0]
            levels = [adj(centre, k) for k in range(nlev)]
            levels = sorted(set(levels), key=ALL_LEVELS.index)
            tech = 'kyphoplasty' if rng.random() < kypho_frac else 'vertebroplasty'
            vols = []
            for L in levels:
                base = 2.5 if L.startswith('T') and int(L[1:]) < 10 else 3.5
                if tech == 'kyphoplasty':
                    base += 0.8
                vols.append(round(base + rng.choice([-1, -0.5, 0, 0.5, 1, 1.5]), 1))
            leak = []
            for L in levels:
                r = rng.random()
                leak.append('none' if r < 0.72 else rng.choice(['disc', 'venous', 'paravertebral', 'disc;venous', 'epidural']))
            p['sessions'].append(dict(s=s, date=od, day=(od - d).days, levels=levels, technique=tech,
                                      vols=vols, cement=rng.choice(cement_types), leak=leak))
        last_op = p['sessions'][-1]['date']
        if rng.random() < p_dead or (etio == 'pathologic' and rng.random() < 0.4):
            p['died'] = True
            p['death_date'] = last_op + dt.timedelta(days=rng.randint(40, 330))
        # scores
        for sess in p['sessions']:
            od = sess['date']
            vas0 = rng.choice([7, 7, 8, 8, 8, 9, 9, 10, 6])
            odi0 = rng.randint(48, 82)
            mob0 = rng.choice([3, 3, 4, 2])
            sess['visit_dates'] = {}
            for tp in tps:
                vd = od + dt.timedelta(days=TP_DAYS[tp] + (0 if tp in ('pre', '24h') else rng.randint(-3, 6) if TP_DAYS[tp] < 100 else rng.randint(-10, 20)))
                if tp == 'pre':
                    vd = od - dt.timedelta(days=rng.choice([0, 1, 1, 2]))
                if p['died'] and vd >= p['death_date']:
                    continue
                if tp != 'pre' and rng.random() < p_miss:
                    sess['visit_dates'][tp] = None   # missed visit
                    continue
                sess['visit_dates'][tp] = vd
                f = TP_FACTOR[tp]
                for m in measures:
                    if m == 'pain_vas':
                        v = vas0 if tp == 'pre' else max(0, min(10, round(vas0 * f + rng.choice([-1, 0, 0, 1, 0.5]))))
                    elif m == 'odi':
                        v = odi0 if tp == 'pre' else max(4, min(100, int(round(odi0 * (f + 0.12) + rng.randint(-6, 6)))))
                        v = int(round(v / 2.0) * 2)
                    elif m == 'mobility':
                        v = mob0 if tp == 'pre' else max(0, min(4, int(round(mob0 * (f + 0.15) + rng.choice([-1, 0, 0, 0, 1])))))
                    p['scores'][(sess['s'], m, tp)] = v
        # new fractures
        if rng.random() < p_frac:
            fd = rng.randint(35, 300)
            if not (p['died'] and d + dt.timedelta(days=fd) >= p['death_date']):
                lv = adj(p['sessions'][0]['levels'][0], rng.choice([-1, -2, 2]))
                if all(lv not in s_['levels'] for s_ in p['sessions']):
                    p['fractures'].append((fd, lv))
        p['first'] = d
        pats.append(p)
    return pats


def write_csv(name, header, rows):
    os.makedirs(os.path.join(HERE, 'truth'), exist_ok=True)
    with open(os.path.join(HERE, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def fmt_num(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return ('%d' % x) if x == int(x) else ('%g' % x)


def write_truth(pats, pid_of, errors, identifiers, per_vertebra=True, vas_div=1):
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[pid_of(p), p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            pv = per_vertebra(p, s) if callable(per_vertebra) else per_vertebra
            tot = round(sum(s['vols']), 1)
            for L, v, lk in zip(s['levels'], s['vols'], s['leak']):
                rows.append([pid_of(p), s['s'], s['day'], L, s['technique'],
                             fmt_num(v) if pv else '', '' if pv else fmt_num(tot),
                             s['cement'] or '', lk or ''])
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = list(TP_DAYS)
    rows = []
    for p in pats:
        for (s, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], order.index(kv[0][2]))):
            rows.append([pid_of(p), s, m, tp, fmt_num(v)])
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'],
              [[pid_of(p), fd, lv] for p in pats for fd, lv in p['fractures']])
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, idr = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v)); idr.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], idr)
# ---------------------------------------------------------------- end core

# ---------------------------------------------------------------- Cochabamba writer
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

SEED = 3405
TPS = ('pre', '24h', '1m', '3m', '6m')
pats = gen_cohort(SEED, 18, dt.date(2022, 2, 1), TPS, ('pain_vas', 'odi'),
                  cement_types=('PMMA', 'PMMA', 'PMMA', 'calcium phosphate'), kypho_frac=0.15, p_second=0.25)
for p in pats:
    for k in list(p['scores']):
        if k[1] == 'odi' and k[2] not in ('pre', '3m', '6m'):
            del p['scores'][k]
rng = random.Random(SEED + 1)
NF = ['Juana Mamani Quispe', 'Rosa Choque Condori', 'Felipa Vargas Rojas', 'María Flores Zurita', 'Teodora Huanca Mendoza',
      'Eusebia Gutiérrez Camacho', 'Lidia Rocha Arce', 'Carmen Torrico Montaño', 'Justina Ayala Fernández',
      'Nicolasa Terrazas Vela', 'Gregoria Villarroel Soto', 'Dominga Ledezma Cruz', 'Betty Soria Galarza', 'Hilda Claros Paz']
NM = ['Félix Mamani Choque', 'Ramiro Siles Antezana', 'Jaime Céspedes Zurita', 'Wilfredo Quiroga Rojas', 'Simón Heredia Coca',
      'Zenón Colque Mita']
fi = mi = 0
for p in pats:
    p['code'] = 'VP-%03d' % (p['idx'] + 1)
    if p['sex'] == 'female':
        p['name'] = NF[fi]; fi += 1
    else:
        p['name'] = NM[mi]; mi += 1
    p['ci'] = '%d CB' % rng.randint(800000, 6999999)
    p['cel'] = '%d%07d' % (rng.choice([6, 7]), rng.randint(1000000, 9999999))
    p['hc'] = '%d-%d' % (rng.randint(10000, 99999), rng.randint(1, 9))

ORD = ['primera', 'segunda', 'tercera', 'cuarta', 'quinta', 'sexta', 'séptima', 'octava', 'novena', 'décima',
       'undécima', 'duodécima']


def word(L):
    n = int(L[1:])
    return ORD[n - 1] + (' dorsal' if L[0] == 'T' else ' lumbar')


def code(L):
    return ('D' if L[0] == 'T' else 'L') + L[1:]


def lev_text(levels, force_word=None):
    parts = [word(L) if (rng.random() < 0.65) else code(L) for L in levels]
    if force_word is not None:
        parts[0] = force_word
    if len(parts) == 1:
        return parts[0]
    return ', '.join(parts[:-1]) + ' y ' + parts[-1]


def bo(d):
    return d.strftime('%d/%m/%Y')


def cc(x):
    return fmt_num(x).replace('.', ',') + ' cc'


DIAG = {'osteoporotic': ['Osteoporosis, fractura por aplastamiento', 'Fx osteoporótica', 'Osteoporosis severa + fx vertebral'],
        'pathologic': ['Metástasis (Ca de mama)', 'Mieloma múltiple', 'Metástasis (Ca de próstata)', 'Metástasis Ca cérvix'],
        'traumatic': ['Traumatismo (caída de altura)', 'Accidente de tránsito, fx compresión'],
        'other': ['Hemangioma vertebral agresivo']}


def diag_for(p):
    bad = ('próstata',) if p['sex'] == 'female' else ('mama', 'cérvix')
    return [o for o in DIAG[p['etiology']] if not any(b in o for b in bad)]


LEAKW = {'disc': 'al disco', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
         'disc;venous': 'al disco y venosa'}
errors = []
single = [p for p in pats if len(p['sessions']) == 1 and not p['died'] and not p['fractures']]
E_VOL = [p for p in single if len(p['sessions'][0]['levels']) == 1][0]
rest = [p for p in single if p is not E_VOL]
E_LEV, E_DATE, E_CODE = rest[1], rest[3], rest[5]

wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Vertebroplastias 2022-23'
thin = Side(style='thin')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
ws['A1'] = 'CAJA NACIONAL DE SALUD - HOSPITAL OBRERO Nº 2 COCHABAMBA'
ws['A2'] = 'Servicio de Neurocirugía - Registro de vertebroplastias y cifoplastias (Dr. R. Antezana / R3 de turno)'
ws['A1'].font = Font(bold=True, size=13); ws['A2'].font = Font(bold=True)
hdr = ['Nº', 'Código', 'Paciente', 'C.I.', 'H.C.', 'Celular', 'Edad', 'Sexo', 'Diagnóstico', 'Fecha cirugía',
       'Nivel(es)', 'Técnica', 'Cemento (volumen total)', 'Tipo cemento', 'Fuga de cemento',
       'EVA pre', 'EVA 24 h', 'EVA 1 mes', 'EVA 3 meses', 'EVA 6 meses',
       'Oswestry pre', 'Oswestry 3 meses', 'Oswestry 6 meses', 'Nueva fractura', 'Estado', 'Observaciones']
NC = len(hdr)
# two-row header: group row 4, names row 5
for j, h in enumerate(hdr, 1):
    ws.cell(5, j, h)
ws.cell(4, 16, 'EVA (0-10)'); ws.merge_cells(start_row=4, start_column=16, end_row=4, end_column=20)
ws.cell(4, 21, 'Oswestry (%)'); ws.merge_cells(start_row=4, start_column=21, end_row=4, end_column=23)
ws.cell(4, 1, 'DATOS DEL PACIENTE'); ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=9)
ws.cell(4, 10, 'CIRUGÍA'); ws.merge_cells(start_row=4, start_column=10, end_row=4, end_column=15)
ws.cell(4, 24, 'SEGUIMIENTO'); ws.merge_cells(start_row=4, start_column=24, end_row=4, end_column=26)
for rr in (4, 5):
    for j in range(1, NC + 1):
        c = ws.cell(rr, j); c.font = Font(bold=True); c.border = B
        c.fill = PatternFill('solid', fgColor='FCE4D6' if rr == 4 else 'F8CBAD')
        c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
col = {h: openpyxl.utils.get_column_letter(j) for j, h in enumerate(hdr, 1)}
TPH = {'pre': 'EVA pre', '24h': 'EVA 24 h', '1m': 'EVA 1 mes', '3m': 'EVA 3 meses', '6m': 'EVA 6 meses'}
OPH = {'pre': 'Oswestry pre', '3m': 'Oswestry 3 meses', '6m': 'Oswestry 6 meses'}
identifiers = []
events = sorted([(s['date'], p, s) for p in pats for s in p['sessions']], key=lambda t: t[0])
r = 6
for n, (od, p, s) in enumerate(events, 1):
    identifiers += [('name', p['name']), ('national_id', p['ci']), ('phone', p['cel']), ('record_number', p['hc'])]
    age_now = od.year - p['birth'].year - ((od.month, od.day) < (p['birth'].month, p['birth'].day))
    v = {h: None for h in hdr}
    v['Nº'] = n; v['Código'] = p['code']; v['Paciente'] = p['name']; v['C.I.'] = p['ci']; v['H.C.'] = p['hc']
    v['Celular'] = p['cel']; v['Edad'] = age_now if rng.random() < 0.7 else '%d años' % age_now
    v['Sexo'] = 'F' if p['sex'] == 'female' else 'M'
    v['Diagnóstico'] = rng.choice(diag_for(p))
    v['Fecha cirugía'] = od if rng.random() < 0.6 else bo(od)
    v['Nivel(es)'] = lev_text(s['levels'])
    v['Técnica'] = 'vertebroplastia' if s['technique'] == 'vertebroplasty' else rng.choice(['cifoplastia', 'cifoplastía con balón'])
    tot = round(sum(s['vols']), 1)
    v['Cemento (volumen total)'] = cc(tot)
    v['Tipo cemento'] = 'PMMA' if s['cement'] == 'PMMA' else 'fosfato de calcio'
    lk = [(L, k) for L, k in zip(s['levels'], s['leak']) if k != 'none']
    if not lk:
        v['Fuga de cemento'] = rng.choice(['no', 'ninguna', 'sin fuga'])
    else:
        v['Fuga de cemento'] = '; '.join('%s en %s' % (LEAKW[k], code(L)) for L, k in lk)
    for tp, h in TPH.items():
        if (s['s'], 'pain_vas', tp) in p['scores']:
            v[h] = p['scores'][(s['s'], 'pain_vas', tp)]
        elif tp in s['visit_dates'] and s['visit_dates'][tp] is None:
            v[h] = rng.choice(['no vino', 'mana jamurqachu', 'NV'])
    for tp, h in OPH.items():
        if (s['s'], 'odi', tp) in p['scores']:
            v[h] = p['scores'][(s['s'], 'odi', tp)]
        elif tp in s['visit_dates'] and s['visit_dates'][tp] is None:
            v[h] = '-'
    last = s is p['sessions'][-1]
    if last:
        v['Nueva fractura'] = '; '.join('%s (%s)' % (rng.choice([word(lv), code(lv)]), bo(p['first'] + dt.timedelta(days=fd)))
                                        for fd, lv in p['fractures']) or 'no'
    else:
        v['Nueva fractura'] = 'no'
    if p['died']:
        v['Estado'] = rng.choice(['falleció %s', 'wañupun %s', 'fallecido el %s']) % bo(p['death_date'])
    else:
        v['Estado'] = 'vivo' if p['sex'] == 'male' else 'viva'
    obs = []
    if s['s'] == 2:
        obs.append('2da cirugía, otro nivel')
    if p['etiology'] == 'pathologic':
        obs.append('control en oncología')
    if (s['s'], 'pain_vas', '3m') in p['scores'] and p['scores'][(s['s'], 'pain_vas', '3m')] >= 4:
        obs.append('sigue con nanay (dolor)')
    v['Observaciones'] = '; '.join(obs) or None
    # planted mistakes
    if p is E_VOL:
        v['Cemento (volumen total)'] = cc(tot * 10)
        errors.append([ws.title, col['Cemento (volumen total)'] + str(r), r, 'Cemento (volumen total)', cc(tot * 10),
                       'cement %s for a single vertebra is impossible (decimal comma lost); should be %s' % (cc(tot * 10), cc(tot)), p['code']])
    if p is E_LEV:
        v['Nivel(es)'] = lev_text(s['levels'], force_word='sexta lumbar')
        errors.append([ws.title, col['Nivel(es)'] + str(r), r, 'Nivel(es)', v['Nivel(es)'],
                       'impossible level "sexta lumbar" (L6, there are five lumbar vertebrae); should be %s' % word(s['levels'][0]), p['code']])
    if p is E_DATE:
        v['Fecha cirugía'] = '31/06/%d' % od.year
        errors.append([ws.title, col['Fecha cirugía'] + str(r), r, 'Fecha cirugía', v['Fecha cirugía'],
                       'impossible date (June has 30 days); real date %s' % bo(od), p['code']])
    if p is E_CODE:
        v['Código'] = None
        errors.append([ws.title, col['Código'] + str(r), r, 'Código', '', 'study code missing (should be %s; patient identifiable by C.I./H.C.)' % p['code'], p['code']])
    for j, h in enumerate(hdr, 1):
        c = ws.cell(r, j, v[h]); c.border = B
        if isinstance(v[h], dt.date):
            c.number_format = 'DD/MM/YYYY'
        if p['died']:
            c.font = Font(color='C00000')
    r += 1
ws.cell(r + 1, 1, 'Notas: EVA = escala visual análoga 0-10. NV / no vino / mana jamurqachu = no vino al control. '
                  'En rojo: pacientes fallecidos (wañupun = falleció).')
ws.cell(r + 2, 1, 'Niveles: D = dorsal (torácica). Volumen = total de cemento inyectado en la cirugía.')
widths = [4, 8, 26, 12, 9, 10, 8, 5, 30, 12, 30, 16, 12, 14, 22, 7, 7, 9, 9, 9, 9, 9, 9, 26, 22, 30]
for j, w in enumerate(widths, 1):
    ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width = w
ws.freeze_panes = 'D6'
wb.save(os.path.join(HERE, 'input.xlsx'))
errors.sort(key=lambda e: e[2])
identifiers += [('staff_name', 'Dr. R. Antezana')]
write_truth(pats, lambda p: p['code'], errors, identifiers, per_vertebra=False)
