# ---------------------------------------------------------------------------
# Shared generator (same block in every site's make.py; the site part follows).
# Generates the cohort ONCE; the site writer renders it into the input and the
# truth is written from the very same objects.
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)

SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
         'L1', 'L2', 'L3', 'L4', 'L5']
SPINE_W = [1, 1, 2, 3, 4, 4, 5, 8, 14, 14, 8, 5, 4, 2]
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42,
           '3m': 91, '6m': 182, '12m': 365}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 3, '1m': 4, '6w': 5,
          '3m': 8, '6m': 14, '12m': 20}


def rnd_step(x, step):
    v = round(round(x / step) * step, 2)
    return int(v) if float(v).is_integer() else v


def fmt_num(x):
    if x is None:
        return ''
    if float(x).is_integer():
        return str(int(x))
    return ('%.2f' % x).rstrip('0').rstrip('.')


class Cfg:
    seed = 1
    n = 18
    prefix = 'X'
    id_fmt = '{p}-{i:03d}'
    start = dt.date(2022, 1, 10)
    end = dt.date(2023, 3, 30)
    cutoff = dt.date(2023, 11, 30)
    kp_prob = 0.3
    vas_step = 1
    vol_step = 0.5
    cement = ['PMMA']
    tps = {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'],
           'odi': ['pre', '3m', '12m']}
    miss_prob = 0.12
    male_names = ['A']
    female_names = ['B']
    surnames = ['C']
    pre_day_before = 0.3


def make_cohort(cfg):
    rng = random.Random(cfg.seed)
    n = cfg.n
    pats = []
    span = (cfg.end - cfg.start).days
    op_days = sorted(rng.sample(range(span), n))
    etios = (['osteoporotic'] * 10 + ['pathologic'] * 5 + ['traumatic'] * 2
             + ['other'] * 1)
    rng.shuffle(etios)
    etios = (etios * 2)[:n]
    used_names = set()
    for i in range(n):
        e = etios[i]
        detail = {'osteoporotic': 'osteoporosis', 'traumatic': 'trauma',
                  'other': 'haemangioma'}.get(e)
        if e == 'pathologic':
            detail = rng.choice(['metastasis', 'metastasis', 'myeloma'])
        if e == 'osteoporotic':
            sex = 'female' if rng.random() < 0.75 else 'male'
            age = rng.randint(61, 89)
        elif e == 'pathologic':
            sex = rng.choice(['male', 'female'])
            age = rng.randint(46, 81)
        elif e == 'traumatic':
            sex = 'male' if rng.random() < 0.6 else 'female'
            age = rng.randint(42, 74)
        else:
            sex = rng.choice(['male', 'female'])
            age = rng.randint(38, 66)
        op1 = cfg.start + dt.timedelta(days=op_days[i])
        # birth date consistent with age at first operation
        born_year = op1.year - age
        while True:
            b = dt.date(born_year, rng.randint(1, 12), rng.randint(1, 28))
            a = op1.year - b.year - ((op1.month, op1.day) < (b.month, b.day))
            if a == age:
                break
            born_year += 1 if a > age else -1
        while True:
            given = rng.choice(cfg.male_names if sex == 'male' else cfg.female_names)
            fam = rng.choice(cfg.surnames)
            if (given, fam) not in used_names:
                used_names.add((given, fam))
                break
        died = False
        death_day = None
        pdie = 0.45 if e == 'pathologic' else 0.07
        if rng.random() < pdie:
            death_day = rng.randint(45, 330)
            if op1 + dt.timedelta(days=death_day) < cfg.cutoff:
                died = True
            else:
                death_day = None
        p = dict(idx=i, pid=cfg.id_fmt.format(p=cfg.prefix, i=i + 1), sex=sex,
                 age=age, etio=e, detail=detail, died=died, death_day=death_day,
                 dob=b, given=given, family=fam, op1=op1, sessions=[],
                 fractures=[], rng_tag=rng.random())
        pats.append(p)
    # force at least two deaths
    ndied = sum(p['died'] for p in pats)
    for p in pats:
        if ndied >= 2:
            break
        if not p['died'] and p['etio'] == 'pathologic' and p['op1'] + dt.timedelta(days=200) < cfg.cutoff:
            p['died'] = True
            p['death_day'] = rng.randint(60, 200)
            ndied += 1
    # sessions
    for p in pats:
        p['sessions'].append(make_session(rng, cfg, p, 1, 0, None))
    # new fractures (three or four patients), two or three of them re-operated
    cands = [p for p in pats if (p['op1'] + dt.timedelta(days=150)) < cfg.cutoff
             and (not p['died'] or p['death_day'] > 150)]
    fx = rng.sample(cands, min(4, len(cands)))
    for k, p in enumerate(fx):
        treated = [lv['level'] for lv in p['sessions'][0]['levels']]
        lo = min(SPINE.index(t) for t in treated)
        hi = max(SPINE.index(t) for t in treated)
        opts = [SPINE[j] for j in (lo - 1, hi + 1, hi + 2) if 0 <= j < len(SPINE)
                and SPINE[j] not in treated]
        lvl = rng.choice(opts)
        limit = (cfg.cutoff - p['op1']).days - 40
        if p['died']:
            limit = min(limit, p['death_day'] - 40)
        day = rng.randint(40, max(41, min(limit, 300)))
        p['fractures'].append((day, lvl))
        if k < 3:
            sday = day + rng.randint(5, 21)
            p['sessions'].append(make_session(rng, cfg, p, 2, sday, [lvl]))
    return rng, pats


def pick_levels(rng, k, etio):
    while True:
        first = rng.choices(range(len(SPINE)), weights=SPINE_W)[0]
        if etio == 'pathologic' and k > 1 and rng.random() < 0.4:
            idxs = sorted(set([first] + rng.sample(range(len(SPINE)), k - 1)))
        else:
            idxs = list(range(first, first + k))
        if len(idxs) == k and idxs[-1] < len(SPINE):
            return [SPINE[j] for j in idxs]


def visit_values(rng, p, tp, base):
    vas_pre, odi_pre = base
    patho = p['etio'] == 'pathologic'
    if tp == 'pre':
        vas, odi = vas_pre, odi_pre
    else:
        drop = {'24h': 0.45, '1w': 0.5, '2w': 0.55, '1m': 0.58, '6w': 0.6,
                '3m': 0.62, '6m': 0.63, '12m': 0.64}[tp]
        vas = vas_pre * (1 - drop) + rng.uniform(-0.8, 0.9) + (0.6 if patho else 0)
        odi = odi_pre * (1 - drop * 0.85) + rng.uniform(-6, 6)
    vas = max(0.0, min(10.0, vas))
    odi = max(4, min(96, int(round(odi / 2.0)) * 2))
    mob_pre = 1 if vas_pre > 8 else 2
    mob = mob_pre if tp == 'pre' else min(4, mob_pre + rng.choice([1, 2, 2, 2, 1]))
    return vas, odi, mob


def make_session(rng, cfg, p, num, day, levels):
    date = p['op1'] + dt.timedelta(days=day)
    if levels is None:
        k = rng.choices([1, 2, 3], weights=[55, 33, 12] if p['etio'] != 'pathologic' else [35, 40, 25])[0]
        levels = pick_levels(rng, k, p['etio'])
    tech = 'kyphoplasty' if (rng.random() < cfg.kp_prob and p['etio'] != 'other') else 'vertebroplasty'
    cement = rng.choice(cfg.cement)
    lv = []
    for L in levels:
        thor = L.startswith('T') and int(L[1:]) < 11
        lo, hi = (1.8, 3.8) if thor else (2.8, 6.2)
        if tech == 'kyphoplasty':
            lo, hi = lo + 0.8, hi + 1.0
        vol = rnd_step(rng.uniform(lo, hi), cfg.vol_step)
        r = rng.random()
        if r < 0.64:
            leak = ['none']
        elif r < 0.78:
            leak = ['disc']
        elif r < 0.89:
            leak = ['venous']
        elif r < 0.95:
            leak = ['paravertebral']
        elif r < 0.98:
            leak = ['disc', 'venous']
        else:
            leak = ['epidural']
        lv.append(dict(level=L, vol=vol, leak=leak))
    total = rnd_step(sum(x['vol'] for x in lv), 0.1)
    vas_pre = rng.uniform(6.6, 9.6)
    odi_pre = rng.uniform(46, 82)
    base = (vas_pre, odi_pre)
    alltps = []
    for m, tl in cfg.tps.items():
        for t in tl:
            if t not in alltps:
                alltps.append(t)
    alltps.sort(key=lambda t: TP_DAYS[t])
    visits = {}
    for t in alltps:
        if t == 'pre':
            vd = date - dt.timedelta(days=1 if rng.random() < cfg.pre_day_before else 0)
        else:
            vd = date + dt.timedelta(days=TP_DAYS[t] + rng.randint(-TP_JIT[t], TP_JIT[t]))
        if vd > cfg.cutoff:
            continue
        if p['died'] and (vd - p['op1']).days >= p['death_day']:
            continue
        if t not in ('pre', '24h') and rng.random() < cfg.miss_prob:
            visits[t] = dict(date=vd, missed=True)
            continue
        vas, odi, mob = visit_values(rng, p, t, base)
        visits[t] = dict(date=vd, missed=False, vas=rnd_step(vas, cfg.vas_step),
                         odi=odi, mob=mob)
    return dict(num=num, day=day, date=date, tech=tech, cement=cement,
                levels=lv, total=total, visits=visits)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def write_truth(cfg, pats, errors, idents, vol_mode, written_measures=None,
                leak_known=lambda p, s, lv: True, cement_known=lambda p, s: True):
    """vol_mode: 'level' (per-vertebra volume) or 'session' (only a total)."""
    write_csv('truth/patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etio'], 'yes' if p['died'] else 'no']
               for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for lv in s['levels']:
                rows.append([p['pid'], s['num'], s['day'], lv['level'], s['tech'],
                             fmt_num(lv['vol']) if vol_mode == 'level' else '',
                             fmt_num(s['total']) if vol_mode == 'session' else '',
                             s['cement'] if cement_known(p, s) else '',
                             ';'.join(lv['leak']) if leak_known(p, s, lv) else ''])
    write_csv('truth/procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                                       'cement_volume_ml', 'session_cement_volume_ml',
                                       'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for t in sorted(s['visits'], key=lambda t: TP_DAYS[t]):
                v = s['visits'][t]
                if v['missed']:
                    continue
                for m, tl in cfg.tps.items():
                    if t not in tl:
                        continue
                    val = {'pain_vas': v.get('vas'), 'odi': v.get('odi'),
                           'mobility': v.get('mob')}[m]
                    rows.append([p['pid'], s['num'], m, t, fmt_num(val)])
    write_csv('truth/assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv('truth/fractures.csv', ['patient_id', 'day', 'level'],
              [[p['pid'], d, L] for p in pats for d, L in p['fractures']])
    write_csv('truth/errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value',
                                   'what_is_wrong', 'patient_id'], errors)
    seen = set()
    out = []
    for k, v in idents:
        if (k, v) not in seen and v not in ('', None):
            seen.add((k, v))
            out.append([k, v])
    write_csv('truth/identifiers.csv', ['kind', 'value'], out)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
def save_fixed(wb, path, when):
    """Save an openpyxl workbook byte-for-byte reproducibly (fixed document dates, zip times)."""
    import io
    import re
    import zipfile
    buf = io.BytesIO()
    wb.properties.creator = 'openpyxl'
    wb.properties.created = when
    wb.save(buf)
    stamp = when.strftime('%Y-%m-%dT%H:%M:%SZ')
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == 'docProps/core.xml':
                data = re.sub(rb'(<dcterms:modified[^>]*>)[^<]*', lambda m: m.group(1) + stamp.encode(), data)
            zi = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)


# ---------------------------- end of shared block --------------------------
# ============================== Vigo site part ==============================
cfg = Cfg()
cfg.seed = 2906
cfg.n = 19
cfg.prefix = 'VG'
cfg.id_fmt = '{i}'
cfg.start = dt.date(2021, 10, 4)
cfg.end = dt.date(2022, 12, 20)
cfg.cutoff = dt.date(2023, 9, 29)
cfg.kp_prob = 0.35
cfg.vas_step = 0.1
cfg.vol_step = 0.5
cfg.cement = ['PMMA']
cfg.tps = {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'],
           'odi': ['pre', '3m', '12m']}
cfg.male_names = ['Xosé', 'Manuel', 'Ramón', 'Xoán', 'Andrés', 'Xesús', 'Benito', 'Antón', 'Severino', 'Celso']
cfg.female_names = ['María', 'Carme', 'Rosalía', 'Pilar', 'Dolores', 'Xosefa', 'Uxía', 'Manuela', 'Generosa', 'Sabela']
cfg.surnames = ['Pérez', 'Otero', 'Lorenzo', 'Castro', 'Vázquez', 'Rodríguez', 'Fernández', 'Pazos', 'Domínguez',
                'Alonso', 'Barreiro', 'Lema', 'Iglesias', 'Figueroa', 'Sotelo']
rng, pats = make_cohort(cfg)
r2 = random.Random(986)
for p in pats:          # the unit's running number is the study key
    p['pid'] = str(p['idx'] + 1)

ETW = {'osteoporosis': 'osteoporótica', 'myeloma': 'mieloma múltiple', 'trauma': 'traumática',
       'haemangioma': 'hemanxioma'}
PRIM = ['mama', 'pulmón', 'próstata', 'ril']
LEAKW = {'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural'}


def dmy(d):
    return '%d/%d/%02d' % (d.day, d.month, d.year % 100)


def gl(x):
    return fmt_num(x).replace('.', ',')


def lvl(L, style):
    return ('D' + L[1:]) if (style == 'D' and L.startswith('T')) else L


def vcell(s, p, t, key):
    v = s['visits'].get(t)
    if v is None:
        if p['died'] and (s['date'] + dt.timedelta(days=TP_DAYS[t]) - p['op1']).days >= p['death_day']:
            return 'finado' if p['sex'] == 'male' else 'finada'
        return ''
    if v['missed']:
        return r2.choice(['non acudiu', 'non acudiu', 'N/A', 'non acudiu (chamada sen resposta)'])
    if key == 'vas':
        x = v['vas']
        return r2.choice(['%s cm', '%s cm', '%s cm', '%scm', '%s']) % gl(x)
    return v[key]


def first(cond, taken):
    for p in pats:
        if p['pid'] not in taken and cond(p):
            return p['pid']
taken = []
e_vas = first(lambda p: p['idx'] >= 2 and '1m' in p['sessions'][0]['visits'] and not p['sessions'][0]['visits']['1m']['missed']
              and not float(p['sessions'][0]['visits']['1m']['vas']).is_integer(), taken); taken.append(e_vas)
e_date = first(lambda p: p['idx'] >= 5 and len(p['sessions']) == 1 and not p['fractures'] and not p['died']
               and p['op1'].month in (4, 6, 9, 11, 2), taken)
if e_date is None:
    e_date = first(lambda p: p['idx'] >= 5 and len(p['sessions']) == 1 and not p['fractures'] and not p['died'], taken)
taken.append(e_date)
e_vol = first(lambda p: p['idx'] >= 3 and len(p['sessions'][0]['levels']) == 1 and not float(p['sessions'][0]['total']).is_integer(), taken); taken.append(e_vol)
e_exitus = first(lambda p: p['died'] and p['idx'] >= 1, taken); taken.append(e_exitus)
assert None not in taken, taken
errors = []
idents = []

HEAD = ['Nº', 'NHC', 'Apelidos, Nome', 'Data nac.', 'Idade', 'Sexo', 'Etioloxía', 'Data intervención',
        'Intervención', 'Técnica', 'Niveis', 'Cemento total (ml)', 'Tipo cemento', 'Fuga de cemento',
        'EVA previa', 'EVA 24 h', 'EVA 1 mes', 'EVA 3 meses', 'EVA 6 meses', 'EVA 12 meses',
        'ODI previo', 'ODI 3 meses', 'ODI 12 meses', 'Nova fractura', 'Exitus', 'Observacións']
rows = []
ops = sorted([(s['date'], p, s) for p in pats for s in p['sessions']], key=lambda x: (x[0], x[1]['idx']))
for d, p, s in ops:
    if s['num'] == 1:
        p['_nhc'] = str(r2.randint(1000000, 3999999))
        p['_name'] = '%s %s, %s' % (p['family'], r2.choice(cfg.surnames), p['given'])
        idents += [('record_number', p['_nhc']), ('name', p['_name']), ('birth_date', dmy(p['dob']))]
    style = r2.choice(['D', 'D', 'T'])
    leaks = []
    for lv in s['levels']:
        for lk in lv['leak']:
            if lk != 'none':
                leaks.append('%s %s' % (LEAKW[lk], lvl(lv['level'], style)))
    leak = 'non' if not leaks else 'si: ' + '; '.join(leaks)
    vas = {t: vcell(s, p, t, 'vas') for t in ['pre', '24h', '1m', '3m', '6m', '12m']}
    odi = {t: vcell(s, p, t, 'odi') for t in ['pre', '3m', '12m']}
    tot = gl(s['total'])
    date_s = dmy(s['date'])
    fx = ''
    exitus = ''
    obs = ''
    if s['num'] == 1:
        if p['fractures']:
            fd, fl = p['fractures'][0]
            fx = 'si, %s (RM %s)' % (lvl(fl, style), dmy(p['op1'] + dt.timedelta(days=fd)))
        else:
            fx = 'non'
        if p['died']:
            exitus = 'si (%s)' % dmy(p['op1'] + dt.timedelta(days=p['death_day']))
        else:
            exitus = 'non'
        if p['detail'] == 'metastasis':
            obs = 'seguimento en Oncoloxía'
        if len(p['sessions']) > 1:
            obs = 'reintervido (ver fila da 2ª)'
    else:
        obs = 'reintervención por nova fractura'
    rec = dict(p=p, s=s, vals=[int(p['pid']), p['_nhc'], p['_name'], dmy(p['dob']), p['age'] if s['num'] == 1 else '',
                               'home' if p['sex'] == 'male' else 'muller',
                               (ETW.get(p['detail']) or 'metástase (%s)' % r2.choice(PRIM)),
                               date_s, '1ª' if s['num'] == 1 else '2ª', 'CP' if s['tech'] == 'kyphoplasty' else 'VP',
                               ', '.join(lvl(l['level'], style) for l in s['levels']), tot, 'PMMA', leak,
                               vas['pre'], vas['24h'], vas['1m'], vas['3m'], vas['6m'], vas['12m'],
                               odi['pre'], odi['3m'], odi['12m'], fx, exitus, obs])
    rows.append(rec)

for i, rec in enumerate(rows):
    line = i + 2          # spreadsheet row, header = 1
    p, s, v = rec['p'], rec['s'], rec['vals']
    if s['num'] != 1:
        continue
    if p['pid'] == e_vas:
        good = s['visits']['1m']['vas']
        v[16] = '%d cm' % int(round(good * 10))
        errors.append(['input.csv', 'Q%d' % line, line, 'EVA 1 mes', v[16],
                       'EVA %s is outside the 10 cm ruler (comma lost); should be %s cm' % (v[16], gl(good)), p['pid']])
    if p['pid'] == e_date:
        d0 = s['date']
        last = (dt.date(d0.year + (d0.month == 12), d0.month % 12 + 1, 1) - dt.timedelta(days=1)).day
        v[7] = '%d/%d/%02d' % (last + 1, d0.month, d0.year % 100)
        errors.append(['input.csv', 'H%d' % line, line, 'Data intervención', v[7],
                       'impossible date; the operation was on %s' % dmy(d0), p['pid']])
    if p['pid'] == e_vol:
        bad = str(int(round(s['total'] * 10)))
        v[11] = bad
        errors.append(['input.csv', 'L%d' % line, line, 'Cemento total (ml)', bad,
                       '%s ml for a single vertebra is impossible (comma lost); should be %s' % (bad, gl(s['total'])), p['pid']])
    if p['pid'] == e_exitus:
        dd = p['op1'] + dt.timedelta(days=p['death_day'])
        bad_d = dd.replace(year=dd.year - 2)
        v[24] = 'si (%s)' % dmy(bad_d)
        errors.append(['input.csv', 'Y%d' % line, line, 'Exitus', v[24],
                       'death dated %s, before the operation of %s (year wrong); should be %s' % (dmy(bad_d), dmy(s['date']), dmy(dd)), p['pid']])

notes = [['Notas:'],
         ['EVA en cm medidos na regra de 10 cm (0 = sen dor). ODI en %. CP = cifoplastia; VP = vertebroplastia.'],
         ['Niveis: D = dorsal (D12 = T12). A fuga indica tipo e nivel; "non" = sen fuga en ningún nivel.'],
         ['"non acudiu" / N/A = non veu á consulta; finado/finada = xa falecera.']]
with open('input.csv', 'w', encoding='utf-8', newline='') as f:
    def q(x):
        if isinstance(x, int):
            return str(x)
        if x == '' or x is None:
            return ''
        return '"%s"' % str(x).replace('"', '""')
    f.write(','.join(q(h) for h in HEAD) + '\n')
    for rec in rows:
        f.write(','.join(q(x) for x in rec['vals']) + '\n')
    f.write(','.join([''] * len(HEAD)) + '\n')
    for n in notes:
        f.write(','.join([q(n[0])] + [''] * (len(HEAD) - 1)) + '\n')
write_truth(cfg, pats, errors, idents, 'session')
print('vigo: %d patients, %d rows, errors %s' % (len(pats), len(rows), [e[1] for e in errors]))
