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
# Site: Luanda - Angolan public hospital, Portuguese (Angola, pre-AO90 spelling).
# ONE WIDE SHEET, one row per patient, title lines and three header rows with
# merged group cells; both operations and all follow-ups across the row.
# Levels in Portuguese habit (D = dorsal = thoracic), several vertebrae in
# one cell ("D12 e L1"), volumes per vertebra in one cell ("3,5 + 4,0"),
# dates dd-mm-yy, deceased rows shaded grey.
# ---------------------------------------------------------------------------
import xlsxwriter

SEED = 1805
CFG = dict(n=25, start=dt.date(2022, 5, 16), span=450, cutoff=dt.date(2024, 3, 29),
           tps1=['pre', '24h', '1m', '3m', '6m'], tps2=['pre', '1m', '3m'],
           measures={'pain_vas': ['pre', '24h', '1m', '3m', '6m'], 'odi': ['pre', '3m', '6m']},
           measures2_skip=('odi',),
           p_kp=0.12, min_kp=2, vol_step=0.5, n_path=5, n_trauma=3, n_other=0, n_dead=3, n_second=3,
           n_extra_fx=2, p_missed=0.12, p_nd=0.05,
           cement=lambda r: ('PMMA', r.choice(['PMMA', 'Cimento acrílico (PMMA)', 'Osteopal V', 'PMMA'])))

FN_F = ['Maria', 'Domingas', 'Joana', 'Teresa', 'Luísa', 'Rosa', 'Isabel', 'Madalena', 'Conceição', 'Antónia',
        'Helena', 'Esperança', 'Filomena', 'Eva', 'Albertina', 'Graça']
FN_M = ['João', 'Manuel', 'António', 'Francisco', 'Domingos', 'Pedro', 'Sebastião', 'José', 'Paulo', 'Afonso',
        'Miguel', 'Adão']
LN = ['Neto', 'Francisco', 'Sebastião', 'Kiala', 'Mbala', 'dos Santos', 'da Silva', 'Quissanga', 'Cassoma',
      'Muxima', 'Kapenda', 'Tchipa', 'Chivukuvuku', 'Lopes', 'Bento', 'Cambuta', 'Ngola', 'Mateus', 'Domingos',
      'Dala', 'Kassoma', 'Sapalo', 'Manuel', 'Gaspar']
ETIO_TXT = {'osteoporotic': ['Osteoporose', 'Fractura osteoporótica', 'Osteoporose pós-menopausa', 'Osteoporose senil'],
            'pathologic': ['Metástase (Ca mama)', 'Metástase (Ca próstata)', 'Mieloma múltiplo',
                           'Metástase (Ca colo do útero)', 'Tumor (lesão lítica)'],
            'traumatic': ['Traumatismo (queda de altura)', 'Acidente de viação', 'Traumatismo (queda de motorizada)']}
LEAK_TXT = {'disc': 'discal', 'venous': 'venoso', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
            'foraminal': 'foraminal'}


def lvl(l):
    return ('D' + l[1:]) if l.startswith('T') else l


def join_pt(items):
    items = list(items)
    return items[0] if len(items) == 1 else ', '.join(items[:-1]) + ' e ' + items[-1]


def dmy(d):
    return d.strftime('%d-%m-%y')


def vol_pt(x):
    return ('%.1f' % x).replace('.', ',')


def main(outdir):
    pats = gen_cohort(SEED, CFG)
    rng = random.Random(SEED + 7)
    used = set()
    for p in pats:
        p['pid'] = 'HGK-VP-%02d' % (p['idx'] + 1)
        while True:
            name = '%s %s %s' % (rng.choice(FN_F if p['sex'] == 'female' else FN_M), rng.choice(LN), rng.choice(LN))
            if name not in used and len(set(name.split()[-2:])) == 2:
                used.add(name)
                break
        p['name'] = name
        p['proc'] = '%d/%02d' % (rng.randint(1000, 48000), p['d0'].year % 100)
        p['bi'] = '%09d%s%03d' % (rng.randint(100000, 9999999), rng.choice(['LA', 'LA', 'LA', 'BE', 'HO', 'UE', 'ME']),
                                  rng.randint(10, 99))
        p['tel'] = rng.choice(['+244 ', '']) + '9%d%d %03d %03d' % (rng.choice([1, 2, 3, 4, 5]), rng.randint(0, 9),
                                                                   rng.randint(0, 999), rng.randint(0, 999))
        p['etio_txt'] = pick_etio_text(rng, ETIO_TXT[p['etiology']], p['sex'])

    simple = [p for p in pats if len(p['sessions']) == 1 and not p['fractures'] and p['died'] == 'no']
    er = random.Random(SEED + 99)
    errors, ep = [], []
    # 1. D13
    p = er.choice([q for q in simple if 'T12' in q['sessions'][0]['levels']])
    ep.append(p)
    s = p['sessions'][0]
    for v in s['verts']:
        if v['level'] == 'T12':
            v['level'] = 'T13'
    errors.append(dict(key=('levels', p['pid']), what='vertebral level D13 (T13) does not exist', pid=p['pid']))
    # 2. 22 mL in one vertebra
    p = er.choice([q for q in simple if q not in ep and len(q['sessions'][0]['verts']) >= 2])
    ep.append(p)
    p['sessions'][0]['verts'][0]['vol'] = 22.0
    errors.append(dict(key=('vol', p['pid']), what='22 mL of cement in one vertebra (implausible)', pid=p['pid']))
    # 3. impossible intervention date
    p = er.choice([q for q in simple if q not in ep and q['d0'].month in (2, 4, 6, 9, 11)])
    ep.append(p)
    d = p['d0']
    p['bad_d0'] = '%02d-%02d-%02d' % (30 if d.month == 2 else 31, d.month, d.year % 100)
    errors.append(dict(key=('d0', p['pid']), what='impossible date %s' % p['bad_d0'], pid=p['pid']))
    # 4. EVA 45 on a 0-10 scale
    p = er.choice([q for q in simple if q not in ep])
    ep.append(p)
    v = [v for v in p['visits'] if v['status'] == 'done' and v['tp'] in ('1m', '3m')
         and v['scores'].get('pain_vas') is not None][0]
    v['scores']['pain_vas'] = 45
    errors.append(dict(key=('eva', p['pid'], 1, v['tp']), what='EVA 45 on a 0-10 scale', pid=p['pid']))

    os.makedirs(outdir, exist_ok=True)
    wb = xlsxwriter.Workbook(os.path.join(outdir, 'input.xlsx'))
    wb.set_properties({'author': 'Serviço de Ortopedia', 'created': dt.datetime(2024, 4, 8, 11, 20)})
    base = {'border': 1, 'align': 'center', 'valign': 'vcenter', 'font_name': 'Calibri', 'font_size': 10}
    F = {}
    for k, extra in (('c', {}), ('l', {'align': 'left'}), ('d', {'num_format': 'dd/mm/yyyy'}),
                     ('g', {'font_color': '#7F7F7F'})):
        F[k] = wb.add_format(dict(base, **extra))
        F[k + '_dead'] = wb.add_format(dict(base, bg_color='#D9D9D9', **extra))
    F['title'] = wb.add_format({'bold': True, 'font_size': 14})
    F['sub'] = wb.add_format({'italic': True, 'font_size': 10})
    F['h1'] = wb.add_format(dict(base, bold=True, bg_color='#1F3864', font_color='#FFFFFF'))
    F['h2'] = wb.add_format(dict(base, bold=True, bg_color='#8EA9DB'))
    F['h3'] = wb.add_format(dict(base, bold=True, bg_color='#D9E1F2', text_wrap=True))
    F['leg'] = wb.add_format({'italic': True, 'font_size': 9, 'font_color': '#595959'})
    cells, idents = {}, []
    SH = 'Registo VP'
    ws = wb.add_worksheet(SH)
    ws.write(0, 0, 'HOSPITAL GERAL DO KILAMBA SUL — SERVIÇO DE ORTOPEDIA E TRAUMATOLOGIA', F['title'])
    ws.write(1, 0, 'Registo de vertebroplastias / cifoplastias percutâneas — Luanda, 2022-2024 (actualizado em 08-04-24)',
             F['sub'])
    # header definition: (group, subgroup or None, field, key)
    H = [('IDENTIFICAÇÃO', None, 'Nº', 'no'), ('IDENTIFICAÇÃO', None, 'Nº Estudo', 'pid'),
         ('IDENTIFICAÇÃO', None, 'Nome completo', 'name'), ('IDENTIFICAÇÃO', None, 'Nº Processo', 'proc'),
         ('IDENTIFICAÇÃO', None, 'Nº BI', 'bi'), ('IDENTIFICAÇÃO', None, 'Telefone', 'tel'),
         ('IDENTIFICAÇÃO', None, 'Sexo', 'sex'), ('IDENTIFICAÇÃO', None, 'Idade', 'age'),
         ('IDENTIFICAÇÃO', None, 'Data de nascimento', 'dob'), ('IDENTIFICAÇÃO', None, 'Diagnóstico', 'etio'),
         ('1.ª INTERVENÇÃO', None, 'Data', 'd0'), ('1.ª INTERVENÇÃO', None, 'Vértebra(s)', 'levels'),
         ('1.ª INTERVENÇÃO', None, 'Técnica', 'tech'), ('1.ª INTERVENÇÃO', None, 'Cimento', 'cem'),
         ('1.ª INTERVENÇÃO', None, 'Volume (ml)', 'vol'), ('1.ª INTERVENÇÃO', None, 'Extravasamento', 'leak'),
         ('AVALIAÇÃO APÓS A 1.ª', 'EVA (0-10)', 'Pré', 'eva_pre'), ('AVALIAÇÃO APÓS A 1.ª', 'EVA (0-10)', '24 h', 'eva_24h'),
         ('AVALIAÇÃO APÓS A 1.ª', 'EVA (0-10)', '1 mês', 'eva_1m'),
         ('AVALIAÇÃO APÓS A 1.ª', 'EVA (0-10)', '3 meses', 'eva_3m'),
         ('AVALIAÇÃO APÓS A 1.ª', 'EVA (0-10)', '6 meses', 'eva_6m'),
         ('AVALIAÇÃO APÓS A 1.ª', 'ODI (%)', 'Pré', 'odi_pre'), ('AVALIAÇÃO APÓS A 1.ª', 'ODI (%)', '3 meses', 'odi_3m'),
         ('AVALIAÇÃO APÓS A 1.ª', 'ODI (%)', '6 meses', 'odi_6m'),
         ('2.ª INTERVENÇÃO (nova fractura)', None, 'Data', 's2_date'),
         ('2.ª INTERVENÇÃO (nova fractura)', None, 'Vértebra(s)', 's2_levels'),
         ('2.ª INTERVENÇÃO (nova fractura)', None, 'Técnica', 's2_tech'),
         ('2.ª INTERVENÇÃO (nova fractura)', None, 'Volume (ml)', 's2_vol'),
         ('2.ª INTERVENÇÃO (nova fractura)', None, 'Extravasamento', 's2_leak'),
         ('2.ª INTERVENÇÃO (nova fractura)', 'EVA (0-10)', 'Pré', 'eva2_pre'),
         ('2.ª INTERVENÇÃO (nova fractura)', 'EVA (0-10)', '1 mês', 'eva2_1m'),
         ('2.ª INTERVENÇÃO (nova fractura)', 'EVA (0-10)', '3 meses', 'eva2_3m'),
         ('EVOLUÇÃO', None, 'Nova(s) fractura(s)', 'fx'), ('EVOLUÇÃO', None, 'Óbito', 'death'),
         ('EVOLUÇÃO', None, 'Observações', 'obs')]
    R1, R2, R3 = 3, 4, 5
    col = {h[3]: i for i, h in enumerate(H)}
    # group row (merged runs)
    i = 0
    while i < len(H):
        j = i
        while j + 1 < len(H) and H[j + 1][0] == H[i][0]:
            j += 1
        if j > i:
            ws.merge_range(R1, i, R1, j, H[i][0], F['h1'])
        else:
            ws.write(R1, i, H[i][0], F['h1'])
        i = j + 1
    # subgroup + field rows
    i = 0
    while i < len(H):
        if H[i][1] is None:
            ws.merge_range(R2, i, R3, i, H[i][2], F['h3'])
            i += 1
            continue
        j = i
        while j + 1 < len(H) and H[j + 1][1] == H[i][1] and H[j + 1][0] == H[i][0]:
            j += 1
        ws.merge_range(R2, i, R2, j, H[i][1], F['h2'])
        for k in range(i, j + 1):
            ws.write(R3, k, H[k][2], F['h3'])
        i = j + 1

    def hdr_text(key):
        h = H[col[key]]
        return h[2]

    for n_, p in enumerate(pats):
        r = R3 + 1 + n_
        dead = p['died'] == 'yes'
        f = (lambda k: F[k + '_dead']) if dead else (lambda k: F[k])

        def put(key, val, fmt='c'):
            c = col[key]
            if val is None or val == '':
                ws.write_blank(r, c, None, f(fmt))
                shown = ''
            elif isinstance(val, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(val, dt.time()), f('d'))
                shown = val.strftime('%d/%m/%Y')
            elif isinstance(val, (int, float)):
                ws.write_number(r, c, val, f(fmt))
                shown = fmt_num(val)
            else:
                ws.write_string(r, c, val, f(fmt))
                shown = val
            return (SH, addr(r + 1, c + 1), r + 1, hdr_text(key), shown)

        def note(k, info):
            cells[k] = info

        put('no', n_ + 1)
        put('pid', p['pid'])
        put('name', p['name'], 'l')
        put('proc', p['proc'])
        put('bi', p['bi'])
        put('tel', p['tel'])
        put('sex', 'F' if p['sex'] == 'female' else 'M')
        put('age', p['age'])
        dob = p['birth'].strftime('%d/%m/%Y')
        put('dob', dob)
        put('etio', p['etio_txt'], 'l')
        idents += [('name', p['name']), ('record_number', p['proc']), ('national_id', p['bi']), ('phone', p['tel']),
                   ('birth_date', dob)]
        for s in p['sessions']:
            pre = '' if s['num'] == 1 else 's2_'
            if s['num'] == 1 and p.get('bad_d0'):
                note(('d0', p['pid']), put('d0', p['bad_d0']))
            elif p['idx'] % 4 == 0:
                put(pre + ('d0' if s['num'] == 1 else 'date'), s['date'])
            else:
                put(pre + ('d0' if s['num'] == 1 else 'date'), dmy(s['date']))
            note(('levels', p['pid']) if s['num'] == 1 else ('levels2', p['pid']),
                 put(pre + 'levels', join_pt(lvl(v['level']) for v in s['verts'])))
            put(pre + 'tech', 'Vertebroplastia' if s['technique'] == 'vertebroplasty' else 'Cifoplastia')
            if s['num'] == 1:
                put('cem', s['cement_label'])
            vt = ' + '.join(vol_pt(v['vol']) for v in s['verts'])
            info = put(pre + 'vol', vt if len(s['verts']) > 1 else vol_pt(s['verts'][0]['vol']))
            if s['num'] == 1:
                note(('vol', p['pid']), info)
            lk = [v for v in s['verts'] if v['leak'] != 'none']
            if not lk:
                lt = rng.choice(['Sem extravasamento', 'Não', 'Sem extravasamento'])
            elif len(s['verts']) == 1:
                lt = ' e '.join(LEAK_TXT[k] for k in lk[0]['leak'].split(';')).capitalize()
            else:
                lt = '; '.join('%s em %s' % (' e '.join(LEAK_TXT[k] for k in v['leak'].split(';')), lvl(v['level']))
                               for v in lk)
                lt = lt[0].upper() + lt[1:]
            put(pre + 'leak', lt, 'l')
        if len(p['sessions']) == 1:
            for k in ('s2_date', 's2_levels', 's2_tech', 's2_vol', 's2_leak', 'eva2_pre', 'eva2_1m', 'eva2_3m'):
                put(k, '')
        for key in [h[3] for h in H if h[3].startswith(('eva', 'odi'))]:
            m = 'pain_vas' if key.startswith('eva') else 'odi'
            s = 2 if key.startswith('eva2') else 1
            tp = key.split('_')[1]
            if s == 2 and len(p['sessions']) == 1:
                continue
            v = visit(p, s, tp)
            if v is None:
                put(key, '—', 'g')
            elif v['status'] == 'done':
                val = v['scores'].get(m)
                if val is None:
                    put(key, 'n.d.', 'g')
                else:
                    note(('eva' if m == 'pain_vas' else 'odi', p['pid'], s, tp), put(key, val))
            elif v['status'] == 'missed':
                put(key, 'faltou', 'g')
            elif v['status'] == 'dead':
                put(key, 'óbito', 'g')
            else:
                put(key, '')
        if p['fractures']:
            txt = []
            for fr in p['fractures']:
                treated = len(p['sessions']) > 1 and fr['level'] in p['sessions'][1]['levels']
                txt.append('%s em %s (%s)' % (lvl(fr['level']), dmy(fr['date']),
                                              '2.ª intervenção' if treated else 'tratamento conservador, colete'))
            put('fx', '; '.join(txt), 'l')
        else:
            put('fx', 'Não')
        put('death', dmy(p['death_date']) if dead else 'Não')
        obs = ''
        if p['etiology'] == 'pathologic':
            obs = rng.choice(['Enviado à Oncologia', 'Biópsia vertebral', 'Radioterapia no Hospital Sagrada Esperança'])
        if dead:
            obs = (obs + '. ' if obs else '') + 'Faleceu no domicílio' if rng.random() < 0.5 else \
                (obs + '. ' if obs else '') + 'Faleceu (informação da família)'
        put('obs', obs, 'l')
    r = R3 + 2 + len(pats)
    ws.write(r, 0, 'Legenda: linhas a cinzento = doente falecido; "faltou" = não compareceu à consulta; "n.d." = não '
                   'determinado; "—" = não se aplica; em branco = consulta ainda não realizada. D = vértebra dorsal.',
             F['leg'])
    ws.set_row(R3, 30)
    widths = {'no': 4, 'pid': 11, 'name': 30, 'proc': 10, 'bi': 16, 'tel': 16, 'sex': 5, 'age': 6, 'dob': 11,
              'etio': 26, 'd0': 10, 'levels': 14, 'tech': 14, 'cem': 20, 'vol': 14, 'leak': 24, 's2_date': 10,
              's2_levels': 10, 's2_tech': 14, 's2_vol': 10, 's2_leak': 20, 'fx': 40, 'death': 10, 'obs': 36}
    for k, c in col.items():
        ws.set_column(c, c, widths.get(k, 7))
    ws.freeze_panes(R3 + 1, 3)
    wb.close()
    write_truth(outdir, pats, lambda p, s: 'vertebra', errors, idents, cells)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
