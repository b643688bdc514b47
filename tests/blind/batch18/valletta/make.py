#!/usr/bin/env python3
# make.py for site 'valletta' (batch 18): python make.py OUTDIR
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
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.comments import Comment

CFG = dict(seed=18065, n=26, start=dt.date(2020, 2, 3), end=dt.date(2023, 3, 31),
           etio_w={'osteoporotic': 0.65, 'pathologic': 0.25, 'traumatic': 0.10},
           tech_w={'kyphoplasty': 0.35},
           cements=[('PMMA', 'Kyphon HV-R'), ('PMMA', 'Vertaplex HV'), ('PMMA', 'PMMA')],
           cement_w=[3, 3, 1], vol_step=0.5,
           leak_types=['disc', 'venous', 'paravertebral', 'epidural'], p_leak_unrec=0.05,
           s1_tps=[('pre', ['pain_vas', 'odi']), ('24h', ['pain_vas']), ('6w', ['pain_vas', 'odi']),
                   ('6m', ['pain_vas', 'odi']), ('12m', ['pain_vas', 'odi'])],
           s2_tps=[('pre', ['pain_vas']), ('6w', ['pain_vas'])],
           fx_tps=['6m', '12m'], n_multi=8, n_s2=3, n_fx_only=2, n_died=2,
           p_missed=0.12, p_meas_missing=0.05)

F_NAMES = ['Marija Borg', 'Carmen Camilleri', 'Doris Vella', 'Josephine Farrugia', 'Rita Zammit', 'Grace Galea',
           'Mary Grech', 'Carmela Micallef', 'Ġużeppa Cassar', 'Antoinette Spiteri', 'Rose Attard',
           'Lucy Azzopardi', 'Tereża Mifsud', 'Pawla Caruana', 'Frances Debono', 'Connie Abela',
           'Maria Dolores Sammut', 'Vincenza Bugeja', 'Jane Ellul', 'Nathalie Fenech', 'Ċettina Tanti']
M_NAMES = ['Ġużeppi Schembri', 'Joseph Pace', 'Ċensu Debono', 'Anthony Xuereb', 'Salvu Bonello',
           'Carmelo Agius', 'Mario Sultana', 'Ġorġ Buttigieg', 'Paul Cauchi', 'Emanuel Calleja', 'Ninu Saliba']
LEAKW = {'disc': 'diska', 'venous': 'venuża', 'paravertebral': 'paravertebrali', 'epidural': 'epidurali'}


def main(outdir):
    pats, rng = make_cohort(CFG)
    set_default_truth_flags(pats)
    validate(pats)
    fi = mi = 0
    ids = []
    for p in pats:
        p.pid = f'VLT-{p.k + 1:03d}'
        if p.sex == 'female':
            p.name = F_NAMES[fi]; fi += 1
        else:
            p.name = M_NAMES[mi]; mi += 1
        p.idcard = f'{int(rng.integers(1000, 999999)):07d}{rng.choice(["M", "M", "M", "G", "L"])}'
        p.dob_ok = True
        if rng.random() < 0.5:
            p.tel = f'21{int(rng.integers(10, 99))} {int(rng.integers(1000, 9999))}'
        else:
            p.tel = f'{rng.choice(["79", "99", "77"])}{int(rng.integers(10, 99))} {int(rng.integers(1000, 9999))}'
        ids += [('name', p.name), ('id_card', p.idcard), ('birth_date', p.dob.strftime('%d/%m/%Y')),
                ('phone', p.tel)]
        if p.etiology == 'osteoporotic':
            p.dx = ['Osteoporożi', 'Ksur osteoporotiku'][int(rng.integers(0, 2))]
        elif p.etiology == 'pathologic':
            p.dx = (['Metastasi - kanċer tas-sider', 'Majeloma multipla'] if p.sex == 'female'
                    else ['Metastasi - kanċer tal-prostata', 'Majeloma multipla'])[int(rng.integers(0, 2))]
        else:
            p.dx = ['Trawma - waqgħa mit-taraġ', 'Trawma - inċident tat-traffiku'][int(rng.integers(0, 2))]

    used = set()

    def pick(cond):
        c = [p for p in pats if p.k not in used and cond(p)]
        p = c[int(rng.integers(0, len(c)))]
        used.add(p.k)
        return p
    p_noid = pick(lambda p: len(p.sessions) == 1 and not p.fractures and not p.died)
    p_noid.excluded = True

    def badv(p):
        return [v for v in p.visits if v.session == 1 and v.status == 'done' and v.tp in ('6w', '6m', '12m')
                and v.date.month in (2, 4, 6, 9, 11)]
    p_dt = pick(lambda p: len(badv(p)) > 0)
    v_dt = badv(p_dt)[0]
    v_dt.shown_date = (f'30/02/{v_dt.date.year}' if v_dt.date.month == 2 else f'31/{v_dt.date.month:02d}/{v_dt.date.year}')
    p_vol = pick(lambda p: len(p.sessions[0].verts) == 1)
    p_vol.sessions[0].verts[0].vol = 24.0
    p_odi = pick(lambda p: visit(p, 1, '6w').status == 'done' and visit(p, 1, '6w').scores['odi'] is not None)
    visit(p_odi, 1, '6w').scores['odi'] = 112

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Reġistru VP-KP'
    thin = Side(style='thin', color='7F7F7F')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'Sptar Ġenerali San Ġwann Battista, il-Belt Valletta - Dipartiment tar-Radjoloġija Intervenzjonali'
    ws['A2'] = 'Reġistru tal-Vertebroplastija u l-Kifoplastija (VP/KP) 2020-2024'
    ws['A3'] = ('Nota: "-" = ma ġiex (did not attend); "miet/mietet" = miet qabel il-viżta; vojt = mhux irreġistrat. '
                'VAS 0-10, ODI %. Volum = total taċ-ċement għall-proċedura kollha.')
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'].font = Font(bold=True, size=11)
    ws['A3'].font = Font(italic=True, size=9)
    # column spec: (group, subgroup, name, key)
    cols = [('PAZJENT', None, 'Nru', 'nru'), ('PAZJENT', None, 'ID tal-Istudju', 'pid'),
            ('PAZJENT', None, 'Nru tal-Karta tal-Identità', 'idc'), ('PAZJENT', None, 'Isem u Kunjom', 'name'),
            ('PAZJENT', None, 'Data tat-Twelid', 'dob'), ('PAZJENT', None, 'Età', 'age'),
            ('PAZJENT', None, 'Sess', 'sex'), ('PAZJENT', None, 'Tel.', 'tel'),
            ('PAZJENT', None, 'Kawża (dijanjosi)', 'dx'),
            ('PROĊEDURA 1', None, 'Data', 's1d'), ('PROĊEDURA 1', None, 'Teknika', 's1t'),
            ('PROĊEDURA 1', None, 'Ċement', 's1c'),
            ('PROĊEDURA 1', 'Vertebra A', 'Livell', 'l1'), ('PROĊEDURA 1', 'Vertebra A', 'Tnixxija', 'k1'),
            ('PROĊEDURA 1', 'Vertebra B', 'Livell', 'l2'), ('PROĊEDURA 1', 'Vertebra B', 'Tnixxija', 'k2'),
            ('PROĊEDURA 1', 'Vertebra C', 'Livell', 'l3'), ('PROĊEDURA 1', 'Vertebra C', 'Tnixxija', 'k3'),
            ('PROĊEDURA 1', None, 'Volum totali (ml)', 's1v'),
            ('SEGWITU WARA L-PROĊEDURA 1', 'Qabel (pre-op)', 'Data', 'pre_d'),
            ('SEGWITU WARA L-PROĊEDURA 1', 'Qabel (pre-op)', 'VAS', 'pre_pain_vas'),
            ('SEGWITU WARA L-PROĊEDURA 1', 'Qabel (pre-op)', 'ODI', 'pre_odi'),
            ('SEGWITU WARA L-PROĊEDURA 1', '24 siegħa', 'VAS', '24h_pain_vas'),
            ('SEGWITU WARA L-PROĊEDURA 1', '6 ġimgħat', 'Data', '6w_d'),
            ('SEGWITU WARA L-PROĊEDURA 1', '6 ġimgħat', 'VAS', '6w_pain_vas'),
            ('SEGWITU WARA L-PROĊEDURA 1', '6 ġimgħat', 'ODI', '6w_odi'),
            ('SEGWITU WARA L-PROĊEDURA 1', '6 xhur', 'Data', '6m_d'),
            ('SEGWITU WARA L-PROĊEDURA 1', '6 xhur', 'VAS', '6m_pain_vas'),
            ('SEGWITU WARA L-PROĊEDURA 1', '6 xhur', 'ODI', '6m_odi'),
            ('SEGWITU WARA L-PROĊEDURA 1', '12-il xahar', 'Data', '12m_d'),
            ('SEGWITU WARA L-PROĊEDURA 1', '12-il xahar', 'VAS', '12m_pain_vas'),
            ('SEGWITU WARA L-PROĊEDURA 1', '12-il xahar', 'ODI', '12m_odi'),
            ('KSUR ĠDID', None, 'Data', 'fxd'), ('KSUR ĠDID', None, 'Livell', 'fxl'),
            ('PROĊEDURA 2 (għal ksur ġdid)', None, 'Data', 's2d'), ('PROĊEDURA 2 (għal ksur ġdid)', None, 'Teknika', 's2t'),
            ('PROĊEDURA 2 (għal ksur ġdid)', None, 'Livell', 's2l'),
            ('PROĊEDURA 2 (għal ksur ġdid)', None, 'Tnixxija', 's2k'),
            ('PROĊEDURA 2 (għal ksur ġdid)', None, 'Volum (ml)', 's2v'),
            ('PROĊEDURA 2 (għal ksur ġdid)', None, 'VAS qabel', 's2_pre'),
            ('PROĊEDURA 2 (għal ksur ġdid)', None, 'VAS 6 ġimgħat', 's2_6w'),
            ('STAT', None, 'Stat', 'stat'), ('STAT', None, 'Noti', 'noti')]
    G, S, N = 5, 6, 7
    fills = {'PAZJENT': 'DDEBF7', 'PROĊEDURA 1': 'FCE4D6', 'SEGWITU WARA L-PROĊEDURA 1': 'E2EFDA',
             'KSUR ĠDID': 'FFF2CC', 'PROĊEDURA 2 (għal ksur ġdid)': 'EDE1F5', 'STAT': 'EDEDED'}
    C = {}
    for c, (g, sg, nm, key) in enumerate(cols, 1):
        C[key] = c
        for rr, txt in ((G, g), (S, sg), (N, nm)):
            cell = ws.cell(rr, c)
            cell.fill = PatternFill('solid', fgColor=fills[g])
            cell.border = bd
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
        ws.cell(N, c, nm)
    # merge group and subgroup headers
    def merge_runs(rr, idx):
        c = 1
        while c <= len(cols):
            val = cols[c - 1][idx]
            e = c
            while e + 1 <= len(cols) and cols[e][idx] == val and (idx == 0 or cols[e][0] == cols[c - 1][0]):
                e += 1
            if val is not None:
                ws.cell(rr, c, val)
                if e > c:
                    ws.merge_cells(start_row=rr, start_column=c, end_row=rr, end_column=e)
            c = e + 1
    merge_runs(G, 0)
    merge_runs(S, 1)
    ws.row_dimensions[N].height = 30
    addr = {}
    r = N + 1
    grey = PatternFill('solid', fgColor='D9D9D9')
    commented = 0
    for i, p in enumerate(pats, 1):
        def put(key, val, fmt=None, ek=None):
            c = C[key]
            if isinstance(val, float) and val == int(val):
                val = int(val)
            cell = ws.cell(r, c, val)
            cell.border = bd
            if fmt:
                cell.number_format = fmt
            if ek is not None:
                addr[ek] = (ws.title, cellref(r, c), r, cols[c - 1][2], val)
            return cell
        put('nru', i)
        put('pid', None if p.excluded else p.pid, ek=('pid', p.k))
        put('idc', p.idcard)
        put('name', p.name)
        put('dob', p.dob, fmt='dd/mm/yyyy')
        put('age', p.age)
        put('sex', 'Mara' if p.sex == 'female' else 'Raġel')
        put('tel', p.tel)
        put('dx', p.dx)
        s1 = p.sessions[0]
        put('s1d', s1.date, fmt='dd/mm/yyyy')
        if s1.tech == 'vertebroplasty':
            put('s1t', ['Vertebroplastija', 'VP'][int(rng.integers(0, 2))])
        else:
            put('s1t', ['Kifoplastija (ballun)', 'KP'][int(rng.integers(0, 2))])
        put('s1c', s1.cement[1])
        for j, v in enumerate(s1.verts, 1):
            put(f'l{j}', v.level)
            if v.leak is None:
                lk = None
            elif not v.leak:
                lk = 'Xejn'
            else:
                lk = ' + '.join(LEAKW[x] for x in v.leak)
            ck = put(f'k{j}', lk)
            if v.leak and commented < 2:
                ck.comment = Comment("Tnixxija żgħira, ara CT ta' wara l-proċedura. Pazjent mingħajr sintomi.", 'Dr MC')
                commented += 1
        tot = round(sum(v.vol for v in s1.verts), 1)
        put('s1v', tot, ek=('vol', p.k))
        for tp in ('pre', '24h', '6w', '6m', '12m'):
            v = visit(p, 1, tp)
            ms = ['pain_vas'] if tp == '24h' else ['pain_vas', 'odi']
            if v.status == 'done':
                if tp != '24h':
                    if v.get('shown_date'):
                        put(f'{tp}_d', v.shown_date, ek=('vd', p.k, tp))
                    else:
                        put(f'{tp}_d', v.date, fmt='dd/mm/yyyy')
                for m in ms:
                    put(f'{tp}_{m}', v.scores[m], ek=(m, p.k, tp))
            else:
                mark = {'missed': '-', 'died': 'mietet' if p.sex == 'female' else 'miet',
                        'superseded': 'ara Proċ. 2'}[v.status]
                if tp != '24h':
                    put(f'{tp}_d', mark)
                for m in ms:
                    put(f'{tp}_{m}', mark if v.status != 'missed' or m == 'pain_vas' else '-')
        if p.fractures:
            fx = p.fractures[0]
            put('fxd', fx.date, fmt='dd/mm/yyyy')
            put('fxl', fx.level)
        if len(p.sessions) > 1:
            s2 = p.sessions[1]
            put('s2d', s2.date, fmt='dd/mm/yyyy')
            put('s2t', 'VP' if s2.tech == 'vertebroplasty' else 'KP')
            v = s2.verts[0]
            put('s2l', v.level)
            put('s2k', None if v.leak is None else ('Xejn' if not v.leak else ' + '.join(LEAKW[x] for x in v.leak)))
            put('s2v', v.vol)
            for tp, key in (('pre', 's2_pre'), ('6w', 's2_6w')):
                w = visit(p, 2, tp)
                put(key, w.scores['pain_vas'])
        if p.died:
            put('stat', f'{"Mietet" if p.sex == "female" else "Miet"} {p.death_date.strftime("%d/%m/%Y")}')
            for c in range(1, len(cols) + 1):
                ws.cell(r, c).fill = grey
        else:
            put('stat', 'Ħajja' if p.sex == 'female' else 'Ħaj')
        if p.fractures and not p.fractures[0].treated:
            put('noti', 'Ksur ġdid ittrattat b\'mod konservattiv (korsett)')
        elif p.etiology == 'pathologic' and rng.random() < 0.5:
            put('noti', 'Segwitu mal-onkoloġija')
        r += 1
    for c in range(1, len(cols) + 1):
        ws.column_dimensions[col_letter(c)].width = 11
    ws.column_dimensions[col_letter(C['name'])].width = 20
    ws.column_dimensions[col_letter(C['dx'])].width = 26
    ws.freeze_panes = ws.cell(N + 1, 5)
    wb.properties.creator = 'IR dept'
    wb.properties.created = dt.datetime(2024, 5, 6, 8, 30)
    wb.properties.modified = dt.datetime(2024, 5, 6, 8, 30)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    fix_zip(os.path.join(outdir, 'input.xlsx'))

    E = []

    def err(key, what, pid):
        sh, c, rr, h, val = addr[key]
        E.append(dict(sheet=sh, cell=c, row=rr, column_header=h, value='' if val is None else val,
                      what_is_wrong=what, patient_id=pid))
    err(('pid', p_noid.k), 'row with data but no study ID', '')
    err(('vd', p_dt.k, v_dt.tp), f'impossible date {v_dt.shown_date}', p_dt.pid)
    err(('vol', p_vol.k), 'cement volume 24 ml for a single vertebra (> 20 ml)', p_vol.pid)
    err(('odi', p_odi.k, '6w'), 'ODI 112 % (scale is 0-100)', p_odi.pid)
    ids += [('staff_name', 'Dr MC')]
    write_truth(outdir, pats, E, ids, per_vertebra=False)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
