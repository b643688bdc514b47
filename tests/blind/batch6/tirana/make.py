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
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter as L

FU = ['24h', '1m', '3m', '6m']
FIRST = ['Arta', 'Elira', 'Mirela', 'Drita', 'Blerina', 'Lule', 'Vjollca', 'Anila', 'Besnik', 'Gjergj', 'Ilir', 'Fatos']
LAST = ['Hoxha', 'Kola', 'Leka', 'Shehu', 'Dervishi', 'Marku', 'Gjoka', 'Basha', 'Prifti', 'Çela', 'Topalli', 'Muça']
ET = {'osteoporotic': 'osteoporozë', 'pathologic': 'metastazë', 'traumatic': 'traumë'}
LK = {'none': 'jo', 'disc': 'po - disk', 'venous': 'po - venoze', 'paravertebral': 'po - paravertebrale',
      'epidural': 'po - epidurale', 'foraminal': 'po - foraminale'}
TP_AL = {'24h': 'pas 24 orëve', '1m': '1 muaj', '3m': '3 muaj', '6m': '6 muaj'}


def main(out):
    rng, pts = gen(6101, 23, FU, p_second=0.2, p_frac=0.15)
    pts[5]['died'] = 'yes'; pts[19]['died'] = 'yes'
    idents = []
    for i, p in enumerate(pts):
        p['id'] = 'TR-%03d' % (i + 1)
        fn = FIRST[int(rng.integers(0, 6))] if p['sex'] == 'female' else FIRST[int(rng.integers(6, 12))]
        p['name'] = fn + ' ' + LAST[int(rng.integers(0, len(LAST)))]
        p['mrn'] = str(int(rng.integers(100000, 999999)))
        idents += [['name', p['name']], ['record_number', p['mrn']]]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Vertebroplastika'
    ws['A1'] = 'QSUT "Nënë Tereza" Tiranë - Shërbimi i Neurokirurgjisë - Regjistri i vertebroplastikës / kifoplastikës 2021-2023'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = 'VAS = shkalla e dhimbjes 0-10. Datat në formatin dd.mm.vvvv. "s/b" = nuk është bërë (vizita nuk u krye)'
    ws['A2'].font = Font(italic=True)
    groups = [('Pacienti', ['Nr. studimi', 'Emër Mbiemër', 'Nr. kartele', 'Gjinia', 'Mosha', 'Etiologjia']),
              ('Seanca 1', ['Data e ndërhyrjes', 'Teknika', 'Vertebra 1', 'Vol. 1 (ml)', 'Rrjedhje 1',
                            'Vertebra 2', 'Vol. 2 (ml)', 'Rrjedhje 2', 'Vertebra 3', 'Vol. 3 (ml)', 'Rrjedhje 3', 'Çimento']),
              ('Dhimbja VAS (seanca 1)', ['para'] + [TP_AL[t] for t in FU]),
              ('Fraktura të reja', ['Niveli i frakturës së re', 'Data e frakturës']),
              ('Seanca 2 (rindërhyrje)', ['Data S2', 'Teknika S2', 'Vertebra S2', 'Vol. S2 (ml)', 'Rrjedhje S2', 'Çimento S2',
                                          'VAS para S2', 'VAS 1 muaj pas S2']),
              ('', ['Vdekur (po/jo)', 'Shënime'])]
    col = 1
    cols = {}
    for g, hs in groups:
        if g:
            ws.cell(4, col, g).font = Font(bold=True)
            ws.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + len(hs) - 1)
            ws.cell(4, col).alignment = Alignment(horizontal='center')
        for h in hs:
            c = ws.cell(5, col, h)
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True)
            cols[h] = col
            ws.column_dimensions[L(col)].width = 12
            col += 1
    ws.column_dimensions[L(cols['Emër Mbiemër'])].width = 20
    ws.column_dimensions['A'].width = 11
    fmt = lambda d: d.strftime('%d.%m.%Y')
    r = 6
    for p in pts:
        p['row'] = r
        s = p['sessions'][0]
        put = lambda h, v: ws.cell(r, cols[h], v)
        put('Nr. studimi', p['id']); put('Emër Mbiemër', p['name']); put('Nr. kartele', p['mrn'])
        put('Gjinia', 'F' if p['sex'] == 'female' else 'M'); put('Mosha', p['age'])
        put('Etiologjia', ET[p['etiology']])
        put('Data e ndërhyrjes', fmt(s['date']))
        put('Teknika', 'VP' if s['technique'] == 'vertebroplasty' else 'KP')
        for j, lv in enumerate(s['levels']):
            put('Vertebra %d' % (j + 1), lv)
            put('Vol. %d (ml)' % (j + 1), s['vols'][j])
            put('Rrjedhje %d' % (j + 1), LK[s['leak'][j]])
        put('Çimento', 'PMMA' if s['cement'] == 'PMMA' else 'fosfat kalciumi')
        put('para', s['pain']['pre'])
        for t in FU:
            put(TP_AL[t], s['pain'].get(t, 's/b'))
        if p['fractures']:
            d, lv = p['fractures'][0]
            put('Niveli i frakturës së re', lv)
            put('Data e frakturës', fmt(p['d0'] + dt.timedelta(days=d)))
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            put('Data S2', fmt(s2['date'])); put('Teknika S2', 'VP' if s2['technique'] == 'vertebroplasty' else 'KP')
            put('Vertebra S2', s2['levels'][0]); put('Vol. S2 (ml)', s2['vols'][0]); put('Rrjedhje S2', LK[s2['leak'][0]])
            put('Çimento S2', 'PMMA' if s2['cement'] == 'PMMA' else 'fosfat kalciumi')
            put('VAS para S2', s2['pain']['pre']); put('VAS 1 muaj pas S2', s2['pain']['1m'])
        put('Vdekur (po/jo)', 'po' if p['died'] == 'yes' else 'jo')
        if p['died'] == 'yes':
            put('Shënime', 'ndërroi jetë gjatë ndjekjes')
        r += 1
    ws.freeze_panes = 'C6'
    # planted errors
    errs = []
    def plant(p, h, val, why):
        c = ws.cell(p['row'], cols[h], val)
        errs.append([ws.title, c.coordinate, p['row'], h, val, why, p['id']])
    plant(pts[3], 'Vertebra 1', 'L7', 'impossible vertebral level L7')
    plant(pts[8], 'para', 14, 'VAS 14 on a 0-10 scale')
    plant(pts[12], 'Data e ndërhyrjes', '31.02.2022', 'impossible date 31 February')
    plant(pts[17], 'Mosha', 210, 'age 210 years')
    plant(pts[20], 'Vol. 1 (ml)', 45, '45 mL of cement in one vertebra')
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errs, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
