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

# ---- Belfast: VP/KP audit, Royal Victoria Hospital ----
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

rng = random.Random(3401)
TPS = ['pre', '24h', '6w', '3m', '12m']
pats = gen_cohort(rng, 18, dt.date(2021, 1, 11), dt.date(2022, 3, 30), TPS,
                  n_second=3, n_newfx=3, n_dead=3, vas_step=1,
                  odi_tps=['pre', '6w', '3m', '12m'], kp_share=0.25,
                  cement_types=('PMMA',), vol_range=(2.0, 5.5))
F_NAMES = [('Máire', 'Nic Giolla Chomhaill'), ('Patricia', 'McAuley'), ('Róisín', 'Quinn'),
           ('Margaret', 'Gilmore'), ('Eileen', 'Devlin'), ('Agnes', 'Rea'),
           ('Siobhán', 'Ní Bhriain'), ('Elizabeth', 'Harbinson'), ('Kathleen', 'McKee'),
           ('Isobel', 'Crawford'), ('Sadie', 'Montgomery'), ('Bernadette', 'Ó Dochartaigh'),
           ('Jean', 'Ferguson')]
M_NAMES = [('Seán', 'Ó Néill'), ('William', 'Patterson'), ('Samuel', 'Boyd'),
           ('Thomas', 'McCartney'), ('Robert', 'Kerr'), ('Joseph', 'Maguire'),
           ('Hugh', 'Doherty'), ('James', 'Magee'), ('Brendan', 'Mac Aodha')]
rng.shuffle(F_NAMES); rng.shuffle(M_NAMES)
idents = []
for p in pats:
    fn, sn = (F_NAMES if p['sex'] == 'female' else M_NAMES).pop()
    p['fn'], p['sn'] = fn, sn
    p['hcn'] = '%d%02d%07d' % (rng.choice([3, 4, 6, 7]), rng.randint(10, 99), rng.randint(0, 9999999))
    p['pid'] = p['hcn']
    p['dob'] = dob_for(rng, p['age'], p['op1'])
    p['tel'] = '07%03d %06d' % (rng.choice([700, 712, 745, 801, 834, 955]), rng.randint(0, 999999)) if rng.random() < 0.6 else ''
    idents += [('name', fn + ' ' + sn), ('surname', sn), ('forename', fn),
               ('health_and_care_number', p['hcn']),
               ('health_and_care_number', '%s %s %s' % (p['hcn'][:3], p['hcn'][3:6], p['hcn'][6:])),
               ('birth_date', p['dob'].strftime('%d/%m/%y')), ('birth_date', p['dob'].isoformat())]
    if p['tel']:
        idents.append(('phone', p['tel']))
    # 3-level sessions: theatre note gives only the total
    for s in p['sessions']:
        if len(s['levels']) >= 3:
            s['vol_mode'] = 'total'
        if rng.random() < 0.12:
            s['cement'] = ''

INDIC = {'osteoporotic': ['OP #', 'osteoporotic #', 'OP wedge #', 'insufficiency #'],
         'pathologic': ['mets - breast', 'myeloma', 'mets (prostate)', 'lung ca mets', 'myeloma - haem onc'],
         'traumatic': ['fall from ladder', 'RTC', 'fall down stairs, trauma'],
         'other': ['haemangioma', 'aggressive haemangioma']}
LEAKW = {'none': 'nil', 'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravert.',
         'epidural': 'epidural', 'disc;venous': 'disc + venous'}
COMMENTS = ['Fair scunnered with the pain pre-op', 'Out for a dander again',
            'Wee bit sore getting up', 'Thran, wouldn\'t stay in',
            'Lives in Gaoth Dobhair, daughter drives up', 'Walks wi a stick now, grand',
            'A wheen better', 'Pain "like a knife" pre-op', 'Teetotal, very frail',
            'Home POD1', 'Needs OT review', 'Go raibh maith agat card to ward', '', '', '', '']

HDR = ['H&C No.', 'Surname', 'Forename', 'DOB', 'Sex', 'Age', 'Indication', 'Date of proc.',
       'Procedure', 'Level(s)', 'Cement (mls)', 'Cement type', 'Leak', 'VAS pre', 'VAS 1/7',
       'VAS 6/52', 'VAS 3/12', 'VAS 12/12', 'ODI pre', 'ODI 6/52', 'ODI 3/12', 'ODI 12/12',
       'New #', 'Outcome', 'Tel.', 'Comments']
COL = {h: i + 1 for i, h in enumerate(HDR)}
TPCOL = {('pain_vas', 'pre'): 'VAS pre', ('pain_vas', '24h'): 'VAS 1/7', ('pain_vas', '6w'): 'VAS 6/52',
         ('pain_vas', '3m'): 'VAS 3/12', ('pain_vas', '12m'): 'VAS 12/12', ('odi', 'pre'): 'ODI pre',
         ('odi', '6w'): 'ODI 6/52', ('odi', '3m'): 'ODI 3/12', ('odi', '12m'): 'ODI 12/12'}

wb = Workbook()
ws = wb.active
ws.title = 'VP register'
ws['A1'] = 'Belfast Health & Social Care Trust - Royal Victoria Hospital, Regional Spinal Unit'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'Vertebroplasty / Kyphoplasty audit 2021-22 (Ward 4B) - keep updated after each clinic!!'
ws['A3'] = 'Key: 1/7 = day after (POD1)   6/52 = six weeks   3/12 = three months   12/12 = one year   DNA = did not attend   RIP = died (date)'
ws['A3'].font = Font(italic=True, size=9)
for r in (1, 2, 3):
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=14)
HR = 5
for h, c in COL.items():
    cell = ws.cell(HR, c, h)
    cell.font = Font(bold=True)
    cell.fill = PatternFill('solid', fgColor='BDD7EE')
    cell.alignment = Alignment(wrap_text=True)
ws.freeze_panes = 'B6'

errors = []
err_pids = {}
single_one = [p for p in pats if len(p['sessions']) == 1 and len(p['sessions'][0]['levels']) == 1]
rng.shuffle(single_one)
a, b = single_one[0], single_one[1]
c3 = [p for p in pats if p not in (a, b) and ('pain_vas', '6w') in p['sessions'][0]['scores']][0]
d4 = [p for p in pats if p not in (a, b, c3) and len(p['sessions']) == 1][0]
err_pids = {a['idx']: 'level', b['idx']: 'vol', c3['idx']: 'vas', d4['idx']: 'date'}

rows = []
for p in pats:
    for s in p['sessions']:
        rows.append((s['date'], p, s))
rows.sort(key=lambda t: t[0])
r = HR + 1
dna_fill = PatternFill('solid', fgColor='FFF2CC')
rip_fill = PatternFill('solid', fgColor='D9D9D9')
for date, p, s in rows:
    kind = err_pids.get(p['idx'])
    hc = p['hcn']
    hc_w = hc if s['session'] == 2 else '%s %s %s' % (hc[:3], hc[3:6], hc[6:])
    ws.cell(r, COL['H&C No.'], hc_w)
    ws.cell(r, COL['Surname'], p['sn'])
    ws.cell(r, COL['Forename'], p['fn'])
    if s['session'] == 1:
        c = ws.cell(r, COL['DOB'], p['dob']); c.number_format = 'dd/mm/yy'
        ws.cell(r, COL['Sex'], 'F' if p['sex'] == 'female' else 'M')
        ws.cell(r, COL['Age'], p['age'])
        opts = [x for x in INDIC[p['etiology']]
                if not ('prostate' in x and p['sex'] == 'female') and not ('breast' in x and p['sex'] == 'male')]
        ws.cell(r, COL['Indication'], rng.choice(opts))
        if p['tel']:
            ws.cell(r, COL['Tel.'], p['tel'])
    else:
        ws.cell(r, COL['Indication'], 'new # (see row above)')
    if kind == 'date':
        bad = '31/%02d/%s' % (rng.choice([4, 6, 9, 11]), date.strftime('%y'))
        ws.cell(r, COL['Date of proc.'], bad)
        errors.append(['VP register', 'H%d' % r, r, 'Date of proc.', bad,
                       'impossible date (that month has 30 days); real date of procedure was %s' % date.strftime('%d/%m/%y'),
                       p['pid']])
    else:
        c = ws.cell(r, COL['Date of proc.'], date); c.number_format = 'dd/mm/yy'
    tech = 'KP' if s['technique'] == 'kyphoplasty' else 'VP'
    ws.cell(r, COL['Procedure'], tech if s['session'] == 1 else '2nd ' + tech)
    lvls = [l['level'] for l in s['levels']]
    if kind == 'level':
        ws.cell(r, COL['Level(s)'], 'L7')
        errors.append(['VP register', 'J%d' % r, r, 'Level(s)', 'L7',
                       'impossible level (there is no L7); should be %s' % lvls[0], p['pid']])
    else:
        ws.cell(r, COL['Level(s)'], ', '.join(lvls))
    if s['vol_mode'] == 'total':
        ws.cell(r, COL['Cement (mls)'], '%g mls total' % round(sum(l['vol'] for l in s['levels']), 1))
    elif len(lvls) == 1:
        v = s['levels'][0]['vol']
        if kind == 'vol':
            ws.cell(r, COL['Cement (mls)'], int(round(v * 10)))
            errors.append(['VP register', 'K%d' % r, r, 'Cement (mls)', int(round(v * 10)),
                           'volume %d mL impossible for one vertebra (decimal point lost); should be %g' % (int(round(v * 10)), v),
                           p['pid']])
        else:
            ws.cell(r, COL['Cement (mls)'], v)
    else:
        ws.cell(r, COL['Cement (mls)'], ' / '.join('%s %.1f' % (l['level'], l['vol']) for l in s['levels']))
    ws.cell(r, COL['Cement type'], s['cement'] or None)
    lk = [l for l in s['levels'] if l['leak'] != 'none']
    if not lk:
        ws.cell(r, COL['Leak'], rng.choice(['nil', 'nil', 'Nil', 'no']))
    elif len(lvls) == 1:
        ws.cell(r, COL['Leak'], LEAKW[lk[0]['leak']])
    else:
        ws.cell(r, COL['Leak'], ', '.join('%s %s' % (l['level'], LEAKW[l['leak']]) for l in lk))
    # scores
    dead_from = s['day'] + 0
    for (m, tp), h in TPCOL.items():
        tp_all = TPS if m == 'pain_vas' else ['pre', '6w', '3m', '12m']
        if s['session'] == 2 and tp == '12m':
            continue
        v = s['scores'].get((m, tp))
        cell = ws.cell(r, COL[h])
        if v is not None:
            if kind == 'vas' and (m, tp) == ('pain_vas', '6w'):
                cell.value = 14
                errors.append(['VP register', '%s%d' % (get_column_letter(COL[h]), r), r, h, 14,
                               'VAS 14 is outside the 0-10 scale; should be %g' % v, p['pid']])
            else:
                cell.value = v
        else:
            if p['death_day'] is not None and s['day'] + TP_DAYS[tp] >= p['death_day']:
                cell.value = None
            else:
                if tp == 'pre':
                    continue
                cell.value = 'DNA'
                cell.fill = dna_fill
    fx = []
    if s['session'] == 1:
        for d, L in p['fractures']:
            dd = p['op1'] + dt.timedelta(days=d)
            how = rng.choice(['XR', 'MRI', 'MRI'])
            fx.append('%s # on %s %s' % (L, how, dd.strftime('%d/%m/%y')))
        if fx:
            ws.cell(r, COL['New #'], '; '.join(fx))
        if p['died'] == 'yes':
            dd = p['op1'] + dt.timedelta(days=p['death_day'])
            ws.cell(r, COL['Outcome'], 'RIP %s' % dd.strftime('%d/%m/%y'))
            for c in range(1, len(HDR) + 1):
                if ws.cell(r, c).fill.fgColor.rgb in (None, '00000000'):
                    ws.cell(r, c).fill = rip_fill
        elif len(p['sessions']) > 1:
            ws.cell(r, COL['Outcome'], 'for 2nd proc.')
        else:
            ws.cell(r, COL['Outcome'], rng.choice(['d/c to GP', 'd/c to GP', 'review PRN', '']) or None)
        ws.cell(r, COL['Comments'], rng.choice(COMMENTS) or None)
    else:
        ws.cell(r, COL['Outcome'], 'd/c to GP')
        ws.cell(r, COL['Comments'], '2nd procedure - same pt, new # below/above')
    r += 1
r += 1
ws.cell(r, 1, 'Notes: leak column lists only the levels that leaked (others nil). Blank VAS/ODI after RIP. '
              'Cement vol. from theatre note - where only the total was written it says "total".')
ws.cell(r + 1, 1, 'Audit lead: Mr D. Mac Aodha (Cons. Spinal Surgeon) - queries to ward 4B ext 2218')
idents.append(('name', 'D. Mac Aodha'))
widths = [13, 18, 11, 10, 5, 5, 18, 11, 9, 12, 20, 10, 18] + [8] * 9 + [26, 16, 14, 34]
for i, wdt in enumerate(widths):
    ws.column_dimensions[get_column_letter(i + 1)].width = wdt
wb.save('input.xlsx')
write_truth(pats, errors, idents)
