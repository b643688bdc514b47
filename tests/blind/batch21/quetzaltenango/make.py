# ---- shared cohort generator (copied into each make.py) ----
import random, datetime as dt, csv, os, sys

OFFS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
        '6m': 182, '12m': 365, '24m': 730}
JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 10,
       '6m': 14, '12m': 21, '24m': 30}
ORDER = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]


def lvl_add(l, k):
    i = ORDER.index(l) + k
    return ORDER[i] if 0 <= i < len(ORDER) else None


def gen_cohort(seed, n, pid_fn, start, tps, measures, names, rec_fn, phone_fn,
               kypho_p=0.3, cements=(('PMMA', 'PMMA'),), tps2=('pre', '1m', '3m'),
               miss_p=0.1, vol_step=0.5):
    rng = random.Random(seed)
    idx = list(range(n))
    rng.shuffle(idx)
    s2 = set(idx[:3])                 # second session after a new fracture
    frx_only = set(idx[3:5])          # new fracture, not treated
    died = set(idx[5:8][:2 + (seed % 2)])   # 2 or 3 deaths
    multi = set(idx[8:8 + int(round(n * 0.3)) - 1]) | {idx[0]}
    pats = []
    used_names = set()
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        etio = ('osteoporotic' if r < 0.7 else 'pathologic' if r < 0.85
                else 'traumatic' if r < 0.95 else 'other')
        age = {'osteoporotic': rng.randint(61, 91), 'pathologic': rng.randint(44, 82),
               'traumatic': rng.randint(28, 72), 'other': rng.randint(50, 85)}[etio]
        d0 = start + dt.timedelta(days=rng.randint(0, 520) + i)
        # birth date such that age at d0 is exactly `age`
        by = d0.year - age - 1
        while True:
            b = dt.date(by, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
            a = d0.year - b.year - ((d0.month, d0.day) < (b.month, b.day))
            if a == age:
                break
            by += 1 if a > age else -1
        while True:
            nm = names(rng, sex)
            if nm not in used_names:
                used_names.add(nm)
                break
        P = dict(i=i, pid=pid_fn(i), sex=sex, age=age, etio=etio, died=i in died,
                 birth=b, name=nm, rec=rec_fn(rng, i), phone=phone_fn(rng, i), d0=d0,
                 sessions=[], scores={}, fractures=[], death_day=None, notes=[])

        def mk_session(s, day, first_level=None):
            tech = 'kyphoplasty' if rng.random() < kypho_p else 'vertebroplasty'
            if first_level is None:
                first_level = rng.choice(['T7', 'T8', 'T9', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12',
                                          'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4'])
            k = 1
            if s == 1 and i in multi:
                k = rng.choice([2, 2, 3])
            lv = [first_level]
            while len(lv) < k:
                nx = lvl_add(lv[-1], 1)
                if nx is None:
                    break
                lv.append(nx)
            cem = rng.choice(cements) if tech == 'vertebroplasty' else cements[0]
            L = []
            for l in lv:
                lo, hi = (2.0, 5.0) if l.startswith('T') and int(l[1:]) < 11 else (2.5, 6.0)
                if tech == 'kyphoplasty':
                    lo, hi = lo + 1, hi + 1.5
                v = round(rng.uniform(lo, hi) / vol_step) * vol_step
                v = round(v, 1)
                rr = rng.random()
                leak = [] if rr < 0.72 else [rng.choice(['disc', 'venous', 'paravertebral'])] if rr < 0.95 \
                    else ['disc', 'venous']
                L.append(dict(level=l, vol=v, leak=leak))
            return dict(s=s, day=day, date=d0 + dt.timedelta(days=day), tech=tech,
                        cement=cem[0], cement_w=cem[1], levels=L, total=round(sum(x['vol'] for x in L), 1))

        P['sessions'].append(mk_session(1, 0))
        lv1 = [x['level'] for x in P['sessions'][0]['levels']]
        pre = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(28, 42),
               'mobility': rng.randint(2, 4)}

        def traj(tp, base):
            f = {'pre': 1, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4, '3m': 0.33,
                 '6m': 0.3, '12m': 0.28, '24m': 0.28}[tp]
            out = {}
            for m in measures:
                if m == 'pain_vas':
                    out[m] = max(0, min(10, int(round(base[m] * f + rng.uniform(-1.2, 1.2)))))
                    if tp == 'pre':
                        out[m] = base[m]
                elif m == 'odi':
                    out[m] = base[m] if tp == 'pre' else max(0, min(100, 2 * int(round(base[m] * (f + 0.15) / 2 + rng.uniform(-3, 3)))))
                elif m == 'mobility':
                    out[m] = base[m] if tp == 'pre' else max(0, min(4, int(round(base[m] * (f + 0.1) + rng.uniform(-0.6, 0.6)))))
            return out

        last_day = 0
        cut = None
        if i in s2:
            fday = rng.randint(OFFS['3m'] + 25, 300)
            cut = fday
            fl = lvl_add(lv1[0], -1) if rng.random() < 0.6 else lvl_add(lv1[-1], 1)
            fl = fl or lvl_add(lv1[0], -1)
            P['fractures'].append((fday, fl))
        elif i in frx_only:
            fday = rng.randint(OFFS['3m'] + 5, 330)
            fl = lvl_add(lv1[-1], 1) or lvl_add(lv1[0], -1)
            P['fractures'].append((fday, fl))
        dcut = None
        if i in died:
            dcut = rng.choice([OFFS['3m'] + 20, OFFS['12m'] - 30]) if i not in s2 else 10 ** 6
        for tp in tps:
            day = OFFS[tp] + (rng.randint(-JIT[tp], JIT[tp]) if tp != 'pre' else 0)
            if cut is not None and day >= cut - 5:
                continue
            if dcut is not None and day >= dcut:
                continue
            missing = tp not in ('pre', '24h') and rng.random() < miss_p
            P['scores'][(1, tp)] = dict(day=day, vals=None if missing else traj(tp, pre), missing=missing)
            last_day = max(last_day, day)
        if i in s2:
            sd = cut + rng.randint(3, 12)
            P['sessions'].append(mk_session(2, sd, first_level=P['fractures'][0][1]))
            pre2 = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(26, 40),
                    'mobility': rng.randint(2, 4)}
            for tp in tps2:
                if tp not in tps:
                    continue
                day = sd + OFFS[tp] + (rng.randint(-JIT[tp], JIT[tp]) if tp != 'pre' else 0)
                P['scores'][(2, tp)] = dict(day=day, vals=traj(tp, pre2), missing=False)
                last_day = max(last_day, day)
        last_day = max([last_day] + [f[0] for f in P['fractures']])
        if i in died:
            P['death_day'] = last_day + rng.randint(20, 70)
        pats.append(P)
    return pats


def D(P, day):
    return P['d0'] + dt.timedelta(days=day)


def write_truth(out, pats, vol_mode='vertebra', extra_errors=(), ident_extra=()):
    """vol_mode: 'vertebra' or 'session' or callable(P, S)->mode"""
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)

    def w(name, hdr, rows):
        with open(os.path.join(t, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(hdr)
            for r in rows:
                cw.writerow(['' if x is None else x for x in r])

    fmt = lambda v: ('%g' % v) if isinstance(v, float) else v
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[P['pid'], P.get('t_sex', P['sex']), P.get('t_age', P['age']), P.get('t_etio', P['etio']),
        'yes' if P['died'] else 'no'] for P in pats if P['pid']])
    rows = []
    for P in pats:
        for S in P['sessions']:
            mode = vol_mode(P, S) if callable(vol_mode) else vol_mode
            for L in S['levels']:
                rows.append([P['pid'], S['s'], S.get('t_day', S['day']), L['level'], S['tech'],
                             fmt(L['vol']) if mode == 'vertebra' else None,
                             fmt(S['total']) if mode == 'session' else None,
                             S['cement'], L.get('t_leak', ';'.join(L['leak']) or 'none')])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for P in pats:
        for (s, tp), A in sorted(P['scores'].items(), key=lambda kv: (kv[0][0], OFFS[kv[0][1]])):
            if A['vals'] is None:
                continue
            for m, v in A['vals'].items():
                if v is None:
                    continue
                rows.append([P['pid'], s, m, tp, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[P['pid'], f[0] if len(f) < 3 or not f[2] else None, f[1]] for P in pats for f in P['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      list(extra_errors))
    ids = []
    for P in pats:
        for k in ('name', 'rec', 'birth', 'phone'):
            if P.get(k) is None or P.get('no_' + k):
                continue
            kind = {'name': 'name', 'rec': 'record_number', 'birth': 'birth_date', 'phone': 'phone'}[k]
            ids.append([kind, P.get('w_' + k, P[k])])
    ids += list(ident_extra)
    w('identifiers.csv', ['kind', 'value'], ids)


def colname(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end shared ----

# ---- Quetzaltenango: one sheet per patient (follow-up cards) ----
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill

FN_F = ['María', 'Juana', 'Petrona', 'Manuela', 'Catarina', 'Francisca', 'Candelaria', 'Rosa', 'Tomasa', 'Micaela',
        'Dominga', 'Sebastiana']
FN_M = ['Juan', 'Diego', 'Francisco', 'Pedro', 'Tomás', 'Sebastián', 'Miguel', 'Santos', 'Nicolás']
LN = ['Ixcot', 'Tzul', 'Xicará', 'Quemé', 'Chay', 'Coyoy', 'Sac', 'Tax', 'Yax', 'Ajanel', 'López', 'Pérez',
      'García', 'Vásquez', 'Cux', 'Tzoc', 'Batz', 'Ixchop', 'Pu', 'Chávez']


def names(rng, sex):
    f = rng.sample(FN_F if sex == 'female' else FN_M, 2)
    a, b = rng.sample(LN, 2)
    return '%s %s %s %s' % (f[0], f[1], a, b)


def rec(rng, i):
    return '%d-%06d' % (rng.choice([2020, 2021, 2022]), rng.randint(1000, 99999))


def phone(rng, i):
    return '%d%03d-%04d' % (rng.choice([3, 4, 5]), rng.randint(0, 999), rng.randint(0, 9999))


def dmy(d):
    return '%d/%d/%s' % (d.day, d.month, str(d.year)[2:])


ETIO = {'osteoporotic': ['Fx osteoporótica', 'osteoporosis'], 'pathologic': ['Metástasis', 'Mieloma múltiple'],
        'traumatic': ['Trauma (caída)', 'Accidente'], 'other': ['Hemangioma']}
LEAK = {'disc': 'disco', 'venous': 'venosa', 'paravertebral': 'paravertebral'}
TPL = {'pre': 'Pre', '1w': '1 semana', '1m': '1 mes', '3m': '3 meses', '6m': '6 meses'}


def main(out):
    pats = gen_cohort(7740, 23, lambda i: '', dt.date(2021, 1, 15), ['pre', '1w', '1m', '3m', '6m'],
                      ['pain_vas', 'mobility'], names, rec, phone, kypho_p=0.1,
                      cements=(('PMMA', 'Osteopal V'), ('PMMA', 'cemento óseo (PMMA)'), ('PMMA', 'Spineplex')),
                      tps2=('pre', '1w', '1m', '3m'), miss_p=0.13)
    pats.sort(key=lambda P: P['d0'])
    for k, P in enumerate(pats):
        P['pid'] = 'XE-%03d' % (k + 1)
        P['w_birth'] = dmy(P['birth'])
    plain = [P for P in pats if len(P['sessions']) == 1 and not P['fractures'] and not P['died']]
    e_date, e_vas, e_mob, e_vol = plain[2], plain[6], plain[9], plain[12]
    A = e_date['scores'][(1, '3m')]
    if A['vals'] is None:
        A['vals'], A['missing'] = {'pain_vas': 3, 'mobility': 1}, False
    A = e_vas['scores'][(1, '1m')]
    e_vas['scores'][(1, '1m')] = dict(day=A['day'], vals={'pain_vas': 15, 'mobility': 2}, missing=False)
    A = e_mob['scores'][(1, '3m')]
    e_mob['scores'][(1, '3m')] = dict(day=A['day'], vals={'pain_vas': 3, 'mobility': 6}, missing=False)
    e_vol['sessions'][0]['levels'][0]['vol'] = 22.0
    rng = random.Random(3)
    errors = []
    wb = openpyxl.Workbook()
    ix = wb.active
    ix.title = 'Listado'
    ix['A1'] = 'Hospital Regional de Occidente – Quetzaltenango · Traumatología · Vertebroplastia/Cifoplastia'
    ix['A2'] = 'Una hoja por paciente (ficha). Listado de fichas:'
    for c, h in enumerate(['Ficha', 'Nombre', 'No. expediente', 'Fecha 1er procedimiento'], 1):
        ix.cell(3, c, h).font = Font(bold=True)
    B = Font(bold=True)
    for k, P in enumerate(pats):
        ix.cell(4 + k, 1, P['pid'])
        ix.cell(4 + k, 2, P['name'])
        ix.cell(4 + k, 3, P['rec'])
        c = ix.cell(4 + k, 4, P['d0'])
        c.number_format = 'd/m/yy'
        ws = wb.create_sheet(P['pid'])
        sh = P['pid']
        ws['A1'] = 'HOSPITAL REGIONAL DE OCCIDENTE "SAN JUAN DE DIOS" – QUETZALTENANGO (Xelajú)'
        ws['A2'] = 'FICHA DE SEGUIMIENTO – VERTEBROPLASTIA / CIFOPLASTIA'
        ws['A1'].font = B
        ws['A2'].font = B
        lab = [(4, 'Código:', P['pid'], 'No. expediente:', P['rec']),
               (5, "Nombre / Ub'i':", P['name'], 'Teléfono:', P['phone']),
               (6, 'Sexo:', 'F (ixoq)' if P['sex'] == 'female' else 'M (achi)', 'Fecha nac.:', dmy(P['birth'])),
               (7, 'Edad:', '%d años' % P['age'], 'Diagnóstico:', rng.choice(ETIO[P['etio']]))]
        for r, a, b, c_, d_ in lab:
            ws.cell(r, 1, a).font = B
            ws.cell(r, 2, b)
            ws.cell(r, 4, c_).font = B
            ws.cell(r, 5, d_)
        ws['A9'] = 'PROCEDIMIENTOS'
        ws['A9'].font = B
        ph = ['Sesión', 'Fecha', 'Técnica', 'Nivel', 'Cemento', 'Volumen (cc)', 'Fuga de cemento']
        for c, h in enumerate(ph, 1):
            ws.cell(10, c, h).font = B
        r = 11
        for S in P['sessions']:
            for j, L in enumerate(S['levels']):
                ws.cell(r, 1, S['s'])
                cc = ws.cell(r, 2, S['date'])
                cc.number_format = 'd/m/yy'
                ws.cell(r, 3, 'Vertebroplastia' if S['tech'] == 'vertebroplasty' else 'Cifoplastia con balón')
                ws.cell(r, 4, L['level'])
                ws.cell(r, 5, S['cement_w'])
                ws.cell(r, 6, L['vol'])
                ws.cell(r, 7, ' y '.join(LEAK[x] for x in L['leak']) if L['leak'] else 'no')
                if P is e_vol:
                    errors.append([sh, 'F%d' % r, r, 'Volumen (cc)', '22', '22 cc of cement in one vertebra', P['pid']])
                r += 1
        r += 1
        ws.cell(r, 1, "SEGUIMIENTO (EVA = dolor / k'ax 0-10; Movilidad 0 = normal … 4 = encamado)").font = B
        r += 1
        fh = ['Control', 'Sesión', 'Fecha', "EVA (k'ax)", 'Movilidad', 'Observaciones']
        for c, h in enumerate(fh, 1):
            ws.cell(r, c, h).font = B
        r += 1
        for (s, tp), A in sorted(P['scores'].items(), key=lambda kv: (kv[0][0], OFFS[kv[0][1]])):
            ws.cell(r, 1, TPL[tp])
            ws.cell(r, 2, s)
            S = P['sessions'][s - 1]
            vd = S['date'] + dt.timedelta(days=A['day'] - S['day'])
            if P is e_date and (s, tp) == (1, '3m'):
                bad = '31/%d/%s' % (vd.month if vd.month in (4, 6, 9, 11) else (vd.month - 1 if vd.month - 1 in (4, 6, 9, 11) else 2),
                                    str(vd.year)[2:])
                if bad.startswith('31/2/'):
                    bad = '30' + bad[2:]
                ws.cell(r, 3, bad)
                errors.append([sh, 'C%d' % r, r, 'Fecha', bad, 'impossible date (day does not exist in that month)', P['pid']])
            elif A['missing']:
                ws.cell(r, 3, '—')
            else:
                cc = ws.cell(r, 3, vd)
                cc.number_format = 'd/m/yy'
            if A['missing']:
                ws.cell(r, 4, 'no vino')
                ws.cell(r, 6, rng.choice(['man xpe ta (no llegó)', 'no vino, sin transporte', 'no se presentó']))
            else:
                ws.cell(r, 4, A['vals']['pain_vas'])
                ws.cell(r, 5, A['vals']['mobility'])
                if rng.random() < 0.25:
                    ws.cell(r, 6, rng.choice(['utz (bien)', 'camina con bastón', 'refiere menos dolor', 'acompañado por familiar']))
                if P is e_vas and (s, tp) == (1, '1m'):
                    errors.append([sh, 'D%d' % r, r, "EVA (k'ax)", '15', 'EVA 15 on a 0-10 scale', P['pid']])
                if P is e_mob and (s, tp) == (1, '3m'):
                    errors.append([sh, 'E%d' % r, r, 'Movilidad', '6', 'mobility 6 on a 0-4 scale', P['pid']])
            r += 1
        r += 1
        ws.cell(r, 1, 'Notas / eventos:').font = B
        notes = []
        for f in P['fractures']:
            notes.append('Nueva fractura %s, RX del %s' % (f[1], dmy(D(P, f[0]))))
            if len(P['sessions']) > 1:
                notes[-1] += ' – se programa 2a vertebroplastia'
        if P['died']:
            notes.append('Falleció el %s (avisó la familia)' % dmy(D(P, P['death_day'])))
        if not notes:
            notes.append('sin eventos')
        for n_ in notes:
            r += 1
            ws.cell(r, 1, n_)
        for col, w in zip('ABCDEFG', [18, 30, 22, 18, 16, 14, 30]):
            ws.column_dimensions[col].width = w
    ix.column_dimensions['B'].width = 36
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, 'vertebra', errors)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
