#!/usr/bin/env python3
# make.py for site 'paramaribo' -- usage: python make.py OUTDIR
# ---------------------------------------------------------------------------
# Cohort generator (shared part).  Deterministic: everything is drawn from one
# random.Random(seed).  The site part below renders the cohort into the unit's
# own spreadsheet layout and writes the truth tables from the same objects.
# ---------------------------------------------------------------------------
import sys, os, csv, random, calendar
from datetime import date, timedelta

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAY = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 90,
          '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '1m': 3, '6w': 3, '3m': 6,
          '6m': 9, '12m': 12, '24m': 20}


def lvl_index(lv):
    return LEVELS.index(lv)


def age_at(birth, d):
    a = d.year - birth.year
    if (d.month, d.day) < (birth.month, birth.day):
        a -= 1
    return a


def fmt_num(v):
    if v is None:
        return ''
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return ('%g' % v) if isinstance(v, float) else str(v)


def wchoice(rng, items):
    tot = sum(w for _, w in items)
    r = rng.uniform(0, tot)
    acc = 0
    for it, w in items:
        acc += w
        if r <= acc:
            return it
    return items[-1][0]


def score(rng, measure, tp, pre=None):
    if measure == 'vas':
        if tp == 'pre':
            return rng.randint(6, 10)
        if tp == '24h':
            return max(0, pre - rng.randint(2, 5))
        if tp in ('1w', '2w'):
            return max(0, pre - rng.randint(3, 6))
        if tp in ('1m', '6w'):
            return rng.randint(1, 4)
        return rng.randint(0, 3)
    if measure == 'odi':
        if tp == 'pre':
            return 2 * rng.randint(22, 43)
        if tp in ('24h', '1w', '2w'):
            return 2 * rng.randint(16, 30)
        if tp in ('1m', '6w'):
            return 2 * rng.randint(10, 24)
        return 2 * rng.randint(6, 20)
    if measure == 'mobility':
        if tp == 'pre':
            return rng.randint(2, 4)
        if tp == '24h':
            return rng.randint(1, 3)
        return rng.randint(0, 2)
    raise ValueError(measure)


def pick_levels(rng, det, k):
    if det.startswith('osteo'):
        w = [('T6', 1), ('T7', 1), ('T8', 2), ('T9', 2), ('T10', 3), ('T11', 5),
             ('T12', 9), ('L1', 9), ('L2', 6), ('L3', 4), ('L4', 2)]
    elif det.startswith('trauma'):
        w = [('T11', 3), ('T12', 5), ('L1', 6), ('L2', 3), ('L3', 1)]
    else:
        w = [(l, 1) for l in LEVELS[3:]]
    c = lvl_index(wchoice(rng, w))
    if k > 1 and det in ('meta_breast', 'meta_prostate', 'meta_lung', 'myeloma') \
            and rng.random() < 0.4:
        idx = sorted(rng.sample(range(3, 17), k))
        return [LEVELS[i] for i in idx]
    s = c - rng.randint(0, k - 1)
    s = max(0, min(s, 17 - k))
    return [LEVELS[i] for i in range(s, s + k)]


def cement_vol(rng, lv, tech):
    i = lvl_index(lv)
    if i <= 5:
        lo, hi = 2.0, 3.5
    elif i <= 9:
        lo, hi = 2.5, 4.5
    elif i <= 12:
        lo, hi = 3.0, 5.5
    else:
        lo, hi = 3.5, 6.5
    if tech == 'kyphoplasty':
        lo, hi = lo + 0.5, hi + 1.0
    v = rng.uniform(lo, hi)
    if rng.random() < 0.85:
        return round(v * 2) / 2.0
    return round(v, 1)


LEAK_W = [((), 72), (('disc',), 10), (('venous',), 9), (('paravertebral',), 5),
          (('epidural',), 2), (('foraminal',), 1), (('disc', 'venous'), 1)]


def gen_cohort(cfg):
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    # aetiology detail, fixed counts
    dets = []
    dets += ['meta_breast'] * cfg.get('n_breast', 2)
    dets += ['meta_prostate'] * cfg.get('n_prostate', 1)
    dets += ['meta_lung'] * cfg.get('n_lung', 1)
    dets += ['myeloma'] * cfg.get('n_myeloma', 2)
    dets += ['trauma_fall'] * cfg.get('n_fall', 2)
    dets += ['trauma_rta'] * cfg.get('n_rta', 1)
    dets += ['osteo'] * (n - len(dets))
    rng.shuffle(dets)
    n_multi = int(round(0.3 * n))
    nlev = [1] * n
    multi_idx = rng.sample(range(n), n_multi)
    for j, i in enumerate(multi_idx):
        nlev[i] = 3 if j < max(1, n_multi // 3) else 2
    span = (cfg['end'] - cfg['start']).days
    d1s = sorted(cfg['start'] + timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        det = dets[i]
        if det == 'meta_breast':
            sex = 'female'
        elif det == 'meta_prostate':
            sex = 'male'
        elif det.startswith('osteo'):
            sex = 'female' if rng.random() < 0.8 else 'male'
        elif det.startswith('trauma'):
            sex = 'male' if rng.random() < 0.6 else 'female'
        else:
            sex = rng.choice(['female', 'male'])
        if det.startswith('osteo'):
            age = rng.randint(58, 89)
        elif det.startswith('trauma'):
            age = rng.randint(34, 72)
        else:
            age = rng.randint(45, 80)
        d1 = d1s[i]
        by = d1.year - age - rng.choice([0, 1])
        birth = date(by, rng.randint(1, 12), rng.randint(1, 28))
        age = age_at(birth, d1)
        etio = ('osteoporotic' if det.startswith('osteo') else
                'traumatic' if det.startswith('trauma') else 'pathologic')
        if det.startswith('trauma') or rng.random() < cfg.get('kp_share', 0.3) * (0.6 if etio == 'osteoporotic' else 1.0):
            tech = 'kyphoplasty'
        else:
            tech = 'vertebroplasty'
        if det.startswith('trauma') and age < 55 and cfg.get('cap_key'):
            ckey = cfg['cap_key']
        else:
            ckey = wchoice(rng, cfg['cements'])
        levels = pick_levels(rng, det, nlev[i])
        lvs = []
        for lv in levels:
            leak = wchoice(rng, LEAK_W)
            lvs.append({'level': lv, 'vol': cement_vol(rng, lv, tech), 'leak': list(leak)})
        s1 = {'n': 1, 'date': d1, 'tech': tech, 'ckey': ckey,
              'cement_type': cfg['cement_type'][ckey], 'levels': lvs,
              'leak_recorded': rng.random() > cfg.get('leak_unrec_p', 0.06)}
        pts.append({'i': i, 'det': det, 'etiology': etio, 'sex': sex, 'age': age,
                    'birth': birth, 'sessions': [s1], 'fractures': [], 'died': False,
                    'death_date': None, 'visits': []})

    def make_visits(p, sess, tps, measures, until=None):
        sd = sess['date']
        pre = None
        out = []
        for tp in tps:
            vd = sd + timedelta(days=TP_DAY[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            if until is not None and vd >= until:
                break
            status = 'done'
            if tp not in ('pre', '24h') and rng.random() < cfg.get('miss_p', 0.1):
                status = 'missed'
            sc = {}
            for m in measures.get(tp, []):
                if m == 'vas' and tp != 'pre':
                    val = score(rng, m, tp, pre)
                else:
                    val = score(rng, m, tp, pre)
                if m == 'vas' and tp == 'pre':
                    pre = val
                if status == 'done' and tp != 'pre' and rng.random() < cfg.get('item_miss_p', 0.04):
                    val = None
                sc[m] = val if status == 'done' else None
            out.append({'session': sess['n'], 'tp': tp, 'date': vd, 'status': status, 'scores': sc})
        return out

    # choose patients for 2nd sessions / untreated fractures / deaths
    idx = list(range(n))
    rng.shuffle(idx)
    path = [i for i in idx if pts[i]['etiology'] == 'pathologic']
    nonpath = [i for i in idx if pts[i]['etiology'] == 'osteoporotic' and pts[i]['age'] >= 75]
    dead = path[:cfg.get('n_deaths', 3) - 1] + nonpath[:1]
    rest = [i for i in idx if i not in dead and pts[i]['etiology'] != 'traumatic']
    second = rest[:cfg.get('n_second', 3)]
    untreated = rest[cfg.get('n_second', 3):cfg.get('n_second', 3) + cfg.get('n_untreated', 2)]
    lastday = TP_DAY[cfg['tps1'][-1]]
    for i in range(n):
        p = pts[i]
        s1 = p['sessions'][0]
        d1 = s1['date']
        treated = [lvl_index(l['level']) for l in s1['levels']]
        if i in second or i in untreated:
            lo, hi = cfg['frac_window']
            f = rng.randint(lo, hi)
            cands = [min(treated) - 1, max(treated) + 1, min(treated) - 2, max(treated) + 2]
            cands = [c for c in cands if 3 <= c <= 16]
            flv = LEVELS[cands[0] if rng.random() < 0.6 else cands[1 % len(cands)]]
            fdate = d1 + timedelta(days=f)
            p['fractures'].append({'date': fdate, 'level': flv})
            if i in second:
                s2d = fdate + timedelta(days=rng.randint(3, 12))
                p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'], until=fdate)
                tech2 = s1['tech'] if rng.random() < 0.7 else ('kyphoplasty' if s1['tech'] == 'vertebroplasty' else 'vertebroplasty')
                s2 = {'n': 2, 'date': s2d, 'tech': tech2, 'ckey': s1['ckey'],
                      'cement_type': s1['cement_type'],
                      'levels': [{'level': flv, 'vol': cement_vol(rng, flv, tech2), 'leak': list(wchoice(rng, LEAK_W))}],
                      'leak_recorded': True}
                p['sessions'].append(s2)
                p['visits'] += make_visits(p, s2, cfg['tps2'], cfg.get('measures2', cfg['measures']))
            else:
                p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'])
        elif i in dead:
            lo, hi = cfg['death_window']
            dd = d1 + timedelta(days=rng.randint(lo, hi))
            p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'], until=dd - timedelta(days=3))
            p['died'] = True
            p['death_date'] = dd
        else:
            p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'])
    return pts


def truth_tables(P, vol_mode='vertebra'):
    pats, procs, assess, fracs = [], [], [], []
    for p in P:
        pats.append({'patient_id': p['pid'], 'sex': p['sex'], 'age_years': p['age'],
                     'etiology': p['etiology'], 'died': 'yes' if p['died'] else 'no'})
        d1 = p['sessions'][0]['date']
        for s in p['sessions']:
            tot = sum(l['vol'] for l in s['levels'])
            for lv in s['levels']:
                if vol_mode == 'vertebra':
                    cv, sv = fmt_num(lv['vol']), ''
                else:
                    cv, sv = '', fmt_num(round(tot, 2))
                leak = (';'.join(lv['leak']) if lv['leak'] else 'none') if s['leak_recorded'] else ''
                procs.append({'patient_id': p['pid'], 'session': s['n'],
                              'day': '' if s.get('day_unknown') else (s['date'] - d1).days,
                              'level': lv['level'], 'technique': s['tech'],
                              'cement_volume_ml': cv, 'session_cement_volume_ml': sv,
                              'cement_type': s['cement_type'], 'leakage': leak})
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            for m in ('vas', 'odi', 'mobility'):
                val = v['scores'].get(m)
                if val is None:
                    continue
                meas = {'vas': 'pain_vas', 'odi': 'odi', 'mobility': 'mobility'}[m]
                assess.append({'patient_id': p['pid'], 'session': v['session'],
                               'measure': meas, 'timepoint': v['tp'], 'value': fmt_num(val)})
        for f in p['fractures']:
            fracs.append({'patient_id': p['pid'], 'day': (f['date'] - d1).days, 'level': f['level']})
    return pats, procs, assess, fracs


def write_csv(path, fields, rows):
    with open(path, 'w', newline='', encoding='utf-8') as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, '') for k in fields})


def write_truth(outdir, P, errors, identifiers, vol_mode='vertebra'):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    pats, procs, assess, fracs = truth_tables(P, vol_mode)
    write_csv(os.path.join(td, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'], pats)
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], procs)
    write_csv(os.path.join(td, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], assess)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], fracs)
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, rows = set(), []
    for k, v in identifiers:
        if (k, v) not in seen and v not in ('', None):
            seen.add((k, v))
            rows.append({'kind': k, 'value': v})
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], rows)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def simple_patients(P):
    """Patients with one session, no new fracture, not dead: safe hosts for errors."""
    return [p for p in P if len(p['sessions']) == 1 and not p['fractures'] and not p['died']]

# ---------------------------------------------------------------------------
# Site part
# ---------------------------------------------------------------------------
from datetime import datetime
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

CFG = dict(seed=20205, n=23, start=date(2021, 4, 1), end=date(2022, 11, 30),
           tps1=['pre', '24h', '6w', '3m', '6m'], tps2=['pre', '24h', '6w', '3m'],
           measures={t: ['vas'] for t in ['pre', '24h', '6w', '3m', '6m']},
           frac_window=(100, 170), death_window=(50, 170), n_deaths=2, n_second=3,
           n_untreated=2, kp_share=0.25, miss_p=0.12, item_miss_p=0.0, leak_unrec_p=0.06,
           cements=[('pmma', 4), ('vertecem', 3), ('osteopal', 1)], cap_key='cap',
           cement_type={'pmma': 'PMMA', 'vertecem': 'PMMA', 'osteopal': 'PMMA', 'cap': 'calcium phosphate'},
           n_breast=2, n_prostate=2, n_lung=0, n_myeloma=1, n_fall=2, n_rta=1)

FEM = ['Ramdin, Sunita', 'Pinas, Elvira', 'Linger, Ruth', 'Karijodrono, Sarmi', 'Bhagwandin, Rookmienie',
       'Doekhie, Shanti', 'Kromodihardjo, Tini', 'Jong Loy, Marcia', 'Wijngaarde, Carmen',
       'Ramsaran, Indira', 'Slijngard, Ernestine', 'Biharie, Savitri', 'Pawirodirjo, Suparmi',
       'Fung A Loi, Gerda', 'Van Ommeren, Hilda', 'Aboikoni, Jeanette', 'Mahabier, Kalawatie',
       'Soemopawiro, Wagini']
MAL = ['Kartosen, Wagiman', 'Tjon A Fong, Henk', 'Sabajo, Marlon', 'Soekhai, Radj', 'Sital, Mahinder',
       'Dipotaroeno, Soeparman', 'Naarendorp, Edgar', 'Adjako, Johan', 'Mahabier, Kiran']
DIAG = {'osteo': ['osteoporose', 'osteoporotische inzakkingsfractuur', 'osteoporose'],
        'meta_breast': ['metastase mammaca'], 'meta_prostate': ['metastase prostaatca'],
        'meta_lung': ['metastase longca'], 'myeloma': ['multipel myeloom (M. Kahler)'],
        'trauma_fall': ['trauma — val uit mangoboom', 'trauma (val van trap)'],
        'trauma_rta': ['trauma (VKO, brommer)']}
TECH = {'vertebroplasty': ['PVP', 'vertebroplastiek'], 'kyphoplasty': ['BKP', 'kyfoplastiek']}
CEM = {'pmma': 'PMMA', 'vertecem': 'Vertecem V+', 'osteopal': 'Osteopal V', 'cap': 'calciumfosfaat'}
LEAK = {'disc': 'discus', 'venous': 'veneus', 'paravertebral': 'paravertebraal', 'epidural': 'epiduraal',
        'foraminal': 'foraminaal'}
MISSED = ['a no kon', 'niet gekomen', 'a no kon', '-']


def dlvl(l):
    return ('Th' + l[1:]) if l.startswith('T') else l


def dmy(d):
    return '%d-%d-%d' % (d.day, d.month, d.year)


def comma(v):
    if float(v).is_integer():
        return str(int(v))
    return fmt_num(v).replace('.', ',')


def main(outdir):
    P = gen_cohort(CFG)
    r = random.Random(5506)
    fem, mal = FEM[:], MAL[:]
    r.shuffle(fem); r.shuffle(mal)
    for k, p in enumerate(P):
        p['pid'] = 'AMK-VA-%02d' % (k + 1)
        p['name'] = fem.pop() if p['sex'] == 'female' else mal.pop()
        p['reg'] = '%07d' % r.randint(120000, 987654)
        p['diag'] = r.choice(DIAG[p['det']])
        p['phone'] = '%d%02d-%04d' % (r.choice([8, 8, 7]), r.randint(10, 99), r.randint(0, 9999))
    simple = simple_patients(P)
    errs = {}
    def first(c):
        for p in c:
            if p['pid'] not in errs:
                return p
    p = first([p for p in simple if any(v['tp'] == '3m' and v['status'] == 'done' for v in p['visits'])])
    errs[p['pid']] = 'noid'
    p = first([p for p in simple[::-1] if len(p['sessions'][0]['levels']) == 1
               and p['sessions'][0]['levels'][0]['level'].startswith('L')])
    p['sessions'][0]['levels'][0]['level'] = 'L6'
    errs[p['pid']] = 'lvl'
    p = first([p for p in simple if any(v['tp'] == '6w' and v['status'] == 'done' for v in p['visits'])])
    for v in p['visits']:
        if v['tp'] == '6w':
            v['scores']['vas'] = 65
    errs[p['pid']] = 'vas'
    p = first(simple[len(simple) // 2:])
    errs[p['pid']] = 'date'
    assert len(errs) == 4, errs

    wb = Workbook()
    ws = wb.active
    ws.title = 'Logboek'
    ws['A1'] = 'Logboek vertebroplastiek / kyfoplastiek — Academisch Medisch Centrum Kwatta, afd. Neurochirurgie'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'Bijgehouden door arts-assistent. Eén regel per contact.'
    ws['A3'] = ('Legenda: VAS 0-10; VAS op de OK-regel = pre-operatief; "dag na OK" = dagen na de laatste OK '
                '(POD 1 = eerste dag na OK); a no kon = patiënt niet gekomen; cement in ml per niveau, zelfde volgorde als niveaus.')
    H = ['Studienr', 'Naam', 'Reg.nr', 'Geb.datum', 'M/V', 'Tel.', 'Diagnose', 'Contact', 'Datum',
         'Dag na OK', 'Niveau(s)', 'Techniek', 'Cement (ml)', 'Cementsoort', 'Lekkage', 'VAS', 'Opmerking']
    C = {h: i + 1 for i, h in enumerate(H)}
    fill = PatternFill('solid', fgColor='FCE4D6')
    for h, c in C.items():
        x = ws.cell(5, c, h)
        x.font = Font(bold=True); x.fill = fill
    errors, idents = [], []
    row = 6
    for p in P:
        idents += [('name', p['name']), ('record_number', p['reg']), ('birth_date', dmy(p['birth'])),
                   ('phone', p['phone'])]
        events = []
        for s in p['sessions']:
            events.append((s['date'], 0, 'ok', s))
        for v in p['visits']:
            if v['tp'] != 'pre':
                events.append((v['date'], 1, 'visit', v))
        for f in p['fractures']:
            events.append((f['date'], 1, 'frac', f))
        if p['died']:
            events.append((p['death_date'], 2, 'dead', None))
        events.sort(key=lambda e: (e[0], e[1]))
        pre = {v['session']: v for v in p['visits'] if v['tp'] == 'pre'}
        last_ok = None
        for d, _, kind, obj in events:
            def put(h, val):
                return ws.cell(row, C[h], val)
            put('Studienr', p['pid'])
            put('Naam', p['name'])
            if kind == 'ok':
                s = obj
                last_ok = s['date']
                put('Reg.nr', p['reg'])
                put('Geb.datum', dmy(p['birth']))
                put('M/V', 'V' if p['sex'] == 'female' else 'M')
                put('Tel.', p['phone'])
                put('Diagnose', p['diag'])
                put('Contact', 'OK' if s['n'] == 1 else 'OK (2e)')
                if errs.get(p['pid']) == 'date' and s['n'] == 1:
                    ds = '31-9-%d' % s['date'].year
                    put('Datum', ds)
                    errors.append({'sheet': 'Logboek', 'cell': '%s%d' % (col_letter(C['Datum']), row), 'row': row,
                                   'column_header': 'Datum', 'value': ds,
                                   'what_is_wrong': 'impossible date: 31 September does not exist',
                                   'patient_id': p['pid']})
                else:
                    c = put('Datum', datetime(s['date'].year, s['date'].month, s['date'].day))
                    c.number_format = 'd-m-yyyy'
                put('Dag na OK', 0)
                lv = [dlvl(x['level']) for x in s['levels']]
                put('Niveau(s)', ' + '.join(lv))
                if errs.get(p['pid']) == 'lvl' and s['n'] == 1:
                    errors.append({'sheet': 'Logboek', 'cell': '%s%d' % (col_letter(C['Niveau(s)']), row), 'row': row,
                                   'column_header': 'Niveau(s)', 'value': ' + '.join(lv),
                                   'what_is_wrong': 'impossible vertebral level L6 (there are five lumbar vertebrae)',
                                   'patient_id': p['pid']})
                put('Techniek', r.choice(TECH[s['tech']]))
                vols = [comma(x['vol']) for x in s['levels']]
                if len(vols) == 1 and float(s['levels'][0]['vol']).is_integer():
                    put('Cement (ml)', int(s['levels'][0]['vol']))
                else:
                    put('Cement (ml)', ' + '.join(vols))
                put('Cementsoort', CEM[s['ckey']])
                if not s['leak_recorded']:
                    lk = 'niet vermeld'
                elif all(not x['leak'] for x in s['levels']):
                    lk = 'geen'
                elif len(s['levels']) == 1:
                    lk = ' + '.join(LEAK[y] for y in s['levels'][0]['leak'])
                else:
                    lk = ', '.join('%s %s' % (dlvl(x['level']), ' + '.join(LEAK[y] for y in x['leak']) if x['leak'] else 'geen')
                                   for x in s['levels'])
                put('Lekkage', lk)
                pv = pre.get(s['n'])
                if pv and pv['status'] == 'done' and pv['scores'].get('vas') is not None:
                    put('VAS', pv['scores']['vas'])
                if s['n'] == 2:
                    put('Opmerking', 'nieuwe fractuur, 2e procedure')
            elif kind == 'visit':
                v = obj
                dd = (v['date'] - last_ok).days
                if v['status'] == 'missed':
                    dd = TP_DAY[v['tp']]
                if v['tp'] == '24h':
                    dtxt = 'POD 1'
                else:
                    dtxt = r.choice(['dag %d', '+%d d', 'POD %d', 'dag %d']) % dd
                put('Dag na OK', dtxt)
                if v['status'] == 'missed':
                    put('Contact', 'controle poli')
                    put('VAS', r.choice(MISSED))
                else:
                    put('Contact', 'telefonisch' if v['tp'] == '6m' and r.random() < 0.4 else
                        ('zaal' if v['tp'] == '24h' else 'controle poli'))
                    val = v['scores']['vas']
                    put('VAS', val)
                    if errs.get(p['pid']) == 'vas' and v['tp'] == '6w':
                        errors.append({'sheet': 'Logboek', 'cell': '%s%d' % (col_letter(C['VAS']), row), 'row': row,
                                       'column_header': 'VAS', 'value': str(val),
                                       'what_is_wrong': 'VAS 65 is outside the 0-10 scale (looks like a 0-100 mm value)',
                                       'patient_id': p['pid']})
                    if val <= 2 and r.random() < 0.35:
                        put('Opmerking', r.choice(['pen moro betre', 'ala sani bun', 'a e waka bun']))
                    elif 4 <= val <= 10 and r.random() < 0.5:
                        put('Opmerking', 'baka e hati ete')
                if errs.get(p['pid']) == 'noid' and v['tp'] == '3m':
                    ws.cell(row, C['Studienr']).value = None
                    errors.append({'sheet': 'Logboek', 'cell': 'A%d' % row, 'row': row,
                                   'column_header': 'Studienr', 'value': '',
                                   'what_is_wrong': 'row with follow-up data (VAS) but no study number; the name shows whose it is',
                                   'patient_id': p['pid']})
            elif kind == 'frac':
                f = obj
                put('Contact', r.choice(['MRI', 'X-LWK']))
                put('Dag na OK', 'dag %d' % (f['date'] - last_ok).days)
                put('Niveau(s)', dlvl(f['level']))
                put('Opmerking', 'nieuwe inzakkingsfractuur' + (' → 2e OK gepland' if len(p['sessions']) > 1
                                                                  else '; conservatief (korset)'))
            elif kind == 'dead':
                put('Contact', 'overleden')
                put('Datum', dmy(p['death_date']))
                put('Opmerking', r.choice(['a dede — familie belde', 'thuis overleden (a dede)']))
            row += 1
    widths = [11, 24, 10, 11, 5, 10, 30, 14, 11, 10, 14, 15, 12, 14, 20, 10, 32]
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[col_letter(i)].width = w
    ws.freeze_panes = 'C6'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, P, errors, idents, vol_mode='vertebra')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
