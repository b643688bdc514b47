import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
TPDAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90, '6m': 182, '12m': 365}


def gen(seed, n, tps, tps2=('1m',), start=dt.date(2021, 3, 1), pre_odi=False):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.68 else 'male'
        p['age'] = int(rng.integers(52, 91))
        p['etiology'] = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic'], p=[0.65, 0.25, 0.10]))
        d0 = start + dt.timedelta(days=int(rng.integers(0, 540)))
        tech = 'kyphoplasty' if rng.random() < 0.35 else 'vertebroplasty'
        ctype = 'PMMA' if rng.random() < 0.85 else 'calcium phosphate'
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        k = int(rng.integers(0, len(LEVELS) - nlev + 1))
        levs = LEVELS[k:k + nlev]
        def leak():
            r = rng.random()
            if r < 0.72: return 'none'
            if r < 0.85: return 'disc'
            if r < 0.95: return 'venous'
            return 'paravertebral'
        s1 = dict(session=1, day=0, date=d0, tech=tech, ctype=ctype,
                  levels=[dict(level=l, vol=round(float(rng.uniform(2.0, 7.0)) * 2) / 2, leak=leak()) for l in levs])
        sessions = [s1]
        p['died'] = 'yes' if rng.random() < 0.12 else 'no'
        death_day = int(rng.integers(100, 400)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        fr = []
        if rng.random() < 0.25:
            # new fracture adjacent
            cand = [l for l in LEVELS if l not in levs and abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 2 or
                    (l not in levs and abs(LEVELS.index(l) - LEVELS.index(levs[-1])) <= 2)]
            fl = str(rng.choice(cand))
            fday = int(rng.integers(20, 80))
            fr.append((fday, fl))
            if rng.random() < 0.6:
                s2d = fday + int(rng.integers(5, 20))
                sessions.append(dict(session=2, day=s2d, date=d0 + dt.timedelta(days=s2d), tech=tech, ctype=ctype,
                                     levels=[dict(level=fl, vol=round(float(rng.uniform(2.0, 6.0)) * 2) / 2, leak='none')]))
        p['fractures'] = fr
        p['sessions'] = sessions
        # assessments
        for s in sessions:
            base = int(rng.integers(6, 11))
            a = {'pre': base}
            use = tps if s['session'] == 1 else tps2
            v = base
            for j, t in enumerate(use):
                if s['day'] + TPDAYS[t] > death_day: continue
                v = max(0, int(round(base * float(rng.uniform(0.2, 0.6)))))
                if rng.random() < 0.8:
                    a[t] = v
            s['pain'] = a
            if pre_odi:
                o = {'pre': int(rng.integers(40, 80))}
                for t in use:
                    if t in a: o[t] = int(max(0, o['pre'] - rng.integers(10, 40)))
                s['odi'] = o
        pats.append(p)
    return pats, rng


def write_truth(outdir, pats, errors, identifiers):
    td = os.path.join(outdir, 'truth'); os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f, lineterminator='\n'); c.writerow(header); c.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p.get('t_etiology', p['etiology']), p.get('t_died', p['died'])] for p in pats])
    pr, asr, frr = [], [], []
    for p in pats:
        for s in p['sessions']:
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                pr.append([p['id'], s['session'], s['day'], l['level'], s['tech'],
                           l['vol'] if (p.get('vol_mode') != 'session' or len(s['levels']) == 1) else '',
                           tot if (p.get('vol_mode') == 'session' and len(s['levels']) > 1) else '',
                           s['ctype'], (';'.join(sorted({x['leak'] for x in s['levels']} - {'none'})) or 'none') if p.get('leak_mode') == 'session' else l['leak']])
            for t, v in s['pain'].items():
                asr.append([p['id'], s['session'], 'pain_vas', t, v])
            for t, v in s.get('odi', {}).items():
                asr.append([p['id'], s['session'], 'odi', t, v])
        for d, l in p['fractures']:
            frr.append([p['id'], d, l])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], pr)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], asr)
    w('fractures.csv', ['patient_id', 'day', 'level'], frr)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def colL(i):  # 1-based
    s = ''
    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s


# ---------------- Kabul (Afghanistan) ----------------
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill
FA = str.maketrans('0123456789.', '۰۱۲۳۴۵۶۷۸۹٫')
MONTHS = ['حمل', 'ثور', 'جوزا', 'سرطان', 'اسد', 'سنبله', 'میزان', 'عقرب', 'قوس', 'جدی', 'دلو', 'حوت']


def g2j(gy, gm, gd):
    g_d_m = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    gy2 = gy + 1 if gm > 2 else gy
    days = 355666 + (365 * gy) + ((gy2 + 3) // 4) - ((gy2 + 99) // 100) + ((gy2 + 399) // 400) + gd + g_d_m[gm - 1]
    jy = -1595 + (33 * (days // 12053)); days %= 12053
    jy += 4 * (days // 1461); days %= 1461
    if days > 365:
        jy += (days - 1) // 365; days = (days - 1) % 365
    if days < 186: jm = 1 + days // 31; jd = 1 + days % 31
    else: jm = 7 + (days - 186) // 30; jd = 1 + (days - 186) % 30
    return jy, jm, jd


def fa(x): return str(x).translate(FA)


def jdate(d):
    y, m, dd = g2j(d.year, d.month, d.day)
    return '%s %s %s' % (fa(dd), MONTHS[m - 1], fa(y))


def main(outdir):
    pats, rng = gen(204, 21, tps=('1w', '1m', '3m'), tps2=('1m',), start=dt.date(2021, 4, 1))
    for i, p in enumerate(pats):
        p['id'] = 'KBL-%02d' % (i + 1)
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'ثبت مریضان'
    ws.sheet_view.rightToLeft = True
    ws['A1'] = 'شفاخانه فرضی علی‌آباد کابل — بخش جراحی اعصاب و ستون فقرات'
    ws['A2'] = 'ثبت مریضان ورتبروپلاستی و کایفوپلاستی (۱۴۰۰–۱۴۰۱)'
    ws['A1'].font = Font(bold=True, size=13)
    # two header rows: group row 3, column row 4
    groups = [('مشخصات مریض', 1, 5), ('عملیه اول', 6, 11), ('درد (۰–۱۰)', 12, 15), ('عملیه دوم', 16, 21), ('پیگیری', 22, 23)]
    hdr = ['شماره مطالعه', 'جنس', 'سن', 'علت شکستگی', 'ملاحظات',
           'تاریخ عملیه', 'فقرات', 'تخنیک', 'نوع سمنت', 'حجم سمنت (ml)', 'نشت سمنت',
           'قبل از عملیه', 'یک هفته', 'یک ماه', 'سه ماه',
           'تاریخ', 'فقره', 'حجم (ml)', 'نشت', 'درد قبل', 'درد یک ماه',
           'شکستگی جدید', 'وفات']
    for g, a, b in groups:
        ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
        c = ws.cell(3, a, g); c.font = Font(bold=True); c.alignment = Alignment(horizontal='center')
        c.fill = PatternFill('solid', fgColor='E2EFDA')
    for j, h in enumerate(hdr, 1):
        c = ws.cell(4, j, h); c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True, horizontal='center')
    ET = {'osteoporotic': 'پوکی استخوان', 'traumatic': 'ترضیض (افتادن)'}
    LEAK = {'none': 'ندارد', 'disc': 'دیسک', 'venous': 'وریدی', 'paravertebral': 'کنار فقره'}
    TECH = {'vertebroplasty': 'ورتبروپلاستی', 'kyphoplasty': 'کایفوپلاستی'}
    CEM = {'PMMA': 'PMMA', 'calcium phosphate': 'کلسیم فاسفیت'}
    r = 5; where = {}
    for p in pats:
        s = p['sessions'][0]
        et = ET.get(p['etiology']) or ['متاستاز', 'مایلوما'][int(rng.integers(2))]
        leaks = sorted({l['leak'] for l in s['levels']} - {'none'})
        note = ['', '', 'دیابت', 'فشار خون', ''][int(rng.integers(5))]
        vals = [p['id'], 'زن' if p['sex'] == 'female' else 'مرد', fa(p['age']), et, note,
                jdate(s['date']), '، '.join(l['level'] for l in s['levels']), TECH[s['tech']], CEM[s['ctype']],
                '، '.join('%s: %s' % (l['level'], fa('%.1f' % l['vol'])) for l in s['levels']) if len(s['levels']) > 1 else fa('%.1f' % s['levels'][0]['vol']),
                '، '.join(LEAK[x] for x in leaks) if leaks else 'ندارد']
        for t in ['pre', '1w', '1m', '3m']:
            vals.append(fa(s['pain'][t]) if t in s['pain'] else '-')
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            vals += [jdate(s2['date']), s2['levels'][0]['level'], fa('%.1f' % s2['levels'][0]['vol']), LEAK[s2['levels'][0]['leak']],
                     fa(s2['pain']['pre']), fa(s2['pain']['1m']) if '1m' in s2['pain'] else '-']
        else:
            vals += ['', '', '', '', '', '']
        vals.append('؛ '.join('%s در %s' % (l, jdate(s['date'] + dt.timedelta(days=d))) for d, l in p['fractures']) or 'نخیر')
        vals.append('بلی' if p['died'] == 'yes' else 'نخیر')
        for j, v in enumerate(vals, 1):
            c = ws.cell(r, j, v); c.alignment = Alignment(horizontal='right')
        where[p['id']] = r; r += 1
    ws.cell(r + 1, 1, 'یادداشت: «-» یعنی مریض به معاینه نیامده. درد با مقیاس عددی ۰ تا ۱۰ ثبت شده. عملیه دوم فقط همان تخنیک و سمنت عملیه اول.')
    for j in range(1, 24): ws.column_dimensions[colL(j)].width = 14
    errs = []
    def bad(pid, col, val, why):
        rr = where[pid]; ws.cell(rr, col, val)
        errs.append(['ثبت مریضان', '%s%d' % (colL(col), rr), rr, hdr[col - 1], val, why, pid])
    single = [p for p in pats if len(p['sessions'][0]['levels']) == 1]
    bad(pats[2]['id'], 13, fa(15), 'درد ۱۵ در مقیاس ۰–۱۰', )
    p5 = pats[5]; y, m, d = g2j(p5['sessions'][0]['date'].year, p5['sessions'][0]['date'].month, p5['sessions'][0]['date'].day)
    bad(p5['id'], 6, '%s %s %s' % (fa(32), MONTHS[m - 1], fa(y)), 'روز ۳۲ وجود ندارد (تاریخ ناممکن)')
    bad(single[-1]['id'], 7, 'T13', 'فقره T13 وجود ندارد')
    # duplicate study ID for a different person
    dup = pats[14]; rr = where[dup['id']]; ws.cell(rr, 1, pats[13]['id'])
    errs.append(['ثبت مریضان', 'A%d' % rr, rr, hdr[0], pats[13]['id'], 'شماره مطالعه تکراری برای مریض دیگر', pats[13]['id']])
    errs.append(['ثبت مریضان', 'A%d' % rr, rr, hdr[0], pats[13]['id'], 'شماره مطالعه تکراری برای مریض دیگر (ردیف اصلی %s)' % dup['id'], dup['id']])
    bad(pats[19]['id'], 10, 'زیاد', 'متن بی‌معنی در ستون حجم')
    wb.save(os.path.join(outdir, 'input.xlsx'))
    for p in pats: p['leak_mode'] = 'session'  # leak written once per session
    write_truth(outdir, pats, errs, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
