# ---------------------------------------------------------------------------
# shared cohort generator (copied verbatim into each site's make.py)
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365}
TP_JIT = {'pre': 0, '24h': 0, '1w': 2, '2w': 3, '6w': 5, '1m': 5, '3m': 10,
          '6m': 14, '12m': 20}


def gen_cohort(seed, n, first, last, tps, cutoff, kypho_p=0.5, cement=('PMMA',),
               cement_p=None, cement_blank_p=0.05, vas_step=1.0, odi_tps=(),
               mobility_tps=(), leak_mode='level', miss_p=0.12, p_second=0.6,
               vol_step=0.5):
    rng = random.Random(seed)
    pts = []
    span = (last - first).days
    for i in range(n):
        p = {'idx': i}
        p['sex'] = 'female' if rng.random() < 0.68 else 'male'
        et = rng.choices(['osteoporotic', 'metastasis', 'myeloma', 'traumatic',
                          'haemangioma'], [58, 16, 8, 13, 5])[0]
        if i == 1:
            et = 'metastasis'
        if i == 2:
            et = 'myeloma'
        p['et'] = et
        p['etiology'] = {'metastasis': 'pathologic', 'myeloma': 'pathologic',
                         'haemangioma': 'other'}.get(et, et)
        if et == 'osteoporotic':
            p['age'] = rng.randint(62, 90)
        elif et == 'traumatic':
            p['age'] = rng.randint(45, 80)
        else:
            p['age'] = rng.randint(50, 82)
        d0 = first + dt.timedelta(days=rng.randint(0, span))
        p['d0'] = d0
        # birth date consistent with age at first op
        by = d0.year - p['age'] - 1
        bd = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        if (d0 - bd).days // 365.2425 < p['age'] or True:
            # choose a birthday that gives exactly age
            while True:
                bd = dt.date(d0.year - p['age'] - rng.choice([0, 1]),
                             rng.randint(1, 12), rng.randint(1, 28))
                a = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
                if a == p['age']:
                    break
        p['birth'] = bd
        # --- session 1
        sessions = []

        def mk_session(sno, day, levels):
            tech = 'kyphoplasty' if rng.random() < kypho_p else 'vertebroplasty'
            vols = []
            for lv in levels:
                base = 2.5 if lv.startswith('T') and int(lv[1:]) < 10 else 3.5
                if tech == 'kyphoplasty':
                    base += 1.0
                v = base + rng.choice([-1.0, -0.5, 0, 0, 0.5, 1.0, 1.5])
                v = round(round(v / vol_step) * vol_step, 1)
                vols.append(v)
            if rng.random() < cement_blank_p:
                ct = ''
            else:
                ct = rng.choices(list(cement), cement_p)[0] if cement_p else cement[0]
            leaks = []
            opts = ['none'] * 14 + ['disc'] * 2 + ['venous'] * 2 + ['paravertebral', 'epidural', 'disc;venous']
            if leak_mode == 'session':
                if len(levels) == 1:
                    leaks = [rng.choice(opts)]
                else:
                    leaks = ['none'] * len(levels)
            else:
                leaks = [rng.choice(opts) for _ in levels]
            return {'session': sno, 'day': day, 'date': d0 + dt.timedelta(days=day),
                    'levels': levels, 'tech': tech, 'vols': vols, 'cement': ct,
                    'leaks': leaks}

        nlev = rng.choices([1, 2, 3], [60, 30, 10])[0]
        if p['etiology'] == 'pathologic':
            nlev = rng.choices([1, 2, 3], [40, 35, 25])[0]
        centre_pool = ['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'L4']
        c = LEVELS.index(rng.choice(centre_pool))
        c = min(c, LEVELS.index('L5') - nlev + 1)
        levels = LEVELS[c:c + nlev]
        sessions.append(mk_session(1, 0, levels))
        # --- new fracture / second op
        p['fractures'] = []
        if rng.random() < 0.3 or i == 3:
            fday = rng.randint(35, 300)
            lo, hi = LEVELS.index(levels[0]), LEVELS.index(levels[-1])
            cand = [LEVELS[lo - 1]] if lo - 1 >= LEVELS.index('T4') else []
            if hi + 1 <= LEVELS.index('L5'):
                cand.append(LEVELS[hi + 1])
            flv = rng.choice(cand)
            p['fractures'].append((fday, flv))
            if rng.random() < p_second or i == 3:
                sday = fday + rng.randint(5, 25)
                sessions.append(mk_session(2, sday, [flv]))
        p['sessions'] = sessions
        # --- death
        last_op = sessions[-1]['day']
        pdie = 0.45 if p['etiology'] == 'pathologic' else 0.08
        if i == 1:
            pdie = 1.0
        p['death_day'] = None
        if rng.random() < pdie:
            p['death_day'] = last_op + rng.randint(40, 330)
        p['died'] = p['death_day'] is not None and d0 + dt.timedelta(days=p['death_day']) <= cutoff
        if not p['died']:
            p['death_day'] = None
        p['fractures'] = [(fd, fl) for fd, fl in p['fractures']
                          if (p['death_day'] is None or fd < p['death_day'])
                          and d0 + dt.timedelta(days=fd) <= cutoff]
        # --- assessments
        p['visits'] = []   # dicts: session, tp, date, day, vals{}, missed
        for s in sessions:
            base = rng.choice([7, 7.5, 8, 8, 8.5, 9, 9, 10]) if vas_step == 0.5 else rng.choice([7, 8, 8, 9, 9, 10])
            odi0 = rng.randint(48, 82)
            for tp in tps:
                if tp == 'pre':
                    vday = s['day'] - rng.randint(0, 2)
                else:
                    vday = s['day'] + TP_DAYS[tp] + rng.randint(-TP_JIT[tp], TP_JIT[tp])
                vdate = d0 + dt.timedelta(days=vday)
                if vdate > cutoff:
                    continue
                if s['session'] == 1 and len(sessions) > 1 and tp != 'pre' and vday >= sessions[1]['day'] - 3:
                    continue
                if p['death_day'] is not None and vday >= p['death_day']:
                    p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                        'date': vdate, 'vals': {}, 'missed': False,
                                        'dead': True})
                    continue
                missed = tp not in ('pre', '24h') and rng.random() < miss_p
                vals = {}
                if not missed:
                    k = {'pre': 0, '24h': 1, '1w': 2, '2w': 2.5, '6w': 3, '1m': 3, '3m': 4,
                         '6m': 4.5, '12m': 5}[tp]
                    if tp == 'pre':
                        v = base
                    else:
                        drop = {1: 4, 2: 4.5, 2.5: 5, 3: 5, 4: 5.5, 4.5: 5.5, 5: 5.5}[k]
                        v = base - drop + rng.choice([-1, -0.5, 0, 0, 0.5, 1, 1.5])
                        if p['etiology'] == 'pathologic' and tp in ('6m', '12m'):
                            v += 1
                    v = max(0, min(10, round(v / vas_step) * vas_step))
                    vals['pain_vas'] = float(v)
                    if tp in odi_tps:
                        o = odi0 if tp == 'pre' else odi0 - rng.randint(14, 28) - (2 * k)
                        vals['odi'] = int(max(8, min(100, round(o))))
                    if tp in mobility_tps:
                        m = rng.choice([3, 3, 4]) if tp == 'pre' else max(0, rng.choice([3, 2, 2, 1]) - int(k // 2))
                        vals['mobility'] = int(m)
                p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                    'date': vdate, 'vals': vals, 'missed': missed,
                                    'dead': False})
        pts.append(p)
    return pts


def fmt_num(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%.1f' % v)


def write_truth(pts, errors, identifiers, vol_mode='level'):
    """vol_mode: 'level' -> per-vertebra volumes; 'session' -> session totals;
    or a callable(p, s) returning 'level'/'session'/'none'."""
    td = os.path.join(HERE, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            mode = vol_mode(p, s) if callable(vol_mode) else vol_mode
            tot = fmt_num(round(sum(s['vols']), 1))
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], s['session'], s['day'], lv, s['tech'],
                             fmt_num(v) if mode == 'level' else '',
                             tot if mode == 'session' else '',
                             s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    rows = []
    for p in pts:
        for v in p['visits']:
            for m in ('pain_vas', 'odi', 'mobility'):
                if m in v['vals']:
                    rows.append([p['pid'], v['session'], m, v['tp'], fmt_num(v['vals'][m])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pts for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v))
            ids.append([k, v])
    w('identifiers.csv', ['kind', 'value'], ids)


def col_letter(n):  # 1-based
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------

# ===========================================================================
# Hiroshima: 整形外科 脊椎班  椎体形成術 症例台帳
# ===========================================================================
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.comments import Comment

SEED = 2611
rng = random.Random(SEED + 1)
TPS = ['pre', '1w', '1m', '3m', '6m', '12m']
pts = gen_cohort(SEED, 17, dt.date(2018, 9, 1), dt.date(2021, 6, 30), TPS,
                 cutoff=dt.date(2022, 11, 30), kypho_p=0.65, cement=('PMMA', 'CPC'),
                 cement_p=[85, 15], odi_tps=('pre', '3m', '12m'), miss_p=0.13)
pts.sort(key=lambda p: p['d0'])
for i, p in enumerate(pts):
    p['idx'] = i
    p['pid'] = 'HV-%02d' % (i + 1)
    # VAS is kept in mm (0-100); truth = mm / 10
    for v in p['visits']:
        if 'pain_vas' in v['vals']:
            mm = int(v['vals']['pain_vas'] * 10) + rng.randint(-4, 4)
            mm = max(0, min(100, mm))
            v['mm'] = mm
            v['vals']['pain_vas'] = mm / 10.0

FW = str.maketrans('0123456789.-/', '０１２３４５６７８９．－／')


def fw(s):
    return str(s).translate(FW)


KD = '〇一二三四五六七八九'


def kan(n):
    if n < 10:
        return KD[n]
    t, o = divmod(n, 10)
    return ('' if t == 1 else KD[t]) + '十' + (KD[o] if o else '')


def era(d):
    if d >= dt.date(2019, 5, 1):
        return 'R', '令和', d.year - 2018
    if d >= dt.date(1989, 1, 8):
        return 'H', '平成', d.year - 1988
    return 'S', '昭和', d.year - 1925


def jdate(d, style):
    a, name, y = era(d)
    if style == 'short':
        return '%s%d.%d.%d' % (a, y, d.month, d.day)
    if style == 'fw':
        return fw('%s%d.%d.%d' % (a, y, d.month, d.day)).replace('R', 'Ｒ').replace('H', 'Ｈ').replace('S', 'Ｓ')
    if style == 'kanji_ar':
        return '%s%s年%d月%d日' % (name, '元' if y == 1 else str(y), d.month, d.day)
    if style == 'kanji':
        return '%s%s年%s月%s日' % (name, '元' if y == 1 else kan(y), kan(d.month), kan(d.day))
    raise ValueError(style)


ERA_FMT = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@'


def put_date(ws, cell, d, style=None):
    """write a date the way whoever was typing that day would"""
    if style is None:
        style = rng.choices(['short', 'kanji_ar', 'kanji', 'fw', 'excel'], [40, 22, 10, 8, 20])[0]
    if style == 'excel':
        c = ws[cell]
        c.value = dt.datetime(d.year, d.month, d.day)
        c.number_format = ERA_FMT
    else:
        ws[cell] = jdate(d, style)
    return ws[cell].value


SURN = ['山田', '佐藤', '田中', '高橋', '中村', '小林', '渡辺', '伊藤', '松本', '井上', '木村',
        '藤井', '岡田', '村上', '石川', '前田', '藤原', '新田', '河野', '土井']
GIV_F = ['花子', '和子', '幸子', '節子', '久美子', '洋子', '美代子', 'キヨ', 'トシ子', '静江', '千代子']
GIV_M = ['一郎', '正夫', '勝', '清', '茂', '博', '修', '義雄', '昭二', '武']
ET_JP = {'osteoporotic': ['骨粗鬆症性', '骨粗鬆症', 'OP'],
         'metastasis': ['転移性脊椎腫瘍（肺癌）', '転移（乳癌）', '転移性（前立腺癌）'],
         'myeloma': ['多発性骨髄腫', 'MM'],
         'traumatic': ['外傷（転落）', '外傷（交通事故）'],
         'haemangioma': ['椎体血管腫']}
LEAK_JP = {'none': ['なし', 'なし', '－', '無'], 'disc': ['椎間板'], 'venous': ['静脈'],
           'paravertebral': ['椎体周囲'], 'epidural': ['脊柱管内'], 'disc;venous': ['椎間板＋静脈']}
thin = Side(style='thin', color='999999')
BOX = Border(left=thin, right=thin, top=thin, bottom=thin)
HEAD = PatternFill('solid', fgColor='DDEBF7')


def lvl_jp(lv):
    return ('Th' + lv[1:]) if lv.startswith('T') else lv


ids = []
errors = []
# choose which patients carry the planted mistakes (not 0-3)
used = set()


def pick(cond):
    for p in pts[4:]:
        if p['pid'] not in used and cond(p):
            used.add(p['pid'])
            return p
    raise RuntimeError('no candidate')


e_lvl = pick(lambda p: len(p['sessions']) == 1)
e_vol = pick(lambda p: len(p['sessions'][0]['levels']) >= 1)
e_vas = pick(lambda p: any(v['tp'] == '3m' and 'pain_vas' in v['vals'] for v in p['visits']))
e_date = pick(lambda p: any(v['tp'] == '1m' and 'pain_vas' in v['vals'] and v['session'] == 1 for v in p['visits']))

wb = Workbook()
# ---------------------------------------------------------------- 患者一覧
ws = wb.active
ws.title = '患者一覧'
ws['A1'] = '椎体形成術（BKP・VP）症例台帳　広島市立○○病院 整形外科 脊椎班'
ws['A1'].font = Font(bold=True, size=14)
ws['A2'] = '※個人情報を含むため院外持出し禁止　最終更新 ' + jdate(dt.date(2022, 12, 5), 'kanji_ar') + '（担当：脊椎班 事務）'
hdr = ['No.', '症例番号', 'カルテ番号', '氏名', '性別', '生年月日', '年齢', '原因疾患', '転帰', '新規椎体骨折', '備考']
for j, h in enumerate(hdr, 1):
    c = ws.cell(row=4, column=j, value=h)
    c.font = Font(bold=True)
    c.fill = HEAD
    c.border = BOX
r = 5
for k, p in enumerate(pts):
    sur = SURN[k % len(SURN)]
    giv = rng.choice(GIV_F if p['sex'] == 'female' else GIV_M)
    name = sur + '　' + giv
    chart = '%08d' % rng.randint(10000000, 99999999)
    ws.cell(row=r, column=1, value=k + 1)
    ws.cell(row=r, column=2, value=p['pid'])
    ws.cell(row=r, column=3, value=chart)
    ws.cell(row=r, column=4, value=name)
    ws.cell(row=r, column=5, value='女' if p['sex'] == 'female' else '男')
    bstyle = rng.choice(['short', 'kanji_ar', 'kanji_ar'])
    bval = put_date(ws, 'F%d' % r, p['birth'], bstyle)
    ws.cell(row=r, column=7, value=(fw(p['age']) if rng.random() < 0.2 else p['age']))
    ws.cell(row=r, column=8, value=rng.choice(ET_JP[p['et']]))
    if p['died']:
        dd = p['d0'] + dt.timedelta(days=p['death_day'])
        ws.cell(row=r, column=9, value='死亡（%s）' % jdate(dd, rng.choice(['short', 'kanji_ar'])))
        ws.cell(row=r, column=9).font = Font(color='C00000')
    else:
        ws.cell(row=r, column=9, value='生存')
    if p['fractures']:
        txt = '、'.join('%s（%s）' % (lvl_jp(lv), jdate(p['d0'] + dt.timedelta(days=d), 'short'))
                       for d, lv in p['fractures'])
        ws.cell(row=r, column=10, value=txt)
    else:
        ws.cell(row=r, column=10, value='なし')
    notes = []
    if len(p['sessions']) > 1:
        notes.append('隣接椎体骨折のため追加手術（2回目）')
    if p['et'] == 'metastasis':
        notes.append('放射線治療併用')
    ws.cell(row=r, column=11, value='、'.join(notes) or None)
    for j in range(1, 12):
        ws.cell(row=r, column=j).border = BOX
    ids += [('name', name), ('medical_record_number', chart),
            ('birth_date', bval if isinstance(bval, str) else bval.strftime('%Y-%m-%d'))]
    r += 1
ws.cell(row=r + 1, column=1, value='原因疾患：OP＝骨粗鬆症性、MM＝多発性骨髄腫。転帰は最終確認時点。新規椎体骨折の日付は画像（MRI/XP）で診断した日。')
for col, wdt in zip('ABCDEFGHIJK', [5, 9, 11, 14, 5, 18, 6, 24, 22, 22, 30]):
    ws.column_dimensions[col].width = wdt

# ---------------------------------------------------------------- 手術
ws = wb.create_sheet('手術')
ws['A1'] = '手術記録（1椎体1行、複数椎体は症例番号・回・手術日・術式を結合）'
ws['A1'].font = Font(bold=True, size=12)
hdr = ['症例番号', '回', '手術日', '術式', '高位', 'セメント', '注入量(ml)', 'セメント漏出', '備考']
for j, h in enumerate(hdr, 1):
    c = ws.cell(row=3, column=j, value=h)
    c.font = Font(bold=True)
    c.fill = HEAD
    c.border = BOX
r = 4
for p in pts:
    for s in p['sessions']:
        r0 = r
        ws.cell(row=r, column=1, value=p['pid'])
        ws.cell(row=r, column=2, value=s['session'] if rng.random() < 0.8 else fw(s['session']))
        put_date(ws, 'C%d' % r, s['date'])
        ws.cell(row=r, column=4, value='BKP' if s['tech'] == 'kyphoplasty' else rng.choice(['VP', 'PVP']))
        for lv, vol, lk in zip(s['levels'], s['vols'], s['leaks']):
            lvtxt = lvl_jp(lv)
            if p is e_lvl and s['session'] == 1 and lv == s['levels'][0]:
                lvtxt = 'L7'
                errors.append(['手術', 'E%d' % r, r, '高位', 'L7',
                               'impossible level L7 (no 7th lumbar vertebra); should be %s' % lv, p['pid']])
            ws.cell(row=r, column=5, value=lvtxt)
            ws.cell(row=r, column=6, value=s['cement'] or None)
            vtxt = fmt_num(vol)
            if p is e_vol and s['session'] == 1 and lv == s['levels'][0]:
                bad = fmt_num(vol * 10)
                ws.cell(row=r, column=7, value=float(bad))
                errors.append(['手術', 'G%d' % r, r, '注入量(ml)', bad,
                               'cement volume %s ml for one vertebra is impossible (decimal point lost); should be %s ml' % (bad, vtxt), p['pid']])
            else:
                x = rng.random()
                if x < 0.6:
                    ws.cell(row=r, column=7, value=float(vol))
                elif x < 0.8:
                    ws.cell(row=r, column=7, value=fw(vtxt))
                else:
                    ws.cell(row=r, column=7, value=vtxt + 'ml')
            ws.cell(row=r, column=8, value=rng.choice(LEAK_JP[lk]))
            for j in range(1, 10):
                ws.cell(row=r, column=j).border = BOX
            r += 1
        if s['session'] == 2:
            ws.cell(row=r0, column=9, value='新規骨折（隣接椎体）に対し再手術')
        if r - r0 > 1:
            for col in (1, 2, 3, 4):
                ws.merge_cells(start_row=r0, start_column=col, end_row=r - 1, end_column=col)
                ws.cell(row=r0, column=col).alignment = Alignment(vertical='center')
ws.cell(row=r + 1, column=1, value='術式：BKP＝経皮的椎体形成術（バルーン）、VP/PVP＝経皮的椎体形成術（骨セメント注入のみ）。CPC＝リン酸カルシウム骨ペースト。')
ws.cell(row=r + 2, column=1, value='漏出：なし／椎間板／静脈／椎体周囲／脊柱管内（術後CTで判定）')
for col, wdt in zip('ABCDEFGHI', [9, 4, 18, 6, 6, 8, 10, 12, 30]):
    ws.column_dimensions[col].width = wdt

# ---------------------------------------------------------------- visit sheets
SHEETS = [('pre', '術前', ['症例番号', '回', '評価日', 'VAS(mm)', 'ODI(%)', '備考']),
          ('1w', '術後1週', ['症例番号', '回', 'VAS(mm)', '評価日', '備考']),
          ('1m', '術後1ヶ月', ['回', '症例番号', '評価日', 'VAS(mm)', '備考']),
          ('3m', '術後3ヶ月', ['症例番号', '評価日', '回', 'ODI(%)', 'VAS(mm)', '備考']),
          ('6m', '術後6ヶ月', ['症例番号', '回', '評価日', 'VAS(mm)', '備考']),
          ('12m', '術後1年', ['症例番号', '回', '評価日', 'ODI(%)', 'VAS(mm)', '備考'])]
for tp, sname, cols in SHEETS:
    ws = wb.create_sheet(sname)
    ws['A1'] = '%s 評価（VASは100mmスケール、ODIは%%）' % sname
    ws['A1'].font = Font(bold=True)
    for j, h in enumerate(cols, 1):
        c = ws.cell(row=2, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = HEAD
    r = 3
    rows = [(p, v) for p in pts for v in p['visits'] if v['tp'] == tp]
    rows.sort(key=lambda pv: (pv[1]['session'], pv[0]['idx']))
    for p, v in rows:
        if v['missed'] and rng.random() < 0.5:
            continue          # simply not entered
        if v['dead'] and rng.random() < 0.4:
            continue
        ci = {h: j for j, h in enumerate(cols, 1)}
        pidtxt = p['pid']
        if rng.random() < 0.08:
            pidtxt = fw(p['pid']).replace('HV', 'ＨＶ')
        ws.cell(row=r, column=ci['症例番号'], value=pidtxt)
        ws.cell(row=r, column=ci['回'], value=v['session'])
        if v['dead']:
            ws.cell(row=r, column=ci['備考'], value='死亡')
        elif v['missed']:
            ws.cell(row=r, column=ci['備考'], value=rng.choice(['来院せず', '未受診', '来院なし（電話連絡つかず）']))
        else:
            d = v['date']
            if p is e_date and tp == '1m' and v['session'] == 1:
                bad = dt.date(d.year - 1, d.month, min(d.day, 28))
                val = put_date(ws, '%s%d' % (col_letter(ci['評価日']), r), bad, 'short')
                errors.append([sname, '%s%d' % (col_letter(ci['評価日']), r), r, '評価日', val,
                               'follow-up date is before the operation (year typed one too low); should be %s' % jdate(d, 'short'),
                               p['pid']])
            else:
                put_date(ws, '%s%d' % (col_letter(ci['評価日']), r), d)
            mm = v['mm']
            if p is e_vas and tp == '3m':
                ws.cell(row=r, column=ci['VAS(mm)'], value=mm + 100)
                errors.append([sname, '%s%d' % (col_letter(ci['VAS(mm)']), r), r, 'VAS(mm)', str(mm + 100),
                               'VAS %d mm is outside the 0-100 mm scale; should be %d mm' % (mm + 100, mm), p['pid']])
            else:
                ws.cell(row=r, column=ci['VAS(mm)'], value=(fw(mm) if rng.random() < 0.12 else mm))
            if 'odi' in v['vals']:
                ws.cell(row=r, column=ci['ODI(%)'], value=v['vals']['odi'])
        r += 1
    ws.cell(row=r + 1, column=1, value='※回＝手術の回数（2＝2回目の手術に対する評価、術後期間は2回目の手術日から）。未記入の症例は来院なし。')
    for col in 'ABCDEF':
        ws.column_dimensions[col].width = 14

wb.save(os.path.join(HERE, 'input.xlsx'))
write_truth(pts, errors, ids, vol_mode='level')
print('hiroshima: %d patients, %d errors' % (len(pts), len(errors)))
