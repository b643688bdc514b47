#!/usr/bin/env python3
"""Madurai (Tamil Nadu): register with one row per sitting, visits across, two header rows. Usage: python make.py OUTDIR"""
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
# ---------------------------------------------------------------- site: madurai (one row per sitting, visits across)
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

SITE_SEED = 22611
F_NAMES = [('K.', 'Muthulakshmi', 'க. முத்துலட்சுமி'), ('P.', 'Pandiammal', 'ப. பாண்டியம்மாள்'),
           ('M.', 'Meenakshi', 'ம. மீனாட்சி'), ('S.', 'Chellammal', 'செ. செல்லம்மாள்'),
           ('R.', 'Lakshmi', 'ர. லட்சுமி'), ('V.', 'Pechiammal', 'வ. பேச்சியம்மாள்'),
           ('A.', 'Saroja', 'அ. சரோஜா'), ('T.', 'Valliammal', 'த. வள்ளியம்மாள்'),
           ('N.', 'Mariammal', 'ந. மாரியம்மாள்'), ('G.', 'Kamatchi', 'கோ. காமாட்சி'),
           ('J.', 'Rani', 'ஜெ. ராணி'), ('S.', 'Jeyalakshmi', 'சு. ஜெயலட்சுமி'),
           ('M.', 'Sundari', 'மு. சுந்தரி'), ('K.', 'Selvi', 'க. செல்வி'),
           ('P.', 'Angammal', 'பெ. அங்கம்மாள்'), ('R.', 'Vasantha', 'ரா. வசந்தா'),
           ('A.', 'Fathima Beevi', 'அ. பாத்திமா பீவி'), ('S.', 'Mary', 'செ. மேரி')]
M_NAMES = [('R.', 'Selvaraj', 'ர. செல்வராஜ்'), ('K.', 'Murugan', 'க. முருகன்'),
           ('P.', 'Karuppasamy', 'ப. கருப்பசாமி'), ('M.', 'Ramasamy', 'ம. ராமசாமி'),
           ('S.', 'Sundaram', 'சு. சுந்தரம்'), ('V.', 'Veerappan', 'வீ. வீரப்பன்'),
           ('A.', 'Kannan', 'அ. கண்ணன்'), ('J.', 'Jeyaraj', 'ஜெ. ஜெயராஜ்'),
           ('T.', 'Ponnusamy', 'த. பொன்னுசாமி'), ('N.', 'Mohamed Ismail', 'ந. முகமது இஸ்மாயில்'),
           ('G.', 'Ganesan', 'கோ. கணேசன்')]


def lv_in(l):
    return ('D' + l[1:]) if l.startswith('T') else l


def main(outdir):
    cfg = dict(n=25, start=dt.date(2023, 1, 9), span_days=540,
               tps1=['pre', '24h', '1m', '3m', '6m'], tps2=['pre', '24h', '1m', '3m'],
               measures=['pain_vas', 'odi'], kp_prob=0.2,
               etio_weights={'osteoporotic': 16, 'pathologic': 6, 'traumatic': 3},
               n_second=3, n_extra_fx=2, n_dead=2, fx_tp=['3m'], extra_fx_tps=['6m'],
               miss_prob=0.15, pre_offset=0, measure_tp={'24h': ['pain_vas']})
    pats, rng = gen_cohort(SITE_SEED, cfg)
    pats.sort(key=lambda p: p['date0'])
    fn, mn = F_NAMES[:], M_NAMES[:]
    rng.shuffle(fn)
    rng.shuffle(mn)
    identifiers = []
    for i, p in enumerate(pats):
        p['pid'] = 'VMC/VP/%03d' % (i + 1)
        ini, nm, ta = (fn if p['sex'] == 'female' else mn).pop()
        p['name'] = ta if rng.random() < 0.35 else '%s %s' % (ini, nm)
        p['ip'] = '%02d/IP/%05d' % (p['date0'].year % 100, rng.randint(1000, 39999))
        p['uhid'] = 'VMC%02d%06d' % (p['date0'].year % 100, rng.randint(1000, 999999))
        p['mob'] = '%d%04d %05d' % (rng.choice([9, 8, 7, 6]), rng.randint(0, 9999), rng.randint(0, 99999))
        for s in p['sessions']:
            if p['etio'] == 'traumatic' and p['age'] < 40:
                s['cement'] = 'calcium phosphate'
                s['cw'] = 'Calcium phosphate (CaP)'
            else:
                s['cement'] = 'PMMA'
                s['cw'] = rng.choice(['PMMA', 'PMMA', 'Bone cement (PMMA)', 'PMMA – Simplex'])
        p['ip2'] = '%02d/IP/%05d' % (vdate(p, p['sessions'][-1]['day']).year % 100, rng.randint(1000, 39999))
        identifiers += [('name', p['name']), ('record_number', p['ip'])] + (
            [('record_number', p['ip2'])] if len(p['sessions']) > 1 else []) + [ ('record_number', p['uhid']),
                        ('phone', p['mob'])]
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
    take('noid', lambda p: len(p['sessions']) == 1 and not p['died'])
    bad['noid']['no_truth'] = True
    take('vas', lambda p: vis(p, 1, '1m')['status'] == 'done' and 'pain_vas' in vis(p, 1, '1m')['scores'])
    vis(bad['vas'], 1, '1m')['bad'] = ('pain_vas',)
    take('cem', lambda p: p['sessions'][0]['technique'] == 'vertebroplasty' and len(p['sessions'][0]['levels']) >= 2)
    bad['cem']['sessions'][0]['levels'][0]['bad_vol'] = True
    take('dop', lambda p: len(p['sessions']) == 1 and not p['fractures'])
    nl = 0
    for i in order:
        p = pats[i]
        if p not in bad.values() and len(p['sessions']) == 1 and nl < 2:
            for l in p['sessions'][0]['levels']:
                l['leak_blank'] = True
                l['leak'] = []
            nl += 1

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'VP Register'
    B = Font(bold=True)
    thin = Side(style='thin', color='808080')
    BOX = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.merge_cells('A1:AD1')
    ws['A1'] = 'வைகை மருத்துவக் கல்லூரி மருத்துவமனை, மதுரை — எலும்பியல் துறை'
    ws['A1'].font = Font(bold=True, size=13)
    ws.merge_cells('A2:AD2')
    ws['A2'] = 'Vaigai Medical College Hospital, Madurai – Dept. of Orthopaedics – Vertebroplasty / Kyphoplasty Register 2023–2025 (Unit II)'
    groups = [('A', 'H', 'நோயாளி விவரம் / Patient details'), ('I', 'S', 'சிகிச்சை / Procedure'),
              ('T', 'X', 'வலி / VAS (0-10)'), ('Y', 'AB', 'ODI (%)'),
              ('AC', 'AD', 'பின்தொடர்தல் / Follow-up')]
    for a, b, t in groups:
        ws.merge_cells('%s4:%s4' % (a, b))
        ws['%s4' % a] = t
        ws['%s4' % a].font = B
        ws['%s4' % a].alignment = Alignment(horizontal='center')
    H = ['S.No', 'Study No', 'பெயர் / Name', 'வயது/பாலினம் Age/Sex', 'IP No', 'UHID', 'Mobile',
         'நோய் / Diagnosis', 'Sitting', 'DOP', 'Procedure', 'Level 1', 'Cement 1 (ml)', 'Level 2',
         'Cement 2 (ml)', 'Level 3', 'Cement 3 (ml)', 'Cement', 'Leak',
         'Pre', 'POD 1', '1 mth', '3 mth', '6 mth', 'Pre', '1 mth', '3 mth', '6 mth',
         'New fracture (புதிய முறிவு)', 'Outcome / Remarks']
    HR = 5
    for j, h in enumerate(H):
        c = ws.cell(HR, j + 1, h)
        c.font = B
        c.border = BOX
        c.alignment = Alignment(wrap_text=True, vertical='center')
    # rows: one per sitting, in order of date
    sittings = []
    for p in pats:
        for s in p['sessions']:
            sittings.append((vdate(p, s['day']), p, s))
    sittings.sort(key=lambda x: x[0])
    errors = []
    r = HR + 1
    sno = 0
    TPC = {'pre': 'Pre', '24h': 'POD 1', '1m': '1 mth', '3m': '3 mth', '6m': '6 mth'}
    for d, p, s in sittings:
        sno += 1
        row = {}
        row['S.No'] = sno
        row['Study No'] = '' if p is bad['noid'] else p['pid']
        row['பெயர் / Name'] = p['name']
        if rng.random() < 0.8:
            row['வயது/பாலினம் Age/Sex'] = '%d/%s' % (p['age'], 'F' if p['sex'] == 'female' else 'M')
        else:
            row['வயது/பாலினம் Age/Sex'] = '%d / %s' % (p['age'], 'பெண்' if p['sex'] == 'female' else 'ஆண்')
        row['IP No'] = p['ip'] if s['n'] == 1 else p['ip2']
        row['UHID'] = p['uhid']
        row['Mobile'] = p['mob']
        lv1 = ', '.join(lv_in(l['level']) for l in s['levels'])
        e = p['etio']
        if s['n'] == 2:
            dx = 'New # %s – 2nd sitting'
        elif e == 'osteoporotic':
            dx = rng.choice(['Osteoporotic # %s', 'Osteoporotic wedge # %s', 'OP compression # %s'])
        elif e == 'pathologic':
            dx = rng.choice(['Ca breast mets %s' if p['sex'] == 'female' else 'Ca prostate mets %s',
                             'Multiple myeloma – %s', 'Secondaries %s (primary unknown)'])
        else:
            dx = rng.choice(['Trauma – fall from coconut tree – # %s', 'RTA (two-wheeler) – # %s',
                             'Fall from height – # %s'])
        row['நோய் / Diagnosis'] = dx % lv1
        row['Sitting'] = 'I' if s['n'] == 1 else 'II'
        dstr = d.strftime('%d.%m.%Y') if rng.random() < 0.75 else d.strftime('%d-%m-%y')
        row['DOP'] = dstr
        row['Procedure'] = rng.choice(['KP', 'Balloon KP']) if s['technique'] == 'kyphoplasty' else rng.choice(['VP', 'VP', 'PVP'])
        for k in range(3):
            if k < len(s['levels']):
                l = s['levels'][k]
                row['Level %d' % (k + 1)] = lv_in(l['level'])
                row['Cement %d (ml)' % (k + 1)] = l['vol']
            else:
                row['Level %d' % (k + 1)] = '-' if k == 1 else ''
                row['Cement %d (ml)' % (k + 1)] = ''
        row['Cement'] = s['cw']
        leaks = [l for l in s['levels'] if l['leak']]
        W = {'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral', 'epidural': 'Epidural'}
        if s['levels'][0].get('leak_blank'):
            row['Leak'] = ''
        elif not leaks:
            row['Leak'] = rng.choice(['Nil', 'Nil', 'No', 'Nil leak'])
        else:
            row['Leak'] = ', '.join('%s leak %s' % ('+'.join(W[x] for x in l['leak']), lv_in(l['level'])) for l in leaks)
        vv = {}
        for v in [v for v in p['visits'] if v['session'] == s['n']]:
            for m, grp in (('pain_vas', 'vas'), ('odi', 'odi')):
                if v['tp'] == '24h' and m == 'odi':
                    continue
                if v['status'] == 'done':
                    val = v['scores'].get(m, '-')
                elif v['status'] == 'missed':
                    val = rng.choice(['-', 'LFU', 'NA', 'not came']) if m == 'pain_vas' else '-'
                elif v['status'] == 'dead':
                    val = 'Expired' if m == 'pain_vas' else '-'
                elif v['status'] == 'superseded':
                    val = '→ II' if m == 'pain_vas' else ''
                vv[(grp, v['tp'])] = val
        for tp in ['pre', '24h', '1m', '3m', '6m']:
            row[('vas', tp)] = vv.get(('vas', tp), '')
        for tp in ['pre', '1m', '3m', '6m']:
            row[('odi', tp)] = vv.get(('odi', tp), '')
        if s['n'] == 1:
            fxs = []
            for f in p['fractures']:
                fd = vdate(p, f['day']).strftime('%d-%m-%y')
                tpw = {'1m': '1 mth', '3m': '3 mth', '6m': '6 mth'}[f['tp']]
                fxs.append('%s # at %s F/U (%s)%s' % (lv_in(f['level']), tpw, fd,
                                                      ' → sitting II' if f['treated'] else ' – conservative'))
            row['New fracture (புதிய முறிவு)'] = '; '.join(fxs) if fxs else rng.choice(['Nil', 'Nil', '-'])
            if p['died']:
                dd = vdate(p, p['death_day'])
                row['Outcome / Remarks'] = rng.choice(['Expired on %s' % dd.strftime('%d.%m.%Y'),
                                                       'இறந்தார் %s' % dd.strftime('%d-%m-%y')])
            else:
                row['Outcome / Remarks'] = rng.choice(['Alive', 'Doing well', 'Ambulant with walker', 'Alive', ''])
        else:
            row['New fracture (புதிய முறிவு)'] = '-'
            row['Outcome / Remarks'] = 'Sitting II for new #'
        keys = H[:19] + [('vas', t) for t in ['pre', '24h', '1m', '3m', '6m']] + [('odi', t) for t in ['pre', '1m', '3m', '6m']] + H[28:]
        for j, k in enumerate(keys):
            c = ws.cell(r, j + 1, row.get(k, ''))
            c.border = BOX
        if p is bad['noid']:
            errors.append({'sheet': 'VP Register', 'cell': 'B%d' % r, 'row': r, 'column_header': 'Study No',
                           'value': '', 'what': 'row with data but no study ID', 'pid': ''})
        if p is bad['vas'] and s['n'] == 1:
            j = keys.index(('vas', '1m'))
            ws.cell(r, j + 1, 45)
            errors.append({'sheet': 'VP Register', 'cell': cell_addr(r, j), 'row': r, 'column_header': '1 mth',
                           'value': '45', 'what': 'VAS 45 is beyond the 0-10 scale', 'pid': p['pid']})
        if p is bad['cem'] and s['n'] == 1:
            j = keys.index('Cement 1 (ml)')
            ws.cell(r, j + 1, 26)
            errors.append({'sheet': 'VP Register', 'cell': cell_addr(r, j), 'row': r, 'column_header': 'Cement 1 (ml)',
                           'value': '26', 'what': 'cement volume 26 ml in one vertebra (above 20 ml)', 'pid': p['pid']})
        if p is bad['dop'] and s['n'] == 1:
            j = keys.index('DOP')
            mo = min([4, 6, 9, 11], key=lambda m: (abs(m - d.month), m))
            val = '31.%02d.%d' % (mo, d.year)
            ws.cell(r, j + 1, val)
            errors.append({'sheet': 'VP Register', 'cell': cell_addr(r, j), 'row': r, 'column_header': 'DOP',
                           'value': val, 'what': 'impossible date of procedure (31st of a 30-day month)', 'pid': p['pid']})
        r += 1
    ws.freeze_panes = 'C6'
    for j, w in enumerate([5, 12, 20, 11, 12, 14, 13, 30, 7, 11, 10, 7, 8, 7, 8, 7, 8, 18, 22] + [7] * 9 + [40, 26]):
        ws.column_dimensions[cell_addr(1, j)[:-1]].width = w
    ab = wb.create_sheet('Abbreviations')
    for i, (a, b) in enumerate([('D', 'Dorsal vertebra (D12 = T12)'), ('POD 1', 'Post-op day 1'),
                                ('LFU', 'Lost to follow-up'), ('DOP', 'Date of procedure'),
                                ('PVP', 'Percutaneous vertebroplasty'), ('KP', 'Kyphoplasty'),
                                ('→ II', 'see sitting II row'), ('#', 'fracture'),
                                ('இறந்தார்', 'expired')]):
        ab.cell(i + 1, 1, a)
        ab.cell(i + 1, 2, b)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, identifiers)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
