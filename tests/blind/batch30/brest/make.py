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

# ---------------- Brest: three sheets, follow-up in weeks (S1..S52) ----------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment
rng = random.Random(3033)
TPS = ['pre', '1w', '6w', '3m', '6m', '12m']
TPS2 = ['pre', '1w', '6w', '3m']
pats = gen(rng, 18, dt.date(2021, 1, 10), dt.date(2022, 10, 15), TPS, TPS2,
           lambda r: 'kyphoplasty' if r.random() < 0.35 else 'vertebroplasty',
           lambda r: 'PMMA' if r.random() < 0.85 else 'calcium phosphate', vas_dec=True, odi=True)
pats.sort(key=lambda p: p['d0'])
for j, p in enumerate(pats):
    p['pid'] = 'BR-%03d' % (j + 1)
    for (si, tp), rec in p['vis'].items():
        if rec is not None and tp not in ('pre', '3m', '12m'):
            rec.pop('odi')
# lost to follow-up: two living patients stop coming after 6 weeks
lost = [p for p in pats if not p['died'] and len(p['sessions']) == 1][3:5]
for p in lost:
    p['lost'] = True
    for tp in ('3m', '6m', '12m'):
        p['vis'].pop((1, tp), None)
pid = lambda p: p['pid']
NOMS = ['Le Gall', 'Kerhervé', 'Le Bihan', 'Tanguy', 'Quéré', 'Le Goff', 'Guivarc\'h', 'Morvan', 'Jézéquel', 'Cozic', 'Le Roux', 'Abgrall', 'Pennec', 'Bescond']
PF = ['Marie-Thérèse', 'Yvonne', 'Annick', 'Jeanne', 'Monique', 'Françoise', 'Denise', 'Maryvonne']
PM = ['Yves', 'Jean-Claude', 'Hervé', 'Goulven', 'Michel', 'Alain', 'Loïc']
ETI = {'osteoporotic': 'ostéoporose', 'traumatic': 'traumatique', 'haemangioma': 'hémangiome',
       'metastasis': 'métastase', 'myeloma': 'myélome'}
LK = {'none': 'non', 'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale', 'epidural': 'épidurale', 'disc;venous': 'discale + veineuse'}
def fr(x):
    return ('%g' % x).replace('.', ',')
def evacell(v):
    return fr(v) if rng.random() < 0.3 else v   # some cells typed/pasted as text with a comma
wb = openpyxl.Workbook(); wb.remove(wb.active)
B = Font(bold=True); FILL = PatternFill('solid', fgColor='FCE4D6'); DF = 'DD/MM/YYYY'
idents = []; errors = []
def put(ws, r, vals):
    for c, v in enumerate(vals, 1):
        x = ws.cell(r, c, v)
        if isinstance(v, dt.date): x.number_format = DF
def head(ws, r, cols):
    for c, h in enumerate(cols, 1):
        x = ws.cell(r, c, h); x.font = B; x.fill = FILL; x.alignment = Alignment(wrap_text=True, horizontal='center')
        ws.column_dimensions[CL(c)].width = max(10, len(h) + 2)
# --- Patients
ws = wb.create_sheet('Patients')
ws['A1'] = 'CHU de Brest — Radiologie interventionnelle — Registre cimentoplasties vertébrales'; ws['A1'].font = Font(bold=True, size=13)
ws.merge_cells('A1:K1')
ws['A2'] = 'Saisie : Dr Gwenaëlle Le Floch, ARC : Mme Nolwenn Caradec'; ws.merge_cells('A2:K2')
idents += [('name', 'Gwenaëlle Le Floch'), ('name', 'Nolwenn Caradec')]
cols = ['N° inclusion', 'NOM', 'Prénom', 'IPP', 'Date de naissance', 'Âge au 1er geste', 'Sexe', 'Étiologie', 'Statut fin de suivi', 'Nouvelle(s) fracture(s)', 'Tél.']
head(ws, 4, cols)
r = 5
for p in pats:
    nom = rng.choice(NOMS).upper(); pre = rng.choice(PF if p['sex'] == 'female' else PM)
    ipp = '29%08d' % rng.randint(0, 99999999); tel = '02 98 %02d %02d %02d' % (rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))
    if p['died']:
        st = 'DCD le %s' % (p['d0'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y')
    elif p.get('lost'):
        st = 'perdu de vue'
    else:
        st = 'vivant'
    nf = ' ; '.join('%s (%s)' % (L, (p['d0'] + dt.timedelta(days=d)).strftime('%d/%m/%Y')) for d, L in p['fractures']) or 'non'
    put(ws, r, [p['pid'], nom, pre, ipp, p['birth'], p['age'], 'F' if p['sex'] == 'female' else 'H',
                ETI[p['sub']] + (' (sein)' if p['sub'] == 'metastasis' and rng.random() < 0.5 else ''), st, nf, tel])
    idents += [('name', '%s %s' % (nom, pre)), ('name', nom), ('record_number', ipp), ('phone', tel),
               ('birth_date', p['birth'].strftime('%d/%m/%Y')), ('birth_date', p['birth'].isoformat())]
    p['prow'] = r; r += 1
ws.cell(r + 1, 1, 'DCD = décédé(e). Âge en années révolues au 1er geste.')
q = pats[6]; rr = q['prow']
ws.cell(rr, 5).value = '30/02/%d' % q['birth'].year
errors.append(['Patients', 'E%d' % rr, rr, 'Date de naissance', ws.cell(rr, 5).value, 'impossible date (30 February); should be %s' % q['birth'].strftime('%d/%m/%Y'), q['pid']])
# --- Gestes (one row per vertebra)
ws = wb.create_sheet('Gestes')
cols = ['N° inclusion', 'Geste n°', 'Date du geste', 'Niveau', 'Technique', 'Volume ciment (mL)', 'Ciment', 'Fuite de ciment', 'Opérateur']
head(ws, 1, cols)
r = 2
for p in pats:
    for s in p['sessions']:
        op = rng.choice(['Dr L.F.', 'Dr K.', 'Pr T.'])
        for l in s['levels']:
            v = l['vol']
            put(ws, r, [p['pid'], s['session'], s['date'], l['level'], 'VP' if s['technique'] == 'vertebroplasty' else 'CP',
                        (fr(v) + ' mL') if rng.random() < 0.3 else v, 'PMMA' if s['cement'] == 'PMMA' else 'phosphate de Ca',
                        LK[l['leak']], op])
            l['row'] = r; r += 1
ws.cell(r + 1, 1, 'VP = vertébroplastie, CP = cyphoplastie (ballonnets). Geste n° 2 = reprise pour nouvelle fracture.')
q = pats[2]; l = q['sessions'][0]['levels'][0]
ws.cell(l['row'], 4).value = 'L8'
errors.append(['Gestes', 'D%d' % l['row'], l['row'], 'Niveau', 'L8', 'impossible level L8; should be %s' % l['level'], q['pid']])
q = pats[13]; l = q['sessions'][0]['levels'][-1]
ws.cell(l['row'], 1).value = None
errors.append(['Gestes', 'A%d' % l['row'], l['row'], 'N° inclusion', '', 'missing study ID on a treated-vertebra row (level %s, %s); should be %s' % (l['level'], q['sessions'][0]['date'].strftime('%d/%m/%Y'), q['pid']), q['pid']])
# --- Suivi (one row per patient and geste)
ws = wb.create_sheet('Suivi')
ws['A1'] = 'EVA 0-10 (J0 = avant le geste ; S1, S6, S12, S24, S52 = semaines après le geste). ODI en %.'
ws.merge_cells('A1:L1')
cols = ['N° inclusion', 'Geste n°', 'EVA J0', 'EVA S1', 'EVA S6', 'EVA S12', 'EVA S24', 'EVA S52', 'ODI J0', 'ODI S12', 'ODI S52', 'Commentaire']
head(ws, 2, cols)
r = 3
MAP = {'EVA J0': ('pre', 'vas'), 'EVA S1': ('1w', 'vas'), 'EVA S6': ('6w', 'vas'), 'EVA S12': ('3m', 'vas'), 'EVA S24': ('6m', 'vas'),
       'EVA S52': ('12m', 'vas'), 'ODI J0': ('pre', 'odi'), 'ODI S12': ('3m', 'odi'), 'ODI S52': ('12m', 'odi')}
for p in pats:
    for s in p['sessions']:
        row = [p['pid'], s['session']]
        lost_mark = False
        for h in cols[2:-1]:
            tp, m = MAP[h]
            if s['session'] == 2 and tp not in TPS2:
                row.append(None); continue
            key = (s['session'], tp)
            if key in p['vis']:
                rec = p['vis'][key]
                row.append('NF' if rec is None else (evacell(rec[m]) if m == 'vas' else rec[m]))
            elif p['died'] and s['day'] + TPD[tp] >= p['death_day']:
                row.append('DCD')
            elif p.get('lost') and s['session'] == 1 and tp in ('3m', '6m', '12m'):
                row.append('perdu de vue' if (not lost_mark and m == 'vas') else None)
                lost_mark = lost_mark or m == 'vas'
            else:
                row.append(None)
        com = []
        if len(p['sessions']) > 1 and s['session'] == 1: com.append('reprise le %s' % p['sessions'][1]['date'].strftime('%d/%m/%Y'))
        row.append(', '.join(com) or None)
        put(ws, r, row); s['srow'] = r; r += 1
ws.cell(r + 1, 1, 'NF = consultation non faite ; DCD = patient décédé ; perdu de vue = plus de nouvelles.')
q = [x for x in pats if x['vis'].get((1, '6w'))][9]; s = q['sessions'][0]
ws.cell(s['srow'], 5).value = int(q['vis'][(1, '6w')]['vas'] * 10)
errors.append(['Suivi', 'E%d' % s['srow'], s['srow'], 'EVA S6', ws.cell(s['srow'], 5).value, 'EVA %s outside 0-10 scale (entered in mm); should be %s' % (ws.cell(s['srow'], 5).value, fr(q['vis'][(1, '6w')]['vas'])), q['pid']])
wb.save('input.xlsx')
write_truth(pats, pid, lambda p, s: 'vert', errors, idents)
