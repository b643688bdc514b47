#!/usr/bin/env python3
# make.py for site 'barcelona' (batch 18): python make.py OUTDIR
# ======================================================================
# Common cohort generator (identical in every site's make.py of this set)
# ======================================================================
import sys, os, csv, datetime as dt
import numpy as np

TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 5, '1m': 4, '3m': 9,
          '6m': 12, '12m': 18, '24m': 25}
TP_GAIN = {'pre': 0.0, '24h': 0.45, '1w': 0.5, '2w': 0.55, '6w': 0.6, '1m': 0.6,
           '3m': 0.66, '6m': 0.68, '12m': 0.7, '24m': 0.7}
SPINE = [f'T{i}' for i in range(1, 13)] + [f'L{i}' for i in range(1, 6)]


class O(dict):
    """dict with attribute access"""
    __getattr__ = dict.__getitem__

    def __setattr__(self, k, v):
        self[k] = v


def lvl_idx(lv):
    return SPINE.index(lv)


def level_weights(etio):
    w = []
    for i, lv in enumerate(SPINE):
        if etio == 'pathologic':
            w.append(0.6 if i >= 3 else 0.1)
        else:
            w.append(np.exp(-((i - 11.4) ** 2) / (2 * 2.0 ** 2)) + 0.002)
    w = np.array(w)
    return w / w.sum()


def pick_levels(rng, n, etio):
    w = level_weights(etio)
    if n == 1:
        return [SPINE[rng.choice(len(SPINE), p=w)]]
    if rng.random() < 0.65:
        while True:
            s = rng.choice(len(SPINE), p=w)
            if s + n <= len(SPINE):
                return SPINE[s:s + n]
    ids = sorted(rng.choice(len(SPINE), size=n, replace=False, p=w))
    return [SPINE[i] for i in ids]


def pick_volume(rng, lv, tech, step):
    i = lvl_idx(lv)
    if i < 9:
        lo, hi = 1.5, 3.5
    elif i < 12:
        lo, hi = 2.5, 5.0
    else:
        lo, hi = 3.0, 6.5
    if tech == 'kyphoplasty':
        lo, hi = lo + 0.5, hi + 1.5
    v = rng.uniform(lo, hi)
    return round(round(v / step) * step, 1)


def pick_leak(rng, cfg):
    if rng.random() < cfg.get('p_leak_unrec', 0.0):
        return None
    if rng.random() < 0.76:
        return []
    types = cfg['leak_types']
    k = 1 if rng.random() < 0.85 else 2
    sel = rng.choice(len(types), size=k, replace=False)
    return [types[i] for i in sorted(sel)]


def score_at(rng, base, tp, measure, vas_half=False):
    f = TP_GAIN[tp] * base['resp']
    if measure == 'pain_vas':
        if tp == 'pre':
            return base['vas']
        v = base['vas'] * (1 - f) + rng.normal(0, 0.7)
        if vas_half:
            v = round(v * 2) / 2
            v = min(10.0, max(0.0, v))
            return int(v) if v == int(v) else v
        return int(min(10, max(0, round(v))))
    if measure == 'odi':
        if tp == 'pre':
            return base['odi']
        v = base['odi'] * (1 - 0.85 * f) + rng.normal(0, 4)
        return int(min(100, max(0, 2 * round(v / 2))))
    if measure == 'mobility':
        if tp == 'pre':
            return base['mob']
        v = base['mob'] - 3.2 * f + rng.normal(0, 0.4)
        return int(min(4, max(0, round(v))))
    raise ValueError(measure)


def new_base(rng):
    return {'vas': int(rng.integers(6, 11)), 'odi': int(2 * rng.integers(24, 43)),
            'mob': int(rng.integers(2, 5)), 'resp': float(rng.uniform(0.75, 1.15))}


def make_visits(rng, cfg, sdate, tps, base, session, p_missed):
    visits = []
    last = sdate
    for tp, measures in tps:
        d = sdate + dt.timedelta(days=TP_DAYS[tp])
        j = TP_JIT[tp]
        if j:
            d += dt.timedelta(days=int(rng.integers(-j, j + 1)))
        if d <= last and tp != 'pre':
            d = last + dt.timedelta(days=1)
        last = d
        missed = tp not in ('pre', '24h') and rng.random() < p_missed
        scores = {}
        for m in measures:
            v = score_at(rng, base, tp, m, cfg.get('vas_half', False))
            if tp != 'pre' and rng.random() < cfg.get('p_meas_missing', 0.05):
                v = None
            scores[m] = v
        visits.append(O(session=session, tp=tp, date=d, status='missed' if missed else 'done',
                        scores=scores))
    return visits


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def make_cohort(cfg):
    rng = np.random.default_rng(cfg['seed'])
    n = cfg['n']
    start, end = cfg['start'], cfg['end']
    span = (end - start).days
    pats = []
    etios = list(cfg['etio_w'])
    ew = np.array([cfg['etio_w'][e] for e in etios], float)
    ew /= ew.sum()
    for i in range(n):
        etio = etios[rng.choice(len(etios), p=ew)]
        if etio == 'osteoporotic':
            sex = 'female' if rng.random() < 0.8 else 'male'
            age = int(rng.integers(60, 91))
        elif etio == 'pathologic':
            sex = 'female' if rng.random() < 0.5 else 'male'
            age = int(rng.integers(45, 82))
        elif etio == 'traumatic':
            sex = 'male' if rng.random() < 0.65 else 'female'
            age = int(rng.integers(28, 72))
        else:
            sex = 'female' if rng.random() < 0.6 else 'male'
            age = int(rng.integers(45, 80))
        d1 = start + dt.timedelta(days=int(rng.integers(0, span)))
        dob = dt.date(d1.year - age - 1, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365)))
        if age_on(dob, d1) != age:
            dob = dt.date(dob.year + (age_on(dob, d1) - age), dob.month, min(dob.day, 28))
        assert age_on(dob, d1) == age
        pats.append(O(sex=sex, etiology=etio, age=age, dob=dob, d1=d1, died=False,
                      death_date=None, fractures=[], sessions=[], visits=[], idx=i,
                      sub=None, excluded=False))
    pats.sort(key=lambda p: p.d1)
    for k, p in enumerate(pats):
        p.k = k
    # roles
    order = list(rng.permutation(n))
    n_multi = cfg['n_multi']
    multi = set(int(x) for x in rng.permutation(n)[:n_multi])
    s2 = [int(x) for x in order[:cfg['n_s2']]]
    fxo = [int(x) for x in order[cfg['n_s2']:cfg['n_s2'] + cfg['n_fx_only']]]
    rest = [int(x) for x in order[cfg['n_s2'] + cfg['n_fx_only']:]]
    path_first = sorted(rest, key=lambda x: (pats[x].etiology != 'pathologic', rest.index(x)))
    died = path_first[:cfg['n_died']]
    tw = cfg['tech_w']
    for k, p in enumerate(pats):
        tech = 'kyphoplasty' if rng.random() < tw.get('kyphoplasty', 0) else 'vertebroplasty'
        if p.etiology == 'traumatic' and cfg.get('trauma_kp', True) and tw.get('kyphoplasty', 0) > 0 and rng.random() < 0.5:
            tech = 'kyphoplasty'
        nv = 1
        if k in multi:
            nv = 2 if rng.random() < 0.72 else 3
        levels = pick_levels(rng, nv, p.etiology)
        cem = cfg['cements'][rng.choice(len(cfg['cements']), p=np.array(cfg['cement_w']) / sum(cfg['cement_w']))]
        verts = [O(level=lv, vol=pick_volume(rng, lv, tech, cfg['vol_step']), leak=pick_leak(rng, cfg))
                 for lv in levels]
        p.sessions.append(O(n=1, date=p.d1, tech=tech, cement=cem, verts=verts))
        p.base = new_base(rng)
        p.visits = make_visits(rng, cfg, p.d1, cfg['s1_tps'], p.base, 1, cfg.get('p_missed', 0.12))
    for k in s2 + fxo:
        p = pats[k]
        cand = [v for v in p.visits if v.tp in cfg['fx_tps'] and v.status == 'done']
        if not cand:
            v = [v for v in p.visits if v.tp in cfg['fx_tps']][0]
            v.status = 'done'
            cand = [v]
        v = cand[int(rng.integers(0, len(cand)))]
        treated = [lvl_idx(x.level) for x in p.sessions[0].verts]
        opts = []
        if max(treated) + 1 < len(SPINE):
            opts.append(SPINE[max(treated) + 1])
        if min(treated) - 1 >= 0:
            opts.append(SPINE[min(treated) - 1])
        lv = opts[int(rng.integers(0, len(opts)))]
        p.fractures.append(O(date=v.date, level=lv, visit=v, treated=(k in s2)))
        v.fx = lv
        if k in s2:
            d2 = v.date + dt.timedelta(days=int(rng.integers(4, 22)))
            s1 = p.sessions[0]
            tech2 = s1.tech if rng.random() < 0.8 else 'vertebroplasty'
            p.sessions.append(O(n=2, date=d2, tech=tech2, cement=s1.cement,
                                verts=[O(level=lv, vol=pick_volume(rng, lv, tech2, cfg['vol_step']),
                                         leak=pick_leak(rng, cfg))]))
            for w in p.visits:
                if w.date > d2:
                    w.status = 'superseded'
            b2 = new_base(rng)
            p.visits += make_visits(rng, cfg, d2, cfg['s2_tps'], b2, 2, 0.0)
    for k in died:
        p = pats[k]
        vs = p.visits
        j = int(rng.integers(2, len(vs) - 1)) if len(vs) > 3 else len(vs) - 2
        while vs[j].status != 'done':
            j -= 1
        last = vs[j].date
        nxt = p.d1 + dt.timedelta(days=TP_DAYS[vs[j + 1].tp])
        gap = max(6, (nxt - last).days - 4)
        p.death_date = last + dt.timedelta(days=int(rng.integers(5, gap)))
        p.died = True
        for w in vs[j + 1:]:
            w.status = 'died'
    return pats, rng


def validate(pats):
    """sanity checks of the model before errors are planted"""
    for p in pats:
        s1 = p.sessions[0]
        assert s1.date == p.d1
        for s in p.sessions[1:]:
            assert s.date > p.d1
            if p.died:
                assert s.date < p.death_date
        for v in p.visits:
            sd = p.sessions[v.session - 1].date
            assert v.date >= sd, (p.k, v.tp)
            if v.status == 'done':
                if p.died:
                    assert v.date < p.death_date
                for m, val in v.scores.items():
                    if val is None:
                        continue
                    lim = {'pain_vas': 10, 'odi': 100, 'mobility': 4}[m]
                    assert 0 <= val <= lim
        for fx in p.fractures:
            assert fx.date > p.d1
            if p.died:
                assert fx.date < p.death_date
        for s in p.sessions:
            for v in s.verts:
                assert 0.5 <= v.vol <= 12
    return True


def visit(p, session, tp):
    for v in p.visits:
        if v.session == session and v.tp == tp:
            return v
    return None


def day_of(p, d):
    return (d - p.d1).days


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x == int(x):
        return str(int(x))
    return str(x)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def write_truth(outdir, pats, errors, identifiers, per_vertebra=True):
    """errors: list of dicts with sheet,cell,row,column_header,value,what_is_wrong,patient_id"""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    P, PR, A, F = [], [], [], []
    for p in pats:
        if p.excluded:
            continue
        P.append([p.pid, p.sex if p.t_sex else '', p.age if p.t_age else '', p.etiology if p.t_etio else '',
                  ('yes' if p.died else 'no') if p.t_died else ''])
        for s in p.sessions:
            day = '' if s.get('bad_date') else day_of(p, s.date)
            tot = round(sum(v.vol for v in s.verts), 1)
            for v in s.verts:
                leak = '' if v.leak is None else ('none' if not v.leak else ';'.join(v.leak))
                lvl = v.get('shown_level') or v.level
                PR.append([p.pid, s.n, day, lvl, s.tech,
                           fmt_num(v.vol) if per_vertebra else '',
                           '' if per_vertebra else fmt_num(tot), s.cement[0], leak])
        for v in p.visits:
            if v.status != 'done':
                continue
            for m, val in v.scores.items():
                if val is None:
                    continue
                A.append([p.pid, v.session, m, v.tp, fmt_num(val)])
        for fx in p.fractures:
            F.append([p.pid, day_of(p, fx.date), fx.level])
    write_csv(os.path.join(td, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    write_csv(os.path.join(td, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], F)
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              [[e['sheet'], e['cell'], e['row'], e['column_header'], e['value'], e['what_is_wrong'],
                e['patient_id']] for e in errors])
    seen, ids = set(), []
    for kind, val in identifiers:
        if (kind, val) not in seen:
            seen.add((kind, val))
            ids.append([kind, val])
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], ids)


def fix_zip(path):
    """rewrite an xlsx with fixed zip timestamps so the bytes are reproducible"""
    import zipfile, io
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == 'docProps/core.xml':
                import re
                t = data.decode('utf-8')
                m = re.search(r'<dcterms:created[^>]*>([^<]*)<', t)
                if m:
                    t = re.sub(r'(<dcterms:modified[^>]*>)[^<]*(<)', lambda x: x.group(1) + m.group(1) + x.group(2), t)
                data = t.encode('utf-8')
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    with open(path, 'wb') as f:
        f.write(buf.getvalue())


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def cellref(r, c):
    return f'{col_letter(c)}{r}'


def set_default_truth_flags(pats):
    for p in pats:
        p.t_sex = p.t_age = p.t_etio = p.t_died = True

# ======================================================================
# Site-specific part
# ======================================================================
CFG = dict(seed=18076, n=28, start=dt.date(2020, 6, 1), end=dt.date(2023, 5, 31),
           etio_w={'osteoporotic': 0.6, 'pathologic': 0.3, 'traumatic': 0.1},
           tech_w={'kyphoplasty': 0.4},
           cements=[('PMMA', ('CIM01', 'Ciment PMMA Vertecem V+')), ('PMMA', ('CIM02', 'Ciment PMMA Osteopal V')),
                    ('calcium phosphate', ('CIM03', 'Ciment de fosfat càlcic (Norian SRS)'))],
           cement_w=[5, 3, 1], vol_step=0.1, vas_half=True,
           leak_types=['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], p_leak_unrec=0.06,
           s1_tps=[('pre', ['pain_vas', 'odi', 'mobility']), ('24h', ['pain_vas', 'mobility']),
                   ('1m', ['pain_vas', 'mobility']), ('3m', ['pain_vas', 'odi']), ('12m', ['pain_vas', 'odi'])],
           s2_tps=[('pre', ['pain_vas', 'odi']), ('1m', ['pain_vas'])],
           fx_tps=['3m', '12m'], n_multi=8, n_s2=3, n_fx_only=2, n_died=3,
           p_missed=0.12, p_meas_missing=0.05)

F_FIRST = ['MONTSERRAT', 'NÚRIA', 'MERCÈ', 'ROSER', 'ASSUMPCIÓ', 'CONXITA', 'CARME', 'DOLORS', 'TERESA', 'ROSA',
           'PILAR', 'MARIA ÀNGELS', 'ANTÒNIA', 'ISABEL', 'ENGRÀCIA', 'REMEI', 'MARIA DEL CARMEN', 'FRANCISCA',
           'JOSEFA', 'LLUÏSA', 'MONTSE', 'GLÒRIA', 'EULÀLIA', 'ENCARNACIÓN']
M_FIRST = ['JOSEP', 'JORDI', 'PERE', 'FRANCESC', 'LLUÍS', 'JOAN', 'ENRIC', 'FERRAN', 'MANUEL', 'JOSEP MARIA',
           'RAMON', 'ANTONIO', 'XAVIER', 'MIQUEL']
SURN = ['PUIG', 'FERRER', 'VILA', 'SOLER', 'FONT', 'SERRA', 'PUJOL', 'CASAS', 'ROCA', 'MARTÍNEZ', 'GARCIA',
        'LÓPEZ', 'SALA', 'COLL', 'VIDAL', 'RIERA', 'BOSCH', 'MAS', 'CASTELLS', 'TORRES', 'GIRONÈS', 'BALLESTER',
        'CLOSA', 'NOGUÉ', 'PALLARÈS', 'ESTEVE', 'CODINA', 'SÁNCHEZ', 'PÉREZ', 'FERNÁNDEZ']
LEAKC = {None: None, 'none': ('FUG0', 'Sense fuita de ciment'), 'disc': ('FUG1', 'Fuita de ciment discal'),
         'venous': ('FUG2', 'Fuita de ciment venosa'), 'paravertebral': ('FUG3', 'Fuita de ciment paravertebral'),
         'epidural': ('FUG4', 'Fuita de ciment epidural'), 'foraminal': ('FUG5', 'Fuita de ciment foraminal')}
MOM = {'pre': 'PRE', '24h': '24H', '1m': '1M', '3m': '3M', '12m': '12M'}
SC = {'pain_vas': ('EVA', 'Escala visual analògica del dolor (0-10)', 'punts'),
      'odi': ('ODI', "Índex de discapacitat d'Oswestry", '%'),
      'mobility': ('MOB', 'Escala de mobilitat (0 autònom - 4 enllitat)', 'punts')}
HEAD = ['NHC', 'CIP', 'CODI_ESTUDI', 'PACIENT', 'DATA_NAIX', 'SEXE', 'TELEFON', 'DATA_EXITUS', 'ID_PROCES',
        'DATA_HORA', 'TIPUS', 'CODI', 'DESCRIPCIO', 'NIVELL', 'MOMENT', 'VALOR', 'UNITAT', 'OBSERVACIONS']


def strip_acc(s):
    import unicodedata
    return ''.join(c for c in unicodedata.normalize('NFD', s) if unicodedata.category(c) != 'Mn')


def lvc(lv):
    return 'D' + lv[1:] if lv.startswith('T') else lv


def dec(x):
    return fmt_num(x).replace('.', ',')


def main(outdir):
    pats, rng = make_cohort(CFG)
    set_default_truth_flags(pats)
    validate(pats)
    ids = []
    fi = mi = 0
    s_used = set()
    for p in pats:
        p.pid = f'REGVERT-{p.k + 1:03d}'
        p.nhc = str(int(rng.integers(1000000, 9999999)))
        while True:
            a, b = [SURN[int(x)] for x in rng.choice(len(SURN), 2, replace=False)]
            if (a, b) not in s_used:
                s_used.add((a, b))
                break
        if p.sex == 'female':
            first = F_FIRST[fi]; fi += 1
        else:
            first = M_FIRST[mi]; mi += 1
        p.name = f'{a} {b}, {first}'
        sx = '1' if p.sex == 'female' else '0'
        p.cip = (strip_acc(a)[:2] + strip_acc(b)[:2] + sx + p.dob.strftime('%y%m%d') + '00'
                 + str(int(rng.integers(0, 10))))
        p.tel = (str(rng.choice(['93', '93', '6'])) + str(int(rng.integers(10 ** 6, 10 ** 7 - 1))))
        p.tel = p.tel + str(int(rng.integers(0, 10))) * (9 - len(p.tel))
        p.dob_t = p.dob.strftime('%d/%m/%Y')
        ids += [('name', p.name), ('record_number', p.nhc), ('health_card', p.cip), ('birth_date', p.dob_t),
                ('phone', p.tel)]
        p.proc_ids = [str(int(rng.integers(10 ** 7, 10 ** 8 - 1))) for _ in p.sessions]
        if p.etiology == 'osteoporotic':
            p.dp = ('M80.08XA', 'Osteoporosi amb fractura patològica de vèrtebra', '')
        elif p.etiology == 'pathologic':
            opts = ([('C79.51', "Neoplàsia maligna secundària d'os", 'Primari: mama'),
                     ('C90.00', 'Mieloma múltiple', '')] if p.sex == 'female' else
                    [('C79.51', "Neoplàsia maligna secundària d'os", 'Primari: pròstata'),
                     ('C79.51', "Neoplàsia maligna secundària d'os", 'Primari: pulmó'),
                     ('C90.00', 'Mieloma múltiple', '')])
            p.dp = opts[int(rng.integers(0, len(opts)))]
        else:
            lv0 = p.sessions[0].verts[0].level
            code = 'S22.0XXA' if lv0.startswith('T') else 'S32.0XXA'
            desc = 'Fractura de vèrtebra toràcica' if lv0.startswith('T') else 'Fractura de vèrtebra lumbar'
            p.dp = (code, desc, ['caiguda casual', 'accident de trànsit', 'caída desde escalera'][int(rng.integers(0, 3))])

    used = set()

    def pick(cond):
        c = [p for p in pats if p.k not in used and cond(p)]
        p = c[int(rng.integers(0, len(c)))]
        used.add(p.k)
        return p
    p_lvl = pick(lambda p: len(p.sessions) == 1 and p.sessions[0].verts[-1].level in ('L3', 'L4', 'L5')
                 and not p.fractures)
    p_lvl.sessions[0].verts[-1].shown_level = 'L6'
    p_lvl.sessions[0].verts[-1].show = 'L6'
    p_lvl.sessions[0].verts[-1].leak = None
    p_vol = pick(lambda p: True)
    p_vol.sessions[0].verts[-1].vol = 23.0
    p_eva = pick(lambda p: visit(p, 1, '3m').status == 'done' and visit(p, 1, '3m').scores['pain_vas'] is not None)
    visit(p_eva, 1, '3m').scores['pain_vas'] = 11

    def badv(p):
        return [v for v in p.visits if v.status == 'done' and v.tp in ('1m', '3m', '12m') and v.session == 1
                and v.date.month in (4, 6, 9, 11) and v.scores.get('pain_vas') is not None]
    p_dt = pick(lambda p: len(badv(p)) > 0)
    v_dt = badv(p_dt)[0]
    v_dt.bad_eva_date = f'31/{v_dt.date.month:02d}/{v_dt.date.year}'

    rows = []  # (sortkey, dict)
    for p in pats:
        demo = dict(NHC=p.nhc, CIP=p.cip, CODI_ESTUDI=p.pid, PACIENT=p.name, DATA_NAIX=p.dob_t,
                    SEXE='2' if p.sex == 'female' else '1', TELEFON=p.tel,
                    DATA_EXITUS=p.death_date.strftime('%d/%m/%Y') if p.died else '')

        def add(when, key, **kw):
            d = dict(demo)
            d['DATA_HORA'] = when.strftime('%d/%m/%Y %H:%M')
            d.update(kw)
            rows.append(((p.nhc, when, len(rows)), d, key))
        for si, s in enumerate(p.sessions):
            pr = p.proc_ids[si]
            t0 = dt.datetime.combine(s.date, dt.time(int(rng.integers(8, 15)), int(rng.choice([0, 10, 15, 20, 30, 40, 45]))))
            if si == 0:
                add(t0 - dt.timedelta(hours=3), None, ID_PROCES=pr, TIPUS='DP', CODI=p.dp[0], DESCRIPCIO=p.dp[1],
                    OBSERVACIONS=p.dp[2])
            else:
                add(t0 - dt.timedelta(hours=3), None, ID_PROCES=pr, TIPUS='DP', CODI='M48.50XA',
                    DESCRIPCIO="Col·lapse vertebral (nova fractura)", NIVELL=lvc(s.verts[0].level))
            code = ('VTP', 'Vertebroplàstia percutània') if s.tech == 'vertebroplasty' else ('CFP', 'Cifoplàstia amb baló')
            for j, v in enumerate(s.verts):
                tv = t0 + dt.timedelta(minutes=20 + 15 * j)
                lv = v.get('show') or lvc(v.level)
                add(tv, ('proc', p.k, s.n, j), ID_PROCES=pr, TIPUS='PROC', CODI=code[0], DESCRIPCIO=code[1],
                    NIVELL=lv, VALOR=dec(v.vol), UNITAT='ml')
                if v.leak is not None:
                    for lk in (v.leak or ['none']):
                        c = LEAKC[lk]
                        add(tv + dt.timedelta(minutes=1), None, ID_PROCES=pr, TIPUS='COMPL', CODI=c[0],
                            DESCRIPCIO=c[1], NIVELL=lv)
            add(t0 + dt.timedelta(minutes=5), None, ID_PROCES=pr, TIPUS='MAT', CODI=s.cement[1][0],
                DESCRIPCIO=s.cement[1][1])
            alta = t0 + dt.timedelta(days=int(rng.integers(1, 4)), hours=2)
            add(alta, None, ID_PROCES=pr, TIPUS='ALTA', CODI='1', DESCRIPCIO='Alta a domicili')
            for v in [v for v in p.visits if v.session == s.n]:
                if v.status in ('superseded', 'died'):
                    continue
                if v.tp == 'pre':
                    tvis = t0 - dt.timedelta(hours=2)
                elif v.tp == '24h':
                    tvis = dt.datetime.combine(v.date, dt.time(9, 0))
                else:
                    tvis = dt.datetime.combine(v.date, dt.time(int(rng.integers(9, 14)), int(rng.choice([0, 15, 30, 45]))))
                if v.status == 'missed':
                    add(tvis, None, ID_PROCES=pr, TIPUS='VISITA', CODI='NP', DESCRIPCIO='No presentat',
                        MOMENT=MOM[v.tp], OBSERVACIONS=['no es presenta', 'no acude, se reprograma', ''][int(rng.integers(0, 3))])
                    continue
                vcode = ('VPRE', 'Valoració preoperatòria') if v.tp == 'pre' else ('VS', 'Visita de seguiment')
                add(tvis, None, ID_PROCES=pr, TIPUS='VISITA', CODI=vcode[0], DESCRIPCIO=vcode[1], MOMENT=MOM[v.tp])
                k = 0
                for m, val in v.scores.items():
                    k += 1
                    ts = tvis + dt.timedelta(minutes=2 + 3 * k)
                    c = SC[m]
                    kw = dict(ID_PROCES=pr, TIPUS='ESCALA', CODI=c[0], DESCRIPCIO=c[1], MOMENT=MOM[v.tp],
                              VALOR='' if val is None else dec(val), UNITAT=c[2])
                    if val is None:
                        kw['OBSERVACIONS'] = 'no valorat'
                    add(ts, (m, p.k, v.session, v.tp), **kw)
                    if m == 'pain_vas' and v.get('bad_eva_date'):
                        rows[-1][1]['DATA_HORA'] = v.bad_eva_date + ts.strftime(' %H:%M')
                if v.get('fx'):
                    add(tvis + dt.timedelta(minutes=30), None, ID_PROCES=pr, TIPUS='DS', CODI='M48.50XA',
                        DESCRIPCIO='Nova fractura vertebral', NIVELL=lvc(v.fx), OBSERVACIONS='RM de control')
    rows.sort(key=lambda t: t[0])
    os.makedirs(outdir, exist_ok=True)
    addr = {}
    with open(os.path.join(outdir, 'input.csv'), 'w', newline='', encoding='cp1252') as f:
        w = csv.writer(f, delimiter=';', lineterminator='\r\n')
        w.writerow(HEAD)
        for i, (_, d, key) in enumerate(rows, 2):
            w.writerow([d.get(h, '') for h in HEAD])
            if key is not None:
                addr[key] = (i, d)

    E = []

    def err(key, col, what, p):
        i, d = addr[key]
        c = HEAD.index(col) + 1
        E.append(dict(sheet='input', cell=cellref(i, c), row=i, column_header=col, value=d[col],
                      what_is_wrong=what, patient_id=p.pid))
    err(('proc', p_lvl.k, 1, len(p_lvl.sessions[0].verts) - 1), 'NIVELL', 'impossible vertebral level L6', p_lvl)
    err(('proc', p_vol.k, 1, len(p_vol.sessions[0].verts) - 1), 'VALOR', 'cement volume 23 ml in one vertebra', p_vol)
    err(('pain_vas', p_eva.k, 1, '3m'), 'VALOR', 'EVA (VAS) 11 on a 0-10 scale', p_eva)
    err(('pain_vas', p_dt.k, 1, v_dt.tp), 'DATA_HORA', f'impossible date {v_dt.bad_eva_date}', p_dt)
    write_truth(outdir, pats, E, ids, per_vertebra=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
