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

# ---------------- Tabora: operating-theatre log incl. non-study cases ----------------
import openpyxl
from openpyxl.styles import Font, PatternFill
rng = random.Random(3044)
TPS = ['pre', '24h', '6w', '3m', '6m']
pats = gen(rng, 15, dt.date(2021, 8, 1), dt.date(2023, 1, 31), TPS, ['pre', '24h', '6w'],
           lambda r: 'vertebroplasty' if r.random() < 0.85 else 'kyphoplasty', lambda r: 'PMMA', p_frac=0.3)
NAMES_M = ['Juma Mwakyusa', 'Hamisi Said', 'Athumani Kassim', 'Rashidi Nyembo', 'Petro Masanja', 'Yohana Shija', 'Selemani Mussa', 'Bakari Ramadhani']
NAMES_F = ['Mwanaisha Ally', 'Rehema Juma', 'Zawadi Mtemi', 'Neema Kilonzo', 'Mariamu Salum', 'Halima Omari', 'Tatu Mrisho', 'Agnes Ngowi', 'Esther Lyimo']
ETI = {'osteoporotic': 'Osteoporotic # (mifupa dhaifu)', 'traumatic': 'Traumatic # (fall from tree)', 'haemangioma': 'Vertebral haemangioma',
       'metastasis': 'Metastatic deposit (Ca prostate)', 'myeloma': 'Multiple myeloma'}
LK = {'none': 'Nil', 'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral', 'epidural': 'epidural', 'disc;venous': 'disc & venous'}
OTHER = ['Laminectomy L4/5', 'Discectomy L5/S1', 'Posterior fixation T12-L2 (pedicle screws)', 'Transpedicular biopsy T9 only',
         'Wound debridement', 'Laminectomy + fusion L3-L5', 'Excision spinal TB abscess', 'Biopsy L2 (Jamshidi) only', 'Discectomy L4/5']
cases = []
for p in pats:
    p['ipno'] = 'KRH/%d/%05d' % (p['d0'].year, rng.randint(100, 99999))
    p['name'] = rng.choice(NAMES_F if p['sex'] == 'female' else NAMES_M)
    p['phone'] = '+255 7%02d %03d %03d' % (rng.randint(10, 89), rng.randint(0, 999), rng.randint(0, 999))
    for s in p['sessions']:
        cases.append((s['date'], 'study', p, s))
for k in range(13):
    d = dt.date(2021, 8, 1) + dt.timedelta(days=rng.randint(0, 540))
    cases.append((d, 'other', {'name': rng.choice(NAMES_F + NAMES_M), 'age': rng.randint(19, 78), 'sex': rng.choice(['male', 'female']),
                               'ipno': 'KRH/%d/%05d' % (d.year, rng.randint(100, 99999)), 'op': OTHER[k % len(OTHER)]}, None))
cases.sort(key=lambda c: (c[0], c[1]))
# study number assigned in order of first augmentation
n = 0
for d, kind, p, s in cases:
    if kind == 'study' and s['session'] == 1:
        n += 1; p['pid'] = 'TBR-VA-%02d' % n
pid = lambda p: p['pid']
pats.sort(key=lambda p: p['pid'])
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Theatre Register'
ws['A1'] = 'KITETE REGIONAL REFERRAL HOSPITAL — TABORA'; ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'Orthopaedic / Spine Theatre Register (Daftari la Chumba cha Upasuaji)  —  VP/KP study cases have a Study No.'
ws['A3'] = 'Theatre in-charge: Sr. Upendo Mollel'
for rr in (1, 2, 3): ws.merge_cells('A%d:Z%d' % (rr, rr))
cols = ['S/N', 'Tarehe (Date)', 'IP No', 'Jina la Mgonjwa (Name)', 'Umri', 'Jinsia', 'Diagnosis', 'Operation done', 'Study No',
        'Level(s)', 'Cement (ml)', 'Cement type', 'Leak', 'Surgeon', 'Anaesth.', 'VAS pre-op', 'VAS 24hrs', 'VAS 6/52', 'VAS 3/12',
        'VAS 6/12', 'New fracture', 'Outcome / Hali', 'Simu (phone)']
HF = PatternFill('solid', fgColor='C6E0B4')
for c, h in enumerate(cols, 1):
    x = ws.cell(5, c, h); x.font = Font(bold=True); x.fill = HF; ws.column_dimensions[CL(c)].width = max(10, len(h) + 2)
idents = [('name', 'Upendo Mollel')]; errors = []
r = 6
SURG = ['Dr Mushi', 'Dr Kapinga', 'Dr Ntiro']
for k, (d, kind, p, s) in enumerate(cases, 1):
    if kind == 'other':
        row = [k, d, p['ipno'], p['name'], p['age'], 'M' if p['sex'] == 'male' else 'F', rng.choice(['PID with radiculopathy', 'Spinal stenosis', 'Pott\'s spine', 'Unstable # T12/L1', 'Spinal mass ?TB ?tumour']),
               p['op'], None, None, None, None, None, rng.choice(SURG), 'GA']
        idents += [('name', p['name']), ('record_number', p['ipno'])]
    else:
        tot = round(sum(l['vol'] for l in s['levels']), 1)
        lks = [l for l in s['levels'] if l['leak'] != 'none']
        opn = ('Vertebroplasty' if s['technique'] == 'vertebroplasty' else 'Kyphoplasty') + (' (REDO - new level)' if s['session'] == 2 else '')
        row = [k, d, p['ipno'], p['name'], age_at(p['birth'], s['date']), 'M' if p['sex'] == 'male' else 'F', ETI[p['sub']], opn, p['pid'],
               ' & '.join(l['level'] for l in s['levels']), '%g ml total' % tot if len(s['levels']) > 1 else '%g' % tot, s['cement'],
               'Nil' if not lks else ', '.join('%s at %s' % (LK[l['leak']], l['level']) for l in lks), rng.choice(SURG), rng.choice(['LA + sedation', 'GA'])]
        for tp in TPS:
            key = (s['session'], tp)
            if key in p['vis']:
                rec = p['vis'][key]
                row.append('hakuja' if rec is None else rec['vas'])
            elif p['died'] and s['day'] + TPD[tp] >= p['death_day'] and (s['session'] == 1 or tp in ('pre', '24h', '6w')):
                row.append('amefariki')
            else:
                row.append(None)
        if s['session'] == 1:
            row.append('; '.join('%s on %s' % (L, (p['d0'] + dt.timedelta(days=dd)).strftime('%d/%m/%Y')) for dd, L in p['fractures']) or 'Hapana')
            row.append(('Amefariki %s' % (p['d0'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y')) if p['died'] else 'Yuko hai (alive)')
        else:
            row += ['see 1st op', 'see 1st op']
        row.append(p['phone'])
        idents += [('name', p['name']), ('record_number', p['ipno']), ('phone', p['phone'])]
        s['row'] = r
    for c, v in enumerate(row, 1):
        x = ws.cell(r, c, v)
        if isinstance(v, dt.date): x.number_format = 'DD/MM/YYYY'
    r += 1
ws.cell(r + 1, 1, 'Key: hakuja = did not come for review; amefariki = died; Hapana = no; 6/52 = six weeks, 3/12 = three months, 6/12 = six months.')
ws.cell(r + 2, 1, 'Cement (ml) = total injected for the case. Age (Umri) in years at the operation.')
def plant(p, s, c, val, what):
    ws.cell(s['row'], c).value = val
    errors.append(['Theatre Register', '%s%d' % (CL(c), s['row']), s['row'], cols[c - 1], val, what, p['pid']])
q = pats[1]; s = q['sessions'][0]
plant(q, s, 10, ' & '.join([l['level'] for l in s['levels'][:-1]] + ['L7']), 'impossible level L7; should be %s' % s['levels'][-1]['level'])
q = pats[4]; s = q['sessions'][0]; tot = round(sum(l['vol'] for l in s['levels']), 1)
if len(s['levels']) == 1:
    plant(q, s, 11, '%g' % (tot * 10), 'cement %g ml for one vertebra impossible (decimal point lost); should be %g' % (tot * 10, tot))
else:
    plant(q, s, 11, '%g ml total' % (tot * 10), 'cement %g ml total for %d vertebrae impossible (decimal point lost); should be %g' % (tot * 10, len(s['levels']), tot))
q = [x for x in pats if x['vis'].get((1, '3m'))][6]; s = q['sessions'][0]
plant(q, s, 19, q['vis'][(1, '3m')]['vas'] + 11, 'VAS %s outside 0-10 scale; should be %s' % (q['vis'][(1, '3m')]['vas'] + 11, q['vis'][(1, '3m')]['vas']))
q = pats[9]; s = q['sessions'][0]
plant(q, s, 9, None, 'missing Study No on a vertebroplasty/kyphoplasty case; should be %s (IP No %s)' % (q['pid'], q['ipno']))
errors[-1][4] = ''
wb.save('input.xlsx')
write_truth(pats, pid, lambda p, s: 'total', errors, idents)
