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

FU = ['24h', '1m', '3m', '12m']
VIS = {'pre': 'Pré-op (J0)', '24h': 'J1', '1m': 'M1', '3m': 'M3', '12m': 'M12'}
OFF = {'24h': 1, '1m': 30, '3m': 91, '12m': 365}
ET = {'osteoporotic': 'Ostéoporotique', 'pathologic': 'Métastase / myélome', 'traumatic': 'Traumatique'}
LK = {'none': 'Aucune', 'disc': 'Discale', 'venous': 'Veineuse', 'paravertebral': 'Paravertébrale',
      'epidural': 'Épidurale', 'foraminal': 'Foraminale'}
FNF = ['Fatima', 'Khadija', 'Aicha', 'Naima', 'Zohra', 'Malika', 'Rachida']
FNM = ['Mohamed', 'Ahmed', 'Abdellah', 'Hassan', 'Driss']
LN = ['El Amrani', 'Benjelloun', 'Alaoui', 'Tazi', 'Bennani', 'El Idrissi', 'Chraibi', 'Berrada']
BOLD = Font(bold=True)
GREY = PatternFill('solid', fgColor='D9D9D9')


def main(out):
    rng, pts = gen(6505, 21, FU, p_second=0.2, p_frac=0.15)
    idents = []
    for i, p in enumerate(pts):
        p['id'] = 'CAS-%02d' % (i + 1)
        fn = FNF[int(rng.integers(0, len(FNF)))] if p['sex'] == 'female' else FNM[int(rng.integers(0, len(FNM)))]
        p['name'] = LN[int(rng.integers(0, len(LN)))].upper() + ' ' + fn
        p['ip'] = '%d/%02d' % (int(rng.integers(10000, 99999)), p['d0'].year % 100)
        bd = dt.date(p['d0'].year - p['age'] - 1, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
        if bd + dt.timedelta(days=365 * (p['age'] + 1) + p['age'] // 4) <= p['d0']:
            bd = dt.date(bd.year + 1, bd.month, bd.day)
        p['bd'] = bd.strftime('%d/%m/%Y')
        p['tel'] = '06 %02d %02d %02d %02d' % tuple(int(x) for x in rng.integers(10, 99, 4))
        idents += [['name', p['name']], ['record_number', p['ip']], ['birth_date', p['bd']], ['phone', p['tel']]]
    wb = openpyxl.Workbook()
    sm = wb.active
    sm.title = 'Récapitulatif'
    sm['A1'] = 'CHU Ibn Rochd Casablanca – Service de Neurochirurgie'
    sm['A2'] = 'Registre vertébroplastie / cyphoplastie – سجل رأب الفقرات'
    sm['A1'].font = Font(bold=True, size=13)
    for j, h in enumerate(['N° étude / رقم', 'Nom et prénom', 'Date 1ère intervention', 'Fiche (onglet)']):
        c = sm.cell(4, j + 1, h); c.font = BOLD; c.fill = GREY
        sm.column_dimensions[c.column_letter].width = 24
    errs = []
    dup = pts[10]
    for k, p in enumerate(pts):
        sid = pts[9]['id'] if p is dup else p['id']
        sheet = sid + ' (2)' if p is dup else sid
        p['sheet'] = sheet
        sm.cell(5 + k, 1, sid); sm.cell(5 + k, 2, p['name'])
        c = sm.cell(5 + k, 3, p['sessions'][0]['date']); c.number_format = 'dd/mm/yyyy'
        sm.cell(5 + k, 4, sheet)
        if p is dup:
            errs.append([sm.title, 'A%d' % (5 + k), 5 + k, 'N° étude / رقم', sid,
                         'study ID %s entered twice for two different patients' % sid, p['id']])
        ws = wb.create_sheet(sheet)
        ws.column_dimensions['A'].width = 26
        for cl in 'BCDEFG':
            ws.column_dimensions[cl].width = 17
        ws['A1'] = 'FICHE PATIENT – VERTÉBROPLASTIE / CYPHOPLASTIE   بطاقة المريض'
        ws['A1'].font = Font(bold=True, size=12)
        ws.merge_cells('A1:G1')
        fields = [('N° d\'étude / رقم الدراسة', sid), ('Nom et prénom / الاسم', p['name']),
                  ('IP (N° dossier)', p['ip']), ('Date de naissance', p['bd']), ('Téléphone', p['tel']),
                  ('Sexe / الجنس', 'F' if p['sex'] == 'female' else 'H'), ('Âge (ans)', p['age']),
                  ('Étiologie', ET[p['etiology']]), ('Décès / الوفاة', 'Oui' if p['died'] == 'yes' else 'Non')]
        p['frow'] = {}
        for i, (lab, v) in enumerate(fields):
            ws.cell(3 + i, 1, lab).font = BOLD
            ws.cell(3 + i, 2, v)
            p['frow'][lab] = 3 + i
        if p is dup:
            errs.append([sheet, 'B3', 3, "N° d'étude / رقم الدراسة", sid,
                         'study ID %s entered twice for two different patients' % sid, p['id']])
        r = 3 + len(fields) + 1
        ws.cell(r, 1, 'VERTÈBRES TRAITÉES / الفقرات المعالجة').font = BOLD
        r += 1
        vh = ['Séance', 'Date', 'Niveau', 'Technique', 'Ciment (volume)', 'Ciment (produit)', 'Fuite / تسرب']
        for j, h in enumerate(vh):
            c = ws.cell(r, j + 1, h); c.font = BOLD; c.fill = GREY
        r += 1
        p['vrows'] = []
        for si, s in enumerate(p['sessions']):
            for j, lv in enumerate(s['levels']):
                ws.cell(r, 1, si + 1)
                ws.cell(r, 2, s['date'].strftime('%d/%m/%Y'))
                ws.cell(r, 3, lv)
                ws.cell(r, 4, 'VP' if s['technique'] == 'vertebroplasty' else 'CP (ballonnet)')
                ws.cell(r, 5, fmtnum(s['vols'][j]).replace('.', ',') + ' cc')
                ws.cell(r, 6, ('Vertecem V+' if si == 0 else 'Kyphon HV-R') if s['cement'] == 'PMMA'
                        else 'KyphOs FS (phosphate de calcium)')
                ws.cell(r, 7, LK[s['leak'][j]])
                p['vrows'].append(r)
                r += 1
        r += 1
        ws.cell(r, 1, 'SUIVI – EVA douleur (/10) / المتابعة').font = BOLD
        r += 1
        for j, h in enumerate(['Séance', 'Visite', 'Date', 'EVA (/10)']):
            c = ws.cell(r, j + 1, h); c.font = BOLD; c.fill = GREY
        r += 1
        p['prow'] = {}
        for si, s in enumerate(p['sessions']):
            tps = ['pre'] + (FU if si == 0 else ['1m'])
            for t in tps:
                ws.cell(r, 1, si + 1)
                ws.cell(r, 2, VIS[t])
                if t in s['pain']:
                    dd = s['date'] + dt.timedelta(days=0 if t == 'pre' else OFF[t] + int(rng.integers(-2, 3)) * (t != '24h'))
                    c = ws.cell(r, 3, dd); c.number_format = 'dd/mm/yyyy'
                    ws.cell(r, 4, s['pain'][t])
                else:
                    ws.cell(r, 4, 'non venu(e)')
                p['prow'][(si, t)] = r
                r += 1
        r += 1
        ws.cell(r, 1, 'NOUVELLES FRACTURES / كسور جديدة').font = BOLD
        r += 1
        for j, h in enumerate(['Date', 'Niveau']):
            c = ws.cell(r, j + 1, h); c.font = BOLD; c.fill = GREY
        r += 1
        if not p['fractures']:
            ws.cell(r, 1, 'Aucune')
        for fd, fl in p['fractures']:
            ws.cell(r, 1, (p['d0'] + dt.timedelta(days=fd)).strftime('%d/%m/%Y'))
            ws.cell(r, 2, fl)
            r += 1
    def plant(p, row, col, hdr, val, why):
        ws = wb[p['sheet']]
        c = ws.cell(row, col, val)
        errs.append([p['sheet'], c.coordinate, row, hdr, val, why, p['id']])
    plant(pts[3], p['prow'][(0, 'pre')] if False else pts[3]['prow'][(0, 'pre')], 4, 'EVA (/10)', 11, 'EVA 11 on a 0-10 scale')
    one = [p for p in pts if len(p['sessions'][0]['levels']) == 1 and p not in (pts[3], dup)]
    plant(one[3], one[3]['vrows'][0], 5, 'Ciment (volume)', '50 cc', '50 cc of cement in one vertebra')
    q = pts[16]
    plant(q, q['vrows'][0], 2, 'Date', '31/06/' + str(q['d0'].year), 'impossible date 31 June')
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errs, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
