# ---- common cohort core (copied into each site's make.py) ----
import random, datetime as dt, csv, os, sys

SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_WIN = {'24h': (1, 1), '1w': (6, 9), '2w': (13, 16), '6w': (40, 46), '1m': (27, 34),
          '3m': (85, 98), '6m': (172, 192), '12m': (352, 378), '24m': (715, 745)}


def age_at(bd, d):
    return d.year - bd.year - ((d.month, d.day) < (bd.month, bd.day))


def make_cohort(seed, n, tps, measures=('pain_vas', 'odi'), start=dt.date(2021, 3, 1),
                end=dt.date(2023, 3, 31), p_kypho=0.4, cements=('PMMA',), n_sess2=3,
                n_extra_frac=1, n_dead=2, p_missing=0.12, s2_tps=('pre', '1m'),
                p_female=0.72, etio_w=(0.72, 0.16, 0.08, 0.04), no_sess2=()):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        p = {'i': i}
        p['sex'] = 'female' if R.random() < p_female else 'male'
        p['etiology'] = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], etio_w)[0]
        d0 = start + dt.timedelta(days=R.randint(0, (end - start).days))
        tgt = R.randint(55, 90) if p['etiology'] != 'traumatic' else R.randint(45, 80)
        bd = dt.date(d0.year - tgt, R.randint(1, 12), R.randint(1, 28))
        p['birth'] = bd
        p['d0'] = d0
        p['age'] = age_at(bd, d0)
        nl = R.choices([1, 2, 3], [0.68, 0.22, 0.10])[0]
        if p['etiology'] == 'pathologic':
            first = R.randint(SPINE.index('T5'), SPINE.index('L3'))
        else:
            first = R.choice([SPINE.index(x) for x in ['T7', 'T8', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12', 'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']])
        first = min(first, len(SPINE) - nl)
        idxs = [first]
        for k in range(1, nl):
            step = 1 if R.random() < 0.75 else 2
            nxt = idxs[-1] + step
            if nxt >= len(SPINE):
                nxt = min(idxs) - 1
            idxs.append(nxt)
        idxs = sorted(set(idxs))
        tech = 'kyphoplasty' if R.random() < p_kypho else 'vertebroplasty'
        cem = R.choice(cements)
        p['sessions'] = [make_session(R, 1, 0, d0, [SPINE[j] for j in idxs], tech, cem)]
        p['fractures'] = []
        # scores, session 1
        p['visits'] = {}   # (session, tp) -> day
        p['scores'] = {}   # (session, measure, tp) -> value
        vas0 = R.randint(6, 10)
        odi0 = R.randint(24, 42) * 2
        mob0 = R.randint(2, 4)
        for tp in tps:
            if tp == 'pre':
                day = -R.randint(0, 2)
            else:
                a, b = TP_WIN[tp]
                day = R.randint(a, b)
            p['visits'][(1, tp)] = day
            fill_scores(R, p, 1, tp, measures, vas0, odi0, mob0)
        pats.append(p)
    # session 2 / new fractures
    cand = [p for p in pats if p['i'] not in no_sess2 and len(tps) >= 4]
    R.shuffle(cand)
    late = [tp for tp in tps if tp in ('3m', '6m')]
    s2 = cand[:n_sess2]
    for p in s2:
        tp = R.choice(late)
        fday = p['visits'][(1, tp)]
        lvl = new_level(R, p)
        p['fractures'].append((fday, lvl))
        s2day = fday + R.randint(6, 20)
        s1 = p['sessions'][0]
        p['sessions'].append(make_session(R, 2, s2day, p['d0'] + dt.timedelta(days=s2day), [lvl],
                                          s1['technique'], s1['cement_type']))
        vas0 = R.randint(6, 9)
        odi0 = R.randint(26, 40) * 2
        mob0 = R.randint(2, 4)
        for tp2 in s2_tps:
            if tp2 == 'pre':
                d = s2day - R.randint(0, 1)
            else:
                a, b = TP_WIN[tp2]
                d = s2day + R.randint(a, b)
            p['visits'][(2, tp2)] = d
            fill_scores(R, p, 2, tp2, measures, vas0, odi0, mob0)
    rest = [p for p in cand[n_sess2:]]
    for p in rest[:n_extra_frac]:
        tp = [t for t in tps if t in ('6m', '12m', '3m')][-1]
        fday = p['visits'][(1, tp)]
        p['fractures'].append((fday, new_level(R, p)))
    used = set(p['i'] for p in s2 + rest[:n_extra_frac])
    # deaths: prefer pathologic
    dc = [p for p in pats if p['i'] not in used and p['i'] not in no_sess2]
    dc.sort(key=lambda p: (p['etiology'] != 'pathologic', R.random()))
    for p in pats:
        p['died'] = 'no'
        p['death_day'] = None
    for p in dc[:n_dead]:
        post = [tp for tp in tps if tp not in ('pre', '24h', '1w')]
        k = R.randint(1, len(post) - 1)
        keep = post[:k]
        lastday = p['visits'][(1, keep[-1])]
        nxt = p['visits'][(1, post[k])]
        p['death_day'] = R.randint(lastday + 5, nxt - 3)
        for tp in post[k:]:
            drop_visit(p, 1, tp)
        p['died'] = 'yes'
    # random missing visits (never 'pre', never session-2)
    for p in pats:
        for tp in tps:
            if tp == 'pre' or (1, tp) not in p['visits']:
                continue
            if any(f[0] == p['visits'][(1, tp)] for f in p['fractures']):
                continue
            if R.random() < p_missing:
                drop_visit(p, 1, tp)
    for p in pats:  # consistency of the model
        for (s, tp), d in p['visits'].items():
            sd = p['sessions'][s - 1]['day']
            assert (d > sd) if tp != 'pre' else (d <= sd), (p['i'], s, tp)
            if p['death_day'] is not None:
                assert d < p['death_day']
        for fd, l in p['fractures']:
            assert fd > 0
    return pats


def drop_visit(p, s, tp):
    p['visits'].pop((s, tp), None)
    for k in list(p['scores']):
        if k[0] == s and k[2] == tp:
            del p['scores'][k]


def fill_scores(R, p, s, tp, measures, vas0, odi0, mob0):
    frac = {'pre': 0, '24h': 0.45, '1w': 0.5, '2w': 0.55, '6w': 0.6, '1m': 0.6, '3m': 0.65,
            '6m': 0.68, '12m': 0.7, '24m': 0.7}[tp]
    for m in measures:
        if m == 'pain_vas':
            v = max(0, min(10, round(vas0 * (1 - frac) + R.choice([-1, 0, 0, 1]))))
        elif m == 'pain_vas_mm':
            v = max(0, min(100, round(vas0 * 10 * (1 - frac) + R.randint(-8, 8))))
        elif m == 'odi':
            v = max(0, min(100, 2 * round((odi0 * (1 - frac * 0.8) + R.randint(-6, 6)) / 2)))
        elif m == 'mobility':
            v = max(0, min(4, round(mob0 * (1 - frac) + R.choice([0, 0, 1]))))
        p['scores'][(s, m, tp)] = v


def new_level(R, p):
    used = set(v['level'] for s in p['sessions'] for v in s['vertebrae'])
    used |= set(f[1] for f in p['fractures'])
    idx = sorted(SPINE.index(x) for x in used)
    opts = [j for j in (idx[0] - 1, idx[-1] + 1, idx[-1] + 2) if 0 <= j < len(SPINE) and SPINE[j] not in used]
    return SPINE[R.choice(opts)]


def make_session(R, s, day, date, levels, tech, cem):
    vs = []
    for l in levels:
        lo, hi = (2.0, 4.5) if l.startswith('T') else (3.0, 6.5)
        if tech == 'kyphoplasty':
            lo, hi = lo + 0.5, hi + 1.0
        vol = round(R.uniform(lo, hi) * 2) / 2
        r = R.random()
        if r < 0.72:
            lk = []
        elif r < 0.95:
            lk = [R.choices(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], [5, 5, 3, 1, 1])[0]]
        else:
            lk = ['disc', 'venous']
        vs.append({'level': l, 'vol': vol, 'leak': lk})
    return {'session': s, 'day': day, 'date': date, 'technique': tech, 'cement_type': cem, 'vertebrae': vs}


def sess_total(s):
    return round(sum(v['vol'] for v in s['vertebrae']), 1)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x == int(x):
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, errors, idents, per_vertebra=True, vas_div=1, day_override=None,
                skip_scores=()):
    """pats: model; errors: list of dicts; idents: list of (kind,value)."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    day_override = day_override or {}
    write_csv(os.path.join(td, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            day = day_override.get((p['pid'], s['session']), s['day'])
            pv = per_vertebra if not callable(per_vertebra) else per_vertebra(p, s)
            for v in s['vertebrae']:
                rows.append([p['pid'], s['session'], day, v['level'], s['technique'],
                             fmtnum(v['vol']) if pv else '',
                             '' if pv else fmtnum(sess_total(s)), s['cement_type'],
                             ';'.join(v['leak']) if v['leak'] else 'none'])
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    rows = []
    for p in pats:
        for (s, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], order.index(kv[0][2]), kv[0][1])):
            if (p['pid'], s, tp) in skip_scores:
                continue
            mm = 'pain_vas' if m == 'pain_vas_mm' else m
            val = v / 10 if m == 'pain_vas_mm' else v
            rows.append([p['pid'], s, mm, tp, fmtnum(float(val)) if isinstance(val, float) else val])
    write_csv(os.path.join(td, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['pid'], d, l] for p in pats for d, l in p['fractures']])
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set()
    ir = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ir.append([k, v])
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], ir)
# ---- end common core ----

# ---- site: gdansk (Polish university neurosurgery; one sheet per visit) ----
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment


def pesel(bd, sex, R):
    y, m, d = bd.year % 100, bd.month + (20 if bd.year >= 2000 else 0), bd.day
    ser = R.randint(0, 999)
    sx = R.choice([1, 3, 5, 7, 9]) if sex == 'male' else R.choice([0, 2, 4, 6, 8])
    s = '%02d%02d%02d%03d%d' % (y, m, d, ser, sx)
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    c = (10 - sum(int(a) * b for a, b in zip(s, w)) % 10) % 10
    return s + str(c)


def lv(l):
    return ('Th' + l[1:]) if l.startswith('T') else l


def levels_txt(ls, R):
    idx = [SPINE.index(x) if x in SPINE else None for x in ls]
    if len(ls) == 3 and None not in idx and idx[2] - idx[0] == 2 and R.random() < 0.7:
        return '%s–%s' % (lv(ls[0]), lv(ls[2]))
    return ', '.join(lv(x) for x in ls)


def dec(x):
    return fmtnum(x).replace('.', ',')


def dtxt(d, R):
    r = R.random()
    if r < 0.15:
        return d.strftime('%d.%m.%Y') + ' r.'
    return d.strftime('%d.%m.%Y')


def main(outdir):
    R = random.Random(1702)
    N = 26
    pats = make_cohort(17021, N, ['pre', '24h', '6w', '3m', '12m'], measures=('pain_vas', 'odi'),
                       start=dt.date(2020, 10, 1), end=dt.date(2023, 1, 31), p_kypho=0.35,
                       n_sess2=3, n_extra_frac=2, n_dead=3, s2_tps=('pre', '24h'),
                       etio_w=(0.6, 0.25, 0.12, 0.03), no_sess2=(2, 5, 9, 11, 16, 20, 23))
    sn_f = ['Kowalska', 'Nowak', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowska', 'Zielińska', 'Szymańska',
            'Dąbrowska', 'Kozłowska', 'Jankowska', 'Mazur', 'Kwiatkowska', 'Krawczyk', 'Grabowska', 'Pawłowska',
            'Michalska', 'Nowicka', 'Adamczyk', 'Dudek', 'Zając', 'Wieczorek', 'Jabłońska', 'Król', 'Majewska', 'Olszewska']
    sn_m = ['Kowalski', 'Nowak', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański',
            'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski', 'Krawczyk', 'Grabowski', 'Pawłowski',
            'Michalski', 'Nowicki', 'Adamczyk', 'Dudek', 'Zając', 'Wieczorek', 'Jabłoński', 'Król', 'Majewski', 'Olszewski']
    gf = ['Maria', 'Krystyna', 'Anna', 'Barbara', 'Teresa', 'Elżbieta', 'Janina', 'Danuta', 'Irena', 'Halina',
          'Jadwiga', 'Zofia', 'Stanisława', 'Genowefa', 'Helena', 'Urszula']
    gm = ['Jan', 'Stanisław', 'Andrzej', 'Józef', 'Tadeusz', 'Kazimierz', 'Zbigniew', 'Henryk', 'Ryszard', 'Bogdan']
    order = list(range(N))
    R.shuffle(order)
    idents = []
    for k, p in enumerate(pats):
        p['pid'] = 'VP-%02d' % (k + 1)
        sur = (sn_f if p['sex'] == 'female' else sn_m)[order[k]]
        giv = R.choice(gf if p['sex'] == 'female' else gm)
        p['name'] = '%s %s' % (sur, giv)
        p['pesel'] = pesel(p['birth'], p['sex'], R)
        p['nkg'] = '%d/%d' % (R.randint(1000, 29999), p['d0'].year)
        p['tel'] = R.choice(['5', '6', '7', '8']) + '%02d %03d %03d' % (R.randint(0, 99), R.randint(0, 999), R.randint(0, 999))
        if R.random() < 0.3:
            p['tel'] = '58 %03d %02d %02d' % (R.randint(300, 799), R.randint(0, 99), R.randint(0, 99))
        for s in p['sessions']:
            if s['session'] == 1:
                s['brand'] = R.choice(['Osteopal V', 'Vertecem V+', 'Kyphon HV-R'] if s['technique'] == 'kyphoplasty' else ['Osteopal V', 'Vertecem V+', 'Osteopal V'])
                s['cement_type'] = 'PMMA'
            else:
                s['brand'] = p['sessions'][0]['brand']
        idents += [('name', p['name']), ('national_id_pesel', p['pesel']), ('record_number', p['nkg']), ('phone', p['tel'])]
    # per-session volume style: breakdown per level or only a total
    for p in pats:
        for s in p['sessions']:
            s['breakdown'] = len(s['vertebrae']) > 1 and R.random() < 0.45
    # ---- planted errors ----
    cands = [p for p in pats if p['i'] in (2, 5, 9, 11, 16, 20, 23) and not p['fractures'] and p['died'] == 'no']
    e_lvl = cands[0]
    v = e_lvl['sessions'][0]['vertebrae'][-1]
    v['level'] = 'L6' if v['level'].startswith('L') else 'T13'
    e_vas = [p for p in cands[1:] if (1, 'pain_vas', '6w') in p['scores']][0]
    e_vas['scores'][(1, 'pain_vas', '6w')] = 12
    rest = [p for p in cands if p not in (e_lvl, e_vas)]
    e_date = [p for p in rest if (1, '3m') in p['visits']][0]
    rest.remove(e_date)
    e_odi = [p for p in rest if (1, 'odi', '12m') in p['scores']][0]
    e_odi['scores'][(1, 'odi', '12m')] = 130
    rest.remove(e_odi)
    e_noid = [p for p in rest if (1, '24h') in p['visits']][0]
    errors = []
    skip = {(e_noid['pid'], 1, '24h')}

    wb = openpyxl.Workbook()
    bold = Font(bold=True)
    grey = PatternFill('solid', fgColor='D9D9D9')
    ws = wb.active
    ws.title = 'Pacjenci'
    ws['A1'] = 'Klinika Neurochirurgii – rejestr wertebroplastyk / kifoplastyk (PVP/BKP)'
    ws['A1'].font = Font(bold=True, size=12)
    H = ['Lp.', 'Nr badania', 'Nazwisko i imię', 'PESEL', 'Nr księgi głównej', 'Telefon', 'Płeć', 'Wiek',
         'Rozpoznanie', 'Zgon']
    ws.append([])
    ws.append(H)
    for c in ws[3]:
        c.font = bold
        c.fill = grey
    for k, p in enumerate(pats):
        if p['etiology'] == 'osteoporotic':
            dx = R.choice(['złamanie osteoporotyczne', 'osteoporotyczne złamanie kompresyjne', 'złam. osteoporotyczne'])
        elif p['etiology'] == 'pathologic':
            dx = R.choice(['przerzut raka piersi', 'przerzut raka płuca', 'szpiczak mnogi', 'przerzut raka nerki'])
        elif p['etiology'] == 'traumatic':
            dx = R.choice(['złamanie urazowe (upadek)', 'złamanie pourazowe – wypadek komunikacyjny'])
        else:
            dx = 'inne'
        if p['died'] == 'yes':
            zg = 'tak – ' + (p['d0'] + dt.timedelta(days=p['death_day'])).strftime('%d.%m.%Y')
        else:
            zg = R.choice(['nie', 'nie', 'nie', ''])
        ws.append([k + 1, p['pid'], p['name'], p['pesel'], p['nkg'], p['tel'], 'K' if p['sex'] == 'female' else 'M',
                   p['age'], dx, zg])
        ws.cell(row=ws.max_row, column=4).number_format = '@'
    for c, w in zip('ABCDEFGHIJ', [5, 11, 26, 14, 16, 14, 6, 6, 40, 18]):
        ws.column_dimensions[c].width = w

    z = wb.create_sheet('Zabiegi')
    HZ = ['Nr badania', 'Zabieg nr', 'Data zabiegu', 'Poziom(y)', 'Metoda', 'Cement', 'Objętość cementu [ml]',
          'Wyciek cementu', 'Operator', 'Uwagi']
    z.append(HZ)
    for c in z[1]:
        c.font = bold
        c.fill = grey
    LK = {'disc': 'do krążka', 'venous': 'żylny', 'paravertebral': 'przykręgosłupowy',
          'epidural': 'do kanału kręgowego', 'foraminal': 'do otworu międzykręgowego'}
    rows = sorted([(p, s) for p in pats for s in p['sessions']], key=lambda t: t[1]['date'])
    for p, s in rows:
        ls = [v['level'] for v in s['vertebrae']]
        lt = levels_txt(ls, R) if 'L6' not in ls and 'T13' not in ls else ', '.join('Th13' if x == 'T13' else lv(x) for x in ls)
        if s['breakdown']:
            vol = '; '.join('%s – %s' % (lv(v['level']), dec(v['vol'])) for v in s['vertebrae'])
        else:
            vol = dec(sess_total(s))
            if R.random() < 0.5 and ',' not in vol:
                vol = float(vol)
        leaks = [(v['level'], v['leak']) for v in s['vertebrae']]
        if all(not lk for _, lk in leaks):
            lt2 = R.choice(['brak', 'brak', 'bez wycieku', '-'])
        elif len(leaks) == 1:
            lt2 = ' + '.join(LK[x] for x in leaks[0][1])
        else:
            parts = []
            for l, lk in leaks:
                parts.append('%s: %s' % (lv(l), ' + '.join(LK[x] for x in lk) if lk else 'bez wycieku'))
            lt2 = '; '.join(parts)
        met = {'kyphoplasty': R.choice(['kifoplastyka balonowa', 'BKP']),
               'vertebroplasty': R.choice(['wertebroplastyka', 'PVP', 'wertebroplastyka przezskórna'])}[s['technique']]
        uw = 'ponowny zabieg – nowe złamanie' if s['session'] == 2 else ''
        z.append([p['pid'], s['session'], s['date'], lt, met, s['brand'], vol, lt2,
                  R.choice(['dr Nowicki', 'dr hab. Kurek', 'lek. Sowa']), uw])
        rr = z.max_row
        z.cell(row=rr, column=3).number_format = 'dd.mm.yyyy'
        if 'L6' in ls or 'T13' in ls:
            errors.append(dict(sheet='Zabiegi', cell='D%d' % rr, row=rr, header='Poziom(y)', value=lt,
                               what='impossible vertebral level in list', pid=p['pid']))
    for c, w in zip('ABCDEFGHIJ', [11, 9, 12, 16, 24, 14, 22, 36, 14, 30]):
        z.column_dimensions[c].width = w

    SHEETS = [('pre', 'Przed zabiegiem'), ('24h', '1 doba'), ('6w', '6 tyg.'), ('3m', '3 mies.'), ('12m', '12 mies.')]
    for tp, title in SHEETS:
        w = wb.create_sheet(title)
        w.append(['Nr badania', 'Nazwisko i imię', 'Zabieg nr', 'Data wizyty', 'VAS', 'ODI [%]', 'Uwagi'])
        for c in w[1]:
            c.font = bold
            c.fill = grey
        for p in pats:
            for sn in (1, 2):
                if sn == 2 and (len(p['sessions']) < 2 or tp not in ('pre', '24h')):
                    continue
                key = (sn, tp)
                if key not in p['visits']:
                    if sn == 1 and p['died'] == 'yes' and TP_WIN.get(tp, (0, 0))[0] > p['death_day']:
                        if R.random() < 0.5:
                            w.append([p['pid'], p['name'], sn, 'zmarł(a)' if R.random() < 0.5 else '-', None, None, ''])
                        continue
                    w.append([p['pid'], p['name'], sn, R.choice(['nie zgłosił(a) się', 'b.d.', '-']), None, None,
                              R.choice(['', 'tel. – odmowa przyjazdu', ''])])
                    continue
                d = p['d0'] + dt.timedelta(days=p['visits'][key])
                vas = p['scores'].get((sn, 'pain_vas', tp))
                odi = p['scores'].get((sn, 'odi', tp))
                if odi is not None and R.random() < 0.15:
                    odi = '%d%%' % odi
                note = ''
                for fd, fl in p['fractures']:
                    if fd == p['visits'][key] and sn == 1:
                        if len(p['sessions']) > 1:
                            note = 'nowe złamanie %s – kwalifikacja do ponownego zabiegu' % lv(fl)
                        else:
                            note = 'RTG: świeże złamanie trzonu %s, leczenie zachowawcze (gorset)' % lv(fl)
                dv = d if R.random() < 0.5 else dtxt(d, R)
                if p is e_date and key == (1, '3m'):
                    m = d.month
                    if m in (4, 6, 9, 11):
                        dv = '31.%02d.%d' % (m, d.year)
                    elif m in (1, 3):
                        dv = '30.02.%d' % d.year
                    else:
                        dv = '31.%02d.%d' % ({5: 6, 7: 6, 8: 9, 10: 11, 12: 11, 2: 4}[m], d.year)
                pid = p['pid']
                if p is e_noid and key == (1, '24h'):
                    pid = None
                w.append([pid, p['name'], sn, dv, vas, odi, note])
                rr = w.max_row
                if isinstance(dv, dt.date):
                    w.cell(row=rr, column=4).number_format = 'dd.mm.yyyy'
                if p is e_date and key == (1, '3m'):
                    errors.append(dict(sheet=title, cell='D%d' % rr, row=rr, header='Data wizyty', value=dv,
                                       what='impossible calendar date', pid=p['pid']))
                if pid is None:
                    errors.append(dict(sheet=title, cell='A%d' % rr, row=rr, header='Nr badania', value='',
                                       what='row with visit data but no study number', pid=p['pid']))
                if vas is not None and vas > 10:
                    errors.append(dict(sheet=title, cell='E%d' % rr, row=rr, header='VAS', value=str(vas),
                                       what='VAS %d beyond the 0-10 scale' % vas, pid=p['pid']))
                if odi is not None and int(str(odi).rstrip('%')) > 100:
                    errors.append(dict(sheet=title, cell='F%d' % rr, row=rr, header='ODI [%]', value=str(odi),
                                       what='ODI %s beyond 100 %%' % odi, pid=p['pid']))
        for c, wd in zip('ABCDEFG', [11, 26, 9, 14, 6, 8, 50]):
            w.column_dimensions[c].width = wd

    def pv(p, s):
        return s['breakdown'] or len(s['vertebrae']) == 1
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents, per_vertebra=pv, skip_scores=skip)


if __name__ == '__main__':
    main(sys.argv[1])
