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

# ---- Palermo: one sheet per patient (scheda paziente), timepoints across, Italian ----
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment


def dmy(d):
    return d.strftime('%d/%m/%Y')


def dc(x):
    return fmtnum(x).replace('.', ',')


F_NAMES = ['Maria', 'Giuseppa', 'Rosaria', 'Antonina', 'Carmela', 'Francesca', 'Concetta', 'Vincenza', 'Salvatrice', 'Rosalia']
M_NAMES = ['Salvatore', 'Giuseppe', 'Vincenzo', 'Antonino', 'Francesco', 'Calogero', 'Gaetano', 'Rosario', 'Domenico', 'Benedetto']
SUR = ['Lo Bianco', 'Di Salvo', 'La Rosa', 'Russo', 'Caruso', 'Messina', 'Lo Presti', 'Vitale', 'Amato', 'Schifani', 'Genovese', 'Randazzo', 'Mangano']
ETIO = {'osteoporotic': ['Osteoporosi', 'Crollo osteoporotico'], 'pathologic': ['Metastasi (ca mammario)', 'Metastasi (ca polmonare)', 'Mieloma multiplo'],
        'traumatic': ['Trauma (caduta accidentale)', 'Trauma (incidente stradale)'], 'other': ['Altro (osteonecrosi - Kümmell)']}
TECH = {'vertebroplasty': 'vertebroplastica', 'kyphoplasty': 'cifoplastica'}
LEAK = {'disc': 'discale', 'venous': 'venoso', 'paravertebral': 'paravertebrale', 'epidural': 'epidurale', 'foraminal': 'foraminale'}
TPS = ['pre', '1w', '1m', '6m', '12m']
TPS2 = ['pre', '1m', '6m']
TPN = {'pre': 'Basale', '1w': '1 settimana', '1m': '1 mese', '6m': '6 mesi', '12m': '12 mesi'}


def lv(l):  # Italian habit: dorsal vertebrae written D
    return 'D' + l[1:] if l.startswith('T') else l


def main(out):
    os.makedirs(out, exist_ok=True)
    ids = [f'NRPA-{i + 1:02d}' for i in range(22)]
    pats = gen_cohort(3131, 22, ids, dt.date(2022, 9, 1), dt.date(2023, 9, 1), TPS, TPS2,
                      tech_w=(0.65, 0.35), cements=('PMMA',), second=(3,), extra_fx=2, deaths=2)
    R = random.Random(12)
    idents, errors = [], []
    for p in pats:
        p['name'] = R.choice(SUR).upper() + ' ' + R.choice(F_NAMES if p['sex'] == 'female' else M_NAMES)
        p['cart'] = f'{p["s1"].year}/{R.randint(1000, 29999):05d}'
        p['phone'] = R.choice(['091 ' + f'{R.randint(100, 999)} {R.randint(1000, 9999)}',
                               '3' + R.choice(['33', '38', '47', '28']) + ' ' + f'{R.randint(100, 999)} {R.randint(1000, 9999)}'])
        p['cem_txt'] = 'KyphX HV-R' if p['tech'] == 'kyphoplasty' else R.choice(['Mendec Spine', 'Osteopal V', 'PMMA'])
        p['etxt'] = R.choice([e for e in ETIO[p['etiology']] if not ('mammario' in e and p['sex'] == 'male')])
    one = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
    e_vas, e_date, e_vol, e_before = one[1], one[6], one[10], one[14]
    [v for v in e_vas['visits'] if v['tp'] == '1m' and not v['missing']][0]['vas'] = 11
    vd = [v for v in e_date['visits'] if v['tp'] in ('1m', '6m') and not v['missing']][0]
    vd['date_txt'] = f"30/02/{vd['date'].year}"
    e_vol['sessions'][0]['verts'][-1]['vol'] = 32.0
    vb = [v for v in e_before['visits'] if v['tp'] == '1w' and not v['missing']][0]
    vb['date_txt'] = dmy(e_before['s1'] - dt.timedelta(days=7))   # typed 7 days before instead of after

    wb = openpyxl.Workbook()
    idx = wb.active
    idx.title = 'Elenco'
    idx.append(['U.O.C. Neuroradiologia - Registro vertebroplastiche / cifoplastiche'])
    idx.append(['Codice', 'Paziente', 'Data procedura', 'Foglio'])
    bold = Font(bold=True)
    grey = PatternFill('solid', fgColor='D9D9D9')
    for p in pats:
        idx.append([p['pid'], p['name'], dmy(p['s1']), p['pid']])
        ws = wb.create_sheet(p['pid'])
        SHEET = p['pid']
        ws['A1'] = 'A.O.U.P. "Paolo Giaccone" - Palermo - U.O.C. Neuroradiologia'
        ws['A2'] = 'SCHEDA PAZIENTE - Augmentation vertebrale'
        ws['A1'].font = Font(bold=True, size=12); ws['A2'].font = bold
        info = [('Codice studio', p['pid']), ('Cognome e nome', p['name']), ('Data di nascita', dmy(p['dob'])),
                ('N. cartella', p['cart']), ('Recapito telefonico', p['phone']), ('Sesso', 'F' if p['sex'] == 'female' else 'M'),
                ('Eziologia', p['etxt']),
                ('Esito', f"Deceduto/a il {dmy(p['death_date'])}" if p['died'] else 'Vivente')]
        r = 4
        for k, v in info:
            ws.cell(r, 1, k).font = bold
            ws.cell(r, 2, v)
            r += 1
        idents += [('name', p['name']), ('birth_date', dmy(p['dob'])), ('record_number', p['cart']), ('phone', p['phone'])]
        r += 1
        ws.cell(r, 1, 'PROCEDURE').font = Font(bold=True, color='1F4E78'); r += 1
        ph = ['Seduta', 'Data', 'Livello', 'Tecnica', 'Cemento (ml)', 'Tipo cemento', 'Stravaso']
        for c, t in enumerate(ph):
            ws.cell(r, c + 1, t).font = bold; ws.cell(r, c + 1).fill = grey
        r += 1
        for s in p['sessions']:
            for v in s['verts']:
                vals = [f"{s['n']}ª", dmy(s['date']), lv(v['level']), TECH[s['tech']], dc(v['vol']), p['cem_txt'],
                        'assente' if not v['leak'] else ' + '.join(LEAK[x] for x in v['leak'])]
                for c, t in enumerate(vals):
                    ws.cell(r, c + 1, t)
                if v['vol'] > 20:
                    errors.append([SHEET, f'E{r}', r, 'Cemento (ml)', dc(v['vol']), 'cement volume 32 mL in one vertebra (>20 mL)', p['pid']])
                r += 1
        for sess, tps in ((1, TPS), (2, TPS2)):
            if sess == 2 and len(p['sessions']) < 2:
                continue
            r += 1
            ws.cell(r, 1, 'FOLLOW-UP' if sess == 1 else 'FOLLOW-UP dopo 2ª seduta').font = Font(bold=True, color='1F4E78'); r += 1
            ws.cell(r, 1, '').fill = grey
            for c, t in enumerate(tps):
                ws.cell(r, c + 2, TPN[t]).font = bold; ws.cell(r, c + 2).fill = grey
            hr = r
            rows = {'Data': r + 1, 'VAS (0-10)': r + 2, 'ODI (%)': r + 3, 'Note': r + 4}
            for k, rr in rows.items():
                ws.cell(rr, 1, k).font = bold
            vis = {v['tp']: v for v in p['visits'] if v['session'] == sess}
            for c, t in enumerate(tps):
                col = c + 2
                v = vis.get(t)
                if v is None:
                    if p['died'] and t not in [x['tp'] for x in p['visits']]:
                        ws.cell(rows['Note'], col, '†')
                    continue
                if v['missing']:
                    ws.cell(rows['Data'], col, 'n.d.'); ws.cell(rows['VAS (0-10)'], col, 'n.d.'); ws.cell(rows['ODI (%)'], col, 'n.d.')
                    ws.cell(rows['Note'], col, 'non eseguito')
                    continue
                dtxt = v.get('date_txt', dmy(v['date']))
                ws.cell(rows['Data'], col, dtxt)
                ws.cell(rows['VAS (0-10)'], col, v['vas'])
                ws.cell(rows['ODI (%)'], col, v['odi'])
                nfx = [f for f in p['fractures'] if f['day'] == v['day']]
                if nfx:
                    ws.cell(rows['Note'], col, f"nuovo crollo {lv(nfx[0]['level'])}")
                if 'date_txt' in v:
                    what = 'impossible date: 30 February' if dtxt.startswith('30/02') else 'follow-up visit dated before the procedure'
                    errors.append([SHEET, addr(rows['Data'] - 1, col - 1), rows['Data'], TPN[t], dtxt, what, p['pid']])
                if v['vas'] > 10:
                    errors.append([SHEET, addr(rows['VAS (0-10)'] - 1, col - 1), rows['VAS (0-10)'], TPN[t], '11', 'VAS 11 beyond 0-10 scale', p['pid']])
            r = rows['Note'] + 1
        r += 1
        ws.cell(r, 1, 'NUOVE FRATTURE').font = Font(bold=True, color='1F4E78'); r += 1
        if not p['fractures']:
            ws.cell(r, 1, 'nessuna')
        for f in p['fractures']:
            ws.cell(r, 1, 'Data'); ws.cell(r, 2, dmy(f['date'])); ws.cell(r, 3, 'Livello'); ws.cell(r, 4, lv(f['level']))
            r += 1
        ws.column_dimensions['A'].width = 22
        for c in 'BCDEFG':
            ws.column_dimensions[c].width = 16
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, 'vertebra', ('vas', 'odi'), errors=errors, idents=idents)
    return pats, errors


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
