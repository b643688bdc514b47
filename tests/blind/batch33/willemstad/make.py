#!/usr/bin/env python3
"""Writes input + truth/ for the blind test site 'willemstad'. Deterministic (fixed seed)."""
# ---------------------------------------------------------------------------
# Cohort generator + truth writer (same block in every site's make.py).
# Generates the clinical facts ONCE; the site part below writes both the
# unit's input file and the truth from these same objects.
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)

TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}
TP_ORDER = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])
# where the first treated level usually sits (thoracolumbar junction heavy)
START_LEVELS = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
                'L1', 'L2', 'L3', 'L4']
START_W = [1, 2, 3, 4, 4, 6, 10, 16, 15, 9, 5, 3]


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def lvl_shift(level, k):
    i = SPINE.index(level) + k
    if i < SPINE.index('T4') or i > SPINE.index('L5'):
        return None
    return SPINE[i]


def gen_leak(rng):
    r = rng.random()
    if r < 0.68:
        return ['none']
    if r < 0.80:
        return ['disc']
    if r < 0.89:
        return ['venous']
    if r < 0.94:
        return ['paravertebral']
    if r < 0.96:
        return ['epidural']
    return ['disc', 'venous']


def gen_levels(rng, k):
    while True:
        first = rng.choices(START_LEVELS, START_W)[0]
        lv = [first]
        for j in range(1, k):
            nxt = lvl_shift(first, j)
            if nxt is None:
                break
            lv.append(nxt)
        if len(lv) == k:
            return lv


def gen_volume(rng, level, tech):
    thor = level.startswith('T')
    if tech == 'vertebroplasty':
        lo, hi = (2.0, 4.5) if thor else (3.0, 6.0)
    else:
        lo, hi = (3.0, 5.5) if thor else (3.5, 7.0)
    steps = int(round((hi - lo) / 0.5))
    return lo + 0.5 * rng.randint(0, steps)


def vas_traj(rng, tps):
    pre = rng.choices([6, 7, 8, 9, 10], [1, 4, 6, 4, 1])[0]
    out = {'pre': pre}
    cur = pre
    for tp in tps:
        if tp == 'pre':
            continue
        if tp == '24h':
            cur = max(1, pre - rng.choice([2, 3, 3, 4, 5]))
        elif tp in ('1w', '2w'):
            cur = max(1, min(cur, pre - rng.choice([3, 4, 4, 5])))
        elif tp in ('6w', '1m'):
            cur = max(0, min(cur + rng.choice([-1, 0, 0, 1]), 5))
        else:
            cur = max(0, min(cur + rng.choice([-1, -1, 0, 0, 1]), 5))
        out[tp] = cur
    return out


def odi_traj(rng, tps):
    pre = rng.randrange(40, 84, 2)
    out = {'pre': pre}
    fac = {'24h': .85, '1w': .75, '2w': .7, '6w': .6, '1m': .6, '3m': .5,
           '6m': .45, '12m': .42}
    for tp in tps:
        if tp != 'pre':
            v = int(round(pre * fac[tp] + rng.randint(-6, 6)))
            out[tp] = max(4, min(v - v % 2, 100))
    return out


def mob_traj(rng, tps):
    pre = rng.choice([0, 1, 1, 2, 2])
    out = {'pre': pre}
    for tp in tps:
        if tp != 'pre':
            out[tp] = min(4, pre + rng.choice([1, 2, 2, 3]))
    return out


def gen_cohort(rng, n, id_fmt, start, end, cut, vas_tps, odi_tps=(),
               mob_tps=(), kp_share=0.3, cement_types=(('PMMA', 1.0),),
               cement_missing=0.0, missed_p=0.1, n_second=3, n_fx_only=2,
               n_dead_target=3):
    pts = []
    visit_tps = [t for t in TP_ORDER if t in set(vas_tps) | set(odi_tps) | set(mob_tps)]
    second_idx = set(rng.sample(range(n), n_second))
    rest = [i for i in range(n) if i not in second_idx]
    fx_only_idx = set(rng.sample(rest, n_fx_only))
    for i in range(n):
        det = rng.choices(['osteoporosis', 'metastasis', 'myeloma', 'trauma',
                           'haemangioma'], [52, 18, 10, 13, 7])[0]
        etio = {'osteoporosis': 'osteoporotic', 'metastasis': 'pathologic',
                'myeloma': 'pathologic', 'trauma': 'traumatic',
                'haemangioma': 'other'}[det]
        primary = None
        if det == 'osteoporosis':
            sex = 'female' if rng.random() < 0.78 else 'male'
            age = int(min(92, max(55, rng.gauss(75, 8))))
        elif det == 'metastasis':
            primary = rng.choice(['breast', 'breast', 'prostate', 'lung', 'kidney'])
            sex = ('female' if primary == 'breast' else 'male' if primary == 'prostate'
                   else rng.choice(['male', 'female']))
            age = int(min(85, max(42, rng.gauss(64, 9))))
        elif det == 'myeloma':
            sex = rng.choice(['male', 'female'])
            age = int(min(86, max(48, rng.gauss(68, 8))))
        elif det == 'trauma':
            sex = rng.choice(['male', 'male', 'female'])
            age = int(min(88, max(38, rng.gauss(58, 12))))
        else:
            sex = rng.choice(['male', 'female', 'female'])
            age = int(min(80, max(35, rng.gauss(55, 10))))
        op1 = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        # date of birth consistent with the age at the first operation
        back = rng.randint(1, 364)
        try:
            dob = op1.replace(year=op1.year - age) - dt.timedelta(days=back)
        except ValueError:
            dob = op1.replace(year=op1.year - age, day=28) - dt.timedelta(days=back)
        if age_at(dob, op1) != age:
            dob = dob + dt.timedelta(days=back)
        assert age_at(dob, op1) == age
        tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
        k = rng.choices([1, 2, 3], [55, 30, 15])[0]
        levels = gen_levels(rng, k)

        def make_session(no, day, levels, tech):
            ctype = rng.choices([c for c, _ in cement_types],
                                [w for _, w in cement_types])[0]
            if rng.random() < cement_missing:
                ctype = ''
            return {'no': no, 'day': day, 'date': op1 + dt.timedelta(days=day),
                    'tech': tech, 'levels': list(levels),
                    'vol': [gen_volume(rng, l, tech) for l in levels],
                    'leak': [gen_leak(rng) for _ in levels], 'ctype': ctype,
                    'visits': {}}
        sessions = [make_session(1, 0, levels, tech)]
        fractures = []
        if i in second_idx or i in fx_only_idx:
            fday = rng.randint(45, 260)
            cand = [lvl_shift(levels[0], -1), lvl_shift(levels[-1], 1)]
            cand = [c for c in cand if c]
            flev = rng.choice(cand)
            if op1 + dt.timedelta(days=fday + 30) < cut:
                fractures.append({'day': fday, 'level': flev,
                                  'date': op1 + dt.timedelta(days=fday)})
                if i in second_idx:
                    s2day = fday + rng.randint(5, 24)
                    t2 = tech if rng.random() < 0.7 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                    sessions.append(make_session(2, s2day, [flev], t2))
        pdie = {'osteoporotic': 0.10, 'pathologic': 0.45, 'traumatic': 0.05, 'other': 0.0}[etio]
        died = False
        death_day = None
        if rng.random() < pdie:
            last = max([s['day'] for s in sessions] + [f['day'] for f in fractures])
            dd = last + rng.randint(50, 400)
            if op1 + dt.timedelta(days=dd) < cut:
                died, death_day = True, dd
        for s in sessions:
            nxt = [x['day'] for x in sessions if x['day'] > s['day']]
            stop_day = nxt[0] if nxt else None
            vas = vas_traj(rng, [t for t in TP_ORDER if t in vas_tps])
            odi = odi_traj(rng, [t for t in TP_ORDER if t in odi_tps])
            mob = mob_traj(rng, [t for t in TP_ORDER if t in mob_tps])
            for tp in visit_tps:
                aday = s['day'] + TP_DAYS[tp]
                adate = op1 + dt.timedelta(days=aday)
                if tp == 'pre':
                    st = 'v'
                elif stop_day is not None and aday >= stop_day:
                    st = 'stop'
                elif died and aday >= death_day:
                    st = 'dead'
                elif adate > cut:
                    st = 'nd'
                elif rng.random() < missed_p:
                    st = 'missed'
                else:
                    st = 'v'
                vals = {}
                if st == 'v':
                    if tp in vas_tps:
                        vals['pain_vas'] = vas[tp]
                    if tp in odi_tps:
                        vals['odi'] = odi[tp]
                    if tp in mob_tps:
                        vals['mobility'] = mob[tp]
                s['visits'][tp] = {'st': st, 'vals': vals, 'day': aday}
        pts.append({'idx': i, 'pid': id_fmt.format(i + 1), 'sex': sex, 'age': age,
                    'dob': dob, 'det': det, 'primary': primary, 'etio': etio,
                    'died': died, 'death_day': death_day,
                    'death_date': (op1 + dt.timedelta(days=death_day)) if died else None,
                    'op1': op1, 'sessions': sessions, 'fractures': fractures})
    # study numbers are handed out in order of the first operation
    pts.sort(key=lambda p: (p['op1'], p['idx']))
    for rank, p in enumerate(pts, 1):
        p['pid'] = id_fmt.format(rank)
    return pts


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        return ('%.2f' % x).rstrip('0').rstrip('.')
    return str(x)


def write_truth(pts, errors, idents, cement_mode='per_level', vas_div=1):
    """cement_mode: 'per_level' or 'session'; vas_div: 10 when the sheet is 0-100 mm."""
    os.makedirs('truth', exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join('truth', name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etio'], 'yes' if p['died'] else 'no'] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = sum(s['vol'])
            for l, v, lk in zip(s['levels'], s['vol'], s['leak']):
                rows.append([p['pid'], s['no'], s['day'], l, s['tech'],
                             fmt_num(v) if cement_mode == 'per_level' else '',
                             fmt_num(tot) if cement_mode == 'session' else '',
                             s['ctype'], ';'.join(lk)])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    rows = []
    for p in pts:
        for s in p['sessions']:
            for tp in TP_ORDER:
                vis = s['visits'].get(tp)
                if not vis or vis['st'] != 'v':
                    continue
                for m in ('pain_vas', 'odi', 'mobility'):
                    if m in vis['vals']:
                        v = vis['vals'][m]
                        if m == 'pain_vas' and vas_div != 1:
                            v = fmt_num(round(v / vas_div, 1))
                        rows.append([p['pid'], s['no'], m, tp, v])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], f['day'], f['level']] for p in pts for f in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'], errors)
    seen, out = set(), []
    for k, v in idents:
        if (k, v) not in seen and v not in ('', None):
            seen.add((k, v))
            out.append([k, v])
    w('identifiers.csv', ['kind', 'value'], out)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# WILLEMSTAD (Curaçao Medical Center) – Excel "Unicode Text" export:
# UTF-16LE with BOM, TAB separated, CRLF, values exactly as displayed.
# ---------------------------------------------------------------------------
rng = random.Random(33101)
CUT = dt.date(2024, 4, 30)
VAS_TPS = ['pre', '24h', '1w', '1m', '3m', '6m', '12m']
ODI_TPS = ['pre', '3m', '12m']
pts = gen_cohort(rng, 17, 'CMC-VP-{:02d}', dt.date(2021, 2, 1), dt.date(2023, 5, 31), CUT,
                 VAS_TPS, ODI_TPS, kp_share=0.25, cement_missing=0.15, missed_p=0.12,
                 n_second=3, n_fx_only=2)

M_FIRST = ['Ergilio', 'Edsel', 'Norbert', 'Hubert', 'Ronald', 'Juan', 'Carlos', 'Roberto',
           'Eldon', 'Rignald', 'Quirino', 'Orlando', 'Siegfried', 'Virgilio', 'Eric']
F_FIRST = ['Shirley', 'Giselle', 'Sharline', 'Myrna', 'Angelica', 'Vivian', 'Lucille',
           'Maria', 'Rosita', 'Marilva', 'Jacqueline', 'Gisela', 'Ivonne', 'Sonia', 'Edna']
SURN = ['Isenia', 'Martina', 'Rosaria', 'Clemencia', 'Pieternella', 'Koeiman', 'Josefa',
        'Doran', 'Sint Jago', 'Wawoe', 'Rojer', 'Vlinder', 'Maduro', 'Suares', 'Statia',
        'Winklaar', 'Cijntje', 'Elisabeth', 'Cuales', 'Girigoria', 'Anthony', 'Daal']
rng.shuffle(SURN)
rng.shuffle(M_FIRST)
rng.shuffle(F_FIRST)

DIAG = {'osteoporosis': ['osteoporose', 'osteoporotische fractuur', 'osteoporose (a kai na kas)'],
        'myeloma': ['multipel myeloom', 'M. Kahler (myeloom)'],
        'trauma': ['trauma (aksidente di auto)', 'trauma - val van trap', 'trauma (a kai for di ladder)'],
        'haemangioma': ['hemangioom', 'agressief hemangioom']}
META = {'breast': 'metastase mammaca', 'prostate': 'meta prostaatca', 'lung': 'metastase longca',
        'kidney': 'meta niercelca'}
LEAK = {'none': 'no', 'disc': 'disko', 'venous': 'venoso', 'paravertebral': 'paravertebral',
        'epidural': 'epidural'}
MISSED = ['no a bini', 'no a bini', 'no a bini', 'no a bin\u00ed']


def dmy(d):
    return '%d-%d-%d' % (d.day, d.month, d.year)


def comma(x):
    s = fmt_num(x)
    return s.replace('.', ',')


HEAD = ['Nr. studio', 'N\u00f2mber pash\u00e8nt', 'Nr. dossier', 'Fecha di nasementu', 'Edat',
        'Sekso', 'Diagnose', 'Operashon', 'Fecha operashon', 'Nivel(nan)', 'Tekniek',
        'Sement (ml)', 'Tipo di sement', 'Lekage', 'VAS pre', 'VAS 24 ora', 'VAS 1 siman',
        'VAS 1 luna', 'VAS 3 luna', 'VAS 6 luna', 'VAS 1 a\u00f1a', 'ODI pre', 'ODI 3 luna',
        'ODI 1 a\u00f1a', 'Fraktura nobo', 'Fecha fraktura nobo', 'Nivel fraktura nobo',
        'Fayes\u00ed', 'Fecha fayesimentu', 'Telefon', 'Remarke']
COL = {h: i for i, h in enumerate(HEAD)}
VAS_COLS = dict(zip(VAS_TPS, ['VAS pre', 'VAS 24 ora', 'VAS 1 siman', 'VAS 1 luna',
                              'VAS 3 luna', 'VAS 6 luna', 'VAS 1 a\u00f1a']))
ODI_COLS = dict(zip(ODI_TPS, ['ODI pre', 'ODI 3 luna', 'ODI 1 a\u00f1a']))

idents = []
for p in pts:
    first = (M_FIRST if p['sex'] == 'male' else F_FIRST).pop()
    p['name'] = '%s, %s' % (SURN.pop(), first)
    p['dossier'] = '%07d' % rng.randint(100000, 999999)
    p['phone'] = rng.choice(['9 5%02d %04d', '+599 9 6%02d %04d', '5%02d-%04d']) % (
        rng.randint(10, 99), rng.randint(0, 9999))
    p['diag'] = META[p['primary']] if p['det'] == 'metastasis' else rng.choice(DIAG[p['det']])
    idents += [('name', p['name']), ('name', p['name'].split(', ')[1] + ' ' + p['name'].split(', ')[0]),
               ('record_number', p['dossier']), ('birth_date', dmy(p['dob'])),
               ('birth_date', p['dob'].isoformat()), ('phone', p['phone'])]

# one line per operation, in the order the operations were done
lines = []
for p in pts:
    for s in p['sessions']:
        lines.append((s['date'], p['pid'], s['no'], p, s))
lines.sort(key=lambda t: (t[0], t[1]))

rows = []
for date, pid, no, p, s in lines:
    r = [''] * len(HEAD)
    r[COL['Nr. studio']] = p['pid']
    r[COL['N\u00f2mber pash\u00e8nt']] = p['name']
    r[COL['Nr. dossier']] = p['dossier']
    r[COL['Fecha di nasementu']] = dmy(p['dob'])
    r[COL['Edat']] = str(age_at(p['dob'], s['date']))
    r[COL['Sekso']] = 'H' if p['sex'] == 'male' else 'M'
    r[COL['Diagnose']] = p['diag']
    r[COL['Operashon']] = str(s['no'])
    r[COL['Fecha operashon']] = dmy(s['date'])
    r[COL['Nivel(nan)']] = ' / '.join(s['levels'])
    r[COL['Tekniek']] = 'VP' if s['tech'] == 'vertebroplasty' else 'KP'
    r[COL['Sement (ml)']] = ' / '.join(comma(v) for v in s['vol'])
    r[COL['Tipo di sement']] = s['ctype']
    r[COL['Lekage']] = ' / '.join('+'.join(LEAK[x] for x in lk) for lk in s['leak'])
    first_dead = True
    for tp, h in VAS_COLS.items():
        vis = s['visits'][tp]
        if vis['st'] == 'v':
            r[COL[h]] = str(vis['vals']['pain_vas'])
        elif vis['st'] == 'missed':
            r[COL[h]] = rng.choice(MISSED)
        elif vis['st'] == 'stop':
            r[COL[h]] = 'mira op. 2'
        elif vis['st'] == 'dead' and first_dead:
            r[COL[h]] = 'fayes\u00ed'
            first_dead = False
    for tp, h in ODI_COLS.items():
        vis = s['visits'][tp]
        if vis['st'] == 'v':
            r[COL[h]] = str(vis['vals']['odi'])
        elif vis['st'] == 'missed':
            r[COL[h]] = '-'
    if s['no'] == 1:
        if p['fractures']:
            f = p['fractures'][0]
            r[COL['Fraktura nobo']] = 'si'
            r[COL['Fecha fraktura nobo']] = dmy(f['date'])
            r[COL['Nivel fraktura nobo']] = f['level']
        else:
            r[COL['Fraktura nobo']] = 'no'
    r[COL['Fayes\u00ed']] = 'si' if p['died'] else 'no'
    if p['died']:
        r[COL['Fecha fayesimentu']] = dmy(p['death_date'])
    r[COL['Telefon']] = p['phone']
    rem = []
    if s['no'] == 2:
        rem.append('2e operashon pa fraktura nobo %s' % s['levels'][0])
    if p['died'] and s is p['sessions'][-1]:
        rem.append('a fayes\u00ed na kas' if rng.random() < 0.5 else 'fayes\u00ed, hospice')
    if any(v['st'] == 'missed' for v in s['visits'].values()) and rng.random() < 0.3:
        rem.append('a yama, no a kontest\u00e1\nkontrol via huisarts')
    if p['det'] == 'haemangioma':
        rem.append('MRI: "aggressive" hemangioma')
    r[COL['Remarke']] = '; '.join(rem)
    rows.append({'p': p, 's': s, 'cells': r})

# ---- planted mistakes (truth keeps the true value; the sheet gets the wrong one) ----
errors = []
used = set()


def pick(cond):
    for i, row in enumerate(rows):
        if row['p']['pid'] not in used and row['s']['no'] == 1 and cond(row):
            used.add(row['p']['pid'])
            return i, row
    raise RuntimeError('no candidate')


def err(i, header, value, what):
    row = rows[i]
    row['cells'][COL[header]] = value
    errors.append(['input.csv', '%s%d' % (col_letter(COL[header] + 1), i + 2), i + 2, header,
                   value, what, row['p']['pid']])


i, row = pick(lambda r: len(r['s']['levels']) == 1 and r['s']['levels'][0].startswith('L'))
err(i, 'Nivel(nan)', 'L7', 'level L7 does not exist (lumbar spine is L1-L5); should be %s' % row['s']['levels'][0])
i, row = pick(lambda r: len(r['s']['levels']) >= 2 and not r['p']['died'])
v = row['s']['vol'][1]
bad = ' / '.join(comma(x) if j != 1 else fmt_num(x * 10) for j, x in enumerate(row['s']['vol']))
err(i, 'Sement (ml)', bad, 'second vertebra volume %s ml is impossible for one vertebra (decimal comma lost); should be %s'
    % (fmt_num(v * 10), comma(v)))
i, row = pick(lambda r: r['s']['visits']['1m']['st'] == 'v' and r['s']['visits']['1m']['vals']['pain_vas'] <= 5)
tv = row['s']['visits']['1m']['vals']['pain_vas']
err(i, 'VAS 1 luna', str(tv + 10), 'VAS %d outside the 0-10 scale; should be %d' % (tv + 10, tv))
i, row = pick(lambda r: r['s']['date'].day > 12)
d = row['s']['date']
bad = '%d-%d-%d' % (d.month, d.day, d.year)
err(i, 'Fecha operashon', bad, 'impossible date (month %d) - typed month-first; should be %s' % (d.day, dmy(d)))

# ---- write the Excel "Unicode Text" file ----
def q(v):
    if any(c in v for c in '\t\n"'):
        return '"' + v.replace('"', '""') + '"'
    return v


out_lines = ['\t'.join(HEAD)]
for row in rows:
    out_lines.append('\t'.join(q(c) for c in row['cells']))
out_lines.append('\t' * (len(HEAD) - 1))
legend = ['Leyenda: Sekso H = h\u00f2mber, M = muh\u00e9. VP = vertebroplastia, KP = kyfoplastia.',
          'VAS 0-10; ODI %. "no a bini" = pash\u00e8nt no a bini na kontrol; "mira op. 2" = kontrol sigui bou di di 2 operashon.',
          'Sement i lekage pa kada nivel den mesun \u00f3rden ku e nivelnan (separ\u00e1 ku " / ").']
for t in legend:
    out_lines.append(q(t) + '\t' * (len(HEAD) - 1))
with open('input.csv', 'wb') as f:
    f.write(b'\xff\xfe' + '\r\n'.join(out_lines).replace('\r\n', '\r\n').encode('utf-16-le') + '\r\n'.encode('utf-16-le'))

write_truth(pts, errors, idents, cement_mode='per_level')
print('willemstad: %d patients, %d lines' % (len(pts), len(rows)))
