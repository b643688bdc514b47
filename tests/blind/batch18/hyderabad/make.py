#!/usr/bin/env python3
# make.py for site 'hyderabad' (batch 18): python make.py OUTDIR
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

CFG = dict(seed=18011, n=24, start=dt.date(2021, 1, 11), end=dt.date(2023, 8, 31),
           etio_w={'osteoporotic': 0.6, 'pathologic': 0.25, 'traumatic': 0.15},
           tech_w={'kyphoplasty': 0.3},
           cements=[('PMMA', 'PMMA (Stryker Spineplex)'), ('PMMA', 'Osteopal V'),
                    ('PMMA', 'PMMA - Vertecem V+'), ('calcium phosphate', 'Cal-Phos (Calcibon)')],
           cement_w=[5, 3, 2, 1], vol_step=0.5,
           leak_types=['disc', 'venous', 'paravertebral', 'epidural'], p_leak_unrec=0.06,
           s1_tps=[('pre', ['pain_vas', 'odi']), ('24h', ['pain_vas']), ('1m', ['pain_vas']),
                   ('3m', ['pain_vas', 'odi']), ('6m', ['pain_vas'])],
           s2_tps=[('pre', ['pain_vas', 'odi']), ('24h', ['pain_vas']), ('1m', ['pain_vas']),
                   ('3m', ['pain_vas', 'odi']), ('6m', ['pain_vas'])],
           fx_tps=['3m', '6m'], n_multi=7, n_s2=3, n_fx_only=1, n_died=2,
           p_missed=0.13, p_meas_missing=0.04)

F_NAMES = ['K. Lakshmi Devi', 'P. Saraswathi', 'G. Padmavathi', 'Smt. B. Anjamma', 'Ch. Sujatha',
           'M. Vijaya Lakshmi', 'V. Kamala', 'N. Rajeswari', 'Fathima Begum', 'Shaheen Sultana',
           'T. Sarojini', 'Y. Annapurna', 'D. Manikyamba', 'S. Bharathi', 'Ayesha Khatoon', 'A. Suguna',
           'J. Rama Devi', 'K. Nirmala', 'P. Jayamma', 'Syeda Rukhsana', 'E. Varalakshmi', 'L. Mangamma']
F_TEL = {'K. Lakshmi Devi': 'కె. లక్ష్మీ దేవి', 'Smt. B. Anjamma': 'బి. అంజమ్మ',
         'T. Sarojini': 'టి. సరోజిని', 'D. Manikyamba': 'డి. మాణిక్యాంబ'}
M_NAMES = ['P. Venkata Ramana', 'K. Srinivasa Rao', 'B. Narasimha', 'Mohd. Ismail', 'Syed Abdul Khader',
           'G. Satyanarayana', 'M. Ramulu', 'V. Krishna Murthy', 'Ch. Nagaraju', 'R. Subba Reddy',
           'A. Prabhakar', 'Md. Khaja Moinuddin']
M_TEL = {'P. Venkata Ramana': 'పి. వెంకట రమణ', 'M. Ramulu': 'ఎం. రాములు'}
TEL_DIG = '౦౧౨౩౪౫౬౭౮౯'


def tel(n):
    return ''.join(TEL_DIG[int(c)] for c in str(n))


def lv_show(lv, style):
    if style == 'D' and lv.startswith('T'):
        return 'D' + lv[1:]
    return lv


def main(outdir):
    pats, rng = make_cohort(CFG)
    set_default_truth_flags(pats)
    validate(pats)
    fi = mi = 0
    ids = []
    for p in pats:
        p.pid = f'DCH-VP-{p.k + 1:03d}'
        p.uhid = f'DC{p.d1.year % 100:02d}{int(rng.integers(10000, 99999)):05d}{int(rng.integers(0, 10))}'
        if p.sex == 'female':
            p.name = F_NAMES[fi % len(F_NAMES)]; fi += 1
            p.name_shown = F_TEL.get(p.name, p.name) if rng.random() < 0.6 else p.name
        else:
            p.name = M_NAMES[mi % len(M_NAMES)]; mi += 1
            p.name_shown = M_TEL.get(p.name, p.name) if rng.random() < 0.6 else p.name
        ph = f'{int(rng.choice([9, 8, 7, 6]))}{int(rng.integers(100000000, 999999999))}'
        p.phone = rng.choice([ph, ph[:5] + ' ' + ph[5:], '+91 ' + ph[:5] + ' ' + ph[5:]])
        p.lstyle = 'D' if rng.random() < 0.7 else 'T'
        p.teldig = rng.random() < 0.15
        # leakage: unknown is per session in this unit
        for s in p.sessions:
            if any(v.leak is None for v in s.verts):
                for v in s.verts:
                    v.leak = None
        ids += [('name', p.name_shown), ('record_number', p.uhid), ('phone', p.phone)]
        if p.name_shown != p.name:
            pass

    # ---------------- planted errors (decided on the model) ----------------
    errs = []  # (patient, kind, extra)
    used = set()

    def pick(cond):
        c = [p for p in pats if p.k not in used and cond(p)]
        p = c[int(rng.integers(0, len(c)))]
        used.add(p.k)
        return p
    p_lvl = pick(lambda p: len(p.sessions) == 1 and len(p.sessions[0].verts) == 1
                 and p.sessions[0].verts[0].level in ('T12', 'L1') and p.lstyle == 'D' and not p.fractures)
    p_lvl.sessions[0].verts[0].shown_level = 'T13'
    p_lvl.sessions[0].verts[0].show = 'D13'
    p_vas = pick(lambda p: len(p.sessions) == 1 and visit(p, 1, '1m').status == 'done'
                 and visit(p, 1, '1m').scores['pain_vas'] is not None and not p.teldig)
    visit(p_vas, 1, '1m').scores['pain_vas'] = 12
    p_date = pick(lambda p: len(p.sessions) == 2)
    p_date.sessions[1].bad_date = f'30/02/{p_date.sessions[1].date.year}'
    p_vol = pick(lambda p: len(p.sessions) == 1 and len(p.sessions[0].verts) >= 2)
    p_vol.sessions[0].verts[-1].vol = 25.0

    # ---------------- write workbook ----------------
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'VP-KP Register'
    thin = Side(style='thin', color='999999')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'DECCAN CARE HOSPITALS, Somajiguda, Hyderabad  -  Spine & Pain Intervention Unit'
    ws['A2'] = 'వెర్టెబ్రోప్లాస్టీ / కైఫోప్లాస్టీ రిజిస్టర్  (Vertebroplasty / Kyphoplasty Register)  2021 - 2024'
    ws['A3'] = ('Note: VAS 0-10.  LFU = lost to follow up, "-" = not done, రాలేదు = patient did not come.  '
                'Levels: D = dorsal.  Cement vol. per level in same order as levels.')
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'].font = Font(bold=True, size=12)
    ws['A3'].font = Font(italic=True, size=9)
    heads = ['క్ర.సం.\nS.No', 'Study ID', 'UHID', 'రోగి పేరు\nPatient Name', 'వయస్సు/లింగం\nAge/Sex',
             'ఫోన్\nMobile', 'నిర్ధారణ\nDiagnosis', 'ప్రక్రియ తేదీ\nDate of Procedure', 'ప్రక్రియ సంఖ్య\nProc. No.',
             'స్థాయి\nLevel(s)', 'పద్ధతి\nTechnique', 'సిమెంట్\nCement', 'సిమెంట్ పరిమాణం (ml)\nCement vol. per level',
             'సిమెంట్ లీకేజ్\nCement leak', 'VAS ముందు\n(Pre-op)', 'VAS 24 గంటలు\n(POD-1)', 'VAS 1 నెల\n(1 month)',
             'VAS 3 నెలలు\n(3 months)', 'VAS 6 నెలలు\n(6 months)', 'ODI ముందు\n(Pre-op %)', 'ODI 3 నెలలు\n(3 months %)',
             'కొత్త ఫ్రాక్చర్\nNew fracture on follow-up', 'స్థితి\nStatus', 'Remarks']
    HR = 4
    for c, h in enumerate(heads, 1):
        cell = ws.cell(HR, c, h)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical='center', horizontal='center')
        cell.fill = PatternFill('solid', fgColor='FFF2CC')
        cell.border = bd
    ws.row_dimensions[HR].height = 48
    widths = [6, 13, 13, 22, 10, 16, 30, 12, 9, 16, 12, 22, 14, 26, 8, 8, 8, 8, 8, 8, 8, 36, 22, 28]
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[col_letter(c)].width = w
    H = {h.split('\n')[-1]: c for c, h in enumerate(heads, 1)}
    hdr = {c: h for c, h in enumerate(heads, 1)}
    addr = {}

    rows = []
    for p in pats:
        for s in p.sessions:
            rows.append((s.date, p.k, s.n, p, s))
    rows.sort(key=lambda t: (t[0], t[1], t[2]))
    r = HR + 1
    remarks_pool = {'osteoporotic': ['Teriparatide advised', 'Ca + Vit D3 started', 'Pain relief good',
                                     'Zoledronic acid given', 'DEXA T-score -3.1', '', '', '', '', ''],
                    'pathologic': ['Under oncology f/u', 'Referred to RT', 'Zoledronic acid given',
                                   'Biopsy taken same sitting', '', '', ''],
                    'traumatic': ['Pain relief good', 'Mobilised POD-1', '', '', '']}
    tp_cols = [('pre', 'pain_vas', '(Pre-op)'), ('24h', 'pain_vas', '(POD-1)'), ('1m', 'pain_vas', '(1 month)'),
               ('3m', 'pain_vas', '(3 months)'), ('6m', 'pain_vas', '(6 months)'),
               ('pre', 'odi', '(Pre-op %)'), ('3m', 'odi', '(3 months %)')]
    sno = 0
    commented = False
    for _, _, sn, p, s in rows:
        sno += 1

        def put(col, val, key=None, fmt=None):
            c = H[col]
            cell = ws.cell(r, c, val)
            cell.border = bd
            if fmt:
                cell.number_format = fmt
            if key is not None:
                addr[key] = (ws.title, cellref(r, c), r, hdr[c], val)
            return cell
        put('S.No', sno)
        put('Study ID', p.pid)
        put('UHID', p.uhid)
        put('Patient Name', p.name_shown)
        age_here = age_on(p.dob, s.date)
        sx = 'F' if p.sex == 'female' else 'M'
        a = tel(age_here) if p.teldig else str(age_here)
        agesex = [f'{a}/{sx}', f'{a} Y/{sx}', f'{a}yrs/{sx}'][int(rng.integers(0, 3))] if not p.teldig else f'{a}/{sx}'
        put('Age/Sex', agesex)
        put('Mobile', p.phone)
        lvls = [v.get('show') or lv_show(v.level, p.lstyle) for v in s.verts]
        if sn == 1:
            if p.etiology == 'osteoporotic':
                dx = ['Osteoporotic compression # {L}', 'Senile osteoporosis - wedge # {L}',
                      'ఆస్టియోపోరోసిస్ - compression #', 'Osteoporotic # (fall at home)'][int(rng.integers(0, 4))]
            elif p.etiology == 'pathologic':
                subs = ['Ca breast', 'Multiple myeloma', 'Ca lung'] if p.sex == 'female' else \
                    ['Ca prostate', 'Multiple myeloma', 'Ca lung']
                p.sub = subs[int(rng.integers(0, 3))]
                dx = {'Ca breast': 'Mets - Ca breast', 'Ca prostate': 'Ca prostate with spinal mets',
                      'Multiple myeloma': 'Multiple myeloma - lytic {L}', 'Ca lung': 'Ca lung - vertebral mets'}[p.sub]
            else:
                dx = ['RTA - compression # {L}', 'Fall from terrace - # {L}', 'Fall from height (construction site)'][
                    int(rng.integers(0, 3))]
            if p is p_lvl:
                dx = dx.replace(' {L}', '').replace('{L}', '')
            dx = dx.replace('{L}', ', '.join(lvls))
        else:
            dx = f'New # {lvls[0]} - Redo'
        put('Diagnosis', dx)
        if s.get('bad_date'):
            put('Date of Procedure', s.bad_date, key=('date', p.pid, sn))
        elif rng.random() < 0.2:
            put('Date of Procedure', s.date.strftime('%d/%m/%Y'))
        else:
            put('Date of Procedure', s.date, fmt='dd/mm/yyyy')
        put('Proc. No.', 1 if sn == 1 else '2 (Redo)')
        sep = [', ', ', ', ' + ', ' & '][int(rng.integers(0, 4))]
        put('Level(s)', sep.join(lvls), key=('levels', p.pid, sn))
        if s.tech == 'vertebroplasty':
            tq = ['VP', 'Vertebroplasty', 'PVP'][int(rng.integers(0, 3))]
        else:
            tq = ['KP', 'Balloon KP', 'Kyphoplasty'][int(rng.integers(0, 3))]
        put('Technique', tq)
        put('Cement', s.cement[1])
        vols = [fmt_num(v.vol) for v in s.verts]
        if len(vols) == 1:
            vv = s.verts[0].vol
            if rng.random() < 0.3:
                put('Cement vol. per level', f'{vols[0]} ml', key=('vol', p.pid, sn))
            else:
                put('Cement vol. per level', vv, key=('vol', p.pid, sn))
        else:
            vsep = sep if sep != ' & ' else ', '
            put('Cement vol. per level', vsep.join(vols), key=('vol', p.pid, sn))
        # leakage text
        LW = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral', 'epidural': 'epidural'}
        if s.verts[0].leak is None:
            lk = None
        elif all(not v.leak for v in s.verts):
            lk = ['Nil', 'No leak', 'Nil'][int(rng.integers(0, 3))]
        elif len(s.verts) == 1:
            lk = ' + '.join(LW[x] for x in s.verts[0].leak) + ' leak'
            lk = lk[0].upper() + lk[1:]
            if rng.random() < 0.4:
                lk = 'Minor ' + lk.lower() + ' (asymptomatic)'
        else:
            parts = []
            for v, l in zip(s.verts, lvls):
                parts.append(f'{l} - ' + ('nil' if not v.leak else ' + '.join(LW[x] for x in v.leak) + ' leak'))
            lk = '; '.join(parts)
        ck = put('Cement leak', lk)
        if lk and lk not in ('Nil', 'No leak') and not commented:
            ck.comment = Comment('leak seen on post-op CT only, patient asymptomatic', 'RK')
            commented = True
        # scores
        for tp, m, col in tp_cols:
            v = visit(p, sn, tp)
            if v is None:
                continue
            if v.status == 'done':
                val = v.scores[m]
                if val is None:
                    put(col, None)
                    continue
                if p.teldig and m == 'pain_vas':
                    put(col, tel(val), key=(m, p.pid, sn, tp))
                else:
                    put(col, val, key=(m, p.pid, sn, tp))
            elif v.status == 'missed':
                put(col, ['LFU', '-', 'రాలేదు'][int(rng.integers(0, 3))])
            elif v.status == 'died':
                put(col, 'Expired')
            elif v.status == 'superseded':
                put(col, 'see Redo')
        # new fracture
        if sn == 1 and p.fractures:
            fx = p.fractures[0]
            fl = lv_show(fx.level, p.lstyle)
            if fx.treated:
                t = f'New # {fl} on {fx.date.strftime("%d/%m/%Y")} (MRI) - Redo done'
            else:
                t = f'New # {fl} - MRI {fx.date.strftime("%d/%m/%Y")} - conservative, TLSO brace'
            put('New fracture on follow-up', t)
        elif sn == 2:
            put('New fracture on follow-up', '-')
        else:
            put('New fracture on follow-up', 'Nil' if rng.random() < 0.5 else None)
        if p.died:
            st = f'Expired on {p.death_date.strftime("%d/%m/%Y")}'
            if rng.random() < 0.4:
                st = f'మరణించారు {p.death_date.strftime("%d/%m/%Y")}'
        else:
            st = 'Alive'
        put('Status', st)
        rp = remarks_pool[p.etiology]
        put('Remarks', rp[int(rng.integers(0, len(rp)))] or None)
        r += 1
    ws.freeze_panes = ws.cell(HR + 1, 3)
    ws.cell(r + 1, 1, 'Entered by: Staff Nurse (Spine OT) / checked by Dr. R.K. (Consultant, IR)').font = Font(italic=True, size=9)
    wb.properties.creator = 'spineot'
    wb.properties.created = dt.datetime(2024, 2, 1, 10, 0)
    wb.properties.modified = dt.datetime(2024, 2, 1, 10, 0)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    fix_zip(os.path.join(outdir, 'input.xlsx'))

    # ---------------- truth ----------------
    E = []

    def err(key, what, p):
        sh, c, rr, h, val = addr[key]
        E.append(dict(sheet=sh, cell=c, row=rr, column_header=h, value=val, what_is_wrong=what, patient_id=p.pid))
    err(('levels', p_lvl.pid, 1), 'impossible vertebral level D13 (there is no 13th dorsal vertebra)', p_lvl)
    err(('pain_vas', p_vas.pid, 1, '1m'), 'VAS 12 on a 0-10 scale', p_vas)
    err(('date', p_date.pid, 2), 'impossible date 30 February', p_date)
    err(('vol', p_vol.pid, 1), 'cement volume 25 ml in one vertebra (implausible, > 20 ml)', p_vol)
    for p in pats:
        if p.sub is None and p.etiology == 'pathologic':
            pass
    ids += [('staff_name', 'Dr. R.K.'), ('staff_name', 'RK')]
    write_truth(outdir, pats, E, ids, per_vertebra=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
