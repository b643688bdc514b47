"""Tegucigalpa (Hospital Escuela) - two residents' sheets, Spanish.
Deterministic: writes input.xlsx and truth/*.csv next to itself."""
import csv
import datetime as dt
import os
import random

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(27003)
D = dt.date
TD = dt.timedelta
CUTOFF = D(2023, 11, 30)
MES = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic']

LEVELS = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
CENTRES = ['T8', 'T10', 'T11', 'T12', 'T12', 'T12', 'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']
NAMES = [('José Antonio Martínez Flores', 'male'), ('Rosa Amelia Hernández López', 'female'),
         ('Juana Francisca Rodríguez Cruz', 'female'), ('Marco Tulio Reyes Padilla', 'male'),
         ('Dolores Isabel Aguilar Sánchez', 'female'), ('Santos Vicente Mendoza Ortiz', 'male'),
         ('Gloria Esperanza Díaz Ramírez', 'female'), ('Olga Marina Castillo Banegas', 'female'),
         ('María Teresa Fúnez Amador', 'female'), ('Francisco Javier Maradiaga Lagos', 'male'),
         ('Carmen Lidia Ponce Euceda', 'female'), ('Ana Julia Matute Ordóñez', 'female'),
         ('Reina Isabel Carías Velásquez', 'female'), ('Tomás Eduardo Girón Alvarado', 'male'),
         ('Lesbia Marlen Turcios Rivera', 'female'), ('Berta Alicia Zepeda Murillo', 'female'),
         ('Efraín Ulises Paz Valladares', 'male')]


def pick_levels(n):
    c = LEVELS.index(rng.choice(CENTRES))
    s = max(0, min(c - rng.randint(0, n - 1), len(LEVELS) - n))
    return LEVELS[s:s + n]


def adjacent(levels):
    lo, hi = LEVELS.index(levels[0]) - 1, LEVELS.index(levels[-1]) + 1
    cands = [LEVELS[k] for k in (lo, hi) if 0 <= k < len(LEVELS)]
    return rng.choice(cands)


def fecha_b(d):
    return '%02d-%s-%d' % (d.day, MES[d.month - 1], d.year)


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


# ---------------------------------------------------------------- cohort
# first 9 in sheet A (Dr. Mejía, jun 2021 - jun 2022), last 8 in sheet B (Dra. Zelaya, jul 2022 - jun 2023)
REOP_A = (3, 6)  # sheet-A patients re-operated during sheet-B period
patients = []
for i, (name, sex) in enumerate(NAMES):
    sheet = 'A' if i < 9 else 'B'
    et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [55, 28, 12, 5])[0]
    if i in (2, 12):
        et = 'traumatic'
    if i == 10:
        et = 'other'
    if i == 6:
        et = 'osteoporotic'
    tage = {'osteoporotic': rng.randint(62, 88), 'pathologic': rng.randint(50, 79),
            'traumatic': rng.randint(45, 74), 'other': rng.randint(42, 66)}[et]
    if sheet == 'A':
        d0 = D(2021, 6, 1) + TD(days=rng.randint(0, 360))
        if i in REOP_A:
            d0 = D(2022, 3, 1) + TD(days=rng.randint(0, 90))
    else:
        d0 = D(2022, 7, 1) + TD(days=rng.randint(0, 360))
    birth = D(d0.year - tage, 1, 1) - TD(days=rng.randint(0, 364))
    nlev = rng.choices([1, 2, 3], [52, 35, 13])[0]
    levels = pick_levels(1 if et == 'other' else nlev)
    tech = 'kyphoplasty' if rng.random() < 0.3 else 'vertebroplasty'
    vols = [rng.choice([2.5, 3, 3.5, 4, 4.5, 5]) + (1 if tech == 'kyphoplasty' else 0) for _ in levels]
    leak = rng.choices(['none', 'disc', 'venous', 'paravertebral'], [66, 16, 12, 6])[0]
    ctype = 'calcium phosphate' if (sheet == 'B' and et == 'traumatic') else 'PMMA'
    death = None
    if et == 'pathologic' and rng.random() < 0.55:
        death = rng.randint(60, 330)
    elif rng.random() < 0.06:
        death = rng.randint(100, 360)
    frac = None
    if i in REOP_A:
        frac = rng.randint(60, 110)
        death = None if i == 3 else rng.randint(250, 330)
    elif rng.random() < 0.18:
        frac = rng.randint(40, 250)
    if death is not None and frac is not None and frac >= death:
        frac = None
    p = dict(pid=('VP-%02d' % (i + 1)) if sheet == 'A' else ('HE-B%02d' % (i - 8)), name=name, sex=sex, et=et,
             birth=birth, d0=d0, age=age_at(birth, d0), sheet=sheet, death=death, frac=frac,
             exp='%07d' % rng.randint(100000, 1899999),
             dni='0801-%d-%05d' % (birth.year, rng.randint(1, 9999)),
             tel='%d%03d-%04d' % (rng.choice([9, 9, 8, 3]), rng.randint(0, 999), rng.randint(0, 9999)))
    p['sub'] = {'osteoporotic': 'OP', 'pathologic': rng.choice(['Ca mama' if sex == 'female' else 'Ca próstata', 'mieloma múltiple', 'Ca pulmón']),
                'traumatic': rng.choice(['caída de altura', 'accidente de moto', 'caída de escalera']), 'other': 'hemangioma'}[et]
    sessions = [dict(day=0, levels=levels, tech=tech, vols=vols, leak=leak, ctype=ctype)]
    if frac is not None:
        p['frac_level'] = adjacent(levels)
        if i in REOP_A:
            sessions.append(dict(day=frac + rng.randint(8, 25), levels=[p['frac_level']], tech='vertebroplasty',
                                 vols=[rng.choice([3, 3.5, 4, 4.5])], leak='none', ctype='PMMA'))
    p['sessions'] = sessions
    patients.append(p)

patients.sort(key=lambda q: (q['sheet'], q['d0']))
for k, q in enumerate([q for q in patients if q['sheet'] == 'A']):
    q['pid'] = 'VP-%02d' % (k + 1)
for k, q in enumerate([q for q in patients if q['sheet'] == 'B']):
    q['pid'] = 'HE-B%02d' % (k + 1)

TP_DAYS = {'24h': 1, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}


def scores(p, sess, tps, mm):
    """returns dict tp -> value (0-10 scale float) or 'NV' (missed) or 'dead' or 'pend'"""
    s = p['sessions'][sess - 1]
    nxt = p['sessions'][sess]['day'] if sess < len(p['sessions']) else 10 ** 6
    end = (CUTOFF - p['d0']).days
    out = {}
    pre = rng.choice([7, 8, 8, 9, 9, 10]) if not mm else rng.choice([68, 72, 75, 78, 80, 82, 85, 88, 90, 94]) / 10
    out['pre'] = pre
    for tp in tps:
        day = s['day'] + TP_DAYS[tp] + (0 if tp == '24h' else rng.randint(-3, 8))
        if day >= nxt:
            out[tp] = 'next'
        elif p['death'] is not None and day > p['death']:
            out[tp] = 'dead'
        elif day > end:
            out[tp] = 'pend'
        elif tp != '24h' and rng.random() < 0.14:
            out[tp] = 'NV'
        else:
            if tp == '24h':
                v = pre - rng.randint(3, 5) if not mm else pre - rng.randint(28, 50) / 10
            else:
                v = rng.randint(1, 4) if not mm else rng.randint(12, 42) / 10
            out[tp] = round(max(0, v), 1)
    return out


truth_proc, truth_ass, truth_frac = [], [], []


def add_proc(p, sess, per_level):
    s = p['sessions'][sess - 1]
    tot = sum(s['vols'])
    for lv, v in zip(s['levels'], s['vols']):
        truth_proc.append([p['pid'], sess, s['day'], lv, s['tech'], '%g' % v if per_level else '',
                           '' if per_level else '%g' % tot, s['ctype'], s['leak']])


wb = Workbook()
FILL = PatternFill('solid', fgColor='BDD7EE')
FILL2 = PatternFill('solid', fgColor='F8CBAD')

# ---------------------------------------------------------------- sheet A
wa = wb.active
wa.title = 'Dr. Mejía 2021-22'
wa['A1'] = 'HOSPITAL ESCUELA - Neurocirugía.  Vertebroplastias / Cifoplastias.  Llenado por Dr. Carlos Mejía (R3)'
wa['A1'].font = Font(bold=True)
HA = ['No.', 'Código', 'Expediente', 'Nombre', 'Edad', 'Sexo', 'Dx', 'Fecha cx', 'Nivel(es)', 'Técnica',
      'Vol. total cemento (ml)', 'Cemento', 'Fuga', 'EVA pre', 'EVA 24h', 'EVA 1 mes', 'EVA 3 meses', 'EVA 6 meses',
      'EVA 12 meses', 'Nueva fx', 'Fallecido', 'Observaciones']
for j, h in enumerate(HA, 1):
    c = wa.cell(row=3, column=j, value=h)
    c.font = Font(bold=True)
    c.fill = FILL
    c.alignment = Alignment(wrap_text=True)
A_TPS = ['24h', '1m', '3m', '6m', '12m']
ra = 4
for p in [q for q in patients if q['sheet'] == 'A']:
    p['rowA'] = ra
    s = p['sessions'][0]
    vals = {}
    vals['No.'] = ra - 3
    vals['Código'] = p['pid']
    vals['Expediente'] = p['exp']
    vals['Nombre'] = p['name']
    vals['Edad'] = p['age']
    vals['Sexo'] = 'F' if p['sex'] == 'female' else 'M'
    vals['Dx'] = {'osteoporotic': rng.choice(['Fx osteoporótica', 'OP', 'Fx por osteoporosis']),
                  'pathologic': 'Mets %s' % p['sub'] if p['sub'].startswith('Ca') else 'Mieloma múltiple',
                  'traumatic': 'Trauma - %s' % p['sub'], 'other': 'Hemangioma'}[p['et']]
    vals['Fecha cx'] = dt.datetime(p['d0'].year, p['d0'].month, p['d0'].day)
    vals['Nivel(es)'] = '/'.join(s['levels'])
    vals['Técnica'] = 'VP' if s['tech'] == 'vertebroplasty' else 'CP'
    vals['Vol. total cemento (ml)'] = sum(s['vols'])
    vals['Cemento'] = 'PMMA'
    vals['Fuga'] = {'none': 'No', 'disc': 'Discal', 'venous': 'Venosa', 'paravertebral': 'Paravertebral'}[s['leak']]
    add_proc(p, 1, False)
    sc = scores(p, 1, A_TPS, False)
    vals['EVA pre'] = sc['pre']
    truth_ass.append([p['pid'], 1, 'pain_vas', 'pre', '%g' % sc['pre']])
    obs = []
    for tp, h in zip(A_TPS, ['EVA 24h', 'EVA 1 mes', 'EVA 3 meses', 'EVA 6 meses', 'EVA 12 meses']):
        v = sc[tp]
        if v == 'next':
            vals[h] = 'ver hoja 2'
        elif v == 'dead':
            vals[h] = '†'
        elif v == 'pend':
            vals[h] = None
        elif v == 'NV':
            vals[h] = 'NV'
        else:
            vals[h] = v
            truth_ass.append([p['pid'], 1, 'pain_vas', tp, '%g' % v])
    if 'NV' in sc.values():
        obs.append(rng.choice(['NV = no vino a control', 'no contesta teléfono', 'no vino, vive en Olancho']))
    end = (CUTOFF - p['d0']).days
    if p['frac'] is not None and p['frac'] <= end:
        fd = p['d0'] + TD(days=p['frac'])
        vals['Nueva fx'] = '%s (%s)' % (p['frac_level'], fd.strftime('%d/%m/%Y'))
        truth_frac.append([p['pid'], p['frac'], p['frac_level']])
    else:
        vals['Nueva fx'] = 'No'
    if len(p['sessions']) > 1:
        obs.append('Reintervenida/o por fx nueva: ver hoja Dra. Zelaya')
        vals['Fallecido'] = 'ver hoja 2'
    elif p['death'] is not None and p['death'] <= end:
        vals['Fallecido'] = 'Sí %s' % (p['d0'] + TD(days=p['death'])).strftime('%d/%m/%Y')
    else:
        vals['Fallecido'] = 'No'
    vals['Observaciones'] = '; '.join(obs) or None
    for j, h in enumerate(HA, 1):
        c = wa.cell(row=ra, column=j, value=vals.get(h))
        if h == 'Fecha cx':
            c.number_format = 'DD/MM/YYYY'
    ra += 1
wa.cell(row=ra + 1, column=1, value='EVA 0-10.  NV = no vino.  † = fallecido.  VP = vertebroplastia, CP = cifoplastia (balón).')
for j, w in enumerate([5, 8, 11, 32, 6, 6, 24, 12, 14, 8, 12, 9, 12, 8, 8, 9, 9, 9, 9, 18, 18, 40], 1):
    wa.column_dimensions[get_column_letter(j)].width = w

# ---------------------------------------------------------------- sheet B
wbB = wb.create_sheet('Dra. Zelaya 2022-23')
wbB['A1'] = 'Registro VP/CP  2022-2023  (Dra. Ana Zelaya, R2)  - EVA en mm (0-100)'
wbB['A1'].font = Font(bold=True, color='C00000')
HB = ['Código', 'Paciente', 'Identidad', 'Tel.', 'Sexo', 'Edad (años)', 'Diagnóstico', 'Fecha procedimiento',
      'Vértebras', 'Procedimiento', 'Cemento por nivel (ml)', 'Tipo cemento', 'Extravasación', 'EVA basal (mm)',
      'EVA 24 h (mm)', 'EVA 2 sem (mm)', 'EVA 6 sem (mm)', 'EVA 3 m (mm)', 'EVA 12 m (mm)', 'ODI basal (%)',
      'ODI 3 m (%)', 'Nueva fractura', 'Estado', 'Comentarios']
for j, h in enumerate(HB, 1):
    c = wbB.cell(row=2, column=j, value=h)
    c.font = Font(bold=True)
    c.fill = FILL2
    c.alignment = Alignment(wrap_text=True)
B_TPS = ['24h', '2w', '6w', '3m', '12m']
rowsB = []
for p in patients:
    if p['sheet'] == 'B':
        rowsB.append((p['d0'], p, 1))
    elif len(p['sessions']) > 1:
        rowsB.append((p['d0'] + TD(days=p['sessions'][1]['day']), p, 2))
rowsB.sort(key=lambda x: x[0])
rb = 3
for date, p, sess in rowsB:
    s = p['sessions'][sess - 1]
    vals = {}
    vals['Código'] = p['pid']
    sur = p['name'].split()
    vals['Paciente'] = '%s %s, %s' % (sur[-2].upper(), sur[-1].upper(), ' '.join(sur[:-2]))
    p['nameB'] = vals['Paciente']
    vals['Identidad'] = p['dni']
    vals['Tel.'] = p['tel']
    vals['Sexo'] = 'Femenino' if p['sex'] == 'female' else 'Masculino'
    vals['Edad (años)'] = age_at(p['birth'], date)
    if sess == 2:
        vals['Diagnóstico'] = 'Fx nueva %s (paciente de Dr. Mejía)' % s['levels'][0]
    else:
        vals['Diagnóstico'] = {'osteoporotic': rng.choice(['Fractura por osteoporosis', 'Aplastamiento osteoporótico']),
                               'pathologic': 'Metástasis (%s)' % p['sub'] if p['sub'].startswith('Ca') else 'Mieloma múltiple',
                               'traumatic': 'Fractura traumática (%s)' % p['sub'], 'other': 'Hemangioma vertebral'}[p['et']]
    vals['Fecha procedimiento'] = fecha_b(date)
    vals['Vértebras'] = ' + '.join(s['levels'])
    vals['Procedimiento'] = 'Vertebroplastia' if s['tech'] == 'vertebroplasty' else 'Cifoplastia'
    vals['Cemento por nivel (ml)'] = ' / '.join('%s: %g' % (lv, v) for lv, v in zip(s['levels'], s['vols']))
    vals['Tipo cemento'] = 'PMMA' if s['ctype'] == 'PMMA' else 'Fosfato de calcio'
    vals['Extravasación'] = {'none': 'ninguna', 'disc': 'disco', 'venous': 'venosa', 'paravertebral': 'paravertebral'}[s['leak']]
    add_proc(p, sess, True)
    sc = scores(p, sess, B_TPS, True)
    vals['EVA basal (mm)'] = int(round(sc['pre'] * 10))
    truth_ass.append([p['pid'], sess, 'pain_vas', 'pre', '%g' % sc['pre']])
    for tp, h in zip(B_TPS, ['EVA 24 h (mm)', 'EVA 2 sem (mm)', 'EVA 6 sem (mm)', 'EVA 3 m (mm)', 'EVA 12 m (mm)']):
        v = sc[tp]
        if v == 'dead':
            vals[h] = 'fallecido'
        elif v == 'pend':
            vals[h] = 'pendiente'
        elif v == 'NV':
            vals[h] = 'no asistió'
        elif v == 'next':
            vals[h] = '—'
        else:
            vals[h] = int(round(v * 10))
            truth_ass.append([p['pid'], sess, 'pain_vas', tp, '%g' % v])
    odi0 = rng.choice([48, 52, 56, 60, 62, 64, 68, 70, 74, 76])
    vals['ODI basal (%)'] = odi0
    truth_ass.append([p['pid'], sess, 'odi', 'pre', odi0])
    if isinstance(vals['EVA 3 m (mm)'], int):
        o3 = rng.choice([18, 22, 24, 26, 30, 32, 36, 40])
        vals['ODI 3 m (%)'] = o3
        truth_ass.append([p['pid'], sess, 'odi', '3m', o3])
    else:
        vals['ODI 3 m (%)'] = '—'
    end = (CUTOFF - p['d0']).days
    if sess == 1 and p['frac'] is not None and p['frac'] <= end:
        fd = p['d0'] + TD(days=p['frac'])
        vals['Nueva fractura'] = 'sí, %s — %s %s' % (p['frac_level'], rng.choice(['RM', 'Rx', 'TAC']), fecha_b(fd))
        truth_frac.append([p['pid'], p['frac'], p['frac_level']])
    else:
        vals['Nueva fractura'] = 'no'
    if p['death'] is not None and p['death'] <= end:
        vals['Estado'] = 'fallecido %s' % fecha_b(p['d0'] + TD(days=p['death']))
    else:
        vals['Estado'] = 'vivo'
    com = []
    if sess == 2:
        com.append('2da intervención — ver hoja Dr. Mejía, %s (1ra cx %s)' % (p['pid'], p['d0'].strftime('%d/%m/%Y')))
    if 'no asistió' in vals.values():
        com.append('no se logró contactar')
    vals['Comentarios'] = '; '.join(com) or None
    p.setdefault('rowB', {})[sess] = rb
    for j, h in enumerate(HB, 1):
        wbB.cell(row=rb, column=j, value=vals.get(h))
    if sess == 2:
        for j in range(1, len(HB) + 1):
            wbB.cell(row=rb, column=j).fill = PatternFill('solid', fgColor='FFFF99')
    rb += 1
wbB.cell(row=rb + 1, column=1, value='Amarillo = paciente reintervenido (1ra cirugía en hoja Dr. Mejía, mismo código).')
for j, w in enumerate([9, 34, 16, 11, 11, 8, 30, 14, 12, 15, 22, 14, 13, 9, 9, 9, 9, 9, 9, 9, 9, 28, 24, 50], 1):
    wbB.column_dimensions[get_column_letter(j)].width = w

for p in patients:
    end = (CUTOFF - p['d0']).days
    p['died'] = 'yes' if (p['death'] is not None and p['death'] <= end) else 'no'

# ---------------------------------------------------------------- planted errors
errors = []
used = set()
# 1. sheet A impossible surgery date 30/02/2022
pa = next(p for p in patients if p['sheet'] == 'A' and len(p['sessions']) == 1 and p['d0'].year == 2022 and p['d0'].month in (2, 3))  \
    if any(p['sheet'] == 'A' and len(p['sessions']) == 1 and p['d0'].year == 2022 and p['d0'].month in (2, 3) for p in patients) \
    else next(p for p in patients if p['sheet'] == 'A' and len(p['sessions']) == 1)
used.add(pa['pid'])
bad = '30/02/%d' % pa['d0'].year
c = HA.index('Fecha cx') + 1
wa.cell(row=pa['rowA'], column=c, value=bad)
errors.append([wa.title, '%s%d' % (get_column_letter(c), pa['rowA']), pa['rowA'], 'Fecha cx', bad,
               'impossible date (30 February); the operation was on %s' % pa['d0'].strftime('%d/%m/%Y'), pa['pid']])
# 2. sheet B EVA 850 mm
cand = [p for p in patients if p['sheet'] == 'B' and p['pid'] not in used]
pb = next(p for p in cand if isinstance(wbB.cell(row=p['rowB'][1], column=HB.index('EVA 2 sem (mm)') + 1).value, int))
used.add(pb['pid'])
c = HB.index('EVA 2 sem (mm)') + 1
good = wbB.cell(row=pb['rowB'][1], column=c).value
wbB.cell(row=pb['rowB'][1], column=c, value=good * 10 + 0)
errors.append([wbB.title, '%s%d' % (get_column_letter(c), pb['rowB'][1]), pb['rowB'][1], 'EVA 2 sem (mm)', good * 10,
               'EVA %d mm is outside the 0-100 mm scale (extra zero); should be %d mm' % (good * 10, good), pb['pid']])
# 3. sheet B cement 35 ml on one level
pc = next(p for p in patients if p['sheet'] == 'B' and p['pid'] not in used and any(v % 1 for v in p['sessions'][0]['vols']))
used.add(pc['pid'])
c = HB.index('Cemento por nivel (ml)') + 1
s = pc['sessions'][0]
k = next(k for k, v in enumerate(s['vols']) if v % 1)
txt = ' / '.join('%s: %s' % (lv, ('%d' % (v * 10)) if kk == k else '%g' % v) for kk, (lv, v) in enumerate(zip(s['levels'], s['vols'])))
wbB.cell(row=pc['rowB'][1], column=c, value=txt)
errors.append([wbB.title, '%s%d' % (get_column_letter(c), pc['rowB'][1]), pc['rowB'][1], 'Cemento por nivel (ml)', txt,
               '%s: %d ml of cement for one vertebra is impossible (decimal point lost); should be %g ml' % (s['levels'][k], s['vols'][k] * 10, s['vols'][k]), pc['pid']])
# 4. sheet B missing code
pd_ = next(p for p in patients if p['sheet'] == 'B' and p['pid'] not in used)
used.add(pd_['pid'])
c = 1
wbB.cell(row=pd_['rowB'][1], column=c).value = None
errors.append([wbB.title, 'A%d' % pd_['rowB'][1], pd_['rowB'][1], 'Código', '',
               'study code missing (sequence gap: should be %s)' % pd_['pid'], pd_['pid']])

wb.save(os.path.join(HERE, 'input.xlsx'))

# ---------------------------------------------------------------- truth
T = os.path.join(HERE, 'truth')
os.makedirs(T, exist_ok=True)


def wcsv(name, header, rows):
    with open(os.path.join(T, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)


wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
     [[p['pid'], p['sex'], p['age'], p['et'], p['died']] for p in patients])
truth_proc.sort(key=lambda r: (r[0], r[1]))
wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                        'session_cement_volume_ml', 'cement_type', 'leakage'], truth_proc)
wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], truth_ass)
wcsv('fractures.csv', ['patient_id', 'day', 'level'], truth_frac)
wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
ids = [('name', 'Carlos Mejía'), ('name', 'Ana Zelaya')]
for p in patients:
    if p['sheet'] == 'A':
        ids += [('name', p['name']), ('record_number', p['exp'])]
    if 'nameB' in p:
        ids += [('name', p['nameB']), ('national_id', p['dni']), ('phone', p['tel'])]
wcsv('identifiers.csv', ['kind', 'value'], ids)
print('tegucigalpa: %d patients, %d proc rows, %d assessments, %d fractures' % (len(patients), len(truth_proc), len(truth_ass), len(truth_frac)))
