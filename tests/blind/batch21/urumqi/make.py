# ---- common cohort generator (shared by the batch-21 site scripts) ----
import os, sys, csv, random, datetime as dt

ALL_LEVELS = ['T4','T5','T6','T7','T8','T9','T10','T11','T12','L1','L2','L3','L4','L5']
TP_DAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90, '6m': 182, '12m': 365, '24m': 730}


def pick_levels(rng, k):
    # thoracolumbar junction most common
    centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'T8', 'L3', 'T10', 'L4'])
    i = ALL_LEVELS.index(centre)
    i = min(max(i, 0), len(ALL_LEVELS) - k)
    return ALL_LEVELS[i:i + k]


def gen_cohort(seed, ids, tps, measures, start, span_days, techniques=('vertebroplasty', 'kyphoplasty'),
               tech_w=(0.6, 0.4), cements=(('PMMA', 0.9), ('calcium phosphate', 0.1)), n_s2=3, n_extra_fx=2,
               n_dead=3, miss_rate=0.1, leak_rate=0.25):
    rng = random.Random(seed)
    n = len(ids)
    pats = []
    order = list(range(n))
    rng.shuffle(order)
    s2_idx = set(order[:n_s2])
    dead_idx = set(order[n_s2:n_s2 + n_dead])
    fx_idx = set(order[n_s2 + n_dead:n_s2 + n_dead + n_extra_fx])
    post_tps = [t for t in tps if t != 'pre']
    for i, pid in enumerate(ids):
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [0.62, 0.22, 0.12, 0.04])[0]
        sex = rng.choices(['female', 'male'], [0.68, 0.32])[0] if et == 'osteoporotic' else rng.choice(['female', 'male'])
        age = rng.randint(61, 88) if et == 'osteoporotic' else rng.randint(38, 79)
        d0 = start + dt.timedelta(days=rng.randint(0, span_days))
        p = dict(idx=i, id=pid, sex=sex, age=age, etiology=et, died=False, d0=d0, sessions=[], scores={},
                 visit_day={}, fractures=[], death_day=None, missing=set())
        k = rng.choices([1, 2, 3], [0.68, 0.22, 0.10])[0]
        tech = rng.choices(techniques, tech_w)[0]
        cem = rng.choices([c for c, _ in cements], [w for _, w in cements])[0]

        def mk_session(sess, day, levels, tech, cem):
            vols, leaks = [], []
            for lv in levels:
                base = 2.0 if lv.startswith('T') and int(lv[1:]) < 10 else 3.0
                v = round((base + rng.random() * 3.0) * 2) / 2  # 0.5 mL steps
                vols.append(v)
                if rng.random() < leak_rate:
                    leaks.append(rng.choices(['disc', 'venous', 'paravertebral', 'epidural', 'disc;venous'], [4, 4, 2, 1, 1])[0])
                else:
                    leaks.append('none')
            return dict(session=sess, day=day, date=d0 + dt.timedelta(days=day), levels=levels, tech=tech,
                        cement=cem, vols=vols, leaks=leaks)

        p['sessions'].append(mk_session(1, 0, pick_levels(rng, k), tech, cem))
        # follow-up design
        last_day_allowed = None
        if i in s2_idx:
            # second session between the 2nd and 3rd post visit
            cut = max(2, len(post_tps) - 2)
            t_a, t_b = TP_DAYS[post_tps[cut - 1]], TP_DAYS[post_tps[cut]]
            s2day = rng.randint(t_a + 12, t_b - 5)
            used = set(p['sessions'][0]['levels'])
            cand = [l for l in ALL_LEVELS if l not in used and abs(ALL_LEVELS.index(l) - ALL_LEVELS.index(p['sessions'][0]['levels'][0])) <= 3]
            nl = rng.choice(cand)
            fxday = s2day - rng.randint(4, 10)
            p['fractures'].append((fxday, nl))
            p['sessions'].append(mk_session(2, s2day, [nl], tech, cem))
            p['s1_tps'] = ['pre'] + post_tps[:cut]
            p['s2_tps'] = ['pre'] + [t for t in post_tps if TP_DAYS[t] >= 7][: max(2, len(post_tps) - cut)]
        else:
            p['s1_tps'] = list(tps)
            p['s2_tps'] = []
        if i in dead_idx:
            p['died'] = True
            nkeep = rng.randint(2, len(p['s1_tps']) - 1)
            keep = p['s1_tps'][:nkeep]
            p['dead_after'] = keep[-1]
            p['lost_tps'] = p['s1_tps'][nkeep:]
            p['s1_tps'] = keep
        # scores
        for sess, tl in ((1, p['s1_tps']), (2, p['s2_tps'])):
            if not tl:
                continue
            sday = p['sessions'][sess - 1]['day']
            vas = rng.randint(6, 10)
            odi = rng.randint(44, 86)
            mob = rng.randint(2, 4)
            for j, t in enumerate(tl):
                if t == 'pre':
                    vd = sday - rng.randint(0, 2) if sess == 1 else sday - rng.randint(0, 1)
                    if sess == 1:
                        vd = 0
                else:
                    jit = 0 if t == '24h' else rng.randint(-3, 5) if TP_DAYS[t] >= 30 else rng.randint(0, 2)
                    vd = sday + TP_DAYS[t] + jit
                if t != 'pre' and j > 0 and rng.random() < miss_rate and not (j == len(tl) - 1 and sess == 2):
                    p['missing'].add((sess, t))
                    p['visit_day'][(sess, t)] = vd
                    continue
                p['visit_day'][(sess, t)] = vd
                if t != 'pre':
                    vas = max(0, vas - rng.choice([1, 2, 2, 3, 3, 4]) if j <= 2 else vas - rng.choice([0, 0, 1, 1]))
                    if j > 2 and rng.random() < 0.15:
                        vas = min(10, vas + 1)
                    odi = max(4, odi - rng.randint(4, 18) if j <= 2 else odi - rng.randint(0, 6))
                    mob = max(0, mob - rng.choice([0, 1, 1, 2]) if j <= 2 else mob - rng.choice([0, 0, 1]))
                for m in measures:
                    val = {'pain_vas': vas, 'odi': odi, 'mobility': mob}[m]
                    p['scores'][(sess, m, t)] = val
        if i in fx_idx:
            # a new fracture found at a later follow-up visit, not treated
            later = [t for t in p['s1_tps'][2:] if (1, t) not in p['missing']]
            if later:
                t = later[0]
                used = set(p['sessions'][0]['levels'])
                cand = [l for l in ALL_LEVELS if l not in used and abs(ALL_LEVELS.index(l) - ALL_LEVELS.index(p['sessions'][0]['levels'][-1])) <= 2]
                p['fractures'].append((p['visit_day'][(1, t)], rng.choice(cand)))
                p['fx_tp'] = t
        if p['died']:
            lastvd = max(v for (s, t), v in p['visit_day'].items())
            p['death_day'] = lastvd + rng.randint(15, 60)
        pats.append(p)
    return pats


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def write_truth(outdir, pats, errors, idents, drop_scores=(), level_override=None, vol_mode='vertebra',
                extra_fx_ok=True, id_of=None):
    """drop_scores: set of (pid, session, measure, tp) to leave out (planted out-of-scale);
    level_override: {(pid, session, level): new_level_or_blank}"""
    level_override = level_override or {}
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    with open(os.path.join(td, 'patients.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['patient_id', 'sex', 'age_years', 'etiology', 'died'])
        for p in pats:
            w.writerow([p['id'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p.get('t_et', p['etiology']),
                        p.get('t_died', 'yes' if p['died'] else 'no')])
    with open(os.path.join(td, 'procedures.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                    'session_cement_volume_ml', 'cement_type', 'leakage'])
        for p in pats:
            for s in p['sessions']:
                tot = round(sum(s['vols']), 1)
                for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                    lvo = level_override.get((p['id'], s['session'], lv), lv)
                    mode = p.get('vol_mode', vol_mode)
                    cv = fmtnum(v) if mode == 'vertebra' else ''
                    sv = fmtnum(tot) if mode == 'session' else ''
                    if p.get('leak_unrecorded'):
                        lk = ''
                    w.writerow([p['id'], s['session'], s['day'], lvo, s['tech'], cv, sv, s['cement'], lk])
    with open(os.path.join(td, 'assessments.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['patient_id', 'session', 'measure', 'timepoint', 'value'])
        for p in pats:
            for (sess, m, t), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], TPORD.index(kv[0][2]))):
                if (p['id'], sess, m, t) in drop_scores:
                    continue
                w.writerow([p['id'], sess, m, t, fmtnum(v)])
    with open(os.path.join(td, 'fractures.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['patient_id', 'day', 'level'])
        for p in pats:
            for d, lv in sorted(p['fractures']):
                w.writerow([p['id'], d, lv])
    with open(os.path.join(td, 'errors.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'])
        for e in errors:
            w.writerow(e)
    with open(os.path.join(td, 'identifiers.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['kind', 'value'])
        seen = set()
        for k, v in idents:
            if (k, v) not in seen:
                seen.add((k, v))
                w.writerow([k, v])


TPORD = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']


def fmtnum(v):
    if isinstance(v, float):
        if abs(v - round(v)) < 1e-9:
            return str(int(round(v)))
        return ('%.2f' % v).rstrip('0').rstrip('.')
    return str(v)


def colletter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end common ----
# ---- site: urumqi (procedure log book, one sheet per month + follow-up sheet) ----
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.comments import Comment

UY_MONTHS = ['يانۋار', 'فېۋرال', 'مارت', 'ئاپرېل', 'ماي', 'ئىيۇن', 'ئىيۇل', 'ئاۋغۇست', 'سېنتەبىر', 'ئۆكتەبىر', 'نويابىر', 'دېكابىر']
UY_GIVEN_F = ['ئايگۈل', 'پاتىگۈل', 'رەيھانگۈل', 'گۈلنار', 'زۆھرە', 'مەريەم', 'ئامىنە', 'نۇرگۈل', 'ھەبىبە', 'سايىمە']
UY_GIVEN_M = ['ئابدۇراخمان', 'مەمەتتۇرسۇن', 'ئەخمەتجان', 'ئابلىمىت', 'ئىمىن', 'قادىر', 'تۇرسۇن', 'ياسىن', 'ئوسمان', 'نىجات']
UY_FATHER = ['تۇرسۇن', 'مەمەت', 'ئابدۇللا', 'قاسىم', 'ھەسەن', 'ئىبراھىم', 'ئەھمەت', 'سايىت', 'نىياز', 'ئەمەت']
HAN_F = ['王秀兰', '李桂英', '张淑珍', '刘凤英', '陈玉兰', '杨秀英', '赵淑华']
HAN_M = ['李建国', '王德明', '张志强', '刘永福', '陈国庆', '杨保国', '赵文华']
CN_LEV = {'T': '胸', 'L': '腰'}
LEAK_CN = {'disc': '椎间盘渗漏', 'venous': '静脉渗漏', 'paravertebral': '椎旁软组织渗漏', 'epidural': '椎管内渗漏'}
TPS = ['pre', '1w', '1m', '3m', '6m']
TP_CN = {'pre': '术前\nئوپېراتسىيەدىن بۇرۇن', '1w': '术后1周\n1 ھەپتە', '1m': '术后1月\n1 ئاي', '3m': '术后3月\n3 ئاي', '6m': '术后6月\n6 ئاي'}


def cn_date(d):
    return '%d年%d月%d日' % (d.year, d.month, d.day)


def main(outdir):
    rng = random.Random(2104)
    ids = ['UR-%03d' % i for i in range(1, 27)]
    pats = gen_cohort(21041, ids, TPS, ['pain_vas', 'odi'], dt.date(2021, 1, 8), 320)
    idents = []
    for p in pats:
        uy = rng.random() < 0.65
        if uy:
            g = rng.choice(UY_GIVEN_F if p['sex'] == 'female' else UY_GIVEN_M)
            p['name'] = g + ' ' + rng.choice(UY_FATHER)
        else:
            p['name'] = rng.choice(HAN_F if p['sex'] == 'female' else HAN_M)
        p['mrn'] = '00%d' % rng.randint(310000, 389999)
        p['phone'] = '1%d%08d' % (rng.choice([39, 38, 58, 89, 99, 36]), rng.randint(0, 99999999))
        p['uy'] = uy
        idents += [('name', p['name']), ('record_number', p['mrn']), ('phone', p['phone'])]
        if rng.random() < 0.35 and all(len(x['levels']) > 1 for x in p['sessions']):
            p['vol_mode'] = 'session'
    # planted errors: choose patients without a 2nd session
    plain = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
    e_date = [p for p in plain if p['d0'].month in (2, 4, 6, 9, 11)][0]
    plain = [p for p in plain if p is not e_date]
    e_lev, e_vas, e_fu = plain[1], plain[7], plain[10]
    errors = []
    level_override = {}
    drop = set()
    # which level gets L6: patient with last level L5 or L4 -> write L6 instead of the real level
    wb = Workbook()
    wb.remove(wb.active)
    # ---- monthly log sheets ----
    sess_rows = []
    for p in pats:
        for s in p['sessions']:
            sess_rows.append((s['date'], p, s))
    sess_rows.sort(key=lambda x: (x[0], x[1]['idx']))
    months = sorted(set((d.year, d.month) for d, _, _ in sess_rows))
    hdr = ['序号\nتەرتىپ', '研究编号\nتەتقىقات نومۇرى', '住院号\nدوختۇرخانا نومۇرى', '姓名\nئىسىم-فامىلىسى', '性别\nجىنسى',
           '年龄\nيېشى', '联系电话\nتېلېفون', '手术日期\nئوپېراتسىيە ۋاقتى', '诊断\nدىئاگنوز', '手术节段\nئومۇرتقا',
           '术式\nئۇسۇل', '骨水泥\nسېمونت', '骨水泥量(ml)\nمىقدارى', '渗漏\nسىرغىپ چىقىش', '备注\nئىزاھات']
    for (y, m) in months:
        name = '%s %d' % (UY_MONTHS[m - 1], y)
        ws = wb.create_sheet(name)
        ws.cell(1, 1, '新疆某区人民医院 脊柱外科 椎体成形术/后凸成形术 登记本  %d年%d月' % (y, m)).font = Font(bold=True, size=13)
        ws.cell(2, 1, 'شىنجاڭ رايونلۇق دوختۇرخانىسى ئومۇرتقا تاشقى كېسەللىكلەر بۆلۈمى — ئومۇرتقا سېمونت ئوپېراتسىيىسى خاتىرىسى')
        for j, h in enumerate(hdr, 1):
            c = ws.cell(4, j, h)
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, vertical='center')
        r = 5
        k = 0
        for d, p, s in sess_rows:
            if (d.year, d.month) != (y, m):
                continue
            k += 1
            levs = []
            for lv in s['levels']:
                if p is e_lev and lv == s['levels'][-1]:
                    bad = 'L6' if lv.startswith('L') else 'T13'
                    level_override[(p['id'], 1, lv)] = ''
                    levs.append(bad)
                    errors.append([name, 'J%d' % r, r, hdr[9], None, 'impossible vertebral level %s' % bad, p['id']])
                elif (p['idx'] + len(lv)) % 3 == 0:
                    levs.append(CN_LEV[lv[0]] + lv[1:])
                else:
                    levs.append(lv)
            levtxt = '、'.join(levs)
            if errors and errors[-1][4] is None:
                errors[-1][4] = levtxt
            if p is e_date:
                dtxt = '%d年%d月%d日' % (d.year, d.month, 31 if d.month in (4, 6, 9, 11) else 30)
                errors.append([name, 'H%d' % r, r, hdr[7], dtxt, 'impossible date', p['id']])
            else:
                dtxt = cn_date(d)
            dx = {'osteoporotic': rng.choice(['骨质疏松性椎体压缩骨折', 'OVCF']),
                  'pathologic': rng.choice(['椎体转移瘤(肺癌)', '多发性骨髓瘤', '椎体转移瘤(乳腺癌)']),
                  'traumatic': '外伤性椎体压缩骨折',
                  'other': 'Kümmell病(椎体骨坏死)'}[p['etiology']]
            if s['session'] == 2:
                dx = '新发' + ('骨质疏松性' if p['etiology'] == 'osteoporotic' else '') + '椎体骨折(再次手术)'
            tech = 'PVP' if s['tech'] == 'vertebroplasty' else 'PKP'
            cem = 'PMMA' if s['cement'] == 'PMMA' else '磷酸钙骨水泥'
            if s['cement'] == 'PMMA' and p['idx'] % 4 == 1:
                cem = 'Mendec Spine'
            if p.get('vol_mode') == 'session':
                vol = '共%s' % fmtnum(round(sum(s['vols']), 1))
            else:
                vol = '+'.join('%.1f' % v for v in s['vols']) if len(s['vols']) > 1 else s['vols'][0]
            lk = [(lv, l) for lv, l in zip(s['levels'], s['leaks']) if l != 'none']
            if not lk:
                lktxt = 'يوق' if p['uy'] else '无'
            else:
                parts = []
                for lv, l in lk:
                    t = '、'.join(LEAK_CN[x] for x in l.split(';'))
                    parts.append((lv + t) if len(s['levels']) > 1 else t)
                lktxt = '；'.join(parts)
            note = ''
            if s['session'] == 2:
                note = '第二次手术，首次见%s' % cn_date(p['sessions'][0]['date'])
            sexw = ('女' if p['sex'] == 'female' else '男') if not p['uy'] else ('ئايال' if p['sex'] == 'female' else 'ئەر')
            age = p['age']
            vals = [k, p['id'], p['mrn'], p['name'], sexw, '%d岁' % age if k % 2 else age, p['phone'], dtxt, dx, levtxt,
                    tech, cem, vol, lktxt, note]
            for j, v in enumerate(vals, 1):
                ws.cell(r, j, v)
            r += 1
        for j, w in enumerate([5, 11, 12, 16, 6, 6, 13, 16, 22, 12, 7, 13, 11, 22, 26], 1):
            ws.column_dimensions[colletter(j)].width = w
    # ---- follow-up sheet ----
    fu = wb.create_sheet('随访 ئەگىشىش')
    fu.cell(1, 1, '椎体成形术后随访表 / ئوپېراتسىيەدىن كېيىنكى ئەگىشىپ تەكشۈرۈش جەدۋىلى').font = Font(bold=True, size=13)
    fu.cell(2, 1, 'VAS 0-10分；ODI %；“失访”= 未随访；日期格式 yyyy-mm-dd')
    base = ['研究编号', '姓名', '手术次数']
    for j, h in enumerate(base, 1):
        fu.cell(3, j, h)
        fu.cell(4, j, h)
        fu.merge_cells(start_row=3, start_column=j, end_row=4, end_column=j)
    col = 4
    tcol = {}
    for t in TPS:
        fu.cell(3, col, TP_CN[t]).alignment = Alignment(wrap_text=True, horizontal='center')
        fu.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + 2)
        for q, h in enumerate(['日期', 'VAS', 'ODI(%)']):
            fu.cell(4, col + q, h)
        tcol[t] = col
        col += 3
    fu.cell(3, col, '新发骨折\nيېڭى سۇنۇق')
    fu.cell(3, col + 1, '转归\nئاقىۋىتى')
    fu.cell(4, col, '新发骨折')
    fu.cell(4, col + 1, '转归')
    fxcol, outcol = col, col + 1
    r = 5
    for p in pats:
        for s in p['sessions']:
            sess = s['session']
            tl = p['s1_tps'] if sess == 1 else p['s2_tps']
            if not tl:
                continue
            fu.cell(r, 1, p['id'])
            fu.cell(r, 2, p['name'])
            fu.cell(r, 3, '第%d次' % sess)
            for t in TPS:
                c = tcol[t]
                if t not in tl:
                    if p['died'] and sess == 1 and t in p.get('lost_tps', []):
                        fu.cell(r, c, '死亡')
                    elif sess == 1 and len(p['sessions']) > 1:
                        fu.cell(r, c, '见第2次')
                    continue
                vd = p['visit_day'][(sess, t)]
                ddate = date_of(p, vd)
                if (sess, t) in p['missing']:
                    fu.cell(r, c, '失访')
                    fu.cell(r, c + 1, '—')
                    fu.cell(r, c + 2, '—')
                    continue
                dtxt = ddate.isoformat()
                if p is e_fu and t == '3m':
                    bad = p['d0'] - dt.timedelta(days=rng.randint(10, 25))
                    dtxt = bad.isoformat()
                    errors.append([fu.title, '%s%d' % (colletter(c), r), r, '日期', dtxt,
                                   '3-month follow-up dated before the procedure', p['id']])
                fu.cell(r, c, dtxt)
                v = p['scores'][(sess, 'pain_vas', t)]
                if p is e_vas and sess == 1 and t == '1m':
                    v = 12
                    drop.add((p['id'], 1, 'pain_vas', '1m'))
                    errors.append([fu.title, '%s%d' % (colletter(c + 1), r), r, 'VAS', '12', 'VAS 12 beyond the 0-10 scale', p['id']])
                fu.cell(r, c + 1, v)
                fu.cell(r, c + 2, p['scores'][(sess, 'odi', t)])
            fx = [f for f in p['fractures'] if (sess == 1 and f[0] < p['sessions'][-1]['day']) or len(p['sessions']) == 1]
            if sess == 1 and fx:
                fu.cell(r, fxcol, '；'.join('%s (%s)' % (lv, date_of(p, d).isoformat()) for d, lv in fx))
            elif sess == 1 or (sess == 2):
                fu.cell(r, fxcol, '无' if sess == 1 else '')
            if p['died'] and sess == 1:
                fu.cell(r, outcol, '死亡 %s' % date_of(p, p['death_day']).isoformat())
            elif sess == len(p['sessions']):
                fu.cell(r, outcol, '存活' if rng.random() < 0.7 else 'ھايات')
            r += 1
    fu.column_dimensions['B'].width = 18
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents, drop_scores=drop, level_override=level_override)


if __name__ == '__main__':
    main(sys.argv[1])
