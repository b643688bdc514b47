"""make.py for site basra - writes input + truth next to itself (deterministic, fixed seed)."""
# ---------------------------------------------------------------------------
# shared cohort generator (identical block in each site's make.py)
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
         ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}


def r05(x):
    return round(x * 2) / 2.0


def pick_levels(rng, n):
    # first level weighted around the thoraco-lumbar junction
    cands = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4']
    w = [1, 1, 2, 3, 4, 7, 10, 10, 6, 4, 2]
    first = rng.choices(cands, w)[0]
    i = LEVELS.index(first)
    i = min(i, LEVELS.index('L5') - n + 1)
    return LEVELS[i:i + n]


def pick_leak(rng):
    x = rng.random()
    if x < 0.70:
        return 'none'
    if x < 0.82:
        return 'disc'
    if x < 0.90:
        return 'venous'
    if x < 0.95:
        return 'paravertebral'
    if x < 0.97:
        return 'epidural'
    return 'disc;venous'


def vas_series(rng, pre):
    return {'pre': pre,
            '24h': max(1, pre - rng.randint(3, 5)),
            '1w': max(1, pre - rng.randint(3, 5)),
            '2w': max(1, pre - rng.randint(3, 6)),
            '1m': max(1, pre - rng.randint(4, 6)),
            '6w': max(1, pre - rng.randint(4, 6)),
            '3m': max(0, pre - rng.randint(4, 7)),
            '6m': max(0, pre - rng.randint(4, 7)),
            '12m': max(0, pre - rng.randint(4, 8))}


def odi_series(rng):
    pre = rng.randint(48, 82)
    d = {'pre': pre}
    for tp, (a, b) in {'24h': (8, 18), '1w': (10, 20), '2w': (12, 25), '1m': (15, 30),
                       '6w': (18, 32), '3m': (20, 40), '6m': (22, 42), '12m': (22, 45)}.items():
        d[tp] = max(6, pre - rng.randint(a, b))
    return d


def gen_cohort(rng, n, start, end, prefix, vas_tps, odi_tps, vas2_tps, odi2_tps=(),
               p_kypho=0.3, p_second=0.22, p_death=0.18, p_newfx=0.3, p_miss=0.12,
               kypho_by_patient=True, cement_default='PMMA', cp_share=0.0, id_width=3,
               vas_half=False):
    """Return a list of patient dicts (sorted by first operation date)."""
    span = (end - start).days
    dates = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for k, d0 in enumerate(dates):
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [62, 24, 10, 4])[0]
        if et == 'osteoporotic':
            sex = 'female' if rng.random() < 0.78 else 'male'
            age = rng.randint(61, 89)
        elif et == 'pathologic':
            sex = rng.choice(['female', 'male'])
            age = rng.randint(49, 81)
        elif et == 'traumatic':
            sex = 'male' if rng.random() < 0.6 else 'female'
            age = rng.randint(44, 74)
        else:
            sex = rng.choice(['female', 'male'])
            age = rng.randint(45, 72)
        nlev = rng.choices([1, 2, 3], [55, 30, 15])[0]
        levels = pick_levels(rng, nlev)
        tech = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
        ctype = cement_default
        if et == 'traumatic' and rng.random() < cp_share:
            ctype = 'calcium phosphate'
        vols = [r05(rng.uniform(2.0, 5.0) if tech == 'vertebroplasty' else rng.uniform(3.0, 7.0))
                for _ in levels]
        leaks = [pick_leak(rng) for _ in levels]
        pre = rng.randint(7, 9)
        vas = vas_series(rng, pre)
        if vas_half:
            for t in vas:
                if rng.random() < 0.25 and 0 < vas[t] < 10:
                    vas[t] = vas[t] + 0.5
        odi = odi_series(rng)
        died_day = None
        if rng.random() < p_death or (et == 'pathologic' and rng.random() < 0.35):
            died_day = rng.randint(40, 520)
        s1_vas = {}
        s1_odi = {}
        s1_marks = {}  # tp -> 'missed' | 'dead'
        for tp in vas_tps:
            if tp != 'pre' and died_day is not None and TP_DAYS[tp] >= died_day:
                s1_marks[tp] = 'dead'
                continue
            if tp not in ('pre', '24h') and rng.random() < p_miss:
                s1_marks[tp] = 'missed'
                continue
            s1_vas[tp] = vas[tp]
            if tp in odi_tps:
                s1_odi[tp] = odi[tp]
        for tp in odi_tps:
            if tp not in vas_tps and tp not in s1_marks:
                if tp == 'pre' or (died_day is None or TP_DAYS[tp] < died_day):
                    s1_odi[tp] = odi[tp]
        p = dict(pid='%s%0*d' % (prefix, id_width, k + 1), sex=sex, age=age, etiology=et,
                 date0=d0, died_day=died_day, died='yes' if died_day else 'no',
                 s1=dict(levels=levels, tech=tech, vols=vols, leaks=leaks, ctype=ctype,
                         vas=s1_vas, odi=s1_odi, marks=s1_marks),
                 s2=None, fractures=[])
        # new fractures / second operation
        last = died_day if died_day else 540
        if rng.random() < p_newfx and last > 60:
            cand = [LEVELS[LEVELS.index(levels[0]) - 1], LEVELS[LEVELS.index(levels[-1]) + 1]]
            cand = [c for c in cand if c[0] in 'TL']
            if cand:
                fl = rng.choice(cand)
                fday = rng.randint(35, min(last - 20, 420))
                p['fractures'].append((fday, fl))
                if rng.random() < 0.75 and fday + 30 < last:
                    p['s2_level'] = fl
        if 's2_level' not in p and rng.random() < p_second * 0.5 and last > 120:
            # repeat op for residual pain / another level seen on MRI
            cand = [LEVELS[LEVELS.index(levels[-1]) + 1]]
            if cand[0][0] not in 'TL':
                cand = [LEVELS[LEVELS.index(levels[0]) - 1]]
            fday = rng.randint(60, min(last - 40, 400))
            p['fractures'].append((fday, cand[0]))
            p['s2_level'] = cand[0]
        if 's2_level' in p:
            fday = p['fractures'][-1][0]
            d2 = fday + rng.randint(4, 25)
            tech2 = tech if rng.random() < 0.8 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
            v2 = vas_series(rng, rng.randint(7, 9))
            o2 = odi_series(rng)
            s2v, s2o, s2m = {}, {}, {}
            for tp in vas2_tps:
                if tp != 'pre' and died_day is not None and d2 + TP_DAYS[tp] >= died_day:
                    s2m[tp] = 'dead'
                    continue
                if tp not in ('pre', '24h') and rng.random() < p_miss:
                    s2m[tp] = 'missed'
                    continue
                s2v[tp] = v2[tp]
                if tp in odi2_tps:
                    s2o[tp] = o2[tp]
            p['s2'] = dict(day=d2, levels=[p['s2_level']], tech=tech2,
                           vols=[r05(rng.uniform(2.5, 5.5) if tech2 == 'vertebroplasty' else rng.uniform(3.0, 6.5))],
                           leaks=[pick_leak(rng)], ctype=cement_default, vas=s2v, odi=s2o, marks=s2m)
        pts.append(p)
    return pts


def iso(d):
    return d.isoformat()


def write_truth(pts, errors, idents, per_vertebra, timepoint_filter=None, cement_recorded=True,
                leak_recorded=True):
    tdir = os.path.join(HERE, 'truth')
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pts])
    rows = []
    arows = []
    for p in pts:
        for sn, s in ((1, p['s1']), (2, p['s2'])):
            if not s:
                continue
            day = 0 if sn == 1 else s['day']
            tot = sum(s['vols'])
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], sn, day, lv, s['tech'],
                             ('%g' % v) if per_vertebra else '',
                             '' if per_vertebra else ('%g' % tot),
                             s.get('ctype_out', s['ctype']),
                             lk if s.get('leak_out', True) else ''])
            for meas, dd in (('pain_vas', s['vas']), ('odi', s['odi'])):
                for tp in ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']:
                    if tp in dd:
                        arows.append([p['pid'], sn, meas, tp, '%g' % dd[tp]])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], arows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    seen = set()
    out = []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v))
            out.append([k, v])
    w('identifiers.csv', ['kind', 'value'], out)


def col_letter(c):  # 0-based
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(r, c):  # 0-based -> A1
    return '%s%d' % (col_letter(c), r + 1)
# ---------------------------------------------------------------------------


def birth_for_age(rng, d0, age):
    hi = d0.replace(year=d0.year - age) if not (d0.month == 2 and d0.day == 29) else dt.date(d0.year - age, 2, 28)
    # any birth date in (hi - 1 year, hi] gives that age on d0
    return hi - dt.timedelta(days=rng.randint(0, 360))


def age_on(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Basra: Arabic right-to-left register, one row per patient
# ---------------------------------------------------------------------------
import xlsxwriter

rng = random.Random(2612)
pts = gen_cohort(rng, 17, dt.date(2021, 1, 10), dt.date(2023, 3, 30), 'BSR-', id_width=2,
                 vas_tps=['pre', '24h', '2w', '3m', '6m'], odi_tps=['pre', '3m'],
                 vas2_tps=['pre', '2w', '3m'], p_kypho=0.25, p_death=0.2)

AI = str.maketrans('0123456789', '٠١٢٣٤٥٦٧٨٩')


def ai(x):
    return str(x).translate(AI)


def num_ar(v, allow_latin=True):
    """a number as the clerks type it: mostly Arabic-Indic text, sometimes a plain number"""
    if allow_latin and rng.random() < 0.12:
        return v if v == int(v) else float(v)
    s = '%g' % v
    if '.' in s:
        s = s.replace('.', rng.choice(['٫', '٫', '٫', '.']))
    return ai(s)


def date_ar(d):
    if rng.random() < 0.08:
        return '%02d/%02d/%d' % (d.day, d.month, d.year)  # typed with Latin digits
    return ai('%02d/%02d/%d' % (d.day, d.month, d.year))


def lvl_ar(l):
    if rng.random() < 0.15:
        return l  # some residents write T12 / L1
    return ('ص' if l[0] == 'T' else 'ق') + ai(l[1:])


F_FIRST = ['فاطمة', 'زينب', 'خديجة', 'مريم', 'سعاد', 'نجاة', 'أمل', 'حسنية', 'بتول', 'كريمة', 'رسمية', 'هدى']
M_FIRST = ['جاسم', 'عبد الكريم', 'حسين', 'كاظم', 'علي', 'عباس', 'مهدي', 'فاضل', 'عدنان', 'صباح']
FATHERS = ['محمد', 'عبد الله', 'حسن', 'جبار', 'كريم', 'عبد الحسين', 'ناصر', 'سلمان', 'هاشم', 'طالب', 'عودة',
           'خلف', 'مطر', 'راضي']
DIAG = {'osteoporotic': ['هشاشة العظام', 'كسر انضغاطي - هشاشة', 'هشاشة عظام (كسر انهياري)'],
        'pathologic': ['ورم ثانوي - سرطان الثدي', 'نقائل عظمية من سرطان الرئة', 'الورم النقوي المتعدد',
                       'ورم ثانوي - سرطان البروستات'],
        'traumatic': ['رضّ - سقوط من مكان مرتفع', 'حادث سير'],
        'other': ['ورم وعائي دموي في جسم الفقرة']}
TECH = {'vertebroplasty': ['رأب الفقرة', 'رأب الفقرة', 'PVP'], 'kyphoplasty': ['رأب الحدبة بالبالون', 'PKP']}
LEAK = {'disc': 'تسرب إلى القرص', 'venous': 'تسرب وريدي', 'paravertebral': 'تسرب حول الفقرة',
        'epidural': 'تسرب فوق الجافية', 'disc;venous': 'تسرب إلى القرص + وريدي'}


def leak_ar(levels, leaks):
    parts = ['%s (%s)' % (LEAK[lk], lvl_ar(lv)) for lv, lk in zip(levels, leaks) if lk != 'none']
    return '، '.join(parts) if parts else rng.choice(['لا يوجد', 'لا يوجد', 'لا'])


errors = []
idents = []
SHEET = 'سجل المرضى'
wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
ws = wb.add_worksheet(SHEET)
ws.right_to_left()
base = {'font_name': 'Arial', 'reading_order': 2}
F = dict(
    title=wb.add_format(dict(base, bold=True, font_size=14, align='center')),
    sub=wb.add_format(dict(base, font_size=11, align='center')),
    grp=wb.add_format(dict(base, bold=True, align='center', valign='vcenter', border=1, bg_color='#C6E0B4')),
    grp2=wb.add_format(dict(base, bold=True, align='center', valign='vcenter', border=1, bg_color='#FFE699')),
    hdr=wb.add_format(dict(base, bold=True, text_wrap=True, align='center', valign='vcenter', border=1,
                           bg_color='#E2EFDA')),
    hdr2=wb.add_format(dict(base, bold=True, text_wrap=True, align='center', valign='vcenter', border=1,
                            bg_color='#FFF2CC')),
    c=wb.add_format(dict(base, border=1, align='center', valign='vcenter')),
    t=wb.add_format(dict(base, border=1, valign='vcenter', text_wrap=True)),
    dead=wb.add_format(dict(base, border=1, align='center', valign='vcenter', font_color='#C00000', bold=True)),
    note=wb.add_format(dict(base, font_size=10)),
)
ws.merge_range('A1:N1', 'مستشفى البصرة التعليمي - شعبة جراحة الجملة العصبية والأشعة التداخلية', F['title'])
ws.merge_range('A2:N2', 'سجل مرضى حقن الإسمنت العظمي في الفقرات (رأب الفقرة / رأب الحدبة بالبالون) للأعوام ' + ai('2021 - 2023'),
               F['sub'])
ws.merge_range('A3:N3', 'المسؤول عن السجل: د. حيدر عبد الأمير - آخر تحديث ' + ai('15/01/2024'), F['sub'])
idents.append(('name', 'حيدر عبد الأمير'))

HDR = ['ت', 'رمز الدراسة', 'الاسم الثلاثي', 'رقم الملف', 'رقم الهاتف', 'الجنس', 'العمر', 'التشخيص',
       'تاريخ العملية', 'نوع العملية', 'الفقرات المعالجة', 'كمية الإسمنت (مل)', 'نوع الإسمنت', 'تسرب الإسمنت',
       'VAS قبل العملية', 'VAS بعد ٢٤ ساعة', 'VAS بعد أسبوعين', 'VAS بعد ٣ أشهر', 'VAS بعد ٦ أشهر',
       'ODI % قبل العملية', 'ODI % بعد ٣ أشهر',
       'التاريخ', 'الفقرة', 'النوع', 'الإسمنت (مل)', 'التسرب', 'VAS قبل', 'VAS بعد أسبوعين', 'VAS بعد ٣ أشهر',
       'الحالة', 'الملاحظات']
C = {(('II:' + h) if 21 <= i <= 28 else h): i for i, h in enumerate(HDR)}
GR, HR = 4, 5
ws.merge_range(GR, 0, GR, 7, 'معلومات المريض', F['grp'])
ws.merge_range(GR, 8, GR, 13, 'العملية الأولى', F['grp'])
ws.merge_range(GR, 14, GR, 20, 'المتابعة (مقياس الألم ٠-١٠ / مؤشر أوزويستري)', F['grp'])
ws.merge_range(GR, 21, GR, 28, 'العملية الثانية (إعادة الحقن)', F['grp2'])
ws.merge_range(GR, 29, GR, 30, '', F['grp'])
for i, h in enumerate(HDR):
    ws.write(HR, i, h, F['hdr2'] if 21 <= i <= 28 else F['hdr'])
ws.set_row(HR, 48)
for i, wdt in enumerate([4, 9, 22, 10, 14, 6, 8, 24, 12, 16, 16, 10, 10, 22, 8, 8, 8, 8, 8, 8, 8,
                         12, 8, 14, 9, 16, 7, 8, 8, 10, 40]):
    ws.set_column(i, i, wdt)
ws.freeze_panes(HR + 1, 3)

single = [p for p in pts if len(p['s1']['levels']) == 1 and sum(p['s1']['vols']) != int(sum(p['s1']['vols']))]
err_vol = single[1]['pid']
lum = [p for p in pts if p['pid'] != err_vol and any(l == 'L5' or l == 'L4' for l in p['s1']['levels'])]
lum = lum or [p for p in pts if p['pid'] != err_vol and p['s1']['levels'][-1][0] == 'L']
err_lvl = lum[0]['pid']
vas_c = [p for p in pts if p['pid'] not in (err_vol, err_lvl) and '2w' in p['s1']['vas']]
err_vas = vas_c[3]['pid']
err_id = [p for p in pts if p['pid'] not in (err_vol, err_lvl, err_vas)][6]['pid']

r = HR + 1
used = set()
for n, p in enumerate(pts, 1):
    s1, s2 = p['s1'], p['s2']
    fem = p['sex'] == 'female'
    while True:
        name = '%s %s %s' % (rng.choice(F_FIRST if fem else M_FIRST), rng.choice(FATHERS), rng.choice(FATHERS))
        if name not in used and name.split()[1] != name.split()[-1]:
            used.add(name)
            break
    fileno = str(rng.randint(10000, 99999))
    phone = '07' + rng.choice(['70', '72', '80', '81', '50', '90']) + '%07d' % rng.randint(0, 9999999)
    idents += [('name', name), ('record_number', ai(fileno)), ('record_number', fileno),
               ('phone', ai(phone)), ('phone', phone)]
    ws.write(r, C['ت'], ai(n), F['c'])
    if p['pid'] == err_id:
        ws.write_blank(r, C['رمز الدراسة'], None, F['c'])
        errors.append([SHEET, cell(r, C['رمز الدراسة']), r + 1, 'رمز الدراسة', '',
                       'study ID missing (serial %d lies between %s and the next code); should be %s'
                       % (n, pts[n - 2]['pid'], p['pid']), p['pid']])
    else:
        ws.write(r, C['رمز الدراسة'], p['pid'], F['c'])
    ws.write(r, C['الاسم الثلاثي'], name, F['t'])
    ws.write(r, C['رقم الملف'], ai(fileno), F['c'])
    ws.write(r, C['رقم الهاتف'], ai(phone), F['c'])
    ws.write(r, C['الجنس'], 'أنثى' if fem else 'ذكر', F['c'])
    ws.write(r, C['العمر'], ai(p['age']) + (' سنة' if rng.random() < 0.3 else ''), F['c'])
    ws.write(r, C['التشخيص'], rng.choice(DIAG[p['etiology']]), F['t'])
    ws.write(r, C['تاريخ العملية'], date_ar(p['date0']), F['c'])
    ws.write(r, C['نوع العملية'], rng.choice(TECH[s1['tech']]), F['c'])
    lv_txt = [lvl_ar(l) for l in s1['levels']]
    if p['pid'] == err_lvl:
        lv_txt[-1] = 'ق٧'
    lvs = '، '.join(lv_txt)
    ws.write(r, C['الفقرات المعالجة'], lvs, F['c'])
    if p['pid'] == err_lvl:
        errors.append([SHEET, cell(r, C['الفقرات المعالجة']), r + 1, 'الفقرات المعالجة', lvs,
                       'impossible level ق٧ (L7 does not exist); operation note gives %s' % s1['levels'][-1], p['pid']])
    tot = sum(s1['vols'])
    if p['pid'] == err_vol:
        bad = ai('%g' % (tot * 10))
        ws.write(r, C['كمية الإسمنت (مل)'], bad, F['c'])
        errors.append([SHEET, cell(r, C['كمية الإسمنت (مل)']), r + 1, 'كمية الإسمنت (مل)', bad,
                       'cement %g ml for a single vertebra is impossible (decimal separator lost); should be %s'
                       % (tot * 10, ai('%g' % tot).replace('.', '٫')), p['pid']])
    else:
        ws.write(r, C['كمية الإسمنت (مل)'], num_ar(tot), F['c'])
    if rng.random() < 0.2:
        s1['ctype_out'] = ''
        ws.write_blank(r, C['نوع الإسمنت'], None, F['c'])
    else:
        ws.write(r, C['نوع الإسمنت'], rng.choice(['PMMA', 'PMMA', 'إسمنت عظمي PMMA']), F['c'])
    ws.write(r, C['تسرب الإسمنت'], leak_ar(s1['levels'], s1['leaks']), F['t'])

    def mark(m):
        return ('متوفى' if not fem else 'متوفية') if m == 'dead' else rng.choice(['لم يراجع', 'لم يراجع', 'لم تراجع' if fem else 'لم يراجع', '-'])

    for tp, col in (('pre', 'VAS قبل العملية'), ('24h', 'VAS بعد ٢٤ ساعة'), ('2w', 'VAS بعد أسبوعين'),
                    ('3m', 'VAS بعد ٣ أشهر'), ('6m', 'VAS بعد ٦ أشهر')):
        if tp in s1['vas']:
            v = s1['vas'][tp]
            if p['pid'] == err_vas and tp == '2w':
                ws.write(r, C[col], ai(12), F['c'])
                errors.append([SHEET, cell(r, C[col]), r + 1, col, ai(12),
                               'VAS 12 is outside the 0-10 scale (true value unknown)', p['pid']])
                del s1['vas'][tp]
                continue
            ws.write(r, C[col], num_ar(v), F['c'])
        else:
            m = s1['marks'][tp]
            ws.write(r, C[col], mark(m), F['dead'] if m == 'dead' else F['c'])
    for tp, col in (('pre', 'ODI % قبل العملية'), ('3m', 'ODI % بعد ٣ أشهر')):
        if tp in s1['odi']:
            ws.write(r, C[col], num_ar(s1['odi'][tp]), F['c'])
        else:
            ws.write_blank(r, C[col], None, F['c'])
    if s2:
        d2 = p['date0'] + dt.timedelta(days=s2['day'])
        ws.write(r, C['II:التاريخ'], date_ar(d2), F['c'])
        ws.write(r, C['II:الفقرة'], lvl_ar(s2['levels'][0]), F['c'])
        ws.write(r, C['II:النوع'], rng.choice(TECH[s2['tech']]), F['c'])
        ws.write(r, C['II:الإسمنت (مل)'], num_ar(s2['vols'][0]), F['c'])
        ws.write(r, C['II:التسرب'], leak_ar(s2['levels'], s2['leaks']), F['t'])
        s2['ctype_out'] = ''  # no cement-type column for the second operation
        for tp, col in (('pre', 'II:VAS قبل'), ('2w', 'II:VAS بعد أسبوعين'), ('3m', 'II:VAS بعد ٣ أشهر')):
            if tp in s2['vas']:
                ws.write(r, C[col], num_ar(s2['vas'][tp]), F['c'])
            else:
                m = s2['marks'][tp]
                ws.write(r, C[col], mark(m), F['dead'] if m == 'dead' else F['c'])
    else:
        for i in range(21, 29):
            ws.write_blank(r, i, None, F['c'])
    notes = []
    for d, l in p['fractures']:
        fd = p['date0'] + dt.timedelta(days=d)
        notes.append(rng.choice(['كسر جديد في الفقرة %s بتاريخ %s', 'ظهور كسر انضغاطي جديد %s (رنين مغناطيسي %s)'])
                     % (lvl_ar(l), date_ar(fd)))
    if s2:
        notes.append('أعيدت العملية' if fem else 'أعيدت له العملية')
    if p['died_day']:
        dd = p['date0'] + dt.timedelta(days=p['died_day'])
        notes.append(('توفيت بتاريخ %s' if fem else 'توفي بتاريخ %s') % date_ar(dd))
        ws.write(r, C['الحالة'], 'متوفية' if fem else 'متوفى', F['dead'])
    else:
        ws.write(r, C['الحالة'], 'حية' if fem else 'حي', F['c'])
    if p['etiology'] == 'pathologic':
        notes.append(rng.choice(['محال إلى مركز الأورام', 'أخذت خزعة أثناء العملية', 'يتلقى علاج كيميائي']))
    ws.write(r, C['الملاحظات'], ' - '.join(notes), F['t'])
    r += 1

r += 1
for line in ['ملاحظات: الفقرات الصدرية بحرف ص (مثلاً ص١٢ = T12) والقطنية بحرف ق (ق١ = L1).',
             'كمية الإسمنت هي المجموع الكلي للعملية بالمليلتر. مقياس الألم VAS من ٠ إلى ١٠.',
             '"لم يراجع" = لم يحضر للمتابعة. "متوفى" = توفي المريض قبل موعد المتابعة.',
             'متابعة العملية الثانية تحسب من تاريخ العملية الثانية.']:
    ws.write(r, 0, line, F['note'])
    r += 1
wb.close()

write_truth(pts, errors, idents, per_vertebra=False)
