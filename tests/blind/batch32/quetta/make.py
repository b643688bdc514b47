"""Writes input.xlsx (Quetta VP/BKP register, one row per vertebra) and truth/*.csv. Run: python make.py"""
# ---------------------------------------------------------------------------
# Cohort generator (the same block is used in all five of writer B's sites).
# The cohort is generated ONCE; the input workbook and the truth CSVs are both
# written from it, so they cannot drift apart.
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, 'truth')
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}
CUTOFF = dt.date(2024, 2, 29)          # data frozen
ORDER = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])

# detail -> (etiology, probability female, age range, level pool, weights of 1/2/3 levels)
ETIO = {
    'osteoporosis': ('osteoporotic', 0.78, (62, 89), ['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'], (0.55, 0.35, 0.10)),
    'mets_breast': ('pathologic', 1.00, (46, 78), ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'], (0.45, 0.35, 0.20)),
    'mets_prostate': ('pathologic', 0.00, (58, 84), ['T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'], (0.45, 0.35, 0.20)),
    'mets_lung': ('pathologic', 0.35, (50, 79), ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2'], (0.5, 0.35, 0.15)),
    'myeloma': ('pathologic', 0.45, (52, 82), ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'], (0.4, 0.4, 0.2)),
    'trauma': ('traumatic', 0.35, (38, 74), ['T11', 'T12', 'L1', 'L2'], (0.85, 0.15, 0.0)),
    'haemangioma': ('other', 0.65, (40, 68), ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'], (1.0, 0.0, 0.0)),
}
DETAIL_W = [('osteoporosis', 0.55), ('mets_breast', 0.08), ('mets_prostate', 0.06),
            ('mets_lung', 0.05), ('myeloma', 0.09), ('trauma', 0.11), ('haemangioma', 0.06)]
LEAK_W = [('none', 0.74), ('disc', 0.10), ('venous', 0.08), ('paravertebral', 0.06), ('epidural', 0.02)]


def wchoice(rng, pairs):
    x = rng.random() * sum(w for _, w in pairs)
    for k, w in pairs:
        x -= w
        if x <= 0:
            return k
    return pairs[-1][0]


def rnd_step(x, step):
    return round(round(x / step) * step, 1)


def adjacent(levels, rng):
    """a new fracture next to the treated block"""
    i_lo, i_hi = ORDER.index(levels[0]), ORDER.index(levels[-1])
    cand = []
    if i_lo - 1 >= ORDER.index('T4'):
        cand.append(ORDER[i_lo - 1])
    if i_hi + 1 <= ORDER.index('L5'):
        cand.append(ORDER[i_hi + 1])
    if i_lo - 2 >= ORDER.index('T4'):
        cand.append(ORDER[i_lo - 2])
    return rng.choice(cand)


def make_session(rng, no, day, date, levels, technique, cfg):
    vols, leaks = [], []
    for lv in levels:
        if lv.startswith('L') or lv == 'S1':
            v = rng.uniform(3.0, 6.0)
        elif ORDER.index(lv) >= ORDER.index('T9'):
            v = rng.uniform(2.5, 4.6)
        else:
            v = rng.uniform(1.6, 3.2)
        if technique == 'kyphoplasty':
            v += 0.6
        vols.append(rnd_step(v, cfg.get('vol_step', 0.5)))
        leaks.append(wchoice(rng, LEAK_W))
    cement = 'PMMA'
    if cfg.get('cap_prob') and rng.random() < cfg['cap_prob']:
        cement = 'calcium phosphate'
    return {'no': no, 'day': day, 'date': date, 'levels': levels, 'technique': technique,
            'vols': vols, 'leaks': leaks, 'cement': cement}


def score_path(rng, tps, pre_lo, pre_hi, fin_lo, fin_hi, top):
    decay = {'pre': 1.0, '24h': 0.55, '1w': 0.45, '2w': 0.40, '6w': 0.28, '1m': 0.30,
             '3m': 0.12, '6m': 0.06, '12m': 0.0}
    p = rng.randint(pre_lo, pre_hi)
    f = rng.randint(fin_lo, fin_hi)
    out = {}
    for tp in tps:
        v = f + (p - f) * decay[tp] + (0 if tp == 'pre' else rng.uniform(-0.12, 0.12) * top / 2.5)
        out[tp] = int(max(0, min(top, round(v))))
    return out


def generate(seed, n, cfg):
    """cfg: tps1/tps2 = {measure: [timepoints]}, vas_top (10 or 100), kp_prob, vol_step,
    cap_prob, forced_reop (indices), forced_frac (indices), forced_death (indices), miss_prob"""
    rng = random.Random(seed)
    start, span = dt.date(2021, 2, 8), 820
    P = []
    for i in range(n):
        detail = wchoice(rng, DETAIL_W)
        if i in cfg.get('forced_detail', {}):
            detail = cfg['forced_detail'][i]
        etio, pfem, (alo, ahi), pool, nw = ETIO[detail]
        sex = 'female' if rng.random() < pfem else 'male'
        op1 = start + dt.timedelta(days=int(i * span / n) + rng.randint(0, 25))
        age = rng.randint(alo, ahi)
        birth = dt.date(op1.year - age - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        age = op1.year - birth.year - ((op1.month, op1.day) < (birth.month, birth.day))
        k = wchoice(rng, [(1, nw[0]), (2, nw[1]), (3, nw[2])])
        j0 = rng.randint(0, len(pool) - k)
        levels = pool[j0:j0 + k]
        kp = cfg.get('kp_prob', 0.3) + (0.25 if etio == 'traumatic' else 0)
        tech = 'kyphoplasty' if rng.random() < kp else 'vertebroplasty'
        sessions = [make_session(rng, 1, 0, op1, levels, tech, cfg)]
        # death
        pdie = 0.45 if etio == 'pathologic' else 0.05
        death_day = None
        if rng.random() < pdie or i in cfg.get('forced_death', ()):
            death_day = rng.randint(45, 560)
            if (op1 + dt.timedelta(days=death_day)) > CUTOFF:
                death_day = (CUTOFF - op1).days - rng.randint(5, 40)
        fractures = []
        forced = i in cfg.get('forced_frac', ()) or i in cfg.get('forced_reop', ())
        if forced and death_day is not None and death_day < 320:
            death_day = None
        if rng.random() < 0.18 or i in cfg.get('forced_frac', ()) or i in cfg.get('forced_reop', ()):
            fday = rng.randint(55, 240)
            if death_day is None or fday < death_day - 30:
                flev = adjacent(levels, rng)
                fractures.append((fday, flev))
                if i in cfg.get('forced_reop', ()) or (rng.random() < 0.5 and i not in cfg.get('forced_frac', ())):
                    rday = fday + rng.randint(4, 21)
                    if death_day is None or rday < death_day - 20:
                        sessions.append(make_session(rng, 2, rday, op1 + dt.timedelta(days=rday),
                                                     [flev], tech, cfg))
        # scores
        scores, missed, visits = {}, set(), {}
        for s in sessions:
            tps = cfg['tps1'] if s['no'] == 1 else cfg['tps2']
            all_tp = sorted({t for m in tps for t in tps[m]}, key=lambda t: TP_DAYS[t])
            nxt = sessions[1]['day'] if (s['no'] == 1 and len(sessions) > 1) else None
            for tp in all_tp:
                d = s['day'] + TP_DAYS[tp]
                jit = 0 if TP_DAYS[tp] < 30 else rng.randint(-6, 12)
                d = d + jit
                if nxt is not None and d >= nxt:
                    continue
                if death_day is not None and d >= death_day:
                    continue
                if op1 + dt.timedelta(days=d) > CUTOFF:
                    continue
                if tp not in ('pre', '24h') and rng.random() < cfg.get('miss_prob', 0.12):
                    missed.add((s['no'], tp))
                    continue
                visits[(s['no'], tp)] = d
            vas = score_path(rng, tps.get('pain_vas', []), 6, 9, 1, 4, 10)
            if cfg.get('vas_top', 10) == 100:
                vas = {t: max(0, min(100, v * 10 + rng.randint(-4, 4))) for t, v in vas.items()}
            odi = score_path(rng, tps.get('odi', []), 26, 40, 7, 19, 50)   # raw points 0-50
            mob = score_path(rng, tps.get('mobility', []), 1, 2, 3, 4, 4)
            for m, dd in (('pain_vas', vas), ('odi', odi), ('mobility', mob)):
                for tp, v in dd.items():
                    if (s['no'], tp) in visits:
                        scores[(s['no'], m, tp)] = v
        P.append({'i': i, 'detail': detail, 'etiology': etio, 'sex': sex, 'birth': birth,
                  'age': age, 'op1': op1, 'sessions': sessions, 'death_day': death_day,
                  'died': death_day is not None, 'fractures': fractures, 'scores': scores,
                  'missed': missed, 'visits': visits})
    return P


def fmt(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        return ('%.2f' % x).rstrip('0').rstrip('.')
    return str(x)


def write_csv(name, header, rows):
    os.makedirs(TRUTH, exist_ok=True)
    with open(os.path.join(TRUTH, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(x) for x in r])


def write_truth(P, per_vertebra, errors, identifiers, vas_div=1, cement_recorded=None,
                leak_recorded=None):
    """per_vertebra(p, s) -> True if the sheet gives a volume per vertebra for that session,
    False if it gives only the session total, None if no volume at all."""
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in P])
    rows = []
    for p in P:
        for s in p['sessions']:
            mode = per_vertebra(p, s)
            tot = round(sum(s['vols']), 1)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                ct = s['cement'] if (cement_recorded is None or cement_recorded(p, s)) else ''
                lr = lk if (leak_recorded is None or leak_recorded(p, s)) else ''
                rows.append([p['pid'], s['no'], s['day'], lv, s['technique'],
                             float(v) if mode is True else '', float(tot) if mode is False else '',
                             ct, lr])
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                                 'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                                 'leakage'], rows)
    rows = []
    mord = {'pain_vas': 0, 'odi': 1, 'mobility': 2}
    for p in P:
        for (sn, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], mord[kv[0][1]], TP_DAYS[kv[0][2]])):
            if m == 'pain_vas':
                val = float(v) / vas_div if vas_div != 1 else v
            elif m == 'odi':
                val = v * 2                       # raw points 0-50 -> percent
            else:
                val = v
            rows.append([p['pid'], sn, m, tp, val])
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'],
              [[p['pid'], d, lv] for p in P for d, lv in p['fractures']])
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                             'patient_id'], errors)
    seen, idrows = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v))
            idrows.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], idrows)


def d_of(p, day):
    return p['op1'] + dt.timedelta(days=day)
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Quetta: teaching hospital, neurosurgery. Urdu headers (right-to-left sheet), English
# clinical words; one row per treated vertebra; patient cells left blank (not merged)
# under the patient's first row; session cells only on the first row of the session.
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

SEED = 3205
CFG = {
    'tps1': {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'], 'odi': ['pre', '3m', '12m'],
             'mobility': ['pre', '1m', '3m']},
    'tps2': {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'], 'odi': ['pre', '3m', '12m'],
             'mobility': ['pre', '1m', '3m']},
    'kp_prob': 0.25, 'vol_step': 0.1, 'cap_prob': 0.0, 'miss_prob': 0.16,
    'forced_reop': (2, 9, 13), 'forced_frac': (6,), 'forced_death': (4,),
    'forced_detail': {4: 'mets_lung', 10: 'myeloma', 11: 'mets_breast'},
}
DIAG = {
    'osteoporosis': ['Osteoporotic #', 'Osteoporotic compression #', 'Senile osteoporosis #'],
    'mets_breast': ['Ca breast - mets'], 'mets_prostate': ['Ca prostate - mets'],
    'mets_lung': ['Ca lung - mets'], 'myeloma': ['Multiple myeloma'],
    'trauma': ['RTA - fall from motorbike', 'Fall from height (roof)'],
    'haemangioma': ['Vertebral haemangioma'],
}
FN_M = ['Abdul Ghani', 'Muhammad Akbar', 'Shah Jahan', 'Abdul Rahim', 'Gul Muhammad', 'Nazar Muhammad',
        'Sher Ali', 'Abdul Qadir', 'Muhammad Ishaq', 'Juma Khan']
FN_F = ['Bibi Gul', 'Zarghuna', 'Naseem Akhtar', 'Gul Bano', 'Shahida Bibi', 'Razia Sultana', 'Nasreen',
        'Mah Jabeen', 'Sakina Bibi', 'Zubaida']
TRIBE = ['Kakar', 'Achakzai', 'Baloch', 'Hazara', 'Tareen', 'Mengal', 'Kasi', 'Barech', 'Raisani', '']
FATHER = ['Abdul Wahid', 'Haji Noor Muhammad', 'Ghulam Haider', 'Muhammad Aslam', 'Haji Abdul Karim',
          'Sardar Khan', 'Ali Ahmed', 'Muhammad Yousaf']
LEAK = {'none': 'Nil', 'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral', 'epidural': 'Epidural'}


def lv_pk(lv):
    return 'D' + lv[1:] if lv.startswith('T') else lv


def pkd(d):
    return d.strftime('%d-%b-%Y')


def main():
    P = generate(SEED, 16, CFG)
    rng = random.Random(SEED + 1)
    idents = []
    used = set()
    for p in P:
        p['pid'] = 'QTA-%03d' % (p['i'] + 1)
        f = p['sex'] == 'female'
        while True:
            nm = (rng.choice(FN_F if f else FN_M) + ' ' + rng.choice(TRIBE)).strip()
            if nm not in used:
                used.add(nm)
                break
        p['name'] = nm
        p['rel'] = ('W/O ' if f and p['age'] > 30 and rng.random() < 0.7 else 'D/O ' if f else 'S/O ') + rng.choice(FATHER)
        p['cnic'] = '54400-%07d-%d' % (rng.randint(0, 9999999), rng.choice([2, 4, 6, 8]) if f else rng.choice([1, 3, 5, 7, 9]))
        p['mr'] = 'BMCH-%02d-%05d' % (p['op1'].year % 100, rng.randint(100, 39999))
        p['phone'] = rng.choice(['0300-', '0333-', '0345-', '0312-']) + '%07d' % rng.randint(0, 9999999)
        p['diag'] = rng.choice(DIAG[p['detail']])
        idents += [('name', p['name']), ('name', p['rel']), ('national_id', p['cnic']), ('record_number', p['mr']),
                   ('phone', p['phone'])]

    reop = [p for p in P if len(p['sessions']) > 1]
    e_date = reop[0]
    others = [p for p in P if p is not e_date]
    e_vol = next(p for p in others if any(2.0 <= v < 10 and v % 1 != 0 for v in p['sessions'][0]['vols']))
    e_vas = next(p for p in others if p is not e_vol and (1, 'pain_vas', 'pre') in p['scores']
                 and p['scores'][(1, 'pain_vas', 'pre')] >= 7 and len(p['sessions']) == 1)
    e_id = next(p for p in others if p not in (e_vol, e_vas) and len(p['sessions']) == 1)

    wb = Workbook()
    ws = wb.active
    ws.title = 'رجسٹر ورٹیبروپلاسٹی'
    ws.sheet_view.rightToLeft = True
    ws['A1'] = 'بولان میڈیکل کمپلیکس ہسپتال، کوئٹہ — شعبہ نیورو سرجری'
    ws['A2'] = 'Vertebroplasty (PVP) / Kyphoplasty (BKP) رجسٹر  2021 – 2023'
    ws['A3'] = 'ہر ورٹیبرا کی الگ قطار — مریض کی معلومات صرف پہلی قطار میں'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'].font = Font(bold=True, size=12)
    ws['A3'].font = Font(italic=True, size=10)
    H = ['نمبر شمار', 'مریض کوڈ', 'مریض کا نام', 'ولدیت / زوجیت', 'شناختی کارڈ نمبر', 'ایم آر نمبر', 'فون نمبر',
         'جنس', 'عمر (سال)', 'تشخیص', 'سیشن', 'تاریخ آپریشن', 'لیول', 'طریقہ', 'سیمنٹ (ml)', 'سیمنٹ کی قسم',
         'لیکیج', 'VAS آپریشن سے پہلے', 'VAS 24 گھنٹے', 'VAS 1 ماہ', 'VAS 3 ماہ', 'VAS 6 ماہ', 'VAS 12 ماہ',
         'ODI آپریشن سے پہلے (%)', 'ODI 3 ماہ (%)', 'ODI 12 ماہ (%)', 'Mobility آپریشن سے پہلے (0-4)',
         'Mobility 1 ماہ', 'Mobility 3 ماہ', 'نیا فریکچر', 'انتقال', 'ریمارکس']
    HR = 5
    for j, h in enumerate(H, 1):
        c = ws.cell(row=HR, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill('solid', fgColor='E2EFDA' if j <= 10 else 'FFF2CC' if j <= 17 else 'DDEBF7')
        c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
    col = {h: j for j, h in enumerate(H, 1)}
    SC = [('VAS آپریشن سے پہلے', 'pain_vas', 'pre'), ('VAS 24 گھنٹے', 'pain_vas', '24h'), ('VAS 1 ماہ', 'pain_vas', '1m'),
          ('VAS 3 ماہ', 'pain_vas', '3m'), ('VAS 6 ماہ', 'pain_vas', '6m'), ('VAS 12 ماہ', 'pain_vas', '12m'),
          ('ODI آپریشن سے پہلے (%)', 'odi', 'pre'), ('ODI 3 ماہ (%)', 'odi', '3m'), ('ODI 12 ماہ (%)', 'odi', '12m'),
          ('Mobility آپریشن سے پہلے (0-4)', 'mobility', 'pre'), ('Mobility 1 ماہ', 'mobility', '1m'),
          ('Mobility 3 ماہ', 'mobility', '3m')]
    errors = []
    r = HR + 1
    vol_done = False
    for p in P:
        f = p['sex'] == 'female'
        for s in p['sessions']:
            for k, (lv, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
                if s['no'] == 1 and k == 0:           # patient cells: first row only
                    ws.cell(row=r, column=col['نمبر شمار'], value=p['i'] + 1)
                    if p is e_id:
                        errors.append([ws.title, ws.cell(row=r, column=col['مریض کوڈ']).coordinate, r, 'مریض کوڈ', '',
                                       'patient code missing on the first row of this patient (serial no. %d); should be %s'
                                       % (p['i'] + 1, p['pid']), p['pid']])
                    else:
                        ws.cell(row=r, column=col['مریض کوڈ'], value=p['pid'])
                    ws.cell(row=r, column=col['مریض کا نام'], value=p['name'])
                    ws.cell(row=r, column=col['ولدیت / زوجیت'], value=p['rel'])
                    ws.cell(row=r, column=col['شناختی کارڈ نمبر'], value=p['cnic'])
                    ws.cell(row=r, column=col['ایم آر نمبر'], value=p['mr'])
                    ws.cell(row=r, column=col['فون نمبر'], value=p['phone'])
                    ws.cell(row=r, column=col['جنس'], value='F' if f else 'M')
                    ws.cell(row=r, column=col['عمر (سال)'], value=p['age'])
                    ws.cell(row=r, column=col['تشخیص'], value=p['diag'])
                    ws.cell(row=r, column=col['نیا فریکچر'], value='No' if not p['fractures'] else '; '.join(
                        '%s on %s' % (lv_pk(fl), pkd(d_of(p, fd))) for fd, fl in p['fractures']))
                    ws.cell(row=r, column=col['انتقال'], value=('Expired %s' % pkd(d_of(p, p['death_day'])))
                            if p['died'] else 'Alive')
                    rem = None
                    if len(p['sessions']) > 1:
                        rem = 'Redo for new # %s' % lv_pk(p['sessions'][1]['levels'][0])
                    elif p['fractures']:
                        rem = 'New # managed conservatively (brace)'
                    elif p['etiology'] == 'pathologic':
                        rem = rng.choice(['Referred to CENAR for RT', 'On chemo', 'Biopsy taken'])
                    ws.cell(row=r, column=col['ریمارکس'], value=rem)
                    for j in range(1, 11):
                        ws.cell(row=r, column=j).fill = PatternFill('solid', fgColor='F2F2F2')
                if k == 0:                              # session cells: first row of the session
                    ws.cell(row=r, column=col['سیشن'], value='1st' if s['no'] == 1 else '2nd (Redo)')
                    c = ws.cell(row=r, column=col['تاریخ آپریشن'], value=s['date'])
                    c.number_format = 'DD-MMM-YYYY'
                    if p is e_date and s['no'] == 2:
                        wrong = s['date'].replace(year=s['date'].year - 1)
                        c.value = wrong
                        errors.append([ws.title, c.coordinate, r, 'تاریخ آپریشن', pkd(wrong),
                                       '2nd (redo) operation dated before the first operation of %s; should be %s'
                                       % (pkd(p['op1']), pkd(s['date'])), p['pid']])
                    for h, m, tp in SC:
                        key = (s['no'], m, tp)
                        c = ws.cell(row=r, column=col[h])
                        if key in p['scores']:
                            val = p['scores'][key]
                            c.value = 2 * val if m == 'odi' else val
                            if p is e_vas and key == (1, 'pain_vas', 'pre'):
                                c.value = 15
                                errors.append([ws.title, c.coordinate, r, h, '15',
                                               'VAS 15 is outside the 0-10 scale (true %d)' % val, p['pid']])
                        elif (s['no'], tp) in p['missed']:
                            c.value = 'LFU' if rng.random() < 0.6 else 'missed'
                        elif p['died'] and s['day'] + TP_DAYS[tp] >= p['death_day']:
                            c.value = 'Expired'
                        elif s['no'] == 1 and len(p['sessions']) > 1 and TP_DAYS[tp] >= p['sessions'][1]['day']:
                            c.value = 'Redo'
                        elif (s['no'], tp) in p['visits']:
                            c.value = 'N/A'
                        else:
                            c.value = '-'
                        c.alignment = Alignment(horizontal='center')
                ws.cell(row=r, column=col['لیول'], value=lv_pk(lv))
                ws.cell(row=r, column=col['طریقہ'], value='PVP' if s['technique'] == 'vertebroplasty' else 'BKP')
                c = ws.cell(row=r, column=col['سیمنٹ (ml)'], value=v)
                if p is e_vol and s['no'] == 1 and not vol_done and 2.0 <= v < 10 and v % 1 != 0:
                    vol_done = True
                    c.value = int(round(v * 10))
                    errors.append([ws.title, c.coordinate, r, 'سیمنٹ (ml)', str(c.value),
                                   'cement %d ml for one vertebra (%s) is impossible (> 20 ml); decimal point lost, should be %.1f'
                                   % (c.value, lv_pk(lv), v), p['pid']])
                ws.cell(row=r, column=col['سیمنٹ کی قسم'], value='PMMA')
                ws.cell(row=r, column=col['لیکیج'], value=LEAK[lk])
                if s['no'] == 2:
                    for j in range(11, 30):
                        ws.cell(row=r, column=j).fill = PatternFill('solid', fgColor='FCE4D6')
                r += 1
    notes = ['نوٹ / Notes:',
             'D = Dorsal (D12 = T12). PVP = percutaneous vertebroplasty, BKP = balloon kyphoplasty. سیمنٹ (ml) = ہر ورٹیبرا کا الگ (per vertebra).',
             'VAS 0-10. ODI %. Mobility 0-4: 0 = bedridden, 1 = wheelchair, 2 = walker, 3 = stick, 4 = independent.',
             'LFU / missed = follow-up نہیں آیا. Expired = انتقال ہو گیا. Redo = دوسرا آپریشن ہوا، اس کے بعد کا follow-up "2nd (Redo)" والی قطار میں. "-" = ابھی وقت نہیں آیا. N/A = not filled.',
             'Follow-up کا وقت اسی سیشن کے آپریشن سے گنا جاتا ہے۔ عمر = پہلے آپریشن کے دن۔']
    for k, t in enumerate(notes):
        ws.cell(row=r + 1 + k, column=1, value=t).font = Font(italic=True, size=9)
    widths = [6, 10, 22, 26, 17, 15, 14, 5, 6, 24, 10, 13, 6, 6, 8, 8, 12] + [8] * 12 + [22, 20, 30]
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    wb.save(os.path.join(HERE, 'input.xlsx'))
    write_truth(P, lambda p, s: True, errors, idents)


if __name__ == '__main__':
    main()
