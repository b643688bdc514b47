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
# Site: asmara — Mai-Temenai National Referral Hospital (invented), Asmara, Eritrea
# Layout: a register sheet (one row per procedure session) + one sheet per measure
# (VAS, ODI, mobility), patients down and time points across. Tigrinya (Ge'ez) + English.
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill

CFG = dict(seed=2011, n=24, start=dt.date(2022, 2, 1), end=dt.date(2023, 6, 30),
           tps=['pre', '24h', '1m', '3m', '12m'], s2_tps=['pre', '1m', '3m'],
           measures=['pain_vas', 'odi', 'mobility'],
           etio={'osteoporotic': 55, 'pathologic': 27, 'traumatic': 18},
           tech={'vertebroplasty': 85, 'kyphoplasty': 15},
           vol={'vertebroplasty': (2, 5, .5), 'kyphoplasty': (3, 6.5, .5)},
           cements=[('PMMA', 'PMMA'), ('Osteopal V', 'PMMA'), ('Vertecem V+', 'PMMA'),
                    ('PMMA bone cement', 'PMMA')],
           cement_w=[5, 3, 2, 2],
           n_multi=7, n_second=3, n_extra_fx=2, n_dead=2, miss_rate=.12,
           s2_fx_tps=['3m'], extra_fx_tps=['3m', '12m'], female_p=.66)

F_GIVEN = ['ለተብርሃን', 'ትበርህ', 'ኣብረኸት', 'ሳባ', 'ሚሊኤን', 'ዘውዲ', 'ኣልጋነሽ', 'ብርኽቲ', 'ሕርይቲ',
           'ፍረወይኒ', 'ለምለም', 'ኣዜብ', 'ሰላማዊት', 'ትኽአ', 'ምሕረት', 'ኤልሳ', 'ኣስቴር', 'ጽገ']
M_GIVEN = ['ዮሃንስ', 'ተኽለ', 'ገብረሂወት', 'ሃብተ', 'ኣማኑኤል', 'ሙሴ', 'ተስፋልደት', 'ዓንደብርሃን', 'መሓመድ',
           'ኢድሪስ', 'ሰለሙን', 'ብርሃነ']
FATHER = ['ተስፋይ', 'ገብረመድህን', 'ወልደሚካኤል', 'ሃይለ', 'ኪዳነ', 'በራኺ', 'ዘርኣይ', 'ተወልደ', 'ገረዝጊሄር',
          'ኣብርሃ', 'ሰሎሞን', 'ዑስማን', 'ኣሕመድ', 'ጸጋይ', 'መንግስተኣብ', 'ሃብተማርያም', 'ፍስሃየ', 'ዮውሃንስ']

CAUSE = {'osteoporotic': ['ኦስቲዮፖሮሲስ (Osteoporosis)', 'Osteoporotic fracture', 'ኦስቲዮፖሮሲስ'],
         'pathologic': ['Metastasis – Ca breast', 'Metastasis – Ca prostate', 'Multiple myeloma',
                        'ካንሰር ሳንቡእ (lung Ca) – metastasis'],
         'traumatic': ['ሓደጋ መኪና (RTA)', 'ካብ ብራኸ ምውዳቕ (fall from height)']}
TECH = {'vertebroplasty': ['Vertebroplasty', 'PVP'], 'kyphoplasty': ['Kyphoplasty (balloon)', 'BKP']}
SEX = {'female': 'ኣንስተይቲ', 'male': 'ተባዕታይ'}
MISSED = {'female': 'ኣይመጸትን', 'male': 'ኣይመጸን'}
DEAD = {'female': 'ሞይታ', 'male': 'ሞይቱ'}
TPH = [('pre', 'ቅድሚ ሕክምና (Pre-op)'), ('24h', '24 ሰዓት (24 h)'), ('1m', '1 ወርሒ (1 month)'),
       ('3m', '3 ወርሒ (3 months)'), ('12m', '12 ወርሒ (12 months)')]
BOLD = Font(bold=True)
FILL = PatternFill('solid', fgColor='DDEBF7')


def dmy(d):
    return d.strftime('%d/%m/%Y')


def main(outdir):
    pats = build_cohort(CFG)
    rng = random.Random(99)
    idents = []
    fi = rng.sample(F_GIVEN, len(F_GIVEN))
    mi = rng.sample(M_GIVEN, len(M_GIVEN))
    for p in pats:
        p['pid'] = 'MTH-VP-%02d' % (p['idx'] + 1)
        g = fi.pop() if p['sex'] == 'female' else mi.pop()
        p['name'] = g + ' ' + rng.choice(FATHER)
        p['file'] = 'MT-%06d' % rng.randint(30000, 99999)
        p['phone'] = rng.choice(['07 %03d %03d' % (rng.randint(100, 999), rng.randint(0, 999)),
                                 '+291 7 %03d %03d' % (rng.randint(100, 999), rng.randint(0, 999))])
    pid_of = lambda p: p['pid']
    special = {p['idx'] for p in pats if len(p['sessions']) > 1 or p['fractures'] or p['died'] == 'yes'}
    # choose error patients
    plain = [p for p in pats if p['idx'] not in special]
    e_vas = plain[1]
    e_lvl = [p for p in plain if len(p['sessions'][0]['levels']) == 1 and p is not e_vas][2]
    e_noid = [p for p in plain if p not in (e_vas, e_lvl)][5]
    e_death = [p for p in pats if p['died'] == 'yes'][0]
    errors = []
    ov = dict(omit_assess=set(), proc_field={})

    wb = Workbook()
    ws = wb.active
    ws.title = 'መዝገብ'
    ws['A1'] = 'ማይ ተመናይ ሃገራዊ ሆስፒታል ሪፈራል — Mai-Temenai National Referral Hospital, Asmara'
    ws['A2'] = 'ክፍሊ ኦርቶፔዲክስ — Vertebroplasty / Kyphoplasty register 2022–2024'
    ws['A1'].font = Font(bold=True, size=13)
    heads = [('ተ.ቁ', 'No.'), ('መለለዪ ቁጽሪ', 'Study ID'), ('ሕክምና', 'Session'),
             ('ሽም ሕሙም', 'Patient name'), ('ቁ. ፋይል', 'File No.'), ('ዕለተ ልደት', 'Date of birth'),
             ('ዕድመ', 'Age'), ('ጾታ', 'Sex'), ('ቴሌፎን', 'Phone'), ('ጠንቂ', 'Cause'),
             ('ዕለት ሕክምና', 'Date of procedure'), ('ዓይነት ሕክምና', 'Procedure'),
             ('ደረጃ', 'Level(s)'), ('ሲሚንቶ ብጠቕላላ (ml)', 'Total cement (ml)'),
             ('ዓይነት ሲሚንቶ', 'Cement'), ('ምፍሳስ', 'Leakage'),
             ('ሓድሽ ስብራት', 'New fracture (level)'), ('ዕለት ዝተረኽበሉ', 'Date found'),
             ('ዝሞተ', 'Died'), ('ዕለተ ሞት', 'Date of death'), ('ርኢቶ', 'Remarks')]
    for c, (t, e) in enumerate(heads, 1):
        ws.cell(4, c, t).font = BOLD
        ws.cell(5, c, e).font = BOLD
        ws.cell(4, c).fill = FILL
        ws.cell(5, c).fill = FILL
    r = 6
    no = 0
    for p in pats:
        for s in p['sessions']:
            no += 1
            ws.cell(r, 1, no)
            ws.cell(r, 2, p['pid'])
            ws.cell(r, 3, '1ይ' if s['session'] == 1 else '2ይ')
            ws.cell(r, 4, p['name'])
            if s['session'] == 1:
                idents += [('name', p['name']), ('record_number', p['file']),
                           ('birth_date', dmy(p['birth'])), ('phone', p['phone'])]
                ws.cell(r, 5, p['file'])
                c = ws.cell(r, 6, p['birth'])
                c.number_format = 'dd/mm/yyyy'
                ws.cell(r, 7, p['age'])
                ws.cell(r, 8, SEX[p['sex']])
                ws.cell(r, 9, p['phone'])
                ws.cell(r, 10, rng.choice(CAUSE[p['etiology']]))
            else:
                ws.cell(r, 5, p['file'])
            c = ws.cell(r, 11, s['date'])
            c.number_format = 'dd/mm/yyyy'
            ws.cell(r, 12, rng.choice(TECH[s['tech']]))
            lv = list(s['levels'])
            if p is e_lvl and s['session'] == 1:
                lv = ['L6']
                ov['proc_field'][(p['idx'], 1, 0)] = {'level': ''}
                errors.append(dict(sheet=ws.title, cell=xl(13, r), row=r, column_header='Level(s)',
                                   value='L6', what='impossible vertebral level L6',
                                   pid=p['pid']))
            ws.cell(r, 13, ', '.join(lv))
            tot = round(sum(s['vols']), 2)
            ws.cell(r, 14, tot)
            ws.cell(r, 15, CFG['cements'][s['cement']][0])
            lk = [(l, k) for l, k in zip(s['levels'], s['leaks']) if k != 'none']
            if not lk:
                ws.cell(r, 16, 'የለን')
            else:
                ws.cell(r, 16, '; '.join('%s – %s' % (l, k.replace(';', ' + ')) for l, k in lk))
            if s['session'] == 1:
                if p['fractures']:
                    fd, fl = p['fractures'][0]
                    ws.cell(r, 17, fl)
                    ws.cell(r, 18, dmy(fd))
                ws.cell(r, 19, 'እወ' if p['died'] == 'yes' else 'ኣይፋል')
                if p['died'] == 'yes':
                    if p is e_death:
                        bad = '31/04/%d' % p['death'].year
                        ws.cell(r, 20, bad)
                        errors.append(dict(sheet=ws.title, cell=xl(20, r), row=r,
                                           column_header='Date of death', value=bad,
                                           what='impossible date (31 April)', pid=p['pid']))
                    else:
                        ws.cell(r, 20, dmy(p['death']))
                if len(p['sessions']) > 1:
                    ws.cell(r, 21, 'ሓድሽ ስብራት ኣብ 3 ወርሒ ክትትል፡ 2ይ ሕክምና ተገይሩ')
                elif p['fractures']:
                    ws.cell(r, 21, 'ሓድሽ ስብራት ኣብ ክትትል — conservative')
            else:
                ws.cell(r, 21, '2ይ ሕክምና (new fracture %s)' % s['levels'][0])
            r += 1
    widths = [5, 13, 8, 22, 11, 12, 6, 11, 15, 30, 13, 20, 12, 10, 16, 26, 10, 12, 7, 12, 40]
    from openpyxl.utils import get_column_letter
    for i, wdt in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = wdt

    # measure sheets
    def measure_sheet(title, t1, legend, m, fmt):
        sh = wb.create_sheet(title)
        sh['A1'] = t1
        sh['A1'].font = Font(bold=True, size=12)
        if legend:
            sh['A2'] = legend
        hdr = ['መለለዪ ቁጽሪ (Study ID)', 'ሕክምና (Session)'] + [h for _, h in TPH]
        for c, h in enumerate(hdr, 1):
            sh.cell(4, c, h).font = BOLD
            sh.cell(4, c).fill = FILL
        rr = 5
        for p in pats:
            for s in p['sessions']:
                sn = s['session']
                noid = (p is e_noid and m == 'mobility' and sn == 1)
                if noid:
                    errors.append(dict(sheet=title, cell=xl(1, rr), row=rr,
                                       column_header='መለለዪ ቁጽሪ (Study ID)', value='',
                                       what='row with scores but no study ID', pid=''))
                else:
                    sh.cell(rr, 1, p['pid'])
                sh.cell(rr, 2, '1ይ' if sn == 1 else '2ይ')
                for c, (tp, _) in enumerate(TPH, 3):
                    vs = [v for v in p['visits'] if v['session'] == sn and v['tp'] == tp]
                    if not vs:
                        continue
                    v = vs[0]
                    if noid:
                        ov['omit_assess'].add((p['idx'], sn, tp, m))
                    if v['status'] == 'missed':
                        sh.cell(rr, c, MISSED[p['sex']])
                    elif v['status'] == 'dead':
                        sh.cell(rr, c, DEAD[p['sex']])
                    elif v['status'] == 'superseded':
                        sh.cell(rr, c, 'ናብ 2ይ ሕክምና')
                    else:
                        val = v['scores'].get(m)
                        if val is None:
                            sh.cell(rr, c, '-')
                            continue
                        if p is e_vas and m == 'pain_vas' and tp == '24h' and sn == 1:
                            val = 12
                            ov['omit_assess'].add((p['idx'], 1, '24h', 'pain_vas'))
                            errors.append(dict(sheet=title, cell=xl(c, rr), row=rr,
                                               column_header=TPH[c - 3][1], value='12',
                                               what='VAS 12 on a 0-10 scale', pid=p['pid']))
                        sh.cell(rr, c, fmt(val))
                rr += 1
        sh.column_dimensions['A'].width = 20
        sh.column_dimensions['B'].width = 14
        for col in 'CDEFG':
            sh.column_dimensions[col].width = 18
        return sh

    measure_sheet('ቃንዛ (VAS)', 'ደረጃ ቃንዛ — Pain VAS (0–10)', '0 = ቃንዛ የለን · 10 = ዝኸፍአ ቃንዛ',
                  'pain_vas', lambda v: v)
    measure_sheet('ODI', 'Oswestry Disability Index (%)', 'ብ % (0–100)', 'odi', lambda v: v)
    measure_sheet('ምንቅስቓስ (Mobility)', 'ምንቅስቓስ — Mobility score (0–4)',
                  '0 = ናጻ ይንቀሳቐስ (independent) · 1 = ብበትሪ (stick) · 2 = ብዎከር (walker) · '
                  '3 = ብሰብ ሓገዝ (with help) · 4 = ኣብ ዓራት ደቂሱ (bed-bound)', 'mobility', lambda v: v)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, pid_of, CFG, errors, idents, per_vertebra_volume=False, ov=ov)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
