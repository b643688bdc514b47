# ---------------------------------------------------------------- common cohort core
import random, datetime as dt, csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
ALL_LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
             ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
TP_FACTOR = {'pre': 1.0, '24h': 0.55, '1w': 0.48, '2w': 0.42, '6w': 0.36, '1m': 0.38,
             '3m': 0.32, '6m': 0.28, '12m': 0.27}


def adj(level, k):
    i = ALL_LEVELS.index(level) + k
    i = max(ALL_LEVELS.index('T4'), min(ALL_LEVELS.index('L5'), i))
    return ALL_LEVELS[i]


def gen_cohort(seed, n, start, tps, measures, cement_types=('PMMA',), kypho_frac=0.3,
               p_second=0.22, p_dead=0.15, p_frac=0.2, p_miss=0.1, leak_recorded=True):
    rng = random.Random(seed)
    pats = []
    d = start
    for i in range(n):
        d = d + dt.timedelta(days=rng.randint(6, 30))
        sex = rng.choice(['female', 'female', 'female', 'male'])
        etio = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [11, 4, 2, 1])[0]
        age = rng.randint(52, 89) if etio != 'traumatic' else rng.randint(38, 75)
        birth = d - dt.timedelta(days=age * 365 + rng.randint(10, 350))
        age = d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))
        p = dict(idx=i, sex=sex, etiology=etio, age=age, birth=birth, sessions=[], scores={},
                 fractures=[], died=False, death_date=None)
        nsess = 2 if rng.random() < p_second else 1
        for s in range(1, nsess + 1):
            if s == 1:
                od = d
                centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'T8', 'L3', 'T10'])
            else:
                od = d + dt.timedelta(days=rng.randint(50, 220))
                centre = adj(p['sessions'][0]['levels'][-1], rng.choice([1, 2, -2]))
            nlev = rng.choices([1, 2, 3], [6, 3, 1])[0]
            levels = [adj(centre, k) for k in range(nlev)]
            levels = sorted(set(levels), key=ALL_LEVELS.index)
            tech = 'kyphoplasty' if rng.random() < kypho_frac else 'vertebroplasty'
            vols = []
            for L in levels:
                base = 2.5 if L.startswith('T') and int(L[1:]) < 10 else 3.5
                if tech == 'kyphoplasty':
                    base += 0.8
                vols.append(round(base + rng.choice([-1, -0.5, 0, 0.5, 1, 1.5]), 1))
            leak = []
            for L in levels:
                r = rng.random()
                leak.append('none' if r < 0.72 else rng.choice(['disc', 'venous', 'paravertebral', 'disc;venous', 'epidural']))
            p['sessions'].append(dict(s=s, date=od, day=(od - d).days, levels=levels, technique=tech,
                                      vols=vols, cement=rng.choice(cement_types), leak=leak))
        last_op = p['sessions'][-1]['date']
        if rng.random() < p_dead or (etio == 'pathologic' and rng.random() < 0.4):
            p['died'] = True
            p['death_date'] = last_op + dt.timedelta(days=rng.randint(40, 330))
        # scores
        for sess in p['sessions']:
            od = sess['date']
            vas0 = rng.choice([7, 7, 8, 8, 8, 9, 9, 10, 6])
            odi0 = rng.randint(48, 82)
            mob0 = rng.choice([3, 3, 4, 2])
            sess['visit_dates'] = {}
            for tp in tps:
                vd = od + dt.timedelta(days=TP_DAYS[tp] + (0 if tp in ('pre', '24h') else rng.randint(-3, 6) if TP_DAYS[tp] < 100 else rng.randint(-10, 20)))
                if tp == 'pre':
                    vd = od - dt.timedelta(days=rng.choice([0, 1, 1, 2]))
                if p['died'] and vd >= p['death_date']:
                    continue
                if tp != 'pre' and rng.random() < p_miss:
                    sess['visit_dates'][tp] = None   # missed visit
                    continue
                sess['visit_dates'][tp] = vd
                f = TP_FACTOR[tp]
                for m in measures:
                    if m == 'pain_vas':
                        v = vas0 if tp == 'pre' else max(0, min(10, round(vas0 * f + rng.choice([-1, 0, 0, 1, 0.5]))))
                    elif m == 'odi':
                        v = odi0 if tp == 'pre' else max(4, min(100, int(round(odi0 * (f + 0.12) + rng.randint(-6, 6)))))
                        v = int(round(v / 2.0) * 2)
                    elif m == 'mobility':
                        v = mob0 if tp == 'pre' else max(0, min(4, int(round(mob0 * (f + 0.15) + rng.choice([-1, 0, 0, 0, 1])))))
                    p['scores'][(sess['s'], m, tp)] = v
        # new fractures
        if rng.random() < p_frac:
            fd = rng.randint(35, 300)
            if not (p['died'] and d + dt.timedelta(days=fd) >= p['death_date']):
                lv = adj(p['sessions'][0]['levels'][0], rng.choice([-1, -2, 2]))
                if all(lv not in s_['levels'] for s_ in p['sessions']):
                    p['fractures'].append((fd, lv))
        p['first'] = d
        pats.append(p)
    return pats


def write_csv(name, header, rows):
    os.makedirs(os.path.join(HERE, 'truth'), exist_ok=True)
    with open(os.path.join(HERE, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def fmt_num(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return ('%d' % x) if x == int(x) else ('%g' % x)


def write_truth(pats, pid_of, errors, identifiers, per_vertebra=True, vas_div=1):
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[pid_of(p), p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            pv = per_vertebra(p, s) if callable(per_vertebra) else per_vertebra
            tot = round(sum(s['vols']), 1)
            for L, v, lk in zip(s['levels'], s['vols'], s['leak']):
                rows.append([pid_of(p), s['s'], s['day'], L, s['technique'],
                             fmt_num(v) if pv else '', '' if pv else fmt_num(tot),
                             s['cement'] or '', lk or ''])
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = list(TP_DAYS)
    rows = []
    for p in pats:
        for (s, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], order.index(kv[0][2]))):
            rows.append([pid_of(p), s, m, tp, fmt_num(v)])
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'],
              [[pid_of(p), fd, lv] for p in pats for fd, lv in p['fractures']])
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, idr = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v)); idr.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], idr)
# ---------------------------------------------------------------- end core

# ---------------------------------------------------------------- Kiruna writer (fixed-width printed report)
SEED = 3404
TPS = ('pre', '1w', '6w', '3m', '12m')
pats = gen_cohort(SEED, 17, dt.date(2021, 10, 4), TPS, ('pain_vas', 'odi'), cement_types=('PMMA',),
                  kypho_frac=0.35, p_second=0.2)
rng = random.Random(SEED + 1)
# VAS is recorded in mm (0-100) here: make the mm value, truth = mm / 10
for p in pats:
    for k in list(p['scores']):
        if k[1] == 'pain_vas':
            v = p['scores'][k]
            mm = max(0, min(100, v * 10 + rng.choice([-4, -2, 0, 0, 2, 3, 5])))
            p['scores'][k] = mm / 10.0
            p.setdefault('mm', {})[k] = mm

NF = ['Elsa Kuhmunen', 'Karin Sarri', 'Britt Nutti', 'Anna-Greta Pittja', 'Maj-Lis Kitok', 'Inga Utsi',
      'Gunnel Niia', 'Sigrid Lindqvist', 'Aina Juuso', 'Margit Päiviö', 'Ingrid Lantto', 'Elin Omma',
      'Kerstin Fjällström', 'Ellen Marainen']
NM = ['Nils-Anders Labba', 'Per-Olof Kuoljok', 'Lars Blind', 'Johan Sikku', 'Henrik Tuorda', 'Olle Kalla']


def luhn(nine):
    s = 0
    for i, ch in enumerate(nine):
        x = int(ch) * (2 if i % 2 == 0 else 1)
        s += x // 10 + x % 10
    return str((10 - s % 10) % 10)


fi = mi = 0
used = set()
for p in pats:
    if p['sex'] == 'female':
        p['name'] = NF[fi]; fi += 1
    else:
        p['name'] = NM[mi]; mi += 1
    while True:
        three = '%02d%d' % (rng.randint(0, 99), rng.choice([1, 3, 5, 7, 9] if p['sex'] == 'male' else [0, 2, 4, 6, 8]))
        nine = p['birth'].strftime('%y%m%d') + three
        pnr = p['birth'].strftime('%y%m%d') + '-' + three + luhn(nine)
        if pnr not in used:
            used.add(pnr); break
    p['pnr'] = pnr


def diag(p):
    L = p['sessions'][0]['levels'][0]
    if p['etiology'] == 'osteoporotic':
        return rng.choice(['M80.0 Osteoporos m fraktur', 'M80.0 Osteop kotkompr.', 'M80.9 Osteoporos fraktur'])
    if p['etiology'] == 'pathologic':
        opts = ['C79.5 Skelettmetastas', 'C90.0 Myelom']
        opts.append('C79.5 Met prostatacancer' if p['sex'] == 'male' else 'C79.5 Met bröstcancer')
        return rng.choice(opts)
    if p['etiology'] == 'traumatic':
        return 'S22.0 Kotfraktur bröstrygg' if L.startswith('T') else 'S32.0 Kotfraktur ländrygg'
    return 'D18.0 Hemangiom kota'


LEAK = {'none': 'ingen', 'disc': 'disk', 'venous': 'venöst', 'paravertebral': 'paravert.', 'epidural': 'epiduralt',
        'disc;venous': 'disk+ven'}
TPT = {'pre': 'Preop', '1w': '1 v', '6w': '6 v', '3m': '3 mån', '12m': '12 mån'}


def sl(L):
    return 'Th' + L[1:] if L.startswith('T') else L


def sv(x):
    return fmt_num(x).replace('.', ',')


errors = []
single = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
E_LEV, E_FU, E_VAS, E_DATE = single[0], single[2], single[5], single[7]

PAGE_LEN = 44
out_lines = []          # final lines of the file (page breaks included)
page = [0]


def page_header(title, colhdr, dash):
    page[0] += 1
    h = ['%s%s' % ('\f' if page[0] > 1 else '', 'KIRUNA SJUKHUS  ORTOPEDKLINIKEN'.ljust(70) + 'Sida %d' % page[0]),
         'Vertebroplastik/kyfoplastik - registerutdrag'.ljust(70) + 'Utskr 2023-12-05 08:47',
         title, '', colhdr, dash]
    return h


def emit_section(title, colhdr, rows_):
    dash = '-' * len(colhdr)
    block = page_header(title, colhdr, dash)
    n = len(block)
    out_lines.extend(block)
    for r_ in rows_:
        if n >= PAGE_LEN:
            block = page_header(title + ' (forts.)', colhdr, dash)
            out_lines.extend(block); n = len(block)
        out_lines.append(r_); n += 1
    out_lines.append('')
    out_lines.append('*** Slut på avsnitt: %d rader ***' % len(rows_))


# ---- section 1: operations, one line per vertebra
W1 = [('Personnr', 13), ('Namn', 22), ('Kön', 4), ('Ålder', 6), ('Diagnos', 28), ('Op-datum', 11), ('Op', 3),
      ('Nivå', 5), ('Metod', 6), ('Cement ml', 10), ('Cementtyp', 10), ('Läckage', 10)]
hdr1 = ''.join(h.ljust(w) for h, w in W1).rstrip()
letters1 = {h: chr(65 + i) for i, (h, w) in enumerate(W1)}
rows1, pending_err = [], []
identifiers = []
for p in pats:
    identifiers += [('national_id', p['pnr']), ('name', p['name'])]
    dg = diag(p)
    for s in p['sessions']:
        for k, (L, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leak'])):
            vals = [p['pnr'], p['name'], 'M' if p['sex'] == 'male' else 'K', str(p['age']), dg,
                    s['date'].isoformat(), str(s['s']), sl(L), 'VP' if s['technique'] == 'vertebroplasty' else 'KP',
                    sv(v), s['cement'], LEAK[lk]]
            if p is E_LEV and k == 0:
                vals[7] = 'Th14'
                pending_err.append((len(rows1), 'Nivå', 'Th14', 'impossible level Th14 (there are 12 thoracic vertebrae); should be %s' % sl(L), p['pnr']))
            if p is E_DATE and k == 0:
                vals[5] = '%d-02-30' % s['date'].year
                pending_err.append((len(rows1), 'Op-datum', vals[5], 'impossible date (30 February); real operation date %s (see the follow-up rows)' % s['date'].isoformat(), p['pnr']))
            rows1.append(''.join(str(x)[:w - 1].ljust(w) for x, (h, w) in zip(vals, W1)).rstrip())
start = len(out_lines)
emit_section('AVSNITT 1  OPERATIONER (en rad per behandlad kota)', hdr1, rows1)


def line_of(section_rows, idx, first_line_idx):
    # find the printed line number (1-based) of data row idx
    target = section_rows[idx]
    for i in range(first_line_idx, len(out_lines)):
        if out_lines[i] == target:
            return i + 1
    raise ValueError


for idx, hname, val, what, pid in pending_err:
    ln = line_of(rows1, idx, start)
    errors.append(['input.txt', '%s%d' % (letters1[hname], ln), ln, hname, val, what, pid])

# ---- section 2: follow-up visits
W2 = [('Personnr', 13), ('Op-datum', 11), ('Kontroll', 9), ('Besöksdatum', 12), ('VAS mm', 7), ('ODI %', 6), ('Anm', 30)]
hdr2 = ''.join(h.ljust(w) for h, w in W2).rstrip()
letters2 = {h: chr(65 + i) for i, (h, w) in enumerate(W2)}
rows2, pending_err = [], []
for p in pats:
    for s in p['sessions']:
        for tp in TPS:
            if tp not in s['visit_dates']:
                continue
            vd = s['visit_dates'][tp]
            if vd is None:
                vals = [p['pnr'], s['date'].isoformat(), TPT[tp], '', '', '',
                        rng.choice(['uteblev', 'ii boahtán', 'uteblev, ej nåbar per tel'])]
            else:
                mm = p['mm'].get((s['s'], 'pain_vas', tp))
                od = p['scores'].get((s['s'], 'odi', tp))
                vals = [p['pnr'], s['date'].isoformat(), TPT[tp], vd.isoformat(),
                        '' if mm is None else str(mm), '' if od is None else str(od),
                        rng.choice(['', '', '', 'bávččas lite', 'går med rollator', 'telefonkontakt']) if tp != 'pre' else '']
                if p is E_FU and tp == '3m':
                    bad = vd.replace(year=vd.year - 1)
                    vals[3] = bad.isoformat()
                    pending_err.append((len(rows2), 'Besöksdatum', vals[3],
                                        'follow-up visit dated before the operation (%s); year typed wrong, should be %s'
                                        % (s['date'].isoformat(), vd.isoformat()), p['pnr']))
                if p is E_VAS and tp == '1w' and mm is not None:
                    vals[4] = str(mm * 10)
                    pending_err.append((len(rows2), 'VAS mm', vals[4], 'VAS %d mm is outside 0-100 mm; should be %d' % (mm * 10, mm), p['pnr']))
            rows2.append(''.join(str(x)[:w - 1].ljust(w) if i < len(W2) - 1 else str(x)
                                 for i, (x, (h, w)) in enumerate(zip(vals, W2))).rstrip())
assert len(pending_err) == 2, pending_err
start = len(out_lines)
emit_section('AVSNITT 2  UPPFÖLJNING (VAS 0-100 mm, ODI %)', hdr2, rows2)
for idx, hname, val, what, pid in pending_err:
    ln = line_of(rows2, idx, start)
    errors.append(['input.txt', '%s%d' % (letters2[hname], ln), ln, hname, val, what, pid])

# ---- section 3: events (deaths, new fractures)
W3 = [('Personnr', 13), ('Datum', 11), ('Händelse', 40)]
hdr3 = ''.join(h.ljust(w) for h, w in W3).rstrip()
ev = []
for p in pats:
    for fd, lv in p['fractures']:
        ev.append((p['pnr'], p['first'] + dt.timedelta(days=fd), 'Ny kotfraktur %s (rtg/MR)' % sl(lv)))
    if p['died']:
        ev.append((p['pnr'], p['death_date'], rng.choice(['Avliden', 'Avliden (jámii)', 'Avliden, enl. folkbokf.'])))
rows3 = [''.join(str(x).ljust(w) for x, (h, w) in zip((a, b.isoformat(), c), W3)).rstrip() for a, b, c in ev]
emit_section('AVSNITT 3  HÄNDELSER (dödsfall, nya frakturer)', hdr3, rows3)
out_lines.append('')
out_lines.append('Förkortningar: VP vertebroplastik, KP ballongkyfoplastik, K kvinna, M man, Op 1/2 = första/andra operationen.')
out_lines.append('*** SLUT PÅ RAPPORT ***')
with open(os.path.join(HERE, 'input.txt'), 'w', encoding='utf-8', newline='\r\n') as f:
    f.write('\n'.join(out_lines) + '\n')
errors.sort(key=lambda e: e[2])
write_truth(pats, lambda p: p['pnr'], errors, identifiers, per_vertebra=True)
