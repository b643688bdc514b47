import sys, os, csv, datetime as dt
import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
TPD = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
LEAKS = ['venous', 'disc', 'paravertebral', 'epidural', 'foraminal']


def yrs_between(a, b):
    return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


def gen(seed, n, tps, idf, names=None, odi_tps=(), mob_tps=(), p_two=0.35, p_s2=0.15, p_fx=0.18,
        kp_p=0.4, start=(2021, 2, 1), ctypes=('PMMA',), s2_tps=None):
    rng = np.random.default_rng(seed)
    P = []
    d = dt.date(*start)
    for i in range(n):
        d = d + dt.timedelta(days=int(rng.integers(6, 30)))
        eti = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=[.66, .2, .11, .03]))
        sex = 'female' if rng.random() < (0.75 if eti == 'osteoporotic' else 0.45) else 'male'
        age = int(rng.integers(35, 66)) if eti == 'traumatic' else int(rng.integers(52, 91))
        dob = d - dt.timedelta(days=int(age * 365.25 + rng.integers(10, 350)))
        age = yrs_between(dob, d)
        died = (eti == 'pathologic' and rng.random() < 0.5) or rng.random() < 0.06
        death_day = int(rng.integers(50, 420)) if died else 10 ** 6
        p = dict(idx=i, id=idf(i), sex=sex, age=age, eti=eti, died=died, death_day=death_day, dob=dob,
                 sub=str(rng.choice(['mets', 'myeloma'])) if eti == 'pathologic' else '',
                 mrn=int(rng.integers(10000, 99999)), phone='%08d' % int(rng.integers(0, 10 ** 8)),
                 name=None, sessions=[], fractures=[])
        if names:
            fn, ln = names(sex, rng)
            p['name'] = (fn, ln)
        nlev = 1 if rng.random() > p_two else (2 if rng.random() < 0.75 else 3)
        si = int(rng.integers(1, len(LEVELS) - nlev))
        levs = LEVELS[si:si + nlev]

        def mk_session(day, levs, tplist):
            tech = 'kyphoplasty' if rng.random() < kp_p else 'vertebroplasty'
            ct = str(rng.choice(list(ctypes)))
            L = []
            for lv in levs:
                base = 2.5 if lv.startswith('T') and int(lv[1:]) < 10 else 3.5
                if tech == 'kyphoplasty':
                    base += 1.0
                vol = float(np.round((base + rng.uniform(-1, 1.5)) * 2) / 2)
                leak = 'none'
                if rng.random() < 0.25:
                    leak = str(rng.choice(LEAKS, p=[.4, .3, .15, .1, .05]))
                L.append(dict(level=lv, vol=vol, leak=leak))
            pain, odi, mob = {}, {}, {}
            pre = int(rng.integers(6, 11))
            drop = 0
            for tp in tplist:
                if day + TPD[tp] >= death_day:
                    continue
                if tp != 'pre' and rng.random() < 0.15:
                    continue
                if tp == 'pre':
                    pain[tp] = pre
                else:
                    drop = drop + int(rng.integers(1, 4))
                    pain[tp] = int(max(0, min(10, pre - drop + rng.integers(-1, 1))))
            dr = 0
            opre = int(rng.integers(24, 44)) * 2
            for tp in odi_tps:
                if day + TPD[tp] >= death_day or (tp != 'pre' and rng.random() < 0.15):
                    continue
                if tp == 'pre':
                    odi[tp] = opre
                else:
                    dr += int(rng.integers(4, 12)) * 2
                    odi[tp] = max(4, opre - dr)
            mp = int(rng.integers(0, 3))
            for tp in mob_tps:
                if day + TPD[tp] >= death_day or (tp != 'pre' and rng.random() < 0.15):
                    continue
                if tp == 'pre':
                    mob[tp] = mp
                else:
                    mp = min(3, mp + int(rng.integers(0, 2)))
                    mob[tp] = mp
            return dict(day=day, tech=tech, ctype=ct, levels=L, pain=pain, odi=odi, mob=mob)

        p['sessions'].append(mk_session(0, levs, tps))
        r = rng.random()
        if r < p_s2 and death_day > 140:
            day2 = int(rng.integers(35, 120))
            li = LEVELS.index(levs[0]) - 1 if rng.random() < 0.5 and LEVELS.index(levs[0]) > 0 else LEVELS.index(levs[-1]) + 1
            lv2 = LEVELS[min(li, len(LEVELS) - 1)]
            if lv2 in levs:
                lv2 = LEVELS[LEVELS.index(levs[0]) - 1]
            p['fractures'].append((day2 - int(rng.integers(4, 15)), lv2))
            p['sessions'].append(mk_session(day2, [lv2], s2_tps or tps))
        elif r < p_s2 + p_fx:
            fday = int(rng.integers(25, 330))
            if fday < death_day:
                li = LEVELS.index(levs[-1]) + 1 if LEVELS.index(levs[-1]) + 1 < len(LEVELS) else LEVELS.index(levs[0]) - 1
                p['fractures'].append((fday, LEVELS[li]))
        if died:
            last = max([s['day'] for s in p['sessions']] + [f[0] for f in p['fractures']])
            if p['death_day'] <= last + 10:
                p['death_day'] = last + 20
        p['date1'] = d
        P.append(p)
    return P


def sdate(p, s):
    return p['date1'] + dt.timedelta(days=s['day'])


def write_truth(out, P, mode, errors, idents, sex=True, age=True, eti=True, died=True):
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(t, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f)
            c.writerow(header)
            for r in rows:
                c.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex else '', p['age'] if age else '', p['eti'] if eti else '',
        ('yes' if p['died'] else 'no') if died else ''] for p in P])
    rows, arows, frows = [], [], []
    for p in P:
        for k, s in enumerate(p['sessions'], 1):
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                if mode == 'level' or len(s['levels']) == 1:
                    cv, sv = l['vol'], ''
                else:
                    cv, sv = '', tot
                rows.append([p['id'], k, s['day'], l['level'], s['tech'], cv, sv, s['ctype'], l['leak']])
            for meas, key in (('pain_vas', 'pain'), ('odi', 'odi'), ('mobility', 'mob')):
                for tp, v in s[key].items():
                    arows.append([p['id'], k, meas, tp, v])
        for fd, lv in p['fractures']:
            frows.append([p['id'], fd, lv])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], arows)
    w('fractures.csv', ['patient_id', 'day', 'level'], frows)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], idents)


def plant(ws, errors, row, col, value, header, what, pid):
    ws.cell(row=row, column=col).value = value
    errors.append([ws.title, '%s%d' % (get_column_letter(col), row), row, header, value, what, pid])


def fmtnum(v, comma=True):
    s = ('%g' % v)
    return s.replace('.', ',') if comma else s


# ---------------- Port Moresby (Papua New Guinea) ----------------
FEM = ['Mary', 'Grace', 'Ruth', 'Elizabeth', 'Dorcas', 'Kila', 'Agnes', 'Lucy', 'Martha', 'Rose', 'Helen']
MAS = ['John', 'Peter', 'Michael', 'Kila', 'Joseph', 'Paul', 'Tom', 'Moses', 'Gabriel', 'Samuel']
SUR = ['Kaupa', 'Wari', 'Tau', 'Namaliu', 'Morea', 'Kaiwi', 'Gima', 'Aisi', 'Yambi', 'Pokana', 'Kuman', 'Siaguru']
PROV = ['NCD', 'Central', 'Gulf', 'Oro', 'Morobe', 'EHP', 'Milne Bay']


def names(sex, rng):
    return (str(rng.choice(FEM if sex == 'female' else MAS)), str(rng.choice(SUR)))


TPS = ['pre', '2w', '6w', '3m']
MOB = ['pre', '6w']
ETI = {'osteoporotic': 'Osteoporosis', 'traumatic': 'Trauma (fall/PMV)', 'other': 'Other'}
LEAK = {'venous': 'vein', 'disc': 'disc', 'paravertebral': 'paraspinal soft tissue', 'epidural': 'epidural', 'foraminal': 'foramen'}
MISS = 'no kam'


def main(out):
    os.makedirs(out, exist_ok=True)
    P = gen(1305, 22, TPS, lambda i: 'PMGH-VP/%02d' % (i + 1), names=names, mob_tps=MOB, p_two=0.4,
            p_s2=0.18, kp_p=0.15, start=(2022, 3, 1), ctypes=('PMMA',))
    wb = Workbook()
    ws = wb.active
    ws.title = 'Register'
    ws['A1'] = 'PORT MORESBY GENERAL HOSPITAL – Orthopaedic Unit – Vertebroplasty Register'
    ws['A2'] = 'Buk bilong ol sik manmeri i kisim sement long bun bilong baksait. Enter every procedure in date order.'
    ws['A1'].font = Font(bold=True, size=13)
    H = ['S/No', 'Date of procedure', 'Study No.', 'Patient name', 'UR No.', 'Province', 'Sex', 'Age (yrs)', 'Cause',
         'Which procedure (1st / repeat)', 'Level(s)', 'Procedure', 'Cement per level', 'Cement', 'Leak',
         'Pain pre (/10)', 'Pain 2 wks', 'Pain 6 wks', 'Pain 3 mths', 'Walking pre (0-3)', 'Walking 6 wks (0-3)', 'Remarks']
    HR = 4
    for c, h in enumerate(H, 1):
        x = ws.cell(row=HR, column=c, value=h)
        x.font = Font(bold=True)
        x.alignment = Alignment(wrap_text=True)
        x.fill = PatternFill('solid', fgColor='FFD966')
        ws.column_dimensions[get_column_letter(c)].width = 12
    col = {h: i + 1 for i, h in enumerate(H)}
    rows = []
    for p in P:
        for k, s in enumerate(p['sessions'], 1):
            rows.append((sdate(p, s), p['idx'], k, p, s))
    rows.sort(key=lambda t: (t[0], t[1]))
    r = HR + 1
    pos = {}
    idents = []
    seen = set()
    for n, (d, _, k, p, s) in enumerate(rows, 1):
        fn, ln = p['name']
        nm = '%s, %s' % (ln.upper(), fn)
        ur = 'UR %06d' % (p['mrn'] * 3)
        prov = PROV[p['idx'] % len(PROV)]
        if p['id'] not in seen:
            idents += [['name', nm], ['record_number', ur]]
            seen.add(p['id'])
        v = {'S/No': n, 'Study No.': p['id'], 'Patient name': nm, 'UR No.': ur, 'Province': prov,
             'Sex': 'F' if p['sex'] == 'female' else 'M', 'Age (yrs)': p['age'],
             'Cause': ETI.get(p['eti']) or ('Cancer – secondaries (mets)' if p['sub'] == 'mets' else 'Myeloma'),
             'Which procedure (1st / repeat)': '1st' if k == 1 else 'Repeat (2nd) – new #',
             'Level(s)': ', '.join(l['level'] for l in s['levels']),
             'Procedure': 'VP' if s['tech'] == 'vertebroplasty' else 'BKP',
             'Cement per level': ('%smL' % fmtnum(s['levels'][0]['vol'], comma=False)) if len(s['levels']) == 1 else
             ' / '.join('%s %smL' % (l['level'], fmtnum(l['vol'], comma=False)) for l in s['levels']),
             'Cement': 'PMMA',
             'Leak': ', '.join(('%s at %s' % (LEAK[l['leak']], l['level']) if len(s['levels']) > 1 else LEAK[l['leak']]) for l in s['levels'] if l['leak'] != 'none') or 'Nogat',
             }
        for tp, h in zip(TPS, ['Pain pre (/10)', 'Pain 2 wks', 'Pain 6 wks', 'Pain 3 mths']):
            v[h] = s['pain'].get(tp, MISS)
        for tp, h in zip(MOB, ['Walking pre (0-3)', 'Walking 6 wks (0-3)']):
            v[h] = s['mob'].get(tp, MISS)
        if p['died'] and p['death_day'] - s['day'] < 100:
            v['Remarks'] = 'dai pinis – see sheet 2'
        for h, val in v.items():
            x = ws.cell(row=r, column=col[h], value=val)
        x = ws.cell(row=r, column=col['Date of procedure'])
        if n % 5 == 3:
            x.value = d.strftime('%d-%b-%y')
        else:
            x.value = d
            x.number_format = 'dd/mm/yyyy'
        pos[(p['id'], k)] = r
        r += 1
    ws.freeze_panes = 'D5'
    # sheet 2
    w2 = wb.create_sheet('New # & Deaths')
    w2['A1'] = 'NEW FRACTURES AND DEATHS AFTER VERTEBROPLASTY / Nupela bun i bruk na ol sik manmeri i dai pinis'
    w2['A1'].font = Font(bold=True)
    H2 = ['Study No.', 'Event', 'Date', 'Level', 'Comment']
    for c, h in enumerate(H2, 1):
        w2.cell(row=3, column=c, value=h).font = Font(bold=True)
        w2.column_dimensions[get_column_letter(c)].width = 16
    evs = []
    for p in P:
        for dd, lv in p['fractures']:
            evs.append((p['date1'] + dt.timedelta(days=dd), p, 'New fracture (nupela bruk)', lv))
        if p['died']:
            evs.append((p['date1'] + dt.timedelta(days=p['death_day']), p, 'Died (dai pinis)', ''))
    evs.sort(key=lambda e: (e[0], e[1]['idx']))
    rr = 4
    pos2 = {}
    for d, p, e, lv in evs:
        w2.cell(row=rr, column=1, value=p['id'])
        w2.cell(row=rr, column=2, value=e)
        x = w2.cell(row=rr, column=3, value=d)
        x.number_format = 'dd/mm/yyyy'
        w2.cell(row=rr, column=4, value=lv or None)
        w2.cell(row=rr, column=5, value='x-ray at OPD' if lv else ('at home, family rang' if p['idx'] % 2 else 'in ward'))
        pos2[(p['id'], e[:4])] = rr
        rr += 1
    w2.cell(row=rr + 1, column=1, value='Patients not on this list were alive at last review.')
    lg = wb.create_sheet('Legend')
    for i, (a, b) in enumerate([('Walking score (0-3)', ''), ('0', 'stap long bet – bedbound'), ('1', 'wheelchair'),
                                ('2', 'walks with stick / frame'), ('3', 'walks by self'),
                                ('no kam', 'patient did not come to clinic'), ('Nogat', 'no (no leak)'),
                                ('BKP', 'balloon kyphoplasty'), ('VP', 'vertebroplasty'), ('#', 'fracture')], 1):
        lg.cell(row=i, column=1, value=a)
        lg.cell(row=i, column=2, value=b)
    errors = []
    p = P[2]
    plant(ws, errors, pos[(p['id'], 1)], col['Pain 6 wks'], 14, 'Pain 6 wks', 'pain 14 on a 0-10 scale', p['id'])
    p = P[8]
    plant(ws, errors, pos[(p['id'], 1)], col['Age (yrs)'], 210, 'Age (yrs)', 'age 210 years', p['id'])
    p = P[12]
    rrr = pos[(p['id'], 1)]
    plant(ws, errors, rrr, col['Study No.'], None, 'Study No.', 'study number missing on a row with data', p['id'])
    fxp = [q for q in P if q['fractures'] and len(q['sessions']) == 1 and q['idx'] not in (2, 8, 12)]
    p = fxp[0]
    r2 = pos2[(p['id'], 'New ')]
    plant(w2, errors, r2, 4, 'T13', 'Level', 'impossible vertebral level T13', p['id'])
    p = P[17]
    plant(ws, errors, pos[(p['id'], 1)], col['Walking pre (0-3)'], 7, 'Walking pre (0-3)', 'walking score 7 on a 0-3 scale', p['id'])
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, P, 'level', errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
