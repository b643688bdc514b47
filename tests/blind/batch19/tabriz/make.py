# make.py for site tabriz (batch 19). Usage: python make.py OUTDIR
# ---------------------------------------------------------------------------
# Cohort simulation (shared skeleton; every site renders it its own way)
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random
import sys

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = {'T6': 1, 'T7': 2, 'T8': 4, 'T9': 4, 'T10': 6, 'T11': 10, 'T12': 18,
           'L1': 20, 'L2': 11, 'L3': 7, 'L4': 4, 'L5': 1}
TP_DAYS = {'pre': (-2, 0), '24h': (1, 1), '1w': (6, 9), '2w': (13, 16),
           '1m': (27, 35), '6w': (40, 46), '3m': (86, 100), '6m': (176, 195),
           '12m': (355, 380), '24m': (720, 750)}
TP_F = {'24h': .35, '1w': .45, '2w': .5, '1m': .55, '6w': .58, '3m': .62,
        '6m': .66, '12m': .66, '24m': .66}


def wchoice(rng, d):
    keys = list(d)
    return rng.choices(keys, weights=[d[k] for k in keys])[0]


def lvl_idx(lv):
    return LEVELS.index(lv)


def gen_scores(rng, measures, pre=None, tp='pre'):
    """pre: dict of pre-op scores (None -> generate pre-op)."""
    out = {}
    for m in measures:
        if tp == 'pre':
            if m == 'pain_vas':
                out[m] = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
            elif m == 'odi':
                out[m] = rng.randrange(40, 88, 2)
            elif m == 'mobility':
                out[m] = rng.choice([2, 3, 3, 3, 4])
        else:
            f = TP_F[tp] + rng.uniform(-.15, .12)
            base = pre[m]
            if m == 'pain_vas':
                v = round(base * (1 - f) + rng.uniform(-.7, .7))
                out[m] = max(0, min(10, v))
            elif m == 'odi':
                v = int(round(base * (1 - f) / 2.0 + rng.uniform(-2, 2))) * 2
                out[m] = max(0, min(100, v))
            elif m == 'mobility':
                v = round(base * (1 - f) + rng.uniform(-.6, .6))
                out[m] = max(0, min(4, v))
    return out


def gen_levels(rng, etiology, n_lv):
    c = wchoice(rng, LEVEL_W)
    i = lvl_idx(c)
    if n_lv == 1:
        return [c]
    if etiology == 'pathologic' and rng.random() < .5 and n_lv == 2:
        j = i + rng.choice([2, 3])
        if j > lvl_idx('L5'):
            j = i - rng.choice([2, 3])
        return sorted([c, LEVELS[j]], key=lvl_idx)
    start = i - rng.randrange(0, n_lv)
    start = max(lvl_idx('T5'), min(start, lvl_idx('L5') - n_lv + 1))
    return LEVELS[start:start + n_lv]


def gen_volume(rng, level, technique, step=0.5):
    lo, hi = (1.5, 3.5) if level.startswith('T') and lvl_idx(level) < lvl_idx('T11') else (2.5, 5.5)
    if technique == 'kyphoplasty':
        lo, hi = lo + 1, hi + 1.5
    v = rng.uniform(lo, hi)
    return round(round(v / step) * step, 2)


def gen_leak(rng):
    return wchoice(rng, {'none': 72, 'disc': 10, 'venous': 8, 'paravertebral': 6,
                         'epidural': 2, 'disc;venous': 2})


def new_level(rng, treated):
    cand = []
    for lv in treated:
        i = lvl_idx(lv)
        for j in (i - 1, i + 1, i - 2, i + 2):
            if lvl_idx('T5') <= j <= lvl_idx('L5') and LEVELS[j] not in treated:
                cand.append(LEVELS[j])
    return rng.choice(cand)


def gen_cohort(rng, n, start, end, tps, tps2, measures, kp_p=0.3,
               etio_w=None, multi_p=0.3, n_s2=3, n_fx_only=1, n_dead=2,
               miss_p=0.1, step=0.5, cements=None, fx_tps=None):
    etio_w = etio_w or {'osteoporotic': 72, 'pathologic': 16, 'traumatic': 12}
    cements = cements or {'PMMA': 1}
    span = (end - start).days
    pats = []
    for k in range(n):
        et = wchoice(rng, etio_w)
        if et == 'osteoporotic':
            sex = 'female' if rng.random() < .8 else 'male'
            age = rng.randint(62, 91)
        elif et == 'pathologic':
            sex = 'female' if rng.random() < .5 else 'male'
            age = rng.randint(48, 81)
        else:
            sex = 'female' if rng.random() < .4 else 'male'
            age = rng.randint(38, 76)
        d0 = start + dt.timedelta(days=rng.randrange(span))
        # birth date consistent with age at d0
        bmin = dt.date(d0.year - age - 1, d0.month, min(d0.day, 28)) + dt.timedelta(days=1)
        birth = bmin + dt.timedelta(days=rng.randrange(360))
        while (d0.year - birth.year - ((d0.month, d0.day) < (birth.month, birth.day))) != age:
            birth += dt.timedelta(days=1)
        pats.append(dict(k=k, sex=sex, age=age, birth=birth, etiology=et, d0=d0,
                         sessions=[], visits=[], fractures=[], died='no',
                         death_day=None, role='plain'))
    # roles
    idx = list(range(n))
    rng.shuffle(idx)
    path_first = sorted(idx, key=lambda i: pats[i]['etiology'] != 'pathologic')
    dead = path_first[:n_dead]
    rest = [i for i in idx if i not in dead]
    s2 = rest[:n_s2]
    fxo = rest[n_s2:n_s2 + n_fx_only]
    for i in dead:
        pats[i]['role'] = 'dead'
    for i in s2:
        pats[i]['role'] = 's2'
    for i in fxo:
        pats[i]['role'] = 'fx'
    fx_tps = fx_tps or [t for t in tps if TP_DAYS[t][0] >= 27]
    for p in pats:
        n_lv = 1 if rng.random() > multi_p else (2 if rng.random() < .75 else 3)
        tech = 'kyphoplasty' if rng.random() < kp_p else 'vertebroplasty'
        lvls = gen_levels(rng, p['etiology'], n_lv)
        ses = dict(n=1, day=0, technique=tech, cement=wchoice(rng, cements),
                   levels=[dict(level=lv, vol=gen_volume(rng, lv, tech, step),
                                leak=gen_leak(rng)) for lv in lvls])
        p['sessions'].append(ses)
        pre = gen_scores(rng, measures)
        d_pre = rng.randint(*TP_DAYS['pre'])
        p['visits'].append(dict(session=1, tp='pre', day=d_pre, sched=d_pre,
                                scores=pre, status='done'))
        cut = None   # visits with day >= cut are not held in session 1 schedule
        if p['role'] in ('s2', 'fx'):
            cand = fx_tps[:-1] if p['role'] == 's2' else fx_tps
            ftp = rng.choice(cand)
        for t in tps:
            day = rng.randint(*TP_DAYS[t])
            v = dict(session=1, tp=t, day=day, sched=day,
                     scores=gen_scores(rng, measures, pre, t), status='done')
            if p['role'] in ('s2', 'fx') and t == ftp:
                nl = new_level(rng, [x['level'] for x in ses['levels']])
                p['fractures'].append(dict(day=day, level=nl, tp=t))
                v['fx'] = nl
                if p['role'] == 's2':
                    s2day = day + rng.randint(5, 16)
                    cut = s2day
                    p['visits'].append(v)
                    break
            p['visits'].append(v)
        if p['role'] == 's2':
            tech2 = ses['technique'] if rng.random() < .7 else ('kyphoplasty' if ses['technique'] == 'vertebroplasty' else 'vertebroplasty')
            nl = p['fractures'][0]['level']
            s2 = dict(n=2, day=cut, technique=tech2, cement=ses['cement'],
                      levels=[dict(level=nl, vol=gen_volume(rng, nl, tech2, step),
                                   leak=gen_leak(rng))])
            p['sessions'].append(s2)
            pre2 = gen_scores(rng, measures)
            d_pre = cut + rng.randint(*TP_DAYS['pre'])
            p['visits'].append(dict(session=2, tp='pre', day=d_pre, sched=d_pre,
                                    scores=pre2, status='done'))
            for t in tps2:
                d = cut + rng.randint(*TP_DAYS[t])
                p['visits'].append(dict(session=2, tp=t, day=d, sched=d,
                                        scores=gen_scores(rng, measures, pre2, t), status='done'))
            # scheduled session-1 visits not held
            held = {v['tp'] for v in p['visits'] if v['session'] == 1}
            for t in tps:
                if t not in held:
                    p['visits'].append(dict(session=1, tp=t, day=None, sched=999999,
                                            scores={}, status='reop'))
        if p['role'] == 'dead':
            fol = [v for v in p['visits'] if v['session'] == 1 and v['tp'] != 'pre']
            keep = rng.randint(1, max(1, len(fol) - 1))
            last = fol[keep - 1]['day']
            nxt = fol[keep]['day'] if keep < len(fol) else last + 200
            p['death_day'] = rng.randint(last + 5, max(last + 6, nxt - 3))
            p['died'] = 'yes'
            for v in fol[keep:]:
                v['status'] = 'dead'
                v['scores'] = {}
                v['day'] = None
        # random missed visits
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] != 'pre' and 'fx' not in v \
                    and rng.random() < miss_p:
                v['status'] = 'missed'
                v['scores'] = {}
                v['day'] = None
        # random single missing measure
        for v in p['visits']:
            if v['status'] == 'done' and len(measures) > 1 and rng.random() < .06:
                m = rng.choice(measures[1:])
                v['scores'].pop(m, None)
                v['partial'] = m
        p['visits'].sort(key=lambda v: (v['session'], v['sched']))
    return pats


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if r.get(h) is None else r.get(h) for h in header])


def fmt_num(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return ('%d' % x) if x == int(x) else ('%g' % x)


def truth_tables(pats, pid_of):
    """Default truth built from the cohort; sites edit these lists afterwards."""
    P, PR, AS, FX = [], [], [], []
    for p in pats:
        pid = pid_of(p)
        P.append(dict(patient_id=pid, sex=p['sex'], age_years=p['age'],
                      etiology=p['etiology'], died=p['died']))
        for s in p['sessions']:
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                PR.append(dict(patient_id=pid, session=s['n'], day=s['day'], level=l['level'],
                               technique=s['technique'],
                               cement_volume_ml=fmt_num(l['vol']) if s.get('per_level', True) else '',
                               session_cement_volume_ml='' if s.get('per_level', True) else fmt_num(tot),
                               cement_type=s['cement'], leakage=l['leak'],
                               _p=p, _s=s, _l=l))
        for v in p['visits']:
            for m, val in v['scores'].items():
                AS.append(dict(patient_id=pid, session=v['session'], measure=m,
                               timepoint=v['tp'], value=fmt_num(val), _p=p, _v=v))
        for f in p['fractures']:
            FX.append(dict(patient_id=pid, day=f['day'], level=f['level'], _p=p, _f=f))
    return P, PR, AS, FX


PAT_H = ['patient_id', 'sex', 'age_years', 'etiology', 'died']
PROC_H = ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
          'session_cement_volume_ml', 'cement_type', 'leakage']
ASS_H = ['patient_id', 'session', 'measure', 'timepoint', 'value']
FX_H = ['patient_id', 'day', 'level']
ERR_H = ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id']
ID_H = ['kind', 'value']


def write_truth(out, P, PR, AS, FX, ERR, IDS):
    t = os.path.join(out, 'truth')
    write_csv(os.path.join(t, 'patients.csv'), PAT_H, P)
    write_csv(os.path.join(t, 'procedures.csv'), PROC_H, PR)
    write_csv(os.path.join(t, 'assessments.csv'), ASS_H, AS)
    write_csv(os.path.join(t, 'fractures.csv'), FX_H, FX)
    write_csv(os.path.join(t, 'errors.csv'), ERR_H, ERR)
    seen, ids = set(), []
    for k, v in IDS:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ids.append(dict(kind=k, value=v))
    write_csv(os.path.join(t, 'identifiers.csv'), ID_H, ids)
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Tabriz: one row per patient, visits across, Jalali dates in day/month/year
# columns, two header rows with merged group headers, right-to-left sheet
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 19202
SHEET = 'ثبت بیماران'
NOWRUZ = {1400: dt.date(2021, 3, 21), 1401: dt.date(2022, 3, 21), 1402: dt.date(2023, 3, 21),
          1403: dt.date(2024, 3, 20), 1404: dt.date(2025, 3, 21)}
FA = str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹')


def g2j(d):
    for y in sorted(NOWRUZ, reverse=True):
        if d >= NOWRUZ[y]:
            n = (d - NOWRUZ[y]).days
            if n < 186:
                return y, n // 31 + 1, n % 31 + 1
            n -= 186
            return y, 7 + n // 30, n % 30 + 1
    raise ValueError(d)


def fa(x, on=True):
    s = str(x)
    return s.translate(FA) if on else s


def fa_dec(v, on=True, sep='/'):
    s = fmt_num(v)
    if not on:
        return s
    return s.replace('.', sep).translate(FA)


FEM = ['فاطمه', 'زهرا', 'معصومه', 'سکینه', 'رقیه', 'صغری', 'کبری', 'طاهره', 'مریم', 'لیلا',
       'پروین', 'شهناز', 'خدیجه', 'منیژه', 'عذرا']
MAL = ['علی', 'حسن', 'حسین', 'محمد', 'رضا', 'جعفر', 'اکبر', 'یوسف', 'قربان', 'بهروز', 'صمد', 'ابراهیم']
FAM = ['رضایی', 'محمدی', 'حسین‌زاده', 'قاسمی', 'نوروزی', 'اصغرزاده', 'علیزاده', 'جعفری', 'بابایی',
       'کریمی', 'عباسی', 'صمدی', 'فتحی', 'ولیزاده', 'اسدی', 'رنجبر', 'پورمحمد', 'آقازاده', 'نجفی',
       'شیری', 'خلیلی', 'سلطانی']
DIAG = {'osteoporotic': ['استئوپروز', 'پوکی استخوان', 'شکستگی استئوپروتیک'],
        'pathologic': ['متاستاز (سرطان پستان)', 'متاستاز (سرطان ریه)', 'مولتیپل میلوما', 'متاستاز پروستات'],
        'traumatic': ['ضربه (تصادف)', 'سقوط از ارتفاع', 'ضربه (تصادف رانندگی)']}
LEAK = {'none': 'ندارد', 'disc': 'دیسک', 'venous': 'وریدی', 'paravertebral': 'پاراورتبرال',
        'epidural': 'اپیدورال', 'disc;venous': 'دیسک و وریدی'}
TECH = {'vertebroplasty': 'ورتبروپلاستی', 'kyphoplasty': 'کایفوپلاستی'}
VISITS = [('1w', 'یک هفته بعد'), ('1m', 'یک ماه بعد'), ('3m', 'سه ماه بعد'), ('6m', 'شش ماه بعد')]


def build_columns():
    groups = []   # (group title or None, [sub headers])
    groups.append((None, ['ردیف', 'کد بیمار', 'نام و نام خانوادگی', 'شماره پرونده', 'کد ملی',
                          'تلفن همراه', 'جنس', 'سن', 'تشخیص']))
    groups.append(('تاریخ عمل', ['روز', 'ماه', 'سال']))
    groups.append(('عمل', ['سطح مهره', 'نوع عمل', 'حجم سیمان (سی‌سی)', 'نوع سیمان', 'نشت سیمان']))
    groups.append(('قبل از عمل', ['VAS', 'ODI']))
    for _, t in VISITS:
        groups.append((t, ['روز', 'ماه', 'سال', 'VAS', 'ODI']))
    groups.append(('شکستگی جدید', ['روز', 'ماه', 'سال', 'سطح']))
    groups.append(('عمل دوم', ['روز', 'ماه', 'سال', 'سطح مهره', 'نوع عمل', 'حجم سیمان (سی‌سی)',
                               'نوع سیمان', 'نشت سیمان', 'VAS قبل', 'ODI قبل', 'VAS یک ماه بعد',
                               'ODI یک ماه بعد']))
    groups.append(('تاریخ فوت', ['روز', 'ماه', 'سال']))
    groups.append((None, ['توضیحات']))
    cols = {}
    c = 1
    spans = []
    for g, subs in groups:
        spans.append((g, c, c + len(subs) - 1, subs))
        for s in subs:
            cols[(g, s)] = c
            c += 1
    return spans, cols


def main(out):
    rng = random.Random(SEED)
    pats = gen_cohort(rng, 26, dt.date(2022, 4, 10), dt.date(2023, 8, 20),
                      ['1w', '1m', '3m', '6m'], ['1m'], ['pain_vas', 'odi'],
                      kp_p=0.25, multi_p=0.33, n_s2=3, n_fx_only=2, n_dead=2,
                      cements={'PMMA': 88, 'calcium phosphate': 12}, fx_tps=['1m', '3m', '6m'])
    spans, C = build_columns()
    ids = []
    used = set()
    for i, p in enumerate(pats):
        p['pid'] = 'TVP-%03d' % (101 + i)
        p['fa'] = rng.random() < .75
        while True:
            nm = '%s %s' % (rng.choice(FEM if p['sex'] == 'female' else MAL), rng.choice(FAM))
            if nm not in used:
                used.add(nm)
                break
        p['name'] = nm
        p['mrn'] = fa(rng.randrange(300000, 999999), p['fa'])
        p['nid'] = fa('%010d' % rng.randrange(1350000000, 1389999999), p['fa'] and rng.random() < .5)
        p['phone'] = fa('0914%07d' % rng.randrange(10 ** 7), p['fa'])
        ids += [('name', p['name']), ('record_number', p['mrn']), ('national_id', p['nid']),
                ('phone', p['phone'])]
        for s in p['sessions']:
            s['per_level'] = not (len(s['levels']) > 1 and rng.random() < .5)

    plain = [p for p in pats if p['role'] == 'plain']
    rng.shuffle(plain)
    chosen = []

    def pick(cond):
        for p in plain:
            if p not in chosen and cond(p):
                chosen.append(p)
                return p
        raise AssertionError

    def thirty(p):
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] != 'pre':
                y, m, d = g2j(date_of(p, v['day']))
                if 7 <= m <= 11 and d >= 24:
                    return v
    e_date = pick(thirty)
    e_date_v = thirty(e_date)
    e_odi = pick(lambda p: any(v['tp'] == '3m' and 'odi' in v['scores'] for v in p['visits']))
    e_cem = pick(lambda p: len(p['sessions'][0]['levels']) == 1)

    def early(p):
        v = next((v for v in p['visits'] if v['tp'] == '1w'), None)
        if v is None or v['status'] != 'done':
            return False
        y, m, d = g2j(date_of(p, v['day']))
        return m > 1 and d <= 29
    e_before = pick(early)
    err = []

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.sheet_view.rightToLeft = True
    ws['A1'] = 'بیمارستان آموزشی-درمانی سهند، دانشگاه علوم پزشکی تبریز — بخش جراحی اعصاب — ثبت بیماران ورتبروپلاستی و کایفوپلاستی ۱۴۰۱-۱۴۰۲'
    ws['A1'].font = Font(bold=True, size=13)
    thin = Side(style='thin', color='999999')
    fills = ['FFF2CC', 'E2EFDA', 'DDEBF7', 'FCE4D6']
    for gi, (g, c1, c2, subs) in enumerate(spans):
        if g:
            ws.cell(2, c1, g)
            if c2 > c1:
                ws.merge_cells(start_row=2, start_column=c1, end_row=2, end_column=c2)
            ws.cell(2, c1).alignment = Alignment(horizontal='center')
            ws.cell(2, c1).font = Font(bold=True)
        for k, s in enumerate(subs):
            cell = ws.cell(3, c1 + k, s)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal='center', wrap_text=True)
            cell.fill = PatternFill('solid', fgColor=fills[gi % 4])
            cell.border = Border(bottom=thin)
        if not g:
            for k, s in enumerate(subs):   # single headers: spread over both header rows
                ws.cell(2, c1 + k, s)
                ws.merge_cells(start_row=2, start_column=c1 + k, end_row=3, end_column=c1 + k)
                ws.cell(2, c1 + k).font = Font(bold=True)
                ws.cell(2, c1 + k).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
    row = 4

    def put(g, s, val):
        ws.cell(row, C[(g, s)], val)

    def addr(g, s):
        return '%s%d' % (get_column_letter(C[(g, s)]), row)

    def put_date(g, d, on):
        y, m, dd = g2j(d)
        put(g, 'روز', fa(dd, on) if on else dd)
        put(g, 'ماه', fa(m, on) if on else m)
        put(g, 'سال', fa(y, on) if on else y)

    def vol_text(s, on):
        lv = s['levels']
        sep = '/' if rng.random() < .7 else '٫'
        if len(lv) == 1:
            return fa_dec(lv[0]['vol'], on, sep) if on else lv[0]['vol']
        if s['per_level']:
            return ' – '.join('%s: %s' % (l['level'], fa_dec(l['vol'], on, sep)) for l in lv)
        return 'جمع %s' % fa_dec(sum(l['vol'] for l in lv), on, sep)

    def lv_text(s):
        lv = [l['level'] for l in s['levels']]
        if len(lv) == 1:
            return lv[0]
        if len(lv) == 2 and lvl_idx(lv[1]) == lvl_idx(lv[0]) + 1 and rng.random() < .4:
            return '%s-%s' % tuple(lv)
        return ' و '.join(lv) if rng.random() < .6 else '، '.join(lv)

    def leak_text(s):
        lv = s['levels']
        if len(lv) == 1:
            return LEAK[lv[0]['leak']]
        parts = ['%s: %s' % (l['level'], LEAK[l['leak']]) for l in lv if l['leak'] != 'none']
        return 'ندارد' if not parts else '، '.join(parts)

    def cem_type(s):
        if s['cement'] == 'calcium phosphate':
            return 'کلسیم فسفات'
        return rng.choice(['PMMA', 'PMMA', 'سیمان استخوانی PMMA', 'PMMA (Stryker)'])

    for i, p in enumerate(pats):
        on = p['fa']
        put(None, 'ردیف', fa(i + 1, on) if on else i + 1)
        put(None, 'کد بیمار', p['pid'])
        put(None, 'نام و نام خانوادگی', p['name'])
        put(None, 'شماره پرونده', p['mrn'])
        put(None, 'کد ملی', p['nid'])
        put(None, 'تلفن همراه', p['phone'])
        put(None, 'جنس', 'زن' if p['sex'] == 'female' else 'مرد')
        put(None, 'سن', fa(p['age'], on) if on else p['age'])
        dg = [x for x in DIAG[p['etiology']]
              if not (('پستان' in x and p['sex'] == 'male') or ('پروستات' in x and p['sex'] == 'female'))]
        put(None, 'تشخیص', rng.choice(dg))
        s1 = p['sessions'][0]
        put_date('تاریخ عمل', p['d0'], on)
        put('عمل', 'سطح مهره', lv_text(s1))
        put('عمل', 'نوع عمل', TECH[s1['technique']])
        if p is e_cem:
            put('عمل', 'حجم سیمان (سی‌سی)', fa(25, on) if on else 25)
            err.append(dict(sheet=SHEET, cell=addr('عمل', 'حجم سیمان (سی‌سی)'), row=row,
                            column_header='حجم سیمان (سی‌سی)', value=fa(25, on),
                            what_is_wrong='25 cc of cement in a single vertebra (%s): above 20 mL' % s1['levels'][0]['level'],
                            patient_id=p['pid']))
        else:
            put('عمل', 'حجم سیمان (سی‌سی)', vol_text(s1, on))
        put('عمل', 'نوع سیمان', cem_type(s1))
        put('عمل', 'نشت سیمان', leak_text(s1))
        notes = []
        for v in p['visits']:
            sc = v['scores']
            if v['session'] == 1 and v['tp'] == 'pre':
                put('قبل از عمل', 'VAS', fa(sc['pain_vas'], on) if on else sc['pain_vas'])
                put('قبل از عمل', 'ODI', (fa(sc['odi'], on) if on else sc['odi']) if 'odi' in sc else '-')
                continue
            if v['session'] == 2:
                continue
            g = dict(VISITS)[v['tp']]
            if v['status'] in ('missed', 'dead', 'reop'):
                word = {'missed': rng.choice(['مراجعه نکرد', 'مراجعه نکرد', 'پاسخ تلفن نداد']),
                        'dead': 'فوت', 'reop': 'عمل مجدد'}[v['status']]
                c1 = C[(g, 'روز')]
                ws.cell(row, c1, word)
                ws.merge_cells(start_row=row, start_column=c1, end_row=row, end_column=c1 + 4)
                ws.cell(row, c1).alignment = Alignment(horizontal='center')
                continue
            d = date_of(p, v['day'])
            put_date(g, d, on)
            if p is e_date and v is e_date_v:
                y, m, dd = g2j(d)
                put(g, 'روز', fa(31, on) if on else 31)
                err.append(dict(sheet=SHEET, cell=addr(g, 'روز'), row=row, column_header='روز',
                                value=fa(31, on), what_is_wrong='impossible Jalali date 31/%d/%d (months 7-11 have 30 days), visit %s' % (m, y, g),
                                patient_id=p['pid']))
            if p is e_before and v['tp'] == '1w':
                y, m, dd = g2j(d)
                put(g, 'ماه', fa(m - 1, on) if on else m - 1)
                y0, m0, d0 = g2j(p['d0'])
                err.append(dict(sheet=SHEET, cell=addr(g, 'ماه'), row=row, column_header='ماه',
                                value=fa(m - 1, on),
                                what_is_wrong='one-week visit dated %d/%d/%d, before the procedure (%d/%d/%d)' % (y, m - 1, dd, y0, m0, d0),
                                patient_id=p['pid']))
            put(g, 'VAS', fa(sc['pain_vas'], on) if on else sc['pain_vas'])
            if 'odi' in sc:
                if p is e_odi and v['tp'] == '3m':
                    put(g, 'ODI', fa(130, on) if on else 130)
                    err.append(dict(sheet=SHEET, cell=addr(g, 'ODI'), row=row, column_header='ODI',
                                    value=fa(130, on), what_is_wrong='ODI 130 beyond the 0-100 %% scale (%s)' % g,
                                    patient_id=p['pid']))
                    v['odi_err'] = True
                else:
                    put(g, 'ODI', fa(sc['odi'], on) if on else sc['odi'])
            else:
                put(g, 'ODI', '-')
        for f in p['fractures']:
            put_date('شکستگی جدید', date_of(p, f['day']), on)
            put('شکستگی جدید', 'سطح', f['level'])
            if p['role'] == 'fx':
                notes.append('شکستگی جدید %s، درمان محافظه‌کارانه با کرست' % f['level'])
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            g = 'عمل دوم'
            put_date(g, date_of(p, s2['day']), on)
            put(g, 'سطح مهره', lv_text(s2))
            put(g, 'نوع عمل', TECH[s2['technique']])
            put(g, 'حجم سیمان (سی‌سی)', vol_text(s2, on))
            put(g, 'نوع سیمان', cem_type(s2))
            put(g, 'نشت سیمان', leak_text(s2))
            for v in p['visits']:
                if v['session'] != 2:
                    continue
                sfx = 'قبل' if v['tp'] == 'pre' else 'یک ماه بعد'
                if v['status'] != 'done':
                    put(g, 'VAS ' + sfx, 'مراجعه نکرد')
                    continue
                put(g, 'VAS ' + sfx, fa(v['scores']['pain_vas'], on) if on else v['scores']['pain_vas'])
                put(g, 'ODI ' + sfx, fa(v['scores']['odi'], on) if on and 'odi' in v['scores']
                    else v['scores'].get('odi', '-'))
            notes.append('عمل دوم به علت شکستگی جدید')
        if p['died'] == 'yes':
            put_date('تاریخ فوت', date_of(p, p['death_day']), on)
            notes.append('فوت' + (' به علت پیشرفت بیماری زمینه‌ای' if p['etiology'] == 'pathologic' else ''))
        if notes:
            put(None, 'توضیحات', '؛ '.join(notes))
        row += 1
    assert len(err) == 4
    for c in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(c)].width = 7
    for h, w in [('نام و نام خانوادگی', 20), ('تشخیص', 20), ('شماره پرونده', 11), ('کد ملی', 13),
                 ('تلفن همراه', 14), ('توضیحات', 40), ('کد بیمار', 10)]:
        ws.column_dimensions[get_column_letter(C[(None, h)])].width = w
    for g in ('عمل', 'عمل دوم'):
        for h, w in [('سطح مهره', 12), ('نوع عمل', 12), ('حجم سیمان (سی‌سی)', 18), ('نوع سیمان', 16),
                     ('نشت سیمان', 16)]:
            ws.column_dimensions[get_column_letter(C[(g, h)])].width = w
    ws.freeze_panes = 'D4'
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))

    P, PR, AS, FX = truth_tables(pats, lambda p: p['pid'])
    for r in PR:
        if r['_p'] is e_cem and r['_s']['n'] == 1:
            r['cement_volume_ml'] = ''
    AS = [a for a in AS if not (a['_v'].get('odi_err') and a['measure'] == 'odi')]
    write_truth(out, P, PR, AS, FX, err, ids)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
