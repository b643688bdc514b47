# ---------------------------------------------------------------------------
# Shared cohort generator (identical block in each site's make.py)
# ---------------------------------------------------------------------------
import sys, os, csv, random, datetime as dt

D = dt.date
SPINE = [f'T{i}' for i in range(1, 13)] + [f'L{i}' for i in range(1, 6)]
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 9,
          '6m': 14, '12m': 20, '24m': 25}
LVL_W = {'T5': 1, 'T6': 1, 'T7': 2, 'T8': 3, 'T9': 3, 'T10': 4, 'T11': 7, 'T12': 14,
         'L1': 14, 'L2': 9, 'L3': 6, 'L4': 4, 'L5': 2}


def age_on(birth, d):
    return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))


def lvl_idx(l):
    return SPINE.index(l)


def r05(x):
    return round(x * 2) / 2


def fmt_num(v):
    if v is None or v == '':
        return ''
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f'{v:g}' if isinstance(v, float) else str(v)


def gen_cohort(seed, n, cfg):
    """Return list of patient dicts (the truth model)."""
    rng = random.Random(seed)
    lo, hi = lvl_idx(cfg.get('lvl_lo', 'T6')), lvl_idx(cfg.get('lvl_hi', 'L5'))
    allowed = [l for l in SPINE[lo:hi + 1]]
    pool = list(range(n))
    rng.shuffle(pool)
    n_s2, n_fx, n_dead, n_err = 3, cfg.get('n_fxonly', 2), cfg.get('n_dead', 3), cfg['n_err']
    s2 = pool[:n_s2]
    fxo = pool[n_s2:n_s2 + n_fx]
    dead = pool[n_s2 + n_fx:n_s2 + n_fx + n_dead]
    err = pool[n_s2 + n_fx + n_dead:n_s2 + n_fx + n_dead + n_err]
    rest = [i for i in range(n) if i not in s2 + fxo + dead + err]
    # multi-level patients (~30%)
    n_multi = round(0.3 * n)
    multi_pool = [i for i in range(n) if i not in err] 
    rng.shuffle(multi_pool)
    multi = {i: (3 if k < max(2, n_multi // 3) else 2) for k, i in enumerate(multi_pool[:n_multi])}
    # enrolment dates
    start, end = cfg['start'], cfg['end']
    span = (end - start).days
    dates = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(n))
    pats = []
    for i in range(n):
        p = {'i': i, 'roles': set()}
        if i in s2: p['roles'].add('s2')
        if i in fxo: p['roles'].add('fxonly')
        if i in dead: p['roles'].add('dead')
        if i in err: p['roles'].add('err')
        # etiology
        r = rng.random()
        if 'dead' in p['roles']:
            et = 'pathologic' if dead.index(i) < 2 else 'osteoporotic'
        elif r < 0.70: et = 'osteoporotic'
        elif r < 0.86: et = 'pathologic'
        else: et = 'traumatic'
        if 's2' in p['roles']: et = 'osteoporotic'
        p['etiology'] = et
        if et == 'pathologic':
            p['etio_detail'] = rng.choice(['meta_breast', 'meta_lung', 'meta_prostate', 'myeloma', 'myeloma', 'meta_kidney'])
        elif et == 'traumatic':
            p['etio_detail'] = 'trauma'
        elif et == 'other':
            p['etio_detail'] = 'other'
        else:
            p['etio_detail'] = rng.choice(['osteo', 'osteo', 'osteo', 'osteo_steroid'])
        if et == 'osteoporotic':
            sex = 'female' if rng.random() < 0.78 else 'male'; age = rng.randint(61, 91)
        elif et == 'pathologic':
            sex = 'female' if p['etio_detail'] == 'meta_breast' else ('male' if p['etio_detail'] == 'meta_prostate' else rng.choice(['female', 'male']))
            age = rng.randint(47, 83)
        elif et == 'traumatic':
            sex = rng.choice(['female', 'male', 'male']); age = rng.randint(33, 69)
        else:
            sex = rng.choice(['female', 'male']); age = rng.randint(50, 80)
        p['sex'], p['age'] = sex, age
        d0 = dates[i]
        p['d0'] = d0
        # birth date consistent with age at d0
        while True:
            b = D(d0.year - age - rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28))
            if age_on(b, d0) == age: break
        p['birth'] = b
        # levels
        nl = multi.get(i, 1)
        cands = [l for l in allowed if lvl_idx(l) + (nl - 1) <= hi]
        w = [LVL_W.get(l, 1) for l in cands]
        first = rng.choices(cands, w)[0]
        fi = lvl_idx(first)
        if nl == 1: levels = [first]
        elif nl == 2:
            if rng.random() < 0.75 or fi + 2 > hi: levels = [SPINE[fi], SPINE[fi + 1]]
            else: levels = [SPINE[fi], SPINE[fi + 2]]
        else: levels = [SPINE[fi], SPINE[fi + 1], SPINE[fi + 2]]
        p['sessions'] = [make_session(rng, cfg, p, 1, d0, levels)]
        p['fractures'] = []
        p['visits'] = []
        p['died'] = False
        p['death_date'] = None
        # visits session 1
        for tp in cfg['sched1']:
            if tp == 'pre':
                vd = d0
            else:
                vd = d0 + dt.timedelta(days=TP_DAYS[tp] + rng.randint(-TP_JIT[tp], TP_JIT[tp]))
            p['visits'].append({'session': 1, 'tp': tp, 'date': vd, 'status': 'done'})
        fu = [v for v in p['visits'] if v['tp'] != 'pre']
        if 's2' in p['roles']:
            k = s2.index(i)
            # fracture detected at an early follow-up visit
            cand = [v for v in fu if TP_DAYS[v['tp']] >= 28 and TP_DAYS[v['tp']] <= 120]
            fv = cand[k % len(cand)]
            fx_day = (fv['date'] - d0).days
            fv['fx_here'] = True
            used = set(p['sessions'][0]['levels'])
            lo_l, hi_l = lvl_idx(min(used, key=lvl_idx)), lvl_idx(max(used, key=lvl_idx))
            opts = [SPINE[j] for j in (lo_l - 1, hi_l + 1, hi_l + 2) if lo <= j <= hi]
            lvl2 = opts[k % len(opts)]
            d2 = fv['date'] + dt.timedelta(days=rng.randint(5, 18))
            p['fractures'].append({'date': fv['date'], 'level': lvl2, 'treated': True})
            p['visits'] = [v for v in p['visits'] if v['date'] < d2]
            p['sessions'].append(make_session(rng, cfg, p, 2, d2, [lvl2]))
            for tp in cfg['sched2']:
                vd = d2 if tp == 'pre' else d2 + dt.timedelta(days=TP_DAYS[tp] + rng.randint(-TP_JIT[tp], TP_JIT[tp]))
                p['visits'].append({'session': 2, 'tp': tp, 'date': vd, 'status': 'done'})
        if 'fxonly' in p['roles']:
            k = fxo.index(i)
            fv = fu[-1 - (k % 2)] if len(fu) >= 2 else fu[-1]
            fv['fx_here'] = True
            used = p['sessions'][0]['levels']
            j = lvl_idx(used[-1]) + 2 if lvl_idx(used[-1]) + 2 <= hi else lvl_idx(used[0]) - 2
            p['fractures'].append({'date': fv['date'], 'level': SPINE[j], 'treated': False})
        if 'dead' in p['roles']:
            k = dead.index(i)
            fu = [v for v in p['visits'] if v['tp'] != 'pre']
            last = [1, 2, len(fu) - 1][k % 3]
            last = max(1, min(last, len(fu)))
            lv = fu[last - 1]
            nxt = fu[last] if last < len(fu) else None
            if nxt is not None:
                gap = (nxt['date'] - lv['date']).days
                dd = lv['date'] + dt.timedelta(days=rng.randint(3, max(4, gap - 3)))
                for v in fu[last:]:
                    v['status'] = 'dead'
            else:
                dd = lv['date'] + dt.timedelta(days=rng.randint(20, 90))
            p['died'] = True
            p['death_date'] = dd
        # missed visits for plain patients
        if not p['roles'] & {'s2', 'fxonly', 'dead'}:
            for v in p['visits']:
                if v['tp'] != 'pre' and v['status'] == 'done' and rng.random() < cfg.get('p_miss', 0.12):
                    v['status'] = 'missed'
        # scores
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            sess = v['session']
            if v['tp'] == 'pre':
                vas = rng.randint(6, 10) if sess == 1 else rng.randint(7, 9)
                odi = 2 * rng.randint(22, 42)
            elif v.get('fx_here') and 's2' in p['roles']:
                vas = rng.randint(6, 9); odi = 2 * rng.randint(24, 38)
            else:
                dd_ = TP_DAYS[v['tp']]
                base = 5 if dd_ <= 2 else (4 if dd_ <= 14 else 3)
                vas = max(0, min(9, base + rng.randint(-2, 2)))
                odi = 2 * max(4, min(34, (12 if dd_ <= 14 else 9) + rng.randint(-5, 7)))
            v['vas'] = float(vas)
            v['odi'] = odi
            if v['tp'] not in cfg.get('odi_tps', cfg['sched1']):
                v['odi'] = None
        pats.append(p)
    return pats


def make_session(rng, cfg, p, sno, date, levels):
    tech = 'kyphoplasty' if rng.random() < cfg.get('p_kypho', 0.4) else 'vertebroplasty'
    if p['etiology'] == 'traumatic' and rng.random() < cfg.get('p_cap_trauma', 0.6):
        cem = 'calcium phosphate'
    else:
        cem = 'PMMA'
    brand = rng.choice(cfg['brands'])
    vols = []
    for l in levels:
        j = lvl_idx(l)
        if j <= lvl_idx('T10'): v = rng.uniform(1.5, 3.5)
        elif j <= lvl_idx('L1'): v = rng.uniform(2.5, 5.0)
        else: v = rng.uniform(3.0, 6.0)
        if tech == 'kyphoplasty': v += rng.uniform(0.5, 1.5)
        if p['etiology'] == 'pathologic': v -= 0.5
        vols.append(max(1.5, r05(v)) if cfg.get('vol_step', 0.5) == 0.5 else max(1.5, round(v, 1)))
    leaks = []
    for l in levels:
        r = rng.random()
        if r < 0.70: lk = ['none']
        elif r < 0.81: lk = ['disc']
        elif r < 0.89: lk = ['venous']
        elif r < 0.95: lk = ['paravertebral']
        elif r < 0.98: lk = ['epidural']
        else: lk = ['disc', 'venous']
        leaks.append(lk)
    return {'session': sno, 'date': date, 'levels': list(levels), 'technique': tech,
            'cement': cem, 'brand': brand, 'vols': vols, 'leaks': leaks,
            'vol_mode': 'per_level' if rng.random() < cfg.get('p_perlevel', 0.5) else 'total',
            'leak_recorded': True}


def write_truth(outdir, pats, errors, idents, vas_div=1.0):
    sanity(pats)
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    tp = [p for p in pats if not p.get('no_id')]
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p.get('t_etiology', p['etiology']),
        'yes' if p['died'] else 'no'] for p in tp])
    rows = []
    for p in tp:
        d0 = p['sessions'][0]['date']
        for s in p['sessions']:
            tot = sum(s['vols'])
            for j, l in enumerate(s['levels']):
                wp, wt = s.get('w_perlevel'), s.get('w_total')
                if len(s['levels']) == 1 and (wp or wt):
                    cv, sv = s['vols'][0], s['vols'][0]
                else:
                    cv = s['vols'][j] if wp else ''
                    sv = tot if wt else ''
                lk = ';'.join(s['leaks'][j]) if s.get('leak_recorded', True) else ''
                rows.append([p['pid'], s['session'], (s['date'] - d0).days, l, s['technique'],
                             fmt_num(cv if cv == '' else float(cv)), fmt_num(sv if sv == '' else float(round(sv, 2))),
                             s.get('t_cement', s['cement']), lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in tp:
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            if v.get('vas') is not None:
                rows.append([p['pid'], v['session'], 'pain_vas', v['tp'], fmt_num(float(v['vas']) / vas_div)])
            if v.get('odi') is not None:
                rows.append([p['pid'], v['session'], 'odi', v['tp'], fmt_num(float(v['odi']))])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    rows = []
    for p in tp:
        d0 = p['sessions'][0]['date']
        for fx in p['fractures']:
            rows.append([p['pid'], (fx['date'] - d0).days, fx['level']])
    w('fractures.csv', ['patient_id', 'day', 'level'], rows)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['column_header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set(); out = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v))); out.append([k, v])
    w('identifiers.csv', ['kind', 'value'], out)
# ---------------------------------------------------------------------------


THIRTY = {4, 6, 9, 11}


def month_end_targets(d, spread):
    """Dates within +-spread days of d that are the last day of a 30-day month or of February."""
    out = []
    for k in range(-spread, spread + 1):
        x = d + dt.timedelta(days=k)
        nxt = x + dt.timedelta(days=1)
        if nxt.day == 1 and (x.month in THIRTY or x.month == 2):
            out.append((abs(k), x))
    return [x for _, x in sorted(out)]


def plant_impossible_date(pats_err, tps, spread=12):
    """Move one done follow-up visit of one of pats_err onto the end of a short month.
    Returns (patient, visit, (y, m, bad_day)). The visit keeps its timepoint."""
    for p in pats_err:
        vs = [v for v in p['visits'] if v['tp'] in tps and v['status'] == 'done' and v['session'] == 1]
        for v in vs:
            # keep order with neighbours
            before = [w['date'] for w in p['visits'] if w['date'] < v['date']]
            after = [w['date'] for w in p['visits'] if w['date'] > v['date']]
            for x in month_end_targets(v['date'], spread):
                if (not before or x > max(before)) and (not after or x < min(after)):
                    v['date'] = x
                    bad = 31 if x.month in THIRTY else 30
                    return p, v, (x.year, x.month, bad)
    raise RuntimeError('no visit can carry an impossible date')


def sanity(pats):
    for p in pats:
        d0 = p['sessions'][0]['date']
        sd = {s['session']: s['date'] for s in p['sessions']}
        for v in p['visits']:
            if v['status'] == 'dead':
                continue
            assert v['date'] >= sd[v['session']], (p.get('pid'), v)
            if v['session'] == 1 and 2 in sd:
                assert v['date'] < sd[2], (p.get('pid'), v)
            if p['died']:
                assert v['date'] < p['death_date'], (p.get('pid'), v)
        for f in p['fractures']:
            assert f['date'] > d0
            if p['died']:
                assert f['date'] < p['death_date']
        if len(p['sessions']) > 1:
            assert p['sessions'][1]['date'] > p['sessions'][0]['date']

# ---------------------------------------------------------------------------
# Site: hohhot -- operation register with vertebra tick columns + visit log
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 2207
N = 24
CFG = dict(start=D(2020, 4, 1), end=D(2022, 3, 31), sched1=['pre', '24h', '1m', '3m', '12m'],
           sched2=['pre', '1m', '3m'], odi_tps=['pre', '1m', '3m', '12m'], n_err=4, n_fxonly=2, n_dead=3,
           brands=['Mendec Spine', 'Osteopal V', 'Kyphon HV-R', '天津合成'], p_kypho=0.6, p_perlevel=0.55,
           lvl_lo='T6', lvl_hi='L5', vol_step=0.1, p_miss=0.12)
TICKS = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']

NAMES_F = [('王秀英', None), ('李桂兰', None), ('其其格', 'ᠴᠡᠴᠡᠭ'), ('张凤英', None), ('乌云', 'ᠤᠶᠤᠨ'),
           ('刘玉珍', None), ('赵淑芬', None), ('图雅', 'ᠲᠤᠶᠠ'), ('郭玉兰', None), ('萨仁', 'ᠰᠠᠷᠠᠨ'),
           ('高秀兰', None), ('孙桂芝', None), ('娜仁花', 'ᠨᠠᠷᠠᠨᠬᠤᠸᠠ'), ('周淑珍', None), ('胡玉梅', None),
           ('斯琴', 'ᠰᠡᠴᠡᠨ'), ('韩桂荣', None), ('吴凤兰', None), ('田秀珍', None), ('白玉兰', None)]
NAMES_M = [('巴特尔', 'ᠪᠠᠭᠠᠲᠤᠷ'), ('杨建国', None), ('苏和', 'ᠰᠦᠬᠡ'), ('陈志强', None), ('朝鲁', 'ᠴᠢᠯᠠᠭᠤ'),
           ('马占山', None), ('额尔敦', 'ᠡᠷᠳᠡᠨᠢ'), ('刘福', None), ('宝音', 'ᠪᠤᠶᠠᠨ'), ('赵德胜', None),
           ('张树林', None), ('李永贵', None)]

ETIO_ZH = {'osteo': '骨质疏松性椎体压缩骨折', 'osteo_steroid': '激素性骨质疏松 椎体压缩骨折',
           'meta_breast': '乳腺癌椎体转移', 'meta_lung': '肺癌椎体转移', 'meta_prostate': '前列腺癌骨转移',
           'meta_kidney': '肾癌椎体转移', 'myeloma': '多发性骨髓瘤', 'trauma': '外伤性椎体骨折（摔伤）',
           'other': '强直性脊柱炎伴椎体骨折'}
LEAK_ZH = {'disc': '椎间盘', 'venous': '椎旁静脉', 'paravertebral': '椎旁软组织', 'epidural': '椎管内',
           'foraminal': '椎间孔'}
TP_ZH = {(1, 'pre'): '术前', (1, '24h'): '术后第1天', (1, '1m'): '术后1个月', (1, '3m'): '术后3个月',
         (1, '12m'): '术后1年', (2, 'pre'): '二次术前', (2, '1m'): '二次术后1个月', (2, '3m'): '二次术后3个月'}


def zh_date(d, style):
    if style == 0:
        return f'{d.year}年{d.month}月{d.day}日'
    return f'{d.year}.{d.month:02d}.{d.day:02d}'


def main(outdir):
    rng = random.Random(SEED + 1)
    pats = gen_cohort(SEED, N, CFG)
    # etiology 'other' keeps its truth; make sure 'other' text is unambiguous
    fpool, mpool = NAMES_F[:], NAMES_M[:]
    rng.shuffle(fpool); rng.shuffle(mpool)
    used_rec = set()
    idents = []
    for k, p in enumerate(pats):
        p['pid'] = f'NMG-{k + 1:03d}'
        zh, mn = (fpool.pop() if p['sex'] == 'female' else mpool.pop())
        p['name'] = zh if mn is None else f'{zh} {mn}'
        idents.append(('name', p['name']))
        if mn: idents += [('name', zh), ('name', mn)]
        while True:
            rec = str(rng.randint(2000000, 2299999))
            if rec not in used_rec: used_rec.add(rec); break
        p['rec'] = rec
        p['phone'] = f'1{rng.choice(["38", "39", "58", "50", "47", "34"])}{rng.randint(0, 99999999):08d}'
        p['birth_txt'] = f'{p["birth"].year}.{p["birth"].month:02d}.{p["birth"].day:02d}'
        idents += [('record_number', rec), ('phone', p['phone']), ('birth_date', p['birth_txt'])]
        p['dstyle'] = rng.randint(0, 1)
    err = [p for p in pats if 'err' in p['roles']]
    errors = []
    # E1: one vertebra with 24 ml written in its tick cell (single-level, per-level mode, total left blank)
    e1 = err[0]
    s = e1['sessions'][0]
    s['levels'] = s['levels'][:1]; s['vols'] = [24.0]; s['leaks'] = s['leaks'][:1]; s['vol_mode'] = 'per_level'
    s['e1'] = True
    # E2: impossible follow-up date; E3: follow-up dated a year before the operation; E4: VAS 12
    def force_done(p, tp):
        v = [v for v in p['visits'] if v['tp'] == tp and v['session'] == 1][0]
        if v['status'] != 'done':
            v['status'] = 'done'; v['vas'] = 3.0; v['odi'] = 24 if tp in CFG['odi_tps'] else None
        return v
    e2p, e2v, e2bad = plant_impossible_date(err[1:], ['3m', '12m', '1m'])
    e2v['bad_date'] = 'impossible'; e2v['bad'] = e2bad
    rest = [x for x in err[1:] if x is not e2p]
    e3v = force_done(rest[0], '1m'); e3v['bad_date'] = 'year_before'
    e4v = force_done(rest[1], '1m'); e4v['vas'] = 12.0; e4v['bad_vas'] = True
    # ODI not done at some follow-up visits
    for p in pats:
        if 'err' in p['roles']:
            continue
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] not in ('pre', '24h') and v.get('odi') is not None and rng.random() < 0.1:
                v['odi'] = None
    # one session whose leakage was not recorded
    for p in pats:
        if not p['roles'] and len(p['sessions'][0]['levels']) == 1:
            p['sessions'][0]['leak_recorded'] = False
            break

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '手术登记'
    thin = Side(style='thin', color='999999')
    bord = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_mn = ['ᠳ᠋ᠤᠭᠠᠷ', 'ᠰᠤᠳᠤᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳ᠋ᠤᠭᠠᠷ', 'ᠨᠡᠷ᠎ᠡ', 'ᠬᠦᠢᠰᠦ', 'ᠨᠠᠰᠤ', 'ᠲᠥᠷᠦᠭᠰᠡᠨ ᠡᠳᠦᠷ',
               'ᠡᠮᠨᠡᠯᠭ᠎ᠡ ᠶᠢᠨ ᠳ᠋ᠤᠭᠠᠷ', 'ᠤᠲᠠᠰᠤ', 'ᠣᠨᠤᠰᠢ', 'ᠮᠡᠰ ᠵᠠᠰᠠᠯ ᠤᠨ ᠡᠳᠦᠷ', 'ᠳᠠᠬᠢᠨ', 'ᠠᠷᠭ᠎ᠠ']
    head_zh = ['序号', '研究编号', '姓名', '性别', '年龄', '出生日期', '住院号', '联系电话', '诊断',
               '手术日期', '第几次手术', '术式']
    tail_mn = ['ᠴᠧᠮᠧᠨ᠋ᠲ (ml)', 'ᠴᠧᠮᠧᠨ᠋ᠲ', 'ᠠᠯᠳᠠᠭᠳᠠᠯ', 'ᠲᠡᠮᠳᠡᠭᠯᠡᠯ']
    tail_zh = ['骨水泥总量(ml)', '骨水泥', '骨水泥渗漏', '备注']
    ncol = len(head_zh) + len(TICKS) + len(tail_zh)
    ws.cell(1, 1, 'ᠬᠥᠬᠡᠬᠣᠲᠠ ᠶᠢᠨ ᠴᠢᠩ ᠴᠧᠩ ᠮᠣᠩᠭᠣᠯ ᠡᠮᠨᠡᠯᠭ᠎ᠡ  内蒙古青城蒙中医医院 脊柱微创科 — '
                  '经皮椎体成形术(PVP)/经皮椎体后凸成形术(PKP) 手术登记表 2020—2022')
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(1, 1).font = Font(bold=True, size=13)
    c0 = len(head_zh) + 1
    for j, (m, z) in enumerate(zip(head_mn, head_zh)):
        ws.cell(2, j + 1, m); ws.cell(3, j + 1, z)
    ws.cell(2, c0, 'ᠨᠤᠭᠤᠯᠤᠮ 手术椎体（√ 或 注入骨水泥量 ml）')
    ws.merge_cells(start_row=2, start_column=c0, end_row=2, end_column=c0 + len(TICKS) - 1)
    for j, t in enumerate(TICKS):
        ws.cell(3, c0 + j, t)
    ct = c0 + len(TICKS)
    for j, (m, z) in enumerate(zip(tail_mn, tail_zh)):
        ws.cell(2, ct + j, m); ws.cell(3, ct + j, z)
    for r in (2, 3):
        for c in range(1, ncol + 1):
            cell = ws.cell(r, c)
            cell.font = Font(bold=True); cell.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
            cell.fill = PatternFill('solid', fgColor='DDEBF7'); cell.border = bord
    rows = []
    for p in pats:
        for s in p['sessions']:
            rows.append((s['date'], p, s))
    rows.sort(key=lambda x: (x[0], x[1]['i']))
    r = 4
    for k, (d, p, s) in enumerate(rows):
        vals = [k + 1, p['pid'], p['name'], '女' if p['sex'] == 'female' else '男',
                (f'{age_on(p["birth"], s["date"])}岁' if rng.random() < 0.3 else age_on(p['birth'], s['date'])),
                p['birth_txt'], p['rec'], p['phone'], ETIO_ZH[p['etio_detail']]]
        if s['session'] == 1 and p['i'] % 5 == 2:
            vals[8] = ETIO_ZH[p['etio_detail']] + f'（{"、".join(s["levels"])}）'
        for j, v in enumerate(vals):
            ws.cell(r, j + 1, v)
        # operation date: text (two styles) or a real date cell
        st = rng.randint(0, 2)
        if st == 2:
            ws.cell(r, 10, s['date']).number_format = 'yyyy"年"m"月"d"日"'
        else:
            ws.cell(r, 10, zh_date(s['date'], st))
        ws.cell(r, 11, '首次' if s['session'] == 1 else '再次')
        ws.cell(r, 12, 'PKP' if s['technique'] == 'kyphoplasty' else 'PVP')
        mark = 'x' if (p['i'] % 7 == 3) else '√'
        for j, l in enumerate(s['levels']):
            c = c0 + TICKS.index(l)
            if s['vol_mode'] == 'per_level':
                ws.cell(r, c, s['vols'][j])
            else:
                ws.cell(r, c, mark)
            ws.cell(r, c).fill = PatternFill('solid', fgColor='FFF2CC')
            ws.cell(r, c).alignment = Alignment(horizontal='center')
        s['w_perlevel'] = s['vol_mode'] == 'per_level'
        if s.get('e1'):
            s['w_total'] = False
            c = c0 + TICKS.index(s['levels'][0])
            errors.append(dict(sheet='手术登记', cell=f'{get_column_letter(c)}{r}', row=r,
                               column_header=s['levels'][0], value='24',
                               what='cement volume of 24 ml in a single vertebra (above 20 ml)', pid=p['pid']))
        else:
            s['w_total'] = True
            ws.cell(r, ct, round(sum(s['vols']), 1))
        if s['cement'] == 'calcium phosphate':
            ws.cell(r, ct + 1, '磷酸钙骨水泥(CPC)')
        elif s['brand'] == '天津合成':
            ws.cell(r, ct + 1, 'PMMA（天津合成）')
        else:
            ws.cell(r, ct + 1, f'PMMA（{s["brand"]}）' if rng.random() < 0.6 else s['brand'])
            if s['brand'] in ('Mendec Spine', 'Osteopal V', 'Kyphon HV-R'):
                s['t_cement'] = 'PMMA'
        if not s['leak_recorded']:
            ws.cell(r, ct + 2, '—')
        else:
            parts = []
            for l, lk in zip(s['levels'], s['leaks']):
                if lk != ['none']:
                    parts.append(l + ' ' + '+'.join(LEAK_ZH[x] for x in lk) + '渗漏')
            ws.cell(r, ct + 2, '；'.join(parts) if parts else '无')
        note = ''
        if s['session'] == 2:
            note = '新发椎体骨折，再次入院'
        elif s['cement'] == 'calcium phosphate':
            note = '年轻患者，选用可降解骨水泥'
        ws.cell(r, ct + 3, note or None)
        for c in range(1, ncol + 1):
            ws.cell(r, c).border = bord
        r += 1
    widths = {1: 5, 2: 10, 3: 16, 4: 5, 5: 6, 6: 11, 7: 9, 8: 13, 9: 24, 10: 14, 11: 8, 12: 6}
    for c, wd in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = wd
    for j in range(len(TICKS)):
        ws.column_dimensions[get_column_letter(c0 + j)].width = 5
    ws.column_dimensions[get_column_letter(ct)].width = 9
    ws.column_dimensions[get_column_letter(ct + 1)].width = 20
    ws.column_dimensions[get_column_letter(ct + 2)].width = 24
    ws.column_dimensions[get_column_letter(ct + 3)].width = 22
    ws.row_dimensions[2].height = 60
    ws.freeze_panes = 'D4'

    # ---------------- follow-up log: one row per visit
    fs = wb.create_sheet('随访')
    fs.cell(1, 1, 'ᠰᠢᠯᠭᠠᠯᠲᠠ ᠶᠢᠨ ᠲᠡᠮᠳᠡᠭᠯᠡᠯ  随访记录（VAS 0–10 分；ODI %）')
    fs.merge_cells('A1:I1'); fs.cell(1, 1).font = Font(bold=True, size=13)
    fmn = ['ᠰᠤᠳᠤᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳ᠋ᠤᠭᠠᠷ', 'ᠨᠡᠷ᠎ᠡ', 'ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ', 'ᠡᠳᠦᠷ', 'ᠥᠪᠳᠡᠯᠲᠡ VAS', 'ODI', 'ᠠᠷᠭ᠎ᠠ',
           'ᠰᠢᠨ᠎ᠡ ᠬᠤᠪᠤᠷᠠᠯ', 'ᠲᠡᠮᠳᠡᠭᠯᠡᠯ']
    fzh = ['研究编号', '姓名', '随访时间点', '随访日期', 'VAS评分', 'ODI(%)', '随访方式', '新发骨折', '备注']
    for j, (m, z) in enumerate(zip(fmn, fzh)):
        fs.cell(2, j + 1, m); fs.cell(3, j + 1, z)
        for rr in (2, 3):
            fs.cell(rr, j + 1).font = Font(bold=True)
            fs.cell(rr, j + 1).fill = PatternFill('solid', fgColor='E2EFDA')
            fs.cell(rr, j + 1).alignment = Alignment(horizontal='center', wrap_text=True)
    r = 4
    for p in pats:
        short = p['name'].split(' ')[0]
        evs = []
        for v in p['visits']:
            if v['status'] == 'dead':
                continue
            evs.append((v['date'], 0, v))
        if p['died']:
            evs.append((p['death_date'], 1, None))
        evs.sort(key=lambda x: (x[0], x[1]))
        for d, kind, v in evs:
            fs.cell(r, 1, p['pid']); fs.cell(r, 2, short)
            if kind == 1:
                fs.cell(r, 3, '死亡 ᠨᠠᠰᠤ ᠪᠠᠷᠠᠭᠰᠠᠨ')
                fs.cell(r, 4, zh_date(d, p['dstyle']))
                fs.cell(r, 7, '电话')
                fs.cell(r, 9, rng.choice(['家属电话告知去世', '家属告知：肺部感染去世', '原发病进展去世']))
                for c in range(1, 10):
                    fs.cell(r, c).fill = PatternFill('solid', fgColor='D9D9D9')
                r += 1
                continue
            fs.cell(r, 3, TP_ZH[(v['session'], v['tp'])])
            if v['status'] == 'missed':
                fs.cell(r, 4, '—'); fs.cell(r, 5, '—'); fs.cell(r, 6, '—')
                fs.cell(r, 9, rng.choice(['未复诊', '失访', '电话未接通']))
                r += 1
                continue
            if v.get('bad_date') == 'impossible':
                y, m, bd = v['bad']
                txt = f'{y}年{m}月{bd}日' if p['dstyle'] == 0 else f'{y}.{m:02d}.{bd}'
                fs.cell(r, 4, txt)
                errors.append(dict(sheet='随访', cell=f'D{r}', row=r, column_header='随访日期', value=txt,
                                   what=f'impossible date ({bd} of month {m})', pid=p['pid']))
            elif v.get('bad_date') == 'year_before':
                bd = D(d.year - 1, d.month, min(d.day, 28))
                txt = zh_date(bd, p['dstyle'])
                fs.cell(r, 4, txt)
                errors.append(dict(sheet='随访', cell=f'D{r}', row=r, column_header='随访日期', value=txt,
                                   what='follow-up visit dated before the operation', pid=p['pid']))
            else:
                fs.cell(r, 4, zh_date(d, p['dstyle']))
            fs.cell(r, 5, int(v['vas']))
            if v.get('bad_vas'):
                errors.append(dict(sheet='随访', cell=f'E{r}', row=r, column_header='VAS评分', value='12',
                                   what='VAS 12 on a 0-10 scale', pid=p['pid']))
            if v.get('odi') is not None:
                fs.cell(r, 6, v['odi'])
            elif v['tp'] != '24h':
                fs.cell(r, 6, '未查')
            fs.cell(r, 7, '住院' if v['tp'] in ('pre', '24h') else rng.choice(['门诊', '门诊', '门诊', '电话']))
            if v.get('fx_here'):
                fx = [f for f in p['fractures'] if f['date'] == v['date']][0]
                fs.cell(r, 8, f'{fx["level"]} 新发压缩骨折（MRI证实）')
                fs.cell(r, 9, '收入院行再次手术' if fx['treated'] else '保守治疗，支具')
                fs.cell(r, 8).font = Font(color='C00000')
            else:
                fs.cell(r, 8, '无' if v['tp'] != 'pre' else None)
            r += 1
    for c, wd in zip('ABCDEFGHI', [11, 10, 18, 15, 8, 8, 9, 26, 24]):
        fs.column_dimensions[c].width = wd
    fs.freeze_panes = 'A4'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    # truth adjustments: cement brand names are PMMA
    for p in pats:
        p['t_age'] = p['age']
    write_truth(outdir, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
