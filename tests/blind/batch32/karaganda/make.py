"""Writes input.xlsx (Karaganda VP/KP register) and truth/*.csv. Run: python make.py"""
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
# Karaganda: regional multi-profile hospital, neurosurgery department.
# Russian with Kazakh words; one row per visit; patient columns merged vertically.
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 3201
CFG = {
    'tps1': {'pain_vas': ['pre', '24h', '1m', '3m', '6m', '12m'], 'odi': ['pre', '1m', '3m', '6m', '12m']},
    'tps2': {'pain_vas': ['pre', '24h', '1m', '3m', '6m'], 'odi': ['pre', '1m', '3m', '6m']},
    'kp_prob': 0.15, 'vol_step': 0.5, 'cap_prob': 0.0, 'miss_prob': 0.12,
    'forced_reop': (2, 8), 'forced_frac': (11,), 'forced_death': (5,),
}
VISIT = {'pre': 'до опер.', '24h': '1 сут.', '1m': '1 мес', '3m': '3 мес', '6m': '6 мес', '12m': '12 мес'}
DIAG = {
    'osteoporosis': ['Остеопороз, компрессионный перелом', 'Остеопоротич. перелом', 'Остеопороз'],
    'mets_breast': ['Мтс рака молочной железы'], 'mets_prostate': ['Мтс рака простаты'],
    'mets_lung': ['Мтс рака лёгкого'], 'myeloma': ['Множественная миелома', 'Миеломная болезнь'],
    'trauma': ['Травма (падение с высоты)', 'Травма, ДТП', 'Кататравма'],
    'haemangioma': ['Агрессивная гемангиома'],
}
SUR_M = ['Ахметов', 'Жумабеков', 'Сейткалиев', 'Нурланов', 'Касымов', 'Иванов', 'Шмидт',
         'Оспанов', 'Бекмуратов', 'Кузнецов', 'Абдрахманов', 'Тулегенов', 'Мельников', 'Есенов']
NAME_M = ['Серик', 'Ерлан', 'Болат', 'Марат', 'Владимир', 'Николай', 'Кайрат', 'Нурлан', 'Виктор', 'Жаксылык']
NAME_F = ['Гульнара', 'Айгуль', 'Сауле', 'Мария', 'Людмила', 'Бакыт', 'Роза', 'Галина', 'Динара', 'Кулпаш']
FATHER = [('Серикович', 'Сериковна'), ('Кайратович', 'Кайратовна'), ('Болатович', 'Болатовна'),
          ('Иванович', 'Ивановна'), ('Петрович', 'Петровна'), ('Ахметович', 'Ахметовна'),
          ('Муратович', 'Муратовна'), ('Есенович', 'Есеновна'), ('Павлович', 'Павловна'),
          ('Жумашевич', 'Жумашевна')]


def lv_ru(lv):
    return 'Th' + lv[1:] if lv.startswith('T') else lv


def vol_ru(v):
    return ('%.1f' % v).replace('.', ',')


def main():
    P = generate(SEED, 17, CFG)
    rng = random.Random(SEED + 1)
    idents = []
    for p in P:
        p['pid'] = 'KRG-%02d' % (p['i'] + 1)
        f = p['sex'] == 'female'
        sur = rng.choice(SUR_M)
        if f and sur[-2:] in ('ов', 'ев', 'ин'):
            sur += 'а'
        patr = rng.choice(FATHER)[1 if f else 0]
        p['name'] = '%s %s %s' % (sur, rng.choice(NAME_F if f else NAME_M), patr)
        b = p['birth']
        p['iin'] = '%02d%02d%02d%d%05d' % (b.year % 100, b.month, b.day, 4 if f else 3, rng.randint(0, 99999))
        p['phone'] = rng.choice(['+7 701 ', '8 702 ', '+7 747 ', '8 777 ']) + '%03d %02d %02d' % (
            rng.randint(100, 999), rng.randint(0, 99), rng.randint(0, 99))
        p['diag'] = rng.choice(DIAG[p['detail']])
        idents += [('name', p['name']), ('national_id', p['iin']), ('birth_date', b.strftime('%d.%m.%Y')),
                   ('phone', p['phone'])]

    # choose the patients that carry the planted mistakes (none of them re-operated)
    single = [p for p in P if len(p['sessions']) == 1]
    e_level = next(p for p in single if len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0].startswith('L'))
    e_odi = next(p for p in single if p is not e_level and (1, 'odi', '3m') in p['scores'])
    e_date = next(p for p in single if p not in (e_level, e_odi) and (1, '3m') in p['visits'])
    e_vol = next(p for p in single if p not in (e_level, e_odi, e_date) and len(p['sessions'][0]['levels']) >= 2
                 and p['sessions'][0]['vols'][0] % 1 == 0.5 and p['sessions'][0]['vols'][0] >= 2.5)

    wb = Workbook()
    ws = wb.active
    ws.title = 'ВП 2021-2023'
    thin = Side(style='thin', color='808080')
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill('solid', fgColor='DDEBF7')
    dead_fill = PatternFill('solid', fgColor='F8CBAD')
    reop_fill = PatternFill('solid', fgColor='FFF2CC')
    ws['A1'] = 'КГП «Многопрофильная больница №3» г. Караганды · Нейрохирургическое отделение'
    ws['A2'] = 'Регистр пункционной вертебро-/кифопластики (ВП/КП) · Вертебропластика тіркелімі 2021–2023 жж.'
    ws['A3'] = 'Ответственный: зав. отд. · ODI в баллах по бланку (0–50), ВАШ 0–10 · данные на 29.02.2024'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'].font = Font(bold=True, size=12)
    ws['A3'].font = Font(italic=True, size=9)
    groups = [('A', 'I', 'ПАЦИЕНТ / НАУҚАС'), ('J', 'P', 'ОПЕРАЦИЯ / ОТА'),
              ('Q', 'T', 'НАБЛЮДЕНИЕ / БАҚЫЛАУ'), ('U', 'W', 'ИСХОД / НӘТИЖЕ')]
    for a, b_, t in groups:
        ws['%s5' % a] = t
        ws.merge_cells('%s5:%s5' % (a, b_))
        ws['%s5' % a].alignment = Alignment(horizontal='center')
        ws['%s5' % a].font = Font(bold=True)
        ws['%s5' % a].fill = head_fill
    headers = ['№ п/п', 'Код', 'ФИО / Аты-жөні', 'ИИН / ЖСН', 'Дата рожд. / Туған күні',
               'Пол / Жынысы', 'Возраст / Жасы', 'Диагноз', 'Телефон', 'Опер. №',
               'Дата операции', 'Уровень', 'Методика (ВП/КП)', 'Цемент, мл', 'Цемент',
               'Утечка цемента', 'Визит', 'Дата визита', 'ВАШ (0–10)', 'ODI, баллы (0–50)',
               'Новый перелом / Жаңа сынық', 'Исход / Нәтиже', 'Примечание']
    HR = 6
    for j, h in enumerate(headers, 1):
        c = ws.cell(row=HR, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = head_fill
        c.border = border
        c.alignment = Alignment(wrap_text=True, vertical='center', horizontal='center')
    col = {h: j for j, h in enumerate(headers, 1)}
    errors = []
    r = HR + 1
    for p in P:
        f = p['sex'] == 'female'
        p_first = r
        for s in p['sessions']:
            s_first = r
            tps = CFG['tps1'] if s['no'] == 1 else CFG['tps2']
            for tp in ['pre', '24h', '1m', '3m', '6m', '12m']:
                if tp not in tps['pain_vas']:
                    continue
                key = (s['no'], tp)
                if key not in p['visits'] and key not in p['missed']:
                    continue
                label = VISIT[tp] if s['no'] == 1 else ('повт. ' + VISIT[tp])
                ws.cell(row=r, column=col['Визит'], value=label)
                if key in p['missed']:
                    ws.cell(row=r, column=col['Дата визита'], value='не явилась' if f else 'не явился')
                else:
                    vd = d_of(p, p['visits'][key])
                    if p is e_date and key == (1, '3m'):
                        wrong = vd.replace(year=vd.year - 1)
                        c = ws.cell(row=r, column=col['Дата визита'], value=wrong)
                        errors.append([ws.title, c.coordinate, r, 'Дата визита', wrong.strftime('%d.%m.%Y'),
                                       'visit (3 мес) dated before the operation of %s; should be %s'
                                       % (s['date'].strftime('%d.%m.%Y'), vd.strftime('%d.%m.%Y')), p['pid']])
                    else:
                        c = ws.cell(row=r, column=col['Дата визита'], value=vd)
                    c.number_format = 'DD.MM.YYYY'
                    if (s['no'], 'pain_vas', tp) in p['scores']:
                        ws.cell(row=r, column=col['ВАШ (0–10)'], value=p['scores'][(s['no'], 'pain_vas', tp)])
                    if (s['no'], 'odi', tp) in p['scores']:
                        v = p['scores'][(s['no'], 'odi', tp)]
                        if p is e_odi and key == (1, '3m'):
                            c = ws.cell(row=r, column=col['ODI, баллы (0–50)'], value=64)
                            errors.append([ws.title, c.coordinate, r, 'ODI, баллы (0–50)', '64',
                                           'ODI raw score 64 is outside the 0-50 points scale (true %d points = %d%%)'
                                           % (v, 2 * v), p['pid']])
                        else:
                            ws.cell(row=r, column=col['ODI, баллы (0–50)'], value=v)
                    elif tp == '24h':
                        ws.cell(row=r, column=col['ODI, баллы (0–50)'], value='—')
                r += 1
            s_last = r - 1
            # operation block, merged over the visit rows of that session
            lv_txt = ', '.join(lv_ru(x) for x in s['levels'])
            if p is e_level:
                lv_txt = 'L7'
            tech = 'ВП' if s['technique'] == 'vertebroplasty' else 'КП'
            if len(s['levels']) == 1:
                vol_txt = vol_ru(s['vols'][0])
            else:
                parts = []
                for k, (lv, v) in enumerate(zip(s['levels'], s['vols'])):
                    vt = vol_ru(v)
                    if p is e_vol and k == 0:
                        vt = ('%.1f' % v).replace('.', '')
                    parts.append('%s – %s' % (lv_ru(lv), vt))
                vol_txt = '; '.join(parts)
            leaks = [(lv, lk) for lv, lk in zip(s['levels'], s['leaks']) if lk != 'none']
            LK = {'disc': 'в диск', 'venous': 'венозная', 'paravertebral': 'паравертебр.', 'epidural': 'эпидуральная'}
            leak_txt = 'нет' if not leaks else '; '.join('%s %s' % (LK[lk], lv_ru(lv)) for lv, lk in leaks)
            vals = {'Опер. №': 1 if s['no'] == 1 else '2 (повт.)', 'Дата операции': s['date'],
                    'Уровень': lv_txt, 'Методика (ВП/КП)': tech, 'Цемент, мл': vol_txt,
                    'Цемент': 'ПММА', 'Утечка цемента': leak_txt}
            for h, v in vals.items():
                c = ws.cell(row=s_first, column=col[h], value=v)
                if h == 'Дата операции':
                    c.number_format = 'DD.MM.YYYY'
                if s_last > s_first:
                    ws.merge_cells(start_row=s_first, start_column=col[h], end_row=s_last, end_column=col[h])
                c.alignment = Alignment(vertical='top', wrap_text=True)
                if s['no'] == 2:
                    c.fill = reop_fill
            if p is e_level:
                errors.append([ws.title, ws.cell(row=s_first, column=col['Уровень']).coordinate, s_first,
                               'Уровень', 'L7', 'impossible level L7 (lumbar spine has L1-L5); true level %s'
                               % s['levels'][0], p['pid']])
            if p is e_vol:
                errors.append([ws.title, ws.cell(row=s_first, column=col['Цемент, мл']).coordinate, s_first,
                               'Цемент, мл', vol_txt, 'cement %s for one vertebra (%s) > 20 mL, decimal comma lost; should be %s'
                               % (('%.1f' % s['vols'][0]).replace('.', ''), lv_ru(s['levels'][0]), vol_ru(s['vols'][0])), p['pid']])
        p_last = r - 1
        fr = 'нет' if not p['fractures'] else '; '.join(
            '%s – %s' % (lv_ru(lv), d_of(p, d).strftime('%d.%m.%Y')) for d, lv in p['fractures'])
        if p['died']:
            dd = d_of(p, p['death_day']).strftime('%d.%m.%Y')
            outcome = rng.choice(['умерла ' if f else 'умер ', 'қайтыс болды ']) + dd
        else:
            outcome = 'жива' if f else 'жив'
        note = ''
        if len(p['sessions']) > 1:
            note = 'повторная ВП по поводу нового перелома'
        elif p['fractures']:
            note = 'новый перелом – консервативно, корсет'
        elif p['detail'].startswith('mets') or p['detail'] == 'myeloma':
            note = rng.choice(['ЛТ после ВП', 'химиотерапия продолжена', ''])
        pv = {'№ п/п': p['i'] + 1, 'Код': p['pid'], 'ФИО / Аты-жөні': p['name'], 'ИИН / ЖСН': p['iin'],
              'Дата рожд. / Туған күні': p['birth'], 'Пол / Жынысы': 'ж' if f else 'м',
              'Возраст / Жасы': p['age'], 'Диагноз': p['diag'], 'Телефон': p['phone'],
              'Новый перелом / Жаңа сынық': fr, 'Исход / Нәтиже': outcome, 'Примечание': note}
        for h, v in pv.items():
            c = ws.cell(row=p_first, column=col[h], value=v)
            if h == 'Дата рожд. / Туған күні':
                c.number_format = 'DD.MM.YYYY'
            if h == 'ИИН / ЖСН':
                c.number_format = '@'
            if p_last > p_first:
                ws.merge_cells(start_row=p_first, start_column=col[h], end_row=p_last, end_column=col[h])
            c.alignment = Alignment(vertical='top', wrap_text=True)
            if p['died'] and h == 'Исход / Нәтиже':
                c.fill = dead_fill
        for rr in range(p_first, p_last + 1):
            for j in range(1, len(headers) + 1):
                ws.cell(row=rr, column=j).border = border
    last = r - 1
    notes = ['Примечание / Ескерту:',
             '1) ODI записан в БАЛЛАХ (сумма 10 разделов по 0–5, макс. 50) – как на бумажном бланке, НЕ в процентах.',
             '2) ВАШ – визуально-аналоговая шкала боли 0–10. «—» – не заполняется (ODI в 1-е сутки не собираем).',
             '3) «не явился / не явилась» – пациент не пришёл на контроль. Th = грудной позвонок.',
             '4) При нескольких позвонках объём цемента указан по каждому позвонку (мл).',
             '5) «повт.» – повторная операция; визиты после неё считаются от даты повторной операции.',
             '6) қайтыс болды = умер(ла).']
    for k, t in enumerate(notes):
        ws.cell(row=last + 2 + k, column=1, value=t).font = Font(italic=True, size=9)
    widths = [5, 8, 30, 14, 12, 7, 7, 28, 16, 8, 12, 12, 9, 20, 8, 18, 13, 12, 8, 9, 20, 24, 26]
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = 'C7'
    # a small lookup sheet the unit keeps
    ws2 = wb.create_sheet('Справочник')
    for k, row in enumerate([('Сокращение', 'Расшифровка'), ('ВП', 'вертебропластика'), ('КП', 'кифопластика'),
                             ('ПММА', 'полиметилметакрилат (костный цемент)'), ('Th', 'грудной позвонок'),
                             ('Мтс', 'метастаз'), ('ВАШ', 'визуально-аналоговая шкала 0–10'),
                             ('ODI', 'Oswestry, баллы 0–50 (×2 = %)')], 1):
        ws2.cell(row=k, column=1, value=row[0])
        ws2.cell(row=k, column=2, value=row[1])
    wb.save(os.path.join(HERE, 'input.xlsx'))
    write_truth(P, lambda p, s: True, errors, idents)


if __name__ == '__main__':
    main()
