"""Writes input.xlsx (Turku VP/KP follow-up, one sheet per measure) and truth/*.csv. Run: python make.py"""
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
# Turku: university hospital, spine surgery / neurosurgery. Finnish + Swedish headers.
# One sheet per measure: Potilaat, VAS (mm), ODI (%), Toimenpiteet (one row per vertebra).
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

SEED = 3202
CFG = {
    'tps1': {'pain_vas': ['pre', '1w', '6w', '3m', '6m', '12m'], 'odi': ['pre', '6w', '3m', '12m']},
    'tps2': {'pain_vas': ['pre', '6w', '3m', '12m'], 'odi': ['pre', '3m']},
    'vas_top': 100, 'kp_prob': 0.45, 'vol_step': 0.1, 'cap_prob': 0.08, 'miss_prob': 0.13,
    'forced_reop': (3, 9), 'forced_frac': (12,), 'forced_death': (6, 15),
    'forced_detail': {1: 'mets_breast', 6: 'myeloma', 11: 'mets_lung', 15: 'mets_prostate'},
}
DIAG = {
    'osteoporosis': ['osteoporoottinen murtuma', 'osteoporoosi', 'osteoporoottinen kompressiomurtuma'],
    'mets_breast': ['rintasyövän etäpesäke / bröstcancermetastas'], 'mets_prostate': ['eturauhassyövän metastaasi'],
    'mets_lung': ['keuhkosyövän metastaasi'], 'myeloma': ['myelooma', 'multippeli myelooma'],
    'trauma': ['trauma (kaatuminen)', 'trauma, liikenneonnettomuus'],
    'haemangioma': ['hemangiooma (aggressiivinen)'],
}
SUR = ['Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Lindholm', 'Heikkinen', 'Laine', 'Koskinen',
       'Järvinen', 'Lehtonen', 'Salminen', 'Nyström', 'Saarinen', 'Aalto', 'Grönroos', 'Lindqvist']
FN_M = ['Matti', 'Kari', 'Pekka', 'Juhani', 'Erkki', 'Lars', 'Mikael', 'Timo', 'Heikki', 'Seppo']
FN_F = ['Aino', 'Ritva', 'Marjatta', 'Anneli', 'Helena', 'Britt', 'Eeva', 'Leena', 'Pirkko', 'Kristina']
HETU_CHK = '0123456789ABCDEFHJKLMNPRSTUVWXY'
LEAK = {'none': 'ei', 'disc': 'välilevy / disk', 'venous': 'laskimo / ven', 'paravertebral': 'paravertebraalinen',
        'epidural': 'epiduraalinen'}


def hetu(b, female, rng):
    n = rng.randint(2, 899)
    if (n % 2 == 0) != female:
        n += 1
    base = int('%02d%02d%02d%03d' % (b.day, b.month, b.year % 100, n))
    return '%02d%02d%02d-%03d%s' % (b.day, b.month, b.year % 100, n, HETU_CHK[base % 31])


def lv_fi(lv):
    return 'Th' + lv[1:] if lv.startswith('T') else lv


def fdate(d):
    return '%d.%d.%d' % (d.day, d.month, d.year)


def main():
    P = generate(SEED, 18, CFG)
    rng = random.Random(SEED + 1)
    # ODI at 6 weeks was only added to the protocol from 1.1.2022
    for p in P:
        if p['op1'] < dt.date(2022, 1, 1):
            p['scores'].pop((1, 'odi', '6w'), None)
    idents = []
    for p in P:
        p['pid'] = 'TKU-%03d' % (p['i'] + 1)
        f = p['sex'] == 'female'
        p['name'] = '%s %s' % (rng.choice(SUR), rng.choice(FN_F if f else FN_M))
        p['hetu'] = hetu(p['birth'], f, rng)
        p['phone'] = rng.choice(['040 ', '050 ', '044 ']) + '%03d %04d' % (rng.randint(100, 999), rng.randint(0, 9999))
        p['diag'] = rng.choice(DIAG[p['detail']])
        idents += [('name', p['name']), ('national_id', p['hetu']), ('phone', p['phone'])]

    single = [p for p in P if len(p['sessions']) == 1]
    e_vas = next(p for p in single if (1, 'pain_vas', 'pre') in p['scores'] and p['scores'][(1, 'pain_vas', 'pre')] >= 80)
    e_id = next(p for p in single if p is not e_vas and len(p['sessions'][0]['levels']) >= 2)
    e_date = next(p for p in single if p not in (e_vas, e_id) and p['op1'].day > 12)
    e_vol = next(p for p in single if p not in (e_vas, e_id, e_date) and 3.0 <= p['sessions'][0]['vols'][0] < 10
                 and p['sessions'][0]['vols'][0] % 1 != 0)
    errors = []
    hfont = Font(bold=True)
    hfill = PatternFill('solid', fgColor='D9E1F2')
    wb = Workbook()

    # ---------------- Potilaat ----------------
    ws = wb.active
    ws.title = 'Potilaat'
    ws['A1'] = 'TYKS Neurokirurgia – Vertebroplastia/kyfoplastia-seuranta  |  Vertebroplastik/kyfoplastik uppföljning'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = 'Päivitetty / Uppdaterad 29.2.2024 – ÄLÄ LÄHETÄ SÄHKÖPOSTILLA (sisältää henkilötunnuksia)'
    ws['A2'].font = Font(italic=True, color='C00000')
    H = ['Tutkimusnro / Studienr', 'Henkilötunnus / Personbeteckning', 'Nimi / Namn', 'Sukupuoli / Kön',
         'Ikä / Ålder', 'Diagnoosi / Diagnos', 'Puhelin / Telefon', 'Kuollut / Avliden', 'Kuolinpäivä / Dödsdatum',
         'Uusi murtuma / Ny fraktur', 'Uuden murtuman pvm / Datum', 'Huom / Anm']
    for j, h in enumerate(H, 1):
        c = ws.cell(row=4, column=j, value=h)
        c.font, c.fill = hfont, hfill
        c.alignment = Alignment(wrap_text=True)
    r = 5
    for p in P:
        f = p['sex'] == 'female'
        vals = [p['pid'], p['hetu'], p['name'], 'N' if f else 'M', p['age'], p['diag'], p['phone'],
                'kyllä' if p['died'] else 'ei', d_of(p, p['death_day']) if p['died'] else None,
                ', '.join(lv_fi(lv) for _, lv in p['fractures']) or None,
                d_of(p, p['fractures'][0][0]) if p['fractures'] else None,
                ('uusintatoimenpide %s' % fdate(p['sessions'][1]['date'])) if len(p['sessions']) > 1 else
                ('konservatiivinen hoito, tukiliivi' if p['fractures'] else None)]
        for j, v in enumerate(vals, 1):
            c = ws.cell(row=r, column=j, value=v)
            if isinstance(v, dt.date):
                c.number_format = 'D.M.YYYY'
        r += 1
    ws.cell(row=r + 1, column=1, value='Sukupuoli: N = nainen / kvinna, M = mies / man. Ikä = ikä 1. toimenpiteen päivänä.').font = Font(italic=True, size=9)
    for j, w in enumerate([14, 18, 24, 10, 8, 34, 14, 10, 13, 12, 13, 34], 1):
        ws.column_dimensions[get_column_letter(j)].width = w

    # ---------------- VAS ----------------
    def measure_sheet(title, cols1, cols2, measure, note_lines, title_line):
        ws = wb.create_sheet(title)
        ws['A1'] = title_line
        ws['A1'].font = Font(bold=True)
        ws.cell(row=2, column=2, value='1. toimenpide / 1:a ingreppet').font = hfont
        ws.merge_cells(start_row=2, start_column=2, end_row=2, end_column=1 + len(cols1))
        ws.cell(row=2, column=2 + len(cols1), value='2. toimenpide (uusinta) / 2:a ingreppet (reoperation)').font = hfont
        ws.merge_cells(start_row=2, start_column=2 + len(cols1), end_row=2, end_column=1 + len(cols1) + len(cols2))
        ws.cell(row=2, column=2 + len(cols1)).fill = PatternFill('solid', fgColor='FCE4D6')
        heads = ['Tutkimusnro / Studienr'] + [h for h, _ in cols1] + [h for h, _ in cols2]
        for j, h in enumerate(heads, 1):
            c = ws.cell(row=3, column=j, value=h)
            c.font, c.fill = hfont, hfill
            c.alignment = Alignment(wrap_text=True, horizontal='center')
        rr = 4
        for p in P:
            ws.cell(row=rr, column=1, value=p['pid'])
            for blk, (sn, cols) in enumerate(((1, cols1), (2, cols2))):
                off = 2 if sn == 1 else 2 + len(cols1)
                if sn == 2 and len(p['sessions']) < 2:
                    continue
                s = p['sessions'][sn - 1]
                for k, (h, tp) in enumerate(cols):
                    c = ws.cell(row=rr, column=off + k)
                    key = (sn, measure, tp)
                    if key in p['scores']:
                        v = p['scores'][key]
                        if measure == 'odi':
                            v = 2 * v                     # percent
                        c.value = v
                        if measure == 'pain_vas' and p is e_vas and key == (1, 'pain_vas', 'pre'):
                            c.value = 110
                            errors.append([title, c.coordinate, rr, h, '110',
                                           'VAS 110 mm is outside the 0-100 mm scale (true %d mm)' % v, p['pid']])
                    elif (sn, tp) in p['missed']:
                        c.value = rng.choice(['ei tullut', 'ei tullut', 'puh. ei vastaa', 'kom ej'])
                    elif p['died'] and s['day'] + TP_DAYS[tp] >= p['death_day']:
                        c.value = '†'
                    elif (sn, tp) in p['visits']:
                        c.value = 'ei kerätty'          # visit happened, this form not collected
                    elif sn == 1 and len(p['sessions']) > 1 and TP_DAYS[tp] >= p['sessions'][1]['day'] - 10:
                        c.value = '→ uusinta'
                    c.alignment = Alignment(horizontal='center')
            rr += 1
        for k, t in enumerate(note_lines):
            ws.cell(row=rr + 1 + k, column=1, value=t).font = Font(italic=True, size=9)
        ws.column_dimensions['A'].width = 16
        for j in range(2, len(heads) + 1):
            ws.column_dimensions[get_column_letter(j)].width = 12
        ws.freeze_panes = 'B4'
        return ws

    measure_sheet('VAS',
                  [('Ennen / Före', 'pre'), ('1 vk / 1 v', '1w'), ('6 vk / 6 v', '6w'), ('3 kk / 3 mån', '3m'),
                   ('6 kk / 6 mån', '6m'), ('12 kk / 12 mån', '12m')],
                  [('Uusinta ennen / Reop före', 'pre'), ('Uusinta 6 vk', '6w'), ('Uusinta 3 kk', '3m'),
                   ('Uusinta 12 kk', '12m')],
                  'pain_vas',
                  ['VAS = kipu janalla 0–100 mm (smärta 0–100 mm). Ajat lasketaan kyseisestä toimenpiteestä.',
                   '"ei tullut" / "kom ej" = ei saapunut kontrolliin; "puh. ei vastaa" = ei tavoitettu puhelimitse; '
                   '† = kuollut; "→ uusinta" = seuranta jatkuu uusintatoimenpiteen sarakkeissa; tyhjä = ei vielä ajankohtainen.'],
                  'VAS-kipu (mm) / VAS-smärta (mm)')
    measure_sheet('ODI',
                  [('Lähtötaso / Före', 'pre'), ('3 kk / 3 mån', '3m'), ('12 kk / 12 mån', '12m'),
                   ('6 vk / 6 v (lisätty 2022)', '6w')],
                  [('Uusinta ennen / Reop före', 'pre'), ('Uusinta 3 kk', '3m')],
                  'odi',
                  ['ODI = Oswestry Disability Index, % (0–100). 6 vk ODI kerätty vasta 1.1.2022 alkaen (sarake lisätty loppuun).',
                   'Merkinnät kuten VAS-välilehdellä. "ei kerätty" = käynti toteutui mutta lomaketta ei täytetty.'],
                  'Oswestry (ODI %) / Oswestry (ODI %)')

    # ---------------- Toimenpiteet ----------------
    ws = wb.create_sheet('Toimenpiteet')
    H = ['Tutkimusnro / Studienr', 'Pvm / Datum', 'Toimenpide nro / Ingrepp nr', 'Taso / Nivå',
         'Menetelmä / Metod', 'Sementti ml / Cement ml', 'Sementti / Cement', 'Vuoto / Läckage', 'Huom / Anm']
    for j, h in enumerate(H, 1):
        c = ws.cell(row=1, column=j, value=h)
        c.font, c.fill = hfont, hfill
        c.alignment = Alignment(wrap_text=True)
    rr = 2
    rows = []
    for p in P:
        for s in p['sessions']:
            for k, (lv, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
                rows.append((s['date'], p, s, k, lv, v, lk))
    rows.sort(key=lambda x: (x[0], x[1]['i'], x[3]))       # kept in the order of operation date
    for date, p, s, k, lv, v, lk in rows:
        pid = p['pid']
        if p is e_id and k == 1:
            pid = None
            errors.append(['Toimenpiteet', 'A%d' % rr, rr, 'Tutkimusnro / Studienr', '',
                           'study ID missing on this vertebra row (%s, %s); belongs to %s'
                           % (fdate(date), lv_fi(lv), p['pid']), p['pid']])
        ws.cell(row=rr, column=1, value=pid)
        c = ws.cell(row=rr, column=2, value=date)
        c.number_format = 'D.M.YYYY'
        if p is e_date:
            c.value = '%d.%d.%d' % (date.month, date.day, date.year)
            errors.append(['Toimenpiteet', c.coordinate, rr, 'Pvm / Datum', c.value,
                           'impossible date (month %d); day and month swapped, should be %s'
                           % (date.day, fdate(date)), p['pid']])
        ws.cell(row=rr, column=3, value=s['no'])
        ws.cell(row=rr, column=4, value=lv_fi(lv))
        ws.cell(row=rr, column=5, value='VP' if s['technique'] == 'vertebroplasty' else 'KP')
        c = ws.cell(row=rr, column=6, value=v)
        c.number_format = '0.0'
        if p is e_vol and k == 0:
            c.value = int(round(v * 10))
            c.number_format = '0'
            errors.append(['Toimenpiteet', c.coordinate, rr, 'Sementti ml / Cement ml', str(c.value),
                           'cement %s mL for one vertebra is impossible (> 20 mL); decimal comma lost, should be %s'
                           % (c.value, ('%.1f' % v).replace('.', ',')), p['pid']])
        ws.cell(row=rr, column=7, value='PMMA' if s['cement'] == 'PMMA' else 'kalsiumfosfaatti')
        ws.cell(row=rr, column=8, value=LEAK[lk])
        note = None
        if s['no'] == 2:
            note = 'uusi murtuma, uusinta'
        elif s['technique'] == 'kyphoplasty' and k == 0:
            note = rng.choice([None, 'pallo 15 mm', 'pallo 20 mm'])
        ws.cell(row=rr, column=9, value=note)
        rr += 1
    ws.cell(row=rr + 1, column=1, value='VP = vertebroplastia, KP = kyfoplastia. Yksi rivi per hoidettu nikama / en rad per behandlad kota. '
            'Toimenpide nro 2 = uusintatoimenpide.').font = Font(italic=True, size=9)
    for j, w in enumerate([14, 11, 10, 8, 10, 11, 16, 20, 24], 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws['F1'].comment = Comment('ml per nikama (per kota)', 'tutkimushoitaja')

    wb.save(os.path.join(HERE, 'input.xlsx'))
    write_truth(P, lambda p, s: True, errors, idents, vas_div=10)


if __name__ == '__main__':
    main()
