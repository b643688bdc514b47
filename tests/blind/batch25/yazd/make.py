#!/usr/bin/env python3
"""Yazd (Iran) - one sheet, two tables: procedures on top, follow-up visits below.

Persian (Arabic script), Solar Hijri dates, Persian and Latin digits mixed.
Writes input.xlsx and truth/.  Deterministic (fixed seed).
Run:  /work/blindenv/bin/python make.py
"""
import csv
import datetime as dt
import os
import random

import xlsxwriter

SEED = 25002
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(SEED)
D = dt.date
CUTOFF = D(2023, 6, 21)      # 1402/03/31


# --------------------------------------------------------------------------
# calendar and digits
def g2j(g):
    gy, gm, gd = g.year, g.month, g.day
    g_d_m = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    gy2 = gy + 1 if gm > 2 else gy
    days = (355666 + 365 * gy + (gy2 + 3) // 4 - (gy2 + 99) // 100 + (gy2 + 399) // 400
            + gd + g_d_m[gm - 1])
    jy = -1595 + 33 * (days // 12053)
    days %= 12053
    jy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        jy += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        jm, jd = 1 + days // 31, 1 + days % 31
    else:
        jm, jd = 7 + (days - 186) // 30, 1 + (days - 186) % 30
    return jy, jm, jd


assert g2j(D(2022, 3, 21)) == (1401, 1, 1) and g2j(D(2023, 3, 21)) == (1402, 1, 1)
assert g2j(D(2021, 9, 23)) == (1400, 7, 1)

FA = str.maketrans('0123456789.', '۰۱۲۳۴۵۶۷۸۹٫')


def fa(s):
    return str(s).translate(FA)


def jdate(g, persian=True, pad=True):
    y, m, d = g2j(g)
    s = '%d/%02d/%02d' % (y, m, d) if pad else '%d/%d/%d' % (y, m, d)
    return fa(s) if persian else s


def num_txt(x, persian):
    s = '%g' % x
    return fa(s) if persian else s


# --------------------------------------------------------------------------
SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = {'T6': 1, 'T7': 2, 'T8': 3, 'T9': 4, 'T10': 5, 'T11': 10,
           'T12': 15, 'L1': 15, 'L2': 9, 'L3': 6, 'L4': 4, 'L5': 2}
TPS = ['pre', '24h', '2w', '3m', '6m', '12m']
TP_DAY = {'pre': 0, '24h': 1, '2w': 14, '3m': 91, '6m': 182, '12m': 365}
TP_LABEL = {'pre': 'قبل از عمل', '24h': '۲۴ ساعت بعد از عمل', '2w': '۲ هفته',
            '3m': '۳ ماه', '6m': '۶ ماه', '12m': '۱ سال'}
ODI_TPS = ['pre', '3m', '6m', '12m']

FEM = ['فاطمه', 'زهرا', 'معصومه', 'اشرف', 'صدیقه', 'طاهره', 'بتول', 'کبری', 'مهین',
       'عفت', 'رباب', 'شهین', 'پروین', 'منیژه', 'اقدس', 'ملوک']
MAL = ['محمدعلی', 'حسین', 'غلامرضا', 'عباس', 'علی‌اکبر', 'محمود', 'جواد', 'اکبر',
       'رضا', 'احمد', 'مهدی', 'حسن', 'ماشاالله', 'یدالله']
SUR = ['دهقان', 'زارع', 'فلاحتی', 'میرجلیلی', 'شریفی', 'ابوالحسنی', 'مختاری', 'یزدانی',
       'کمالی', 'حیدری', 'اکرمی', 'ملک‌ثابت', 'فتوحی', 'مروتی', 'طالبی', 'بافقی',
       'اردکانی', 'میبدی', 'دهقانی‌زاده', 'خبیری', 'تفتی', 'عقدایی']

LEAK_TXT = {'none': ['ندارد', 'ندارد', 'ندارد', 'خیر', 'نداشت'],
            'disc': ['نشت به دیسک', 'دیسک', 'نشت دیسکال'],
            'venous': ['وریدی', 'نشت وریدی (پاراورتبرال ونوس)'],
            'paravertebral': ['پاراورتبرال', 'نشت به بافت نرم پاراورتبرال'],
            'epidural': ['اپیدورال'],
            'foraminal': ['فورامینال']}


def pick_level(exclude):
    c = [lv for lv in LEVEL_W if lv not in exclude]
    return rng.choices(c, weights=[LEVEL_W[lv] for lv in c])[0]


def neighbour(lv, exclude):
    i = SPINE.index(lv)
    c = [SPINE[j] for j in (i - 1, i + 1) if 0 <= j < len(SPINE)
         and SPINE[j] in LEVEL_W and SPINE[j] not in exclude]
    return rng.choice(c) if c else pick_level(exclude)


def cement_for(lv, tech):
    base = [2.5, 3.0, 3.0, 3.5, 4.0] if lv in ('T6', 'T7', 'T8', 'T9', 'T10') else \
        [3.0, 3.5, 4.0, 4.0, 4.5, 5.0, 5.5, 6.0]
    v = rng.choice(base)
    return v + (0.5 if tech == 'kyphoplasty' and rng.random() < 0.5 else 0)


def leak():
    r = rng.random()
    if r < 0.64:
        return ['none']
    if r < 0.80:
        return ['disc']
    if r < 0.88:
        return ['venous']
    if r < 0.94:
        return ['paravertebral']
    if r < 0.97:
        return ['disc', 'paravertebral']
    return [rng.choice(['epidural', 'foraminal'])]


def trajectories():
    pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
    pain = {'pre': pre}
    cur = pre
    for tp, drop in (('24h', (2, 3, 4, 4, 5)), ('2w', (0, 1, 1, 2)), ('3m', (0, 1, 1, 2)),
                     ('6m', (0, 0, 1)), ('12m', (-1, 0, 0, 1))):
        cur = max(0, min(10, cur - rng.choice(drop)))
        if tp in ('2w', '3m') and 0 < cur < 10 and rng.random() < 0.12:
            cur += 0.5
        pain[tp] = cur
    o = rng.randrange(40, 88, 2)
    odi = {'pre': o}
    for tp, drop in (('3m', (16, 20, 24, 28)), ('6m', (0, 2, 4, 6)), ('12m', (-4, 0, 2, 4))):
        o = max(4, o - rng.choice(drop))
        odi[tp] = o
    return pain, odi


def national_code(prefix):
    d = [int(c) for c in prefix] + [rng.randint(0, 9) for _ in range(9 - len(prefix))]
    s = sum(d[i] * (10 - i) for i in range(9)) % 11
    return ''.join(map(str, d)) + str(s if s < 2 else 11 - s)


N = 22
sexes = ['F'] * 15 + ['M'] * 7
rng.shuffle(sexes)
etios = ['osteoporotic'] * 15 + ['pathologic'] * 4 + ['traumatic'] * 3
rng.shuffle(etios)
second_idx = set(rng.sample(range(N), 3))
dead_idx = set(rng.sample([i for i in range(N) if i not in second_idx], 3))
extra_frac_idx = set(rng.sample([i for i in range(N) if i not in dead_idx and i not in second_idx], 1))

patients = []
used = set()
for i in range(N):
    sex, etio = sexes[i], etios[i]
    age = rng.randint(57, 88) if etio == 'osteoporotic' else (
        rng.randint(44, 76) if etio == 'pathologic' else rng.randint(29, 63))
    while True:
        nm = '%s %s' % (rng.choice(FEM if sex == 'F' else MAL), rng.choice(SUR))
        if nm not in used:
            used.add(nm)
            break
    d0 = D(2021, 4, 1) + dt.timedelta(days=rng.randint(0, 420 if i in second_idx else 620))
    p = dict(pid='YZ-%02d' % (i + 1), sex=sex, age=age, etio=etio, name=nm, d0=d0,
             file=str(rng.randint(310000, 689999)),
             nid=national_code(rng.choice(['443', '444', '445', '446'])),
             phone='0913%07d' % rng.randint(1000000, 9999999),
             sessions=[], fractures=[], death_day=None)
    lv1 = pick_level(set())
    levels = [lv1]
    if rng.random() < 0.27:
        levels.append(neighbour(lv1, set(levels)))
        levels.sort(key=SPINE.index)
    tech = 'kyphoplasty' if rng.random() < 0.3 else 'vertebroplasty'
    p['sessions'].append(dict(day=0, levels=levels, tech=tech))
    if i in second_idx:
        fday = rng.randint(90, 300)
        newlv = neighbour(rng.choice(levels), set(levels))
        p['fractures'].append((fday, newlv))
        p['sessions'].append(dict(day=fday + rng.randint(5, 20), levels=[newlv],
                                  tech=rng.choice(['vertebroplasty', 'kyphoplasty'])))
    if i in extra_frac_idx:
        taken = set(levels)
        fday = rng.randint(100, 300)
        p['fractures'].append((fday, neighbour(levels[0], taken)))
    if i in dead_idx:
        p['death_day'] = min(rng.randint(40, 300), (CUTOFF - d0).days - 15)
    for s in p['sessions']:
        s['date'] = d0 + dt.timedelta(days=s['day'])
        s['cement'] = {lv: cement_for(lv, s['tech']) for lv in s['levels']}
        s['leak'] = {lv: leak() for lv in s['levels']}
        s['pain'], s['odi'] = trajectories()
    p['fractures'].sort()
    assert all(s['date'] < CUTOFF for s in p['sessions'])
    patients.append(p)

for p in patients:
    for k, s in enumerate(p['sessions']):
        nxt = p['sessions'][k + 1]['day'] if k + 1 < len(p['sessions']) else None
        s['visit'] = {}
        for tp in TPS:
            vday = s['day'] + TP_DAY[tp] + (0 if tp in ('pre', '24h') else rng.randint(-3, 10))
            vdate = p['d0'] + dt.timedelta(days=vday)
            if tp in ('pre', '24h'):
                st = 'ok'
            elif p['death_day'] is not None and vday >= p['death_day']:
                st = 'dead'
            elif nxt is not None and vday >= nxt:
                st = 'next'
            elif vdate > CUTOFF:
                st = 'notdue'
            else:
                r = rng.random()
                st = 'missed' if r < 0.09 else ('absent' if r < 0.13 else 'ok')
            s['visit'][tp] = (st, vday, vdate)
# new fractures treated without surgery: noted on the first visit after the MRI
for p in patients:
    p['fnotes'] = {}
    for fday, flv in p['fractures']:
        if any(ss['levels'] == [flv] for ss in p['sessions']):
            continue
        s = p['sessions'][0]
        for tp in TPS:
            st, vday, vdate = s['visit'][tp]
            if st == 'ok' and vday >= fday:
                p['fnotes'][tp] = 'شکستگی جدید %s در MRI مورخ %s - درمان دارویی و بریس' % (
                    flv, jdate(p['d0'] + dt.timedelta(days=fday)))
                break
        assert p['fnotes'], p['pid']

# --------------------------------------------------------------------------
# rows of the procedures table, in date order (as entered over time)
proc_rows = []
for p in patients:
    for k, s in enumerate(p['sessions']):
        for j, lv in enumerate(s['levels']):
            proc_rows.append((s['date'], p['pid'], k, j, p, s, lv))
proc_rows.sort(key=lambda t: (t[0], t[1], t[3]))

# planted errors
two = [t for t in proc_rows if t[3] == 1 and t[2] == 0]
ERR_MISSING_ID = (two[1][1], two[1][2], two[1][3])
t12 = [t for t in proc_rows if t[6] == 'T12' and t[1] != two[1][1]]
ERR_LEVEL = (t12[0][1], t12[0][2], t12[0][3])
ERR_VAS = None
ERR_DATE = None

wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
wb.set_properties({'title': 'ثبت بیماران ورتبروپلاستی', 'author': 'NS ward',
                   'created': dt.datetime(2023, 6, 24, 10, 5, 0)})
ws = wb.add_worksheet('ثبت بیماران')
ws.right_to_left()
F = dict(
    title=wb.add_format({'bold': True, 'font_size': 13, 'font_name': 'B Nazanin'}),
    hdr=wb.add_format({'bold': True, 'bg_color': '#FCE4D6', 'border': 1, 'text_wrap': True,
                       'align': 'center', 'valign': 'vcenter', 'font_name': 'B Nazanin'}),
    hdr2=wb.add_format({'bold': True, 'bg_color': '#E2EFDA', 'border': 1, 'text_wrap': True,
                        'align': 'center', 'valign': 'vcenter', 'font_name': 'B Nazanin'}),
    c=wb.add_format({'border': 1, 'font_name': 'B Nazanin', 'align': 'center'}),
    note=wb.add_format({'italic': True, 'font_name': 'B Nazanin'}),
)


def col(c):
    return chr(ord('A') + c)


errors = []
proc_truth = []
assess_truth = []
ident = []

ws.write_string(0, 0, 'بیمارستان شهید صدوقی یزد - بخش جراحی مغز و اعصاب - ثبت بیماران '
                'ورتبروپلاستی / کایفوپلاستی (VP / KP)', F['title'])
ws.write_string(1, 0, 'آخرین به‌روزرسانی: ۱۴۰۲/۰۳/۳۱', F['note'])
PH = ['ردیف', 'کد بیمار', 'نام و نام خانوادگی', 'شماره پرونده', 'کد ملی', 'تلفن همراه', 'جنس',
      'سن', 'تشخیص', 'تاریخ عمل', 'نوع عمل', 'سطح (Level)', 'حجم سیمان (cc)', 'نوع سیمان',
      'نشت سیمان', 'توضیحات']
HR = 3
for c, h in enumerate(PH):
    ws.write_string(HR, c, h, F['hdr'])
ws.set_row(HR, 32)
for c, w in enumerate([5, 9, 20, 11, 13, 14, 6, 7, 24, 12, 11, 9, 11, 9, 22, 38]):
    ws.set_column(c, c, w)

DX = {}
for p in patients:
    if p['etio'] == 'osteoporotic':
        DX[p['pid']] = rng.choice(['استئوپروز', 'استئوپروز', 'شکستگی استئوپروتیک',
                                   'استئوپروز (OP)'])
    elif p['etio'] == 'pathologic':
        DX[p['pid']] = rng.choice(['متاستاز (کانسر پستان)' if p['sex'] == 'F'
                                   else 'متاستاز (کانسر پروستات)',
                                   'مولتیپل میلوما (MM)', 'متاستاز - کانسر ریه'])
    else:
        DX[p['pid']] = rng.choice(['تروما - تصادف موتور', 'تروما (سقوط از ارتفاع)',
                                   'تروما - زمین خوردن'])

seen_ident = set()
r = HR + 1
for n, (date, pid, k, j, p, s, lv) in enumerate(proc_rows):
    persian = rng.random() < 0.6
    ws.write_number(r, 0, n + 1, F['c'])
    if (pid, k, j) == ERR_MISSING_ID:
        ws.write_blank(r, 1, None, F['c'])
        errors.append(['ثبت بیماران', 'B%d' % (r + 1), r + 1, 'کد بیمار', '',
                       'study ID missing on the 2nd-vertebra row of a two-level session '
                       '(name, file number and date identify the patient)', pid])
    else:
        ws.write_string(r, 1, pid, F['c'])
    ws.write_string(r, 2, p['name'], F['c'])
    if persian:
        ws.write_string(r, 3, fa(p['file']), F['c'])
    else:
        ws.write_number(r, 3, int(p['file']), F['c'])
    nid = fa(p['nid']) if persian else p['nid']
    ws.write_string(r, 4, nid, F['c'])
    ph = fa(p['phone']) if persian else p['phone'][:4] + ' ' + p['phone'][4:7] + ' ' + p['phone'][7:]
    ws.write_string(r, 5, ph, F['c'])
    for kind, val in (('name', p['name']), ('record_number', fa(p['file']) if persian else p['file']),
                      ('national_id', nid), ('phone', ph)):
        if (kind, val) not in seen_ident:
            seen_ident.add((kind, val))
            ident.append((kind, val))
    ws.write_string(r, 6, 'زن' if p['sex'] == 'F' else 'مرد', F['c'])
    if persian:
        ws.write_string(r, 7, fa(p['age']) + (' سال' if rng.random() < 0.3 else ''), F['c'])
    else:
        ws.write_number(r, 7, p['age'], F['c'])
    ws.write_string(r, 8, DX[pid], F['c'])
    ws.write_string(r, 9, jdate(s['date'], persian, pad=persian or rng.random() < 0.5), F['c'])
    ws.write_string(r, 10, ('KP' if s['tech'] == 'kyphoplasty' else 'VP') if rng.random() < 0.75
                    else ('کایفوپلاستی' if s['tech'] == 'kyphoplasty' else 'ورتبروپلاستی'), F['c'])
    lvt = lv
    if (pid, k, j) == ERR_LEVEL:
        lvt = 'T21'
        errors.append(['ثبت بیماران', 'L%d' % (r + 1), r + 1, 'سطح (Level)', 'T21',
                       'impossible vertebral level T21 (digits swapped; the vertebra is T12)',
                       pid])
    ws.write_string(r, 11, lvt, F['c'])
    v = s['cement'][lv]
    rr = rng.random()
    if persian:
        ws.write_string(r, 12, num_txt(v, True) + (' سی‌سی' if rr < 0.2 else ''), F['c'])
    elif rr < 0.25:
        ws.write_string(r, 12, '%gcc' % v, F['c'])
    else:
        ws.write_number(r, 12, v, F['c'])
    ws.write_string(r, 13, 'PMMA', F['c'])
    lk = s['leak'][lv]
    lt = 'دیسک + پاراورتبرال' if lk == ['disc', 'paravertebral'] else rng.choice(LEAK_TXT[lk[0]])
    ws.write_string(r, 14, lt, F['c'])
    note = []
    if k >= 1 and j == 0:
        fday, flv = [f for f in p['fractures'] if f[1] == lv][0]
        note.append('عمل دوم - شکستگی جدید %s (MRI مورخ %s)' % (
            flv, jdate(p['d0'] + dt.timedelta(days=fday))))
    if j == 0 and k == 0 and len(s['levels']) == 2:
        note.append('دو سطح')
    if j == 0 and rng.random() < 0.15:
        note.append(rng.choice(['بیهوشی عمومی', 'بی‌حسی موضعی + سدیشن', 'ترخیص روز بعد',
                                'بیوپسی همزمان']))
    ws.write_string(r, 15, '، '.join(note), F['c'])
    proc_truth.append([pid, k + 1, s['day'], lv, s['tech'], '%g' % v, '', 'PMMA', ';'.join(lk)])
    r += 1
proc_end = r

# gap of blank rows, then the follow-up table
r += 4
ws.write_string(r, 0, 'جدول پیگیری (Follow-up) - نمره درد VAS از ۰ تا ۱۰ ، ODI به درصد',
                F['title'])
r += 1
FH = ['ردیف', 'کد بیمار', 'عمل', 'نوبت پیگیری', 'تاریخ مراجعه', 'VAS', 'ODI (%)', 'توضیحات']
for c, h in enumerate(FH):
    ws.write_string(r, c, h, F['hdr2'])
FHR = r
r += 1

# choose the VAS and date errors among rows that will be written
vas_cands = [(p['pid'], k) for p in patients for k, s in enumerate(p['sessions'])
             if s['visit']['2w'][0] == 'ok' and s['pain']['2w'] in (1, 2, 3) and k == 0]
ERR_VAS = vas_cands[2]
date_cands = [(p['pid'], k) for p in patients for k, s in enumerate(p['sessions'])
              if s['visit']['3m'][0] == 'ok' and k == 0 and (p['pid'], k) != ERR_VAS]
ERR_DATE = date_cands[4]

n = 0
SES = {0: 'اول', 1: 'دوم'}
for p in patients:
    pid = p['pid']
    for k, s in enumerate(p['sessions']):
        for tp in TPS:
            st, vday, vdate = s['visit'][tp]
            if st in ('notdue', 'absent', 'next'):
                continue
            n += 1
            persian = rng.random() < 0.55
            ws.write_number(r, 0, n, F['c'])
            ws.write_string(r, 1, pid, F['c'])
            ws.write_string(r, 2, SES[k], F['c'])
            ws.write_string(r, 3, TP_LABEL[tp], F['c'])
            note = ''
            if st == 'ok':
                if (pid, k) == ERR_DATE and tp == '3m':
                    y, m, d = g2j(vdate)
                    bad = fa('%d/%02d/%02d' % (y - 1, m, d)) if persian else '%d/%02d/%02d' % (y - 1, m, d)
                    ws.write_string(r, 4, bad, F['c'])
                    errors.append(['ثبت بیماران', 'E%d' % (r + 1), r + 1, 'تاریخ مراجعه', bad,
                                   '3-month visit dated %d/%02d/%02d, before the operation of %s '
                                   '(year typed wrong, should be %d)' % (
                                       y - 1, m, d, jdate(s['date'], False), y), pid])
                elif tp == 'pre':
                    ws.write_string(r, 4, jdate(vdate, persian), F['c'])
                else:
                    ws.write_string(r, 4, jdate(vdate, persian), F['c'])
                v = s['pain'][tp]
                if (pid, k) == ERR_VAS and tp == '2w':
                    bad = 10 + v
                    ws.write_string(r, 5, fa(bad), F['c'])
                    errors.append(['ثبت بیماران', 'F%d' % (r + 1), r + 1, 'VAS', fa(bad),
                                   'VAS %d outside the 0-10 scale' % bad, pid])
                elif persian or v != int(v):
                    ws.write_string(r, 5, num_txt(v, persian or rng.random() < 0.5), F['c'])
                else:
                    ws.write_number(r, 5, v, F['c'])
                assess_truth.append([pid, k + 1, 'pain_vas', tp, '%g' % v])
                if tp in ODI_TPS:
                    o = s['odi'][tp]
                    if persian:
                        ws.write_string(r, 6, fa(o) + ('٪' if rng.random() < 0.3 else ''), F['c'])
                    else:
                        ws.write_number(r, 6, o, F['c'])
                    assess_truth.append([pid, k + 1, 'odi', tp, '%g' % o])
                else:
                    ws.write_blank(r, 6, None, F['c'])
                if tp == '24h' and rng.random() < 0.25:
                    note = rng.choice(['راه رفتن با واکر', 'درد محل تزریق', 'ترخیص شد'])
                elif tp in ('6m', '12m') and rng.random() < 0.15:
                    note = rng.choice(['پیگیری تلفنی', 'راضی از عمل', 'کلینیک'])
                if k == 0 and tp in p['fnotes']:
                    note = p['fnotes'][tp]
            elif st == 'missed':
                ws.write_blank(r, 4, None, F['c'])
                ws.write_string(r, 5, '-' if rng.random() < 0.5 else '', F['c'])
                ws.write_blank(r, 6, None, F['c'])
                note = rng.choice(['مراجعه نکرد', 'مراجعه نکرد', 'تماس گرفته شد - جواب نداد',
                                   'به شهرستان رفته، مراجعه نکرد'])
            elif st == 'dead':
                ws.write_blank(r, 4, None, F['c'])
                ws.write_blank(r, 5, None, F['c'])
                ws.write_blank(r, 6, None, F['c'])
                dd = p['d0'] + dt.timedelta(days=p['death_day'])
                note = 'فوت کرده (%s)' % jdate(dd) if not p.get('dead_written') else 'فوت'
                p['dead_written'] = True
            ws.write_string(r, 7, note, F['c'])
            r += 1
        if k == 0 and p['death_day'] is not None and not p.get('dead_written'):
            # death after the last due visit: a line of its own
            n += 1
            ws.write_number(r, 0, n, F['c'])
            ws.write_string(r, 1, pid, F['c'])
            ws.write_string(r, 2, SES[k], F['c'])
            ws.write_string(r, 3, '-', F['c'])
            dd = p['d0'] + dt.timedelta(days=p['death_day'])
            ws.write_string(r, 7, 'فوت کرده (%s)' % jdate(dd), F['c'])
            p['dead_written'] = True
            r += 1
r += 1
ws.write_string(r, 0, 'راهنما: VP = ورتبروپلاستی ، KP = کایفوپلاستی ، "-" یا خالی = ثبت نشده ، '
                'عمل اول / دوم = نوبت عمل بیمار', F['note'])
wb.close()

# checks on what was written
for p in patients:
    if p['death_day'] is not None:
        assert p.get('dead_written'), p['pid']

T = os.path.join(HERE, 'truth')
os.makedirs(T, exist_ok=True)


def wcsv(name, header, rows):
    with open(os.path.join(T, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)


proc_truth.sort(key=lambda t: (t[0], t[1], SPINE.index(t[3])))
wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
     [[p['pid'], 'female' if p['sex'] == 'F' else 'male', p['age'], p['etio'],
       'yes' if p['death_day'] is not None else 'no'] for p in patients])
wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                        'session_cement_volume_ml', 'cement_type', 'leakage'], proc_truth)
wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], assess_truth)
wcsv('fractures.csv', ['patient_id', 'day', 'level'],
     [[p['pid'], d, lv] for p in patients for d, lv in p['fractures']])
errors.sort(key=lambda e: e[2])
wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                    'patient_id'], errors)
wcsv('identifiers.csv', ['kind', 'value'], ident)
print('yazd: %d patients, %d procedure rows, %d assessments, %d errors' %
      (len(patients), len(proc_truth), len(assess_truth), len(errors)))
