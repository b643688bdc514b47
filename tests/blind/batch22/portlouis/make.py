#!/usr/bin/env python3
"""Port Louis (Mauritius): one follow-up card sheet per patient. Usage: python make.py OUTDIR"""
# ---------------------------------------------------------------- common cohort generator
import os, sys, csv, random, datetime as dt

TP_NOMINAL = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
              '6m': 182, '12m': 365, '24m': 730}
TP_JITTER = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 9, '6m': 12,
             '12m': 20, '24m': 30}
LEVELS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
          'L1', 'L2', 'L3', 'L4', 'L5']


def lvl_index(l):
    return LEVELS.index(l)


def pick_levels(rng, etio, k):
    if etio == 'osteoporotic':
        pool = ['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'L4']
    elif etio == 'pathologic':
        pool = ['T5', 'T6', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
    elif etio == 'traumatic':
        pool = ['T11', 'T12', 'T12', 'L1', 'L1', 'L2']
    else:
        pool = ['T10', 'T11', 'T12', 'L1', 'L2']
    first = rng.choice(pool)
    i = lvl_index(first)
    levels = [first]
    while len(levels) < k:
        if rng.random() < 0.75 and i + len(levels) < len(LEVELS):
            levels.append(LEVELS[i + len(levels)])
        else:
            j = rng.randrange(4, 17)
            if LEVELS[j] not in levels:
                levels.append(LEVELS[j])
    return sorted(set(levels), key=lvl_index)


def pick_leak(rng):
    r = rng.random()
    if r < 0.72:
        return []
    if r < 0.84:
        return ['disc']
    if r < 0.91:
        return ['venous']
    if r < 0.96:
        return ['paravertebral']
    if r < 0.98:
        return ['disc', 'venous']
    return ['epidural']


def cement_vol(rng, level, technique):
    lumbar = level.startswith('L')
    lo, hi = (3.0, 7.0) if lumbar else (2.0, 5.0)
    if technique == 'kyphoplasty':
        lo += 0.5
        hi += 1.0
    return rng.randrange(int(lo * 2), int(hi * 2) + 1) / 2.0


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def gen_scores(rng, tp, measures, base):
    """base: dict of pre values; returns dict measure->value"""
    out = {}
    for m in measures:
        if m == 'pain_vas':
            if tp == 'pre':
                v = base['pain_vas']
            elif tp == '24h':
                v = base['pain_vas'] - rng.randint(2, 5)
            elif tp in ('1w', '2w'):
                v = base['pain_vas'] - rng.randint(3, 5)
            else:
                v = base['pain_vas'] - rng.randint(3, 7)
            out[m] = clamp(v, 0, 10)
        elif m == 'odi':
            if tp == 'pre':
                v = base['odi']
            elif tp in ('24h', '1w', '2w'):
                v = base['odi'] - 2 * rng.randint(5, 12)
            else:
                v = base['odi'] - 2 * rng.randint(8, 22)
            out[m] = clamp(v, 4, 100)
        elif m == 'mobility':
            if tp == 'pre':
                v = base['mobility']
            elif tp == '24h':
                v = base['mobility'] - rng.randint(0, 2)
            else:
                v = base['mobility'] - rng.randint(1, 3)
            out[m] = clamp(v, 0, 4)
    return out


def gen_cohort(seed, cfg):
    """cfg keys: n, start (date), span_days, tps1, tps2, measures, kp_prob,
    etio_weights (dict), n_second, n_extra_fx, n_dead, fx_tp (list of tps for second),
    extra_fx_tps, miss_prob, pre_offset (days of pre visit, 0 or -1), measure_tp (dict tp->measures)"""
    rng = random.Random(seed)
    n = cfg['n']
    etios = []
    for e, w in cfg['etio_weights'].items():
        etios += [e] * w
    pats = []
    for i in range(n):
        etio = etios[i] if i < len(etios) else 'osteoporotic'
        pats.append({'idx': i, 'etio': etio})
    rng.shuffle(pats)
    for i, p in enumerate(pats):
        p['idx'] = i
        e = p['etio']
        if e == 'osteoporotic':
            p['sex'] = 'female' if rng.random() < 0.78 else 'male'
            p['age'] = rng.randint(61, 89)
        elif e == 'pathologic':
            p['sex'] = rng.choice(['female', 'male'])
            p['age'] = rng.randint(46, 79)
        elif e == 'traumatic':
            p['sex'] = 'male' if rng.random() < 0.7 else 'female'
            p['age'] = rng.randint(28, 64)
        else:
            p['sex'] = rng.choice(['female', 'male'])
            p['age'] = rng.randint(55, 80)
        d0 = cfg['start'] + dt.timedelta(days=rng.randrange(cfg['span_days']))
        while d0.weekday() >= 5:
            d0 += dt.timedelta(days=1)
        p['date0'] = d0
        # birth date consistent with age at d0
        bd_year = d0.year - p['age'] - 1
        bd = dt.date(bd_year, rng.randint(1, 12), rng.randint(1, 28))
        # make sure age at d0 == age
        def age_at(b, d):
            return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
        while age_at(bd, d0) > p['age']:
            bd = bd.replace(year=bd.year + 1)
        while age_at(bd, d0) < p['age']:
            bd = bd.replace(year=bd.year - 1)
        p['birth'] = bd
        k = 1
        r = rng.random()
        if r < 0.22:
            k = 2
        elif r < 0.31:
            k = 3
        tech = 'kyphoplasty' if rng.random() < cfg['kp_prob'] else 'vertebroplasty'
        if e == 'traumatic' and cfg['kp_prob'] > 0:
            tech = 'kyphoplasty'
        levels = pick_levels(rng, e, k)
        p['sessions'] = [{'n': 1, 'day': 0, 'technique': tech,
                          'levels': [{'level': l, 'vol': cement_vol(rng, l, tech),
                                      'leak': pick_leak(rng)} for l in levels],
                          'cement': None}]
        p['base'] = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(22, 42),
                     'mobility': rng.randint(2, 4)}
        p['fractures'] = []
        p['died'] = False
        p['death_day'] = None
        # visits
        vis = []
        for tp in cfg['tps1']:
            if tp == 'pre':
                day = cfg.get('pre_offset', 0)
            else:
                day = TP_NOMINAL[tp] + rng.randint(-TP_JITTER[tp], TP_JITTER[tp])
            st = 'done'
            if tp not in ('pre', '24h') and rng.random() < cfg['miss_prob']:
                st = 'missed'
            vis.append({'session': 1, 'tp': tp, 'day': day, 'status': st})
        p['visits'] = vis
        pats.append  # noqa
    # choose second-session patients, extra fractures, deaths
    idxs = list(range(n))
    rng.shuffle(idxs)
    second = idxs[:cfg['n_second']]
    extra = idxs[cfg['n_second']:cfg['n_second'] + cfg['n_extra_fx']]
    rest = idxs[cfg['n_second'] + cfg['n_extra_fx']:]
    # deaths: prefer pathologic among rest
    rest.sort(key=lambda i: (pats[i]['etio'] != 'pathologic', i))
    dead = rest[:cfg['n_dead']]
    for i in second:
        p = pats[i]
        fx_tp = rng.choice(cfg['fx_tp'])
        v = [x for x in p['visits'] if x['tp'] == fx_tp][0]
        v['status'] = 'done'
        used = [l['level'] for l in p['sessions'][0]['levels']]
        cand = [l for l in LEVELS[5:] if l not in used and
                min(abs(lvl_index(l) - lvl_index(u)) for u in used) <= 3]
        fl = rng.choice(cand)
        p['fractures'].append({'day': v['day'], 'level': fl, 'tp': fx_tp, 'treated': True})
        d2 = v['day'] + rng.randint(6, 20)
        while (p['date0'] + dt.timedelta(days=d2)).weekday() >= 5:
            d2 += 1
        tech2 = p['sessions'][0]['technique']
        p['sessions'].append({'n': 2, 'day': d2, 'technique': tech2,
                              'levels': [{'level': fl, 'vol': cement_vol(rng, fl, tech2),
                                          'leak': pick_leak(rng)}], 'cement': None})
        for x in p['visits']:
            if x['day'] > v['day']:
                x['status'] = 'superseded'
        for tp in cfg['tps2']:
            if tp == 'pre':
                day = d2 + cfg.get('pre_offset', 0)
            else:
                day = d2 + TP_NOMINAL[tp] + rng.randint(-TP_JITTER[tp], TP_JITTER[tp])
            st = 'done'
            if tp not in ('pre', '24h') and rng.random() < cfg['miss_prob'] / 2:
                st = 'missed'
            p['visits'].append({'session': 2, 'tp': tp, 'day': day, 'status': st})
    for i in extra:
        p = pats[i]
        tp = rng.choice(cfg['extra_fx_tps'])
        v = [x for x in p['visits'] if x['tp'] == tp][0]
        v['status'] = 'done'
        used = [l['level'] for l in p['sessions'][0]['levels']]
        cand = [l for l in LEVELS[5:] if l not in used]
        fl = rng.choice(cand)
        p['fractures'].append({'day': v['day'], 'level': fl, 'tp': tp, 'treated': False})
    for i in dead:
        p = pats[i]
        p['died'] = True
        fu = [x for x in p['visits'] if x['tp'] not in ('pre', '24h')]
        # die after the 1st or 2nd follow-up visit
        k = rng.randint(1, max(1, len(fu) - 1))
        last = fu[k - 1]
        last['status'] = 'done'
        nxt = fu[k] if k < len(fu) else None
        if nxt is not None:
            dd = rng.randint(last['day'] + 5, nxt['day'] - 3)
        else:
            dd = last['day'] + rng.randint(10, 60)
        p['death_day'] = dd
        for x in fu[k:]:
            x['status'] = 'dead'
    # scores
    for p in pats:
        for v in p['visits']:
            ms = cfg['measure_tp'].get(v['tp'], cfg['measures'])
            if v['status'] == 'done':
                base = p['base'] if v['session'] == 1 else {
                    'pain_vas': rng.randint(6, 9), 'odi': 2 * rng.randint(24, 40),
                    'mobility': rng.randint(2, 4)}
                if v['session'] == 2 and v['tp'] == 'pre':
                    p['base2'] = base
                if v['session'] == 2 and v['tp'] != 'pre':
                    base = p['base2']
                sc = gen_scores(rng, v['tp'], ms, base)
                # occasionally one measure not recorded
                if len(ms) > 1 and v['tp'] != 'pre' and rng.random() < 0.06:
                    del sc[rng.choice(sorted(sc))]
                v['scores'] = sc
            else:
                v['scores'] = {}
    return pats, rng


def vdate(p, day):
    return p['date0'] + dt.timedelta(days=day)


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def fmt_num(x, comma=False):
    s = ('%g' % x)
    return s.replace('.', ',') if comma else s


def write_truth(outdir, pats, errors, identifiers):
    """pats must carry: pid, and truth flags. errors: list of dicts."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(['' if x is None else x for x in r])
    rows = []
    for p in pats:
        if p.get('no_truth'):
            continue
        rows.append([p['pid'], p.get('t_sex', p['sex']), p.get('t_age', p['age']),
                     p['etio'], 'yes' if p['died'] else 'no'])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], rows)
    rows = []
    for p in pats:
        if p.get('no_truth'):
            continue
        for s in p['sessions']:
            per_v = s.get('per_vertebra', True)
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                lev = '' if l.get('bad_level') else l['level']
                vol = ('%g' % l['vol']) if per_v and not l.get('bad_vol') else ''
                svol = '' if per_v else ('%g' % tot)
                if l.get('vol_blank'):
                    vol = ''
                leak = '' if l.get('leak_blank') else (';'.join(l['leak']) if l['leak'] else 'none')
                day = '' if s.get('bad_day') else s['day']
                rows.append([p['pid'], s['n'], day, lev, s['technique'], vol, svol,
                             s['cement'], leak])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    rows = []
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    for p in pats:
        if p.get('no_truth'):
            continue
        vs = sorted(p['visits'], key=lambda v: (v['session'], order.index(v['tp'])))
        for v in vs:
            for m in ['pain_vas', 'odi', 'mobility']:
                if m in v['scores'] and m not in v.get('bad', ()):
                    val = v['scores'][m]
                    if m == 'pain_vas' and v.get('vas_mm'):
                        val = v['scores'][m]  # already stored /10
                    rows.append([p['pid'], v['session'], m, v['tp'], '%g' % val])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    rows = []
    for p in pats:
        if p.get('no_truth'):
            continue
        for fx in p['fractures']:
            rows.append([p['pid'], '' if fx.get('bad_day') else fx['day'], fx['level']])
    w('fractures.csv', ['patient_id', 'day', 'level'], rows)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['column_header'], e['value'], e['what'],
        e.get('pid', '')] for e in errors])
    w('identifiers.csv', ['kind', 'value'], identifiers)


def cell_addr(row, col):
    """row 1-based, col 0-based"""
    s = ''
    c = col + 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return '%s%d' % (s, row)
# ---------------------------------------------------------------- end common
# ---------------------------------------------------------------- site: portlouis (one card sheet per patient)
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

SITE_SEED = 22430
F_NAMES = ['Devi RAMSAMY', 'Farida JOOMUN', 'Marie-Claire PERRINE', 'Sunita BEEHARRY',
           'Josiane DOMINGUE', 'Kamla RAMDHUN', 'Marie-Noëlle LABONNE', 'Bibi Zaynab HOSSENBACCUS',
           'Leelawtee GOPEE', 'Rose-May ANDRÉ', 'Mei Ling AH-KEE', 'Savitree SEEBALUCK',
           'Ginette CASTEL', 'Premila RAMGOOLAM', 'Nalini CUNDEN', 'Marie-France LAVAL',
           'Hemlata BOODHOO', 'Jacqueline NG CHEONG', 'Soobhadra DOOKHEE']
M_NAMES = ['Rajesh GOPAUL', 'Jean-Marc LAVAL', 'Anand SEEBALUCK', 'Michel AH-KEE',
           'Vishal CUNDEN', 'Jean LI WAN PO', 'Mohammad Iqbal JOOMUN', 'Louis-Gérard PERRINE',
           'Dhaneshwar RAMTOHUL', 'Patrick BÉGUÉ', 'Soodesh PURMESSUR']
CREOLE_OK = ['li byen', 'douler finn diminye', 'pe marse ar baton', 'marche seul(e)',
             'pe fer lekzersis ek kiné', '', '', '']
CREOLE_PAIN = ['ankor gagn douler', 'douler le swar', 'painful on walking']


def main(outdir):
    cfg = dict(n=22, start=dt.date(2023, 3, 1), span_days=500,
               tps1=['pre', '24h', '1m', '3m', '6m'], tps2=['pre', '24h', '1m'],
               measures=['pain_vas', 'mobility'], kp_prob=0.3,
               etio_weights={'osteoporotic': 14, 'pathologic': 5, 'traumatic': 2, 'other': 1},
               n_second=3, n_extra_fx=1, n_dead=3, fx_tp=['3m'], extra_fx_tps=['1m', '6m'],
               miss_prob=0.14, pre_offset=0, measure_tp={})
    pats, rng = gen_cohort(SITE_SEED, cfg)
    pats.sort(key=lambda p: p['date0'])
    fn, mn = F_NAMES[:], M_NAMES[:]
    rng.shuffle(fn)
    rng.shuffle(mn)
    identifiers = []
    for i, p in enumerate(pats):
        p['pid'] = 'PL-%02d' % (i + 1)
        nm = (fn if p['sex'] == 'female' else mn).pop()
        p['name'] = ('Mrs ' if p['sex'] == 'female' else 'Mr ') + nm
        surname = nm.split(' ')[-1]
        p['nic'] = '%s%s%06d%s' % (surname[0], p['birth'].strftime('%d%m%y'), rng.randint(0, 999999),
                                   rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ'))
        p['hosp'] = 'PV/%02d/%05d' % (p['date0'].year % 100, rng.randint(100, 9999))
        p['tel'] = '5%d%02d %04d' % (rng.randint(2, 9), rng.randint(0, 99), rng.randint(0, 9999))
        p['dob_as_date'] = rng.random() < 0.4
        for s in p['sessions']:
            s['cement'] = 'PMMA'
            s['per_vertebra'] = False
            s['brand'] = ('KyphX HV-R' if s['technique'] == 'kyphoplasty'
                          else rng.choice(['Osteopal V', 'Spineplex', 'Vertecem V+']))
        identifiers += [('name', p['name']), ('national_id', p['nic']), ('record_number', p['hosp']),
                        ('birth_date', p['birth'].strftime('%d/%m/%Y')), ('phone', p['tel'])]
    order = list(range(len(pats)))
    rng.shuffle(order)
    bad = {}

    def vis(p, s, tp):
        x = [v for v in p['visits'] if v['session'] == s and v['tp'] == tp]
        return x[0] if x else None

    def take(key, pred):
        for i in order:
            p = pats[i]
            if any(q is p for q in bad.values()):
                continue
            if pred(p):
                bad[key] = p
                return p
        raise RuntimeError(key)
    take('vas', lambda p: vis(p, 1, '1m')['status'] == 'done' and 'pain_vas' in vis(p, 1, '1m')['scores'])
    vis(bad['vas'], 1, '1m')['bad'] = ('pain_vas',)
    take('t13', lambda p: len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0]['level'] == 'T12')
    bad['t13']['sessions'][0]['levels'][0]['bad_level'] = True
    take('feb', lambda p: any(v['status'] == 'done' and v['tp'] in ('1m', '3m', '6m') and
                              vdate(p, v['day']).month in (2, 3) for v in p['visits']))
    take('before', lambda p: vis(p, 1, '3m')['status'] == 'done' and len(p['sessions']) == 1)

    wb = openpyxl.Workbook()
    reg = wb.active
    reg.title = 'Register'
    B = Font(bold=True)
    thin = Side(style='thin', color='999999')
    BOX = Border(left=thin, right=thin, top=thin, bottom=thin)
    GREY = PatternFill('solid', fgColor='E7E6E6')
    reg['A1'] = 'Plaine Verte Regional Hospital – Spine Unit – Vertebroplasty / Kyphoplasty register'
    reg['A1'].font = Font(bold=True, size=12)
    rh = ['Study No', 'Name / Nom', 'Hosp. No', '1st procedure', 'Status', 'Card']
    for j, h in enumerate(rh):
        reg.cell(3, j + 1, h).font = B
    errors = []
    for i, p in enumerate(pats):
        rr = 4 + i
        reg.cell(rr, 1, p['pid'])
        reg.cell(rr, 2, p['name'])
        reg.cell(rr, 3, p['hosp'])
        c = reg.cell(rr, 4, p['date0'])
        c.number_format = 'd-mmm-yy'
        reg.cell(rr, 5, ('Died / Décédé' if p['died'] else rng.choice(['Alive', 'Alive', 'F/U'])))
        reg.cell(rr, 6, 'see sheet %s' % p['pid'])
    for col, w in zip('ABCDEF', [10, 32, 14, 13, 16, 16]):
        reg.column_dimensions[col].width = w

    def datecell(ws, r, c, d):
        u = rng.random()
        if u < 0.45:
            x = ws.cell(r, c, d)
            x.number_format = 'd-mmm-yy'
        elif u < 0.8:
            ws.cell(r, c, d.strftime('%d/%m/%Y'))
        else:
            ws.cell(r, c, '%d-%s' % (d.day, d.strftime('%b-%y')))

    TPL = {'pre': 'D0 (pre-op)', '24h': 'D+1', '1m': 'D+30', '3m': 'D+90', '6m': 'D+180'}
    LEAKW = {'disc': ['disc leak', 'fuite discale'], 'venous': ['venous leak', 'fuite veineuse'],
             'paravertebral': ['paravertebral leak', 'fuite paravertébrale'],
             'epidural': ['epidural leak', 'fuite épidurale']}

    def leak_text(s):
        if not any(l['leak'] for l in s['levels']):
            return rng.choice(['Nil', 'Nil', 'None', 'Aucune fuite', 'No leak'])
        parts = []
        for l in s['levels']:
            if l['leak']:
                parts.append(' + '.join(rng.choice(LEAKW[x]) for x in l['leak']) + ' ' + l['level'])
            else:
                parts.append(l['level'] + ' nil')
        return '; '.join(parts)

    for p in pats:
        ws = wb.create_sheet(p['pid'])
        ws.merge_cells('A1:F1')
        ws['A1'] = 'PLAINE VERTE REGIONAL HOSPITAL – Orthopaedic & Spine Unit / Unité du rachis'
        ws['A1'].font = Font(bold=True, size=12)
        ws.merge_cells('A2:F2')
        ws['A2'] = 'Vertebral augmentation follow-up card / Fiche de suivi – vertébroplastie & cyphoplastie'
        ws['A2'].font = Font(italic=True)
        ws['A4'] = 'Study No:'
        ws['B4'] = p['pid']
        ws['D4'] = 'Hosp. No / N° dossier:'
        ws['E4'] = p['hosp']
        ws['A5'] = 'Name / Nom:'
        ws.merge_cells('B5:C5')
        ws['B5'] = p['name']
        ws['D5'] = 'NIC:'
        ws['E5'] = p['nic']
        ws['A6'] = 'Sex:'
        ws['B6'] = 'F' if p['sex'] == 'female' else 'M'
        ws['D6'] = 'DOB / Date de naissance:'
        if p['dob_as_date']:
            ws['E6'] = p['birth']
            ws['E6'].number_format = 'd-mmm-yy' if p['birth'].year >= 1930 else 'dd/mm/yyyy'
        else:
            ws['E6'] = p['birth'].strftime('%d/%m/%Y')
        ws['A7'] = 'Age:'
        ws['B7'] = p['age']
        ws['D7'] = 'Tel:'
        ws['E7'] = p['tel']
        ws['A8'] = 'Diagnosis / Diagnostic:'
        ws.merge_cells('B8:F8')
        lv1 = ', '.join(l['level'] for l in p['sessions'][0]['levels'])
        e = p['etio']
        if e == 'osteoporotic':
            dx = rng.choice(['Osteoporotic # %s', 'Osteoporotic compression fracture %s',
                             'Tassement ostéoporotique %s'])
        elif e == 'pathologic':
            dx = rng.choice(['Metastasis %s (ca breast)' if p['sex'] == 'female' else
                             'Métastase %s (ca prostate)', 'Multiple myeloma – %s',
                             'Secondary deposit %s (ca lung)'])
        elif e == 'traumatic':
            dx = rng.choice(['Traumatic # %s – fell from ladder (tonbe lor lesel)',
                             'Traumatic # %s – RTA (motorcycle)'])
        else:
            dx = 'Kümmell disease (avascular necrosis) %s'
        if any(l.get('bad_level') for l in p['sessions'][0]['levels']):
            dx = dx.replace(' %s', '').replace('%s ', '')
        ws['B8'] = dx % lv1 if '%s' in dx else dx
        row = 10
        for s in p['sessions']:
            ws.cell(row, 1, 'PROCEDURE %d' % s['n'] + ('' if s['n'] == 1 else ' (new fracture / nouvelle fracture)')).font = B
            for c in range(1, 7):
                ws.cell(row, c).fill = GREY
            row += 1
            ws.cell(row, 1, 'Date:')
            x = ws.cell(row, 2, vdate(p, s['day']))
            x.number_format = 'd-mmm-yy'
            ws.cell(row, 4, 'Technique:')
            ws.cell(row, 5, rng.choice(['Kyphoplasty', 'KP (balloon)', 'Cyphoplastie'])
                    if s['technique'] == 'kyphoplasty' else
                    rng.choice(['Vertebroplasty', 'VP', 'Vertébroplastie']))
            row += 1
            ws.cell(row, 1, 'Level(s) / Niveau(x):')
            levs = ', '.join('T13' if l.get('bad_level') else l['level'] for l in s['levels'])
            ws.cell(row, 2, levs)
            if s['levels'][0].get('bad_level'):
                errors.append({'sheet': p['pid'], 'cell': 'B%d' % row, 'row': row,
                               'column_header': 'Level(s) / Niveau(x):', 'value': levs,
                               'what': 'impossible vertebral level T13', 'pid': p['pid']})
            row += 1
            ws.cell(row, 1, 'Cement / Ciment:')
            tot = sum(l['vol'] for l in s['levels'])
            ws.cell(row, 2, rng.choice(['PMMA (%s) – total %s ml', '%s, %s cc total']) %
                    (s['brand'], '%g' % tot) if True else '')
            row += 1
            ws.cell(row, 1, 'Leak / Fuite:')
            ws.cell(row, 2, leak_text(s))
            row += 2
            ws.cell(row, 1, 'FOLLOW-UP / SUIVI' + ('' if s['n'] == 1 else ' after procedure 2')).font = B
            row += 1
            for j, h in enumerate(['Visit', 'Date', 'VAS (0-10)', 'Mobility (0-4)', 'Remarks / Remarques']):
                c = ws.cell(row, j + 1, h)
                c.font = B
                c.border = BOX
            hdr_row = row
            row += 1
            for v in [v for v in p['visits'] if v['session'] == s['n']]:
                ws.cell(row, 1, TPL[v['tp']])
                if v['status'] == 'done':
                    datecell(ws, row, 2, vdate(p, v['day']))
                    sc = v['scores']
                    ws.cell(row, 3, sc.get('pain_vas', '-'))
                    ws.cell(row, 4, sc.get('mobility', '-'))
                    ev = sc.get('pain_vas', 5)
                    rem = rng.choice(CREOLE_OK) if ev <= 4 else rng.choice(CREOLE_PAIN + [''])
                    mo = sc.get('mobility')
                    if rem == 'pe marse ar baton' and mo != 1:
                        rem = 'li byen'
                    if rem == 'marche seul(e)' and mo != 0:
                        rem = ''
                    fx = [f for f in p['fractures'] if f['day'] == v['day']]
                    if fx:
                        f = fx[0]
                        rem = ('New # %s on X-ray – for VP' % f['level']) if f['treated'] else \
                            ('New # %s (X-ray), conservative Rx' % f['level'])
                    ws.cell(row, 5, rem)
                    if p is bad['vas'] and v['session'] == 1 and v['tp'] == '1m':
                        ws.cell(row, 3, 12)
                        errors.append({'sheet': p['pid'], 'cell': 'C%d' % row, 'row': row,
                                       'column_header': 'VAS (0-10)', 'value': '12',
                                       'what': 'VAS 12 is beyond the 0-10 scale', 'pid': p['pid']})
                    if p is bad['feb'] and not p.get('feb_done') and v['tp'] in ('1m', '3m', '6m') \
                            and vdate(p, v['day']).month in (2, 3):
                        p['feb_done'] = True
                        val = '30/02/%d' % vdate(p, v['day']).year
                        ws.cell(row, 2).value = val
                        ws.cell(row, 2).number_format = 'General'
                        errors.append({'sheet': p['pid'], 'cell': 'B%d' % row, 'row': row,
                                       'column_header': 'Date', 'value': val,
                                       'what': 'impossible date 30 February', 'pid': p['pid']})
                    if p is bad['before'] and v['session'] == 1 and v['tp'] == '3m':
                        d = vdate(p, v['day'])
                        d2 = d.replace(year=d.year - 1)
                        x = ws.cell(row, 2, d2)
                        x.number_format = 'd-mmm-yy'
                        errors.append({'sheet': p['pid'], 'cell': 'B%d' % row, 'row': row,
                                       'column_header': 'Date', 'value': '%d-%s' % (d2.day, d2.strftime('%b-%y')),
                                       'what': 'D+90 visit dated before the procedure (%s)' %
                                       vdate(p, 0).strftime('%d/%m/%Y'), 'pid': p['pid']})
                elif v['status'] == 'missed':
                    ws.cell(row, 2, rng.choice(['DNA', 'DNA', 'pa vini', '-']))
                    ws.cell(row, 5, rng.choice(['did not attend', 'pa finn vini konsiltasion',
                                                'no show, phone off', '']))
                elif v['status'] == 'dead':
                    if not p.get('death_noted'):
                        p['death_noted'] = True
                        ws.cell(row, 2, '-')
                        ws.cell(row, 5, rng.choice(['Deceased %s (family informed) – li finn mor',
                                                    'Died at home %s', 'Décédé le %s']) %
                                vdate(p, p['death_day']).strftime('%d/%m/%Y'))
                    else:
                        ws.cell(row, 2, '-')
                elif v['status'] == 'superseded':
                    ws.cell(row, 2, '-')
                    ws.cell(row, 5, 'see procedure 2')
                for c in range(1, 6):
                    ws.cell(row, c).border = BOX
                row += 1
            row += 1
        ws.cell(row + 1, 1, 'Mobility: 0 = independent, 1 = stick, 2 = frame, 3 = wheelchair/chair, 4 = bedridden (lor lili)').font = Font(italic=True, size=8)
        for col, w in zip('ABCDEF', [22, 14, 11, 22, 34, 8]):
            ws.column_dimensions[col].width = w
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, identifiers)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
