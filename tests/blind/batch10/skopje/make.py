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

# ---------------- Скопје ----------------
TPS = ['pre', '24h', '1m', '3m', '12m']
P, rng = gen(3030, 24, lambda i: f'СК-{i+1:03d}', TPS, vas100=True, leaks=('none', 'disc', 'venous', 'epidural'))
SEX = {'female': 'Ж', 'male': 'М'}
ET = {'osteoporotic': 'остеопороза', 'pathologic': 'метастаза', 'traumatic': 'траума'}
TECH = {'vertebroplasty': 'ВП', 'kyphoplasty': 'КП'}
LK = {'none': 'нема', 'disc': 'диск', 'venous': 'венско', 'epidural': 'епидурално'}
ROMAN = ['I', 'II', 'III']
def lev(l): return 'Th' + l[1:] if l[0] == 'T' else l
def mk(d): return d.strftime('%d.%m.%Y')
wb = Workbook(); ws = wb.active; ws.title = 'Вертебропластика'
ws['A1'] = 'Универзитетска клиника (измислена) - Интервентна радиологија, Скопје'; ws['A1'].font = Font(bold=True, size=12)
ws['A2'] = 'Регистар на вертебропластики и кифопластики. ВАС во mm (0-100). Цемент: PMMA (Vertecem). "/" = не дошол на контрола.'
hdr1 = ['Шифра', 'Пол', 'Возраст', 'Дијагноза', 'Сесија', 'Датум', 'Пршлен', 'Метод', 'Цемент (ml)', 'Истекување',
        'ВАС (mm)', None, None, None, None, 'Нова фрактура', 'Починат']
hdr2 = [None]*10 + ['пред', '24 ч', '1 мес.', '3 мес.', '12 мес.', None, None]
for j, (a, b) in enumerate(zip(hdr1, hdr2), 1):
    if a is not None and b is None:
        ws.merge_cells(start_row=4, start_column=j, end_row=5, end_column=j)
    if a is not None: ws.cell(row=4, column=j, value=a).font = BOLD
    if b is not None: ws.cell(row=5, column=j, value=b).font = BOLD
    ws.cell(row=4, column=j).alignment = CENTER
ws.merge_cells(start_row=4, start_column=11, end_row=4, end_column=15)
VC = {tp: 11+k for k, tp in enumerate(TPS)}
r = 6; FIRST = {}; ROWS = {}
for i, p in enumerate(P):
    start = r
    for k, s in enumerate(p['sessions']):
        for m, l in enumerate(s['levels']):
            ws.cell(row=r, column=5, value=ROMAN[k])
            ws.cell(row=r, column=6, value=mk(s['date']))
            ws.cell(row=r, column=7, value=lev(l['level']))
            ws.cell(row=r, column=8, value=TECH[s['tech']])
            ws.cell(row=r, column=9, value=f"{fmt(l['vol']).replace('.', ',')} ml")
            ws.cell(row=r, column=10, value=LK[l['leak']])
            ROWS[(i, k, m)] = r; r += 1
    end = r - 1
    pv = {1: p['pid'], 2: SEX[p['sex']], 3: p['age'], 4: ET[p['et']],
          16: ', '.join(f'{lev(l)} ({mk(p["d0"] + dt.timedelta(days=d))})' for d, l in p['fx']) or '-',
          17: f"да, {mk(p['d0'] + dt.timedelta(days=p['death_day']))}" if p['died'] == 'yes' else 'не'}
    for tp in TPS:
        a = p['A'].get(tp)
        if a: pv[VC[tp]] = a['pain_vas_raw']
        elif not (p['death_day'] and TPDAYS[tp] >= p['death_day']): pv[VC[tp]] = '/'
    # VAS belongs to session I: merge over the session-I rows only; patient data over all rows
    n1 = len(p['sessions'][0]['levels'])
    for c, v in pv.items():
        ws.cell(row=start, column=c, value=v).alignment = Alignment(vertical='top')
        last = start + n1 - 1 if 11 <= c <= 15 else end
        if last > start: ws.merge_cells(start_row=start, start_column=c, end_row=last, end_column=c)
    FIRST[i] = start
for col, w in zip('ABCDEFGHIJKLMNOPQ', [11, 5, 8, 13, 7, 12, 8, 7, 10, 12, 6, 6, 7, 7, 8, 22, 16]):
    ws.column_dimensions[col].width = w
ws.cell(row=r+1, column=1, value='Сесија II = повторна интервенција (нова фрактура).')
# planted errors
err(ws, ROWS[(4, 0, 0)], 7, 'L6', 'impossible level L6', P[4]['pid'], 'Пршлен')
err(ws, ROWS[(8, 0, 0)], 6, '31.04.2023', 'impossible date 31 April', P[8]['pid'], 'Датум')
err(ws, FIRST[12], 3, 7, 'age 7 implausible for this register (adult osteoporotic patient)', P[12]['pid'], 'Возраст')
err(ws, FIRST[16], VC['1m'], 640, 'VAS 640 mm on a 0-100 mm scale', P[16]['pid'], '1 мес.')
err(ws, ROWS[(21, 0, 0)], 9, '40 ml', '40 ml of cement in one vertebra', P[21]['pid'], 'Цемент (ml)')
wb.save(os.path.join(OUT, 'input.xlsx'))
write_truth(P, ERR, [], per_vertebra=True, cement_type='PMMA', measures=('pain_vas',))
