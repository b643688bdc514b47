import sys, os, csv, datetime as dt
import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter as CL

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
TL = ['T5','T6','T7','T8','T9','T10','T11','T12','L1','L2','L3','L4','L5']
TPDAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}

def gen(seed, n, pidf, tps, odi=False, mob=None, vas100=False, leaks=('none','disc','venous','paravertebral')):
    rng = np.random.default_rng(seed)
    P = []
    for i in range(n):
        p = dict(pid=pidf(i), sex=str(rng.choice(['female','male'], p=[.68,.32])), age=int(rng.integers(54, 92)),
                 et=str(rng.choice(['osteoporotic','pathologic','traumatic'], p=[.72,.18,.10])))
        d0 = dt.date(2022, 3, 1) + dt.timedelta(days=int(rng.integers(0, 700)))
        p['d0'] = d0
        tech = str(rng.choice(['vertebroplasty','kyphoplasty'], p=[.6,.4]))
        nl = int(rng.choice([1,2,3], p=[.55,.33,.12]))
        s = int(rng.integers(0, len(TL)-nl+1))
        levs = TL[s:s+nl]
        def sess(day, lv):
            out = []
            for l in lv:
                lk = str(rng.choice(list(leaks), p=[.7] + [.3/(len(leaks)-1)]*(len(leaks)-1)))
                out.append(dict(level=l, vol=float(round(rng.uniform(2, 7)*2)/2), leak=lk))
            return dict(day=day, date=d0+dt.timedelta(days=day), tech=tech, levels=out)
        p['sessions'] = [sess(0, levs)]
        p['fx'] = []
        if rng.random() < 0.28:
            fd = int(rng.integers(15, 80))
            cand = [l for l in TL if l not in levs and abs(TL.index(l)-TL.index(levs[0])) <= 3]
            fl = str(rng.choice(cand)); p['fx'].append((fd, fl))
            if rng.random() < 0.6:
                p['sessions'].append(sess(fd+int(rng.integers(2, 10)), [fl]))
        p['died'] = 'yes' if rng.random() < 0.13 else 'no'
        p['death_day'] = int(rng.integers(100, 330)) if p['died'] == 'yes' else None
        A = {}
        base = int(rng.integers(6, 11)); ob = int(rng.integers(40, 80)); mb = int(rng.integers(0, 2))
        for tp in tps:
            if tp != 'pre' and rng.random() < 0.15: continue
            if p['death_day'] and TPDAYS[tp] >= p['death_day']: continue
            d = {}
            if tp == 'pre':
                v = base; o = ob; m = mb
            else:
                v = max(0, base - int(rng.integers(2, base+1))); o = max(4, ob - int(rng.integers(10, 35))); m = min(mob, mb + int(rng.integers(0, 2))) if mob else None
            if vas100:
                mm = int(min(100, max(0, v*10 + int(rng.integers(-4, 5)))))
                d['pain_vas_raw'] = mm; d['pain_vas'] = mm/10
            else:
                d['pain_vas'] = v
            if odi: d['odi'] = o
            if mob: d['mobility'] = m
            d['date'] = d0 + dt.timedelta(days=max(TPDAYS[tp], 0) + (0 if tp in ('pre','24h') else int(rng.integers(-3, 4))))
            A[tp] = d
        p['A'] = A
        P.append(p)
    return P, rng

def wcsv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f); w.writerow(header); w.writerows(rows)

def fmt(x):
    if x is None: return ''
    if isinstance(x, float) and x.is_integer(): return str(int(x))
    return str(x)

def write_truth(P, errors, ids, per_vertebra=True, cement_type='PMMA', leak=True, tech=True,
                sex=True, age=True, et=True, died=True, measures=('pain_vas',)):
    T = os.path.join(OUT, 'truth')
    wcsv(f'{T}/patients.csv', 'patient_id,sex,age_years,etiology,died'.split(','),
         [[p['pid'], p['sex'] if sex else '', p['age'] if age else '', p['et'] if et else '', p['died'] if died else ''] for p in P])
    rows = []
    for p in P:
        for k, s in enumerate(p['sessions']):
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                if per_vertebra or len(s['levels']) == 1:
                    cv, sv = l['vol'], None
                else:
                    cv, sv = None, tot
                rows.append([p['pid'], k+1, s['day'], l['level'], s['tech'] if tech else '', fmt(cv), fmt(sv),
                             cement_type or '', l['leak'] if leak else ''])
    wcsv(f'{T}/procedures.csv', 'patient_id,session,day,level,technique,cement_volume_ml,session_cement_volume_ml,cement_type,leakage'.split(','), rows)
    rows = []
    for p in P:
        for tp, d in p['A'].items():
            for m in measures:
                if m in d and d[m] is not None:
                    rows.append([p['pid'], 1, m, tp, fmt(float(d[m]))])
    wcsv(f'{T}/assessments.csv', 'patient_id,session,measure,timepoint,value'.split(','), rows)
    wcsv(f'{T}/fractures.csv', 'patient_id,day,level'.split(','), [[p['pid'], d, l] for p in P for d, l in p['fx']])
    wcsv(f'{T}/errors.csv', 'sheet,cell,row,column_header,value,what_is_wrong,patient_id'.split(','), errors)
    wcsv(f'{T}/identifiers.csv', 'kind,value'.split(','), ids)

ERR = []
def err(ws, row, col, value, what, pid, header):
    ws.cell(row=row, column=col, value=value)
    ERR.append([ws.title, f'{CL(col)}{row}', row, header, value, what, pid or ''])

BOLD = Font(bold=True)
CENTER = Alignment(horizontal='center', vertical='center', wrap_text=True)

# ---------------- Yaoundé ----------------
TPS = ['pre', '24h', '1m', '3m', '6m']
P, rng = gen(2020, 22, lambda i: f'YDE-{i+1:02d}', TPS, odi=True, leaks=('none', 'disc', 'venous', 'foraminal'))
for p in P:
    if '24h' in p['A']: p['A']['24h'].pop('odi')  # J1: only EVA is recorded
HOSP = [f'HGY/{p["d0"].year}/{int(rng.integers(100, 9999)):04d}' for p in P]
SEX = {'female': 'F', 'male': 'M'}
ET = {'osteoporotic': 'Ostéoporose', 'pathologic': 'Métastase / myélome', 'traumatic': 'Trauma (AVP)'}
TECH = {'vertebroplasty': 'VP', 'kyphoplasty': 'Kypho (KP)'}
LK = {'none': 'Non / No', 'disc': 'Oui - discale', 'venous': 'Yes - venous', 'foraminal': 'Oui - foraminale'}
def fr(d): return d.strftime('%d/%m/%Y')
wb = Workbook(); ws = wb.active; ws.title = 'Procédures'
ws['A1'] = "Hôpital Général de Yaoundé (fictif) - Radiologie interventionnelle - Cimentoplasties / Vertebroplasty register"; ws['A1'].font = Font(bold=True, size=12)
ws['A2'] = 'Ciment: Osteopal V (PMMA). Volume en mL par vertèbre / volume per level.'
hdr = ['N° étude / Study No', 'N° dossier', 'Date', 'Séance', 'Niveau / Level', 'Technique', 'Ciment (mL)', 'Fuite / Leak', 'Opérateur', 'Remarques']
for j, h in enumerate(hdr, 1):
    c = ws.cell(row=4, column=j, value=h); c.font = BOLD; c.alignment = CENTER; c.fill = PatternFill('solid', fgColor='DDEBF7')
r = 5; PROW = {}
OPS = ['Dr Mbarga', 'Dr Nguefack', 'Dr Ateba']
for i, p in enumerate(P):
    for k, s in enumerate(p['sessions']):
        for m, l in enumerate(s['levels']):
            vals = [p['pid'], HOSP[i], s['date'], '1ère' if k == 0 else '2e (reprise)', l['level'], TECH[s['tech']], l['vol'], LK[l['leak']],
                    OPS[i % 3], 'nouvelle fracture' if k == 1 else None]
            for j, v in enumerate(vals, 1):
                c = ws.cell(row=r, column=j, value=v)
                if j == 3: c.number_format = 'DD/MM/YYYY'
            PROW.setdefault((i, k, m), r); r += 1
for col, w in zip('ABCDEFGHIJ', [18, 16, 12, 14, 10, 12, 10, 18, 12, 18]): ws.column_dimensions[col].width = w

fu = wb.create_sheet('Suivi - Follow-up')
fu['A1'] = 'Suivi des patients / Patient follow-up.  EVA 0-10.  ODI = Oswestry (%).  NV = non vu / not seen.'; fu['A1'].font = BOLD
fixed = ['N° étude', 'N° dossier', 'Sexe', 'Âge (ans)', 'Indication']
GN = {'pre': 'Pré-op / Before', '24h': 'J1 (24 h)', '1m': 'M1 (1 mois)', '3m': 'M3 (3 months)', '6m': 'M6 (6 mois)'}
for j, h in enumerate(fixed, 1):
    fu.merge_cells(start_row=3, start_column=j, end_row=4, end_column=j)
    c = fu.cell(row=3, column=j, value=h); c.font = BOLD; c.alignment = CENTER
col = 6; VC = {}
for tp in TPS:
    sub = ['EVA'] if tp == '24h' else ['Date', 'EVA', 'ODI']
    if len(sub) > 1: fu.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col+len(sub)-1)
    c = fu.cell(row=3, column=col, value=GN[tp]); c.font = BOLD; c.alignment = CENTER
    for k, h in enumerate(sub): fu.cell(row=4, column=col+k, value=h).font = BOLD
    VC[tp] = (col, sub); col += len(sub)
ENDC = col
for j, h in enumerate(['Nouvelle fracture / New fracture', 'Décès / Died'], ENDC):
    fu.merge_cells(start_row=3, start_column=j, end_row=4, end_column=j)
    c = fu.cell(row=3, column=j, value=h); c.font = BOLD; c.alignment = CENTER
order = list(range(len(P))); rng.shuffle(order)  # follow-up sheet not in the same order
FROW = {}
for r, i in enumerate(order, 5):
    p = P[i]
    for j, v in enumerate([p['pid'], HOSP[i], SEX[p['sex']], p['age'], ET[p['et']]], 1): fu.cell(row=r, column=j, value=v)
    for tp in TPS:
        c0, sub = VC[tp]; a = p['A'].get(tp)
        dead = p['death_day'] and TPDAYS[tp] >= p['death_day']
        for k, h in enumerate(sub):
            if a is None:
                v = None if dead else ('NV' if k == 0 else None)
            else:
                v = {'Date': fr(a['date']), 'EVA': a['pain_vas'], 'ODI': a.get('odi')}[h]
                if h == 'ODI' and tp == 'pre' and False: v = None
            if v is not None: fu.cell(row=r, column=c0+k, value=v)
    fu.cell(row=r, column=ENDC, value='; '.join(f'{l} le {fr(p["d0"] + dt.timedelta(days=d))}' for d, l in p['fx']) or 'Non')
    fu.cell(row=r, column=ENDC+1, value=f"Oui, {fr(p['d0'] + dt.timedelta(days=p['death_day']))}" if p['died'] == 'yes' else 'Non')
    FROW[i] = r
# planted errors
err(ws, PROW[(2, 0, 0)], 7, 45, '45 mL of cement in one vertebra', P[2]['pid'], 'Ciment (mL)')
err(ws, PROW[(9, 0, 0)], 5, 'L7', 'impossible level L7', P[9]['pid'], 'Niveau / Level')
err(fu, FROW[13], VC['3m'][0]+1, 'douleur++', 'text in the EVA number column', P[13]['pid'], 'EVA')
err(ws, PROW[(17, 0, 0)], 1, None, 'missing study number on a procedure row with data', P[17]['pid'], 'N° étude / Study No')
# follow-up date before procedure
c0 = VC['1m'][0]
if '1m' in P[20]['A']:
    err(fu, FROW[20], c0, fr(P[20]['d0'] - dt.timedelta(days=40)), 'M1 follow-up date is before the procedure date', P[20]['pid'], 'Date')
wb.save(os.path.join(OUT, 'input.xlsx'))
write_truth(P, ERR, [['record_number', h] for h in HOSP], per_vertebra=True, cement_type='PMMA', measures=('pain_vas', 'odi'))
