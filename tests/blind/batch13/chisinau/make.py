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


# ---------------- Chisinau (Moldova) ----------------
TPS = ['pre', '1w', '1m', '3m']
S2TPS = ['pre', '1w', '1m']
ODI = ['pre', '3m']
ETI = {'osteoporotic': 'osteoporoză', 'traumatic': 'traumă', 'other': 'altele (hemangiom)'}
LEAK = {'venous': 'venoasă', 'disc': 'discală', 'paravertebral': 'paravertebrală', 'epidural': 'epidurală', 'foraminal': 'foraminală'}
MISS = 'n/p'


def lvl(l):
    return l.replace('T', 'Th')


def main(out):
    os.makedirs(out, exist_ok=True)
    P = gen(1303, 25, TPS, lambda i: 'MD-%03d' % (i + 1), odi_tps=ODI, p_two=0.4, p_s2=0.22, kp_p=0.45,
            start=(2022, 1, 10), s2_tps=S2TPS)
    wb = Workbook()
    ws = wb.active
    ws.title = 'Registru 2022-2023'
    ws['A1'] = 'IMSP Institutul de Medicină Urgentă – Secția Neurochirurgie / Отделение нейрохирургии'
    ws['A2'] = 'Registrul vertebroplastiilor și cifoplastiilor / Регистр вертебро- и кифопластик'
    ws['A1'].font = Font(bold=True, size=13)
    g1 = ['Nr.', 'Cod pacient', 'Sex', 'Vârsta (ani)', 'Etiologie']
    s1 = ['Data', 'Nivel(uri)', 'Metoda', 'Ciment, ml (per vertebră)', 'Tip ciment', 'Scurgere ciment',
          'VAS pre', 'VAS 1 săpt.', 'VAS 1 lună', 'VAS 3 luni', 'ODI pre, %', 'ODI 3 luni, %']
    s2 = ['Data', 'Nivel', 'Metoda', 'Ciment, ml', 'Tip ciment', 'Scurgere ciment', 'VAS pre', 'VAS 1 săpt.', 'VAS 1 lună']
    ev = ['Fracturi noi (nivel, data)', 'Deces']
    H1, H2 = 4, 5
    c = 1
    groups = [('Date pacient / Данные пациента', g1), ('Intervenția I / Вмешательство I', s1),
              ('Intervenția II / Вмешательство II', s2), ('Evoluție / Исход', ev)]
    colmap = {}
    fills = ['EDEDED', 'DDEBF7', 'E2EFDA', 'FFF2CC']
    for gi, (gname, cols) in enumerate(groups):
        ws.cell(row=H1, column=c, value=gname).font = Font(bold=True)
        ws.merge_cells(start_row=H1, start_column=c, end_row=H1, end_column=c + len(cols) - 1)
        for j, h in enumerate(cols):
            x = ws.cell(row=H2, column=c + j, value=h)
            x.font = Font(bold=True)
            x.alignment = Alignment(wrap_text=True, horizontal='center')
            x.fill = PatternFill('solid', fgColor=fills[gi])
            colmap[(gi, h)] = c + j
            ws.column_dimensions[get_column_letter(c + j)].width = 11
        ws.cell(row=H1, column=c).fill = PatternFill('solid', fgColor=fills[gi])
        ws.cell(row=H1, column=c).alignment = Alignment(horizontal='center')
        c += len(cols)
    r = H2 + 1
    pos = {}
    DF = 'DD.MM.YYYY'
    for p in P:
        def put(gi, h, v, fmt=None):
            x = ws.cell(row=r, column=colmap[(gi, h)], value=v)
            if fmt:
                x.number_format = fmt
        put(0, 'Nr.', p['idx'] + 1)
        put(0, 'Cod pacient', p['id'])
        put(0, 'Sex', 'F' if p['sex'] == 'female' else 'M')
        put(0, 'Vârsta (ani)', p['age'])
        put(0, 'Etiologie', ETI.get(p['eti']) or ('metastaze' if p['sub'] == 'mets' else 'mielom multiplu'))
        for k, s in enumerate(p['sessions'], 1):
            gi = k
            put(gi, 'Data', sdate(p, s), DF)
            put(gi, 'Nivel(uri)' if k == 1 else 'Nivel', ', '.join(lvl(l['level']) for l in s['levels']))
            put(gi, 'Metoda', 'VP' if s['tech'] == 'vertebroplasty' else 'CP (balon)')
            put(gi, 'Ciment, ml (per vertebră)' if k == 1 else 'Ciment, ml', ' / '.join(fmtnum(l['vol']) for l in s['levels']))
            put(gi, 'Tip ciment', 'PMMA')
            lk = [l for l in s['levels'] if l['leak'] != 'none']
            if not lk:
                put(gi, 'Scurgere ciment', 'nu')
            elif len(s['levels']) == 1:
                put(gi, 'Scurgere ciment', LEAK[lk[0]['leak']])
            else:
                put(gi, 'Scurgere ciment', '; '.join('%s – %s' % (lvl(l['level']), LEAK[l['leak']]) for l in lk))
            tl = TPS if k == 1 else S2TPS
            hl = ['VAS pre', 'VAS 1 săpt.', 'VAS 1 lună', 'VAS 3 luni']
            for tp, h in zip(tl, hl):
                put(gi, h, s['pain'].get(tp, MISS))
            if k == 1:
                for tp, h in zip(ODI, ['ODI pre, %', 'ODI 3 luni, %']):
                    put(gi, h, s['odi'].get(tp, MISS))
        put(3, 'Fracturi noi (nivel, data)', '; '.join('%s (%s)' % (lvl(lv), (p['date1'] + dt.timedelta(days=dd)).strftime('%d.%m.%Y')) for dd, lv in p['fractures']) or '—')
        put(3, 'Deces', ('da, ' + (p['date1'] + dt.timedelta(days=p['death_day'])).strftime('%d.%m.%Y')) if p['died'] else 'nu')
        pos[p['id']] = r
        r += 1
    ws.cell(row=r + 1, column=1, value='n/p = nu s-a prezentat / не явился.  VAS 0–10, ODI %.  CP = cifoplastie cu balon.')
    ws.cell(row=r + 2, column=1, value='Responsabil: dr. V. Ciobanu')
    ws.freeze_panes = 'C6'
    errors = []
    p = P[3]
    plant(ws, errors, pos[p['id']], colmap[(1, 'VAS 1 lună')], 14, 'VAS 1 lună', 'pain 14 on a 0-10 scale', p['id'])
    two = [q for q in P if len(q['sessions']) > 1]
    p = two[0]
    bad = p['date1'] - dt.timedelta(days=20)
    x = ws.cell(row=pos[p['id']], column=colmap[(2, 'Data')])
    plant(ws, errors, pos[p['id']], colmap[(2, 'Data')], bad, 'Data', 'second intervention dated before the first', p['id'])
    errors[-1][4] = bad.strftime('%d.%m.%Y')
    x.number_format = DF
    p = P[11]
    plant(ws, errors, pos[p['id']], colmap[(0, 'Vârsta (ani)')], 7, 'Vârsta (ani)', 'age 7 years for an osteoporotic/adult patient register', p['id'])
    p = P[16]
    plant(ws, errors, pos[p['id']], colmap[(1, 'ODI pre, %')], 134, 'ODI pre, %', 'ODI 134% (scale 0-100)', p['id'])
    p = P[21]
    plant(ws, errors, pos[p['id']], colmap[(0, 'Cod pacient')], P[20]['id'], 'Cod pacient', 'study code of previous patient entered again for a different person', p['id'])
    q = P[20]
    errors.append([ws.title, 'B%d' % pos[q['id']], pos[q['id']], 'Cod pacient', q['id'], 'same study code used again on row %d for a different person' % pos[p['id']], q['id']])
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, P, 'level', errors, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
