#!/usr/bin/env python3
"""Hargeisa (Somaliland): patient list, a procedure sheet with merged cells, one sheet per visit. Usage: python make.py OUTDIR"""
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
# ---------------------------------------------------------------- site: hargeisa (patient list + merged procedure sheet + one sheet per visit)
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

SITE_SEED = 22252
F_GIVEN = [('Faadumo', 'فاطمة'), ('Maryan', 'مريم'), ('Aamina', 'آمنة'), ('Xaawo', 'حواء'),
           ('Caasha', 'عائشة'), ('Khadiija', 'خديجة'), ('Zaynab', 'زينب'), ('Sacdiyo', 'سعدية'),
           ('Xaliimo', 'حليمة'), ('Hibo', 'هبة'), ('Safiyo', 'صفية'), ('Ruqiya', 'رقية'),
           ('Nasra', 'نصرة'), ('Sahra', 'زهرة'), ('Maymuuna', 'ميمونة'), ('Jamiila', 'جميلة'),
           ('Sucaad', 'سعاد'), ('Nimco', 'نعمة')]
M_GIVEN = [('Maxamed', 'محمد'), ('Axmed', 'أحمد'), ('Cali', 'علي'), ('Yuusuf', 'يوسف'),
           ('Xasan', 'حسن'), ('Xuseen', 'حسين'), ('Ismaaciil', 'إسماعيل'), ('Muuse', 'موسى'),
           ('Cumar', 'عمر'), ('Cabdiraxmaan', 'عبد الرحمن'), ('Cabdullaahi', 'عبد الله'),
           ('Ibraahim', 'إبراهيم'), ('Jaamac', 'جامع'), ('Faarax', 'فارح'), ('Aadan', 'آدم'),
           ('Saciid', 'سعيد'), ('Maxamuud', 'محمود'), ('Cismaan', 'عثمان'), ('Yaasiin', 'ياسين'),
           ('Khaliif', 'خليف')]

LEAK_SO = {'disc': 'saxanka (disc)', 'venous': 'xididka (venous)',
           'paravertebral': 'dhinaca lafdhabarta (paravertebral)', 'epidural': 'epidural'}


def main(outdir):
    cfg = dict(n=24, start=dt.date(2023, 2, 1), span_days=520,
               tps1=['pre', '24h', '2w', '3m', '6m'], tps2=['pre', '24h', '2w'],
               measures=['pain_vas', 'mobility'], kp_prob=0.15,
               etio_weights={'osteoporotic': 13, 'pathologic': 6, 'traumatic': 5},
               n_second=3, n_extra_fx=2, n_dead=3, fx_tp=['3m'], extra_fx_tps=['3m', '6m'],
               miss_prob=0.18, pre_offset=0, measure_tp={})
    pats, rng = gen_cohort(SITE_SEED, cfg)
    pats.sort(key=lambda p: p['date0'])
    fg, mg = F_GIVEN[:], M_GIVEN[:]
    rng.shuffle(fg)
    identifiers = []
    for i, p in enumerate(pats):
        p['pid'] = 'HGB-VP-%03d' % (i + 1)
        g = fg.pop() if p['sex'] == 'female' else mg.pop(rng.randrange(len(mg)))
        fa = rng.choice(M_GIVEN)
        gf = rng.choice([x for x in M_GIVEN if x != fa])
        p['name'] = '%s %s %s' % (g[0], fa[0], gf[0])
        p['name_ar'] = '%s %s %s' % (g[1], fa[1], gf[1]) if rng.random() < 0.5 else ''
        p['mrn'] = 'HEGH-%02d-%05d' % (p['date0'].year % 100, rng.randint(100, 19999))
        p['tel'] = '+252 63 %03d %04d' % (rng.randint(100, 999), rng.randint(0, 9999)) if rng.random() < 0.7 \
            else '063-%07d' % rng.randint(0, 9999999)
        for s in p['sessions']:
            s['cement'] = 'PMMA'
            s['brand'] = rng.choice(['Osteopal V', 'Osteopal V', 'Mendec Spine', 'DePuy Confidence'])
        identifiers += [('name', p['name'])] + ([('name', p['name_ar'])] if p['name_ar'] else []) + \
            [('birth_date', p['birth'].strftime('%d/%m/%Y')), ('record_number', p['mrn']), ('phone', p['tel'])]
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
    take('t13', lambda p: any(l['level'] == 'T12' for l in p['sessions'][0]['levels']))
    for l in bad['t13']['sessions'][0]['levels']:
        if l['level'] == 'T12':
            l['bad_level'] = True
    take('vas', lambda p: vis(p, 1, '2w')['status'] == 'done' and 'pain_vas' in vis(p, 1, '2w')['scores'])
    vis(bad['vas'], 1, '2w')['bad'] = ('pain_vas',)
    take('before', lambda p: vis(p, 1, '2w')['status'] == 'done')
    take('sep31', lambda p: vis(p, 1, '3m')['status'] == 'done' and
         vdate(p, vis(p, 1, '3m')['day']).month in (4, 6, 9, 11) and len(p['sessions']) == 1
         and not p['fractures'])

    wb = openpyxl.Workbook()
    B = Font(bold=True)
    HF = PatternFill('solid', fgColor='FCE4D6')
    thin = Side(style='thin', color='808080')
    BOX = Border(left=thin, right=thin, top=thin, bottom=thin)
    CENTER = Alignment(horizontal='center', vertical='center')
    errors = []

    def header(ws, row, hs):
        for j, h in enumerate(hs):
            c = ws.cell(row, j + 1, h)
            c.font = B
            c.fill = HF
            c.border = BOX
            c.alignment = Alignment(wrap_text=True, vertical='center')

    # ---- patients
    ws = wb.active
    ws.title = 'Bukaanada'
    ws['A1'] = 'Isbitaalka Guud ee Hargeysa-Bari — Qaybta Lafaha iyo Lafdhabarta / مستشفى هرجيسا الشرقي العام — قسم العظام'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = 'Diiwaanka bukaanada Vertebroplasty / Kyphoplasty — سجل مرضى رأب الفقرات (2023–2025)'
    HP = ['Koodka / الرمز', 'Magaca / الاسم', 'Magaca (far Carabi) / الاسم بالعربي', 'Jinsiga / الجنس',
          'Taariikhda dhalashada / تاريخ الميلاد', "Da'da / العمر", 'Lambarka faylka / رقم الملف',
          'Telefoon / الهاتف', 'Sababta jabka / سبب الكسر', 'Xaaladda / الحالة']
    header(ws, 4, HP)
    for i, p in enumerate(pats):
        r = 5 + i
        if rng.random() < 0.2:
            sx = 'أنثى' if p['sex'] == 'female' else 'ذكر'
        else:
            sx = 'Dhedig' if p['sex'] == 'female' else 'Lab'
        e = p['etio']
        if e == 'osteoporotic':
            et = rng.choice(['Lafo-jilicsanaan (osteoporosis)', 'Osteoporosis', 'هشاشة العظام'])
        elif e == 'pathologic':
            et = rng.choice(['Kansar naaska ku faafay (metastasis)' if p['sex'] == 'female' else
                             'Kansar qanjirka ku faafay (metastasis)', 'Myeloma', 'ورم ثانوي (metastasis)'])
        else:
            et = rng.choice(['Dhaawac – shil baabuur', 'Dhaawac – ka dhac geed', 'Dhaawac – ka dhac dhismo'])
        if p['died']:
            st = rng.choice(['Dhintay %s', 'توفي %s']) % vdate(p, p['death_day']).strftime('%d/%m/%Y')
        else:
            st = 'Nool'
        vals = [p['pid'], p['name'], p['name_ar'], sx, p['birth'].strftime('%d/%m/%Y'), p['age'],
                p['mrn'], p['tel'], et, st]
        for j, v in enumerate(vals):
            ws.cell(r, j + 1, v).border = BOX
    for col, w in zip('ABCDEFGHIJ', [13, 30, 26, 9, 14, 7, 15, 17, 36, 20]):
        ws.column_dimensions[col].width = w

    # ---- procedures (one row per vertebra, merged per session)
    ws = wb.create_sheet('Qalliinka')
    ws['A1'] = 'Qalliinka — العمليات (saf walba = hal laf / كل سطر = فقرة واحدة)'
    ws['A1'].font = Font(bold=True, size=12)
    HQ = ['Koodka / الرمز', 'Fadhiga / الجلسة', 'Taariikhda qalliinka / تاريخ العملية',
          'Nooca qalliinka / نوع العملية', 'Heerka / المستوى', 'Sibidhka (cc) / الإسمنت',
          'Nooca sibidhka', 'Daadasho / تسرب']
    header(ws, 3, HQ)
    r = 4
    sess = sorted([(vdate(p, s['day']), p, s) for p in pats for s in p['sessions']], key=lambda x: x[0])
    for d, p, s in sess:
        r0 = r
        for l in s['levels']:
            ws.cell(r, 5, 'T13' if l.get('bad_level') else l['level'])
            if l.get('bad_level'):
                errors.append({'sheet': 'Qalliinka', 'cell': 'E%d' % r, 'row': r, 'column_header': HQ[4],
                               'value': 'T13', 'what': 'impossible vertebral level T13', 'pid': p['pid']})
            ws.cell(r, 6, l['vol'])
            ws.cell(r, 7, s['brand'])
            if l['leak']:
                ws.cell(r, 8, 'Haa – ' + ' + '.join(LEAK_SO[x] for x in l['leak']))
            else:
                ws.cell(r, 8, rng.choice(['Maya', 'Maya', 'Ma jirto', 'لا']))
            r += 1
        vals = [p['pid'], '1aad' if s['n'] == 1 else '2aad', d.strftime('%d/%m/%Y'),
                'Kyphoplasty' if s['technique'] == 'kyphoplasty' else rng.choice(['Vertebroplasty', 'VP'])]
        for j, v in enumerate(vals):
            ws.cell(r0, j + 1, v).alignment = CENTER
            if r - r0 > 1:
                ws.merge_cells(start_row=r0, start_column=j + 1, end_row=r - 1, end_column=j + 1)
        for rr in range(r0, r):
            for j in range(8):
                ws.cell(rr, j + 1).border = BOX
    for col, w in zip('ABCDEFGH', [13, 9, 14, 15, 9, 10, 16, 40]):
        ws.column_dimensions[col].width = w

    # ---- visit sheets
    VS = [('pre', 'Ka hor qalliinka', 'قبل العملية'), ('24h', '24 saac', 'بعد ٢٤ ساعة'),
          ('2w', '2 toddobaad', 'بعد أسبوعين'), ('3m', '3 bilood', 'بعد ٣ أشهر'),
          ('6m', '6 bilood', 'بعد ٦ أشهر')]
    HV = ['Koodka / الرمز', 'Fadhiga / الجلسة', 'Taariikhda / التاريخ', 'Xanuunka VAS (0-10) / الألم',
          'Dhaqdhaqaaqa (0-4) / الحركة', 'Jab cusub / كسر جديد', 'Fiiro / ملاحظات']
    for tp, name, ar in VS:
        ws = wb.create_sheet(name)
        ws['A1'] = '%s — %s' % (name, ar)
        ws['A1'].font = Font(bold=True, size=12)
        ws['A2'] = ('Dhaqdhaqaaqa: 0 = si caadi ah ayuu u socdaa, 1 = ul, 2 = walker, 3 = kursi, 4 = sariirta ku jira'
                    if tp == 'pre' else '')
        header(ws, 3, HV)
        items = []
        for p in pats:
            for v in p['visits']:
                if v['tp'] == tp:
                    items.append((vdate(p, v['day']), p, v))
        items.sort(key=lambda x: x[0])
        r = 4
        for d, p, v in items:
            if v['status'] == 'superseded':
                continue
            if v['status'] == 'dead' and p.get('dead_shown'):
                continue
            vals = [p['pid'], '1aad' if v['session'] == 1 else '2aad']
            if v['status'] == 'done':
                sc = v['scores']
                fx = [f for f in p['fractures'] if f['day'] == v['day']]
                fxw = ''
                if fx:
                    fxw = fx[0]['level'] + (' – qalliin labaad' if fx[0]['treated'] else ' – daawo (conservative)')
                ev, mo = sc.get('pain_vas', 5), sc.get('mobility')
                if ev <= 4:
                    rem = rng.choice(['', '', 'Wuu fiicnaaday', 'Xanuun yar', 'تحسن'])
                else:
                    rem = rng.choice(['', '', 'Xanuun weli wuu jiraa'])
                if mo == 1 and rng.random() < 0.5:
                    rem = 'ul ayuu ku socdaa'
                vals += [d.strftime('%d/%m/%Y'), sc.get('pain_vas', '—'), sc.get('mobility', '—'), fxw, rem]
            elif v['status'] == 'missed':
                vals += [rng.choice(['Ma iman', '—', 'Ma iman']), '', '', '', rng.choice(['', 'telefoonka lama helin', 'لم يحضر'])]
            elif v['status'] == 'dead':
                p['dead_shown'] = True
                vals += ['—', '', '', '', 'Dhintay / توفي %s' % vdate(p, p['death_day']).strftime('%d/%m/%Y')]
            for j, x in enumerate(vals):
                ws.cell(r, j + 1, x).border = BOX
            if v['session'] == 1 and v['status'] == 'done':
                if p is bad['vas'] and tp == '2w':
                    ws.cell(r, 4, 11)
                    errors.append({'sheet': name, 'cell': 'D%d' % r, 'row': r, 'column_header': HV[3],
                                   'value': '11', 'what': 'VAS 11 is beyond the 0-10 scale', 'pid': p['pid']})
                if p is bad['before'] and tp == '2w':
                    d2 = vdate(p, -rng.randint(20, 40))
                    ws.cell(r, 3, d2.strftime('%d/%m/%Y'))
                    errors.append({'sheet': name, 'cell': 'C%d' % r, 'row': r, 'column_header': HV[2],
                                   'value': d2.strftime('%d/%m/%Y'),
                                   'what': '2-week visit dated before the procedure (%s)' % vdate(p, 0).strftime('%d/%m/%Y'),
                                   'pid': p['pid']})
                if p is bad['sep31'] and tp == '3m':
                    val = '31/%02d/%d' % (d.month, d.year)
                    ws.cell(r, 3, val)
                    errors.append({'sheet': name, 'cell': 'C%d' % r, 'row': r, 'column_header': HV[2],
                                   'value': val, 'what': 'impossible date (31st of a 30-day month)', 'pid': p['pid']})
            r += 1
        for col, w in zip('ABCDEFG', [13, 9, 13, 14, 14, 30, 30]):
            ws.column_dimensions[col].width = w
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, identifiers)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
