# ---- common cohort generator (shared by the batch-17 sites; copied into each make.py) ----
import os, sys, csv, random, datetime as dt

TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 180, '12m': 365, '24m': 730}
LEVELS = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEVEL_W = [1, 1, 2, 3, 3, 4, 6, 10, 10, 6, 4, 2, 1]


def lvl_idx(l):
    return LEVELS.index(l)


def pick_levels(rng, k, avoid=()):
    while True:
        start = rng.choices(LEVELS, LEVEL_W)[0]
        i = lvl_idx(start)
        if i + k > len(LEVELS):
            continue
        if k > 1 and rng.random() < 0.25 and i + k + 1 <= len(LEVELS):
            levs = [LEVELS[i]] + [LEVELS[i + 2 + j] for j in range(k - 1)]  # non-contiguous
        else:
            levs = LEVELS[i:i + k]
        if not set(levs) & set(avoid):
            return levs


def gen_cohort(seed, n, tps, measures, s2_tps, start=dt.date(2021, 1, 10), end=dt.date(2023, 6, 30),
               pmma_brands=('PMMA',), cp_brand=None, n_s2=3, n_extra_fx=2, n_died=3,
               kypho_share=0.3):
    """Returns a list of patient dicts. tps: session-1 timepoints (incl. 'pre'); s2_tps: session-2."""
    rng = random.Random(seed)
    pts = []
    span = (end - start).days
    etis = ['osteoporotic'] * 17 + ['pathologic'] * 6 + ['traumatic'] * 3
    rng.shuffle(etis)
    for k in range(n):
        eti = etis[k % len(etis)]
        sex = 'female' if rng.random() < (0.78 if eti == 'osteoporotic' else 0.45) else 'male'
        age = {'osteoporotic': rng.randint(58, 89), 'pathologic': rng.randint(44, 79),
               'traumatic': rng.randint(33, 71)}[eti]
        d0 = start + dt.timedelta(days=int(span * k / n) + rng.randint(0, 12))
        # birth date consistent with age at d0
        bd = d0 - dt.timedelta(days=int(age * 365.25) + rng.randint(20, 340))
        while True:
            a = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
            if a == age:
                break
            bd += dt.timedelta(days=(a - age) * 200)
        nlev = rng.choices([1, 2, 3], [70, 22, 8])[0]
        tech = 'kyphoplasty' if rng.random() < (kypho_share + (0.3 if eti != 'osteoporotic' else 0)) else 'vertebroplasty'
        p = dict(idx=k, sex=sex, age=age, etiology=eti, bdate=bd, d0=d0, died=False, death=None,
                 sessions=[], scores={}, vdates={}, fractures=[], err=None)
        p['sessions'].append(mk_session(rng, 1, d0, 0, nlev, tech, pmma_brands, cp_brand, eti))
        pts.append(p)
    # second sessions / fractures / deaths
    order = list(range(n))
    rng.shuffle(order)
    s2_ids = [i for i in order if pts[i]['etiology'] == 'osteoporotic'][:n_s2]
    died_ids = [i for i in order if i not in s2_ids and pts[i]['etiology'] == 'pathologic'][:max(0, n_died - 1)]
    died_ids += [i for i in order if i not in s2_ids and i not in died_ids and pts[i]['etiology'] == 'osteoporotic'][:1]
    died_ids = died_ids[:n_died]
    fx_ids = [i for i in order if i not in s2_ids and i not in died_ids][:n_extra_fx]
    for i, p in enumerate(pts):
        used = [l['level'] for l in p['sessions'][0]['levels']]
        if i in s2_ids:
            fday = rng.choice([35, 60, 95, 120, 150])
            lv = pick_levels(rng, 1, avoid=used + [nb for u in used for nb in nbrs(u)])
            p['fractures'].append((fday, lv[0]))
            sday = fday + rng.randint(3, 15)
            s = mk_session(rng, 2, p['d0'] + dt.timedelta(days=sday), sday, 1, p['sessions'][0]['technique'],
                           pmma_brands, cp_brand, p['etiology'], fixed_levels=lv,
                           cement=p['sessions'][0]['cement'])
            p['sessions'].append(s)
        if i in fx_ids:
            fday = rng.choice([88, 175, 190, 300])
            lv = pick_levels(rng, 1, avoid=used + [nb for u in used for nb in nbrs(u)])
            p['fractures'].append((fday, lv[0]))
        if i in died_ids:
            p['died'] = True
    # scores
    for p in pts:
        death_day = None
        if p['died']:
            # dies after some follow-up: last attended timepoint then death
            fu = [t for t in tps if t != 'pre']
            nkeep = rng.randint(2, max(2, len(fu) - 1))
            keep = fu[:nkeep]
            last = TP_DAYS[keep[-1]]
            nxt = TP_DAYS[fu[nkeep]] if nkeep < len(fu) else last + 120
            death_day = rng.randint(last + 10, max(last + 11, nxt - 5))
            p['death'] = p['d0'] + dt.timedelta(days=death_day)
            p['death_day'] = death_day
        for s in p['sessions']:
            stps = tps if s['s'] == 1 else s2_tps
            base = rng.uniform(6.5, 9.5)
            for t in stps:
                vday = s['day'] + TP_DAYS[t]
                if t not in ('pre', '24h'):
                    vday += rng.randint(-4, 9) if TP_DAYS[t] >= 30 else rng.randint(0, 2)
                alive = death_day is None or vday < death_day - 3
                missing = (not alive) or (t not in ('pre',) and rng.random() < 0.13)
                if p['died'] and alive and t != 'pre':
                    missing = False
                p['vdates'][(s['s'], t)] = None if not alive else p['d0'] + dt.timedelta(days=vday)
                p.setdefault('attended', {})[(s['s'], t)] = not missing
                if missing and alive:
                    p['vdates'][(s['s'], t)] = None
                for m in measures.get(t, []) if s['s'] == 1 else measures.get('s2_' + t, measures.get(t, [])):
                    if missing:
                        p['scores'][(s['s'], m, t)] = None
                        continue
                    p['scores'][(s['s'], m, t)] = score(rng, m, t, base)
    return pts


def nbrs(l):
    i = lvl_idx(l)
    return [LEVELS[j] for j in (i - 1, i + 1) if 0 <= j < len(LEVELS)]


def mk_session(rng, s, date, day, nlev, tech, pmma_brands, cp_brand, eti, fixed_levels=None, cement=None):
    levs = fixed_levels or pick_levels(rng, nlev)
    if cement is None:
        cement = cp_brand if (cp_brand and eti == 'traumatic' and rng.random() < 0.7) else rng.choice(pmma_brands)
    L = []
    for l in levs:
        lumbar = l.startswith('L')
        vol = rng.choice([2.0, 2.5, 3.0, 3.5, 4.0] if not lumbar else [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0])
        if tech == 'kyphoplasty':
            vol += 1.0
        r = rng.random()
        if r < 0.62:
            leak = 'none'
        elif r < 0.77:
            leak = 'disc'
        elif r < 0.88:
            leak = 'venous'
        elif r < 0.94:
            leak = 'paravertebral'
        elif r < 0.97:
            leak = 'disc;venous'
        else:
            leak = 'epidural'
        L.append(dict(level=l, vol=vol, leak=leak))
    return dict(s=s, date=date, day=day, technique=tech, cement=cement, levels=L,
                total=round(sum(x['vol'] for x in L), 1))


def score(rng, m, t, base):
    d = TP_DAYS[t]
    if m == 'pain_vas':
        if t == 'pre':
            return int(round(base))
        if d <= 1:
            return max(0, int(round(base - rng.uniform(3, 5))))
        return max(0, int(round(base - rng.uniform(4, 7))))
    if m == 'odi':
        if t == 'pre':
            return 2 * rng.randint(25, 42)
        return 2 * rng.randint(8, 22)
    if m == 'mobility':
        if t == 'pre':
            return rng.choice([2, 3, 3, 4])
        if d <= 1:
            return rng.choice([1, 2, 2])
        return rng.choice([0, 1, 1])
    raise ValueError(m)


class Truth:
    def __init__(self):
        self.errors = []
        self.idents = []
        self._seen = set()

    def err(self, sheet, cell, header, value, what, pid):
        import re
        row = int(re.sub(r'^[A-Z]+', '', cell))
        self.errors.append([sheet, cell, row, header, value, what, pid or ''])

    def ident(self, kind, value):
        value = str(value)
        if (kind, value) not in self._seen:
            self._seen.add((kind, value))
            self.idents.append([kind, value])


def fmtnum(x):
    if x is None:
        return ''
    if float(x) == int(x):
        return str(int(x))
    return ('%.2f' % x).rstrip('0').rstrip('.')


def write_truth(outdir, pts, T, per_vertebra=lambda p, s: True, skip=lambda p: False):
    """Writes truth/*.csv.  per_vertebra(p, s) tells whether the input gives per-vertebra volumes."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f)
            c.writerow(header)
            c.writerows(rows)
    P, R, A, F = [], [], [], []
    for p in [q for q in pts if not q['err']]:   # consistency of the generated (non-planted) data
        ds = [d for d in p['vdates'].values() if d is not None] + [p['d0'] + dt.timedelta(days=f) for f, _ in p['fractures']]
        ds += [s['date'] for s in p['sessions']]
        assert min(ds) >= p['d0'], p['pid']
        if p['died']:
            assert p['death'] > max(ds), p['pid']
    for p in pts:
        if skip(p):
            continue
        pid = p['pid']
        P.append([pid, p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for s in p['sessions']:
            pv = per_vertebra(p, s)
            for L in s['levels']:
                R.append([pid, s['s'], '' if s.get('day_unknown') else s['day'], L['level'], s['technique'],
                          fmtnum(L['vol']) if pv else '', '' if pv else fmtnum(s['total']),
                          s['cement_truth'], L['leak']])
        for (ss, m, t), v in p['scores'].items():
            if v is not None:
                A.append([pid, ss, m, t, fmtnum(v)])
        for (d, l) in p['fractures']:
            F.append([pid, d, l])
    A.sort(key=lambda r: (r[0], r[1], r[2], list(TP_DAYS).index(r[3])))
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], R)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    w('fractures.csv', ['patient_id', 'day', 'level'], F)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], T.errors)
    w('identifiers.csv', ['kind', 'value'], T.idents)


def outdir_arg():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    return out
# ---- end common ----
# ---- site: patras ----
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter

NAMES_F = ['Μαρία Παπαδοπούλου', 'Ελένη Γεωργίου', 'Αικατερίνη Νικολάου', 'Βασιλική Κωνσταντινίδου', 'Γεωργία Αθανασοπούλου',
           'Παναγιώτα Σταθοπούλου', 'Δήμητρα Χριστοπούλου', 'Σοφία Καραγιάννη', 'Ευαγγελία Μαυροειδή', 'Αναστασία Ρήγα',
           'Χρυσούλα Παπανικολάου', 'Ιωάννα Δημητροπούλου', 'Κωνσταντίνα Λαμπροπούλου', 'Αγγελική Τσώνη', 'Φωτεινή Σπυροπούλου',
           'Ζωή Κουτσογιάννη', 'Ευτυχία Πολυχρονοπούλου', 'Θεοδώρα Αλεξοπούλου']
NAMES_M = ['Γεώργιος Παπαδόπουλος', 'Ιωάννης Οικονόμου', 'Κωνσταντίνος Ανδρικόπουλος', 'Δημήτριος Μακρής', 'Νικόλαος Φωτόπουλος',
           'Παναγιώτης Ζαφειρόπουλος', 'Χρήστος Μπούρας', 'Αθανάσιος Κολοκοτρώνης', 'Σπυρίδων Γιαννακόπουλος', 'Ευάγγελος Ντάβαρης', 'Ανδρέας Κατσίκης', 'Θεόδωρος Ρουμελιώτης', 'Βασίλειος Σκιαδάς', 'Μιχαήλ Καλογερόπουλος', 'Ηλίας Τζαννετάκης', 'Αντώνιος Πετρόπουλος']
TPS = ['pre', '24h', '6w', '3m', '12m']
MEAS = {'pre': ['pain_vas', 'odi'], '24h': ['pain_vas'], '6w': ['pain_vas', 'odi'], '3m': ['pain_vas', 'odi'],
        '12m': ['pain_vas', 'odi'], 's2_pre': ['pain_vas'], 's2_24h': ['pain_vas'], 's2_6w': ['pain_vas']}
TPG = {'pre': 'Προεγχειρητικά', '24h': '24 ώρες', '6w': '6 εβδομάδες', '3m': '3 μήνες', '12m': '12 μήνες'}
BRAND = {'Osteopal V': 'PMMA', 'Vertecem V+': 'PMMA', 'PMMA': 'PMMA', 'KyphOs FS': 'calcium phosphate'}
LEAKG = {'none': 'Όχι', 'disc': 'Δισκική', 'venous': 'Φλεβική', 'paravertebral': 'Παρασπονδυλική',
         'disc;venous': 'Δισκική + φλεβική', 'epidural': 'Επισκληρίδια'}


def glevel(l):
    return ('Θ' if l[0] == 'T' else 'Ο') + l[1:]   # Greek capital Theta / Omicron


def gnum(x):
    s = fmtnum(x)
    return s.replace('.', ',')


def main():
    out = outdir_arg()
    rng = random.Random(1702)
    pts = gen_cohort(1702, 22, TPS, MEAS, ['pre', '24h', '6w'], start=dt.date(2020, 9, 1), end=dt.date(2023, 2, 28),
                     pmma_brands=['Osteopal V', 'Vertecem V+', 'Osteopal V', 'PMMA'], cp_brand='KyphOs FS',
                     n_s2=3, n_extra_fx=2, n_died=2, kypho_share=0.35)
    for p in [q for q in pts if q['etiology'] == 'traumatic'][:2]:
        p['sessions'][0]['cement'] = 'KyphOs FS'
        p['sessions'][0]['technique'] = 'kyphoplasty'
    used = set()
    for i, p in enumerate(pts):
        p['pid'] = 'ΣΠ-%03d' % (i + 1)
        for s in p['sessions']:
            s['cement_truth'] = BRAND[s['cement']]
        pool = [x for x in (NAMES_F if p['sex'] == 'female' else NAMES_M) if x not in used]
        p['name'] = rng.choice(pool); used.add(p['name'])
        p['rec'] = '%d%06d' % (p['d0'].year % 100, rng.randint(0, 999999))
        p['amka'] = p['bdate'].strftime('%d%m%y') + '%05d' % rng.randint(0, 99999)
        p['tel'] = '69%d %03d %04d' % (rng.randint(0, 9), rng.randint(0, 999), rng.randint(0, 9999))
    plain = [i for i, p in enumerate(pts) if not p['died'] and len(p['sessions']) == 1 and not p['fractures']]
    E = dict(zip([plain[0], plain[4], plain[8], plain[11]], ['odi130', 'cem24', 'feb30', 'T13']))
    for i, k in E.items():
        pts[i]['err'] = k
    ix = {k: i for i, k in E.items()}
    p = pts[ix['odi130']]
    p['scores'][(1, 'odi', '3m')] = 130
    if p['vdates'][(1, '3m')] is None:
        p['vdates'][(1, '3m')] = p['d0'] + dt.timedelta(days=93)
        p['scores'][(1, 'pain_vas', '3m')] = 3
    p = pts[ix['cem24']]
    p['sessions'][0]['levels'][0]['vol'] = 24.0
    p = pts[ix['feb30']]
    # make the 6-week visit fall in February so that "30/02" is a plausible slip
    p['vdates'][(1, '6w')] = p['d0'] + dt.timedelta(days=44)
    p['scores'].setdefault((1, 'pain_vas', '6w'), 3)
    if p['scores'][(1, 'pain_vas', '6w')] is None:
        p['scores'][(1, 'pain_vas', '6w')] = 3
        p['scores'][(1, 'odi', '6w')] = 34
    p = pts[ix['T13']]
    p['sessions'][0]['levels'][0]['level'] = 'T13'
    T = Truth()
    wb = Workbook()
    lg = wb.active
    lg.title = 'Υπόμνημα'
    legend = ['Πανεπιστημιακό Γενικό Νοσοκομείο Αχαΐας — Κλινική Σπονδυλικής Στήλης',
              'Αρχείο ασθενών διαδερμικής σπονδυλοπλαστικής / κυφοπλαστικής (2020-2023)',
              '', 'Μία καρτέλα (φύλλο) ανά ασθενή. Το όνομα του φύλλου είναι ο κωδικός μελέτης.',
              'Σπόνδυλοι: Θ = θωρακικός, Ο = οσφυϊκός (π.χ. Θ12, Ο1).',
              'VAS: 0-10. ODI: %. Όγκος τσιμέντου σε ml ανά σπόνδυλο.',
              'Τσιμέντο: Osteopal V / Vertecem V+ = PMMA, KyphOs FS = φωσφορικό ασβέστιο.',
              '«δεν προσήλθε» = χαμένη επίσκεψη, «—» = δεν μετρήθηκε.',
              'Υπεύθυνος: Δρ. Π. Αντωνόπουλος, Επιμελητής Α΄']
    for k, t in enumerate(legend, 1):
        lg.cell(k, 1, t)
    lg['A1'].font = Font(bold=True, size=13)
    lg.column_dimensions['A'].width = 90
    bold = Font(bold=True)
    grey = PatternFill('solid', fgColor='D9E1F2')
    thin = Side(style='thin')
    for p in pts:
        ws = wb.create_sheet(p['pid'])
        sh = p['pid']
        for j, wdt in enumerate([20, 14, 13, 18, 16, 12, 20], 1):
            ws.column_dimensions[get_column_letter(j)].width = wdt
        ws['A1'] = 'ΠΓΝ Αχαΐας — Κλινική Σπονδυλικής Στήλης'
        ws['A1'].font = Font(bold=True, size=12)
        ws['A2'] = 'ΚΑΡΤΕΛΑ ΑΣΘΕΝΟΥΣ — Σπονδυλοπλαστική / Κυφοπλαστική'
        ws['A2'].font = Font(bold=True)
        ws.merge_cells('A2:G2')
        info = [('Κωδικός μελέτης:', p['pid'], 'Ονοματεπώνυμο:', p['name']),
                ('Αρ. Μητρώου:', p['rec'], 'ΑΜΚΑ:', p['amka']),
                ('Ημ. γέννησης:', p['bdate'].strftime('%d/%m/%Y'), 'Τηλέφωνο:', p['tel']),
                ('Φύλο:', 'Γυναίκα' if p['sex'] == 'female' else 'Άνδρας', 'Ηλικία (έτη):', p['age']),
                ('Αιτιολογία:', rng.choice({'osteoporotic': ['Οστεοπορωτικό κάταγμα', 'Οστεοπόρωση', 'Οστεοπορωτικό συμπιεστικό κάταγμα'],
                                            'pathologic': ['Μεταστατική νόσος (Ca μαστού)', 'Πολλαπλούν μυέλωμα', 'Μετάσταση (Ca πνεύμονα)', 'Μεταστατική νόσος (Ca προστάτη)'],
                                            'traumatic': ['Τραυματικό (πτώση από ύψος)', 'Τροχαίο - τραυματικό κάταγμα']}[p['etiology']]), '', '')]
        T.ident('name', p['name']); T.ident('record_number', p['rec']); T.ident('national_id', p['amka'])
        T.ident('birth_date', p['bdate'].strftime('%d/%m/%Y')); T.ident('phone', p['tel'])
        for k, (a, b, c, d) in enumerate(info, 4):
            ws.cell(k, 1, a).font = bold
            ws.cell(k, 2, b)
            ws.cell(k, 4, c).font = bold if c else Font()
            ws.cell(k, 5, d if d != '' else None)
        r = 10
        ws.cell(r, 1, 'ΕΠΕΜΒΑΣΕΙΣ').font = Font(bold=True, size=12)
        r += 1
        ph = ['Επέμβαση', 'Ημερομηνία', 'Σπόνδυλος', 'Τεχνική', 'Τσιμέντο', 'Όγκος (ml)', 'Διαφυγή τσιμέντου']
        for j, h in enumerate(ph, 1):
            c = ws.cell(r, j, h); c.font = bold; c.fill = grey; c.border = Border(bottom=thin)
        r += 1
        for s in p['sessions']:
            top = r
            for L in s['levels']:
                ws.cell(r, 3, glevel(L['level']))
                if L['level'] == 'T13':
                    T.err(sh, 'C%d' % r, 'Σπόνδυλος', glevel(L['level']), 'impossible vertebral level T13 (Θ13)', p['pid'])
                ws.cell(r, 4, 'Σπονδυλοπλαστική' if s['technique'] == 'vertebroplasty' else 'Κυφοπλαστική')
                ws.cell(r, 5, s['cement'])
                v = L['vol']
                ws.cell(r, 6, int(v) if v == int(v) else gnum(v))
                if v > 20:
                    T.err(sh, 'F%d' % r, 'Όγκος (ml)', gnum(v), 'cement volume 24 mL in one vertebra', p['pid'])
                ws.cell(r, 7, LEAKG[L['leak']])
                if L['leak'] == 'epidural':
                    ws.cell(r, 7).comment = Comment('Μικρή επισκληρίδια διαφυγή στην CT, ασυμπτωματική.', 'ΠΑ')
                r += 1
            ws.cell(top, 1, '%dη' % s['s'])
            c = ws.cell(top, 2, s['date']); c.number_format = 'dd/mm/yyyy'
            if r - 1 > top:
                ws.merge_cells(start_row=top, start_column=1, end_row=r - 1, end_column=1)
                ws.merge_cells(start_row=top, start_column=2, end_row=r - 1, end_column=2)
                ws.cell(top, 1).alignment = Alignment(vertical='center')
                ws.cell(top, 2).alignment = Alignment(vertical='center')
        for s in p['sessions']:
            r += 1
            ws.cell(r, 1, 'ΚΛΙΜΑΚΕΣ ΠΟΝΟΥ / ΛΕΙΤΟΥΡΓΙΚΟΤΗΤΑΣ' + (' — μετά την 2η επέμβαση' if s['s'] == 2 else '')).font = Font(bold=True, size=12)
            r += 1
            sh_h = ['Χρονικό σημείο', 'Ημερομηνία', 'VAS (0-10)', 'ODI (%)']
            for j, h in enumerate(sh_h, 1):
                c = ws.cell(r, j, h); c.font = bold; c.fill = grey
            r += 1
            stps = TPS if s['s'] == 1 else ['pre', '24h', '6w']
            for t in stps:
                d = p['vdates'].get((s['s'], t))
                ws.cell(r, 1, TPG[t])
                vas = p['scores'].get((s['s'], 'pain_vas', t))
                odi = p['scores'].get((s['s'], 'odi', t))
                has_odi = (s['s'], 'odi', t) in p['scores']
                if d is None:
                    dead = p['died'] and s['day'] + TP_DAYS[t] > p['death_day']
                    ws.cell(r, 2, 'απεβίωσε' if dead else 'δεν προσήλθε')
                    ws.cell(r, 3, '—')
                    ws.cell(r, 4, '—' if has_odi else None)
                else:
                    if p['err'] == 'feb30' and t == '6w':
                        bad = '30/02/%d' % d.year
                        ws.cell(r, 2, bad)
                        T.err(sh, 'B%d' % r, 'Ημερομηνία', bad, 'impossible date: 30 February', p['pid'])
                    else:
                        c = ws.cell(r, 2, d); c.number_format = 'dd/mm/yyyy'
                    ws.cell(r, 3, vas)
                    if has_odi:
                        ws.cell(r, 4, odi if odi is not None else '—')
                        if odi is not None and odi > 100:
                            T.err(sh, 'D%d' % r, 'ODI (%)', str(odi), 'ODI 130 % beyond its 0-100 scale', p['pid'])
                    else:
                        ws.cell(r, 4, '—')
                r += 1
        r += 1
        ws.cell(r, 1, 'ΠΑΡΑΚΟΛΟΥΘΗΣΗ / ΣΗΜΕΙΩΣΕΙΣ').font = Font(bold=True, size=12)
        r += 1
        notes = []
        for (fd, fl) in p['fractures']:
            fdate = (p['d0'] + dt.timedelta(days=fd)).strftime('%d/%m/%Y')
            if len(p['sessions']) > 1:
                notes.append('%s: Νέο κάταγμα %s (MRI STIR). Προγραμματίζεται 2η επέμβαση.' % (fdate, glevel(fl)))
            else:
                notes.append('%s: Νέο οστεοπορωτικό κάταγμα %s, συντηρητική αντιμετώπιση (κηδεμόνας).' % (fdate, glevel(fl)))
        if p['died']:
            notes.append('Κατάσταση: Απεβίωσε στις %s (%s).' % (p['death'].strftime('%d/%m/%Y'),
                                                             rng.choice(['εξέλιξη νόσου', 'λοίμωξη αναπνευστικού', 'καρδιακή ανεπάρκεια'])))
        else:
            notes.append('Κατάσταση: Εν ζωή στην τελευταία επικοινωνία.')
        for t in notes:
            ws.cell(r, 1, t)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
            r += 1
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, T)


if __name__ == '__main__':
    main()
