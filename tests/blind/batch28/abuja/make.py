# -*- coding: utf-8 -*-
# ---------------------------------------------------------------------------
# Shared generator part (identical in the five make.py of writer B).
# Generates one cohort, then the site part renders it into the workbook and
# the same objects are written to truth/ -- so input and truth cannot drift.
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
VAS_DROP = {'24h': 3.0, '1w': 3.4, '2w': 3.7, '6w': 4.1, '1m': 4.1, '3m': 4.4,
            '6m': 4.5, '12m': 4.6}
ODI_DROP = {'1m': 22, '6w': 24, '3m': 30, '6m': 32, '12m': 34}


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def rdate(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def contiguous(center, k, lo='T4', hi='L5'):
    i = SPINE.index(center)
    a = i - (k - 1) // 2
    a = max(SPINE.index(lo), min(a, SPINE.index(hi) - k + 1))
    return SPINE[a:a + k]


def gen_cohort(rng, n, start, end, cutoff, vas_tps, odi_tps, vas2_tps, odi2_tps,
               kp_share=0.3, n_dead=3, n_frac=4, n_reop=3, missed_rate=0.1,
               cement_types=(('PMMA', 1.0),), per_session_leak=False,
               level_lo='T4', level_hi='L5', reop_max_levels=1):
    etiol = (['osteoporotic'] * (n - 7) + ['pathologic'] * 4 + ['traumatic'] * 2 +
             ['other'])
    rng.shuffle(etiol)
    dates = sorted(rdate(rng, start, end) for _ in range(n))
    pats = []
    for k in range(n):
        e = etiol[k]
        if e == 'osteoporotic':
            sex = 'female' if rng.random() < 0.78 else 'male'
            age = rng.randint(64, 89)
        elif e == 'pathologic':
            sex = rng.choice(['female', 'male'])
            age = rng.randint(51, 79)
        elif e == 'traumatic':
            sex = 'male' if rng.random() < 0.6 else 'female'
            age = rng.randint(48, 74)
        else:
            sex = rng.choice(['female', 'male'])
            age = rng.randint(44, 68)
        d0 = dates[k]
        birth = dt.date(d0.year - age - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        while age_on(birth, d0) != age:
            birth += dt.timedelta(days=1 if age_on(birth, d0) > age else -1)
        nl = rng.choices([1, 2, 3], [55, 35, 10])[0] if e != 'other' else 1
        if e == 'pathologic':
            nl = rng.choice([1, 2, 2, 3])
        cen = rng.choices(['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'],
                          [1, 2, 2, 2, 3, 6, 10, 10, 5, 3, 2])[0]
        levels = contiguous(cen, nl, level_lo, level_hi)
        tech = 'kyphoplasty' if rng.random() < (kp_share + (0.3 if e == 'traumatic' else 0)) else 'vertebroplasty'
        p = dict(id=None, idx=k, sex=sex, age=age, etiology=e, birth=birth, d0=d0,
                 died=False, death_day=None, fractures=[], sessions=[])
        p['sessions'].append(make_session(rng, p, 1, 0, levels, tech, cement_types, per_session_leak))
        pats.append(p)
    # deaths: mostly pathologic
    cand = [p for p in pats if p['etiology'] == 'pathologic'] + \
           [p for p in pats if p['etiology'] == 'osteoporotic' and p['age'] > 80]
    for p in cand[:n_dead]:
        span = (cutoff - p['d0']).days
        if span < 80:
            continue
        p['died'] = True
        p['death_day'] = rng.randint(60, min(span - 5, 520))
    # new fractures (osteoporotic preferred), some re-operated
    cand = [p for p in pats if p['etiology'] == 'osteoporotic' and not p['died']
            and (cutoff - p['d0']).days > 200]
    rng.shuffle(cand)
    fr = cand[:n_frac]
    fr.sort(key=lambda p: p['idx'])
    reop = set(id(p) for p in fr[:n_reop]) if n_reop else set()
    for p in fr:
        s1 = p['sessions'][0]
        span = (cutoff - p['d0']).days
        day = rng.randint(35, min(span - 150, 420))
        top, bot = SPINE.index(s1['levels'][0]['level']), SPINE.index(s1['levels'][-1]['level'])
        opts = [SPINE[i] for i in (top - 1, bot + 1)
                if SPINE.index(level_lo) <= i <= SPINE.index(level_hi)]
        flev = rng.choice(opts)
        p['fractures'].append((day, flev))
        if id(p) in reop:
            d2 = day + rng.randint(6, 28)
            lv = [flev]
            if reop_max_levels > 1 and rng.random() < 0.5:
                j = SPINE.index(flev) + (1 if SPINE.index(flev) > bot else -1)
                if SPINE.index(level_lo) <= j <= SPINE.index(level_hi):
                    lv = sorted([flev, SPINE[j]], key=SPINE.index)
            t2 = s1['technique'] if rng.random() < 0.7 else 'vertebroplasty'
            p['sessions'].append(make_session(rng, p, 2, d2, lv, t2, cement_types, per_session_leak))
    # assessments
    for p in pats:
        for s in p['sessions']:
            tps_v = vas_tps if s['session'] == 1 else vas2_tps
            tps_o = odi_tps if s['session'] == 1 else odi2_tps
            base = rng.choice([7, 8, 8, 8, 9, 9]) + (1 if p['etiology'] == 'pathologic' and rng.random() < 0.4 else 0)
            base = min(base, 10)
            obase = rng.randint(26, 42) * 2
            s['vas'] = {}
            s['odi'] = {}
            for meas, tps, store in (('vas', tps_v, s['vas']), ('odi', tps_o, s['odi'])):
                for tp in tps:
                    absday = s['day'] + TP_DAYS[tp]
                    if p['d0'] + dt.timedelta(days=absday) > cutoff:
                        store[tp] = ('pending', None)
                        continue
                    if p['died'] and absday >= p['death_day']:
                        store[tp] = ('dead', None)
                        continue
                    if tp != 'pre' and tp != '24h' and rng.random() < missed_rate:
                        store[tp] = ('missed', None)
                        continue
                    if meas == 'vas':
                        v = base if tp == 'pre' else base - VAS_DROP[tp] + rng.gauss(0, 0.9)
                        if p['etiology'] == 'pathologic' and tp != 'pre':
                            v += 0.8
                        v = int(round(min(10, max(0, v))))
                    else:
                        v = obase if tp == 'pre' else obase - ODI_DROP[tp] + rng.gauss(0, 6)
                        v = int(round(min(100, max(4, v)) / 2.0)) * 2
                    store[tp] = ('value', v)
    return pats


def make_session(rng, p, session, day, levels, tech, cement_types, per_session_leak):
    ct = rng.choices([c for c, w in cement_types], [w for c, w in cement_types])[0]
    lv = []
    sess_leak = None
    if per_session_leak:
        sess_leak = pick_leak(rng, 0.22 + 0.08 * (len(levels) - 1))
    for L in levels:
        i = SPINE.index(L)
        if i <= SPINE.index('T9'):
            vol = rng.uniform(1.8, 3.4)
        elif i <= SPINE.index('T12'):
            vol = rng.uniform(2.8, 4.8)
        else:
            vol = rng.uniform(3.4, 6.0)
        if tech == 'kyphoplasty':
            vol += rng.uniform(0.5, 1.5)
        vol = round(vol * 2) / 2.0
        leak = sess_leak if per_session_leak else pick_leak(rng, 0.16)
        lv.append(dict(level=L, vol=vol, leak=leak))
    return dict(session=session, day=day, date=p['d0'] + dt.timedelta(days=day),
                technique=tech, cement_type=ct, levels=lv, leak_recorded=True,
                sess_leak=sess_leak)


def pick_leak(rng, prob):
    if rng.random() >= prob:
        return []
    a = rng.choices(['disc', 'venous', 'paravertebral', 'epidural'], [40, 30, 25, 5])[0]
    if rng.random() < 0.15:
        b = rng.choice([x for x in ['disc', 'venous', 'paravertebral'] if x != a])
        return sorted([a, b], key=['disc', 'venous', 'paravertebral', 'epidural'].index)
    return [a]


def pick_etio(rng, table, p):
    """etiology wording; no breast cancer in men, no prostate cancer in women"""
    opts = table[p['etiology']]
    if p['sex'] == 'male':
        o2 = [o for o in opts if not any(k in o for k in BREAST)]
    else:
        o2 = [o for o in opts if not any(k in o for k in PROSTATE)]
    return rng.choice(o2 or opts)


BREAST = ['שד', 'μαστού', 'breast', 'молочной', 'mama']
PROSTATE = ['ערמונית', 'προστάτη', 'prostate', 'простаты', 'próstata']


def fmt_num(v):
    if v is None or v == '':
        return ''
    if float(v) == int(v):
        return str(int(v))
    return ('%.2f' % v).rstrip('0').rstrip('.')


def write_truth(pats, errors, idents, vol_mode):
    """vol_mode(p, s) -> 'vertebra' or 'session'"""
    td = os.path.join(HERE, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                if s['leak_recorded']:
                    leak = ';'.join(l['leak']) if l['leak'] else 'none'
                else:
                    leak = ''
                rows.append([p['id'], s['session'], s['day'], l['level'], s['technique'],
                             fmt_num(l['vol']) if mode == 'vertebra' else '',
                             fmt_num(tot) if mode == 'session' else '',
                             s['cement_type'] or '', leak])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    for p in pats:
        for s in p['sessions']:
            for meas, key in (('pain_vas', 'vas'), ('odi', 'odi')):
                for tp in order:
                    st = s.get(key, {}).get(tp)
                    if st and st[0] == 'value':
                        rows.append([p['id'], s['session'], meas, tp, fmt_num(st[1])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, L] for p in pats for d, L in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set()
    out = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            out.append([k, v])
    w('identifiers.csv', ['kind', 'value'], out)


def bad_date_text(d, order='dmy', sep='/', monthnames=None):
    """An impossible calendar date close to d (same month/year)."""
    if d.month in (4, 6, 9, 11):
        day = 31
    elif d.month == 2:
        day = 30
    else:
        day = 32
    m = monthnames[d.month - 1] if monthnames else '%02d' % d.month
    return '%02d%s%s%s%d' % (day, sep, m, sep, d.year)

# ------------------------------- site part ---------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter as CL
from openpyxl.worksheet.datavalidation import DataValidation

rng = random.Random(28303)
VAS_TPS = ['pre', '24h', '2w', '6w', '3m', '6m']
pats = gen_cohort(rng, 16, dt.date(2021, 6, 1), dt.date(2023, 12, 15), dt.date(2024, 7, 31),
                  VAS_TPS, [], VAS_TPS, [], kp_share=0.15, n_dead=3, n_frac=3, n_reop=2,
                  missed_rate=0.16, per_session_leak=True)
for i, p in enumerate(pats):
    p['id'] = 'NHA-VP-%03d' % (i + 1)
MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']


def dtxt(d):
    return '%02d-%s-%d' % (d.day, MON[d.month - 1], d.year)


F_NAMES = ['Ngozi Okafor', 'Aisha Bello', 'Folake Adeyemi', 'Hauwa Abdullahi', 'Chinwe Eze',
           'Funmilayo Ogunleye', 'Zainab Yusuf', 'Blessing Nwosu', 'Grace Akpan', 'Halima Sani',
           'Comfort Okonkwo', 'Esther Danjuma', 'Khadijat Lawal']
M_NAMES = ['Chukwuemeka Obi', 'Ibrahim Musa', 'Olumide Bakare', 'Emmanuel Okoro', 'Sule Garba',
           'Babatunde Alabi', 'Yakubu Aliyu', 'Augustine Etim', 'Tunde Olaniyan']
rng.shuffle(F_NAMES)
rng.shuffle(M_NAMES)
ETIO = {'osteoporotic': ['Osteoporotic VCF', 'Osteoporotic wedge #', 'OVCF'],
        'pathologic': ['Metastatic (Ca breast)', 'Metastatic (Ca prostate)', 'Multiple myeloma',
                       'Metastasis - ?primary'],
        'traumatic': ['Traumatic # (RTA)', 'Trauma - fall from height'],
        'other': ['Haemangioma']}
idents = []
fi = mi = 0
for p in pats:
    if p['sex'] == 'female':
        p['name'] = F_NAMES[fi]; fi += 1
    else:
        p['name'] = M_NAMES[mi]; mi += 1
    if rng.random() < 0.3:
        p['name'] = p['name'].upper()
    net = rng.choice(['803', '806', '813', '703', '805', '807', '810', '816', '909', '706'])
    num = '%07d' % rng.randint(0, 9999999)
    p['phone'] = rng.choice(['0%s %s %s' % (net, num[:3], num[3:]), '+234%s%s' % (net, num), '0%s%s' % (net, num)])
    p['hosp'] = 'NHA/%d/%05d' % (rng.choice([2015, 2017, 2019, 2020, 2021, 2022]), rng.randint(100, 99999))
    p['etxt'] = pick_etio(rng, ETIO, p)
    idents += [('name', p['name']), ('record_number', p['hosp']), ('phone', p['phone'])]
    for s in p['sessions']:
        if rng.random() < 0.15:
            s['cement_type'] = None
# a few operations where nobody ticked any leak box (not recorded)
allsess = [s for p in pats for s in p['sessions'] if not s['sess_leak']]
for s in rng.sample(allsess, 2):
    s['leak_recorded'] = False

LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = [('none', 'Leak: none'), ('disc', 'Leak: disc'), ('venous', 'Leak: venous'),
         ('paravertebral', 'Leak: paravert.'), ('epidural', 'Leak: epidural')]
TPH = {'pre': 'Pre-op VAS', '24h': 'VAS 24hrs', '2w': 'VAS 2/52', '6w': 'VAS 6/52', '3m': 'VAS 3/12',
       '6m': 'VAS 6/12'}
HDR = (['S/N', 'Study No', 'Hosp. No', 'Patient name', 'Phone', 'Age', 'Sex', 'Diagnosis',
        'Date of procedure', 'Session', 'Procedure'] + LEVELS + ['Cement (mls)', 'Cement type'] +
       [h for k, h in LEAKS] + [TPH[t] for t in VAS_TPS] +
       ['Date last seen', 'New fracture', 'Outcome', 'Remarks'])
COL = {h: j for j, h in enumerate(HDR, 1)}

errors = []
plain = [p for p in pats if len(p['sessions']) == 1]
e_vas = next(p for p in plain if p['sessions'][0]['vas']['2w'][0] == 'value')
e_vol = next(p for p in plain if p is not e_vas and len(p['sessions'][0]['levels']) == 1)
e_date = next(p for p in plain[::-1] if p not in (e_vas, e_vol))
e_seen = next(p for p in plain[3:] if p not in (e_vas, e_vol, e_date) and not p['died'])

wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Register'
for j, h in enumerate(HDR, 1):
    c = ws.cell(1, j, h)
    c.font = Font(name='Arial', bold=True, color='FFFFFF')
    c.fill = PatternFill('solid', fgColor='38761D' if h in LEVELS else ('CC0000' if h.startswith('Leak') else '1155CC'))
    c.alignment = Alignment(wrap_text=True, vertical='center', horizontal='center')
    ws.column_dimensions[CL(j)].width = 5 if (h in LEVELS or h.startswith('Leak')) else 13
ws.column_dimensions['D'].width = 22
ws.column_dimensions[CL(COL['Remarks'])].width = 40
ws.freeze_panes = 'E2'
rows = sorted(((s['date'], p, s) for p in pats for s in p['sessions']), key=lambda x: x[0])
r = 2
for n, (d, p, s) in enumerate(rows, 1):
    v = {}
    v['S/N'] = n
    v['Study No'] = p['id']
    v['Hosp. No'] = p['hosp']
    v['Patient name'] = p['name']
    v['Phone'] = p['phone']
    a = age_on(p['birth'], s['date'])
    v['Age'] = a if rng.random() < 0.75 else '%dyrs' % a
    v['Sex'] = 'F' if p['sex'] == 'female' else 'M'
    v['Diagnosis'] = p['etxt']
    v['Date of procedure'] = s['date'] if rng.random() < 0.85 else dtxt(s['date'])
    v['Session'] = 'Index' if s['session'] == 1 else 'Re-do'
    v['Procedure'] = 'KP' if s['technique'] == 'kyphoplasty' else 'VP'
    treated = [l['level'] for l in s['levels']]
    for L in LEVELS:
        v[L] = L in treated
    tot = sum(l['vol'] for l in s['levels'])
    v['Cement (mls)'] = tot
    v['Cement type'] = s['cement_type'] or None
    for k, h in LEAKS:
        if not s['leak_recorded']:
            v[h] = False
        elif k == 'none':
            v[h] = not s['sess_leak']
        else:
            v[h] = k in s['sess_leak']
    last = s['date'] + dt.timedelta(days=1)
    for tp in VAS_TPS:
        st, val = s['vas'][tp]
        if st == 'value':
            v[TPH[tp]] = val
            if tp != 'pre':
                last = s['date'] + dt.timedelta(days=TP_DAYS[tp] + rng.randint(-3, 6))
        elif st == 'missed':
            v[TPH[tp]] = 'DNA'
        elif st == 'dead':
            v[TPH[tp]] = 'Died'
        else:
            v[TPH[tp]] = None
    v['Date last seen'] = last
    if s['session'] == 1:
        v['New fracture'] = ('Yes - %s (%s)' % (p['fractures'][0][1], dtxt(p['d0'] + dt.timedelta(days=p['fractures'][0][0])))
                             if p['fractures'] else 'No')
    else:
        v['New fracture'] = ''
    v['Outcome'] = 'Died %s' % dtxt(p['d0'] + dt.timedelta(days=p['death_day'])) if p['died'] else 'Alive'
    rem = ''
    if s['session'] == 2:
        rem = 'Re-do for new # %s. Index procedure %s' % (p['fractures'][0][1], dtxt(p['d0']))
    elif p['etiology'] == 'pathologic':
        rem = rng.choice(['Biopsy taken', 'For RT after', 'Referred from Oncology', ''])
    elif s['cement_type'] is None:
        rem = 'cement sticker missing from folder'
    v['Remarks'] = rem
    # planted mistakes
    if p is e_vas and s['session'] == 1:
        good = v[TPH['2w']]
        v[TPH['2w']] = good + 10 if good < 9 else 11
        errors.append(dict(sheet='Register', cell='%s%d' % (CL(COL[TPH['2w']]), r), row=r, header=TPH['2w'],
                           value=str(v[TPH['2w']]), what='VAS outside 0-10; should be %d' % good, pid=p['id']))
    if p is e_vol and s['session'] == 1:
        v['Cement (mls)'] = int(round(tot * 10))
        errors.append(dict(sheet='Register', cell='%s%d' % (CL(COL['Cement (mls)']), r), row=r, header='Cement (mls)',
                           value=str(v['Cement (mls)']),
                           what='%d mL for one vertebra (%s) - decimal point lost; should be %s' % (v['Cement (mls)'], treated[0], fmt_num(tot)),
                           pid=p['id']))
    if p is e_date and s['session'] == 1:
        v['Date of procedure'] = bad_date_text(s['date'], sep='-', monthnames=MON)
        errors.append(dict(sheet='Register', cell='%s%d' % (CL(COL['Date of procedure']), r), row=r,
                           header='Date of procedure', value=v['Date of procedure'],
                           what='impossible date; should be %s' % dtxt(s['date']), pid=p['id']))
    if p is e_seen and s['session'] == 1:
        bad = s['date'] - dt.timedelta(days=rng.randint(20, 60))
        v['Date last seen'] = bad
        errors.append(dict(sheet='Register', cell='%s%d' % (CL(COL['Date last seen']), r), row=r,
                           header='Date last seen', value=dtxt(bad),
                           what='follow-up dated before the procedure (%s); should be %s' % (dtxt(s['date']), dtxt(last)),
                           pid=p['id']))
    for h, val in v.items():
        c = ws.cell(r, COL[h], val)
        c.font = Font(name='Arial', size=10)
        if isinstance(val, dt.date):
            c.number_format = 'dd-mmm-yyyy'
        if h in LEVELS or h.startswith('Leak'):
            c.alignment = Alignment(horizontal='center')
    if s['session'] == 2:
        for j in range(1, len(HDR) + 1):
            ws.cell(r, j).fill = PatternFill('solid', fgColor='FCE5CD')
    r += 1
last_row = r - 1
dv = DataValidation(type='list', formula1='"TRUE,FALSE"', allow_blank=True)
ws.add_data_validation(dv)
dv.add('%s2:%s%d' % (CL(COL['T4']), CL(COL['Leak: epidural']), last_row))
dv2 = DataValidation(type='list', formula1='Lists!$A$2:$A$3', allow_blank=True)
ws.add_data_validation(dv2)
dv2.add('%s2:%s%d' % (CL(COL['Session']), CL(COL['Session']), last_row + 50))
r += 1
ws.cell(r, 2, 'NB: VAS 0-10. 2/52 = 2 weeks, 6/52 = 6 weeks, 3/12 = 3 months, 6/12 = 6 months. DNA = did not attend.')
ws.cell(r + 1, 2, 'Re-do = second procedure on the same patient (own row, VAS columns = after the re-do). Cement = total for the procedure.')
ws.cell(r + 2, 2, 'Leak boxes are for the whole procedure. If no leak box ticked at all = leak not documented.')

ls = wb.create_sheet('Lists')
for i, t in enumerate(['Session', 'Index', 'Re-do'], 1):
    ls.cell(i, 1, t)
for i, t in enumerate(['Procedure', 'VP', 'KP'], 1):
    ls.cell(i, 2, t)
for i, t in enumerate(['Cement type', 'PMMA', 'Calcium phosphate'], 1):
    ls.cell(i, 3, t)
wb.save(os.path.join(HERE, 'input.xlsx'))
write_truth(pats, errors, idents, lambda p, s: 'session')
