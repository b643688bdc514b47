import sys, os, csv, datetime as dt
import numpy as np

SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LW = np.array([0, 0, 0, .5, 1, 1, 2, 3, 3, 4, 6, 12, 12, 7, 5, 3, 1], float)
LW = LW / LW.sum()
LEAK_SITES = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']


def generate(seed, n, id_fn, start, end, tps1, tps2, kp_share=0.4, cements=(('PMMA', 1.0),),
             vol_step=0.5, odi=False, mobility=None, attend=0.8, p_second=0.2, p_frac=0.15,
             p_death=0.15):
    """tps: list of (label, days, jitter). mobility: (lo, hi) ordinal scale, higher = better."""
    rng = np.random.default_rng(seed)
    span = (end - start).days
    pts = []
    for i in range(n):
        et = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=[.66, .24, .08, .02]))
        sex = 'female' if rng.random() < (0.75 if et == 'osteoporotic' else 0.5) else 'male'
        age = int(rng.integers(63, 93)) if et == 'osteoporotic' else int(rng.integers(44, 86))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        p = dict(id=id_fn(i), i=i, sex=sex, age=age, etiology=et, date0=d0, sessions=[],
                 fractures=[], died='no', death_day=None)
        used = set()

        def session(sno, day, idxs):
            tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
            names = [c[0] for c in cements]
            pr = np.array([c[1] for c in cements], float)
            cem = names[int(rng.choice(len(names), p=pr / pr.sum()))]
            vols, leaks = [], []
            for _ in idxs:
                lo, hi = (2.0, 6.5) if tech == 'kyphoplasty' else (1.5, 5.0)
                v = round(float(rng.uniform(lo, hi)) / vol_step) * vol_step
                vols.append(round(v, 1))
                if rng.random() < 0.72:
                    leaks.append([])
                else:
                    k = 1 if rng.random() < 0.8 else 2
                    s = sorted(rng.choice(len(LEAK_SITES), size=k, replace=False).tolist())
                    leaks.append([LEAK_SITES[j] for j in s])
            for j in idxs:
                used.add(j)
            return dict(session=sno, day=day, date=d0 + dt.timedelta(days=day),
                        levels=[SPINE[j] for j in idxs], technique=tech, cement=cem,
                        vols=vols, leaks=leaks, assess={})

        r = rng.random()
        nlev = 1 if r < 0.6 else (2 if r < 0.88 else 3)
        while True:
            c = int(rng.choice(len(SPINE), p=LW))
            idxs = list(range(c, c + nlev))
            if idxs[-1] < len(SPINE):
                break
        p['sessions'].append(session(1, 0, idxs))
        if rng.random() < p_second:
            day = int(rng.integers(25, 160))
            cand = [j for j in (min(used) - 1, max(used) + 1, max(used) + 2, min(used) - 2)
                    if 3 <= j < len(SPINE) and j not in used]
            j = cand[int(rng.integers(0, min(2, len(cand))))]
            fday = day - int(rng.integers(4, 20))
            p['fractures'].append((fday, SPINE[j]))
            p['sessions'].append(session(2, day, [j]))
        if rng.random() < p_frac:
            cand = [j for j in (min(used) - 1, max(used) + 1, max(used) + 2)
                    if 3 <= j < len(SPINE) and j not in used and SPINE[j] not in [f[1] for f in p['fractures']]]
            if cand:
                j = cand[int(rng.integers(0, len(cand)))]
                lastday = p['sessions'][-1]['day']
                p['fractures'].append((int(rng.integers(lastday + 30, lastday + 330)), SPINE[j]))
        if rng.random() < p_death:
            p['died'] = 'yes'
            dd = int(rng.integers(45, 420))
            if et == 'pathologic':
                dd = int(rng.integers(30, 250))
            # drop anything after death
            p['sessions'] = [s for s in p['sessions'] if s['day'] < dd - 10]
            p['fractures'] = [f for f in p['fractures'] if f[0] < dd - 5]
            p['death_day'] = dd
        # assessments
        for s in p['sessions']:
            tps = tps1 if s['session'] == 1 else tps2
            pre = int(rng.integers(6, 11))
            preodi = int(rng.integers(36, 82))
            premob = None if mobility is None else int(rng.integers(mobility[0], mobility[0] + 2 + (mobility[1] - mobility[0]) // 3))
            for lab, days, jit in tps:
                if lab == 'pre':
                    vday = s['day'] - int(rng.integers(0, 2)) if jit else s['day']
                    if rng.random() < 0.05:
                        continue
                else:
                    vday = s['day'] + days + (int(rng.integers(-jit, jit + 1)) if jit else 0)
                    if p['death_day'] is not None and vday >= p['death_day']:
                        continue
                    if rng.random() > attend:
                        continue
                vals = {}
                if lab == 'pre':
                    vals['pain_vas'] = pre
                    if odi:
                        vals['odi'] = preodi
                    if mobility:
                        vals['mobility'] = premob
                else:
                    f = min(1.0, 0.45 + days / 120)
                    v = pre - f * rng.uniform(2.5, 6.5) + rng.normal(0, 0.8)
                    vals['pain_vas'] = int(min(10, max(0, round(v))))
                    if odi:
                        o = preodi - f * rng.uniform(10, 35) + rng.normal(0, 4)
                        vals['odi'] = int(min(100, max(0, round(o / 2) * 2)))
                    if mobility:
                        m = premob + int(round(f * rng.uniform(0, mobility[1] - premob)))
                        vals['mobility'] = int(min(mobility[1], max(mobility[0], m)))
                s['assess'][lab] = dict(vday=vday, vdate=d0 + dt.timedelta(days=vday), vals=vals)
        pts.append(p)
    return pts


def fnum(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0').rstrip('.')


def write_truth(out, pts, errors, identifiers, vol_mode='per_level', sex=True, age=True,
                etiology=True, died=True, cement=True, leak=True, technique=True):
    """vol_mode: per_level | session_total (total only: per-vertebra for single-level sessions)."""
    td = os.path.join(out, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as fh:
            cw = csv.writer(fh, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
        p['died'] if died else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = round(sum(s['vols']), 2)
            for k, lv in enumerate(s['levels']):
                if vol_mode == 'per_level' or len(s['levels']) == 1:
                    cv, sv = fnum(s['vols'][k]), ''
                else:
                    cv, sv = '', fnum(tot)
                lk = (';'.join(s['leaks'][k]) if s['leaks'][k] else 'none') if leak else ''
                rows.append([p['id'], s['session'], s['day'], lv, s['technique'] if technique else '',
                             cv, sv, s['cement'] if cement else '', lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for s in p['sessions']:
            for lab, a in s['assess'].items():
                for m, v in a['vals'].items():
                    rows.append([p['id'], s['session'], m, lab, fnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, lv] for p in pts for d, lv in sorted(p['fractures'])])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# ---------------------------------------------------------------- Glasgow (en-GB, NHS export)
FORE_F = ['Agnes', 'Margaret', 'Elizabeth', 'Isobel', 'Jean', 'Catherine', 'Morag', 'Helen', 'Sheena', 'Moira', 'Janet']
FORE_M = ['James', 'William', 'Robert', 'Alexander', 'Hugh', 'Duncan', 'Archibald', 'Thomas', 'Iain', 'Francis']
SURN = ['MACDONALD', 'CAMPBELL', 'STEWART', 'MCLEAN', 'FRASER', 'ROBERTSON', 'MCKAY', 'DOCHERTY', "O'NEILL",
        'MCGREGOR', 'GALLACHER', 'KERR', 'MCINTYRE', 'BOYLE', 'DUNCAN', 'HAMILTON', 'QUINN', 'REID']
LEAK_EN = {'disc': 'Disc', 'epidural': 'Epidural', 'foraminal': 'Foraminal', 'venous': 'Venous',
           'paravertebral': 'Paravertebral'}
RP = {'pre': 'Pre-procedure', '24h': 'Day 1', '2w': '2 weeks', '6w': '6 weeks', '6m': '6 months'}


def chi(bd, male, rng):
    while True:
        d = bd.strftime('%d%m%y') + '%02d' % int(rng.integers(0, 100))
        sd = int(rng.integers(0, 5)) * 2 + (1 if male else 0)
        d9 = d + str(sd)
        s = sum(int(c) * w for c, w in zip(d9, range(10, 1, -1)))
        ck = 11 - s % 11
        if ck == 11:
            ck = 0
        if ck == 10:
            continue
        return d9 + str(ck)


def main(out):
    os.makedirs(out, exist_ok=True)
    tps1 = [('pre', 0, 1), ('24h', 1, 0), ('2w', 14, 3), ('6w', 42, 6), ('6m', 182, 14)]
    tps2 = [('pre', 0, 1), ('6w', 42, 6)]
    pts = generate(1405, 21, lambda i: 'GVA%03d' % (i + 1), dt.date(2021, 6, 1), dt.date(2023, 8, 31),
                   tps1, tps2, kp_share=0.4, cements=(('PMMA', 0.9), ('calcium phosphate', 0.1)),
                   vol_step=0.1, p_second=0.2, attend=0.8)
    rng = np.random.default_rng(14051)
    cols = ['CHI_NO', 'SURNAME', 'FORENAME', 'DOB', 'SEX', 'STUDY_NO', 'AGE_AT_INDEX', 'AETIOLOGY',
            'EVENT_DATETIME', 'EVENT_TYPE', 'EPISODE_NO', 'REVIEW_POINT', 'VERT_LEVEL', 'PROC_DESC',
            'CEMENT_PRODUCT', 'CEMENT_VOL_ML', 'CEMENT_LEAK', 'PAIN_NRS', 'DATE_OF_DEATH', 'COMMENTS']
    ETI = {'osteoporotic': ['Osteoporotic', 'Osteoporotic', 'Osteoporotic (steroid induced)'],
           'pathologic': ['Metastatic - breast', 'Myeloma', 'Metastatic - lung', 'Metastatic - prostate'],
           'traumatic': ['Trauma (fall)'], 'other': ["Other - Kummell's disease"]}
    BR = {'PMMA': ['Vertecem V+', 'KyphX HV-R', 'Confidence (PMMA)'], 'calcium phosphate': ['Calcium phosphate - Hydroset']}
    rows = []
    loc = {}
    identifiers = []
    for p in pts:
        male = p['sex'] == 'male'
        fn = (FORE_M if male else FORE_F)[int(rng.integers(10))]
        sn = SURN[int(rng.integers(len(SURN)))]
        bd = p['date0'] - dt.timedelta(days=365 * p['age'] + p['age'] // 4 + int(rng.integers(5, 360)))
        c = chi(bd, male, rng)
        identifiers += [('record_number', c), ('name', sn), ('name', fn), ('birth_date', bd.strftime('%d/%m/%Y'))]
        e = [x for x in ETI[p['etiology']] if not (('prostate' in x and not male) or ('breast' in x and male))]
        demo = [c, sn, fn, bd.strftime('%d/%m/%Y'), 'M' if male else 'F', p['id'], str(p['age']), e[int(rng.integers(len(e)))]]
        dod = (p['date0'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y') if p['died'] == 'yes' else ''
        events = []
        for s in p['sessions']:
            brand = BR[s['cement']][int(rng.integers(len(BR[s['cement']])))]
            hh = int(rng.integers(9, 16))
            for k, l in enumerate(s['levels']):
                events.append((s['day'], hh * 60 + k * 25, 'proc', (s, k, brand)))
            for lab, a in s['assess'].items():
                mins = int(rng.integers(8 * 60, hh * 60 - 30)) if lab == 'pre' else int(rng.integers(9 * 60, 17 * 60))
                if lab == 'pre' and a['vday'] < s['day']:
                    mins = int(rng.integers(9 * 60, 17 * 60))
                events.append((a['vday'], mins, 'rev', (s, lab)))
            for lab, days, _ in (tps1 if s['session'] == 1 else tps2):
                if lab not in ('pre', '24h') and lab not in s['assess']:
                    d = s['day'] + days
                    if (p['death_day'] is None or d < p['death_day']) and rng.random() < 0.5:
                        events.append((d, int(rng.integers(9 * 60, 17 * 60)), 'dna', (s, lab)))
        for d, l in p['fractures']:
            events.append((d, int(rng.integers(9 * 60, 18 * 60)), 'frx', l))
        events.sort(key=lambda x: (x[0], x[1]))
        for day, mins, kind, pl in events:
            t = dt.datetime.combine(p['date0'] + dt.timedelta(days=day), dt.time(mins // 60, (mins % 60)))
            r = dict(zip(cols, demo + [''] * (len(cols) - len(demo))))
            r['EVENT_DATETIME'] = t.strftime('%d/%m/%Y %H:%M')
            r['DATE_OF_DEATH'] = dod
            if kind == 'proc':
                s, k, brand = pl
                r.update(EVENT_TYPE='THEATRE PROCEDURE', EPISODE_NO=str(s['session']), VERT_LEVEL=s['levels'][k],
                         PROC_DESC='Balloon kyphoplasty' if s['technique'] == 'kyphoplasty' else 'Percutaneous vertebroplasty',
                         CEMENT_PRODUCT=brand, CEMENT_VOL_ML=fnum(s['vols'][k]),
                         CEMENT_LEAK='/'.join(LEAK_EN[x] for x in s['leaks'][k]) if s['leaks'][k] else 'None')
                loc[(p['id'], 'proc', s['session'], s['levels'][k])] = len(rows)
            elif kind == 'rev':
                s, lab = pl
                a = s['assess'][lab]
                et = 'PRE-ASSESSMENT' if lab == 'pre' else ('WARD REVIEW' if lab == '24h' else
                                                            ('TELEPHONE REVIEW' if lab == '2w' else 'OPD REVIEW'))
                r.update(EVENT_TYPE=et, EPISODE_NO=str(s['session']), REVIEW_POINT=RP[lab],
                         PAIN_NRS=str(a['vals']['pain_vas']))
                loc[(p['id'], 'rev', s['session'], lab)] = len(rows)
            elif kind == 'dna':
                s, lab = pl
                r.update(EVENT_TYPE='OPD REVIEW' if lab != '2w' else 'TELEPHONE REVIEW', EPISODE_NO=str(s['session']),
                         REVIEW_POINT=RP[lab], COMMENTS='DNA' if lab != '2w' else 'No answer x2')
            else:
                r.update(EVENT_TYPE='RADIOLOGY REPORT', VERT_LEVEL=pl,
                         COMMENTS='MRI: new acute osteoporotic # %s' % pl if p['etiology'] == 'osteoporotic'
                         else 'MRI: new acute vertebral # %s' % pl)
            rows.append(r)
    # ------------------------------------------------------------ planted errors
    errors = []
    taken = set()

    def pick(cond):
        for p in pts:
            if p['id'] not in taken and cond(p):
                taken.add(p['id'])
                return p

    def cell(i, name):
        j = cols.index(name) + 1
        return '%s%d' % (col(j), i + 2), i + 2
    p = pick(lambda p: p['i'] > 1 and len(p['sessions'][0]['levels']) == 1)
    i = loc[(p['id'], 'proc', 1, p['sessions'][0]['levels'][0])]
    rows[i]['CEMENT_VOL_ML'] = '38'
    a, rr = cell(i, 'CEMENT_VOL_ML')
    errors.append(['input', a, rr, 'CEMENT_VOL_ML', '38', '38 mL in a single vertebra is not plausible', p['id']])
    p = pick(lambda p: p['i'] > 4 and p['sessions'][0]['levels'][-1] in ('L4', 'L5', 'L3'))
    if p is None:
        p = pick(lambda p: p['i'] > 4 and p['sessions'][0]['levels'][-1].startswith('L'))
    i = loc[(p['id'], 'proc', 1, p['sessions'][0]['levels'][-1])]
    rows[i]['VERT_LEVEL'] = 'L6'
    a, rr = cell(i, 'VERT_LEVEL')
    errors.append(['input', a, rr, 'VERT_LEVEL', 'L6', 'no L6 vertebra', p['id']])
    p = pick(lambda p: p['i'] > 7 and '2w' in p['sessions'][0]['assess'])
    i = loc[(p['id'], 'rev', 1, '2w')]
    rows[i]['PAIN_NRS'] = '17'
    a, rr = cell(i, 'PAIN_NRS')
    errors.append(['input', a, rr, 'PAIN_NRS', '17', 'pain 17 on a 0-10 scale', p['id']])
    p = pick(lambda p: p['i'] > 10 and '6w' in p['sessions'][0]['assess'])
    i = loc[(p['id'], 'rev', 1, '6w')]
    old = rows[i]['EVENT_DATETIME']
    new = old[:6] + str(int(old[6:10]) - 1) + old[10:]
    rows[i]['EVENT_DATETIME'] = new
    a, rr = cell(i, 'EVENT_DATETIME')
    errors.append(['input', a, rr, 'EVENT_DATETIME', new, '6-week review dated before the procedure', p['id']])
    p = pick(lambda p: p['i'] > 13 and '6m' in p['sessions'][0]['assess'])
    i = loc[(p['id'], 'rev', 1, '6m')]
    rows[i]['PAIN_NRS'] = 'x'
    a, rr = cell(i, 'PAIN_NRS')
    errors.append(['input', a, rr, 'PAIN_NRS', 'x', 'meaningless text in the pain score', p['id']])
    with open(os.path.join(out, 'input.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator='\r\n')
        w.writeheader()
        for r in rows:
            w.writerow(r)
    write_truth(out, pts, errors, identifiers, vol_mode='per_level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
