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

# ---------------- Душанбе ----------------
TPS = ['pre', '1w', '1m', '3m', '6m']
P, rng = gen(4040, 21, lambda i: f'ДШ-{i+1:02d}', TPS, odi=True, leaks=('none', 'disc', 'venous', 'paravertebral'))
SEX = {'female': 'зан', 'male': 'мард'}
ET = {'osteoporotic': 'остеопороз', 'pathologic': 'метастаза', 'traumatic': 'осеби (афтидан)'}
TECH = {'vertebroplasty': 'ВП', 'kyphoplasty': 'КП'}
LK = {'disc': 'ба диск', 'venous': 'ба варид', 'paravertebral': 'паравертебралӣ'}
VIS = {'pre': 'пеш аз амалиёт', '1w': '1 ҳафта', '1m': '1 моҳ', '3m': '3 моҳ', '6m': '6 моҳ'}
def lev(l): return 'Т' + l[1:] if l[0] == 'T' else l   # Cyrillic Т for thoracic
def tj(d): return d.strftime('%d.%m.%Y')
wb = Workbook()
pt = wb.active; pt.title = 'Беморон'
pt['A1'] = 'Маркази тиббии ҷумҳуриявӣ (тахайюлӣ), шӯъбаи ҷарроҳии сутунмӯҳра - вертебропластика'; pt['A1'].font = BOLD
ph = ['Рамз', 'Ҷинс', 'Синну сол', 'Ташхис', 'Шикастаи нав (сутунмӯҳра, сана)', 'Вафот']
for j, h in enumerate(ph, 1): pt.cell(row=3, column=j, value=h).font = BOLD
PR = {}
for r, (i, p) in enumerate(enumerate(P), 4):
    vals = [p['pid'], SEX[p['sex']], p['age'], ET[p['et']],
            '; '.join(f'{lev(l)}, {tj(p["d0"] + dt.timedelta(days=d))}' for d, l in p['fx']) or 'не',
            f"ҳа ({tj(p['d0'] + dt.timedelta(days=p['death_day']))})" if p['died'] == 'yes' else 'не']
    for j, v in enumerate(vals, 1): pt.cell(row=r, column=j, value=v)
    PR[i] = r
pr = wb.create_sheet('Амалиётҳо')
prh = ['Рамз', 'Ҷаласа №', 'Сана', 'Сутунмӯҳраҳо', 'Усул', 'Семент, мл (ҳамагӣ)', 'Навъи семент', 'Ихроҷи семент', 'Эзоҳ']
for j, h in enumerate(prh, 1): pr.cell(row=1, column=j, value=h).font = BOLD
r = 2; RR = {}
for i, p in enumerate(P):
    for k, s in enumerate(p['sessions']):
        tot = sum(l['vol'] for l in s['levels'])
        lk = [l for l in s['levels'] if l['leak'] != 'none']
        lktxt = 'нест' if not lk else ('; '.join(f"{lev(l['level'])} {LK[l['leak']]}" for l in lk) if len(s['levels']) > 1 else LK[lk[0]['leak']])
        vals = [p['pid'], k+1, s['date'], ', '.join(lev(l['level']) for l in s['levels']), TECH[s['tech']], tot, 'ПММА', lktxt,
                'такрорӣ' if k else None]
        for j, v in enumerate(vals, 1):
            c = pr.cell(row=r, column=j, value=v)
            if j == 3: c.number_format = 'DD.MM.YYYY'
        RR[(i, k)] = r; r += 1
sc = wb.create_sheet('Баҳоҳо')
for j, h in enumerate(['Рамз', 'Ташриф', 'Нишондиҳанда', 'Қимат'], 1): sc.cell(row=1, column=j, value=h).font = BOLD
r = 2; SR = {}
for i, p in enumerate(P):
    for tp in TPS:
        a = p['A'].get(tp)
        if a is None:
            if not (p['death_day'] and TPDAYS[tp] >= p['death_day']) and rng.random() < 0.5:
                for j, v in enumerate([p['pid'], VIS[tp], 'ВАШ', 'наомад'], 1): sc.cell(row=r, column=j, value=v)
                r += 1
            continue
        for m, lab in (('pain_vas', 'ВАШ'), ('odi', 'ODI %')):
            for j, v in enumerate([p['pid'], VIS[tp], lab, a[m]], 1): sc.cell(row=r, column=j, value=v)
            SR[(i, tp, m)] = r; r += 1
leg = wb.create_sheet('Шарҳ')
for k, t in enumerate(['ВАШ = шкалаи визуалии аналогии дард 0-10', 'ODI = индекси Освестри, 0-100 %', 'ВП = вертебропластика, КП = кифопластика',
                       'наомад = бемор ба муоина наомад', 'Семент: ПММА (полиметилметакрилат); ҳаҷм барои тамоми ҷаласа',
                       'Т = сутунмӯҳраи сина (торакалӣ), L = камарӣ'], 1):
    leg.cell(row=k, column=1, value=t)
# planted errors
_orig = pr.cell(row=RR[(3, 0)], column=4).value
_first = _orig.split(', ')[0]
_bad = ('Т13' if _first.startswith('Т') else 'L7') + _orig[len(_first):]
err(pr, RR[(3, 0)], 4, _bad, 'impossible vertebral level (T13/L7) in the level list', P[3]['pid'], 'Сутунмӯҳраҳо')
err(sc, SR[(7, 'pre', 'pain_vas')], 4, 12, 'VAS 12 on a 0-10 scale', P[7]['pid'], 'Қимат')
err(pt, PR[11], 3, 'нест', 'text in the age column that means nothing', P[11]['pid'], 'Синну сол')
err(pr, RR[(15, 0)], 6, 95, 'cement 95 ml for one session', P[15]['pid'], 'Семент, мл (ҳамагӣ)')
wb.save(os.path.join(OUT, 'input.xlsx'))
write_truth(P, ERR, [], per_vertebra=False, cement_type='PMMA', measures=('pain_vas', 'odi'))
