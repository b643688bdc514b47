# ---------------------------------------------------------------------------
# shared cohort generator (copied verbatim into each site's make.py)
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365}
TP_JIT = {'pre': 0, '24h': 0, '1w': 2, '2w': 3, '6w': 5, '1m': 5, '3m': 10,
          '6m': 14, '12m': 20}


def gen_cohort(seed, n, first, last, tps, cutoff, kypho_p=0.5, cement=('PMMA',),
               cement_p=None, cement_blank_p=0.05, vas_step=1.0, odi_tps=(),
               mobility_tps=(), leak_mode='level', miss_p=0.12, p_second=0.6,
               vol_step=0.5):
    rng = random.Random(seed)
    pts = []
    span = (last - first).days
    for i in range(n):
        p = {'idx': i}
        p['sex'] = 'female' if rng.random() < 0.68 else 'male'
        et = rng.choices(['osteoporotic', 'metastasis', 'myeloma', 'traumatic',
                          'haemangioma'], [58, 16, 8, 13, 5])[0]
        if i == 1:
            et = 'metastasis'
        if i == 2:
            et = 'myeloma'
        p['et'] = et
        p['etiology'] = {'metastasis': 'pathologic', 'myeloma': 'pathologic',
                         'haemangioma': 'other'}.get(et, et)
        if et == 'osteoporotic':
            p['age'] = rng.randint(62, 90)
        elif et == 'traumatic':
            p['age'] = rng.randint(45, 80)
        else:
            p['age'] = rng.randint(50, 82)
        d0 = first + dt.timedelta(days=rng.randint(0, span))
        p['d0'] = d0
        # birth date consistent with age at first op
        by = d0.year - p['age'] - 1
        bd = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        if (d0 - bd).days // 365.2425 < p['age'] or True:
            # choose a birthday that gives exactly age
            while True:
                bd = dt.date(d0.year - p['age'] - rng.choice([0, 1]),
                             rng.randint(1, 12), rng.randint(1, 28))
                a = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
                if a == p['age']:
                    break
        p['birth'] = bd
        # --- session 1
        sessions = []

        def mk_session(sno, day, levels):
            tech = 'kyphoplasty' if rng.random() < kypho_p else 'vertebroplasty'
            vols = []
            for lv in levels:
                base = 2.5 if lv.startswith('T') and int(lv[1:]) < 10 else 3.5
                if tech == 'kyphoplasty':
                    base += 1.0
                v = base + rng.choice([-1.0, -0.5, 0, 0, 0.5, 1.0, 1.5])
                v = round(round(v / vol_step) * vol_step, 1)
                vols.append(v)
            if rng.random() < cement_blank_p:
                ct = ''
            else:
                ct = rng.choices(list(cement), cement_p)[0] if cement_p else cement[0]
            leaks = []
            opts = ['none'] * 14 + ['disc'] * 2 + ['venous'] * 2 + ['paravertebral', 'epidural', 'disc;venous']
            if leak_mode == 'session':
                if len(levels) == 1:
                    leaks = [rng.choice(opts)]
                else:
                    leaks = ['none'] * len(levels)
            else:
                leaks = [rng.choice(opts) for _ in levels]
            return {'session': sno, 'day': day, 'date': d0 + dt.timedelta(days=day),
                    'levels': levels, 'tech': tech, 'vols': vols, 'cement': ct,
                    'leaks': leaks}

        nlev = rng.choices([1, 2, 3], [60, 30, 10])[0]
        if p['etiology'] == 'pathologic':
            nlev = rng.choices([1, 2, 3], [40, 35, 25])[0]
        centre_pool = ['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'L4']
        c = LEVELS.index(rng.choice(centre_pool))
        c = min(c, LEVELS.index('L5') - nlev + 1)
        levels = LEVELS[c:c + nlev]
        sessions.append(mk_session(1, 0, levels))
        # --- new fracture / second op
        p['fractures'] = []
        if rng.random() < 0.3 or i == 3:
            fday = rng.randint(35, 300)
            lo, hi = LEVELS.index(levels[0]), LEVELS.index(levels[-1])
            cand = [LEVELS[lo - 1]] if lo - 1 >= LEVELS.index('T4') else []
            if hi + 1 <= LEVELS.index('L5'):
                cand.append(LEVELS[hi + 1])
            flv = rng.choice(cand)
            p['fractures'].append((fday, flv))
            if rng.random() < p_second or i == 3:
                sday = fday + rng.randint(5, 25)
                sessions.append(mk_session(2, sday, [flv]))
        p['sessions'] = sessions
        # --- death
        last_op = sessions[-1]['day']
        pdie = 0.45 if p['etiology'] == 'pathologic' else 0.08
        if i == 1:
            pdie = 1.0
        p['death_day'] = None
        if rng.random() < pdie:
            p['death_day'] = last_op + rng.randint(40, 330)
        p['died'] = p['death_day'] is not None and d0 + dt.timedelta(days=p['death_day']) <= cutoff
        if not p['died']:
            p['death_day'] = None
        p['fractures'] = [(fd, fl) for fd, fl in p['fractures']
                          if (p['death_day'] is None or fd < p['death_day'])
                          and d0 + dt.timedelta(days=fd) <= cutoff]
        # --- assessments
        p['visits'] = []   # dicts: session, tp, date, day, vals{}, missed
        for s in sessions:
            base = rng.choice([7, 7.5, 8, 8, 8.5, 9, 9, 10]) if vas_step == 0.5 else rng.choice([7, 8, 8, 9, 9, 10])
            odi0 = rng.randint(48, 82)
            for tp in tps:
                if tp == 'pre':
                    vday = s['day'] - rng.randint(0, 2)
                else:
                    vday = s['day'] + TP_DAYS[tp] + rng.randint(-TP_JIT[tp], TP_JIT[tp])
                vdate = d0 + dt.timedelta(days=vday)
                if vdate > cutoff:
                    continue
                if s['session'] == 1 and len(sessions) > 1 and tp != 'pre' and vday >= sessions[1]['day'] - 3:
                    continue
                if p['death_day'] is not None and vday >= p['death_day']:
                    p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                        'date': vdate, 'vals': {}, 'missed': False,
                                        'dead': True})
                    continue
                missed = tp not in ('pre', '24h') and rng.random() < miss_p
                vals = {}
                if not missed:
                    k = {'pre': 0, '24h': 1, '1w': 2, '2w': 2.5, '6w': 3, '1m': 3, '3m': 4,
                         '6m': 4.5, '12m': 5}[tp]
                    if tp == 'pre':
                        v = base
                    else:
                        drop = {1: 4, 2: 4.5, 2.5: 5, 3: 5, 4: 5.5, 4.5: 5.5, 5: 5.5}[k]
                        v = base - drop + rng.choice([-1, -0.5, 0, 0, 0.5, 1, 1.5])
                        if p['etiology'] == 'pathologic' and tp in ('6m', '12m'):
                            v += 1
                    v = max(0, min(10, round(v / vas_step) * vas_step))
                    vals['pain_vas'] = float(v)
                    if tp in odi_tps:
                        o = odi0 if tp == 'pre' else odi0 - rng.randint(14, 28) - (2 * k)
                        vals['odi'] = int(max(8, min(100, round(o))))
                    if tp in mobility_tps:
                        m = rng.choice([3, 3, 4]) if tp == 'pre' else max(0, rng.choice([3, 2, 2, 1]) - int(k // 2))
                        vals['mobility'] = int(m)
                p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                    'date': vdate, 'vals': vals, 'missed': missed,
                                    'dead': False})
        pts.append(p)
    return pts


def fmt_num(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%.1f' % v)


def write_truth(pts, errors, identifiers, vol_mode='level'):
    """vol_mode: 'level' -> per-vertebra volumes; 'session' -> session totals;
    or a callable(p, s) returning 'level'/'session'/'none'."""
    td = os.path.join(HERE, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            mode = vol_mode(p, s) if callable(vol_mode) else vol_mode
            tot = fmt_num(round(sum(s['vols']), 1))
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], s['session'], s['day'], lv, s['tech'],
                             fmt_num(v) if mode == 'level' else '',
                             tot if mode == 'session' else '',
                             s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    rows = []
    for p in pts:
        for v in p['visits']:
            for m in ('pain_vas', 'odi', 'mobility'):
                if m in v['vals']:
                    rows.append([p['pid'], v['session'], m, v['tp'], fmt_num(v['vals'][m])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pts for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v))
            ids.append([k, v])
    w('identifiers.csv', ['kind', 'value'], ids)


def col_letter(n):  # 1-based
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------

# ===========================================================================
# Mashhad: one row per patient, Persian, Solar Hijri dates, 2nd op block
# ===========================================================================
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side

SEED = 2622
rng = random.Random(SEED + 1)
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
pts = gen_cohort(SEED, 18, dt.date(2020, 4, 1), dt.date(2022, 3, 15), TPS,
                 cutoff=dt.date(2023, 1, 4), kypho_p=0.35, cement=('PMMA',),
                 cement_blank_p=0.15, odi_tps=('pre', '3m'), leak_mode='session',
                 miss_p=0.12)
pts.sort(key=lambda p: p['d0'])
for i, p in enumerate(pts):
    p['idx'] = i
    p['pid'] = 'MS-%03d' % (i + 1)

# Nowruz (1 Farvardin) in the Gregorian calendar
NOWRUZ = {1397: dt.date(2018, 3, 21), 1398: dt.date(2019, 3, 21), 1399: dt.date(2020, 3, 20),
          1400: dt.date(2021, 3, 21), 1401: dt.date(2022, 3, 21), 1402: dt.date(2023, 3, 21),
          1403: dt.date(2024, 3, 20)}


def g2j(d):
    y = max(k for k, v in NOWRUZ.items() if v <= d)
    n = (d - NOWRUZ[y]).days
    if n < 186:
        return y, n // 31 + 1, n % 31 + 1
    n -= 186
    return y, n // 30 + 7, n % 30 + 1


PD = str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹')


def fa(s):
    return str(s).translate(PD)


def jdate(d, style=None):
    y, m, dd = g2j(d)
    if style is None:
        style = rng.choice(['dot', 'dot', 'fa', 'fa', 'fa0', 'slash'])
    if style == 'dot':
        return '%d.%d.%d' % (y, m, dd)
    if style == 'fa':
        return fa('%d/%02d/%02d' % (y, m, dd))
    if style == 'fa0':
        return fa('%d/%d/%d' % (y, m, dd))
    return '%d/%02d/%02d' % (y, m, dd)


def num(v, allow_fa=True):
    t = fmt_num(v)
    if allow_fa and rng.random() < 0.45:
        return fa(t).replace('.', '٫')
    return t


def levels_txt(levels):
    if len(levels) == 1:
        return levels[0]
    if len(levels) == 2:
        return rng.choice(['%s-%s', '%s و %s', '%s, %s']) % tuple(levels)
    return rng.choice(['%s-%s' % (levels[0], levels[-1]), '، '.join(levels)])


ET_FA = {'osteoporotic': ['استئوپروز', 'استئوپروتیک'],
         'metastasis': ['متاستاز (سرطان پستان)', 'متاستاز (ریه)', 'متاستاز پروستات'],
         'myeloma': ['مولتیپل میلوما'],
         'traumatic': ['تروما (سقوط از ارتفاع)', 'تصادف'],
         'haemangioma': ['همانژیوم مهره']}
LEAK_FA = {'none': ['ندارد', 'ندارد', 'خیر'], 'disc': ['دیسک'], 'venous': ['وریدی'],
           'paravertebral': ['پاراورتبرال'], 'epidural': ['اپیدورال'],
           'disc;venous': ['دیسک + وریدی']}
FIRST_F = ['فاطمه', 'زهرا', 'معصومه', 'سکینه', 'طاهره', 'کبری', 'صغری', 'مریم', 'اشرف', 'رقیه']
FIRST_M = ['محمد', 'علی', 'حسین', 'رضا', 'غلامرضا', 'عباس', 'حسن', 'مهدی']
LAST = ['رضایی', 'محمدی', 'حسینی', 'احمدی', 'کریمی', 'موسوی', 'جعفری', 'قاسمی', 'نوری',
        'خراسانی', 'صادقی', 'رحیمی', 'عطاری', 'یزدانی', 'طوسی', 'نیشابوری', 'فرهادی', 'سبزواری']

used = set()


def pick(cond):
    for p in pts[4:]:
        if p['pid'] not in used and cond(p):
            used.add(p['pid'])
            return p
    raise RuntimeError


e_vol = pick(lambda p: len(p['sessions'][0]['levels']) == 1)
e_vas = pick(lambda p: any(v['tp'] == '1m' and 'pain_vas' in v['vals'] and v['session'] == 1 for v in p['visits']))
e_date = pick(lambda p: 7 <= g2j(p['d0'])[1] <= 11 and len(p['sessions']) == 1)
e_id = pick(lambda p: True)

wb = Workbook()
ws = wb.active
ws.title = 'بیماران'
ws.sheet_view.rightToLeft = True
thin = Side(style='thin', color='808080')
BOX = Border(left=thin, right=thin, top=thin, bottom=thin)
PAT = ['ردیف', 'کد بیمار', 'نام و نام خانوادگی', 'شماره پرونده', 'کد ملی', 'تلفن همراه',
       'جنس', 'سن', 'علت شکستگی']
OP = ['تاریخ عمل', 'سطح', 'نوع عمل', 'حجم سیمان (سی‌سی)', 'نوع سیمان', 'نشت سیمان',
      'VAS قبل', 'VAS ۲۴ ساعت', 'VAS ۱ ماه', 'VAS ۳ ماه', 'VAS ۶ ماه', 'VAS ۱۲ ماه',
      'ODI قبل', 'ODI ۳ ماه']
TAIL = ['شکستگی جدید', 'وضعیت', 'تاریخ فوت', 'توضیحات']
TPCOL = {'pre': 'VAS قبل', '24h': 'VAS ۲۴ ساعت', '1m': 'VAS ۱ ماه', '3m': 'VAS ۳ ماه',
         '6m': 'VAS ۶ ماه', '12m': 'VAS ۱۲ ماه'}
ODICOL = {'pre': 'ODI قبل', '3m': 'ODI ۳ ماه'}
c1 = len(PAT) + 1
c2 = c1 + len(OP)
c3 = c2 + len(OP)
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=c3 + len(TAIL) - 1)
ws['A1'] = 'بیمارستان امام رضا (ع) مشهد - بخش جراحی مغز و اعصاب - ثبت بیماران ورتبروپلاستی و کایفوپلاستی'
ws['A1'].font = Font(bold=True, size=14)
ws['A1'].alignment = Alignment(horizontal='center')
ws['A2'] = 'آخرین به‌روزرسانی: ' + fa('1401/10/14') + '  -  مسئول ثبت: دستیار سال ۳'
for (a, b, title, color) in [(1, c1 - 1, 'مشخصات بیمار', 'D9D9D9'), (c1, c2 - 1, 'عمل اول', 'DDEBF7'),
                             (c2, c3 - 1, 'عمل دوم', 'FCE4D6'), (c3, c3 + len(TAIL) - 1, 'پیگیری', 'E2EFDA')]:
    ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
    c = ws.cell(row=3, column=a, value=title)
    c.font = Font(bold=True, size=12)
    c.alignment = Alignment(horizontal='center')
    c.fill = PatternFill('solid', fgColor=color)
    for j, h in enumerate(PAT if a == 1 else OP if a in (c1, c2) else TAIL):
        cc = ws.cell(row=4, column=a + j, value=h)
        cc.font = Font(bold=True)
        cc.fill = PatternFill('solid', fgColor=color)
        cc.border = BOX
        cc.alignment = Alignment(wrap_text=True, horizontal='center')

errors, ids = [], []
r = 5
for k, p in enumerate(pts):
    name = '%s %s' % (rng.choice(FIRST_F if p['sex'] == 'female' else FIRST_M), LAST[k % len(LAST)])
    fileno = str(rng.randint(300000, 999999))
    nid = '%03d%07d' % (rng.choice([92, 93, 94, 95, 96, 81, 72]), rng.randint(0, 9999999))
    nid = nid[:10]
    phone = '0915' + '%07d' % rng.randint(0, 9999999)
    vals = [fa(k + 1) if rng.random() < 0.5 else k + 1, p['pid'], name,
            fa(fileno) if rng.random() < 0.4 else fileno,
            fa(nid) if rng.random() < 0.5 else nid,
            fa(phone) if rng.random() < 0.5 else phone,
            'زن' if p['sex'] == 'female' else 'مرد',
            fa(p['age']) if rng.random() < 0.5 else p['age'],
            rng.choice(ET_FA[p['et']])]
    if p is e_id:
        vals[1] = None
        errors.append(['بیماران', 'B%d' % r, r, 'کد بیمار', '',
                       'study code missing (row %d of the register); should be %s' % (k + 1, p['pid']), p['pid']])
    for j, v in enumerate(vals, 1):
        ws.cell(row=r, column=j, value=v)
    ids += [('name', name), ('medical_record_number', str(vals[3])), ('national_id', str(vals[4])),
            ('phone', str(vals[5]))]
    for s in p['sessions']:
        base = c1 if s['session'] == 1 else c2
        ci = {h: base + j for j, h in enumerate(OP)}
        d = s['date']
        if p is e_date and s['session'] == 1:
            y, m, dd = g2j(d)
            bad = '%d/%02d/31' % (y, m)
            ws.cell(row=r, column=ci['تاریخ عمل'], value=bad)
            errors.append(['بیماران', '%s%d' % (col_letter(ci['تاریخ عمل']), r), r, 'تاریخ عمل', bad,
                           'impossible Solar Hijri date: month %d has only 30 days; operation was %s' % (m, jdate(d, 'slash')),
                           p['pid']])
        else:
            ws.cell(row=r, column=ci['تاریخ عمل'], value=jdate(d))
        ws.cell(row=r, column=ci['سطح'], value=levels_txt(s['levels']))
        ws.cell(row=r, column=ci['نوع عمل'], value=rng.choice(
            ['کایفوپلاستی', 'KP'] if s['tech'] == 'kyphoplasty' else ['ورتبروپلاستی', 'ورتبروپلاستی', 'VP']))
        tot = round(sum(s['vols']), 1)
        if p is e_vol and s['session'] == 1:
            bad = fmt_num(tot * 10)
            ws.cell(row=r, column=ci['حجم سیمان (سی‌سی)'], value=bad)
            errors.append(['بیماران', '%s%d' % (col_letter(ci['حجم سیمان (سی‌سی)']), r), r, 'حجم سیمان (سی‌سی)', bad,
                           'cement %s cc for a single vertebra (%s) is impossible - decimal point lost; should be %s cc' % (bad, s['levels'][0], fmt_num(tot)),
                           p['pid']])
        else:
            t = num(tot)
            if rng.random() < 0.2:
                t = t + ' cc'
            ws.cell(row=r, column=ci['حجم سیمان (سی‌سی)'], value=t)
        ws.cell(row=r, column=ci['نوع سیمان'], value=s['cement'] or None)
        ws.cell(row=r, column=ci['نشت سیمان'], value=rng.choice(LEAK_FA[s['leaks'][0]]))
        for v in p['visits']:
            if v['session'] != s['session']:
                continue
            col = ci[TPCOL[v['tp']]]
            if v['dead']:
                ws.cell(row=r, column=col, value='فوت')
                continue
            if v['missed']:
                ws.cell(row=r, column=col, value=rng.choice(['مراجعه نکرد', 'مراجعه نکرد', '-']))
                continue
            vas = v['vals']['pain_vas']
            if p is e_vas and v['tp'] == '1m' and s['session'] == 1:
                ws.cell(row=r, column=col, value=12)
                errors.append(['بیماران', '%s%d' % (col_letter(col), r), r, TPCOL[v['tp']], '12',
                               'VAS 12 is outside the 0-10 scale; should be %s' % fmt_num(vas), p['pid']])
            else:
                ws.cell(row=r, column=col, value=fa(int(vas)) if rng.random() < 0.4 else int(vas))
            if 'odi' in v['vals']:
                ws.cell(row=r, column=ci[ODICOL[v['tp']]], value=num(v['vals']['odi']))
    if p['fractures']:
        ws.cell(row=r, column=c3, value='، '.join('%s در %s' % (lv, jdate(p['d0'] + dt.timedelta(days=d)))
                                                 for d, lv in p['fractures']))
    else:
        ws.cell(row=r, column=c3, value='ندارد')
    if p['died']:
        ws.cell(row=r, column=c3 + 1, value='فوت شده')
        ws.cell(row=r, column=c3 + 2, value=jdate(p['d0'] + dt.timedelta(days=p['death_day'])))
        for j in range(1, c3 + 4):
            ws.cell(row=r, column=j).fill = PatternFill('solid', fgColor='D9D9D9')
    else:
        ws.cell(row=r, column=c3 + 1, value='زنده')
    note = []
    if len(p['sessions']) > 1:
        note.append('عمل دوم به علت شکستگی جدید')
    if p['et'] == 'metastasis':
        note.append('ارجاع به رادیوتراپی')
    if note:
        ws.cell(row=r, column=c3 + 3, value='؛ '.join(note))
    for j in range(1, c3 + 4):
        ws.cell(row=r, column=j).border = BOX
    r += 1
ws.cell(row=r + 1, column=1, value='راهنما: VAS از ۰ تا ۱۰ - ODI به درصد - «مراجعه نکرد» یا «-» یعنی بیمار در آن نوبت نیامده - ردیف خاکستری = بیمار فوت شده')
ws.cell(row=r + 2, column=1, value='پیگیری‌های عمل دوم از تاریخ عمل دوم حساب می‌شود. سطح «T11-L1» یعنی همه مهره‌ها از T11 تا L1.')
ws.freeze_panes = 'D5'
for j in range(1, c3 + 4):
    ws.column_dimensions[col_letter(j)].width = 13
wb.save(os.path.join(HERE, 'input.xlsx'))
write_truth(pts, errors, ids, vol_mode='session')
print('mashhad: %d patients, %d errors' % (len(pts), len(errors)))
