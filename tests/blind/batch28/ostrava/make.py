# ---------------------------------------------------------------------------
# Generic cohort generator (shared by the writer's sites, copied verbatim).
# Only the standard library is used here.
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}


def lvl_idx(level):
    return SPINE.index(level)


def make_cohort(seed, n, start, end, cut, tps1, tps2, etio_w, odi_tps=(),
                p_second=0.22, p_kypho=0.35, vas_step=1.0, p_missed=0.1,
                cement_types=(('PMMA', 1.0),)):
    """Return a list of patient dicts; everything is decided here once."""
    rng = random.Random(seed)
    span = (end - start).days
    pts = []
    for i in range(n):
        p = {'n': i + 1}
        etio = rng.choices([e for e, _ in etio_w], [w for _, w in etio_w])[0]
        p['etio_detail'] = etio
        p['etiology'] = {'osteoporosis': 'osteoporotic', 'metastasis': 'pathologic',
                         'myeloma': 'pathologic', 'trauma': 'traumatic',
                         'haemangioma': 'other'}[etio]
        p['sex'] = 'female' if rng.random() < (0.75 if etio == 'osteoporosis' else 0.45) else 'male'
        lo, hi = {'osteoporosis': (62, 89), 'metastasis': (50, 80), 'myeloma': (52, 81),
                  'trauma': (44, 76), 'haemangioma': (38, 66)}[etio]
        age = rng.randint(lo, hi)
        p['age'] = age
        op1 = start + dt.timedelta(days=rng.randint(0, span))
        # birth date so that age at op1 is exactly `age`
        bd_year = op1.year - age - 1
        bd = dt.date(bd_year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        while (op1.year - bd.year - ((op1.month, op1.day) < (bd.month, bd.day))) != age:
            bd += dt.timedelta(days=5)
        p['birth'] = bd
        p['op1'] = op1
        # death
        p_death = {'metastasis': 0.45, 'myeloma': 0.3}.get(etio, 0.07)
        death_day = None
        if rng.random() < p_death:
            death_day = rng.randint(60, 520)
            if op1 + dt.timedelta(days=death_day) > cut:
                death_day = None
        p['death_day'] = death_day
        p['died'] = death_day is not None
        last_day = (cut - op1).days if death_day is None else death_day - 1
        # session 1 levels
        nlev = rng.choices([1, 2, 3], [0.55, 0.32, 0.13])[0]
        if etio == 'metastasis':
            top = rng.choice(['T6', 'T8', 'T9', 'T10', 'T11', 'L1', 'L2', 'L3'])
        else:
            top = rng.choice(['T7', 'T10', 'T11', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3'])
        ti = lvl_idx(top)
        lv1 = [SPINE[ti + k] for k in range(nlev) if ti + k <= lvl_idx('L5')]
        tech1 = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
        ctype = rng.choices([c for c, _ in cement_types], [w for _, w in cement_types])[0]
        sessions = [make_session(rng, 1, 0, op1, lv1, tech1, ctype)]
        fractures = []
        treated = set(lv1)
        # second operation
        if rng.random() < p_second and last_day > 120:
            d2 = rng.randint(35, min(330, last_day - 100))
            cand = [SPINE[lvl_idx(lv1[0]) - 1], SPINE[lvl_idx(lv1[-1]) + 1]]
            cand = [c for c in cand if c not in treated and c.startswith(('T', 'L'))]
            lv2 = [rng.choice(cand)]
            if rng.random() < 0.25:
                nxt = SPINE[lvl_idx(lv2[0]) + 1]
                if nxt not in treated and nxt.startswith(('T', 'L')):
                    lv2.append(nxt)
            tech2 = tech1 if rng.random() < 0.7 else ('kyphoplasty' if tech1 == 'vertebroplasty' else 'vertebroplasty')
            s2 = make_session(rng, 2, d2, op1 + dt.timedelta(days=d2), lv2, tech2, ctype)
            sessions.append(s2)
            treated |= set(lv2)
            for lv in lv2:
                fractures.append((d2 - rng.randint(4, 21), lv))
        elif rng.random() < 0.14 and last_day > 150:
            fd = rng.randint(45, min(400, last_day - 20))
            cand = [SPINE[lvl_idx(lv1[0]) - 1], SPINE[lvl_idx(lv1[-1]) + 1]]
            cand = [c for c in cand if c not in treated and c.startswith(('T', 'L'))]
            fractures.append((fd, rng.choice(cand)))
        p['fractures'] = sorted(fractures)
        p['sessions'] = sessions
        # assessments
        for s in sessions:
            tps = tps1 if s['session'] == 1 else tps2
            pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10]) if vas_step == 1 else rng.randint(62, 95) / 10
            odi_pre = rng.randint(44, 82)
            s['assess'] = {}
            for tp in tps:
                day = s['day'] + max(0, TP_DAYS[tp])
                if tp == 'pre':
                    day = s['day'] - rng.choice([0, 0, 1, 1, 2])
                else:
                    day += rng.randint(-(TP_DAYS[tp] // 10), TP_DAYS[tp] // 6 + (1 if TP_DAYS[tp] > 1 else 0))
                if day > last_day:
                    break  # no more visits (dead / data cut)
                if tp not in ('pre', '24h') and rng.random() < p_missed:
                    s['assess'][tp] = {'missed': True, 'day': day}
                    continue
                if tp == 'pre':
                    vas = pre
                else:
                    frac = {'24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4,
                            '3m': 0.33, '6m': 0.32, '12m': 0.3}[tp]
                    vas = pre * frac + rng.uniform(-1.2, 1.4)
                    if p['etiology'] == 'pathologic':
                        vas += 0.8
                    vas = min(10, max(0, vas))
                    vas = round(vas) if vas_step == 1 else round(vas * 10) / 10
                a = {'missed': False, 'day': day, 'vas': vas}
                if tp in odi_tps:
                    if tp == 'pre':
                        a['odi'] = odi_pre
                    else:
                        a['odi'] = max(4, min(100, int(odi_pre * {'24h': 0.8, '1w': 0.7, '6w': 0.6, '1m': 0.62, '3m': 0.5, '6m': 0.48, '12m': 0.45}[tp] + rng.randint(-6, 6))))
                    a['odi'] -= a['odi'] % 2  # 10 items x 5 points -> even percent
                s['assess'][tp] = a
        pts.append(p)
    return pts


def make_session(rng, no, day, date, levels, tech, ctype):
    lv = []
    for L in levels:
        if tech == 'kyphoplasty':
            vol = rng.choice([3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5])
        else:
            vol = rng.choice([2.0, 2.5, 3.0, 3.0, 3.5, 3.5, 4.0, 4.5, 5.0])
        if L.startswith('T') and int(L[1:]) < 10:
            vol = max(1.5, vol - 1.0)
        if rng.random() < 0.25:
            vol = round(vol + rng.choice([-0.2, 0.2, 0.3, -0.3]), 1)
        leak = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'epidural', 'disc;venous'],
                           [0.68, 0.12, 0.1, 0.05, 0.02, 0.03])[0]
        if tech == 'kyphoplasty' and leak != 'none' and rng.random() < 0.5:
            leak = 'none'
        lv.append({'level': L, 'vol': vol, 'leak': leak})
    return {'session': no, 'day': day, 'date': date, 'technique': tech,
            'cement_type': ctype, 'levels': lv,
            'total': round(sum(x['vol'] for x in lv), 1)}


def fmt_num(x, dec=','):
    s = ('%g' % x) if isinstance(x, (int, float)) else str(x)
    return s.replace('.', dec)


def write_truth(patients, errors, identifiers, per_vertebra=True, leak_recorded=True,
                vol_override=None):
    """patients: final dicts; errors: list of dicts; identifiers: list of (kind, value)."""
    tdir = os.path.join(HERE, 'truth')
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            cw.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in patients])
    rows = []
    for p in patients:
        for s in p['sessions']:
            pv = per_vertebra if not callable(per_vertebra) else per_vertebra(p, s)
            for x in s['levels']:
                rows.append([p['id'], s['session'], s['day'], x['level'], s['technique'],
                             fmt_num(x['vol'], '.') if pv else '',
                             '' if pv else fmt_num(s['total'], '.'),
                             s['cement_type'] or '',
                             x['leak'] if leak_recorded else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    rows = []
    for p in patients:
        for s in p['sessions']:
            for tp in order:
                a = s['assess'].get(tp)
                if not a or a['missed']:
                    continue
                rows.append([p['id'], s['session'], 'pain_vas', tp, fmt_num(a['vas'], '.')])
                if 'odi' in a:
                    rows.append([p['id'], s['session'], 'odi', tp, a['odi']])
                if 'mob' in a:
                    rows.append([p['id'], s['session'], 'mobility', tp, a['mob']])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, L] for p in patients for d, L in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.append((k, str(v)))
    w('identifiers.csv', ['kind', 'value'], seen)


def age_at(bd, date):
    return date.year - bd.year - ((date.month, date.day) < (bd.month, bd.day))


def col_letter(i):  # 0-based -> 'A'
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
def freeze_xlsx(path, stamp):
    """openpyxl stamps the save time into the file; pin it so reruns are byte-identical."""
    import re as _re
    import zipfile
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == 'docProps/core.xml':
                data = _re.sub(rb'(<dcterms:(?:created|modified)[^>]*>)[^<]*', rb'\g<1>' + stamp.encode(), data)
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 10, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


# --------------------------- end of shared part -----------------------------

# ============================ OSTRAVA ======================================
# Czech Excel "CSV (oddělený středníkem)": ';', cp1250, decimal comma, d.m.yyyy
SEED = 28106
START, END, CUT = dt.date(2021, 2, 1), dt.date(2022, 11, 30), dt.date(2023, 12, 15)

pts = make_cohort(SEED, 18, START, END, CUT,
                  tps1=['pre', '24h', '6w', '3m', '12m'], tps2=['pre', '24h', '6w', '3m'],
                  etio_w=[('osteoporosis', 0.62), ('metastasis', 0.16), ('myeloma', 0.09),
                          ('trauma', 0.09), ('haemangioma', 0.04)],
                  odi_tps=('pre', '12m'), p_second=0.2, p_kypho=0.3,
                  cement_types=(('PMMA', 0.9), ('calcium phosphate', 0.1)))
rng = random.Random(SEED + 1)
# this unit records ODI only for the first operation
for p in pts:
    for s_ in p['sessions'][1:]:
        for a in s_['assess'].values():
            a.pop('odi', None)

F_SUR = ['Nováková', 'Svobodová', 'Dvořáková', 'Černá', 'Procházková', 'Kučerová', 'Veselá',
         'Horáková', 'Němcová', 'Pokorná', 'Šťastná', 'Kolářová', 'Řezníčková', 'Mrázková',
         'Bednářová', 'Žáková', 'Hrubá', 'Lukášová']
F_FIRST = ['Marie', 'Jana', 'Eva', 'Hana', 'Anna', 'Věra', 'Alena', 'Jaroslava', 'Ludmila',
           'Zdeňka', 'Božena', 'Jiřina', 'Dagmar', 'Růžena']
M_SUR = ['Novák', 'Svoboda', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák',
         'Pokorný', 'Šťastný', 'Kolář', 'Řezníček', 'Mrázek', 'Bednář', 'Žák', 'Hrubý']
M_FIRST = ['Jiří', 'Jan', 'Petr', 'Josef', 'Pavel', 'Jaroslav', 'Miroslav', 'Zdeněk',
           'František', 'Václav', 'Karel', 'Ladislav', 'Stanislav', 'Oldřich']

DG = {'osteoporosis': ['osteoporotická fr.', 'OP fraktura', 'osteoporóza'],
      'metastasis': ['meta Ca prsu', 'meta Ca prostaty', 'meta Ca plic', 'metastáza ca ledviny'],
      'myeloma': ['mnohočetný myelom', 'MM'],
      'trauma': ['úraz – pád z výšky', 'traumatická fr.', 'úraz (autonehoda)'],
      'haemangioma': ['hemangiom', 'agresivní hemangiom']}
LEAK = {'disc': 'disk', 'venous': 'žilní', 'paravertebral': 'paravertebrální',
        'epidural': 'epidurální'}


def cz_level(L):
    return ('Th' + L[1:]) if L.startswith('T') else L


def d(x):
    return '%d.%d.%d' % (x.day, x.month, x.year)


def rodne_cislo(bd, sex):
    mm = bd.month + (50 if sex == 'female' else 0)
    head = '%02d%02d%02d' % (bd.year % 100, mm, bd.day)
    if bd.year < 1954:
        return head + '/' + '%03d' % rng.randint(1, 999)
    while True:
        suf = rng.randint(0, 999)
        nine = int(head + '%03d' % suf)
        chk = (nine % 11) % 10
        return head + '/' + '%03d%d' % (suf, chk)


identifiers = []
for p in pts:
    p['id'] = 'OV-%03d' % p['n']
    if p['sex'] == 'female':
        p['name'] = '%s %s' % (rng.choice(F_SUR), rng.choice(F_FIRST))
    else:
        p['name'] = '%s %s' % (rng.choice(M_SUR), rng.choice(M_FIRST))
    p['rc'] = rodne_cislo(p['birth'], p['sex'])
    p['tel'] = '%d %03d %03d' % (rng.choice([603, 604, 605, 602, 731, 736, 775, 777]),
                                 rng.randint(0, 999), rng.randint(0, 999))
    p['dg'] = rng.choice(DG[p['etio_detail']])
    identifiers += [('name', p['name']), ('national_id', p['rc']), ('phone', p['tel'])]

HEAD = ['Poř. č.', 'ID studie', 'Příjmení, jméno', 'RČ', 'Tel.', 'Pohlaví', 'Věk', 'Dg.',
        'Výkon č.', 'Datum výkonu', 'Ošetřené obratle', 'Metoda', 'Cement',
        'Objem cementu (ml)', 'Únik cementu', 'VAS před', 'VAS 1. den', 'VAS 6 týd.',
        'Kontrola 3 m', 'VAS 3 m', 'Kontrola 12 m', 'VAS 12 m', 'ODI před (%)', 'ODI 12 m (%)',
        'Nová fraktura', 'Zemřel(a)', 'Poznámka']
C = {h: i for i, h in enumerate(HEAD)}

# one row per operation, in the order the operations were done (appended as they came)
ops = sorted([(s['date'], p['n'], p, s) for p in pts for s in p['sessions']],
             key=lambda t: (t[0], t[1]))
rows = []
for k, (date, _, p, s) in enumerate(ops):
    r = [''] * len(HEAD)
    first = s['session'] == 1
    r[C['Poř. č.']] = str(k + 1)
    r[C['ID studie']] = p['id']
    r[C['Příjmení, jméno']] = p['name']
    r[C['RČ']] = p['rc']
    r[C['Tel.']] = p['tel'] if first else ''
    r[C['Pohlaví']] = 'Ž' if p['sex'] == 'female' else 'M'
    r[C['Věk']] = str(age_at(p['birth'], s['date']))
    r[C['Dg.']] = p['dg']
    r[C['Výkon č.']] = '1' if first else '2 (reop.)'
    r[C['Datum výkonu']] = d(s['date'])
    r[C['Ošetřené obratle']] = ', '.join(cz_level(x['level']) for x in s['levels'])
    r[C['Metoda']] = 'VP' if s['technique'] == 'vertebroplasty' else 'KP'
    r[C['Cement']] = 'PMMA' if s['cement_type'] == 'PMMA' else 'CaP'
    r[C['Objem cementu (ml)']] = ' + '.join(fmt_num(x['vol']) for x in s['levels'])
    leaks = [x for x in s['levels'] if x['leak'] != 'none']
    if not leaks:
        r[C['Únik cementu']] = 'ne'
    else:
        r[C['Únik cementu']] = 'ano – ' + ', '.join(
            cz_level(x['level']) + ' ' + ' + '.join(LEAK[t] for t in x['leak'].split(';'))
            for x in leaks)
    A = s['assess']

    def put(col, tp, datecol=None):
        a = A.get(tp)
        if a is None:
            # not reached: died before, or data cut
            if p['died']:
                r[C[col]] = '†'
                if datecol:
                    r[C[datecol]] = '†'
            return
        if a['missed']:
            if datecol:
                r[C[datecol]] = 'nepřišla' if p['sex'] == 'female' else 'nepřišel'
            else:
                r[C[col]] = '-'
            return
        r[C[col]] = fmt_num(a['vas'])
        if datecol:
            r[C[datecol]] = d(p['op1'] + dt.timedelta(days=a['day']))

    put('VAS před', 'pre')
    put('VAS 1. den', '24h')
    put('VAS 6 týd.', '6w')
    put('VAS 3 m', '3m', 'Kontrola 3 m')
    if first:
        put('VAS 12 m', '12m', 'Kontrola 12 m')
        r[C['ODI před (%)']] = str(A['pre']['odi'])
        if A.get('12m') and not A['12m']['missed']:
            r[C['ODI 12 m (%)']] = str(A['12m']['odi'])
        if p['fractures']:
            r[C['Nová fraktura']] = '; '.join(
                '%s – %s' % (cz_level(L), d(p['op1'] + dt.timedelta(days=fd))) for fd, L in p['fractures'])
        else:
            r[C['Nová fraktura']] = 'ne'
        r[C['Zemřel(a)']] = ('ano – ' + d(p['op1'] + dt.timedelta(days=p['death_day']))) if p['died'] else 'ne'
    else:
        r[C['VAS 12 m']] = 'x'
        r[C['Kontrola 12 m']] = 'x'
        r[C['Nová fraktura']] = 'viz výkon 1'
        r[C['Zemřel(a)']] = 'viz výkon 1'
        r[C['Poznámka']] = 'reoperace – nová fr. %s' % ', '.join(cz_level(x['level']) for x in s['levels'])
    if first and p['etio_detail'] == 'metastasis' and not r[C['Poznámka']]:
        r[C['Poznámka']] = 'biopsie při výkonu'
    if first and p['died'] and not r[C['Poznámka']]:
        r[C['Poznámka']] = 'zemř. (info od PL)'
    r.append(None)  # keep reference to patient/session for error planting
    rows.append((r, p, s))

# ---- planted mistakes (4 different patients, session-1 rows) ----
errors = []


def plant(pred, col, make_val, what):
    for i, (r, p, s) in enumerate(rows):
        if s['session'] == 1 and pred(p, s, r) and not p.get('err'):
            old = r[C[col]]
            new = make_val(p, s, r)
            r[C[col]] = new
            p['err'] = True
            errors.append({'sheet': 'input.csv', 'cell': col_letter(C[col]) + str(i + 2),
                           'row': i + 2, 'header': col, 'value': new,
                           'what': what(old), 'pid': p['id']})
            return
    raise SystemExit('could not plant ' + col)


# 1. impossible level L7
plant(lambda p, s, r: len(s['levels']) == 2 and s['levels'][1]['level'] in ('L2', 'L3', 'L4'),
      'Ošetřené obratle',
      lambda p, s, r: r[C['Ošetřené obratle']].split(', ')[0] + ', L7',
      lambda old: 'level L7 does not exist; should be "%s"' % old)
# 2. decimal comma lost in a one-level volume
plant(lambda p, s, r: len(s['levels']) == 1 and s['levels'][0]['vol'] in (4.5, 3.5, 5.5),
      'Objem cementu (ml)',
      lambda p, s, r: r[C['Objem cementu (ml)']].replace(',', ''),
      lambda old: 'cement volume > 20 ml for one vertebra (decimal comma lost); should be %s ml' % old)
# 3. VAS outside 0-10
plant(lambda p, s, r: r[C['VAS 6 týd.']] in ('2', '3', '4', '5'),
      'VAS 6 týd.', lambda p, s, r: r[C['VAS 6 týd.']] * 2,
      lambda old: 'VAS outside the 0-10 scale (key pressed twice); should be %s' % old)
# 4. 12-month control dated before the operation (year typo)
plant(lambda p, s, r: r[C['Kontrola 12 m']][:1].isdigit(),
      'Kontrola 12 m',
      lambda p, s, r: r[C['Kontrola 12 m']].rsplit('.', 1)[0] + '.' + str(s['date'].year - 1),
      lambda old: 'follow-up date lies before the operation date (year typo); should be %s' % old)

with open(os.path.join(HERE, 'input.csv'), 'w', encoding='cp1250', newline='') as f:
    cw = csv.writer(f, delimiter=';', lineterminator='\r\n')
    cw.writerow(HEAD)
    for r, p, s in rows:
        cw.writerow(r[:-1])
    blank = [''] * (len(HEAD) - 1)
    cw.writerow([''] + blank)
    notes = ['Vysvětlivky: VP = vertebroplastika, KP = balónková kyfoplastika; CaP = kalciumfosfátový cement',
             'VAS 0–10 (0 = bez bolesti); ODI v %; „nepřišel/a“ nebo „-“ = kontrola neproběhla; † = pacient v té době již nežil; x = neplatí',
             'Únik cementu dle pooperačního CT/RTG; Nová fraktura = datum diagnózy (RTG/MR)',
             'Data uzavřena 15.12.2023 – prázdné buňky = kontrola ještě nebyla']
    for n_ in notes:
        cw.writerow([n_] + blank)

write_truth(pts, errors, identifiers, per_vertebra=True)
