# -*- coding: utf-8 -*-
# Deterministic generator: writes the input and truth/ next to this file.
import os, csv, random, datetime as dt
HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs('truth', exist_ok=True)

SPINE = ['T4','T5','T6','T7','T8','T9','T10','T11','T12','L1','L2','L3','L4','L5']
TPD = {'pre':0,'24h':1,'1w':7,'2w':14,'6w':42,'1m':30,'3m':91,'6m':182,'12m':365}
VAS_MEAN = {'pre':8.0,'24h':4.8,'1w':4.3,'2w':4.0,'6w':3.5,'1m':3.6,'3m':3.0,'6m':2.7,'12m':2.5}
ODI_MEAN = {'pre':68,'24h':50,'1w':46,'2w':42,'6w':36,'1m':38,'3m':30,'6m':27,'12m':25}

def age_at(birth, d):
    return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))

def pick_levels(rng, n, lo='T9', hi='L3'):
    a, b = SPINE.index(lo), SPINE.index(hi)
    start = rng.randint(a, b - n + 1)
    return SPINE[start:start + n]

def gen(rng, n, first, last, tps, tps2, tech, cement, vas_dec=False, odi=False,
        mob=False, miss=0.1, p_frac=0.22, p_reop=0.6):
    pats = []
    for i in range(n):
        p = {'i': i}
        p['sex'] = rng.choice(['female', 'female', 'male'])
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [58, 24, 12, 6])[0]
        p['etiology'] = et
        p['sub'] = {'osteoporotic': 'osteoporotic', 'traumatic': 'traumatic', 'other': 'haemangioma',
                    'pathologic': rng.choice(['metastasis', 'myeloma'])}[et]
        age = rng.randint(38, 74) if et == 'traumatic' else rng.randint(54, 89)
        d0 = first + dt.timedelta(days=rng.randint(0, (last - first).days))
        birth = d0 - dt.timedelta(days=int(age * 365.25) + rng.randint(5, 340))
        p['d0'], p['birth'], p['age'] = d0, birth, age_at(birth, d0)
        nlev = rng.choices([1, 2, 3], [55, 35, 10])[0]
        lv = pick_levels(rng, nlev, 'T6' if et == 'pathologic' else 'T10', 'L4' if et == 'pathologic' else 'L2')
        died = rng.random() < (0.42 if et == 'pathologic' else 0.06)
        p['death_day'] = rng.randint(50, 360) if died else None
        p['died'] = died
        def mk_session(s, day, levels):
            t = tech(rng)
            lo, hi = (2.5, 6.0) if t == 'kyphoplasty' else (1.6, 5.2)
            return {'session': s, 'day': day, 'date': d0 + dt.timedelta(days=day), 'technique': t,
                    'cement': cement(rng), 'levels': [
                        {'level': L, 'vol': round(rng.uniform(lo, hi) * 2) / 2 if rng.random() < 0.5 else round(rng.uniform(lo, hi), 1),
                         'leak': rng.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous', 'epidural'], [68, 11, 9, 6, 4, 2])[0]}
                        for L in levels]}
        p['sessions'] = [mk_session(1, 0, lv)]
        p['fractures'] = []
        if rng.random() < p_frac:
            fday = rng.randint(28, 320)
            if not died or fday < p['death_day'] - 25:
                up = SPINE.index(lv[0]) - 1
                dn = SPINE.index(lv[-1]) + 1
                fl = SPINE[up] if (rng.random() < 0.6 or dn >= len(SPINE)) else SPINE[dn]
                p['fractures'].append((fday, fl))
                if rng.random() < p_reop:
                    p['sessions'].append(mk_session(2, fday + rng.randint(3, 16), [fl]))
        vis = {}
        for s in p['sessions']:
            for tp in (tps if s['session'] == 1 else tps2):
                day = s['day'] + TPD[tp]
                if died and day >= p['death_day']:
                    continue
                if s['session'] == 2 and day > 420:
                    continue
                if tp != 'pre' and rng.random() < miss:
                    vis[(s['session'], tp)] = None
                    continue
                base = VAS_MEAN[tp] + (0.6 if s['session'] == 2 and tp == 'pre' else 0)
                v = min(10, max(0, base + rng.gauss(0, 0.9)))
                v = round(v, 1) if vas_dec else int(round(v))
                rec = {'vas': v, 'date': p['d0'] + dt.timedelta(days=day + (rng.randint(-3, 4) if TPD[tp] >= 14 else 0))}
                if tp == 'pre':
                    rec['date'] = s['date'] - dt.timedelta(days=rng.choice([0, 0, 1, 2]))
                if odi:
                    rec['odi'] = int(min(100, max(0, ODI_MEAN[tp] + rng.gauss(0, 7))))
                    if odi == 'even':
                        rec['odi'] = rec['odi'] // 2 * 2
                if mob:
                    rec['mob'] = max(0, min(4, {'pre': 3, '24h': 2}.get(tp, 1) + rng.choice([-1, 0, 0, 1])))
                vis[(s['session'], tp)] = rec
        p['vis'] = vis
        pats.append(p)
    return pats

def write_truth(pats, pid, volmode, errors, idents):
    """volmode(p, s) -> 'vert' | 'total' | None"""
    def w(name, header, rows):
        with open(os.path.join('truth', name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f); cw.writerow(header); cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[pid(p), p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            m = volmode(p, s)
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                rows.append([pid(p), s['session'], s['day'], l['level'], s['technique'],
                             l['vol'] if m == 'vert' else '', tot if m == 'total' else '',
                             s['cement'] or '', l['leak'] if l['leak'] is not None else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for (s, tp), r in sorted(p['vis'].items(), key=lambda kv: (kv[0][0], TPD[kv[0][1]])):
            if r is None:
                continue
            rows.append([pid(p), s, 'pain_vas', tp, r['vas']])
            if 'odi' in r and r['odi'] is not None:
                rows.append([pid(p), s, 'odi', tp, r['odi']])
            if 'mob' in r and r['mob'] is not None:
                rows.append([pid(p), s, 'mobility', tp, r['mob']])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[pid(p), d, L] for p in pats for d, L in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen = []
    for k in idents:
        if k not in seen:
            seen.append(k)
    w('identifiers.csv', ['kind', 'value'], seen)

from openpyxl.utils import get_column_letter as CL

# ---------------- Davao: CSV export, dates as Excel serials (General format) ----------------
rng = random.Random(3022)
TPS = ['pre', '24h', '2w', '3m', '6m', '12m']
pats = gen(rng, 17, dt.date(2021, 6, 1), dt.date(2022, 11, 30), TPS, ['pre', '24h', '3m'],
           lambda r: 'vertebroplasty' if r.random() < 0.75 else 'kyphoplasty', lambda r: 'PMMA', mob=True)
pats.sort(key=lambda p: p['d0'])
for j, p in enumerate(pats):
    p['pid'] = 'SPMC-VP-%02d' % (j + 1)
pid = lambda p: p['pid']
LN = ['Dela Cruz', 'Bacalso', 'Cabahug', 'Lumapas', 'Tagalog', 'Villaflor', 'Alcantara', 'Ybañez', 'Sumagaysay', 'Pepito', 'Ampatuan', 'Gonzaga', 'Quiñones', 'Mante']
FF = ['Erlinda', 'Corazon', 'Nenita', 'Luzviminda', 'Rosario', 'Merlyn', 'Teresita', 'Remedios']
FM = ['Rogelio', 'Danilo', 'Ernesto', 'Romeo', 'Bienvenido', 'Nestor']
def serial(d):
    return (d - dt.date(1899, 12, 30)).days
def dcell(d):
    # most cells show the serial (column was formatted General); some typed by hand d/m/Y
    return d.strftime('%d/%m/%Y') if rng.random() < 0.25 else str(serial(d))
ETI = {'osteoporotic': 'Osteoporotic compression fx', 'traumatic': 'Traumatic (fall/vehicular)', 'haemangioma': 'Hemangioma',
       'metastasis': 'Metastatic - breast CA', 'myeloma': 'Multiple myeloma'}
LK = {'none': 'None', 'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral', 'epidural': 'Epidural', 'disc;venous': 'Disc + Venous'}
H = ['Study No', 'Hosp No', 'Patient Name', 'Sex', 'Birthday', 'Age', 'Diagnosis', 'Session', 'Date of Procedure', 'Procedure',
     'Level(s)', 'Cement vol per level (mL)', 'Cement', 'Leak', 'VAS Pre', 'Mobility Pre', 'VAS 24hr', 'Mobility 24hr',
     'Date f/u 2wks', 'VAS 2wks', 'Date f/u 3mos', 'VAS 3mos', 'Mobility 3mos', 'Date f/u 6mos', 'VAS 6mos',
     'Date f/u 1yr', 'VAS 1yr', 'Mobility 1yr', 'New fx? (Oo/Dili)', 'New fx date', 'New fx level', 'Namatay? (Oo/Dili)',
     'Date of death', 'Contact No', 'Remarks']
C = {h: i for i, h in enumerate(H)}
rows = []; idents = []; errors = []
for p in pats:
    name = '%s, %s' % (rng.choice(LN), rng.choice(FF if p['sex'] == 'female' else FM))
    hosp = '%02d-%06d' % (rng.randint(15, 22), rng.randint(1000, 999999))
    tel = '09%d-%03d-%04d' % (rng.randint(15, 99), rng.randint(0, 999), rng.randint(0, 9999))
    bday = dcell(p['birth'])
    idents += [('name', name), ('record_number', hosp), ('phone', tel), ('birth_date', bday),
               ('birth_date', p['birth'].strftime('%d/%m/%Y')), ('birth_date', p['birth'].isoformat())]
    for s in p['sessions']:
        row = [''] * len(H)
        row[C['Study No']] = p['pid']; row[C['Hosp No']] = hosp; row[C['Patient Name']] = name
        row[C['Sex']] = 'F' if p['sex'] == 'female' else 'M'; row[C['Birthday']] = bday; row[C['Age']] = str(p['age'])
        row[C['Diagnosis']] = ETI[p['sub']]; row[C['Session']] = '1st' if s['session'] == 1 else '2nd (repeat)'
        row[C['Date of Procedure']] = dcell(s['date']); row[C['Procedure']] = 'VP' if s['technique'] == 'vertebroplasty' else 'KP'
        row[C['Level(s)']] = ','.join(l['level'] for l in s['levels'])
        row[C['Cement vol per level (mL)']] = ','.join(('%g' % l['vol']) for l in s['levels'])
        row[C['Cement']] = s['cement']
        lks = [l for l in s['levels'] if l['leak'] != 'none']
        row[C['Leak']] = 'None' if not lks else '; '.join('%s %s' % (l['level'], LK[l['leak']]) for l in lks)
        remarks = []
        for tp, vc, mc, dc in [('pre', 'VAS Pre', 'Mobility Pre', None), ('24h', 'VAS 24hr', 'Mobility 24hr', None),
                               ('2w', 'VAS 2wks', None, 'Date f/u 2wks'), ('3m', 'VAS 3mos', 'Mobility 3mos', 'Date f/u 3mos'),
                               ('6m', 'VAS 6mos', None, 'Date f/u 6mos'), ('12m', 'VAS 1yr', 'Mobility 1yr', 'Date f/u 1yr')]:
            key = (s['session'], tp)
            if key in p['vis']:
                rec = p['vis'][key]
                if rec is None:
                    row[C[vc]] = 'wala niabot'
                else:
                    row[C[vc]] = str(rec['vas'])
                    if mc: row[C[mc]] = str(rec['mob'])
                    else: rec.pop('mob', None)
                    if dc: row[C[dc]] = dcell(rec['date'])
            elif p['died'] and s['day'] + TPD[tp] >= p['death_day'] and (s['session'] == 1):
                row[C[vc]] = 'patay'
        if s['session'] == 1:
            row[C['New fx? (Oo/Dili)']] = 'Oo' if p['fractures'] else 'Dili'
            if p['fractures']:
                d, L = p['fractures'][0]
                row[C['New fx date']] = dcell(p['d0'] + dt.timedelta(days=d)); row[C['New fx level']] = L
                if len(p['sessions']) > 1: remarks.append('gi-repeat VP sa %s' % L)
                else: remarks.append('new fx, conservative mgmt (brace)')
            row[C['Namatay? (Oo/Dili)']] = 'Oo' if p['died'] else 'Dili'
            if p['died']:
                row[C['Date of death']] = dcell(p['d0'] + dt.timedelta(days=p['death_day']))
                remarks.append('patay na')
        row[C['Contact No']] = tel
        row[C['Remarks']] = '; '.join(remarks)
        s['rowidx'] = len(rows) + 2
        rows.append(row)
def plant(p, s, col, val, what):
    r = s['rowidx']; rows[r - 2][C[col]] = val
    errors.append(['input.csv', '%s%d' % (CL(C[col] + 1), r), r, col, val, what, p['pid']])
q = pats[2]; s = q['sessions'][0]; old = s['levels'][-1]['level']
plant(q, s, 'Level(s)', ','.join([l['level'] for l in s['levels'][:-1]] + ['T13']), 'impossible level T13 (there are 12 thoracic); should be %s' % old)
q = [x for x in pats if x['vis'].get((1, '2w'))][5]; s = q['sessions'][0]
plant(q, s, 'VAS 2wks', '12', 'VAS 12 outside 0-10 scale; should be %s' % q['vis'][(1, '2w')]['vas'])
q = [x for x in pats if x['vis'].get((1, '3m'))][8]; s = q['sessions'][0]
bad = str(serial(s['date'] - dt.timedelta(days=89)))
plant(q, s, 'Date f/u 3mos', bad, '3-month follow-up dated before the procedure (%s); should be %s' % (s['date'].strftime('%d/%m/%Y'), q['vis'][(1, '3m')]['date'].strftime('%d/%m/%Y')))
q = pats[11]; s = q['sessions'][0]; v = s['levels'][0]['vol']
vols = rows[s['rowidx'] - 2][C['Cement vol per level (mL)']].split(','); vols[0] = '%g' % (v * 10)
plant(q, s, 'Cement vol per level (mL)', ','.join(vols), 'cement volume %g mL for one vertebra impossible (decimal lost); should be %g' % (v * 10, v))
with open('input.csv', 'w', newline='', encoding='utf-8') as f:
    cw = csv.writer(f); cw.writerow(H); cw.writerows(rows)
write_truth(pats, pid, lambda p, s: 'vert', errors, idents)
