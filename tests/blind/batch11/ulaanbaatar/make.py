import sys, os, csv, datetime as dt
import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(OUT, 'truth'), exist_ok=True)
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']


def gen(seed, n, start, span_days, fu_tps, tech_p=0.6, id_fmt='P{:03d}', id_start=1,
        p2=0.2, pfx=0.18, pdie=0.12, cements=('PMMA',), vol_per_level=True):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        pid = id_fmt.format(id_start + i)
        sex = 'female' if rng.random() < 0.68 else 'male'
        et = rng.choice(['osteoporotic'] * 6 + ['pathologic'] * 2 + ['traumatic'])
        age = int(rng.integers(52, 91)) if et != 'traumatic' else int(rng.integers(38, 80))
        died = 'yes' if rng.random() < pdie else 'no'
        d1 = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        sessions = []
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        c = int(rng.integers(5, len(SPINE) - nlev))
        levels = SPINE[c:c + nlev]
        used = set(levels)

        def mk_session(day, levels):
            tech = 'vertebroplasty' if rng.random() < tech_p else 'kyphoplasty'
            vols = [round(float(rng.uniform(1.5, 3.5) if lv.startswith('T') and int(lv[1:]) < 10
                                else rng.uniform(2.5, 6.0)) * 2) / 2 for lv in levels]
            leak = []
            for lv in levels:
                r = rng.random()
                leak.append('none' if r < 0.72 else ';'.join(sorted(set(rng.choice(LEAKS, size=int(rng.integers(1, 3)), replace=True)), key=LEAKS.index)))
            ct = str(rng.choice(list(cements)))
            return dict(day=day, date=d1 + dt.timedelta(days=day), levels=levels, tech=tech,
                        vols=vols, svol=round(sum(vols), 1), cement=ct, leak=leak)
        sessions.append(mk_session(0, levels))
        if rng.random() < p2:
            cand = [x for x in SPINE[5:] if x not in used]
            lv2 = [str(rng.choice(cand))]
            used |= set(lv2)
            sessions.append(mk_session(int(rng.integers(21, 120)), lv2))
        # pain
        pain = {}
        for s_i, s in enumerate(sessions, 1):
            pre = int(rng.integers(6, 11))
            pain[(s_i, 'pre')] = pre
            cur = pre
            tps = fu_tps if s_i == 1 else fu_tps[:1]
            for tp in tps:
                cur = max(0, cur - int(rng.integers(0, 4)))
                if rng.random() < 0.82:
                    pain[(s_i, tp)] = cur
        fx = []
        if rng.random() < pfx:
            cand = [x for x in SPINE[3:] if x not in used]
            fx.append((int(rng.integers(30, 300)), str(rng.choice(cand))))
        pts.append(dict(pid=pid, sex=sex, age=age, et=str(et), died=died, sessions=sessions,
                        pain=pain, fx=fx, rng_extra=float(rng.random())))
    return pts


def wcsv(name, header, rows):
    with open(os.path.join(OUT, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def write_truth(pts, errors, idents, per_level=True, sex=True, age=True, et=True, died=True, extra_assess=()):
    wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if sex else '', p['age'] if age else '', p['et'] if et else '',
           p['died'] if died else ''] for p in pts])
    rows = []
    for p in pts:
        for si, s in enumerate(p['sessions'], 1):
            for k, lv in enumerate(s['levels']):
                multi = len(s['levels']) > 1
                cv = s['vols'][k] if (per_level or not multi) else ''
                sv = s['svol'] if (not per_level and multi) else ''
                rows.append([p['pid'], si, s['day'], lv, s['tech'], cv, sv, s['cement'], s['leak'][k]])
    wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                            'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for (si, tp), v in p['pain'].items():
            rows.append([p['pid'], si, 'pain_vas', tp, v])
    rows += list(extra_assess)
    wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    wcsv('fractures.csv', ['patient_id', 'day', 'level'], [[p['pid'], d, lv] for p in pts for d, lv in p['fx']])
    wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv('identifiers.csv', ['kind', 'value'], idents)


def addr(row, col):  # 1-based row, 1-based col
    s = ''
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return f'{s}{row}'

# ---------------- Ulaanbaatar: Mongolian Cyrillic, one row per patient, 2 header rows, means row, colour legend ----------------
import xlsxwriter

pts = gen(1103, 23, dt.date(2022, 2, 1), 500, ['1m', '3m', '6m'], tech_p=0.65, id_fmt='УБ-{:02d}', p2=0.15)
rng = np.random.default_rng(11031)
ET = {'osteoporotic': ['Остеопороз'], 'pathologic': ['Хавдрын үсэрхийлэл', 'Миелома'], 'traumatic': ['Гэмтэл']}
LK = {'disc': 'Дискэнд', 'epidural': 'Эпидураль', 'foraminal': 'Фораминаль', 'venous': 'Венийн', 'paravertebral': 'Паравертебраль'}
TECH = {'vertebroplasty': 'ВП', 'kyphoplasty': 'КП'}


def mn_level(lv):
    return 'Th' + lv[1:] if lv.startswith('T') else lv


def mn_date(d):
    return f'{d.year}.{d.month:02d}.{d.day:02d}'


def leak_txt(s):
    if all(x == 'none' for x in s['leak']):
        return 'Байхгүй'
    if len(s['levels']) == 1:
        return ', '.join(LK[x] for x in s['leak'][0].split(';'))
    return '; '.join(f"{mn_level(lv)}: " + ', '.join(LK[x] for x in lk.split(';')) for lv, lk in zip(s['levels'], s['leak']) if lk != 'none')


# session-2 pain is not recorded in this unit's table
extra = []
for p in pts:
    for k in [k for k in p['pain'] if k[0] > 1]:
        del p['pain'][k]
    odi = int(rng.integers(44, 86))
    p['odi'] = {'pre': odi}
    for tp in ['1m', '3m', '6m']:
        odi = max(0, odi - int(rng.integers(2, 20)))
        if (1, tp) in p['pain']:
            p['odi'][tp] = odi
    for tp, v in p['odi'].items():
        extra.append([p['pid'], 1, 'odi', tp, v])

wb = xlsxwriter.Workbook(os.path.join(OUT, 'input.xlsx'))
ws = wb.add_worksheet('Бүртгэл')
title = wb.add_format({'bold': True, 'font_size': 14})
hdr = wb.add_format({'bold': True, 'border': 1, 'align': 'center', 'valign': 'vcenter', 'text_wrap': True, 'bg_color': '#D9E1F2'})
cell = wb.add_format({'border': 1})
F_DIED = wb.add_format({'border': 1, 'bg_color': '#F4B084'})
F_REP = wb.add_format({'border': 1, 'bg_color': '#FFE699'})
F_MISS = wb.add_format({'border': 1, 'bg_color': '#BFBFBF'})
F_MEAN = wb.add_format({'border': 1, 'bold': True, 'num_format': '0.0', 'top': 2})
ws.write(0, 0, 'Улсын Хоёрдугаар Төв Эмнэлэг (жишээ) — Мэдрэлийн мэс заслын тасаг', title)
ws.write(1, 0, 'Нугаламын цементжүүлэлт (вертебропластик / кифопластик) хийлгэсэн өвчтөний бүртгэл, 2022–2023')
ws.write(2, 0, 'VAS: 0–10 оноо;  ODI: Освестри индекс, %')
H1, H2 = 4, 5   # zero-based rows (Excel rows 5 and 6)
single = [('№', 0), ('Судалгааны код', 1), ('Нас', 2), ('Хүйс', 3), ('Онош', 4)]
for h, c in single:
    ws.merge_range(H1, c, H2, c, h, hdr)
ws.merge_range(H1, 5, H1, 9, 'Мэс засал', hdr)
sub = ['Огноо', 'Нугалам', 'Арга', 'Цемент (мл)', 'Цемент алдалт']
for k, h in enumerate(sub):
    ws.write(H2, 5 + k, h, hdr)
visits = [('pre', 'Мэс заслын өмнө'), ('1m', '1 сарын дараа'), ('3m', '3 сарын дараа'), ('6m', '6 сарын дараа')]
for k, (tp, h) in enumerate(visits):
    c0 = 10 + 2 * k
    ws.merge_range(H1, c0, H1, c0 + 1, h, hdr)
    ws.write(H2, c0, 'VAS', hdr)
    ws.write(H2, c0 + 1, 'ODI', hdr)
ws.merge_range(H1, 18, H2, 18, 'Шинэ хугарал', hdr)
ws.merge_range(H1, 19, H2, 19, 'Тэмдэглэл', hdr)
bottom = ['№', 'Судалгааны код', 'Нас', 'Хүйс', 'Онош'] + sub + ['VAS', 'ODI'] * 4 + ['Шинэ хугарал', 'Тэмдэглэл']
plan = {1: 'level', 6: 'age', 11: 'vas', 16: 'cement'}
errors = []
R0 = H2 + 1
COLVALS = {}
for i, p in enumerate(pts):
    r = R0 + i
    s1 = p['sessions'][0]
    fmt = F_DIED if p['died'] == 'yes' else (F_REP if len(p['sessions']) > 1 else cell)
    row = [i + 1, p['pid'], p['age'], 'Эм' if p['sex'] == 'female' else 'Эр', str(rng.choice(ET[p['et']])),
           mn_date(s1['date']), ', '.join(mn_level(x) for x in s1['levels']), TECH[s1['tech']], s1['svol'], leak_txt(s1)]
    for tp, _ in visits:
        row += [p['pain'].get((1, tp)), p['odi'].get(tp)]
    row.append(', '.join(f"{mn_level(lv)} ({mn_date(s1['date'] + dt.timedelta(days=d))})" for d, lv in p['fx']) or '—')
    note = ''
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        lk = leak_txt(s2)
        note = (f"{mn_date(s2['date'])}-нд {mn_level(s2['levels'][0])} нугаламд {TECH[s2['tech']]} давтан хийсэн, "
                f"цемент {s2['svol']} мл, алдалт: {lk.lower()}")
    row.append(note or None)
    e = plan.get(i)
    if e == 'level':
        bad = row[6].rsplit(', ', 1)
        bad = ', '.join(bad[:-1] + ['L7' if bad[-1].startswith('L') else 'Th13'])
        row[6] = bad
        errors.append(['Бүртгэл', addr(r + 1, 7), r + 1, 'Нугалам', bad, 'vertebral level does not exist', p['pid']])
    elif e == 'age':
        row[2] = 207
        errors.append(['Бүртгэл', addr(r + 1, 3), r + 1, 'Нас', 207, 'age 207 impossible', p['pid']])
    elif e == 'vas':
        row[10] = 15
        errors.append(['Бүртгэл', addr(r + 1, 11), r + 1, 'VAS', 15, 'pre-procedure VAS 15 on a 0-10 scale', p['pid']])
    elif e == 'cement':
        row[8] = 45
        errors.append(['Бүртгэл', addr(r + 1, 9), r + 1, 'Цемент (мл)', 45, f"45 mL cement for {len(s1['levels'])} vertebra(e)", p['pid']])
    for c, v in enumerate(row):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            COLVALS.setdefault(c, []).append(v)
        if v is None:
            f = F_MISS if 10 <= c <= 17 and c % 2 == 0 and i >= 0 else fmt
            ws.write_blank(r, c, None, F_MISS if (10 <= c <= 17) else fmt)
        else:
            ws.write(r, c, v, fmt)
# means row
last = R0 + len(pts) - 1
mr = last + 1
ws.write(mr, 0, '', F_MEAN)
ws.write(mr, 1, f'Дундаж (n={len(pts)})', F_MEAN)
for c in [2, 8] + list(range(10, 18)):
    colL = addr(1, c + 1)[:-1]
    ws.write_formula(mr, c, f'=AVERAGE({colL}{R0 + 1}:{colL}{last + 1})', F_MEAN, round(float(np.mean(COLVALS[c])), 4))
ws.write(mr + 1, 1, 'Нийт цемент (мл)', F_MEAN)
ws.write_formula(mr + 1, 8, f'=SUM(I{R0 + 1}:I{last + 1})', F_MEAN, round(float(np.sum(COLVALS[8])), 4))
# colour legend beside the table
lc = 21
ws.write(H1, lc, 'Өнгөний тайлбар', wb.add_format({'bold': True}))
ws.write(H1 + 1, lc, '', F_DIED); ws.write(H1 + 1, lc + 1, 'Нас барсан')
ws.write(H1 + 2, lc, '', F_REP); ws.write(H1 + 2, lc + 1, 'Давтан мэс засал (тэмдэглэлийг үз)')
ws.write(H1 + 3, lc, '', F_MISS); ws.write(H1 + 3, lc + 1, 'Үзлэгт ирээгүй')
ws.set_column(0, 0, 4); ws.set_column(1, 1, 14); ws.set_column(4, 4, 20); ws.set_column(5, 9, 12)
ws.set_column(18, 18, 20); ws.set_column(19, 19, 60); ws.set_column(lc + 1, lc + 1, 34)
ws.freeze_panes(R0, 2)
wb.close()
for p in pts:
    for s_ in p['sessions']:
        s_['cement'] = ''   # cement type is not written in this workbook
write_truth(pts, errors, [], per_level=False, extra_assess=extra)
