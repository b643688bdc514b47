"""Blind test workbook: Delhi (India), one row per procedure, one sheet per year.

Run:  python make.py OUTDIR
Writes OUTDIR/input.xlsx and OUTDIR/truth/*.csv deterministically.
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 91142
N_PATIENTS = 32

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
IDX = {l: i for i, l in enumerate(LEVELS)}
CAND = LEVELS[IDX['T5']:IDX['L5'] + 1]
CAND_W = np.array([1, 1, 1.5, 2, 2, 3, 6, 10, 10, 6, 4, 2, 1], float)
TP_DAYS = {'pre': 0, '24h': 1, '1m': 30}
EXPORT_DATE = dt.date(2022, 3, 31)

ETIOS = [  # key, diagnosis text, truth, weight, ages
    ('osteo', 'Osteoporotic wedge #', 'osteoporotic', 0.35, (55, 85)),
    ('osteo2', 'Osteoporotic collapse', 'osteoporotic', 0.2, (55, 85)),
    ('breast', 'Ca breast - spinal mets', 'pathologic', 0.08, (40, 75)),
    ('lung', 'Ca lung mets', 'pathologic', 0.05, (45, 75)),
    ('myeloma', 'Multiple myeloma', 'pathologic', 0.12, (45, 78)),
    ('trauma', 'Post traumatic # (fall from height)', 'traumatic', 0.12, (25, 65)),
    ('hem', 'Vertebral haemangioma', 'other', 0.08, (28, 65)),
]

F_FIRST = ['Kamla', 'Sunita', 'Savitri', 'Krishna', 'Santosh', 'Pushpa', 'Usha', 'Shanti',
           'Rekha', 'Meena', 'Geeta', 'Nirmala', 'Sushila', 'Raj', 'Shakuntala', 'Asha',
           'Veena', 'Parveen', 'Kusum', 'Bimla']
F_LAST = ['Devi', 'Sharma', 'Gupta', 'Kaur', 'Rani', 'Verma', 'Arora', 'Bansal', 'Begum',
          'Yadav', 'Malhotra', 'Chauhan']
M_FIRST = ['Ram', 'Om', 'Suresh', 'Rajesh', 'Mohan', 'Harish', 'Satish', 'Rakesh', 'Gurpreet',
           'Mohd.', 'Vinod', 'Ashok', 'Dinesh', 'Mahesh']
M_LAST = ['Prakash', 'Kumar', 'Singh', 'Sharma', 'Gupta', 'Lal', 'Chand', 'Yadav', 'Iqbal',
          'Jain', 'Aggarwal', 'Rawat']


def rdate(rng, start, end):
    return start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def pick_levels(rng, n):
    while True:
        s = int(rng.choice(len(CAND), p=CAND_W / CAND_W.sum()))
        if s + n <= len(CAND):
            return list(CAND[s:s + n])


def neighbour_level(rng, used):
    lo, hi = min(IDX[l] for l in used), max(IDX[l] for l in used)
    opts = [LEVELS[i] for i in (lo - 1, lo - 2, hi + 1, hi + 2)
            if IDX['T4'] <= i <= IDX['L5'] and LEVELS[i] not in used]
    return str(rng.choice(opts))


def in_level(lv):
    return ('D' + lv[1:]) if lv[0] == 'T' else lv


def make_session(rng, date, levels, technique):
    vols = [round(rng.uniform(2.5, 5.5) * 2) / 2 if technique == 'vertebroplasty'
            else round(rng.uniform(3.0, 6.5) * 2) / 2 for _ in levels]
    leak = []
    for _ in levels:
        if rng.random() < 0.8:
            leak.append([])
        else:
            leak.append([str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural'],
                                        p=[0.4, 0.3, 0.2, 0.1]))])
    return dict(date=date, levels=levels, technique=technique, total=sum(vols), leak=leak)


def generate(rng):
    pts = []
    for i in range(N_PATIENTS):
        k = int(rng.choice(len(ETIOS), p=[e[3] for e in ETIOS]))
        ekey, dx, etruth, _, (a0, a1) = ETIOS[k]
        female = rng.random() < (0.72 if ekey.startswith('osteo') else 0.45)
        if ekey == 'breast':
            female = True
        age = int(rng.integers(a0, a1 + 1))
        dob_shift = int(rng.integers(0, 365))
        d1 = rdate(rng, dt.date(2019, 1, 10), dt.date(2021, 10, 31))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        tech = 'kyphoplasty' if rng.random() < 0.2 else 'vertebroplasty'
        s1 = make_session(rng, d1, pick_levels(rng, nlev), tech)
        if female:
            nm = '%s %s' % (rng.choice(F_FIRST), rng.choice(F_LAST))
            if rng.random() < 0.4:
                nm = 'Smt. ' + nm
        else:
            nm = '%s %s' % (rng.choice(M_FIRST), rng.choice(M_LAST))
            if rng.random() < 0.3:
                nm = 'Sh. ' + nm
        dob = d1 - dt.timedelta(days=int(age * 365.25) + dob_shift)
        age = (d1.year - dob.year) - ((d1.month, d1.day) < (dob.month, dob.day))
        p = dict(sex='female' if female else 'male', age=age, dob=dob, dx=dx, etruth=etruth,
                 sessions=[s1], newfx=[], died=False, death=None, name=nm,
                 cr='%d/%02d' % (int(rng.integers(10000, 99999)), d1.year % 100),
                 phone=str(int(rng.choice([98, 99, 97, 96, 88, 70, 81]))) + '%08d' % int(rng.integers(0, 10 ** 8)))
        if rng.random() < (0.3 if etruth == 'pathologic' else 0.06):
            p['died'] = True
            p['death'] = d1 + dt.timedelta(days=int(rng.integers(35, 400)))
        used = list(s1['levels'])
        r = rng.random()
        if r < 0.2:
            lv = neighbour_level(rng, used)
            fx = d1 + dt.timedelta(days=int(rng.integers(30, 300)))
            d2 = fx + dt.timedelta(days=int(rng.integers(5, 30)))
            if (p['death'] is None or fx + dt.timedelta(days=45) < p['death']) and d2.year <= 2021:
                p['newfx'].append((fx, lv))
                p['sessions'].append(make_session(rng, d2, [lv], 'vertebroplasty'))
        elif r < 0.3:
            lv = neighbour_level(rng, used)
            fx = d1 + dt.timedelta(days=int(rng.integers(30, 300)))
            if (p['death'] is None or fx < p['death']) and fx < EXPORT_DATE:
                p['newfx'].append((fx, lv))
        for s in p['sessions']:
            pre = int(rng.integers(6, 11))
            post = int(max(0, pre - rng.integers(1, 6)))
            m1 = int(max(0, post - rng.integers(-1, 3)))
            rec = {}
            for tp, v in [('pre', pre), ('24h', post), ('1m', m1)]:
                due = s['date'] + dt.timedelta(days=TP_DAYS[tp])
                if p['death'] is not None and due >= p['death']:
                    rec[tp] = 'Expired'
                elif tp == '1m' and rng.random() < 0.2:
                    rec[tp] = str(rng.choice(['LFU', '-', 'NA']))
                elif tp == '24h' and rng.random() < 0.05:
                    rec[tp] = '-'
                else:
                    rec[tp] = v
            s['vas'] = rec
        pts.append(p)
    pts.sort(key=lambda p: p['sessions'][0]['date'])
    for i, p in enumerate(pts):
        p['pid'] = 'VP/%03d' % (i + 1)
    return pts


def age_at(p, d):
    dob = p['dob']
    return (d.year - dob.year) - ((d.month, d.day) < (dob.month, dob.day))


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng)
    rr = np.random.default_rng(SEED + 9)
    for p in pts:
        assert age_at(p, p['sessions'][0]['date']) == p['age']

    def fmt_date(d, style):
        return d.strftime('%d-%m-%Y') if style == 0 else d.strftime('%d/%m/%y')

    # rows = one per procedure session
    rows = []
    for p in pts:
        for si, s in enumerate(p['sessions'], 1):
            rows.append((s['date'], p, si, s))
    rows.sort(key=lambda x: x[0])

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style='thin')
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head = ['S.No.', 'Study No.', 'Patient Name', 'CR No.', 'Age/Sex', 'Mobile No.', 'Diagnosis',
            'DOP', 'Level(s)', 'Procedure', 'Cement (ml)', 'Cement', 'Leak', 'VAS Pre',
            'VAS Post (POD-1)', 'VAS 1 month', 'Follow up / Remarks', 'Expired (Y/N)']
    col = {h: j for j, h in enumerate(head, 1)}
    where = {}
    sheets = {}
    for year in (2019, 2020, 2021):
        ws = wb.create_sheet(str(year))
        sheets[year] = ws
        ws['A1'] = ('DEPARTMENT OF INTERVENTIONAL RADIOLOGY, SHRI GANGA RAM MEMORIAL INSTITUTE (invented), '
                    'NEW DELHI')
        ws['A2'] = 'PERCUTANEOUS VERTEBROPLASTY / KYPHOPLASTY REGISTER - %d' % year
        ws['A1'].font = Font(bold=True)
        ws['A2'].font = Font(bold=True, underline='single')
        ws.merge_cells('A1:R1')
        ws.merge_cells('A2:R2')
        for j, h in enumerate(head, 1):
            c = ws.cell(4, j, h)
            c.font = Font(bold=True)
            c.fill = PatternFill('solid', fgColor='FFF2CC')
            c.border = border
            c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
        for j, w in enumerate([6, 10, 22, 11, 8, 12, 28, 11, 10, 9, 9, 8, 18, 7, 8, 8, 42, 9], 1):
            ws.column_dimensions[get_column_letter(j)].width = w
        ws.freeze_panes = 'D5'
        yr_rows = [x for x in rows if x[0].year == year]
        r = 5
        for sn, (d, p, si, s) in enumerate(yr_rows, 1):
            def put(h, v):
                c = ws.cell(r, col[h], v)
                where[(p['pid'], si, h)] = (ws, r, col[h])
                return c
            put('S.No.', sn)
            put('Study No.', p['pid'])
            put('Patient Name', p['name'])
            put('CR No.', p['cr'])
            put('Age/Sex', '%d/%s' % (age_at(p, d), 'F' if p['sex'] == 'female' else 'M'))
            ph = p['phone']
            put('Mobile No.', ph if rr.random() < 0.8 else '+91-' + ph)
            put('Diagnosis', p['dx'] if si == 1 else p['dx'] + ' - new # ' + in_level(s['levels'][0]))
            u = rr.random()
            if u < 0.2:
                c = put('DOP', d)
                c.number_format = 'dd-mm-yyyy'
            else:
                put('DOP', fmt_date(d, 0 if u < 0.6 else 1))
            put('Level(s)', (' & ' if rr.random() < 0.3 else ', ').join(in_level(l) for l in s['levels']))
            put('Procedure', 'PVP' if s['technique'] == 'vertebroplasty' else 'BKP')
            tv = s['total']
            put('Cement (ml)', ('%g ml' % tv) if rr.random() < 0.4 else tv)
            put('Cement', 'PMMA')
            leaks = [(l, lk) for l, lk in zip(s['levels'], s['leak']) if lk]
            if not leaks:
                put('Leak', 'Nil')
            elif len(s['levels']) == 1:
                put('Leak', 'Y - ' + leaks[0][1][0])
            else:
                put('Leak', 'Y - ' + ', '.join('%s (%s)' % (lk[0], in_level(l)) for l, lk in leaks))
            put('VAS Pre', s['vas']['pre'])
            put('VAS Post (POD-1)', s['vas']['24h'])
            put('VAS 1 month', s['vas']['1m'])
            rem = []
            if si == 1:
                for fx, lv in p['newfx']:
                    if len(p['sessions']) > 1:
                        s2 = p['sessions'][1]
                        rem.append('New # %s on %s, re-admitted, PVP done %s' %
                                   (in_level(lv), fmt_date(fx, 1), fmt_date(s2['date'], 1)))
                    else:
                        rem.append('New # %s on %s - conservative mx' % (in_level(lv), fmt_date(fx, 1)))
            else:
                rem.append('Old case (%s sheet) - 2nd procedure' % p['sessions'][0]['date'].year)
            if p['died']:
                rem.append('Expired on %s' % fmt_date(p['death'], 0))
            if si == 1 and not rem and isinstance(s['vas']['1m'], str) and s['vas']['1m'] == 'LFU':
                rem.append('Lost to follow up')
            put('Follow up / Remarks', '; '.join(rem) if rem else None)
            put('Expired (Y/N)', 'Y' if p['died'] else 'N')
            for j in range(1, len(head) + 1):
                ws.cell(r, j).border = border
            r += 1
        ws.cell(r + 1, 1, 'VAS 0-10.  LFU = lost to follow up.  PVP = percutaneous vertebroplasty, '
                          'BKP = balloon kyphoplasty.  D = dorsal vertebra.').font = Font(italic=True, size=9)

    # ---- errors -----------------------------------------------------------------
    errors = []

    def plant(pid, si, h, value, why):
        ws, r, c = where[(pid, si, h)]
        ws.cell(r, c).value = value
        errors.append([ws.title, '%s%d' % (get_column_letter(c), r), r, h, str(value), why, pid])

    single = [p for p in pts if len(p['sessions']) == 1 and len(p['sessions'][0]['levels']) == 1]
    e1 = [p for p in single if p['sessions'][0]['levels'][0] in ('T11', 'T12')][0]
    plant(e1['pid'], 1, 'Level(s)', 'D13', 'impossible vertebral level (there is no D13 / T13)')
    e2 = [p for p in single if p['sessions'][0]['date'].year == 2020 and p['sessions'][0]['date'].month in (5, 6, 7)
          and p is not e1][0]
    plant(e2['pid'], 1, 'DOP', '31-06-2020', 'impossible date (31 June)')
    e3 = [p for p in pts if p not in (e1, e2) and isinstance(p['sessions'][0]['vas']['1m'], int)][20]
    plant(e3['pid'], 1, 'VAS 1 month', 15, 'pain score 15 on a 0-10 scale')
    e4 = [p for p in pts if p not in (e1, e2, e3)][5]
    plant(e4['pid'], 1, 'Age/Sex', '176/%s' % ('F' if e4['sex'] == 'female' else 'M'), 'impossible age (176 years)')
    e5 = [p for p in pts if p not in (e1, e2, e3, e4) and len(p['sessions'][0]['levels']) >= 2][3]
    plant(e5['pid'], 1, 'Cement (ml)', 'ok', 'text with no meaning in the cement volume column')

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))

    # ---- truth ------------------------------------------------------------------
    tdir = os.path.join(outdir, 'truth')
    os.makedirs(tdir, exist_ok=True)
    P, PR, A, F, I = [], [], [], [], []
    for p in pts:
        P.append([p['pid'], p['sex'], p['age'], p['etruth'], 'yes' if p['died'] else 'no'])
        d0 = p['sessions'][0]['date']
        for si, s in enumerate(p['sessions'], 1):
            multi = len(s['levels']) > 1
            for lv, lk in zip(s['levels'], s['leak']):
                PR.append([p['pid'], si, (s['date'] - d0).days, lv, s['technique'],
                           '' if multi else '%g' % s['total'], '%g' % s['total'] if multi else '',
                           'PMMA', ';'.join(lk) if lk else 'none'])
            for tp in ['pre', '24h', '1m']:
                v = s['vas'][tp]
                if isinstance(v, int):
                    A.append([p['pid'], si, 'pain_vas', tp, v])
        for d, lv in p['newfx']:
            F.append([p['pid'], (d - d0).days, lv])
        I += [['name', p['name']], ['record_number', p['cr']], ['phone', p['phone']],
              ['phone', '+91-' + p['phone']]]
    # keep only phone spellings that really appear
    shown = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=5):
            for c in row:
                if c.value is not None:
                    shown.add(str(c.value))
    I = [x for x in I if x[0] != 'phone' or x[1] in shown]
    seen = set()
    I = [x for x in I if not (tuple(x) in seen or seen.add(tuple(x)))]

    def w(name, header, rows_):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as fh:
            cw = csv.writer(fh)
            cw.writerow(header)
            cw.writerows(rows_)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    w('fractures.csv', ['patient_id', 'day', 'level'], F)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], I)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
