"""Plovdiv (UMBAL Sv. Georgi, neurosurgery) - one row per patient, Bulgarian.
Deterministic: writes input.xlsx and truth/*.csv next to itself."""
import csv
import datetime as dt
import os
import random

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(27002)
D = dt.date
TD = dt.timedelta
CUTOFF = D(2023, 12, 15)

LEVELS = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
CENTRES = ['T8', 'T10', 'T11', 'T12', 'T12', 'T12', 'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']

NAMES_F = ['Мария Иванова Петрова', 'Стефка Георгиева Димитрова', 'Радка Петкова Колева', 'Елена Тодорова Стоянова',
           'Донка Атанасова Маринова', 'Пенка Илиева Христова', 'Йорданка Николова Ангелова', 'Василка Стоянова Костова',
           'Гинка Димитрова Вълчева', 'Милка Колева Пеева', 'Цветана Русева Бонева', 'Катерина Ненова Кирова']
NAMES_M = ['Иван Петров Георгиев', 'Тодор Стоянов Илиев', 'Димитър Колев Атанасов', 'Христо Ангелов Михайлов',
           'Петко Русев Тонев', 'Никола Генчев Янков', 'Атанас Благоев Шопов']

TP_DAYS = {'24h': 1, '1m': 30, '3m': 91, '6m': 182, '12m': 365}


def lvl_bg(lv):
    return ('Th' + lv[1:]) if lv[0] == 'T' else lv


def levels_bg(lvs):
    if len(lvs) >= 3:
        return '%s–%s' % (lvl_bg(lvs[0]), lvl_bg(lvs[-1]))
    return ', '.join(lvl_bg(x) for x in lvs)


def pick_levels(n):
    c = LEVELS.index(rng.choice(CENTRES))
    s = max(0, min(c - rng.randint(0, n - 1), len(LEVELS) - n))
    return LEVELS[s:s + n]


def adjacent(levels):
    lo, hi = LEVELS.index(levels[0]) - 1, LEVELS.index(levels[-1]) + 1
    cands = [LEVELS[k] for k in (lo, hi) if 0 <= k < len(LEVELS)]
    return rng.choice(cands)


def egn(birth, sex):
    m = birth.month if birth.year < 2000 else birth.month + 40
    base = '%02d%02d%02d' % (birth.year % 100, m, birth.day)
    reg = rng.randint(0, 99) * 10 + rng.choice([0, 2, 4, 6, 8] if sex == 'male' else [1, 3, 5, 7, 9])
    digits = base + '%03d' % reg
    w = [2, 4, 8, 5, 10, 9, 7, 3, 6]
    cs = sum(int(a) * b for a, b in zip(digits, w)) % 11
    return digits + str(0 if cs == 10 else cs)


def bgdate(d):
    f = rng.random()
    if f < 0.75:
        return '%02d.%02d.%d г.' % (d.day, d.month, d.year)
    if f < 0.9:
        return '%02d.%02d.%dг.' % (d.day, d.month, d.year)
    return '%d.%d.%d' % (d.day, d.month, d.year)


def num_bg(v):
    """number as the unit types it: ints as numbers, decimals as text with comma"""
    if float(v).is_integer():
        return int(v)
    return ('%g' % v).replace('.', ',')


def age_at(birth, d):
    return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))


# ---------------------------------------------------------------- cohort
order = ['female'] * 12 + ['male'] * 7
rng.shuffle(order)
fi = mi = 0
patients = []
for i, sex in enumerate(order):
    if sex == 'female':
        name = NAMES_F[fi]; fi += 1
    else:
        name = NAMES_M[mi]; mi += 1
    et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [58, 27, 10, 5])[0]
    if i == 4:
        et = 'other'
    if i in (7, 13):
        et = 'traumatic'
    target_age = {'osteoporotic': rng.randint(62, 87), 'pathologic': rng.randint(52, 80),
                  'traumatic': rng.randint(48, 76), 'other': rng.randint(45, 68)}[et]
    d0 = D(2021, 3, 1) + TD(days=rng.randint(0, 700))
    birth = D(d0.year - target_age, 1, 1) - TD(days=rng.randint(0, 364))
    age = age_at(birth, d0)
    nlev = rng.choices([1, 2, 3], [52, 34, 14])[0]
    levels = [pick_levels(1)[0]] if et == 'other' else pick_levels(nlev)
    tech = 'kyphoplasty' if rng.random() < 0.35 else 'vertebroplasty'
    vols = [rng.choice([2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5]) for _ in levels]
    if tech == 'kyphoplasty':
        vols = [v + 1 for v in vols]
    per_level = rng.random() < 0.7
    ctype = 'calcium phosphate' if et == 'traumatic' and rng.random() < 0.7 else 'PMMA'
    leak = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous'], [60, 15, 12, 7, 6])[0]
    death = None
    if et == 'pathologic' and rng.random() < 0.55:
        death = rng.randint(60, 330)
    elif rng.random() < 0.07:
        death = rng.randint(100, 360)
    frac = rng.randint(30, 250) if (rng.random() < 0.22 or i in (2, 10)) else None
    if death is not None and frac is not None and frac >= death:
        frac = None
    p = dict(pid='ВП-%03d' % (i + 1), name=name, sex=sex, et=et, age=age, birth=birth, d0=d0, death=death, frac=frac,
             egn=egn(birth, sex), iz='%d/%d' % (rng.randint(1200, 29999), d0.year),
             phone=rng.choice(['0888 %03d %03d', '0878 %03d %03d', '0898 %03d %03d', '032 %03d %03d']) % (rng.randint(100, 999), rng.randint(0, 999)),
             levels=levels, tech=tech, vols=vols, per_level=per_level, ctype=ctype, leak=leak)
    p['dx'] = {'osteoporotic': rng.choice(['Остеопоротична компресионна фрактура', 'Остеопороза, компресионна фр.', 'Остеопоротична фрактура']),
               'pathologic': rng.choice(['Метастаза (Ca mammae)' if sex == 'female' else 'Метастаза (Ca prostatae)', 'Мултиплен миелом', 'Метастаза (Ca pulmonis)']),
               'traumatic': rng.choice(['Травма – падане от височина', 'Травма (ПТП)']),
               'other': 'Хемангиом на прешлена'}[et]
    if frac is not None:
        p['frac_level'] = adjacent(levels)
        if rng.random() < 0.7:
            p['reop'] = dict(day=frac + rng.randint(5, 21), level=p['frac_level'], tech='vertebroplasty',
                             vol=rng.choice([3, 3.5, 4, 4.5]))
    patients.append(p)

patients.sort(key=lambda q: q['d0'])
for k, q in enumerate(patients):
    q['pid'] = 'ВП-%03d' % (k + 1)

# scores
for p in patients:
    end_day = (CUTOFF - p['d0']).days
    if p['death'] is not None:
        end_day = min(end_day, p['death'])
    pre = rng.choice([7, 7, 8, 8, 8, 9, 9, 10, 7.5, 8.5])
    odi_pre = rng.choice([52, 56, 58, 62, 64, 66, 68, 72, 74, 78, 60.0, 64.4, 71.1])
    p['sc'] = {'pre': (pre, odi_pre)}
    p['dates'] = {}
    p['status'] = {}
    for tp in ['24h', '1m', '3m', '6m', '12m']:
        day = TP_DAYS[tp] + (0 if tp == '24h' else rng.randint(-4, 10))
        if p['death'] is not None and day > p['death']:
            p['status'][tp] = 'died'
            continue
        if day > end_day:
            p['status'][tp] = 'notdue'
            continue
        if tp != '24h' and rng.random() < 0.13:
            p['status'][tp] = 'missed'
            p['dates'][tp] = None
            continue
        v = max(0, pre - rng.randint(3, 5)) if tp == '24h' else rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 2.5, 3.5])
        o = None if tp == '24h' else rng.choice([18, 20, 22, 24, 26, 28, 30, 34, 36, 40, 26.7, 31.1, 22.2])
        p['sc'][tp] = (v, o)
        p['dates'][tp] = p['d0'] + TD(days=day)
        p['status'][tp] = 'done'

# ---------------------------------------------------------------- workbook
wb = Workbook()
ws = wb.active
ws.title = 'ВП-КП 2021-2023'
thin = Side(style='thin', color='999999')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
ws['A1'] = 'УМБАЛ „Св. Георги“ – Пловдив, Клиника по неврохирургия'
ws['A2'] = 'Регистър: перкутанна вертебропластика (ВП) и кифопластика (КП), 2021–2023 г.'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'].font = Font(italic=True)

groups = [
    ('Пациент', ['№', 'Код', 'Име, презиме, фамилия', 'ЕГН', 'ИЗ №', 'Телефон', 'Пол', 'Възраст (г.)', 'Диагноза']),
    ('Операция', ['Дата', 'Ниво', 'Метод', 'Цимент (мл)', 'Вид цимент', 'Изтичане на цимент']),
    ('Преди операцията', ['ВАШ', 'ODI (%)']),
    ('24 часа', ['ВАШ']),
    ('1 месец', ['Дата', 'ВАШ', 'ODI (%)']),
    ('3 месеца', ['Дата', 'ВАШ', 'ODI (%)']),
    ('6 месеца', ['Дата', 'ВАШ', 'ODI (%)']),
    ('12 месеца', ['Дата', 'ВАШ', 'ODI (%)']),
    ('Повторна интервенция', ['Дата', 'Ниво', 'Метод', 'Цимент (мл)']),
    ('Нова фрактура', ['Дата', 'Ниво']),
    ('Изход', ['Починал', 'Дата на смъртта']),
    ('', ['Бележки']),
]
COLORS = ['DDEBF7', 'FCE4D6', 'E2EFDA', 'FFF2CC', 'EDEDED', 'E2EFDA', 'FFF2CC', 'EDEDED', 'F8CBAD', 'D9E1F2', 'D9D9D9', 'FFFFFF']
HR1, HR2, R0 = 4, 5, 6
col = 1
colmap = {}
for gi, (g, subs) in enumerate(groups):
    c0 = col
    for s in subs:
        c = ws.cell(row=HR2, column=col, value=s)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
        c.fill = PatternFill('solid', fgColor=COLORS[gi])
        c.border = B
        colmap[(g, s)] = col
        col += 1
    h = ws.cell(row=HR1, column=c0, value=g or None)
    h.font = Font(bold=True)
    h.alignment = Alignment(horizontal='center')
    h.fill = PatternFill('solid', fgColor=COLORS[gi])
    if len(subs) > 1:
        ws.merge_cells(start_row=HR1, start_column=c0, end_row=HR1, end_column=col - 1)
    elif g == '':
        ws.merge_cells(start_row=HR1, start_column=c0, end_row=HR2, end_column=c0)
        ws.cell(row=HR1, column=c0, value='Бележки').font = Font(bold=True)
NCOL = col - 1


def C(g, s):
    return colmap[(g, s)]


TPG = {'1m': '1 месец', '3m': '3 месеца', '6m': '6 месеца', '12m': '12 месеца'}
truth_proc, truth_ass, truth_frac = [], [], []
cells = {}
for k, p in enumerate(patients):
    r = R0 + k
    p['row'] = r
    put = lambda g, s, v: ws.cell(row=r, column=C(g, s), value=v)
    put('Пациент', '№', k + 1)
    put('Пациент', 'Код', p['pid'])
    put('Пациент', 'Име, презиме, фамилия', p['name'])
    put('Пациент', 'ЕГН', p['egn'])
    put('Пациент', 'ИЗ №', p['iz'])
    put('Пациент', 'Телефон', p['phone'])
    put('Пациент', 'Пол', {'female': 'Ж', 'male': 'М'}[p['sex']])
    put('Пациент', 'Възраст (г.)', p['age'])
    put('Пациент', 'Диагноза', p['dx'])
    put('Операция', 'Дата', bgdate(p['d0']))
    put('Операция', 'Ниво', levels_bg(p['levels']))
    put('Операция', 'Метод', {'vertebroplasty': 'ВП', 'kyphoplasty': 'КП'}[p['tech']])
    if p['per_level']:
        vtxt = ' / '.join(str(num_bg(v)) for v in p['vols'])
        put('Операция', 'Цимент (мл)', vtxt if len(p['vols']) > 1 else num_bg(p['vols'][0]))
    else:
        put('Операция', 'Цимент (мл)', 'общо %s' % num_bg(sum(p['vols'])))
    put('Операция', 'Вид цимент', {'PMMA': rng.choice(['ПММА', 'PMMA']), 'calcium phosphate': 'калциев фосфат'}[p['ctype']])
    put('Операция', 'Изтичане на цимент', {'none': rng.choice(['няма', 'не', 'няма']), 'disc': 'в диска', 'venous': 'венозно',
                                           'paravertebral': 'паравертебрално', 'disc;venous': 'в диска + венозно'}[p['leak']])
    tot = sum(p['vols'])
    for lv, v in zip(p['levels'], p['vols']):
        truth_proc.append([p['pid'], 1, 0, lv, p['tech'], ('%g' % v) if p['per_level'] else '',
                           '' if p['per_level'] else '%g' % tot, p['ctype'], p['leak']])
    pre, opre = p['sc']['pre']
    put('Преди операцията', 'ВАШ', num_bg(pre))
    put('Преди операцията', 'ODI (%)', num_bg(opre))
    truth_ass.append([p['pid'], 1, 'pain_vas', 'pre', '%g' % pre])
    truth_ass.append([p['pid'], 1, 'odi', 'pre', '%g' % opre])
    st = p['status']['24h']
    if st == 'done':
        put('24 часа', 'ВАШ', num_bg(p['sc']['24h'][0]))
        truth_ass.append([p['pid'], 1, 'pain_vas', '24h', '%g' % p['sc']['24h'][0]])
    for tp, g in TPG.items():
        st = p['status'][tp]
        if st == 'done':
            v, o = p['sc'][tp]
            put(g, 'Дата', bgdate(p['dates'][tp]))
            put(g, 'ВАШ', num_bg(v))
            truth_ass.append([p['pid'], 1, 'pain_vas', tp, '%g' % v])
            if rng.random() < 0.9:
                put(g, 'ODI (%)', num_bg(o))
                truth_ass.append([p['pid'], 1, 'odi', tp, '%g' % o])
            else:
                put(g, 'ODI (%)', 'н.д.')
        elif st == 'missed':
            put(g, 'Дата', rng.choice(['не се яви', 'не се яви', 'неявил се']))
            put(g, 'ВАШ', '—')
            put(g, 'ODI (%)', '—')
        elif st == 'died':
            put(g, 'Дата', 'почина')
            for s in ('Дата', 'ВАШ', 'ODI (%)'):
                ws.cell(row=r, column=C(g, s)).fill = PatternFill('solid', fgColor='BFBFBF')
    if 'reop' in p:
        ro = p['reop']
        put('Повторна интервенция', 'Дата', bgdate(p['d0'] + TD(days=ro['day'])))
        put('Повторна интервенция', 'Ниво', lvl_bg(ro['level']))
        put('Повторна интервенция', 'Метод', 'ВП')
        put('Повторна интервенция', 'Цимент (мл)', num_bg(ro['vol']))
        truth_proc.append([p['pid'], 2, ro['day'], ro['level'], 'vertebroplasty', '%g' % ro['vol'], '', p['ctype'] if p['ctype'] == 'PMMA' else 'PMMA', 'none'])
    else:
        put('Повторна интервенция', 'Дата', '—')
    if p['frac'] is not None and p['frac'] <= (CUTOFF - p['d0']).days:
        put('Нова фрактура', 'Дата', bgdate(p['d0'] + TD(days=p['frac'])))
        put('Нова фрактура', 'Ниво', lvl_bg(p['frac_level']))
        truth_frac.append([p['pid'], p['frac'], p['frac_level']])
    else:
        put('Нова фрактура', 'Дата', 'не')
    died = p['death'] is not None and p['death'] <= (CUTOFF - p['d0']).days
    p['died'] = 'yes' if died else 'no'
    put('Изход', 'Починал', 'да' if died else 'не')
    if died:
        put('Изход', 'Дата на смъртта', bgdate(p['d0'] + TD(days=p['death'])))
    notes = []
    if 'reop' in p:
        notes.append('Повторна ВП за нова фрактура, без изтичане, ПММА.')
    if p['et'] == 'pathologic' and rng.random() < 0.5:
        notes.append('Онкология – лъчетерапия след ВП.')
    if p['status'].get('12m') == 'notdue':
        notes.append('12 м. – предстои.')
    put('', 'Бележки', ' '.join(notes) or None)
    for j in range(1, NCOL + 1):
        ws.cell(row=r, column=j).border = B

# ---------------------------------------------------------------- planted errors
errors = []
SHEET = ws.title


def addr(r, c):
    return '%s%d' % (get_column_letter(c), r)


used = set()
# 1. impossible level Th13
p1 = next(p for p in patients if p['levels'][-1] == 'T12' and len(p['levels']) <= 2 and 'reop' not in p)
used.add(p1['pid'])
c = C('Операция', 'Ниво')
lv_txt = levels_bg(p1['levels'][:-1] + ['T13'])
ws.cell(row=p1['row'], column=c, value=lv_txt)
errors.append([SHEET, addr(p1['row'], c), p1['row'], 'Операция / Ниво', lv_txt,
               'impossible level Th13 (there are 12 thoracic vertebrae); should be Th12', p1['pid']])
# 2. impossible date 31.02 in 1-month follow-up
p2 = next(p for p in patients if p['pid'] not in used and p['status']['1m'] == 'done')
used.add(p2['pid'])
c = C('1 месец', 'Дата')
real = p2['dates']['1m']
bad = '31.02.%d г.' % real.year
ws.cell(row=p2['row'], column=c, value=bad)
errors.append([SHEET, addr(p2['row'], c), p2['row'], '1 месец / Дата', bad,
               'impossible date (31 February); the 1-month visit was %s' % real.strftime('%d.%m.%Y'), p2['pid']])
# 3. VAS 85 on 0-10 scale
p3 = next(p for p in patients if p['pid'] not in used and p['status']['6m'] == 'done' and p['sc']['6m'][0] in (3, 4, 2))
used.add(p3['pid'])
c = C('6 месеца', 'ВАШ')
good = p3['sc']['6m'][0]
ws.cell(row=p3['row'], column=c, value=good * 10 + 5)
errors.append([SHEET, addr(p3['row'], c), p3['row'], '6 месеца / ВАШ', good * 10 + 5,
               'VAS %d outside the 0-10 scale (typed as if mm); source sheet says %g' % (good * 10 + 5, good), p3['pid']])
# 4. missing study code
p4 = next(p for p in patients if p['pid'] not in used and p['row'] > R0 + 8)
used.add(p4['pid'])
c = C('Пациент', 'Код')
ws.cell(row=p4['row'], column=c).value = None
errors.append([SHEET, addr(p4['row'], c), p4['row'], 'Пациент / Код', '',
               'study code missing; by register order it is %s' % p4['pid'], p4['pid']])

# notes under table
last = R0 + len(patients)
foot = ['Легенда: ВП – вертебропластика; КП – балонна кифопластика; ВАШ – визуално-аналогова скала 0–10; ODI – Oswestry (%).',
        'Цимент: обем за всеки прешлен в реда на нивата, разделени с „/“; „общо“ = само общ обем за операцията.',
        '„не се яви“ – пропуснат преглед; „почина“ – пациентът е починал преди този контрол; „н.д.“ – няма данни.',
        'Контролите (24 ч., 1, 3, 6, 12 месеца) се броят от първата операция.']
for k, t in enumerate(foot):
    ws.cell(row=last + 2 + k, column=1, value=t).font = Font(italic=True, size=9)
widths = {1: 4, 2: 8, 3: 30, 4: 12, 5: 11, 6: 13, 7: 5, 8: 7, 9: 34}
for j in range(1, NCOL + 1):
    ws.column_dimensions[get_column_letter(j)].width = widths.get(j, 11)
ws.column_dimensions[get_column_letter(NCOL)].width = 40
ws.freeze_panes = ws.cell(row=R0, column=4)
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
wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                        'session_cement_volume_ml', 'cement_type', 'leakage'], truth_proc)
wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], truth_ass)
wcsv('fractures.csv', ['patient_id', 'day', 'level'], truth_frac)
wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
ids = []
for p in patients:
    ids += [('name', p['name']), ('national_id', p['egn']), ('record_number', p['iz']), ('phone', p['phone'])]
wcsv('identifiers.csv', ['kind', 'value'], ids)
print('plovdiv: %d patients, %d proc rows, %d assessments, %d fractures' % (len(patients), len(truth_proc), len(truth_ass), len(truth_frac)))
