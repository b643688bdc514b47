# ---------------------------------------------------------------------------
# simulation core (same in every one of our sites; the writer below is local)
# ---------------------------------------------------------------------------
import random, datetime as dt, csv, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ([f'C{i}' for i in range(1, 8)] + [f'T{i}' for i in range(1, 13)]
          + [f'L{i}' for i in range(1, 6)] + ['S1'])
START_LEVELS = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12',
                'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']
WINDOW = {'24h': (1, 1), '1w': (6, 9), '2w': (13, 17), '6w': (40, 47), '1m': (27, 38),
          '3m': (84, 104), '6m': (172, 200), '12m': (350, 395)}
VAS_DROP = {'24h': (2, 4), '1w': (3, 5), '2w': (3, 5), '6w': (4, 6), '1m': (4, 6),
            '3m': (4, 6), '6m': (4, 7), '12m': (5, 7)}
ODI_DROP = {'24h': (5, 12), '1w': (8, 16), '2w': (10, 18), '6w': (14, 26), '1m': (14, 26),
            '3m': (20, 34), '6m': (22, 38), '12m': (24, 40)}
LEAKS = ['disc', 'venous', 'paravertebral', 'disc', 'venous', 'epidural']


def shift(l, k):
    i = LEVELS.index(l) + k
    return LEVELS[i] if 0 <= i < len(LEVELS) else None


def gen_patients(rng, n, d0, d1, cut, vas_tps, odi_tps=(), mob_tps=(), vas2_tps=None,
                 odi2_tps=None, mob2_tps=None, p_kypho=0.3, second=(), extra_fx=(), deaths=(),
                 etiol=None, p_miss=0.15, vol_step=0.5):
    """Return list of patient dicts. second/extra_fx/deaths: patient indices."""
    vas2_tps = vas_tps if vas2_tps is None else vas2_tps
    odi2_tps = odi_tps if odi2_tps is None else odi2_tps
    mob2_tps = mob_tps if mob2_tps is None else mob2_tps
    span = (d1 - d0).days
    dates = sorted(d0 + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        if etiol and i in etiol:
            e = etiol[i]
        else:
            r = rng.random()
            e = ('osteoporotic' if r < 0.62 else 'pathologic' if r < 0.82
                 else 'traumatic' if r < 0.93 else 'other')
        sex = 'female' if rng.random() < (0.75 if e == 'osteoporotic' else 0.5) else 'male'
        age = {'osteoporotic': rng.randint(62, 89), 'pathologic': rng.randint(48, 81),
               'traumatic': rng.randint(44, 76), 'other': rng.randint(38, 70)}[e]
        p = dict(idx=i, sex=sex, age=age, etiology=e, date=dates[i], sessions=[],
                 fractures=[], died=False, death_day=None)
        # death
        if i in deaths:
            p['died'] = True
            maxd = (cut - dates[i]).days - 5
            p['death_day'] = rng.randint(min(60, maxd - 1), min(420, maxd))
        limit = p['death_day'] if p['died'] else (cut - dates[i]).days
        # first session
        nlev = rng.choice([1, 1, 1, 1, 1, 2, 2, 2, 3])
        if e == 'other':
            nlev = 1
        top = rng.choice(START_LEVELS)
        levs = [top] + [shift(top, k) for k in range(1, nlev)]
        levs = [l for l in levs if l and l != 'S1']
        tech = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
        sessions = [make_session(rng, 1, 0, levs, tech, limit, vas_tps, odi_tps, mob_tps,
                                 e, p_miss, vol_step)]
        # new fractures / second session
        if i in second or i in extra_fx:
            lo, hi = 40, min(260, limit - 40)
            fd = rng.randint(lo, max(lo, hi))
            cand = [shift(levs[0], -1), shift(levs[-1], 1), shift(levs[0], -2)]
            cand = [c for c in cand if c and c[0] in 'TL']
            fl = rng.choice(cand)
            p['fractures'].append((fd, fl))
            if i in second:
                sd = fd + rng.randint(3, 18)
                tech2 = tech if rng.random() < 0.8 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                sessions.append(make_session(rng, 2, sd, [fl], tech2, limit - sd, vas2_tps,
                                             odi2_tps, mob2_tps, e, p_miss, vol_step))
        p['sessions'] = sessions
        pts.append(p)
    return pts


def make_session(rng, sn, day, levs, tech, limit, vas_tps, odi_tps, mob_tps, e, p_miss, vol_step):
    vols = []
    for l in levs:
        base = 2.0 if l[0] == 'T' and int(l[1:]) < 10 else 3.0
        v = base + vol_step * rng.randint(0, int(3.0 / vol_step))
        if tech == 'kyphoplasty':
            v += 1.0
        vols.append(round(v, 1))
    leaks = []
    for l in levs:
        leaks.append('none' if rng.random() < 0.78 else rng.choice(LEAKS))
    pre_vas = rng.randint(7, 10) if e == 'pathologic' else rng.randint(7, 9)
    pre_odi = 2 * rng.randint(22, 41)
    pre_mob = rng.randint(0, 2)
    tps_all = [t for t in ['24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
               if t in vas_tps or t in odi_tps or t in mob_tps]
    visits = {'pre': 0}
    for t in tps_all:
        a, b = WINDOW[t]
        vd = rng.randint(a, b)
        if vd > limit:
            continue
        if t != '24h' and rng.random() < p_miss:
            continue
        visits[t] = vd
    scores = {}
    for t in visits:
        if t == 'pre':
            v, o, m = pre_vas, pre_odi, pre_mob
        else:
            v = max(0, pre_vas - rng.randint(*VAS_DROP[t]))
            o = max(6, pre_odi - 2 * (rng.randint(*ODI_DROP[t]) // 2))
            m = min(4, pre_mob + rng.randint(1, 3))
        if t == 'pre' or t in vas_tps:
            scores[('pain_vas', t)] = v
        if t == 'pre' and odi_tps or t in odi_tps:
            scores[('odi', t)] = o
        if t == 'pre' and mob_tps or t in mob_tps:
            scores[('mobility', t)] = m
    return dict(session=sn, day=day, levels=levs, vols=vols, tech=tech, leaks=leaks,
                visits=visits, scores=scores)


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(pts, pid_of, vol_mode, cement_type_of, leak_recorded, errors, identifiers,
                drop=None):
    """vol_mode(p, s) -> 'vertebra' | 'session' ; cement_type_of(p, s) -> str;
    leak_recorded(p, s) -> bool; drop: set of (pid, session, measure, tp) not written."""
    drop = drop or set()
    td = os.path.join(HERE, 'truth')
    if os.path.isdir(td):
        shutil.rmtree(td)
    os.makedirs(td)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[pid_of(p), p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            tot = round(sum(s['vols']), 1)
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([pid_of(p), s['session'], s['day'], l, s['tech'],
                             fmt_num(v) if mode == 'vertebra' else '',
                             fmt_num(tot) if mode == 'session' else '',
                             cement_type_of(p, s), lk if leak_recorded(p, s) else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    rows = []
    for p in pts:
        for s in p['sessions']:
            for (m, t), v in sorted(s['scores'].items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]))):
                if (pid_of(p), s['session'], m, t) in drop:
                    continue
                rows.append([pid_of(p), s['session'], m, t, fmt_num(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[pid_of(p), d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    seen, idrows = set(), []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            idrows.append([k, v])
    w('identifiers.csv', ['kind', 'value'], idrows)
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# LAE writer (one CSV, typed over the years; columns were added twice)
# ---------------------------------------------------------------------------
rng = random.Random(7117)
N = 19
D0, D1, CUT = dt.date(2017, 7, 1), dt.date(2023, 5, 31), dt.date(2023, 11, 30)
pts = gen_patients(rng, N, D0, D1, CUT, ['24h', '1m', '3m'], (), ['1m'], p_kypho=0.04,
                   second={4, 11, 14}, extra_fx={8}, deaths={2, 9, 15},
                   etiol={2: 'pathologic', 9: 'pathologic', 15: 'pathologic', 5: 'traumatic',
                          12: 'traumatic', 17: 'other', 4: 'osteoporotic', 11: 'osteoporotic',
                          14: 'osteoporotic', 0: 'osteoporotic', 3: 'osteoporotic', 7: 'osteoporotic',
                          16: 'osteoporotic', 18: 'osteoporotic'},
                   p_miss=0.2)
ERA2, ERA3 = dt.date(2019, 3, 1), dt.date(2021, 1, 1)


def era(d):
    return 1 if d < ERA2 else 2 if d < ERA3 else 3


# what each era's columns could hold: drop the rest from the data (never typed)
for p in pts:
    for s in p['sessions']:
        od = p['date'] + dt.timedelta(days=s['day'])
        s['era'] = era(od)
        for (m, t) in list(s['scores']):
            if s['era'] == 1 and (t not in ('pre', '24h') or m == 'mobility'):
                del s['scores'][(m, t)]
            elif s['era'] == 2 and m == 'mobility':
                del s['scores'][(m, t)]
        if s['era'] == 1:
            s['visits'] = {k: v for k, v in s['visits'].items() if k in ('pre', '24h')}

E_ID, E_VAS, E_DATE, E_VOL = 6, 10, 7, 13
for k in (E_ID, E_DATE, E_VOL):
    assert len(pts[k]['sessions']) == 1 and not pts[k]['fractures'], k
pts[E_DATE]['date'] = dt.date(2020, 2, 3)      # real date; typed 30-Feb-20 (digits swapped)
assert era(pts[E_DATE]['date']) == 2
for p in pts:                                   # kyphoplasty kits are rare here: re-ops were PVP but one
    if len(p['sessions']) > 1 and p['idx'] != 11:
        p['sessions'][1]['tech'] = 'vertebroplasty'
s = pts[E_VOL]['sessions'][0]
s['levels'] = s['levels'][:1]; s['vols'] = [2.5]; s['leaks'] = s['leaks'][:1]

FIRST_F = ['Mary', 'Rose', 'Anna', 'Grace', 'Elizabeth', 'Ruth', 'Martha', 'Naomi', 'Esther', 'Kila',
           'Agnes', 'Susan', 'Helen']
FIRST_M = ['John', 'Peter', 'Paul', 'Joseph', 'Kasup', 'Michael', 'Timothy', 'Samuel', 'David', 'Amos']
LAST = ['Yawing', 'Gware', 'Kuman', 'Mek', 'Kaupa', 'Wasa', 'Bawang', 'Gisi', 'Saun', 'Dage', 'Hosea',
        'Yambi', 'Sale', 'Kasup', 'Ninkama', 'Apa', 'Sengi', 'Kaiwa', 'Tamean', 'Mambu']
DX = {'osteoporotic': ['OP wedge #', 'old mama - OP #', 'osteoporosis collapse', 'OP # fall in garden'],
      'pathologic': ['Ca prostate mets', 'Ca breast secondaries', 'myeloma', 'Ca cervix mets spine'],
      'traumatic': ['fell from coconut tree', 'PMV accident', 'fell from betelnut tree'],
      'other': ['haemangioma']}
last = rng.sample(LAST, N)
for p in pts:
    p['pid'] = f'VP-{p["idx"] + 1:03d}'
    p['name'] = (rng.choice(FIRST_F) if p['sex'] == 'female' else rng.choice(FIRST_M)) + ' ' + last[p['idx']]
    p['hosp'] = f'{rng.randint(100000, 399999)}'
    p['phone'] = f'7{rng.randint(0, 9999999):07d}'
    p['dx'] = rng.choice([d for d in DX[p['etiology']]
                          if not (p['sex'] == 'male' and ('breast' in d or 'mama' in d or 'cervix' in d))
                          and not (p['sex'] == 'female' and 'prostate' in d)])

rows = []
for p in pts:
    for s in p['sessions']:
        rows.append((p['date'] + dt.timedelta(days=s['day']), p, s))
rows.sort(key=lambda r: (r[0], r[1]['idx']))

MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']


def dstr(d, e):
    if e == 1:
        return d.strftime('%d/%m/%Y')
    if e == 2:
        return f'{d.day:02d}-{MON[d.month - 1]}-{d.strftime("%y")}'
    return d.strftime('%Y-%m-%d') if rng.random() < 0.5 else f'{d.day}.{d.month}.{d.strftime("%y")}'


def pain(v, e):
    r_ = rng.random()
    if r_ < 0.35:
        return f'VAS {v}'
    if r_ < 0.55 and e > 1:
        return f'{v}/10'
    return str(v)


def vol(s):
    v = s['vols']
    if len(v) == 1:
        s['vol_mode'] = 'vertebra'
        return rng.choice([f'{fmt_num(v[0])}ml', f'{fmt_num(v[0])} ml', f'{fmt_num(v[0])}mls', fmt_num(v[0])])
    if rng.random() < 0.35:
        s['vol_mode'] = 'session'
        return f'{fmt_num(round(sum(v), 1))}ml total'
    s['vol_mode'] = 'vertebra'
    if rng.random() < 0.5:
        return ' + '.join(f'{fmt_num(x)}ml' for x in v)
    return ' '.join(f'{l} {fmt_num(x)}ml' for l, x in zip(s['levels'], v))


LKW = {'disc': 'yes - disc', 'venous': 'yes - vein', 'paravertebral': 'yes - paraverteb', 'epidural': 'yes - epidural'}
HEADER = ['ID', 'Date of op', 'Name', 'Hosp No', 'Age', 'Sex', 'Diagnosis', 'Level', 'Procedure', 'Cement',
          'Pain before', 'Pain after', 'Remarks', 'Leak', 'Pain 1 month', 'Pain 3 months',
          'Walking before', 'Walking 1 month', 'Phone', 'New fracture']
NCOL = {1: 13, 2: 16, 3: 20}
errors, drop, identifiers = [], set(), []
out = [HEADER]
for od, p, s in rows:
    e = s['era']
    rn = len(out) + 1
    death = p['death_day'] - s['day'] if p['died'] else None
    sc = s['scores']

    def fu(t):
        if ('pain_vas', t) in sc:
            return pain(sc[('pain_vas', t)], e)
        if death is not None and death < WINDOW[t][1]:
            return 'i dai pinis'
        if (CUT - od).days < WINDOW[t][1]:
            return ''
        return 'no kam'
    sex = rng.choice(['F', 'F', 'meri']) if p['sex'] == 'female' else rng.choice(['M', 'M', 'man'])
    age = str(p['age']) + ('yrs' if rng.random() < 0.3 else '')
    proc = ('PVP' if e == 1 else rng.choice(['PVP', 'VP', 'vertebroplasty'])) if s['tech'] == 'vertebroplasty' else 'kyphoplasty'
    if s['session'] == 2:
        proc += ' (2nd op)'
    levtxt = ', '.join(s['levels']) if rng.random() < 0.6 else '/'.join(s['levels'])
    rem = []
    if s['session'] == 2:
        rem.append('2nd op - new # after 1st PVP')
    if e < 3 and s['session'] == 1 and p['fractures']:
        rem += [f'new # {l} seen {dstr(p["date"] + dt.timedelta(days=d), e)}' for d, l in p['fractures']]
    if p['died'] and s['session'] == len(p['sessions']):
        rem.append('i dai pinis ' + dstr(p['date'] + dt.timedelta(days=p['death_day']), e))
    if p['etiology'] == 'pathologic':
        rem.append('refer onc')
    row = [p['pid'], dstr(od, e), p['name'], p['hosp'], age, sex,
           p['dx'] if s['session'] == 1 else 'new # ' + s['levels'][0],
           levtxt, proc, vol(s), pain(sc[('pain_vas', 'pre')], e), fu('24h'), '; '.join(rem)]
    if e >= 2:
        lk = [(l, k) for l, k in zip(s['levels'], s['leaks']) if k != 'none']
        row += ['nogat' if not lk else '; '.join(LKW[k] + (f' {l}' if len(s['levels']) > 1 else '') for l, k in lk),
                fu('1m'), fu('3m')]
    if e == 3:
        mb = sc.get(('mobility', '1m'))
        row += [str(sc[('mobility', 'pre')]),
                str(mb) if mb is not None else ('i dai pinis' if death is not None and death < WINDOW['1m'][1]
                                                 else '' if (CUT - od).days < WINDOW['1m'][1] else 'no kam'),
                p['phone'],
                ('nogat' if not p['fractures'] else '; '.join(f'yes {l} {dstr(p["date"] + dt.timedelta(days=d), 3)}'
                                                              for d, l in p['fractures']))
                if s['session'] == 1 else '']
        identifiers.append(('phone', p['phone']))
    assert len(row) == NCOL[e]
    identifiers += [('name', p['name']), ('hospital_number', p['hosp'])]
    # planted errors
    if p['idx'] == E_ID:
        row[0] = ''
        errors.append(['input.csv', f'A{rn}', rn, 'ID', '',
                       f'study ID missing (the Hosp No on this row belongs to {p["pid"]}; IDs run in order)', p['pid']])
    if p['idx'] == E_VAS and s['session'] == 1:
        row[11] = 'VAS 16'
        drop.add((p['pid'], 1, 'pain_vas', '24h'))
        errors.append(['input.csv', f'L{rn}', rn, 'Pain after', 'VAS 16',
                       f'pain score 16 outside the 0-10 VAS (true value {sc[("pain_vas", "24h")]})', p['pid']])
    if p['idx'] == E_DATE:
        row[1] = f'30-Feb-{od.strftime("%y")}'
        errors.append(['input.csv', f'B{rn}', rn, 'Date of op', row[1],
                       f'impossible date (no 30 February); theatre book says {dstr(od, 2)}', p['pid']])
    if p['idx'] == E_VOL:
        row[9] = '25ml'
        errors.append(['input.csv', f'J{rn}', rn, 'Cement', '25ml',
                       '25 ml in one vertebra is impossible: decimal point lost, should be 2.5ml', p['pid']])
    out.append(row)

with open(os.path.join(HERE, 'input.csv'), 'w', newline='', encoding='utf-8') as f:
    cw = csv.writer(f, lineterminator='\r\n')
    for row in out:
        cw.writerow(row)
write_truth(pts, lambda p: p['pid'], lambda p, s: s['vol_mode'], lambda p, s: '',
            lambda p, s: s['era'] >= 2, errors, identifiers, drop)
print('lae written', len(out) - 1, 'rows')
