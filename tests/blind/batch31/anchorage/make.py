# ---------------------------------------------------------------------------
# Cohort generator (shared logic; this file is self-contained)
# ---------------------------------------------------------------------------
import random, datetime as dt, csv, os
from datetime import date as D, timedelta as TD

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])

TP_WIN = {'pre': (-3, 0), '24h': (1, 1), '1w': (6, 9), '2w': (12, 17), '6w': (40, 46),
          '1m': (27, 35), '3m': (85, 100), '6m': (172, 195), '12m': (352, 385)}
VAS_DROP = {'pre': 0, '24h': 3.3, '1w': 3.9, '2w': 4.1, '6w': 4.4, '1m': 4.4,
            '3m': 4.9, '6m': 5.1, '12m': 5.2}
ODI_DROP = {'pre': 0, '24h': 10, '1w': 14, '2w': 17, '6w': 24, '1m': 22,
            '3m': 28, '6m': 31, '12m': 32}


def gen_cohort(seed, n, start, end, cutoff, tps, reop_ids=(), death_ids=(),
               fx_ids=(), kypho_frac=0.5, etio_w=(60, 22, 12, 6), miss_p=0.1,
               pmma_only=True):
    """Return a list of patient dicts.  reop_ids etc. are 0-based indices."""
    rng = random.Random(seed)
    pts = []
    for i in range(n):
        p = {'idx': i}
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], weights=etio_w)[0]
        if i in death_ids and (et in ('other', 'traumatic') or rng.random() < 0.6):
            et = 'pathologic'
        if i in reop_ids and et == 'other':
            et = 'osteoporotic'
        p['etiology'] = et
        if et == 'pathologic':
            p['sub'] = rng.choice(['meta_breast', 'meta_prostate', 'meta_lung', 'myeloma', 'myeloma'])
        elif et == 'other':
            p['sub'] = 'haemangioma'
        elif et == 'traumatic':
            p['sub'] = 'trauma'
        else:
            p['sub'] = 'osteoporosis'
        if p['sub'] == 'meta_breast':
            sex = 'female'
        elif p['sub'] == 'meta_prostate':
            sex = 'male'
        else:
            sex = 'female' if rng.random() < (0.75 if et == 'osteoporotic' else 0.45) else 'male'
        p['sex'] = sex
        if et == 'osteoporotic':
            age = rng.randint(63, 89)
        elif et == 'traumatic':
            age = rng.randint(38, 78)
        else:
            age = rng.randint(48, 80)
        p['age'] = age
        op = start + TD(days=rng.randint(0, (end - start).days))
        # birth date consistent with age at first op
        bmin = D(op.year - age - 1, op.month, min(op.day, 28)) + TD(days=1)
        p['dob'] = bmin + TD(days=rng.randint(0, 360))
        assert (op.year - p['dob'].year - ((op.month, op.day) < (p['dob'].month, p['dob'].day))) == age
        p['op_date'] = op
        # levels
        nlev = rng.choices([1, 2, 3], weights=[58, 32, 10])[0]
        if et == 'osteoporotic' or et == 'traumatic':
            centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'T8', 'L4'])
        else:
            centre = rng.choice(['T6', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'])
        ci = SPINE.index(centre)
        s0 = max(SPINE.index('T4'), min(SPINE.index('L5') - nlev + 1, ci - rng.randint(0, nlev - 1)))
        levels = SPINE[s0:s0 + nlev]
        tech = 'kyphoplasty' if rng.random() < kypho_frac else 'vertebroplasty'
        sess = [make_session(rng, 1, 0, op, levels, tech, pmma_only)]
        p['fractures'] = []
        p['death_day'] = None
        horizon = (cutoff - op).days
        if i in fx_ids or i in reop_ids:
            fday = rng.randint(35, 260)
            lo, hi = SPINE.index(levels[0]), SPINE.index(levels[-1])
            cand = [SPINE[lo - 1], SPINE[hi + 1]] if hi + 1 < SPINE.index('S1') else [SPINE[lo - 1]]
            flev = rng.choice(cand)
            p['fractures'].append((fday, flev))
            if i in reop_ids:
                rday = fday + rng.randint(6, 21)
                t2 = tech if rng.random() < 0.7 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                sess.append(make_session(rng, 2, rday, op + TD(days=rday), [flev], t2, pmma_only))
        p['sessions'] = sess
        if i in death_ids:
            last = sess[-1]['day']
            p['death_day'] = last + rng.randint(50, 330)
        # visits / scores
        p['visits'] = []   # dicts: session, tp, day, date, vas, odi, missed
        reop_day = sess[1]['day'] if len(sess) > 1 else None
        for s in sess:
            pre_vas = rng.uniform(6.6, 9.4)
            pre_odi = rng.uniform(46, 84)
            for tp in tps:
                a, b = TP_WIN[tp]
                vday = s['day'] + rng.randint(a, b)
                if (op + TD(days=vday)) > cutoff:
                    continue
                if p['death_day'] is not None and vday >= p['death_day']:
                    continue
                if s['session'] == 1 and reop_day is not None and vday >= reop_day - 3:
                    continue
                missed = tp not in ('pre', '24h') and rng.random() < miss_p
                vas = pre_vas - VAS_DROP[tp] + rng.uniform(-1.1, 1.1)
                vas = min(10.0, max(0.0, vas))
                odi = pre_odi - ODI_DROP[tp] + rng.uniform(-7, 7)
                odi = min(100.0, max(4.0, odi))
                p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                    'date': op + TD(days=vday), 'vas': vas, 'odi': odi,
                                    'missed': missed, 'vday': vday})
        pts.append(p)
    return pts


def make_session(rng, sno, day, date, levels, tech, pmma_only):
    vols = []
    for lv in levels:
        base = 2.5 if lv.startswith('T') and SPINE.index(lv) < SPINE.index('T10') else 3.5
        v = base + rng.uniform(0, 2.8) + (0.6 if tech == 'kyphoplasty' else 0)
        vols.append(round(v * 2) / 2)
    leak = []
    for lv in levels:
        r = rng.random()
        if r < 0.78:
            leak.append('none')
        elif r < 0.88:
            leak.append('disc')
        elif r < 0.96:
            leak.append('venous')
        else:
            leak.append('paravertebral')
    if pmma_only:
        cement = 'PMMA'
    else:
        cement = 'PMMA' if rng.random() < 0.8 else 'calcium phosphate'
    return {'session': sno, 'day': day, 'date': date, 'levels': levels, 'technique': tech,
            'vols': vols, 'total': round(sum(vols), 1), 'leak': leak, 'cement': cement}


# ---------------------------------------------------------------------------
# Truth writer
# ---------------------------------------------------------------------------
class Truth:
    def __init__(self):
        self.patients, self.procs, self.assess, self.fx, self.errors, self.ids = [], [], [], [], [], []

    def patient(self, pid, sex, age, etio, died):
        self.patients.append([pid, sex, age, etio, 'yes' if died else 'no'])

    def proc(self, pid, session, day, level, tech, vol, svol, cement, leak):
        f = lambda x: '' if x is None else ('%g' % x)
        self.procs.append([pid, session, day, level, tech, f(vol), f(svol), cement or '', leak or ''])

    def score(self, pid, session, measure, tp, value):
        self.assess.append([pid, session, measure, tp, '%g' % round(value, 2)])

    def fracture(self, pid, day, level):
        self.fx.append([pid, day, level])

    def error(self, sheet, cell, row, header, value, what, pid):
        self.errors.append([sheet, cell, row, header, value, what, pid])

    def ident(self, kind, value):
        if [kind, str(value)] not in self.ids:
            self.ids.append([kind, str(value)])

    def write(self):
        d = os.path.join(HERE, 'truth')
        os.makedirs(d, exist_ok=True)
        spec = [('patients.csv', 'patient_id,sex,age_years,etiology,died', self.patients),
                ('procedures.csv', 'patient_id,session,day,level,technique,cement_volume_ml,session_cement_volume_ml,cement_type,leakage', self.procs),
                ('assessments.csv', 'patient_id,session,measure,timepoint,value', self.assess),
                ('fractures.csv', 'patient_id,day,level', self.fx),
                ('errors.csv', 'sheet,cell,row,column_header,value,what_is_wrong,patient_id', self.errors),
                ('identifiers.csv', 'kind,value', self.ids)]
        for fn, hdr, rows in spec:
            with open(os.path.join(d, fn), 'w', newline='', encoding='utf-8') as fh:
                w = csv.writer(fh, lineterminator='\n')
                w.writerow(hdr.split(','))
                for r in rows:
                    w.writerow(r)


def col_letter(ci):  # 1-based
    s = ''
    while ci:
        ci, r = divmod(ci - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Anchorage: EHR flowsheet export (one row per measurement) + procedures + patients
# ---------------------------------------------------------------------------
TPS = ['pre', '24h', '2w', '6w', '3m', '12m']
pts = gen_cohort(3105, 18, D(2021, 4, 1), D(2023, 4, 30), D(2024, 5, 31), TPS,
                 reop_ids=(4, 12), death_ids=(7, 15), fx_ids=(2, 10, 16),
                 kypho_frac=0.6, etio_w=(66, 22, 8, 4), miss_p=0.12)
rng = random.Random(31051)
T = Truth()
IN = os.path.join(HERE, 'input')
os.makedirs(IN, exist_ok=True)

NAMES_F = ['HALVORSEN, LINDA M', 'OKPIK, MARTHA', 'CHAVEZ, ROSA', 'BRENNAN, PATRICIA A', 'KOONOOKA, EDNA',
           'LARSEN, JUDITH', 'WHITAKER, CAROL ANN', 'NGUYEN, THI LAN', 'DEMIENTIEFF, ALICE', 'MORRIS, BARBARA J',
           'PETRIVELLI, JOAN', 'SOKOLOV, VERA']
NAMES_M = ['KRUEGER, DONALD R', 'ANGAIAK, WALTER', 'MCCLOSKEY, DENNIS', 'YAMAMOTO, KENJI', 'OLSEN, GARY',
           'TALLMAN, RICHARD E', 'ESPINOZA, RAUL', 'FRANK, HAROLD']
STAFF_PRE = ['JOHNSON, KAYLA, RN', 'BERGSTROM, AMY, RN', 'TOLAND, MIKE, RN']
STAFF_CLINIC = ['NGUYEN, TRAN, MA', 'PETERSON, ERIK, PA-C', 'HOLLIS, DANA, MA', 'RAMIREZ, SOFIA, LPN']
STAFF_24H = ['BERGSTROM, AMY, RN', 'OCHOA, LUIS, RN', 'CALL CENTER, NURSE LINE']
SURGEONS = ['Reinholt, Mark MD', 'Anders, Priya MD']
DX = {'osteoporosis': ['M80.08XA Age-related osteoporosis w current pathological fx, vertebra(e)',
                       'M48.56XA Collapsed vertebra NEC, lumbar region, init'],
      'meta_breast': ['C79.51 Secondary malignant neoplasm of bone (breast primary)'],
      'meta_prostate': ['C79.51 Secondary malignant neoplasm of bone (prostate primary)'],
      'meta_lung': ['C79.51 Secondary malignant neoplasm of bone (lung primary)'],
      'myeloma': ['C90.00 Multiple myeloma not having achieved remission'],
      'trauma': ['S32.010A Wedge compression fracture of first lumbar vertebra, init',
                 'S22.080A Wedge compression fx of T11-T12 vertebra, init'],
      'haemangioma': ['D18.09 Hemangioma of other sites (vertebral body)']}


def dx_for(p):
    lv = p['sessions'][0]['levels'][0]
    thor = lv.startswith('T')
    if p['sub'] == 'osteoporosis':
        return rng.choice(['M80.08XA Age-related osteoporosis w current pathological fx, vertebra(e)',
                           'M48.54XA Collapsed vertebra NEC, thoracic region, init' if thor else
                           'M48.56XA Collapsed vertebra NEC, lumbar region, init'])
    if p['sub'] == 'trauma':
        return 'S22.000A Wedge compression fx of unsp thoracic vertebra, init' if thor else \
               'S32.000A Wedge compression fx of unsp lumbar vertebra, init'
    return rng.choice(DX[p['sub']])


def us_date(d):
    return '%d/%d/%d' % (d.month, d.day, d.year)


def us_dt(d, h, m):
    return '%d/%d/%d %d:%02d' % (d.month, d.day, d.year, h, m)


def cpt(tech, level, addon):
    if addon:
        return ('22512', 'PERQ VERTEBRAL AUGMENTATION EA ADDL (VP)') if tech == 'vertebroplasty' else \
               ('22515', 'PERQ VERTEBRAL AUGMENTATION W/ CAVITY CREATION EA ADDL (KP)')
    thor = level.startswith('T')
    if tech == 'vertebroplasty':
        return ('22510', 'PERQ VERTEBROPLASTY CERVICOTHORACIC') if thor else ('22511', 'PERQ VERTEBROPLASTY LUMBOSACRAL')
    return ('22513', 'PERQ KYPHOPLASTY THORACIC') if thor else ('22514', 'PERQ KYPHOPLASTY LUMBAR')


LEAK_EN = {'none': ['No cement extravasation', 'None', 'No extravasation'],
           'disc': ['Trace cement extravasation into adjacent disc space'],
           'venous': ['Small amount of cement in segmental vein, asymptomatic'],
           'paravertebral': ['Small extravasation into paraspinal soft tissues, asymptomatic']}

pat_rows, proc_rows, fs_rows = [], [], []
cand = [p for p in pts if len(p['sessions']) == 1 and p['death_day'] is None and not p['fractures']
        and sum(1 for v in p['visits'] if not v['missed']) >= 5]
used = []


def pick(cond):
    for c in cand:
        if c['idx'] not in used and cond(c):
            used.append(c['idx']); return c['idx']
    raise SystemExit('no candidate')


def has(tp):
    return lambda p: any(v['tp'] == tp and not v['missed'] for v in p['visits'])


e_pain = pick(has('6w'))
e_odi = pick(has('3m'))
e_date = pick(lambda p: has('2w')(p) and any(v['tp'] == '2w' and v['date'].month == 2 for v in p['visits'])) \
    if any(has('2w')(c) and any(v['tp'] == '2w' and v['date'].month == 2 for v in c['visits']) for c in cand if c['idx'] not in used) \
    else pick(has('2w'))
e_vol = pick(lambda p: True)

fi = mi = 0
for p in pts:
    pid = 'ANC-%03d' % (p['idx'] + 1)
    mrn = '%07d' % rng.randint(1000000, 9899999)
    p['pid'], p['mrn'] = pid, mrn
    if p['sex'] == 'female':
        name = NAMES_F[fi]; fi += 1
    else:
        name = NAMES_M[mi]; mi += 1
    died = p['death_day'] is not None
    T.ident('name', name); T.ident('record_number', mrn); T.ident('birth_date', us_date(p['dob']))
    T.patient(pid, p['sex'], p['age'], p['etiology'], died)
    pat_rows.append([mrn, pid, name, us_date(p['dob']), 'Female' if p['sex'] == 'female' else 'Male',
                     dx_for(p), 'Y' if died else 'N',
                     us_date(p['op_date'] + TD(days=p['death_day'])) if died else ''])
    # procedures
    surgeon = rng.choice(SURGEONS)
    T.ident('name', surgeon)
    p['start'] = {}
    for s in p['sessions']:
        h, m = rng.choice([7, 8, 9, 10, 12, 13]), rng.choice([0, 15, 30, 45, 5, 50])
        p['start'][s['session']] = (h, m)
        csn = '%d' % rng.randint(300000000, 399999999)
        T.ident('record_number', csn)
        product = 'Kyphon Xpede PMMA bone cement' if s['technique'] == 'kyphoplasty' else rng.choice(
            ['Stryker Spineplex PMMA', 'Osteo-Firm PMMA (radiopaque)'])
        for k, (lv, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leak'])):
            code, desc = cpt(s['technique'], lv, k > 0)
            lvtxt = lv if k == 0 else rng.choice(['%s (addl level)' % lv, 'add-on %s' % lv, lv])
            if k == 0 and rng.random() < 0.3:
                lvtxt = ('Thoracic %s' if lv.startswith('T') else 'Lumbar %s') % lv
            vol_txt = '%.1f' % v
            if p['idx'] == e_vol and k == 0:
                vol_txt = '%.0f' % (v * 10)
                T.error('procedures.csv', 'I%d' % (len(proc_rows) + 2), len(proc_rows) + 2, 'Cement Volume (mL)', vol_txt,
                        '%s mL in one vertebra (%s) is impossible - decimal lost; should be %.1f' % (vol_txt, lv, v), pid)
            ind = ''
            if s['session'] == 2 and k == 0:
                fday, flev = p['fractures'][0]
                ind = 'New %s compression fx on MRI %s' % (flev, us_date(p['op_date'] + TD(days=fday)))
            proc_rows.append([mrn, pid, csn, us_date(s['date']), '%d:%02d' % (h, m), code, desc, lvtxt,
                              vol_txt, product, rng.choice(LEAK_EN[lk]) if lk != 'none' or k == 0 else rng.choice(LEAK_EN['none']),
                              surgeon, ind])
            T.proc(pid, s['session'], s['day'], lv, s['technique'], v, None, 'PMMA', lk)
    # imaging rows: pre-op MRI for some, follow-up MRI for fracture patients
    lvl0 = p['sessions'][0]['levels']
    reg = lambda l: ('72146', 'MRI THORACIC SPINE WO CONTRAST') if l.startswith('T') else ('72148', 'MRI LUMBAR SPINE WO CONTRAST')
    if rng.random() < 0.5:
        d = p['op_date'] - TD(days=rng.randint(3, 12))
        code, desc = reg(lvl0[0])
        csn = '%d' % rng.randint(300000000, 399999999)
        T.ident('record_number', csn)
        proc_rows.append([mrn, pid, csn, us_date(d), '', code, desc,
                          ', '.join(lvl0), '', '', '', '', 'Acute compression fx %s, edema on STIR' % ' and '.join(lvl0)])
    for fday, flev in p['fractures']:
        d = p['op_date'] + TD(days=fday)
        code, desc = reg(flev)
        csn = '%d' % rng.randint(300000000, 399999999)
        T.ident('record_number', csn)
        proc_rows.append([mrn, pid, csn, us_date(d), '', code, desc,
                          flev, '', '', '', '', 'NEW acute compression fracture %s; treated levels stable' % flev])
        T.fracture(pid, fday, flev)
    # flowsheet
    for v in p['visits']:
        if v['missed']:
            continue
        n, tp = v['session'], v['tp']
        s = p['sessions'][n - 1]
        sh, sm = p['start'][n]
        d = v['date']
        if tp == 'pre':
            if v['day'] == s['day']:
                hh, mm_ = sh - 1, rng.randint(0, 50)   # pre-op holding
                who = rng.choice(STAFF_PRE)
            else:
                hh, mm_ = rng.randint(8, 15), rng.randint(0, 59)   # pre-procedure clinic
                who = rng.choice(STAFF_CLINIC)
        elif tp == '24h':
            hh, mm_ = max(6, min(12, sh + rng.randint(-2, 2))), rng.randint(0, 59)
            who = rng.choice(STAFF_24H)
        else:
            hh, mm_ = rng.randint(8, 16), rng.randint(0, 59)
            who = rng.choice(STAFF_CLINIC)
        ts = us_dt(d, hh, mm_)
        pain = int(round(v['vas']))
        rown = len(fs_rows) + 2
        if p['idx'] == e_pain and tp == '6w':
            fs_rows.append([mrn, pid, 'Pain Score (0-10)', '14', ts, who])
            T.error('flowsheet_rows.csv', 'D%d' % rown, rown, 'Value', '14',
                    'Pain Score 14 is outside the 0-10 scale (true %d)' % pain, pid)
        elif p['idx'] == e_date and tp == '2w':
            bad = '2/30/%d %d:%02d' % (d.year, hh, mm_)
            fs_rows.append([mrn, pid, 'Pain Score (0-10)', str(pain), bad, who])
            T.error('flowsheet_rows.csv', 'E%d' % rown, rown, 'Recorded Date/Time', bad,
                    'Impossible date (February 30); true recording date %s' % us_date(d), pid)
        else:
            fs_rows.append([mrn, pid, 'Pain Score (0-10)', str(pain), ts, who])
        T.score(pid, n, 'pain_vas', tp, pain)
        if tp == 'pre' and rng.random() < 0.6:
            fs_rows.append([mrn, pid, 'Pain Location', rng.choice(['Back', 'Back;Flank', 'Lower back']), ts, who])
        if tp in ('pre', '6w', '3m', '12m') and not (tp == 'pre' and v['day'] == s['day'] and rng.random() < 0.3):
            odi = 2 * int(round(v['odi'] / 2))
            rown = len(fs_rows) + 2
            if p['idx'] == e_odi and tp == '3m':
                fs_rows.append([mrn, pid, 'Oswestry Disability Index', '112', ts, who])
                T.error('flowsheet_rows.csv', 'D%d' % rown, rown, 'Value', '112',
                        'ODI 112 is outside 0-100 %%; true value %d' % odi, pid)
            else:
                fs_rows.append([mrn, pid, 'Oswestry Disability Index', str(odi) if rng.random() < 0.6 else '%d%%' % odi, ts, who])
            T.score(pid, n, 'odi', tp, odi)
        if tp == 'pre':
            # PACU scores ~1-2 h after the procedure: not a study time point
            for k in range(rng.choice([0, 1, 2])):
                ph = sh + 1 + k
                fs_rows.append([mrn, pid, 'Pain Score (0-10)', str(max(0, pain - rng.randint(1, 4))),
                                us_dt(s['date'], ph, rng.randint(0, 59)), rng.choice(['DAVIDSON, RUTH, RN', 'KAMAI, LEILANI, RN'])])

for st in STAFF_PRE + STAFF_CLINIC + STAFF_24H + ['DAVIDSON, RUTH, RN', 'KAMAI, LEILANI, RN']:
    if any(r[5] == st for r in fs_rows) and st != 'CALL CENTER, NURSE LINE':
        T.ident('name', st)


def wcsv(fn, hdr, rows):
    with open(os.path.join(IN, fn), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh, lineterminator='\r\n')
        w.writerow(hdr)
        for r in rows:
            w.writerow(r)


wcsv('patients.csv', ['MRN', 'Study ID', 'Patient Name', 'DOB', 'Legal Sex', 'Primary Dx', 'Deceased', 'Date of Death'], pat_rows)
wcsv('procedures.csv', ['MRN', 'Study ID', 'Encounter CSN', 'Procedure Date', 'Procedure Start', 'CPT', 'Procedure Name',
                        'Level Text', 'Cement Volume (mL)', 'Implant/Cement', 'Extravasation/Complications', 'Surgeon',
                        'Indication/Findings'], proc_rows)
wcsv('flowsheet_rows.csv', ['MRN', 'Study ID', 'Flowsheet Row', 'Value', 'Recorded Date/Time', 'Entered By'], fs_rows)
T.write()
