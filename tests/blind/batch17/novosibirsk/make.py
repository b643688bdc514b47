# ---- common cohort generator (shared by the batch-17 sites; copied into each make.py) ----
import os, sys, csv, random, datetime as dt

TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 180, '12m': 365, '24m': 730}
LEVELS = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEVEL_W = [1, 1, 2, 3, 3, 4, 6, 10, 10, 6, 4, 2, 1]


def lvl_idx(l):
    return LEVELS.index(l)


def pick_levels(rng, k, avoid=()):
    while True:
        start = rng.choices(LEVELS, LEVEL_W)[0]
        i = lvl_idx(start)
        if i + k > len(LEVELS):
            continue
        if k > 1 and rng.random() < 0.25 and i + k + 1 <= len(LEVELS):
            levs = [LEVELS[i]] + [LEVELS[i + 2 + j] for j in range(k - 1)]  # non-contiguous
        else:
            levs = LEVELS[i:i + k]
        if not set(levs) & set(avoid):
            return levs


def gen_cohort(seed, n, tps, measures, s2_tps, start=dt.date(2021, 1, 10), end=dt.date(2023, 6, 30),
               pmma_brands=('PMMA',), cp_brand=None, n_s2=3, n_extra_fx=2, n_died=3,
               kypho_share=0.3):
    """Returns a list of patient dicts. tps: session-1 timepoints (incl. 'pre'); s2_tps: session-2."""
    rng = random.Random(seed)
    pts = []
    span = (end - start).days
    etis = ['osteoporotic'] * 17 + ['pathologic'] * 6 + ['traumatic'] * 3
    rng.shuffle(etis)
    for k in range(n):
        eti = etis[k % len(etis)]
        sex = 'female' if rng.random() < (0.78 if eti == 'osteoporotic' else 0.45) else 'male'
        age = {'osteoporotic': rng.randint(58, 89), 'pathologic': rng.randint(44, 79),
               'traumatic': rng.randint(33, 71)}[eti]
        d0 = start + dt.timedelta(days=int(span * k / n) + rng.randint(0, 12))
        # birth date consistent with age at d0
        bd = d0 - dt.timedelta(days=int(age * 365.25) + rng.randint(20, 340))
        while True:
            a = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
            if a == age:
                break
            bd += dt.timedelta(days=(a - age) * 200)
        nlev = rng.choices([1, 2, 3], [70, 22, 8])[0]
        tech = 'kyphoplasty' if rng.random() < (kypho_share + (0.3 if eti != 'osteoporotic' else 0)) else 'vertebroplasty'
        p = dict(idx=k, sex=sex, age=age, etiology=eti, bdate=bd, d0=d0, died=False, death=None,
                 sessions=[], scores={}, vdates={}, fractures=[], err=None)
        p['sessions'].append(mk_session(rng, 1, d0, 0, nlev, tech, pmma_brands, cp_brand, eti))
        pts.append(p)
    # second sessions / fractures / deaths
    order = list(range(n))
    rng.shuffle(order)
    s2_ids = [i for i in order if pts[i]['etiology'] == 'osteoporotic'][:n_s2]
    died_ids = [i for i in order if i not in s2_ids and pts[i]['etiology'] == 'pathologic'][:max(0, n_died - 1)]
    died_ids += [i for i in order if i not in s2_ids and i not in died_ids and pts[i]['etiology'] == 'osteoporotic'][:1]
    died_ids = died_ids[:n_died]
    fx_ids = [i for i in order if i not in s2_ids and i not in died_ids][:n_extra_fx]
    for i, p in enumerate(pts):
        used = [l['level'] for l in p['sessions'][0]['levels']]
        if i in s2_ids:
            fday = rng.choice([35, 60, 95, 120, 150])
            lv = pick_levels(rng, 1, avoid=used + [nb for u in used for nb in nbrs(u)])
            p['fractures'].append((fday, lv[0]))
            sday = fday + rng.randint(3, 15)
            s = mk_session(rng, 2, p['d0'] + dt.timedelta(days=sday), sday, 1, p['sessions'][0]['technique'],
                           pmma_brands, cp_brand, p['etiology'], fixed_levels=lv,
                           cement=p['sessions'][0]['cement'])
            p['sessions'].append(s)
        if i in fx_ids:
            fday = rng.choice([88, 175, 190, 300])
            lv = pick_levels(rng, 1, avoid=used + [nb for u in used for nb in nbrs(u)])
            p['fractures'].append((fday, lv[0]))
        if i in died_ids:
            p['died'] = True
    # scores
    for p in pts:
        death_day = None
        if p['died']:
            # dies after some follow-up: last attended timepoint then death
            fu = [t for t in tps if t != 'pre']
            nkeep = rng.randint(2, max(2, len(fu) - 1))
            keep = fu[:nkeep]
            last = TP_DAYS[keep[-1]]
            nxt = TP_DAYS[fu[nkeep]] if nkeep < len(fu) else last + 120
            death_day = rng.randint(last + 10, max(last + 11, nxt - 5))
            p['death'] = p['d0'] + dt.timedelta(days=death_day)
            p['death_day'] = death_day
        for s in p['sessions']:
            stps = tps if s['s'] == 1 else s2_tps
            base = rng.uniform(6.5, 9.5)
            for t in stps:
                vday = s['day'] + TP_DAYS[t]
                if t not in ('pre', '24h'):
                    vday += rng.randint(-4, 9) if TP_DAYS[t] >= 30 else rng.randint(0, 2)
                alive = death_day is None or vday < death_day - 3
                missing = (not alive) or (t not in ('pre',) and rng.random() < 0.13)
                if p['died'] and alive and t != 'pre':
                    missing = False
                p['vdates'][(s['s'], t)] = None if not alive else p['d0'] + dt.timedelta(days=vday)
                p.setdefault('attended', {})[(s['s'], t)] = not missing
                if missing and alive:
                    p['vdates'][(s['s'], t)] = None
                for m in measures.get(t, []) if s['s'] == 1 else measures.get('s2_' + t, measures.get(t, [])):
                    if missing:
                        p['scores'][(s['s'], m, t)] = None
                        continue
                    p['scores'][(s['s'], m, t)] = score(rng, m, t, base)
    return pts


def nbrs(l):
    i = lvl_idx(l)
    return [LEVELS[j] for j in (i - 1, i + 1) if 0 <= j < len(LEVELS)]


def mk_session(rng, s, date, day, nlev, tech, pmma_brands, cp_brand, eti, fixed_levels=None, cement=None):
    levs = fixed_levels or pick_levels(rng, nlev)
    if cement is None:
        cement = cp_brand if (cp_brand and eti == 'traumatic' and rng.random() < 0.7) else rng.choice(pmma_brands)
    L = []
    for l in levs:
        lumbar = l.startswith('L')
        vol = rng.choice([2.0, 2.5, 3.0, 3.5, 4.0] if not lumbar else [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0])
        if tech == 'kyphoplasty':
            vol += 1.0
        r = rng.random()
        if r < 0.62:
            leak = 'none'
        elif r < 0.77:
            leak = 'disc'
        elif r < 0.88:
            leak = 'venous'
        elif r < 0.94:
            leak = 'paravertebral'
        elif r < 0.97:
            leak = 'disc;venous'
        else:
            leak = 'epidural'
        L.append(dict(level=l, vol=vol, leak=leak))
    return dict(s=s, date=date, day=day, technique=tech, cement=cement, levels=L,
                total=round(sum(x['vol'] for x in L), 1))


def score(rng, m, t, base):
    d = TP_DAYS[t]
    if m == 'pain_vas':
        if t == 'pre':
            return int(round(base))
        if d <= 1:
            return max(0, int(round(base - rng.uniform(3, 5))))
        return max(0, int(round(base - rng.uniform(4, 7))))
    if m == 'odi':
        if t == 'pre':
            return 2 * rng.randint(25, 42)
        return 2 * rng.randint(8, 22)
    if m == 'mobility':
        if t == 'pre':
            return rng.choice([2, 3, 3, 4])
        if d <= 1:
            return rng.choice([1, 2, 2])
        return rng.choice([0, 1, 1])
    raise ValueError(m)


class Truth:
    def __init__(self):
        self.errors = []
        self.idents = []
        self._seen = set()

    def err(self, sheet, cell, header, value, what, pid):
        import re
        row = int(re.sub(r'^[A-Z]+', '', cell))
        self.errors.append([sheet, cell, row, header, value, what, pid or ''])

    def ident(self, kind, value):
        value = str(value)
        if (kind, value) not in self._seen:
            self._seen.add((kind, value))
            self.idents.append([kind, value])


def fmtnum(x):
    if x is None:
        return ''
    if float(x) == int(x):
        return str(int(x))
    return ('%.2f' % x).rstrip('0').rstrip('.')


def write_truth(outdir, pts, T, per_vertebra=lambda p, s: True, skip=lambda p: False):
    """Writes truth/*.csv.  per_vertebra(p, s) tells whether the input gives per-vertebra volumes."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f)
            c.writerow(header)
            c.writerows(rows)
    P, R, A, F = [], [], [], []
    for p in [q for q in pts if not q['err']]:   # consistency of the generated (non-planted) data
        ds = [d for d in p['vdates'].values() if d is not None] + [p['d0'] + dt.timedelta(days=f) for f, _ in p['fractures']]
        ds += [s['date'] for s in p['sessions']]
        assert min(ds) >= p['d0'], p['pid']
        if p['died']:
            assert p['death'] > max(ds), p['pid']
    for p in pts:
        if skip(p):
            continue
        pid = p['pid']
        P.append([pid, p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for s in p['sessions']:
            pv = per_vertebra(p, s)
            for L in s['levels']:
                R.append([pid, s['s'], '' if s.get('day_unknown') else s['day'], L['level'], s['technique'],
                          fmtnum(L['vol']) if pv else '', '' if pv else fmtnum(s['total']),
                          s['cement_truth'], L['leak']])
        for (ss, m, t), v in p['scores'].items():
            if v is not None:
                A.append([pid, ss, m, t, fmtnum(v)])
        for (d, l) in p['fractures']:
            F.append([pid, d, l])
    A.sort(key=lambda r: (r[0], r[1], r[2], list(TP_DAYS).index(r[3])))
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], R)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    w('fractures.csv', ['patient_id', 'day', 'level'], F)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], T.errors)
    w('identifiers.csv', ['kind', 'value'], T.idents)


def outdir_arg():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    return out
# ---- end common ----
# ---- site: novosibirsk ----
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

NAMES_F = ['Иванова Галина Петровна', 'Кузнецова Валентина Ивановна', 'Смирнова Нина Алексеевна', 'Попова Людмила Васильевна',
           'Васильева Тамара Николаевна', 'Петрова Зинаида Фёдоровна', 'Соколова Raisa'.replace('Raisa', 'Раиса Михайловна'),
           'Михайлова Антонина Степановна', 'Новикова Лидия Павловна', 'Фёдорова Вера Григорьевна', 'Морозова Надежда Ильинична',
           'Волкова Любовь Андреевна', 'Алексеева Екатерина Семёновна', 'Лебедева Ольга Викторовна', 'Семёнова Мария Егоровна',
           'Егорова Клавдия Тимофеевна', 'Павлова Татьяна Юрьевна', 'Козлова Евдокия Ивановна']
NAMES_M = ['Степанов Виктор Иванович', 'Николаев Геннадий Петрович', 'Орлов Анатолий Сергеевич', 'Андреев Юрий Николаевич',
           'Макаров Владимир Фёдорович', 'Захаров Николай Михайлович', 'Зайцев Борис Алексеевич', 'Соловьёв Пётр Васильевич',
           'Борисов Евгений Александрович', 'Яковлев Михаил Дмитриевич', 'Григорьев Алексей Олегович', 'Романов Игорь Валерьевич']
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
MEAS = {'pre': ['pain_vas', 'odi'], '24h': ['pain_vas'], '1m': ['pain_vas'], '3m': ['pain_vas', 'odi'], '6m': ['pain_vas'],
        '12m': ['pain_vas', 'odi'], 's2_pre': ['pain_vas', 'odi'], 's2_24h': ['pain_vas'], 's2_1m': ['pain_vas'], 's2_3m': ['pain_vas', 'odi']}
BRAND = {'Vertecem V+': 'PMMA', 'Osteopal V': 'PMMA', 'ПММА': 'PMMA', 'КП-цемент «Кальцифосфат»': 'calcium phosphate'}
LEAKR = {'disc': 'в диск', 'venous': 'венозная', 'paravertebral': 'паравертебрально', 'epidural': 'эпидурально'}


def main():
    out = outdir_arg()
    rng = random.Random(1703)
    pts = gen_cohort(1703, 26, TPS, MEAS, ['pre', '24h', '1m', '3m'], start=dt.date(2021, 3, 1), end=dt.date(2023, 4, 30),
                     pmma_brands=['Vertecem V+', 'Osteopal V', 'ПММА', 'Vertecem V+'], cp_brand=None,
                     n_s2=3, n_extra_fx=1, n_died=3, kypho_share=0.2)
    used = set()
    for i, p in enumerate(pts):
        p['pid'] = 'ВП-%03d' % (i + 1)
        pool = [x for x in (NAMES_F if p['sex'] == 'female' else NAMES_M) if x not in used]
        p['name'] = rng.choice(pool); used.add(p['name'])
        p['ib'] = '%d/%02d' % (rng.randint(1000, 29999), p['d0'].year % 100)
        p['tel'] = '+7 9%02d %03d-%02d-%02d' % (rng.choice([13, 13, 23, 52, 61, 83]), rng.randint(0, 999), rng.randint(0, 99), rng.randint(0, 99))
        p['cyr'] = rng.random() < 0.35    # nurse writes levels with Cyrillic "Т"
        for s in p['sessions']:
            s['cement_truth'] = BRAND[s['cement']]
            s['pv'] = len(s['levels']) == 1 or rng.random() < 0.5
    plain = [i for i, p in enumerate(pts) if not p['died'] and len(p['sessions']) == 1 and not p['fractures']]
    multi_pv = [i for i in plain if pts[i]['sessions'][0]['pv'] and len(pts[i]['sessions'][0]['levels']) > 1]
    died = [i for i, p in enumerate(pts) if p['died']]
    cem = multi_pv[-1]
    rest = [i for i in plain if i != cem]
    E = {rest[2]: 'vas15', cem: 'cem22', rest[10]: 'noid', died[1]: 'death3111'}
    for i, k in E.items():
        pts[i]['err'] = k
    ix = {k: i for i, k in E.items()}
    p = pts[ix['vas15']]
    p['scores'][(1, 'pain_vas', '1m')] = 15
    p = pts[ix['cem22']]
    p['sessions'][0]['levels'][-1]['vol'] = 22.0
    s = p['sessions'][0]; s['total'] = round(sum(x['vol'] for x in s['levels']), 1)
    T = Truth()
    wb = Workbook()
    ws = wb.active
    ws.title = 'Журнал ВП-КП'
    ws['A1'] = 'ГБУЗ НСО «Областная клиническая больница № 2», нейрохирургическое отделение № 1'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = 'Журнал пункционных вертебропластик и кифопластик, 2021–2023 гг. (ВАШ 0–10 баллов, ODI %)'
    ws['A2'].font = Font(bold=True)
    top = ['№ п/п', 'Шифр', 'ФИО', '№ ИБ', 'Дата рожд.', 'Пол', 'Возраст, лет', 'Телефон', 'Диагноз (МКБ-10)',
           'Дата операции', 'Уровень', 'Метод', 'Цемент', 'Объём цемента, мл', 'Утечка цемента']
    vas_tp = [('до операции', 'pre'), ('1 сут', '24h'), ('1 мес', '1m'), ('3 мес', '3m'), ('6 мес', '6m'), ('12 мес', '12m')]
    odi_tp = [('до операции', 'pre'), ('3 мес', '3m'), ('12 мес', '12m')]
    tail = ['Новые переломы (уровень – дата)', 'Исход', 'Примечание']
    H1, H2 = 4, 5
    bold = Font(bold=True)
    fill = PatternFill('solid', fgColor='DDEBF7')
    c = 1
    for h in top:
        ws.cell(H1, c, h); ws.merge_cells(start_row=H1, start_column=c, end_row=H2, end_column=c); c += 1
    vas_c = c
    ws.cell(H1, c, 'ВАШ, баллы')
    for k, (h, t) in enumerate(vas_tp):
        ws.cell(H2, c + k, h)
    ws.merge_cells(start_row=H1, start_column=c, end_row=H1, end_column=c + len(vas_tp) - 1)
    c += len(vas_tp)
    odi_c = c
    ws.cell(H1, c, 'ODI, %')
    for k, (h, t) in enumerate(odi_tp):
        ws.cell(H2, c + k, h)
    ws.merge_cells(start_row=H1, start_column=c, end_row=H1, end_column=c + len(odi_tp) - 1)
    c += len(odi_tp)
    tail_c = c
    for h in tail:
        ws.cell(H1, c, h); ws.merge_cells(start_row=H1, start_column=c, end_row=H2, end_column=c); c += 1
    ncol = c - 1
    for rr in (H1, H2):
        for j in range(1, ncol + 1):
            ws.cell(rr, j).font = bold; ws.cell(rr, j).fill = fill
            ws.cell(rr, j).alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
    for j, wdt in enumerate([5, 8, 30, 10, 11, 5, 8, 17, 38, 12, 14, 8, 13, 22, 22] + [8] * 9 + [30, 18, 22], 1):
        ws.column_dimensions[get_column_letter(j)].width = wdt
    col = {h: j for j, h in enumerate(top, 1)}

    def L(p, l):
        if l[0] == 'T':
            return ('Т' if p['cyr'] else 'Th') + l[1:]   # Cyrillic Т (U+0422) shorthand
        return l

    def num(x):
        return fmtnum(x).replace('.', ',')

    rows = []
    for p in pts:
        for s in p['sessions']:
            rows.append((s['date'], p, s))
    rows.sort(key=lambda x: x[0])
    r = H2 + 1
    for n, (d, p, s) in enumerate(rows, 1):
        ws.cell(r, 1, n)
        if p['err'] == 'noid':
            T.err(ws.title, 'B%d' % r, 'Шифр', '', 'row with data but no study ID', '')
        else:
            ws.cell(r, 2, p['pid'])
        ws.cell(r, 3, p['name']); ws.cell(r, 4, p['ib'])
        ws.cell(r, 5, p['bdate'].strftime('%d.%m.%Y'))
        ws.cell(r, 6, 'ж' if p['sex'] == 'female' else 'м')
        age_now = s['date'].year - p['bdate'].year - ((s['date'].month, s['date'].day) < (p['bdate'].month, p['bdate'].day))
        ws.cell(r, 7, age_now)
        ws.cell(r, 8, p['tel'])
        T.ident('name', p['name']); T.ident('record_number', p['ib']); T.ident('birth_date', p['bdate'].strftime('%d.%m.%Y'))
        T.ident('phone', p['tel'])
        lv = ', '.join(L(p, x['level']) for x in s['levels'])
        if s['s'] == 1:
            dx = {'osteoporotic': ['M80.0 Постменопаузальный остеопороз с патологическим переломом %s',
                                   'M80.0 Остеопороз, компрессионный перелом %s' if p['sex'] == 'female' else 'M80.8 Остеопороз с патологическим переломом %s'],
                  'pathologic': ['C79.5 Мтс рака молочной железы в %s', 'C90.0 Множественная миелома, патологический перелом %s',
                                 'C79.5 Вторичное поражение %s (рак почки)', 'C79.5 Мтс рака предстательной железы, %s'],
                  'traumatic': ['S22.0 Компрессионный перелом тела %s' if lv[0] in 'TТ' else 'S32.0 Неосложнённый компрессионный перелом %s']}[p['etiology']]
            if p['sex'] == 'male':
                dx = [x for x in dx if 'молочной' not in x and 'Постменопаузальный' not in x]
            else:
                dx = [x for x in dx if 'предстательной' not in x]
            ws.cell(r, col['Диагноз (МКБ-10)'], rng.choice(dx) % lv)
        else:
            ws.cell(r, col['Диагноз (МКБ-10)'], 'M80.0 Новый остеопоротический перелом %s (повторная госпитализация)' % lv)
        c = ws.cell(r, col['Дата операции'], s['date']); c.number_format = 'dd.mm.yyyy'
        ws.cell(r, col['Уровень'], lv)
        ws.cell(r, col['Метод'], 'ВП' if s['technique'] == 'vertebroplasty' else 'КП')
        ws.cell(r, col['Цемент'], s['cement'])
        if len(s['levels']) == 1:
            v = s['levels'][0]['vol']
            ws.cell(r, col['Объём цемента, мл'], v if v == int(v) else num(v))
        elif s['pv']:
            txt = '; '.join('%s – %s' % (L(p, x['level']), num(x['vol'])) for x in s['levels'])
            ws.cell(r, col['Объём цемента, мл'], txt)
            if p['err'] == 'cem22':
                T.err(ws.title, '%s%d' % (get_column_letter(col['Объём цемента, мл']), r), 'Объём цемента, мл', txt,
                      'cement volume 22 mL in one vertebra (%s)' % L(p, s['levels'][-1]['level']), p['pid'])
        else:
            ws.cell(r, col['Объём цемента, мл'], num(s['total']) + ' (всего)')
        lk = [x for x in s['levels'] if x['leak'] != 'none']
        if not lk:
            ws.cell(r, col['Утечка цемента'], rng.choice(['нет', 'нет', 'не выявлено']))
        else:
            parts = []
            for x in lk:
                kinds = [LEAKR[k] for k in x['leak'].split(';')]
                parts.append('%s %s' % (' + '.join(kinds), L(p, x['level'])) if len(s['levels']) > 1 else ' + '.join(kinds))
            ws.cell(r, col['Утечка цемента'], '; '.join(parts))
        stps = TPS if s['s'] == 1 else ['pre', '24h', '1m', '3m']
        for base, tps_ in ((vas_c, vas_tp), (odi_c, odi_tp)):
            m = 'pain_vas' if base == vas_c else 'odi'
            for k, (h, t) in enumerate(tps_):
                cc = ws.cell(r, base + k)
                if t not in stps or (s['s'], m, t) not in p['scores']:
                    continue
                v = p['scores'][(s['s'], m, t)]
                if v is None:
                    dead = p['died'] and s['day'] + TP_DAYS[t] > p['death_day']
                    cc.value = '—' if dead else rng.choice(['н/я', 'н/я', 'не явилась' if p['sex'] == 'female' else 'не явился'])
                else:
                    cc.value = v
                    if v > 10 and m == 'pain_vas':
                        T.err(ws.title, '%s%d' % (get_column_letter(base + k), r), 'ВАШ, баллы: ' + h if False else h, str(v),
                              'VAS 15 on a 0-10 scale', p['pid'])
        if s['s'] == 1:
            fx = []
            for (fd, fl) in p['fractures']:
                fx.append('%s – %s' % (L(p, fl), (p['d0'] + dt.timedelta(days=fd)).strftime('%d.%m.%Y')))
            if fx:
                ws.cell(r, tail_c, '; '.join(fx))
            if len(p['sessions']) > 1:
                ws.cell(r, tail_c + 2, 'повторная ВП %s, см. ниже' % p['sessions'][1]['date'].strftime('%d.%m.%Y'))
            elif p['fractures']:
                ws.cell(r, tail_c + 2, 'консервативно, корсет')
        if p['died']:
            if p['err'] == 'death3111':
                txt = 'умер' + ('ла' if p['sex'] == 'female' else '') + ' 31.11.%d' % p['death'].year
                ws.cell(r, tail_c + 1, txt)
                T.err(ws.title, '%s%d' % (get_column_letter(tail_c + 1), r), 'Исход', txt, 'impossible date: 31 November', p['pid'])
            else:
                ws.cell(r, tail_c + 1, ('умерла ' if p['sex'] == 'female' else 'умер ') + p['death'].strftime('%d.%m.%Y'))
        else:
            ws.cell(r, tail_c + 1, 'жив' + ('а' if p['sex'] == 'female' else ''))
        if s['s'] == 2:
            for j in range(1, ncol + 1):
                ws.cell(r, j).fill = PatternFill('solid', fgColor='FFF2CC')
        r += 1
    ws.freeze_panes = 'D6'
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, T, per_vertebra=lambda p, s: s['pv'], skip=lambda p: p['err'] == 'noid')


if __name__ == '__main__':
    main()
