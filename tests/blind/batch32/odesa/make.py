# ---------------------------------------------------------------------------
# Cohort generator (shared by this unit's script; deterministic with seed)
# ---------------------------------------------------------------------------
import csv, os, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
SPINE_W = [1, 1, 2, 2, 3, 3, 4, 8, 12, 12, 7, 4, 3, 1]


def _pick(rng, pairs):
    r = rng.random() * sum(w for _, w in pairs)
    for v, w in pairs:
        r -= w
        if r <= 0:
            return v
    return pairs[-1][0]


def _levels(rng, nlev):
    while True:
        top = _pick(rng, list(zip(SPINE, SPINE_W)))
        i = SPINE.index(top)
        if i + nlev <= len(SPINE):
            return SPINE[i:i + nlev]


def _adjacent(rng, levels, avoid):
    i0, i1 = SPINE.index(levels[0]), SPINE.index(levels[-1])
    cands = [SPINE[j] for j in (i0 - 1, i1 + 1, i0 - 2, i1 + 2) if 0 <= j < len(SPINE) and SPINE[j] not in avoid]
    return cands[0] if rng.random() < 0.6 else rng.choice(cands)


def _session(rng, cfg, day, levels, etiology, one_leak_type=False):
    tech = _pick(rng, cfg['tech_w'])
    vols, leaks = [], []
    for lv in levels:
        lo, hi = (3.0, 6.5) if tech == 'kyphoplasty' else (2.0, 5.0)
        if lv in ('T4', 'T5', 'T6', 'T7'):
            hi -= 1.0
        vols.append(rng.randint(int(lo * 2), int(hi * 2)) / 2.0)
        lk = _pick(rng, [('none', 74), ('disc', 10), ('venous', 8), ('paravertebral', 5), ('epidural', 2), ('disc;venous', 1)])
        leaks.append(lk)
    if one_leak_type:
        kinds = [l for l in leaks if l != 'none']
        if kinds:
            leaks = [kinds[0] if l != 'none' else 'none' for l in leaks]
    cement = _pick(rng, cfg['cement_w'])
    return dict(day=day, levels=levels, technique=tech, vols=vols, leaks=leaks, cement=cement, visits={})


def _scores(rng, cfg, etiology):
    pre = rng.randint(7, 9) if etiology != 'pathologic' else rng.randint(7, 10)
    v = {'pre': pre}
    v['24h'] = max(2, pre - rng.randint(2, 4))
    v['1w'] = max(2, v['24h'] - rng.randint(0, 1))
    v['2w'] = max(2, v['1w'] - rng.randint(0, 1))
    v['6w'] = rng.randint(2, 4)
    v['1m'] = rng.randint(2, 5)
    v['3m'] = rng.randint(2, 4)
    v['6m'] = rng.randint(1, 4)
    v['12m'] = rng.randint(1, 4)
    o_pre = rng.randint(46, 82)
    o = {'pre': o_pre}
    o['24h'] = o_pre - rng.randint(4, 12)
    for tp, (a, b) in {'1w': (10, 20), '2w': (12, 24), '6w': (18, 32), '1m': (16, 30), '3m': (22, 38), '6m': (24, 42), '12m': (24, 46)}.items():
        o[tp] = max(4, o_pre - rng.randint(a, b))
    return v, o


def gen_cohort(cfg):
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    start, end, study_end = cfg['op_start'], cfg['op_end'], cfg['study_end']
    span = (end - start).days
    order = list(range(n))
    rng.shuffle(order)
    second = set(order[:cfg['n_second']])
    fx_only = set(order[cfg['n_second']:cfg['n_second'] + cfg['n_fx_only']])
    rng.shuffle(order)
    died = set(order[:cfg['n_died']])
    pats = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.7 else 'male'
        et = _pick(rng, [('osteoporotic', 64), ('pathologic', 22), ('traumatic', 10), ('other', 4)])
        sub = ''
        if et == 'pathologic':
            sub = _pick(rng, [('metastasis', 60), ('myeloma', 40)])
        if et == 'other':
            sub = 'haemangioma'
        age = {'osteoporotic': (63, 91), 'pathologic': (50, 80), 'traumatic': (45, 78), 'other': (42, 70)}[et]
        age = rng.randint(*age)
        d1 = start + dt.timedelta(days=rng.randint(0, span))
        nlev = _pick(rng, [(1, 55), (2, 30), (3, 15)] if et != 'pathologic' else [(1, 35), (2, 40), (3, 25)])
        lv1 = _levels(rng, nlev)
        p = dict(idx=i, sex=sex, etiology=et, sub=sub, age=age, date1=d1, sessions=[], fractures=[], died=False, death_day=None)
        p['sessions'].append(_session(rng, cfg, 0, lv1, et, cfg.get('one_leak_type', False)))
        maxday = (study_end - d1).days
        if i in second:
            fx_day = rng.randint(40, min(240, max(41, maxday - 120)))
            lvl = _adjacent(rng, lv1, lv1)
            p['fractures'].append((fx_day, lvl))
            s2 = _session(rng, cfg, fx_day + rng.randint(4, 21), [lvl], et, cfg.get('one_leak_type', False))
            p['sessions'].append(s2)
        elif i in fx_only:
            fx_day = rng.randint(60, min(330, max(61, maxday - 10)))
            p['fractures'].append((fx_day, _adjacent(rng, lv1, lv1)))
        if i in died:
            lo = max(60, (p['sessions'][-1]['day'] + 45), (p['fractures'][-1][0] + 20) if p['fractures'] else 0)
            hi = min(560, maxday - 5)
            if hi > lo:
                p['died'] = True
                p['death_day'] = rng.randint(lo, hi)
        # visits
        for sn, s in enumerate(p['sessions']):
            vas, odi = _scores(rng, cfg, et)
            for tp in cfg['tps']:
                vday = s['day'] + TP_DAYS[tp]
                jitter = 0 if tp in ('pre', '24h') else rng.randint(-3, 6) if TP_DAYS[tp] >= 30 else rng.randint(0, 2)
                vday += jitter
                if tp == 'pre':
                    vday = s['day'] - rng.randint(0, 1)
                if p['died'] and vday >= p['death_day']:
                    s['visits'][tp] = dict(status='dead', day=vday)
                    continue
                if d1 + dt.timedelta(days=vday) > study_end:
                    s['visits'][tp] = dict(status='future', day=vday)
                    continue
                if tp not in ('pre', '24h') and rng.random() < cfg.get('p_missed', 0.13):
                    s['visits'][tp] = dict(status='missed', day=vday)
                    continue
                s['visits'][tp] = dict(status='ok', day=vday, vas=vas[tp], odi=odi[tp] if tp in cfg.get('odi_tps', ()) else None)
        pats.append(p)
    # order patients by first operation date, give study numbers
    pats.sort(key=lambda p: p['date1'])
    return rng, pats


def day_date(p, day):
    return p['date1'] + dt.timedelta(days=day)


def fmt_num(x, comma=False):
    s = ('%g' % x)
    return s.replace('.', ',') if comma else s


def write_csv(name, header, rows):
    os.makedirs(os.path.join(HERE, 'truth'), exist_ok=True)
    with open(os.path.join(HERE, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def write_truth(pats, vas_scale=10, errors=(), identifiers=(), vol_mode='per_level', cement_recorded=True, leak_recorded=True, measures=('pain_vas',)):
    """vol_mode: per_level or session."""
    P, R, A, F = [], [], [], []
    for p in pats:
        P.append([p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for sn, s in enumerate(p['sessions'], 1):
            tot = round(sum(s['vols']), 2)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                R.append([p['pid'], sn, s['day'], lv, s['technique'],
                          ('%g' % v) if vol_mode == 'per_level' else '',
                          ('%g' % tot) if vol_mode == 'session' else '',
                          s['cement'] if cement_recorded else '',
                          lk if leak_recorded else ''])
            for tp, vis in s['visits'].items():
                if vis['status'] != 'ok':
                    continue
                if 'pain_vas' in measures and vis.get('vas') is not None:
                    A.append([p['pid'], sn, 'pain_vas', tp, '%g' % vis['vas']])
                if 'odi' in measures and vis.get('odi') is not None:
                    A.append([p['pid'], sn, 'odi', tp, '%g' % vis['odi']])
        for d, lv in p['fractures']:
            F.append([p['pid'], d, lv])
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], R)
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'], F)
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v)); ids.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], ids)


# ---------------------------------------------------------------------------
# Odesa — transposed register: one COLUMN per patient, fields down the rows
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

CFG = dict(seed=3220202, n=17, op_start=dt.date(2021, 2, 1), op_end=dt.date(2023, 4, 28),
           study_end=dt.date(2023, 12, 22), tps=['pre', '24h', '1m', '3m', '6m', '12m'], odi_tps=('pre', '3m', '12m'),
           n_second=3, n_fx_only=2, n_died=3, p_missed=0.15,
           tech_w=[('vertebroplasty', 70), ('kyphoplasty', 30)], cement_w=[('PMMA', 1)])
rng, pats = gen_cohort(CFG)

SURN = ['Коваленко', 'Бондаренко', 'Ткаченко', 'Шевченко', 'Кравченко', 'Мельник', 'Бойко', 'Поліщук', 'Савчук',
        'Литвиненко', 'Мороз', 'Лисенко', 'Руденко', 'Гончаренко', 'Ковальчук', 'Стеценко', 'Паламарчук', 'Дмитренко']
FN = {'female': ['Марія', 'Ганна', 'Ольга', 'Валентина', 'Людмила', 'Надія', 'Тетяна', 'Галина', 'Раїса', 'Зінаїда'],
      'male': ['Іван', 'Микола', 'Василь', 'Петро', 'Олександр', 'Віктор', 'Анатолій', 'Григорій']}
PAT = {'female': ['Іванівна', 'Петрівна', 'Миколаївна', 'Василівна', 'Степанівна', 'Олексіївна'],
       'male': ['Іванович', 'Петрович', 'Миколайович', 'Васильович', 'Степанович']}
surn = SURN[:]
rng.shuffle(surn)
for k, p in enumerate(pats, 1):
    p['pid'] = 'ОД-%02d' % k
    p['name'] = '%s %s %s' % (surn[k - 1], rng.choice(FN[p['sex']]), rng.choice(PAT[p['sex']]))
    p['hist'] = '%d/%02d' % (rng.randint(300, 9800), p['date1'].year % 100)
    p['phone'] = rng.choice(['+380 %02d %03d %02d %02d', '0%02d-%03d-%02d-%02d']) % (rng.choice([50, 63, 66, 67, 68, 93, 96, 97, 98]), rng.randint(100, 999), rng.randint(0, 99), rng.randint(0, 99))
    p['birth'] = dt.date(p['date1'].year - p['age'] - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    while True:
        a = p['date1'].year - p['birth'].year - ((p['date1'].month, p['date1'].day) < (p['birth'].month, p['birth'].day))
        if a == p['age']:
            break
        p['birth'] += dt.timedelta(days=30 if a > p['age'] else -30)
    # VAS in millimetres (0-100); truth keeps mm/10
    for s in p['sessions']:
        for vis in s['visits'].values():
            if vis['status'] == 'ok':
                mm = min(100, max(0, vis['vas'] * 10 + rng.randint(-4, 4)))
                vis['mm'] = mm
                vis['vas'] = mm / 10.0

DIAG = {'osteoporotic': ['Остеопоротичний компресійний перелом', 'Остеопороз, компресійний перелом', 'Системний остеопороз, патологічний компресійний перелом'],
        'metastasis': ['Мтс раку молочної залози', 'Метастатичне ураження (рак легені)', 'Мтс раку передміхурової залози', 'Метастаз раку нирки'],
        'myeloma': ['Множинна мієлома', 'Мієломна хвороба'],
        'traumatic': ['Травматичний компресійний перелом (ДТП)', 'Травматичний перелом, падіння з висоти'],
        'haemangioma': ['Агресивна гемангіома']}
for p in pats:
    p['diag'] = rng.choice(DIAG[p['sub'] if p['etiology'] in ('pathologic', 'other') else p['etiology']])

LEAK_UA = {'disc': 'в диск', 'venous': 'венозний', 'paravertebral': 'паравертебральний', 'epidural': 'епідуральний'}


def lvl(l):
    return l.replace('T', 'Th')


def dstr(d):
    return d.strftime('%d.%m.%Y')


def num(x):
    return ('%g' % x).replace('.', ',')


ROWS = [
    ('n', '№ з/п'), ('code', 'Код пацієнта'), ('name', 'ПІБ'), ('birth', 'Дата народження'), ('hist', '№ історії хвороби'),
    ('phone', 'Телефон'), ('sex', 'Стать (ч/ж)'), ('age', 'Вік, років'), ('diag', 'Діагноз'),
    ('H1', 'ОПЕРАЦІЯ'), ('date', 'Дата операції'), ('tech', 'Методика (ВП/КП)'), ('lev', 'Рівень(і)'),
    ('vol', "Об'єм цементу, мл"), ('cem', 'Цемент'), ('leak', 'Витік цементу'),
    ('H2', 'ВАШ, мм (0–100)'), ('v_pre', 'до операції'), ('v_24h', '1 доба'), ('v_1m', '1 міс'), ('v_3m', '3 міс'),
    ('v_6m', '6 міс'), ('v_12m', '12 міс'),
    ('H3', 'ODI, %'), ('o_pre', 'до операції '), ('o_3m', '3 міс '), ('o_12m', '12 міс '),
    ('H4', 'ПОВТОРНА ОПЕРАЦІЯ'), ('re', 'Повторна операція (так/ні)'), ('date2', 'Дата повторної операції'),
    ('tech2', 'Методика'), ('lev2', 'Рівень'), ('vol2', "Об'єм цементу, мл "), ('cem2', 'Цемент '), ('leak2', 'Витік цементу '),
    ('v2_pre', 'ВАШ до операції'), ('v2_24h', 'ВАШ 1 доба'), ('v2_1m', 'ВАШ 1 міс'), ('v2_3m', 'ВАШ 3 міс'),
    ('v2_6m', 'ВАШ 6 міс'), ('v2_12m', 'ВАШ 12 міс'), ('o2_pre', 'ODI до операції'), ('o2_3m', 'ODI 3 міс'), ('o2_12m', 'ODI 12 міс'),
    ('H5', 'ПІДСУМОК'), ('fx', 'Новий перелом хребця'), ('dead', 'Помер(ла) (так/ні)'), ('ddate', 'Дата смерті'), ('note', 'Примітки'),
]
TOP = 4
RIDX = {k: TOP + i for i, (k, _) in enumerate(ROWS)}

wb = Workbook()
ws = wb.active
ws.title = 'Реєстр ВП-КП'
ws['A1'] = 'КНП «Приморська міська клінічна лікарня» ОМР — нейрохірургічне відділення'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'Реєстр пацієнтів після вертебропластики (ВП) / кіфопластики (КП), 2021–2023 рр. Відповідальна: лікар-ординатор Гнатюк О.В.'
ws['A3'] = 'ВАШ у мм (0–100). н/з — не з\'явився на контроль; † — помер до контролю. Порожньо — термін ще не настав.'
thin = Side(style='thin', color='808080')
hdr_fill = PatternFill('solid', fgColor='D9E1F2')
for k, lab in ROWS:
    c = ws.cell(row=RIDX[k], column=1, value=lab)
    if k.startswith('H'):
        c.font = Font(bold=True)
        c.fill = hdr_fill
    elif lab.startswith(('до', '1 ', '3 ', '6 ', '12 ')):
        c.alignment = Alignment(indent=2)

errors, idents = [], [('staff_name', 'Гнатюк О.В.')]
p_th = next(p for p in pats if len(p['sessions']) == 1 and len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0] == 'T12') if any(len(p['sessions']) == 1 and p['sessions'][0]['levels'] == ['T12'] for p in pats) else None
cands = [p for p in pats if len(p['sessions']) == 1]
err_level = next(p for p in cands if p['sessions'][0]['levels'][-1].startswith('T1') and p['sessions'][0]['levels'][-1] in ('T12',))
err_vol = next(p for p in cands if p is not err_level and p['sessions'][0]['vols'][0] < 3)
err_code = next(p for p in cands if p not in (err_level, err_vol) and p['pid'] > 'ОД-08')
err_date2 = next(p for p in pats if len(p['sessions']) == 2)

for ci, p in enumerate(pats):
    col = 2 + ci
    L = get_column_letter(col)
    ws.column_dimensions[L].width = 19
    def put(k, v, fmt=None):
        c = ws.cell(row=RIDX[k], column=col)
        c.value = v
        c.alignment = Alignment(wrap_text=True, vertical='top', horizontal='center')
        if fmt:
            c.number_format = fmt
        return c
    def plant(k, v, why):
        put(k, v)
        errors.append([ws.title, '%s%d' % (L, RIDX[k]), RIDX[k], dict(ROWS)[k].strip(), '' if v is None else v, why, p['pid']])
    put('n', ci + 1)
    put('code', p['pid'])
    put('name', p['name'])
    put('birth', dstr(p['birth']))
    put('hist', p['hist'])
    put('phone', p['phone'])
    put('sex', 'ж' if p['sex'] == 'female' else 'ч')
    put('age', p['age'] if rng.random() < 0.85 else '%d р.' % p['age'])
    put('diag', p['diag'])
    for sn, s in enumerate(p['sessions'], 1):
        sfx = '' if sn == 1 else '2'
        d = day_date(p, s['day'])
        if rng.random() < 0.5:
            put('date' + sfx, dt.datetime(d.year, d.month, d.day), 'DD.MM.YYYY')
        else:
            put('date' + sfx, dstr(d))
        put('tech' + sfx, 'ВП' if s['technique'] == 'vertebroplasty' else 'КП')
        put('lev' + sfx, ', '.join(lvl(x) for x in s['levels']))
        if len(s['vols']) == 1:
            put('vol' + sfx, s['vols'][0] if rng.random() < 0.7 else num(s['vols'][0]) + ' мл', '0.0')
        else:
            put('vol' + sfx, '; '.join(num(v) for v in s['vols']))
        put('cem' + sfx, rng.choice(['ПММА', 'ПММА', 'PMMA']))
        lk = ['%s — %s' % (lvl(l), ' + '.join(LEAK_UA[x] for x in t.split(';'))) for l, t in zip(s['levels'], s['leaks']) if t != 'none']
        put('leak' + sfx, ('так: ' + '; '.join(lk)) if lk else 'ні')
        vp = 'v_' if sn == 1 else 'v2_'
        op = 'o_' if sn == 1 else 'o2_'
        for tp, vis in s['visits'].items():
            if vis['status'] == 'ok':
                put(vp + tp, vis['mm'])
                if vis.get('odi') is not None:
                    put(op + tp, vis['odi'])
            elif vis['status'] == 'missed':
                put(vp + tp, rng.choice(['н/з', 'н/з', "не з'явився" if p['sex'] == 'male' else "не з'явилась"]))
                if tp in CFG['odi_tps']:
                    put(op + tp, 'н/з')
            elif vis['status'] == 'dead':
                put(vp + tp, '†')
    put('re', 'так' if len(p['sessions']) == 2 else 'ні')
    fx = ['%s (%s, МРТ)' % (lvl(fl), dstr(day_date(p, fd))) for fd, fl in p['fractures']]
    put('fx', ('так: ' + '; '.join(fx)) if fx else 'ні')
    put('dead', 'так' if p['died'] else 'ні')
    if p['died']:
        put('ddate', dstr(day_date(p, p['death_day'])))
    notes = []
    if len(p['sessions']) == 2:
        notes.append('повторна госпіталізація — новий перелом %s' % lvl(p['sessions'][1]['levels'][0]))
    if p['etiology'] == 'pathologic':
        notes.append(rng.choice(['консультація онколога', 'ПХТ за місцем проживання', 'направлено на ПЕТ-КТ']))
    if p['died']:
        notes.append(rng.choice([('помер' if p['sex'] == 'male' else 'померла') + ' вдома, повідомили родичі', 'смерть у хоспісі']))
    put('note', '; '.join(notes) if notes else None)
    # planted mistakes
    if p is err_level:
        s = p['sessions'][0]
        bad = ', '.join(lvl(x) for x in s['levels'][:-1]) + (', ' if len(s['levels']) > 1 else '') + 'Th13'
        plant('lev', bad, 'Th13 does not exist (12 thoracic vertebrae); the last level is Th12 per operation protocol')
    if p is err_vol:
        s = p['sessions'][0]
        bad = int(round(s['vols'][0] * 10))
        if len(s['vols']) == 1:
            plant('vol', bad, '%d ml in one vertebra is impossible: comma lost, should be %s' % (bad, num(s['vols'][0])))
        else:
            txt = '; '.join([str(bad)] + [num(v) for v in s['vols'][1:]])
            plant('vol', txt, 'first level %d ml is impossible: comma lost, should be %s' % (bad, num(s['vols'][0])))
    if p is err_code:
        plant('code', None, 'study code missing for this patient column (should be %s)' % p['pid'])
    if p is err_date2:
        d = day_date(p, p['sessions'][1]['day'])
        bad = dstr(dt.date(d.year - 1, d.month, d.day))
        plant('date2', bad, 'repeat operation dated before the first operation (%s): year typo, should be %s' % (dstr(p['date1']), dstr(d)))
    for r in range(TOP, TOP + len(ROWS)):
        ws.cell(row=r, column=col).border = Border(top=thin, bottom=thin, left=thin, right=thin)
ws.column_dimensions['A'].width = 30
for r in range(TOP, TOP + len(ROWS)):
    ws.cell(row=r, column=1).border = Border(top=thin, bottom=thin, left=thin, right=thin)
    if ROWS[r - TOP][0].startswith('H'):
        for c in range(2, 2 + len(pats)):
            ws.cell(row=r, column=c).fill = hdr_fill
end = TOP + len(ROWS) + 1
ws.cell(row=end, column=1, value='Умовні позначення: ВП — вертебропластика, КП — балонна кіфопластика; Th — грудний, L — поперековий відділ.')
ws.cell(row=end + 1, column=1, value="Об'єм цементу вказано для кожного хребця через «;» у тому ж порядку, що й рівні.")
ws.freeze_panes = 'B6'
wb.save(os.path.join(HERE, 'input.xlsx'))

for p in pats:
    idents += [('name', p['name']), ('medical_record_number', p['hist']), ('phone', p['phone']), ('birth_date', dstr(p['birth']))]
write_truth(pats, errors=errors, identifiers=idents, vol_mode='per_level', measures=('pain_vas', 'odi'))
print('odesa: %d patients, %d errors' % (len(pats), len(errors)))
