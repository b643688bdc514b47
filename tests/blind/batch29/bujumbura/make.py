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
# ============================ Bujumbura site part ===========================
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.pagebreak import Break

cfg = Cfg()
cfg.seed = 2905
cfg.n = 17
cfg.prefix = 'BJ-VP'
cfg.id_fmt = '{p}-{i:02d}'
cfg.start = dt.date(2022, 9, 5)
cfg.end = dt.date(2023, 8, 31)
cfg.cutoff = dt.date(2024, 3, 20)
cfg.kp_prob = 0.1
cfg.vas_step = 1
cfg.vol_step = 0.5
cfg.cement = ['PMMA']
cfg.tps = {'pain_vas': ['pre', '24h', '6w', '3m', '6m'],
           'mobility': ['pre', '3m']}
cfg.male_names = ['Jean-Bosco', 'Pierre-Claver', 'Emmanuel', 'Léonidas', 'Évariste', 'Déogratias', 'Aloys',
                  'Cyprien', 'Gervais', 'Salvator']
cfg.female_names = ['Spès', 'Godelieve', 'Immaculée', 'Béatrice', 'Odette', 'Consolata', 'Générose',
                    'Euphrasie', 'Séraphine', 'Capitoline']
cfg.surnames = ['Ndayisenga', 'Niyonzima', 'Hakizimana', 'Nshimirimana', 'Bizimana', 'Ndikumana', 'Irakoze',
                'Nkurunziza', 'Havyarimana', 'Ntahomvukiye', 'Barankitse', 'Manirakiza', 'Nimbona', 'Sinzinkayo']
rng, pats = make_cohort(cfg)
r2 = random.Random(257)

DXW = {'osteoporosis': 'Ostéoporose', 'myeloma': 'Myélome multiple', 'trauma': 'Traumatisme (chute)',
       'haemangioma': 'Hémangiome vertébral'}
PRIM = ['sein', 'prostate', 'col utérin', 'foie']
LEAKW = {'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale', 'epidural': 'épidurale'}
NTIYAJE = ['ntiyaje', 'Ntiyaje', 'ntiyaje (nta tike)', 'ntiyaje']


def dmy(d):
    return d.strftime('%d/%m/%Y')


def fr(x):
    return fmt_num(x).replace('.', ',')


def leak_s(lv):
    if lv['leak'] == ['none']:
        return 'Oya'
    return 'Ego - ' + ' + '.join(LEAKW[x] for x in lv['leak'])


def cellv(s, p, t, key):
    v = s['visits'].get(t)
    if v is None:
        if p['died'] and (s['date'] + dt.timedelta(days=TP_DAYS[t]) - p['op1']).days >= p['death_day']:
            return 'yapfuye'
        return ''
    if v['missed']:
        return r2.choice(NTIYAJE)
    return v[key]


# planted mistakes (four different patients)
def first(cond, taken):
    for p in pats:
        if p['pid'] not in taken and cond(p):
            return p['pid']
taken = []
e_lvl = first(lambda p: p['idx'] >= 1 and any(l['level'].startswith('L') for l in p['sessions'][0]['levels']), taken); taken.append(e_lvl)
e_vol = first(lambda p: p['idx'] >= 4 and any(not float(l['vol']).is_integer() for l in p['sessions'][0]['levels']), taken); taken.append(e_vol)
e_vas = first(lambda p: p['idx'] >= 7, taken); taken.append(e_vas)
e_fx = first(lambda p: bool(p['fractures']) and len(p['sessions']) == 1, taken) or \
       first(lambda p: bool(p['fractures']), taken)
taken.append(e_fx)
assert None not in taken, taken
errors = []
idents = []

HEAD = ['N°', 'Date opération', 'Code', 'Nom et Prénom', 'N° dossier', 'Âge', 'Sexe', 'Diagnostic',
        'Intervention', 'Technique', 'Niveau', 'Ciment (ml)', 'Type ciment', 'Fuite', 'EVA avant',
        'EVA J1', 'EVA S6', 'EVA M3', 'EVA M6', 'Mobilité avant (0-4)', 'Mobilité M3 (0-4)',
        'Nouvelle fracture', 'Décès', 'Observations']
# one line per treated vertebra, operations in date order
ops = sorted([(s['date'], p, s) for p in pats for s in p['sessions']], key=lambda x: (x[0], x[1]['idx']))
lines = []
no = 0
for d, p, s in ops:
    no += 1
    if s['num'] == 1:
        name = '%s %s' % (p['family'].upper(), p['given'])
        dossier = 'CHUK/%s/%04d' % (str(s['date'].year)[2:], r2.randint(100, 9999))
        p['_name'], p['_dossier'] = name, dossier
        idents += [('name', name), ('record_number', dossier)]
    for k, lv in enumerate(s['levels']):
        line = {'p': p, 's': s, 'k': k, 'lv': lv}
        vals = [''] * len(HEAD)
        if k == 0:
            dx = DXW.get(p['detail']) or 'Métastase (%s)' % r2.choice(PRIM)
            vals[0:10] = [no, s['date'], p['pid'], p['_name'], p['_dossier'],
                          p['age'] + (s['date'].year - p['op1'].year if s['num'] == 2 and False else 0),
                          'M' if p['sex'] == 'male' else 'F', dx,
                          '1ère' if s['num'] == 1 else '2ème (reprise)',
                          'KP' if s['tech'] == 'kyphoplasty' else 'VP']
            if s['num'] == 2:
                # the age is not re-written for a second operation; the diagnosis is the new fracture
                vals[5] = ''
                vals[7] = 'Nouvelle fracture %s' % lv['level']
            vals[12] = 'PMMA'
            vals[14:19] = [cellv(s, p, t, 'vas') for t in ['pre', '24h', '6w', '3m', '6m']]
            vals[19:21] = [cellv(s, p, t, 'mob') for t in ['pre', '3m']]
            if s['num'] == 1:
                if p['fractures']:
                    fd, fl = p['fractures'][0]
                    vals[21] = 'Ego %s le %s' % (fl, dmy(p['op1'] + dt.timedelta(days=fd)))
                else:
                    vals[21] = 'Oya'
                vals[22] = ('Ego (%s)' % dmy(p['op1'] + dt.timedelta(days=p['death_day']))) if p['died'] else 'Oya'
                obs = []
                if p['died']:
                    obs.append('Yapfuye')
                if len(p['sessions']) > 1:
                    obs.append('reprise le %s' % dmy(p['sessions'][1]['date']))
                vals[23] = '; '.join(obs)
            else:
                vals[21] = '—'
                vals[22] = '—'
                vals[23] = 'voir N° %d' % p['_no1']
        if s['num'] == 1 and k == 0:
            p['_no1'] = no
        vals[10] = lv['level']
        vals[11] = fr(lv['vol'])
        vals[13] = leak_s(lv)
        line['vals'] = vals
        lines.append(line)

wb = Workbook()
ws = wb.active
ws.title = 'Igitabo VP 2022-2023'
thin = Side(style='thin')
box = Border(left=thin, right=thin, top=thin, bottom=thin)
hfill = PatternFill('solid', fgColor='E2EFDA')
ws['A1'] = 'CHU de Kamenge – Service de Chirurgie Orthopédique et Traumatologique'
ws['A2'] = 'REGISTRE DES CIMENTOPLASTIES VERTÉBRALES (Igitabo c\'ibikorwa) – septembre 2022 à août 2023'
ws['A3'] = 'Suivi arrêté au %s' % dmy(cfg.cutoff)
ws['A1'].font = Font(bold=True, size=12)
ws['A2'].font = Font(bold=True, size=12)
PER = 15
npages = (len(lines) + PER - 1) // PER
row = 5
breaks = []
for pg in range(npages):
    for j, h in enumerate(HEAD, 1):
        c = ws.cell(row, j, h)
        c.font = Font(bold=True)
        c.fill = hfill
        c.border = box
        c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
    ws.row_dimensions[row].height = 32
    row += 1
    for line in lines[pg * PER:(pg + 1) * PER]:
        p, s, vals = line['p'], line['s'], list(line['vals'])
        if p['pid'] == e_lvl and s['num'] == 1 and line['lv']['level'].startswith('L') and \
                not any(e[6] == p['pid'] for e in errors):
            vals[10] = 'L7'
            errors.append([ws.title, 'K%d' % row, row, 'Niveau', 'L7',
                           'impossible level L7 (only L1-L5); should be %s' % line['lv']['level'], p['pid']])
        if p['pid'] == e_vol and s['num'] == 1 and not float(line['lv']['vol']).is_integer() and \
                not any(e[6] == p['pid'] for e in errors):
            bad = str(int(round(line['lv']['vol'] * 10)))
            vals[11] = bad
            errors.append([ws.title, 'L%d' % row, row, 'Ciment (ml)', bad,
                           '%s ml in one vertebra is impossible (comma forgotten); should be %s' % (bad, fr(line['lv']['vol'])), p['pid']])
        if p['pid'] == e_vas and s['num'] == 1 and line['k'] == 0:
            good = vals[15]
            vals[15] = int('%d%d' % (good, good))
            errors.append([ws.title, 'P%d' % row, row, 'EVA J1', vals[15],
                           'EVA %s outside the 0-10 scale (digit typed twice); should be %s' % (vals[15], good), p['pid']])
        if p['pid'] == e_fx and s['num'] == 1 and line['k'] == 0:
            fd, fl = p['fractures'][0]
            fdate = p['op1'] + dt.timedelta(days=fd)
            bad_d = fdate.replace(year=fdate.year - 1)
            vals[21] = 'Ego %s le %s' % (fl, dmy(bad_d))
            errors.append([ws.title, 'V%d' % row, row, 'Nouvelle fracture', vals[21],
                           'new fracture dated %s, before the operation of %s (year wrong); should be %s' % (dmy(bad_d), dmy(p['op1']), dmy(fdate)), p['pid']])
        for j, v in enumerate(vals, 1):
            c = ws.cell(row, j, v if v != '' else None)
            c.border = box
            if isinstance(v, dt.date):
                c.number_format = 'dd/mm/yyyy'
        row += 1
    ws.cell(row, 1, 'Page %d/%d' % (pg + 1, npages)).font = Font(italic=True)
    row += 1
    ws.cell(row, 1, 'Signature du Chef de Service : ..............................        Date : ....../....../..........')
    row += 1
    breaks.append(row)
    row += 1
for b in breaks[:-1]:
    ws.row_breaks.append(Break(id=b))
ws.cell(row, 1, 'Légende : Ego = oui, Oya = non ; ntiyaje = ne s\'est pas présenté ; yapfuye = décédé. '
                'EVA 0-10 ; S6 = 6 semaines, M3 = 3 mois ; Mobilité 0 (alité) à 4 (marche seul). '
                'Une ligne par vertèbre ; les cases du patient ne sont remplies qu\'à la première ligne de l\'opération.').font = Font(size=9, italic=True)
widths = [5, 11, 9, 24, 14, 5, 5, 22, 12, 6, 7, 8, 7, 18, 7, 7, 7, 7, 7, 9, 9, 24, 16, 24]
for j, w in enumerate(widths, 1):
    ws.column_dimensions[col_letter(j)].width = w
ws.page_setup.orientation = 'landscape'
ws.page_setup.fitToWidth = 1
save_fixed(wb, 'input.xlsx', dt.datetime(2024, 3, 21, 8, 5, 0))
write_truth(cfg, pats, errors, idents, 'level')
split = [l['p']['pid'] for i, l in enumerate(lines) if i % PER == 0 and l['k'] > 0]
print('bujumbura: %d patients, %d lines, %d pages, split ops %s, errors %s' % (
    len(pats), len(lines), npages, split, [e[1] for e in errors]))
