"""Accra: Google-Forms-style CSV export, one row per form submission."""
# ---------------------------------------------------------------- cohort generator
import datetime as dt
import numpy as np

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
         ['L%d' % i for i in range(1, 6)] + ['S1']
LEAK_ORDER = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 182, '12m': 365, '24m': 730}


def lidx(l):
    return LEVELS.index(l)


def gen_cohort(rng, n, start, end, fu=('pre', '1w', '1m', '3m'), odi_tps=(),
               mob_tps=(), n_second=4, n_frac=4, n_died=3,
               etio_p=(0.65, 0.2, 0.1, 0.05), kp_p=0.4, cpc_p=0.12,
               nlev_p=(0.6, 0.3, 0.1), half_pain=False, miss_p=0.15):
    span = (end - start).days
    second = set(int(x) for x in rng.choice(n, n_second, replace=False))
    fracs = set(int(x) for x in rng.choice(n, n_frac, replace=False))
    died = set(int(x) for x in rng.choice(n, n_died, replace=False))
    pats = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        et = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=etio_p))
        age = int(rng.integers(60, 92)) if et == 'osteoporotic' else int(rng.integers(38, 86))
        d1 = start + dt.timedelta(days=int(rng.integers(0, span)))
        used = set()

        def make_session(day):
            nlev = int(rng.choice([1, 2, 3], p=nlev_p))
            lo, hi = (lidx('T5'), lidx('L5')) if et == 'pathologic' else (lidx('T8'), lidx('L4'))
            for _ in range(200):
                s = int(rng.integers(lo, hi - nlev + 2))
                levs = [LEVELS[s + k] for k in range(nlev)]
                if not (used & set(levs)) and not any(
                        LEVELS[max(0, lidx(l) - 1)] in used or LEVELS[lidx(l) + 1] in used for l in levs):
                    break
            used.update(levs)
            tech = 'kyphoplasty' if rng.random() < kp_p else 'vertebroplasty'
            cem = 'calcium phosphate' if rng.random() < cpc_p else 'PMMA'
            vert = []
            for l in levs:
                vol = float(rng.choice(np.arange(1.5, 7.01, 0.5)))
                if rng.random() < 0.72:
                    leak = 'none'
                else:
                    k = 1 if rng.random() < 0.8 else 2
                    ls = list(rng.choice(LEAK_ORDER, k, replace=False))
                    leak = ';'.join(sorted(ls, key=LEAK_ORDER.index))
                vert.append(dict(level=l, vol=vol, leak=leak))
            return dict(day=day, date=d1 + dt.timedelta(days=day), tech=tech, cement=cem,
                        vert=vert, visits={})

        def make_visits(sess, tps):
            pre = int(rng.integers(6, 11))
            cur = pre
            for tp in tps:
                if tp == 'pre':
                    v = pre
                else:
                    drop = int(rng.integers(1, 4)) if tp in ('24h', '1w', '2w') else int(rng.integers(0, 3))
                    cur = max(0, cur - drop)
                    v = cur
                    if rng.random() < miss_p:
                        continue
                val = float(v)
                if half_pain and rng.random() < 0.15 and 0 < val < 10:
                    val += 0.5
                jitter = 0 if tp in ('pre', '24h') else int(rng.integers(-2, 3)) * (1 if tp in ('1w', '2w') else 3)
                d = TP_DAYS[tp] + jitter
                if tp == 'pre':
                    d = -int(rng.integers(0, 3))
                rec = dict(day=sess['day'] + d, pain=val)
                if tp in odi_tps:
                    rec['odi'] = int(min(100, max(0, (v * 7 + int(rng.integers(-6, 7))) // 2 * 2)))
                if tp in mob_tps:
                    rec['mob'] = int(min(4, max(1, round(v / 3.0) + int(rng.integers(0, 2)))))
                sess['visits'][tp] = rec

        s1 = make_session(0)
        make_visits(s1, fu)
        sessions = [s1]
        if i in second:
            day2 = int(rng.integers(35, 140))
            s2 = make_session(day2)
            make_visits(s2, [t for t in fu if TP_DAYS[t] <= 90])
            sessions.append(s2)
        frs = []
        if i in fracs:
            cand = [tp for tp in s1['visits'] if tp not in ('pre', '24h')]
            if cand:
                tp = cand[int(rng.integers(0, len(cand)))]
                lo, hi = lidx('T6'), lidx('L5')
                for _ in range(200):
                    l = LEVELS[int(rng.integers(lo, hi + 1))]
                    if l not in used:
                        break
                used.add(l)
                frs.append(dict(day=s1['visits'][tp]['day'], level=l, tp=tp))
        dflag = 'no'
        death_day = None
        if i in died:
            dflag = 'yes'
            last = max(v['day'] for s in sessions for v in s['visits'].values())
            # truncate: drop the last visit of session 1 sometimes to make room
            death_day = last + int(rng.integers(10, 60))
        pats.append(dict(idx=i, sex=sex, age=age, etiology=et, died=dflag, death_day=death_day,
                         d1=d1, sessions=sessions, fractures=frs))
    return pats


def truth_tables(pats, pid, cement_mode='per_vertebra', with_sex=True, with_age=True,
                 with_etio=True, with_died=True, with_tech=True, with_cement_type=True,
                 with_leak=True, measures=('pain_vas', 'odi', 'mob')):
    """cement_mode: per_vertebra | session_total (total if several levels) | none"""
    P, R, A, F = [], [], [], []
    for p in pats:
        P.append(dict(patient_id=pid(p), sex=p['sex'] if with_sex else '',
                      age_years=p['age'] if with_age else '',
                      etiology=p['etiology'] if with_etio else '',
                      died=p['died'] if with_died else ''))
        for si, s in enumerate(p['sessions'], 1):
            tot = round(sum(v['vol'] for v in s['vert']), 2)
            for v in s['vert']:
                cv, sv = '', ''
                if cement_mode == 'per_vertebra' or (cement_mode == 'session_total' and len(s['vert']) == 1):
                    cv = v['vol']
                elif cement_mode == 'session_total':
                    sv = tot
                R.append(dict(patient_id=pid(p), session=si, day=s['day'], level=v['level'],
                              technique=s['tech'] if with_tech else '',
                              cement_volume_ml=cv, session_cement_volume_ml=sv,
                              cement_type=s['cement'] if with_cement_type else '',
                              leakage=v['leak'] if with_leak else ''))
            for tp, rec in s['visits'].items():
                if 'pain_vas' in measures:
                    A.append(dict(patient_id=pid(p), session=si, measure='pain_vas', timepoint=tp, value=rec['pain']))
                if 'odi' in rec and 'odi' in measures:
                    A.append(dict(patient_id=pid(p), session=si, measure='odi', timepoint=tp, value=rec['odi']))
                if 'mob' in rec and 'mob' in measures:
                    A.append(dict(patient_id=pid(p), session=si, measure='mobility', timepoint=tp, value=rec['mob']))
        for f in p['fractures']:
            F.append(dict(patient_id=pid(p), day=f['day'], level=f['level']))
    return P, R, A, F


def fmt_num(x):
    if x == '' or x is None:
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, P, R, A, F, E, I):
    import csv, os
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    spec = [('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P),
            ('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                'session_cement_volume_ml', 'cement_type', 'leakage'], R),
            ('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A),
            ('fractures.csv', ['patient_id', 'day', 'level'], F),
            ('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], E),
            ('identifiers.csv', ['kind', 'value'], I)]
    for name, cols, rows in spec:
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for r in rows:
                w.writerow([fmt_num(r.get(c, '')) for c in cols])


def col_letter(i):  # 1-based
    s = ''
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end generator

# ---------------------------------------------------------------- Accra site
import csv
import os
import sys


def mdy(d):
    return '%d/%d/%d' % (d.month, d.day, d.year)


def stamp(d, rng):
    h = int(rng.integers(8, 18))
    m = int(rng.integers(0, 60))
    s = int(rng.integers(0, 60))
    ap = 'AM' if h < 12 else 'PM'
    h12 = h if h <= 12 else h - 12
    return '%04d/%02d/%02d %d:%02d:%02d %s GMT' % (d.year, d.month, d.day, h12, m, s, ap), (d, h, m, s)


COLS = ['Timestamp', 'Study ID', 'Type of submission', 'Patient full name', 'Phone number (patient or relative)',
        'Sex', 'Age (years)', 'Cause of the fracture', 'Date of procedure', 'Is this the first procedure or a repeat?',
        'Vertebral level(s) treated', 'Procedure performed', 'Cement used',
        'Total cement volume injected, all levels (mL)', 'Cement leakage seen on post-procedure imaging',
        'If leakage, at which level(s)?', 'Pain score before the procedure (0-10)',
        'Oswestry Disability Index before the procedure (%)', 'Mobility before the procedure',
        'Date of this follow-up visit / contact', 'Which follow-up visit is this?',
        'This follow-up is after which procedure?', 'Pain score at this visit (0-10)',
        'Oswestry Disability Index at this visit (%)', 'Mobility at this visit',
        'Any new vertebral fracture since the last visit?', 'If yes, level(s) of the new fracture',
        'Patient status', 'If deceased, date of death', 'Comments']

MOB = {1: '1 - Walks without help', 2: '2 - Walks with stick or frame', 3: '3 - Wheelchair', 4: '4 - Bedbound'}


def main(outdir):
    rng = np.random.default_rng(7303)
    pats = gen_cohort(rng, 23, dt.date(2021, 3, 1), dt.date(2023, 4, 1),
                      fu=('pre', '1w', '1m', '3m'), odi_tps=('pre', '3m'), mob_tps=('pre', '1m', '3m'),
                      n_second=3, n_frac=4, n_died=4, etio_p=(0.42, 0.4, 0.13, 0.05), kp_p=0.25, cpc_p=0.1)
    for p in pats:
        if p['etiology'] != 'osteoporotic':
            p['age'] = int(min(p['age'], 80))
    pid = lambda p: 'KBTH-VA-%03d' % (p['idx'] + 1)
    fn = ['Akosua', 'Ama', 'Abena', 'Adwoa', 'Efua', 'Esi', 'Afia', 'Akua', 'Yaa', 'Comfort', 'Grace', 'Patience',
          'Gifty', 'Mercy', 'Felicia', 'Beatrice', 'Vida']
    mn = ['Kwame', 'Kofi', 'Yaw', 'Kwabena', 'Kwaku', 'Kojo', 'Emmanuel', 'Samuel', 'Isaac', 'Ebenezer', 'Daniel']
    sn = ['Mensah', 'Boateng', 'Owusu', 'Asante', 'Addo', 'Appiah', 'Osei', 'Darko', 'Quaye', 'Agyeman', 'Ofori',
          'Amoah', 'Tetteh', 'Ansah', 'Nkansah', 'Nyarko', 'Adjei', 'Frimpong', 'Sarpong', 'Acheampong', 'Lamptey',
          'Kuffour', 'Badu', 'Opoku', 'Yeboah']
    sorder = [int(x) for x in rng.permutation(len(sn))]
    ids = []
    for k, p in enumerate(pats):
        first = (fn if p['sex'] == 'female' else mn)
        p['name'] = first[int(rng.integers(0, len(first)))] + ' ' + sn[sorder[k]]
        p['phone'] = '0%d%d %s %s' % (int(rng.choice([2, 5])), int(rng.choice([4, 0, 7, 4])),
                                       '%03d' % int(rng.integers(100, 999)), '%04d' % int(rng.integers(0, 9999)))
        ids += [('name', p['name']), ('phone', p['phone'])]
    et_w = {'osteoporotic': ['Osteoporosis'], 'pathologic': ['Metastatic cancer', 'Multiple myeloma'],
            'traumatic': ['Trauma (fall / road traffic accident)'], 'other': ['Other: haemangioma']}
    leak_w = {'disc': 'Into disc space', 'epidural': 'Epidural', 'foraminal': 'Foraminal', 'venous': 'Venous',
              'paravertebral': 'Paravertebral soft tissue'}
    subs = []  # (sortkey, dict)
    order = [int(x) for x in rng.permutation(len(pats))]
    e_pain, e_fudate, e_dup, e_vol = None, None, None, None
    cand_single = [k for k in order if len(pats[k]['sessions'][0]['vert']) == 1]
    e_vol = cand_single[0]
    rest = [k for k in order if k != e_vol]
    e_pain = [k for k in rest if '1m' in pats[k]['sessions'][0]['visits']][0]
    e_fudate = [k for k in rest if k != e_pain and '1w' in pats[k]['sessions'][0]['visits']][0]
    e_dup = [k for k in rest if k not in (e_pain, e_fudate)][0]
    marks = {}

    for k, p in enumerate(pats):
        et = et_w[p['etiology']][int(rng.integers(0, len(et_w[p['etiology']])))]
        for si, s in enumerate(p['sessions'], 1):
            row = {c: '' for c in COLS}
            lag = int(rng.integers(0, 4))
            ts, key = stamp(s['date'] + dt.timedelta(days=lag), rng)
            row.update({'Timestamp': ts, 'Study ID': pid(p), 'Type of submission': 'Procedure',
                        'Patient full name': p['name'], 'Phone number (patient or relative)': p['phone'],
                        'Sex': 'Female' if p['sex'] == 'female' else 'Male', 'Age (years)': str(p['age']),
                        'Cause of the fracture': et, 'Date of procedure': mdy(s['date']),
                        'Is this the first procedure or a repeat?': 'First procedure' if si == 1 else 'Repeat procedure (new level)',
                        'Vertebral level(s) treated': ', '.join(v['level'] for v in s['vert']),
                        'Procedure performed': 'Vertebroplasty (PVP)' if s['tech'] == 'vertebroplasty' else 'Balloon kyphoplasty (BKP)',
                        'Cement used': 'PMMA' if s['cement'] == 'PMMA' else 'Calcium phosphate',
                        'Total cement volume injected, all levels (mL)': fmt_num(round(sum(v['vol'] for v in s['vert']), 2)),
                        })
            leaks = [v for v in s['vert'] if v['leak'] != 'none']
            if not leaks:
                row['Cement leakage seen on post-procedure imaging'] = 'None'
            else:
                kinds = sorted({x for v in leaks for x in v['leak'].split(';')}, key=LEAK_ORDER.index)
                row['Cement leakage seen on post-procedure imaging'] = ', '.join(leak_w[x] for x in kinds)
                if len(s['vert']) > 1:
                    if len(leaks) == 1:
                        row['If leakage, at which level(s)?'] = leaks[0]['level']
                    else:
                        row['If leakage, at which level(s)?'] = '; '.join(
                            v['level'] + ' ' + ' & '.join(leak_w[x].lower() for x in v['leak'].split(';')) for v in leaks)
            pre = s['visits'].get('pre')
            if pre:
                row['Pain score before the procedure (0-10)'] = fmt_num(pre['pain'])
                if 'odi' in pre:
                    row['Oswestry Disability Index before the procedure (%)'] = str(pre['odi'])
                if 'mob' in pre:
                    row['Mobility before the procedure'] = MOB[pre['mob']]
            if k == e_vol and si == 1:
                row['Total cement volume injected, all levels (mL)'] = '38'
                marks[id(row)] = ('Total cement volume injected, all levels (mL)', '38',
                                  '38 mL of cement in a single vertebra is impossible', pid(p))
            subs.append((key, row))
            if k == e_dup and si == 1:
                # same study ID typed again for a different person
                other = dict(row)
                other.update({'Patient full name': 'Kwesi Aidoo', 'Phone number (patient or relative)': '0208 114 5620',
                              'Sex': 'Male', 'Age (years)': '58', 'Cause of the fracture': 'Metastatic cancer',
                              'Vertebral level(s) treated': 'T7', 'Total cement volume injected, all levels (mL)': '3',
                              'Cement leakage seen on post-procedure imaging': 'None', 'If leakage, at which level(s)?': '',
                              'Pain score before the procedure (0-10)': '8', 'Mobility before the procedure': MOB[3],
                              'Oswestry Disability Index before the procedure (%)': '64'})
                d2 = s['date'] + dt.timedelta(days=19)
                other['Date of procedure'] = mdy(d2)
                ts2, key2 = stamp(d2, rng)
                other['Timestamp'] = ts2
                marks[id(other)] = ('Study ID', pid(p), 'same study ID used for a different patient (other name, sex, age)', pid(p))
                ids += [('name', 'Kwesi Aidoo'), ('phone', '0208 114 5620')]
                subs.append((key2, other))
            for tp, label in (('1w', '1 week'), ('1m', '1 month'), ('3m', '3 months')):
                rec = s['visits'].get(tp)
                if rec is None:
                    continue
                vd = p['d1'] + dt.timedelta(days=rec['day'])
                row = {c: '' for c in COLS}
                ts, key = stamp(vd + dt.timedelta(days=int(rng.integers(0, 3))), rng)
                row.update({'Timestamp': ts, 'Study ID': pid(p), 'Type of submission': 'Follow-up',
                            'Patient full name': p['name'], 'Date of this follow-up visit / contact': mdy(vd),
                            'Which follow-up visit is this?': label,
                            'This follow-up is after which procedure?': 'First procedure' if si == 1 else 'Repeat procedure',
                            'Pain score at this visit (0-10)': fmt_num(rec['pain']), 'Patient status': 'Alive'})
                if 'odi' in rec:
                    row['Oswestry Disability Index at this visit (%)'] = str(rec['odi'])
                if 'mob' in rec:
                    row['Mobility at this visit'] = MOB[rec['mob']]
                fr = [f for f in p['fractures'] if si == 1 and f['tp'] == tp]
                row['Any new vertebral fracture since the last visit?'] = 'Yes' if fr else 'No'
                if fr:
                    row['If yes, level(s) of the new fracture'] = ', '.join(f['level'] for f in fr)
                    row['Comments'] = 'New fracture seen on X-ray today'
                if k == e_pain and si == 1 and tp == '1m':
                    row['Pain score at this visit (0-10)'] = '15'
                    marks[id(row)] = ('Pain score at this visit (0-10)', '15', 'pain score above 10 on a 0-10 scale', pid(p))
                if k == e_fudate and si == 1 and tp == '1w':
                    bad = mdy(vd.replace(year=vd.year - 1))
                    row['Date of this follow-up visit / contact'] = bad
                    marks[id(row)] = ('Date of this follow-up visit / contact', bad,
                                      'follow-up visit dated before the date of procedure', pid(p))
                subs.append((key, row))
        if p['died'] == 'yes':
            dd = p['d1'] + dt.timedelta(days=p['death_day'])
            cd = dd + dt.timedelta(days=int(rng.integers(3, 25)))
            row = {c: '' for c in COLS}
            ts, key = stamp(cd, rng)
            row.update({'Timestamp': ts, 'Study ID': pid(p), 'Type of submission': 'Follow-up',
                        'Patient full name': p['name'], 'Date of this follow-up visit / contact': mdy(cd),
                        'Which follow-up visit is this?': 'Other (phone call)', 'Patient status': 'Deceased',
                        'If deceased, date of death': mdy(dd), 'Comments': 'Relative informed us by phone'})
            subs.append((key, row))
    subs.sort(key=lambda x: x[0])
    os.makedirs(outdir, exist_ok=True)
    errs = []
    with open(os.path.join(outdir, 'input.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh)
        w.writerow(COLS)
        for i, (_, row) in enumerate(subs):
            w.writerow([row[c] for c in COLS])
            if id(row) in marks:
                col, val, what, pp = marks[id(row)]
                r = i + 2
                errs.append(dict(sheet='input', cell='%s%d' % (col_letter(COLS.index(col) + 1), r), row=r,
                                 column_header=col, value=val, what_is_wrong=what, patient_id=pp))
    assert len(errs) == 4, errs
    P, R, A, F = truth_tables(pats, pid, cement_mode='session_total')
    seen = set()
    I = []
    for a, b in ids:
        if (a, b) not in seen:
            seen.add((a, b))
            I.append(dict(kind=a, value=b))
    write_truth(outdir, P, R, A, F, errs, I)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
