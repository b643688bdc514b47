# ---------------------------------------------------------------------------
# cohort core (same simulation engine in every site script; layout is below)
# ---------------------------------------------------------------------------
import sys, os, csv, random, datetime as dt

D = dt.date
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 9,
          '6m': 12, '12m': 18, '24m': 25}
ALL_LEVELS = [f'T{i}' for i in range(1, 13)] + [f'L{i}' for i in range(1, 6)]
LEAK_ORDER = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']
VAS_FACTOR = {'24h': .55, '1w': .5, '2w': .45, '6w': .4, '1m': .4, '3m': .35,
              '6m': .3, '12m': .3, '24m': .3}


def _lvl_idx(l):
    return ALL_LEVELS.index(l)


def pick_levels(rng, n, etiology):
    centre_w = {'T6': 1, 'T7': 2, 'T8': 3, 'T9': 3, 'T10': 4, 'T11': 7, 'T12': 12,
                'L1': 12, 'L2': 7, 'L3': 5, 'L4': 3, 'L5': 1}
    ks = list(centre_w)
    c = rng.choices(ks, [centre_w[k] for k in ks])[0]
    i = _lvl_idx(c)
    if n == 1:
        return [c]
    if etiology == 'pathologic' and rng.random() < .5:
        pool = [l for l in ALL_LEVELS[4:16] if l != c]
        return sorted([c] + rng.sample(pool, n - 1), key=_lvl_idx)
    lo = max(0, min(i - rng.randint(0, n - 1), len(ALL_LEVELS) - n))
    return ALL_LEVELS[lo:lo + n]


def pick_leak(rng, p=0.24):
    if rng.random() >= p:
        return []
    a = rng.choices(LEAK_ORDER, [35, 35, 15, 9, 6])[0]
    out = {a}
    if rng.random() < .12:
        out.add(rng.choice(['disc', 'venous']))
    return [l for l in LEAK_ORDER if l in out]


def pick_vol(rng, level, technique):
    lo, hi = (2.0, 4.0) if level.startswith('T') else (3.0, 5.5)
    if technique == 'kyphoplasty':
        lo, hi = lo + 1.0, hi + 1.5
    return rng.randint(int(lo * 2), int(hi * 2)) / 2


def make_session(rng, num, date, day, levels, p_kp, cements, technique=None, cement=None):
    tech = technique or ('kyphoplasty' if rng.random() < p_kp else 'vertebroplasty')
    cem = cement or rng.choices([c for c, w in cements], [w for c, w in cements])[0]
    verts = [dict(level=l, vol=pick_vol(rng, l, tech), leak=pick_leak(rng)) for l in levels]
    return dict(num=num, date=date, day=day, technique=tech, cement_type=cem, verts=verts)


def score(rng, measure, tp, pre, scale):
    if measure == 'pain_vas':
        if tp == 'pre':
            return pre
        f = VAS_FACTOR[tp]
        if scale == 'mm':
            return int(max(0, min(100, round(pre * f + rng.randint(-8, 8)))))
        return int(max(0, min(10, round(pre * f + rng.choice([-1, 0, 0, 1])))))
    if measure == 'odi':
        if tp == 'pre':
            return pre
        f = VAS_FACTOR[tp] + .15
        return int(max(0, min(100, 2 * round((pre * f + rng.randint(-6, 6)) / 2))))
    if measure == 'mobility':
        if tp == 'pre':
            return pre
        drop = {'24h': 1, '1w': 1, '2w': 1}.get(tp, 2)
        return int(max(0, min(4, pre - drop + rng.choice([0, 0, 1, -1]))))
    raise ValueError(measure)


def pre_score(rng, measure, scale):
    if measure == 'pain_vas':
        return rng.randint(58, 96) if scale == 'mm' else rng.randint(6, 10)
    if measure == 'odi':
        return 2 * rng.randint(20, 42)
    if measure == 'mobility':
        return rng.randint(2, 4)


def gen_cohort(seed, n, start, end, cut, tps, measures, p_kp=.3,
               cements=(('PMMA', 1),), etio_w=None, n_second=3, n_extra_frac=1,
               n_dead=2, p_miss=.1, s2_tps=None, vas_scale='int10',
               sex_female=.7, age_range=(52, 88)):
    """tps: ordered timepoints incl. 'pre'. Returns list of patient dicts."""
    rng = random.Random(seed)
    etio_w = etio_w or {'osteoporotic': 75, 'pathologic': 15, 'traumatic': 10}
    post_tps = [t for t in tps if t != 'pre']
    s2_tps = s2_tps or ['pre'] + post_tps[:2]
    span = (end - start).days
    dates0 = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        et = rng.choices(list(etio_w), list(etio_w.values()))[0]
        sex = 'female' if rng.random() < (sex_female if et == 'osteoporotic' else .45) else 'male'
        age = rng.randint(*age_range) if et == 'osteoporotic' else rng.randint(38, 80)
        nl = rng.choices([1, 2, 3], [68, 23, 9])[0]
        levels = pick_levels(rng, nl, et)
        d0 = dates0[i]
        s1 = make_session(rng, 1, d0, 0, levels, p_kp, cements)
        pres = {m: pre_score(rng, m, vas_scale) for m in measures}
        visits = []
        for tp in tps:
            vd = d0 + dt.timedelta(days=TP_DAYS[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            st = 'done' if vd <= cut else 'notdue'
            sc = {m: score(rng, m, tp, pres[m], vas_scale) for m in measures}
            visits.append(dict(session=1, tp=tp, date=vd, day=(vd - d0).days, status=st, scores=sc))
        pts.append(dict(i=i, sex=sex, age=age, etiology=et, date0=d0, sessions=[s1],
                        visits=visits, fractures=[], died=False, death_date=None))

    def done_post(p, session=1):
        return [v for v in p['visits'] if v['session'] == session and v['tp'] != 'pre' and v['status'] == 'done']

    def new_level(p):
        used = {v['level'] for s in p['sessions'] for v in s['verts']} | {f['level'] for f in p['fractures']}
        lo = min(_lvl_idx(l) for l in used)
        hi = max(_lvl_idx(l) for l in used)
        cands = [ALL_LEVELS[k] for k in (lo - 1, hi + 1, lo - 2, hi + 2) if 0 <= k < len(ALL_LEVELS)]
        cands = [c for c in cands if c not in used]
        return cands[0] if rng.random() < .6 else rng.choice(cands)

    # second sessions
    order = list(range(n))
    rng.shuffle(order)
    second = []
    for i in order:
        p = pts[i]
        if len(second) >= n_second:
            break
        last_tp = max(TP_DAYS[v['tp']] for v in p['visits'])
        cands = [v for v in done_post(p) if 28 <= TP_DAYS[v['tp']] <= 200 and TP_DAYS[v['tp']] < last_tp]
        if not cands:
            continue
        dv = rng.choice(cands)
        s2d = dv['date'] + dt.timedelta(days=rng.randint(5, 20))
        if (cut - s2d).days < 60:
            continue
        lvl = new_level(p)
        p['fractures'].append(dict(date=dv['date'], day=dv['day'], level=lvl, treated=2))
        s1 = p['sessions'][0]
        s2 = make_session(rng, 2, s2d, (s2d - p['date0']).days, [lvl], p_kp, cements,
                          technique=s1['technique'] if rng.random() < .7 else None,
                          cement=s1['cement_type'])
        p['sessions'].append(s2)
        for v in p['visits']:
            if v['date'] > s2d and v['status'] == 'done':
                v['status'] = 'stopped'
        pres2 = {m: pre_score(rng, m, vas_scale) for m in measures}
        for tp in s2_tps:
            vd = s2d + dt.timedelta(days=TP_DAYS[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            st = 'done' if vd <= cut else 'notdue'
            sc = {m: score(rng, m, tp, pres2[m], vas_scale) for m in measures}
            p['visits'].append(dict(session=2, tp=tp, date=vd, day=(vd - p['date0']).days, status=st, scores=sc))
        p['second'] = True
        second.append(i)

    # extra untreated fractures
    extra = []
    for i in order:
        if len(extra) >= n_extra_frac:
            break
        p = pts[i]
        if i in second:
            continue
        cands = [v for v in done_post(p) if TP_DAYS[v['tp']] >= 80]
        if not cands:
            continue
        dv = rng.choice(cands)
        p['fractures'].append(dict(date=dv['date'], day=dv['day'], level=new_level(p), treated=None))
        p['frac_visit'] = dv
        extra.append(i)

    # deaths (prefer pathologic)
    dead = []
    ranked = sorted(order, key=lambda k: (pts[k]['etiology'] != 'pathologic', order.index(k)))
    for i in ranked:
        if len(dead) >= n_dead:
            break
        p = pts[i]
        if i in second or i in extra:
            continue
        dp = done_post(p)
        if len(dp) < 2:
            continue
        k = rng.randint(1, len(dp) - 1)  # last visit attended = dp[k]
        last = dp[k]
        nxt = [v for v in p['visits'] if v['date'] > last['date']]
        hi = min([v['date'] for v in nxt] + [cut]) - dt.timedelta(days=3)
        lo = last['date'] + dt.timedelta(days=7)
        if hi <= lo:
            continue
        dd = lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
        p['died'] = True
        p['death_date'] = dd
        for v in p['visits']:
            if v['date'] > dd:
                v['status'] = 'dead'
        dead.append(i)

    # missed visits
    for p in pts:
        for v in p['visits']:
            if v['status'] != 'done' or v['tp'] in ('pre', '24h'):
                continue
            if any(f['date'] == v['date'] for f in p['fractures']):
                continue
            if rng.random() < p_miss:
                v['status'] = 'missed'
    return pts


# ------------------------------------------------------------------ truth ---
def fmt(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        if abs(x - round(x)) < 1e-9:
            return str(int(round(x)))
        return ('%.2f' % x).rstrip('0').rstrip('.')
    return str(x)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(x) for x in r])


def write_truth(outdir, pts, errors, identifiers, per_vertebra=True, vas_div=1,
                died_known=True, extra_fields=None):
    """pts must carry 'pid'. per_vertebra: True / False / callable(p, s) -> bool."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    rows = []
    for p in pts:
        rows.append([p['pid'], p['sex'], p['age'], p['etiology'],
                     ('yes' if p['died'] else 'no') if died_known else ''])
    write_csv(os.path.join(td, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'], rows)
    rows = []
    for p in pts:
        for s in p['sessions']:
            pv = per_vertebra(p, s) if callable(per_vertebra) else per_vertebra
            tot = sum(v['vol'] for v in s['verts'])
            for v in s['verts']:
                rows.append([p['pid'], s['num'], s['day'], v['level'], s['technique'],
                             v['vol'] if pv else '', '' if pv else tot, s['cement_type'],
                             v.get('leak_truth', ';'.join(v['leak']) if v['leak'] else 'none')])
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for v in p['visits']:
            if v['status'] != 'done' or v.get('noid'):
                continue
            for m, val in v['scores'].items():
                if val is None:
                    continue
                if m == 'pain_vas' and vas_div != 1:
                    val = val / vas_div
                rows.append([p['pid'], v['session'], m, v['tp'], val])
    write_csv(os.path.join(td, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    rows = [[p['pid'], f['day'], f['level']] for p in pts for f in p['fractures']]
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], rows)
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              errors)
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], identifiers)


def uniq(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out
# ------------------------------------------------------------- end of core ---

# ---------------------------------------------------------------------------
# Cusco: Hospital Regional Pachacútec del Cusco (invented), Neurocirugía.
# One row per procedure; a second procedure is a new row under the same study
# code with "Reintervención = SÍ". Per-level blocks, controls to the right.
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.utils import get_column_letter

NAMES_F = ['QUISPE MAMANI, Juana', 'HUAMÁN CCAHUANA, Teodora', 'MAMANI HUILLCA, Agripina',
           'CCORI CHOQUE, Felícitas', 'GUTIÉRREZ APAZA, Rosa', 'CUTIPA SONCCO, Eulogia',
           'ÁLVAREZ CUSI, Hilaria', 'PUMA QUISPE, Victoria', 'HANCCO LAURA, Justina',
           'FLORES HUAMANÍ, Nicolasa', 'TTITO CAMPANA, Gregoria', 'PAUCAR QQUESO, Bernardina',
           'CONDORI YUPANQUI, Marcelina', 'SULLCA HUAMÁN, Dominga', 'CHALCO ROJAS, Santusa',
           'LEÓN CASTILLO, María Elena', 'QQUELLO ARAGÓN, Paulina', 'HUILLCA TUPAYACHI, Celestina',
           'AYMA CRUZ, Leonarda', 'CHAMPI USCA, Sabina', 'QUISPE TUPA, Ignacia', 'ROJAS CCALLO, Filomena',
           'TUMPAY ORTIZ, Hermelinda', 'CANAHUIRE PUMA, Eusebia', 'ESCALANTE MOSCOSO, Carmen Rosa',
           'LLAIQUE CONDORI, Saturnina', 'OVIEDO HUARCA, Benedicta', 'PACCO ALAGÓN, Rufina']
NAMES_M = ['CONDORI TTITO, Santos', 'YUPANQUI ROJAS, Marcelino', 'VARGAS CHALCO, Leoncio',
           'CHOQUEHUANCA ROQUE, Dionisio', 'MAMANI QUISPE, Faustino', 'HUAMANI CUSI, Timoteo',
           'ZAMALLOA PEÑA, Jorge Luis', 'CCAHUANA ALCCA, Fortunato', 'INCA ROCA, Valentín',
           'AUCCAPUMA HUAMÁN, Crisóstomo', 'PILLCO CÁRDENAS, Isidro', 'SONCCO LUNA, Mariano']
PROC = ['Cusco', 'Anta', 'Urubamba', 'Calca', 'Sicuani', 'Quispicanchi', 'Espinar',
        'Quillabamba', 'Paucartambo', 'Chumbivilcas', 'San Sebastián', 'Wanchaq']
DX = {'osteoporotic': ['Fx osteoporótica por compresión', 'Aplastamiento vertebral osteoporótico',
                       'Osteoporosis senil – fx acuñamiento'],
      'pathologic': ['Mieloma múltiple', 'Metástasis (Ca mama)', 'Metástasis (Ca próstata)',
                     'Metástasis (Ca cérvix)', 'Plasmocitoma'],
      'traumatic': ['Fx traumática (caída de altura)', 'Fx traumática – accidente de tránsito',
                    'Fx traumática (caída de acémila)']}
FUGA = {'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral',
        'epidural': 'epidural', 'foraminal': 'foraminal'}
OBS = ['', '', '', 'quechuahablante, EVA con escala de caritas', 'faja lumbar 6 semanas',
       'calcio + vit D', 'ácido zoledrónico', 'buena evolución', 'deambula sin apoyo al alta']


def safe_date(y, m, d):
    while True:
        try:
            return D(y, m, d)
        except ValueError:
            d -= 1


def age_on(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def main(outdir):
    rng = random.Random(190319)
    cut = D(2024, 3, 31)
    pts = gen_cohort(1903, 26, D(2021, 6, 1), D(2023, 9, 30), cut,
                     ['pre', '24h', '1m', '3m', '12m'], ['pain_vas', 'mobility'], p_kp=.35,
                     cements=(('PMMA', 80), ('calcium phosphate', 20)),
                     n_second=3, n_extra_frac=2, n_dead=2, s2_tps=['pre', '24h', '1m', '3m'],
                     etio_w={'osteoporotic': 65, 'pathologic': 20, 'traumatic': 15})
    nf, nm = NAMES_F[:], NAMES_M[:]
    rng.shuffle(nf)
    rng.shuffle(nm)
    idents = []
    for k, p in enumerate(pts, 1):
        p['pid'] = f'HRPC-{k:03d}'
        p['name'] = nf.pop() if p['sex'] == 'female' else nm.pop()
        p['hc'] = f'{rng.randint(100000, 689999)}'
        p['dni'] = f'{rng.choice("234")}{rng.randint(0, 9999999):07d}'
        p['cel'] = f'9{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}'
        d0 = p['date0']
        while True:
            b = safe_date(d0.year - p['age'] - 1, rng.randint(1, 12), rng.randint(1, 28))
            if age_on(b, d0) == p['age']:
                break
        p['dob'] = b
        p['dorsal'] = rng.random() < .45   # writes D12 instead of T12
        p['textdates'] = rng.random() < .4
        p['proc'] = rng.choice(PROC)
        p['dx'] = rng.choice(DX[p['etiology']])
        for v in p['visits']:
            if v['tp'] == '24h':
                v['scores']['mobility'] = None
        for s in p['sessions']:
            s['cdisp'] = ('Fosfato de calcio' if s['cement_type'] == 'calcium phosphate'
                          else rng.choice(['PMMA', 'Cemento óseo (PMMA)', 'Spineplex', 'PMMA']))
            s['tdisp'] = (rng.choice(['VP', 'Vertebroplastia']) if s['technique'] == 'vertebroplasty'
                          else rng.choice(['CP', 'Cifoplastia', 'Cifoplastia con balón']))

    # ---- planted errors ----
    plain = [p for p in pts if not p.get('second') and not p['died'] and not p['fractures']]
    rng.shuffle(plain)
    used = set()

    def take(cond):
        for p in plain:
            if p['pid'] not in used and cond(p):
                used.add(p['pid'])
                return p
        raise RuntimeError

    def vis(p, tp, s=1):
        return next(v for v in p['visits'] if v['tp'] == tp and v['session'] == s)

    E = {}
    p = take(lambda p: len(p['sessions'][0]['verts']) >= 2)
    p['sessions'][0]['verts'][1]['vol'] = 25.0
    E[p['pid']] = (('lvl', 2, 'vol'), 'volumen de cemento 25 ml en una sola vértebra (> 20 ml) / 25 mL in one vertebra')
    p = take(lambda p: len(p['sessions'][0]['verts']) == 1 and p['sessions'][0]['verts'][0]['level'] in ('T12', 'L1'))
    p['sessions'][0]['verts'][0]['level'] = 'T13'
    E[p['pid']] = (('lvl', 1, 'level'), 'nivel T13/D13 inexistente (12 vértebras torácicas)')
    p = take(lambda p: vis(p, '3m')['status'] == 'done' and vis(p, '3m')['date'].month in (2, 3))
    v = vis(p, '3m')
    v['shown'] = '30/02/' + v['date'].strftime('%y')
    E[p['pid']] = (('3m', 'date'), 'fecha imposible: 30 de febrero')
    p = take(lambda p: vis(p, '1m')['status'] == 'done')
    vis(p, '1m')['scores']['pain_vas'] = 55
    E[p['pid']] = (('1m', 'vas'), 'EVA 55 en escala 0-10')

    # ---- columns ----
    cols = [('DATOS DEL PACIENTE', 'N°', 'n'), ('DATOS DEL PACIENTE', 'Cód. estudio', 'id'),
            ('DATOS DEL PACIENTE', 'Reinterv.', 'redo'), ('DATOS DEL PACIENTE', 'H.C.', 'hc'),
            ('DATOS DEL PACIENTE', 'Apellidos y nombres', 'name'), ('DATOS DEL PACIENTE', 'DNI', 'dni'),
            ('DATOS DEL PACIENTE', 'F. nac.', 'dob'), ('DATOS DEL PACIENTE', 'Edad', 'age'),
            ('DATOS DEL PACIENTE', 'Sexo', 'sex'), ('DATOS DEL PACIENTE', 'Procedencia', 'proc'),
            ('DATOS DEL PACIENTE', 'Celular', 'cel'), ('DATOS DEL PACIENTE', 'Diagnóstico', 'dx'),
            ('PROCEDIMIENTO', 'Fecha', 'pdate'), ('PROCEDIMIENTO', 'Técnica', 'tech'),
            ('PROCEDIMIENTO', 'Cemento', 'cem')]
    for i in (1, 2, 3):
        cols += [(f'NIVEL {i}', 'Nivel', ('lvl', i, 'level')), (f'NIVEL {i}', 'Vol. (ml)', ('lvl', i, 'vol')),
                 (f'NIVEL {i}', 'Fuga', ('lvl', i, 'leak'))]
    cols += [('NANAY (EVA 0-10)', 'Pre', ('pre', 'vas')), ('NANAY (EVA 0-10)', '24 h', ('24h', 'vas')),
             ('PURIY (0-4)', 'Pre', ('pre', 'mob'))]
    for tp, lab in (('1m', 'CONTROL 1 MES'), ('3m', 'CONTROL 3 MESES'), ('12m', 'CONTROL 12 MESES')):
        cols += [(lab, 'Fecha', (tp, 'date')), (lab, 'Nanay', (tp, 'vas')), (lab, 'Puriy', (tp, 'mob'))]
    cols += [('EVOLUCIÓN', 'Nueva fractura', 'newfx'), ('EVOLUCIÓN', 'Wañusqa (fallecido)', 'died'),
             ('EVOLUCIÓN', 'Observaciones', 'obs')]
    keys = [c[2] for c in cols]

    def lev(p, l):
        return ('D' + l[1:]) if (p['dorsal'] and l.startswith('T')) else l

    def dshow(p, d):
        if isinstance(d, str):
            return d
        if p['textdates']:
            return d.strftime('%d/%m/%y')
        return dt.datetime(d.year, d.month, d.day)

    def volshow(x):
        if x == int(x):
            return int(x)
        return x if rng.random() < .8 else fmt(x).replace('.', ',')

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'BD VP-CP'
    ws.cell(1, 1, 'HOSPITAL REGIONAL PACHACÚTEC DEL CUSCO — SERVICIO DE NEUROCIRUGÍA').font = Font(bold=True, size=13)
    ws.cell(2, 1, 'REGISTRO DE VERTEBROPLASTIA / CIFOPLASTIA PERCUTÁNEA 2021-2024.   Nanay = dolor (EVA 0-10).   '
                  'Puriy = marcha: 0 camina solo, 1 con bastón, 2 con andador/ayuda, 3 silla de ruedas, 4 postrado.   '
                  'NA / no acudió = no vino al control.   Reinterv. SÍ = segundo procedimiento (controles desde esa fecha).')
    ws.cell(2, 1).font = Font(italic=True, size=9)
    HR1, HR2 = 4, 5
    c = 1
    while c <= len(cols):
        g = cols[c - 1][0]
        e = c
        while e + 1 <= len(cols) and cols[e][0] == g:
            e += 1
        ws.cell(HR1, c, g).font = Font(bold=True)
        ws.cell(HR1, c).alignment = Alignment(horizontal='center')
        if e > c:
            ws.merge_cells(start_row=HR1, start_column=c, end_row=HR1, end_column=e)
        c = e + 1
    grey = PatternFill('solid', fgColor='D9D9D9')
    for k, (g, h, key) in enumerate(cols, 1):
        cell = ws.cell(HR2, k, h)
        cell.font = Font(bold=True)
        cell.fill = grey
        cell.alignment = Alignment(wrap_text=True, horizontal='center')
        ws.column_dimensions[get_column_letter(k)].width = 9
    for key, w in (('name', 30), ('dx', 30), ('obs', 30), ('newfx', 18), ('died', 16), ('cem', 18), ('tech', 14)):
        ws.column_dimensions[get_column_letter(keys.index(key) + 1)].width = w
    errors = []
    r = HR2 + 1
    yellow = PatternFill('solid', fgColor='FFF2CC')
    for n, p in enumerate(pts, 1):
        vmap = {(v['session'], v['tp']): v for v in p['visits']}
        for s in p['sessions']:
            vals = {}
            first = s['num'] == 1
            vals['id'] = p['pid']
            vals['redo'] = 'NO' if first else 'SÍ'
            vals['name'] = p['name']
            vals['hc'] = p['hc']
            if first:
                vals['n'] = n
                vals['dni'] = p['dni']
                vals['dob'] = (p['dob'].strftime('%d/%m/%Y') if p['textdates']
                               else dt.datetime.combine(p['dob'], dt.time()))
                vals['age'] = p['age']
                vals['sex'] = 'F' if p['sex'] == 'female' else 'M'
                vals['proc'] = p['proc']
                vals['cel'] = p['cel']
                vals['dx'] = p['dx']
                if p['died']:
                    vals['died'] = f"SÍ – {p['death_date'].strftime('%d/%m/%y')}"
                else:
                    vals['died'] = 'NO'
            else:
                for k in ('dni', 'dob', 'age', 'sex', 'proc'):
                    vals[k] = 'idem'
                vals['dx'] = 'Nueva fx ' + ', '.join(lev(p, v['level']) for v in s['verts'])
            vals['pdate'] = dshow(p, s['date'])
            vals['tech'] = s['tdisp']
            vals['cem'] = s['cdisp']
            for i, v in enumerate(s['verts'], 1):
                vals[('lvl', i, 'level')] = lev(p, v['level'])
                vals[('lvl', i, 'vol')] = volshow(v['vol'])
                vals[('lvl', i, 'leak')] = (' + '.join(FUGA[x] for x in v['leak']) if v['leak'] else 'No').capitalize()
            sn = s['num']
            pre = vmap[(sn, 'pre')]
            vals[('pre', 'vas')] = pre['scores']['pain_vas']
            vals[('pre', 'mob')] = pre['scores']['mobility']
            h24 = vmap.get((sn, '24h'))
            if h24 and h24['status'] == 'done':
                vals[('24h', 'vas')] = h24['scores']['pain_vas']
            for tp in ('1m', '3m', '12m'):
                v = vmap.get((sn, tp))
                if not v:
                    continue
                st = v['status']
                if st == 'done':
                    vals[(tp, 'date')] = dshow(p, v.get('shown', v['date']))
                    vals[(tp, 'vas')] = v['scores']['pain_vas']
                    vals[(tp, 'mob')] = v['scores']['mobility']
                elif st == 'missed':
                    vals[(tp, 'date')] = rng.choice(['no acudió', 'NA', 'no acudió'])
                elif st == 'dead':
                    vals[(tp, 'date')] = 'falleció'
                elif st == 'stopped':
                    vals[(tp, 'date')] = 'ver reinterv.'
            fx = [f for f in p['fractures'] if sn == 1]
            if fx:
                vals['newfx'] = '; '.join(f"{lev(p, f['level'])} ({f['date'].strftime('%d/%m/%y')})" for f in fx)
            elif first:
                vals['newfx'] = 'No'
            if first:
                vals['obs'] = rng.choice(OBS)
                if p.get('second'):
                    vals['obs'] = 'nueva fractura → reintervención (fila siguiente)'
            else:
                vals['obs'] = 'reintervención por nueva fractura'
            for k, key in enumerate(keys, 1):
                if key in vals and vals[key] not in (None, ''):
                    cell = ws.cell(r, k, vals[key])
                    if isinstance(vals[key], dt.datetime):
                        cell.number_format = 'dd/mm/yyyy' if key == 'dob' else 'dd/mm/yy'
                if not first:
                    ws.cell(r, k).fill = yellow
            if first and p['pid'] in E:
                key, what = E[p['pid']]
                k = keys.index(key) + 1
                val = ws.cell(r, k).value
                if isinstance(val, dt.datetime):
                    val = val.strftime('%d/%m/%y')
                errors.append([ws.title, f'{get_column_letter(k)}{r}', r, cols[k - 1][1], val, what, p['pid']])
            r += 1
        idents += [['name', p['name']], ['record_number', p['hc']], ['national_id', p['dni']],
                   ['birth_date', p['dob'].strftime('%d/%m/%Y')], ['phone', p['cel']]]
    ws.freeze_panes = ws.cell(HR2 + 1, 6)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, per_vertebra=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
