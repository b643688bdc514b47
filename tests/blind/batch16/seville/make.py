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

# ---------------------------------------------------------------- Seville site
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

def main(out):
    rng = random.Random(1602)
    TPS = ['pre', '1m', '6m', '12m']
    pats = make_cohort(16022, 24, TPS, ['pain_vas', 'odi'], cements=('PMMA', 'PMMA', 'calcium phosphate'),
                       start=dt.date(2019, 9, 2))
    ap = ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín',
          'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil']
    fn = ['Dolores', 'Carmen', 'Rocío', 'Rosario', 'Encarnación', 'Josefa', 'Ana María', 'Concepción', 'Pilar', 'Manuela']
    mn = ['Manuel', 'José', 'Antonio', 'Francisco', 'Juan', 'Rafael', 'Miguel Ángel']
    ids = []
    for i, p in enumerate(pats):
        p['pid'] = 'VSV-%02d' % (i + 1)
        p['nom'] = '%s %s, %s' % (ap[i], rng.choice(ap), rng.choice(fn if p['sex'] == 'female' else mn))
        p['nhc'] = str(rng.randint(100000, 999999)).zfill(7)
        p['nuhsa'] = 'AN%010d' % rng.randint(10 ** 9, 10 ** 10 - 1)
        p['tel'] = '6%02d %03d %03d' % (rng.randint(0, 99), rng.randint(0, 999), rng.randint(0, 999))
        ids += [('name', p['nom']), ('record_number', p['nhc']), ('record_number', p['nuhsa']),
                ('birth_date', p['birth'].strftime('%d/%m/%Y')), ('phone', p['tel'])]
    LV = lambda l: ('D' if l[0] == 'T' else 'L') + l[1:]
    LK = {'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral'}
    ET = {'osteoporotic': ['Osteoporótica'], 'pathologic': ['Metástasis (mama)', 'Metástasis (próstata)', 'Mieloma múltiple'],
          'traumatic': ['Traumática'], 'other': ['Hemangioma agresivo']}
    CEM = {'PMMA': ['PMMA (Osteopal V)', 'PMMA (Vertecem)'], 'calcium phosphate': ['Fosfato cálcico (Kyphos FS)']}
    TPN = {'pre': 'Consulta preoperatoria', '1m': 'Revisión 1 mes', '6m': 'Revisión 6 meses', '12m': 'Revisión 12 meses',
           '3m': 'Revisión 3 meses'}
    F = lambda d: d.strftime('%d/%m/%Y')

    def leaktxt(levs):
        bad = [l for l in levs if l['leak'] != 'none']
        if not bad:
            return 'No'
        if len(levs) == 1:
            return 'Sí, ' + ' y '.join(LK[x] for x in levs[0]['leak'].split(';'))
        return 'Sí: ' + '; '.join('%s en %s' % (' y '.join(LK[x] for x in l['leak'].split(';')), LV(l['level'])) for l in bad)

    heads = ['Nº caso', 'NHC', 'NUHSA', 'Apellidos, Nombre', 'F. nacimiento', 'Sexo', 'Edad', 'Teléfono', 'Etiología',
             'Fecha', 'Tipo de visita', 'Técnica', 'Nivel(es)', 'Cemento', 'Volumen total (ml)', 'Fuga de cemento',
             'EVA (0-10)', 'ODI (%)', 'Observaciones']
    wb = Workbook()
    ws = wb.active
    ws.title = 'Registro'
    for j, h in enumerate(heads, 1):
        ws.cell(1, j, h).font = Font(bold=True)
    plain = [k for k, p in enumerate(pats) if len(p['sessions']) == 1 and not p['fractures'] and p['died'] == 'no']
    e_eva, e_lvl, e_odi, e_date = plain[0], plain[3], plain[6], plain[9]
    errors, drop, blank_level = [], set(), set()
    row = 2
    fills = [PatternFill('solid', fgColor='FFFFFF'), PatternFill('solid', fgColor='F2F2F2')]
    for k, p in enumerate(pats):
        events = []
        for v in p['visits']:
            if v['tp'] == 'pre' and v['day'] == p['sessions'][v['session'] - 1]['day']:
                events.append((v['day'], 0, 'visit', v))   # preop on same day: before the procedure row
            else:
                events.append((v['day'], 1 if v['tp'] != 'pre' else 0, 'visit', v))
        for s in p['sessions']:
            events.append((s['day'], 0.5, 'proc', s))
        for f in p['fractures']:
            events.append((f['day'], 0.2, 'fx', f))
        if p['died'] == 'yes':
            events.append((p['death_day'], 2, 'death', None))
        events.sort(key=lambda e: (e[0], e[1]))
        first = True
        for day, _, kind, obj in events:
            c = lambda j, val: ws.cell(row, j, val)
            if first:
                c(1, p['pid']); c(2, p['nhc']); c(3, p['nuhsa']); c(4, p['nom']); c(5, F(p['birth']))
                c(6, 'Mujer' if p['sex'] == 'female' else 'Varón'); c(7, p['age']); c(8, p['tel'])
                c(9, rng.choice(ET[p['etiology']]))
                first = False
            d = p['d0'] + dt.timedelta(days=day)
            c(10, F(d))
            if kind == 'proc':
                s = obj
                c(11, 'Intervención' if s['session'] == 1 else 'Reintervención')
                c(12, 'Cifoplastia' if s['technique'] == 'kyphoplasty' else 'Vertebroplastia')
                lv = ', '.join(LV(l['level']) for l in s['levels'])
                if k == e_lvl and s['session'] == 1:
                    l0 = s['levels'][-1]
                    badl = 'L6' if l0['level'][0] == 'L' else 'D13'
                    lv = ', '.join([LV(l['level']) for l in s['levels'][:-1]] + [badl])
                    blank_level.add((p['pid'], 1, l0['level']))
                    errors.append(['Registro', 'M%d' % row, row, 'Nivel(es)', lv, 'impossible vertebral level ' + badl, p['pid']])
                c(13, lv)
                c(14, rng.choice(CEM[s['cement']]))
                c(15, ('%.1f' % s['total']).replace('.', ','))
                c(16, leaktxt(s['levels']))
                if s['session'] == 2:
                    c(19, 'Nueva fractura %s, se decide nueva %s' % (LV(s['levels'][0]['level']), 'cifoplastia' if s['technique'] == 'kyphoplasty' else 'vertebroplastia'))
            elif kind == 'visit':
                v = obj
                name = TPN[v['tp']]
                if v['session'] == 2:
                    name = name.replace('Consulta preoperatoria', 'Consulta prerreintervención') + (' (2ª)' if v['tp'] != 'pre' else '')
                c(11, name)
                if k == e_date and v['tp'] == '1m':
                    bd = d.replace(year=d.year - 1)
                    c(10, F(bd))
                    errors.append(['Registro', 'J%d' % row, row, 'Fecha', F(bd), 'follow-up visit dated before the procedure (year typo)', p['pid']])
                if v.get('missed'):
                    c(17, 'NC'); c(18, 'NC'); c(19, 'No acude a la revisión')
                else:
                    ev, od = v['scores']['pain_vas'], v['scores']['odi']
                    if k == e_eva and v['tp'] == '6m' and ev is not None:
                        ev = ev * 10 + 5 if ev else 15
                        errors.append(['Registro', 'Q%d' % row, row, 'EVA (0-10)', str(ev), 'EVA %d on a 0-10 scale' % ev, p['pid']])
                        drop.add((p['pid'], 1, 'pain_vas', '6m'))
                    if k == e_odi and v['tp'] == '1m' and od is not None:
                        od = 130
                        errors.append(['Registro', 'R%d' % row, row, 'ODI (%)', '130', 'ODI 130 % (scale 0-100)', p['pid']])
                        drop.add((p['pid'], 1, 'odi', '1m'))
                    c(17, ev if ev is not None else 'NC')
                    c(18, od if od is not None else 'NC')
                    if v['tp'] != 'pre' and v['day'] - (p['sessions'][v['session'] - 1]['day']) < 60 and rng.random() < 0.3:
                        c(19, 'Buena evolución, deambula sin andador')
            elif kind == 'fx':
                c(11, 'Urgencias')
                c(19, 'Dolor dorsolumbar tras caída leve. RM: nueva fractura vertebral %s' % LV(obj['level']))
            elif kind == 'death':
                c(11, 'Exitus')
                c(19, 'Fallecimiento comunicado por familia')
            for j in range(1, 20):
                ws.cell(row, j).fill = fills[k % 2]
            row += 1
    for j, w in enumerate([8, 9, 14, 30, 12, 7, 6, 12, 18, 11, 26, 14, 12, 24, 10, 24, 9, 8, 50], 1):
        ws.column_dimensions[col_letter(j)].width = w
    ws.freeze_panes = 'A2'
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, ids, errors, vol_mode='session', drop_scores=drop, blank_level=blank_level)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
