import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
TPDAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90, '6m': 182, '12m': 365}


def gen(seed, n, tps, tps2=('1m',), start=dt.date(2021, 3, 1), pre_odi=False):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.68 else 'male'
        p['age'] = int(rng.integers(52, 91))
        p['etiology'] = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic'], p=[0.65, 0.25, 0.10]))
        d0 = start + dt.timedelta(days=int(rng.integers(0, 540)))
        tech = 'kyphoplasty' if rng.random() < 0.35 else 'vertebroplasty'
        ctype = 'PMMA' if rng.random() < 0.85 else 'calcium phosphate'
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        k = int(rng.integers(0, len(LEVELS) - nlev + 1))
        levs = LEVELS[k:k + nlev]
        def leak():
            r = rng.random()
            if r < 0.72: return 'none'
            if r < 0.85: return 'disc'
            if r < 0.95: return 'venous'
            return 'paravertebral'
        s1 = dict(session=1, day=0, date=d0, tech=tech, ctype=ctype,
                  levels=[dict(level=l, vol=round(float(rng.uniform(2.0, 7.0)) * 2) / 2, leak=leak()) for l in levs])
        sessions = [s1]
        p['died'] = 'yes' if rng.random() < 0.12 else 'no'
        death_day = int(rng.integers(100, 400)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        fr = []
        if rng.random() < 0.25:
            # new fracture adjacent
            cand = [l for l in LEVELS if l not in levs and abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 2 or
                    (l not in levs and abs(LEVELS.index(l) - LEVELS.index(levs[-1])) <= 2)]
            fl = str(rng.choice(cand))
            fday = int(rng.integers(20, 80))
            fr.append((fday, fl))
            if rng.random() < 0.6:
                s2d = fday + int(rng.integers(5, 20))
                sessions.append(dict(session=2, day=s2d, date=d0 + dt.timedelta(days=s2d), tech=tech, ctype=ctype,
                                     levels=[dict(level=fl, vol=round(float(rng.uniform(2.0, 6.0)) * 2) / 2, leak='none')]))
        p['fractures'] = fr
        p['sessions'] = sessions
        # assessments
        for s in sessions:
            base = int(rng.integers(6, 11))
            a = {'pre': base}
            use = tps if s['session'] == 1 else tps2
            v = base
            for j, t in enumerate(use):
                if s['day'] + TPDAYS[t] > death_day: continue
                v = max(0, int(round(base * float(rng.uniform(0.2, 0.6)))))
                if rng.random() < 0.8:
                    a[t] = v
            s['pain'] = a
            if pre_odi:
                o = {'pre': int(rng.integers(40, 80))}
                for t in use:
                    if t in a: o[t] = int(max(0, o['pre'] - rng.integers(10, 40)))
                s['odi'] = o
        pats.append(p)
    return pats, rng


def write_truth(outdir, pats, errors, identifiers):
    td = os.path.join(outdir, 'truth'); os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f, lineterminator='\n'); c.writerow(header); c.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p.get('t_etiology', p['etiology']), p.get('t_died', p['died'])] for p in pats])
    pr, asr, frr = [], [], []
    for p in pats:
        for s in p['sessions']:
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                pr.append([p['id'], s['session'], s['day'], l['level'], s['tech'],
                           l['vol'] if (p.get('vol_mode') != 'session' or len(s['levels']) == 1) else '',
                           tot if (p.get('vol_mode') == 'session' and len(s['levels']) > 1) else '',
                           s['ctype'], (';'.join(sorted({x['leak'] for x in s['levels']} - {'none'})) or 'none') if p.get('leak_mode') == 'session' else l['leak']])
            for t, v in s['pain'].items():
                asr.append([p['id'], s['session'], 'pain_vas', t, v])
            for t, v in s.get('odi', {}).items():
                asr.append([p['id'], s['session'], 'odi', t, v])
        for d, l in p['fractures']:
            frr.append([p['id'], d, l])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], pr)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], asr)
    w('fractures.csv', ['patient_id', 'day', 'level'], frr)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def colL(i):  # 1-based
    s = ''
    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s


# ---------------- Wellington (New Zealand) ----------------
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
FF = ['Aroha', 'Mere', 'Hine', 'Margaret', 'Susan', 'Ngaire', 'Janet', 'Wikitoria']
FM = ['Tama', 'Hemi', 'Graham', 'Wiremu', 'Bruce', 'Rangi']
LN = ['Ngata', 'Smith', 'Parata', 'Williams', 'Tūhoe-Brown', 'Walker', 'Horomona', 'Te Huia']


def main(outdir):
    pats, rng = gen(205, 24, tps=('2w', '6w', '6m'), tps2=('6w',), start=dt.date(2021, 5, 3))
    ids = []
    for i, p in enumerate(pats):
        p['id'] = 'WGN-VA-%02d' % (i + 1)
        fn = FF if p['sex'] == 'female' else FM
        p['name'] = '%s %s' % (fn[int(rng.integers(len(fn)))], LN[int(rng.integers(len(LN)))])
        p['nhi'] = ''.join(chr(int(rng.integers(65, 91))) for _ in range(3)).replace('I', 'K').replace('O', 'P') + '%04d' % int(rng.integers(1000, 9999))
        p['dob'] = (p['sessions'][0]['date'] - dt.timedelta(days=int(p['age'] * 365.25 + rng.integers(10, 300)))).strftime('%d/%m/%Y')
        ids += [['name', p['name']], ['record_number', p['nhi']], ['birth_date', p['dob']]]
        # age at first procedure must match dob
        b = dt.datetime.strptime(p['dob'], '%d/%m/%Y').date(); d0 = p['sessions'][0]['date']
        p['age'] = d0.year - b.year - ((d0.month, d0.day) < (b.month, b.day))
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'VA audit'
    ws['A1'] = 'Te Whatu Ora — (fictitious) Capital Coast Spine Service: vertebral augmentation audit'
    ws['A2'] = 'Kia ora — please fill one row per patient (tūroro). Repeat procedures go in the second table further down.'
    ws['A1'].font = Font(bold=True, size=13); ws['A2'].font = Font(italic=True, color='666666')
    hdr = ['Study ID', 'NHI', 'Ingoa / Name', 'DOB', 'Age', 'Ira (sex)', 'Cause', 'Procedure date', 'Level(s)', 'VP / KP',
           'Cement', 'Cement vol (mL)', 'Leak', 'Pain pre', 'Pain 2/52', 'Pain 6/52', 'Pain 6/12', 'New fracture (level, date)', 'Kua mate (died)?']
    green = PatternFill('solid', fgColor='D9EAD3')
    for j, h in enumerate(hdr, 1):
        c = ws.cell(4, j, h); c.font = Font(bold=True); c.fill = green; c.alignment = Alignment(wrap_text=True)
    CAUSE = {'osteoporotic': 'OP', 'traumatic': 'Trauma'}
    LEAK = {'none': 'nil', 'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral'}
    r = 5; where = {}
    for p in pats:
        s = p['sessions'][0]
        cause = CAUSE.get(p['etiology']) or ['Mets', 'Myeloma'][int(rng.integers(2))]
        lk = sorted({l['leak'] for l in s['levels']} - {'none'})
        vol = ' / '.join('%s %.1f' % (l['level'], l['vol']) for l in s['levels']) if len(s['levels']) > 1 else s['levels'][0]['vol']
        def pv(t):
            if t in s['pain']: return s['pain'][t]
            return 'dec' if TPDAYS[t] > p['death_day'] else 'DNA'
        fr = '; '.join('%s %s' % (l, (s['date'] + dt.timedelta(days=d)).strftime('%-d/%m/%Y')) for d, l in p['fractures'])
        vals = [p['id'], p['nhi'], p['name'], p['dob'], p['age'], 'wahine' if p['sex'] == 'female' else 'tāne', cause,
                s['date'], ', '.join(l['level'] for l in s['levels']), 'VP' if s['tech'] == 'vertebroplasty' else 'KP',
                'PMMA' if s['ctype'] == 'PMMA' else 'CaP', vol, ', '.join(LEAK[x] for x in lk) if lk else 'nil',
                pv('pre'), pv('2w'), pv('6w'), pv('6m'), fr, 'Āe' if p['died'] == 'yes' else 'Kāo']
        for j, v in enumerate(vals, 1):
            c = ws.cell(r, j, v)
            if j == 8: c.number_format = 'd/mm/yyyy'
        where[(p['id'], 1)] = r; r += 1
    ws.cell(r, 1, 'DNA = did not attend; dec = deceased before visit; 2/52 = 2 weeks, 6/52 = 6 weeks, 6/12 = 6 months. Pain NRS 0-10.').font = Font(italic=True)
    r += 3
    ws.cell(r, 1, 'Repeat procedures (hokinga mai) — second or later augmentation').font = Font(bold=True, size=12)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=9)
    r += 1
    hdr2 = ['Study ID', 'Procedure date', 'Level(s)', 'VP / KP', 'Cement', 'Cement vol (mL)', 'Leak', 'Pain pre', 'Pain 6/52']
    for j, h in enumerate(hdr2, 1):
        c = ws.cell(r, j, h); c.font = Font(bold=True); c.fill = PatternFill('solid', fgColor='FCE5CD')
    r += 1
    for p in pats:
        for s in p['sessions'][1:]:
            vals = [p['id'], s['date'], ', '.join(l['level'] for l in s['levels']), 'VP' if s['tech'] == 'vertebroplasty' else 'KP',
                    'PMMA' if s['ctype'] == 'PMMA' else 'CaP', s['levels'][0]['vol'], 'nil', s['pain']['pre'],
                    s['pain'].get('6w', 'dec' if s['day'] + 42 > p['death_day'] else 'DNA')]
            for j, v in enumerate(vals, 1):
                c = ws.cell(r, j, v)
                if j == 2: c.number_format = 'd/mm/yyyy'
            where[(p['id'], 2)] = r; r += 1
    for j, wdt in enumerate([12, 10, 22, 11, 6, 9, 9, 13, 12, 7, 8, 16, 12, 8, 8, 8, 8, 24, 10], 1):
        ws.column_dimensions[colL(j)].width = wdt
    errs = []
    def bad(pid, sess, col, val, why, h):
        rr = where[(pid, sess)]; ws.cell(rr, col, val)
        errs.append(['VA audit', '%s%d' % (colL(col), rr), rr, h[col - 1], val, why, pid])
    single = [p for p in pats if len(p['sessions'][0]['levels']) == 1]
    bad(single[2]['id'], 1, 9, 'T13', 'no T13 vertebra', hdr)
    bad(pats[5]['id'], 1, 5, 210, 'impossible age', hdr)
    bad(pats[9]['id'], 1, 16, 14, 'pain 14 on a 0-10 NRS', hdr)
    rep = [p for p in pats if len(p['sessions']) > 1]
    p = rep[0]
    bad(p['id'], 2, 2, p['sessions'][0]['date'] - dt.timedelta(days=30), 'repeat procedure dated before the index procedure', hdr2)
    bad(single[8]['id'], 1, 12, 'see notes', 'text instead of a volume', hdr)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    for p in pats: p['leak_mode'] = 'session'  # leak written once per session
    write_truth(outdir, pats, errs, ids)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
