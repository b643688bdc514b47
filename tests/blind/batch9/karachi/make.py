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


# ---------------- Karachi rendering ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter

FIRST = ['Ayesha', 'Fatima', 'Zainab', 'Rukhsana', 'Shahnaz', 'Nasreen', 'Parveen', 'Khadija', 'Samina', 'Bushra',
         'Muhammad', 'Abdul', 'Ghulam', 'Tariq', 'Imran', 'Rashid', 'Nadia', 'Saima', 'Farzana', 'Kausar', 'Razia', 'Tahira']
LAST = ['Bibi', 'Khan', 'Siddiqui', 'Qureshi', 'Ahmed', 'Hussain', 'Baloch', 'Memon', 'Shaikh', 'Akhtar', 'Butt', 'Abbasi']
TPS = ['pre', '1w', '1m', '3m']


def main(out):
    rng = np.random.default_rng(9101)
    pts = gen_patients(rng, 22, TPS, techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.8, 0.2), p_missing=0.2)
    ids = []
    fem = [n for n in FIRST if n not in ('Muhammad', 'Abdul', 'Ghulam', 'Tariq', 'Imran', 'Rashid')]
    mal = ['Muhammad', 'Abdul', 'Ghulam', 'Tariq', 'Imran', 'Rashid']
    for p in pts:
        p['pid'] = 'KHI-VP-%03d' % (p['idx'] + 1)
        fn = str(rng.choice(fem if p['sex'] == 'female' else mal))
        ln = str(rng.choice(LAST))
        if p['sex'] == 'male' and fn in ('Muhammad', 'Abdul', 'Ghulam'):
            fn = fn + ' ' + str(rng.choice(['Aslam', 'Rasheed', 'Qadir', 'Hameed']))
        p['name'] = fn + ' ' + ln
        p['mr'] = '%02d-%06d' % (p['d0'].year % 100, int(rng.integers(10000, 999999)))
        p['phone'] = '03%02d-%07d' % (int(rng.integers(0, 50)), int(rng.integers(1000000, 9999999)))
        ids += [['name', p['name']], ['record_number', p['mr']], ['phone', p['phone']]]
    diag = {'osteoporotic': ['Osteoporotic collapse', 'Osteoporotic # (fall at home)', 'Osteoporotic wedge #'],
            'pathologic': ['Mets - Ca breast', 'Multiple myeloma', 'Mets - Ca prostate'],
            'traumatic': ['Traumatic - RTA', 'Traumatic - fall from roof'],
            'other': ['Haemangioma (aggressive)']}
    wb = Workbook()
    ws = wb.active
    ws.title = 'VP Register'
    ur = ['نمبر شمار', 'اسٹڈی آئی ڈی', 'مریض کا نام', 'ایم آر نمبر', 'رابطہ نمبر', 'عمر / جنس', 'تشخیص', 'تاریخ عمل',
          'سیشن', 'مہرہ', 'طریقہ کار', 'سیمنٹ کی مقدار', 'سیمنٹ کی قسم', 'سیمنٹ کا رساؤ',
          'درد کا اسکور (VAS 0-10)', 'نیا فریکچر', 'موجودہ حالت', 'ریمارکس']
    en = ['S.No', 'Study ID', 'Patient Name', 'MR No.', 'Contact No.', 'Age / Sex', 'Diagnosis', 'Date of Procedure',
          'Session', 'Level', 'Procedure', 'Cement (ml)', 'Cement type', 'Cement leak',
          'Pain VAS: Pre-op / 1 week / 1 month / 3 months', 'New fracture (level, date)', 'Status', 'Remarks']
    ws['A1'] = 'شعبہ انٹروینشنل ریڈیالوجی — ورٹیبروپلاسٹی / کائفوپلاسٹی رجسٹر'
    ws['A2'] = 'Department of Interventional Radiology, Karachi — Vertebroplasty / Kyphoplasty Register 2022-2023'
    ws.merge_cells('A1:R1'); ws.merge_cells('A2:R2')
    ws['A1'].font = Font(bold=True, size=14); ws['A1'].alignment = Alignment(horizontal='center')
    ws['A2'].alignment = Alignment(horizontal='center')
    for j, (u, e) in enumerate(zip(ur, en)):
        c = ws.cell(row=4, column=j + 1, value=u); c.font = Font(bold=True)
        c.alignment = Alignment(horizontal='center', wrap_text=True)
        c = ws.cell(row=5, column=j + 1, value=e); c.font = Font(bold=True)
        c.alignment = Alignment(horizontal='center', wrap_text=True)
        c.fill = PatternFill('solid', fgColor='D9E1F2')
    errors = []
    row = 6
    sno = 0
    err_pid = {2: 'level', 7: 'vol', 11: 'vas', 15: 'age', 19: 'date'}
    for p in pts:
        first_row = True
        kind = err_pid.get(p['idx'])
        for s in p['sessions']:
            vs = []
            for tp in TPS:
                vs.append(str(s['assess'][tp]['pain_vas']) if tp in s['assess'] else '—')
            vas_txt = ' / '.join(vs)
            for k, lev in enumerate(s['levels']):
                sno += 1
                ws.cell(row=row, column=1, value=sno)
                ws.cell(row=row, column=2, value=p['pid'])
                if first_row:
                    ws.cell(row=row, column=3, value=p['name'])
                    ws.cell(row=row, column=4, value=p['mr'])
                    ws.cell(row=row, column=5, value=p['phone'])
                    agesx = '%d/%s' % (p['age'], 'F' if p['sex'] == 'female' else 'M')
                    if kind == 'age':
                        agesx = '%d/%s' % (p['age'] + 140, 'F' if p['sex'] == 'female' else 'M')
                        errors.append(['VP Register', 'F%d' % row, row, en[5], agesx, 'age of %d years is impossible' % (p['age'] + 140), p['pid']])
                    ws.cell(row=row, column=6, value=agesx)
                    ws.cell(row=row, column=7, value=diag[p['etiology']][p['idx'] % len(diag[p['etiology']])])
                    st = 'Expired' if p['died'] == 'yes' else 'Alive, on follow-up'
                    ws.cell(row=row, column=17, value=st)
                    if p['fractures']:
                        fd, fl = p['fractures'][0]
                        ws.cell(row=row, column=16, value='%s (%s)' % (fl, (p['d0'] + timedelta(days=fd)).strftime('%d-%m-%Y')))
                    else:
                        ws.cell(row=row, column=16, value='نہیں / No')
                else:
                    ws.cell(row=row, column=3, value='〃')
                c = ws.cell(row=row, column=8)
                if kind == 'date' and s['session'] == 1 and k == 0:
                    bad = '31-02-%d' % s['date'].year
                    c.value = bad
                    errors.append(['VP Register', 'H%d' % row, row, en[7], bad, 'impossible date (31 February)', p['pid']])
                else:
                    c.value = s['date']; c.number_format = 'DD-MM-YYYY'
                ws.cell(row=row, column=9, value='1st' if s['session'] == 1 else '2nd (new level)')
                lv = lev
                if kind == 'level' and k == 0 and s['session'] == 1:
                    lv = 'L7'
                    errors.append(['VP Register', 'J%d' % row, row, en[9], lv, 'level L7 does not exist', p['pid']])
                ws.cell(row=row, column=10, value=lv)
                ws.cell(row=row, column=11, value='VP' if s['technique'] == 'vertebroplasty' else 'KP (balloon)')
                vol = '%s ml' % fmt_num(s['vols'][k])
                if kind == 'vol' and k == 0 and s['session'] == 1:
                    vol = '45 ml'
                    errors.append(['VP Register', 'L%d' % row, row, en[11], vol, '45 mL of cement in one vertebra is impossible', p['pid']])
                ws.cell(row=row, column=12, value=vol)
                ws.cell(row=row, column=13, value='PMMA')
                lk = s['leaks'][k]
                ws.cell(row=row, column=14, value='No' if lk == 'none' else 'Yes — %s' % lk)
                vt = vas_txt
                if kind == 'vas' and s['session'] == 1:
                    vt = '14' + vas_txt[vas_txt.index(' /'):]
                    errors.append(['VP Register', 'O%d' % row, row, en[14], vt, 'pre-op pain 14 on a 0-10 scale', p['pid']])
                ws.cell(row=row, column=15, value=vt)
                if s['session'] == 2 and k == 0:
                    ws.cell(row=row, column=18, value='Re-admitted with new collapse, treated')
                first_row = False
                row += 1
    ws.cell(row=row + 1, column=1, value='— = patient did not come for follow-up visit.   〃 = same as above')
    ws.cell(row=row + 2, column=1, value='Entered by: Dr. Resident (IR), checked by consultant')
    widths = [6, 13, 22, 12, 14, 9, 26, 13, 14, 7, 12, 11, 11, 14, 26, 20, 18, 30]
    for j, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = w
    ws.freeze_panes = 'C6'
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, ids, vol_mode='level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
