import sys, os, csv, datetime as dt
import numpy as np

SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LW = np.array([0, 0, 0, .5, 1, 1, 2, 3, 3, 4, 6, 12, 12, 7, 5, 3, 1], float)
LW = LW / LW.sum()
LEAK_SITES = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']


def generate(seed, n, id_fn, start, end, tps1, tps2, kp_share=0.4, cements=(('PMMA', 1.0),),
             vol_step=0.5, odi=False, mobility=None, attend=0.8, p_second=0.2, p_frac=0.15,
             p_death=0.15):
    """tps: list of (label, days, jitter). mobility: (lo, hi) ordinal scale, higher = better."""
    rng = np.random.default_rng(seed)
    span = (end - start).days
    pts = []
    for i in range(n):
        et = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=[.66, .24, .08, .02]))
        sex = 'female' if rng.random() < (0.75 if et == 'osteoporotic' else 0.5) else 'male'
        age = int(rng.integers(63, 93)) if et == 'osteoporotic' else int(rng.integers(44, 86))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        p = dict(id=id_fn(i), i=i, sex=sex, age=age, etiology=et, date0=d0, sessions=[],
                 fractures=[], died='no', death_day=None)
        used = set()

        def session(sno, day, idxs):
            tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
            names = [c[0] for c in cements]
            pr = np.array([c[1] for c in cements], float)
            cem = names[int(rng.choice(len(names), p=pr / pr.sum()))]
            vols, leaks = [], []
            for _ in idxs:
                lo, hi = (2.0, 6.5) if tech == 'kyphoplasty' else (1.5, 5.0)
                v = round(float(rng.uniform(lo, hi)) / vol_step) * vol_step
                vols.append(round(v, 1))
                if rng.random() < 0.72:
                    leaks.append([])
                else:
                    k = 1 if rng.random() < 0.8 else 2
                    s = sorted(rng.choice(len(LEAK_SITES), size=k, replace=False).tolist())
                    leaks.append([LEAK_SITES[j] for j in s])
            for j in idxs:
                used.add(j)
            return dict(session=sno, day=day, date=d0 + dt.timedelta(days=day),
                        levels=[SPINE[j] for j in idxs], technique=tech, cement=cem,
                        vols=vols, leaks=leaks, assess={})

        r = rng.random()
        nlev = 1 if r < 0.6 else (2 if r < 0.88 else 3)
        while True:
            c = int(rng.choice(len(SPINE), p=LW))
            idxs = list(range(c, c + nlev))
            if idxs[-1] < len(SPINE):
                break
        p['sessions'].append(session(1, 0, idxs))
        if rng.random() < p_second:
            day = int(rng.integers(25, 160))
            cand = [j for j in (min(used) - 1, max(used) + 1, max(used) + 2, min(used) - 2)
                    if 3 <= j < len(SPINE) and j not in used]
            j = cand[int(rng.integers(0, min(2, len(cand))))]
            fday = day - int(rng.integers(4, 20))
            p['fractures'].append((fday, SPINE[j]))
            p['sessions'].append(session(2, day, [j]))
        if rng.random() < p_frac:
            cand = [j for j in (min(used) - 1, max(used) + 1, max(used) + 2)
                    if 3 <= j < len(SPINE) and j not in used and SPINE[j] not in [f[1] for f in p['fractures']]]
            if cand:
                j = cand[int(rng.integers(0, len(cand)))]
                lastday = p['sessions'][-1]['day']
                p['fractures'].append((int(rng.integers(lastday + 30, lastday + 330)), SPINE[j]))
        if rng.random() < p_death:
            p['died'] = 'yes'
            dd = int(rng.integers(45, 420))
            if et == 'pathologic':
                dd = int(rng.integers(30, 250))
            # drop anything after death
            p['sessions'] = [s for s in p['sessions'] if s['day'] < dd - 10]
            p['fractures'] = [f for f in p['fractures'] if f[0] < dd - 5]
            p['death_day'] = dd
        # assessments
        for s in p['sessions']:
            tps = tps1 if s['session'] == 1 else tps2
            pre = int(rng.integers(6, 11))
            preodi = int(rng.integers(36, 82))
            premob = None if mobility is None else int(rng.integers(mobility[0], mobility[0] + 2 + (mobility[1] - mobility[0]) // 3))
            for lab, days, jit in tps:
                if lab == 'pre':
                    vday = s['day'] - int(rng.integers(0, 2)) if jit else s['day']
                    if rng.random() < 0.05:
                        continue
                else:
                    vday = s['day'] + days + (int(rng.integers(-jit, jit + 1)) if jit else 0)
                    if p['death_day'] is not None and vday >= p['death_day']:
                        continue
                    if rng.random() > attend:
                        continue
                vals = {}
                if lab == 'pre':
                    vals['pain_vas'] = pre
                    if odi:
                        vals['odi'] = preodi
                    if mobility:
                        vals['mobility'] = premob
                else:
                    f = min(1.0, 0.45 + days / 120)
                    v = pre - f * rng.uniform(2.5, 6.5) + rng.normal(0, 0.8)
                    vals['pain_vas'] = int(min(10, max(0, round(v))))
                    if odi:
                        o = preodi - f * rng.uniform(10, 35) + rng.normal(0, 4)
                        vals['odi'] = int(min(100, max(0, round(o / 2) * 2)))
                    if mobility:
                        m = premob + int(round(f * rng.uniform(0, mobility[1] - premob)))
                        vals['mobility'] = int(min(mobility[1], max(mobility[0], m)))
                s['assess'][lab] = dict(vday=vday, vdate=d0 + dt.timedelta(days=vday), vals=vals)
        pts.append(p)
    return pts


def fnum(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0').rstrip('.')


def write_truth(out, pts, errors, identifiers, vol_mode='per_level', sex=True, age=True,
                etiology=True, died=True, cement=True, leak=True, technique=True):
    """vol_mode: per_level | session_total (total only: per-vertebra for single-level sessions)."""
    td = os.path.join(out, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as fh:
            cw = csv.writer(fh, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
        p['died'] if died else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = round(sum(s['vols']), 2)
            for k, lv in enumerate(s['levels']):
                if vol_mode == 'per_level' or len(s['levels']) == 1:
                    cv, sv = fnum(s['vols'][k]), ''
                else:
                    cv, sv = '', fnum(tot)
                lk = (';'.join(s['leaks'][k]) if s['leaks'][k] else 'none') if leak else ''
                rows.append([p['id'], s['session'], s['day'], lv, s['technique'] if technique else '',
                             cv, sv, s['cement'] if cement else '', lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for s in p['sessions']:
            for lab, a in s['assess'].items():
                for m, v in a['vals'].items():
                    rows.append([p['id'], s['session'], m, lab, fnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, lv] for p in pts for d, lv in sorted(p['fractures'])])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# ---------------------------------------------------------------- Graz (de-AT)
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

MON_AT = ['Jänner', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober',
          'November', 'Dezember']
LEAK_DE = {'disc': 'diskal', 'epidural': 'epidural', 'foraminal': 'foraminal', 'venous': 'venös',
           'paravertebral': 'paravertebral'}


def lvl_de(l):
    return ('Th' + l[1:]) if l.startswith('T') else l


def d_at(d):
    return d.strftime('%d.%m.%Y')


def main(out):
    os.makedirs(out, exist_ok=True)
    tps1 = [('pre', 0, 1), ('1w', 7, 2), ('6w', 42, 5), ('3m', 90, 10), ('12m', 365, 21)]
    tps2 = [('pre', 0, 1), ('6w', 42, 5)]
    pts = generate(1403, 22, lambda i: 'G%02d' % (i + 1), dt.date(2021, 3, 1), dt.date(2023, 5, 31),
                   tps1, tps2, kp_share=0.55, cements=(('PMMA', 0.9), ('calcium phosphate', 0.1)),
                   vol_step=0.5, odi=True, p_second=0.22, attend=0.8)
    rng = np.random.default_rng(14031)
    wb = Workbook()
    B = Font(bold=True)
    head_fill = PatternFill('solid', fgColor='C6E0B4')
    # ---- Stammdaten
    st = wb.active
    st.title = 'Stammdaten'
    st['A1'] = 'LKH Graz-Süd (fiktiv) — Univ.-Klinik für Radiologie, Interventionelle Wirbelsäule'
    st['A1'].font = Font(bold=True, size=12)
    st['A2'] = 'Vertebro-/Kyphoplastie-Register, Stand 03/2024 (OA Dr. Pichler)'
    hd = ['Pat.-Nr.', 'Geschlecht', 'Alter (J.)', 'Grunderkrankung', 'Neue Fraktur(en) im Verlauf',
          'verstorben', 'Sterbedatum', 'Anmerkung']
    for j, h in enumerate(hd, 1):
        c = st.cell(4, j, h)
        c.font = B
        c.fill = head_fill
    ETI = {'osteoporotic': ['Osteoporose', 'Osteoporose', 'postmenopausale Osteoporose', 'Osteoporose (Kortison)'],
           'pathologic': ['Metastase Mamma-Ca', 'Plasmozytom', 'Metastase Bronchus-Ca', 'Multiples Myelom', 'Metastase Prostata-Ca'],
           'traumatic': ['Trauma (Sturz)', 'traumatisch'], 'other': ['M. Kümmell']}
    srow = {}
    for k, p in enumerate(pts):
        r = 5 + k
        srow[p['id']] = r
        e = [x for x in ETI[p['etiology']] if not (('Prostata' in x and p['sex'] == 'female') or
                                                   (('Mamma' in x or 'postmeno' in x) and p['sex'] == 'male'))]
        st.cell(r, 1, p['id'])
        st.cell(r, 2, 'w' if p['sex'] == 'female' else 'm')
        st.cell(r, 3, p['age'])
        st.cell(r, 4, e[int(rng.integers(len(e)))])
        if p['fractures']:
            st.cell(r, 5, ', '.join('%s (MRT %s)' % (lvl_de(l), d_at(p['date0'] + dt.timedelta(days=d)))
                                    for d, l in sorted(p['fractures'])))
        st.cell(r, 6, 'ja' if p['died'] == 'yes' else 'nein')
        if p['died'] == 'yes':
            dd = p['date0'] + dt.timedelta(days=p['death_day'])
            st.cell(r, 7, '%d. %s %d' % (dd.day, MON_AT[dd.month - 1], dd.year))
        if len(p['sessions']) > 1:
            st.cell(r, 8, 'Re-Intervention, siehe Eingriff 2')
    for j, wdt in enumerate([9, 11, 10, 30, 40, 10, 20, 32], 1):
        st.column_dimensions[col(j)].width = wdt
    # ---- Eingriffe
    eg = wb.create_sheet('Eingriffe')
    eg['A1'] = 'Eingriffe (1 Zeile pro Sitzung) — Zementmenge je Wirbelkörper in ml'
    eg['A1'].font = B
    hd = ['Pat.-Nr.', 'Eingriff', 'OP-Datum', 'Verfahren', 'Zement', 'Höhe 1', 'ml', 'Höhe 2', 'ml', 'Höhe 3', 'ml',
          'Zementaustritt', 'Operateur']
    for j, h in enumerate(hd, 1):
        c = eg.cell(3, j, h)
        c.font = B
        c.fill = head_fill
    erow = {}
    r = 4
    BR = {'vertebroplasty': ['Vertecem V+', 'Osteopal V'], 'kyphoplasty': ['KyphOn HV-R', 'Osteopal V']}
    for p in pts:
        for s in p['sessions']:
            erow[(p['id'], s['session'])] = r
            eg.cell(r, 1, p['id'])
            eg.cell(r, 2, '%d.' % s['session'])
            eg.cell(r, 3, s['date']).number_format = 'DD.MM.YYYY'
            eg.cell(r, 4, 'BKP' if s['technique'] == 'kyphoplasty' else 'VP')
            eg.cell(r, 5, BR[s['technique']][int(rng.integers(2))] if s['cement'] == 'PMMA' else 'CaP-Zement (KyphOs FS)')
            for k, l in enumerate(s['levels']):
                eg.cell(r, 6 + 2 * k, lvl_de(l))
                c = eg.cell(r, 7 + 2 * k, s['vols'][k])
                c.number_format = '0.0'
            if any(s['leaks']):
                eg.cell(r, 12, '; '.join('%s %s' % (lvl_de(l), '+'.join(LEAK_DE[x] for x in lk))
                                        for l, lk in zip(s['levels'], s['leaks']) if lk))
            else:
                eg.cell(r, 12, 'nein')
            eg.cell(r, 13, ['Pi', 'Ho', 'Kr'][int(rng.integers(3))])
            r += 1
    for j, wdt in enumerate([9, 8, 12, 10, 22, 8, 6, 8, 6, 8, 6, 30, 10], 1):
        eg.column_dimensions[col(j)].width = wdt
    # ---- one sheet per time point
    sheets = [('präOP', 'pre', 'präoperativ (Aufnahme)'), ('1 Woche', '1w', 'Kontrolle 1 Woche postop'),
              ('6 Wochen', '6w', 'Kontrolle 6 Wochen postop (Ambulanz)'),
              ('3 Monate', '3m', 'Kontrolle 3 Monate postop'), ('12 Monate', '12m', 'Kontrolle 12 Monate postop')]
    trow = {}
    for name, lab, title in sheets:
        ws = wb.create_sheet(name)
        ws['A1'] = title
        ws['A1'].font = Font(bold=True, size=12)
        ws['A2'] = 'VAS 0-10 (0 = kein Schmerz); ODI = Oswestry Disability Index in %'
        ws['A2'].font = Font(italic=True, size=9)
        hd = ['Pat.-Nr.', 'Eingriff', 'Datum', 'VAS', 'ODI (%)', 'Bemerkung']
        for j, h in enumerate(hd, 1):
            c = ws.cell(4, j, h)
            c.font = B
            c.fill = head_fill
        r = 5
        for p in pts:
            for s in p['sessions']:
                if s['session'] == 2 and lab not in ('pre', '6w'):
                    continue
                a = s['assess'].get(lab)
                if a is None:
                    offs = {'pre': 0, '1w': 7, '6w': 42, '3m': 90, '12m': 365}
                    if p['death_day'] is not None and s['day'] + offs[lab] >= p['death_day']:
                        continue
                    if rng.random() < 0.5:
                        ws.cell(r, 1, p['id'])
                        ws.cell(r, 2, s['session'])
                        ws.cell(r, 6, 'nicht erschienen' if lab != 'pre' else 'keine Erhebung')
                        ws.cell(r, 6).font = Font(color='C00000')
                        r += 1
                    continue
                trow[(p['id'], s['session'], lab)] = r
                ws.cell(r, 1, p['id'])
                ws.cell(r, 2, s['session'])
                ws.cell(r, 3, a['vdate']).number_format = 'DD.MM.YYYY'
                ws.cell(r, 4, a['vals']['pain_vas'])
                c = ws.cell(r, 5, a['vals']['odi'])
                if lab == '1w' and rng.random() < 0.3:
                    ws.cell(r, 6, 'mobilisiert mit Rollator')
                r += 1
        for j, wdt in enumerate([9, 8, 12, 6, 8, 34], 1):
            ws.column_dimensions[col(j)].width = wdt
        ws.freeze_panes = 'A5'
    # ------------------------------------------------------------ planted errors
    errors = []
    taken = set()

    def pick(cond):
        for p in pts:
            if p['id'] not in taken and cond(p):
                taken.add(p['id'])
                return p
    p = pick(lambda p: p['i'] > 1 and (p['id'], 1, '1w') in trow)
    rr = trow[(p['id'], 1, '1w')]
    wb['1 Woche'].cell(rr, 4, 11)
    errors.append(['1 Woche', 'D%d' % rr, rr, 'VAS', '11', 'VAS 11 auf einer Skala 0-10', p['id']])
    p = pick(lambda p: p['i'] > 4 and (p['id'], 1, '3m') in trow)
    rr = trow[(p['id'], 1, '3m')]
    wb['3 Monate'].cell(rr, 5, 130)
    errors.append(['3 Monate', 'E%d' % rr, rr, 'ODI (%)', '130', 'ODI über 100 %', p['id']])
    p = pick(lambda p: p['i'] > 7 and p['sessions'][0]['levels'][-1] == 'L5')
    if p is None:
        p = pick(lambda p: p['i'] > 7 and p['sessions'][0]['levels'][-1].startswith('L') and len(p['sessions'][0]['levels']) == 1)
    rr = erow[(p['id'], 1)]
    k = len(p['sessions'][0]['levels']) - 1
    eg.cell(rr, 6 + 2 * k, 'L6')
    errors.append(['Eingriffe', '%s%d' % (col(6 + 2 * k), rr), rr, 'Höhe %d' % (k + 1), 'L6', 'Höhe L6 existiert nicht', p['id']])
    p = pick(lambda p: p['i'] > 10 and (p['id'], 1, '6w') in trow)
    rr = trow[(p['id'], 1, '6w')]
    bad = p['sessions'][0]['assess']['6w']['vdate']
    bad = bad.replace(year=bad.year - 1)
    wb['6 Wochen'].cell(rr, 3, bad).number_format = 'DD.MM.YYYY'
    errors.append(['6 Wochen', 'C%d' % rr, rr, 'Datum', d_at(bad), 'Kontrolldatum liegt vor dem OP-Datum', p['id']])
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, [], vol_mode='per_level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
