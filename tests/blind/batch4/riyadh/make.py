"""Riyadh blind workbook generator. Usage: python make.py OUTDIR"""
# ---------------------------------------------------------------- common generator
import csv, os, sys, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = np.array([1, 1, 2, 3, 4, 5, 7, 12, 20, 18, 10, 6, 4, 2], float)
LEVEL_W = LEVEL_W / LEVEL_W.sum()
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def lvl_index(l):
    return LEVELS.index(l)


def gen_core(seed, n, make_id, tps, odi_tps=(), p2=.30, p3=.08, p_fx=.22, p_second=.55,
             p_died=.12, tech_p=(('vertebroplasty', .6), ('kyphoplasty', .4)),
             cement_p=(('PMMA', .9), ('calcium phosphate', .1)), attend=.85,
             pain_decimals=False, start=dt.date(2019, 1, 7), span=1300,
             etio_p=(('osteoporotic', .72), ('pathologic', .2), ('traumatic', .08)),
             leak_p=.22, session2_tps=('pre',), vol_range=(2.0, 6.0), vol_step=0.5):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {'id': make_id(i)}
        p['sex'] = 'female' if rng.random() < .74 else 'male'
        p['etiology'] = str(rng.choice([e for e, _ in etio_p], p=[w for _, w in etio_p]))
        p['age'] = int(rng.integers(58, 92)) if p['etiology'] != 'traumatic' else int(rng.integers(41, 80))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        nl = 1 + (rng.random() < p2) + (rng.random() < p3)
        first = int(rng.choice(len(LEVELS), p=LEVEL_W))
        lv = [LEVELS[k] for k in sorted({min(len(LEVELS) - 1, first + k) for k in range(nl)})]
        tech = str(rng.choice([t for t, _ in tech_p], p=[w for _, w in tech_p]))
        cem = str(rng.choice([t for t, _ in cement_p], p=[w for _, w in cement_p]))
        def vols(k):
            lo, hi = vol_range
            return [float(np.round(rng.uniform(lo, hi) / vol_step) * vol_step) for _ in range(k)]
        def leaks(k):
            out = []
            for _ in range(k):
                if rng.random() < leak_p:
                    out.append(str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                              p=[.4, .3, .15, .1, .05])))
                else:
                    out.append('none')
            return out
        s1 = {'n': 1, 'date': d0, 'day': 0, 'levels': lv, 'vols': vols(len(lv)), 'technique': tech,
              'cement': cem, 'leak': leaks(len(lv))}
        s1['total'] = round(sum(s1['vols']), 1)
        p['sessions'] = [s1]
        # death
        p['died'] = 'yes' if rng.random() < p_died else 'no'
        last_tp = max(TP_DAYS[t] for t in tps)
        death_day = int(rng.integers(45, last_tp + 60)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        # fractures
        p['fx'] = []
        if rng.random() < p_fx and death_day > 60:
            fd = int(rng.integers(25, min(death_day, last_tp) - 10 if min(death_day, last_tp) > 40 else 35))
            cand = [l for l in LEVELS if l not in lv and abs(lvl_index(l) - lvl_index(lv[0])) <= 3]
            fl = str(rng.choice(cand))
            p['fx'].append((fd, fl))
            if rng.random() < p_second and fd + 30 < death_day:
                d2 = fd + int(rng.integers(6, 25))
                s2 = {'n': 2, 'date': d0 + dt.timedelta(days=d2), 'day': d2, 'levels': [fl],
                      'vols': vols(1), 'technique': tech, 'cement': cem, 'leak': leaks(1)}
                s2['total'] = s2['vols'][0]
                p['sessions'].append(s2)
            elif rng.random() < .35:
                # a second new fracture at another level, same day (found on same scan)
                cand2 = [l for l in cand if l != fl]
                p['fx'].append((fd, str(rng.choice(cand2))))
        # some single second sessions with two levels
        # pain / odi
        p['pain'] = {}
        p['odi'] = {}
        base = float(rng.uniform(6.5, 9.5))
        for s in p['sessions']:
            pp, oo = {}, {}
            stps = tps if s['n'] == 1 else session2_tps
            for t in stps:
                absday = s['day'] + TP_DAYS[t]
                if absday >= death_day - 5:
                    continue
                if t != 'pre' and rng.random() > attend:
                    continue
                if t == 'pre':
                    v = base + rng.normal(0, .4)
                else:
                    frac = {'24h': .55, '1w': .45, '2w': .42, '6w': .35, '1m': .35, '3m': .3,
                            '6m': .28, '12m': .27, '24m': .27}[t]
                    v = base * frac + rng.normal(0, 1.0)
                v = float(np.clip(v, 0, 10))
                v = round(v * 2) / 2 if pain_decimals else float(round(v))
                pp[t] = v
                if t in odi_tps:
                    o = 30 + v * 5.5 + rng.normal(0, 5)
                    oo[t] = int(np.clip(round(o / 2) * 2, 0, 100))
            p['pain'][s['n']] = pp
            p['odi'][s['n']] = oo
        pats.append(p)
    return pats, rng


def write_truth(outdir, pats, errors, identifiers, pain_scale=1.0, mobility=None,
                sex_known=True, age_known=True, etio_known=True, died_known=True,
                per_level_volume=lambda p, s: True, technique_known=lambda p, s: True,
                cement_known=lambda p, s: True, leak_known=lambda p, s: True):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    def num(x):
        if x is None or x == '':
            return ''
        x = float(x)
        return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0').rstrip('.')
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex_known else '', p['age'] if age_known else '',
        p['etiology'] if etio_known else '', p['died'] if died_known else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            per = per_level_volume(p, s) or len(s['levels']) == 1
            for k, l in enumerate(s['levels']):
                rows.append([p['id'], s['n'], s['day'], l,
                             s['technique'] if technique_known(p, s) else '',
                             num(s['vols'][k] if len(s['levels']) > 1 else s['total']) if per else '',
                             '' if per else num(s['total']),
                             s['cement'] if cement_known(p, s) else '',
                             s['leak'][k] if leak_known(p, s) else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    for p in pats:
        for s in p['sessions']:
            for t in order:
                if t in p['pain'].get(s['n'], {}):
                    rows.append([p['id'], s['n'], 'pain_vas', t, num(p['pain'][s['n']][t] / pain_scale)])
            for t in order:
                if t in p['odi'].get(s['n'], {}):
                    rows.append([p['id'], s['n'], 'odi', t, num(p['odi'][s['n']][t])])
            if mobility:
                for t in order:
                    if t in p.get('mob', {}).get(s['n'], {}):
                        rows.append([p['id'], s['n'], 'mobility', t, num(p['mob'][s['n']][t])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, l] for p in pats for d, l in p['fx']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def addr(r, c):
    """1-based row, col -> A1"""
    s = ''
    while c:
        c, m = divmod(c - 1, 26)
        s = chr(65 + m) + s
    return '%s%d' % (s, r)
# ---------------------------------------------------------------- end common
# ---------------------------------------------------------------- Riyadh site
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

AR = str.maketrans('0123456789.', '٠١٢٣٤٥٦٧٨٩٫')


def jdn(d):
    a = (14 - d.month) // 12
    y = d.year + 4800 - a
    m = d.month + 12 * a - 3
    return d.day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def hijri(d):
    """tabular (civil) Islamic calendar, as printed by the hospital information system"""
    l = jdn(d) - 1948440 + 10632
    n = (l - 1) // 10631
    l = l - 10631 * n + 354
    j = ((10985 - l) // 5316) * ((50 * l) // 17719) + (l // 5670) * ((43 * l) // 15238)
    l = l - ((30 - j) // 15) * ((17719 * j) // 50) - (j // 16) * ((15238 * j) // 43) + 29
    m = (24 * l) // 709
    dd = l - (709 * m) // 24
    y = 30 * n + j - 30
    return y, m, dd


FN = ['نورة', 'فاطمة', 'هيا', 'منيرة', 'سارة', 'لطيفة', 'حصة', 'موضي', 'الجوهرة', 'عائشة', 'مريم', 'لولوة']
MN = ['عبدالله', 'محمد', 'سعد', 'فهد', 'ناصر', 'إبراهيم', 'صالح', 'عبدالرحمن', 'سليمان', 'خالد', 'حمد']
FAM = ['القحطاني', 'العتيبي', 'الدوسري', 'الشمري', 'الغامدي', 'الزهراني', 'الحربي', 'المطيري', 'السبيعي', 'العنزي', 'الشهري', 'التميمي']
ETIO_A = {'osteoporotic': ['هشاشة العظام', 'هشاشة عظام (Osteoporosis)'],
          'pathologic': ['ورم نقيلي - سرطان الثدي', 'الورم النقوي المتعدد (Multiple myeloma)', 'نقائل - سرطان البروستاتا'],
          'traumatic': ['إصابة - حادث سيارة', 'سقوط (Trauma)'], 'other': ['أخرى']}
TECH_A = {'vertebroplasty': ['رأب الفقرة (VP)', 'VP'], 'kyphoplasty': ['رأب الحدبة بالبالون (KP)', 'KP']}
CEM_A = {'PMMA': ['PMMA', 'Vertecem V+', 'KyphX HV-R'], 'Cortoss': ['Cortoss']}
LEAK_A = {'disc': 'قرصي', 'venous': 'وريدي', 'epidural': 'فوق الجافية', 'foraminal': 'الثقبة العصبية', 'paravertebral': 'حول الفقرة'}


def main(out):
    os.makedirs(out, exist_ok=True)
    tps = ['pre', '24h', '1w', '1m', '3m', '6m']
    pats, rng = gen_core(14430901, 34, lambda i: 'RYD-%02d' % (i + 1), tps,
                         tech_p=(('vertebroplasty', .55), ('kyphoplasty', .45)),
                         cement_p=(('PMMA', .9), ('Cortoss', .1)),
                         etio_p=(('osteoporotic', .68), ('pathologic', .22), ('traumatic', .1)),
                         start=dt.date(2019, 9, 1), span=1200, p_died=.15, p2=.35)
    for p in pats:
        for s in p['sessions']:
            if s['technique'] == 'kyphoplasty':
                s['cement'] = 'PMMA'
    vps = [p for p in pats if p['sessions'][0]['technique'] == 'vertebroplasty']
    for p in (vps[2], vps[9]):
        p['sessions'][0]['cement'] = 'Cortoss'
    ids = [p['id'] for p in pats]
    noid = ids[7]; bad_pain = ids[12]; bad_age = ids[19]; bad_vol = ids[24]; bad_lvl = ids[29]
    errors, idents = [], []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'سجل رأب الفقرات'
    ws.sheet_view.rightToLeft = True
    thin = Side(style='thin', color='808080')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'مستشفى الملك فيصل التخصصي (وهمي) - قسم الأشعة التداخلية - سجل عمليات رأب الفقرات'
    ws['A1'].font = Font(bold=True, size=14)
    ws.merge_cells('A1:AC1')
    ws['A2'] = 'شدة الألم: مقياس VAS من 0 إلى 10 — "لم يحضر" = لم يحضر موعد المتابعة'
    ws.merge_cells('A2:AC2')
    groups = [('بيانات المريض', 1, 8), ('العملية الأولى', 9, 15), ('شدة الألم (VAS 0-10)', 16, 21),
              ('العملية الثانية', 22, 25), ('المتابعة', 26, 29)]
    sub = ['م', 'رقم الدراسة (Study ID)', 'اسم المريض', 'الرقم الطبي (MRN)', 'الجوال', 'الجنس', 'العمر (سنة)', 'التشخيص',
           'تاريخ العملية (هـ)', 'تاريخ العملية (م)', 'الفقرات المعالجة (Level)', 'نوع العملية', 'كمية الإسمنت (مل)', 'نوع الإسمنت', 'تسرب الإسمنت',
           'قبل العملية', 'بعد 24 ساعة', 'بعد أسبوع', 'بعد شهر', 'بعد 3 أشهر', 'بعد 6 أشهر',
           'التاريخ (م)', 'الفقرة', 'كمية الإسمنت (مل)', 'الألم قبل العملية',
           'كسر جديد', 'تاريخ الكسر الجديد (م)', 'الوفاة', 'ملاحظات']
    fills = ['DDEBF7', 'FCE4D6', 'E2EFDA', 'FFF2CC', 'EDEDED']
    for (g, a, b), f in zip(groups, fills):
        c = ws.cell(3, a, g)
        ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
        for k in range(a, b + 1):
            ws.cell(3, k).fill = PatternFill('solid', fgColor=f)
            ws.cell(4, k).fill = PatternFill('solid', fgColor=f)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal='center')
    for k, h in enumerate(sub, 1):
        c = ws.cell(4, k, h)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
        c.border = box
    ws.row_dimensions[4].height = 45

    def ar(x, p=.3):
        s = str(x)
        return s.translate(AR) if rng.random() < p else x

    def gdate(d):
        return dt.datetime(d.year, d.month, d.day) if rng.random() < .6 else d.strftime('%d/%m/%Y')

    def hdate(d):
        y, m, dd = hijri(d)
        s = '%d/%02d/%02d' % (y, m, dd)
        r = rng.random()
        if r < .4:
            return s.translate(AR) + ' هـ'
        if r < .8:
            return s + 'هـ'
        return s

    keep = []
    r = 5
    for i, p in enumerate(pats):
        s1 = p['sessions'][0]
        fem = p['sex'] == 'female'
        name = '%s %s %s' % ((FN if fem else MN)[int(rng.integers(len(FN if fem else MN)))], MN[int(rng.integers(len(MN)))], FAM[int(rng.integers(len(FAM)))])
        mrn = str(int(rng.integers(1000000, 9999999)))
        phone = '05%08d' % int(rng.integers(0, 10 ** 8))
        sex = ('أنثى' if fem else 'ذكر') if rng.random() < .85 else ('أنثى (F)' if fem else 'ذكر (M)')
        age = ar(p['age'])
        if p['id'] == bad_age:
            age = 210
        etio = ETIO_A[p['etiology']][int(rng.integers(len(ETIO_A[p['etiology']])))]
        lv = list(s1['levels'])
        if p['id'] == bad_lvl:
            lv[0] = 'T13'
        sep = [', ', ' + ', ' و ', '-'][int(rng.integers(4))] if len(lv) > 1 else ''
        if sep == '-' and len(lv) > 2:
            sep = ', '
        levels = sep.join(lv) if sep != '-' else '%s-%s' % (lv[0], lv[1])
        if sep == '-':
            levels = '%s / %s' % (lv[0], lv[1])
        tech = TECH_A[s1['technique']][int(rng.integers(2))]
        vol = s1['total']
        vol = ar('%g' % vol, .3) if rng.random() < .5 else vol
        if p['id'] == bad_vol:
            vol = 45
        brands = CEM_A[s1['cement']] if s1['cement'] != 'PMMA' else (
            ['PMMA', 'KyphX HV-R'] if s1['technique'] == 'kyphoplasty' else ['PMMA', 'Vertecem V+', 'Osteopal V'])
        cem = brands[int(rng.integers(len(brands)))]
        lk = [(l, k) for l, k in zip(s1['levels'], s1['leak']) if k != 'none']
        if not lk:
            leak = 'لا'
        elif len(s1['levels']) == 1:
            leak = 'نعم - ' + LEAK_A[lk[0][1]]
        else:
            leak = 'نعم - ' + '، '.join('%s عند %s' % (LEAK_A[k], l) for l, k in lk)
        pains = []
        for t in tps:
            v = p['pain'][1].get(t)
            if v is None:
                dead = p['died'] == 'yes' and TP_DAYS[t] >= p['death_day'] - 5
                pains.append('متوفى' if dead else ('لم يحضر' if rng.random() < .6 else '-'))
            else:
                v = int(v)
                if p['id'] == bad_pain and t == '1m':
                    v = 14
                pains.append(ar(v, .25))
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            sec = [gdate(s2['date']), s2['levels'][0], ar('%g' % s2['total'], .3) if rng.random() < .5 else s2['total'],
                   ar(int(p['pain'][2]['pre']), .25) if 'pre' in p['pain'][2] else '']
        else:
            sec = ['', '', '', '']
        if p['fx']:
            fx = 'نعم - ' + ' و '.join(l for _, l in p['fx'])
            fxd = gdate(s1['date'] + dt.timedelta(days=p['fx'][0][0]))
        else:
            fx, fxd = 'لا', ''
        died = 'نعم' if p['died'] == 'yes' else 'لا'
        note = ''
        if p['died'] == 'yes':
            note = 'توفي بتاريخ ' + (s1['date'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y')
        elif len(p['sessions']) > 1:
            note = 'عملية ثانية لكسر جديد'
        sid = p['id'] if p['id'] != noid else None
        row = [i + 1, sid, name, mrn, phone, sex, age, etio, hdate(s1['date']), gdate(s1['date']), levels, tech, vol, cem, leak] + \
            pains + sec + [fx, fxd, died, note]
        for k, v in enumerate(row, 1):
            c = ws.cell(r, k, v)
            c.border = box
            if isinstance(v, dt.datetime):
                c.number_format = 'dd/mm/yyyy'
        if p['id'] == noid:
            errors.append([ws.title, addr(r, 2), r, 'رقم الدراسة (Study ID)', '', 'study ID missing on a row with data (serial %d)' % (i + 1), ''])
        if p['id'] == bad_age:
            errors.append([ws.title, addr(r, 7), r, 'العمر (سنة)', '210', 'impossible age (210 years)', p['id']])
        if p['id'] == bad_lvl:
            errors.append([ws.title, addr(r, 11), r, 'الفقرات المعالجة (Level)', levels, 'impossible vertebral level T13', p['id']])
        if p['id'] == bad_vol:
            errors.append([ws.title, addr(r, 13), r, 'كمية الإسمنت (مل)', '45', 'implausible cement volume (45 mL) for a single vertebra', p['id']])
        if p['id'] == bad_pain:
            errors.append([ws.title, addr(r, 19), r, 'بعد شهر', '14', 'pain 14 on a 0-10 VAS', p['id']])
        if p['id'] != noid:
            keep.append(p)
        idents += [['name', name], ['record_number', mrn], ['phone', phone]]
        r += 1
    widths = [4, 12, 26, 11, 12, 8, 8, 30, 16, 13, 16, 22, 10, 12, 22] + [9] * 6 + [12, 8, 10, 10, 12, 14, 8, 26]
    for k, w in enumerate(widths, 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(k)].width = w
    ws.freeze_panes = 'C5'
    wb.save(os.path.join(out, 'input.xlsx'))
    # the row without a study ID cannot be identified: it is left out of the truth
    write_truth(out, keep, errors, idents,
                per_level_volume=lambda p, s: False,
                technique_known=lambda p, s: s['n'] == 1,
                cement_known=lambda p, s: s['n'] == 1,
                leak_known=lambda p, s: s['n'] == 1)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
