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
# Site: Kinshasa - one sheet per patient ("fiche de suivi"), French + Lingala
# ---------------------------------------------------------------------------
import xlsxwriter

SEED = 1801
CFG = dict(n=24, start=dt.date(2022, 2, 7), span=430, cutoff=dt.date(2023, 11, 30),
           tps1=['pre', '24h', '1m', '3m', '6m'], tps2=['pre', '1m', '3m'],
           measures={'pain_vas': ['pre', '24h', '1m', '3m', '6m'], 'odi': ['pre', '3m', '6m']},
           p_kp=0.1, min_kp=2, vol_step=0.5, n_path=5, n_trauma=2, n_other=0, n_dead=3, n_second=3,
           n_extra_fx=2, p_missed=0.12, p_nd=0.06,
           cement=lambda r: ('PMMA', r.choice(['Osteopal V', 'Ciment acrylique (PMMA)',
                                               'Osteopal V', 'PMMA'])))

FIRST_F = ['Thérèse', 'Marie', 'Jeanne', 'Béatrice', 'Joséphine', 'Bernadette', 'Angélique',
           'Godelive', 'Espérance', 'Françoise', 'Madeleine', 'Clémentine', 'Véronique', 'Albertine',
           'Pauline', 'Henriette', 'Solange', 'Brigitte']
FIRST_M = ['Pierre', 'Jean', 'Joseph', 'Albert', 'Célestin', 'Pascal', 'Didier', 'Patrice',
           'Fidèle', 'Bienvenu', 'Dieudonné', 'Emmanuel', 'Gaston']
NOMS = ['MBUYI', 'KABONGO', 'TSHILUMBA', 'ILUNGA', 'MUKENDI', 'NKULU', 'LUKUSA', 'KALALA',
        'MPUTU', 'LOKWA', 'BOKELE', 'MBALA', 'NSIMBA', 'MAKIESE', 'KIALA', 'MATONDO', 'NGALULA',
        'KANKU', 'BOLAMBA', 'MAYALA', 'LISANGA', 'BOFANDO', 'NZUZI', 'LUZOLO', 'MASAMBA', 'ETUMBA']
COMMUNES = ['Lemba', 'Limete', 'Matete', 'Ngaliema', 'Kalamu', 'Bandalungwa', 'Kintambo',
            'Masina', 'Ndjili', 'Kasa-Vubu', 'Barumbu', 'Selembao']

ETIO_TXT = {
    'osteoporotic': ['Tassement vertébral ostéoporotique', 'Fracture ostéoporotique (chute de sa hauteur)',
                     'Ostéoporose post-ménopausique, tassement', 'Tassement sur ostéoporose'],
    'pathologic': ['Métastase vertébrale (cancer du sein)', 'Métastase vertébrale (cancer de la prostate)',
                   'Myélome multiple', 'Lésion lytique secondaire (néo pulmonaire)'],
    'traumatic': ['Fracture traumatique (accident de moto)', 'Traumatisme - chute d\'un arbre (mango)'],
}
LEAK_TXT = {'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale',
            'epidural': 'épidurale', 'foraminal': 'foraminale'}
TP_LABEL1 = {'pre': 'Pré-opératoire', '24h': 'J1 (24 h)', '1m': 'M1 (1 mois)', '3m': 'M3 (3 mois)',
             '6m': 'M6 (6 mois)'}
TP_LABEL2 = {'pre': 'Pré-op 2e séance', '1m': 'M1 après 2e séance', '3m': 'M3 après 2e séance'}


def lvl_txt(l):
    return ('D' + l[1:]) if l.startswith('T') else l


def leak_txt(rng, leak):
    if leak == 'none':
        return rng.choice(['Aucune', 'Aucune', 'RAS', 'Non'])
    parts = [LEAK_TXT[k] for k in leak.split(';')]
    return 'Fuite ' + ' + '.join(parts)


def fr_date(d):
    return d.strftime('%d/%m/%Y')


def main(outdir):
    pats = gen_cohort(SEED, CFG)
    rng = random.Random(SEED + 7)
    used = set()
    for p in pats:
        p['pid'] = 'CUL-VP-%03d' % (p['idx'] + 1)
        while True:
            nom, post = rng.sample(NOMS, 2)
            pre = rng.choice(FIRST_F if p['sex'] == 'female' else FIRST_M)
            name = '%s %s %s' % (nom, post, pre)
            if name not in used:
                used.add(name)
                break
        p['name'] = name
        p['dossier'] = '%d/%04d' % (p['d0'].year, rng.randint(100, 2999))
        p['phone'] = '+243 %s %03d %04d' % (rng.choice(['81', '82', '84', '85', '89', '97', '99']),
                                             rng.randint(100, 999), rng.randint(0, 9999))
        p['commune'] = rng.choice(COMMUNES)
        p['etio_txt'] = pick_etio_text(rng, ETIO_TXT[p['etiology']], p['sex'])
        for s in p['sessions']:
            for v in s['verts']:
                v['leak_txt'] = leak_txt(rng, v['leak'])

    # ---- planted errors (one patient each, patients kept simple) ----------
    simple = [p for p in pats if len(p['sessions']) == 1 and not p['fractures'] and p['died'] == 'no']
    er = random.Random(SEED + 99)
    ep = er.sample(simple, 3)
    errors = []
    # 1. impossible level
    p = ep[0]
    v = p['sessions'][0]['verts'][-1]
    v['level'] = 'L6' if v['level'].startswith('L') else 'L6'
    p['sessions'][0]['levels'][-1] = v['level']
    errors.append(dict(key=('level', p['pid'], 1, len(p['sessions'][0]['verts']) - 1),
                       what='vertebral level L6 does not exist', pid=p['pid']))
    # 2. VAS beyond 0-10
    p = ep[1]
    vv = [v for v in p['visits'] if v['status'] == 'done' and v['scores'].get('pain_vas') is not None
          and v['tp'] != 'pre']
    vv[0]['scores']['pain_vas'] = 12
    errors.append(dict(key=('score', p['pid'], 1, 'pain_vas', vv[0]['tp']),
                       what='VAS 12 on a 0-10 scale', pid=p['pid']))
    # 3. cement volume above 20 mL in one vertebra
    p = ep[2]
    p['sessions'][0]['verts'][0]['vol'] = 24.0
    p['sessions'][0]['total'] = round(sum(v['vol'] for v in p['sessions'][0]['verts']), 1)
    errors.append(dict(key=('vol', p['pid'], 1, 0), what='24 mL of cement in one vertebra (implausible)',
                       pid=p['pid']))
    # 4. impossible follow-up date (a visit that fell in a 30-day month or February)
    def short_month(p):
        return [v for v in p['visits'] if v['status'] == 'done' and v['tp'] in ('1m', '3m', '6m')
                and v['date'].month in (2, 4, 6, 9, 11)]
    p = [q for q in simple if q not in ep[:3] and short_month(q)][0]
    v = short_month(p)[-1]
    mo = v['date'].month
    bad = ('30/02/%d' if mo == 2 else '31/%02d/%%d' % mo) % v['date'].year
    p['ov'][('vdate', 1, v['tp'])] = bad
    errors.append(dict(key=('vdate', p['pid'], 1, v['tp']), what='impossible date %s' % bad, pid=p['pid']))

    # ---- workbook ---------------------------------------------------------
    os.makedirs(outdir, exist_ok=True)
    wb = xlsxwriter.Workbook(os.path.join(outdir, 'input.xlsx'))
    wb.set_properties({'author': 'Secrétariat Neurochirurgie', 'created': dt.datetime(2023, 12, 4, 9, 0)})
    F = dict(
        title=wb.add_format({'bold': True, 'font_size': 13, 'align': 'center'}),
        sub=wb.add_format({'bold': True, 'italic': True, 'align': 'center'}),
        lab=wb.add_format({'bold': True, 'bg_color': '#E8EEF7', 'border': 1}),
        val=wb.add_format({'border': 1}),
        date=wb.add_format({'border': 1, 'num_format': 'dd/mm/yyyy', 'align': 'left'}),
        sec=wb.add_format({'bold': True, 'font_color': '#FFFFFF', 'bg_color': '#1F4E79'}),
        hd=wb.add_format({'bold': True, 'border': 1, 'bg_color': '#D9D9D9', 'text_wrap': True,
                          'align': 'center', 'valign': 'vcenter'}),
        cell=wb.add_format({'border': 1, 'align': 'center', 'valign': 'vcenter'}),
        celld=wb.add_format({'border': 1, 'align': 'center', 'valign': 'vcenter', 'num_format': 'dd/mm/yyyy'}),
        num=wb.add_format({'border': 1, 'align': 'center', 'num_format': '0.0'}),
        grey=wb.add_format({'border': 1, 'align': 'center', 'font_color': '#808080', 'italic': True}),
        red=wb.add_format({'border': 1, 'align': 'center', 'bg_color': '#F4CCCC'}),
    )
    cells, idents = {}, []

    # index sheet ("Registre")
    ws = wb.add_worksheet('Registre')
    ws.merge_range('A1:G1', 'CLINIQUE UNIVERSITAIRE DE LEMBA-EST — Neurochirurgie / Rachis', F['title'])
    ws.merge_range('A2:G2', 'Registre des cimentoplasties vertébrales (voir une fiche par patient)', F['sub'])
    hdr = ['N°', 'Code étude', 'Nom, post-nom, prénom', 'N° dossier', 'Téléphone',
           'Date 1re intervention', 'Fiche']
    for c, h in enumerate(hdr):
        ws.write(3, c, h, F['hd'])
    for i, p in enumerate(pats):
        r = 4 + i
        ws.write_number(r, 0, i + 1, F['cell'])
        ws.write_string(r, 1, p['pid'], F['val'])
        ws.write_string(r, 2, p['name'], F['val'])
        ws.write_string(r, 3, p['dossier'], F['val'])
        ws.write_string(r, 4, p['phone'], F['val'])
        ws.write_datetime(r, 5, dt.datetime.combine(p['d0'], dt.time()), F['date'])
        ws.write_url(r, 6, "internal:'%s'!A1" % p['pid'], string='voir fiche')
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 13)
    ws.set_column(2, 2, 34)
    ws.set_column(3, 6, 17)

    for p in pats:
        ws = wb.add_worksheet(p['pid'])
        sh = p['pid']
        ws.set_column(0, 0, 24)
        ws.set_column(1, 1, 14)
        ws.set_column(2, 2, 13)
        ws.set_column(3, 6, 16)
        ws.merge_range('A1:G1', 'CLINIQUE UNIVERSITAIRE DE LEMBA-EST — Service de Neurochirurgie', F['title'])
        ws.merge_range('A2:G2', 'FICHE DE SUIVI — CIMENTOPLASTIE VERTÉBRALE', F['sub'])
        ws.write(3, 0, 'Code étude', F['lab'])
        ws.merge_range(3, 1, 3, 2, p['pid'], F['val'])
        ws.write(3, 3, 'N° dossier', F['lab'])
        ws.merge_range(3, 4, 3, 6, p['dossier'], F['val'])
        ws.write(4, 0, 'Nom, post-nom et prénom', F['lab'])
        ws.merge_range(4, 1, 4, 2, p['name'], F['val'])
        ws.write(4, 3, 'Téléphone', F['lab'])
        ws.merge_range(4, 4, 4, 6, p['phone'], F['val'])
        ws.write(5, 0, 'Sexe (mwasi / mobali)', F['lab'])
        ws.merge_range(5, 1, 5, 2, 'Mwasi' if p['sex'] == 'female' else 'Mobali', F['val'])
        ws.write(5, 3, 'Date de naissance', F['lab'])
        # birth date: real date on most cards, typed text on some
        if p['idx'] % 3 == 0:
            ws.merge_range(5, 4, 5, 6, fr_date(p['birth']), F['val'])
        else:
            ws.merge_range(5, 4, 5, 6, '', F['date'])
            ws.write_datetime(5, 4, dt.datetime.combine(p['birth'], dt.time()), F['date'])
        ws.write(6, 0, 'Âge (ans)', F['lab'])
        ws.merge_range(6, 1, 6, 2, p['age'], F['val'])
        ws.write(6, 3, 'Commune', F['lab'])
        ws.merge_range(6, 4, 6, 6, p['commune'], F['val'])
        ws.write(7, 0, 'Diagnostic / étiologie', F['lab'])
        ws.merge_range(7, 1, 7, 6, p['etio_txt'], F['val'])
        idents += [('name', p['name']), ('record_number', p['dossier']), ('phone', p['phone']),
                   ('birth_date', fr_date(p['birth']))]

        r = 9
        ws.merge_range(r, 0, r, 6, 'INTERVENTION(S)', F['sec'])
        r += 1
        ph = ['Séance', 'Date', 'Niveau', 'Technique', 'Ciment', 'Volume injecté (ml)', 'Fuite de ciment']
        for c, h in enumerate(ph):
            ws.write(r, c, h, F['hd'])
        r += 1
        for s in p['sessions']:
            k = len(s['verts'])
            sd = dt.datetime.combine(s['date'], dt.time())
            tech = 'Vertébroplastie' if s['technique'] == 'vertebroplasty' else 'Cyphoplastie'
            lab = '1re séance' if s['num'] == 1 else '2e séance'
            if k > 1:
                ws.merge_range(r, 0, r + k - 1, 0, lab, F['cell'])
                ws.merge_range(r, 1, r + k - 1, 1, '', F['celld'])
                ws.write_datetime(r, 1, sd, F['celld'])
                ws.merge_range(r, 3, r + k - 1, 3, tech, F['cell'])
                ws.merge_range(r, 4, r + k - 1, 4, s['cement_label'], F['cell'])
            else:
                ws.write(r, 0, lab, F['cell'])
                ws.write_datetime(r, 1, sd, F['celld'])
                ws.write(r, 3, tech, F['cell'])
                ws.write(r, 4, s['cement_label'], F['cell'])
            for j, v in enumerate(s['verts']):
                lt = lvl_txt(v['level'])
                ws.write_string(r + j, 2, lt, F['cell'])
                cells[('level', p['pid'], s['num'], j)] = (sh, addr(r + j + 1, 3), r + j + 1, ph[2], lt)
                if p['idx'] % 4 == 1:        # some cards: volume typed as text with a comma
                    vt = ('%.1f' % v['vol']).replace('.', ',')
                    ws.write_string(r + j, 5, vt, F['cell'])
                    cells[('vol', p['pid'], s['num'], j)] = (sh, addr(r + j + 1, 6), r + j + 1, ph[5], vt)
                else:
                    ws.write_number(r + j, 5, v['vol'], F['num'])
                    cells[('vol', p['pid'], s['num'], j)] = (sh, addr(r + j + 1, 6), r + j + 1, ph[5],
                                                             fmt_num(v['vol']))
                ws.write_string(r + j, 6, v['leak_txt'], F['cell'])
            r += k
        r += 1
        ws.merge_range(r, 0, r, 6, 'SUIVI — Mpasi (douleur, EVA /10) na ODI (%)', F['sec'])
        r += 1
        fh = ['Visite', 'Séance', 'Date de la visite', 'EVA (mpasi) /10', 'ODI (%)', 'Observations']
        for c, h in enumerate(fh):
            ws.write(r, c, h, F['hd'])
        ws.merge_range(r, 5, r, 6, fh[5], F['hd'])
        r += 1
        for v in p['visits']:
            lab = (TP_LABEL1 if v['session'] == 1 else TP_LABEL2)[v['tp']]
            ws.write_string(r, 0, lab, F['val'])
            ws.write_number(r, 1, v['session'], F['cell'])
            obs = ''
            if v['status'] == 'done':
                ov = p['ov'].get(('vdate', v['session'], v['tp']))
                if ov:
                    ws.write_string(r, 2, ov, F['cell'])
                    cells[('vdate', p['pid'], v['session'], v['tp'])] = (sh, addr(r + 1, 3), r + 1, fh[2], ov)
                elif (p['idx'] + len(v['tp'])) % 5 == 0:
                    ws.write_string(r, 2, fr_date(v['date']), F['cell'])
                else:
                    ws.write_datetime(r, 2, dt.datetime.combine(v['date'], dt.time()), F['celld'])
                for c, m in ((3, 'pain_vas'), (4, 'odi')):
                    if m not in v['scores']:
                        ws.write_string(r, c, '—', F['grey'])
                    elif v['scores'][m] is None:
                        ws.write_string(r, c, 'n.f.', F['grey'])
                    else:
                        val = v['scores'][m]
                        ws.write_number(r, c, val, F['red'] if (m == 'pain_vas' and val > 10) else F['cell'])
                        cells[('score', p['pid'], v['session'], m, v['tp'])] = (sh, addr(r + 1, c + 1), r + 1,
                                                                               fh[c], str(val))
                if v['tp'] == '24h':
                    obs = 'Lever J1, marche avec aide' if p['base']['pain_vas'] > 7 else 'Lever J1'
            elif v['status'] == 'missed':
                ws.write_blank(r, 2, None, F['cell'])
                ws.write_string(r, 3, 'ayaki te', F['grey'])
                ws.write_string(r, 4, 'ayaki te', F['grey'])
                obs = 'Pas venu au contrôle (injoignable)'
            elif v['status'] == 'dead':
                ws.write_blank(r, 2, None, F['cell'])
                ws.write_string(r, 3, 'akufi', F['grey'])
                ws.write_string(r, 4, 'akufi', F['grey'])
                obs = 'Décédé(e)'
            else:   # not yet due
                ws.write_blank(r, 2, None, F['cell'])
                ws.write_blank(r, 3, None, F['cell'])
                ws.write_blank(r, 4, None, F['cell'])
                obs = 'RDV à venir'
            for f in p['fractures']:
                if f['day'] == v['day'] and v['status'] == 'done':
                    obs = 'Nouveau tassement %s à la radio' % lvl_txt(f['level'])
            ws.merge_range(r, 5, r, 6, obs, F['val'])
            r += 1
        r += 1
        ws.merge_range(r, 0, r, 6, 'ÉVÉNEMENTS', F['sec'])
        r += 1
        ws.write(r, 0, 'Nouvelle(s) fracture(s)', F['lab'])
        if not p['fractures']:
            ws.merge_range(r, 1, r, 6, 'Aucune', F['val'])
            r += 1
        else:
            ws.write(r, 1, 'Date', F['hd'])
            ws.write(r, 2, 'Niveau', F['hd'])
            ws.merge_range(r, 3, r, 6, 'Conduite', F['hd'])
            r += 1
            for f in p['fractures']:
                ws.write_datetime(r, 1, dt.datetime.combine(f['date'], dt.time()), F['celld'])
                ws.write_string(r, 2, lvl_txt(f['level']), F['cell'])
                treated = len(p['sessions']) > 1 and f['level'] in p['sessions'][1]['levels']
                ws.merge_range(r, 3, r, 6, 'Cimentoplastie (2e séance)' if treated
                               else 'Traitement conservateur (corset, antalgiques)', F['val'])
                r += 1
        ws.write(r, 0, 'Statut en fin de suivi', F['lab'])
        if p['died'] == 'yes':
            ws.merge_range(r, 1, r, 6, 'Décédé(e) le %s (akufi)' % fr_date(p['death_date']), F['val'])
        else:
            ws.merge_range(r, 1, r, 6, 'En vie', F['val'])
    wb.close()

    write_truth(outdir, pats, lambda p, s: 'vertebra', errors, idents, cells)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
