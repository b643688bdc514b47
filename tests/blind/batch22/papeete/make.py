#!/usr/bin/env python3
"""Papeete (French Polynesia): every visit as its own block stacked down one sheet. Usage: python make.py OUTDIR"""
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
# ---------------------------------------------------------------- site: papeete (visit blocks stacked on one sheet)
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

SITE_SEED = 22987
F_FIRST = ['Hinano', 'Moana', 'Vaea', 'Teura', 'Tiare', 'Poehere', 'Mareva', 'Tehani', 'Josiane',
           'Ghislaine', 'Hélène', 'Marie-Thérèse', 'Heimata', 'Vahinerii', 'Titaua', 'Odile',
           'Raiarii', 'Maeva', 'Huguette', 'Loana']
M_FIRST = ['Heimana', 'Tavita', 'Rauhiti', 'Teiki', 'Patrick', 'Manutea', 'Tamatea', 'Gaston',
           'Jean-Claude', 'Teva', 'Hiro', 'Marcel', 'Tuarii']
SURN = ['TEMAURI', 'TERIITEHAU', 'TETUANUI', 'MAITERAI', 'TAPUTU', 'FLOSSE', 'CHAN',
        'LEHARTEL', 'TEHEI', 'TUAHU', 'AMARU', 'SALMON', 'TAMATA', 'BAMBRIDGE', 'WONG',
        'TEHAAMOANA', 'VAIRAAROA', 'TERIIEROOITERAI', 'MAMATUI', 'TEMARII', 'PAMBRUN',
        'TAAROA', 'HIRO', 'LAI', 'TEPA', 'ATGER']
LEAK_FR = {'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale',
           'epidural': 'épidurale'}
MISS_FR = ['aita i haere mai (non venu)', 'non venu', 'RDV manqué', 'n.v.', 'pas venue – injoignable']
REM_OK = ['maita\'i', 'marche seul(e)', 'mauiui le soir', 'reprise du jardin', 'canne',
          'maita\'i roa', '', '', '', '', 'kiné en cours', 'mauiui rahi au lever']


def lvl_fr(rng, l, dstyle):
    if l.startswith('T') and dstyle:
        return 'D' + l[1:]
    return l


def main(outdir):
    cfg = dict(n=23, start=dt.date(2023, 2, 6), span_days=520,
               tps1=['pre', '24h', '6w', '3m', '12m'], tps2=['pre', '6w'],
               measures=['pain_vas', 'odi'], kp_prob=0.25,
               etio_weights={'osteoporotic': 15, 'pathologic': 5, 'traumatic': 3},
               n_second=3, n_extra_fx=2, n_dead=2, fx_tp=['3m'], extra_fx_tps=['6w', '12m'],
               miss_prob=0.13, pre_offset=0, measure_tp={'24h': ['pain_vas']})
    pats, rng = gen_cohort(SITE_SEED, cfg)
    pats.sort(key=lambda p: p['date0'])
    surn = SURN[:]
    rng.shuffle(surn)
    ff, mf = F_FIRST[:], M_FIRST[:]
    rng.shuffle(ff)
    rng.shuffle(mf)
    cnt = {}
    identifiers = []
    for p in pats:
        y = p['date0'].year % 100
        cnt[y] = cnt.get(y, 0) + 1
        p['pid'] = 'VP%02d-%02d' % (y, cnt[y])
        p['nom'] = surn.pop()
        p['prenom'] = (ff if p['sex'] == 'female' else mf).pop()
        p['short'] = '%s %s.' % (p['nom'], p['prenom'][0])
        p['ipp'] = '%07d' % rng.randint(1200000, 2499999)
        p['tel'] = '%d %02d %02d %02d' % (rng.choice([87, 89, 40]), rng.randint(10, 99),
                                           rng.randint(10, 99), rng.randint(10, 99))
        p['dstyle'] = rng.random() < 0.5
        for s in p['sessions']:
            s['cement'] = 'PMMA'
            s['brand'] = ('KyphX HV-R' if s['technique'] == 'kyphoplasty'
                          else rng.choice(['Osteopal V', 'Confidence (DePuy)', 'Vertecem V+']))
        identifiers += [('name', p['nom']), ('name', p['prenom']), ('name', p['short']),
                        ('birth_date', p['birth'].strftime('%d/%m/%Y')),
                        ('record_number', p['ipp']), ('phone', p['tel'])]

    # ---------------------------------------------------- choose planted errors
    order = list(range(len(pats)))
    rng.shuffle(order)
    bad = {}

    def take(key, pred):
        for i in order:
            p = pats[i]
            if p['pid'] in [q['pid'] for q in bad.values()]:
                continue
            if pred(p):
                bad[key] = p
                return p
        raise RuntimeError(key)

    def vis(p, s, tp):
        x = [v for v in p['visits'] if v['session'] == s and v['tp'] == tp]
        return x[0] if x else None
    take('odi', lambda p: vis(p, 1, '3m')['status'] == 'done' and 'odi' in vis(p, 1, '3m')['scores']
         and len(p['sessions']) == 1)
    take('l6', lambda p: len(p['sessions']) == 1 and p['sessions'][0]['levels'][-1]['level'] in ('L4', 'L5'))
    for l in bad['l6']['sessions'][0]['levels']:
        l['leak'] = []
    bad['l6']['sessions'][0]['levels'][-1]['bad_level'] = True
    take('date', lambda p: vis(p, 1, '6w')['status'] == 'done' and
         vdate(p, vis(p, 1, '6w')['day']).month in (4, 6, 9, 11))
    take('before', lambda p: vis(p, 1, '3m')['status'] == 'done' and len(p['sessions']) == 1)
    vis(bad['odi'], 1, '3m')['bad'] = ('odi',)

    # ---------------------------------------------------- write
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Suivi VP'
    B = Font(bold=True)
    TITLE = Font(bold=True, size=12, color='FFFFFF')
    TFILL = PatternFill('solid', fgColor='1F6F8B')
    HFILL = PatternFill('solid', fgColor='D9EAF0')
    ws['A1'] = 'Hôpital territorial Te Marama (Papeete) – Radiologie interventionnelle'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'Suivi des vertébroplasties et cyphoplasties 2023–2025 – tableau tenu par le Dr T. et l\'IDE de consultation (MAJ 09/01/2026)'
    ws['A3'] = 'Un bloc par visite. EVA 0–10, ODI en %. « — » = pas de donnée.'
    ws['A3'].font = Font(italic=True)
    r = 5
    errors = []

    def block(title, headers, rows_):
        nonlocal r
        ws.cell(r, 1, title).font = TITLE
        for j in range(len(headers)):
            ws.cell(r, j + 1).fill = TFILL
        r += 1
        for j, h in enumerate(headers):
            c = ws.cell(r, j + 1, h)
            c.font = B
            c.fill = HFILL
            c.alignment = Alignment(wrap_text=True)
        hr = r
        r += 1
        out = []
        for row in rows_:
            cells = {}
            for j, v in enumerate(row):
                if isinstance(v, tuple):  # (value, number_format)
                    c = ws.cell(r, j + 1, v[0])
                    c.number_format = v[1]
                else:
                    c = ws.cell(r, j + 1, v)
                cells[headers[j]] = (r, j)
            out.append(cells)
            r += 1
        r += 1  # blank row
        return hr, out

    def dcell(p, day):
        return (vdate(p, day), 'dd/mm/yyyy')

    def niveaux(p, s, errp=False):
        parts = []
        for l in s['levels']:
            name = 'L6' if l.get('bad_level') else lvl_fr(rng, l['level'], p['dstyle'])
            sep = rng.choice([' : ', ': ']) if not p.get('sep') else p['sep']
            p['sep'] = sep
            parts.append('%s%s%s ml' % (name, sep, fmt_num(l['vol'], comma=True)))
        return ' ; '.join(parts)

    def fuites(p, s):
        if not any(l['leak'] for l in s['levels']):
            return rng.choice(['aita', 'aita', 'aucune', '0'])
        if len(s['levels']) == 1:
            return ' + '.join(LEAK_FR[x] for x in s['levels'][0]['leak'])
        parts = []
        for l in s['levels']:
            w = ' + '.join(LEAK_FR[x] for x in l['leak']) if l['leak'] else 'aita'
            parts.append('%s : %s' % (lvl_fr(rng, l['level'], p['dstyle']), w))
        return ' ; '.join(parts)

    def etio_fr(p):
        e = p['etio']
        if e == 'osteoporotic':
            return rng.choice(['Ostéoporose', 'Fracture ostéoporotique', 'Tassement ostéoporotique'])
        if e == 'pathologic':
            return rng.choice(['Métastase (sein)' if p['sex'] == 'female' else 'Métastase (prostate)',
                               'Myélome', 'Métastase (poumon)', 'Myélome multiple'])
        return rng.choice(['Traumatique – chute de cocotier', 'Traumatique – AVP scooter',
                           'Traumatique – chute de va\'a', 'Traumatique – chute d\'échelle'])

    def tech_fr(s):
        if s['technique'] == 'kyphoplasty':
            return rng.choice(['Cyphoplastie', 'Cyphoplastie (Kyphon)', 'CP'])
        return rng.choice(['VP', 'Vertébroplastie', 'VP percutanée'])

    def sexe(p):
        if rng.random() < 0.25:
            return 'vahine' if p['sex'] == 'female' else 'tāne'
        return 'F' if p['sex'] == 'female' else 'H'

    # Block J0
    H0 = ['N°', 'Nom', 'Prénom', 'DDN', 'Âge', 'Sexe', 'N° IPP', 'Téléphone', 'Date du geste',
          'Indication', 'Technique', 'Niveaux et ciment (ml)', 'Ciment', 'Fuites',
          'EVA avant', 'ODI avant (%)']
    rows_ = []
    for p in pats:
        s = p['sessions'][0]
        v = vis(p, 1, 'pre')
        rows_.append([p['pid'], p['nom'], p['prenom'], p['birth'].strftime('%d/%m/%Y'), p['age'],
                      sexe(p), p['ipp'], p['tel'], dcell(p, 0), etio_fr(p), tech_fr(s),
                      niveaux(p, s), s['brand'], fuites(p, s),
                      v['scores'].get('pain_vas', '—'), v['scores'].get('odi', '—')])
    hr, out = block('J0 – GESTE', H0, rows_)
    for p, cells in zip(pats, out):
        if p is bad['l6']:
            rr, cc = cells['Niveaux et ciment (ml)']
            errors.append({'sheet': 'Suivi VP', 'cell': cell_addr(rr, cc), 'row': rr,
                           'column_header': H0[cc], 'value': ws.cell(rr, cc + 1).value,
                           'what': 'impossible vertebral level L6 in the cement cell',
                           'pid': p['pid']})

    def death_note(p):
        return rng.choice(['pohe – décédé(e) le %s', 'DCD le %s', 'décès le %s (famille)']) % \
            vdate(p, p['death_day']).strftime('%d/%m/%Y')

    def fu_block(title, tp, headers, session=1, anchor=None):
        rows_, who = [], []
        for p in pats:
            v = vis(p, session, tp)
            if v is None:
                continue
            if v['status'] == 'dead':
                if p.get('death_noted'):
                    continue
                p['death_noted'] = True
                row = {'Date': '—', 'Remarques': death_note(p)}
            elif v['status'] == 'superseded':
                row = {'Date': '—', 'Remarques': 'cf. 2e geste'}
            elif v['status'] == 'missed':
                row = {'Date': rng.choice(['—', '—', '']), 'Remarques': rng.choice(MISS_FR)}
                if 'EVA' in headers:
                    row['EVA'] = '—' if rng.random() < 0.5 else ''
            else:
                ev = v['scores'].get('pain_vas')
                rem = rng.choice(REM_OK)
                if ev is not None and ev <= 3 and 'mauiui' in rem:
                    rem = rng.choice(['maita\'i', 'marche seul(e)', ''])
                if ev is not None and ev >= 5 and 'maita' in rem:
                    rem = rng.choice(['mauiui le soir', 'canne', ''])
                row = {'Date': dcell(p, v['day']), 'EVA': v['scores'].get('pain_vas', '—'),
                       'ODI (%)': v['scores'].get('odi', '—'), 'Remarques': rem}
                fx = [f for f in p['fractures'] if f['day'] == v['day']]
                if fx:
                    f = fx[0]
                    lv = lvl_fr(rng, f['level'], p['dstyle'])
                    row['Nouvelle fracture'] = (lv + ' → 2e geste') if f['treated'] else \
                        (lv + ' (traitement médical)')
            row['N°'] = p['pid']
            row['Nom'] = p['short']
            rows_.append([row.get(h, '') for h in headers])
            who.append((p, v))
        hr, out = block(title, headers, rows_)
        return who, out
    HJ1 = ['N°', 'Nom', 'Date', 'EVA', 'Remarques']
    HFU = ['N°', 'Nom', 'Date', 'EVA', 'ODI (%)', 'Nouvelle fracture', 'Remarques']
    fu_block('J1 – lendemain du geste', '24h', HJ1)
    who, out = fu_block('S6 – 6 semaines', '6w', HFU)
    for (p, v), cells in zip(who, out):
        if p is bad['date']:
            rr, cc = cells['Date']
            d = vdate(p, v['day'])
            val = '31/%02d/%d' % (d.month, d.year)
            ws.cell(rr, cc + 1).value = val
            ws.cell(rr, cc + 1).number_format = '@'
            errors.append({'sheet': 'Suivi VP', 'cell': cell_addr(rr, cc), 'row': rr,
                           'column_header': 'Date', 'value': val,
                           'what': 'impossible date (31st of a 30-day month)', 'pid': p['pid']})
    who, out = fu_block('M3 – 3 mois', '3m', HFU)
    for (p, v), cells in zip(who, out):
        if p is bad['odi']:
            rr, cc = cells['ODI (%)']
            ws.cell(rr, cc + 1).value = 130
            errors.append({'sheet': 'Suivi VP', 'cell': cell_addr(rr, cc), 'row': rr,
                           'column_header': 'ODI (%)', 'value': '130',
                           'what': 'ODI 130 % is beyond the 0-100 scale', 'pid': p['pid']})
        if p is bad['before']:
            rr, cc = cells['Date']
            d = vdate(p, v['day'])
            d2 = d.replace(year=d.year - 1)
            ws.cell(rr, cc + 1).value = d2
            errors.append({'sheet': 'Suivi VP', 'cell': cell_addr(rr, cc), 'row': rr,
                           'column_header': 'Date', 'value': d2.strftime('%d/%m/%Y'),
                           'what': '3-month visit dated before the procedure (%s)' %
                           vdate(p, 0).strftime('%d/%m/%Y'), 'pid': p['pid']})
    fu_block('M12 – 12 mois (1 an)', '12m', HFU)
    # second procedures
    H2 = ['N°', 'Nom', 'Date du 2e geste', 'Technique', 'Niveaux et ciment (ml)', 'Ciment',
          'Fuites', 'EVA avant', 'ODI avant (%)']
    rows_ = []
    for p in pats:
        if len(p['sessions']) < 2:
            continue
        s = p['sessions'][1]
        v = vis(p, 2, 'pre')
        rows_.append([p['pid'], p['short'], dcell(p, s['day']), tech_fr(s), niveaux(p, s),
                      s['brand'], fuites(p, s), v['scores'].get('pain_vas', '—'),
                      v['scores'].get('odi', '—')])
    block('2e GESTE (nouvelle fracture)', H2, rows_)
    fu_block('2e GESTE – S6 (6 semaines après le 2e geste)', '6w',
             ['N°', 'Nom', 'Date', 'EVA', 'ODI (%)', 'Remarques'], session=2)
    for col, w in zip('ABCDEFGHIJKLMNOP', [9, 16, 13, 11, 6, 7, 10, 13, 12, 30, 18, 30, 20, 26, 9, 9]):
        ws.column_dimensions[col].width = w
    # legend sheet
    lg = wb.create_sheet('Légende')
    for i, (a, b) in enumerate([('aita', 'non / aucune (tahitien)'), ('pohe', 'décédé(e) (tahitien)'),
                                ('vahine / tāne', 'femme / homme'), ('maita\'i', 'bien'),
                                ('mauiui', 'douleur'), ('D12 = T12', 'vertèbre dorsale'),
                                ('n.v.', 'non vu'), ('—', 'pas de donnée')]):
        lg.cell(i + 1, 1, a)
        lg.cell(i + 1, 2, b)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    errors.sort(key=lambda e: e['row'])
    write_truth(outdir, pats, errors, identifiers)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
