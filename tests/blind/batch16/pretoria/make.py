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

# ---- Pretoria: hospital-system style export, one row per event (procedure / visit / fracture / death), Afrikaans ----
import openpyxl
from openpyxl.styles import Font


def ymd(d):
    return d.strftime('%Y/%m/%d')


def dc(x):  # decimal comma
    return fmtnum(x).replace('.', ',')


F_NAMES = ['Anna', 'Susanna', 'Maria', 'Elsabé', 'Hester', 'Magdalena', 'Thandiwe', 'Nomsa', 'Sarah', 'Johanna', 'Lerato']
M_NAMES = ['Johannes', 'Pieter', 'Gert', 'Hendrik', 'Willem', 'Sipho', 'Andries', 'Jacobus', 'Thabo', 'Frederik']
SUR = ['van der Merwe', 'Botha', 'Pretorius', 'Nel', 'Coetzee', 'du Plessis', 'Venter', 'Steyn', 'Mokoena', 'Nkosi', 'Naidoo', 'Fourie', 'Jansen van Rensburg', 'Kruger']
ETIO = {'osteoporotic': ['Osteoporose', 'Osteoporotiese fraktuur'], 'pathologic': ['Metastase (bors)', 'Metastase (prostaat)', 'Veelvuldige mieloom'],
        'traumatic': ['Trauma (val)', 'Trauma (MVO)'], 'other': ['Ander']}
TECH = {'vertebroplasty': 'Vertebroplastie', 'kyphoplasty': 'Kifoplastie'}
LEAK = {'disc': 'skyf', 'venous': 'veneus', 'paravertebral': 'paravertebraal', 'epidural': 'epiduraal', 'foraminal': 'foraminaal'}
TPN = {'pre': 'Voor-op', '24h': '24 uur', '6w': '6 weke', '3m': '3 maande', '12m': '12 maande'}
TPS = ['pre', '24h', '6w', '3m', '12m']
TPS2 = ['pre', '6w', '3m']


def main(out):
    os.makedirs(out, exist_ok=True)
    ids = [f'SAH-VA-{i + 101}' for i in range(26)]
    pats = gen_cohort(4242, 26, ids, dt.date(2022, 6, 1), dt.date(2023, 8, 1), TPS, TPS2,
                      tech_w=(0.55, 0.45), cements=('PMMA',), second=(3,), extra_fx=2, deaths=3)
    R = random.Random(5)
    idents, errors = [], []
    for p in pats:
        p['name'] = R.choice(SUR) + ', ' + R.choice(F_NAMES if p['sex'] == 'female' else M_NAMES)
        p['hosp'] = f'{R.randint(1000000, 9999999)}'
        p['phone'] = '0' + R.choice(['82', '83', '72', '71', '12']) + ' ' + f'{R.randint(100, 999)} {R.randint(1000, 9999)}'
        p['cem_txt'] = 'Kyphon HV-R' if p['tech'] == 'kyphoplasty' else R.choice(['Osteopal V', 'Vertebroplastic', 'PMMA'])
        p['etxt'] = R.choice([e for e in ETIO[p['etiology']] if not (('bors' in e and p['sex'] == 'male') or ('prostaat' in e and p['sex'] == 'female'))])
    one = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
    e_odi, e_before, e_vol, e_lvl = one[2], one[7], one[12], one[17]
    [v for v in e_odi['visits'] if v['tp'] == '6w' and not v['missing']][0]['odi'] = 130
    vb = [v for v in e_before['visits'] if v['tp'] == '3m' and not v['missing']][0]
    vb['date_override'] = vb['date'].replace(year=vb['date'].year - 1)   # typed the wrong year: before the procedure
    e_vol['sessions'][0]['verts'][0]['vol'] = 22.0
    e_lvl['sessions'][0]['verts'][0]['level'] = 'T13'
    for p in (e_odi, e_before, e_vol, e_lvl):
        pass

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Uitvoer'
    SHEET = ws.title
    h = ['Studienr', 'Hospitaalnr', 'Pasiënt', 'Geboortedatum', 'Geslag', 'Kontaknr', 'Etiologie', 'Gebeurtenis', 'Datum',
         'Vlak', 'Tegniek', 'Sement (ml)', 'Sementtipe', 'Lekkasie', 'VAS', 'ODI (%)', 'Mobiliteit (0-4)', 'Opmerkings']
    ws.append(h)
    for c in range(1, len(h) + 1):
        ws.cell(1, c).font = Font(bold=True)
    for p in pats:
        base = [p['pid'], p['hosp'], p['name'], ymd(p['dob']), 'V' if p['sex'] == 'female' else 'M', p['phone'], p['etxt']]
        idents += [('name', p['name']), ('record_number', p['hosp']), ('birth_date', ymd(p['dob'])), ('phone', p['phone'])]
        events = []
        for s in p['sessions']:
            lk = [f"{v['level']}: {', '.join(LEAK[x] for x in v['leak'])}" for v in s['verts'] if v['leak']]
            events.append((s['day'], 1, [f"Prosedure {s['n']}", ymd(s['date']), '; '.join(v['level'] for v in s['verts']),
                                          TECH[s['tech']], '; '.join(dc(v['vol']) for v in s['verts']), p['cem_txt'],
                                          '; '.join(lk) if lk else 'geen', '', '', '', ''], s))
        for v in p['visits']:
            order = 0 if v['tp'] == 'pre' else 2
            name = TPN[v['tp']] + (' (na prosedure 2)' if v['session'] == 2 else '')
            d = v.get('date_override', v['date'])
            if v['missing']:
                events.append((v['day'], order, [name, ymd(d), '', '', '', '', '', 'n.b.', 'n.b.', 'n.b.', 'Nie opgedaag nie'], v))
            else:
                nfx = [f for f in p['fractures'] if f['day'] == v['day']]
                opm = f"Nuwe fraktuur {nfx[0]['level']} op MRI" if nfx else ''
                events.append((v['day'], order, [name, ymd(d), '', '', '', '', '', fmtnum(v['vas']), fmtnum(v['odi']), fmtnum(v['mob']), opm], v))
        for f in p['fractures']:
            events.append((f['day'], 3, ['Nuwe fraktuur', ymd(f['date']), f['level'], '', '', '', '', '', '', '', ''], f))
        if p['died']:
            events.append((p['death_date'].toordinal() - p['s1'].toordinal(), 4, ['Oorlede', ymd(p['death_date']), '', '', '', '', '', '', '', '', ''], None))
        events.sort(key=lambda e: (e[0], e[1]))
        for _, _, cells, obj in events:
            ws.append(base + cells)
            r = ws.max_row
            if obj is not None and isinstance(obj, dict) and 'verts' in obj:
                if any(v['level'] == 'T13' for v in obj['verts']):
                    errors.append([SHEET, f'J{r}', r, 'Vlak', cells[2], 'impossible vertebral level T13', p['pid']])
                if any(v['vol'] > 20 for v in obj['verts']):
                    errors.append([SHEET, f'L{r}', r, 'Sement (ml)', cells[4], 'cement volume 22 mL in one vertebra (>20 mL)', p['pid']])
            if obj is not None and isinstance(obj, dict) and 'tp' in obj:
                if obj.get('odi') == 130 and not obj['missing']:
                    errors.append([SHEET, f'P{r}', r, 'ODI (%)', '130', 'ODI 130 beyond 0-100 scale', p['pid']])
                if 'date_override' in obj:
                    errors.append([SHEET, f'I{r}', r, 'Datum', cells[1], 'follow-up visit dated before the procedure', p['pid']])
    widths = [12, 12, 24, 13, 8, 14, 22, 26, 12, 14, 16, 12, 16, 26, 6, 8, 10, 28]
    for i, w in enumerate(widths):
        ws.column_dimensions[col_letter(i)].width = w
    ws.freeze_panes = 'A2'
    ws.auto_filter.ref = ws.dimensions
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, 'vertebra', ('vas', 'odi', 'mob'), errors=errors, idents=idents)
    return pats, errors


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
