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

# ---------------- Asunción ----------------
TPS = ['pre', '1m', '3m', '6m']
P, rng = gen(1010, 23, lambda i: f'ASU-{i+1:03d}', TPS, mob=2)
FN = ['María Benítez', 'Rosa Giménez', 'Ña Cándida Ortiz', 'Juana Ayala', 'Librada Cáceres', 'Teodora Franco', 'Celsa Núñez',
      'Digna Acosta', 'Blanca Duarte', 'Ña Petrona Sosa', 'Antonia Martínez', 'Zunilda Báez', 'Gladys Insfrán', 'Fermina Rojas',
      'Nilda Espínola', 'Sixta Alcaraz', 'Carmen Vera', 'Ña Eulalia Paredes', 'Mirna Galeano', 'Liduvina Riveros', 'Ña Basilia Florentín', 'Estela Mereles', 'Rumilda Chamorro']
MN = ['Ramón Villalba', 'Eusebio Ramírez', 'Hilario Cabrera', 'Crispín Gauto', 'Aurelio Ledesma', 'Ignacio Aquino', 'Don Feliciano Arce',
      'Cirilo Benegas', 'Pablino Ojeda', 'Rosendo Talavera', 'Nicasio Brítez']
_f = iter(FN); _m = iter(MN)
NOMBRES = [next(_f) if p['sex'] == 'female' else next(_m) for p in P]
def dmy(d): return f'{d.day}-{d.month}-{d.strftime("%y")}'
SEX = {'female': 'kuña', 'male': "kuimba'e"}
ET = {'osteoporotic': 'osteoporosis', 'pathologic': 'metástasis', 'traumatic': 'trauma (caída)'}
TECH = {'vertebroplasty': 'VP', 'kyphoplasty': 'CP (cifo)'}
LK = {'none': 'no', 'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral'}
wb = Workbook(); ws = wb.active; ws.title = 'Pacientes VP'
ws['A1'] = 'Hospital de Clínicas (inventado) - Servicio de Columna - Vertebroplastia / Cifoplastia 2022-2024'; ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = "EVA = escala visual analógica 0-10.  Oguata (camina): 0 = ndoguatái (no camina), 1 = con andador/ayuda, 2 = oguata ha'eño (solo).  'ndoúi' = no vino a control"
fixed = ['Nº', 'Nombre', 'Sexo', 'Edad', 'Causa', 'Fecha proc.', 'Niveles', 'Técnica', 'Cemento (ml)', 'Fuga', '2ª sesión', 'Fractura nueva', 'Omanõ (falleció)']
H1, H2 = 4, 5
for j, h in enumerate(fixed, 1):
    ws.merge_cells(start_row=H1, start_column=j, end_row=H2, end_column=j)
    c = ws.cell(row=H1, column=j, value=h); c.font = BOLD; c.alignment = CENTER
GN = {'pre': 'Antes (pre)', '1m': 'Control 1 mes', '3m': 'Control 3 meses', '6m': 'Control 6 meses'}
col = len(fixed) + 1; VCOL = {}
for tp in TPS:
    ws.merge_cells(start_row=H1, start_column=col, end_row=H1, end_column=col+2)
    c = ws.cell(row=H1, column=col, value=GN[tp]); c.font = BOLD; c.alignment = CENTER
    for k, h in enumerate(['fecha', 'EVA', 'oguata']):
        c = ws.cell(row=H2, column=col+k, value=h); c.font = BOLD; c.alignment = CENTER
    VCOL[tp] = col; col += 3
def levtxt(s): return ', '.join(l['level'] for l in s['levels'])
def leaktxt(s):
    ls = [l for l in s['levels'] if l['leak'] != 'none']
    if not ls: return 'no'
    if len(s['levels']) == 1: return 'héẽ, ' + LK[ls[0]['leak']]
    return 'héẽ: ' + '; '.join(f"{LK[l['leak']]} {l['level']}" for l in ls)
def voltxt(s):
    if len(s['levels']) == 1: return s['levels'][0]['vol']
    return ' + '.join(fmt(l['vol']) for l in s['levels'])  # per vertebra, as "3 + 2,5"
r = H2 + 1; ROW = {}
for i, p in enumerate(P):
    if i in (8, 17):  # blank spacer rows between years/pages
        r += 1
    s1 = p['sessions'][0]
    vals = [p['pid'], NOMBRES[i], SEX[p['sex']], p['age'], ET[p['et']], dmy(s1['date']), levtxt(s1), TECH[s1['tech']],
            voltxt(s1).replace('.', ',') if isinstance(voltxt(s1), str) else voltxt(s1), leaktxt(s1)]
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        vals.append(f"{dmy(s2['date'])} {levtxt(s2)} {TECH[s2['tech']].split()[0]} {fmt(s2['levels'][0]['vol']).replace('.', ',')} ml fuga: {LK[s2['levels'][0]['leak']]}")
    else:
        vals.append('')
    vals.append('; '.join(f'{l} ({dmy(p["d0"] + dt.timedelta(days=d))})' for d, l in p['fx']) or 'no')
    vals.append(f"héẽ {dmy(p['d0'] + dt.timedelta(days=p['death_day']))}" if p['died'] == 'yes' else 'nahániri')
    for j, v in enumerate(vals, 1): ws.cell(row=r, column=j, value=v)
    for tp in TPS:
        c0 = VCOL[tp]
        if tp in p['A']:
            a = p['A'][tp]
            ws.cell(row=r, column=c0, value=dmy(a['date'])); ws.cell(row=r, column=c0+1, value=a['pain_vas']); ws.cell(row=r, column=c0+2, value=a['mobility'])
        elif not (p['death_day'] and TPDAYS[tp] >= p['death_day']):
            ws.cell(row=r, column=c0, value='ndoúi')
    ROW[i] = r; r += 1
ws.cell(row=r+1, column=1, value='Obs.: cemento en ml por nivel (si hay 2 niveles: "3 + 2,5" en el orden de los niveles). Cemento usado: PMMA (Mendec Spine).')
# planted errors
err(ws, ROW[3], 7, 'L1, L7' if False else 'T13', 'impossible vertebral level T13', P[3]['pid'], 'Niveles')
P[3]['_lv'] = True
err(ws, ROW[6], VCOL['1m']+1, 14, 'pain score 14 on a 0-10 EVA', P[6]['pid'], 'EVA')
err(ws, ROW[11], 4, 210, 'age 210 impossible', P[11]['pid'], 'Edad')
i = 15; err(ws, ROW[i], 1, P[14]['pid'], 'study ID entered twice for different people (duplicate of previous row)', P[14]['pid'], 'Nº')
ERR.append(['Pacientes VP', f'A{ROW[15]}', ROW[15], 'Nº', P[14]['pid'], 'row of this patient carries the study ID of the previous patient (real ID missing)', P[15]['pid']])
err(ws, ROW[19], 6, '31-2-23', 'impossible date 31 February', P[19]['pid'], 'Fecha proc.')
ws.column_dimensions['B'].width = 20; ws.column_dimensions['K'].width = 34
wb.save(os.path.join(OUT, 'input.xlsx'))
write_truth(P, ERR, [['name', n] for n in NOMBRES], per_vertebra=True, cement_type='PMMA', measures=('pain_vas', 'mobility'))
