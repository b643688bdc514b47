"""Donostia (Donostia Unibertsitate Ospitalea) - Basque/Spanish, three linked sheets.
Deterministic: writes input.xlsx and truth/*.csv next to itself."""
import csv
import datetime as dt
import os
import random

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(27004)
D = dt.date
TD = dt.timedelta
CUTOFF = D(2024, 1, 31)
HILAK = ['urtarrilaren', 'otsailaren', 'martxoaren', 'apirilaren', 'maiatzaren', 'ekainaren', 'uztailaren',
         'abuztuaren', 'irailaren', 'urriaren', 'azaroaren', 'abenduaren']

LEVELS = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
CENTRES = ['T8', 'T10', 'T11', 'T12', 'T12', 'T12', 'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']
NAMES = [('Miren Etxeberria Agirre', 'female'), ('Josu Goikoetxea Larrañaga', 'male'), ('Itziar Arrieta Zubizarreta', 'female'),
         ('Koldo Urkiola Bengoetxea', 'male'), ('Arantxa Lasa Irazusta', 'female'), ('Mikel Aranburu Eizagirre', 'male'),
         ('Karmele Olano Garmendia', 'female'), ('Begoña Zabaleta Otaegi', 'female'), ('Jose Mari Arregi Murua', 'male'),
         ('Maite Iturbe Azkue', 'female'), ('Pello Elosegi Lizarazu', 'male'), ('Edurne Altuna Egaña', 'female'),
         ('Nekane Sarasola Txurruka', 'female'), ('Iñaki Oiartzabal Mendizabal', 'male'), ('Rosario Fernández Ibarguren', 'female'),
         ('Juana Mari Uranga Aizpurua', 'female'), ('Xabier Alkorta Etxaniz', 'male')]
TP = [('pre', 'Aurretik / Previo', -1), ('24h', '24 ordu', 1), ('1w', 'Astebete', 7), ('1m', 'Hilabete 1', 30),
      ('3m', '3 hilabete', 91), ('6m', '6 hilabete', 182), ('12m', 'Urtebete', 365)]


def eusk(d):
    """Basque long date or numeric yyyy/mm/dd, as typed by different staff"""
    r = rng.random()
    if r < 0.55:
        return '%dko %s %d%s' % (d.year, HILAK[d.month - 1], d.day, 'a' if rng.random() < 0.8 else 'an')
    return '%d/%02d/%02d' % (d.year, d.month, d.day)


def pick_levels(n):
    c = LEVELS.index(rng.choice(CENTRES))
    s = max(0, min(c - rng.randint(0, n - 1), len(LEVELS) - n))
    return LEVELS[s:s + n]


def adjacent(levels):
    lo, hi = LEVELS.index(levels[0]) - 1, LEVELS.index(levels[-1]) + 1
    cands = [LEVELS[k] for k in (lo, hi) if 0 <= k < len(LEVELS)]
    return rng.choice(cands)


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def dni():
    n = rng.randint(10000000, 79999999)
    return '%d%s' % (n, 'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23])


# ---------------------------------------------------------------- cohort
patients = []
for i, (name, sex) in enumerate(NAMES):
    et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [58, 26, 11, 5])[0]
    if i == 8:
        et = 'other'
    if i in (5, 11):
        et = 'pathologic'
    tage = {'osteoporotic': rng.randint(63, 89), 'pathologic': rng.randint(50, 80),
            'traumatic': rng.randint(45, 76), 'other': rng.randint(42, 66)}[et]
    d0 = D(2022, 1, 10) + TD(days=rng.randint(0, 440))
    birth = D(d0.year - tage, 1, 1) - TD(days=rng.randint(0, 364))
    nlev = rng.choices([1, 2, 3], [50, 36, 14])[0]
    levels = pick_levels(1 if et == 'other' else nlev)
    tech = 'kyphoplasty' if rng.random() < 0.4 else 'vertebroplasty'
    vols = [round(rng.uniform(2.0, 5.5) + (1 if tech == 'kyphoplasty' else 0), 1) for _ in levels]
    ctype = 'calcium phosphate' if et == 'traumatic' and rng.random() < 0.6 else 'PMMA'
    leak = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous'], [60, 16, 12, 6, 6])[0]
    death = None
    if et == 'pathologic' and rng.random() < 0.6:
        death = rng.randint(60, 330)
    elif rng.random() < 0.06:
        death = rng.randint(100, 360)
    frac = rng.randint(30, 260) if (rng.random() < 0.2 or i in (1, 9, 14)) else None
    if death is not None and frac is not None and frac >= death - 30:
        frac = None
    p = dict(pid='DUO-VP-%02d' % (i + 1), name=name, sex=sex, et=et, birth=birth, d0=d0, age=age_at(birth, d0),
             death=death, frac=frac, hk='%07d' % rng.randint(300000, 2999999), dni=dni(),
             tel=rng.choice(['943 %02d %02d %02d' % (rng.randint(20, 99), rng.randint(0, 99), rng.randint(0, 99)),
                             '6%02d %03d %03d' % (rng.randint(0, 99), rng.randint(0, 999), rng.randint(0, 999))]))
    sessions = [dict(day=0, levels=levels, tech=tech, vols=vols, ctype=ctype, leak=leak)]
    if frac is not None:
        p['frac_level'] = adjacent(levels)
        if rng.random() < 0.75:
            sessions.append(dict(day=frac + rng.randint(6, 25), levels=[p['frac_level']], tech=tech,
                                 vols=[round(rng.uniform(2.5, 4.5), 1)], ctype='PMMA',
                                 leak=rng.choice(['none', 'none', 'disc'])))
    p['sessions'] = sessions
    p['dx'] = {'osteoporotic': rng.choice(['Osteoporosia (aplastamendua)', 'Hauskura osteoporotikoa']),
               'pathologic': rng.choice(['Metastasia (bularreko minbizia)' if sex == 'female' else 'Metastasia (prostatako minbizia)',
                                         'Mieloma anizkoitza', 'Metastasia (biriketako minbizia)']),
               'traumatic': rng.choice(['Trauma (erorikoa)', 'Trauma (trafiko istripua)']),
               'other': 'Hemangioma agresiboa'}[et]
    patients.append(p)

patients.sort(key=lambda q: q['d0'])
for k, q in enumerate(patients):
    q['pid'] = 'DUO-VP-%02d' % (k + 1)

truth_proc, truth_ass, truth_frac = [], [], []
wb = Workbook()
HFILL = PatternFill('solid', fgColor='B4C6E7')


def header(ws, row, heads):
    for j, h in enumerate(heads, 1):
        c = ws.cell(row=row, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = HFILL
        c.alignment = Alignment(wrap_text=True, vertical='center')


# ---------------------------------------------------------------- sheet 1: patients
w1 = wb.active
w1.title = 'Gaixoak - Pacientes'
w1['A1'] = 'Donostia Unibertsitate Ospitalea – Neurokirurgia. Bertebroplastia / Kifoplastia erregistroa'
w1['A1'].font = Font(bold=True, size=12)
w1.merge_cells('A1:L1')
H1 = ['Kodea', 'Izen-abizenak / Nombre', 'HK zk. / NHC', 'NAN / DNI', 'Telefonoa', 'Jaiotze data',
      'Sexua / Sexo', 'Adina (1. ebakuntza)', 'Diagnostikoa', 'Hilda / Exitus', 'Heriotza data', 'Oharrak / Notas']
header(w1, 3, H1)
for k, p in enumerate(patients):
    r = 4 + k
    p['r1'] = r
    end = (CUTOFF - p['d0']).days
    died = p['death'] is not None and p['death'] <= end
    p['died'] = 'yes' if died else 'no'
    p['birth_txt'] = eusk(p['birth'])
    notes = []
    if died:
        notes.append(rng.choice(['Exitus por progresión tumoral.', 'Fallece en domicilio.', 'Exitus (neumonía), no relacionado.']))
    if p['et'] == 'pathologic' and rng.random() < 0.5:
        notes.append('En tratamiento con Oncología (RT).')
    row = [p['pid'], p['name'], p['hk'], p['dni'], p['tel'], p['birth_txt'], 'E' if p['sex'] == 'female' else 'G',
           p['age'], p['dx'], 'Bai' if died else 'Ez', eusk(p['d0'] + TD(days=p['death'])) if died else None,
           ' '.join(notes) or None]
    for j, v in enumerate(row, 1):
        w1.cell(row=r, column=j, value=v)
    if died:
        w1.cell(row=r, column=10).font = Font(color='C00000', bold=True)
w1.cell(row=5 + len(patients), column=1, value='Sexua: E = emakumea (mujer), G = gizona (hombre).  Bai = sí, Ez = no.')
for j, wd in enumerate([12, 30, 11, 12, 13, 26, 8, 10, 32, 9, 26, 40], 1):
    w1.column_dimensions[get_column_letter(j)].width = wd

# ---------------------------------------------------------------- sheet 2: operations (one row per vertebra)
w2 = wb.create_sheet('Ebakuntzak - Intervenciones')
H2 = ['Kodea', 'Saioa / Sesión', 'Data / Fecha', 'Maila / Nivel', 'Teknika', 'Zementua (ml)', 'Zementu mota',
      'Ihesa / Fuga', 'Oharrak / Notas']
header(w2, 1, H2)
rows2 = []
for p in patients:
    for si, s in enumerate(p['sessions']):
        date = p['d0'] + TD(days=s['day'])
        dtxt = eusk(date)
        for lv, v in zip(s['levels'], s['vols']):
            rows2.append((date, p, si + 1, lv, v, s, dtxt))
            truth_proc.append([p['pid'], si + 1, s['day'], lv, s['tech'], '%g' % v, '', s['ctype'], s['leak']])
rows2.sort(key=lambda x: (x[0], x[1]['pid']))
LEAKW = {'none': 'Ez', 'disc': 'Bai – diskoa', 'venous': 'Bai – benosoa', 'paravertebral': 'Bai – paraornala',
         'disc;venous': 'Bai – diskoa + benosoa'}
NOTES2 = {'none': [None, None, 'Sin incidencias.'], 'disc': ['Fuga discal mínima, asintomática.'],
          'venous': ['Fuga venosa al plexo, sin repercusión.'], 'paravertebral': ['Pequeña fuga paravertebral.'],
          'disc;venous': ['Fuga discal y venosa, paciente estable.']}
for k, (date, p, sess, lv, v, s, dtxt) in enumerate(rows2):
    r = 2 + k
    row = [p['pid'], sess, dtxt, lv, 'BP' if s['tech'] == 'vertebroplasty' else 'KP', str(v).replace('.', ','),
           'PMMA' if s['ctype'] == 'PMMA' else 'kaltzio fosfatoa', LEAKW[s['leak']], rng.choice(NOTES2[s['leak']])]
    if sess == 2 and rng.random() < 0.8:
        row[8] = 'Segunda intervención por nueva fractura.'
    for j, val in enumerate(row, 1):
        w2.cell(row=r, column=j, value=val)
    p.setdefault('r2', []).append((r, sess, lv, v))
for j, wd in enumerate([12, 8, 26, 8, 8, 10, 16, 22, 42], 1):
    w2.column_dimensions[get_column_letter(j)].width = wd
w2.cell(row=3 + len(rows2), column=1, value='BP = bertebroplastia, KP = kifoplastia (balioa). Zementua bolumena ornoko (por vértebra).')

# ---------------------------------------------------------------- sheet 3: follow-up (long)
w3 = wb.create_sheet('Jarraipena - Seguimiento')
H3 = ['Kodea', 'Saioa', 'Unea / Momento', 'Data / Fecha', 'Egina? / Realizada', 'EVA (0-10)', 'ODI (%)',
      'Mugikortasuna (0-4)', 'Oharrak / Notas']
header(w3, 1, H3)
r = 2
for p in sorted(patients, key=lambda q: q['pid']):
    end = (CUTOFF - p['d0']).days
    if p['death'] is not None:
        end = min(end, p['death'])
    ss = p['sessions']
    for si, s in enumerate(ss):
        sess = si + 1
        nxt = ss[si + 1]['day'] if si + 1 < len(ss) else 10 ** 6
        pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
        for tp, lab, off in TP:
            day = s['day'] + off + (rng.randint(-3, 7) if off > 7 else 0)
            if day >= nxt or day > end:
                continue
            vals = [p['pid'], sess, lab, eusk(p['d0'] + TD(days=day))]
            missed = tp not in ('pre', '24h') and rng.random() < 0.13
            if missed:
                vals += ['Ez', None, None, None, rng.choice(['No acude a la cita.', 'No localizable por teléfono.', 'Ingresada en otro centro.'])]
            else:
                eva = pre if tp == 'pre' else (max(0, pre - rng.randint(3, 5)) if tp in ('24h', '1w') else rng.randint(1, 4))
                odi = rng.choice([54, 58, 62, 66, 70, 74, 78]) if tp == 'pre' else (rng.choice([16, 20, 24, 28, 32, 36]) if tp in ('3m', '12m') else None)
                mob = rng.choice([1, 1, 2]) if tp == 'pre' else (rng.choice([2, 3, 3]) if tp == '24h' else (rng.choice([3, 4, 4]) if tp == '1m' else None))
                vals += ['Bai', eva, odi, mob, None]
                truth_ass.append([p['pid'], sess, 'pain_vas', tp, eva])
                if odi is not None:
                    truth_ass.append([p['pid'], sess, 'odi', tp, odi])
                if mob is not None:
                    truth_ass.append([p['pid'], sess, 'mobility', tp, mob])
                p.setdefault('r3', []).append((r, tp, sess, eva, odi, mob, day))
            for j, val in enumerate(vals, 1):
                w3.cell(row=r, column=j, value=val)
            if missed:
                for j in range(1, 10):
                    w3.cell(row=r, column=j).fill = PatternFill('solid', fgColor='FFE699')
            r += 1
w3.cell(row=r + 1, column=1, value='Mugikortasuna: 0 = ohean (encamado), 1 = aulkia, 2 = taka-takarekin (andador), 3 = makila (bastón), 4 = laguntzarik gabe (autónomo).')
w3.cell(row=r + 2, column=1, value='Egina? Ez = ez da egin (no realizada), arrazoia oharretan.')
for j, wd in enumerate([12, 7, 18, 26, 10, 9, 8, 12, 36], 1):
    w3.column_dimensions[get_column_letter(j)].width = wd

# ---------------------------------------------------------------- sheet 4: new fractures
w4 = wb.create_sheet('Haustura berriak')
header(w4, 1, ['Kodea', 'Data / Fecha (irudia)', 'Maila / Nivel', 'Oharrak / Notas'])
fr = [p for p in patients if p['frac'] is not None and p['frac'] <= (CUTOFF - p['d0']).days]
fr.sort(key=lambda p: p['d0'] + TD(days=p['frac']))
for k, p in enumerate(fr):
    note = rng.choice(['RM: aplastamiento agudo %s.', 'Rx control: nuevo acuñamiento %s.', 'RM: edema óseo en %s, fractura reciente.']) % p['frac_level']
    if len(p['sessions']) > 1:
        note += ' Se programa nueva intervención.'
    for j, val in enumerate([p['pid'], eusk(p['d0'] + TD(days=p['frac'])), p['frac_level'], note], 1):
        w4.cell(row=2 + k, column=j, value=val)
    truth_frac.append([p['pid'], p['frac'], p['frac_level']])
for j, wd in enumerate([12, 26, 10, 55], 1):
    w4.column_dimensions[get_column_letter(j)].width = wd

# ---------------------------------------------------------------- planted errors
errors = []
used = set()
# 1. impossible date in follow-up (Feb 30)
p1 = next(p for p in patients if any(tp in ('1m', '3m') for (_, tp, *_x) in p.get('r3', [])))
used.add(p1['pid'])
row, tp, sess, eva, odi, mob, day = next(x for x in p1['r3'] if x[1] in ('1m', '3m'))
real = p1['d0'] + TD(days=day)
bad = '%dko otsailaren 30a' % real.year
w3.cell(row=row, column=4, value=bad)
errors.append([w3.title, 'D%d' % row, row, 'Data / Fecha', bad,
               'impossible date (30 February does not exist); visit was %s' % real.strftime('%Y/%m/%d'), p1['pid']])
# 2. ODI > 100
p2 = next(p for p in patients if p['pid'] not in used and any(x[4] is not None and x[1] != 'pre' for x in p.get('r3', [])))
used.add(p2['pid'])
x = next(x for x in p2['r3'] if x[4] is not None and x[1] != 'pre')
w3.cell(row=x[0], column=7, value=x[4] + 120)
errors.append([w3.title, 'G%d' % x[0], x[0], 'ODI (%)', x[4] + 120,
               'ODI %d%% is outside 0-100; paper form says %d' % (x[4] + 120, x[4]), p2['pid']])
# 3. mobility outside 0-4
p3 = next(p for p in patients if p['pid'] not in used and any(x[5] is not None and x[1] == '1m' for x in p.get('r3', [])))
used.add(p3['pid'])
x = next(x for x in p3['r3'] if x[5] is not None and x[1] == '1m')
w3.cell(row=x[0], column=8, value=6)
errors.append([w3.title, 'H%d' % x[0], x[0], 'Mugikortasuna (0-4)', 6,
               'mobility score 6 is outside the 0-4 scale; should be %d' % x[5], p3['pid']])
# 4. cement volume decimal lost
p4 = next(p for p in patients if p['pid'] not in used and any(v % 1 for (_, _, _, v) in p['r2']))
used.add(p4['pid'])
row, sess, lv, v = next(x for x in p4['r2'] if x[3] % 1)
bad = '%d' % round(v * 10)
w2.cell(row=row, column=6, value=bad)
errors.append([w2.title, 'F%d' % row, row, 'Zementua (ml)', bad,
               '%s ml of cement in one vertebra (%s) is impossible, decimal comma lost; should be %s' % (bad, lv, str(v).replace('.', ',')), p4['pid']])

wb.save(os.path.join(HERE, 'input.xlsx'))

# ---------------------------------------------------------------- truth
T = os.path.join(HERE, 'truth')
os.makedirs(T, exist_ok=True)


def wcsv(name, header_, rows):
    with open(os.path.join(T, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header_)
        w.writerows(rows)


wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
     [[p['pid'], p['sex'], p['age'], p['et'], p['died']] for p in patients])
truth_proc.sort(key=lambda r_: (r_[0], r_[1]))
wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                        'session_cement_volume_ml', 'cement_type', 'leakage'], truth_proc)
wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], truth_ass)
wcsv('fractures.csv', ['patient_id', 'day', 'level'], truth_frac)
wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
ids = []
for p in patients:
    ids += [('name', p['name']), ('record_number', p['hk']), ('national_id', p['dni']), ('phone', p['tel']),
            ('birth_date', p['birth_txt'])]
wcsv('identifiers.csv', ['kind', 'value'], ids)
print('donostia: %d patients, %d proc rows, %d assessments, %d fractures' % (len(patients), len(truth_proc), len(truth_ass), len(truth_frac)))
