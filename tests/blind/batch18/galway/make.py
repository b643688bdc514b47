# ---------------------------------------------------------------------------
# Cohort core: invents the clinical story (patients, sessions, visits, scores,
# new fractures, deaths).  The site part below renders it into the unit's own
# spreadsheet and writes the truth from the very same objects.
# ---------------------------------------------------------------------------
import sys, os, random, csv, datetime as dt

TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 3, '1m': 3, '3m': 6,
          '6m': 9, '12m': 12, '24m': 20}
ORDER = ['C7'] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
LEAK_ORDER = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def lvl_idx(l):
    return ORDER.index(l)


def pick_levels(rng, k, etiology):
    if etiology == 'pathologic':
        pool = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
        w = [1, 2, 2, 3, 3, 3, 4, 5, 5, 4, 4, 3, 2]
    else:
        pool = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
        w = [1, 1, 2, 2, 3, 6, 10, 10, 5, 3, 2, 1]
    base = rng.choices(pool, w)[0]
    if k == 1:
        return [base]
    if rng.random() < 0.75:   # contiguous
        i = lvl_idx(base)
        i = min(max(i, lvl_idx('T5')), lvl_idx('L5') - (k - 1))
        return [ORDER[i + j] for j in range(k)]
    out = {base}
    while len(out) < k:
        out.add(rng.choices(pool, w)[0])
    return sorted(out, key=lvl_idx)


def pick_leak(rng, p_leak=0.22):
    if rng.random() >= p_leak:
        return 'none'
    kinds = rng.choices(LEAK_ORDER, [30, 35, 25, 5, 5])
    if rng.random() < 0.12:
        kinds.append(rng.choice(['disc', 'venous', 'paravertebral']))
    kinds = sorted(set(kinds), key=LEAK_ORDER.index)
    return ';'.join(kinds)


def vol_for(rng, level, technique, step=0.5):
    lo, hi = (2.0, 4.5) if level.startswith('T') else (3.0, 6.0)
    if technique == 'kyphoplasty':
        lo, hi = lo + 0.5, hi + 1.0
    v = rng.uniform(lo, hi)
    return round(round(v / step) * step, 1)


def add_years(d, y):
    try:
        return d.replace(year=d.year + y)
    except ValueError:
        return d.replace(year=d.year + y, day=28)


def age_at(birth, d):
    a = d.year - birth.year
    if (d.month, d.day) < (birth.month, birth.day):
        a -= 1
    return a


def score_traj(rng, measure, tp, base):
    """base: patient-specific pre value; returns a value for time point tp."""
    post_fac = {'24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4, '3m': 0.33,
                '6m': 0.3, '12m': 0.3, '24m': 0.3}
    if measure == 'pain_vas':
        if tp == 'pre':
            return base
        v = base * post_fac[tp] + rng.uniform(-1.2, 1.2)
        return int(min(9, max(0, round(v))))
    if measure == 'odi':
        if tp == 'pre':
            return base
        v = base * (post_fac[tp] + 0.12) + rng.uniform(-6, 6)
        return int(min(90, max(4, 2 * round(v / 2))))
    if measure == 'mobility':
        if tp == 'pre':
            return base
        v = base * post_fac[tp] + rng.uniform(-0.6, 0.6)
        return int(min(4, max(0, round(v))))
    raise ValueError(measure)


def gen_cohort(seed, cfg):
    """cfg: n, start (date), span (days), cutoff (date), tps1, tps2 (lists),
    measures {measure: [tps]}, p_kp, cement(rng)->(canonical, label), vol_step,
    n_path, n_trauma, n_other, n_dead, n_second, n_extra_fx, p_missed, p_nd"""
    rng = random.Random(seed)
    n = cfg['n']
    et = (['pathologic'] * cfg['n_path'] + ['traumatic'] * cfg['n_trauma'] +
          ['other'] * cfg.get('n_other', 0))
    et += ['osteoporotic'] * (n - len(et))
    rng.shuffle(et)
    dates = sorted(cfg['start'] + dt.timedelta(days=rng.randint(0, cfg['span'])) for _ in range(n))
    n_multi = round(0.3 * n)
    multi = set(rng.sample(range(n), n_multi))
    pats = []
    for i in range(n):
        e = et[i]
        if e == 'osteoporotic':
            sex = 'female' if rng.random() < 0.8 else 'male'
            age = rng.randint(61, 89)
        elif e == 'pathologic':
            sex = rng.choice(['female', 'male'])
            age = rng.randint(44, 79)
        elif e == 'traumatic':
            sex = 'male' if rng.random() < 0.7 else 'female'
            age = rng.randint(34, 68)
        else:
            sex = rng.choice(['female', 'male'])
            age = rng.randint(50, 80)
        d0 = dates[i]
        birth = add_years(d0, -age) - dt.timedelta(days=rng.randint(1, 360))
        age = age_at(birth, d0)
        p = dict(idx=i, sex=sex, age=age, etiology=e, birth=birth, d0=d0, died='no',
                 death_day=None, sessions=[], fractures=[], visits=[], ov={}, sub=None)
        k = 1
        if i in multi:
            k = 3 if rng.random() < 0.25 else 2
        p['sessions'].append(make_session(rng, cfg, 1, 0, d0, pick_levels(rng, k, e)))
        p['base'] = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(22, 42),
                     'mobility': rng.randint(2, 4)}
        pats.append(p)

    # roles ------------------------------------------------------------------
    maxtp1 = max(TP_DAYS[t] for t in cfg['tps1'])
    maxtp2 = max(TP_DAYS[t] for t in cfg['tps2'])
    path_idx = [p['idx'] for p in pats if p['etiology'] == 'pathologic']
    early = lambda p: (cfg['cutoff'] - p['d0']).days > 240
    path_idx = [i for i in path_idx if early(pats[i])]
    dead = rng.sample(path_idx, min(2, len(path_idx)))
    others = [p['idx'] for p in pats if p['idx'] not in dead and p['etiology'] == 'osteoporotic'
              and p['age'] >= 78 and early(p)]
    if cfg['n_dead'] > len(dead) and others:
        dead.append(rng.choice(others))
    cand2 = [p['idx'] for p in pats if p['idx'] not in dead and
             (cfg['cutoff'] - p['d0']).days > 230 + maxtp2 + 20]
    second = rng.sample(cand2, cfg['n_second'])
    cand_fx = [p['idx'] for p in pats if p['idx'] not in dead and p['idx'] not in second and
               (cfg['cutoff'] - p['d0']).days > maxtp1 + 20]
    extra_fx = rng.sample(cand_fx, cfg['n_extra_fx'])

    for p in pats:
        i = p['idx']
        fx_day = d2 = None
        if i in second:
            d2 = rng.randint(125, 230)
            fx_day = d2 - rng.randint(3, 12)
            lv1 = p['sessions'][0]['levels']
            lv = adjacent_level(rng, lv1)
            p['fractures'].append(dict(day=fx_day, level=lv))
            p['sessions'].append(make_session(rng, cfg, 2, d2, p['d0'] + dt.timedelta(days=d2), [lv]))
        # session-1 visits
        tps1 = [t for t in cfg['tps1'] if fx_day is None or TP_DAYS[t] + TP_JIT[t] < fx_day - 1]
        add_visits(rng, cfg, p, 1, 0, tps1)
        if d2 is not None:
            add_visits(rng, cfg, p, 2, d2, cfg['tps2'])
        if i in dead:
            done = [v for v in p['visits'] if v['status'] == 'done']
            # death between the 2nd..4th visit and the next one
            k = rng.randint(min(3, len(done)), min(4, len(done)))
            last = done[k - 1]['day']
            nxt = [v['day'] for v in p['visits'] if v['day'] > last]
            hi = (nxt[0] - 3) if nxt else last + 120
            hi = min(hi, (cfg['cutoff'] - p['d0']).days - 1)
            p['death_day'] = rng.randint(last + 5, max(last + 6, hi))
            p['died'] = 'yes'
            for v in p['visits']:
                if v['day'] > last:
                    v['status'] = 'dead'
                    v['scores'] = {}
        if i in extra_fx:
            done = [v for v in p['visits'] if v['status'] == 'done' and v['tp'] in ('3m', '6m', '12m')]
            if not done:
                done = [v for v in p['visits'] if v['status'] == 'done' and v['tp'] not in ('pre', '24h')]
            v = rng.choice(done)
            p['fractures'].append(dict(day=v['day'], level=adjacent_level(rng, p['sessions'][0]['levels'])))
    n_kp = sum(s['technique'] == 'kyphoplasty' for p in pats for s in p['sessions'])
    if n_kp < cfg.get('min_kp', 0):
        vp = [s for p in pats for s in p['sessions'] if s['technique'] == 'vertebroplasty']
        for s in rng.sample(vp, cfg['min_kp'] - n_kp):
            s['technique'] = 'kyphoplasty'
            for v in s['verts']:
                v['vol'] = vol_for(rng, v['level'], 'kyphoplasty', cfg.get('vol_step', 0.5))
            s['total'] = round(sum(v['vol'] for v in s['verts']), 1)
    for p in pats:
        for v in p['visits']:
            v['date'] = p['d0'] + dt.timedelta(days=v['day'])
        if p['death_day'] is not None:
            p['death_date'] = p['d0'] + dt.timedelta(days=p['death_day'])
        for f in p['fractures']:
            f['date'] = p['d0'] + dt.timedelta(days=f['day'])
    return pats


def adjacent_level(rng, used):
    lo, hi = min(lvl_idx(l) for l in used), max(lvl_idx(l) for l in used)
    opts = []
    if lo - 1 >= lvl_idx('T4'):
        opts.append(ORDER[lo - 1])
    if hi + 1 <= lvl_idx('L5'):
        opts.append(ORDER[hi + 1])
    if rng.random() < 0.2 and lo - 2 >= lvl_idx('T4'):
        opts = [ORDER[lo - 2]]
    return rng.choice(opts)


def make_session(rng, cfg, num, day, date, levels):
    tech = 'kyphoplasty' if rng.random() < cfg['p_kp'] else 'vertebroplasty'
    cem, label = cfg['cement'](rng)
    verts = [dict(level=l, vol=vol_for(rng, l, tech, cfg.get('vol_step', 0.5)), leak=pick_leak(rng))
             for l in levels]
    return dict(num=num, day=day, date=date, technique=tech, cement=cem, cement_label=label,
                levels=list(levels), verts=verts, total=round(sum(v['vol'] for v in verts), 1))


def add_visits(rng, cfg, p, s, d_start, tps):
    for t in tps:
        if t in ('pre', '24h'):
            day = d_start + TP_DAYS[t]
        else:
            day = d_start + TP_DAYS[t] + rng.randint(-TP_JIT[t], TP_JIT[t])
        date = p['d0'] + dt.timedelta(days=day)
        status = 'done'
        if date > cfg['cutoff']:
            status = 'notdue'
        elif t not in ('pre', '24h') and s == 1 and rng.random() < cfg.get('p_missed', 0.1):
            status = 'missed'
        scores = {}
        if status == 'done':
            for m, mtps in cfg['measures'].items():
                if s == 2 and m in cfg.get('measures2_skip', ()):
                    continue
                if t in mtps:
                    if t != 'pre' and len(cfg['measures']) > 1 and rng.random() < cfg.get('p_nd', 0.05):
                        scores[m] = None          # not recorded at a visit that took place
                    else:
                        base = p['base'][m]
                        if s == 2:
                            base = p.setdefault('base2', {}).setdefault(
                                m, min({'pain_vas': 10, 'odi': 88, 'mobility': 4}[m],
                                       base + {'pain_vas': rng.randint(-1, 1), 'odi': 2 * rng.randint(-4, 3),
                                               'mobility': rng.randint(-1, 0)}[m]))
                        scores[m] = score_traj(rng, m, t, base)
        p['visits'].append(dict(session=s, tp=t, day=day, status=status, scores=scores))


def visit(p, s, tp):
    for v in p['visits']:
        if v['session'] == s and v['tp'] == tp:
            return v
    return None


# ---------------------------------------------------------------------------
# truth writing
# ---------------------------------------------------------------------------
def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, vol_mode, errors, idents, cells, vas_div=1):
    """vol_mode(p, session) -> 'vertebra' | 'total'.  errors: list of dicts with
    key, what, pid.  cells: key -> (sheet, cell, row, header, value)."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    write_csv(os.path.join(td, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            day = s.get('day_truth', s['day'])
            for v in s['verts']:
                if mode == 'vertebra' or len(s['verts']) == 1:
                    cv, sv = fmt_num(v['vol']), ''
                else:
                    cv, sv = '', fmt_num(s['total'])
                rows.append([p['pid'], s['num'], day, v['level'], s['technique'], cv, sv,
                             s['cement'], v['leak']])
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            for m, val in v['scores'].items():
                if val is None:
                    continue
                if m == 'pain_vas' and vas_div != 1:
                    val = fmt_num(round(val / vas_div, 2))
                rows.append([p['pid'], v['session'], m, v['tp'], fmt_num(val)])
    write_csv(os.path.join(td, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['pid'], f['day'], f['level']] for p in pats for f in p['fractures']])
    rows = []
    for e in errors:
        sheet, cell, row, header, value = cells[e['key']]
        rows.append([sheet, cell, row, header, value, e['what'], e['pid']])
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], rows)
    seen, rows = set(), []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v))
            rows.append([k, v])
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], rows)


def col_letter(c):   # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def addr(r, c):      # 1-based row / col
    return '%s%d' % (col_letter(c), r)


FEMALE_ONLY = ('sein', '乳腺', 'เต้านม', 'breast', 'mama', 'útero', 'utérus', 'ovário')
MALE_ONLY = ('prostate', '前列腺', 'próstata', 'ต่อมลูกหมาก')


def pick_etio_text(rng, options, sex):
    bad = MALE_ONLY if sex == 'female' else FEMALE_ONLY
    return rng.choice([o for o in options if not any(b in o.lower() for b in bad)])

# ---------------------------------------------------------------------------
# Site: Galway - Irish university hospital.  Three related tables:
#   'Othair'       patients (Irish headers; sex as B/F = baineann/fireann),
#   'Procedures'   one row per session, levels in one cell, TOTAL cement only,
#   'Cuairteanna'  one row per visit (long format), two header rows (Irish over
#                  English), UK/Irish shorthand for visits (2/52, 6/52, 3/12,
#                  12/12), DNA rows, VAS in mm.
# ---------------------------------------------------------------------------
import xlsxwriter

SEED = 1804
CFG = dict(n=26, start=dt.date(2022, 10, 3), span=560, cutoff=dt.date(2024, 9, 27),
           tps1=['pre', '2w', '6w', '3m', '12m'], tps2=['pre', '6w', '3m'],
           measures={'pain_vas': ['pre', '2w', '6w', '3m', '12m'], 'odi': ['pre', '6w', '3m', '12m']},
           p_kp=0.45, min_kp=8, vol_step=0.5, n_path=5, n_trauma=2, n_other=0, n_dead=3, n_second=3,
           n_extra_fx=2, p_missed=0.12, p_nd=0.06,
           cement=lambda r: ('PMMA', r.choice(['Kyphon HV-R', 'Osteopal V', 'Vertecem V+', 'Kyphon HV-R'])))

FN_F = ['Mary', 'Bridget', 'Máire', 'Noreen', 'Kathleen', 'Sheila', 'Eileen', 'Nora', 'Peggy', 'Siobhán',
        'Margaret', 'Ann', 'Teresa', 'Bríd', 'Josephine', 'Úna', 'Maureen', 'Philomena']
FN_M = ['Patrick', 'Seán', 'Michael', 'Tomás', 'John', 'Colm', 'Martin', 'Pádraig', 'Joseph', 'Declan', 'Éamonn']
LN = ['Joyce', 'Flaherty', ('Ó Conghaile', 'Ní Chonghaile'), 'Keane', ('Mac Donncha', 'Nic Dhonncha'), 'Walsh',
      'Burke', 'Fahy', 'Conneely', ('Ó Flatharta', 'Ní Fhlatharta'), 'Geraghty', 'Kelly', 'Mannion', 'Costello',
      'Hynes', 'Lally', 'Folan', 'Mulkerrin', 'Naughton', ('Ó Máille', 'Ní Mháille'), 'Kenny', 'Qualter', 'Forde']
ETIO_TXT = {'osteoporotic': ['Osteoporotic', 'OP # (fall at home)', 'Osteoporosis', 'Osteoporotic (steroid-induced)'],
            'pathologic': ['Mets (breast)', 'Myeloma', 'Mets (prostate)', 'Mets (lung)', 'Myeloma'],
            'traumatic': ['Trauma (fall from horse)', 'Trauma - RTC']}
LEAK = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
        'foraminal': 'foraminal'}
VIS = {'pre': 'Pre-op', '2w': '2/52', '6w': '6/52', '3m': '3/12', '12m': '12/12'}


def ie(d):
    return d.strftime('%d/%m/%Y')


def main(outdir):
    pats = gen_cohort(SEED, CFG)
    rng = random.Random(SEED + 7)
    used = set()
    for p in pats:
        p['pid'] = 'GVA-%02d' % (p['idx'] + 1)
        while True:
            fn = rng.choice(FN_F if p['sex'] == 'female' else FN_M)
            ln = rng.choice(LN)
            if isinstance(ln, tuple):       # Irish surnames: Ó/Mac for men, Ní/Nic (lenited) for women
                ln = ln[1] if p['sex'] == 'female' else ln[0]
            name = '%s %s' % (fn, ln)
            if name not in used:
                used.add(name)
                break
        p['name'] = name
        p['mrn'] = '%07d' % rng.randint(100000, 2999999)
        p['phone'] = rng.choice(['087 %03d %04d', '086 %03d %04d', '085 %03d %04d', '091 %03d %04d']) % (
            rng.randint(100, 999), rng.randint(0, 9999))
        p['etio_txt'] = pick_etio_text(rng, ETIO_TXT[p['etiology']], p['sex'])
        for v in p['visits']:
            if v['scores'].get('pain_vas') is not None:
                v['scores']['pain_vas'] = int(min(100, max(0, v['scores']['pain_vas'] * 10 + rng.randint(-4, 4))))

    simple = [p for p in pats if len(p['sessions']) == 1 and not p['fractures'] and p['died'] == 'no']
    er = random.Random(SEED + 99)
    errors, ep = [], []
    # 1. ODI 130
    p = er.choice([q for q in simple if any(v['scores'].get('odi') is not None and v['tp'] != 'pre'
                                            for v in q['visits'])])
    ep.append(p)
    v = [v for v in p['visits'] if v['scores'].get('odi') is not None and v['tp'] != 'pre'][0]
    v['scores']['odi'] = 130
    errors.append(dict(key=('odi', p['pid'], 1, v['tp']), what='ODI 130 %, beyond 0-100', pid=p['pid']))
    # 2. visit row with data but no study number
    p = er.choice([q for q in simple if q not in ep])
    ep.append(p)
    v = [v for v in p['visits'] if v['status'] == 'done' and v['tp'] in ('6w', '3m')][0]
    v['no_id'] = True
    errors.append(dict(key=('sid', p['pid'], 1, v['tp']), what='visit row with data but no study number',
                       pid=p['pid']))
    # 3. impossible visit date
    def odd_month(q):
        return [v for v in q['visits'] if v['status'] == 'done' and v['tp'] in ('6w', '3m', '12m')
                and v['date'].month in (2, 4, 6, 9, 11)]
    p = er.choice([q for q in simple if q not in ep and odd_month(q)])
    ep.append(p)
    v = odd_month(p)[0]
    d = v['date']
    if d.month == 2:
        v['bad_date'] = '%d/02/%d' % (29 if d.year % 4 else 30, d.year)
    else:
        v['bad_date'] = '31/%02d/%d' % (d.month, d.year)
    errors.append(dict(key=('vdate', p['pid'], 1, v['tp']), what='impossible date %s' % v['bad_date'],
                       pid=p['pid']))
    # 4. impossible level T13
    p = er.choice([q for q in simple if q not in ep and
                   any(l in ('T12', 'L1') for l in q['sessions'][0]['levels'])])
    ep.append(p)
    s = p['sessions'][0]
    for v in s['verts']:
        if v['level'] in ('T12', 'L1'):
            v['level'] = 'T13'
            break
    errors.append(dict(key=('levels', p['pid'], 1), what='vertebral level T13 does not exist', pid=p['pid']))

    os.makedirs(outdir, exist_ok=True)
    wb = xlsxwriter.Workbook(os.path.join(outdir, 'input.xlsx'))
    wb.set_properties({'author': 'Spinal CNS office', 'created': dt.datetime(2024, 10, 2, 16, 45)})
    F = dict(
        hd=wb.add_format({'bold': True, 'border': 1, 'bg_color': '#C6E0B4', 'text_wrap': True, 'valign': 'top'}),
        hd2=wb.add_format({'italic': True, 'border': 1, 'bg_color': '#E2EFDA', 'text_wrap': True}),
        c=wb.add_format({'border': 1}),
        d=wb.add_format({'border': 1, 'num_format': 'dd/mm/yyyy', 'align': 'left'}),
        g=wb.add_format({'border': 1, 'font_color': '#C00000'}),
        note=wb.add_format({'italic': True, 'font_color': '#595959'}),
        yel=wb.add_format({'border': 1, 'bg_color': '#FFFF99'}),
    )
    cells, idents = {}, []

    # Othair ------------------------------------------------------------------
    ws = wb.add_worksheet('Othair')
    hdr = ['Uimhir Staidéir', 'Ainm', 'Uimhir Ospidéil (MRN)', 'Dáta Breithe', 'Inscne', 'Aois', 'Fón', 'Cúis',
           'Stádas']
    for c, h in enumerate(hdr):
        ws.write(0, c, h, F['hd'])
    for i, p in enumerate(pats):
        r = i + 1
        ws.write_string(r, 0, p['pid'], F['c'])
        ws.write_string(r, 1, p['name'], F['c'])
        ws.write_string(r, 2, p['mrn'], F['c'])
        ws.write_datetime(r, 3, dt.datetime.combine(p['birth'], dt.time()), F['d'])
        ws.write_string(r, 4, 'B' if p['sex'] == 'female' else 'F', F['c'])
        ws.write_number(r, 5, p['age'], F['c'])
        ws.write_string(r, 6, p['phone'], F['c'])
        ws.write_string(r, 7, p['etio_txt'], F['c'])
        ws.write_string(r, 8, ('Básaithe %s' % ie(p['death_date'])) if p['died'] == 'yes' else 'Beo', F['c'])
        idents += [('name', p['name']), ('record_number', p['mrn']), ('birth_date', ie(p['birth'])),
                   ('phone', p['phone'])]
    r = len(pats) + 2
    ws.write(r, 0, 'Eochair / Key: Inscne B = baineann (female), F = fireann (male). '
                   'Aois = age at first procedure. Stádas: Beo = alive, Básaithe = deceased (date).', F['note'])
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 24)
    ws.set_column(2, 3, 14)
    ws.set_column(4, 5, 7)
    ws.set_column(6, 6, 14)
    ws.set_column(7, 7, 26)
    ws.set_column(8, 8, 20)
    ws.freeze_panes(1, 1)

    # Procedures -------------------------------------------------------------
    ws = wb.add_worksheet('Procedures')
    hdr = ['Study No', 'Date', 'Proc #', 'Procedure', 'Level(s)', 'Cement', 'Total cement (mL)', 'Leak on CT',
           'Consultant', 'Notes']
    for c, h in enumerate(hdr):
        ws.write(0, c, h, F['hd'])
    r = 1
    for p in pats:
        for s in p['sessions']:
            ws.write_string(r, 0, p['pid'], F['c'])
            ws.write_datetime(r, 1, dt.datetime.combine(s['date'], dt.time()), F['d'])
            ws.write_number(r, 2, s['num'], F['c'])
            ws.write_string(r, 3, 'VP' if s['technique'] == 'vertebroplasty' else 'BKP', F['c'])
            lt = ', '.join(v['level'] for v in s['verts'])
            ws.write_string(r, 4, lt, F['c'])
            cells[('levels', p['pid'], s['num'])] = ('Procedures', addr(r + 1, 5), r + 1, hdr[4], lt)
            ws.write_string(r, 5, s['cement_label'], F['c'])
            ws.write_number(r, 6, s['total'], F['c'])
            leaks = [v for v in s['verts'] if v['leak'] != 'none']
            if not leaks:
                lk = rng.choice(['Nil', 'Nil', 'None', 'nil'])
            elif len(s['verts']) == 1:
                lk = ' + '.join(LEAK[x] for x in leaks[0]['leak'].split(';'))
            else:
                lk = '; '.join('%s %s' % (' + '.join(LEAK[x] for x in v['leak'].split(';')), v['level'])
                               for v in leaks)
            ws.write_string(r, 7, lk, F['c'])
            if leaks and any('epidural' in v['leak'] or 'foraminal' in v['leak'] for v in leaks):
                ws.write_comment(r, 7, 'Asymptomatic, neuro intact post-op.')
            ws.write_string(r, 8, rng.choice(['Prof. ÓC', 'Dr KM', 'Dr KM', 'Mr Walsh']), F['c'])
            note = ''
            if s['num'] == 2:
                note = 'New # - repeat procedure'
            elif p['etiology'] == 'pathologic':
                note = 'Biopsy sent' if rng.random() < 0.6 else 'RT to follow'
            ws.write_string(r, 9, note, F['c'])
            r += 1
    ws.write(r + 1, 0, 'Cement volume is the total for the procedure (all levels).', F['note'])
    ws.set_column(0, 3, 11)
    ws.set_column(4, 4, 14)
    ws.set_column(5, 6, 15)
    ws.set_column(7, 7, 28)
    ws.set_column(8, 9, 22)
    ws.freeze_panes(1, 1)

    # Cuairteanna ------------------------------------------------------------
    ws = wb.add_worksheet('Cuairteanna')
    h1 = ['Uimhir Staidéir', 'MRN', 'Dáta', 'Cuairt', 'Tar éis gnáis #', 'Pian VAS (mm)', 'ODI %', 'Briseadh nua',
          'Nótaí']
    h2 = ['Study No', 'MRN', 'Date', 'Visit', 'After proc #', 'VAS (0-100 mm)', 'ODI (%)', 'New # (level)',
          'Comments']
    for c in range(len(h1)):
        ws.write(0, c, h1[c], F['hd'])
        ws.write(1, c, h2[c], F['hd2'])
    r = 2
    for p in pats:
        rows = []
        for v in p['visits']:
            if v['status'] in ('done', 'missed'):
                rows.append((v['day'], 0, v))
        for f in p['fractures']:
            if not any(v['day'] == f['day'] and v['status'] == 'done' for v in p['visits']):
                rows.append((f['day'], 1, dict(unsched=True, fx=f)))
        rows.sort(key=lambda x: (x[0], x[1]))
        for day, _, v in rows:
            if v.get('unsched'):
                f = v['fx']
                ws.write_string(r, 0, p['pid'], F['c'])
                ws.write_string(r, 1, p['mrn'], F['c'])
                ws.write_datetime(r, 2, dt.datetime.combine(f['date'], dt.time()), F['d'])
                ws.write_string(r, 3, 'Unscheduled', F['c'])
                ws.write_blank(r, 4, None, F['c'])
                ws.write_blank(r, 5, None, F['c'])
                ws.write_blank(r, 6, None, F['c'])
                ws.write_string(r, 7, f['level'], F['yel'])
                ws.write_string(r, 8, 'Acute back pain. MRI: new # %s. Listed for repeat procedure.' % f['level'],
                                F['c'])
                r += 1
                continue
            if v.get('no_id'):
                ws.write_blank(r, 0, None, F['c'])
                cells[('sid', p['pid'], v['session'], v['tp'])] = ('Cuairteanna', addr(r + 1, 1), r + 1, h2[0], '')
            else:
                ws.write_string(r, 0, p['pid'], F['c'])
            ws.write_string(r, 1, p['mrn'], F['c'])
            if v['status'] == 'missed':
                ws.write_blank(r, 2, None, F['c'])
            elif v.get('bad_date'):
                ws.write_string(r, 2, v['bad_date'], F['c'])
                cells[('vdate', p['pid'], v['session'], v['tp'])] = ('Cuairteanna', addr(r + 1, 3), r + 1, h2[2],
                                                                    v['bad_date'])
            else:
                ws.write_datetime(r, 2, dt.datetime.combine(v['date'], dt.time()), F['d'])
            ws.write_string(r, 3, VIS[v['tp']], F['c'])
            ws.write_number(r, 4, v['session'], F['c'])
            if v['status'] == 'missed':
                ws.write_string(r, 5, 'DNA', F['g'])
                ws.write_string(r, 6, 'DNA', F['g'])
                ws.write_blank(r, 7, None, F['c'])
                ws.write_string(r, 8, rng.choice(['DNA - letter sent', 'DNA', 'DNA x2, rescheduled']), F['c'])
                r += 1
                continue
            for c, m in ((5, 'pain_vas'), (6, 'odi')):
                if m not in v['scores']:
                    ws.write_blank(r, c, None, F['c'])
                elif v['scores'][m] is None:
                    ws.write_string(r, c, 'not done', F['g'])
                else:
                    ws.write_number(r, c, v['scores'][m], F['c'])
                    cells[(m, p['pid'], v['session'], v['tp'])] = ('Cuairteanna', addr(r + 1, c + 1), r + 1, h2[c],
                                                                  str(v['scores'][m]))
            fx = [f for f in p['fractures'] if f['day'] == v['day']]
            if fx:
                ws.write_string(r, 7, fx[0]['level'], F['yel'])
                ws.write_string(r, 8, 'X-ray: new wedge # %s. Conservative mx, brace.' % fx[0]['level'], F['c'])
            else:
                ws.write_blank(r, 7, None, F['c'])
                cm = ''
                if v['tp'] == 'pre' and v['session'] == 1 and p['etiology'] == 'pathologic':
                    cm = 'Onc aware'
                elif v['tp'] == '2w' and v['scores'].get('pain_vas', 99) is not None and \
                        v['scores'].get('pain_vas', 99) <= 30:
                    cm = 'Good relief, off opioids'
                ws.write_string(r, 8, cm, F['c'])
            r += 1
    ws.set_column(0, 1, 12)
    ws.set_column(2, 2, 12)
    ws.set_column(3, 6, 10)
    ws.set_column(7, 7, 12)
    ws.set_column(8, 8, 50)
    ws.freeze_panes(2, 1)
    wb.close()

    write_truth(outdir, pats, lambda p, s: 'total', errors, idents, cells, vas_div=10)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
