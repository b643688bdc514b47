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
# Site: Bangkok - Thai university hospital.  ONE TRANSPOSED SHEET: fields are
# rows (Thai label in column A, English in column B), patients are columns.
# Buddhist-era dates (dd/mm/25xx), Thai digits in some patients' columns.
# ---------------------------------------------------------------------------
import xlsxwriter

SEED = 1803
CFG = dict(n=22, start=dt.date(2022, 9, 5), span=400, cutoff=dt.date(2024, 5, 31),
           tps1=['pre', '24h', '2w', '3m', '6m'], tps2=['pre', '1m', '3m'],
           measures={'pain_vas': ['pre', '24h', '2w', '1m', '3m', '6m'], 'odi': ['pre', '3m', '6m'],
                     'mobility': ['pre', '2w', '3m']},
           measures2_skip=('mobility',),
           p_kp=0.35, min_kp=5, vol_step=0.5, n_path=4, n_trauma=2, n_other=1, n_dead=3, n_second=3,
           n_extra_fx=2, p_missed=0.1, p_nd=0.05,
           cement=lambda r: (('calcium phosphate', 'Calcium phosphate (KyphOs FS)') if r.random() < 0.08 else
                             ('PMMA', r.choice(['PMMA', 'PMMA', 'Vertecem V+', 'Osteopal V', 'Mendec Spine']))))

THD = str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙')
FN_F = ['สมศรี', 'มาลี', 'บุญมี', 'ประไพ', 'สุดา', 'วันเพ็ญ', 'ทองใบ', 'สมพร', 'บุญเรือน', 'ละเอียด', 'จันทร์เพ็ญ',
        'อำไพ', 'สายทอง', 'ประนอม', 'พิมพ์ใจ', 'ลำดวน', 'บังอร']
FN_M = ['สมชาย', 'ประเสริฐ', 'บุญส่ง', 'วิชัย', 'สมศักดิ์', 'ชาญ', 'ทองดี', 'สุรชัย', 'ประยุทธ', 'อำนาจ']
LN = ['ใจดี', 'ศรีสุข', 'แก้วมณี', 'บุญประเสริฐ', 'วงศ์สวัสดิ์', 'ทองคำ', 'สุขสมบูรณ์', 'พึ่งบุญ', 'มีสุข',
      'รัตนพันธ์', 'เพชรรัตน์', 'จันทร์หอม', 'สิทธิชัย', 'อินทร์แก้ว', 'ปานทอง', 'ชื่นอารมณ์', 'บุญมา', 'แสงทอง',
      'นาคสวัสดิ์', 'ศรีวงศ์', 'กิตติศักดิ์', 'ธนากร']
ETIO_TXT = {'osteoporotic': ['กระดูกพรุน', 'กระดูกพรุน (osteoporosis)', 'กระดูกพรุน หกล้มในบ้าน'],
            'pathologic': ['มะเร็งแพร่กระจาย (มะเร็งเต้านม)', 'มะเร็งไขกระดูก (multiple myeloma)',
                           'มะเร็งแพร่กระจาย (มะเร็งปอด)', 'มะเร็งตับแพร่กระจาย'],
            'traumatic': ['อุบัติเหตุ ตกบันได', 'อุบัติเหตุจราจร (มอเตอร์ไซค์)'],
            'other': ['อื่นๆ (กระดูกตายจากการขาดเลือด - Kümmell disease)']}
LEAK_TXT = {'disc': 'หมอนรองกระดูก (disc)', 'venous': 'หลอดเลือดดำ (venous)',
            'paravertebral': 'เนื้อเยื่อข้างกระดูก (paravertebral)',
            'epidural': 'ช่องเหนือเยื่อหุ้มไขสันหลัง (epidural)', 'foraminal': 'รูเส้นประสาท (foraminal)'}

# rows of the transposed sheet: (key, Thai label, English label)
ROWS = [('no', 'ลำดับ', 'No.'), ('pid', 'รหัสผู้ป่วย', 'Study ID'), ('name', 'ชื่อ-นามสกุล', 'Name'),
        ('hn', 'HN', 'Hospital number'), ('sex', 'เพศ', 'Sex'), ('age', 'อายุ (ปี)', 'Age (yr)'),
        ('dob', 'วันเกิด', 'Date of birth'), ('tel', 'เบอร์โทรศัพท์', 'Phone'), ('etio', 'สาเหตุ', 'Aetiology'),
        ('#1', 'การรักษาครั้งที่ 1', '1st procedure'),
        ('s1date', 'วันที่ทำหัตถการ', 'Date'), ('s1tech', 'หัตถการ', 'Procedure'), ('s1cem', 'ชนิดซีเมนต์', 'Cement'),
        ('s1l1', 'ระดับที่ 1', 'Level 1'), ('s1v1', 'ปริมาณซีเมนต์ระดับที่ 1 (มล.)', 'Cement level 1 (mL)'),
        ('s1k1', 'การรั่วระดับที่ 1', 'Leakage level 1'),
        ('s1l2', 'ระดับที่ 2', 'Level 2'), ('s1v2', 'ปริมาณซีเมนต์ระดับที่ 2 (มล.)', 'Cement level 2 (mL)'),
        ('s1k2', 'การรั่วระดับที่ 2', 'Leakage level 2'),
        ('s1l3', 'ระดับที่ 3', 'Level 3'), ('s1v3', 'ปริมาณซีเมนต์ระดับที่ 3 (มล.)', 'Cement level 3 (mL)'),
        ('s1k3', 'การรั่วระดับที่ 3', 'Leakage level 3'),
        ('#2', 'การประเมินหลังครั้งที่ 1', 'Outcomes after 1st procedure'),
        ('v1pre', 'VAS ก่อนทำ', 'VAS pre-op'), ('v124h', 'VAS 24 ชม.', 'VAS 24 h'),
        ('v12w', 'VAS 2 สัปดาห์', 'VAS 2 wk'), ('v13m', 'VAS 3 เดือน', 'VAS 3 mo'), ('v16m', 'VAS 6 เดือน', 'VAS 6 mo'),
        ('o1pre', 'ODI ก่อนทำ (%)', 'ODI pre-op'), ('o13m', 'ODI 3 เดือน (%)', 'ODI 3 mo'),
        ('o16m', 'ODI 6 เดือน (%)', 'ODI 6 mo'),
        ('m1pre', 'การเคลื่อนไหว ก่อนทำ (0-4)', 'Mobility pre-op'),
        ('m12w', 'การเคลื่อนไหว 2 สัปดาห์ (0-4)', 'Mobility 2 wk'),
        ('m13m', 'การเคลื่อนไหว 3 เดือน (0-4)', 'Mobility 3 mo'),
        ('d13m', 'วันที่มาตรวจ 3 เดือน', 'Date of 3-mo visit'),
        ('#3', 'การรักษาครั้งที่ 2 (กระดูกหักใหม่)', '2nd procedure (new fracture)'),
        ('s2date', 'วันที่ทำหัตถการ ครั้งที่ 2', 'Date (2nd)'), ('s2tech', 'หัตถการ ครั้งที่ 2', 'Procedure (2nd)'),
        ('s2cem', 'ชนิดซีเมนต์ ครั้งที่ 2', 'Cement (2nd)'), ('s2l1', 'ระดับ ครั้งที่ 2', 'Level (2nd)'),
        ('s2v1', 'ปริมาณซีเมนต์ ครั้งที่ 2 (มล.)', 'Cement volume (mL, 2nd)'),
        ('s2k1', 'การรั่ว ครั้งที่ 2', 'Leakage (2nd)'),
        ('v2pre', 'VAS ก่อนทำ ครั้งที่ 2', 'VAS pre-op (2nd)'), ('v21m', 'VAS 1 เดือน หลังครั้งที่ 2', 'VAS 1 mo (2nd)'),
        ('v23m', 'VAS 3 เดือน หลังครั้งที่ 2', 'VAS 3 mo (2nd)'),
        ('o2pre', 'ODI ก่อนทำ ครั้งที่ 2 (%)', 'ODI pre-op (2nd)'),
        ('o23m', 'ODI 3 เดือน หลังครั้งที่ 2 (%)', 'ODI 3 mo (2nd)'),
        ('#4', 'ผลการติดตาม', 'Follow-up'),
        ('fx', 'กระดูกสันหลังหักใหม่ (ระดับ / วันที่)', 'New fracture (level / date)'),
        ('status', 'สถานะล่าสุด', 'Status'), ('note', 'หมายเหตุ', 'Remarks')]
SCORE_ROWS = {'v': 'pain_vas', 'o': 'odi', 'm': 'mobility'}


def be(d, thai=False):
    s = '%02d/%02d/%d' % (d.day, d.month, d.year + 543)
    return s.translate(THD) if thai else s


def main(outdir):
    pats = gen_cohort(SEED, CFG)
    rng = random.Random(SEED + 7)
    used = set()
    for p in pats:
        p['pid'] = 'CPU-VP-%03d' % (p['idx'] + 1)
        while True:
            title = 'นาง' if p['sex'] == 'female' and p['age'] > 40 else 'นางสาว' if p['sex'] == 'female' else 'นาย'
            name = '%s%s %s' % (title, rng.choice(FN_F if p['sex'] == 'female' else FN_M), rng.choice(LN))
            if name not in used:
                used.add(name)
                break
        p['name'] = name
        p['hn'] = '%d/%02d' % (rng.randint(1000, 99999), (p['d0'].year + 543 - rng.choice([0, 0, 1, 3, 7, 12])) % 100)
        p['tel'] = '0%s-%03d-%04d' % (rng.choice(['81', '82', '86', '89', '91', '94', '95', '98']),
                                      rng.randint(0, 999), rng.randint(0, 9999))
        p['thai'] = p['idx'] % 5 == 2                     # this nurse types Thai digits
        p['xl_be'] = (not p['thai']) and p['idx'] % 4 == 3  # dates typed into Excel as dates of year 25xx
        p['etio_txt'] = pick_etio_text(rng, ETIO_TXT[p['etiology']], p['sex'])

    simple = [p for p in pats if len(p['sessions']) == 1 and not p['fractures'] and p['died'] == 'no']
    er = random.Random(SEED + 99)
    errors = []
    # 1. impossible level on a multi-level patient
    p = er.choice([q for q in simple if len(q['sessions'][0]['verts']) >= 2 and not q['thai']])
    ep = [p]
    j = len(p['sessions'][0]['verts']) - 1
    p['sessions'][0]['verts'][j]['level'] = 'L6'
    errors.append(dict(key=('s1l%d' % (j + 1), p['pid']), what='vertebral level L6 does not exist', pid=p['pid']))
    # 2. VAS 11, written in Thai digits
    p = er.choice([q for q in simple if q['thai'] and q not in ep])
    ep.append(p)
    v = visit(p, 1, '2w') if visit(p, 1, '2w')['status'] == 'done' else visit(p, 1, '24h')
    v['scores']['pain_vas'] = 11
    errors.append(dict(key=('v1' + v['tp'], p['pid']), what='VAS 11 on a 0-10 scale', pid=p['pid']))
    # 3. 25 mL in one vertebra
    p = er.choice([q for q in simple if q not in ep and not q['thai']])
    ep.append(p)
    p['sessions'][0]['verts'][0]['vol'] = 25.0
    errors.append(dict(key=('s1v1', p['pid']), what='25 mL of cement in one vertebra (implausible)', pid=p['pid']))
    # 4. 3-month visit dated before the procedure (wrong Buddhist year)
    p = er.choice([q for q in simple if q not in ep and not q['thai'] and not q['xl_be']
                   and visit(q, 1, '3m')['status'] == 'done'])
    ep.append(p)
    v = visit(p, 1, '3m')
    bad = v['date'].replace(year=v['date'].year - 1)
    p['bad3m'] = be(bad)
    errors.append(dict(key=('d13m', p['pid']), what='3-month visit dated %s, before the procedure (%s)'
                       % (p['bad3m'], be(p['d0'])), pid=p['pid']))

    # ---- workbook ---------------------------------------------------------
    os.makedirs(outdir, exist_ok=True)
    wb = xlsxwriter.Workbook(os.path.join(outdir, 'input.xlsx'))
    wb.set_properties({'author': 'หน่วยกระดูกสันหลัง', 'created': dt.datetime(2024, 6, 10, 14, 0)})
    F = dict(
        title=wb.add_format({'bold': True, 'font_size': 13, 'font_name': 'TH SarabunPSK'}),
        lab=wb.add_format({'bold': True, 'border': 1, 'bg_color': '#FFF2CC', 'font_name': 'TH SarabunPSK',
                           'font_size': 14}),
        en=wb.add_format({'italic': True, 'border': 1, 'font_color': '#595959', 'bg_color': '#FFF2CC'}),
        sec=wb.add_format({'bold': True, 'bg_color': '#B4C6E7', 'border': 1, 'font_name': 'TH SarabunPSK',
                           'font_size': 14}),
        c=wb.add_format({'border': 1, 'align': 'center', 'font_name': 'TH SarabunPSK', 'font_size': 14,
                         'text_wrap': True}),
        d=wb.add_format({'border': 1, 'align': 'center', 'num_format': 'dd/mm/yyyy'}),
        g=wb.add_format({'border': 1, 'align': 'center', 'font_color': '#808080', 'font_name': 'TH SarabunPSK',
                         'font_size': 14}),
    )
    cells, idents = {}, []
    SH = 'ทะเบียน VP-KP'
    ws = wb.add_worksheet(SH)
    ws.write(0, 0, 'โรงพยาบาลมหาวิทยาลัยเจ้าพระยา  หน่วยศัลยกรรมกระดูกสันหลัง — ทะเบียนผู้ป่วยฉีดซีเมนต์'
                   'กระดูกสันหลัง (Vertebroplasty / Kyphoplasty)  ปี 2565-2567', F['title'])
    ws.write(1, 0, 'หมายเหตุ: วันที่เป็น พ.ศ. ; "-" = ไม่มีข้อมูล/ไม่เกี่ยวข้อง ; ขาดนัด = ไม่มาตามนัด', F['g'])
    R0 = 3
    rowno = {}
    for k, (key, th, en) in enumerate(ROWS):
        r = R0 + k
        rowno[key] = r
        if key.startswith('#'):
            ws.merge_range(r, 0, r, 1 + len(pats), '%s / %s' % (th, en), F['sec'])
        else:
            ws.write(r, 0, th, F['lab'])
            ws.write(r, 1, en, F['en'])
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 1 + len(pats), 17)
    ws.freeze_panes(R0 + 3, 2)

    for i, p in enumerate(pats):
        col = 2 + i
        T = p['thai']

        def num(x):
            s = fmt_num(x)
            return s.translate(THD) if T else x

        def put(key, val, fmt=None, note_key=None):
            r = rowno[key]
            if isinstance(val, dt.date):
                if p['xl_be'] and not (val.month == 2 and val.day == 29):
                    # typed into Excel: the Buddhist year became the year of the date
                    ws.write_datetime(r, col, dt.datetime(val.year + 543, val.month, val.day), F['d'])
                    shown = be(val)
                else:
                    shown = be(val, T)
                    ws.write_string(r, col, shown, F['c'])
            elif isinstance(val, (int, float)):
                ws.write_number(r, col, val, F['c'])
                shown = fmt_num(val)
            elif val is None or val == '':
                ws.write_blank(r, col, None, F['c'])
                shown = ''
            else:
                ws.write_string(r, col, val, fmt or F['c'])
                shown = val
            cells[(key, p['pid'])] = (SH, addr(r + 1, col + 1), r + 1, ROWS[[x[0] for x in ROWS].index(key)][1], shown)
            return shown

        put('no', num(i + 1))
        put('pid', p['pid'])
        put('name', p['name'])
        put('hn', p['hn'])
        put('sex', 'หญิง' if p['sex'] == 'female' else 'ชาย')
        put('age', num(p['age']))
        dob = put('dob', p['birth'])
        put('tel', p['tel'].translate(THD) if T else p['tel'])
        put('etio', p['etio_txt'])
        idents += [('name', p['name']), ('record_number', p['hn']), ('birth_date', dob),
                   ('phone', p['tel'].translate(THD) if T else p['tel'])]
        for s in p['sessions']:
            pre = 's%d' % s['num']
            put(pre + 'date', s['date'])
            put(pre + 'tech', 'VP' if s['technique'] == 'vertebroplasty' else 'KP (บอลลูน)')
            put(pre + 'cem', s['cement_label'])
            for j, v in enumerate(s['verts']):
                put('%sl%d' % (pre, j + 1), v['level'])
                put('%sv%d' % (pre, j + 1), num(v['vol']))
                lk = 'ไม่รั่ว' if v['leak'] == 'none' else 'รั่ว: ' + ', '.join(LEAK_TXT[x] for x in v['leak'].split(';'))
                put('%sk%d' % (pre, j + 1), lk)
            if s['num'] == 1:
                for j in range(len(s['verts']), 3):
                    for x in 'lvk':
                        put('s1%s%d' % (x, j + 1), '-', F['g'])
        if len(p['sessions']) == 1:
            for key in ('s2date', 's2tech', 's2cem', 's2l1', 's2v1', 's2k1', 'v2pre', 'v21m', 'v23m', 'o2pre', 'o23m'):
                put(key, '-', F['g'])
        # scores
        for key, th, en in ROWS:
            if key[0] in SCORE_ROWS and key[1] in '12' and key not in ('s1', 's2') and not key.startswith('s'):
                s = int(key[1])
                tp = key[2:]
                if s == 2 and len(p['sessions']) == 1:
                    continue
                m = SCORE_ROWS[key[0]]
                v = visit(p, s, tp)
                if v is None:
                    put(key, '-', F['g'])
                elif v['status'] == 'done':
                    val = v['scores'].get(m)
                    if val is None:
                        put(key, 'ไม่ได้ประเมิน', F['g'])
                    else:
                        put(key, num(val))
                elif v['status'] == 'missed':
                    put(key, 'ขาดนัด', F['g'])
                elif v['status'] == 'dead':
                    put(key, 'เสียชีวิต', F['g'])
                else:
                    put(key, '', F['c'])
        v = visit(p, 1, '3m')
        if v is None:
            put('d13m', '-', F['g'])
        elif v['status'] == 'done':
            if p.get('bad3m'):
                put('d13m', p['bad3m'])
            else:
                put('d13m', v['date'])
        elif v['status'] == 'missed':
            put('d13m', 'ขาดนัด', F['g'])
        elif v['status'] == 'dead':
            put('d13m', 'เสียชีวิต', F['g'])
        else:
            put('d13m', '')
        if p['fractures']:
            put('fx', '\n'.join('%s (%s)' % (f['level'], be(f['date'], T)) for f in p['fractures']))
        else:
            put('fx', 'ไม่มี')
        if p['died'] == 'yes':
            put('status', 'เสียชีวิต %s' % be(p['death_date'], T))
        else:
            put('status', 'มีชีวิต')
        note = ''
        if len(p['sessions']) > 1:
            note = 'กระดูกหักใหม่ ทำซ้ำครั้งที่ 2'
        elif p['fractures']:
            note = 'กระดูกหักใหม่ รักษาแบบประคับประคอง (เสื้อเกราะ)'
        elif p['etiology'] == 'pathologic':
            note = 'ส่งต่อฉายแสง (RT)'
        put('note', note)
    wb.close()
    write_truth(outdir, pats, lambda p, s: 'vertebra', errors, idents, cells)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
