# ---- shared generator (copied verbatim into each site's make.py) ----
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
TPDAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def gen(seed, n, start, end, tps, idfmt, lo='T5', hi='L5', cements=('PMMA',),
        tech_p=0.7, s2_p=0.18, nf_p=0.18, death_p=0.12, miss_p=0.15,
        s2_tps=None, odi=False, mob=False):
    rng = np.random.default_rng(seed)
    lv = LEVELS[LEVELS.index(lo):LEVELS.index(hi) + 1]
    span = (end - start).days
    pats = []
    for i in range(n):
        p = {'pid': idfmt(i)}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.65 else ('pathologic' if r < 0.87 else 'traumatic')
        p['etio_detail'] = None
        if p['etiology'] == 'pathologic':
            p['etio_detail'] = 'myeloma' if rng.random() < 0.35 else 'metastasis'
        p['age'] = int(rng.integers(58, 93)) if p['etiology'] != 'traumatic' else int(rng.integers(35, 75))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        p['d0'] = d0
        k = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        c = int(rng.integers(0, len(lv) - k + 1))
        levs = lv[c:c + k]
        tech = 'vertebroplasty' if rng.random() < tech_p else 'kyphoplasty'
        ct = cements[int(rng.integers(0, len(cements)))]

        def mk(sn, day, levs, tech, ct):
            s = {'session': sn, 'day': day, 'date': d0 + dt.timedelta(days=day),
                 'tech': tech, 'cement': ct, 'levels': []}
            for L in levs:
                vmax = 6.5 if L.startswith('L') else 4.5
                vol = round(float(rng.uniform(1.5, vmax)) * 2) / 2
                lk = 'none'
                if rng.random() < 0.25:
                    lk = str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'disc;venous']))
                s['levels'].append({'level': L, 'vol': vol, 'leak': lk})
            s['total'] = round(sum(x['vol'] for x in s['levels']), 1)
            s['ass'] = {}
            return s

        sess = [mk(1, 0, levs, tech, ct)]
        used = set(levs)
        if rng.random() < s2_p:
            free = [L for L in lv if L not in used]
            adj = [L for L in free if abs(lv.index(L) - lv.index(levs[0])) <= 2 or abs(lv.index(L) - lv.index(levs[-1])) <= 2]
            pool = adj or free
            L2 = pool[int(rng.integers(0, len(pool)))]
            used.add(L2)
            sess.append(mk(2, int(rng.integers(21, 120)), [L2], tech, ct))
        p['sessions'] = sess
        # death
        p['died'] = 'no'
        p['death_day'] = None
        if rng.random() < death_p:
            p['died'] = 'yes'
            p['death_day'] = int(rng.integers(max(s['day'] for s in sess) + 20, 330))
        lim = p['death_day'] if p['death_day'] is not None else 10 ** 6
        # new fractures
        p['fractures'] = []
        if rng.random() < nf_p:
            free = [L for L in lv if L not in used]
            L3 = free[int(rng.integers(0, len(free)))]
            fd = int(rng.integers(25, 300))
            if fd < lim:
                p['fractures'].append((fd, L3))
        # assessments
        for s in sess:
            these = tps if s['session'] == 1 else (s2_tps if s2_tps is not None else tps)
            pre = int(rng.integers(6, 11))
            opre = int(rng.integers(20, 41)) * 2
            mpre = int(rng.integers(2, 5))
            s['ass']['pre'] = {'pain_vas': pre, 'date': s['date'] - dt.timedelta(days=int(rng.integers(0, 2)))}
            if odi:
                s['ass']['pre']['odi'] = opre
            if mob:
                s['ass']['pre']['mobility'] = mpre
            drop = int(rng.integers(2, 6))
            for j, tp in enumerate(these):
                nd = TPDAYS[tp]
                jit = 0 if nd <= 1 else int(rng.integers(-max(1, nd // 10), max(1, nd // 10) + 1))
                vd = s['day'] + nd + jit
                if vd >= lim:
                    continue
                if j > 0 and rng.random() < miss_p:
                    continue
                v = {'date': d0 + dt.timedelta(days=vd)}
                v['pain_vas'] = int(min(10, max(0, pre - drop - j * 0.5 + int(rng.integers(-1, 2)))))
                if odi:
                    v['odi'] = int(min(100, max(0, opre - 10 - 6 * j + int(rng.integers(-3, 4)) * 2)))
                if mob:
                    v['mobility'] = int(min(4, max(1, mpre - 1 - (j > 1) + int(rng.integers(-1, 1)))))
                s['ass'][tp] = v
        pats.append(p)
    return pats


def wcsv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0')


def write_truth(out, pats, errors, identifiers, vol_mode='level', leak=True, tech=True,
                cement=True, sex=True, age=True, etiology=True, died=True):
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    wcsv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
           p['died'] if died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for L in s['levels']:
                rows.append([p['pid'], s['session'], s['day'], L['level'], s['tech'] if tech else '',
                             fmtnum(L['vol']) if vol_mode == 'level' else '',
                             fmtnum(s['total']) if vol_mode == 'session' else '',
                             s['cement'] if cement else '', L['leak'] if leak else ''])
    wcsv(os.path.join(t, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique',
         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for tp, v in s['ass'].items():
                for m in ('pain_vas', 'odi', 'mobility'):
                    if m in v:
                        rows.append([p['pid'], s['session'], m, tp, fmtnum(v[m])])
    wcsv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    wcsv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
         [[p['pid'], d, L] for p in pats for d, L in p['fractures']])
    wcsv(os.path.join(t, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


def col_letter(ci):  # 1-based
    s = ''
    while ci:
        ci, r = divmod(ci - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end shared generator ----
# ---- site: durban ----
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill


def main(out):
    os.makedirs(out, exist_ok=True)
    pats = gen(9501, 23, dt.date(2022, 1, 10), dt.date(2024, 1, 31), ['2w', '6w', '3m', '6m'],
               lambda i: 'DBN%02d' % (i + 1), lo='T4', hi='L5', s2_tps=['2w', '6w'], tech_p=0.65,
               cements=('PMMA', 'PMMA', 'PMMA', 'Cortoss'), mob=True, miss_p=0.18)
    rng = np.random.default_rng(9502)
    pats.sort(key=lambda p: p['d0'])
    SUR = ['Naidoo', 'van der Merwe', 'Dlamini', 'Pillay', 'Botha', 'Mkhize', 'Govender', 'Ngcobo', 'du Plessis', 'Zulu', 'Pretorius', 'Moodley']
    FNF = ['Thandiwe', 'Anna', 'Priya', 'Elsabe', 'Nomvula', 'Sarojini', 'Marietjie', 'Lindiwe']
    FNM = ['Sipho', 'Johannes', 'Ravi', 'Pieter', 'Bongani', 'Hendrik']
    DX = {'osteoporotic': ['Osteoporose', 'OP #', 'Osteoporotic #'], 'traumatic': ['MVA', 'Fall from height / Val van hoogte'],
          'myeloma': ['Myeloma'], 'metastasis': ['Mets (ca prostate)', 'Mets (ca breast)', 'Mets (ca lung)']}
    LK = {'disc': 'Ja - disc', 'venous': 'Ja - venous', 'paravertebral': 'Ja - paravertebral', 'epidural': 'Ja - epidural',
          'disc;venous': 'Ja - disc + venous'}
    VIS = {'pre': 'Pre-op', '2w': '2 wk', '6w': '6 wk', '3m': '3 mo', '6m': '6 mo'}
    LH = ['Study No.\nStudienr.', 'Hosp No.', 'Surname, Name\nVan, Naam', 'Sex\nGeslag', 'Age\nOuderdom', 'Diagnosis\nDiagnose',
          'Proc #', 'Date of procedure\nDatum', 'Level\nVlak', 'Technique\nTegniek', 'Cement (ml)', 'Cement brand',
          'Leak\nLekkasie', 'Deceased\nOorlede']
    RH = ['Study No.\nStudienr.', 'Proc #', 'Visit\nBesoek', 'Date\nDatum', 'VAS (0-10)', 'Mobility\nMobiliteit (1-4)',
          'New #\nNuwe fraktuur', 'Comments\nOpmerkings']
    R0 = len(LH) + 3  # two empty columns between the tables
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'VP Register'
    ws['A1'] = 'Spinal Unit, Addington-Umbilo Hospital (Durban) – Vertebroplasty / Kyphoplasty register 2022-2024'
    ws['A1'].font = Font(bold=True, size=14)
    ws.cell(row=2, column=1, value='PATIENTS & PROCEDURES / PASIËNTE EN PROSEDURES').font = Font(bold=True, color='FFFFFF')
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(LH))
    ws.cell(row=2, column=R0, value='FOLLOW-UP / OPVOLG').font = Font(bold=True, color='FFFFFF')
    ws.merge_cells(start_row=2, start_column=R0, end_row=2, end_column=R0 + len(RH) - 1)
    for j in range(1, len(LH) + 1):
        ws.cell(row=2, column=j).fill = PatternFill('solid', fgColor='375623')
    for j in range(R0, R0 + len(RH)):
        ws.cell(row=2, column=j).fill = PatternFill('solid', fgColor='1F4E78')
    for j, h in enumerate(LH, 1):
        c = ws.cell(row=3, column=j, value=h)
        c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True); c.fill = PatternFill('solid', fgColor='E2EFDA')
    for j, h in enumerate(RH):
        c = ws.cell(row=3, column=R0 + j, value=h)
        c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True); c.fill = PatternFill('solid', fgColor='DDEBF7')
    ws.row_dimensions[3].height = 32
    idents = []
    errors = []
    DF = 'yyyy/mm/dd'
    # left table
    r = 4
    dup_src, dup_tgt = pats[4], pats[11]
    first_row = {}
    for p in pats:
        sx = p['sex']
        nm = '%s, %s' % (SUR[int(rng.integers(0, len(SUR)))], (FNF if sx == 'female' else FNM)[int(rng.integers(0, 6))])
        hn = 'AU%07d' % int(rng.integers(0, 9999999))
        idents += [['name', nm], ['record_number', hn]]
        first = True
        for s in p['sessions']:
            for L in s['levels']:
                if first:
                    first_row[p['pid']] = r
                    ws.cell(row=r, column=1, value=p['pid'] if p is not dup_tgt else dup_src['pid'])
                    ws.cell(row=r, column=2, value=hn)
                    ws.cell(row=r, column=3, value=nm)
                    ws.cell(row=r, column=4, value='F' if sx == 'female' else 'M')
                    ws.cell(row=r, column=5, value=p['age'])
                    dx = DX[p['etio_detail'] or p['etiology']]
                    d0 = dx[int(rng.integers(0, len(dx)))]
                    if sx == 'male' and 'breast' in d0:
                        d0 = 'Mets (ca prostate)'
                    if sx == 'female' and 'prostate' in d0:
                        d0 = 'Mets (ca breast)'
                    ws.cell(row=r, column=6, value=d0)
                    if p['died'] == 'yes':
                        ws.cell(row=r, column=14, value='Ja (%s)' % (p['d0'] + dt.timedelta(days=p['death_day'])).strftime('%Y/%m/%d'))
                    else:
                        ws.cell(row=r, column=14, value='Nee')
                    first = False
                ws.cell(row=r, column=7, value=s['session'])
                c = ws.cell(row=r, column=8, value=s['date']); c.number_format = DF
                ws.cell(row=r, column=9, value=L['level'])
                ws.cell(row=r, column=10, value='VP' if s['tech'] == 'vertebroplasty' else 'BKP')
                ws.cell(row=r, column=11, value=L['vol'])
                ws.cell(row=r, column=12, value='Cortoss' if s['cement'] == 'Cortoss' else 'Osteopal V')
                ws.cell(row=r, column=13, value='Nee' if L['leak'] == 'none' else LK[L['leak']])
                r += 1
    left_end = r - 1
    rr = first_row[dup_tgt['pid']]
    errors.append([ws.title, 'A%d' % rr, rr, 'Study No.\nStudienr.', dup_src['pid'],
                   'study number %s entered for a second, different patient (should be %s)' % (dup_src['pid'], dup_tgt['pid']), dup_tgt['pid']])
    rr0 = first_row[dup_src['pid']]
    errors.append([ws.title, 'A%d' % rr0, rr0, 'Study No.\nStudienr.', dup_src['pid'],
                   'same study number used again for another patient at A%d' % rr, dup_src['pid']])
    # right table
    vis = []
    for p in pats:
        pv = []
        for s in p['sessions']:
            for tp, v in s['ass'].items():
                pv.append({'pid': p['pid'], 'sess': s['session'], 'tp': tp, 'date': v['date'], 'vas': v['pain_vas'], 'mob': v['mobility']})
        pv.sort(key=lambda x: (x['date'], x['sess']))
        for d, L in p['fractures']:
            fd = p['d0'] + dt.timedelta(days=d)
            nxt = [x for x in pv if x['date'] >= fd and x['tp'] != 'pre']
            txt = '%s (XR %s)' % (L, fd.strftime('%Y/%m/%d'))
            if nxt:
                nxt[0]['nf'] = txt
            else:
                pv.append({'pid': p['pid'], 'sess': 1, 'tp': None, 'date': fd, 'nf': txt, 'comment': 'Walk-in, new back pain / nuwe rugpyn'})
        pv.sort(key=lambda x: (x['date'], x['sess']))
        vis += pv
    r = 4
    plan = {7: 'mob', 30: 'vas', 45: 'cement'}
    for i, v in enumerate(vis):
        ws.cell(row=r, column=R0, value=v['pid'])
        ws.cell(row=r, column=R0 + 1, value=v['sess'])
        ws.cell(row=r, column=R0 + 2, value=VIS[v['tp']] if v['tp'] else 'Unscheduled / Ongeskeduleer')
        c = ws.cell(row=r, column=R0 + 3, value=v['date']); c.number_format = DF
        if v['tp']:
            ws.cell(row=r, column=R0 + 4, value=v['vas'])
            ws.cell(row=r, column=R0 + 5, value=v['mob'])
        if 'nf' in v:
            ws.cell(row=r, column=R0 + 6, value=v['nf'])
        if 'comment' in v:
            ws.cell(row=r, column=R0 + 7, value=v['comment'])
        e = plan.get(i)
        if e == 'mob' and v['tp']:
            ws.cell(row=r, column=R0 + 5, value=7)
            errors.append([ws.title, '%s%d' % (col_letter(R0 + 5), r), r, RH[5], '7', 'mobility 7 on a 1-4 scale', v['pid']])
        elif e == 'vas' and v['tp']:
            ws.cell(row=r, column=R0 + 4, value=12)
            errors.append([ws.title, '%s%d' % (col_letter(R0 + 4), r), r, RH[4], '12', 'VAS 12 on a 0-10 scale', v['pid']])
        elif e:
            plan[i + 1] = e
        r += 1
    # cement text error on left
    tgt = pats[17]
    rr = first_row[tgt['pid']]
    ws.cell(row=rr, column=11, value='xx')
    errors.append([ws.title, 'K%d' % rr, rr, 'Cement (ml)', 'xx', 'meaningless text in the cement volume column', tgt['pid']])
    ws.cell(row=left_end + 2, column=1, value='VP = vertebroplasty, BKP = balloon kyphoplasty. Ja = yes, Nee = no.').font = Font(italic=True)
    ws.cell(row=r + 1, column=R0, value='Mobility / Mobiliteit: 1 = walks unaided, 2 = stick/crutch, 3 = walking frame, 4 = wheelchair/bedbound').font = Font(italic=True)
    for j, w in enumerate([9, 11, 24, 7, 8, 22, 6, 12, 7, 8, 8, 11, 18, 18, 3, 3], 1):
        ws.column_dimensions[col_letter(j)].width = w
    for j, w in enumerate([9, 6, 14, 12, 8, 10, 22, 30]):
        ws.column_dimensions[col_letter(R0 + j)].width = w
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents, vol_mode='level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
