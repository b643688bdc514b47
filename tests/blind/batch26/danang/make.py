"""make.py for site danang - writes input + truth next to itself (deterministic, fixed seed)."""
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
# Đà Nẵng: one sheet per operation round (Lần 1, Lần 2), Vietnamese
# ---------------------------------------------------------------------------
import xlsxwriter

rng = random.Random(2615)
pts = gen_cohort(rng, 18, dt.date(2021, 9, 1), dt.date(2023, 8, 31), 'BXM-', id_width=2,
                 vas_tps=['pre', '24h', '1m', '3m', '6m'], odi_tps=['pre', '3m'],
                 vas2_tps=['pre', '24h', '1m', '3m'], p_kypho=0.3, p_second=0.3)

HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Phan', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý']
F_MID = ['Thị']
M_MID = ['Văn', 'Đình', 'Công', 'Hữu', 'Minh']
F_TEN = ['Hoa', 'Mai', 'Lan', 'Hương', 'Cúc', 'Thu', 'Nga', 'Sen', 'Liên', 'Hạnh', 'Phượng', 'Tuyết', 'Xuân', 'Bé']
M_TEN = ['Dũng', 'Hùng', 'Sơn', 'Tâm', 'Phúc', 'Thanh', 'Lợi', 'Quang', 'Tài', 'Bảy']
DIAG = {'osteoporotic': ['Xẹp đốt sống do loãng xương', 'Loãng xương', 'Gãy lún đốt sống / loãng xương'],
        'pathologic': ['Di căn xương (K phổi)', 'Đa u tủy xương', 'Di căn cột sống - K vú', 'Di căn xương (K gan)'],
        'traumatic': ['Chấn thương cột sống (té ngã)', 'Tai nạn giao thông - gãy lún'],
        'other': ['U máu đốt sống']}
TECH = {'vertebroplasty': ['PVP', 'Tạo hình đốt sống qua da (PVP)', 'PVP'],
        'kyphoplasty': ['PKP', 'Bơm xi măng có bóng (PKP)']}
LEAK = {'disc': 'Rò đĩa đệm', 'venous': 'Rò tĩnh mạch', 'paravertebral': 'Rò cạnh sống', 'epidural': 'Rò vào ống sống',
        'disc;venous': 'Rò đĩa đệm + tĩnh mạch'}


def make_lvl_writer(style):
    def f(l):
        if l[0] == 'T':
            return ('N' if style == 'N' else 'D') + l[1:]
        return ('TL' if style == 'N' else 'L') + l[1:]
    return f


def dec(v):
    return ('%g' % v).replace('.', ',')


def date_vn(d):
    x = rng.random()
    if x < 0.35:
        return 'ngày %d tháng %d năm %d' % (d.day, d.month, d.year)
    if x < 0.75:
        return '%02d/%02d/%d' % (d.day, d.month, d.year)
    return d


def leak_vn(levels, leaks, lw):
    parts = ['%s (%s)' % (LEAK[k], lw(l)) for l, k in zip(levels, leaks) if k != 'none']
    return '; '.join(parts) if parts else rng.choice(['Không', 'Không', 'không rò'])


errors = []
idents = [('name', 'BS. Nguyễn Hữu Phước'), ('name', 'Nguyễn Hữu Phước')]
wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
base = {'font_name': 'Times New Roman', 'font_size': 12}
F = dict(
    title=wb.add_format(dict(base, bold=True, font_size=14, align='center')),
    sub=wb.add_format(dict(base, italic=True, align='center')),
    hdr=wb.add_format(dict(base, bold=True, text_wrap=True, align='center', valign='vcenter', border=1,
                           bg_color='#BDD7EE')),
    c=wb.add_format(dict(base, border=1, align='center', valign='vcenter')),
    t=wb.add_format(dict(base, border=1, valign='vcenter', text_wrap=True)),
    d=wb.add_format(dict(base, border=1, align='center', valign='vcenter', num_format='dd/mm/yyyy')),
    miss=wb.add_format(dict(base, border=1, align='center', valign='vcenter', font_color='#7F7F7F', font_size=10)),
    dead=wb.add_format(dict(base, border=1, align='center', valign='vcenter', font_color='#C00000', bold=True)),
    note=wb.add_format(dict(base, italic=True, font_size=11)),
)


def W(ws, r, c, v, fmt='c'):
    if isinstance(v, dt.date):
        ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), F['d'])
    elif v is None or v == '':
        ws.write_blank(r, c, None, F[fmt])
    else:
        ws.write(r, c, v, F[fmt])


H1 = ['STT', 'Mã NC', 'Họ và tên', 'Số lưu trữ', 'Ngày sinh', 'SĐT', 'Giới', 'Tuổi', 'Chẩn đoán', 'Ngày mổ',
      'Phương pháp', 'Đốt sống', 'Tổng xi măng (ml)', 'Loại xi măng', 'Rò xi măng',
      'VAS trước mổ', 'VAS sau 24 giờ', 'VAS 1 tháng', 'VAS 3 tháng', 'VAS 6 tháng', 'ODI trước mổ (%)',
      'ODI 3 tháng (%)', 'Xẹp đốt sống mới', 'Tình trạng', 'Ghi chú']
H2 = ['STT', 'Mã NC', 'Họ và tên', 'Ngày mổ lần 2', 'Phương pháp', 'Đốt sống', 'Xi măng (ml)', 'Rò xi măng',
      'VAS trước mổ', 'VAS sau 24 giờ', 'VAS 1 tháng', 'VAS 3 tháng', 'Ghi chú']
C1 = {h: i for i, h in enumerate(H1)}
C2 = {h: i for i, h in enumerate(H2)}
ws1 = wb.add_worksheet('Lần 1')
ws2 = wb.add_worksheet('Lần 2')
for ws, H, sub in ((ws1, H1, 'DANH SÁCH BỆNH NHÂN BƠM XI MĂNG SINH HỌC THÂN ĐỐT SỐNG - LẦN 1'),
                   (ws2, H2, 'DANH SÁCH BỆNH NHÂN BƠM XI MĂNG LẦN 2 (ĐỐT SỐNG KHÁC / XẸP MỚI)')):
    ws.merge_range(0, 0, 0, 12, 'BỆNH VIỆN ĐÀ NẴNG - KHOA NGOẠI THẦN KINH', F['title'])
    ws.merge_range(1, 0, 1, 12, sub, F['title'])
    ws.merge_range(2, 0, 2, 12, 'Người nhập số liệu: BS. Nguyễn Hữu Phước - cập nhật ngày 20 tháng 3 năm 2024', F['sub'])
    for i, h in enumerate(H):
        ws.write(4, i, h, F['hdr'])
    ws.set_row(4, 42)
    ws.freeze_panes(5, 3)
for i, wdt in enumerate([5, 8, 22, 10, 11, 13, 5, 5, 26, 22, 16, 12, 9, 10, 20, 8, 8, 12, 12, 12, 8, 8, 26, 24, 24]):
    ws1.set_column(i, i, wdt)
for i, wdt in enumerate([5, 8, 22, 22, 16, 10, 9, 18, 8, 8, 12, 12, 28]):
    ws2.set_column(i, i, wdt)

single = [p for p in pts if len(p['s1']['levels']) == 1 and sum(p['s1']['vols']) != int(sum(p['s1']['vols']))]
err_vol = single[0]['pid']
t12 = [p for p in pts if p['pid'] != err_vol and 'T12' in p['s1']['levels'] and 'L1' in p['s1']['levels']]
t12 = t12 or [p for p in pts if p['pid'] != err_vol and 'T12' in p['s1']['levels']]
err_lvl = t12[0]['pid']
s2c = [p for p in pts if p['s2'] and p['pid'] not in (err_vol, err_lvl)]
err_id = s2c[-1]['pid']


def _d2(p):
    return p['date0'] + dt.timedelta(days=p['s2']['day'])


fit = [p for p in s2c[:-1] if _d2(p).month in (2, 4, 6, 9, 11)]
err_date = (fit or s2c[:-1])[0]['pid']

r1, r2, n2 = 5, 5, 0
used = set()
for n, p in enumerate(pts, 1):
    s1, s2 = p['s1'], p['s2']
    fem = p['sex'] == 'female'
    style = 'N' if rng.random() < 0.3 else 'D'   # Dr. Tâm's residents write N../TL..
    lw = make_lvl_writer(style)
    while True:
        name = '%s %s %s' % (rng.choice(HO), rng.choice(F_MID if fem else M_MID), rng.choice(F_TEN if fem else M_TEN))
        if name not in used:
            used.add(name)
            break
    b = birth_for_age(rng, p['date0'], p['age'])
    rec = '%d/%s' % (rng.randint(1000, 9999), str(p['date0'].year)[2:])
    phone = '09%02d %03d %03d' % (rng.choice([5, 35, 14, 79, 88, 3]), rng.randint(0, 999), rng.randint(0, 999))
    idents += [('name', name), ('record_number', rec), ('birth_date', b.isoformat()),
               ('birth_date', b.strftime('%d/%m/%Y')), ('phone', phone)]
    r = r1
    W(ws1, r, C1['STT'], n)
    W(ws1, r, C1['Mã NC'], p['pid'])
    W(ws1, r, C1['Họ và tên'], name, 't')
    W(ws1, r, C1['Số lưu trữ'], rec)
    W(ws1, r, C1['Ngày sinh'], b.strftime('%d/%m/%Y'))
    W(ws1, r, C1['SĐT'], phone)
    W(ws1, r, C1['Giới'], 'Nữ' if fem else 'Nam')
    W(ws1, r, C1['Tuổi'], p['age'])
    W(ws1, r, C1['Chẩn đoán'], rng.choice(DIAG[p['etiology']]), 't')
    W(ws1, r, C1['Ngày mổ'], date_vn(p['date0']))
    W(ws1, r, C1['Phương pháp'], rng.choice(TECH[s1['tech']]))
    lv = [lw(l) for l in s1['levels']]
    if p['pid'] == err_lvl:
        i = s1['levels'].index('T12')
        lv[i] = 'D13'
    lvtxt = rng.choice([', ', ' + ']).join(lv)
    W(ws1, r, C1['Đốt sống'], lvtxt)
    if p['pid'] == err_lvl:
        errors.append(['Lần 1', cell(r, C1['Đốt sống']), r + 1, 'Đốt sống', lvtxt,
                       'impossible level D13 (only 12 thoracic vertebrae); operative note gives D12 (T12)', p['pid']])
    tot = sum(s1['vols'])
    if p['pid'] == err_vol:
        bad = '%g' % (tot * 10)
        W(ws1, r, C1['Tổng xi măng (ml)'], int(tot * 10))
        errors.append(['Lần 1', cell(r, C1['Tổng xi măng (ml)']), r + 1, 'Tổng xi măng (ml)', bad,
                       '%s ml of cement in a single vertebra is impossible (decimal comma lost); should be %s'
                       % (bad, dec(tot)), p['pid']])
    elif tot == int(tot):
        W(ws1, r, C1['Tổng xi măng (ml)'], int(tot))
    else:
        W(ws1, r, C1['Tổng xi măng (ml)'], dec(tot) + (' ml' if rng.random() < 0.2 else ''))
    W(ws1, r, C1['Loại xi măng'], 'PMMA')
    W(ws1, r, C1['Rò xi măng'], leak_vn(s1['levels'], s1['leaks'], lw), 't')

    def mark(m):
        return 'tử vong' if m == 'dead' else rng.choice(['không tái khám', 'không tái khám', 'KTK'])

    for tp, col in (('pre', 'VAS trước mổ'), ('24h', 'VAS sau 24 giờ'), ('1m', 'VAS 1 tháng'), ('3m', 'VAS 3 tháng'),
                    ('6m', 'VAS 6 tháng')):
        if tp in s1['vas']:
            W(ws1, r, C1[col], s1['vas'][tp])
        else:
            m = s1['marks'][tp]
            W(ws1, r, C1[col], mark(m), 'dead' if m == 'dead' else 'miss')
    for tp, col in (('pre', 'ODI trước mổ (%)'), ('3m', 'ODI 3 tháng (%)')):
        W(ws1, r, C1[col], s1['odi'].get(tp, ''))
    fx = []
    for d, l in p['fractures']:
        fd = p['date0'] + dt.timedelta(days=d)
        fdt = fd.strftime('%d/%m/%Y') if rng.random() < 0.6 else 'ngày %d tháng %d năm %d' % (fd.day, fd.month, fd.year)
        fx.append('Xẹp mới %s (%s)' % (lw(l), fdt))
    W(ws1, r, C1['Xẹp đốt sống mới'], '; '.join(fx) if fx else 'Không', 't')
    if p['died_day']:
        dd = p['date0'] + dt.timedelta(days=p['died_day'])
        W(ws1, r, C1['Tình trạng'], 'Tử vong ' + (dd.strftime('%d/%m/%Y') if rng.random() < 0.5 else
                                                   'ngày %d tháng %d năm %d' % (dd.day, dd.month, dd.year)), 'dead')
    else:
        W(ws1, r, C1['Tình trạng'], '')
    notes = []
    if s2:
        notes.append('Mổ lần 2 - xem sheet Lần 2')
    if p['etiology'] == 'pathologic':
        notes.append(rng.choice(['Sinh thiết trong mổ', 'Chuyển ung bướu', 'Đã xạ trị']))
    W(ws1, r, C1['Ghi chú'], '; '.join(notes), 't')
    r1 += 1

    if s2:
        n2 += 1
        r = r2
        d2 = p['date0'] + dt.timedelta(days=s2['day'])
        W(ws2, r, C2['STT'], n2)
        if p['pid'] == err_id:
            W(ws2, r, C2['Mã NC'], '')
            errors.append(['Lần 2', cell(r, C2['Mã NC']), r + 1, 'Mã NC', '',
                           'study code missing on the second-operation row (patient identifiable only by name); should be %s'
                           % p['pid'], p['pid']])
        else:
            W(ws2, r, C2['Mã NC'], p['pid'])
        W(ws2, r, C2['Họ và tên'], name, 't')
        if p['pid'] == err_date:
            if d2.month == 2:
                bad = 'ngày 30 tháng 2 năm %d' % d2.year
            elif d2.month in (4, 6, 9, 11):
                bad = 'ngày 31 tháng %d năm %d' % (d2.month, d2.year)
            else:
                bad = 'ngày %d tháng 13 năm %d' % (d2.day, d2.year)
            W(ws2, r, C2['Ngày mổ lần 2'], bad)
            errors.append(['Lần 2', cell(r, C2['Ngày mổ lần 2']), r + 1, 'Ngày mổ lần 2', bad,
                           'impossible date; true date of second operation %s' % d2.strftime('%d/%m/%Y'),
                           p['pid']])
        else:
            W(ws2, r, C2['Ngày mổ lần 2'], date_vn(d2))
        W(ws2, r, C2['Phương pháp'], rng.choice(TECH[s2['tech']]))
        W(ws2, r, C2['Đốt sống'], lw(s2['levels'][0]))
        v = s2['vols'][0]
        W(ws2, r, C2['Xi măng (ml)'], int(v) if v == int(v) else dec(v))
        W(ws2, r, C2['Rò xi măng'], leak_vn(s2['levels'], s2['leaks'], lw), 't')
        s2['ctype_out'] = ''  # not recorded on Lần 2
        for tp, col in (('pre', 'VAS trước mổ'), ('24h', 'VAS sau 24 giờ'), ('1m', 'VAS 1 tháng'), ('3m', 'VAS 3 tháng')):
            if tp in s2['vas']:
                W(ws2, r, C2[col], s2['vas'][tp])
            else:
                m = s2['marks'][tp]
                W(ws2, r, C2[col], mark(m), 'dead' if m == 'dead' else 'miss')
        W(ws2, r, C2['Ghi chú'], rng.choice(['Xẹp đốt mới sau lần 1', 'Đau lại, MRI: xẹp mới', '']), 't')
        r2 += 1

r1 += 1
for line in ['Ghi chú: D = đốt sống ngực (dorsal), N = đốt ngực (cách ghi của một số BS), L / TL = đốt thắt lưng.',
             'Tổng xi măng = tổng lượng xi măng cả lần mổ (ml). VAS thang 0-10. KTK = không tái khám.',
             'Tử vong: bệnh nhân đã mất trước lần tái khám.']:
    ws1.write(r1, 0, line, F['note'])
    r1 += 1
ws2.write(r2 + 1, 0, 'Tái khám lần 2 tính từ ngày mổ lần 2.', F['note'])
wb.close()

write_truth(pts, errors, idents, per_vertebra=False)
