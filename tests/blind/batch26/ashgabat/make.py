# ---------------------------------------------------------------------------
# shared cohort generator (copied verbatim into each site's make.py)
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365}
TP_JIT = {'pre': 0, '24h': 0, '1w': 2, '2w': 3, '6w': 5, '1m': 5, '3m': 10,
          '6m': 14, '12m': 20}


def gen_cohort(seed, n, first, last, tps, cutoff, kypho_p=0.5, cement=('PMMA',),
               cement_p=None, cement_blank_p=0.05, vas_step=1.0, odi_tps=(),
               mobility_tps=(), leak_mode='level', miss_p=0.12, p_second=0.6,
               vol_step=0.5):
    rng = random.Random(seed)
    pts = []
    span = (last - first).days
    for i in range(n):
        p = {'idx': i}
        p['sex'] = 'female' if rng.random() < 0.68 else 'male'
        et = rng.choices(['osteoporotic', 'metastasis', 'myeloma', 'traumatic',
                          'haemangioma'], [58, 16, 8, 13, 5])[0]
        if i == 1:
            et = 'metastasis'
        if i == 2:
            et = 'myeloma'
        p['et'] = et
        p['etiology'] = {'metastasis': 'pathologic', 'myeloma': 'pathologic',
                         'haemangioma': 'other'}.get(et, et)
        if et == 'osteoporotic':
            p['age'] = rng.randint(62, 90)
        elif et == 'traumatic':
            p['age'] = rng.randint(45, 80)
        else:
            p['age'] = rng.randint(50, 82)
        d0 = first + dt.timedelta(days=rng.randint(0, span))
        p['d0'] = d0
        # birth date consistent with age at first op
        by = d0.year - p['age'] - 1
        bd = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        if (d0 - bd).days // 365.2425 < p['age'] or True:
            # choose a birthday that gives exactly age
            while True:
                bd = dt.date(d0.year - p['age'] - rng.choice([0, 1]),
                             rng.randint(1, 12), rng.randint(1, 28))
                a = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
                if a == p['age']:
                    break
        p['birth'] = bd
        # --- session 1
        sessions = []

        def mk_session(sno, day, levels):
            tech = 'kyphoplasty' if rng.random() < kypho_p else 'vertebroplasty'
            vols = []
            for lv in levels:
                base = 2.5 if lv.startswith('T') and int(lv[1:]) < 10 else 3.5
                if tech == 'kyphoplasty':
                    base += 1.0
                v = base + rng.choice([-1.0, -0.5, 0, 0, 0.5, 1.0, 1.5])
                v = round(round(v / vol_step) * vol_step, 1)
                vols.append(v)
            if rng.random() < cement_blank_p:
                ct = ''
            else:
                ct = rng.choices(list(cement), cement_p)[0] if cement_p else cement[0]
            leaks = []
            opts = ['none'] * 14 + ['disc'] * 2 + ['venous'] * 2 + ['paravertebral', 'epidural', 'disc;venous']
            if leak_mode == 'session':
                if len(levels) == 1:
                    leaks = [rng.choice(opts)]
                else:
                    leaks = ['none'] * len(levels)
            else:
                leaks = [rng.choice(opts) for _ in levels]
            return {'session': sno, 'day': day, 'date': d0 + dt.timedelta(days=day),
                    'levels': levels, 'tech': tech, 'vols': vols, 'cement': ct,
                    'leaks': leaks}

        nlev = rng.choices([1, 2, 3], [60, 30, 10])[0]
        if p['etiology'] == 'pathologic':
            nlev = rng.choices([1, 2, 3], [40, 35, 25])[0]
        centre_pool = ['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'L4']
        c = LEVELS.index(rng.choice(centre_pool))
        c = min(c, LEVELS.index('L5') - nlev + 1)
        levels = LEVELS[c:c + nlev]
        sessions.append(mk_session(1, 0, levels))
        # --- new fracture / second op
        p['fractures'] = []
        if rng.random() < 0.3 or i == 3:
            fday = rng.randint(35, 300)
            lo, hi = LEVELS.index(levels[0]), LEVELS.index(levels[-1])
            cand = [LEVELS[lo - 1]] if lo - 1 >= LEVELS.index('T4') else []
            if hi + 1 <= LEVELS.index('L5'):
                cand.append(LEVELS[hi + 1])
            flv = rng.choice(cand)
            p['fractures'].append((fday, flv))
            if rng.random() < p_second or i == 3:
                sday = fday + rng.randint(5, 25)
                sessions.append(mk_session(2, sday, [flv]))
        p['sessions'] = sessions
        # --- death
        last_op = sessions[-1]['day']
        pdie = 0.45 if p['etiology'] == 'pathologic' else 0.08
        if i == 1:
            pdie = 1.0
        p['death_day'] = None
        if rng.random() < pdie:
            p['death_day'] = last_op + rng.randint(40, 330)
        p['died'] = p['death_day'] is not None and d0 + dt.timedelta(days=p['death_day']) <= cutoff
        if not p['died']:
            p['death_day'] = None
        p['fractures'] = [(fd, fl) for fd, fl in p['fractures']
                          if (p['death_day'] is None or fd < p['death_day'])
                          and d0 + dt.timedelta(days=fd) <= cutoff]
        # --- assessments
        p['visits'] = []   # dicts: session, tp, date, day, vals{}, missed
        for s in sessions:
            base = rng.choice([7, 7.5, 8, 8, 8.5, 9, 9, 10]) if vas_step == 0.5 else rng.choice([7, 8, 8, 9, 9, 10])
            odi0 = rng.randint(48, 82)
            for tp in tps:
                if tp == 'pre':
                    vday = s['day'] - rng.randint(0, 2)
                else:
                    vday = s['day'] + TP_DAYS[tp] + rng.randint(-TP_JIT[tp], TP_JIT[tp])
                vdate = d0 + dt.timedelta(days=vday)
                if vdate > cutoff:
                    continue
                if s['session'] == 1 and len(sessions) > 1 and tp != 'pre' and vday >= sessions[1]['day'] - 3:
                    continue
                if p['death_day'] is not None and vday >= p['death_day']:
                    p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                        'date': vdate, 'vals': {}, 'missed': False,
                                        'dead': True})
                    continue
                missed = tp not in ('pre', '24h') and rng.random() < miss_p
                vals = {}
                if not missed:
                    k = {'pre': 0, '24h': 1, '1w': 2, '2w': 2.5, '6w': 3, '1m': 3, '3m': 4,
                         '6m': 4.5, '12m': 5}[tp]
                    if tp == 'pre':
                        v = base
                    else:
                        drop = {1: 4, 2: 4.5, 2.5: 5, 3: 5, 4: 5.5, 4.5: 5.5, 5: 5.5}[k]
                        v = base - drop + rng.choice([-1, -0.5, 0, 0, 0.5, 1, 1.5])
                        if p['etiology'] == 'pathologic' and tp in ('6m', '12m'):
                            v += 1
                    v = max(0, min(10, round(v / vas_step) * vas_step))
                    vals['pain_vas'] = float(v)
                    if tp in odi_tps:
                        o = odi0 if tp == 'pre' else odi0 - rng.randint(14, 28) - (2 * k)
                        vals['odi'] = int(max(8, min(100, round(o))))
                    if tp in mobility_tps:
                        m = rng.choice([3, 3, 4]) if tp == 'pre' else max(0, rng.choice([3, 2, 2, 1]) - int(k // 2))
                        vals['mobility'] = int(m)
                p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                    'date': vdate, 'vals': vals, 'missed': missed,
                                    'dead': False})
        pts.append(p)
    return pts


def fmt_num(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%.1f' % v)


def write_truth(pts, errors, identifiers, vol_mode='level'):
    """vol_mode: 'level' -> per-vertebra volumes; 'session' -> session totals;
    or a callable(p, s) returning 'level'/'session'/'none'."""
    td = os.path.join(HERE, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            mode = vol_mode(p, s) if callable(vol_mode) else vol_mode
            tot = fmt_num(round(sum(s['vols']), 1))
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], s['session'], s['day'], lv, s['tech'],
                             fmt_num(v) if mode == 'level' else '',
                             tot if mode == 'session' else '',
                             s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    rows = []
    for p in pts:
        for v in p['visits']:
            for m in ('pain_vas', 'odi', 'mobility'):
                if m in v['vals']:
                    rows.append([p['pid'], v['session'], m, v['tp'], fmt_num(v['vals'][m])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pts for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v))
            ids.append([k, v])
    w('identifiers.csv', ['kind', 'value'], ids)


def col_letter(n):  # 1-based
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------

# ===========================================================================
# Ashgabat: Turkmen (Latin) + Russian, one sheet per visit + operations sheet
# ===========================================================================
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side

SEED = 2633
rng = random.Random(SEED + 1)
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
pts = gen_cohort(SEED, 16, dt.date(2021, 2, 1), dt.date(2022, 6, 30), TPS,
                 cutoff=dt.date(2023, 6, 30), kypho_p=0.3, cement=('PMMA',),
                 cement_blank_p=0.1, vas_step=0.5, odi_tps=('pre', '3m', '12m'),
                 mobility_tps=tuple(TPS), miss_p=0.12)
pts.sort(key=lambda p: p['d0'])
for i, p in enumerate(pts):
    p['idx'] = i
    p['pid'] = 'OŇ-%02d' % (i + 1)


def dmy(d):
    return d.strftime('%d.%m.%Y')


def dec(v):
    t = fmt_num(v).replace('.', ',')
    return t


CYR = {'T': 'Т', 'L': 'Л'}


def lvl(lv):
    x = rng.random()
    if x < 0.55:
        return lv
    if x < 0.75 and lv.startswith('T'):
        return 'Th' + lv[1:]
    return CYR.get(lv[0], lv[0]) + lv[1:]


ET = {'osteoporotic': ['Остеопороз', 'osteoporoz', 'Остеопоротический перелом'],
      'metastasis': ['Mts рака молочной железы', 'Метастаз (рак лёгкого)', 'Mts (рак простаты)'],
      'myeloma': ['Миеломная болезнь', 'Множественная миелома'],
      'traumatic': ['Травма (падение)', 'şikes (ýykylma)'],
      'haemangioma': ['Гемангиома позвонка']}
LEAK = {'none': ['ýok', 'ýok', 'нет', '-'], 'disc': ['diske', 'в диск'], 'venous': ['wena', 'венозная'],
        'paravertebral': ['paravertebral', 'паравертебрально'], 'epidural': ['epidural', 'эпидурально'],
        'disc;venous': ['diske + wena']}
NAMES_F = ['Ogulgerek', 'Bägül', 'Maýsa', 'Jemal', 'Gülnara', 'Ogulbibi', 'Tylla', 'Aýna', 'Enejan']
NAMES_M = ['Myrat', 'Annaguly', 'Berdimyrat', 'Döwlet', 'Serdar', 'Orazmyrat', 'Batyr']
SUR = ['Annaýew', 'Orazow', 'Atayew', 'Hojamuradow', 'Gurbanow', 'Amanow', 'Çaryýew', 'Nurýagdyýew',
       'Saparow', 'Rejepow', 'Babaýew', 'Meredow', 'Öwezow', 'Garaýew', 'Hydyrow', 'Durdyýew']

used = set()


def pick(cond):
    for p in pts[4:]:
        if p['pid'] not in used and cond(p):
            used.add(p['pid'])
            return p
    raise RuntimeError


def has(p, tp, key='pain_vas', sess=1):
    return any(v['tp'] == tp and key in v['vals'] and v['session'] == sess for v in p['visits'])


e_lvl = pick(lambda p: p['sessions'][0]['levels'][0].startswith('T'))
e_vol = pick(lambda p: True)
e_date = pick(lambda p: has(p, '6m'))
e_odi = pick(lambda p: has(p, '3m', 'odi'))

thin = Side(style='thin', color='808080')
BOX = Border(left=thin, right=thin, top=thin, bottom=thin)
HEAD = PatternFill('solid', fgColor='FFF2CC')
wb = Workbook()
ws = wb.active
ws.title = 'Operasiýalar'
ws['A1'] = 'Halkara saglyk merkezi — Neýrohirurgiýa bölümi'
ws['A2'] = 'Wertebroplastika / kifoplastika — operasiýalaryň sanawy (Список операций) 2021–2022'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'].font = Font(bold=True)
hdr = ['№', 'Näsagyň kody', 'F.A.A. (Ф.И.О.)', 'Kesel taryhy №', 'Doglan senesi', 'Jynsy', 'Ýaşy',
       'Diagnoz', 'Gezek', 'Operasiýa senesi', 'Oňurga (уровень)', 'Usul', 'Sement, ml',
       'Sementiň görnüşi', 'Syzma (утечка)', 'Bellik (примечание)']
for j, h in enumerate(hdr, 1):
    c = ws.cell(row=4, column=j, value=h)
    c.font = Font(bold=True)
    c.fill = HEAD
    c.border = BOX
    c.alignment = Alignment(wrap_text=True)
errors, ids = [], []
r = 5
n = 0
for k, p in enumerate(pts):
    name = '%s %s' % (SUR[k % len(SUR)] + ('a' if p['sex'] == 'female' else ''),
                      rng.choice(NAMES_F if p['sex'] == 'female' else NAMES_M))
    kt = '%d/%02d' % (rng.randint(100, 2999), p['d0'].year % 100)
    for s in p['sessions']:
        first = True
        for li, (lv, vol, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
            n += 1
            ws.cell(row=r, column=1, value=n)
            if first and s['session'] == 1:
                ws.cell(row=r, column=2, value=p['pid'])
                ws.cell(row=r, column=3, value=name)
                ws.cell(row=r, column=4, value=kt)
                ws.cell(row=r, column=5, value=dmy(p['birth']))
                sx = rng.choice(['a', 'ж']) if p['sex'] == 'female' else rng.choice(['e', 'м'])
                ws.cell(row=r, column=6, value=sx)
                ws.cell(row=r, column=7, value=p['age'])
                ws.cell(row=r, column=8, value=rng.choice(ET[p['et']]))
                ids += [('name', name), ('medical_record_number', kt), ('birth_date', dmy(p['birth']))]
                notes = []
                for fd, fl in p['fractures']:
                    notes.append('täze döwük %s — %s (MRT)' % (fl, dmy(p['d0'] + dt.timedelta(days=fd))))
                if p['died']:
                    notes.append('aradan çykdy %s' % dmy(p['d0'] + dt.timedelta(days=p['death_day'])))
                if notes:
                    ws.cell(row=r, column=16, value='; '.join(notes))
            elif first:
                ws.cell(row=r, column=2, value=p['pid'])
                ws.cell(row=r, column=16, value='gaýtadan operasiýa (повторная)')
            if first:
                ws.cell(row=r, column=9, value=s['session'])
                ws.cell(row=r, column=10, value=dmy(s['date']))
                ws.cell(row=r, column=12, value=rng.choice(
                    ['KP', 'КП', 'kifoplastika'] if s['tech'] == 'kyphoplasty' else ['WP', 'ВП', 'wertebroplastika', 'ВП']))
                ws.cell(row=r, column=14, value={'PMMA': rng.choice(['PMMA', 'ПММА']), '': None}[s['cement']])
            first = False
            if p is e_lvl and s['session'] == 1 and li == 0:
                ws.cell(row=r, column=11, value='Т13')
                errors.append(['Operasiýalar', 'K%d' % r, r, 'Oňurga (уровень)', 'Т13',
                               'impossible level T13 (written with Cyrillic Т); there are 12 thoracic vertebrae; should be %s' % lv, p['pid']])
            else:
                ws.cell(row=r, column=11, value=lvl(lv))
            if p is e_vol and s['session'] == 1 and li == 0:
                bad = fmt_num(vol * 10)
                ws.cell(row=r, column=13, value=float(bad))
                errors.append(['Operasiýalar', 'M%d' % r, r, 'Sement, ml', bad,
                               '%s ml of cement in one vertebra is impossible (decimal comma lost); should be %s ml' % (bad, dec(vol)), p['pid']])
            else:
                ws.cell(row=r, column=13, value=dec(vol) if (rng.random() < 0.6 and vol != int(vol)) else float(vol))
            ws.cell(row=r, column=15, value=rng.choice(LEAK[lk]))
            for j in range(1, 17):
                ws.cell(row=r, column=j).border = BOX
            r += 1
ws.cell(row=r + 1, column=1, value='Gysgaltmalar: WP/ВП — wertebroplastika, KP/КП — kifoplastika (баллонная). Boş öýjük — ýokardaky setir bilen birmeňzeş (пустая ячейка = как выше).')
ws.cell(row=r + 2, column=1, value='Jynsy: e/м — erkek, a/ж — aýal. Gezek 2 — gaýtadan operasiýa (повторная операция).')
for col, w in zip('ABCDEFGHIJKLMNOP', [4, 10, 26, 11, 12, 6, 6, 26, 6, 12, 10, 14, 9, 10, 14, 44]):
    ws.column_dimensions[col].width = w

SHEETS = [('pre', 'Operasiýadan öň'), ('24h', '24 sagat'), ('1m', '1 aý'), ('3m', '3 aý'),
          ('6m', '6 aý'), ('12m', '12 aý')]
for tp, sname in SHEETS:
    ws = wb.create_sheet(sname)
    ws['A1'] = 'Barlag: %s  (ВАШ 0–10, ODI %%, Hereket 0–4)' % sname
    ws['A1'].font = Font(bold=True)
    cols = ['Näsagyň kody', 'Gezek', 'Barlag senesi', 'VAS (ВАШ)']
    if tp in ('pre', '3m', '12m'):
        cols.append('ODI, %')
    cols += ['Hereket (0–4)', 'Bellik']
    for j, h in enumerate(cols, 1):
        c = ws.cell(row=3, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = HEAD
    ci = {h: j for j, h in enumerate(cols, 1)}
    r = 4
    rows = [(p, v) for p in pts for v in p['visits'] if v['tp'] == tp]
    rows.sort(key=lambda pv: (pv[0]['idx'], pv[1]['session']))
    for p, v in rows:
        ws.cell(row=r, column=1, value=p['pid'])
        ws.cell(row=r, column=2, value=v['session'])
        if v['dead']:
            ws.cell(row=r, column=ci['Bellik'], value=rng.choice(['aradan çykdy', 'умер']))
            for j in range(1, len(cols) + 1):
                ws.cell(row=r, column=j).fill = PatternFill('solid', fgColor='BFBFBF')
            r += 1
            continue
        if v['missed']:
            ws.cell(row=r, column=ci['Bellik'], value=rng.choice(['gelmedi', 'не явился', 'gelmedi (telefon jogap bermedi)']))
            r += 1
            continue
        d = v['date']
        if p is e_date and tp == '6m' and v['session'] == 1:
            bad = '31.06.%d' % d.year
            ws.cell(row=r, column=3, value=bad)
            errors.append([sname, 'C%d' % r, r, 'Barlag senesi', bad,
                           'impossible date: June has 30 days; visit was on %s' % dmy(d), p['pid']])
        else:
            if rng.random() < 0.3:
                c = ws.cell(row=r, column=3, value=dt.datetime(d.year, d.month, d.day))
                c.number_format = 'DD.MM.YYYY'
            else:
                ws.cell(row=r, column=3, value=dmy(d))
        vas = v['vals']['pain_vas']
        ws.cell(row=r, column=4, value=dec(vas) if vas != int(vas) else int(vas))
        if 'odi' in v['vals']:
            if p is e_odi and tp == '3m' and v['session'] == 1:
                ws.cell(row=r, column=ci['ODI, %'], value=120)
                errors.append([sname, '%s%d' % (col_letter(ci['ODI, %']), r), r, 'ODI, %', '120',
                               'ODI 120%% is outside the 0-100%% scale; should be %d' % v['vals']['odi'], p['pid']])
            else:
                ws.cell(row=r, column=ci['ODI, %'], value=v['vals']['odi'])
        if 'mobility' in v['vals']:
            ws.cell(row=r, column=ci['Hereket (0–4)'], value=v['vals']['mobility'])
        r += 1
    ws.cell(row=r + 1, column=1, value='Hereket: 0 — özbaşdak ýöreýär, 1 — hasa bilen, 2 — ýöreýiş enjamy, 3 — oturgyçda, 4 — ýatýar.')
    ws.cell(row=r + 2, column=1, value='Gezek 2 bolsa möhlet gaýtadan operasiýadan hasaplanýar (срок от повторной операции).')
    for col in 'ABCDEFG':
        ws.column_dimensions[col].width = 14

wb.save(os.path.join(HERE, 'input.xlsx'))
write_truth(pts, errors, ids, vol_mode='level')
print('ashgabat: %d patients, %d errors' % (len(pts), len(errors)))
