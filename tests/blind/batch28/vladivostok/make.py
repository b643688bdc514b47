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
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.comments import Comment

rng = random.Random(28404)
VAS_TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
ODI_TPS = ['pre', '3m', '12m']
VAS2_TPS = ['pre', '24h', '1m', '3m']
pats = gen_cohort(rng, 18, dt.date(2019, 3, 1), dt.date(2022, 6, 30), dt.date(2023, 8, 31),
                  VAS_TPS, ODI_TPS, VAS2_TPS, [], kp_share=0.2, n_dead=4, n_frac=4, n_reop=3,
                  missed_rate=0.12, reop_max_levels=2)
for i, p in enumerate(pats):
    p['id'] = str(i + 1)

F_NAMES = ['Иванова Татьяна Петровна', 'Смирнова Галина Ивановна', 'Кузнецова Нина Алексеевна',
           'Попова Валентина Николаевна', 'Васильева Людмила Сергеевна', 'Ким Ольга Чеоловна',
           'Морозова Антонина Фёдоровна', 'Новикова Зинаида Михайловна', 'Фёдорова Раиса Павловна',
           'Ткаченко Любовь Григорьевна', 'Белова Тамара Васильевна', 'Шевченко Надежда Ивановна',
           'Орлова Вера Дмитриевна', 'Пак Светлана Ивановна', 'Захарова Мария Егоровна']
M_NAMES = ['Петров Николай Иванович', 'Соколов Владимир Андреевич', 'Лебедев Геннадий Павлович',
           'Козлов Анатолий Сергеевич', 'Степанов Юрий Михайлович', 'Никитин Виктор Алексеевич',
           'Цой Андрей Владимирович', 'Гончаренко Валерий Петрович']
rng.shuffle(F_NAMES)
rng.shuffle(M_NAMES)
ETIO = {'osteoporotic': ['Остеопороз, компрессионный перелом', 'Системный остеопороз', 'ОП, компр. перелом'],
        'pathologic': ['Мтс рака молочной железы', 'Миеломная болезнь', 'Мтс рака почки', 'Мтс рака простаты'],
        'traumatic': ['Травма (падение с высоты)', 'Травма, ДТП'],
        'other': ['Агрессивная гемангиома']}
LEAK = {'disc': 'в диск', 'venous': 'венозная', 'paravertebral': 'паравертебрально', 'epidural': 'эпидурально'}


def snils():
    d = [rng.randint(0, 9) for _ in range(9)]
    s = sum(x * (9 - i) for i, x in enumerate(d))
    if s > 101:
        s %= 101
    cs = 0 if s in (100, 101) else s
    t = ''.join(map(str, d))
    return '%s-%s-%s %02d' % (t[:3], t[3:6], t[6:], cs)


def rl(L):
    return 'Th' + L[1:] if L[0] == 'T' else L


def dstr(d):
    return d.strftime('%d.%m.%Y')


idents = []
fi = mi = 0
for p in pats:
    if p['sex'] == 'female':
        p['name'] = F_NAMES[fi]; fi += 1
    else:
        p['name'] = M_NAMES[mi]; mi += 1
    p['snils'] = snils()
    p['ib'] = '%d/%02d' % (rng.randint(120, 9800), p['d0'].year % 100)
    n7 = '%07d' % rng.randint(0, 9999999)
    code = rng.choice(['914', '924', '908', '902', '951'])
    p['phone'] = rng.choice(['+7 (%s) %s-%s-%s' % (code, n7[:3], n7[3:5], n7[5:]),
                             '8-%s-%s-%s-%s' % (code, n7[:3], n7[3:5], n7[5:]),
                             '8 (423) 2%s-%s-%s' % (n7[:2], n7[2:4], n7[4:6])])
    p['etxt'] = pick_etio(rng, ETIO, p)
    idents += [('name', p['name']), ('record_number', p['ib']), ('national_id', p['snils']),
               ('phone', p['phone']), ('birth_date', dstr(p['birth'])), ('birth_date', p['birth'].isoformat())]
    for s in p['sessions']:
        if rng.random() < 0.12:
            s['cement_type'] = None

errors = []
plain = [p for p in pats if len(p['sessions']) == 1]
e_lvl = next(p for p in plain if len(p['sessions'][0]['levels']) == 2 and p['sessions'][0]['levels'][0]['level'] in ('T9', 'T10', 'T11', 'T12'))
e_vol = next(p for p in plain if p is not e_lvl and len(p['sessions'][0]['levels']) == 1)
e_odi = next(p for p in plain if p not in (e_lvl, e_vol) and p['sessions'][0]['odi']['3m'][0] == 'value')
e_death = next(p for p in pats if p['died'] and p not in (e_lvl, e_vol, e_odi))


def levels_txt(s):
    lv = [rl(l['level']) for l in s['levels']]
    if len(lv) == 3:
        return '%s–%s' % (lv[0], lv[-1])
    return ', '.join(lv)


def vol_txt(s):
    if len(s['levels']) == 1:
        v = s['levels'][0]['vol']
        return v if rng.random() < 0.6 else fmt_num(v).replace('.', ',')
    return '; '.join('%s – %s' % (rl(l['level']), fmt_num(l['vol']).replace('.', ',')) for l in s['levels'])


def leak_txt(s):
    lk = [(l['level'], l['leak']) for l in s['levels'] if l['leak']]
    if not lk:
        return 'нет'
    out = []
    for L, k in lk:
        t = ' + '.join(LEAK[x] for x in k)
        out.append(t if len(s['levels']) == 1 else '%s (%s)' % (t, rl(L)))
    return '; '.join(out)


def fu(st, v, fem):
    if st == 'value':
        return v
    if st == 'missed':
        return rng.choice(['н/я', 'н/я', '—'])
    if st == 'dead':
        return 'умерла' if fem else 'умер'
    return None


HDR = ['№ п/п', '№ и/б', 'ФИО', 'Дата рожд.', 'Возраст', 'Пол', 'СНИЛС', 'Телефон', 'Диагноз',
       'Дата операции', 'Уровень', 'Методика', 'Объём цемента, мл', 'Цемент', 'Утечка цемента',
       'ВАШ до', 'ВАШ 1 сут', 'ВАШ 1 мес', 'ВАШ 3 мес', 'ВАШ 6 мес', 'ВАШ 12 мес',
       'ODI до, %', 'ODI 3 мес, %', 'ODI 12 мес, %',
       'Повт. операция: дата', 'Повт.: уровень', 'Повт.: методика', 'Повт.: объём, мл', 'Повт.: утечка',
       'Повт.: ВАШ до', 'Повт.: ВАШ 1 сут', 'Повт.: ВАШ 1 мес', 'Повт.: ВАШ 3 мес',
       'Новый перелом (уровень)', 'Дата выявления', 'Летальный исход', 'Дата смерти', 'Примечание']
C = {h: j for j, h in enumerate(HDR, 1)}
GROUPS = [('№ п/п', 'Диагноз', 'Пациент', 'DDEBF7'), ('Дата операции', 'Утечка цемента', 'Операция', 'FCE4D6'),
          ('ВАШ до', 'ВАШ 12 мес', 'ВАШ (0–10 баллов)', 'E2EFDA'), ('ODI до, %', 'ODI 12 мес, %', 'Освестри', 'FFF2CC'),
          ('Повт. операция: дата', 'Повт.: ВАШ 3 мес', 'Повторная операция', 'F8CBAD'),
          ('Новый перелом (уровень)', 'Примечание', 'Исходы', 'EDEDED')]

wb = openpyxl.Workbook()
wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws.title = 'ВП-КП 2019-2022'
thin = Side(style='thin', color='808080')
BD = Border(left=thin, right=thin, top=thin, bottom=thin)
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=20)
ws.cell(1, 1, 'Чрескожная вертебропластика / кифопластика. ГБУЗ «Краевая клиническая больница № 2», '
              'нейрохирургическое отделение, г. Владивосток').font = Font(name='Calibri', bold=True, size=13)
ws.cell(2, 1, 'Данные на 01.09.2023. Сроки наблюдения — от даты соответствующей операции.').font = Font(italic=True)
for a, b, t, col in GROUPS:
    ws.merge_cells(start_row=3, start_column=C[a], end_row=3, end_column=C[b])
    c = ws.cell(3, C[a], t)
    c.font = Font(bold=True)
    c.alignment = Alignment(horizontal='center')
    for j in range(C[a], C[b] + 1):
        ws.cell(3, j).fill = PatternFill('solid', fgColor=col)
        ws.cell(4, j).fill = PatternFill('solid', fgColor=col)
for j, h in enumerate(HDR, 1):
    c = ws.cell(4, j, h)
    c.font = Font(bold=True)
    c.border = BD
    c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
    ws.column_dimensions[CL(j)].width = 11
for h, wd in (('ФИО', 32), ('Диагноз', 30), ('Объём цемента, мл', 20), ('Утечка цемента', 22), ('Примечание', 40),
              ('Телефон', 18), ('СНИЛС', 15)):
    ws.column_dimensions[CL(C[h])].width = wd
ws.freeze_panes = 'D5'

for i, p in enumerate(pats):
    r = 5 + i
    fem = p['sex'] == 'female'
    s1 = p['sessions'][0]
    v = {}
    v['№ п/п'] = int(p['id'])
    v['№ и/б'] = p['ib']
    v['ФИО'] = p['name']
    v['Дата рожд.'] = p['birth']
    v['Возраст'] = p['age']
    v['Пол'] = 'ж' if fem else 'м'
    v['СНИЛС'] = p['snils']
    v['Телефон'] = p['phone']
    v['Диагноз'] = p['etxt']
    v['Дата операции'] = s1['date']
    v['Уровень'] = levels_txt(s1)
    v['Методика'] = 'КП' if s1['technique'] == 'kyphoplasty' else 'ВП'
    v['Объём цемента, мл'] = vol_txt(s1)
    v['Цемент'] = 'ПММА' if s1['cement_type'] else None
    v['Утечка цемента'] = leak_txt(s1)
    for tp, h in zip(VAS_TPS, ['ВАШ до', 'ВАШ 1 сут', 'ВАШ 1 мес', 'ВАШ 3 мес', 'ВАШ 6 мес', 'ВАШ 12 мес']):
        v[h] = fu(*s1['vas'][tp], fem)
    for tp, h in zip(ODI_TPS, ['ODI до, %', 'ODI 3 мес, %', 'ODI 12 мес, %']):
        v[h] = fu(*s1['odi'][tp], fem)
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        v['Повт. операция: дата'] = s2['date']
        v['Повт.: уровень'] = levels_txt(s2)
        v['Повт.: методика'] = 'КП' if s2['technique'] == 'kyphoplasty' else 'ВП'
        v['Повт.: объём, мл'] = vol_txt(s2)
        v['Повт.: утечка'] = leak_txt(s2)
        if s2['cement_type'] is None:
            s2['cement_type'] = 'PMMA'   # column "Цемент" is for the first operation; README: repeat = PMMA
        for tp, h in zip(VAS2_TPS, ['Повт.: ВАШ до', 'Повт.: ВАШ 1 сут', 'Повт.: ВАШ 1 мес', 'Повт.: ВАШ 3 мес']):
            v[h] = fu(*s2['vas'][tp], fem)
    if p['fractures']:
        v['Новый перелом (уровень)'] = rl(p['fractures'][0][1])
        v['Дата выявления'] = p['d0'] + dt.timedelta(days=p['fractures'][0][0])
    else:
        v['Новый перелом (уровень)'] = 'нет'
    v['Летальный исход'] = 'да' if p['died'] else 'нет'
    if p['died']:
        v['Дата смерти'] = p['d0'] + dt.timedelta(days=p['death_day'])
    note = ''
    if len(p['sessions']) > 1:
        note = 'Повторная госпитализация — перелом смежного позвонка'
    elif p['etiology'] == 'pathologic':
        note = rng.choice(['Трепанобиопсия', 'Наблюдается у онколога', 'ЛТ после операции', ''])
    v['Примечание'] = note
    # planted mistakes
    if p is e_lvl:
        good = rl(s1['levels'][0]['level'])
        v['Уровень'] = v['Уровень'].replace(good, 'Th13', 1)
        errors.append(dict(sheet=ws.title, cell='%s%d' % (CL(C['Уровень']), r), row=r, header='Уровень',
                           value=v['Уровень'], what='Th13 does not exist (12 thoracic vertebrae); should be %s' % good,
                           pid=p['id']))
        if isinstance(v['Объём цемента, мл'], str):
            v['Объём цемента, мл'] = v['Объём цемента, мл'].replace(good, 'Th13', 1)
    if p is e_vol:
        good = s1['levels'][0]['vol']
        v['Объём цемента, мл'] = int(round(good * 10))
        errors.append(dict(sheet=ws.title, cell='%s%d' % (CL(C['Объём цемента, мл']), r), row=r,
                           header='Объём цемента, мл', value=str(v['Объём цемента, мл']),
                           what='%d ml in one vertebra - comma lost; should be %s' % (v['Объём цемента, мл'], fmt_num(good).replace('.', ',')),
                           pid=p['id']))
    if p is e_odi:
        good = s1['odi']['3m'][1]
        v['ODI 3 мес, %'] = good + 100
        errors.append(dict(sheet=ws.title, cell='%s%d' % (CL(C['ODI 3 мес, %']), r), row=r, header='ODI 3 мес, %',
                           value=str(good + 100), what='ODI above 100 %%; should be %d' % good, pid=p['id']))
    if p is e_death:
        good = v['Дата смерти']
        bad = good.replace(year=p['d0'].year - 1) if good.year > p['d0'].year - 1 else good
        v['Дата смерти'] = bad
        errors.append(dict(sheet=ws.title, cell='%s%d' % (CL(C['Дата смерти']), r), row=r, header='Дата смерти',
                           value=dstr(bad), what='date of death before the operation (%s); should be %s' % (dstr(p['d0']), dstr(good)),
                           pid=p['id']))
    for h, val in v.items():
        c = ws.cell(r, C[h], val)
        c.border = BD
        if isinstance(val, dt.date):
            c.number_format = 'dd.mm.yyyy'
    if p['died']:
        ws.cell(r, C['ФИО']).font = Font(color='C00000')
        ws.cell(r, C['Летальный исход']).fill = PatternFill('solid', fgColor='FFC7CE')
    for j in range(1, len(HDR) + 1):
        if ws.cell(r, j).border != BD:
            ws.cell(r, j).border = BD
r = 5 + len(pats) + 1
ws.cell(r, 2, 'Примечания: ВП — вертебропластика, КП — кифопластика. Th — грудные, L — поясничные позвонки; '
              '«Th11–L1» — три позвонка подряд. Объём при нескольких уровнях — по каждому позвонку.')
ws.cell(r + 1, 2, 'н/я — не явился на контроль; «—» — нет данных; пустая ячейка — срок ещё не наступил. '
                  'ВАШ — визуально-аналоговая шкала 0–10; ODI — индекс Освестри, %.')
ws.cell(r + 2, 2, 'Цемент — полиметилметакрилат (ПММА); пусто — не записано в протоколе (повторные операции — всегда ПММА).')
ws.cell(4, C['ВАШ 1 сут']).comment = Comment('оценка на следующий день после операции', 'Ординатор')
wb.save(os.path.join(HERE, 'input.xlsx'))
write_truth(pats, errors, idents, lambda p, s: 'vertebra')
