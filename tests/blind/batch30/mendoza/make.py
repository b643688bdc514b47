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

# ---------------- Mendoza: multicentre workbook, one sheet per hospital ----------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment
rng = random.Random(3011)
CEN = [('HC', 'H. Central'), ('LG', 'Lagomaggiore'), ('HE', 'H. Español')]
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
allp = []
for k, (cc, sh) in enumerate(CEN):
    tech = (lambda r: 'vertebroplasty') if cc == 'HC' else ((lambda r: 'kyphoplasty' if r.random() < 0.8 else 'vertebroplasty') if cc == 'LG' else (lambda r: r.choice(['vertebroplasty', 'kyphoplasty'])))
    ps = gen(rng, 6, dt.date(2021, 3, 1), dt.date(2022, 9, 30), TPS, ['pre', '1m', '3m'], tech,
             (lambda r: 'PMMA') if cc != 'LG' else (lambda r: 'PMMA' if r.random() < 0.7 else None),
             odi=(cc == 'LG'))
    ps.sort(key=lambda p: p['d0'])
    for j, p in enumerate(ps):
        p['cc'] = cc; p['pid'] = 'VP-%s-%03d' % (cc, j + 1)
        if cc == 'LG':
            for s in p['sessions']:
                for l in s['levels']:
                    l['leak'] = l['leak']  # recorded
    if cc == 'LG':
        for p in ps:
            for (si, tp), rec in p['vis'].items():
                if rec is not None and tp not in ('pre', '3m', '12m'):
                    rec.pop('odi', None)
    allp += ps
pid = lambda p: p['pid']
NOM = ['Gómez', 'Fernández', 'Quiroga', 'Sosa', 'Giménez', 'Ortiz', 'Funes', 'Lucero', 'Videla', 'Aguirre', 'Molina', 'Ponce',
       'Arenas', 'Correa', 'Guiñazú', 'Morales', 'Rosales', 'Pizarro', 'Vargas', 'Herrera']
NF = ['María Inés', 'Rosa', 'Norma', 'Graciela', 'Teresa', 'Elsa', 'Beatriz', 'Susana', 'Marta', 'Olga']
NM = ['Juan Carlos', 'Héctor', 'Raúl', 'Oscar', 'Jorge', 'Rubén', 'Miguel', 'Domingo']
idents = []
for p in allp:
    p['ape'] = rng.choice(NOM); p['nom'] = rng.choice(NF if p['sex'] == 'female' else NM)
    p['dni'] = '%d.%03d.%03d' % (rng.randint(4, 18), rng.randint(0, 999), rng.randint(0, 999))
    p['hc'] = str(rng.randint(100000, 899999))
    p['tel'] = '261 %d-%04d' % (rng.randint(420, 699), rng.randint(0, 9999))
ETI = {'osteoporotic': ['osteoporosis', 'OP', 'osteoporótica'], 'traumatic': ['traumática', 'trauma (caída)', 'traumatica'],
       'haemangioma': ['hemangioma', 'hemangioma agresivo', 'hemangioma'],
       'metastasis': ['metástasis (mama)', 'MTS pulmón', 'metástasis próstata'], 'myeloma': ['mieloma múltiple', 'MM', 'mieloma']}
LK = {'none': 'no', 'disc': 'disco', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural', 'disc;venous': 'disco + venosa'}
def es(x):
    s = ('%.1f' % x).replace('.', ',')
    return s[:-2] if s.endswith(',0') else s
errors = []
wb = openpyxl.Workbook(); wb.remove(wb.active)
HDRF = PatternFill('solid', fgColor='BDD7EE'); B = Font(bold=True)
DF = 'DD/MM/YYYY'
def title(ws, lines, ncol):
    for r, t in enumerate(lines, 1):
        ws.cell(r, 1, t).font = Font(bold=(r == 1), size=13 if r == 1 else 10)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
def hdr(ws, r, cols):
    for c, h in enumerate(cols, 1):
        x = ws.cell(r, c, h); x.font = B; x.fill = HDRF; x.alignment = Alignment(wrap_text=True)
        ws.column_dimensions[CL(c)].width = max(9, min(24, len(h) + 2))

def fu(p, s, tp, dead_word, miss_word):
    key = (s['session'], tp)
    if key in p['vis']:
        r = p['vis'][key]
        return miss_word if r is None else r
    if p['died'] and s['day'] + TPD[tp] >= p['death_day']:
        return dead_word
    return None

# ---- Sheet 1: Hospital Central (one row per operation, per-vertebra volumes "3,5 / 4") ----
ws = wb.create_sheet('H. Central')
cols = ['ID estudio', 'Apellido y nombre', 'DNI', 'HC', 'Sexo', 'Edad', 'Etiología', 'Fecha cirugía', 'Cirugía', 'Niveles',
        'Técnica', 'Vol. cemento x nivel (ml)', 'Cemento', 'Fuga', 'EVA pre', 'EVA 24 hs', 'EVA 1 mes', 'EVA 3 meses',
        'EVA 6 meses', 'EVA 12 meses', 'Nueva fractura', 'Fallecimiento', 'Observaciones']
title(ws, ['Estudio multicéntrico Vertebroplastia/Cifoplastia Mendoza — planilla de carga', 'Centro: Hospital Central — Coordinadora: Dra. Silvina Ávila (Servicio de Neurocirugía)', 'Cargar EVA 0-10. "NC" = no concurrió al control. Fechas dd/mm/aaaa.'], len(cols))
idents += [('name', 'Silvina Ávila')]
hdr(ws, 5, cols)
r = 6
for p in [q for q in allp if q['cc'] == 'HC']:
    for s in p['sessions']:
        lv = ', '.join(l['level'] for l in s['levels'])
        vols = ' / '.join(es(l['vol']) for l in s['levels'])
        lks = [l for l in s['levels'] if l['leak'] != 'none']
        fuga = 'no' if not lks else '; '.join('%s %s' % (l['level'], LK[l['leak']]) for l in lks)
        row = [p['pid'], '%s, %s' % (p['ape'].upper(), p['nom']), p['dni'], p['hc'], 'F' if p['sex'] == 'female' else 'M', p['age'],
               ETI[p['sub']][0], s['date'], '1ra' if s['session'] == 1 else '2da (reintervención)', lv, 'VP', vols, s['cement'], fuga]
        for tp in TPS:
            v = fu(p, s, tp, '†', 'NC') if (s['session'] == 1 or tp in ('pre', '1m', '3m')) else None
            row.append(v['vas'] if isinstance(v, dict) else v)
        nf = '; '.join('%s (%s)' % (L, (p['d0'] + dt.timedelta(days=d)).strftime('%d/%m/%Y')) for d, L in p['fractures']) if s['session'] == 1 else None
        row += [nf or ('no' if s['session'] == 1 else None),
                (p['d0'] + dt.timedelta(days=p['death_day'])) if (p['died'] and s['session'] == 1) else None,
                'reintervenido' if (s['session'] == 1 and len(p['sessions']) > 1) else None]
        for c, v in enumerate(row, 1):
            x = ws.cell(r, c, v)
            if isinstance(v, dt.date): x.number_format = DF
        idents += [('name', '%s, %s' % (p['ape'].upper(), p['nom'])), ('national_id', p['dni']), ('record_number', p['hc'])]
        p.setdefault('rows', []).append(r)
        r += 1
ws.cell(r + 1, 1, 'Niveles separados por coma; volumen en el mismo orden que los niveles. † = paciente fallecido.')
# planted errors on H. Central
pe = [q for q in allp if q['cc'] == 'HC']
q = pe[1]; rr = q['rows'][0]; bad = ws.cell(rr, 10).value.split(', '); old = ws.cell(rr, 10).value
bad[-1] = 'L7'; ws.cell(rr, 10).value = ', '.join(bad)
errors.append(['H. Central', 'J%d' % rr, rr, 'Niveles', ws.cell(rr, 10).value, 'impossible level L7; should be %s' % old, q['pid']])

# ---- Sheet 2: Lagomaggiore (different order, total volume "cc", ODI, Sí/No) ----
ws = wb.create_sheet('Lagomaggiore')
cols = ['N°', 'Código', 'Paciente', 'Sexo', 'Edad (años)', 'Diagnóstico', 'N° proc.', 'Fecha proc.', 'Procedimiento', 'Nivel/es',
        'Volumen total', 'Tipo cemento', 'Extravasación', 'EVA basal', 'ODI basal (%)', 'EVA 24h', 'EVA 30d', 'EVA 90d', 'ODI 90d (%)',
        'EVA 180d', 'EVA 1 año', 'ODI 1 año (%)', 'Fx nueva (nivel)', 'Fx nueva (fecha)', 'Falleció', 'Tel. contacto']
title(ws, ['VERTEBRO-MZA  /  Hospital Luis Lagomaggiore', 'Coordinador: Dr. Martín Zalazar', ''], len(cols))
idents += [('name', 'Martín Zalazar')]
hdr(ws, 4, cols)
r = 5; n = 0
for p in [q for q in allp if q['cc'] == 'LG']:
    for s in p['sessions']:
        n += 1
        lks = [l for l in s['levels'] if l['leak'] != 'none']
        ext = 'No' if not lks else 'Sí - ' + ', '.join('%s %s' % (LK[l['leak']], l['level']) for l in lks)
        tot = round(sum(l['vol'] for l in s['levels']), 1)
        def g(tp, key):
            if s['session'] == 2 and tp not in ('pre', '1m', '3m'):
                return None
            v = fu(p, s, tp, 'fallecido', 's/d')
            return v.get(key) if isinstance(v, dict) else (v if key == 'vas' else None)
        frs = p['fractures'] if s['session'] == 1 else []
        row = [n, p['pid'], '%s %s' % (p['nom'], p['ape']), 'Fem' if p['sex'] == 'female' else 'Masc', p['age'], ETI[p['sub']][1],
               s['session'], s['date'], 'Cifoplastia' if s['technique'] == 'kyphoplasty' else 'Vertebroplastia',
               '-'.join(l['level'] for l in s['levels']) if len(s['levels']) < 3 else ', '.join(l['level'] for l in s['levels']),
               '%s cc' % es(tot), s['cement'] or '', ext,
               g('pre', 'vas'), g('pre', 'odi'), g('24h', 'vas'), g('1m', 'vas'), g('3m', 'vas'), g('3m', 'odi'), g('6m', 'vas'), g('12m', 'vas'), g('12m', 'odi'),
               ', '.join(L for d, L in frs) or None, (p['d0'] + dt.timedelta(days=frs[0][0])) if frs else None,
               ('Sí ' + (p['d0'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%y')) if p['died'] else 'No', p['tel']]
        for c, v in enumerate(row, 1):
            x = ws.cell(r, c, v)
            if isinstance(v, dt.date): x.number_format = DF
        idents += [('name', '%s %s' % (p['nom'], p['ape'])), ('phone', p['tel'])]
        p.setdefault('rows', []).append(r)
        r += 1
ws.cell(r + 1, 1, 'Nivel/es: "T12-L1" = dos vértebras (T12 y L1). Volumen total de la intervención. s/d = sin dato (no vino al control).')
pe = [q for q in allp if q['cc'] == 'LG']
q = [x for x in pe if x['vis'].get((1, '1m'))][2]; rr = q['rows'][0]
ws.cell(rr, 17).value = q['vis'][(1, '1m')]['vas'] * 10 + 5
errors.append(['Lagomaggiore', 'Q%d' % rr, rr, 'EVA 30d', ws.cell(rr, 17).value, 'VAS %s outside 0-10 scale (sheet uses 0-10); should be %s' % (ws.cell(rr, 17).value, q['vis'][(1, '1m')]['vas']), q['pid']])

# ---- Sheet 3: Hospital Español (one row per vertebra, merged patient cells) ----
ws = wb.create_sheet('H. Español')
cols = ['Cód. paciente', 'Iniciales', 'DNI', 'F. nac.', 'Sexo', 'Causa', 'Interv.', 'Fecha', 'Técnica', 'Vértebra', 'ml', 'Cemento',
        'Fuga', 'EVA prev.', 'EVA 24h', 'EVA 1m', 'EVA 3m', 'EVA 6m', 'EVA 12m', 'Fractura nueva', 'Estado final']
title(ws, ['Hospital Español de Mendoza — Registro VP/CP (multicéntrico)', 'Carga: Lic. Paula Ferreyra — una fila por vértebra tratada'], len(cols))
idents += [('name', 'Paula Ferreyra')]
hdr(ws, 4, cols)
r = 5
for p in [q for q in allp if q['cc'] == 'HE']:
    p0 = r
    for s in p['sessions']:
        s0 = r
        for l in s['levels']:
            ws.cell(r, 10, l['level']); ws.cell(r, 11, l['vol']).number_format = '0.0'
            ws.cell(r, 13, LK[l['leak']] if l['leak'] != 'none' else 'sin fuga')
            l['row'] = r
            r += 1
        vals = {7: '%d°' % s['session'], 8: s['date'], 9: 'VP' if s['technique'] == 'vertebroplasty' else 'CP', 12: s['cement']}
        for k, tp in enumerate(TPS):
            if s['session'] == 2 and tp not in ('pre', '1m', '3m'):
                continue
            v = fu(p, s, tp, 'óbito', 'no vino')
            vals[14 + k] = v['vas'] if isinstance(v, dict) else v
        for c, v in vals.items():
            x = ws.cell(s0, c, v)
            if isinstance(v, dt.date): x.number_format = DF
            if r - s0 > 1: ws.merge_cells(start_row=s0, start_column=c, end_row=r - 1, end_column=c)
    ini = p['nom'][0] + p['ape'][0]
    bd = p['birth']
    frs = '; '.join('%s el %s' % (L, (p['d0'] + dt.timedelta(days=d)).strftime('%d/%m/%Y')) for d, L in p['fractures'])
    fin = ('óbito %s' % (p['d0'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y')) if p['died'] else 'vivo'
    vals = {1: p['pid'], 2: ini, 3: p['dni'].replace('.', ''), 4: bd, 5: p['sex'][0].upper().replace('M', 'M'), 6: ETI[p['sub']][2], 20: frs or '-', 21: fin}
    vals[5] = 'F' if p['sex'] == 'female' else 'M'
    for c, v in vals.items():
        x = ws.cell(p0, c, v)
        if isinstance(v, dt.date): x.number_format = DF
        if r - p0 > 1: ws.merge_cells(start_row=p0, start_column=c, end_row=r - 1, end_column=c)
    idents += [('national_id', p['dni'].replace('.', '')), ('birth_date', bd.strftime('%d/%m/%Y')), ('birth_date', bd.isoformat())]
    p['rows'] = [p0]
ws.cell(r + 1, 1, 'Cuando hay más de una vértebra las celdas del paciente están combinadas. Edad se calcula con F. nac.')
pe = [q for q in allp if q['cc'] == 'HE']
q = pe[2]; l = q['sessions'][0]['levels'][0]
ws.cell(l['row'], 11).value = l['vol'] * 10
errors.append(['H. Español', 'K%d' % l['row'], l['row'], 'ml', ws.cell(l['row'], 11).value, 'cement volume %s ml for one vertebra impossible (decimal lost); should be %s' % (ws.cell(l['row'], 11).value, l['vol']), q['pid']])
q = pe[4]; rr = q['rows'][0]
ws.cell(rr, 1).value = None
errors.append(['H. Español', 'A%d' % rr, rr, 'Cód. paciente', '', 'missing study ID; should be %s (DNI %s)' % (q['pid'], q['dni'].replace('.', '')), q['pid']])
for w_ in wb.worksheets:
    w_.freeze_panes = None
wb.save('input.xlsx')
write_truth(allp, pid, lambda p, s: 'total' if p['cc'] == 'LG' else 'vert', errors, idents)
