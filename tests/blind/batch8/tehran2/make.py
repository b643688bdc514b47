# -*- coding: utf-8 -*-
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(5, 13)] + ['L%d' % i for i in range(1, 6)]
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def nb(lev, d):
    i = LEVELS.index(lev) + d
    return LEVELS[i] if 0 <= i < len(LEVELS) else None


def gen(seed, n, tps, odi_tps=(), mob_tps=(), p_second=0.15, p_frac=0.12,
        cements=('PMMA',), techs=('vertebroplasty', 'kyphoplasty'), year0=2021,
        vol_step=0.5):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        p['age'] = int(rng.integers(52, 92))
        p['etiology'] = str(rng.choice(['osteoporotic'] * 6 + ['pathologic'] * 2 + ['traumatic']))
        p['died'] = 'yes' if rng.random() < 0.12 else 'no'
        d0 = dt.date(year0, 1, 4) + dt.timedelta(days=int(rng.integers(0, 650)))
        p['d0'] = d0
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        st = int(rng.integers(0, len(LEVELS) - nlev + 1))
        levs = LEVELS[st:st + nlev]
        sessions = []
        frs = []

        def mk_session(day, levs):
            s = {'day': day, 'date': d0 + dt.timedelta(days=day),
                 'tech': str(rng.choice(list(techs))),
                 'cement': str(rng.choice(list(cements))), 'levels': []}
            for lv in levs:
                vol = round(float(rng.uniform(2.0, 6.5)) / vol_step) * vol_step
                vol = round(vol, 1)
                if rng.random() < 0.75:
                    lk = 'none'
                else:
                    lk = str(rng.choice(LEAKS))
                    if rng.random() < 0.2:
                        lk2 = str(rng.choice([x for x in LEAKS if x != lk]))
                        lk = lk + ';' + lk2
                s['levels'].append({'level': lv, 'vol': vol, 'leak': lk})
            pre = int(rng.integers(6, 11))
            pain = {'pre': pre}
            cur = pre
            for tp in tps:
                cur = max(0, min(10, int(round(cur - rng.uniform(0.5, 3.5)))))
                pain[tp] = cur if rng.random() > 0.15 else None
            s['pain'] = pain
            s['odi'] = {}
            for tp in odi_tps:
                if tp == 'pre':
                    s['odi'][tp] = int(rng.integers(40, 85))
                else:
                    s['odi'][tp] = int(rng.integers(10, 50)) if rng.random() > 0.15 else None
            s['mob'] = {}
            for tp in mob_tps:
                if tp == 'pre':
                    s['mob'][tp] = int(rng.integers(0, 3))
                else:
                    s['mob'][tp] = int(rng.integers(1, 5)) if rng.random() > 0.15 else None
            return s
        sessions.append(mk_session(0, levs))
        if rng.random() < p_second:
            cand = [x for x in (nb(levs[0], -1), nb(levs[-1], 1)) if x]
            nl = str(rng.choice(cand))
            day2 = int(rng.integers(30, 150))
            frs.append({'day': day2 - int(rng.integers(3, 15)), 'level': nl})
            sessions.append(mk_session(day2, [nl]))
        elif rng.random() < p_frac:
            used = set(levs)
            cand = [x for x in LEVELS if x not in used and abs(LEVELS.index(x) - st) <= 4]
            frs.append({'day': int(rng.integers(20, 300)), 'level': str(rng.choice(cand))})
        p['sessions'] = sessions
        p['fractures'] = frs
        pats.append(p)
    return pats, rng


def write_truth(out, pats, errors, idents, session_total=False):
    td = os.path.join(out, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(['' if v is None else v for v in r])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p.get('t_et', p['etiology']),
        p.get('t_died', p['died'])] for p in pats])
    rows = []
    for p in pats:
        for k, s in enumerate(p['sessions'], 1):
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                if session_total:
                    rows.append([p['id'], k, s['day'], l['level'], s['tech'], '', tot, s['cement'], l['leak']])
                else:
                    rows.append([p['id'], k, s['day'], l['level'], s['tech'], l['vol'], '', s['cement'], l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for k, s in enumerate(p['sessions'], 1):
            for meas, key in (('pain_vas', 'pain'), ('odi', 'odi'), ('mobility', 'mob')):
                for tp, v in s[key].items():
                    if v is not None:
                        rows.append([p['id'], k, meas, tp, v])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], f['day'], f['level']] for p in pats for f in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], idents)


def after_fx(p, d):
    """a death date is never before a recorded new fracture"""
    if p['fractures']:
        lim = p['d0'] + dt.timedelta(days=max(f['day'] for f in p['fractures']) + 30)
        return max(d, lim)
    return d


# ---------------- Tehran: one row per session, levels in one cell, Solar Hijri dates, Persian digits ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

FA = str.maketrans('0123456789.', '۰۱۲۳۴۵۶۷۸۹٫')
LEAK_FA = {'disc': 'دیسک', 'venous': 'وریدی', 'paravertebral': 'پاراورتبرال', 'epidural': 'اپیدورال',
           'foraminal': 'فورامینال'}
FNF = ['فاطمه', 'زهرا', 'مریم', 'طاهره', 'شهین', 'پروین', 'اکرم', 'منیژه', 'صغری']
FNM = ['حسین', 'علی', 'محمدرضا', 'غلامرضا', 'اکبر', 'حسن', 'مهدی']
LN = ['احمدی', 'حسینی', 'رضایی', 'کریمی', 'موسوی', 'جعفری', 'محمدی', 'صادقی', 'رحیمی', 'نوری', 'قاسمی']


def fa(x):
    return str(x).translate(FA)


def g2j(d):
    gy, gm, gd = d.year, d.month, d.day
    g_d_m = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    gy2 = gy + 1 if gm > 2 else gy
    days = 355666 + (365 * gy) + ((gy2 + 3) // 4) - ((gy2 + 99) // 100) + ((gy2 + 399) // 400) + gd + g_d_m[gm - 1]
    jy = -1595 + (33 * (days // 12053))
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


def jdate(d):
    return fa('%04d/%02d/%02d' % g2j(d))


def main(out):
    assert g2j(dt.date(2022, 8, 3)) == (1401, 5, 12)
    assert g2j(dt.date(2023, 3, 21)) == (1402, 1, 1)
    os.makedirs(out, exist_ok=True)
    tps = ('24h', '1m', '6m')
    pats, rng = gen(8505, 22, tps, year0=2022, p_second=0.15)
    idents = []
    for i, p in enumerate(pats):
        p['id'] = 'TH2-%02d' % (i + 1)
        fn = rng.choice(FNF if p['sex'] == 'female' else FNM)
        p['name'] = '%s %s' % (fn, rng.choice(LN))
        p['mrn'] = fa(int(rng.integers(300000, 999999)))
        idents += [['name', p['name']], ['record_number', p['mrn']]]
        if p['etiology'] == 'pathologic':
            p['cause'] = str(rng.choice(['متاستاز (سرطان پستان)', 'مولتیپل میلوما', 'متاستاز (سرطان ریه)']))
        elif p['etiology'] == 'traumatic':
            p['cause'] = 'تروما (سقوط)'
        else:
            p['cause'] = 'پوکی استخوان'
    wb = Workbook()
    ws = wb.active
    ws.title = 'ورتبروپلاستی'
    ws.sheet_view.rightToLeft = True
    thin = Side(style='thin', color='888888')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'ثبت بیماران ورتبروپلاستی و کایفوپلاستی — بخش جراحی مغز و اعصاب، بیمارستان شهید (نمونه)، تهران'
    ws['A1'].font = Font(bold=True, size=13)
    ws.merge_cells('A1:U1')
    ws['A2'] = 'تاریخ‌ها به شمسی. نمره درد VAS از ۰ تا ۱۰. حجم سیمان به سی‌سی به ترتیب سطوح.'
    ws.merge_cells('A2:U2')
    hdr = ['ردیف', 'کد بیمار', 'نام و نام خانوادگی', 'شماره پرونده', 'جنس', 'سن', 'علت شکستگی', 'نوبت عمل',
           'تاریخ عمل', 'سطوح درمان شده', 'روش', 'نوع سیمان', 'حجم سیمان (سی‌سی)', 'نشت سیمان',
           'VAS قبل از عمل', 'VAS ۲۴ ساعت بعد', 'VAS یک ماه', 'VAS شش ماه', 'شکستگی جدید', 'فوت', 'توضیحات']
    HR = 4
    for j, h in enumerate(hdr, 1):
        c = ws.cell(HR, j, h)
        c.font = Font(bold=True)
        c.fill = PatternFill('solid', fgColor='C6E0B4')
        c.border = bd
        c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
    col = {h: j for j, h in enumerate(hdr, 1)}
    r = HR + 1
    loc = {}
    n = 0
    for i, p in enumerate(pats):
        for k, s in enumerate(p['sessions'], 1):
            n += 1
            loc[(i, k)] = r
            ws.cell(r, col['ردیف'], fa(n))
            ws.cell(r, col['کد بیمار'], p['id'])
            ws.cell(r, col['نام و نام خانوادگی'], p['name'])
            ws.cell(r, col['شماره پرونده'], p['mrn'])
            ws.cell(r, col['جنس'], 'زن' if p['sex'] == 'female' else 'مرد')
            ws.cell(r, col['سن'], fa(p['age']))
            ws.cell(r, col['علت شکستگی'], p['cause'])
            ws.cell(r, col['نوبت عمل'], 'اول' if k == 1 else 'دوم')
            ws.cell(r, col['تاریخ عمل'], jdate(s['date']))
            ws.cell(r, col['سطوح درمان شده'], '، '.join(l['level'] for l in s['levels']))
            ws.cell(r, col['روش'], 'ورتبروپلاستی' if s['tech'] == 'vertebroplasty' else 'کایفوپلاستی')
            ws.cell(r, col['نوع سیمان'], 'PMMA')
            ws.cell(r, col['حجم سیمان (سی‌سی)'], '، '.join(fa('%.1f' % l['vol']) for l in s['levels']))
            leaks = [(l['level'], l['leak']) for l in s['levels'] if l['leak'] != 'none']
            if not leaks:
                ws.cell(r, col['نشت سیمان'], 'ندارد')
            else:
                ws.cell(r, col['نشت سیمان'], '؛ '.join('%s (%s)' % (' و '.join(LEAK_FA[x] for x in lk.split(';')), lv)
                                                      for lv, lk in leaks))
            for tp, h in (('pre', 'VAS قبل از عمل'), ('24h', 'VAS ۲۴ ساعت بعد'), ('1m', 'VAS یک ماه'), ('6m', 'VAS شش ماه')):
                v = s['pain'].get(tp)
                ws.cell(r, col[h], 'مراجعه نکرد' if v is None else fa(v))
            if k == 1:
                ws.cell(r, col['شکستگی جدید'], '؛ '.join('%s - %s' % (f['level'], jdate(p['d0'] + dt.timedelta(days=f['day'])))
                                                       for f in p['fractures']) or 'ندارد')
                ws.cell(r, col['فوت'], 'بله' if p['died'] == 'yes' else 'خیر')
            else:
                ws.cell(r, col['شکستگی جدید'], 'به ردیف قبل مراجعه شود')
                ws.cell(r, col['فوت'], 'بله' if p['died'] == 'yes' else 'خیر')
            notes = []
            if p['died'] == 'yes' and k == len(p['sessions']):
                notes.append('فوت در تاریخ ' + jdate(after_fx(p, s['date'] + dt.timedelta(days=int(rng.integers(200, 450))))))
            if k > 1:
                notes.append('عمل مجدد به علت شکستگی جدید')
            if p['etiology'] == 'pathologic' and k == 1:
                notes.append('بیوپسی حین عمل')
            ws.cell(r, col['توضیحات'], '، '.join(notes))
            for j in range(1, len(hdr) + 1):
                ws.cell(r, j).border = bd
            r += 1
    ws.cell(r + 1, 1, 'تهیه کننده: دکتر نوری (دستیار ارشد)')
    idents.append(['name', 'دکتر نوری'])
    for j, wd in enumerate([5, 9, 20, 11, 5, 5, 20, 8, 12, 14, 13, 9, 14, 22, 9, 9, 9, 9, 20, 5, 28], 1):
        ws.column_dimensions[get_column_letter(j)].width = wd
    errors = []

    def err(rr, h, val, what, i):
        c = ws.cell(rr, col[h])
        c.value = val
        errors.append([ws.title, c.coordinate, rr, h, val, what, pats[i]['id']])
    err(loc[(4, 1)], 'سطوح درمان شده', 'L6', 'impossible vertebral level L6', 4)
    i2 = [i for i, p in enumerate(pats) if len(p['sessions'][0]['levels']) == 1 and i > 6][0]
    err(loc[(i2, 1)], 'حجم سیمان (سی‌سی)', fa(45), '45 cc of cement in one vertebra', i2)
    err(loc[(11, 1)], 'VAS یک ماه', fa(14), 'VAS 14 on a 0-10 scale', 11)
    err(loc[(15, 1)], 'تاریخ عمل', fa('1401/13/05'), 'impossible Solar Hijri date (month 13)', 15)
    err(loc[(19, 1)], 'سن', fa(210), 'age of 210 years', 19)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
