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

# ---------------------------------------------------------------- Victoria writer (database CSV export)
SEED = 3414
TPS = ('pre', '24h', '6w', '3m', '12m')
pats = gen_cohort(SEED, 16, dt.date(2021, 9, 1), TPS, ('pain_vas', 'odi'),
                  cement_types=('PMMA', 'PMMA', 'PMMA', 'PMMA', ''), kypho_frac=0.3, p_second=0.25)
for p in pats:   # ODI only pre, 6w, 12m
    for k in list(p['scores']):
        if k[1] == 'odi' and k[2] not in ('pre', '6w', '12m'):
            del p['scores'][k]
rng = random.Random(SEED + 1)
NAMES_F = ['Marie-Thérèse Hoareau', 'Françoise Pillay', 'Rose Lablache', 'Anne-Marie Labiche', 'Lucie Bibi',
           'Georgette Savy', 'Odile Esparon', 'Yvette Dubignon', 'Jeanne Confait', 'Thérèse Vidot',
           'Marguerite Nourrice', 'Antoinette Adrienne', 'Clothilde Larue']
NAMES_M = ['Jean-Paul Payet', 'Bernard Ernesta', 'Marcel Laporte', 'Flavien Morel', 'Roland Mancienne']
fi = mi = 0
for p in pats:
    p['id'] = 'SVP%03d' % (p['idx'] + 1)
    if p['sex'] == 'female':
        p['name'] = NAMES_F[fi]; fi += 1
    else:
        p['name'] = NAMES_M[mi]; mi += 1
    p['nin'] = '%03d-%04d-%d-%d-%02d' % (p['birth'].year % 1000, rng.randint(1000, 9999), rng.randint(0, 9), rng.randint(0, 9), rng.randint(10, 99))
    p['tel'] = '2%d%05d' % (rng.choice([5, 7, 8]), rng.randint(10000, 99999))

DIAG = {'osteoporotic': ['Osteoporoz', 'Ostéoporose fracture tassement', 'osteoporotic wedge fracture'],
        'pathologic': ['Metastaz (kanser sen)', 'Myélome multiple', 'metastasis prostate ca'],
        'traumatic': ['Aksidan (tonm lo pye dibwa)', 'trauma - RTA'],
        'other': ['Hémangiome vertébral']}
KOTE = {'disc': 'disk', 'venous': 'venn', 'paravertebral': 'paraverteb', 'epidural': 'epidiral', 'disc;venous': 'disk+venn'}


def serial(d):
    return (d - dt.date(1899, 12, 30)).days


def lv(L):
    return L


def diag_for(p):
    opts = DIAG[p['etiology']]
    bad = ('prostate', 'предстательной') if p['sex'] == 'female' else ('breast', 'молочной', 'sen)')
    return [o for o in opts if not any(b in o for b in bad)]


errors = []
single = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
E_VOL, E_ID = single[1], single[6]
E_VAS = [p for p in single[3:] if (1, 'pain_vas', '24h') in p['scores'] and p['sessions'][0]['levels'] and p is not E_ID][0]
E_VOL = [p for p in single if len(p['sessions'][0]['levels']) == 1 and p not in (E_VAS, E_ID)][0]
E_FR = [p for p in pats if p['fractures'] and p not in (E_VOL, E_VAS, E_ID)][0]

hdr = ['ID', 'Non', 'NIN', 'DatNesans', 'Telefonn', 'Sex', 'Laz', 'Diagnostic', 'Mor', 'DatMor']
OPC = ['Dat', 'Nivo', 'Kypho', 'VolimTotal_ml', 'Siman', 'Lekaz', 'LekazKote', 'VAS_Avan', 'VAS_24h',
       'VAS_6sem', 'VAS_3mwa', 'VAS_12mwa', 'ODI_Avan', 'ODI_6sem', 'ODI_12mwa']
OPTP = {'VAS_Avan': ('pain_vas', 'pre'), 'VAS_24h': ('pain_vas', '24h'), 'VAS_6sem': ('pain_vas', '6w'),
        'VAS_3mwa': ('pain_vas', '3m'), 'VAS_12mwa': ('pain_vas', '12m'), 'ODI_Avan': ('odi', 'pre'),
        'ODI_6sem': ('odi', '6w'), 'ODI_12mwa': ('odi', '12m')}
hdr += ['Op1_' + c for c in OPC] + ['Op2_' + c for c in OPC] + ['NouvoFraktir', 'NouvoFraktir_Nivo', 'NouvoFraktir_Dat', 'Komanter']


def colletter(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


CL = {h: colletter(i) for i, h in enumerate(hdr)}
lines = []
identifiers = []
for n, p in enumerate(pats):
    row = n + 2   # header line = row 1
    d = {h: '' for h in hdr}
    identifiers += [('name', p['name']), ('national_id', p['nin']), ('birth_date', str(serial(p['birth']))),
                    ('birth_date', p['birth'].isoformat()), ('phone', p['tel'])]
    d['ID'] = p['id']; d['Non'] = p['name']; d['NIN'] = p['nin']; d['DatNesans'] = serial(p['birth'])
    d['Telefonn'] = p['tel']; d['Sex'] = 'M' if p['sex'] == 'male' else 'F'; d['Laz'] = p['age']
    d['Diagnostic'] = rng.choice(diag_for(p))
    d['Mor'] = 1 if p['died'] else 0
    d['DatMor'] = serial(p['death_date']) if p['died'] else ''
    for s in p['sessions']:
        pre = 'Op%d_' % s['s']
        d[pre + 'Dat'] = serial(s['date'])
        d[pre + 'Nivo'] = ';'.join(s['levels'])
        d[pre + 'Kypho'] = 1 if s['technique'] == 'kyphoplasty' else 0
        d[pre + 'VolimTotal_ml'] = fmt_num(round(sum(s['vols']), 1))
        d[pre + 'Siman'] = s['cement']
        leaks = [(L, k) for L, k in zip(s['levels'], s['leak']) if k != 'none']
        d[pre + 'Lekaz'] = 1 if leaks else 0
        d[pre + 'LekazKote'] = ' '.join('%s:%s' % (L, KOTE[k]) for L, k in leaks)
        for c, (m, tp) in OPTP.items():
            if (s['s'], m, tp) in p['scores']:
                d[pre + c] = fmt_num(p['scores'][(s['s'], m, tp)])
        if p is E_VOL:
            v = fmt_num(round(sum(s['vols']), 1) * 10)
            d[pre + 'VolimTotal_ml'] = v
            errors.append(['input.csv', CL[pre + 'VolimTotal_ml'] + str(row), row, pre + 'VolimTotal_ml', v,
                           'cement %s mL for a single vertebra (%s) is impossible, decimal point lost; should be %s'
                           % (v, s['levels'][0], fmt_num(round(sum(s['vols']), 1))), p['id']])
        if p is E_VAS:
            d[pre + 'VAS_24h'] = '15'
            errors.append(['input.csv', CL[pre + 'VAS_24h'] + str(row), row, pre + 'VAS_24h', '15',
                           'VAS 15 outside the 0-10 scale; should be %s' % fmt_num(p['scores'][(1, 'pain_vas', '24h')]), p['id']])
    if p['fractures']:
        fd, flv = p['fractures'][0]
        d['NouvoFraktir'] = 1; d['NouvoFraktir_Nivo'] = flv
        d['NouvoFraktir_Dat'] = serial(p['first'] + dt.timedelta(days=fd))
        if p is E_FR:
            wrong = serial(p['first'] + dt.timedelta(days=fd)) - 365
            d['NouvoFraktir_Dat'] = wrong
            errors.append(['input.csv', CL['NouvoFraktir_Dat'] + str(row), row, 'NouvoFraktir_Dat', str(wrong),
                           'new fracture dated %s, before the first operation (%s); year typed wrong, should be %s'
                           % ((dt.date(1899, 12, 30) + dt.timedelta(days=wrong)).isoformat(), p['first'].isoformat(),
                              (p['first'] + dt.timedelta(days=fd)).isoformat()), p['id']])
    else:
        d['NouvoFraktir'] = 0
    kom = []
    if p['died']:
        kom.append(rng.choice(['Decede', "li'n mor", 'died at home']))
    if len(p['sessions']) == 2:
        kom.append('2yem operasyon')
    if any(v is None for s in p['sessions'] for v in s['visit_dates'].values()):
        kom.append(rng.choice(["pa'n vini pou en vizit", 'missed a visit', 'pa vini']))
    d['Komanter'] = '; '.join(kom)
    if p is E_ID:
        d['ID'] = ''
        errors.append(['input.csv', 'A%d' % row, row, 'ID', '', 'study ID missing (should be %s)' % p['id'], p['id']])
    lines.append(d)


def q(v):
    v = str(v)
    if any(ch in v for ch in ',";\n') or "'" in v:
        return '"' + v.replace('"', '""') + '"'
    return v


with open(os.path.join(HERE, 'input.csv'), 'w', encoding='cp1252', newline='') as f:
    f.write('Seychelles Hospital - Orthopaedic & Trauma Unit\r\n')
    f.write('Database: VertebroDB.accdb ; Table: tblPasyan ; Query: qryExportAll\r\n')
    f.write('Exported: 04/12/2023 15:12 ; User: ortho2\r\n')
    f.write('\r\n')
    f.write(','.join(hdr) + '\r\n')
    for d in lines:
        f.write(','.join(q(d[h]) for h in hdr) + '\r\n')
    f.write('%d records\r\n' % len(lines))
write_truth(pats, lambda p: p['id'], errors, identifiers, per_vertebra=False)
