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
# Site: guwahati — Dispur Medical College & Hospital (invented), Guwahati, Assam, India
# Layout: one wide row per patient, two-row merged group headers under title lines,
# scores across (pre / 24 h / 1 / 3 / 6 months), a "repeat procedure" block, follow-up
# dates block. Assamese script + English; Assamese digits in age and score cells for most
# patients; dates dd-mm-yyyy; thoracic levels written D (dorsal); cement per level "3 + 2.5".
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.utils import get_column_letter

CFG = dict(seed=4409, n=26, start=dt.date(2022, 7, 1), end=dt.date(2023, 12, 31),
           tps=['pre', '24h', '1m', '3m', '6m'], s2_tps=['pre', '1m'],
           measures=['pain_vas', 'odi', 'mobility'],
           etio={'osteoporotic': 50, 'pathologic': 30, 'traumatic': 20},
           tech={'vertebroplasty': 70, 'kyphoplasty': 30},
           vol={'vertebroplasty': (2, 5.5, .5), 'kyphoplasty': (3, 6.5, .5)},
           cements=[('PMMA', 'PMMA'), ('Bone cement (PMMA)', 'PMMA'), ('Osteopal V', 'PMMA'),
                    ('Mendec Spine', 'PMMA')],
           cement_w=[4, 3, 2, 2],
           n_multi=8, n_second=3, n_extra_fx=2, n_dead=2, miss_rate=.12,
           s2_fx_tps=['1m', '3m'], extra_fx_tps=['3m', '6m'], female_p=.62)

AS_DIG = str.maketrans('0123456789', '০১২৩৪৫৬৭৮৯')
NAMES_F = [('Rita Baruah', 'ৰীতা বৰুৱা'), ('Anjali Kalita', 'অঞ্জলি কলিতা'), ('Mridula Saikia', 'মৃদুলা শইকীয়া'),
           ('Nirmali Deka', 'নিৰ্মালী ডেকা'), ('Jonali Sarma', 'জোনালী শৰ্মা'), ('Kabita Medhi', 'কবিতা মেধি'),
           ('Lakhi Rabha', 'লখী ৰাভা'), ('Runumi Choudhury', 'ৰুনুমী চৌধুৰী'), ('Pallabi Goswami', 'পল্লৱী গোস্বামী'),
           ('Mousumi Phukan', 'মৌচুমী ফুকন'), ('Anima Dutta', 'অণিমা দত্ত'), ('Gitanjali Mahanta', 'গীতাঞ্জলি মহন্ত'),
           ('Bharati Bora', 'ভাৰতী বৰা'), ('Putul Hazarika', 'পুতুল হাজৰিকা'), ('Renu Talukdar', 'ৰেণু তালুকদাৰ'),
           ('Minati Gogoi', 'মিনতি গগৈ'), ('Dipali Nath', 'দীপালী নাথ'), ('Sabita Kakati', 'সবিতা কাকতি'),
           ('Hiramoni Das', 'হীৰামণি দাস')]
NAMES_M = [('Pranjal Bora', 'প্ৰাঞ্জল বৰা'), ('Dipen Gogoi', 'দীপেন গগৈ'), ('Bhupen Das', 'ভূপেন দাস'),
           ('Hemanta Hazarika', 'হেমন্ত হাজৰিকা'), ('Ranjit Talukdar', 'ৰঞ্জিত তালুকদাৰ'), ('Bijoy Nath', 'বিজয় নাথ'),
           ('Jitu Boro', 'জিতু বড়ো'), ('Tarun Kakati', 'তৰুণ কাকতি'), ('Nripen Deka', 'নৃপেন ডেকা'),
           ('Abdul Rahman Ali', 'আব্দুল ৰহমান আলী'), ('Prafulla Saikia', 'প্ৰফুল্ল শইকীয়া'),
           ('Kamal Choudhury', 'কমল চৌধুৰী'), ('Dilip Baishya', 'দিলীপ বৈশ্য'), ('Gautam Sarma', 'গৌতম শৰ্মা'),
           ('Hiren Medhi', 'হীৰেণ মেধি'), ('Manoj Kalita', 'মনোজ কলিতা'), ('Rupam Dutta', 'ৰূপম দত্ত'),
           ('Jayanta Phukan', 'জয়ন্ত ফুকন'), ('Siddique Ahmed', 'ছিদ্দিক আহমেদ')]
PLACES = ['Beltola, Guwahati', 'Nalbari', 'Barpeta Road', 'Jorhat', 'Tezpur', 'Nagaon', 'Dibrugarh',
          'Mangaldoi', 'Goalpara', 'Hajo', 'Chandmari, Guwahati', 'Rangia', 'Sualkuchi', 'Bongaigaon']
CAUSE = {'osteoporotic': ['Osteoporotic wedge #', 'অষ্টিঅ’পৰ’ছিছ (Osteoporosis)', 'Senile osteoporosis'],
         'pathologic': ['Metastasis (Ca breast)', 'Multiple myeloma', 'Metastasis (Ca lung)',
                        'Metastasis (Ca gall bladder)'],
         'traumatic': ['আঘাত – গছৰ পৰা পৰি (fall from tree)', 'RTA', 'আঘাত – পৰি যোৱা (fall)']}
TECH = {'vertebroplasty': 'PVP', 'kyphoplasty': 'BKP'}
SEX = {'female': 'মহিলা', 'male': 'পুৰুষ'}
LEAKW = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
         'foraminal': 'foraminal'}


def lvname(l):
    return 'D' + l[1:] if l.startswith('T') else l


def dmy(d):
    return d.strftime('%d-%m-%Y')


def main(outdir):
    pats = build_cohort(CFG)
    rng = random.Random(515)
    fn = rng.sample(NAMES_F, len(NAMES_F))
    mn = rng.sample(NAMES_M, len(NAMES_M))
    idents = []
    for p in pats:
        p['pid'] = 'DMCH-V%02d' % (p['idx'] + 1)
        en, asn = fn.pop() if p['sex'] == 'female' else mn.pop()
        p['name'] = asn if rng.random() < .3 else en
        p['reg'] = 'DMCH/OR/%d/%05d' % (p['first'].year, rng.randint(1000, 19999))
        a = rng.choice(['94350', '98640', '70020', '60028', '88110', '97060'])
        b = '%05d' % rng.randint(0, 99999)
        p['phone'] = rng.choice(['+91 %s %s' % (a, b), '%s-%s' % (a, b), a + b])
        p['addr'] = rng.choice(PLACES)
        p['asdig'] = rng.random() < .7
    special = {p['idx'] for p in pats if len(p['sessions']) > 1 or p['fractures'] or p['died'] == 'yes'}
    plain = [p for p in pats if p['idx'] not in special]
    errors = []
    ov = dict(omit_assess=set(), proc_field={})
    e_odi = [p for p in plain if any(v['tp'] == '1m' and v['status'] == 'done' and
                                     v['scores'].get('odi') is not None for v in p['visits'])][2]
    e_lvl = [p for p in plain if len(p['sessions'][0]['levels']) == 1 and p is not e_odi][0]
    e_cem = [p for p in plain if len(p['sessions'][0]['levels']) > 1 and p not in (e_odi, e_lvl)][0]
    e_date = None
    for p in plain:
        if p in (e_odi, e_lvl, e_cem):
            continue
        for v in p['visits']:
            d = v['date']
            if v['status'] == 'done' and v['tp'] in ('1m', '3m', '6m') and d.month in (4, 6, 9, 11) \
                    and d.day >= 22:
                e_date = (p, v)
                break
        if e_date:
            break
    assert e_date

    wb = Workbook()
    ws = wb.active
    ws.title = 'PVP-BKP ৰেজিষ্টাৰ'
    ws['A1'] = 'ডিছপুৰ চিকিৎসা মহাবিদ্যালয় আৰু চিকিৎসালয়, গুৱাহাটী — অস্থি বিভাগ (Department of Orthopaedics)'
    ws['A2'] = 'ভাৰ্টিব্ৰ’প্লাষ্টি / কাইফ’প্লাষ্টি ৰেজিষ্টাৰ — PVP / BKP Register (Jul 2022 – Dec 2024)'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'].font = Font(bold=True, size=11)
    groups = [
        ('ৰোগীৰ বিৱৰণ (Patient details)', ['ক্ৰমিক নং (Sl. No.)', 'অধ্যয়ন নং (Study No.)', 'নাম (Name)',
                                          'পঞ্জীয়ন নং (Reg. No.)', 'বয়স (Age)', 'লিংগ (Sex)', 'ফোন (Phone)',
                                          'ঠিকনা (Address)', 'কাৰণ (Diagnosis)']),
        ('প্ৰক্ৰিয়া (Procedure)', ['তাৰিখ (Date)', 'পদ্ধতি (Technique)', 'স্তৰ (Level)',
                                   'চিমেণ্ট (ml)', 'চিমেণ্টৰ প্ৰকাৰ (Cement)', 'লিকেজ (Leakage)']),
        ('বেদনা VAS (০–১০)', ['পূৰ্বে (Pre)', '২৪ ঘণ্টা (24 h)', '১ মাহ (1 m)', '৩ মাহ (3 m)', '৬ মাহ (6 m)']),
        ('ODI (%)', ['পূৰ্বে (Pre)', '২৪ ঘণ্টা (24 h)', '১ মাহ (1 m)', '৩ মাহ (3 m)', '৬ মাহ (6 m)']),
        ('চলাচল / Mobility (০–৪)', ['পূৰ্বে (Pre)', '২৪ ঘণ্টা (24 h)', '১ মাহ (1 m)', '৩ মাহ (3 m)', '৬ মাহ (6 m)']),
        ('অনুবৰ্তী তাৰিখ (Follow-up dates)', ['১ মাহ (1 m)', '৩ মাহ (3 m)', '৬ মাহ (6 m)']),
        ('পুনৰ প্ৰক্ৰিয়া (Repeat procedure)', ['তাৰিখ (Date)', 'পদ্ধতি (Technique)', 'স্তৰ (Level)',
                                              'চিমেণ্ট (ml)', 'চিমেণ্টৰ প্ৰকাৰ (Cement)', 'লিকেজ (Leakage)',
                                              'VAS পূৰ্বে (Pre)', 'VAS ১ মাহ (1 m)', 'ODI পূৰ্বে (Pre)',
                                              'ODI ১ মাহ (1 m)', 'চলাচল পূৰ্বে (Pre)', 'চলাচল ১ মাহ (1 m)']),
        ('নতুন ভঙা (New fracture)', ['স্তৰ (Level)', 'তাৰিখ (Date)']),
        ('ফলাফল (Outcome)', ['মৃত্যু (Died)', 'মৃত্যুৰ তাৰিখ (Date of death)', 'মন্তব্য (Remarks)']),
    ]
    fills = ['DDEBF7', 'FCE4D6', 'E2EFDA', 'FFF2CC', 'EDEDED', 'D9E1F2', 'F8CBAD', 'C6E0B4', 'DBDBDB']
    thin = Side(style='thin', color='999999')
    c = 1
    colof = {}
    for gi, (g, subs) in enumerate(groups):
        ws.cell(4, c, g)
        ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + len(subs) - 1)
        for k, sname in enumerate(subs):
            cell = ws.cell(5, c + k, sname)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical='center')
            cell.fill = PatternFill('solid', fgColor=fills[gi])
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            colof[(gi, k)] = c + k
        ws.cell(4, c).font = Font(bold=True)
        ws.cell(4, c).alignment = Alignment(horizontal='center')
        ws.cell(4, c).fill = PatternFill('solid', fgColor=fills[gi])
        c += len(subs)
    ncol = c - 1
    TPS = ['pre', '24h', '1m', '3m', '6m']

    def numtxt(p, v):
        if v is None:
            return '-'
        return str(v).translate(AS_DIG) if p['asdig'] else v

    r = 6
    for n, p in enumerate(pats, 1):
        s1 = p['sessions'][0]
        put = lambda g, k, v: ws.cell(r, colof[(g, k)], v)
        put(0, 0, n)
        put(0, 1, p['pid'])
        put(0, 2, p['name'])
        put(0, 3, p['reg'])
        put(0, 4, numtxt(p, p['age']))
        put(0, 5, SEX[p['sex']])
        put(0, 6, p['phone'])
        put(0, 7, p['addr'])
        put(0, 8, rng.choice(CAUSE[p['etiology']]))
        idents += [('name', p['name']), ('record_number', p['reg']), ('phone', p['phone']),
                   ('address', p['addr'])]

        def proc_cells(g, off, s):
            put(g, off + 0, dmy(s['date']))
            put(g, off + 1, TECH[s['tech']])
            lv = [lvname(l) for l in s['levels']]
            if p is e_lvl and s['session'] == 1:
                lv = ['L6']
                ov['proc_field'][(p['idx'], 1, 0)] = {'level': ''}
                errors.append(dict(sheet=ws.title, cell=xl(colof[(g, off + 2)], r), row=r,
                                   column_header='স্তৰ (Level)', value='L6',
                                   what='impossible vertebral level L6', pid=p['pid']))
            put(g, off + 2, ', '.join(lv))
            vols = ['%g' % x for x in s['vols']]
            if p is e_cem and s['session'] == 1:
                vols[1] = '24'
                ov['proc_field'][(p['idx'], 1, 1)] = {'cement_volume_ml': ''}
            txt = ' + '.join(vols)
            if len(vols) == 1 and rng.random() < .5:
                put(g, off + 3, s['vols'][0])
            else:
                put(g, off + 3, txt)
            if p is e_cem and s['session'] == 1:
                errors.append(dict(sheet=ws.title, cell=xl(colof[(g, off + 3)], r), row=r,
                                   column_header='চিমেণ্ট (ml)', value=txt,
                                   what='24 ml of cement in one vertebra (%s)' % lvname(s['levels'][1]),
                                   pid=p['pid']))
            put(g, off + 4, CFG['cements'][s['cement']][0])
            lk = [(l, k) for l, k in zip(s['levels'], s['leaks']) if k != 'none']
            if not lk:
                put(g, off + 5, 'নাই')
            else:
                put(g, off + 5, '; '.join('%s - %s' % (lvname(l), ' & '.join(LEAKW[x] for x in k.split(';')))
                                          for l, k in lk))
        proc_cells(1, 0, s1)
        for mi_, m in enumerate(['pain_vas', 'odi', 'mobility']):
            g = 2 + mi_
            for k, tp in enumerate(TPS):
                vs = [v for v in p['visits'] if v['session'] == 1 and v['tp'] == tp]
                if not vs:
                    continue
                v = vs[0]
                if v['status'] == 'missed':
                    put(g, k, 'অহা নাই')
                elif v['status'] == 'dead':
                    put(g, k, 'মৃত')
                elif v['status'] == 'superseded':
                    put(g, k, '—')
                else:
                    val = v['scores'].get(m)
                    if p is e_odi and m == 'odi' and tp == '1m':
                        val = 130
                        ov['omit_assess'].add((p['idx'], 1, '1m', 'odi'))
                        errors.append(dict(sheet=ws.title, cell=xl(colof[(g, k)], r), row=r,
                                           column_header=groups[g][1][k], value=numtxt(p, 130),
                                           what='ODI 130% (scale 0-100)', pid=p['pid']))
                    put(g, k, numtxt(p, val))
        for k, tp in enumerate(['1m', '3m', '6m']):
            vs = [v for v in p['visits'] if v['session'] == 1 and v['tp'] == tp]
            if vs and vs[0]['status'] == 'done':
                ds = dmy(vs[0]['date'])
                if e_date[1] is vs[0]:
                    mo = vs[0]['date'].month
                    ds = '31-%02d-%d' % (mo, vs[0]['date'].year)
                    errors.append(dict(sheet=ws.title, cell=xl(colof[(5, k)], r), row=r,
                                       column_header=groups[5][1][k], value=ds,
                                       what='impossible date (31st of a 30-day month)', pid=p['pid']))
                put(5, k, ds)
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            proc_cells(6, 0, s2)
            for mi_, m in enumerate(['pain_vas', 'odi', 'mobility']):
                for k, tp in enumerate(['pre', '1m']):
                    vs = [v for v in p['visits'] if v['session'] == 2 and v['tp'] == tp]
                    v = vs[0]
                    if v['status'] == 'missed':
                        put(6, 6 + 2 * mi_ + k, 'অহা নাই')
                    elif v['status'] == 'done':
                        put(6, 6 + 2 * mi_ + k, numtxt(p, v['scores'].get(m)))
        if p['fractures']:
            fd, fl = p['fractures'][0]
            put(7, 0, lvname(fl))
            put(7, 1, dmy(fd))
        put(8, 0, 'হয়' if p['died'] == 'yes' else 'নহয়')
        if p['died'] == 'yes':
            put(8, 1, dmy(p['death']))
        rem = []
        if len(p['sessions']) > 1:
            fv = [v for v in p['visits'] if 'fx' in v][0]
            rem.append('New # %s at %s f/u → repeat %s' % (lvname(fv['fx']), fv['tp'].replace('m', ' month'),
                                                          TECH[p['sessions'][1]['tech']]))
        elif p['fractures']:
            rem.append('New # %s, conservative (brace + teriparatide)' % lvname(p['fractures'][0][1]))
        if p['etiology'] == 'pathologic':
            rem.append(rng.choice(['RT advised', 'Onco referral', 'on chemo']))
        put(8, 2, '; '.join(rem) if rem else None)
        r += 1
    for i in range(1, ncol + 1):
        ws.column_dimensions[get_column_letter(i)].width = 12
    ws.column_dimensions['C'].width = 22
    ws.column_dimensions['I'].width = 26
    ws.row_dimensions[5].height = 45
    ws.freeze_panes = 'D6'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, lambda p: p['pid'], CFG, errors, idents, per_vertebra_volume=True, ov=ov)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
