#!/usr/bin/env python3
"""Astana (Kazakhstan): HIS entity-attribute-value export. Usage: python make.py OUTDIR"""
# ---------------------------------------------------------------- common cohort generator
import os, sys, csv, random, datetime as dt

TP_NOMINAL = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
              '6m': 182, '12m': 365, '24m': 730}
TP_JITTER = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 9, '6m': 12,
             '12m': 20, '24m': 30}
LEVELS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
          'L1', 'L2', 'L3', 'L4', 'L5']


def lvl_index(l):
    return LEVELS.index(l)


def pick_levels(rng, etio, k):
    if etio == 'osteoporotic':
        pool = ['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'L4']
    elif etio == 'pathologic':
        pool = ['T5', 'T6', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
    elif etio == 'traumatic':
        pool = ['T11', 'T12', 'T12', 'L1', 'L1', 'L2']
    else:
        pool = ['T10', 'T11', 'T12', 'L1', 'L2']
    first = rng.choice(pool)
    i = lvl_index(first)
    levels = [first]
    while len(levels) < k:
        if rng.random() < 0.75 and i + len(levels) < len(LEVELS):
            levels.append(LEVELS[i + len(levels)])
        else:
            j = rng.randrange(4, 17)
            if LEVELS[j] not in levels:
                levels.append(LEVELS[j])
    return sorted(set(levels), key=lvl_index)


def pick_leak(rng):
    r = rng.random()
    if r < 0.72:
        return []
    if r < 0.84:
        return ['disc']
    if r < 0.91:
        return ['venous']
    if r < 0.96:
        return ['paravertebral']
    if r < 0.98:
        return ['disc', 'venous']
    return ['epidural']


def cement_vol(rng, level, technique):
    lumbar = level.startswith('L')
    lo, hi = (3.0, 7.0) if lumbar else (2.0, 5.0)
    if technique == 'kyphoplasty':
        lo += 0.5
        hi += 1.0
    return rng.randrange(int(lo * 2), int(hi * 2) + 1) / 2.0


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def gen_scores(rng, tp, measures, base):
    """base: dict of pre values; returns dict measure->value"""
    out = {}
    for m in measures:
        if m == 'pain_vas':
            if tp == 'pre':
                v = base['pain_vas']
            elif tp == '24h':
                v = base['pain_vas'] - rng.randint(2, 5)
            elif tp in ('1w', '2w'):
                v = base['pain_vas'] - rng.randint(3, 5)
            else:
                v = base['pain_vas'] - rng.randint(3, 7)
            out[m] = clamp(v, 0, 10)
        elif m == 'odi':
            if tp == 'pre':
                v = base['odi']
            elif tp in ('24h', '1w', '2w'):
                v = base['odi'] - 2 * rng.randint(5, 12)
            else:
                v = base['odi'] - 2 * rng.randint(8, 22)
            out[m] = clamp(v, 4, 100)
        elif m == 'mobility':
            if tp == 'pre':
                v = base['mobility']
            elif tp == '24h':
                v = base['mobility'] - rng.randint(0, 2)
            else:
                v = base['mobility'] - rng.randint(1, 3)
            out[m] = clamp(v, 0, 4)
    return out


def gen_cohort(seed, cfg):
    """cfg keys: n, start (date), span_days, tps1, tps2, measures, kp_prob,
    etio_weights (dict), n_second, n_extra_fx, n_dead, fx_tp (list of tps for second),
    extra_fx_tps, miss_prob, pre_offset (days of pre visit, 0 or -1), measure_tp (dict tp->measures)"""
    rng = random.Random(seed)
    n = cfg['n']
    etios = []
    for e, w in cfg['etio_weights'].items():
        etios += [e] * w
    pats = []
    for i in range(n):
        etio = etios[i] if i < len(etios) else 'osteoporotic'
        pats.append({'idx': i, 'etio': etio})
    rng.shuffle(pats)
    for i, p in enumerate(pats):
        p['idx'] = i
        e = p['etio']
        if e == 'osteoporotic':
            p['sex'] = 'female' if rng.random() < 0.78 else 'male'
            p['age'] = rng.randint(61, 89)
        elif e == 'pathologic':
            p['sex'] = rng.choice(['female', 'male'])
            p['age'] = rng.randint(46, 79)
        elif e == 'traumatic':
            p['sex'] = 'male' if rng.random() < 0.7 else 'female'
            p['age'] = rng.randint(28, 64)
        else:
            p['sex'] = rng.choice(['female', 'male'])
            p['age'] = rng.randint(55, 80)
        d0 = cfg['start'] + dt.timedelta(days=rng.randrange(cfg['span_days']))
        while d0.weekday() >= 5:
            d0 += dt.timedelta(days=1)
        p['date0'] = d0
        # birth date consistent with age at d0
        bd_year = d0.year - p['age'] - 1
        bd = dt.date(bd_year, rng.randint(1, 12), rng.randint(1, 28))
        # make sure age at d0 == age
        def age_at(b, d):
            return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
        while age_at(bd, d0) > p['age']:
            bd = bd.replace(year=bd.year + 1)
        while age_at(bd, d0) < p['age']:
            bd = bd.replace(year=bd.year - 1)
        p['birth'] = bd
        k = 1
        r = rng.random()
        if r < 0.22:
            k = 2
        elif r < 0.31:
            k = 3
        tech = 'kyphoplasty' if rng.random() < cfg['kp_prob'] else 'vertebroplasty'
        if e == 'traumatic' and cfg['kp_prob'] > 0:
            tech = 'kyphoplasty'
        levels = pick_levels(rng, e, k)
        p['sessions'] = [{'n': 1, 'day': 0, 'technique': tech,
                          'levels': [{'level': l, 'vol': cement_vol(rng, l, tech),
                                      'leak': pick_leak(rng)} for l in levels],
                          'cement': None}]
        p['base'] = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(22, 42),
                     'mobility': rng.randint(2, 4)}
        p['fractures'] = []
        p['died'] = False
        p['death_day'] = None
        # visits
        vis = []
        for tp in cfg['tps1']:
            if tp == 'pre':
                day = cfg.get('pre_offset', 0)
            else:
                day = TP_NOMINAL[tp] + rng.randint(-TP_JITTER[tp], TP_JITTER[tp])
            st = 'done'
            if tp not in ('pre', '24h') and rng.random() < cfg['miss_prob']:
                st = 'missed'
            vis.append({'session': 1, 'tp': tp, 'day': day, 'status': st})
        p['visits'] = vis
        pats.append  # noqa
    # choose second-session patients, extra fractures, deaths
    idxs = list(range(n))
    rng.shuffle(idxs)
    second = idxs[:cfg['n_second']]
    extra = idxs[cfg['n_second']:cfg['n_second'] + cfg['n_extra_fx']]
    rest = idxs[cfg['n_second'] + cfg['n_extra_fx']:]
    # deaths: prefer pathologic among rest
    rest.sort(key=lambda i: (pats[i]['etio'] != 'pathologic', i))
    dead = rest[:cfg['n_dead']]
    for i in second:
        p = pats[i]
        fx_tp = rng.choice(cfg['fx_tp'])
        v = [x for x in p['visits'] if x['tp'] == fx_tp][0]
        v['status'] = 'done'
        used = [l['level'] for l in p['sessions'][0]['levels']]
        cand = [l for l in LEVELS[5:] if l not in used and
                min(abs(lvl_index(l) - lvl_index(u)) for u in used) <= 3]
        fl = rng.choice(cand)
        p['fractures'].append({'day': v['day'], 'level': fl, 'tp': fx_tp, 'treated': True})
        d2 = v['day'] + rng.randint(6, 20)
        while (p['date0'] + dt.timedelta(days=d2)).weekday() >= 5:
            d2 += 1
        tech2 = p['sessions'][0]['technique']
        p['sessions'].append({'n': 2, 'day': d2, 'technique': tech2,
                              'levels': [{'level': fl, 'vol': cement_vol(rng, fl, tech2),
                                          'leak': pick_leak(rng)}], 'cement': None})
        for x in p['visits']:
            if x['day'] > v['day']:
                x['status'] = 'superseded'
        for tp in cfg['tps2']:
            if tp == 'pre':
                day = d2 + cfg.get('pre_offset', 0)
            else:
                day = d2 + TP_NOMINAL[tp] + rng.randint(-TP_JITTER[tp], TP_JITTER[tp])
            st = 'done'
            if tp not in ('pre', '24h') and rng.random() < cfg['miss_prob'] / 2:
                st = 'missed'
            p['visits'].append({'session': 2, 'tp': tp, 'day': day, 'status': st})
    for i in extra:
        p = pats[i]
        tp = rng.choice(cfg['extra_fx_tps'])
        v = [x for x in p['visits'] if x['tp'] == tp][0]
        v['status'] = 'done'
        used = [l['level'] for l in p['sessions'][0]['levels']]
        cand = [l for l in LEVELS[5:] if l not in used]
        fl = rng.choice(cand)
        p['fractures'].append({'day': v['day'], 'level': fl, 'tp': tp, 'treated': False})
    for i in dead:
        p = pats[i]
        p['died'] = True
        fu = [x for x in p['visits'] if x['tp'] not in ('pre', '24h')]
        # die after the 1st or 2nd follow-up visit
        k = rng.randint(1, max(1, len(fu) - 1))
        last = fu[k - 1]
        last['status'] = 'done'
        nxt = fu[k] if k < len(fu) else None
        if nxt is not None:
            dd = rng.randint(last['day'] + 5, nxt['day'] - 3)
        else:
            dd = last['day'] + rng.randint(10, 60)
        p['death_day'] = dd
        for x in fu[k:]:
            x['status'] = 'dead'
    # scores
    for p in pats:
        for v in p['visits']:
            ms = cfg['measure_tp'].get(v['tp'], cfg['measures'])
            if v['status'] == 'done':
                base = p['base'] if v['session'] == 1 else {
                    'pain_vas': rng.randint(6, 9), 'odi': 2 * rng.randint(24, 40),
                    'mobility': rng.randint(2, 4)}
                if v['session'] == 2 and v['tp'] == 'pre':
                    p['base2'] = base
                if v['session'] == 2 and v['tp'] != 'pre':
                    base = p['base2']
                sc = gen_scores(rng, v['tp'], ms, base)
                # occasionally one measure not recorded
                if len(ms) > 1 and v['tp'] != 'pre' and rng.random() < 0.06:
                    del sc[rng.choice(sorted(sc))]
                v['scores'] = sc
            else:
                v['scores'] = {}
    return pats, rng


def vdate(p, day):
    return p['date0'] + dt.timedelta(days=day)


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def fmt_num(x, comma=False):
    s = ('%g' % x)
    return s.replace('.', ',') if comma else s


def write_truth(outdir, pats, errors, identifiers):
    """pats must carry: pid, and truth flags. errors: list of dicts."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(['' if x is None else x for x in r])
    rows = []
    for p in pats:
        if p.get('no_truth'):
            continue
        rows.append([p['pid'], p.get('t_sex', p['sex']), p.get('t_age', p['age']),
                     p['etio'], 'yes' if p['died'] else 'no'])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], rows)
    rows = []
    for p in pats:
        if p.get('no_truth'):
            continue
        for s in p['sessions']:
            per_v = s.get('per_vertebra', True)
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                lev = '' if l.get('bad_level') else l['level']
                vol = ('%g' % l['vol']) if per_v and not l.get('bad_vol') else ''
                svol = '' if per_v else ('%g' % tot)
                if l.get('vol_blank'):
                    vol = ''
                leak = '' if l.get('leak_blank') else (';'.join(l['leak']) if l['leak'] else 'none')
                day = '' if s.get('bad_day') else s['day']
                rows.append([p['pid'], s['n'], day, lev, s['technique'], vol, svol,
                             s['cement'], leak])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    rows = []
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    for p in pats:
        if p.get('no_truth'):
            continue
        vs = sorted(p['visits'], key=lambda v: (v['session'], order.index(v['tp'])))
        for v in vs:
            for m in ['pain_vas', 'odi', 'mobility']:
                if m in v['scores'] and m not in v.get('bad', ()):
                    val = v['scores'][m]
                    if m == 'pain_vas' and v.get('vas_mm'):
                        val = v['scores'][m]  # already stored /10
                    rows.append([p['pid'], v['session'], m, v['tp'], '%g' % val])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    rows = []
    for p in pats:
        if p.get('no_truth'):
            continue
        for fx in p['fractures']:
            rows.append([p['pid'], '' if fx.get('bad_day') else fx['day'], fx['level']])
    w('fractures.csv', ['patient_id', 'day', 'level'], rows)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['column_header'], e['value'], e['what'],
        e.get('pid', '')] for e in errors])
    w('identifiers.csv', ['kind', 'value'], identifiers)


def cell_addr(row, col):
    """row 1-based, col 0-based"""
    s = ''
    c = col + 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return '%s%d' % (s, row)
# ---------------------------------------------------------------- end common
# ---------------------------------------------------------------- site: astana (HIS EAV export)
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill

SITE_SEED = 22055


def iin_for(birth, sex, rng):
    yy = birth.strftime('%y%m%d')
    c = (3 if sex == 'male' else 4) if birth.year < 2000 else (5 if sex == 'male' else 6)
    while True:
        body = [int(x) for x in yy] + [c] + [rng.randint(0, 9) for _ in range(4)]
        s = sum((i + 1) * d for i, d in enumerate(body)) % 11
        if s == 10:
            w = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
            s = sum(wi * d for wi, d in zip(w, body)) % 11
            if s == 10:
                continue
        return ''.join(str(d) for d in body) + str(s)


F_NAMES_KZ = [('Ахметова', 'Гүлнар', 'Серікқызы'), ('Жұмабаева', 'Айгүл', 'Маратқызы'),
              ('Сейтқалиева', 'Бақыт', 'Нұрланқызы'), ('Иванова', 'Татьяна', 'Петровна'),
              ('Оспанова', 'Раушан', 'Кенжеқызы'), ('Абдрахманова', 'Сәуле', 'Ержанқызы'),
              ('Ким', 'Лариса', 'Николаевна'), ('Төлеуова', 'Мәншүк', 'Әбілқызы'),
              ('Байжанова', 'Зәуре', 'Қайратқызы'), ('Петренко', 'Валентина', 'Ивановна'),
              ('Мұқанова', 'Күләш', 'Сағатқызы'), ('Есенова', 'Ботагөз', 'Талғатқызы'),
              ('Шайхиева', 'Роза', 'Ринатовна'), ('Қасымова', 'Гүлжан', 'Омарқызы'),
              ('Смагулова', 'Динара', 'Болатовна'), ('Нұрпейісова', 'Алма', 'Ғабитқызы'),
              ('Кузнецова', 'Людмила', 'Сергеевна'), ('Әлиева', 'Жанар', 'Бекқызы')]
M_NAMES_KZ = [('Жұмабеков', 'Ерлан', 'Маратұлы'), ('Сәрсенбаев', 'Қайрат', 'Әбдіұлы'),
              ('Омаров', 'Бауыржан', 'Серікович'), ('Ли', 'Виктор', 'Андреевич'),
              ('Тұрсынов', 'Нұрлан', 'Ғалымұлы'), ('Бекмұхамбетов', 'Асқар', 'Төлегенұлы'),
              ('Сидоров', 'Геннадий', 'Павлович'), ('Исабеков', 'Дәурен', 'Жақсыбекұлы'),
              ('Қалиев', 'Мұрат', 'Сәкенұлы'), ('Шевченко', 'Олег', 'Викторович'),
              ('Әбенов', 'Талғат', 'Құрманұлы'), ('Нұрғалиев', 'Ержан', 'Бақытұлы')]
LATIN_OF = {'Ахметова Гүлнар Серікқызы': 'Ahmetova Gülnar Serıkqyzy',
            'Тұрсынов Нұрлан Ғалымұлы': 'Tūrsynov Nūrlan Ğalymūly',
            'Есенова Ботагөз Талғатқызы': 'Esenova Botagöz Talğatqyzy',
            'Қалиев Мұрат Сәкенұлы': 'Qaliev Mūrat Säkenūly',
            'Төлеуова Мәншүк Әбілқызы': 'Töleuova Mänşük Äbılqyzy'}

SEX_W = {'female': ['әйел', 'әйел', 'жен', 'äiel'], 'male': ['ер', 'ер', 'муж', 'er']}
TP_W = {'pre': ['ота алдында', 'до операции', 'ota aldynda'],
        '24h': ['1 тәулік', '24 сағат', '1 сутки'],
        '1m': ['1 ай', '1 мес', '1 ai'],
        '3m': ['3 ай', '3 мес', '3 ai'],
        '12m': ['12 ай', '1 жыл', '1 год', '12 ai']}
CAME_W = ['келді', 'келді', 'явился', 'keldı']
MISS_W = ['келмеді', 'не явился', 'kelmedı']
LEAK_W = {'none': ['жоқ', 'жоқ', 'нет', 'joq'],
          'disc': ['дискіге', 'в межпозвонковый диск', 'diskıge'],
          'venous': ['венаға', 'венозная', 'venağa'],
          'paravertebral': ['паравертебральді', 'паравертебрально'],
          'epidural': ['эпидуралды', 'эпидурально']}

CODES = [
    ('D001', 'Аты-жөні', 'Aty-jönı', 'ФИО', '', 'мәтін / текст', ''),
    ('D002', 'ЖСН', 'JSN', 'ИИН', '', 'мәтін / текст', '12 цифр'),
    ('D003', 'Туған күні', 'Tuğan künı', 'Дата рождения', '', 'күн / дата', 'КК.АА.ЖЖЖЖ'),
    ('D004', 'Жынысы', 'Jynysy', 'Пол', '', 'анықтамалық / справочник', 'ер / әйел'),
    ('D005', 'Байланыс телефоны', 'Bailanys telefony', 'Контактный телефон', '', 'мәтін / текст', ''),
    ('D006', 'Медициналық карта №', 'Medisinalyq karta nömırı', '№ медицинской карты', '', 'мәтін / текст', ''),
    ('DX10', 'Негізгі диагноз, АХЖ-10 коды', 'Negızgı diagnoz, AHJ-10 kody', 'Основной диагноз, код МКБ-10', '', 'анықтамалық / справочник', ''),
    ('DX11', 'Клиникалық диагноз', 'Klinikalyq diagnoz', 'Клинический диагноз', '', 'мәтін / текст', ''),
    ('OP01', 'Операция коды (АХЖ-9)', 'Operasia kody (AHJ-9)', 'Код операции (МКБ-9)', '', 'анықтамалық / справочник', '81.65 вертебропластика; 81.66 кифопластика'),
    ('OP02', 'Операция атауы', 'Operasia atauy', 'Наименование операции', '', 'мәтін / текст', ''),
    ('OP11', '1-омыртқа деңгейі', '1-omyrtqa deñgeiı', 'Позвонок 1: уровень', '', 'мәтін / текст', ''),
    ('OP12', '1-омыртқа: цемент көлемі', '1-omyrtqa: sement kölemı', 'Позвонок 1: объём цемента', 'мл', 'сан / число', ''),
    ('OP13', '1-омыртқа: цементтің ағуы', '1-omyrtqa: sementtıñ ağuy', 'Позвонок 1: экстравазация цемента', '', 'мәтін / текст', ''),
    ('OP21', '2-омыртқа деңгейі', '2-omyrtqa deñgeiı', 'Позвонок 2: уровень', '', 'мәтін / текст', ''),
    ('OP22', '2-омыртқа: цемент көлемі', '2-omyrtqa: sement kölemı', 'Позвонок 2: объём цемента', 'мл', 'сан / число', ''),
    ('OP23', '2-омыртқа: цементтің ағуы', '2-omyrtqa: sementtıñ ağuy', 'Позвонок 2: экстравазация цемента', '', 'мәтін / текст', ''),
    ('OP31', '3-омыртқа деңгейі', '3-omyrtqa deñgeiı', 'Позвонок 3: уровень', '', 'мәтін / текст', ''),
    ('OP32', '3-омыртқа: цемент көлемі', '3-omyrtqa: sement kölemı', 'Позвонок 3: объём цемента', 'мл', 'сан / число', ''),
    ('OP33', '3-омыртқа: цементтің ағуы', '3-omyrtqa: sementtıñ ağuy', 'Позвонок 3: экстравазация цемента', '', 'мәтін / текст', ''),
    ('OP40', 'Сүйек цементі (атауы)', 'Süiek sementı (atauy)', 'Костный цемент (марка)', '', 'мәтін / текст', ''),
    ('FU01', 'Бақылау мерзімі (соңғы отадан)', 'Baqylau merzımı (soñğy otadan)', 'Срок наблюдения (от последней операции)', '', 'мәтін / текст', ''),
    ('FU02', 'Қабылдауға келуі', 'Qabyldauğa kelui', 'Явка на приём', '', 'анықтамалық / справочник', 'келді / келмеді'),
    ('SC01', 'ВАШ бойынша ауырсыну', 'VAŞ boiynşa auyrsynu', 'Боль по ВАШ', 'мм (0–100)', 'сан / число', ''),
    ('SC02', 'Освестри индексі', 'Osvestri indeksı', 'Индекс Освестри (ODI)', '% (0–100)', 'сан / число', ''),
    ('FU10', 'Жаңа омыртқа сынығы (деңгейі)', 'Jaña omyrtqa synyğy (deñgeiı)', 'Новый перелом позвонка (уровень)', '', 'мәтін / текст', ''),
    ('EX01', 'Қайтыс болған күні', 'Qaitys bolğan künı', 'Дата смерти', '', 'күн / дата', 'КК.АА.ЖЖЖЖ'),
    ('VS01', 'Артериялық қысым', 'Arterialyq qysym', 'Артериальное давление', 'мм сын. бағ.', 'мәтін / текст', ''),
    ('LB01', 'Гемоглобин', 'Gemoglobin', 'Гемоглобин', 'г/л', 'сан / число', ''),
]


def lvl_text(rng, l):
    if l.startswith('T'):
        return rng.choice(['Th' + l[1:], 'Th' + l[1:], 'Th' + l[1:], 'Т' + l[1:], 'T' + l[1:]])
    return l


def main(outdir):
    cfg = dict(n=25, start=dt.date(2023, 1, 16), span_days=560,
               tps1=['pre', '24h', '1m', '3m', '12m'], tps2=['pre', '24h', '1m'],
               measures=['pain_vas', 'odi'], kp_prob=0.4,
               etio_weights={'osteoporotic': 16, 'pathologic': 6, 'traumatic': 3},
               n_second=3, n_extra_fx=2, n_dead=3, fx_tp=['3m'], extra_fx_tps=['3m', '12m'],
               miss_prob=0.14, pre_offset=-1, measure_tp={'24h': ['pain_vas']})
    pats, rng = gen_cohort(SITE_SEED, cfg)
    fnames = F_NAMES_KZ[:]
    mnames = M_NAMES_KZ[:]
    rng.shuffle(fnames)
    rng.shuffle(mnames)
    used_codes = set()
    identifiers = []
    for p in pats:
        while True:
            code = '00' + str(rng.randint(10000, 99999))
            if code not in used_codes:
                used_codes.add(code)
                break
        p['pid'] = code
        nm = (fnames if p['sex'] == 'female' else mnames).pop()
        full = ' '.join(nm)
        p['name'] = LATIN_OF.get(full, full)
        p['iin'] = iin_for(p['birth'], p['sex'], rng)
        p['phone'] = '+7 7%02d %03d %02d %02d' % (rng.choice([0, 1, 2, 5, 7, 47, 71, 75, 77]),
                                                 rng.randint(100, 999), rng.randint(10, 99),
                                                 rng.randint(10, 99))
        p['mk'] = '%d/%05d' % (p['date0'].year, rng.randint(1000, 29999))
        for s in p['sessions']:
            if p['etio'] == 'traumatic' and p['age'] < 45:
                s['cement'] = 'calcium phosphate'
                s['brand'] = 'KyphOs FS (кальций фосфаты)'
            else:
                s['cement'] = 'PMMA'
                s['brand'] = ('KyphX HV-R' if s['technique'] == 'kyphoplasty'
                              else rng.choice(['Osteopal V', 'Vertecem V+', 'Vertecem V+']))
        # VAS in mm
        for v in p['visits']:
            if 'pain_vas' in v['scores']:
                mm = int(v['scores']['pain_vas'] * 10 + rng.randint(-4, 4))
                mm = max(0, min(100, mm))
                v['vas_mm'] = mm
                v['scores']['pain_vas'] = mm / 10.0
        identifiers += [('name', p['name']), ('national_id', p['iin']),
                        ('birth_date', p['birth'].strftime('%d.%m.%Y')), ('phone', p['phone']),
                        ('record_number', p['mk'])]

    # ------------------------------------------------------------ build EAV rows
    rows = []  # (datetime, pid, code, value, author, tag)

    def add(p, day, minute, code, value, tag=None, author=None):
        d = vdate(p, day)
        t = dt.datetime(d.year, d.month, d.day, 8, 0) + dt.timedelta(minutes=minute)
        rows.append({'dt': t, 'pid': p['pid'], 'code': code, 'value': value,
                     'author': author or p['doc'], 'tag': tag, 'p': p})
    docs = ['doc_014', 'doc_022', 'doc_031', 'nurse_07', 'doc_009']
    for p in pats:
        p['doc'] = rng.choice(docs[:3] + [docs[4]])
        s1 = p['sessions'][0]
        # admission (day -1)
        m0 = rng.randint(60, 300)
        add(p, -1, m0, 'D001', p['name'])
        add(p, -1, m0 + 1, 'D002', p['iin'])
        add(p, -1, m0 + 1, 'D003', p['birth'].strftime('%d.%m.%Y'))
        add(p, -1, m0 + 2, 'D004', rng.choice(SEX_W[p['sex']]))
        add(p, -1, m0 + 2, 'D005', p['phone'])
        add(p, -1, m0 + 3, 'D006', p['mk'])
        lv1 = [l['level'] for l in s1['levels']]
        thor = lv1[0].startswith('T')
        if p['etio'] == 'osteoporotic':
            icd = rng.choice(['M80.0', 'M80.8'])
            txt = rng.choice(['Остеопороздық компрессиялық сынық',
                              'Остеопоротический компрессионный перелом',
                              'Постменопаузальный остеопороз с патологическим переломом'])
        elif p['etio'] == 'pathologic':
            if rng.random() < 0.35:
                icd, txt = 'C90.0', rng.choice(['Миеломная болезнь, поражение позвонков',
                                                 'Көптік миелома'])
            else:
                icd = 'C79.5'
                txt = rng.choice(['Метастаз в позвоночник (рак молочной железы)' if p['sex'] == 'female'
                                  else 'Метастаз в позвоночник (рак предстательной железы)',
                                  'Омыртқаға метастаз (өкпе обыры)',
                                  'Метастатическое поражение позвонков (рак почки)'])
        else:
            icd = 'S22.0' if thor else 'S32.0'
            txt = rng.choice(['Травматический компрессионный перелом (падение с высоты)',
                              'Жарақаттық компрессиялық сынық (жол-көлік оқиғасы)',
                              'Травматический перелом тела позвонка (ДТП)'])
        add(p, -1, m0 + 5, 'DX10', icd)
        add(p, -1, m0 + 6, 'DX11', txt)
        if rng.random() < 0.6:
            add(p, -1, m0 + 8, 'VS01', '%d/%d' % (rng.randint(11, 16) * 10, rng.randint(7, 9) * 10),
                author='nurse_07')
        if rng.random() < 0.4:
            add(p, -1, m0 + 40, 'LB01', str(rng.randint(98, 142)), author='lab')
        for s in p['sessions']:
            d = s['day']
            if s['n'] == 2:
                add(p, d - 1, rng.randint(60, 300), 'DX11',
                    rng.choice(['Жаңа компрессиялық сынық', 'Новый компрессионный перелом',
                                'Повторный перелом смежного позвонка']))
            mo = rng.randint(180, 420)
            add(p, d, mo, 'OP01', '81.66' if s['technique'] == 'kyphoplasty' else '81.65')
            add(p, d, mo, 'OP02', rng.choice(['Перкутанная кифопластика баллонная',
                                              'Баллонды кифопластика'])
                if s['technique'] == 'kyphoplasty' else
                rng.choice(['Перкутанная вертебропластика', 'Тері арқылы вертебропластика']))
            for k, l in enumerate(s['levels']):
                add(p, d, mo + 2 + 2 * k, 'OP%d1' % (k + 1), lvl_text(rng, l['level']),
                    tag=('lvl', s['n'], k))
                add(p, d, mo + 2 + 2 * k, 'OP%d2' % (k + 1), fmt_num(l['vol'], comma=rng.random() < 0.5),
                    tag=('vol', s['n'], k))
                if l['leak']:
                    lw = ' + '.join(rng.choice(LEAK_W[x]) for x in l['leak'])
                else:
                    lw = rng.choice(LEAK_W['none'])
                add(p, d, mo + 3 + 2 * k, 'OP%d3' % (k + 1), lw)
            add(p, d, mo + 10, 'OP40', s['brand'])
        for v in p['visits']:
            if v['status'] in ('superseded', 'dead'):
                continue
            mv = rng.randint(60, 420) if v['tp'] != 'pre' else rng.randint(310, 500)
            add(p, v['day'], mv, 'FU01', rng.choice(TP_W[v['tp']]), tag=('fu', v['session'], v['tp']))
            if v['status'] == 'missed':
                add(p, v['day'], mv, 'FU02', rng.choice(MISS_W))
                continue
            if v['tp'] not in ('pre', '24h'):
                add(p, v['day'], mv, 'FU02', rng.choice(CAME_W))
            if 'pain_vas' in v['scores']:
                add(p, v['day'], mv + 1, 'SC01', str(v['vas_mm']), tag=('vas', v['session'], v['tp']))
            if 'odi' in v['scores']:
                add(p, v['day'], mv + 3, 'SC02', '%g' % v['scores']['odi'], tag=('odi', v['session'], v['tp']))
            for fx in p['fractures']:
                if fx['day'] == v['day']:
                    add(p, v['day'], mv + 5, 'FU10', lvl_text(rng, fx['level']))
        if p['died']:
            dd = vdate(p, p['death_day'])
            add(p, p['death_day'] + rng.randint(2, 9), rng.randint(60, 400), 'EX01',
                dd.strftime('%d.%m.%Y'), tag=('death',), author='stat_01')

    # ------------------------------------------------------------ planted errors
    errors_plan = []
    by_tag = {}
    for r in rows:
        if r['tag']:
            by_tag[(r['pid'],) + r['tag']] = r
    order = list(range(len(pats)))
    rng.shuffle(order)
    bad_pats = set()

    def take(pred):
        for i in order:
            p = pats[i]
            if p['pid'] in bad_pats:
                continue
            if pred(p):
                bad_pats.add(p['pid'])
                return p
        raise RuntimeError('no candidate')
    # 1: L6
    p = take(lambda p: len(p['sessions']) == 1 and not p['fractures'] and
             p['sessions'][0]['levels'][-1]['level'] in ('L4', 'L5'))
    k = len(p['sessions'][0]['levels']) - 1
    r = by_tag[(p['pid'], 'lvl', 1, k)]
    r['value'] = 'L6'
    p['sessions'][0]['levels'][k]['bad_level'] = True
    errors_plan.append((r, 'impossible vertebral level L6 (there are five lumbar vertebrae)'))
    # 2: VAS 125 mm
    p = take(lambda p: any(v['tp'] == '3m' and v['status'] == 'done' and 'pain_vas' in v['scores']
                           and v['session'] == 1 for v in p['visits']) and not p['died'])
    v = [v for v in p['visits'] if v['tp'] == '3m' and v['session'] == 1][0]
    r = by_tag[(p['pid'], 'vas', 1, '3m')]
    r['value'] = '125'
    v['bad'] = ('pain_vas',)
    errors_plan.append((r, 'VAS 125 mm is beyond the 0-100 mm scale'))
    # 3: cement 24 ml in one vertebra
    p = take(lambda p: len(p['sessions']) == 1 and p['sessions'][0]['technique'] == 'vertebroplasty'
             and len(p['sessions'][0]['levels']) >= 2)
    r = by_tag[(p['pid'], 'vol', 1, 0)]
    r['value'] = '24'
    p['sessions'][0]['levels'][0]['bad_vol'] = True
    errors_plan.append((r, 'cement volume 24 ml in one vertebra (above 20 ml)'))
    # 4: impossible death date
    def death_ok(p):
        if not p['died']:
            return False
        return vdate(p, p['death_day']).month in (4, 6, 9, 11)
    cands = [p for p in pats if p['died'] and p['pid'] not in bad_pats]
    # move a death into a 30-day month if needed (keeping it between visits)
    target = None
    for p in cands:
        fu_days = [v['day'] for v in p['visits'] if v['status'] == 'done']
        nxt = [v['day'] for v in p['visits'] if v['status'] == 'dead']
        lo = max(fu_days) + 5
        hi = (min(nxt) - 3) if nxt else lo + 60
        for dday in range(lo, hi + 1):
            if vdate(p, dday).month in (4, 6, 9, 11) and vdate(p, dday).day == 30:
                target = (p, dday)
                break
        if target:
            break
    p, dday = target
    bad_pats.add(p['pid'])
    p['death_day'] = dday
    r = by_tag[(p['pid'], 'death')]
    d = vdate(p, dday)
    r['value'] = '31.%02d.%d' % (d.month, d.year)
    rec = vdate(p, dday + 3)
    r['dt'] = dt.datetime(rec.year, rec.month, rec.day, r['dt'].hour, r['dt'].minute)
    errors_plan.append((r, 'impossible date of death (day 31 in a 30-day month)'))

    # ------------------------------------------------------------ sort and write
    rows.sort(key=lambda r: (r['dt'], r['pid']))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Экспорт'
    ws['A1'] = 'ДАМУ-МАЖ • Есеп / Отчёт № 4471: «Омыртқа пластикасы — бақылау элементтері / Вертебропластика — элементы наблюдения»'
    ws['A2'] = 'Бөлімше / Отделение: Омыртқа хирургиясы бөлімі №2 • Кезең / Период: 01.01.2023 – 31.12.2025 • Қалыптастырылды / Сформировано: 14.01.2026 09:12'
    ws['A1'].font = Font(bold=True)
    hdr = ['Жазба ID / ID записи', 'Науқас коды / Код пациента', 'Элемент коды / Код элемента',
           'Мәні / Значение', 'Тіркелген уақыты / Дата и время записи', 'Енгізген / Автор']
    HR = 4
    for j, h in enumerate(hdr):
        c = ws.cell(row=HR, column=j + 1, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill('solid', fgColor='DDEBF7')
    rid = 5581204
    for i, r in enumerate(rows):
        rr = HR + 1 + i
        rid += rng.randint(1, 37)
        r['row'] = rr
        ws.cell(row=rr, column=1, value=rid)
        ws.cell(row=rr, column=2, value=r['pid']).number_format = '@'
        ws.cell(row=rr, column=3, value=r['code'])
        ws.cell(row=rr, column=4, value=r['value']).number_format = '@'
        c = ws.cell(row=rr, column=5, value=r['dt'])
        c.number_format = 'dd.mm.yyyy hh:mm'
        ws.cell(row=rr, column=6, value=r['author'])
    ws.freeze_panes = 'A5'
    for col, w in zip('ABCDEF', [14, 16, 14, 44, 20, 11]):
        ws.column_dimensions[col].width = w
    # code list
    cs = wb.create_sheet('Анықтамалық')
    cs['A1'] = 'Элементтер анықтамалығы / Справочник элементов (МАЖ нысаны 027/у-ВП)'
    cs['A1'].font = Font(bold=True)
    ch = ['Код', 'Атауы (қазақша)', 'Atauy (qazaqşa, latyn)', 'Наименование (по-русски)',
          'Өлшем бірлігі / Ед. изм.', 'Мән түрі / Тип значения', 'Ескерту / Примечание']
    for j, h in enumerate(ch):
        cs.cell(row=3, column=j + 1, value=h).font = Font(bold=True)
    for i, row in enumerate(CODES):
        for j, x in enumerate(row):
            cs.cell(row=4 + i, column=j + 1, value=x)
    for col, w in zip('ABCDEFG', [8, 38, 38, 40, 16, 24, 40]):
        cs.column_dimensions[col].width = w
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))

    errors = []
    for r, what in errors_plan:
        errors.append({'sheet': 'Экспорт', 'cell': 'D%d' % r['row'], 'row': r['row'],
                       'column_header': hdr[3], 'value': r['value'], 'what': what,
                       'pid': r['pid']})
    errors.sort(key=lambda e: e['row'])
    write_truth(outdir, pats, errors, identifiers)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
