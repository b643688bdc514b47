# ---- shared cohort generator (copied into every site's make.py) ----
import os, sys, csv, random, datetime as dt

LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
TP_OFFSET = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182,
             '12m': 365, '24m': 730}


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def gen_cohort(seed, n, ids, start, end, tps, tps2, techs=('vertebroplasty', 'kyphoplasty'),
               tech_w=(0.7, 0.3), cements=('PMMA',), n_multi=None, second=(3,), extra_fx=2,
               deaths=3, measures=('vas',)):
    R = random.Random(seed)
    pats = []
    span = (end - start).days
    s1dates = sorted(start + dt.timedelta(days=R.randrange(span)) for _ in range(n))
    multi = set(R.sample(range(n), n_multi if n_multi is not None else round(n * 0.3)))
    for i in range(n):
        etio = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [0.62, 0.22, 0.12, 0.04])[0]
        lo, hi = {'osteoporotic': (62, 91), 'pathologic': (44, 82), 'traumatic': (28, 70), 'other': (50, 85)}[etio]
        age = R.randint(lo, hi)
        sex = 'female' if R.random() < (0.72 if etio == 'osteoporotic' else 0.45) else 'male'
        s1 = s1dates[i]
        dob = dt.date(s1.year - age - 1, 1, 1) + dt.timedelta(days=R.randrange(364))
        age = age_at(dob, s1)
        p = dict(idx=i, pid=ids[i], sex=sex, age=age, dob=dob, etiology=etio, died=False,
                 death_date=None, s1=s1, sessions=[], fractures=[], visits=[])
        p['tech'] = R.choices(techs, tech_w)[0]
        p['cement'] = R.choice(cements)
        pats.append(p)
    # second sessions / deaths
    order = list(range(n)); R.shuffle(order)
    sec = set(order[:second[0]])
    dead = set(order[second[0]:second[0] + deaths])
    fx_only = set(order[second[0] + deaths:second[0] + deaths + extra_fx])

    def mk_session(p, num, date, nv):
        start_i = R.choices(range(len(LEVELS) - nv + 1),
                            [1 + 6 * (LEVELS[k] in ('T11', 'T12', 'L1', 'L2')) for k in range(len(LEVELS) - nv + 1)])[0]
        if num == 2:
            used = {v['level'] for s in p['sessions'] for v in s['verts']}
            cand = [k for k in range(len(LEVELS) - nv + 1)
                    if not any(LEVELS[k + j] in used for j in range(nv))]
            start_i = R.choice(cand)
        lv = LEVELS[start_i:start_i + nv]
        if nv == 2 and R.random() < 0.3 and start_i + 2 < len(LEVELS):
            lv = [LEVELS[start_i], LEVELS[start_i + 2]]
        verts = []
        for l in lv:
            base = 2.0 if l.startswith('T') and int(l[1:]) < 10 else 3.0
            vol = round(R.uniform(base, base + 3.5) * 2) / 2
            if p['tech'] == 'kyphoplasty':
                vol += 1.0
            leak = []
            if R.random() < 0.25:
                leak = sorted(R.sample(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                       R.choice([1, 1, 1, 2])), key=lambda x: ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'].index(x))
            verts.append(dict(level=l, vol=vol, leak=leak))
        return dict(n=num, date=date, day=(date - p['s1']).days, tech=p['tech'], cement=p['cement'], verts=verts)

    for p in pats:
        i = p['idx']
        nv = R.choice([2, 2, 3]) if i in multi else 1
        p['sessions'].append(mk_session(p, 1, p['s1'], nv))
        last_tp = tps
        if i in sec:
            fxday = R.randint(45, 75)
            s2day = fxday + R.randint(6, 18)
            lvl = None
            s2 = mk_session(p, 2, p['s1'] + dt.timedelta(days=s2day), 1)
            p['fractures'].append(dict(day=fxday, date=p['s1'] + dt.timedelta(days=fxday), level=s2['verts'][0]['level']))
            p['sessions'].append(s2)
            last_tp = [t for t in tps if TP_OFFSET[t] < fxday]
        for t in last_tp:
            off = TP_OFFSET[t]
            jitter = 0 if off <= 1 else R.randint(-max(1, off // 15), max(1, off // 15))
            p['visits'].append(dict(session=1, tp=t, day=off + jitter))
        if i in sec:
            s2 = p['sessions'][1]
            for t in tps2:
                off = TP_OFFSET[t]
                jitter = 0 if off <= 1 else R.randint(-max(1, off // 15), max(1, off // 15))
                p['visits'].append(dict(session=2, tp=t, day=s2['day'] + off + jitter))
        if i in fx_only:
            # a new fracture found at a later follow-up visit, not treated
            later = [v for v in p['visits'] if v['day'] >= 60]
            v = later[0] if later else p['visits'][-1]
            used = {x['level'] for s in p['sessions'] for x in s['verts']}
            lvl = R.choice([l for l in LEVELS if l not in used and l[0] in 'TL'])
            v['fx'] = True
            p['fractures'].append(dict(day=v['day'], date=p['s1'] + dt.timedelta(days=v['day']), level=lvl))
        if i in dead:
            k = R.randint(2, len(p['visits']) - 1)
            p['visits'] = p['visits'][:k]
            p['died'] = True
            p['death_date'] = p['s1'] + dt.timedelta(days=p['visits'][-1]['day'] + R.randint(10, 60))
        # scores
        pre = R.randint(6, 10)
        odi0 = R.randint(24, 42) * 2
        mob0 = R.randint(2, 4)
        for v in p['visits']:
            v['date'] = p['s1'] + dt.timedelta(days=v['day'])
            if v['tp'] == 'pre':
                v['vas'], v['odi'], v['mob'] = (pre if v['session'] == 1 else R.randint(6, 9)), odi0, mob0
            else:
                drop = {'24h': 3, '1w': 4, '2w': 4, '1m': 5, '6w': 5}.get(v['tp'], 5)
                v['vas'] = max(0, min(10, pre - drop + R.randint(-1, 2)))
                v['odi'] = max(0, min(100, odi0 - 6 * drop + R.randint(-4, 4) * 2))
                v['mob'] = max(0, min(4, mob0 - R.choice([1, 2, 2, 3])))
            v['missing'] = False
        # mark some visits missing (not pre, not the first post visit)
        for v in p['visits']:
            if v['tp'] not in ('pre', '24h') and not v.get('fx') and R.random() < 0.1:
                v['missing'] = True
    return pats


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(out, pats, vol_mode='vertebra', measures=('vas',), vas_div=1, errors=(), idents=(),
                skip_pids=(), extra_fields=None):
    """Truth from the data as written. Per-patient overrides in p['truth_*']."""
    td = os.path.join(out, 'truth'); os.makedirs(td, exist_ok=True)
    P, PR, A, F = [], [], [], []
    for p in pats:
        if p['pid'] in skip_pids:
            continue
        P.append([p['pid'], p.get('truth_sex', p['sex']), p.get('truth_age', p['age']), p['etiology'],
                  'yes' if p['died'] else 'no'])
        for s in p['sessions']:
            tot = sum(v['vol'] for v in s['verts'])
            for v in s['verts']:
                PR.append([p['pid'], s['n'], s.get('truth_day', s['day']), v['level'], s['tech'],
                           fmtnum(v['vol']) if vol_mode == 'vertebra' else '',
                           fmtnum(round(tot, 1)) if vol_mode == 'session' else '',
                           s['cement'] if not isinstance(s['cement'], tuple) else s['cement'][0],
                           'none' if not v['leak'] else ';'.join(v['leak'])])
        for v in p['visits']:
            if v['missing'] or v.get('untracked'):
                continue
            for m in measures:
                val = v[{'vas': 'vas', 'odi': 'odi', 'mob': 'mob'}[m]]
                if val is None:
                    continue
                name = {'vas': 'pain_vas', 'odi': 'odi', 'mob': 'mobility'}[m]
                if m == 'vas' and vas_div != 1:
                    val = fmtnum(round(val / vas_div, 1))
                A.append([p['pid'], v['session'], name, v['tp'], fmtnum(val)])
        for fx in p['fractures']:
            F.append([p['pid'], fx['day'], fx['level']])
    write_csv(os.path.join(td, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv(os.path.join(td, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique',
              'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    write_csv(os.path.join(td, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], F)
    write_csv(os.path.join(td, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value',
              'what_is_wrong', 'patient_id'], errors)
    seen, ID = set(), []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v)); ID.append([k, v])
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], ID)


def col_letter(c):  # 0-based
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def addr(r, c):  # 0-based row/col -> A1
    return f'{col_letter(c)}{r + 1}'
# ---- end shared ----

# ---- Ahmedabad: one row per patient, visits across, 2-row merged header, Gujarati/English ----
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.comments import Comment

GU = '૦૧૨૩૪૫૬૭૮૯'


def gu(s):
    return ''.join(GU[int(ch)] if ch.isdigit() else ch for ch in str(s))


def dmy(d):
    return d.strftime('%d/%m/%Y')


F_NAMES = ['Hansaben', 'Kokilaben', 'Manjulaben', 'Jyotsnaben', 'Ramilaben', 'Savitaben', 'Induben', 'Nirmalaben', 'Pushpaben', 'Sharadaben']
M_NAMES = ['Rameshbhai', 'Jayantilal', 'Maganbhai', 'Pravinbhai', 'Dineshbhai', 'Harshadbhai', 'Kanubhai', 'Bhupendra', 'Natvarlal', 'Mahendrabhai']
SUR = ['Patel', 'Shah', 'Desai', 'Mehta', 'Parikh', 'Joshi', 'Trivedi', 'Chauhan', 'Solanki', 'Prajapati', 'Thakkar', 'Vaghela']
ETIO = {'osteoporotic': ['Osteoporotic #', 'ઓસ્ટીયોપોરોસિસ', 'Senile osteoporosis'],
        'pathologic': ['Mets (Ca breast)', 'Multiple myeloma', 'Mets - Ca prostate'],
        'traumatic': ['Fall from height', 'RTA - trauma', 'ઘરમાં પડી ગયા (trauma)'],
        'other': ['Other - Kummell disease']}
TECH = {'vertebroplasty': ['VP', 'Vertebroplasty', 'PVP'], 'kyphoplasty': ['KP', 'Balloon kyphoplasty', 'બલૂન કાઇફોપ્લાસ્ટી']}
CEM = ['Spineplex', 'Osteopal V', 'DePuy Confidence', 'PMMA']
LEAK = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral', 'epidural': 'epidural', 'foraminal': 'foraminal'}
TPS = ['pre', '1w', '1m', '3m', '6m']
TPS2 = ['pre', '1m', '3m']


def main(out):
    os.makedirs(out, exist_ok=True)
    ids = [f'VP/{22 + i // 14}/{i % 14 + 1:02d}' for i in range(27)]
    pats = gen_cohort(2323, 27, ids, dt.date(2022, 2, 1), dt.date(2023, 10, 1), TPS, TPS2,
                      tech_w=(0.6, 0.4), cements=('PMMA',), second=(3,), extra_fx=2, deaths=3)
    R = random.Random(91)
    idents, errors = [], []
    for p in pats:
        p['name'] = R.choice(F_NAMES if p['sex'] == 'female' else M_NAMES) + ' ' + R.choice(SUR)
        p['uhid'] = f'AH{p["s1"].year % 100}{R.randint(10000, 99999)}'
        p['phone'] = R.choice(['98', '97', '99', '94', '63']) + ''.join(str(R.randint(0, 9)) for _ in range(8))
        if R.random() < 0.4:
            p['phone'] = '+91 ' + p['phone'][:5] + ' ' + p['phone'][5:]
        p['gdig'] = R.random() < 0.3       # this patient's row was filled by staff using Gujarati digits
        p['dstyle'] = R.random() < 0.5     # write thoracic levels as D (dorsal)
        p['cem_txt'] = R.choice(CEM if p['tech'] == 'vertebroplasty' else ['Kyphon HV-R', 'PMMA'])
        p['tech_txt'] = R.choice(TECH[p['tech']])
        p['etxt'] = R.choice([e for e in ETIO[p['etiology']] if not (('breast' in e and p['sex'] == 'male') or ('prostate' in e and p['sex'] == 'female'))])
    one = [p for p in pats if len(p['sessions']) == 1]
    e_vas, e_lvl, e_date, e_noid = one[3], one[10], one[15], one[21]
    for p in (e_vas, e_lvl, e_date, e_noid):
        assert len(p['sessions']) == 1
    [v for v in e_vas['visits'] if v['tp'] in ('1w', '1m') and not v['missing']][0]['vas'] = 15
    e_lvl['sessions'][0]['verts'][-1]['level'] = 'L6'
    e_date['lastfu_txt'] = '31/04/2023'

    def L(p, lv):
        if p['dstyle'] and lv.startswith('T'):
            return 'D' + lv[1:]
        return lv

    def num(p, x):
        s = fmtnum(x)
        return gu(s) if p['gdig'] else s

    def date(p, d):
        return gu(dmy(d)) if p['gdig'] else dmy(d)

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'VP KP register'
    SHEET = ws.title
    ws['A1'] = 'શ્રી સરદાર હોસ્પિટલ, અમદાવાદ – Spine Unit'
    ws['A2'] = 'Vertebroplasty / Kyphoplasty Register 2022-23 (Dr. Trivedi)'
    ws['A1'].font = Font(bold=True, size=14)
    g1 = ['', '', '', '', '', '', '', 'Procedure 1 (પ્રથમ પ્રોસીજર)', '', '', '', '', '',
          'VAS (0-10) ફોલો-અપ', '', '', '', '',
          'Procedure 2 (ફરીથી)', '', '', '', '', 'VAS after Proc. 2', '', '', '', '', '']
    h = ['Sr. No.', 'Study No.', 'UHID', 'દર્દીનું નામ (Name)', 'Age/Sex', 'Mobile', 'નિદાન (Diagnosis)',
         'તારીખ (Date)', 'Level(s)', 'Procedure', 'Total cement (ml)', 'Cement', 'Leak',
         'Pre-op', '1 week', '1 month', '3 months', '6 months',
         'તારીખ (Date)', 'Level', 'Procedure', 'Total cement (ml)', 'Leak', 'Pre-op', '1 month', '3 months',
         'New # (નવું ફ્રેક્ચર)', 'Last F/U (છેલ્લી મુલાકાત)', 'Outcome / Remarks']
    ws.append([]); ws.append(g1); ws.append(h)
    HR = 5
    for a, b in [('H4', 'M4'), ('N4', 'R4'), ('S4', 'W4'), ('X4', 'Z4')]:
        ws.merge_cells(f'{a}:{b}')
    fills = {'H': 'DDEBF7', 'N': 'E2EFDA', 'S': 'FCE4D6', 'X': 'FFF2CC'}
    for c in range(1, len(h) + 1):
        ws.cell(HR, c).font = Font(bold=True)
        ws.cell(HR, c).alignment = Alignment(wrap_text=True)
    for col, fc in fills.items():
        ws[f'{col}4'].fill = PatternFill('solid', fgColor=fc)
        ws[f'{col}4'].font = Font(bold=True)
        ws[f'{col}4'].alignment = Alignment(horizontal='center')
    for k, p in enumerate(pats):
        s1 = p['sessions'][0]
        lv = ', '.join(L(p, v['level']) for v in s1['verts'])
        tot = sum(v['vol'] for v in s1['verts'])
        leaks = [f"{L(p, v['level'])} {'+'.join(LEAK[x] for x in v['leak'])} leak" for v in s1['verts'] if v['leak']]
        leak = ', '.join(leaks) if leaks else R.choice(['Nil', 'નથી', 'No leak'])
        vis = {(v['session'], v['tp']): v for v in p['visits']}
        vcells = []
        for sess, tps in ((1, TPS), (2, TPS2)):
            cells = []
            for t in tps:
                v = vis.get((sess, t))
                if v is None:
                    cells.append('')
                elif v['missing']:
                    cells.append(R.choice(['LFU', '-', 'આવ્યા નથી']))
                else:
                    cells.append(num(p, v['vas']))
            vcells.append(cells)
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            tot2 = sum(v['vol'] for v in s2['verts'])
            lk2 = [f"{L(p, v['level'])} {'+'.join(v['leak'])} leak" for v in s2['verts'] if v['leak']]
            p2 = [date(p, s2['date']), ', '.join(L(p, v['level']) for v in s2['verts']), p['tech_txt'],
                  num(p, round(tot2, 1)), ', '.join(lk2) if lk2 else 'Nil']
        else:
            p2 = ['', '', '', '', '']
            vcells[1] = ['', '', '']
        fx = '; '.join(f"New # {L(p, f['level'])} on {dmy(f['date'])}" for f in p['fractures'])
        att = [v for v in p['visits'] if not v['missing']]
        lastfu = p.get('lastfu_txt') or dmy(att[-1]['date'])
        outcome = f"Expired on {dmy(p['death_date'])}" if p['died'] else R.choice(['Doing well', 'Alive', 'OK, mobilising', ''])
        agesex = R.choice([f"{p['age']}/{'F' if p['sex'] == 'female' else 'M'}",
                           f"{p['age']} વર્ષ / {'સ્ત્રી' if p['sex'] == 'female' else 'પુરુષ'}"])
        if p['gdig']:
            agesex = gu(agesex)
        row = [k + 1, p['pid'] if p is not e_noid else '', p['uhid'], p['name'], agesex, p['phone'], p['etxt'],
               date(p, s1['date']), lv, p['tech_txt'], num(p, round(tot, 1)), p['cem_txt'], leak] + vcells[0] + p2 + vcells[1] + [fx, lastfu, outcome]
        ws.append(row)
        r = ws.max_row
        idents += [('name', p['name']), ('record_number', p['uhid']), ('phone', p['phone'])]
        if p is e_noid:
            errors.append([SHEET, f'B{r}', r, 'Study No.', '', 'row with procedure and follow-up data but no study number', ''])
        if p is e_vas:
            c = 14 + TPS.index([t for t in TPS if vis.get((1, t)) and vis[(1, t)]['vas'] == 15][0])
            errors.append([SHEET, addr(r - 1, c - 1), r, h[c - 1], ws.cell(r, c).value, 'VAS 15 beyond 0-10 scale', p['pid']])
        if p is e_lvl:
            errors.append([SHEET, f'I{r}', r, 'Level(s)', lv, 'impossible vertebral level L6', p['pid']])
        if p is e_date:
            errors.append([SHEET, addr(r - 1, 27), r, h[27], '31/04/2023', 'impossible date: 31 April', p['pid']])
        if p['died']:
            ws.cell(r, 29).fill = PatternFill('solid', fgColor='BFBFBF')
        if len(p['sessions']) > 1:
            ws.cell(r, 19).comment = Comment('New # after 1st procedure, re-admitted', 'Spine unit')
    for c in range(1, len(h) + 1):
        ws.column_dimensions[col_letter(c - 1)].width = 14
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, 'session', ('vas',), errors=errors, idents=idents, skip_pids=(e_noid['pid'],))
    return pats, errors


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
