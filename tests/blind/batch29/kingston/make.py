# ---------------------------------------------------------------------------
# Shared generator (same block in every site's make.py; the site part follows).
# Generates the cohort ONCE; the site writer renders it into the input and the
# truth is written from the very same objects.
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)

SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
         'L1', 'L2', 'L3', 'L4', 'L5']
SPINE_W = [1, 1, 2, 3, 4, 4, 5, 8, 14, 14, 8, 5, 4, 2]
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42,
           '3m': 91, '6m': 182, '12m': 365}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 3, '1m': 4, '6w': 5,
          '3m': 8, '6m': 14, '12m': 20}


def rnd_step(x, step):
    v = round(round(x / step) * step, 2)
    return int(v) if float(v).is_integer() else v


def fmt_num(x):
    if x is None:
        return ''
    if float(x).is_integer():
        return str(int(x))
    return ('%.2f' % x).rstrip('0').rstrip('.')


class Cfg:
    seed = 1
    n = 18
    prefix = 'X'
    id_fmt = '{p}-{i:03d}'
    start = dt.date(2022, 1, 10)
    end = dt.date(2023, 3, 30)
    cutoff = dt.date(2023, 11, 30)
    kp_prob = 0.3
    vas_step = 1
    vol_step = 0.5
    cement = ['PMMA']
    tps = {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'],
           'odi': ['pre', '3m', '12m']}
    miss_prob = 0.12
    male_names = ['A']
    female_names = ['B']
    surnames = ['C']
    pre_day_before = 0.3


def make_cohort(cfg):
    rng = random.Random(cfg.seed)
    n = cfg.n
    pats = []
    span = (cfg.end - cfg.start).days
    op_days = sorted(rng.sample(range(span), n))
    etios = (['osteoporotic'] * 10 + ['pathologic'] * 5 + ['traumatic'] * 2
             + ['other'] * 1)
    rng.shuffle(etios)
    etios = (etios * 2)[:n]
    used_names = set()
    for i in range(n):
        e = etios[i]
        detail = {'osteoporotic': 'osteoporosis', 'traumatic': 'trauma',
                  'other': 'haemangioma'}.get(e)
        if e == 'pathologic':
            detail = rng.choice(['metastasis', 'metastasis', 'myeloma'])
        if e == 'osteoporotic':
            sex = 'female' if rng.random() < 0.75 else 'male'
            age = rng.randint(61, 89)
        elif e == 'pathologic':
            sex = rng.choice(['male', 'female'])
            age = rng.randint(46, 81)
        elif e == 'traumatic':
            sex = 'male' if rng.random() < 0.6 else 'female'
            age = rng.randint(42, 74)
        else:
            sex = rng.choice(['male', 'female'])
            age = rng.randint(38, 66)
        op1 = cfg.start + dt.timedelta(days=op_days[i])
        # birth date consistent with age at first operation
        born_year = op1.year - age
        while True:
            b = dt.date(born_year, rng.randint(1, 12), rng.randint(1, 28))
            a = op1.year - b.year - ((op1.month, op1.day) < (b.month, b.day))
            if a == age:
                break
            born_year += 1 if a > age else -1
        while True:
            given = rng.choice(cfg.male_names if sex == 'male' else cfg.female_names)
            fam = rng.choice(cfg.surnames)
            if (given, fam) not in used_names:
                used_names.add((given, fam))
                break
        died = False
        death_day = None
        pdie = 0.45 if e == 'pathologic' else 0.07
        if rng.random() < pdie:
            death_day = rng.randint(45, 330)
            if op1 + dt.timedelta(days=death_day) < cfg.cutoff:
                died = True
            else:
                death_day = None
        p = dict(idx=i, pid=cfg.id_fmt.format(p=cfg.prefix, i=i + 1), sex=sex,
                 age=age, etio=e, detail=detail, died=died, death_day=death_day,
                 dob=b, given=given, family=fam, op1=op1, sessions=[],
                 fractures=[], rng_tag=rng.random())
        pats.append(p)
    # force at least two deaths
    ndied = sum(p['died'] for p in pats)
    for p in pats:
        if ndied >= 2:
            break
        if not p['died'] and p['etio'] == 'pathologic' and p['op1'] + dt.timedelta(days=200) < cfg.cutoff:
            p['died'] = True
            p['death_day'] = rng.randint(60, 200)
            ndied += 1
    # sessions
    for p in pats:
        p['sessions'].append(make_session(rng, cfg, p, 1, 0, None))
    # new fractures (three or four patients), two or three of them re-operated
    cands = [p for p in pats if (p['op1'] + dt.timedelta(days=150)) < cfg.cutoff
             and (not p['died'] or p['death_day'] > 150)]
    fx = rng.sample(cands, min(4, len(cands)))
    for k, p in enumerate(fx):
        treated = [lv['level'] for lv in p['sessions'][0]['levels']]
        lo = min(SPINE.index(t) for t in treated)
        hi = max(SPINE.index(t) for t in treated)
        opts = [SPINE[j] for j in (lo - 1, hi + 1, hi + 2) if 0 <= j < len(SPINE)
                and SPINE[j] not in treated]
        lvl = rng.choice(opts)
        limit = (cfg.cutoff - p['op1']).days - 40
        if p['died']:
            limit = min(limit, p['death_day'] - 40)
        day = rng.randint(40, max(41, min(limit, 300)))
        p['fractures'].append((day, lvl))
        if k < 3:
            sday = day + rng.randint(5, 21)
            p['sessions'].append(make_session(rng, cfg, p, 2, sday, [lvl]))
    return rng, pats


def pick_levels(rng, k, etio):
    while True:
        first = rng.choices(range(len(SPINE)), weights=SPINE_W)[0]
        if etio == 'pathologic' and k > 1 and rng.random() < 0.4:
            idxs = sorted(set([first] + rng.sample(range(len(SPINE)), k - 1)))
        else:
            idxs = list(range(first, first + k))
        if len(idxs) == k and idxs[-1] < len(SPINE):
            return [SPINE[j] for j in idxs]


def visit_values(rng, p, tp, base):
    vas_pre, odi_pre = base
    patho = p['etio'] == 'pathologic'
    if tp == 'pre':
        vas, odi = vas_pre, odi_pre
    else:
        drop = {'24h': 0.45, '1w': 0.5, '2w': 0.55, '1m': 0.58, '6w': 0.6,
                '3m': 0.62, '6m': 0.63, '12m': 0.64}[tp]
        vas = vas_pre * (1 - drop) + rng.uniform(-0.8, 0.9) + (0.6 if patho else 0)
        odi = odi_pre * (1 - drop * 0.85) + rng.uniform(-6, 6)
    vas = max(0.0, min(10.0, vas))
    odi = max(4, min(96, int(round(odi / 2.0)) * 2))
    mob_pre = 1 if vas_pre > 8 else 2
    mob = mob_pre if tp == 'pre' else min(4, mob_pre + rng.choice([1, 2, 2, 2, 1]))
    return vas, odi, mob


def make_session(rng, cfg, p, num, day, levels):
    date = p['op1'] + dt.timedelta(days=day)
    if levels is None:
        k = rng.choices([1, 2, 3], weights=[55, 33, 12] if p['etio'] != 'pathologic' else [35, 40, 25])[0]
        levels = pick_levels(rng, k, p['etio'])
    tech = 'kyphoplasty' if (rng.random() < cfg.kp_prob and p['etio'] != 'other') else 'vertebroplasty'
    cement = rng.choice(cfg.cement)
    lv = []
    for L in levels:
        thor = L.startswith('T') and int(L[1:]) < 11
        lo, hi = (1.8, 3.8) if thor else (2.8, 6.2)
        if tech == 'kyphoplasty':
            lo, hi = lo + 0.8, hi + 1.0
        vol = rnd_step(rng.uniform(lo, hi), cfg.vol_step)
        r = rng.random()
        if r < 0.64:
            leak = ['none']
        elif r < 0.78:
            leak = ['disc']
        elif r < 0.89:
            leak = ['venous']
        elif r < 0.95:
            leak = ['paravertebral']
        elif r < 0.98:
            leak = ['disc', 'venous']
        else:
            leak = ['epidural']
        lv.append(dict(level=L, vol=vol, leak=leak))
    total = rnd_step(sum(x['vol'] for x in lv), 0.1)
    vas_pre = rng.uniform(6.6, 9.6)
    odi_pre = rng.uniform(46, 82)
    base = (vas_pre, odi_pre)
    alltps = []
    for m, tl in cfg.tps.items():
        for t in tl:
            if t not in alltps:
                alltps.append(t)
    alltps.sort(key=lambda t: TP_DAYS[t])
    visits = {}
    for t in alltps:
        if t == 'pre':
            vd = date - dt.timedelta(days=1 if rng.random() < cfg.pre_day_before else 0)
        else:
            vd = date + dt.timedelta(days=TP_DAYS[t] + rng.randint(-TP_JIT[t], TP_JIT[t]))
        if vd > cfg.cutoff:
            continue
        if p['died'] and (vd - p['op1']).days >= p['death_day']:
            continue
        if t not in ('pre', '24h') and rng.random() < cfg.miss_prob:
            visits[t] = dict(date=vd, missed=True)
            continue
        vas, odi, mob = visit_values(rng, p, t, base)
        visits[t] = dict(date=vd, missed=False, vas=rnd_step(vas, cfg.vas_step),
                         odi=odi, mob=mob)
    return dict(num=num, day=day, date=date, tech=tech, cement=cement,
                levels=lv, total=total, visits=visits)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def write_truth(cfg, pats, errors, idents, vol_mode, written_measures=None,
                leak_known=lambda p, s, lv: True, cement_known=lambda p, s: True):
    """vol_mode: 'level' (per-vertebra volume) or 'session' (only a total)."""
    write_csv('truth/patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etio'], 'yes' if p['died'] else 'no']
               for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for lv in s['levels']:
                rows.append([p['pid'], s['num'], s['day'], lv['level'], s['tech'],
                             fmt_num(lv['vol']) if vol_mode == 'level' else '',
                             fmt_num(s['total']) if vol_mode == 'session' else '',
                             s['cement'] if cement_known(p, s) else '',
                             ';'.join(lv['leak']) if leak_known(p, s, lv) else ''])
    write_csv('truth/procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                                       'cement_volume_ml', 'session_cement_volume_ml',
                                       'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for t in sorted(s['visits'], key=lambda t: TP_DAYS[t]):
                v = s['visits'][t]
                if v['missed']:
                    continue
                for m, tl in cfg.tps.items():
                    if t not in tl:
                        continue
                    val = {'pain_vas': v.get('vas'), 'odi': v.get('odi'),
                           'mobility': v.get('mob')}[m]
                    rows.append([p['pid'], s['num'], m, t, fmt_num(val)])
    write_csv('truth/assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv('truth/fractures.csv', ['patient_id', 'day', 'level'],
              [[p['pid'], d, L] for p in pats for d, L in p['fractures']])
    write_csv('truth/errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value',
                                   'what_is_wrong', 'patient_id'], errors)
    seen = set()
    out = []
    for k, v in idents:
        if (k, v) not in seen and v not in ('', None):
            seen.add((k, v))
            out.append([k, v])
    write_csv('truth/identifiers.csv', ['kind', 'value'], out)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
def save_fixed(wb, path, when):
    """Save an openpyxl workbook byte-for-byte reproducibly (fixed document dates, zip times)."""
    import io
    import re
    import zipfile
    buf = io.BytesIO()
    wb.properties.creator = 'openpyxl'
    wb.properties.created = when
    wb.save(buf)
    stamp = when.strftime('%Y-%m-%dT%H:%M:%SZ')
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == 'docProps/core.xml':
                data = re.sub(rb'(<dcterms:modified[^>]*>)[^<]*', lambda m: m.group(1) + stamp.encode(), data)
            zi = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)


# ---------------------------- end of shared block --------------------------
# ============================ Kingston site part ============================
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

cfg = Cfg()
cfg.seed = 2902
cfg.n = 17
cfg.prefix = 'KVP'
cfg.id_fmt = '{p}-{i:03d}'
cfg.start = dt.date(2022, 6, 6)
cfg.end = dt.date(2023, 6, 30)
cfg.cutoff = dt.date(2024, 1, 31)
cfg.kp_prob = 0.45
cfg.vas_step = 1
cfg.vol_step = 0.5
cfg.cement = ['PMMA']
cfg.tps = {'pain_vas': ['pre', '24h', '2w', '6w', '3m', '6m', '12m'],
           'odi': ['pre', '6w', '3m', '12m']}
cfg.miss_prob = 0.13
cfg.male_names = ['Desmond', 'Winston', 'Clive', 'Errol', 'Delroy', 'Lloyd', 'Neville', 'Trevor',
                  'Fitzroy', 'Carlton', 'Owen', 'Hopeton']
cfg.female_names = ['Marcia', 'Claudette', 'Hyacinth', 'Sonia', 'Yvonne', 'Pauline', 'Beverley',
                    'Novelette', 'Joan', 'Merline', 'Icilda', 'Sharon']
cfg.surnames = ['Brown', 'Campbell', 'Williams', 'Thompson', 'Morgan', 'Reid', 'McKenzie', 'Gordon',
                'Grant', 'Wright', 'Clarke', 'Henry', 'Francis', 'Bailey', 'Forbes', 'Walters']
rng, pats = make_cohort(cfg)
r2 = random.Random(5150)

VT = {'pre': 'Pre-procedure assessment', 'proc': 'Procedure (day of surgery)',
      '24h': 'Post-op check (24 hrs)', '2w': 'Follow-up - 2 weeks', '6w': 'Follow-up - 6 weeks',
      '3m': 'Follow-up - 3 months', '6m': 'Follow-up - 6 months', '12m': 'Follow-up - 12 months'}
DX = {'osteoporosis': 'Osteoporotic compression fracture', 'metastasis': 'Spinal metastasis',
      'myeloma': 'Multiple myeloma', 'trauma': 'Traumatic fracture',
      'haemangioma': 'Vertebral haemangioma (aggressive)'}
LEAKW = {'disc': ['disc', 'into disc space', 'disc'], 'venous': ['venous', 'paravertebral vein', 'venous'],
         'paravertebral': ['paravertebral soft tissue', 'paravertebral'], 'epidural': ['epidural', 'small epidural']}
HEAD = ['Timestamp', 'Email address', 'Study ID (e.g. KVP-001)', 'Patient name (Surname, First name)',
        'Hospital docket number', 'Date of birth (MM/DD/YYYY)', 'Age (years)', 'Sex', 'Contact telephone number',
        'Type of visit', 'Date of visit / procedure (MM/DD/YYYY)', 'Main diagnosis / indication',
        'Procedure performed', 'Level(s) treated (tick all that apply)', 'Total cement volume injected (mL)',
        'Cement used', 'Cement leakage on post-op imaging? (If yes, state level and where)',
        'Pain score today (0 = no pain, 10 = worst imaginable)', 'Oswestry Disability Index score (%)',
        'Any new vertebral fracture since last visit?', 'If yes - which level? (and date of imaging)',
        'Comments', 'Is this visit for the FIRST procedure or a REPEAT procedure?']
EMAILS = ['uhwi.spineaudit@gmail.com', 'ortho.reg2.uhwi@gmail.com', 'uhwi.spineaudit@gmail.com',
          'spineclinic.nurse.uhwi@gmail.com']


def us(d, style=0):
    if style == 1:
        return '%d/%d/%d' % (d.month, d.day, d.year)
    if style == 2:
        return '%d/%d/%02d' % (d.month, d.day, d.year % 100)
    return '%02d/%02d/%d' % (d.month, d.day, d.year)


def age_at(p, d):
    b = p['dob']
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


subs = []   # (timestamp, patient, dict of answers, meta)
idents = []
first_rep = min(s['date'] for p in pats for s in p['sessions'] if s['num'] == 2)
q_added = first_rep - dt.timedelta(days=40)
for p in pats:
    docket = '%07d' % r2.randint(100000, 999999)
    phone_digits = '876%d%06d' % (r2.choice([3, 4, 7, 8, 9]), r2.randint(0, 999999))
    p['_docket'] = docket
    p['_phone'] = phone_digits

    def fixed(d, first=False):
        st = r2.random()
        if first or st < 0.55:
            nm = '%s, %s' % (p['family'], p['given'])
        elif st < 0.75:
            nm = '%s %s' % (p['given'], p['family'])
        elif st < 0.88:
            nm = '%s %s' % (p['given'].lower(), p['family'].lower())
        else:
            nm = '%s, %s' % (p['family'].upper(), p['given'])
        sid = p['pid']
        x = r2.random()
        if not first and x < 0.15:
            sid = sid.replace('-', ' ')
        elif not first and x < 0.25:
            sid = sid.lower()
        elif not first and x < 0.32:
            sid = 'KVP-%d' % int(p['pid'][-3:])
        dk = p['_docket'] if r2.random() < 0.8 else 'UH ' + p['_docket']
        dob = us(p['dob'], 0 if first or r2.random() < 0.6 else 1)
        age = age_at(p, d)
        age_s = age if r2.random() < 0.8 else '%d yrs' % age
        return {'sid': sid, 'name': nm, 'docket': dk, 'dob': dob, 'age': age_s,
                'sex': 'Male' if p['sex'] == 'male' else 'Female'}

    for s in p['sessions']:
        rep = 'Repeat procedure' if s['num'] == 2 else 'First procedure'
        v = s['visits']
        # pre-procedure
        pre = v['pre']
        a = fixed(pre['date'], first=(s['num'] == 1))
        ph = p['_phone']
        phs = r2.choice(['%s-%s-%s' % (ph[:3], ph[3:6], ph[6:]), '(%s) %s-%s' % (ph[:3], ph[3:6], ph[6:])])
        if s['num'] == 1:
            a['phone'] = phs
            idents.append(('phone', phs))
        a.update(type=VT['pre'], date=us(pre['date']), dx=DX[p['detail']], pain=pre['vas'], odi=pre['odi'],
                 tp='pre', sess=s, rep=rep)
        if s['num'] == 2:
            a['comments'] = 'New fracture %s - for repeat %s' % (s['levels'][0]['level'],
                                                                 'VP' if s['tech'] == 'vertebroplasty' else 'KP')
        subs.append((pre['date'], p, a))
        # procedure
        a = fixed(s['date'])
        leaks = []
        for lv in s['levels']:
            for lk in lv['leak']:
                if lk != 'none':
                    leaks.append('%s %s' % (lv['level'], r2.choice(LEAKW[lk])))
        leak_s = r2.choice(['No', 'None', 'no leak']) if not leaks else 'Yes - ' + ', '.join(leaks)
        tot = s['total']
        tot_s = fmt_num(tot) if r2.random() < 0.6 else r2.choice(['%s mL', '%sml', '%s mls']) % fmt_num(tot)
        a.update(type=VT['proc'], date=us(s['date'], r2.choice([0, 0, 1])), dx=DX[p['detail']] if r2.random() < 0.6 else '',
                 proc='Vertebroplasty' if s['tech'] == 'vertebroplasty' else 'Kyphoplasty (balloon)',
                 levels=', '.join(lv['level'] for lv in s['levels']), total=tot_s, total_raw=tot,
                 cement='PMMA', leak=leak_s, tp='proc', sess=s, rep=rep)
        subs.append((s['date'], p, a))
        for t in ['24h', '2w', '6w', '3m', '6m', '12m']:
            if t not in v:
                continue
            vv = v[t]
            a = fixed(vv['date'])
            if vv['missed']:
                if r2.random() < 0.6:
                    a.update(type='DNA - %s clinic' % {'2w': '2 week', '6w': '6 week', '3m': '3 month',
                                                        '6m': '6 month', '12m': '12 month'}[t],
                             date=us(vv['date']), comments=r2.choice(['did not attend', 'DNA, phoned - no answer',
                                                                      'no show, rescheduled but did not come']),
                             tp='dna', sess=s, rep=rep)
                    subs.append((vv['date'], p, a))
                continue
            pain = vv['vas']
            pain_s = str(pain) if r2.random() < 0.8 else '%d/10' % pain
            a.update(type=VT[t], date=us(vv['date'], r2.choice([0, 0, 1, 2])), pain=pain_s, pain_raw=pain,
                     odi=vv['odi'] if t in cfg.tps['odi'] else '', tp=t, sess=s, rep=rep,
                     nfx='No' if t != '24h' else '')
            subs.append((vv['date'], p, a))
    for d, L in p['fractures']:
        fd = p['op1'] + dt.timedelta(days=d)
        a = fixed(fd)
        a.update(type='Unscheduled review - new back pain', date=us(fd), nfx='Yes',
                 nfxl='%s (MRI %s)' % (L, us(fd, 1)), tp='fx', sess=p['sessions'][0], rep='')
        subs.append((fd, p, a))
    if p['died']:
        dd = p['op1'] + dt.timedelta(days=p['death_day'])
        a = fixed(dd + dt.timedelta(days=r2.randint(3, 20)))
        a.update(type='Deceased - notification', date=us(dd), tp='death', sess=p['sessions'][0], rep='',
                 comments=r2.choice(['Patient died %s per daughter (phone call)' % us(dd, 1),
                                     'Passed away at home %s. Informed by family.' % us(dd, 1)]))
        subs.append((dd + dt.timedelta(days=r2.randint(3, 20)), p, a))

rows = []
for d, p, a in subs:
    ts = dt.datetime.combine(d + dt.timedelta(days=r2.choice([0, 0, 0, 1, 2, 5])),
                             dt.time(r2.randint(8, 17), r2.randint(0, 59), r2.randint(0, 59)))
    if a['tp'] in ('pre', 'proc'):
        ts = dt.datetime.combine(d, dt.time(r2.randint(7, 18), r2.randint(0, 59), r2.randint(0, 59)))
    rows.append((ts, p, a))
rows.sort(key=lambda x: (x[0], x[1]['idx']))

# planted mistakes
def pick(cond, taken):
    for ts, p, a in rows:
        if p['pid'] not in taken and cond(p, a):
            return p['pid']
taken = []
e_pain = pick(lambda p, a: a['tp'] == '3m' and a['sess']['num'] == 1, taken); taken.append(e_pain)
e_vol = pick(lambda p, a: a['tp'] == 'proc' and len(a['sess']['levels']) == 1 and
             not float(a['sess']['total']).is_integer() and a['sess']['num'] == 1 and p['idx'] > 3, taken); taken.append(e_vol)
e_before = pick(lambda p, a: a['tp'] == '2w' and a['sess']['num'] == 1 and p['idx'] > 6, taken); taken.append(e_before)
e_imp = pick(lambda p, a: a['tp'] == '6w' and a['sess']['num'] == 1 and p['idx'] > 8, taken); taken.append(e_imp)
assert None not in taken, taken
errors = []

wb = Workbook()
ws = wb.active
ws.title = 'Form Responses 1'
ws.append(HEAD)
for c in ws[1]:
    c.font = Font(bold=True)
    c.fill = PatternFill('solid', fgColor='C9DAF8')
for ts, p, a in rows:
    r = ws.max_row + 1
    t = a['tp']
    typ = a['type']
    date_s = a['date']
    pain = a.get('pain', '')
    total = a.get('total', '')
    if p['pid'] == e_pain and t == '3m' and a['sess']['num'] == 1:
        bad = '%d' % (a['pain_raw'] * 10 + 5) if a['pain_raw'] < 9 else '75'
        errors.append([ws.title, 'R%d' % r, r, HEAD[17], bad,
                       'pain score %s outside the 0-10 scale; should be %s' % (bad, a['pain_raw']), p['pid']])
        pain = bad
    if p['pid'] == e_vol and t == 'proc' and a['sess']['num'] == 1:
        bad = str(int(round(a['total_raw'] * 10)))
        errors.append([ws.title, 'O%d' % r, r, HEAD[14], bad,
                       '%s mL of cement for a single vertebra is impossible (decimal point lost); should be %s' % (bad, fmt_num(a['total_raw'])), p['pid']])
        total = bad
    if p['pid'] == e_before and t == '2w' and a['sess']['num'] == 1:
        d0 = a['sess']['visits']['2w']['date']
        bad = us(d0.replace(year=d0.year - 1))
        errors.append([ws.title, 'K%d' % r, r, HEAD[10], bad,
                       '2-week follow-up dated before the procedure (%s); wrong year, should be %s' % (us(a['sess']['date']), us(d0)), p['pid']])
        date_s = bad
    if p['pid'] == e_imp and t == '6w' and a['sess']['num'] == 1:
        d0 = a['sess']['visits']['6w']['date']
        last = (dt.date(d0.year + (d0.month == 12), d0.month % 12 + 1, 1) - dt.timedelta(days=1)).day
        bad = '%02d/%02d/%d' % (d0.month, last + 1, d0.year)
        errors.append([ws.title, 'K%d' % r, r, HEAD[10], bad,
                       'impossible date (day %d does not exist in that month); the visit was %s' % (last + 1, us(d0)), p['pid']])
        date_s = bad
    rep = a['rep'] if ts.date() >= q_added else ''
    idents += [('name', a['name']), ('hospital_number', a['docket']), ('birth_date', a['dob'])]
    ws.append([ts, r2.choice(EMAILS), a['sid'], a['name'], a['docket'], a['dob'], a['age'], a['sex'],
               a.get('phone', ''), typ, date_s, a.get('dx', ''), a.get('proc', ''), a.get('levels', ''),
               total, a.get('cement', ''), a.get('leak', ''), pain, a.get('odi', ''), a.get('nfx', ''),
               a.get('nfxl', ''), a.get('comments', ''), rep])
    ws.cell(r, 1).number_format = 'm/d/yyyy h:mm:ss'
ws.freeze_panes = 'A2'
for i, h in enumerate(HEAD, 1):
    ws.column_dimensions[col_letter(i)].width = 18 if i != 1 else 19
save_fixed(wb, 'input.xlsx', dt.datetime(2024, 2, 2, 15, 3, 0))
write_truth(cfg, pats, errors, idents, 'session')
print('kingston: %d patients, %d rows, errors %s' % (len(pats), len(rows), [e[1] for e in errors]))
