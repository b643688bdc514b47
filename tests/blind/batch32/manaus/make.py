"""Writes input.xlsx (Manaus VP/CP follow-up sheet) and truth/*.csv. Run: python make.py"""
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
# Manaus: university hospital, neurosurgery service. Portuguese; one row per surgery;
# time points D0/D1/D30/D90/D180/D365 (days after THAT surgery); dates typed "04/mar/22".
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 3203
CFG = {
    'tps1': {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'], 'odi': ['pre', '3m', '12m']},
    'tps2': {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'], 'odi': ['pre', '3m', '12m']},
    'kp_prob': 0.2, 'vol_step': 0.5, 'cap_prob': 0.0, 'miss_prob': 0.15,
    'forced_reop': (4, 10), 'forced_frac': (13,), 'forced_death': (7,),
    'forced_detail': {2: 'mets_breast', 7: 'myeloma', 15: 'mets_prostate'},
}
MES = ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez']
DIAG = {
    'osteoporosis': ['osteoporose', 'fratura osteoporótica', 'FX osteoporótica'],
    'mets_breast': ['metástase (CA mama)'], 'mets_prostate': ['metástase (CA próstata)'],
    'mets_lung': ['metástase (CA pulmão)'], 'myeloma': ['mieloma múltiplo'],
    'trauma': ['trauma (queda)', 'trauma – acidente de moto'],
    'haemangioma': ['hemangioma agressivo'],
}
SUR = ['da Silva', 'dos Santos', 'de Oliveira', 'de Souza', 'Lima', 'Pereira', 'Ferreira', 'da Costa',
       'Rodrigues', 'de Almeida', 'do Nascimento', 'Araújo', 'Batista', 'Monteiro', 'Cavalcante', 'Barbosa']
FN_M = ['José', 'Francisco', 'Raimundo', 'Antônio', 'João', 'Manoel', 'Sebastião', 'Carlos', 'Pedro', 'Luiz']
FN_F = ['Maria', 'Francisca', 'Raimunda', 'Ana', 'Antônia', 'Terezinha', 'Socorro', 'Lúcia', 'Joana', 'Rosa']
TP_D = [('D0', 'pre'), ('D1', '24h'), ('D30', '1m'), ('D90', '3m'), ('D180', '6m'), ('D365', '12m')]
LEAK = {'disc': 'disco', 'venous': 'venoso', 'paravertebral': 'paravertebral', 'epidural': 'epidural'}


def ptd(d):
    return '%02d/%s/%02d' % (d.day, MES[d.month - 1], d.year % 100)


def cpf(rng):
    n = [rng.randint(0, 9) for _ in range(9)]
    for k in (10, 11):
        s = sum(a * b for a, b in zip(n, range(k, 1, -1)))
        d = (s * 10) % 11
        n.append(0 if d == 10 else d)
    t = ''.join(map(str, n))
    return '%s.%s.%s-%s' % (t[:3], t[3:6], t[6:9], t[9:])


def main():
    P = generate(SEED, 17, CFG)
    rng = random.Random(SEED + 1)
    idents = []
    for p in P:
        p['pid'] = 'MAO-%02d' % (p['i'] + 1)
        f = p['sex'] == 'female'
        s1, s2 = rng.sample(SUR, 2)
        p['name'] = '%s %s %s' % (rng.choice(FN_F if f else FN_M), s1, s2) if rng.random() < 0.6 else \
            '%s %s' % (rng.choice(FN_F if f else FN_M), s1)
        p['pront'] = '%07d' % rng.randint(150000, 1899999)
        p['cpf'] = cpf(rng)
        p['phone'] = '(92) 9%04d-%04d' % (rng.randint(8100, 9999), rng.randint(0, 9999))
        p['diag'] = rng.choice(DIAG[p['detail']])
        idents += [('name', p['name']), ('record_number', p['pront']), ('national_id', p['cpf']),
                   ('birth_date', ptd(p['birth'])), ('phone', p['phone'])]

    single = [p for p in P if len(p['sessions']) == 1]
    e_date = next(p for p in single if p['op1'].month in (4, 6, 9, 11) and not p['died'])
    e_eva = next(p for p in single if p is not e_date and (1, 'pain_vas', '1m') in p['scores'])
    e_lvl = next(p for p in single if p not in (e_date, e_eva) and 'T12' in p['sessions'][0]['levels'])
    e_obito = next(p for p in single if p not in (e_date, e_eva, e_lvl) and p['died'] and p['death_day'] < 330)

    wb = Workbook()
    ws = wb.active
    ws.title = 'VP-CP 2021-2023'
    ws['A1'] = 'HOSPITAL UNIVERSITÁRIO – MANAUS/AM · SERVIÇO DE NEUROCIRURGIA'
    ws['A2'] = 'Planilha de seguimento – Vertebroplastia (VP) / Cifoplastia (CP) – jan/21 a jun/23'
    ws['A3'] = 'EVA 0-10 · ODI em % · D = dias após a cirurgia daquela linha · NC = não compareceu · atualizado fev/24'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'].font = Font(bold=True)
    ws['A3'].font = Font(italic=True, size=9)
    H = ['Nº', 'Cód.', 'Prontuário', 'Nome', 'CPF', 'Data nasc.', 'Sexo', 'Idade', 'Diagnóstico',
         'Cirurgia', 'Data cirurgia', 'Técnica', 'Níveis', 'Cimento total (mL)', 'Tipo cimento',
         'Extravasamento'] + ['EVA %s' % d for d, _ in TP_D] + ['ODI D0 (%)', 'ODI D90 (%)', 'ODI D365 (%)',
                                                               'Nova fratura', 'Nível / data nova fx',
                                                               'Óbito', 'Data óbito', 'Telefone', 'Observações']
    fill_h = PatternFill('solid', fgColor='C6E0B4')
    fill_eva = PatternFill('solid', fgColor='FFF2CC')
    fill_odi = PatternFill('solid', fgColor='DDEBF7')
    fill_ob = PatternFill('solid', fgColor='BFBFBF')
    thin = Side(style='thin', color='A6A6A6')
    for j, h in enumerate(H, 1):
        c = ws.cell(row=5, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = fill_eva if h.startswith('EVA') else fill_odi if h.startswith('ODI') else fill_h
        c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
    col = {h: j for j, h in enumerate(H, 1)}
    errors = []
    r = 6
    n = 0
    rows = []
    for p in P:
        for s in p['sessions']:
            rows.append((s['date'], p, s))
    rows.sort(key=lambda x: (x[0], x[1]['i']))     # the sheet is kept in order of surgery
    for date, p, s in rows:
        n += 1
        f = p['sex'] == 'female'
        age_now = date.year - p['birth'].year - ((date.month, date.day) < (p['birth'].month, p['birth'].day))
        first = s['no'] == 1

        def put(h, v):
            c = ws.cell(row=r, column=col[h], value=v)
            c.border = Border(bottom=thin)
            return c
        put('Nº', n)
        put('Cód.', p['pid'])
        put('Prontuário', p['pront'])
        put('Nome', p['name'].upper() if not first else p['name'])
        if not first:
            idents.append(('name', p['name'].upper()))
        if first:
            put('CPF', p['cpf'])
            put('Data nasc.', ptd(p['birth']))
            put('Diagnóstico', p['diag'])
            put('Telefone', p['phone'])
        else:
            put('Diagnóstico', 'idem')
        put('Sexo', 'F' if f else 'M')
        put('Idade', age_now)
        put('Cirurgia', '1ª' if first else '2ª')
        c = put('Data cirurgia', ptd(date))
        if p is e_date:
            c.value = '31/%s/%02d' % (MES[date.month - 1], date.year % 100)
            errors.append([ws.title, c.coordinate, r, 'Data cirurgia', c.value,
                           'impossible date (%s has 30 days); surgery was %s' % (MES[date.month - 1], ptd(date)),
                           p['pid']])
        put('Técnica', 'VP' if s['technique'] == 'vertebroplasty' else 'CP')
        lv_txt = ' + '.join(s['levels'])
        if p is e_lvl:
            lv_txt = ' + '.join('T13' if x == 'T12' else x for x in s['levels'])
            errors.append([ws.title, ws.cell(row=r, column=col['Níveis']).coordinate, r, 'Níveis', lv_txt,
                           'impossible level T13 (thoracic spine is T1-T12); should be T12', p['pid']])
        put('Níveis', lv_txt)
        c = put('Cimento total (mL)', round(sum(s['vols']), 1))
        c.number_format = '0.0'
        put('Tipo cimento', 'PMMA')
        leaks = [(lv, lk) for lv, lk in zip(s['levels'], s['leaks']) if lk != 'none']
        put('Extravasamento', 'não' if not leaks else 'sim – ' + ', '.join('%s (%s)' % (LEAK[lk], lv) for lv, lk in leaks))
        for d, tp in TP_D:
            c = ws.cell(row=r, column=col['EVA ' + d])
            key = (s['no'], 'pain_vas', tp)
            if key in p['scores']:
                c.value = p['scores'][key]
                if p is e_eva and tp == '1m':
                    c.value = 12
                    errors.append([ws.title, c.coordinate, r, 'EVA ' + d, '12',
                                   'EVA 12 is outside the 0-10 scale (true value %d)' % p['scores'][key], p['pid']])
            elif (s['no'], tp) in p['missed']:
                c.value = 'NC'
            elif p['died'] and s['day'] + TP_DAYS[tp] >= p['death_day']:
                c.value = 'óbito'
                c.fill = fill_ob
            elif first and len(p['sessions']) > 1 and TP_DAYS[tp] >= p['sessions'][1]['day']:
                c.value = 'ver 2ª'
            c.alignment = Alignment(horizontal='center')
        for h, tp in (('ODI D0 (%)', 'pre'), ('ODI D90 (%)', '3m'), ('ODI D365 (%)', '12m')):
            c = ws.cell(row=r, column=col[h])
            key = (s['no'], 'odi', tp)
            if key in p['scores']:
                c.value = 2 * p['scores'][key]
            elif (s['no'], tp) in p['missed']:
                c.value = 'NC'
            elif p['died'] and s['day'] + TP_DAYS[tp] >= p['death_day']:
                c.value = 'óbito'
                c.fill = fill_ob
            elif first and len(p['sessions']) > 1 and TP_DAYS[tp] >= p['sessions'][1]['day']:
                c.value = 'ver 2ª'
            c.alignment = Alignment(horizontal='center')
        if first:
            if p['fractures']:
                put('Nova fratura', 'sim')
                fd, fl = p['fractures'][0]
                put('Nível / data nova fx', '%s – %s' % (fl, ptd(d_of(p, fd))))
            else:
                put('Nova fratura', 'não')
            put('Óbito', 'sim' if p['died'] else 'não')
            if p['died']:
                dd = d_of(p, p['death_day'])
                c = put('Data óbito', ptd(dd))
                if p is e_obito:
                    wrong = dd.replace(year=dd.year - 1)
                    c.value = ptd(wrong)
                    errors.append([ws.title, c.coordinate, r, 'Data óbito', c.value,
                                   'death dated before the surgery of %s; should be %s' % (ptd(date), ptd(dd)),
                                   p['pid']])
        obs = ''
        if not first:
            obs = 'reabordagem – nova fratura %s' % s['levels'][0]
        elif len(p['sessions']) > 1:
            obs = '2ª cirurgia em %s (ver linha abaixo)' % ptd(p['sessions'][1]['date'])
        elif p['fractures']:
            obs = 'nova fx tratada com colete'
        elif p['etiology'] == 'pathologic':
            obs = rng.choice(['RT pós-op', 'em QT', 'encaminhado oncologia', ''])
        if obs:
            put('Observações', obs)
        if not first:
            for j in range(1, len(H) + 1):
                ws.cell(row=r, column=j).font = Font(color='1F4E78')
        r += 1
    notes = ['Legenda:',
             'D0 = dia da cirurgia (avaliação pré-operatória); D1 = 1º dia pós-op; D30, D90, D180, D365 = dias após a cirurgia DAQUELA linha.',
             'NC = não compareceu ao retorno. óbito = paciente já falecido na data do retorno. "ver 2ª" = seguimento continua na linha da 2ª cirurgia.',
             'Cimento total = volume total injetado na cirurgia (todos os níveis somados). VP = vertebroplastia, CP = cifoplastia.',
             'Idade = idade na data da cirurgia daquela linha. Datas de nascimento: ano com 2 dígitos (todos 19xx).',
             'Extravasamento: "não" ou "sim – tipo (nível)".']
    for k, t in enumerate(notes):
        ws.cell(row=r + 1 + k, column=1, value=t).font = Font(italic=True, size=9)
    widths = [4, 8, 10, 30, 15, 10, 5, 6, 22, 8, 11, 7, 13, 9, 9, 24] + [6] * 6 + [7, 7, 7, 8, 17, 6, 11, 16, 34]
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = 'E6'
    wb.save(os.path.join(HERE, 'input.xlsx'))
    write_truth(P, lambda p, s: False, errors, idents)


if __name__ == '__main__':
    main()
