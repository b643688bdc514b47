# ---------------------------------------------------------------- cohort core
import os, sys, csv, random, datetime as dt

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def make_cohort(seed, n, timepoints, measures, techniques=('vertebroplasty', 'kyphoplasty'),
                cements=('PMMA',), start=dt.date(2019, 1, 7), span_days=900, vol_per_vertebra=True,
                s2_timepoints=('pre', '1m', '3m')):
    """Returns a list of patient dicts. Each patient: sex, age, etiology, died, d0 (date),
    birth, sessions [{session, day, date, technique, cement, levels[{level, vol, leak}], total}],
    visits [{session, tp, day, date, scores{measure: value or None}}], fractures [{day, level}],
    death_day."""
    rng = random.Random(seed)
    pats = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        p['etiology'] = ('osteoporotic' if r < 0.68 else 'pathologic' if r < 0.84
                         else 'traumatic' if r < 0.95 else 'other')
        p['age'] = rng.randint(48, 70) if p['etiology'] in ('pathologic', 'traumatic') else rng.randint(62, 93)
        d0 = start + dt.timedelta(days=rng.randint(0, span_days))
        while d0.weekday() >= 5:
            d0 += dt.timedelta(days=1)
        p['d0'] = d0
        # birth date giving exactly age at d0
        by = d0.year - p['age'] - 1
        bd = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        if (d0.month, d0.day) >= (bd.month, bd.day):
            bd = dt.date(by + 1, bd.month, bd.day) if False else bd
        # recompute precisely
        def age_at(b, d):
            return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
        while age_at(bd, d0) != p['age']:
            bd = dt.date(bd.year + (1 if age_at(bd, d0) > p['age'] else -1), bd.month, bd.day)
        p['birth'] = bd
        nl = 1
        r = rng.random()
        if r < 0.22:
            nl = 2
        elif r < 0.32:
            nl = 3
        centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'T8', 'L3', 'T7', 'L4'])
        ci = LEVELS.index(centre)
        st = max(3, min(ci - (nl - 1) // 2, len(LEVELS) - nl))
        tech = rng.choice(techniques)
        cem = rng.choice(cements)
        levs = []
        for k in range(nl):
            vol = rng.choice([2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0])
            if LEVELS[st + k].startswith('T') and LEVELS.index(LEVELS[st + k]) < 9:
                vol = min(vol, 4.0)
            rr = rng.random()
            if rr < 0.68:
                leak = 'none'
            elif rr < 0.80:
                leak = 'disc'
            elif rr < 0.90:
                leak = 'venous'
            elif rr < 0.96:
                leak = 'paravertebral'
            else:
                leak = 'disc;venous'
            levs.append({'level': LEVELS[st + k], 'vol': vol, 'leak': leak})
        p['sessions'] = [{'session': 1, 'day': 0, 'date': d0, 'technique': tech, 'cement': cem,
                          'levels': levs, 'total': round(sum(l['vol'] for l in levs), 1)}]
        p['fractures'] = []
        p['death_day'] = None
        p['died'] = 'no'
        pats.append(p)
    idx = list(range(n))
    rng.shuffle(idx)
    s2 = idx[:3]
    extra_fx = idx[3:5]
    dead = idx[5:8] if n >= 24 else idx[5:7]
    # second sessions
    for i in s2:
        p = pats[i]
        s1 = p['sessions'][0]
        fday = rng.randint(110, 200)
        sday = fday + rng.randint(4, 16)
        d = p['d0'] + dt.timedelta(days=sday)
        while d.weekday() >= 5:
            d += dt.timedelta(days=1)
        sday = (d - p['d0']).days
        top = LEVELS.index(s1['levels'][0]['level'])
        bot = LEVELS.index(s1['levels'][-1]['level'])
        ni = top - 1 if (rng.random() < 0.5 and top > 3) or bot >= len(LEVELS) - 1 else bot + 1
        lev = LEVELS[ni]
        vol = rng.choice([2.5, 3.0, 3.5, 4.0, 4.5])
        p['fractures'].append({'day': fday, 'level': lev})
        p['sessions'].append({'session': 2, 'day': sday, 'date': d, 'technique': s1['technique'],
                              'cement': s1['cement'], 'levels': [{'level': lev, 'vol': vol, 'leak': 'none'}],
                              'total': vol})
    # visits
    for i, p in enumerate(pats):
        visits = []
        limit = p['sessions'][1]['day'] - 10 if len(p['sessions']) > 1 else 10 ** 6
        for tp in timepoints:
            off = TP_DAYS[tp]
            if tp == 'pre':
                day = -rng.randint(0, 2) if rng.random() < 0.6 else 0
            else:
                jit = 0 if off <= 1 else rng.randint(-max(1, off // 12), max(1, off // 12))
                day = off + jit
            if day > limit:
                continue
            visits.append({'session': 1, 'tp': tp, 'day': day})
        if len(p['sessions']) > 1:
            s = p['sessions'][1]
            for tp in s2_timepoints:
                off = TP_DAYS[tp]
                day = s['day'] + (-1 if tp == 'pre' else off + rng.randint(-3, 3))
                visits.append({'session': 2, 'tp': tp, 'day': day})
        p['visits'] = visits
    for i in dead:
        p = pats[i]
        # dies between visits: keep first k visits (at least pre + 2)
        k = rng.randint(3, max(3, len(p['visits']) - 1))
        p['visits'] = p['visits'][:k]
        last = p['visits'][-1]['day']
        p['death_day'] = last + rng.randint(15, 80)
        p['died'] = 'yes'
    for i in extra_fx:
        p = pats[i]
        lastday = p['visits'][-1]['day']
        fday = rng.randint(60, max(61, lastday - 5))
        used = {l['level'] for s in p['sessions'] for l in s['levels']}
        cand = [l for l in LEVELS[4:] if l not in used]
        p['fractures'].append({'day': fday, 'level': rng.choice(cand)})
    # scores
    for p in pats:
        base = rng.randint(6, 9)
        odi0 = rng.randint(44, 80)
        mob0 = rng.randint(2, 4)
        for v in p['visits']:
            v['date'] = p['d0'] + dt.timedelta(days=v['day'])
            if v['tp'] in ('pre', '24h'):
                pass
            elif v['date'].weekday() == 6:
                v['day'] -= 2
                v['date'] -= dt.timedelta(days=2)
            elif v['date'].weekday() == 5:
                v['day'] -= 1
                v['date'] -= dt.timedelta(days=1)
            if v['tp'] == 'pre' and v['day'] > 0:
                v['day'] = 0; v['date'] = p['d0']
            if v['session'] == 2 and v['tp'] == 'pre':
                sd = p['sessions'][1]['day']
                v['day'] = sd - 1
                v['date'] = p['d0'] + dt.timedelta(days=sd - 1)
            pre = v['tp'] == 'pre'
            frac = 1.0 if pre else max(0.15, 0.55 - 0.05 * list(TP_DAYS).index(v['tp']) + rng.uniform(-0.1, 0.1))
            sc = {}
            for m in measures:
                if m == 'pain_vas':
                    b = base if (pre or v['session'] == 1) else rng.randint(6, 9)
                    sc[m] = max(0, min(10, round(b * frac + (0 if pre else rng.choice([-1, 0, 0, 1])))))
                elif m == 'odi':
                    sc[m] = max(4, min(96, int(odi0 * (1.0 if pre else frac + 0.15)) // 2 * 2))
                elif m == 'mobility':
                    sc[m] = mob0 if pre else max(0, min(4, round(mob0 * frac + rng.choice([0, 0, 1]))))
            # some missing single scores
            if not pre and rng.random() < 0.08 and len(measures) > 1:
                sc[rng.choice(measures)] = None
            v['scores'] = sc
        # missed (not attended) visit: keep a marker
        if rng.random() < 0.3 and len(p['visits']) > 3:
            j = rng.randint(1, len(p['visits']) - 1)
            if p['visits'][j]['session'] == 1 and p['visits'][j]['tp'] != 'pre':
                p['visits'][j]['missed'] = True
                p['visits'][j]['scores'] = {m: None for m in measures}
    return pats


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, ids, errors, vol_mode='vertebra', measures_scale=None,
                drop_scores=(), blank_level=(), blank_vol=(), blank_day=()):
    """pats with 'pid'. drop_scores: set of (pid, session, measure, tp) to leave out.
    blank_level/blank_vol: set of (pid, session, level) to blank. blank_day: set of (pid, session)."""
    t = os.path.join(outdir, 'truth')
    os.makedirs(t, exist_ok=True)
    write_csv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for l in s['levels']:
                key = (p['pid'], s['session'], l['level'])
                rows.append([p['pid'], s['session'], '' if (p['pid'], s['session']) in blank_day else s['day'],
                             '' if key in blank_level else l['level'], s['technique'],
                             fmtnum(l['vol']) if vol_mode == 'vertebra' and key not in blank_vol else '',
                             fmtnum(s['total']) if vol_mode == 'session' else '',
                             s['cement'], l['leak'] if l['leak'] is not None else ''])
    write_csv(os.path.join(t, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for v in p['visits']:
            for m, val in v['scores'].items():
                if val is None or (p['pid'], v['session'], m, v['tp']) in drop_scores:
                    continue
                rows.append([p['pid'], v['session'], m, v['tp'], fmtnum(val)])
    write_csv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['pid'], f['day'], f['level']] for p in pats for f in sorted(p['fractures'], key=lambda f: f['day'])])
    write_csv(os.path.join(t, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    write_csv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], ids)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end core

# ---------------------------------------------------------------- Shanghai site
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill

def main(out):
    rng = random.Random(1604)
    TPS = ['pre', '24h', '1m', '6m', '12m']
    pats = make_cohort(16044, 28, TPS, ['pain_vas', 'odi'], cements=('PMMA',), start=dt.date(2020, 3, 2))
    xing = list('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯')
    mingf = ['秀英', '桂英', '玉兰', '凤英', '淑珍', '美华', '丽华', '秀珍', '金花', '翠兰']
    mingm = ['建国', '国强', '志明', '德华', '振华', '永福', '宝林']
    ids = []
    for i, p in enumerate(pats):
        p['pid'] = 'SH-PKP-%03d' % (i + 1)
        p['name'] = xing[i] + rng.choice(mingf if p['sex'] == 'female' else mingm)
        p['zy'] = str(rng.randint(2000000, 2999999))
        p['tel'] = '1%d%d%04d%04d' % (rng.choice([3, 5, 8]), rng.randint(0, 9), rng.randint(0, 9999), rng.randint(0, 9999))
        ids += [('name', p['name']), ('record_number', p['zy']), ('phone', p['tel'])]
    LV = lambda l: ('胸' if l[0] == 'T' else '腰') + l[1:]
    LK = {'disc': '椎间盘', 'venous': '椎旁静脉', 'paravertebral': '椎旁软组织'}
    ET = {'osteoporotic': ['骨质疏松性椎体压缩骨折', 'OVCF'], 'pathologic': ['椎体转移瘤（肺癌）', '多发性骨髓瘤', '椎体转移瘤（乳腺癌）'],
          'traumatic': ['外伤性椎体压缩骨折'], 'other': ['椎体血管瘤']}
    TPN = {'pre': '术前', '24h': '术后24小时', '1m': '术后1月', '6m': '术后6月', '12m': '术后12月', '3m': '术后3月'}
    F = lambda d: d.strftime('%Y-%m-%d')
    wb = Workbook()
    ws = wb.active
    ws.title = 'PVP-PKP登记'
    ws['A1'] = '沪东医学院附属第三人民医院 脊柱外科  经皮椎体成形术(PVP)/经皮椎体后凸成形术(PKP) 病例登记表'
    ws['A1'].font = Font(bold=True, size=14)
    ws.merge_cells('A1:O1')
    ws['A2'] = '录入：规培医师 王某；审核：主任医师 陈某    （VAS 0-10分；ODI %）'
    ws['A4'] = '一、手术信息'
    ws['A4'].font = Font(bold=True)
    h1 = ['序号', '研究编号', '住院号', '姓名', '性别', '年龄', '联系电话', '诊断', '手术日期', '术式', '手术节段',
          '骨水泥', '骨水泥注入量(ml)', '骨水泥渗漏', '转归']
    for j, h in enumerate(h1, 1):
        ws.cell(5, j, h).font = Font(bold=True)
        ws.cell(5, j).fill = PatternFill('solid', fgColor='FCE4D6')
    plain = [k for k, p in enumerate(pats) if len(p['sessions']) == 1 and not p['fractures'] and p['died'] == 'no']
    e_lvl, e_vas, e_date, e_noid = plain[2], plain[5], plain[8], plain[11]
    errors, drop, blank_level = [], set(), set()
    r = 6
    n = 0
    for k, p in enumerate(pats):
        for s in p['sessions']:
            n += 1
            ws.cell(r, 1, n)
            ws.cell(r, 2, p['pid'])
            ws.cell(r, 3, p['zy'])
            ws.cell(r, 4, p['name'])
            ws.cell(r, 5, '女' if p['sex'] == 'female' else '男')
            ws.cell(r, 6, '%d岁' % (p['age'] + (s['date'].year - p['d0'].year if False else 0)) if s['session'] == 1 else None)
            ws.cell(r, 7, p['tel'])
            ws.cell(r, 8, rng.choice(ET[p['etiology']]) if s['session'] == 1 else '再发骨折，再次手术')
            ws.cell(r, 9, F(s['date']) if rng.random() < 0.6 else s['date'].strftime('%Y年%m月%d日').replace('年0', '年').replace('月0', '月'))
            ws.cell(r, 10, 'PKP' if s['technique'] == 'kyphoplasty' else 'PVP')
            lv = '、'.join(LV(l['level']) for l in s['levels'])
            if k == e_lvl:
                l0 = s['levels'][-1]
                bad = '腰6' if l0['level'][0] == 'L' else '胸13'
                lv = '、'.join([LV(l['level']) for l in s['levels'][:-1]] + [bad])
                blank_level.add((p['pid'], 1, l0['level']))
                errors.append(['PVP-PKP登记', 'K%d' % r, r, '手术节段', lv, 'impossible vertebral level ' + bad, p['pid']])
            ws.cell(r, 11, lv)
            ws.cell(r, 12, rng.choice(['PMMA骨水泥', '骨水泥（PMMA）', 'Mendec Spine']))
            ws.cell(r, 13, '+'.join(fmtnum(l['vol']) for l in s['levels']) if len(s['levels']) > 1 else l_vol(s))
            bad = [l for l in s['levels'] if l['leak'] != 'none']
            if not bad:
                lk = '无'
            elif len(s['levels']) == 1:
                lk = '、'.join(LK[x] for x in bad[0]['leak'].split(';')) + '渗漏'
            else:
                lk = '；'.join('%s%s渗漏' % (LV(l['level']), '、'.join(LK[x] for x in l['leak'].split(';'))) for l in bad)
            ws.cell(r, 14, lk)
            ws.cell(r, 15, ('死亡' if p['died'] == 'yes' else '存活') if s['session'] == 1 else None)
            r += 1
    r += 2
    ws.cell(r, 1, '二、随访记录').font = Font(bold=True)
    r += 1
    h2 = ['研究编号', '姓名', '随访时间点', '随访日期', 'VAS评分', 'ODI(%)', '新发椎体骨折', '随访方式', '备注']
    for j, h in enumerate(h2, 1):
        ws.cell(r, j, h).font = Font(bold=True)
        ws.cell(r, j).fill = PatternFill('solid', fgColor='DDEBF7')
    r += 1
    for k, p in enumerate(pats):
        ev = [(v['day'], 0, v) for v in p['visits']] + [(f['day'], 1, f) for f in p['fractures']]
        if p['died'] == 'yes':
            ev.append((p['death_day'], 2, None))
        ev.sort(key=lambda e: (e[0], e[1]))
        noid_done = False
        for day, kind, obj in ev:
            d = p['d0'] + dt.timedelta(days=day)
            if k == e_noid and kind == 0 and obj['tp'] == '1m' and not obj.get('missed'):
                ws.cell(r, 1, None)
                errors.append(['PVP-PKP登记', 'A%d' % r, r, '研究编号', '', 'follow-up row with data but no study ID', p['pid']])
            else:
                ws.cell(r, 1, p['pid'])
            ws.cell(r, 2, p['name'])
            if kind == 0:
                v = obj
                tp = TPN[v['tp']]
                ws.cell(r, 3, ('再次手术' + tp) if v['session'] == 2 else tp)
                if v.get('missed'):
                    ws.cell(r, 4, '/'); ws.cell(r, 5, '/'); ws.cell(r, 6, '/')
                    ws.cell(r, 8, '电话未接通'); ws.cell(r, 9, '失访')
                else:
                    dtext = F(d)
                    if k == e_date and v['tp'] == '6m':
                        s0 = p['d0']
                        dtext = F(s0 - dt.timedelta(days=rng.randint(20, 60)))
                        errors.append(['PVP-PKP登记', 'D%d' % r, r, '随访日期', dtext, 'follow-up visit dated before the procedure', p['pid']])
                    ws.cell(r, 4, dtext)
                    vas = v['scores']['pain_vas']
                    if k == e_vas and v['tp'] == '1m' and vas is not None:
                        vas = 11 if vas < 5 else 13
                        errors.append(['PVP-PKP登记', 'E%d' % r, r, 'VAS评分', str(vas), 'VAS %d on a 0-10 scale' % vas, p['pid']])
                        drop.add((p['pid'], 1, 'pain_vas', '1m'))
                    ws.cell(r, 5, vas if vas is not None else '未评')
                    od = v['scores']['odi']
                    ws.cell(r, 6, od if od is not None else '未评')
                    ws.cell(r, 7, '无' if v['tp'] != 'pre' else None)
                    ws.cell(r, 8, '住院' if v['tp'] in ('pre', '24h') or v['tp'] == 'pre' else rng.choice(['门诊', '门诊', '电话']))
            elif kind == 1:
                ws.cell(r, 3, '非计划随访')
                ws.cell(r, 4, F(d))
                ws.cell(r, 7, LV(obj['level']))
                ws.cell(r, 8, '门诊')
                ws.cell(r, 9, '腰背痛加重，MRI示%s新发压缩骨折' % LV(obj['level']))
            else:
                ws.cell(r, 3, '死亡')
                ws.cell(r, 4, F(d))
                ws.cell(r, 9, '家属电话告知死亡')
            r += 1
    widths = [8, 14, 14, 10, 12, 9, 14, 22, 14, 8, 16, 14, 16, 24, 8]
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[col_letter(j)].width = w
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, ids, errors, drop_scores=drop, blank_level=blank_level)


def l_vol(s):
    return s['levels'][0]['vol']


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
