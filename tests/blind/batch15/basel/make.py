# ---------------------------------------------------------------- shared data model
import sys, os, csv, datetime as dt
import numpy as np

TP_DAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
SPINE = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
CENTRE_W = {'T6': 1, 'T7': 2, 'T8': 3, 'T9': 3, 'T10': 4, 'T11': 7, 'T12': 12, 'L1': 12, 'L2': 7, 'L3': 5, 'L4': 3}


def gen_cohort(seed, n, ids, techniques, cement_types, tps, measures, s2_tps, half_points=False,
               start=dt.date(2019, 1, 7), span_days=1500, n_died=3, n_frac=4, n_s2=3):
    rng = np.random.default_rng(seed)
    pts = []
    cw = np.array(list(CENTRE_W.values()), float); cw /= cw.sum()
    frac_idx = set(rng.choice(n, n_frac, replace=False).tolist())
    s2_idx = set(sorted(frac_idx)[:n_s2])
    died_pool = [i for i in range(n) if i not in s2_idx]
    died_idx = set(rng.choice(died_pool, n_died, replace=False).tolist())
    for i in range(n):
        p = {'id': ids[i]}
        p['sex'] = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.68 else ('pathologic' if r < 0.88 else 'traumatic')
        lo, hi = {'osteoporotic': (62, 93), 'pathologic': (44, 82), 'traumatic': (33, 78)}[p['etiology']]
        p['age'] = int(rng.integers(lo, hi))
        p['date1'] = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        tech = techniques[int(rng.integers(0, len(techniques)))] if len(techniques) > 1 else techniques[0]
        ctype = cement_types[int(rng.integers(0, len(cement_types)))]
        nlev = int(rng.choice([1, 2, 3], p=[0.58, 0.3, 0.12]))
        c = list(CENTRE_W)[int(rng.choice(len(cw), p=cw))]
        k = SPINE.index(c)
        k = min(k, len(SPINE) - nlev)
        levels = SPINE[k:k + nlev]
        s1 = {'session': 1, 'day': 0, 'date': p['date1'], 'technique': tech, 'cement_type': ctype, 'levels': []}
        for lv in levels:
            s1['levels'].append(make_level(rng, lv))
        p['sessions'] = [s1]
        p['assess'] = {}
        p['fractures'] = []
        p['died'] = 'no'
        p['death_day'] = None
        last_tp = max(TP_DAYS[t] for t in tps)
        if i in died_idx:
            p['died'] = 'yes'
            p['death_day'] = int(rng.integers(50, last_tp + 60))
        if i in frac_idx:
            treated = set(levels)
            cands = [SPINE[j] for j in (k - 1, k + nlev, k - 2, k + nlev + 1) if 0 <= j < len(SPINE) and SPINE[j] not in treated]
            fl = cands[int(rng.integers(0, min(2, len(cands))))]
            fday = int(rng.integers(20, 250))
            if p['death_day'] is not None and fday >= p['death_day']:
                fday = p['death_day'] - 10
            p['fractures'].append((fday, fl))
            if i in s2_idx:
                d2 = fday + int(rng.integers(5, 25))
                s2 = {'session': 2, 'day': d2, 'date': p['date1'] + dt.timedelta(days=d2), 'technique': tech,
                      'cement_type': ctype, 'levels': [make_level(rng, fl)]}
                p['sessions'].append(s2)
        # assessments
        for s in p['sessions']:
            tplist = tps if s['session'] == 1 else s2_tps
            for m in measures:
                if m == 'pain_vas':
                    pre = int(rng.integers(6, 11))
                elif m == 'odi':
                    pre = int(rng.integers(36, 84))
                else:
                    pre = int(rng.integers(0, 2))
                if not (s['session'] == 1 and i == 5 and m == 'pain_vas' and False):
                    p['assess'][(s['session'], m, 'pre')] = pre
                cur = pre
                for t in tplist:
                    absday = s['day'] + TP_DAYS[t]
                    if p['death_day'] is not None and absday >= p['death_day']:
                        continue
                    # do not let session-1 follow-ups run past session 2
                    if s['session'] == 1 and len(p['sessions']) > 1 and absday >= p['sessions'][1]['day']:
                        continue
                    if rng.random() < 0.13:
                        continue
                    if m == 'pain_vas':
                        if half_points:
                            cur = max(0.0, min(10.0, round((cur - rng.uniform(0.3, 3.2)) * 2) / 2))
                        else:
                            cur = max(0, int(cur - rng.integers(0, 4)))
                    elif m == 'odi':
                        cur = max(0, int(cur - rng.integers(2, 18)))
                    else:
                        cur = min(3, int(cur + rng.integers(0, 2)))
                    p['assess'][(s['session'], m, t)] = cur
        pts.append(p)
    return pts


def make_level(rng, lv):
    if lv.startswith('T'):
        v = float(rng.uniform(1.8, 4.6))
    else:
        v = float(rng.uniform(2.8, 7.0))
    v = round(v * 2) / 2
    r = rng.random()
    if r < 0.72:
        leak = 'none'
    else:
        leak = ['disc', 'venous', 'paravertebral', 'venous', 'disc', 'epidural', 'foraminal'][int(rng.integers(0, 7))]
        if rng.random() < 0.15:
            leak = 'disc;venous'
    return {'level': lv, 'vol': v, 'leak': leak}


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pts, errors, identifiers, per_vertebra_volume=True, fields=None,
                leakage_recorded=True):
    """fields: which patient fields are recorded (set of sex, age, etiology, died)."""
    fields = fields or {'sex', 'age', 'etiology', 'died'}
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow([fmt_num(x) for x in r])

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if 'sex' in fields else '', p['age'] if 'age' in fields else '',
        p['etiology'] if 'etiology' in fields else '', p['died'] if 'died' in fields else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            multi = len(s['levels']) > 1
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                if per_vertebra_volume or not multi:
                    cv, sv = l['vol'], ''
                else:
                    cv, sv = '', tot
                rows.append([p['id'], s['session'], s['day'], l['level'], s['technique'], cv, sv,
                             s['cement_type'], l['leak'] if leakage_recorded else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    rows = []
    for p in pts:
        for (s, m, t), v in sorted(p['assess'].items(), key=lambda kv: (kv[0][0], kv[0][1], order.index(kv[0][2]))):
            rows.append([p['id'], s, m, t, v])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['id'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end shared

# ---------------------------------------------------------------- Basel
import xlsxwriter

N = 21
IDS = ['BS%03d' % (i + 101) for i in range(N)]
TPS = ['24h', '6w', '3m', '12m']
pts = gen_cohort(154, N, IDS, ['kyphoplasty', 'kyphoplasty', 'vertebroplasty'], ['PMMA'], TPS, ['pain_vas', 'odi'], ['6w', '3m'],
                 start=dt.date(2019, 4, 1), span_days=1300)
rng = np.random.default_rng(1540)
mm = {}
for p in pts:
    for k in list(p['assess']):
        if k[1] == 'odi' and k[2] not in ('pre', '3m', '12m'):
            del p['assess'][k]
        elif k[1] == 'pain_vas':
            v = int(min(100, max(0, p['assess'][k] * 10 + int(rng.integers(-4, 5)))))
            mm[(p['id'],) + k] = v
            p['assess'][k] = v / 10
LEAK = {'disc': 'diskal', 'venous': 'venös', 'paravertebral': 'paravertebral', 'epidural': 'epidural', 'foraminal': 'foraminal'}
ETIO = {'osteoporotic': ['Osteoporose', 'osteoporotisch'], 'pathologic': ['Metastase (Mamma-Ca)', 'Multiples Myelom', 'Metastase (Prostata-Ca)'],
        'traumatic': ['Trauma (Sturz)', 'Velounfall']}


def wk(lv):
    return ('BWK ' if lv.startswith('T') else 'LWK ') + lv[1:]


def dch(d):
    return d.strftime('%d.%m.%Y')


out = sys.argv[1] if len(sys.argv) > 1 else '.'
os.makedirs(out, exist_ok=True)
wb = xlsxwriter.Workbook(os.path.join(out, 'input.xlsx'))
B = wb.add_format({'bold': True, 'bg_color': '#F2DCDB', 'border': 1, 'text_wrap': True, 'valign': 'top'})
T = wb.add_format({'bold': True, 'font_size': 12})
I = wb.add_format({'italic': True, 'font_size': 9, 'font_color': '#595959'})
D = wb.add_format({'num_format': 'dd.mm.yyyy'})
RED = wb.add_format({'bg_color': '#FFC7CE'})
errors = []
sheets = {}


def hdr(ws, row, heads, widths):
    for j, (h, w) in enumerate(zip(heads, widths)):
        ws.write(row, j, h, B)
        ws.set_column(j, j, w)


def cell(ws, r, c, v, fmt=None):
    if v is None or v == '':
        return
    if isinstance(v, dt.date):
        ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), fmt or D)
    elif fmt is not None:
        ws.write(r, c, v, fmt)
    else:
        ws.write(r, c, v)


# error choices (decided before writing, xlsxwriter cannot overwrite)
single = [p for p in pts if len(p['sessions']) == 1]
E_LEVEL = [p for p in single if len(p['sessions'][0]['levels']) == 1][3]['id']
E_DATE = single[8]['id']
E_VAS = [p for p in single if (1, 'pain_vas', '6w') in p['assess']][10]['id']
E_FU = [p for p in single if (1, 'pain_vas', '3m') in p['assess']][4]['id']

# ---- Stammdaten
ws = wb.add_worksheet('Stammdaten')
ws.write(0, 0, 'Wirbelsäulenchirurgie — Zementaugmentation (Kyphoplastie / Vertebroplastie), Studienregister', T)
ws.write(1, 0, 'Nur Pat.-Nr. verwenden, Identifikationsliste liegt separat beim Studiensekretariat (Tresor).', I)
H = ['Pat.-Nr.', 'Geschlecht (w/m)', 'Alter bei Eingriff', 'Ätiologie', 'Verstorben', 'Todesdatum']
hdr(ws, 3, H, [10, 10, 10, 24, 10, 12])
for i, p in enumerate(pts):
    r = 4 + i
    cell(ws, r, 0, p['id']); cell(ws, r, 1, 'w' if p['sex'] == 'female' else 'm'); cell(ws, r, 2, p['age'])
    cell(ws, r, 3, ETIO[p['etiology']][int(rng.integers(0, len(ETIO[p['etiology']])))])
    cell(ws, r, 4, 'ja' if p['died'] == 'yes' else 'nein')
    if p['died'] == 'yes':
        cell(ws, r, 5, p['date1'] + dt.timedelta(days=p['death_day']))
ws.freeze_panes(4, 1)

# ---- Eingriffe (one row per session)
ws = wb.add_worksheet('Eingriffe')
ws.set_tab_color('#C00000')
H = ['Pat.-Nr.', 'Eingriff', 'OP-Datum', 'Höhe(n)', 'Verfahren', 'Zement', 'Zementmenge total [ml]', 'Zementaustritt', 'Operateur']
hdr(ws, 0, H, [10, 8, 12, 20, 16, 14, 12, 30, 10])
r = 1
for p in pts:
    for s in p['sessions']:
        lvtxt = ', '.join(wk(l['level']) for l in s['levels'])
        datev = s['date']
        if p['id'] == E_LEVEL and s['session'] == 1:
            lvtxt = 'LWK 6' if s['levels'][0]['level'].startswith('L') else 'BWK 13'
            errors.append(['Eingriffe', 'D%d' % (r + 1), r + 1, H[3], lvtxt, 'impossible vertebral level', p['id']])
        cell(ws, r, 0, p['id']); cell(ws, r, 1, s['session'])
        if p['id'] == E_DATE and s['session'] == 1:
            datev = '29.02.%d' % (2021 if s['date'].year != 2021 else 2022)
            errors.append(['Eingriffe', 'C%d' % (r + 1), r + 1, H[2], datev, 'impossible date (29 February in a non-leap year)', p['id']])
            cell(ws, r, 2, datev)
        else:
            cell(ws, r, 2, datev)
        cell(ws, r, 3, lvtxt)
        cell(ws, r, 4, 'Kyphoplastie' if s['technique'] == 'kyphoplasty' else 'Vertebroplastie')
        cell(ws, r, 5, ['Vertecem V+', 'Osteopal V', 'KyphX HV-R'][int(rng.integers(0, 3))] if s['technique'] == 'kyphoplasty' else 'Vertecem V+')
        cell(ws, r, 6, round(sum(l['vol'] for l in s['levels']), 1))
        lk = [(l['level'], l['leak']) for l in s['levels'] if l['leak'] != 'none']
        cell(ws, r, 7, 'kein' if not lk else '; '.join('%s %s' % (wk(a), ' + '.join(LEAK[x] for x in b.split(';'))) for a, b in lk))
        cell(ws, r, 8, ['PD Dr. Meier', 'Dr. Bühler', 'Dr. Keller'][int(rng.integers(0, 3))])
        r += 1

# ---- one sheet per time point
TPS_SHEETS = [('präop', 'pre'), ('Tag 1', '24h'), ('6 Wochen', '6w'), ('3 Monate', '3m'), ('12 Monate', '12m')]
for sname, t in TPS_SHEETS:
    ws = wb.add_worksheet(sname)
    ws.write(0, 0, 'Verlaufskontrolle: %s' % sname, T)
    ws.write(1, 0, 'VAS in mm (0-100). ODI in %. n.e. = nicht erhoben. Datum = Datum der Kontrolle / des Fragebogens.', I)
    H = ['Pat.-Nr.', 'Eingriff', 'Datum', 'VAS [mm]', 'ODI [%]', 'Bemerkungen']
    hdr(ws, 3, H, [10, 8, 12, 9, 9, 50])
    r = 4
    for p in pts:
        for s in p['sessions']:
            tl = ['pre'] + (TPS if s['session'] == 1 else ['6w', '3m'])
            if t not in tl:
                continue
            vas = p['assess'].get((s['session'], 'pain_vas', t))
            odi = p['assess'].get((s['session'], 'odi', t))
            due = s['day'] + TP_DAYS.get(t, 0)
            note = ''
            if vas is None and odi is None:
                if p['death_day'] is not None and due >= p['death_day']:
                    continue
                if s['session'] == 1 and len(p['sessions']) > 1 and due >= p['sessions'][1]['day']:
                    continue
                cell(ws, r, 0, p['id']); cell(ws, r, 1, s['session']); cell(ws, r, 3, 'n.e.'); cell(ws, r, 4, 'n.e.')
                cell(ws, r, 5, 'nicht erschienen')
                r += 1
                continue
            jit = 0 if t in ('pre', '24h') else int(rng.integers(-6, 7))
            d = s['date'] + dt.timedelta(days=TP_DAYS.get(t, -1) + jit)
            # fractures reported at the visit following them
            for fd, fl in p['fractures']:
                prev_due = 0 if t in ('pre', '24h') else TP_DAYS.get(tl[tl.index(t) - 1], 0) if tl.index(t) > 0 else 0
                if s['session'] == 1 and t not in ('pre', '24h') and s['day'] + prev_due < fd <= due + jit:
                    note = 'neue Fraktur %s (MRI vom %s)' % (wk(fl), dch(p['date1'] + dt.timedelta(days=fd)))
            cell(ws, r, 0, p['id']); cell(ws, r, 1, s['session'])
            if p['id'] == E_FU and t == '3m' and s['session'] == 1:
                bad = s['date'] - dt.timedelta(days=40)
                cell(ws, r, 2, bad, wb.add_format({'num_format': 'dd.mm.yyyy'}))
                errors.append([sname, 'C%d' % (r + 1), r + 1, 'Datum', dch(bad), '3-month follow-up dated before the operation', p['id']])
            else:
                cell(ws, r, 2, d)
            v = mm.get((p['id'], s['session'], 'pain_vas', t))
            if p['id'] == E_VAS and t == '6w' and s['session'] == 1:
                v = 140
                errors.append([sname, 'D%d' % (r + 1), r + 1, 'VAS [mm]', 140, 'VAS 140 mm on a 0-100 mm scale', p['id']])
            cell(ws, r, 3, v if v is not None else 'n.e.')
            if t in ('pre', '3m', '12m'):
                cell(ws, r, 4, odi if odi is not None else 'n.e.')
            cell(ws, r, 5, note)
            r += 1
    ws.freeze_panes(4, 1)

# fractures that no visit note picked up: list them on a small sheet
ws = wb.add_worksheet('Komplikationen')
H = ['Pat.-Nr.', 'Datum', 'Ereignis']
hdr(ws, 0, H, [10, 12, 60])
r = 1
for p in pts:
    for fd, fl in p['fractures']:
        cell(ws, r, 0, p['id']); cell(ws, r, 1, p['date1'] + dt.timedelta(days=fd))
        cell(ws, r, 2, 'Anschlussfraktur %s%s' % (wk(fl), ', Re-Kyphoplastie' if len(p['sessions']) > 1 else ', konservativ (Mieder, Analgesie)'))
        r += 1
wb.close()
write_truth(out, pts, errors, [], per_vertebra_volume=False)
