# ---------------------------------------------------------------------------
# Cohort generator (shared by this unit's script; deterministic with seed)
# ---------------------------------------------------------------------------
import csv, os, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
SPINE_W = [1, 1, 2, 2, 3, 3, 4, 8, 12, 12, 7, 4, 3, 1]


def _pick(rng, pairs):
    r = rng.random() * sum(w for _, w in pairs)
    for v, w in pairs:
        r -= w
        if r <= 0:
            return v
    return pairs[-1][0]


def _levels(rng, nlev):
    while True:
        top = _pick(rng, list(zip(SPINE, SPINE_W)))
        i = SPINE.index(top)
        if i + nlev <= len(SPINE):
            return SPINE[i:i + nlev]


def _adjacent(rng, levels, avoid):
    i0, i1 = SPINE.index(levels[0]), SPINE.index(levels[-1])
    cands = [SPINE[j] for j in (i0 - 1, i1 + 1, i0 - 2, i1 + 2) if 0 <= j < len(SPINE) and SPINE[j] not in avoid]
    return cands[0] if rng.random() < 0.6 else rng.choice(cands)


def _session(rng, cfg, day, levels, etiology, one_leak_type=False):
    tech = _pick(rng, cfg['tech_w'])
    vols, leaks = [], []
    for lv in levels:
        lo, hi = (3.0, 6.5) if tech == 'kyphoplasty' else (2.0, 5.0)
        if lv in ('T4', 'T5', 'T6', 'T7'):
            hi -= 1.0
        vols.append(rng.randint(int(lo * 2), int(hi * 2)) / 2.0)
        lk = _pick(rng, [('none', 74), ('disc', 10), ('venous', 8), ('paravertebral', 5), ('epidural', 2), ('disc;venous', 1)])
        leaks.append(lk)
    if one_leak_type:
        kinds = [l for l in leaks if l != 'none']
        if kinds:
            leaks = [kinds[0] if l != 'none' else 'none' for l in leaks]
    cement = _pick(rng, cfg['cement_w'])
    return dict(day=day, levels=levels, technique=tech, vols=vols, leaks=leaks, cement=cement, visits={})


def _scores(rng, cfg, etiology):
    pre = rng.randint(7, 9) if etiology != 'pathologic' else rng.randint(7, 10)
    v = {'pre': pre}
    v['24h'] = max(2, pre - rng.randint(2, 4))
    v['1w'] = max(2, v['24h'] - rng.randint(0, 1))
    v['2w'] = max(2, v['1w'] - rng.randint(0, 1))
    v['6w'] = rng.randint(2, 4)
    v['1m'] = rng.randint(2, 5)
    v['3m'] = rng.randint(2, 4)
    v['6m'] = rng.randint(1, 4)
    v['12m'] = rng.randint(1, 4)
    o_pre = rng.randint(46, 82)
    o = {'pre': o_pre}
    o['24h'] = o_pre - rng.randint(4, 12)
    for tp, (a, b) in {'1w': (10, 20), '2w': (12, 24), '6w': (18, 32), '1m': (16, 30), '3m': (22, 38), '6m': (24, 42), '12m': (24, 46)}.items():
        o[tp] = max(4, o_pre - rng.randint(a, b))
    return v, o


def gen_cohort(cfg):
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    start, end, study_end = cfg['op_start'], cfg['op_end'], cfg['study_end']
    span = (end - start).days
    order = list(range(n))
    rng.shuffle(order)
    second = set(order[:cfg['n_second']])
    fx_only = set(order[cfg['n_second']:cfg['n_second'] + cfg['n_fx_only']])
    rng.shuffle(order)
    died = set(order[:cfg['n_died']])
    pats = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.7 else 'male'
        et = _pick(rng, [('osteoporotic', 64), ('pathologic', 22), ('traumatic', 10), ('other', 4)])
        sub = ''
        if et == 'pathologic':
            sub = _pick(rng, [('metastasis', 60), ('myeloma', 40)])
        if et == 'other':
            sub = 'haemangioma'
        age = {'osteoporotic': (63, 91), 'pathologic': (50, 80), 'traumatic': (45, 78), 'other': (42, 70)}[et]
        age = rng.randint(*age)
        d1 = start + dt.timedelta(days=rng.randint(0, span))
        nlev = _pick(rng, [(1, 55), (2, 30), (3, 15)] if et != 'pathologic' else [(1, 35), (2, 40), (3, 25)])
        lv1 = _levels(rng, nlev)
        p = dict(idx=i, sex=sex, etiology=et, sub=sub, age=age, date1=d1, sessions=[], fractures=[], died=False, death_day=None)
        p['sessions'].append(_session(rng, cfg, 0, lv1, et, cfg.get('one_leak_type', False)))
        maxday = (study_end - d1).days
        if i in second:
            fx_day = rng.randint(40, min(240, max(41, maxday - 120)))
            lvl = _adjacent(rng, lv1, lv1)
            p['fractures'].append((fx_day, lvl))
            s2 = _session(rng, cfg, fx_day + rng.randint(4, 21), [lvl], et, cfg.get('one_leak_type', False))
            p['sessions'].append(s2)
        elif i in fx_only:
            fx_day = rng.randint(60, min(330, max(61, maxday - 10)))
            p['fractures'].append((fx_day, _adjacent(rng, lv1, lv1)))
        if i in died:
            lo = max(60, (p['sessions'][-1]['day'] + 45), (p['fractures'][-1][0] + 20) if p['fractures'] else 0)
            hi = min(560, maxday - 5)
            if hi > lo:
                p['died'] = True
                p['death_day'] = rng.randint(lo, hi)
        # visits
        for sn, s in enumerate(p['sessions']):
            vas, odi = _scores(rng, cfg, et)
            for tp in cfg['tps']:
                vday = s['day'] + TP_DAYS[tp]
                jitter = 0 if tp in ('pre', '24h') else rng.randint(-3, 6) if TP_DAYS[tp] >= 30 else rng.randint(0, 2)
                vday += jitter
                if tp == 'pre':
                    vday = s['day'] - rng.randint(0, 1)
                if p['died'] and vday >= p['death_day']:
                    s['visits'][tp] = dict(status='dead', day=vday)
                    continue
                if d1 + dt.timedelta(days=vday) > study_end:
                    s['visits'][tp] = dict(status='future', day=vday)
                    continue
                if tp not in ('pre', '24h') and rng.random() < cfg.get('p_missed', 0.13):
                    s['visits'][tp] = dict(status='missed', day=vday)
                    continue
                s['visits'][tp] = dict(status='ok', day=vday, vas=vas[tp], odi=odi[tp] if tp in cfg.get('odi_tps', ()) else None)
        pats.append(p)
    # order patients by first operation date, give study numbers
    pats.sort(key=lambda p: p['date1'])
    return rng, pats


def day_date(p, day):
    return p['date1'] + dt.timedelta(days=day)


def fmt_num(x, comma=False):
    s = ('%g' % x)
    return s.replace('.', ',') if comma else s


def write_csv(name, header, rows):
    os.makedirs(os.path.join(HERE, 'truth'), exist_ok=True)
    with open(os.path.join(HERE, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def write_truth(pats, vas_scale=10, errors=(), identifiers=(), vol_mode='per_level', cement_recorded=True, leak_recorded=True, measures=('pain_vas',)):
    """vol_mode: per_level or session."""
    P, R, A, F = [], [], [], []
    for p in pats:
        P.append([p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for sn, s in enumerate(p['sessions'], 1):
            tot = round(sum(s['vols']), 2)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                R.append([p['pid'], sn, s['day'], lv, s['technique'],
                          ('%g' % v) if vol_mode == 'per_level' else '',
                          ('%g' % tot) if vol_mode == 'session' else '',
                          s['cement'] if cement_recorded else '',
                          lk if leak_recorded else ''])
            for tp, vis in s['visits'].items():
                if vis['status'] != 'ok':
                    continue
                if 'pain_vas' in measures and vis.get('vas') is not None:
                    A.append([p['pid'], sn, 'pain_vas', tp, '%g' % vis['vas']])
                if 'odi' in measures and vis.get('odi') is not None:
                    A.append([p['pid'], sn, 'odi', tp, '%g' % vis['odi']])
        for d, lv in p['fractures']:
            F.append([p['pid'], d, lv])
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], R)
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'], F)
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v)); ids.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], ids)


# ---------------------------------------------------------------------------
# 南瀛綜合醫院 骨科部 (Tainan) — one sheet per ROC year, one row per operation
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

CFG = dict(seed=3210102, n=18, op_start=dt.date(2020, 1, 8), op_end=dt.date(2022, 10, 28),
           study_end=dt.date(2023, 6, 30), tps=['pre', '24h', '1m', '3m', '6m', '12m'],
           n_second=3, n_fx_only=2, n_died=3, p_missed=0.13,
           tech_w=[('vertebroplasty', 55), ('kyphoplasty', 45)],
           cement_w=[('PMMA', 85), ('calcium phosphate', 15)])
rng, pats = gen_cohort(CFG)

SURN = list('陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周')
GIVEN = list('淑美秀麗玉春金月雅惠明志文俊建國榮宗昌清輝阿嬌碧珠')
for k, p in enumerate(pats, 1):
    p['pid'] = 'TN-%03d' % k
    p['name'] = rng.choice(SURN) + rng.choice(GIVEN) + rng.choice(GIVEN)
    p['chart'] = '%08d' % rng.randint(1200000, 9899999)
    p['nid'] = rng.choice('DR') + ('1' if p['sex'] == 'male' else '2') + '%08d' % rng.randint(0, 99999999)
    p['phone'] = '09%02d-%03d-%03d' % (rng.randint(10, 88), rng.randint(0, 999), rng.randint(0, 999))
    # birth date consistent with age at first operation
    p['birth'] = dt.date(p['date1'].year - p['age'] - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    while True:
        a = p['date1'].year - p['birth'].year - ((p['date1'].month, p['date1'].day) < (p['birth'].month, p['birth'].day))
        if a == p['age']:
            break
        p['birth'] += dt.timedelta(days=30 if a > p['age'] else -30)


def age_at(p, d):
    return d.year - p['birth'].year - ((d.month, d.day) < (p['birth'].month, p['birth'].day))


def roc(d):
    return '%d/%02d/%02d' % (d.year - 1911, d.month, d.day)


def roc_long(d):
    return '民國%d年%d月%d日' % (d.year - 1911, d.month, d.day)


def roc_compact(d):
    return '%d%02d%02d' % (d.year - 1911, d.month, d.day)


DIAG = {'osteoporotic': ['骨質疏鬆性壓迫性骨折', '骨鬆壓迫性骨折', 'osteoporotic compression fx'],
        'metastasis': ['轉移性骨腫瘤(肺癌)', '轉移性骨腫瘤(乳癌)', '脊椎轉移(肝癌)', '病理性骨折-攝護腺癌轉移'],
        'myeloma': ['多發性骨髓瘤', 'Multiple myeloma 病理性骨折'],
        'traumatic': ['外傷性壓迫性骨折(車禍)', '外傷性骨折(高處跌落)'],
        'haemangioma': ['椎體血管瘤']}
for p in pats:
    key = p['sub'] if p['etiology'] in ('pathologic', 'other') else p['etiology']
    p['diag'] = rng.choice(DIAG[key])

LEAK_ZH = {'disc': '椎間盤', 'venous': '靜脈', 'paravertebral': '椎旁軟組織', 'epidural': '硬膜外'}
TECH_ZH = {'vertebroplasty': ['PVP', 'PVP', '椎體成形術(PVP)'], 'kyphoplasty': ['BKP', 'BKP', '氣球擴張後凸成形術(BKP)']}
CEM_ZH = {'PMMA': ['PMMA', 'PMMA', 'PMMA骨水泥'], 'calcium phosphate': ['磷酸鈣(CPC)', 'CPC']}

# operations -> sheets
ops = []
for p in pats:
    for sn, s in enumerate(p['sessions'], 1):
        ops.append((day_date(p, s['day']), p, sn, s))
ops.sort(key=lambda t: (t[0], t[1]['pid']))

# choose patients for planted errors (single-session, single-level where needed)
single = [p for p in pats if len(p['sessions']) == 1]
err_level = next(p for p in single if len(p['sessions'][0]['levels']) == 1 and p['date1'].year == 2020)
err_vol = next(p for p in single if len(p['sessions'][0]['levels']) == 1 and p is not err_level and p['date1'].year == 2021)
err_vas = next(p for p in single if p not in (err_level, err_vol) and p['date1'].year == 2022 and p['sessions'][0]['visits']['pre']['status'] == 'ok')
err_date = next(p for p in single if p not in (err_level, err_vol, err_vas) and p['date1'].month in (2, 4, 6, 9, 11))

wb = Workbook()
wb.remove(wb.active)
HEAD = ['序號', '研究編號', '病歷號', '姓名', '身分證字號', '出生日期', '性別', '年齡', '診斷', '手術日期', '術式',
        '節位', '骨水泥量(c.c.)', '骨水泥種類', '骨水泥滲漏', '術前', '術後1天', '術後1個月', '術後3個月', '術後6個月',
        '術後1年', '新發骨折', '死亡日期', '聯絡電話', '備註']
VAS_TP = ['pre', '24h', '1m', '3m', '6m', '12m']
thin = Side(style='thin', color='999999')
errors, idents = [], [('staff_name', '李佩珊'), ('staff_name', '黃淑芬')]
for roc_year in sorted({d.year - 1911 for d, _, _, _ in ops}):
    ws = wb.create_sheet('%d年' % roc_year)
    ws['A1'] = '南瀛綜合醫院 骨科部　椎體成形術 / 氣球擴張椎體後凸成形術　病例登錄表'
    ws['A1'].font = Font(bold=True, size=14)
    ws.merge_cells('A1:Y1')
    ws['A2'] = '民國%d年度（%d/01/01～%d/12/31 手術病例）　VAS：0-10分' % (roc_year, roc_year, roc_year)
    ws.merge_cells('A2:Y2')
    ws['A3'] = '登錄：骨科專科護理師 %s　　最後更新：112/07/05' % ('李佩珊' if roc_year != 111 else '黃淑芬')
    ws.merge_cells('A3:Y3')
    groups = [('A4:I4', '病人基本資料'), ('J4:O4', '手術紀錄'), ('P4:U4', 'VAS 疼痛分數 (0-10分)'), ('V4:Y4', '追蹤')]
    for rng_, t in groups:
        ws[rng_.split(':')[0]] = t
        ws.merge_cells(rng_)
        ws[rng_.split(':')[0]].alignment = Alignment(horizontal='center')
        ws[rng_.split(':')[0]].font = Font(bold=True)
        ws[rng_.split(':')[0]].fill = PatternFill('solid', fgColor='DDEBF7')
    for c, h in enumerate(HEAD, 1):
        cell = ws.cell(row=5, column=c, value=h)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal='center', wrap_text=True)
        cell.fill = PatternFill('solid', fgColor='FFF2CC')
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    r = 6
    seq = 0
    for d, p, sn, s in ops:
        if d.year - 1911 != roc_year:
            continue
        seq += 1
        col = {h: i + 1 for i, h in enumerate(HEAD)}
        def put(h, v):
            ws.cell(row=r, column=col[h], value=v)
        put('序號', seq)
        put('研究編號', p['pid'])
        put('病歷號', p['chart'])
        put('姓名', p['name'])
        put('身分證字號', p['nid'])
        put('出生日期', roc(p['birth']))
        put('性別', '男' if p['sex'] == 'male' else '女')
        a = age_at(p, d)
        put('年齡', a if rng.random() < 0.8 else '%d歲' % a)
        put('診斷', p['diag'])
        if roc_year == 111 and rng.random() < 0.6:
            dtxt = roc_long(d)
        elif roc_year == 110 and rng.random() < 0.3:
            dtxt = roc_compact(d)
        else:
            dtxt = roc(d)
        put('手術日期', dtxt)
        put('術式', rng.choice(TECH_ZH[s['technique']]))
        sep = rng.choice(['、', '、', ',', '、'])
        put('節位', sep.join(s['levels']))
        if len(s['vols']) == 1:
            vtxt = ('%g' % s['vols'][0]) + rng.choice(['', '', 'cc', ' c.c.'])
            put('骨水泥量(c.c.)', float(s['vols'][0]) if vtxt == '%g' % s['vols'][0] else vtxt)
        else:
            put('骨水泥量(c.c.)', sep.join('%g' % v for v in s['vols']))
        put('骨水泥種類', rng.choice(CEM_ZH[s['cement']]))
        lk = []
        for lv, l in zip(s['levels'], s['leaks']):
            if l != 'none':
                lk.append(lv + ' ' + '+'.join(LEAK_ZH[x] for x in l.split(';')))
        put('骨水泥滲漏', '、'.join(lk) if lk else '無')
        for tp, h in zip(VAS_TP, HEAD[15:21]):
            vis = s['visits'].get(tp)
            if vis is None:
                continue
            st = vis['status']
            if st == 'ok':
                put(h, vis['vas'] if rng.random() < 0.9 else '%d分' % vis['vas'])
            elif st == 'missed':
                put(h, rng.choice(['未回診', '未回診', '失聯']))
            elif st == 'dead':
                put(h, '歿')
        # new fractures diagnosed after this operation and before the next one
        nxt = p['sessions'][sn]['day'] if sn < len(p['sessions']) else 10 ** 6
        fx = [(fd, fl) for fd, fl in p['fractures'] if s['day'] < fd < nxt]
        put('新發骨折', '、'.join('%s（%s）' % (fl, roc(day_date(p, fd))) for fd, fl in fx) if fx else '無')
        if p['died'] and sn == len(p['sessions']):
            put('死亡日期', roc_long(day_date(p, p['death_day'])))
        put('聯絡電話', p['phone'])
        note = []
        if sn == 2:
            s1 = p['sessions'][0]
            note.append('第2次手術（前次 %s %s）' % (roc(p['date1']), '、'.join(s1['levels'])))
        if len(p['sessions']) == 2 and sn == 1:
            note.append('%s 再入院手術，見%d年' % (roc(day_date(p, p['sessions'][1]['day'])), day_date(p, p['sessions'][1]['day']).year - 1911))
        if p['died'] and sn == len(p['sessions']):
            note.append(rng.choice(['家屬電訪告知過世', '病逝', '安寧病房過世']))
        put('備註', '；'.join(note) if note else None)
        # planted errors
        def plant(h, val, why):
            ws.cell(row=r, column=col[h], value=val)
            errors.append([ws.title, '%s%d' % (get_column_letter(col[h]), r), r, h, val, why, p['pid']])
        if p is err_level:
            plant('節位', 'L7', '腰椎只有L1-L5：L7不存在（手術紀錄為 %s）' % s['levels'][0])
        if p is err_vol:
            wv = '%d' % round(s['vols'][0] * 10)
            plant('骨水泥量(c.c.)', wv, 'one vertebra cannot take %s c.c.; decimal point lost, should be %g' % (wv, s['vols'][0]))
        if p is err_vas:
            v = s['visits']['pre']['vas']
            plant('術前', '%d%d' % (v, v), 'VAS is 0-10; %d%d is a double keystroke, should be %d' % (v, v, v))
        if p is err_date:
            bad = '%d/%02d/%02d' % (d.year - 1911, d.month, 30 if d.month == 2 else 31)
            plant('手術日期', bad, 'impossible date (month has no such day); operation date is %s' % roc(d))
        for c in range(1, len(HEAD) + 1):
            ws.cell(row=r, column=c).border = Border(top=thin, bottom=thin, left=thin, right=thin)
        r += 1
    ws.cell(row=r + 1, column=1, value='註：VAS 未回診＝病人未回門診；失聯＝電訪聯絡不到；歿＝已過世。空白＝尚未到追蹤時間。')
    ws.cell(row=r + 2, column=1, value='　　同一病人第二次手術列在該次手術年度的工作表，研究編號不變。')
    widths = [5, 9, 10, 8, 12, 10, 5, 6, 22, 16, 12, 12, 12, 11, 18, 6, 7, 8, 8, 8, 7, 18, 17, 13, 34]
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = 'D6'
wb.save(os.path.join(HERE, 'input.xlsx'))

for p in pats:
    idents += [('name', p['name']), ('medical_record_number', p['chart']), ('national_id', p['nid']),
               ('birth_date', roc(p['birth'])), ('phone', p['phone'])]
write_truth(pats, errors=errors, identifiers=idents, vol_mode='per_level', measures=('pain_vas',))
print('tainan: %d patients, %d operations, %d errors' % (len(pats), len(ops), len(errors)))
