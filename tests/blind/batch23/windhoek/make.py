# ---- shared cohort generator (copied into each site's make.py) ----
import random, datetime as dt, csv, os, sys
LEVELS = ['C7'] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def gen(seed, n, tps, s2_tps, start, span, names, tech_w=(60, 40), odi=True, mob=False,
        brands=('PMMA',), cp_rate=0.0, n_dead=2, n_s2=3, n_fx_only=1):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        sex = R.choice(['female'] * 3 + ['male'] * 2)
        et = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [68, 18, 10, 4])[0]
        d0 = start + dt.timedelta(days=R.randint(0, span))
        lo, hi = (60, 90) if et == 'osteoporotic' else (38, 82)
        b = d0 - dt.timedelta(days=R.randint(lo * 365 + 30, hi * 365))
        name = names(R, sex)
        while name in [q['name'] for q in pats]:
            name = names(R, sex)
        nl = R.choices([1, 2, 3], [68, 24, 8])[0]
        top = R.choice([9, 10, 11, 11, 12, 12, 12, 13, 13, 14, 15, 16][: 12 - (nl - 1)])
        levels = LEVELS[top: top + nl]
        tech = R.choices(['vertebroplasty', 'kyphoplasty'], tech_w)[0]
        base = 3.0 if tech == 'vertebroplasty' else 4.0
        vols = [base + R.choice([-1.0, -0.5, 0, 0.5, 1.0, 1.5]) for _ in levels]
        cement = 'calcium phosphate' if (et == 'traumatic' and R.random() < cp_rate * 5) else 'PMMA'
        leak = [R.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous'], [74, 10, 9, 5, 2])[0]
                for _ in levels]
        s1 = dict(n=1, day=0, levels=levels, tech=tech, vols=vols, cement=cement, leak=leak,
                  brand=R.choice(brands))
        vas0 = R.randint(6, 10)
        odi0 = R.randint(40, 84)
        visits = []
        vas, o = vas0, odi0
        for tp in tps:
            if tp == 'pre':
                d, v, oo = 0, vas0, odi0
            else:
                d = TP_DAYS[tp] + (R.randint(-3, 6) if TP_DAYS[tp] > 20 else 0)
                v = max(0, vas - R.randint(1, 4)) if tp == tps[1] else max(0, min(10, vas + R.randint(-2, 1)))
                oo = max(R.randint(6, 14), min(100, o - R.randint(3, 13)))
                vas, o = v, oo
            miss = tp not in ('pre', tps[1]) and R.random() < 0.13
            visits.append(dict(session=1, tp=tp, day=d, vas=v, odi=oo if odi else None,
                               mob=(R.randint(2, 4) if tp == 'pre' else R.randint(0, 2)) if mob else None,
                               missing=miss))
        pats.append(dict(i=i, name=name, sex=sex, et=et, birth=b, d0=d0, age=age_at(b, d0),
                         sessions=[s1], visits=visits, fx=[], died='no', death_day=None,
                         rec=None, phone=None, err=None, id=None))
    idx = list(range(n)); R.shuffle(idx)
    s2p, fxp, dead = idx[:n_s2], idx[n_s2:n_s2 + n_fx_only], idx[n_s2 + n_fx_only:n_s2 + n_fx_only + n_dead]
    for k in s2p + fxp:
        p = pats[k]
        att = [v for v in p['visits'] if not v['missing'] and v['tp'] in ('3m', '6m', '12m', '24m')]
        if k in s2p:
            last = p['visits'][-1]; last['missing'] = False; fv = last
        else:
            fv = att[0] if att else p['visits'][-1]; fv['missing'] = False
        tr = p['sessions'][0]['levels']
        cand = [LEVELS[LEVELS.index(tr[0]) - 1], LEVELS[LEVELS.index(tr[-1]) + 1]]
        cand = [c for c in cand if c[0] in 'TL']
        lvl = R.choice(cand)
        p['fx'].append((fv['day'], lvl))
        if k in s2p:
            d2 = fv['day'] + R.randint(4, 15)
            tech = p['sessions'][0]['tech']
            s2 = dict(n=2, day=d2, levels=[lvl], tech=tech, vols=[3.0 + R.choice([0, 0.5, 1.0])],
                      cement='PMMA', leak=[R.choice(['none', 'none', 'disc'])], brand=p['sessions'][0]['brand'])
            p['sessions'].append(s2)
            v0 = R.randint(6, 9); o0 = R.randint(45, 75)
            for tp in s2_tps:
                d = d2 + (0 if tp == 'pre' else TP_DAYS[tp] + R.randint(-2, 4))
                v = v0 if tp == 'pre' else max(0, v0 - R.randint(3, 6))
                oo = o0 if tp == 'pre' else max(0, o0 - R.randint(10, 30))
                p['visits'].append(dict(session=2, tp=tp, day=d, vas=v, odi=oo if odi else None,
                                        mob=(3 if tp == 'pre' else 1) if mob else None, missing=False))
    for k in dead:
        p = pats[k]
        cut = R.randint(2, len(p['visits']) - 1)
        p['visits'] = p['visits'][:cut]
        p['visits'][-1]['missing'] = False
        p['died'] = 'yes'
        p['death_day'] = p['visits'][-1]['day'] + R.randint(15, 60)
    return pats


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f); w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtv(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%g' % x)


def write_truth(out, pats, errors, idents):
    t = os.path.join(out, 'truth')
    P, PR, A, F = [], [], [], []
    for p in pats:
        if not p['id']:
            continue
        P.append([p['id'], p['sex'], p['age'], p['et'], p['died']])
        for s in p['sessions']:
            tot = s.get('total_only')
            for j, l in enumerate(s['levels']):
                PR.append([p['id'], s['n'], s['day'], l, s['tech'],
                           '' if tot else fmtv(s['vols'][j]), fmtv(sum(s['vols'])) if tot else '',
                           s['cement'], s['leak'][j] if s['leak'] is not None else ''])
        for v in p['visits']:
            if v['missing']:
                continue
            for m, key in (('pain_vas', 'vas'), ('odi', 'odi'), ('mobility', 'mob')):
                if v.get(key) is not None:
                    A.append([p['id'], v['session'], m, v['tp'], fmtv(v[key])])
        for d, l in p['fx']:
            F.append([p['id'], d, l])
    write_csv(t + '/patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv(t + '/procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                      'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    write_csv(t + '/assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv(t + '/fractures.csv', ['patient_id', 'day', 'level'], F)
    write_csv(t + '/errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen = []
    for x in idents:
        if x not in seen:
            seen.append(x)
    write_csv(t + '/identifiers.csv', ['kind', 'value'], seen)


def colname(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26); s = chr(65 + r) + s
    return s
# ---- end shared ----

# ---- Windhoek Central Hospital (fictional): one row per patient, visits across, two-row header ----
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.comments import Comment
SUR = ['Shikongo', 'Nangolo', 'Amutenya', 'Haufiku', 'Van Wyk', 'Beukes', 'Nel', 'Iipinge', 'Shilongo', 'Kambonde', 'Mouton', 'Garises', 'Hamutenya', 'Fredericks']
GF = ['Ndapewa', 'Martha', 'Hilma', 'Selma', 'Magdalena', 'Anna', 'Loide', 'Elizabeth', 'Ester', 'Maria']
GM = ['Petrus', 'Johannes', 'Tuhafeni', 'Andreas', 'Willem', 'Festus', 'Gideon', 'Simon']


def names(R, sex):
    return '%s, %s' % (R.choice(SUR).upper(), R.choice(GF if sex == 'female' else GM))


def ds(d, R):
    return d.strftime('%Y/%m/%d') if R.random() < 0.55 else d.strftime('%d/%m/%Y')


def main(out):
    R = random.Random(2305)
    pats = gen(2305, 27, ['pre', '2w', '6w', '3m', '6m'], ['pre', '6w'], dt.date(2020, 3, 2), 400, names,
               tech_w=(75, 25), mob=True, n_dead=3)
    pats.sort(key=lambda p: p['d0'])
    for k, p in enumerate(pats):
        p['id'] = 'WCH-VA-%03d' % (k + 1)
        p['rec'] = 'W%06d' % R.randint(100000, 999999)
        p['phone'] = '+264 81 %03d %04d' % (R.randint(100, 999), R.randint(0, 9999)) if R.random() < 0.7 else '085 %03d %04d' % (R.randint(100, 999), R.randint(0, 9999))
        for s in p['sessions']:
            s['brand'] = R.choice(['Simplex P', 'PMMA', 'Vertecem', 'Palacos'])
    ok = [p for p in pats if len(p['sessions']) == 1 and p['died'] == 'no' and not p['fx']]
    eA, eB, eC, eD = ok[2], ok[6], ok[10], ok[14]
    eA['sessions'][0]['vols'][0] = 24.0
    eB['id'] = None
    l0 = eC['sessions'][0]['levels']
    eC['sessions'][0]['levels'] = ['T12', 'T13', 'L1'][:len(l0)] if len(l0) > 1 else ['T13']
    vd = [v for v in eD['visits'] if v['tp'] == '6w'][0]; vd['missing'] = False; vd['mob'] = 6
    ET = {'osteoporotic': ['Osteoporotic #', 'OP wedge #'], 'pathologic': ['Ca prostate mets', 'Myeloma', 'Ca breast mets'],
          'traumatic': ['Trauma - MVA', 'Fall (val van dak)'], 'other': ['Other']}
    LK = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravert.', 'disc;venous': 'disc + venous'}
    PAT = ['Study no.', 'Surname, Name', 'Hosp. no.', 'DOB', 'Sex', 'Age', 'Cell no.', 'Diagnosis']
    PRO = ['Date', 'Level(s)', 'VP/KP', 'Cement', 'Vol/level (mL)', 'Leak']
    FU = [('Pre-op', 'pre'), ('2 weeks', '2w'), ('6 weeks', '6w'), ('3 months', '3m'), ('6 months', '6m')]
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Register'
    ws['A1'] = 'Windhoek Central Hospital — Dept. of Orthopaedics — Vertebroplasty / Kyphoplasty register'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'Key: red = cement leak | grey = DNA (did not attend) | Oorlede = deceased | Mob: 0 walks freely … 4 bed-bound'
    hdr = {}
    c = 1
    groups = [('Patient', PAT), ('Procedure', PRO)]
    for g, sub in groups:
        ws.cell(3, c, g); ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + len(sub) - 1)
        for j, h in enumerate(sub):
            ws.cell(4, c + j, h); hdr[(g, h)] = c + j
        c += len(sub)
    for g, tp in FU:
        sub = (['VAS', 'ODI', 'Mob'] if tp == 'pre' else ['Date', 'VAS', 'ODI', 'Mob'])
        ws.cell(3, c, g); ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + len(sub) - 1)
        for j, h in enumerate(sub):
            ws.cell(4, c + j, h); hdr[(tp, h)] = c + j
        c += len(sub)
    ws.cell(3, c, 'Follow-up'); ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + 1)
    ws.cell(4, c, 'New # (level, date)'); ws.cell(4, c + 1, 'Outcome'); hdr['fx'] = c; hdr['out'] = c + 1
    for rr in (3, 4):
        for cc in range(1, c + 2):
            ws.cell(rr, cc).font = Font(bold=True); ws.cell(rr, cc).fill = PatternFill('solid', fgColor='FCE4D6')
            ws.cell(rr, cc).alignment = Alignment(horizontal='center', wrap_text=True)
    RED = PatternFill('solid', fgColor='FF9999'); GREY = PatternFill('solid', fgColor='BFBFBF')
    H4 = {v: k for k, v in hdr.items()}
    idents, errors = [], []
    r = 5
    for p in pats:
        for s in p['sessions']:
            pid = p['id'] or ''

            def put(col, val, what=None, fill=None):
                cell = ws.cell(r, col, val)
                if fill:
                    cell.fill = fill
                if what:
                    errors.append(['Register', colname(col) + str(r), r, ws.cell(4, col).value, '' if val is None else str(val), what, pid])
                return cell
            put(1, p['id'], what=None if p['id'] else 'row with data but no study number')
            put(2, p['name'] if s['n'] == 1 else p['name'] + ' (re-do)')
            put(3, p['rec'])
            if s['n'] == 1:
                bd = ds(p['birth'], R)
                put(4, bd); put(5, 'F' if p['sex'] == 'female' else 'M'); put(6, p['age']); put(7, p['phone'])
                put(8, R.choice(ET[p['et']]))
                idents += [['name', p['name']], ['record_number', p['rec']], ['birth_date', bd], ['phone', p['phone']]]
            dc = put(9, dt.datetime.combine(date_of(p, s['day']), dt.time())); dc.number_format = 'yyyy/mm/dd'
            put(10, ' + '.join(s['levels']), what='T13 — no such vertebra' if 'T13' in s['levels'] else None)
            put(11, {'vertebroplasty': 'VP', 'kyphoplasty': 'KP'}[s['tech']] + (' (re-do)' if s['n'] == 2 else ''))
            cc = put(12, s['brand'])
            if R.random() < 0.25:
                cc.comment = Comment(R.choice(['2 packs opened', 'batch no. on theatre sheet', 'Sr. Amukoto mixed']), 'theatre')
            vt = ' / '.join(fmtv(x) for x in s['vols'])
            put(13, vt, what='24 mL cement in one vertebra (>20 mL)' if max(s['vols']) > 20 else None)
            lk = [(a, b) for a, b in zip(s['levels'], s['leak']) if b != 'none']
            if lk:
                put(14, LK[lk[0][1]] if len(s['levels']) == 1 else ', '.join('%s %s' % (a, LK[b]) for a, b in lk), fill=RED)
            else:
                put(14, R.choice(['nil', 'nil', 'geen', 'none']))
            for v in p['visits']:
                if v['session'] != s['n']:
                    continue
                tp = v['tp']
                if v['missing']:
                    put(hdr[(tp, 'Date')], R.choice(['DNA', 'DNA', 'LTFU']), fill=GREY)
                    continue
                if tp != 'pre':
                    put(hdr[(tp, 'Date')], ds(date_of(p, v['day']), R))
                put(hdr[(tp, 'VAS')], v['vas']); put(hdr[(tp, 'ODI')], v['odi'])
                put(hdr[(tp, 'Mob')], v['mob'], what='mobility 6 on a 0-4 scale' if v['mob'] > 4 else None)
            if s['n'] == 1:
                if p['fx']:
                    t = '; '.join('%s %s' % (l, ds(date_of(p, d), R)) for d, l in p['fx'])
                    if len(p['sessions']) > 1:
                        t += ' → re-do'
                    put(hdr['fx'], t)
                if p['died'] == 'yes':
                    oc = put(hdr['out'], 'Oorlede %s' % ds(date_of(p, p['death_day']), R))
                    oc.comment = Comment(R.choice(['Okwa si — family phoned the ward', 'passed away at home (okwa si)', 'died Katutura SH, pneumonia']), 'ward clerk')
                else:
                    put(hdr['out'], R.choice(['Alive', 'Lewendig', 'alive, walking']))
            r += 1
    for cc in range(1, c + 2):
        ws.column_dimensions[colname(cc)].width = 11
    ws.column_dimensions['B'].width = 24; ws.column_dimensions[colname(hdr['fx'])].width = 22
    ws.freeze_panes = 'C5'
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
