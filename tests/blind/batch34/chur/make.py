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

# ---- Chur: Kantonsspital Graubünden, two templates (2021 German, 2022 Romansh) ----
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.utils import get_column_letter

rng = random.Random(3403)
TPS = ['pre', '6w', '3m', '12m']
pats = gen_cohort(rng, 18, dt.date(2021, 2, 1), dt.date(2022, 10, 15), TPS,
                  n_second=4, n_newfx=3, n_dead=3, vas_step=0.1, odi=True,
                  kp_share=0.35, cement_types=('PMMA', 'PMMA'), vol_range=(2.0, 5.5))
# make sure one 2021 patient has the second operation in 2022
cross = [p for p in pats if len(p['sessions']) > 1 and p['op1'].year == 2021]
if not any(p['sessions'][1]['date'].year == 2022 for p in cross):
    p = cross[-1]
    s2 = p['sessions'][1]
    nd = max(s2['day'], (dt.date(2022, 1, 10) - p['op1']).days + rng.randint(0, 30))
    shift = nd - s2['day']
    s2['day'] = nd; s2['date'] = p['op1'] + dt.timedelta(days=nd)
    p['fractures'] = [(d + shift if L == s2['levels'][0]['level'] else d, L) for d, L in p['fractures']]
for p in pats:
    for s in p['sessions']:
        if s['date'].year == 2021:   # old template: VAS in mm, no ODI
            s['scores'] = {k: v for k, v in s['scores'].items() if k[0] == 'pain_vas'}
            s['tmpl'] = 2021
        else:                        # new template: VAS 0-10 in half points, ODI
            s['scores'] = {k: (round(v * 2) / 2 if k[0] == 'pain_vas' else v) for k, v in s['scores'].items()}
            s['tmpl'] = 2022
            s['vol_mode'] = 'total'

NAMES_F = ['Cathomen, Mengia', 'Derungs, Flurina', 'Casanova, Ursina', 'Bezzola, Seraina', 'Lutz, Annemarie',
           'Sialm, Ladina', 'Candinas, Margrith', 'Deplazes, Nina', 'Schmid, Verena', 'Vieli, Onna',
           'Caminada, Madlaina', 'Berther, Rosmarie', 'Jörger, Elsbeth']
NAMES_M = ['Caduff, Gian Reto', 'Tscharner, Men', 'Capaul, Duri', 'Venzin, Giusep', 'Brunner, Hansruedi',
           'Arpagaus, Curdin', 'Cavelti, Rest Giusep', 'Tuor, Benedetg', 'Hartmann, Peider']
rng.shuffle(NAMES_F); rng.shuffle(NAMES_M)
idents = []
for k, p in enumerate(sorted(pats, key=lambda p: p['op1'])):
    p['pid'] = 'GR-VP-%03d' % (k + 1)
    p['name'] = (NAMES_F if p['sex'] == 'female' else NAMES_M).pop()
    p['dob'] = dob_for(rng, p['age'], p['op1'])
    p['ahv'] = '756.%04d.%04d.%02d' % (rng.randint(0, 9999), rng.randint(0, 9999), rng.randint(0, 99))
    p['kispi'] = '%08d' % rng.randint(10000000, 99999999)
    sn, fn = p['name'].split(', ')
    idents += [('name', p['name']), ('name', fn + ' ' + sn), ('birth_date', p['dob'].strftime('%d.%m.%Y')),
               ('birth_date', p['dob'].isoformat())]
DIAG_DE = {'osteoporotic': ['osteoporotische Fraktur', 'Osteoporose', 'OP-Sinterungsfraktur'],
           'pathologic': ['Metastase Mamma-Ca', 'Multiples Myelom', 'Metastase Prostata-Ca', 'Plasmozytom'],
           'traumatic': ['Sturz (Skiunfall)', 'Trauma, Sturz von Leiter'], 'other': ['Hämangiom']}
DIAG_RM = {'osteoporotic': ['osteoporosa', 'fractura osteoporotica'],
           'pathologic': ['metastasa (carcinom da la mamma)', 'mielom multipel', 'metastasa (carcinom da la prostata)'],
           'traumatic': ['accident da skis', 'crudada, trauma'], 'other': ['emangiom']}


def diag(tbl, p):
    o = [x for x in tbl[p['etiology']] if not (('Prostata' in x or 'prostata' in x) and p['sex'] == 'female')
         and not (('Mamma' in x or 'mamma' in x) and p['sex'] == 'male')]
    return rng.choice(o)


def de_level(L):
    return ('BWK %s' if L[0] == 'T' else 'LWK %s') % L[1:]


def rm_level(L):
    return 'Th' + L[1:] if L[0] == 'T' else L


LEAK_DE = {'none': 'keine', 'disc': 'Bandscheibe', 'venous': 'venös', 'paravertebral': 'paravertebral',
           'epidural': 'epidural', 'disc;venous': 'Bandscheibe + venös'}
LEAK_RM = {'disc': 'disc', 'venous': 'vena', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
           'disc;venous': 'disc + vena'}
errors = []
pool = [p for p in pats if len(p['sessions']) == 1]
rng.shuffle(pool)
p21 = [p for p in pool if p['sessions'][0]['tmpl'] == 2021]
p22 = [p for p in pool if p['sessions'][0]['tmpl'] == 2022]
e_lvl = p21[0]
e_vol = p21[1]
e_vasmm = [p for p in p22 if ('pain_vas', '6w') in p['sessions'][0]['scores']][0]
e_date = [p for p in p22 if p is not e_vasmm][0]
os.makedirs('input', exist_ok=True)
thin = Side(style='thin', color='999999')

# ================= Register_2021.xlsx (old template) =================
wb = Workbook(); ws = wb.active; ws.title = 'VP 2021'
ws['A1'] = 'Kantonsspital Graubünden - Klinik für Orthopädie und Traumatologie, Wirbelsäule'
ws['A1'].font = Font(bold=True, size=12)
ws['A2'] = 'Vertebroplastie / Kyphoplastie Register 2021  (VAS in mm, 0-100)'
ws['A3'] = 'Stand: Nov. 2023 / erfasst durch Studiensekretariat'
H = ['Studiencode', 'PID', 'Name, Vorname', 'AHV-Nr.', 'Geb.-Datum', 'Geschlecht', 'Diagnose', 'OP-Datum',
     'Höhe', 'Technik', 'Zement (ml)', 'Zementtyp', 'Leckage', 'VAS präop', 'VAS 6 Wo', 'VAS 3 Mt',
     'VAS 12 Mt', 'Neue Fraktur', 'Verstorben', 'Bemerkungen']
HR = 5
for c, h in enumerate(H, 1):
    x = ws.cell(HR, c, h); x.font = Font(bold=True); x.fill = PatternFill('solid', fgColor='DDEBF7')
    x.alignment = Alignment(wrap_text=True)
r = HR + 1
rows21 = sorted([(s['date'], p, s) for p in pats for s in p['sessions'] if s['tmpl'] == 2021], key=lambda t: t[0])
for date, p, s in rows21:
    n = len(s['levels'])
    top = r
    for j, l in enumerate(s['levels']):
        if p is e_lvl and j == 0:
            ws.cell(r, 9, 'LWK 6')
            errors.append(['VP 2021', 'I%d' % r, r, 'Höhe', 'LWK 6', 'Höhe unmöglich (kein LWK 6); richtig %s' % de_level(l['level']),
                           p['pid']])
        else:
            ws.cell(r, 9, de_level(l['level']))
        if p is e_vol and j == 0:
            bad = int(round(l['vol'] * 10))
            ws.cell(r, 11, bad)
            errors.append(['VP 2021', 'K%d' % r, r, 'Zement (ml)', bad,
                           '%d ml für einen Wirbel unmöglich (Komma vergessen); richtig %g' % (bad, l['vol']), p['pid']])
        else:
            ws.cell(r, 11, l['vol'])
        ws.cell(r, 13, LEAK_DE[l['leak']])
        r += 1
    ws.cell(top, 1, p['pid'])
    if s['session'] == 1:
        ws.cell(top, 2, p['kispi']); ws.cell(top, 3, p['name']); ws.cell(top, 4, p['ahv'])
        idents += [('record_number', p['kispi']), ('national_id', p['ahv'])]
        c = ws.cell(top, 5, p['dob']); c.number_format = 'DD.MM.YYYY'
        ws.cell(top, 6, 'w' if p['sex'] == 'female' else 'm')
        ws.cell(top, 7, diag(DIAG_DE, p))
    else:
        ws.cell(top, 3, p['name']); ws.cell(top, 7, 'neue Fraktur')
    c = ws.cell(top, 8, date); c.number_format = 'DD.MM.YYYY'
    ws.cell(top, 10, 'KP' if s['technique'] == 'kyphoplasty' else 'VP')
    ws.cell(top, 12, s['cement'])
    for tp, col in zip(TPS, [14, 15, 16, 17]):
        if s['session'] == 2 and tp == '12m':
            continue
        v = s['scores'].get(('pain_vas', tp))
        if v is not None:
            ws.cell(top, col, int(round(v * 10)))
        elif p['death_day'] is not None and s['day'] + TP_DAYS[tp] >= p['death_day']:
            ws.cell(top, col, '†')
        else:
            ws.cell(top, col, 'n.e.')
    if s['session'] == 1:
        fx = ['%s (%s)' % (de_level(L), (p['op1'] + dt.timedelta(days=d)).strftime('%d.%m.%Y')) for d, L in p['fractures']]
        ws.cell(top, 18, '; '.join(fx) if fx else 'nein')
        ws.cell(top, 19, ('ja, ' + (p['op1'] + dt.timedelta(days=p['death_day'])).strftime('%d.%m.%Y')) if p['died'] == 'yes' else 'nein')
        later = [x for x in p['sessions'] if x['session'] == 2]
        if later and later[0]['tmpl'] == 2022:
            ws.cell(top, 20, 'Re-OP 2022 -> siehe Register 2022')
        elif later:
            ws.cell(top, 20, 'Re-OP, s. unten')
    else:
        ws.cell(top, 20, 'Re-OP (2. Eingriff)')
    if n > 1:
        for col in [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 15, 16, 17, 18, 19, 20]:
            ws.merge_cells(start_row=top, start_column=col, end_row=top + n - 1, end_column=col)
    for rr in range(top, top + n):
        for cc in range(1, len(H) + 1):
            ws.cell(rr, cc).border = Border(top=thin, bottom=thin, left=thin, right=thin)
            ws.cell(rr, cc).alignment = Alignment(vertical='top')
r += 1
ws.cell(r, 1, 'n.e. = nicht erschienen;  † = verstorben;  VAS in mm (0 = kein Schmerz, 100 = stärkster Schmerz). ODI im alten Formular nicht erhoben.')
for i, w in enumerate([12, 10, 22, 17, 11, 6, 24, 11, 8, 7, 10, 9, 18, 8, 8, 8, 9, 26, 18, 30]):
    ws.column_dimensions[get_column_letter(i + 1)].width = w
ws.freeze_panes = 'D6'
wb.save('input/Register_2021.xlsx')

# ================= Register_2022.xlsx (new template, Romansh) =================
wb = Workbook(); ws = wb.active; ws.title = 'Register 2022'
ws['A1'] = 'Spital chantunal Grischun - Ortopedia e traumatologia, columna vertebrala'
ws['A1'].font = Font(bold=True, size=12)
ws['A2'] = 'Register da vertebroplastica / cifoplastica 2022 (nov formular: VAS 0-10, ODI en %)'
H = ['Code da studi', 'Num, prenum', 'Data da naschientscha', 'Schlattaina', 'Diagnosa', 'Data da l\'operaziun',
     'Tecnica', 'Vertebras', 'Cement total (ml)', 'Sort da cement', 'Fugia da cement',
     'ODI avant', 'VAS avant', 'VAS 6 emnas', 'ODI 6 emnas', 'VAS 3 mais', 'ODI 3 mais', 'VAS 12 mais',
     'ODI 12 mais', 'Nova fractura', 'Mort', 'Remarcas']
COL = {h: i + 1 for i, h in enumerate(H)}
HR = 4
for c, h in enumerate(H, 1):
    x = ws.cell(HR, c, h); x.font = Font(bold=True); x.fill = PatternFill('solid', fgColor='FCE4D6')
    x.alignment = Alignment(wrap_text=True)
r = HR + 1
rows22 = sorted([(s['date'], p, s) for p in pats for s in p['sessions'] if s['tmpl'] == 2022], key=lambda t: t[0])
SC = {('odi', 'pre'): 'ODI avant', ('pain_vas', 'pre'): 'VAS avant', ('pain_vas', '6w'): 'VAS 6 emnas',
      ('odi', '6w'): 'ODI 6 emnas', ('pain_vas', '3m'): 'VAS 3 mais', ('odi', '3m'): 'ODI 3 mais',
      ('pain_vas', '12m'): 'VAS 12 mais', ('odi', '12m'): 'ODI 12 mais'}
for date, p, s in rows22:
    ws.cell(r, 1, p['pid']); ws.cell(r, 2, p['name'])
    c = ws.cell(r, 3, p['dob']); c.number_format = 'DD.MM.YYYY'
    ws.cell(r, 4, 'f' if p['sex'] == 'female' else 'm')
    ws.cell(r, 5, diag(DIAG_RM, p) if s['session'] == 1 else 'nova fractura')
    if p is e_date:
        bad = '31.%02d.2022' % rng.choice([4, 6, 9, 11])
        ws.cell(r, 6, bad)
        errors.append(['Register 2022', 'F%d' % r, r, "Data da l'operaziun", bad,
                       'data impussibla (il mais ha 30 dis); la data vaira è %s' % date.strftime('%d.%m.%Y'), p['pid']])
    else:
        c = ws.cell(r, 6, date); c.number_format = 'DD.MM.YYYY'
    ws.cell(r, 7, 'KP' if s['technique'] == 'kyphoplasty' else 'VP')
    ws.cell(r, 8, ', '.join(rm_level(l['level']) for l in s['levels']))
    ws.cell(r, 9, round(sum(l['vol'] for l in s['levels']), 1))
    ws.cell(r, 10, s['cement'])
    lk = [l for l in s['levels'] if l['leak'] != 'none']
    if not lk:
        ws.cell(r, 11, 'na')
    elif len(s['levels']) == 1:
        ws.cell(r, 11, LEAK_RM[lk[0]['leak']])
    else:
        ws.cell(r, 11, ', '.join('%s %s' % (rm_level(l['level']), LEAK_RM[l['leak']]) for l in lk))
    for (m, tp), h in SC.items():
        if s['session'] == 2 and tp == '12m':
            continue
        v = s['scores'].get((m, tp))
        if v is not None:
            if p is e_vasmm and (m, tp) == ('pain_vas', '6w'):
                bad = int(round(v * 10))
                ws.cell(r, COL[h], bad)
                errors.append(['Register 2022', '%s%d' % (get_column_letter(COL[h]), r), r, h, bad,
                               'VAS %d ordaifer la scala 0-10 (scrit en mm tenor il vegl formular); duai esser %g' % (bad, v),
                               p['pid']])
            else:
                ws.cell(r, COL[h], v)
        elif p['death_day'] is not None and s['day'] + TP_DAYS[tp] >= p['death_day']:
            ws.cell(r, COL[h], 'mort')
        else:
            ws.cell(r, COL[h], 'betg vegnì')
    fx = [(d, L) for d, L in p['fractures'] if (p['op1'] + dt.timedelta(days=d)).year >= 2022
          and s['session'] == max(x['session'] for x in p['sessions'] if x['tmpl'] == 2022)]
    if fx:
        ws.cell(r, COL['Nova fractura'], '; '.join('%s (%s)' % (rm_level(L), (p['op1'] + dt.timedelta(days=d)).strftime('%d.%m.%Y')) for d, L in fx))
    if s['session'] == max(x['session'] for x in p['sessions']):
        ws.cell(r, COL['Mort'], ('gea, ' + (p['op1'] + dt.timedelta(days=p['death_day'])).strftime('%d.%m.%Y')) if p['died'] == 'yes' else 'na')
    if s['session'] == 2:
        first = p['sessions'][0]
        ws.cell(r, COL['Remarcas'], '2. operaziun; 1. operaziun %s%s' % (
            first['date'].strftime('%d.%m.%Y'), ' (guarda Register_2021)' if first['tmpl'] == 2021 else ''))
    elif len(p['sessions']) > 1:
        ws.cell(r, COL['Remarcas'], 'reoperaziun plinavant')
    else:
        ws.cell(r, COL['Remarcas'], rng.choice(['', '', 'Allegra! buna collavuraziun', 'viva suletta a Domat/Ems',
                                                 'paziente rumantscha, discurra tudestg mo pauc', 'diabetes', '']) or None)
    r += 1
r += 1
ws.cell(r, 1, "betg vegnì = betg cumparì a la controlla; mort = morta/mort avant la controlla. Cement: total per operaziun. "
              "Fracturas avant 2022: guarda Register_2021.")
for i, w in enumerate([12, 22, 12, 6, 26, 12, 7, 10, 9, 9, 18] + [8] * 8 + [24, 16, 40]):
    ws.column_dimensions[get_column_letter(i + 1)].width = w
ws.freeze_panes = 'C5'
wb.save('input/Register_2022.xlsx')
write_truth(pats, errors, idents)
