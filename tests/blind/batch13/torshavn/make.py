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


# ---------------- Tórshavn (Faroe Islands) ----------------
TPS = ['pre', '1w', '6w', '3m', '12m']
S2TPS = ['pre', '6w', '3m']
TPL = {'pre': 'áðrenn inngreb', '1w': '1 vika', '6w': '6 vikur', '3m': '3 mánaðir', '12m': '1 ár'}
TPDATE = {'pre': -3, '1w': 7, '6w': 43, '3m': 92, '12m': 368}
ETI = {'osteoporotic': 'beinrýrnan', 'traumatic': 'skaði (fall/ferðsla)', 'other': 'annað'}
LEAK = {'venous': 'í æðrar', 'disc': 'í brúskin (disk)', 'paravertebral': 'uttanfyri liðin', 'epidural': 'epiduralt', 'foraminal': 'í foramen'}
MISS = 'ikki møtt'


def fo(d):
    return d.strftime('%d.%m.%Y')


def main(out):
    os.makedirs(out, exist_ok=True)
    P = gen(1304, 21, TPS, lambda i: 'LS%02d' % (i + 1), p_two=0.35, p_s2=0.2, kp_p=0.5,
            start=(2020, 11, 2), s2_tps=S2TPS)
    wb = Workbook()
    ws = wb.active
    ws.title = 'Skráseting'
    ws['A1'] = 'Landssjúkrahúsið – Kirurgiska deildin, ryggteymið'
    ws['A2'] = 'Sementinnsprenging í ryggliðir (vertebroplastikkur/kyfoplastikkur) – ein linja fyri hvørja vitjan'
    ws['A1'].font = Font(bold=True, size=13)
    H = ['Nr.', 'Slag', 'Dagfesting', 'Inngreb nr.', 'Tíðarskeið', 'Kyn', 'Aldur', 'Orsøk', 'Liðir',
         'Háttur', 'Sement í alt', 'Sementslag', 'Lekking', 'VAS (0-10)', 'Viðmerking']
    HR = 4
    for c, h in enumerate(H, 1):
        x = ws.cell(row=HR, column=c, value=h)
        x.font = Font(bold=True, color='FFFFFF')
        x.fill = PatternFill('solid', fgColor='1F4E78')
        ws.column_dimensions[get_column_letter(c)].width = 13
    col = {h: i + 1 for i, h in enumerate(H)}
    fill_p = PatternFill('solid', fgColor='D9D9D9')
    fill_i = PatternFill('solid', fgColor='FFF2CC')
    r = HR + 1
    pos = {}
    for p in P:
        ev = []  # (date, order, kind, payload)
        for k, s in enumerate(p['sessions'], 1):
            d = sdate(p, s)
            ev.append((d, 1, 'inn', k, s))
            tl = TPS if k == 1 else S2TPS
            for tp in tl:
                if d + dt.timedelta(days=TPDATE[tp]) >= p['date1'] + dt.timedelta(days=p['death_day']):
                    continue
                ev.append((d + dt.timedelta(days=TPDATE[tp]), 0 if tp == 'pre' else 2, 'vit', k, tp))
        for dd, lv in p['fractures']:
            ev.append((p['date1'] + dt.timedelta(days=dd), 3, 'fx', None, lv))
        if p['died']:
            ev.append((p['date1'] + dt.timedelta(days=p['death_day']), 4, 'dead', None, None))
        ev.sort(key=lambda e: (e[0], e[1]))
        # patient row
        ws.cell(row=r, column=col['Nr.'], value=p['id'])
        ws.cell(row=r, column=col['Slag'], value='Sjúklingur')
        ws.cell(row=r, column=col['Kyn'], value='kvinna' if p['sex'] == 'female' else 'maður')
        ws.cell(row=r, column=col['Aldur'], value='%d ár' % p['age'])
        ws.cell(row=r, column=col['Orsøk'], value=ETI.get(p['eti']) or ('meinvørp' if p['sub'] == 'mets' else 'mergkrabbi (myelomatosa)'))
        for cc in range(1, len(H) + 1):
            ws.cell(row=r, column=cc).fill = fill_p
        pos[p['id']] = r
        r += 1
        for d, o, kind, k, x in ev:
            ws.cell(row=r, column=col['Nr.'], value=p['id'])
            ws.cell(row=r, column=col['Dagfesting'], value=fo(d))
            if kind == 'inn':
                s = x
                ws.cell(row=r, column=col['Slag'], value='Inngreb')
                ws.cell(row=r, column=col['Inngreb nr.'], value=k)
                ws.cell(row=r, column=col['Liðir'], value=' + '.join(l['level'].replace('T', 'Th') for l in s['levels']))
                ws.cell(row=r, column=col['Háttur'], value='VP' if s['tech'] == 'vertebroplasty' else 'KP (ballón)')
                ws.cell(row=r, column=col['Sement í alt'], value='%s ml' % fmtnum(sum(l['vol'] for l in s['levels'])))
                ws.cell(row=r, column=col['Sementslag'], value='PMMA')
                lk = [l for l in s['levels'] if l['leak'] != 'none']
                if not lk:
                    lt = 'nei'
                elif len(s['levels']) == 1:
                    lt = LEAK[lk[0]['leak']]
                else:
                    lt = ', '.join('%s: %s' % (l['level'].replace('T', 'Th'), LEAK[l['leak']]) for l in lk)
                ws.cell(row=r, column=col['Lekking'], value=lt)
                for cc in range(1, len(H) + 1):
                    ws.cell(row=r, column=cc).fill = fill_i
                pos[(p['id'], k)] = r
            elif kind == 'vit':
                s = p['sessions'][k - 1]
                ws.cell(row=r, column=col['Slag'], value='Kanning')
                ws.cell(row=r, column=col['Inngreb nr.'], value=k)
                ws.cell(row=r, column=col['Tíðarskeið'], value=TPL[x])
                if x in s['pain']:
                    ws.cell(row=r, column=col['VAS (0-10)'], value=s['pain'][x])
                else:
                    ws.cell(row=r, column=col['VAS (0-10)'], value=MISS)
                    ws.cell(row=r, column=col['Dagfesting'], value=None)
                pos[(p['id'], k, x)] = r
            elif kind == 'fx':
                ws.cell(row=r, column=col['Slag'], value='Nýtt brot')
                ws.cell(row=r, column=col['Liðir'], value=x.replace('T', 'Th'))
                ws.cell(row=r, column=col['Viðmerking'], value='nýtt samanfallsbrot á MR')
            else:
                ws.cell(row=r, column=col['Slag'], value='Deyður')
                ws.cell(row=r, column=col['Viðmerking'], value='deyður')
            r += 1
        r += 1  # blank spacer
    ws.cell(row=r, column=1, value='"ikki møtt" = kom ikki til kanning. VP = vertebroplastikkur, KP = kyfoplastikkur. Sjúklingar uttan "Deyður"-linju vóru á lívi við seinastu kanning.')
    ws.freeze_panes = 'C5'
    errors = []
    p = P[1]
    rr = pos[(p['id'], 1, '6w')]
    plant(ws, errors, rr, col['VAS (0-10)'], 14, 'VAS (0-10)', 'pain 14 on a 0-10 scale', p['id'])
    p = P[6]
    rr = pos[(p['id'], 1)]
    plant(ws, errors, rr, col['Liðir'], 'L7', 'Liðir', 'impossible vertebral level L7', p['id'])
    p = P[10]
    rr = pos[(p['id'], 1)]
    plant(ws, errors, rr, col['Sement í alt'], '45 ml', 'Sement í alt', '45 mL cement (single session, implausible)', p['id'])
    p = P[14]
    rr = pos[(p['id'], 1, '1w')] if (p['id'], 1, '1w') in pos else pos[(p['id'], 1, '6w')]
    bad = p['date1'] - dt.timedelta(days=40)
    plant(ws, errors, rr, col['Dagfesting'], fo(bad), 'Dagfesting', 'follow-up visit dated before the procedure', p['id'])
    p = P[18]
    plant(ws, errors, pos[p['id']], col['Aldur'], 'gomul', 'Aldur', 'text ("old") instead of an age', p['id'])
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, P, 'session', errors, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
