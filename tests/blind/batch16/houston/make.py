# ---------------------------------------------------------------- cohort core
import os, sys, csv, random, datetime as dt

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def make_cohort(seed, n, timepoints, measures, techniques=('vertebroplasty', 'kyphoplasty'),
                cements=('PMMA',), start=dt.date(2019, 1, 7), span_days=900, vol_per_vertebra=True,
                s2_timepoints=('pre', '1m', '3m')):
    """Returns a list of patient dicts. Each patient: sex, age, etiology, died, d0 (date),
    birth, sessions [{session, day, date, technique, cement, levels[{level, vol, leak}], total}],
    visits [{session, tp, day, date, scores{measure: value or None}}], fractures [{day, level}],
    death_day."""
    rng = random.Random(seed)
    pats = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        p['etiology'] = ('osteoporotic' if r < 0.68 else 'pathologic' if r < 0.84
                         else 'traumatic' if r < 0.95 else 'other')
        p['age'] = rng.randint(48, 70) if p['etiology'] in ('pathologic', 'traumatic') else rng.randint(62, 93)
        d0 = start + dt.timedelta(days=rng.randint(0, span_days))
        while d0.weekday() >= 5:
            d0 += dt.timedelta(days=1)
        p['d0'] = d0
        # birth date giving exactly age at d0
        by = d0.year - p['age'] - 1
        bd = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        if (d0.month, d0.day) >= (bd.month, bd.day):
            bd = dt.date(by + 1, bd.month, bd.day) if False else bd
        # recompute precisely
        def age_at(b, d):
            return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
        while age_at(bd, d0) != p['age']:
            bd = dt.date(bd.year + (1 if age_at(bd, d0) > p['age'] else -1), bd.month, bd.day)
        p['birth'] = bd
        nl = 1
        r = rng.random()
        if r < 0.22:
            nl = 2
        elif r < 0.32:
            nl = 3
        centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'T8', 'L3', 'T7', 'L4'])
        ci = LEVELS.index(centre)
        st = max(3, min(ci - (nl - 1) // 2, len(LEVELS) - nl))
        tech = rng.choice(techniques)
        cem = rng.choice(cements)
        levs = []
        for k in range(nl):
            vol = rng.choice([2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0])
            if LEVELS[st + k].startswith('T') and LEVELS.index(LEVELS[st + k]) < 9:
                vol = min(vol, 4.0)
            rr = rng.random()
            if rr < 0.68:
                leak = 'none'
            elif rr < 0.80:
                leak = 'disc'
            elif rr < 0.90:
                leak = 'venous'
            elif rr < 0.96:
                leak = 'paravertebral'
            else:
                leak = 'disc;venous'
            levs.append({'level': LEVELS[st + k], 'vol': vol, 'leak': leak})
        p['sessions'] = [{'session': 1, 'day': 0, 'date': d0, 'technique': tech, 'cement': cem,
                          'levels': levs, 'total': round(sum(l['vol'] for l in levs), 1)}]
        p['fractures'] = []
        p['death_day'] = None
        p['died'] = 'no'
        pats.append(p)
    idx = list(range(n))
    rng.shuffle(idx)
    s2 = idx[:3]
    extra_fx = idx[3:5]
    dead = idx[5:8] if n >= 24 else idx[5:7]
    # second sessions
    for i in s2:
        p = pats[i]
        s1 = p['sessions'][0]
        fday = rng.randint(110, 200)
        sday = fday + rng.randint(4, 16)
        d = p['d0'] + dt.timedelta(days=sday)
        while d.weekday() >= 5:
            d += dt.timedelta(days=1)
        sday = (d - p['d0']).days
        top = LEVELS.index(s1['levels'][0]['level'])
        bot = LEVELS.index(s1['levels'][-1]['level'])
        ni = top - 1 if (rng.random() < 0.5 and top > 3) or bot >= len(LEVELS) - 1 else bot + 1
        lev = LEVELS[ni]
        vol = rng.choice([2.5, 3.0, 3.5, 4.0, 4.5])
        p['fractures'].append({'day': fday, 'level': lev})
        p['sessions'].append({'session': 2, 'day': sday, 'date': d, 'technique': s1['technique'],
                              'cement': s1['cement'], 'levels': [{'level': lev, 'vol': vol, 'leak': 'none'}],
                              'total': vol})
    # visits
    for i, p in enumerate(pats):
        visits = []
        limit = p['sessions'][1]['day'] - 10 if len(p['sessions']) > 1 else 10 ** 6
        for tp in timepoints:
            off = TP_DAYS[tp]
            if tp == 'pre':
                day = -rng.randint(0, 2) if rng.random() < 0.6 else 0
            else:
                jit = 0 if off <= 1 else rng.randint(-max(1, off // 12), max(1, off // 12))
                day = off + jit
            if day > limit:
                continue
            visits.append({'session': 1, 'tp': tp, 'day': day})
        if len(p['sessions']) > 1:
            s = p['sessions'][1]
            for tp in s2_timepoints:
                off = TP_DAYS[tp]
                day = s['day'] + (-1 if tp == 'pre' else off + rng.randint(-3, 3))
                visits.append({'session': 2, 'tp': tp, 'day': day})
        p['visits'] = visits
    for i in dead:
        p = pats[i]
        # dies between visits: keep first k visits (at least pre + 2)
        k = rng.randint(3, max(3, len(p['visits']) - 1))
        p['visits'] = p['visits'][:k]
        last = p['visits'][-1]['day']
        p['death_day'] = last + rng.randint(15, 80)
        p['died'] = 'yes'
    for i in extra_fx:
        p = pats[i]
        lastday = p['visits'][-1]['day']
        fday = rng.randint(60, max(61, lastday - 5))
        used = {l['level'] for s in p['sessions'] for l in s['levels']}
        cand = [l for l in LEVELS[4:] if l not in used]
        p['fractures'].append({'day': fday, 'level': rng.choice(cand)})
    # scores
    for p in pats:
        base = rng.randint(6, 9)
        odi0 = rng.randint(44, 80)
        mob0 = rng.randint(2, 4)
        for v in p['visits']:
            v['date'] = p['d0'] + dt.timedelta(days=v['day'])
            if v['tp'] in ('pre', '24h'):
                pass
            elif v['date'].weekday() == 6:
                v['day'] -= 2
                v['date'] -= dt.timedelta(days=2)
            elif v['date'].weekday() == 5:
                v['day'] -= 1
                v['date'] -= dt.timedelta(days=1)
            if v['tp'] == 'pre' and v['day'] > 0:
                v['day'] = 0; v['date'] = p['d0']
            if v['session'] == 2 and v['tp'] == 'pre':
                sd = p['sessions'][1]['day']
                v['day'] = sd - 1
                v['date'] = p['d0'] + dt.timedelta(days=sd - 1)
            pre = v['tp'] == 'pre'
            frac = 1.0 if pre else max(0.15, 0.55 - 0.05 * list(TP_DAYS).index(v['tp']) + rng.uniform(-0.1, 0.1))
            sc = {}
            for m in measures:
                if m == 'pain_vas':
                    b = base if (pre or v['session'] == 1) else rng.randint(6, 9)
                    sc[m] = max(0, min(10, round(b * frac + (0 if pre else rng.choice([-1, 0, 0, 1])))))
                elif m == 'odi':
                    sc[m] = max(4, min(96, int(odi0 * (1.0 if pre else frac + 0.15)) // 2 * 2))
                elif m == 'mobility':
                    sc[m] = mob0 if pre else max(0, min(4, round(mob0 * frac + rng.choice([0, 0, 1]))))
            # some missing single scores
            if not pre and rng.random() < 0.08 and len(measures) > 1:
                sc[rng.choice(measures)] = None
            v['scores'] = sc
        # missed (not attended) visit: keep a marker
        if rng.random() < 0.3 and len(p['visits']) > 3:
            j = rng.randint(1, len(p['visits']) - 1)
            if p['visits'][j]['session'] == 1 and p['visits'][j]['tp'] != 'pre':
                p['visits'][j]['missed'] = True
                p['visits'][j]['scores'] = {m: None for m in measures}
    return pats


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, ids, errors, vol_mode='vertebra', measures_scale=None,
                drop_scores=(), blank_level=(), blank_vol=(), blank_day=()):
    """pats with 'pid'. drop_scores: set of (pid, session, measure, tp) to leave out.
    blank_level/blank_vol: set of (pid, session, level) to blank. blank_day: set of (pid, session)."""
    t = os.path.join(outdir, 'truth')
    os.makedirs(t, exist_ok=True)
    write_csv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for l in s['levels']:
                key = (p['pid'], s['session'], l['level'])
                rows.append([p['pid'], s['session'], '' if (p['pid'], s['session']) in blank_day else s['day'],
                             '' if key in blank_level else l['level'], s['technique'],
                             fmtnum(l['vol']) if vol_mode == 'vertebra' and key not in blank_vol else '',
                             fmtnum(s['total']) if vol_mode == 'session' else '',
                             s['cement'], l['leak'] if l['leak'] is not None else ''])
    write_csv(os.path.join(t, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for v in p['visits']:
            for m, val in v['scores'].items():
                if val is None or (p['pid'], v['session'], m, v['tp']) in drop_scores:
                    continue
                rows.append([p['pid'], v['session'], m, v['tp'], fmtnum(val)])
    write_csv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['pid'], f['day'], f['level']] for p in pats for f in sorted(p['fractures'], key=lambda f: f['day'])])
    write_csv(os.path.join(t, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    write_csv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], ids)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end core

# ---------------------------------------------------------------- Houston site
def main(out):
    rng = random.Random(1605)
    TPS = ['pre', '2w', '3m', '12m']
    pats = make_cohort(16055, 25, TPS, ['pain_vas', 'odi', 'mobility'], cements=('PMMA',), start=dt.date(2020, 6, 1))
    last = ['SMITH', 'JOHNSON', 'WILLIAMS', 'BROWN', 'JONES', 'GARCIA', 'MILLER', 'DAVIS', 'RODRIGUEZ', 'MARTINEZ',
            'HERNANDEZ', 'LOPEZ', 'GONZALEZ', 'WILSON', 'ANDERSON', 'THOMAS', 'TAYLOR', 'MOORE', 'JACKSON', 'NGUYEN',
            'LEE', 'PEREZ', 'THOMPSON', 'WHITE', 'HARRIS']
    fem = ['MARY', 'PATRICIA', 'LINDA', 'BARBARA', 'DOROTHY', 'BETTY', 'MARGARET', 'GLORIA', 'SHIRLEY', 'MARIA']
    mal = ['JAMES', 'ROBERT', 'JOHN', 'WILLIAM', 'RICHARD', 'CHARLES', 'JOSE']
    ids = []
    for i, p in enumerate(pats):
        p['pid'] = 'VA%04d' % (1001 + i * 3)
        p['mrn'] = '%09d' % rng.randint(10000000, 99999999)
        p['name'] = '%s, %s %s' % (last[i], rng.choice(fem if p['sex'] == 'female' else mal), rng.choice('ABCDEJLMR'))
        p['phone'] = '(%d) %03d-%04d' % (rng.choice([713, 281, 832]), rng.randint(200, 999), rng.randint(0, 9999))
        ids += [('name', p['name']), ('record_number', p['mrn']), ('birth_date', p['birth'].strftime('%m/%d/%Y')), ('phone', p['phone'])]
    M = lambda d: d.strftime('%m/%d/%Y')
    DX = {'osteoporotic': [('M80.08XA', 'Age-related osteoporosis w current pathological fracture, vertebra(e), init')],
          'pathologic': [('C79.51', 'Secondary malignant neoplasm of bone'), ('C90.00', 'Multiple myeloma not having achieved remission')],
          'traumatic': [('S32.010A', 'Wedge compression fracture of first lumbar vertebra, init'), ('S22.080A', 'Wedge compression fracture of T11-T12 vertebra, init')],
          'other': [('D18.09', 'Hemangioma of other sites')]}
    LK = {'none': 'None', 'disc': 'Intradiscal', 'venous': 'Paravertebral venous', 'paravertebral': 'Paravertebral soft tissue'}
    errors, drop, blank_level, blank_vol = [], set(), set(), set()
    plain = [k for k, p in enumerate(pats) if len(p['sessions']) == 1 and not p['fractures'] and p['died'] == 'no']
    e_nrs, e_vol, e_lvl, e_noid = plain[1], plain[4], plain[7], plain[10]
    base = os.path.join(out, 'input')
    os.makedirs(base, exist_ok=True)
    # demographics
    rows = []
    for p in pats:
        rows.append([p['mrn'], p['pid'], p['name'], M(p['birth']), 'F' if p['sex'] == 'female' else 'M', p['phone'],
                     'Y' if p['died'] == 'yes' else 'N', M(p['d0'] + dt.timedelta(days=p['death_day'])) if p['died'] == 'yes' else ''])
    write_csv(os.path.join(base, 'demographics.csv'), ['PAT_MRN_ID', 'STUDY_ID', 'PAT_NAME', 'BIRTH_DATE', 'SEX', 'HOME_PHONE',
                                                        'PATIENT_DECEASED_YN', 'DEATH_DATE'], rows)
    # procedures: one row per vertebra (CPT lines)
    hdr = ['PAT_MRN_ID', 'STUDY_ID', 'ORLOG_ID', 'SURGERY_DATE', 'AGE_AT_SURGERY', 'CPT_CODE', 'PROC_NAME', 'SPINE_LEVEL',
           'PRIMARY_DX_CODE', 'PRIMARY_DX_NAME', 'IMPLANT_NAME', 'CEMENT_VOL_ML', 'CEMENT_EXTRAVASATION', 'SURGEON']
    rows = []
    for k, p in enumerate(pats):
        dx = rng.choice(DX[p['etiology']])
        for s in p['sessions']:
            log = str(rng.randint(300000, 399999))
            surg = rng.choice(['KAPOOR, RAJ MD', 'NGUYEN, LINH MD', 'OKAFOR, CHIDI MD'])
            for li, l in enumerate(s['levels']):
                kyph = s['technique'] == 'kyphoplasty'
                if li == 0:
                    cpt = ('22513' if kyph else '22510') if l['level'][0] == 'T' else ('22514' if kyph else '22511')
                else:
                    cpt = '22515' if kyph else '22512'
                pn = {'22510': 'PERQ VERTEBROPLASTY, CERVICOTHORACIC', '22511': 'PERQ VERTEBROPLASTY, LUMBOSACRAL',
                      '22512': 'PERQ VERTEBROPLASTY, EA ADDL LEVEL',
                      '22513': 'PERQ VERTEBRAL AUGMENTATION W CAVITY CREATION, THORACIC',
                      '22514': 'PERQ VERTEBRAL AUGMENTATION W CAVITY CREATION, LUMBAR',
                      '22515': 'PERQ VERTEBRAL AUGMENTATION W CAVITY CREATION, EA ADDL LEVEL'}[cpt]
                lvl = l['level']
                vol = fmtnum(l['vol'])
                rowno = len(rows) + 2
                if k == e_lvl and s['session'] == 1 and li == len(s['levels']) - 1:
                    lvl = 'T13' if lvl[0] == 'T' else 'L6'
                    blank_level.add((p['pid'], 1, l['level']))
                    errors.append(['procedures', 'H%d' % rowno, rowno, 'SPINE_LEVEL', lvl, 'impossible vertebral level ' + lvl, p['pid']])
                if k == e_vol and s['session'] == 1 and li == 0:
                    vol = '42'
                    blank_vol.add((p['pid'], 1, l['level']))
                    errors.append(['procedures', 'L%d' % rowno, rowno, 'CEMENT_VOL_ML', vol, 'cement volume 42 mL in one vertebra (> 20 mL)', p['pid']])
                rows.append([p['mrn'], p['pid'], log, M(s['date']), s['date'].year - p['birth'].year - ((s['date'].month, s['date'].day) < (p['birth'].month, p['birth'].day)),
                             cpt, pn, lvl, dx[0], dx[1], 'KYPHON XPEDE BONE CEMENT' if kyph else 'STRYKER SPINEPLEX BONE CEMENT',
                             vol, LK[l['leak']] if ';' not in l['leak'] else 'Intradiscal; Paravertebral venous',
                             surg])
    write_csv(os.path.join(base, 'procedures.csv'), hdr, rows)
    # flowsheets (EAV)
    FS = {'pain_vas': 'PAIN SCORE (NRS 0-10)', 'odi': 'OSWESTRY DISABILITY INDEX TOTAL (%)',
          'mobility': 'AMBULATION STATUS (0=INDEP,1=CANE,2=WALKER,3=WHEELCHAIR,4=BEDBOUND)'}
    ENC = {'pre': 'IR PRE-PROCEDURE EVAL', '2w': 'IR POST-PROC F/U 2 WK', '3m': 'IR POST-PROC F/U 3 MO', '12m': 'IR POST-PROC F/U 12 MO',
           '1m': 'IR POST-PROC F/U 1 MO'}
    hdr = ['PAT_MRN_ID', 'STUDY_ID', 'PAT_ENC_CSN_ID', 'ENC_TYPE', 'VISIT_REASON', 'APPT_STATUS', 'RECORDED_TIME', 'FLO_MEAS_NAME', 'MEAS_VALUE']
    rows = []
    for k, p in enumerate(pats):
        for v in p['visits']:
            csn = str(rng.randint(10 ** 9, 2 * 10 ** 9))
            reason = ENC[v['tp']] + (' (REPEAT AUGMENTATION)' if v['session'] == 2 else '')
            etype = 'Hospital Encounter' if v['tp'] == 'pre' else 'Office Visit'
            if v.get('missed'):
                rows.append([p['mrn'], p['pid'], csn, etype, reason, 'No Show', '', '', ''])
                continue
            t = '%s %02d:%02d' % (M(v['date']), rng.randint(7, 16), rng.randint(0, 59))
            for m in ('pain_vas', 'odi', 'mobility'):
                val = v['scores'][m]
                if val is None:
                    continue
                rowno = len(rows) + 2
                sid = p['pid']
                if k == e_nrs and m == 'pain_vas' and v['tp'] == '3m':
                    val = 45
                    errors.append(['flowsheets', 'I%d' % rowno, rowno, 'MEAS_VALUE', '45', 'NRS pain 45 on a 0-10 scale', p['pid']])
                    drop.add((p['pid'], 1, 'pain_vas', '3m'))
                if k == e_noid and m == 'odi' and v['tp'] == '2w':
                    sid = ''
                    errors.append(['flowsheets', 'B%d' % rowno, rowno, 'STUDY_ID', '', 'row with data but no study ID (MRN present)', p['pid']])
                rows.append([p['mrn'], sid, csn, etype, reason, 'Completed', t, FS[m], val])
    write_csv(os.path.join(base, 'flowsheets.csv'), hdr, rows)
    # imaging for new fractures
    hdr = ['PAT_MRN_ID', 'STUDY_ID', 'ACCESSION', 'EXAM_DATE', 'PROC_NAME', 'IMPRESSION']
    rows = []
    for p in pats:
        for f in p['fractures']:
            nm = {'T': 'thoracic', 'L': 'lumbar'}[f['level'][0]]
            rows.append([p['mrn'], p['pid'], 'RAD%07d' % rng.randint(0, 9999999), M(p['d0'] + dt.timedelta(days=f['day'])),
                         'MRI SPINE %s WO CONTRAST' % ('THORACIC' if f['level'][0] == 'T' else 'LUMBAR'),
                         'Acute compression fracture of the %s vertebral body with marrow edema. Stable postaugmentation changes at previously treated levels.' % f['level']])
    write_csv(os.path.join(base, 'imaging.csv'), hdr, rows)
    write_truth(out, pats, ids, errors, drop_scores=drop, blank_level=blank_level, blank_vol=blank_vol)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
