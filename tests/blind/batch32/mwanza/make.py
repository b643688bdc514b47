"""Writes input.xlsx (Mwanza VP/KP register typed from the paper book) and truth/*.csv. Run: python make.py"""
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
# Mwanza: zonal referral hospital, orthopaedics & spine. Swahili + English.
# A register typed from the paper book: one row per operation in date order, every
# value is text with units/words; a JUMLA (totals) row closes each month.
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

SEED = 3204
CFG = {
    'tps1': {'pain_vas': ['pre', '24h', '6w', '3m', '6m', '12m'], 'odi': ['pre', '3m']},
    'tps2': {'pain_vas': ['pre', '24h', '6w', '3m', '6m', '12m'], 'odi': ['pre', '3m']},
    'kp_prob': 0.05, 'vol_step': 0.5, 'cap_prob': 0.0, 'miss_prob': 0.2,
    'forced_reop': (3, 10), 'forced_frac': (7,), 'forced_death': (1, 5, 12),
    'forced_detail': {1: 'mets_prostate', 5: 'myeloma', 12: 'mets_breast', 14: 'trauma'},
}
MWEZI = ['JANUARI', 'FEBRUARI', 'MACHI', 'APRILI', 'MEI', 'JUNI', 'JULAI', 'AGOSTI', 'SEPTEMBA',
         'OKTOBA', 'NOVEMBA', 'DESEMBA']
DIAG = {
    'osteoporosis': ['osteoporosis', 'osteoporosis - mifupa dhaifu', 'osteoporotic # (kuanguka nyumbani)'],
    'mets_breast': ['saratani ya matiti (Ca breast) - mets'], 'mets_prostate': ['saratani ya tezi dume (Ca prostate) - mets'],
    'mets_lung': ['saratani ya mapafu - mets'], 'myeloma': ['multiple myeloma'],
    'trauma': ['ajali ya pikipiki (bodaboda) - trauma', 'kuanguka kutoka mtini (fall) - trauma'],
    'haemangioma': ['hemangioma'],
}
SUR = ['Kulwa', 'Masanja', 'Shija', 'Mwita', 'Nyanda', 'Magesa', 'Bundala', 'Luhende', 'Ngassa',
       'Said', 'Salum', 'Mabula', 'Kija', 'Maduhu', 'Nkwabi', 'Charles']
FN_M = ['Paulo', 'Juma', 'Joseph', 'Daudi', 'Hamisi', 'Emmanuel', 'Petro', 'Yohana', 'Mussa', 'Simon']
FN_F = ['Maria', 'Neema', 'Elizabeth', 'Rehema', 'Agnes', 'Fatuma', 'Rose', 'Esther', 'Mwajuma', 'Anastazia']
LEAK = {'disc': 'diski', 'venous': 'mshipa wa damu (venous)', 'paravertebral': 'nje pembeni (paravertebral)',
        'epidural': 'epidural'}


def tzd(d):
    return d.strftime('%d/%m/%Y')


def ml(v):
    return ('ml %.1f' % v).replace('.0', '') if v % 1 == 0 else 'ml %.1f' % v


def main():
    P = generate(SEED, 16, CFG)
    rng = random.Random(SEED + 1)
    idents = []
    used = set()
    for p in P:
        p['pid'] = 'MWZ-%02d' % (p['i'] + 1)
        f = p['sex'] == 'female'
        while True:
            p['name'] = '%s %s' % (rng.choice(FN_F if f else FN_M), rng.choice(SUR))
            if p['name'] not in used:
                used.add(p['name'])
                break
        if rng.random() < 0.3:
            p['name'] = p['name'].upper()
        p['ip'] = 'BMC/IP/%d/%05d' % (p['op1'].year, rng.randint(100, 29999))
        p['phone'] = rng.choice(['0754 ', '0767 ', '0688 ', '0713 ', '0620 ']) + '%03d %03d' % (rng.randint(0, 999), rng.randint(0, 999))
        p['diag'] = rng.choice(DIAG[p['detail']])
        idents += [('name', p['name']), ('record_number', p['ip']), ('phone', p['phone'])]
        for s in p['sessions']:
            s['per_vert'] = len(s['levels']) == 1 or rng.random() < 0.7
            s['cem_rec'] = rng.random() < 0.8

    reop = [p for p in P if len(p['sessions']) > 1]
    e_id = reop[-1]
    single = [p for p in P if len(p['sessions']) == 1]
    e_vol = next(p for p in single if p['sessions'][0]['per_vert'] and p['sessions'][0]['vols'][0] % 1 == 0.5
                 and p['sessions'][0]['vols'][0] >= 2.5)
    e_vas = next(p for p in single if p is not e_vol and (1, 'pain_vas', '24h') in p['scores'])
    e_lvl = next(p for p in single if p not in (e_vol, e_vas) and p['sessions'][0]['levels'][-1] in ('L4', 'L5', 'L3'))

    wb = Workbook()
    ws = wb.active
    ws.title = 'REJISTA'
    ws['A1'] = 'BUGANDO MEDICAL CENTRE – MWANZA'
    ws['A2'] = 'IDARA YA UPASUAJI – KITENGO CHA MIFUPA NA UTI WA MGONGO (Orthopaedics & Spine Unit)'
    ws['A3'] = 'REJISTA YA VERTEBROPLASTY / KYPHOPLASTY 2021 – 2023  (imechapwa kutoka kitabu cha rejista / typed from the register book)'
    for a in ('A1', 'A2', 'A3'):
        ws[a].font = Font(bold=True)
    H = ['Na.', 'Tarehe ya upasuaji / Date of op', 'Namba ya utafiti / Study No.', 'Namba ya jalada / IP No.',
         'Jina la mgonjwa / Name', 'Umri / Age', 'Jinsia / Sex', 'Simu / Phone', 'Utambuzi / Diagnosis',
         'Upasuaji / Procedure', 'Pingili / Level', 'Saruji / Cement', 'Aina ya saruji / Cement type',
         'Kuvuja kwa saruji / Leak', 'Maumivu kabla / VAS pre', 'Maumivu saa 24 / VAS 24h',
         'Maumivu wiki 6 / VAS 6wk', 'Maumivu miezi 3 / VAS 3m', 'Maumivu miezi 6 / VAS 6m',
         'Maumivu miezi 12 / VAS 12m', 'ODI kabla / pre', 'ODI miezi 3 / 3m', 'Hali / Status', 'Maelezo / Remarks']
    HR = 5
    for j, h in enumerate(H, 1):
        c = ws.cell(row=HR, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill('solid', fgColor='E2EFDA')
        c.alignment = Alignment(wrap_text=True, vertical='center')
    col = {h: j for j, h in enumerate(H, 1)}
    rows = []
    for p in P:
        for s in p['sessions']:
            rows.append((s['date'], p, s))
    rows.sort(key=lambda x: (x[0], x[1]['i']))
    errors = []
    r = HR + 1
    n = 0
    month_rows = []

    def put(h, v, rr=None):
        c = ws.cell(row=rr or r, column=col[h], value=None if v is None else str(v))
        c.number_format = '@'
        return c

    def jumla(ym, mrows):
        nonlocal r
        y, m = ym
        put('Tarehe ya upasuaji / Date of op', 'JUMLA %s %d' % (MWEZI[m - 1], y))
        put('Jina la mgonjwa / Name', 'wagonjwa %d' % len({id(p) for p, s in mrows}))
        put('Pingili / Level', 'pingili %d' % sum(len(s['levels']) for p, s in mrows))
        tot = sum(sum(s['vols']) for p, s in mrows)
        put('Saruji / Cement', 'ml %.1f' % tot)
        put('Upasuaji / Procedure', 'VP %d, KP %d' % (sum(s['technique'] == 'vertebroplasty' for p, s in mrows),
                                                      sum(s['technique'] == 'kyphoplasty' for p, s in mrows)))
        for j in range(1, len(H) + 1):
            ws.cell(row=r, column=j).fill = PatternFill('solid', fgColor='D9D9D9')
            ws.cell(row=r, column=j).font = Font(bold=True)
        r += 1

    cur = None
    for date, p, s in rows:
        ym = (date.year, date.month)
        if cur is not None and ym != cur:
            jumla(cur, month_rows)
            month_rows = []
        cur = ym
        month_rows.append((p, s))
        n += 1
        f = p['sex'] == 'female'
        first = s['no'] == 1
        age_now = date.year - p['birth'].year - ((date.month, date.day) < (p['birth'].month, p['birth'].day))
        put('Na.', n)
        put('Tarehe ya upasuaji / Date of op', tzd(date))
        if p is e_id and not first:
            errors.append([ws.title, ws.cell(row=r, column=col['Namba ya utafiti / Study No.']).coordinate, r,
                           'Namba ya utafiti / Study No.', '',
                           'study number missing on the repeat-operation row (same IP No. and name as the first row of %s)'
                           % p['pid'], p['pid']])
        else:
            put('Namba ya utafiti / Study No.', p['pid'])
        put('Namba ya jalada / IP No.', p['ip'])
        put('Jina la mgonjwa / Name', p['name'])
        put('Umri / Age', 'miaka %d' % age_now)
        put('Jinsia / Sex', 'KE' if f else 'ME')
        put('Simu / Phone', p['phone'] if first else 'kama juu')
        put('Utambuzi / Diagnosis', p['diag'] if first else p['diag'] + ' - kuvunjika kupya')
        put('Upasuaji / Procedure', ('VP' if s['technique'] == 'vertebroplasty' else 'KP') + ('' if first else ' - marudio (repeat)'))
        lv = ', '.join(s['levels'])
        if p is e_lvl:
            lv = ', '.join(s['levels'][:-1] + ['L7'])
            errors.append([ws.title, ws.cell(row=r, column=col['Pingili / Level']).coordinate, r, 'Pingili / Level', lv,
                           'impossible level L7 (lumbar L1-L5); should be %s' % s['levels'][-1], p['pid']])
        put('Pingili / Level', lv)
        if s['per_vert']:
            parts = [ml(v) for v in s['vols']]
            if p is e_vol:
                parts[0] = 'ml %d' % round(s['vols'][0] * 10)
            cem = ', '.join(parts)
        else:
            cem = 'jumla ml %.1f' % sum(s['vols'])
        c = put('Saruji / Cement', cem)
        if p is e_vol:
            errors.append([ws.title, c.coordinate, r, 'Saruji / Cement', cem,
                           'cement %s for one vertebra (%s) is impossible (> 20 mL), decimal point lost; should be %s'
                           % (parts[0], s['levels'][0], ml(s['vols'][0])), p['pid']])
        put('Aina ya saruji / Cement type', 'PMMA' if s['cem_rec'] else '-')
        leaks = [(l, k) for l, k in zip(s['levels'], s['leaks']) if k != 'none']
        put('Kuvuja kwa saruji / Leak', 'hapana' if not leaks else 'ndiyo - ' + ', '.join('%s (%s)' % (LEAK[k], l) for l, k in leaks))
        for h, tp in (('Maumivu kabla / VAS pre', 'pre'), ('Maumivu saa 24 / VAS 24h', '24h'),
                      ('Maumivu wiki 6 / VAS 6wk', '6w'), ('Maumivu miezi 3 / VAS 3m', '3m'),
                      ('Maumivu miezi 6 / VAS 6m', '6m'), ('Maumivu miezi 12 / VAS 12m', '12m'),
                      ('ODI kabla / pre', 'pre'), ('ODI miezi 3 / 3m', '3m')):
            m = 'odi' if h.startswith('ODI') else 'pain_vas'
            key = (s['no'], m, tp)
            if key in p['scores']:
                v = p['scores'][key]
                txt = '%d/10' % v if m == 'pain_vas' else 'ODI %d%%' % (2 * v)
                if p is e_vas and key == (1, 'pain_vas', '24h'):
                    txt = '12/10'
                    errors.append([ws.title, ws.cell(row=r, column=col[h]).coordinate, r, h, txt,
                                   'pain score 12/10 is outside the 0-10 scale (true %d/10)' % v, p['pid']])
            elif (s['no'], tp) in p['missed']:
                txt = 'hakuja'
            elif p['died'] and s['day'] + TP_DAYS[tp] >= p['death_day']:
                txt = 'alifariki'
            elif first and len(p['sessions']) > 1 and TP_DAYS[tp] >= p['sessions'][1]['day']:
                txt = 'tazama marudio'
            else:
                txt = '-'
            put(h, txt)
        if first:
            put('Hali / Status', 'alifariki %s' % tzd(d_of(p, p['death_day'])) if p['died'] else 'hai')
        else:
            put('Hali / Status', 'kama juu')
        rem = []
        if first and p['fractures']:
            fd, fl = p['fractures'][0]
            rem.append('kuvunjika kupya %s tarehe %s' % (fl, tzd(d_of(p, fd))))
            rem.append('amerudi kwa marudio' if len(p['sessions']) > 1 else 'corset, dawa za maumivu')
        if not first:
            rem.append('marudio ya mgonjwa wa %s' % tzd(p['op1']))
        if p['etiology'] == 'pathologic' and first:
            rem.append(rng.choice(['amepelekwa oncology (ORCI)', 'radiotherapy baadae', 'chemo inaendelea']))
        put('Maelezo / Remarks', '; '.join(rem) if rem else None)
        r += 1
    jumla(cur, month_rows)
    notes = ['MAELEZO / KEY:',
             'Umri = miaka (years) siku ya upasuaji. Jinsia: ME = mwanaume (male), KE = mwanamke (female).',
             'Maumivu = pain score 0-10 (x/10). ODI = Oswestry %. Saruji = cement: "ml 3.5, ml 4" ni kwa kila pingili (per vertebra, same order as Pingili); "jumla ml" = total only.',
             'hakuja = did not come for review; alifariki = died; tazama marudio = see the repeat-operation row; - = not due / not recorded.',
             'Kuvuja: hapana = no leak; ndiyo = leak (type, level). Aina ya saruji "-" = not written in the book.',
             'JUMLA = monthly totals from the book (not patients). Follow-up times of a marudio row are counted from the repeat operation.']
    for k, t in enumerate(notes):
        ws.cell(row=r + 1 + k, column=1, value=t).font = Font(italic=True, size=9)
    widths = [4, 13, 11, 17, 22, 9, 6, 13, 30, 16, 11, 17, 9, 28] + [9] * 8 + [19, 40]
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    wb.save(os.path.join(HERE, 'input.xlsx'))
    write_truth(P, lambda p, s: s['per_vert'], errors, idents, cement_recorded=lambda p, s: s['cem_rec'])


if __name__ == '__main__':
    main()
