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
# ---- Strasbourg: hospital-system export, one row per encounter (intervention / consultation / décès) ----
from openpyxl import Workbook
from openpyxl.styles import Font

TPS = ['pre', '24h', '6w', '3m', '12m']; TPS2 = ['pre', '6w']
DEL = {'24h': 'J1', '6w': 'S6', '3m': 'M3', '12m': 'M12'}
NOMS = ['MULLER', 'SCHMITT', 'MEYER', 'WEBER', 'KLEIN', 'WOLFF', 'SCHNEIDER', 'HEITZ', 'BURGER', 'ROTH', 'FRITSCH',
        'GOETZ', 'HUBER', 'KIEFFER', 'SPECHT', 'WALTER']
PREN = {'female': ['Marie-Odile', 'Odile', 'Liliane', 'Germaine', 'Suzanne', 'Marthe', 'Christiane', 'Annelise', 'Huguette'],
        'male': ['Jean-Paul', 'Albert', 'Gérard', 'Alphonse', 'Joseph', 'René', 'Lucien', 'Bernard', 'Fernand']}
ETI = {'osteoporotic': ['Ostéoporose', 'Tassement ostéoporotique'], 'pathologic': ['Métastase (sein)', 'Myélome multiple', 'Métastase (poumon)'],
       'traumatic': ['Traumatique (chute échelle)', 'Traumatique (AVP)'], 'other': ['Autre: maladie de Kümmell']}
LK = {'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale', 'epidural': 'épidurale', 'foraminal': 'foraminale'}
NOTES = ['Schmerzen besser, geht wieder spazieren', "s'Rüeckeweh isch besser (dixit patiente)", 'RAS, marche sans canne',
         'Patientin zufrieden', 'douleurs résiduelles modérées', 'kontrolle ok', '']


def cm(x):
    return ('%g' % x).replace('.', ',')


def main(outdir):
    R = random.Random(2305)
    pats = gen_cohort(2308, 23, TPS, TPS2, ['pain_vas', 'odi'], dt.date(2021, 1, 11), kp_share=0.45, vas100=True)
    idents = []; errors = []
    wb = Workbook(); ws = wb.active; ws.title = 'Extraction'
    ws['A1'] = 'Hôpitaux Universitaires de Strasbourg — Hautepierre, Radiologie interventionnelle ostéo-articulaire'
    ws['A2'] = 'Extraction DPI « cimentoplasties vertébrales » du 03.04.2023 — EVA en mm (0-100) — usage interne'
    H = ['N° étude', 'IPP', 'Nom', 'Prénom', 'Né(e) le', 'Sexe', 'Étiologie', 'Tél.', 'Date venue', 'Type de venue',
         'Délai', 'Intervention de référence', 'Niveaux', 'Technique', 'Ciment', 'Volume (ml)', 'Fuite', 'EVA (mm)', 'ODI (%)', 'Commentaire']
    HR = 4
    for c, h in enumerate(H, 1): ws.cell(HR, c, h).font = Font(bold=True)
    col = {h: i + 1 for i, h in enumerate(H)}
    plain = [p for p in pats if len(p['sessions']) == 1 and not p['died'] and not p['fractures']]
    e_vas, e_before, e_feb = plain[0], plain[3], plain[7]
    e_vol = [p for p in plain if len(p['sessions'][0]['verts']) == 1 and p not in (e_vas, e_before, e_feb)][4]
    r = HR + 1
    for p in pats:
        p['pid'] = 'HUS-CV-%03d' % (p['idx'] + 1)
        nom, pren = R.choice(NOMS), R.choice(PREN[p['sex']])
        ipp = '%d' % R.randint(1000000000, 1999999999)
        bd = p['birth'].strftime('%d.%m.%Y')
        tel = '03 88 %02d %02d %02d' % (R.randint(0, 99), R.randint(0, 99), R.randint(0, 99))
        idents += [('name', nom), ('name', pren), ('record_number', ipp), ('birth_date', bd), ('phone', tel)]
        eti = R.choice(ETI[p['etiology']])
        ev = []  # (day, order, kind, data)
        for s in p['sessions']:
            ev.append((s['day'], 0, 'int', s))
            tps = TPS if s['n'] == 1 else TPS2
            for t in tps[1:]:
                if (s['n'], t) in p['visits']:
                    ev.append((p['visits'][(s['n'], t)], 1, 'cs', (s, t)))
        if p['died']:
            ev.append((p['death_day'], 2, 'dcd', None))
        ev.sort(key=lambda e: (e[0], e[1]))
        for day, _, kind, data in ev:
            def w(h, v): ws.cell(r, col[h], v)
            w('N° étude', p['pid']); w('IPP', ipp); w('Nom', nom); w('Prénom', pren); w('Né(e) le', bd)
            w('Sexe', 'F' if p['sex'] == 'female' else 'M'); w('Étiologie', eti); w('Tél.', tel)
            d = ddate(p, day)
            ds = d.strftime('%d/%m/%Y') if R.random() < 0.6 else d.strftime('%d.%m.%Y')
            if kind == 'int':
                s = data
                w('Date venue', ds); w('Type de venue', 'Hospitalisation ambulatoire — cimentoplastie' if s['n'] == 1 else 'Réhospitalisation — cimentoplastie')
                w('Délai', 'J0'); w('Intervention de référence', ddate(p, s['day']).strftime('%d/%m/%Y'))
                w('Niveaux', ', '.join(v['level'] for v in s['verts']))
                w('Technique', 'Vertébroplastie' if s['tech'] == 'vertebroplasty' else 'Cyphoplastie (Kyphon)')
                w('Ciment', R.choice(['Osteopal V', 'Vertecem V+', 'PMMA']) if s['cement'] == 'PMMA' else 'Phosphate de calcium')
                vols = [v['vol'] for v in s['verts']]
                if p is e_vol:
                    vols = [21.5]; s['verts'][0]['vol'] = 21.5
                    errors.append([ws.title, 'P%d' % r, r, 'Volume (ml)', '21,5', 'cement volume 21.5 ml in one vertebra (>20 ml)', p['pid']])
                w('Volume (ml)', ' / '.join(cm(x) for x in vols))
                if any(v['leak'] is None for v in s['verts']):
                    for v in s['verts']: v['leak'] = None
                    w('Fuite', 'n.r.')
                else:
                    parts = ['%s %s' % (' et '.join(LK[k] for k in v['leak']), v['level']) for v in s['verts'] if v['leak'] != ['none']]
                    w('Fuite', 'non' if not parts else ' ; '.join(parts))
                vas = p['scores'][(s['n'], 'pain_vas', 'pre')]
                if p is e_vas:
                    vas = p['scores'][(1, 'pain_vas', 'pre')] = 150
                    errors.append([ws.title, 'R%d' % r, r, 'EVA (mm)', '150', 'EVA 150 mm beyond the 0-100 mm scale', p['pid']])
                w('EVA (mm)', vas); w('ODI (%)', p['scores'][(s['n'], 'odi', 'pre')])
                w('Commentaire', 'EVA/ODI recueillis en pré-op' + (' ; neue Fraktur, erneute Zementierung' if s['n'] == 2 else ''))
            elif kind == 'cs':
                s, t = data
                vas, odi = p['scores'][(s['n'], 'pain_vas', t)], p['scores'][(s['n'], 'odi', t)]
                if p is e_before and t == '3m':
                    d = ddate(p, -12); ds = d.strftime('%d/%m/%Y')
                    errors.append([ws.title, 'I%d' % r, r, 'Date venue', ds, 'follow-up visit (M3) dated before the procedure', p['pid']])
                if p is e_feb and t == '6w':
                    ds = '29.02.%d' % d.year
                    errors.append([ws.title, 'I%d' % r, r, 'Date venue', ds, 'impossible date 29 February in a non-leap year', p['pid']])
                w('Date venue', ds)
                w('Type de venue', 'Appel téléphonique' if t == '24h' else 'Consultation de suivi')
                w('Délai', DEL[t]); w('Intervention de référence', ddate(p, s['day']).strftime('%d/%m/%Y'))
                if vas is None:
                    w('Type de venue', 'Appel téléphonique — injoignable' if t == '24h' else 'Consultation de suivi — non venu'); w('EVA (mm)', R.choice(['n.d.', 'NV'])); w('ODI (%)', 'n.d.')
                    w('Commentaire', R.choice(['RDV non honoré', 'nicht erschienen', 'absent, pas de nouvelles']))
                else:
                    w('EVA (mm)', vas); w('ODI (%)', odi if t != '24h' else 'n.d.')
                    if t == '24h':
                        p['scores'][(s['n'], 'odi', t)] = None
                    note = R.choice(NOTES)
                    for fd, L in p['fractures']:
                        if fd == day and s['n'] == 1:
                            note = 'Nouvelle fracture %s (IRM) — neuer Wirbelbruch' % L
                    w('Commentaire', note or None)
            else:
                w('Date venue', ds); w('Type de venue', 'Décès'); w('Commentaire', R.choice(['décédé(e) au domicile', 'DCD en EHPAD', 'verstorben (Mitteilung Hausarzt)']))
            r += 1
    os.makedirs(outdir, exist_ok=True)
    ws.freeze_panes = 'C5'
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents, vas100=True)


if __name__ == '__main__':
    main(sys.argv[1])
