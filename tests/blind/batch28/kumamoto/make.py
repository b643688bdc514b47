# ---------------------------------------------------------------------------
# Generic cohort generator (shared by the writer's sites, copied verbatim).
# Only the standard library is used here.
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}


def lvl_idx(level):
    return SPINE.index(level)


def make_cohort(seed, n, start, end, cut, tps1, tps2, etio_w, odi_tps=(),
                p_second=0.22, p_kypho=0.35, vas_step=1.0, p_missed=0.1,
                cement_types=(('PMMA', 1.0),)):
    """Return a list of patient dicts; everything is decided here once."""
    rng = random.Random(seed)
    span = (end - start).days
    pts = []
    for i in range(n):
        p = {'n': i + 1}
        etio = rng.choices([e for e, _ in etio_w], [w for _, w in etio_w])[0]
        p['etio_detail'] = etio
        p['etiology'] = {'osteoporosis': 'osteoporotic', 'metastasis': 'pathologic',
                         'myeloma': 'pathologic', 'trauma': 'traumatic',
                         'haemangioma': 'other'}[etio]
        p['sex'] = 'female' if rng.random() < (0.75 if etio == 'osteoporosis' else 0.45) else 'male'
        lo, hi = {'osteoporosis': (62, 89), 'metastasis': (50, 80), 'myeloma': (52, 81),
                  'trauma': (44, 76), 'haemangioma': (38, 66)}[etio]
        age = rng.randint(lo, hi)
        p['age'] = age
        op1 = start + dt.timedelta(days=rng.randint(0, span))
        # birth date so that age at op1 is exactly `age`
        bd_year = op1.year - age - 1
        bd = dt.date(bd_year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        while (op1.year - bd.year - ((op1.month, op1.day) < (bd.month, bd.day))) != age:
            bd += dt.timedelta(days=5)
        p['birth'] = bd
        p['op1'] = op1
        # death
        p_death = {'metastasis': 0.45, 'myeloma': 0.3}.get(etio, 0.07)
        death_day = None
        if rng.random() < p_death:
            death_day = rng.randint(60, 520)
            if op1 + dt.timedelta(days=death_day) > cut:
                death_day = None
        p['death_day'] = death_day
        p['died'] = death_day is not None
        last_day = (cut - op1).days if death_day is None else death_day - 1
        # session 1 levels
        nlev = rng.choices([1, 2, 3], [0.55, 0.32, 0.13])[0]
        if etio == 'metastasis':
            top = rng.choice(['T6', 'T8', 'T9', 'T10', 'T11', 'L1', 'L2', 'L3'])
        else:
            top = rng.choice(['T7', 'T10', 'T11', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3'])
        ti = lvl_idx(top)
        lv1 = [SPINE[ti + k] for k in range(nlev) if ti + k <= lvl_idx('L5')]
        tech1 = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
        ctype = rng.choices([c for c, _ in cement_types], [w for _, w in cement_types])[0]
        sessions = [make_session(rng, 1, 0, op1, lv1, tech1, ctype)]
        fractures = []
        treated = set(lv1)
        # second operation
        if rng.random() < p_second and last_day > 120:
            d2 = rng.randint(35, min(330, last_day - 100))
            cand = [SPINE[lvl_idx(lv1[0]) - 1], SPINE[lvl_idx(lv1[-1]) + 1]]
            cand = [c for c in cand if c not in treated and c.startswith(('T', 'L'))]
            lv2 = [rng.choice(cand)]
            if rng.random() < 0.25:
                nxt = SPINE[lvl_idx(lv2[0]) + 1]
                if nxt not in treated and nxt.startswith(('T', 'L')):
                    lv2.append(nxt)
            tech2 = tech1 if rng.random() < 0.7 else ('kyphoplasty' if tech1 == 'vertebroplasty' else 'vertebroplasty')
            s2 = make_session(rng, 2, d2, op1 + dt.timedelta(days=d2), lv2, tech2, ctype)
            sessions.append(s2)
            treated |= set(lv2)
            for lv in lv2:
                fractures.append((d2 - rng.randint(4, 21), lv))
        elif rng.random() < 0.14 and last_day > 150:
            fd = rng.randint(45, min(400, last_day - 20))
            cand = [SPINE[lvl_idx(lv1[0]) - 1], SPINE[lvl_idx(lv1[-1]) + 1]]
            cand = [c for c in cand if c not in treated and c.startswith(('T', 'L'))]
            fractures.append((fd, rng.choice(cand)))
        p['fractures'] = sorted(fractures)
        p['sessions'] = sessions
        # assessments
        for s in sessions:
            tps = tps1 if s['session'] == 1 else tps2
            pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10]) if vas_step == 1 else rng.randint(62, 95) / 10
            odi_pre = rng.randint(44, 82)
            s['assess'] = {}
            for tp in tps:
                day = s['day'] + max(0, TP_DAYS[tp])
                if tp == 'pre':
                    day = s['day'] - rng.choice([0, 0, 1, 1, 2])
                else:
                    day += rng.randint(-(TP_DAYS[tp] // 10), TP_DAYS[tp] // 6 + (1 if TP_DAYS[tp] > 1 else 0))
                if day > last_day:
                    break  # no more visits (dead / data cut)
                if tp not in ('pre', '24h') and rng.random() < p_missed:
                    s['assess'][tp] = {'missed': True, 'day': day}
                    continue
                if tp == 'pre':
                    vas = pre
                else:
                    frac = {'24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4,
                            '3m': 0.33, '6m': 0.32, '12m': 0.3}[tp]
                    vas = pre * frac + rng.uniform(-1.2, 1.4)
                    if p['etiology'] == 'pathologic':
                        vas += 0.8
                    vas = min(10, max(0, vas))
                    vas = round(vas) if vas_step == 1 else round(vas * 10) / 10
                a = {'missed': False, 'day': day, 'vas': vas}
                if tp in odi_tps:
                    if tp == 'pre':
                        a['odi'] = odi_pre
                    else:
                        a['odi'] = max(4, min(100, int(odi_pre * {'24h': 0.8, '1w': 0.7, '6w': 0.6, '1m': 0.62, '3m': 0.5, '6m': 0.48, '12m': 0.45}[tp] + rng.randint(-6, 6))))
                    a['odi'] -= a['odi'] % 2  # 10 items x 5 points -> even percent
                s['assess'][tp] = a
        pts.append(p)
    return pts


def make_session(rng, no, day, date, levels, tech, ctype):
    lv = []
    for L in levels:
        if tech == 'kyphoplasty':
            vol = rng.choice([3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5])
        else:
            vol = rng.choice([2.0, 2.5, 3.0, 3.0, 3.5, 3.5, 4.0, 4.5, 5.0])
        if L.startswith('T') and int(L[1:]) < 10:
            vol = max(1.5, vol - 1.0)
        if rng.random() < 0.25:
            vol = round(vol + rng.choice([-0.2, 0.2, 0.3, -0.3]), 1)
        leak = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'epidural', 'disc;venous'],
                           [0.68, 0.12, 0.1, 0.05, 0.02, 0.03])[0]
        if tech == 'kyphoplasty' and leak != 'none' and rng.random() < 0.5:
            leak = 'none'
        lv.append({'level': L, 'vol': vol, 'leak': leak})
    return {'session': no, 'day': day, 'date': date, 'technique': tech,
            'cement_type': ctype, 'levels': lv,
            'total': round(sum(x['vol'] for x in lv), 1)}


def fmt_num(x, dec=','):
    s = ('%g' % x) if isinstance(x, (int, float)) else str(x)
    return s.replace('.', dec)


def write_truth(patients, errors, identifiers, per_vertebra=True, leak_recorded=True,
                vol_override=None):
    """patients: final dicts; errors: list of dicts; identifiers: list of (kind, value)."""
    tdir = os.path.join(HERE, 'truth')
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            cw.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in patients])
    rows = []
    for p in patients:
        for s in p['sessions']:
            pv = per_vertebra if not callable(per_vertebra) else per_vertebra(p, s)
            for x in s['levels']:
                rows.append([p['id'], s['session'], s['day'], x['level'], s['technique'],
                             fmt_num(x['vol'], '.') if pv else '',
                             '' if pv else fmt_num(s['total'], '.'),
                             s['cement_type'] or '',
                             x['leak'] if leak_recorded else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    rows = []
    for p in patients:
        for s in p['sessions']:
            for tp in order:
                a = s['assess'].get(tp)
                if not a or a['missed']:
                    continue
                rows.append([p['id'], s['session'], 'pain_vas', tp, fmt_num(a['vas'], '.')])
                if 'odi' in a:
                    rows.append([p['id'], s['session'], 'odi', tp, a['odi']])
                if 'mob' in a:
                    rows.append([p['id'], s['session'], 'mobility', tp, a['mob']])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, L] for p in patients for d, L in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.append((k, str(v)))
    w('identifiers.csv', ['kind', 'value'], seen)


def age_at(bd, date):
    return date.year - bd.year - ((date.month, date.day) < (bd.month, bd.day))


def col_letter(i):  # 0-based -> 'A'
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
def freeze_xlsx(path, stamp):
    """openpyxl stamps the save time into the file; pin it so reruns are byte-identical."""
    import re as _re
    import zipfile
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == 'docProps/core.xml':
                data = _re.sub(rb'(<dcterms:(?:created|modified)[^>]*>)[^<]*', rb'\g<1>' + stamp.encode(), data)
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 10, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


# --------------------------- end of shared part -----------------------------

# ============================ KUMAMOTO =====================================
# Export of the hospital's 脊椎外科 registry: cp932 CSV, one row per visit.
SEED = 28201
START, END, CUT = dt.date(2021, 4, 1), dt.date(2022, 12, 20), dt.date(2024, 1, 31)

pts = make_cohort(SEED, 17, START, END, CUT,
                  tps1=['pre', '24h', '1w', '1m', '3m', '6m', '12m'], tps2=['pre', '24h', '1m', '3m', '6m'],
                  etio_w=[('osteoporosis', 0.66), ('metastasis', 0.16), ('myeloma', 0.08),
                          ('trauma', 0.06), ('haemangioma', 0.04)],
                  odi_tps=('pre', '3m', '12m'), p_second=0.25, p_kypho=0.7,
                  cement_types=(('PMMA', 0.85), ('calcium phosphate', 0.15)))
rng = random.Random(SEED + 1)

# VAS is kept in mm (0-100) at this unit -> derive mm, truth = mm / 10
for p in pts:
    for s in p['sessions']:
        for a in s['assess'].values():
            if not a['missed']:
                mm = int(min(100, max(0, round(a['vas'] * 10 + rng.randint(-4, 4)))))
                a['mm'] = mm
                a['vas'] = mm / 10

SUR = ['田中', '松本', '中村', '井上', '坂本', '村上', '山口', '緒方', '宮本', '吉田', '古閑',
       '西村', '上田', '野田', '荒木', '福田', '前田', '本田', '永田']
F_GIV = ['和子', '幸子', '節子', '美代子', '久美子', 'ミツ子', '千代子', '文子', '弘子', 'トシ子', '悦子']
M_GIV = ['一郎', '義男', '清', '勝', '茂', '正雄', '博', '誠', '修', '隆']
DX = {'osteoporosis': ['骨粗鬆症性椎体骨折', '骨粗鬆症'],
      'metastasis': ['転移性脊椎腫瘍（肺癌）', '転移性脊椎腫瘍（乳癌）', '転移性脊椎腫瘍（前立腺癌）'],
      'myeloma': ['多発性骨髄腫'],
      'trauma': ['外傷性椎体骨折（転落）', '外傷性椎体骨折（交通事故）'],
      'haemangioma': ['椎体血管腫']}
LEAK = {'none': 'なし', 'disc': '椎間板', 'venous': '静脈', 'paravertebral': '椎体外（傍脊柱）',
        'epidural': '脊柱管内'}
TP_JP = {'pre': '術前', '24h': '術後1日', '1w': '術後1週', '1m': '術後1ヶ月', '3m': '術後3ヶ月',
         '6m': '術後6ヶ月', '12m': '術後12ヶ月'}


def jlevel(L):
    return ('Th' + L[1:]) if L.startswith('T') else L


def jd(x):
    return '%04d/%02d/%02d' % (x.year, x.month, x.day)


identifiers = []
used = set()
for p in pts:
    p['id'] = 'KMT-%02d' % p['n']
    while True:
        nm = rng.choice(SUR) + '\u3000' + rng.choice(F_GIV if p['sex'] == 'female' else M_GIV)
        if nm not in used:
            used.add(nm)
            break
    p['name'] = nm
    p['mrn'] = '%08d' % rng.randint(10000000, 39999999)
    p['dx'] = rng.choice(DX[p['etio_detail']])
    identifiers += [('name', p['name']), ('record_number', p['mrn']), ('birth_date', jd(p['birth']))]

HEAD = ['研究ID', '患者ID', '氏名', '生年月日', '性別', '年齢', '原疾患', '来院日', '来院区分', '手術回',
        '術式', '骨セメント', '治療椎体1', '注入量1(ml)', '漏出1', '治療椎体2', '注入量2(ml)', '漏出2',
        '治療椎体3', '注入量3(ml)', '漏出3', 'VAS(mm)', 'ODI(%)', '新規椎体骨折', '転帰', '備考']
C = {h: i for i, h in enumerate(HEAD)}

events = []  # (date, order, patient, session, kind, payload)
for p in pts:
    for s in p['sessions']:
        pre = 'pre'
        for tp, a in s['assess'].items():
            date = p['op1'] + dt.timedelta(days=a['day'])
            kind = ('visit', tp)
            events.append([date, 0 if tp == 'pre' else 2, p, s, kind, a])
        events.append([s['date'], 1, p, s, ('op', None), None])
    for fd, L in p['fractures']:
        # diagnosed at an unscheduled visit (臨時受診)
        events.append([p['op1'] + dt.timedelta(days=fd), 1, p, None, ('fx', L), None])
    if p['died']:
        events.append([p['op1'] + dt.timedelta(days=p['death_day']), 3, p, None, ('death', None), None])

rows = []
for date, order, p, s, kind, a in sorted(events, key=lambda e: (e[2]['n'], e[0], e[1])):
    r = [''] * len(HEAD)
    r[C['研究ID']] = p['id']
    r[C['患者ID']] = p['mrn']
    r[C['氏名']] = p['name']
    r[C['生年月日']] = jd(p['birth'])
    r[C['性別']] = '女' if p['sex'] == 'female' else '男'
    r[C['年齢']] = str(age_at(p['birth'], date))
    r[C['原疾患']] = p['dx']
    r[C['来院日']] = jd(date)
    r[C['転帰']] = '死亡' if kind[0] == 'death' else ''
    if kind[0] == 'op':
        r[C['来院区分']] = '手術' if s['session'] == 1 else '再手術'
        r[C['手術回']] = str(s['session'])
        r[C['術式']] = 'BKP' if s['technique'] == 'kyphoplasty' else '椎体形成術(VP)'
        r[C['骨セメント']] = 'PMMA' if s['cement_type'] == 'PMMA' else 'CPC（バイオペックス）'
        for k, x in enumerate(s['levels']):
            r[C['治療椎体%d' % (k + 1)]] = jlevel(x['level'])
            r[C['注入量%d(ml)' % (k + 1)]] = '%.1f' % x['vol']
            r[C['漏出%d' % (k + 1)]] = '+'.join(LEAK[t] for t in x['leak'].split(';'))
        if p['etio_detail'] in ('metastasis', 'myeloma'):
            r[C['備考']] = '椎体生検同時施行'
    elif kind[0] == 'visit':
        tp = kind[1]
        lab = TP_JP[tp]
        if s['session'] == 2:
            lab = '再' + lab
        r[C['来院区分']] = lab
        r[C['手術回']] = str(s['session'])
        if a['missed']:
            r[C['来院日']] = ''
            r[C['備考']] = rng.choice(['未来院', '未来院（電話つながらず）', '来院なし', '未来院（施設入所）'])
        else:
            r[C['VAS(mm)']] = str(a['mm'])
            if 'odi' in a:
                r[C['ODI(%)']] = str(a['odi'])
            if tp == '24h':
                r[C['備考']] = rng.choice(['', '', '歩行開始', '疼痛軽減', ''])
    elif kind[0] == 'fx':
        r[C['来院区分']] = '臨時受診'
        r[C['新規椎体骨折']] = jlevel(kind[1])
        r[C['備考']] = '腰背部痛増悪、MRIにて新規骨折'
    elif kind[0] == 'death':
        r[C['来院区分']] = '死亡'
        r[C['備考']] = rng.choice(['家族より電話連絡', '他院にて死亡（紹介元より）', '原病死'])
    rows.append((r, p, s, kind))

errors = []


def plant(idx_pred, col, new_val, what):
    for i, (r, p, s, kind) in enumerate(rows):
        if not p.get('err') and idx_pred(r, p, s, kind):
            old = r[C[col]]
            r[C[col]] = new_val(r)
            p['err'] = True
            errors.append({'sheet': 'input.csv', 'cell': col_letter(C[col]) + str(i + 2), 'row': i + 2,
                           'header': col, 'value': r[C[col]], 'what': what(old), 'pid': p['id']})
            return
    raise SystemExit('cannot plant ' + col)


# 1. missing study ID on a 3-month follow-up row
plant(lambda r, p, s, k: p['n'] >= 3 and k == ('visit', '3m') and r[C['VAS(mm)']], '研究ID', lambda r: '',
      lambda old: 'study ID missing on this row (patient only identifiable by 患者ID/氏名); should be %s' % old)
# 2. impossible date on a follow-up row (31st of a 30-day month)
plant(lambda r, p, s, k: k[0] == 'visit' and k[1] in ('1m', '6m') and r[C['来院日']] and int(r[C['来院日']][5:7]) in (4, 6, 9, 11) and int(r[C['来院日']][8:]) >= 28,
      '来院日', lambda r: r[C['来院日']][:8] + '31',
      lambda old: 'impossible date (31st of a 30-day month); recorded date should be %s' % old)
# 3. VAS in mm with an extra zero (> 100)
plant(lambda r, p, s, k: k == ('visit', '1m') and r[C['VAS(mm)']] and 20 <= int(r[C['VAS(mm)']]) < 100,
      'VAS(mm)', lambda r: r[C['VAS(mm)']] + '0',
      lambda old: 'VAS above the 0-100 mm scale (extra zero); should be %s mm' % old)
# 4. injected volume with the decimal point lost
plant(lambda r, p, s, k: k[0] == 'op' and r[C['注入量1(ml)']] in ('3.5', '4.5', '2.5', '5.5'),
      '注入量1(ml)', lambda r: r[C['注入量1(ml)']].replace('.', ''),
      lambda old: 'injected volume > 20 ml for one vertebra (decimal point lost); should be %s ml' % old)

with open(os.path.join(HERE, 'input.csv'), 'w', encoding='cp932', newline='') as f:
    cw = csv.writer(f, lineterminator='\r\n')
    cw.writerow(HEAD)
    for r, p, s, k in rows:
        cw.writerow(r)

write_truth(pts, errors, identifiers, per_vertebra=True)
