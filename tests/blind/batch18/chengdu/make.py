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
# Site: Chengdu - Sichuan provincial hospital, Simplified Chinese.
# Workbook with one sheet per table: basic info, operations (one row per
# operation), then one sheet PER MEASURE (VAS, ODI) with time points across,
# and a sheet of new fractures.
# ---------------------------------------------------------------------------
import xlsxwriter

SEED = 1802
CFG = dict(n=28, start=dt.date(2021, 5, 10), span=430, cutoff=dt.date(2023, 6, 30),
           tps1=['pre', '24h', '1m', '3m', '12m'], tps2=['pre', '1m', '3m'],
           measures={'pain_vas': ['pre', '24h', '1m', '3m', '12m'],
                     'odi': ['pre', '1m', '3m', '12m']},
           p_kp=0.5, min_kp=8, vol_step=0.5, n_path=5, n_trauma=3, n_other=0, n_dead=3, n_second=3,
           n_extra_fx=2, p_missed=0.1, p_nd=0.04,
           cement=lambda r: (('calcium phosphate', '磷酸钙骨水泥（CPC）') if r.random() < 0.1 else
                             ('PMMA', r.choice(['PMMA', 'PMMA', '聚甲基丙烯酸甲酯（PMMA）', 'PMMA骨水泥']))))

SURN = list('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程')
GIV_F = ['秀英', '桂兰', '淑芬', '玉兰', '素芳', '慧', '琼', '丽华', '淑珍', '秀珍', '凤英', '翠华', '兰英',
         '德芳', '玉珍', '春梅', '建华', '淑华']
GIV_M = ['建国', '志强', '德明', '国华', '文军', '永福', '长青', '树林', '正华', '光明', '国平', '家福', '云华']
ETIO_TXT = {
    'osteoporotic': ['骨质疏松性椎体压缩骨折', '骨质疏松性椎体压缩骨折（OVCF）', '老年性骨质疏松伴椎体压缩骨折',
                     '骨质疏松性胸腰椎骨折'],
    'pathologic': ['肺癌椎体转移', '乳腺癌骨转移（病理性骨折）', '多发性骨髓瘤', '前列腺癌椎体转移', '椎体转移瘤'],
    'traumatic': ['外伤性椎体压缩骨折（高处坠落）', '车祸伤致椎体压缩骨折', '外伤性胸腰椎压缩骨折（摔伤）'],
}
LEAK_TXT = {'disc': '椎间盘渗漏', 'venous': '椎旁静脉渗漏', 'paravertebral': '椎旁软组织渗漏',
            'epidural': '硬膜外渗漏', 'foraminal': '椎间孔渗漏'}
VAS_COLS = [('pre', '术前'), ('24h', '术后24h'), ('1m', '术后1月'), ('3m', '术后3月'), ('12m', '术后12月')]
ODI_COLS = [('pre', '术前'), ('1m', '术后1月'), ('3m', '术后3月'), ('12m', '术后12月')]


def cn_date(d, style):
    if style == 0:
        return d.strftime('%Y-%m-%d')
    return '%d年%d月%d日' % (d.year, d.month, d.day)


def id_number(rng, birth, sex):
    area = rng.choice(['510104', '510105', '510106', '510107', '510108', '510112', '510122', '510681',
                       '511002', '510304'])
    seq = rng.randint(10, 99) * 10 + (rng.choice([1, 3, 5, 7, 9]) if sex == 'male' else rng.choice([0, 2, 4, 6, 8]))
    body = area + birth.strftime('%Y%m%d') + '%03d' % seq
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    chk = '10X98765432'[sum(int(a) * b for a, b in zip(body, w)) % 11]
    return body + chk


def main(outdir):
    pats = gen_cohort(SEED, CFG)
    rng = random.Random(SEED + 7)
    used = set()
    for p in pats:
        p['pid'] = 'JJ-%03d' % (p['idx'] + 1)
        while True:
            name = rng.choice(SURN) + rng.choice(GIV_F if p['sex'] == 'female' else GIV_M)
            if name not in used:
                used.add(name)
                break
        p['name'] = name
        p['zyh'] = '%d%06d' % (p['d0'].year % 100 * 100 + rng.randint(1, 12), rng.randint(1000, 99999))
        p['phone'] = rng.choice(['138', '139', '135', '136', '150', '151', '158', '180', '189', '133']) + \
            '%04d%04d' % (rng.randint(0, 9999), rng.randint(0, 9999))
        p['idn'] = id_number(rng, p['birth'], p['sex'])
        p['etio_txt'] = pick_etio_text(rng, ETIO_TXT[p['etiology']], p['sex'])
        for s in p['sessions']:
            s['vmode'] = 'vertebra' if (len(s['verts']) == 1 or rng.random() < 0.5) else 'total'
            s['dstyle'] = rng.choice([0, 0, 1, 2])        # 2 = real Excel date
            s['lstyle'] = rng.choice([0, 1])

    simple = [p for p in pats if len(p['sessions']) == 1 and not p['fractures'] and p['died'] == 'no']
    er = random.Random(SEED + 99)
    errors = []
    # 1. impossible level T13 (single-level patient)
    p = er.choice([q for q in simple if len(q['sessions'][0]['verts']) == 1])
    ep = [p]
    p['sessions'][0]['verts'][0]['level'] = 'T13'
    p['sessions'][0]['levels'] = ['T13']
    errors.append(dict(key=('level', p['pid'], 1), what='vertebral level T13 does not exist (12 thoracic)',
                       pid=p['pid']))
    # 2. VAS 15
    p = er.choice([q for q in simple if q not in ep])
    ep.append(p)
    v = [v for v in p['visits'] if v['status'] == 'done' and v['scores'].get('pain_vas') is not None
         and v['tp'] != 'pre'][1]
    v['scores']['pain_vas'] = 15
    errors.append(dict(key=('score', p['pid'], 1, 'pain_vas', v['tp']), what='VAS 15 on a 0-10 scale',
                       pid=p['pid']))
    # 3. ODI 128
    p = er.choice([q for q in simple if q not in ep])
    ep.append(p)
    v = [v for v in p['visits'] if v['status'] == 'done' and v['scores'].get('odi') is not None][0]
    v['scores']['odi'] = 128
    errors.append(dict(key=('score', p['pid'], 1, 'odi', v['tp']), what='ODI 128 %, beyond 0-100',
                       pid=p['pid']))
    # 4. impossible operation date in a 30-day month or February
    p = er.choice([q for q in simple if q not in ep and q['d0'].month in (2, 4, 6, 9, 11)])
    ep.append(p)
    d = p['d0']
    p['sessions'][0]['bad_date'] = '%d-%02d-%02d' % (d.year, d.month, 30 if d.month == 2 else 31)
    errors.append(dict(key=('sdate', p['pid'], 1), what='impossible date %s' % p['sessions'][0]['bad_date'],
                       pid=p['pid']))

    os.makedirs(outdir, exist_ok=True)
    wb = xlsxwriter.Workbook(os.path.join(outdir, 'input.xlsx'))
    wb.set_properties({'author': '脊柱微创科', 'created': dt.datetime(2023, 7, 6, 10, 30)})
    F = dict(
        title=wb.add_format({'bold': True, 'font_size': 14, 'align': 'center', 'font_name': '宋体'}),
        hd=wb.add_format({'bold': True, 'border': 1, 'align': 'center', 'valign': 'vcenter',
                          'bg_color': '#FCE4D6', 'text_wrap': True, 'font_name': '宋体'}),
        c=wb.add_format({'border': 1, 'align': 'center', 'font_name': '宋体'}),
        l=wb.add_format({'border': 1, 'font_name': '宋体'}),
        d=wb.add_format({'border': 1, 'align': 'center', 'num_format': 'yyyy-mm-dd'}),
        g=wb.add_format({'border': 1, 'align': 'center', 'font_color': '#7F7F7F', 'font_name': '宋体'}),
        note=wb.add_format({'italic': True, 'font_color': '#7F7F7F', 'font_name': '宋体'}),
    )
    cells, idents = {}, []

    # 基本信息 ----------------------------------------------------------------
    ws = wb.add_worksheet('基本信息')
    hdr = ['序号', '研究编号', '姓名', '性别', '年龄', '出生日期', '住院号', '联系电话', '身份证号', '诊断', '转归']
    ws.merge_range(0, 0, 0, len(hdr) - 1, '四川省锦江人民医院 脊柱微创科  PVP/PKP 病例登记表（2021—2023）', F['title'])
    for c, h in enumerate(hdr):
        ws.write(1, c, h, F['hd'])
    for i, p in enumerate(pats):
        r = 2 + i
        ws.write_number(r, 0, i + 1, F['c'])
        ws.write_string(r, 1, p['pid'], F['c'])
        ws.write_string(r, 2, p['name'], F['c'])
        ws.write_string(r, 3, '女' if p['sex'] == 'female' else '男', F['c'])
        if i % 3 == 1:
            ws.write_string(r, 4, '%d岁' % p['age'], F['c'])
        else:
            ws.write_number(r, 4, p['age'], F['c'])
        bd = cn_date(p['birth'], 0 if i % 2 else 1)
        ws.write_string(r, 5, bd, F['c'])
        ws.write_string(r, 6, p['zyh'], F['c'])
        ws.write_string(r, 7, p['phone'], F['c'])
        ws.write_string(r, 8, p['idn'], F['c'])
        ws.write_string(r, 9, p['etio_txt'], F['l'])
        if p['died'] == 'yes':
            ws.write_string(r, 10, '死亡（%s）' % cn_date(p['death_date'], 0), F['c'])
        else:
            ws.write_string(r, 10, '存活', F['c'])
        idents += [('name', p['name']), ('record_number', p['zyh']), ('phone', p['phone']),
                   ('national_id', p['idn']), ('birth_date', bd)]
    ws.set_column(0, 0, 5)
    ws.set_column(1, 4, 9)
    ws.set_column(5, 8, 14)
    ws.set_column(8, 8, 21)
    ws.set_column(9, 9, 30)
    ws.set_column(10, 10, 16)
    ws.freeze_panes(2, 3)

    # 手术记录 ----------------------------------------------------------------
    ws = wb.add_worksheet('手术记录')
    hdr = ['研究编号', '姓名', '手术次数', '手术日期', '术式', '责任椎体', '骨水泥类型', '骨水泥用量(ml)',
           '骨水泥渗漏', '备注']
    for c, h in enumerate(hdr):
        ws.write(0, c, h, F['hd'])
    r = 1
    for p in pats:
        for s in p['sessions']:
            ws.write_string(r, 0, p['pid'], F['c'])
            ws.write_string(r, 1, p['name'], F['c'])
            ws.write_string(r, 2, '第%d次' % s['num'], F['c'])
            if s.get('bad_date'):
                ws.write_string(r, 3, s['bad_date'], F['c'])
                cells[('sdate', p['pid'], s['num'])] = ('手术记录', addr(r + 1, 4), r + 1, hdr[3], s['bad_date'])
            elif s['dstyle'] == 2:
                ws.write_datetime(r, 3, dt.datetime.combine(s['date'], dt.time()), F['d'])
            else:
                ws.write_string(r, 3, cn_date(s['date'], s['dstyle']), F['c'])
            ws.write_string(r, 4, 'PVP' if s['technique'] == 'vertebroplasty' else 'PKP', F['c'])
            lv = [v['level'] for v in s['verts']]
            if s['lstyle'] == 0:
                lt = '、'.join(lv) + '椎体'
            else:
                lt = '、'.join(l + '椎体' for l in lv)
            ws.write_string(r, 5, lt, F['l'])
            cells[('level', p['pid'], s['num'])] = ('手术记录', addr(r + 1, 6), r + 1, hdr[5], lt)
            ws.write_string(r, 6, s['cement_label'], F['c'])
            if len(s['verts']) == 1:
                ws.write_number(r, 7, s['verts'][0]['vol'], F['c'])
            elif s['vmode'] == 'vertebra':
                ws.write_string(r, 7, '；'.join('%s %sml' % (v['level'], fmt_num(v['vol'])) for v in s['verts']),
                                F['l'])
            else:
                ws.write_string(r, 7, '共%sml' % fmt_num(s['total']), F['c'])
            leaks = [v for v in s['verts'] if v['leak'] != 'none']
            if not leaks:
                lk = '无'
            elif len(s['verts']) == 1:
                lk = '、'.join(LEAK_TXT[k] for k in leaks[0]['leak'].split(';'))
            else:
                lk = '；'.join('%s%s' % (v['level'], '、'.join(LEAK_TXT[k] for k in v['leak'].split(';')))
                              for v in leaks)
            ws.write_string(r, 8, lk, F['l'])
            note = ''
            if s['num'] == 2:
                note = '新发骨折，再次手术'
            elif leaks and any('epidural' in v['leak'] for v in leaks):
                note = '术后无神经症状'
            elif p['etiology'] == 'pathologic':
                note = '术中取活检'
            ws.write_string(r, 9, note, F['l'])
            r += 1
    ws.write_string(r + 1, 0, '注：多节段手术未逐椎记录骨水泥量者记为总量（“共…ml”）；渗漏以术后CT为准。', F['note'])
    ws.set_column(0, 2, 10)
    ws.set_column(3, 3, 16)
    ws.set_column(5, 5, 20)
    ws.set_column(6, 6, 20)
    ws.set_column(7, 8, 26)
    ws.set_column(9, 9, 18)
    ws.freeze_panes(1, 2)

    # one sheet per measure ----------------------------------------------------
    for p in pats:
        for v in p['visits']:
            v['mk'] = {'missed': rng.choice(['未复查', '未复查', '未到院']), 'dead': '死亡',
                       'notdue': '', 'done': ''}[v['status']]

    def marker(v):
        return v['mk']

    for sheet, m, cols in (('VAS评分', 'pain_vas', VAS_COLS), ('ODI评分', 'odi', ODI_COLS)):
        ws = wb.add_worksheet(sheet)
        title = ('疼痛视觉模拟评分（VAS，0—10分）' if m == 'pain_vas' else 'Oswestry功能障碍指数（ODI，%）')
        hdr = ['研究编号', '姓名', '手术次数'] + [c[1] for c in cols]
        ws.merge_range(0, 0, 0, len(hdr) - 1, title, F['title'])
        for c, h in enumerate(hdr):
            ws.write(1, c, h, F['hd'])
        r = 2
        for p in pats:
            for s in p['sessions']:
                ws.write_string(r, 0, p['pid'], F['c'])
                ws.write_string(r, 1, p['name'], F['c'])
                ws.write_string(r, 2, '第%d次' % s['num'], F['c'])
                for j, (tp, lab) in enumerate(cols):
                    c = 3 + j
                    v = visit(p, s['num'], tp)
                    if v is None:
                        ws.write_string(r, c, '/', F['g'])
                    elif v['status'] != 'done':
                        mk = marker(v)
                        if mk:
                            ws.write_string(r, c, mk, F['g'])
                        else:
                            ws.write_blank(r, c, None, F['c'])
                    else:
                        val = v['scores'].get(m)
                        if val is None:
                            ws.write_string(r, c, '未测', F['g'])
                        else:
                            ws.write_number(r, c, val, F['c'])
                            cells[('score', p['pid'], s['num'], m, tp)] = (sheet, addr(r + 1, c + 1), r + 1, lab,
                                                                          str(val))
                r += 1
        ws.write_string(r + 1, 0, '“/”：该次手术无此随访时点；空白：未到随访时间。', F['note'])
        ws.set_column(0, 2, 10)
        ws.set_column(3, 3 + len(cols), 9)
        ws.freeze_panes(2, 3)

    # 新发骨折 ----------------------------------------------------------------
    ws = wb.add_worksheet('新发骨折')
    hdr = ['研究编号', '姓名', '发现日期', '新发骨折椎体', '处理']
    for c, h in enumerate(hdr):
        ws.write(0, c, h, F['hd'])
    r = 1
    for p in pats:
        for f in p['fractures']:
            ws.write_string(r, 0, p['pid'], F['c'])
            ws.write_string(r, 1, p['name'], F['c'])
            ws.write_string(r, 2, cn_date(f['date'], r % 2), F['c'])
            ws.write_string(r, 3, f['level'] + '椎体', F['c'])
            treated = len(p['sessions']) > 1 and f['level'] in p['sessions'][1]['levels']
            ws.write_string(r, 4, ('再次行%s' % ('PVP' if p['sessions'][1]['technique'] == 'vertebroplasty' else 'PKP'))
                            if treated else '保守治疗（支具、抗骨质疏松）', F['l'])
            r += 1
    ws.set_column(0, 3, 14)
    ws.set_column(4, 4, 28)
    wb.close()

    write_truth(outdir, pats, lambda p, s: s['vmode'], errors, idents, cells)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
