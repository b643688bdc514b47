# -*- coding: utf-8 -*-
# ---------------------------------------------------------------------------
# Shared generator part (identical in the five make.py of writer B).
# Generates one cohort, then the site part renders it into the workbook and
# the same objects are written to truth/ -- so input and truth cannot drift.
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
VAS_DROP = {'24h': 3.0, '1w': 3.4, '2w': 3.7, '6w': 4.1, '1m': 4.1, '3m': 4.4,
            '6m': 4.5, '12m': 4.6}
ODI_DROP = {'1m': 22, '6w': 24, '3m': 30, '6m': 32, '12m': 34}


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def rdate(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def contiguous(center, k, lo='T4', hi='L5'):
    i = SPINE.index(center)
    a = i - (k - 1) // 2
    a = max(SPINE.index(lo), min(a, SPINE.index(hi) - k + 1))
    return SPINE[a:a + k]


def gen_cohort(rng, n, start, end, cutoff, vas_tps, odi_tps, vas2_tps, odi2_tps,
               kp_share=0.3, n_dead=3, n_frac=4, n_reop=3, missed_rate=0.1,
               cement_types=(('PMMA', 1.0),), per_session_leak=False,
               level_lo='T4', level_hi='L5', reop_max_levels=1):
    etiol = (['osteoporotic'] * (n - 7) + ['pathologic'] * 4 + ['traumatic'] * 2 +
             ['other'])
    rng.shuffle(etiol)
    dates = sorted(rdate(rng, start, end) for _ in range(n))
    pats = []
    for k in range(n):
        e = etiol[k]
        if e == 'osteoporotic':
            sex = 'female' if rng.random() < 0.78 else 'male'
            age = rng.randint(64, 89)
        elif e == 'pathologic':
            sex = rng.choice(['female', 'male'])
            age = rng.randint(51, 79)
        elif e == 'traumatic':
            sex = 'male' if rng.random() < 0.6 else 'female'
            age = rng.randint(48, 74)
        else:
            sex = rng.choice(['female', 'male'])
            age = rng.randint(44, 68)
        d0 = dates[k]
        birth = dt.date(d0.year - age - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        while age_on(birth, d0) != age:
            birth += dt.timedelta(days=1 if age_on(birth, d0) > age else -1)
        nl = rng.choices([1, 2, 3], [55, 35, 10])[0] if e != 'other' else 1
        if e == 'pathologic':
            nl = rng.choice([1, 2, 2, 3])
        cen = rng.choices(['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'],
                          [1, 2, 2, 2, 3, 6, 10, 10, 5, 3, 2])[0]
        levels = contiguous(cen, nl, level_lo, level_hi)
        tech = 'kyphoplasty' if rng.random() < (kp_share + (0.3 if e == 'traumatic' else 0)) else 'vertebroplasty'
        p = dict(id=None, idx=k, sex=sex, age=age, etiology=e, birth=birth, d0=d0,
                 died=False, death_day=None, fractures=[], sessions=[])
        p['sessions'].append(make_session(rng, p, 1, 0, levels, tech, cement_types, per_session_leak))
        pats.append(p)
    # deaths: mostly pathologic
    cand = [p for p in pats if p['etiology'] == 'pathologic'] + \
           [p for p in pats if p['etiology'] == 'osteoporotic' and p['age'] > 80]
    for p in cand[:n_dead]:
        span = (cutoff - p['d0']).days
        if span < 80:
            continue
        p['died'] = True
        p['death_day'] = rng.randint(60, min(span - 5, 520))
    # new fractures (osteoporotic preferred), some re-operated
    cand = [p for p in pats if p['etiology'] == 'osteoporotic' and not p['died']
            and (cutoff - p['d0']).days > 200]
    rng.shuffle(cand)
    fr = cand[:n_frac]
    fr.sort(key=lambda p: p['idx'])
    reop = set(id(p) for p in fr[:n_reop]) if n_reop else set()
    for p in fr:
        s1 = p['sessions'][0]
        span = (cutoff - p['d0']).days
        day = rng.randint(35, min(span - 150, 420))
        top, bot = SPINE.index(s1['levels'][0]['level']), SPINE.index(s1['levels'][-1]['level'])
        opts = [SPINE[i] for i in (top - 1, bot + 1)
                if SPINE.index(level_lo) <= i <= SPINE.index(level_hi)]
        flev = rng.choice(opts)
        p['fractures'].append((day, flev))
        if id(p) in reop:
            d2 = day + rng.randint(6, 28)
            lv = [flev]
            if reop_max_levels > 1 and rng.random() < 0.5:
                j = SPINE.index(flev) + (1 if SPINE.index(flev) > bot else -1)
                if SPINE.index(level_lo) <= j <= SPINE.index(level_hi):
                    lv = sorted([flev, SPINE[j]], key=SPINE.index)
            t2 = s1['technique'] if rng.random() < 0.7 else 'vertebroplasty'
            p['sessions'].append(make_session(rng, p, 2, d2, lv, t2, cement_types, per_session_leak))
    # assessments
    for p in pats:
        for s in p['sessions']:
            tps_v = vas_tps if s['session'] == 1 else vas2_tps
            tps_o = odi_tps if s['session'] == 1 else odi2_tps
            base = rng.choice([7, 8, 8, 8, 9, 9]) + (1 if p['etiology'] == 'pathologic' and rng.random() < 0.4 else 0)
            base = min(base, 10)
            obase = rng.randint(26, 42) * 2
            s['vas'] = {}
            s['odi'] = {}
            for meas, tps, store in (('vas', tps_v, s['vas']), ('odi', tps_o, s['odi'])):
                for tp in tps:
                    absday = s['day'] + TP_DAYS[tp]
                    if p['d0'] + dt.timedelta(days=absday) > cutoff:
                        store[tp] = ('pending', None)
                        continue
                    if p['died'] and absday >= p['death_day']:
                        store[tp] = ('dead', None)
                        continue
                    if tp != 'pre' and tp != '24h' and rng.random() < missed_rate:
                        store[tp] = ('missed', None)
                        continue
                    if meas == 'vas':
                        v = base if tp == 'pre' else base - VAS_DROP[tp] + rng.gauss(0, 0.9)
                        if p['etiology'] == 'pathologic' and tp != 'pre':
                            v += 0.8
                        v = int(round(min(10, max(0, v))))
                    else:
                        v = obase if tp == 'pre' else obase - ODI_DROP[tp] + rng.gauss(0, 6)
                        v = int(round(min(100, max(4, v)) / 2.0)) * 2
                    store[tp] = ('value', v)
    return pats


def make_session(rng, p, session, day, levels, tech, cement_types, per_session_leak):
    ct = rng.choices([c for c, w in cement_types], [w for c, w in cement_types])[0]
    lv = []
    sess_leak = None
    if per_session_leak:
        sess_leak = pick_leak(rng, 0.22 + 0.08 * (len(levels) - 1))
    for L in levels:
        i = SPINE.index(L)
        if i <= SPINE.index('T9'):
            vol = rng.uniform(1.8, 3.4)
        elif i <= SPINE.index('T12'):
            vol = rng.uniform(2.8, 4.8)
        else:
            vol = rng.uniform(3.4, 6.0)
        if tech == 'kyphoplasty':
            vol += rng.uniform(0.5, 1.5)
        vol = round(vol * 2) / 2.0
        leak = sess_leak if per_session_leak else pick_leak(rng, 0.16)
        lv.append(dict(level=L, vol=vol, leak=leak))
    return dict(session=session, day=day, date=p['d0'] + dt.timedelta(days=day),
                technique=tech, cement_type=ct, levels=lv, leak_recorded=True,
                sess_leak=sess_leak)


def pick_leak(rng, prob):
    if rng.random() >= prob:
        return []
    a = rng.choices(['disc', 'venous', 'paravertebral', 'epidural'], [40, 30, 25, 5])[0]
    if rng.random() < 0.15:
        b = rng.choice([x for x in ['disc', 'venous', 'paravertebral'] if x != a])
        return sorted([a, b], key=['disc', 'venous', 'paravertebral', 'epidural'].index)
    return [a]


def pick_etio(rng, table, p):
    """etiology wording; no breast cancer in men, no prostate cancer in women"""
    opts = table[p['etiology']]
    if p['sex'] == 'male':
        o2 = [o for o in opts if not any(k in o for k in BREAST)]
    else:
        o2 = [o for o in opts if not any(k in o for k in PROSTATE)]
    return rng.choice(o2 or opts)


BREAST = ['שד', 'μαστού', 'breast', 'молочной', 'mama']
PROSTATE = ['ערמונית', 'προστάτη', 'prostate', 'простаты', 'próstata']


def fmt_num(v):
    if v is None or v == '':
        return ''
    if float(v) == int(v):
        return str(int(v))
    return ('%.2f' % v).rstrip('0').rstrip('.')


def write_truth(pats, errors, idents, vol_mode):
    """vol_mode(p, s) -> 'vertebra' or 'session'"""
    td = os.path.join(HERE, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                if s['leak_recorded']:
                    leak = ';'.join(l['leak']) if l['leak'] else 'none'
                else:
                    leak = ''
                rows.append([p['id'], s['session'], s['day'], l['level'], s['technique'],
                             fmt_num(l['vol']) if mode == 'vertebra' else '',
                             fmt_num(tot) if mode == 'session' else '',
                             s['cement_type'] or '', leak])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    for p in pats:
        for s in p['sessions']:
            for meas, key in (('pain_vas', 'vas'), ('odi', 'odi')):
                for tp in order:
                    st = s.get(key, {}).get(tp)
                    if st and st[0] == 'value':
                        rows.append([p['id'], s['session'], meas, tp, fmt_num(st[1])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, L] for p in pats for d, L in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set()
    out = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            out.append([k, v])
    w('identifiers.csv', ['kind', 'value'], out)


def bad_date_text(d, order='dmy', sep='/', monthnames=None):
    """An impossible calendar date close to d (same month/year)."""
    if d.month in (4, 6, 9, 11):
        day = 31
    elif d.month == 2:
        day = 30
    else:
        day = 32
    m = monthnames[d.month - 1] if monthnames else '%02d' % d.month
    return '%02d%s%s%s%d' % (day, sep, m, sep, d.year)

# ------------------------------- site part ---------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.utils import get_column_letter as CL

rng = random.Random(28202)
VAS_TPS = ['pre', '24h', '1w', '1m', '3m', '6m', '12m']
ODI_TPS = ['pre', '1m', '3m', '12m']
pats = gen_cohort(rng, 17, dt.date(2020, 9, 1), dt.date(2023, 10, 31), dt.date(2024, 10, 15),
                  VAS_TPS, ODI_TPS, VAS_TPS, ODI_TPS, kp_share=0.4, n_dead=3, n_frac=4,
                  n_reop=2, missed_rate=0.1,
                  cement_types=(('PMMA', 0.85), ('calcium phosphate', 0.15)))
for i, p in enumerate(pats):
    p['id'] = 'ΣΠ-%02d' % (i + 1)

F_NAMES = ['Τσαγκαράκη Ελένη', 'Κουκουράκη Ειρήνη', 'Σπανουδάκη Αικατερίνη', 'Μαρκάκη Ευαγγελία',
           'Δασκαλάκη Σοφία', 'Ψαρουδάκη Αργυρώ', 'Ξυλούρη Καλλιόπη', 'Φραγκιαδάκη Ζαχαρένια',
           'Μανωλάκη Παρασκευή', 'Λαμπράκη Χρυσούλα', 'Τζανάκη Ανθή', 'Αρχοντάκη Μαρία',
           'Βιδάκη Στυλιανή', 'Κοντάκη Γεωργία', 'Πετράκη Δέσποινα']
M_NAMES = ['Μαυρογιαννάκης Γεώργιος', 'Παπαδάκης Εμμανουήλ', 'Χατζηδάκης Ιωάννης', 'Βλαχάκης Νικόλαος',
           'Καλογεράκης Μιχαήλ', 'Σφακιανάκης Αντώνιος', 'Περάκης Κωνσταντίνος', 'Ζαχαριουδάκης Στέλιος',
           'Αεράκης Ζαχαρίας']
rng.shuffle(F_NAMES)
rng.shuffle(M_NAMES)
ETIO = {'osteoporotic': ['Οστεοπορωτικό κάταγμα', 'Οστεοπόρωση', 'Οστεοπορωτικό συμπιεστικό κάταγμα'],
        'pathologic': ['Μεταστάσεις (Ca μαστού)', 'Πολλαπλούν μυέλωμα', 'Μεταστάσεις (Ca πνεύμονα)',
                       'Μεταστάσεις (Ca προστάτη)'],
        'traumatic': ['Τραυματικό κάταγμα (πτώση)', 'Τροχαίο'],
        'other': ['Αιμαγγείωμα']}
LEAK = {'disc': 'δίσκος', 'venous': 'φλεβική', 'paravertebral': 'παρασπονδυλική', 'epidural': 'επισκληρίδια'}


def luhn_digit(s):
    tot = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return str((10 - tot % 10) % 10)


def dstr(d):
    return d.strftime('%d/%m/%Y')


def glev(L, greek):
    if not greek:
        return L
    return ('Θ' if L[0] == 'T' else 'Ο') + L[1:]


idents = []
fi = mi = 0
for p in pats:
    if p['sex'] == 'female':
        p['name'] = F_NAMES[fi]; fi += 1
    else:
        p['name'] = M_NAMES[mi]; mi += 1
    b = p['birth']
    base = b.strftime('%d%m%y') + '%04d' % rng.randint(0, 9999)
    p['amka'] = base + luhn_digit(base)
    if rng.random() < 0.6:
        p['phone'] = '69%d %06d' % (rng.randint(30, 98), rng.randint(0, 999999))
    else:
        p['phone'] = '2810 %06d' % rng.randint(200000, 399999)
    p['etxt'] = pick_etio(rng, ETIO, p)
    idents += [('name', p['name']), ('national_id', p['amka']), ('phone', p['phone']),
               ('birth_date', dstr(b)), ('birth_date', b.isoformat())]

errors = []
plain = [p for p in pats if len(p['sessions']) == 1]
e_lvl = next(p for p in plain if any(l['level'].startswith('L') for l in p['sessions'][0]['levels']))
e_vol = next(p for p in plain if p is not e_lvl and any(l['vol'] < 4 for l in p['sessions'][0]['levels']))
e_vas = next(p for p in plain if p not in (e_lvl, e_vol) and p['sessions'][0]['vas']['1w'][0] == 'value'
             and p['sessions'][0]['vas']['1w'][1] <= 5)
e_frac = next(p for p in pats if p['fractures'] and p not in (e_lvl, e_vol, e_vas))

wb = openpyxl.Workbook()
thin = Side(style='thin', color='808080')
BD = Border(left=thin, right=thin, top=thin, bottom=thin)
HF = PatternFill('solid', fgColor='BDD7EE')


def header(ws, title, sub, hdr, widths):
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(hdr))
    ws.cell(1, 1, title).font = Font(bold=True, size=13)
    ws.cell(2, 1, sub).font = Font(italic=True, color='555555')
    for j, h in enumerate(hdr, 1):
        c = ws.cell(3, j, h)
        c.font = Font(bold=True)
        c.fill = HF
        c.border = BD
        c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
        ws.column_dimensions[CL(j)].width = widths[j - 1]
    ws.freeze_panes = 'C4'


# --- ΑΣΘΕΝΕΙΣ -------------------------------------------------------------
ws = wb.active
ws.title = 'ΑΣΘΕΝΕΙΣ'
H1 = ['Α/Α', 'Κωδικός', 'Ονοματεπώνυμο', 'ΑΜΚΑ', 'Τηλέφωνο', 'Ημ. γέννησης', 'Φύλο (Α/Γ)',
      'Διάγνωση / αιτιολογία', 'Νέο κάταγμα', 'Επίπεδο νέου κατάγματος', 'Ημ/νία διάγνωσης νέου κατάγματος',
      'Κατέληξε', 'Ημ/νία θανάτου', 'Παρατηρήσεις']
header(ws, 'ΠΑΓΝΗ - Ορθοπαιδική Κλινική - Μητρώο σπονδυλοπλαστικών / κυφοπλαστικών',
       'Στοιχεία ασθενών (ΕΜΠΙΣΤΕΥΤΙΚΟ - μόνο για την ερευνητική ομάδα)', H1,
       [5, 9, 26, 13, 13, 12, 8, 30, 10, 12, 14, 9, 12, 40])
for i, p in enumerate(pats):
    r = 4 + i
    greek = rng.random() < 0.75
    fr = p['fractures']
    frd = [p['d0'] + dt.timedelta(days=d) for d, L in fr]
    row = [i + 1, p['id'], p['name'], p['amka'], p['phone'], p['birth'],
           'Γ' if p['sex'] == 'female' else 'Α', p['etxt'],
           'Ναι' if fr else 'Όχι',
           ', '.join(glev(L, greek) for d, L in fr) if fr else '',
           frd[0] if fr else '',
           'Ναι' if p['died'] else 'Όχι',
           p['d0'] + dt.timedelta(days=p['death_day']) if p['died'] else '',
           '']
    if len(p['sessions']) > 1:
        row[13] = '2η επέμβαση στις %s (βλ. ΕΠΕΜΒΑΣΕΙΣ)' % dstr(p['sessions'][1]['date'])
    elif p['etiology'] == 'pathologic':
        row[13] = rng.choice(['Βιοψία κατά την επέμβαση', 'Παρακολούθηση από Ογκολογική', ''])
    if p is e_frac:
        bad = frd[0].replace(year=frd[0].year - 1)
        row[10] = bad
        errors.append(dict(sheet='ΑΣΘΕΝΕΙΣ', cell='K%d' % r, row=r, header=H1[10], value=dstr(bad),
                           what='new fracture dated before the first operation (%s); should be %s' % (dstr(p['d0']), dstr(frd[0])),
                           pid=p['id']))
    for j, v in enumerate(row, 1):
        c = ws.cell(r, j, v if v != '' else None)
        c.border = BD
        if isinstance(v, dt.date):
            c.number_format = 'dd/mm/yyyy'
        if j == 4:
            c.number_format = '@'
    if p['died']:
        ws.cell(r, 12).font = Font(color='C00000', bold=True)
n1 = 4 + len(pats) + 1
ws.cell(n1, 1, 'Φύλο: Α = άρρεν, Γ = γυναίκα.  Επίπεδα: Θ = θωρακικός, Ο = οσφυϊκός (π.χ. Θ12, Ο1).')

# --- ΕΠΕΜΒΑΣΕΙΣ ------------------------------------------------------------
ws = wb.create_sheet('ΕΠΕΜΒΑΣΕΙΣ')
H2 = ['Κωδικός', 'Επέμβαση', 'Ημερομηνία', 'Επίπεδο', 'Τεχνική', 'Όγκος τσιμέντου (ml)',
      'Τύπος τσιμέντου', 'Διαφυγή τσιμέντου']
header(ws, 'ΕΠΕΜΒΑΣΕΙΣ - ένας σπόνδυλος ανά γραμμή', 'Όγκος τσιμέντου ανά σπόνδυλο', H2,
       [9, 10, 12, 9, 18, 12, 18, 26])
r = 4
sess = sorted(((s['date'], p, s) for p in pats for s in p['sessions']), key=lambda x: x[0])
done_lvl = done_vol = False
for d, p, s in sess:
    greek = rng.random() < 0.75
    r0 = r
    tech = {'kyphoplasty': rng.choice(['Κυφοπλαστική', 'Κυφοπλαστική', 'KP']),
            'vertebroplasty': rng.choice(['Σπονδυλοπλαστική', 'Σπονδυλοπλαστική', 'VP'])}[s['technique']]
    for l in s['levels']:
        lv = glev(l['level'], greek)
        vol = l['vol']
        volcell = vol if rng.random() < 0.8 else fmt_num(vol).replace('.', ',') + ' ml'
        if p is e_lvl and not done_lvl and l['level'].startswith('L'):
            lv = glev('L7', True)
            done_lvl = True
            errors.append(dict(sheet='ΕΠΕΜΒΑΣΕΙΣ', cell='D%d' % r, row=r, header='Επίπεδο', value=lv,
                               what='impossible level Ο7 (L7); should be %s' % l['level'], pid=p['id']))
        if p is e_vol and not done_vol and vol < 4:
            volcell = int(round(vol * 10))
            done_vol = True
            errors.append(dict(sheet='ΕΠΕΜΒΑΣΕΙΣ', cell='F%d' % r, row=r, header=H2[5], value=str(volcell),
                               what='%d ml in one vertebra - decimal comma lost; should be %s' % (volcell, fmt_num(vol).replace('.', ',')),
                               pid=p['id']))
        ct = 'PMMA' if s['cement_type'] == 'PMMA' else 'Φωσφορικό ασβέστιο'
        if l['leak']:
            lk = 'Ναι - ' + ' + '.join(LEAK[x] for x in l['leak'])
        else:
            lk = 'Όχι'
        vals = [p['id'], '1η' if s['session'] == 1 else '2η', s['date'], lv, tech, volcell, ct, lk]
        for j, v in enumerate(vals, 1):
            c = ws.cell(r, j, v)
            c.border = BD
            if isinstance(v, dt.date):
                c.number_format = 'dd/mm/yyyy'
        if s['session'] == 2:
            ws.cell(r, 2).fill = PatternFill('solid', fgColor='FFE699')
        r += 1
    if r - r0 > 1:
        for j in (1, 2, 3, 5):
            ws.merge_cells(start_row=r0, start_column=j, end_row=r - 1, end_column=j)
            ws.cell(r0, j).alignment = Alignment(vertical='center')

# --- ΠΟΝΟΣ (VAS) / ODI ------------------------------------------------------
TPH = {'pre': 'προεγχ.', '24h': '24ωρο', '1w': '1η εβδ.', '1m': '1 μήνας', '3m': '3 μήνες',
       '6m': '6 μήνες', '12m': '12 μήνες'}
for sheet, key, tps, title in (('ΠΟΝΟΣ (VAS)', 'vas', VAS_TPS, 'Πόνος - κλίμακα VAS 0-10'),
                               ('ODI', 'odi', ODI_TPS, 'Oswestry Disability Index (%)')):
    ws = wb.create_sheet(sheet)
    H = ['Κωδικός', 'Επέμβαση'] + [TPH[t] for t in tps]
    header(ws, title, 'Χρόνος από την αντίστοιχη επέμβαση. Δ.Π. = δεν προσήλθε, † = απεβίωσε, κενό = δεν έχει έρθει ακόμη η ημερομηνία',
           H, [9, 10] + [10] * len(tps))
    r = 4
    for p in pats:
        for s in p['sessions']:
            ws.cell(r, 1, p['id']).border = BD
            ws.cell(r, 2, '1η' if s['session'] == 1 else '2η').border = BD
            for j, tp in enumerate(tps, 3):
                st, v = s[key][tp]
                c = ws.cell(r, j)
                c.border = BD
                c.alignment = Alignment(horizontal='center')
                if st == 'value':
                    if key == 'odi' and rng.random() < 0.2:
                        c.value = v / 100.0
                        c.number_format = '0%'
                    else:
                        c.value = v
                    if key == 'vas' and p is e_vas and tp == '1w':
                        c.value = v + 10
                        errors.append(dict(sheet=sheet, cell='%s%d' % (CL(j), r), row=r, header=TPH[tp],
                                           value=str(v + 10), what='VAS %d outside 0-10 scale; should be %d' % (v + 10, v),
                                           pid=p['id']))
                elif st == 'missed':
                    c.value = rng.choice(['Δ.Π.', 'Δ.Π.', '-'])
                elif st == 'dead':
                    c.value = rng.choice(['†', 'απεβ.'])
                    c.font = Font(color='C00000')
            r += 1
wb.save(os.path.join(HERE, 'input.xlsx'))
write_truth(pats, errors, idents, lambda p, s: 'vertebra')
