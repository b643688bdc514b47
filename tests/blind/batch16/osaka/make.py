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

# ---------------------------------------------------------------- Osaka site
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, Border, Side

FW = str.maketrans('0123456789.()/', '０１２３４５６７８９．（）／')

def wareki(d, short=False):
    if d >= dt.date(2019, 5, 1):
        era, y, a = '令和', d.year - 2018, 'R'
    elif d >= dt.date(1989, 1, 8):
        era, y, a = '平成', d.year - 1988, 'H'
    elif d >= dt.date(1926, 12, 25):
        era, y, a = '昭和', d.year - 1925, 'S'
    else:
        era, y, a = '大正', d.year - 1911, 'T'
    if short:
        return '%s%d.%d.%d' % (a, y, d.month, d.day)
    return '%s%s年%d月%d日' % (era, '元' if y == 1 else str(y), d.month, d.day)


def main(out):
    rng = random.Random(1603)
    TPS = ['pre', '24h', '1m', '6m', '12m']
    pats = make_cohort(16033, 22, TPS, ['pain_vas', 'odi'], techniques=('kyphoplasty', 'kyphoplasty', 'vertebroplasty'),
                       cements=('PMMA',), start=dt.date(2018, 10, 1))
    sei = ['田中', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木', '松本', '井上', '木村', '林', '清水', '山崎',
           '森', '池田', '橋本', '阿部', '石川', '前田', '藤田', '岡田']
    kana_sei = ['タナカ', 'ヤマモト', 'ナカムラ', 'コバヤシ', 'カトウ', 'ヨシダ', 'ヤマダ', 'ササキ', 'マツモト', 'イノウエ', 'キムラ',
                'ハヤシ', 'シミズ', 'ヤマザキ', 'モリ', 'イケダ', 'ハシモト', 'アベ', 'イシカワ', 'マエダ', 'フジタ', 'オカダ']
    fm = [('和子', 'カズコ'), ('幸子', 'サチコ'), ('節子', 'セツコ'), ('弘子', 'ヒロコ'), ('久子', 'ヒサコ'), ('美代子', 'ミヨコ'), ('トシ子', 'トシコ')]
    ml = [('清', 'キヨシ'), ('茂', 'シゲル'), ('勇', 'イサム'), ('正雄', 'マサオ'), ('博', 'ヒロシ')]
    ids = []
    for i, p in enumerate(pats):
        p['pid'] = 'OCH-%03d' % (i + 1)
        g, gk = rng.choice(fm if p['sex'] == 'female' else ml)
        p['name'] = '%s %s' % (sei[i], g)
        p['kana'] = '%s %s' % (kana_sei[i], gk)
        p['karte'] = '%08d' % rng.randint(1000000, 9999999)
        p['tel'] = '06-%04d-%04d' % (rng.randint(6100, 6999), rng.randint(0, 9999))
        # Biopex (calcium phosphate) for some vertebroplasty patients
        if p['sessions'][0]['technique'] == 'vertebroplasty' and rng.random() < 0.5:
            for s in p['sessions']:
                s['cement'] = 'calcium phosphate'
        # VAS in mm
        for v in p['visits']:
            x = v['scores']['pain_vas']
            if x is not None:
                mm = max(0, min(100, x * 10 + rng.randint(-4, 4)))
                v['scores']['pain_vas'] = mm / 10
                v['mm'] = mm
        bw = wareki(p['birth']) if rng.random() < 0.7 else wareki(p['birth'], short=True)
        p['bw'] = bw
        ids += [('name', p['name']), ('name', p['kana']), ('record_number', p['karte']), ('birth_date', bw), ('phone', p['tel'])]
    LV = lambda l: ('Th' if l[0] == 'T' else 'L') + l[1:]
    LK = {'disc': '椎間板内', 'venous': '静脈内', 'paravertebral': '椎体外（傍脊柱）'}
    ET = {'osteoporotic': ['骨粗鬆症性椎体骨折', '骨粗鬆症性椎体骨折（偽関節）'], 'pathologic': ['転移性脊椎腫瘍（肺癌）', '転移性脊椎腫瘍（乳癌）', '多発性骨髄腫'],
          'traumatic': ['外傷性椎体骨折（転落）'], 'other': ['椎体血管腫']}
    TPN = {'pre': '術前', '24h': '術後翌日', '1m': '術後1ヶ月', '6m': '術後6ヶ月', '12m': '術後1年', '3m': '術後3ヶ月'}
    thin = Side(style='thin')
    B = Border(left=thin, right=thin, top=thin, bottom=thin)

    def fdate(d):
        r = rng.random()
        if r < 0.5:
            return wareki(d)
        if r < 0.75:
            return ('%d/%d/%d' % (d.year, d.month, d.day)).translate(FW)
        return '%d/%d/%d' % (d.year, d.month, d.day)

    wb = Workbook()
    ix = wb.active
    ix.title = '症例一覧'
    ix.append(['No.', '症例番号', 'シート', '初回手術日', '術式', '備考'])
    errors, drop, blank_level, blank_vol = [], set(), set(), set()
    plain = [k for k, p in enumerate(pats) if len(p['sessions']) == 1 and not p['fractures'] and p['died'] == 'no']
    e_vas, e_lvl, e_vol, e_date = plain[0], plain[3], plain[5], None
    for k in plain[7:]:
        if any(v['tp'] not in ('pre', '24h') and v['date'].month in (4, 6, 9, 11) and not v.get('missed') for v in p_visits(pats[k])):
            e_date = k
            break
    for k, p in enumerate(pats):
        sn = '%02d' % (k + 1)
        ws = wb.create_sheet(sn)
        ix.append([k + 1, p['pid'], sn, wareki(p['d0']), 'BKP' if p['sessions'][0]['technique'] == 'kyphoplasty' else 'VP',
                   '2回手術' if len(p['sessions']) > 1 else ('死亡' if p['died'] == 'yes' else None)])
        ws['A1'] = '経皮的椎体形成術（BKP/VP） 症例記録票'
        ws['A1'].font = Font(bold=True, size=14)
        ws.merge_cells('A1:G1')
        card = [('症例番号', p['pid'], 'カルテ番号', p['karte']),
                ('氏名', p['name'], 'フリガナ', p['kana']),
                ('生年月日', p['bw'], '手術時年齢', ('%d歳' % p['age']) if k % 3 else ('%d歳' % p['age']).translate(FW)),
                ('性別', '女' if p['sex'] == 'female' else '男', '電話番号', p['tel']),
                ('診断', rng.choice(ET[p['etiology']]), None, None),
                ('転帰', '生存' if p['died'] == 'no' else '死亡（%s）' % wareki(p['d0'] + dt.timedelta(days=p['death_day'])), None, None)]
        r = 3
        for a, b, c, d in card:
            ws.cell(r, 1, a).font = Font(bold=True)
            ws.cell(r, 2, b)
            if c:
                ws.cell(r, 4, c).font = Font(bold=True)
                ws.cell(r, 5, d)
            else:
                ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=5)
            r += 1
        r += 1
        ws.cell(r, 1, '【手術】').font = Font(bold=True)
        r += 1
        for j, h in enumerate(['回', '手術日', '術式', '椎体', 'セメント', '注入量(mL)', 'セメント漏出'], 1):
            ws.cell(r, j, h).font = Font(bold=True)
            ws.cell(r, j).border = B
        r += 1
        for s in p['sessions']:
            r0 = r
            for li, l in enumerate(s['levels']):
                if li == 0:
                    ws.cell(r, 1, s['session'])
                    ws.cell(r, 2, fdate(s['date']))
                    ws.cell(r, 3, 'BKP' if s['technique'] == 'kyphoplasty' else 'VP')
                lv = LV(l['level'])
                if k % 4 == 1:
                    lv = lv.translate(str.maketrans('0123456789ThL', '０１２３４５６７８９ＴｈＬ'))
                if k == e_lvl and s['session'] == 1 and li == len(s['levels']) - 1:
                    lv = 'Th13' if l['level'][0] == 'T' else 'L6'
                    blank_level.add((p['pid'], 1, l['level']))
                    errors.append([sn, 'D%d' % r, r, '椎体', lv, 'impossible vertebral level ' + lv, p['pid']])
                ws.cell(r, 4, lv)
                if s['cement'] == 'PMMA':
                    ws.cell(r, 5, 'KyphX HV-R' if s['technique'] == 'kyphoplasty' else 'PMMA（オステオボンド）')
                else:
                    ws.cell(r, 5, 'バイオペックス-R')
                vol = fmtnum(l['vol'])
                if k == e_vol and s['session'] == 1 and li == 0:
                    vol = '%d' % int(l['vol'] * 10)
                    blank_vol.add((p['pid'], 1, l['level']))
                    errors.append([sn, 'F%d' % r, r, '注入量(mL)', vol, 'cement volume %s mL in one vertebra (> 20 mL; decimal point lost)' % vol, p['pid']])
                    ws.cell(r, 6, int(vol))
                elif k % 2:
                    ws.cell(r, 6, vol.translate(FW))
                else:
                    ws.cell(r, 6, float(vol))
                ws.cell(r, 7, 'なし' if l['leak'] == 'none' else '、'.join(LK[x] for x in l['leak'].split(';')))
                for j in range(1, 8):
                    ws.cell(r, j).border = B
                r += 1
            if r - r0 > 1:
                for j in (1, 2, 3):
                    ws.merge_cells(start_row=r0, start_column=j, end_row=r - 1, end_column=j)
                    ws.cell(r0, j).alignment = Alignment(vertical='center')
        r += 1
        ws.cell(r, 1, '【経過】').font = Font(bold=True)
        r += 1
        for j, h in enumerate(['時期', '評価日', 'VAS(mm)', 'ODI(%)', '備考'], 1):
            ws.cell(r, j, h).font = Font(bold=True)
            ws.cell(r, j).border = B
        r += 1
        for v in p['visits']:
            name = TPN[v['tp']]
            if v['session'] == 2:
                name = '2回目' + name
            ws.cell(r, 1, name)
            dtext = fdate(v['date'])
            if k == e_date and e_date is not None and v['tp'] not in ('pre', '24h') and v['date'].month in (4, 6, 9, 11) \
                    and not v.get('missed') and not any(e[-1] == p['pid'] for e in errors):
                dtext = wareki(v['date']).replace('月%d日' % v['date'].day, '月31日')
                errors.append([sn, 'B%d' % r, r, '評価日', dtext, 'impossible date (day 31 in a 30-day month)', p['pid']])
            if v.get('missed'):
                ws.cell(r, 2, '－')
                ws.cell(r, 3, '－'); ws.cell(r, 4, '－'); ws.cell(r, 5, '未来院')
            else:
                ws.cell(r, 2, dtext)
                mm = v.get('mm')
                if k == e_vas and v['tp'] == '6m' and mm is not None:
                    mm = 150 if mm < 50 else 180
                    errors.append([sn, 'C%d' % r, r, 'VAS(mm)', str(mm), 'VAS %d mm on a 0-100 mm scale' % mm, p['pid']])
                    drop.add((p['pid'], 1, 'pain_vas', '6m'))
                ws.cell(r, 3, mm if mm is not None else '未測定')
                od = v['scores']['odi']
                ws.cell(r, 4, od if od is not None else '未')
                if v['tp'] == '24h':
                    ws.cell(r, 5, '離床可' if rng.random() < 0.6 else None)
            for j in range(1, 6):
                ws.cell(r, j).border = B
            r += 1
        if p['fractures']:
            r += 1
            ws.cell(r, 1, '【新規椎体骨折】').font = Font(bold=True)
            r += 1
            for j, h in enumerate(['診断日', '椎体', '対応'], 1):
                ws.cell(r, j, h).font = Font(bold=True)
            r += 1
            for f in p['fractures']:
                ws.cell(r, 1, fdate(p['d0'] + dt.timedelta(days=f['day'])))
                ws.cell(r, 2, LV(f['level']))
                treated = any(s['session'] == 2 and s['levels'][0]['level'] == f['level'] for s in p['sessions'])
                ws.cell(r, 3, '2回目手術施行' if treated else '保存療法（コルセット）')
                r += 1
        for col, w in zip('ABCDEFG', [16, 20, 10, 14, 22, 12, 18]):
            ws.column_dimensions[col].width = w
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, ids, errors, drop_scores=drop, blank_level=blank_level, blank_vol=blank_vol)


def p_visits(p):
    return p['visits']


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
