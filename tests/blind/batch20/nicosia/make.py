#!/usr/bin/env python3
# make.py for site 'nicosia' -- usage: python make.py OUTDIR
# ---------------------------------------------------------------------------
# Cohort generator (shared part).  Deterministic: everything is drawn from one
# random.Random(seed).  The site part below renders the cohort into the unit's
# own spreadsheet layout and writes the truth tables from the same objects.
# ---------------------------------------------------------------------------
import sys, os, csv, random, calendar
from datetime import date, timedelta

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAY = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 90,
          '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '1m': 3, '6w': 3, '3m': 6,
          '6m': 9, '12m': 12, '24m': 20}


def lvl_index(lv):
    return LEVELS.index(lv)


def age_at(birth, d):
    a = d.year - birth.year
    if (d.month, d.day) < (birth.month, birth.day):
        a -= 1
    return a


def fmt_num(v):
    if v is None:
        return ''
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return ('%g' % v) if isinstance(v, float) else str(v)


def wchoice(rng, items):
    tot = sum(w for _, w in items)
    r = rng.uniform(0, tot)
    acc = 0
    for it, w in items:
        acc += w
        if r <= acc:
            return it
    return items[-1][0]


def score(rng, measure, tp, pre=None):
    if measure == 'vas':
        if tp == 'pre':
            return rng.randint(6, 10)
        if tp == '24h':
            return max(0, pre - rng.randint(2, 5))
        if tp in ('1w', '2w'):
            return max(0, pre - rng.randint(3, 6))
        if tp in ('1m', '6w'):
            return rng.randint(1, 4)
        return rng.randint(0, 3)
    if measure == 'odi':
        if tp == 'pre':
            return 2 * rng.randint(22, 43)
        if tp in ('24h', '1w', '2w'):
            return 2 * rng.randint(16, 30)
        if tp in ('1m', '6w'):
            return 2 * rng.randint(10, 24)
        return 2 * rng.randint(6, 20)
    if measure == 'mobility':
        if tp == 'pre':
            return rng.randint(2, 4)
        if tp == '24h':
            return rng.randint(1, 3)
        return rng.randint(0, 2)
    raise ValueError(measure)


def pick_levels(rng, det, k):
    if det.startswith('osteo'):
        w = [('T6', 1), ('T7', 1), ('T8', 2), ('T9', 2), ('T10', 3), ('T11', 5),
             ('T12', 9), ('L1', 9), ('L2', 6), ('L3', 4), ('L4', 2)]
    elif det.startswith('trauma'):
        w = [('T11', 3), ('T12', 5), ('L1', 6), ('L2', 3), ('L3', 1)]
    else:
        w = [(l, 1) for l in LEVELS[3:]]
    c = lvl_index(wchoice(rng, w))
    if k > 1 and det in ('meta_breast', 'meta_prostate', 'meta_lung', 'myeloma') \
            and rng.random() < 0.4:
        idx = sorted(rng.sample(range(3, 17), k))
        return [LEVELS[i] for i in idx]
    s = c - rng.randint(0, k - 1)
    s = max(0, min(s, 17 - k))
    return [LEVELS[i] for i in range(s, s + k)]


def cement_vol(rng, lv, tech):
    i = lvl_index(lv)
    if i <= 5:
        lo, hi = 2.0, 3.5
    elif i <= 9:
        lo, hi = 2.5, 4.5
    elif i <= 12:
        lo, hi = 3.0, 5.5
    else:
        lo, hi = 3.5, 6.5
    if tech == 'kyphoplasty':
        lo, hi = lo + 0.5, hi + 1.0
    v = rng.uniform(lo, hi)
    if rng.random() < 0.85:
        return round(v * 2) / 2.0
    return round(v, 1)


LEAK_W = [((), 72), (('disc',), 10), (('venous',), 9), (('paravertebral',), 5),
          (('epidural',), 2), (('foraminal',), 1), (('disc', 'venous'), 1)]


def gen_cohort(cfg):
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    # aetiology detail, fixed counts
    dets = []
    dets += ['meta_breast'] * cfg.get('n_breast', 2)
    dets += ['meta_prostate'] * cfg.get('n_prostate', 1)
    dets += ['meta_lung'] * cfg.get('n_lung', 1)
    dets += ['myeloma'] * cfg.get('n_myeloma', 2)
    dets += ['trauma_fall'] * cfg.get('n_fall', 2)
    dets += ['trauma_rta'] * cfg.get('n_rta', 1)
    dets += ['osteo'] * (n - len(dets))
    rng.shuffle(dets)
    n_multi = int(round(0.3 * n))
    nlev = [1] * n
    multi_idx = rng.sample(range(n), n_multi)
    for j, i in enumerate(multi_idx):
        nlev[i] = 3 if j < max(1, n_multi // 3) else 2
    span = (cfg['end'] - cfg['start']).days
    d1s = sorted(cfg['start'] + timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        det = dets[i]
        if det == 'meta_breast':
            sex = 'female'
        elif det == 'meta_prostate':
            sex = 'male'
        elif det.startswith('osteo'):
            sex = 'female' if rng.random() < 0.8 else 'male'
        elif det.startswith('trauma'):
            sex = 'male' if rng.random() < 0.6 else 'female'
        else:
            sex = rng.choice(['female', 'male'])
        if det.startswith('osteo'):
            age = rng.randint(58, 89)
        elif det.startswith('trauma'):
            age = rng.randint(34, 72)
        else:
            age = rng.randint(45, 80)
        d1 = d1s[i]
        by = d1.year - age - rng.choice([0, 1])
        birth = date(by, rng.randint(1, 12), rng.randint(1, 28))
        age = age_at(birth, d1)
        etio = ('osteoporotic' if det.startswith('osteo') else
                'traumatic' if det.startswith('trauma') else 'pathologic')
        if det.startswith('trauma') or rng.random() < cfg.get('kp_share', 0.3) * (0.6 if etio == 'osteoporotic' else 1.0):
            tech = 'kyphoplasty'
        else:
            tech = 'vertebroplasty'
        if det.startswith('trauma') and age < 55 and cfg.get('cap_key'):
            ckey = cfg['cap_key']
        else:
            ckey = wchoice(rng, cfg['cements'])
        levels = pick_levels(rng, det, nlev[i])
        lvs = []
        for lv in levels:
            leak = wchoice(rng, LEAK_W)
            lvs.append({'level': lv, 'vol': cement_vol(rng, lv, tech), 'leak': list(leak)})
        s1 = {'n': 1, 'date': d1, 'tech': tech, 'ckey': ckey,
              'cement_type': cfg['cement_type'][ckey], 'levels': lvs,
              'leak_recorded': rng.random() > cfg.get('leak_unrec_p', 0.06)}
        pts.append({'i': i, 'det': det, 'etiology': etio, 'sex': sex, 'age': age,
                    'birth': birth, 'sessions': [s1], 'fractures': [], 'died': False,
                    'death_date': None, 'visits': []})

    def make_visits(p, sess, tps, measures, until=None):
        sd = sess['date']
        pre = None
        out = []
        for tp in tps:
            vd = sd + timedelta(days=TP_DAY[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            if until is not None and vd >= until:
                break
            status = 'done'
            if tp not in ('pre', '24h') and rng.random() < cfg.get('miss_p', 0.1):
                status = 'missed'
            sc = {}
            for m in measures.get(tp, []):
                if m == 'vas' and tp != 'pre':
                    val = score(rng, m, tp, pre)
                else:
                    val = score(rng, m, tp, pre)
                if m == 'vas' and tp == 'pre':
                    pre = val
                if status == 'done' and tp != 'pre' and rng.random() < cfg.get('item_miss_p', 0.04):
                    val = None
                sc[m] = val if status == 'done' else None
            out.append({'session': sess['n'], 'tp': tp, 'date': vd, 'status': status, 'scores': sc})
        return out

    # choose patients for 2nd sessions / untreated fractures / deaths
    idx = list(range(n))
    rng.shuffle(idx)
    path = [i for i in idx if pts[i]['etiology'] == 'pathologic']
    nonpath = [i for i in idx if pts[i]['etiology'] == 'osteoporotic' and pts[i]['age'] >= 75]
    dead = path[:cfg.get('n_deaths', 3) - 1] + nonpath[:1]
    rest = [i for i in idx if i not in dead and pts[i]['etiology'] != 'traumatic']
    second = rest[:cfg.get('n_second', 3)]
    untreated = rest[cfg.get('n_second', 3):cfg.get('n_second', 3) + cfg.get('n_untreated', 2)]
    lastday = TP_DAY[cfg['tps1'][-1]]
    for i in range(n):
        p = pts[i]
        s1 = p['sessions'][0]
        d1 = s1['date']
        treated = [lvl_index(l['level']) for l in s1['levels']]
        if i in second or i in untreated:
            lo, hi = cfg['frac_window']
            f = rng.randint(lo, hi)
            cands = [min(treated) - 1, max(treated) + 1, min(treated) - 2, max(treated) + 2]
            cands = [c for c in cands if 3 <= c <= 16]
            flv = LEVELS[cands[0] if rng.random() < 0.6 else cands[1 % len(cands)]]
            fdate = d1 + timedelta(days=f)
            p['fractures'].append({'date': fdate, 'level': flv})
            if i in second:
                s2d = fdate + timedelta(days=rng.randint(3, 12))
                p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'], until=fdate)
                tech2 = s1['tech'] if rng.random() < 0.7 else ('kyphoplasty' if s1['tech'] == 'vertebroplasty' else 'vertebroplasty')
                s2 = {'n': 2, 'date': s2d, 'tech': tech2, 'ckey': s1['ckey'],
                      'cement_type': s1['cement_type'],
                      'levels': [{'level': flv, 'vol': cement_vol(rng, flv, tech2), 'leak': list(wchoice(rng, LEAK_W))}],
                      'leak_recorded': True}
                p['sessions'].append(s2)
                p['visits'] += make_visits(p, s2, cfg['tps2'], cfg.get('measures2', cfg['measures']))
            else:
                p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'])
        elif i in dead:
            lo, hi = cfg['death_window']
            dd = d1 + timedelta(days=rng.randint(lo, hi))
            p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'], until=dd - timedelta(days=3))
            p['died'] = True
            p['death_date'] = dd
        else:
            p['visits'] = make_visits(p, s1, cfg['tps1'], cfg['measures'])
    return pts


def truth_tables(P, vol_mode='vertebra'):
    pats, procs, assess, fracs = [], [], [], []
    for p in P:
        pats.append({'patient_id': p['pid'], 'sex': p['sex'], 'age_years': p['age'],
                     'etiology': p['etiology'], 'died': 'yes' if p['died'] else 'no'})
        d1 = p['sessions'][0]['date']
        for s in p['sessions']:
            tot = sum(l['vol'] for l in s['levels'])
            for lv in s['levels']:
                if vol_mode == 'vertebra':
                    cv, sv = fmt_num(lv['vol']), ''
                else:
                    cv, sv = '', fmt_num(round(tot, 2))
                leak = (';'.join(lv['leak']) if lv['leak'] else 'none') if s['leak_recorded'] else ''
                procs.append({'patient_id': p['pid'], 'session': s['n'],
                              'day': '' if s.get('day_unknown') else (s['date'] - d1).days,
                              'level': lv['level'], 'technique': s['tech'],
                              'cement_volume_ml': cv, 'session_cement_volume_ml': sv,
                              'cement_type': s['cement_type'], 'leakage': leak})
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            for m in ('vas', 'odi', 'mobility'):
                val = v['scores'].get(m)
                if val is None:
                    continue
                meas = {'vas': 'pain_vas', 'odi': 'odi', 'mobility': 'mobility'}[m]
                assess.append({'patient_id': p['pid'], 'session': v['session'],
                               'measure': meas, 'timepoint': v['tp'], 'value': fmt_num(val)})
        for f in p['fractures']:
            fracs.append({'patient_id': p['pid'], 'day': (f['date'] - d1).days, 'level': f['level']})
    return pats, procs, assess, fracs


def write_csv(path, fields, rows):
    with open(path, 'w', newline='', encoding='utf-8') as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, '') for k in fields})


def write_truth(outdir, P, errors, identifiers, vol_mode='vertebra'):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    pats, procs, assess, fracs = truth_tables(P, vol_mode)
    write_csv(os.path.join(td, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'], pats)
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], procs)
    write_csv(os.path.join(td, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], assess)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], fracs)
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, rows = set(), []
    for k, v in identifiers:
        if (k, v) not in seen and v not in ('', None):
            seen.add((k, v))
            rows.append({'kind': k, 'value': v})
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], rows)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def simple_patients(P):
    """Patients with one session, no new fracture, not dead: safe hosts for errors."""
    return [p for p in P if len(p['sessions']) == 1 and not p['fractures'] and not p['died']]

# ---------------------------------------------------------------------------
# Site part
# ---------------------------------------------------------------------------
from datetime import datetime
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side

CFG = dict(seed=20204, n=24, start=date(2021, 2, 1), end=date(2022, 8, 31),
           tps1=['pre', '1w', '6w', '3m', '12m'], tps2=['pre', '1w', '6w', '3m'],
           measures={'pre': ['vas', 'odi'], '1w': ['vas'], '6w': ['vas', 'odi'], '3m': ['vas', 'odi'],
                     '12m': ['vas', 'odi']},
           measures2={'pre': ['vas', 'odi'], '1w': ['vas'], '6w': ['vas', 'odi'], '3m': ['vas', 'odi']},
           frac_window=(100, 250), death_window=(50, 300), n_deaths=2, n_second=3,
           n_untreated=1, kp_share=0.35, miss_p=0.1, item_miss_p=0.05, leak_unrec_p=0.06,
           cements=[('osteopal', 4), ('kyphon', 3), ('vertecem', 2)], cap_key='cap',
           cement_type={'osteopal': 'PMMA', 'kyphon': 'PMMA', 'vertecem': 'PMMA',
                        'cap': 'calcium phosphate'},
           n_breast=2, n_prostate=1, n_lung=0, n_myeloma=2, n_fall=1, n_rta=1)

FEM = ['Χαραλάμπους Ελένη', 'Κωνσταντίνου Μαρία', 'Γεωργίου Χρυστάλλα', 'Παπαδοπούλου Ανδρούλλα',
       'Ιωάννου Παναγιώτα', 'Χριστοδούλου Σταυρούλα', 'Αντωνίου Γεωργία', 'Νικολάου Ευτυχία',
       'Λοΐζου Δέσποινα', 'Σάββα Κυριακού', 'Κυριάκου Αθηνά', 'Πετρίδου Νίκη', 'Στυλιανού Θεοδώρα',
       'Σωτηρίου Ελπίδα', 'Ευαγγέλου Μαρούλλα', 'Δημητρίου Άννα', 'Χατζηγεωργίου Λουκία',
       'Μιχαήλ Ρήνα', 'Φιλίππου Αγγελική', 'Ζαχαρίου Ευγενία']
MAL = ['Χριστοφόρου Ανδρέας', 'Παπαντωνίου Κώστας', 'Σάββα Γιώργος', 'Ευσταθίου Νίκος',
       'Κλεάνθους Μιχάλης', 'Παναγή Σάββας', 'Χατζηπαύλου Παντελής', 'Ζαχαρία Χαράλαμπος']
ETIO = {'osteo': ['Οστεοπορωτικό', 'Οστεοπορωτικό κάταγμα'], 'meta_breast': ['Μετάσταση (Ca μαστού)'],
        'meta_prostate': ['Μετάσταση (Ca προστάτη)'], 'meta_lung': ['Μετάσταση (Ca πνεύμονα)'],
        'myeloma': ['Πολλαπλούν μυέλωμα'], 'trauma_fall': ['Τραυματικό (πτώση)'],
        'trauma_rta': ['Τραυματικό (τροχαίο)']}
TECH = {'vertebroplasty': ['Σπονδυλοπλαστική'], 'kyphoplasty': ['Κυφοπλαστική', 'Κυφοπλαστική με μπαλόνι']}
CEM = {'osteopal': 'Osteopal V', 'kyphon': 'Kyphon HV-R', 'vertecem': 'Vertecem V+', 'cap': 'Φωσφορικό ασβέστιο'}
LEAK = {'disc': 'δίσκος', 'venous': 'φλεβική', 'paravertebral': 'παρασπονδυλική',
        'epidural': 'επισκληρίδια', 'foraminal': 'τρηματική'}
SHEETS = {'pre': 'Προεγχειρητικά', '1w': '1 εβδομάδα', '6w': '6 εβδομάδες', '3m': '3 μήνες',
          '12m': '12 μήνες'}


def glvl(l):
    return ('Θ' if l.startswith('T') else 'Ο') + l[1:]   # Greek capital Theta / Greek capital Omicron


def ddmmyy(d):
    return d.strftime('%d/%m/%y')


def comma(v):
    if float(v).is_integer():
        return int(v)
    return fmt_num(v).replace('.', ',')


def main(outdir):
    P = gen_cohort(CFG)
    r = random.Random(4405)
    # some ODI questionnaires with one unanswered section: score over 45 -> one decimal
    for p in P:
        for v in p['visits']:
            o = v['scores'].get('odi')
            if o is not None and r.random() < 0.15:
                raw = round(o / 2 * 0.9)
                v['scores']['odi'] = round(raw * 100 / 45, 1)
    fem, mal = FEM[:], MAL[:]
    r.shuffle(fem); r.shuffle(mal)
    for k, p in enumerate(P):
        p['pid'] = 'ΣΠ-%02d' % (k + 1)
        p['name'] = fem.pop() if p['sex'] == 'female' else mal.pop()
        p['rec'] = '%07d' % r.randint(1000000, 1899999)
        p['phone'] = ('99 %06d' % r.randint(0, 999999)) if r.random() < 0.7 else ('22 %06d' % r.randint(300000, 899999))
    simple = simple_patients(P)
    errs = {}
    def first(c):
        for p in c:
            if p['pid'] not in errs:
                return p
    p = first([p for p in simple if len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0]['level'] == 'T12'])
    p['sessions'][0]['levels'][0]['level'] = 'T13'
    errs[p['pid']] = 'lvl'
    p = first([p for p in simple[::-1] if any(v['tp'] == '3m' and v['status'] == 'done' and v['scores'].get('vas') is not None for v in p['visits'])])
    for v in p['visits']:
        if v['tp'] == '3m':
            v['scores']['vas'] = 14
    errs[p['pid']] = 'vas'
    p = first([p for p in simple if any(v['tp'] == '6w' and v['status'] == 'done' for v in p['visits'])])
    for v in p['visits']:
        if v['tp'] == '6w':
            v['bad_date'] = date(v['date'].year - 1, v['date'].month, v['date'].day)
    errs[p['pid']] = 'date'
    p = first([p for p in simple[len(simple) // 2:] if len(p['sessions'][0]['levels']) == 1])
    p['sessions'][0]['levels'][0]['vol'] = 25.5
    errs[p['pid']] = 'vol'
    assert len(errs) == 4

    wb = Workbook()
    thin = Side(style='thin')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    hf = PatternFill('solid', fgColor='D9E1F2')
    errors, idents = [], []
    # ---------------- Ασθενείς
    ws = wb.active
    ws.title = 'Ασθενείς'
    ws['A1'] = 'Γενικό Νοσοκομείο Στροβόλου — Ορθοπαιδική Κλινική'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'Μητρώο σπονδυλοπλαστικών / κυφοπλαστικών 2021–2023'
    H = ['Α/Α', 'Κωδικός', 'Ονοματεπώνυμο', 'Αρ. Φακέλου', 'Ημ. Γεννήσεως', 'Ηλικία', 'Φύλο (Α/Γ)',
         'Τηλέφωνο', 'Αιτιολογία', 'Νέο κάταγμα', 'Έκβαση']
    for j, h in enumerate(H, 1):
        c = ws.cell(4, j, h); c.font = Font(bold=True); c.fill = hf; c.border = box
    for k, p in enumerate(P):
        row = 5 + k
        nf = 'Όχι'
        if p['fractures']:
            f = p['fractures'][0]
            nf = '%s – %s' % (glvl(f['level']), ddmmyy(f['date']))
            nf += ' (→ 2η επέμβαση)' if len(p['sessions']) > 1 else ' (συντηρητικά, κηδεμόνας)'
        out = 'Εν ζωή' if not p['died'] else 'Απεβίωσε %s' % ddmmyy(p['death_date'])
        vals = [k + 1, p['pid'], p['name'], p['rec'], ddmmyy(p['birth']), p['age'],
                'Γ' if p['sex'] == 'female' else 'Α', p['phone'], r.choice(ETIO[p['det']]), nf, out]
        for j, v in enumerate(vals, 1):
            ws.cell(row, j, v).border = box
        idents += [('name', p['name']), ('record_number', p['rec']),
                   ('birth_date', ddmmyy(p['birth'])), ('phone', p['phone'])]
    for col, w in zip('ABCDEFGHIJK', [5, 9, 26, 12, 13, 7, 10, 12, 24, 36, 20]):
        ws.column_dimensions[col].width = w
    # ---------------- Επεμβάσεις
    ws = wb.create_sheet('Επεμβάσεις')
    ws['A1'] = 'Κωδικός'
    ws.merge_cells('A1:A2')
    ws['B1'] = '1η επέμβαση'
    ws.merge_cells('B1:G1')
    ws['H1'] = '2η επέμβαση (νέο κάταγμα)'
    ws.merge_cells('H1:M1')
    sub = ['Ημερομηνία', 'Τεχνική', 'Επίπεδο/α', 'Συνολικός όγκος τσιμέντου (ml)', 'Τσιμέντο',
           'Διαφυγή τσιμέντου']
    for j, h in enumerate(sub + sub):
        c = ws.cell(2, 2 + j, h)
        c.font = Font(bold=True); c.fill = hf; c.border = box
        c.alignment = Alignment(wrap_text=True)
    for c in ('A1', 'B1', 'H1'):
        ws[c].font = Font(bold=True)
        ws[c].alignment = Alignment(horizontal='center', vertical='center')
        ws[c].fill = hf
    range_done = False
    for k, p in enumerate(P):
        row = 3 + k
        ws.cell(row, 1, p['pid']).border = box
        for s in p['sessions']:
            c0 = 2 if s['n'] == 1 else 8
            c = ws.cell(row, c0, datetime(s['date'].year, s['date'].month, s['date'].day))
            c.number_format = 'dd/mm/yy'
            ws.cell(row, c0 + 1, r.choice(TECH[s['tech']]))
            lv = [x['level'] for x in s['levels']]
            idx = [LEVELS.index(x) if x in LEVELS else None for x in lv]
            if (len(lv) == 3 and not range_done and None not in idx and idx[2] - idx[0] == 2):
                ltxt = '%s–%s' % (glvl(lv[0]), glvl(lv[-1]))
                range_done = True
            else:
                ltxt = ', '.join(glvl(x) for x in lv)
            ws.cell(row, c0 + 2, ltxt)
            if errs.get(p['pid']) == 'lvl' and s['n'] == 1:
                errors.append({'sheet': ws.title, 'cell': '%s%d' % (col_letter(c0 + 2), row), 'row': row,
                               'column_header': 'Επίπεδο/α', 'value': ltxt,
                               'what_is_wrong': 'impossible vertebral level Θ13 (T13): there are 12 thoracic vertebrae',
                               'patient_id': p['pid']})
            tot = round(sum(x['vol'] for x in s['levels']), 2)
            ws.cell(row, c0 + 3, comma(tot))
            if errs.get(p['pid']) == 'vol' and s['n'] == 1:
                errors.append({'sheet': ws.title, 'cell': '%s%d' % (col_letter(c0 + 3), row), 'row': row,
                               'column_header': 'Συνολικός όγκος τσιμέντου (ml)', 'value': str(comma(tot)),
                               'what_is_wrong': 'cement volume 25,5 mL in a single vertebra (one level treated) is implausible (>20 mL)',
                               'patient_id': p['pid']})
            ws.cell(row, c0 + 4, CEM[s['ckey']])
            if not s['leak_recorded']:
                lk = 'Δ/Α'
            elif all(not x['leak'] for x in s['levels']):
                lk = 'Όχι'
            elif len(s['levels']) == 1:
                lk = 'Ναι – ' + ' + '.join(LEAK[y] for y in s['levels'][0]['leak'])
            else:
                lk = ', '.join('%s %s' % (glvl(x['level']), ' + '.join(LEAK[y] for y in x['leak']) if x['leak'] else 'όχι')
                               for x in s['levels'])
            ws.cell(row, c0 + 5, lk)
        for j in range(1, 14):
            ws.cell(row, j).border = box
    for col, w in zip('ABCDEFGHIJKLM', [9, 11, 18, 14, 12, 14, 26, 11, 18, 10, 12, 14, 20]):
        ws.column_dimensions[col].width = w
    ws.row_dimensions[2].height = 45
    # ---------------- one sheet per visit
    for tp in CFG['tps1']:
        ws = wb.create_sheet(SHEETS[tp])
        ws['A1'] = 'Επίσκεψη: %s' % SHEETS[tp] + ('' if tp == 'pre' else ' μετά την επέμβαση')
        ws['A1'].font = Font(bold=True)
        hh = ['Κωδικός', 'Επέμβαση', 'Ημερομηνία', 'VAS (0-10)', 'ODI (%)', 'Σχόλια']
        for j, h in enumerate(hh, 1):
            c = ws.cell(3, j, h); c.font = Font(bold=True); c.fill = hf; c.border = box
        row = 4
        for sn in (1, 2):
            for p in P:
                if sn > len(p['sessions']):
                    continue
                tps = CFG['tps1'] if sn == 1 else CFG['tps2']
                if tp not in tps:
                    continue
                meas = (CFG['measures'] if sn == 1 else CFG['measures2'])[tp]
                v = [x for x in p['visits'] if x['session'] == sn and x['tp'] == tp]
                if not v:
                    # after death: one line with a remark on the first visit that did not happen
                    if p['died'] and sn == 1:
                        nxt = [t for t in CFG['tps1'] if not any(x['tp'] == t for x in p['visits'])]
                        if nxt and nxt[0] == tp:
                            ws.cell(row, 1, p['pid']); ws.cell(row, 2, '1η')
                            ws.cell(row, 6, 'Απεβίωσε')
                            row += 1
                    continue
                v = v[0]
                ws.cell(row, 1, p['pid'])
                ws.cell(row, 2, '1η' if sn == 1 else '2η')
                if v['status'] == 'missed':
                    ws.cell(row, 4, 'Δεν προσήλθε')
                    if r.random() < 0.5:
                        ws.cell(row, 6, 'Δεν απαντά στο τηλέφωνο')
                    row += 1
                    continue
                d = v.get('bad_date', v['date'])
                c = ws.cell(row, 3, datetime(d.year, d.month, d.day))
                c.number_format = 'dd/mm/yy'
                if 'bad_date' in v:
                    errors.append({'sheet': ws.title, 'cell': 'C%d' % row, 'row': row, 'column_header': 'Ημερομηνία',
                                   'value': ddmmyy(d),
                                   'what_is_wrong': 'follow-up visit dated %s, before the procedure of %s' % (
                                       ddmmyy(d), ddmmyy(p['sessions'][0]['date'])), 'patient_id': p['pid']})
                vas = v['scores'].get('vas')
                ws.cell(row, 4, vas if vas is not None else '—')
                if errs.get(p['pid']) == 'vas' and tp == '3m' and sn == 1:
                    errors.append({'sheet': ws.title, 'cell': 'D%d' % row, 'row': row, 'column_header': 'VAS (0-10)',
                                   'value': str(vas), 'what_is_wrong': 'VAS 14 is outside the 0-10 scale',
                                   'patient_id': p['pid']})
                if 'odi' in meas:
                    o = v['scores'].get('odi')
                    ws.cell(row, 5, comma(o) if o is not None else '—')
                if tp == 'pre' and sn == 2:
                    ws.cell(row, 6, 'Νέο κάταγμα %s' % glvl(p['sessions'][1]['levels'][0]['level']))
                elif r.random() < 0.15 and tp != 'pre':
                    ws.cell(row, 6, r.choice(['Καλή πορεία', 'Ήπιος πόνος', 'Φορά κηδεμόνα', 'Βάδιση με Π']))
                row += 1
        for col, w in zip('ABCDEF', [9, 10, 12, 11, 9, 28]):
            ws.column_dimensions[col].width = w
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, P, errors, idents, vol_mode='session')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
