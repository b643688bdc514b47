"""make.py for site honolulu - writes input + truth next to itself (deterministic, fixed seed)."""
# ---------------------------------------------------------------------------
# shared cohort generator (identical block in each site's make.py)
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
         ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}


def r05(x):
    return round(x * 2) / 2.0


def pick_levels(rng, n):
    # first level weighted around the thoraco-lumbar junction
    cands = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4']
    w = [1, 1, 2, 3, 4, 7, 10, 10, 6, 4, 2]
    first = rng.choices(cands, w)[0]
    i = LEVELS.index(first)
    i = min(i, LEVELS.index('L5') - n + 1)
    return LEVELS[i:i + n]


def pick_leak(rng):
    x = rng.random()
    if x < 0.70:
        return 'none'
    if x < 0.82:
        return 'disc'
    if x < 0.90:
        return 'venous'
    if x < 0.95:
        return 'paravertebral'
    if x < 0.97:
        return 'epidural'
    return 'disc;venous'


def vas_series(rng, pre):
    return {'pre': pre,
            '24h': max(1, pre - rng.randint(3, 5)),
            '1w': max(1, pre - rng.randint(3, 5)),
            '2w': max(1, pre - rng.randint(3, 6)),
            '1m': max(1, pre - rng.randint(4, 6)),
            '6w': max(1, pre - rng.randint(4, 6)),
            '3m': max(0, pre - rng.randint(4, 7)),
            '6m': max(0, pre - rng.randint(4, 7)),
            '12m': max(0, pre - rng.randint(4, 8))}


def odi_series(rng):
    pre = rng.randint(48, 82)
    d = {'pre': pre}
    for tp, (a, b) in {'24h': (8, 18), '1w': (10, 20), '2w': (12, 25), '1m': (15, 30),
                       '6w': (18, 32), '3m': (20, 40), '6m': (22, 42), '12m': (22, 45)}.items():
        d[tp] = max(6, pre - rng.randint(a, b))
    return d


def gen_cohort(rng, n, start, end, prefix, vas_tps, odi_tps, vas2_tps, odi2_tps=(),
               p_kypho=0.3, p_second=0.22, p_death=0.18, p_newfx=0.3, p_miss=0.12,
               kypho_by_patient=True, cement_default='PMMA', cp_share=0.0, id_width=3,
               vas_half=False):
    """Return a list of patient dicts (sorted by first operation date)."""
    span = (end - start).days
    dates = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for k, d0 in enumerate(dates):
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [62, 24, 10, 4])[0]
        if et == 'osteoporotic':
            sex = 'female' if rng.random() < 0.78 else 'male'
            age = rng.randint(61, 89)
        elif et == 'pathologic':
            sex = rng.choice(['female', 'male'])
            age = rng.randint(49, 81)
        elif et == 'traumatic':
            sex = 'male' if rng.random() < 0.6 else 'female'
            age = rng.randint(44, 74)
        else:
            sex = rng.choice(['female', 'male'])
            age = rng.randint(45, 72)
        nlev = rng.choices([1, 2, 3], [55, 30, 15])[0]
        levels = pick_levels(rng, nlev)
        tech = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
        ctype = cement_default
        if et == 'traumatic' and rng.random() < cp_share:
            ctype = 'calcium phosphate'
        vols = [r05(rng.uniform(2.0, 5.0) if tech == 'vertebroplasty' else rng.uniform(3.0, 7.0))
                for _ in levels]
        leaks = [pick_leak(rng) for _ in levels]
        pre = rng.randint(7, 9)
        vas = vas_series(rng, pre)
        if vas_half:
            for t in vas:
                if rng.random() < 0.25 and 0 < vas[t] < 10:
                    vas[t] = vas[t] + 0.5
        odi = odi_series(rng)
        died_day = None
        if rng.random() < p_death or (et == 'pathologic' and rng.random() < 0.35):
            died_day = rng.randint(40, 520)
        s1_vas = {}
        s1_odi = {}
        s1_marks = {}  # tp -> 'missed' | 'dead'
        for tp in vas_tps:
            if tp != 'pre' and died_day is not None and TP_DAYS[tp] >= died_day:
                s1_marks[tp] = 'dead'
                continue
            if tp not in ('pre', '24h') and rng.random() < p_miss:
                s1_marks[tp] = 'missed'
                continue
            s1_vas[tp] = vas[tp]
            if tp in odi_tps:
                s1_odi[tp] = odi[tp]
        for tp in odi_tps:
            if tp not in vas_tps and tp not in s1_marks:
                if tp == 'pre' or (died_day is None or TP_DAYS[tp] < died_day):
                    s1_odi[tp] = odi[tp]
        p = dict(pid='%s%0*d' % (prefix, id_width, k + 1), sex=sex, age=age, etiology=et,
                 date0=d0, died_day=died_day, died='yes' if died_day else 'no',
                 s1=dict(levels=levels, tech=tech, vols=vols, leaks=leaks, ctype=ctype,
                         vas=s1_vas, odi=s1_odi, marks=s1_marks),
                 s2=None, fractures=[])
        # new fractures / second operation
        last = died_day if died_day else 540
        if rng.random() < p_newfx and last > 60:
            cand = [LEVELS[LEVELS.index(levels[0]) - 1], LEVELS[LEVELS.index(levels[-1]) + 1]]
            cand = [c for c in cand if c[0] in 'TL']
            if cand:
                fl = rng.choice(cand)
                fday = rng.randint(35, min(last - 20, 420))
                p['fractures'].append((fday, fl))
                if rng.random() < 0.75 and fday + 30 < last:
                    p['s2_level'] = fl
        if 's2_level' not in p and rng.random() < p_second * 0.5 and last > 120:
            # repeat op for residual pain / another level seen on MRI
            cand = [LEVELS[LEVELS.index(levels[-1]) + 1]]
            if cand[0][0] not in 'TL':
                cand = [LEVELS[LEVELS.index(levels[0]) - 1]]
            fday = rng.randint(60, min(last - 40, 400))
            p['fractures'].append((fday, cand[0]))
            p['s2_level'] = cand[0]
        if 's2_level' in p:
            fday = p['fractures'][-1][0]
            d2 = fday + rng.randint(4, 25)
            tech2 = tech if rng.random() < 0.8 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
            v2 = vas_series(rng, rng.randint(7, 9))
            o2 = odi_series(rng)
            s2v, s2o, s2m = {}, {}, {}
            for tp in vas2_tps:
                if tp != 'pre' and died_day is not None and d2 + TP_DAYS[tp] >= died_day:
                    s2m[tp] = 'dead'
                    continue
                if tp not in ('pre', '24h') and rng.random() < p_miss:
                    s2m[tp] = 'missed'
                    continue
                s2v[tp] = v2[tp]
                if tp in odi2_tps:
                    s2o[tp] = o2[tp]
            p['s2'] = dict(day=d2, levels=[p['s2_level']], tech=tech2,
                           vols=[r05(rng.uniform(2.5, 5.5) if tech2 == 'vertebroplasty' else rng.uniform(3.0, 6.5))],
                           leaks=[pick_leak(rng)], ctype=cement_default, vas=s2v, odi=s2o, marks=s2m)
        pts.append(p)
    return pts


def iso(d):
    return d.isoformat()


def write_truth(pts, errors, idents, per_vertebra, timepoint_filter=None, cement_recorded=True,
                leak_recorded=True):
    tdir = os.path.join(HERE, 'truth')
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pts])
    rows = []
    arows = []
    for p in pts:
        for sn, s in ((1, p['s1']), (2, p['s2'])):
            if not s:
                continue
            day = 0 if sn == 1 else s['day']
            tot = sum(s['vols'])
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], sn, day, lv, s['tech'],
                             ('%g' % v) if per_vertebra else '',
                             '' if per_vertebra else ('%g' % tot),
                             s.get('ctype_out', s['ctype']),
                             lk if s.get('leak_out', True) else ''])
            for meas, dd in (('pain_vas', s['vas']), ('odi', s['odi'])):
                for tp in ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']:
                    if tp in dd:
                        arows.append([p['pid'], sn, meas, tp, '%g' % dd[tp]])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], arows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    seen = set()
    out = []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v))
            out.append([k, v])
    w('identifiers.csv', ['kind', 'value'], out)


def col_letter(c):  # 0-based
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(r, c):  # 0-based -> A1
    return '%s%d' % (col_letter(c), r + 1)
# ---------------------------------------------------------------------------


def birth_for_age(rng, d0, age):
    hi = d0.replace(year=d0.year - age) if not (d0.month == 2 and d0.day == 29) else dt.date(d0.year - age, 2, 28)
    # any birth date in (hi - 1 year, hi] gives that age on d0
    return hi - dt.timedelta(days=rng.randint(0, 360))


def age_on(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Honolulu: EHR encounter export (CSV), one row per encounter
# ---------------------------------------------------------------------------
rng = random.Random(2614)
pts = gen_cohort(rng, 17, dt.date(2021, 6, 1), dt.date(2023, 6, 30), 'HNL-', id_width=3,
                 vas_tps=['pre', '2w', '6w', '3m', '12m'], odi_tps=['pre', '3m', '12m'],
                 vas2_tps=['pre', '2w', '6w', '3m'], odi2_tps=['pre', '3m'], p_kypho=0.6, p_miss=0.15)

LAST = ['KEALOHA', 'KAHANANUI', 'AKANA', 'MAKOA', "KAHALE'OLE", 'KAʻAIHUE', 'NAKAMURA', 'TANAKA', 'DOMINGO',
        'BAUTISTA', 'MEDEIROS', 'SOUZA', 'HIGA', 'KAMAKAU', 'PALAKIKO', 'FUJIMOTO', 'AGBAYANI', 'CHING',
        'KEKAUOHA', 'NAHOʻOPIʻI']
F_FIRST = ['LEILANI', 'PUALANI', 'NOHEA', 'MALIA', 'HAUNANI', 'KEIKO', 'CORAZON', 'MARGARET', 'LOKELANI',
           'DOROTHY', 'EMILIA', 'JOYCE']
M_FIRST = ['KEAHI', 'KAMAKANA', 'KALANI', 'HIROSHI', 'ROGELIO', 'MANUEL', 'WALTER', 'KAIMANA', 'DENNIS', 'KENJI']
MID = ['K', 'M', 'L', 'A', 'P', 'N', '']
PROVIDERS = ['ISHIKAWA, GRANT T MD', 'PALAFOX, ROSEMARIE MD', 'LUM, DEREK K DO']
CLINIC = 'QMC SPINE CLINIC'
IR = 'QMC INTERVENTIONAL RAD'
DX = {'osteoporotic': [('M80.08XA', 'Age-related osteoporosis w current pathological fracture, vertebra(e), init')],
      'pathologic': [('C79.51', 'Secondary malignant neoplasm of bone'),
                     ('C90.00', 'Multiple myeloma not having achieved remission')],
      'traumatic': [('S32.010A', 'Wedge compression fracture of first lumbar vertebra, init'),
                    ('S22.080A', 'Wedge compression fracture of T11-T12 vertebra, init')],
      'other': [('D18.09', 'Hemangioma of other sites')]}
LEAK = {'disc': 'TRACE CEMENT EXTRAVASATION INTO THE DISC SPACE AT %s',
        'venous': 'SMALL VOLUME VENOUS (SEGMENTAL VEIN) CEMENT EXTRAVASATION AT %s',
        'paravertebral': 'SMALL PARAVERTEBRAL SOFT TISSUE CEMENT LEAK AT %s',
        'epidural': 'SMALL EPIDURAL CEMENT LEAK AT %s, PT NEUROLOGICALLY INTACT',
        'disc;venous': 'TRACE DISC AND VENOUS CEMENT EXTRAVASATION AT %s'}
TPLAB = {'2w': '2 wk post-op', '6w': '6 wk post-op', '3m': '3 mo follow-up', '12m': '12 mo follow-up'}
HDR = ['MRN', 'Patient Name', 'DOB', 'Sex', 'Age at Enc', 'Home Phone', 'Research ID', 'Pt Status', 'Date of Death',
       'Enc Date', 'Enc Type', 'Enc Status', 'Visit Reason', 'Department', 'Provider', 'CPT Codes',
       'Procedure Description', 'Dx Code', 'Dx Description', 'Pain Score', 'ODI Score (%)', 'Comment']
C = {h: i for i, h in enumerate(HDR)}


def mdy(d):
    return d.strftime('%m/%d/%Y')


def cpt(levels, tech):
    first = levels[0]
    if tech == 'vertebroplasty':
        base = '22510' if first[0] in 'CT' else '22511'
        add = '+22512'
    else:
        base = '22513' if first[0] in 'CT' else '22514'
        add = '+22515'
    return ', '.join([base] + [add] * (len(levels) - 1))


def proc_text(levels, tech, total, leaks, bad_level=None, bad_total=None):
    lv = list(levels)
    if bad_level:
        lv[-1] = bad_level
    lvtxt = lv[0] if len(lv) == 1 else (', '.join(lv[:-1]) + ' AND ' + lv[-1])
    name = 'PERC VERTEBROPLASTY' if tech == 'vertebroplasty' else 'PERC BALLOON KYPHOPLASTY'
    side = rng.choice(['BILATERAL TRANSPEDICULAR', 'UNIPEDICULAR LEFT', 'BILATERAL TRANSPEDICULAR'])
    lk = [LEAK[k] % l for l, k in zip(levels, leaks) if k != 'none']
    tot = bad_total if bad_total is not None else '%g' % total
    return '%s %s (%s). CEMENT: PMMA %s ML TOTAL. %s.' % (
        name, lvtxt, side, tot, '; '.join(lk) if lk else rng.choice(['NO CEMENT EXTRAVASATION',
                                                                      'NO EXTRAVASATION ON FINAL FLUORO'])), lvtxt


rows = []  # (sort key, row list)
errors = []
idents = []
used = set()
err_pain = err_lvl = err_fu = err_vol = None
lvl_c = [p for p in pts if len(p['s1']['levels']) >= 2 and p['s1']['levels'][-1][0] == 'L']
err_lvl = lvl_c[0]['pid']
vol_c = [p for p in pts if p['pid'] != err_lvl and len(p['s1']['levels']) == 1 and
         sum(p['s1']['vols']) != int(sum(p['s1']['vols']))]
err_vol = vol_c[0]['pid']
fu_c = [p for p in pts if p['pid'] not in (err_lvl, err_vol) and '6w' in p['s1']['vas']]
err_fu = fu_c[2]['pid']
pain_c = [p for p in pts if p['pid'] not in (err_lvl, err_vol, err_fu) and '3m' in p['s1']['vas']]
err_pain = pain_c[6]['pid']

for p in pts:
    s1, s2 = p['s1'], p['s2']
    fem = p['sex'] == 'female'
    while True:
        ln = rng.choice(LAST)
        if ln not in used:
            used.add(ln)
            break
    fn = rng.choice(F_FIRST if fem else M_FIRST)
    mi = rng.choice(MID)
    name = '%s, %s%s' % (ln, fn, (' ' + mi) if mi else '')
    b = birth_for_age(rng, p['date0'], p['age'])
    mrn = '%d' % rng.randint(100000000, 999999999)
    phone = '(808) %03d-%04d' % (rng.choice([521, 595, 732, 836, 955, 261, 488, 672]), rng.randint(0, 9999))
    idents += [('name', name), ('record_number', mrn), ('birth_date', b.isoformat()), ('birth_date', mdy(b)),
               ('phone', phone)]
    dx = rng.choice(DX[p['etiology']])
    if p['etiology'] == 'traumatic':
        l0 = s1['levels'][0]
        if l0[0] == 'L':
            ords = ['first', 'second', 'third', 'fourth', 'fifth']
            dx = ('S32.0%d0A' % int(l0[1:]), 'Wedge compression fracture of %s lumbar vertebra, init'
                  % ords[int(l0[1:]) - 1])
        else:
            k = (int(l0[1:]) + 1) // 2  # T1-T2 -> 1 ... T11-T12 -> 6
            dx = ('S22.0%d0A' % (k + 2), 'Wedge compression fracture of T%d-T%d vertebra, init' % (2 * k - 1, 2 * k))
    dead = p['died_day'] is not None
    dod = mdy(p['date0'] + dt.timedelta(days=p['died_day'])) if dead else ''
    prov = rng.choice(PROVIDERS)

    def row(d, etype, status, reason, dept, cpts='', ptxt='', pain='', odi='', comment='', key=0):
        r = [''] * len(HDR)
        r[C['MRN']] = mrn
        r[C['Patient Name']] = name
        r[C['DOB']] = mdy(b)
        r[C['Sex']] = 'F' if fem else 'M'
        r[C['Age at Enc']] = str(age_on(b, d))
        r[C['Home Phone']] = phone
        r[C['Research ID']] = p['pid']
        r[C['Pt Status']] = 'Deceased' if dead else 'Alive'
        r[C['Date of Death']] = dod
        r[C['Enc Date']] = mdy(d)
        r[C['Enc Type']] = etype
        r[C['Enc Status']] = status
        r[C['Visit Reason']] = reason
        r[C['Department']] = dept
        r[C['Provider']] = prov if dept != IR else 'KAOHI, BRANDON S MD'
        r[C['CPT Codes']] = cpts
        r[C['Procedure Description']] = ptxt
        r[C['Dx Code']] = dx[0]
        r[C['Dx Description']] = dx[1]
        r[C['Pain Score']] = pain
        r[C['ODI Score (%)']] = odi
        r[C['Comment']] = comment
        rows.append(((p['pid'], d, key), r, p['pid']))
        return r

    def session(sn, s, d0):
        tag = '' if sn == 1 else ' (2nd procedure)'
        lv_all = ' + '.join(s['levels'])
        # pre-procedure consult
        dpre = d0 - dt.timedelta(days=rng.randint(3, 16))
        row(dpre, 'Office Visit', 'Completed', 'Pre-procedure consult' + (' - new fx' if sn == 2 else ''), CLINIC,
            pain='%d/10' % s['vas']['pre'], odi=str(s['odi']['pre']) if 'pre' in s['odi'] else '',
            comment='Candidate for %s %s%s' % ('kypho' if s['tech'] == 'kyphoplasty' else 'VP', lv_all, tag))
        bad_level = 'L7' if (sn == 1 and p['pid'] == err_lvl) else None
        total = sum(s['vols'])
        bad_total = '%g' % (total * 10) if (sn == 1 and p['pid'] == err_vol) else None
        txt, lvtxt = proc_text(s['levels'], s['tech'], total, s['leaks'], bad_level, bad_total)
        r = row(d0, 'Hospital Outpatient Procedure', 'Completed', 'Vertebral compression fx' + tag, IR,
                cpts=cpt(s['levels'], s['tech']), ptxt=txt, key=1,
                comment=rng.choice(['', '', 'Discharged same day', 'Obs overnight']))
        if bad_level:
            r.append(('ERR', 'Procedure Description', txt,
                      'impossible level L7 in procedure text; levels were %s' % ' AND '.join(s['levels'])))
        if bad_total:
            r.append(('ERR', 'Procedure Description', txt,
                      'PMMA %s mL for a single vertebra is impossible (decimal point lost); should be %g mL'
                      % (bad_total, total)))
        for tp in ['2w', '6w', '3m', '12m']:
            if tp not in s['vas'] and tp not in s['marks']:
                continue
            jit = {'2w': 3, '6w': 5, '3m': 10, '12m': 21}[tp]
            d = d0 + dt.timedelta(days=TP_DAYS[tp] + rng.randint(-jit, jit))
            if tp in s['vas']:
                pain = '%d/10' % s['vas'][tp]
                if sn == 1 and p['pid'] == err_pain and tp == '3m':
                    pain = '12/10'
                    del s['vas'][tp]
                r = row(d, 'Office Visit', 'Completed', TPLAB[tp] + tag, CLINIC, pain=pain,
                        odi=str(s['odi'][tp]) if tp in s['odi'] else '')
                if pain == '12/10':
                    r.append(('ERR', 'Pain Score', pain, 'pain 12/10 is outside the 0-10 scale (true value unknown)'))
                if sn == 1 and p['pid'] == err_fu and tp == '6w':
                    bad = d.replace(year=d.year - 1)
                    r[C['Enc Date']] = mdy(bad)
                    r[C['Age at Enc']] = str(age_on(b, bad))
                    r.append(('ERR', 'Enc Date', mdy(bad),
                              '6 wk post-op visit dated %s, before the procedure of %s (year typo; should be %s)'
                              % (mdy(bad), mdy(d0), mdy(d))))
            elif s['marks'][tp] == 'missed':
                row(d, 'Office Visit', rng.choice(['No Show', 'No Show', 'Canceled']), TPLAB[tp] + tag, CLINIC,
                    comment=rng.choice(['', 'Pt did not show, LVM', 'Pt canceled - off island']))
            # dead: no encounter at all

    session(1, s1, p['date0'])
    if s2:
        d2 = p['date0'] + dt.timedelta(days=s2['day'])
        session(2, s2, d2)
    for fday, lv in p['fractures']:
        fd = p['date0'] + dt.timedelta(days=fday)
        modality = rng.choice(['MRI T/L SPINE WO CONTRAST', 'XR THORACOLUMBAR SPINE 2 VIEWS'])
        row(fd, 'Imaging', 'Completed', 'New back pain', 'QMC RADIOLOGY',
            comment=('%s: NEW %s COMPRESSION FX %s' % (modality, rng.choice(['ACUTE', 'INTERVAL', '']), lv))
            .replace('  ', ' '))
    # telephone noise
    for _ in range(rng.randint(0, 2)):
        dd = p['date0'] + dt.timedelta(days=rng.randint(2, 200))
        if dead and (dd - p['date0']).days >= p['died_day']:
            continue
        row(dd, 'Telephone', 'Completed', rng.choice(['Med refill', 'Question re: activity', 'Pain med question']),
            CLINIC, comment=rng.choice(['', 'RN call back', 'tramadol refilled']))
    if dead:
        dd = p['date0'] + dt.timedelta(days=p['died_day'])
        row(dd, 'Documentation', 'Completed', 'Notification of death', CLINIC,
            comment=rng.choice(['Pt expired at home per family', 'Expired - hospice', 'Death notice from Kapiolani']))

rows.sort(key=lambda x: (x[0][0], dt.datetime.strptime(x[1][C['Enc Date']], '%m/%d/%Y').date(), x[0][2]))
out = []
for i, (k, r, pid) in enumerate(rows):
    line = r[:len(HDR)]
    for extra in r[len(HDR):]:
        _, colname, val, what = extra
        errors.append(['input.csv', '%s%d' % (col_letter(C[colname]), i + 2), i + 2, colname, val, what, pid])
    out.append(line)
with open(os.path.join(HERE, 'input.csv'), 'w', newline='', encoding='utf-8') as f:
    cw = csv.writer(f)
    cw.writerow(HDR)
    cw.writerows(out)
idents += [('name', 'ISHIKAWA, GRANT T MD'), ('name', 'PALAFOX, ROSEMARIE MD'), ('name', 'LUM, DEREK K DO'),
           ('name', 'KAOHI, BRANDON S MD')]
write_truth(pts, errors, idents, per_vertebra=False)
