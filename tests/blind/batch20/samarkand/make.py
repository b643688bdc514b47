#!/usr/bin/env python3
# make.py for site 'samarkand' -- usage: python make.py OUTDIR
# ---------------------------------------------------------------------------
# Cohort generator (shared part).  Deterministic: everything is drawn from one
# random.Random(seed).  The site part below renders the cohort into the unit's
# own spreadsheet layout and writes the truth tables from the same objects.
# ---------------------------------------------------------------------------
import sys, os, csv, random, calendar
from datetime import date, timedelta

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAY = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 90,
          '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '1m': 3, '6w': 3, '3m': 6,
          '6m': 9, '12m': 12, '24m': 20}


def lvl_index(lv):
    return LEVELS.index(lv)


def age_at(birth, d):
    a = d.year - birth.year
    if (d.month, d.day) < (birth.month, birth.day):
        a -= 1
    return a


def fmt_num(v):
    if v is None:
        return ''
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return ('%g' % v) if isinstance(v, float) else str(v)


def wchoice(rng, items):
    tot = sum(w for _, w in items)
    r = rng.uniform(0, tot)
    acc = 0
    for it, w in items:
        acc += w
        if r <= acc:
            return it
    return items[-1][0]


def score(rng, measure, tp, pre=None):
    if measure == 'vas':
        if tp == 'pre':
            return rng.randint(6, 10)
        if tp == '24h':
            return max(0, pre - rng.randint(2, 5))
        if tp in ('1w', '2w'):
            return max(0, pre - rng.randint(3, 6))
        if tp in ('1m', '6w'):
            return rng.randint(1, 4)
        return rng.randint(0, 3)
    if measure == 'odi':
        if tp == 'pre':
            return 2 * rng.randint(22, 43)
        if tp in ('24h', '1w', '2w'):
            return 2 * rng.randint(16, 30)
        if tp in ('1m', '6w'):
            return 2 * rng.randint(10, 24)
        return 2 * rng.randint(6, 20)
    if measure == 'mobility':
        if tp == 'pre':
            return rng.randint(2, 4)
        if tp == '24h':
            return rng.randint(1, 3)
        return rng.randint(0, 2)
    raise ValueError(measure)


def pick_levels(rng, det, k):
    if det.startswith('osteo'):
        w = [('T6', 1), ('T7', 1), ('T8', 2), ('T9', 2), ('T10', 3), ('T11', 5),
             ('T12', 9), ('L1', 9), ('L2', 6), ('L3', 4), ('L4', 2)]
    elif det.startswith('trauma'):
        w = [('T11', 3), ('T12', 5), ('L1', 6), ('L2', 3), ('L3', 1)]
    else:
        w = [(l, 1) for l in LEVELS[3:]]
    c = lvl_index(wchoice(rng, w))
    if k > 1 and det in ('meta_breast', 'meta_prostate', 'meta_lung', 'myeloma') \
            and rng.random() < 0.4:
        idx = sorted(rng.sample(range(3, 17), k))
        return [LEVELS[i] for i in idx]
    s = c - rng.randint(0, k - 1)
    s = max(0, min(s, 17 - k))
    return [LEVELS[i] for i in range(s, s + k)]


def cement_vol(rng, lv, tech):
    i = lvl_index(lv)
    if i <= 5:
        lo, hi = 2.0, 3.5
    elif i <= 9:
        lo, hi = 2.5, 4.5
    elif i <= 12:
        lo, hi = 3.0, 5.5
    else:
        lo, hi = 3.5, 6.5
    if tech == 'kyphoplasty':
        lo, hi = lo + 0.5, hi + 1.0
    v = rng.uniform(lo, hi)
    if rng.random() < 0.85:
        return round(v * 2) / 2.0
    return round(v, 1)


LEAK_W = [((), 72), (('disc',), 10), (('venous',), 9), (('paravertebral',), 5),
          (('epidural',), 2), (('foraminal',), 1), (('disc', 'venous'), 1)]


def gen_cohort(cfg):
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    # aetiology detail, fixed counts
    dets = []
    dets += ['meta_breast'] * cfg.get('n_breast', 2)
    dets += ['meta_prostate'] * cfg.get('n_prostate', 1)
    dets += ['meta_lung'] * cfg.get('n_lung', 1)
    dets += ['myeloma'] * cfg.get('n_myeloma', 2)
    dets += ['trauma_fall'] * cfg.get('n_fall', 2)
    dets += ['trauma_rta'] * cfg.get('n_rta', 1)
    dets += ['osteo'] * (n - len(dets))
    rng.shuffle(dets)
    n_multi = int(round(0.3 * n))
    nlev = [1] * n
    multi_idx = rng.sample(range(n), n_multi)
    for j, i in enumerate(multi_idx):
        nlev[i] = 3 if j < max(1, n_multi // 3) else 2
    span = (cfg['end'] - cfg['start']).days
    d1s = sorted(cfg['start'] + timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        det = dets[i]
        if det == 'meta_breast':
            sex = 'female'
        elif det == 'meta_prostate':
            sex = 'male'
        elif det.startswith('osteo'):
            sex = 'female' if rng.random() < 0.8 else 'male'
        elif det.startswith('trauma'):
            sex = 'male' if rng.random() < 0.6 else 'female'
        else:
            sex = rng.choice(['female', 'male'])
        if det.startswith('osteo'):
            age = rng.randint(58, 89)
        elif det.startswith('trauma'):
            age = rng.randint(34, 72)
        else:
            age = rng.randint(45, 80)
        d1 = d1s[i]
        by = d1.year - age - rng.choice([0, 1])
        birth = date(by, rng.randint(1, 12), rng.randint(1, 28))
        age = age_at(birth, d1)
        etio = ('osteoporotic' if det.startswith('osteo') else
                'traumatic' if det.startswith('trauma') else 'pathologic')
        if det.startswith('trauma') or rng.random() < cfg.get('kp_share', 0.3) * (0.6 if etio == 'osteoporotic' else 1.0):
            tech = 'kyphoplasty'
        else:
            tech = 'vertebroplasty'
        if det.startswith('trauma') and age < 55 and cfg.get('cap_key'):
            ckey = cfg['cap_key']
        else:
            ckey = wchoice(rng, cfg['cements'])
        levels = pick_levels(rng, det, nlev[i])
        lvs = []
        for lv in levels:
            leak = wchoice(rng, LEAK_W)
            lvs.append({'level': lv, 'vol': cement_vol(rng, lv, tech), 'leak': list(leak)})
        s1 = {'n': 1, 'date': d1, 'tech': tech, 'ckey': ckey,
              'cement_type': cfg['cement_type'][ckey], 'levels': lvs,
              'leak_recorded': rng.random() > cfg.get('leak_unrec_p', 0.06)}
        pts.append({'i': i, 'det': det, 'etiology': etio, 'sex': sex, 'age': age,
                    'birth': birth, 'sessions': [s1], 'fractures': [], 'died': False,
                    'death_date': None, 'visits': []})

    def make_visits(p, sess, tps, measures, until=None):
        sd = sess['date']
        pre = None
        out = []
        for tp in tps:
            vd = sd + timedelta(days=TP_DAY[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            if until is not None and vd >= until:
                break
            status = 'done'
            if tp not in ('pre', '24h') and rng.random() < cfg.get('miss_p', 0.1):
                status = 'missed'
            sc = {}
            for m in measures.get(tp, []):
                if m == 'vas' and tp != 'pre':
                    val = score(rng, m, tp, pre)
                else:
                    val = score(rng, m, tp, pre)
                if m == 'vas' and tp == 'pre':
                    pre = val
                if status == 'done' and tp != 'pre' and rng.random() < cfg.get('item_miss_p', 0.04):
                    val = None
                sc[m] = val if status == 'done' else None
            out.append({'session': sess['n'], 'tp': tp, 'date': vd, 'status': status, 'scores': sc})
        return out

    # choose patients for 2nd sessions / untreated fractures / deaths
    idx = list(range(n))
    rng.shuffle(idx)
    path = [i for i in idx if pts[i]['etiology'] == 'pathologic']
    nonpath = [i for i in idx if pts[i]['etiology'] == 'osteoporotic' and pts[i]['age'] >= 75]
    dead = path[:cfg.get('n_deaths', 3) - 1] + nonpath[:1]
    rest = [i for i in idx if i not in dead and pts[i]['etiology'] != 'traumatic']
    second = rest[:cfg.get('n_second', 3)]
    untreated = rest[cfg.get('n_second', 3):cfg.get('n_second', 3) + cfg.get('n_untreated', 2)]
    lastday = TP_DAY[cfg['tps1'][-1]]
    for i in range(n):
        p = pts[i]
        s1 = p['sessions'][0]
        d1 = s1['date']
        treated = [lvl_index(l['level']) for l in s1['levels']]
        if i in second or i in untreated:
            lo, hi = cfg['frac_window']
            f = rng.randint(lo, hi)
            cands = [min(treated) - 1, max(treated) + 1, min(treated) - 2, max(treated) + 2]
            cands = [c for c in cands if 3 <= c <= 16]
            flv = LEVELS[cands[0] if rng.random() < 0.6 else cands[1 % len(cands)]]
            fdate = d1 + timedelta(days=f)
            p['fractures'].append({'date': fdate, 'level': flv})
            if i in second:
                s2d = fdate + timedelta(days=rng.randint(3, 12))
                p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'], until=fdate)
                tech2 = s1['tech'] if rng.random() < 0.7 else ('kyphoplasty' if s1['tech'] == 'vertebroplasty' else 'vertebroplasty')
                s2 = {'n': 2, 'date': s2d, 'tech': tech2, 'ckey': s1['ckey'],
                      'cement_type': s1['cement_type'],
                      'levels': [{'level': flv, 'vol': cement_vol(rng, flv, tech2), 'leak': list(wchoice(rng, LEAK_W))}],
                      'leak_recorded': True}
                p['sessions'].append(s2)
                p['visits'] += make_visits(p, s2, cfg['tps2'], cfg.get('measures2', cfg['measures']))
            else:
                p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'])
        elif i in dead:
            lo, hi = cfg['death_window']
            dd = d1 + timedelta(days=rng.randint(lo, hi))
            p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'], until=dd - timedelta(days=3))
            p['died'] = True
            p['death_date'] = dd
        else:
            p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'])
    return pts


def truth_tables(P, vol_mode='vertebra'):
    pats, procs, assess, fracs = [], [], [], []
    for p in P:
        pats.append({'patient_id': p['pid'], 'sex': p['sex'], 'age_years': p['age'],
                     'etiology': p['etiology'], 'died': 'yes' if p['died'] else 'no'})
        d1 = p['sessions'][0]['date']
        for s in p['sessions']:
            tot = sum(l['vol'] for l in s['levels'])
            for lv in s['levels']:
                if vol_mode == 'vertebra':
                    cv, sv = fmt_num(lv['vol']), ''
                else:
                    cv, sv = '', fmt_num(round(tot, 2))
                leak = (';'.join(lv['leak']) if lv['leak'] else 'none') if s['leak_recorded'] else ''
                procs.append({'patient_id': p['pid'], 'session': s['n'],
                              'day': '' if s.get('day_unknown') else (s['date'] - d1).days,
                              'level': lv['level'], 'technique': s['tech'],
                              'cement_volume_ml': cv, 'session_cement_volume_ml': sv,
                              'cement_type': s['cement_type'], 'leakage': leak})
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            for m in ('vas', 'odi', 'mobility'):
                val = v['scores'].get(m)
                if val is None:
                    continue
                meas = {'vas': 'pain_vas', 'odi': 'odi', 'mobility': 'mobility'}[m]
                assess.append({'patient_id': p['pid'], 'session': v['session'],
                               'measure': meas, 'timepoint': v['tp'], 'value': fmt_num(val)})
        for f in p['fractures']:
            fracs.append({'patient_id': p['pid'], 'day': (f['date'] - d1).days, 'level': f['level']})
    return pats, procs, assess, fracs


def write_csv(path, fields, rows):
    with open(path, 'w', newline='', encoding='utf-8') as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, '') for k in fields})


def write_truth(outdir, P, errors, identifiers, vol_mode='vertebra'):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    pats, procs, assess, fracs = truth_tables(P, vol_mode)
    write_csv(os.path.join(td, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'], pats)
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], procs)
    write_csv(os.path.join(td, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], assess)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], fracs)
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, rows = set(), []
    for k, v in identifiers:
        if (k, v) not in seen and v not in ('', None):
            seen.add((k, v))
            rows.append({'kind': k, 'value': v})
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], rows)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def simple_patients(P):
    """Patients with one session, no new fracture, not dead: safe hosts for errors."""
    return [p for p in P if len(p['sessions']) == 1 and not p['fractures'] and not p['died']]

# ---------------------------------------------------------------------------
# Site part
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side

CFG = dict(seed=20202, n=26, start=date(2021, 6, 1), end=date(2022, 10, 31),
           tps1=['pre', '1w', '1m', '3m', '12m'], tps2=['pre', '1w', '1m', '3m'],
           measures={'pre': ['vas', 'odi'], '1w': ['vas'], '1m': ['vas'], '3m': ['vas', 'odi'],
                     '12m': ['vas', 'odi']},
           measures2={'pre': ['vas', 'odi'], '1w': ['vas'], '1m': ['vas'], '3m': ['vas', 'odi']},
           frac_window=(100, 250), death_window=(60, 300), n_deaths=2, n_second=3,
           n_untreated=2, kp_share=0.35, miss_p=0.1, item_miss_p=0.05, leak_unrec_p=0.05,
           cements=[('pmma', 5), ('osteopal', 2), ('vertecem', 2)], cap_key='cap',
           cement_type={'pmma': 'PMMA', 'osteopal': 'PMMA', 'vertecem': 'PMMA',
                        'cap': 'calcium phosphate'},
           n_breast=2, n_prostate=1, n_lung=1, n_myeloma=2, n_fall=2, n_rta=1)

NAMES = {
    'uz_lat': {'female': ["Qodirova Mavluda Ergashevna", "Rahimova Dilorom Toshpo'latovna",
                          "Yusupova Gulnora Abdullayevna", "Karimova Zulfiya Rustamovna",
                          "Abdurahmonova Saodat Ismoilovna", "Nazarova Mohira Baxtiyorovna",
                          "Ergasheva Nodira Hamidovna", "Sobirova Muxlisa Olimovna",
                          "Xolmatova Robiya Salimovna", "To'xtayeva Oysha Nurmatovna",
                          "Murodova Shahnoza Akmalovna", "Tursunova Malika Bahodirovna",
                          "Jo'rayeva Hafiza Qo'chqorovna", "Eshmurodova Barno Sharipovna",
                          "Umarova Zebo Karimovna", "Mirzayeva Dilfuza Anvarovna"],
               'male': ["Xolmurodov Baxtiyor Ergashevich", "Norqulov Shavkat Tursunovich",
                        "Saidov Alisher Nematovich", "Ismoilov Farhod Hamroyevich",
                        "Qurbonov Sherzod Abdurashidovich", "Raximov Olim Sobirovich",
                        "Yo'ldoshev Anvar Mahmudovich", "Toshmatov Ilhom Ravshanovich"]},
    'uz_cyr': {'female': ["Ҳамидова Саодат Азимовна", "Тошматова Гулчеҳра Раҳимовна",
                          "Қурбонова Марҳабо Исмоиловна", "Азимова Дилбар Мамадалиевна",
                          "Жўраева Ойниса Холмуродовна", "Эргашева Лобар Сайфуллаевна"],
               'male': ["Тўхтаев Абдуғани Нурматович", "Ҳасанов Бахтиёр Эргашевич",
                        "Мамадалиев Шухрат Қодирович", "Раҳмонов Зафар Ориф ўғли"]},
    'ru': {'female': ["Петрова Галина Николаевна", "Ким Лариса Викторовна",
                      "Садыкова Раиса Хамидовна", "Иванова Валентина Степановна",
                      "Цой Надежда Михайловна", "Абдуллаева Мукаррам Юсуповна"],
           'male': ["Абдуллаев Рустам Каримович", "Иванов Сергей Петрович",
                    "Ким Владимир Александрович", "Юсупов Бахтияр Эргашевич"]},
}
T = {
    'uz_lat': dict(title='BEMORNING KUZATUV KARTASI — Vertebroplastika / Kifoplastika',
                   dept="Registon ko'p tarmoqli tibbiyot markazi, Samarqand — Neyroxirurgiya bo'limi",
                   f=['Tadqiqot kodi:', 'F.I.Sh.:', "Tug'ilgan sanasi:", 'Yoshi:', 'Jinsi:',
                      'Kasallik tarixi №:', 'Telefon:', 'Tashxis:', 'Natija:'],
                   sex={'female': 'ayol', 'male': 'erkak'},
                   alive='Tirik', dead='Vafot etdi: %s',
                   proc_t='MUOLAJALAR',
                   proc_h=['Sana', 'Muolaja', 'Umurtqa', 'Sement hajmi (ml)', 'Sement turi',
                           'Sement oqib chiqishi', 'Izoh'],
                   fu_t='KUZATUV', fu2_t="Takroriy (2-) muolajadan keyin kuzatuv",
                   fu_h=['Muddat', 'Sana', 'VAS (0–10)', 'ODI (%)', 'Izoh'],
                   tp={'pre': 'Operatsiyadan oldin', '1w': '1 hafta', '1m': '1 oy', '3m': '3 oy',
                       '12m': '12 oy'},
                   missed='kelmadi', frac='Yangi sinish:', nofrac="yo'q", imaging='MSKT',
                   see2='2-muolaja — pastga qarang', deadnote='vafot etgan',
                   doctor='Davolovchi shifokor:',
                   tech={'vertebroplasty': ['Vertebroplastika', 'PVP'],
                         'kyphoplasty': ['Kifoplastika', 'Ballon kifoplastika']},
                   cem={'pmma': 'PMMA', 'osteopal': 'Osteopal V', 'vertecem': 'Vertecem V+',
                        'cap': 'Kalsiy fosfat'},
                   leak={'none': "yo'q", 'disc': 'disk ichiga', 'venous': 'venoz',
                         'paravertebral': 'paravertebral', 'epidural': 'epidural',
                         'foraminal': 'foraminal'},
                   etio={'osteo': 'Osteoporoz fonida kompression sinish',
                         'meta_breast': "Ko'krak bezi saratoni metastazi",
                         'meta_prostate': 'Prostata bezi saratoni metastazi',
                         'meta_lung': "O'pka saratoni metastazi",
                         'myeloma': "Mieloma kasalligi",
                         'trauma_fall': 'Travmatik sinish (balandlikdan yiqilish)',
                         'trauma_rta': "Travmatik sinish (yo'l-transport hodisasi)"},
                   notes=["og'riq kamaydi", "yaxshi", "korset taqib yuribdi", "", "", "", ""],
                   repeat='takroriy muolaja (yangi sinish)', conserv="konservativ davo (korset)"),
    'uz_cyr': dict(title='БЕМОРНИНГ КУЗАТУВ КАРТАСИ — Вертебропластика / Кифопластика',
                   dept="Регистон кўп тармоқли тиббиёт маркази, Самарқанд — Нейрохирургия бўлими",
                   f=['Тадқиқот коди:', 'Ф.И.Ш.:', 'Туғилган санаси:', 'Ёши:', 'Жинси:',
                      'Касаллик тарихи №:', 'Телефон:', 'Ташхис:', 'Натижа:'],
                   sex={'female': 'аёл', 'male': 'эркак'},
                   alive='Тирик', dead='Вафот этди: %s',
                   proc_t='МУОЛАЖАЛАР',
                   proc_h=['Сана', 'Муолажа', 'Умуртқа', 'Цемент ҳажми (мл)', 'Цемент',
                           'Цемент оқиб чиқиши', 'Изоҳ'],
                   fu_t='КУЗАТУВ', fu2_t='Такрорий (2-) муолажадан кейин кузатув',
                   fu_h=['Муддат', 'Сана', 'ВАШ (0–10)', 'ODI (%)', 'Изоҳ'],
                   tp={'pre': 'Операциядан олдин', '1w': '1 ҳафта', '1m': '1 ой', '3m': '3 ой',
                       '12m': '12 ой'},
                   missed='келмади', frac='Янги синиш:', nofrac='йўқ', imaging='МСКТ',
                   see2='2-муолажа — пастга қаранг', deadnote='вафот этган',
                   doctor='Даволовчи шифокор:',
                   tech={'vertebroplasty': ['Вертебропластика'], 'kyphoplasty': ['Кифопластика']},
                   cem={'pmma': 'ПММА', 'osteopal': 'Osteopal V', 'vertecem': 'Vertecem V+',
                        'cap': 'Кальций фосфат'},
                   leak={'none': 'йўқ', 'disc': 'диск ичига', 'venous': 'веноз',
                         'paravertebral': 'паравертебрал', 'epidural': 'эпидурал',
                         'foraminal': 'фораминал'},
                   etio={'osteo': 'Остеопороз фонида компрессион синиш',
                         'meta_breast': 'Кўкрак бези саратони метастази',
                         'meta_prostate': 'Простата бези саратони метастази',
                         'meta_lung': 'Ўпка саратони метастази',
                         'myeloma': 'Миелома касаллиги',
                         'trauma_fall': 'Травматик синиш (баландликдан йиқилиш)',
                         'trauma_rta': 'Травматик синиш (йўл-транспорт ҳодисаси)'},
                   notes=['оғриқ камайди', 'яхши', '', '', ''],
                   repeat='такрорий муолажа (янги синиш)', conserv='консерватив даво (корсет)'),
    'ru': dict(title='КАРТА НАБЛЮДЕНИЯ ПАЦИЕНТА — вертебропластика / кифопластика',
               dept='Многопрофильный медицинский центр «Регистон», г. Самарканд — отделение нейрохирургии',
               f=['Код исследования:', 'Ф.И.О.:', 'Дата рождения:', 'Возраст:', 'Пол:',
                  '№ истории болезни:', 'Телефон:', 'Диагноз:', 'Исход:'],
               sex={'female': 'жен.', 'male': 'муж.'},
               alive='жив', dead='умер %s',
               proc_t='ВМЕШАТЕЛЬСТВА',
               proc_h=['Дата', 'Вмешательство', 'Позвонок', 'Объём цемента, мл', 'Цемент',
                       'Утечка цемента', 'Примечание'],
               fu_t='НАБЛЮДЕНИЕ', fu2_t='Наблюдение после повторного вмешательства',
               fu_h=['Срок', 'Дата', 'ВАШ (0–10)', 'ODI, %', 'Примечание'],
               tp={'pre': 'до операции', '1w': '1 нед.', '1m': '1 мес.', '3m': '3 мес.',
                   '12m': '12 мес.'},
               missed='не явился', frac='Новый перелом:', nofrac='нет', imaging='МСКТ',
               see2='повторное вмешательство — см. ниже', deadnote='умер',
               doctor='Лечащий врач:',
               tech={'vertebroplasty': ['Вертебропластика', 'ВП'],
                     'kyphoplasty': ['Баллонная кифопластика', 'Кифопластика']},
               cem={'pmma': 'ПММА', 'osteopal': 'Osteopal V', 'vertecem': 'Vertecem V+',
                    'cap': 'Фосфат кальция'},
               leak={'none': 'нет', 'disc': 'в диск', 'venous': 'венозная',
                     'paravertebral': 'паравертебральная', 'epidural': 'эпидуральная',
                     'foraminal': 'фораминальная'},
               etio={'osteo': 'Остеопоротический компрессионный перелом',
                     'meta_breast': 'Метастаз рака молочной железы',
                     'meta_prostate': 'Метастаз рака предстательной железы',
                     'meta_lung': 'Метастаз рака лёгкого',
                     'myeloma': 'Множественная миелома',
                     'trauma_fall': 'Травматический перелом (падение с высоты)',
                     'trauma_rta': 'Травматический перелом (ДТП)'},
               notes=['боль уменьшилась', 'удовл.', '', '', ''],
               repeat='повторное вмешательство (новый перелом)', conserv='консервативно (корсет)'),
}
DOCTORS = {'uz_lat': ["Hamroyev B.X.", "Mamatqulov S.A.", "Ro'ziyev J.T."],
           'uz_cyr': ['Ҳамроев Б.Х.', 'Маматқулов С.А.'],
           'ru': ['Хамраев Б.Х.', 'Маматкулов С.А.']}


def dstr(d):
    return d.strftime('%d.%m.%Y')


def vol_txt(v):
    if float(v).is_integer():
        return int(v)
    return fmt_num(v).replace('.', ',')


def main(outdir):
    P = gen_cohort(CFG)
    r = random.Random(8803)
    pools = {k: {s: v[s][:] for s in v} for k, v in NAMES.items()}
    for pool in pools.values():
        for s in pool.values():
            r.shuffle(s)
    for k, p in enumerate(P):
        p['pid'] = 'SMQ-VP-%02d' % (k + 1)
        x = r.random()
        tpl = 'uz_lat' if x < 0.6 else ('uz_cyr' if x < 0.8 else 'ru')
        if not pools[tpl][p['sex']]:
            tpl = 'uz_lat'
        p['tpl'] = tpl
        p['name'] = pools[tpl][p['sex']].pop()
        p['rec'] = '%d/%d' % (r.randint(1200, 9800), r.randint(100, 799))
        op = r.choice(['90', '91', '93', '94', '97', '99', '88', '33'])
        p['phone'] = '+998 %s %03d-%02d-%02d' % (op, r.randint(100, 999), r.randint(0, 99), r.randint(0, 99)) \
            if r.random() < 0.8 else '(66) 2%02d-%02d-%02d' % (r.randint(20, 39), r.randint(0, 99), r.randint(0, 99))
        p['lvl_style'] = 'Th' if r.random() < 0.8 else 'T'
        p['doctor'] = r.choice(DOCTORS[tpl])
    # cyrillic 'Т' in one Russian card
    ru_cards = [p for p in P if p['tpl'] == 'ru']
    if ru_cards:
        ru_cards[-1]['lvl_style'] = 'cyrT'
    # planted errors
    simple = simple_patients(P)
    errs = {}
    # E1: 30 February as a follow-up visit date
    best = None
    for p in simple:
        for v in p['visits']:
            if v['tp'] != 'pre' and v['status'] == 'done' and v['date'].month in (2, 3):
                cand = (abs((v['date'] - date(v['date'].year, 3, 1)).days), p['i'], v)
                if best is None or cand[:2] < best[:2]:
                    best = cand + (p,)
    v, p = best[2], best[3]
    v['err'] = ('date', '30.02.%d' % v['date'].year, 'impossible date: 30 February does not exist')
    errs[p['pid']] = 1
    # E2: follow-up (1 month) dated before the procedure (year typed one too low)
    for p in simple:
        if p['pid'] in errs:
            continue
        vv = [v for v in p['visits'] if v['tp'] == '1m' and v['status'] == 'done']
        if vv:
            v = vv[0]
            bad = date(v['date'].year - 1, v['date'].month, v['date'].day)
            v['err'] = ('date', dstr(bad), 'follow-up visit dated %s, before the procedure of %s' %
                        (dstr(bad), dstr(p['sessions'][0]['date'])))
            errs[p['pid']] = 1
            break
    # E3: VAS 15 at 3 months
    for p in simple[::-1]:
        if p['pid'] in errs:
            continue
        vv = [v for v in p['visits'] if v['tp'] == '3m' and v['status'] == 'done'
              and v['scores'].get('vas') is not None]
        if vv:
            vv[0]['scores']['vas'] = 15
            vv[0]['err'] = ('vas', None, 'VAS 15 is outside the 0-10 scale')
            errs[p['pid']] = 1
            break
    # E4: level Th13 (single-level T12 case)
    for p in simple:
        if p['pid'] in errs:
            continue
        s = p['sessions'][0]
        if len(s['levels']) == 1 and s['levels'][0]['level'] == 'T12' and p['tpl'] != 'uz_cyr':
            s['levels'][0]['level'] = 'T13'
            s['levels'][0]['err'] = 'impossible vertebral level Th13 (there are 12 thoracic vertebrae)'
            errs[p['pid']] = 1
            break
    assert len(errs) == 4, errs

    wb = Workbook()
    ix = wb.active
    ix.title = "Ro'yxat"
    ix['A1'] = "Vertebroplastika / kifoplastika bemorlari ro'yxati (2021–2023)"
    ix['A1'].font = Font(bold=True, size=13)
    ix['A2'] = "Har bir bemor — alohida varaqda (karta). Sanalar: kk.oo.yyyy"
    for j, h in enumerate(['№', 'Tadqiqot kodi', 'F.I.Sh.', 'Varaq', 'Shifokor'], 1):
        ix.cell(4, j, h).font = Font(bold=True)
    errors, idents = [], []
    thin = Side(style='thin')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    hdr_fill = PatternFill('solid', fgColor='E2EFDA')
    for k, p in enumerate(P):
        t = T[p['tpl']]
        surname = p['name'].split()[0]
        sname = '%02d %s' % (k + 1, surname)
        p['sheet'] = sname
        ws = wb.create_sheet(sname)
        ix.cell(5 + k, 1, k + 1)
        ix.cell(5 + k, 2, p['pid'])
        ix.cell(5 + k, 3, p['name'])
        ix.cell(5 + k, 4, sname)
        ix.cell(5 + k, 5, p['doctor'])
        ix.cell(5 + k, 4).hyperlink = "#'%s'!A1" % sname.replace("'", "''")
        idents += [('name', p['name']), ('name', p['doctor'])]
        ws['A1'] = t['title']
        ws['A1'].font = Font(bold=True, size=13)
        ws.merge_cells('A1:G1')
        ws['A2'] = t['dept']
        ws.merge_cells('A2:G2')
        outcome = t['alive'] if not p['died'] else t['dead'] % dstr(p['death_date'])
        if p['tpl'] == 'ru':
            if p['sex'] == 'female':
                outcome = 'жива' if not p['died'] else 'умерла %s' % dstr(p['death_date'])
        vals = [p['pid'], p['name'], dstr(p['birth']), p['age'], t['sex'][p['sex']], p['rec'],
                p['phone'], t['etio'][p['det']], outcome]
        for j, (lab, val) in enumerate(zip(t['f'], vals)):
            ws.cell(4 + j, 1, lab).font = Font(bold=True)
            ws.cell(4 + j, 2, val)
            ws.merge_cells(start_row=4 + j, start_column=2, end_row=4 + j, end_column=4)
        idents += [('birth_date', dstr(p['birth'])), ('record_number', p['rec']), ('phone', p['phone'])]
        row = 14
        ws.cell(row, 1, t['proc_t']).font = Font(bold=True)
        row += 1
        for j, h in enumerate(t['proc_h'], 1):
            c = ws.cell(row, j, h)
            c.font = Font(bold=True); c.fill = hdr_fill; c.border = box
            c.alignment = Alignment(wrap_text=True)
        row += 1
        for s in p['sessions']:
            r0 = row
            for lv in s['levels']:
                L = lv['level']
                if L.startswith('T'):
                    L = {'Th': 'Th', 'T': 'T', 'cyrT': 'Т'}[p['lvl_style']] + L[1:]
                ws.cell(row, 3, L)
                if lv.get('err'):
                    errors.append({'sheet': ws.title, 'cell': 'C%d' % row, 'row': row,
                                   'column_header': t['proc_h'][2], 'value': L,
                                   'what_is_wrong': lv['err'], 'patient_id': p['pid']})
                ws.cell(row, 4, vol_txt(lv['vol']))
                if s['leak_recorded']:
                    lk = ' + '.join(t['leak'][x] for x in lv['leak']) if lv['leak'] else t['leak']['none']
                    ws.cell(row, 6, lk)
                for j in range(1, 8):
                    ws.cell(row, j).border = box
                row += 1
            c = ws.cell(r0, 1, s['date'])
            c.number_format = 'DD.MM.YYYY'
            ws.cell(r0, 2, r.choice(t['tech'][s['tech']]))
            ws.cell(r0, 5, t['cem'][s['ckey']])
            if s['n'] == 2:
                ws.cell(r0, 7, t['repeat'])
            if row - r0 > 1:
                for j in (1, 2, 5, 7):
                    ws.merge_cells(start_row=r0, start_column=j, end_row=row - 1, end_column=j)
            for j in (1, 2, 5, 7):
                ws.cell(r0, j).alignment = Alignment(vertical='center', wrap_text=True)
        # follow-up blocks
        for sn in range(1, len(p['sessions']) + 1):
            row += 1
            ws.cell(row, 1, t['fu_t'] if sn == 1 else t['fu2_t']).font = Font(bold=True)
            row += 1
            for j, h in enumerate(t['fu_h'], 1):
                c = ws.cell(row, j, h)
                c.font = Font(bold=True); c.fill = hdr_fill; c.border = box
            row += 1
            tps = CFG['tps1'] if sn == 1 else CFG['tps2']
            meas = CFG['measures'] if sn == 1 else CFG['measures2']
            vis = {v['tp']: v for v in p['visits'] if v['session'] == sn}
            see_done = dead_done = False
            for tp in tps:
                ws.cell(row, 1, t['tp'][tp])
                if tp in vis:
                    v = vis[tp]
                    if v['status'] == 'done':
                        ds = dstr(v['date'])
                        e = v.get('err')
                        if e and e[0] == 'date':
                            ds = e[1]
                            errors.append({'sheet': ws.title, 'cell': 'B%d' % row, 'row': row,
                                           'column_header': t['fu_h'][1], 'value': ds,
                                           'what_is_wrong': e[2], 'patient_id': p['pid']})
                        ws.cell(row, 2, ds)
                        vas = v['scores'].get('vas')
                        ws.cell(row, 3, vas if vas is not None else '—')
                        if e and e[0] == 'vas':
                            errors.append({'sheet': ws.title, 'cell': 'C%d' % row, 'row': row,
                                           'column_header': t['fu_h'][2], 'value': str(vas),
                                           'what_is_wrong': e[2], 'patient_id': p['pid']})
                        if 'odi' in meas.get(tp, []):
                            odi = v['scores'].get('odi')
                            ws.cell(row, 4, odi if odi is not None else '—')
                        if tp != 'pre' and r.random() < 0.25:
                            nt = r.choice(t['notes'])
                            if nt:
                                ws.cell(row, 5, nt)
                    else:
                        miss = t['missed']
                        if p['tpl'] == 'ru' and p['sex'] == 'female':
                            miss = 'не явилась'
                        ws.cell(row, 3, miss)
                elif sn == 1 and len(p['sessions']) > 1:
                    if not see_done:
                        ws.cell(row, 5, t['see2'])
                        see_done = True
                elif p['died']:
                    if not dead_done:
                        ws.cell(row, 5, t['deadnote'] + (('а' if p['sex'] == 'female' else '')
                                                         if p['tpl'] == 'ru' else ''))
                        dead_done = True
                for j in range(1, 6):
                    ws.cell(row, j).border = box
                row += 1
        row += 1
        ws.cell(row, 1, t['frac']).font = Font(bold=True)
        if p['fractures']:
            f = p['fractures'][0]
            L = f['level']
            if L.startswith('T'):
                L = {'Th': 'Th', 'T': 'T', 'cyrT': 'Т'}[p['lvl_style']] + L[1:]
            txt = '%s — %s (%s)' % (L, dstr(f['date']), t['imaging'])
            if len(p['sessions']) == 1:
                txt += '; ' + t['conserv']
            ws.cell(row, 2, txt)
        else:
            ws.cell(row, 2, t['nofrac'])
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        row += 2
        ws.cell(row, 1, t['doctor'])
        ws.cell(row, 2, p['doctor'])
        for col, w in zip('ABCDEFG', [20, 22, 10, 12, 14, 20, 26]):
            ws.column_dimensions[col].width = w
    for col, w in zip('ABCDE', [5, 14, 36, 18, 18]):
        ix.column_dimensions[col].width = w
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, P, errors, idents, vol_mode='vertebra')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
