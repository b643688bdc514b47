#!/usr/bin/env python3
# make.py for site 'peshawar' -- usage: python make.py OUTDIR
# ---------------------------------------------------------------------------
# Cohort generator (shared part).  Deterministic: everything is drawn from one
# random.Random(seed).  The site part below renders the cohort into the unit's
# own spreadsheet layout and writes the truth tables from the same objects.
# ---------------------------------------------------------------------------
import sys, os, csv, random, calendar
from datetime import date, timedelta

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAY = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 90,
          '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '1m': 3, '6w': 3, '3m': 6,
          '6m': 9, '12m': 12, '24m': 20}


def lvl_index(lv):
    return LEVELS.index(lv)


def age_at(birth, d):
    a = d.year - birth.year
    if (d.month, d.day) < (birth.month, birth.day):
        a -= 1
    return a


def fmt_num(v):
    if v is None:
        return ''
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return ('%g' % v) if isinstance(v, float) else str(v)


def wchoice(rng, items):
    tot = sum(w for _, w in items)
    r = rng.uniform(0, tot)
    acc = 0
    for it, w in items:
        acc += w
        if r <= acc:
            return it
    return items[-1][0]


def score(rng, measure, tp, pre=None):
    if measure == 'vas':
        if tp == 'pre':
            return rng.randint(6, 10)
        if tp == '24h':
            return max(0, pre - rng.randint(2, 5))
        if tp in ('1w', '2w'):
            return max(0, pre - rng.randint(3, 6))
        if tp in ('1m', '6w'):
            return rng.randint(1, 4)
        return rng.randint(0, 3)
    if measure == 'odi':
        if tp == 'pre':
            return 2 * rng.randint(22, 43)
        if tp in ('24h', '1w', '2w'):
            return 2 * rng.randint(16, 30)
        if tp in ('1m', '6w'):
            return 2 * rng.randint(10, 24)
        return 2 * rng.randint(6, 20)
    if measure == 'mobility':
        if tp == 'pre':
            return rng.randint(2, 4)
        if tp == '24h':
            return rng.randint(1, 3)
        return rng.randint(0, 2)
    raise ValueError(measure)


def pick_levels(rng, det, k):
    if det.startswith('osteo'):
        w = [('T6', 1), ('T7', 1), ('T8', 2), ('T9', 2), ('T10', 3), ('T11', 5),
             ('T12', 9), ('L1', 9), ('L2', 6), ('L3', 4), ('L4', 2)]
    elif det.startswith('trauma'):
        w = [('T11', 3), ('T12', 5), ('L1', 6), ('L2', 3), ('L3', 1)]
    else:
        w = [(l, 1) for l in LEVELS[3:]]
    c = lvl_index(wchoice(rng, w))
    if k > 1 and det in ('meta_breast', 'meta_prostate', 'meta_lung', 'myeloma') \
            and rng.random() < 0.4:
        idx = sorted(rng.sample(range(3, 17), k))
        return [LEVELS[i] for i in idx]
    s = c - rng.randint(0, k - 1)
    s = max(0, min(s, 17 - k))
    return [LEVELS[i] for i in range(s, s + k)]


def cement_vol(rng, lv, tech):
    i = lvl_index(lv)
    if i <= 5:
        lo, hi = 2.0, 3.5
    elif i <= 9:
        lo, hi = 2.5, 4.5
    elif i <= 12:
        lo, hi = 3.0, 5.5
    else:
        lo, hi = 3.5, 6.5
    if tech == 'kyphoplasty':
        lo, hi = lo + 0.5, hi + 1.0
    v = rng.uniform(lo, hi)
    if rng.random() < 0.85:
        return round(v * 2) / 2.0
    return round(v, 1)


LEAK_W = [((), 72), (('disc',), 10), (('venous',), 9), (('paravertebral',), 5),
          (('epidural',), 2), (('foraminal',), 1), (('disc', 'venous'), 1)]


def gen_cohort(cfg):
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    # aetiology detail, fixed counts
    dets = []
    dets += ['meta_breast'] * cfg.get('n_breast', 2)
    dets += ['meta_prostate'] * cfg.get('n_prostate', 1)
    dets += ['meta_lung'] * cfg.get('n_lung', 1)
    dets += ['myeloma'] * cfg.get('n_myeloma', 2)
    dets += ['trauma_fall'] * cfg.get('n_fall', 2)
    dets += ['trauma_rta'] * cfg.get('n_rta', 1)
    dets += ['osteo'] * (n - len(dets))
    rng.shuffle(dets)
    n_multi = int(round(0.3 * n))
    nlev = [1] * n
    multi_idx = rng.sample(range(n), n_multi)
    for j, i in enumerate(multi_idx):
        nlev[i] = 3 if j < max(1, n_multi // 3) else 2
    span = (cfg['end'] - cfg['start']).days
    d1s = sorted(cfg['start'] + timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        det = dets[i]
        if det == 'meta_breast':
            sex = 'female'
        elif det == 'meta_prostate':
            sex = 'male'
        elif det.startswith('osteo'):
            sex = 'female' if rng.random() < 0.8 else 'male'
        elif det.startswith('trauma'):
            sex = 'male' if rng.random() < 0.6 else 'female'
        else:
            sex = rng.choice(['female', 'male'])
        if det.startswith('osteo'):
            age = rng.randint(58, 89)
        elif det.startswith('trauma'):
            age = rng.randint(34, 72)
        else:
            age = rng.randint(45, 80)
        d1 = d1s[i]
        by = d1.year - age - rng.choice([0, 1])
        birth = date(by, rng.randint(1, 12), rng.randint(1, 28))
        age = age_at(birth, d1)
        etio = ('osteoporotic' if det.startswith('osteo') else
                'traumatic' if det.startswith('trauma') else 'pathologic')
        if det.startswith('trauma') or rng.random() < cfg.get('kp_share', 0.3) * (0.6 if etio == 'osteoporotic' else 1.0):
            tech = 'kyphoplasty'
        else:
            tech = 'vertebroplasty'
        if det.startswith('trauma') and age < 55 and cfg.get('cap_key'):
            ckey = cfg['cap_key']
        else:
            ckey = wchoice(rng, cfg['cements'])
        levels = pick_levels(rng, det, nlev[i])
        lvs = []
        for lv in levels:
            leak = wchoice(rng, LEAK_W)
            lvs.append({'level': lv, 'vol': cement_vol(rng, lv, tech), 'leak': list(leak)})
        s1 = {'n': 1, 'date': d1, 'tech': tech, 'ckey': ckey,
              'cement_type': cfg['cement_type'][ckey], 'levels': lvs,
              'leak_recorded': rng.random() > cfg.get('leak_unrec_p', 0.06)}
        pts.append({'i': i, 'det': det, 'etiology': etio, 'sex': sex, 'age': age,
                    'birth': birth, 'sessions': [s1], 'fractures': [], 'died': False,
                    'death_date': None, 'visits': []})

    def make_visits(p, sess, tps, measures, until=None):
        sd = sess['date']
        pre = None
        out = []
        for tp in tps:
            vd = sd + timedelta(days=TP_DAY[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            if until is not None and vd >= until:
                break
            status = 'done'
            if tp not in ('pre', '24h') and rng.random() < cfg.get('miss_p', 0.1):
                status = 'missed'
            sc = {}
            for m in measures.get(tp, []):
                if m == 'vas' and tp != 'pre':
                    val = score(rng, m, tp, pre)
                else:
                    val = score(rng, m, tp, pre)
                if m == 'vas' and tp == 'pre':
                    pre = val
                if status == 'done' and tp != 'pre' and rng.random() < cfg.get('item_miss_p', 0.04):
                    val = None
                sc[m] = val if status == 'done' else None
            out.append({'session': sess['n'], 'tp': tp, 'date': vd, 'status': status, 'scores': sc})
        return out

    # choose patients for 2nd sessions / untreated fractures / deaths
    idx = list(range(n))
    rng.shuffle(idx)
    path = [i for i in idx if pts[i]['etiology'] == 'pathologic']
    nonpath = [i for i in idx if pts[i]['etiology'] == 'osteoporotic' and pts[i]['age'] >= 75]
    dead = path[:cfg.get('n_deaths', 3) - 1] + nonpath[:1]
    rest = [i for i in idx if i not in dead and pts[i]['etiology'] != 'traumatic']
    second = rest[:cfg.get('n_second', 3)]
    untreated = rest[cfg.get('n_second', 3):cfg.get('n_second', 3) + cfg.get('n_untreated', 2)]
    lastday = TP_DAY[cfg['tps1'][-1]]
    for i in range(n):
        p = pts[i]
        s1 = p['sessions'][0]
        d1 = s1['date']
        treated = [lvl_index(l['level']) for l in s1['levels']]
        if i in second or i in untreated:
            lo, hi = cfg['frac_window']
            f = rng.randint(lo, hi)
            cands = [min(treated) - 1, max(treated) + 1, min(treated) - 2, max(treated) + 2]
            cands = [c for c in cands if 3 <= c <= 16]
            flv = LEVELS[cands[0] if rng.random() < 0.6 else cands[1 % len(cands)]]
            fdate = d1 + timedelta(days=f)
            p['fractures'].append({'date': fdate, 'level': flv})
            if i in second:
                s2d = fdate + timedelta(days=rng.randint(3, 12))
                p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'], until=fdate)
                tech2 = s1['tech'] if rng.random() < 0.7 else ('kyphoplasty' if s1['tech'] == 'vertebroplasty' else 'vertebroplasty')
                s2 = {'n': 2, 'date': s2d, 'tech': tech2, 'ckey': s1['ckey'],
                      'cement_type': s1['cement_type'],
                      'levels': [{'level': flv, 'vol': cement_vol(rng, flv, tech2), 'leak': list(wchoice(rng, LEAK_W))}],
                      'leak_recorded': True}
                p['sessions'].append(s2)
                p['visits'] += make_visits(p, s2, cfg['tps2'], cfg.get('measures2', cfg['measures']))
            else:
                p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'])
        elif i in dead:
            lo, hi = cfg['death_window']
            dd = d1 + timedelta(days=rng.randint(lo, hi))
            p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'], until=dd - timedelta(days=3))
            p['died'] = True
            p['death_date'] = dd
        else:
            p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'])
    return pts


def truth_tables(P, vol_mode='vertebra'):
    pats, procs, assess, fracs = [], [], [], []
    for p in P:
        pats.append({'patient_id': p['pid'], 'sex': p['sex'], 'age_years': p['age'],
                     'etiology': p['etiology'], 'died': 'yes' if p['died'] else 'no'})
        d1 = p['sessions'][0]['date']
        for s in p['sessions']:
            tot = sum(l['vol'] for l in s['levels'])
            for lv in s['levels']:
                if vol_mode == 'vertebra':
                    cv, sv = fmt_num(lv['vol']), ''
                else:
                    cv, sv = '', fmt_num(round(tot, 2))
                leak = (';'.join(lv['leak']) if lv['leak'] else 'none') if s['leak_recorded'] else ''
                procs.append({'patient_id': p['pid'], 'session': s['n'],
                              'day': '' if s.get('day_unknown') else (s['date'] - d1).days,
                              'level': lv['level'], 'technique': s['tech'],
                              'cement_volume_ml': cv, 'session_cement_volume_ml': sv,
                              'cement_type': s['cement_type'], 'leakage': leak})
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            for m in ('vas', 'odi', 'mobility'):
                val = v['scores'].get(m)
                if val is None:
                    continue
                meas = {'vas': 'pain_vas', 'odi': 'odi', 'mobility': 'mobility'}[m]
                assess.append({'patient_id': p['pid'], 'session': v['session'],
                               'measure': meas, 'timepoint': v['tp'], 'value': fmt_num(val)})
        for f in p['fractures']:
            fracs.append({'patient_id': p['pid'], 'day': (f['date'] - d1).days, 'level': f['level']})
    return pats, procs, assess, fracs


def write_csv(path, fields, rows):
    with open(path, 'w', newline='', encoding='utf-8') as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, '') for k in fields})


def write_truth(outdir, P, errors, identifiers, vol_mode='vertebra'):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    pats, procs, assess, fracs = truth_tables(P, vol_mode)
    write_csv(os.path.join(td, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'], pats)
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], procs)
    write_csv(os.path.join(td, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], assess)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], fracs)
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, rows = set(), []
    for k, v in identifiers:
        if (k, v) not in seen and v not in ('', None):
            seen.add((k, v))
            rows.append({'kind': k, 'value': v})
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], rows)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def simple_patients(P):
    """Patients with one session, no new fracture, not dead: safe hosts for errors."""
    return [p for p in P if len(p['sessions']) == 1 and not p['fractures'] and not p['died']]

# ---------------------------------------------------------------------------
# Site part
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side

CFG = dict(seed=20201, n=24, start=date(2021, 3, 1), end=date(2022, 12, 20),
           tps1=['pre', '24h', '1m', '3m', '6m'], tps2=['pre', '24h', '1m', '3m'],
           measures={t: ['vas'] for t in ['pre', '24h', '1m', '3m', '6m']},
           frac_window=(38, 80), death_window=(40, 170), n_deaths=3, n_second=3,
           n_untreated=2, kp_share=0.3, miss_p=0.12, item_miss_p=0.0,
           cements=[('pmma', 6), ('osteopal', 2)], cap_key='cap',
           cement_type={'pmma': 'PMMA', 'osteopal': 'PMMA', 'cap': 'calcium phosphate'},
           n_breast=2, n_prostate=1, n_lung=1, n_myeloma=1, n_fall=2, n_rta=1)

UR = str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹')


def ur(s):
    return str(s).translate(UR)


FEM = ['زرینہ بی بی', 'گل بانو', 'شمیم اختر', 'نسرین بیگم', 'رضیہ سلطانہ', 'شاہدہ پروین',
       'نور جہان', 'فرزانہ کوثر', 'خدیجہ بی بی', 'زبیدہ خاتون', 'ثمینہ کوثر', 'پروین اختر',
       'حلیمہ بی بی', 'آمنہ بی بی', 'ریحانہ یاسمین', 'صفیہ بیگم', 'مہر النساء', 'بلقیس بی بی',
       'ناہید اختر', 'گلالئی']
MAL = ['محمد اسلم خان', 'گل زمان', 'شیر علی', 'فضل ربی', 'عبدالرحمٰن', 'محمد ایاز',
       'سید اکبر شاہ', 'نور محمد', 'خان زادہ', 'حاجی فضل الٰہی', 'بخت زمین', 'امیر زادہ']
HUSB = ['گل خان', 'شاہ ولی', 'محمد نواز', 'عبدالقیوم', 'سردار علی', 'تاج محمد']
ETIO = {'osteo': ['آسٹیوپوروٹک فریکچر', 'Osteoporotic #', 'ہڈیوں کی کمزوری (آسٹیوپوروسس)', 'آسٹیوپوروسس'],
        'meta_breast': ['میٹاسٹیسس — چھاتی کا کینسر'],
        'meta_prostate': ['پروسٹیٹ کینسر میٹاسٹیسس'],
        'meta_lung': ['پھیپھڑوں کا کینسر (میٹاسٹیٹک)'],
        'myeloma': ['ملٹیپل مائیلوما'],
        'trauma_fall': ['چھت سے گرنا (ٹراما)'],
        'trauma_rta': ['روڈ ٹریفک حادثہ (ٹراما)']}
TECH = {'vertebroplasty': ['ورٹیبروپلاسٹی', 'PVP', 'Vertebroplasty'],
        'kyphoplasty': ['کائفوپلاسٹی', 'BKP', 'Kyphoplasty']}
CEM = {'pmma': ['PMMA', 'بون سیمنٹ (PMMA)'], 'osteopal': ['Osteopal V'], 'cap': ['کیلشیم فاسفیٹ']}
LEAKW = {'disc': 'ڈسک', 'venous': 'وینس', 'paravertebral': 'پیرا ورٹیبرل',
         'epidural': 'ایپی ڈیورل', 'foraminal': 'فورامینل'}
NONE = 'نہیں'
MISSED = ['نہیں آئے', 'فون بند', '—', 'نہیں آئے']
PASHTO_NOTES = ['ښه دی', 'درد کم شو', 'ګرځي راګرځي', '', '', '', '', '']


def main(outdir):
    P = gen_cohort(CFG)
    r = random.Random(7702)
    fem, mal = FEM[:], MAL[:]
    r.shuffle(fem); r.shuffle(mal)
    for k, p in enumerate(P):
        p['pid'] = 'WTH-VA-%02d' % (k + 1)
        p['mr'] = 'MR-%06d' % r.randint(310000, 689999)
        if p['sex'] == 'female':
            nm = fem.pop()
            if r.random() < 0.35:
                nm = nm + ' زوجہ ' + r.choice(HUSB)
        else:
            nm = mal.pop()
        p['name'] = nm
        ph = '03%02d-%07d' % (r.choice([0, 1, 3, 5, 15, 33, 45, 14]), r.randint(1000000, 9999999))
        p['phone'] = ur(ph) if r.random() < 0.35 else ph
        p['urdu_digits'] = r.random() < 0.4
        p['dlevel'] = r.random() < 0.75
        p['sex_word'] = (('عورت' if p['sex'] == 'female' else 'مرد') if r.random() < 0.7 else
                         ('ښځینه' if p['sex'] == 'female' else 'نارینه'))
        p['etio_txt'] = r.choice(ETIO[p['det']])
    # --- planted errors (one per patient, on patients with a single session) ---
    simple = simple_patients(P)
    errs = {}
    multi_l = [p for p in simple if len(p['sessions'][0]['levels']) > 1
               and p['sessions'][0]['levels'][-1]['level'].startswith('L')]
    e_l6 = multi_l[0]
    e_l6['sessions'][0]['levels'][-1]['level'] = 'L6'
    errs[e_l6['pid']] = 'level'
    cand = [p for p in simple if p['pid'] not in errs and any(
        v['tp'] == '1m' and v['status'] == 'done' for v in p['visits'])]
    e_vas = cand[1]
    for v in e_vas['visits']:
        if v['tp'] == '1m':
            v['scores']['vas'] = 12
    errs[e_vas['pid']] = 'vas'
    cand = [p for p in simple if p['pid'] not in errs]
    e_date = sorted(cand, key=lambda p: abs(p['sessions'][0]['date'].month - 4))[0]
    errs[e_date['pid']] = 'date'
    cand = [p for p in simple if p['pid'] not in errs and len(p['sessions'][0]['levels']) > 1]
    e_vol = cand[0]
    e_vol['sessions'][0]['levels'][0]['vol'] = 25.0
    errs[e_vol['pid']] = 'vol'

    wb = Workbook()
    ws = wb.active
    ws.title = 'رجسٹر'
    ws.sheet_view.rightToLeft = True
    heads = [('سیریل نمبر', 'A'), ('اسٹڈی کوڈ', 'B'), ('ایم آر نمبر', 'C'), ('مریض کا نام', 'D'),
             ('عمر (سال)', 'E'), ('جنس', 'F'), ('رابطہ نمبر', 'G'), ('تشخیص', 'H'),
             ('تاریخ پروسیجر', 'I'), ('طریقہ', 'J'), ('مہرے (لیول)', 'K'),
             ('سیمنٹ (ملی لیٹر)', 'L'), ('سیمنٹ کی قسم', 'M'), ('لیکج', 'N'),
             ('قبل از پروسیجر', 'O'), ('۲۴ گھنٹے', 'P'), ('ایک ماہ', 'Q'), ('تین ماہ', 'R'),
             ('چھ ماہ', 'S'), ('نیا فریکچر (لیول)', 'T'), ('نئے فریکچر کی تاریخ', 'U'),
             ('موجودہ حالت', 'V'), ('تاریخ وفات', 'W'), ('ریمارکس', 'X')]
    H = {h: i + 1 for i, (h, _) in enumerate(heads)}
    ws['A1'] = 'ورسک روڈ ٹیچنگ ہسپتال، پشاور — شعبہ نیورو سرجری و انٹروینشنل ریڈیالوجی'
    ws.merge_cells('A1:X1')
    ws['A2'] = 'ورٹیبروپلاسٹی / کائفوپلاسٹی رجسٹر  ۲۰۲۱ – ۲۰۲۳   (VAS: 0 تا 10)'
    ws.merge_cells('A2:X2')
    ws['A1'].font = Font(bold=True, size=14)
    groups = [('مریض کی تفصیل', 1, 8), ('پروسیجر', 9, 14), ('درد کا اسکور (VAS 0-10)', 15, 19),
              ('فالو اپ', 20, 24)]
    fill = PatternFill('solid', fgColor='DDEBF7')
    for t, a, b in groups:
        ws.cell(4, a, t).font = Font(bold=True)
        ws.cell(4, a).alignment = Alignment(horizontal='center')
        ws.merge_cells(start_row=4, start_column=a, end_row=4, end_column=b)
    for h, i in H.items():
        c = ws.cell(5, i, h)
        c.font = Font(bold=True)
        c.fill = fill
        c.alignment = Alignment(wrap_text=True, horizontal='center')
    # rows: one per session, chronological
    entries = []
    for p in P:
        for s in p['sessions']:
            entries.append((s['date'], p, s))
    entries.sort(key=lambda e: (e[0], e[1]['i'], e[2]['n']))
    serial_of = {}
    for k, (d, p, s) in enumerate(entries):
        serial_of[(p['pid'], s['n'])] = k + 1
    errors = []
    idents = []
    row = 6
    wrap = Alignment(wrap_text=True, vertical='top')
    for k, (d, p, s) in enumerate(entries):
        U = p['urdu_digits']
        dig = ur if U else str
        def put(col, val):
            c = ws.cell(row, H[col], val)
            c.alignment = wrap
            return c
        put('سیریل نمبر', k + 1)
        put('اسٹڈی کوڈ', p['pid'])
        put('ایم آر نمبر', p['mr']); idents.append(('record_number', p['mr']))
        put('مریض کا نام', p['name']); idents.append(('name', p['name']))
        put('عمر (سال)', dig(p['age']) if U else p['age'])
        put('جنس', p['sex_word'])
        put('رابطہ نمبر', p['phone']); idents.append(('phone', p['phone']))
        put('تشخیص', p['etio_txt'])
        ds = s['date'].strftime('%d-%m-%Y')
        if errs.get(p['pid']) == 'date' and s['n'] == 1:
            ds = '31-04-%d' % s['date'].year
            errors.append({'sheet': ws.title, 'cell': 'I%d' % row, 'row': row,
                           'column_header': 'تاریخ پروسیجر', 'value': dig(ds),
                           'what_is_wrong': 'impossible date: 31 April does not exist',
                           'patient_id': p['pid']})
        put('تاریخ پروسیجر', dig(ds))
        put('طریقہ', r.choice(TECH[s['tech']]))
        lv_txt = []
        for lv in s['levels']:
            L = lv['level']
            if L.startswith('T') and p['dlevel']:
                L = 'D' + L[1:]
            lv_txt.append(L)
        cell_l = '\n'.join(lv_txt)
        put('مہرے (لیول)', cell_l)
        if errs.get(p['pid']) == 'level' and s['n'] == 1:
            errors.append({'sheet': ws.title, 'cell': 'K%d' % row, 'row': row,
                           'column_header': 'مہرے (لیول)', 'value': cell_l,
                           'what_is_wrong': 'impossible vertebral level L6 (only five lumbar vertebrae)',
                           'patient_id': p['pid']})
        vols = []
        for lv in s['levels']:
            v = fmt_num(lv['vol'])
            if U:
                v = ur(v).replace('.', '٫' if p['i'] % 2 else '.')
            vols.append(v)
        if len(vols) == 1 and not U:
            cv = lv['vol'] if not float(lv['vol']).is_integer() else int(lv['vol'])
        else:
            cv = '\n'.join(vols)
        put('سیمنٹ (ملی لیٹر)', cv)
        if errs.get(p['pid']) == 'vol' and s['n'] == 1:
            errors.append({'sheet': ws.title, 'cell': 'L%d' % row, 'row': row,
                           'column_header': 'سیمنٹ (ملی لیٹر)', 'value': str(cv),
                           'what_is_wrong': 'cement volume 25 mL in a single vertebra (first line) is implausible (>20 mL)',
                           'patient_id': p['pid']})
        put('سیمنٹ کی قسم', r.choice(CEM[s['ckey']]))
        if s['leak_recorded']:
            lk = []
            for lv in s['levels']:
                lk.append(' + '.join(LEAKW[x] for x in lv['leak']) if lv['leak'] else NONE)
            if all(x == NONE for x in lk):
                lk = [NONE]
            put('لیکج', '\n'.join(lk))
        # VAS block
        cols = {'pre': 'قبل از پروسیجر', '24h': '۲۴ گھنٹے', '1m': 'ایک ماہ', '3m': 'تین ماہ', '6m': 'چھ ماہ'}
        vis = {v['tp']: v for v in p['visits'] if v['session'] == s['n']}
        later_s2 = (s['n'] == 1 and len(p['sessions']) > 1)
        marked = False
        for tp, col in cols.items():
            if tp in vis:
                v = vis[tp]
                if v['status'] == 'done' and v['scores'].get('vas') is not None:
                    val = v['scores']['vas']
                    put(col, dig(val) if U else val)
                    if errs.get(p['pid']) == 'vas' and tp == '1m' and s['n'] == 1:
                        errors.append({'sheet': ws.title, 'cell': '%s%d' % (col_letter(H[col]), row),
                                       'row': row, 'column_header': col, 'value': dig(val) if U else str(val),
                                       'what_is_wrong': 'VAS 12 is outside the 0-10 scale',
                                       'patient_id': p['pid']})
                else:
                    put(col, r.choice(MISSED))
            elif later_s2 and not marked:
                put(col, 'دوسرا پروسیجر (سیریل %s)' % dig(serial_of[(p['pid'], 2)]))
                marked = True
            elif p['died'] and not marked:
                put(col, 'فوت')
                marked = True
        if s['n'] == 1 and p['fractures']:
            f = p['fractures'][0]
            L = f['level']
            if L.startswith('T') and p['dlevel']:
                L = 'D' + L[1:]
            put('نیا فریکچر (لیول)', L)
            put('نئے فریکچر کی تاریخ', dig(f['date'].strftime('%d-%m-%Y')))
        if p['died']:
            put('موجودہ حالت', 'فوت ہو گئے' if p['sex'] == 'male' else 'فوت ہو گئیں')
            put('تاریخ وفات', dig(p['death_date'].strftime('%d-%m-%Y')))
        else:
            put('موجودہ حالت', 'زندہ')
        note = r.choice(PASHTO_NOTES) if not p['died'] else ''
        if s['n'] == 2:
            note = 'دوبارہ پروسیجر — نیا فریکچر (سیریل %s دیکھیں)' % dig(serial_of[(p['pid'], 1)])
        elif p['fractures'] and len(p['sessions']) == 1:
            note = 'نیا فریکچر — کنزرویٹو علاج (بیلٹ)'
        if note:
            put('ریمارکس', note)
        row += 1
    widths = {'A': 6, 'B': 12, 'C': 11, 'D': 26, 'E': 7, 'F': 7, 'G': 14, 'H': 26, 'I': 12,
              'J': 13, 'K': 9, 'L': 9, 'M': 16, 'N': 14, 'T': 10, 'U': 12, 'V': 11, 'W': 12, 'X': 34}
    for c, w in widths.items():
        ws.column_dimensions[c].width = w
    ws.freeze_panes = 'C6'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    # truth
    for p in P:
        if errs.get(p['pid']) == 'date':
            pass  # session 1 is day 0 by definition; nothing else is dated from it
    write_truth(outdir, P, errors, idents, vol_mode='vertebra')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
