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
# JAFFNA writer
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter as CL

rng = random.Random(40021)
N = 17
D0, D1, CUT = dt.date(2021, 1, 15), dt.date(2023, 7, 31), dt.date(2023, 12, 20)
TPS = ['24h', '2w', '6w', '3m', '6m']
pts = gen_patients(rng, N, D0, D1, CUT, TPS, p_kypho=0.2, second={1, 8, 12}, extra_fx={5},
                   deaths={3, 10, 15},
                   etiol={3: 'pathologic', 10: 'pathologic', 15: 'pathologic', 6: 'traumatic',
                          13: 'traumatic', 16: 'other', 0: 'osteoporotic', 4: 'osteoporotic',
                          9: 'osteoporotic', 11: 'osteoporotic', 1: 'osteoporotic', 12: 'osteoporotic'})
E_LEVEL, E_PAIN, E_VOL, E_REDATE = 4, 9, 0, 12
for k in (E_LEVEL, E_PAIN, E_VOL):
    assert len(pts[k]['sessions']) == 1, k
s = pts[E_LEVEL]['sessions'][0]
s['levels'] = ['T12']; s['vols'] = [4.0]; s['leaks'] = ['none']
s = pts[E_VOL]['sessions'][0]
s['levels'] = s['levels'][:1]; s['vols'] = [3.8]; s['leaks'] = s['leaks'][:1]

FACES = {0: 'No hurt', 2: 'Hurts little bit', 4: 'Hurts little more', 6: 'Hurts even more',
         8: 'Hurts whole lot', 10: 'Hurts worst'}
# rows (sessions) whose pain is written in faces words: only even values exist there
for p in pts:
    for s in p['sessions']:
        s['words'] = rng.random() < 0.35
        if s['words']:
            for k, v in list(s['scores'].items()):
                s['scores'][k] = v + 1 if v % 2 else v

MALE = ['Sivakumar', 'Thiruchelvam', 'Kanagaratnam', 'Balasingham', 'Ponnambalam', 'Selvarajah',
        'Nadarajah', 'Arumugam', 'Sinnathurai', 'Kandiah', 'Ratnasingam']
FEMALE = ['Sivapackiyam', 'Pushparani', 'Thangamma', 'Parameswary', 'Kamaladevi', 'Mahalakshmi',
          'Rasamma', 'Sarojini', 'Yogeswary', 'Thilagavathy', 'Nageswary', 'Vasantha', 'Jeyaranee',
          'Annammah', 'Poomani']
INIT = 'KSTNPRMVAJ'
DX = {'osteoporotic': ['Osteoporotic wedge #', 'Osteoporotic collapse', 'OP # – fall at home'],
      'pathologic': ['Ca breast secondaries', 'Multiple myeloma', 'Ca prostate secondaries', 'Ca lung – spinal mets'],
      'traumatic': ['Fall from palmyrah tree – wedge #', 'MBA (motor bike) – compression #'],
      'other': ['Vertebral haemangioma (aggressive)']}
LK = {'disc': 'disc space', 'venous': 'venous (small)', 'paravertebral': 'paravertebral', 'epidural': 'epidural'}
names_f = rng.sample(FEMALE, len(FEMALE)); names_m = rng.sample(MALE, len(MALE))
for p in pts:
    p['pid'] = f'JH-VP-{p["idx"] + 1:02d}'
    ini = rng.choice(INIT) + '.' + (rng.choice(INIT) + '.' if rng.random() < 0.4 else '')
    p['name'] = (('Mrs. ' if rng.random() < 0.7 else '') + f'{ini} {names_f.pop()}') if p['sex'] == 'female' \
        else f'{ini} {names_m.pop()}'
    op = p['date']
    by = op.year - p['age'] - 1
    while True:
        dob = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        a = op.year - dob.year - ((op.month, op.day) < (dob.month, dob.day))
        if a == p['age']:
            break
        by += 1 if a > p['age'] else -1
    p['dob'] = dob
    doy = sum([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][:dob.month - 1]) + dob.day
    if p['sex'] == 'female':
        doy += 500
    p['nic'] = f'{dob.year % 100:02d}{doy:03d}{rng.randint(1000, 9999)}V'
    p['bht'] = f'{rng.randint(10000, 99999)}/{str(op.year)[2:]}'
    p['clinic'] = f'OC {rng.randint(1000, 9999)}'
    p['tel'] = f'07{rng.choice("01245678")}{rng.randint(1000000, 9999999)}'
    p['dx'] = rng.choice([d for d in DX[p['etiology']]
                          if not (p['sex'] == 'male' and 'breast' in d) and not (p['sex'] == 'female' and 'prostate' in d)])
identifiers = []
for p in pts:
    identifiers += [('name', p['name']), ('bht_number', p['bht']), ('clinic_number', p['clinic']),
                    ('national_id', p['nic']), ('phone', p['tel'])]


def d(x):
    return x.strftime('%d-%m-%Y')


rows = []
for p in pts:
    for s in p['sessions']:
        rows.append((p['date'] + dt.timedelta(days=s['day']), p, s))
rows.sort(key=lambda r: (r[0], r[1]['idx']))

wb = Workbook()
ws = wb.active
ws.title = 'PVP 2021-2023'
thin = Side(style='thin', color='808080')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
HF = PatternFill('solid', fgColor='D9E1F2')
ws['A1'] = 'யாழ்ப்பாணம் போதனா வைத்தியசாலை – Teaching Hospital Jaffna'
ws['A2'] = 'Orthopaedic Unit (Ward 22) – Percutaneous Vertebroplasty / Balloon Kyphoplasty Register'
ws['A1'].font = Font(bold=True, size=13); ws['A2'].font = Font(bold=True)
ws.merge_cells('A1:V1'); ws.merge_cells('A2:V2')
H = ['இல. / No.', 'ஆய்வு இல. / Study No.', 'பெயர் / Name', 'BHT No.', 'Clinic No.', 'தே.அ.அ. / NIC',
     'தொலைபேசி / Tel', 'வயது / Age', 'பால் / Sex', 'நோயறிதல் / Diagnosis', 'திகதி / Date of procedure',
     'Procedure', 'Level(s)', 'Cement total (ml)', 'Cement leak', 'முன் / Pre-op', 'Day 1',
     '2 wks', '6 wks', '3 months', '6 months', 'குறிப்பு / Remarks']
ws.merge_cells('P3:U3')
ws['P3'] = 'வலி / Pain score (faces 0-10)'
ws['P3'].font = Font(bold=True); ws['P3'].alignment = Alignment(horizontal='center'); ws['P3'].fill = HF
for j, h in enumerate(H, 1):
    c = ws.cell(row=4, column=j, value=h)
    c.font = Font(bold=True); c.fill = HF; c.border = B
    c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
PC = {'pre': 16, '24h': 17, '2w': 18, '6w': 19, '3m': 20, '6m': 21}
errors, drop = [], set()
r = 5
for n, (od, p, s) in enumerate(rows, 1):
    v = {1: n, 2: p['pid'], 3: p['name'], 4: p['bht'], 5: p['clinic'], 6: p['nic'], 7: p['tel'],
         8: p['age'],
         9: rng.choice(['F', 'F', 'பெண்']) if p['sex'] == 'female' else rng.choice(['M', 'M', 'ஆண்']),
         10: p['dx'] if s['session'] == 1 else 'New # ' + s['levels'][0] + ' – adjacent',
         11: d(od), 12: 'BKP' if s['tech'] == 'kyphoplasty' else 'PVP',
         13: ', '.join(s['levels']),
         14: fmt_num(round(sum(s['vols']), 1)) if rng.random() < 0.5 else float(round(sum(s['vols']), 1))}
    lk = [(l, k) for l, k in zip(s['levels'], s['leaks']) if k != 'none']
    v[15] = 'Nil' if not lk else 'Yes – ' + ', '.join(LK[k] + (f' {l}' if len(s['levels']) > 1 else '') for l, k in lk)
    death = p['death_day'] - s['day'] if p['died'] else None
    for t, c in PC.items():
        val = s['scores'].get(('pain_vas', t))
        if val is None:
            if death is not None and death < WINDOW[t][1]:
                val = '-'
            elif (CUT - od).days < WINDOW[t][1]:
                val = None
            else:
                val = 'DNA'
        elif s['words']:
            val = FACES[val] if rng.random() < 0.9 else FACES[val].lower()
        v[c] = val
    rem = []
    if s['session'] == 2:
        rem.append('Re-op')
    if s['session'] == 1 and p['fractures']:
        rem += [f'New # {l} on {d(p["date"] + dt.timedelta(days=dd))}' for dd, l in p['fractures']]
    if p['died'] and s['session'] == len(p['sessions']):
        rem.append(rng.choice(['Died', 'இறப்பு / Died']) + ' ' + d(p['date'] + dt.timedelta(days=p['death_day'])))
    v[22] = '; '.join(rem) or None
    # planted errors
    if p['idx'] == E_LEVEL:
        v[13] = 'T21'
        errors.append([ws.title, f'M{r}', r, 'Level(s)', 'T21',
                       'impossible level T21 (digits transposed); should be T12', p['pid']])
    if p['idx'] == E_VOL:
        v[14] = '38'
        errors.append([ws.title, f'N{r}', r, 'Cement total (ml)', '38',
                       '38 ml for a single-level PVP is impossible: decimal point lost, should be 3.8', p['pid']])
    if p['idx'] == E_PAIN:
        t = [t for t in ('6w', '3m', '2w', '6m') if ('pain_vas', t) in s['scores']][0]
        v[PC[t]] = 15
        drop.add((p['pid'], 1, 'pain_vas', t))
        errors.append([ws.title, f'{CL(PC[t])}{r}', r, f'Pain {t}', '15',
                       f'pain score 15 outside the 0-10 faces scale (true value {s["scores"][("pain_vas", t)]})', p['pid']])
    if p['idx'] == E_REDATE and s['session'] == 2:
        bad = od.replace(year=od.year - 1)
        v[11] = d(bad)
        errors.append([ws.title, f'K{r}', r, 'திகதி / Date of procedure', d(bad),
                       f'Re-op dated before the first operation ({d(p["date"])}); year mistyped, should be {d(od)}', p['pid']])
    for j in range(1, 23):
        c = ws.cell(row=r, column=j, value=v.get(j))
        c.border = B
        if s['session'] == 2:
            c.fill = PatternFill('solid', fgColor='E2EFDA')
    r += 1
r += 1
for t in ['Pain: Wong-Baker faces 0-10. Some entries written as the face words: No hurt = 0, Hurts little bit = 2, '
          'Hurts little more = 4, Hurts even more = 6, Hurts whole lot = 8, Hurts worst = 10.',
          'DNA = did not attend clinic.  "-" = patient had died.  Re-op = second procedure; its pain columns count from the re-op date.',
          'Dates dd-mm-yyyy.  PVP = vertebroplasty, BKP = balloon kyphoplasty.  Cement = total for the procedure (all levels).']:
    ws.cell(row=r, column=1, value=t).font = Font(italic=True, size=9); r += 1
for j, wdt in enumerate([6, 11, 24, 10, 9, 12, 12, 7, 7, 30, 13, 9, 11, 9, 22, 15, 15, 15, 15, 15, 15, 34], 1):
    ws.column_dimensions[CL(j)].width = wdt
ws.freeze_panes = 'D5'
wb.save(os.path.join(HERE, 'input.xlsx'))
write_truth(pts, lambda p: p['pid'], lambda p, s: 'session', lambda p, s: '',
            lambda p, s: True, errors, identifiers, drop)
print('jaffna written')
