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
# Site: kandy -- register laid across: one column per patient, fields down the rows
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.comments import Comment

SEED = 2243
N = 23
CFG = dict(start=D(2019, 7, 1), end=D(2022, 2, 28), sched1=['pre', '2w', '6w', '3m', '6m'],
           sched2=['pre', '6w'], odi_tps=['pre', '6w', '3m', '6m'], n_err=4, n_fxonly=2, n_dead=3,
           brands=['Osteopal V', 'Vertecem V+', 'Simplex P'], p_kypho=0.12, p_perlevel=0.5,
           lvl_lo='T5', lvl_hi='L5', p_miss=0.15)

NAMES_F = [('si', 'W.M. Somawathie'), ('si', 'K.A. Podi Menike'), ('si', 'H.M. Kusumawathi'), ('si', 'R.P. Seelawathie'),
           ('si', 'D.M. Karunawathie'), ('ta', 'S. Pushpavalli'), ('ta', 'K. Saraswathy'), ('si', 'A.G. Leelawathie'),
           ('si', 'M.G. Premawathie'), ('si', 'T.B. Dingiri Amma'), ('ta', 'R. Kamaladevi'), ('si', 'U.G. Chandrawathie'),
           ('si', 'P.M. Jayawathie'), ('mu', 'M.F. Fathima Rizna'), ('si', 'E.M. Swarnalatha'), ('si', 'B.M. Heen Menike'),
           ('ta', 'V. Meenakshi'), ('si', 'S.M. Kamala')]
NAMES_M = [('si', 'K.A. Premadasa'), ('ta', 'S. Tharmalingam'), ('si', 'W.M. Banda'), ('si', 'H.G. Gunapala'),
           ('mu', 'M.I. Mohamed Nizar'), ('si', 'R.M. Tikiri Banda'), ('si', 'D.P. Wijeratne'), ('ta', 'P. Rajendran'),
           ('si', 'A.M. Sirisena'), ('si', 'J.A. Karunaratne')]
TOWNS = ['Peradeniya', 'Katugastota', 'Gampola', 'Kundasale', 'Matale', 'Nawalapitiya', 'Digana', 'Pilimathalawa',
         'Kadugannawa', 'Akurana', 'Teldeniya', 'Wattegama', 'Hatton', 'Gelioya']
DIAG = {'osteo': 'Osteoporotic compression # {lv}', 'osteo_steroid': 'Osteoporotic # {lv} (long term steroids - asthma)',
        'meta_breast': 'Ca breast - spinal secondaries {lv}', 'meta_lung': 'Ca lung with vertebral mets {lv}',
        'meta_prostate': 'Ca prostate - secondary deposits', 'meta_kidney': 'RCC metastasis {lv}',
        'myeloma': 'Multiple myeloma - pathological # {lv}', 'trauma': 'Fall from jak tree - # {lv}'}
LEAK_EN = {'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral', 'epidural': 'Epidural', 'foraminal': 'Foraminal'}


def nic_old(rng, birth, sex):
    doy = birth.timetuple().tm_yday
    if birth.year % 4 != 0 and birth.month > 2:
        doy += 1  # the NIC day count always includes 29 February
    if sex == 'female':
        doy += 500
    return f'{birth.year % 100:02d}{doy:03d}{rng.randint(0, 9999):04d}V'


def lv_text(levels, rng):
    if len(levels) == 3 and lvl_idx(levels[2]) - lvl_idx(levels[0]) == 2 and rng.random() < 0.7:
        return f'{levels[0]}-{levels[2]}'
    return ', '.join(levels)


def main(outdir):
    rng = random.Random(SEED + 1)
    pats = gen_cohort(SEED, N, CFG)
    fpool, mpool = NAMES_F[:], NAMES_M[:]
    rng.shuffle(fpool); rng.shuffle(mpool)
    idents = []
    err = [p for p in pats if 'err' in p['roles']]
    errors = []
    # E1: one column has no study number
    err[0]['no_id'] = True
    k = 0
    for p in pats:
        if p.get('no_id'):
            p['pid'] = None
        else:
            k += 1
            p['pid'] = f'SKT/VP/{k:02d}'
        p['lang'], p['name'] = (fpool.pop() if p['sex'] == 'female' else mpool.pop())
        p['clinic'] = f'NSC {rng.randint(1000, 9999)}'
        p['bht'] = f'W{rng.choice([12, 14, 33, 34])}/{rng.randint(1000, 9999)}/{p["d0"].year % 100:02d}'
        p['nic'] = nic_old(rng, p['birth'], p['sex'])
        p['phone'] = rng.choice(['077', '071', '072', '076', '081']) + ' ' + f'{rng.randint(1000000, 9999999)}'
        p['town'] = rng.choice(TOWNS)
        p['dstyle'] = rng.choice(['cell', 'cell', 'dmy', 'iso'])
        idents += [('name', p['name']), ('record_number', p['clinic']), ('record_number', p['bht']),
                   ('national_id', p['nic']), ('phone', p['phone']), ('address', p['town'])]
        for s in p['sessions']:
            s['w_perlevel'] = s['vol_mode'] == 'per_level'
            s['w_total'] = s['vol_mode'] == 'total'
    # E2: T13
    s = err[1]['sessions'][0]
    s['levels'] = ['T13']; s['vols'] = [3.5]; s['leaks'] = [['none']]; s['e_level'] = True
    s['w_perlevel'], s['w_total'] = True, False

    def force_done(p, tp):
        v = [v for v in p['visits'] if v['tp'] == tp and v['session'] == 1][0]
        if v['status'] != 'done':
            v['status'] = 'done'; v['vas'] = 3.0; v['odi'] = 24 if tp in CFG['odi_tps'] else None
        return v
    e3v = force_done(err[2], '6w'); e3v['vas'] = 12.0; e3v['bad_vas'] = True
    e4p, e4v, e4bad = plant_impossible_date([err[3]], ['3m', '6m', '6w'], spread=14)
    e4v['bad_date'] = e4bad
    # a session where leakage was not documented
    for p in pats:
        if not p['roles'] and len(p['sessions'][0]['levels']) == 1:
            p['sessions'][0]['leak_recorded'] = False
            break

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'VP register'
    ws.sheet_properties.tabColor = '8B0000'
    thin = Side(style='thin', color='A6A6A6')
    bord = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(1, 1, 'සෙංකඩගල ශික්ෂණ රෝහල – ස්නායු ශල්‍ය ඒකකය  |  Senkadagala Teaching Hospital, Kandy – Neurosurgical Unit')
    ws.cell(2, 1, 'කශේරුකා සිමෙන්ති ශල්‍යකර්ම ලේඛනය / முள்ளெலும்பு சீமெந்து சிகிச்சை பதிவேடு / '
                  'Vertebroplasty & kyphoplasty register 2019-2022 (one column per patient)')
    ws.cell(1, 1).font = Font(bold=True, size=13)
    ws.cell(2, 1).font = Font(italic=True)
    ROWS = []  # (key, label, kind)   kind: 'sec' section header, 'f' field

    def sec(label):
        ROWS.append((None, label, 'sec'))

    def fld(key, label):
        ROWS.append((key, label, 'f'))
    sec('රෝගියාගේ විස්තර / நோயாளர் விபரம் / Patient details')
    fld('serial', 'අනු අංකය / வரிசை எண் / Serial No')
    fld('pid', 'අධ්‍යයන අංකය / ஆய்வு இலக்கம் / Study No')
    fld('name', 'නම / பெயர் / Name')
    fld('clinic', 'සායන අංකය / கிளினிக் இலக்கம் / Clinic No')
    fld('bht', 'ඇඳ පත්‍ර අංකය / BHT இலக்கம் / BHT No')
    fld('nic', 'ජා.හැ.අ. / தே.அ.அ. / NIC No')
    fld('age', 'වයස / வயது / Age (yrs)')
    fld('sex', 'ස්ත්‍රී/පුරුෂ / பால் / Sex')
    fld('phone', 'දුරකථන / தொலைபேசி / Telephone')
    fld('town', 'ලිපිනය / முகவரி / Address (town)')
    fld('diag', 'රෝග විනිශ්චය / நோய் நிர்ணயம் / Diagnosis')
    sec('පළමු ශල්‍යකර්මය / முதலாவது சிகிச்சை / Procedure 1')
    fld('s1_date', 'දිනය / திகதி / Date')
    fld('s1_lvl', 'කශේරුකාව / முள்ளெலும்பு / Level(s)')
    fld('s1_tech', 'ක්‍රමය / முறை / Technique (VP/KP)')
    fld('s1_cem', 'සිමෙන්ති වර්ගය / சீமெந்து வகை / Cement')
    fld('s1_vol', 'සිමෙන්ති ml / சீமெந்து ml / Cement volume (ml)')
    fld('s1_leak', 'කාන්දුව / கசிவு / Cement leak')
    fld('s1_vas_pre', 'VAS – ශල්‍යකර්මයට පෙර / சிகிச்சைக்கு முன் / pre-op (0-10)')
    fld('s1_odi_pre', 'ODI % – ශල්‍යකර්මයට පෙර / சிகிச்சைக்கு முன் / pre-op')
    TPL = {'2w': 'සති 2 / 2 வாரங்கள் / 2 weeks', '6w': 'සති 6 / 6 வாரங்கள் / 6 weeks',
           '3m': 'මාස 3 / 3 மாதங்கள் / 3 months', '6m': 'මාස 6 / 6 மாதங்கள் / 6 months'}
    sec('පසු විපරම / தொடர் கண்காணிப்பு / Follow-up after procedure 1')
    for tp in ['2w', '6w', '3m', '6m']:
        fld(f's1_{tp}_date', f'{TPL[tp]} – Date')
        fld(f's1_{tp}_vas', f'{TPL[tp]} – VAS')
        if tp != '2w':
            fld(f's1_{tp}_odi', f'{TPL[tp]} – ODI %')
    fld('newfx', 'නව අස්ථි බිඳීම / புதிய முறிவு / New fracture (level, date)')
    sec('දෙවන ශල්‍යකර්මය / இரண்டாவது சிகிச்சை / Procedure 2 (new fracture)')
    fld('s2_date', 'දිනය / திகதி / Date')
    fld('s2_lvl', 'කශේරුකාව / முள்ளெலும்பு / Level(s)')
    fld('s2_tech', 'ක්‍රමය / முறை / Technique (VP/KP)')
    fld('s2_cem', 'සිමෙන්ති වර්ගය / சீமெந்து வகை / Cement')
    fld('s2_vol', 'සිමෙන්ති ml / சீமெந்து ml / Cement volume (ml)')
    fld('s2_leak', 'කාන්දුව / கசிவு / Cement leak')
    fld('s2_vas_pre', 'VAS – pre-op (procedure 2)')
    fld('s2_odi_pre', 'ODI % – pre-op (procedure 2)')
    fld('s2_6w_date', 'සති 6 / 6 வாரங்கள் / 6 weeks after procedure 2 – Date')
    fld('s2_6w_vas', '6 weeks after procedure 2 – VAS')
    fld('s2_6w_odi', '6 weeks after procedure 2 – ODI %')
    sec('ප්‍රතිඵලය / விளைவு / Outcome')
    fld('death', 'මරණය / மரணம் / Death (date, cause)')
    fld('remarks', 'සටහන් / குறிப்புகள் / Remarks')
    rowof = {}
    R0 = 4
    for j, (key, label, kind) in enumerate(ROWS):
        r = R0 + j
        c = ws.cell(r, 1, label)
        c.alignment = Alignment(wrap_text=True, vertical='center')
        if kind == 'sec':
            c.font = Font(bold=True, color='FFFFFF')
            for cc in range(1, N + 2):
                ws.cell(r, cc).fill = PatternFill('solid', fgColor='1F4E78')
        else:
            c.font = Font(bold=True)
            rowof[key] = r
    ws.column_dimensions['A'].width = 52

    def put_date(c, r, d, style):
        if style == 'cell':
            x = ws.cell(r, c, dt.datetime.combine(d, dt.time())); x.number_format = 'yyyy-mm-dd'
        elif style == 'dmy':
            ws.cell(r, c, d.strftime('%d/%m/%Y'))
        else:
            ws.cell(r, c, d.strftime('%Y-%m-%d'))

    def vol_text(s):
        if not s['w_perlevel'] and not s['w_total']:
            return 'not noted'
        if len(s['levels']) == 1:
            return s['vols'][0]
        if s['w_perlevel']:
            return ', '.join(f'{l} - {fmt_num(v)}' for l, v in zip(s['levels'], s['vols']))
        return f'{fmt_num(round(sum(s["vols"]), 1))} (total)'

    def leak_text(s):
        if not s['leak_recorded']:
            return 'not documented'
        parts = []
        for l, lk in zip(s['levels'], s['leaks']):
            if lk != ['none']:
                parts.append(' + '.join(LEAK_EN[x] for x in lk) + (f' ({l})' if len(s['levels']) > 1 else ''))
        return '; '.join(parts) if parts else rng.choice(['Nil', 'Nil', 'No leak', 'none'])

    def cem_text(s):
        if s['cement'] == 'calcium phosphate':
            return 'Calcium phosphate'
        return rng.choice([f'PMMA ({s["brand"]})', s['brand'], f'PMMA - {s["brand"]}'])

    SEX = {('female', 'si'): ['F', 'F', 'ස්ත්‍රී'], ('male', 'si'): ['M', 'M', 'පුරුෂ'], ('female', 'ta'): ['F', 'பெண்'],
           ('male', 'ta'): ['M', 'ஆண்'], ('female', 'mu'): ['F'], ('male', 'mu'): ['M']}
    MISSED = ['did not come', 'නොපැමිණි', 'LTFU', 'not seen', 'වරදින ලදී']
    for k, p in enumerate(pats):
        c = 2 + k
        ws.column_dimensions[get_column_letter(c)].width = 20
        put = lambda key, val: ws.cell(rowof[key], c, val)
        put('serial', k + 1)
        if p['pid']:
            put('pid', p['pid'])
        else:
            errors.append(dict(sheet='VP register', cell=f'{get_column_letter(c)}{rowof["pid"]}', row=rowof['pid'],
                               column_header=[l for kk, l, _ in ROWS if kk == 'pid'][0], value='',
                               what='patient column filled in but without a study number', pid=''))
        put('name', p['name']); put('clinic', p['clinic']); put('bht', p['bht']); put('nic', p['nic'])
        put('age', p['age'])
        put('sex', rng.choice(SEX[(p['sex'], p['lang'])]))
        put('phone', p['phone']); put('town', p['town'])
        s1 = p['sessions'][0]
        put('diag', DIAG[p['etio_detail']].format(lv=lv_text(s1['levels'], random.Random(p['i']))).strip())
        for s in p['sessions']:
            pre = 's1' if s['session'] == 1 else 's2'
            put_date(c, rowof[f'{pre}_date'], s['date'], p['dstyle'])
            put(f'{pre}_lvl', lv_text(s['levels'], rng))
            if s.get('e_level'):
                errors.append(dict(sheet='VP register', cell=f'{get_column_letter(c)}{rowof[pre + "_lvl"]}',
                                   row=rowof[pre + '_lvl'], column_header=[l for kk, l, _ in ROWS if kk == pre + '_lvl'][0],
                                   value='T13', what='vertebral level T13 does not exist', pid=p['pid'] or ''))
            put(f'{pre}_tech', 'KP' if s['technique'] == 'kyphoplasty' else 'VP')
            put(f'{pre}_cem', cem_text(s))
            put(f'{pre}_vol', vol_text(s))
            put(f'{pre}_leak', leak_text(s))
        if len(p['sessions']) == 1:
            for key in ['s2_date', 's2_lvl', 's2_tech', 's2_cem', 's2_vol', 's2_leak']:
                put(key, '-' if key == 's2_date' else None)
        for v in p['visits']:
            pre = 's1' if v['session'] == 1 else 's2'
            if v['tp'] == 'pre':
                put(f'{pre}_vas_pre', int(v['vas']))
                if v.get('odi') is not None: put(f'{pre}_odi_pre', v['odi'])
                continue
            dk, vk, ok = f'{pre}_{v["tp"]}_date', f'{pre}_{v["tp"]}_vas', f'{pre}_{v["tp"]}_odi'
            if v['status'] == 'dead':
                put(dk, 'died'); continue
            if v['status'] == 'missed':
                put(dk, rng.choice(MISSED)); put(vk, '-')
                continue
            if v.get('bad_date'):
                y, m, bd = v['bad_date']
                txt = f'{bd:02d}/{m:02d}/{y}'
                put(dk, txt)
                errors.append(dict(sheet='VP register', cell=f'{get_column_letter(c)}{rowof[dk]}', row=rowof[dk],
                                   column_header=[l for kk, l, _ in ROWS if kk == dk][0], value=txt,
                                   what='impossible date', pid=p['pid'] or ''))
            else:
                put_date(c, rowof[dk], v['date'], p['dstyle'])
            put(vk, int(v['vas']))
            if v.get('bad_vas'):
                errors.append(dict(sheet='VP register', cell=f'{get_column_letter(c)}{rowof[vk]}', row=rowof[vk],
                                   column_header=[l for kk, l, _ in ROWS if kk == vk][0], value='12',
                                   what='VAS 12 on a 0-10 scale', pid=p['pid'] or ''))
            if ok in rowof:
                put(ok, v['odi'] if v.get('odi') is not None else '-')
        if len(p['sessions']) > 1:
            # session-1 visits that fell after procedure 2
            for tp in ['2w', '6w', '3m', '6m']:
                if not any(v['session'] == 1 and v['tp'] == tp for v in p['visits']):
                    put(f's1_{tp}_date', 'see procedure 2')
        fxs = []
        for fx in p['fractures']:
            fxs.append(f'{fx["level"]} on {fx["date"].strftime("%Y-%m-%d") if p["dstyle"] != "dmy" else fx["date"].strftime("%d/%m/%Y")}')
        put('newfx', '; '.join(fxs) if fxs else 'No')
        if p['died']:
            dd = p['death_date'].strftime('%Y-%m-%d') if p['dstyle'] != 'dmy' else p['death_date'].strftime('%d/%m/%Y')
            put('death', f'Died {dd} ({rng.choice(["pneumonia", "disease progression", "at home - informed by son", "MI"])})')
            for rr in range(R0, R0 + len(ROWS)):
                if ws.cell(rr, c).fill.fgColor.rgb in (None, '00000000'):
                    ws.cell(rr, c).fill = PatternFill('solid', fgColor='EDEDED')
        else:
            put('death', rng.choice(['Alive', 'alive', '-']))
        rem = []
        if any(fx['treated'] for fx in p['fractures']):
            rem.append('readmitted for new # - procedure 2')
        if any(not fx['treated'] for fx in p['fractures']):
            rem.append('new # managed with brace')
        if p['lang'] == 'ta':
            rem.append('Tamil speaking - son translates')
        put('remarks', '; '.join(rem) if rem else None)
        for rr in range(R0, R0 + len(ROWS)):
            ws.cell(rr, c).border = bord
            ws.cell(rr, c).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
    ws.cell(rowof['s1_vol'], 1).comment = Comment('Volume per level where noted (e.g. T12 - 3.5, L1 - 4); '
                                                   'otherwise the total for the procedure.', 'Registrar')
    ws.freeze_panes = 'B4'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
