# ---- shared cohort generator (identical block in every site's make.py) ----
import sys, os, csv, random, datetime as dt

TP_DAYS = {'pre': (0, 0), '24h': (1, 0), '1w': (7, 1), '2w': (14, 2), '6w': (42, 4),
           '1m': (30, 3), '3m': (91, 8), '6m': (182, 12), '12m': (365, 20), '24m': (730, 25)}
LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEVEL_W = [1, 1, 2, 2, 3, 3, 4, 6, 10, 12, 8, 5, 3, 1]


def gen_cohort(seed, n, tps, tps2, measures, start, kp_share=0.4, cp_share=0.1,
               vas100=False, leak_unrec=0.05):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        r = R.random()
        et = 'osteoporotic' if r < 0.64 else 'pathologic' if r < 0.84 else 'traumatic' if r < 0.95 else 'other'
        age = {'osteoporotic': R.randint(58, 91), 'pathologic': R.randint(44, 82),
               'traumatic': R.randint(33, 72), 'other': R.randint(50, 80)}[et]
        sex = 'female' if R.random() < (0.78 if et == 'osteoporotic' else 0.5) else 'male'
        first = start + dt.timedelta(days=R.randint(0, 420))
        bdate = first - dt.timedelta(days=int(age * 365.25) + R.randint(20, 330))
        age = first.year - bdate.year - ((first.month, first.day) < (bdate.month, bdate.day))
        p = dict(idx=i, sex=sex, age=age, etiology=et, first=first, birth=bdate,
                 died=False, death_day=None, sessions=[], scores={}, visits={}, fractures=[])
        pats.append(p)

    def mk_session(p, sn, day):
        nv = R.choices([1, 2, 3], [68, 24, 8])[0]
        i0 = R.choices(range(len(LEVELS)), LEVEL_W)[0]
        i0 = min(i0, len(LEVELS) - nv)
        lv = LEVELS[i0:i0 + nv]
        if sn == 2:
            lv = [p['fractures'][-1][1]]
        tech = 'kyphoplasty' if R.random() < kp_share else 'vertebroplasty'
        cem = 'calcium phosphate' if (p['etiology'] == 'traumatic' and R.random() < 0.5) or R.random() < cp_share / 3 else 'PMMA'
        verts = []
        for L in lv:
            vol = round(R.uniform(2.0, 5.5) + (1.0 if tech == 'kyphoplasty' else 0) + (0.8 if L.startswith('L') else 0), 1)
            lr = R.random()
            if lr < leak_unrec:
                leak = None
            elif lr < 0.74:
                leak = ['none']
            elif lr < 0.95:
                leak = [R.choices(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], [5, 5, 3, 1, 1])[0]]
            else:
                leak = ['disc', 'venous']
            verts.append(dict(level=L, vol=vol, leak=leak))
        p['sessions'].append(dict(n=sn, day=day, tech=tech, cement=cem, verts=verts))

    def score(p, tp, base_v, base_o, base_m, k):
        f = {'pre': 1.0, '24h': 0.62, '1w': 0.5, '2w': 0.45, '6w': 0.38, '1m': 0.4,
             '3m': 0.33, '6m': 0.3, '12m': 0.3, '24m': 0.3}[tp]
        out = {}
        if 'pain_vas' in measures:
            v = max(0, min(10, round(base_v * f + R.uniform(-0.8, 0.8))))
            out['pain_vas'] = v * 10 + (R.choice([0, 0, 2, 5, 8]) if v < 10 else 0) if vas100 else v
        if 'odi' in measures:
            out['odi'] = max(0, min(100, 2 * round((base_o * (0.35 + 0.65 * f) + R.uniform(-5, 5)) / 2)))
        if 'mobility' in measures:
            out['mobility'] = max(0, min(4, round(base_m * f + R.uniform(-0.4, 0.4))))
        return out

    # 3 with a second session, 2 with an untreated new fracture, 3 deaths
    idxs = list(range(n))
    R.shuffle(idxs)
    second = set(idxs[:3]); untreated = set(idxs[3:5])
    deathc = [i for i in idxs[5:] if pats[i]['etiology'] == 'pathologic'][:2] + \
             [i for i in idxs[5:] if pats[i]['etiology'] == 'osteoporotic' and pats[i]['age'] > 80][:1]
    for p in pats:
        i = p['idx']
        mk_session(p, 1, 0)
        bv, bo, bm = R.uniform(7, 9.6), R.uniform(50, 80), R.uniform(2.3, 4)
        stop_at = len(tps)
        if i in second or i in untreated:
            k = R.randint(2, len(tps) - 2) if i in second else R.randint(2, len(tps) - 1)
            stop_at = k + 1 if i in second else len(tps)
        if i in deathc:
            stop_at = R.randint(3, len(tps) - 1)
        for j, tp in enumerate(tps[:stop_at]):
            d0, jit = TP_DAYS[tp]
            day = d0 + R.randint(-jit, jit)
            p['visits'][(1, tp)] = day
            miss = tp != 'pre' and R.random() < 0.1
            for m, v in score(p, tp, bv, bo, bm, j).items():
                p['scores'][(1, m, tp)] = None if miss else v
        if i in second or i in untreated:
            tpk = tps[k]
            fday = p['visits'][(1, tpk)]
            lv = [v['level'] for v in p['sessions'][0]['verts']]
            cand = [L for L in LEVELS if L not in lv and abs(LEVELS.index(L) - LEVELS.index(lv[0])) <= 3]
            p['fractures'].append((fday, R.choice(cand)))
            for m in measures:
                if p['scores'].get((1, m, tpk), 0) is None:
                    p['scores'][(1, m, tpk)] = score(p, tpk, bv, bo, bm, 0)[m]
        if i in second:
            d2 = fday + R.randint(7, 24)
            mk_session(p, 2, d2)
            bv2, bo2, bm2 = R.uniform(7, 9.3), R.uniform(50, 75), R.uniform(2.3, 3.5)
            for tp in tps2:
                d0, jit = TP_DAYS[tp]
                p['visits'][(2, tp)] = d2 + d0 + R.randint(-jit, jit)
                for m, v in score(p, tp, bv2, bo2, bm2, 0).items():
                    p['scores'][(2, m, tp)] = v
        if i in deathc:
            p['died'] = True
            last = max(p['visits'].values())
            p['death_day'] = last + R.randint(20, 70)
    return pats


def ddate(p, day):
    return p['first'] + dt.timedelta(days=day)


def write_truth(outdir, pats, errors, idents, vas100=False, total_only=False):
    td = os.path.join(outdir, 'truth'); os.makedirs(td, exist_ok=True)
    def W(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f); w.writerow(header)
            for r in rows:
                w.writerow(['' if x is None else x for x in r])
    fmtv = lambda v: ('%g' % v) if v is not None else None
    W('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p['etiology'], 'yes' if p['died'] else 'no'] for p in pats if p.get('pid')])
    rows = []
    for p in pats:
        if not p.get('pid'): continue
        for s in p['sessions']:
            tot = round(sum(v['vol'] for v in s['verts']), 1)
            for v in s['verts']:
                rows.append([p['pid'], s['n'], s.get('t_day', s['day']), v['level'], s['tech'],
                             None if total_only else fmtv(v['vol']), fmtv(s.get('t_total', tot)) if total_only else None,
                             s['cement'], None if v['leak'] is None else ';'.join(v['leak'])])
    W('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        if not p.get('pid'): continue
        for (sn, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], list(TP_DAYS).index(kv[0][2]))):
            if v is None or (sn, m, tp) in p.get('t_drop', ()): continue
            if m == 'pain_vas' and vas100: v = v / 10
            rows.append([p['pid'], sn, m, tp, fmtv(v)])
    W('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    W('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, L] for p in pats if p.get('pid') for d, L in p['fractures']])
    W('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    W('identifiers.csv', ['kind', 'value'], list(dict.fromkeys(tuple(x) for x in idents)))
# ---- end of shared block ----
# ---- Bamako: one row per patient, 2nd session in its own columns, summary rows at the bottom ----
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment

TPS = ['pre', '24h', '1m', '3m', '6m']; TPS2 = ['pre', '1m']
TPL = {'pre': 'J0', '24h': 'J1', '1m': 'M1', '3m': 'M3', '6m': 'M6'}
NOMS = ['TRAORÉ', 'COULIBALY', 'DIARRA', 'KEÏTA', 'KONATÉ', 'SANGARÉ', 'DIALLO', 'TOURÉ', 'CISSÉ', 'DEMBÉLÉ', 'SIDIBÉ', 'SISSOKO', 'SAMAKÉ', 'DOUMBIA']
PREN = {'female': ['Aminata', 'Fatoumata', 'Kadiatou', 'Mariam', 'Oumou', 'Assitan', 'Djénéba', 'Rokia', 'Nana', 'Bintou'],
        'male': ['Moussa', 'Bakary', 'Seydou', 'Mamadou', 'Souleymane', 'Drissa', 'Modibo', 'Adama', 'Lassana', 'Boubacar']}
ETI = {'osteoporotic': ['Ostéoporose', 'ostéoporose post-ménopausique', 'OP sénile'],
       'pathologic': ['Métastase (sein)', 'Métastase (prostate)', 'Myélome'],
       'traumatic': ['Traumatisme (chute)', 'AVP moto'], 'other': ['Autre (ostéonécrose)']}
LKW = {'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale', 'epidural': 'épidurale', 'foraminal': 'foraminale'}
MISS = ['a ma na', 'NR', '-', 'perdu de vue']


def lev(L):
    return ('D' + L[1:]) if L[0] == 'T' else L


def comma(x):
    return ('%g' % x).replace('.', ',')


def leak_txt(s):
    if any(v['leak'] is None for v in s['verts']):
        for v in s['verts']: v['leak'] = None
        return 'non renseigné'
    parts = ['%s %s' % ('+'.join(LKW[k] for k in v['leak']), lev(v['level'])) for v in s['verts'] if v['leak'] != ['none']]
    return 'Non' if not parts else 'Oui: ' + ', '.join(parts)


def main(outdir):
    R = random.Random(2302)
    pats = gen_cohort(2302, 26, TPS, TPS2, ['pain_vas', 'mobility'], dt.date(2021, 9, 6), kp_share=0.15, cp_share=0)
    idents = []; errors = []
    wb = Workbook(); ws = wb.active; ws.title = 'Registre VP'
    ws['A1'] = "CHU du Point G — Service de Neurochirurgie / Rhumatologie, Bamako"
    ws['A2'] = "Registre des vertébroplasties et cyphoplasties 2021-2023 (Dr Sangaré) — EVA 0-10 ; Mobilité 0 = marche seul … 4 = grabataire"
    ws['A1'].font = Font(bold=True, size=13)
    H = ['N°', 'Code étude', 'Nom et prénom(s)', 'N° dossier', 'Sexe', 'Âge (ans)', 'Date de naissance', 'Téléphone',
         'Étiologie', 'Date intervention', 'Niveau(x)', 'Technique', 'Ciment', 'Volume ciment total (ml)', 'Fuite de ciment'] + \
        ['EVA ' + TPL[t] for t in TPS] + ['Mobilité ' + TPL[t] for t in TPS] + \
        ['Nouvelle fracture (date niveau)', '2e séance date', '2e séance niveau', '2e séance technique', '2e séance ciment',
         '2e séance volume', '2e séance fuite', '2e séance EVA avant', '2e séance EVA M1', '2e séance mobilité avant',
         '2e séance mobilité M1', 'Décès / Saya', 'Observations']
    HR = 4
    for c, h in enumerate(H, 1):
        ws.cell(HR, c, h).font = Font(bold=True)
        ws.cell(HR, c).fill = PatternFill('solid', fgColor='FCE4D6' if h.startswith('2e') else 'E2EFDA')
        ws.cell(HR, c).alignment = Alignment(wrap_text=True)
    col = {h: i + 1 for i, h in enumerate(H)}
    plain = [p for p in pats if len(p['sessions']) == 1 and not p['died'] and not p['fractures']]
    e_noid = plain[3]; e_vas = plain[6]; e_date = plain[10]
    e_vol = [p for p in plain if len(p['sessions'][0]['verts']) == 1][6]
    r = HR + 1
    for n, p in enumerate(pats, 1):
        p['pid'] = 'VP-PG-%03d' % (100 + p['idx'] + 1)
        name = '%s %s' % (R.choice(NOMS), R.choice(PREN[p['sex']]))
        rec = '%d/%02d' % (R.randint(1000, 9999), R.choice([20, 21, 22]))
        tel = '+223 %d%d %02d %02d %02d' % (R.choice([6, 7]), R.randint(0, 9), R.randint(0, 99), R.randint(0, 99), R.randint(0, 99))
        idents += [('name', name), ('record_number', rec), ('phone', tel)]
        w = lambda h, v: ws.cell(r, col[h], v)
        w('N°', n)
        if p is e_noid:
            errors.append([ws.title, 'B%d' % r, r, 'Code étude', '', 'row with data but no study ID', ''])
            p['pid'] = None
        else:
            w('Code étude', p['pid'])
        w('Nom et prénom(s)', name); w('N° dossier', rec)
        w('Sexe', R.choice(['F', 'F (muso)']) if p['sex'] == 'female' else R.choice(['M', 'M (cɛ)']))
        w('Âge (ans)', p['age'])
        if R.random() < 0.5:
            bd = p['birth'].strftime('%d/%m/%Y'); w('Date de naissance', bd); idents.append(('birth_date', bd))
        else:
            w('Date de naissance', 'inconnue')
        w('Téléphone', tel)
        w('Étiologie', R.choice(ETI[p['etiology']]))
        s1 = p['sessions'][0]
        d1 = s1['day'] and None
        ds = ddate(p, 0).strftime('%d/%m/%Y')
        if p is e_date:
            ds = '31/04/%d' % ddate(p, 0).year
            errors.append([ws.title, ws.cell(r, col['Date intervention']).coordinate, r, 'Date intervention', ds, 'impossible date 31 April', p['pid']])
        w('Date intervention', ds)
        w('Niveau(x)', R.choice([', ', ' + ', '-']).join(lev(v['level']) for v in s1['verts']) if len(s1['verts']) > 1 else lev(s1['verts'][0]['level']))
        w('Technique', 'Vertébroplastie' if s1['tech'] == 'vertebroplasty' else 'Cyphoplastie')
        w('Ciment', R.choice(['PMMA', 'Osteopal V', 'Vertecem']) if s1['cement'] == 'PMMA' else 'phosphate de calcium')
        tot = round(sum(v['vol'] for v in s1['verts']), 1)
        if p is e_vol:
            tot = 24.5; s1['t_total'] = 24.5
            errors.append([ws.title, ws.cell(r, col['Volume ciment total (ml)']).coordinate, r, 'Volume ciment total (ml)', '24,5',
                           'cement volume 24.5 ml in a single vertebra (>20 ml)', p['pid']])
        w('Volume ciment total (ml)', comma(tot))
        w('Fuite de ciment', leak_txt(s1))
        for m, lab in [('pain_vas', 'EVA '), ('mobility', 'Mobilité ')]:
            for t in TPS:
                k = (1, m, t)
                if k in p['scores']:
                    v = p['scores'][k]
                    if v is None:
                        v = R.choice(MISS)
                    elif p is e_vas and k == (1, 'pain_vas', 'pre'):
                        v = 15; p['scores'][k] = 15
                        errors.append([ws.title, ws.cell(r, col[lab + TPL[t]]).coordinate, r, lab + TPL[t], '15', 'EVA 15 beyond 0-10 scale', p['pid']])
                    w(lab + TPL[t], v)
                elif p['died']:
                    w(lab + TPL[t], 'DCD')
                elif len(p['sessions']) > 1:
                    w(lab + TPL[t], 'cf. 2e séance')
        if p['fractures']:
            d, L = p['fractures'][0]
            w('Nouvelle fracture (date niveau)', '%s %s' % (ddate(p, d).strftime('%d-%m-%y'), lev(L)))
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            w('2e séance date', ddate(p, s2['day']).strftime('%d-%m-%y'))
            w('2e séance niveau', lev(s2['verts'][0]['level']))
            w('2e séance technique', 'VP' if s2['tech'] == 'vertebroplasty' else 'CP')
            w('2e séance ciment', 'PMMA' if s2['cement'] == 'PMMA' else 'phosphate de calcium')
            w('2e séance volume', comma(s2['verts'][0]['vol']))
            w('2e séance fuite', leak_txt(s2))
            w('2e séance EVA avant', p['scores'][(2, 'pain_vas', 'pre')]); w('2e séance EVA M1', p['scores'][(2, 'pain_vas', '1m')])
            w('2e séance mobilité avant', p['scores'][(2, 'mobility', 'pre')]); w('2e séance mobilité M1', p['scores'][(2, 'mobility', '1m')])
        w('Décès / Saya', 'Oui, %s' % ddate(p, p['death_day']).strftime('%d-%m-%y') if p['died'] else 'Non')
        if p['died']:
            w('Observations', 'a sara (décès annoncé par la famille)')
        elif p['etiology'] == 'pathologic':
            w('Observations', 'suivi oncologie')
        r += 1
    # summary rows
    last = r - 1
    r += 1
    ws.cell(r, col['Nom et prénom(s)'], 'Moyenne').font = Font(bold=True)
    ws.cell(r, col['Âge (ans)'], round(sum(p['age'] for p in pats) / len(pats), 1))
    for t in TPS:
        vals = [p['scores'][(1, 'pain_vas', t)] for p in pats if p['scores'].get((1, 'pain_vas', t)) is not None]
        ws.cell(r, col['EVA ' + TPL[t]], round(sum(vals) / len(vals), 1))
    vols = [p['sessions'][0].get('t_total', round(sum(v['vol'] for v in p['sessions'][0]['verts']), 1)) for p in pats]
    ws.cell(r, col['Volume ciment total (ml)'], comma(round(sum(vols) / len(vols), 1)))
    r += 1
    ws.cell(r, col['Nom et prénom(s)'], 'Effectif (n)').font = Font(bold=True)
    ws.cell(r, col['Âge (ans)'], len(pats)); ws.cell(r, col['Volume ciment total (ml)'], len(pats))
    r += 1
    ws.cell(r, col['Nom et prénom(s)'], 'Total ciment (ml)').font = Font(bold=True)
    v2 = [s['verts'][0]['vol'] for p in pats for s in p['sessions'][1:]]
    ws.cell(r, col['Volume ciment total (ml)'], comma(round(sum(vols), 1)))
    ws.cell(r, col['2e séance volume'], comma(round(sum(v2), 1)))
    r += 2
    ws.cell(r, 1, 'Légende: a ma na = pas venu au contrôle ; NR = non revu ; DCD = décédé ; D = dorsale (thoracique)')
    ws.freeze_panes = 'D5'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents, total_only=True)


if __name__ == '__main__':
    main(sys.argv[1])
