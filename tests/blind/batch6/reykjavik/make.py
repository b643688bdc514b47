# ---- shared data generator (copied into each make.py so it stays self-contained) ----
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def gen(seed, n, fu_tps, p_second=0.2, p_frac=0.15, vol_mode='level', sec_tps=('pre', '1m')):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        p['age'] = int(rng.integers(51, 92))
        p['etiology'] = str(rng.choice(['osteoporotic'] * 6 + ['pathologic'] * 2 + ['traumatic']))
        p['died'] = 'yes' if rng.random() < 0.12 else 'no'
        d0 = dt.date(2021, 1, 4) + dt.timedelta(days=int(rng.integers(0, 700)))
        p['d0'] = d0
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        st = int(rng.integers(0, len(LEVELS) - nlev + 1))
        used = set(LEVELS[st:st + nlev])
        sessions = [mk_session(rng, 0, d0, LEVELS[st:st + nlev], vol_mode)]
        p['fractures'] = []
        if rng.random() < p_second:
            cand = [l for l in LEVELS if l not in used]
            lv = str(rng.choice(cand))
            used.add(lv)
            day = int(rng.integers(35, 150))
            p['fractures'].append((day - int(rng.integers(4, 15)), lv))
            sessions.append(mk_session(rng, day, d0, [lv], vol_mode))
        elif rng.random() < p_frac:
            cand = [l for l in LEVELS if l not in used]
            lv = str(rng.choice(cand))
            p['fractures'].append((int(rng.integers(20, 300)), lv))
        p['sessions'] = sessions
        # pain
        pain = {}
        pre = int(rng.integers(6, 11))
        pain['pre'] = pre
        cur = pre
        for k, tp in enumerate(fu_tps):
            cur = max(0, cur - int(rng.integers(0, 4)) - (2 if k == 0 else 0))
            if rng.random() < 0.18 and k > 0:
                continue  # missed visit
            pain[tp] = cur
        sessions[0]['pain'] = pain
        for s in sessions[1:]:
            pr = int(rng.integers(6, 10))
            s['pain'] = {'pre': pr, sec_tps[1]: max(0, pr - int(rng.integers(2, 6)))}
        pts.append(p)
    return rng, pts


def mk_session(rng, day, d0, levels, vol_mode):
    s = {'day': day, 'date': d0 + dt.timedelta(days=day), 'levels': list(levels)}
    s['technique'] = str(rng.choice(['vertebroplasty', 'kyphoplasty'], p=[0.6, 0.4]))
    s['cement'] = 'PMMA' if rng.random() < 0.85 else 'calcium phosphate'
    s['vols'] = [float(rng.integers(4, 15)) / 2 + 1.0 for _ in levels]
    s['total'] = sum(s['vols'])
    s['vol_mode'] = vol_mode
    lk = []
    for _ in levels:
        lk.append('none' if rng.random() < 0.78 else str(rng.choice(LEAKS)))
    s['leak'] = lk
    return s


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pts, errors, idents, measures_extra=None, vol_mode='level',
                no_sex=False, no_died=False):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], '' if no_sex else p['sex'], p['age'], p['etiology'], '' if no_died else p['died']] for p in pts])
    rows = []
    for p in pts:
        for k, s in enumerate(p['sessions']):
            for j, lv in enumerate(s['levels']):
                if vol_mode == 'level':
                    v, sv = fmtnum(s['vols'][j]), ''
                else:
                    if len(s['levels']) == 1:
                        v, sv = fmtnum(s['total']), ''
                    else:
                        v, sv = '', fmtnum(s['total'])
                rows.append([p['id'], k + 1, s['day'], lv, s['technique'], v, sv, s['cement'], s['leak'][j]])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for k, s in enumerate(p['sessions']):
            for tp, v in s['pain'].items():
                rows.append([p['id'], k + 1, 'pain_vas', tp, fmtnum(v)])
            for (meas, tp), v in s.get('extra', {}).items():
                rows.append([p['id'], k + 1, meas, tp, fmtnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, lv] for p in pts for (d, lv) in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen = []
    for x in idents:
        if x not in seen:
            seen.append(x)
    w('identifiers.csv', ['kind', 'value'], seen)
# ---- end shared ----

import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

FU = ['2w', '6w', '3m', '12m']
OFF = {'2w': 14, '6w': 42, '3m': 91, '12m': 365, '1m': 30}
LAB = {'2w': 'Eftirlit 2 vikur', '6w': 'Eftirlit 6 vikur', '3m': 'Eftirlit 3 mán.', '12m': 'Eftirlit 12 mán.'}
ET = {'osteoporotic': 'beinþynning', 'pathologic': 'meinvörp / mergæxli', 'traumatic': 'áverki (slys)'}
LK = {'disc': 'liðþófi', 'venous': 'bláæð', 'paravertebral': 'mjúkvefur', 'epidural': 'utanbast (epidural)',
      'foraminal': 'taugagat'}
FN = ['Guðrún', 'Sigríður', 'Kristín', 'Anna', 'Margrét', 'Helga', 'Jón', 'Sigurður', 'Guðmundur', 'Gunnar']
LN_F = ['Jónsdóttir', 'Sigurðardóttir', 'Guðmundsdóttir', 'Magnúsdóttir', 'Ólafsdóttir']
LN_M = ['Jónsson', 'Sigurðsson', 'Guðmundsson', 'Magnússon', 'Ólafsson']


def isnum(x):
    return fmtnum(x).replace('.', ',')


def main(out):
    rng, pts = gen(6404, 22, FU, p_second=0.18, p_frac=0.15)
    idents = []
    for i, p in enumerate(pts):
        p['id'] = 'LSH-HF-%03d' % (101 + i)
        if p['sex'] == 'female':
            nm = FN[int(rng.integers(0, 6))] + ' ' + LN_F[int(rng.integers(0, 5))]
        else:
            nm = FN[int(rng.integers(6, 10))] + ' ' + LN_M[int(rng.integers(0, 5))]
        by = p['d0'].year - p['age'] - (1 if rng.random() < 0.5 else 0)
        bd = dt.date(by, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
        kt = bd.strftime('%d%m%y') + '-%04d' % int(rng.integers(2000, 9999))
        p['name'], p['kt'] = nm, kt
        idents += [['name', nm], ['other', kt]]
        for k, s in enumerate(p['sessions']):
            mob = {}
            m = int(rng.integers(0, 3))
            mob['pre'] = m
            for t in s['pain']:
                if t != 'pre':
                    m = min(3, m + int(rng.integers(0, 2)))
                    mob[t] = m
            s['extra'] = {('mobility', t): v for t, v in mob.items()}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Heimsóknir'
    ws['A1'] = 'Landspítali – Hryggjarliðsfyllingar (hryggjarliðsfylling / blöðrufylling) 2021–2023'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = ('Ein lína fyrir hverja heimsókn. Upplýsingar um sjúkling aðeins í fyrstu línu. '
                'VAS 0–10. Hreyfigeta: 0 = rúmliggjandi, 1 = hjólastóll, 2 = göngugrind/hækjur, 3 = gengur óstudd(ur).')
    ws['A2'].font = Font(italic=True)
    hdr = ['Rannsóknarnr.', 'Nafn', 'Kennitala', 'Kyn', 'Aldur', 'Orsök brots', 'Látin(n)',
           'Dags.', 'Heimsókn', 'Hryggjarliðir', 'Aðferð', 'Sement (ml)', 'Sementstegund', 'Sementsleki',
           'VAS', 'Hreyfigeta', 'Nýtt brot', 'Athugasemd']
    for j, h in enumerate(hdr):
        c = ws.cell(4, j + 1, h)
        c.font = Font(bold=True); c.fill = PatternFill('solid', fgColor='E2EFDA')
        ws.column_dimensions[c.column_letter].width = 14
    ws.column_dimensions['I'].width = 28; ws.column_dimensions['N'].width = 22
    cols = {h: j + 1 for j, h in enumerate(hdr)}
    r = 5
    thin = Side(style='thin', color='999999')
    for p in pts:
        events = []
        for k, s in enumerate(p['sessions']):
            tag = '' if k == 0 else ' (aðgerð 2)'
            d = {'Dags.': s['date'], 'Heimsókn': 'Aðgerð' if k == 0 else 'Aðgerð 2 – nýtt brot',
                 'Hryggjarliðir': ', '.join(s['levels']),
                 'Aðferð': 'VP' if s['technique'] == 'vertebroplasty' else 'KP (blöðru)',
                 'Sement (ml)': ' + '.join(isnum(v) for v in s['vols']),
                 'Sementstegund': 'PMMA' if s['cement'] == 'PMMA' else 'kalsíumfosfat',
                 'Sementsleki': 'nei' if all(x == 'none' for x in s['leak']) else
                 'já – ' + ', '.join('%s (%s)' % (LK[x], lv) for lv, x in zip(s['levels'], s['leak']) if x != 'none'),
                 'VAS': s['pain']['pre'], 'Hreyfigeta': s['extra'][('mobility', 'pre')],
                 'Athugasemd': 'VAS og hreyfigeta fyrir aðgerð'}
            events.append((s['day'], 0, d))
            tps = FU if k == 0 else ['1m']
            for t in tps:
                vd = s['day'] + OFF[t] + int(rng.integers(-3, 4))
                lab = (LAB[t] if k == 0 else 'Eftirlit 1 mán. eftir aðgerð 2')
                if t in s['pain']:
                    d = {'Dags.': p['d0'] + dt.timedelta(days=vd), 'Heimsókn': lab, 'VAS': s['pain'][t],
                         'Hreyfigeta': s['extra'][('mobility', t)]}
                else:
                    if rng.random() < 0.5:
                        continue
                    d = {'Heimsókn': lab, 'VAS': 'mætti ekki', 'Athugasemd': 'mætti ekki í eftirlit'}
                events.append((vd, 1, d))
        for fd, fl in p['fractures']:
            events.append((fd, 0.5, {'Dags.': p['d0'] + dt.timedelta(days=fd), 'Heimsókn': 'Nýtt brot greint (röntgen)',
                                     'Nýtt brot': 'já – ' + fl}))
        events.sort(key=lambda e: (e[0], e[1]))
        first = r
        p['rows'] = {}
        for (day, _, d) in events:
            if r == first:
                d.update({'Rannsóknarnr.': p['id'], 'Nafn': p['name'], 'Kennitala': p['kt'],
                          'Kyn': 'kona' if p['sex'] == 'female' else 'karl', 'Aldur': p['age'],
                          'Orsök brots': ET[p['etiology']], 'Látin(n)': 'já' if p['died'] == 'yes' else 'nei'})
            for h, x in d.items():
                c = ws.cell(r, cols[h], x)
                if isinstance(x, dt.date):
                    c.number_format = 'dd.mm.yyyy'
            p['rows'][d['Heimsókn']] = r
            r += 1
        for j in range(1, len(hdr) + 1):
            ws.cell(r - 1, j).border = Border(bottom=thin)
    ws.freeze_panes = 'B5'
    errs = []
    def plant(p, visit, h, val, why):
        row = p['rows'][visit]
        c = ws.cell(row, cols[h], val)
        if isinstance(val, dt.date):
            c.number_format = 'dd.mm.yyyy'
        errs.append([ws.title, c.coordinate, row, h, val.strftime('%d.%m.%Y') if isinstance(val, dt.date) else val,
                     why, p['id']])
    cand = [p for p in pts if '2w' in p['sessions'][0]['pain']]
    q = cand[2]
    plant(q, 'Eftirlit 2 vikur', 'Dags.', q['d0'] - dt.timedelta(days=20),
          '2-week follow-up dated before the procedure date')
    plant(cand[6], 'Eftirlit 2 vikur', 'VAS', 12, 'VAS 12 on a 0-10 scale')
    plant(pts[15], 'Aðgerð', 'Aldur', 190, 'age 190 years')
    one = [p for p in pts if len(p['sessions'][0]['levels']) == 1 and p not in (q, cand[6], pts[15])]
    plant(one[4], 'Aðgerð', 'Sement (ml)', '45', '45 mL of cement in one vertebra')
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errs, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
