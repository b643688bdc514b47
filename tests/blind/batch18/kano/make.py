#!/usr/bin/env python3
# make.py for site 'kano' (batch 18): python make.py OUTDIR
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

CFG = dict(seed=18022, n=22, start=dt.date(2020, 3, 2), end=dt.date(2022, 11, 30),
           etio_w={'osteoporotic': 0.4, 'pathologic': 0.35, 'traumatic': 0.25},
           tech_w={'kyphoplasty': 0.12}, trauma_kp=False,
           cements=[('PMMA', 'PMMA'), ('PMMA', 'Bone cement (PMMA)'), ('PMMA', 'Mendec Spine')],
           cement_w=[4, 3, 2], vol_step=0.5,
           leak_types=['disc', 'venous', 'paravertebral', 'epidural'], p_leak_unrec=0.08,
           s1_tps=[('pre', ['pain_vas', 'odi', 'mobility']), ('24h', ['pain_vas', 'mobility']),
                   ('6w', ['pain_vas', 'odi', 'mobility']), ('3m', ['pain_vas', 'odi']),
                   ('12m', ['pain_vas', 'odi'])],
           s2_tps=[('pre', ['pain_vas', 'odi']), ('6w', ['pain_vas', 'odi'])],
           fx_tps=['3m', '12m'], n_multi=7, n_s2=3, n_fx_only=2, n_died=3,
           p_missed=0.14, p_meas_missing=0.05)

F_NAMES = ['Hauwa Aliyu', 'Aisha Umar', 'Zainab Ibrahim', 'Fatima Sule', 'Binta Yakubu', 'Halima Adamu',
           'Maryam Tijjani', 'Hadiza Bala', 'Rabi Garba', "Asma'u Salisu", 'Larai Inuwa', 'Ngozi Okafor',
           'Saadatu Lawal', 'Jummai Danladi', 'Ladi Abubakar', 'Khadija Isa', 'Amina Mohammed',
           'Habiba Sani', 'Rukayya Bello', 'Zulaihat Ahmad', 'Hafsat Nuhu', 'Mairo Shuaibu']
M_NAMES = ['Muhammadu Sani', 'Abubakar Usman', 'Ibrahim Garba', 'Aminu Bello', 'Yusuf Danjuma',
           'Sulaiman Idris', 'Haruna Musa', 'Bashir Lawan', 'Nasiru Abdullahi', 'Kabiru Shehu',
           'Adebayo Ogunleye', 'Alhaji Danladi Wada', 'Musa Yahaya', 'Tijjani Auwal']
OPERATORS = ['Dr. A. Musa', 'Dr. F. Okonkwo', 'Dr. S. Yahaya (SR)']
TP_LABEL = {'pre': 'Kafin aiki (pre-op)', '24h': 'Awa 24 (24 hr)', '6w': 'Mako 6 (6 wk)',
            '3m': 'Wata 3 (3 mo)', '12m': 'Shekara 1 (12 mo)'}
LEAKW = {'disc': 'Disc', 'venous': 'Jijiyar jini (venous)', 'paravertebral': 'Paravertebral',
         'epidural': 'Epidural'}


def main(outdir):
    pats, rng = make_cohort(CFG)
    set_default_truth_flags(pats)
    validate(pats)
    fi = mi = 0
    ids = []
    for p in pats:
        p.pid = f'KVP-{p.k + 1:03d}'
        p.hosp = f'DUTH/{p.d1.year % 100:02d}/{int(rng.integers(1000, 99999)):05d}'
        if p.sex == 'female':
            p.name = F_NAMES[fi]; fi += 1
        else:
            p.name = M_NAMES[mi]; mi += 1
        pre = str(rng.choice(['0803', '0806', '0813', '0703', '0816', '0905', '0810', '0802']))
        num = f'{int(rng.integers(100, 999))} {int(rng.integers(1000, 9999))}'
        p.phone = f'{pre} {num}' if rng.random() < 0.75 else f'+234 {pre[1:]} {num}'
        if rng.random() < 0.15:
            p.phone = None
        ids += [('name', p.name), ('record_number', p.hosp)]
        if p.phone:
            ids.append(('phone', p.phone))
        if p.etiology == 'pathologic':
            subs = ['Metastasis - Ca breast', 'Multiple myeloma'] if p.sex == 'female' else \
                ['Metastasis - Ca prostate', 'Multiple myeloma']
            p.dx = subs[int(rng.integers(0, 2))]
        elif p.etiology == 'osteoporotic':
            p.dx = ['Osteoporosis (rashin karfin kashi)', 'Osteoporotic compression fracture'][int(rng.integers(0, 2))]
        else:
            p.dx = ['Hatsarin mota (RTA)', 'Faduwa daga bishiya (fall from tree)',
                    'Faduwa daga doki (fall from horse)'][int(rng.integers(0, 3))]
        p.op = OPERATORS[int(rng.integers(0, 3))]
    ids += [('staff_name', o) for o in OPERATORS]

    # ---------------- planted errors ----------------
    used = set()

    def pick(cond):
        c = [p for p in pats if p.k not in used and cond(p)]
        p = c[int(rng.integers(0, len(c)))]
        used.add(p.k)
        return p
    p_lvl = pick(lambda p: len(p.sessions) == 1 and not p.fractures and p.sessions[0].verts[-1].level == 'T12'
                 or (len(p.sessions) == 1 and not p.fractures and p.sessions[0].verts[-1].level == 'L1'))
    p_lvl.sessions[0].verts[-1].shown_level = 'T13'
    p_lvl.sessions[0].verts[-1].show = 'T13'
    p_odi = pick(lambda p: visit(p, 1, '3m').status == 'done' and visit(p, 1, '3m').scores['odi'] is not None)
    visit(p_odi, 1, '3m').scores['odi'] = 130
    p_dt = pick(lambda p: visit(p, 1, '6w').status == 'done' and len(p.sessions) == 1)
    v = visit(p_dt, 1, '6w')
    v.shown_date = dt.date(v.date.year - 1, v.date.month, v.date.day)
    p_vas = pick(lambda p: visit(p, 1, '24h').status == 'done' and visit(p, 1, '24h').scores['pain_vas'] is not None)
    visit(p_vas, 1, '24h').scores['pain_vas'] = 15

    # ---------------- workbook ----------------
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Rajista'
    thin = Side(style='thin', color='808080')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    hfill = PatternFill('solid', fgColor='D9E1F2')
    ws['A1'] = "ASIBITIN KOYARWA NA JAMI'AR DALA, KANO  (Dala University Teaching Hospital)"
    ws['A2'] = 'Sashen Radiology da Orthopaedics - Rajistar Vertebroplasty / Kyphoplasty (VP/KP)'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'].font = Font(bold=True, size=11)
    addr = {}

    def header(r, heads):
        for c, h in enumerate(heads, 1):
            cell = ws.cell(r, c, h)
            cell.font = Font(bold=True)
            cell.fill = hfill
            cell.border = bd
            cell.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
        ws.row_dimensions[r].height = 32
        return {h.split('\n')[-1]: c for c, h in enumerate(heads, 1)}, {c: h for c, h in enumerate(heads, 1)}

    def putter(r, H, hdr):
        def put(col, val, key=None, fmt=None):
            c = H[col]
            cell = ws.cell(r, c, val)
            cell.border = bd
            if fmt:
                cell.number_format = fmt
            if key is not None:
                addr[key] = (ws.title, cellref(r, c), r, hdr[c], val)
            return cell
        return put

    def dval(d):
        if rng.random() < 0.7:
            return d.strftime('%d/%m/%Y'), None
        return d, 'dd/mm/yyyy'

    ws['A4'] = 'TEBUR NA 1: AIKI (PROCEDURES) - layi daya ga kowane aiki (one line per procedure)'
    ws['A4'].font = Font(bold=True, color='1F4E78')
    h1 = ['S/N', 'Lambar Bincike\n(Study No.)', 'Lambar Asibiti\n(Hosp. No.)', 'Sunan Mara Lafiya\n(Patient Name)',
          'Shekaru\n(Age)', 'Jinsi\n(Sex)', 'Lambar Waya\n(Phone)', 'Cuta / Dalili\n(Diagnosis)',
          'Aiki Na\n(Proc. No.)', 'Kwanan Wata\n(Date)', "Nau'in Aiki\n(Technique)", 'Siminti\n(Cement)',
          'Kashi 1\n(Level 1)', 'Siminti ml 1', 'Zubewa 1\n(Leak 1)', 'Kashi 2\n(Level 2)', 'Siminti ml 2',
          'Zubewa 2\n(Leak 2)', 'Kashi 3\n(Level 3)', 'Siminti ml 3', 'Zubewa 3\n(Leak 3)', 'Likita\n(Operator)']
    H1, hdr1 = header(5, h1)
    srows = sorted([(s.date, p.k, s.n, p, s) for p in pats for s in p.sessions], key=lambda t: t[:3])
    r = 6
    for i, (_, _, sn, p, s) in enumerate(srows, 1):
        put = putter(r, H1, hdr1)
        put('S/N', i)
        put('(Study No.)', p.pid)
        put('(Hosp. No.)', p.hosp)
        put('(Patient Name)', p.name)
        if sn == 1:
            put('(Age)', p.age if rng.random() < 0.8 else f'{p.age}y')
            sx = ['Mace', 'F'] if p.sex == 'female' else ['Namiji', 'M']
            put('(Sex)', sx[0] if rng.random() < 0.75 else sx[1])
            put('(Phone)', p.phone)
            put('(Diagnosis)', p.dx)
        else:
            put('(Diagnosis)', f'Sabon karaya (new fracture) {s.verts[0].level}')
        put('(Proc. No.)', sn)
        dv, fm = dval(s.date)
        put('(Date)', dv, fmt=fm)
        if s.tech == 'vertebroplasty':
            put('(Technique)', ['Vertebroplasty', 'PVP', 'Vertebroplasty'][int(rng.integers(0, 3))])
        else:
            put('(Technique)', 'Kyphoplasty (balloon)')
        put('(Cement)', s.cement[1])
        for j, v in enumerate(s.verts, 1):
            put(f'(Level {j})', v.get('show') or v.level, key=('level', p.pid, sn, j))
            put(f'Siminti ml {j}', v.vol, key=('vol', p.pid, sn, j))
            if v.leak is None:
                lk = None
            elif not v.leak:
                lk = 'Babu'
            else:
                lk = ' + '.join(LEAKW[x] for x in v.leak)
            put(f'(Leak {j})', lk)
        put('(Operator)', p.op)
        r += 1

    r += 2
    ws.cell(r, 1, 'TEBUR NA 2: GANIN LIKITA BAYAN AIKI (FOLLOW-UP VISITS)').font = Font(bold=True, color='1F4E78')
    r += 1
    ws.cell(r, 1, 'Ciwo = VAS 0-10.  Motsi: 0 = yana tafiya lafiya (walks freely) ... 4 = kwance a gado (bed-bound).  '
                  '"-" = ba a auna ba (not measured)').font = Font(italic=True, size=9)
    r += 1
    h2 = ['Lambar Bincike\n(Study No.)', 'Lambar Asibiti\n(Hosp. No.)', 'Aiki Na\n(Proc. No.)', 'Ziyara\n(Visit)',
          'Kwanan Wata\n(Date)', 'Ciwo VAS\n(0-10)', 'ODI\n(%)', 'Motsi\n(Mobility 0-4)',
          'Sabon Karaya\n(New fracture)', 'Bayani\n(Remarks)']
    H2, hdr2 = header(r, h2)
    r += 1
    MC = {'pain_vas': '(0-10)', 'odi': '(%)', 'mobility': '(Mobility 0-4)'}
    for p in pats:
        vs = sorted([v for v in p.visits if v.status in ('done', 'missed')], key=lambda v: (v.date, v.session))
        for v in vs:
            put = putter(r, H2, hdr2)
            put('(Study No.)', p.pid)
            put('(Hosp. No.)', p.hosp)
            put('(Proc. No.)', v.session)
            put('(Visit)', TP_LABEL[v.tp])
            if v.status == 'missed':
                put('(0-10)', '-')
                put('(Remarks)', 'Bai zo ba (did not come)')
                r += 1
                continue
            d = v.get('shown_date') or v.date
            dv, fm = dval(d)
            put('(Date)', dv, key=('vdate', p.pid, v.session, v.tp), fmt=fm)
            for m, val in v.scores.items():
                put(MC[m], '-' if val is None else val, key=(m, p.pid, v.session, v.tp))
            if v.get('fx'):
                put('(New fracture)', f"{v.fx} (MRI)")
                put('(Remarks)', 'An shirya sake aiki (redo planned)' if len(p.sessions) == 2 else 'Corset, analgesia')
            elif v.tp not in ('pre', '24h'):
                put('(New fracture)', 'Babu' if rng.random() < 0.7 else None)
            r += 1
        if p.died:
            put = putter(r, H2, hdr2)
            put('(Study No.)', p.pid)
            put('(Hosp. No.)', p.hosp)
            put('(Visit)', 'Rasuwa (death)')
            dv, fm = dval(p.death_date)
            put('(Date)', dv, fmt=fm)
            put('(Remarks)', 'Ta rasu a gida (died at home)' if p.sex == 'female' else 'Ya rasu a gida (died at home)')
            r += 1
    widths = [14, 14, 16, 22, 9, 9, 17, 34, 9, 12, 20, 20, 9, 9, 20, 9, 9, 20, 9, 9, 20, 18]
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[col_letter(c)].width = w
    wb.properties.creator = 'duth-radiology'
    wb.properties.created = dt.datetime(2023, 12, 4, 9, 0)
    wb.properties.modified = dt.datetime(2023, 12, 4, 9, 0)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    fix_zip(os.path.join(outdir, 'input.xlsx'))

    E = []

    def err(key, what, p):
        sh, c, rr, h, val = addr[key]
        if isinstance(val, dt.date):
            val = val.strftime('%d/%m/%Y')
        E.append(dict(sheet=sh, cell=c, row=rr, column_header=h, value=val, what_is_wrong=what, patient_id=p.pid))
    j = len(p_lvl.sessions[0].verts)
    err(('level', p_lvl.pid, 1, j), 'impossible vertebral level T13', p_lvl)
    err(('odi', p_odi.pid, 1, '3m'), 'ODI 130 % (scale is 0-100)', p_odi)
    err(('vdate', p_dt.pid, 1, '6w'), '6-week follow-up dated before the procedure', p_dt)
    err(('pain_vas', p_vas.pid, 1, '24h'), 'VAS 15 on a 0-10 scale', p_vas)
    write_truth(outdir, pats, E, ids, per_vertebra=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
