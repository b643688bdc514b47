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

# ---------------------------------------------------------------- Aizawl writer (HIS "Export to Excel" = HTML)
import html

SEED = 3402
TPS = ('pre', '1w', '1m', '3m', '6m', '12m')
ODI_TPS = ('pre', '3m', '12m')
pats = gen_cohort(SEED, 17, dt.date(2021, 11, 2), TPS, ('pain_vas', 'odi'), cement_types=(None,),
                  kypho_frac=0.2, p_second=0.25)
for p in pats:
    for k in list(p['scores']):
        if k[1] == 'odi' and k[2] not in ODI_TPS:
            del p['scores'][k]
rng = random.Random(SEED + 1)

FIRST_F = ['Lalremruati', 'Zothanpuii', 'Lalhmangaihi', 'Vanlalruati', 'Lalrinpuii', 'Malsawmi', 'Thangmawii',
           'Lalnunmawii', 'Rosangpuii', 'Zonunsangi', 'Lalbiakzuali', 'Sangtei', 'Hmingthansangi', 'Lalthlamuani']
FIRST_M = ['Lalthanzuala', 'Vanlalhruaia', 'Zoramthanga', 'Lalrinawma', 'Thangliana', 'Lalduhawma', 'Rualkhuma']
VENG = ['Chanmari', 'Dawrpui', 'Zarkawt', 'Khatla', 'Bawngkawn', 'Durtlang', 'Ramhlun North', 'Tuikual South',
        'Chaltlang', 'Kulikawn', 'Mission Vengthlang', 'Luangmual']
fi = mi = 0
for p in pats:
    p['reg'] = 'VP/%d/%03d' % (p['first'].year % 100, p['idx'] + 11)
    p['uhid'] = 'ACH%07d' % rng.randint(1000000, 2999999)
    if p['sex'] == 'female':
        p['name'] = FIRST_F[fi % len(FIRST_F)]; fi += 1
    else:
        p['name'] = FIRST_M[mi % len(FIRST_M)]; mi += 1
    p['name'] = ('Pu ' if p['sex'] == 'male' else 'Pi ') + p['name']
    p['mobile'] = '9%d%08d' % (rng.choice([4, 6, 8, 7]), rng.randint(10000000, 99999999))
    p['addr'] = '%s, Aizawl' % rng.choice(VENG)

DIAG = {'osteoporotic': ['Osteoporotic compression # ', 'OVCF ', 'Senile osteoporosis with wedge # '],
        'pathologic': ['Ca breast with spinal mets ', 'Multiple myeloma ', 'Ca lung - vertebral metastasis '],
        'traumatic': ['Traumatic compression # (fall from height) ', 'RTA - compression # '],
        'other': ['Vertebral haemangioma (aggressive) ']}
LEAK = {'none': 'Nil', 'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral',
        'epidural': 'Epidural', 'disc;venous': 'Disc + Venous'}
PROC = {'vertebroplasty': ['PVP', 'Vertebroplasty', 'Percutaneous vertebroplasty'],
        'kyphoplasty': ['Kyphoplasty', 'Balloon kyphoplasty']}


def ind(d):
    return d.strftime('%d/%m/%Y')


def cement_txt(v, bip):
    if not bip:
        return '%s (uni)' % fmt_num(v)
    l = round(v * rng.choice([0.4, 0.45, 0.5, 0.55]), 1)
    r = round(v - l, 1)
    return 'L %s / R %s' % (fmt_num(l), fmt_num(r))


def diag_for(p):
    opts = DIAG[p['etiology']]
    bad = ('prostate', 'предстательной') if p['sex'] == 'female' else ('breast', 'молочной', 'sen)')
    return [o for o in opts if not any(b in o for b in bad)]


errors = []
single = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
E_VAS, E_LEV, E_REG, E_DATE = single[0], single[3], single[6], single[8]

headers = ['Sl. No', 'Regd. No', 'UHID', 'Patient Name', 'Age / Sex', 'Mobile No', 'Address', 'Diagnosis',
           'Procedure Date', 'Op No', 'Procedure', 'Level(s)', 'Cement (ml)', 'Cement leak',
           'VAS Pre-op', 'VAS 1 wk', 'VAS 1 mth', 'VAS 3 mth', 'VAS 6 mth', 'VAS 1 yr',
           'ODI Pre-op (%)', 'ODI 3 mth (%)', 'ODI 1 yr (%)', 'Remarks / Hriatna']
COLS = [chr(ord('A') + i) for i in range(len(headers))]
col = {h: COLS[i] for i, h in enumerate(headers)}
rows = []
identifiers = []
excel_row = 4   # row 1 title, row 2 report info, row 3 header
sl = 0
events = sorted([(s['date'], p, s) for p in pats for s in p['sessions']], key=lambda t: t[0])
for od, p, s in events:
    sl += 1
    age_now = p['age'] + ((od - p['first']).days >= 365 and 1 or 0)
    age_now = od.year - p['birth'].year - ((od.month, od.day) < (p['birth'].month, p['birth'].day))
    identifiers += [('name', p['name']), ('record_number', p['uhid']), ('phone', p['mobile']), ('address', p['addr'])]
    bip = rng.random() < 0.7
    levs = list(s['levels'])
    cem = [cement_txt(v, bip) for v in s['vols']]
    cells = {h: '' for h in headers}
    cells['Sl. No'] = str(sl)
    cells['Regd. No'] = p['reg']
    cells['UHID'] = p['uhid']
    cells['Patient Name'] = p['name']
    cells['Age / Sex'] = '%d Y / %s' % (age_now, 'M' if p['sex'] == 'male' else 'F')
    cells['Mobile No'] = p['mobile']
    cells['Address'] = p['addr']
    cells['Diagnosis'] = rng.choice(diag_for(p)) + '/'.join(levs)
    cells['Procedure Date'] = ind(od)
    cells['Op No'] = '1st' if s['s'] == 1 else '2nd (repeat)'
    cells['Procedure'] = rng.choice(PROC[s['technique']])
    if p is E_LEV:
        levs[0] = 'T13'
        errors.append(['input.xls', col['Level(s)'] + str(excel_row), excel_row, 'Level(s)', 'T13',
                       'impossible level T13 (only 12 thoracic vertebrae); should be %s' % s['levels'][0], p['reg']])
    cells['Level(s)'] = '<br>'.join(levs)
    cells['Cement (ml)'] = '<br>'.join(cem)
    cells['Cement leak'] = '<br>'.join(LEAK[x] for x in s['leak'])
    for tp, h in zip(TPS, headers[14:20]):
        if (s['s'], 'pain_vas', tp) in p['scores']:
            cells[h] = fmt_num(p['scores'][(s['s'], 'pain_vas', tp)])
            if p is E_VAS and tp == '1m':
                cells[h] = '65'
                errors.append(['input.xls', col[h] + str(excel_row), excel_row, h, '65',
                               'VAS 65 outside the 0-10 scale used in this column (typed on 0-100?); should be %s'
                               % fmt_num(p['scores'][(1, 'pain_vas', '1m')]), p['reg']])
        elif tp in s['visit_dates'] and s['visit_dates'][tp] is None:
            cells[h] = rng.choice(['a lo kal lo', 'LFU', 'did not come'])
        elif p['died'] and s is p['sessions'][-1] and tp != 'pre' and not any(cells[x] == 'Thi' for x in headers[14:20]):
            cells[h] = 'Thi'
    for tp, h in zip(ODI_TPS, headers[20:23]):
        if (s['s'], 'odi', tp) in p['scores']:
            cells[h] = fmt_num(p['scores'][(s['s'], 'odi', tp)])
        elif tp in s['visit_dates'] and s['visit_dates'][tp] is None:
            cells[h] = '-'
    rem = []
    if s['s'] == 2:
        rem.append('Repeat procedure, new level')
    frs = [f for f in p['fractures'] if (s is p['sessions'][-1])]
    for fd, lv in frs:
        rem.append('New # %s on X-ray %s' % (lv, ind(p['first'] + dt.timedelta(days=fd))))
    if p['died'] and s is p['sessions'][-1]:
        rem.append(rng.choice(['A thi tawh %s', 'Expired on %s', 'Thi (died) %s']) % ind(p['death_date']))
    if p['etiology'] == 'pathologic':
        rem.append('Onco f/u at Mizoram State Cancer Institute')
    cells['Remarks / Hriatna'] = '<br>'.join(rem)
    if p is E_REG:
        cells['Regd. No'] = ''
        errors.append(['input.xls', col['Regd. No'] + str(excel_row), excel_row, 'Regd. No', '',
                       'study registration number missing (should be %s; UHID %s)' % (p['reg'], p['uhid']), p['reg']])
    if p is E_DATE:
        cells['Procedure Date'] = '29/02/%d' % od.year
        errors.append(['input.xls', col['Procedure Date'] + str(excel_row), excel_row, 'Procedure Date',
                       cells['Procedure Date'], 'impossible date: %d is not a leap year (actual date %s)' % (od.year, ind(od)), p['reg']])
    rows.append(cells)
    excel_row += 1
assert all(p['first'].year != 2024 for p in pats)


def td(v, raw=False):
    if v == '':
        return '<td>&nbsp;</td>'
    return '<td>%s</td>' % (v if raw else html.escape(v).replace('&lt;br&gt;', '<br>'))


out = ['<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">',
       '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
       '<style>td{mso-number-format:"\\@";font-family:Arial;font-size:9pt;} .h{font-weight:bold;background:#C0C0C0;}</style>',
       '</head><body>', '<table border="1" cellspacing="0">',
       '<tr><td colspan="%d" style="font-size:12pt;font-weight:bold">Aizawl Civil Hospital &nbsp;-&nbsp; Department of Orthopaedics &nbsp;:&nbsp; Vertebroplasty / Kyphoplasty Register</td></tr>' % len(headers),
       '<tr><td colspan="%d">Report generated on 06/12/2023 11:42 AM &nbsp; User: ORTHO_REC2 &nbsp; Period: 01/11/2021 to 30/11/2023</td></tr>' % len(headers),
       '<tr>' + ''.join('<td class="h">%s</td>' % html.escape(h) for h in headers) + '</tr>']
for cells in rows:
    out.append('<tr>' + ''.join(td(cells[h]) for h in headers) + '</tr>')
out += ['</table>', '<br>', '<table><tr><td>Total Records : %d</td></tr>' % len(rows),
        '<tr><td>VAS = Visual Analogue Scale 0-10 &nbsp; ODI = Oswestry Disability Index</td></tr></table>',
        '</body></html>']
with open(os.path.join(HERE, 'input.xls'), 'w', encoding='utf-8', newline='\r\n') as f:
    f.write('\n'.join(out) + '\n')
write_truth(pats, lambda p: p['reg'], errors, identifiers, per_vertebra=True)
