# make.py for site kaohsiung (batch 19). Usage: python make.py OUTDIR
# ---------------------------------------------------------------------------
# Cohort simulation (shared skeleton; every site renders it its own way)
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random
import sys

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = {'T6': 1, 'T7': 2, 'T8': 4, 'T9': 4, 'T10': 6, 'T11': 10, 'T12': 18,
           'L1': 20, 'L2': 11, 'L3': 7, 'L4': 4, 'L5': 1}
TP_DAYS = {'pre': (-2, 0), '24h': (1, 1), '1w': (6, 9), '2w': (13, 16),
           '1m': (27, 35), '6w': (40, 46), '3m': (86, 100), '6m': (176, 195),
           '12m': (355, 380), '24m': (720, 750)}
TP_F = {'24h': .35, '1w': .45, '2w': .5, '1m': .55, '6w': .58, '3m': .62,
        '6m': .66, '12m': .66, '24m': .66}


def wchoice(rng, d):
    keys = list(d)
    return rng.choices(keys, weights=[d[k] for k in keys])[0]


def lvl_idx(lv):
    return LEVELS.index(lv)


def gen_scores(rng, measures, pre=None, tp='pre'):
    """pre: dict of pre-op scores (None -> generate pre-op)."""
    out = {}
    for m in measures:
        if tp == 'pre':
            if m == 'pain_vas':
                out[m] = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
            elif m == 'odi':
                out[m] = rng.randrange(40, 88, 2)
            elif m == 'mobility':
                out[m] = rng.choice([2, 3, 3, 3, 4])
        else:
            f = TP_F[tp] + rng.uniform(-.15, .12)
            base = pre[m]
            if m == 'pain_vas':
                v = round(base * (1 - f) + rng.uniform(-.7, .7))
                out[m] = max(0, min(10, v))
            elif m == 'odi':
                v = int(round(base * (1 - f) / 2.0 + rng.uniform(-2, 2))) * 2
                out[m] = max(0, min(100, v))
            elif m == 'mobility':
                v = round(base * (1 - f) + rng.uniform(-.6, .6))
                out[m] = max(0, min(4, v))
    return out


def gen_levels(rng, etiology, n_lv):
    c = wchoice(rng, LEVEL_W)
    i = lvl_idx(c)
    if n_lv == 1:
        return [c]
    if etiology == 'pathologic' and rng.random() < .5 and n_lv == 2:
        j = i + rng.choice([2, 3])
        if j > lvl_idx('L5'):
            j = i - rng.choice([2, 3])
        return sorted([c, LEVELS[j]], key=lvl_idx)
    start = i - rng.randrange(0, n_lv)
    start = max(lvl_idx('T5'), min(start, lvl_idx('L5') - n_lv + 1))
    return LEVELS[start:start + n_lv]


def gen_volume(rng, level, technique, step=0.5):
    lo, hi = (1.5, 3.5) if level.startswith('T') and lvl_idx(level) < lvl_idx('T11') else (2.5, 5.5)
    if technique == 'kyphoplasty':
        lo, hi = lo + 1, hi + 1.5
    v = rng.uniform(lo, hi)
    return round(round(v / step) * step, 2)


def gen_leak(rng):
    return wchoice(rng, {'none': 72, 'disc': 10, 'venous': 8, 'paravertebral': 6,
                         'epidural': 2, 'disc;venous': 2})


def new_level(rng, treated):
    cand = []
    for lv in treated:
        i = lvl_idx(lv)
        for j in (i - 1, i + 1, i - 2, i + 2):
            if lvl_idx('T5') <= j <= lvl_idx('L5') and LEVELS[j] not in treated:
                cand.append(LEVELS[j])
    return rng.choice(cand)


def gen_cohort(rng, n, start, end, tps, tps2, measures, kp_p=0.3,
               etio_w=None, multi_p=0.3, n_s2=3, n_fx_only=1, n_dead=2,
               miss_p=0.1, step=0.5, cements=None, fx_tps=None):
    etio_w = etio_w or {'osteoporotic': 72, 'pathologic': 16, 'traumatic': 12}
    cements = cements or {'PMMA': 1}
    span = (end - start).days
    pats = []
    for k in range(n):
        et = wchoice(rng, etio_w)
        if et == 'osteoporotic':
            sex = 'female' if rng.random() < .8 else 'male'
            age = rng.randint(62, 91)
        elif et == 'pathologic':
            sex = 'female' if rng.random() < .5 else 'male'
            age = rng.randint(48, 81)
        else:
            sex = 'female' if rng.random() < .4 else 'male'
            age = rng.randint(38, 76)
        d0 = start + dt.timedelta(days=rng.randrange(span))
        # birth date consistent with age at d0
        bmin = dt.date(d0.year - age - 1, d0.month, min(d0.day, 28)) + dt.timedelta(days=1)
        birth = bmin + dt.timedelta(days=rng.randrange(360))
        while (d0.year - birth.year - ((d0.month, d0.day) < (birth.month, birth.day))) != age:
            birth += dt.timedelta(days=1)
        pats.append(dict(k=k, sex=sex, age=age, birth=birth, etiology=et, d0=d0,
                         sessions=[], visits=[], fractures=[], died='no',
                         death_day=None, role='plain'))
    # roles
    idx = list(range(n))
    rng.shuffle(idx)
    path_first = sorted(idx, key=lambda i: pats[i]['etiology'] != 'pathologic')
    dead = path_first[:n_dead]
    rest = [i for i in idx if i not in dead]
    s2 = rest[:n_s2]
    fxo = rest[n_s2:n_s2 + n_fx_only]
    for i in dead:
        pats[i]['role'] = 'dead'
    for i in s2:
        pats[i]['role'] = 's2'
    for i in fxo:
        pats[i]['role'] = 'fx'
    fx_tps = fx_tps or [t for t in tps if TP_DAYS[t][0] >= 27]
    for p in pats:
        n_lv = 1 if rng.random() > multi_p else (2 if rng.random() < .75 else 3)
        tech = 'kyphoplasty' if rng.random() < kp_p else 'vertebroplasty'
        lvls = gen_levels(rng, p['etiology'], n_lv)
        ses = dict(n=1, day=0, technique=tech, cement=wchoice(rng, cements),
                   levels=[dict(level=lv, vol=gen_volume(rng, lv, tech, step),
                                leak=gen_leak(rng)) for lv in lvls])
        p['sessions'].append(ses)
        pre = gen_scores(rng, measures)
        d_pre = rng.randint(*TP_DAYS['pre'])
        p['visits'].append(dict(session=1, tp='pre', day=d_pre, sched=d_pre,
                                scores=pre, status='done'))
        cut = None   # visits with day >= cut are not held in session 1 schedule
        if p['role'] in ('s2', 'fx'):
            cand = fx_tps[:-1] if p['role'] == 's2' else fx_tps
            ftp = rng.choice(cand)
        for t in tps:
            day = rng.randint(*TP_DAYS[t])
            v = dict(session=1, tp=t, day=day, sched=day,
                     scores=gen_scores(rng, measures, pre, t), status='done')
            if p['role'] in ('s2', 'fx') and t == ftp:
                nl = new_level(rng, [x['level'] for x in ses['levels']])
                p['fractures'].append(dict(day=day, level=nl, tp=t))
                v['fx'] = nl
                if p['role'] == 's2':
                    s2day = day + rng.randint(5, 16)
                    cut = s2day
                    p['visits'].append(v)
                    break
            p['visits'].append(v)
        if p['role'] == 's2':
            tech2 = ses['technique'] if rng.random() < .7 else ('kyphoplasty' if ses['technique'] == 'vertebroplasty' else 'vertebroplasty')
            nl = p['fractures'][0]['level']
            s2 = dict(n=2, day=cut, technique=tech2, cement=ses['cement'],
                      levels=[dict(level=nl, vol=gen_volume(rng, nl, tech2, step),
                                   leak=gen_leak(rng))])
            p['sessions'].append(s2)
            pre2 = gen_scores(rng, measures)
            d_pre = cut + rng.randint(*TP_DAYS['pre'])
            p['visits'].append(dict(session=2, tp='pre', day=d_pre, sched=d_pre,
                                    scores=pre2, status='done'))
            for t in tps2:
                d = cut + rng.randint(*TP_DAYS[t])
                p['visits'].append(dict(session=2, tp=t, day=d, sched=d,
                                        scores=gen_scores(rng, measures, pre2, t), status='done'))
            # scheduled session-1 visits not held
            held = {v['tp'] for v in p['visits'] if v['session'] == 1}
            for t in tps:
                if t not in held:
                    p['visits'].append(dict(session=1, tp=t, day=None, sched=999999,
                                            scores={}, status='reop'))
        if p['role'] == 'dead':
            fol = [v for v in p['visits'] if v['session'] == 1 and v['tp'] != 'pre']
            keep = rng.randint(1, max(1, len(fol) - 1))
            last = fol[keep - 1]['day']
            nxt = fol[keep]['day'] if keep < len(fol) else last + 200
            p['death_day'] = rng.randint(last + 5, max(last + 6, nxt - 3))
            p['died'] = 'yes'
            for v in fol[keep:]:
                v['status'] = 'dead'
                v['scores'] = {}
                v['day'] = None
        # random missed visits
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] != 'pre' and 'fx' not in v \
                    and rng.random() < miss_p:
                v['status'] = 'missed'
                v['scores'] = {}
                v['day'] = None
        # random single missing measure
        for v in p['visits']:
            if v['status'] == 'done' and len(measures) > 1 and rng.random() < .06:
                m = rng.choice(measures[1:])
                v['scores'].pop(m, None)
                v['partial'] = m
        p['visits'].sort(key=lambda v: (v['session'], v['sched']))
    return pats


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if r.get(h) is None else r.get(h) for h in header])


def fmt_num(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return ('%d' % x) if x == int(x) else ('%g' % x)


def truth_tables(pats, pid_of):
    """Default truth built from the cohort; sites edit these lists afterwards."""
    P, PR, AS, FX = [], [], [], []
    for p in pats:
        pid = pid_of(p)
        P.append(dict(patient_id=pid, sex=p['sex'], age_years=p['age'],
                      etiology=p['etiology'], died=p['died']))
        for s in p['sessions']:
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                PR.append(dict(patient_id=pid, session=s['n'], day=s['day'], level=l['level'],
                               technique=s['technique'],
                               cement_volume_ml=fmt_num(l['vol']) if s.get('per_level', True) else '',
                               session_cement_volume_ml='' if s.get('per_level', True) else fmt_num(tot),
                               cement_type=s['cement'], leakage=l['leak'],
                               _p=p, _s=s, _l=l))
        for v in p['visits']:
            for m, val in v['scores'].items():
                AS.append(dict(patient_id=pid, session=v['session'], measure=m,
                               timepoint=v['tp'], value=fmt_num(val), _p=p, _v=v))
        for f in p['fractures']:
            FX.append(dict(patient_id=pid, day=f['day'], level=f['level'], _p=p, _f=f))
    return P, PR, AS, FX


PAT_H = ['patient_id', 'sex', 'age_years', 'etiology', 'died']
PROC_H = ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
          'session_cement_volume_ml', 'cement_type', 'leakage']
ASS_H = ['patient_id', 'session', 'measure', 'timepoint', 'value']
FX_H = ['patient_id', 'day', 'level']
ERR_H = ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id']
ID_H = ['kind', 'value']


def write_truth(out, P, PR, AS, FX, ERR, IDS):
    t = os.path.join(out, 'truth')
    write_csv(os.path.join(t, 'patients.csv'), PAT_H, P)
    write_csv(os.path.join(t, 'procedures.csv'), PROC_H, PR)
    write_csv(os.path.join(t, 'assessments.csv'), ASS_H, AS)
    write_csv(os.path.join(t, 'fractures.csv'), FX_H, FX)
    write_csv(os.path.join(t, 'errors.csv'), ERR_H, ERR)
    seen, ids = set(), []
    for k, v in IDS:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ids.append(dict(kind=k, value=v))
    write_csv(os.path.join(t, 'identifiers.csv'), ID_H, ids)
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Kaohsiung: hospital-information-system export, one row per event
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter

SEED = 19102
SHEET = '椎體整形追蹤'
HEAD = ['序號', '研究編號', '病歷號碼', '姓名', '性別', '出生日期(西元)', '聯絡電話',
        '事件類別', '事件日期', '追蹤時點', '椎節', '術式', '骨水泥量(c.c.)', '骨水泥種類',
        '滲漏', 'VAS(0-10)', 'ODI(%)', '診斷', '備註']
COL = {h: i + 1 for i, h in enumerate(HEAD)}
HROW = 4

SURN = list('陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾')
GF = ['美玉', '秀英', '麗華', '淑芬', '月娥', '玉蘭', '素珠', '秀蘭', '寶珠', '金花', '春梅',
      '碧霞', '淑貞', '阿雪', '秀琴', '玉梅', '麗珠', '彩雲', '月嬌', '素娥', '金鳳', '秀鳳']
GM = ['志明', '建國', '文雄', '金龍', '榮華', '國華', '明德', '清水', '天福', '俊雄', '正雄',
      '永福', '進財', '坤山']

TP1 = {'pre': '術前', '1m': '術後1個月', '3m': '術後3個月', '6m': '術後6個月', '12m': '術後1年'}
TP2 = {'pre': '二次術前', '1m': '二次術後1個月', '3m': '二次術後3個月'}
LEAK = {'disc': '椎間盤', 'venous': '靜脈', 'paravertebral': '椎旁軟組織',
        'epidural': '硬膜外', 'disc;venous': '椎間盤+靜脈'}
DIAG = {'osteoporotic': ['骨質疏鬆性壓迫性骨折', '骨鬆併脊椎壓迫性骨折', '骨質疏鬆症併壓迫性骨折'],
        'pathologic': ['轉移性脊椎腫瘤(肺癌)', '轉移性脊椎腫瘤(乳癌)', '多發性骨髓瘤', '肝癌脊椎轉移'],
        'traumatic': ['外傷性壓迫性骨折(車禍)', '外傷性壓迫性骨折(高處墜落)']}


def roc(d, long=False):
    if long:
        return '民國%d年%d月%d日' % (d.year - 1911, d.month, d.day)
    return '%03d/%02d/%02d' % (d.year - 1911, d.month, d.day) if d.year - 1911 >= 100 else \
        '%d/%02d/%02d' % (d.year - 1911, d.month, d.day)


def main(out):
    rng = random.Random(SEED)
    pats = gen_cohort(rng, 24, dt.date(2022, 3, 1), dt.date(2023, 6, 30),
                      ['1m', '3m', '6m', '12m'], ['1m', '3m'], ['pain_vas', 'odi'],
                      kp_p=0.35, multi_p=0.35, n_s2=3, n_fx_only=1, n_dead=3,
                      cements={'PMMA': 85, 'calcium phosphate': 15})
    ids = []
    used = set()
    for i, p in enumerate(pats):
        p['pid'] = 'KS-PVP-%03d' % (i + 1)
        while True:
            nm = rng.choice(SURN) + rng.choice(GF if p['sex'] == 'female' else GM)
            if nm not in used:
                used.add(nm)
                break
        p['name'] = nm
        p['mrn'] = '%08d' % rng.randrange(1000000, 39999999)
        p['phone'] = '09%02d-%03d-%03d' % (rng.randrange(10, 99), rng.randrange(1000), rng.randrange(1000)) \
            if rng.random() < .75 else '07-%03d-%04d' % (rng.randrange(200, 899), rng.randrange(10000))
        p['diag'] = rng.choice(DIAG[p['etiology']])
        ids += [('name', p['name']), ('record_number', p['mrn']),
                ('birth_date', p['birth'].strftime('%Y/%m/%d')), ('phone', p['phone'])]
        for s in p['sessions']:
            s['per_level'] = True
            if len(s['levels']) > 1 and rng.random() < .45:
                s['per_level'] = False
            if s['cement'] == 'calcium phosphate':
                s['cement_lbl'] = '磷酸鈣骨水泥'
            elif s['technique'] == 'kyphoplasty':
                s['cement_lbl'] = rng.choice(['Kyphon HV-R', 'PMMA', 'Kyphon HV-R'])
            else:
                s['cement_lbl'] = rng.choice(['PMMA', 'Vertecem V+', 'PMMA', '骨水泥(PMMA)'])

    # ---- choose error patients (plain role, distinct) ----
    plain = [p for p in pats if p['role'] == 'plain']
    rng.shuffle(plain)
    chosen = []

    def pick(cond):
        for p in plain:
            if p not in chosen and cond(p):
                chosen.append(p)
                return p
        raise AssertionError('no candidate')

    def late_visit(p):
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] != 'pre':
                d = date_of(p, v['day'])
                if d.month in (2, 4, 6, 9, 11) and d.day >= 22:
                    return v
        return None
    e_date_p = pick(late_visit)
    e_date = (e_date_p, late_visit(e_date_p))
    e_level = pick(lambda p: len(p['sessions'][0]['levels']) == 1)
    e_vas = pick(lambda p: any(v['tp'] == '3m' and v['status'] == 'done' and 'pain_vas' in v['scores']
                                for v in p['visits']))
    e_before = pick(lambda p: any(v['tp'] == '1m' and v['status'] == 'done' for v in p['visits']))

    # ---- rows ----
    events = []   # (pid order, sort key, dict)
    for p in pats:
        base = {'研究編號': p['pid'], '病歷號碼': p['mrn'], '姓名': p['name'],
                '性別': '女' if p['sex'] == 'female' else '男',
                '出生日期(西元)': p['birth'], '聯絡電話': p['phone']}
        ev = []
        for v in p['visits']:
            lab = (TP1 if v['session'] == 1 else TP2)[v['tp']]
            if v['status'] in ('dead', 'reop'):
                continue
            if v['status'] == 'missed':
                if rng.random() < .6:
                    ev.append((v['sched'], 1, dict(base, 事件類別='門診追蹤', 事件日期='', 追蹤時點=lab,
                                                   備註=rng.choice(['未回診', '電話聯絡未果', '失聯', '未回診'])), v))
                continue
            r = dict(base, 事件類別='術前評估' if v['tp'] == 'pre' else '門診追蹤',
                     事件日期=date_of(p, v['day']), 追蹤時點=lab)
            r['VAS(0-10)'] = v['scores'].get('pain_vas')
            r['ODI(%)'] = v['scores'].get('odi', '未填' if v.get('partial') == 'odi' else None)
            ev.append((v['day'], 0 if v['tp'] == 'pre' else 1, r, v))
        for s in p['sessions']:
            lv = [l['level'] for l in s['levels']]
            if len(lv) == 2 and lvl_idx(lv[1]) == lvl_idx(lv[0]) + 1 and rng.random() < .4:
                lvtxt = '%s-%s' % (lv[0], lv[1])
            else:
                lvtxt = rng.choice(['、', ', ', '、']).join(lv)
            if len(lv) == 1:
                cem = s['levels'][0]['vol']
            elif s['per_level']:
                cem = '+'.join('%.1f' % l['vol'] for l in s['levels'])
            else:
                tot = sum(l['vol'] for l in s['levels'])
                cem = rng.choice(['共%.1f', '%.1f', '共%g']) % tot
            if len(lv) == 1:
                lk = s['levels'][0]['leak']
                leak = '無' if lk == 'none' else LEAK[lk]
            else:
                parts = ['%s:%s' % (l['level'], LEAK[l['leak']]) for l in s['levels'] if l['leak'] != 'none']
                leak = '無' if not parts else '；'.join(parts) + ('' if len(parts) == len(lv) else '，其餘無')
            tech = rng.choice(['PVP', '椎體成形術', 'PVP']) if s['technique'] == 'vertebroplasty' \
                else rng.choice(['BKP', '氣球擴張椎體後凸成形術', 'BKP'])
            r = dict(base, 事件類別='手術', 事件日期=date_of(p, s['day']), 椎節=lvtxt, 術式=tech)
            r['骨水泥量(c.c.)'] = cem
            r['骨水泥種類'] = s['cement_lbl']
            r['滲漏'] = leak
            r['診斷'] = p['diag']
            if s['n'] == 2:
                r['備註'] = '新骨折再次手術'
            s['_row'] = r
            ev.append((s['day'], 0.5, r, s))
        for f in p['fractures']:
            note = 'X光顯示%s新壓迫性骨折' % f['level']
            if p['role'] == 'fx':
                note += '，背架保守治療'
            r = dict(base, 事件類別='新骨折', 事件日期=date_of(p, f['day']), 椎節=f['level'], 備註=note)
            ev.append((f['day'], 2, r, f))
        if p['died'] == 'yes':
            note = '原發癌症病逝' if p['etiology'] == 'pathologic' else rng.choice(['肺炎病逝', '家屬告知於家中過世'])
            r = dict(base, 事件類別='死亡', 事件日期=date_of(p, p['death_day']), 備註=note)
            ev.append((p['death_day'], 3, r, None))
        ev.sort(key=lambda e: (e[0], e[1]))
        events.append((p, ev))

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws['A1'] = '南興醫學大學附設中和紀念醫院 骨科部脊椎外科　經皮椎體成形術(PVP)／氣球擴張椎體後凸成形術(BKP) 病例追蹤紀錄'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = '資料來源：醫療資訊系統(HIS)匯出　匯出日期：113/09/02　匯出者：脊椎外科研究助理　※日期為民國年，出生日期為西元年'
    for h, c in COL.items():
        cell = ws.cell(HROW, c, h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill('solid', fgColor='DDEBF7')
        cell.alignment = Alignment(horizontal='center', wrap_text=True)
    row = HROW + 1
    seq = 1
    err = []
    for p, ev in events:
        for day, _, r, obj in ev:
            r = dict(r)
            r['序號'] = seq
            d = r.get('事件日期')
            if isinstance(d, dt.date):
                # planted errors on dates
                if p is e_before and obj is not None and obj.get('tp') == '1m' and obj.get('session') == 1:
                    bad = dt.date(d.year - 1, d.month, d.day)
                    txt = roc(bad)
                    err.append(dict(sheet=SHEET, cell='%s%d' % (get_column_letter(COL['事件日期']), row),
                                    row=row, column_header='事件日期', value=txt,
                                    what_is_wrong='follow-up visit (術後1個月) dated a year before the procedure (%s)' % roc(date_of(p, 0)),
                                    patient_id=p['pid']))
                    r['事件日期'] = txt
                elif e_date and p is e_date[0] and obj is e_date[1]:
                    dd = 30 if d.month == 2 else 31
                    txt = '%d/%02d/%02d' % (d.year - 1911, d.month, dd)
                    err.append(dict(sheet=SHEET, cell='%s%d' % (get_column_letter(COL['事件日期']), row),
                                    row=row, column_header='事件日期', value=txt,
                                    what_is_wrong='impossible calendar date (month %d has no day %d)' % (d.month, dd),
                                    patient_id=p['pid']))
                    r['事件日期'] = txt
                else:
                    r['事件日期'] = roc(d, long=rng.random() < .15)
            if p is e_level and obj is p['sessions'][0]:
                r['椎節'] = 'L6'
                err.append(dict(sheet=SHEET, cell='%s%d' % (get_column_letter(COL['椎節']), row),
                                row=row, column_header='椎節', value='L6',
                                what_is_wrong='impossible vertebral level L6 (treated level)',
                                patient_id=p['pid']))
            if p is e_vas and obj is not None and obj.get('tp') == '3m' and obj.get('status') == 'done':
                r['VAS(0-10)'] = 12
                err.append(dict(sheet=SHEET, cell='%s%d' % (get_column_letter(COL['VAS(0-10)']), row),
                                row=row, column_header='VAS(0-10)', value='12',
                                what_is_wrong='VAS 12 beyond the 0-10 scale', patient_id=p['pid']))
                obj['vas_err'] = True
            for h, c in COL.items():
                val = r.get(h)
                if val is None or val == '':
                    continue
                cell = ws.cell(row, c, val)
                if h == '出生日期(西元)':
                    if p['k'] % 5 == 2:
                        cell.number_format = 'yyyy/mm/dd'
                    else:
                        cell.value = val.strftime('%Y/%m/%d')
                if h in ('病歷號碼', '聯絡電話'):
                    cell.number_format = '@'
            row += 1
            seq += 1
    assert len(err) == 4, err
    widths = [6, 12, 11, 9, 5, 12, 14, 9, 17, 14, 12, 22, 13, 14, 22, 9, 8, 24, 26]
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    ws.freeze_panes = 'E5'
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))

    # ---- truth ----
    P, PR, AS, FX = truth_tables(pats, lambda p: p['pid'])
    for r in PR:
        if r['_p'] is e_level and r['_s']['n'] == 1:
            r['level'] = ''
    AS = [a for a in AS if not (a['_v'].get('vas_err') and a['measure'] == 'pain_vas')]
    write_truth(out, P, PR, AS, FX, err, ids)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
