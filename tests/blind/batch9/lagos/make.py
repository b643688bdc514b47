import os, sys, csv
from datetime import date, datetime, timedelta
import numpy as np

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def gen_patients(rng, n, tps, odi=False, techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.6, 0.4),
                 cements=('PMMA',), cement_p=None, start=date(2022, 1, 10), p_sess2=0.2, p_frac=0.15,
                 p_missing=0.15, p_leak=0.2):
    pts = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        etiology = 'osteoporotic' if r < 0.7 else ('pathologic' if r < 0.88 else ('traumatic' if r < 0.96 else 'other'))
        age = int(rng.integers(48, 90)) if etiology != 'traumatic' else int(rng.integers(35, 70))
        died = 'yes' if rng.random() < 0.12 else 'no'
        d0 = start + timedelta(days=int(rng.integers(0, 540)))
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        base = int(rng.integers(LEVELS.index('T7'), LEVELS.index('L4') + 1))
        base = min(base, LEVELS.index('L5') - nlev + 1)
        levs = [LEVELS[base + k] for k in range(nlev)]
        tech = str(rng.choice(techs, p=tech_p))
        sessions = []
        used = set(levs)

        def mk_session(sno, day, levs, tech):
            vols = []
            for _ in levs:
                v = rng.uniform(2.0, 5.5) if tech == 'vertebroplasty' else rng.uniform(3.0, 7.0)
                vols.append(round(v * 2) / 2)
            cem = str(rng.choice(cements, p=cement_p))
            leaks = []
            for _ in levs:
                leaks.append(str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], p=[.35, .3, .2, .1, .05])) if rng.random() < p_leak else 'none')
            # assessments
            pre = int(rng.integers(6, 11))
            a = {}
            cur = pre
            odi0 = int(rng.integers(20, 40)) * 2
            curo = odi0
            for j, tp in enumerate(tps):
                if tp == 'pre':
                    a[tp] = {'pain_vas': pre}
                    if odi:
                        a[tp]['odi'] = odi0
                    continue
                cur = max(0, cur - int(rng.integers(0, 4)))
                curo = max(0, curo - int(rng.integers(0, 9)) * 2)
                if rng.random() < p_missing:
                    continue
                a[tp] = {'pain_vas': cur}
                if odi:
                    a[tp]['odi'] = curo
            return dict(session=sno, day=day, date=d0 + timedelta(days=day), levels=list(levs), vols=vols,
                        technique=tech, cement=cem, leaks=leaks, assess=a)

        sessions.append(mk_session(1, 0, levs, tech))
        fractures = []
        if rng.random() < p_sess2:
            cand = [l for l in LEVELS[LEVELS.index('T5'):LEVELS.index('L5') + 1] if l not in used and
                    abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3]
            l2 = str(rng.choice(cand))
            day2 = int(rng.integers(35, 150))
            fractures.append((day2 - int(rng.integers(5, 20)), l2))
            sessions.append(mk_session(2, day2, [l2], tech))
            used.add(l2)
        elif rng.random() < p_frac:
            cand = [l for l in LEVELS[LEVELS.index('T5'):LEVELS.index('L5') + 1] if l not in used and
                    abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3]
            fractures.append((int(rng.integers(20, 200)), str(rng.choice(cand))))
        pts.append(dict(idx=i, sex=sex, age=age, etiology=etiology, died=died, d0=d0, sessions=sessions,
                        fractures=fractures))
    return pts


def wcsv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def fmt_num(v):
    if v is None or v == '':
        return ''
    if float(v) == int(v):
        return str(int(v))
    return str(v)


def write_truth(out, pts, errors, identifiers, vol_mode='level', rec_sex=True, rec_age=True, rec_etiology=True,
                rec_died=True, rec_leak=True, rec_cement=True, rec_tech=True, measures=('pain_vas',), age_key='age'):
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    wcsv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if rec_sex else '', p[age_key] if rec_age else '', p['etiology'] if rec_etiology else '',
           p['died'] if rec_died else ''] for p in pts])
    pr, asr, fr = [], [], []
    for p in pts:
        for s in p['sessions']:
            tot = sum(s['vols'])
            for k, l in enumerate(s['levels']):
                pr.append([p['pid'], s['session'], s['day'], l, s['technique'] if rec_tech else '',
                           fmt_num(s['vols'][k]) if vol_mode == 'level' else '',
                           fmt_num(tot) if vol_mode == 'session' else '',
                           s['cement'] if rec_cement else '', s['leaks'][k] if rec_leak else ''])
            for tp, d in s['assess'].items():
                for m in measures:
                    if m in d:
                        asr.append([p['pid'], s['session'], m, tp, fmt_num(d[m])])
        for day, l in p['fractures']:
            fr.append([p['pid'], day, l])
    wcsv(os.path.join(t, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                             'session_cement_volume_ml', 'cement_type', 'leakage'], pr)
    wcsv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], asr)
    wcsv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'], fr)
    wcsv(os.path.join(t, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


# ---------------- Lagos rendering ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter

SUR = ['Adeyemi', 'Okafor', 'Balogun', 'Olawale', 'Eze', 'Nwosu', 'Adebayo', 'Ibrahim', 'Okonkwo', 'Ogunleye', 'Bello',
       'Akinola', 'Chukwu', 'Oyelaran', 'Danjuma', 'Afolabi', 'Obi', 'Salami']
FN_F = ['Folasade', 'Ngozi', 'Adaeze', 'Bukola', 'Funmilayo', 'Chioma', 'Aisha', 'Yetunde', 'Ifeoma', 'Kemi', 'Hauwa', 'Titilayo']
FN_M = ['Emeka', 'Babatunde', 'Olusegun', 'Chinedu', 'Musa', 'Adewale', 'Ikechukwu']
TPS = ['pre', '2w', '6w', '3m']


def serial(d):
    return str((d - date(1899, 12, 30)).days)


def main(out):
    rng = np.random.default_rng(9404)
    pts = gen_patients(rng, 23, TPS, techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.75, 0.25), start=date(2022, 2, 1),
                       p_missing=0.2, p_leak=0.15)
    # theatre nurses often fill the same volume in each level of a multi-level case
    for p in pts:
        for s in p['sessions']:
            if len(s['levels']) > 1 and rng.random() < 0.6:
                s['vols'] = [s['vols'][0]] * len(s['levels'])
    ids = []
    for p in pts:
        p['pid'] = 'LVP/%03d' % (p['idx'] + 1)
        p['byear'] = p['d0'].year - p['age']
        p['sur'] = str(rng.choice(SUR))
        p['fn'] = str(rng.choice(FN_F if p['sex'] == 'female' else FN_M))
        p['hosp'] = 'H%06d' % int(rng.integers(100000, 999999))
        p['phone'] = '080%d %s %s' % (int(rng.choice([3, 5, 6, 7])), int(rng.integers(100, 999)), int(rng.integers(1000, 9999)))
        ids += [['name', '%s %s' % (p['sur'], p['fn'])], ['record_number', p['hosp']], ['phone', p['phone']]]
    wb = Workbook()
    ws = wb.active
    ws.title = 'VP log'
    ws['A1'] = 'DEPARTMENT OF RADIOLOGY / ORTHOPAEDICS — PERCUTANEOUS VERTEBRAL AUGMENTATION LOG'
    ws['A2'] = 'Pain = NRS 0-10.  DNA = did not attend.  Date column = as exported from theatre system.'
    ws['A1'].font = Font(bold=True, size=13)
    heads = ['S/N', 'Study No.', 'Hosp. No.', 'Surname', 'Other names', 'Sex', 'Year of birth', 'Phone', 'Indication',
             'Date of procedure', 'Operative note', 'Pre-op NRS', 'NRS 2/52', 'NRS 6/52', 'NRS 3/12', 'New fracture',
             'Outcome', 'Remarks']
    HR = 4
    for j, h in enumerate(heads):
        c = ws.cell(row=HR, column=j + 1, value=h); c.font = Font(bold=True)
        c.fill = PatternFill('solid', fgColor='C6E0B4'); c.alignment = Alignment(wrap_text=True, horizontal='center')
    ind = {'osteoporotic': ['Osteoporotic VCF', 'Osteoporotic collapse'], 'pathologic': ['Metastatic deposit (Ca prostate)', 'Multiple myeloma'],
           'traumatic': ['Traumatic # (RTA)'], 'other': ['Vertebral haemangioma']}
    err = {3: 'level', 6: 'vol', 10: 'nrs', 13: 'byear', 17: 'date'}
    errors = []
    row = HR + 1
    sn = 0
    lk_txt = {'disc': 'into disc space', 'venous': 'into segmental veins (venous)', 'paravertebral': 'paravertebral soft tissue',
              'epidural': 'epidural, asymptomatic', 'foraminal': 'foraminal, asymptomatic'}
    for p in pts:
        kind = err.get(p['idx'])
        for s in p['sessions']:
            sn += 1
            ws.cell(row=row, column=1, value=sn)
            ws.cell(row=row, column=2, value=p['pid'])
            ws.cell(row=row, column=3, value=p['hosp'])
            ws.cell(row=row, column=4, value=p['sur'].upper())
            ws.cell(row=row, column=5, value=p['fn'])
            ws.cell(row=row, column=6, value='F' if p['sex'] == 'female' else 'M')
            by = p['byear']
            if kind == 'byear' and s['session'] == 1:
                by = 1823
                errors.append(['VP log', 'G%d' % row, row, 'Year of birth', '1823', 'birth year 1823 (age about 200) is impossible', p['pid']])
            ws.cell(row=row, column=7, value=by)
            ws.cell(row=row, column=8, value=p['phone'])
            ws.cell(row=row, column=9, value=ind[p['etiology']][p['idx'] % len(ind[p['etiology']])])
            sd = serial(s['date'])
            if kind == 'date' and s['session'] == 1:
                sd = '88921'
                errors.append(['VP log', 'J%d' % row, row, 'Date of procedure', sd, 'date serial 88921 is the year 2143', p['pid']])
            c = ws.cell(row=row, column=10, value=sd); c.data_type = 's'; c.number_format = '@'
            # operative note
            levs = list(s['levels'])
            vols = [fmt_num(v) for v in s['vols']]
            if kind == 'level' and s['session'] == 1:
                levs[0] = 'L7'
            if kind == 'vol' and s['session'] == 1:
                vols[0] = '45'
            tech = 'Transpedicular vertebroplasty' if s['technique'] == 'vertebroplasty' else 'Balloon kyphoplasty'
            anaes = str(rng.choice(['under LA + sedation', 'under GA', 'under LA']))
            if len(levs) > 1 and len(set(vols)) == 1:
                lv = '%s, %s ml each' % (' & '.join(levs), vols[0])
            else:
                lv = ', '.join('%s %s ml' % (l, v) for l, v in zip(levs, vols))
            leaks = [(l, k) for l, k in zip(levs, s['leaks']) if k != 'none']
            lt = 'No cement leak.' if not leaks else ' '.join('Minor leak at %s %s.' % (l, lk_txt[k]) for l, k in leaks)
            note = '%s %s. %s, PMMA. %s' % (tech, anaes, lv, lt)
            if kind == 'level' and s['session'] == 1:
                errors.append(['VP log', 'K%d' % row, row, 'Operative note', note, 'level L7 does not exist', p['pid']])
            if kind == 'vol' and s['session'] == 1:
                errors.append(['VP log', 'K%d' % row, row, 'Operative note', note, '45 ml of cement in one vertebra is impossible', p['pid']])
            ws.cell(row=row, column=11, value=note).alignment = Alignment(wrap_text=True)
            for j, tp in enumerate(TPS):
                a = s['assess'].get(tp)
                v = a['pain_vas'] if a else 'DNA'
                if kind == 'nrs' and tp == 'pre' and s['session'] == 1:
                    v = 14
                    errors.append(['VP log', '%s%d' % (get_column_letter(12 + j), row), row, heads[11 + j], '14', 'pain 14 on a 0-10 scale', p['pid']])
                ws.cell(row=row, column=12 + j, value=v)
            if s['session'] == 1:
                if p['fractures']:
                    fd, fl = p['fractures'][0]
                    ws.cell(row=row, column=16, value='%s, %s' % (fl, (p['d0'] + timedelta(days=fd)).strftime('%d/%m/%Y')))
                else:
                    ws.cell(row=row, column=16, value='Nil')
                ws.cell(row=row, column=17, value='Died' if p['died'] == 'yes' else 'Alive')
            else:
                ws.cell(row=row, column=18, value='Repeat procedure for new fracture')
            row += 1
    for j, w in enumerate([5, 10, 10, 13, 12, 5, 8, 15, 24, 11, 60, 8, 8, 8, 8, 16, 8, 28]):
        ws.column_dimensions[get_column_letter(j + 1)].width = w
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, ids, vol_mode='level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
