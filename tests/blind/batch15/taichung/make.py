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

SEED = 1502


def ctype(rng, tech):
    if tech == 'kyphoplasty':
        return ('PMMA', 'KyphOn HV-R')
    r = rng.random()
    if r < 0.12:
        return ('Cortoss', 'Cortoss')
    return ('PMMA', 'Osteopal V') if r < 0.55 else ('PMMA', 'Vertecem V+')


CFG = dict(start=date(2022, 1, 5), span=560, cutoff=date(2024, 8, 31), kp_rate=0.45, vol_step=0.1,
           vol_mode='level', miss=0.2,
           meas={'pain_vas': (['pre', '24h', '2w', '3m', '6m'], ['pre', '24h', '2w']),
                 'odi': (['pre', '3m'], ['pre'])}, ctype=ctype)

FAM = ['陳', '林', '黃', '張', '李', '王', '吳', '劉', '蔡', '楊', '許', '鄭', '謝', '洪', '郭', '邱', '曾', '廖', '賴', '徐', '周', '葉', '蘇']
GIV = ['秀', '美', '淑', '麗', '玉', '月', '金', '阿', '春', '明', '國', '文', '清', '榮', '志', '惠']
DX = {'osteoporotic': '骨質疏鬆性壓迫性骨折', 'traumatic': '外傷性壓迫性骨折'}
TECH = {'kyphoplasty': 'BKP', 'vertebroplasty': 'PVP'}
LEAK = {'disc': '椎間盤', 'venous': '靜脈', 'paravertebral': '椎旁', 'epidural': '硬膜外', 'foraminal': '神經孔'}


def roc(d):
    return '%d/%02d/%02d' % (d.year - 1911, d.month, d.day)


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    ids = ['TC%03d' % i for i in range(1, 25)]
    pts = gen(SEED, ids, CFG)
    rng = np.random.default_rng(SEED + 7)
    idents = []
    wb = Workbook()
    ws = wb.active
    ws.title = '椎體成形術收案'
    ws['A1'] = '臺中○○醫院 神經外科　經皮椎體成形術 / 氣球擴張椎體後凸成形術 收案登記表'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'] = '日期一律民國年 (YYY/MM/DD)；疼痛採 NRS 0-10 分；NA = 未回診；一列 = 一個節段'
    h1 = [('基本資料', 1, 6), ('手術', 7, 13), ('疼痛 NRS (0-10)', 14, 18), ('ODI (%)', 19, 20), ('追蹤', 21, 22)]
    h2 = ['收案編號', '病歷號', '姓名', '性別', '年齡', '診斷', '第幾次手術', '手術日期', '術式', '節段',
          '骨水泥量', '骨水泥', '滲漏', '術前', '術後1天', '術後2週', '術後3個月', '術後6個月', '術前', '術後3個月',
          '存歿', '備註']
    thin = Side(style='thin')
    for name, a, b in h1:
        ws.cell(4, a, name)
        ws.merge_cells(start_row=4, start_column=a, end_row=4, end_column=b)
    for c, h in enumerate(h2, 1):
        ws.cell(5, c, h)
    for r in (4, 5):
        for c in range(1, 23):
            cl = ws.cell(r, c)
            cl.font = Font(bold=True)
            cl.fill = PatternFill('solid', fgColor='FCE4D6')
            cl.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
            cl.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    r = 6
    where = {}
    ctr = Alignment(vertical='center', horizontal='center', wrap_text=True)
    for k, p in enumerate(pts):
        mrn = '%08d' % int(rng.integers(10000000, 99999999))
        name = FAM[k % len(FAM)] + 'O' + str(rng.choice(GIV))
        idents += [('name', name), ('record_number', mrn)]
        if p['etiology'] == 'pathologic':
            dx = str(rng.choice(['轉移性脊椎腫瘤 (肺癌)', '轉移性脊椎腫瘤 (肝癌)', '多發性骨髓瘤', '轉移性脊椎腫瘤 (乳癌)']))
        else:
            dx = DX[p['etiology']]
        prow = r
        for s in p['sessions']:
            srow = r
            for i, (l, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
                ws.cell(r, 10, l)
                ws.cell(r, 11, '%g mL' % v)
                ws.cell(r, 13, '無' if not lk else '、'.join(LEAK[x] for x in lk))
                where[(p['pid'], s['n'], l)] = r
                r += 1
            ws.cell(srow, 7, '第%d次' % s['n'])
            ws.cell(srow, 8, roc(s['date']))
            ws.cell(srow, 9, TECH[s['tech']])
            ws.cell(srow, 12, s['ctype'][1])
            for c, (m, t) in zip(range(14, 21), [('pain_vas', 'pre'), ('pain_vas', '24h'), ('pain_vas', '2w'),
                                                 ('pain_vas', '3m'), ('pain_vas', '6m'), ('odi', 'pre'), ('odi', '3m')]):
                a = A(p, s['n'], m, t)
                tps = CFG['meas'][m][0 if s['n'] == 1 else 1]
                if a:
                    ws.cell(srow, c, a['raw'])
                elif t not in tps:
                    ws.cell(srow, c, '')
                elif (s['date'] + timedelta(days=OFF[t]) - p['d0']).days >= p['death_day']:
                    ws.cell(srow, c, '')
                else:
                    ws.cell(srow, c, 'NA')
            where[(p['pid'], s['n'])] = srow
            if r - srow > 1:
                for c in [7, 8, 9, 12] + list(range(14, 21)):
                    ws.merge_cells(start_row=srow, start_column=c, end_row=r - 1, end_column=c)
        ws.cell(prow, 1, p['pid'])
        ws.cell(prow, 2, mrn)
        ws.cell(prow, 3, name)
        ws.cell(prow, 4, '女' if p['sex'] == 'female' else '男')
        ws.cell(prow, 5, p['age'])
        ws.cell(prow, 6, dx)
        ws.cell(prow, 21, '歿 (%s)' % roc(p['d0'] + timedelta(days=p['death_day'])) if p['died'] else '存')
        notes = []
        for fd, fl in p['fractures']:
            notes.append('%s 發現 %s 新骨折' % (roc(p['d0'] + timedelta(days=fd)), fl))
        if len(p['sessions']) > 1 and not p['sessions'][1].get('new'):
            notes.append('第2次手術為原有舊骨折分期處理')
        ws.cell(prow, 22, '；'.join(notes))
        where[p['pid']] = prow
        if r - prow > 1:
            for c in [1, 2, 3, 4, 5, 6, 21, 22]:
                ws.merge_cells(start_row=prow, start_column=c, end_row=r - 1, end_column=c)
        for rr in range(prow, r):
            for c in range(1, 23):
                ws.cell(rr, c).alignment = ctr
                ws.cell(rr, c).border = Border(top=thin, bottom=thin, left=thin, right=thin)
    ws.cell(r + 1, 1, '骨水泥：KyphOn HV-R / Osteopal V / Vertecem V+ 均為 PMMA；Cortoss 為複合材料')
    for c, wdt in zip(range(1, 23), [9, 10, 8, 5, 5, 20, 8, 10, 6, 6, 9, 12, 10, 6, 7, 7, 8, 8, 6, 8, 14, 30]):
        ws.column_dimensions[col_letter(c)].width = wdt
    ws.freeze_panes = 'G6'

    errors = []
    used = set()

    def plant(row, col, value, what, pid):
        ws.cell(row, col, value)
        used.add(pid)
        errors.append([ws.title, '%s%d' % (col_letter(col), row), row, h2[col - 1], value, what, pid])

    simple = [p for p in pts if len(p['sessions']) == 1 and len(p['sessions'][0]['levels']) == 1]
    p = simple[2]
    plant(where[(p['pid'], 1)], 8, '%d/02/31' % (p['d0'].year - 1911), '不存在的日期 impossible date 31 February', p['pid'])
    p = simple[5]
    plant(where[(p['pid'], 1, p['sessions'][0]['levels'][0])], 10, 'T13', 'impossible vertebral level T13', p['pid'])
    multi = [p for p in pts if len(p['sessions'][0]['levels']) > 1 and p['pid'] not in used]
    p = multi[0]
    plant(where[(p['pid'], 1, p['sessions'][0]['levels'][1])], 11, '45 mL', 'cement volume 45 mL in one vertebra', p['pid'])
    w2 = [p for p in pts if A(p, 1, 'pain_vas', '2w') and p['pid'] not in used]
    p = w2[3]
    plant(where[(p['pid'], 1)], 16, 14, 'NRS 14 on a 0-10 scale', p['pid'])
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, CFG)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
