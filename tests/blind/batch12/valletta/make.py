"""Blind test workbook: Valletta (Malta). Run: python make.py OUTDIR"""
# ---------------------------------------------------------------------------
# Shared data generator (inlined into each site's make.py so it is self-contained)
# ---------------------------------------------------------------------------
import sys, os, csv, datetime as dt
import numpy as np

SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def _idx(level):
    return SPINE.index(level)


def gen_cohort(rng, n, start, end, timepoints, measures=('pain_vas',),
               techniques=('vertebroplasty', 'kyphoplasty'), tech_p=(0.7, 0.3),
               cement_types=('PMMA',), cement_p=(1.0,),
               etio_p=(0.65, 0.25, 0.10), p2=0.25, p3=0.08, p_second=0.15,
               p_newfx=0.15, p_died=0.12, p_miss=0.18, vol_step=0.5):
    """Generate the full intended data; renderers prune what they do not show."""
    pats = []
    span = (end - start).days
    for i in range(n):
        sex = 'female' if rng.random() < 0.68 else 'male'
        etio = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic'], p=list(etio_p)))
        age = int(rng.integers(52, 90)) if etio != 'traumatic' else int(rng.integers(38, 85))
        d1 = start + dt.timedelta(days=int(rng.integers(0, span)))
        nlev = 1 + (rng.random() < p2) + (rng.random() < p3)
        centre = int(rng.integers(_idx('T7'), _idx('L4') + 1))
        lv = [SPINE[centre + k] for k in range(nlev) if centre + k <= _idx('L5')]
        tech = str(rng.choice(list(techniques), p=list(tech_p)))
        cem = str(rng.choice(list(cement_types), p=list(cement_p)))

        def mkvol(level, tech):
            base = 2.0 if level.startswith('T') and _idx(level) < _idx('T10') else 3.5
            if tech == 'kyphoplasty':
                base += 1.0
            v = base + rng.normal(0, 1.0)
            v = max(1.5, min(8.0, v))
            return round(round(v / vol_step) * vol_step, 2)

        def mkleak():
            r = rng.random()
            if r < 0.72:
                return 'none'
            return str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                  p=[0.35, 0.3, 0.2, 0.1, 0.05]))

        levels = [{'level': l, 'vol': mkvol(l, tech), 'leak': mkleak()} for l in lv]
        pre = int(rng.integers(6, 11))
        ass = {}
        for tp in timepoints:
            if tp == 'pre':
                v = pre
            else:
                drop = min(pre, 1.5 + TP_DAYS[tp] / 60 * 0.8 + rng.normal(1.8, 1.2))
                v = int(round(max(0, min(10, pre - drop))))
            if tp != 'pre' and rng.random() < p_miss:
                continue
            ass[tp] = {'pain_vas': v}
            if 'odi' in measures:
                ass[tp]['odi'] = int(max(0, min(100, round(v * 7 + rng.normal(8, 6)))))
            if 'mobility' in measures:
                ass[tp]['mobility'] = int(max(1, min(4, round(4 - v / 3 + rng.normal(0, .5)))))
        sessions = [{'n': 1, 'date': d1, 'day': 0, 'technique': tech, 'cement': cem,
                     'levels': levels, 'ass': ass}]
        fx = []
        if rng.random() < p_second:
            day2 = int(rng.integers(35, 150))
            used = set(lv)
            cand = [l for l in SPINE[_idx('T6'):_idx('L5') + 1] if l not in used
                    and abs(_idx(l) - _idx(lv[0])) <= 3]
            l2 = str(rng.choice(cand))
            lev2 = [{'level': l2, 'vol': mkvol(l2, tech), 'leak': mkleak()}]
            pre2 = int(rng.integers(6, 10))
            sessions.append({'n': 2, 'date': d1 + dt.timedelta(days=day2), 'day': day2,
                             'technique': tech, 'cement': cem, 'levels': lev2,
                             'ass': {'pre': {'pain_vas': pre2},
                                     '1m': {'pain_vas': int(max(0, pre2 - rng.integers(3, 6)))}}})
            if rng.random() < 0.6:
                fx.append((day2 - int(rng.integers(4, 20)), l2))
        elif rng.random() < p_newfx:
            used = set(lv)
            cand = [l for l in SPINE[_idx('T6'):_idx('L5') + 1] if l not in used]
            fx.append((int(rng.integers(20, 170)), str(rng.choice(cand))))
        died = 'yes' if rng.random() < p_died else 'no'
        if died == 'yes' and len(ass) > 2:
            last = [tp for tp in timepoints if tp in ass][-1]
            del ass[last]
        pats.append({'i': i, 'sex': sex, 'age': age, 'etio': etio, 'died': died,
                     'sessions': sessions, 'fx': fx})
    return pats


def _fmt(v):
    if v is None:
        return ''
    if isinstance(v, float):
        return ('%.2f' % v).rstrip('0').rstrip('.')
    return str(v)


def write_truth(outdir, pats, errors, identifiers, per_vertebra_volume, session_total_rule=None):
    """per_vertebra_volume(p, s) -> True if volumes are given per vertebra for that session."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow([_fmt(x) for x in r])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etio'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            tot = round(sum(l['vol'] for l in s['levels']), 2)
            per = per_vertebra_volume(p, s)
            for l in s['levels']:
                rows.append([p['pid'], s['n'], s['day'], l['level'], s['technique'],
                             l['vol'] if per else None, None if per else tot,
                             s['cement'], l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for tp, d in s['ass'].items():
                for m, v in d.items():
                    rows.append([p['pid'], s['n'], m, tp, v])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, l] for p in pats for d, l in p['fx']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------

import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side


def main(outdir):
    rng = np.random.default_rng(35601)
    pats = gen_cohort(rng, 22, dt.date(2022, 1, 10), dt.date(2024, 3, 1),
                      ['pre', '24h', '6w', '6m'], tech_p=(0.6, 0.4),
                      cement_types=('PMMA', 'Cortoss'), cement_p=(0.85, 0.15),
                      etio_p=(0.7, 0.22, 0.08), p2=0.35, p3=0.12, p_second=0.2, p_newfx=0.2,
                      vol_step=0.1)
    for p in pats:
        p['pid'] = 'MDH-VA-%03d' % (p['i'] + 1)
        for s in p['sessions']:
            if s['cement'] == 'Cortoss':
                s['technique'] = 'vertebroplasty'
            if s['n'] > 1:
                s['ass'] = {('6w' if k == '1m' else k): v for k, v in s['ass'].items()}
            for tp, d in s['ass'].items():
                mm = int(min(100, max(0, d['pain_vas'] * 10 + rng.integers(-4, 5))))
                d['mm'] = mm
                d['pain_vas'] = mm / 10.0
    errors = []
    wb = openpyxl.Workbook()
    bold = Font(bold=True)
    hfill = PatternFill('solid', fgColor='D9E1F2')
    thin = Side(style='thin')
    ctr = Alignment(horizontal='center', vertical='center', wrap_text=True)

    # ---------------------------------------------------------------- Pazjenti
    wp = wb.active
    wp.title = 'Pazjenti'
    wp['A1'] = 'Sptar Mater Dei – Dipartiment tar-Radjoloġija Intervenzjonali'
    wp['A1'].font = Font(bold=True, size=13)
    wp['A2'] = 'Reġistru tal-vertebroplastija / kifoplastija – dettalji tal-pazjent'
    ph = ['Nru. tal-Istudju', 'Sess', 'Età (snin)', 'Kawża tal-ksur', 'Miet?', 'Noti']
    for j, h in enumerate(ph, 1):
        c = wp.cell(4, j, h); c.font = bold; c.fill = hfill; c.alignment = ctr
    KAW = {'osteoporotic': ['Osteoporożi', 'Osteoporożi (steroids)'],
           'pathologic': ['Metastażi', 'Majeloma multiplu', 'Metastażi – ca tas-sider'],
           'traumatic': ['Trawma – waqgħa', 'Trawma (RTA)']}
    for k, p in enumerate(pats):
        r = 5 + k
        kaw = KAW[p['etio']]
        if p['etio'] == 'pathologic' and p['sex'] == 'male':
            kaw = ['Metastażi', 'Majeloma multiplu', 'Metastażi – ca tal-prostata']
        vals = [p['pid'], 'Mara' if p['sex'] == 'female' else 'Raġel', p['age'],
                str(rng.choice(kaw)), 'Iva' if p['died'] == 'yes' else 'Le',
                'Miet fl-isptar' if p['died'] == 'yes' and rng.random() < 0.5 else '']
        for j, v in enumerate(vals, 1):
            wp.cell(r, j, v)
        p['prow'] = r
    for j, wd in enumerate([15, 8, 10, 28, 7, 24], 1):
        wp.column_dimensions[col_letter(j)].width = wd

    # ---------------------------------------------------------------- Proċeduri
    ws = wb.create_sheet('Proċeduri')
    ws['A1'] = 'Proċeduri – ringiela waħda għal kull vertebra ttrattata (one row per treated level)'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = 'Uġigħ: VAS 0-100 mm (kitba fuq skala ta\' 10 cm). "ma ġiex" = il-pazjent ma attendiex.'
    ws['A2'].font = Font(italic=True)
    # two header rows: group row 4, names row 5
    hd = ['Nru. tal-Istudju', 'Sessjoni Nru.', 'Data', 'Livell', 'Teknika', 'Ċement (ml)',
          'Marka taċ-ċement', 'Tnixxija', 'Qabel', '24 siegħa', '6 ġimgħat', '6 xhur']
    ws.merge_cells('A4:H4'); ws['A4'] = 'Proċedura'
    ws.merge_cells('I4:L4'); ws['I4'] = 'VAS (mm)'
    for c in ('A4', 'I4'):
        ws[c].font = bold; ws[c].alignment = ctr
    for j, h in enumerate(hd, 1):
        c = ws.cell(5, j, h); c.font = bold; c.fill = hfill; c.alignment = ctr
        c.border = Border(bottom=thin)
        ws.cell(4, j).fill = hfill
    TN = {'none': 'Le', 'disc': 'Iva – diska', 'venous': 'Iva – vina', 'paravertebral':
          'Iva – paravertebrali', 'epidural': 'Iva – epidurali', 'foraminal': 'Iva – foramen'}
    r = 6
    cellmap = {}
    for p in pats:
        for s in p['sessions']:
            n = len(s['levels'])
            r0 = r
            brand = ('Cortoss' if s['cement'] == 'Cortoss' else
                     ('Kyphon HV-R' if s['technique'] == 'kyphoplasty' else 'Osteopal V'))
            for k, l in enumerate(s['levels']):
                ws.cell(r, 4, l['level'])
                ws.cell(r, 6, l['vol'])
                ws.cell(r, 8, TN[l['leak']])
                cellmap[(p['pid'], s['n'], k)] = r
                r += 1
            ws.cell(r0, 1, p['pid'])
            ws.cell(r0, 2, s['n'])
            c = ws.cell(r0, 3, dt.datetime.combine(s['date'], dt.time()))
            c.number_format = 'dd/mm/yyyy'
            ws.cell(r0, 5, 'BKP' if s['technique'] == 'kyphoplasty' else 'VP')
            ws.cell(r0, 7, brand)
            for j, tp in zip(range(9, 13), ['pre', '24h', '6w', '6m']):
                if tp in s['ass']:
                    ws.cell(r0, j, s['ass'][tp]['mm'])
                elif s['n'] == 1 or tp in ('24h', '6w'):
                    ws.cell(r0, j, 'ma ġiex' if rng.random() < 0.6 else None)
            if n > 1:
                for j in (1, 2, 3, 5, 7, 9, 10, 11, 12):
                    ws.merge_cells(start_row=r0, start_column=j, end_row=r - 1, end_column=j)
            for j in (1, 2, 3, 5, 7, 9, 10, 11, 12):
                ws.cell(r0, j).alignment = Alignment(vertical='center', horizontal='center')
            p.setdefault('srow', {})[s['n']] = r0
        r += 1  # blank spacer between patients
    for j, wd in enumerate([15, 10, 12, 7, 8, 10, 15, 20, 8, 9, 10, 8], 1):
        ws.column_dimensions[col_letter(j)].width = wd
    ws.freeze_panes = 'B6'

    # ---------------------------------------------------------------- Ksur ġodda
    wf = wb.create_sheet('Ksur ġodda')
    wf['A1'] = 'Ksur vertebrali ġodda wara l-ewwel proċedura (new vertebral fractures)'
    wf['A1'].font = Font(bold=True, size=12)
    fh = ['Nru. tal-Istudju', 'Data tad-dijanjosi', 'Livell', 'Kif instab', 'Ittrattat?']
    for j, h in enumerate(fh, 1):
        c = wf.cell(3, j, h); c.font = bold; c.fill = hfill; c.alignment = ctr
    r = 4
    for p in pats:
        for d, l in p['fx']:
            treated = any(s['n'] > 1 and s['levels'][0]['level'] == l for s in p['sessions'])
            dd = p['sessions'][0]['date'] + dt.timedelta(days=d)
            wf.cell(r, 1, p['pid'])
            c = wf.cell(r, 2, dt.datetime.combine(dd, dt.time())); c.number_format = 'dd/mm/yyyy'
            wf.cell(r, 3, l)
            wf.cell(r, 4, str(rng.choice(['MRI', "X-ray tal-kontroll", 'CT'])))
            wf.cell(r, 5, 'Iva – sessjoni 2' if treated else 'Le (konservattiv)')
            p.setdefault('frow', []).append(r)
            r += 1
    for j, wd in enumerate([15, 16, 8, 18, 18], 1):
        wf.column_dimensions[col_letter(j)].width = wd

    # ---------------------------------------------------------------- legend
    wl = wb.create_sheet('Ċwievet')
    leg = [('VP', 'Vertebroplastija (vertebroplasty)'), ('BKP', 'Kifoplastija bil-bużżieqa (balloon kyphoplasty)'),
           ('Osteopal V', 'ċement PMMA'), ('Kyphon HV-R', 'ċement PMMA'),
           ('Cortoss', 'Cortoss (composite, mhux PMMA)'), ('Iva / Le', 'yes / no'),
           ('Mara / Raġel', 'female / male')]
    for k, (a, b) in enumerate(leg, 1):
        wl.cell(k, 1, a).font = bold
        wl.cell(k, 2, b)
    wl.column_dimensions['A'].width = 14; wl.column_dimensions['B'].width = 45

    # ---------------------------------------------------------------- errors
    def err(sheet, ws_, rr, cc, header, val, what, pid):
        ws_.cell(rr, cc, val)
        errors.append([sheet, '%s%d' % (col_letter(cc), rr), rr, header, val, what, pid])
    p = pats[3]
    err('Proċeduri', ws, cellmap[(p['pid'], 1, 0)], 4, 'Livell', 'L7', 'impossible vertebral level L7', p['pid'])
    p = next(p for p in pats[7:] if len(p['sessions'][0]['levels']) > 1)
    err('Proċeduri', ws, cellmap[(p['pid'], 1, 1)], 6, 'Ċement (ml)', 38, '38 mL of cement in one vertebra', p['pid'])
    p = next(p for p in pats[10:] if '6w' in p['sessions'][0]['ass'])
    err('Proċeduri', ws, p['srow'][1], 11, '6 ġimgħat', 140, 'VAS 140 mm on a 0-100 mm scale', p['pid'])
    p = next(p for p in pats if len(p['sessions']) > 1 and p['pid'] not in [e[6] for e in errors])
    d2 = p['sessions'][1]['date']
    err('Proċeduri', ws, p['srow'][2], 3, 'Data', '31/06/%d' % d2.year, 'impossible date (31 June)', p['pid'])
    p = next(p for p in pats[12:] if p['fx'] and p['pid'] not in [e[6] for e in errors])
    bad = p['sessions'][0]['date'] - dt.timedelta(days=40)
    err('Ksur ġodda', wf, p['frow'][0], 2, 'Data tad-dijanjosi', bad.strftime('%d/%m/%Y'),
        'new fracture dated before the first procedure', p['pid'])
    wf.cell(p['frow'][0], 2).number_format = 'dd/mm/yyyy'
    wf.cell(p['frow'][0], 2).value = dt.datetime.combine(bad, dt.time())
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    for p in pats:
        for s in p['sessions']:
            for d in s['ass'].values():
                d.pop('mm', None)
    write_truth(outdir, pats, errors, [], per_vertebra_volume=lambda p, s: True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
