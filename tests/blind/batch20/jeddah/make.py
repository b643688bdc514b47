# ---------------------------------------------------------------------------
# Common cohort generator (identical in every site's make.py) + truth writer.
# ---------------------------------------------------------------------------
import sys, os, csv, random, datetime as dt

TP_OFFSET = {'24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 91,
             '6m': 182, '12m': 365, '24m': 730}
TP_GAIN = {'24h': .38, '1w': .45, '2w': .5, '1m': .55, '6w': .58, '3m': .62,
           '6m': .64, '12m': .66, '24m': .66}
LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
MAIN_W = {'T6': 2, 'T7': 3, 'T8': 4, 'T9': 4, 'T10': 6, 'T11': 12, 'T12': 22,
          'L1': 22, 'L2': 12, 'L3': 7, 'L4': 5, 'L5': 1}
LEAK_W = {'disc': 35, 'venous': 30, 'paravertebral': 20, 'epidural': 10, 'foraminal': 5}


def wchoice(rng, d):
    keys = list(d)
    return rng.choices(keys, weights=[d[k] for k in keys])[0]


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def neighbours(lv):
    i = LEVELS.index(lv)
    return [LEVELS[j] for j in (i - 1, i + 1) if 0 <= j < len(LEVELS)]


def gen_scores(rng, measures, pre, tp):
    """pre: dict of pre values; tp: 'pre' or a follow-up label"""
    if tp == 'pre':
        return dict(pre)
    g = TP_GAIN[tp] + rng.uniform(-.15, .15)
    out = {}
    if 'pain_vas' in measures:
        out['pain_vas'] = max(0, min(10, round(pre['pain_vas'] * (1 - g) + rng.uniform(-.8, .8))))
    if 'odi' in measures:
        v = pre['odi'] * (1 - .8 * g) + rng.uniform(-6, 6)
        out['odi'] = max(0, min(100, 2 * round(v / 2)))
    if 'mobility' in measures:
        out['mobility'] = max(0, min(4, pre['mobility'] - round(g * 3 + rng.uniform(-.6, .6))))
    return out


def gen_pre(rng, measures):
    d = {}
    if 'pain_vas' in measures:
        d['pain_vas'] = rng.randint(6, 10)
    if 'odi' in measures:
        d['odi'] = 2 * rng.randint(20, 43)
    if 'mobility' in measures:
        d['mobility'] = rng.randint(2, 4)
    return d


def build_cohort(cfg):
    """cfg keys: seed n start end tps s2_tps measures etio(dict) tech(dict)
    ncement (number of cement labels, weights) n_multi n_second n_extra_fx n_dead
    miss_rate s2_fx_tps extra_fx_tps vol(dict tech->(lo,hi,step)) female_p"""
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    span = (cfg['end'] - cfg['start']).days
    firsts = sorted(cfg['start'] + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pats = []
    multi = set(rng.sample(range(n), cfg['n_multi']))
    for i in range(n):
        etio = wchoice(rng, cfg['etio'])
        sex = 'female' if rng.random() < cfg.get('female_p', .68) else 'male'
        lo, hi = {'osteoporotic': (58, 91), 'pathologic': (42, 80), 'traumatic': (30, 72),
                  'other': (45, 80)}[etio]
        age = rng.randint(lo, hi)
        d0 = firsts[i]
        # birth date giving exactly `age` at d0
        b = dt.date(d0.year - age - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 360))
        while age_at(b, d0) > age:
            b += dt.timedelta(days=30)
        while age_at(b, d0) < age:
            b -= dt.timedelta(days=30)
        assert age_at(b, d0) == age
        pats.append(dict(idx=i, sex=sex, etiology=etio, age=age, birth=b, first=d0,
                         died='no', death=None, sessions=[], visits=[], fractures=[],
                         multi=i in multi))
    # sessions 1
    for p in pats:
        nlev = rng.choice([2, 2, 3]) if p['multi'] else 1
        main = wchoice(rng, MAIN_W)
        lv = [main]
        while len(lv) < nlev:
            cand = [x for l in lv for x in neighbours(l) if x not in lv]
            lv.append(rng.choice(cand))
        lv.sort(key=LEVELS.index)
        p['sessions'].append(make_session(rng, cfg, 1, p['first'], lv))
    # special patients
    order = list(range(n))
    rng.shuffle(order)
    s2 = order[:cfg['n_second']]
    xf = order[cfg['n_second']:cfg['n_second'] + cfg['n_extra_fx']]
    dead = order[cfg['n_second'] + cfg['n_extra_fx']:
                 cfg['n_second'] + cfg['n_extra_fx'] + cfg['n_dead']]
    for p in pats:
        pre = gen_pre(rng, cfg['measures'])
        for tp in cfg['tps']:
            d = p['first'] + dt.timedelta(days=0 if tp == 'pre' else
                                          TP_OFFSET[tp] + (0 if tp == '24h' else rng.randint(-3, 6)))
            p['visits'].append(dict(session=1, tp=tp, date=d, status='done',
                                    scores=gen_scores(rng, cfg['measures'], pre, tp)))
    for i in s2:
        p = pats[i]
        cands = [v for v in p['visits'] if v['tp'] in cfg['s2_fx_tps']]
        v = rng.choice(cands)
        used = p['sessions'][0]['levels']
        nb = [x for l in used for x in neighbours(l) if x not in used]
        flv = rng.choice(nb)
        p['fractures'].append((v['date'], flv))
        v['fx'] = flv
        d2 = v['date'] + dt.timedelta(days=rng.randint(5, 18))
        p['sessions'].append(make_session(rng, cfg, 2, d2, [flv]))
        for w in p['visits']:
            if w['date'] >= d2:
                w['status'] = 'superseded'
        pre2 = gen_pre(rng, cfg['measures'])
        for tp in cfg['s2_tps']:
            d = d2 + dt.timedelta(days=0 if tp == 'pre' else
                                  TP_OFFSET[tp] + (0 if tp == '24h' else rng.randint(-3, 6)))
            p['visits'].append(dict(session=2, tp=tp, date=d, status='done',
                                    scores=gen_scores(rng, cfg['measures'], pre2, tp)))
    for i in xf:
        p = pats[i]
        cands = [v for v in p['visits'] if v['tp'] in cfg['extra_fx_tps']]
        v = rng.choice(cands)
        used = p['sessions'][0]['levels']
        nb = [x for l in used for x in neighbours(l) if x not in used]
        flv = rng.choice(nb)
        p['fractures'].append((v['date'], flv))
        v['fx'] = flv
    for i in dead:
        p = pats[i]
        fu = [v for v in p['visits'] if v['tp'] != 'pre']
        k = rng.randint(2, len(fu) - 1) if len(fu) > 2 else len(fu) - 1
        lastd = fu[k - 1]['date']
        nxt = fu[k]['date']
        p['died'] = 'yes'
        p['death'] = lastd + dt.timedelta(days=rng.randint(8, max(9, (nxt - lastd).days - 5)))
        for v in fu[k:]:
            v['status'] = 'dead'
    # missed visits and single missing values
    for p in pats:
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] not in ('pre', '24h') and 'fx' not in v \
                    and rng.random() < cfg['miss_rate']:
                v['status'] = 'missed'
            elif v['status'] == 'done' and v['tp'] != 'pre' and rng.random() < .06:
                m = rng.choice(list(v['scores']))
                v['scores'][m] = None
        # sort visits chronologically
        p['visits'].sort(key=lambda v: (v['date'], v['session']))
        if p['death']:
            assert all(v['date'] < p['death'] for v in p['visits'] if v['status'] == 'done')
        for d, _ in p['fractures']:
            assert d >= p['first']
        assert all(v['date'] >= p['first'] for v in p['visits'])
    return pats


def make_session(rng, cfg, num, date, levels):
    tech = wchoice(rng, cfg['tech'])
    lo, hi, step = cfg['vol'][tech]
    vols = [round(rng.randint(int(lo / step), int(hi / step)) * step, 2) for _ in levels]
    leaks = []
    for _ in levels:
        if rng.random() < .22:
            a = wchoice(rng, LEAK_W)
            if rng.random() < .12:
                b = wchoice(rng, LEAK_W)
                if b != a:
                    a = ';'.join(sorted({a, b}, key=list(LEAK_W).index))
            leaks.append(a)
        else:
            leaks.append('none')
    cem = rng.choices(range(len(cfg['cement_w'])), weights=cfg['cement_w'])[0]
    return dict(session=num, date=date, tech=tech, levels=list(levels), vols=vols,
                leaks=leaks, cement=cem)


def day_of(p, d):
    return (d - p['first']).days


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return ('%g' % x) if isinstance(x, float) else str(x)


def write_truth(outdir, pats, pid_of, cfg, errors, identifiers, per_vertebra_volume,
                ov=None):
    """ov: overrides dict with keys
       'omit_assess': set of (idx, session, tp, measure)
       'proc_field': {(idx, session, level_pos): {field: value}}
       'omit_patient': set(idx)  (patient whose rows cannot be attributed at all)
       'fx_day': {(idx, fx_pos): value}
       'patient_field': {idx: {field: value}}
       'extra_assess': list of dicts (pid, session, measure, timepoint, value)"""
    ov = ov or {}
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    oa = ov.get('omit_assess', set())
    op = ov.get('omit_patient', set())

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f)
            wr.writerow(header)
            for r in rows:
                wr.writerow(r)
    rows = []
    for p in pats:
        if p['idx'] in op:
            continue
        r = dict(patient_id=pid_of(p), sex=p['sex'], age_years=p['age'],
                 etiology=p['etiology'], died=p['died'])
        r.update(ov.get('patient_field', {}).get(p['idx'], {}))
        rows.append([r[k] for k in ('patient_id', 'sex', 'age_years', 'etiology', 'died')])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], rows)
    rows = []
    for p in pats:
        if p['idx'] in op:
            continue
        for s in p['sessions']:
            tot = round(sum(s['vols']), 2)
            for k, lv in enumerate(s['levels']):
                r = dict(patient_id=pid_of(p), session=s['session'], day=day_of(p, s['date']),
                         level=lv, technique=s['tech'],
                         cement_volume_ml=fmt_num(s['vols'][k]) if per_vertebra_volume else '',
                         session_cement_volume_ml='' if per_vertebra_volume else fmt_num(tot),
                         cement_type=cfg['cements'][s['cement']][1], leakage=s['leaks'][k])
                r.update(ov.get('proc_field', {}).get((p['idx'], s['session'], k), {}))
                rows.append([r[c] for c in ('patient_id', 'session', 'day', 'level', 'technique',
                                            'cement_volume_ml', 'session_cement_volume_ml',
                                            'cement_type', 'leakage')])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        if p['idx'] in op:
            continue
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            for m in ('pain_vas', 'odi', 'mobility'):
                if m in v['scores'] and v['scores'][m] is not None and \
                        (p['idx'], v['session'], v['tp'], m) not in oa:
                    val = v['scores'][m]
                    if m == 'pain_vas' and cfg.get('vas_mm'):
                        val = val / 10
                    rows.append([pid_of(p), v['session'], m, v['tp'], fmt_num(val)])
    for e in ov.get('extra_assess', []):
        rows.append([e['patient_id'], e['session'], e['measure'], e['timepoint'], e['value']])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    rows = []
    for p in pats:
        if p['idx'] in op:
            continue
        for k, (d, lv) in enumerate(p['fractures']):
            day = ov.get('fx_day', {}).get((p['idx'], k), day_of(p, d))
            rows.append([pid_of(p), day, lv])
    w('fractures.csv', ['patient_id', 'day', 'level'], rows)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['column_header'], e['value'], e['what'], e['pid']]
       for e in errors])
    seen = []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.append((k, str(v)))
    w('identifiers.csv', ['kind', 'value'], seen)


def xl(col, row):
    from openpyxl.utils import get_column_letter
    return '%s%d' % (get_column_letter(col), row)

# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Site: jeddah — Obhur Specialist Hospital (invented), Jeddah, Saudi Arabia
# Layout: hospital information system encounter export (one row per encounter, all
# patients interleaved in date order, demographics repeated), with key: value text cells
# for procedure details and scores. Arabic + English; Hijri (Umm al-Qura) dates "yyyy/mm/dd هـ"
# beside Gregorian "dd/mm/yyyy م"; Arabic-Indic digits in the age and visit-label columns
# and in some score cells.
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment

# Umm al-Qura month starts (Hijri year, month, Gregorian date of day 1), from ICU's
# islamic-umalqura calendar
HIJRI_MONTHS = [[1441,6,"2020-01-26"],[1441,7,"2020-02-25"],[1441,8,"2020-03-25"],[1441,9,"2020-04-24"],[1441,10,"2020-05-24"],[1441,11,"2020-06-22"],[1441,12,"2020-07-22"],[1442,1,"2020-08-20"],[1442,2,"2020-09-18"],[1442,3,"2020-10-18"],[1442,4,"2020-11-16"],[1442,5,"2020-12-16"],[1442,6,"2021-01-14"],[1442,7,"2021-02-13"],[1442,8,"2021-03-14"],[1442,9,"2021-04-13"],[1442,10,"2021-05-13"],[1442,11,"2021-06-11"],[1442,12,"2021-07-11"],[1443,1,"2021-08-09"],[1443,2,"2021-09-08"],[1443,3,"2021-10-07"],[1443,4,"2021-11-06"],[1443,5,"2021-12-05"],[1443,6,"2022-01-04"],[1443,7,"2022-02-02"],[1443,8,"2022-03-04"],[1443,9,"2022-04-02"],[1443,10,"2022-05-02"],[1443,11,"2022-05-31"],[1443,12,"2022-06-30"],[1444,1,"2022-07-30"],[1444,2,"2022-08-28"],[1444,3,"2022-09-27"],[1444,4,"2022-10-26"],[1444,5,"2022-11-25"],[1444,6,"2022-12-25"],[1444,7,"2023-01-23"],[1444,8,"2023-02-21"],[1444,9,"2023-03-23"],[1444,10,"2023-04-21"],[1444,11,"2023-05-21"],[1444,12,"2023-06-19"],[1445,1,"2023-07-19"],[1445,2,"2023-08-17"],[1445,3,"2023-09-16"],[1445,4,"2023-10-16"],[1445,5,"2023-11-15"],[1445,6,"2023-12-14"],[1445,7,"2024-01-13"],[1445,8,"2024-02-11"],[1445,9,"2024-03-11"],[1445,10,"2024-04-10"],[1445,11,"2024-05-09"],[1445,12,"2024-06-07"],[1446,1,"2024-07-07"],[1446,2,"2024-08-05"],[1446,3,"2024-09-04"],[1446,4,"2024-10-04"],[1446,5,"2024-11-03"],[1446,6,"2024-12-02"],[1446,7,"2025-01-01"],[1446,8,"2025-01-31"],[1446,9,"2025-03-01"],[1446,10,"2025-03-30"],[1446,11,"2025-04-29"],[1446,12,"2025-05-28"],[1447,1,"2025-06-26"],[1447,2,"2025-07-26"],[1447,3,"2025-08-24"],[1447,4,"2025-09-23"],[1447,5,"2025-10-23"],[1447,6,"2025-11-22"],[1447,7,"2025-12-21"],[1447,8,"2026-01-20"],[1447,9,"2026-02-18"],[1447,10,"2026-03-20"],[1447,11,"2026-04-18"],[1447,12,"2026-05-18"],[1448,1,"2026-06-16"],[1448,2,"2026-07-15"],[1448,3,"2026-08-14"],[1448,4,"2026-09-12"],[1448,5,"2026-10-12"],[1448,6,"2026-11-11"],[1448,7,"2026-12-10"],[1448,8,"2027-01-09"],[1448,9,"2027-02-08"],[1448,10,"2027-03-09"],[1448,11,"2027-04-08"],[1448,12,"2027-05-07"],[1449,1,"2027-06-06"],[1449,2,"2027-07-05"],[1449,3,"2027-08-03"],[1449,4,"2027-09-02"],[1449,5,"2027-10-01"],[1449,6,"2027-10-31"],[1449,7,"2027-11-29"],[1449,8,"2027-12-29"]]
_HM = [(y, m, dt.date.fromisoformat(g)) for y, m, g in HIJRI_MONTHS]


def g2h(d):
    for k in range(len(_HM) - 1, -1, -1):
        y, m, g = _HM[k]
        if g <= d:
            return y, m, (d - g).days + 1
    raise ValueError(d)


AR = str.maketrans('0123456789%', '٠١٢٣٤٥٦٧٨٩٪')


def hij(d, arabic_digits=False):
    y, m, dd = g2h(d)
    s = '%d/%02d/%02d' % (y, m, dd)
    return (s.translate(AR) if arabic_digits else s) + ' هـ'


def greg(d):
    return d.strftime('%d/%m/%Y') + ' م'


CFG = dict(seed=5531, n=25, start=dt.date(2023, 1, 8), end=dt.date(2024, 2, 28),
           tps=['pre', '2w', '3m', '6m', '12m'], s2_tps=['pre', '2w', '3m'],
           measures=['pain_vas', 'odi'],
           etio={'osteoporotic': 55, 'pathologic': 30, 'traumatic': 15},
           tech={'vertebroplasty': 50, 'kyphoplasty': 50},
           vol={'vertebroplasty': (2, 5, .5), 'kyphoplasty': (3, 7, .5)},
           cements=[('KyphX HV-R', 'PMMA'), ('Vertecem V+', 'PMMA'), ('PMMA', 'PMMA'),
                    ('Osteopal V', 'PMMA'), ('KyphOs FS (calcium phosphate)', 'calcium phosphate')],
           cement_w=[4, 3, 2, 2, 1],
           n_multi=8, n_second=3, n_extra_fx=2, n_dead=2, miss_rate=.12,
           s2_fx_tps=['3m', '6m'], extra_fx_tps=['6m', '12m'], female_p=.65)

F_GIVEN = ['فاطمة', 'نورة', 'حصة', 'منيرة', 'لطيفة', 'سارة', 'عائشة', 'مريم', 'هيا', 'موضي',
           'الجوهرة', 'خديجة', 'صفية', 'أمل', 'رقية', 'زينب', 'شريفة', 'عزيزة', 'حليمة']
M_GIVEN = ['عبدالله', 'محمد', 'سعد', 'فهد', 'إبراهيم', 'عبدالرحمن', 'خالد', 'سليمان', 'علي',
           'ناصر', 'حمد', 'يوسف', 'صالح', 'أحمد', 'عمر']
FATHER = ['عبدالله', 'محمد', 'سعد', 'علي', 'حسن', 'عمر', 'عبدالعزيز', 'صالح', 'إبراهيم', 'حسين']
FAMILY = ['الغامدي', 'الزهراني', 'الحربي', 'العتيبي', 'القحطاني', 'الشهري', 'المالكي', 'الجهني',
          'السلمي', 'باعشن', 'الشريف', 'العمري', 'الأنصاري', 'باخشوين', 'الصبان', 'نصيف', 'الثقفي']
EXPAT = [('male', 'محمد أكرم خان'), ('female', 'رحيمة بيغم'), ('male', 'عبدالرحيم عثمان أحمد')]
ICD = {'osteoporotic': ['M80.08 - Osteoporosis with pathological fracture, vertebra / هشاشة العظام مع كسر فقري',
                        'M80.08 - Age-related osteoporosis with current pathological fracture, vertebra(e)'],
       'pathologic': ['C79.5 - Secondary malignant neoplasm of bone / ورم ثانوي في العظم',
                      'C90.0 - Multiple myeloma / الورم النقوي المتعدد'],
       'traumatic': {'T': 'S22.0 - Fracture of thoracic vertebra / كسر فقرة صدرية',
                     'L': 'S32.0 - Fracture of lumbar vertebra / كسر فقرة قطنية'}}
TECH_EN = {'vertebroplasty': 'Vertebroplasty', 'kyphoplasty': 'Balloon Kyphoplasty'}
TECH_AR = {'vertebroplasty': 'رأب الفقرات (Vertebroplasty)', 'kyphoplasty': 'رأب الحدبة بالبالون (Kyphoplasty)'}
LEAK_EN = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
           'foraminal': 'foraminal'}
LEAK_AR = {'disc': 'قرصي', 'venous': 'وريدي', 'paravertebral': 'جانب الفقرة', 'epidural': 'فوق الجافية',
           'foraminal': 'ثقبي'}
DESC = {'pre': 'تقييم قبل الإجراء / Pre-procedure', '2w': 'متابعة بعد أسبوعين / 2-week FU',
        '3m': 'متابعة ٣ أشهر / 3-month FU', '6m': 'متابعة ٦ أشهر / 6-month FU',
        '12m': 'متابعة سنة / 1-year FU'}


def main(outdir):
    pats = build_cohort(CFG)
    rng = random.Random(1445)
    fg = rng.sample(F_GIVEN, len(F_GIVEN))
    mg = rng.sample(M_GIVEN, len(M_GIVEN))
    idents = []
    expat = list(EXPAT)
    for p in pats:
        p['pid'] = 'OSH-VA-%02d' % (p['idx'] + 1)
        ex = [e for e in expat if e[0] == p['sex']]
        if ex and rng.random() < .15:
            expat.remove(ex[0])
            p['name'] = ex[0][1]
            p['nid'] = '2%09d' % rng.randint(0, 10 ** 9 - 1)
        else:
            g = fg.pop() if p['sex'] == 'female' else mg.pop()
            p['name'] = '%s %s %s' % (g, rng.choice(FATHER), rng.choice(FAMILY))
            p['nid'] = '1%09d' % rng.randint(0, 10 ** 9 - 1)
        p['mrn'] = '%07d' % rng.randint(300000, 2999999)
        p['mob'] = '05%d%07d' % (rng.choice([0, 3, 4, 5, 6, 9]), rng.randint(0, 9999999))
        idents += [('name', p['name']), ('record_number', p['mrn']), ('national_id', p['nid']),
                   ('phone', p['mob'])]
        if p['etiology'] == 'traumatic':
            p['icd'] = ICD['traumatic'][p['sessions'][0]['levels'][0][0]]
        else:
            p['icd'] = rng.choice(ICD[p['etiology']])
        p['arab'] = rng.random() < .4       # nurse enters with an Arabic keyboard / template
    special = {p['idx'] for p in pats if len(p['sessions']) > 1 or p['fractures'] or p['died'] == 'yes'}
    plain = [p for p in pats if p['idx'] not in special]
    errors = []
    ov = dict(omit_assess=set(), proc_field={})
    e_cem = [p for p in plain if len(p['sessions'][0]['levels']) > 1][0]
    e_vas = [p for p in plain if p is not e_cem and
             any(v['tp'] == '3m' and v['status'] == 'done' and v['scores'].get('pain_vas') is not None
                 for v in p['visits'])][1]
    e_before = [p for p in plain if p not in (e_cem, e_vas) and
                any(v['tp'] == '2w' and v['status'] == 'done' for v in p['visits'])][3]
    e_noid = [p for p in plain if p not in (e_cem, e_vas, e_before) and
              any(v['tp'] == '6m' and v['status'] == 'done' for v in p['visits'])][4]

    # encounter list
    enc = []
    for p in pats:
        ep = {}
        for s in p['sessions']:
            y = g2h(s['date'])[0]
            ep[s['session']] = 'EP%d-%05d' % (y, rng.randint(100, 9999))
            idents.append(('episode_number', ep[s['session']]))
            enc.append(dict(p=p, date=s['date'], order=1, kind='proc', s=s, ep=ep[s['session']]))
        for v in p['visits']:
            if v['status'] in ('superseded', 'dead'):
                continue
            d = v['date']
            if p is e_before and v['tp'] == '2w':
                d = p['first'] - dt.timedelta(days=19)
            enc.append(dict(p=p, date=d, order=0 if v['tp'] == 'pre' else 2, kind='visit', v=v,
                            ep=ep[v['session']]))
    enc.sort(key=lambda e: (e['date'], e['p']['mrn'], e['order']))
    last = max(e['date'] for e in enc)
    printed = last + dt.timedelta(days=23)

    wb = Workbook()
    ws = wb.active
    ws.title = 'Report'
    ws.sheet_view.rightToLeft = False
    ws['A1'] = 'مستشفى أبحر التخصصي — Obhur Specialist Hospital, Jeddah'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'تقرير زيارات المرضى — Patient Encounter Report | العيادة: جراحة العمود الفقري / Spine Surgery | Filter: CPT 22510-22515'
    ws['A3'] = 'تاريخ الطباعة / Printed: %s  (%s)' % (hij(printed), greg(printed))
    hdr = ['م', 'رقم الملف MRN', 'رقم الدراسة Study No', 'اسم المريض Patient Name', 'رقم الهوية National ID',
           'الجنس Gender', 'العمر Age', 'الجوال Mobile', 'تاريخ الزيارة (هـ) Visit Date (H)',
           'تاريخ الزيارة (م) Visit Date (G)', 'نوع الزيارة Encounter Type', 'الحلقة Episode',
           'وصف الزيارة Visit Description', 'التشخيص Diagnosis (ICD-10)', 'تفاصيل الإجراء Procedure Details',
           'المقاييس Scores', 'ملاحظات Notes', 'حالة المريض Patient Status']
    HR = 5
    for c, h in enumerate(hdr, 1):
        ws.cell(HR, c, h).font = Font(bold=True, color='FFFFFF')
        ws.cell(HR, c).fill = PatternFill('solid', fgColor='1F4E78')
        ws.cell(HR, c).alignment = Alignment(wrap_text=True)
    r = HR + 1
    for k, e in enumerate(enc, 1):
        p = e['p']
        ws.cell(r, 1, k)
        ws.cell(r, 2, p['mrn'])
        if e['kind'] == 'visit' and p is e_noid and e['v']['tp'] == '6m':
            errors.append(dict(sheet='Report', cell=xl(3, r), row=r, column_header=hdr[2], value='',
                               what='encounter row with scores but no study number', pid=p['pid']))
        else:
            ws.cell(r, 3, p['pid'])
        ws.cell(r, 4, p['name'])
        ws.cell(r, 5, p['nid'])
        ws.cell(r, 6, 'أنثى' if p['sex'] == 'female' else 'ذكر')
        ws.cell(r, 7, (str(age_at(p['birth'], e['date'])).translate(AR)) + ' سنة')
        ws.cell(r, 8, p['mob'])
        ws.cell(r, 9, hij(e['date'], arabic_digits=p['arab'] and rng.random() < .5))
        ws.cell(r, 10, greg(e['date']))
        if e['kind'] == 'visit' and p is e_before and e['v']['tp'] == '2w':
            for c in (9, 10):
                errors.append(dict(sheet='Report', cell=xl(c, r), row=r, column_header=hdr[c - 1],
                                   value=ws.cell(r, c).value,
                                   what='2-week follow-up dated 19 days before the procedure',
                                   pid=p['pid']))
        ws.cell(r, 12, e['ep'])
        ws.cell(r, 14, p['icd'])
        if p['died'] == 'yes':
            ws.cell(r, 18, 'متوفى Deceased %s' % hij(p['death']))
        else:
            ws.cell(r, 18, 'حي Alive')
        if e['kind'] == 'proc':
            s = e['s']
            ws.cell(r, 11, 'إجراء - Day Surgery Procedure')
            ws.cell(r, 13, (TECH_AR if p['arab'] else TECH_EN)[s['tech']] +
                     (' — الإجراء الثاني / 2nd procedure' if s['session'] == 2 else ''))
            parts = []
            for j, (l, vol) in enumerate(zip(s['levels'], s['vols'])):
                vs = '%g' % vol
                if p is e_cem and s['session'] == 1 and j == 1:
                    vs = '22'
                    ov['proc_field'][(p['idx'], 1, 1)] = {'cement_volume_ml': ''}
                parts.append('%s %sml' % (l, vs))
            lk = [(l, kk) for l, kk in zip(s['levels'], s['leaks']) if kk != 'none']
            cem = CFG['cements'][s['cement']][0]
            if p['arab']:
                leak = 'لا يوجد' if not lk else ', '.join('%s %s' % (l, ' و'.join(LEAK_AR[x] for x in kk.split(';')))
                                                          for l, kk in lk)
                txt = 'الإجراء: %s؛ المستويات: %s؛ الإسمنت: %s؛ التسرب: %s' % (
                    'رأب الفقرات' if s['tech'] == 'vertebroplasty' else 'رأب الحدبة بالبالون',
                    ', '.join(parts), cem, leak)
            else:
                leak = 'none' if not lk else ', '.join('%s %s' % (l, '+'.join(LEAK_EN[x] for x in kk.split(';')))
                                                       for l, kk in lk)
                txt = 'Procedure: %s | Levels: %s | Cement: %s | Leakage: %s' % (
                    TECH_EN[s['tech']], ', '.join(parts), cem, leak)
            ws.cell(r, 15, txt)
            if p is e_cem and s['session'] == 1:
                errors.append(dict(sheet='Report', cell=xl(15, r), row=r, column_header=hdr[14], value=txt,
                                   what='22 ml of cement in one vertebra (%s)' % s['levels'][1], pid=p['pid']))
        else:
            v = e['v']
            ws.cell(r, 13, DESC[v['tp']] + (' (الإجراء الثاني / 2nd proc)' if v['session'] == 2 else ''))
            if v['status'] == 'missed':
                ws.cell(r, 11, 'لم يحضر - No Show')
            else:
                ws.cell(r, 11, 'تقييم قبل الإجراء - Pre-op Assessment' if v['tp'] == 'pre'
                         else 'عيادة متابعة - OPD Follow-up')
                sc = v['scores']
                vas = sc.get('pain_vas')
                if p is e_vas and v['tp'] == '3m' and v['session'] == 1:
                    vas = 13
                    ov['omit_assess'].add((p['idx'], 1, '3m', 'pain_vas'))
                odi = sc.get('odi')
                if p['arab'] and rng.random() < .6:
                    a = 'VAS %s/١٠' % str(vas).translate(AR) if vas is not None else 'VAS: --'
                    b = 'ODI %s٪' % str(odi).translate(AR) if odi is not None else 'ODI: --'
                    txt = a + '؛ ' + b
                else:
                    a = 'VAS %d/10' % vas if vas is not None else 'VAS: --'
                    b = 'ODI %d%%' % odi if odi is not None else 'ODI: --'
                    txt = a + '; ' + b
                ws.cell(r, 16, txt)
                if p is e_vas and v['tp'] == '3m' and v['session'] == 1:
                    errors.append(dict(sheet='Report', cell=xl(16, r), row=r, column_header=hdr[15], value=txt,
                                       what='VAS 13 on a 0-10 scale', pid=p['pid']))
                if 'fx' in v:
                    if len(p['sessions']) > 1:
                        ws.cell(r, 17, 'X-ray: new compression fracture %s / كسر انضغاطي جديد — booked for procedure' % v['fx'])
                    else:
                        ws.cell(r, 17, 'X-ray: new compression fracture %s / كسر انضغاطي جديد — conservative, brace' % v['fx'])
        r += 1
    widths = [5, 10, 12, 26, 13, 7, 8, 12, 16, 15, 26, 13, 30, 40, 70, 22, 50, 30]
    from openpyxl.utils import get_column_letter
    for i, wdt in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = wdt
    ws.cell(r + 1, 1, 'عدد السجلات / Records: %d' % len(enc))
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, lambda p: p['pid'], CFG, errors, idents, per_vertebra_volume=True, ov=ov)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
