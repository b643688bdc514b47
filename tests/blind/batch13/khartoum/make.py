import sys, os, csv, datetime as dt
import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
TPD = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
LEAKS = ['venous', 'disc', 'paravertebral', 'epidural', 'foraminal']


def yrs_between(a, b):
    return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


def gen(seed, n, tps, idf, names=None, odi_tps=(), mob_tps=(), p_two=0.35, p_s2=0.15, p_fx=0.18,
        kp_p=0.4, start=(2021, 2, 1), ctypes=('PMMA',), s2_tps=None):
    rng = np.random.default_rng(seed)
    P = []
    d = dt.date(*start)
    for i in range(n):
        d = d + dt.timedelta(days=int(rng.integers(6, 30)))
        eti = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=[.66, .2, .11, .03]))
        sex = 'female' if rng.random() < (0.75 if eti == 'osteoporotic' else 0.45) else 'male'
        age = int(rng.integers(35, 66)) if eti == 'traumatic' else int(rng.integers(52, 91))
        dob = d - dt.timedelta(days=int(age * 365.25 + rng.integers(10, 350)))
        age = yrs_between(dob, d)
        died = (eti == 'pathologic' and rng.random() < 0.5) or rng.random() < 0.06
        death_day = int(rng.integers(50, 420)) if died else 10 ** 6
        p = dict(idx=i, id=idf(i), sex=sex, age=age, eti=eti, died=died, death_day=death_day, dob=dob,
                 sub=str(rng.choice(['mets', 'myeloma'])) if eti == 'pathologic' else '',
                 mrn=int(rng.integers(10000, 99999)), phone='%08d' % int(rng.integers(0, 10 ** 8)),
                 name=None, sessions=[], fractures=[])
        if names:
            fn, ln = names(sex, rng)
            p['name'] = (fn, ln)
        nlev = 1 if rng.random() > p_two else (2 if rng.random() < 0.75 else 3)
        si = int(rng.integers(1, len(LEVELS) - nlev))
        levs = LEVELS[si:si + nlev]

        def mk_session(day, levs, tplist):
            tech = 'kyphoplasty' if rng.random() < kp_p else 'vertebroplasty'
            ct = str(rng.choice(list(ctypes)))
            L = []
            for lv in levs:
                base = 2.5 if lv.startswith('T') and int(lv[1:]) < 10 else 3.5
                if tech == 'kyphoplasty':
                    base += 1.0
                vol = float(np.round((base + rng.uniform(-1, 1.5)) * 2) / 2)
                leak = 'none'
                if rng.random() < 0.25:
                    leak = str(rng.choice(LEAKS, p=[.4, .3, .15, .1, .05]))
                L.append(dict(level=lv, vol=vol, leak=leak))
            pain, odi, mob = {}, {}, {}
            pre = int(rng.integers(6, 11))
            drop = 0
            for tp in tplist:
                if day + TPD[tp] >= death_day:
                    continue
                if tp != 'pre' and rng.random() < 0.15:
                    continue
                if tp == 'pre':
                    pain[tp] = pre
                else:
                    drop = drop + int(rng.integers(1, 4))
                    pain[tp] = int(max(0, min(10, pre - drop + rng.integers(-1, 1))))
            dr = 0
            opre = int(rng.integers(24, 44)) * 2
            for tp in odi_tps:
                if day + TPD[tp] >= death_day or (tp != 'pre' and rng.random() < 0.15):
                    continue
                if tp == 'pre':
                    odi[tp] = opre
                else:
                    dr += int(rng.integers(4, 12)) * 2
                    odi[tp] = max(4, opre - dr)
            mp = int(rng.integers(0, 3))
            for tp in mob_tps:
                if day + TPD[tp] >= death_day or (tp != 'pre' and rng.random() < 0.15):
                    continue
                if tp == 'pre':
                    mob[tp] = mp
                else:
                    mp = min(3, mp + int(rng.integers(0, 2)))
                    mob[tp] = mp
            return dict(day=day, tech=tech, ctype=ct, levels=L, pain=pain, odi=odi, mob=mob)

        p['sessions'].append(mk_session(0, levs, tps))
        r = rng.random()
        if r < p_s2 and death_day > 140:
            day2 = int(rng.integers(35, 120))
            li = LEVELS.index(levs[0]) - 1 if rng.random() < 0.5 and LEVELS.index(levs[0]) > 0 else LEVELS.index(levs[-1]) + 1
            lv2 = LEVELS[min(li, len(LEVELS) - 1)]
            if lv2 in levs:
                lv2 = LEVELS[LEVELS.index(levs[0]) - 1]
            p['fractures'].append((day2 - int(rng.integers(4, 15)), lv2))
            p['sessions'].append(mk_session(day2, [lv2], s2_tps or tps))
        elif r < p_s2 + p_fx:
            fday = int(rng.integers(25, 330))
            if fday < death_day:
                li = LEVELS.index(levs[-1]) + 1 if LEVELS.index(levs[-1]) + 1 < len(LEVELS) else LEVELS.index(levs[0]) - 1
                p['fractures'].append((fday, LEVELS[li]))
        if died:
            last = max([s['day'] for s in p['sessions']] + [f[0] for f in p['fractures']])
            if p['death_day'] <= last + 10:
                p['death_day'] = last + 20
        p['date1'] = d
        P.append(p)
    return P


def sdate(p, s):
    return p['date1'] + dt.timedelta(days=s['day'])


def write_truth(out, P, mode, errors, idents, sex=True, age=True, eti=True, died=True):
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(t, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f)
            c.writerow(header)
            for r in rows:
                c.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex else '', p['age'] if age else '', p['eti'] if eti else '',
        ('yes' if p['died'] else 'no') if died else ''] for p in P])
    rows, arows, frows = [], [], []
    for p in P:
        for k, s in enumerate(p['sessions'], 1):
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                if mode == 'level' or len(s['levels']) == 1:
                    cv, sv = l['vol'], ''
                else:
                    cv, sv = '', tot
                rows.append([p['id'], k, s['day'], l['level'], s['tech'], cv, sv, s['ctype'], l['leak']])
            for meas, key in (('pain_vas', 'pain'), ('odi', 'odi'), ('mobility', 'mob')):
                for tp, v in s[key].items():
                    arows.append([p['id'], k, meas, tp, v])
        for fd, lv in p['fractures']:
            frows.append([p['id'], fd, lv])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], arows)
    w('fractures.csv', ['patient_id', 'day', 'level'], frows)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], idents)


def plant(ws, errors, row, col, value, header, what, pid):
    ws.cell(row=row, column=col).value = value
    errors.append([ws.title, '%s%d' % (get_column_letter(col), row), row, header, value, what, pid])


def fmtnum(v, comma=True):
    s = ('%g' % v)
    return s.replace('.', ',') if comma else s


# ---------------- Khartoum (Sudan) ----------------
FEM = ['فاطمة', 'آمنة', 'خديجة', 'زينب', 'مريم', 'حواء', 'سعاد', 'نفيسة', 'عائشة', 'بخيتة', 'سارة']
MAS = ['محمد', 'أحمد', 'عثمان', 'عبدالله', 'الطيب', 'إبراهيم', 'حسن', 'عمر', 'الصادق', 'يوسف']
SUR = ['محمد أحمد', 'عبدالرحمن', 'الأمين', 'حسن علي', 'عثمان الطيب', 'إدريس', 'البشير موسى', 'النور', 'خليل', 'آدم']


def names(sex, rng):
    return (str(rng.choice(FEM if sex == 'female' else MAS)), str(rng.choice(SUR)))


TPS = ['pre', '1w', '1m', '3m']
AR = str.maketrans('0123456789', '٠١٢٣٤٥٦٧٨٩')
ETI = {'osteoporotic': 'هشاشة عظام', 'traumatic': 'إصابة (حادث)', 'other': 'أخرى'}
LEAK = {'venous': 'وريدي', 'disc': 'قرصي', 'paravertebral': 'جانب الفقرة', 'epidural': 'فوق الجافية', 'foraminal': 'ثقبي'}
MISS = 'لم يحضر'


def kdate(d, arabic=False):
    s = '%d/%d/%d' % (d.day, d.month, d.year)
    return s.translate(AR) if arabic else s


def main(out):
    os.makedirs(out, exist_ok=True)
    P = gen(1302, 24, TPS, lambda i: 'KTH/VP/%03d' % (i + 101), names=names, p_two=0.35, p_s2=0.2, kp_p=0.35,
            start=(2021, 9, 1), ctypes=('PMMA', 'PMMA', 'calcium phosphate'))
    wb = Workbook()
    ws = wb.active
    ws.title = 'سجل الحقن'
    ws.sheet_view.rightToLeft = True
    ws['A1'] = 'مستشفى الخرطوم التعليمي – قسم جراحة العظام والعمود الفقري'
    ws['A2'] = 'Khartoum Teaching Hospital – Spine Unit – Vertebroplasty / Kyphoplasty sessions register'
    ws['A3'] = 'ملاحظة: درجة الألم (VAS) من ٠ إلى ١٠ — كمية الإسمنت = المجموع لكل الجلسة (Total cement per session)'
    for rr in (1, 2, 3):
        ws.merge_cells(start_row=rr, start_column=1, end_row=rr, end_column=20)
    ws['A1'].font = Font(bold=True, size=14)
    H = ['رقم الدراسة\nStudy No.', 'الاسم\nName', 'الهاتف\nPhone', 'الجنس\nSex', 'العمر\nAge', 'السبب\nCause',
         'الجلسة\nSession', 'تاريخ العملية\nDate', 'الفقرات\nLevels', 'نوع العملية\nProcedure',
         'الإسمنت (مل)\nCement total', 'نوع الإسمنت\nCement', 'تسرب الإسمنت\nLeakage',
         'الألم قبل\nVAS pre', 'الألم بعد أسبوع\nVAS 1 wk', 'الألم بعد شهر\nVAS 1 mo', 'الألم بعد ٣ شهور\nVAS 3 mo',
         'كسور جديدة\nNew fracture', 'الوفاة\nDied', 'ملاحظات\nNotes']
    HR = 5
    for c, h in enumerate(H, 1):
        x = ws.cell(row=HR, column=c, value=h)
        x.font = Font(bold=True)
        x.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
        x.fill = PatternFill('solid', fgColor='FCE4D6')
        ws.column_dimensions[get_column_letter(c)].width = 14
    ws.row_dimensions[HR].height = 34
    col = {h.split('\n')[1]: i + 1 for i, h in enumerate(H)}
    hdr = {h.split('\n')[1]: h for h in H}
    r = HR + 1
    idents = []
    pos = {}
    for p in P:
        fn, ln = p['name']
        nm = fn + ' ' + ln
        ph = '09' + p['phone']
        idents += [['name', nm], ['phone', ph]]
        eti = ETI.get(p['eti']) or ('ورم ثانوي (نقائل)' if p['sub'] == 'mets' else 'ورم نقوي متعدد (مايلوما)')
        for k, s in enumerate(p['sessions'], 1):
            d = sdate(p, s)
            v = {'Study No.': p['id'], 'Name': nm, 'Phone': ph, 'Sex': 'أنثى' if p['sex'] == 'female' else 'ذكر',
                 'Age': p['age'], 'Cause': eti, 'Session': 'الأولى' if k == 1 else 'الثانية',
                 'Date': kdate(d, arabic=(p['idx'] % 4 == 1)),
                 'Levels': ' + '.join(l['level'] for l in s['levels']),
                 'Procedure': 'VP رأب الفقرة' if s['tech'] == 'vertebroplasty' else 'KP رأب الحدبة بالبالون',
                 'Cement total': '%s مل' % fmtnum(sum(l['vol'] for l in s['levels']), comma=False),
                 'Cement': {'PMMA': 'PMMA', 'calcium phosphate': 'فوسفات الكالسيوم'}[s['ctype']],
                 'Leakage': ('، '.join('%s %s' % (LEAK[l['leak']], l['level']) for l in s['levels'] if l['leak'] != 'none') or 'لا يوجد'),
                 }
            if len(s['levels']) == 1 and s['levels'][0]['leak'] != 'none':
                v['Leakage'] = LEAK[s['levels'][0]['leak']]
            for tp, h in zip(TPS, ['VAS pre', 'VAS 1 wk', 'VAS 1 mo', 'VAS 3 mo']):
                v[h] = s['pain'].get(tp, MISS)
            if k == 1:
                v['New fracture'] = '، '.join('%s بتاريخ %s' % (lv, kdate(p['date1'] + dt.timedelta(days=dd))) for dd, lv in p['fractures']) or 'لا'
            else:
                v['New fracture'] = 'انظر الجلسة الأولى'
            v['Died'] = ('نعم – ' + kdate(p['date1'] + dt.timedelta(days=p['death_day']))) if p['died'] else 'لا'
            if k == 2:
                v['Notes'] = 'جلسة ثانية لكسر جديد'
            for h, val in v.items():
                ws.cell(row=r, column=col[h], value=val)
            pos[(p['id'], k)] = r
            r += 1
    # errors
    errors = []
    p = P[2]
    plant(ws, errors, pos[(p['id'], 1)], col['VAS 1 mo'], 14, hdr['VAS 1 mo'], 'pain 14 on a 0-10 scale', p['id'])
    p = P[7]
    d = p['date1']
    plant(ws, errors, pos[(p['id'], 1)], col['Date'], '31/2/%d' % d.year, hdr['Date'], 'impossible date 31 February', p['id'])
    two = [q for q in P if len(q['sessions']) > 1]
    p = two[1]
    plant(ws, errors, pos[(p['id'], 2)], col['Study No.'], None, hdr['Study No.'], 'study ID missing on a row with data (second session)', p['id'])
    p = P[13]
    plant(ws, errors, pos[(p['id'], 1)], col['Levels'], 'T13', hdr['Levels'], 'impossible vertebral level T13', p['id'])
    p = P[18]
    plant(ws, errors, pos[(p['id'], 1)], col['Cement total'], 'ماشي', hdr['Cement total'], 'meaningless text in cement volume column', p['id'])
    ws.cell(row=r + 1, column=1, value='أُعد بواسطة: د. سلمى – قسم العظام')
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, P, 'session', errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
