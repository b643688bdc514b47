"""make.py for site brno - writes input + truth next to itself (deterministic, fixed seed)."""
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
# Brno: one sheet per year, two-row header (time point merged over VAS | ODI)
# ---------------------------------------------------------------------------
import xlsxwriter

rng = random.Random(2613)
pts = gen_cohort(rng, 19, dt.date(2020, 3, 1), dt.date(2022, 11, 20), 'X', id_width=2,
                 vas_tps=['pre', '1m', '3m', '12m'], odi_tps=['pre', '1m', '3m', '12m'],
                 vas2_tps=['pre', '1m', '3m'], p_kypho=0.4, cp_share=0.6)
# study IDs are per year: VK20-01, VK20-02, ... (VK = vertebro/kyfoplastika)
byyear = {}
for p in pts:
    y = p['date0'].year
    byyear.setdefault(y, []).append(p)
    p['pid'] = 'VK%02d-%02d' % (y % 100, len(byyear[y]))

F_FIRST = ['Jana', 'Marie', 'Eva', 'Hana', 'Anna', 'Věra', 'Alena', 'Jaroslava', 'Ludmila', 'Zdeňka', 'Božena',
           'Jiřina', 'Vlasta']
M_FIRST = ['Jiří', 'Josef', 'Jan', 'Miroslav', 'Václav', 'Karel', 'Zdeněk', 'Ladislav', 'Vladimír', 'Stanislav']
SURN = [('Novák', 'Nováková'), ('Svoboda', 'Svobodová'), ('Dvořák', 'Dvořáková'), ('Černý', 'Černá'),
        ('Procházka', 'Procházková'), ('Kučera', 'Kučerová'), ('Veselý', 'Veselá'), ('Horák', 'Horáková'),
        ('Němec', 'Němcová'), ('Pospíšil', 'Pospíšilová'), ('Marek', 'Marková'), ('Pokorný', 'Pokorná'),
        ('Hájek', 'Hájková'), ('Král', 'Králová'), ('Jelínek', 'Jelínková'), ('Růžička', 'Růžičková'),
        ('Beneš', 'Benešová'), ('Fiala', 'Fialová'), ('Sedláček', 'Sedláčková'), ('Zeman', 'Zemanová'),
        ('Kolář', 'Kolářová'), ('Navrátil', 'Navrátilová')]
DIAG = {'osteoporotic': ['osteoporotická fraktura', 'OP fraktura', 'osteoporóza – kompresivní zlomenina'],
        'pathologic': ['meta ca prsu', 'mnohočetný myelom', 'meta ca prostaty', 'meta ca ledviny', 'MM – myelom'],
        'traumatic': ['úraz – pád z výšky', 'úraz (autonehoda)', 'traumatická fraktura'],
        'other': ['hemangiom obratle']}
LEAK = {'disc': 'do disku', 'venous': 'žilní', 'paravertebral': 'paravertebrálně', 'epidural': 'epidurálně',
        'disc;venous': 'do disku + žilní'}


def lvl_cz(l):
    return ('Th' + l[1:]) if l[0] == 'T' else l


def dec(v):
    return ('%g' % v).replace('.', ',')


def rodne_cislo(b, sex):
    yy, mm, dd = b.year % 100, b.month + (50 if sex == 'female' else 0), b.day
    head = '%02d%02d%02d' % (yy, mm, dd)
    if b.year < 1954:
        return head + '/%03d' % rng.randint(0, 999)
    while True:
        x = rng.randint(0, 999)
        c = int(head + '%03d' % x) % 11
        if c < 10:
            return head + '/%03d%d' % (x, c)


def date_cell(d):
    """real date (d.m.yyyy) most of the time, else typed text '3. 11. 2021' or '3.11.21'"""
    x = rng.random()
    if x < 0.7:
        return d
    if x < 0.9:
        return '%d. %d. %d' % (d.day, d.month, d.year)
    return '%d.%d.%02d' % (d.day, d.month, d.year % 100)


def leak_cz(levels, leaks):
    parts = ['%s (%s)' % (LEAK[lk], lvl_cz(lv)) for lv, lk in zip(levels, leaks) if lk != 'none']
    return ', '.join(parts) if parts else rng.choice(['ne', 'ne', 'bez úniku', '0'])


errors = []
idents = [('name', 'MUDr. Petr Kratochvíl'), ('name', 'Petr Kratochvíl')]
wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
F = dict(
    title=wb.add_format({'bold': True, 'font_size': 12}),
    grp=wb.add_format({'bold': True, 'align': 'center', 'valign': 'vcenter', 'border': 1, 'bg_color': '#DDEBF7'}),
    grp2=wb.add_format({'bold': True, 'align': 'center', 'valign': 'vcenter', 'border': 1, 'bg_color': '#E2EFDA'}),
    hdr=wb.add_format({'bold': True, 'align': 'center', 'valign': 'vcenter', 'border': 1, 'text_wrap': True,
                       'bg_color': '#F2F2F2'}),
    c=wb.add_format({'border': 1, 'align': 'center'}),
    t=wb.add_format({'border': 1}),
    d=wb.add_format({'border': 1, 'align': 'center', 'num_format': 'd.m.yyyy'}),
    miss=wb.add_format({'border': 1, 'align': 'center', 'font_color': '#808080', 'italic': True}),
    dead=wb.add_format({'border': 1, 'align': 'center', 'bg_color': '#D9D9D9'}),
    note=wb.add_format({'italic': True, 'font_size': 9}),
)
# columns
PAT = ['č.', 'ID studie', 'příjmení, jméno', 'RČ', 'pohl.', 'věk', 'diagnóza']
VYK = ['datum', 'obratle', 'metoda', 'cement (ml)', 'typ cementu', 'únik cementu']
TPS = [('pre', 'předop.'), ('1m', '1 měs.'), ('3m', '3 měs.'), ('12m', '12 měs.')]
REP = ['datum', 'obratel', 'metoda', 'cement (ml)', 'únik', 'VAS předop.', 'VAS 1 měs.', 'VAS 3 měs.']
COL = {}
c = 0
for h in PAT:
    COL['P:' + h] = c; c += 1
for h in VYK:
    COL['V:' + h] = c; c += 1
for tp, lab in TPS:
    COL['VAS:' + tp] = c; COL['ODI:' + tp] = c + 1; c += 2
for h in REP:
    COL['R:' + h] = c; c += 1
COL['NF:obratel'] = c; COL['NF:datum'] = c + 1; c += 2
COL['exitus'] = c; COL['pozn'] = c + 1
NCOL = c + 2

choices = sorted(pts, key=lambda p: p['pid'])
c_lvl = [p for p in pts if len(p['s1']['levels']) >= 2 and p['s1']['levels'][-1][0] == 'L']
err_lvl = c_lvl[0]['pid'] if c_lvl else pts[0]['pid']
c_vol = [p for p in pts if p['pid'] != err_lvl and len(p['s1']['levels']) >= 2 and
         any(v != int(v) for v in p['s1']['vols'])]
err_vol = c_vol[-1]['pid']
c_odi = [p for p in pts if p['pid'] not in (err_lvl, err_vol) and '3m' in p['s1']['odi']]
err_odi = c_odi[5]['pid']
c_rep = [p for p in pts if p['s2'] and p['pid'] not in (err_lvl, err_vol, err_odi)]
err_rep = c_rep[1]['pid']

used = set()
for year in sorted(byyear):
    sh = str(year)
    ws = wb.add_worksheet(sh)
    ws.write(0, 0, 'FN Brno – Neurochirurgická klinika: perkutánní vertebroplastika / balónková kyfoplastika, rok %d' % year,
             F['title'])
    ws.write(1, 0, 'zodpovídá: MUDr. Petr Kratochvíl; VAS 0–10, ODI v %', F['note'])
    G, H = 3, 4  # two header rows
    for h in PAT:
        ws.merge_range(G, COL['P:' + h], H, COL['P:' + h], h, F['hdr'])
    ws.merge_range(G, COL['V:datum'], G, COL['V:únik cementu'], 'výkon', F['grp'])
    for h in VYK:
        ws.write(H, COL['V:' + h], h, F['hdr'])
    for tp, lab in TPS:
        ws.merge_range(G, COL['VAS:' + tp], G, COL['ODI:' + tp], lab, F['grp'])
        ws.write(H, COL['VAS:' + tp], 'VAS', F['hdr'])
        ws.write(H, COL['ODI:' + tp], 'ODI', F['hdr'])
    ws.merge_range(G, COL['R:datum'], G, COL['R:VAS 3 měs.'], 'opakovaná operace', F['grp2'])
    for h in REP:
        ws.write(H, COL['R:' + h], h, F['hdr'])
    ws.merge_range(G, COL['NF:obratel'], G, COL['NF:datum'], 'nová fraktura', F['grp'])
    ws.write(H, COL['NF:obratel'], 'obratel', F['hdr'])
    ws.write(H, COL['NF:datum'], 'datum', F['hdr'])
    ws.merge_range(G, COL['exitus'], H, COL['exitus'], 'exitus', F['hdr'])
    ws.merge_range(G, COL['pozn'], H, COL['pozn'], 'poznámka', F['hdr'])
    ws.set_row(H, 30)
    for i in range(NCOL):
        ws.set_column(i, i, 7)
    for k, wdt in (('P:příjmení, jméno', 20), ('P:RČ', 12), ('P:diagnóza', 22), ('V:datum', 10), ('V:obratle', 12),
                   ('V:cement (ml)', 10), ('V:typ cementu', 12), ('V:únik cementu', 16), ('R:datum', 10),
                   ('R:únik', 12), ('NF:datum', 10), ('exitus', 14), ('pozn', 30)):
        ws.set_column(COL[k], COL[k], wdt)
    ws.freeze_panes(H + 1, 3)

    def W(r, key, val, fmt='c'):
        col = COL[key]
        if isinstance(val, dt.date):
            ws.write_datetime(r, col, dt.datetime(val.year, val.month, val.day), F['d'])
        elif val is None or val == '':
            ws.write_blank(r, col, None, F[fmt])
        else:
            ws.write(r, col, val, F[fmt])

    r = H + 1
    for n, p in enumerate(byyear[year], 1):
        s1, s2 = p['s1'], p['s2']
        fem = p['sex'] == 'female'
        while True:
            sn = rng.choice(SURN)
            if sn[0] not in used:
                used.add(sn[0])
                break
        name = '%s %s' % (sn[1] if fem else sn[0], rng.choice(F_FIRST if fem else M_FIRST))
        b = birth_for_age(rng, p['date0'], p['age'])
        rc = rodne_cislo(b, p['sex'])
        idents += [('name', name), ('national_id', rc), ('birth_date', b.isoformat())]
        W(r, 'P:č.', n)
        W(r, 'P:ID studie', p['pid'])
        W(r, 'P:příjmení, jméno', name, 't')
        W(r, 'P:RČ', rc)
        W(r, 'P:pohl.', 'Ž' if fem else 'M')
        W(r, 'P:věk', p['age'])
        W(r, 'P:diagnóza', rng.choice(DIAG[p['etiology']]), 't')
        W(r, 'V:datum', date_cell(p['date0']))
        lv = [lvl_cz(l) for l in s1['levels']]
        if p['pid'] == err_lvl:
            lv[-1] = 'L7'
        lvtxt = ' / '.join(lv)
        W(r, 'V:obratle', lvtxt)
        if p['pid'] == err_lvl:
            errors.append([sh, cell(r, COL['V:obratle']), r + 1, 'výkon / obratle', lvtxt,
                           'impossible level L7; operative report gives %s' % lvl_cz(s1['levels'][-1]), p['pid']])
        W(r, 'V:metoda', 'KP' if s1['tech'] == 'kyphoplasty' else 'VP')
        vs = [dec(v) for v in s1['vols']]
        if p['pid'] == err_vol:
            i = [j for j, v in enumerate(s1['vols']) if v != int(v)][0]
            good = vs[i]
            vs[i] = '%g' % (s1['vols'][i] * 10)
            errors.append([sh, cell(r, COL['V:cement (ml)']), r + 1, 'výkon / cement (ml)', ' / '.join(vs),
                           'cement %s ml for one vertebra (%s) is impossible – decimal comma lost; should be %s'
                           % (vs[i], lvl_cz(s1['levels'][i]), good), p['pid']])
        vtxt = ' / '.join(vs)
        if len(vs) == 1 and s1['vols'][0] == int(s1['vols'][0]) and rng.random() < 0.6:
            W(r, 'V:cement (ml)', int(s1['vols'][0]))
        else:
            W(r, 'V:cement (ml)', vtxt)
        W(r, 'V:typ cementu', 'kalciumfosfát' if s1['ctype'] == 'calcium phosphate' else 'PMMA')
        W(r, 'V:únik cementu', leak_cz(s1['levels'], s1['leaks']))

        def mark(m):
            if m == 'dead':
                return rng.choice(['†', 'zemřela' if fem else 'zemřel'])
            return rng.choice(['nedostavila se' if fem else 'nedostavil se', 'nepřišla' if fem else 'nepřišel', '—'])

        for tp, lab in TPS:
            if tp in s1['vas']:
                W(r, 'VAS:' + tp, s1['vas'][tp])
                ov = s1['odi'].get(tp)
                if p['pid'] == err_odi and tp == '3m':
                    W(r, 'ODI:' + tp, 115)
                    errors.append([sh, cell(r, COL['ODI:' + tp]), r + 1, '3 měs. / ODI', '115',
                                   'ODI 115 % is outside the 0-100 scale (true value unknown)', p['pid']])
                    del s1['odi'][tp]
                else:
                    W(r, 'ODI:' + tp, ov if ov is not None else '')
            else:
                m = s1['marks'][tp]
                txt = mark(m)
                W(r, 'VAS:' + tp, txt, 'dead' if m == 'dead' else 'miss')
                W(r, 'ODI:' + tp, '', 'dead' if m == 'dead' else 'miss')
        if s2:
            d2 = p['date0'] + dt.timedelta(days=s2['day'])
            if p['pid'] == err_rep:
                bad = d2.replace(year=d2.year - 1) if not (d2.month == 2 and d2.day == 29) else d2 - dt.timedelta(days=365)
                if bad >= p['date0']:
                    bad = bad.replace(year=bad.year - 1)
                W(r, 'R:datum', bad)
                errors.append([sh, cell(r, COL['R:datum']), r + 1, 'opakovaná operace / datum', bad.strftime('%-d.%-m.%Y'),
                               'repeat operation dated before the first operation (%s) – year typo; true date %s'
                               % (p['date0'].strftime('%-d.%-m.%Y'), d2.strftime('%-d.%-m.%Y')), p['pid']])
            else:
                W(r, 'R:datum', date_cell(d2))
            s2['ctype_out'] = ''  # cement type not recorded for the repeat operation
            W(r, 'R:obratel', lvl_cz(s2['levels'][0]))
            W(r, 'R:metoda', 'KP' if s2['tech'] == 'kyphoplasty' else 'VP')
            W(r, 'R:cement (ml)', dec(s2['vols'][0]))
            W(r, 'R:únik', leak_cz(s2['levels'], s2['leaks']))
            for tp, key in (('pre', 'R:VAS předop.'), ('1m', 'R:VAS 1 měs.'), ('3m', 'R:VAS 3 měs.')):
                if tp in s2['vas']:
                    W(r, key, s2['vas'][tp])
                else:
                    m = s2['marks'][tp]
                    W(r, key, mark(m), 'dead' if m == 'dead' else 'miss')
        else:
            for h in REP:
                W(r, 'R:' + h, '')
        if p['fractures']:
            W(r, 'NF:obratel', ', '.join(lvl_cz(l) for d, l in p['fractures']))
            fds = [p['date0'] + dt.timedelta(days=d) for d, l in p['fractures']]
            W(r, 'NF:datum', fds[0] if len(fds) == 1 else ', '.join(x.strftime('%-d.%-m.%Y') for x in fds))
        else:
            W(r, 'NF:obratel', '')
            W(r, 'NF:datum', '')
        if p['died_day']:
            dd = p['date0'] + dt.timedelta(days=p['died_day'])
            W(r, 'exitus', rng.choice(['ano, ', 'exitus ', '† ']) + dd.strftime('%-d.%-m.%Y'), 'dead')
        else:
            W(r, 'exitus', rng.choice(['', '', 'ne']))
        notes = []
        if s2:
            notes.append(rng.choice(['reop. pro novou frakturu', 'opakovaná VP – nová fraktura na MR',
                                     'reoperace, viz chorobopis']))
        if p['etiology'] == 'pathologic':
            notes.append(rng.choice(['biopsie peroperačně', 'onkologie MOÚ', 'po RT']))
        if s1['ctype'] == 'calcium phosphate':
            notes.append('mladší pac., CaP cement')
        W(r, 'pozn', '; '.join(notes), 't')
        r += 1
    r += 1
    for line in ['VP = vertebroplastika, KP = balónková kyfoplastika. Cement uveden po obratlích ve stejném pořadí jako obratle (ml).',
                 '„nedostavil(a) se“, „nepřišel(a)“, „—“ = kontrola neproběhla; † / zemřel(a) = pacient zemřel před kontrolou.',
                 'Kontroly opakované operace se počítají od data opakované operace.']:
        ws.write(r, 0, line, F['note'])
        r += 1
wb.close()

write_truth(pts, errors, idents, per_vertebra=True)
