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

# ---------------- Kampala ----------------
TPS = ['pre', '24h', '2w', '3m']
P, rng = gen(5050, 24, lambda i: f'KLA/VP/{i+1:03d}', TPS, leaks=('none', 'disc', 'venous', 'paravertebral'))
FN = ['Nakato Sarah', 'Namubiru Florence', 'Achieng Grace', 'Nalwoga Mary', 'Akello Betty', 'Nabukenya Ruth', 'Atim Esther',
      'Namutebi Agnes', 'Kabuye Margaret', 'Auma Christine', 'Nansubuga Harriet', 'Nakimuli Rose', 'Nambi Juliet', 'Tumusiime Alice',
      'Babirye Janet', 'Nassali Prossy', 'Adong Lilian', 'Kyomuhendo Jane', 'Namatovu Annet', 'Apio Susan', 'Nakalema Irene', 'Amongin Dorcas', 'Kemigisha Sylvia', 'Nanyonga Teddy']
MN = ['Okello James', 'Ssemwanga Joseph', 'Mugisha Robert', 'Kintu Paul', 'Opio Charles', 'Wasswa Peter', 'Byaruhanga John',
      'Ochieng Samuel', 'Kato Henry', 'Lubega Fred', 'Odongo Patrick', 'Tumwine Moses']
_f = iter(FN); _m = iter(MN)
NAMES = [next(_f) if p['sex'] == 'female' else next(_m) for p in P]
MRN = [f'MUL-{int(rng.integers(100000, 999999))}' for _ in P]
PHONE = [f'07{int(rng.choice([0, 1, 2, 5, 7, 8]))}{int(rng.integers(1000000, 9999999))}' for _ in P]
SEX = {'female': 'F', 'male': 'M'}
ET = {'osteoporotic': 'Osteoporotic #', 'pathologic': 'Mets', 'traumatic': 'Trauma (RTA boda)'}
TECH = {'vertebroplasty': 'PVP', 'kyphoplasty': 'BKP'}
LK = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral'}
def us(d): return d.strftime('%m/%d/%Y')
wb = Workbook(); ws = wb.active; ws.title = 'Sessions'
ws['A1'] = 'Mulago (fictitious) Spine & Radiology Unit - Vertebral augmentation log'; ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'Pain score 0-10 (NRS). Cement = total cc for the session. "DNA" = did not attend. Bone cement: PMMA (Simplex P) unless stated.'
hdr = ['Study No', 'Name', 'IP/OP No', 'Phone', 'Sex', 'Age', 'Diagnosis', 'Session', 'Date', 'Level(s)', 'Procedure', 'Cement', 'Leak',
       'Pain pre', 'Pain 24 hr', 'Pain 2 wk', 'Pain 3 mo']
for j, h in enumerate(hdr, 1):
    c = ws.cell(row=4, column=j, value=h); c.font = BOLD; c.fill = PatternFill('solid', fgColor='FFF2CC'); c.alignment = CENTER
PC = {'pre': 14, '24h': 15, '2w': 16, '3m': 17}
r = 5; RR = {}
for i, p in enumerate(P):
    for k, s in enumerate(p['sessions']):
        tot = sum(l['vol'] for l in s['levels'])
        lk = [l for l in s['levels'] if l['leak'] != 'none']
        lktxt = 'Nil' if not lk else ', '.join((f"{LK[l['leak']]} at {l['level']}" if len(s['levels']) > 1 else LK[l['leak']]) for l in lk)
        vals = [p['pid'], NAMES[i] if k == 0 else None, MRN[i] if k == 0 else None, PHONE[i] if k == 0 else None,
                SEX[p['sex']] if k == 0 else None, p['age'] if k == 0 else None, ET[p['et']] if k == 0 else None,
                k+1, s['date'], ', '.join(l['level'] for l in s['levels']), TECH[s['tech']], f'{fmt(tot)} cc', lktxt]
        for j, v in enumerate(vals, 1):
            c = ws.cell(row=r, column=j, value=v)
            if j == 9: c.number_format = 'mm/dd/yyyy'
        if k == 0:
            for tp in TPS:
                a = p['A'].get(tp)
                if a: ws.cell(row=r, column=PC[tp], value=a['pain_vas'])
                elif not (p['death_day'] and TPDAYS[tp] >= p['death_day']): ws.cell(row=r, column=PC[tp], value='DNA')
        RR[(i, k)] = r; r += 1
for col, w in zip('ABCDEFGHIJKLMNOPQ', [13, 18, 12, 12, 5, 5, 16, 8, 11, 12, 9, 8, 20, 8, 8, 8, 8]): ws.column_dimensions[col].width = w
cp = wb.create_sheet('Complications')
cp['A1'] = 'New fractures and deaths after the first session'; cp['A1'].font = BOLD
for j, h in enumerate(['Study No', 'Event', 'Date', 'Level', 'Comment'], 1): cp.cell(row=3, column=j, value=h).font = BOLD
ev = []
for i, p in enumerate(P):
    for d, l in p['fx']:
        ev.append((p['d0'] + dt.timedelta(days=d), i, 'New fracture', l,
                   're-augmented, see session 2' if len(p['sessions']) > 1 else 'conservative Mx, brace'))
    if p['died'] == 'yes':
        ev.append((p['d0'] + dt.timedelta(days=p['death_day']), i, 'Death', None,
                   'progression of primary' if p['et'] == 'pathologic' else 'died at home (per family on phone)'))
ev.sort()
CR = {}
for r, (d, i, e, l, cmt) in enumerate(ev, 4):
    for j, v in enumerate([P[i]['pid'], e, d, l, cmt], 1):
        c = cp.cell(row=r, column=j, value=v)
        if j == 3: c.number_format = 'mm/dd/yyyy'
    CR[(i, e)] = r
# planted errors
err(ws, RR[(2, 0)], 6, 1, 'age 1 impossible for this register', P[2]['pid'], 'Age')
err(ws, RR[(6, 0)], PC['24h'], 45, 'pain 45 on a 0-10 scale', P[6]['pid'], 'Pain 24 hr')
err(ws, RR[(10, 0)], 10, 'L8', 'impossible level L8', P[10]['pid'], 'Level(s)')
err(ws, RR[(14, 0)], 9, '13/27/2023', 'impossible date (month 13) in mm/dd/yyyy column', P[14]['pid'], 'Date')
# a complication dated before the first session
k = next(i for (i, e) in CR if e == 'New fracture' and i not in (2, 6, 10, 14))
c = cp.cell(row=CR[(k, 'New fracture')], column=3)
err(cp, CR[(k, 'New fracture')], 3, P[k]['d0'] - dt.timedelta(days=200), 'new-fracture date before the first procedure date', P[k]['pid'], 'Date')
cp.cell(row=CR[(k, 'New fracture')], column=3).number_format = 'mm/dd/yyyy'
ERR[-1][4] = us(P[k]['d0'] - dt.timedelta(days=200))
wb.save(os.path.join(OUT, 'input.xlsx'))
ids = [['name', n] for n in NAMES] + [['record_number', m] for m in MRN] + [['phone', t] for t in PHONE]
write_truth(P, ERR, ids, per_vertebra=False, cement_type='PMMA', measures=('pain_vas',))
