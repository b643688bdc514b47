# ---------------------------------------------------------------- common generator
import os, csv, random, datetime as dt
HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs('truth', exist_ok=True)

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
MAIN = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
MAINW = [2, 2, 3, 3, 4, 8, 14, 14, 8, 5, 3, 1]


def lvl_shift(level, k):
    i = LEVELS.index(level) + k
    i = max(LEVELS.index('T4'), min(i, LEVELS.index('L5')))
    return LEVELS[i]


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def gen_cohort(rng, n, tps, start, end, names, p_kp=0.35, p_repeat=0.2, p_frac=0.25,
               p_missed=0.12, vas_step=1.0, odi=False, cement_types=('PMMA',),
               rec=None):
    """tps: list of (label, days). Returns list of patient dicts."""
    pats = []
    span = (end - start).days
    for i in range(n):
        p = {'idx': i + 1}
        p['sex'] = rng.choice(['female'] * 7 + ['male'] * 3)
        r = rng.random()
        if r < 0.62:
            et, det = 'osteoporotic', 'osteoporosis'
        elif r < 0.80:
            et, det = 'pathologic', rng.choice(['metastasis', 'metastasis', 'myeloma'])
        elif r < 0.92:
            et, det = 'traumatic', 'trauma'
        else:
            et, det = 'other', 'haemangioma'
        p['etiology'], p['detail'] = et, det
        if et == 'osteoporotic':
            age = rng.randint(62, 89)
        elif et == 'traumatic':
            age = rng.randint(38, 72)
        else:
            age = rng.randint(48, 82)
        op = start + dt.timedelta(days=rng.randint(0, span))
        while op.weekday() >= 5:
            op += dt.timedelta(days=1)
        dob = op - dt.timedelta(days=int(age * 365.25) + rng.randint(10, 350))
        p['dob'] = dob
        p['age'] = age_at(dob, op)
        p['op_date'] = op
        p['name'] = names(rng, p['sex'])
        p['died'] = (et == 'pathologic' and rng.random() < 0.5) or (rng.random() < 0.08)
        p['death_day'] = rng.randint(60, 330) if p['died'] else None
        # session 1
        nlev = rng.choice([1, 1, 1, 2, 2, 3])
        first = rng.choices(MAIN, MAINW)[0]
        if LEVELS.index(first) + nlev - 1 > LEVELS.index('L5'):
            first = 'L3'
        levels = [lvl_shift(first, k) for k in range(nlev)]
        tech = 'kyphoplasty' if rng.random() < p_kp else 'vertebroplasty'
        sessions = [mk_session(rng, 1, 0, op, levels, tech, cement_types, et)]
        fracs = []
        # new fracture / repeat
        if rng.random() < p_frac:
            fday = rng.randint(25, 250)
            if p['died'] and fday >= p['death_day'] - 20:
                fday = max(20, p['death_day'] - 40)
            cand = [lvl_shift(levels[0], -1), lvl_shift(levels[-1], 1), lvl_shift(levels[-1], 2)]
            cand = [c for c in cand if c not in levels]
            flev = rng.choice(cand)
            fracs.append((fday, flev))
            if rng.random() < 0.65 or (p_repeat > 0.3):
                sday = fday + rng.randint(4, 20)
                sdate = op + dt.timedelta(days=sday)
                while sdate.weekday() >= 5:
                    sdate += dt.timedelta(days=1)
                sday = (sdate - op).days
                if not p['died'] or sday < p['death_day'] - 10:
                    sessions.append(mk_session(rng, 2, sday, sdate, [flev], tech, cement_types, et))
        p['sessions'] = sessions
        p['fractures'] = fracs
        # assessments
        ass = {}
        missed = set()
        cut_after = {}
        for s in sessions:
            s_next = [t for t in sessions if t['session'] == s['session'] + 1]
            base = rng.uniform(6.8, 9.6)
            obase = rng.uniform(48, 82)
            for lab, days in tps:
                absday = s['day'] + days
                if s_next and absday >= s_next[0]['day']:
                    continue
                if p['died'] and absday >= p['death_day']:
                    continue
                if lab != 'pre' and rng.random() < p_missed:
                    missed.add((s['session'], lab))
                    continue
                frac = {'pre': 1.0, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.42,
                        '3m': 0.35, '6m': 0.32, '12m': 0.3}[lab]
                v = base * frac + rng.uniform(-0.8, 0.8)
                v = max(0.0, min(10.0, round(v / vas_step) * vas_step))
                v = round(v, 1)
                d = {'vas': v}
                if odi:
                    o = obase * (1.0 if lab == 'pre' else frac * 0.95) + rng.uniform(-5, 5)
                    d['odi'] = int(max(2, min(96, round(o))))
                ass[(s['session'], lab)] = d
        p['ass'] = ass
        p['missed'] = missed
        pats.append(p)
    pats.sort(key=lambda p: p['op_date'])
    for k, p in enumerate(pats):
        p['idx'] = k + 1
    return pats


def mk_session(rng, sess, day, date, levels, tech, cement_types, et):
    vols = []
    for lv in levels:
        if lv.startswith('L'):
            v = rng.uniform(3.0, 6.0)
        else:
            v = rng.uniform(1.8, 4.2)
        if tech == 'kyphoplasty':
            v += rng.uniform(0.5, 1.5)
        vols.append(round(v * 2) / 2)
    r = rng.random()
    if r < 0.68:
        leak = []
    elif r < 0.80:
        leak = ['disc']
    elif r < 0.89:
        leak = ['venous']
    elif r < 0.95:
        leak = ['paravertebral']
    elif r < 0.97:
        leak = ['epidural']
    else:
        leak = ['disc', 'venous']
    ct = cement_types[0] if len(cement_types) == 1 or rng.random() < 0.8 else rng.choice(cement_types[1:])
    return {'session': sess, 'day': day, 'date': date, 'levels': levels, 'tech': tech,
            'vols': vols, 'leak': leak, 'ctype': ct}


def write_csv(name, header, rows):
    with open(os.path.join('truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def fmtnum(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0').rstrip('.')


TP_ORDER = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']


def write_truth(pats, pid, per_vertebra_volume=True, cement=True, leakage=True,
                odi=False, vas_scale=1.0, errors=(), identifiers=()):
    """pid: function patient->id string. vas stored on 0-10 internally."""
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[pid(p), p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            tot = sum(s['vols'])
            for lv, v in zip(s['levels'], s['vols']):
                rows.append([pid(p), s['session'], s['day'], lv, s['tech'],
                             fmtnum(v) if per_vertebra_volume else '',
                             '' if per_vertebra_volume else fmtnum(tot),
                             s['ctype'] if cement else '',
                             (';'.join(s['leak']) if s['leak'] else 'none') if leakage else ''])
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for (s, lab), d in sorted(p['ass'].items(), key=lambda kv: (kv[0][0], TP_ORDER.index(kv[0][1]))):
            rows.append([pid(p), s, 'pain_vas', lab, fmtnum(d['vas'])])
            if odi and 'odi' in d:
                rows.append([pid(p), s, 'odi', lab, fmtnum(d['odi'])])
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'],
              [[pid(p), d, lv] for p in pats for d, lv in p['fractures']])
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              list(errors))
    seen = set()
    ids = []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ids.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], ids)
# ---------------------------------------------------------------- site part
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.comments import Comment

rng = random.Random(3033)
POOL = [
    ('NZ European', ['Smith', 'Wilson', 'Thompson', 'Brown', 'Campbell', 'Anderson', 'McKenzie', 'Taylor'],
     ['Margaret', 'Joan', 'Shirley', 'Beverley', 'Dorothy', 'Judith'], ['Graham', 'Kevin', 'Barry', 'Ross', 'Trevor', 'Colin']),
    ('Māori', ['Ngata', 'Parata', 'Te Huia', 'Tamihana', 'Wiremu', 'Te Whare', 'Maniapoto'],
     ['Aroha', 'Mere', 'Huia', 'Kiri', 'Ngaire'], ['Hemi', 'Rawiri', 'Tama', 'Wiremu', 'Pita']),
    ('Samoan', ['Faleolo', 'Leota', 'Tuimavave'], ['Losa', 'Fetu', 'Malia'], ['Sione', 'Tavita', 'Iosefa']),
    ('Tongan', ['Tupou', 'Fifita', 'Vaipulu'], ['Salote', 'Mele', 'Lupe'], ['Viliami', 'Sione', 'Tevita']),
    ('Chinese', ['Wong', 'Chen', 'Li'], ['Mei', 'Lin', 'Susan'], ['David', 'Wei', 'Peter']),
    ('Indian', ['Singh', 'Patel', 'Prasad'], ['Sunita', 'Kamla', 'Anita'], ['Rajesh', 'Ashok', 'Vijay']),
]
ETHW = [55, 22, 6, 5, 6, 6]


def names(rng, sex):
    eth, sur, fem, mal = rng.choices(POOL, ETHW)[0]
    return (eth, '%s, %s' % (rng.choice(sur).upper(), rng.choice(fem if sex == 'female' else mal)))


TPS = [('pre', 0), ('2w', 14), ('6w', 42), ('3m', 90), ('12m', 365)]
pats = gen_cohort(rng, 18, TPS, dt.date(2021, 1, 15), dt.date(2023, 2, 28), names, odi=True, vas_step=0.1,
                  cement_types=('PMMA', 'calcium phosphate'), p_kp=0.45, p_frac=0.4)
LET = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
for p in pats:
    p['eth'], p['name'] = p['name']
    p['code'] = 'WK%02d' % p['idx']
    p['nhi'] = ''.join(rng.choice(LET) for _ in range(3)) + '%04d' % rng.randint(1000, 9999)
    for (s, lab), d in p['ass'].items():
        if lab not in ('pre', '3m', '12m'):
            d.pop('odi', None)
pid = lambda p: p['code']
TAKE = {'osteoporosis': 'Osteoporotic #', 'metastasis': 'Metastatic disease', 'myeloma': 'Myeloma',
        'trauma': 'Trauma (fall)', 'haemangioma': 'Haemangioma'}
LEAK = {'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paraspinal', 'epidural': 'Epidural'}
CT = {'PMMA': 'PMMA', 'calcium phosphate': 'CaP'}
thin = Side(style='thin', color='A0A0A0')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
HFILL = PatternFill('solid', fgColor='E2EFDA')


def nzd(d):
    return '%d/%02d/%d' % (d.day, d.month, d.year)


def header(ws, row, hdrs, widths):
    for j, h in enumerate(hdrs):
        c = ws.cell(row, j + 1, h)
        c.font = Font(bold=True); c.fill = HFILL; c.border = B
        c.alignment = Alignment(wrap_text=True, vertical='center')
        ws.column_dimensions[get_column_letter(j + 1)].width = widths[j]


e_lev, e_vol, e_vas, e_date = None, None, None, None
single = [p for p in pats if len(p['sessions']) == 1]
e_lev, e_vol, e_vas, e_date = single[0], single[3], single[6], single[10]
errors, ids = [], []
wb = openpyxl.Workbook()
# ---- sheet 1
ws = wb.active
ws.title = 'Tūroro - Patients'
ws['A1'] = 'Waikato Hospital Spine Service - Vertebral augmentation audit (VP / KP)'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'Audit lead: spine CNS. Keep this file on the S: drive only - contains NHIs.'
ws['A2'].font = Font(italic=True, color='C00000')
H = ['Study ID', 'NHI', 'Ingoa / Name', 'Rā whānau / DOB', 'Tau / Age', 'Ira / Sex', 'Mātāwaka / Ethnicity',
     'Take / Diagnosis', 'Kua mate? / Deceased', 'Rā mate / Date of death', 'Notes']
header(ws, 4, H, [9, 10, 24, 13, 8, 8, 18, 20, 12, 14, 30])
r = 5
for p in pats:
    ids += [('nhi', p['nhi']), ('name', p['name']), ('birth_date', nzd(p['dob']))]
    vals = [p['code'], p['nhi'], p['name'], p['dob'], p['age'], 'F' if p['sex'] == 'female' else 'M', p['eth'],
            TAKE[p['detail']], 'Y' if p['died'] else 'N',
            (p['op_date'] + dt.timedelta(days=p['death_day'])) if p['died'] else None, None]
    if p['detail'] == 'metastasis':
        vals[10] = rng.choice(['Ca breast', 'Ca prostate', 'Lung primary', 'Renal cell'])
    if p['detail'] == 'myeloma':
        vals[10] = 'Haem f/u'
    for j, v in enumerate(vals):
        c = ws.cell(r, j + 1, v)
        c.border = B
        if isinstance(v, dt.date):
            c.number_format = 'd/mm/yyyy'
    r += 1
ws.freeze_panes = 'C5'
# ---- sheet 2 procedures
ws2 = wb.create_sheet('Hātepe - Procedures')
H2 = ['Study ID', 'NHI', 'Rā / Date', 'Taumata / Level', 'Tukanga / Procedure', 'Cement (mL)', 'Cement type', 'Leak', 'Comments']
header(ws2, 1, H2, [9, 10, 12, 10, 12, 10, 10, 16, 36])
r = 2
rows = sorted([(s['date'], p, s) for p in pats for s in p['sessions']], key=lambda t: (t[0], t[1]['idx']))
for date, p, s in rows:
    for i, (lv, v) in enumerate(zip(s['levels'], s['vols'])):
        vals = [p['code'], p['nhi'], date, lv, 'VP' if s['tech'] == 'vertebroplasty' else 'KP', v, CT[s['ctype']],
                '/'.join(LEAK[x] for x in s['leak']) if s['leak'] else 'Nil', None]
        if s['session'] == 2 and i == 0:
            vals[8] = 'Repeat - new # (see New fractures tab)'
        if p is e_lev and i == 0:
            bad = {'T12': 'T21', 'T11': 'T17', 'L1': 'L11'}.get(lv, lv[0] + '1' + lv[1:] if lv[0] == 'T' else 'L8')
            vals[3] = bad
            errors.append([ws2.title, 'D%d' % r, r, H2[3], bad, 'impossible vertebral level %s (true level %s)' % (bad, lv), p['code']])
        if p is e_vol and i == 0:
            vals[5] = round(v * 10)
            errors.append([ws2.title, 'F%d' % r, r, H2[5], vals[5], '%s mL for one vertebra - decimal point lost, should be %s' % (vals[5], fmtnum(v)), p['code']])
        if p is e_date and i == 0:
            bad = '29/02/%d' % date.year if date.year % 4 else '31/04/%d' % date.year
            vals[2] = bad
            errors.append([ws2.title, 'C%d' % r, r, H2[2], bad, 'impossible date; true procedure date %s' % nzd(date), p['code']])
        for j, v2 in enumerate(vals):
            c = ws2.cell(r, j + 1, v2)
            c.border = B
            if isinstance(v2, dt.date):
                c.number_format = 'd/mm/yyyy'
        r += 1
ws2.freeze_panes = 'A2'
# ---- sheet 3 follow-up (dates typed as text)
ws3 = wb.create_sheet('Aromatawai - Follow-up')
ws3['A1'] = 'VAS in mm (0-100 line). DNA = did not attend. Blank = not due yet / n/a.'
ws3['A1'].font = Font(italic=True)
H3 = ['Study ID', 'NHI', 'Procedure date', 'VAS pre-op', 'VAS 2 wk', 'VAS 6 wk', 'VAS 3 mth', 'VAS 12 mth',
      'ODI pre-op (%)', 'ODI 3 mth (%)', 'ODI 12 mth (%)', 'Comments']
header(ws3, 2, H3, [9, 10, 14, 9, 9, 9, 9, 9, 10, 10, 10, 36])
VC = {'pre': 4, '2w': 5, '6w': 6, '3m': 7, '12m': 8}
OC = {'pre': 9, '3m': 10, '12m': 11}
r = 3
for p in pats:
    for s in p['sessions']:
        ws3.cell(r, 1, p['code']); ws3.cell(r, 2, p['nhi'])
        ws3.cell(r, 3, nzd(s['date']) if not (p is e_date) else nzd(s['date']))
        nxt = [t for t in p['sessions'] if t['session'] == s['session'] + 1]
        dead_written = False
        for lab, days in TPS:
            key = (s['session'], lab)
            absd = s['day'] + days
            if key in p['ass']:
                d = p['ass'][key]
                mm = int(round(d['vas'] * 10))
                if p is e_vas and lab == '6w':
                    ws3.cell(r, VC[lab], mm + 100)
                    errors.append([ws3.title, '%s%d' % (get_column_letter(VC[lab]), r), r, H3[VC[lab] - 1], mm + 100,
                                   'VAS %d mm is outside the 0-100 mm line; should be %d' % (mm + 100, mm), p['code']])
                else:
                    ws3.cell(r, VC[lab], mm)
                if lab in OC and 'odi' in d:
                    ws3.cell(r, OC[lab], d['odi'])
            elif key in p['missed']:
                ws3.cell(r, VC[lab], 'DNA')
                if lab in OC:
                    ws3.cell(r, OC[lab], 'DNA')
            elif p['died'] and absd >= p['death_day'] and not (nxt and absd >= nxt[0]['day']) and not dead_written:
                ws3.cell(r, VC[lab], 'deceased').font = Font(color='808080', italic=True)
                dead_written = True
        if nxt:
            ws3.cell(r, 12, 'Further f/u on repeat procedure row below')
        elif s['session'] == 2:
            ws3.cell(r, 12, 'Repeat procedure - times from this procedure')
            for c in range(1, 13):
                ws3.cell(r, c).fill = PatternFill('solid', fgColor='FFF2CC')
        for c in range(1, 13):
            ws3.cell(r, c).border = B
        r += 1
ws3.freeze_panes = 'D3'
# ---- sheet 4 new fractures
ws4 = wb.create_sheet('Whati hou - New fractures')
H4 = ['Study ID', 'NHI', 'Date diagnosed', 'Level', 'Imaging', 'Treated?']
header(ws4, 1, H4, [9, 10, 14, 8, 10, 24])
r = 2
for p in pats:
    for d, lv in p['fractures']:
        tr = any(s['session'] == 2 and lv in s['levels'] for s in p['sessions'])
        vals = [p['code'], p['nhi'], p['op_date'] + dt.timedelta(days=d), lv, rng.choice(['XR', 'MRI', 'CT']),
                'Y - repeat VP/KP' if tr else 'N - conservative']
        for j, v in enumerate(vals):
            c = ws4.cell(r, j + 1, v)
            if isinstance(v, dt.date):
                c.number_format = 'd/mm/yyyy'
        r += 1
wb.save('input.xlsx')
write_truth(pats, pid, per_vertebra_volume=True, cement=True, leakage=True, odi=True, errors=errors, identifiers=ids)
print('hamilton ok', len(pats), len(rows))
