#!/usr/bin/env python3
# make.py for site 'dushanbe' (batch 18): python make.py OUTDIR
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

CFG = dict(seed=18043, n=20, start=dt.date(2019, 9, 2), end=dt.date(2022, 10, 31),
           etio_w={'osteoporotic': 0.5, 'pathologic': 0.3, 'traumatic': 0.2},
           tech_w={'kyphoplasty': 0.2},
           cements=[('PMMA', 'ПММА'), ('PMMA', 'Osteopal V'), ('PMMA', 'Vertecem V+')],
           cement_w=[3, 3, 2], vol_step=0.1,
           leak_types=['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], p_leak_unrec=0.06,
           s1_tps=[('pre', ['pain_vas', 'odi']), ('24h', ['pain_vas']), ('1m', ['pain_vas', 'odi']),
                   ('3m', ['pain_vas', 'odi']), ('12m', ['pain_vas', 'odi'])],
           s2_tps=[('pre', ['pain_vas', 'odi']), ('1m', ['pain_vas', 'odi'])],
           fx_tps=['3m', '12m'], n_multi=6, n_s2=3, n_fx_only=1, n_died=2,
           p_missed=0.13, p_meas_missing=0.05)

F_NAMES = ['Раҳимова Гулнора Саидовна', 'Назарова Мавлуда Каримовна', 'Шарипова Зарина Абдуллоевна',
           'Исмоилова Таҳмина Одинаевна', 'Ҳасанова Малика Раҷабовна', 'Давлатова Ширин Умаровна',
           'Сафарова Моҳира Наимовна', 'Азимова Нигора Ҳакимовна', 'Иванова Галина Петровна',
           'Бобоева Саодат Ҷӯраевна', 'Ғаниева Дилбар Шарифовна', 'Қурбонова Мунира Исмоиловна',
           'Мирзоева Савсан Латифовна', 'Каримова Ойниса', 'Ёрова Зулфия Сайдуллоевна', 'Петренко Людмила Ивановна']
M_NAMES = ['Раҳимов Фаррух Саидович', 'Назаров Ҷамшед Абдуллоевич', 'Шарипов Ҳусейн Раҳмонович',
           'Каримов Бахтиёр Давлатович', 'Саидов Абдулло Ғафурович', 'Юсупов Нуриддин Алиевич',
           'Қодиров Шамсиддин Файзуллоевич', 'Ҳайдаров Зафар Муродович', 'Тошматов Умед Ҷалолович',
           'Сидоров Виктор Николаевич', 'Ашуров Раҷаб Қурбонович', 'Холов Саъдулло Ҳамидович']
TPL_TJ = {'pre': 'то амалиёт', '24h': '24 соат', '1m': '1 моҳ', '3m': '3 моҳ', '12m': '12 моҳ'}
TPL_RU = {'pre': 'до операции', '24h': 'через 24 ч', '1m': 'через 1 мес.', '3m': 'через 3 мес.', '12m': 'через 12 мес.'}
LK_TJ = {'disc': 'ба диск', 'venous': 'ба вена (венагӣ)', 'paravertebral': 'паравертебралӣ',
         'epidural': 'эпидуралӣ', 'foraminal': 'форамениалӣ'}
LK_RU = {'disc': 'в диск', 'venous': 'венозная', 'paravertebral': 'паравертебральная',
         'epidural': 'эпидуральная', 'foraminal': 'фораминальная'}


def lvs(lv):
    return 'Th' + lv[1:] if lv.startswith('T') else lv


def comma(x):
    return fmt_num(x).replace('.', ',')


def main(outdir):
    pats, rng = make_cohort(CFG)
    set_default_truth_flags(pats)
    validate(pats)
    fi = mi = 0
    ids = []
    for p in pats:
        p.pid = f'ВП-{p.k + 1:02d}'
        p.chart = f'{int(rng.integers(200, 9999))}/{p.d1.year % 100:02d}'
        if p.sex == 'female':
            p.name = F_NAMES[fi]; fi += 1
        else:
            p.name = M_NAMES[mi]; mi += 1
        p.ru = rng.random() < 0.25
        op = str(rng.choice(['93', '92', '90', '98', '91', '88', '50']))
        n7 = f'{int(rng.integers(100, 999))} {int(rng.integers(10, 99))} {int(rng.integers(10, 99))}'
        p.phone = f'+992 {op} {n7}' if rng.random() < 0.6 else f'{op} {n7}'
        p.dob_text = p.dob.strftime('%d.%m.%Y')
        ids += [('name', p.name), ('record_number', p.chart), ('birth_date', p.dob_text), ('phone', p.phone)]

    used = set()

    def pick(cond):
        c = [p for p in pats if p.k not in used and cond(p)]
        p = c[int(rng.integers(0, len(c)))]
        used.add(p.k)
        return p

    def bad_month_visit(p):
        return [v for v in p.visits if v.status == 'done' and v.tp not in ('pre',) and v.date.month in (2, 4, 6, 9, 11)]
    p_dt = pick(lambda p: len(bad_month_visit(p)) > 0)
    v_dt = bad_month_visit(p_dt)[0]
    v_dt.shown_date = (f'30.02.{v_dt.date.year}' if v_dt.date.month == 2 else f'31.{v_dt.date.month:02d}.{v_dt.date.year}')
    p_lvl = pick(lambda p: len(p.sessions) == 1 and p.sessions[0].verts[-1].level.startswith('L')
                 and not p.fractures)
    p_lvl.sessions[0].verts[-1].shown_level = 'L6'
    p_lvl.sessions[0].verts[-1].show = 'L6'
    p_vol = pick(lambda p: True)
    p_vol.sessions[0].verts[0].vol = 22.0
    p_vol.sessions[0].verts[0].volshow = '22,0'
    p_vas = pick(lambda p: visit(p, 1, '1m').status == 'done' and visit(p, 1, '1m').scores['pain_vas'] is not None)
    visit(p_vas, 1, '1m').scores['pain_vas'] = 14

    wb = openpyxl.Workbook()
    idx = wb.active
    idx.title = 'Рӯйхат'
    thin = Side(style='thin', color='808080')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    hfill = PatternFill('solid', fgColor='E2EFDA')
    idx['A1'] = 'Маркази ҷумҳуриявии тиббии «Дармон» — Шуъбаи нейроҷарроҳӣ'
    idx['A2'] = 'Рӯйхати беморон: вертебропластика / кифопластика (список пациентов)'
    idx['A1'].font = Font(bold=True, size=12)
    for c, h in enumerate(['№', 'Рақами тадқиқот', 'Ному насаб', 'Санаи амалиёти 1', 'Варақа'], 1):
        cell = idx.cell(4, c, h)
        cell.font = Font(bold=True)
        cell.fill = hfill
        cell.border = bd
    for i, p in enumerate(pats, 1):
        idx.cell(4 + i, 1, i)
        idx.cell(4 + i, 2, p.pid)
        idx.cell(4 + i, 3, p.name)
        idx.cell(4 + i, 4, p.d1.strftime('%d.%m.%Y'))
        c = idx.cell(4 + i, 5, f'→ {p.pid}')
        c.hyperlink = f"#'{p.pid}'!A1"
        c.font = Font(color='0563C1', underline='single')
    for col, w in zip('ABCDE', [5, 16, 38, 18, 10]):
        idx.column_dimensions[col].width = w

    addr = {}
    for p in pats:
        ws = wb.create_sheet(p.pid)
        for col, w in zip('ABCDEFG', [12, 14, 12, 24, 14, 18, 26]):
            ws.column_dimensions[col].width = w
        ws.merge_cells('A1:G1')
        ws.merge_cells('A2:G2')
        ws['A1'] = 'Маркази ҷумҳуриявии тиббии «Дармон», ш. Душанбе — Шуъбаи нейроҷарроҳӣ'
        ws['A2'] = 'КАРТАИ БЕМОР — вертебропластика / кифопластика'
        ws['A1'].font = Font(bold=True, size=12)
        ws['A2'].font = Font(bold=True, size=11)
        ws['A2'].alignment = Alignment(horizontal='center')
        s1 = p.sessions[0]
        L = ', '.join(lvs(v.get('show') or v.level) for v in s1.verts)
        if p.etiology == 'osteoporotic':
            dx = (f'Компрессионный перелом {L} на фоне остеопороза' if p.ru else
                  f'Остеопороз. Шикасти компрессионии {L}')
        elif p.etiology == 'pathologic':
            if p.sex == 'female':
                opts = [f'Метастазҳои саратони ғадуди шир ба {L}', 'Миеломаи сершумор (множественная миелома)']
            else:
                opts = [f'Метастазҳои саратони ғадуди простата ба {L}', 'Миеломаи сершумор (множественная миелома)']
            dx = opts[int(rng.integers(0, 2))]
        else:
            dx = [f'Шикасти осебии {L} (афтидан аз баландӣ)',
                  f'Осеби роҳу нақлиёт (ДТП), шикасти компрессионии {L}'][int(rng.integers(0, 2))]
        if p is p_lvl:
            dx = dx.replace(f' {L}', '').replace(f'{L}', '')
        sexw = ('жен.' if p.sex == 'female' else 'муж.') if p.ru else ('зан' if p.sex == 'female' else 'мард')
        if p.died:
            outc = [f'фавтид ({p.death_date.strftime("%d.%m.%Y")})', f'вафот кард {p.death_date.strftime("%d.%m.%Y")}',
                    f'умер {p.death_date.strftime("%d.%m.%Y")}'][int(rng.integers(0, 3))]
        else:
            outc = 'жив' if p.ru else 'зинда'
        fields = [('Рақами тадқиқот:', p.pid), ('Таърихи беморӣ №:', p.chart), ('Ному насаб:', p.name),
                  ('Санаи таваллуд:', p.dob_text), ('Ҷинс:', sexw), ('Телефон:', p.phone), ('Ташхис:', dx),
                  ('Натиҷа (охири мушоҳида):', outc)]
        r = 4
        for lab, val in fields:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=7)
            ws.cell(r, 1, lab).font = Font(bold=True)
            ws.cell(r, 3, val)
            r += 1
        r += 1
        ws.cell(r, 1, 'АМАЛИЁТҲО (операции)').font = Font(bold=True, color='375623')
        r += 1
        ph = ['Амалиёт №', 'Сана', 'Сатҳ', 'Усул', 'Ҳаҷми семент, мл', 'Намуди семент', 'Ихроҷи семент']
        for c, h in enumerate(ph, 1):
            cell = ws.cell(r, c, h)
            cell.font = Font(bold=True)
            cell.fill = hfill
            cell.border = bd
            cell.alignment = Alignment(wrap_text=True)
        r += 1
        LK = LK_RU if p.ru else LK_TJ
        for s in p.sessions:
            r0 = r
            for v in s.verts:
                ws.cell(r, 3, lvs(v.get('show') or v.level))
                addr[('level', p.pid, s.n, v.level)] = (ws.title, cellref(r, 3), r, ph[2], lvs(v.get('show') or v.level))
                if v.get('volshow'):
                    val = v.volshow
                elif rng.random() < 0.35:
                    val = comma(v.vol) + ' мл'
                else:
                    val = v.vol
                ws.cell(r, 5, val)
                addr[('vol', p.pid, s.n, v.level)] = (ws.title, cellref(r, 5), r, ph[4], val)
                if v.leak is None:
                    lk = None
                elif not v.leak:
                    lk = 'нет' if p.ru else 'нест'
                else:
                    lk = ', '.join(LK[x] for x in v.leak)
                ws.cell(r, 7, lk)
                for c in range(1, 8):
                    ws.cell(r, c).border = bd
                r += 1
            ws.cell(r0, 1, s.n)
            if rng.random() < 0.7:
                ws.cell(r0, 2, s.date.strftime('%d.%m.%Y'))
            else:
                ws.cell(r0, 2, s.date).number_format = 'dd.mm.yyyy'
            if s.tech == 'vertebroplasty':
                tq = 'вертебропластика (ЧВП)' if p.ru else 'вертебропластика'
            else:
                tq = 'баллонная кифопластика' if p.ru else 'кифопластика'
            ws.cell(r0, 4, tq)
            ws.cell(r0, 6, s.cement[1])
            if len(s.verts) > 1:
                for c in (1, 2, 4, 6):
                    ws.merge_cells(start_row=r0, start_column=c, end_row=r - 1, end_column=c)
            for c in (1, 2, 4, 6):
                ws.cell(r0, c).alignment = Alignment(vertical='center')
        r += 1
        ws.cell(r, 1, 'АРЗЁБӢ (оценка): ВАШ 0–10 балл, ODI %').font = Font(bold=True, color='375623')
        r += 1
        ah = ['Амалиёт №', 'Муҳлат', 'Сана', 'ВАШ', 'ODI, %', 'Эзоҳ']
        for c, h in enumerate(ah, 1):
            cell = ws.cell(r, c, h)
            cell.font = Font(bold=True)
            cell.fill = hfill
            cell.border = bd
        r += 1
        TPL = TPL_RU if p.ru else TPL_TJ
        vs = sorted([v for v in p.visits if v.status != 'superseded'], key=lambda v: (v.session, TP_DAYS[v.tp]))
        for v in vs:
            ws.cell(r, 1, v.session)
            ws.cell(r, 2, TPL[v.tp])
            if v.status == 'done':
                if v.get('shown_date'):
                    ws.cell(r, 3, v.shown_date)
                    addr[('vdate', p.pid, v.session, v.tp)] = (ws.title, cellref(r, 3), r, ah[2], v.shown_date)
                elif rng.random() < 0.75:
                    ws.cell(r, 3, v.date.strftime('%d.%m.%Y'))
                else:
                    ws.cell(r, 3, v.date).number_format = 'dd.mm.yyyy'
                for c, m in ((4, 'pain_vas'), (5, 'odi')):
                    if m in v.scores:
                        val = v.scores[m]
                        ws.cell(r, c, 'н/д' if val is None else val)
                        addr[(m, p.pid, v.session, v.tp)] = (ws.title, cellref(r, c), r, ah[c - 1], val)
                    else:
                        ws.cell(r, c, '—')
                if v.get('fx'):
                    ws.cell(r, 6, f'шикасти нав {lvs(v.fx)} (МРТ)' if not p.ru else f'новый перелом {lvs(v.fx)} (МРТ)')
            elif v.status == 'missed':
                ws.cell(r, 4, '—')
                ws.cell(r, 5, '—')
                ws.cell(r, 6, 'не явился' if p.ru else 'наомад')
            elif v.status == 'died':
                ws.cell(r, 4, '—')
                ws.cell(r, 5, '—')
                ws.cell(r, 6, 'умер' if p.ru else 'фавтид')
            for c in range(1, 7):
                ws.cell(r, c).border = bd
            r += 1
        r += 1
        ws.cell(r, 1, 'ШИКАСТИ НАВ (новый перелом)').font = Font(bold=True, color='375623')
        r += 1
        fh = ['Сана', 'Сатҳ', 'Табобат']
        for c, h in enumerate(fh, 1):
            cell = ws.cell(r, c, h)
            cell.font = Font(bold=True)
            cell.fill = hfill
            cell.border = bd
        r += 1
        if not p.fractures:
            ws.cell(r, 1, 'нет' if p.ru else 'нест')
        for fx in p.fractures:
            ws.cell(r, 1, fx.date.strftime('%d.%m.%Y'))
            ws.cell(r, 2, lvs(fx.level))
            ws.cell(r, 3, 'амалиёти 2 (вертебропластика)' if fx.treated else 'корсет, консервативӣ')
            r += 1
        ws.sheet_view.showGridLines = False
    wb.properties.creator = 'neurosurg'
    wb.properties.created = dt.datetime(2023, 3, 1, 9, 0)
    wb.properties.modified = dt.datetime(2023, 3, 1, 9, 0)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    fix_zip(os.path.join(outdir, 'input.xlsx'))

    E = []

    def err(key, what, p):
        sh, c, rr, h, val = addr[key]
        E.append(dict(sheet=sh, cell=c, row=rr, column_header=h, value=val, what_is_wrong=what, patient_id=p.pid))
    err(('vdate', p_dt.pid, v_dt.session, v_dt.tp), f'impossible date {v_dt.shown_date}', p_dt)
    err(('level', p_lvl.pid, 1, p_lvl.sessions[0].verts[-1].level), 'impossible vertebral level L6', p_lvl)
    err(('vol', p_vol.pid, 1, p_vol.sessions[0].verts[0].level), 'cement volume 22 ml in one vertebra', p_vol)
    err(('pain_vas', p_vas.pid, 1, '1m'), 'VAS 14 on a 0-10 scale', p_vas)
    write_truth(outdir, pats, E, ids, per_vertebra=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
