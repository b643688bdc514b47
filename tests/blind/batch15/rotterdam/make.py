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

# ---------------------------------------------------------------- Rotterdam
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.comments import Comment

N = 23
IDS = ['VAR-%03d' % (i + 1) for i in range(N)]
TPS = ['24h', '6w', '3m', '12m']
pts = gen_cohort(151, N, IDS, ['vertebroplasty', 'vertebroplasty', 'kyphoplasty'], ['PMMA'], TPS, ['pain_vas'], ['6w', '3m'],
                 start=dt.date(2020, 2, 3), span_days=1100)
rng = np.random.default_rng(1510)
LAST = ['de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot',
        'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits',
        'de Graaf', 'van der Meer', 'Kok', 'Verhoeven']
INIT = 'ABCDEGHJKLMPRSTW'
BRAND = {0: 'Vertecem V+', 1: 'Osteopal V', 2: 'Vertecem V+'}
idents = []
for i, p in enumerate(pts):
    p['name'] = '%s, %s.%s.' % (LAST[i], INIT[int(rng.integers(0, 16))], INIT[int(rng.integers(0, 16))])
    p['zis'] = str(int(rng.integers(1000000, 9999999)))
    by = p['date1'].year - p['age'] - 1
    p['dob'] = dt.date(by, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
    if (p['dob'].replace(year=p['dob'].year + p['age'] + 1) <= p['date1']):
        p['dob'] = p['dob'].replace(year=p['dob'].year + 1)
    p['brand'] = BRAND[int(rng.integers(0, 3))]
    p['tel'] = '06-%08d' % int(rng.integers(10000000, 99999999))
    idents += [('name', p['name']), ('record_number', p['zis']), ('birth_date', p['dob'].strftime('%d-%m-%Y')),
               ('phone', p['tel'])]

NL_LEAK = {'disc': 'discus', 'venous': 'veneus', 'paravertebral': 'paravertebraal', 'epidural': 'epiduraal',
           'foraminal': 'foraminaal'}
ETIO = {'osteoporotic': ['osteoporose', 'OP', 'osteoporose'], 'pathologic': ['metastase', 'M. Kahler', 'mamma-ca meta'],
        'traumatic': ['trauma', 'val van trap']}


def nl_level(lv):
    return ('Th' + lv[1:]) if lv.startswith('T') else lv


def nl_vol(v):
    s = ('%.1f' % v).replace('.', ',')
    return s[:-2] if s.endswith(',0') else s


def leak_txt(s):
    bad = [(l['level'], l['leak']) for l in s['levels'] if l['leak'] != 'none']
    if not bad:
        return 'geen'
    return '; '.join('%s %s' % (nl_level(lv), ' + '.join(NL_LEAK[x] for x in lk.split(';'))) for lv, lk in bad)


wb = Workbook()
ws = wb.active
ws.title = 'PVP-BKP register'
thin = Side(style='thin', color='999999')
ws['A1'] = 'Register percutane vertebroplastiek / ballon-kyfoplastiek — Maasoever Ziekenhuis, afd. Radiologie & Orthopedie'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'VAS = pijnscore 0-10 (NRS). Leeg of "ng" = niet gezien / niet gebeld.  Grijze rij = patiënt overleden.  Invullen: ANIOS/poli-verpleegkundige.'
ws['A2'].font = Font(italic=True, size=9)
groups = [('Patiënt', 1, 8), ('1e ingreep', 9, 14), ('VAS na 1e ingreep', 15, 19), ('Beloop', 20, 21),
          ('2e ingreep', 22, 28), ('', 29, 29)]
subs = ['Studienr', 'Naam', 'ZIS-nr', 'Geb. datum', 'Tel.', 'M/V', 'Leeftijd', 'Oorzaak',
        'Datum', 'Niveau(s)', 'Techniek', 'Cement (ml)', 'Cement merk', 'Lekkage',
        'voor', '1e dag', '6 wkn', '3 mnd', '12 mnd',
        'Nieuwe fractuur', 'Overleden',
        'Datum', 'Niveau', 'Techniek', 'Cement (ml)', 'Lekkage', 'VAS voor', 'VAS 6 wkn / 3 mnd',
        'Opmerkingen']
HR1, HR2 = 4, 5
fill_h = PatternFill('solid', fgColor='DDEBF7')
for title, c0, c1 in groups:
    ws.cell(HR1, c0, title).font = Font(bold=True)
    ws.cell(HR1, c0).alignment = Alignment(horizontal='center')
    ws.cell(HR1, c0).fill = fill_h
    if c1 > c0:
        ws.merge_cells(start_row=HR1, start_column=c0, end_row=HR1, end_column=c1)
for j, s in enumerate(subs, 1):
    c = ws.cell(HR2, j, s)
    c.font = Font(bold=True)
    c.fill = fill_h
    c.alignment = Alignment(wrap_text=True, vertical='top')
    c.border = Border(bottom=thin)
COL = {s: j for j, s in enumerate(subs, 1) if j < 22}
COL.update({'D2': 22, 'N2': 23, 'T2': 24, 'C2': 25, 'L2': 26, 'VASpre2': 27, 'VASfu2': 28, 'Opm': 29})
ws.cell(HR2, 28).comment = Comment('6 wkn na 2e ingreep; indien niet gezien de 3 mnd-score met "(3 mnd)" erachter', 'poli')

grey = PatternFill('solid', fgColor='D9D9D9')
TECH = {'vertebroplasty': 'PVP', 'kyphoplasty': 'BKP'}
errors = []
cellref = {}
r = HR2 + 1
for i, p in enumerate(pts):
    s1 = p['sessions'][0]
    a = p['assess']
    vals = {
        1: p['id'], 2: p['name'], 3: p['zis'], 4: p['dob'].strftime('%d-%m-%Y'), 5: p['tel'],
        6: 'V' if p['sex'] == 'female' else 'M', 7: p['age'],
        8: ETIO[p['etiology']][int(rng.integers(0, len(ETIO[p['etiology']])))],
        9: s1['date'], 10: ', '.join(nl_level(l['level']) for l in s1['levels']), 11: TECH[s1['technique']],
        13: p['brand'], 14: leak_txt(s1),
    }
    tot = round(sum(l['vol'] for l in s1['levels']), 1)
    vals[12] = tot if rng.random() < 0.7 else nl_vol(tot)
    for j, t in zip(range(15, 20), ['pre'] + TPS):
        v = a.get((1, 'pain_vas', t))
        if v is None:
            due = TP_DAYS.get(t, 0)
            alive = p['death_day'] is None or due < p['death_day']
            before2 = len(p['sessions']) == 1 or due < p['sessions'][1]['day']
            vals[j] = 'ng' if (alive and before2 and rng.random() < 0.6) else None
        else:
            vals[j] = v
    if p['fractures']:
        d, lv = p['fractures'][0]
        vals[20] = 'ja: %s (%s)' % (nl_level(lv), (p['date1'] + dt.timedelta(days=d)).strftime('%d-%m-%Y'))
    else:
        vals[20] = 'nee'
    vals[21] = 'ja' if p['died'] == 'yes' else 'nee'
    if p['died'] == 'yes':
        vals[29] = '† %s' % (p['date1'] + dt.timedelta(days=p['death_day'])).strftime('%d-%m-%Y')
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        vals[22] = s2['date']
        vals[23] = ', '.join(nl_level(l['level']) for l in s2['levels'])
        vals[24] = TECH[s2['technique']]
        vals[25] = nl_vol(sum(l['vol'] for l in s2['levels']))
        vals[26] = leak_txt(s2)
        vals[27] = a.get((2, 'pain_vas', 'pre'))
        if (2, 'pain_vas', '6w') in a:
            vals[28] = a[(2, 'pain_vas', '6w')]
        elif (2, 'pain_vas', '3m') in a:
            vals[28] = '%s (3 mnd)' % a[(2, 'pain_vas', '3m')]
        vals[29] = ((vals.get(29) or '') + ' 2e ingreep zelfde cement').strip()
    for j, v in vals.items():
        if v is None:
            continue
        c = ws.cell(r, j, v)
        if isinstance(v, dt.date):
            c.number_format = 'DD-MM-YYYY'
        if p['died'] == 'yes':
            c.fill = grey
    cellref[p['id']] = r
    r += 1
    if i % 8 == 7:
        r += 1  # blank spacer row between blocks of 8 (one per poli-dag sheet print)

# ---- planted errors
def plant(pid, col, val, why):
    row = cellref[pid]
    ws.cell(row, col).value = val
    errors.append([ws.title, '%s%d' % (col_letter(col), row), row, subs[col - 1], val, why, pid])

p_ok = [p for p in pts if len(p['sessions']) == 1]
plant(p_ok[2]['id'], 10, 'L6' if p_ok[2]['sessions'][0]['levels'][0]['level'].startswith('L') else 'Th13',
      'impossible vertebral level', )
q = [p for p in p_ok if (1, 'pain_vas', '6w') in p['assess']][6]
plant(q['id'], 17, 65, 'pain 65 on a 0-10 scale')
q = p_ok[11]
bad = '31-06-%d' % q['date1'].year
plant(q['id'], 9, bad, 'impossible date (31 June)')
q = [p for p in p_ok if len(p['sessions'][0]['levels']) == 1][9]
plant(q['id'], 12, 38, '38 mL of cement in one vertebra')
q = p_ok[15]
plant(q['id'], 7, 8, 'age 8 for an adult vertebroplasty patient (birth date says otherwise)')

widths = [10, 18, 10, 11, 12, 5, 8, 14, 11, 12, 8, 10, 12, 22, 6, 6, 6, 6, 6, 22, 9, 11, 8, 8, 10, 14, 8, 14, 28]
for j, wdt in enumerate(widths, 1):
    ws.column_dimensions[col_letter(j)].width = wdt
ws.freeze_panes = 'C6'

out = sys.argv[1] if len(sys.argv) > 1 else '.'
os.makedirs(out, exist_ok=True)
wb.save(os.path.join(out, 'input.xlsx'))
for p in pts:  # the sheet keeps one post-2nd-session score: 6 wkn, or 3 mnd when 6 wkn missed
    if (2, 'pain_vas', '6w') in p['assess']:
        p['assess'].pop((2, 'pain_vas', '3m'), None)
write_truth(out, pts, errors, idents, per_vertebra_volume=False)
