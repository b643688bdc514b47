import sys, os, csv, datetime as dt
import numpy as np
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

ALL_LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
              + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 180, '12m': 365, '24m': 730}
LEAK_SITES = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def pick_levels(rng, k, exclude=()):
    cand = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
    w = np.array([1, 1, 2, 2, 2, 3, 5, 8, 8, 5, 3, 2, 1], float)
    for _ in range(200):
        i = int(rng.choice(len(cand), p=w / w.sum()))
        i = min(i, len(cand) - k)
        lv = cand[i:i + k]
        if not set(lv) & set(exclude):
            return lv
    raise RuntimeError('levels')


def neighbour_level(rng, used):
    idx = sorted(ALL_LEVELS.index(u) for u in used)
    opts = [ALL_LEVELS[j] for j in (idx[0] - 1, idx[0] - 2, idx[-1] + 1, idx[-1] + 2)
            if 8 <= j < len(ALL_LEVELS) - 1 and ALL_LEVELS[j] not in used]
    return opts[int(rng.integers(len(opts)))]


def gen_patients(rng, ids, cfg):
    """cfg keys: start (date), techniques (list,probs), cements (list of truth types, probs),
    tps1 (follow-up timepoints for session 1), tps2 (for session 2 or []),
    measures (list), p_second, p_fracture, p_died, p_attend, vol_range"""
    pats = []
    for pid in ids:
        p = {'pid': pid}
        et = rng.choice(['osteoporotic', 'pathologic', 'traumatic'], p=cfg.get('et_p', [0.7, 0.2, 0.1]))
        p['etiology'] = str(et)
        p['sex'] = 'female' if rng.random() < (0.72 if et == 'osteoporotic' else 0.45) else 'male'
        p['age'] = int(rng.integers(58, 91) if et == 'osteoporotic' else rng.integers(38, 80))
        d1 = cfg['start'] + dt.timedelta(days=int(rng.integers(0, 600)))
        if d1.weekday() >= 5:
            d1 += dt.timedelta(days=7 - d1.weekday())
        p['date1'] = d1
        p['birth'] = d1 - dt.timedelta(days=int(p['age'] * 365.25 + rng.integers(10, 350)))
        k = int(rng.choice([1, 2, 3], p=[0.55, 0.33, 0.12]))
        tech = str(rng.choice(cfg['techniques'], p=cfg['tech_p']))
        cem = str(rng.choice(cfg['cements'], p=cfg['cem_p']))
        s1 = make_session(rng, 1, 0, pick_levels(rng, k), tech, cem, cfg)
        p['sessions'] = [s1]
        used = list(s1['levels'])
        p['died'] = 'yes' if rng.random() < cfg.get('p_died', 0.12) else 'no'
        death_day = int(rng.integers(60, 400)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        if rng.random() < cfg.get('p_second', 0.2) and death_day > 150:
            day2 = int(rng.integers(21, 130))
            lv2 = [neighbour_level(rng, used)]
            used += lv2
            s2 = make_session(rng, 2, day2, lv2, tech, cem, cfg)
            p['sessions'].append(s2)
        p['fractures'] = []
        if rng.random() < cfg.get('p_fracture', 0.15):
            fd = int(rng.integers(25, min(death_day, 340)))
            p['fractures'].append((fd, neighbour_level(rng, used)))
        # assessments
        p['assess'] = {}
        for s in p['sessions']:
            tps = cfg['tps1'] if s['session'] == 1 else cfg['tps2']
            pre = float(rng.integers(6, 11))
            odi = float(rng.integers(45, 85))
            for tp in tps:
                absday = s['day'] + TP_DAYS[tp]
                if absday >= death_day:
                    continue
                if tp != 'pre' and rng.random() > cfg.get('p_attend', 0.85):
                    continue
                frac = {'pre': 1, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4,
                        '3m': 0.35, '6m': 0.3, '12m': 0.3, '24m': 0.3}[tp]
                if 'pain_vas' in cfg['measures']:
                    v = pre if tp == 'pre' else max(0, round(pre * frac + rng.normal(0, 1.2)))
                    p['assess'][(s['session'], 'pain_vas', tp)] = float(v)
                if 'odi' in cfg['measures'] and tp in cfg.get('odi_tps', tps):
                    v = odi if tp == 'pre' else max(4, round(odi * (frac + 0.15) + rng.normal(0, 6)))
                    p['assess'][(s['session'], 'odi', tp)] = float(v)
                if 'mobility' in cfg['measures'] and tp in cfg.get('mob_tps', tps):
                    base = int(rng.integers(1, 3))
                    v = base if tp == 'pre' else min(4, base + int(rng.integers(0, 3)))
                    p['assess'][(s['session'], 'mobility', tp)] = float(v)
        pats.append(p)
    return pats


def make_session(rng, sno, day, levels, tech, cem, cfg):
    lo, hi = cfg.get('vol_range', (2.0, 6.0))
    vols = [float(round(rng.uniform(lo, hi) * 2) / 2) for _ in levels]
    leaks = []
    for _ in levels:
        if rng.random() < cfg.get('p_leak', 0.22):
            leaks.append(str(rng.choice(LEAK_SITES[:cfg.get('n_leak_sites', 5)],
                                        p=None)))
        else:
            leaks.append('none')
    return {'session': sno, 'day': day, 'levels': levels, 'technique': tech, 'vols': vols,
            'total': float(sum(vols)), 'cement': cem, 'leaks': leaks}


def fmtnum(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%g' % v)


def write_truth(outdir, pats, errors, identifiers, vol_mode, sex_rec=True, age_rec=True,
                et_rec=True, died_rec=True):
    """vol_mode(p, s) -> 'level' or 'session' or None"""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if sex_rec else '', p['age'] if age_rec else '',
        p['etiology'] if et_rec else '', p['died'] if died_rec else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], s['session'], s['day'], lv, s['technique'],
                             fmtnum(v) if mode == 'level' else '',
                             fmtnum(s['total']) if mode == 'session' else '',
                             s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = list(TP_DAYS)
    for p in pats:
        for (sno, m, tp), v in sorted(p['assess'].items(), key=lambda x: (x[0][0], x[0][1], order.index(x[0][2]))):
            rows.append([p['pid'], sno, m, tp, fmtnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pats for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def addr(r, c):
    return '%s%d' % (get_column_letter(c), r)

# ---------------------------------------------------------------- Yangon
MY = str.maketrans('0123456789', '၀၁၂၃၄၅၆၇၈၉')
TECH = {'vertebroplasty': 'PVP', 'kyphoplasty': 'PKP'}
NAMES_F = ['Daw Khin Myint', 'Daw Aye Aye Mar', 'Daw Tin Tin Win', 'Daw Mya Sein', 'Daw San San Nwe',
           'Daw Nu Nu Yi', 'Daw Thida Oo', 'Daw Cho Cho Lwin', 'Daw Hla Hla Htay', 'Daw Kyi Kyi Than',
           'Daw Myint Myint Aye', 'Daw Ohn Mar', 'Daw Yin Yin Kyaw', 'Daw Than Than Sint', 'Daw Khin Sabai']
NAMES_M = ['U Tun Aung', 'U Myo Min', 'U Kyaw Swe', 'U Zaw Win', 'U Than Htike', 'U Soe Naing',
           'U Aung Kyaw Moe', 'U Win Naing', 'U Hla Myint', 'U Maung Maung Lay']
VIS = [('pre', 'NRS\nခွဲစိတ်မီ (pre-op)'), ('1w', 'NRS\n၁ ပတ် (1 wk)'), ('1m', 'NRS\n၁ လ (1 mo)'),
       ('6m', 'NRS\n၆ လ (6 mo)')]
MOB = [('pre', 'လမ်းလျှောက်နိုင်မှု\nAmbulation (pre)'), ('1m', 'လမ်းလျှောက်နိုင်မှု\nAmbulation (1 mo)')]


def mon(d):
    return d.strftime('%d-%b-%Y')


def main(outdir):
    rng = np.random.default_rng(7303)
    n = 21
    ids = ['YGN-VP-%02d' % i for i in range(1, n + 1)]
    cfg = dict(start=dt.date(2022, 1, 10), techniques=['vertebroplasty', 'kyphoplasty'], tech_p=[0.8, 0.2],
               cements=['PMMA'], cem_p=[1.0], tps1=['pre', '1w', '1m', '6m'], tps2=[],
               measures=['pain_vas', 'mobility'], mob_tps=['pre', '1m'], p_second=0.15,
               p_fracture=0.15, p_died=0.12, p_attend=0.8, n_leak_sites=3)
    pats = gen_patients(rng, ids, cfg)
    identifiers = []
    wb = Workbook()
    ws = wb.active
    ws.title = 'VP register'
    ws['A1'] = 'ရန်ကုန် ရွှေတိဂုံ အထွေထွေဆေးရုံ (Shwedagon General Hospital, Yangon) — Orthopaedic Spine Unit'
    ws['A2'] = 'ကျောရိုးအဆစ်ထဲ ဘိလပ်မြေထိုးခြင်း မှတ်တမ်း  /  Vertebroplasty register 2022-2023'
    ws['A1'].font = Font(bold=True, size=13)
    heads = ['စဉ်\nSr.', 'လူနာအမှတ်\nStudy No.', 'အမည်\nName', 'ဆေးရုံမှတ်ပုံတင်\nHosp. No.',
             'ကျား/မ\nSex', 'အသက်\nAge', 'ရောဂါအကြောင်းရင်း\nCause',
             'ခွဲစိတ်သည့်နေ့\nDate of op', 'နည်းလမ်း\nProcedure', 'ဘိလပ်မြေ\nCement',
             'ကျောရိုးအဆစ် ၁\nLevel 1', 'ပမာဏ ၁ (ml)\nVol 1', 'ကျောရိုးအဆစ် ၂\nLevel 2', 'ပမာဏ ၂ (ml)\nVol 2',
             'ကျောရိုးအဆစ် ၃\nLevel 3', 'ပမာဏ ၃ (ml)\nVol 3', 'ယိုစိမ့်မှု\nCement leak'] \
        + [v[1] for v in VIS] + [m[1] for m in MOB] + \
        ['ဒုတိယအကြိမ် ခွဲစိတ်သည့်နေ့\n2nd op date', 'ဒုတိယ အဆစ်\n2nd op level', 'ဒုတိယ ပမာဏ\n2nd op vol (ml)',
         'ကျိုးအသစ်\nNew fracture', 'နောက်ဆုံးစစ်ဆေးသည့်နေ့\nLast FU date', 'ရလဒ်\nOutcome', 'မှတ်ချက်\nRemarks']
    HR = 4
    col = {}
    for c, h in enumerate(heads, 1):
        cell = ws.cell(HR, c, h)
        col[h.split('\n')[-1]] = c
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
        cell.fill = PatternFill('solid', fgColor='E2EFDA')
    ws.row_dimensions[HR].height = 45
    errors = []
    rows_of = {}
    r = HR + 1
    lastfu = {}
    for i, p in enumerate(pats):
        rows_of[p['pid']] = r
        name = str(rng.choice(NAMES_F if p['sex'] == 'female' else NAMES_M))
        hosp = 'SGH/%d/%04d' % (p['date1'].year % 100, int(rng.integers(100, 9999)))
        identifiers += [['name', name], ['record_number', hosp]]
        s = p['sessions'][0]
        ws.cell(r, col['Sr.'], i + 1 if i % 4 else str(i + 1).translate(MY))
        ws.cell(r, col['Study No.'], p['pid'])
        ws.cell(r, col['Name'], name)
        ws.cell(r, col['Hosp. No.'], hosp)
        ws.cell(r, col['Sex'], 'မ' if p['sex'] == 'female' else 'ကျား')
        ws.cell(r, col['Age'], str(p['age']).translate(MY) if i % 3 == 0 else p['age'])
        if p['etiology'] == 'osteoporotic':
            cause = str(rng.choice(['Osteoporosis', 'OP fracture', 'အရိုးပွ (osteoporosis)']))
        elif p['etiology'] == 'pathologic':
            cause = str(rng.choice(['Metastasis (Ca breast)', 'Multiple myeloma', 'Secondaries (Ca lung)']))
        else:
            cause = str(rng.choice(['Trauma (fall)', 'RTA']))
        ws.cell(r, col['Cause'], cause)
        d = p['date1']
        if i % 3 == 0:
            ws.cell(r, col['Date of op'], mon(d))
        elif i % 3 == 1:
            ws.cell(r, col['Date of op'], d).number_format = 'DD/MM/YYYY'
        else:
            ws.cell(r, col['Date of op'], ('%d.%d.%d' % (d.day, d.month, d.year)).translate(MY))
        ws.cell(r, col['Procedure'], TECH[s['technique']])
        ws.cell(r, col['Cement'], 'PMMA' if i % 2 else 'Mendec Spine')
        for k, (lv, v) in enumerate(zip(s['levels'], s['vols']), 1):
            ws.cell(r, col['Level %d' % k], lv)
            if i % 5 == 2:
                ws.cell(r, col['Vol %d' % k], fmtnum(v).translate(MY))
            elif i % 5 == 4:
                ws.cell(r, col['Vol %d' % k], '%s ml' % fmtnum(v))
            else:
                ws.cell(r, col['Vol %d' % k], v)
        lk1 = [(lv, x) for lv, x in zip(s['levels'], s['leaks']) if x != 'none']
        if not lk1:
            ws.cell(r, col['Cement leak'], 'မရှိ')
        else:
            ws.cell(r, col['Cement leak'], 'ရှိ - ' + ', '.join('%s (%s)' % (x, lv) for lv, x in lk1))
        for tp, h in VIS:
            cc = col[h.split('\n')[-1]]
            v = p['assess'].get((1, 'pain_vas', tp))
            if v is not None:
                ws.cell(r, cc, fmtnum(v).translate(MY) if (i + cc) % 4 == 0 else int(v))
            elif TP_DAYS[tp] < p['death_day'] and (i + cc) % 3 != 0:
                ws.cell(r, cc, 'မလာ')
        for tp, h in MOB:
            cc = col[h.split('\n')[-1]]
            v = p['assess'].get((1, 'mobility', tp))
            if v is not None:
                ws.cell(r, cc, int(v))
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            d2 = p['date1'] + dt.timedelta(days=s2['day'])
            ws.cell(r, col['2nd op date'], mon(d2) if i % 2 else d2)
            if not i % 2:
                ws.cell(r, col['2nd op date']).number_format = 'DD/MM/YYYY'
            ws.cell(r, col['2nd op level'], s2['levels'][0])
            ws.cell(r, col['2nd op vol (ml)'], s2['vols'][0])
            rem = '2nd op %s, PMMA, %s' % (TECH[s2['technique']], 'no leak' if s2['leaks'][0] == 'none'
                                           else 'leak %s at %s' % (s2['leaks'][0], s2['levels'][0]))
            ws.cell(r, col['Remarks'], rem)
        if p['fractures']:
            fd, fl = p['fractures'][0]
            ws.cell(r, col['New fracture'], '%s (%s)' % (fl, mon(p['date1'] + dt.timedelta(days=fd))))
        else:
            ws.cell(r, col['New fracture'], '-')
        seen = [TP_DAYS[tp] for (sn, m, tp) in p['assess'] if sn == 1]
        lfu = max(seen + [f[0] for f in p['fractures']])
        lastfu[p['pid']] = lfu
        if lfu > 0:
            ws.cell(r, col['Last FU date'], p['date1'] + dt.timedelta(days=lfu)).number_format = 'DD/MM/YYYY'
        if p['died'] == 'yes':
            dd = p['date1'] + dt.timedelta(days=p['death_day'])
            ws.cell(r, col['Outcome'], 'သေဆုံး (died %s)' % dd.strftime('%b %Y'))
        else:
            ws.cell(r, col['Outcome'], 'Alive' if i % 2 else 'အသက်ရှင် (alive)')
        r += 1
    ws.cell(r + 1, 1, 'NRS = 0-10 pain score.  Ambulation: 1 = bedridden, 2 = wheelchair, 3 = walks with aid, '
                      '4 = walks independently.  မလာ = did not come for follow-up.  Blank = not recorded.')
    ws.cell(r + 2, 1, 'PVP = percutaneous vertebroplasty, PKP = percutaneous (balloon) kyphoplasty. Mendec Spine = PMMA.')
    sh = ws.title
    # errors
    p = pats[4]; row = rows_of[p['pid']]; cc = col['Level 1']
    ws.cell(row, cc, 'L7')
    errors.append([sh, addr(row, cc), row, 'ကျောရိုးအဆစ် ၁\nLevel 1', 'L7', 'impossible level L7', p['pid']])
    p = next(q for q in pats[7:] if (1, 'pain_vas', '1w') in q['assess']); row = rows_of[p['pid']]
    cc = col[VIS[1][1].split('\n')[-1]]
    ws.cell(row, cc, '၁၅')
    errors.append([sh, addr(row, cc), row, VIS[1][1], '၁၅', 'pain 15 on a 0-10 NRS', p['pid']])
    p = next(q for q in pats[10:] if lastfu[q['pid']] > 60); row = rows_of[p['pid']]; cc = col['Last FU date']
    bad = p['date1'] - dt.timedelta(days=40)
    ws.cell(row, cc, bad).number_format = 'DD/MM/YYYY'
    errors.append([sh, addr(row, cc), row, 'နောက်ဆုံးစစ်ဆေးသည့်နေ့\nLast FU date', bad.strftime('%d/%m/%Y'),
                   'last follow-up date is before the procedure date', p['pid']])
    p = pats[14]; row = rows_of[p['pid']]; cc = col['Vol 1']
    ws.cell(row, cc, 'ok')
    errors.append([sh, addr(row, cc), row, 'ပမာဏ ၁ (ml)\nVol 1', 'ok', 'meaningless text in the cement volume column', p['pid']])
    p = pats[18]; row = rows_of[p['pid']]; cc = col['Vol 1']
    ws.cell(row, cc, 40)
    errors.append([sh, addr(row, cc), row, 'ပမာဏ ၁ (ml)\nVol 1', '40', 'implausible 40 mL cement in one vertebra', p['pid']])
    for c in range(1, len(heads) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12
    ws.column_dimensions['C'].width = 20
    ws.freeze_panes = ws.cell(HR + 1, 3)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, identifiers, lambda p, s: 'level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
