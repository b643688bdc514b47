# ---------------------------------------------------------------------------
# shared cohort generator (copied verbatim into each site's make.py)
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365}
TP_JIT = {'pre': 0, '24h': 0, '1w': 2, '2w': 3, '6w': 5, '1m': 5, '3m': 10,
          '6m': 14, '12m': 20}


def gen_cohort(seed, n, first, last, tps, cutoff, kypho_p=0.5, cement=('PMMA',),
               cement_p=None, cement_blank_p=0.05, vas_step=1.0, odi_tps=(),
               mobility_tps=(), leak_mode='level', miss_p=0.12, p_second=0.6,
               vol_step=0.5):
    rng = random.Random(seed)
    pts = []
    span = (last - first).days
    for i in range(n):
        p = {'idx': i}
        p['sex'] = 'female' if rng.random() < 0.68 else 'male'
        et = rng.choices(['osteoporotic', 'metastasis', 'myeloma', 'traumatic',
                          'haemangioma'], [58, 16, 8, 13, 5])[0]
        if i == 1:
            et = 'metastasis'
        if i == 2:
            et = 'myeloma'
        p['et'] = et
        p['etiology'] = {'metastasis': 'pathologic', 'myeloma': 'pathologic',
                         'haemangioma': 'other'}.get(et, et)
        if et == 'osteoporotic':
            p['age'] = rng.randint(62, 90)
        elif et == 'traumatic':
            p['age'] = rng.randint(45, 80)
        else:
            p['age'] = rng.randint(50, 82)
        d0 = first + dt.timedelta(days=rng.randint(0, span))
        p['d0'] = d0
        # birth date consistent with age at first op
        by = d0.year - p['age'] - 1
        bd = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        if (d0 - bd).days // 365.2425 < p['age'] or True:
            # choose a birthday that gives exactly age
            while True:
                bd = dt.date(d0.year - p['age'] - rng.choice([0, 1]),
                             rng.randint(1, 12), rng.randint(1, 28))
                a = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
                if a == p['age']:
                    break
        p['birth'] = bd
        # --- session 1
        sessions = []

        def mk_session(sno, day, levels):
            tech = 'kyphoplasty' if rng.random() < kypho_p else 'vertebroplasty'
            vols = []
            for lv in levels:
                base = 2.5 if lv.startswith('T') and int(lv[1:]) < 10 else 3.5
                if tech == 'kyphoplasty':
                    base += 1.0
                v = base + rng.choice([-1.0, -0.5, 0, 0, 0.5, 1.0, 1.5])
                v = round(round(v / vol_step) * vol_step, 1)
                vols.append(v)
            if rng.random() < cement_blank_p:
                ct = ''
            else:
                ct = rng.choices(list(cement), cement_p)[0] if cement_p else cement[0]
            leaks = []
            opts = ['none'] * 14 + ['disc'] * 2 + ['venous'] * 2 + ['paravertebral', 'epidural', 'disc;venous']
            if leak_mode == 'session':
                if len(levels) == 1:
                    leaks = [rng.choice(opts)]
                else:
                    leaks = ['none'] * len(levels)
            else:
                leaks = [rng.choice(opts) for _ in levels]
            return {'session': sno, 'day': day, 'date': d0 + dt.timedelta(days=day),
                    'levels': levels, 'tech': tech, 'vols': vols, 'cement': ct,
                    'leaks': leaks}

        nlev = rng.choices([1, 2, 3], [60, 30, 10])[0]
        if p['etiology'] == 'pathologic':
            nlev = rng.choices([1, 2, 3], [40, 35, 25])[0]
        centre_pool = ['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'L4']
        c = LEVELS.index(rng.choice(centre_pool))
        c = min(c, LEVELS.index('L5') - nlev + 1)
        levels = LEVELS[c:c + nlev]
        sessions.append(mk_session(1, 0, levels))
        # --- new fracture / second op
        p['fractures'] = []
        if rng.random() < 0.3 or i == 3:
            fday = rng.randint(35, 300)
            lo, hi = LEVELS.index(levels[0]), LEVELS.index(levels[-1])
            cand = [LEVELS[lo - 1]] if lo - 1 >= LEVELS.index('T4') else []
            if hi + 1 <= LEVELS.index('L5'):
                cand.append(LEVELS[hi + 1])
            flv = rng.choice(cand)
            p['fractures'].append((fday, flv))
            if rng.random() < p_second or i == 3:
                sday = fday + rng.randint(5, 25)
                sessions.append(mk_session(2, sday, [flv]))
        p['sessions'] = sessions
        # --- death
        last_op = sessions[-1]['day']
        pdie = 0.45 if p['etiology'] == 'pathologic' else 0.08
        if i == 1:
            pdie = 1.0
        p['death_day'] = None
        if rng.random() < pdie:
            p['death_day'] = last_op + rng.randint(40, 330)
        p['died'] = p['death_day'] is not None and d0 + dt.timedelta(days=p['death_day']) <= cutoff
        if not p['died']:
            p['death_day'] = None
        p['fractures'] = [(fd, fl) for fd, fl in p['fractures']
                          if (p['death_day'] is None or fd < p['death_day'])
                          and d0 + dt.timedelta(days=fd) <= cutoff]
        # --- assessments
        p['visits'] = []   # dicts: session, tp, date, day, vals{}, missed
        for s in sessions:
            base = rng.choice([7, 7.5, 8, 8, 8.5, 9, 9, 10]) if vas_step == 0.5 else rng.choice([7, 8, 8, 9, 9, 10])
            odi0 = rng.randint(48, 82)
            for tp in tps:
                if tp == 'pre':
                    vday = s['day'] - rng.randint(0, 2)
                else:
                    vday = s['day'] + TP_DAYS[tp] + rng.randint(-TP_JIT[tp], TP_JIT[tp])
                vdate = d0 + dt.timedelta(days=vday)
                if vdate > cutoff:
                    continue
                if s['session'] == 1 and len(sessions) > 1 and tp != 'pre' and vday >= sessions[1]['day'] - 3:
                    continue
                if p['death_day'] is not None and vday >= p['death_day']:
                    p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                        'date': vdate, 'vals': {}, 'missed': False,
                                        'dead': True})
                    continue
                missed = tp not in ('pre', '24h') and rng.random() < miss_p
                vals = {}
                if not missed:
                    k = {'pre': 0, '24h': 1, '1w': 2, '2w': 2.5, '6w': 3, '1m': 3, '3m': 4,
                         '6m': 4.5, '12m': 5}[tp]
                    if tp == 'pre':
                        v = base
                    else:
                        drop = {1: 4, 2: 4.5, 2.5: 5, 3: 5, 4: 5.5, 4.5: 5.5, 5: 5.5}[k]
                        v = base - drop + rng.choice([-1, -0.5, 0, 0, 0.5, 1, 1.5])
                        if p['etiology'] == 'pathologic' and tp in ('6m', '12m'):
                            v += 1
                    v = max(0, min(10, round(v / vas_step) * vas_step))
                    vals['pain_vas'] = float(v)
                    if tp in odi_tps:
                        o = odi0 if tp == 'pre' else odi0 - rng.randint(14, 28) - (2 * k)
                        vals['odi'] = int(max(8, min(100, round(o))))
                    if tp in mobility_tps:
                        m = rng.choice([3, 3, 4]) if tp == 'pre' else max(0, rng.choice([3, 2, 2, 1]) - int(k // 2))
                        vals['mobility'] = int(m)
                p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                    'date': vdate, 'vals': vals, 'missed': missed,
                                    'dead': False})
        pts.append(p)
    return pts


def fmt_num(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%.1f' % v)


def write_truth(pts, errors, identifiers, vol_mode='level'):
    """vol_mode: 'level' -> per-vertebra volumes; 'session' -> session totals;
    or a callable(p, s) returning 'level'/'session'/'none'."""
    td = os.path.join(HERE, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            mode = vol_mode(p, s) if callable(vol_mode) else vol_mode
            tot = fmt_num(round(sum(s['vols']), 1))
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], s['session'], s['day'], lv, s['tech'],
                             fmt_num(v) if mode == 'level' else '',
                             tot if mode == 'session' else '',
                             s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    rows = []
    for p in pts:
        for v in p['visits']:
            for m in ('pain_vas', 'odi', 'mobility'):
                if m in v['vals']:
                    rows.append([p['pid'], v['session'], m, v['tp'], fmt_num(v['vals'][m])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pts for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v))
            ids.append([k, v])
    w('identifiers.csv', ['kind', 'value'], ids)


def col_letter(n):  # 1-based
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------

# ===========================================================================
# Harare: Excel table (banded, totals row), comments, formulas, hidden column
# ===========================================================================
import xlsxwriter

SEED = 2655
rng = random.Random(SEED + 1)
TPS = ['pre', '24h', '6w', '3m', '6m', '12m']
pts = gen_cohort(SEED, 17, dt.date(2020, 8, 1), dt.date(2022, 5, 31), TPS,
                 cutoff=dt.date(2023, 3, 31), kypho_p=0.25, cement=('PMMA',),
                 cement_blank_p=0.1, odi_tps=('pre', '3m'), leak_mode='session', miss_p=0.15)
pts.sort(key=lambda p: p['d0'])
for i, p in enumerate(pts):
    p['idx'] = i
    p['pid'] = 'PGH-VP-%02d' % (i + 1)

ET = {'osteoporotic': ['Osteoporotic', 'OP #', 'Osteoporotic'],
      'metastasis': ['Mets - Ca breast', 'Mets - Ca prostate', 'Mets (Ca cervix)'],
      'myeloma': ['Myeloma'], 'traumatic': ['Trauma (RTA)', 'Trauma - fall'],
      'haemangioma': ['Haemangioma']}
LEAK = {'none': ['Nil', 'Nil', 'none'], 'disc': ['Disc'], 'venous': ['Venous'],
        'paravertebral': ['Paravert.'], 'epidural': ['Epidural'], 'disc;venous': ['Disc + venous']}
FN_F = ['Tendai', 'Rudo', 'Chipo', 'Nyasha', 'Tsitsi', 'Fadzai', 'Rumbidzai', 'Memory', 'Loveness', 'Patience']
FN_M = ['Tapiwa', 'Farai', 'Tatenda', 'Blessing', 'Kudakwashe', 'Tafadzwa', 'Simbarashe']
SN = ['Moyo', 'Ncube', 'Sibanda', 'Chikwanha', 'Mutasa', 'Chiweshe', 'Mhlanga', 'Gumbo', 'Dube',
      'Marufu', 'Chinembiri', 'Mapfumo', 'Zvobgo', 'Nyathi', 'Makoni', 'Mudzingwa', 'Chirwa']

used = set()


def pick(cond):
    for p in pts[4:]:
        if p['pid'] not in used and cond(p):
            used.add(p['pid'])
            return p
    raise RuntimeError


e_id = pick(lambda p: len(p['sessions']) == 1)
e_vol = pick(lambda p: True)
e_date = pick(lambda p: len(p['sessions']) == 1)
e_vas = pick(lambda p: len(p['sessions']) == 1)
# sessions whose per-level volumes were not split in the op note (total only)
total_only = set()
for p in pts[4:]:
    if p['pid'] not in used and len(p['sessions'][0]['levels']) >= 2:
        total_only.add((p['pid'], 1))
        break
# comment corrections
fixed_cell = None      # correction already typed into the cell
stale_cell = None      # comment gives the right value, cell not yet changed
for p in pts[4:]:
    if p['pid'] in used or (p['pid'], 1) in total_only:
        continue
    s = p['sessions'][0]
    if fixed_cell is None:
        fixed_cell = p['pid']
    elif stale_cell is None and len(s['levels']) == 1:
        stale_cell = p['pid']

wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
ws = wb.add_worksheet('VP register')
title = wb.add_format({'bold': True, 'font_size': 14})
bold = wb.add_format({'bold': True})
datef = wb.add_format({'num_format': 'dd/mm/yyyy'})
F_DIED = '#F4B6B6'
F_LTFU = '#FFF2A8'
F_REDO = '#C6EFCE'
fills = {k: wb.add_format({'bg_color': c}) for k, c in [('died', F_DIED), ('ltfu', F_LTFU), ('redo', F_REDO)]}
fills_date = {k: wb.add_format({'bg_color': c, 'num_format': 'dd/mm/yyyy'}) for k, c in [('died', F_DIED), ('ltfu', F_LTFU), ('redo', F_REDO)]}
ws.write('A1', 'Parirenyatwa Group of Hospitals - Spinal Unit', title)
ws.write('A2', 'Vertebral augmentation register (PVP / BKP), Aug 2020 - May 2022.  Keep updated after every clinic - TM', bold)
ws.write('A3', 'Legend:', bold)
ws.write('B3', 'Patient died (vakafa)', fills['died'])
ws.write('D3', 'Lost to follow up (2+ DNA)', fills['ltfu'])
ws.write('F3', 'Re-do / 2nd procedure row', fills['redo'])

COLS = ['Study No', 'Hosp No', 'Patient name', 'National ID', 'Contact', 'Sex', 'Age', 'Diagnosis',
        'Op no.', 'Op date', 'Procedure', 'Level 1', 'Vol 1 (ml)', 'Level 2', 'Vol 2 (ml)', 'Level 3',
        'Vol 3 (ml)', 'Total cement (ml)', 'Cement', 'Leak', 'VAS pre', 'VAS 24h', 'VAS 6/52',
        'VAS 3/12', 'VAS 6/12', 'VAS 12/12', 'ODI pre', 'ODI 3/12', 'New #', 'Outcome', 'Comments']
C = {h: i for i, h in enumerate(COLS)}
TPC = {'pre': 'VAS pre', '24h': 'VAS 24h', '6w': 'VAS 6/52', '3m': 'VAS 3/12', '6m': 'VAS 6/12',
       '12m': 'VAS 12/12'}
ODIC = {'pre': 'ODI pre', '3m': 'ODI 3/12'}
HR = 4          # zero-based header row (Excel row 5)
r = HR + 1
errors, ids = [], []
colsum = {}


def cell(rr, cc):
    return '%s%d' % (col_letter(cc + 1), rr + 1)


for k, p in enumerate(pts):
    name = '%s %s' % (rng.choice(FN_F if p['sex'] == 'female' else FN_M), SN[k % len(SN)])
    hosp = 'PGH %06d' % rng.randint(100000, 999999)
    nid = '%02d-%06d %s %02d' % (rng.choice([63, 8, 42, 75, 29, 58]),
                                  rng.randint(100000, 999999), rng.choice('ABCDEFGHJKLMNPQRSTVWXYZ'),
                                  rng.choice([63, 8, 42, 75, 29, 58]))
    phone = '07%d %03d %03d' % (rng.choice([71, 73, 77, 78]), rng.randint(0, 999), rng.randint(0, 999))
    ids += [('name', name), ('medical_record_number', hosp), ('national_id', nid), ('phone', phone)]
    n_dna = sum(1 for v in p['visits'] if v['missed'])
    for s in p['sessions']:
        kind = 'died' if p['died'] else ('redo' if s['session'] == 2 else ('ltfu' if n_dna >= 2 else None))
        if s['session'] == 2 and not p['died']:
            kind = 'redo'
        fmt = fills[kind] if kind else None
        fmtd = fills_date[kind] if kind else datef

        def W(col, val, f=None):
            ws.write(r, C[col], val, f if f is not None else fmt)
        row_vals = {}
        if p is e_id:
            W('Study No', '')
            errors.append(['VP register', cell(r, C['Study No']), r + 1, 'Study No', '',
                           'Study No missing (patient %s by Hosp No); should be %s' % ('identifiable', p['pid']), p['pid']])
        else:
            W('Study No', p['pid'])
        W('Hosp No', hosp)
        W('Patient name', name)
        W('National ID', nid)
        W('Contact', phone)
        W('Sex', 'F' if p['sex'] == 'female' else 'M')
        W('Age', p['age'])
        W('Diagnosis', rng.choice(ET[p['et']]))
        W('Op no.', s['session'])
        d = s['date']
        if p is e_date and s['session'] == 1:
            bad = '%02d/%02d/%d' % (30, 2, d.year)
            W('Op date', bad)
            errors.append(['VP register', cell(r, C['Op date']), r + 1, 'Op date', bad,
                           'impossible date (30 February); theatre list says %s' % d.strftime('%d/%m/%Y'), p['pid']])
        elif rng.random() < 0.15:
            W('Op date', d.strftime('%d.%m.%y'))
        else:
            ws.write_datetime(r, C['Op date'], dt.datetime(d.year, d.month, d.day), fmtd)
        W('Procedure', 'BKP' if s['tech'] == 'kyphoplasty' else rng.choice(['PVP', 'VP']))
        lvcols = [('Level 1', 'Vol 1 (ml)'), ('Level 2', 'Vol 2 (ml)'), ('Level 3', 'Vol 3 (ml)')]
        tonly = (p['pid'], s['session']) in total_only
        vol_written = []
        for li, (lv, vol) in enumerate(zip(s['levels'], s['vols'])):
            lc, vc = lvcols[li]
            if p['pid'] == stale_cell and s['session'] == 1 and li == 0:
                wrong = LEVELS[LEVELS.index(lv) + 1]
                W(lc, wrong)
                ws.write_comment(r, C[lc], 'Level corrected to %s - see op note and post-op film. (%s was the referral letter) - Dr Mutasa' % (lv, wrong),
                                 {'author': 'Dr Mutasa'})
            else:
                W(lc, lv)
            if tonly:
                ws.write_blank(r, C[vc], None, fmt)
                vol_written.append(0)
                continue
            v = vol
            if p is e_vol and s['session'] == 1 and li == 0:
                v = vol * 10
                errors.append(['VP register', cell(r, C[vc]), r + 1, vc, fmt_num(v),
                               '%s ml in one vertebra is impossible (decimal point lost); should be %s ml' % (fmt_num(v), fmt_num(vol)), p['pid']])
            W(vc, v)
            vol_written.append(v)
            if p['pid'] == fixed_cell and s['session'] == 1 and li == 0:
                ws.write_comment(r, C[vc], 'Was typed %s. Corrected to %s - see op note. TM' % (fmt_num(vol * 10), fmt_num(vol)),
                                 {'author': 'T. Marufu'})
        if tonly:
            W('Total cement (ml)', round(sum(s['vols']), 1))
            ws.write_comment(r, C['Total cement (ml)'], 'Op note only gives total cement for both levels, not split per level.',
                             {'author': 'T. Marufu'})
        else:
            ws.write_formula(r, C['Total cement (ml)'],
                             '=SUM(%s,%s,%s)' % (cell(r, C['Vol 1 (ml)']), cell(r, C['Vol 2 (ml)']), cell(r, C['Vol 3 (ml)'])),
                             fmt, round(sum(vol_written), 1))
        W('Cement', s['cement'] or '')
        W('Leak', rng.choice(LEAK[s['leaks'][0]]))
        for v in p['visits']:
            if v['session'] != s['session']:
                continue
            col = TPC[v['tp']]
            if v['dead']:
                W(col, rng.choice(['akafa', 'died']))
                continue
            if v['missed']:
                W(col, rng.choice(['DNA', 'DNA', 'haana kuuya']))
                continue
            vas = v['vals']['pain_vas']
            if p is e_vas and v['tp'] == 'pre':
                W(col, int(vas * 10))
                errors.append(['VP register', cell(r, C[col]), r + 1, col, str(int(vas * 10)),
                               'VAS %d is outside the 0-10 scale (looks like mm); should be %s' % (int(vas * 10), fmt_num(vas)), p['pid']])
            else:
                W(col, int(vas))
            if 'odi' in v['vals']:
                W(ODIC[v['tp']], v['vals']['odi'])
        if s['session'] == 1:
            if p['fractures']:
                W('New #', '; '.join('%s on %s' % (lv, (p['d0'] + dt.timedelta(days=fd)).strftime('%d/%m/%Y'))
                                     for fd, lv in p['fractures']))
            else:
                W('New #', 'nil')
            if p['died']:
                W('Outcome', 'Died %s' % (p['d0'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y'))
            else:
                W('Outcome', 'Alive')
        else:
            W('New #', '')
            W('Outcome', 'see op 1 row')
        com = []
        if s['session'] == 2:
            com.append('Re-do for new adjacent #')
        if p['et'] == 'metastasis':
            com.append('Referred for RT (Parirenyatwa Radiotherapy Centre)')
        if kind == 'ltfu':
            com.append('Phoned x2, no answer - rural home')
        W('Comments', '. '.join(com))
        for j, (lc, vc) in enumerate(lvcols):
            colsum[vc] = colsum.get(vc, 0) + (vol_written[j] if j < len(vol_written) else 0)
        colsum['Total cement (ml)'] = colsum.get('Total cement (ml)', 0) + (round(sum(s['vols']), 1) if tonly else round(sum(vol_written), 1))
        colsum['Hosp No'] = colsum.get('Hosp No', 0) + 1
        r += 1

last = r - 1
tcols = []
for h in COLS:
    d = {'header': h}
    if h == 'Study No':
        d['total_string'] = 'TOTAL'
    elif h in ('Vol 1 (ml)', 'Vol 2 (ml)', 'Vol 3 (ml)', 'Total cement (ml)'):
        d['total_function'] = 'sum'
        d['total_value'] = round(colsum[h], 1)
    elif h == 'Hosp No':
        d['total_function'] = 'count'
        d['total_value'] = colsum[h]
    tcols.append(d)
ws.add_table(HR, 0, last + 1, len(COLS) - 1,
             {'name': 'VPRegister', 'style': 'Table Style Medium 9', 'total_row': True,
              'banded_rows': True, 'columns': tcols, 'autofilter': True})
ws.set_column(C['National ID'], C['National ID'], 16, None, {'hidden': True})
ws.set_column(0, 0, 12)
ws.set_column(1, 2, 16)
ws.set_column(C['Diagnosis'], C['Diagnosis'], 18)
ws.set_column(C['Op date'], C['Op date'], 11)
ws.set_column(C['New #'], C['Comments'], 24)
ws.write(last + 3, 0, 'Notes: VAS 0-10. DNA / "haana kuuya" = did not attend. "akafa" = patient had died by that visit. '
                      'Follow-up on an Op no. 2 row counts from the 2nd op.')
ws.write(last + 4, 0, 'Where a cell has a comment saying a value was corrected, the value in the comment is the right one.')
wb.close()


def vm(p, s):
    return 'session' if (p['pid'], s['session']) in total_only else 'level'


write_truth(pts, errors, ids, vol_mode=vm)
print('harare: %d patients, %d errors, total-only %s, fixed %s, stale %s' % (len(pts), len(errors), total_only, fixed_cell, stale_cell))
