# ---------------------------------------------------------------- shared data model
import sys, os, csv, datetime as dt
import numpy as np

TP_DAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
SPINE = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
CENTRE_W = {'T6': 1, 'T7': 2, 'T8': 3, 'T9': 3, 'T10': 4, 'T11': 7, 'T12': 12, 'L1': 12, 'L2': 7, 'L3': 5, 'L4': 3}


def gen_cohort(seed, n, ids, techniques, cement_types, tps, measures, s2_tps, half_points=False,
               start=dt.date(2019, 1, 7), span_days=1500, n_died=3, n_frac=4, n_s2=3):
    rng = np.random.default_rng(seed)
    pts = []
    cw = np.array(list(CENTRE_W.values()), float); cw /= cw.sum()
    frac_idx = set(rng.choice(n, n_frac, replace=False).tolist())
    s2_idx = set(sorted(frac_idx)[:n_s2])
    died_pool = [i for i in range(n) if i not in s2_idx]
    died_idx = set(rng.choice(died_pool, n_died, replace=False).tolist())
    for i in range(n):
        p = {'id': ids[i]}
        p['sex'] = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.68 else ('pathologic' if r < 0.88 else 'traumatic')
        lo, hi = {'osteoporotic': (62, 93), 'pathologic': (44, 82), 'traumatic': (33, 78)}[p['etiology']]
        p['age'] = int(rng.integers(lo, hi))
        p['date1'] = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        tech = techniques[int(rng.integers(0, len(techniques)))] if len(techniques) > 1 else techniques[0]
        ctype = cement_types[int(rng.integers(0, len(cement_types)))]
        nlev = int(rng.choice([1, 2, 3], p=[0.58, 0.3, 0.12]))
        c = list(CENTRE_W)[int(rng.choice(len(cw), p=cw))]
        k = SPINE.index(c)
        k = min(k, len(SPINE) - nlev)
        levels = SPINE[k:k + nlev]
        s1 = {'session': 1, 'day': 0, 'date': p['date1'], 'technique': tech, 'cement_type': ctype, 'levels': []}
        for lv in levels:
            s1['levels'].append(make_level(rng, lv))
        p['sessions'] = [s1]
        p['assess'] = {}
        p['fractures'] = []
        p['died'] = 'no'
        p['death_day'] = None
        last_tp = max(TP_DAYS[t] for t in tps)
        if i in died_idx:
            p['died'] = 'yes'
            p['death_day'] = int(rng.integers(50, last_tp + 60))
        if i in frac_idx:
            treated = set(levels)
            cands = [SPINE[j] for j in (k - 1, k + nlev, k - 2, k + nlev + 1) if 0 <= j < len(SPINE) and SPINE[j] not in treated]
            fl = cands[int(rng.integers(0, min(2, len(cands))))]
            fday = int(rng.integers(20, 250))
            if p['death_day'] is not None and fday >= p['death_day']:
                fday = p['death_day'] - 10
            p['fractures'].append((fday, fl))
            if i in s2_idx:
                d2 = fday + int(rng.integers(5, 25))
                s2 = {'session': 2, 'day': d2, 'date': p['date1'] + dt.timedelta(days=d2), 'technique': tech,
                      'cement_type': ctype, 'levels': [make_level(rng, fl)]}
                p['sessions'].append(s2)
        # assessments
        for s in p['sessions']:
            tplist = tps if s['session'] == 1 else s2_tps
            for m in measures:
                if m == 'pain_vas':
                    pre = int(rng.integers(6, 11))
                elif m == 'odi':
                    pre = int(rng.integers(36, 84))
                else:
                    pre = int(rng.integers(0, 2))
                if not (s['session'] == 1 and i == 5 and m == 'pain_vas' and False):
                    p['assess'][(s['session'], m, 'pre')] = pre
                cur = pre
                for t in tplist:
                    absday = s['day'] + TP_DAYS[t]
                    if p['death_day'] is not None and absday >= p['death_day']:
                        continue
                    # do not let session-1 follow-ups run past session 2
                    if s['session'] == 1 and len(p['sessions']) > 1 and absday >= p['sessions'][1]['day']:
                        continue
                    if rng.random() < 0.13:
                        continue
                    if m == 'pain_vas':
                        if half_points:
                            cur = max(0.0, min(10.0, round((cur - rng.uniform(0.3, 3.2)) * 2) / 2))
                        else:
                            cur = max(0, int(cur - rng.integers(0, 4)))
                    elif m == 'odi':
                        cur = max(0, int(cur - rng.integers(2, 18)))
                    else:
                        cur = min(3, int(cur + rng.integers(0, 2)))
                    p['assess'][(s['session'], m, t)] = cur
        pts.append(p)
    return pts


def make_level(rng, lv):
    if lv.startswith('T'):
        v = float(rng.uniform(1.8, 4.6))
    else:
        v = float(rng.uniform(2.8, 7.0))
    v = round(v * 2) / 2
    r = rng.random()
    if r < 0.72:
        leak = 'none'
    else:
        leak = ['disc', 'venous', 'paravertebral', 'venous', 'disc', 'epidural', 'foraminal'][int(rng.integers(0, 7))]
        if rng.random() < 0.15:
            leak = 'disc;venous'
    return {'level': lv, 'vol': v, 'leak': leak}


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pts, errors, identifiers, per_vertebra_volume=True, fields=None,
                leakage_recorded=True):
    """fields: which patient fields are recorded (set of sex, age, etiology, died)."""
    fields = fields or {'sex', 'age', 'etiology', 'died'}
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow([fmt_num(x) for x in r])

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if 'sex' in fields else '', p['age'] if 'age' in fields else '',
        p['etiology'] if 'etiology' in fields else '', p['died'] if 'died' in fields else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            multi = len(s['levels']) > 1
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                if per_vertebra_volume or not multi:
                    cv, sv = l['vol'], ''
                else:
                    cv, sv = '', tot
                rows.append([p['id'], s['session'], s['day'], l['level'], s['technique'], cv, sv,
                             s['cement_type'], l['leak'] if leakage_recorded else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    rows = []
    for p in pts:
        for (s, m, t), v in sorted(p['assess'].items(), key=lambda kv: (kv[0][0], kv[0][1], order.index(kv[0][2]))):
            rows.append([p['id'], s, m, t, v])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['id'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end shared

# ---------------------------------------------------------------- Perth
N = 24
IDS = ['SCGH-VA-%02d' % (i + 1) for i in range(N)]
TPS = ['2w', '6w', '3m', '12m']
pts = gen_cohort(155, N, IDS, ['vertebroplasty', 'vertebroplasty', 'vertebroplasty', 'kyphoplasty'], ['PMMA'], TPS,
                 ['pain_vas', 'odi'], ['2w', '6w'], start=dt.date(2020, 1, 13), span_days=1150)
rng = np.random.default_rng(1550)
for p in pts:
    for k in list(p['assess']):
        if k[1] == 'odi' and k[2] not in ('pre', '6w', '12m'):
            del p['assess'][k]
        elif k[1] == 'odi' and k[0] == 2:
            del p['assess'][k]
GIVEN_F = ['Margaret', 'Joan', 'Patricia', 'Dorothy', 'Beverley', 'Shirley', 'Valerie', 'Judith', 'Lorraine', 'Gwen', 'Noreen', 'Helen']
GIVEN_M = ['Kevin', 'Graham', 'Ronald', 'Barry', 'Keith', 'Trevor', 'Neville']
SUR = ['SMITH', 'JONES', 'WILLIAMS', 'BROWN', 'WILSON', 'TAYLOR', 'NGUYEN', 'ANDERSON', 'THOMPSON', 'WHITE', 'MARTIN', 'KELLY',
       'RYAN', 'WALKER', "O'BRIEN", 'CAMPBELL', 'MITCHELL', 'MURPHY', 'CLARKE', 'ROSS', 'HUGHES', 'TRAN', 'COOPER', 'EDWARDS']
idents = []
for i, p in enumerate(pts):
    g = GIVEN_F[int(rng.integers(0, len(GIVEN_F)))] if p['sex'] == 'female' else GIVEN_M[int(rng.integers(0, len(GIVEN_M)))]
    p['name'] = '%s, %s' % (SUR[i], g)
    p['umrn'] = 'A%07d' % int(rng.integers(1000000, 9999999))
    by = p['date1'].year - p['age'] - 1
    dob = dt.date(by, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
    if dob.replace(year=by + p['age'] + 1) <= p['date1']:
        dob = dob.replace(year=by + 1)
    p['dob'] = dob.strftime('%d/%m/%Y')
    p['ph'] = '04%02d %03d %03d' % (int(rng.integers(0, 99)), int(rng.integers(0, 999)), int(rng.integers(0, 999)))
    idents += [('name', p['name']), ('record_number', p['umrn']), ('birth_date', p['dob']), ('phone', p['ph'])]
    for s in p['sessions']:
        s['episode'] = 'IP%08d' % int(rng.integers(10000000, 99999999))

LEAK = {'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral soft tissue', 'epidural': 'Epidural', 'foraminal': 'Foraminal'}
IND = {'osteoporotic': ['Osteoporotic compression #', 'OP wedge #'], 'pathologic': ['Metastatic disease', 'Multiple myeloma'],
       'traumatic': ['Traumatic # (fall)', 'Traumatic # (MVA)']}
LBL = {'pre': 'Pre-op', '2w': '2/52', '6w': '6/52', '3m': '3/12', '12m': '12/12'}
COLS = ['UMRN', 'STUDY_ID', 'PATIENT_NAME', 'DOB', 'SEX', 'AGE_AT_PROC', 'MOBILE', 'DECEASED', 'DATE_OF_DEATH', 'ENCOUNTER_ID',
        'ENCOUNTER_DTTM', 'ENCOUNTER_TYPE', 'LINKED_PROC_EPISODE', 'VISIT_LABEL', 'FORM', 'FIELD', 'VALUE', 'UNIT', 'ENTERED_BY']


def au(d, hm=None):
    if hm is None:
        hm = '%02d:%02d' % (int(rng.integers(8, 17)), int(rng.choice([0, 15, 30, 45])))
    return d.strftime('%d/%m/%Y') + ' ' + hm


rows = []
marks = {}
for p in pts:
    base = {'UMRN': p['umrn'], 'STUDY_ID': p['id'], 'PATIENT_NAME': p['name'], 'DOB': p['dob'],
            'SEX': 'F' if p['sex'] == 'female' else 'M', 'MOBILE': p['ph'],
            'DECEASED': 'Y' if p['died'] == 'yes' else 'N',
            'DATE_OF_DEATH': (p['date1'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y') if p['died'] == 'yes' else ''}
    dobd = dt.datetime.strptime(p['dob'], '%d/%m/%Y').date()

    def age_at(d):
        return d.year - dobd.year - (1 if (d.month, d.day) < (dobd.month, dobd.day) else 0)
    assert age_at(p['date1']) == p['age']
    events = []
    for s in p['sessions']:
        # pre-op clinic (day before / same morning)
        tl = ['pre'] + (TPS if s['session'] == 1 else ['2w', '6w'])
        for t in tl:
            due = s['day'] + TP_DAYS.get(t, 0)
            vals = [(m, p['assess'].get((s['session'], m, t))) for m in ('pain_vas', 'odi')]
            if all(v is None for _, v in vals):
                if p['death_day'] is not None and due >= p['death_day']:
                    continue
                if s['session'] == 1 and len(p['sessions']) > 1 and due >= p['sessions'][1]['day']:
                    continue
                d = s['date'] + dt.timedelta(days=TP_DAYS[t])
                events.append((d, 'OP Clinic', 'SPINE REVIEW', [(s['session'], t, 'Attendance', 'DNA', '')], s, t))
                continue
            if t == 'pre':
                d = s['date']
            else:
                d = s['date'] + dt.timedelta(days=TP_DAYS[t] + int(rng.integers(-4, 5)))
            items = [(s['session'], t, 'Attendance', 'Attended', '')]
            for m, v in vals:
                if m == 'pain_vas':
                    items.append((s['session'], t, 'Pain NRS (0-10)', v if v is not None else 'Not recorded', ''))
                elif v is not None:
                    items.append((s['session'], t, 'Oswestry Disability Index', v, '%'))
            etype = 'Pre-admission' if t == 'pre' else ('Telehealth' if rng.random() < 0.25 else 'OP Clinic')
            events.append((d, etype, 'SPINE REVIEW', items, s, t))
        # procedure itself
        items = [(s['session'], None, 'Indication', IND[p['etiology']][int(rng.integers(0, 2))], '') if s['session'] == 1 else
                 (s['session'], None, 'Indication', 'New # %s' % s['levels'][0]['level'], ''),
                 (s['session'], None, 'Procedure', 'Percutaneous vertebroplasty' if s['technique'] == 'vertebroplasty' else 'Balloon kyphoplasty', ''),
                 (s['session'], None, 'Cement product', 'PMMA - %s' % ['Spineplex', 'Vertecem V+', 'Osteopal V'][int(rng.integers(0, 3))], '')]
        for l in s['levels']:
            items.append((s['session'], None, 'Level treated', l['level'], ''))
            items.append((s['session'], None, 'Cement volume %s' % l['level'], l['vol'], 'mL'))
            lk = 'Nil' if l['leak'] == 'none' else ' + '.join(LEAK[x] for x in l['leak'].split(';'))
            items.append((s['session'], None, 'Cement extravasation %s' % l['level'], lk, ''))
        events.append((s['date'], 'Day Procedure', 'IR PROCEDURE NOTE', items, s, 'proc'))
    for fd, fl in p['fractures']:
        d = p['date1'] + dt.timedelta(days=fd)
        events.append((d, 'Imaging', 'RADIOLOGY RESULT', [(None, None, 'New vertebral fracture', fl, '')], None, 'img'))
    events.sort(key=lambda e: (e[0], 0 if e[5] == 'pre' else 1))
    for d, etype, form, items, s, t in events:
        enc = 'E%07d' % int(rng.integers(1000000, 9999999))
        hm = '07:30' if t == 'pre' else None
        dttm = au(d, hm)
        for (sess, tp, field, val, unit) in items:
            r = dict(base)
            r.update({'AGE_AT_PROC': age_at(s['date']) if s is not None else '',
                      'ENCOUNTER_ID': enc, 'ENCOUNTER_DTTM': dttm, 'ENCOUNTER_TYPE': etype,
                      'LINKED_PROC_EPISODE': s['episode'] if s is not None else '',
                      'VISIT_LABEL': LBL.get(t, '') if t not in ('proc', 'img') else ('VP/KP' if t == 'proc' else ''),
                      'FORM': form, 'FIELD': field, 'VALUE': val, 'UNIT': unit,
                      'ENTERED_BY': ['jwong', 'CNS spine', 'rmacdonald', 'IR reg'][int(rng.integers(0, 4))]})
            if t == 'proc':
                r['ENCOUNTER_ID'] = s['episode']
            marks.setdefault((p['id'], sess, tp, field), len(rows))
            rows.append(r)

errors = []


def plant(key, colname, val, why):
    i = marks[key]
    rows[i][colname] = val
    c = COLS.index(colname) + 1
    errors.append(['input', '%s%d' % (col_letter(c), i + 2), i + 2, colname, val, why, key[0]])


single = [p for p in pts if len(p['sessions']) == 1]
q = [p for p in single if len(p['sessions'][0]['levels']) == 1][2]
plant((q['id'], 1, None, 'Level treated'), 'VALUE', 'T13' if q['sessions'][0]['levels'][0]['level'].startswith('T') else 'L6', 'impossible vertebral level')
q = [p for p in single if (1, 'pain_vas', '6w') in p['assess']][5]
plant((q['id'], 1, '6w', 'Pain NRS (0-10)'), 'VALUE', 14, 'pain NRS 14 on a 0-10 scale')
q = [p for p in single if len(p['sessions'][0]['levels']) == 1][8]
lv = q['sessions'][0]['levels'][0]['level']
plant((q['id'], 1, None, 'Cement volume %s' % lv), 'VALUE', 45, '45 mL of cement in one vertebra')
q = [p for p in single if (1, 'pain_vas', '3m') in p['assess']][9]
i = marks[(q['id'], 1, '3m', 'Attendance')]
old = rows[i]['ENCOUNTER_DTTM']
bad = '31/04/%s' % old[6:10] + old[10:]
for j in range(i, len(rows)):  # the whole encounter carries the same stamp in the export
    if rows[j]['ENCOUNTER_ID'] == rows[i]['ENCOUNTER_ID']:
        rows[j]['ENCOUNTER_DTTM'] = bad
c = COLS.index('ENCOUNTER_DTTM') + 1
errors.append(['input', '%s%d' % (col_letter(c), i + 2), i + 2, 'ENCOUNTER_DTTM', bad, 'impossible date (31 April) on the 3/12 review', q['id']])
q = single[14]
i = marks[(q['id'], 1, None, 'Procedure')]
rows[i]['AGE_AT_PROC'] = 7
c = COLS.index('AGE_AT_PROC') + 1
errors.append(['input', '%s%d' % (col_letter(c), i + 2), i + 2, 'AGE_AT_PROC', 7, 'age 7 (DOB says otherwise) on the procedure row', q['id']])

out = sys.argv[1] if len(sys.argv) > 1 else '.'
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, 'input.csv'), 'w', newline='', encoding='utf-8-sig') as f:
    w = csv.DictWriter(f, fieldnames=COLS, quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    for r in rows:
        w.writerow({k: fmt_num(v) if isinstance(v, float) else v for k, v in r.items()})
write_truth(out, pts, errors, idents, per_vertebra_volume=True)
