# ---------------------------------------------------------------------------
# Cohort generator (shared logic; this file is self-contained)
# ---------------------------------------------------------------------------
import random, datetime as dt, csv, os
from datetime import date as D, timedelta as TD

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])

TP_WIN = {'pre': (-3, 0), '24h': (1, 1), '1w': (6, 9), '2w': (12, 17), '6w': (40, 46),
          '1m': (27, 35), '3m': (85, 100), '6m': (172, 195), '12m': (352, 385)}
VAS_DROP = {'pre': 0, '24h': 3.3, '1w': 3.9, '2w': 4.1, '6w': 4.4, '1m': 4.4,
            '3m': 4.9, '6m': 5.1, '12m': 5.2}
ODI_DROP = {'pre': 0, '24h': 10, '1w': 14, '2w': 17, '6w': 24, '1m': 22,
            '3m': 28, '6m': 31, '12m': 32}


def gen_cohort(seed, n, start, end, cutoff, tps, reop_ids=(), death_ids=(),
               fx_ids=(), kypho_frac=0.5, etio_w=(60, 22, 12, 6), miss_p=0.1,
               pmma_only=True):
    """Return a list of patient dicts.  reop_ids etc. are 0-based indices."""
    rng = random.Random(seed)
    pts = []
    for i in range(n):
        p = {'idx': i}
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], weights=etio_w)[0]
        if i in death_ids and (et in ('other', 'traumatic') or rng.random() < 0.6):
            et = 'pathologic'
        if i in reop_ids and et == 'other':
            et = 'osteoporotic'
        p['etiology'] = et
        if et == 'pathologic':
            p['sub'] = rng.choice(['meta_breast', 'meta_prostate', 'meta_lung', 'myeloma', 'myeloma'])
        elif et == 'other':
            p['sub'] = 'haemangioma'
        elif et == 'traumatic':
            p['sub'] = 'trauma'
        else:
            p['sub'] = 'osteoporosis'
        if p['sub'] == 'meta_breast':
            sex = 'female'
        elif p['sub'] == 'meta_prostate':
            sex = 'male'
        else:
            sex = 'female' if rng.random() < (0.75 if et == 'osteoporotic' else 0.45) else 'male'
        p['sex'] = sex
        if et == 'osteoporotic':
            age = rng.randint(63, 89)
        elif et == 'traumatic':
            age = rng.randint(38, 78)
        else:
            age = rng.randint(48, 80)
        p['age'] = age
        op = start + TD(days=rng.randint(0, (end - start).days))
        # birth date consistent with age at first op
        bmin = D(op.year - age - 1, op.month, min(op.day, 28)) + TD(days=1)
        p['dob'] = bmin + TD(days=rng.randint(0, 360))
        assert (op.year - p['dob'].year - ((op.month, op.day) < (p['dob'].month, p['dob'].day))) == age
        p['op_date'] = op
        # levels
        nlev = rng.choices([1, 2, 3], weights=[58, 32, 10])[0]
        if et == 'osteoporotic' or et == 'traumatic':
            centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'T8', 'L4'])
        else:
            centre = rng.choice(['T6', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'])
        ci = SPINE.index(centre)
        s0 = max(SPINE.index('T4'), min(SPINE.index('L5') - nlev + 1, ci - rng.randint(0, nlev - 1)))
        levels = SPINE[s0:s0 + nlev]
        tech = 'kyphoplasty' if rng.random() < kypho_frac else 'vertebroplasty'
        sess = [make_session(rng, 1, 0, op, levels, tech, pmma_only)]
        p['fractures'] = []
        p['death_day'] = None
        horizon = (cutoff - op).days
        if i in fx_ids or i in reop_ids:
            fday = rng.randint(35, 260)
            lo, hi = SPINE.index(levels[0]), SPINE.index(levels[-1])
            cand = [SPINE[lo - 1], SPINE[hi + 1]] if hi + 1 < SPINE.index('S1') else [SPINE[lo - 1]]
            flev = rng.choice(cand)
            p['fractures'].append((fday, flev))
            if i in reop_ids:
                rday = fday + rng.randint(6, 21)
                t2 = tech if rng.random() < 0.7 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                sess.append(make_session(rng, 2, rday, op + TD(days=rday), [flev], t2, pmma_only))
        p['sessions'] = sess
        if i in death_ids:
            last = sess[-1]['day']
            p['death_day'] = last + rng.randint(50, 330)
        # visits / scores
        p['visits'] = []   # dicts: session, tp, day, date, vas, odi, missed
        reop_day = sess[1]['day'] if len(sess) > 1 else None
        for s in sess:
            pre_vas = rng.uniform(6.6, 9.4)
            pre_odi = rng.uniform(46, 84)
            for tp in tps:
                a, b = TP_WIN[tp]
                vday = s['day'] + rng.randint(a, b)
                if (op + TD(days=vday)) > cutoff:
                    continue
                if p['death_day'] is not None and vday >= p['death_day']:
                    continue
                if s['session'] == 1 and reop_day is not None and vday >= reop_day - 3:
                    continue
                missed = tp not in ('pre', '24h') and rng.random() < miss_p
                vas = pre_vas - VAS_DROP[tp] + rng.uniform(-1.1, 1.1)
                vas = min(10.0, max(0.0, vas))
                odi = pre_odi - ODI_DROP[tp] + rng.uniform(-7, 7)
                odi = min(100.0, max(4.0, odi))
                p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                    'date': op + TD(days=vday), 'vas': vas, 'odi': odi,
                                    'missed': missed, 'vday': vday})
        pts.append(p)
    return pts


def make_session(rng, sno, day, date, levels, tech, pmma_only):
    vols = []
    for lv in levels:
        base = 2.5 if lv.startswith('T') and SPINE.index(lv) < SPINE.index('T10') else 3.5
        v = base + rng.uniform(0, 2.8) + (0.6 if tech == 'kyphoplasty' else 0)
        vols.append(round(v * 2) / 2)
    leak = []
    for lv in levels:
        r = rng.random()
        if r < 0.78:
            leak.append('none')
        elif r < 0.88:
            leak.append('disc')
        elif r < 0.96:
            leak.append('venous')
        else:
            leak.append('paravertebral')
    if pmma_only:
        cement = 'PMMA'
    else:
        cement = 'PMMA' if rng.random() < 0.8 else 'calcium phosphate'
    return {'session': sno, 'day': day, 'date': date, 'levels': levels, 'technique': tech,
            'vols': vols, 'total': round(sum(vols), 1), 'leak': leak, 'cement': cement}


# ---------------------------------------------------------------------------
# Truth writer
# ---------------------------------------------------------------------------
class Truth:
    def __init__(self):
        self.patients, self.procs, self.assess, self.fx, self.errors, self.ids = [], [], [], [], [], []

    def patient(self, pid, sex, age, etio, died):
        self.patients.append([pid, sex, age, etio, 'yes' if died else 'no'])

    def proc(self, pid, session, day, level, tech, vol, svol, cement, leak):
        f = lambda x: '' if x is None else ('%g' % x)
        self.procs.append([pid, session, day, level, tech, f(vol), f(svol), cement or '', leak or ''])

    def score(self, pid, session, measure, tp, value):
        self.assess.append([pid, session, measure, tp, '%g' % round(value, 2)])

    def fracture(self, pid, day, level):
        self.fx.append([pid, day, level])

    def error(self, sheet, cell, row, header, value, what, pid):
        self.errors.append([sheet, cell, row, header, value, what, pid])

    def ident(self, kind, value):
        if [kind, str(value)] not in self.ids:
            self.ids.append([kind, str(value)])

    def write(self):
        d = os.path.join(HERE, 'truth')
        os.makedirs(d, exist_ok=True)
        spec = [('patients.csv', 'patient_id,sex,age_years,etiology,died', self.patients),
                ('procedures.csv', 'patient_id,session,day,level,technique,cement_volume_ml,session_cement_volume_ml,cement_type,leakage', self.procs),
                ('assessments.csv', 'patient_id,session,measure,timepoint,value', self.assess),
                ('fractures.csv', 'patient_id,day,level', self.fx),
                ('errors.csv', 'sheet,cell,row,column_header,value,what_is_wrong,patient_id', self.errors),
                ('identifiers.csv', 'kind,value', self.ids)]
        for fn, hdr, rows in spec:
            with open(os.path.join(d, fn), 'w', newline='', encoding='utf-8') as fh:
                w = csv.writer(fh, lineterminator='\n')
                w.writerow(hdr.split(','))
                for r in rows:
                    w.writerow(r)


def col_letter(ci):  # 1-based
    s = ''
    while ci:
        ci, r = divmod(ci - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Trondheim: one row per patient, two header rows, reoperation block to the right
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side

TPS = ['pre', '6w', '3m', '12m']
pts = gen_cohort(3102, 18, D(2021, 1, 15), D(2023, 2, 28), D(2024, 3, 31), TPS,
                 reop_ids=(3, 9, 14), death_ids=(6, 12, 16), fx_ids=(1, 10),
                 kypho_frac=0.45, etio_w=(68, 20, 8, 4), miss_p=0.12)
rng = random.Random(31021)
T = Truth()

NAMES_F = ['Haugen, Ingrid', 'Berg, Solveig', 'Johansen, Astrid', 'Lien, Bjørg', 'Moe, Randi',
           'Aune, Gunvor', 'Fossum, Eldbjørg', 'Hoff, Marit', 'Kvam, Liv', 'Vik, Jorunn',
           'Sæther, Torunn', 'Rønning, Ragnhild', 'Grøtte, Signe']
NAMES_M = ['Strand, Olav', 'Dahl, Arne', 'Hansen, Per Kristian', 'Sæther, Kjell', 'Bakken, Terje',
           'Ulstad, Sverre', 'Rønning, Oddvar', 'Aas, Magne', 'Hegge, Leif']
DIAG = {'osteoporosis': ['Osteoporotisk kompresjonsbrudd', 'Osteoporose', 'Osteoporotisk fraktur'],
        'meta_breast': ['Metastase (mammacancer)'], 'meta_prostate': ['Metastase (prostatacancer)'],
        'meta_lung': ['Metastase (lungecancer)'], 'myeloma': ['Myelomatose', 'Myelomatose (MM)'],
        'trauma': ['Traume (fall)', 'Traume - fall fra stige', 'Traumatisk fraktur (MC-ulykke)'],
        'haemangioma': ['Aggressivt hemangiom']}
LEAK_NO = {'disc': 'disk', 'venous': 'vene', 'paravertebral': 'paravertebralt'}


def no_level(lv):
    return 'Th' + lv[1:] if lv.startswith('T') else lv


def levels_txt(levels):
    nl = [no_level(x) for x in levels]
    if len(nl) >= 3 and rng.random() < 0.7:
        return nl[0] + '–' + nl[-1]
    return ', '.join(nl) if rng.random() < 0.7 else ' og '.join([', '.join(nl[:-1]), nl[-1]]) if len(nl) > 1 else nl[0]


def leak_txt(s):
    bits = [(lv, lk) for lv, lk in zip(s['levels'], s['leak']) if lk != 'none']
    if not bits:
        return 'nei'
    if len(s['levels']) == 1:
        return 'ja – ' + LEAK_NO[bits[0][1]]
    return 'ja – ' + ', '.join('%s (%s)' % (LEAK_NO[lk], no_level(lv)) for lv, lk in bits)


def comma(x):
    return ('%g' % x).replace('.', ',')


def fnr(dob):
    # Norwegian national identity number with valid check digits
    while True:
        ind = rng.randint(500, 749) if dob.year >= 2000 else rng.randint(0, 499)
        d = dob.strftime('%d%m%y') + '%03d' % ind
        w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
        k1 = 11 - sum(int(a) * b for a, b in zip(d, w1)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        d += str(k1)
        w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        k2 = 11 - sum(int(a) * b for a, b in zip(d, w2)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return d + str(k2)


# column plan: (group, header, key)
COLS = [('Pasient', 'Studie-ID', 'id'), ('Pasient', 'Fødselsnr.', 'fnr'), ('Pasient', 'Navn', 'name'),
        ('Pasient', 'Kjønn', 'sex'), ('Pasient', 'Alder', 'age'), ('Pasient', 'Diagnose', 'diag'),
        ('Primæroperasjon', 'Op.dato', 'date1'), ('Primæroperasjon', 'Nivå', 'lev1'),
        ('Primæroperasjon', 'Metode', 'tech1'), ('Primæroperasjon', 'Sement (ml)', 'vol1'),
        ('Primæroperasjon', 'Lekkasje', 'leak1')]
for tp, lab in [('pre', 'Preop'), ('6w', '6 uker'), ('3m', '3 mnd'), ('12m', '12 mnd')]:
    COLS += [(lab, 'VAS (0-100 mm)', 'vas1_' + tp), (lab, 'ODI', 'odi1_' + tp)]
COLS += [('Ny fraktur', 'Dato', 'fxd'), ('Ny fraktur', 'Nivå', 'fxl'),
         ('Død', 'ja/nei', 'dead'), ('Død', 'Dato', 'deadd'),
         ('Reoperasjon', 'Op.dato', 'date2'), ('Reoperasjon', 'Nivå', 'lev2'),
         ('Reoperasjon', 'Metode', 'tech2'), ('Reoperasjon', 'Sement (ml)', 'vol2'),
         ('Reoperasjon', 'Lekkasje', 'leak2')]
for tp, lab in [('pre', 'Reop preop'), ('6w', 'Reop 6 uker'), ('3m', 'Reop 3 mnd'), ('12m', 'Reop 12 mnd')]:
    COLS += [(lab, 'VAS (0-100 mm)', 'vas2_' + tp), (lab, 'ODI', 'odi2_' + tp)]
COLS += [('', 'Kommentar', 'comm')]
CI = {k: i + 1 for i, (_, _, k) in enumerate(COLS)}
HDR = {k: h for (_, h, k) in COLS}
GRP = {k: g for (g, _, k) in COLS}

wb = Workbook()
ws = wb.active
ws.title = 'VP-KP register'
ws['A1'] = 'St. Olavs hospital – Klinikk for ortopedi, revmatologi og hudsykdommer'
ws['A1'].font = Font(bold=True, size=12)
ws['A2'] = 'Vertebroplastikk / kyfoplastikk – lokalt kvalitetsregister 2021–2023. Oppdatert 12.04.2024 (KHL)'
ws['A2'].font = Font(italic=True)
H1, H2, R0 = 4, 5, 6
fills = {'Pasient': 'DDEBF7', 'Primæroperasjon': 'FCE4D6', 'Preop': 'E2EFDA', '6 uker': 'E2EFDA',
         '3 mnd': 'E2EFDA', '12 mnd': 'E2EFDA', 'Ny fraktur': 'FFF2CC', 'Død': 'D9D9D9',
         'Reoperasjon': 'F4B084', 'Reop preop': 'F8CBAD', 'Reop 6 uker': 'F8CBAD',
         'Reop 3 mnd': 'F8CBAD', 'Reop 12 mnd': 'F8CBAD', '': 'FFFFFF'}
thin = Side(style='thin', color='808080')
box = Border(left=thin, right=thin, top=thin, bottom=thin)
# group header row (merged)
i = 0
while i < len(COLS):
    g = COLS[i][0]
    j = i
    while j + 1 < len(COLS) and COLS[j + 1][0] == g:
        j += 1
    c = ws.cell(H1, i + 1, g)
    c.font = Font(bold=True); c.alignment = Alignment(horizontal='center')
    for k in range(i, j + 1):
        ws.cell(H1, k + 1).fill = PatternFill('solid', fgColor=fills[g])
        ws.cell(H1, k + 1).border = box
    if j > i:
        ws.merge_cells(start_row=H1, start_column=i + 1, end_row=H1, end_column=j + 1)
    i = j + 1
for k, (g, h, key) in enumerate(COLS):
    c = ws.cell(H2, k + 1, h)
    c.font = Font(bold=True, size=9); c.alignment = Alignment(wrap_text=True, horizontal='center')
    c.fill = PatternFill('solid', fgColor=fills[g]); c.border = box
ws.row_dimensions[H2].height = 30

cand = [p for p in pts if len(p['sessions']) == 1 and p['death_day'] is None
        and len(p['sessions'][0]['levels']) == 1
        and sum(1 for v in p['visits'] if not v['missed']) >= 3]
e_lvl, e_vas, e_id, e_vol = [c['idx'] for c in cand[:4]]
fi = mi = 0
for p in pts:
    r = R0 + p['idx']
    pid = 'TRD-%02d' % (p['idx'] + 1)
    if p['sex'] == 'female':
        name = NAMES_F[fi]; fi += 1
    else:
        name = NAMES_M[mi]; mi += 1
    nr = fnr(p['dob'])
    T.ident('name', name); T.ident('national_id', nr)
    died = p['death_day'] is not None
    T.patient(pid, p['sex'], p['age'], p['etiology'], died)

    def put(key, val, fmt=None):
        c = ws.cell(r, CI[key], val)
        if fmt:
            c.number_format = fmt
        return c

    def put_date(key, d):
        if rng.random() < 0.35:
            put(key, d.strftime('%d.%m.%Y'))       # typed as text
        else:
            put(key, d, 'DD.MM.YYYY')

    if p['idx'] == e_id:
        T.error(ws.title, '%s%d' % (col_letter(CI['id']), r), r, 'Studie-ID', '',
                'Study ID missing on this row (should be %s; the row sits between %s and %s)' % (
                    pid, 'TRD-%02d' % p['idx'], 'TRD-%02d' % (p['idx'] + 2)), pid)
    else:
        put('id', pid)
    put('fnr', nr)
    put('name', name)
    put('sex', 'K' if p['sex'] == 'female' else 'M')
    put('age', p['age'])
    put('diag', rng.choice(DIAG[p['sub']]))
    comments = []
    for s in p['sessions']:
        n = s['session']
        put_date('date%d' % n, s['date'])
        lt = levels_txt(s['levels'])
        if p['idx'] == e_lvl and n == 1:
            lt = 'Th13'
            T.error(ws.title, '%s%d' % (col_letter(CI['lev1']), r), r, 'Nivå', lt,
                    'Impossible level Th13 (there are 12 thoracic vertebrae); true level %s' % no_level(s['levels'][0]), pid)
        put('lev%d' % n, lt)
        put('tech%d' % n, 'VP' if s['technique'] == 'vertebroplasty' else 'KP')
        vol = s['total']
        if p['idx'] == e_vol and n == 1:
            put('vol1', vol * 10)
            T.error(ws.title, '%s%d' % (col_letter(CI['vol1']), r), r, 'Sement (ml)', '%g' % (vol * 10),
                    '%g ml of cement in a single vertebra (%s) is impossible - decimal comma lost; should be %s' % (
                        vol * 10, no_level(s['levels'][0]), comma(vol)), pid)
        elif vol != int(vol) and rng.random() < 0.5:
            put('vol%d' % n, comma(vol))         # typed with decimal comma -> text
        else:
            put('vol%d' % n, vol, '0.0')
        put('leak%d' % n, leak_txt(s))
        for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
            single = len(s['levels']) == 1
            T.proc(pid, n, s['day'], lv, s['technique'], v if single else None,
                   None if single else s['total'], '', lk)
    for v in p['visits']:
        n, tp = v['session'], v['tp']
        kv, ko = 'vas%d_%s' % (n, tp), 'odi%d_%s' % (n, tp)
        if v['missed']:
            put(kv, rng.choice(['ikke møtt', 'ikke møtt', 'møtte ikke', 'ikke kommet']))
            continue
        mm = int(round(v['vas'] * 10))
        if p['idx'] == e_vas and tp == '3m':
            put(kv, 850)
            T.error(ws.title, '%s%d' % (col_letter(CI[kv]), r), r, 'VAS (0-100 mm) (3 mnd)', '850',
                    'VAS 850 mm is outside the 0-100 mm scale; true value %d mm' % mm, pid)
        else:
            put(kv, mm)
        T.score(pid, n, 'pain_vas', tp, mm / 10)
        if tp == '6w' and rng.random() < 0.25:
            put(ko, '-')            # ODI form not filled at 6 weeks
            continue
        odi = v['odi']
        if rng.random() < 0.2:
            odi = round(round(odi * 45 / 100) / 45 * 100, 1)   # one item skipped -> /45
            put(ko, comma(odi) if odi != int(odi) else int(odi))
        else:
            odi = 2 * int(round(odi / 2))
            put(ko, odi)
        T.score(pid, n, 'odi', tp, odi)
    # visits that fall after death / not yet due are simply left blank
    for fday, flev in p['fractures']:
        put_date('fxd', p['op_date'] + TD(days=fday))
        put('fxl', no_level(flev))
        T.fracture(pid, fday, flev)
        if len(p['sessions']) == 1:
            comments.append('ny fraktur behandlet konservativt (korsett)')
    if died:
        put('dead', 'ja')
        put_date('deadd', p['op_date'] + TD(days=p['death_day']))
        comments.append(rng.choice(['død av grunnsykdom', 'døde på sykehjem', 'død – se DIPS']))
        for k in range(1, len(COLS) + 1):
            ws.cell(r, k).fill = PatternFill('solid', fgColor='EDEDED')
    else:
        put('dead', 'nei')
    if len(p['sessions']) > 1:
        comments.append('reop. pga ny fraktur %s' % no_level(p['sessions'][1]['levels'][0]))
    if p['etiology'] == 'pathologic' and rng.random() < 0.5:
        comments.append('biopsi tatt')
    if comments:
        put('comm', '; '.join(comments))
    for k in range(1, len(COLS) + 1):
        ws.cell(r, k).border = box

last = R0 + len(pts)
ws.cell(last + 1, 1, 'VAS i mm (0–100). ODI i % (Oswestry 2.1a). VP = vertebroplastikk, KP = kyfoplastikk (ballong). '
        'Tomme felt = ikke registrert / ikke aktuelt ennå.').font = Font(italic=True, size=9)
ws.cell(last + 2, 1, 'Grå rad = pasient død.').font = Font(italic=True, size=9)
ws.freeze_panes = 'B6'
widths = {'id': 9, 'fnr': 13, 'name': 20, 'diag': 26, 'lev1': 11, 'lev2': 9, 'leak1': 22, 'leak2': 14, 'comm': 40}
for key, col in CI.items():
    ws.column_dimensions[col_letter(col)].width = widths.get(key, 8.5)
wb.save(os.path.join(HERE, 'input.xlsx'))
T.write()
