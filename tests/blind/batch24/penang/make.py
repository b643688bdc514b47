# ---- cohort generator (self-contained) ----
import sys, os, csv, random, datetime as dt

TP_DAY = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
ALL_LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def pick_levels(R, k):
    w = [1, 1, 2, 3, 4, 5, 7, 10, 14, 14, 8, 5, 3, 2]
    while True:
        i = R.choices(range(len(ALL_LEVELS)), weights=w)[0]
        if i + k <= len(ALL_LEVELS):
            return ALL_LEVELS[i:i + k]


def pick_leak(R):
    r = R.random()
    if r < 0.72:
        return ['none']
    if r < 0.93:
        return [R.choice(['disc', 'venous', 'paravertebral', 'disc', 'venous'])]
    a = R.sample(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], 2)
    return sorted(a, key=LEAKS.index)


def score(R, measure, tp, pre=None):
    if measure == 'pain_vas':
        if tp == 'pre':
            return R.randint(6, 10)
        f = {'24h': .55, '1w': .5, '2w': .45, '6w': .4, '1m': .4, '3m': .35, '6m': .3, '12m': .3, '24m': .3}[tp]
        return max(0, min(10, round(pre * f + R.uniform(-1.2, 1.5))))
    if measure == 'odi':
        if tp == 'pre':
            return R.randrange(40, 86, 2)
        f = {'24h': .8, '1w': .7, '2w': .65, '6w': .6, '1m': .6, '3m': .5, '6m': .45, '12m': .42, '24m': .4}[tp]
        return max(0, min(100, 2 * round((pre * f + R.uniform(-6, 6)) / 2)))
    if measure == 'mobility':
        if tp == 'pre':
            return R.randint(2, 4)
        return max(0, min(4, pre - R.choice([1, 1, 2, 2, 3])))


def gen_cohort(R, n, start, measures, s2_measures, n_s2=3, n_fx_only=1, n_dead=3,
               p_kypho=0.3, p_cap=0.1, vol_step=0.5, p_missing=0.1):
    """measures: {measure: [timepoints]} for session 1; s2_measures likewise for session 2."""
    pts = []
    all_tps = sorted({t for v in measures.values() for t in v}, key=lambda t: TP_DAY[t])
    for i in range(n):
        sex = 'female' if R.random() < 0.72 else 'male'
        etio = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], weights=[68, 17, 10, 5])[0]
        age = R.randint(38, 62) if etio in ('traumatic',) else R.randint(55, 89)
        d0 = start + dt.timedelta(days=R.randint(0, 700))
        dob = d0 - dt.timedelta(days=int(age * 365.25) + R.randint(10, 350))
        age = age_at(dob, d0)
        p = dict(idx=i, sex=sex, etio=etio, age=age, dob=dob, d0=d0, died='no', death_day=None,
                 sessions=[], scores={}, visit_day={}, fractures=[])
        k = R.choices([1, 2, 3], weights=[70, 22, 8])[0]
        tech = 'kyphoplasty' if R.random() < p_kypho else 'vertebroplasty'
        cem = 'calcium phosphate' if R.random() < p_cap else 'PMMA'
        verts = []
        for lv in pick_levels(R, k):
            base = 3.0 if lv.startswith('T') else 4.0
            if tech == 'kyphoplasty':
                base += 1.0
            v = round(round((base + R.uniform(-1.0, 2.5)) / vol_step) * vol_step, 1)
            verts.append([lv, v, pick_leak(R)])
        p['sessions'].append(dict(day=0, tech=tech, cement=cem, verts=verts))
        for m, tps in measures.items():
            pre = None
            for tp in tps:
                val = score(R, m, tp, pre)
                if tp == 'pre':
                    pre = val
                p['scores'][(1, m, tp)] = val
        for tp in all_tps:
            p['visit_day'][(1, tp)] = TP_DAY[tp] + (R.randint(0, 4) if TP_DAY[tp] >= 30 else 0)
        pts.append(p)
    # roles
    order = list(range(n))
    R.shuffle(order)
    s2 = order[:n_s2]
    fxo = order[n_s2:n_s2 + n_fx_only]
    # prefer pathologic deaths
    rest = [j for j in order[n_s2 + n_fx_only:]]
    rest.sort(key=lambda j: (pts[j]['etio'] != 'pathologic', j))
    dead = rest[:n_dead]
    later = [t for t in all_tps if TP_DAY[t] >= 91]
    for j in s2:
        p = pts[j]
        tp = later[0]
        fday = p['visit_day'][(1, tp)]
        used = {v[0] for v in p['sessions'][0]['verts']}
        lo = ALL_LEVELS.index(p['sessions'][0]['verts'][0][0])
        hi = ALL_LEVELS.index(p['sessions'][0]['verts'][-1][0])
        cand = [ALL_LEVELS[x] for x in (lo - 1, hi + 1, hi + 2) if 0 <= x < len(ALL_LEVELS)]
        lv = cand[0] if R.random() < 0.5 or len(cand) == 1 else cand[1]
        p['fractures'].append((fday, lv))
        sday = fday + R.randint(6, 20)
        tech = p['sessions'][0]['tech']
        v = round(round((3.5 + R.uniform(-0.5, 2.0)) / vol_step) * vol_step, 1)
        p['sessions'].append(dict(day=sday, tech=tech, cement=p['sessions'][0]['cement'],
                                  verts=[[lv, v, pick_leak(R)]]))
        # session-1 scores after the detection visit are dropped
        for (s, m, t) in list(p['scores']):
            if s == 1 and TP_DAY[t] > TP_DAY[tp]:
                del p['scores'][(s, m, t)]
        for (s, t) in list(p['visit_day']):
            if s == 1 and TP_DAY[t] > TP_DAY[tp]:
                del p['visit_day'][(s, t)]
        s2tps = sorted({t for v in s2_measures.values() for t in v}, key=lambda t: TP_DAY[t])
        for m, tps in s2_measures.items():
            pre = None
            for t in tps:
                val = score(R, m, t, pre)
                if t == 'pre':
                    pre = val
                p['scores'][(2, m, t)] = val
        for t in s2tps:
            p['visit_day'][(2, t)] = sday + TP_DAY[t] + (R.randint(0, 4) if TP_DAY[t] >= 30 else 0)
    for j in fxo:
        p = pts[j]
        tp = later[-1]
        lv0 = ALL_LEVELS.index(p['sessions'][0]['verts'][-1][0])
        lv = ALL_LEVELS[lv0 + 1] if lv0 + 1 < len(ALL_LEVELS) else ALL_LEVELS[lv0 - len(p['sessions'][0]['verts'])]
        p['fractures'].append((p['visit_day'][(1, tp)], lv))
    for j in dead:
        p = pts[j]
        k = R.randint(2, len(all_tps) - 2)
        cut = all_tps[k]
        for (s, m, t) in list(p['scores']):
            if TP_DAY[t] > TP_DAY[cut]:
                del p['scores'][(s, m, t)]
        for (s, t) in list(p['visit_day']):
            if TP_DAY[t] > TP_DAY[cut]:
                del p['visit_day'][(s, t)]
        p['died'] = 'yes'
        p['death_day'] = p['visit_day'][(1, cut)] + R.randint(10, 40)
    # random missing visits (not 'pre')
    for p in pts:
        for (s, t) in list(p['visit_day']):
            fdays = {d for d, _ in p['fractures']}
            if t != 'pre' and p['visit_day'][(s, t)] not in fdays and R.random() < p_missing:
                for key in list(p['scores']):
                    if key[0] == s and key[2] == t:
                        p['scores'][key] = None
    return pts


def write_truth(outdir, pts, errors, identifiers, per_vertebra_volume=True, drop_levels=(), drop_scores=(),
                drop_vol=()):
    """drop_levels: {(pid, session, vert_index)} blank level; drop_scores: {(pid,s,m,t)} omitted;
    drop_vol: {(pid, session, vert_index)} blank volume."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    fmt = lambda v: ('%g' % v) if isinstance(v, float) else v
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etio'], p['died']] for p in pts if p.get('pid')])
    rows = []
    for p in pts:
        if not p.get('pid'):
            continue
        for si, s in enumerate(p['sessions'], 1):
            tot = round(sum(v[1] for v in s['verts']), 1)
            for vi, (lv, vol, lk) in enumerate(s['verts']):
                lvl = '' if (p['pid'], si, vi) in drop_levels else lv
                if per_vertebra_volume:
                    cv, sv = ('' if (p['pid'], si, vi) in drop_vol else fmt(vol)), ''
                else:
                    cv, sv = '', ('' if (p['pid'], si, 0) in drop_vol else fmt(tot))
                rows.append([p['pid'], si, s['day'], lvl, s['tech'], cv, sv, s['cement'], ';'.join(lk)])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        if not p.get('pid'):
            continue
        for (s, m, t), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], TP_DAY[kv[0][2]])):
            if v is None or (p['pid'], s, m, t) in drop_scores:
                continue
            rows.append([p['pid'], s, m, t, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pts if p.get('pid') for (d, lv) in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)
# ---- end generator ----

# ---- Penang: one row per patient, visits across, 3-row merged header, colour codes ----
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

R = random.Random(2405)
S1 = {'pain_vas': ['pre', '1w', '1m', '3m', '6m'], 'mobility': ['pre', '3m']}
S2 = {'pain_vas': ['pre', '1m']}
pts = gen_cohort(R, 27, dt.date(2021, 3, 1), S1, S2, n_s2=3, n_fx_only=1, n_dead=3, p_kypho=0.25, p_cap=0.07)

MALAY_F = ['Siti Aminah binti Ahmad', 'Rokiah binti Ismail', 'Zainab binti Hassan', 'Fatimah binti Yusof',
           'Hasnah binti Osman', 'Che Mah binti Awang', 'Noraini binti Salleh', 'Mariam binti Said', 'Halimah binti Jaafar']
MALAY_M = ['Ahmad bin Othman', 'Ismail bin Daud', 'Mohd Noor bin Abdullah', 'Hashim bin Ali', 'Yusof bin Mat Isa']
CHI_F = ['Tan Ah Moi', 'Lim Bee Lian', 'Ooi Siew Hong', 'Khoo Geok Lan', 'Cheah Poh Choo', 'Teoh Saw Kim', 'Lee Ah Ngoh', 'Ng Swee Eng', 'Chan Ah Lan', 'Loh Siew Keng']
CHI_M = ['Goh Teik Seng', 'Chuah Beng Huat', 'Yeoh Kok Leong', 'Ong Chin Hock', 'Lau Kim Swee']
IND_F = ['Muniammah a/p Raman', 'Letchumi a/p Subramaniam', 'Saraswathy a/p Muthu', 'Kamatchi a/p Perumal', 'Valliammal a/p Sinnasamy', 'Pushpa a/p Nadarajah']
IND_M = ['Rajendran a/l Govindasamy', 'Krishnan a/l Maniam', 'Suppiah a/l Kandasamy', 'Arumugam a/l Velu']
NOTE = {'malay': ['boleh berjalan dengan tongkat', 'anak perempuan teman', ''],
        'chinese': ['病人女儿陪同', '家属说疼痛减少', '讲福建话, anak terjemah', ''],
        'indian': ['மகன் உடன் வந்தார்', 'வலி குறைந்தது - OK', '']}
PUNCA = {'osteoporotic': ['Osteoporosis'], 'pathologic': ['Metastasis (kanser payudara)', 'Mieloma', 'Metastasis (kanser paru-paru)'],
         'traumatic': ['Trauma (jatuh)', 'Trauma (kemalangan motosikal)'], 'other': ['Lain-lain (hemangioma)']}
LEAK = {'none': 'Tiada', 'disc': 'Cakera', 'venous': 'Vena', 'paravertebral': 'Paravertebra', 'epidural': 'Epidural',
        'foraminal': 'Foramen'}
MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
pools = {('malay', 'female'): MALAY_F, ('malay', 'male'): MALAY_M, ('chinese', 'female'): CHI_F,
         ('chinese', 'male'): CHI_M, ('indian', 'female'): IND_F, ('indian', 'male'): IND_M}
used = set()
for p in pts:
    while True:
        eth = R.choices(['malay', 'chinese', 'indian'], weights=[4, 4, 2])[0]
        nm = R.choice(pools[(eth, p['sex'])])
        if nm not in used:
            used.add(nm)
            break
    p['eth'], p['name'] = eth, nm
    p['rn'] = 'RN%07d' % R.randint(100000, 9999999)
    p['tel'] = '01%d-%03d %04d' % (R.choice([2, 3, 6, 7, 9]), R.randint(0, 999), R.randint(0, 9999))
    p['punca'] = R.choice(PUNCA[p['etio']])
    cem = p['sessions'][0]['cement']
    p['brand'] = 'Kalsium fosfat' if cem == 'calcium phosphate' else (
        'Kyphon HV-R' if p['sessions'][0]['tech'] == 'kyphoplasty' else R.choice(['Osteopal V', 'Vertecem V+']))
pts.sort(key=lambda p: p['d0'])
plain = [p for p in pts if len(p['sessions']) == 1 and p['died'] == 'no' and not p['fractures']]
eNOID = plain[3]
eVAS = next(p for p in plain[6:] if p['scores'].get((1, 'pain_vas', '1m')) is not None)
eVOL = next(p for p in plain[10:] if len(p['sessions'][0]['verts']) == 1 and p is not eVAS)
eDATE = next(p for p in plain[14:] if p not in (eVAS, eVOL))
eDATE['d0'] = dt.date(2023, 2, 28)
eDATE['age'] = age_at(eDATE['dob'], eDATE['d0'])
ids = []
k = 0
for p in pts:
    if p is not eNOID:
        k += 1
        p['pid'] = 'PNG-VA-%03d' % k
    else:
        p['pid'] = None
    g = R.randint(100, 999) * 10 + (R.choice([1, 3, 5, 7, 9]) if p['sex'] == 'male' else R.choice([0, 2, 4, 6, 8]))
    p['ic'] = '%s-07-%04d' % (p['dob'].strftime('%y%m%d'), g)
    ids += [['name', p['name']], ['national_id', p['ic']], ['record_number', p['rn']], ['phone', p['tel']]]
drop_scores, drop_vol = set(), set()
errors = []


def dfmt(d):
    return d.strftime('%d/%m/%Y') if R.random() < 0.5 else '%d-%s-%s' % (d.day, MON[d.month - 1], d.strftime('%y'))


SHEET = 'Daftar VP KP'
wb = Workbook()
ws = wb.active
ws.title = SHEET
ws['A1'] = 'HOSPITAL AM SEBERANG JAYA, PULAU PINANG - Jabatan Ortopedik (Unit Tulang Belakang)'
ws['A2'] = 'Daftar Vertebroplasti / Kyphoplasti 2021-2023.  TH = tidak hadir;  "-" = tiada data.  Sel kuning = kebocoran simen;  baris kelabu = pesakit meninggal dunia.'
ws['A1'].font = Font(bold=True, size=12)
H1, H2, H3 = 4, 5, 6
cols = []   # (group1, group2, leaf)
for h in ['Bil', 'No. Kajian', 'Nama', 'No. K/P', 'No. RN', 'No. Tel', 'Jantina (L/P)', 'Umur', 'Punca']:
    cols.append((h, None, None))
cols += [('Sesi 1', None, 'Tarikh'), ('Sesi 1', None, 'Teknik'), ('Sesi 1', None, 'Simen')]
for v in (1, 2, 3):
    cols += [('Sesi 1', 'Vertebra %d' % v, x) for x in ('Aras', 'Isipadu (ml)', 'Kebocoran')]
cols += [('Sesi 2 (fraktur baru)', None, x) for x in ('Tarikh', 'Teknik', 'Aras', 'Isipadu (ml)', 'Kebocoran')]
cols += [('Skor VAS (0-10)', None, x) for x in ('Pra', '1 mgg', '1 bln', '3 bln', '6 bln')]
cols += [('Mobiliti (0-4)', None, x) for x in ('Pra', '3 bln')]
cols += [('VAS Sesi 2', None, x) for x in ('Pra', '1 bln')]
cols += [('Fraktur baru', None, x) for x in ('Tarikh', 'Aras')]
cols += [('Status', None, None), ('Catatan', None, None)]
bold = Font(bold=True)
c = 1
while c <= len(cols):
    g1, g2, leaf = cols[c - 1]
    if g2 is None and leaf is None:
        ws.cell(H1, c, g1).font = bold
        ws.merge_cells(start_row=H1, start_column=c, end_row=H3, end_column=c)
        c += 1
        continue
    e = c
    while e < len(cols) and cols[e][0] == g1:
        e += 1
    ws.cell(H1, c, g1).font = bold
    if e > c:
        ws.merge_cells(start_row=H1, start_column=c, end_row=H1, end_column=e)
    for j in range(c, e + 1):
        _, s2_, lf = cols[j - 1]
        if s2_ is None:
            ws.cell(H2, j, lf).font = bold
            ws.merge_cells(start_row=H2, start_column=j, end_row=H3, end_column=j)
        else:
            ws.cell(H3, j, lf).font = bold
    j = c
    while j <= e:
        if cols[j - 1][1] is not None:
            g = cols[j - 1][1]
            k2 = j
            while k2 < e and cols[k2][1] == g:
                k2 += 1
            ws.cell(H2, j, g).font = bold
            ws.merge_cells(start_row=H2, start_column=j, end_row=H2, end_column=k2)
            j = k2 + 1
        else:
            j += 1
    c = e + 1
CI = {}
for i, (g1, g2, lf) in enumerate(cols, 1):
    CI[(g1, g2, lf)] = i
col = lambda g1, lf=None, g2=None: CI[(g1, g2, lf)]
YEL = PatternFill('solid', fgColor='FFFF00')
GREY = PatternFill('solid', fgColor='BFBFBF')
row = H3 + 1
for n, p in enumerate(pts, 1):
    def put(cc, v):
        return ws.cell(row, cc, v)
    s = p['sessions'][0]
    put(1, n); put(2, p['pid']); put(3, p['name']); put(4, p['ic']); put(5, p['rn']); put(6, p['tel'])
    put(7, 'P' if p['sex'] == 'female' else 'L'); put(8, p['age']); put(9, p['punca'])
    dcell = put(col('Sesi 1', 'Tarikh'), dfmt(p['d0']))
    if p is eDATE:
        dcell.value = '29-Feb-23'
        errors.append([SHEET, dcell.coordinate, row, 'Tarikh', '29-Feb-23', 'impossible date: 29 February 2023 (not a leap year)', p['pid']])
    put(col('Sesi 1', 'Teknik'), 'VP' if s['tech'] == 'vertebroplasty' else 'KP')
    put(col('Sesi 1', 'Simen'), p['brand'])
    for vi in range(3):
        g2 = 'Vertebra %d' % (vi + 1)
        if vi < len(s['verts']):
            lv, vol, lk = s['verts'][vi]
            put(col('Sesi 1', 'Aras', g2), lv)
            vc = put(col('Sesi 1', 'Isipadu (ml)', g2), vol)
            if p is eVOL and vi == 0:
                vc.value = 23.0
                drop_vol.add((p['pid'], 1, 0))
                errors.append([SHEET, vc.coordinate, row, 'Isipadu (ml)', '23', 'cement volume 23 mL in one vertebra (above 20 mL)', p['pid']])
            lc = put(col('Sesi 1', 'Kebocoran', g2), ', '.join(LEAK[x] for x in lk))
            if lk != ['none']:
                lc.fill = YEL
        else:
            put(col('Sesi 1', 'Aras', g2), '-')
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        lv, vol, lk = s2['verts'][0]
        put(col('Sesi 2 (fraktur baru)', 'Tarikh'), dfmt(p['d0'] + dt.timedelta(days=s2['day'])))
        put(col('Sesi 2 (fraktur baru)', 'Teknik'), 'VP' if s2['tech'] == 'vertebroplasty' else 'KP')
        put(col('Sesi 2 (fraktur baru)', 'Aras'), lv)
        put(col('Sesi 2 (fraktur baru)', 'Isipadu (ml)'), vol)
        lc = put(col('Sesi 2 (fraktur baru)', 'Kebocoran'), ', '.join(LEAK[x] for x in lk))
        if lk != ['none']:
            lc.fill = YEL
    for grp, si, m, tps, labs in (('Skor VAS (0-10)', 1, 'pain_vas', S1['pain_vas'], ['Pra', '1 mgg', '1 bln', '3 bln', '6 bln']),
                                  ('Mobiliti (0-4)', 1, 'mobility', S1['mobility'], ['Pra', '3 bln']),
                                  ('VAS Sesi 2', 2, 'pain_vas', S2['pain_vas'], ['Pra', '1 bln'])):
        for tp, lb in zip(tps, labs):
            key = (si, m, tp)
            if key in p['scores']:
                v = p['scores'][key]
                cc = put(col(grp, lb), v if v is not None else R.choice(['TH', '-']))
                if p is eVAS and key == (1, 'pain_vas', '1m'):
                    cc.value = 11
                    drop_scores.add((p['pid'], 1, 'pain_vas', '1m'))
                    errors.append([SHEET, cc.coordinate, row, '1 bln', '11', 'VAS 11 on a 0-10 scale', p['pid']])
    if p['fractures']:
        d, lv = p['fractures'][0]
        put(col('Fraktur baru', 'Tarikh'), dfmt(p['d0'] + dt.timedelta(days=d)))
        put(col('Fraktur baru', 'Aras'), lv)
    else:
        put(col('Fraktur baru', 'Tarikh'), 'Tiada')
    if p['died'] == 'yes':
        put(col('Status'), 'Meninggal ' + dfmt(p['d0'] + dt.timedelta(days=p['death_day'])))
        for cc in range(1, len(cols) + 1):
            if ws.cell(row, cc).fill != YEL:
                ws.cell(row, cc).fill = GREY
    else:
        put(col('Status'), 'Hidup')
    put(col('Catatan'), R.choice(NOTE[p['eth']]) or None)
    if p is eNOID:
        errors.append([SHEET, 'B%d' % row, row, 'No. Kajian', '', 'row with data but no study number', ''])
    row += 1
for i in range(1, len(cols) + 1):
    ws.column_dimensions[get_column_letter(i)].width = 11
ws.column_dimensions['C'].width = 28
ws.freeze_panes = 'D7'
out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)
wb.save(os.path.join(out, 'input.xlsx'))
write_truth(out, pts, errors, ids, per_vertebra_volume=True, drop_scores=drop_scores, drop_vol=drop_vol)
