# ---- shared generator (same block in every site's make.py) ----
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)

TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
         'L1', 'L2', 'L3', 'L4', 'L5']
# osteoporotic fractures cluster at the thoracolumbar junction
SPINE_W = [1, 1, 2, 3, 3, 3, 4, 6, 9, 10, 6, 4, 2, 1]


def _frac(tp):
    return {'24h': 0.45, '1w': 0.55, '2w': 0.6, '6w': 0.68, '1m': 0.65,
            '3m': 0.72, '6m': 0.75, '12m': 0.76}[tp]


def make_scores(rng, tps, vas_step=0.5, odi=True, odi_tps=None, miss=0.15,
                death_day=None, start_day=0):
    """returns dict {(measure,tp): value} for one session"""
    out = {}
    pre = rng.choice([7, 7.5, 8, 8, 8.5, 9, 9, 9.5, 10])
    pre_odi = rng.randint(24, 40) * 2
    drop = rng.uniform(0.55, 1.0)
    for tp in tps:
        if tp != 'pre' and rng.random() < miss:
            continue
        if death_day is not None and start_day + TP_DAYS[tp] >= death_day:
            continue
        if tp == 'pre':
            v = pre
        else:
            v = pre * (1 - _frac(tp) * drop) + rng.uniform(-0.8, 0.8)
        v = max(0, min(10, round(v / vas_step) * vas_step))
        out[('pain_vas', tp)] = v
        if odi and (odi_tps is None or tp in odi_tps):
            if tp == 'pre':
                o = pre_odi
            else:
                o = pre_odi * (1 - _frac(tp) * drop * 0.9) + rng.uniform(-5, 5)
            out[('odi', tp)] = int(max(0, min(100, round(o / 2) * 2)))
    return out


def gen_cohort(rng, n, first_op_from, first_op_to, tps, n_second=3,
               n_newfx=3, n_dead=3, vas_step=0.5, odi=True, odi_tps=None,
               kp_share=0.3, cement_types=('PMMA',), vol_range=(2.0, 6.0),
               leak_recorded=True):
    span = (first_op_to - first_op_from).days
    pats = []
    second_idx = set(rng.sample(range(n), n_second))
    rest = [i for i in range(n) if i not in second_idx]
    dead_idx = set(rng.sample(rest, n_dead))
    fx_idx = set(rng.sample([i for i in range(n) if i not in dead_idx], n_newfx))
    for i in range(n):
        sex = rng.choice(['female', 'female', 'female', 'male', 'male'])
        etio = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'],
                           [11, 4, 2, 1])[0]
        if i in dead_idx:
            etio = 'pathologic' if rng.random() < 0.7 else etio
        age = rng.randint(48, 82) if etio == 'pathologic' else rng.randint(58, 91)
        if etio == 'traumatic':
            age = rng.randint(51, 80)
        op1 = first_op_from + dt.timedelta(days=rng.randint(0, span))
        death_day = rng.randint(60, 330) if i in dead_idx else None
        p = dict(idx=i, sex=sex, age=age, etiology=etio,
                 died='yes' if death_day else 'no', death_day=death_day,
                 op1=op1, sessions=[], fractures=[])
        # session 1
        nlev = rng.choices([1, 2, 3], [6, 3, 1])[0]
        j = rng.choices(range(len(SPINE) - nlev + 1), SPINE_W[:len(SPINE) - nlev + 1])[0]
        used = set(SPINE[j:j + nlev])
        tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
        p['sessions'].append(make_session(rng, 1, 0, op1, SPINE[j:j + nlev], tech,
                                          cement_types, vol_range, tps, vas_step,
                                          odi, odi_tps, death_day, leak_recorded))
        if i in second_idx:
            d2 = rng.randint(45, 260)
            cand = [s for s in SPINE if s not in used and
                    min(abs(SPINE.index(s) - j),
                        abs(SPINE.index(s) - (j + nlev - 1))) <= 3]
            lv = rng.choice(cand)
            used.add(lv)
            p['fractures'].append((d2 - rng.randint(4, 20), lv))
            p['sessions'].append(make_session(rng, 2, d2, op1 + dt.timedelta(days=d2),
                                              [lv], tech, cement_types, vol_range,
                                              [t for t in tps if TP_DAYS[t] <= 182],
                                              vas_step, odi, odi_tps, death_day,
                                              leak_recorded))
        if i in fx_idx:
            cand = [s for s in SPINE if s not in used]
            lv = rng.choice(cand[:len(cand)])
            p['fractures'].append((rng.randint(50, 330), lv))
        p['fractures'].sort()
        pats.append(p)
    pats.sort(key=lambda p: p['op1'])
    return pats


def make_session(rng, sess, day, date, levels, tech, cement_types, vol_range,
                 tps, vas_step, odi, odi_tps, death_day, leak_recorded):
    lv = []
    for L in levels:
        v = round(rng.uniform(*vol_range) + (0.8 if tech == 'kyphoplasty' else 0), 1)
        if leak_recorded:
            lk = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'epidural',
                              'disc;venous'], [14, 3, 3, 2, 1, 1])[0]
        else:
            lk = ''
        lv.append(dict(level=L, vol=v, leak=lk))
    return dict(session=sess, day=day, date=date, technique=tech, levels=lv,
                cement=rng.choices(list(cement_types), [8] + [2] * (len(cement_types) - 1))[0],
                scores=make_scores(rng, tps, vas_step, odi, odi_tps,
                                   death_day=death_day, start_day=day),
                vol_mode='per')


def visit_date(rng, s, tp):
    d = TP_DAYS[tp]
    jit = 0 if tp in ('pre', '24h') else (rng.randint(-2, 3) if d <= 14 else rng.randint(-6, 9))
    return s['date'] + dt.timedelta(days=d + jit)


def fmt_num(v):
    return ('%g' % v)


def write_truth(pats, errors, idents, pid_key='pid'):
    os.makedirs('truth', exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join('truth', name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p[pid_key], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                rows.append([p[pid_key], s['session'], s['day'], l['level'], s['technique'],
                             fmt_num(l['vol']) if s['vol_mode'] == 'per' else '',
                             fmt_num(tot) if s['vol_mode'] == 'total' else '',
                             s['cement'] or '', l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    order = list(TP_DAYS)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for (m, tp), v in sorted(s['scores'].items(), key=lambda kv: (kv[0][0] != 'pain_vas', order.index(kv[0][1]))):
                rows.append([p[pid_key], s['session'], m, tp, fmt_num(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p[pid_key], d, l] for p in pats for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'], errors)
    seen = set()
    rows = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            rows.append([k, v])
    w('identifiers.csv', ['kind', 'value'], rows)


def dob_for(rng, age, op1):
    # birth date such that age at op1 is exactly `age`
    y = op1.year - age
    while True:
        b = dt.date(y, rng.randint(1, 12), rng.randint(1, 28))
        a = op1.year - b.year - ((op1.month, op1.day) < (b.month, b.day))
        if a == age:
            return b
        y += 1 if a > age else -1
# ---- end shared generator ----

# ---- Zamboanga: one row per patient, repeated Visita blocks ----
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

rng = random.Random(3404)
TPS = ['pre', '1w', '1m', '3m', '6m', '12m']
pats = gen_cohort(rng, 16, dt.date(2021, 3, 1), dt.date(2022, 5, 31), TPS,
                  n_second=3, n_newfx=3, n_dead=3, vas_step=1, kp_share=0.15,
                  cement_types=('PMMA',), vol_range=(2.0, 5.0))
# the unit sees session-2 patients only at 1 mes and 3 mes after the repeat operation
for p in pats:
    for s in p['sessions']:
        if s['session'] == 2:
            s['scores'] = {k: v for k, v in s['scores'].items() if k[1] in ('pre', '1m', '3m')}
for p in pats:   # cement brand/type is not written in this sheet
    for s in p['sessions']:
        s['cement'] = ''
TIPO = {'1w': '1 semana', '1m': '1 mes', '3m': '3 mes', '6m': '6 mes', '12m': '1 año'}
NAMES_F = ['Fernandez, Rosalinda', 'Climaco, Maria Luisa', 'Alavar, Carmelita', 'Lobregat, Evangeline',
           'Camins, Felicidad', 'Santos, Natividad', 'delos Reyes, Perla', 'Wee, Lourdes', 'Jalani, Nurhaida',
           'Macrohon, Visitacion', 'Ledesma, Corazon', 'Sebastian, Milagros']
NAMES_M = ['Saavedra, Jose', 'Enriquez, Teodoro', 'Atilano, Ramon', 'Bayot, Ernesto', 'Hassan, Abdurahman',
           'Tan, Wilfredo', 'Fabian, Rogelio', 'Rojas, Bienvenido']
rng.shuffle(NAMES_F); rng.shuffle(NAMES_M)
CAUSA = {'osteoporotic': ['osteoporosis', 'osteoporotic fx', 'osteoporosis (ta agacha lang)'],
         'pathologic': ['metastasis (breast CA)', 'multiple myeloma', 'metastasis (prostate CA)', 'mets - lung CA'],
         'traumatic': ['cayó na banyo', 'cayó del motor', 'cayó del escalera'],
         'other': ['hemangioma']}
NOTA = ['Ta duele pa el espalda', 'Bien ya, ta camina ya', 'Con su hija ta vivi', 'Lejos el casa (Sibuco), dificil vene',
        'Ta usa baston', 'PhilHealth', 'Senior citizen', '', '', '']
LEAK = {'none': 'nuay', 'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral',
        'epidural': 'epidural', 'disc;venous': 'disc + venous'}
idents = []
for k, p in enumerate(pats):
    p['pid'] = 'ZVP-%02d-%03d' % (p['op1'].year % 100, k + 1)
    p['name'] = (NAMES_F if p['sex'] == 'female' else NAMES_M).pop()
    p['hosp'] = '%d-%06d' % (p['op1'].year, rng.randint(1000, 99999))
    p['cp'] = '09%02d %03d %04d' % (rng.choice([15, 17, 27, 55, 63, 98]), rng.randint(0, 999), rng.randint(0, 9999))
    idents += [('name', p['name']), ('record_number', p['hosp']), ('phone', p['cp'])]

# errors
order = list(range(len(pats))); rng.shuffle(order)
chosen = []
crit = [lambda p: len(p['sessions'][0]['levels']) == 1 and len(p['sessions']) == 1,   # T13
        lambda p: len(p['sessions'][0]['levels']) == 1 and len(p['sessions']) == 1,   # 45 cc
        lambda p: ('odi', '3m') in p['sessions'][0]['scores'],                        # ODI 120
        lambda p: ('pain_vas', '1m') in p['sessions'][0]['scores']]                   # visit before op
for cf in crit:
    for i in order:
        if pats[i] not in chosen and cf(pats[i]):
            chosen.append(pats[i]); break
e_lvl, e_vol, e_odi, e_date = chosen
errors = []

NV = 5
wb = Workbook(); ws = wb.active; ws.title = 'Registro VP-KP'
ws['A1'] = 'ZAMBOANGA CITY MEDICAL CENTER - Department of Orthopedics, Spine Service'
ws['A1'].font = Font(bold=True, size=12)
ws['A2'] = 'Vertebroplasty / Kyphoplasty Registry 2021-2022'
ws['A3'] = ('Nota: fecha MM/DD/YYYY.  Cada visita na su propio bloque - mira el "Tipo" cual control (1 semana, 1 mes, 3 mes, 6 mes, 1 año). '
            '"no hay" = no ya vino.  "(2da op)" = control despues del segundo operacion.')
ws['A3'].font = Font(italic=True, size=9)
fixed = ['No. de estudio', 'Hosp. No.', 'Nombre', 'Celular', 'Edad', 'Sexo', 'Causa', 'Fecha operacion', 'Nivel',
         'Procedimiento', 'Cemento (cc)', 'Leak', 'VAS antes', 'ODI antes']
second = ['Fecha', 'Nivel', 'Proc.', 'Cemento (cc)', 'Leak', 'VAS antes', 'ODI antes']
vis = ['Tipo', 'Fecha', 'VAS', 'ODI']
tail = ['Nuevo fractura', 'Ya muri?', 'Nota']
G, S = 5, 6
gfill = [PatternFill('solid', fgColor=c) for c in ('FFF2CC', 'DDEBF7', 'E2EFDA', 'FCE4D6', 'EDEDED', 'D9E1F2')]
c = 1
for h in fixed:
    ws.cell(S, c, h).font = Font(bold=True); c += 1
ws.cell(G, c, '2da OPERACION').font = Font(bold=True)
ws.merge_cells(start_row=G, start_column=c, end_row=G, end_column=c + len(second) - 1)
SEC0 = c
for h in second:
    x = ws.cell(S, c, h); x.font = Font(bold=True); x.fill = PatternFill('solid', fgColor='F8CBAD'); c += 1
V0 = c
for v in range(NV):
    x = ws.cell(G, c, 'Visita %d' % (v + 1)); x.font = Font(bold=True); x.alignment = Alignment(horizontal='center')
    ws.merge_cells(start_row=G, start_column=c, end_row=G, end_column=c + 3)
    for h in vis:
        x = ws.cell(S, c, h); x.font = Font(bold=True); x.fill = gfill[v]; c += 1
T0 = c
for h in tail:
    ws.cell(S, c, h).font = Font(bold=True); c += 1


def fdate(d):
    return d.strftime('%m/%d/%Y')


def setdate(r, col, d, text_ok=True):
    if text_ok and rng.random() < 0.35:
        ws.cell(r, col, fdate(d))
    else:
        x = ws.cell(r, col, d); x.number_format = 'mm/dd/yyyy'


def lvl_text(s):
    return ', '.join(l['level'] for l in s['levels'])


def vol_text(s):
    if len(s['levels']) == 1:
        return s['levels'][0]['vol']
    return ' / '.join('%s %.1f' % (l['level'], l['vol']) for l in s['levels'])


def leak_text(s):
    lk = [l for l in s['levels'] if l['leak'] != 'none']
    if not lk:
        return 'nuay'
    if len(s['levels']) == 1:
        return LEAK[lk[0]['leak']]
    return ', '.join('%s %s' % (l['level'], LEAK[l['leak']]) for l in lk)


r = S + 1
for p in pats:
    s1 = p['sessions'][0]
    ws.cell(r, 1, p['pid']); ws.cell(r, 2, p['hosp']); ws.cell(r, 3, p['name'])
    ws.cell(r, 4, p['cp'] if rng.random() < 0.7 else None)
    if ws.cell(r, 4).value is None:
        idents.remove(('phone', p['cp']))
    ws.cell(r, 5, '%d y/o' % p['age'] if rng.random() < 0.5 else p['age'])
    ws.cell(r, 6, 'F' if p['sex'] == 'female' else 'M')
    o = [x for x in CAUSA[p['etiology']] if not ('prostate' in x and p['sex'] == 'female') and not ('breast' in x and p['sex'] == 'male')]
    ws.cell(r, 7, rng.choice(o))
    setdate(r, 8, s1['date'])
    if p is e_lvl:
        ws.cell(r, 9, 'T13')
        errors.append(['Registro VP-KP', 'I%d' % r, r, 'Nivel', 'T13', 'nivel imposible (no hay T13); debe ser %s' % s1['levels'][0]['level'], p['pid']])
    else:
        ws.cell(r, 9, lvl_text(s1))
    ws.cell(r, 10, 'KP' if s1['technique'] == 'kyphoplasty' else 'VP')
    if p is e_vol:
        bad = int(round(s1['levels'][0]['vol'] * 10))
        ws.cell(r, 11, bad)
        errors.append(['Registro VP-KP', 'K%d' % r, r, 'Cemento (cc)', bad,
                       '%d cc para un vertebra imposible (nuay punto decimal); debe ser %g' % (bad, s1['levels'][0]['vol']), p['pid']])
    else:
        ws.cell(r, 11, vol_text(s1))
    ws.cell(r, 12, leak_text(s1))
    ws.cell(r, 13, s1['scores'].get(('pain_vas', 'pre'))); ws.cell(r, 14, s1['scores'].get(('odi', 'pre')))
    visits = []
    for s in p['sessions']:
        for tp in TIPO:
            if s['session'] == 2 and tp not in ('1m', '3m'):
                continue
            vd = visit_date(rng, s, tp)
            if p['death_day'] is not None and s['day'] + TP_DAYS[tp] >= p['death_day']:
                continue
            if s['session'] == 1 and len(p['sessions']) > 1 and TP_DAYS[tp] >= p['sessions'][1]['day'] + 30:
                # after the repeat operation the unit follows the new operation only
                s['scores'] = {k: v for k, v in s['scores'].items() if k[1] != tp}
                continue
            visits.append((vd, s, tp))
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        c = SEC0
        setdate(r, c, s2['date']); ws.cell(r, c + 1, lvl_text(s2))
        ws.cell(r, c + 2, 'KP' if s2['technique'] == 'kyphoplasty' else 'VP'); ws.cell(r, c + 3, vol_text(s2))
        ws.cell(r, c + 4, leak_text(s2)); ws.cell(r, c + 5, s2['scores'].get(('pain_vas', 'pre')))
        ws.cell(r, c + 6, s2['scores'].get(('odi', 'pre')))
    visits.sort(key=lambda t: t[0])
    slot = 0
    for vd, s, tp in visits:
        vas = s['scores'].get(('pain_vas', tp)); odi = s['scores'].get(('odi', tp))
        if vas is None and odi is None and rng.random() < 0.5:
            continue  # missed visit simply not entered
        if slot >= NV:
            s['scores'] = {k: v for k, v in s['scores'].items() if k[1] != tp}
            continue
        c = V0 + 4 * slot
        ws.cell(r, c, TIPO[tp] + (' (2da op)' if s['session'] == 2 else ''))
        if vas is None and odi is None:
            ws.cell(r, c + 2, 'no hay'); ws.cell(r, c + 3, 'no hay')
        else:
            if p is e_date and s['session'] == 1 and tp == '1m':
                bad = dt.date(vd.year - 1, vd.month, min(vd.day, 28))
                ws.cell(r, c + 1, fdate(bad))
                errors.append(['Registro VP-KP', '%s%d' % (get_column_letter(c + 1), r), r, 'Visita %d Fecha' % (slot + 1),
                               fdate(bad), 'control de 1 mes con fecha antes del operacion (%s); debe ser %s' % (fdate(s['date']), fdate(vd)),
                               p['pid']])
            else:
                setdate(r, c + 1, vd)
            ws.cell(r, c + 2, vas if vas is not None else 'no hay')
            if p is e_odi and s['session'] == 1 and tp == '3m':
                ws.cell(r, c + 3, 120)
                errors.append(['Registro VP-KP', '%s%d' % (get_column_letter(c + 3), r), r, 'Visita %d ODI' % (slot + 1), 120,
                               'ODI 120 fuera del escala 0-100; debe ser %d' % odi, p['pid']])
            else:
                ws.cell(r, c + 3, odi if odi is not None else 'no hay')
        slot += 1
    fx = ['%s - %s' % (L, fdate(p['op1'] + dt.timedelta(days=d))) for d, L in p['fractures']]
    ws.cell(r, T0, '; '.join(fx) if fx else 'nuay')
    if p['died'] == 'yes':
        ws.cell(r, T0 + 1, 'si, ya muri %s' % fdate(p['op1'] + dt.timedelta(days=p['death_day'])))
        for cc in range(1, T0 + 3):
            if ws.cell(r, cc).fill.fgColor.rgb in (None, '00000000'):
                ws.cell(r, cc).fill = PatternFill('solid', fgColor='D9D9D9')
    else:
        ws.cell(r, T0 + 1, 'no')
    ws.cell(r, T0 + 2, rng.choice(NOTA) or None)
    r += 1
r += 1
ws.cell(r, 1, 'Prepared by: J. Climaco, RN (research nurse)  -  Checked: Dr. A. Hassan')
idents += [('name', 'J. Climaco'), ('name', 'A. Hassan')]
widths = [13, 12, 22, 14, 7, 5, 22, 11, 10, 8, 16, 18, 6, 6] + [11, 6, 5, 8, 12, 6, 6] + [13, 11, 5, 5] * NV + [26, 24, 30]
for i, w in enumerate(widths):
    ws.column_dimensions[get_column_letter(i + 1)].width = w
ws.freeze_panes = ws.cell(S + 1, 4)
wb.save('input.xlsx')
write_truth(pats, errors, idents)
