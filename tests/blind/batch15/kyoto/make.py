# ---------------------------------------------------------------- common data model
import sys, os, csv
from datetime import date, timedelta
import numpy as np

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
OFF = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 90, '6m': 180, '12m': 365, '24m': 730}
JIT = {'pre': 0, '24h': 0, '1w': 2, '2w': 3, '1m': 5, '6w': 5, '3m': 10, '6m': 14, '12m': 21, '24m': 30}
FAC = {'pre': 1.0, '24h': 0.48, '1w': 0.42, '2w': 0.38, '1m': 0.34, '6w': 0.32, '3m': 0.29, '6m': 0.27, '12m': 0.26, '24m': 0.26}


def pick_levels(rng, n):
    cands = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4']
    w = np.array([1, 1, 2, 2, 3, 5, 9, 9, 5, 3, 2], float)
    w /= w.sum()
    while True:
        s = LEVELS.index(str(rng.choice(cands, p=w)))
        idx = list(range(s, s + n))
        if idx[-1] <= LEVELS.index('L5'):
            return [LEVELS[i] for i in idx]


def neighbour(rng, used):
    idxs = sorted(LEVELS.index(u) for u in used)
    opts = [idxs[0] - 1, idxs[-1] + 1, idxs[0] - 2, idxs[-1] + 2]
    opts = [o for o in opts if LEVELS.index('T4') <= o <= LEVELS.index('L5') and LEVELS[o] not in used]
    return LEVELS[opts[int(rng.integers(0, min(2, len(opts))))]]


def rnd(x, step):
    return round(round(x / step) * step, 1)


def gen(seed, ids, cfg):
    rng = np.random.default_rng(seed)
    pts = []
    for pid in ids:
        p = {'pid': pid}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        r = rng.random()
        p['etiology'] = ('osteoporotic' if r < 0.70 else 'pathologic' if r < 0.87 else 'traumatic')
        lo, hi = {'osteoporotic': (62, 93), 'pathologic': (47, 84), 'traumatic': (34, 80)}[p['etiology']]
        d0 = cfg['start'] + timedelta(days=int(rng.integers(0, cfg['span'])))
        age = int(rng.integers(lo, hi))
        b = date(d0.year - age - 1, 1, 1) + timedelta(days=int(rng.integers(0, 365)))
        age = d0.year - b.year - ((d0.month, d0.day) < (b.month, b.day))
        p['birth'], p['age'], p['d0'] = b, age, d0
        pdie = 0.4 if p['etiology'] == 'pathologic' else 0.1
        p['died'] = bool(rng.random() < pdie)
        p['death_day'] = int(rng.integers(50, 420)) if p['died'] else 10 ** 6
        if p['died'] and d0 + timedelta(days=p['death_day']) > cfg['cutoff']:
            p['death_day'] = max(20, (cfg['cutoff'] - d0).days - int(rng.integers(5, 30)))
        nl = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        lev = pick_levels(rng, nl)
        sessions = [{'n': 1, 'day': 0, 'date': d0, 'levels': lev}]
        p['fractures'] = []
        if rng.random() < 0.22:
            fd = int(rng.integers(35, 280))
            if fd < p['death_day'] - 25 and d0 + timedelta(days=fd) < cfg['cutoff']:
                fl = neighbour(rng, lev)
                p['fractures'].append((fd, fl))
                if rng.random() < 0.6:
                    sd = fd + int(rng.integers(4, 21))
                    sessions.append({'n': 2, 'day': sd, 'date': d0 + timedelta(days=sd), 'levels': [fl], 'new': True})
        if len(sessions) == 1 and rng.random() < 0.12:
            sd = int(rng.integers(21, 75))
            if sd < p['death_day'] - 20:
                sessions.append({'n': 2, 'day': sd, 'date': d0 + timedelta(days=sd), 'levels': [neighbour(rng, lev)], 'new': False})
        for s in sessions:
            kp = rng.random() < cfg['kp_rate']
            s['tech'] = 'kyphoplasty' if kp else 'vertebroplasty'
            s['vols'], s['leaks'] = [], []
            for l in s['levels']:
                thor = l.startswith('T')
                a, bb = ((2.5, 4.5) if thor else (3.5, 6.5)) if kp else ((1.8, 3.5) if thor else (2.8, 5.0))
                s['vols'].append(rnd(rng.uniform(a, bb), cfg.get('vol_step', 0.5)))
                if rng.random() < cfg.get('leak_rate', 0.25):
                    sites = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']
                    w = np.array([.35, .3, .2, .1, .05])
                    k = 2 if rng.random() < 0.15 else 1
                    ch = list(rng.choice(sites, size=k, replace=False, p=w))
                    s['leaks'].append(sorted(ch, key=sites.index))
                else:
                    s['leaks'].append([])
            s['ctype'] = cfg['ctype'](rng, s['tech'])   # (truth, label)
            s['total'] = round(sum(s['vols']), 1)
        p['sessions'] = sessions
        # assessments
        p['visits'], p['assess'] = {}, []
        for s in sessions:
            meas = cfg['meas']
            tps = []
            for m, (t1, t2) in meas.items():
                for t in (t1 if s['n'] == 1 else t2):
                    if t not in tps:
                        tps.append(t)
            tps.sort(key=lambda t: OFF[t])
            base = {'pain_vas': (rng.uniform(6.5, 10.0)), 'odi': rng.uniform(46, 86), 'mobility': int(rng.integers(0, 2))}
            for t in tps:
                if t == 'pre':
                    vd = s['date'] - timedelta(days=int(rng.integers(0, cfg.get('pre_gap', 1) + 1)))
                else:
                    j = JIT[t]
                    vd = s['date'] + timedelta(days=OFF[t] + int(rng.integers(-j, j + 1)))
                    if rng.random() < cfg.get('miss', 0.18):
                        continue
                    if (vd - d0).days >= p['death_day'] or vd > cfg['cutoff']:
                        continue
                p['visits'][(s['n'], t)] = vd
                for m, (t1, t2) in meas.items():
                    if t not in (t1 if s['n'] == 1 else t2):
                        continue
                    if m == 'pain_vas':
                        v = base[m] * FAC[t] + rng.normal(0, 0.8) if t != 'pre' else base[m]
                        if cfg.get('vas_mm'):
                            raw = int(min(100, max(0, round(v * 10))))
                            val = raw / 10
                        else:
                            raw = int(min(10, max(0, round(v))))
                            val = raw
                    elif m == 'odi':
                        v = base[m] * (0.38 + 0.62 * FAC[t]) + rng.normal(0, 4) if t != 'pre' else base[m]
                        raw = int(min(100, max(0, round(v / 2) * 2)))
                        val = raw
                    else:
                        raw = base[m] if t == 'pre' else int(min(3, base[m] + (1 if t == '24h' else 2) - (rng.random() < 0.2)))
                        val = raw
                    p['assess'].append({'session': s['n'], 'measure': m, 'tp': t, 'raw': raw, 'value': val, 'date': vd})
        pts.append(p)
    return pts


def A(p, s, m, t):
    for a in p['assess']:
        if a['session'] == s and a['measure'] == m and a['tp'] == t:
            return a
    return None


def fmtnum(x):
    return ('%g' % x) if x is not None else ''


def write_truth(outdir, pts, errors, idents, cfg):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    rec = cfg.get('record', {})
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if rec.get('sex', 1) else '', p['age'] if rec.get('age', 1) else '',
        p['etiology'] if rec.get('etiology', 1) else '',
        ('yes' if p['died'] else 'no') if rec.get('died', 1) else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            multi = len(s['levels']) > 1
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                if cfg['vol_mode'] == 'level' or not multi:
                    cv, sv = fmtnum(v), ''
                else:
                    cv, sv = '', fmtnum(s['total'])
                rows.append([p['pid'], s['n'], s['day'], l, s['tech'], cv, sv,
                             s['ctype'][0] if rec.get('ctype', 1) else '',
                             ';'.join(lk) if lk else 'none'])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'],
      [[p['pid'], a['session'], a['measure'], a['tp'], fmtnum(a['value'])] for p in pts for a in p['assess']])
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['pid'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, irows = set(), []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v))
            irows.append([k, v])
    w('identifiers.csv', ['kind', 'value'], irows)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- site specific
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side

SEED = 1501


def ctype(rng, tech):
    if tech == 'kyphoplasty':
        return ('PMMA', 'HV-R')
    return ('calcium phosphate', 'バイオペックス') if rng.random() < 0.5 else ('PMMA', 'オステオボンド')


CFG = dict(start=date(2021, 4, 1), span=800, cutoff=date(2024, 6, 30), kp_rate=0.8, vol_step=0.5,
           vas_mm=True, vol_mode='level', miss=0.2,
           meas={'pain_vas': (['pre', '24h', '1w', '1m', '3m', '6m'], ['pre'])}, ctype=ctype)

KATA_FAM = ['ヤマモト', 'タナカ', 'ナカムラ', 'コバヤシ', 'イトウ', 'ワタナベ', 'サトウ', 'スズキ', 'タカハシ', 'キムラ',
            'ハヤシ', 'シミズ', 'モリ', 'イケダ', 'ハシモト', 'ヤマダ', 'イシカワ', 'マエダ', 'オカダ', 'フジタ', 'ニシムラ', 'ウエダ']
KATA_F = ['ハナコ', 'ミチコ', 'カズコ', 'ヨシコ', 'トシコ', 'ヒサエ', 'フミエ', 'セツコ', 'キヨミ', 'ノブコ']
KATA_M = ['タロウ', 'イサム', 'ヒロシ', 'マサオ', 'シゲル', 'ススム', 'カズオ', 'ヨシオ']
ETIO = {'osteoporotic': '骨粗鬆症', 'traumatic': '外傷'}
TECH = {'kyphoplasty': 'BKP', 'vertebroplasty': 'VP'}
LEAK = {'disc': '椎間板', 'venous': '静脈', 'paravertebral': '傍椎体', 'epidural': '硬膜外', 'foraminal': '椎間孔'}


def wareki(d):
    if d >= date(2019, 5, 1):
        return 'R%d.%d.%d' % (d.year - 2018, d.month, d.day)
    if d >= date(1989, 1, 8):
        return 'H%d.%d.%d' % (d.year - 1988, d.month, d.day)
    return 'S%d.%d.%d' % (d.year - 1925, d.month, d.day)


def leak_txt(s):
    parts = []
    for l, lk in zip(s['levels'], s['leaks']):
        if lk:
            parts.append(l + ' ' + '・'.join(LEAK[x] for x in lk))
    return 'なし' if not parts else '、'.join(parts)


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    ids = ['KY-%03d' % i for i in range(1, 24)]
    pts = gen(SEED, ids, CFG)
    rng = np.random.default_rng(SEED + 7)
    idents = []
    wb = Workbook()
    ws = wb.active
    ws.title = '症例台帳'
    ws['A1'] = '経皮的椎体形成術（BKP・VP）症例台帳　洛北中央病院 整形外科 脊椎グループ'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = '2024年7月更新（担当：脊椎班）　※VASは0〜100mm　－：未受診/データなし　灰色の行：死亡例'
    groups = [('患者情報', 1, 7), ('初回手術', 8, 13), ('VAS (mm)', 14, 19), ('追加手術', 20, 26),
              ('続発骨折', 27, 28), ('転帰', 29, 30), ('備考', 31, 31)]
    sub = ['研究ID', 'カルテ番号', '氏名', '性別', '年齢', '生年月日', '原因疾患',
           '手術日', '術式', '椎体', 'セメント量(ml)', 'セメント', '漏出',
           '術前', '術翌日', '1週', '1ヶ月', '3ヶ月', '6ヶ月',
           '手術日', '椎体', '術式', 'セメント量(ml)', 'セメント', '漏出', '術前VAS',
           '診断日', '椎体', '転帰', '死亡日', '']
    thin = Side(style='thin')
    hfill = PatternFill('solid', fgColor='DDEBF7')
    for name, a, b in groups:
        ws.cell(4, a, name)
        if b > a:
            ws.merge_cells(start_row=4, start_column=a, end_row=4, end_column=b)
    ws.merge_cells(start_row=4, start_column=31, end_row=5, end_column=31)
    for c, h in enumerate(sub, 1):
        if h:
            ws.cell(5, c, h)
    for r in (4, 5):
        for c in range(1, 32):
            ws.cell(r, c).fill = hfill
            ws.cell(r, c).font = Font(bold=True)
            ws.cell(r, c).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
            ws.cell(r, c).border = Border(top=thin, bottom=thin, left=thin, right=thin)
    where = {}
    grey = PatternFill('solid', fgColor='D9D9D9')
    r = 6
    for k, p in enumerate(pts):
        mrn = '%07d' % int(rng.integers(1000000, 9999999))
        fam = KATA_FAM[k % len(KATA_FAM)]
        giv = str(rng.choice(KATA_F if p['sex'] == 'female' else KATA_M))
        name = fam + '　' + giv
        idents += [('name', name), ('record_number', mrn), ('birth_date', wareki(p['birth']))]
        s1 = p['sessions'][0]
        if p['etiology'] == 'pathologic':
            et = str(rng.choice(['転移性腫瘍（肺癌）', '転移性腫瘍（乳癌）', '多発性骨髄腫', '転移性腫瘍（前立腺癌）']))
        else:
            et = ETIO[p['etiology']]
        vals = [p['pid'], mrn, name, '女' if p['sex'] == 'female' else '男', p['age'], wareki(p['birth']), et,
                wareki(s1['date']), TECH[s1['tech']], ', '.join(s1['levels']),
                ' / '.join('%g' % v for v in s1['vols']) if len(s1['vols']) > 1 else s1['vols'][0],
                s1['ctype'][1], leak_txt(s1)]
        for t in ['pre', '24h', '1w', '1m', '3m', '6m']:
            a = A(p, 1, 'pain_vas', t)
            vals.append(a['raw'] if a else '－')
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            a = A(p, 2, 'pain_vas', 'pre')
            vals += [wareki(s2['date']), ', '.join(s2['levels']), TECH[s2['tech']], s2['vols'][0], s2['ctype'][1], leak_txt(s2),
                     a['raw'] if a else '－']
        else:
            vals += ['', '', '', '', '', '', '']
        if p['fractures']:
            fd, fl = p['fractures'][0]
            vals += [wareki(p['d0'] + timedelta(days=fd)), fl]
        else:
            vals += ['', '']
        if p['died']:
            vals += ['死亡', wareki(p['d0'] + timedelta(days=p['death_day']))]
        else:
            vals += ['生存', '']
        note = ''
        if len(p['sessions']) > 1:
            note = '隣接椎体骨折に対し追加BKP' if p['sessions'][1].get('new') else '初回時に未治療の陳旧性骨折を二期的に治療'
            if p['sessions'][1]['tech'] == 'vertebroplasty':
                note = note.replace('追加BKP', '追加VP')
        elif p['fractures']:
            note = '保存的加療'
        vals.append(note)
        for c, v in enumerate(vals, 1):
            cell = ws.cell(r, c, v)
            if p['died']:
                cell.fill = grey
        where[p['pid']] = r
        r += 1
    ws.cell(r + 1, 1, '※セメント量は椎体ごと（椎体欄と同じ順）。バイオペックス＝リン酸カルシウム骨セメント、HV-R・オステオボンド＝PMMA')
    ws.cell(r + 2, 1, '※追加手術の術後VASは別ファイル（外来記録）参照')
    ws.freeze_panes = 'D6'
    widths = {1: 9, 2: 10, 3: 16, 7: 18, 8: 10, 10: 10, 11: 10, 12: 12, 13: 16, 20: 10, 24: 12, 25: 14, 27: 10, 30: 10, 31: 30}
    for c in range(1, 32):
        ws.column_dimensions[col_letter(c)].width = widths.get(c, 7)

    errors = []

    def plant(pid, col, value, what):
        row = where[pid]
        ws.cell(row, col, value)
        errors.append([ws.title, '%s%d' % (col_letter(col), row), row, sub[col - 1], value, what, pid])

    single = [p for p in pts if len(p['sessions'][0]['levels']) == 1 and len(p['sessions']) == 1 and not p['fractures']]
    pe = single[1]
    plant(pe['pid'], 10, 'L7', 'impossible vertebral level L7')
    pe = single[4]
    plant(pe['pid'], 11, 45, 'cement volume 45 mL in one vertebra')
    withm3 = [p for p in pts if A(p, 1, 'pain_vas', '3m') and p['pid'] not in [e[6] for e in errors]]
    plant(withm3[2]['pid'], 18, 140, 'VAS 140 on a 0-100 mm scale')
    pe = [p for p in pts if p['pid'] not in [e[6] for e in errors] and len(p['sessions']) == 1][6]
    plant(pe['pid'], 8, 'R%d.2.30' % (pe['d0'].year - 2018), 'impossible date (30 February)')
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, CFG)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
