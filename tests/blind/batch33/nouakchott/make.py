#!/usr/bin/env python3
"""Writes input + truth/ for the blind test site 'nouakchott'. Deterministic (fixed seed)."""
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
# NOUAKCHOTT (CHN, neurochirurgie) – one sheet, title block, then TWO TABLES
# side by side from row 8 / column C: left = patients + interventions (one row
# per vertebra, merged patient/session cells), one empty column, right = follow-up
# (one row per visit, keyed by the study code).
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

rng = random.Random(33404)
CUT = dt.date(2024, 1, 31)
VAS_TPS = ['pre', '24h', '1w', '1m', '3m', '6m', '12m']
ODI_TPS = ['pre', '3m', '12m']
pts = gen_cohort(rng, 16, 'NKC-{:02d}', dt.date(2021, 1, 15), dt.date(2023, 1, 31), CUT,
                 VAS_TPS, ODI_TPS, kp_share=0.25, cement_missing=0.1, missed_p=0.15,
                 n_second=3, n_fx_only=1)
VIS = {'pre': 'Pré-op', '24h': 'J1', '1w': 'S1', '1m': 'M1', '3m': 'M3', '6m': 'M6', '12m': 'M12'}
JIT = {'pre': (-1, 0), '24h': (0, 0), '1w': (-1, 2), '1m': (-3, 6), '3m': (-5, 10),
       '6m': (-7, 14), '12m': (-10, 20)}

M_NAMES = ['Mohamed Ould Ahmed', 'Sidi Mohamed Ould Cheikh', 'Ahmedou Ould Sidi',
           'Mohamed Lemine Ould Bah', 'Cheikh Ould Abdallahi', 'Moussa Ba', 'Amadou Sow',
           'Oumar Diallo', 'Brahim Ould Mohamed Vall', 'El Hacen Ould Mahmoud', 'Yahya Ould Ely']
F_NAMES = ['Mariem Mint Ahmed', 'Fatimetou Mint Mohamed', 'Aichetou Mint Sidi',
           'Khadijetou Mint Cheikh', 'Mounina Mint Abdallahi', 'Toutou Mint Brahim',
           'Aminetou Mint El Moctar', 'Fatou Sy', 'Aissata Ba', 'Salka Mint Beyrouk',
           'Vatimetou Mint Ely', 'Lalla Mint Mohamed']
rng.shuffle(M_NAMES)
rng.shuffle(F_NAMES)
ETIO = {'osteoporosis': ['Ostéoporose', 'Tassement ostéoporotique', 'Ostéoporose (chute)'],
        'myeloma': ['Myélome multiple', 'Myélome (Kahler)'],
        'trauma': ['Traumatique (AVP)', 'Traumatique (chute de chameau)', 'Traumatique (chute)'],
        'haemangioma': ['Hémangiome agressif', 'Hémangiome vertébral']}
META = {'breast': 'Métastase (sein)', 'prostate': 'Métastase (prostate)',
        'lung': 'Métastase (poumon)', 'kidney': 'Métastase (rein)'}
FUITE = {'none': 'aucune', 'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale',
         'epidural': 'épidurale'}
MISSED = ['absent', 'ma ja', '\u0645\u0627 \u062c\u0627']           # ما جا
DEAD = ['décédé', 'décédé (mat)', '\u062a\u0648\u0641\u064a']       # توفي


def ddmmyyyy(d):
    return d.strftime('%d/%m/%Y')


def niv(l):
    if l.startswith('T') and rng.random() < 0.8:
        return 'D' + l[1:]
    return l


idents = [('name', 'Sidi Ould Khattry'), ('name', 'Dr Sidi Ould Khattry')]
for p in pts:
    p['name'] = (M_NAMES if p['sex'] == 'male' else F_NAMES).pop()
    p['dossier'] = 'CHN-%d-%05d' % (p['op1'].year, rng.randint(1000, 29999))
    p['tel'] = rng.choice(['%d%d %02d %02d %02d', '+222 %d%d %02d %02d %02d']) % (
        rng.choice([2, 3, 4]), rng.randint(0, 9), rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))
    p['etxt'] = META[p['primary']] if p['det'] == 'metastasis' else rng.choice(ETIO[p['det']])
    if rng.random() < 0.25:
        p['dobw'] = 'vers %d' % p['dob'].year
        idents.append(('birth_date', p['dobw']))
    else:
        p['dobw'] = dt.datetime(p['dob'].year, p['dob'].month, p['dob'].day)
        idents.append(('birth_date', ddmmyyyy(p['dob'])))
    idents += [('name', p['name']), ('record_number', p['dossier']), ('phone', p['tel']),
               ('birth_date', p['dob'].isoformat())]

# ------------------------------------------------------------ left table rows
LHEAD = ['N° étude', 'Nom et prénom', 'N° dossier', 'Date de naissance', 'Âge', 'Sexe',
         'Étiologie', 'Séance', 'Date intervention', 'Niveau', 'Technique',
         'Volume ciment (ml)', 'Ciment', 'Fuite', 'Téléphone']
RHEAD = ['Code', 'Séance', 'Visite', 'Date', 'EVA (0-10)', 'ODI (%)', 'Statut',
         'Nouvelle fracture', 'Observations']
LC0 = 3                       # column C
RC0 = LC0 + len(LHEAD) + 1    # one empty column between the tables
HROW = 8
left = []
for p in pts:
    for s in p['sessions']:
        for j, l in enumerate(s['levels']):
            v = s['vol'][j]
            vcell = v if rng.random() < 0.8 else fmt_num(v).replace('.', ',') + ' ml'
            left.append({'p': p, 's': s, 'j': j,
                         'cells': [p['pid'], p['name'], p['dossier'], p['dobw'],
                                   p['age'], 'M' if p['sex'] == 'male' else 'F', p['etxt'],
                                   s['no'], dt.datetime(s['date'].year, s['date'].month, s['date'].day),
                                   niv(l), 'VP' if s['tech'] == 'vertebroplasty' else 'CP', vcell,
                                   s['ctype'], ' + '.join(FUITE[x] for x in s['leak'][j])
                                   if s['leak'][j] != ['none'] else rng.choice(['aucune', 'aucune', 'non']),
                                   p['tel']]})

right = []
for p in pts:
    evs = []
    for s in p['sessions']:
        dead_done = False
        for tp in VAS_TPS:
            vis = s['visits'][tp]
            if vis['st'] in ('nd', 'stop'):
                continue
            if vis['st'] == 'dead':
                if not dead_done:
                    dead_done = True
                    evs.append((p['death_day'], [p['pid'], s['no'], VIS[tp], '', '', '', rng.choice(DEAD), '',
                                                 'décédé le %s' % ddmmyyyy(p['death_date'])], None))
                continue
            if vis['st'] == 'missed':
                evs.append((vis['day'], [p['pid'], s['no'], VIS[tp], '', '', '', rng.choice(MISSED), '',
                                         rng.choice(['', '', 'injoignable', 'parti à Nouadhibou'])], None))
                continue
            lo, hi = JIT[tp]
            vday = vis['day'] + rng.randint(lo, hi)
            vd = p['op1'] + dt.timedelta(days=vday)
            evs.append((vday, [p['pid'], s['no'], VIS[tp], dt.datetime(vd.year, vd.month, vd.day),
                               vis['vals'].get('pain_vas', ''), vis['vals'].get('odi', ''), 'vu', '', ''],
                        (s, tp)))
    for f in p['fractures']:
        sno = max(s['no'] for s in p['sessions'] if s['day'] <= f['day'])
        fd = f['date']
        evs.append((f['day'], [p['pid'], sno, 'hors protocole', dt.datetime(fd.year, fd.month, fd.day),
                               '', '', 'vu', niv(f['level']),
                               'douleur dorsale, IRM : nouveau tassement %s' % f['level']], None))
    evs.sort(key=lambda e: e[0])
    for e in evs:
        right.append({'p': p, 'cells': e[1], 'ref': e[2]})

# ------------------------------------------------------------ planted mistakes
errors = []
used = set()
SHEET = 'Registre VP'


def pick(rows, cond):
    for i, r in enumerate(rows):
        if r['p']['pid'] not in used and cond(r):
            used.add(r['p']['pid'])
            return i, r
    raise RuntimeError('no candidate')


def addr(c0, k, i):
    return '%s%d' % (col_letter(c0 + k), HROW + 1 + i), HROW + 1 + i


i, r = pick(left, lambda r: r['s']['levels'][r['j']] in ('L3', 'L4', 'L5') and len(r['p']['sessions']) == 1)
true_l = r['s']['levels'][r['j']]
r['cells'][9] = 'L8'
a, rr = addr(LC0, 9, i)
errors.append([SHEET, a, rr, 'Niveau', 'L8', 'level L8 does not exist (L1-L5); should be %s' % true_l, r['p']['pid']])
i, r = pick(left, lambda r: isinstance(r['cells'][11], float) and r['cells'][11] % 1 == 0.5
            and len(r['p']['sessions']) == 1)
v = r['cells'][11]
r['cells'][11] = int(v * 10)
a, rr = addr(LC0, 11, i)
errors.append([SHEET, a, rr, 'Volume ciment (ml)', str(int(v * 10)),
               '%d ml in one vertebra is impossible (decimal comma lost); should be %s'
               % (v * 10, fmt_num(v).replace('.', ',')), r['p']['pid']])
i, r = pick(right, lambda r: r['ref'] is not None and r['ref'][1] == '1m' and r['cells'][4] <= 5)
tv = r['cells'][4]
r['cells'][4] = tv + 10
a, rr = addr(RC0, 4, i)
errors.append([SHEET, a, rr, 'EVA (0-10)', str(tv + 10), 'EVA %d outside the 0-10 scale; should be %d'
               % (tv + 10, tv), r['p']['pid']])
i, r = pick(right, lambda r: r['ref'] is not None and r['ref'][1] == '3m' and r['ref'][0]['no'] == 1)
r['cells'][0] = ''
a, rr = addr(RC0, 0, i)
errors.append([SHEET, a, rr, 'Code', '', 'study code missing on this follow-up row (M3 visit between the '
               'rows of %s); should be %s' % (r['p']['pid'], r['p']['pid']), r['p']['pid']])

# ------------------------------------------------------------ write
wb = openpyxl.Workbook()
wb.properties.creator = 'CHN Neurochirurgie'
wb.properties.created = dt.datetime(2024, 2, 15, 10, 0, 0)
wb.properties.modified = dt.datetime(2024, 2, 15, 10, 0, 0)
ws = wb.active
ws.title = SHEET
thin = Side(style='thin', color='000000')
BORDER = Border(left=thin, right=thin, top=thin, bottom=thin)
ws['B1'] = 'République Islamique de Mauritanie  –  \u0627\u0644\u062c\u0645\u0647\u0648\u0631\u064a\u0629 \u0627\u0644\u0625\u0633\u0644\u0627\u0645\u064a\u0629 \u0627\u0644\u0645\u0648\u0631\u064a\u062a\u0627\u0646\u064a\u0629'
ws['B2'] = 'Ministère de la Santé – Centre Hospitalier National (CHN), Nouakchott'
ws['B3'] = 'Service de Neurochirurgie – Unité de radiologie interventionnelle'
ws['B4'] = 'REGISTRE DES VERTÉBROPLASTIES / CYPHOPLASTIES  2021 – 2023'
ws['B5'] = 'Responsable : Dr Sidi Ould Khattry      Mise à jour : 15/02/2024'
for c in ('B1', 'B2', 'B3', 'B5'):
    ws[c].font = Font(size=10)
ws['B4'].font = Font(bold=True, size=14, color='1F3864')
ws.merge_cells('B4:P4')

GFILL_L = PatternFill('solid', fgColor='DDEBF7')
GFILL_R = PatternFill('solid', fgColor='FCE4D6')
ws.cell(row=7, column=LC0, value='PATIENTS ET INTERVENTIONS').font = Font(bold=True)
ws.cell(row=7, column=LC0).fill = GFILL_L
ws.cell(row=7, column=LC0).alignment = Alignment(horizontal='center')
ws.merge_cells(start_row=7, start_column=LC0, end_row=7, end_column=LC0 + len(LHEAD) - 1)
ws.cell(row=7, column=RC0, value='SUIVI (une ligne par visite)').font = Font(bold=True)
ws.cell(row=7, column=RC0).fill = GFILL_R
ws.cell(row=7, column=RC0).alignment = Alignment(horizontal='center')
ws.merge_cells(start_row=7, start_column=RC0, end_row=7, end_column=RC0 + len(RHEAD) - 1)
for k, h in enumerate(LHEAD):
    c = ws.cell(row=HROW, column=LC0 + k, value=h)
    c.font = Font(bold=True)
    c.fill = GFILL_L
    c.border = BORDER
    c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
for k, h in enumerate(RHEAD):
    c = ws.cell(row=HROW, column=RC0 + k, value=h)
    c.font = Font(bold=True)
    c.fill = GFILL_R
    c.border = BORDER
    c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')

PATIENT_COLS = [0, 1, 2, 3, 4, 5, 6, 14]
SESSION_COLS = [7, 8, 10, 12]
span_p, span_s = {}, {}
for i, r in enumerate(left):
    row = HROW + 1 + i
    span_p.setdefault(r['p']['pid'], []).append(row)
    span_s.setdefault((r['p']['pid'], r['s']['no']), []).append(row)
for i, r in enumerate(left):
    row = HROW + 1 + i
    top_p = span_p[r['p']['pid']][0] == row
    top_s = span_s[(r['p']['pid'], r['s']['no'])][0] == row
    for k, v in enumerate(r['cells']):
        c = ws.cell(row=row, column=LC0 + k)
        c.border = BORDER
        if (k in PATIENT_COLS and not top_p) or (k in SESSION_COLS and not top_s):
            continue
        if v == '' or v is None:
            continue
        c.value = v
        if isinstance(v, dt.datetime):
            c.number_format = 'dd/mm/yyyy'
        elif isinstance(v, float):
            c.number_format = '0.0'
        if k in PATIENT_COLS + SESSION_COLS:
            c.alignment = Alignment(vertical='center', wrap_text=(k == 1))
for rows_ in span_p.values():
    if len(rows_) > 1:
        for k in PATIENT_COLS:
            ws.merge_cells(start_row=rows_[0], start_column=LC0 + k, end_row=rows_[-1], end_column=LC0 + k)
for rows_ in span_s.values():
    if len(rows_) > 1:
        for k in SESSION_COLS:
            ws.merge_cells(start_row=rows_[0], start_column=LC0 + k, end_row=rows_[-1], end_column=LC0 + k)

YEL = PatternFill('solid', fgColor='FFF2CC')
for i, r in enumerate(right):
    row = HROW + 1 + i
    for k, v in enumerate(r['cells']):
        c = ws.cell(row=row, column=RC0 + k)
        c.border = BORDER
        if v == '' or v is None:
            continue
        c.value = v
        if isinstance(v, dt.datetime):
            c.number_format = 'dd/mm/yyyy'
        if r['cells'][6] in MISSED:
            c.fill = YEL

foot = HROW + 1 + len(left) + 2
notes = ['Légende : VP = vertébroplastie, CP = cyphoplastie (ballonnet). D = vertèbre dorsale (D12 = T12).',
         'Une ligne par vertèbre traitée ; volume de ciment par vertèbre. Séance 2 = 2e intervention.',
         'Suivi (tableau de droite) : EVA 0-10, ODI en %. J1 = lendemain, S1 = 1 semaine, M1…M12 = mois.',
         'Statut : vu / absent / « ma ja » (n\'est pas venu) / décédé (« mat »).']
for k, t in enumerate(notes):
    ws.cell(row=foot + k, column=LC0, value=t).font = Font(italic=True, size=9)

widths = [10, 24, 15, 13, 6, 6, 24, 7, 12, 8, 9, 10, 9, 16, 16]
ws.column_dimensions['A'].width = 3
ws.column_dimensions['B'].width = 3
for k, w in enumerate(widths):
    ws.column_dimensions[col_letter(LC0 + k)].width = w
ws.column_dimensions[col_letter(RC0 - 1)].width = 3
for k, w in enumerate([9, 7, 14, 12, 9, 8, 13, 11, 38]):
    ws.column_dimensions[col_letter(RC0 + k)].width = w
ws.freeze_panes = 'C9'
wb.save('input.xlsx')
write_truth(pts, errors, idents, cement_mode='per_level')
print('nouakchott: %d patients, %d left rows, %d right rows' % (len(pts), len(left), len(right)))
