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
# ============================ Algiers site part =============================
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

cfg = Cfg()
cfg.seed = 2903
cfg.n = 18
cfg.prefix = 'VP'
cfg.id_fmt = '{p}-{i:02d}'
cfg.start = dt.date(2021, 3, 1)
cfg.end = dt.date(2022, 5, 31)
cfg.cutoff = dt.date(2023, 1, 15)
cfg.kp_prob = 0.2
cfg.vas_step = 0.5
cfg.vol_step = 0.5
cfg.cement = ['PMMA']
cfg.tps = {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'],
           'odi': ['pre', '3m', '12m']}
AR = {'Mohamed': 'محمد', 'Ahmed': 'أحمد', 'Rachid': 'رشيد', 'Karim': 'كريم', 'Mustapha': 'مصطفى',
      'Abdelkader': 'عبد القادر', 'Said': 'سعيد', 'Ali': 'علي', 'Omar': 'عمر', 'Smail': 'إسماعيل',
      'Fatima': 'فاطمة', 'Khadidja': 'خديجة', 'Zohra': 'زهرة', 'Aicha': 'عائشة', 'Yamina': 'يمينة',
      'Malika': 'مليكة', 'Houria': 'حورية', 'Ouardia': 'وردية', 'Nadia': 'نادية', 'Fatiha': 'فتيحة',
      'Benali': 'بن علي', 'Boudiaf': 'بوضياف', 'Khelifi': 'خليفي', 'Mansouri': 'منصوري', 'Hamidi': 'حميدي',
      'Belkacem': 'بلقاسم', 'Cherif': 'شريف', 'Saadi': 'سعدي', 'Ouali': 'والي', 'Meziane': 'مزيان',
      'Bouzid': 'بوزيد', 'Haddad': 'حداد', 'Zerrouki': 'زروقي', 'Benamar': 'بن عمار'}
cfg.male_names = ['Mohamed', 'Ahmed', 'Rachid', 'Karim', 'Mustapha', 'Abdelkader', 'Said', 'Ali', 'Omar', 'Smail']
cfg.female_names = ['Fatima', 'Khadidja', 'Zohra', 'Aicha', 'Yamina', 'Malika', 'Houria', 'Ouardia', 'Nadia', 'Fatiha']
cfg.surnames = ['Benali', 'Boudiaf', 'Khelifi', 'Mansouri', 'Hamidi', 'Belkacem', 'Cherif', 'Saadi', 'Ouali',
                'Meziane', 'Bouzid', 'Haddad', 'Zerrouki', 'Benamar']
rng, pats = make_cohort(cfg)
r2 = random.Random(213)
# the re-operation table only has columns up to M6 and ODI pre/M3: drop what it cannot hold
for p in pats:
    for s in p['sessions']:
        if s['num'] == 2:
            s['visits'].pop('12m', None)

DXW = {'osteoporosis': 'Ostéoporose', 'myeloma': 'Myélome', 'trauma': 'Traumatique',
       'haemangioma': 'Hémangiome agressif'}
PRIM = ['sein', 'poumon', 'prostate', 'rein', 'thyroïde']
LEAKW = {'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale', 'epidural': 'épidurale'}


def lvl(L):
    return 'D' + L[1:] if L.startswith('T') else L


def fr(x):
    return fmt_num(x).replace('.', ',')


def dmy(d):
    return d.strftime('%d/%m/%Y')


def leak_text(s):
    parts = []
    for lv in s['levels']:
        for lk in lv['leak']:
            if lk != 'none':
                parts.append('%s %s' % (LEAKW[lk], lvl(lv['level'])))
    return 'Non' if not parts else 'Oui : ' + ', '.join(parts)


# planted mistakes: four different patients
def first(cond, taken):
    for p in pats:
        if p['pid'] not in taken and cond(p):
            return p['pid']
taken = []
e_lvl = first(lambda p: p['idx'] >= 2 and any(l['level'] == 'T12' for l in p['sessions'][0]['levels']), taken); taken.append(e_lvl)
e_vol = first(lambda p: p['idx'] >= 4 and any(not float(l['vol']).is_integer() for l in p['sessions'][0]['levels']), taken); taken.append(e_vol)
e_vas = first(lambda p: p['idx'] >= 7 and '3m' in p['sessions'][0]['visits'] and not p['sessions'][0]['visits']['3m']['missed'], taken); taken.append(e_vas)
e_date = first(lambda p: p['idx'] >= 9 and len(p['sessions']) == 1 and not p['fractures'] and not p['died'], taken); taken.append(e_date)
assert None not in taken
errors = []
idents = []

wb = Workbook()
ws = wb.active
ws.title = 'Registre VP-CP'
ws.sheet_view.rightToLeft = False
thin = Side(style='thin', color='999999')
box = Border(left=thin, right=thin, top=thin, bottom=thin)
ws['A1'] = 'CHU Mustapha Pacha – Service de Neurochirurgie        المستشفى الجامعي مصطفى باشا – مصلحة جراحة الأعصاب'
ws['A2'] = 'Registre des vertébroplasties / cyphoplasties  –  سجل رأب الفقرات بالإسمنت'
ws['A3'] = 'Période : mars 2021 – mai 2022   (suivi mis à jour le %s)' % dmy(cfg.cutoff)
for c in ('A1', 'A2', 'A3'):
    ws[c].font = Font(bold=(c != 'A3'), size=12 if c != 'A3' else 10)

L = ['N° / الرقم', 'Code / الرمز', 'Nom et prénom / الاسم واللقب', 'N° dossier / رقم الملف',
     'Date de naissance / تاريخ الميلاد', 'Âge / العمر', 'Sexe / الجنس', 'Diagnostic / التشخيص',
     "Date d'intervention / تاريخ التدخل", 'Technique / التقنية', 'Niveau(x) / المستوى',
     'Volume ciment (ml) / حجم الإسمنت', 'Ciment / الإسمنت', 'Fuite / تسرب الإسمنت',
     'EVA pré / قبل', 'EVA J1', 'EVA M1', 'EVA M3', 'EVA M6', 'EVA M12',
     'ODI pré', 'ODI M3', 'ODI M12', 'Nouvelle fracture / كسر جديد', 'Évolution / التطور',
     'Observations / ملاحظات']
R = ['Code / الرمز', 'Date réintervention / تاريخ إعادة التدخل', 'Motif / السبب', 'Technique / التقنية',
     'Niveau(x) / المستوى', 'Volume ciment (ml) / حجم الإسمنت', 'Ciment / الإسمنت', 'Fuite / تسرب الإسمنت',
     'EVA pré / قبل', 'EVA J1', 'EVA M1', 'EVA M3', 'EVA M6', 'ODI pré', 'ODI M3']
HR = 6
RC0 = len(L) + 2          # first column of the right-hand table (one empty column between)
ws.cell(HR - 1, 1, 'PREMIÈRE INTERVENTION  /  التدخل الأول')
ws.merge_cells(start_row=HR - 1, start_column=1, end_row=HR - 1, end_column=len(L))
ws.cell(HR - 1, RC0, 'RÉINTERVENTIONS  /  إعادة التدخل')
ws.merge_cells(start_row=HR - 1, start_column=RC0, end_row=HR - 1, end_column=RC0 + len(R) - 1)
blue = PatternFill('solid', fgColor='BDD7EE')
orange = PatternFill('solid', fgColor='F8CBAD')
grey = PatternFill('solid', fgColor='D9D9D9')
for j, h in enumerate(L, 1):
    c = ws.cell(HR, j, h)
    c.fill = blue; c.font = Font(bold=True); c.border = box
    c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
for j, h in enumerate(R):
    c = ws.cell(HR, RC0 + j, h)
    c.fill = orange; c.font = Font(bold=True); c.border = box
    c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
for c in (ws.cell(HR - 1, 1), ws.cell(HR - 1, RC0)):
    c.font = Font(bold=True, size=12); c.alignment = Alignment(horizontal='center')
ws.row_dimensions[HR].height = 45


def score_cell(s, p, t, key):
    v = s['visits'].get(t)
    if v is None:
        if p['died'] and (s['date'] + dt.timedelta(days=TP_DAYS[t]) - p['op1']).days >= p['death_day']:
            return 'DCD'
        return ''
    if v['missed']:
        return r2.choice(['NV', 'NV', 'non venu', 'perdu de vue'])
    return v[key]


row = HR + 1
for p in pats:
    s = p['sessions'][0]
    arabic = r2.random() < 0.3
    name = ('%s %s' % (AR[p['family']], AR[p['given']])) if arabic else '%s %s' % (p['family'].upper(), p['given'])
    dossier = '%d/%s' % (r2.randint(100, 4999), str(s['date'].year)[2:])
    idents += [('name', name), ('record_number', dossier), ('birth_date', dmy(p['dob']))]
    dx = DXW.get(p['detail']) or 'Métastase (%s)' % r2.choice(PRIM)
    levels = [lvl(l['level']) for l in s['levels']]
    vols = [fr(l['vol']) for l in s['levels']]
    if p['pid'] == e_lvl:
        k = [l['level'] for l in s['levels']].index('T12')
        levels[k] = 'D13'
        errors.append([ws.title, '%s%d' % (col_letter(11), row), row, L[10], ', '.join(levels),
                       'impossible level D13 (there are 12 dorsal vertebrae); should be D12', p['pid']])
    if p['pid'] == e_vol:
        k = [not float(l['vol']).is_integer() for l in s['levels']].index(True)
        bad = str(int(round(s['levels'][k]['vol'] * 10)))
        vols[k] = bad
        errors.append([ws.title, '%s%d' % (col_letter(12), row), row, L[11], ' / '.join(vols),
                       '%s ml in one vertebra (%s) is impossible, comma lost; should be %s' % (bad, levels[k], fr(s['levels'][k]['vol'])), p['pid']])
    vas = {t: score_cell(s, p, t, 'vas') for t in ['pre', '24h', '1m', '3m', '6m', '12m']}
    odi = {t: score_cell(s, p, t, 'odi') for t in ['pre', '3m', '12m']}
    if p['pid'] == e_vas:
        good = vas['3m']
        vas['3m'] = int(good * 10)
        errors.append([ws.title, '%s%d' % (col_letter(18), row), row, L[17], vas['3m'],
                       'EVA %s outside the 0-10 scale (written in mm); should be %s' % (vas['3m'], fr(good)), p['pid']])
    date_v = s['date']
    if p['pid'] == e_date:
        d0 = s['date']
        last = (dt.date(d0.year + (d0.month == 12), d0.month % 12 + 1, 1) - dt.timedelta(days=1)).day
        date_v = '%02d/%02d/%d' % (last + 1, d0.month, d0.year)
        errors.append([ws.title, '%s%d' % (col_letter(9), row), row, L[8], date_v,
                       'impossible date; the operation was on %s' % dmy(d0), p['pid']])
    fx = ''
    if p['fractures']:
        fd, fl = p['fractures'][0]
        fx = '%s (IRM du %s)' % (lvl(fl), dmy(p['op1'] + dt.timedelta(days=fd)))
    else:
        fx = 'Non'
    if p['died']:
        dd = p['op1'] + dt.timedelta(days=p['death_day'])
        evo = ('Décédée' if p['sex'] == 'female' else 'Décédé') + ' le %s  توفي' % dmy(dd)
    else:
        evo = 'Vivante' if p['sex'] == 'female' else 'Vivant'
    obs = ''
    if len(p['sessions']) > 1:
        obs = 'Réintervention (voir tableau à droite)'
    elif p['detail'] == 'metastasis':
        obs = 'Suivi oncologie'
    vals = [p['idx'] + 1, p['pid'], name, dossier, p['dob'], p['age'], 'M' if p['sex'] == 'male' else 'F', dx,
            date_v, 'CP' if s['tech'] == 'kyphoplasty' else 'VP', ', '.join(levels), ' / '.join(vols), 'PMMA',
            leak_text(s), vas['pre'], vas['24h'], vas['1m'], vas['3m'], vas['6m'], vas['12m'],
            odi['pre'], odi['3m'], odi['12m'], fx, evo, obs]
    for j, v in enumerate(vals, 1):
        c = ws.cell(row, j, v)
        c.border = box
        if isinstance(v, dt.date):
            c.number_format = 'dd/mm/yyyy'
        if p['died']:
            c.fill = grey
    row += 1

# right-hand table: re-operations in date order, keyed by the code
reops = sorted([(p['sessions'][1]['date'], p) for p in pats if len(p['sessions']) > 1], key=lambda x: x[0])
rrow = HR + 1
for d, p in reops:
    s = p['sessions'][1]
    fl = s['levels'][0]['level']
    vas = {t: score_cell(s, p, t, 'vas') for t in ['pre', '24h', '1m', '3m', '6m']}
    odi = {t: score_cell(s, p, t, 'odi') for t in ['pre', '3m']}
    vals = [p['pid'], s['date'], 'Nouvelle fracture %s' % lvl(fl), 'CP' if s['tech'] == 'kyphoplasty' else 'VP',
            ', '.join(lvl(l['level']) for l in s['levels']), ' / '.join(fr(l['vol']) for l in s['levels']),
            'PMMA', leak_text(s), vas['pre'], vas['24h'], vas['1m'], vas['3m'], vas['6m'], odi['pre'], odi['3m']]
    for j, v in enumerate(vals):
        c = ws.cell(rrow, RC0 + j, v)
        c.border = box
        if isinstance(v, dt.date):
            c.number_format = 'dd/mm/yyyy'
    rrow += 1

row += 1
notes = ['Légende : VP = vertébroplastie, CP = cyphoplastie (ballonnet). D = vertèbre dorsale (D12 = T12).',
         'EVA = échelle visuelle analogique 0 à 10 ; ODI = Oswestry en %. J1 = lendemain, M1/M3/M6/M12 = mois après le geste.',
         'NV = non venu ; DCD = patient décédé ; case vide = contrôle pas encore fait.',
         "Volumes : un chiffre par niveau, dans l'ordre des niveaux.  Fuite : niveau précisé ; Non = aucune fuite.",
         'Les réinterventions (tableau de droite) sont reliées par le Code ; leurs EVA sont comptées depuis la réintervention.']
for n in notes:
    ws.cell(row, 1, n).font = Font(italic=True, size=9)
    row += 1
widths = [5, 9, 24, 11, 12, 6, 6, 20, 12, 9, 12, 13, 8, 26] + [7] * 9 + [22, 24, 26]
for j, w in enumerate(widths, 1):
    ws.column_dimensions[col_letter(j)].width = w
ws.column_dimensions[col_letter(RC0 - 1)].width = 3
for j in range(len(R)):
    ws.column_dimensions[col_letter(RC0 + j)].width = 12
ws.freeze_panes = ws.cell(HR + 1, 4)
save_fixed(wb, 'input.xlsx', dt.datetime(2023, 1, 15, 11, 20, 0))
write_truth(cfg, pats, errors, idents, 'level')
print('algiers: %d patients, reops %d, errors %s' % (len(pats), len(reops), [e[1] for e in errors]))
