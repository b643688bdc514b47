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

# ---------------------------------------------------------------- Makhachkala writer
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.comments import Comment

SEED = 3401
TPS = ('pre', '1w', '1m', '3m', '6m', '12m')
pats = gen_cohort(SEED, 18, dt.date(2022, 1, 10), TPS, ('pain_vas', 'odi', 'mobility'),
                  cement_types=('PMMA', 'PMMA', 'PMMA', 'calcium phosphate'), kypho_frac=0.25)
rng = random.Random(SEED + 1)

M_NAMES = [('Магомед', 'Гаджиев', 'Алиевич'), ('Шамиль', 'Абдулаев', 'Магомедович'), ('Расул', 'Гамзатов', 'Омарович'),
           ('Ахмед', 'Курбанов', 'Исаевич'), ('Гаджимурад', 'Нурмагомедов', 'Шамилович'), ('Омар', 'Хизриев', 'Гасанович'),
           ('Саид', 'Алиханов', 'Ахмедович')]
F_NAMES = [('Патимат', 'Алиева', 'Магомедовна'), ('Хадижат', 'Омарова', 'Гаджиевна'), ('Зайнаб', 'Исаева', 'Расуловна'),
           ('Аминат', 'Магомедова', 'Шамилевна'), ('Меседу', 'Гасанова', 'Алиевна'), ('Марьям', 'Абакарова', 'Саидовна'),
           ('Айшат', 'Курбанова', 'Омаровна'), ('Написат', 'Дибирова', 'Ахмедовна'), ('Сапият', 'Муртузалиева', 'Гаджиевна'),
           ('Умукусум', 'Рамазанова', 'Ибрагимовна'), ('Жамилат', 'Сулейманова', 'Магомедовна'), ('Барият', 'Загирова', 'Нуриевна'),
           ('Загидат', 'Халилова', 'Абдуллаевна'), ('Asiyat', 'Ибрагимова', 'Исмаиловна')]
F_NAMES[-1] = ('Асият', 'Ибрагимова', 'Исмаиловна')
mi = fi = 0
for p in pats:
    p['code'] = 'ВП-%02d' % (p['idx'] + 1)
    if p['sex'] == 'male':
        p['fio'] = M_NAMES[mi % len(M_NAMES)]; mi += 1
    else:
        p['fio'] = F_NAMES[fi % len(F_NAMES)]; fi += 1
    p['ib'] = '%d/%d' % (rng.randint(1100, 9800), p['first'].year % 100)
    p['phone'] = '+7 (9%02d) %03d-%02d-%02d' % (rng.choice([28, 63, 89, 34]), rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99))

DIAG = {'osteoporotic': ['Остеопороз. Компрессионный перелом', 'Системный остеопороз, патол. компр. перелом', 'ОП перелом тела позвонка'],
        'pathologic': ['Метастаз рака молочной железы', 'Миеломная болезнь', 'Метастаз рака предстательной железы'],
        'traumatic': ['Травма — падение с высоты', 'Травма (ДТП), компрессионный перелом'],
        'other': ['Агрессивная гемангиома']}
LEAK = {'none': 'нет', 'disc': 'в диск', 'venous': 'венозная', 'paravertebral': 'паравертебрально',
        'epidural': 'эпидурально', 'disc;venous': 'в диск + венозная'}
CEM = {'PMMA': 'ПММА', 'calcium phosphate': 'кальций-фосфатный'}
TECH = {'vertebroplasty': 'ВП', 'kyphoplasty': 'КП'}


def rlev(L):
    return ('Th' + L[1:]) if L.startswith('T') else L


def ru(d):
    return d.strftime('%d.%m.%Y')


def comma(x):
    return fmt_num(x).replace('.', ',')


def diag_for(p):
    opts = DIAG[p['etiology']]
    bad = ('prostate', 'предстательной') if p['sex'] == 'female' else ('breast', 'молочной', 'sen)')
    return [o for o in opts if not any(b in o for b in bad)]


errors = []
# planted mistakes: choose patients
single = [p for p in pats if len(p['sessions']) == 1 and not p['fractures']]
E_LEVEL, E_VOL, E_DATE = single[1], single[4], single[7]
E_ODI = [p for p in pats if len(p['sessions']) == 2][0]

wb = openpyxl.Workbook()
thin = Side(style='thin', color='999999')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
HDR = PatternFill('solid', fgColor='DDEBF7')
DEAD = PatternFill('solid', fgColor='D9D9D9')
bold = Font(bold=True)


def title(ws, text2, ncol):
    ws['A1'] = 'ГБУ РД «Республиканская клиническая больница им. А.В. Вишневского» — нейрохирургическое отделение'
    ws['A2'] = text2
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'].font = Font(italic=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)


# ---- Пациенты
ws = wb.active
ws.title = 'Пациенты'
title(ws, 'Регистр чрескожной вертебропластики / кифопластики 2022–2023 (врач: Гусейнов Р.М.)', 12)
hdr = ['№ п/п', 'Шифр', 'ФИО', 'Дата рожд.', '№ и/б', 'Телефон', 'Пол', 'Возраст', 'Диагноз',
       'Исход', 'Новые переломы (уровень, дата)', 'Примечание']
for j, h in enumerate(hdr, 1):
    c = ws.cell(4, j, h); c.font = bold; c.fill = HDR; c.border = B
    c.alignment = Alignment(wrap_text=True, vertical='center')
identifiers = []
r = 5
for p in pats:
    fio = ' '.join([p['fio'][1], p['fio'][0], p['fio'][2]])
    identifiers += [('name', fio), ('record_number', p['ib']), ('phone', p['phone']), ('birth_date', ru(p['birth']))]
    if p['died']:
        outcome = 'умер %s (хвана)' % ru(p['death_date']) if rng.random() < 0.6 else 'умер(ла) %s' % ru(p['death_date'])
    else:
        outcome = 'жив' if p['sex'] == 'male' else 'жива'
    fr = '; '.join('%s — %s' % (rlev(lv), ru(p['first'] + dt.timedelta(days=fd))) for fd, lv in p['fractures'])
    note = ''
    if p['etiology'] == 'pathologic':
        note = 'онкология, наблюдается у онколога'
    if len(p['sessions']) == 2:
        note = (note + '; ' if note else '') + 'повторная ВП'
    vals = [p['idx'] + 1, p['code'], fio, ru(p['birth']), p['ib'], p['phone'],
            'м' if p['sex'] == 'male' else 'ж', p['age'], rng.choice(diag_for(p)), outcome, fr or 'нет', note]
    for j, v in enumerate(vals, 1):
        c = ws.cell(r, j, v); c.border = B
        if p['died']:
            c.fill = DEAD
    p['prow'] = r
    r += 1
ws.cell(r + 1, 1, 'Серым выделены умершие. Возраст — полных лет на день первой операции.').font = Font(italic=True, size=9)
for col, w in zip('ABCDEFGHIJKL', [5, 8, 34, 11, 10, 19, 5, 8, 38, 24, 26, 30]):
    ws.column_dimensions[col].width = w

# ---- Операции
ws = wb.create_sheet('Операции')
title(ws, 'Операции (одна строка = один позвонок). Объём цемента — мл на позвонок.', 10)
hdr = ['Шифр', 'Дата операции', 'Операция', 'Уровень', 'Методика', 'Объём цемента, мл', 'Цемент',
       'Утечка цемента', 'Хирург', 'Примечание']
for j, h in enumerate(hdr, 1):
    c = ws.cell(4, j, h); c.font = bold; c.fill = HDR; c.border = B
    c.alignment = Alignment(wrap_text=True)
r = 5
for p in pats:
    for s in p['sessions']:
        for k, (L, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leak'])):
            date_val = ru(s['date']) if rng.random() < 0.5 else s['date']
            vol = comma(v) if rng.random() < 0.6 else v
            lev = rlev(L)
            note = ''
            if p is E_LEVEL and k == 0:
                lev = 'L7'
                errors.append(['Операции', 'D%d' % r, r, 'Уровень', 'L7',
                               'impossible vertebral level L7 (no such lumbar vertebra); should be %s' % L, p['code']])
            if p is E_VOL and k == 0:
                vol = fmt_num(v * 10)
                errors.append(['Операции', 'F%d' % r, r, 'Объём цемента, мл', vol,
                               'cement volume %s mL for one vertebra is impossible (decimal comma lost); should be %s' % (vol, comma(v)), p['code']])
            if p is E_DATE and k == 0:
                date_val = '31.09.%d' % s['date'].year
                errors.append(['Операции', 'B%d' % r, r, 'Дата операции', date_val,
                               'impossible date (September has 30 days); the same operation is dated %s on the ВАШ/ODI/Мобильность sheets' % ru(s['date']), p['code']])
            vals = [p['code'], date_val, '1' if s['s'] == 1 else '2 (повт.)', lev, TECH[s['technique']], vol,
                    CEM[s['cement']], LEAK[lk], rng.choice(['Гусейнов Р.М.', 'Магомедов А.Г.']), note]
            for j, val in enumerate(vals, 1):
                c = ws.cell(r, j, val); c.border = B
                if isinstance(val, dt.date):
                    c.number_format = 'DD.MM.YYYY'
            r += 1
ws.cell(r + 1, 1, 'ВП — вертебропластика, КП — баллонная кифопластика. Операция 2 = повторная (другой уровень).').font = Font(italic=True, size=9)
for col, w in zip('ABCDEFGHIJ', [8, 13, 10, 8, 9, 10, 17, 20, 16, 20]):
    ws.column_dimensions[col].width = w

# ---- grids
TPH = {'pre': 'до операции', '1w': '1 нед.', '1m': '1 мес.', '3m': '3 мес.', '6m': '6 мес.', '12m': '12 мес.'}
for sheet, meas, sub in [('ВАШ', 'pain_vas', 'Боль по ВАШ, баллы 0–10'),
                         ('ODI', 'odi', 'Индекс Освестри (ODI), %'),
                         ('Мобильность', 'mobility', 'Мобильность: 0 — ходит самостоятельно, 1 — с тростью, 2 — с ходунками, 3 — в пределах кровати/кресла, 4 — лежачий')]:
    ws = wb.create_sheet(sheet)
    title(ws, sub, 9)
    ws.cell(4, 1, 'Шифр'); ws.cell(4, 2, 'Операция'); ws.cell(4, 3, 'Дата операции')
    ws.cell(4, 4, 'Сроки наблюдения')
    ws.merge_cells(start_row=4, start_column=4, end_row=4, end_column=9)
    for a in ('A', 'B', 'C'):
        ws.merge_cells('%s4:%s5' % (a, a))
    for j, tp in enumerate(TPS):
        ws.cell(5, 4 + j, TPH[tp])
    for row in ws.iter_rows(min_row=4, max_row=5, max_col=9):
        for c in row:
            c.font = bold; c.fill = HDR; c.border = B; c.alignment = Alignment(horizontal='center', wrap_text=True)
    r = 6
    for p in pats:
        for s in p['sessions']:
            ws.cell(r, 1, p['code']); ws.cell(r, 2, 1 if s['s'] == 1 else 'повт.')
            c = ws.cell(r, 3, s['date']); c.number_format = 'DD.MM.YYYY'
            dead_written = False
            for j, tp in enumerate(TPS):
                c = ws.cell(r, 4 + j)
                if (s['s'], meas, tp) in p['scores']:
                    c.value = p['scores'][(s['s'], meas, tp)]
                    if p is E_ODI and meas == 'odi' and s['s'] == 2 and tp == '1m':
                        c.value = 112
                        errors.append([sheet, '%s%d' % ('DEFGHI'[j], r), r, TPH[tp], '112',
                                       'Oswestry index 112%% is outside 0-100; should be %d' % p['scores'][(2, 'odi', '1m')], p['code']])
                elif tp in s['visit_dates'] and s['visit_dates'][tp] is None:
                    c.value = rng.choice(['н/я', 'гьечӀо', 'не явился' if p['sex'] == 'male' else 'не явилась'])
                elif p['died'] and not dead_written and s is p['sessions'][-1] and tp != 'pre':
                    c.value = 'умер' if p['sex'] == 'male' else 'умерла'
                    c.fill = DEAD
                    dead_written = True
                c.border = B
                c.alignment = Alignment(horizontal='center')
            r += 1
    ws.cell(r + 1, 1, 'н/я, гьечӀо — не явился на контроль; пустая клетка — срок ещё не наступил или не заполнено.').font = Font(italic=True, size=9)
    ws.column_dimensions['A'].width = 8; ws.column_dimensions['C'].width = 13
    ws.freeze_panes = 'D6'

wb.save(os.path.join(HERE, 'input.xlsx'))
identifiers += [('staff_name', 'Гусейнов Р.М.'), ('staff_name', 'Магомедов А.Г.')]
write_truth(pats, lambda p: p['code'], errors, identifiers, per_vertebra=True)
