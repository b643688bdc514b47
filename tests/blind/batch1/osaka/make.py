# ---------------------------------------------------------------------------
# Common cohort generator (the same block is pasted into every site script so
# that each make.py stays self-contained).
# ---------------------------------------------------------------------------
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = [f'C{i}' for i in range(1, 8)] + [f'T{i}' for i in range(1, 13)] + \
         [f'L{i}' for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
TP_GAIN = {'24h': 0.6, '1w': 0.75, '2w': 0.8, '6w': 0.9, '1m': 0.9, '3m': 0.95,
           '6m': 1.0, '12m': 1.0, '24m': 1.0}
CENTRES = ['T12', 'L1', 'L1', 'T12', 'L2', 'T11', 'L3', 'T10', 'L4', 'T8', 'T9',
           'T7', 'L2', 'T12', 'L1', 'T6', 'L5', 'T5']
LEAK_ORDER = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']
LEAK_P = {'disc': 0.38, 'venous': 0.3, 'paravertebral': 0.2, 'epidural': 0.07,
          'foraminal': 0.05}


def lidx(l):
    return LEVELS.index(l)


def choose(rng, d):
    keys = list(d)
    p = np.array([d[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def pick_levels(rng, k, avoid=()):
    for _ in range(2000):
        c = lidx(CENTRES[int(rng.integers(len(CENTRES)))])
        if k == 2 and rng.random() < 0.2 and c + 2 <= lidx('L5'):
            cand = [LEVELS[c], LEVELS[c + 2]]
        else:
            s = c - int(rng.integers(0, k))
            cand = LEVELS[s:s + k]
        if len(cand) == k and all(lidx('T4') <= lidx(l) <= lidx('L5') for l in cand) \
                and not set(cand) & set(avoid):
            return cand
    raise RuntimeError('no levels')


def weekday(d):
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def rand_date(rng, start, end):
    return weekday(start + dt.timedelta(days=int(rng.integers(0, (end - start).days))))


def age_at(birth, d):
    return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))


def birth_for(rng, d, age):
    b = d - dt.timedelta(days=int(365.25 * age + rng.integers(5, 355)))
    while age_at(b, d) > age:
        b += dt.timedelta(days=20)
    while age_at(b, d) < age:
        b -= dt.timedelta(days=20)
    return b


def pain_course(rng, tps):
    pre = int(rng.choice([5, 6, 7, 7, 8, 8, 8, 9, 9, 10]))
    f = rng.uniform(0.35, 0.9) if rng.random() < 0.85 else rng.uniform(0.0, 0.3)
    out = {}
    for tp in tps:
        if tp == 'pre':
            out[tp] = pre
        else:
            v = pre * (1 - f * TP_GAIN[tp]) + rng.normal(0, 0.8)
            out[tp] = int(np.clip(round(v), 0, 10))
    return out, f


def make_session(rng, no, date, day, lv, tech, cfg, tps):
    step = cfg.get('vol_step', 0.5)
    vols = []
    for l in lv:
        lo, hi = (2.5, 6.5) if tech == 'kyphoplasty' else (1.5, 5.5)
        if l.startswith('T') and int(l[1:]) < 10:
            lo, hi = lo - 0.5, hi - 1.5
        v = round(round(rng.uniform(lo, hi) / step) * step, 1)
        vols.append(v)
    cem = cfg['cement'](rng, tech) if callable(cfg.get('cement')) else None
    leaks = []
    for l in lv:
        if rng.random() < (0.3 if tech == 'vertebroplasty' else 0.12):
            s = {choose(rng, LEAK_P)}
            if rng.random() < 0.15:
                s.add(choose(rng, LEAK_P))
            leaks.append([x for x in LEAK_ORDER if x in s])
        else:
            leaks.append([])
    pain, f = pain_course(rng, tps)
    for tp in list(pain):
        if tp == 'pre':
            if rng.random() < 0.03:
                del pain[tp]
        elif rng.random() > cfg.get('p_attend', 0.85):
            del pain[tp]
    odi = {}
    for tp in cfg.get('odi_tps', []) if no == 1 else []:
        if tp == 'pre':
            odi[tp] = int(rng.integers(20, 43)) * 2
        else:
            odi[tp] = int(np.clip(round(odi['pre'] * (1 - 0.8 * f * TP_GAIN[tp]) / 2
                                        + rng.normal(0, 2)) * 2, 0, 100))
    for tp in list(odi):
        if tp != 'pre' and tp not in pain and rng.random() < 0.7:
            del odi[tp]
    return dict(no=no, date=date, day=day, levels=lv, tech=tech, vols=vols,
                cement=cem, leaks=leaks, pain=pain, odi=odi)


def gen_cohort(rng, n, cfg):
    pats = []
    for i in range(n):
        etio = choose(rng, cfg['etio'])
        if etio == 'osteoporotic':
            age, pf = int(rng.integers(61, 94)), 0.78
        elif etio == 'pathologic':
            age, pf = int(rng.integers(44, 87)), 0.45
        elif etio == 'traumatic':
            age, pf = int(rng.integers(33, 81)), 0.4
        else:
            age, pf = int(rng.integers(45, 80)), 0.6
        sex = 'female' if rng.random() < pf else 'male'
        detail = None
        if etio == 'pathologic':
            opts = ['lung', 'myeloma', 'kidney', 'breast' if sex == 'female' else 'prostate',
                    'breast' if sex == 'female' else 'prostate', 'myeloma']
            detail = opts[int(rng.integers(len(opts)))]
        d1 = rand_date(rng, cfg['start'], cfg['end'])
        k = int(choose(rng, cfg.get('k_p', {1: 0.62, 2: 0.28, 3: 0.10})))
        lv = pick_levels(rng, k)
        tech = choose(rng, cfg['tech'])
        sessions = [make_session(rng, 1, d1, 0, lv, tech, cfg, cfg['tps'])]
        died = rng.random() < (cfg.get('p_death_path', 0.35) if etio == 'pathologic'
                               else cfg.get('p_death', 0.07))
        death_day = int(rng.integers(40, 520)) if died else None
        if rng.random() < cfg.get('p_second', 0.13):
            gap = int(rng.integers(*cfg.get('gap', (14, 120))))
            d2 = weekday(d1 + dt.timedelta(days=gap))
            if death_day is None or (d2 - d1).days < death_day - 15:
                lv2 = pick_levels(rng, 1 if rng.random() < 0.8 else 2, avoid=lv)
                t2 = tech if rng.random() < 0.8 else choose(rng, cfg['tech'])
                sessions.append(make_session(rng, 2, d2, (d2 - d1).days, lv2, t2, cfg,
                                             cfg['tps2']))
        treated = [l for s in sessions for l in s['levels']]
        fr = []
        if rng.random() < cfg.get('p_frac', 0.15):
            fday = int(rng.integers(20, 420))
            fdate = weekday(d1 + dt.timedelta(days=fday))
            fday = (fdate - d1).days
            if death_day is None or fday < death_day - 5:
                fl = pick_levels(rng, 1 if rng.random() < 0.8 else 2, avoid=treated)
                fr = [(fday, l) for l in fl]
        if death_day is not None:
            for s in sessions:
                for m in ('pain', 'odi'):
                    s[m] = {tp: v for tp, v in s[m].items()
                            if s['day'] + TP_DAYS[tp] + 10 < death_day}
        birth = birth_for(rng, d1, age)
        pats.append(dict(i=i, etio=etio, detail=detail, age=age, sex=sex, birth=birth,
                         died=died, death_day=death_day,
                         death_date=(d1 + dt.timedelta(days=death_day)) if died else None,
                         sessions=sessions, fractures=fr, d1=d1))
    return pats


def visit_date(rng, s, tp):
    if tp == 'pre':
        return s['date'] - dt.timedelta(days=int(rng.integers(0, 3)))
    if tp == '24h':
        return s['date'] + dt.timedelta(days=1)
    jit = {'1w': 2, '2w': 3, '6w': 5, '1m': 6, '3m': 10, '6m': 14, '12m': 21, '24m': 30}[tp]
    return s['date'] + dt.timedelta(days=TP_DAYS[tp] + int(rng.integers(-jit, jit + 1)))


def fnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        return ('%.2f' % x).rstrip('0').rstrip('.')
    return str(x)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([fnum(x) for x in r])


def write_truth(out, pats, errors, idents, vol_mode='per_level', has_sex=True,
                has_age=True, has_etio=True, has_died=True, has_tech=True,
                has_cement=True, has_leak=True, has_vol=True):
    """vol_mode: 'per_level' (workbook gives each vertebra's volume) or
    'session' (one total per session: multi-level sessions go to
    session_cement_volume_ml, single-level sessions to cement_volume_ml)."""
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    write_csv(os.path.join(t, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['id'], p['sex'] if has_sex else '', p['age'] if has_age else '',
                p['etio'] if has_etio else '',
                ('yes' if p['died'] else 'no') if has_died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for j, l in enumerate(s['levels']):
                v, sv = '', ''
                if has_vol:
                    if vol_mode == 'per_level' or len(s['levels']) == 1:
                        v = s['vols'][j] if vol_mode == 'per_level' else round(sum(s['vols']), 1)
                    else:
                        sv = round(sum(s['vols']), 1)
                lk = ''
                if has_leak:
                    lk = ';'.join(s['leaks'][j]) if s['leaks'][j] else 'none'
                rows.append([p['id'], s['no'], s['day'], l, s['tech'] if has_tech else '',
                             v, sv, (s['cement'] or '') if has_cement else '', lk])
    write_csv(os.path.join(t, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for m, key in (('pain_vas', 'pain'), ('odi', 'odi'), ('mobility', 'mobility')):
                for tp, v in s.get(key, {}).items():
                    rows.append([p['id'], s['no'], m, tp, v])
    write_csv(os.path.join(t, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['id'], d, l] for p in pats for d, l in p['fractures']])
    write_csv(os.path.join(t, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']]
               for e in errors])
    write_csv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], idents)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------


def find_row(ws, id_col, pid, first_row, nth=0, pred=None):
    """Row number of the nth worksheet row whose id column equals pid."""
    k = 0
    for r in range(first_row, ws.max_row + 1):
        if ws.cell(r, id_col).value == pid and (pred is None or pred(r)):
            if k == nth:
                return r
            k += 1
    raise KeyError(pid)


def header_col(ws, header_row, text):
    for c in range(1, ws.max_column + 1):
        if ws.cell(header_row, c).value == text:
            return c
    raise KeyError(text)


def plant(ws, errors, sheet, r, c, header, value, what, pid):
    ws.cell(r, c).value = value
    errors.append(dict(sheet=sheet, cell=f'{col_letter(c)}{r}', row=r, header=header,
                       value=value, what=what, pid=pid))
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Site: Osaka (invented unit), Japanese, long layout over several sheets.
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment

SEED = 20240611
N = 32
FW = str.maketrans('0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZ',
                   '０１２３４５６７８９．ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ')
REIWA0 = dt.date(2019, 5, 1)


def era(d):
    if d >= REIWA0:
        return 'R', '令和', d.year - 2018
    if d >= dt.date(1989, 1, 8):
        return 'H', '平成', d.year - 1988
    if d >= dt.date(1926, 12, 25):
        return 'S', '昭和', d.year - 1925
    return 'T', '大正', d.year - 1911


def wareki_short(d):
    a, _, y = era(d)
    return f'{a}{y}.{d.month}.{d.day}'


def wareki_kanji(d):
    _, k, y = era(d)
    ys = '元' if y == 1 else str(y)
    return f'{k}{ys}年{d.month}月{d.day}日'


def put_date(ws, r, c, d, rng, styles=('cell', 'cell', 'short', 'kanji', 'slash')):
    st = styles[int(rng.integers(len(styles)))]
    cell = ws.cell(r, c)
    if st == 'cell':
        cell.value = dt.datetime(d.year, d.month, d.day)
        cell.number_format = 'yyyy/mm/dd'
    elif st == 'short':
        cell.value = wareki_short(d)
    elif st == 'kanji':
        cell.value = wareki_kanji(d)
    else:
        cell.value = f'{d.year}/{d.month:02d}/{d.day:02d}'


FAM = ['山田', '田中', '佐藤', '鈴木', '高橋', '伊藤', '渡辺', '中村', '小林', '加藤', '吉田',
       '山本', '松本', '井上', '木村', '林', '清水', '山口', '森', '池田', '橋本', '石川',
       '前田', '藤田', '岡本', '後藤', '長谷川', '村上', '近藤', '坂本', '遠藤', '青木']
GIV_F = ['花子', '和子', '幸子', '節子', '久美子', '洋子', '恵子', '良子', '千代', 'ミツ',
         '静江', '文子', '春江', '美智子', '昌子', 'トシ子']
GIV_M = ['一郎', '茂', '清', '博', '勇', '進', '実', '正雄', '弘', '武', '昭二', '隆']
ETIO_JA = {'lung': '転移性脊椎腫瘍（肺癌）', 'breast': '転移性脊椎腫瘍（乳癌）',
           'prostate': '転移性脊椎腫瘍（前立腺癌）', 'kidney': '転移性脊椎腫瘍（腎癌）',
           'myeloma': '多発性骨髄腫'}
LEAK_JA = {'disc': '椎間板', 'venous': '静脈', 'paravertebral': '傍椎体', 'epidural': '硬膜外',
           'foraminal': '椎間孔'}
TECH_JA = {'kyphoplasty': 'BKP', 'vertebroplasty': 'VP'}


def cement(rng, tech):
    if tech == 'kyphoplasty':
        return 'PMMA'
    return 'PMMA' if rng.random() < 0.5 else 'calcium phosphate'


def main(out):
    rng = np.random.default_rng(SEED)
    cfg = dict(start=dt.date(2018, 9, 1), end=dt.date(2022, 2, 28),
               etio={'osteoporotic': 0.74, 'pathologic': 0.18, 'traumatic': 0.05, 'other': 0.03},
               tech={'kyphoplasty': 0.7, 'vertebroplasty': 0.3}, cement=cement,
               tps=['pre', '1w', '1m', '6m', '12m'], tps2=['pre', '1w', '1m'],
               p_second=0.14, p_frac=0.18, p_attend=0.82, p_death=0.09, p_death_path=0.5)
    pats = gen_cohort(rng, N, cfg)
    idents = []
    for p in pats:
        p['id'] = f'KS-{p["i"] + 1:03d}'
        for s in p['sessions']:
            if '12m' in s['pain']:
                mm = int(np.clip(s['pain']['12m'] * 10 + rng.integers(-4, 5), 0, 100))
                s['mm12'] = mm
                s['pain']['12m'] = mm / 10
    wb = openpyxl.Workbook()
    bold = Font(bold=True)
    head_fill = PatternFill('solid', fgColor='DDEBF7')

    # ---- 患者 ----
    ws = wb.active
    ws.title = '患者'
    ws['A1'] = '北摂中央病院 脊椎センター　経皮的椎体形成術（BKP／VP）症例登録'
    ws['A1'].font = Font(bold=True, size=13)
    ws.merge_cells('A1:J1')
    ws['A2'] = '※個人情報を含むため院外持ち出し禁止。年齢は初回施行時。'
    hdr = ['症例番号', 'カルテ番号', '氏名', '生年月日', '性別', '年齢', '原因疾患', '死亡', '死亡日', '備考']
    for c, h in enumerate(hdr, 1):
        ws.cell(3, c, h).font = bold
        ws.cell(3, c).fill = head_fill
    for k, p in enumerate(pats):
        r = 4 + k
        fam = FAM[int(rng.integers(len(FAM)))]
        giv = (GIV_F if p['sex'] == 'female' else GIV_M)
        name = f'{fam}　{giv[int(rng.integers(len(giv)))]}'
        mrn = f'{int(rng.integers(1000000, 9999999))}'
        bd = wareki_short(p['birth']) if rng.random() < 0.6 else wareki_kanji(p['birth'])
        idents += [['name', name], ['record_number', mrn], ['birth_date', bd]]
        ws.cell(r, 1, p['id'])
        ws.cell(r, 2, mrn)
        ws.cell(r, 3, name)
        ws.cell(r, 4, bd)
        ws.cell(r, 5, '女' if p['sex'] == 'female' else '男')
        ws.cell(r, 6, p['age'] if rng.random() < 0.8 else f'{p["age"]}歳')
        if p['etio'] == 'osteoporotic':
            e = '骨粗鬆症性椎体骨折' if rng.random() < 0.6 else '骨粗鬆症'
        elif p['etio'] == 'pathologic':
            e = ETIO_JA[p['detail']]
        elif p['etio'] == 'traumatic':
            e = '外傷（転落）' if rng.random() < 0.5 else '外傷（交通事故）'
        else:
            e = '椎体血管腫'
        ws.cell(r, 7, e)
        ws.cell(r, 8, '有' if p['died'] else '無')
        if p['died']:
            put_date(ws, r, 9, p['death_date'], rng)
        note = ''
        if p['etio'] == 'osteoporotic' and rng.random() < 0.3:
            note = ['テリパラチド導入', 'デノスマブ導入済', 'ロモソズマブ開始', 'ビスホス継続'][int(rng.integers(4))]
        ws.cell(r, 10, note or None)
    for c, w in zip('ABCDEFGHIJ', [10, 11, 14, 14, 6, 7, 26, 6, 13, 18]):
        ws.column_dimensions[c].width = w

    # ---- 施行 ----
    wp = wb.create_sheet('施行')
    hdr = ['症例番号', '施行回', '施行日', '椎体', '術式', 'セメント量(ml)', 'セメント', '漏出', '漏出部位', '備考']
    for c, h in enumerate(hdr, 1):
        wp.cell(1, c, h).font = bold
        wp.cell(1, c).fill = head_fill
    r = 2
    for p in pats:
        for s in p['sessions']:
            for j, l in enumerate(s['levels']):
                wp.cell(r, 1, p['id'])
                wp.cell(r, 2, s['no'])
                if j > 0 and rng.random() < 0.45:
                    wp.cell(r, 3, '〃')
                else:
                    put_date(wp, r, 3, s['date'], rng)
                wp.cell(r, 4, l.translate(FW) if rng.random() < 0.15 else l)
                wp.cell(r, 5, TECH_JA[s['tech']])
                v = s['vols'][j]
                u = rng.random()
                if u < 0.15:
                    wp.cell(r, 6, fnum(v).translate(FW))
                elif u < 0.25:
                    wp.cell(r, 6, f'{fnum(v)}ml')
                else:
                    wp.cell(r, 6, v)
                wp.cell(r, 7, 'HV-R' if s['tech'] == 'kyphoplasty' else
                        ('PMMA' if s['cement'] == 'PMMA' else 'バイオペックス'))
                lk = s['leaks'][j]
                wp.cell(r, 8, '＋' if lk else '－')
                wp.cell(r, 9, '・'.join(LEAK_JA[x] for x in lk) or None)
                if s['no'] == 2 and j == 0:
                    wp.cell(r, 10, '疼痛残存のため追加施行')
                r += 1
    for c, w in zip('ABCDEFGHIJ', [10, 7, 16, 6, 6, 13, 13, 5, 14, 30]):
        wp.column_dimensions[c].width = w

    # ---- visit sheets ----
    layouts = [
        ('術前', 'pre', ['症例番号', '施行回', '評価日', 'VAS']),
        ('術後1週', '1w', ['評価日', '症例番号', '施行回', 'VAS']),
        ('1ヶ月', '1m', ['症例番号', 'VAS', '施行回', '評価日']),
        ('6ヶ月', '6m', ['施行回', '症例番号', '評価日', 'VAS', '備考']),
        ('12ヶ月', '12m', ['症例番号', '施行回', '評価日', 'VAS(mm)', '備考']),
    ]
    vsheets = {}
    for name, tp, cols in layouts:
        wv = wb.create_sheet(name)
        vsheets[tp] = wv
        for c, h in enumerate(cols, 1):
            wv.cell(1, c, h).font = bold
            wv.cell(1, c).fill = head_fill
        recs = []
        for p in pats:
            for s in p['sessions']:
                if tp not in (cfg['tps'] if s['no'] == 1 else cfg['tps2']):
                    continue
                if tp in s['pain']:
                    recs.append((p, s, True))
                elif not (p['died'] and s['day'] + TP_DAYS[tp] + 10 >= p['death_day']) \
                        and rng.random() < 0.4:
                    recs.append((p, s, False))
        if tp == '6m':   # entered in order of visit
            recs.sort(key=lambda x: x[1]['date'])
        for k, (p, s, has) in enumerate(recs):
            r = 2 + k
            for c, h in enumerate(cols, 1):
                if h == '症例番号':
                    wv.cell(r, c, p['id'])
                elif h == '施行回':
                    wv.cell(r, c, s['no'])
                elif h == '評価日':
                    if has:
                        put_date(wv, r, c, visit_date(rng, s, tp), rng,
                                 styles=('cell', 'cell', 'cell', 'short', 'slash'))
                elif h == 'VAS':
                    if has:
                        v = s['pain'][tp]
                        wv.cell(r, c, str(v).translate(FW) if rng.random() < 0.1 else v)
                    else:
                        wv.cell(r, c, '来院なし' if rng.random() < 0.6 else '－')
                elif h == 'VAS(mm)':
                    wv.cell(r, c, s['mm12'] if has else '来院なし')
                elif h == '備考':
                    if not has:
                        wv.cell(r, c, '電話で確認、来院困難')
        for c in range(1, len(cols) + 1):
            wv.column_dimensions[col_letter(c)].width = 12

    # ---- 新規骨折 ----
    wf = wb.create_sheet('新規骨折')
    hdr = ['症例番号', '診断日', '椎体', '診断', '治療']
    for c, h in enumerate(hdr, 1):
        wf.cell(1, c, h).font = bold
        wf.cell(1, c).fill = head_fill
    r = 2
    for p in pats:
        for d, l in p['fractures']:
            wf.cell(r, 1, p['id'])
            put_date(wf, r, 2, p['d1'] + dt.timedelta(days=d), rng)
            wf.cell(r, 3, l.translate(FW) if rng.random() < 0.2 else l)
            wf.cell(r, 4, 'MRI' if rng.random() < 0.7 else 'X線')
            wf.cell(r, 5, '保存的（コルセット）')
            r += 1

    # ---- 凡例 ----
    wl = wb.create_sheet('凡例')
    for k, (a, b) in enumerate([
            ('術式', 'BKP＝バルーン椎体形成術（kyphoplasty）、VP＝経皮的椎体形成術（vertebroplasty）'),
            ('セメント', 'HV-R＝KyphOn HV-R（PMMA）、PMMA＝PMMA骨セメント、バイオペックス＝リン酸カルシウム骨ペースト'),
            ('漏出', '＋＝あり、－＝なし（術後CTで判定）'),
            ('VAS', '0-10（12ヶ月のみ100mmスケールで記録）'),
            ('施行回', '1＝初回、2＝追加施行'),
            ('〃', '上に同じ'),
            ('日付', '和暦（R＝令和、H＝平成、S＝昭和）・西暦混在')]):
        wl.cell(k + 1, 1, a).font = bold
        wl.cell(k + 1, 2, b)
    wl.column_dimensions['A'].width = 10
    wl.column_dimensions['B'].width = 90

    # ---- planted errors ----
    errors = []
    cand = [p for p in pats if len(p['sessions']) == 1]
    cand = [cand[i] for i in rng.permutation(len(cand))]
    used = set()

    def pick(pred):
        for p in cand:
            if p['id'] not in used and pred(p):
                used.add(p['id'])
                return p
        raise RuntimeError

    # 1 impossible level
    p = pick(lambda p: len(p['sessions'][0]['levels']) >= 1)
    rr = find_row(wp, 1, p['id'], 2)
    plant(wp, errors, '施行', rr, 4, '椎体', 'L7', 'no L7 vertebra exists (impossible level)', p['id'])
    # 2 cement volume 35 mL in one vertebra
    p = pick(lambda p: p['sessions'][0]['tech'] == 'vertebroplasty')
    rr = find_row(wp, 1, p['id'], 2)
    plant(wp, errors, '施行', rr, 6, 'セメント量(ml)', 35,
          '35 mL of cement in a single vertebra is impossible', p['id'])
    # 3 impossible date (30 February or 31st of a 30-day month)
    p = pick(lambda p: p['d1'].month in (2, 4, 6, 9, 11) and len(p['sessions'][0]['levels']) == 1)
    d = p['d1']
    bad = f'{era(d)[0]}{era(d)[2]}.{d.month}.{30 if d.month == 2 else 31}'
    rr = find_row(wp, 1, p['id'], 2)
    plant(wp, errors, '施行', rr, 3, '施行日', bad, 'date does not exist', p['id'])
    # 4 VAS 12 on the 0-10 scale at 1 week
    wv = vsheets['1w']
    p = pick(lambda p: '1w' in p['sessions'][0]['pain'])
    rr = find_row(wv, 2, p['id'], 2)
    plant(wv, errors, '術後1週', rr, 4, 'VAS', 12, 'VAS 12 on a 0-10 scale', p['id'])
    # 5 1-month visit dated a year before the procedure
    wv = vsheets['1m']
    p = pick(lambda p: '1m' in p['sessions'][0]['pain'])
    rr = find_row(wv, 1, p['id'], 2)
    vd = visit_date(rng, p['sessions'][0], '1m')
    vd = vd.replace(year=vd.year - 1)
    c = wv.cell(rr, 4)
    c.value = dt.datetime(vd.year, vd.month, vd.day)
    c.number_format = 'yyyy/mm/dd'
    errors.append(dict(sheet='1ヶ月', cell=f'D{rr}', row=rr, header='評価日',
                       value=vd.strftime('%Y/%m/%d'),
                       what='1-month visit dated before the procedure date', pid=p['id']))

    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents, vol_mode='per_level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
