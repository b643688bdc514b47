# ---------------------------------------------------------------------------
# Cohort generator (shared logic, copied into each site's make.py so that the
# script is standalone). Deterministic: everything flows from one seed.
# ---------------------------------------------------------------------------
import random, datetime as dt, csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
         + [f"L{i}" for i in range(1, 6)] + ["S1"])
TP_OFF = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 9, '6m': 14, '12m': 20}
TP_ORDER = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
VAS_MEAN = {'pre': 8.0, '24h': 4.6, '1w': 4.0, '2w': 3.7, '6w': 3.3, '1m': 3.3, '3m': 2.9, '6m': 2.7, '12m': 2.5}
ODI_MEAN = {'pre': 64, '24h': 52, '1w': 46, '2w': 42, '6w': 36, '1m': 38, '3m': 32, '6m': 30, '12m': 27}
MOB_MEAN = {'pre': 3.0, '24h': 2.0, '1w': 1.6, '2w': 1.4, '6w': 1.1, '1m': 1.2, '3m': 0.9, '6m': 0.8, '12m': 0.7}
PRIMARIES = ['breast', 'prostate', 'lung', 'kidney', 'thyroid']


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def rnd(x, step):
    return round(round(x / step) * step, 2)


def fmt(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        if abs(x - round(x)) < 1e-9:
            return str(int(round(x)))
        return f"{x:.2f}".rstrip('0').rstrip('.')
    return str(x)


def _pick_levels(rng, kind, nlev):
    idx = {l: i for i, l in enumerate(SPINE)}
    if kind == 'osteo':
        centre = rng.choices(['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'],
                             [1, 2, 2, 3, 5, 9, 9, 5, 3, 1])[0]
    elif kind in ('metastasis', 'myeloma'):
        centre = rng.choice(['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'])
    elif kind == 'trauma':
        centre = rng.choice(['T11', 'T12', 'L1', 'L2'])
    else:
        centre = rng.choice(['T6', 'T8', 'T9', 'T11', 'L2', 'L3', 'L4'])
    start = idx[centre] - rng.randint(0, nlev - 1)
    start = max(idx['T1'], min(start, idx['L5'] - nlev + 1))
    return [SPINE[start + k] for k in range(nlev)]


def _vol(rng, level, tech, step):
    base = 2.5 if level.startswith('T') and int(level[1:]) < 10 else 3.5
    if level.startswith('L'):
        base = 4.2
    if tech == 'kyphoplasty':
        base += 1.2
    return rnd(max(1.5, rng.gauss(base, 0.8)), step)


def _leak(rng):
    r = rng.random()
    if r < 0.66:
        return 'none'
    return rng.choices(['disc', 'venous', 'paravertebral', 'epidural', 'disc;venous'], [5, 4, 2, 1, 1])[0]


def gen_cohort(seed, n, start, end, cutoff, sched1, sched2, vas_step=1.0, vol_step=0.5,
               p_kypho=0.3, cements=(('PMMA', 1.0),), p_total=0.0, p_no_leak=0.0,
               p_no_cement=0.0, p_missed=0.12, odi_step=1):
    """sched1/sched2: dict measure -> list of timepoints for session 1 / 2."""
    rng = random.Random(seed)
    pats = []
    span = (end - start).days
    for i in range(n):
        r = rng.random()
        if r < 0.58:
            kind = 'osteo'
        elif r < 0.74:
            kind = 'metastasis'
        elif r < 0.84:
            kind = 'myeloma'
        elif r < 0.94:
            kind = 'trauma'
        else:
            kind = 'haemangioma'
        etiology = {'osteo': 'osteoporotic', 'metastasis': 'pathologic', 'myeloma': 'pathologic',
                    'trauma': 'traumatic', 'haemangioma': 'other'}[kind]
        sex = 'female' if rng.random() < (0.75 if kind == 'osteo' else 0.45) else 'male'
        primary = rng.choice(PRIMARIES) if kind == 'metastasis' else None
        if primary == 'breast':
            sex = 'female'
        if primary == 'prostate':
            sex = 'male'
        lo, hi = {'osteo': (62, 89), 'metastasis': (48, 80), 'myeloma': (52, 82),
                  'trauma': (41, 76), 'haemangioma': (38, 66)}[kind]
        age = rng.randint(lo, hi)
        op1 = start + dt.timedelta(days=rng.randint(0, span))
        dob = dt.date(op1.year - age, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        age = age_on(dob, op1)
        nlev = rng.choices([1, 2, 3], [55, 30, 15])[0]
        if kind in ('trauma', 'haemangioma'):
            nlev = 1
        levels = _pick_levels(rng, kind, nlev)

        def make_session(sno, date, lvls):
            tech = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
            if kind == 'trauma' and rng.random() < 0.6:
                tech = 'kyphoplasty'
            ct = rng.choices([c for c, _ in cements], [w for _, w in cements])[0]
            vols = [_vol(rng, l, tech, vol_step) for l in lvls]
            return {
                'session': sno, 'date': date, 'day': (date - op1).days, 'technique': tech,
                'levels': list(lvls), 'volumes': vols, 'total': rnd(sum(vols), vol_step),
                'vol_mode': 'total' if rng.random() < p_total else 'level',
                'cement': ct if rng.random() >= p_no_cement else '',
                'leak': [_leak(rng) for _ in lvls] if rng.random() >= p_no_leak else ['' for _ in lvls],
            }

        sessions = [make_session(1, op1, levels)]
        death = None
        if rng.random() < (0.45 if kind in ('metastasis', 'myeloma') else 0.07):
            death = op1 + dt.timedelta(days=rng.randint(45, 420))
            if death > cutoff:
                death = None
        fractures = []
        if kind == 'osteo' and rng.random() < 0.35 or kind == 'myeloma' and rng.random() < 0.3:
            fday = rng.randint(35, 300)
            fdate = op1 + dt.timedelta(days=fday)
            above = SPINE[SPINE.index(levels[0]) - 1]
            below = SPINE[SPINE.index(levels[-1]) + 1]
            cands = [l for l in (above, below) if l[0] in 'TL']
            flev = rng.choice(cands)
            if fdate < cutoff and (death is None or fdate < death - dt.timedelta(days=30)):
                fractures.append({'date': fdate, 'day': fday, 'level': flev})
                if rng.random() < 0.6:
                    s2 = fdate + dt.timedelta(days=rng.randint(6, 25))
                    if s2 < cutoff and (death is None or s2 < death - dt.timedelta(days=10)):
                        sessions.append(make_session(2, s2, [flev]))
        visits = []
        for s in sessions:
            sched = sched1 if s['session'] == 1 else sched2
            tps = [t for t in TP_ORDER if any(t in v for v in sched.values())]
            nxt = sessions[1]['date'] if (s['session'] == 1 and len(sessions) > 1) else None
            for t in tps:
                d = s['date'] + dt.timedelta(days=TP_OFF[t] + rng.randint(-TP_JIT[t], TP_JIT[t]))
                if t == 'pre' and rng.random() < 0.4:
                    d = s['date']
                status = 'done'
                if nxt is not None and t != 'pre' and d >= nxt - dt.timedelta(days=1):
                    status = 'superseded'
                elif death is not None and d >= death:
                    status = 'died'
                elif d > cutoff:
                    status = 'future'
                elif t not in ('pre', '24h') and rng.random() < p_missed:
                    status = 'missed'
                vals = {}
                if status == 'done':
                    k = 1.0 if kind == 'osteo' else 1.12
                    if 'pain_vas' in sched and t in sched['pain_vas']:
                        m = VAS_MEAN[t] * k
                        v = rng.gauss(m, 0.8 if t != 'pre' else 0.6)
                        lo_, hi_ = (6.5, 10) if t == 'pre' else (0.5, 7)
                        vals['pain_vas'] = rnd(min(hi_, max(lo_, v)), vas_step)
                    if 'odi' in sched and t in sched['odi']:
                        v = rng.gauss(ODI_MEAN[t] * k, 7)
                        vals['odi'] = int(rnd(min(96, max(8, v)), odi_step))
                    if 'mobility' in sched and t in sched['mobility']:
                        v = rng.gauss(MOB_MEAN[t] * k, 0.6)
                        vals['mobility'] = int(min(4, max(0, round(v))))
                visits.append({'session': s['session'], 'tp': t, 'date': d, 'status': status, 'vals': vals})
        pats.append({'n': i + 1, 'sex': sex, 'age': age, 'dob': dob, 'kind': kind, 'etiology': etiology,
                     'primary': primary, 'sessions': sessions, 'death': death, 'fractures': fractures,
                     'visits': visits})
    return pats


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(x) for x in r])


def write_truth(pats, errors, identifiers, pid_of):
    tdir = os.path.join(HERE, 'truth')
    P, PR, A, F = [], [], [], []
    for p in pats:
        pid = pid_of(p)
        P.append([pid, p['sex'], p['age'], p['etiology'], 'yes' if p['death'] else 'no'])
        for s in p['sessions']:
            for k, lev in enumerate(s['levels']):
                PR.append([pid, s['session'], s['day'], lev, s['technique'],
                           s['volumes'][k] if s['vol_mode'] == 'level' else '',
                           s['total'] if s['vol_mode'] == 'total' else '',
                           s['cement'], s['leak'][k]])
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            for m in ('pain_vas', 'odi', 'mobility'):
                if m in v['vals']:
                    A.append([pid, v['session'], m, v['tp'], v['vals'][m]])
        for fr in p['fractures']:
            F.append([pid, fr['day'], fr['level']])
    write_csv(os.path.join(tdir, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv(os.path.join(tdir, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    write_csv(os.path.join(tdir, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv(os.path.join(tdir, 'fractures.csv'), ['patient_id', 'day', 'level'], F)
    write_csv(os.path.join(tdir, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ids.append([k, v])
    write_csv(os.path.join(tdir, 'identifiers.csv'), ['kind', 'value'], ids)
# ---------------------------------------------------------------------------


def gen_good(seed, *a, **kw):
    """Deterministically step the seed until the cohort has the mix we want."""
    s = seed
    while True:
        pats = gen_cohort(s, *a, **kw)
        deaths = sum(1 for p in pats if p['death'])
        frs = sum(len(p['fractures']) for p in pats)
        s2 = sum(1 for p in pats if len(p['sessions']) > 1)
        path = sum(1 for p in pats if p['etiology'] == 'pathologic')
        missed = sum(1 for p in pats for v in p['visits'] if v['status'] == 'missed')
        if 2 <= deaths <= 5 and frs >= 3 and 2 <= s2 <= 4 and path >= 3 and missed >= 3:
            return pats
        s += 1
# ---------------------------------------------------------------------------

# ===========================================================================
# XI'AN - 西安市红会医院 脊柱外科. One sheet, two tables side by side:
# 手术登记 (left, one row per operation) and 随访记录 (right, one row per visit).
# ===========================================================================
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 2704
rng = random.Random(SEED + 5)
SCHED1 = {'pain_vas': ['pre', '24h', '1w', '1m', '3m', '6m', '12m'], 'odi': ['pre', '3m', '12m']}
SCHED2 = {'pain_vas': ['pre', '24h', '1m', '3m'], 'odi': ['pre', '3m']}
pats = gen_good(SEED, 19, dt.date(2021, 1, 1), dt.date(2022, 12, 31), dt.date(2023, 12, 15),
                SCHED1, SCHED2, vas_step=1.0, vol_step=0.5, p_kypho=0.5,
                cements=(('PMMA', 0.9), ('calcium phosphate', 0.1)), p_total=0.35, p_no_leak=0.1, p_missed=0.14)

SUR = list('王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗')
GIV_F = ['秀英', '桂兰', '淑珍', '玉兰', '丽娟', '凤英', '海燕', '春梅', '秀兰', '金凤', '翠萍', '桂芳']
GIV_M = ['建国', '志强', '文华', '德明', '永红', '国庆', '建华', '宝山', '长安', '军', '振华', '富贵']
rng.shuffle(SUR)


def cn_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


def dot_date(d):
    return f"{d.year}.{d.month}.{d.day}"


def cn_lev(l):
    return {'T': '胸', 'L': '腰', 'C': '颈', 'S': '骶'}[l[0]] + l[1:]


def num(x):
    return fmt(x)


LEAK_CN = {'none': '无', 'disc': '椎间盘', 'venous': '静脉', 'paravertebral': '椎旁软组织', 'epidural': '椎管内',
           'disc;venous': '椎间盘+静脉'}
DIAG_CN = {'osteo': '骨质疏松性椎体压缩骨折', 'myeloma': '多发性骨髓瘤', 'trauma': '外伤性椎体压缩骨折',
           'haemangioma': '椎体血管瘤'}
PRIM_CN = {'breast': '乳腺癌', 'prostate': '前列腺癌', 'lung': '肺癌', 'kidney': '肾癌', 'thyroid': '甲状腺癌'}
TP_CN = {'pre': '术前', '24h': '术后1天', '1w': '术后1周', '1m': '术后1月', '3m': '术后3月', '6m': '术后6月', '12m': '术后1年'}

thin = Side(style='thin', color='000000')
BOX = Border(left=thin, right=thin, top=thin, bottom=thin)
Y = PatternFill('solid', fgColor='FFF2CC')
G = PatternFill('solid', fgColor='E2EFDA')
RED = Font(color='FF0000')

cands = [p for p in pats if p['n'] > 2]
used = set()
e_lev = next(p for p in cands if len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0].startswith('L'))
used.add(e_lev['n'])
e_vol = next(p for p in cands if p['n'] not in used and p['sessions'][0]['vol_mode'] == 'level' and len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['volumes'][0] >= 2.5)
used.add(e_vol['n'])
e_vas = next(p for p in cands if p['n'] not in used and any(v['tp'] == '3m' and v['status'] == 'done' and v['session'] == 1 for v in p['visits']))
used.add(e_vas['n'])
e_date = next(p for p in cands if p['n'] not in used and any(v['status'] == 'done' and v['tp'] not in ('pre', '24h') and v['date'].month in (2, 4, 6, 9, 11) for v in p['visits']))
used.add(e_date['n'])
errors = []
identifiers = []

L_H = ['编号', '姓名', '住院号', '性别', '年龄', '联系电话', '诊断', '手术日期', '术式', '手术节段', '骨水泥用量', '骨水泥类型', '骨水泥渗漏', '备注']
R_H = ['编号', '姓名', '对应手术', '随访时间', '随访日期', 'VAS评分', 'ODI(%)', '备注']
LC0 = 1
RC0 = LC0 + len(L_H) + 1  # one blank column between
HR = 4  # header row of both tables

left, right = [], []
for p in pats:
    pid = f"XA{p['n']:03d}"
    p['pid'] = pid
    name = SUR[(p['n'] - 1) % len(SUR)] + rng.choice(GIV_F if p['sex'] == 'female' else GIV_M)
    zyh = f"{p['sessions'][0]['date'].year}{rng.randint(100000, 199999)}"
    tel = f"1{rng.choice(['38', '39', '35', '52', '58', '87', '89', '33'])}{rng.randint(10000000, 99999999)}"
    identifiers += [('name', name), ('record_number', zyh), ('phone', tel)]
    for s in p['sessions']:
        if p['kind'] == 'metastasis':
            diag = f"椎体转移瘤（{PRIM_CN[p['primary']]}）"
        else:
            diag = DIAG_CN[p['kind']]
        levs = '、'.join(cn_lev(l) for l in s['levels'])
        if p is e_lev and s['session'] == 1:
            levs = '腰7'
        if s['vol_mode'] == 'total':
            vol = f"共{num(s['total'])}ml" if len(s['levels']) > 1 else f"{num(s['total'])}ml"
            if len(s['levels']) == 1:
                s['vol_mode'] = 'level'
        elif len(s['levels']) == 1:
            vol = f"{num(s['volumes'][0])}ml"
            if p is e_vol and s['session'] == 1:
                vol = f"{num(s['volumes'][0] * 10)}ml"
        else:
            vol = '，'.join(f"{cn_lev(l)} {num(v)}ml" for l, v in zip(s['levels'], s['volumes']))
        if s['leak'][0] == '':
            leak = '未记录'
        elif all(x == 'none' for x in s['leak']):
            leak = '无'
        elif len(s['levels']) == 1:
            leak = LEAK_CN[s['leak'][0]] + '渗漏'
        else:
            leak = '；'.join(f"{cn_lev(l)}{LEAK_CN[x]}" + ('' if x == 'none' else '渗漏') for l, x in zip(s['levels'], s['leak']) )
            leak = leak.replace('无', '未见渗漏')
        cem = {'PMMA': 'PMMA', 'calcium phosphate': '磷酸钙', '': ''}[s['cement']]
        note = []
        if s['session'] == 2:
            note.append(f"第二次手术（{cn_lev(s['levels'][0])}新发骨折）")
        if p['kind'] == 'metastasis' and s['session'] == 1 and rng.random() < 0.5:
            note.append('术中活检')
        if p['death'] and s['session'] == len(p['sessions']):
            note.append(f"{cn_date(p['death'])}死亡")
        age = p['age'] if s['session'] == 1 else age_on(p['dob'], s['date'])
        left.append({'p': p, 's': s, 'vals': [pid, name, zyh, '女' if p['sex'] == 'female' else '男',
                                              age if rng.random() < 0.7 else f"{age}岁", tel, diag,
                                              cn_date(s['date']), 'PKP' if s['technique'] == 'kyphoplasty' else 'PVP',
                                              levs, vol, cem, leak, '；'.join(note) or None]})
    fr_noted = set()
    for v in p['visits']:
        if v['status'] in ('superseded', 'future'):
            continue
        op = '第1次' if v['session'] == 1 else '第2次'
        note = None
        if v['status'] == 'done':
            vas = f"{int(v['vals']['pain_vas'])}分"
            odi = v['vals'].get('odi')
            date = dot_date(v['date'])
            for k, fr in enumerate(p['fractures']):
                if k not in fr_noted and fr['date'] <= v['date'] and v['session'] == 1:
                    note = f"新发骨折 {cn_lev(fr['level'])}（MRI {dot_date(fr['date'])}）"
                    fr_noted.add(k)
        elif v['status'] == 'missed':
            vas, odi, date = rng.choice(['失访', '未复查', '电话未接通']), None, '—'
        elif v['status'] == 'died':
            if any(r['p'] is p and r['vals'][5] == '死亡' for r in right):
                continue
            vas, odi, date = '死亡', None, '—'
            note = f"家属电话告知已于{dot_date(p['death'])}去世"
        right.append({'p': p, 'v': v, 'vals': [p['pid'], name, op, TP_CN[v['tp']], date, vas, odi, note]})
    # fracture found after the last attended visit: note on the last row
    for k, fr in enumerate(p['fractures']):
        if k not in fr_noted:
            rows_p = [r for r in right if r['p'] is p and r['v']['session'] == 1]
            last = rows_p[-1]
            last['vals'][7] = ((last['vals'][7] + '；') if last['vals'][7] else '') + \
                f"随访后电话诉腰背痛，{dot_date(fr['date'])} MRI示{cn_lev(fr['level'])}新发骨折"

# errors in the right table
for r in right:
    p, v = r['p'], r['v']
    if p is e_vas and v['session'] == 1 and v['tp'] == '3m' and v['status'] == 'done':
        r['vals'][5] = '11分'
        r['err'] = (5, '11分', f"VAS 11 is outside the 0-10 scale; should be {int(v['vals']['pain_vas'])}分")
    if p is e_date and v['status'] == 'done' and v['tp'] not in ('pre', '24h') and v['date'].month in (2, 4, 6, 9, 11) \
            and not any('err' in x for x in right if x['p'] is p):
        bad = f"{v['date'].year}.{v['date'].month}.{30 if v['date'].month == 2 else 31}"
        r['vals'][4] = bad
        r['err'] = (4, bad, f"impossible date {bad} (month has no such day); should be {dot_date(v['date'])}")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = '椎体成形登记'
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=RC0 + len(R_H) - 1)
ws['A1'] = '西安市红会医院 脊柱外科  经皮椎体成形术（PVP）/ 椎体后凸成形术（PKP）病例登记及随访表'
ws['A1'].font = Font(bold=True, size=14)
ws['A1'].alignment = Alignment(horizontal='center')
ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=8)
ws['A2'] = '填表：住院医师  更新日期：2023年12月15日'
ws.merge_cells(start_row=3, start_column=LC0, end_row=3, end_column=LC0 + len(L_H) - 1)
ws.cell(row=3, column=LC0, value='一、手术登记').font = Font(bold=True, size=12)
ws.merge_cells(start_row=3, start_column=RC0, end_row=3, end_column=RC0 + len(R_H) - 1)
ws.cell(row=3, column=RC0, value='二、随访记录').font = Font(bold=True, size=12)
for j, h in enumerate(L_H):
    c = ws.cell(row=HR, column=LC0 + j, value=h)
    c.font = Font(bold=True)
    c.fill = Y
    c.border = BOX
    c.alignment = Alignment(horizontal='center', wrap_text=True)
for j, h in enumerate(R_H):
    c = ws.cell(row=HR, column=RC0 + j, value=h)
    c.font = Font(bold=True)
    c.fill = G
    c.border = BOX
    c.alignment = Alignment(horizontal='center')
for i, r in enumerate(left):
    rr = HR + 1 + i
    for j, v in enumerate(r['vals']):
        c = ws.cell(row=rr, column=LC0 + j, value=v)
        c.border = BOX
    p, s = r['p'], r['s']
    if p is e_lev and s['session'] == 1:
        errors.append([ws.title, f"{get_column_letter(LC0 + 9)}{rr}", rr, '手术节段', '腰7',
                       f"level 腰7 (L7) does not exist; should be {cn_lev(s['levels'][0])} ({s['levels'][0]})", p['pid']])
    if p is e_vol and s['session'] == 1:
        errors.append([ws.title, f"{get_column_letter(LC0 + 10)}{rr}", rr, '骨水泥用量', r['vals'][10],
                       f"{r['vals'][10]} in one vertebra is impossible (decimal point lost); should be {num(s['volumes'][0])}ml",
                       p['pid']])
for i, r in enumerate(right):
    rr = HR + 1 + i
    for j, v in enumerate(r['vals']):
        c = ws.cell(row=rr, column=RC0 + j, value=v)
        c.border = BOX
        if j == 5 and isinstance(v, str) and not v.endswith('分'):
            c.font = RED
    if 'err' in r:
        j, val, why = r['err']
        errors.append([ws.title, f"{get_column_letter(RC0 + j)}{rr}", rr, R_H[j], val, why, r['p']['pid']])
note_row = HR + 2 + len(left)
notes = ['说明：1. 手术节段“胸”=胸椎(T)，“腰”=腰椎(L)；多个节段用“、”隔开。',
         '2. 骨水泥用量：单节段直接写用量；多节段分别写各节段用量，仅记录总量时写“共xx ml”。',
         '3. 随访表“对应手术”：第2次 = 因新发骨折再次手术，其随访时间从第二次手术算起。',
         '4. VAS 0-10分；ODI 为百分比，仅术前、术后3月、术后1年评估。']
for k, t in enumerate(notes):
    ws.cell(row=note_row + k, column=LC0, value=t).font = Font(italic=True, size=9)
widths = [7, 8, 12, 5, 6, 13, 24, 15, 6, 14, 20, 9, 20, 28]
for j, w in enumerate(widths):
    ws.column_dimensions[get_column_letter(LC0 + j)].width = w
ws.column_dimensions[get_column_letter(RC0 - 1)].width = 3
for j, w in enumerate([7, 8, 8, 9, 11, 8, 7, 40]):
    ws.column_dimensions[get_column_letter(RC0 + j)].width = w
ws.freeze_panes = 'A5'
wb.properties.created = dt.datetime(2023, 12, 15, 16, 0, 0)
wb.properties.modified = dt.datetime(2023, 12, 15, 16, 0, 0)
wb.save(os.path.join(HERE, 'input.xlsx'))
assert len(errors) == 4, errors
write_truth(pats, errors, identifiers, lambda p: p['pid'])
print('xian: written', len(pats))
