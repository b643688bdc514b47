# ---- shared cohort generator (copied into every site's make.py) ----
import os, sys, csv, random, datetime as dt

LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
TP_OFFSET = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182,
             '12m': 365, '24m': 730}


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def gen_cohort(seed, n, ids, start, end, tps, tps2, techs=('vertebroplasty', 'kyphoplasty'),
               tech_w=(0.7, 0.3), cements=('PMMA',), n_multi=None, second=(3,), extra_fx=2,
               deaths=3, measures=('vas',)):
    R = random.Random(seed)
    pats = []
    span = (end - start).days
    s1dates = sorted(start + dt.timedelta(days=R.randrange(span)) for _ in range(n))
    multi = set(R.sample(range(n), n_multi if n_multi is not None else round(n * 0.3)))
    for i in range(n):
        etio = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [0.62, 0.22, 0.12, 0.04])[0]
        lo, hi = {'osteoporotic': (62, 91), 'pathologic': (44, 82), 'traumatic': (28, 70), 'other': (50, 85)}[etio]
        age = R.randint(lo, hi)
        sex = 'female' if R.random() < (0.72 if etio == 'osteoporotic' else 0.45) else 'male'
        s1 = s1dates[i]
        dob = dt.date(s1.year - age - 1, 1, 1) + dt.timedelta(days=R.randrange(364))
        age = age_at(dob, s1)
        p = dict(idx=i, pid=ids[i], sex=sex, age=age, dob=dob, etiology=etio, died=False,
                 death_date=None, s1=s1, sessions=[], fractures=[], visits=[])
        p['tech'] = R.choices(techs, tech_w)[0]
        p['cement'] = R.choice(cements)
        pats.append(p)
    # second sessions / deaths
    order = list(range(n)); R.shuffle(order)
    sec = set(order[:second[0]])
    dead = set(order[second[0]:second[0] + deaths])
    fx_only = set(order[second[0] + deaths:second[0] + deaths + extra_fx])

    def mk_session(p, num, date, nv):
        start_i = R.choices(range(len(LEVELS) - nv + 1),
                            [1 + 6 * (LEVELS[k] in ('T11', 'T12', 'L1', 'L2')) for k in range(len(LEVELS) - nv + 1)])[0]
        if num == 2:
            used = {v['level'] for s in p['sessions'] for v in s['verts']}
            cand = [k for k in range(len(LEVELS) - nv + 1)
                    if not any(LEVELS[k + j] in used for j in range(nv))]
            start_i = R.choice(cand)
        lv = LEVELS[start_i:start_i + nv]
        if nv == 2 and R.random() < 0.3 and start_i + 2 < len(LEVELS):
            lv = [LEVELS[start_i], LEVELS[start_i + 2]]
        verts = []
        for l in lv:
            base = 2.0 if l.startswith('T') and int(l[1:]) < 10 else 3.0
            vol = round(R.uniform(base, base + 3.5) * 2) / 2
            if p['tech'] == 'kyphoplasty':
                vol += 1.0
            leak = []
            if R.random() < 0.25:
                leak = sorted(R.sample(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                       R.choice([1, 1, 1, 2])), key=lambda x: ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'].index(x))
            verts.append(dict(level=l, vol=vol, leak=leak))
        return dict(n=num, date=date, day=(date - p['s1']).days, tech=p['tech'], cement=p['cement'], verts=verts)

    for p in pats:
        i = p['idx']
        nv = R.choice([2, 2, 3]) if i in multi else 1
        p['sessions'].append(mk_session(p, 1, p['s1'], nv))
        last_tp = tps
        if i in sec:
            fxday = R.randint(45, 75)
            s2day = fxday + R.randint(6, 18)
            lvl = None
            s2 = mk_session(p, 2, p['s1'] + dt.timedelta(days=s2day), 1)
            p['fractures'].append(dict(day=fxday, date=p['s1'] + dt.timedelta(days=fxday), level=s2['verts'][0]['level']))
            p['sessions'].append(s2)
            last_tp = [t for t in tps if TP_OFFSET[t] < fxday]
        for t in last_tp:
            off = TP_OFFSET[t]
            jitter = 0 if off <= 1 else R.randint(-max(1, off // 15), max(1, off // 15))
            p['visits'].append(dict(session=1, tp=t, day=off + jitter))
        if i in sec:
            s2 = p['sessions'][1]
            for t in tps2:
                off = TP_OFFSET[t]
                jitter = 0 if off <= 1 else R.randint(-max(1, off // 15), max(1, off // 15))
                p['visits'].append(dict(session=2, tp=t, day=s2['day'] + off + jitter))
        if i in fx_only:
            # a new fracture found at a later follow-up visit, not treated
            later = [v for v in p['visits'] if v['day'] >= 60]
            v = later[0] if later else p['visits'][-1]
            used = {x['level'] for s in p['sessions'] for x in s['verts']}
            lvl = R.choice([l for l in LEVELS if l not in used and l[0] in 'TL'])
            v['fx'] = True
            p['fractures'].append(dict(day=v['day'], date=p['s1'] + dt.timedelta(days=v['day']), level=lvl))
        if i in dead:
            k = R.randint(2, len(p['visits']) - 1)
            p['visits'] = p['visits'][:k]
            p['died'] = True
            p['death_date'] = p['s1'] + dt.timedelta(days=p['visits'][-1]['day'] + R.randint(10, 60))
        # scores
        pre = R.randint(6, 10)
        odi0 = R.randint(24, 42) * 2
        mob0 = R.randint(2, 4)
        for v in p['visits']:
            v['date'] = p['s1'] + dt.timedelta(days=v['day'])
            if v['tp'] == 'pre':
                v['vas'], v['odi'], v['mob'] = (pre if v['session'] == 1 else R.randint(6, 9)), odi0, mob0
            else:
                drop = {'24h': 3, '1w': 4, '2w': 4, '1m': 5, '6w': 5}.get(v['tp'], 5)
                v['vas'] = max(0, min(10, pre - drop + R.randint(-1, 2)))
                v['odi'] = max(0, min(100, odi0 - 6 * drop + R.randint(-4, 4) * 2))
                v['mob'] = max(0, min(4, mob0 - R.choice([1, 2, 2, 3])))
            v['missing'] = False
        # mark some visits missing (not pre, not the first post visit)
        for v in p['visits']:
            if v['tp'] not in ('pre', '24h') and not v.get('fx') and R.random() < 0.1:
                v['missing'] = True
    return pats


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(out, pats, vol_mode='vertebra', measures=('vas',), vas_div=1, errors=(), idents=(),
                skip_pids=(), extra_fields=None):
    """Truth from the data as written. Per-patient overrides in p['truth_*']."""
    td = os.path.join(out, 'truth'); os.makedirs(td, exist_ok=True)
    P, PR, A, F = [], [], [], []
    for p in pats:
        if p['pid'] in skip_pids:
            continue
        P.append([p['pid'], p.get('truth_sex', p['sex']), p.get('truth_age', p['age']), p['etiology'],
                  'yes' if p['died'] else 'no'])
        for s in p['sessions']:
            tot = sum(v['vol'] for v in s['verts'])
            for v in s['verts']:
                PR.append([p['pid'], s['n'], s.get('truth_day', s['day']), v['level'], s['tech'],
                           fmtnum(v['vol']) if vol_mode == 'vertebra' else '',
                           fmtnum(round(tot, 1)) if vol_mode == 'session' else '',
                           s['cement'] if not isinstance(s['cement'], tuple) else s['cement'][0],
                           'none' if not v['leak'] else ';'.join(v['leak'])])
        for v in p['visits']:
            if v['missing'] or v.get('untracked'):
                continue
            for m in measures:
                val = v[{'vas': 'vas', 'odi': 'odi', 'mob': 'mob'}[m]]
                if val is None:
                    continue
                name = {'vas': 'pain_vas', 'odi': 'odi', 'mob': 'mobility'}[m]
                if m == 'vas' and vas_div != 1:
                    val = fmtnum(round(val / vas_div, 1))
                A.append([p['pid'], v['session'], name, v['tp'], fmtnum(val)])
        for fx in p['fractures']:
            F.append([p['pid'], fx['day'], fx['level']])
    write_csv(os.path.join(td, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv(os.path.join(td, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique',
              'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    write_csv(os.path.join(td, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], F)
    write_csv(os.path.join(td, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value',
              'what_is_wrong', 'patient_id'], errors)
    seen, ID = set(), []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v)); ID.append([k, v])
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], ID)


def col_letter(c):  # 0-based
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def addr(r, c):  # 0-based row/col -> A1
    return f'{col_letter(c)}{r + 1}'
# ---- end shared ----

# ---- Kabul: patient cards stacked on one RTL sheet, Solar Hijri dates ----
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side

FA = '۰۱۲۳۴۵۶۷۸۹'


def fa(s):
    return ''.join(FA[int(ch)] if ch.isdigit() else ch for ch in str(s))


def g2j(gy, gm, gd):
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
        jm = 1 + days // 31; jd = 1 + days % 31
    else:
        jm = 7 + (days - 186) // 30; jd = 1 + (days - 186) % 30
    return jy, jm, jd


def jdate(d, persian):
    y, m, dd = g2j(d.year, d.month, d.day)
    s = f'{y}/{m:02d}/{dd:02d}'
    return fa(s) if persian else s


F_NAMES = ['فاطمه', 'مریم', 'زهرا', 'گلالی', 'نسرین', 'شکیلا', 'ملالی', 'پروین', 'حمیده', 'نجیبه', 'زرغونه', 'لیلا', 'بی بی گل', 'ناهید']
M_NAMES = ['محمد', 'احمد', 'عبدالله', 'غلام حیدر', 'نجیب الله', 'حبیب الله', 'عبدالرحیم', 'سید آغا', 'محمد نعیم', 'خان محمد', 'عبدالقدیر', 'شیر آغا']
SUR = ['احمدی', 'محمدی', 'رحیمی', 'حیدری', 'نوری', 'صدیقی', 'پوپلزی', 'هاشمی', 'کریمی', 'عزیزی', 'سلطانی', 'امیری', 'قادری']
ETIO = {'osteoporotic': ['پوکی استخوان', 'استیوپوروز'], 'pathologic': ['متاستاز', 'مایلوم متعدد'],
        'traumatic': ['افتادن از بام', 'ترضیض - حادثه ترافیکی'], 'other': ['سایر']}
TECH = {'vertebroplasty': 'ورتبروپلاستی', 'kyphoplasty': 'کایفوپلاستی'}
LEAK = {'disc': 'دیسک', 'venous': 'وریدی', 'paravertebral': 'پاراورتبرال', 'epidural': 'اپیدورال', 'foraminal': 'فورامینال'}
TPN = {'pre': 'قبل از عمل', '24h': '۲۴ ساعت بعد', '1m': 'یک ماه', '3m': 'سه ماه', '12m': 'یک سال'}


def main(out):
    os.makedirs(out, exist_ok=True)
    ids = [f'KTH-{i + 1:02d}' for i in range(24)]
    pats = gen_cohort(1616, 24, ids, dt.date(2022, 4, 1), dt.date(2023, 9, 1),
                      ['pre', '24h', '1m', '3m', '12m'], ['pre', '1m', '3m'],
                      tech_w=(0.85, 0.15), cements=('PMMA',), second=(3,), extra_fx=2, deaths=2)
    R = random.Random(77)
    idents, errors = [], []
    for p in pats:
        p['name'] = R.choice(F_NAMES if p['sex'] == 'female' else M_NAMES) + ' ' + R.choice(SUR)
        p['father'] = R.choice(M_NAMES)
        p['mrn'] = str(R.randint(30000, 89999))
        p['taz'] = f'{R.randint(1400, 1403)}-{R.randint(100, 999):03d}{R.randint(10000, 99999)}'
        p['phone'] = '07' + str(R.choice([0, 2, 8, 9])) + ''.join(str(R.randint(0, 9)) for _ in range(7))
        p['persian'] = R.random() < 0.5
        p['etxt'] = R.choice(ETIO[p['etiology']])
        p['cem_txt'] = R.choice(['PMMA', 'سمنت استخوان (PMMA)', 'Mendec Spine'])
    # planted errors: patients chosen by index
    e_level, e_vas, e_date, e_vol = pats[4], pats[9], None, pats[17]
    e_level['sessions'][0]['verts'][0]['level'] = 'T13'
    [v for v in e_vas['visits'] if v['tp'] != 'pre' and not v['missing']][0]['vas'] = 12
    e_vol['sessions'][0]['verts'][0]['vol'] = 24.0
    for p in pats:
        if p in (e_level, e_vas, e_vol):
            continue
        for v in p['visits']:
            y, m, d = g2j(v['date'].year, v['date'].month, v['date'].day)
            if 7 <= m <= 11 and v['tp'] in ('3m', '12m') and not v['missing'] and e_date is None:
                e_date = p
                v['date_txt'] = f'{y}/{m:02d}/31'
        if e_date:
            break

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'کارت مریضان'
    ws.sheet_view.rightToLeft = True
    bold = Font(bold=True)
    head = PatternFill('solid', fgColor='DDEBF7')
    titlef = PatternFill('solid', fgColor='FCE4D6')
    ws.append(['شفاخانه آموزشی علی آباد - دیپارتمنت جراحی عصبی'])
    ws.append(['ثبت مریضان ورتبروپلاستی / کایفوپلاستی (۱۴۰۱ - ۱۴۰۲)'])
    ws['A1'].font = Font(bold=True, size=14)
    ws.append([])
    SHEET = ws.title

    def put(row):
        ws.append(row)
        return ws.max_row

    for p in pats:
        P = p['persian']
        f = (lambda s: fa(s)) if P else (lambda s: str(s))
        r = put(['کارت مریض', p['pid']])
        ws.cell(r, 1).font = bold; ws.cell(r, 2).font = Font(bold=True, color='C00000')
        for c in range(1, 9):
            ws.cell(r, c).fill = titlef
        put(['نام و تخلص', p['name'], 'ولد', p['father'], 'جنس', 'زن' if p['sex'] == 'female' else 'مرد', 'سن', f(p['age'])])
        put(['نمبر ثبت', f(p['mrn']), 'نمبر تذکره', f(p['taz']), 'شماره تماس', f(p['phone'])])
        idents += [('name', p['name']), ('father_name', p['father']), ('record_number', f(p['mrn'])),
                   ('national_id', f(p['taz'])), ('phone', f(p['phone']))]
        put(['تشخیص', p['etxt'], 'وفات', 'بلی' if p['died'] else 'نخیر', 'تاریخ وفات',
             jdate(p['death_date'], P) if p['died'] else ''])
        r = put(['عملیات', 'جلسه', 'تاریخ', 'مهره', 'روش', 'مقدار سمنت (ml)', 'نوع سمنت', 'نشت سمنت'])
        for c in range(1, 9):
            ws.cell(r, c).font = bold; ws.cell(r, c).fill = head
        for s in p['sessions']:
            for k, v in enumerate(s['verts']):
                leak = 'ندارد' if not v['leak'] else 'نشت به ' + '، '.join(LEAK[x] for x in v['leak'])
                vol = fmtnum(v['vol'])
                r = put(['', f(s['n']) if k == 0 else '', jdate(s['date'], P) if k == 0 else '', v['level'],
                         TECH[s['tech']] if k == 0 else '', f(vol), p['cem_txt'] if k == 0 else '', leak])
                if v['level'] == 'T13':
                    errors.append([SHEET, addr(r - 1, 3), r, 'مهره', 'T13', 'impossible vertebral level T13', p['pid']])
                if v['vol'] > 20:
                    errors.append([SHEET, addr(r - 1, 5), r, 'مقدار سمنت (ml)', f(vol), 'cement volume 24 mL in one vertebra (>20 mL)', p['pid']])
        r = put(['پیگیری', 'جلسه', 'مرحله', 'تاریخ', 'VAS (0-10)', 'حرکت (0-4)', 'یادداشت'])
        for c in range(1, 9):
            ws.cell(r, c).font = bold; ws.cell(r, c).fill = head
        for v in p['visits']:
            if v['missing']:
                put(['', f(v['session']), TPN[v['tp']], '', 'نیامده', 'نیامده', 'مریض مراجعه نکرده'])
                continue
            dtxt = v.get('date_txt')
            dshow = (fa(dtxt) if P else dtxt) if dtxt else jdate(v['date'], P)
            note = ''
            if any(fx['day'] == v['day'] for fx in p['fractures']) and v['session'] == 1:
                note = 'درد جدید - MRI'
            r = put(['', f(v['session']), TPN[v['tp']], dshow, f(v['vas']), f(v['mob']), note])
            if dtxt:
                errors.append([SHEET, addr(r - 1, 3), r, 'تاریخ', dshow, f'impossible date: Solar Hijri month {int(dtxt[5:7])} has only 30 days', p['pid']])
            if v['vas'] > 10:
                errors.append([SHEET, addr(r - 1, 4), r, 'VAS (0-10)', f(v['vas']), 'VAS 12 beyond 0-10 scale', p['pid']])
        for fx in p['fractures']:
            put(['کسر جدید', 'تاریخ', jdate(fx['date'], P), 'مهره', fx['level']])
        put([]); put([])
    for c, w in zip('ABCDEFGH', [14, 20, 14, 16, 14, 16, 20, 22]):
        ws.column_dimensions[c].width = w
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, 'vertebra', ('vas', 'mob'), errors=errors, idents=idents)
    return pats, errors


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
