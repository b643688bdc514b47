# ---------------------------------------------------------------------------
# shared cohort generator (copied verbatim into each site's make.py)
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365}
TP_JIT = {'pre': 0, '24h': 0, '1w': 2, '2w': 3, '6w': 5, '1m': 5, '3m': 10,
          '6m': 14, '12m': 20}


def gen_cohort(seed, n, first, last, tps, cutoff, kypho_p=0.5, cement=('PMMA',),
               cement_p=None, cement_blank_p=0.05, vas_step=1.0, odi_tps=(),
               mobility_tps=(), leak_mode='level', miss_p=0.12, p_second=0.6,
               vol_step=0.5):
    rng = random.Random(seed)
    pts = []
    span = (last - first).days
    for i in range(n):
        p = {'idx': i}
        p['sex'] = 'female' if rng.random() < 0.68 else 'male'
        et = rng.choices(['osteoporotic', 'metastasis', 'myeloma', 'traumatic',
                          'haemangioma'], [58, 16, 8, 13, 5])[0]
        if i == 1:
            et = 'metastasis'
        if i == 2:
            et = 'myeloma'
        p['et'] = et
        p['etiology'] = {'metastasis': 'pathologic', 'myeloma': 'pathologic',
                         'haemangioma': 'other'}.get(et, et)
        if et == 'osteoporotic':
            p['age'] = rng.randint(62, 90)
        elif et == 'traumatic':
            p['age'] = rng.randint(45, 80)
        else:
            p['age'] = rng.randint(50, 82)
        d0 = first + dt.timedelta(days=rng.randint(0, span))
        p['d0'] = d0
        # birth date consistent with age at first op
        by = d0.year - p['age'] - 1
        bd = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        if (d0 - bd).days // 365.2425 < p['age'] or True:
            # choose a birthday that gives exactly age
            while True:
                bd = dt.date(d0.year - p['age'] - rng.choice([0, 1]),
                             rng.randint(1, 12), rng.randint(1, 28))
                a = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
                if a == p['age']:
                    break
        p['birth'] = bd
        # --- session 1
        sessions = []

        def mk_session(sno, day, levels):
            tech = 'kyphoplasty' if rng.random() < kypho_p else 'vertebroplasty'
            vols = []
            for lv in levels:
                base = 2.5 if lv.startswith('T') and int(lv[1:]) < 10 else 3.5
                if tech == 'kyphoplasty':
                    base += 1.0
                v = base + rng.choice([-1.0, -0.5, 0, 0, 0.5, 1.0, 1.5])
                v = round(round(v / vol_step) * vol_step, 1)
                vols.append(v)
            if rng.random() < cement_blank_p:
                ct = ''
            else:
                ct = rng.choices(list(cement), cement_p)[0] if cement_p else cement[0]
            leaks = []
            opts = ['none'] * 14 + ['disc'] * 2 + ['venous'] * 2 + ['paravertebral', 'epidural', 'disc;venous']
            if leak_mode == 'session':
                if len(levels) == 1:
                    leaks = [rng.choice(opts)]
                else:
                    leaks = ['none'] * len(levels)
            else:
                leaks = [rng.choice(opts) for _ in levels]
            return {'session': sno, 'day': day, 'date': d0 + dt.timedelta(days=day),
                    'levels': levels, 'tech': tech, 'vols': vols, 'cement': ct,
                    'leaks': leaks}

        nlev = rng.choices([1, 2, 3], [60, 30, 10])[0]
        if p['etiology'] == 'pathologic':
            nlev = rng.choices([1, 2, 3], [40, 35, 25])[0]
        centre_pool = ['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'L4']
        c = LEVELS.index(rng.choice(centre_pool))
        c = min(c, LEVELS.index('L5') - nlev + 1)
        levels = LEVELS[c:c + nlev]
        sessions.append(mk_session(1, 0, levels))
        # --- new fracture / second op
        p['fractures'] = []
        if rng.random() < 0.3 or i == 3:
            fday = rng.randint(35, 300)
            lo, hi = LEVELS.index(levels[0]), LEVELS.index(levels[-1])
            cand = [LEVELS[lo - 1]] if lo - 1 >= LEVELS.index('T4') else []
            if hi + 1 <= LEVELS.index('L5'):
                cand.append(LEVELS[hi + 1])
            flv = rng.choice(cand)
            p['fractures'].append((fday, flv))
            if rng.random() < p_second or i == 3:
                sday = fday + rng.randint(5, 25)
                sessions.append(mk_session(2, sday, [flv]))
        p['sessions'] = sessions
        # --- death
        last_op = sessions[-1]['day']
        pdie = 0.45 if p['etiology'] == 'pathologic' else 0.08
        if i == 1:
            pdie = 1.0
        p['death_day'] = None
        if rng.random() < pdie:
            p['death_day'] = last_op + rng.randint(40, 330)
        p['died'] = p['death_day'] is not None and d0 + dt.timedelta(days=p['death_day']) <= cutoff
        if not p['died']:
            p['death_day'] = None
        p['fractures'] = [(fd, fl) for fd, fl in p['fractures']
                          if (p['death_day'] is None or fd < p['death_day'])
                          and d0 + dt.timedelta(days=fd) <= cutoff]
        # --- assessments
        p['visits'] = []   # dicts: session, tp, date, day, vals{}, missed
        for s in sessions:
            base = rng.choice([7, 7.5, 8, 8, 8.5, 9, 9, 10]) if vas_step == 0.5 else rng.choice([7, 8, 8, 9, 9, 10])
            odi0 = rng.randint(48, 82)
            for tp in tps:
                if tp == 'pre':
                    vday = s['day'] - rng.randint(0, 2)
                else:
                    vday = s['day'] + TP_DAYS[tp] + rng.randint(-TP_JIT[tp], TP_JIT[tp])
                vdate = d0 + dt.timedelta(days=vday)
                if vdate > cutoff:
                    continue
                if s['session'] == 1 and len(sessions) > 1 and tp != 'pre' and vday >= sessions[1]['day'] - 3:
                    continue
                if p['death_day'] is not None and vday >= p['death_day']:
                    p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                        'date': vdate, 'vals': {}, 'missed': False,
                                        'dead': True})
                    continue
                missed = tp not in ('pre', '24h') and rng.random() < miss_p
                vals = {}
                if not missed:
                    k = {'pre': 0, '24h': 1, '1w': 2, '2w': 2.5, '6w': 3, '1m': 3, '3m': 4,
                         '6m': 4.5, '12m': 5}[tp]
                    if tp == 'pre':
                        v = base
                    else:
                        drop = {1: 4, 2: 4.5, 2.5: 5, 3: 5, 4: 5.5, 4.5: 5.5, 5: 5.5}[k]
                        v = base - drop + rng.choice([-1, -0.5, 0, 0, 0.5, 1, 1.5])
                        if p['etiology'] == 'pathologic' and tp in ('6m', '12m'):
                            v += 1
                    v = max(0, min(10, round(v / vas_step) * vas_step))
                    vals['pain_vas'] = float(v)
                    if tp in odi_tps:
                        o = odi0 if tp == 'pre' else odi0 - rng.randint(14, 28) - (2 * k)
                        vals['odi'] = int(max(8, min(100, round(o))))
                    if tp in mobility_tps:
                        m = rng.choice([3, 3, 4]) if tp == 'pre' else max(0, rng.choice([3, 2, 2, 1]) - int(k // 2))
                        vals['mobility'] = int(m)
                p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                    'date': vdate, 'vals': vals, 'missed': missed,
                                    'dead': False})
        pts.append(p)
    return pts


def fmt_num(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%.1f' % v)


def write_truth(pts, errors, identifiers, vol_mode='level'):
    """vol_mode: 'level' -> per-vertebra volumes; 'session' -> session totals;
    or a callable(p, s) returning 'level'/'session'/'none'."""
    td = os.path.join(HERE, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            mode = vol_mode(p, s) if callable(vol_mode) else vol_mode
            tot = fmt_num(round(sum(s['vols']), 1))
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], s['session'], s['day'], lv, s['tech'],
                             fmt_num(v) if mode == 'level' else '',
                             tot if mode == 'session' else '',
                             s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    rows = []
    for p in pts:
        for v in p['visits']:
            for m in ('pain_vas', 'odi', 'mobility'):
                if m in v['vals']:
                    rows.append([p['pid'], v['session'], m, v['tp'], fmt_num(v['vals'][m])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pts for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v))
            ids.append([k, v])
    w('identifiers.csv', ['kind', 'value'], ids)


def col_letter(n):  # 1-based
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------

# ===========================================================================
# Medellín: Google Forms export (CSV), one row per form submission
# ===========================================================================
SEED = 2644
rng = random.Random(SEED + 1)
TPS = ['pre', '24h', '1w', '1m', '3m', '6m', '12m']
pts = gen_cohort(SEED, 18, dt.date(2021, 6, 1), dt.date(2022, 9, 30), TPS,
                 cutoff=dt.date(2023, 8, 31), kypho_p=0.4, cement=('PMMA', 'calcium phosphate'),
                 cement_p=[90, 10], cement_blank_p=0.08, odi_tps=('pre', '3m', '6m'),
                 miss_p=0.14)
pts.sort(key=lambda p: p['d0'])
for i, p in enumerate(pts):
    p['idx'] = i
    p['pid'] = 'VTB-%03d' % (101 + i)

H = ['Marca temporal', 'Dirección de correo electrónico', 'Tipo de registro', 'Número de estudio',
     'Cédula del paciente', 'Nombre completo del paciente', 'Teléfono de contacto',
     'Fecha de nacimiento', 'Sexo', 'Edad (años)', 'Causa de la fractura', 'Fecha de la cirugía',
     '¿Es una reintervención (segundo procedimiento)?', 'Niveles tratados', 'Técnica',
     'Volumen de cemento por nivel (ml)', 'Tipo de cemento', 'Fuga de cemento',
     'EVA preoperatoria (0-10)', 'Oswestry preoperatorio (%)',
     '¿Control de cuál procedimiento?', 'Control (tiempo desde el procedimiento)',
     'Fecha del control', '¿Asistió al control?', 'EVA dolor (0-10)', 'Oswestry (%)',
     '¿Nueva fractura vertebral?', 'Nivel de la nueva fractura', '¿Paciente fallecido?',
     'Fecha de fallecimiento', 'Observaciones']
CI = {h: i for i, h in enumerate(H)}
EMAILS = ['residente.columna.hptu@gmail.com', 'jmrestrepo.orto@gmail.com', 'dra.cardona.neuro@gmail.com']
TP_ES = {'24h': '24 horas', '1w': '1 semana', '1m': '1 mes', '3m': '3 meses', '6m': '6 meses',
         '12m': '12 meses'}
ET_ES = {'osteoporotic': 'Osteoporosis', 'metastasis': 'Metástasis', 'myeloma': 'Mieloma múltiple',
         'traumatic': 'Trauma', 'haemangioma': 'Hemangioma'}
LEAK_ES = {'none': ['No hubo fuga'], 'disc': ['Disco intervertebral'], 'venous': ['Venosa'],
           'paravertebral': ['Paravertebral'], 'epidural': ['Epidural (canal)'],
           'disc;venous': ['Disco intervertebral', 'Venosa']}
NOM_F = ['María Eugenia', 'Luz Marina', 'Gloria Inés', 'Rosa Elena', 'Blanca Nubia', 'Martha Lucía',
         'Ana Julia', 'Fabiola']
NOM_M = ['José Fernando', 'Luis Alberto', 'Jesús María', 'Carlos Mario', 'Gustavo', 'Hernán Darío']
APE = ['Restrepo', 'Gómez', 'Zapata', 'Ospina', 'Montoya', 'Arango', 'Jaramillo', 'Vélez', 'Cardona',
       'Muñoz', 'Giraldo', 'Henao', 'Posada', 'Echeverri', 'Londoño', 'Correa', 'Mejía', 'Álvarez']


def ts(d):
    t = dt.datetime(d.year, d.month, d.day, rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59))
    t += dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 5]))
    return t


def fmt_ts(t):
    h = t.hour % 12 or 12
    ap = 'a. m.' if t.hour < 12 else 'p. m.'
    return '%04d/%02d/%02d %d:%02d:%02d %s GMT-5' % (t.year, t.month, t.day, h, t.minute, t.second, ap)


def fdate(d):
    return '%d/%02d/%d' % (d.day, d.month, d.year)


def dec(v):
    return fmt_num(v).replace('.', ',')


used = set()


def pick(cond):
    for p in pts[4:]:
        if p['pid'] not in used and cond(p):
            used.add(p['pid'])
            return p
    raise RuntimeError


def has(p, tp, key='pain_vas', sess=1):
    return any(v['tp'] == tp and key in v['vals'] and v['session'] == sess for v in p['visits'])


e_id = pick(lambda p: has(p, '3m'))
e_eva = pick(lambda p: has(p, '1m'))
e_vol = pick(lambda p: True)
e_date = pick(lambda p: has(p, '1w'))

subs = []   # (timestamp, row dict, tag)
ids = []
for k, p in enumerate(pts):
    name = '%s %s %s' % (rng.choice(NOM_F if p['sex'] == 'female' else NOM_M), APE[k % len(APE)],
                         rng.choice(APE))
    ced = str(rng.randint(8000000, 71999999) if p['sex'] == 'female' else rng.randint(3000000, 98999999))
    tel = '3%02d %03d %04d' % (rng.choice([0, 1, 2, 4, 5, 10, 13, 17]), rng.randint(0, 999), rng.randint(0, 9999))
    ids += [('name', name), ('national_id', ced), ('phone', tel), ('birth_date', fdate(p['birth']))]
    email = rng.choice(EMAILS)
    pre = {v['session']: v for v in p['visits'] if v['tp'] == 'pre'}
    for s in p['sessions']:
        row = {h: '' for h in H}
        row['Dirección de correo electrónico'] = email
        row['Tipo de registro'] = 'Procedimiento (cirugía)'
        row['Número de estudio'] = p['pid']
        row['Cédula del paciente'] = ced
        row['Nombre completo del paciente'] = name if s['session'] == 1 else name.split(' ')[0] + ' ' + APE[k % len(APE)]
        if s['session'] == 1:
            row['Teléfono de contacto'] = tel
            row['Fecha de nacimiento'] = fdate(p['birth'])
            row['Sexo'] = 'Femenino' if p['sex'] == 'female' else 'Masculino'
            row['Edad (años)'] = str(p['age'])
            row['Causa de la fractura'] = ET_ES[p['et']]
        row['Fecha de la cirugía'] = fdate(s['date'])
        row['¿Es una reintervención (segundo procedimiento)?'] = 'Sí' if s['session'] == 2 else 'No'
        row['Niveles tratados'] = ', '.join(s['levels'])
        row['Técnica'] = 'Cifoplastia' if s['tech'] == 'kyphoplasty' else 'Vertebroplastia'
        parts = []
        for li, (lv, vol) in enumerate(zip(s['levels'], s['vols'])):
            vt = dec(vol)
            if p is e_vol and s['session'] == 1 and li == 0:
                vt = fmt_num(vol * 10)
                p['_badvol'] = (vt, lv, dec(vol))
            parts.append((lv, vt))
        if len(parts) == 1:
            row['Volumen de cemento por nivel (ml)'] = rng.choice(['%s', '%s ml', '%s cc']) % parts[0][1]
        else:
            sep = rng.choice([' - ', ' / ', '; '])
            row['Volumen de cemento por nivel (ml)'] = sep.join('%s: %s' % x for x in parts)
        row['Tipo de cemento'] = {'PMMA': 'PMMA', 'calcium phosphate': 'Fosfato de calcio', '': 'No registrado'}[s['cement']]
        lk = []
        for x in s['leaks']:
            for y in LEAK_ES[x]:
                if y not in lk:
                    lk.append(y)
        if len(lk) > 1 and 'No hubo fuga' in lk:
            lk.remove('No hubo fuga')
        # Forms checkbox: leak answer lists which kinds; with several levels it names the level in observations
        obs = []
        if len(s['levels']) > 1 and any(x != 'none' for x in s['leaks']):
            obs.append('Fuga: ' + '; '.join('%s %s' % (lv, ' + '.join(LEAK_ES[x]))
                                           for lv, x in zip(s['levels'], s['leaks']) if x != 'none'))
        row['Fuga de cemento'] = ', '.join(lk)
        if s['session'] in pre:
            v = pre[s['session']]
            row['EVA preoperatoria (0-10)'] = fmt_num(v['vals']['pain_vas'])
            if 'odi' in v['vals']:
                row['Oswestry preoperatorio (%)'] = str(v['vals']['odi'])
        if s['session'] == 2:
            obs.append('Reintervención por nueva fractura')
        row['Observaciones'] = '. '.join(obs)
        subs.append((ts(s['date']), row, (p, 'op', s['session'])))
    # follow-ups
    dead_done = False
    for v in p['visits']:
        if v['tp'] == 'pre':
            continue
        if v['dead']:
            if dead_done:
                continue
            dead_done = True
        if v['missed'] and rng.random() < 0.5:
            continue
        row = {h: '' for h in H}
        row['Dirección de correo electrónico'] = email
        row['Tipo de registro'] = 'Control de seguimiento'
        row['Número de estudio'] = p['pid']
        row['Cédula del paciente'] = ced
        row['Nombre completo del paciente'] = name.split(' ')[0] + ' ' + APE[k % len(APE)]
        row['¿Control de cuál procedimiento?'] = 'Primer procedimiento' if v['session'] == 1 else 'Reintervención'
        row['Control (tiempo desde el procedimiento)'] = TP_ES[v['tp']]
        row['Fecha del control'] = fdate(v['date'])
        row['¿Nueva fractura vertebral?'] = 'No'
        row['¿Paciente fallecido?'] = 'No'
        if v['dead']:
            row['¿Asistió al control?'] = 'No'
            row['¿Paciente fallecido?'] = 'Sí'
            row['Fecha de fallecimiento'] = fdate(p['d0'] + dt.timedelta(days=p['death_day']))
            row['Observaciones'] = 'Familiar informa fallecimiento por llamada telefónica'
            row['¿Nueva fractura vertebral?'] = ''
        elif v['missed']:
            row['¿Asistió al control?'] = 'No'
            row['Observaciones'] = rng.choice(['No asistió, no contesta el celular', 'No asistió', 'Inasistente'])
            row['¿Nueva fractura vertebral?'] = ''
        else:
            row['¿Asistió al control?'] = 'Sí'
            row['EVA dolor (0-10)'] = fmt_num(v['vals']['pain_vas'])
            if 'odi' in v['vals']:
                row['Oswestry (%)'] = str(v['vals']['odi'])
        subs.append((ts(v['date']), row, (p, v['tp'], v['session'])))
    # unscheduled visit where the new fracture was diagnosed
    for fd, fl in p['fractures']:
        d = p['d0'] + dt.timedelta(days=fd)
        row = {h: '' for h in H}
        row['Dirección de correo electrónico'] = email
        row['Tipo de registro'] = 'Control de seguimiento'
        row['Número de estudio'] = p['pid']
        row['Cédula del paciente'] = ced
        row['Nombre completo del paciente'] = name.split(' ')[0] + ' ' + APE[k % len(APE)]
        row['¿Control de cuál procedimiento?'] = 'Primer procedimiento'
        row['Control (tiempo desde el procedimiento)'] = 'Otro (consulta no programada)'
        row['Fecha del control'] = fdate(d)
        row['¿Asistió al control?'] = 'Sí'
        row['¿Nueva fractura vertebral?'] = 'Sí'
        row['Nivel de la nueva fractura'] = fl
        row['¿Paciente fallecido?'] = 'No'
        row['Observaciones'] = 'Consulta por urgencias por dolor dorsolumbar, RM confirma fractura nueva'
        subs.append((ts(d), row, (p, 'frac', 1)))

subs.sort(key=lambda x: x[0])
# a duplicated submission (same control sent twice a few minutes apart)
for i, (t, row, tag) in enumerate(subs):
    if tag[1] == '3m' and row['EVA dolor (0-10)'] and tag[0] is not e_id:
        subs.insert(i + 1, (t + dt.timedelta(minutes=3), dict(row), tag))
        break

errors = []
for i, (t, row, tag) in enumerate(subs):
    rno = i + 2
    p, what, sess = tag
    if p is e_id and what == '3m' and row['EVA dolor (0-10)']:
        row['Número de estudio'] = ''
        errors.append(['input.csv', '%s%d' % (col_letter(CI['Número de estudio'] + 1), rno), rno,
                       'Número de estudio', '', 'study number left empty on a follow-up submission (patient identified by cédula); should be %s' % p['pid'], p['pid']])
    if p is e_eva and what == '1m' and sess == 1 and row['EVA dolor (0-10)']:
        good = row['EVA dolor (0-10)']
        row['EVA dolor (0-10)'] = '15'
        errors.append(['input.csv', '%s%d' % (col_letter(CI['EVA dolor (0-10)'] + 1), rno), rno,
                       'EVA dolor (0-10)', '15', 'EVA 15 is outside the 0-10 scale; should be %s' % good, p['pid']])
    if p is e_vol and what == 'op' and sess == 1:
        vt, lv, good = p['_badvol']
        errors.append(['input.csv', '%s%d' % (col_letter(CI['Volumen de cemento por nivel (ml)'] + 1), rno), rno,
                       'Volumen de cemento por nivel (ml)', row['Volumen de cemento por nivel (ml)'],
                       '%s ml of cement at %s (one vertebra) is impossible - decimal comma lost; should be %s ml' % (vt, lv, good), p['pid']])
    if p is e_date and what == '1w' and sess == 1 and row['EVA dolor (0-10)']:
        d = p['d0'] + dt.timedelta(days=[v for v in p['visits'] if v['tp'] == '1w' and v['session'] == 1][0]['day'])
        bad = dt.date(d.year, d.month - 1 if d.month > 1 else 12, min(d.day, 28)) if d.month > 1 else dt.date(d.year - 1, 12, min(d.day, 28))
        good = row['Fecha del control']
        row['Fecha del control'] = fdate(bad)
        errors.append(['input.csv', '%s%d' % (col_letter(CI['Fecha del control'] + 1), rno), rno,
                       'Fecha del control', fdate(bad),
                       'control date is before the surgery (%s); should be %s' % (fdate(p['d0']), good), p['pid']])

with open(os.path.join(HERE, 'input.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(H)
    for t, row, tag in subs:
        row['Marca temporal'] = fmt_ts(t)
        w.writerow([row[h] for h in H])
ids += [('email', e) for e in EMAILS]
write_truth(pts, errors, ids, vol_mode='level')
print('medellin: %d patients, %d submissions, %d errors' % (len(pts), len(subs), len(errors)))
