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

# ---- श्री साई अस्थिरोग रुग्णालय, पुणे : monthly VP/KP register (one sheet per month) ----
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill
FAMS = ['Patil', 'Kulkarni', 'Deshmukh', 'Jadhav', 'Pawar', 'Joshi', 'Shinde', 'Gaikwad', 'More', 'Chavan', 'Bhosale', 'Kale']
GF = ['Sunanda', 'Shobha', 'Kusum', 'Mangal', 'Lata', 'Sindhu', 'Vimal', 'Usha', 'Asha', 'Rukmini']
GM = ['Dattatray', 'Vitthal', 'Suresh', 'Ramesh', 'Prakash', 'Shankar', 'Baban', 'Narayan']
DEV = str.maketrans('0123456789', '०१२३४५६७८९')
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']


def names(R, sex):
    return '%s %s %s' % (R.choice(GF if sex == 'female' else GM), R.choice(GM), R.choice(FAMS))


def dstr(d, R):
    s = d.strftime('%d/%m/%Y') if R.random() < 0.7 else d.strftime('%d-%m-%Y')
    return s.translate(DEV) if R.random() < 0.12 else s


def lv(l):
    return ('D' + l[1:]) if l[0] == 'T' else l


def main(out):
    R = random.Random(2302)
    pats = gen(2302, 25, ['pre', '24h', '1m', '3m', '6m'], ['pre', '24h', '1m'], dt.date(2021, 1, 5), 300, names,
               tech_w=(70, 30), n_dead=3)
    pats.sort(key=lambda p: p['d0'])
    for k, p in enumerate(pats):
        p['id'] = 'SSOH/VA/21-%02d' % (k + 1)
        p['rec'] = 'UH%07d' % R.randint(1000000, 4999999)
        p['phone'] = '9%d%d%d%d%d %d%d%d%d%d' % tuple(R.randint(0, 9) for _ in range(10))[:10] if False else '9' + ''.join(str(R.randint(0, 9)) for _ in range(4)) + ' ' + ''.join(str(R.randint(0, 9)) for _ in range(5))
        for s in p['sessions']:
            s['total_only'] = True
            s['brand'] = R.choice(['PMMA (Stryker Spineplex)', 'Simplex P', 'PMMA', 'Osteopal V'])
        for v in p['visits']:
            if v['tp'] == '24h':
                v['odi'] = None
    ok = [p for p in pats if len(p['sessions']) == 1 and p['died'] == 'no' and not p['fx']]
    eA, eB, eC, eD = ok[1], ok[5], ok[9], [q for q in ok if len(q['sessions'][0]['levels']) == 1][-1]
    eA['sessions'][0]['levels'] = ['T13'] + eA['sessions'][0]['levels'][1:]
    [v for v in eB['visits'] if v['tp'] == '24h'][0]['vas'] = 13
    vc = [v for v in eC['visits'] if v['tp'] == '3m'][0]; vc['missing'] = False; vc['baddate'] = True
    eD['sessions'][0]['vols'] = [22.0]
    SEXM = {'female': ['F', 'स्त्री'], 'male': ['M', 'पुरुष']}
    ET = {'osteoporotic': ['Osteoporotic # (ऑस्टिओपोरोसिस)', 'Osteoporotic wedge #', 'ऑस्टिओपोरोटिक फ्रॅक्चर'],
          'pathologic': ['Ca breast mets', 'Multiple myeloma', 'Metastasis (Ca prostate)'],
          'traumatic': ['Fall from height (पडल्यामुळे)', 'RTA - traumatic #'], 'other': ['Other', 'इतर']}
    LK = {'disc': 'disc leak', 'venous': 'venous leak', 'paravertebral': 'paravertebral', 'disc;venous': 'disc + venous'}
    GROUPS = [('रुग्ण माहिती / Patient details', 1, 7), ('प्रक्रिया / Procedure', 8, 15),
              ('१ महिना / 1 month', 16, 18), ('३ महिने / 3 months', 19, 21), ('६ महिने / 6 months', 22, 24), ('', 25, 25)]
    H = ['अ.क्र.', 'Study ID', 'रुग्णाचे नाव / Name', 'UHID', 'वय/लिंग', 'मोबाईल', 'निदान / Diagnosis',
         'प्रक्रिया दिनांक', 'Level', 'Procedure', 'Cement', 'Cement (ml)', 'Leak', 'VAS पूर्व/नंतर', 'ODI पूर्व',
         'दिनांक', 'VAS', 'ODI', 'दिनांक', 'VAS', 'ODI', 'दिनांक', 'VAS', 'ODI', 'शेरा / Remarks']
    items = sorted([(date_of(p, s['day']), p, s) for p in pats for s in p['sessions']], key=lambda x: x[0])
    wb = openpyxl.Workbook(); wb.remove(wb.active)
    sheets, idents, errors = {}, [], []
    for d, p, s in items:
        nm = '%s %d' % (MONTHS[d.month - 1], d.year)
        if nm not in sheets:
            ws = wb.create_sheet(nm)
            ws['A1'] = 'श्री साई अस्थिरोग रुग्णालय, पुणे — Vertebroplasty / Kyphoplasty नोंदवही — %s' % nm
            ws['A1'].font = Font(bold=True, size=13)
            for t, a, b in GROUPS:
                ws.cell(3, a, t).font = Font(bold=True)
                if b > a:
                    ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
            for j, h in enumerate(H, 1):
                c = ws.cell(4, j, h); c.font = Font(bold=True); c.fill = PatternFill('solid', fgColor='FFF2CC')
            sheets[nm] = [ws, 5, 1]
        ws, r, sr = sheets[nm]
        sheets[nm][1] += 1; sheets[nm][2] += 1

        def put(c, val, pid=p['id'], what=None):
            ws.cell(r, c, val)
            if what:
                errors.append([nm, colname(c) + str(r), r, H[c - 1], str(val), what, pid])
        sx = SEXM[p['sex']]
        agesex = '%d/%s' % (p['age'], sx[0]) if R.random() < 0.75 else ('%d/%s' % (p['age'], sx[1])).translate(DEV)
        put(1, sr); put(2, p['id']); put(3, p['name']); put(4, p['rec'])
        put(5, agesex if s['n'] == 1 else ''); put(6, p['phone']); put(7, R.choice(ET[p['et']]))
        idents += [['name', p['name']], ['record_number', p['rec']], ['phone', p['phone']]]
        put(8, dstr(d, R))
        L = [lv(l) for l in s['levels']]
        lvtxt = ('%s-%s' % (L[0], L[-1])) if len(L) == 3 else ', '.join(L)
        put(9, lvtxt, what='D13 (T13) — no such vertebra' if 'T13' in s['levels'] else None)
        put(10, {'vertebroplasty': R.choice(['VP', 'Vertebroplasty']), 'kyphoplasty': R.choice(['KP', 'Balloon KP'])}[s['tech']])
        put(11, s['brand'])
        tot = fmtv(sum(s['vols']))
        put(12, tot if sum(s['vols']) <= 20 else tot + ' ml', what='cement 22 mL in a single vertebra (>20 mL)' if sum(s['vols']) > 20 else None)
        lk = [(a, b) for a, b in zip(L, s['leak']) if b != 'none']
        put(13, 'नाही' if not lk else (LK[lk[0][1]] if len(L) == 1 else ', '.join('%s %s' % (a, LK[b]) for a, b in lk)))
        vis = {v['tp']: v for v in p['visits'] if v['session'] == s['n']}
        pre, h24 = vis['pre'], vis['24h']
        comb = '%d/%d' % (pre['vas'], h24['vas'])
        put(14, comb.translate(DEV) if R.random() < 0.15 else comb, what='VAS 13 after procedure (scale 0-10)' if h24['vas'] > 10 else None)
        put(15, pre['odi'])
        for tp, c0 in (('1m', 16), ('3m', 19), ('6m', 22)):
            v = vis.get(tp)
            if v is None:
                continue
            if v['missing']:
                put(c0, R.choice(['आला नाही', 'आला नाही', 'did not come'])); put(c0 + 1, '-'); put(c0 + 2, '-')
                continue
            vd = date_of(p, v['day'])
            if v.get('baddate'):
                put(c0, '31/06/%d' % vd.year, what='impossible date 31 June')
            else:
                put(c0, dstr(vd, R))
            put(c0 + 1, str(v['vas']).translate(DEV) if R.random() < 0.1 else v['vas']); put(c0 + 2, v['odi'])
        rem = []
        if s['n'] == 1:
            for fd, fl in p['fx']:
                txt = 'नवीन फ्रॅक्चर %s - %s' % (lv(fl), date_of(p, fd).strftime('%d/%m/%Y'))
                if len(p['sessions']) > 1:
                    d2 = date_of(p, p['sessions'][1]['day'])
                    txt += ' → पुन्हा प्रक्रिया (%s %d शीट पहा)' % (MONTHS[d2.month - 1], d2.year)
                rem.append(txt)
            if p['died'] == 'yes':
                rem.append('मृत्यू - %s' % date_of(p, p['death_day']).strftime('%d/%m/%Y'))
        else:
            rem.append('दुसरी प्रक्रिया (पहिली: %s, %s)' % (', '.join(lv(l) for l in p['sessions'][0]['levels']), p['d0'].strftime('%d/%m/%Y')))
        put(25, '; '.join(rem) if rem else None)
    for ws, _, _ in sheets.values():
        for col, w in zip('ABCDEFGHIJKLMNOPQRSTUVWXY', [5, 16, 26, 12, 9, 13, 26, 12, 10, 12, 20, 9, 18, 10, 8, 11, 5, 5, 11, 5, 5, 11, 5, 5, 48]):
            ws.column_dimensions[col].width = w
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
