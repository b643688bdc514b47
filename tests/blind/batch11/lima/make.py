import sys, os, csv, datetime as dt
import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(OUT, 'truth'), exist_ok=True)
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']


def gen(seed, n, start, span_days, fu_tps, tech_p=0.6, id_fmt='P{:03d}', id_start=1,
        p2=0.2, pfx=0.18, pdie=0.12, cements=('PMMA',), vol_per_level=True):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        pid = id_fmt.format(id_start + i)
        sex = 'female' if rng.random() < 0.68 else 'male'
        et = rng.choice(['osteoporotic'] * 6 + ['pathologic'] * 2 + ['traumatic'])
        age = int(rng.integers(52, 91)) if et != 'traumatic' else int(rng.integers(38, 80))
        died = 'yes' if rng.random() < pdie else 'no'
        d1 = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        sessions = []
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        c = int(rng.integers(5, len(SPINE) - nlev))
        levels = SPINE[c:c + nlev]
        used = set(levels)

        def mk_session(day, levels):
            tech = 'vertebroplasty' if rng.random() < tech_p else 'kyphoplasty'
            vols = [round(float(rng.uniform(1.5, 3.5) if lv.startswith('T') and int(lv[1:]) < 10
                                else rng.uniform(2.5, 6.0)) * 2) / 2 for lv in levels]
            leak = []
            for lv in levels:
                r = rng.random()
                leak.append('none' if r < 0.72 else ';'.join(sorted(set(rng.choice(LEAKS, size=int(rng.integers(1, 3)), replace=True)), key=LEAKS.index)))
            ct = str(rng.choice(list(cements)))
            return dict(day=day, date=d1 + dt.timedelta(days=day), levels=levels, tech=tech,
                        vols=vols, svol=round(sum(vols), 1), cement=ct, leak=leak)
        sessions.append(mk_session(0, levels))
        if rng.random() < p2:
            cand = [x for x in SPINE[5:] if x not in used]
            lv2 = [str(rng.choice(cand))]
            used |= set(lv2)
            sessions.append(mk_session(int(rng.integers(21, 120)), lv2))
        # pain
        pain = {}
        for s_i, s in enumerate(sessions, 1):
            pre = int(rng.integers(6, 11))
            pain[(s_i, 'pre')] = pre
            cur = pre
            tps = fu_tps if s_i == 1 else fu_tps[:1]
            for tp in tps:
                cur = max(0, cur - int(rng.integers(0, 4)))
                if rng.random() < 0.82:
                    pain[(s_i, tp)] = cur
        fx = []
        if rng.random() < pfx:
            cand = [x for x in SPINE[3:] if x not in used]
            fx.append((int(rng.integers(30, 300)), str(rng.choice(cand))))
        pts.append(dict(pid=pid, sex=sex, age=age, et=str(et), died=died, sessions=sessions,
                        pain=pain, fx=fx, rng_extra=float(rng.random())))
    return pts


def wcsv(name, header, rows):
    with open(os.path.join(OUT, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def write_truth(pts, errors, idents, per_level=True, sex=True, age=True, et=True, died=True, extra_assess=()):
    wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if sex else '', p['age'] if age else '', p['et'] if et else '',
           p['died'] if died else ''] for p in pts])
    rows = []
    for p in pts:
        for si, s in enumerate(p['sessions'], 1):
            for k, lv in enumerate(s['levels']):
                multi = len(s['levels']) > 1
                cv = s['vols'][k] if (per_level or not multi) else ''
                sv = s['svol'] if (not per_level and multi) else ''
                rows.append([p['pid'], si, s['day'], lv, s['tech'], cv, sv, s['cement'], s['leak'][k]])
    wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                            'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for (si, tp), v in p['pain'].items():
            rows.append([p['pid'], si, 'pain_vas', tp, v])
    rows += list(extra_assess)
    wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    wcsv('fractures.csv', ['patient_id', 'day', 'level'], [[p['pid'], d, lv] for p in pts for d, lv in p['fx']])
    wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv('identifiers.csv', ['kind', 'value'], idents)


def addr(row, col):  # 1-based row, 1-based col
    s = ''
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return f'{s}{row}'

# ---------------- Lima: Spanish (Peru), one sheet per procedure year, one row per vertebra ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment

pts = gen(1104, 24, dt.date(2021, 1, 20), 1000, ['1w', '1m', '6m'], tech_p=0.7, id_fmt='HNL-{:03d}', p2=0.22,
          cements=('PMMA',))
rng = np.random.default_rng(11041)
DX = {'osteoporotic': ['FVO', 'FVO', 'OP severa'], 'pathologic': ['Mts ósea (CA mama)', 'MM', 'Mts ósea (CA próstata)'], 'traumatic': ['FX traum. (caída de altura)']}
LK = {'disc': 'discal', 'epidural': 'epidural', 'foraminal': 'foraminal', 'venous': 'venosa', 'paravertebral': 'paravertebral'}
NOMBRES = {'female': ['Quispe Mamani, Rosa', 'Huamán Flores, Juana', 'Rojas Torres, Carmen', 'Chávez Ramos, Teresa', 'Condori Apaza, María',
                       'Ramírez Soto, Elena', 'Gutiérrez Paredes, Marta', 'Sánchez Villanueva, Gloria', 'Espinoza Cruz, Olga',
                       'Díaz Huanca, Rosa Elvira', 'Torres Vilca, Victoria', 'Ccahuana Loayza, Lucía', 'Palomino Ríos, Irma',
                       'Cárdenas Tito, Norma', 'Alarcón Pinto, Betty', 'Ayala Cuba, Felícitas', 'Medina Poma, Hilda', 'Navarro Yupanqui, Nelly',
                       'Ortiz Chumpitaz, Gladys', 'Huertas Añamuro, Nancy', 'Velásquez Oré, Julia', 'Lozano Achata, Maribel', 'Bravo Cusi, Antonia', 'Pari Choque, Eulalia'],
           'male': ['Mendoza Ccori, Luis', 'Vargas Salazar, Julio', 'Castillo León, Pedro', 'Flores Inga, Carlos', 'Salas Meza, Jorge',
                    'Zapata Ore, Rubén', 'Huamaní Sulca, Teodoro', 'Pérez Limaylla, Alberto', 'Tello Quispe, Hernán', 'Arias Cama, Wilfredo']}


def ddmmyy(d):
    return f'{d.day:02d}/{d.month:02d}/{d.year % 100:02d}'


NCOUNT = {'female': 0, 'male': 0}
rows_by_year = {2021: [], 2022: [], 2023: []}
idents = []
info = {}
for i, p in enumerate(pts):
    hc = f'{int(rng.integers(200000, 990000))}'
    nm = NOMBRES[p['sex']][NCOUNT[p['sex']]]
    NCOUNT[p['sex']] += 1
    idents += [['name', nm], ['record_number', hc]]
    dx = str(rng.choice(DX[p['et']]))
    if p['sex'] == 'male' and 'mama' in dx:
        dx = 'Mts ósea (CA pulmón)'
    d1 = p['sessions'][0]['date']
    obs_fx = '; '.join(f"Nueva FX {lv} {ddmmyy(d1 + dt.timedelta(days=d))} (RMN)" for d, lv in p['fx'])
    death = None
    if p['died'] == 'yes':
        death = d1 + dt.timedelta(days=max([s['day'] for s in p['sessions']] + [d for d, _ in p['fx']]) + int(rng.integers(200, 330)))
    for si, s in enumerate(p['sessions'], 1):
        tps = ['pre', '1w', '1m', '6m'] if si == 1 else ['pre', '1w']
        eva = {}
        for tp in tps:
            v = p['pain'].get((si, tp))
            eva[tp] = v if v is not None else str(rng.choice(['NC', 'NC', '-']))
        for k, lv in enumerate(s['levels']):
            obs = []
            if si == 2 and k == 0:
                obs.append('2da sesión')
            if si == len(p['sessions']) and k == len(s['levels']) - 1 and obs_fx:
                obs.append(obs_fx)
            lk = 'No' if s['leak'][k] == 'none' else 'Sí - ' + ', '.join(LK[x] for x in s['leak'][k].split(';'))
            rows_by_year[s['date'].year].append(dict(
                date=s['date'], fecha=ddmmyy(s['date']), hc=hc, nm=nm, pid=p['pid'], edad=p['age'] if si == 1 else p['age'] + (s['date'].year - d1.year if (s['date'].month, s['date'].day) >= (d1.month, d1.day) else s['date'].year - d1.year - 1),
                sexo='F' if p['sex'] == 'female' else 'M', dx=dx, nivel=lv,
                proc='VP' if s['tech'] == 'vertebroplasty' else 'CP', cc=s['vols'][k], fuga=lk,
                pre=eva['pre'], w1=eva.get('1w', ''), m1=eva.get('1m', ''), m6=eva.get('6m', ''),
                cond='Vivo' if death is None else f'Fallecido ({ddmmyy(death)})', obs='; '.join(obs)))

heads = ['N°', 'Fecha proc.', 'HC', 'Apellidos y nombres', 'Código', 'Edad', 'Sexo', 'Dx', 'Nivel', 'Proc.', 'Cemento (cc)',
         'Fuga', 'EVA pre', 'EVA 1 sem', 'EVA 1 m', 'EVA 6 m', 'Condición', 'Obs.']
keys = [None, 'fecha', 'hc', 'nm', 'pid', 'edad', 'sexo', 'dx', 'nivel', 'proc', 'cc', 'fuga', 'pre', 'w1', 'm1', 'm6', 'cond', 'obs']
wb = Workbook()
wb.remove(wb.active)
errors = []
plan = {('2021', 3): ('nivel', 'L6', 'vertebral level does not exist'),
        ('2022', 5): ('cc', 45, '45 cc of cement in one vertebra'),
        ('2022', 11): ('pid', None, 'study code missing on a row with data'),
        ('2023', 2): ('fecha', '31/04/23', 'impossible date (31 April)'),
        ('2023', 7): ('m1', 12, 'EVA 12 on a 0-10 scale')}
for y in (2021, 2022, 2023):
    ws = wb.create_sheet(str(y))
    ws['A1'] = f'HOSPITAL NACIONAL "LOS LIBERTADORES" (ficticio) – SERVICIO DE NEUROCIRUGÍA – VERTEBROPLASTIAS / CIFOPLASTIAS {y}'
    ws['A1'].font = Font(bold=True)
    ws['A2'] = 'Cemento: PMMA (cc por nivel).  EVA 0-10.  NC = no acudió a control.  CP = cifoplastia con balón.'
    HR = 4
    for j, h in enumerate(heads, 1):
        c = ws.cell(HR, j, h)
        c.font = Font(bold=True, color='FFFFFF')
        c.fill = PatternFill('solid', fgColor='1F4E78')
    rows = sorted(rows_by_year[y], key=lambda x: (x['date'], x['pid']))
    n = 0
    prev = None
    for k, rw in enumerate(rows):
        r = HR + 1 + k
        if (rw['pid'], rw['fecha']) != prev:
            n += 1
            ws.cell(r, 1, n)
        prev = (rw['pid'], rw['fecha'])
        for j, key in enumerate(keys, 1):
            if key and rw[key] not in ('', None):
                ws.cell(r, j, rw[key])
        e = plan.get((str(y), k))
        if e:
            key, bad, why = e
            j = keys.index(key) + 1
            if key == 'm1' and not isinstance(rw['m1'], int):
                raise SystemExit('pick another row for m1 error')
            ws.cell(r, j).value = bad
            errors.append([str(y), addr(r, j), r, heads[j - 1], '' if bad is None else bad, why, rw['pid']])
    for j, w in enumerate([4, 10, 9, 28, 9, 6, 5, 22, 6, 6, 11, 20, 7, 9, 8, 8, 22, 40], 1):
        ws.column_dimensions[addr(1, j)[:-1]].width = w
assert len(errors) == 5
wb.save(os.path.join(OUT, 'input.xlsx'))
write_truth(pts, errors, idents, per_level=True)
