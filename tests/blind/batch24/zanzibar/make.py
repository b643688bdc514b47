# ---- cohort generator (self-contained) ----
import sys, os, csv, random, datetime as dt

TP_DAY = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
ALL_LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def pick_levels(R, k):
    w = [1, 1, 2, 3, 4, 5, 7, 10, 14, 14, 8, 5, 3, 2]
    while True:
        i = R.choices(range(len(ALL_LEVELS)), weights=w)[0]
        if i + k <= len(ALL_LEVELS):
            return ALL_LEVELS[i:i + k]


def pick_leak(R):
    r = R.random()
    if r < 0.72:
        return ['none']
    if r < 0.93:
        return [R.choice(['disc', 'venous', 'paravertebral', 'disc', 'venous'])]
    a = R.sample(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], 2)
    return sorted(a, key=LEAKS.index)


def score(R, measure, tp, pre=None):
    if measure == 'pain_vas':
        if tp == 'pre':
            return R.randint(6, 10)
        f = {'24h': .55, '1w': .5, '2w': .45, '6w': .4, '1m': .4, '3m': .35, '6m': .3, '12m': .3, '24m': .3}[tp]
        return max(0, min(10, round(pre * f + R.uniform(-1.2, 1.5))))
    if measure == 'odi':
        if tp == 'pre':
            return R.randrange(40, 86, 2)
        f = {'24h': .8, '1w': .7, '2w': .65, '6w': .6, '1m': .6, '3m': .5, '6m': .45, '12m': .42, '24m': .4}[tp]
        return max(0, min(100, 2 * round((pre * f + R.uniform(-6, 6)) / 2)))
    if measure == 'mobility':
        if tp == 'pre':
            return R.randint(2, 4)
        return max(0, min(4, pre - R.choice([1, 1, 2, 2, 3])))


def gen_cohort(R, n, start, measures, s2_measures, n_s2=3, n_fx_only=1, n_dead=3,
               p_kypho=0.3, p_cap=0.1, vol_step=0.5, p_missing=0.1):
    """measures: {measure: [timepoints]} for session 1; s2_measures likewise for session 2."""
    pts = []
    all_tps = sorted({t for v in measures.values() for t in v}, key=lambda t: TP_DAY[t])
    for i in range(n):
        sex = 'female' if R.random() < 0.72 else 'male'
        etio = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], weights=[68, 17, 10, 5])[0]
        age = R.randint(38, 62) if etio in ('traumatic',) else R.randint(55, 89)
        d0 = start + dt.timedelta(days=R.randint(0, 700))
        dob = d0 - dt.timedelta(days=int(age * 365.25) + R.randint(10, 350))
        age = age_at(dob, d0)
        p = dict(idx=i, sex=sex, etio=etio, age=age, dob=dob, d0=d0, died='no', death_day=None,
                 sessions=[], scores={}, visit_day={}, fractures=[])
        k = R.choices([1, 2, 3], weights=[70, 22, 8])[0]
        tech = 'kyphoplasty' if R.random() < p_kypho else 'vertebroplasty'
        cem = 'calcium phosphate' if R.random() < p_cap else 'PMMA'
        verts = []
        for lv in pick_levels(R, k):
            base = 3.0 if lv.startswith('T') else 4.0
            if tech == 'kyphoplasty':
                base += 1.0
            v = round(round((base + R.uniform(-1.0, 2.5)) / vol_step) * vol_step, 1)
            verts.append([lv, v, pick_leak(R)])
        p['sessions'].append(dict(day=0, tech=tech, cement=cem, verts=verts))
        for m, tps in measures.items():
            pre = None
            for tp in tps:
                val = score(R, m, tp, pre)
                if tp == 'pre':
                    pre = val
                p['scores'][(1, m, tp)] = val
        for tp in all_tps:
            p['visit_day'][(1, tp)] = TP_DAY[tp] + (R.randint(0, 4) if TP_DAY[tp] >= 30 else 0)
        pts.append(p)
    # roles
    order = list(range(n))
    R.shuffle(order)
    s2 = order[:n_s2]
    fxo = order[n_s2:n_s2 + n_fx_only]
    # prefer pathologic deaths
    rest = [j for j in order[n_s2 + n_fx_only:]]
    rest.sort(key=lambda j: (pts[j]['etio'] != 'pathologic', j))
    dead = rest[:n_dead]
    later = [t for t in all_tps if TP_DAY[t] >= 91]
    for j in s2:
        p = pts[j]
        tp = later[0]
        fday = p['visit_day'][(1, tp)]
        used = {v[0] for v in p['sessions'][0]['verts']}
        lo = ALL_LEVELS.index(p['sessions'][0]['verts'][0][0])
        hi = ALL_LEVELS.index(p['sessions'][0]['verts'][-1][0])
        cand = [ALL_LEVELS[x] for x in (lo - 1, hi + 1, hi + 2) if 0 <= x < len(ALL_LEVELS)]
        lv = cand[0] if R.random() < 0.5 or len(cand) == 1 else cand[1]
        p['fractures'].append((fday, lv))
        sday = fday + R.randint(6, 20)
        tech = p['sessions'][0]['tech']
        v = round(round((3.5 + R.uniform(-0.5, 2.0)) / vol_step) * vol_step, 1)
        p['sessions'].append(dict(day=sday, tech=tech, cement=p['sessions'][0]['cement'],
                                  verts=[[lv, v, pick_leak(R)]]))
        # session-1 scores after the detection visit are dropped
        for (s, m, t) in list(p['scores']):
            if s == 1 and TP_DAY[t] > TP_DAY[tp]:
                del p['scores'][(s, m, t)]
        for (s, t) in list(p['visit_day']):
            if s == 1 and TP_DAY[t] > TP_DAY[tp]:
                del p['visit_day'][(s, t)]
        s2tps = sorted({t for v in s2_measures.values() for t in v}, key=lambda t: TP_DAY[t])
        for m, tps in s2_measures.items():
            pre = None
            for t in tps:
                val = score(R, m, t, pre)
                if t == 'pre':
                    pre = val
                p['scores'][(2, m, t)] = val
        for t in s2tps:
            p['visit_day'][(2, t)] = sday + TP_DAY[t] + (R.randint(0, 4) if TP_DAY[t] >= 30 else 0)
    for j in fxo:
        p = pts[j]
        tp = later[-1]
        lv0 = ALL_LEVELS.index(p['sessions'][0]['verts'][-1][0])
        lv = ALL_LEVELS[lv0 + 1] if lv0 + 1 < len(ALL_LEVELS) else ALL_LEVELS[lv0 - len(p['sessions'][0]['verts'])]
        p['fractures'].append((p['visit_day'][(1, tp)], lv))
    for j in dead:
        p = pts[j]
        k = R.randint(2, len(all_tps) - 2)
        cut = all_tps[k]
        for (s, m, t) in list(p['scores']):
            if TP_DAY[t] > TP_DAY[cut]:
                del p['scores'][(s, m, t)]
        for (s, t) in list(p['visit_day']):
            if TP_DAY[t] > TP_DAY[cut]:
                del p['visit_day'][(s, t)]
        p['died'] = 'yes'
        p['death_day'] = p['visit_day'][(1, cut)] + R.randint(10, 40)
    # random missing visits (not 'pre')
    for p in pts:
        for (s, t) in list(p['visit_day']):
            fdays = {d for d, _ in p['fractures']}
            if t != 'pre' and p['visit_day'][(s, t)] not in fdays and R.random() < p_missing:
                for key in list(p['scores']):
                    if key[0] == s and key[2] == t:
                        p['scores'][key] = None
    return pts


def write_truth(outdir, pts, errors, identifiers, per_vertebra_volume=True, drop_levels=(), drop_scores=(),
                drop_vol=()):
    """drop_levels: {(pid, session, vert_index)} blank level; drop_scores: {(pid,s,m,t)} omitted;
    drop_vol: {(pid, session, vert_index)} blank volume."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    fmt = lambda v: ('%g' % v) if isinstance(v, float) else v
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etio'], p['died']] for p in pts if p.get('pid')])
    rows = []
    for p in pts:
        if not p.get('pid'):
            continue
        for si, s in enumerate(p['sessions'], 1):
            tot = round(sum(v[1] for v in s['verts']), 1)
            for vi, (lv, vol, lk) in enumerate(s['verts']):
                lvl = '' if (p['pid'], si, vi) in drop_levels else lv
                if per_vertebra_volume:
                    cv, sv = ('' if (p['pid'], si, vi) in drop_vol else fmt(vol)), ''
                else:
                    cv, sv = '', ('' if (p['pid'], si, 0) in drop_vol else fmt(tot))
                rows.append([p['pid'], si, s['day'], lvl, s['tech'], cv, sv, s['cement'], ';'.join(lk)])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        if not p.get('pid'):
            continue
        for (s, m, t), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], TP_DAY[kv[0][2]])):
            if v is None or (p['pid'], s, m, t) in drop_scores:
                continue
            rows.append([p['pid'], s, m, t, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pts if p.get('pid') for (d, lv) in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)
# ---- end generator ----

# ---- Zanzibar: register pasted from a Word table, one row per session, multi-line cells ----
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

R = random.Random(2401)
S1 = {'pain_vas': ['pre', '24h', '1m', '3m', '6m'], 'odi': ['pre', '3m', '6m']}
S2 = {'pain_vas': ['pre', '24h', '1m', '3m'], 'odi': ['pre', '3m']}
pts = gen_cohort(R, 24, dt.date(2021, 2, 1), S1, S2, n_s2=3, n_fx_only=2, n_dead=3, p_kypho=0.15, p_cap=0.08)

F_NAMES = ['Mwanaisha', 'Fatma', 'Asha', 'Zuhura', 'Mwanahawa', 'Time', 'Khadija', 'Rehema', 'Salma', 'Biubwa',
           'Mwanajuma', 'Tatu', 'Halima', 'Saada', 'Amina', 'Mwatima', 'Zainab', 'Riziki', 'Hidaya']
M_NAMES = ['Salim', 'Khamis', 'Juma', 'Abdalla', 'Suleiman', 'Haji', 'Omar', 'Makame', 'Ali', 'Mussa', 'Hamad']
SUR = ['Khamis', 'Ali', 'Juma', 'Mohammed', 'Said', 'Haji', 'Makame', 'Othman', 'Abdalla', 'Hassan', 'Vuai',
       'Mussa', 'Ame', 'Salum', 'Rashid', 'Mzee', 'Kombo', 'Shaaban']
ETIO = {'osteoporotic': ['Osteoporosis', 'Mifupa dhaifu (osteoporosis)'],
        'pathologic': ['Saratani - metastasis', 'Myeloma', 'Uvimbe (tumour)'],
        'traumatic': ['Ajali (trauma)', 'Kuanguka - trauma'], 'other': ['Nyingine (haemangioma)']}
LEAK = {'none': 'Hakuna', 'disc': 'Diski', 'venous': 'Mshipa (venous)', 'paravertebral': 'Paravertebral',
        'epidural': 'Epidural', 'foraminal': 'Foramina'}
BRAND = {'PMMA': ['Osteopal V', 'Vertecem V+', 'PMMA'], 'calcium phosphate': ['Calcium phosphate (KyphOs)']}

used = set()
ids = []
for p in pts:
    while True:
        fn = R.choice(F_NAMES if p['sex'] == 'female' else M_NAMES)
        nm = '%s %s %s' % (fn, R.choice(SUR), R.choice(SUR))
        if nm not in used:
            used.add(nm)
            break
    p['name'] = ('Bi. ' if p['sex'] == 'female' else 'Bw. ') + nm
    p['rec'] = 'MMR/%d/%05d' % (p['d0'].year, R.randint(1000, 39999))
    p['phone'] = '+255 7%d%d %03d %03d' % (R.choice([7, 3, 5, 1]), R.randint(0, 9), R.randint(0, 999), R.randint(0, 999))
    p['etxt'] = R.choice(ETIO[p['etio']])
    p['brand'] = R.choice(BRAND[p['sessions'][0]['cement']])
pts.sort(key=lambda p: p['d0'])
for i, p in enumerate(pts, 1):
    p['pid'] = 'ZNZ-VP-%02d' % i
    ids += [['name', p['name']], ['record_number', p['rec']], ['phone', p['phone']]]

# planted errors: choose plain patients (one session, alive, no fracture)
plain = [p for p in pts if len(p['sessions']) == 1 and p['died'] == 'no' and not p['fractures']]
eT13, eDATE, eVOL = plain[2], plain[10], plain[14]
eVAS = next(p for p in plain[5:] if p['scores'].get((1, 'pain_vas', '1m')) is not None
            and p not in (eT13, eDATE, eVOL))
# the wrong date must be a 31st of a 30-day month: move that patient's procedure to April
eDATE['d0'] = dt.date(2022, 4, 30)
eDATE['dob'] = None
drop_levels, drop_scores, drop_vol = set(), set(), set()
errors = []

wb = Workbook()
ws = wb.active
ws.title = 'Daftari VP'
ws['A1'] = 'HOSPITALI YA RUFAA MWEMBELADU - ZANZIBAR'
ws['A2'] = 'Idara ya Mifupa (Orthopaedic) - Daftari la wagonjwa wa Vertebroplasty / Kyphoplasty 2021-2023'
ws['A3'] = 'Imenakiliwa kutoka jedwali la Word (Dr. Haji). "-" = hakuna taarifa, "hakuja" = mgonjwa hakuhudhuria kliniki'
ws['A1'].font = Font(bold=True, size=13)
head = ['Na.', 'Namba ya Utafiti', 'Jina la Mgonjwa', 'Namba ya Faili', 'Simu', 'Jinsia', 'Umri (miaka)',
        'Chanzo', 'Kikao', 'Tarehe ya upasuaji', 'Utaratibu', 'Pingili (level)', 'Saruji (ml)', 'Aina ya saruji',
        'Uvujaji wa saruji']
vas_cols = ['Kabla', 'Saa 24', 'Mwezi 1', 'Miezi 3', 'Miezi 6']
vas_tp = ['pre', '24h', '1m', '3m', '6m']
odi_cols = ['Kabla', 'Miezi 3', 'Miezi 6']
odi_tp = ['pre', '3m', '6m']
tail = ['Mvunjiko mpya (pingili - tarehe)', 'Hali ya mwisho', 'Maelezo']
H1, H2 = 4, 5
col = 1
for h in head:
    ws.cell(H1, col, h)
    ws.merge_cells(start_row=H1, start_column=col, end_row=H2, end_column=col)
    col += 1
c_vas = col
ws.cell(H1, col, 'Maumivu - VAS (0-10)')
ws.merge_cells(start_row=H1, start_column=col, end_row=H1, end_column=col + 4)
for j, h in enumerate(vas_cols):
    ws.cell(H2, col + j, h)
col += 5
c_odi = col
ws.cell(H1, col, 'ODI (%)')
ws.merge_cells(start_row=H1, start_column=col, end_row=H1, end_column=col + 2)
for j, h in enumerate(odi_cols):
    ws.cell(H2, col + j, h)
col += 3
c_tail = col
for h in tail:
    ws.cell(H1, col, h)
    ws.merge_cells(start_row=H1, start_column=col, end_row=H2, end_column=col)
    col += 1
for r in (H1, H2):
    for c in range(1, col):
        ws.cell(r, c).font = Font(bold=True)
        ws.cell(r, c).alignment = Alignment(wrap_text=True, vertical='center')

NOTES_OK = ['Alhamdulillah, maumivu yamepungua', 'الحمد لله - anatembea bila msaada', 'Anatumia fimbo',
            'Amepewa calcium + vitamin D', 'Inshallah atarudi kliniki', '', '', '', '', '']
ddmmyyyy = lambda d: d.strftime('%d/%m/%Y')
row = H2 + 1
na = 0
for p in pts:
    for si, s in enumerate(p['sessions'], 1):
        na += 1
        sd = p['d0'] + dt.timedelta(days=s['day'])
        first = si == 1
        vals = {1: na, 2: p['pid'], 3: p['name'], 4: p['rec'] if first else '', 5: p['phone'] if first else '',
                6: ('KE' if p['sex'] == 'female' else 'ME') if first else '',
                7: p['age'] if first else '', 8: p['etxt'] if first else '', 9: si,
                10: ddmmyyyy(sd), 11: 'Vertebroplasty' if s['tech'] == 'vertebroplasty' else 'Kyphoplasty',
                12: '\n'.join(v[0] for v in s['verts']), 13: '\n'.join('%.1f' % v[1] for v in s['verts']),
                14: p['brand'], 15: '\n'.join(' + '.join(LEAK[x] for x in v[2]) for v in s['verts'])}
        if p is eDATE and first:
            vals[10] = '31/04/2022'
            errors.append(['Daftari VP', 'J%d' % row, row, 'Tarehe ya upasuaji', '31/04/2022',
                           'impossible date: April has 30 days', p['pid']])
        if p is eT13 and first:
            vi = len(s['verts']) - 1
            lv = [v[0] for v in s['verts']]
            lv[vi] = 'T13'
            vals[12] = '\n'.join(lv)
            drop_levels.add((p['pid'], 1, vi))
            errors.append(['Daftari VP', 'L%d' % row, row, 'Pingili (level)', vals[12],
                           'impossible vertebral level T13', p['pid']])
        if p is eVOL and first:
            vi = 0
            vv = ['%.1f' % v[1] for v in s['verts']]
            vv[vi] = '24.0'
            vals[13] = '\n'.join(vv)
            drop_vol.add((p['pid'], 1, vi))
            errors.append(['Daftari VP', 'M%d' % row, row, 'Saruji (ml)', vals[13],
                           'cement volume 24 mL in one vertebra (above 20 mL)', p['pid']])
        for c, v in vals.items():
            ws.cell(row, c, v).alignment = Alignment(wrap_text=True, vertical='top')
        for j, tp in enumerate(vas_tp):
            key = (si, 'pain_vas', tp)
            if key in p['scores']:
                v = p['scores'][key]
                cell = ws.cell(row, c_vas + j, v if v is not None else R.choice(['-', 'hakuja']))
                if p is eVAS and first and tp == '1m' and v is not None:
                    cell.value = 12
                    drop_scores.add((p['pid'], 1, 'pain_vas', '1m'))
                    errors.append(['Daftari VP', cell.coordinate, row, 'Mwezi 1', '12',
                                   'VAS 12 on a 0-10 scale', p['pid']])
        for j, tp in enumerate(odi_tp):
            key = (si, 'odi', tp)
            if key in p['scores']:
                v = p['scores'][key]
                ws.cell(row, c_odi + j, v if v is not None else '-')
        # tail
        fx = ''
        if first and p['fractures']:
            d, lv = p['fractures'][0]
            fx = '%s - %s' % (lv, ddmmyyyy(p['d0'] + dt.timedelta(days=d)))
            if len(p['sessions']) > 1:
                fx += ' (kikao cha 2)'
        elif first:
            fx = 'Hakuna'
        ws.cell(row, c_tail, fx)
        if si == len(p['sessions']):
            st = 'Amefariki %s' % ddmmyyyy(p['d0'] + dt.timedelta(days=p['death_day'])) if p['died'] == 'yes' else 'Yu hai'
            ws.cell(row, c_tail + 1, st)
            note = 'Marehemu - رحمه الله' if p['died'] == 'yes' else R.choice(NOTES_OK)
            ws.cell(row, c_tail + 2, note)
        else:
            ws.cell(row, c_tail + 1, 'Yu hai')
        nl = max(len(s['verts']), 1)
        ws.row_dimensions[row].height = 15 * nl + 2
        row += 1
if eVAS['scores'].get((1, 'pain_vas', '1m')) is None:
    raise SystemExit('eVAS patient has no 1m VAS; change pick')
widths = [5, 13, 30, 16, 17, 7, 8, 22, 6, 13, 15, 10, 10, 22, 20] + [8] * 8 + [26, 24, 34]
for i, w_ in enumerate(widths, 1):
    ws.column_dimensions[get_column_letter(i)].width = w_
ws.freeze_panes = 'C6'
out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)
wb.save(os.path.join(out, 'input.xlsx'))
write_truth(out, pts, errors, ids, per_vertebra_volume=True, drop_levels=drop_levels,
            drop_scores=drop_scores, drop_vol=drop_vol)
