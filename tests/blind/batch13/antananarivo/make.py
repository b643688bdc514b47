"""Antananarivo register (Malagasy/French): one sheet per session."""
# ---------------------------------------------------------------- common data generator
import sys, os, csv, datetime as dt
import numpy as np

TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
SPINE = ['T%d' % i for i in range(5, 13)] + ['L%d' % i for i in range(1, 6)]
W = [1, 1, 2, 2, 3, 4, 6, 9, 9, 7, 4, 3, 1]


def neighbours(lv):
    i = SPINE.index(lv)
    return [SPINE[j] for j in (i - 1, i + 1) if 0 <= j < len(SPINE)]


def gen(seed, n, tps, start, span_days=600, tps2=None, odi_tps=(), mob_tps=(),
        techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.7, 0.3),
        cements=('PMMA',), cement_p=None, record_sex=True, vol_step=0.5):
    rng = np.random.default_rng(seed)
    pts = []
    p = np.array(W, float); p /= p.sum()
    for k in range(n):
        et = rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=[0.62, 0.22, 0.12, 0.04])
        sex = 'female' if rng.random() < (0.72 if et == 'osteoporotic' else 0.45) else 'male'
        age = int(rng.integers(62, 90)) if et == 'osteoporotic' else int(rng.integers(38, 80))
        died = 'yes' if (rng.random() < (0.35 if et == 'pathologic' else 0.06)) else 'no'
        d0 = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        i0 = int(rng.choice(len(SPINE), p=p))
        i0 = min(i0, len(SPINE) - nlev)
        levels = SPINE[i0:i0 + nlev]
        tech = str(rng.choice(techs, p=tech_p))
        cem = str(rng.choice(cements, p=cement_p))

        def vols(levels):
            out = []
            for lv in levels:
                lo, hi = (1.5, 4.5) if lv.startswith('T') else (2.5, 7.0)
                out.append(round(round(rng.uniform(lo, hi) / vol_step) * vol_step, 1))
            return out

        def leak(nl):
            if nl > 1:
                return ['none'] * nl
            r = rng.random()
            return ['none' if r < 0.7 else 'disc' if r < 0.82 else 'venous' if r < 0.92 else 'paravertebral']

        s1 = dict(session=1, date=d0, day=0, levels=levels, tech=tech, vols=vols(levels), cement=cem, leak=leak(nlev))
        sessions = [s1]
        fractures = []
        r = rng.random()
        if r < 0.18 and died == 'no':
            cand = [x for x in neighbours(levels[0]) + neighbours(levels[-1]) if x not in levels]
            lv2 = str(rng.choice(cand))
            fday = int(rng.integers(25, 110))
            day2 = fday + int(rng.integers(5, 20))
            fractures.append((fday, lv2))
            sessions.append(dict(session=2, date=d0 + dt.timedelta(days=day2), day=day2, levels=[lv2], tech=tech,
                                 vols=vols([lv2]), cement=cem, leak=leak(1)))
        elif r < 0.28:
            cand = [x for x in neighbours(levels[0]) + neighbours(levels[-1]) if x not in levels]
            fractures.append((int(rng.integers(40, 160)), str(rng.choice(cand))))
        assess = {}
        for s in sessions:
            ts = tps if s['session'] == 1 else (tps2 or [])
            pre = int(rng.integers(6, 11))
            cur = pre
            for j, t in enumerate(ts):
                if t == 'pre':
                    assess[(s['session'], 'pain_vas', t)] = pre
                    continue
                cur = max(0, min(10, int(round(pre * rng.uniform(0.15, 0.6)))))
                if rng.random() < 0.15:
                    continue
                if died == 'yes' and j == len(ts) - 1:
                    continue
                assess[(s['session'], 'pain_vas', t)] = cur
            if s['session'] == 1:
                for t in odi_tps:
                    if t != 'pre' and rng.random() < 0.15:
                        continue
                    base = int(rng.integers(44, 80)) if t == 'pre' else int(rng.integers(10, 45))
                    assess[(1, 'odi', t)] = base if t != 'pre' else base
                for t in mob_tps:
                    if t != 'pre' and rng.random() < 0.15:
                        continue
                    assess[(1, 'mobility', t)] = int(rng.integers(0, 3)) if t == 'pre' else int(rng.integers(2, 5))
        pts.append(dict(k=k, sex=sex if record_sex else '', age=age, etiology=et, died=died, sessions=sessions,
                        assess=assess, fractures=fractures))
    return pts, rng


def fmtnum(x):
    if x == '' or x is None:
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%g' % x)


def write_truth(outdir, pts, errors, identifiers, per_level=True, tp_order=None):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f, lineterminator='\n')
            c.writerow(header)
            c.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], p['died']] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = round(sum(s['vols']), 1)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
                if per_level or len(s['levels']) == 1:
                    rows.append([p['id'], s['session'], s['day'], lv, s['tech'], fmtnum(v), '', s['cement'], lk])
                else:
                    rows.append([p['id'], s['session'], s['day'], lv, s['tech'], '', fmtnum(tot), s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = list(TP_DAYS)
    rows = []
    for p in pts:
        for (s, m, t), v in sorted(p['assess'].items(), key=lambda kv: (kv[0][0], kv[0][1], order.index(kv[0][2]))):
            rows.append([p['id'], s, m, t, fmtnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['id'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col_letter(i):  # 1-based
    s = ''
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end common
import xlsxwriter

ET = {'osteoporotic': 'Ostéoporose', 'pathologic': 'Métastase osseuse', 'traumatic': 'Traumatisme (lozam-pifamoivoizana)', 'other': 'Hafa (autre)'}
LEAK = {'none': 'Tsy misy', 'disc': 'Discale', 'venous': 'Veineuse', 'paravertebral': 'Paravertébrale'}
CEM = {'PMMA': 'PMMA', 'calcium phosphate': 'Phosphate de calcium'}
TECH = {'vertebroplasty': 'Vertébroplastie', 'kyphoplasty': 'Cyphoplastie'}


def main(out):
    os.makedirs(out, exist_ok=True)
    pts, rng = gen(1302, 22, ['pre', '24h', '6w', '3m'], dt.date(2022, 9, 1), tps2=['pre', '1m'],
                   cements=('PMMA', 'calcium phosphate'), cement_p=(0.8, 0.2))
    for i, p in enumerate(pts):
        p['id'] = 'HJRA-VP-%03d' % (i + 1)
        if p['etiology'] == 'pathologic' and i % 2:
            p['etiology_txt'] = 'Myélome multiple'
        else:
            p['etiology_txt'] = ET[p['etiology']]
    wb = xlsxwriter.Workbook(os.path.join(out, 'input.xlsx'))
    b = wb.add_format({'bold': True, 'bg_color': '#FCE4D6', 'border': 1, 'text_wrap': True, 'valign': 'top'})
    tf = wb.add_format({'bold': True, 'font_size': 14})
    df = wb.add_format({'num_format': 'dd/mm/yyyy'})
    it = wb.add_format({'italic': True, 'font_color': '#7F7F7F'})
    errors = []
    # ---- sheet 1
    s1n = 'Fandidiana 1'
    ws = wb.add_worksheet(s1n)
    ws.write(0, 0, 'CHU Joseph Ravoahangy Andrianavalona – Service de Neurochirurgie', tf)
    ws.write(1, 0, 'Fandidiana voalohany / Première procédure (vertébroplastie – cyphoplastie)', it)
    H = ['Laharana\n(N° étude)', 'Daty\n(date)', 'Taona\n(âge)', 'Lahy / Vavy', 'Antony\n(étiologie)',
         'Vertèbres traitées', 'Teknika', 'Ciment total\n(ml)', 'Karazana ciment', 'Fuite de ciment',
         'EVA alohan\'ny\n(avant)', 'EVA J1', 'EVA S6', 'EVA M3', 'Tapaka vaovao\n(nouvelle fracture)',
         'Maty\n(décédé)', 'Fanamarihana (remarques)']
    HR = 3
    for j, h in enumerate(H):
        ws.write(HR, j, h, b)
    ws.set_row(HR, 45)
    ws.set_column(0, 0, 13)
    ws.set_column(1, 1, 11)
    ws.set_column(4, 5, 20)
    ws.set_column(6, 9, 15)
    ws.set_column(14, 16, 24)
    cells = {}
    for i, p in enumerate(pts):
        r = HR + 1 + i
        s = p['sessions'][0]
        row = [p['id'], s['date'], p['age'], 'Vavy' if p['sex'] == 'female' else 'Lahy', p['etiology_txt'],
               ' + '.join(s['levels']), TECH[s['tech']], fmtnum(round(sum(s['vols']), 1)).replace('.', ','),
               CEM[s['cement']], LEAK[s['leak'][0]]]
        for t in ['pre', '24h', '6w', '3m']:
            v = p['assess'].get((1, 'pain_vas', t))
            row.append(v if v is not None else ('maty' if p['died'] == 'yes' and t == '3m' else 'tsy tonga'))
        fr = '; '.join('%s (%s)' % (lv, (s['date'] + dt.timedelta(days=dd)).strftime('%d/%m/%Y')) for dd, lv in p['fractures'])
        row += [fr or 'Tsia', 'Eny' if p['died'] == 'yes' else 'Tsia',
                'Jereo Fandidiana 2' if len(p['sessions']) > 1 else '']
        for j, v in enumerate(row):
            cells[(r, j)] = v
    # planted errors on sheet 1
    def plant(sheet, cellsd, r, j, val, why, pid, hdr):
        cellsd[(r, j)] = val
        errors.append([sheet, '%s%d' % (col_letter(j + 1), r + 1), r + 1, hdr[j].replace('\n', ' '), val, why, pid])
    plant(s1n, cells, HR + 1 + 6, 2, 210, 'age 210 years', pts[6]['id'], H)
    pi = next(i for i in range(10, 22) if (1, 'pain_vas', '6w') in pts[i]['assess'])
    plant(s1n, cells, HR + 1 + pi, 12, 12, 'EVA 12 on a 0-10 scale', pts[pi]['id'], H)
    plant(s1n, cells, HR + 1 + 17, 7, 'xx', 'meaningless text in cement volume', pts[17]['id'], H)
    for (r, j), v in cells.items():
        if isinstance(v, dt.date):
            ws.write_datetime(r, j, dt.datetime(v.year, v.month, v.day), df)
        else:
            ws.write(r, j, v)
    lr = HR + 2 + len(pts)
    ws.write(lr, 0, 'EVA: 0 = tsy marary, 10 = marary indrindra.  "tsy tonga" = tsy tonga tamin\'ny fanaraha-maso (absent au contrôle).', it)
    # ---- sheet 2
    s2n = 'Fandidiana 2'
    ws2 = wb.add_worksheet(s2n)
    ws2.write(0, 0, 'Fandidiana faharoa / Deuxième procédure (nouvelle fracture ou reprise)', tf)
    H2 = ['Laharana', 'Daty', 'Vertèbre', 'Teknika', 'Ciment (ml)', 'Karazana ciment', 'Fuite', 'EVA avant', 'EVA M1']
    for j, h in enumerate(H2):
        ws2.write(2, j, h, b)
    ws2.set_column(0, 0, 13)
    ws2.set_column(1, 6, 14)
    cells2 = {}
    r = 3
    rows2 = []
    for p in pts:
        if len(p['sessions']) < 2:
            continue
        s = p['sessions'][1]
        row = [p['id'], s['date'].strftime('%d/%m/%Y'), s['levels'][0], TECH[s['tech']],
               fmtnum(s['vols'][0]).replace('.', ','), CEM[s['cement']], LEAK[s['leak'][0]]]
        for t in ['pre', '1m']:
            v = p['assess'].get((2, 'pain_vas', t))
            row.append(v if v is not None else 'tsy tonga')
        for j, v in enumerate(row):
            cells2[(r, j)] = v
        rows2.append((r, p))
        r += 1
    rr, pp = rows2[0]
    plant(s2n, cells2, rr, 2, 'T13', 'level T13 does not exist', pp['id'], H2)
    for (r, j), v in cells2.items():
        ws2.write(r, j, v)
    wb.close()
    write_truth(out, pts, errors, [], per_level=False)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
