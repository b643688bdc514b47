"""make.py for site wroclaw - writes input + truth next to itself (deterministic, fixed seed)."""
# ---------------------------------------------------------------------------
# shared cohort generator (identical block in each site's make.py)
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
         ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}


def r05(x):
    return round(x * 2) / 2.0


def pick_levels(rng, n):
    # first level weighted around the thoraco-lumbar junction
    cands = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4']
    w = [1, 1, 2, 3, 4, 7, 10, 10, 6, 4, 2]
    first = rng.choices(cands, w)[0]
    i = LEVELS.index(first)
    i = min(i, LEVELS.index('L5') - n + 1)
    return LEVELS[i:i + n]


def pick_leak(rng):
    x = rng.random()
    if x < 0.70:
        return 'none'
    if x < 0.82:
        return 'disc'
    if x < 0.90:
        return 'venous'
    if x < 0.95:
        return 'paravertebral'
    if x < 0.97:
        return 'epidural'
    return 'disc;venous'


def vas_series(rng, pre):
    return {'pre': pre,
            '24h': max(1, pre - rng.randint(3, 5)),
            '1w': max(1, pre - rng.randint(3, 5)),
            '2w': max(1, pre - rng.randint(3, 6)),
            '1m': max(1, pre - rng.randint(4, 6)),
            '6w': max(1, pre - rng.randint(4, 6)),
            '3m': max(0, pre - rng.randint(4, 7)),
            '6m': max(0, pre - rng.randint(4, 7)),
            '12m': max(0, pre - rng.randint(4, 8))}


def odi_series(rng):
    pre = rng.randint(48, 82)
    d = {'pre': pre}
    for tp, (a, b) in {'24h': (8, 18), '1w': (10, 20), '2w': (12, 25), '1m': (15, 30),
                       '6w': (18, 32), '3m': (20, 40), '6m': (22, 42), '12m': (22, 45)}.items():
        d[tp] = max(6, pre - rng.randint(a, b))
    return d


def gen_cohort(rng, n, start, end, prefix, vas_tps, odi_tps, vas2_tps, odi2_tps=(),
               p_kypho=0.3, p_second=0.22, p_death=0.18, p_newfx=0.3, p_miss=0.12,
               kypho_by_patient=True, cement_default='PMMA', cp_share=0.0, id_width=3,
               vas_half=False):
    """Return a list of patient dicts (sorted by first operation date)."""
    span = (end - start).days
    dates = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for k, d0 in enumerate(dates):
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [62, 24, 10, 4])[0]
        if et == 'osteoporotic':
            sex = 'female' if rng.random() < 0.78 else 'male'
            age = rng.randint(61, 89)
        elif et == 'pathologic':
            sex = rng.choice(['female', 'male'])
            age = rng.randint(49, 81)
        elif et == 'traumatic':
            sex = 'male' if rng.random() < 0.6 else 'female'
            age = rng.randint(44, 74)
        else:
            sex = rng.choice(['female', 'male'])
            age = rng.randint(45, 72)
        nlev = rng.choices([1, 2, 3], [55, 30, 15])[0]
        levels = pick_levels(rng, nlev)
        tech = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
        ctype = cement_default
        if et == 'traumatic' and rng.random() < cp_share:
            ctype = 'calcium phosphate'
        vols = [r05(rng.uniform(2.0, 5.0) if tech == 'vertebroplasty' else rng.uniform(3.0, 7.0))
                for _ in levels]
        leaks = [pick_leak(rng) for _ in levels]
        pre = rng.randint(7, 9)
        vas = vas_series(rng, pre)
        if vas_half:
            for t in vas:
                if rng.random() < 0.25 and 0 < vas[t] < 10:
                    vas[t] = vas[t] + 0.5
        odi = odi_series(rng)
        died_day = None
        if rng.random() < p_death or (et == 'pathologic' and rng.random() < 0.35):
            died_day = rng.randint(40, 520)
        s1_vas = {}
        s1_odi = {}
        s1_marks = {}  # tp -> 'missed' | 'dead'
        for tp in vas_tps:
            if tp != 'pre' and died_day is not None and TP_DAYS[tp] >= died_day:
                s1_marks[tp] = 'dead'
                continue
            if tp not in ('pre', '24h') and rng.random() < p_miss:
                s1_marks[tp] = 'missed'
                continue
            s1_vas[tp] = vas[tp]
            if tp in odi_tps:
                s1_odi[tp] = odi[tp]
        for tp in odi_tps:
            if tp not in vas_tps and tp not in s1_marks:
                if tp == 'pre' or (died_day is None or TP_DAYS[tp] < died_day):
                    s1_odi[tp] = odi[tp]
        p = dict(pid='%s%0*d' % (prefix, id_width, k + 1), sex=sex, age=age, etiology=et,
                 date0=d0, died_day=died_day, died='yes' if died_day else 'no',
                 s1=dict(levels=levels, tech=tech, vols=vols, leaks=leaks, ctype=ctype,
                         vas=s1_vas, odi=s1_odi, marks=s1_marks),
                 s2=None, fractures=[])
        # new fractures / second operation
        last = died_day if died_day else 540
        if rng.random() < p_newfx and last > 60:
            cand = [LEVELS[LEVELS.index(levels[0]) - 1], LEVELS[LEVELS.index(levels[-1]) + 1]]
            cand = [c for c in cand if c[0] in 'TL']
            if cand:
                fl = rng.choice(cand)
                fday = rng.randint(35, min(last - 20, 420))
                p['fractures'].append((fday, fl))
                if rng.random() < 0.75 and fday + 30 < last:
                    p['s2_level'] = fl
        if 's2_level' not in p and rng.random() < p_second * 0.5 and last > 120:
            # repeat op for residual pain / another level seen on MRI
            cand = [LEVELS[LEVELS.index(levels[-1]) + 1]]
            if cand[0][0] not in 'TL':
                cand = [LEVELS[LEVELS.index(levels[0]) - 1]]
            fday = rng.randint(60, min(last - 40, 400))
            p['fractures'].append((fday, cand[0]))
            p['s2_level'] = cand[0]
        if 's2_level' in p:
            fday = p['fractures'][-1][0]
            d2 = fday + rng.randint(4, 25)
            tech2 = tech if rng.random() < 0.8 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
            v2 = vas_series(rng, rng.randint(7, 9))
            o2 = odi_series(rng)
            s2v, s2o, s2m = {}, {}, {}
            for tp in vas2_tps:
                if tp != 'pre' and died_day is not None and d2 + TP_DAYS[tp] >= died_day:
                    s2m[tp] = 'dead'
                    continue
                if tp not in ('pre', '24h') and rng.random() < p_miss:
                    s2m[tp] = 'missed'
                    continue
                s2v[tp] = v2[tp]
                if tp in odi2_tps:
                    s2o[tp] = o2[tp]
            p['s2'] = dict(day=d2, levels=[p['s2_level']], tech=tech2,
                           vols=[r05(rng.uniform(2.5, 5.5) if tech2 == 'vertebroplasty' else rng.uniform(3.0, 6.5))],
                           leaks=[pick_leak(rng)], ctype=cement_default, vas=s2v, odi=s2o, marks=s2m)
        pts.append(p)
    return pts


def iso(d):
    return d.isoformat()


def write_truth(pts, errors, idents, per_vertebra, timepoint_filter=None, cement_recorded=True,
                leak_recorded=True):
    tdir = os.path.join(HERE, 'truth')
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pts])
    rows = []
    arows = []
    for p in pts:
        for sn, s in ((1, p['s1']), (2, p['s2'])):
            if not s:
                continue
            day = 0 if sn == 1 else s['day']
            tot = sum(s['vols'])
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], sn, day, lv, s['tech'],
                             ('%g' % v) if per_vertebra else '',
                             '' if per_vertebra else ('%g' % tot),
                             s.get('ctype_out', s['ctype']),
                             lk if s.get('leak_out', True) else ''])
            for meas, dd in (('pain_vas', s['vas']), ('odi', s['odi'])):
                for tp in ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']:
                    if tp in dd:
                        arows.append([p['pid'], sn, meas, tp, '%g' % dd[tp]])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], arows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    seen = set()
    out = []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v))
            out.append([k, v])
    w('identifiers.csv', ['kind', 'value'], out)


def col_letter(c):  # 0-based
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(r, c):  # 0-based -> A1
    return '%s%d' % (col_letter(c), r + 1)
# ---------------------------------------------------------------------------


def birth_for_age(rng, d0, age):
    hi = d0.replace(year=d0.year - age) if not (d0.month == 2 and d0.day == 29) else dt.date(d0.year - age, 2, 28)
    # any birth date in (hi - 1 year, hi] gives that age on d0
    return hi - dt.timedelta(days=rng.randint(0, 360))


def age_on(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Wrocław: Klinika Neurochirurgii, register of vertebro-/kyphoplasties
# ---------------------------------------------------------------------------
import xlsxwriter

rng = random.Random(2611)
pts = gen_cohort(rng, 18, dt.date(2020, 2, 1), dt.date(2022, 10, 31), 'WR-', id_width=2,
                 vas_tps=['pre', '24h', '1m', '3m', '12m'], odi_tps=['pre', '3m', '12m'],
                 vas2_tps=['pre', '1m', '3m'], p_kypho=0.35)

ROM = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']
F_FIRST = ['Halina', 'Krystyna', 'Danuta', 'Barbara', 'Teresa', 'Janina', 'Irena', 'Zofia',
           'Elżbieta', 'Stanisława', 'Wanda', 'Grażyna', 'Jadwiga', 'Maria']
M_FIRST = ['Zbigniew', 'Stanisław', 'Jerzy', 'Kazimierz', 'Tadeusz', 'Andrzej', 'Ryszard',
           'Józef', 'Henryk', 'Marek']
SURN = [('Kowalsk', 'i', 'a'), ('Wiśniewsk', 'i', 'a'), ('Nowak', '', ''), ('Wójcik', '', ''),
        ('Kamińsk', 'i', 'a'), ('Lewandowsk', 'i', 'a'), ('Zieliński', '', ''), ('Szymańsk', 'i', 'a'),
        ('Woźniak', '', ''), ('Dąbrowsk', 'i', 'a'), ('Kozłowsk', 'i', 'a'), ('Jankowsk', 'i', 'a'),
        ('Mazur', '', ''), ('Krawczyk', '', ''), ('Piotrowsk', 'i', 'a'), ('Grabowsk', 'i', 'a'),
        ('Pawłowsk', 'i', 'a'), ('Michalsk', 'i', 'a'), ('Król', '', ''), ('Wieczorek', '', '')]
DIAG = {'osteoporotic': ['złamanie osteoporotyczne', 'osteoporoza', 'osteoporoza, złam. kompresyjne',
                         'złam. osteoporotyczne'],
        'pathologic': ['przerzut ca piersi', 'meta ca prostaty', 'szpiczak mnogi', 'przerzut raka nerki',
                       'szpiczak plazmocytowy', 'meta ca płuca'],
        'traumatic': ['uraz – upadek z wysokości', 'złamanie urazowe (wypadek kom.)'],
        'other': ['naczyniak trzonu (haemangioma)']}
LEAK = {'none': 'brak', 'disc': 'do krążka', 'venous': 'żylny', 'paravertebral': 'przykręgosłupowy',
        'epidural': 'do kanału kręgowego', 'disc;venous': 'do krążka + żylny'}


def lvl_pl(l):
    return ('Th' + l[1:]) if l[0] == 'T' else l


def pesel(b, sex):
    yy, mm, dd = b.year % 100, b.month + (20 if b.year >= 2000 else 0), b.day
    ser = rng.randint(0, 999)
    sx = rng.choice([1, 3, 5, 7, 9] if sex == 'male' else [0, 2, 4, 6, 8])
    digs = '%02d%02d%02d%03d%d' % (yy, mm, dd, ser, sx)
    wts = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    c = (10 - sum(int(a) * w for a, w in zip(digs, wts)) % 10) % 10
    return digs + str(c)


def date_pl(d, style=None):
    style = style if style is not None else rng.choices(['rom_sp', 'rom_dot', 'num_txt', 'real'], [3, 2, 2, 4])[0]
    if style == 'rom_sp':
        return '%d %s %d' % (d.day, ROM[d.month], d.year)
    if style == 'rom_dot':
        return '%d.%s.%d' % (d.day, ROM[d.month], d.year)
    if style == 'num_txt':
        return '%02d.%02d.%d' % (d.day, d.month, d.year)
    return d  # real Excel date


def vol_pl(v):
    s = ('%g' % v).replace('.', ',')
    x = rng.random()
    if x < 0.15:
        return s + ' ml'
    if x < 0.55 and v == int(v):
        return int(v)  # typed as a number
    return s


errors = []
idents = [('name', 'M. Zając'), ('phone', 'tel. wewn. 2231')]

wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
ws = wb.add_worksheet('Rejestr WP-KP')
F = dict(
    title=wb.add_format({'bold': True, 'font_size': 13}),
    sub=wb.add_format({'italic': True, 'font_size': 10}),
    grp=wb.add_format({'bold': True, 'align': 'center', 'valign': 'vcenter', 'border': 1, 'bg_color': '#D9D9D9'}),
    grp2=wb.add_format({'bold': True, 'align': 'center', 'valign': 'vcenter', 'border': 1, 'bg_color': '#FCE4D6'}),
    hdr=wb.add_format({'bold': True, 'text_wrap': True, 'align': 'center', 'valign': 'vcenter', 'border': 1,
                       'bg_color': '#F2F2F2'}),
    hdr2=wb.add_format({'bold': True, 'text_wrap': True, 'align': 'center', 'valign': 'vcenter', 'border': 1,
                        'bg_color': '#FCE4D6'}),
    c=wb.add_format({'border': 1, 'valign': 'vcenter', 'align': 'center'}),
    t=wb.add_format({'border': 1, 'valign': 'vcenter', 'text_wrap': True}),
    d=wb.add_format({'border': 1, 'valign': 'vcenter', 'align': 'center', 'num_format': 'dd.mm.yyyy'}),
    dead=wb.add_format({'border': 1, 'valign': 'vcenter', 'align': 'center', 'bg_color': '#FFC7CE'}),
    note=wb.add_format({'italic': True, 'font_size': 9}),
)
ws.merge_range('A1:P1', 'Uniwersytecki Szpital Kliniczny we Wrocławiu – Klinika Neurochirurgii', F['title'])
ws.merge_range('A2:P2', 'Rejestr zabiegów wertebroplastyki (WP) i kyfoplastyki balonowej (KP) – lata 2020–2022',
               F['title'])
ws.merge_range('A3:P3', 'stan na 14.II.2024 – oprac. lek. M. Zając (tel. wewn. 2231)', F['sub'])

HDR = ['Lp.', 'Nr w badaniu', 'Nazwisko i imię', 'PESEL', 'Nr księgi gł.', 'Płeć', 'Wiek', 'Rozpoznanie',
       'Data zabiegu', 'Metoda', 'Poziom', 'Cement [ml]', 'Rodzaj cementu', 'Wyciek cementu',
       'VAS przed', 'VAS 24 h', 'VAS 1 mies.', 'VAS 3 mies.', 'VAS 12 mies.',
       'ODI przed [%]', 'ODI 3 mies. [%]', 'ODI 12 mies. [%]',
       'Data (II zabieg)', 'Metoda (II zabieg)', 'Poziom (II zabieg)', 'Cement [ml] (II zabieg)',
       'Wyciek (II zabieg)', 'VAS przed (II zabieg)', 'VAS 1 mies. (II zabieg)', 'VAS 3 mies. (II zabieg)',
       'Nowe złamanie (poziom, data)', 'Zgon', 'Uwagi']
C = {h: i for i, h in enumerate(HDR)}
GR, HR = 4, 5
ws.merge_range(GR, 0, GR, 7, 'Dane pacjenta', F['grp'])
ws.merge_range(GR, 8, GR, 13, 'Zabieg', F['grp'])
ws.merge_range(GR, 14, GR, 18, 'Ból – skala VAS (0–10)', F['grp'])
ws.merge_range(GR, 19, GR, 21, 'Oswestry (ODI)', F['grp'])
ws.merge_range(GR, 22, GR, 29, 'II zabieg (ponowna WP/KP)', F['grp2'])
ws.merge_range(GR, 30, GR, 32, 'Obserwacja', F['grp'])
for i, h in enumerate(HDR):
    ws.write(HR, i, h, F['hdr2'] if '(II zabieg)' in h else F['hdr'])
ws.set_row(HR, 45)
widths = [4, 9, 24, 13, 12, 5, 5, 26, 12, 7, 7, 8, 12, 16] + [7] * 8 + [12, 8, 8, 8, 12, 8, 8, 8, 22, 16, 30]
for i, wdt in enumerate(widths):
    ws.set_column(i, i, wdt)
ws.freeze_panes(HR + 1, 3)

# choose which patients get the planted mistakes
multi = [p for p in pts if len(p['s1']['levels']) >= 2 and any(l[0] == 'L' for l in p['s1']['levels'])]
err_level = multi[0]['pid'] if multi else pts[1]['pid']
vol_cands = [p for p in pts if p['pid'] != err_level and any(v != int(v) for v in p['s1']['vols'])]
err_vol = vol_cands[2]['pid']
vas_cands = [p for p in pts if p['pid'] not in (err_level, err_vol) and '3m' in p['s1']['vas']]
err_vas = vas_cands[4]['pid']
d2_cands = [p for p in pts if p['s2'] and p['pid'] not in (err_level, err_vol, err_vas)]
err_date = d2_cands[0]['pid']

r = HR + 1
used_surn = set()
for n, p in enumerate(pts, 1):
    s1, s2 = p['s1'], p['s2']
    nrow = len(s1['levels'])
    fem = p['sex'] == 'female'
    while True:
        sn = rng.choice(SURN)
        if sn[0] not in used_surn:
            used_surn.add(sn[0])
            break
    surname = sn[0] + (sn[2] if fem else sn[1])
    first = rng.choice(F_FIRST if fem else M_FIRST)
    name = '%s %s' % (surname, first)
    b = birth_for_age(rng, p['date0'], p['age'])
    pes = pesel(b, p['sex'])
    ksiega = '%d/%d' % (rng.randint(1200, 28900), p['date0'].year)
    idents += [('name', name), ('national_id', pes), ('record_number', ksiega), ('birth_date', b.isoformat())]

    def put(c, val, fmt='c'):
        f = F[fmt]
        if isinstance(val, dt.date):
            if nrow > 1:
                ws.merge_range(r, c, r + nrow - 1, c, '', F['d'])
            ws.write_datetime(r, c, dt.datetime(val.year, val.month, val.day), F['d'])
            return
        if nrow > 1:
            ws.merge_range(r, c, r + nrow - 1, c, val, f)
        else:
            ws.write(r, c, val, f)

    put(C['Lp.'], n)
    put(C['Nr w badaniu'], p['pid'])
    put(C['Nazwisko i imię'], name, 't')
    put(C['PESEL'], pes)
    put(C['Nr księgi gł.'], ksiega)
    put(C['Płeć'], 'K' if fem else 'M')
    put(C['Wiek'], p['age'])
    put(C['Rozpoznanie'], rng.choice(DIAG[p['etiology']]), 't')
    put(C['Data zabiegu'], date_pl(p['date0']))
    put(C['Metoda'], 'KP' if s1['tech'] == 'kyphoplasty' else 'WP')
    ct = s1['ctype'] if s1['tech'] == 'vertebroplasty' else rng.choice(['PMMA', 'PMMA (Kyphon HV-R)'])
    put(C['Rodzaj cementu'], ct)
    for i, (lv, v, lk) in enumerate(zip(s1['levels'], s1['vols'], s1['leaks'])):
        lvs = lvl_pl(lv)
        if p['pid'] == err_level and lv[0] == 'L' and i == len(s1['levels']) - 1:
            lvs = 'L7'
            errors.append(['Rejestr WP-KP', cell(r + i, C['Poziom']), r + i + 1, 'Poziom', 'L7',
                           'impossible level (there is no L7); operative note gives %s' % lv, p['pid']])
        ws.write(r + i, C['Poziom'], lvs, F['c'])
        vv = vol_pl(v)
        if p['pid'] == err_vol and v != int(v) and not any(e[6] == err_vol for e in errors):
            vv = ('%g' % (v * 10)).replace('.', ',')
            errors.append(['Rejestr WP-KP', cell(r + i, C['Cement [ml]']), r + i + 1, 'Cement [ml]', vv,
                           'cement volume %s ml for one vertebra is impossible (decimal comma lost); should be %s'
                           % (vv, ('%g' % v).replace('.', ',')), p['pid']])
        ws.write(r + i, C['Cement [ml]'], vv, F['c'])
        ws.write(r + i, C['Wyciek cementu'], LEAK[lk], F['c'])

    def mark(m):
        if m == 'dead':
            return rng.choice(['†', 'zm.', '†'])
        return rng.choice(['n.z.', 'n.z.', 'nie zgł.', 'b.d.'])

    for tp, col in (('pre', 'VAS przed'), ('24h', 'VAS 24 h'), ('1m', 'VAS 1 mies.'), ('3m', 'VAS 3 mies.'),
                    ('12m', 'VAS 12 mies.')):
        if tp in s1['vas']:
            val = s1['vas'][tp]
            if p['pid'] == err_vas and tp == '3m':
                errors.append(['Rejestr WP-KP', cell(r, C[col]), r + 1, col, '11',
                               'VAS 11 is outside the 0-10 scale (true value unknown)', p['pid']])
                del s1['vas'][tp]
                val = 11
            put(C[col], val)
        else:
            put(C[col], mark(s1['marks'][tp]), 'dead' if s1['marks'][tp] == 'dead' else 'c')
    for tp, col in (('pre', 'ODI przed [%]'), ('3m', 'ODI 3 mies. [%]'), ('12m', 'ODI 12 mies. [%]')):
        if tp in s1['odi']:
            v = s1['odi'][tp]
            put(C[col], ('%d%%' % v) if rng.random() < 0.3 else v)
        elif tp in s1['marks']:
            put(C[col], '', 'c')
        else:
            put(C[col], '', 'c')
    if s2:
        d2 = p['date0'] + dt.timedelta(days=s2['day'])
        if p['pid'] == err_date:
            mdays = {2: 29 if d2.year % 4 == 0 else 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(d2.month, 31)
            bad = '%d.%s.%d' % (mdays + 1, ROM[d2.month], d2.year)
            put(C['Data (II zabieg)'], bad)
            errors.append(['Rejestr WP-KP', cell(r, C['Data (II zabieg)']), r + 1, 'Data (II zabieg)', bad,
                           'impossible date (month has only %d days); true date' % mdays + '  of 2nd operation %s' % d2.strftime('%d.%m.%Y'),
                           p['pid']])
        else:
            put(C['Data (II zabieg)'], date_pl(d2))
        put(C['Metoda (II zabieg)'], 'KP' if s2['tech'] == 'kyphoplasty' else 'WP')
        put(C['Poziom (II zabieg)'], lvl_pl(s2['levels'][0]))
        put(C['Cement [ml] (II zabieg)'], vol_pl(s2['vols'][0]))
        put(C['Wyciek (II zabieg)'], LEAK[s2['leaks'][0]])
        for tp, col in (('pre', 'VAS przed (II zabieg)'), ('1m', 'VAS 1 mies. (II zabieg)'),
                        ('3m', 'VAS 3 mies. (II zabieg)')):
            if tp in s2['vas']:
                put(C[col], s2['vas'][tp])
            else:
                put(C[col], mark(s2['marks'][tp]), 'dead' if s2['marks'][tp] == 'dead' else 'c')
    else:
        for col in HDR[22:30]:
            put(C[col], '')
    fx = '; '.join('%s – %s' % (lvl_pl(l), date_pl(p['date0'] + dt.timedelta(days=d), rng.choice(['rom_sp', 'rom_dot', 'num_txt'])))
                   for d, l in p['fractures'])
    put(C['Nowe złamanie (poziom, data)'], fx if fx else '–', 't')
    if p['died_day']:
        dd = p['date0'] + dt.timedelta(days=p['died_day'])
        put(C['Zgon'], rng.choice(['zm. ', '† ', 'zgon ']) + date_pl(dd, rng.choice(['rom_sp', 'rom_dot', 'num_txt'])), 'dead')
    else:
        put(C['Zgon'], '')
    notes = []
    if s2:
        notes.append(rng.choice(['II zabieg z powodu nowego złamania', 'ponowna hospitalizacja – II zabieg',
                                 'skierowana ponownie z poradni']))
    if p['etiology'] == 'pathologic':
        notes.append(rng.choice(['biopsja śródoperacyjna', 'konsultacja onkologiczna', 'po RT']))
    if rng.random() < 0.2:
        notes.append('tel. kontakt z rodziną')
    put(C['Uwagi'], '; '.join(notes), 't')
    r += nrow

r += 1
for line in ['Objaśnienia: WP – wertebroplastyka przezskórna, KP – kyfoplastyka balonowa; Th – kręg piersiowy, L – lędźwiowy.',
             'Cement podawany na każdy kręg osobno [ml]. n.z. / nie zgł. – pacjent nie zgłosił się na kontrolę; b.d. – brak danych;',
             '† / zm. – pacjent zmarł (dalsze kontrole niemożliwe). Kontrole: 24 h, 1, 3 i 12 mies. po zabiegu.',
             'Pacjenci z II zabiegiem: VAS w kolumnach (II zabieg) liczony od dnia II zabiegu.']:
    ws.write(r, 0, line, F['note'])
    r += 1
wb.close()

write_truth(pts, errors, idents, per_vertebra=True)
