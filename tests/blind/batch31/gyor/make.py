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
# GYŐR writer
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter as CL

rng = random.Random(90262)
N = 16
D0, D1, CUT = dt.date(2021, 3, 1), dt.date(2023, 6, 30), dt.date(2023, 12, 31)
pts = gen_patients(rng, N, D0, D1, CUT, ['24h', '6w', '3m', '12m'], ['6w', '3m', '12m'],
                   p_kypho=0.45, second={3, 9}, extra_fx={12, 5}, deaths={2, 10, 14},
                   etiol={2: 'pathologic', 10: 'pathologic', 14: 'pathologic', 7: 'traumatic',
                          11: 'other', 4: 'osteoporotic', 6: 'osteoporotic', 8: 'osteoporotic'})
E_LEVEL, E_DATE, E_VOL, E_ID = 4, 8, 13, 6
for k in (E_LEVEL, E_DATE, E_VOL, E_ID):
    assert len(pts[k]['sessions']) == 1 and not pts[k]['fractures'], k
s = pts[E_LEVEL]['sessions'][0]
s['levels'] = ['T11', 'T12']; s['vols'] = [3.5, 4.0]; s['leaks'] = ['none', 'none']
s = pts[E_VOL]['sessions'][0]
s['vols'][0] = 4.5
_d = pts[E_DATE]['date']
_m = min([4, 6, 9, 11], key=lambda m: abs(m - _d.month))
pts[E_DATE]['date'] = dt.date(_d.year, _m, 13)       # real op date; typed with the day digits swapped

VEZ = ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár', 'Németh', 'Farkas',
       'Balogh', 'Takács', 'Papp', 'Lakatos', 'Mészáros', 'Simon', 'Fekete', 'Szalai', 'Győri', 'Pintér']
FERFI = ['István', 'János', 'László', 'József', 'Ferenc', 'Sándor', 'Imre', 'Gyula', 'Lajos', 'Tibor', 'Béla']
NOI = ['Mária', 'Erzsébet', 'Katalin', 'Ilona', 'Éva', 'Margit', 'Julianna', 'Magdolna', 'Irén', 'Terézia']
DG = {'osteoporotic': ['osteoporoticus compressiós törés', 'osteoporosis, csigolya compressio',
                       'osteoporoticus csigolyatörés (elesés)'],
      'pathologic': ['myeloma multiplex', 'emlőrák csontáttét', 'prostatarák áttét', 'tüdőrák metastasis'],
      'traumatic': ['traumás törés (létráról esés)', 'traumás compressiós törés (KRESZ-baleset)'],
      'other': ['agresszív haemangioma']}
LK = {'none': 'nem', 'disc': 'igen – discus', 'venous': 'igen – vénás',
      'paravertebral': 'igen – paravertebralis', 'epidural': 'igen – epiduralis'}
vez = rng.sample(VEZ, N)
for p in pts:
    p['pid'] = f'GY-{p["idx"] + 1:02d}'
    if p['sex'] == 'female':
        if rng.random() < 0.6:
            p['name'] = f'{vez[p["idx"]]} {rng.choice(FERFI)}né'          # married name, e.g. Nagy Istvánné
        else:
            p['name'] = f'{vez[p["idx"]]} {rng.choice(NOI)}'
    else:
        p['name'] = f'{vez[p["idx"]]} {rng.choice(FERFI)}'
    taj = f'{rng.randint(100000000, 999999999):09d}'
    p['taj'] = f'{taj[:3]} {taj[3:6]} {taj[6:]}'
    op = p['date']
    by = op.year - p['age'] - 1
    while True:
        dob = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        a = op.year - dob.year - ((op.month, op.day) < (dob.month, dob.day))
        if a == p['age']:
            break
        by += 1 if a > p['age'] else -1
    p['dob'] = dob
    p['dg'] = rng.choice([d for d in DG[p['etiology']]
                          if not (p['sex'] == 'male' and 'emlő' in d) and not (p['sex'] == 'female' and 'prostata' in d)])


def hd(d):
    return d.strftime('%Y.%m.%d.')


def hlev(l):
    return l.replace('T', 'Th')


def hnum(v):
    return fmt_num(v).replace('.', ',')


identifiers = []
for p in pts:
    identifiers += [('name', p['name']), ('national_id', p['taj']), ('birth_date', hd(p['dob']))]

wb = Workbook()
ws = wb.active
ws.title = 'VP-KP 2021-2023'
thin = Side(style='thin', color='7F7F7F')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
HF = PatternFill('solid', fgColor='FCE4D6')
GR = PatternFill('solid', fgColor='E7E6E6')
ws['A1'] = 'Petz Aladár Egyetemi Oktató Kórház – Idegsebészeti Osztály, Győr'
ws['A2'] = 'Percutan vertebroplastica (VP) / kyphoplastica (KP) – betegkövetés'
ws['A1'].font = Font(bold=True, size=13); ws['A2'].font = Font(bold=True, italic=True)
ws.merge_cells('A1:Z1'); ws.merge_cells('A2:Z2')
H = ['Sorsz.', 'Azonosító', 'Név', 'TAJ szám', 'Szül. dátum', 'Nem', 'Kor', 'Diagnózis', 'Műtét',
     'Műtét dátuma', 'Eljárás', 'Szint', 'Cement (ml)', 'Cement', 'Cementszivárgás',
     'műtét előtt', '1. nap', '6. hét', '3. hó', '12. hó', 'műtét előtt', '6. hét', '3. hó', '12. hó',
     'Új csigolyatörés', 'Megjegyzés']
for rg, t in [('P3:T3', 'VAS (0–10)'), ('U3:X3', 'ODI (%)')]:
    ws.merge_cells(rg)
    c = ws[rg.split(':')[0]]
    c.value = t; c.font = Font(bold=True); c.fill = HF; c.alignment = Alignment(horizontal='center')
for j, h in enumerate(H, 1):
    c = ws.cell(row=4, column=j, value=h)
    c.font = Font(bold=True); c.fill = HF; c.border = B
    c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
VASC = {'pre': 16, '24h': 17, '6w': 18, '3m': 19, '12m': 20}
ODIC = {'pre': 21, '6w': 22, '3m': 23, '12m': 24}

errors = []
r = 5
for p in pts:
    prow = r
    for s in p['sessions']:
        srow = r
        od = p['date'] + dt.timedelta(days=s['day'])
        death = p['death_day'] - s['day'] if p['died'] else None
        for k, (l, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
            ws.cell(row=r, column=12, value=hlev(l))
            ws.cell(row=r, column=13, value=hnum(v))
            ws.cell(row=r, column=14, value='PMMA')
            ws.cell(row=r, column=15, value=LK[lk])
            r += 1
        erow = r - 1
        ws.cell(row=srow, column=9, value='1. műtét' if s['session'] == 1 else '2. műtét (reop.)')
        ws.cell(row=srow, column=10, value=hd(od))
        ws.cell(row=srow, column=11, value='KP' if s['tech'] == 'kyphoplasty' else 'VP')
        for t, c in VASC.items():
            val = s['scores'].get(('pain_vas', t))
            if val is None:
                if death is not None and death < WINDOW[t][1]:
                    val = 'elhunyt'
                elif (CUT - od).days < WINDOW[t][1]:
                    val = None
                else:
                    val = 'nj'
            ws.cell(row=srow, column=c, value=val)
        for t, c in ODIC.items():
            val = s['scores'].get(('odi', t))
            if val is None:
                if death is not None and death < WINDOW[t][1]:
                    val = 'elhunyt'
                elif (CUT - od).days < WINDOW[t][1]:
                    val = None
                else:
                    val = 'nj'
            ws.cell(row=srow, column=c, value=val)
        for c in [9, 10, 11] + list(VASC.values()) + list(ODIC.values()):
            if erow > srow:
                ws.merge_cells(start_row=srow, start_column=c, end_row=erow, end_column=c)
        if p['idx'] == E_DATE:
            good = od
            bad = f'{od.year}.{od.month:02d}.31.'
            ws.cell(row=srow, column=10, value=bad)
            errors.append(['VP-KP 2021-2023', f'J{srow}', srow, 'Műtét dátuma', bad,
                           f'impossible date: the month has 30 days (day digits swapped 13->31); op register gives {hd(good)}', p['pid']])
    erow = r - 1
    ws.cell(row=prow, column=1, value=p['idx'] + 1)
    ws.cell(row=prow, column=2, value=p['pid'])
    ws.cell(row=prow, column=3, value=p['name'])
    ws.cell(row=prow, column=4, value=p['taj'])
    ws.cell(row=prow, column=5, value=hd(p['dob']))
    ws.cell(row=prow, column=6, value='nő' if p['sex'] == 'female' else 'férfi')
    ws.cell(row=prow, column=7, value=p['age'])
    ws.cell(row=prow, column=8, value=p['dg'])
    if p['fractures']:
        ws.cell(row=prow, column=25, value='igen – ' + '; '.join(
            f'{hlev(l)} ({hd(p["date"] + dt.timedelta(days=d))})' for d, l in p['fractures']))
    else:
        ws.cell(row=prow, column=25, value='nem')
    meg = []
    if p['died']:
        meg.append('elhunyt ' + hd(p['date'] + dt.timedelta(days=p['death_day'])))
    if p['fractures'] and len(p['sessions']) == 1:
        meg.append('új törés konzervatívan (fűző)')
    if p['etiology'] == 'pathologic':
        meg.append('onkológiai gondozás')
    ws.cell(row=prow, column=26, value='; '.join(meg) or None)
    for c in [1, 2, 3, 4, 5, 6, 7, 8, 25, 26]:
        if erow > prow:
            ws.merge_cells(start_row=prow, start_column=c, end_row=erow, end_column=c)
    for rr in range(prow, erow + 1):
        for c in range(1, 27):
            cell = ws.cell(row=rr, column=c)
            cell.border = B
            cell.alignment = Alignment(vertical='top', wrap_text=c in (3, 8, 25, 26))
            if p['died']:
                cell.fill = GR
    # planted errors
    if p['idx'] == E_LEVEL:
        ws.cell(row=prow + 1, column=12, value='Th13')
        errors.append(['VP-KP 2021-2023', f'L{prow + 1}', prow + 1, 'Szint', 'Th13',
                       'impossible level Th13 (there are 12 thoracic vertebrae); should be Th12', p['pid']])
    if p['idx'] == E_VOL:
        ws.cell(row=prow, column=13, value='45')
        errors.append(['VP-KP 2021-2023', f'M{prow}', prow, 'Cement (ml)', '45',
                       '45 ml in one vertebra is impossible: decimal comma lost, should be 4,5', p['pid']])
    if p['idx'] == E_ID:
        ws.cell(row=prow, column=2, value=None)
        errors.append(['VP-KP 2021-2023', f'B{prow}', prow, 'Azonosító', '',
                       f'study ID missing (by serial number {p["idx"] + 1} it should be {p["pid"]})', p['pid']])
r += 1
for t in ['Jelmagyarázat: nj = nem jelent meg a kontrollon; elhunyt = a beteg elhunyt (szürke sor);',
          'VP = vertebroplastica, KP = kyphoplastica (ballonos); szintek Th1–Th12, L1–L5; cement ml-ben, csigolyánként.',
          'Reoperáció ("2. műtét") VAS/ODI értékei a 2. műtét napjától számítva.']:
    ws.cell(row=r, column=1, value=t).font = Font(italic=True, size=9); r += 1
for j, wdt in enumerate([6, 10, 20, 13, 12, 6, 5, 30, 14, 12, 7, 6, 9, 8, 20, 8, 6, 6, 6, 6, 8, 6, 6, 6, 28, 34], 1):
    ws.column_dimensions[CL(j)].width = wdt
ws.freeze_panes = 'D5'
wb.save(os.path.join(HERE, 'input.xlsx'))
write_truth(pts, lambda p: p['pid'], lambda p, s: 'vertebra', lambda p, s: 'PMMA',
            lambda p, s: True, errors, identifiers)
print('gyor written')
