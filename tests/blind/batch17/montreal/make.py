# ---- common cohort core (copied into each site's make.py) ----
import random, datetime as dt, csv, os, sys

SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_WIN = {'24h': (1, 1), '1w': (6, 9), '2w': (13, 16), '6w': (40, 46), '1m': (27, 34),
          '3m': (85, 98), '6m': (172, 192), '12m': (352, 378), '24m': (715, 745)}


def age_at(bd, d):
    return d.year - bd.year - ((d.month, d.day) < (bd.month, bd.day))


def make_cohort(seed, n, tps, measures=('pain_vas', 'odi'), start=dt.date(2021, 3, 1),
                end=dt.date(2023, 3, 31), p_kypho=0.4, cements=('PMMA',), n_sess2=3,
                n_extra_frac=1, n_dead=2, p_missing=0.12, s2_tps=('pre', '1m'),
                p_female=0.72, etio_w=(0.72, 0.16, 0.08, 0.04), no_sess2=()):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        p = {'i': i}
        p['sex'] = 'female' if R.random() < p_female else 'male'
        p['etiology'] = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], etio_w)[0]
        d0 = start + dt.timedelta(days=R.randint(0, (end - start).days))
        tgt = R.randint(55, 90) if p['etiology'] != 'traumatic' else R.randint(45, 80)
        bd = dt.date(d0.year - tgt, R.randint(1, 12), R.randint(1, 28))
        p['birth'] = bd
        p['d0'] = d0
        p['age'] = age_at(bd, d0)
        nl = R.choices([1, 2, 3], [0.68, 0.22, 0.10])[0]
        if p['etiology'] == 'pathologic':
            first = R.randint(SPINE.index('T5'), SPINE.index('L3'))
        else:
            first = R.choice([SPINE.index(x) for x in ['T7', 'T8', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12', 'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']])
        first = min(first, len(SPINE) - nl)
        idxs = [first]
        for k in range(1, nl):
            step = 1 if R.random() < 0.75 else 2
            nxt = idxs[-1] + step
            if nxt >= len(SPINE):
                nxt = min(idxs) - 1
            idxs.append(nxt)
        idxs = sorted(set(idxs))
        tech = 'kyphoplasty' if R.random() < p_kypho else 'vertebroplasty'
        cem = R.choice(cements)
        p['sessions'] = [make_session(R, 1, 0, d0, [SPINE[j] for j in idxs], tech, cem)]
        p['fractures'] = []
        # scores, session 1
        p['visits'] = {}   # (session, tp) -> day
        p['scores'] = {}   # (session, measure, tp) -> value
        vas0 = R.randint(6, 10)
        odi0 = R.randint(24, 42) * 2
        mob0 = R.randint(2, 4)
        for tp in tps:
            if tp == 'pre':
                day = -R.randint(0, 2)
            else:
                a, b = TP_WIN[tp]
                day = R.randint(a, b)
            p['visits'][(1, tp)] = day
            fill_scores(R, p, 1, tp, measures, vas0, odi0, mob0)
        pats.append(p)
    # session 2 / new fractures
    cand = [p for p in pats if p['i'] not in no_sess2 and len(tps) >= 4]
    R.shuffle(cand)
    late = [tp for tp in tps if tp in ('3m', '6m')]
    s2 = cand[:n_sess2]
    for p in s2:
        tp = R.choice(late)
        fday = p['visits'][(1, tp)]
        lvl = new_level(R, p)
        p['fractures'].append((fday, lvl))
        s2day = fday + R.randint(6, 20)
        s1 = p['sessions'][0]
        p['sessions'].append(make_session(R, 2, s2day, p['d0'] + dt.timedelta(days=s2day), [lvl],
                                          s1['technique'], s1['cement_type']))
        vas0 = R.randint(6, 9)
        odi0 = R.randint(26, 40) * 2
        mob0 = R.randint(2, 4)
        for tp2 in s2_tps:
            if tp2 == 'pre':
                d = s2day - R.randint(0, 1)
            else:
                a, b = TP_WIN[tp2]
                d = s2day + R.randint(a, b)
            p['visits'][(2, tp2)] = d
            fill_scores(R, p, 2, tp2, measures, vas0, odi0, mob0)
    rest = [p for p in cand[n_sess2:]]
    for p in rest[:n_extra_frac]:
        tp = [t for t in tps if t in ('6m', '12m', '3m')][-1]
        fday = p['visits'][(1, tp)]
        p['fractures'].append((fday, new_level(R, p)))
    used = set(p['i'] for p in s2 + rest[:n_extra_frac])
    # deaths: prefer pathologic
    dc = [p for p in pats if p['i'] not in used and p['i'] not in no_sess2]
    dc.sort(key=lambda p: (p['etiology'] != 'pathologic', R.random()))
    for p in pats:
        p['died'] = 'no'
        p['death_day'] = None
    for p in dc[:n_dead]:
        post = [tp for tp in tps if tp not in ('pre', '24h', '1w')]
        k = R.randint(1, len(post) - 1)
        keep = post[:k]
        lastday = p['visits'][(1, keep[-1])]
        nxt = p['visits'][(1, post[k])]
        p['death_day'] = R.randint(lastday + 5, nxt - 3)
        for tp in post[k:]:
            drop_visit(p, 1, tp)
        p['died'] = 'yes'
    # random missing visits (never 'pre', never session-2)
    for p in pats:
        for tp in tps:
            if tp == 'pre' or (1, tp) not in p['visits']:
                continue
            if any(f[0] == p['visits'][(1, tp)] for f in p['fractures']):
                continue
            if R.random() < p_missing:
                drop_visit(p, 1, tp)
    for p in pats:  # consistency of the model
        for (s, tp), d in p['visits'].items():
            sd = p['sessions'][s - 1]['day']
            assert (d > sd) if tp != 'pre' else (d <= sd), (p['i'], s, tp)
            if p['death_day'] is not None:
                assert d < p['death_day']
        for fd, l in p['fractures']:
            assert fd > 0
    return pats


def drop_visit(p, s, tp):
    p['visits'].pop((s, tp), None)
    for k in list(p['scores']):
        if k[0] == s and k[2] == tp:
            del p['scores'][k]


def fill_scores(R, p, s, tp, measures, vas0, odi0, mob0):
    frac = {'pre': 0, '24h': 0.45, '1w': 0.5, '2w': 0.55, '6w': 0.6, '1m': 0.6, '3m': 0.65,
            '6m': 0.68, '12m': 0.7, '24m': 0.7}[tp]
    for m in measures:
        if m == 'pain_vas':
            v = max(0, min(10, round(vas0 * (1 - frac) + R.choice([-1, 0, 0, 1]))))
        elif m == 'pain_vas_mm':
            v = max(0, min(100, round(vas0 * 10 * (1 - frac) + R.randint(-8, 8))))
        elif m == 'odi':
            v = max(0, min(100, 2 * round((odi0 * (1 - frac * 0.8) + R.randint(-6, 6)) / 2)))
        elif m == 'mobility':
            v = max(0, min(4, round(mob0 * (1 - frac) + R.choice([0, 0, 1]))))
        p['scores'][(s, m, tp)] = v


def new_level(R, p):
    used = set(v['level'] for s in p['sessions'] for v in s['vertebrae'])
    used |= set(f[1] for f in p['fractures'])
    idx = sorted(SPINE.index(x) for x in used)
    opts = [j for j in (idx[0] - 1, idx[-1] + 1, idx[-1] + 2) if 0 <= j < len(SPINE) and SPINE[j] not in used]
    return SPINE[R.choice(opts)]


def make_session(R, s, day, date, levels, tech, cem):
    vs = []
    for l in levels:
        lo, hi = (2.0, 4.5) if l.startswith('T') else (3.0, 6.5)
        if tech == 'kyphoplasty':
            lo, hi = lo + 0.5, hi + 1.0
        vol = round(R.uniform(lo, hi) * 2) / 2
        r = R.random()
        if r < 0.72:
            lk = []
        elif r < 0.95:
            lk = [R.choices(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], [5, 5, 3, 1, 1])[0]]
        else:
            lk = ['disc', 'venous']
        vs.append({'level': l, 'vol': vol, 'leak': lk})
    return {'session': s, 'day': day, 'date': date, 'technique': tech, 'cement_type': cem, 'vertebrae': vs}


def sess_total(s):
    return round(sum(v['vol'] for v in s['vertebrae']), 1)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x == int(x):
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, errors, idents, per_vertebra=True, vas_div=1, day_override=None,
                skip_scores=()):
    """pats: model; errors: list of dicts; idents: list of (kind,value)."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    day_override = day_override or {}
    write_csv(os.path.join(td, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            day = day_override.get((p['pid'], s['session']), s['day'])
            pv = per_vertebra if not callable(per_vertebra) else per_vertebra(p, s)
            for v in s['vertebrae']:
                rows.append([p['pid'], s['session'], day, v['level'], s['technique'],
                             fmtnum(v['vol']) if pv else '',
                             '' if pv else fmtnum(sess_total(s)), s['cement_type'],
                             ';'.join(v['leak']) if v['leak'] else 'none'])
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    rows = []
    for p in pats:
        for (s, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], order.index(kv[0][2]), kv[0][1])):
            if (p['pid'], s, tp) in skip_scores:
                continue
            mm = 'pain_vas' if m == 'pain_vas_mm' else m
            val = v / 10 if m == 'pain_vas_mm' else v
            rows.append([p['pid'], s, mm, tp, fmtnum(float(val)) if isinstance(val, float) else val])
    write_csv(os.path.join(td, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['pid'], d, l] for p in pats for d, l in p['fractures']])
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set()
    ir = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ir.append([k, v])
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], ir)
# ---- end common core ----

# ---- site: montreal (Quebec hospital; REDCap raw export (French) + data dictionary + English phone log) ----
import openpyxl
from openpyxl.styles import Font

DATA = 'VERTEBROQC_DATA_2024-01-15_1032'
DICT = 'VERTEBROQC_DataDictionary_2024-01-15'
CALLS = 'suivi_telephonique_coordo'

FIELDS = ['record_id', 'redcap_event_name', 'redcap_repeat_instrument', 'redcap_repeat_instance',
          'nom', 'prenom', 'ddn', 'ndm', 'ramq', 'telephone', 'sexe', 'etiologie', 'etiologie_precision',
          'age_interv', 'demographie_complete',
          'date_eval', 'eva_douleur', 'odi_score', 'mobilite', 'nouvelle_fracture', 'niveau_nouvelle_fx',
          'evaluation_complete',
          'date_intervention', 'technique', 'type_ciment', 'marque_ciment', 'intervention_complete',
          'niveau_vert', 'volume_ml', 'fuite___0', 'fuite___1', 'fuite___2', 'fuite___3', 'fuite___4', 'fuite___5',
          'niveaux_traites_complete']
EV = {'pre': 'inclusion_arm_1', '2w': 'suivi_2_sem_arm_1', '6w': 'suivi_6_sem_arm_1', '3m': 'suivi_3_mois_arm_1',
      '12m': 'suivi_12_mois_arm_1'}
EV2 = {'pre': 'preop_2e_interv_arm_1', '1m': 'suivi_1m_post_int2_arm_1'}


def ramq(sur, giv, bd, sex, R):
    s = ''.join(c for c in sur.upper() if c.isalpha())
    s = (s.replace('É', 'E').replace('È', 'E').replace('Ç', 'C') + 'XXX')[:3] + giv.upper()[0].replace('É', 'E')
    mm = bd.month + (50 if sex == 'female' else 0)
    return '%s %02d%02d %02d%02d' % (s, bd.year % 100, mm, bd.day, R.randint(10, 99))


def dec(x):
    return fmtnum(x).replace('.', ',')


def main(outdir):
    R = random.Random(1705)
    N = 28
    TPS = ['pre', '2w', '6w', '3m', '12m']
    pats = make_cohort(17051, N, TPS, measures=('pain_vas', 'odi', 'mobility'),
                       start=dt.date(2021, 2, 1), end=dt.date(2022, 9, 30), p_kypho=0.5,
                       n_sess2=3, n_extra_frac=2, n_dead=2, s2_tps=('pre', '1m'),
                       no_sess2=(0, 4, 9, 13, 17, 21, 26), cements=('PMMA',))
    sur = ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné',
           'Ouellet', 'Pelletier', 'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard',
           'Boucher', "O'Brien", 'Caron', 'Beaulieu', 'Cloutier', 'Dubé', 'Poirier', 'Fournier', 'Kowalczyk']
    gf = ['Gisèle', 'Thérèse', 'Monique', 'Lise', 'Jeannine', 'Huguette', 'Carmen', 'Françoise', 'Margaret', 'Rita',
          'Yvette', 'Pierrette', 'Denise', 'Claudette', 'Rose-Marie', 'Doris']
    gm = ['Réjean', 'Gilles', 'Jean-Guy', 'Marcel', 'Roger', 'Gaétan', 'Robert', 'Yvon', 'Michael', 'Normand']
    R.shuffle(sur)
    idents = []
    for k, p in enumerate(pats):
        p['pid'] = str(1001 + k)
        p['nom'] = sur[k]
        p['prenom'] = R.choice(gf if p['sex'] == 'female' else gm)
        p['ndm'] = 'H%07d' % R.randint(100000, 3999999)
        p['ramq'] = ramq(p['nom'], p['prenom'], p['birth'], p['sex'], R)
        p['tel'] = '(%s) %03d-%04d' % (R.choice(['514', '514', '450', '438']), R.randint(200, 989), R.randint(0, 9999))
        for s in p['sessions']:
            if s['session'] == 1:
                cp = s['technique'] == 'vertebroplasty' and R.random() < 0.15
                s['cement_type'] = 'calcium phosphate' if cp else 'PMMA'
                s['brand'] = ('' if R.random() < 0.5 else 'Norian') if cp else R.choice(['Kyphon HV-R', 'Confidence', 'Osteopal V', 'Simplex P', ''])
            else:
                s['cement_type'] = p['sessions'][0]['cement_type']
                s['brand'] = p['sessions'][0]['brand']
        idents += [('surname', p['nom']), ('given_name', p['prenom']), ('record_number', p['ndm']),
                   ('health_insurance_number', p['ramq']), ('birth_date', p['birth'].isoformat()), ('phone', p['tel']),
                   ('name', '%s, %s' % (p['nom'], p['prenom']))]
    cands = [p for p in pats if p['i'] in (0, 4, 9, 13, 17, 21, 26) and not p['fractures'] and p['died'] == 'no']
    e_vas = [p for p in cands if (1, '6w') in p['visits']][0]
    e_vas['scores'][(1, 'pain_vas', '6w')] = 77
    rest = [p for p in cands if p is not e_vas]
    e_pre = [p for p in rest if (1, '3m') in p['visits']][0]
    rest.remove(e_pre)
    e_vol, e_lvl = rest[0], rest[1]
    e_odi = [p for p in rest[2:] if (1, 'odi', '12m') in p['scores']][0]
    e_odi['scores'][(1, 'odi', '12m')] = 120
    e_vol['sessions'][0]['vertebrae'][-1]['vol'] = 32.0
    v = e_lvl['sessions'][0]['vertebrae'][-1]
    v['level'] = 'L6' if v['level'].startswith('L') else 'T13'
    errors = []
    rows = []
    colL = {f: openpyxl.utils.get_column_letter(i + 1) for i, f in enumerate(FIELDS)}
    LKI = {'disc': 1, 'venous': 2, 'paravertebral': 3, 'epidural': 4, 'foraminal': 5}
    ETI = {'osteoporotic': '1', 'pathologic': '2', 'traumatic': '3', 'other': '4'}
    unk = {}  # scores written as missing codes, removed from truth

    def newrow(p, ev, inst='', instn=''):
        r = {f: '' for f in FIELDS}
        r['record_id'] = p['pid']
        r['redcap_event_name'] = ev
        r['redcap_repeat_instrument'] = inst
        r['redcap_repeat_instance'] = instn
        rows.append(r)
        return r

    def evalrow(p, r, s, tp):
        d = p['d0'] + dt.timedelta(days=p['visits'][(s, tp)])
        if p is e_pre and (s, tp) == (1, '3m'):
            d = d.replace(year=d.year - 1)
            r['_err'] = ('date_eval', 'follow-up (3 mois) dated before the procedure (year typo)')
        r['date_eval'] = d.isoformat()
        for m, f in (('pain_vas', 'eva_douleur'), ('odi', 'odi_score'), ('mobility', 'mobilite')):
            v = p['scores'].get((s, m, tp))
            if v is None:
                continue
            if R.random() < 0.04 and not (p in (e_vas, e_odi)):
                r[f] = R.choice(['UNK', 'NASK'])
                del p['scores'][(s, m, tp)]
                continue
            r[f] = str(v)
            if (m == 'pain_vas' and v > 10):
                r['_err'] = (f, 'EVA %d beyond the 0-10 scale' % v)
            if (m == 'odi' and v > 100):
                r['_err'] = (f, 'ODI %d beyond 100 %%' % v)
        nf = [fl for fd, fl in p['fractures'] if fd == p['visits'][(s, tp)] and s == 1]
        if tp != 'pre':
            r['nouvelle_fracture'] = '1' if nf else '0'
            if nf:
                r['niveau_nouvelle_fx'] = nf[0]
        r['evaluation_complete'] = '2' if R.random() < 0.85 else '1'

    for p in pats:
        r = newrow(p, 'inclusion_arm_1')
        r.update(nom=p['nom'], prenom=p['prenom'], ddn=p['birth'].isoformat(), ndm=p['ndm'], ramq=p['ramq'],
                 telephone=p['tel'], sexe='1' if p['sex'] == 'female' else '2', etiologie=ETI[p['etiology']],
                 age_interv=str(p['age']), demographie_complete='2')
        if p['etiology'] == 'pathologic':
            r['etiologie_precision'] = R.choice(['Myélome multiple', 'méta sein', 'Meta poumon', 'métastase prostate'])
        elif p['etiology'] == 'other':
            r['etiologie_precision'] = 'à préciser'
        evalrow(p, r, 1, 'pre')
        for s in p['sessions']:
            if s['session'] == 2:
                r = newrow(p, EV2['pre'])
                evalrow(p, r, 2, 'pre')
            ev = 'intervention_%d_arm_1' % s['session']
            r = newrow(p, ev)
            r.update(date_intervention=s['date'].isoformat(),
                     technique='1' if s['technique'] == 'vertebroplasty' else '2',
                     type_ciment='1' if s['cement_type'] == 'PMMA' else '2', marque_ciment=s['brand'],
                     intervention_complete='2')
            for j, v in enumerate(s['vertebrae'], 1):
                r = newrow(p, ev, 'niveaux_traites', str(j))
                lv = v['level']
                if R.random() < 0.1:
                    lv = lv.lower()
                r['niveau_vert'] = lv
                r['volume_ml'] = dec(v['vol'])
                for key, n in LKI.items():
                    r['fuite___%d' % n] = '1' if key in v['leak'] else '0'
                r['fuite___0'] = '0' if v['leak'] else '1'
                r['niveaux_traites_complete'] = '2'
                if v['level'] in ('L6', 'T13'):
                    r['_err'] = ('niveau_vert', 'impossible vertebral level')
                if v['vol'] > 20:
                    r['_err'] = ('volume_ml', 'cement volume %s mL in one vertebra (>20 mL)' % fmtnum(v['vol']))
            if s['session'] == 2:
                r = newrow(p, EV2['1m'])
                evalrow(p, r, 2, '1m')
        for tp in TPS[1:]:
            if (1, tp) in p['visits']:
                r = newrow(p, EV[tp])
                evalrow(p, r, 1, tp)
            elif R.random() < 0.3 and not (p['died'] == 'yes' and TP_WIN[tp][0] > p['death_day']):
                r = newrow(p, EV[tp])   # event opened, form left empty
                r['evaluation_complete'] = '0'
    # REDCap export order: by record, then by event order of the project
    EORDER = ['inclusion_arm_1', 'intervention_1_arm_1', 'suivi_2_sem_arm_1', 'suivi_6_sem_arm_1', 'suivi_3_mois_arm_1',
              'suivi_12_mois_arm_1', 'preop_2e_interv_arm_1', 'intervention_2_arm_1', 'suivi_1m_post_int2_arm_1']
    rows.sort(key=lambda r: (int(r['record_id']), EORDER.index(r['redcap_event_name']), r['redcap_repeat_instance']))
    indir = os.path.join(outdir, 'input')
    os.makedirs(indir, exist_ok=True)
    with open(os.path.join(indir, DATA + '.csv'), 'w', newline='', encoding='utf-8-sig') as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL)
        w.writerow(FIELDS)
        for i, r in enumerate(rows, 2):
            w.writerow([r[k] for k in FIELDS])
            if '_err' in r:
                fld, what = r['_err']
                errors.append(dict(sheet=DATA, cell='%s%d' % (colL[fld], i), row=i, header=fld, value=r[fld],
                                   what=what, pid=r['record_id']))
    dd = [
        ['record_id', 'demographie', '', 'text', 'No. étude / Study ID', '', '', ''],
        ['nom', 'demographie', 'Identification', 'text', 'Nom de famille / Last name', '', '', 'y'],
        ['prenom', 'demographie', '', 'text', 'Prénom / First name', '', '', 'y'],
        ['ddn', 'demographie', '', 'text', 'Date de naissance / DOB', '', 'date_ymd', 'y'],
        ['ndm', 'demographie', '', 'text', 'No. dossier médical (NDM)', '', '', 'y'],
        ['ramq', 'demographie', '', 'text', 'No. RAMQ', '', '', 'y'],
        ['telephone', 'demographie', '', 'text', 'Téléphone', '', 'phone', 'y'],
        ['sexe', 'demographie', '', 'radio', 'Sexe / Sex', '1, Femme / Female | 2, Homme / Male', '', ''],
        ['etiologie', 'demographie', '', 'dropdown', 'Étiologie de la fracture / Fracture etiology',
         '1, Ostéoporotique | 2, Pathologique (néoplasique: métastase, myélome) | 3, Traumatique | 4, Autre / Other', '', ''],
        ['etiologie_precision', 'demographie', '', 'text', 'Préciser / Specify', '', '', ''],
        ['age_interv', 'demographie', '', 'calc', "Âge à l'intervention (ans)", 'rounddown(datediff([ddn],[intervention_1_arm_1][date_intervention],"y"),0)', '', ''],
        ['date_eval', 'evaluation', 'Évaluation clinique', 'text', "Date de l'évaluation", '', 'date_ymd', ''],
        ['eva_douleur', 'evaluation', '', 'text', 'EVA douleur (0-10) / Pain NRS', '', 'integer', ''],
        ['odi_score', 'evaluation', '', 'text', 'Oswestry Disability Index (%)', '', 'integer', ''],
        ['mobilite', 'evaluation', '', 'dropdown', 'Mobilité / Mobility',
         '0, Autonome sans aide / Independent | 1, Canne / Cane | 2, Marchette / Walker | 3, Fauteuil roulant / Wheelchair | 4, Alité(e) / Bed-bound', '', ''],
        ['nouvelle_fracture', 'evaluation', '', 'yesno', 'Nouvelle fracture vertébrale? / New vertebral fracture?', '', '', ''],
        ['niveau_nouvelle_fx', 'evaluation', '', 'text', 'Niveau de la nouvelle fracture', '', '', ''],
        ['date_intervention', 'intervention', 'Intervention', 'text', "Date de l'intervention", '', 'date_ymd', ''],
        ['technique', 'intervention', '', 'radio', 'Technique', '1, Vertébroplastie / Vertebroplasty | 2, Cyphoplastie par ballonnet / Balloon kyphoplasty', '', ''],
        ['type_ciment', 'intervention', '', 'radio', 'Type de ciment', '1, PMMA | 2, Phosphate de calcium / Calcium phosphate', '', ''],
        ['marque_ciment', 'intervention', '', 'text', 'Marque du ciment / Brand', '', '', ''],
        ['niveau_vert', 'niveaux_traites', 'Niveau traité (répétable)', 'text', 'Niveau vertébral traité (ex. T12, L1)', '', '', ''],
        ['volume_ml', 'niveaux_traites', '', 'text', 'Volume de ciment injecté (mL)', '', 'number_comma_decimal', ''],
        ['fuite', 'niveaux_traites', '', 'checkbox', 'Fuite de ciment / Cement leakage',
         '0, Aucune / None | 1, Discale / Disc | 2, Veineuse / Venous | 3, Paravertébrale / Paravertebral | 4, Épidurale / Epidural | 5, Foraminale / Foraminal', '', ''],
    ]
    with open(os.path.join(indir, DICT + '.csv'), 'w', newline='', encoding='utf-8-sig') as f:
        w = csv.writer(f)
        w.writerow(['Variable / Field Name', 'Form Name', 'Section Header', 'Field Type', 'Field Label',
                    'Choices, Calculations, OR Slider Labels', 'Text Validation Type OR Show Slider Number', 'Identifier?'])
        for d in dd:
            w.writerow(d)
    # phone log (English, coordinator)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Calls'
    ws['A1'] = 'VERTEBRO-QC – 12-month vital status phone follow-up (coordinator log). Missing data codes in REDCap: UNK = unknown, NASK = not asked.'
    ws.append(['Record ID', 'Patient', 'Call date', 'Reached?', 'Vital status', 'Date of death', 'Notes'])
    for c in ws[2]:
        c.font = Font(bold=True)
    for p in pats:
        last = max(d for d in p['visits'].values())
        cd = p['d0'] + dt.timedelta(days=max(last + 20, 400 + R.randint(0, 30)))
        if R.random() < 0.25:
            ws.append([int(p['pid']), '%s, %s' % (p['nom'], p['prenom']), cd - dt.timedelta(days=R.randint(3, 9)), 'N', '', '', 'No answer, left voicemail'])
            ws.cell(row=ws.max_row, column=3).number_format = 'yyyy-mm-dd'
        if p['died'] == 'yes':
            dd_ = p['d0'] + dt.timedelta(days=p['death_day'])
            ws.append([int(p['pid']), '%s, %s' % (p['nom'], p['prenom']), cd, 'Y', 'Deceased', dd_,
                       R.choice(['Daughter reports death at home (palliative).', 'Décédé au CHSLD selon la famille', 'Spouse informed us - pneumonia'])])
            ws.cell(row=ws.max_row, column=6).number_format = 'yyyy-mm-dd'
        else:
            ws.append([int(p['pid']), '%s, %s' % (p['nom'], p['prenom']), cd, 'Y', 'Alive',
                       '', R.choice(['', 'Doing OK, uses walker', 'va bien', 'Still some back pain', ''])])
        ws.cell(row=ws.max_row, column=3).number_format = 'yyyy-mm-dd'
    for c, wd in zip('ABCDEFG', [10, 24, 12, 9, 12, 13, 44]):
        ws.column_dimensions[c].width = wd
    wb.save(os.path.join(indir, CALLS + '.xlsx'))
    write_truth(outdir, pats, errors, idents, per_vertebra=True)


if __name__ == '__main__':
    main(sys.argv[1])
