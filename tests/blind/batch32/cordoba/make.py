# ---------------------------------------------------------------------------
# Cohort generator (shared by this unit's script; deterministic with seed)
# ---------------------------------------------------------------------------
import csv, os, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
SPINE_W = [1, 1, 2, 2, 3, 3, 4, 8, 12, 12, 7, 4, 3, 1]


def _pick(rng, pairs):
    r = rng.random() * sum(w for _, w in pairs)
    for v, w in pairs:
        r -= w
        if r <= 0:
            return v
    return pairs[-1][0]


def _levels(rng, nlev):
    while True:
        top = _pick(rng, list(zip(SPINE, SPINE_W)))
        i = SPINE.index(top)
        if i + nlev <= len(SPINE):
            return SPINE[i:i + nlev]


def _adjacent(rng, levels, avoid):
    i0, i1 = SPINE.index(levels[0]), SPINE.index(levels[-1])
    cands = [SPINE[j] for j in (i0 - 1, i1 + 1, i0 - 2, i1 + 2) if 0 <= j < len(SPINE) and SPINE[j] not in avoid]
    return cands[0] if rng.random() < 0.6 else rng.choice(cands)


def _session(rng, cfg, day, levels, etiology, one_leak_type=False):
    tech = _pick(rng, cfg['tech_w'])
    vols, leaks = [], []
    for lv in levels:
        lo, hi = (3.0, 6.5) if tech == 'kyphoplasty' else (2.0, 5.0)
        if lv in ('T4', 'T5', 'T6', 'T7'):
            hi -= 1.0
        vols.append(rng.randint(int(lo * 2), int(hi * 2)) / 2.0)
        lk = _pick(rng, [('none', 74), ('disc', 10), ('venous', 8), ('paravertebral', 5), ('epidural', 2), ('disc;venous', 1)])
        leaks.append(lk)
    if one_leak_type:
        kinds = [l for l in leaks if l != 'none']
        if kinds:
            leaks = [kinds[0] if l != 'none' else 'none' for l in leaks]
    cement = _pick(rng, cfg['cement_w'])
    return dict(day=day, levels=levels, technique=tech, vols=vols, leaks=leaks, cement=cement, visits={})


def _scores(rng, cfg, etiology):
    pre = rng.randint(7, 9) if etiology != 'pathologic' else rng.randint(7, 10)
    v = {'pre': pre}
    v['24h'] = max(2, pre - rng.randint(2, 4))
    v['1w'] = max(2, v['24h'] - rng.randint(0, 1))
    v['2w'] = max(2, v['1w'] - rng.randint(0, 1))
    v['6w'] = rng.randint(2, 4)
    v['1m'] = rng.randint(2, 5)
    v['3m'] = rng.randint(2, 4)
    v['6m'] = rng.randint(1, 4)
    v['12m'] = rng.randint(1, 4)
    o_pre = rng.randint(46, 82)
    o = {'pre': o_pre}
    o['24h'] = o_pre - rng.randint(4, 12)
    for tp, (a, b) in {'1w': (10, 20), '2w': (12, 24), '6w': (18, 32), '1m': (16, 30), '3m': (22, 38), '6m': (24, 42), '12m': (24, 46)}.items():
        o[tp] = max(4, o_pre - rng.randint(a, b))
    return v, o


def gen_cohort(cfg):
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    start, end, study_end = cfg['op_start'], cfg['op_end'], cfg['study_end']
    span = (end - start).days
    order = list(range(n))
    rng.shuffle(order)
    second = set(order[:cfg['n_second']])
    fx_only = set(order[cfg['n_second']:cfg['n_second'] + cfg['n_fx_only']])
    rng.shuffle(order)
    died = set(order[:cfg['n_died']])
    pats = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.7 else 'male'
        et = _pick(rng, [('osteoporotic', 64), ('pathologic', 22), ('traumatic', 10), ('other', 4)])
        sub = ''
        if et == 'pathologic':
            sub = _pick(rng, [('metastasis', 60), ('myeloma', 40)])
        if et == 'other':
            sub = 'haemangioma'
        age = {'osteoporotic': (63, 91), 'pathologic': (50, 80), 'traumatic': (45, 78), 'other': (42, 70)}[et]
        age = rng.randint(*age)
        d1 = start + dt.timedelta(days=rng.randint(0, span))
        nlev = _pick(rng, [(1, 55), (2, 30), (3, 15)] if et != 'pathologic' else [(1, 35), (2, 40), (3, 25)])
        lv1 = _levels(rng, nlev)
        p = dict(idx=i, sex=sex, etiology=et, sub=sub, age=age, date1=d1, sessions=[], fractures=[], died=False, death_day=None)
        p['sessions'].append(_session(rng, cfg, 0, lv1, et, cfg.get('one_leak_type', False)))
        maxday = (study_end - d1).days
        if i in second:
            fx_day = rng.randint(40, min(240, max(41, maxday - 120)))
            lvl = _adjacent(rng, lv1, lv1)
            p['fractures'].append((fx_day, lvl))
            s2 = _session(rng, cfg, fx_day + rng.randint(4, 21), [lvl], et, cfg.get('one_leak_type', False))
            p['sessions'].append(s2)
        elif i in fx_only:
            fx_day = rng.randint(60, min(330, max(61, maxday - 10)))
            p['fractures'].append((fx_day, _adjacent(rng, lv1, lv1)))
        if i in died:
            lo = max(60, (p['sessions'][-1]['day'] + 45), (p['fractures'][-1][0] + 20) if p['fractures'] else 0)
            hi = min(560, maxday - 5)
            if hi > lo:
                p['died'] = True
                p['death_day'] = rng.randint(lo, hi)
        # visits
        for sn, s in enumerate(p['sessions']):
            vas, odi = _scores(rng, cfg, et)
            for tp in cfg['tps']:
                vday = s['day'] + TP_DAYS[tp]
                jitter = 0 if tp in ('pre', '24h') else rng.randint(-3, 6) if TP_DAYS[tp] >= 30 else rng.randint(0, 2)
                vday += jitter
                if tp == 'pre':
                    vday = s['day'] - rng.randint(0, 1)
                if p['died'] and vday >= p['death_day']:
                    s['visits'][tp] = dict(status='dead', day=vday)
                    continue
                if d1 + dt.timedelta(days=vday) > study_end:
                    s['visits'][tp] = dict(status='future', day=vday)
                    continue
                if tp not in ('pre', '24h') and rng.random() < cfg.get('p_missed', 0.13):
                    s['visits'][tp] = dict(status='missed', day=vday)
                    continue
                s['visits'][tp] = dict(status='ok', day=vday, vas=vas[tp], odi=odi[tp] if tp in cfg.get('odi_tps', ()) else None)
        pats.append(p)
    # order patients by first operation date, give study numbers
    pats.sort(key=lambda p: p['date1'])
    return rng, pats


def day_date(p, day):
    return p['date1'] + dt.timedelta(days=day)


def fmt_num(x, comma=False):
    s = ('%g' % x)
    return s.replace('.', ',') if comma else s


def write_csv(name, header, rows):
    os.makedirs(os.path.join(HERE, 'truth'), exist_ok=True)
    with open(os.path.join(HERE, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def write_truth(pats, vas_scale=10, errors=(), identifiers=(), vol_mode='per_level', cement_recorded=True, leak_recorded=True, measures=('pain_vas',)):
    """vol_mode: per_level or session."""
    P, R, A, F = [], [], [], []
    for p in pats:
        P.append([p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for sn, s in enumerate(p['sessions'], 1):
            tot = round(sum(s['vols']), 2)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                R.append([p['pid'], sn, s['day'], lv, s['technique'],
                          ('%g' % v) if vol_mode == 'per_level' else '',
                          ('%g' % tot) if vol_mode == 'session' else '',
                          s['cement'] if cement_recorded else '',
                          lk if leak_recorded else ''])
            for tp, vis in s['visits'].items():
                if vis['status'] != 'ok':
                    continue
                if 'pain_vas' in measures and vis.get('vas') is not None:
                    A.append([p['pid'], sn, 'pain_vas', tp, '%g' % vis['vas']])
                if 'odi' in measures and vis.get('odi') is not None:
                    A.append([p['pid'], sn, 'odi', tp, '%g' % vis['odi']])
        for d, lv in p['fractures']:
            F.append([p['pid'], d, lv])
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], R)
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'], F)
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v)); ids.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], ids)


# ---------------------------------------------------------------------------
# Córdoba — Spanish register, meaning carried by colour (red level = leak, grey row = died)
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

CFG = dict(seed=3240406, n=18, op_start=dt.date(2020, 8, 3), op_end=dt.date(2023, 2, 24),
           study_end=dt.date(2023, 9, 15), tps=['pre', '24h', '1m', '3m', '6m', '12m'], odi_tps=('pre', '3m', '12m'),
           n_second=3, n_fx_only=2, n_died=3, p_missed=0.14,
           tech_w=[('vertebroplasty', 60), ('kyphoplasty', 40)], cement_w=[('PMMA', 1)])
rng, pats = gen_cohort(CFG)

AP = ['González', 'Rodríguez', 'Fernández', 'López', 'Martínez', 'Pérez', 'Gómez', 'Sánchez', 'Romero', 'Díaz',
      'Álvarez', 'Torres', 'Ruiz', 'Ramírez', 'Flores', 'Acosta', 'Benítez', 'Medina', 'Herrera', 'Aguirre']
NF = ['María Elena', 'Graciela', 'Norma', 'Susana', 'Ana María', 'Marta', 'Beatriz', 'Silvia', 'Nélida', 'Olga', 'Teresa']
NM = ['Juan Carlos', 'Jorge', 'Carlos Alberto', 'Héctor', 'Rubén', 'Osvaldo', 'Miguel Ángel', 'Luis']
ap = AP[:]
rng.shuffle(ap)
for k, p in enumerate(pats, 1):
    p['pid'] = 'CBA-%02d' % k
    p['name'] = '%s, %s' % (ap[k - 1].upper(), rng.choice(NF if p['sex'] == 'female' else NM))
    dni = rng.randint(3000000, 14999999) if p['age'] > 60 else rng.randint(14000000, 24999999)
    p['dni'] = '{:,}'.format(dni).replace(',', '.')
    p['hc'] = str(rng.randint(100000, 999999))
    p['tel'] = rng.choice(['351 15-%d-%04d', '(0351) 4%d-%04d', '3543 %d-%04d']) % (rng.randint(200, 699), rng.randint(0, 9999))
    p['birth'] = dt.date(p['date1'].year - p['age'] - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    while True:
        a = p['date1'].year - p['birth'].year - ((p['date1'].month, p['date1'].day) < (p['birth'].month, p['birth'].day))
        if a == p['age']:
            break
        p['birth'] += dt.timedelta(days=30 if a > p['age'] else -30)

DIAG = {'osteoporotic': ['Osteoporosis', 'Fx osteoporótica', 'Aplastamiento osteoporótico'],
        'metastasis': ['MTS ca. mama', 'MTS ca. pulmón', 'MTS ca. próstata', 'Secundarismo óseo (ca. renal)'],
        'myeloma': ['Mieloma múltiple', 'MM'],
        'traumatic': ['Traumática (caída de altura)', 'Traumática (accidente moto)'],
        'haemangioma': ['Hemangioma agresivo']}
for p in pats:
    p['diag'] = rng.choice(DIAG[p['sub'] if p['etiology'] in ('pathologic', 'other') else p['etiology']])
FUGA = {'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural'}

ops = []
for p in pats:
    for sn, s in enumerate(p['sessions'], 1):
        ops.append((day_date(p, s['day']), p, sn, s))
ops.sort(key=lambda t: (t[0], t[1]['pid']))

# a few volumes not noted ('s/d') -> blank in truth
nodata_vol = set()
for d, p, sn, s in ops:
    for j in range(len(s['levels'])):
        if rng.random() < 0.06:
            nodata_vol.add((p['pid'], sn, j))

single = [p for p in pats if len(p['sessions']) == 1]
err_level = next(p for p in single if p['sessions'][0]['levels'][0] == 'L1' or p['sessions'][0]['levels'][0] == 'L2')
err_vol = next(p for p in single if p is not err_level and p['sessions'][0]['vols'][0] >= 3)
err_code = next(p for p in single if p not in (err_level, err_vol) and p['pid'] > 'CBA-07')
err_date = next(p for p in single if p not in (err_level, err_vol, err_code) and p['date1'].month in (4, 6, 9, 11) and not p['died'])

RED = PatternFill('solid', fgColor='FF0000')
GREY = PatternFill('solid', fgColor='BFBFBF')
HDR = PatternFill('solid', fgColor='BDD7EE')
thin = Side(style='thin', color='7F7F7F')
BOX = Border(top=thin, bottom=thin, left=thin, right=thin)

wb = Workbook()
ws = wb.active
ws.title = 'VP-CP'
ws['A1'] = 'Hospital Provincial del Oeste — Servicio de Ortopedia y Traumatología — Córdoba'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'Registro de vertebroplastias (VP) y cifoplastias (CP) — Equipo de Columna'
ws['A2'].font = Font(bold=True)
ws['A3'] = 'Resp.: Dra. Mariela Quiroga (R3 Lucas Bustos carga datos) — últ. actualización 15/09/2023'
HEAD = ['N°', 'Código', 'Apellido y nombre', 'DNI', 'HC', 'Teléfono', 'F. nac.', 'Sexo', 'Edad', 'Diagnóstico',
        'Fecha proc.', 'Proc.', 'Nivel 1', 'Vol. 1 (ml)', 'Nivel 2', 'Vol. 2 (ml)', 'Nivel 3', 'Vol. 3 (ml)',
        'EVA pre', 'EVA 24 hs', 'EVA 1 mes', 'EVA 3 meses', 'EVA 6 meses', 'EVA 12 meses',
        'ODI pre (%)', 'ODI 3 m (%)', 'ODI 12 m (%)', 'Nueva fx', 'Observaciones']
C = {h: i + 1 for i, h in enumerate(HEAD)}
# two header rows: groups + names
groups = [('A5:J5', 'Paciente'), ('K5:R5', 'Procedimiento'), ('S5:X5', 'EVA (0-10)'), ('Y5:AA5', 'Oswestry'), ('AB5:AC5', 'Seguimiento')]
for rg, t in groups:
    a = rg.split(':')[0]
    ws[a] = t
    ws.merge_cells(rg)
    ws[a].font = Font(bold=True)
    ws[a].alignment = Alignment(horizontal='center')
    ws[a].fill = HDR
for h, c in C.items():
    cell = ws.cell(row=6, column=c, value=h)
    cell.font = Font(bold=True)
    cell.fill = HDR
    cell.border = BOX
    cell.alignment = Alignment(horizontal='center', wrap_text=True)

errors, idents = [], [('staff_name', 'Mariela Quiroga'), ('staff_name', 'Lucas Bustos')]
r = 7
for k, (d, p, sn, s) in enumerate(ops, 1):
    def put(h, v, fmt=None):
        c = ws.cell(row=r, column=C[h])
        c.value = v
        c.border = BOX
        if fmt:
            c.number_format = fmt
        return c
    def plant(h, v, why):
        put(h, v)
        errors.append([ws.title, '%s%d' % (get_column_letter(C[h]), r), r, h, '' if v is None else v, why, p['pid']])
    put('N°', k)
    put('Código', p['pid'])
    put('Apellido y nombre', p['name'])
    put('DNI', p['dni'])
    put('HC', int(p['hc']))
    put('Teléfono', p['tel'])
    put('F. nac.', dt.datetime(p['birth'].year, p['birth'].month, p['birth'].day), 'DD/MM/YYYY')
    put('Sexo', 'F' if p['sex'] == 'female' else 'M')
    put('Edad', p['age'] if sn == 1 else (d.year - p['birth'].year - ((d.month, d.day) < (p['birth'].month, p['birth'].day))))
    put('Diagnóstico', p['diag'])
    if rng.random() < 0.85:
        put('Fecha proc.', dt.datetime(d.year, d.month, d.day), 'DD/MM/YYYY')
    else:
        put('Fecha proc.', '%d/%d/%02d' % (d.day, d.month, d.year % 100))
    put('Proc.', rng.choice(['VP', 'VP', 'Vertebroplastia']) if s['technique'] == 'vertebroplasty' else rng.choice(['CP', 'CP', 'Cifoplastia']))
    obs = []
    lk_types = []
    for j in range(3):
        if j < len(s['levels']):
            c = put('Nivel %d' % (j + 1), s['levels'][j])
            if s['leaks'][j] != 'none':
                c.fill = RED
                lk_types.append(' y '.join(FUGA[x] for x in s['leaks'][j].split(';')))
            if (p['pid'], sn, j) in nodata_vol:
                put('Vol. %d (ml)' % (j + 1), 's/d')
            else:
                v = s['vols'][j]
                put('Vol. %d (ml)' % (j + 1), v if rng.random() < 0.8 else ('%g' % v).replace('.', ',') + ' ml', '0.0')
        else:
            put('Nivel %d' % (j + 1), None)
            put('Vol. %d (ml)' % (j + 1), None)
    if lk_types:
        obs.append(('fuga ' if len(lk_types) == 1 else 'fugas: ') + ', '.join(lk_types))
    for tp, h in zip(['pre', '24h', '1m', '3m', '6m', '12m'], HEAD[18:24]):
        vis = s['visits'][tp]
        if vis['status'] == 'ok':
            put(h, vis['vas'])
        elif vis['status'] == 'missed':
            put(h, rng.choice(['s/d', 's/d', 'no vino']))
        elif vis['status'] == 'dead':
            put(h, '—')
        else:
            put(h, None)
        if tp in CFG['odi_tps']:
            hh = {'pre': 'ODI pre (%)', '3m': 'ODI 3 m (%)', '12m': 'ODI 12 m (%)'}[tp]
            if vis['status'] == 'ok':
                put(hh, vis['odi'] if rng.random() < 0.8 else '%d%%' % vis['odi'])
            elif vis['status'] == 'missed':
                put(hh, 's/d')
            elif vis['status'] == 'dead':
                put(hh, '—')
            else:
                put(hh, None)
    nxt = p['sessions'][sn]['day'] if sn < len(p['sessions']) else 10 ** 6
    fx = [(fd, fl) for fd, fl in p['fractures'] if s['day'] < fd < nxt]
    put('Nueva fx', ('Sí - %s (%s)' % (fx[0][1], day_date(p, fx[0][0]).strftime('%d/%m/%Y'))) if fx else 'No')
    if sn == 2:
        obs.insert(0, '2° procedimiento (1° el %s)' % p['date1'].strftime('%d/%m/%Y'))
    elif len(p['sessions']) == 2:
        obs.append('reinterna por nueva fx')
    if p['died'] and sn == len(p['sessions']):
        obs.append('Falleció %s' % day_date(p, p['death_day']).strftime('%d/%m/%Y'))
    put('Observaciones', '; '.join(obs) if obs else None)
    if p['died']:
        for c in range(1, len(HEAD) + 1):
            cell = ws.cell(row=r, column=c)
            if cell.fill != RED:
                cell.fill = GREY
    # planted mistakes
    if p is err_level:
        j = 0
        plant('Nivel 1', 'L7', 'no existe L7 (5 lumbares); el parte quirúrgico dice %s' % s['levels'][0])
    if p is err_vol:
        plant('Vol. 1 (ml)', int(round(s['vols'][0] * 10)), '%d ml en una vértebra es imposible: falta la coma, debería ser %s' % (round(s['vols'][0] * 10), ('%g' % s['vols'][0]).replace('.', ',')))
    if p is err_code:
        plant('Código', None, 'falta el código de estudio; por orden de inclusión (entre los vecinos) sería %s' % p['pid'])
    if p is err_date:
        bad = '31/%02d/%d' % (d.month, d.year)
        plant('Fecha proc.', bad, 'fecha imposible (el mes tiene 30 días); la fecha real es %s' % d.strftime('%d/%m/%Y'))
    r += 1

r += 1
ws.cell(row=r, column=1, value='Referencias:').font = Font(bold=True)
c = ws.cell(row=r + 1, column=2)
c.fill = RED
ws.cell(row=r + 1, column=3, value='Nivel en rojo = fuga de cemento en ese nivel (tipo de fuga en Observaciones, en el mismo orden que los niveles en rojo)')
c = ws.cell(row=r + 2, column=2)
c.fill = GREY
ws.cell(row=r + 2, column=3, value='Fila gris = paciente fallecido (fecha en Observaciones)')
ws.cell(row=r + 3, column=3, value='s/d = sin dato / no vino al control; — = ya fallecido; vacío = control todavía no corresponde')
ws.cell(row=r + 4, column=3, value='Cemento: PMMA en todos los casos (no se registra marca). Mismo código = mismo paciente (2° procedimiento en fila aparte).')
widths = [4, 8, 26, 11, 8, 16, 11, 5, 5, 24, 11, 14, 7, 8, 7, 8, 7, 8, 6, 7, 7, 7, 7, 7, 7, 7, 7, 20, 46]
for i, w in enumerate(widths, 1):
    ws.column_dimensions[get_column_letter(i)].width = w
ws.freeze_panes = 'D7'
wb.save(os.path.join(HERE, 'input.xlsx'))

for p in pats:
    idents += [('name', p['name']), ('national_id', p['dni']), ('medical_record_number', p['hc']), ('phone', p['tel']),
               ('birth_date', p['birth'].strftime('%d/%m/%Y'))]
# truth: volumes written 's/d' are not recorded
for p in pats:
    for sn, s in enumerate(p['sessions'], 1):
        s['vols'] = [v for v in s['vols']]
        s['_nod'] = [(p['pid'], sn, j) in nodata_vol for j in range(len(s['levels']))]
write_truth(pats, errors=errors, identifiers=idents, vol_mode='per_level', cement_recorded=True, measures=('pain_vas', 'odi'))
# blank the volumes that were written 's/d'
import csv as _csv
fn = os.path.join(HERE, 'truth', 'procedures.csv')
rows = list(_csv.reader(open(fn, encoding='utf-8')))
idx = {}
for row in rows[1:]:
    key = (row[0], int(row[1]))
    j = idx.get(key, 0)
    idx[key] = j + 1
    if (row[0], int(row[1]), j) in nodata_vol:
        row[5] = ''
with open(fn, 'w', newline='', encoding='utf-8') as f:
    _csv.writer(f, lineterminator='\n').writerows(rows)
print('cordoba: %d patients, %d rows, %d errors, s/d volumes %d' % (len(pats), len(ops), len(errors), len(nodata_vol)))
