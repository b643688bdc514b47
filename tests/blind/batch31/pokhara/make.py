# ---------------------------------------------------------------------------
# simulation core (same in every one of our sites; the writer below is local)
# ---------------------------------------------------------------------------
import random, datetime as dt, csv, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ([f'C{i}' for i in range(1, 8)] + [f'T{i}' for i in range(1, 13)]
          + [f'L{i}' for i in range(1, 6)] + ['S1'])
START_LEVELS = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12',
                'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']
WINDOW = {'24h': (1, 1), '1w': (6, 9), '2w': (13, 17), '6w': (40, 47), '1m': (27, 38),
          '3m': (84, 104), '6m': (172, 200), '12m': (350, 395)}
VAS_DROP = {'24h': (2, 4), '1w': (3, 5), '2w': (3, 5), '6w': (4, 6), '1m': (4, 6),
            '3m': (4, 6), '6m': (4, 7), '12m': (5, 7)}
ODI_DROP = {'24h': (5, 12), '1w': (8, 16), '2w': (10, 18), '6w': (14, 26), '1m': (14, 26),
            '3m': (20, 34), '6m': (22, 38), '12m': (24, 40)}
LEAKS = ['disc', 'venous', 'paravertebral', 'disc', 'venous', 'epidural']


def shift(l, k):
    i = LEVELS.index(l) + k
    return LEVELS[i] if 0 <= i < len(LEVELS) else None


def gen_patients(rng, n, d0, d1, cut, vas_tps, odi_tps=(), mob_tps=(), vas2_tps=None,
                 odi2_tps=None, mob2_tps=None, p_kypho=0.3, second=(), extra_fx=(), deaths=(),
                 etiol=None, p_miss=0.15, vol_step=0.5):
    """Return list of patient dicts. second/extra_fx/deaths: patient indices."""
    vas2_tps = vas_tps if vas2_tps is None else vas2_tps
    odi2_tps = odi_tps if odi2_tps is None else odi2_tps
    mob2_tps = mob_tps if mob2_tps is None else mob2_tps
    span = (d1 - d0).days
    dates = sorted(d0 + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        if etiol and i in etiol:
            e = etiol[i]
        else:
            r = rng.random()
            e = ('osteoporotic' if r < 0.62 else 'pathologic' if r < 0.82
                 else 'traumatic' if r < 0.93 else 'other')
        sex = 'female' if rng.random() < (0.75 if e == 'osteoporotic' else 0.5) else 'male'
        age = {'osteoporotic': rng.randint(62, 89), 'pathologic': rng.randint(48, 81),
               'traumatic': rng.randint(44, 76), 'other': rng.randint(38, 70)}[e]
        p = dict(idx=i, sex=sex, age=age, etiology=e, date=dates[i], sessions=[],
                 fractures=[], died=False, death_day=None)
        # death
        if i in deaths:
            p['died'] = True
            maxd = (cut - dates[i]).days - 5
            p['death_day'] = rng.randint(min(60, maxd - 1), min(420, maxd))
        limit = p['death_day'] if p['died'] else (cut - dates[i]).days
        # first session
        nlev = rng.choice([1, 1, 1, 1, 1, 2, 2, 2, 3])
        if e == 'other':
            nlev = 1
        top = rng.choice(START_LEVELS)
        levs = [top] + [shift(top, k) for k in range(1, nlev)]
        levs = [l for l in levs if l and l != 'S1']
        tech = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
        sessions = [make_session(rng, 1, 0, levs, tech, limit, vas_tps, odi_tps, mob_tps,
                                 e, p_miss, vol_step)]
        # new fractures / second session
        if i in second or i in extra_fx:
            lo, hi = 40, min(260, limit - 40)
            fd = rng.randint(lo, max(lo, hi))
            cand = [shift(levs[0], -1), shift(levs[-1], 1), shift(levs[0], -2)]
            cand = [c for c in cand if c and c[0] in 'TL']
            fl = rng.choice(cand)
            p['fractures'].append((fd, fl))
            if i in second:
                sd = fd + rng.randint(3, 18)
                tech2 = tech if rng.random() < 0.8 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                sessions.append(make_session(rng, 2, sd, [fl], tech2, limit - sd, vas2_tps,
                                             odi2_tps, mob2_tps, e, p_miss, vol_step))
        p['sessions'] = sessions
        pts.append(p)
    return pts


def make_session(rng, sn, day, levs, tech, limit, vas_tps, odi_tps, mob_tps, e, p_miss, vol_step):
    vols = []
    for l in levs:
        base = 2.0 if l[0] == 'T' and int(l[1:]) < 10 else 3.0
        v = base + vol_step * rng.randint(0, int(3.0 / vol_step))
        if tech == 'kyphoplasty':
            v += 1.0
        vols.append(round(v, 1))
    leaks = []
    for l in levs:
        leaks.append('none' if rng.random() < 0.78 else rng.choice(LEAKS))
    pre_vas = rng.randint(7, 10) if e == 'pathologic' else rng.randint(7, 9)
    pre_odi = 2 * rng.randint(22, 41)
    pre_mob = rng.randint(0, 2)
    tps_all = [t for t in ['24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
               if t in vas_tps or t in odi_tps or t in mob_tps]
    visits = {'pre': 0}
    for t in tps_all:
        a, b = WINDOW[t]
        vd = rng.randint(a, b)
        if vd > limit:
            continue
        if t != '24h' and rng.random() < p_miss:
            continue
        visits[t] = vd
    scores = {}
    for t in visits:
        if t == 'pre':
            v, o, m = pre_vas, pre_odi, pre_mob
        else:
            v = max(0, pre_vas - rng.randint(*VAS_DROP[t]))
            o = max(6, pre_odi - 2 * (rng.randint(*ODI_DROP[t]) // 2))
            m = min(4, pre_mob + rng.randint(1, 3))
        if t == 'pre' or t in vas_tps:
            scores[('pain_vas', t)] = v
        if t == 'pre' and odi_tps or t in odi_tps:
            scores[('odi', t)] = o
        if t == 'pre' and mob_tps or t in mob_tps:
            scores[('mobility', t)] = m
    return dict(session=sn, day=day, levels=levs, vols=vols, tech=tech, leaks=leaks,
                visits=visits, scores=scores)


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(pts, pid_of, vol_mode, cement_type_of, leak_recorded, errors, identifiers,
                drop=None):
    """vol_mode(p, s) -> 'vertebra' | 'session' ; cement_type_of(p, s) -> str;
    leak_recorded(p, s) -> bool; drop: set of (pid, session, measure, tp) not written."""
    drop = drop or set()
    td = os.path.join(HERE, 'truth')
    if os.path.isdir(td):
        shutil.rmtree(td)
    os.makedirs(td)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[pid_of(p), p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            tot = round(sum(s['vols']), 1)
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([pid_of(p), s['session'], s['day'], l, s['tech'],
                             fmt_num(v) if mode == 'vertebra' else '',
                             fmt_num(tot) if mode == 'session' else '',
                             cement_type_of(p, s), lk if leak_recorded(p, s) else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    rows = []
    for p in pts:
        for s in p['sessions']:
            for (m, t), v in sorted(s['scores'].items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]))):
                if (pid_of(p), s['session'], m, t) in drop:
                    continue
                rows.append([pid_of(p), s['session'], m, t, fmt_num(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[pid_of(p), d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    seen, idrows = set(), []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            idrows.append([k, v])
    w('identifiers.csv', ['kind', 'value'], idrows)
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# POKHARA writer
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

# Bikram Sambat month lengths (Baisakh..Chaitra), 2076-2080 BS; 2076/01/01 = 2019-04-14 AD
BS = {2076: [31, 32, 31, 32, 31, 30, 30, 30, 29, 29, 30, 30],
      2077: [31, 32, 31, 32, 31, 30, 30, 30, 29, 30, 29, 31],
      2078: [31, 31, 31, 32, 31, 31, 30, 29, 30, 29, 30, 30],
      2079: [31, 31, 32, 31, 31, 31, 30, 29, 30, 29, 30, 30],
      2080: [31, 32, 31, 32, 31, 30, 30, 30, 29, 29, 30, 30]}
BS_START = dt.date(2019, 4, 14)
DEV = str.maketrans('0123456789', '०१२३४५६७८९')


def ad2bs(d):
    n = (d - BS_START).days
    for y in sorted(BS):
        for m, ml in enumerate(BS[y], 1):
            if n < ml:
                return (y, m, n + 1)
            n -= ml
    raise ValueError(d)


def bs_dev(d):
    y, m, dd = ad2bs(d)
    return f'{y}/{m:02d}/{dd:02d}'.translate(DEV)


def bs_iso(d):
    y, m, dd = ad2bs(d)
    return f'{y}-{m:02d}-{dd:02d}'


rng = random.Random(3178)
N = 17
D0, D1, CUT = dt.date(2020, 10, 20), dt.date(2023, 4, 25), dt.date(2023, 10, 15)
VAS_TPS = ['24h', '1m', '3m', '6m', '12m']
pts = gen_patients(rng, N, D0, D1, CUT, VAS_TPS, p_kypho=0.25, second={2, 7, 11},
                   extra_fx={5, 14}, deaths={4, 9, 15},
                   etiol={4: 'pathologic', 9: 'pathologic', 12: 'traumatic', 15: 'pathologic',
                          16: 'other', 0: 'osteoporotic', 13: 'osteoporotic'})
# error patients
E_LEVEL, E_VAS, E_DATE, E_VOL = 13, 6, 8, 10
pts[E_LEVEL]['sessions'][0]['levels'] = ['L5']
pts[E_LEVEL]['sessions'][0]['vols'] = [4.0]
pts[E_LEVEL]['sessions'][0]['leaks'] = ['none']
pts[E_VOL]['sessions'][0]['levels'] = pts[E_VOL]['sessions'][0]['levels'][:1]
pts[E_VOL]['sessions'][0]['vols'] = [3.5]
pts[E_VOL]['sessions'][0]['leaks'] = ['none']

FIRST = ['Sita', 'Kamala', 'Ram Bahadur', 'Laxmi', 'Hari Prasad', 'Bishnu Maya', 'Til Kumari',
         'Dhan Bahadur', 'Parbati', 'Krishna', 'Man Kumari', 'Gopal', 'Mina', 'Chandra Kala',
         'Tek Bahadur', 'Durga', 'Rupa', 'Khem Raj', 'Nar Bahadur', 'Ganga']
FIRST_M = ['Ram Bahadur', 'Hari Prasad', 'Dhan Bahadur', 'Krishna', 'Gopal', 'Tek Bahadur',
           'Khem Raj', 'Nar Bahadur', 'Bhim Prasad', 'Lok Nath']
FIRST_F = ['Sita', 'Kamala', 'Laxmi', 'Bishnu Maya', 'Til Kumari', 'Parbati', 'Man Kumari',
           'Mina', 'Chandra Kala', 'Durga', 'Rupa', 'Ganga', 'Devi Maya', 'Radha']
LAST = ['Gurung', 'Poudel', 'Adhikari', 'Thapa Magar', 'Subedi', 'Baral', 'Pariyar', 'Sapkota',
        'Khadka', 'Tiwari', 'Bhandari', 'Pun', 'Kunwar', 'Regmi', 'Lamichhane', 'BK', 'Shrestha']
PLACES = ['Lekhnath-5, Kaski', 'Pokhara-17, Kaski', 'Syangja', 'Waling-3, Syangja',
          'Baglung bazaar', 'Kusma, Parbat', 'Besisahar, Lamjung', 'Damauli, Tanahun',
          'Beni, Myagdi', 'Pokhara-8 Srijana Chowk', 'Putalibazar, Syangja', 'Hemja, Kaski',
          'Sarangkot', 'Gorkha', 'Bhalam, Kaski', 'Nawalpur', 'Khaireni, Tanahun']
DIAG = {'osteoporotic': ['Osteoporotic compression #', 'Osteoporotic wedge #', 'OP # (fall at home)',
                         'Senile osteoporosis – wedge #'],
        'pathologic': ['Ca breast – spinal mets', 'Multiple myeloma', 'Ca lung mets',
                       'Ca prostate – mets (lytic)'],
        'traumatic': ['Fall from tree – wedge #', 'Fall from buffalo shed – compression #',
                      'RTA – compression #'],
        'other': ['Aggressive haemangioma']}
surn = rng.sample(LAST, N)
for p in pts:
    p['pid'] = f'VP-{p["idx"] + 1:02d}'
    p['name'] = (rng.choice(FIRST_F) if p['sex'] == 'female' else rng.choice(FIRST_M)) + ' ' + surn[p['idx']]
    p['ip'] = f'{rng.randint(11, 99)}{rng.randint(1000, 9999)}'
    p['phone'] = f'98{rng.choice(["46", "56", "06", "16", "66"])}{rng.randint(100000, 999999)}'
    p['addr'] = PLACES[p['idx']]
    p['diag'] = rng.choice([d for d in DIAG[p['etiology']]
                            if not (p['sex'] == 'male' and 'breast' in d) and not (p['sex'] == 'female' and 'prostate' in d)])
    if p['etiology'] == 'other':
        p['diag'] = f'Aggressive haemangioma {p["sessions"][0]["levels"][0].replace("T", "D")}'

identifiers = []
for p in pts:
    identifiers += [('name', p['name']), ('inpatient_number', p['ip']), ('phone', p['phone']),
                    ('address', p['addr'])]

# ---- rows: one per operation (session), in order of operation date
rows = []
for p in pts:
    for s in p['sessions']:
        rows.append((p['date'] + dt.timedelta(days=s['day']), p, s))
rows.sort(key=lambda r: (r[0], r[1]['idx']))


def lvl_txt(l, dorsal):
    return l.replace('T', 'D') if dorsal else l


wb = Workbook()
ws = wb.active
ws.title = 'PVP दर्ता'
thin = Side(style='thin', color='999999')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
ws['A1'] = 'मणिपाल शिक्षण अस्पताल, फुलबारी, पोखरा'
ws['A2'] = 'Department of Orthopaedics – Spine Unit'
ws['A3'] = 'Percutaneous Vertebroplasty / Kyphoplasty (PVP/PKP) दर्ता  —  आ.व. २०७७/७८ देखि'
for c in ('A1', 'A2', 'A3'):
    ws[c].font = Font(bold=True, size=13 if c == 'A1' else 11)
ws.merge_cells('A1:Z1'); ws.merge_cells('A2:Z2'); ws.merge_cells('A3:Z3')
ws['A1'].alignment = Alignment(horizontal='center')
ws['A2'].alignment = Alignment(horizontal='center')
ws['A3'].alignment = Alignment(horizontal='center')

# header rows 5 (groups) and 6 (columns)
cols = ['क्र.सं.', 'Study No.', 'IP No.', 'बिरामीको नाम', 'उमेर', 'लिङ्ग', 'ठेगाना', 'सम्पर्क नं.',
        'निदान (Diagnosis)', 'शल्यक्रिया मिति', 'Procedure', 'Level', 'Cement (ml)',
        'Cement leak छ/छैन', 'शल्यक्रिया अघि', '२४ घण्टा',
        'मिति', 'VAS', 'मिति', 'VAS', 'मिति', 'VAS', 'मिति', 'VAS',
        'नयाँ भाँचिएको (New #)', 'कैफियत (Remarks)']
groups = [('O5:P5', 'VAS (0-10)'), ('Q5:R5', '१ महिना फलो-अप'), ('S5:T5', '३ महिना फलो-अप'),
          ('U5:V5', '६ महिना फलो-अप'), ('W5:X5', '१२ महिना फलो-अप')]
hdr_fill = PatternFill('solid', fgColor='DDEBF7')
for rg, t in groups:
    ws.merge_cells(rg)
    c = ws[rg.split(':')[0]]
    c.value = t
    c.font = Font(bold=True)
    c.alignment = Alignment(horizontal='center')
    c.fill = hdr_fill
for j, h in enumerate(cols, 1):
    c = ws.cell(row=6, column=j, value=h)
    c.font = Font(bold=True)
    c.fill = hdr_fill
    c.border = B
    c.alignment = Alignment(wrap_text=True, vertical='center', horizontal='center')
COL = {h: i for i, h in enumerate(cols, 1)}
FU = {'1m': (17, 18), '3m': (19, 20), '6m': (21, 22), '12m': (23, 24)}

errors = []
drop = set()
r = 7
dead_fill = PatternFill('solid', fgColor='D9D9D9')
re_fill = PatternFill('solid', fgColor='FFF2CC')
for sn, (od, p, s) in enumerate(rows, 1):
    dorsal = rng.random() < 0.5
    vals = {}
    vals[1] = sn
    vals[2] = p['pid']
    vals[3] = p['ip']
    vals[4] = p['name']
    vals[5] = str(p['age']).translate(DEV) if rng.random() < 0.3 else p['age']
    vals[6] = ('म' if p['sex'] == 'female' else 'पु') if rng.random() < 0.85 else ('F' if p['sex'] == 'female' else 'M')
    vals[7] = p['addr']
    vals[8] = p['phone']
    if s['session'] == 1:
        vals[9] = p['diag']
    else:
        vals[9] = f'New # {lvl_txt(s["levels"][0], dorsal)} (after PVP)'
    vals[10] = bs_dev(od)
    vals[11] = 'PKP' if s['tech'] == 'kyphoplasty' else 'PVP'
    levs = [lvl_txt(l, dorsal) for l in s['levels']]
    vals[12] = ', '.join(levs) if len(levs) < 3 else f'{levs[0]}–{levs[-1]} (3 levels)'
    # cement: per level "a + b", or only a total for some multilevel rows
    s['vol_mode'] = 'vertebra'
    if len(levs) == 1:
        vals[13] = (fmt_num(s['vols'][0]) + (' ml' if rng.random() < 0.3 else ''))
        if isinstance(vals[13], str) and vals[13].replace('.', '').isdigit():
            vals[13] = float(vals[13])
    elif rng.random() < 0.4:
        s['vol_mode'] = 'session'
        vals[13] = f'{fmt_num(round(sum(s["vols"]), 1))} (total)'
    else:
        vals[13] = ' + '.join(fmt_num(v) for v in s['vols'])
    leak_txt = []
    for l, lk in zip(s['levels'], s['leaks']):
        if lk != 'none':
            leak_txt.append(f'{lk}, {lvl_txt(l, dorsal)}' if len(levs) > 1 else lk)
    vals[14] = 'छैन' if not leak_txt else 'छ – ' + '; '.join(leak_txt)
    sc = s['scores']
    vals[15] = sc.get(('pain_vas', 'pre'))
    vals[16] = sc.get(('pain_vas', '24h'))
    death = p['death_day'] - s['day'] if p['died'] else None
    for t, (cd, cv) in FU.items():
        if t in s['visits']:
            vals[cd] = bs_iso(od + dt.timedelta(days=s['visits'][t]))
            vals[cv] = sc[('pain_vas', t)]
        else:
            lo = WINDOW[t][0]
            if death is not None and death < WINDOW[t][1]:
                vals[cd], vals[cv] = '—', '—'
            elif (CUT - od).days < WINDOW[t][1]:
                vals[cd], vals[cv] = None, None   # not yet due
            else:
                vals[cd], vals[cv] = None, 'आएन'
    # new fracture
    if s['session'] == 1:
        if p['fractures']:
            vals[25] = 'छ – ' + '; '.join(f'{lvl_txt(l, dorsal)} ({bs_iso(p["date"] + dt.timedelta(days=d))})'
                                           for d, l in p['fractures'])
        else:
            vals[25] = 'छैन'
    else:
        vals[25] = ''
    rem = []
    if s['session'] == 2:
        rem.append('दोस्रो पटक (2nd sitting)')
    if s['session'] == 1 and len(p['sessions']) > 1:
        rem.append('पछि दोस्रो पटक गरियो (2nd sitting – तल हेर्नु)')
    if p['died'] and (s['session'] == len(p['sessions'])):
        rem.append('मृत्यु भयो ' + bs_iso(p['date'] + dt.timedelta(days=p['death_day'])))
    vals[26] = '; '.join(rem)
    # planted errors
    if p['idx'] == E_LEVEL and s['session'] == 1:
        vals[12] = 'L6'
        errors.append(['PVP दर्ता', f'L{r}', r, 'Level', 'L6',
                       'impossible level L6 (only five lumbar vertebrae); op note says L5', p['pid']])
    if p['idx'] == E_VOL and s['session'] == 1:
        vals[13] = 35
        errors.append(['PVP दर्ता', f'M{r}', r, 'Cement (ml)', '35',
                       '35 ml in one vertebra is impossible: decimal point lost, should be 3.5', p['pid']])
    if p['idx'] == E_VAS and s['session'] == 1:
        t = [t for t in ('3m', '6m', '1m') if t in s['visits']][0]
        cd, cv = FU[t]
        vals[cv] = 12
        drop.add((p['pid'], 1, 'pain_vas', t))
        errors.append(['PVP दर्ता', f'{get_column_letter(cv)}{r}', r, f'VAS ({t} follow-up)', '12',
                       f'VAS 12 is outside the 0-10 scale (OPD card says {sc[("pain_vas", t)]})', p['pid']])
    if p['idx'] == E_DATE and s['session'] == 1:
        assert '1m' in s['visits']
        y, m, d = ad2bs(od + dt.timedelta(days=s['visits']['1m']))
        y0, m0, d0 = ad2bs(od)
        bad = f'{y0}-{m0 - 1:02d}-{d:02d}' if m0 > 1 else f'{y0 - 1}-12-{d:02d}'
        vals[17] = bad
        errors.append(['PVP दर्ता', f'Q{r}', r, '१ महिना फलो-अप मिति', bad,
                       f'1-month follow-up dated before the operation ({bs_iso(od)}); should be {bs_iso(od + dt.timedelta(days=s["visits"]["1m"]))}', p['pid']])
    for j in range(1, 27):
        v = vals.get(j)
        c = ws.cell(row=r, column=j, value=v)
        c.border = B
        if p['died'] and s['session'] == len(p['sessions']):
            c.fill = dead_fill
        elif s['session'] == 2:
            c.fill = re_fill
    r += 1

last = r - 1
r += 1
notes = ['टिपोट (Notes):',
         '• सबै मिति विक्रम सम्वत्‌मा (all dates are B.S.). शल्यक्रिया मिति देवनागरी अङ्कमा, फलो-अप मिति 2079-03-12 जस्तो।',
         '• VAS 0-10 (0 = दुखाइ छैन, 10 = असह्य दुखाइ).  आएन = फलो-अपमा आएन (did not come).  — = मृत्यु पछि.',
         '• D = Dorsal (D12 = T12).  म = महिला (female), पु = पुरुष (male).',
         '• खैरो (grey) row = बिरामीको मृत्यु भयो; पहेँलो (yellow) row = दोस्रो पटक (repeat sitting) – same Study No.',
         '• Cement: "3 + 4" = level अनुसार (per level, same order); "(total)" = जम्मा मात्र लेखिएको.']
for t in notes:
    ws.cell(row=r, column=1, value=t).font = Font(italic=True, size=9)
    r += 1
widths = [6, 9, 9, 20, 6, 6, 20, 12, 28, 12, 9, 16, 14, 20, 9, 9, 11, 6, 11, 6, 11, 6, 11, 6, 26, 34]
for j, wdt in enumerate(widths, 1):
    ws.column_dimensions[get_column_letter(j)].width = wdt
ws.freeze_panes = 'E7'
wb.save(os.path.join(HERE, 'input.xlsx'))

write_truth(pts, lambda p: p['pid'], lambda p, s: s['vol_mode'], lambda p, s: '',
            lambda p, s: True, errors, identifiers, drop)
print('pokhara written', len(rows), 'rows')
