# ---------------------------------------------------------------- common data model
import sys, os, csv
from datetime import date, timedelta
import numpy as np

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
OFF = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 90, '6m': 180, '12m': 365, '24m': 730}
JIT = {'pre': 0, '24h': 0, '1w': 2, '2w': 3, '1m': 5, '6w': 5, '3m': 10, '6m': 14, '12m': 21, '24m': 30}
FAC = {'pre': 1.0, '24h': 0.48, '1w': 0.42, '2w': 0.38, '1m': 0.34, '6w': 0.32, '3m': 0.29, '6m': 0.27, '12m': 0.26, '24m': 0.26}


def pick_levels(rng, n):
    cands = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4']
    w = np.array([1, 1, 2, 2, 3, 5, 9, 9, 5, 3, 2], float)
    w /= w.sum()
    while True:
        s = LEVELS.index(str(rng.choice(cands, p=w)))
        idx = list(range(s, s + n))
        if idx[-1] <= LEVELS.index('L5'):
            return [LEVELS[i] for i in idx]


def neighbour(rng, used):
    idxs = sorted(LEVELS.index(u) for u in used)
    opts = [idxs[0] - 1, idxs[-1] + 1, idxs[0] - 2, idxs[-1] + 2]
    opts = [o for o in opts if LEVELS.index('T4') <= o <= LEVELS.index('L5') and LEVELS[o] not in used]
    return LEVELS[opts[int(rng.integers(0, min(2, len(opts))))]]


def rnd(x, step):
    return round(round(x / step) * step, 1)


def gen(seed, ids, cfg):
    rng = np.random.default_rng(seed)
    pts = []
    for pid in ids:
        p = {'pid': pid}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        r = rng.random()
        p['etiology'] = ('osteoporotic' if r < 0.70 else 'pathologic' if r < 0.87 else 'traumatic')
        lo, hi = {'osteoporotic': (62, 93), 'pathologic': (47, 84), 'traumatic': (34, 80)}[p['etiology']]
        d0 = cfg['start'] + timedelta(days=int(rng.integers(0, cfg['span'])))
        age = int(rng.integers(lo, hi))
        b = date(d0.year - age - 1, 1, 1) + timedelta(days=int(rng.integers(0, 365)))
        age = d0.year - b.year - ((d0.month, d0.day) < (b.month, b.day))
        p['birth'], p['age'], p['d0'] = b, age, d0
        pdie = 0.4 if p['etiology'] == 'pathologic' else 0.1
        p['died'] = bool(rng.random() < pdie)
        p['death_day'] = int(rng.integers(50, 420)) if p['died'] else 10 ** 6
        if p['died'] and d0 + timedelta(days=p['death_day']) > cfg['cutoff']:
            p['death_day'] = max(20, (cfg['cutoff'] - d0).days - int(rng.integers(5, 30)))
        nl = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        lev = pick_levels(rng, nl)
        sessions = [{'n': 1, 'day': 0, 'date': d0, 'levels': lev}]
        p['fractures'] = []
        if rng.random() < 0.22:
            fd = int(rng.integers(35, 280))
            if fd < p['death_day'] - 25 and d0 + timedelta(days=fd) < cfg['cutoff']:
                fl = neighbour(rng, lev)
                p['fractures'].append((fd, fl))
                if rng.random() < 0.6:
                    sd = fd + int(rng.integers(4, 21))
                    sessions.append({'n': 2, 'day': sd, 'date': d0 + timedelta(days=sd), 'levels': [fl], 'new': True})
        if len(sessions) == 1 and rng.random() < 0.12:
            sd = int(rng.integers(21, 75))
            if sd < p['death_day'] - 20:
                sessions.append({'n': 2, 'day': sd, 'date': d0 + timedelta(days=sd), 'levels': [neighbour(rng, lev)], 'new': False})
        for s in sessions:
            kp = rng.random() < cfg['kp_rate']
            s['tech'] = 'kyphoplasty' if kp else 'vertebroplasty'
            s['vols'], s['leaks'] = [], []
            for l in s['levels']:
                thor = l.startswith('T')
                a, bb = ((2.5, 4.5) if thor else (3.5, 6.5)) if kp else ((1.8, 3.5) if thor else (2.8, 5.0))
                s['vols'].append(rnd(rng.uniform(a, bb), cfg.get('vol_step', 0.5)))
                if rng.random() < cfg.get('leak_rate', 0.25):
                    sites = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']
                    w = np.array([.35, .3, .2, .1, .05])
                    k = 2 if rng.random() < 0.15 else 1
                    ch = list(rng.choice(sites, size=k, replace=False, p=w))
                    s['leaks'].append(sorted(ch, key=sites.index))
                else:
                    s['leaks'].append([])
            s['ctype'] = cfg['ctype'](rng, s['tech'])   # (truth, label)
            s['total'] = round(sum(s['vols']), 1)
        p['sessions'] = sessions
        # assessments
        p['visits'], p['assess'] = {}, []
        for s in sessions:
            meas = cfg['meas']
            tps = []
            for m, (t1, t2) in meas.items():
                for t in (t1 if s['n'] == 1 else t2):
                    if t not in tps:
                        tps.append(t)
            tps.sort(key=lambda t: OFF[t])
            base = {'pain_vas': (rng.uniform(6.5, 10.0)), 'odi': rng.uniform(46, 86), 'mobility': int(rng.integers(0, 2))}
            for t in tps:
                if t == 'pre':
                    vd = s['date'] - timedelta(days=int(rng.integers(0, cfg.get('pre_gap', 1) + 1)))
                else:
                    j = JIT[t]
                    vd = s['date'] + timedelta(days=OFF[t] + int(rng.integers(-j, j + 1)))
                    if rng.random() < cfg.get('miss', 0.18):
                        continue
                    if (vd - d0).days >= p['death_day'] or vd > cfg['cutoff']:
                        continue
                p['visits'][(s['n'], t)] = vd
                for m, (t1, t2) in meas.items():
                    if t not in (t1 if s['n'] == 1 else t2):
                        continue
                    if m == 'pain_vas':
                        v = base[m] * FAC[t] + rng.normal(0, 0.8) if t != 'pre' else base[m]
                        if cfg.get('vas_mm'):
                            raw = int(min(100, max(0, round(v * 10))))
                            val = raw / 10
                        else:
                            raw = int(min(10, max(0, round(v))))
                            val = raw
                    elif m == 'odi':
                        v = base[m] * (0.38 + 0.62 * FAC[t]) + rng.normal(0, 4) if t != 'pre' else base[m]
                        raw = int(min(100, max(0, round(v / 2) * 2)))
                        val = raw
                    else:
                        raw = base[m] if t == 'pre' else int(min(3, base[m] + (1 if t == '24h' else 2) - (rng.random() < 0.2)))
                        val = raw
                    p['assess'].append({'session': s['n'], 'measure': m, 'tp': t, 'raw': raw, 'value': val, 'date': vd})
        pts.append(p)
    return pts


def A(p, s, m, t):
    for a in p['assess']:
        if a['session'] == s and a['measure'] == m and a['tp'] == t:
            return a
    return None


def fmtnum(x):
    return ('%g' % x) if x is not None else ''


def write_truth(outdir, pts, errors, idents, cfg):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    rec = cfg.get('record', {})
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if rec.get('sex', 1) else '', p['age'] if rec.get('age', 1) else '',
        p['etiology'] if rec.get('etiology', 1) else '',
        ('yes' if p['died'] else 'no') if rec.get('died', 1) else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            multi = len(s['levels']) > 1
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                if cfg['vol_mode'] == 'level' or not multi:
                    cv, sv = fmtnum(v), ''
                else:
                    cv, sv = '', fmtnum(s['total'])
                rows.append([p['pid'], s['n'], s['day'], l, s['tech'], cv, sv,
                             s['ctype'][0] if rec.get('ctype', 1) else '',
                             ';'.join(lk) if lk else 'none'])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'],
      [[p['pid'], a['session'], a['measure'], a['tp'], fmtnum(a['value'])] for p in pts for a in p['assess']])
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['pid'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, irows = set(), []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v))
            irows.append([k, v])
    w('identifiers.csv', ['kind', 'value'], irows)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- site specific
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from datetime import datetime

SEED = 1503


def ctype(rng, tech):
    if tech == 'kyphoplasty':
        return ('PMMA', 'KyphOn HV-R')
    return ('PMMA', 'Osteopal V') if rng.random() < 0.6 else ('PMMA', 'Vertecem V+')


CFG = dict(start=date(2021, 9, 1), span=640, cutoff=date(2024, 10, 15), kp_rate=0.3, vol_step=0.5,
           vol_mode='level', miss=0.2, pre_gap=2,
           meas={'pain_vas': (['pre', '24h', '1m', '3m', '12m'], ['pre', '24h']),
                 'odi': (['pre', '3m', '12m'], ['pre'])}, ctype=ctype)

SUR_F = ['Хайруллина', 'Иванова', 'Сафина', 'Гарипова', 'Петрова', 'Зиннатуллина', 'Смирнова', 'Валиева', 'Николаева',
         'Ахметова', 'Кузнецова', 'Мухаметзянова', 'Фёдорова', 'Садыкова', 'Шарафутдинова', 'Егорова', 'Миннуллина', 'Павлова',
         'Нуриева', 'Соколова', 'Гайнуллина', 'Морозова']
SUR_M = ['Галиев', 'Зиннатуллин', 'Иванов', 'Сафин', 'Хабибуллин', 'Петров', 'Валеев', 'Николаев', 'Ахмадуллин']
INIT = 'АВГДЗИЛМНРСТФЭ'
TECH = {'kyphoplasty': 'КП (баллонная кифопластика)', 'vertebroplasty': 'ВП (вертебропластика)'}
LEAK = {'disc': 'в межпозвонковый диск', 'venous': 'в вены', 'paravertebral': 'паравертебрально',
        'epidural': 'эпидурально', 'foraminal': 'в фораминальное отверстие'}
TPL = {(1, 'pre'): 'до операции', (1, '24h'): '1-е сутки', (1, '1m'): '1 мес.', (1, '3m'): '3 мес.',
       (1, '12m'): '12 мес.', (2, 'pre'): 'до 2-й операции', (2, '24h'): '1-е сутки после 2-й операции'}


def rulev(l):
    return 'Th' + l[1:] if l.startswith('T') else l


def ddmm(d):
    return d.strftime('%d.%m.%Y')


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    ids = ['К-%02d' % i for i in range(1, 23)]
    pts = gen(SEED, ids, CFG)
    rng = np.random.default_rng(SEED + 7)
    idents = []
    wb = Workbook()
    reg = wb.active
    reg.title = 'Реестр'
    reg['A1'] = 'Реестр пациентов — вертебропластика / кифопластика (исследование ВП-2021)'
    reg['A1'].font = Font(bold=True, size=12)
    reg['A3'], reg['B3'], reg['C3'], reg['D3'] = '№ п/п', 'Шифр', 'ФИО', 'Лист'
    thin = Side(style='thin')
    bd = Border(top=thin, bottom=thin, left=thin, right=thin)
    bold = Font(bold=True)
    errors = []
    where = {}
    sheets = {}
    for k, p in enumerate(pts):
        fem = p['sex'] == 'female'
        sur = SUR_F[k % len(SUR_F)] if fem else SUR_M[k % len(SUR_M)]
        fio = '%s %s.%s.' % (sur, INIT[int(rng.integers(0, len(INIT)))], INIT[int(rng.integers(0, len(INIT)))])
        ib = '%d/%d' % (int(rng.integers(1000, 29999)), p['d0'].year % 100)
        idents += [('name', fio), ('record_number', ib), ('birth_date', ddmm(p['birth']))]
        reg.append([k + 1, p['pid'], fio, p['pid']])
        ws = wb.create_sheet(p['pid'])
        sheets[p['pid']] = ws
        ws['A1'] = 'КАРТА НАБЛЮДЕНИЯ ПАЦИЕНТА'
        ws['A1'].font = Font(bold=True, size=13)
        ws.merge_cells('A1:G1')
        ws['A2'] = 'Нейрохирургическое отделение №2, РКБ (г. Казань)'
        ws.merge_cells('A2:G2')
        if p['etiology'] == 'osteoporotic':
            dx = 'Остеопороз. Компрессионный перелом тела ' + ', '.join(rulev(l) for l in p['sessions'][0]['levels'])
        elif p['etiology'] == 'traumatic':
            dx = 'Травматический компрессионный перелом ' + ', '.join(rulev(l) for l in p['sessions'][0]['levels']) + ' (падение с высоты)'
        else:
            dx = str(rng.choice(['Метастатическое поражение позвоночника (рак молочной железы)', 'Множественная миелома',
                                 'Метастазы рака почки в позвоночник', 'Метастазы рака лёгкого']))
        info = [('Шифр пациента:', p['pid']), ('ФИО:', fio), ('№ истории болезни:', ib), ('Дата рождения:', ddmm(p['birth'])),
                ('Пол:', 'ж' if fem else 'м'), ('Возраст, лет:', p['age']), ('Диагноз:', dx)]
        r = 4
        for lab, v in info:
            ws.cell(r, 1, lab).font = bold
            ws.cell(r, 2, v)
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=5)
            where[(p['pid'], lab)] = r
            r += 1
        r += 1
        ws.cell(r, 1, 'ОПЕРАЦИИ').font = bold
        r += 1
        oh = ['№ опер.', 'Дата', 'Уровень', 'Методика', 'Цемент', 'Объём цемента, мл', 'Экстравазация цемента']
        for c, h in enumerate(oh, 1):
            ws.cell(r, c, h).font = bold
            ws.cell(r, c).border = bd
            ws.cell(r, c).fill = PatternFill('solid', fgColor='E2EFDA')
        r += 1
        for s in p['sessions']:
            sr = r
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                ws.cell(r, 3, rulev(l))
                ws.cell(r, 6, ('%g' % v).replace('.', ','))
                ws.cell(r, 7, 'нет' if not lk else ', '.join(LEAK[x] for x in lk))
                where[(p['pid'], s['n'], l)] = r
                r += 1
            ws.cell(sr, 1, s['n'])
            c = ws.cell(sr, 2, datetime(s['date'].year, s['date'].month, s['date'].day))
            c.number_format = 'DD.MM.YYYY'
            ws.cell(sr, 4, TECH[s['tech']])
            ws.cell(sr, 5, s['ctype'][1])
            if r - sr > 1:
                for cc in (1, 2, 4, 5):
                    ws.merge_cells(start_row=sr, start_column=cc, end_row=r - 1, end_column=cc)
            for rr in range(sr, r):
                for cc in range(1, 8):
                    ws.cell(rr, cc).border = bd
                    ws.cell(rr, cc).alignment = Alignment(vertical='top', wrap_text=True)
        r += 1
        ws.cell(r, 1, 'НАБЛЮДЕНИЕ').font = bold
        r += 1
        fh = ['Срок', 'Дата осмотра', 'ВАШ (0–10)', 'ODI, %', 'Примечание']
        for c, h in enumerate(fh, 1):
            ws.cell(r, c, h).font = bold
            ws.cell(r, c).border = bd
            ws.cell(r, c).fill = PatternFill('solid', fgColor='E2EFDA')
        r += 1
        for s in p['sessions']:
            for t in (['pre', '24h', '1m', '3m', '12m'] if s['n'] == 1 else ['pre', '24h']):
                nominal = s['date'] + timedelta(days=OFF[t])
                if (nominal - p['d0']).days >= p['death_day'] or nominal > CFG['cutoff']:
                    continue
                ws.cell(r, 1, TPL[(s['n'], t)])
                if (s['n'], t) in p['visits']:
                    ws.cell(r, 2, ddmm(p['visits'][(s['n'], t)]))
                    a = A(p, s['n'], 'pain_vas', t)
                    o = A(p, s['n'], 'odi', t)
                    ws.cell(r, 3, a['raw'] if a else None)
                    ws.cell(r, 4, o['raw'] if o else '—')
                else:
                    ws.cell(r, 2, 'не явилась' if fem else 'не явился')
                    ws.cell(r, 5, str(rng.choice(['телефон не отвечает', 'отказ от визита', 'живёт в районе, не приехала' if fem else 'живёт в районе, не приехал'])))
                where[(p['pid'], 'v', s['n'], t)] = r
                for cc in range(1, 6):
                    ws.cell(r, cc).border = bd
                r += 1
        r += 1
        ws.cell(r, 1, 'Новые переломы:').font = bold
        if p['fractures']:
            ws.cell(r, 2, '; '.join('%s — выявлен %s' % (rulev(l), ddmm(p['d0'] + timedelta(days=d))) for d, l in p['fractures']))
        else:
            ws.cell(r, 2, 'нет')
        r += 1
        ws.cell(r, 1, 'Исход:').font = bold
        if p['died']:
            ws.cell(r, 2, ('умерла ' if fem else 'умер ') + ddmm(p['d0'] + timedelta(days=p['death_day'])))
        else:
            ws.cell(r, 2, 'жива' if fem else 'жив')
        if len(p['sessions']) > 1 and not p['sessions'][1].get('new'):
            r += 1
            ws.cell(r, 1, 'Комментарий:').font = bold
            ws.cell(r, 2, '2-я операция — второй этап (старый перелом %s), не новый перелом' % rulev(p['sessions'][1]['levels'][0]))
        ws.column_dimensions['A'].width = 26
        ws.column_dimensions['B'].width = 14
        ws.column_dimensions['C'].width = 11
        ws.column_dimensions['D'].width = 28
        ws.column_dimensions['E'].width = 26
        ws.column_dimensions['F'].width = 12
        ws.column_dimensions['G'].width = 26
    reg.column_dimensions['C'].width = 26
    reg.cell(reg.max_row + 2, 1, 'ВАШ — визуально-аналоговая шкала, баллы 0–10. ODI — индекс Освестри, %.')

    used = set()

    def plant(pid, row, col, value, what, header):
        ws = sheets[pid]
        ws.cell(row, col, value)
        used.add(pid)
        errors.append([ws.title, '%s%d' % (col_letter(col), row), row, header, value, what, pid])

    p = pts[3]
    plant(p['pid'], where[(p['pid'], 'Возраст, лет:')], 2, 210, 'age 210 years', 'Возраст, лет:')
    cand = [q for q in pts if len(q['sessions']) == 1 and q['pid'] not in used]
    q = cand[4]
    plant(q['pid'], where[(q['pid'], 1, q['sessions'][0]['levels'][0])], 3, 'Th14', 'impossible vertebral level Th14', 'Уровень')
    cand = [q for q in pts if (1, '3m') in q['visits'] and q['pid'] not in used]
    q = cand[2]
    d = q['visits'][(1, '3m')]
    plant(q['pid'], where[(q['pid'], 'v', 1, '3m')], 2, '31.02.%d' % d.year, 'impossible date 31 February', 'Дата осмотра')
    cand = [q for q in pts if (1, '1m') in q['visits'] and q['pid'] not in used]
    q = cand[5]
    plant(q['pid'], where[(q['pid'], 'v', 1, '1m')], 3, 15, 'VAS 15 on a 0-10 scale', 'ВАШ (0–10)')
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, CFG)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
