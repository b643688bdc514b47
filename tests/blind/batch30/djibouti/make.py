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

# ---------------- Djibouti: one row per patient, "D12=3,5 ; L1=4" cells ----------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment
rng = random.Random(3055)
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
pats = gen(rng, 16, dt.date(2021, 2, 1), dt.date(2022, 12, 20), TPS, ['pre', '1m'],
           lambda r: 'vertebroplasty' if r.random() < 0.8 else 'kyphoplasty', lambda r: 'PMMA', p_frac=0.28)
pats.sort(key=lambda p: p['d0'])
for j, p in enumerate(pats):
    p['pid'] = 'HGP-VP-%02d' % (j + 1)
pid = lambda p: p['pid']
NF = ['Fatouma Ali Houmed', 'Hawa Omar Farah', 'Amina Dirieh Guelleh', 'Kadra Ahmed Robleh', 'Safia Hassan Waberi', 'Zahra Mohamed Aden', 'Deka Abdi Elmi', 'Asma Youssouf Ibrahim']
NM = ['Ahmed Moussa Ali', 'Abdourahman Djama Hersi', 'Ismaël Houssein Omar', 'Mohamed Said Barkat', 'Daher Ibrahim Gouled', 'Osman Ali Robleh']
ETI = {'osteoporotic': ['ostéoporose', 'OP (ménopause)'], 'traumatic': ['traumatisme (AVP)', 'chute'], 'haemangioma': ['angiome vertébral', 'hémangiome'],
       'metastasis': ['métastase (sein)', 'méta prostate'], 'myeloma': ['myélome', 'myélome multiple']}
LK = {'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale', 'epidural': 'épidurale', 'disc;venous': 'discale + veineuse'}
def lv(L):
    return 'D' + L[1:] if L.startswith('T') else L
def fr(x):
    return ('%g' % x).replace('.', ',')
def ds(d):
    return d.strftime('%d/%m/%Y')
def yes(b):
    return rng.choice(['Haa', 'Haa', 'oui']) if b else rng.choice(['Maya', 'Maya', 'non'])
def lvcell(s):
    return ' ; '.join('%s=%s' % (lv(l['level']), fr(l['vol'])) for l in s['levels'])
def fuite(s):
    lks = [l for l in s['levels'] if l['leak'] != 'none']
    return yes(False) if not lks else 'oui : ' + ', '.join('%s %s' % (LK[l['leak']], lv(l['level'])) for l in lks)
cols = ['N°', 'Code étude', 'Nom et prénom', 'N° dossier', 'Âge', 'Sexe', 'Cause', 'Date VP', 'Technique', 'Niveaux = ciment (ml)', 'Fuite',
        'EVA avant', 'EVA J1', 'EVA M1', 'EVA M3', 'EVA M6', 'EVA M12', 'Nouvelle fracture', 'Date nouv. fracture', 'Niveau nouv. fracture',
        '2e geste : date', '2e geste : niveaux = ciment', '2e geste : fuite', '2e geste : EVA avant', '2e geste : EVA M1',
        'Décédé', 'Date décès', 'Téléphone', 'Remarques']
C = {h: i + 1 for i, h in enumerate(cols)}
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'VP 2021-2022'
ws['A1'] = 'Hôpital Général Peltier — Service de Neurochirurgie — Cimentoplasties vertébrales'; ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'Suivi des patients (EVA /10). Responsable : Dr Abdoulkader Mahamoud Hassan'
ws['A3'] = 'مستشفى بلتييه العام — سجل رأب الفقرات'
for rr in (1, 2, 3): ws.merge_cells('A%d:P%d' % (rr, rr))
ws.merge_cells('L4:Q4'); ws['L4'] = 'EVA (douleur) — J1 = lendemain, M1..M12 = mois après le geste'
ws.merge_cells('U4:Y4'); ws['U4'] = '2e geste (reprise)'
for c in ('L4', 'U4'):
    ws[c].alignment = Alignment(horizontal='center'); ws[c].font = Font(bold=True)
HF = PatternFill('solid', fgColor='FFF2CC')
for h, c in C.items():
    x = ws.cell(5, c, h); x.font = Font(bold=True); x.fill = HF; x.alignment = Alignment(wrap_text=True)
    ws.column_dimensions[CL(c)].width = max(9, min(26, len(h) + 2))
idents = [('name', 'Abdoulkader Mahamoud Hassan')]; errors = []
r = 6
for k, p in enumerate(pats, 1):
    name = rng.choice(NF if p['sex'] == 'female' else NM); dos = '%d/%04d' % (p['d0'].year % 100, rng.randint(1, 9999))
    tel = '+253 77 %02d %02d %02d' % (rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))
    idents += [('name', name), ('record_number', dos), ('phone', tel)]
    s1 = p['sessions'][0]
    v = {'N°': k, 'Code étude': p['pid'], 'Nom et prénom': name, 'N° dossier': dos, 'Âge': '%d ans' % p['age'] if rng.random() < 0.3 else p['age'],
         'Sexe': 'F' if p['sex'] == 'female' else 'H', 'Cause': rng.choice(ETI[p['sub']]), 'Date VP': ds(s1['date']),
         'Technique': 'VP' if s1['technique'] == 'vertebroplasty' else 'cyphoplastie', 'Niveaux = ciment (ml)': lvcell(s1), 'Fuite': fuite(s1)}
    for tp, h in zip(TPS, ['EVA avant', 'EVA J1', 'EVA M1', 'EVA M3', 'EVA M6', 'EVA M12']):
        if (1, tp) in p['vis']:
            rec = p['vis'][(1, tp)]
            v[h] = rng.choice(['absent', 'absent', 'ma iman']) if rec is None else rec['vas']
        elif p['died'] and TPD[tp] >= p['death_day']:
            v[h] = 'DCD'
    v['Nouvelle fracture'] = yes(bool(p['fractures']))
    if p['fractures']:
        d, L = p['fractures'][0]
        v['Date nouv. fracture'] = ds(p['d0'] + dt.timedelta(days=d)); v['Niveau nouv. fracture'] = lv(L)
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        v['2e geste : date'] = ds(s2['date']); v['2e geste : niveaux = ciment'] = lvcell(s2); v['2e geste : fuite'] = fuite(s2)
        for tp, h in (('pre', '2e geste : EVA avant'), ('1m', '2e geste : EVA M1')):
            if (2, tp) in p['vis']:
                rec = p['vis'][(2, tp)]
                v[h] = 'absent' if rec is None else rec['vas']
            elif p['died'] and s2['day'] + TPD[tp] >= p['death_day']:
                v[h] = 'DCD'
        if s2['technique'] != s1['technique']:
            v['Remarques'] = '2e geste en %s' % ('cyphoplastie' if s2['technique'] == 'kyphoplasty' else 'VP')
    v['Décédé'] = yes(p['died'])
    if p['died']:
        v['Date décès'] = ds(p['d0'] + dt.timedelta(days=p['death_day']))
        v['Remarques'] = ((v.get('Remarques') or '') + ' توفي').strip()
    v['Téléphone'] = tel
    for h, val in v.items():
        ws.cell(r, C[h], val)
    p['row'] = r; r += 1
ws.cell(r + 1, 1, 'Niveaux : D = dorsale (D12 = T12). "D12=3,5 ; L1=4" = 3,5 ml de ciment dans D12 et 4 ml dans L1. Ciment : PMMA pour tous.')
ws.cell(r + 2, 1, 'Haa / Maya = oui / non (somali). absent, ma iman = patient non venu au contrôle. DCD = décédé. توفي = décédé.')
def plant(p, h, val, what):
    ws.cell(p['row'], C[h]).value = val
    errors.append(['VP 2021-2022', '%s%d' % (CL(C[h]), p['row']), p['row'], h, val, what, p['pid']])
q = [x for x in pats[2:7] if x['sessions'][0]['levels'][0]['vol'] >= 2.5][0]; s = q['sessions'][0]; l0 = s['levels'][0]
bad = lvcell(s).replace('%s=%s' % (lv(l0['level']), fr(l0['vol'])), '%s=%s' % (lv(l0['level']), fr(l0['vol'] * 10)), 1)
plant(q, 'Niveaux = ciment (ml)', bad, '%g ml in %s impossible for one vertebra (decimal comma lost); should be %s' % (l0['vol'] * 10, lv(l0['level']), fr(l0['vol'])))
q = pats[7]
plant(q, 'Date VP', '31/04/%d' % q['d0'].year, 'impossible date (April has 30 days); should be %s' % ds(q['d0']))
q = [x for x in pats if x['died']][0]
bad = ds(q['d0'] - dt.timedelta(days=q['death_day']))
plant(q, 'Date décès', bad, 'death dated before the operation (%s); should be %s' % (ds(q['d0']), ds(q['d0'] + dt.timedelta(days=q['death_day']))))
q = [x for x in pats if x['vis'].get((1, '3m')) and x not in (pats[7],) and x['row'] not in [e[2] for e in errors]][4]
plant(q, 'EVA M3', q['vis'][(1, '3m')]['vas'] * 10 + 5, 'EVA %s outside 0-10 scale; should be %s' % (q['vis'][(1, '3m')]['vas'] * 10 + 5, q['vis'][(1, '3m')]['vas']))
wb.save('input.xlsx')
write_truth(pats, pid, lambda p, s: 'vert', errors, idents)
