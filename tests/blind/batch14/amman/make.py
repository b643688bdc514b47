import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90, '6m': 180, '12m': 365, '24m': 730}
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def gen(seed, n, tps, start=dt.date(2022, 1, 10), p_second=0.15, p_frac=0.15, p_died=0.1,
        techs=('vertebroplasty', 'kyphoplasty'), cements=('PMMA',), vas_dec=False, odi=False, mob=False,
        p_miss=0.15):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['i'] = i
        p['sex'] = 'female' if rng.random() < 0.72 else 'male'
        p['age'] = int(rng.integers(58, 92))
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.72 else ('pathologic' if r < 0.88 else 'traumatic')
        if p['etiology'] == 'traumatic':
            p['age'] = int(rng.integers(38, 70))
        d0 = start + dt.timedelta(days=int(rng.integers(0, 520)))
        nlev = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        k = int(rng.integers(8, 17 - nlev + 1))  # T9..L5
        levs = LEVELS[k:k + nlev]
        tech = str(rng.choice(list(techs)))
        cem = str(rng.choice(list(cements)))
        def vol():
            return float(np.round(rng.uniform(2.0, 6.5) * 2) / 2)
        def leak():
            if rng.random() < 0.78:
                return 'none'
            m = 1 if rng.random() < 0.8 else 2
            s = sorted(rng.choice(LEAKS, size=m, replace=False).tolist(), key=LEAKS.index)
            return ';'.join(s)
        sess = [dict(date=d0, day=0, levels=levs, vols=[vol() for _ in levs], leaks=[leak() for _ in levs],
                     tech=tech, cement=cem)]
        p['fractures'] = []
        if rng.random() < p_second:
            used = set(levs)
            cand = [l for l in LEVELS[7:] if l not in used and abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3
                    or (l not in used and abs(LEVELS.index(l) - LEVELS.index(levs[-1])) <= 3)]
            l2 = str(rng.choice(cand))
            fday = int(rng.integers(20, 110))
            d2 = fday + int(rng.integers(3, 15))
            p['fractures'].append((fday, l2))
            sess.append(dict(date=d0 + dt.timedelta(days=d2), day=d2, levels=[l2], vols=[vol()], leaks=[leak()],
                             tech=tech, cement=cem))
        elif rng.random() < p_frac:
            used = set(levs)
            cand = [l for l in LEVELS[6:] if l not in used]
            p['fractures'].append((int(rng.integers(30, 200)), str(rng.choice(cand))))
        p['sessions'] = sess
        p['died'] = 'yes' if rng.random() < p_died else 'no'
        p['death_day'] = int(rng.integers(60, 300)) if p['died'] == 'yes' else None
        # assessments: session 1 only, timepoints relative to session 1
        a = {}
        base = float(rng.integers(6, 11)) if not vas_dec else float(np.round(rng.uniform(6, 10), 1))
        visits = {}
        for t in tps:
            off = TP_DAYS[t]
            if t not in ('pre', '24h', '1w'):
                off += int(rng.integers(-5, 8))
            if p['death_day'] is not None and off >= p['death_day']:
                continue
            if t not in ('pre', '24h') and rng.random() < p_miss:
                continue
            visits[t] = off
            rel = {'pre': 1.0, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.35, '1m': 0.35, '3m': 0.28, '6m': 0.25, '12m': 0.22, '24m': 0.2}[t]
            v = base * rel + rng.normal(0, 0.8)
            v = min(10, max(0, v))
            v = round(v, 1) if vas_dec else int(round(v))
            a[('pain_vas', t)] = v
            if odi:
                o = min(100, max(0, 40 + base * 5 * rel + rng.normal(0, 5)))
                if t != '24h':
                    a[('odi', t)] = int(round(o))
            if mob:
                m = {'pre': 1, '24h': 2}.get(t, 3)
                m = int(min(4, max(0, m + rng.integers(-1, 2))))
                a[('mobility', t)] = m
        p['visits'] = visits
        p['assess'] = a
        p['birth'] = d0 - dt.timedelta(days=int(p['age'] * 365.25 + rng.integers(1, 360)))
        p['mrn'] = int(rng.integers(100000, 999999))
        p['phone_n'] = int(rng.integers(10 ** 7, 10 ** 8))
        p['rnd'] = rng
        pats.append(p)
    return pats


def write_truth(outdir, pats, vol_mode='level', errors=(), identifiers=(), record=None):
    """record: dict of flags sex, age, etiology, died, technique, cement, leakage (default True)."""
    rec = dict(sex=True, age=True, etiology=True, died=True, technique=True, cement=True, leakage=True)
    rec.update(record or {})
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f)
            wr.writerow(header)
            for r in rows:
                wr.writerow(['' if x is None else x for x in r])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if rec['sex'] else '', p['age'] if rec['age'] else '',
        p['etiology'] if rec['etiology'] else '', p['died'] if rec['died'] else ''] for p in pats])
    rows = []
    for p in pats:
        for si, s in enumerate(p['sessions'], 1):
            tot = sum(s['vols'])
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], si, s['day'], l, s['tech'] if rec['technique'] else '',
                             fmt(v) if (vol_mode == 'level' or (vol_mode == 'auto' and len(s['levels']) == 1)) else '',
                             fmt(tot) if (vol_mode == 'session' or (vol_mode == 'auto' and len(s['levels']) > 1)) else '',
                             s['cement'] if rec['cement'] else '', lk if rec['leakage'] else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for (m, t), v in p['assess'].items():
            rows.append([p['pid'], 1, m, t, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, l] for p in pats for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def fmt(v):
    if isinstance(v, float):
        if v == int(v):
            return str(int(v))
        return ('%.2f' % v).rstrip('0').rstrip('.')
    return v

# ---------------- Amman: one card (sheet) per patient, Arabic + English ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.utils import get_column_letter as CL

FN_F = ['فاطمة', 'عائشة', 'مريم', 'خديجة', 'زينب', 'سعاد', 'نوال', 'هند', 'رقية', 'آمنة', 'سميرة', 'ليلى']
FN_M = ['محمد', 'أحمد', 'خالد', 'عبدالله', 'إبراهيم', 'يوسف', 'سليمان', 'عمر']
MID = ['محمود', 'حسن', 'علي', 'سالم', 'عيسى', 'موسى', 'صالح', 'عودة']
LAST = ['العلي', 'الخطيب', 'المصري', 'الزعبي', 'العبادي', 'الحياري', 'النسور', 'الرواشدة', 'الطراونة', 'المجالي', 'البطاينة', 'الشوبكي']
AR_DIG = str.maketrans('0123456789', '٠١٢٣٤٥٦٧٨٩')
LEAK = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral', 'epidural': 'epidural', 'foraminal': 'foraminal'}


def d(x):
    return x.strftime('%d/%m/%Y')


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    tps = ['pre', '24h', '2w', '3m', '6m']
    pats = gen(1405, 21, tps, start=dt.date(2022, 1, 20), techs=('vertebroplasty', 'vertebroplasty', 'kyphoplasty'),
               cements=('PMMA',), p_second=0.15, p_frac=0.12, p_died=0.12)
    idents = []
    wb = Workbook()
    ix = wb.active
    ix.title = 'Index فهرس'
    ix.sheet_view.rightToLeft = False
    ix['A1'] = 'Al-Rawda Specialty Hospital – Spine & Interventional Unit | مستشفى الروضة التخصصي – وحدة العمود الفقري'
    ix['A1'].font = Font(bold=True, size=12)
    ix['A2'] = 'Vertebroplasty / Kyphoplasty patient cards – one sheet per patient | بطاقة لكل مريض'
    for j, h in enumerate(['Study No / رقم الدراسة', 'Sheet', 'Procedure date'], 1):
        ix.cell(4, j, h).font = Font(bold=True)
    bold = Font(bold=True)
    lab = PatternFill('solid', fgColor='EDEDED')
    thin = Side(style='thin', color='A6A6A6')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    errors = []
    for k, p in enumerate(pats):
        rng = p['rnd']
        p['pid'] = 'AMN-%03d' % (k + 1)
        fn = (FN_F if p['sex'] == 'female' else FN_M)[int(rng.integers(0, 8))]
        p['name'] = '%s %s %s' % (fn, MID[int(rng.integers(0, 8))], LAST[k % len(LAST)])
        p['mrnx'] = '%07d' % (p['mrn'] * 13 % 10000000)
        p['dob'] = d(p['birth'])
        p['phone'] = '07%d%07d' % ([7, 8, 9][k % 3], p['phone_n'] % 10000000)
        idents += [('name', p['name']), ('record_number', p['mrnx']), ('birth_date', p['dob']), ('phone', p['phone'])]
        ws = wb.create_sheet(p['pid'])
        ix.cell(5 + k, 1, p['pid'])
        ix.cell(5 + k, 2, p['pid'])
        ix.cell(5 + k, 3, d(p['sessions'][0]['date']))
        ws.column_dimensions['A'].width = 24
        for c_ in 'BCDEF':
            ws.column_dimensions[c_].width = 16
        ws['A1'] = 'بطاقة مريض – Patient card'
        ws['A1'].font = Font(bold=True, size=13)
        ws.merge_cells('A1:F1')
        ETI = {'osteoporotic': 'Osteoporotic fracture / كسر هشاشة عظام', 'traumatic': 'Trauma (fall) / كسر رضّي'}
        info = [('رقم الدراسة / Study No', p['pid']),
                ('الاسم / Name', p['name']),
                ('الرقم الطبي / MRN', p['mrnx']),
                ('تاريخ الميلاد / DOB', p['dob']),
                ('الهاتف / Phone', p['phone']),
                ('الجنس / Sex', 'أنثى (F)' if p['sex'] == 'female' else 'ذكر (M)'),
                ('العمر / Age', str(p['age']).translate(AR_DIG) if k % 4 == 1 else p['age']),
                ('التشخيص / Diagnosis', ETI.get(p['etiology']) or ['Metastasis (breast Ca) / نقائل سرطان الثدي', 'Multiple myeloma / ورم نقوي متعدد', 'Metastasis (lung Ca) / نقائل سرطان الرئة'][k % 3])]
        pos = {}
        r = 3
        for a, b in info:
            ws.cell(r, 1, a).font = bold
            ws.cell(r, 1).fill = lab
            ws.cell(r, 2, b)
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
            pos[a] = r
            r += 1
        r += 1
        ws.cell(r, 1, 'العمليات / Procedures').font = Font(bold=True, color='1F4E79')
        r += 1
        ph = ['Date / التاريخ', 'Procedure / الإجراء', 'Level / الفقرة', 'Cement (ml)', 'Cement type', 'Leakage / تسرب']
        for j, h in enumerate(ph, 1):
            ws.cell(r, j, h).font = bold
            ws.cell(r, j).fill = lab
            ws.cell(r, j).border = bd
        r += 1
        p['proc_rows'] = []
        for s in p['sessions']:
            for li, (lv, vol, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
                ws.cell(r, 1, d(s['date']) if li == 0 else '〃')
                ws.cell(r, 2, ('PVP' if s['tech'] == 'vertebroplasty' else 'Kyphoplasty (balloon)') if li == 0 else '〃')
                ws.cell(r, 3, lv)
                ws.cell(r, 4, '%s ml' % fmt(vol) if k % 2 else vol)
                ws.cell(r, 5, 'PMMA (Osteopal V)' if li == 0 else '〃')
                ws.cell(r, 6, 'No / لا' if lk == 'none' else 'Yes – ' + ' + '.join(LEAK[z] for z in lk.split(';')))
                for j in range(1, 7):
                    ws.cell(r, j).border = bd
                p['proc_rows'].append((r, s, lv))
                r += 1
        r += 1
        ws.cell(r, 1, 'المتابعة / Follow-up').font = Font(bold=True, color='1F4E79')
        r += 1
        fh = ['Visit / الزيارة', 'Date / التاريخ', 'VAS (0-10)', 'Notes / ملاحظات']
        for j, h in enumerate(fh, 1):
            ws.cell(r, j, h).font = bold
            ws.cell(r, j).fill = lab
            ws.cell(r, j).border = bd
        r += 1
        VL = {'pre': 'Pre-op / قبل العملية', '24h': 'Day 1 / اليوم الأول', '2w': '2 weeks / أسبوعان', '3m': '3 months / ٣ أشهر', '6m': '6 months / ٦ أشهر'}
        d0 = p['sessions'][0]['date']
        p['fu_rows'] = {}
        for t in tps:
            dead = p['death_day'] is not None and TP_DAYS[t] >= p['death_day']
            if dead:
                continue
            ws.cell(r, 1, VL[t])
            if t in p['visits']:
                ws.cell(r, 2, d(d0 + dt.timedelta(days=p['visits'][t])))
                ws.cell(r, 3, p['assess'][('pain_vas', t)])
                p['fu_rows'][t] = r
            else:
                ws.cell(r, 2, '—')
                ws.cell(r, 3, '—')
                ws.cell(r, 4, 'لم يحضر / did not attend')
            for j in range(1, 5):
                ws.cell(r, j).border = bd
            r += 1
        r += 1
        ws.cell(r, 1, 'كسور جديدة / New fractures').font = bold
        ws.cell(r, 2, '; '.join('%s on %s' % (l, d(d0 + dt.timedelta(days=dd))) for dd, l in p['fractures']) or 'None / لا يوجد')
        r += 1
        ws.cell(r, 1, 'الحالة / Status').font = bold
        ws.cell(r, 2, ('Deceased / متوفى %s' % d(d0 + dt.timedelta(days=p['death_day']))) if p['died'] == 'yes' else 'Alive / على قيد الحياة')
        r += 1
        ws.cell(r, 1, 'Dr. signature / توقيع الطبيب').font = Font(italic=True, color='808080')
        p['ws'] = ws
    def plant(p, row, col, h, val, why):
        p['ws'].cell(row, col, val)
        errors.append([p['pid'], '%s%d' % (CL(col), row), row, h, val, why, p['pid']])
    singles = [p for p in pats if len(p['sessions'][0]['levels']) == 1]
    q = singles[1]
    plant(q, q['proc_rows'][0][0], 3, 'Level / الفقرة', 'T13', 'no T13 vertebra')
    q = [p for p in pats if '3m' in p['fu_rows']][6]
    plant(q, q['fu_rows']['3m'], 3, 'VAS (0-10)', 11, 'VAS 11 on a 0-10 scale')
    q = pats[12]
    plant(q, q['proc_rows'][0][0], 1, 'Date / التاريخ', '31/09/2022', 'impossible date (31 September)')
    q = [x for x in singles if x is not pats[12]][-1]
    plant(q, q['proc_rows'][0][0], 4, 'Cement (ml)', '40 ml', '40 mL of cement in one vertebra is impossible')
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, 'level', errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
