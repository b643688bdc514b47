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


# ---------------- Dili (Timor-Leste) ----------------
FEM = ['Maria', 'Ana', 'Joana', 'Rosa', 'Filomena', 'Domingas', 'Ermelinda', 'Madalena', 'Olinda', 'Teresa', 'Aurora', 'Esperança']
MAS = ['João', 'Domingos', 'Agustinho', 'Mateus', 'Francisco', 'Alarico', 'Celestino', 'Zeferino', 'Jacinto']
SUR = ['da Costa', 'Soares', 'Pereira', 'dos Santos', 'Belo', 'Ximenes', 'Guterres', 'da Silva', 'Amaral', 'Lobato', 'Sarmento', 'Fernandes', 'Martins']


def names(sex, rng):
    return (str(rng.choice(FEM if sex == 'female' else MAS)), str(rng.choice(SUR)))


TPS = ['pre', '24h', '1m', '3m']
ETI = {'osteoporotic': 'Osteoporoze', 'traumatic': 'Trauma (aksidente)', 'other': 'Seluk (hemangioma)'}
LEAK = {'none': 'Lae', 'venous': 'Sim – veia', 'disc': 'Sim – disku', 'paravertebral': 'Sim – paravertebral',
        'epidural': 'Sim – epidural', 'foraminal': 'Sim – foramen'}
MISS = 'la halo'


def main(out):
    os.makedirs(out, exist_ok=True)
    P = gen(1301, 23, TPS, lambda i: 'TL-VP-%02d' % (i + 1), names=names, p_two=0.45, p_s2=0.18, kp_p=0.3)
    wb = Workbook()
    ws = wb.active
    ws.title = 'Rejistu'
    ws['A1'] = 'HOSPITÁL NASIONÁL GUIDO VALADARES – Servisu Ortopedia no Traumatolojia'
    ws['A2'] = 'Rejistu Vertebroplastia (VP) / Kifoplastia (KP) – pasiente ida-idak ho vértebra hotu ne\'ebé trata'
    ws['A3'] = 'Moras: Eskala EVA 0-10.  "la halo" = avaliasaun la halo / pasiente la mai.  Simentu: ml iha vértebra ida-idak.'
    for r in (1, 2, 3):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=19)
    ws['A1'].font = Font(bold=True, size=13)
    H = ['No. Estudu', 'Naran kompletu', 'No. Prosesu', 'Seksu', 'Idade', 'Kauza fratura', 'Sesaun',
         'Data operasaun', 'Vértebra', 'Téknika', 'Simentu (ml)', 'Tipu simentu', 'Vazamentu simentu',
         'EVA antes', 'EVA 24 oras', 'EVA 1 fulan', 'EVA 3 fulan', 'Fratura foun (vértebra – data)', 'Mate?']
    HR = 5
    for c, h in enumerate(H, 1):
        x = ws.cell(row=HR, column=c, value=h)
        x.font = Font(bold=True)
        x.alignment = Alignment(wrap_text=True, vertical='center', horizontal='center')
        x.fill = PatternFill('solid', fgColor='DDEBF7')
    col = {h: i + 1 for i, h in enumerate(H)}
    r = HR + 1
    idents = []
    pos = {}
    for p in P:
        start = r
        for k, s in enumerate(p['sessions'], 1):
            s0 = r
            for l in s['levels']:
                ws.cell(row=r, column=col['Vértebra'], value=l['level'])
                ws.cell(row=r, column=col['Téknika'], value='VP' if s['tech'] == 'vertebroplasty' else 'KP')
                ws.cell(row=r, column=col['Simentu (ml)'], value=fmtnum(l['vol']))
                ws.cell(row=r, column=col['Vazamentu simentu'], value=LEAK[l['leak']])
                pos[(p['id'], k, l['level'])] = r
                r += 1
            ws.cell(row=s0, column=col['Sesaun'], value=k)
            ws.cell(row=s0, column=col['Data operasaun'], value=sdate(p, s).strftime('%d/%m/%Y'))
            ws.cell(row=s0, column=col['Tipu simentu'], value='PMMA')
            for tp, h in zip(TPS, ['EVA antes', 'EVA 24 oras', 'EVA 1 fulan', 'EVA 3 fulan']):
                ws.cell(row=s0, column=col[h], value=s['pain'].get(tp, MISS))
            pos[(p['id'], k)] = s0
            if r - 1 > s0:
                for h in ['Sesaun', 'Data operasaun', 'Tipu simentu', 'EVA antes', 'EVA 24 oras', 'EVA 1 fulan', 'EVA 3 fulan']:
                    ws.merge_cells(start_row=s0, start_column=col[h], end_row=r - 1, end_column=col[h])
        fn, ln = p['name']
        nm = (fn + ' ' + ln).upper() if p['idx'] % 3 == 0 else fn + ' ' + ln
        mrn = 'HNGV-%05d' % p['mrn']
        idents += [['name', nm], ['record_number', mrn]]
        eti = ETI.get(p['eti']) or ('Metástase' if p['sub'] == 'mets' else 'Mieloma múltiplu')
        fx = '; '.join('%s – %s' % (lv, (p['date1'] + dt.timedelta(days=d)).strftime('%d/%m/%Y')) for d, lv in p['fractures']) or 'Lae'
        vals = {'No. Estudu': p['id'], 'Naran kompletu': nm, 'No. Prosesu': mrn,
                'Seksu': 'Feto' if p['sex'] == 'female' else 'Mane', 'Idade': '%d tinan' % p['age'],
                'Kauza fratura': eti, 'Fratura foun (vértebra – data)': fx,
                'Mate?': ('Sim (' + (p['date1'] + dt.timedelta(days=p['death_day'])).strftime('%m/%Y') + ')') if p['died'] else 'Lae'}
        for h, v in vals.items():
            ws.cell(row=start, column=col[h], value=v)
            if r - 1 > start:
                ws.merge_cells(start_row=start, start_column=col[h], end_row=r - 1, end_column=col[h])
        pos[p['id']] = start
        for rr in range(start, r):
            for cc in range(1, len(H) + 1):
                ws.cell(row=rr, column=cc).alignment = Alignment(vertical='center', wrap_text=True)
                ws.cell(row=rr, column=cc).border = Border(bottom=Side(style='thin' if rr == r - 1 else None))
    ws.cell(row=r + 1, column=1, value='Nota: dadus hatama husi Enf. Lurdes. Pasiente ne\'ebé mate: data husi família.')
    widths = [11, 24, 12, 7, 9, 18, 7, 12, 9, 8, 10, 10, 18, 8, 8, 8, 8, 22, 12]
    for i, wv in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = wv
    ws.freeze_panes = 'B6'
    # legend sheet
    lg = wb.create_sheet('Lejenda')
    for i, (a, b) in enumerate([('VP', 'Vertebroplastia perkutánea'), ('KP', 'Kifoplastia ho balaun'),
                                ('EVA', 'Escala Visual Analógica (0 = la moras, 10 = moras liu)'),
                                ('la halo', 'la halo avaliasaun'), ('Lae / Sim', 'Não / Sim')], 1):
        lg.cell(row=i, column=1, value=a)
        lg.cell(row=i, column=2, value=b)
    # errors
    errors = []
    L = [p for p in P if len(p['sessions'][0]['levels']) >= 2]
    p = L[1]
    rr = pos[(p['id'], 1, p['sessions'][0]['levels'][1]['level'])]
    plant(ws, errors, rr, col['Vértebra'], 'L7', 'Vértebra', 'impossible vertebral level L7', p['id'])
    p = P[4]
    rr = pos[(p['id'], 1)]
    plant(ws, errors, rr, col['EVA 24 oras'], 14, 'EVA 24 oras', 'pain 14 on a 0-10 scale', p['id'])
    p = P[9]
    rr = pos[(p['id'], 1, p['sessions'][0]['levels'][0]['level'])]
    plant(ws, errors, rr, col['Simentu (ml)'], '45', 'Simentu (ml)', '45 mL of cement in one vertebra', p['id'])
    p = P[15]
    d1 = p['date1']
    plant(ws, errors, pos[(p['id'], 1)], col['Data operasaun'], '31/02/%d' % d1.year, 'Data operasaun', 'impossible date 31 February', p['id'])
    p = P[19]
    plant(ws, errors, pos[p['id']], col['Idade'], '210 tinan', 'Idade', 'age 210 years', p['id'])
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, P, 'level', errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
