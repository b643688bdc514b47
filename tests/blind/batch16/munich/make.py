# ---------------------------------------------------------------- cohort core
import os, sys, csv, random, datetime as dt

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def make_cohort(seed, n, timepoints, measures, techniques=('vertebroplasty', 'kyphoplasty'),
                cements=('PMMA',), start=dt.date(2019, 1, 7), span_days=900, vol_per_vertebra=True,
                s2_timepoints=('pre', '1m', '3m')):
    """Returns a list of patient dicts. Each patient: sex, age, etiology, died, d0 (date),
    birth, sessions [{session, day, date, technique, cement, levels[{level, vol, leak}], total}],
    visits [{session, tp, day, date, scores{measure: value or None}}], fractures [{day, level}],
    death_day."""
    rng = random.Random(seed)
    pats = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        p['etiology'] = ('osteoporotic' if r < 0.68 else 'pathologic' if r < 0.84
                         else 'traumatic' if r < 0.95 else 'other')
        p['age'] = rng.randint(48, 70) if p['etiology'] in ('pathologic', 'traumatic') else rng.randint(62, 93)
        d0 = start + dt.timedelta(days=rng.randint(0, span_days))
        while d0.weekday() >= 5:
            d0 += dt.timedelta(days=1)
        p['d0'] = d0
        # birth date giving exactly age at d0
        by = d0.year - p['age'] - 1
        bd = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        if (d0.month, d0.day) >= (bd.month, bd.day):
            bd = dt.date(by + 1, bd.month, bd.day) if False else bd
        # recompute precisely
        def age_at(b, d):
            return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
        while age_at(bd, d0) != p['age']:
            bd = dt.date(bd.year + (1 if age_at(bd, d0) > p['age'] else -1), bd.month, bd.day)
        p['birth'] = bd
        nl = 1
        r = rng.random()
        if r < 0.22:
            nl = 2
        elif r < 0.32:
            nl = 3
        centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'T8', 'L3', 'T7', 'L4'])
        ci = LEVELS.index(centre)
        st = max(3, min(ci - (nl - 1) // 2, len(LEVELS) - nl))
        tech = rng.choice(techniques)
        cem = rng.choice(cements)
        levs = []
        for k in range(nl):
            vol = rng.choice([2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0])
            if LEVELS[st + k].startswith('T') and LEVELS.index(LEVELS[st + k]) < 9:
                vol = min(vol, 4.0)
            rr = rng.random()
            if rr < 0.68:
                leak = 'none'
            elif rr < 0.80:
                leak = 'disc'
            elif rr < 0.90:
                leak = 'venous'
            elif rr < 0.96:
                leak = 'paravertebral'
            else:
                leak = 'disc;venous'
            levs.append({'level': LEVELS[st + k], 'vol': vol, 'leak': leak})
        p['sessions'] = [{'session': 1, 'day': 0, 'date': d0, 'technique': tech, 'cement': cem,
                          'levels': levs, 'total': round(sum(l['vol'] for l in levs), 1)}]
        p['fractures'] = []
        p['death_day'] = None
        p['died'] = 'no'
        pats.append(p)
    idx = list(range(n))
    rng.shuffle(idx)
    s2 = idx[:3]
    extra_fx = idx[3:5]
    dead = idx[5:8] if n >= 24 else idx[5:7]
    # second sessions
    for i in s2:
        p = pats[i]
        s1 = p['sessions'][0]
        fday = rng.randint(110, 200)
        sday = fday + rng.randint(4, 16)
        d = p['d0'] + dt.timedelta(days=sday)
        while d.weekday() >= 5:
            d += dt.timedelta(days=1)
        sday = (d - p['d0']).days
        top = LEVELS.index(s1['levels'][0]['level'])
        bot = LEVELS.index(s1['levels'][-1]['level'])
        ni = top - 1 if (rng.random() < 0.5 and top > 3) or bot >= len(LEVELS) - 1 else bot + 1
        lev = LEVELS[ni]
        vol = rng.choice([2.5, 3.0, 3.5, 4.0, 4.5])
        p['fractures'].append({'day': fday, 'level': lev})
        p['sessions'].append({'session': 2, 'day': sday, 'date': d, 'technique': s1['technique'],
                              'cement': s1['cement'], 'levels': [{'level': lev, 'vol': vol, 'leak': 'none'}],
                              'total': vol})
    # visits
    for i, p in enumerate(pats):
        visits = []
        limit = p['sessions'][1]['day'] - 10 if len(p['sessions']) > 1 else 10 ** 6
        for tp in timepoints:
            off = TP_DAYS[tp]
            if tp == 'pre':
                day = -rng.randint(0, 2) if rng.random() < 0.6 else 0
            else:
                jit = 0 if off <= 1 else rng.randint(-max(1, off // 12), max(1, off // 12))
                day = off + jit
            if day > limit:
                continue
            visits.append({'session': 1, 'tp': tp, 'day': day})
        if len(p['sessions']) > 1:
            s = p['sessions'][1]
            for tp in s2_timepoints:
                off = TP_DAYS[tp]
                day = s['day'] + (-1 if tp == 'pre' else off + rng.randint(-3, 3))
                visits.append({'session': 2, 'tp': tp, 'day': day})
        p['visits'] = visits
    for i in dead:
        p = pats[i]
        # dies between visits: keep first k visits (at least pre + 2)
        k = rng.randint(3, max(3, len(p['visits']) - 1))
        p['visits'] = p['visits'][:k]
        last = p['visits'][-1]['day']
        p['death_day'] = last + rng.randint(15, 80)
        p['died'] = 'yes'
    for i in extra_fx:
        p = pats[i]
        lastday = p['visits'][-1]['day']
        fday = rng.randint(60, max(61, lastday - 5))
        used = {l['level'] for s in p['sessions'] for l in s['levels']}
        cand = [l for l in LEVELS[4:] if l not in used]
        p['fractures'].append({'day': fday, 'level': rng.choice(cand)})
    # scores
    for p in pats:
        base = rng.randint(6, 9)
        odi0 = rng.randint(44, 80)
        mob0 = rng.randint(2, 4)
        for v in p['visits']:
            v['date'] = p['d0'] + dt.timedelta(days=v['day'])
            if v['tp'] in ('pre', '24h'):
                pass
            elif v['date'].weekday() == 6:
                v['day'] -= 2
                v['date'] -= dt.timedelta(days=2)
            elif v['date'].weekday() == 5:
                v['day'] -= 1
                v['date'] -= dt.timedelta(days=1)
            if v['tp'] == 'pre' and v['day'] > 0:
                v['day'] = 0; v['date'] = p['d0']
            if v['session'] == 2 and v['tp'] == 'pre':
                sd = p['sessions'][1]['day']
                v['day'] = sd - 1
                v['date'] = p['d0'] + dt.timedelta(days=sd - 1)
            pre = v['tp'] == 'pre'
            frac = 1.0 if pre else max(0.15, 0.55 - 0.05 * list(TP_DAYS).index(v['tp']) + rng.uniform(-0.1, 0.1))
            sc = {}
            for m in measures:
                if m == 'pain_vas':
                    b = base if (pre or v['session'] == 1) else rng.randint(6, 9)
                    sc[m] = max(0, min(10, round(b * frac + (0 if pre else rng.choice([-1, 0, 0, 1])))))
                elif m == 'odi':
                    sc[m] = max(4, min(96, int(odi0 * (1.0 if pre else frac + 0.15)) // 2 * 2))
                elif m == 'mobility':
                    sc[m] = mob0 if pre else max(0, min(4, round(mob0 * frac + rng.choice([0, 0, 1]))))
            # some missing single scores
            if not pre and rng.random() < 0.08 and len(measures) > 1:
                sc[rng.choice(measures)] = None
            v['scores'] = sc
        # missed (not attended) visit: keep a marker
        if rng.random() < 0.3 and len(p['visits']) > 3:
            j = rng.randint(1, len(p['visits']) - 1)
            if p['visits'][j]['session'] == 1 and p['visits'][j]['tp'] != 'pre':
                p['visits'][j]['missed'] = True
                p['visits'][j]['scores'] = {m: None for m in measures}
    return pats


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
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


def write_truth(outdir, pats, ids, errors, vol_mode='vertebra', measures_scale=None,
                drop_scores=(), blank_level=(), blank_vol=(), blank_day=()):
    """pats with 'pid'. drop_scores: set of (pid, session, measure, tp) to leave out.
    blank_level/blank_vol: set of (pid, session, level) to blank. blank_day: set of (pid, session)."""
    t = os.path.join(outdir, 'truth')
    os.makedirs(t, exist_ok=True)
    write_csv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for l in s['levels']:
                key = (p['pid'], s['session'], l['level'])
                rows.append([p['pid'], s['session'], '' if (p['pid'], s['session']) in blank_day else s['day'],
                             '' if key in blank_level else l['level'], s['technique'],
                             fmtnum(l['vol']) if vol_mode == 'vertebra' and key not in blank_vol else '',
                             fmtnum(s['total']) if vol_mode == 'session' else '',
                             s['cement'], l['leak'] if l['leak'] is not None else ''])
    write_csv(os.path.join(t, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for v in p['visits']:
            for m, val in v['scores'].items():
                if val is None or (p['pid'], v['session'], m, v['tp']) in drop_scores:
                    continue
                rows.append([p['pid'], v['session'], m, v['tp'], fmtnum(val)])
    write_csv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['pid'], f['day'], f['level']] for p in pats for f in sorted(p['fractures'], key=lambda f: f['day'])])
    write_csv(os.path.join(t, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    write_csv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], ids)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end core

# ---------------------------------------------------------------- Munich site
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.comments import Comment

def main(out):
    rng = random.Random(1601)
    TPS = ['pre', '6w', '3m', '12m']
    pats = make_cohort(16011, 26, TPS, ['pain_vas', 'odi'], cements=('PMMA',), start=dt.date(2019, 2, 4))
    last = ['Huber', 'Maier', 'Bauer', 'Schmid', 'Wagner', 'Gruber', 'Hofmann', 'Berger', 'Fischer', 'Weber',
            'Brandl', 'Koller', 'Lechner', 'Moser', 'Pichler', 'Reiter', 'Stadler', 'Wimmer', 'Zehetmair', 'Obermeier',
            'Kastner', 'Seidl', 'Eder', 'Aigner', 'Haas', 'Lang']
    fem = ['Maria', 'Anna', 'Theresia', 'Elisabeth', 'Rosa', 'Gertrud', 'Hildegard', 'Irmgard', 'Monika', 'Ingrid', 'Helga', 'Renate']
    mal = ['Josef', 'Franz', 'Johann', 'Georg', 'Alois', 'Ludwig', 'Herbert', 'Klaus', 'Manfred', 'Werner']
    brands = ['Osteopal V', 'Vertecem V+', 'KyphX HV-R']
    ids = []
    for i, p in enumerate(pats):
        p['pid'] = 'IR-VP-%03d' % (i + 1)
        p['name'] = last[i]
        p['vorname'] = rng.choice(fem if p['sex'] == 'female' else mal)
        p['fall'] = str(40000000 + rng.randint(100000, 999999))
        p['brand'] = 'KyphX HV-R' if p['sessions'][0]['technique'] == 'kyphoplasty' else rng.choice(brands[:2])
        ids += [('name', '%s, %s' % (p['name'], p['vorname'])), ('record_number', p['fall']),
                ('birth_date', p['birth'].strftime('%d.%m.%Y'))]
    LV = lambda l: ('BWK ' if l[0] == 'T' else 'LWK ') + l[1:]
    LK = {'disc': 'Bandscheibe', 'venös': 'venös', 'venous': 'venös', 'paravertebral': 'paravertebral'}
    ET = {'osteoporotic': ['Osteoporose', 'osteoporot. Fraktur'], 'pathologic': ['Metastase (Mamma-Ca)', 'Metastase (Bronchial-Ca)', 'Plasmozytom', 'Multiples Myelom'],
          'traumatic': ['Trauma (Sturz)', 'traumatisch'], 'other': ['aggressives Hämangiom']}

    def leaktxt(levs):
        bad = [l for l in levs if l['leak'] != 'none']
        if not bad:
            return 'keine'
        if len(levs) == 1:
            return ' + '.join(LK[x] for x in levs[0]['leak'].split(';'))
        return '; '.join('%s: %s' % (LV(l['level']), ' + '.join(LK[x] for x in l['leak'].split(';'))) for l in bad)

    wb = Workbook()
    ws = wb.active
    ws.title = 'VP_KP Register'
    ws['A1'] = 'Institut für Diagnostische und Interventionelle Radiologie – Register Vertebroplastie / Kyphoplastie'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'Stand 08.03.2024 – VAS 0–10, ODI in %; n.e. = nicht erhoben, verst. = verstorben; Zementmenge je Wirbelkörper in ml (Reihenfolge wie Höhen)'
    groups = [('Patient', 1, 8), ('1. Eingriff', 9, 15), ('Schmerz VAS (0–10)', 16, 19), ('ODI (%)', 20, 23),
              ('Neue Fraktur', 24, 25), ('2. Eingriff', 26, 31), ('Outcome', 32, 34)]
    heads = ['Lfd.-Nr.', 'Name, Vorname', 'Geb.-Datum', 'Fall-Nr.', 'Geschl.', 'Alter (J.)', 'Genese', 'Bemerkung',
             'OP-Datum', 'Verfahren', 'Höhe(n)', 'Zement', 'Zementmenge je WK (ml)', 'Leckage', 'Operateur',
             'prä', '6 Wo', '3 Mo', '12 Mo', 'prä', '6 Wo', '3 Mo', '12 Mo',
             'Datum', 'Höhe',
             'OP-Datum', 'Höhe', 'Menge (ml)', 'VAS prä', 'VAS 1 Mo', 'VAS 3 Mo',
             'verstorben', 'Sterbedatum', 'letzte Kontrolle']
    for g, a, b in groups:
        ws.cell(3, a, g).font = Font(bold=True)
        ws.cell(3, a).alignment = Alignment(horizontal='center')
        if b > a:
            ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
    for j, h in enumerate(heads, 1):
        c = ws.cell(4, j, h)
        c.font = Font(bold=True)
        c.fill = PatternFill('solid', fgColor='DDEBF7')
    H = {}
    for j, h in enumerate(heads, 1):
        H.setdefault(h, []).append(j)
    errors = []
    drop, blank_level, blank_vol = set(), set(), set()
    # choose error patients (without 2nd session / fractures for simplicity)
    plain = [k for k, p in enumerate(pats) if len(p['sessions']) == 1 and not p['fractures'] and p['died'] == 'no']
    e_vas, e_lvl, e_vol, e_date = plain[1], plain[4], plain[7], plain[10]
    # ensure e_vol has a level
    row = 5
    for k, p in enumerate(pats):
        s1 = p['sessions'][0]
        def put(col, val, fmt=None):
            c = ws.cell(row, col, val)
            if fmt:
                c.number_format = fmt
            return c
        put(1, p['pid'])
        put(2, '%s, %s' % (p['name'], p['vorname']))
        put(3, p['birth'], 'DD.MM.YYYY')
        put(4, int(p['fall']))
        put(5, 'w' if p['sex'] == 'female' else 'm')
        put(6, p['age'])
        put(7, rng.choice(ET[p['etiology']]))
        if p['etiology'] == 'pathologic' and rng.random() < 0.5:
            put(8, 'Biopsie in gleicher Sitzung')
        if k == e_date:
            d = s1['date']
            bad = '31.04.%d' % d.year if d.month in (4, 5) else '31.%02d.%d' % ((6 if d.month < 9 else 9), d.year) if False else '31.04.%d' % d.year
            put(9, bad)
            errors.append(['VP_KP Register', 'I%d' % row, row, 'OP-Datum', bad, 'impossible date (31 April)', p['pid']])
        else:
            put(9, s1['date'], 'DD.MM.YYYY')
        put(10, 'Kyphoplastie' if s1['technique'] == 'kyphoplasty' else 'Vertebroplastie')
        lv = ', '.join(LV(l['level']) for l in s1['levels'])
        if k == e_lvl:
            l0 = s1['levels'][-1]
            badl = 'LWK 6' if l0['level'][0] == 'L' else 'BWK 13'
            lv = ', '.join([LV(l['level']) for l in s1['levels'][:-1]] + [badl])
            errors.append(['VP_KP Register', 'K%d' % row, row, 'Höhe(n)', lv, 'impossible vertebral level %s' % badl, p['pid']])
            blank_level.add((p['pid'], 1, l0['level']))
        put(11, lv)
        put(12, p['brand'])
        vols = [l['vol'] for l in s1['levels']]
        if k == e_vol:
            vols[0] = 28.0
            blank_vol.add((p['pid'], 1, s1['levels'][0]['level']))
        if len(vols) == 1:
            put(13, vols[0], '0.0')
            vtxt = vols[0]
        else:
            vtxt = ' / '.join(('%.1f' % v).replace('.', ',') for v in vols)
            put(13, vtxt)
        if k == e_vol:
            errors.append(['VP_KP Register', 'M%d' % row, row, 'Zementmenge je WK (ml)', fmtnum(vtxt) if not isinstance(vtxt, str) else vtxt,
                           'cement volume 28 ml in one vertebra (> 20 ml)', p['pid']])
        put(14, leaktxt(s1['levels']))
        put(15, rng.choice(['OA Dr. Kellner', 'Dr. Vogt', 'PD Dr. Ertl']))
        vis = {(v['session'], v['tp']): v for v in p['visits']}
        for j, tp in enumerate(TPS):
            v = vis.get((1, tp))
            for m, col in (('pain_vas', 16 + j), ('odi', 20 + j)):
                if v is None:
                    if p['died'] == 'yes' and (not p['visits'] or TP_DAYS[tp] > p['visits'][-1]['day'] and all(x['session'] == 1 for x in p['visits'])):
                        put(col, 'verst.')
                    elif len(p['sessions']) > 1:
                        put(col, '→ 2. OP')
                    else:
                        put(col, 'n.e.')
                elif v['scores'].get(m) is None:
                    put(col, '-' if v.get('missed') is None else 'n.e.')
                else:
                    val = v['scores'][m]
                    if k == e_vas and m == 'pain_vas' and tp == '3m':
                        val = 36
                        errors.append(['VP_KP Register', '%s%d' % (col_letter(col), row), row, '3 Mo', '36', 'VAS 36 on a 0-10 scale', p['pid']])
                        drop.add((p['pid'], 1, 'pain_vas', '3m'))
                    put(col, val)
        # fractures: first one in cols 24/25
        fx = sorted(p['fractures'], key=lambda f: f['day'])
        if fx:
            put(24, p['d0'] + dt.timedelta(days=fx[0]['day']), 'DD.MM.YYYY')
            put(25, LV(fx[0]['level']))
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            put(26, s2['date'], 'DD.MM.YYYY')
            put(27, LV(s2['levels'][0]['level']))
            put(28, s2['levels'][0]['vol'], '0.0')
            for j, tp in enumerate(['pre', '1m', '3m']):
                v = vis.get((2, tp))
                put(29 + j, v['scores']['pain_vas'] if v and v['scores']['pain_vas'] is not None else 'n.e.')
        put(32, 'ja' if p['died'] == 'yes' else 'nein')
        if p['died'] == 'yes':
            put(33, p['d0'] + dt.timedelta(days=p['death_day']), 'DD.MM.YYYY')
        lastv = max(v['day'] for v in p['visits'] if not v.get('missed'))
        put(34, p['d0'] + dt.timedelta(days=lastv), 'DD.MM.YYYY')
        if p['sessions'][0]['levels'][0]['leak'] != 'none' and rng.random() < 0.5:
            ws.cell(row, 14).comment = Comment('asymptomatisch, CT-Kontrolle o.B.', 'Kellner')
        row += 1
    for j in range(1, 35):
        ws.column_dimensions[col_letter(j)].width = 12
    ws.column_dimensions['B'].width = 22
    ws.column_dimensions['N'].width = 30
    ws.freeze_panes = 'C5'
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    # VAS for session 2 only pain; odi not recorded for session 2 -> strip from truth
    for p in pats:
        for v in p['visits']:
            if v['session'] == 2:
                v['scores'] = {'pain_vas': v['scores']['pain_vas']}
    write_truth(out, pats, ids, errors, drop_scores=drop, blank_level=blank_level, blank_vol=blank_vol)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
