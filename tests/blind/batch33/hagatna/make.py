#!/usr/bin/env python3
"""Writes input + truth/ for the blind test site 'hagatna'. Deterministic (fixed seed)."""
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
# HAGATNA (Guam Memorial Hospital, IR) – coded columns fed by data-validation
# dropdowns, a 'Codes' sheet with the meaning of each code, and Excel notes
# (comments) that correct a cell value: the comment is the truth.
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

rng = random.Random(33505)
CUT = dt.date(2024, 3, 31)
VAS_TPS = ['pre', '24h', '2w', '1m', '3m', '6m', '12m']
ODI_TPS = ['pre', '3m', '12m']
MOB_TPS = ['pre', '1m']
pts = gen_cohort(rng, 18, 'GU-{:02d}', dt.date(2021, 6, 1), dt.date(2023, 6, 30), CUT,
                 VAS_TPS, ODI_TPS, MOB_TPS, kp_share=0.35, cement_missing=0.0, missed_p=0.1,
                 n_second=3, n_fx_only=2)

SURN = ['CRUZ', 'SANTOS', 'TAITANO', 'CAMACHO', 'AGUON', 'BLAS', 'QUINATA', 'MENDIOLA',
        'SAN NICOLAS', 'LEON GUERRERO', 'PEREZ', 'SABLAN', 'BORJA', 'TENORIO', 'FLORES',
        'PANGELINAN', 'TERLAJE', 'UNPINGCO', 'QUITUGUA', 'MANIBUSAN', 'DELA CRUZ', 'REYES']
M_FIRST = ['Jose', 'Juan', 'Vicente', 'Francisco', 'Joaquin', 'Jesus', 'Antonio', 'Ignacio',
           'Pedro', 'Ricardo', 'Benigno', 'Tomas', 'Enrique', 'Felix', 'Ramon', 'Luis']
F_FIRST = ['Maria', 'Rosa', 'Carmen', 'Dolores', 'Josefina', 'Ana', 'Teresita', 'Remedios',
           'Consolacion', 'Lourdes', 'Rita', 'Soledad', 'Magdalena', 'Pilar', 'Engracia', 'Julia']
for l in (SURN, M_FIRST, F_FIRST):
    rng.shuffle(l)
DX_CODE = {'osteoporotic': 1, 'pathologic': 2, 'traumatic': 3, 'other': 4}
DX_TXT = {'osteoporosis': ['osteoporotic compression fx', 'OP fx, fell at home', 'senile osteoporosis'],
          'myeloma': ['multiple myeloma', 'MM - on chemo'],
          'trauma': ['fall from ladder', 'MVA', 'fell off boonie truck'],
          'haemangioma': ['aggressive hemangioma', 'hemangioma']}
META = {'breast': 'breast CA mets', 'prostate': 'prostate CA mets', 'lung': 'lung CA mets',
        'kidney': 'RCC mets'}
LEAK_CODE = {'none': 0, 'disc': 1, 'venous': 2, 'paravertebral': 3, 'epidural': 4}
STAFF = ['J. Santos RN', 'Dr. R. Aguon', 'M. Cruz (IR tech)']


def mdy(d):
    return '%d/%d/%d' % (d.month, d.day, d.year)


def xdt(d):
    return dt.datetime(d.year, d.month, d.day)


idents = [('name', 'J. Santos'), ('name', 'J. Santos RN'), ('name', 'R. Aguon'),
          ('name', 'Dr. R. Aguon'), ('name', 'M. Cruz'), ('name', 'Joanne Santos')]
for p in pts:
    first = (M_FIRST if p['sex'] == 'male' else F_FIRST).pop()
    sur = SURN.pop()
    mid = rng.choice('CSTBPQAM')
    p['name'] = '%s, %s %s.' % (sur, first, mid)
    p['mrn'] = '%07d' % rng.randint(300000, 990000)
    p['phone'] = '(671) %03d-%04d' % (rng.choice([472, 477, 475, 482, 632, 646, 688, 734, 789, 888]),
                                      rng.randint(0, 9999))
    p['dxt'] = META[p['primary']] if p['det'] == 'metastasis' else rng.choice(DX_TXT[p['det']])
    idents += [('name', p['name']), ('name', '%s %s' % (first, sur.title())),
               ('record_number', p['mrn']), ('phone', p['phone']), ('birth_date', mdy(p['dob'])),
               ('birth_date', p['dob'].isoformat())]

HEAD = ['Study #', 'Patient Name', 'MRN', 'DOB', 'Phone', 'Age at proc', 'Sex', 'Dx', 'Dx detail',
        'Session', 'Proc Date', 'Technique', 'Level 1', 'Vol 1 (mL)', 'Leak 1', 'Level 2',
        'Vol 2 (mL)', 'Leak 2', 'Level 3', 'Vol 3 (mL)', 'Leak 3', 'Cement', 'VAS Pre', 'VAS 24h',
        'VAS 2wk', 'VAS 1mo', 'VAS 3mo', 'VAS 6mo', 'VAS 12mo', 'ODI Pre', 'ODI 3mo', 'ODI 12mo',
        'Ambulation Pre', 'Ambulation 1mo', 'New Fx Level', 'New Fx Date', 'Died', 'Date of Death',
        'Notes']
C = {h: i for i, h in enumerate(HEAD)}
VAS_COLS = dict(zip(VAS_TPS, ['VAS Pre', 'VAS 24h', 'VAS 2wk', 'VAS 1mo', 'VAS 3mo', 'VAS 6mo', 'VAS 12mo']))
ODI_COLS = dict(zip(ODI_TPS, ['ODI Pre', 'ODI 3mo', 'ODI 12mo']))
MOB_COLS = dict(zip(MOB_TPS, ['Ambulation Pre', 'Ambulation 1mo']))
HROW = 4

# choose who gets a correcting note and who gets a planted mistake (all different patients)
order = list(range(len(pts)))
died_pts = [i for i in order if pts[i]['died'] and len(pts[i]['sessions']) == 1]
note_died = died_pts[0]
taken = {note_died}


def choose(cond):
    for i in order:
        if i not in taken and cond(pts[i]):
            taken.add(i)
            return i
    raise RuntimeError('no candidate')


note_vol = choose(lambda p: p['sessions'][0]['vol'][0] >= 3.5)
note_leak = choose(lambda p: any(lk == ['venous'] for lk in p['sessions'][0]['leak']))
note_lvl = choose(lambda p: len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0][0] == 'L'
                  and p['sessions'][0]['levels'][0] != 'L5')
err_sex = choose(lambda p: True)
err_leak = choose(lambda p: len(p['sessions'][0]['levels']) >= 2)
err_vol = choose(lambda p: True)
err_mob = choose(lambda p: p['sessions'][0]['visits']['1m']['st'] == 'v')

lines = []
for p in pts:
    for s in p['sessions']:
        lines.append((s['date'], p['pid'], p, s))
lines.sort(key=lambda t: (t[0], t[1]))

rows = []
for date, pid, p, s in lines:
    c = {}
    notes = {}
    c[C['Study #']] = p['pid']
    c[C['Patient Name']] = p['name']
    c[C['MRN']] = p['mrn']
    c[C['DOB']] = xdt(p['dob'])
    c[C['Phone']] = p['phone']
    c[C['Age at proc']] = age_at(p['dob'], s['date'])
    c[C['Sex']] = 1 if p['sex'] == 'male' else 2
    c[C['Dx']] = DX_CODE[p['etio']]
    c[C['Dx detail']] = p['dxt']
    c[C['Session']] = s['no']
    c[C['Proc Date']] = xdt(s['date'])
    c[C['Technique']] = 1 if s['tech'] == 'vertebroplasty' else 2
    for j, l in enumerate(s['levels']):
        c[C['Level %d' % (j + 1)]] = l
        c[C['Vol %d (mL)' % (j + 1)]] = s['vol'][j]
        lk = s['leak'][j]
        c[C['Leak %d' % (j + 1)]] = LEAK_CODE[lk[0]] if len(lk) == 1 else '%d,%d' % tuple(LEAK_CODE[x] for x in lk)
    c[C['Cement']] = s['ctype']
    dead_done = False
    silent_death = (p is pts[note_died])
    for tp, h in VAS_COLS.items():
        vis = s['visits'][tp]
        if vis['st'] == 'v':
            c[C[h]] = vis['vals']['pain_vas']
        elif vis['st'] == 'missed':
            c[C[h]] = rng.choice(['NS', 'NS', "ti mamaila'"])
        elif vis['st'] == 'stop':
            c[C[h]] = 'see S2'
        elif vis['st'] == 'dead' and not dead_done and not silent_death:
            c[C[h]] = 'm\u00e5tai'
            dead_done = True
    for cols, meas in ((ODI_COLS, 'odi'), (MOB_COLS, 'mobility')):
        for tp, h in cols.items():
            vis = s['visits'][tp]
            if vis['st'] == 'v':
                c[C[h]] = vis['vals'][meas]
            elif vis['st'] == 'missed':
                c[C[h]] = 'NS'
    if s['no'] == 1 and p['fractures']:
        c[C['New Fx Level']] = p['fractures'][0]['level']
        c[C['New Fx Date']] = xdt(p['fractures'][0]['date'])
    c[C['Died']] = 1 if p['died'] else 0
    if p['died']:
        c[C['Date of Death']] = xdt(p['death_date'])
    rem = []
    if s['no'] == 2:
        rem.append('2nd session - new fx %s' % s['levels'][0])
    if p['etio'] == 'pathologic' and s['no'] == 1 and rng.random() < 0.5:
        rem.append('bx taken at same sitting')
    c[C['Notes']] = '; '.join(rem)
    rows.append({'p': p, 's': s, 'c': c, 'notes': notes, 'xr': HROW + 1 + len(rows)})

errors = []


def first_row(pi):
    for r in rows:
        if r['p'] is pts[pi] and r['s']['no'] == 1:
            return r


# ---- correcting notes (the note is the truth; the cell holds the old value) ----
r = first_row(note_died)
r['c'][C['Died']] = 0
r['c'].pop(C['Date of Death'], None)
r['notes'][C['Died']] = ('Pt passed away %s per family (m\u00e5tai) - should be 1. Not updated yet.'
                         % mdy(r['p']['death_date']), STAFF[0])
r = first_row(note_vol)
tv = r['s']['vol'][0]
r['c'][C['Vol 1 (mL)']] = tv - 1.5
r['notes'][C['Vol 1 (mL)']] = ('should be %s per op note' % fmt_num(tv), STAFF[0])
r = first_row(note_leak)
j = [k for k, lk in enumerate(r['s']['leak']) if lk == ['venous']][0]
r['c'][C['Leak %d' % (j + 1)]] = 1
r['notes'][C['Leak %d' % (j + 1)]] = ('post-op CT reviewed: VENOUS leak, not disc -> code should be 2', STAFF[1])
r = first_row(note_lvl)
tl = r['s']['levels'][0]
wrong = lvl_shift(tl, 1)
r['c'][C['Level 1']] = wrong
r['notes'][C['Level 1']] = ('fluoro images reviewed - level treated was %s, not %s' % (tl, wrong), STAFF[1])
# a harmless note that corrects nothing
for rr in rows:
    if pts.index(rr['p']) not in taken and rr['s']['no'] == 1:
        rr['notes'][C['Proc Date']] = ('on warfarin - held 5 days pre-op', STAFF[2])
        break


# ---- planted mistakes ----
def err(pi, header, value, what):
    r = first_row(pi)
    r['c'][C[header]] = value
    errors.append(['VP Log', '%s%d' % (col_letter(C[header] + 1), r['xr']), r['xr'], header,
                   fmt_num(value), what, r['p']['pid']])


p = pts[err_sex]
err(err_sex, 'Sex', 3, 'sex code 3 is not in the Codes list (1 = male, 2 = female); should be %d'
    % (1 if p['sex'] == 'male' else 2))
p = pts[err_leak]
err(err_leak, 'Leak 2', 6, 'leak code 6 is not in the Codes list (0-4); should be %s'
    % ','.join(str(LEAK_CODE[x]) for x in p['sessions'][0]['leak'][1]))
p = pts[err_vol]
tv = p['sessions'][0]['vol'][0]
err(err_vol, 'Vol 1 (mL)', int(tv * 10), '%d mL in one vertebra is impossible (decimal point lost); should be %s'
    % (tv * 10, fmt_num(tv)))
p = pts[err_mob]
tv = p['sessions'][0]['visits']['1m']['vals']['mobility']
err(err_mob, 'Ambulation 1mo', 6, 'ambulation code 6 outside the 0-4 scale; should be %d' % tv)

# ---- workbook ----
wb = openpyxl.Workbook()
wb.properties.creator = 'Joanne Santos'
wb.properties.created = dt.datetime(2024, 4, 2, 8, 0, 0)
wb.properties.modified = dt.datetime(2024, 4, 2, 8, 0, 0)
ws = wb.active
ws.title = 'VP Log'
ws['A1'] = 'Guam Memorial Hospital Authority - Interventional Radiology'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'Vertebral Augmentation Log (VP / KP) 2021-2023'
ws['A2'].font = Font(bold=True, size=11)
ws['A3'] = ("H\u00e5fa adai! Use the dropdowns for coded columns (see 'Codes' tab). "
            "If a value is wrong, add a NOTE to the cell - don't overwrite.")
ws['A3'].font = Font(italic=True, size=9, color='C00000')
HFILL = PatternFill('solid', fgColor='BDD7EE')
CFILL = PatternFill('solid', fgColor='FFF2CC')
thin = Side(style='thin', color='A6A6A6')
BORDER = Border(left=thin, right=thin, top=thin, bottom=thin)
CODED = ['Sex', 'Dx', 'Technique', 'Leak 1', 'Leak 2', 'Leak 3', 'Ambulation Pre', 'Ambulation 1mo', 'Died']
for k, h in enumerate(HEAD):
    cell = ws.cell(row=HROW, column=k + 1, value=h)
    cell.font = Font(bold=True)
    cell.fill = CFILL if h in CODED else HFILL
    cell.border = BORDER
    cell.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
for r in rows:
    for k in range(len(HEAD)):
        cell = ws.cell(row=r['xr'], column=k + 1)
        cell.border = BORDER
        v = r['c'].get(k)
        if v is None or v == '':
            continue
        cell.value = v
        if isinstance(v, dt.datetime):
            cell.number_format = 'm/d/yyyy'
        elif isinstance(v, float):
            cell.number_format = '0.0'
    for k, (txt, author) in r['notes'].items():
        cm = Comment('%s:\n%s' % (author, txt), author)
        cm.width = 220
        cm.height = 90
        ws.cell(row=r['xr'], column=k + 1).comment = cm
last = HROW + len(rows)
ws.cell(row=last + 2, column=1, value='NS / "ti mamaila\'" = no-show.  "m\u00e5tai" = deceased.  '
        '"see S2" = follow-up continues on the 2nd-session row.').font = Font(italic=True, size=9)

# data validation dropdowns (lists point at the Codes sheet)
def dv_list(ref, cols):
    dv = DataValidation(type='list', formula1=ref, allow_blank=True, showErrorMessage=True,
                        errorStyle='warning', error='Pick a code from the list (see Codes tab)',
                        errorTitle='Code?')
    for h in cols:
        L = col_letter(C[h] + 1)
        dv.add('%s%d:%s%d' % (L, HROW + 1, L, 500))
    ws.add_data_validation(dv)


dv_list('=Codes!$B$4:$B$5', ['Sex'])
dv_list('=Codes!$B$8:$B$11', ['Dx'])
dv_list('=Codes!$B$14:$B$15', ['Technique'])
dv_list('=Codes!$B$18:$B$22', ['Leak 1', 'Leak 2', 'Leak 3'])
dv_list('=Codes!$B$25:$B$26', ['Died'])
dv_list('=Codes!$B$29:$B$33', ['Ambulation Pre', 'Ambulation 1mo'])
dv_lvl = DataValidation(type='whole', operator='between', formula1='0', formula2='10', allow_blank=True,
                        showErrorMessage=True, errorStyle='information', error='VAS is 0-10')
for h in VAS_COLS.values():
    L = col_letter(C[h] + 1)
    dv_lvl.add('%s%d:%s%d' % (L, HROW + 1, L, 500))
ws.add_data_validation(dv_lvl)
widths = {'Patient Name': 24, 'Dx detail': 22, 'Notes': 30, 'DOB': 10, 'Proc Date': 10,
          'New Fx Date': 10, 'Date of Death': 10, 'Phone': 14}
for k, h in enumerate(HEAD):
    ws.column_dimensions[col_letter(k + 1)].width = widths.get(h, 8)
ws.freeze_panes = 'C5'

cs = wb.create_sheet('Codes')
cs['A1'] = 'CODE LIST for dropdowns (do not move rows - the dropdowns point here)'
cs['A1'].font = Font(bold=True)
blocks = [('Sex', [(1, 'Male', 'l\u00e5hi'), (2, 'Female', "pal\u00e5o'an")]),
          ('Dx', [(1, 'Osteoporosis', ''), (2, 'Malignancy (mets / myeloma)', ''), (3, 'Trauma', ''),
                  (4, 'Other (hemangioma etc.)', '')]),
          ('Technique', [(1, 'Vertebroplasty (VP)', ''), (2, 'Kyphoplasty (KP, balloon)', '')]),
          ('Leak 1-3', [(0, 'None', "taya'"), (1, 'Disc', ''), (2, 'Venous', ''), (3, 'Paravertebral', ''),
                        (4, 'Epidural', '')]),
          ('Died', [(0, 'No', "ahe'"), (1, 'Yes (deceased)', 'm\u00e5tai')]),
          ('Ambulation', [(0, 'Bedbound', ''), (1, 'Wheelchair', ''), (2, 'Walker', ''), (3, 'Cane', ''),
                          (4, 'Independent', '')])]
r0 = 3
for name, items in blocks:
    cs.cell(row=r0, column=1, value=name).font = Font(bold=True)
    cs.cell(row=r0, column=2, value='Code').font = Font(bold=True)
    cs.cell(row=r0, column=3, value='Meaning').font = Font(bold=True)
    cs.cell(row=r0, column=4, value="Fino' CHamoru").font = Font(bold=True)
    for k, (code, mean, ch) in enumerate(items, 1):
        cs.cell(row=r0 + k, column=2, value=code)
        cs.cell(row=r0 + k, column=3, value=mean)
        if ch:
            cs.cell(row=r0 + k, column=4, value=ch)
    r0 += len(items) + 2
cs.cell(row=r0, column=1, value='Two leaks at one level: type both codes with a comma, e.g. 1,2').font = Font(italic=True)
cs.column_dimensions['A'].width = 12
cs.column_dimensions['C'].width = 30
cs.column_dimensions['D'].width = 14
wb.save('input.xlsx')
write_truth(pts, errors, idents, cement_mode='per_level')
print('hagatna: %d patients, %d rows' % (len(pts), len(rows)))
