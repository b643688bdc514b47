import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90, '6m': 180, '12m': 365, '24m': 730}
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def gen(seed, n, tps, start=dt.date(2022, 1, 10), p_second=0.15, p_frac=0.15, p_died=0.1,
        techs=('vertebroplasty', 'kyphoplasty'), cements=('PMMA',), vas_dec=False, odi=False, mob=False,
        p_miss=0.15):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['i'] = i
        p['sex'] = 'female' if rng.random() < 0.72 else 'male'
        p['age'] = int(rng.integers(58, 92))
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.72 else ('pathologic' if r < 0.88 else 'traumatic')
        if p['etiology'] == 'traumatic':
            p['age'] = int(rng.integers(38, 70))
        d0 = start + dt.timedelta(days=int(rng.integers(0, 520)))
        nlev = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        k = int(rng.integers(8, 17 - nlev + 1))  # T9..L5
        levs = LEVELS[k:k + nlev]
        tech = str(rng.choice(list(techs)))
        cem = str(rng.choice(list(cements)))
        def vol():
            return float(np.round(rng.uniform(2.0, 6.5) * 2) / 2)
        def leak():
            if rng.random() < 0.78:
                return 'none'
            m = 1 if rng.random() < 0.8 else 2
            s = sorted(rng.choice(LEAKS, size=m, replace=False).tolist(), key=LEAKS.index)
            return ';'.join(s)
        sess = [dict(date=d0, day=0, levels=levs, vols=[vol() for _ in levs], leaks=[leak() for _ in levs],
                     tech=tech, cement=cem)]
        p['fractures'] = []
        if rng.random() < p_second:
            used = set(levs)
            cand = [l for l in LEVELS[7:] if l not in used and abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3
                    or (l not in used and abs(LEVELS.index(l) - LEVELS.index(levs[-1])) <= 3)]
            l2 = str(rng.choice(cand))
            fday = int(rng.integers(20, 110))
            d2 = fday + int(rng.integers(3, 15))
            p['fractures'].append((fday, l2))
            sess.append(dict(date=d0 + dt.timedelta(days=d2), day=d2, levels=[l2], vols=[vol()], leaks=[leak()],
                             tech=tech, cement=cem))
        elif rng.random() < p_frac:
            used = set(levs)
            cand = [l for l in LEVELS[6:] if l not in used]
            p['fractures'].append((int(rng.integers(30, 200)), str(rng.choice(cand))))
        p['sessions'] = sess
        p['died'] = 'yes' if rng.random() < p_died else 'no'
        p['death_day'] = int(rng.integers(60, 300)) if p['died'] == 'yes' else None
        # assessments: session 1 only, timepoints relative to session 1
        a = {}
        base = float(rng.integers(6, 11)) if not vas_dec else float(np.round(rng.uniform(6, 10), 1))
        visits = {}
        for t in tps:
            off = TP_DAYS[t]
            if t not in ('pre', '24h', '1w'):
                off += int(rng.integers(-5, 8))
            if p['death_day'] is not None and off >= p['death_day']:
                continue
            if t not in ('pre', '24h') and rng.random() < p_miss:
                continue
            visits[t] = off
            rel = {'pre': 1.0, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.35, '1m': 0.35, '3m': 0.28, '6m': 0.25, '12m': 0.22, '24m': 0.2}[t]
            v = base * rel + rng.normal(0, 0.8)
            v = min(10, max(0, v))
            v = round(v, 1) if vas_dec else int(round(v))
            a[('pain_vas', t)] = v
            if odi:
                o = min(100, max(0, 40 + base * 5 * rel + rng.normal(0, 5)))
                if t != '24h':
                    a[('odi', t)] = int(round(o))
            if mob:
                m = {'pre': 1, '24h': 2}.get(t, 3)
                m = int(min(4, max(0, m + rng.integers(-1, 2))))
                a[('mobility', t)] = m
        p['visits'] = visits
        p['assess'] = a
        p['birth'] = d0 - dt.timedelta(days=int(p['age'] * 365.25 + rng.integers(1, 360)))
        p['mrn'] = int(rng.integers(100000, 999999))
        p['phone_n'] = int(rng.integers(10 ** 7, 10 ** 8))
        p['rnd'] = rng
        pats.append(p)
    return pats


def write_truth(outdir, pats, vol_mode='level', errors=(), identifiers=(), record=None):
    """record: dict of flags sex, age, etiology, died, technique, cement, leakage (default True)."""
    rec = dict(sex=True, age=True, etiology=True, died=True, technique=True, cement=True, leakage=True)
    rec.update(record or {})
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f)
            wr.writerow(header)
            for r in rows:
                wr.writerow(['' if x is None else x for x in r])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if rec['sex'] else '', p['age'] if rec['age'] else '',
        p['etiology'] if rec['etiology'] else '', p['died'] if rec['died'] else ''] for p in pats])
    rows = []
    for p in pats:
        for si, s in enumerate(p['sessions'], 1):
            tot = sum(s['vols'])
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], si, s['day'], l, s['tech'] if rec['technique'] else '',
                             fmt(v) if (vol_mode == 'level' or (vol_mode == 'auto' and len(s['levels']) == 1)) else '',
                             fmt(tot) if (vol_mode == 'session' or (vol_mode == 'auto' and len(s['levels']) > 1)) else '',
                             s['cement'] if rec['cement'] else '', lk if rec['leakage'] else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for (m, t), v in p['assess'].items():
            rows.append([p['pid'], 1, m, t, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, l] for p in pats for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def fmt(v):
    if isinstance(v, float):
        if v == int(v):
            return str(int(v))
        return ('%.2f' % v).rstrip('0').rstrip('.')
    return v

# ---------------- Guangzhou: one row per treated vertebra, merged patient cells ----------------
import xlsxwriter


def cl(row0, col0):
    return xlsxwriter.utility.xl_rowcol_to_cell(row0, col0)


SUR = ['陈', '李', '黄', '张', '梁', '林', '何', '刘', '吴', '罗', '郑', '谢', '冯', '邓', '麦', '叶', '苏', '卢', '潘', '钟', '杨', '周', '曾', '区']
GF = ['秀英', '桂芳', '玉兰', '美珍', '淑华', '凤娇', '丽娟', '月娥', '惠芳', '金好']
GM = ['国强', '志明', '伟雄', '建华', '锦荣', '永康', '汉生', '炳坤']
LEAK = {'disc': '椎间隙', 'venous': '静脉', 'paravertebral': '椎旁', 'epidural': '椎管内', 'foraminal': '椎间孔'}


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    tps = ['pre', '24h', '1w', '1m', '3m', '6m']
    pats = gen(1402, 24, tps, start=dt.date(2021, 9, 1), techs=('kyphoplasty', 'vertebroplasty'),
               cements=('PMMA', 'PMMA', 'PMMA', 'calcium phosphate'), odi=True, p_second=0.13, p_frac=0.12)
    idents = []
    for p in pats:
        p['pid'] = 'GZ-%02d' % (p['i'] + 1)
        rng = p['rnd']
        p['name'] = SUR[p['i']] + (GF if p['sex'] == 'female' else GM)[int(rng.integers(0, 8))]
        p['zy'] = 'ZY%08d' % (p['mrn'] * 71 % 100000000)
        p['assess'] = {k: v for k, v in p['assess'].items() if k[0] == 'pain_vas' or k[1] in ('pre', '3m', '6m')}
        idents += [('name', p['name']), ('record_number', p['zy'])]
        for s in p['sessions']:
            if s['tech'] == 'kyphoplasty':
                s['cement'] = 'PMMA'
    wb = xlsxwriter.Workbook(os.path.join(outdir, 'input.xlsx'))
    ws = wb.add_worksheet('PKP-PVP登记')
    title = wb.add_format({'bold': True, 'font_size': 14, 'align': 'center'})
    h1 = wb.add_format({'bold': True, 'align': 'center', 'valign': 'vcenter', 'border': 1, 'bg_color': '#FCE4D6', 'text_wrap': True})
    cf = wb.add_format({'border': 1, 'align': 'center', 'valign': 'vcenter', 'text_wrap': True})
    red = wb.add_format({'border': 1, 'align': 'center', 'valign': 'vcenter', 'font_color': '#C00000'})
    groups = [('患者基本信息', ['序号', '研究编号', '住院号', '姓名', '性别', '年龄', '病因']),
              ('手术情况', ['第几次手术', '手术日期', '术式', '手术椎体', '骨水泥量(ml)', '骨水泥', '骨水泥渗漏']),
              ('VAS评分', ['术前', '术后1天', '术后1周', '术后1月', '术后3月', '术后6月']),
              ('ODI(%)', ['术前', '术后3月', '术后6月']),
              ('随访', ['新发椎体骨折', '死亡', '备注'])]
    ncol = sum(len(c) for _, c in groups)
    ws.merge_range(0, 0, 0, ncol - 1, '广州珠江医院脊柱外科  椎体成形/后凸成形术病例登记表（2021.9—2023.2）', title)
    ws.merge_range(1, 0, 1, ncol - 1, '填表说明：VAS 0-10分；"/"=未随访；失访注明"失访"；同一患者多节段分行填写，基本信息合并单元格。', wb.add_format({'font_size': 9, 'italic': True}))
    c = 0
    hdr = {}
    for g, cols in groups:
        ws.merge_range(2, c, 2, c + len(cols) - 1, g, h1)
        for j, h in enumerate(cols):
            ws.write(3, c + j, h, h1)
            hdr[(g, h)] = c + j
        c += len(cols)
    cells = {}  # (row0,col0) -> value  (top-left of merges)
    merges = []
    r = 4
    ETIO = {'osteoporotic': '骨质疏松性骨折', 'traumatic': '外伤性骨折'}
    for p in pats:
        nrow = sum(len(s['levels']) for s in p['sessions'])
        p['r0'] = r
        pv = {}
        pv[hdr[('患者基本信息', '序号')]] = p['i'] + 1
        pv[hdr[('患者基本信息', '研究编号')]] = p['pid']
        pv[hdr[('患者基本信息', '住院号')]] = p['zy']
        pv[hdr[('患者基本信息', '姓名')]] = p['name']
        pv[hdr[('患者基本信息', '性别')]] = '女' if p['sex'] == 'female' else '男'
        pv[hdr[('患者基本信息', '年龄')]] = '%d岁' % p['age']
        pv[hdr[('患者基本信息', '病因')]] = ETIO.get(p['etiology']) or ['肺癌骨转移', '多发性骨髓瘤', '乳腺癌骨转移'][p['i'] % 3]
        for t, h in zip(tps, ['术前', '术后1天', '术后1周', '术后1月', '术后3月', '术后6月']):
            v = p['assess'].get(('pain_vas', t))
            dead = p['death_day'] is not None and TP_DAYS[t] >= p['death_day']
            pv[hdr[('VAS评分', h)]] = v if v is not None else ('/' if dead else '失访')
        for t, h in zip(['pre', '3m', '6m'], ['术前', '术后3月', '术后6月']):
            v = p['assess'].get(('odi', t))
            pv[hdr[('ODI(%)', h)]] = ('%d%%' % v) if v is not None else '/'
        s1 = p['sessions'][0]
        fr = ['%s %s新发' % ((s1['date'] + dt.timedelta(days=d)).strftime('%Y-%m-%d'), l) for d, l in p['fractures']]
        pv[hdr[('随访', '新发椎体骨折')]] = '；'.join(fr) if fr else '无'
        if p['died'] == 'yes':
            pv[hdr[('随访', '死亡')]] = '是(%s)' % (s1['date'] + dt.timedelta(days=p['death_day'])).strftime('%Y.%m.%d')
        else:
            pv[hdr[('随访', '死亡')]] = '否'
        note = ''
        if len(p['sessions']) > 1:
            note = '新发骨折再次手术'
        elif p['etiology'] == 'pathologic':
            note = '术后转肿瘤科'
        pv[hdr[('随访', '备注')]] = note
        for col, v in pv.items():
            cells[(r, col)] = v
            if nrow > 1:
                merges.append((r, col, r + nrow - 1, col))
        rr = r
        for si, s in enumerate(p['sessions'], 1):
            n = len(s['levels'])
            sv = {hdr[('手术情况', '第几次手术')]: '第%d次' % si,
                  hdr[('手术情况', '手术日期')]: s['date'].strftime('%Y.%m.%d'),
                  hdr[('手术情况', '术式')]: 'PKP' if s['tech'] == 'kyphoplasty' else 'PVP',
                  hdr[('手术情况', '骨水泥')]: 'PMMA' if s['cement'] == 'PMMA' else '磷酸钙骨水泥'}
            for col, v in sv.items():
                cells[(rr, col)] = v
                if n > 1:
                    merges.append((rr, col, rr + n - 1, col))
            for l, vol, lk in zip(s['levels'], s['vols'], s['leaks']):
                cells[(rr, hdr[('手术情况', '手术椎体')])] = l
                cells[(rr, hdr[('手术情况', '骨水泥量(ml)')])] = vol
                cells[(rr, hdr[('手术情况', '骨水泥渗漏')])] = '无' if lk == 'none' else '+'.join(LEAK[x] for x in lk.split(';'))
                if si == 1 and rr == r:
                    pass
                rr += 1
        r += nrow
    errors = []
    def plant(row0, g, h, val, why, pid):
        col = hdr[(g, h)]
        cells[(row0, col)] = val
        errors.append(['PKP-PVP登记', cl(row0, col), row0 + 1, h, val, why, pid])
    one = [p for p in pats if len(p['sessions']) == 1 and len(p['sessions'][0]['levels']) == 1]
    plant(one[3]['r0'], '手术情况', '手术椎体', 'L7', 'no L7 vertebra', one[3]['pid'])
    q = [p for p in pats if ('pain_vas', '1m') in p['assess']][10]
    plant(q['r0'], 'VAS评分', '术后1月', 14, 'VAS 14 on a 0-10 scale', q['pid'])
    q = pats[19]
    plant(q['r0'], '手术情况', '手术日期', '2023.02.29', 'impossible date (2023 not a leap year)', q['pid'])
    a, b = pats[6], pats[7]
    plant(b['r0'], '患者基本信息', '研究编号', a['pid'], 'study ID entered twice for different people (also used by %s)' % a['name'], b['pid'])
    errors.append(['PKP-PVP登记', cl(a['r0'], hdr[('患者基本信息', '研究编号')]), a['r0'] + 1, '研究编号', a['pid'],
                   'same study ID appears again on row %d for a different person' % (b['r0'] + 1), a['pid']])
    merged_tl = set()
    for (r0, c0, r1, c1) in merges:
        ws.merge_range(r0, c0, r1, c1, cells.get((r0, c0), ''), cf)
        merged_tl.add((r0, c0))
        for rr in range(r0, r1 + 1):
            merged_tl.add((rr, c0))
    for (r0, c0), v in cells.items():
        if (r0, c0) in merged_tl:
            continue
        ws.write(r0, c0, v, cf)
    for rr in range(4, r):
        for cc in range(ncol):
            if (rr, cc) not in cells and (rr, cc) not in merged_tl:
                ws.write_blank(rr, cc, None, cf)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 3, 11)
    ws.set_column(6, 6, 14)
    ws.set_column(8, 8, 11)
    ws.set_column(13, 13, 12)
    ws.set_column(25, 25, 24)
    ws.set_column(26, 27, 14)
    ws.freeze_panes(4, 4)
    wb.close()
    write_truth(outdir, pats, 'level', errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
