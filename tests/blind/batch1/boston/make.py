"""Blind test export: Boston (USA), registry/EHR CSV export in two files.

Run:  python make.py OUTDIR
Writes OUTDIR/input/vcf_registry_patients.csv, OUTDIR/input/vcf_registry_procedures.csv
and OUTDIR/truth/*.csv deterministically.
"""
import csv
import datetime as dt
import os
import sys

import numpy as np

SEED = 7310222
N_PATIENTS = 36

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
IDX = {l: i for i, l in enumerate(LEVELS)}
CAND = LEVELS[IDX['T5']:IDX['L5'] + 1]
CAND_W = np.array([1, 1, 1.5, 2, 2, 3, 6, 10, 10, 6, 4, 2, 1], float)
TP_DAYS = {'pre': 0, '2w': 14, '3m': 91, '12m': 365}
EXPORT_DATE = dt.date(2023, 2, 27)

# key -> (primary dx text, truth, weight, age range)
ETIOS = [
    ('osteo', 'Osteoporotic compression fracture', 'osteoporotic', 0.62, (58, 93)),
    ('breast', 'Pathologic fracture - metastatic breast ca', 'pathologic', 0.08, (42, 82)),
    ('lung', 'Pathologic fracture - metastatic NSCLC', 'pathologic', 0.06, (50, 82)),
    ('myeloma', 'Pathologic fracture - multiple myeloma', 'pathologic', 0.10, (50, 85)),
    ('trauma', 'Traumatic fracture (fall)', 'traumatic', 0.08, (30, 80)),
    ('steroid', 'Steroid-induced osteoporosis', 'osteoporotic', 0.06, (45, 85)),
]
LEAK_US = {'disc': 'Disc', 'venous': 'Venous', 'epidural': 'Epidural',
           'foraminal': 'Foraminal', 'paravertebral': 'Paravertebral soft tissue'}
CEMENT_TRUTH = {'Kyphon HV-R': 'PMMA', 'Kyphon Xpede': 'PMMA', 'VertaPlex HV': 'PMMA',
                'Cortoss': 'Cortoss'}

FIRST_F = ['Mary', 'Patricia', 'Linda', 'Barbara', 'Elizabeth', 'Dorothy', 'Margaret',
           'Joan', 'Helen', 'Carol', 'Ruth', 'Shirley', 'Judith', 'Maureen', 'Eileen',
           'Ann', 'Frances', 'Rosemary', 'Kathleen', 'Gloria']
FIRST_M = ['John', 'Robert', 'William', 'Richard', 'Joseph', 'Thomas', 'Charles',
           'Francis', 'Edward', 'George', 'Paul', 'Daniel', 'Walter', 'Kevin']
LAST = ['Sullivan', 'Murphy', 'OBrien', 'Kelly', 'Walsh', 'McCarthy', 'Ryan', 'Smith',
        'Johnson', 'Brown', 'Silva', 'Medeiros', 'Costa', 'Nguyen', 'Cohen', 'Levine',
        'Rossi', 'Russo', 'DiMarco', 'Fitzgerald', 'Doherty', 'Chen', 'Washington',
        'Jackson', 'Harris', 'Flynn', 'Quinn', 'Lynch', 'Callahan', 'Santos', 'Pereira',
        'Goldberg', 'Kaplan', 'Martin', 'Greene', 'Hughes', 'Coleman', 'Burke', 'Nolan']


def rdate(rng, start, end):
    return start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def pick_levels(rng, n):
    while True:
        s = int(rng.choice(len(CAND), p=CAND_W / CAND_W.sum()))
        if s + n <= len(CAND):
            return list(CAND[s:s + n])


def neighbour_level(rng, used):
    lo, hi = min(IDX[l] for l in used), max(IDX[l] for l in used)
    opts = [LEVELS[i] for i in (lo - 1, lo - 2, hi + 1, hi + 2, hi + 3)
            if IDX['T4'] <= i <= IDX['L5'] and LEVELS[i] not in used]
    return str(rng.choice(opts))


def make_session(rng, date, levels, technique):
    vols = []
    for _ in levels:
        v = rng.uniform(2.0, 5.0) if technique == 'vertebroplasty' else rng.uniform(3.0, 7.5)
        vols.append(round(v, 1))
    if technique == 'kyphoplasty':
        cement = str(rng.choice(['Kyphon HV-R', 'Kyphon Xpede'], p=[0.7, 0.3]))
    else:
        cement = str(rng.choice(['VertaPlex HV', 'Cortoss'], p=[0.75, 0.25]))
    leak = []
    for _ in levels:
        u = rng.random()
        if u < 0.05:
            leak.append(None)  # not documented
        elif u < 0.80:
            leak.append([])
        elif u < 0.96:
            leak.append([str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                        p=[0.35, 0.35, 0.15, 0.1, 0.05]))])
        else:
            leak.append(['disc', 'venous'])
    return dict(date=date, levels=levels, technique=technique, vols=vols, cement=cement, leak=leak)


def generate(rng):
    pts = []
    mrns = rng.choice(np.arange(1000000, 9999999), size=N_PATIENTS, replace=False)
    for i in range(N_PATIENTS):
        pid = 'BBS-%04d' % (1001 + i)
        k = int(rng.choice(len(ETIOS), p=[e[3] for e in ETIOS]))
        ekey, dx, etruth, _, (a0, a1) = ETIOS[k]
        female = rng.random() < (0.75 if ekey in ('osteo', 'steroid') else 0.5)
        if ekey == 'breast':
            female = True
        age = int(rng.integers(a0, a1 + 1))
        d1 = rdate(rng, dt.date(2018, 3, 1), dt.date(2021, 11, 30))
        dob = d1 - dt.timedelta(days=int(age * 365.25 + rng.integers(1, 360)))
        age = (d1.year - dob.year) - ((d1.month, d1.day) < (dob.month, dob.day))
        nlev = int(rng.choice([1, 2, 3], p=[0.55, 0.33, 0.12]))
        tech = 'kyphoplasty' if rng.random() < 0.7 else 'vertebroplasty'
        s1 = make_session(rng, d1, pick_levels(rng, nlev), tech)
        p = dict(pid=pid, mrn='%08d' % int(mrns[i]), sex='female' if female else 'male', age=age,
                 dob=dob, dx=dx, etruth=etruth, sessions=[s1], newfx=[], died=False, death=None,
                 last=str(rng.choice(LAST)), first=str(rng.choice(FIRST_F if female else FIRST_M)))
        if rng.random() < (0.40 if etruth == 'pathologic' else 0.10):
            p['died'] = True
            p['death'] = d1 + dt.timedelta(days=int(rng.integers(40, 600)))
        used = list(s1['levels'])
        r = rng.random()
        if r < 0.17:
            lv = neighbour_level(rng, used)
            fx = d1 + dt.timedelta(days=int(rng.integers(20, 260)))
            if (p['death'] is None or fx + dt.timedelta(days=40) < p['death']) and fx < EXPORT_DATE - dt.timedelta(days=60):
                p['newfx'].append((fx, lv))
                p['sessions'].append(make_session(rng, fx + dt.timedelta(days=int(rng.integers(3, 25))), [lv],
                                                  str(rng.choice(['kyphoplasty', 'vertebroplasty']))))
                used.append(lv)
        elif r < 0.29:
            for _ in range(1 + int(rng.random() < 0.3)):
                lv = neighbour_level(rng, used)
                fx = d1 + dt.timedelta(days=int(rng.integers(30, 420)))
                if (p['death'] is None or fx < p['death']) and fx < EXPORT_DATE:
                    p['newfx'].append((fx, lv))
                    used.append(lv)
            p['newfx'].sort()
        # outcomes
        for s in p['sessions']:
            pre = int(rng.integers(5, 11))
            vals = {'pre': pre}
            cur = pre
            for tp, drop in [('2w', rng.integers(2, 6)), ('3m', rng.integers(0, 3)),
                             ('12m', rng.integers(-1, 2))]:
                cur = int(min(10, max(0, cur - int(drop))))
                vals[tp] = cur
            rec = {}
            for tp, v in vals.items():
                due = s['date'] + dt.timedelta(days=TP_DAYS[tp])
                if (p['death'] is not None and due >= p['death']) or due > EXPORT_DATE:
                    rec[tp] = 'N/A'
                elif tp != 'pre' and rng.random() < 0.15:
                    rec[tp] = 'Unknown'
                elif tp == 'pre' and rng.random() < 0.03:
                    rec[tp] = 'Unknown'
                else:
                    rec[tp] = v
            s['vas'] = rec
        pts.append(p)
    # one patient with undocumented etiology
    pts[13]['dx'] = 'Unknown'
    pts[13]['etruth'] = ''
    return pts


def us(d):
    return d.strftime('%m/%d/%Y')


def cpt(technique, level, first):
    thor = level[0] in 'CT'
    if technique == 'kyphoplasty':
        return ('22513' if thor else '22514') if first else '22515'
    return ('22510' if thor else '22511') if first else '22512'


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng)
    rr = np.random.default_rng(SEED + 5)

    # ---- patients file ---------------------------------------------------------
    ph = ['Study ID', 'MRN', 'Last Name', 'First Name', 'DOB', 'Sex', 'Age at Index Procedure',
          'Primary Dx', 'Subsequent VCF (Y/N)', 'Subsequent VCF Level(s)', 'Subsequent VCF Date(s)',
          'Deceased', 'Date of Death', 'Last Contact']
    prow = []
    for p in pts:
        last_contact = min(EXPORT_DATE, p['death'] or EXPORT_DATE) if p['died'] else \
            p['sessions'][-1]['date'] + dt.timedelta(days=int(rr.integers(380, 800)))
        last_contact = min(last_contact, EXPORT_DATE)
        prow.append({
            'Study ID': p['pid'], 'MRN': p['mrn'], 'Last Name': p['last'].replace('OBrien', "O'Brien"),
            'First Name': p['first'], 'DOB': us(p['dob']), 'Sex': 'F' if p['sex'] == 'female' else 'M',
            'Age at Index Procedure': str(p['age']), 'Primary Dx': p['dx'],
            'Subsequent VCF (Y/N)': 'Yes' if p['newfx'] else 'No',
            'Subsequent VCF Level(s)': '; '.join(lv for _, lv in p['newfx']) if p['newfx'] else 'N/A',
            'Subsequent VCF Date(s)': '; '.join(us(d) for d, _ in p['newfx']) if p['newfx'] else 'N/A',
            'Deceased': 'Yes' if p['died'] else 'No',
            'Date of Death': us(p['death']) if p['died'] else 'N/A',
            'Last Contact': us(p['death']) if p['died'] else us(last_contact),
        })
    # ---- procedures file (one row per vertebra, sorted by date like the EHR) -------
    qh = ['Study ID', 'MRN', 'Procedure Date', 'CPT', 'Procedure', 'Level', 'Cement Product',
          'Cement Volume (mL)', 'Cement Extravasation', 'VAS Baseline', 'VAS 2 weeks',
          'VAS 3 months', 'VAS 1 year']
    qrow = []
    for p in pts:
        for si, s in enumerate(p['sessions'], 1):
            for j, (lv, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leak'])):
                leak_txt = 'Unknown' if lk is None else ('None' if not lk else ', '.join(LEAK_US[x] for x in lk))
                qrow.append(dict(_pid=p['pid'], _si=si, _lv=lv, _date=s['date'], _j=j, **{
                    'Study ID': p['pid'], 'MRN': p['mrn'], 'Procedure Date': us(s['date']),
                    'CPT': cpt(s['technique'], lv, j == 0),
                    'Procedure': 'Balloon kyphoplasty' if s['technique'] == 'kyphoplasty'
                    else 'Percutaneous vertebroplasty',
                    'Level': lv, 'Cement Product': s['cement'], 'Cement Volume (mL)': '%.1f' % v,
                    'Cement Extravasation': leak_txt,
                    'VAS Baseline': str(s['vas']['pre']), 'VAS 2 weeks': str(s['vas']['2w']),
                    'VAS 3 months': str(s['vas']['3m']), 'VAS 1 year': str(s['vas']['12m'])}))
    qrow.sort(key=lambda r: (r['_date'], r['_pid'], r['_j']))

    # ---- plant errors -------------------------------------------------------------
    errors = []
    byid = {p['pid']: p for p in pts}

    def col_letter(i):
        s = ''
        i += 1
        while i:
            i, m = divmod(i - 1, 26)
            s = chr(65 + m) + s
        return s

    def plant(fname, rows, header, ri, field, value, why, pid):
        rows[ri][field] = value
        c = header.index(field)
        errors.append([fname, '%s%d' % (col_letter(c), ri + 2), ri + 2, field, value, why, pid])

    used = set()
    # 1. age 210 in patients file
    i = 4
    plant('vcf_registry_patients', prow, ph, i, 'Age at Index Procedure', '210',
          'impossible age (210 years)', pts[i]['pid'])
    used.add(pts[i]['pid'])
    single = [k for k, r in enumerate(qrow) if len(byid[r['_pid']]['sessions'][r['_si'] - 1]['levels']) == 1
              and r['_pid'] not in used and len(byid[r['_pid']]['sessions']) == 1]
    multi = [k for k, r in enumerate(qrow) if len(byid[r['_pid']]['sessions'][r['_si'] - 1]['levels']) >= 2
             and r['_j'] == 1 and r['_pid'] not in used]
    # 2. level T13
    k = single[3]
    assert qrow[k]['Level'] == 'T12' or True
    plant('vcf_registry_procedures', qrow, qh, k, 'Level', 'T13', 'impossible vertebral level (there is no T13)',
          qrow[k]['_pid'])
    used.add(qrow[k]['_pid'])
    # 3. cement 40 mL in one vertebra of a multi-level session
    k = [x for x in multi if qrow[x]['_pid'] not in used][4]
    plant('vcf_registry_procedures', qrow, qh, k, 'Cement Volume (mL)', '40.0',
          'implausible cement volume for one vertebra (40 mL)', qrow[k]['_pid'])
    used.add(qrow[k]['_pid'])
    # 4. VAS 12 on a 0-10 scale
    k = [x for x in single if qrow[x]['_pid'] not in used and qrow[x]['VAS 3 months'].isdigit()][7]
    plant('vcf_registry_procedures', qrow, qh, k, 'VAS 3 months', '12', 'pain score 12 on a 0-10 scale',
          qrow[k]['_pid'])
    used.add(qrow[k]['_pid'])
    # 5. impossible date
    k = [x for x in single if qrow[x]['_pid'] not in used and qrow[x]['_date'].month in (1, 2, 3)][-1]
    d = qrow[k]['_date']
    plant('vcf_registry_procedures', qrow, qh, k, 'Procedure Date', '02/30/%d' % d.year,
          'impossible date (February 30)', qrow[k]['_pid'])

    # ---- write input -------------------------------------------------------------
    idir = os.path.join(outdir, 'input')
    os.makedirs(idir, exist_ok=True)
    for fname, header, rows in [('vcf_registry_patients', ph, prow), ('vcf_registry_procedures', qh, qrow)]:
        with open(os.path.join(idir, fname + '.csv'), 'w', newline='', encoding='utf-8-sig') as fh:
            cw = csv.writer(fh, lineterminator='\r\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow([r[h] for h in header])

    # ---- truth -------------------------------------------------------------------
    tdir = os.path.join(outdir, 'truth')
    os.makedirs(tdir, exist_ok=True)
    P, PR, A, F, I = [], [], [], [], []
    for p in pts:
        P.append([p['pid'], p['sex'], p['age'], p['etruth'], 'yes' if p['died'] else 'no'])
        d0 = p['sessions'][0]['date']
        for si, s in enumerate(p['sessions'], 1):
            for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
                PR.append([p['pid'], si, (s['date'] - d0).days, lv, s['technique'], '%g' % v, '',
                           CEMENT_TRUTH[s['cement']], '' if lk is None else (';'.join(lk) if lk else 'none')])
            for tp in ['pre', '2w', '3m', '12m']:
                v = s['vas'][tp]
                if isinstance(v, int):
                    A.append([p['pid'], si, 'pain_vas', tp, v])
        for d, lv in p['newfx']:
            F.append([p['pid'], (d - d0).days, lv])
        I += [['record_number', p['mrn']], ['name', p['last'].replace('OBrien', "O'Brien")],
              ['name', p['first']], ['birth_date', us(p['dob'])]]
    seen = set()
    I = [x for x in I if not (tuple(x) in seen or seen.add(tuple(x)))]

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as fh:
            cw = csv.writer(fh)
            cw.writerow(header)
            cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    w('fractures.csv', ['patient_id', 'day', 'level'], F)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], I)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
