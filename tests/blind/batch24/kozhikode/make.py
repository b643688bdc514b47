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

# ---- Kozhikode: REDCap-like event export with numeric codes + codes sheet ----
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

R = random.Random(2402)
S1 = {'pain_vas': ['pre', '24h', '1m', '3m', '6m'], 'odi': ['pre', '1m', '6m']}
S2 = {'pain_vas': ['pre', '1m', '3m'], 'odi': ['pre', '3m']}
pts = gen_cohort(R, 26, dt.date(2022, 1, 10), S1, S2, n_s2=3, n_fx_only=1, n_dead=2, p_kypho=0.35, p_cap=0.1)

F_NAMES = ['Sreedevi', 'Fathima', 'Kamala', 'Ammini', 'Leela', 'Saramma', 'Khadeeja', 'Radha', 'Sainaba',
           'Janaki', 'Mariyumma', 'Thankamma', 'Sumathi', 'Aysha', 'Kalyani', 'Annamma', 'Devaki']
M_NAMES = ['Moideen', 'Raghavan', 'Kunhikrishnan', 'Abdul Rahman', 'Varghese', 'Balan', 'Gopalan', 'Ahmed Kutty',
           'Chandran', 'Joseph']
INI = ['K.', 'P.', 'V.', 'T.', 'M.', 'C.', 'E.', 'A.', 'N.']
CAUSE = {'osteoporotic': 1, 'pathologic': None, 'traumatic': 4, 'other': 5}
LEAKC = {'none': '0', 'disc': '1', 'venous': '2', 'paravertebral': '3', 'epidural': '4', 'foraminal': '5'}
used = set()
ids = []
for p in pts:
    while True:
        nm = '%s %s' % (R.choice(INI), R.choice(F_NAMES if p['sex'] == 'female' else M_NAMES))
        if nm not in used:
            used.add(nm)
            break
    p['name'] = nm
    p['ip'] = '%d%06d' % (p['d0'].year % 100, R.randint(1000, 99999))
    p['phone'] = '9%d%08d' % (R.choice([4, 5, 6, 7, 8, 9]), R.randint(0, 99999999))
    p['cause'] = CAUSE[p['etio']] or R.choice([2, 2, 3])
    p['cem'] = 3 if p['sessions'][0]['cement'] == 'calcium phosphate' else R.choice([1, 2])
pts.sort(key=lambda p: p['d0'])
for i, p in enumerate(pts, 1):
    p['pid'] = 'KMC-VA-%03d' % i
    ids += [['name', p['name']], ['record_number', p['ip']], ['birth_date', p['dob'].strftime('%d/%m/%Y')],
            ['phone', p['phone']]]

plain = [p for p in pts if len(p['sessions']) == 1 and p['died'] == 'no' and not p['fractures']]
eL6 = plain[1]
eODI = next(p for p in plain[4:] if p['scores'].get((1, 'odi', '6m')) is not None)
eFEB = next(p for p in plain[8:] if p['scores'].get((1, 'pain_vas', '3m')) is not None and p is not eODI)
eBEF = next(p for p in plain[12:] if p['scores'].get((1, 'pain_vas', '1m')) is not None and p not in (eODI, eFEB))
drop_levels, drop_scores = set(), set()
errors = []


def lvl_txt(lv):
    return ('D' + lv[1:]) if lv.startswith('T') else lv   # Kerala habit: D12 = T12


def dfmt(d):
    return d.strftime(R.choice(['%d/%m/%Y', '%d.%m.%Y']))


cols = ['record_id', 'redcap_event_name', 'pt_name', 'ip_no', 'dob', 'age', 'sex', 'phone', 'cause',
        'proc_date', 'technique', 'cement', 'level_1', 'vol_1', 'leak_1', 'level_2', 'vol_2', 'leak_2',
        'level_3', 'vol_3', 'leak_3', 'visit_date', 'vas', 'odi', 'new_fx', 'new_fx_level', 'remarks',
        'status', 'death_date']
labels = ['രോഗി ഐഡി', 'ഇവന്റ്', 'പേര്', 'IP നമ്പർ', 'ജനന തീയതി', 'വയസ്സ്', 'ലിംഗം', 'ഫോൺ', 'കാരണം',
          'പ്രൊസീജർ തീയതി', 'രീതി', 'സിമന്റ്', 'ലെവൽ 1', 'സിമന്റ് ml 1', 'ലീക്ക് 1', 'ലെവൽ 2', 'സിമന്റ് ml 2',
          'ലീക്ക് 2', 'ലെവൽ 3', 'സിമന്റ് ml 3', 'ലീക്ക് 3', 'സന്ദർശന തീയതി', 'VAS (0-10)', 'ODI %',
          'പുതിയ ഒടിവ്', 'ഒടിവ് ലെവൽ', 'കുറിപ്പ്', 'സ്ഥിതി', 'മരണ തീയതി']
C = {c: i + 1 for i, c in enumerate(cols)}
wb = Workbook()
ws = wb.active
ws.title = 'redcap_export'
for c, l in zip(cols, labels):
    ws.cell(1, C[c], c).font = Font(bold=True)
    ws.cell(2, C[c], l).font = Font(italic=True)
row = 3
EV = {'24h': 'fu_24h_arm_1', '1m': 'fu_1m_arm_1', '3m': 'fu_3m_arm_1', '6m': 'fu_6m_arm_1'}
EV2 = {'1m': 'fu2_1m_arm_1', '3m': 'fu2_3m_arm_1'}
REM_MISS = ['വന്നില്ല (not came)', 'ഫോൺ എടുത്തില്ല - lost', 'not came, ബന്ധുക്കൾ പറഞ്ഞു വേദന കുറവ്']
for p in pts:
    def put(vals):
        global row
        ws.cell(row, 1, p['pid'])
        for k, v in vals.items():
            ws.cell(row, C[k], v)
        row += 1
    put({'redcap_event_name': 'baseline_arm_1', 'pt_name': p['name'], 'ip_no': p['ip'],
         'dob': p['dob'].strftime('%d/%m/%Y'), 'age': p['age'], 'sex': 2 if p['sex'] == 'female' else 1,
         'phone': p['phone'], 'cause': p['cause'], 'status': 2 if p['died'] == 'yes' else 1,
         'death_date': (p['d0'] + dt.timedelta(days=p['death_day'])).strftime('%d.%m.%Y') if p['died'] == 'yes' else None})
    for si, s in enumerate(p['sessions'], 1):
        sd = p['d0'] + dt.timedelta(days=s['day'])
        vals = {'redcap_event_name': 'procedure_%d_arm_1' % si, 'proc_date': sd.strftime('%d.%m.%Y'),
                'technique': 1 if s['tech'] == 'vertebroplasty' else 2, 'cement': p['cem'],
                'vas': p['scores'].get((si, 'pain_vas', 'pre')), 'odi': p['scores'].get((si, 'odi', 'pre'))}
        for vi, (lv, vol, lk) in enumerate(s['verts'], 1):
            vals['level_%d' % vi] = lvl_txt(lv)
            vals['vol_%d' % vi] = vol
            vals['leak_%d' % vi] = ','.join(LEAKC[x] for x in lk) if len(lk) > 1 else int(LEAKC[lk[0]])
        if p is eL6 and si == 1:
            vi = len(s['verts'])
            vals['level_%d' % vi] = 'L6'
            drop_levels.add((p['pid'], 1, vi - 1))
            errors.append(['redcap_export', '%s%d' % (chr(64 + C['level_%d' % vi]), row), row, labels[C['level_%d' % vi] - 1], 'L6',
                           'impossible vertebral level L6', p['pid']])
        put(vals)
        evs = EV if si == 1 else EV2
        for tp, ev in evs.items():
            if (si, tp) not in p['visit_day']:
                continue
            vd = p['d0'] + dt.timedelta(days=p['visit_day'][(si, tp)])
            vas = p['scores'].get((si, 'pain_vas', tp))
            odi = p['scores'].get((si, 'odi', tp))
            vals = {'redcap_event_name': ev}
            if vas is None and odi is None:
                vals['remarks'] = R.choice(REM_MISS)
            else:
                vals.update({'visit_date': dfmt(vd), 'vas': vas, 'odi': odi, 'new_fx': 0})
                fx = [f for f in p['fractures'] if f[0] == p['visit_day'][(si, tp)]]
                if fx:
                    vals['new_fx'] = 1
                    vals['new_fx_level'] = lvl_txt(fx[0][1])
                    vals['remarks'] = 'പുതിയ ഒടിവ് MRI confirmed' + ('; re-do planned' if len(p['sessions']) > 1 else '; conservative')
            if p is eODI and si == 1 and tp == '6m':
                vals['odi'] = 130
                drop_scores.add((p['pid'], 1, 'odi', '6m'))
                errors.append(['redcap_export', '%s%d' % (chr(64 + C['odi']), row), row, labels[C['odi'] - 1], '130',
                               'ODI 130 % (scale is 0-100)', p['pid']])
            if p is eFEB and si == 1 and tp == '3m':
                vals['visit_date'] = '30/02/%d' % vd.year
                errors.append(['redcap_export', '%s%d' % (chr(64 + C['visit_date']), row), row, labels[C['visit_date'] - 1],
                               vals['visit_date'], 'impossible date 30 February', p['pid']])
            if p is eBEF and si == 1 and tp == '1m':
                bad = p['d0'] - dt.timedelta(days=21)
                vals['visit_date'] = bad.strftime('%d.%m.%Y')
                errors.append(['redcap_export', '%s%d' % (chr(64 + C['visit_date']), row), row, labels[C['visit_date'] - 1],
                               vals['visit_date'], '1-month follow-up dated before the procedure', p['pid']])
            put(vals)

cs = wb.create_sheet('codes')
cs.append(['variable', 'code', 'മലയാളം', 'English'])
for r_ in [('sex', 1, 'പുരുഷൻ', 'male'), ('sex', 2, 'സ്ത്രീ', 'female'),
           ('cause', 1, 'ഓസ്റ്റിയോപൊറോസിസ്', 'osteoporosis'), ('cause', 2, 'മെറ്റാസ്റ്റാസിസ് (കാൻസർ)', 'metastasis'),
           ('cause', 3, 'മൈലോമ', 'multiple myeloma'), ('cause', 4, 'അപകടം / വീഴ്ച', 'trauma'),
           ('cause', 5, 'മറ്റുള്ളവ', 'other (haemangioma, steroid etc.)'),
           ('technique', 1, 'വെർട്ടിബ്രോപ്ലാസ്റ്റി', 'vertebroplasty'), ('technique', 2, 'കൈഫോപ്ലാസ്റ്റി', 'kyphoplasty'),
           ('cement', 1, 'PMMA (Osteopal V)', 'PMMA'), ('cement', 2, 'PMMA (Mendec Spine)', 'PMMA'),
           ('cement', 3, 'കാൽസ്യം ഫോസ്ഫേറ്റ്', 'calcium phosphate'),
           ('leak_1..3', 0, 'ലീക്ക് ഇല്ല', 'no leak'), ('leak_1..3', 1, 'ഡിസ്ക്', 'disc'),
           ('leak_1..3', 2, 'സിര (venous)', 'venous'), ('leak_1..3', 3, 'പാരാവെർട്ടിബ്രൽ', 'paravertebral'),
           ('leak_1..3', 4, 'എപിഡ്യൂറൽ', 'epidural'), ('leak_1..3', 5, 'ഫോറാമിനൽ', 'foraminal'),
           ('new_fx', 0, 'ഇല്ല', 'no'), ('new_fx', 1, 'ഉണ്ട്', 'yes'),
           ('status', 1, 'ജീവിച്ചിരിക്കുന്നു', 'alive'), ('status', 2, 'മരിച്ചു', 'died')]:
    cs.append(list(r_))
cs.append([])
cs.append(['level_*', 'D1-D12 = dorsal (thoracic) T1-T12; L1-L5 lumbar'])
cs.append(['leak_*', 'more than one leak written as "1,2"'])
cs.append(['vol_*', 'cement volume per vertebra in ml'])
cs.append(['dates', 'dd/mm/yyyy or dd.mm.yyyy (two residents)'])
out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)
wb.save(os.path.join(out, 'input.xlsx'))
write_truth(out, pts, errors, ids, per_vertebra_volume=True, drop_levels=drop_levels, drop_scores=drop_scores)
