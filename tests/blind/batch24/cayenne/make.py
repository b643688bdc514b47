# ---- cohort generator (self-contained) ----
import sys, os, csv, random, datetime as dt

TP_DAY = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
ALL_LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def pick_levels(R, k):
    w = [1, 1, 2, 3, 4, 5, 7, 10, 14, 14, 8, 5, 3, 2]
    while True:
        i = R.choices(range(len(ALL_LEVELS)), weights=w)[0]
        if i + k <= len(ALL_LEVELS):
            return ALL_LEVELS[i:i + k]


def pick_leak(R):
    r = R.random()
    if r < 0.72:
        return ['none']
    if r < 0.93:
        return [R.choice(['disc', 'venous', 'paravertebral', 'disc', 'venous'])]
    a = R.sample(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], 2)
    return sorted(a, key=LEAKS.index)


def score(R, measure, tp, pre=None):
    if measure == 'pain_vas':
        if tp == 'pre':
            return R.randint(6, 10)
        f = {'24h': .55, '1w': .5, '2w': .45, '6w': .4, '1m': .4, '3m': .35, '6m': .3, '12m': .3, '24m': .3}[tp]
        return max(0, min(10, round(pre * f + R.uniform(-1.2, 1.5))))
    if measure == 'odi':
        if tp == 'pre':
            return R.randrange(40, 86, 2)
        f = {'24h': .8, '1w': .7, '2w': .65, '6w': .6, '1m': .6, '3m': .5, '6m': .45, '12m': .42, '24m': .4}[tp]
        return max(0, min(100, 2 * round((pre * f + R.uniform(-6, 6)) / 2)))
    if measure == 'mobility':
        if tp == 'pre':
            return R.randint(2, 4)
        return max(0, min(4, pre - R.choice([1, 1, 2, 2, 3])))


def gen_cohort(R, n, start, measures, s2_measures, n_s2=3, n_fx_only=1, n_dead=3,
               p_kypho=0.3, p_cap=0.1, vol_step=0.5, p_missing=0.1):
    """measures: {measure: [timepoints]} for session 1; s2_measures likewise for session 2."""
    pts = []
    all_tps = sorted({t for v in measures.values() for t in v}, key=lambda t: TP_DAY[t])
    for i in range(n):
        sex = 'female' if R.random() < 0.72 else 'male'
        etio = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], weights=[68, 17, 10, 5])[0]
        age = R.randint(38, 62) if etio in ('traumatic',) else R.randint(55, 89)
        d0 = start + dt.timedelta(days=R.randint(0, 700))
        dob = d0 - dt.timedelta(days=int(age * 365.25) + R.randint(10, 350))
        age = age_at(dob, d0)
        p = dict(idx=i, sex=sex, etio=etio, age=age, dob=dob, d0=d0, died='no', death_day=None,
                 sessions=[], scores={}, visit_day={}, fractures=[])
        k = R.choices([1, 2, 3], weights=[70, 22, 8])[0]
        tech = 'kyphoplasty' if R.random() < p_kypho else 'vertebroplasty'
        cem = 'calcium phosphate' if R.random() < p_cap else 'PMMA'
        verts = []
        for lv in pick_levels(R, k):
            base = 3.0 if lv.startswith('T') else 4.0
            if tech == 'kyphoplasty':
                base += 1.0
            v = round(round((base + R.uniform(-1.0, 2.5)) / vol_step) * vol_step, 1)
            verts.append([lv, v, pick_leak(R)])
        p['sessions'].append(dict(day=0, tech=tech, cement=cem, verts=verts))
        for m, tps in measures.items():
            pre = None
            for tp in tps:
                val = score(R, m, tp, pre)
                if tp == 'pre':
                    pre = val
                p['scores'][(1, m, tp)] = val
        for tp in all_tps:
            p['visit_day'][(1, tp)] = TP_DAY[tp] + (R.randint(0, 4) if TP_DAY[tp] >= 30 else 0)
        pts.append(p)
    # roles
    order = list(range(n))
    R.shuffle(order)
    s2 = order[:n_s2]
    fxo = order[n_s2:n_s2 + n_fx_only]
    # prefer pathologic deaths
    rest = [j for j in order[n_s2 + n_fx_only:]]
    rest.sort(key=lambda j: (pts[j]['etio'] != 'pathologic', j))
    dead = rest[:n_dead]
    later = [t for t in all_tps if TP_DAY[t] >= 91]
    for j in s2:
        p = pts[j]
        tp = later[0]
        fday = p['visit_day'][(1, tp)]
        used = {v[0] for v in p['sessions'][0]['verts']}
        lo = ALL_LEVELS.index(p['sessions'][0]['verts'][0][0])
        hi = ALL_LEVELS.index(p['sessions'][0]['verts'][-1][0])
        cand = [ALL_LEVELS[x] for x in (lo - 1, hi + 1, hi + 2) if 0 <= x < len(ALL_LEVELS)]
        lv = cand[0] if R.random() < 0.5 or len(cand) == 1 else cand[1]
        p['fractures'].append((fday, lv))
        sday = fday + R.randint(6, 20)
        tech = p['sessions'][0]['tech']
        v = round(round((3.5 + R.uniform(-0.5, 2.0)) / vol_step) * vol_step, 1)
        p['sessions'].append(dict(day=sday, tech=tech, cement=p['sessions'][0]['cement'],
                                  verts=[[lv, v, pick_leak(R)]]))
        # session-1 scores after the detection visit are dropped
        for (s, m, t) in list(p['scores']):
            if s == 1 and TP_DAY[t] > TP_DAY[tp]:
                del p['scores'][(s, m, t)]
        for (s, t) in list(p['visit_day']):
            if s == 1 and TP_DAY[t] > TP_DAY[tp]:
                del p['visit_day'][(s, t)]
        s2tps = sorted({t for v in s2_measures.values() for t in v}, key=lambda t: TP_DAY[t])
        for m, tps in s2_measures.items():
            pre = None
            for t in tps:
                val = score(R, m, t, pre)
                if t == 'pre':
                    pre = val
                p['scores'][(2, m, t)] = val
        for t in s2tps:
            p['visit_day'][(2, t)] = sday + TP_DAY[t] + (R.randint(0, 4) if TP_DAY[t] >= 30 else 0)
    for j in fxo:
        p = pts[j]
        tp = later[-1]
        lv0 = ALL_LEVELS.index(p['sessions'][0]['verts'][-1][0])
        lv = ALL_LEVELS[lv0 + 1] if lv0 + 1 < len(ALL_LEVELS) else ALL_LEVELS[lv0 - len(p['sessions'][0]['verts'])]
        p['fractures'].append((p['visit_day'][(1, tp)], lv))
    for j in dead:
        p = pts[j]
        k = R.randint(2, len(all_tps) - 2)
        cut = all_tps[k]
        for (s, m, t) in list(p['scores']):
            if TP_DAY[t] > TP_DAY[cut]:
                del p['scores'][(s, m, t)]
        for (s, t) in list(p['visit_day']):
            if TP_DAY[t] > TP_DAY[cut]:
                del p['visit_day'][(s, t)]
        p['died'] = 'yes'
        p['death_day'] = p['visit_day'][(1, cut)] + R.randint(10, 40)
    # random missing visits (not 'pre')
    for p in pts:
        for (s, t) in list(p['visit_day']):
            fdays = {d for d, _ in p['fractures']}
            if t != 'pre' and p['visit_day'][(s, t)] not in fdays and R.random() < p_missing:
                for key in list(p['scores']):
                    if key[0] == s and key[2] == t:
                        p['scores'][key] = None
    return pts


def write_truth(outdir, pts, errors, identifiers, per_vertebra_volume=True, drop_levels=(), drop_scores=(),
                drop_vol=()):
    """drop_levels: {(pid, session, vert_index)} blank level; drop_scores: {(pid,s,m,t)} omitted;
    drop_vol: {(pid, session, vert_index)} blank volume."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    fmt = lambda v: ('%g' % v) if isinstance(v, float) else v
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etio'], p['died']] for p in pts if p.get('pid')])
    rows = []
    for p in pts:
        if not p.get('pid'):
            continue
        for si, s in enumerate(p['sessions'], 1):
            tot = round(sum(v[1] for v in s['verts']), 1)
            for vi, (lv, vol, lk) in enumerate(s['verts']):
                lvl = '' if (p['pid'], si, vi) in drop_levels else lv
                if per_vertebra_volume:
                    cv, sv = ('' if (p['pid'], si, vi) in drop_vol else fmt(vol)), ''
                else:
                    cv, sv = '', ('' if (p['pid'], si, 0) in drop_vol else fmt(tot))
                rows.append([p['pid'], si, s['day'], lvl, s['tech'], cv, sv, s['cement'], ';'.join(lk)])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        if not p.get('pid'):
            continue
        for (s, m, t), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], TP_DAY[kv[0][2]])):
            if v is None or (p['pid'], s, m, t) in drop_scores:
                continue
            rows.append([p['pid'], s, m, t, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pts if p.get('pid') for (d, lv) in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)
# ---- end generator ----

# ---- Cayenne: hospital-system export, one row per visit/event, ';' separated CSV, decimal commas ----
R = random.Random(2404)
S1 = {'pain_vas': ['pre', '24h', '1m', '3m', '6m'], 'odi': ['pre', '3m', '6m']}
S2 = {'pain_vas': ['pre', '24h', '1m'], 'odi': ['pre']}
pts = gen_cohort(R, 25, dt.date(2021, 6, 1), S1, S2, n_s2=3, n_fx_only=2, n_dead=2, p_kypho=0.4, p_cap=0.12)

NOMS = ['BIRBA', 'JEAN-LOUIS', 'HO-A-CHUCK', 'LINGUET', 'CLET', 'PANELLE', 'DA SILVA', 'DOS SANTOS', 'SOPHIE',
        'AMÉRICO', 'MATHURIN', 'BRUNEAU', 'HILAIRE', 'LÉON', 'FERREIRA', 'NGUYEN', 'ALCIDE', 'POMPÉE', 'CHOW-CHINE',
        'ÉDOUARD', 'RIMANE', 'SYLVESTRE', 'OLIVEIRA', 'MONTOUTE', 'ELFORT', 'DÉSIRÉ']
PF = ['Marie-Josée', 'Georgette', 'Lucienne', 'Maria das Graças', 'Francine', 'Rosemonde', 'Raimunda', 'Odile',
      'Yvette', 'Antonia', 'Ginette', 'Léonie']
PM = ['Jean-Claude', 'Raymond', 'José', 'Lucien', 'Antônio', 'Serge', 'Max', 'Félix']
ETIO = {'osteoporotic': ['ostéoporose', 'ostéoporose cortisonique'], 'pathologic': ['métastase (sein)', 'myélome',
        'métastase (prostate)'], 'traumatic': ['traumatique (chute)', 'AVP'], 'other': ['autre (hémangiome)']}
LEAK = {'none': 'aucune', 'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale',
        'epidural': 'épidurale', 'foraminal': 'foraminale'}
BRAND = {'PMMA': ['Osteopal V', 'Vertecem V+', 'KyphOs? non - PMMA', 'Mendec Spine'], 'calcium phosphate': ['phosphate de calcium']}
COM_OK = ['i ka maché pli bien', 'dor melhorou, anda sem bengala', 'va mieux, reprise marche', 'sa ka fè mal ankò la nuit',
          'kiné en cours', '', '', '', '', 'paciente fala português - filha traduz']
R.shuffle(NOMS)
ids = []
for i, p in enumerate(pts):
    p['nom'] = NOMS[i]
    p['prenom'] = R.choice(PF if p['sex'] == 'female' else PM)
    p['ipp'] = '97%07d' % R.randint(100000, 9999999)
    p['tel'] = '06 94 %02d %02d %02d' % (R.randint(0, 99), R.randint(0, 99), R.randint(0, 99))
    p['etxt'] = R.choice(ETIO[p['etio']])
    p['brand'] = R.choice(BRAND[p['sessions'][0]['cement']]).replace('KyphOs? non - PMMA', 'Spineplex')
    # EVA in millimetres; the truth keeps mm / 10
    for k, v in list(p['scores'].items()):
        if k[1] == 'pain_vas' and v is not None:
            mm = max(0, min(100, v * 10 + R.randint(-4, 4)))
            p['scores'][k] = mm / 10
pts.sort(key=lambda p: p['d0'])
for i, p in enumerate(pts, 1):
    p['pid'] = 'GUY-VX-%03d' % i
    ids += [['name', p['nom']], ['name', p['prenom']], ['record_number', p['ipp']],
            ['birth_date', p['dob'].strftime('%d/%m/%Y')], ['phone', p['tel']]]

plain = [p for p in pts if len(p['sessions']) == 1 and p['died'] == 'no' and not p['fractures']]
eEVA = next(p for p in plain[1:] if p['scores'].get((1, 'pain_vas', '3m')) is not None)
eBEF = next(p for p in plain[5:] if p['scores'].get((1, 'pain_vas', '1m')) is not None and p is not eEVA)
eNOID = next(p for p in plain[9:] if p['scores'].get((1, 'pain_vas', '6m')) is not None and p not in (eEVA, eBEF))
eDATE = next(p for p in plain[13:] if p['scores'].get((1, 'pain_vas', '3m')) is not None and p not in (eEVA, eBEF, eNOID))
drop_scores = set()
errors = []
head = ['N° étude', 'IPP', 'Nom', 'Prénom', 'Né(e) le', 'Sexe', 'Téléphone', 'Étiologie', 'Date', 'Type de venue',
        'Geste', 'Niveaux', 'Ciment total (mL)', 'Ciment', 'Fuites', 'EVA (mm)', 'ODI (%)', 'Nouvelle fracture',
        'Commentaire']
rows = []
dd = lambda d: d.strftime('%d/%m/%Y')
num = lambda v: ('%g' % v).replace('.', ',')
TPN = {'24h': 'J1', '1m': 'M1', '3m': 'M3', '6m': 'M6'}
for p in pts:
    base = [p['pid'], p['ipp'], p['nom'], p['prenom'], dd(p['dob']), 'F' if p['sex'] == 'female' else 'H', p['tel'],
            p['etxt']]
    for si, s in enumerate(p['sessions'], 1):
        sd = p['d0'] + dt.timedelta(days=s['day'])
        vs = s['verts']
        if len(vs) == 1:
            fu = LEAK[vs[0][2][0]] if len(vs[0][2]) == 1 else ' + '.join(LEAK[x] for x in vs[0][2])
        else:
            fu = ' / '.join('%s : %s' % (lv, ' + '.join(LEAK[x] for x in lk)) for lv, _, lk in vs)
        tot = round(sum(v[1] for v in vs), 1)
        vas = p['scores'].get((si, 'pain_vas', 'pre'))
        odi = p['scores'].get((si, 'odi', 'pre'))
        rows.append(base + [dd(sd), 'Hospitalisation - geste' + (' (2e geste)' if si == 2 else ''),
                            'vertébroplastie' if s['tech'] == 'vertebroplasty' else 'cyphoplastie (ballonnet)',
                            ', '.join(v[0] for v in vs), num(tot), p['brand'], fu,
                            '' if vas is None else str(int(round(vas * 10))), '' if odi is None else str(odi), '',
                            'EVA/ODI pré-op' + ('' if si == 1 else ' - nouvelle fracture traitée')])
        for tp, lab in TPN.items():
            if (si, tp) not in p['visit_day']:
                continue
            vd = p['d0'] + dt.timedelta(days=p['visit_day'][(si, tp)])
            vas = p['scores'].get((si, 'pain_vas', tp))
            odi = p['scores'].get((si, 'odi', tp))
            typ = 'Consultation ' + lab + (' (2e geste)' if si == 2 else '')
            if vas is None:
                rows.append(base + ['', typ, '', '', '', '', '', 'NF', 'NF' if (si, 'odi', tp) in p['scores'] else '', '',
                                    R.choice(['non venu(e)', 'li pa vini', 'perdu de vue, injoignable', 'não compareceu'])])
                continue
            fx = [f for f in p['fractures'] if f[0] == p['visit_day'][(si, tp)]]
            row = base + [dd(vd), typ, '', '', '', '', '', str(int(round(vas * 10))), '' if odi is None else str(odi),
                          ('oui - ' + fx[0][1]) if fx else 'non', R.choice(COM_OK)]
            if fx:
                row[-1] = 'tassement récent IRM' + (' - reprise prévue' if len(p['sessions']) > 1 else ' - corset')
            excel_row = len(rows) + 2
            if p is eEVA and si == 1 and tp == '3m':
                row[15] = '135'
                drop_scores.add((p['pid'], 1, 'pain_vas', '3m'))
                errors.append(['input', 'P%d' % excel_row, excel_row, 'EVA (mm)', '135', 'EVA 135 mm on a 0-100 mm scale', p['pid']])
            if p is eBEF and si == 1 and tp == '1m':
                row[8] = dd(p['d0'] - dt.timedelta(days=26))
                errors.append(['input', 'I%d' % excel_row, excel_row, 'Date', row[8], 'M1 consultation dated before the procedure', p['pid']])
            if p is eNOID and si == 1 and tp == '6m':
                row[0] = ''
                errors.append(['input', 'A%d' % excel_row, excel_row, 'N° étude', '', 'row with data but no study number', p['pid']])
            if p is eDATE and si == 1 and tp == '3m':
                row[8] = '31/06/%d' % vd.year
                errors.append(['input', 'I%d' % excel_row, excel_row, 'Date', row[8], 'impossible date: 31 June', p['pid']])
            rows.append(row)
    if p['died'] == 'yes':
        rows.append(base + [dd(p['d0'] + dt.timedelta(days=p['death_day'])), 'Décès', '', '', '', '', '', '', '', '',
                            'décès (évolution néoplasique)' if p['etio'] == 'pathologic' else 'décès à domicile'])
out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, 'input.csv'), 'w', newline='', encoding='utf-8-sig') as f:
    cw = csv.writer(f, delimiter=';')
    cw.writerow(head)
    cw.writerows(rows)
seen = set()
ids = [x for x in ids if not (tuple(x) in seen or seen.add(tuple(x)))]
write_truth(out, pts, errors, ids, per_vertebra_volume=False, drop_scores=drop_scores)
