import sys, os, csv, datetime as dt
import numpy as np

SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def gen_data(seed, n, tps, s2_tps=(), odi=False, prefix='P', id_fmt='{p}{i:03d}',
             start=dt.date(2021, 1, 4), span=600, kp_share=0.4, cements=('PMMA',),
             cement_p=None, leak_recorded=True, p_s2=0.18, p_frac_only=0.1, force_dead=()):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['id'] = id_fmt.format(p=prefix, i=i + 1)
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        p['age'] = int(rng.integers(51, 91))
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.74 else ('pathologic' if r < 0.9 else 'traumatic')
        p['died'] = 'yes' if (rng.random() < 0.12 or i in force_dead) else 'no'
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        st = int(rng.integers(3, len(SPINE) - nlev + 1))
        levels = SPINE[st:st + nlev]
        tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
        cem = str(rng.choice(list(cements), p=cement_p))

        def mk_levels(levs, tech):
            out = []
            for lv in levs:
                lo, hi = (3.0, 7.5) if tech == 'kyphoplasty' else (2.0, 6.0)
                vol = round(float(rng.uniform(lo, hi)) * 2) / 2
                if leak_recorded:
                    leak = 'none' if rng.random() < 0.75 else str(rng.choice(LEAKS[:4], p=[.4, .3, .2, .1]))
                else:
                    leak = ''
                out.append({'level': lv, 'vol': vol, 'leak': leak})
            return out

        def mk_assess(tlist, dead_cut=False):
            a = {}
            pre = int(rng.integers(6, 11))
            a[('pain_vas', 'pre')] = pre
            cur = pre
            for k, tp in enumerate(tlist):
                cur = max(0, cur - int(rng.integers(1, 4)) if k == 0 else cur - int(rng.integers(-1, 2)))
                cur = min(cur, 10)
                if rng.random() < 0.15:
                    continue
                if dead_cut and k == len(tlist) - 1:
                    continue
                a[('pain_vas', tp)] = cur
            if odi:
                o = int(rng.integers(40, 80)) // 2 * 2
                a[('odi', 'pre')] = o
                for k, tp in enumerate(tlist):
                    o = max(4, o - int(rng.integers(4, 20)) // 2 * 2)
                    if ('pain_vas', tp) in a:
                        a[('odi', tp)] = o
            return a

        sess = [{'session': 1, 'date': d0, 'day': 0, 'tech': tech, 'cement': cem,
                 'levels': mk_levels(levels, tech),
                 'assess': mk_assess(tps, p['died'] == 'yes')}]
        p['fractures'] = []
        if rng.random() < p_s2:
            gap = int(rng.integers(25, 120))
            cand = [SPINE[st - 1]] if st - 1 >= 0 else []
            if st + nlev < len(SPINE):
                cand.append(SPINE[st + nlev])
            nl = str(rng.choice(cand))
            t2 = tech if rng.random() < 0.7 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
            sess.append({'session': 2, 'date': d0 + dt.timedelta(days=gap), 'day': gap, 'tech': t2,
                         'cement': cem, 'levels': mk_levels([nl], t2),
                         'assess': mk_assess(s2_tps)})
            p['fractures'].append((gap - int(rng.integers(3, 15)), nl))
        elif rng.random() < p_frac_only:
            cand = [lv for lv in SPINE[max(0, st - 2):st + nlev + 2] if lv not in levels]
            p['fractures'].append((int(rng.integers(40, 200)), str(rng.choice(cand))))
        for s in sess:
            s['total'] = round(sum(l['vol'] for l in s['levels']), 1)
        p['sessions'] = sess
        pats.append(p)
    return pats, rng


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, errors, identifiers, vol_mode='level', sex=True, age=True,
                etiology=True, died=True, cement=True, vas_div=1):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f, lineterminator='\n')
            wr.writerow(header)
            for r in rows:
                wr.writerow(r)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
        p['died'] if died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for l in s['levels']:
                rows.append([p['id'], s['session'], s['day'], l['level'], s['tech'],
                             fmt_num(l['vol']) if vol_mode == 'level' else '',
                             fmt_num(s['total']) if vol_mode == 'session' else '',
                             s['cement'] if cement else '', l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for (m, tp), v in s['assess'].items():
                rows.append([p['id'], s['session'], m, tp, fmt_num(v / vas_div if m == 'pain_vas' and vas_div != 1 else v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, lv] for p in pats for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


# ---------------- Kathmandu (Nepal) ----------------
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter

DEV = str.maketrans('0123456789', '०१२३४५६७८९')

def main(outdir):
    TPS = ['24h', '1m', '3m']
    pats, rng = gen_data(20260604, 21, TPS, prefix='KTM', id_fmt='{p}-{i:02d}', start=dt.date(2021, 4, 15),
                         cements=('PMMA',), p_s2=0.0, p_frac_only=0.22)
    for p in pats:  # the sheet has room for two vertebrae only: the unit treats at most two per session
        s = p['sessions'][0]
        s['levels'] = s['levels'][:2]
        s['total'] = round(sum(l['vol'] for l in s['levels']), 1)
    def dv(x):
        return str(x).translate(DEV) if rng.random() < 0.35 else x
    FN = ['Sita', 'Gita', 'Laxmi', 'Kamala', 'Bishnu Maya', 'Sarita', 'Durga Devi', 'Maiya', 'Radha', 'Parvati', 'Hira Devi', 'Man Kumari']
    MN = ['Ram Bahadur', 'Hari Prasad', 'Krishna Bahadur', 'Tek Bahadur', 'Gopal', 'Dil Bahadur', 'Shiva Raj']
    SN = ['Shrestha', 'Maharjan', 'Thapa', 'Tamang', 'Adhikari', 'Gurung', 'Rai', 'K.C.', 'Poudel', 'Bhandari', 'Magar', 'Basnet', 'Karki', 'Khadka']
    ident = []
    for p in pats:
        fl = FN if p['sex'] == 'female' else MN
        p['name'] = fl[int(rng.integers(0, len(fl)))] + ' ' + SN[int(rng.integers(0, len(SN)))]
        p['hosp'] = f"{int(rng.integers(78, 80))}/{int(rng.integers(10000, 99999))}"
        ident += [['name', p['name']], ['record_number', p['hosp']]]
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'VP-KP दर्ता'
    ws['A1'] = 'मेरुदण्ड शल्यक्रिया एकाइ — Spine Surgery Unit'
    ws['A2'] = 'भर्टिब्रोप्लास्टी / काइफोप्लास्टी दर्ता (Vertebroplasty / Kyphoplasty register)'
    ws['A1'].font = Font(bold=True, size=13)
    groups = [(1, 6, 'बिरामी विवरण (Patient details)'), (7, 9, 'प्रक्रिया (Procedure)'),
              (10, 12, 'कशेरुका १ (Level 1)'), (13, 15, 'कशेरुका २ (Level 2)'),
              (16, 19, 'दुखाइ VAS (०-१०)'), (20, 22, 'पछिको अवस्था (Outcome)')]
    for a, b, t in groups:
        ws.cell(4, a, t).font = Font(bold=True)
        ws.merge_cells(start_row=4, start_column=a, end_row=4, end_column=b)
        ws.cell(4, a).alignment = Alignment(horizontal='center')
    H = ['क्र.सं. (S.N.)', 'अध्ययन नं. (Study No.)', 'बिरामीको नाम (Name)', 'अस्पताल नं. (Hosp. No.)',
         'उमेर/लिङ्ग (Age/Sex)', 'निदान (Diagnosis)',
         'मिति (Date, AD)', 'प्रक्रिया (Procedure)', 'सिमेन्ट (Cement)',
         'कशेरुका (Level)', 'सिमेन्ट मात्रा (ml)', 'चुहावट (Leak)',
         'कशेरुका (Level)', 'सिमेन्ट मात्रा (ml)', 'चुहावट (Leak)',
         'अघि (Pre)', '२४ घण्टा (24 h)', '१ महिना (1 mo)', '३ महिना (3 mo)',
         'नयाँ फ्र्याक्चर (New #)', 'नयाँ फ्र्याक्चर मिति (Date)', 'मृत्यु (Death)']
    for c, h in enumerate(H, 1):
        ws.cell(5, c, h).font = Font(bold=True)
        ws.cell(5, c).alignment = Alignment(wrap_text=True, vertical='top')
    DX = {'osteoporotic': ['Osteoporotic', 'Osteoporosis #'], 'pathologic': ['Ca breast mets', 'Multiple myeloma', 'Ca lung mets'],
          'traumatic': ['Fall injury', 'Fall from tree']}
    LK = {'none': 'छैन', 'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral', 'epidural': 'Epidural'}
    prow = {}
    for i, p in enumerate(pats):
        r = 6 + i; prow[p['id']] = r
        s = p['sessions'][0]
        ws.cell(r, 1, dv(i + 1)); ws.cell(r, 2, p['id']); ws.cell(r, 3, p['name']); ws.cell(r, 4, p['hosp'])
        ws.cell(r, 5, f"{dv(p['age'])}/{'F' if p['sex'] == 'female' else 'M'}")
        ws.cell(r, 6, str(rng.choice(DX[p['etiology']])))
        ws.cell(r, 7, dv(s['date'].strftime('%d/%m/%Y')))
        ws.cell(r, 8, 'PKP' if s['tech'] == 'kyphoplasty' else 'PVP'); ws.cell(r, 9, 'PMMA')
        for k, l in enumerate(s['levels']):
            c0 = 10 + 3 * k
            ws.cell(r, c0, l['level']); v = dv(fmt_num(l['vol']))
            ws.cell(r, c0 + 1, float(v) if v == fmt_num(l['vol']) else v); ws.cell(r, c0 + 2, LK[l['leak']])
        for c, tp in zip(range(16, 20), ['pre'] + TPS):
            v = s['assess'].get(('pain_vas', tp))
            ws.cell(r, c, dv(v) if v is not None else 'आएनन्')
        if p['fractures']:
            d, lv = p['fractures'][0]
            ws.cell(r, 20, lv); ws.cell(r, 21, (s['date'] + dt.timedelta(days=d)).strftime('%d/%m/%Y'))
        else:
            ws.cell(r, 20, 'छैन')
        ws.cell(r, 22, 'हो' if p['died'] == 'yes' else 'होइन')
    n = len(pats)
    ws.cell(n + 8, 1, 'संकेत (Legend): आएनन् = फलो-अपमा आएनन् (did not come for follow-up); छैन = none; हो = yes; होइन = no')
    ws.cell(n + 9, 1, 'PVP = percutaneous vertebroplasty, PKP = percutaneous kyphoplasty')
    for c, wdt in enumerate([7, 11, 20, 11, 10, 16, 12, 9, 8, 8, 9, 10, 8, 9, 10, 8, 8, 8, 8, 10, 12, 8], 1):
        ws.column_dimensions[get_column_letter(c)].width = wdt
    errors = []
    def plant(i, c, val, why):
        p = pats[i]; r = prow[p['id']]
        ws.cell(r, c, val)
        errors.append([ws.title, f'{get_column_letter(c)}{r}', r, H[c - 1], str(val), why, p['id']])
    plant(2, 16, '११', 'VAS 11 (Devanagari digits) on a 0-10 scale')
    plant(6, 10, 'L6', 'impossible vertebra L6')
    plant(9, 7, '32/05/2022', 'impossible date 32 May')
    plant(13, 5, '२१०/F', 'age 210 years')
    plant(17, 11, 46, '46 mL of cement in a single vertebra')
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, ident)


if __name__ == '__main__':
    main(sys.argv[1])
