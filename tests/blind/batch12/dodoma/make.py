"""Blind test workbook: Dodoma (Tanzania). Run: python make.py OUTDIR"""
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

import xlsxwriter

VISITS = [('Wiki 2', '2w', 'Ufuatiliaji wiki 2 (2 weeks)'),
          ('Miezi 3', '3m', 'Ufuatiliaji miezi 3 (3 months)'),
          ('Miezi 6', '6m', 'Ufuatiliaji miezi 6 (6 months)'),
          ('Mwaka 1', '12m', 'Ufuatiliaji mwaka 1 (12 months)')]


def main(outdir):
    rng = np.random.default_rng(61207)
    pats = gen_cohort(rng, 24, dt.date(2021, 6, 1), dt.date(2023, 3, 1),
                      ['pre', '2w', '3m', '6m', '12m'], measures=('pain_vas', 'odi'),
                      tech_p=(0.85, 0.15), etio_p=(0.5, 0.3, 0.2), p_second=0.15,
                      p_newfx=0.2, p_died=0.15, p_miss=0.22)
    for p in pats:
        p['pid'] = 'DRH/VA/%03d' % (p['i'] + 101)
        for s in p['sessions']:
            for tp in list(s['ass']):
                if s['n'] > 1 and tp != 'pre':
                    del s['ass'][tp]
            if s['n'] > 1:
                s['ass']['pre']['odi'] = int(s['ass']['pre']['pain_vas'] * 7 + rng.integers(0, 12))
            for tp, d in s['ass'].items():
                if 'odi' in d and tp != 'pre' and rng.random() < 0.1:
                    del d['odi']
    errors = []
    os.makedirs(outdir, exist_ok=True)
    wb = xlsxwriter.Workbook(os.path.join(outdir, 'input.xlsx'))
    F = {
        't': wb.add_format({'bold': True, 'font_size': 13}),
        'st': wb.add_format({'italic': True, 'font_color': '#555555'}),
        'h': wb.add_format({'bold': True, 'bg_color': '#C6E0B4', 'border': 1, 'text_wrap': True,
                            'align': 'center', 'valign': 'vcenter'}),
        'd': wb.add_format({'num_format': 'dd/mm/yyyy', 'align': 'left'}),
        'n': wb.add_format({'align': 'center'}),
        'x': wb.add_format({}),
    }
    # ------------------------------------------------------------- baseline sheet
    ws = wb.add_worksheet('Msingi (Baseline)')
    ws.write(0, 0, 'Hospitali ya Rufaa ya Kanda – Dodoma. Kitengo cha Radiolojia ya Uingiliaji', F['t'])
    ws.write(1, 0, 'Fomu ya msingi: taarifa za mgonjwa na utaratibu (Vertebroplasty / Kyphoplasty)', F['st'])
    bh = ['Namba ya utafiti\n(Study No.)', 'Utaratibu Na.\n(Procedure no.)', 'Tarehe ya utaratibu',
          'Jinsia\n(ME/KE)', 'Umri (miaka)', 'Chanzo cha mvunjiko\n(Cause)', 'Aina\n(VP/KP)',
          'Kiwango 1', 'Saruji (ml)', 'Kiwango 2', 'Saruji (ml)', 'Kiwango 3', 'Saruji (ml)',
          'Aina ya saruji', 'Kuvuja kwa saruji\n(Cement leak)', 'Maumivu kabla\n(VAS 0-10)',
          'ODI kabla (%)', 'Maelezo']
    HR = 3
    for j, h in enumerate(bh):
        ws.write(HR, j, h, F['h'])
    ws.set_row(HR, 45)
    ws.set_column(0, 0, 14); ws.set_column(1, 1, 11); ws.set_column(2, 2, 13)
    ws.set_column(3, 4, 8); ws.set_column(5, 5, 22); ws.set_column(6, 12, 8)
    ws.set_column(13, 14, 22); ws.set_column(15, 16, 11); ws.set_column(17, 17, 30)
    ETI = {'osteoporotic': ['Osteoporosis', 'Osteoporosis (uzee)'],
           'pathologic': ['Saratani – metastasis', 'Multiple myeloma', 'Saratani ya tezi dume (mets)'],
           'traumatic': ['Ajali ya bodaboda', 'Kuanguka (fall)', 'Ajali ya gari (RTA)']}
    LK = {'disc': 'diski', 'venous': 'mshipa wa damu (venous)', 'paravertebral': 'paravertebral',
          'epidural': 'epidural', 'foraminal': 'foramina'}
    cells = {}  # (sheet, pid, key) -> (row, col)
    r = HR + 1
    for p in pats:
        for s in p['sessions']:
            first = s['n'] == 1
            ws.write(r, 0, p['pid'])
            ws.write(r, 1, '1' if first else '2 (marudio)', F['n'])
            ws.write_datetime(r, 2, dt.datetime.combine(s['date'], dt.time()), F['d'])
            if first:
                eti = ETI[p['etio']]
                if p['etio'] == 'pathologic' and p['sex'] == 'female':
                    eti = ['Saratani ya matiti (mets)', 'Multiple myeloma', 'Saratani – metastasis']
                ws.write(r, 3, 'KE' if p['sex'] == 'female' else 'ME', F['n'])
                ws.write_number(r, 4, p['age'], F['n'])
                ws.write(r, 5, str(rng.choice(eti)))
            ws.write(r, 6, 'VP' if s['technique'] == 'vertebroplasty' else 'KP', F['n'])
            for k, l in enumerate(s['levels']):
                ws.write(r, 7 + 2 * k, l['level'], F['n'])
                ws.write_number(r, 8 + 2 * k, l['vol'], F['n'])
                cells[('b', p['pid'], s['n'], 'lev%d' % k)] = (r, 7 + 2 * k)
                cells[('b', p['pid'], s['n'], 'vol%d' % k)] = (r, 8 + 2 * k)
            ws.write(r, 13, 'PMMA (Vertecem)' if rng.random() < 0.5 else 'PMMA')
            bad = [l for l in s['levels'] if l['leak'] != 'none']
            if not bad:
                lk = 'Hakuna'
            elif len(s['levels']) == 1:
                lk = 'Ndiyo – ' + LK[bad[0]['leak']]
            else:
                lk = 'Ndiyo – ' + '; '.join('%s (%s)' % (LK[l['leak']], l['level']) for l in bad)
            ws.write(r, 14, lk)
            ws.write_number(r, 15, s['ass']['pre']['pain_vas'], F['n'])
            ws.write_number(r, 16, s['ass']['pre']['odi'], F['n'])
            if not first:
                ws.write(r, 17, 'Mvunjiko mpya – utaratibu wa pili')
            r += 1
    ws.write(r + 1, 0, 'VP = vertebroplasty, KP = kyphoplasty (balloon). ME = mwanamume, KE = mwanamke.', F['st'])
    ws.write(r + 2, 0, 'Ufuatiliaji uko kwenye karatasi za Wiki 2, Miezi 3, Miezi 6, Mwaka 1 (tangu utaratibu wa kwanza).', F['st'])
    ws.freeze_panes(HR + 1, 1)
    base_heads = bh

    # ------------------------------------------------------------- follow-up sheets
    fh = ['Namba ya utafiti', 'Tarehe ya kuhudhuria', 'Maumivu (VAS 0-10)', 'ODI (%)',
          'Mvunjiko mpya?', 'Hali (Hai / Amefariki)']
    # which sheet records death: first visit sheet after the last attended one
    tps = [v[1] for v in VISITS]
    for p in pats:
        att = [tp for tp in tps if tp in p['sessions'][0]['ass']]
        lasti = tps.index(att[-1]) if att else -1
        p['death_sheet'] = None
        if p['died'] == 'yes':
            lo = max([TP_DAYS[att[-1]] + 10 if att else 0] + [s['day'] + 10 for s in p['sessions']]
                     + [d + 10 for d, l in p['fx']])
            nxt = [tp for tp in tps[lasti + 1:] if TP_DAYS[tp] - 5 > lo]
            if nxt:
                p['death_sheet'] = nxt[0]
                p['death_date'] = p['sessions'][0]['date'] + dt.timedelta(
                    days=int(rng.integers(lo, TP_DAYS[nxt[0]] - 4)))
            else:
                p['died'] = 'no'
        # where fractures are shown: first attended visit on/after fracture day
        p['fx_sheet'] = {}
        for d, l in list(p['fx']):
            sh = [tp for tp in att if TP_DAYS[tp] - 6 >= d]
            if sh:
                p['fx_sheet'].setdefault(sh[0], []).append((d, l))
            else:
                p['fx'].remove((d, l))
    orphan = None
    sheets = {}
    for name, tp, title in VISITS:
        w = wb.add_worksheet(name)
        sheets[tp] = w
        w.write(0, 0, title, F['t'])
        w.write(1, 0, 'Wagonjwa ambao hawakuhudhuria hawajaandikwa.', F['st'])
        for j, h in enumerate(fh):
            w.write(3, j, h, F['h'])
        w.set_row(3, 32)
        w.set_column(0, 0, 14); w.set_column(1, 1, 14); w.set_column(2, 3, 11)
        w.set_column(4, 4, 30); w.set_column(5, 5, 26)
        rr = 4
        order = list(range(len(pats)))
        if tp in ('6m', '12m'):
            rng.shuffle(order)  # later sheets typed in order of clinic attendance
        for i in order:
            p = pats[i]
            s1 = p['sessions'][0]
            if tp in s1['ass']:
                a = s1['ass'][tp]
                vd = s1['date'] + dt.timedelta(days=TP_DAYS[tp] + int(rng.integers(-4, 9)))
                w.write(rr, 0, p['pid'])
                w.write_datetime(rr, 1, dt.datetime.combine(vd, dt.time()), F['d'])
                w.write_number(rr, 2, a['pain_vas'], F['n'])
                if 'odi' in a:
                    w.write_number(rr, 3, a['odi'], F['n'])
                else:
                    w.write(rr, 3, '-', F['n'])
                fx = p['fx_sheet'].get(tp)
                if fx:
                    w.write(rr, 4, '; '.join('Ndiyo – %s (X-ray %s)' % (
                        l, (s1['date'] + dt.timedelta(days=d)).strftime('%d/%m/%Y')) for d, l in fx))
                else:
                    w.write(rr, 4, 'Hapana')
                w.write(rr, 5, 'Hai')
                cells[(tp, p['pid'])] = rr
                rr += 1
            elif p['death_sheet'] == tp:
                w.write(rr, 0, p['pid'])
                w.write(rr, 5, 'Amefariki %s' % p['death_date'].strftime('%d/%m/%Y'))
                rr += 1
        sheets[tp + '_end'] = rr

    # ------------------------------------------------------------- planted errors
    def err(sheet, r0, c0, header, val, what, pid):
        errors.append([sheet, '%s%d' % (col_letter(c0 + 1), r0 + 1), r0 + 1, header, val, what, pid])

    # 1. impossible level T13 in baseline
    p = next(p for p in pats[3:] if p['sessions'][0]['levels'][0]['level'] in ('T12', 'L1', 'T11'))
    rc = cells[('b', p['pid'], 1, 'lev0')]
    ws.write(rc[0], rc[1], 'T13', F['n'])
    err('Msingi (Baseline)', rc[0], rc[1], 'Kiwango 1', 'T13', 'impossible vertebral level T13', p['pid'])
    # 2. 45 ml in one vertebra
    p = pats[11]
    rc = cells[('b', p['pid'], 1, 'vol0')]
    ws.write_number(rc[0], rc[1], 45, F['n'])
    err('Msingi (Baseline)', rc[0], rc[1], 'Saruji (ml)', 45, '45 mL of cement in one vertebra', p['pid'])
    # 3. pain 14 at 3 months
    p = next(p for p in pats[14:] if (('3m', p['pid']) in cells))
    rr = cells[('3m', p['pid'])]
    sheets['3m'].write_number(rr, 2, 14, F['n'])
    err('Miezi 3', rr, 2, 'Maumivu (VAS 0-10)', 14, 'pain 14 on a 0-10 scale', p['pid'])
    # 4. visit date before the procedure date (year typed wrong)
    p = next(p for p in pats[5:] if (('6m', p['pid']) in cells) and p['pid'] not in [e[6] for e in errors])
    rr = cells[('6m', p['pid'])]
    bad = p['sessions'][0]['date'] - dt.timedelta(days=160)
    sheets['6m'].write_datetime(rr, 1, dt.datetime.combine(bad, dt.time()), F['d'])
    err('Miezi 6', rr, 1, 'Tarehe ya kuhudhuria', bad.strftime('%d/%m/%Y'),
        '6-month visit dated before the procedure date', p['pid'])
    # 5. row with data but no study ID on Wiki 2: the visit of one patient typed without ID
    p = next(p for p in pats[18:] if (('2w', p['pid']) in cells) and not p['fx_sheet'].get('2w'))
    rr = cells[('2w', p['pid'])]
    sheets['2w'].write_blank(rr, 0, None, F['x'])
    del p['sessions'][0]['ass']['2w']  # not attributable: left out of that patient's truth
    err('Wiki 2', rr, 0, 'Namba ya utafiti', '', 'row with scores but no study ID', '')
    wb.close()
    write_truth(outdir, pats, errors, [], per_vertebra_volume=lambda p, s: True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
