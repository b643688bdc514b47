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
# Site: apia — Vailima National Hospital (invented), Apia, Samoa
# Layout: patients kept as blocks of rows on one sheet: a patient line with the
# demographics, then one indented line per procedure / review / event, then a blank line.
# English with Samoan words; d/m/yy dates; follow-ups written 6/52, 3/12, 12/12.
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment

CFG = dict(seed=3127, n=22, start=dt.date(2022, 3, 1), end=dt.date(2023, 8, 31),
           tps=['pre', '24h', '6w', '3m', '12m'], s2_tps=['pre', '6w', '3m'],
           measures=['pain_vas', 'mobility'],
           etio={'osteoporotic': 58, 'pathologic': 20, 'traumatic': 22},
           tech={'vertebroplasty': 90, 'kyphoplasty': 10},
           vol={'vertebroplasty': (2, 5, .5), 'kyphoplasty': (3, 6, .5)},
           cements=[('Simplex P', 'PMMA'), ('PMMA', 'PMMA'), ('Osteopal V', 'PMMA')],
           cement_w=[5, 3, 2],
           n_multi=7, n_second=3, n_extra_fx=1, n_dead=3, miss_rate=.14,
           s2_fx_tps=['3m'], extra_fx_tps=['6w', '3m', '12m'], female_p=.64)

F_GIVEN = ['Mele', 'Losa', 'Sina', 'Fetu', 'Malia', 'Tina', 'Lagi', 'Seini', 'Ana', 'Luisa',
           'Talalelei', 'Fiapapalagi', 'Faamanu', 'Salote', 'Telesia', 'Matala', 'Vaelua']
M_GIVEN = ['Sefo', 'Tavita', 'Ioane', 'Pita', 'Iosefa', 'Falani', 'Tusi', 'Semi', 'Mose',
           'Siaosi', 'Aperaamo', 'Leilua']
SURN = ['Faleolo', 'Tuilagi', 'Leiataua', "Fa'amausili", 'Sapolu', 'Ah Chong', 'Schwenke',
        'Lemalu', 'Aiono', 'Tuala', 'Fonoti', 'Pouono', "Su'a", 'Matagi', 'Levi', 'Taufa',
        'Afamasaga', 'Toleafoa', 'Meredith', 'Penitito']
VILL = ['Vaitele', 'Lotopa', "Faleasi'u", 'Leulumoega', 'Salelologa', 'Lufilufi', 'Siumu',
        'Vailele', 'Moataa', "Sa'anapu", 'Fagali\'i', 'Afega', 'Safotu', 'Nofoali\'i']
CAUSE = {'osteoporotic': ['osteoporosis', 'osteoporotic #', 'OP collapse'],
         'pathologic': ['mets (Ca breast)', 'mets - prostate Ca', 'myeloma'],
         'traumatic': ['fall from coconut tree', 'MVA', 'fall off fale step', 'fall from ladder']}
TECH = {'vertebroplasty': 'VP', 'kyphoplasty': 'KP'}
SEX = {'female': 'fafine', 'male': 'tane'}
TPLAB = {'pre': 'Pre-op', '24h': 'Day 1', '6w': '6/52 review', '3m': '3/12 review',
         '12m': '12/12 review'}
LEAKW = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravert', 'epidural': 'epidural',
         'foraminal': 'foraminal'}


def dmy(d):
    return '%d/%d/%02d' % (d.day, d.month, d.year % 100)


def main(outdir):
    pats = build_cohort(CFG)
    rng = random.Random(77)
    fi = rng.sample(F_GIVEN, len(F_GIVEN))
    mi = rng.sample(M_GIVEN, len(M_GIVEN))
    idents = []
    for p in pats:
        p['pid'] = 'VP%03d' % (p['idx'] + 1)
        g = fi.pop() if p['sex'] == 'female' else mi.pop()
        p['name'] = g + ' ' + rng.choice(SURN)
        p['hosp'] = 'VNH %06d' % rng.randint(10000, 120000)
        p['phone'] = rng.choice(['7%d%05d' % (rng.choice([2, 5, 6, 7]), rng.randint(0, 99999)),
                                 '+685 7%d %05d' % (rng.choice([2, 5, 7]), rng.randint(0, 99999))])
        p['vill'] = rng.choice(VILL)
    special = {p['idx'] for p in pats if len(p['sessions']) > 1 or p['fractures'] or p['died'] == 'yes'}
    plain = [p for p in pats if p['idx'] not in special]
    errors = []
    ov = dict(omit_assess=set(), proc_field={})
    # error patients
    e_before = plain[0]
    e_vas = plain[3]
    e_lvl = [p for p in plain if len(p['sessions'][0]['levels']) == 1 and p not in (e_before, e_vas)][1]
    cand = [p for p in plain if p not in (e_before, e_vas, e_lvl)]
    e_feb = None
    for p in cand:
        for v in p['visits']:
            d = v['date']
            if v['status'] == 'done' and v['tp'] in ('6w', '3m', '12m') and \
                    d.month in (2, 4, 6, 9, 11) and d.day >= 24:
                e_feb = (p, v)
                break
        if e_feb:
            break
    assert e_feb, 'no Feb visit'

    wb = Workbook()
    ws = wb.active
    ws.title = 'VP patients'
    ws['A1'] = 'VAILIMA NATIONAL HOSPITAL – Orthopaedic Clinic – Vertebroplasty / Kyphoplasty follow-up list'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = ("Key: le'i sau = did not come (DNA); maliu = passed away; nil / leai = no leak; "
                "6/52 = 6 weeks, 3/12 = 3 months, 12/12 = 12 months; # = fracture")
    ws['A2'].font = Font(italic=True)
    hdr = ['ID', 'Name / Igoa', 'Hosp No.', 'DOB', 'Age', 'Sex / Itupa', 'Phone / Telefoni',
           "Village / Nu'u", "Cause / Mafua'aga", 'Date / Aso', 'Entry', 'Level(s)', 'Tech',
           'Cement mL (total)', 'Cement', 'Leak', 'VAS /10', 'Mobility /4',
           "Notes / Fa'amatalaga"]
    HR = 4
    for c, h in enumerate(hdr, 1):
        ws.cell(HR, c, h).font = Font(bold=True)
        ws.cell(HR, c).fill = PatternFill('solid', fgColor='FFF2CC')
    r = HR + 1
    grey = PatternFill('solid', fgColor='EDEDED')
    for p in pats:
        # patient line
        vals = [p['pid'], p['name'], p['hosp'], '%d/%d/%02d' % (p['birth'].day, p['birth'].month, p['birth'].year % 100),
                p['age'], SEX[p['sex']], p['phone'], p['vill'], rng.choice(CAUSE[p['etiology']])]
        idents += [('name', p['name']), ('record_number', p['hosp']), ('birth_date', vals[3]),
                   ('phone', p['phone']), ('address', p['vill'])]
        for c, v in enumerate(vals, 1):
            ws.cell(r, c, v).fill = grey
        ws.cell(r, 1).font = Font(bold=True)
        if p['died'] == 'yes':
            ws.cell(r, 19, 'MALIU %s' % dmy(p['death']))
        r += 1
        lines = []   # (sortdate, order, kind, payload)
        for s in p['sessions']:
            lines.append((s['date'], 1, 'proc', s))
        for v in p['visits']:
            if v['status'] == 'superseded':
                continue
            lines.append((v['date'], 0 if v['tp'] == 'pre' else 2, 'visit', v))
            if 'fx' in v:
                lines.append((v['date'], 3, 'fx', v))
        lines.sort(key=lambda x: (x[0], x[1]))
        for d, _, kind, o in lines:
            if kind == 'proc':
                s = o
                ws.cell(r, 10, dmy(s['date']))
                ws.cell(r, 11, '  Procedure' if s['session'] == 1 else '  Procedure #2 (new #)')
                lv = ' '.join(s['levels'])
                if p is e_lvl and s['session'] == 1:
                    lv = 'T13'
                    ov['proc_field'][(p['idx'], 1, 0)] = {'level': ''}
                    errors.append(dict(sheet=ws.title, cell=xl(12, r), row=r, column_header='Level(s)',
                                       value='T13', what='impossible vertebral level T13', pid=p['pid']))
                ws.cell(r, 12, lv)
                ws.cell(r, 13, TECH[s['tech']])
                ws.cell(r, 14, round(sum(s['vols']), 2))
                ws.cell(r, 15, CFG['cements'][s['cement']][0])
                lk = [(l, k) for l, k in zip(s['levels'], s['leaks']) if k != 'none']
                if not lk:
                    ws.cell(r, 16, rng.choice(['nil', 'leai', 'nil']))
                else:
                    ws.cell(r, 16, ', '.join('%s %s' % (l, ' + '.join(LEAKW[x] for x in k.split(';')))
                                             for l, k in lk))
            elif kind == 'visit':
                v = o
                ws.cell(r, 11, '  ' + TPLAB[v['tp']])
                if v['status'] == 'missed':
                    ws.cell(r, 19, rng.choice(["le'i sau", "le'i sau (DNA)", 'DNA']))
                elif v['status'] == 'dead':
                    ws.cell(r, 19, 'maliu')
                else:
                    ds = dmy(v['date'])
                    if p is e_before and v['tp'] == '6w':
                        bad = p['first'] - dt.timedelta(days=12)
                        ds = dmy(bad)
                        errors.append(dict(sheet=ws.title, cell=xl(10, r), row=r, column_header='Date / Aso',
                                           value=ds, what='6/52 review dated before the procedure',
                                           pid=p['pid']))
                    if e_feb[1] is v:
                        mo = v['date'].month
                        bd = 30 if mo == 2 else 31
                        ds = '%d/%d/%02d' % (bd, mo, v['date'].year % 100)
                        errors.append(dict(sheet=ws.title, cell=xl(10, r), row=r, column_header='Date / Aso',
                                           value=ds, what='impossible date (day %d of month %d)' % (bd, mo),
                                           pid=p['pid']))
                    ws.cell(r, 10, ds)
                    vas = v['scores'].get('pain_vas')
                    if p is e_vas and v['tp'] == 'pre' and v['session'] == 1:
                        vas = 15
                        ov['omit_assess'].add((p['idx'], 1, 'pre', 'pain_vas'))
                        errors.append(dict(sheet=ws.title, cell=xl(17, r), row=r, column_header='VAS /10',
                                           value='15', what='VAS 15 on a 0-10 scale', pid=p['pid']))
                    ws.cell(r, 17, vas if vas is not None else '-')
                    mob = v['scores'].get('mobility')
                    ws.cell(r, 18, mob if mob is not None else '-')
                    if v['tp'] == '24h':
                        ws.cell(r, 19, rng.choice(['walking with frame', 'mobilising', '', 'home today']))
            else:
                v = o
                ws.cell(r, 10, dmy(v['date']))
                ws.cell(r, 11, '  New #')
                ws.cell(r, 12, v['fx'])
                lbl = TPLAB[v['tp']]
                if len(p['sessions']) > 1:
                    ws.cell(r, 19, 'seen on xray at %s – booked for VP' % lbl)
                else:
                    ws.cell(r, 19, 'seen on xray at %s – conservative, brace' % lbl)
            r += 1
        r += 1   # blank line
    widths = dict(A=8, B=20, C=12, D=10, E=5, F=9, G=15, H=12, I=22, J=10, K=24, L=10, M=6, N=9,
                  O=11, P=18, Q=8, R=10, S=36)
    for k, wdt in widths.items():
        ws.column_dimensions[k].width = wdt
    ws.freeze_panes = 'A5'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, lambda p: p['pid'], CFG, errors, idents, per_vertebra_volume=False, ov=ov)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
