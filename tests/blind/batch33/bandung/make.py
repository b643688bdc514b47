#!/usr/bin/env python3
"""Writes input + truth/ for the blind test site 'bandung'. Deterministic (fixed seed)."""
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
# BANDUNG (RSUP Dr. Hasan Sadikin, Orthopaedi & Traumatologi) – three sheets:
# Data Pasien / Tindakan (one row per vertebra, session cells merged) /
# Kontrol (one row per visit, "Mg" = minggu = week).
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

rng = random.Random(33303)
CUT = dt.date(2024, 2, 29)
VAS_TPS = ['pre', '2w', '6w', '3m', '6m', '12m']
ODI_TPS = ['pre', '3m', '12m']
pts = gen_cohort(rng, 18, 'BDG-{:03d}', dt.date(2021, 3, 1), dt.date(2023, 3, 31), CUT,
                 VAS_TPS, ODI_TPS, kp_share=0.3, cement_missing=0.1, missed_p=0.13,
                 n_second=3, n_fx_only=2)
MG = {'pre': 'Pre-op', '2w': 'Mg 2', '6w': 'Mg 6', '3m': 'Mg 12', '6m': 'Mg 24', '12m': 'Mg 52'}
MG_DAYS = {'pre': 0, '2w': 14, '6w': 42, '3m': 84, '6m': 168, '12m': 364}
BULAN = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des']
EN_OK = {1, 2, 3, 4, 6, 7, 9, 11}   # abbreviations an English Excel recognises as dates

M_NAMES = ['Asep Sunandar', 'Dedi Supriadi', 'Ujang Hidayat', 'Cecep Rustandi', 'Agus Setiawan',
           'Engkos Kosasih', 'Dadang Suherman', 'Iwan Ridwan', 'Yayat Sudrajat', 'Ade Sutisna',
           'Jajang Nurjaman', 'Oman Abdurahman', 'Endang Suryana', 'Maman Sulaeman', 'Ceceng Rohendi',
           'Deden Kurniawan']
F_NAMES = ['Euis Komariah', 'Neneng Hasanah', 'Imas Rohimah', 'Cucu Sumarni', 'Iis Aisyah',
           'Enok Nurjanah', 'Tati Rostiati', 'Yeti Suryati', 'Entin Kartini', 'Siti Maryam',
           'Nining Suningsih', 'Popon Rukmini', 'Lilis Suryani', 'Ai Rohayati', 'Dedeh Kurniasih',
           'Onih Rukanah']
rng.shuffle(M_NAMES)
rng.shuffle(F_NAMES)
DIAG = {'osteoporosis': ['Osteoporosis', 'Fraktur kompresi osteoporotik', 'Osteoporosis (jatuh di kamar mandi)'],
        'myeloma': ['Multiple myeloma', 'MM'],
        'trauma': ['Trauma (KLL)', 'Trauma (jatuh dari pohon)', 'Trauma (jatuh dari motor)'],
        'haemangioma': ['Hemangioma vertebra', 'Hemangioma agresif']}
META = {'breast': 'Metastasis Ca mammae', 'prostate': 'Metastasis Ca prostat',
        'lung': 'Metastasis Ca paru', 'kidney': 'Metastasis RCC'}
LEAK = {'none': 'tidak ada', 'disc': 'diskus', 'venous': 'vena', 'paravertebral': 'paravertebral',
        'epidural': 'epidural'}
OPERATORS = ['dr. Rahmat Gunawan, SpOT(K)', 'dr. Hendra Saputra, SpOT', 'dr. Rahmat Gunawan, SpOT(K)']


def tgl_text(d):
    return '%d %s %d' % (d.day, BULAN[d.month - 1], d.year)


def tgl(d):
    """what ends up in the cell: English-looking months became real dates, the others stayed text"""
    if d.month in EN_OK:
        return dt.datetime(d.year, d.month, d.day)
    return tgl_text(d)


idents = [('name', 'Rahmat Gunawan'), ('name', 'dr. Rahmat Gunawan, SpOT(K)'),
          ('name', 'Hendra Saputra'), ('name', 'dr. Hendra Saputra, SpOT'), ('name', 'Ns. Wulan Permatasari')]
for p in pts:
    p['name'] = (M_NAMES if p['sex'] == 'male' else F_NAMES).pop()
    if rng.random() < 0.3:
        p['name'] = p['name'].upper()
    p['rm'] = '%010d' % rng.randint(1500000, 2300000)
    p['nik'] = '3273%02d%02d%02d%02d%04d' % (
        rng.randint(1, 30), p['dob'].day + (40 if p['sex'] == 'female' else 0), p['dob'].month,
        p['dob'].year % 100, rng.randint(1, 40))
    p['hp'] = '08%d%d-%04d-%04d' % (rng.choice([1, 5, 7]), rng.randint(1, 9), rng.randint(0, 9999),
                                    rng.randint(0, 9999))
    p['diag'] = META[p['primary']] if p['det'] == 'metastasis' else rng.choice(DIAG[p['det']])
    idents += [('name', p['name']), ('record_number', p['rm']), ('national_id', p['nik']),
               ('phone', p['hp']), ('birth_date', tgl_text(p['dob'])),
               ('birth_date', p['dob'].isoformat())]

# --------------------------------------------------------------- sheet data
thin = Side(style='thin', color='808080')
BORDER = Border(left=thin, right=thin, top=thin, bottom=thin)
HFILL = PatternFill('solid', fgColor='C6E0B4')
DFMT = 'd mmm yyyy'

pasien = []      # list of row lists
for k, p in enumerate(pts, 1):
    pasien.append({'p': p, 'cells': [k, p['pid'], p['name'], p['rm'], p['nik'], tgl(p['dob']),
                                       '%d th' % p['age'], 'L' if p['sex'] == 'male' else 'P',
                                       p['diag'], 'ya' if p['died'] else 'tidak',
                                       tgl(p['death_date']) if p['died'] else '', p['hp'], '']})
    if p['died']:
        pasien[-1]['cells'][12] = rng.choice(['meninggal di rumah', 'pupus di RS', 'meninggal'])

sess = []
for p in pts:
    for s in p['sessions']:
        sess.append((s['date'], p['pid'], p, s))
sess.sort(key=lambda t: (t[0], t[1]))
tind = []        # one entry per vertebra row
for n, (d, pid, p, s) in enumerate(sess, 1):
    op = rng.choice(OPERATORS)
    for j, l in enumerate(s['levels']):
        tind.append({'p': p, 's': s, 'j': j, 'n': n, 'op': op,
                     'cells': [n, p['pid'], s['no'], tgl(s['date']), l,
                               'VP' if s['tech'] == 'vertebroplasty' else 'KP',
                               sum(s['vol']), s['ctype'],
                               ' + '.join(LEAK[x] for x in s['leak'][j]), op]})

kontrol = []
for p in pts:
    evs = []
    for s in p['sessions']:
        dead_written = False
        for tp in VAS_TPS:
            vis = s['visits'][tp]
            if vis['st'] in ('nd', 'stop'):
                continue
            if vis['st'] == 'dead':
                if not dead_written:
                    dead_written = True
                    evs.append((p['death_day'], [p['pid'], s['no'], MG[tp], '', '', '', '',
                                                 rng.choice(['meninggal', 'pupus'])], None))
                continue
            if tp == 'pre':
                vday = s['day'] - rng.choice([0, 0, 1, 1, 2])
            else:
                vday = s['day'] + MG_DAYS[tp] + rng.randint(-3, 7)
            if vis['st'] == 'missed':
                evs.append((s['day'] + MG_DAYS[tp], [p['pid'], s['no'], MG[tp], '', '', '', '',
                                                    rng.choice(['tidak datang', 'teu datang', 'henteu sumping'])], None))
                continue
            vd = p['op1'] + dt.timedelta(days=vday)
            evs.append((vday, [p['pid'], s['no'], MG[tp], tgl(vd), vis['vals'].get('pain_vas', ''),
                               vis['vals'].get('odi', ''), '', ''], (s, tp)))
    for f in p['fractures']:
        sno = max(s['no'] for s in p['sessions'] if s['day'] <= f['day'])
        evs.append((f['day'], [p['pid'], sno, 'Di luar jadwal', tgl(f['date']), '', '', f['level'],
                               'nyeri punggung baru, MRI: fraktur baru %s' % f['level']], None))
    evs.sort(key=lambda e: e[0])
    for e in evs:
        kontrol.append({'p': p, 'cells': e[1], 'ref': e[2]})

# --------------------------------------------------------------- planted mistakes
errors = []
used = set()
P_HDR = 4      # header rows
T_HDR = 3
K_HDR = 3


def pick(rows, cond):
    for i, r in enumerate(rows):
        if r['p']['pid'] not in used and cond(r):
            used.add(r['p']['pid'])
            return i, r
    raise RuntimeError('no candidate')


# 1. level T13 on Tindakan
i, r = pick(tind, lambda r: r['s']['levels'][r['j']] == 'T12' and len(r['p']['sessions']) == 1)
r['cells'][4] = 'T13'
errors.append(['Tindakan', 'E%d' % (T_HDR + 1 + i), T_HDR + 1 + i, 'Level', 'T13',
               'level T13 does not exist (T1-T12); should be T12', r['p']['pid']])
# 2. session cement 55 cc for one vertebra
i, r = pick(tind, lambda r: len(r['s']['levels']) == 1 and (sum(r['s']['vol']) * 2) % 2 == 1
            and len(r['p']['sessions']) == 1)
tv = sum(r['s']['vol'])
r['cells'][6] = int(tv * 10)
errors.append(['Tindakan', 'G%d' % (T_HDR + 1 + i), T_HDR + 1 + i, 'Semen total (cc)', str(int(tv * 10)),
               '%d cc of cement for a single vertebra is impossible (decimal comma lost); should be %s'
               % (tv * 10, fmt_num(tv).replace('.', ',')), r['p']['pid']])
# 3. Kontrol dated before the operation (wrong year typed)
i, r = pick(kontrol, lambda r: r['ref'] is not None and r['ref'][1] == '6w' and r['ref'][0]['no'] == 1)
s, tp = r['ref']
c = r['cells'][3]
if isinstance(c, dt.datetime):
    vd = c.date()
else:
    dd, mm, yy = c.split()
    vd = dt.date(int(yy), BULAN.index(mm) + 1, int(dd))
bad = vd.replace(year=vd.year - 1)
r['cells'][3] = tgl(bad)
errors.append(['Kontrol', 'D%d' % (K_HDR + 1 + i), K_HDR + 1 + i, 'Tanggal', tgl_text(bad),
               'Mg 6 visit dated %s, before the operation on %s (year typo); should be %s'
               % (tgl_text(bad), tgl_text(s['date']), tgl_text(vd)), r['p']['pid']])
# 4. ODI above 100
i, r = pick(kontrol, lambda r: r['ref'] is not None and r['ref'][1] == '12m'
            and isinstance(r['cells'][5], int) and r['cells'][5] < 40)
tv = r['cells'][5]
r['cells'][5] = int('1' + str(tv))
errors.append(['Kontrol', 'F%d' % (K_HDR + 1 + i), K_HDR + 1 + i, 'ODI (%)', str(r['cells'][5]),
               'ODI %d%% is outside 0-100; should be %d' % (r['cells'][5], tv), r['p']['pid']])

# --------------------------------------------------------------- write workbook
wb = openpyxl.Workbook()
wb.properties.creator = 'Ns. Wulan Permatasari'
wb.properties.created = dt.datetime(2024, 3, 4, 8, 0, 0)
wb.properties.modified = dt.datetime(2024, 3, 4, 8, 0, 0)


def header(ws, row, names, widths):
    for c, (h, w) in enumerate(zip(names, widths), 1):
        cell = ws.cell(row=row, column=c, value=h)
        cell.font = Font(bold=True)
        cell.fill = HFILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
        ws.column_dimensions[col_letter(c)].width = w


def put(ws, row, col, v):
    cell = ws.cell(row=row, column=col, value=(v if v != '' else None))
    cell.border = BORDER
    if isinstance(v, dt.datetime):
        cell.number_format = DFMT
    elif isinstance(v, float):
        cell.number_format = '0.0'
    return cell


ws = wb.active
ws.title = 'Data Pasien'
ws['A1'] = 'DATA PASIEN VERTEBROPLASTI / KIFOPLASTI'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'RSUP Dr. Hasan Sadikin Bandung – Departemen Orthopaedi & Traumatologi (2021-2023)'
ws.merge_cells('A1:M1')
ws.merge_cells('A2:M2')
header(ws, 4, ['No', 'Kode', 'Nama', 'No. RM', 'NIK', 'Tgl Lahir', 'Umur', 'JK (L/P)', 'Diagnosis',
               'Meninggal (ya/tidak)', 'Tgl Meninggal', 'No. HP', 'Ket.'],
       [5, 9, 22, 13, 19, 13, 7, 8, 30, 11, 13, 16, 22])
for k, r in enumerate(pasien):
    for c, v in enumerate(r['cells'], 1):
        put(ws, 5 + k, c, v)
last = 5 + len(pasien)
ws.cell(row=last + 1, column=1, value='Umur = umur saat tindakan pertama. JK: L = laki-laki, P = perempuan.').font = Font(italic=True, size=9)
ws.freeze_panes = 'C5'

ws = wb.create_sheet('Tindakan')
ws['A1'] = 'TINDAKAN VERTEBROPLASTI (VP) / KIFOPLASTI (KP) – satu baris per level'
ws['A1'].font = Font(bold=True, size=12)
ws.merge_cells('A1:J1')
header(ws, 3, ['No', 'Kode', 'Tindakan ke-', 'Tanggal', 'Level', 'Teknik', 'Semen total (cc)',
               'Jenis semen', 'Kebocoran', 'Operator'], [5, 9, 9, 13, 7, 7, 10, 11, 18, 28])
start = {}
for k, r in enumerate(tind):
    row = T_HDR + 1 + k
    for c, v in enumerate(r['cells'], 1):
        if r['j'] > 0 and c in (1, 2, 3, 4, 6, 7, 8, 10):
            ws.cell(row=row, column=c).border = BORDER
            continue   # merged area: value only in the top cell
        cell = put(ws, row, c, v)
        if c == 7 and isinstance(v, float) and rng.random() < 0.25:
            cell.value = fmt_num(v).replace('.', ',') + ' cc'   # typed by hand with unit
    start.setdefault(r['n'], []).append(row)
for n, rows_ in start.items():
    if len(rows_) > 1:
        for c in (1, 2, 3, 4, 6, 7, 8, 10):
            ws.merge_cells(start_row=rows_[0], start_column=c, end_row=rows_[-1], end_column=c)
            ws.cell(row=rows_[0], column=c).alignment = Alignment(vertical='center')
ws.cell(row=T_HDR + len(tind) + 2, column=1,
        value='Semen = total untuk seluruh level dalam satu tindakan. Kebocoran dinilai per level (CT pasca tindakan).').font = Font(italic=True, size=9)
ws.freeze_panes = 'C4'

ws = wb.create_sheet('Kontrol')
ws['A1'] = 'KONTROL POLIKLINIK – VAS (0-10) & ODI (%)  |  Mg = minggu setelah tindakan'
ws['A1'].font = Font(bold=True, size=12)
ws.merge_cells('A1:H1')
header(ws, 3, ['Kode', 'Tindakan ke-', 'Kontrol', 'Tanggal', 'VAS', 'ODI (%)', 'Fraktur baru',
               'Keterangan'], [9, 9, 13, 13, 6, 8, 11, 40])
grey = PatternFill('solid', fgColor='F2F2F2')
prev = None
for k, r in enumerate(kontrol):
    row = K_HDR + 1 + k
    for c, v in enumerate(r['cells'], 1):
        cell = put(ws, row, c, v)
        if r['cells'][7] in ('tidak datang', 'teu datang', 'henteu sumping'):
            cell.fill = grey
ws.freeze_panes = 'A4'

wb.save('input.xlsx')
write_truth(pts, errors, idents, cement_mode='session')
print('bandung: %d patients, %d Tindakan rows, %d Kontrol rows' % (len(pts), len(tind), len(kontrol)))
