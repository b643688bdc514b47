import sys, os, csv, datetime as dt
import numpy as np
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

ALL_LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
              + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 180, '12m': 365, '24m': 730}
LEAK_SITES = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def pick_levels(rng, k, exclude=()):
    cand = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
    w = np.array([1, 1, 2, 2, 2, 3, 5, 8, 8, 5, 3, 2, 1], float)
    for _ in range(200):
        i = int(rng.choice(len(cand), p=w / w.sum()))
        i = min(i, len(cand) - k)
        lv = cand[i:i + k]
        if not set(lv) & set(exclude):
            return lv
    raise RuntimeError('levels')


def neighbour_level(rng, used):
    idx = sorted(ALL_LEVELS.index(u) for u in used)
    opts = [ALL_LEVELS[j] for j in (idx[0] - 1, idx[0] - 2, idx[-1] + 1, idx[-1] + 2)
            if 8 <= j < len(ALL_LEVELS) - 1 and ALL_LEVELS[j] not in used]
    return opts[int(rng.integers(len(opts)))]


def gen_patients(rng, ids, cfg):
    """cfg keys: start (date), techniques (list,probs), cements (list of truth types, probs),
    tps1 (follow-up timepoints for session 1), tps2 (for session 2 or []),
    measures (list), p_second, p_fracture, p_died, p_attend, vol_range"""
    pats = []
    for pid in ids:
        p = {'pid': pid}
        et = rng.choice(['osteoporotic', 'pathologic', 'traumatic'], p=cfg.get('et_p', [0.7, 0.2, 0.1]))
        p['etiology'] = str(et)
        p['sex'] = 'female' if rng.random() < (0.72 if et == 'osteoporotic' else 0.45) else 'male'
        p['age'] = int(rng.integers(58, 91) if et == 'osteoporotic' else rng.integers(38, 80))
        d1 = cfg['start'] + dt.timedelta(days=int(rng.integers(0, 600)))
        if d1.weekday() >= 5:
            d1 += dt.timedelta(days=7 - d1.weekday())
        p['date1'] = d1
        p['birth'] = d1 - dt.timedelta(days=int(p['age'] * 365.25 + rng.integers(10, 350)))
        k = int(rng.choice([1, 2, 3], p=[0.55, 0.33, 0.12]))
        tech = str(rng.choice(cfg['techniques'], p=cfg['tech_p']))
        cem = str(rng.choice(cfg['cements'], p=cfg['cem_p']))
        s1 = make_session(rng, 1, 0, pick_levels(rng, k), tech, cem, cfg)
        p['sessions'] = [s1]
        used = list(s1['levels'])
        p['died'] = 'yes' if rng.random() < cfg.get('p_died', 0.12) else 'no'
        death_day = int(rng.integers(60, 400)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        if rng.random() < cfg.get('p_second', 0.2) and death_day > 150:
            day2 = int(rng.integers(21, 130))
            lv2 = [neighbour_level(rng, used)]
            used += lv2
            s2 = make_session(rng, 2, day2, lv2, tech, cem, cfg)
            p['sessions'].append(s2)
        p['fractures'] = []
        if rng.random() < cfg.get('p_fracture', 0.15):
            fd = int(rng.integers(25, min(death_day, 340)))
            p['fractures'].append((fd, neighbour_level(rng, used)))
        # assessments
        p['assess'] = {}
        for s in p['sessions']:
            tps = cfg['tps1'] if s['session'] == 1 else cfg['tps2']
            pre = float(rng.integers(6, 11))
            odi = float(rng.integers(45, 85))
            for tp in tps:
                absday = s['day'] + TP_DAYS[tp]
                if absday >= death_day:
                    continue
                if tp != 'pre' and rng.random() > cfg.get('p_attend', 0.85):
                    continue
                frac = {'pre': 1, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4,
                        '3m': 0.35, '6m': 0.3, '12m': 0.3, '24m': 0.3}[tp]
                if 'pain_vas' in cfg['measures']:
                    v = pre if tp == 'pre' else max(0, round(pre * frac + rng.normal(0, 1.2)))
                    p['assess'][(s['session'], 'pain_vas', tp)] = float(v)
                if 'odi' in cfg['measures'] and tp in cfg.get('odi_tps', tps):
                    v = odi if tp == 'pre' else max(4, round(odi * (frac + 0.15) + rng.normal(0, 6)))
                    p['assess'][(s['session'], 'odi', tp)] = float(v)
                if 'mobility' in cfg['measures'] and tp in cfg.get('mob_tps', tps):
                    base = int(rng.integers(1, 3))
                    v = base if tp == 'pre' else min(4, base + int(rng.integers(0, 3)))
                    p['assess'][(s['session'], 'mobility', tp)] = float(v)
        pats.append(p)
    return pats


def make_session(rng, sno, day, levels, tech, cem, cfg):
    lo, hi = cfg.get('vol_range', (2.0, 6.0))
    vols = [float(round(rng.uniform(lo, hi) * 2) / 2) for _ in levels]
    leaks = []
    for _ in levels:
        if rng.random() < cfg.get('p_leak', 0.22):
            leaks.append(str(rng.choice(LEAK_SITES[:cfg.get('n_leak_sites', 5)],
                                        p=None)))
        else:
            leaks.append('none')
    return {'session': sno, 'day': day, 'levels': levels, 'technique': tech, 'vols': vols,
            'total': float(sum(vols)), 'cement': cem, 'leaks': leaks}


def fmtnum(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%g' % v)


def write_truth(outdir, pats, errors, identifiers, vol_mode, sex_rec=True, age_rec=True,
                et_rec=True, died_rec=True):
    """vol_mode(p, s) -> 'level' or 'session' or None"""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if sex_rec else '', p['age'] if age_rec else '',
        p['etiology'] if et_rec else '', p['died'] if died_rec else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], s['session'], s['day'], lv, s['technique'],
                             fmtnum(v) if mode == 'level' else '',
                             fmtnum(s['total']) if mode == 'session' else '',
                             s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = list(TP_DAYS)
    for p in pats:
        for (sno, m, tp), v in sorted(p['assess'].items(), key=lambda x: (x[0][0], x[0][1], order.index(x[0][2]))):
            rows.append([p['pid'], sno, m, tp, fmtnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pats for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def addr(r, c):
    return '%s%d' % (get_column_letter(c), r)

# ---------------------------------------------------------------- Beirut
AR = str.maketrans('0123456789', '٠١٢٣٤٥٦٧٨٩')
LVL_AR = {}
TECH = {'vertebroplasty': 'رأب الفقرة', 'kyphoplasty': 'رأب الحدبة بالبالون'}
ET = {'osteoporotic': 'ترقق العظام', 'pathologic': None, 'traumatic': 'رضّ (سقوط)'}
LEAK = {'disc': 'القرص', 'venous': 'وريدي', 'paravertebral': 'حول الفقرة',
        'epidural': 'فوق الجافية', 'foraminal': 'الثقبة'}
BRANDS = {'PMMA': ['Vertecem V+', 'Osteopal V', 'Confidence'], 'calcium phosphate': ['KyphOs FS']}
FIRST_F = ['ريما', 'نادين', 'سعاد', 'هدى', 'ليلى', 'منى', 'جومانا', 'وداد', 'نهى', 'سلوى', 'ماري', 'أوديت']
FIRST_M = ['جورج', 'سمير', 'خليل', 'وليد', 'فادي', 'أنطوان', 'حسن', 'نبيل', 'طوني', 'بسام']
LAST = ['حداد', 'خوري', 'صعب', 'عون', 'الحلبي', 'نصار', 'شمعون', 'فرحات', 'الأمين', 'زين الدين',
        'سلامة', 'غانم', 'معلوف', 'بيضون']
VISITS1 = [('pre', 'قبل العملية'), ('24h', 'بعد ٢٤ ساعة'), ('1m', 'بعد شهر'), ('3m', 'بعد ٣ أشهر'),
           ('6m', 'بعد ٦ أشهر')]


def main(outdir):
    rng = np.random.default_rng(7101)
    n = 22
    ids = ['ARZ-%03d' % i for i in range(1, n + 1)]
    cfg = dict(start=dt.date(2021, 3, 1), techniques=['vertebroplasty', 'kyphoplasty'], tech_p=[0.6, 0.4],
               cements=['PMMA', 'calcium phosphate'], cem_p=[0.85, 0.15],
               tps1=['pre', '24h', '1m', '3m', '6m'], tps2=['pre', '24h', '1m'],
               measures=['pain_vas'], p_second=0.2, p_fracture=0.18, p_died=0.12)
    pats = gen_patients(rng, ids, cfg)
    for p in pats:
        for s in p['sessions']:
            s['brand'] = str(rng.choice(BRANDS[s['cement']]))
    identifiers = []
    wb = Workbook()
    ws = wb.active
    ws.title = 'سجل رأب الفقرات'
    ws.sheet_view.rightToLeft = True
    ws['A1'] = 'مستشفى الأرز الجامعي - قسم الأشعة التداخلية'
    ws['A2'] = 'سجل عمليات رأب الفقرات (Vertebroplasty / Kyphoplasty) 2021-2023'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'].font = Font(bold=True, size=12)
    ws.merge_cells('A1:V1')
    ws.merge_cells('A2:V2')
    ws['A3'] = 'سطر واحد لكل فقرة معالجة. الألم على مقياس VAS من ٠ إلى ١٠. "لم يحضر" = لم يحضر الموعد.'
    ws.merge_cells('A3:V3')
    heads = ['رمز الدراسة', 'الاسم الكامل', 'رقم الملف', 'الجنس', 'العمر (سنة)', 'السبب', 'الجلسة',
             'تاريخ العملية', 'الفقرة', 'التقنية', 'كمية الإسمنت (مل)', 'نوع الإسمنت', 'تسرب الإسمنت',
             'موقع التسرب'] + ['الألم ' + v[1] for v in VISITS1] + ['كسر جديد', 'وفاة', 'ملاحظات']
    HR = 5
    for c, h in enumerate(heads, 1):
        cell = ws.cell(HR, c, h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill('solid', fgColor='D9E1F2')
        cell.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
    col = {h: i + 1 for i, h in enumerate(heads)}
    errors = []
    r = HR + 1
    ar_date_count = 0
    for pi, p in enumerate(pats):
        sex_ar = 'أنثى' if p['sex'] == 'female' else 'ذكر'
        name = str(rng.choice(FIRST_F if p['sex'] == 'female' else FIRST_M)) + ' ' + str(rng.choice(LAST))
        mrn = str(int(rng.integers(100000, 999999)))
        identifiers += [['name', name], ['record_number', mrn]]
        if p['etiology'] == 'pathologic':
            et = str(rng.choice(['نقائل سرطانية (ثدي)', 'ورم نقوي متعدد', 'نقائل (رئة)']))
        else:
            et = ET[p['etiology']]
        first_row = True
        for s in p['sessions']:
            d = p['date1'] + dt.timedelta(days=s['day'])
            first_s = True
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                ws.cell(r, col['رمز الدراسة'], p['pid'])
                if first_row:
                    ws.cell(r, col['الاسم الكامل'], name)
                    ws.cell(r, col['رقم الملف'], int(mrn) if pi % 3 else mrn)
                    ws.cell(r, col['الجنس'], sex_ar)
                    ws.cell(r, col['العمر (سنة)'], str(p['age']).translate(AR) if pi % 4 == 1 else p['age'])
                    ws.cell(r, col['السبب'], et)
                    if p['fractures']:
                        fd, fl = p['fractures'][0]
                        fdate = p['date1'] + dt.timedelta(days=fd)
                        ws.cell(r, col['كسر جديد'], 'نعم - %s بتاريخ %s' % (fl, fdate.strftime('%d/%m/%Y')))
                    else:
                        ws.cell(r, col['كسر جديد'], 'لا')
                    ws.cell(r, col['وفاة'], 'نعم' if p['died'] == 'yes' else 'لا')
                    if p['died'] == 'yes':
                        dd = p['date1'] + dt.timedelta(days=p['death_day'])
                        ws.cell(r, col['ملاحظات'], 'توفي في %s' % dd.strftime('%m/%Y'))
                ws.cell(r, col['الجلسة'], s['session'] if pi % 5 else ('الأولى' if s['session'] == 1 else 'الثانية'))
                if first_s or pi % 2 == 0:
                    if pi % 6 == 2:
                        ws.cell(r, col['تاريخ العملية'], d.strftime('%d/%m/%Y').translate(AR))
                        ar_date_count += 1
                    else:
                        c = ws.cell(r, col['تاريخ العملية'], d)
                        c.number_format = 'DD/MM/YYYY'
                lvtxt = lv
                if lv.startswith('T') and pi % 3 == 0:
                    lvtxt = 'D' + lv[1:]          # French-style dorsal numbering
                ws.cell(r, col['الفقرة'], lvtxt)
                ws.cell(r, col['التقنية'], TECH[s['technique']])
                vc = ws.cell(r, col['كمية الإسمنت (مل)'], v if pi % 4 != 3 else fmtnum(v).translate(AR))
                ws.cell(r, col['نوع الإسمنت'], s['brand'])
                ws.cell(r, col['تسرب الإسمنت'], 'لا' if lk == 'none' else 'نعم')
                if lk != 'none':
                    ws.cell(r, col['موقع التسرب'], LEAK[lk])
                if first_s:
                    tps = cfg['tps1'] if s['session'] == 1 else cfg['tps2']
                    for tp, lab in VISITS1:
                        cc = col['الألم ' + lab]
                        if tp not in tps:
                            continue
                        absday = s['day'] + TP_DAYS[tp]
                        val = p['assess'].get((s['session'], 'pain_vas', tp))
                        if val is not None:
                            ws.cell(r, cc, fmtnum(val).translate(AR) if (pi + cc) % 5 == 0 else int(val))
                        elif absday < p['death_day'] and (pi + cc) % 2 == 0:
                            ws.cell(r, cc, 'لم يحضر')
                        elif absday >= p['death_day']:
                            ws.cell(r, cc, '—')
                first_row = False
                first_s = False
                r += 1
        if pi % 7 == 6:
            r += 1   # blank spacer row
    # ---- planted errors
    def find(pid, sess=1, k=0):
        rr = HR + 1
        hits = [row for row in range(HR + 1, r) if ws.cell(row, 1).value == pid]
        return hits[k]
    # 1 impossible level
    p = pats[3]; row = find(p['pid'])
    ws.cell(row, col['الفقرة'], 'L7')
    errors.append([ws.title, addr(row, col['الفقرة']), row, 'الفقرة', 'L7', 'impossible level (no L7)', p['pid']])
    # 2 pain 14 on 0-10
    p = next(q for q in pats[6:] if (1, 'pain_vas', '1m') in q['assess']); row = find(p['pid'])
    cc = col['الألم بعد شهر']
    ws.cell(row, cc, '١٤')
    errors.append([ws.title, addr(row, cc), row, 'الألم بعد شهر', '١٤', 'pain 14 on a 0-10 VAS', p['pid']])
    # 3 cement 45 mL
    p = pats[10]; row = find(p['pid'])
    ws.cell(row, col['كمية الإسمنت (مل)'], 45)
    errors.append([ws.title, addr(row, col['كمية الإسمنت (مل)']), row, 'كمية الإسمنت (مل)', '45',
                   'implausible 45 mL cement in one vertebra', p['pid']])
    # 4 impossible date
    p = pats[14]; row = find(p['pid'])
    ws.cell(row, col['تاريخ العملية'], '31/02/2022')
    errors.append([ws.title, addr(row, col['تاريخ العملية']), row, 'تاريخ العملية', '31/02/2022',
                   'impossible date (31 February)', p['pid']])
    # 5 age 210
    p = pats[18]; row = find(p['pid'])
    ws.cell(row, col['العمر (سنة)'], 210)
    errors.append([ws.title, addr(row, col['العمر (سنة)']), row, 'العمر (سنة)', '210', 'impossible age 210', p['pid']])
    widths = [10, 18, 10, 7, 8, 20, 8, 12, 7, 18, 9, 12, 8, 11] + [9] * 5 + [24, 6, 16]
    for i, wdt in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = wdt
    ws.freeze_panes = ws.cell(HR + 1, 2)
    # legend sheet
    lg = wb.create_sheet('مفتاح')
    lg.sheet_view.rightToLeft = True
    for i, (a, b) in enumerate([('VAS', 'مقياس الألم البصري ٠-١٠'), ('D', 'فقرة ظهرية = صدرية (D12 = T12)'),
                                ('لم يحضر', 'لم يحضر موعد المتابعة'), ('—', 'المريض متوفى')], 1):
        lg.cell(i, 1, a); lg.cell(i, 2, b)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, identifiers, lambda p, s: 'level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
