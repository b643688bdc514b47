# ---- common cohort core (copied into each site's make.py) ----
import random, datetime as dt, csv, os, sys

SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_WIN = {'24h': (1, 1), '1w': (6, 9), '2w': (13, 16), '6w': (40, 46), '1m': (27, 34),
          '3m': (85, 98), '6m': (172, 192), '12m': (352, 378), '24m': (715, 745)}


def age_at(bd, d):
    return d.year - bd.year - ((d.month, d.day) < (bd.month, bd.day))


def make_cohort(seed, n, tps, measures=('pain_vas', 'odi'), start=dt.date(2021, 3, 1),
                end=dt.date(2023, 3, 31), p_kypho=0.4, cements=('PMMA',), n_sess2=3,
                n_extra_frac=1, n_dead=2, p_missing=0.12, s2_tps=('pre', '1m'),
                p_female=0.72, etio_w=(0.72, 0.16, 0.08, 0.04), no_sess2=()):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        p = {'i': i}
        p['sex'] = 'female' if R.random() < p_female else 'male'
        p['etiology'] = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], etio_w)[0]
        d0 = start + dt.timedelta(days=R.randint(0, (end - start).days))
        tgt = R.randint(55, 90) if p['etiology'] != 'traumatic' else R.randint(45, 80)
        bd = dt.date(d0.year - tgt, R.randint(1, 12), R.randint(1, 28))
        p['birth'] = bd
        p['d0'] = d0
        p['age'] = age_at(bd, d0)
        nl = R.choices([1, 2, 3], [0.68, 0.22, 0.10])[0]
        if p['etiology'] == 'pathologic':
            first = R.randint(SPINE.index('T5'), SPINE.index('L3'))
        else:
            first = R.choice([SPINE.index(x) for x in ['T7', 'T8', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12', 'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']])
        first = min(first, len(SPINE) - nl)
        idxs = [first]
        for k in range(1, nl):
            step = 1 if R.random() < 0.75 else 2
            nxt = idxs[-1] + step
            if nxt >= len(SPINE):
                nxt = min(idxs) - 1
            idxs.append(nxt)
        idxs = sorted(set(idxs))
        tech = 'kyphoplasty' if R.random() < p_kypho else 'vertebroplasty'
        cem = R.choice(cements)
        p['sessions'] = [make_session(R, 1, 0, d0, [SPINE[j] for j in idxs], tech, cem)]
        p['fractures'] = []
        # scores, session 1
        p['visits'] = {}   # (session, tp) -> day
        p['scores'] = {}   # (session, measure, tp) -> value
        vas0 = R.randint(6, 10)
        odi0 = R.randint(24, 42) * 2
        mob0 = R.randint(2, 4)
        for tp in tps:
            if tp == 'pre':
                day = -R.randint(0, 2)
            else:
                a, b = TP_WIN[tp]
                day = R.randint(a, b)
            p['visits'][(1, tp)] = day
            fill_scores(R, p, 1, tp, measures, vas0, odi0, mob0)
        pats.append(p)
    # session 2 / new fractures
    cand = [p for p in pats if p['i'] not in no_sess2 and len(tps) >= 4]
    R.shuffle(cand)
    late = [tp for tp in tps if tp in ('3m', '6m')]
    s2 = cand[:n_sess2]
    for p in s2:
        tp = R.choice(late)
        fday = p['visits'][(1, tp)]
        lvl = new_level(R, p)
        p['fractures'].append((fday, lvl))
        s2day = fday + R.randint(6, 20)
        s1 = p['sessions'][0]
        p['sessions'].append(make_session(R, 2, s2day, p['d0'] + dt.timedelta(days=s2day), [lvl],
                                          s1['technique'], s1['cement_type']))
        vas0 = R.randint(6, 9)
        odi0 = R.randint(26, 40) * 2
        mob0 = R.randint(2, 4)
        for tp2 in s2_tps:
            if tp2 == 'pre':
                d = s2day - R.randint(0, 1)
            else:
                a, b = TP_WIN[tp2]
                d = s2day + R.randint(a, b)
            p['visits'][(2, tp2)] = d
            fill_scores(R, p, 2, tp2, measures, vas0, odi0, mob0)
    rest = [p for p in cand[n_sess2:]]
    for p in rest[:n_extra_frac]:
        tp = [t for t in tps if t in ('6m', '12m', '3m')][-1]
        fday = p['visits'][(1, tp)]
        p['fractures'].append((fday, new_level(R, p)))
    used = set(p['i'] for p in s2 + rest[:n_extra_frac])
    # deaths: prefer pathologic
    dc = [p for p in pats if p['i'] not in used and p['i'] not in no_sess2]
    dc.sort(key=lambda p: (p['etiology'] != 'pathologic', R.random()))
    for p in pats:
        p['died'] = 'no'
        p['death_day'] = None
    for p in dc[:n_dead]:
        post = [tp for tp in tps if tp not in ('pre', '24h', '1w')]
        k = R.randint(1, len(post) - 1)
        keep = post[:k]
        lastday = p['visits'][(1, keep[-1])]
        nxt = p['visits'][(1, post[k])]
        p['death_day'] = R.randint(lastday + 5, nxt - 3)
        for tp in post[k:]:
            drop_visit(p, 1, tp)
        p['died'] = 'yes'
    # random missing visits (never 'pre', never session-2)
    for p in pats:
        for tp in tps:
            if tp == 'pre' or (1, tp) not in p['visits']:
                continue
            if any(f[0] == p['visits'][(1, tp)] for f in p['fractures']):
                continue
            if R.random() < p_missing:
                drop_visit(p, 1, tp)
    for p in pats:  # consistency of the model
        for (s, tp), d in p['visits'].items():
            sd = p['sessions'][s - 1]['day']
            assert (d > sd) if tp != 'pre' else (d <= sd), (p['i'], s, tp)
            if p['death_day'] is not None:
                assert d < p['death_day']
        for fd, l in p['fractures']:
            assert fd > 0
    return pats


def drop_visit(p, s, tp):
    p['visits'].pop((s, tp), None)
    for k in list(p['scores']):
        if k[0] == s and k[2] == tp:
            del p['scores'][k]


def fill_scores(R, p, s, tp, measures, vas0, odi0, mob0):
    frac = {'pre': 0, '24h': 0.45, '1w': 0.5, '2w': 0.55, '6w': 0.6, '1m': 0.6, '3m': 0.65,
            '6m': 0.68, '12m': 0.7, '24m': 0.7}[tp]
    for m in measures:
        if m == 'pain_vas':
            v = max(0, min(10, round(vas0 * (1 - frac) + R.choice([-1, 0, 0, 1]))))
        elif m == 'pain_vas_mm':
            v = max(0, min(100, round(vas0 * 10 * (1 - frac) + R.randint(-8, 8))))
        elif m == 'odi':
            v = max(0, min(100, 2 * round((odi0 * (1 - frac * 0.8) + R.randint(-6, 6)) / 2)))
        elif m == 'mobility':
            v = max(0, min(4, round(mob0 * (1 - frac) + R.choice([0, 0, 1]))))
        p['scores'][(s, m, tp)] = v


def new_level(R, p):
    used = set(v['level'] for s in p['sessions'] for v in s['vertebrae'])
    used |= set(f[1] for f in p['fractures'])
    idx = sorted(SPINE.index(x) for x in used)
    opts = [j for j in (idx[0] - 1, idx[-1] + 1, idx[-1] + 2) if 0 <= j < len(SPINE) and SPINE[j] not in used]
    return SPINE[R.choice(opts)]


def make_session(R, s, day, date, levels, tech, cem):
    vs = []
    for l in levels:
        lo, hi = (2.0, 4.5) if l.startswith('T') else (3.0, 6.5)
        if tech == 'kyphoplasty':
            lo, hi = lo + 0.5, hi + 1.0
        vol = round(R.uniform(lo, hi) * 2) / 2
        r = R.random()
        if r < 0.72:
            lk = []
        elif r < 0.95:
            lk = [R.choices(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], [5, 5, 3, 1, 1])[0]]
        else:
            lk = ['disc', 'venous']
        vs.append({'level': l, 'vol': vol, 'leak': lk})
    return {'session': s, 'day': day, 'date': date, 'technique': tech, 'cement_type': cem, 'vertebrae': vs}


def sess_total(s):
    return round(sum(v['vol'] for v in s['vertebrae']), 1)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x == int(x):
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, errors, idents, per_vertebra=True, vas_div=1, day_override=None,
                skip_scores=()):
    """pats: model; errors: list of dicts; idents: list of (kind,value)."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    day_override = day_override or {}
    write_csv(os.path.join(td, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            day = day_override.get((p['pid'], s['session']), s['day'])
            pv = per_vertebra if not callable(per_vertebra) else per_vertebra(p, s)
            for v in s['vertebrae']:
                rows.append([p['pid'], s['session'], day, v['level'], s['technique'],
                             fmtnum(v['vol']) if pv else '',
                             '' if pv else fmtnum(sess_total(s)), s['cement_type'],
                             ';'.join(v['leak']) if v['leak'] else 'none'])
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    rows = []
    for p in pats:
        for (s, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], order.index(kv[0][2]), kv[0][1])):
            if (p['pid'], s, tp) in skip_scores:
                continue
            mm = 'pain_vas' if m == 'pain_vas_mm' else m
            val = v / 10 if m == 'pain_vas_mm' else v
            rows.append([p['pid'], s, mm, tp, fmtnum(float(val)) if isinstance(val, float) else val])
    write_csv(os.path.join(td, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['pid'], d, l] for p in pats for d, l in p['fractures']])
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set()
    ir = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ir.append([k, v])
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], ir)
# ---- end common core ----

# ---- site: sendai (Japanese prefectural hospital, one sheet per patient = case cards) ----
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter

FW = str.maketrans('0123456789.LT/-', '０１２３４５６７８９．ＬＴ／－')


def fw(s):
    return str(s).translate(FW)


def era_parts(d):
    if d >= dt.date(2019, 5, 1):
        return 'R', '令和', d.year - 2018
    if d >= dt.date(1989, 1, 8):
        return 'H', '平成', d.year - 1988
    if d >= dt.date(1926, 12, 25):
        return 'S', '昭和', d.year - 1925
    return 'T', '大正', d.year - 1911


def era_short(d):
    a, _, y = era_parts(d)
    return '%s%d.%d.%d' % (a, y, d.month, d.day)


def era_long(d):
    _, k, y = era_parts(d)
    return '%s%s年%d月%d日' % (k, '元' if y == 1 else y, d.month, d.day)


def lvl_jp(l, R):
    r = R.random()
    n = int(l[1:])
    if l.startswith('T'):
        if r < 0.12:
            return '第%d胸椎' % n
        s = 'Th%d' % n
    else:
        if r < 0.12:
            return '第%d腰椎' % n
        s = 'L%d' % n
    if r > 0.85:
        return fw(s)
    return s


def main(outdir):
    R = random.Random(1701)
    N = 24
    pats = make_cohort(17011, N, ['pre', '1w', '1m', '3m', '6m'], measures=('pain_vas_mm', 'odi'),
                       start=dt.date(2021, 4, 1), end=dt.date(2023, 5, 31), p_kypho=0.7,
                       n_sess2=3, n_extra_frac=1, n_dead=2, no_sess2=(1, 4, 8, 12, 15, 19, 21))
    surn = ['佐藤', '鈴木', '高橋', '阿部', '菅原', '千葉', '伊藤', '渡辺', '佐々木', '斎藤', '及川', '遠藤',
            '小野寺', '今野', '加藤', '三浦', '熊谷', '大内', '丹野', '庄司', '早坂', '八木', '門脇', '星']
    surk = ['サトウ', 'スズキ', 'タカハシ', 'アベ', 'スガワラ', 'チバ', 'イトウ', 'ワタナベ', 'ササキ', 'サイトウ',
            'オイカワ', 'エンドウ', 'オノデラ', 'コンノ', 'カトウ', 'ミウラ', 'クマガイ', 'オオウチ', 'タンノ',
            'ショウジ', 'ハヤサカ', 'ヤギ', 'カドワキ', 'ホシ']
    fem = [('花子', 'ハナコ'), ('幸子', 'サチコ'), ('和子', 'カズコ'), ('節子', 'セツコ'), ('キヨ', 'キヨ'),
           ('トシ子', 'トシコ'), ('美智子', 'ミチコ'), ('良子', 'ヨシコ'), ('ハル', 'ハル'), ('京子', 'キョウコ'),
           ('恵子', 'ケイコ'), ('洋子', 'ヨウコ'), ('文子', 'フミコ'), ('静江', 'シズエ'), ('久子', 'ヒサコ'),
           ('信子', 'ノブコ'), ('富子', 'トミコ'), ('千代', 'チヨ'), ('貞子', 'サダコ'), ('房子', 'フサコ')]
    mal = [('清', 'キヨシ'), ('茂', 'シゲル'), ('勝', 'マサル'), ('博', 'ヒロシ'), ('正雄', 'マサオ'),
           ('三郎', 'サブロウ'), ('武', 'タケシ'), ('昭', 'アキラ'), ('実', 'ミノル'), ('進', 'ススム')]
    R.shuffle(fem)
    R.shuffle(mal)
    idents = []
    for k, p in enumerate(pats):
        p['pid'] = 'SD%03d' % (k + 1)
        g, gk = (fem if p['sex'] == 'female' else mal)[k % 10 if p['sex'] == 'male' else k % 20]
        p['name'] = surn[k] + '\u3000' + g
        p['kana'] = surk[k] + '\u3000' + gk
        p['mrn'] = '%08d' % R.randint(1000000, 9999999)
        p['tel'] = R.choice(['022', '0229', '0224', '022']) + '-%d-%04d' % (R.randint(200, 399), R.randint(0, 9999))
        if len(p['tel'].split('-')[0]) == 4:
            p['tel'] = p['tel'].split('-')[0] + '-%02d-%04d' % (R.randint(20, 99), R.randint(0, 9999))
        for s in p['sessions']:
            if s['session'] == 1:
                if s['technique'] == 'kyphoplasty':
                    s['cement_type'] = 'PMMA'
                    s['brand'] = 'KyphOn HV-R'
                else:
                    if R.random() < 0.4:
                        s['cement_type'] = 'calcium phosphate'
                        s['brand'] = 'バイオペックスR'
                    else:
                        s['cement_type'] = 'PMMA'
                        s['brand'] = R.choice(['オステオボンド', 'Osteo-G'])
            else:
                s['cement_type'] = p['sessions'][0]['cement_type']
                s['brand'] = p['sessions'][0]['brand']
    # ---- planted errors (choose among no_sess2 patients without fracture/death) ----
    clean = [p for p in pats if p['i'] in (1, 4, 8, 12, 15, 19, 21) and not p['fractures'] and p['died'] == 'no']
    err = {}
    e_lvl = clean[0]
    e_vas = [p for p in clean[1:] if (1, 'pain_vas_mm', '1m') in p['scores']][0]
    rest = [p for p in clean if p not in (e_lvl, e_vas)]
    e_date = [p for p in rest if (1, '3m') in p['visits']][0]
    rest.remove(e_date)
    e_vol = rest[0]
    e_pre = [p for p in rest[1:] if (1, '1w') in p['visits']][0]
    e_lvl['sessions'][0]['vertebrae'][-1]['level'] = 'L6' if e_lvl['sessions'][0]['vertebrae'][-1]['level'].startswith('L') else 'T13'
    e_vas['scores'][(1, 'pain_vas_mm', '1m')] = 120
    e_vol['sessions'][0]['vertebrae'][0]['vol'] = 28.0
    errors = []

    wb = openpyxl.Workbook()
    ix = wb.active
    ix.title = '一覧'
    ix['A1'] = '椎体形成術（BKP/VP）症例登録　整形外科　※個人情報につき院外持ち出し禁止'
    ix.append([])
    ix.append(['No.', '症例番号', '氏名', 'カルテ番号', '初回手術日', 'シート', '備考'])
    thin = Side(style='thin')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    hdr = PatternFill('solid', fgColor='DDEBF7')
    tp_lab = {'pre': '術前', '1w': '術後1週', '1m': '術後1ヶ月', '3m': '術後3ヶ月', '6m': '術後6ヶ月'}
    for k, p in enumerate(pats):
        sname = '%s %s' % (p['pid'], p['name'].split('\u3000')[0])
        p['sheet'] = sname
        note = ''
        if p['died'] == 'yes':
            note = '死亡'
        ix.append([k + 1, p['pid'], p['name'], p['mrn'], p['d0'], sname, note])
        ix.cell(row=ix.max_row, column=5).number_format = 'yyyy/m/d'
        ws = wb.create_sheet(sname)
        ws.column_dimensions['A'].width = 14
        for c in 'BCDEFGH':
            ws.column_dimensions[c].width = 14
        ws['A1'] = '椎体形成術　症例カード'
        ws['A1'].font = Font(size=14, bold=True)
        ws.merge_cells('A1:H1')
        ws['A3'] = '症例番号'; ws['B3'] = p['pid']; ws['C3'] = 'カルテ番号'; ws['D3'] = p['mrn']
        ws['A4'] = '氏名'; ws['B4'] = p['name']; ws['C4'] = 'フリガナ'; ws['D4'] = p['kana']
        ws['A5'] = '生年月日'
        ws['B5'] = era_long(p['birth']) if R.random() < 0.7 else era_short(p['birth'])
        ws['C5'] = '手術時年齢'
        ws['D5'] = '%d歳' % p['age'] if R.random() < 0.8 else fw(p['age']) + '歳'
        ws['E5'] = '性別'; ws['F5'] = '女' if p['sex'] == 'female' else '男'
        ws['A6'] = '電話'; ws['B6'] = p['tel']
        ws['A7'] = '診断'
        if p['etiology'] == 'osteoporotic':
            dx = R.choice(['骨粗鬆症性椎体骨折', '骨粗鬆症性椎体骨折', '骨粗鬆症性椎体骨折（偽関節）'])
        elif p['etiology'] == 'pathologic':
            dx = R.choice(['転移性脊椎腫瘍（肺癌）', '転移性脊椎腫瘍（乳癌）', '多発性骨髄腫', '転移性脊椎腫瘍（前立腺癌）'])
        elif p['etiology'] == 'traumatic':
            dx = '外傷性椎体骨折（転落）'
        else:
            dx = 'その他'
        ws['B7'] = dx
        ws.merge_cells('B7:E7')
        idents += [('name', p['name']), ('name_kana', p['kana']), ('record_number', p['mrn']),
                   ('birth_date', ws['B5'].value), ('phone', p['tel'])]
        for r in range(3, 8):
            for c in (1, 3, 5):
                if ws.cell(row=r, column=c).value:
                    ws.cell(row=r, column=c).fill = hdr
        ws['A9'] = '【手術記録】'
        ws['A9'].font = Font(bold=True)
        H = ['回', '手術日', '椎体', '術式', '骨セメント', '注入量(mL)', '漏出', '備考']
        for c, h in enumerate(H, 1):
            ws.cell(row=10, column=c, value=h).fill = hdr
        r = 11
        for s in p['sessions']:
            r0 = r
            tech = {'kyphoplasty': R.choice(['BKP', 'BKP', 'バルーン椎体形成術']),
                    'vertebroplasty': R.choice(['VP', '経皮的椎体形成術'])}[s['technique']]
            for v in s['vertebrae']:
                lv = lvl_jp(v['level'], R) if v['level'] not in ('L6', 'T13') else v['level']
                ws.cell(row=r, column=3, value=lv)
                if v['level'] in ('L6', 'T13'):
                    errors.append(dict(sheet=sname, cell='C%d' % r, row=r, header='椎体', value=lv,
                                       what='impossible vertebral level (no %s)' % v['level'], pid=p['pid']))
                ws.cell(row=r, column=4, value=tech)
                ws.cell(row=r, column=5, value=s['brand'])
                vol = v['vol']
                if R.random() < 0.12:
                    ws.cell(row=r, column=6, value=fw(fmtnum(vol)) + 'ｍｌ')
                else:
                    ws.cell(row=r, column=6, value=vol)
                if vol > 20:
                    errors.append(dict(sheet=sname, cell='F%d' % r, row=r, header='注入量(mL)', value=fmtnum(vol),
                                       what='cement volume %s mL in one vertebra is implausible (>20 mL)' % fmtnum(vol), pid=p['pid']))
                lkmap = {'disc': '椎間板', 'venous': '静脈', 'paravertebral': '傍脊椎', 'epidural': '脊柱管内',
                         'foraminal': '椎間孔'}
                ws.cell(row=r, column=7, value='・'.join(lkmap[x] for x in v['leak']) if v['leak'] else R.choice(['なし', 'なし', '－']))
                r += 1
            ws.cell(row=r0, column=1, value='%d回目' % s['session'])
            c = ws.cell(row=r0, column=2, value=s['date'])
            c.number_format = R.choice(['yyyy/m/d', '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"'])
            if r - r0 > 1:
                ws.merge_cells(start_row=r0, end_row=r - 1, start_column=1, end_column=1)
                ws.merge_cells(start_row=r0, end_row=r - 1, start_column=2, end_column=2)
                ws.cell(row=r0, column=1).alignment = Alignment(vertical='center')
                ws.cell(row=r0, column=2).alignment = Alignment(vertical='center')
            if s['session'] == 2:
                ws.cell(row=r0, column=8, value='新規骨折に対し追加手術')
        r += 1
        ws.cell(row=r, column=1, value='【評価】').font = Font(bold=True)
        r += 1
        for c, h in enumerate(['時期', '日付', 'VAS(mm)', 'ODI(%)', '備考'], 1):
            ws.cell(row=r, column=c, value=h).fill = hdr
        r += 1
        rows = [(1, tp) for tp in ['pre', '1w', '1m', '3m', '6m']]
        if len(p['sessions']) > 1:
            rows += [(2, 'pre'), (2, '1m')]
        dead_marked = False
        for s, tp in rows:
            lab = tp_lab[tp] if s == 1 else ('2回目' + tp_lab[tp])
            ws.cell(row=r, column=1, value=lab)
            if (s, tp) in p['visits']:
                d = p['d0'] + dt.timedelta(days=p['visits'][(s, tp)])
                st = R.random()
                if p is e_date and (s, tp) == (1, '3m'):
                    y, m = d.year, d.month
                    if m == 2:
                        txt = '%s年2月30日' % era_long(d)[:era_long(d).index('年')]
                    elif m in (4, 6, 9, 11):
                        txt = '%s年%d月31日' % (era_long(d)[:era_long(d).index('年')], m)
                    else:
                        m2 = m + 1 if m + 1 in (4, 6, 9, 11) else (m - 1 if m - 1 in (4, 6, 9, 11) else 2)
                        txt = '%s年%d月31日' % (era_long(d)[:era_long(d).index('年')], m2) if m2 != 2 else '%s年2月30日' % era_long(d)[:era_long(d).index('年')]
                    ws.cell(row=r, column=2, value=txt)
                    errors.append(dict(sheet=sname, cell='B%d' % r, row=r, header='日付', value=txt,
                                       what='impossible calendar date', pid=p['pid']))
                elif p is e_pre and (s, tp) == (1, '1w'):
                    a, k2, y = era_parts(d)
                    txt = '%s%d.%d.%d' % (a, y - 1, d.month, d.day)
                    ws.cell(row=r, column=2, value=txt)
                    errors.append(dict(sheet=sname, cell='B%d' % r, row=r, header='日付', value=txt,
                                       what='1-week follow-up dated a year before the procedure (era year typo)', pid=p['pid']))
                elif st < 0.35:
                    ws.cell(row=r, column=2, value=era_short(d) if R.random() < 0.8 else fw(era_short(d)))
                elif st < 0.6:
                    ws.cell(row=r, column=2, value=era_long(d))
                else:
                    c = ws.cell(row=r, column=2, value=d)
                    c.number_format = 'yyyy/m/d'
                for col, m in ((3, 'pain_vas_mm'), (4, 'odi')):
                    v = p['scores'].get((s, m, tp))
                    if v is None:
                        ws.cell(row=r, column=col, value='－')
                    else:
                        ws.cell(row=r, column=col, value=v if R.random() > 0.1 else fw(v))
                        if m == 'pain_vas_mm' and v > 100:
                            errors.append(dict(sheet=sname, cell='C%d' % r, row=r, header='VAS(mm)', value=str(v),
                                               what='VAS %d mm beyond the 0-100 mm scale' % v, pid=p['pid']))
            else:
                if p['died'] == 'yes' and s == 1 and tp not in ('pre', '1w') and p['death_day'] < TP_WIN[tp][0]:
                    ws.cell(row=r, column=5, value='死亡のため評価なし' if not dead_marked else '')
                    dead_marked = True
                    ws.cell(row=r, column=2, value='－')
                else:
                    ws.cell(row=r, column=2, value=R.choice(['未来院', '未来院', '－', '電話のみ']))
            r += 1
        r += 1
        ws.cell(row=r, column=1, value='【経過】').font = Font(bold=True)
        r += 1
        notes = []
        for fday, lvl in p['fractures']:
            fd = p['d0'] + dt.timedelta(days=fday)
            l2 = lvl_jp(lvl, R)
            if len(p['sessions']) > 1:
                notes.append('%s 外来で腰背部痛増悪、MRIにて%s新規椎体骨折あり → %s %s追加' % (
                    era_short(fd), l2, era_short(p['sessions'][1]['date']),
                    'BKP' if p['sessions'][1]['technique'] == 'kyphoplasty' else 'VP'))
            else:
                notes.append('%s 定期受診時のXpで%s新規骨折を認める。保存的加療（コルセット）' % (era_short(fd), l2))
        if p['died'] == 'yes':
            dd = p['d0'] + dt.timedelta(days=p['death_day'])
            notes.append('%s 死亡（%s）' % (era_long(dd), '原病の進行' if p['etiology'] == 'pathologic' else '肺炎'))
        if not notes:
            notes.append(R.choice(['特記事項なし', '経過良好', '', 'コルセット3ヶ月装着', 'テリパラチド開始']))
        for t in notes:
            if t:
                ws.cell(row=r, column=1, value=t)
                ws.merge_cells(start_row=r, end_row=r, start_column=1, end_column=8)
                r += 1
        if R.random() < 0.3:
            ws['D3'].comment = Comment('旧カルテ番号あり（紙カルテ）', '病棟クラーク')
    for row in ix.iter_rows(min_row=3, max_row=ix.max_row, max_col=7):
        for c in row:
            c.border = bd
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1])
