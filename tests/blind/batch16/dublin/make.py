# ---- shared cohort generator (copied into every site's make.py) ----
import os, sys, csv, random, datetime as dt

LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
TP_OFFSET = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182,
             '12m': 365, '24m': 730}


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def gen_cohort(seed, n, ids, start, end, tps, tps2, techs=('vertebroplasty', 'kyphoplasty'),
               tech_w=(0.7, 0.3), cements=('PMMA',), n_multi=None, second=(3,), extra_fx=2,
               deaths=3, measures=('vas',)):
    R = random.Random(seed)
    pats = []
    span = (end - start).days
    s1dates = sorted(start + dt.timedelta(days=R.randrange(span)) for _ in range(n))
    multi = set(R.sample(range(n), n_multi if n_multi is not None else round(n * 0.3)))
    for i in range(n):
        etio = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [0.62, 0.22, 0.12, 0.04])[0]
        lo, hi = {'osteoporotic': (62, 91), 'pathologic': (44, 82), 'traumatic': (28, 70), 'other': (50, 85)}[etio]
        age = R.randint(lo, hi)
        sex = 'female' if R.random() < (0.72 if etio == 'osteoporotic' else 0.45) else 'male'
        s1 = s1dates[i]
        dob = dt.date(s1.year - age - 1, 1, 1) + dt.timedelta(days=R.randrange(364))
        age = age_at(dob, s1)
        p = dict(idx=i, pid=ids[i], sex=sex, age=age, dob=dob, etiology=etio, died=False,
                 death_date=None, s1=s1, sessions=[], fractures=[], visits=[])
        p['tech'] = R.choices(techs, tech_w)[0]
        p['cement'] = R.choice(cements)
        pats.append(p)
    # second sessions / deaths
    order = list(range(n)); R.shuffle(order)
    sec = set(order[:second[0]])
    dead = set(order[second[0]:second[0] + deaths])
    fx_only = set(order[second[0] + deaths:second[0] + deaths + extra_fx])

    def mk_session(p, num, date, nv):
        start_i = R.choices(range(len(LEVELS) - nv + 1),
                            [1 + 6 * (LEVELS[k] in ('T11', 'T12', 'L1', 'L2')) for k in range(len(LEVELS) - nv + 1)])[0]
        if num == 2:
            used = {v['level'] for s in p['sessions'] for v in s['verts']}
            cand = [k for k in range(len(LEVELS) - nv + 1)
                    if not any(LEVELS[k + j] in used for j in range(nv))]
            start_i = R.choice(cand)
        lv = LEVELS[start_i:start_i + nv]
        if nv == 2 and R.random() < 0.3 and start_i + 2 < len(LEVELS):
            lv = [LEVELS[start_i], LEVELS[start_i + 2]]
        verts = []
        for l in lv:
            base = 2.0 if l.startswith('T') and int(l[1:]) < 10 else 3.0
            vol = round(R.uniform(base, base + 3.5) * 2) / 2
            if p['tech'] == 'kyphoplasty':
                vol += 1.0
            leak = []
            if R.random() < 0.25:
                leak = sorted(R.sample(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                       R.choice([1, 1, 1, 2])), key=lambda x: ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'].index(x))
            verts.append(dict(level=l, vol=vol, leak=leak))
        return dict(n=num, date=date, day=(date - p['s1']).days, tech=p['tech'], cement=p['cement'], verts=verts)

    for p in pats:
        i = p['idx']
        nv = R.choice([2, 2, 3]) if i in multi else 1
        p['sessions'].append(mk_session(p, 1, p['s1'], nv))
        last_tp = tps
        if i in sec:
            fxday = R.randint(45, 75)
            s2day = fxday + R.randint(6, 18)
            lvl = None
            s2 = mk_session(p, 2, p['s1'] + dt.timedelta(days=s2day), 1)
            p['fractures'].append(dict(day=fxday, date=p['s1'] + dt.timedelta(days=fxday), level=s2['verts'][0]['level']))
            p['sessions'].append(s2)
            last_tp = [t for t in tps if TP_OFFSET[t] < fxday]
        for t in last_tp:
            off = TP_OFFSET[t]
            jitter = 0 if off <= 1 else R.randint(-max(1, off // 15), max(1, off // 15))
            p['visits'].append(dict(session=1, tp=t, day=off + jitter))
        if i in sec:
            s2 = p['sessions'][1]
            for t in tps2:
                off = TP_OFFSET[t]
                jitter = 0 if off <= 1 else R.randint(-max(1, off // 15), max(1, off // 15))
                p['visits'].append(dict(session=2, tp=t, day=s2['day'] + off + jitter))
        if i in fx_only:
            # a new fracture found at a later follow-up visit, not treated
            later = [v for v in p['visits'] if v['day'] >= 60]
            v = later[0] if later else p['visits'][-1]
            used = {x['level'] for s in p['sessions'] for x in s['verts']}
            lvl = R.choice([l for l in LEVELS if l not in used and l[0] in 'TL'])
            v['fx'] = True
            p['fractures'].append(dict(day=v['day'], date=p['s1'] + dt.timedelta(days=v['day']), level=lvl))
        if i in dead:
            k = R.randint(2, len(p['visits']) - 1)
            p['visits'] = p['visits'][:k]
            p['died'] = True
            p['death_date'] = p['s1'] + dt.timedelta(days=p['visits'][-1]['day'] + R.randint(10, 60))
        # scores
        pre = R.randint(6, 10)
        odi0 = R.randint(24, 42) * 2
        mob0 = R.randint(2, 4)
        for v in p['visits']:
            v['date'] = p['s1'] + dt.timedelta(days=v['day'])
            if v['tp'] == 'pre':
                v['vas'], v['odi'], v['mob'] = (pre if v['session'] == 1 else R.randint(6, 9)), odi0, mob0
            else:
                drop = {'24h': 3, '1w': 4, '2w': 4, '1m': 5, '6w': 5}.get(v['tp'], 5)
                v['vas'] = max(0, min(10, pre - drop + R.randint(-1, 2)))
                v['odi'] = max(0, min(100, odi0 - 6 * drop + R.randint(-4, 4) * 2))
                v['mob'] = max(0, min(4, mob0 - R.choice([1, 2, 2, 3])))
            v['missing'] = False
        # mark some visits missing (not pre, not the first post visit)
        for v in p['visits']:
            if v['tp'] not in ('pre', '24h') and not v.get('fx') and R.random() < 0.1:
                v['missing'] = True
    return pats


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(out, pats, vol_mode='vertebra', measures=('vas',), vas_div=1, errors=(), idents=(),
                skip_pids=(), extra_fields=None):
    """Truth from the data as written. Per-patient overrides in p['truth_*']."""
    td = os.path.join(out, 'truth'); os.makedirs(td, exist_ok=True)
    P, PR, A, F = [], [], [], []
    for p in pats:
        if p['pid'] in skip_pids:
            continue
        P.append([p['pid'], p.get('truth_sex', p['sex']), p.get('truth_age', p['age']), p['etiology'],
                  'yes' if p['died'] else 'no'])
        for s in p['sessions']:
            tot = sum(v['vol'] for v in s['verts'])
            for v in s['verts']:
                PR.append([p['pid'], s['n'], s.get('truth_day', s['day']), v['level'], s['tech'],
                           fmtnum(v['vol']) if vol_mode == 'vertebra' else '',
                           fmtnum(round(tot, 1)) if vol_mode == 'session' else '',
                           s['cement'] if not isinstance(s['cement'], tuple) else s['cement'][0],
                           'none' if not v['leak'] else ';'.join(v['leak'])])
        for v in p['visits']:
            if v['missing'] or v.get('untracked'):
                continue
            for m in measures:
                val = v[{'vas': 'vas', 'odi': 'odi', 'mob': 'mob'}[m]]
                if val is None:
                    continue
                name = {'vas': 'pain_vas', 'odi': 'odi', 'mob': 'mobility'}[m]
                if m == 'vas' and vas_div != 1:
                    val = fmtnum(round(val / vas_div, 1))
                A.append([p['pid'], v['session'], name, v['tp'], fmtnum(val)])
        for fx in p['fractures']:
            F.append([p['pid'], fx['day'], fx['level']])
    write_csv(os.path.join(td, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv(os.path.join(td, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique',
              'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    write_csv(os.path.join(td, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], F)
    write_csv(os.path.join(td, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value',
              'what_is_wrong', 'patient_id'], errors)
    seen, ID = set(), []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v)); ID.append([k, v])
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], ID)


def col_letter(c):  # 0-based
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def addr(r, c):  # 0-based row/col -> A1
    return f'{col_letter(c)}{r + 1}'
# ---- end shared ----

# ---- Dublin: three stacked tables on one sheet under Irish-language section headers ----
import openpyxl
from openpyxl.styles import Font, PatternFill

F_NAMES = ['Mary', 'Bridget', 'Catherine', 'Siobhán', 'Nóra', 'Margaret', 'Áine', 'Eileen', 'Kathleen', 'Úna']
M_NAMES = ['Patrick', 'Seán', 'Michael', 'John', 'Pádraig', 'Declan', 'Liam', 'Tomás', 'Brendan', 'Eoin']
SUR = ['Murphy', "O'Brien", 'Kelly', 'Byrne', 'Walsh', "O'Sullivan", 'Ryan', 'Doyle', 'McCarthy', 'Ní Bhriain', 'Kavanagh', 'Nolan', 'Fitzgerald']
ETIO = {'osteoporotic': ['Osteoporotic', 'OP #'], 'pathologic': ['Mets - breast', 'Mets - lung', 'Myeloma'],
        'traumatic': ['Trauma (fall)', 'Trauma (RTC)'], 'other': ['Other']}
TECH = {'vertebroplasty': 'VP', 'kyphoplasty': 'BKP'}
TPS = ['pre', '2w', '6w', '6m', '12m']
TPS2 = ['pre', '6w', '6m']
TPN = {'pre': 'Baseline', '2w': '2 weeks', '6w': '6 weeks', '6m': '6 months', '12m': '12 months'}


def dmy(d):
    return d.strftime('%d/%m/%Y')


def main(out):
    os.makedirs(out, exist_ok=True)
    ids = [f'VA{i + 1:03d}' for i in range(25)]
    pats = gen_cohort(5353, 25, ids, dt.date(2022, 3, 1), dt.date(2023, 7, 1), TPS, TPS2,
                      tech_w=(0.5, 0.5), cements=('PMMA',), second=(3,), extra_fx=2, deaths=3)
    R = random.Random(8)
    for p in pats:   # VAS recorded in mm (0-100)
        for v in p['visits']:
            v['vas'] = max(0, min(100, v['vas'] * 10 + R.randint(-4, 4)))
    idents, errors = [], []
    for p in pats:
        p['name'] = R.choice(F_NAMES if p['sex'] == 'female' else M_NAMES) + ' ' + R.choice(SUR)
        p['mrn'] = f'{R.randint(100000, 999999)}'
        p['phone'] = '08' + R.choice(['3', '5', '6', '7']) + ' ' + f'{R.randint(100, 999)} {R.randint(1000, 9999)}'
        p['cem_txt'] = 'Kyphon HV-R' if p['tech'] == 'kyphoplasty' else R.choice(['Vertecem V+', 'Osteopal V', 'PMMA'])
        p['etxt'] = R.choice([e for e in ETIO[p['etiology']] if not ('breast' in e and p['sex'] == 'male')])
    one = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
    e_vas, e_lvl, e_date, e_noid = one[0], one[5], one[9], one[13]
    [v for v in e_vas['visits'] if v['tp'] == 'pre'][0]['vas'] = 105
    e_lvl['sessions'][0]['verts'][-1]['level'] = 'L6'
    vd = [v for v in e_date['visits'] if v['tp'] in ('6w', '6m') and not v['missing']][0]
    vd['date_txt'] = f"31/06/{vd['date'].year}"
    vn = [v for v in e_noid['visits'] if v['tp'] in ('6m', '12m') and not v['missing'] and not v.get('fx')][-1]
    vn['untracked'] = True     # the row lost its study ID: its scores cannot be attributed

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Audit'
    SHEET = ws.title
    bold = Font(bold=True)
    sec = Font(bold=True, size=13, color='FFFFFF')
    green = PatternFill('solid', fgColor='2E7D32')
    ws.append(["St. Kevin's University Hospital, Dublin - Interventional Neuroradiology"])
    ws.append(['Vertebral augmentation audit 2022-2024   (VAS in mm, 0-100; mobility 0 = independent ... 4 = bed-bound)'])
    ws['A1'].font = Font(bold=True, size=14)
    ws.append([])

    def section(title):
        ws.append([title])
        r = ws.max_row
        for c in range(1, 10):
            ws.cell(r, c).fill = green
        ws.cell(r, 1).font = sec

    def header(h):
        ws.append(h)
        for c in range(1, len(h) + 1):
            ws.cell(ws.max_row, c).font = bold

    def dcell(d):  # real Excel date shown dd/mm/yyyy
        ws.cell(ws.max_row, dcol).value = d

    section('Sonraí an Othair (Patient details)')
    header(['Study ID', 'MRN', 'Name', 'DOB', 'Sex', 'Aetiology', 'Deceased', 'Date of death', 'Contact no.'])
    for p in pats:
        ws.append([p['pid'], p['mrn'], p['name'], p['dob'], p['sex'][0].upper(), p['etxt'],
                   'Y' if p['died'] else 'N', p['death_date'] if p['died'] else '', p['phone']])
        r = ws.max_row
        ws.cell(r, 4).number_format = 'DD/MM/YYYY'; ws.cell(r, 8).number_format = 'DD/MM/YYYY'
        idents += [('name', p['name']), ('record_number', p['mrn']), ('birth_date', dmy(p['dob'])), ('phone', p['phone'])]
    ws.append([]); ws.append([])
    section('Nósanna Imeachta (Procedures)')
    header(['Study ID', 'Procedure no.', 'Date', 'Level', 'Technique', 'Cement vol (mL)', 'Cement', 'Leak', 'Notes'])
    for p in pats:
        for s in p['sessions']:
            for v in s['verts']:
                ws.append([p['pid'], s['n'], s['date'], v['level'], TECH[s['tech']], v['vol'], p['cem_txt'],
                           'Nil' if not v['leak'] else ', '.join(x.capitalize() for x in v['leak']),
                           'redo - new fracture' if s['n'] == 2 else ''])
                r = ws.max_row
                ws.cell(r, 3).number_format = 'DD/MM/YYYY'
                if v['level'] == 'L6':
                    errors.append([SHEET, f'D{r}', r, 'Level', 'L6', 'impossible vertebral level L6', p['pid']])
    ws.append([]); ws.append([])
    section('Obair Leantach (Follow-up)')
    header(['Study ID', 'Procedure no.', 'Visit', 'Date', 'VAS (mm)', 'Mobility (0-4)', 'New fracture', 'Comments'])
    for p in pats:
        rows = []
        for v in p['visits']:
            rows.append((v['day'], 0, v))
        for f in p['fractures']:
            if not any(v['day'] == f['day'] for v in p['visits']):
                rows.append((f['day'], 1, f))
        rows.sort(key=lambda x: (x[0], x[1]))
        for _, kind, o in rows:
            if kind == 1:
                ws.append([p['pid'], 1, 'Unscheduled (ED)', o['date'], '-', '-', f"Yes - {o['level']}", 'new back pain, MRI'])
                ws.cell(ws.max_row, 4).number_format = 'DD/MM/YYYY'
                continue
            v = o
            nfx = [f for f in p['fractures'] if f['day'] == v['day']]
            if v['missing']:
                ws.append([p['pid'], v['session'], TPN[v['tp']], '', 'DNA', 'DNA', '', 'did not attend'])
                continue
            ws.append(['' if v.get('untracked') else p['pid'], v['session'], TPN[v['tp']], v.get('date_txt', v['date']),
                       v['vas'], v['mob'], f"Yes - {nfx[0]['level']}" if nfx else 'No', ''])
            r = ws.max_row
            if 'date_txt' not in v:
                ws.cell(r, 4).number_format = 'DD/MM/YYYY'
            else:
                errors.append([SHEET, f'D{r}', r, 'Date', v['date_txt'], 'impossible date: 31 June', p['pid']])
            if v['vas'] > 100:
                errors.append([SHEET, f'E{r}', r, 'VAS (mm)', '105', 'VAS 105 mm beyond 0-100 mm scale', p['pid']])
            if v.get('untracked'):
                errors.append([SHEET, f'A{r}', r, 'Study ID', '', 'follow-up row with scores but no study ID', ''])
    for c, w in zip('ABCDEFGHI', [11, 14, 22, 13, 16, 16, 14, 18, 20]):
        ws.column_dimensions[c].width = w
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, 'vertebra', ('vas', 'mob'), vas_div=10, errors=errors, idents=idents)
    return pats, errors


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
