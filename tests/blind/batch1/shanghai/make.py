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
# Site: Shanghai (invented unit), Simplified Chinese, CSV export (UTF-8 with
# BOM) from a hospital information system, one row per session.
# ---------------------------------------------------------------------------
SEED = 31415
N = 38
ETIO_CN = {'lung': '脊柱转移瘤（肺癌）', 'breast': '脊柱转移瘤（乳腺癌）',
           'prostate': '脊柱转移瘤（前列腺癌）', 'kidney': '脊柱转移瘤（肾癌）',
           'myeloma': '多发性骨髓瘤'}
LEAK_CN = {'disc': '椎间盘', 'venous': '椎旁静脉', 'paravertebral': '椎旁软组织', 'epidural': '椎管内',
           'foraminal': '椎间孔'}
SUR = list('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹')
GIV_F = ['秀英', '桂英', '秀兰', '玉兰', '桂兰', '凤英', '美华', '彩娣', '月珍', '惠芳', '金妹',
         '小妹', '雅琴', '丽娟']
GIV_M = ['建国', '国强', '志明', '德明', '伟', '明', '永康', '福根', '根宝', '卫东', '建华',
         '阿毛', '海生', '金龙']


def cement(rng, tech):
    return 'calcium phosphate' if tech == 'vertebroplasty' and rng.random() < 0.12 else 'PMMA'


def main(out):
    rng = np.random.default_rng(SEED)
    cfg = dict(start=dt.date(2019, 3, 4), end=dt.date(2022, 9, 30),
               etio={'osteoporotic': 0.78, 'pathologic': 0.15, 'traumatic': 0.05, 'other': 0.02},
               tech={'vertebroplasty': 0.45, 'kyphoplasty': 0.55}, cement=cement,
               tps=['pre', '24h', '1m', '3m'], tps2=['pre', '24h', '1m', '3m'],
               p_second=0.13, p_frac=0.15, p_attend=0.8, p_death=0.07, p_death_path=0.45)
    pats = gen_cohort(rng, N, cfg)
    idents = []
    hdr = ['序号', '研究编号', '住院号', '姓名', '性别', '年龄', '出生日期', '联系电话', '入院诊断',
           '入院日期', '手术日期', '出院日期', '手术次数', '手术方式', '手术节段', '骨水泥用量(ml)',
           '骨水泥类型', '骨水泥渗漏', '渗漏部位', 'VAS术前', 'VAS术后1天', 'VAS术后1月', 'VAS术后3月',
           '新发骨折', '新发骨折节段', '新发骨折日期', '转归', '死亡日期', '备注']
    C = {h: i for i, h in enumerate(hdr)}
    rows = []
    where = {}
    for p in pats:
        p['id'] = f'SH{p["i"] + 1:03d}'
        giv = GIV_F if p['sex'] == 'female' else GIV_M
        name = SUR[int(rng.integers(len(SUR)))] + giv[int(rng.integers(len(giv)))]
        phone = f'1{int(rng.choice([3, 5, 8]))}{int(rng.integers(0, 10))}{int(rng.integers(10000000, 99999999))}'
        bd = p['birth'].isoformat()
        if p['etio'] == 'osteoporotic':
            diag = '骨质疏松性椎体压缩骨折'
        elif p['etio'] == 'pathologic':
            diag = ETIO_CN[p['detail']]
        elif p['etio'] == 'traumatic':
            diag = '外伤性椎体压缩骨折'
        else:
            diag = '椎体血管瘤'
        alive_to = p['death_day'] if p['died'] else 10 ** 6
        # the new fracture is reported on the row of the last session before it
        frow = None
        if p['fractures']:
            fday = p['fractures'][0][0]
            frow = max(s['no'] for s in p['sessions'] if s['day'] < fday)
        for s in p['sessions']:
            mrn = f'{int(rng.integers(100000, 999999))}' if s['no'] == 1 or rng.random() < 0.5 else mrn
            if ['record_number', mrn] not in idents:
                idents.append(['record_number', mrn])
            row = [''] * len(hdr)
            row[C['序号']] = len(rows) + 1
            row[C['研究编号']] = p['id']
            row[C['住院号']] = mrn
            row[C['姓名']] = name
            row[C['性别']] = '女' if p['sex'] == 'female' else '男'
            row[C['年龄']] = f'{age_at(p["birth"], s["date"])}岁'
            row[C['出生日期']] = bd
            row[C['联系电话']] = phone
            row[C['入院诊断']] = diag
            row[C['入院日期']] = (s['date'] - dt.timedelta(days=int(rng.integers(1, 4)))).isoformat()
            row[C['手术日期']] = s['date'].isoformat()
            row[C['出院日期']] = (s['date'] + dt.timedelta(days=int(rng.integers(2, 6)))).isoformat()
            row[C['手术次数']] = s['no']
            row[C['手术方式']] = 'PVP' if s['tech'] == 'vertebroplasty' else 'PKP'
            row[C['手术节段']] = '、'.join(s['levels'])
            row[C['骨水泥用量(ml)']] = f'{sum(s["vols"]):.1f}'
            row[C['骨水泥类型']] = 'PMMA' if s['cement'] == 'PMMA' else '磷酸钙'
            row[C['骨水泥渗漏']] = '有' if any(s['leaks']) else '无'
            if any(s['leaks']):
                if len(s['levels']) == 1:
                    row[C['渗漏部位']] = '、'.join(LEAK_CN[x] for x in s['leaks'][0])
                else:
                    row[C['渗漏部位']] = '；'.join(l + '、'.join(LEAK_CN[x] for x in lk)
                                               for l, lk in zip(s['levels'], s['leaks']) if lk)
            for tp, h in (('pre', 'VAS术前'), ('24h', 'VAS术后1天'), ('1m', 'VAS术后1月'),
                          ('3m', 'VAS术后3月')):
                if tp in s['pain']:
                    row[C[h]] = s['pain'][tp]
                elif tp in ('1m', '3m') and s['day'] + TP_DAYS[tp] + 10 < alive_to:
                    row[C[h]] = '失访' if rng.random() < 0.6 else ''
            if frow == s['no']:
                row[C['新发骨折']] = '有'
                row[C['新发骨折节段']] = '、'.join(l for _, l in p['fractures'])
                row[C['新发骨折日期']] = (p['d1'] + dt.timedelta(days=p['fractures'][0][0])).isoformat()
            else:
                row[C['新发骨折']] = '无'
            row[C['转归']] = '死亡' if p['died'] else '存活'
            if p['died']:
                row[C['死亡日期']] = p['death_date'].isoformat()
            if s['no'] == 2:
                row[C['备注']] = '再次入院行' + row[C['手术方式']]
            elif p['etio'] == 'pathologic':
                row[C['备注']] = '术中取活检'
            where[(p['id'], s['no'])] = len(rows) + 2   # spreadsheet row (header is row 1)
            rows.append(row)
        idents += [['name', name], ['birth_date', bd], ['phone', phone]]

    # ---- planted errors (spreadsheet addresses: header = row 1) ----
    errors = []
    order = [pats[i] for i in rng.permutation(len(pats))]
    used = set()

    def pick(pred):
        for p in order:
            if p['id'] not in used and pred(p):
                used.add(p['id'])
                return p
        raise RuntimeError

    def put(pid, sno, h, value, what):
        r = where[(pid, sno)]
        rows[r - 2][C[h]] = value
        errors.append(dict(sheet='input', cell=f'{col_letter(C[h] + 1)}{r}', row=r, header=h,
                           value=value, what=what, pid=pid))

    p = pick(lambda p: len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0] in ('L3', 'L4', 'L5', 'L2'))
    put(p['id'], 1, '手术节段', 'L8', 'no L8 vertebra (impossible level)')
    p = pick(lambda p: '24h' in p['sessions'][0]['pain'])
    put(p['id'], 1, 'VAS术后1天', 15, 'VAS 15 on a 0-10 scale')
    p = pick(lambda p: len(p['sessions'][0]['levels']) == 1)
    put(p['id'], 1, '骨水泥用量(ml)', '60.0', '60 mL of cement in a single vertebra is impossible')
    p = pick(lambda p: len(p['sessions']) == 2)
    put(p['id'], 2, '研究编号', '', 'study ID missing on a row with data (second admission of this patient, same 姓名/出生日期)')
    p = pick(lambda p: p['d1'].month == 2 and p['d1'].year != 2020 and len(p['sessions']) == 1)
    put(p['id'], 1, '手术日期', f'{p["d1"].year}-02-29', f'29 February {p["d1"].year} does not exist')

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'input.csv'), 'w', newline='', encoding='utf-8-sig') as f:
        w = csv.writer(f)
        w.writerow(hdr)
        w.writerows(rows)
        w.writerow([f'合计：{len(rows)}条记录'] + [''] * (len(hdr) - 1))
    write_truth(out, pats, errors, idents, vol_mode='session')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
