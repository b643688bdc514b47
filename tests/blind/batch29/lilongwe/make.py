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
# ============================ Lilongwe site part ============================
import uuid
from openpyxl import Workbook

cfg = Cfg()
cfg.seed = 2901
cfg.n = 18
cfg.prefix = 'KCH-VP'
cfg.id_fmt = '{p}-{i:03d}'
cfg.start = dt.date(2022, 2, 7)
cfg.end = dt.date(2023, 5, 26)
cfg.cutoff = dt.date(2023, 12, 15)
cfg.kp_prob = 0.15
cfg.vas_step = 1
cfg.vol_step = 0.5
cfg.cement = ['PMMA']
cfg.tps = {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'],
           'odi': ['pre', '3m', '12m']}
cfg.male_names = ['Chikondi', 'Mphatso', 'Blessings', 'Kondwani', 'Yamikani', 'Chisomo',
                  'Limbani', 'Madalitso', 'Pemphero', 'Gift', 'Duncan', 'Felix']
cfg.female_names = ['Tiwonge', 'Chimwemwe', 'Thokozani', 'Alinafe', 'Esnart', 'Mercy',
                    'Agness', 'Tadala', 'Ndapatsa', 'Loveness', 'Eneles', 'Grace']
cfg.surnames = ['Banda', 'Phiri', 'Mwale', 'Tembo', 'Chirwa', 'Nkhoma', 'Mbewe', 'Kamanga',
                'Gondwe', 'Jere', 'Zulu', 'Kachingwe', 'Msiska', 'Chisale', 'Mvula']
rng, pats = make_cohort(cfg)
urng = random.Random(77)


def uid():
    return str(uuid.UUID(int=urng.getrandbits(128), version=4))


def iso(d):
    return d.isoformat() if d else ''


TP_CODE = {'24h': 'h24', '1m': 'mwezi1', '3m': 'm3', '6m': 'm6', '12m': 'm12'}
CAUSE = {'osteoporosis': 'osteoporosis', 'metastasis': 'metastasis', 'myeloma': 'myeloma',
         'trauma': 'trauma', 'haemangioma': 'haemangioma'}
TUMOURS = ['breast', 'prostate', 'kaposi_sarcoma', 'unknown_primary', 'cervix']
DISTRICTS = ['Lilongwe', 'Dedza', 'Salima', 'Kasungu', 'Dowa', 'Ntcheu', 'Mchinji', 'Nkhotakota']
LEAKS = ['none', 'disc', 'venous', 'paravertebral', 'epidural']
MISSED_WHY = ['sanabwere (transport)', 'sanabwere', 'anapita kumudzi', 'no money for transport',
              'phone off, sanapezeke']

# choose the patients who carry the planted mistakes (four different people)
order = pats[2:] + pats[:2]
err_pids = {}
for p in order:
    if 'level' not in err_pids and len(p['sessions'][0]['levels']) == 1 and p['pid'] not in err_pids.values():
        err_pids['level'] = p['pid']
for p in order:
    if 'vol' not in err_pids and p['pid'] not in err_pids.values() and \
            any(not float(l['vol']).is_integer() for l in p['sessions'][0]['levels']):
        err_pids['vol'] = p['pid']
for p in order[5:]:
    s = p['sessions'][0]
    if 'date' not in err_pids and p['pid'] not in err_pids.values() and \
            '3m' in s['visits'] and not s['visits']['3m']['missed']:
        err_pids['date'] = p['pid']
for p in order[8:]:
    s = p['sessions'][0]
    if 'vas' not in err_pids and p['pid'] not in err_pids.values() and \
            '1m' in s['visits'] and not s['visits']['1m']['missed']:
        err_pids['vas'] = p['pid']
assert len(err_pids) == 4, err_pids
errors = []
idents = []

wb = Workbook()
ws = wb.active
MAIN = 'KCH Msana VP-KP registry v3'
ws.title = MAIN
main_cols = ['start', 'end', 'today', 'deviceid', 'intro/consent', 'patient/study_no',
             'patient/name', 'patient/hosp_no', 'patient/phone', 'patient/dob', 'patient/age',
             'patient/sex', 'patient/district', 'dx/cause', 'dx/primary_tumour',
             'op/date', 'op/procedure', 'op/cement', 'op/n_levels', 'op/vas_pre', 'op/odi_pre',
             'op/complications', 'op/complications/none', 'op/complications/cement_leak',
             'op/complications/fever', 'op/complications/wound',
             'reop/any', 'reop/date', 'reop/procedure', 'reop/cement', 'reop/vas_pre', 'reop/odi_pre',
             'outcome/vital', 'outcome/death_date', 'outcome/new_fx', 'outcome/new_fx_level',
             'outcome/new_fx_date', 'outcome/notes', 'meta/instanceID',
             '_id', '_uuid', '_submission_time', '_validation_status', '_notes', '_status',
             '_submitted_by', '__version__', '_tags', '_index']
ws.append(main_cols)
sys_tail = ['_index', '_parent_table_name', '_parent_index', '_submission__id',
            '_submission__uuid', '_submission__submission_time', '_submission__validation_status',
            '_submission__notes', '_submission__status', '_submission__submitted_by',
            '_submission___version__', '_submission__tags']
wl = wb.create_sheet('op_levels')
lv_cols = ['op/op_levels/vertebra', 'op/op_levels/cement_ml', 'op/op_levels/leak'] + \
          ['op/op_levels/leak/' + x for x in LEAKS]
wl.append(lv_cols + sys_tail)
wr = wb.create_sheet('reop_levels')
rl_cols = ['reop/reop_levels/r_vertebra', 'reop/reop_levels/r_cement_ml', 'reop/reop_levels/r_leak'] + \
          ['reop/reop_levels/r_leak/' + x for x in LEAKS]
wr.append(rl_cols + sys_tail)
wv = wb.create_sheet('fu_visits')
v_cols = ['fu/fu_visits/which_op', 'fu/fu_visits/tp', 'fu/fu_visits/attended', 'fu/fu_visits/fu_date',
          'fu/fu_visits/vas', 'fu/fu_visits/odi', 'fu/fu_visits/why_missed']
wv.append(v_cols + sys_tail)
lv_idx = rv_idx = v_idx = 0
VERSION = 'vQ3sTn8mKcLhR2pXw4Yb7d'

for i, p in enumerate(pats):
    s1 = p['sessions'][0]
    s2 = p['sessions'][1] if len(p['sessions']) > 1 else None
    sub_id = 118402311 + i * 7 + urng.randint(0, 5)
    u = uid()
    # form first opened on the ward on the day of the operation, synced later
    started = dt.datetime.combine(s1['date'], dt.time(8 + urng.randint(0, 6), urng.randint(0, 59), urng.randint(0, 59)))
    ended = started + dt.timedelta(minutes=urng.randint(6, 25))
    subm = ended + dt.timedelta(days=urng.randint(0, 9), hours=urng.randint(0, 5))
    name = '%s %s' % (p['given'], p['family'])
    hosp = 'KCH/%d/%05d' % (s1['date'].year, urng.randint(1000, 39999))
    phone = '+265 %d%d %03d %03d' % (urng.choice([8, 9]), urng.choice([8, 9]), urng.randint(0, 999), urng.randint(0, 999))
    idents += [('name', name), ('hospital_number', hosp), ('phone', phone), ('birth_date', p['dob'].isoformat())]
    comp_leak = any(l['leak'] != ['none'] for l in s1['levels'])
    comp = 'cement_leak' if comp_leak else 'none'
    v = s1['visits']
    fx = p['fractures'][0] if p['fractures'] else None
    notes = ''
    if p['died']:
        notes = 'Anamwalira kunyumba (died at home), reported by guardian'
    elif s2:
        notes = 'Anabweranso: new fracture, second procedure done'
    row = {
        'start': started.isoformat(timespec='milliseconds') + '+02:00',
        'end': ended.isoformat(timespec='milliseconds') + '+02:00',
        'today': iso(s1['date']),
        'deviceid': 'collect:%s' % ''.join(urng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') for _ in range(16)),
        'intro/consent': 'inde',
        'patient/study_no': p['pid'],
        'patient/name': name,
        'patient/hosp_no': hosp,
        'patient/phone': phone,
        'patient/dob': iso(p['dob']),
        'patient/age': p['age'],
        'patient/sex': 'mwamuna' if p['sex'] == 'male' else 'mkazi',
        'patient/district': urng.choice(DISTRICTS),
        'dx/cause': CAUSE[p['detail']],
        'dx/primary_tumour': urng.choice(TUMOURS) if p['detail'] == 'metastasis' else '',
        'op/date': iso(s1['date']),
        'op/procedure': 'kp' if s1['tech'] == 'kyphoplasty' else 'vp',
        'op/cement': 'pmma',
        'op/n_levels': len(s1['levels']),
        'op/vas_pre': v['pre']['vas'],
        'op/odi_pre': v['pre']['odi'],
        'op/complications': comp,
        'op/complications/none': 0 if comp_leak else 1,
        'op/complications/cement_leak': 1 if comp_leak else 0,
        'op/complications/fever': 0,
        'op/complications/wound': 0,
        'reop/any': 'inde' if s2 else 'ayi',
        'reop/date': iso(s2['date']) if s2 else '',
        'reop/procedure': ('kp' if s2['tech'] == 'kyphoplasty' else 'vp') if s2 else '',
        'reop/cement': 'pmma' if s2 else '',
        'reop/vas_pre': s2['visits']['pre']['vas'] if s2 else '',
        'reop/odi_pre': s2['visits']['pre']['odi'] if s2 else '',
        'outcome/vital': 'wamwalira' if p['died'] else 'ali_moyo',
        'outcome/death_date': iso(p['op1'] + dt.timedelta(days=p['death_day'])) if p['died'] else '',
        'outcome/new_fx': 'inde' if fx else 'ayi',
        'outcome/new_fx_level': fx[1] if fx else '',
        'outcome/new_fx_date': iso(p['op1'] + dt.timedelta(days=fx[0])) if fx else '',
        'outcome/notes': notes,
        'meta/instanceID': 'uuid:' + u,
        '_id': sub_id, '_uuid': u, '_submission_time': subm.isoformat(timespec='seconds'),
        '_validation_status': '', '_notes': '', '_status': 'submitted_via_web',
        '_submitted_by': 'kch_spine', '__version__': VERSION, '_tags': '', '_index': i + 1,
    }
    ws.append([row[c] for c in main_cols])
    sys_vals = lambda idx, table: [idx, table, i + 1, sub_id, u, subm.isoformat(timespec='seconds'),
                                   '', '', 'submitted_via_web', 'kch_spine', VERSION, '']
    for (sheet, sess, cols) in ((wl, s1, lv_cols), (wr, s2, rl_cols)):
        if sess is None:
            continue
        for lv in sess['levels']:
            if sheet is wl:
                lv_idx += 1
                idx = lv_idx
            else:
                rv_idx += 1
                idx = rv_idx
            level, vol = lv['level'], lv['vol']
            r = sheet.max_row + 1
            if sheet is wl and err_pids['level'] == p['pid']:
                errors.append([sheet.title, 'A%d' % r, r, cols[0], 'L7',
                               'impossible vertebral level L7 (there is no L7); should be %s' % level, p['pid']])
                level = 'L7'
            if sheet is wl and err_pids['vol'] == p['pid'] and not float(vol).is_integer() and \
                    not any(e[6] == p['pid'] for e in errors):
                bad = int(round(vol * 10))
                errors.append([sheet.title, 'B%d' % r, r, cols[1], bad,
                               '%s mL of cement in one vertebra is impossible (decimal point lost); should be %s' % (bad, fmt_num(vol)), p['pid']])
                vol = bad
            sheet.append([level, vol, ' '.join(lv['leak'])] + [1 if x in lv['leak'] else 0 for x in LEAKS]
                         + sys_vals(idx, MAIN))
    for sess, tag in ((s1, 'op1'), (s2, 'reop')):
        if sess is None:
            continue
        for t in ['24h', '1m', '3m', '6m', '12m']:
            if t not in sess['visits']:
                continue
            vv = sess['visits'][t]
            v_idx += 1
            r = wv.max_row + 1
            date_s = iso(vv['date'])
            if vv['missed']:
                wv.append([tag, TP_CODE[t], 'ayi', '', '', '', urng.choice(MISSED_WHY)] + sys_vals(v_idx, MAIN))
                continue
            vas = vv['vas']
            odi = vv['odi'] if t in ('3m', '12m') else ''
            if tag == 'op1' and t == '3m' and err_pids['date'] == p['pid']:
                bad = vv['date'].replace(year=vv['date'].year - 1).isoformat()
                errors.append([wv.title, 'D%d' % r, r, v_cols[3], bad,
                               'follow-up visit dated before the operation (%s); year mistyped, should be %s' % (iso(sess['date']), date_s), p['pid']])
                date_s = bad
            if tag == 'op1' and t == '1m' and err_pids['vas'] == p['pid']:
                bad = int(vas * 10)
                if bad == 0:
                    bad = 85
                errors.append([wv.title, 'E%d' % r, r, v_cols[4], bad,
                               'VAS %s is outside the 0-10 scale (typed in mm); should be %s' % (bad, fmt_num(vas)), p['pid']])
                vas = bad
            wv.append([tag, TP_CODE[t], 'inde', date_s, vas, odi, ''] + sys_vals(v_idx, MAIN))

for sh in wb.worksheets:
    for col in sh.columns:
        sh.column_dimensions[col[0].column_letter].width = max(10, min(40, len(str(col[0].value)) + 2))
save_fixed(wb, 'input.xlsx', dt.datetime(2023, 12, 18, 9, 41, 0))
write_truth(cfg, pats, errors, idents, 'level')
print('lilongwe: %d patients, errors %s' % (len(pats), [e[1] for e in errors]))
