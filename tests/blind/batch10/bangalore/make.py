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


# ---------------- Bangalore (India) ----------------
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill
KN = str.maketrans('0123456789', '೦೧೨೩೪೫೬೭೮೯')
FIRST_F = ['Lakshmamma', 'Savitha', 'Gowramma', 'Shantha', 'Nagamma', 'Padmavathi', 'Kamala', 'Sarojamma']
FIRST_M = ['Ramesh', 'Manjunath', 'Basavaraj', 'Venkatesh', 'Shivanna', 'Krishnappa']
LAST = ['Gowda', 'Rao', 'Shetty', 'Hegde', 'Naik', 'Reddy', 'Murthy', 'K.']


def main(outdir):
    pats, rng = gen(203, 23, tps=('1w', '6w', '3m'), tps2=('6w',), start=dt.date(2021, 6, 1))
    ids = []
    for i, p in enumerate(pats):
        p['id'] = 'BLR/VA/%03d' % (i + 1)
        fn = FIRST_F if p['sex'] == 'female' else FIRST_M
        p['name'] = '%s %s' % (fn[int(rng.integers(len(fn)))], LAST[int(rng.integers(len(LAST)))])
        p['uhid'] = 'UHID%08d' % int(rng.integers(10 ** 7, 10 ** 8))
        p['phone'] = '9%09d' % int(rng.integers(10 ** 8, 10 ** 9))
        ids += [['name', p['name']], ['record_number', p['uhid']], ['phone', p['phone']]]
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'VA register'
    ws['A1'] = 'ಸ್ಪೈನ್ ಕೇರ್ ಘಟಕ / Spine Care Unit, (fictitious) Jayanagar General Hospital, Bengaluru'
    ws['A2'] = 'Vertebral augmentation register — one row per level treated (ಪ್ರತಿ ಕಶೇರುಕಕ್ಕೆ ಒಂದು ಸಾಲು)'
    ws['A1'].font = Font(bold=True, size=12)
    hdr = ['Sl No', 'ರೋಗಿ ID / Patient ID', 'UHID', 'ಹೆಸರು / Name', 'Mobile', 'Age/Sex', 'Diagnosis', 'ಹಂತ / Sitting',
           'Date of procedure', 'Level', 'Procedure', 'Cement', 'Vol (ml)', 'Leak',
           'VAS pre', 'VAS 1 wk', 'VAS 6 wk', 'VAS 3 mo', 'New # on follow-up', 'Status']
    for j, h in enumerate(hdr, 1):
        c = ws.cell(4, j, h); c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True, horizontal='center')
        c.fill = PatternFill('solid', fgColor='FFF2CC')
    ws.merge_cells('O3:R3'); ws['O3'] = 'ನೋವು / Pain VAS (0-10)'; ws['O3'].alignment = Alignment(horizontal='center'); ws['O3'].font = Font(bold=True)
    DX = {'osteoporotic': 'Osteoporotic #', 'traumatic': 'Traumatic # (RTA/fall)'}
    LEAK = {'none': 'Nil', 'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral'}
    r = 5; sl = 1; where = {}
    for p in pats:
        dx = DX.get(p['etiology']) or ['Mets (Ca breast)', 'Multiple myeloma', 'Mets (Ca prostate)'][int(rng.integers(3))]
        for s in p['sessions']:
            for l in s['levels']:
                def pv(t):
                    if t not in s['pain']:
                        if s['session'] == 2 and t in ('1w', '3m'): return None
                        return 'LFU' if s['day'] + TPDAYS[t] <= p['death_day'] else 'Expired'
                    v = s['pain'][t]
                    return str(v).translate(KN) if rng.random() < 0.25 else v
                fr = ', '.join('%s on %s' % (lv, (p['sessions'][0]['date'] + dt.timedelta(days=d)).strftime('%d-%m-%Y')) for d, lv in p['fractures'])
                vals = [sl, p['id'], p['uhid'], p['name'], p['phone'], '%d/%s' % (p['age'], 'F' if p['sex'] == 'female' else 'M'), dx,
                        s['session'], s['date'], l['level'], 'PVP' if s['tech'] == 'vertebroplasty' else 'BKP',
                        'PMMA' if s['ctype'] == 'PMMA' else 'CaP (calcium phosphate)', l['vol'], LEAK[l['leak']],
                        pv('pre'), pv('1w'), pv('6w'), pv('3m'), fr or 'No', 'Expired' if p['died'] == 'yes' else 'Alive']
                for j, v in enumerate(vals, 1):
                    c = ws.cell(r, j, v)
                    if j == 9: c.number_format = 'DD-MM-YYYY'
                where.setdefault((p['id'], s['session']), r)
                r += 1; sl += 1
    ws.cell(r + 1, 1, 'LFU = lost to follow-up / did not come.  Pain VAS repeated on every level row of the same sitting.  Some entries typed in ಕನ್ನಡ numerals.')
    for j, wdt in enumerate([6, 13, 14, 20, 12, 8, 20, 8, 12, 6, 9, 12, 8, 12, 8, 8, 8, 8, 22, 9], 1):
        ws.column_dimensions[colL(j)].width = wdt
    errs = []
    def bad(pid, sess, col, val, why, blank_id=False):
        rr = where[(pid, sess)]; ws.cell(rr, col, val)
        errs.append(['VA register', '%s%d' % (colL(col), rr), rr, hdr[col - 1], val, why, '' if blank_id else pid])
    bad(pats[2]['id'], 1, 13, 45, '45 ml cement in one vertebra')
    bad(pats[6]['id'], 1, 10, 'L7', 'no L7 vertebra')
    bad(pats[10]['id'], 1, 16, 'xx', 'meaningless text in pain score')
    bad(pats[15]['id'], 1, 15, 13, 'VAS 13 on a 0-10 scale')
    # missing study ID on a row with data
    p = pats[19]; rr = where[(p['id'], 1)]; ws.cell(rr, 2, None)
    errs.append(['VA register', 'B%d' % rr, rr, hdr[1], '', 'study ID missing on a row with data (belongs to %s)' % p['id'], p['id']])
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errs, ids)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
