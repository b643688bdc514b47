"""Sapporo blind workbook generator. Usage: python make.py OUTDIR"""
# ---------------------------------------------------------------- common generator
import csv, os, sys, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = np.array([1, 1, 2, 3, 4, 5, 7, 12, 20, 18, 10, 6, 4, 2], float)
LEVEL_W = LEVEL_W / LEVEL_W.sum()
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def lvl_index(l):
    return LEVELS.index(l)


def gen_core(seed, n, make_id, tps, odi_tps=(), p2=.30, p3=.08, p_fx=.22, p_second=.55,
             p_died=.12, tech_p=(('vertebroplasty', .6), ('kyphoplasty', .4)),
             cement_p=(('PMMA', .9), ('calcium phosphate', .1)), attend=.85,
             pain_decimals=False, start=dt.date(2019, 1, 7), span=1300,
             etio_p=(('osteoporotic', .72), ('pathologic', .2), ('traumatic', .08)),
             leak_p=.22, session2_tps=('pre',), vol_range=(2.0, 6.0), vol_step=0.5):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {'id': make_id(i)}
        p['sex'] = 'female' if rng.random() < .74 else 'male'
        p['etiology'] = str(rng.choice([e for e, _ in etio_p], p=[w for _, w in etio_p]))
        p['age'] = int(rng.integers(58, 92)) if p['etiology'] != 'traumatic' else int(rng.integers(41, 80))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        nl = 1 + (rng.random() < p2) + (rng.random() < p3)
        first = int(rng.choice(len(LEVELS), p=LEVEL_W))
        lv = [LEVELS[k] for k in sorted({min(len(LEVELS) - 1, first + k) for k in range(nl)})]
        tech = str(rng.choice([t for t, _ in tech_p], p=[w for _, w in tech_p]))
        cem = str(rng.choice([t for t, _ in cement_p], p=[w for _, w in cement_p]))
        def vols(k):
            lo, hi = vol_range
            return [float(np.round(rng.uniform(lo, hi) / vol_step) * vol_step) for _ in range(k)]
        def leaks(k):
            out = []
            for _ in range(k):
                if rng.random() < leak_p:
                    out.append(str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                              p=[.4, .3, .15, .1, .05])))
                else:
                    out.append('none')
            return out
        s1 = {'n': 1, 'date': d0, 'day': 0, 'levels': lv, 'vols': vols(len(lv)), 'technique': tech,
              'cement': cem, 'leak': leaks(len(lv))}
        s1['total'] = round(sum(s1['vols']), 1)
        p['sessions'] = [s1]
        # death
        p['died'] = 'yes' if rng.random() < p_died else 'no'
        last_tp = max(TP_DAYS[t] for t in tps)
        death_day = int(rng.integers(45, last_tp + 60)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        # fractures
        p['fx'] = []
        if rng.random() < p_fx and death_day > 60:
            fd = int(rng.integers(25, min(death_day, last_tp) - 10 if min(death_day, last_tp) > 40 else 35))
            cand = [l for l in LEVELS if l not in lv and abs(lvl_index(l) - lvl_index(lv[0])) <= 3]
            fl = str(rng.choice(cand))
            p['fx'].append((fd, fl))
            if rng.random() < p_second and fd + 30 < death_day:
                d2 = fd + int(rng.integers(6, 25))
                s2 = {'n': 2, 'date': d0 + dt.timedelta(days=d2), 'day': d2, 'levels': [fl],
                      'vols': vols(1), 'technique': tech, 'cement': cem, 'leak': leaks(1)}
                s2['total'] = s2['vols'][0]
                p['sessions'].append(s2)
            elif rng.random() < .35:
                # a second new fracture at another level, same day (found on same scan)
                cand2 = [l for l in cand if l != fl]
                p['fx'].append((fd, str(rng.choice(cand2))))
        # some single second sessions with two levels
        # pain / odi
        p['pain'] = {}
        p['odi'] = {}
        base = float(rng.uniform(6.5, 9.5))
        for s in p['sessions']:
            pp, oo = {}, {}
            stps = tps if s['n'] == 1 else session2_tps
            for t in stps:
                absday = s['day'] + TP_DAYS[t]
                if absday >= death_day - 5:
                    continue
                if t != 'pre' and rng.random() > attend:
                    continue
                if t == 'pre':
                    v = base + rng.normal(0, .4)
                else:
                    frac = {'24h': .55, '1w': .45, '2w': .42, '6w': .35, '1m': .35, '3m': .3,
                            '6m': .28, '12m': .27, '24m': .27}[t]
                    v = base * frac + rng.normal(0, 1.0)
                v = float(np.clip(v, 0, 10))
                v = round(v * 2) / 2 if pain_decimals else float(round(v))
                pp[t] = v
                if t in odi_tps:
                    o = 30 + v * 5.5 + rng.normal(0, 5)
                    oo[t] = int(np.clip(round(o / 2) * 2, 0, 100))
            p['pain'][s['n']] = pp
            p['odi'][s['n']] = oo
        pats.append(p)
    return pats, rng


def write_truth(outdir, pats, errors, identifiers, pain_scale=1.0, mobility=None,
                sex_known=True, age_known=True, etio_known=True, died_known=True,
                per_level_volume=lambda p, s: True, technique_known=lambda p, s: True,
                cement_known=lambda p, s: True, leak_known=lambda p, s: True):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    def num(x):
        if x is None or x == '':
            return ''
        x = float(x)
        return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0').rstrip('.')
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex_known else '', p['age'] if age_known else '',
        p['etiology'] if etio_known else '', p['died'] if died_known else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            per = per_level_volume(p, s) or len(s['levels']) == 1
            for k, l in enumerate(s['levels']):
                rows.append([p['id'], s['n'], s['day'], l,
                             s['technique'] if technique_known(p, s) else '',
                             num(s['vols'][k] if len(s['levels']) > 1 else s['total']) if per else '',
                             '' if per else num(s['total']),
                             s['cement'] if cement_known(p, s) else '',
                             s['leak'][k] if leak_known(p, s) else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    for p in pats:
        for s in p['sessions']:
            for t in order:
                if t in p['pain'].get(s['n'], {}):
                    rows.append([p['id'], s['n'], 'pain_vas', t, num(p['pain'][s['n']][t] / pain_scale)])
            for t in order:
                if t in p['odi'].get(s['n'], {}):
                    rows.append([p['id'], s['n'], 'odi', t, num(p['odi'][s['n']][t])])
            if mobility:
                for t in order:
                    if t in p.get('mob', {}).get(s['n'], {}):
                        rows.append([p['id'], s['n'], 'mobility', t, num(p['mob'][s['n']][t])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, l] for p in pats for d, l in p['fx']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def addr(r, c):
    """1-based row, col -> A1"""
    s = ''
    while c:
        c, m = divmod(c - 1, 26)
        s = chr(65 + m) + s
    return '%s%d' % (s, r)
# ---------------------------------------------------------------- end common
# ---------------------------------------------------------------- Sapporo site
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

FW = str.maketrans('0123456789.LTh/ml', '０１２３４５６７８９．ＬＴｈ／ｍｌ')
SUR = ['佐藤', '鈴木', '高橋', '田中', '渡辺', '伊藤', '山本', '中村', '小林', '加藤', '吉田', '山田',
       '佐々木', '山口', '松本', '井上', '木村', '林', '斎藤', '清水', '山崎', '阿部', '森', '池田',
       '橋本', '石川', '前田', '藤田', '後藤', '岡田', '長谷川', '村上', '近藤', '坂本']
GF = ['和子', '幸子', '節子', '久子', '美智子', '京子', '洋子', '恵子', '文子', 'キヨ', 'トシ', '昭子', '静江', '澄子']
GM = ['清', '茂', '勇', '博', '進', '実', '三郎', '正雄', '武', '弘', '昭二', '義男']


def era(d):
    if d >= dt.date(2019, 5, 1):
        return 'R', '令和', d.year - 2018
    if d >= dt.date(1989, 1, 8):
        return 'H', '平成', d.year - 1988
    return 'S', '昭和', d.year - 1925


def jdate(d, style):
    a, k, y = era(d)
    if style == 'short':
        return '%s%d.%d.%d' % (a, y, d.month, d.day)
    if style == 'kanji':
        return '%s%s年%d月%d日' % (k, '元' if y == 1 else str(y), d.month, d.day)
    if style == 'west':
        return '%d/%02d/%02d' % (d.year, d.month, d.day)
    if style == 'fw':
        return ('%s%d.%d.%d' % (a, y, d.month, d.day)).translate(FW).replace('R', 'Ｒ').replace('H', 'Ｈ')
    return dt.datetime(d.year, d.month, d.day)   # real date cell


def jlevel(l, rng):
    s = ('Th' + l[1:]) if l[0] == 'T' and rng.random() < .75 else l
    if rng.random() < .15:
        s = s.translate(FW)
    return s


def jvol(v, rng):
    s = ('%g' % v)
    r = rng.random()
    if r < .55:
        return v
    if r < .8:
        return s + 'ml'
    return s.translate(FW)


LEAK_J = {'none': '無', 'disc': '有（椎間板）', 'venous': '有（静脈）', 'epidural': '有（脊柱管内）',
          'foraminal': '有（椎間孔）', 'paravertebral': '有（傍椎体）'}
ETIO_J = {'osteoporotic': ['骨粗鬆症', '骨粗鬆症性椎体骨折', 'OP'], 'pathologic': ['転移性骨腫瘍（肺癌）', '多発性骨髄腫', '転移（乳癌）'],
          'traumatic': ['外傷（転落）', '外傷'], 'other': ['その他']}
TECH_J = {'vertebroplasty': ['VP', '椎体形成術(VP)'], 'kyphoplasty': ['BKP', 'BKP', '経皮的後弯矯正術(BKP)']}
CEM_J = {'PMMA': ['KyphX HV-R', 'PMMA'], 'calcium phosphate': ['バイオペックス-R (CPC)', 'CPC']}


def main(out):
    os.makedirs(out, exist_ok=True)
    tps = ['pre', '1w', '1m', '3m', '6m', '12m']
    pats, rng = gen_core(20240401, 32, lambda i: 'SPR%03d' % (i + 1), tps, odi_tps=('pre', '3m', '12m'),
                         tech_p=(('kyphoplasty', .8), ('vertebroplasty', .2)),
                         cement_p=(('PMMA', .85), ('calcium phosphate', .15)),
                         etio_p=(('osteoporotic', .8), ('pathologic', .14), ('traumatic', .06)),
                         start=dt.date(2018, 10, 1), span=1100)
    # BKP cement technique: the BKP kit always uses PMMA
    for p in pats:
        if 2 in p['odi']:
            p['odi'][2] = {}   # no ODI is kept for the second operation
        for s in p['sessions']:
            if s['technique'] == 'kyphoplasty':
                s['cement'] = 'PMMA'
    errors, idents = [], []
    ids = [p['id'] for p in pats]
    # planted errors: pid -> field
    bad_level = ids[4]; bad_vas = ids[10]; bad_date = ids[17]; bad_vol = ids[22]; dup = (ids[26], ids[27])
    wb = openpyxl.Workbook()
    thin = Side(style='thin', color='999999')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    hdr_fill = PatternFill('solid', fgColor='DDEBF7')

    def header(ws, r, vals):
        for c, v in enumerate(vals, 1):
            cell = ws.cell(r, c, v)
            cell.font = Font(bold=True)
            cell.fill = hdr_fill
            cell.border = box
            cell.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)

    # ---- 患者情報
    ws = wb.active
    ws.title = '患者情報'
    ws['A1'] = '札幌北辰会病院 整形外科　椎体形成術（BKP/VP）症例登録'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = '※ 年齢は初回手術時。死亡：有/無'
    hd = ['症例番号', '氏名', 'カルテ番号', '性別', '生年月日', '年齢', '原因疾患', '死亡', '備考']
    header(ws, 3, hd)
    r = 4
    for p in pats:
        sur = SUR[int(rng.integers(len(SUR)))]
        giv = (GF if p['sex'] == 'female' else GM)[int(rng.integers(len(GF if p['sex'] == 'female' else GM)))]
        name = sur + ('\u3000' if rng.random() < .5 else ' ') + giv
        mrn = '%08d' % int(rng.integers(10 ** 6, 10 ** 8))
        d1 = p['sessions'][0]['date']
        bm, bdd = int(rng.integers(1, 13)), int(rng.integers(1, 29))
        by = d1.year - p['age'] - (1 if (bm, bdd) > (d1.month, d1.day) else 0)
        bd = dt.date(by, bm, bdd)
        bds = jdate(bd, 'short' if rng.random() < .7 else 'kanji')
        age = p['age'] if rng.random() < .7 else '%d歳' % p['age']
        sex = '女' if p['sex'] == 'female' else '男'
        etio = ETIO_J[p['etiology']][int(rng.integers(len(ETIO_J[p['etiology']])))]
        died = '有' if p['died'] == 'yes' else '無'
        note = ''
        if p['died'] == 'yes':
            note = '死亡（%s）' % jdate(d1 + dt.timedelta(days=p['death_day']), 'short')
        pid = p['id']
        if pid == dup[1]:
            pid = dup[0]
        vals = [pid, name, mrn, sex, bds, age, etio, died, note]
        for c, v in enumerate(vals, 1):
            ws.cell(r, c, v).border = box
        if p['id'] == dup[0]:
            errors.append(['患者情報', addr(r, 1), r, '症例番号', dup[0], 'study ID entered twice for two different patients (also on the row of %s)' % dup[1], dup[0]])
        if p['id'] == dup[1]:
            errors.append(['患者情報', addr(r, 1), r, '症例番号', dup[0], 'this row is patient %s (name/MRN/visits) but carries the ID %s, which is already used' % (dup[1], dup[0]), dup[1]])
        idents += [['name', name], ['record_number', mrn], ['birth_date', bds]]
        r += 1
    for col, w in zip('ABCDEFGHI', [10, 14, 11, 6, 12, 7, 22, 6, 22]):
        ws.column_dimensions[col].width = w

    # ---- 手術記録 (two header rows, merged groups)
    ws = wb.create_sheet('手術記録')
    ws['A1'] = '手術記録（初回＋再手術）'
    ws['A1'].font = Font(bold=True, size=13)
    groups = [('', 1, 1), ('初回手術', 2, 4), ('第1椎体', 5, 7), ('第2椎体', 8, 10), ('第3椎体', 11, 13), ('再手術', 14, 20)]
    sub = ['症例番号', '手術日', '術式', 'セメント', '高位', '注入量(ml)', '漏出', '高位', '注入量(ml)', '漏出',
           '高位', '注入量(ml)', '漏出', '再手術', '再手術日', '高位', '術式', '注入量(ml)', '漏出', '術前VAS']
    for g, a, b in groups:
        ws.cell(2, a, g)
        if b > a:
            ws.merge_cells(start_row=2, start_column=a, end_row=2, end_column=b)
    header(ws, 2, [ws.cell(2, c).value for c in range(1, 21)])
    header(ws, 3, sub)
    styles = ['short', 'short', 'kanji', 'west', 'cell', 'fw']
    r = 4
    for p in pats:
        s1 = p['sessions'][0]
        st = styles[int(rng.integers(len(styles)))]
        dv = jdate(s1['date'], st)
        if p['id'] == bad_date:
            a, k, y = era(s1['date'])
            dv = '%s%d.2.30' % (a, y)
            errors.append(['手術記録', addr(r, 2), r, '手術日', dv, 'impossible date (30 February)', p['id']])
        row = [p['id'], dv, TECH_J[s1['technique']][int(rng.integers(len(TECH_J[s1['technique']])))],
               CEM_J[s1['cement']][int(rng.integers(len(CEM_J[s1['cement']])))]]
        for k in range(3):
            if k < len(s1['levels']):
                lv = jlevel(s1['levels'][k], rng)
                vo = jvol(s1['vols'][k], rng)
                if p['id'] == bad_level and k == 0:
                    lv = 'L7'
                    errors.append(['手術記録', addr(r, 5), r, '高位', lv, 'impossible vertebral level (there is no L7)', p['id']])
                if p['id'] == bad_vol and k == 0:
                    vo = 35
                    errors.append(['手術記録', addr(r, 6), r, '注入量(ml)', '35', 'implausible cement volume for one vertebra (35 mL)', p['id']])
                row += [lv, vo, LEAK_J[s1['leak'][k]]]
            else:
                row += ['', '', '']
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            pre2 = int(p['pain'][2]['pre']) if 'pre' in p['pain'][2] else '－'
            row += ['有', jdate(s2['date'], styles[int(rng.integers(len(styles)))]), jlevel(s2['levels'][0], rng),
                    TECH_J[s2['technique']][0], jvol(s2['total'], rng), LEAK_J[s2['leak'][0]], pre2]
        else:
            row += ['無', '', '', '', '', '', '']
        for c, v in enumerate(row, 1):
            cell = ws.cell(r, c, v)
            cell.border = box
            if isinstance(v, dt.datetime):
                cell.number_format = 'yyyy/m/d'
        r += 1
    ws.freeze_panes = 'B4'

    # ---- visit sheets
    vnames = {'pre': '術前', '1w': '1週', '1m': '1ヶ月', '3m': '3ヶ月', '6m': '6ヶ月', '12m': '1年'}
    # which sheet records each new fracture: first follow-up sheet whose nominal day is after the fracture
    fx_sheet = {}
    for p in pats:
        for d, l in p['fx']:
            t = next(t for t in tps[1:] if TP_DAYS[t] >= d + 7)
            fx_sheet.setdefault((p['id'], t), []).append((d, l))
    for t in tps:
        ws = wb.create_sheet(vnames[t])
        ws['A1'] = '%s　評価' % vnames[t]
        ws['A1'].font = Font(bold=True, size=13)
        hasodi = t in ('pre', '3m', '12m')
        hd = ['症例番号', '検査日', 'VAS(0-10)'] + (['ODI(%)'] if hasodi else []) + \
             ([] if t == 'pre' else ['新規骨折', '骨折部位', '診断日']) + ['備考']
        header(ws, 2, hd)
        r = 3
        for p in pats:
            s1 = p['sessions'][0]
            pain = p['pain'][1].get(t)
            row = {'症例番号': p['id'] if p['id'] != dup[1] else dup[0]}
            if p['id'] == dup[1]:
                row['症例番号'] = p['id']   # visit sheets carry the correct ID
            fxs = fx_sheet.get((p['id'], t), [])
            dead = p['died'] == 'yes' and TP_DAYS[t] >= p['death_day'] - 5
            if pain is not None:
                jit = int(rng.integers(-2, 1)) if t == 'pre' else int(rng.integers(-3, 6))
                vd = s1['date'] + dt.timedelta(days=max(TP_DAYS[t] + jit, -3 if t == 'pre' else 1))
                if t == 'pre':
                    vd = s1['date'] - dt.timedelta(days=int(rng.integers(0, 3)))
                row['検査日'] = jdate(vd, styles[int(rng.integers(len(styles)))])
                pv = int(pain)
                row['VAS(0-10)'] = pv if rng.random() < .85 else str(pv).translate(FW)
                if p['id'] == bad_vas and t == '1m':
                    row['VAS(0-10)'] = 12
                if hasodi and t in p['odi'][1]:
                    row['ODI(%)'] = p['odi'][1][t]
            else:
                row['検査日'] = ''
                row['VAS(0-10)'] = '－'
                row['備考'] = '死亡' if dead else ('未受診' if rng.random() < .6 else '来院なし')
                if fxs:
                    row['備考'] = '未受診（近医にて新規骨折診断）'
            if t != 'pre':
                if fxs:
                    row['新規骨折'] = '有'
                    row['骨折部位'] = '・'.join(jlevel(l, rng) for _, l in fxs)
                    row['診断日'] = jdate(s1['date'] + dt.timedelta(days=fxs[0][0]), 'short')
                elif dead and pain is None:
                    row['新規骨折'] = ''
                elif pain is not None:
                    row['新規骨折'] = '無'
            for c, h in enumerate(hd, 1):
                v = row.get(h, '')
                cell = ws.cell(r, c, v)
                cell.border = box
                if isinstance(v, dt.datetime):
                    cell.number_format = 'yyyy/m/d'
                if h == 'VAS(0-10)' and v == 12:
                    errors.append([vnames[t], addr(r, c), r, h, '12', 'pain score 12 on a 0-10 VAS', p['id']])
            r += 1
        ws.column_dimensions['B'].width = 16
    # ---- legend
    ws = wb.create_sheet('凡例')
    for i, line in enumerate(['凡例', '日付：和暦（R=令和, H=平成）または西暦', 'VAS：0（痛みなし）～10（最大の痛み）',
                              'ODI：Oswestry Disability Index（%）', '－／未受診：来院なし', 'BKP：経皮的椎体形成術（バルーン）, VP：椎体形成術',
                              '漏出：セメント漏出の有無（部位）', 'CPC：リン酸カルシウムセメント（バイオペックス）'], 1):
        ws.cell(i, 1, line)
    wb.save(os.path.join(out, 'input.xlsx'))
    for p in pats:
        pass
    write_truth(out, pats, errors, idents,
                cement_known=lambda p, s: s['n'] == 1)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
