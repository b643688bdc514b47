#!/usr/bin/env python3
"""Bahir Dar (Ethiopia) - registry exported by Excel as "Unicode Text":
UTF-16 LE with BOM, tab-separated, CRLF.  One row per operation.
Amharic (Ge'ez script) + English; procedure/death/fracture dates in the Ethiopian
calendar (E.C.), last follow-up date in the Gregorian calendar (G.C.).
Run:  /work/blindenv/bin/python make.py
"""
import csv
import datetime as dt
import io
import os
import random

SEED = 25003
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(SEED)
D = dt.date
CUTOFF = D(2023, 7, 7)          # 30/10/2015 E.C.

# --------------------------------------------------------------------------
# Ethiopian calendar (Amete Mihret); R.D. fixed dates = date.toordinal()
ETH_EPOCH = 2796


def eth_to_fixed(y, m, d):
    return ETH_EPOCH - 1 + 365 * (y - 1) + y // 4 + 30 * (m - 1) + d


def g2e(g):
    f = g.toordinal()
    y = (4 * (f - ETH_EPOCH) + 1463) // 1461
    m = (f - eth_to_fixed(y, 1, 1)) // 30 + 1
    d = f + 1 - eth_to_fixed(y, m, 1)
    return y, m, d


assert g2e(D(2021, 9, 11)) == (2014, 1, 1)
assert g2e(D(2023, 9, 12)) == (2016, 1, 1)
assert g2e(D(2022, 1, 7)) == (2014, 4, 29)      # Genna (Ethiopian Christmas) 29 Tahsas


def ec(g, suffix=True):
    y, m, d = g2e(g)
    return '%02d/%02d/%d%s' % (d, m, y, ' E.C.' if suffix else '')


def gc(g):
    return g.strftime('%d/%m/%Y')


# --------------------------------------------------------------------------
SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = {'T7': 2, 'T8': 3, 'T9': 3, 'T10': 5, 'T11': 9, 'T12': 14, 'L1': 14, 'L2': 10,
           'L3': 6, 'L4': 4, 'L5': 2}
TPS = ['pre', '24h', '1w', '6w', '3m', '6m', '12m']
TP_DAY = {'pre': 0, '24h': 1, '1w': 7, '6w': 42, '3m': 91, '6m': 182, '12m': 365}
ODI_TPS = ['pre', '6w', '6m', '12m']

FEM = [('ትዕግስት', 'Tigist'), ('መሰረት', 'Meseret'), ('አለምነሽ', 'Alemnesh'),
       ('ይሻሽወርቅ', 'Yeshashwork'), ('በላይነሽ', 'Belaynesh'), ('ወርቅነሽ', 'Worknesh'),
       ('ባንቺአየሁ', 'Banchiayehu'), ('ፀሐይ', 'Tsehay'), ('አስናቀች', 'Asnakech'),
       ('የሺ', 'Yeshi'), ('ዘነበች', 'Zenebech'), ('ብርቱካን', 'Birtukan'),
       ('እታፈራሁ', 'Etaferahu'), ('ሙሉ', 'Mulu'), ('አልማዝ', 'Almaz'), ('ፋንቱ', 'Fantu')]
MAL = [('አበበ', 'Abebe'), ('ጌታቸው', 'Getachew'), ('ሙሉጌታ', 'Mulugeta'), ('ደሳለኝ', 'Desalegn'),
       ('ማሞ', 'Mamo'), ('ሞላ', 'Molla'), ('ካሳሁን', 'Kassahun'), ('ዘውዱ', 'Zewdu'),
       ('ይርጋ', 'Yirga'), ('ተስፋዬ', 'Tesfaye'), ('ታደሰ', 'Tadesse'), ('አዳነ', 'Adane'),
       ('ሲሳይ', 'Sisay'), ('ጥላሁን', 'Tilahun'), ('መኮንን', 'Mekonnen')]
FATHER = MAL + [('አያሌው', 'Ayalew'), ('ገብሩ', 'Gebru'), ('ፈንታ', 'Fenta'), ('አሰፋ', 'Assefa'),
                ('ደምሴ', 'Demissie'), ('ወልዴ', 'Wolde'), ('ከበደ', 'Kebede'), ('በላይ', 'Belay'),
                ('ዓለሙ', 'Alemu'), ('ተሰማ', 'Tessema')]

LEAK_TXT = {'none': ['No', 'No', 'None', 'የለም', 'nil'],
            'disc': ['Disc', 'Intradiscal', 'Disc (minor)'],
            'venous': ['Venous', 'Paravertebral vein'],
            'paravertebral': ['Paravertebral soft tissue', 'Paravertebral'],
            'epidural': ['Epidural'],
            'foraminal': ['Foraminal']}


def pick_level(exclude):
    c = [lv for lv in LEVEL_W if lv not in exclude]
    return rng.choices(c, weights=[LEVEL_W[lv] for lv in c])[0]


def neighbour(lv, exclude):
    i = SPINE.index(lv)
    c = [SPINE[j] for j in (i - 1, i + 1) if 0 <= j < len(SPINE)
         and SPINE[j] in LEVEL_W and SPINE[j] not in exclude]
    return rng.choice(c) if c else pick_level(exclude)


def cement_for(lv):
    if lv in ('T7', 'T8', 'T9', 'T10'):
        return rng.choice([2.0, 2.5, 2.5, 3.0, 3.5])
    return rng.choice([2.5, 3.0, 3.5, 4.0, 4.0, 4.5, 5.0, 5.5])


def leak():
    r = rng.random()
    if r < 0.68:
        return ['none']
    if r < 0.82:
        return ['disc']
    if r < 0.90:
        return ['venous']
    if r < 0.95:
        return ['paravertebral']
    if r < 0.97:
        return ['disc', 'venous']
    return [rng.choice(['epidural', 'foraminal'])]


def trajectories():
    pre = rng.choice([6, 7, 7, 8, 8, 9, 9, 10, 10])
    pain = {'pre': pre}
    cur = pre
    for tp, drop in (('24h', (2, 3, 3, 4, 5)), ('1w', (0, 1, 1)), ('6w', (0, 1, 1, 2)),
                     ('3m', (0, 0, 1, 1)), ('6m', (0, 0, 1)), ('12m', (-1, 0, 0, 1))):
        cur = max(0, min(10, cur - rng.choice(drop)))
        pain[tp] = cur
    o = rng.randrange(42, 90, 2)
    odi = {'pre': o}
    for tp, drop in (('6w', (14, 18, 22, 26)), ('6m', (2, 4, 6, 10)), ('12m', (-4, 0, 2, 4))):
        o = max(6, o - rng.choice(drop))
        odi[tp] = o
    return pain, odi


N = 19
sexes = ['F'] * 12 + ['M'] * 7
rng.shuffle(sexes)
etios = ['osteoporotic'] * 11 + ['pathologic'] * 4 + ['traumatic'] * 4
rng.shuffle(etios)
second_idx = set(rng.sample(range(N), 2))
dead_idx = set(rng.sample([i for i in range(N) if i not in second_idx], 3))
extra_frac_idx = set(rng.sample([i for i in range(N) if i not in dead_idx and i not in second_idx], 2))

patients = []
used = set()
for i in range(N):
    sex, etio = sexes[i], etios[i]
    age = rng.randint(56, 84) if etio == 'osteoporotic' else (
        rng.randint(42, 72) if etio == 'pathologic' else rng.randint(25, 60))
    while True:
        g = rng.choice(FEM if sex == 'F' else MAL)
        f = rng.choice(FATHER)
        if g[0] != f[0] and (g, f) not in used:
            used.add((g, f))
            break
    d0 = D(2021, 9, 20) + dt.timedelta(days=rng.randint(0, 380 if i in second_idx else 560))
    p = dict(pid='BD-VP-%02d' % (i + 1), sex=sex, age=age, etio=etio, name_am='%s %s' % (g[0], f[0]),
             name_en='%s %s' % (g[1], f[1]), d0=d0, mrn='%06d' % rng.randint(10000, 399999),
             phone='09%d%07d' % (rng.choice([1, 1, 1, 2, 3]), rng.randint(0, 9999999)),
             sessions=[], fractures=[], death_day=None, age_approx=rng.random() < 0.2)
    lv1 = pick_level(set())
    levels = [lv1]
    if rng.random() < 0.28:
        levels.append(neighbour(lv1, set(levels)))
        levels.sort(key=SPINE.index)
    tech = 'kyphoplasty' if rng.random() < 0.1 else 'vertebroplasty'
    p['sessions'].append(dict(day=0, levels=levels, tech=tech))
    if i in second_idx:
        fday = rng.randint(100, 280)
        newlv = neighbour(rng.choice(levels), set(levels))
        p['fractures'].append((fday, newlv))
        p['sessions'].append(dict(day=fday + rng.randint(7, 30), levels=[newlv], tech='vertebroplasty'))
    if i in extra_frac_idx:
        fday = rng.randint(80, 330)
        if d0 + dt.timedelta(days=fday) < CUTOFF - dt.timedelta(days=20):
            p['fractures'].append((fday, neighbour(levels[-1], set(levels))))
    if i in dead_idx:
        p['death_day'] = min(rng.randint(30, 330), (CUTOFF - d0).days - 20)
    for s in p['sessions']:
        s['date'] = d0 + dt.timedelta(days=s['day'])
        s['cement'] = {lv: cement_for(lv) for lv in s['levels']}
        s['leak'] = {lv: leak() for lv in s['levels']}
        s['pain'], s['odi'] = trajectories()
    assert all(s['date'] < CUTOFF for s in p['sessions'])
    patients.append(p)

for p in patients:
    for k, s in enumerate(p['sessions']):
        nxt = p['sessions'][k + 1]['day'] if k + 1 < len(p['sessions']) else None
        s['visit'] = {}
        for tp in TPS:
            vday = s['day'] + TP_DAY[tp] + (0 if tp in ('pre', '24h') else rng.randint(-2, 8))
            vdate = p['d0'] + dt.timedelta(days=vday)
            if tp in ('pre', '24h'):
                st = 'ok'
            elif p['death_day'] is not None and vday >= p['death_day']:
                st = 'dead'
            elif nxt is not None and vday >= nxt:
                st = 'next'
            elif vdate > CUTOFF:
                st = 'notdue'
            elif tp == '1w' and rng.random() < 0.15:
                st = 'missed'
            elif rng.random() < 0.12:
                st = 'missed'
            else:
                st = 'ok'
            s['visit'][tp] = (st, vday, vdate)

# --------------------------------------------------------------------------
HEAD = ['S.No', 'Study ID', 'Patient name / የታካሚ ስም', 'MRN', 'Phone / ስልክ', 'Sex / ጾታ',
        'Age / ዕድሜ', 'Diagnosis / ምርመራ', 'Date of procedure (E.C.)', 'Procedure',
        'Level (a)', 'Cement (a) ml', 'Leak (a)', 'Level (b)', 'Cement (b) ml', 'Leak (b)',
        'Cement type', 'VAS pre-op / ከቀዶ ጥገና በፊት', 'VAS 24hr', 'VAS 1wk', 'VAS 6wk',
        'VAS 3mo', 'VAS 6mo', 'VAS 12mo', 'ODI pre-op', 'ODI 6wk', 'ODI 6mo', 'ODI 12mo',
        'Last F/U date (G.C.)', 'Outcome / ውጤት', 'New fracture / አዲስ ስብራት', 'Remark / ማስታወሻ']
CI = {h: i for i, h in enumerate(HEAD)}
VAS_COL = {'pre': 'VAS pre-op / ከቀዶ ጥገና በፊት', '24h': 'VAS 24hr', '1w': 'VAS 1wk',
           '6w': 'VAS 6wk', '3m': 'VAS 3mo', '6m': 'VAS 6mo', '12m': 'VAS 12mo'}
ODI_COL = {'pre': 'ODI pre-op', '6w': 'ODI 6wk', '6m': 'ODI 6mo', '12m': 'ODI 12mo'}


def colname(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


records = [['Tibebe Ghion Specialized Hospital - Orthopaedics & Neurosurgery: Vertebroplasty / '
            'Kyphoplasty registry (ቨርቴብሮፕላስቲ መዝገብ)'] + [''] * (len(HEAD) - 1),
           [''] * len(HEAD),
           HEAD]
FIRST_DATA_ROW = len(records) + 1       # spreadsheet row number of the first data row

DX = {}
for p in patients:
    if p['etio'] == 'osteoporotic':
        DX[p['pid']] = rng.choice(['Osteoporotic VCF', 'Osteoporosis (የአጥንት መሳሳት)',
                                   'Osteoporotic compression fx', 'OP fracture'])
    elif p['etio'] == 'pathologic':
        DX[p['pid']] = rng.choice(['Metastasis - Ca breast (ሜታስታሲስ)' if p['sex'] == 'F'
                                   else 'Metastasis - Ca prostate (ሜታስታሲስ)',
                                   'Multiple myeloma', 'Pathologic fx - metastatic'])
    else:
        DX[p['pid']] = rng.choice(['Trauma - fall from height (ከከፍታ መውደቅ)',
                                   'RTA (የመኪና አደጋ)', 'Trauma - fall from horse cart (ጋሪ)'])

errors = []
proc_truth = []
assess_truth = []
ident = []

# errors: choose targets
sec_pids = [p['pid'] for p in patients if len(p['sessions']) > 1]
ERR_ID = sec_pids[0]
cem_c = [p['pid'] for p in patients if p['pid'] != ERR_ID
         and p['sessions'][0]['cement'][p['sessions'][0]['levels'][0]] in (2.5, 3.5, 4.5)]
ERR_CEM = cem_c[1]
odi_c = [p['pid'] for p in patients if p['pid'] not in (ERR_ID, ERR_CEM)
         and p['sessions'][0]['visit']['6w'][0] == 'ok' and 20 <= p['sessions'][0]['odi']['6w'] < 40]
ERR_ODI = odi_c[2]
date_c = [p['pid'] for p in patients if p['pid'] not in (ERR_ID, ERR_CEM, ERR_ODI)
          and g2e(p['d0'])[2] in (13, 23, 24, 25, 26, 27, 28, 29)]
ERR_DATE = date_c[0]

FEM_NOCOME = ['አልመጣችም', 'አልመጣችም', 'did not come', 'missed', 'ስልክ አይነሳም (no answer)']
MAL_NOCOME = ['አልመጣም', 'አልመጣም', 'did not come', 'missed', 'ስልክ አይነሳም (no answer)']
ids_seen = set()
sno = 0
for p in patients:
    pid = p['pid']
    for k, s in enumerate(p['sessions']):
        sno += 1
        row = [''] * len(HEAD)
        rownum = len(records) + 1
        row[CI['S.No']] = str(sno)
        if k == 1 and pid == ERR_ID:
            row[CI['Study ID']] = ''
            errors.append(['input', '%s%d' % (colname(CI['Study ID']), rownum), rownum, 'Study ID', '',
                           'study ID missing on the second-operation row (same MRN, phone and '
                           'name, here in Latin letters, as the row above)', pid])
        else:
            row[CI['Study ID']] = pid
        latin = rng.random() < 0.3
        nm = p['name_en'] if latin else p['name_am']
        row[CI['Patient name / የታካሚ ስም']] = nm
        row[CI['MRN']] = p['mrn']
        ph = p['phone'] if rng.random() < 0.5 else '+251 %s %s %s' % (p['phone'][1:4], p['phone'][4:7], p['phone'][7:])
        row[CI['Phone / ስልክ']] = ph
        for kind, v in (('name', nm), ('record_number', p['mrn']), ('phone', ph)):
            if (kind, v) not in ids_seen:
                ids_seen.add((kind, v))
                ident.append((kind, v))
        row[CI['Sex / ጾታ']] = rng.choice(['F', 'ሴ', 'Female']) if p['sex'] == 'F' else rng.choice(['M', 'ወ', 'Male'])
        row[CI['Age / ዕድሜ']] = ('%d (approx.)' % p['age']) if p['age_approx'] else str(p['age'])
        row[CI['Diagnosis / ምርመራ']] = DX[pid]
        dtxt = ec(s['date'], suffix=rng.random() < 0.5)
        if pid == ERR_DATE and k == 0:
            y, m, d = g2e(s['date'])
            bad = '%s/%02d/%d' % (str(d)[::-1], m, y) + (' E.C.' if dtxt.endswith('E.C.') else '')
            errors.append(['input', '%s%d' % (colname(CI['Date of procedure (E.C.)']), rownum), rownum,
                           'Date of procedure (E.C.)', bad,
                           'impossible Ethiopian date: day %s, but E.C. months 1-12 have 30 days '
                           '(digits swapped, the date is %02d/%02d/%d E.C. = %s G.C.)' % (
                               str(d)[::-1], d, m, y, gc(s['date'])), pid])
            dtxt = bad
        row[CI['Date of procedure (E.C.)']] = dtxt
        row[CI['Procedure']] = ('KP' if s['tech'] == 'kyphoplasty' else 'VP') + (' (2nd)' if k == 1 else '')
        for j, lv in enumerate(s['levels']):
            ab = 'a' if j == 0 else 'b'
            row[CI['Level (%s)' % ab]] = lv
            v = s['cement'][lv]
            if pid == ERR_CEM and k == 0 and j == 0:
                txt = '%g' % (v * 10)
                errors.append(['input', '%s%d' % (colname(CI['Cement (a) ml']), rownum), rownum,
                               'Cement (a) ml', txt, 'implausible cement volume %s ml in one vertebra '
                               '(> 20 ml; decimal point lost, %g ml)' % (txt, v), pid])
            else:
                txt = ('%g' % v) + (' ml' if rng.random() < 0.2 else '')
            row[CI['Cement (%s) ml' % ab]] = txt
            lk = s['leak'][lv]
            row[CI['Leak (%s)' % ab]] = 'Disc + venous' if lk == ['disc', 'venous'] else rng.choice(LEAK_TXT[lk[0]])
            proc_truth.append([pid, k + 1, s['day'], lv, s['tech'], '%g' % v, '', 'PMMA', ';'.join(lk)])
        row[CI['Cement type']] = 'PMMA'
        last = None
        for tp in TPS:
            st, vday, vdate = s['visit'][tp]
            if st == 'ok':
                v = s['pain'][tp]
                row[CI[VAS_COL[tp]]] = ('%d/10' % v) if rng.random() < 0.1 else '%d' % v
                assess_truth.append([pid, k + 1, 'pain_vas', tp, '%g' % v])
                if tp in ODI_COL:
                    o = s['odi'][tp]
                    if pid == ERR_ODI and k == 0 and tp == '6w':
                        txt = '1%d' % o
                        errors.append(['input', '%s%d' % (colname(CI['ODI 6wk']), rownum), rownum, 'ODI 6wk',
                                       txt, 'ODI %s%% outside the 0-100 scale' % txt, pid])
                    else:
                        txt = ('%d%%' % o) if rng.random() < 0.2 else '%d' % o
                    row[CI[ODI_COL[tp]]] = txt
                    assess_truth.append([pid, k + 1, 'odi', tp, '%g' % o])
                last = vdate
            elif st == 'missed':
                row[CI[VAS_COL[tp]]] = rng.choice(FEM_NOCOME if p['sex'] == 'F' else MAL_NOCOME)
                if tp in ODI_COL:
                    row[CI[ODI_COL[tp]]] = '-'
            elif st == 'dead':
                row[CI[VAS_COL[tp]]] = '+' if rng.random() < 0.5 else 'ሞተዋል'
            elif st == 'next':
                row[CI[VAS_COL[tp]]] = 'see 2nd'
            # notdue: empty
        row[CI['Last F/U date (G.C.)']] = gc(last) if last else ''
        if p['death_day'] is not None and k == len(p['sessions']) - 1:
            dd = p['d0'] + dt.timedelta(days=p['death_day'])
            row[CI['Outcome / ውጤት']] = '%s %s' % ('ሞታለች (died)' if p['sex'] == 'F' else 'ሞቷል (died)',
                                                 ec(dd))
        elif k == len(p['sessions']) - 1:
            anymiss = any(s['visit'][tp][0] == 'missed' for tp in ('6m', '12m'))
            row[CI['Outcome / ውጤት']] = 'Alive, LTFU' if anymiss and rng.random() < 0.5 else 'Alive'
        else:
            row[CI['Outcome / ውጤት']] = 'Re-operated (2nd VP)'
        if k == 0:
            ft = []
            for fday, flv in p['fractures']:
                fd = p['d0'] + dt.timedelta(days=fday)
                treated = any(ss['levels'] == [flv] and ss['day'] > 0 for ss in p['sessions'])
                ft.append('%s on %s %s' % (flv, ec(fd), '-> 2nd VP (next row)' if treated
                                           else '- conservative (brace, analgesics)'))
            row[CI['New fracture / አዲስ ስብራት']] = '; '.join(ft) if ft else 'No'
        else:
            row[CI['New fracture / አዲስ ስብራት']] = ''
        rem = []
        if len(s['levels']) == 2 and rng.random() < 0.5:
            rem.append('2 levels')
        if rng.random() < 0.25:
            rem.append(rng.choice(['Local anaesthesia + sedation', 'Discharged POD 2',
                                   'Referred from Debre Markos', 'Biopsy taken\nresult: pending',
                                   'Came from Gondar', 'Paid by CBHI']))
        if k == 0 and p['etio'] == 'pathologic' and not any('\n' in c for r in records for c in r):
            rem.append('Biopsy taken\nHPE result: pending')
        row[CI['Remark / ማስታወሻ']] = '; '.join(rem)
        records.append(row)

buf = io.StringIO()
w = csv.writer(buf, delimiter='\t', lineterminator='\r\n', quoting=csv.QUOTE_MINIMAL)
w.writerows(records)
with open(os.path.join(HERE, 'input.csv'), 'wb') as f:
    f.write(b'\xff\xfe' + buf.getvalue().encode('utf-16-le'))

T = os.path.join(HERE, 'truth')
os.makedirs(T, exist_ok=True)


def wcsv(name, header, rows):
    with open(os.path.join(T, name), 'w', newline='', encoding='utf-8') as f:
        ww = csv.writer(f, lineterminator='\n')
        ww.writerow(header)
        ww.writerows(rows)


wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
     [[p['pid'], 'female' if p['sex'] == 'F' else 'male', p['age'], p['etio'],
       'yes' if p['death_day'] is not None else 'no'] for p in patients])
wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                        'session_cement_volume_ml', 'cement_type', 'leakage'], proc_truth)
wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], assess_truth)
wcsv('fractures.csv', ['patient_id', 'day', 'level'],
     [[p['pid'], d, lv] for p in patients for d, lv in sorted(p['fractures'])])
errors.sort(key=lambda e: e[2])
wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
     errors)
wcsv('identifiers.csv', ['kind', 'value'], ident)
print('bahirdar: %d patients, %d procedure rows, %d assessments, %d errors' %
      (len(patients), len(proc_truth), len(assess_truth), len(errors)))
