# ---------------------------------------------------------------------------
# Generic cohort generator (shared by the writer's sites, copied verbatim).
# Only the standard library is used here.
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}


def lvl_idx(level):
    return SPINE.index(level)


def make_cohort(seed, n, start, end, cut, tps1, tps2, etio_w, odi_tps=(),
                p_second=0.22, p_kypho=0.35, vas_step=1.0, p_missed=0.1,
                cement_types=(('PMMA', 1.0),)):
    """Return a list of patient dicts; everything is decided here once."""
    rng = random.Random(seed)
    span = (end - start).days
    pts = []
    for i in range(n):
        p = {'n': i + 1}
        etio = rng.choices([e for e, _ in etio_w], [w for _, w in etio_w])[0]
        p['etio_detail'] = etio
        p['etiology'] = {'osteoporosis': 'osteoporotic', 'metastasis': 'pathologic',
                         'myeloma': 'pathologic', 'trauma': 'traumatic',
                         'haemangioma': 'other'}[etio]
        p['sex'] = 'female' if rng.random() < (0.75 if etio == 'osteoporosis' else 0.45) else 'male'
        lo, hi = {'osteoporosis': (62, 89), 'metastasis': (50, 80), 'myeloma': (52, 81),
                  'trauma': (44, 76), 'haemangioma': (38, 66)}[etio]
        age = rng.randint(lo, hi)
        p['age'] = age
        op1 = start + dt.timedelta(days=rng.randint(0, span))
        # birth date so that age at op1 is exactly `age`
        bd_year = op1.year - age - 1
        bd = dt.date(bd_year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        while (op1.year - bd.year - ((op1.month, op1.day) < (bd.month, bd.day))) != age:
            bd += dt.timedelta(days=5)
        p['birth'] = bd
        p['op1'] = op1
        # death
        p_death = {'metastasis': 0.45, 'myeloma': 0.3}.get(etio, 0.07)
        death_day = None
        if rng.random() < p_death:
            death_day = rng.randint(60, 520)
            if op1 + dt.timedelta(days=death_day) > cut:
                death_day = None
        p['death_day'] = death_day
        p['died'] = death_day is not None
        last_day = (cut - op1).days if death_day is None else death_day - 1
        # session 1 levels
        nlev = rng.choices([1, 2, 3], [0.55, 0.32, 0.13])[0]
        if etio == 'metastasis':
            top = rng.choice(['T6', 'T8', 'T9', 'T10', 'T11', 'L1', 'L2', 'L3'])
        else:
            top = rng.choice(['T7', 'T10', 'T11', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3'])
        ti = lvl_idx(top)
        lv1 = [SPINE[ti + k] for k in range(nlev) if ti + k <= lvl_idx('L5')]
        tech1 = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
        ctype = rng.choices([c for c, _ in cement_types], [w for _, w in cement_types])[0]
        sessions = [make_session(rng, 1, 0, op1, lv1, tech1, ctype)]
        fractures = []
        treated = set(lv1)
        # second operation
        if rng.random() < p_second and last_day > 120:
            d2 = rng.randint(35, min(330, last_day - 100))
            cand = [SPINE[lvl_idx(lv1[0]) - 1], SPINE[lvl_idx(lv1[-1]) + 1]]
            cand = [c for c in cand if c not in treated and c.startswith(('T', 'L'))]
            lv2 = [rng.choice(cand)]
            if rng.random() < 0.25:
                nxt = SPINE[lvl_idx(lv2[0]) + 1]
                if nxt not in treated and nxt.startswith(('T', 'L')):
                    lv2.append(nxt)
            tech2 = tech1 if rng.random() < 0.7 else ('kyphoplasty' if tech1 == 'vertebroplasty' else 'vertebroplasty')
            s2 = make_session(rng, 2, d2, op1 + dt.timedelta(days=d2), lv2, tech2, ctype)
            sessions.append(s2)
            treated |= set(lv2)
            for lv in lv2:
                fractures.append((d2 - rng.randint(4, 21), lv))
        elif rng.random() < 0.14 and last_day > 150:
            fd = rng.randint(45, min(400, last_day - 20))
            cand = [SPINE[lvl_idx(lv1[0]) - 1], SPINE[lvl_idx(lv1[-1]) + 1]]
            cand = [c for c in cand if c not in treated and c.startswith(('T', 'L'))]
            fractures.append((fd, rng.choice(cand)))
        p['fractures'] = sorted(fractures)
        p['sessions'] = sessions
        # assessments
        for s in sessions:
            tps = tps1 if s['session'] == 1 else tps2
            pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10]) if vas_step == 1 else rng.randint(62, 95) / 10
            odi_pre = rng.randint(44, 82)
            s['assess'] = {}
            for tp in tps:
                day = s['day'] + max(0, TP_DAYS[tp])
                if tp == 'pre':
                    day = s['day'] - rng.choice([0, 0, 1, 1, 2])
                else:
                    day += rng.randint(-(TP_DAYS[tp] // 10), TP_DAYS[tp] // 6 + (1 if TP_DAYS[tp] > 1 else 0))
                if day > last_day:
                    break  # no more visits (dead / data cut)
                if tp not in ('pre', '24h') and rng.random() < p_missed:
                    s['assess'][tp] = {'missed': True, 'day': day}
                    continue
                if tp == 'pre':
                    vas = pre
                else:
                    frac = {'24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4,
                            '3m': 0.33, '6m': 0.32, '12m': 0.3}[tp]
                    vas = pre * frac + rng.uniform(-1.2, 1.4)
                    if p['etiology'] == 'pathologic':
                        vas += 0.8
                    vas = min(10, max(0, vas))
                    vas = round(vas) if vas_step == 1 else round(vas * 10) / 10
                a = {'missed': False, 'day': day, 'vas': vas}
                if tp in odi_tps:
                    if tp == 'pre':
                        a['odi'] = odi_pre
                    else:
                        a['odi'] = max(4, min(100, int(odi_pre * {'24h': 0.8, '1w': 0.7, '6w': 0.6, '1m': 0.62, '3m': 0.5, '6m': 0.48, '12m': 0.45}[tp] + rng.randint(-6, 6))))
                    a['odi'] -= a['odi'] % 2  # 10 items x 5 points -> even percent
                s['assess'][tp] = a
        pts.append(p)
    return pts


def make_session(rng, no, day, date, levels, tech, ctype):
    lv = []
    for L in levels:
        if tech == 'kyphoplasty':
            vol = rng.choice([3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5])
        else:
            vol = rng.choice([2.0, 2.5, 3.0, 3.0, 3.5, 3.5, 4.0, 4.5, 5.0])
        if L.startswith('T') and int(L[1:]) < 10:
            vol = max(1.5, vol - 1.0)
        if rng.random() < 0.25:
            vol = round(vol + rng.choice([-0.2, 0.2, 0.3, -0.3]), 1)
        leak = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'epidural', 'disc;venous'],
                           [0.68, 0.12, 0.1, 0.05, 0.02, 0.03])[0]
        if tech == 'kyphoplasty' and leak != 'none' and rng.random() < 0.5:
            leak = 'none'
        lv.append({'level': L, 'vol': vol, 'leak': leak})
    return {'session': no, 'day': day, 'date': date, 'technique': tech,
            'cement_type': ctype, 'levels': lv,
            'total': round(sum(x['vol'] for x in lv), 1)}


def fmt_num(x, dec=','):
    s = ('%g' % x) if isinstance(x, (int, float)) else str(x)
    return s.replace('.', dec)


def write_truth(patients, errors, identifiers, per_vertebra=True, leak_recorded=True,
                vol_override=None):
    """patients: final dicts; errors: list of dicts; identifiers: list of (kind, value)."""
    tdir = os.path.join(HERE, 'truth')
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            cw.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in patients])
    rows = []
    for p in patients:
        for s in p['sessions']:
            pv = per_vertebra if not callable(per_vertebra) else per_vertebra(p, s)
            for x in s['levels']:
                rows.append([p['id'], s['session'], s['day'], x['level'], s['technique'],
                             fmt_num(x['vol'], '.') if pv else '',
                             '' if pv else fmt_num(s['total'], '.'),
                             s['cement_type'] or '',
                             x['leak'] if leak_recorded else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    rows = []
    for p in patients:
        for s in p['sessions']:
            for tp in order:
                a = s['assess'].get(tp)
                if not a or a['missed']:
                    continue
                rows.append([p['id'], s['session'], 'pain_vas', tp, fmt_num(a['vas'], '.')])
                if 'odi' in a:
                    rows.append([p['id'], s['session'], 'odi', tp, a['odi']])
                if 'mob' in a:
                    rows.append([p['id'], s['session'], 'mobility', tp, a['mob']])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, L] for p in patients for d, L in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.append((k, str(v)))
    w('identifiers.csv', ['kind', 'value'], seen)


def age_at(bd, date):
    return date.year - bd.year - ((date.month, date.day) < (bd.month, bd.day))


def col_letter(i):  # 0-based -> 'A'
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
def freeze_xlsx(path, stamp):
    """openpyxl stamps the save time into the file; pin it so reruns are byte-identical."""
    import re as _re
    import zipfile
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == 'docProps/core.xml':
                data = _re.sub(rb'(<dcterms:(?:created|modified)[^>]*>)[^<]*', rb'\g<1>' + stamp.encode(), data)
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 10, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


# --------------------------- end of shared part -----------------------------

# ============================ CAN THO ======================================
# One row per patient; several values in one cell on separate lines (Alt+Enter)
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side

SEED = 28505
START, END, CUT = dt.date(2021, 5, 1), dt.date(2022, 12, 31), dt.date(2024, 1, 20)

pts = make_cohort(SEED, 18, START, END, CUT,
                  tps1=['pre', '24h', '1m', '3m', '6m', '12m'], tps2=['pre', '24h', '1m', '3m'],
                  etio_w=[('osteoporosis', 0.6), ('metastasis', 0.17), ('myeloma', 0.07),
                          ('trauma', 0.12), ('haemangioma', 0.04)],
                  odi_tps=('pre', '3m', '12m'), p_second=0.2, p_kypho=0.3, p_missed=0.14,
                  cement_types=(('PMMA', 1.0),))
rng = random.Random(SEED + 1)
# this unit records ODI only for the first operation
for p in pts:
    for s_ in p['sessions'][1:]:
        for a in s_['assess'].values():
            a.pop('odi', None)

HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Dương', 'Lâm', 'Trương']
LOT = ['Văn', 'Thị', 'Hữu', 'Thanh', 'Ngọc', 'Minh', 'Kim']
TEN_F = ['Lan', 'Hoa', 'Mai', 'Hồng', 'Cúc', 'Nga', 'Thu', 'Bé', 'Sáu', 'Út', 'Tư', 'Hạnh']
TEN_M = ['Hùng', 'Dũng', 'Tâm', 'Phúc', 'Lộc', 'Bảy', 'Tám', 'Sơn', 'Hải', 'Nam']
CD = {'osteoporosis': ['Loãng xương', 'Xẹp đốt sống do loãng xương', 'Loãng xương nặng'],
      'metastasis': ['Di căn cột sống (K phổi)', 'Di căn cột sống (K vú)', 'Di căn (K gan)'],
      'myeloma': ['Đa u tủy xương'],
      'trauma': ['Chấn thương (té ngã)', 'Chấn thương - TNGT'],
      'haemangioma': ['U máu đốt sống']}
RO = {'none': 'Không', 'disc': 'Đĩa đệm', 'venous': 'Tĩnh mạch', 'paravertebral': 'Cạnh sống',
      'epidural': 'Ngoài màng cứng'}
TP_VN = {'pre': 'Trước mổ', '24h': 'Sau mổ 1 ngày', '1m': '1 tháng', '3m': '3 tháng', '6m': '6 tháng',
         '12m': '12 tháng'}
MISSED = ['không tái khám', 'BN không đến', 'mất liên lạc', 'không đến khám']


def vd(x):
    return '%02d/%02d/%04d' % (x.day, x.month, x.year)


def vlevel(L, use_d):
    return ('D' + L[1:]) if (use_d and L.startswith('T')) else L


def ro(x):
    return ' + '.join(RO[t] for t in x['leak'].split(';'))


identifiers = []
used = set()
for p in pts:
    p['id'] = 'CT-%02d' % p['n']
    while True:
        nm = '%s %s %s' % (rng.choice(HO), 'Thị' if p['sex'] == 'female' else rng.choice(['Văn', 'Hữu', 'Minh', 'Thanh']),
                           rng.choice(TEN_F if p['sex'] == 'female' else TEN_M))
        if nm not in used:
            used.add(nm)
            break
    p['name'] = nm
    p['hs'] = '%02d.%06d' % (p['op1'].year % 100, rng.randint(1000, 99999))
    p['tel'] = '0%d%s' % (rng.choice([90, 91, 93, 94, 97, 98, 39, 70, 77]),
                          ''.join(str(rng.randint(0, 9)) for _ in range(7)))
    p['cd'] = rng.choice(CD[p['etio_detail']])
    p['use_d'] = rng.random() < 0.8
    identifiers += [('name', p['name']), ('record_number', p['hs']), ('phone', p['tel']),
                    ('birth_date', vd(p['birth']))]


def vas_cell(s, p):
    lines = []
    for tp in ['pre', '24h', '1m', '3m', '6m', '12m']:
        a = s['assess'].get(tp)
        if a is None:
            if p['died'] and tp != '24h':
                lines.append('%s: tử vong' % TP_VN[tp])
                break
            continue
        if a['missed']:
            lines.append('%s: %s' % (TP_VN[tp], rng.choice(MISSED)))
        else:
            lines.append('%s: %s' % (TP_VN[tp], fmt_num(a['vas'], ',')))
    return lines


def odi_cell(s):
    lines = []
    for tp in ['pre', '3m', '12m']:
        a = s['assess'].get(tp)
        if a and not a['missed'] and 'odi' in a:
            lines.append('%s: %d%%' % (TP_VN[tp], a['odi']))
    return lines


HEAD = ['STT', 'Mã NC', 'Họ và tên', 'Số hồ sơ', 'SĐT', 'Ngày sinh', 'Tuổi', 'Giới', 'Chẩn đoán',
        'Ngày mổ', 'Phương pháp', 'Đốt sống', 'Thể tích xi măng (ml)', 'Loại xi măng', 'Rò xi măng',
        'VAS', 'ODI',
        'Ngày mổ', 'Đốt sống', 'Phương pháp', 'Thể tích xi măng (ml)', 'Rò xi măng', 'VAS',
        'Gãy đốt sống mới', 'Tử vong', 'Ghi chú']
GROUPS = [('THÔNG TIN BỆNH NHÂN', 1, 9), ('PHẪU THUẬT LẦN 1 + THEO DÕI', 10, 17),
          ('MỔ LẦN 2 (nếu có)', 18, 23), ('KẾT CỤC', 24, 26)]
C = {}
for i, h in enumerate(HEAD):
    C.setdefault(h, i)  # first occurrence
C2 = {h: 17 + k for k, h in enumerate(['Ngày mổ', 'Đốt sống', 'Phương pháp', 'Thể tích xi măng (ml)',
                                        'Rò xi măng', 'VAS'])}

pts_row = sorted(pts, key=lambda p: p['op1'])
rows = []
for k, p in enumerate(pts_row):
    r = [None] * len(HEAD)
    s1 = p['sessions'][0]
    r[0] = k + 1
    r[1] = p['id']
    r[2] = p['name']
    r[3] = p['hs']
    r[4] = p['tel']
    r[5] = vd(p['birth'])
    r[6] = p['age']
    r[7] = 'Nữ' if p['sex'] == 'female' else 'Nam'
    r[8] = p['cd']
    r[9] = s1['date'] if rng.random() < 0.5 else vd(s1['date'])
    r[10] = 'PVP' if s1['technique'] == 'vertebroplasty' else 'PKP (có bóng)'
    r[11] = [vlevel(x['level'], p['use_d']) for x in s1['levels']]
    r[12] = [fmt_num(x['vol'], ',') for x in s1['levels']]
    r[13] = 'PMMA'
    r[14] = 'Không' if all(x['leak'] == 'none' for x in s1['levels']) else [
        '%s: %s' % (vlevel(x['level'], p['use_d']), ro(x)) for x in s1['levels']]
    r[15] = vas_cell(s1, p)
    r[16] = odi_cell(s1) or None
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        r[17] = vd(s2['date'])
        r[18] = [vlevel(x['level'], p['use_d']) for x in s2['levels']]
        r[19] = 'PVP' if s2['technique'] == 'vertebroplasty' else 'PKP (có bóng)'
        r[20] = [fmt_num(x['vol'], ',') for x in s2['levels']]
        r[21] = 'Không' if all(x['leak'] == 'none' for x in s2['levels']) else [
            '%s: %s' % (vlevel(x['level'], p['use_d']), ro(x)) for x in s2['levels']]
        r[22] = vas_cell(s2, p)
    r[23] = 'Không' if not p['fractures'] else [
        '%s (%s)' % (vlevel(L, p['use_d']), vd(p['op1'] + dt.timedelta(days=d))) for d, L in p['fractures']]
    r[24] = 'Không' if not p['died'] else 'Có - %s' % vd(p['op1'] + dt.timedelta(days=p['death_day']))
    notes = []
    if p['etio_detail'] in ('metastasis', 'myeloma'):
        notes.append('sinh thiết cùng lúc')
    if p['died']:
        notes.append('người nhà báo qua ĐT')
    r[25] = '; '.join(notes) or None
    rows.append((r, p))

errors = []
SHEET = 'DS bơm xi măng'
FIRST = 7  # first data row in the sheet


def plant(pred, col, newv, what):
    for i, (r, p) in enumerate(rows):
        if not p.get('err') and pred(r, p):
            old = r[col]
            r[col] = newv(r)
            p['err'] = True
            val = '\n'.join(r[col]) if isinstance(r[col], list) else r[col]
            errors.append({'sheet': SHEET, 'cell': col_letter(col) + str(FIRST + i), 'row': FIRST + i,
                           'header': HEAD[col], 'value': val, 'what': what(old), 'pid': p['id']})
            return
    raise SystemExit('cannot plant %d' % col)


plant(lambda r, p: len(r[11]) == 2 and r[11][1] in ('L3', 'L4'), 11, lambda r: [r[11][0], 'L7'],
      lambda o: 'second line: level L7 does not exist; should be %s' % o[1])
plant(lambda r, p: r[12][0] in ('3,5', '4,5', '2,5', '5,5'), 12,
      lambda r: [r[12][0].replace(',', '')] + r[12][1:],
      lambda o: 'first line: cement > 20 ml for one vertebra (decimal comma lost); should be %s' % o[0])
plant(lambda r, p: isinstance(r[9], str) and r[9][:2] in ('28', '29', '30') , 9,
      lambda r: '31' + r[9][2:] if r[9][3:5] in ('04', '06', '09', '11') else '30/02' + r[9][5:],
      lambda o: 'impossible operation date; should be %s' % o)
plant(lambda r, p: any(l.startswith('1 tháng: ') and l[-1].isdigit() for l in r[15]), 15,
      lambda r: [('1 tháng: 1' + l[9:]) if l.startswith('1 tháng: ') else l for l in r[15]],
      lambda o: 'VAS 1 tháng above the 0-10 scale (extra digit); should be %s' % [l for l in o if l.startswith('1 tháng')][0][9:])

wb = Workbook()
ws = wb.active
ws.title = SHEET
thin = Side(style='thin', color='808080')
box = Border(left=thin, right=thin, top=thin, bottom=thin)
ws['A1'] = 'BỆNH VIỆN ĐA KHOA TRUNG ƯƠNG CẦN THƠ'
ws['A2'] = 'KHOA NGOẠI THẦN KINH - CỘT SỐNG'
ws['A3'] = 'DANH SÁCH BỆNH NHÂN BƠM XI MĂNG SINH HỌC ĐỐT SỐNG QUA DA (05/2021 - 12/2022, theo dõi đến 01/2024)'
for a in ('A1', 'A2'):
    ws[a].font = Font(bold=True)
ws['A3'].font = Font(bold=True, size=13, color='1F4E79')
ws.merge_cells('A3:P3')
hfill = PatternFill('solid', fgColor='DDEBF7')
for name, c0, c1 in GROUPS:
    ws.cell(5, c0, name).font = Font(bold=True)
    ws.cell(5, c0).alignment = Alignment(horizontal='center')
    ws.cell(5, c0).fill = hfill
    ws.merge_cells(start_row=5, start_column=c0, end_row=5, end_column=c1)
for i, h in enumerate(HEAD):
    c = ws.cell(6, i + 1, h)
    c.font = Font(bold=True)
    c.fill = hfill
    c.border = box
    c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
dead_fill = PatternFill('solid', fgColor='E7E6E6')
reop_fill = PatternFill('solid', fgColor='FFF2CC')
for i, (r, p) in enumerate(rows):
    for j, v in enumerate(r):
        c = ws.cell(FIRST + i, j + 1)
        c.border = box
        c.alignment = Alignment(vertical='top', wrap_text=True)
        if v is None:
            continue
        if isinstance(v, list):
            if len(v) == 1 and v[0].replace(',', '').isdigit() and j in (12, 20):
                v = float(v[0].replace(',', '.'))  # a single number typed into the cell
                if v == int(v):
                    v = int(v)
            else:
                v = '\n'.join(v)
        c.value = v
        if isinstance(v, dt.date):
            c.number_format = 'dd/mm/yyyy'
        if p['died']:
            c.fill = dead_fill
        elif len(p['sessions']) > 1 and j >= 17:
            c.fill = reop_fill
end = FIRST + len(rows) + 1
ws.cell(end, 1, 'Ghi chú:').font = Font(bold=True, italic=True)
ws.cell(end + 1, 1, 'PVP = bơm xi măng qua da; PKP = tạo hình thân đốt sống có bóng. D = đốt sống ngực (D12 = T12), L = thắt lưng.')
ws.cell(end + 2, 1, 'VAS thang 0-10; ODI %. Các ô nhiều dòng: dòng thứ n của "Đốt sống", "Thể tích" và "Rò xi măng" là cùng một đốt.')
ws.cell(end + 3, 1, 'Dòng màu xám: BN đã tử vong. Tuổi = tuổi lúc mổ lần 1. Gãy đốt sống mới: ngày chụp phát hiện.')
widths = [5, 8, 24, 12, 12, 11, 6, 6, 24, 11, 13, 9, 11, 9, 22, 22, 18, 11, 9, 13, 11, 18, 20, 18, 18, 22]
for i, w_ in enumerate(widths):
    ws.column_dimensions[col_letter(i)].width = w_
ws.freeze_panes = 'D7'
wb.save(os.path.join(HERE, 'input.xlsx'))
freeze_xlsx(os.path.join(HERE, 'input.xlsx'), '2024-01-20T02:30:00Z')

write_truth(pts, errors, identifiers, per_vertebra=True)
