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
# Site: yakutsk -- one sheet per visit (patients, operation, 1/3/6/12 months, repeat operation)
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 2257
N = 25
CFG = dict(start=D(2020, 2, 1), end=D(2021, 12, 20), sched1=['pre', '1m', '3m', '6m', '12m'],
           sched2=['pre', '1m', '3m'], odi_tps=['pre', '1m', '3m', '6m', '12m'], n_err=4, n_fxonly=2, n_dead=3,
           brands=['Osteopal V', 'Vertecem V+', 'Kyphon HV-R'], p_kypho=0.3, p_perlevel=0.5,
           lvl_lo='T4', lvl_hi='L5', p_miss=0.12)

FEM = ['Слепцова Мария Егоровна', 'Иванова Сардаана Петровна', 'Николаева Анна Семёновна', 'Аргунова Туйаара Ивановна',
       'Гоголева Варвара Николаевна', 'Попова Ольга Васильевна', 'Егорова Александра Прокопьевна', 'Федорова Галина Ивановна',
       'Петрова Айталина Дмитриевна', 'Захарова Евдокия Михайловна', 'Саввинова Мотрена Егоровна', 'Кычкина Нина Гаврильевна',
       'Ефимова Марфа Алексеевна', 'Васильева Татьяна Николаевна', 'Кузьмина Людмила Петровна', 'Григорьева Вера Павловна',
       'Данилова Сахаая Иннокентьевна', 'Платонова Зоя Афанасьевна', 'Сидорова Надежда Ивановна']
MAL = ['Винокуров Айаал Николаевич', 'Слепцов Егор Егорович', 'Местников Ньургун Петрович', 'Атласов Иннокентий Иванович',
       'Тимофеев Василий Гаврильевич', 'Охлопков Прокопий Семёнович', 'Кривошапкин Кэскил Алексеевич', 'Колесов Иван Иванович',
       'Макаров Пётр Дмитриевич', 'Шадрин Николай Андреевич', 'Гоголев Семён Петрович', 'Жирков Алексей Михайлович',
       'Находкин Гаврил Егорович', 'Бурцев Дмитрий Кононович', 'Сивцев Туйгун Романович']
DIAG = {'osteo': 'Остеопоротический компрессионный перелом {lv}',
        'osteo_steroid': 'Остеопороз на фоне длительного приёма ГКС, компрессионный перелом {lv}',
        'meta_breast': 'Метастаз рака молочной железы в {lv}, патологический перелом',
        'meta_lung': 'Рак лёгкого, mts в {lv}', 'meta_prostate': 'Рак предстательной железы, mts в {lv}',
        'meta_kidney': 'Метастаз рака почки в {lv}', 'myeloma': 'Миеломная болезнь, патологический перелом {lv}',
        'trauma': 'Травматический перелом {lv} (падение с высоты)'}
LEAK_RU = {'disc': 'в диск', 'venous': 'в вены', 'paravertebral': 'паравертебрально', 'epidural': 'эпидурально',
           'foraminal': 'в межпозвонковое отверстие'}


def ru_lvl(l):
    return ('Th' + l[1:]) if l.startswith('T') else l


def ru_levels(levels, rng):
    r = [ru_lvl(l) for l in levels]
    if len(levels) == 3 and lvl_idx(levels[2]) - lvl_idx(levels[0]) == 2 and rng.random() < 0.6:
        return f'{r[0]}–{r[2]}'
    return ', '.join(r)


def ru_num(x):
    s = f'{x:.1f}'
    return s.replace('.', ',')


def ru_date_txt(d, rng):
    t = d.strftime('%d.%m.%Y')
    return t + ' г.' if rng.random() < 0.25 else t


def main(outdir):
    rng = random.Random(SEED + 1)
    pats = gen_cohort(SEED, N, CFG)
    fpool, mpool = FEM[:], MAL[:]
    rng.shuffle(fpool); rng.shuffle(mpool)
    idents = []
    for k, p in enumerate(pats):
        p['pid'] = f'ВП-{k + 1:02d}'
        p['name'] = fpool.pop() if p['sex'] == 'female' else mpool.pop()
        f, i, o = p['name'].split()
        p['short'] = f'{f} {i[0]}.{o[0]}.'
        p['hist'] = f'{rng.randint(100, 9999)}/{p["d0"].year % 100:02d}'
        p['phone'] = (f'+7 914 {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}' if rng.random() < 0.75
                      else f'8 (4112) {rng.randint(20, 49)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}')
        idents += [('name', p['name']), ('name', p['short']), ('record_number', p['hist']), ('phone', p['phone']),
                   ('birth_date', p['birth'].strftime('%d.%m.%Y'))]
        for s in p['sessions']:
            s['w_perlevel'] = s['vol_mode'] == 'per_level'
            s['w_total'] = s['vol_mode'] == 'total'
        # VAS recorded in millimetres (0-100)
        for v in p['visits']:
            if v.get('vas') is not None:
                v['vas'] = float(max(0, min(100, int(v['vas']) * 10 + rng.randint(-4, 4))))
    err = [p for p in pats if 'err' in p['roles']]
    errors = []

    def force_done(p, tp):
        v = [v for v in p['visits'] if v['tp'] == tp and v['session'] == 1][0]
        if v['status'] != 'done':
            v['status'] = 'done'; v['vas'] = 31.0; v['odi'] = 24
        return v
    e1v = force_done(err[0], '3m'); e1v['odi'] = 130; e1v['bad_odi'] = True
    s = err[1]['sessions'][0]
    s['levels'] = ['T13']; s['vols'] = [4.0]; s['leaks'] = [['none']]; s['e_level'] = True
    e3v = force_done(err[2], '1m'); e3v['bad_before'] = True
    s = err[3]['sessions'][0]
    s['levels'] = s['levels'][:1]; s['vols'] = [22.0]; s['leaks'] = s['leaks'][:1]; s['e_vol'] = True
    s['w_perlevel'], s['w_total'] = True, False
    for p in pats:
        if not p['roles'] and len(p['sessions'][0]['levels']) == 1:
            p['sessions'][0]['leak_recorded'] = False
            break

    thin = Side(style='thin', color='808080')
    bord = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = openpyxl.Workbook()
    TITLE = ('«Туймаада» клиническай балыыһата, нейрохирургия салаата / ГАУ РС(Я) «Туймаадинская клиническая больница», '
             'нейрохирургическое отделение. Вертебропластика / кифопластика 2020–2022')

    def sheet(title, sakha, russian, subtitle):
        ws = wb.create_sheet(title)
        ws.cell(1, 1, TITLE).font = Font(bold=True)
        ws.cell(2, 1, subtitle).font = Font(italic=True)
        for j, (a, b) in enumerate(zip(sakha, russian)):
            for rr, t in ((3, a), (4, b)):
                c = ws.cell(rr, j + 1, t)
                c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
                c.fill = PatternFill('solid', fgColor='FCE4D6' if rr == 3 else 'F8CBAD'); c.border = bord
            ws.column_dimensions[get_column_letter(j + 1)].width = max(10, min(34, len(b) + 4))
        ws.freeze_panes = 'C5'
        return ws

    def date_cell(ws, r, c, d):
        if rng.random() < 0.55:
            x = ws.cell(r, c, dt.datetime.combine(d, dt.time())); x.number_format = 'DD.MM.YYYY'
        else:
            ws.cell(r, c, ru_date_txt(d, rng))

    wb.remove(wb.active)
    # ---- patients
    ws = sheet('Пациенты',
               ['Н/н', 'Шифр', 'Аата-суола', 'Төрөөбүт күнэ', 'Эр/дьахтар', 'Сааһа', 'Ыарыы историятын нүөмэрэ',
                'Телефон', 'Диагноз', 'Түмүгэ'],
               ['№ п/п', 'Шифр', 'ФИО', 'Дата рождения', 'Пол', 'Возраст, лет', '№ истории болезни', 'Телефон',
                'Диагноз', 'Исход'], 'Список пациентов / Ыарыһахтар испииһэктэрэ')
    for k, p in enumerate(pats):
        r = 5 + k
        s1 = p['sessions'][0]
        vals = [k + 1, p['pid'], p['name'], None, 'ж' if p['sex'] == 'female' else 'м', p['age'], p['hist'], p['phone'],
                DIAG[p['etio_detail']].format(lv=ru_levels(s1['levels'], random.Random(p['i'])) if not s1.get('e_level') else 'Th12')]
        for j, v in enumerate(vals):
            ws.cell(r, j + 1, v)
        x = ws.cell(r, 4, dt.datetime.combine(p['birth'], dt.time())); x.number_format = 'DD.MM.YYYY'
        if p['died']:
            ws.cell(r, 10, f'{"умерла" if p["sex"] == "female" else "умер"} {p["death_date"].strftime("%d.%m.%Y")}')
        else:
            ws.cell(r, 10, 'жива' if p['sex'] == 'female' else 'жив')
    ws.column_dimensions['I'].width = 52
    ws.column_dimensions['C'].width = 34
    if True:
        # the ill-formed diagnosis fix above keeps the diagnosis readable for the T13 patient: it names Th12
        pass
    # ---- operation
    ws = sheet('Операция',
               ['Шифр', 'Аата-суола', 'Эпэрээссийэ күнэ', 'Таһыма', 'Ньыма', 'Цемент', 'Цемент, мл', 'Цемент тахсыыта',
                'Ыарыы (ВАШ), мм', 'ODI, %'],
               ['Шифр', 'ФИО', 'Дата операции', 'Уровень', 'Методика', 'Цемент', 'Объём цемента, мл',
                'Экстравазация цемента', 'ВАШ до операции, мм', 'ODI до операции, %'],
               'Первичная операция / Бастакы эпэрээссийэ')

    def op_cells(ws, r, c0, p, s):
        date_cell(ws, r, c0, s['date'])
        lvtxt = ru_levels(s['levels'], rng)
        ws.cell(r, c0 + 1, lvtxt)
        if s.get('e_level'):
            errors.append(dict(sheet=ws.title, cell=f'{get_column_letter(c0 + 1)}{r}', row=r, column_header='Уровень',
                               value=lvtxt, what='vertebral level Th13 does not exist', pid=p['pid']))
        ws.cell(r, c0 + 2, rng.choice(['ВП', 'вертебропластика']) if s['technique'] == 'vertebroplasty'
                else rng.choice(['КП', 'баллонная кифопластика']))
        ws.cell(r, c0 + 3, 'кальций-фосфатный' if s['cement'] == 'calcium phosphate'
                else rng.choice([f'ПММА ({s["brand"]})', s['brand']]))
        if len(s['levels']) == 1:
            vt = ru_num(s['vols'][0])
        elif s['w_perlevel']:
            vt = ' / '.join(ru_num(v) for v in s['vols'])
        else:
            vt = f'{ru_num(sum(s["vols"]))} (всего)'
        ws.cell(r, c0 + 4, vt)
        if s.get('e_vol'):
            errors.append(dict(sheet=ws.title, cell=f'{get_column_letter(c0 + 4)}{r}', row=r,
                               column_header='Объём цемента, мл', value=vt,
                               what='22 ml of cement in one vertebra (above 20 ml)', pid=p['pid']))
        if not s['leak_recorded']:
            lt = 'н/д'
        else:
            parts = []
            for l, lk in zip(s['levels'], s['leaks']):
                if lk != ['none']:
                    parts.append(' и '.join(LEAK_RU[x] for x in lk) + (f' ({ru_lvl(l)})' if len(s['levels']) > 1 else ''))
            lt = '; '.join(parts) if parts else 'нет'
        ws.cell(r, c0 + 5, lt)

    for k, p in enumerate(pats):
        r = 5 + k
        s1 = p['sessions'][0]
        ws.cell(r, 1, p['pid']); ws.cell(r, 2, p['short'])
        op_cells(ws, r, 3, p, s1)
        pre = [v for v in p['visits'] if v['session'] == 1 and v['tp'] == 'pre'][0]
        ws.cell(r, 9, int(pre['vas'])); ws.cell(r, 10, pre['odi'])
    # ---- visit sheets
    for tp, sname, sak in (('1m', '1 мес', '1 ый'), ('3m', '3 мес', '3 ый'), ('6m', '6 мес', '6 ый'), ('12m', '12 мес', '1 сыл')):
        ws = sheet(sname,
                   ['Шифр', 'Аата-суола', 'Көрүү күнэ', 'Ыарыы (ВАШ), мм', 'ODI, %', 'Саҥа тостуу', 'Бэлиэтээһин'],
                   ['Шифр', 'ФИО', 'Дата осмотра', 'ВАШ, мм', 'ODI, %', 'Новый перелом', 'Примечание'],
                   f'Контрольный осмотр через {sname.replace(" мес", " мес.")} после операции / эпэрээссийэ кэнниттэн {sak}')
        for k, p in enumerate(pats):
            r = 5 + k
            ws.cell(r, 1, p['pid']); ws.cell(r, 2, p['short'])
            vs = [v for v in p['visits'] if v['session'] == 1 and v['tp'] == tp]
            if not vs:
                ws.cell(r, 7, 'см. лист «Повторная операция»')
                for c in range(1, 8):
                    ws.cell(r, c).fill = PatternFill('solid', fgColor='DDEBF7')
                continue
            v = vs[0]
            if v['status'] == 'dead':
                if v is [w for w in p['visits'] if w['status'] == 'dead'][0]:
                    ws.cell(r, 7, f'{"умерла" if p["sex"] == "female" else "умер"} {p["death_date"].strftime("%d.%m.%Y")}')
                else:
                    ws.cell(r, 7, '†')
                for c in range(1, 8):
                    ws.cell(r, c).fill = PatternFill('solid', fgColor='BFBFBF')
                continue
            if v['status'] == 'missed':
                ws.cell(r, 3, '—'); ws.cell(r, 4, 'н/д'); ws.cell(r, 5, 'н/д')
                ws.cell(r, 7, rng.choice(['не явился' if p['sex'] == 'male' else 'не явилась', 'выбыл(а) в улус',
                                          'на звонки не отвечает']))
                continue
            if v.get('bad_before'):
                d = v['date']
                pm = (d.month - 2) % 12 + 1
                py = d.year - (1 if d.month == 1 else 0)
                txt = f'{min(d.day, 28):02d}.{pm:02d}.{py}'
                ws.cell(r, 3, txt)
                errors.append(dict(sheet=sname, cell=f'C{r}', row=r, column_header='Дата осмотра', value=txt,
                                   what='follow-up visit dated before the operation', pid=p['pid']))
            else:
                date_cell(ws, r, 3, v['date'])
            ws.cell(r, 4, int(v['vas']))
            ws.cell(r, 5, v['odi'] if v.get('odi') is not None else 'н/д')
            if v.get('bad_odi'):
                errors.append(dict(sheet=sname, cell=f'E{r}', row=r, column_header='ODI, %', value='130',
                                   what='ODI 130 % (scale is 0-100)', pid=p['pid']))
            if v.get('fx_here'):
                fx = [f for f in p['fractures'] if f['date'] == v['date']][0]
                ws.cell(r, 6, f'{ru_lvl(fx["level"])} (МРТ)')
                ws.cell(r, 7, 'госпитализирован(а) для повторной операции' if fx['treated'] else 'корсет, консервативно')
            else:
                ws.cell(r, 6, 'нет')
    # ---- repeat operations (multi-row header)
    ws = wb.create_sheet('Повторная операция')
    ws.cell(1, 1, TITLE).font = Font(bold=True)
    ws.cell(2, 1, 'Повторная операция по поводу нового перелома / Саҥа тостуу иһин иккис эпэрээссийэ').font = Font(italic=True)
    groups = [('', 2), ('Новый перелом', 1), ('Операция', 6), ('До операции', 2), ('1 мес. после', 3), ('3 мес. после', 3)]
    cols = ['Шифр', 'ФИО', 'Дата выявления', 'Дата операции', 'Уровень', 'Методика', 'Цемент', 'Объём цемента, мл',
            'Экстравазация цемента', 'ВАШ, мм', 'ODI, %', 'Дата осмотра', 'ВАШ, мм', 'ODI, %', 'Дата осмотра', 'ВАШ, мм', 'ODI, %']
    c = 1
    for g, w in groups:
        ws.cell(3, c, g or None)
        if w > 1: ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + w - 1)
        c += w
    for j, h in enumerate(cols):
        for rr in (3, 4):
            x = ws.cell(rr, j + 1)
            x.font = Font(bold=True); x.alignment = Alignment(wrap_text=True, horizontal='center'); x.border = bord
            x.fill = PatternFill('solid', fgColor='E2EFDA')
        ws.cell(4, j + 1, h)
        ws.column_dimensions[get_column_letter(j + 1)].width = 14
    r = 5
    for p in pats:
        if len(p['sessions']) < 2: continue
        s2 = p['sessions'][1]
        ws.cell(r, 1, p['pid']); ws.cell(r, 2, p['short'])
        fx = [f for f in p['fractures'] if f['treated']][0]
        date_cell(ws, r, 3, fx['date'])
        op_cells(ws, r, 4, p, s2)
        for v in p['visits']:
            if v['session'] != 2: continue
            c0 = {'pre': 10, '1m': 12, '3m': 15}[v['tp']]
            if v['tp'] != 'pre':
                if v['status'] == 'missed':
                    ws.cell(r, c0, 'не явилась' if p['sex'] == 'female' else 'не явился'); continue
                date_cell(ws, r, c0, v['date']); c0 += 1
            ws.cell(r, c0, int(v['vas'])); ws.cell(r, c0 + 1, v['odi'] if v.get('odi') is not None else 'н/д')
        r += 1
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents, vas_div=10.0)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
