"""Tbilisi blind workbook generator. Usage: python make.py OUTDIR"""
# ---------------------------------------------------------------- common generator
import csv, os, sys, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = np.array([1, 1, 2, 3, 4, 5, 7, 12, 20, 18, 10, 6, 4, 2], float)
LEVEL_W = LEVEL_W / LEVEL_W.sum()
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def lvl_index(l):
    return LEVELS.index(l)


def gen_core(seed, n, make_id, tps, odi_tps=(), p2=.30, p3=.08, p_fx=.22, p_second=.55,
             p_died=.12, tech_p=(('vertebroplasty', .6), ('kyphoplasty', .4)),
             cement_p=(('PMMA', .9), ('calcium phosphate', .1)), attend=.85,
             pain_decimals=False, start=dt.date(2019, 1, 7), span=1300,
             etio_p=(('osteoporotic', .72), ('pathologic', .2), ('traumatic', .08)),
             leak_p=.22, session2_tps=('pre',), vol_range=(2.0, 6.0), vol_step=0.5):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {'id': make_id(i)}
        p['sex'] = 'female' if rng.random() < .74 else 'male'
        p['etiology'] = str(rng.choice([e for e, _ in etio_p], p=[w for _, w in etio_p]))
        p['age'] = int(rng.integers(58, 92)) if p['etiology'] != 'traumatic' else int(rng.integers(41, 80))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        nl = 1 + (rng.random() < p2) + (rng.random() < p3)
        first = int(rng.choice(len(LEVELS), p=LEVEL_W))
        lv = [LEVELS[k] for k in sorted({min(len(LEVELS) - 1, first + k) for k in range(nl)})]
        tech = str(rng.choice([t for t, _ in tech_p], p=[w for _, w in tech_p]))
        cem = str(rng.choice([t for t, _ in cement_p], p=[w for _, w in cement_p]))
        def vols(k):
            lo, hi = vol_range
            return [float(np.round(rng.uniform(lo, hi) / vol_step) * vol_step) for _ in range(k)]
        def leaks(k):
            out = []
            for _ in range(k):
                if rng.random() < leak_p:
                    out.append(str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                              p=[.4, .3, .15, .1, .05])))
                else:
                    out.append('none')
            return out
        s1 = {'n': 1, 'date': d0, 'day': 0, 'levels': lv, 'vols': vols(len(lv)), 'technique': tech,
              'cement': cem, 'leak': leaks(len(lv))}
        s1['total'] = round(sum(s1['vols']), 1)
        p['sessions'] = [s1]
        # death
        p['died'] = 'yes' if rng.random() < p_died else 'no'
        last_tp = max(TP_DAYS[t] for t in tps)
        death_day = int(rng.integers(45, last_tp + 60)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        # fractures
        p['fx'] = []
        if rng.random() < p_fx and death_day > 60:
            fd = int(rng.integers(25, min(death_day, last_tp) - 10 if min(death_day, last_tp) > 40 else 35))
            cand = [l for l in LEVELS if l not in lv and abs(lvl_index(l) - lvl_index(lv[0])) <= 3]
            fl = str(rng.choice(cand))
            p['fx'].append((fd, fl))
            if rng.random() < p_second and fd + 30 < death_day:
                d2 = fd + int(rng.integers(6, 25))
                s2 = {'n': 2, 'date': d0 + dt.timedelta(days=d2), 'day': d2, 'levels': [fl],
                      'vols': vols(1), 'technique': tech, 'cement': cem, 'leak': leaks(1)}
                s2['total'] = s2['vols'][0]
                p['sessions'].append(s2)
            elif rng.random() < .35:
                # a second new fracture at another level, same day (found on same scan)
                cand2 = [l for l in cand if l != fl]
                p['fx'].append((fd, str(rng.choice(cand2))))
        # some single second sessions with two levels
        # pain / odi
        p['pain'] = {}
        p['odi'] = {}
        base = float(rng.uniform(6.5, 9.5))
        for s in p['sessions']:
            pp, oo = {}, {}
            stps = tps if s['n'] == 1 else session2_tps
            for t in stps:
                absday = s['day'] + TP_DAYS[t]
                if absday >= death_day - 5:
                    continue
                if t != 'pre' and rng.random() > attend:
                    continue
                if t == 'pre':
                    v = base + rng.normal(0, .4)
                else:
                    frac = {'24h': .55, '1w': .45, '2w': .42, '6w': .35, '1m': .35, '3m': .3,
                            '6m': .28, '12m': .27, '24m': .27}[t]
                    v = base * frac + rng.normal(0, 1.0)
                v = float(np.clip(v, 0, 10))
                v = round(v * 2) / 2 if pain_decimals else float(round(v))
                pp[t] = v
                if t in odi_tps:
                    o = 30 + v * 5.5 + rng.normal(0, 5)
                    oo[t] = int(np.clip(round(o / 2) * 2, 0, 100))
            p['pain'][s['n']] = pp
            p['odi'][s['n']] = oo
        pats.append(p)
    return pats, rng


def write_truth(outdir, pats, errors, identifiers, pain_scale=1.0, mobility=None,
                sex_known=True, age_known=True, etio_known=True, died_known=True,
                per_level_volume=lambda p, s: True, technique_known=lambda p, s: True,
                cement_known=lambda p, s: True, leak_known=lambda p, s: True):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    def num(x):
        if x is None or x == '':
            return ''
        x = float(x)
        return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0').rstrip('.')
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex_known else '', p['age'] if age_known else '',
        p['etiology'] if etio_known else '', p['died'] if died_known else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            per = per_level_volume(p, s) or len(s['levels']) == 1
            for k, l in enumerate(s['levels']):
                rows.append([p['id'], s['n'], s['day'], l,
                             s['technique'] if technique_known(p, s) else '',
                             num(s['vols'][k] if len(s['levels']) > 1 else s['total']) if per else '',
                             '' if per else num(s['total']),
                             s['cement'] if cement_known(p, s) else '',
                             s['leak'][k] if leak_known(p, s) else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    for p in pats:
        for s in p['sessions']:
            for t in order:
                if t in p['pain'].get(s['n'], {}):
                    rows.append([p['id'], s['n'], 'pain_vas', t, num(p['pain'][s['n']][t] / pain_scale)])
            for t in order:
                if t in p['odi'].get(s['n'], {}):
                    rows.append([p['id'], s['n'], 'odi', t, num(p['odi'][s['n']][t])])
            if mobility:
                for t in order:
                    if t in p.get('mob', {}).get(s['n'], {}):
                        rows.append([p['id'], s['n'], 'mobility', t, num(p['mob'][s['n']][t])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, l] for p in pats for d, l in p['fx']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def addr(r, c):
    """1-based row, col -> A1"""
    s = ''
    while c:
        c, m = divmod(c - 1, 26)
        s = chr(65 + m) + s
    return '%s%d' % (s, r)
# ---------------------------------------------------------------- end common
# ---------------------------------------------------------------- Tbilisi site
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

FNAME = ['ნინო', 'მარინა', 'ლამარა', 'ნანა', 'თამარ', 'ეთერი', 'ციალა', 'ლია', 'მანანა', 'ნაზი', 'ლეილა']
MNAME = ['გიორგი', 'დავით', 'ზურაბ', 'თემურ', 'ვახტანგ', 'ლევან', 'რევაზ', 'ჯემალ']
SURN = ['ბერიძე', 'კაპანაძე', 'გელაშვილი', 'მაისურაძე', 'ლომიძე', 'ხუციშვილი', 'ჯაფარიძე', 'ნოზაძე', 'გოგოლაძე', 'ქავთარაძე', 'წიკლაური', 'მამულაშვილი']
ETIO_G = {'osteoporotic': ['ოსტეოპოროზი', 'ოსტეოპოროზული მოტეხილობა'], 'pathologic': ['მეტასტაზი (ძუძუს კიბო)', 'მრავლობითი მიელომა'],
          'traumatic': ['ტრავმა (დაცემა)'], 'other': ['სხვა']}
TECH_G = {'vertebroplasty': 'ვერტებროპლასტიკა', 'kyphoplasty': 'კიფოპლასტიკა'}
LEAK_G = {'none': 'არა', 'disc': 'დისკში', 'venous': 'ვენური', 'epidural': 'ეპიდურული', 'foraminal': 'ფორამინალური', 'paravertebral': 'პარავერტებრული'}
VISIT_G = {'pre': 'ოპერაციამდე', '1w': '1 კვირა', '1m': '1 თვე', '3m': '3 თვე', '6m': '6 თვე', '12m': '12 თვე'}


def gl(l):
    return ('Th' + l[1:]) if l[0] == 'T' else l


def gnum(x):
    return ('%g' % x).replace('.', ',')


def main(out):
    os.makedirs(out, exist_ok=True)
    tps = ['pre', '1w', '1m', '3m', '6m', '12m']
    pats, rng = gen_core(995, 28, lambda i: 'TB-%03d' % (i + 1), tps, odi_tps=('pre', '3m', '12m'),
                         tech_p=(('vertebroplasty', .8), ('kyphoplasty', .2)), cement_p=(('PMMA', 1.0),),
                         start=dt.date(2019, 6, 1), span=1100, session2_tps=('pre', '1m'), attend=.8)
    for p in pats:
        p['mob'] = {1: {}}
        for t in ('pre', '1m', '3m'):
            if t in p['pain'][1]:
                v = p['pain'][1][t]
                p['mob'][1][t] = int(np.clip(3 - round(v / 3.3) + (rng.random() < .2) - (rng.random() < .2), 0, 3))
    ids = [p['id'] for p in pats]
    bad_visit = [p['id'] for p in pats if '1m' in p['pain'][1]][2]; bad_vas = [p['id'] for p in pats if '3m' in p['pain'][1]][6]; bad_lvl = ids[14]
    dup = (ids[19], ids[20]); bad_vol = [p['id'] for p in pats if len(p['sessions'][0]['levels']) == 1 and p['id'] not in (bad_visit, bad_vas, bad_lvl) + dup][8]
    errors, idents = [], []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'ვიზიტები'
    ws['A1'] = 'თბილისის ცენტრალური კლინიკა (გამოგონილი) — ნეიროქირურგია — ვერტებრო/კიფოპლასტიკის რეესტრი'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'ერთი სტრიქონი = ერთი ვიზიტი. პაციენტის მონაცემები მხოლოდ პირველ სტრიქონში. VAS 0-10; ODI %; მობილობა 0-3.'
    hd = ['პაციენტის ID', 'სახელი, გვარი', 'ისტორიის №', 'ტელეფონი', 'სქესი', 'ასაკი', 'დიაგნოზი', 'ოპერაციის თარიღი', 'დონე(ები)',
          'მეთოდი', 'ცემენტი (მლ)', 'ცემენტის გაჟონვა', 'ვიზიტი', 'ვიზიტის თარიღი', 'VAS', 'ODI (%)', 'მობილობა (0-3)',
          'ახალი მოტეხილობა', 'მოტეხილობის თარიღი', 'გარდაცვლილი', 'შენიშვნა']
    HR = 4
    col = {h: i + 1 for i, h in enumerate(hd)}
    fill = PatternFill('solid', fgColor='D9E1F2')
    for h, c in col.items():
        cell = ws.cell(HR, c, h)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, horizontal='center')

    def gdate(d):
        if rng.random() < .55:
            return d.strftime('%d.%m.%Y')
        return dt.datetime(d.year, d.month, d.day)

    def proc_cells(p, s, first):
        lv = [gl(l) for l in s['levels']]
        if p['id'] == bad_lvl and first:
            lv[0] = 'Th14'
        if len(lv) == 1:
            vol = gnum(s['total']) + ' მლ'
            if p['id'] == bad_vol and first:
                vol = '40 მლ'
        else:
            vol = '; '.join('%s: %s მლ' % (a, gnum(v)) for a, v in zip(lv, s['vols']))
        leaks = [(gl(l), k) for l, k in zip(s['levels'], s['leak']) if k != 'none']
        if not leaks:
            lk = 'არა'
        elif len(lv) == 1:
            lk = 'კი – ' + LEAK_G[leaks[0][1]]
        else:
            lk = 'კი – ' + ', '.join('%s (%s)' % (LEAK_G[k], l) for l, k in leaks)
        return {'ოპერაციის თარიღი': gdate(s['date']), 'დონე(ები)': ', '.join(lv), 'მეთოდი': TECH_G[s['technique']],
                'ცემენტი (მლ)': vol, 'ცემენტის გაჟონვა': lk}

    r = HR + 1
    for p in pats:
        fem = p['sex'] == 'female'
        name = '%s %s' % ((FNAME if fem else MNAME)[int(rng.integers(len(FNAME if fem else MNAME)))], SURN[int(rng.integers(len(SURN)))])
        hist = '%d/%02d' % (int(rng.integers(1000, 9999)), int(rng.integers(19, 23)))
        phone = '5%02d %02d %02d %02d' % tuple(int(x) for x in rng.integers(0, 100, 4))
        idents += [['name', name], ['record_number', hist], ['phone', phone]]
        s1 = p['sessions'][0]
        # build visit list: (date, kind, session, tp)
        visits = []
        for t in tps:
            v = p['pain'][1].get(t)
            if t == 'pre':
                vd = s1['date'] - dt.timedelta(days=int(rng.integers(0, 2)))
            else:
                vd = s1['date'] + dt.timedelta(days=TP_DAYS[t] + int(rng.integers(-3, 5)))
            if v is None:
                dead = p['died'] == 'yes' and TP_DAYS[t] >= p['death_day'] - 5
                if dead:
                    continue
                if rng.random() < .5:
                    visits.append((vd, 'miss', 1, t))
                continue
            visits.append((vd, 'visit', 1, t))
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            if 'pre' in p['pain'][2]:
                visits.append((s2['date'], 'op2', 2, 'pre'))
            if '1m' in p['pain'][2]:
                visits.append((s2['date'] + dt.timedelta(days=30 + int(rng.integers(-2, 4))), 'visit', 2, '1m'))
        visits.sort(key=lambda x: (x[0], x[2]))
        fx_left = list(p['fx'])
        first = True
        for k, (vd, kind, sn, t) in enumerate(visits):
            row = {}
            if first:
                row.update({'პაციენტის ID': p['id'], 'სახელი, გვარი': name, 'ისტორიის №': hist, 'ტელეფონი': phone,
                            'სქესი': ['ქალი', 'მდედრ.'][int(rng.random() < .2)] if fem else ['კაცი', 'მამრ.'][int(rng.random() < .2)],
                            'ასაკი': p['age'], 'დიაგნოზი': ETIO_G[p['etiology']][int(rng.integers(len(ETIO_G[p['etiology']])))],
                            'გარდაცვლილი': 'კი' if p['died'] == 'yes' else 'არა'})
                if p['died'] == 'yes':
                    row['შენიშვნა'] = 'გარდაიცვალა %s' % (s1['date'] + dt.timedelta(days=p['death_day'])).strftime('%d.%m.%Y')
                row.update(proc_cells(p, s1, True))
            if kind == 'op2':
                row.update(proc_cells(p, p['sessions'][1], False))
                row['ვიზიტი'] = 'მეორე ოპერაცია (ოპერაციამდე)'
                row['შენიშვნა'] = 'განმეორებითი ოპერაცია ახალ მოტეხილობაზე'
            elif sn == 2:
                row['ვიზიტი'] = 'მეორე ოპერაციიდან 1 თვე'
            else:
                row['ვიზიტი'] = VISIT_G[t]
            if kind == 'miss':
                row['ვიზიტის თარიღი'] = ''
                row['VAS'] = 'არ გამოცხადდა'
            else:
                row['ვიზიტის თარიღი'] = gdate(vd)
                pv = p['pain'][sn][t]
                row['VAS'] = int(pv)
                if t in p['odi'][sn]:
                    row['ODI (%)'] = p['odi'][sn][t]
                if sn == 1 and t in p['mob'][1]:
                    row['მობილობა (0-3)'] = p['mob'][1][t]
            if not (kind == 'visit' and sn == 1 and t == 'pre'):
                if kind == 'miss':
                    pass
                elif fx_left and (s1['date'] + dt.timedelta(days=fx_left[0][0])) <= vd:
                    fd = fx_left[0][0]
                    same = [l for d, l in fx_left if d == fd]
                    row['ახალი მოტეხილობა'] = 'კი – ' + ', '.join(gl(l) for l in same)
                    row['მოტეხილობის თარიღი'] = gdate(s1['date'] + dt.timedelta(days=fd))
                    fx_left = [(d, l) for d, l in fx_left if d != fd]
                elif kind != 'op2':
                    row['ახალი მოტეხილობა'] = 'არა'
            if p['id'] == bad_visit and sn == 1 and t == '1m' and kind == 'visit':
                wrong = s1['date'] - dt.timedelta(days=20)
                row['ვიზიტის თარიღი'] = wrong.strftime('%d.%m.%Y')
                errors.append([ws.title, addr(r, col['ვიზიტის თარიღი']), r, 'ვიზიტის თარიღი', row['ვიზიტის თარიღი'],
                               '1-month visit dated before the operation', p['id']])
            if p['id'] == bad_vas and sn == 1 and t == '3m' and kind == 'visit':
                row['VAS'] = 11
                errors.append([ws.title, addr(r, col['VAS']), r, 'VAS', '11', 'VAS 11 on a 0-10 scale', p['id']])
            if first and p['id'] == bad_lvl:
                errors.append([ws.title, addr(r, col['დონე(ები)']), r, 'დონე(ები)', row['დონე(ები)'], 'impossible vertebral level Th14', p['id']])
            if first and p['id'] == bad_vol:
                errors.append([ws.title, addr(r, col['ცემენტი (მლ)']), r, 'ცემენტი (მლ)', '40 მლ', 'implausible cement volume for one vertebra (40 mL)', p['id']])
            if first and p['id'] == dup[1]:
                row['პაციენტის ID'] = dup[0]
                errors.append([ws.title, addr(r, 1), r, 'პაციენტის ID', dup[0], 'ID %s already used for another patient; this is patient %s' % (dup[0], dup[1]), dup[1]])
            if first and p['id'] == dup[0]:
                errors.append([ws.title, addr(r, 1), r, 'პაციენტის ID', dup[0], 'same ID entered for a second, different patient further down', dup[0]])
            for h, v in row.items():
                cell = ws.cell(r, col[h], v)
                if isinstance(v, dt.datetime):
                    cell.number_format = 'dd.mm.yyyy'
            first = False
            r += 1
        # any fracture not yet written (no later visit): a note row
        for fd in sorted({d for d, _ in fx_left}):
            same = [l for d, l in fx_left if d == fd]
            ws.cell(r, col['ვიზიტი'], 'ტელეფონით')
            ws.cell(r, col['ახალი მოტეხილობა'], 'კი – ' + ', '.join(gl(l) for l in same))
            ws.cell(r, col['მოტეხილობის თარიღი'], (s1['date'] + dt.timedelta(days=fd)).strftime('%d.%m.%Y'))
            ws.cell(r, col['შენიშვნა'], 'ინფორმაცია ტელეფონით')
            r += 1
    r += 1
    ws.cell(r, 1, 'მობილობა: 0 = წოლითი რეჟიმი, 1 = ინვალიდის ეტლი, 2 = დამხმარე საშუალებით, 3 = დამოუკიდებლად').font = Font(italic=True)
    widths = [11, 20, 10, 13, 8, 6, 24, 13, 12, 17, 22, 20, 26, 13, 14, 8, 9, 16, 14, 11, 30]
    for k, w in enumerate(widths, 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(k)].width = w
    ws.freeze_panes = ws.cell(HR + 1, 2)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents, mobility=True, cement_known=lambda p, s: False)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
