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

FU = ['24h', '2w', '3m']
ETC = {'osteoporotic': 1, 'pathologic': 2, 'traumatic': 3}
LKC = {'none': 0, 'disc': 1, 'venous': 2, 'paravertebral': 3, 'epidural': 4, 'foraminal': 5}


def main(out):
    rng, pts = gen(6202, 22, FU, p_second=0.18, p_frac=0.12)
    for i, p in enumerate(pts):
        p['id'] = 'CHUK-VP-%02d' % (i + 1)
        s = p['sessions'][0]
        s['extra'] = {('odi', 'pre'): int(rng.integers(20, 40)) * 2}
        if '3m' in s['pain']:
            s['extra'][('odi', '3m')] = max(0, s['extra'][('odi', 'pre')] - int(rng.integers(10, 30)) * 2)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Data'
    ws['A1'] = 'CHU Kigali (CHUK) - Service de Neurochirurgie / Orthopédie'
    ws['A2'] = 'Vertebroplasty & kyphoplasty register - umurongo umwe = vertèbre imwe (one line per vertebra treated). Codes: see sheet "Legend"'
    ws['A1'].font = Font(bold=True, size=13)
    hdr = ['No', 'ID patient', 'Igitsina (sexe)', 'Imyaka (âge)', 'Étiologie', 'Séance', 'Date intervention',
           'Technique', 'Niveau vertébral', 'Ciment (ml)', 'Type ciment', 'Fuite / leakage',
           'EVA avant', 'EVA J1', 'EVA 2 sem', 'EVA 3 mois', 'ODI avant (%)', 'ODI 3 mois (%)',
           'Nouvelle fracture (niveau)', 'Date nouvelle fracture', 'Yarapfuye? (décédé)', 'Observations']
    hr = 4
    fill = PatternFill('solid', fgColor='DDEBF7')
    for j, h in enumerate(hdr):
        c = ws.cell(hr, j + 1, h)
        c.font = Font(bold=True); c.fill = fill; c.alignment = Alignment(wrap_text=True)
        ws.column_dimensions[c.column_letter].width = 13
    cols = {h: j + 1 for j, h in enumerate(hdr)}
    r = hr + 1
    k = 1
    for p in pts:
        p['rows'] = []
        for si, s in enumerate(p['sessions']):
            for j, lv in enumerate(s['levels']):
                v = {'No': k, 'ID patient': p['id'], 'Igitsina (sexe)': 2 if p['sex'] == 'female' else 1,
                     'Imyaka (âge)': p['age'], 'Étiologie': ETC[p['etiology']], 'Séance': si + 1,
                     'Date intervention': s['date'], 'Technique': 1 if s['technique'] == 'vertebroplasty' else 2,
                     'Niveau vertébral': lv, 'Ciment (ml)': s['vols'][j],
                     'Type ciment': 'PMMA' if s['cement'] == 'PMMA' else 'Ca-phosphate',
                     'Fuite / leakage': LKC[s['leak'][j]],
                     'EVA avant': s['pain']['pre'], 'Yarapfuye? (décédé)': 1 if p['died'] == 'yes' else 2}
                if si == 0:
                    v['EVA J1'] = s['pain'].get('24h', 99)
                    v['EVA 2 sem'] = s['pain'].get('2w', 99)
                    v['EVA 3 mois'] = s['pain'].get('3m', 99)
                    v['ODI avant (%)'] = s['extra'][('odi', 'pre')]
                    v['ODI 3 mois (%)'] = s['extra'].get(('odi', '3m'), 99)
                else:
                    v['EVA J1'] = 99; v['EVA 2 sem'] = 99
                    v['EVA 3 mois'] = 99; v['ODI avant (%)'] = 99; v['ODI 3 mois (%)'] = 99
                    v['Observations'] = 'EVA 1 mois après séance 2: %d' % s['pain']['1m']
                if p['fractures'] and si == 0 and j == 0:
                    d, fl = p['fractures'][0]
                    v['Nouvelle fracture (niveau)'] = fl
                    v['Date nouvelle fracture'] = p['d0'] + dt.timedelta(days=d)
                if si == 1:
                    v['Observations'] = 'Séance 2 (nouvelle fracture %s). ' % lv + v['Observations']
                for h, x in v.items():
                    c = ws.cell(r, cols[h], x)
                    if isinstance(x, dt.date):
                        c.number_format = 'dd/mm/yyyy'
                p['rows'].append(r)
                r += 1; k += 1
    ws.freeze_panes = 'C5'
    ws.cell(r + 1, 1, '99 = ntibyakozwe / non fait / not done. Vide (blank) = pas applicable.').font = Font(italic=True)
    # legend
    lg = wb.create_sheet('Legend')
    rows = [['Variable', 'Code', 'Ibisobanuro / signification'],
            ['Igitsina (sexe)', 1, 'Gabo / homme / male'], ['', 2, 'Gore / femme / female'],
            ['Étiologie', 1, 'Ostéoporose'], ['', 2, 'Tumeur: métastase ou myélome'], ['', 3, 'Traumatisme (accident)'],
            ['Technique', 1, 'Vertébroplastie (VP)'], ['', 2, 'Cyphoplastie / kyphoplasty (KP, ballon)'],
            ['Fuite / leakage', 0, 'Nta fuite / aucune fuite'], ['', 1, 'Discale'], ['', 2, 'Veineuse'],
            ['', 3, 'Paravertébrale (tissus mous)'], ['', 4, 'Épidurale'], ['', 5, 'Foraminale'],
            ['Yarapfuye? (décédé)', 1, 'Yego / oui / yes'], ['', 2, 'Oya / non / no'],
            ['EVA', '0-10', 'Échelle visuelle analogique de la douleur (0 = nta bubabare)'],
            ['ODI', '0-100 %', 'Oswestry Disability Index'],
            ['Tous', 99, 'Ntibyakozwe / non fait (visite manquée)']]
    for i, row in enumerate(rows):
        for j, x in enumerate(row):
            c = lg.cell(i + 1, j + 1, x)
            if i == 0:
                c.font = Font(bold=True)
    lg.column_dimensions['A'].width = 22; lg.column_dimensions['C'].width = 45
    errs = []
    def plant(p, ri, h, val, why, pid=None):
        row = p['rows'][ri]
        c = ws.cell(row, cols[h], val)
        errs.append([ws.title, c.coordinate, row, h, val, why, p['id'] if pid is None else pid])
    plant(pts[2], 0, 'Niveau vertébral', 'T13', 'impossible vertebral level T13')
    plant(pts[6], 0, 'Igitsina (sexe)', 7, 'sex code 7 is not in the legend (1/2)')
    multi = [p for p in pts if len(p['rows']) > 1]
    plant(multi[5], 1, 'ID patient', None, 'study ID missing on a row with data (second vertebra row)', pid=multi[5]['id'])
    plant(pts[14], 0, 'Ciment (ml)', 'xx', 'meaningless text in the cement volume column')
    plant(pts[18], 0, 'EVA 2 sem', 15, 'pain 15 on a 0-10 scale')
    errs[2][4] = ''
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errs, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
