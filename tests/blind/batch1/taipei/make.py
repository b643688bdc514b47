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
# Site: Taipei (invented unit), Traditional Chinese, one row per treated
# vertebra, patient- and session-level cells merged vertically, ROC dates.
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side

SEED = 110412
N = 24
ETIO_TW = {'lung': '轉移性腫瘤（肺癌）', 'breast': '轉移性腫瘤（乳癌）',
           'prostate': '轉移性腫瘤（攝護腺癌）', 'kidney': '轉移性腫瘤（腎細胞癌）',
           'myeloma': '多發性骨髓瘤'}
LEAK_TW = {'disc': '椎間盤', 'venous': '靜脈', 'paravertebral': '椎旁軟組織', 'epidural': '硬膜外',
           'foraminal': '椎間孔'}
SUR = list('陳林黃張李王吳劉蔡楊許鄭謝郭洪邱曾廖賴周')
GIV_F = ['淑芬', '美玲', '秀英', '麗華', '金蓮', '玉梅', '秋月', '阿嬌', '春花', '月娥', '碧霞',
         '素珍', '玉蘭', '寶珠', '淑惠', '麗珠']
GIV_M = ['志明', '建國', '文雄', '俊傑', '明輝', '正雄', '添丁', '清水', '榮華', '金發', '國華',
         '永福', '振興', '家豪']


def roc(d, rng, styles=('slash', 'slash', 'slash', 'kanji', 'num')):
    st = styles[int(rng.integers(len(styles)))]
    y = d.year - 1911
    if st == 'slash':
        return f'{y}/{d.month:02d}/{d.day:02d}'
    if st == 'kanji':
        return f'民國{y}年{d.month}月{d.day}日'
    return f'{y}{d.month:02d}{d.day:02d}'


def cement(rng, tech):
    return 'PMMA'


def main(out):
    rng = np.random.default_rng(SEED)
    cfg = dict(start=dt.date(2019, 1, 7), end=dt.date(2022, 3, 31),
               etio={'osteoporotic': 0.72, 'pathologic': 0.2, 'traumatic': 0.08},
               tech={'vertebroplasty': 0.6, 'kyphoplasty': 0.4}, cement=cement,
               tps=['pre', '24h', '1m', '3m'], tps2=['pre', '24h', '1m'],
               p_second=0.18, p_frac=0.2, p_attend=0.82, p_death=0.08, p_death_path=0.5)
    pats = gen_cohort(rng, N, cfg)
    idents = []
    for p in pats:
        p['id'] = f'TP{p["i"] + 1:03d}'
        for s in p['sessions']:
            s['brand'] = 'KyphOn HV-R' if s['tech'] == 'kyphoplasty' else \
                ('Osteopal V' if rng.random() < 0.5 else 'Vertecem V+')
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '椎體成形術登錄'
    thin = Side(style='thin', color='999999')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = '神經外科 經皮椎體成形術／氣球椎體後凸成形術 病例登錄（民國108年～111年）'
    ws['A1'].font = Font(bold=True, size=14)
    ws.merge_cells('A1:X1')
    hdr = ['研究編號', '病歷號碼', '姓名', '出生日期', '性別', '年齡', '診斷', '次別', '手術日期',
           '術式', '節位', '骨水泥量', '骨水泥', '骨水泥滲漏', '滲漏位置', 'VAS術前', 'VAS術後1天',
           'VAS術後1個月', 'VAS術後3個月', '新發骨折', '新骨折節位', '新骨折診斷日', '死亡', '備註']
    C = {h: i + 1 for i, h in enumerate(hdr)}
    H = 2
    for h, c in C.items():
        cell = ws.cell(H, c, h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill('solid', fgColor='E2EFDA')
        cell.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
        cell.border = box
    PAT_COLS = ['研究編號', '病歷號碼', '姓名', '出生日期', '性別', '年齡', '診斷', '新發骨折',
                '新骨折節位', '新骨折診斷日', '死亡', '備註']
    SES_COLS = ['次別', '手術日期', '術式', 'VAS術前', 'VAS術後1天', 'VAS術後1個月', 'VAS術後3個月']
    r = H + 1
    first_row = {}
    for p in pats:
        pr0 = r
        first_row[p['id']] = r
        giv = GIV_F if p['sex'] == 'female' else GIV_M
        name = SUR[int(rng.integers(len(SUR)))] + giv[int(rng.integers(len(giv)))]
        mrn = f'{int(rng.integers(10000000, 99999999))}'
        bd = roc(p['birth'], rng, styles=('slash',))
        idents += [['name', name], ['record_number', mrn], ['birth_date', bd]]
        pv = {'研究編號': p['id'], '病歷號碼': mrn, '姓名': name, '出生日期': bd,
              '性別': '女' if p['sex'] == 'female' else '男', '年齡': p['age']}
        if p['etio'] == 'osteoporotic':
            pv['診斷'] = '骨質疏鬆性壓迫性骨折'
        elif p['etio'] == 'pathologic':
            pv['診斷'] = ETIO_TW[p['detail']]
        else:
            pv['診斷'] = '外傷性壓迫性骨折'
        pv['新發骨折'] = '是' if p['fractures'] else '否'
        if p['fractures']:
            pv['新骨折節位'] = '、'.join(l for _, l in p['fractures'])
            pv['新骨折診斷日'] = roc(p['d1'] + dt.timedelta(days=p['fractures'][0][0]), rng,
                                 styles=('slash',))
        pv['死亡'] = '是' if p['died'] else '否'
        if p['died']:
            pv['備註'] = f'{roc(p["death_date"], rng, styles=("slash",))} 病逝'
        elif p['etio'] == 'pathologic':
            pv['備註'] = '腫瘤科追蹤'
        for s in p['sessions']:
            sr0 = r
            sv = {'次別': f'第{s["no"]}次', '手術日期': roc(s['date'], rng),
                  '術式': 'VP' if s['tech'] == 'vertebroplasty' else 'KP'}
            alive_to = p['death_day'] if p['died'] else 10 ** 6
            for tp, h in (('pre', 'VAS術前'), ('24h', 'VAS術後1天'), ('1m', 'VAS術後1個月'),
                          ('3m', 'VAS術後3個月')):
                if tp in s['pain']:
                    sv[h] = s['pain'][tp]
                elif tp in (cfg['tps'] if s['no'] == 1 else cfg['tps2']) and tp != 'pre' \
                        and s['day'] + TP_DAYS[tp] + 10 < alive_to:
                    sv[h] = '未回診' if rng.random() < 0.7 else '—'
            for j, l in enumerate(s['levels']):
                ws.cell(r, C['節位'], l)
                ws.cell(r, C['骨水泥量'], f'{fnum(s["vols"][j])}cc')
                ws.cell(r, C['骨水泥'], s['brand'])
                lk = s['leaks'][j]
                ws.cell(r, C['骨水泥滲漏'], '是' if lk else '否')
                ws.cell(r, C['滲漏位置'], '、'.join(LEAK_TW[x] for x in lk) or None)
                if j == 0:
                    for h in SES_COLS:
                        if h in sv:
                            ws.cell(r, C[h], sv[h])
                r += 1
            if r - sr0 > 1:
                for h in SES_COLS:
                    ws.merge_cells(start_row=sr0, start_column=C[h], end_row=r - 1, end_column=C[h])
        for h in PAT_COLS:
            if h in pv:
                ws.cell(pr0, C[h], pv[h])
            if r - pr0 > 1:
                ws.merge_cells(start_row=pr0, start_column=C[h], end_row=r - 1, end_column=C[h])
    last = r - 1
    for rr in range(H + 1, last + 1):
        for c in range(1, len(hdr) + 1):
            ws.cell(rr, c).border = box
            ws.cell(rr, c).alignment = Alignment(vertical='center', horizontal='center')
    ws.cell(last + 2, 1, '註：')
    ws.cell(last + 3, 1, '1. 日期均為民國紀年。VAS 0-10 分。未回診＝病人未返診。')
    ws.cell(last + 4, 1, '2. 骨水泥 Osteopal V、Vertecem V+、KyphOn HV-R 均為 PMMA。VP＝椎體成形術，KP＝氣球椎體後凸成形術。')
    ws.cell(last + 5, 1, '3. 第2次＝同一病人另一節位再次手術。')
    widths = {'研究編號': 9, '病歷號碼': 11, '姓名': 8, '出生日期': 10, '性別': 5, '年齡': 5, '診斷': 22,
              '次別': 7, '手術日期': 16, '術式': 5, '節位': 5, '骨水泥量': 8, '骨水泥': 12,
              '骨水泥滲漏': 6, '滲漏位置': 14, '新骨折節位': 10, '新骨折診斷日': 11, '備註': 16}
    for h, c in C.items():
        ws.column_dimensions[col_letter(c)].width = widths.get(h, 8)
    ws.freeze_panes = 'D3'

    # ---- planted errors ----
    errors = []
    order = [pats[i] for i in rng.permutation(len(pats))]
    used = set()

    def pick(pred):
        for p in order:
            if p['id'] not in used and pred(p):
                used.add(p['id'])
                return p
        raise RuntimeError

    p = pick(lambda p: len(p['sessions'][0]['levels']) >= 2)
    rr = first_row[p['id']] + 1
    plant(ws, errors, ws.title, rr, C['骨水泥量'], '骨水泥量', '45cc',
          '45 cc of cement in one vertebra is impossible', p['id'])
    p = pick(lambda p: p['d1'].month in (1, 2, 3) and len(p['sessions']) == 1)
    rr = first_row[p['id']]
    bad = f'{p["d1"].year - 1911}/02/30'
    plant(ws, errors, ws.title, rr, C['手術日期'], '手術日期', bad, '30 February does not exist', p['id'])
    p = pick(lambda p: True)
    rr = first_row[p['id']]
    plant(ws, errors, ws.title, rr, C['年齡'], '年齡', 201, 'age 201 is impossible', p['id'])
    p = pick(lambda p: '1m' in p['sessions'][0]['pain'])
    rr = first_row[p['id']]
    plant(ws, errors, ws.title, rr, C['VAS術後1個月'], 'VAS術後1個月', 11, 'VAS 11 on a 0-10 scale', p['id'])

    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents, vol_mode='per_level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
