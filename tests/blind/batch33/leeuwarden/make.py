#!/usr/bin/env python3
"""Writes input + truth/ for the blind test site 'leeuwarden'. Deterministic (fixed seed)."""
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
# LEEUWARDEN (MCL, radiologie) – one Excel TABLE (ListObject) on sheet
# "Register VP": filter left on (Techniek = VP, so KP rows are hidden),
# hidden BSN column, DATEDIF/SUM formulas with cached values, totals row.
# ---------------------------------------------------------------------------
import io
import re
import zipfile

import xlsxwriter

rng = random.Random(33204)
CUT = dt.date(2024, 3, 1)
VAS_TPS = ['pre', '24h', '6w', '3m', '12m']
ODI_TPS = ['pre', '3m', '12m']
pts = gen_cohort(rng, 18, 'FRL-{:02d}', dt.date(2021, 1, 10), dt.date(2023, 4, 30), CUT,
                 VAS_TPS, ODI_TPS, kp_share=0.22,
                 cement_types=(('PMMA', 0.85), ('calcium phosphate', 0.15)),
                 missed_p=0.1, n_second=3, n_fx_only=2)
# this unit scores VAS in millimetres (0-100)
for p in pts:
    for s in p['sessions']:
        for v in s['visits'].values():
            if 'pain_vas' in v['vals']:
                v['vals']['pain_vas'] = max(0, min(100, v['vals']['pain_vas'] * 10 + rng.randint(-4, 4)))

M_FIRST = ['Sjoerd', 'Wiebe', 'Jelle', 'Hylke', 'Durk', 'Pieter', 'Gerrit', 'Sietse', 'Tjeerd',
           'Klaas', 'Auke', 'Douwe', 'Bauke', 'Hendrik', 'Jan']
F_FIRST = ['Antje', 'Geeske', 'Trijntje', 'Sjoukje', 'Aaltje', 'Grietje', 'Hiltje', 'Froukje',
           'Wietske', 'Baukje', 'Janke', 'Tineke', 'Jikke', 'Minke', 'Ymkje']
SURN = ['de Jong', 'Hoekstra', 'Dijkstra', 'Visser', 'de Vries', 'Bosma', 'Zijlstra', 'Postma',
        'Wijnstra', 'Terpstra', 'Kuipers', 'van der Meer', 'Sikkema', 'Jaarsma', 'Hofstra',
        'Bergsma', 'Tjalsma', 'Haitsma', 'Veenstra', 'Brouwer']
rng.shuffle(M_FIRST)
rng.shuffle(F_FIRST)
rng.shuffle(SURN)
DIAG = {'osteoporosis': ['osteoporotische fractuur', 'osteoporose', 'osteoporose, fallen thús'],
        'myeloma': ['multipel myeloom', 'MM (Kahler)'],
        'trauma': ['trauma (fal fan fyts)', 'trauma, val van trap', 'trauma (ferkearsûngelok)'],
        'haemangioma': ['hemangioom', 'agressief hemangioom']}
META = {'breast': 'metastase mammaca', 'prostate': 'metastase prostaatca',
        'lung': 'metastase longca', 'kidney': 'metastase niercelca'}
LEAK = {'none': 'geen', 'disc': 'discus', 'venous': 'veneus', 'paravertebral': 'paravertebraal',
        'epidural': 'epiduraal'}
CEM = {'PMMA': 'PMMA', 'calcium phosphate': 'Ca-fosfaat', '': ''}


def lv(l):
    return ('Th' + l[1:]) if l.startswith('T') else l


def bsn(r):
    while True:
        d = [r.randint(1, 9)] + [r.randint(0, 9) for _ in range(7)]
        s = sum(w * x for w, x in zip(range(9, 1, -1), d))
        last = s % 11
        if last < 10:
            return ''.join(map(str, d + [last]))


idents = [('name', 'S. de Jong')]
for p in pts:
    first = (M_FIRST if p['sex'] == 'male' else F_FIRST).pop()
    sur = SURN.pop()
    p['name'] = '%s, %s' % (sur, first)
    p['bsn'] = bsn(rng)
    p['hisnr'] = str(rng.randint(1000000, 9999999))
    p['sexw'] = 'M' if p['sex'] == 'male' else rng.choice(['V', 'V', 'V', 'frou'])
    p['diag'] = META[p['primary']] if p['det'] == 'metastasis' else rng.choice(DIAG[p['det']])
    idents += [('name', p['name']), ('name', '%s %s' % (first, sur)), ('national_id', p['bsn']),
               ('record_number', p['hisnr']), ('birth_date', p['dob'].strftime('%d-%m-%Y')),
               ('birth_date', p['dob'].isoformat())]

HEAD = ['Studienr', 'Naam', 'BSN', 'Patiëntnr', 'Geb.datum', 'Geslacht', 'Diagnose', 'Ingreep',
        'OK-datum', 'Leeftijd', 'Techniek', 'Niveau 1', 'Cement 1 (ml)', 'Lekkage 1',
        'Niveau 2', 'Cement 2 (ml)', 'Lekkage 2', 'Niveau 3', 'Cement 3 (ml)', 'Lekkage 3',
        'Totaal cement (ml)', 'Cementsoort', 'VAS pre', 'VAS 1 dei', 'VAS 6 wiken',
        'VAS 3 mnd', 'VAS 12 mnd', 'ODI pre', 'ODI 3 mnd', 'ODI 12 mnd',
        'Nije fraktuer (niveau)', 'Datum nije fraktuer', 'Ferstoarn', 'Datum ferstoarn',
        'Opmerking']
C = {h: i for i, h in enumerate(HEAD)}
VAS_COLS = dict(zip(VAS_TPS, ['VAS pre', 'VAS 1 dei', 'VAS 6 wiken', 'VAS 3 mnd', 'VAS 12 mnd']))
ODI_COLS = dict(zip(ODI_TPS, ['ODI pre', 'ODI 3 mnd', 'ODI 12 mnd']))
HDR_ROW = 3            # 0-based -> Excel row 4
FIRST = HDR_ROW + 1    # first data row (0-based)

lines = []
for p in pts:
    for s in p['sessions']:
        lines.append((s['date'], p['pid'], p, s))
lines.sort(key=lambda t: (t[0], t[1]))

# cell contents: dict col -> value (dates as date objects, formulas as ('f', formula, cached))
rows = []
for k, (date, pid, p, s) in enumerate(lines):
    xr = FIRST + k + 1  # Excel row number
    c = {}
    c[C['Studienr']] = p['pid']
    c[C['Naam']] = p['name']
    c[C['BSN']] = p['bsn']
    c[C['Patiëntnr']] = p['hisnr']
    c[C['Geb.datum']] = p['dob']
    c[C['Geslacht']] = p['sexw']
    c[C['Diagnose']] = p['diag']
    c[C['Ingreep']] = s['no']
    c[C['OK-datum']] = s['date']
    c[C['Techniek']] = 'VP' if s['tech'] == 'vertebroplasty' else 'KP'
    for j in range(3):
        if j < len(s['levels']):
            c[C['Niveau %d' % (j + 1)]] = lv(s['levels'][j])
            c[C['Cement %d (ml)' % (j + 1)]] = s['vol'][j]
            c[C['Lekkage %d' % (j + 1)]] = ' + '.join(LEAK[x] for x in s['leak'][j])
    c[C['Cementsoort']] = CEM[s['ctype']]
    for tp, h in VAS_COLS.items():
        vis = s['visits'][tp]
        if vis['st'] == 'v':
            c[C[h]] = vis['vals']['pain_vas']
        elif vis['st'] == 'missed':
            c[C[h]] = 'net kaam'
        elif vis['st'] == 'stop':
            c[C[h]] = 'zie 2e ingreep'
        elif vis['st'] == 'dead':
            c[C[h]] = 'ferstoarn'
    for tp, h in ODI_COLS.items():
        vis = s['visits'][tp]
        if vis['st'] == 'v':
            c[C[h]] = vis['vals']['odi']
        elif vis['st'] == 'missed':
            c[C[h]] = 'net kaam'
    if s['no'] == 1 and p['fractures']:
        c[C['Nije fraktuer (niveau)']] = lv(p['fractures'][0]['level'])
        c[C['Datum nije fraktuer']] = p['fractures'][0]['date']
    c[C['Ferstoarn']] = 'ja' if p['died'] else 'nee'
    if p['died']:
        c[C['Datum ferstoarn']] = p['death_date']
    rem = []
    if s['no'] == 2:
        rem.append('2e ingreep i.v.m. nije fraktuer %s' % lv(s['levels'][0]))
    if s['ctype'] == 'calcium phosphate':
        rem.append('proef Ca-fosfaat cement')
    if any(v['st'] == 'missed' for v in s['visits'].values()) and rng.random() < 0.4:
        rem.append('tillefoanysk net berikber')
    c[C['Opmerking']] = '; '.join(rem)
    rows.append({'p': p, 's': s, 'c': c, 'xr': xr})

# ---- planted mistakes ----
errors = []
used = set()


def pick(cond):
    for i, row in enumerate(rows):
        if row['p']['pid'] not in used and cond(row):
            used.add(row['p']['pid'])
            return row
    raise RuntimeError('no candidate')


def err(row, header, value, what):
    if value is None:
        row['c'].pop(C[header], None)
        shown = ''
    else:
        row['c'][C[header]] = value
        shown = fmt_num(value).replace('.', ',')
    errors.append(['Register VP', '%s%d' % (col_letter(C[header] + 1), row['xr']), row['xr'],
                   header, shown, what, row['p']['pid']])


row = pick(lambda r: r['s']['no'] == 1 and r['s']['levels'][0] == 'T12')
err(row, 'Niveau 1', 'Th13', 'level Th13 does not exist (12 thoracic vertebrae); should be Th12')
row = pick(lambda r: r['s']['no'] == 1 and len(r['s']['levels']) >= 2 and len(r['p']['sessions']) == 1)
v = row['s']['vol'][0]
err(row, 'Cement 1 (ml)', v * 10, '%s ml in one vertebra is impossible (decimal comma lost); should be %s'
    % (fmt_num(v * 10), fmt_num(v).replace('.', ',')))
row = pick(lambda r: r['s']['no'] == 1 and r['s']['visits']['3m']['st'] == 'v'
           and r['s']['visits']['3m']['vals']['pain_vas'] < 60 and len(r['p']['sessions']) == 1)
tv = row['s']['visits']['3m']['vals']['pain_vas']
err(row, 'VAS 3 mnd', tv + 100, 'VAS %d mm is outside the 0-100 mm scale; should be %d' % (tv + 100, tv))
row = pick(lambda r: r['s']['no'] == 2)
err(row, 'Studienr', None, 'study number missing on the 2nd-operation row (same Patiëntnr/naam as %s); should be %s'
    % (row['p']['pid'], row['p']['pid']))

# ---- formulas with cached values ----
for row in rows:
    c, xr = row['c'], row['xr']
    age = age_at(row['p']['dob'], row['s']['date'])
    c[C['Leeftijd']] = ('f', '=DATEDIF(E%d,I%d,"y")' % (xr, xr), age)
    tot = sum(c.get(C['Cement %d (ml)' % j], 0) for j in (1, 2, 3))
    c[C['Totaal cement (ml)']] = ('f', '=SUM(M%d,P%d,S%d)' % (xr, xr, xr), tot)
    row['hidden'] = c[C['Techniek']] != 'VP'

# ---- write the workbook ----
buf = io.BytesIO()
wb = xlsxwriter.Workbook(buf, {'in_memory': True})
wb.set_properties({'author': 'S. de Jong', 'company': 'MCL Leeuwarden', 'created': dt.datetime(2024, 3, 1, 9, 0, 0)})
ws = wb.add_worksheet('Register VP')
f_title = wb.add_format({'bold': True, 'font_size': 14, 'font_color': '#1F4E78'})
f_sub = wb.add_format({'italic': True, 'font_color': '#595959'})
f_date = wb.add_format({'num_format': 'dd-mm-yyyy'})
f_dec = wb.add_format({'num_format': '0.0'})
f_miss = wb.add_format({'bg_color': '#FFEB9C'})
f_dead = wb.add_format({'font_color': '#9C0006'})
f_note = wb.add_format({'italic': True, 'font_size': 9})
ws.write(0, 0, 'Register vertebroplastiek / kyfoplastiek – MCL Leeuwarden, afd. Radiologie', f_title)
ws.write(1, 0, 'Bywurke troch S. de Jong (researchverpleechkundige) – lêste update 01-03-2024', f_sub)

n = len(rows)
last_data = FIRST + n - 1
tot_row = last_data + 1
cols = []
for h in HEAD:
    d = {'header': h}
    if h == 'Studienr':
        d['total_string'] = 'Totaal'
    if h == 'Totaal cement (ml)':
        d['total_function'] = 'sum'
        d['total_value'] = sum(r['c'][C[h]][2] for r in rows if not r['hidden'])
        d['format'] = f_dec
    if h == 'Leeftijd':
        d['total_function'] = 'average'
        vis = [r['c'][C[h]][2] for r in rows if not r['hidden']]
        d['total_value'] = sum(vis) / len(vis)
    cols.append(d)
ws.add_table(HDR_ROW, 0, tot_row, len(HEAD) - 1,
             {'name': 'tblVP', 'style': 'Table Style Medium 2', 'total_row': True,
              'columns': cols})
for row in rows:
    r0 = row['xr'] - 1
    for ci, val in row['c'].items():
        h = HEAD[ci]
        if isinstance(val, tuple):
            ws.write_formula(r0, ci, val[1], f_dec if 'cement' in h else None, val[2])
        elif isinstance(val, dt.date):
            ws.write_datetime(r0, ci, dt.datetime(val.year, val.month, val.day), f_date)
        elif isinstance(val, float):
            ws.write_number(r0, ci, val, f_dec)
        elif isinstance(val, int):
            ws.write_number(r0, ci, val)
        elif val == 'net kaam':
            ws.write_string(r0, ci, val, f_miss)
        elif val == 'ferstoarn':
            ws.write_string(r0, ci, val, f_dead)
        else:
            ws.write_string(r0, ci, val)
    if row['hidden']:
        ws.set_row(r0, None, None, {'hidden': True})
ws.write(tot_row + 2, 0, 'VAS yn mm (0-100). "net kaam" = net op kontrôle kaam. Th = thoracaal. '
         'Cement per nivo; totaal = formule.', f_note)
ws.write(tot_row + 3, 0, 'Ferstoarn: ja/nee, datum yn kolom dernjonken.', f_note)
widths = {'Naam': 20, 'Diagnose': 26, 'Opmerking': 34, 'Geb.datum': 11, 'OK-datum': 11,
          'Datum nije fraktuer': 12, 'Datum ferstoarn': 12}
for i, h in enumerate(HEAD):
    if h == 'BSN':
        ws.set_column(i, i, 11, None, {'hidden': True})
    else:
        ws.set_column(i, i, widths.get(h, 10))
ws.freeze_panes(FIRST, 2)
wb.close()

# leave the table's filter ON (Techniek = VP), as the file was saved
zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
with zipfile.ZipFile('input.xlsx', 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith('xl/tables/table'):
            x = data.decode('utf-8')
            x, k = re.subn(r'<autoFilter ref="([A-Z0-9:]+)"/>',
                           r'<autoFilter ref="\1"><filterColumn colId="%d"><filters>'
                           r'<filter val="VP"/></filters></filterColumn></autoFilter>'
                           % C['Techniek'], x)
            assert k == 1
            data = x.encode('utf-8')
        zi = zipfile.ZipInfo(item.filename, date_time=(2024, 3, 1, 9, 30, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        zout.writestr(zi, data)

write_truth(pts, errors, idents, cement_mode='per_level', vas_div=10)
print('leeuwarden: %d patients, %d rows, %d hidden' % (len(pts), len(rows), sum(r['hidden'] for r in rows)))
