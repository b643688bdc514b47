# ---- common cohort generator (shared by the batch-17 sites; copied into each make.py) ----
import os, sys, csv, random, datetime as dt

TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 180, '12m': 365, '24m': 730}
LEVELS = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEVEL_W = [1, 1, 2, 3, 3, 4, 6, 10, 10, 6, 4, 2, 1]


def lvl_idx(l):
    return LEVELS.index(l)


def pick_levels(rng, k, avoid=()):
    while True:
        start = rng.choices(LEVELS, LEVEL_W)[0]
        i = lvl_idx(start)
        if i + k > len(LEVELS):
            continue
        if k > 1 and rng.random() < 0.25 and i + k + 1 <= len(LEVELS):
            levs = [LEVELS[i]] + [LEVELS[i + 2 + j] for j in range(k - 1)]  # non-contiguous
        else:
            levs = LEVELS[i:i + k]
        if not set(levs) & set(avoid):
            return levs


def gen_cohort(seed, n, tps, measures, s2_tps, start=dt.date(2021, 1, 10), end=dt.date(2023, 6, 30),
               pmma_brands=('PMMA',), cp_brand=None, n_s2=3, n_extra_fx=2, n_died=3,
               kypho_share=0.3):
    """Returns a list of patient dicts. tps: session-1 timepoints (incl. 'pre'); s2_tps: session-2."""
    rng = random.Random(seed)
    pts = []
    span = (end - start).days
    etis = ['osteoporotic'] * 17 + ['pathologic'] * 6 + ['traumatic'] * 3
    rng.shuffle(etis)
    for k in range(n):
        eti = etis[k % len(etis)]
        sex = 'female' if rng.random() < (0.78 if eti == 'osteoporotic' else 0.45) else 'male'
        age = {'osteoporotic': rng.randint(58, 89), 'pathologic': rng.randint(44, 79),
               'traumatic': rng.randint(33, 71)}[eti]
        d0 = start + dt.timedelta(days=int(span * k / n) + rng.randint(0, 12))
        # birth date consistent with age at d0
        bd = d0 - dt.timedelta(days=int(age * 365.25) + rng.randint(20, 340))
        while True:
            a = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
            if a == age:
                break
            bd += dt.timedelta(days=(a - age) * 200)
        nlev = rng.choices([1, 2, 3], [70, 22, 8])[0]
        tech = 'kyphoplasty' if rng.random() < (kypho_share + (0.3 if eti != 'osteoporotic' else 0)) else 'vertebroplasty'
        p = dict(idx=k, sex=sex, age=age, etiology=eti, bdate=bd, d0=d0, died=False, death=None,
                 sessions=[], scores={}, vdates={}, fractures=[], err=None)
        p['sessions'].append(mk_session(rng, 1, d0, 0, nlev, tech, pmma_brands, cp_brand, eti))
        pts.append(p)
    # second sessions / fractures / deaths
    order = list(range(n))
    rng.shuffle(order)
    s2_ids = [i for i in order if pts[i]['etiology'] == 'osteoporotic'][:n_s2]
    died_ids = [i for i in order if i not in s2_ids and pts[i]['etiology'] == 'pathologic'][:max(0, n_died - 1)]
    died_ids += [i for i in order if i not in s2_ids and i not in died_ids and pts[i]['etiology'] == 'osteoporotic'][:1]
    died_ids = died_ids[:n_died]
    fx_ids = [i for i in order if i not in s2_ids and i not in died_ids][:n_extra_fx]
    for i, p in enumerate(pts):
        used = [l['level'] for l in p['sessions'][0]['levels']]
        if i in s2_ids:
            fday = rng.choice([35, 60, 95, 120, 150])
            lv = pick_levels(rng, 1, avoid=used + [nb for u in used for nb in nbrs(u)])
            p['fractures'].append((fday, lv[0]))
            sday = fday + rng.randint(3, 15)
            s = mk_session(rng, 2, p['d0'] + dt.timedelta(days=sday), sday, 1, p['sessions'][0]['technique'],
                           pmma_brands, cp_brand, p['etiology'], fixed_levels=lv,
                           cement=p['sessions'][0]['cement'])
            p['sessions'].append(s)
        if i in fx_ids:
            fday = rng.choice([88, 175, 190, 300])
            lv = pick_levels(rng, 1, avoid=used + [nb for u in used for nb in nbrs(u)])
            p['fractures'].append((fday, lv[0]))
        if i in died_ids:
            p['died'] = True
    # scores
    for p in pts:
        death_day = None
        if p['died']:
            # dies after some follow-up: last attended timepoint then death
            fu = [t for t in tps if t != 'pre']
            nkeep = rng.randint(2, max(2, len(fu) - 1))
            keep = fu[:nkeep]
            last = TP_DAYS[keep[-1]]
            nxt = TP_DAYS[fu[nkeep]] if nkeep < len(fu) else last + 120
            death_day = rng.randint(last + 10, max(last + 11, nxt - 5))
            p['death'] = p['d0'] + dt.timedelta(days=death_day)
            p['death_day'] = death_day
        for s in p['sessions']:
            stps = tps if s['s'] == 1 else s2_tps
            base = rng.uniform(6.5, 9.5)
            for t in stps:
                vday = s['day'] + TP_DAYS[t]
                if t not in ('pre', '24h'):
                    vday += rng.randint(-4, 9) if TP_DAYS[t] >= 30 else rng.randint(0, 2)
                alive = death_day is None or vday < death_day - 3
                missing = (not alive) or (t not in ('pre',) and rng.random() < 0.13)
                if p['died'] and alive and t != 'pre':
                    missing = False
                p['vdates'][(s['s'], t)] = None if not alive else p['d0'] + dt.timedelta(days=vday)
                p.setdefault('attended', {})[(s['s'], t)] = not missing
                if missing and alive:
                    p['vdates'][(s['s'], t)] = None
                for m in measures.get(t, []) if s['s'] == 1 else measures.get('s2_' + t, measures.get(t, [])):
                    if missing:
                        p['scores'][(s['s'], m, t)] = None
                        continue
                    p['scores'][(s['s'], m, t)] = score(rng, m, t, base)
    return pts


def nbrs(l):
    i = lvl_idx(l)
    return [LEVELS[j] for j in (i - 1, i + 1) if 0 <= j < len(LEVELS)]


def mk_session(rng, s, date, day, nlev, tech, pmma_brands, cp_brand, eti, fixed_levels=None, cement=None):
    levs = fixed_levels or pick_levels(rng, nlev)
    if cement is None:
        cement = cp_brand if (cp_brand and eti == 'traumatic' and rng.random() < 0.7) else rng.choice(pmma_brands)
    L = []
    for l in levs:
        lumbar = l.startswith('L')
        vol = rng.choice([2.0, 2.5, 3.0, 3.5, 4.0] if not lumbar else [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0])
        if tech == 'kyphoplasty':
            vol += 1.0
        r = rng.random()
        if r < 0.62:
            leak = 'none'
        elif r < 0.77:
            leak = 'disc'
        elif r < 0.88:
            leak = 'venous'
        elif r < 0.94:
            leak = 'paravertebral'
        elif r < 0.97:
            leak = 'disc;venous'
        else:
            leak = 'epidural'
        L.append(dict(level=l, vol=vol, leak=leak))
    return dict(s=s, date=date, day=day, technique=tech, cement=cement, levels=L,
                total=round(sum(x['vol'] for x in L), 1))


def score(rng, m, t, base):
    d = TP_DAYS[t]
    if m == 'pain_vas':
        if t == 'pre':
            return int(round(base))
        if d <= 1:
            return max(0, int(round(base - rng.uniform(3, 5))))
        return max(0, int(round(base - rng.uniform(4, 7))))
    if m == 'odi':
        if t == 'pre':
            return 2 * rng.randint(25, 42)
        return 2 * rng.randint(8, 22)
    if m == 'mobility':
        if t == 'pre':
            return rng.choice([2, 3, 3, 4])
        if d <= 1:
            return rng.choice([1, 2, 2])
        return rng.choice([0, 1, 1])
    raise ValueError(m)


class Truth:
    def __init__(self):
        self.errors = []
        self.idents = []
        self._seen = set()

    def err(self, sheet, cell, header, value, what, pid):
        import re
        row = int(re.sub(r'^[A-Z]+', '', cell))
        self.errors.append([sheet, cell, row, header, value, what, pid or ''])

    def ident(self, kind, value):
        value = str(value)
        if (kind, value) not in self._seen:
            self._seen.add((kind, value))
            self.idents.append([kind, value])


def fmtnum(x):
    if x is None:
        return ''
    if float(x) == int(x):
        return str(int(x))
    return ('%.2f' % x).rstrip('0').rstrip('.')


def write_truth(outdir, pts, T, per_vertebra=lambda p, s: True, skip=lambda p: False):
    """Writes truth/*.csv.  per_vertebra(p, s) tells whether the input gives per-vertebra volumes."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f)
            c.writerow(header)
            c.writerows(rows)
    P, R, A, F = [], [], [], []
    for p in [q for q in pts if not q['err']]:   # consistency of the generated (non-planted) data
        ds = [d for d in p['vdates'].values() if d is not None] + [p['d0'] + dt.timedelta(days=f) for f, _ in p['fractures']]
        ds += [s['date'] for s in p['sessions']]
        assert min(ds) >= p['d0'], p['pid']
        if p['died']:
            assert p['death'] > max(ds), p['pid']
    for p in pts:
        if skip(p):
            continue
        pid = p['pid']
        P.append([pid, p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for s in p['sessions']:
            pv = per_vertebra(p, s)
            for L in s['levels']:
                R.append([pid, s['s'], '' if s.get('day_unknown') else s['day'], L['level'], s['technique'],
                          fmtnum(L['vol']) if pv else '', '' if pv else fmtnum(s['total']),
                          s['cement_truth'], L['leak']])
        for (ss, m, t), v in p['scores'].items():
            if v is not None:
                A.append([pid, ss, m, t, fmtnum(v)])
        for (d, l) in p['fractures']:
            F.append([pid, d, l])
    A.sort(key=lambda r: (r[0], r[1], r[2], list(TP_DAYS).index(r[3])))
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], R)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    w('fractures.csv', ['patient_id', 'day', 'level'], F)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], T.errors)
    w('identifiers.csv', ['kind', 'value'], T.idents)


def outdir_arg():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    return out
# ---- end common ----
# ---- site: isfahan ----
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

FA = str.maketrans('0123456789.', '۰۱۲۳۴۵۶۷۸۹٫')


def fa(x):
    return str(x).translate(FA)


def g2j(d):
    gy, gm, gd = d.year, d.month, d.day
    g_d_m = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    gy2 = gy + 1 if gm > 2 else gy
    days = 355666 + 365 * gy + (gy2 + 3) // 4 - (gy2 + 99) // 100 + (gy2 + 399) // 400 + gd + g_d_m[gm - 1]
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


def jstr(d):
    return fa('%04d/%02d/%02d' % g2j(d))


NAMES_F = ['فاطمه احمدی', 'زهرا محمدی', 'معصومه کریمی', 'اشرف رضایی', 'طاهره حسینی', 'منیژه صادقی', 'پروین اصفهانی',
           'شهین موسوی', 'عفت نوری', 'اقدس جعفری', 'بتول قاسمی', 'صغری رحیمی', 'مهین کاظمی', 'ملوک سلطانی', 'فرخنده طاهری',
           'نرگس باقری', 'خدیجه هاشمی', 'رقیه میرزایی']
NAMES_M = ['محمدرضا اکبری', 'علی اصغر نجفی', 'حسین شریفی', 'عباس زمانی', 'غلامرضا کیانی', 'مهدی فروغی', 'رضا عسگری',
           'اکبر دهقانی', 'ناصر خلیلی', 'جواد مرادی', 'مرتضی یزدانی', 'حمید ابراهیمی']
TPS = ['pre', '24h', '1m', '6m', '12m']
MEAS = {'pre': ['pain_vas', 'odi'], '24h': ['pain_vas'], '1m': ['pain_vas'], '6m': ['pain_vas', 'odi'], '12m': ['pain_vas', 'odi'],
        's2_pre': ['pain_vas'], 's2_24h': ['pain_vas'], 's2_1m': ['pain_vas']}
CEM = {'PMMA': 'PMMA', 'Mendec Spine': 'PMMA', 'سیمان استخوانی (PMMA)': 'PMMA'}
LKF = {'none': 'ندارد', 'disc': 'دیسک', 'venous': 'وریدی', 'paravertebral': 'پاراورتبرال', 'epidural': 'اپیدورال'}


def main():
    out = outdir_arg()
    rng = random.Random(1704)
    pts = gen_cohort(1704, 24, TPS, MEAS, ['pre', '24h', '1m'], start=dt.date(2021, 4, 1), end=dt.date(2023, 5, 31),
                     pmma_brands=['PMMA', 'Mendec Spine', 'سیمان استخوانی (PMMA)'], n_s2=3, n_extra_fx=2, n_died=2,
                     kypho_share=0.25)
    used = set()
    for i, p in enumerate(pts):
        p['pid'] = 'IF-%02d' % (i + 1)
        pool = [x for x in (NAMES_F if p['sex'] == 'female' else NAMES_M) if x not in used]
        p['name'] = rng.choice(pool); used.add(p['name'])
        p['file'] = '%d' % rng.randint(300000, 899999)
        p['nid'] = '%010d' % rng.randint(10 ** 8, 1299999999)
        p['tel'] = '09%02d %03d %04d' % (rng.choice([13, 13, 13, 12, 19, 35]), rng.randint(0, 999), rng.randint(0, 9999))
        p['fa'] = rng.random() < 0.4   # typed as Persian-digit text rather than numbers
        for s in p['sessions']:
            s['cement_truth'] = CEM[s['cement']]
    plain = [i for i, p in enumerate(pts) if not p['died'] and len(p['sessions']) == 1 and not p['fractures']]
    extra = [i for i, p in enumerate(pts) if len(p['sessions']) == 1 and p['fractures']]
    E = {plain[1]: 'birth3108', plain[5]: 'vas11', plain[9]: 'cem26', extra[0]: 'fxbefore'}
    for i, k in E.items():
        pts[i]['err'] = k
    ix = {k: i for i, k in E.items()}
    p = pts[ix['vas11']]
    p['scores'][(1, 'pain_vas', '24h')] = 11
    p = pts[ix['cem26']]
    p['sessions'][0]['levels'][0]['vol'] = 26.0
    p = pts[ix['fxbefore']]
    fd, fl = p['fractures'][0]
    real = p['d0'] + dt.timedelta(days=fd)
    jy, jm, jd = g2j(real)
    # written with the previous Solar Hijri year (typing slip): find the Gregorian date of that
    wrong = real - dt.timedelta(days=365)
    while g2j(wrong) != (jy - 1, jm, jd):
        wrong += dt.timedelta(days=1 if g2j(wrong) < (jy - 1, jm, jd) else -1)
    p['fractures'][0] = ((wrong - p['d0']).days, fl)
    p['fx_wrong'] = True
    T = Truth()
    wb = Workbook()
    ws = wb.active
    ws.title = 'بیماران'
    ws.sheet_view.rightToLeft = True
    ws['A1'] = 'دانشگاه علوم پزشکی اصفهان — بیمارستان آموزشی درمانی نقش جهان — بخش جراحی ستون فقرات'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'ثبت بیماران ورتبروپلاستی و کایفوپلاستی ۱۴۰۰ تا ۱۴۰۲ (تاریخ‌ها شمسی، VAS از ۰ تا ۱۰، ODI درصد، حجم سیمان سی‌سی)'
    groups = [('مشخصات بیمار', ['ردیف', 'کد بیمار', 'نام و نام خانوادگی', 'شماره پرونده', 'کد ملی', 'تلفن همراه', 'تاریخ تولد', 'جنس', 'سن', 'علت شکستگی']),
              ('عمل اول', ['تاریخ عمل', 'سطح', 'روش', 'نوع سیمان', 'حجم سیمان (سی‌سی)', 'نشت سیمان']),
              ('VAS', ['قبل از عمل', '۲۴ ساعت', '۱ ماه', '۶ ماه', '۱۲ ماه']),
              ('ODI (%)', ['قبل از عمل', '۶ ماه', '۱۲ ماه']),
              ('شکستگی جدید', ['تاریخ', 'سطح']),
              ('عمل دوم', ['تاریخ عمل', 'سطح', 'روش', 'حجم سیمان (سی‌سی)', 'نشت سیمان', 'VAS قبل', 'VAS ۲۴ ساعت', 'VAS ۱ ماه']),
              ('پیامد', ['فوت (تاریخ)', 'توضیحات'])]
    H1, H2 = 4, 5
    c = 1
    colmap = {}
    fills = ['E2EFDA', 'FCE4D6', 'DDEBF7', 'DDEBF7', 'FFF2CC', 'EDEDED', 'F8CBAD']
    for gi, (g, subs) in enumerate(groups):
        ws.cell(H1, c, g)
        ws.merge_cells(start_row=H1, start_column=c, end_row=H1, end_column=c + len(subs) - 1)
        for k, sname in enumerate(subs):
            cc = ws.cell(H2, c + k, sname)
            colmap[(g, sname)] = c + k
            for rr in (H1, H2):
                ws.cell(rr, c + k).fill = PatternFill('solid', fgColor=fills[gi])
                ws.cell(rr, c + k).font = Font(bold=True)
                ws.cell(rr, c + k).alignment = Alignment(horizontal='center', wrap_text=True)
        c += len(subs)
    for j in range(1, c):
        ws.column_dimensions[get_column_letter(j)].width = 13
    ws.column_dimensions['C'].width = 20
    r = H2 + 1

    def put(g, sname, v):
        ws.cell(r, colmap[(g, sname)], v)
        return '%s%d' % (get_column_letter(colmap[(g, sname)]), r)

    def levtxt(levs):
        ii = [lvl_idx(l) for l in levs]
        if len(levs) > 1 and ii == list(range(ii[0], ii[0] + len(ii))):
            return '%s-%s' % (levs[0], levs[-1])
        return ' و '.join(levs)

    def n(p, v):
        if v is None:
            return None
        return fa(fmtnum(v)) if p['fa'] else v

    def vol(p, L):
        vs = [L_['vol'] for L_ in L]
        if len(vs) == 1:
            return fa(fmtnum(vs[0])) if (p['fa'] or vs[0] != int(vs[0])) else vs[0]
        return ' + '.join(fa(fmtnum(v)) for v in vs)

    def leaktxt(L):
        if all(x['leak'] == 'none' for x in L):
            return 'ندارد'
        if len(L) == 1:
            return ' و '.join(LKF[k] for k in L[0]['leak'].split(';'))
        return '، '.join('%s (%s)' % (' و '.join(LKF[k] for k in x['leak'].split(';')), x['level']) for x in L if x['leak'] != 'none')

    def miss(p, s, t):
        dead = p['died'] and s['day'] + TP_DAYS[t] > p['death_day']
        return 'فوت' if dead else rng.choice(['مراجعه نکرد', '-', '-', 'پیگیری نشد'])

    for k, p in enumerate(pts, 1):
        s1 = p['sessions'][0]
        put('مشخصات بیمار', 'ردیف', fa(k))
        put('مشخصات بیمار', 'کد بیمار', p['pid'])
        put('مشخصات بیمار', 'نام و نام خانوادگی', p['name'])
        put('مشخصات بیمار', 'شماره پرونده', fa(p['file']))
        put('مشخصات بیمار', 'کد ملی', fa(p['nid']))
        put('مشخصات بیمار', 'تلفن همراه', fa(p['tel']))
        bd = jstr(p['bdate'])
        if p['err'] == 'birth3108':
            jy, jm, jd = g2j(p['bdate'])
            bd = fa('%04d/08/31' % jy)
            cell = put('مشخصات بیمار', 'تاریخ تولد', bd)
            T.err(ws.title, cell, 'تاریخ تولد', bd, 'impossible Solar Hijri date: 31 Aban (Aban has 30 days)', p['pid'])
        else:
            put('مشخصات بیمار', 'تاریخ تولد', bd)
        T.ident('name', p['name']); T.ident('record_number', fa(p['file'])); T.ident('national_id', fa(p['nid']))
        T.ident('phone', fa(p['tel'])); T.ident('birth_date', bd)
        put('مشخصات بیمار', 'جنس', 'زن' if p['sex'] == 'female' else 'مرد')
        put('مشخصات بیمار', 'سن', fa(p['age']) if p['fa'] else p['age'])
        put('مشخصات بیمار', 'علت شکستگی', rng.choice({'osteoporotic': ['استئوپروز', 'پوکی استخوان', 'استئوپروتیک'],
                                                       'pathologic': ['متاستاز (سرطان پستان)' if p['sex'] == 'female' else 'متاستاز (سرطان پروستات)', 'مولتیپل میلوما', 'متاستاز ریه'],
                                                       'traumatic': ['تروما (سقوط از ارتفاع)', 'تصادف', 'تروما']}[p['etiology']]))
        put('عمل اول', 'تاریخ عمل', jstr(s1['date']))
        put('عمل اول', 'سطح', levtxt([x['level'] for x in s1['levels']]))
        put('عمل اول', 'روش', 'ورتبروپلاستی' if s1['technique'] == 'vertebroplasty' else 'کایفوپلاستی')
        put('عمل اول', 'نوع سیمان', s1['cement'])
        cell = put('عمل اول', 'حجم سیمان (سی‌سی)', vol(p, s1['levels']))
        if p['err'] == 'cem26':
            T.err(ws.title, cell, 'حجم سیمان (سی‌سی)', fmtnum(vol(p, s1['levels'])) if not isinstance(vol(p, s1['levels']), str) else vol(p, s1['levels']), 'cement volume 26 mL in one vertebra', p['pid'])
        put('عمل اول', 'نشت سیمان', leaktxt(s1['levels']))
        for sname, t in (('قبل از عمل', 'pre'), ('۲۴ ساعت', '24h'), ('۱ ماه', '1m'), ('۶ ماه', '6m'), ('۱۲ ماه', '12m')):
            v = p['scores'].get((1, 'pain_vas', t))
            cell = put('VAS', sname, n(p, v) if v is not None else miss(p, s1, t))
            if v is not None and v > 10:
                T.err(ws.title, cell, sname, fa(v) if p['fa'] else str(v), 'VAS 11 on a 0-10 scale', p['pid'])
        for sname, t in (('قبل از عمل', 'pre'), ('۶ ماه', '6m'), ('۱۲ ماه', '12m')):
            v = p['scores'].get((1, 'odi', t))
            put('ODI (%)', sname, n(p, v) if v is not None else miss(p, s1, t))
        if p['fractures']:
            fd, fl = p['fractures'][0]
            fdt = jstr(p['d0'] + dt.timedelta(days=fd))
            cell = put('شکستگی جدید', 'تاریخ', fdt)
            put('شکستگی جدید', 'سطح', fl)
            if p.get('fx_wrong'):
                T.err(ws.title, cell, 'تاریخ', fdt, 'new fracture dated before the first procedure (year slip)', p['pid'])
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            put('عمل دوم', 'تاریخ عمل', jstr(s2['date']))
            put('عمل دوم', 'سطح', levtxt([x['level'] for x in s2['levels']]))
            put('عمل دوم', 'روش', 'ورتبروپلاستی' if s2['technique'] == 'vertebroplasty' else 'کایفوپلاستی')
            put('عمل دوم', 'حجم سیمان (سی‌سی)', vol(p, s2['levels']))
            put('عمل دوم', 'نشت سیمان', leaktxt(s2['levels']))
            for sname, t in (('VAS قبل', 'pre'), ('VAS ۲۴ ساعت', '24h'), ('VAS ۱ ماه', '1m')):
                v = p['scores'].get((2, 'pain_vas', t))
                put('عمل دوم', sname, n(p, v) if v is not None else miss(p, s2, t))
        if p['died']:
            put('پیامد', 'فوت (تاریخ)', jstr(p['death']))
            put('پیامد', 'توضیحات', rng.choice(['فوت در منزل (تماس تلفنی با خانواده)', 'پیشرفت بیماری', 'فوت در بخش انکولوژی']))
        elif p['fractures'] and len(p['sessions']) == 1:
            put('پیامد', 'توضیحات', 'درمان محافظه‌کارانه با بریس')
        r += 1
    ws.freeze_panes = 'D6'
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, T)


if __name__ == '__main__':
    main()
