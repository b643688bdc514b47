# ---- shared cohort generator (identical block in every site's make.py) ----
import sys, os, csv, random, datetime as dt

TP_DAYS = {'pre': (0, 0), '24h': (1, 0), '1w': (7, 1), '2w': (14, 2), '6w': (42, 4),
           '1m': (30, 3), '3m': (91, 8), '6m': (182, 12), '12m': (365, 20), '24m': (730, 25)}
LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEVEL_W = [1, 1, 2, 2, 3, 3, 4, 6, 10, 12, 8, 5, 3, 1]


def gen_cohort(seed, n, tps, tps2, measures, start, kp_share=0.4, cp_share=0.1,
               vas100=False, leak_unrec=0.05):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        r = R.random()
        et = 'osteoporotic' if r < 0.64 else 'pathologic' if r < 0.84 else 'traumatic' if r < 0.95 else 'other'
        age = {'osteoporotic': R.randint(58, 91), 'pathologic': R.randint(44, 82),
               'traumatic': R.randint(33, 72), 'other': R.randint(50, 80)}[et]
        sex = 'female' if R.random() < (0.78 if et == 'osteoporotic' else 0.5) else 'male'
        first = start + dt.timedelta(days=R.randint(0, 420))
        bdate = first - dt.timedelta(days=int(age * 365.25) + R.randint(20, 330))
        age = first.year - bdate.year - ((first.month, first.day) < (bdate.month, bdate.day))
        p = dict(idx=i, sex=sex, age=age, etiology=et, first=first, birth=bdate,
                 died=False, death_day=None, sessions=[], scores={}, visits={}, fractures=[])
        pats.append(p)

    def mk_session(p, sn, day):
        nv = R.choices([1, 2, 3], [68, 24, 8])[0]
        i0 = R.choices(range(len(LEVELS)), LEVEL_W)[0]
        i0 = min(i0, len(LEVELS) - nv)
        lv = LEVELS[i0:i0 + nv]
        if sn == 2:
            lv = [p['fractures'][-1][1]]
        tech = 'kyphoplasty' if R.random() < kp_share else 'vertebroplasty'
        cem = 'calcium phosphate' if (p['etiology'] == 'traumatic' and R.random() < 0.5) or R.random() < cp_share / 3 else 'PMMA'
        verts = []
        for L in lv:
            vol = round(R.uniform(2.0, 5.5) + (1.0 if tech == 'kyphoplasty' else 0) + (0.8 if L.startswith('L') else 0), 1)
            lr = R.random()
            if lr < leak_unrec:
                leak = None
            elif lr < 0.74:
                leak = ['none']
            elif lr < 0.95:
                leak = [R.choices(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], [5, 5, 3, 1, 1])[0]]
            else:
                leak = ['disc', 'venous']
            verts.append(dict(level=L, vol=vol, leak=leak))
        p['sessions'].append(dict(n=sn, day=day, tech=tech, cement=cem, verts=verts))

    def score(p, tp, base_v, base_o, base_m, k):
        f = {'pre': 1.0, '24h': 0.62, '1w': 0.5, '2w': 0.45, '6w': 0.38, '1m': 0.4,
             '3m': 0.33, '6m': 0.3, '12m': 0.3, '24m': 0.3}[tp]
        out = {}
        if 'pain_vas' in measures:
            v = max(0, min(10, round(base_v * f + R.uniform(-0.8, 0.8))))
            out['pain_vas'] = v * 10 + (R.choice([0, 0, 2, 5, 8]) if v < 10 else 0) if vas100 else v
        if 'odi' in measures:
            out['odi'] = max(0, min(100, 2 * round((base_o * (0.35 + 0.65 * f) + R.uniform(-5, 5)) / 2)))
        if 'mobility' in measures:
            out['mobility'] = max(0, min(4, round(base_m * f + R.uniform(-0.4, 0.4))))
        return out

    # 3 with a second session, 2 with an untreated new fracture, 3 deaths
    idxs = list(range(n))
    R.shuffle(idxs)
    second = set(idxs[:3]); untreated = set(idxs[3:5])
    deathc = [i for i in idxs[5:] if pats[i]['etiology'] == 'pathologic'][:2] + \
             [i for i in idxs[5:] if pats[i]['etiology'] == 'osteoporotic' and pats[i]['age'] > 80][:1]
    for p in pats:
        i = p['idx']
        mk_session(p, 1, 0)
        bv, bo, bm = R.uniform(7, 9.6), R.uniform(50, 80), R.uniform(2.3, 4)
        stop_at = len(tps)
        if i in second or i in untreated:
            k = R.randint(2, len(tps) - 2) if i in second else R.randint(2, len(tps) - 1)
            stop_at = k + 1 if i in second else len(tps)
        if i in deathc:
            stop_at = R.randint(3, len(tps) - 1)
        for j, tp in enumerate(tps[:stop_at]):
            d0, jit = TP_DAYS[tp]
            day = d0 + R.randint(-jit, jit)
            p['visits'][(1, tp)] = day
            miss = tp != 'pre' and R.random() < 0.1
            for m, v in score(p, tp, bv, bo, bm, j).items():
                p['scores'][(1, m, tp)] = None if miss else v
        if i in second or i in untreated:
            tpk = tps[k]
            fday = p['visits'][(1, tpk)]
            lv = [v['level'] for v in p['sessions'][0]['verts']]
            cand = [L for L in LEVELS if L not in lv and abs(LEVELS.index(L) - LEVELS.index(lv[0])) <= 3]
            p['fractures'].append((fday, R.choice(cand)))
            for m in measures:
                if p['scores'].get((1, m, tpk), 0) is None:
                    p['scores'][(1, m, tpk)] = score(p, tpk, bv, bo, bm, 0)[m]
        if i in second:
            d2 = fday + R.randint(7, 24)
            mk_session(p, 2, d2)
            bv2, bo2, bm2 = R.uniform(7, 9.3), R.uniform(50, 75), R.uniform(2.3, 3.5)
            for tp in tps2:
                d0, jit = TP_DAYS[tp]
                p['visits'][(2, tp)] = d2 + d0 + R.randint(-jit, jit)
                for m, v in score(p, tp, bv2, bo2, bm2, 0).items():
                    p['scores'][(2, m, tp)] = v
        if i in deathc:
            p['died'] = True
            last = max(p['visits'].values())
            p['death_day'] = last + R.randint(20, 70)
    return pats


def ddate(p, day):
    return p['first'] + dt.timedelta(days=day)


def write_truth(outdir, pats, errors, idents, vas100=False, total_only=False):
    td = os.path.join(outdir, 'truth'); os.makedirs(td, exist_ok=True)
    def W(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f); w.writerow(header)
            for r in rows:
                w.writerow(['' if x is None else x for x in r])
    fmtv = lambda v: ('%g' % v) if v is not None else None
    W('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p['etiology'], 'yes' if p['died'] else 'no'] for p in pats if p.get('pid')])
    rows = []
    for p in pats:
        if not p.get('pid'): continue
        for s in p['sessions']:
            tot = round(sum(v['vol'] for v in s['verts']), 1)
            for v in s['verts']:
                rows.append([p['pid'], s['n'], s.get('t_day', s['day']), v['level'], s['tech'],
                             None if total_only else fmtv(v['vol']), fmtv(s.get('t_total', tot)) if total_only else None,
                             s['cement'], None if v['leak'] is None else ';'.join(v['leak'])])
    W('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        if not p.get('pid'): continue
        for (sn, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], list(TP_DAYS).index(kv[0][2]))):
            if v is None or (sn, m, tp) in p.get('t_drop', ()): continue
            if m == 'pain_vas' and vas100: v = v / 10
            rows.append([p['pid'], sn, m, tp, fmtv(v)])
    W('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    W('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, L] for p in pats if p.get('pid') for d, L in p['fractures']])
    W('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    W('identifiers.csv', ['kind', 'value'], list(dict.fromkeys(tuple(x) for x in idents)))
# ---- end of shared block ----
# ---- Mysore: one sheet per patient (case record card), Kannada + English, Kannada digits in some cells ----
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

TPS = ['pre', '2w', '6w', '6m', '12m']; TPS2 = ['pre', '6w']
TPL = {'pre': 'Pre-op / ಶಸ್ತ್ರಚಿಕಿತ್ಸೆಗೆ ಮುನ್ನ', '2w': '2 weeks / ೨ ವಾರ', '6w': '6 weeks / ೬ ವಾರ', '6m': '6 months / ೬ ತಿಂಗಳು', '12m': '1 year / ೧ ವರ್ಷ'}
KD = str.maketrans('0123456789', '೦೧೨೩೪೫೬೭೮೯')
NM = {'female': [('ಲಕ್ಷ್ಮಮ್ಮ', 'Lakshmamma'), ('ಸಾವಿತ್ರಿ', 'Savitri'), ('ಗೌರಮ್ಮ', 'Gowramma'), ('ಶಾರದಾ', 'Sharada'), ('ಪಾರ್ವತಿ', 'Parvathi'), ('ನಾಗರತ್ನ', 'Nagarathna')],
      'male': [('ರಾಮಪ್ಪ', 'Ramappa'), ('ಮಂಜುನಾಥ', 'Manjunatha'), ('ಶಿವಣ್ಣ', 'Shivanna'), ('ಬಸವರಾಜ', 'Basavaraja'), ('ಕೃಷ್ಣೇಗೌಡ', 'Krishnegowda'), ('ಸಿದ್ದಯ್ಯ', 'Siddaiah')]}
SN = [('ಗೌಡ', 'Gowda'), ('ಶೆಟ್ಟಿ', 'Shetty'), ('ರಾವ್', 'Rao'), ('ನಾಯಕ', 'Nayaka'), ('ಹೆಗಡೆ', 'Hegde'), ('', '')]
ETI = {'osteoporotic': ['Osteoporotic / ಮೂಳೆ ಸವೆತ', 'Senile osteoporosis'], 'pathologic': ['Metastasis (Ca breast) / ಕ್ಯಾನ್ಸರ್ ಹರಡುವಿಕೆ', 'Multiple myeloma', 'Metastasis (Ca prostate)'],
       'traumatic': ['Trauma - fall from coconut tree / ಆಘಾತ', 'RTA (two-wheeler)'], 'other': ['Other - Kummell disease']}
LK = {'none': 'Nil / ಇಲ್ಲ', 'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral', 'epidural': 'Epidural', 'foraminal': 'Foraminal'}


def dmy(d, kan=False):
    s = d.strftime('%d/%m/%Y')
    return s.translate(KD) if kan else s


def main(outdir):
    R = random.Random(2304)
    pats = gen_cohort(2304, 22, TPS, TPS2, ['pain_vas', 'odi'], dt.date(2021, 7, 1), kp_share=0.2)
    idents = []; errors = []
    wb = Workbook(); idx = wb.active; idx.title = 'ಸೂಚಿ Index'
    idx.append(['Sri Chamundeshwari Medical College Hospital, Mysuru — Dept. of Orthopaedics / ಮೂಳೆ ಚಿಕಿತ್ಸಾ ವಿಭಾಗ'])
    idx.append(['Percutaneous vertebral augmentation case records 2021-23 (one sheet per patient / ಪ್ರತಿ ರೋಗಿಗೆ ಒಂದು ಹಾಳೆ)'])
    idx.append([]); idx.append(['Study No', 'Name', 'IP No', 'Sheet'])
    plain = [p for p in pats if len(p['sessions']) == 1 and not p['died'] and not p['fractures']]
    e_vas, e_date, e_lvl = plain[1], plain[4], plain[8]
    e_vol = [p for p in plain if len(p['sessions'][0]['verts']) == 1 and p not in (e_vas, e_date, e_lvl)][5]
    for p in pats:
        p['pid'] = 'SCMC/VP/%02d' % (p['idx'] + 1)
        sh = 'VP-%02d' % (p['idx'] + 1)
        kan = R.random() < 0.35   # this card written with Kannada digits
        f, s = R.choice(NM[p['sex']]), R.choice(SN)
        name = ('%s %s (%s %s)' % (f[0], s[0], f[1], s[1])).replace(' )', ')').replace('  ', ' ')
        ip = 'IP %d/%d' % (R.randint(10000, 99999), ddate(p, 0).year)
        uh = 'SCMC%07d' % R.randint(0, 9999999)
        tel = '+91 %d%04d %05d' % (R.choice([9, 8, 7]), R.randint(0, 9999), R.randint(0, 99999))
        idents += [('name', name), ('record_number', ip), ('record_number', uh), ('phone', tel)]
        idx.append([p['pid'], name, ip, sh])
        ws = wb.create_sheet(sh)
        ws['A1'] = 'ರೋಗಿಯ ದಾಖಲೆ ಪತ್ರ / CASE RECORD — Vertebroplasty / Kyphoplasty'; ws['A1'].font = Font(bold=True, size=12)
        age = str(p['age']).translate(KD) if kan else ('%d yrs' % p['age'] if R.random() < 0.5 else p['age'])
        info = [('ಅಧ್ಯಯನ ಸಂಖ್ಯೆ / Study No', p['pid']), ('ಹೆಸರು / Name', name), ('ಒಳರೋಗಿ ಸಂಖ್ಯೆ / IP No', ip), ('UHID', uh),
                ('ವಯಸ್ಸು / Age', age), ('ಲಿಂಗ / Sex', 'ಸ್ತ್ರೀ / F' if p['sex'] == 'female' else 'ಪುರುಷ / M'),
                ('ದೂರವಾಣಿ / Phone', tel), ('ಕಾರಣ / Aetiology', R.choice(ETI[p['etiology']])),
                ('ಫಲಿತಾಂಶ / Outcome', ('Expired / ಮರಣ  %s' % dmy(ddate(p, p['death_day']), kan)) if p['died'] else 'Alive / ಜೀವಂತ')]
        for i, (a, b) in enumerate(info):
            ws.cell(3 + i, 1, a).font = Font(bold=True); ws.cell(3 + i, 2, b)
        r = 3 + len(info) + 1
        ws.cell(r, 1, 'ಚಿಕಿತ್ಸಾ ವಿವರ / PROCEDURE DETAILS').font = Font(bold=True, color='C00000'); r += 1
        PH = ['Session / ಸೆಷನ್', 'Date / ದಿನಾಂಕ', 'Level / ಮಟ್ಟ', 'Technique / ವಿಧಾನ', 'Cement / ಸಿಮೆಂಟ್', 'Volume (ml)', 'Leakage / ಸೋರಿಕೆ']
        for c, h in enumerate(PH, 1):
            ws.cell(r, c, h).font = Font(bold=True); ws.cell(r, c).fill = PatternFill('solid', fgColor='FFF2CC')
        r += 1
        for s_ in p['sessions']:
            for vi, v in enumerate(s_['verts']):
                L = v['level']; txt = ('D' + L[1:]) if (L[0] == 'T' and R.random() < 0.6) else L
                if p is e_lvl and vi == 0:
                    txt = 'D13'; v['level'] = 'T13'
                    errors.append([sh, 'C%d' % r, r, 'Level / ಮಟ್ಟ', 'D13', 'impossible vertebral level D13 (T13)', p['pid']])
                vol = v['vol']
                if p is e_vol:
                    vol = v['vol'] = 23.5
                    errors.append([sh, 'F%d' % r, r, 'Volume (ml)', '23.5', 'cement volume 23.5 ml in one vertebra (>20 ml)', p['pid']])
                ws.cell(r, 1, str(s_['n']).translate(KD) if kan else s_['n'])
                ws.cell(r, 2, dmy(ddate(p, s_['day']), kan))
                ws.cell(r, 3, txt)
                ws.cell(r, 4, 'PVP (vertebroplasty)' if s_['tech'] == 'vertebroplasty' else 'Balloon kyphoplasty')
                ws.cell(r, 5, R.choice(['PMMA', 'Spineplex (PMMA)', 'Osteopal V']) if s_['cement'] == 'PMMA' else 'Calcium phosphate')
                ws.cell(r, 6, vol)
                ws.cell(r, 7, 'Not mentioned' if v['leak'] is None else ' + '.join(LK[k] for k in v['leak']))
                r += 1
        r += 1
        ws.cell(r, 1, 'ಅನುಸರಣೆ / FOLLOW-UP').font = Font(bold=True, color='C00000'); r += 1
        FH = ['Visit / ಭೇಟಿ', 'Session / ಸೆಷನ್', 'Date / ದಿನಾಂಕ', 'VAS (0-10)', 'ODI (%)', 'Remarks / ಷರಾ']
        for c, h in enumerate(FH, 1):
            ws.cell(r, c, h).font = Font(bold=True); ws.cell(r, c).fill = PatternFill('solid', fgColor='DDEBF7')
        r += 1
        for sn, tps in ((1, TPS), (2, TPS2)):
            for t in tps:
                if (sn, t) not in p['visits']:
                    continue
                day = p['visits'][(sn, t)]
                vas, odi = p['scores'][(sn, 'pain_vas', t)], p['scores'][(sn, 'odi', t)]
                ws.cell(r, 1, TPL[t]); ws.cell(r, 2, str(sn).translate(KD) if kan else sn)
                if vas is None:
                    ws.cell(r, 3, '—'); ws.cell(r, 4, R.choice(['ಬರಲಿಲ್ಲ', 'LFU', '—'])); ws.cell(r, 5, '—')
                    ws.cell(r, 6, 'did not come / ಬರಲಿಲ್ಲ')
                else:
                    ds = dmy(ddate(p, day), kan)
                    if p is e_date and sn == 1 and t == '6w':
                        dd = ddate(p, day); ds = '31/06/%d' % dd.year
                        errors.append([sh, 'C%d' % r, r, 'Date / ದಿನಾಂಕ', ds, 'impossible date 31 June', p['pid']])
                    ws.cell(r, 3, ds)
                    if p is e_vas and sn == 1 and t == '2w':
                        vas = p['scores'][(1, 'pain_vas', '2w')] = 11
                        errors.append([sh, 'D%d' % r, r, 'VAS (0-10)', '11', 'VAS 11 beyond 0-10 scale', p['pid']])
                    ws.cell(r, 4, str(vas).translate(KD) if kan else vas)
                    ws.cell(r, 5, str(odi).translate(KD) if kan else odi)
                    rem = ''
                    for d, L in p['fractures']:
                        if d == day and sn == 1:
                            rem = 'New # %s on MRI / ಹೊಸ ಮುರಿತ' % (('D' + L[1:]) if L[0] == 'T' else L)
                    if sn == 2 and t == 'pre':
                        rem = rem or 'Re-admitted for new fracture'
                    ws.cell(r, 6, rem or None)
                r += 1
        if p['died']:
            ws.cell(r + 1, 1, 'Patient expired at home — informed by son over phone / ಮನೆಯಲ್ಲಿ ಮರಣ')
        for c, w in zip('ABCDEFG', [34, 30, 16, 22, 20, 12, 26]):
            ws.column_dimensions[c].width = w
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1])
