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

# ---------------------------------------------------------------- Minsk
TECH = {'vertebroplasty': 'ВП', 'kyphoplasty': 'БКП'}
LEAK = {'disc': 'в диск', 'venous': 'в вены', 'paravertebral': 'паравертебрально',
        'epidural': 'эпидурально', 'foraminal': 'в межпозвонковое отверстие'}
BRANDS = ['Osteopal V', 'Vertecem V+', 'Spineplex']
SUR_F = ['Иванова', 'Ковалёва', 'Новик', 'Козловская', 'Лукашевич', 'Морозова', 'Жук', 'Бондаренко',
         'Кравченко', 'Сидорович', 'Пашкевич', 'Шевчук']
SUR_M = ['Иванов', 'Ковалёв', 'Новик', 'Козловский', 'Лукашевич', 'Морозов', 'Жук', 'Бондаренко',
         'Кравченко', 'Сидорович']
INI = 'АВГДЕЗИКЛМНОПРСТ'
VIS = [('pre', 'До операции', ['pain', 'odi']), ('24h', '1-е сутки', ['pain']), ('1m', '1 мес.', ['pain']),
       ('3m', '3 мес.', ['pain', 'odi']), ('12m', '12 мес.', ['pain', 'odi'])]


def lvl(lv):
    return 'Th' + lv[1:] if lv.startswith('T') else lv


def dec(v):
    return ('%.1f' % v).replace('.', ',')


def main(outdir):
    rng = np.random.default_rng(7202)
    n = 24
    ids = ['ВП-%03d' % i for i in range(1, n + 1)]
    cfg = dict(start=dt.date(2021, 1, 11), techniques=['vertebroplasty', 'kyphoplasty'], tech_p=[0.7, 0.3],
               cements=['PMMA'], cem_p=[1.0], tps1=['pre', '24h', '1m', '3m', '12m'], tps2=[],
               measures=['pain_vas', 'odi'], odi_tps=['pre', '3m', '12m'], p_second=0.2,
               p_fracture=0.2, p_died=0.12, p_attend=0.82)
    pats = gen_patients(rng, ids, cfg)
    # pain recorded in mm: make truth values exact tenths of mm values
    mm = {}
    for p in pats:
        for k, v in list(p['assess'].items()):
            if k[1] == 'pain_vas':
                m = int(v * 10 + rng.integers(-4, 5)) if v > 0 else int(rng.integers(0, 6))
                m = max(0, min(100, m))
                mm[(p['pid'],) + k] = m
                p['assess'][k] = m / 10.0
    volmode = {}
    for i, p in enumerate(pats):
        for s in p['sessions']:
            s['brand'] = str(rng.choice(BRANDS))
            volmode[(p['pid'], s['session'])] = 'session' if (len(s['levels']) > 1 and i % 3 == 0) else 'level'
    identifiers = []
    wb = Workbook()
    ws = wb.active
    ws.title = 'Вертебропластика'
    ws['A1'] = 'ГУ «Республиканский центр травматологии и ортопедии» (г. Минск) — нейрохирургическое отделение №2'
    ws['A2'] = 'Реестр пункционных вертебропластик и кифопластик, 2021–2023 гг. Боль по ВАШ в мм (0–100).'
    ws['A1'].font = Font(bold=True, size=13)
    groups = [('Пациент', ['№ п/п', 'Шифр', 'Ф.И.О.', 'Телефон', 'Пол', 'Возраст, лет', 'Диагноз']),
              ('Операция', ['Дата', 'Уровень', 'Метод', 'Цемент', 'Объём цемента, мл', 'Подтекание цемента']),
              ('Повторная операция', ['Дата', 'Уровень', 'Метод', 'Цемент', 'Объём цемента, мл', 'Подтекание цемента'])]
    for key, lab, ms in VIS:
        groups.append((lab, [('ВАШ, мм' if m == 'pain' else 'ODI, %') for m in ms]))
    groups.append(('Исход', ['Новый перелом (уровень, дата)', 'Летальный исход']))
    G, H = 4, 5
    c = 1
    colmap = {}
    thin = Side(style='thin')
    for g, subs in groups:
        ws.cell(G, c, g)
        if len(subs) > 1:
            ws.merge_cells(start_row=G, start_column=c, end_row=G, end_column=c + len(subs) - 1)
        for j, s in enumerate(subs):
            cell = ws.cell(H, c + j, s)
            colmap[(g, s)] = c + j
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal='center')
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws.cell(G, c).font = Font(bold=True)
        ws.cell(G, c).alignment = Alignment(horizontal='center')
        ws.cell(G, c).fill = PatternFill('solid', fgColor='FCE4D6')
        c += len(subs)
    ncol = c - 1
    errors = []
    r = H + 1
    rows_of = {}
    for i, p in enumerate(pats):
        rows_of[p['pid']] = r
        sur = str(rng.choice(SUR_F if p['sex'] == 'female' else SUR_M))
        name = '%s %s.%s.' % (sur, INI[int(rng.integers(len(INI)))], INI[int(rng.integers(len(INI)))])
        phone = '+375 %s %03d-%02d-%02d' % (rng.choice(['29', '33', '44', '17']), rng.integers(100, 999),
                                            rng.integers(0, 99), rng.integers(0, 99))
        identifiers += [['name', name], ['phone', phone]]
        P = lambda s: colmap[('Пациент', s)]
        ws.cell(r, P('№ п/п'), i + 1)
        ws.cell(r, P('Шифр'), p['pid'])
        ws.cell(r, P('Ф.И.О.'), name)
        ws.cell(r, P('Телефон'), phone)
        ws.cell(r, P('Пол'), 'ж' if p['sex'] == 'female' else 'м')
        ws.cell(r, P('Возраст, лет'), p['age'])
        if p['etiology'] == 'osteoporotic':
            dx = str(rng.choice(['остеопороз', 'остеопоротический перелом', 'системный остеопороз']))
        elif p['etiology'] == 'pathologic':
            dx = str(rng.choice(['метастаз (рак молочной железы)', 'миеломная болезнь', 'метастаз (рак почки)']))
        else:
            dx = str(rng.choice(['травма (падение)', 'травматический перелом']))
        ws.cell(r, P('Диагноз'), dx)
        for s in p['sessions']:
            g = 'Операция' if s['session'] == 1 else 'Повторная операция'
            d = p['date1'] + dt.timedelta(days=s['day'])
            if i % 3 == 1:
                ws.cell(r, colmap[(g, 'Дата')], d.strftime('%d.%m.%Y'))
            else:
                ws.cell(r, colmap[(g, 'Дата')], d).number_format = 'DD.MM.YYYY'
            ws.cell(r, colmap[(g, 'Уровень')], ', '.join(lvl(x) for x in s['levels']))
            ws.cell(r, colmap[(g, 'Метод')], TECH[s['technique']])
            if volmode[(p['pid'], s['session'])] == 'session':
                vtxt = '%s (суммарно)' % dec(s['total'])
            elif len(s['levels']) == 1:
                vtxt = s['vols'][0] if i % 2 else dec(s['vols'][0])
            else:
                vtxt = ' / '.join(dec(v) for v in s['vols'])
            ws.cell(r, colmap[(g, 'Объём цемента, мл')], vtxt)
            ws.cell(r, colmap[(g, 'Цемент')], s['brand'])
            lk = [(lvl(lv), x) for lv, x in zip(s['levels'], s['leaks']) if x != 'none']
            if not lk:
                ws.cell(r, colmap[(g, 'Подтекание цемента')], 'нет')
            elif len(s['levels']) == 1:
                ws.cell(r, colmap[(g, 'Подтекание цемента')], LEAK[lk[0][1]])
            else:
                ws.cell(r, colmap[(g, 'Подтекание цемента')], '; '.join('%s – %s' % (LEAK[x], l) for l, x in lk))
        for key, lab, ms in VIS:
            for m in ms:
                h = 'ВАШ, мм' if m == 'pain' else 'ODI, %'
                cc = colmap[(lab, h)]
                meas = 'pain_vas' if m == 'pain' else 'odi'
                v = p['assess'].get((1, meas, key))
                if v is not None:
                    if m == 'pain':
                        mv = mm[(p['pid'], 1, meas, key)]
                        ws.cell(r, cc, '%d мм' % mv if (i + cc) % 7 == 0 else mv)
                    else:
                        ws.cell(r, cc, int(v))
                elif TP_DAYS[key] >= p['death_day']:
                    ws.cell(r, cc, '†')
                elif m == 'pain':
                    ws.cell(r, cc, 'н/я')
        if p['fractures']:
            fd, fl = p['fractures'][0]
            ws.cell(r, colmap[('Исход', 'Новый перелом (уровень, дата)')],
                    '%s, %s' % (lvl(fl), (p['date1'] + dt.timedelta(days=fd)).strftime('%d.%m.%Y')))
        else:
            ws.cell(r, colmap[('Исход', 'Новый перелом (уровень, дата)')], '—')
        if p['died'] == 'yes':
            ws.cell(r, colmap[('Исход', 'Летальный исход')],
                    'да (%s)' % (p['date1'] + dt.timedelta(days=p['death_day'])).strftime('%m.%Y'))
            for cc in range(1, ncol + 1):
                ws.cell(r, cc).fill = PatternFill('solid', fgColor='D9D9D9')
        else:
            ws.cell(r, colmap[('Исход', 'Летальный исход')], 'нет')
        r += 1
    last = r - 1
    ws.cell(last + 2, 1, 'Примечание: н/я — не явился на контроль; † — пациент умер; серым выделены умершие. '
                         'Объём цемента указан по уровням через «/» в порядке перечисления уровней.')
    # ---- planted errors
    sh = ws.title
    # 1 Th13
    p = pats[2]; row = rows_of[p['pid']]; cc = colmap[('Операция', 'Уровень')]
    bad = ws.cell(row, cc).value.replace(lvl(p['sessions'][0]['levels'][0]), 'Th13', 1) if p['sessions'][0]['levels'][0] != 'T12' else 'Th13'
    bad = 'Th13' if len(p['sessions'][0]['levels']) == 1 else bad
    ws.cell(row, cc, bad)
    errors.append([sh, addr(row, cc), row, 'Уровень', bad, 'impossible level Th13', p['pid']])
    # 2 pain 140 mm
    p = next(q for q in pats[5:] if (1, 'pain_vas', '1m') in q['assess']); row = rows_of[p['pid']]
    cc = colmap[('1 мес.', 'ВАШ, мм')]
    ws.cell(row, cc, 140)
    errors.append([sh, addr(row, cc), row, 'ВАШ, мм', '140', 'pain 140 mm on a 0-100 mm VAS', p['pid']])
    # 3 duplicate study ID for a different person
    p0, p1 = pats[12], pats[13]
    r0, r1 = rows_of[p0['pid']], rows_of[p1['pid']]
    cc = colmap[('Пациент', 'Шифр')]
    ws.cell(r1, cc, p0['pid'])
    errors.append([sh, addr(r1, cc), r1, 'Шифр', p0['pid'],
                   'study ID of row %d entered again for a different patient (intended %s)' % (r0, p1['pid']), p1['pid']])
    errors.append([sh, addr(r0, cc), r0, 'Шифр', p0['pid'],
                   'study ID duplicated on row %d for a different patient' % r1, p0['pid']])
    # 4 implausible cement
    p = next(q for q in pats[16:] if len(q['sessions'][0]['levels']) == 1); row = rows_of[p['pid']]
    cc = colmap[('Операция', 'Объём цемента, мл')]
    ws.cell(row, cc, '38,0')
    errors.append([sh, addr(row, cc), row, 'Объём цемента, мл', '38,0', 'implausible 38 mL of cement in one vertebra', p['pid']])
    # 5 age 7
    p = pats[20]; row = rows_of[p['pid']]; cc = colmap[('Пациент', 'Возраст, лет')]
    ws.cell(row, cc, 7)
    errors.append([sh, addr(row, cc), row, 'Возраст, лет', '7', 'age 7 impossible in this adult registry', p['pid']])
    for cc in range(1, ncol + 1):
        ws.column_dimensions[get_column_letter(cc)].width = 11
    ws.column_dimensions[get_column_letter(colmap[('Пациент', 'Ф.И.О.')])].width = 18
    ws.column_dimensions[get_column_letter(colmap[('Пациент', 'Телефон')])].width = 18
    ws.freeze_panes = ws.cell(H + 1, 3)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, identifiers, lambda p, s: volmode[(p['pid'], s['session'])])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
