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

# ---------------------------------------------------------------- Poznan
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side

N = 22
IDS = ['POZ/%02d' % (i + 1) for i in range(N)]
TPS = ['24h', '1m', '3m', '6m']
pts = gen_cohort(152, N, IDS, ['vertebroplasty', 'vertebroplasty', 'kyphoplasty'], ['PMMA', 'PMMA', 'PMMA', 'calcium phosphate'],
                 TPS, ['pain_vas', 'odi'], ['24h', '1m'], start=dt.date(2019, 9, 2), span_days=1200)
rng = np.random.default_rng(1520)
# ODI only pre and 3 months in this unit
for p in pts:
    for k in list(p['assess']):
        if k[1] == 'odi' and k[2] not in ('pre', '3m'):
            del p['assess'][k]
        if k[1] == 'odi' and k[0] == 2:
            p['assess'].pop(k, None)

PL_LEAK = {'disc': 'do krążka', 'venous': 'żylny', 'paravertebral': 'przykręgowy', 'epidural': 'do kanału (nadtwardówkowo)',
           'foraminal': 'otworowy'}
ETIO = {'osteoporotic': ['osteoporoza', 'osteoporoza', 'OP'], 'pathologic': ['przerzut ca piersi', 'szpiczak mnogi', 'meta ca nerki'],
        'traumatic': ['uraz (upadek)', 'uraz komunikacyjny']}
CEM = {'PMMA': ['PMMA Osteopal V', 'PMMA', 'Vertecem'], 'calcium phosphate': ['fosforanowo-wapniowy (KyphOs FS)']}
TECH = {'vertebroplasty': 'PV', 'kyphoplasty': 'KP'}


def pl_level(lv):
    return ('Th' + lv[1:]) if lv.startswith('T') else lv


def pl_num(v):
    s = ('%.1f' % v).replace('.', ',')
    return s[:-2] if s.endswith(',0') else s


def pl_leak(lk):
    if lk == 'none':
        return 'brak'
    return ' + '.join(PL_LEAK[x] for x in lk.split(';'))


wb = Workbook()
ws = wb.active
ws.title = 'Zabiegi PV-KP'
thin = Side(style='thin', color='808080')
ws['A1'] = 'Klinika Ortopedii i Traumatologii — rejestr zabiegów przezskórnej augmentacji trzonów kręgów (wertebroplastyka PV / kyfoplastyka KP)'
ws['A1'].font = Font(bold=True, size=12)
ws['A2'] = 'Jeden wiersz = jeden kręg. VAS 0-10, ODI w %. b.d. = brak danych, n/z = pacjent nie zgłosił się na kontrolę.'
ws['A2'].font = Font(italic=True, size=9)
H1, H2 = 4, 5
top = [('Pacjent', 1, 6), ('Zabieg', 7, 13), ('VAS (0-10)', 14, 18), ('ODI [%]', 19, 20), ('Obserwacja', 21, 23)]
subs = ['Lp.', 'Nr badania', 'Płeć', 'Wiek', 'Rozpoznanie', 'Zgon',
        'Zabieg nr', 'Data zabiegu', 'Poziom', 'Metoda', 'Cement [ml]', 'Rodzaj cementu', 'Wyciek',
        'przed', 'po 24 h', '1 mies.', '3 mies.', '6 mies.',
        'przed', '3 mies.',
        'Nowe złamanie', 'Data nowego złamania', 'Uwagi']
hfill = PatternFill('solid', fgColor='FFF2CC')
for t, c0, c1 in top:
    ws.cell(H1, c0, t).font = Font(bold=True)
    ws.cell(H1, c0).alignment = Alignment(horizontal='center')
    ws.merge_cells(start_row=H1, start_column=c0, end_row=H1, end_column=c1)
for j, s in enumerate(subs, 1):
    c = ws.cell(H2, j, s)
    c.font = Font(bold=True)
    c.fill = hfill
    c.alignment = Alignment(wrap_text=True, horizontal='center')
    c.border = Border(bottom=thin, top=thin)
for t, c0, c1 in top:
    ws.cell(H1, c0).fill = hfill

errors = []
first_row = {}
sess_row = {}
r = H2 + 1
lp = 1
for p in pts:
    p_rows = sum(len(s['levels']) for s in p['sessions'])
    r0 = r
    first_row[p['id']] = r0
    pv = {2: p['id'], 3: 'K' if p['sex'] == 'female' else 'M', 4: p['age'],
          5: ETIO[p['etiology']][int(rng.integers(0, len(ETIO[p['etiology']])))], 6: 'tak' if p['died'] == 'yes' else 'nie'}
    if p['fractures']:
        d, lv = p['fractures'][0]
        pv[21] = pl_level(lv)
        pv[22] = p['date1'] + dt.timedelta(days=d)
    else:
        pv[21] = 'nie'
    notes = []
    if p['died'] == 'yes':
        notes.append('zgon %s r.' % (p['date1'] + dt.timedelta(days=p['death_day'])).strftime('%d.%m.%Y'))
    if len(p['sessions']) > 1:
        notes.append('II zabieg z powodu nowego złamania')
    if notes:
        pv[23] = '; '.join(notes)
    for s in p['sessions']:
        rs = r
        sess_row[(p['id'], s['session'])] = rs
        sv = {7: 'I' if s['session'] == 1 else 'II', 10: TECH[s['technique']],
              12: CEM[s['cement_type']][int(rng.integers(0, len(CEM[s['cement_type']])))]}
        # date: cell date normally, sometimes typed text with "r."
        sv[8] = s['date'] if rng.random() < 0.75 else s['date'].strftime('%d.%m.%Y') + ' r.'
        tps = ['pre'] + (TPS if s['session'] == 1 else ['24h', '1m'])
        cols = {'pre': 14, '24h': 15, '1m': 16, '3m': 17, '6m': 18}
        for t in tps:
            v = p['assess'].get((s['session'], 'pain_vas', t))
            if v is not None:
                sv[cols[t]] = v
            else:
                due = s['day'] + TP_DAYS.get(t, 0)
                if p['death_day'] is not None and due >= p['death_day']:
                    sv[cols[t]] = '†'
                elif s['session'] == 1 and len(p['sessions']) > 1 and due >= p['sessions'][1]['day']:
                    sv[cols[t]] = 'patrz II'
                else:
                    sv[cols[t]] = 'n/z'
        if s['session'] == 1:
            for t, cc in (('pre', 19), ('3m', 20)):
                v = p['assess'].get((1, 'odi', t))
                sv[cc] = v if v is not None else 'b.d.'
        nl = len(s['levels'])
        for l in s['levels']:
            ws.cell(r, 1, lp); lp += 1
            ws.cell(r, 9, pl_level(l['level']))
            ws.cell(r, 11, l['vol'] if rng.random() < 0.6 else pl_num(l['vol']))
            ws.cell(r, 13, pl_leak(l['leak']))
            r += 1
        for j, v in sv.items():
            c = ws.cell(rs, j, v)
            if isinstance(v, dt.date):
                c.number_format = 'DD.MM.YYYY'
            if nl > 1:
                ws.merge_cells(start_row=rs, start_column=j, end_row=rs + nl - 1, end_column=j)
                c.alignment = Alignment(vertical='center')
    for j, v in pv.items():
        c = ws.cell(r0, j, v)
        if isinstance(v, dt.date):
            c.number_format = 'DD.MM.YYYY'
        if p_rows > 1:
            ws.merge_cells(start_row=r0, start_column=j, end_row=r0 + p_rows - 1, end_column=j)
            c.alignment = Alignment(vertical='center')
    for rr in range(r0, r):
        for j in range(1, 24):
            ws.cell(rr, j).border = Border(top=thin if rr == r0 else None, bottom=thin if rr == r - 1 else None)


def plant(pid, row, col, val, why):
    ws.cell(row, col).value = val
    errors.append([ws.title, '%s%d' % (col_letter(col), row), row, subs[col - 1], val, why, pid])


single = [p for p in pts if len(p['sessions']) == 1]
q = single[1]; plant(q['id'], first_row[q['id']], 9, 'Th13', 'impossible vertebral level')
q = [p for p in single if len(p['sessions'][0]['levels']) == 1][5]
plant(q['id'], first_row[q['id']], 11, 45, '45 mL of cement in one vertebra')
q = single[9]; plant(q['id'], first_row[q['id']], 14, 14, 'pain 14 on a 0-10 scale')
q = single[13]; plant(q['id'], first_row[q['id']], 4, 210, 'age 210')
q = single[16]
plant(q['id'], first_row[q['id']], 8, '30.02.%d r.' % q['date1'].year, 'impossible date (30 February)')

for j, wdt in enumerate([5, 10, 5, 5, 18, 6, 7, 12, 7, 7, 8, 20, 16, 6, 6, 6, 6, 6, 6, 6, 9, 12, 30], 1):
    ws.column_dimensions[col_letter(j)].width = wdt
ws.freeze_panes = 'C6'

# second sheet: legend
lg = wb.create_sheet('Legenda')
for i, (a, b) in enumerate([('PV', 'wertebroplastyka przezskórna'), ('KP', 'kyfoplastyka balonowa'),
                            ('Th / L', 'kręg piersiowy / lędźwiowy'), ('b.d.', 'brak danych'),
                            ('n/z', 'nie zgłosił się'), ('†', 'pacjent zmarł przed terminem kontroli'),
                            ('patrz II', 'kolejne kontrole liczone od II zabiegu')], 1):
    lg.cell(i, 1, a); lg.cell(i, 2, b)

out = sys.argv[1] if len(sys.argv) > 1 else '.'
os.makedirs(out, exist_ok=True)
wb.save(os.path.join(out, 'input.xlsx'))
write_truth(out, pts, errors, [], per_vertebra_volume=True)
