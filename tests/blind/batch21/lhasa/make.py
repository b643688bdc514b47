# ---- shared cohort generator (copied into each make.py) ----
import random, datetime as dt, csv, os, sys

OFFS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
        '6m': 182, '12m': 365, '24m': 730}
JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 10,
       '6m': 14, '12m': 21, '24m': 30}
ORDER = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]


def lvl_add(l, k):
    i = ORDER.index(l) + k
    return ORDER[i] if 0 <= i < len(ORDER) else None


def gen_cohort(seed, n, pid_fn, start, tps, measures, names, rec_fn, phone_fn,
               kypho_p=0.3, cements=(('PMMA', 'PMMA'),), tps2=('pre', '1m', '3m'),
               miss_p=0.1, vol_step=0.5):
    rng = random.Random(seed)
    idx = list(range(n))
    rng.shuffle(idx)
    s2 = set(idx[:3])                 # second session after a new fracture
    frx_only = set(idx[3:5])          # new fracture, not treated
    died = set(idx[5:8][:2 + (seed % 2)])   # 2 or 3 deaths
    multi = set(idx[8:8 + int(round(n * 0.3)) - 1]) | {idx[0]}
    pats = []
    used_names = set()
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        etio = ('osteoporotic' if r < 0.7 else 'pathologic' if r < 0.85
                else 'traumatic' if r < 0.95 else 'other')
        age = {'osteoporotic': rng.randint(61, 91), 'pathologic': rng.randint(44, 82),
               'traumatic': rng.randint(28, 72), 'other': rng.randint(50, 85)}[etio]
        d0 = start + dt.timedelta(days=rng.randint(0, 520) + i)
        # birth date such that age at d0 is exactly `age`
        by = d0.year - age - 1
        while True:
            b = dt.date(by, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
            a = d0.year - b.year - ((d0.month, d0.day) < (b.month, b.day))
            if a == age:
                break
            by += 1 if a > age else -1
        while True:
            nm = names(rng, sex)
            if nm not in used_names:
                used_names.add(nm)
                break
        P = dict(i=i, pid=pid_fn(i), sex=sex, age=age, etio=etio, died=i in died,
                 birth=b, name=nm, rec=rec_fn(rng, i), phone=phone_fn(rng, i), d0=d0,
                 sessions=[], scores={}, fractures=[], death_day=None, notes=[])

        def mk_session(s, day, first_level=None):
            tech = 'kyphoplasty' if rng.random() < kypho_p else 'vertebroplasty'
            if first_level is None:
                first_level = rng.choice(['T7', 'T8', 'T9', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12',
                                          'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4'])
            k = 1
            if s == 1 and i in multi:
                k = rng.choice([2, 2, 3])
            lv = [first_level]
            while len(lv) < k:
                nx = lvl_add(lv[-1], 1)
                if nx is None:
                    break
                lv.append(nx)
            cem = rng.choice(cements) if tech == 'vertebroplasty' else cements[0]
            L = []
            for l in lv:
                lo, hi = (2.0, 5.0) if l.startswith('T') and int(l[1:]) < 11 else (2.5, 6.0)
                if tech == 'kyphoplasty':
                    lo, hi = lo + 1, hi + 1.5
                v = round(rng.uniform(lo, hi) / vol_step) * vol_step
                v = round(v, 1)
                rr = rng.random()
                leak = [] if rr < 0.72 else [rng.choice(['disc', 'venous', 'paravertebral'])] if rr < 0.95 \
                    else ['disc', 'venous']
                L.append(dict(level=l, vol=v, leak=leak))
            return dict(s=s, day=day, date=d0 + dt.timedelta(days=day), tech=tech,
                        cement=cem[0], cement_w=cem[1], levels=L, total=round(sum(x['vol'] for x in L), 1))

        P['sessions'].append(mk_session(1, 0))
        lv1 = [x['level'] for x in P['sessions'][0]['levels']]
        pre = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(28, 42),
               'mobility': rng.randint(2, 4)}

        def traj(tp, base):
            f = {'pre': 1, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4, '3m': 0.33,
                 '6m': 0.3, '12m': 0.28, '24m': 0.28}[tp]
            out = {}
            for m in measures:
                if m == 'pain_vas':
                    out[m] = max(0, min(10, int(round(base[m] * f + rng.uniform(-1.2, 1.2)))))
                    if tp == 'pre':
                        out[m] = base[m]
                elif m == 'odi':
                    out[m] = base[m] if tp == 'pre' else max(0, min(100, 2 * int(round(base[m] * (f + 0.15) / 2 + rng.uniform(-3, 3)))))
                elif m == 'mobility':
                    out[m] = base[m] if tp == 'pre' else max(0, min(4, int(round(base[m] * (f + 0.1) + rng.uniform(-0.6, 0.6)))))
            return out

        last_day = 0
        cut = None
        if i in s2:
            fday = rng.randint(OFFS['3m'] + 25, 300)
            cut = fday
            fl = lvl_add(lv1[0], -1) if rng.random() < 0.6 else lvl_add(lv1[-1], 1)
            fl = fl or lvl_add(lv1[0], -1)
            P['fractures'].append((fday, fl))
        elif i in frx_only:
            fday = rng.randint(OFFS['3m'] + 5, 330)
            fl = lvl_add(lv1[-1], 1) or lvl_add(lv1[0], -1)
            P['fractures'].append((fday, fl))
        dcut = None
        if i in died:
            dcut = rng.choice([OFFS['3m'] + 20, OFFS['12m'] - 30]) if i not in s2 else 10 ** 6
        for tp in tps:
            day = OFFS[tp] + (rng.randint(-JIT[tp], JIT[tp]) if tp != 'pre' else 0)
            if cut is not None and day >= cut - 5:
                continue
            if dcut is not None and day >= dcut:
                continue
            missing = tp not in ('pre', '24h') and rng.random() < miss_p
            P['scores'][(1, tp)] = dict(day=day, vals=None if missing else traj(tp, pre), missing=missing)
            last_day = max(last_day, day)
        if i in s2:
            sd = cut + rng.randint(3, 12)
            P['sessions'].append(mk_session(2, sd, first_level=P['fractures'][0][1]))
            pre2 = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(26, 40),
                    'mobility': rng.randint(2, 4)}
            for tp in tps2:
                if tp not in tps:
                    continue
                day = sd + OFFS[tp] + (rng.randint(-JIT[tp], JIT[tp]) if tp != 'pre' else 0)
                P['scores'][(2, tp)] = dict(day=day, vals=traj(tp, pre2), missing=False)
                last_day = max(last_day, day)
        last_day = max([last_day] + [f[0] for f in P['fractures']])
        if i in died:
            P['death_day'] = last_day + rng.randint(20, 70)
        pats.append(P)
    return pats


def D(P, day):
    return P['d0'] + dt.timedelta(days=day)


def write_truth(out, pats, vol_mode='vertebra', extra_errors=(), ident_extra=()):
    """vol_mode: 'vertebra' or 'session' or callable(P, S)->mode"""
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)

    def w(name, hdr, rows):
        with open(os.path.join(t, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(hdr)
            for r in rows:
                cw.writerow(['' if x is None else x for x in r])

    fmt = lambda v: ('%g' % v) if isinstance(v, float) else v
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[P['pid'], P.get('t_sex', P['sex']), P.get('t_age', P['age']), P.get('t_etio', P['etio']),
        'yes' if P['died'] else 'no'] for P in pats if P['pid']])
    rows = []
    for P in pats:
        for S in P['sessions']:
            mode = vol_mode(P, S) if callable(vol_mode) else vol_mode
            for L in S['levels']:
                rows.append([P['pid'], S['s'], S.get('t_day', S['day']), L['level'], S['tech'],
                             fmt(L['vol']) if mode == 'vertebra' else None,
                             fmt(S['total']) if mode == 'session' else None,
                             S['cement'], L.get('t_leak', ';'.join(L['leak']) or 'none')])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for P in pats:
        for (s, tp), A in sorted(P['scores'].items(), key=lambda kv: (kv[0][0], OFFS[kv[0][1]])):
            if A['vals'] is None:
                continue
            for m, v in A['vals'].items():
                if v is None:
                    continue
                rows.append([P['pid'], s, m, tp, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[P['pid'], f[0] if len(f) < 3 or not f[2] else None, f[1]] for P in pats for f in P['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      list(extra_errors))
    ids = []
    for P in pats:
        for k in ('name', 'rec', 'birth', 'phone'):
            if P.get(k) is None or P.get('no_' + k):
                continue
            kind = {'name': 'name', 'rec': 'record_number', 'birth': 'birth_date', 'phone': 'phone'}[k]
            ids.append([kind, P.get('w_' + k, P[k])])
    ids += list(ident_extra)
    w('identifiers.csv', ['kind', 'value'], ids)


def colname(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end shared ----

# ---- Lhasa: paper register copied row for row ----
import openpyxl
from openpyxl.styles import Font, Alignment

TIBD = str.maketrans('0123456789', '༠༡༢༣༤༥༦༧༨༩')
def tib(x):
    return str(x).translate(TIBD)

FEM = [('卓玛', 'སྒྲོལ་མ'), ('央金', 'དབྱངས་ཅན'), ('德吉', 'བདེ་སྐྱིད'), ('拉姆', 'ལྷ་མོ'),
       ('措姆', 'མཚོ་མོ'), ('白玛', 'པདྨ'), ('曲珍', 'ཆོས་སྒྲོན'), ('仓决', 'ཚང་སྐྱིད'), ('普珍', 'ཕུར་སྒྲོན')]
MAL = [('扎西', 'བཀྲ་ཤིས'), ('旺堆', 'དབང་འདུས'), ('平措', 'ཕུན་ཚོགས'), ('索朗', 'བསོད་ནམས'),
       ('次旦', 'ཚེ་བརྟན'), ('格桑', 'སྐལ་བཟང'), ('边巴', 'སྤེན་པ'), ('多吉', 'རྡོ་རྗེ'), ('罗布', 'ནོར་བུ')]
ANY = [('次仁', 'ཚེ་རིང'), ('达瓦', 'ཟླ་བ'), ('尼玛', 'ཉི་མ'), ('普布', 'ཕུར་བུ'), ('拉巴', 'ལྷག་པ'),
       ('米玛', 'མིག་དམར'), ('巴桑', 'པ་སངས'), ('边久', 'སྤེན་རྒྱལ')]
HAN_F = ['王秀英', '李桂兰', '张玉珍', '刘淑华']
HAN_M = ['张建国', '陈志强', '杨德明']


def names(rng, sex):
    if rng.random() < 0.15:
        return rng.choice(HAN_F if sex == 'female' else HAN_M)
    a = rng.choice(ANY + (FEM[:2] if sex == 'female' else MAL[:3]))
    b = rng.choice(FEM if sex == 'female' else MAL)
    if a == b:
        b = rng.choice(ANY)
    return a[0] + b[0] + ' ' + a[1] + '་' + b[1]


def rec(rng, i):
    return str(rng.choice([2020, 2021])) + '%06d' % rng.randint(1000, 99999)


def phone(rng, i):
    return rng.choice(['139', '138', '189', '136']) + '0899' + '%04d' % rng.randint(0, 9999)


ETIO = {'osteoporotic': ['骨质疏松', '骨质疏松性', 'OVCF'], 'pathologic': ['转移瘤', '骨髓瘤', '肺癌骨转移'],
        'traumatic': ['外伤', '摔伤'], 'other': ['血管瘤']}
LEAK = {'disc': '椎间盘', 'venous': '静脉', 'paravertebral': '椎旁'}
TECH = {'vertebroplasty': 'PVP', 'kyphoplasty': 'PKP'}


def main(out):
    pats = gen_cohort(2104, 24, lambda i: '', dt.date(2020, 9, 1), ['pre', '24h', '1m', '3m', '12m'],
                      ['pain_vas', 'odi'], names, rec, phone, kypho_p=0.35,
                      cements=(('PMMA', 'Mendec Spine'), ('PMMA', '天津合成 PMMA'), ('PMMA', 'Osteopal V'),
                               ('calcium phosphate', '磷酸钙骨水泥')),
                      tps2=('pre', '24h', '1m', '3m'), miss_p=0.12)
    pats.sort(key=lambda P: P['d0'])
    for P in pats:
        P['no_birth'] = True
    for k, P in enumerate(pats):
        P['pid'] = 'XZ-PVP-%03d' % (k + 1)
    rng = random.Random(77)
    # ODI only pre/3m/12m in this register
    for P in pats:
        for (s, tp), A in P['scores'].items():
            if A['vals'] and tp not in ('pre', '3m', '12m'):
                A['vals'].pop('odi', None)
    tibrows = set(P['pid'] for P in rng.sample(pats, 6))
    tibdate = set(list(tibrows)[:2])
    # --- planted errors: choose plain patients (single session, no fracture, not died) ---
    plain = [P for P in pats if len(P['sessions']) == 1 and not P['fractures'] and not P['died']
             and len(P['sessions'][0]['levels']) == 1]
    e_lvl, e_vas, e_date, e_vol = plain[1], plain[4], plain[6], plain[9]
    e_lvl['sessions'][0]['levels'][0]['level'] = 'T13'
    vas_tp = '1m' if (1, '1m') in e_vas['scores'] and e_vas['scores'][(1, '1m')]['vals'] else '3m'
    e_vas['scores'][(1, vas_tp)] = dict(day=90, vals={'pain_vas': 12}, missing=False)
    e_vol['sessions'][0]['levels'][0]['vol'] = 25.0
    e_vol['sessions'][0]['total'] = 25.0
    tibrows -= {e_lvl['pid'], e_vas['pid'], e_date['pid'], e_vol['pid']}

    # --- register lines (chronological by operation date) ---
    events = []
    for P in pats:
        for S in P['sessions']:
            events.append((S['date'], P['pid'], P, S))
    events.sort(key=lambda e: (e[0], e[1]))
    hdr_bo = ['ཨང་རྟགས།', 'ཞིབ་འཇུག་ཨང་།', 'མིང་།', 'ཕོ་མོ།', 'ལོ།', 'ནང་ཞུགས་ཨང་།', 'ཁ་པར།',
              'གཤག་བཅོས་ཚེས་གྲངས།', 'ནད་རྒྱུ།', 'སྒལ་ཚིགས།', 'ཐབས་ལམ།', 'རྩི་རིགས།', 'ཚད། ml',
              'ཕྱིར་འཛག', 'ན་ཟུག VAS', '', '', '', '', 'ODI', '', '', 'ཕྱིར་ཞིབ།', 'མཆན།']
    hdr_zh = ['序号', '研究编号', '姓名', '性别', '年龄', '住院号', '联系电话', '手术日期', '病因', '节段', '术式',
              '骨水泥', '注入量(ml)', '渗漏', '术前', '术后24h', '1月', '3月', '12月', '术前', '3月', '12月',
              '转归', '备注']
    vas_cols = {'pre': 15, '24h': 16, '1m': 17, '3m': 18, '12m': 19}
    odi_cols = {'pre': 20, '3m': 21, '12m': 22}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '登记本'
    ws['A1'] = 'བོད་རང་སྐྱོང་ལྗོངས་མི་དམངས་སྨན་ཁང་། སྒལ་ཚིགས་གཤག་བཅོས་ཁག  西藏自治区人民医院 脊柱外科 椎体成形术(PVP/PKP)登记本'
    ws['A2'] = '（按纸质登记本逐行录入，2020年9月起；VAS 0-10分，ODI %）'
    for c, v in enumerate(hdr_bo, 1):
        ws.cell(3, c, v)
    for c, v in enumerate(hdr_zh, 1):
        ws.cell(4, c, v).font = Font(bold=True)
    ws.merge_cells('O3:S3')
    ws.merge_cells('T3:V3')
    r = 5
    errors = []
    line_no = 0
    sheet = ws.title
    cont_done = 0
    for date, pid, P, S in events:
        line_no += 1
        useT = pid in tibrows
        n = lambda v: tib(v) if useT else v
        row = {1: line_no, 2: pid}
        nm = P['name']
        row[3] = nm
        if S['s'] == 1:
            row[4] = '女' if P['sex'] == 'female' else '男'
            row[5] = n(P['age'])
            row[6] = P['rec']
            row[7] = P['phone']
            row[9] = rng.choice(ETIO[P['etio']])
        else:
            row[4] = '女' if P['sex'] == 'female' else '男'
            row[6] = P['rec']
            row[9] = '同前'
        ds = date.strftime('%Y/%m/%d')
        if P is e_date and S['s'] == 1:
            m30 = date.month if date.month in (4, 6, 9, 11) else date.month - 1
            ds = '%d/%02d/31' % (date.year, m30) if m30 in (4, 6, 9, 11) else '%d/02/30' % date.year
            errors.append([sheet, 'H%d' % r, r, '手术日期', ds, 'impossible date (day does not exist in that month)', pid])
        row[8] = tib(ds) if pid in tibdate else ds
        levels = [L['level'] for L in S['levels']]
        vols = [('%g' % L['vol']) for L in S['levels']]
        leaks = ['+'.join(LEAK[x] for x in L['leak']) or '无' for L in S['levels']]
        if all(l == '无' for l in leaks):
            leaks = ['无']
        row[11] = TECH[S['tech']]
        row[12] = S['cement_w']
        over = {}
        if len(levels) == 3 and cont_done < 3:
            # paper ran out of space: third level onto the next line
            row[10] = '、'.join(levels[:2]) + '、'
            over[10] = levels[2]
            row[13] = '、'.join(vols[:2]) + '、'
            over[13] = vols[2]
            if len(leaks) == 3:
                row[14] = '、'.join(leaks[:2]) + '、'
                over[14] = leaks[2]
            else:
                row[14] = leaks[0]
            cont_done += 1
        else:
            row[10] = '、'.join(levels)
            row[13] = '、'.join(vols)
            row[14] = '、'.join(leaks) if len(leaks) > 1 else leaks[0]
        if P is e_lvl:
            errors.append([sheet, 'J%d' % r, r, '节段', row[10], 'impossible vertebral level T13', pid])
        if P is e_vol:
            errors.append([sheet, 'M%d' % r, r, '注入量(ml)', row[13],
                           'cement volume 25 ml in a single vertebra', pid])
        for tp, c in vas_cols.items():
            A = P['scores'].get((S['s'], tp))
            if A is None:
                continue
            if A['missing']:
                row[c] = '未复查'
                if tp in odi_cols:
                    row[odi_cols[tp]] = '未复查'
                continue
            row[c] = n(A['vals']['pain_vas'])
            if P is e_vas and tp == vas_tp:
                errors.append([sheet, '%s%d' % (colname(c), r), r, hdr_zh[c - 1], str(row[c]),
                               'VAS 12 on a 0-10 scale', pid])
            if tp in odi_cols and 'odi' in A['vals']:
                row[odi_cols[tp]] = n(A['vals']['odi'])
        # outcome column
        notes = []
        if S['s'] == 1:
            for f in P['fractures']:
                if len(P['sessions']) > 1:
                    notes.append('%s 新发%s骨折' % (D(P, f[0]).strftime('%Y/%m/%d'), f[1]))
                else:
                    notes.append('%s 复查MRI示新发%s椎体压缩骨折，保守治疗' % (D(P, f[0]).strftime('%Y/%m/%d'), f[1]))
            if P['died']:
                notes.append('%s 死亡 འདས་གྲོངས།' % D(P, P['death_day']).strftime('%Y/%m/%d'))
        else:
            row[24] = 'ཐེངས་གཉིས་པ། 第2次手术(新发骨折)'
        txt = '；'.join(notes)
        if len(txt) > 22 and 10 not in over and '复查MRI' in txt:
            # long outcome note spills to next line
            cut = txt.index('新发')
            row[23] = txt[:cut]
            over[23] = txt[cut:]
        elif txt:
            row[23] = txt
        if S['s'] == 1 and any((1, tp) in P['scores'] for tp in ['12m']) is False and not P['died'] \
                and len(P['sessions']) == 1 and not row.get(24):
            pass
        for c, v in row.items():
            ws.cell(r, c, v)
        r += 1
        if over:
            for c, v in over.items():
                ws.cell(r, c, v)
            r += 1
    widths = [5, 11, 24, 5, 5, 13, 13, 12, 11, 12, 6, 14, 12, 12] + [6] * 8 + [34, 26]
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[colname(i)].width = w
    wb.save(os.path.join(out, 'input.xlsx'))
    for P in pats:
        if P is e_date:
            P['sessions'][0]['t_day'] = 0
    write_truth(out, pats, 'vertebra', errors,
                ident_extra=[['name', p] for P in pats if ' ' in P['name'] for p in P['name'].split(' ')])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
