# ---------------------------------------------------------------------------
# Common cohort generator (the same block is pasted into every site script so
# that each make.py stays self-contained).
# ---------------------------------------------------------------------------
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = [f'C{i}' for i in range(1, 8)] + [f'T{i}' for i in range(1, 13)] + \
         [f'L{i}' for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
TP_GAIN = {'24h': 0.6, '1w': 0.75, '2w': 0.8, '6w': 0.9, '1m': 0.9, '3m': 0.95,
           '6m': 1.0, '12m': 1.0, '24m': 1.0}
CENTRES = ['T12', 'L1', 'L1', 'T12', 'L2', 'T11', 'L3', 'T10', 'L4', 'T8', 'T9',
           'T7', 'L2', 'T12', 'L1', 'T6', 'L5', 'T5']
LEAK_ORDER = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']
LEAK_P = {'disc': 0.38, 'venous': 0.3, 'paravertebral': 0.2, 'epidural': 0.07,
          'foraminal': 0.05}


def lidx(l):
    return LEVELS.index(l)


def choose(rng, d):
    keys = list(d)
    p = np.array([d[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def pick_levels(rng, k, avoid=()):
    for _ in range(2000):
        c = lidx(CENTRES[int(rng.integers(len(CENTRES)))])
        if k == 2 and rng.random() < 0.2 and c + 2 <= lidx('L5'):
            cand = [LEVELS[c], LEVELS[c + 2]]
        else:
            s = c - int(rng.integers(0, k))
            cand = LEVELS[s:s + k]
        if len(cand) == k and all(lidx('T4') <= lidx(l) <= lidx('L5') for l in cand) \
                and not set(cand) & set(avoid):
            return cand
    raise RuntimeError('no levels')


def weekday(d):
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def rand_date(rng, start, end):
    return weekday(start + dt.timedelta(days=int(rng.integers(0, (end - start).days))))


def age_at(birth, d):
    return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))


def birth_for(rng, d, age):
    b = d - dt.timedelta(days=int(365.25 * age + rng.integers(5, 355)))
    while age_at(b, d) > age:
        b += dt.timedelta(days=20)
    while age_at(b, d) < age:
        b -= dt.timedelta(days=20)
    return b


def pain_course(rng, tps):
    pre = int(rng.choice([5, 6, 7, 7, 8, 8, 8, 9, 9, 10]))
    f = rng.uniform(0.35, 0.9) if rng.random() < 0.85 else rng.uniform(0.0, 0.3)
    out = {}
    for tp in tps:
        if tp == 'pre':
            out[tp] = pre
        else:
            v = pre * (1 - f * TP_GAIN[tp]) + rng.normal(0, 0.8)
            out[tp] = int(np.clip(round(v), 0, 10))
    return out, f


def make_session(rng, no, date, day, lv, tech, cfg, tps):
    step = cfg.get('vol_step', 0.5)
    vols = []
    for l in lv:
        lo, hi = (2.5, 6.5) if tech == 'kyphoplasty' else (1.5, 5.5)
        if l.startswith('T') and int(l[1:]) < 10:
            lo, hi = lo - 0.5, hi - 1.5
        v = round(round(rng.uniform(lo, hi) / step) * step, 1)
        vols.append(v)
    cem = cfg['cement'](rng, tech) if callable(cfg.get('cement')) else None
    leaks = []
    for l in lv:
        if rng.random() < (0.3 if tech == 'vertebroplasty' else 0.12):
            s = {choose(rng, LEAK_P)}
            if rng.random() < 0.15:
                s.add(choose(rng, LEAK_P))
            leaks.append([x for x in LEAK_ORDER if x in s])
        else:
            leaks.append([])
    pain, f = pain_course(rng, tps)
    for tp in list(pain):
        if tp == 'pre':
            if rng.random() < 0.03:
                del pain[tp]
        elif rng.random() > cfg.get('p_attend', 0.85):
            del pain[tp]
    odi = {}
    for tp in cfg.get('odi_tps', []) if no == 1 else []:
        if tp == 'pre':
            odi[tp] = int(rng.integers(20, 43)) * 2
        else:
            odi[tp] = int(np.clip(round(odi['pre'] * (1 - 0.8 * f * TP_GAIN[tp]) / 2
                                        + rng.normal(0, 2)) * 2, 0, 100))
    for tp in list(odi):
        if tp != 'pre' and tp not in pain and rng.random() < 0.7:
            del odi[tp]
    return dict(no=no, date=date, day=day, levels=lv, tech=tech, vols=vols,
                cement=cem, leaks=leaks, pain=pain, odi=odi)


def gen_cohort(rng, n, cfg):
    pats = []
    for i in range(n):
        etio = choose(rng, cfg['etio'])
        if etio == 'osteoporotic':
            age, pf = int(rng.integers(61, 94)), 0.78
        elif etio == 'pathologic':
            age, pf = int(rng.integers(44, 87)), 0.45
        elif etio == 'traumatic':
            age, pf = int(rng.integers(33, 81)), 0.4
        else:
            age, pf = int(rng.integers(45, 80)), 0.6
        sex = 'female' if rng.random() < pf else 'male'
        detail = None
        if etio == 'pathologic':
            opts = ['lung', 'myeloma', 'kidney', 'breast' if sex == 'female' else 'prostate',
                    'breast' if sex == 'female' else 'prostate', 'myeloma']
            detail = opts[int(rng.integers(len(opts)))]
        d1 = rand_date(rng, cfg['start'], cfg['end'])
        k = int(choose(rng, cfg.get('k_p', {1: 0.62, 2: 0.28, 3: 0.10})))
        lv = pick_levels(rng, k)
        tech = choose(rng, cfg['tech'])
        sessions = [make_session(rng, 1, d1, 0, lv, tech, cfg, cfg['tps'])]
        died = rng.random() < (cfg.get('p_death_path', 0.35) if etio == 'pathologic'
                               else cfg.get('p_death', 0.07))
        death_day = int(rng.integers(40, 520)) if died else None
        if rng.random() < cfg.get('p_second', 0.13):
            gap = int(rng.integers(*cfg.get('gap', (14, 120))))
            d2 = weekday(d1 + dt.timedelta(days=gap))
            if death_day is None or (d2 - d1).days < death_day - 15:
                lv2 = pick_levels(rng, 1 if rng.random() < 0.8 else 2, avoid=lv)
                t2 = tech if rng.random() < 0.8 else choose(rng, cfg['tech'])
                sessions.append(make_session(rng, 2, d2, (d2 - d1).days, lv2, t2, cfg,
                                             cfg['tps2']))
        treated = [l for s in sessions for l in s['levels']]
        fr = []
        if rng.random() < cfg.get('p_frac', 0.15):
            fday = int(rng.integers(20, 420))
            fdate = weekday(d1 + dt.timedelta(days=fday))
            fday = (fdate - d1).days
            if death_day is None or fday < death_day - 5:
                fl = pick_levels(rng, 1 if rng.random() < 0.8 else 2, avoid=treated)
                fr = [(fday, l) for l in fl]
        if death_day is not None:
            for s in sessions:
                for m in ('pain', 'odi'):
                    s[m] = {tp: v for tp, v in s[m].items()
                            if s['day'] + TP_DAYS[tp] + 10 < death_day}
        birth = birth_for(rng, d1, age)
        pats.append(dict(i=i, etio=etio, detail=detail, age=age, sex=sex, birth=birth,
                         died=died, death_day=death_day,
                         death_date=(d1 + dt.timedelta(days=death_day)) if died else None,
                         sessions=sessions, fractures=fr, d1=d1))
    return pats


def visit_date(rng, s, tp):
    if tp == 'pre':
        return s['date'] - dt.timedelta(days=int(rng.integers(0, 3)))
    if tp == '24h':
        return s['date'] + dt.timedelta(days=1)
    jit = {'1w': 2, '2w': 3, '6w': 5, '1m': 6, '3m': 10, '6m': 14, '12m': 21, '24m': 30}[tp]
    return s['date'] + dt.timedelta(days=TP_DAYS[tp] + int(rng.integers(-jit, jit + 1)))


def fnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        return ('%.2f' % x).rstrip('0').rstrip('.')
    return str(x)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([fnum(x) for x in r])


def write_truth(out, pats, errors, idents, vol_mode='per_level', has_sex=True,
                has_age=True, has_etio=True, has_died=True, has_tech=True,
                has_cement=True, has_leak=True, has_vol=True):
    """vol_mode: 'per_level' (workbook gives each vertebra's volume) or
    'session' (one total per session: multi-level sessions go to
    session_cement_volume_ml, single-level sessions to cement_volume_ml)."""
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    write_csv(os.path.join(t, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['id'], p['sex'] if has_sex else '', p['age'] if has_age else '',
                p['etio'] if has_etio else '',
                ('yes' if p['died'] else 'no') if has_died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for j, l in enumerate(s['levels']):
                v, sv = '', ''
                if has_vol:
                    if vol_mode == 'per_level' or len(s['levels']) == 1:
                        v = s['vols'][j] if vol_mode == 'per_level' else round(sum(s['vols']), 1)
                    else:
                        sv = round(sum(s['vols']), 1)
                lk = ''
                if has_leak:
                    lk = ';'.join(s['leaks'][j]) if s['leaks'][j] else 'none'
                rows.append([p['id'], s['no'], s['day'], l, s['tech'] if has_tech else '',
                             v, sv, (s['cement'] or '') if has_cement else '', lk])
    write_csv(os.path.join(t, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for m, key in (('pain_vas', 'pain'), ('odi', 'odi'), ('mobility', 'mobility')):
                for tp, v in s.get(key, {}).items():
                    rows.append([p['id'], s['no'], m, tp, v])
    write_csv(os.path.join(t, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['id'], d, l] for p in pats for d, l in p['fractures']])
    write_csv(os.path.join(t, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']]
               for e in errors])
    write_csv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], idents)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------


def find_row(ws, id_col, pid, first_row, nth=0, pred=None):
    """Row number of the nth worksheet row whose id column equals pid."""
    k = 0
    for r in range(first_row, ws.max_row + 1):
        if ws.cell(r, id_col).value == pid and (pred is None or pred(r)):
            if k == nth:
                return r
            k += 1
    raise KeyError(pid)


def header_col(ws, header_row, text):
    for c in range(1, ws.max_column + 1):
        if ws.cell(header_row, c).value == text:
            return c
    raise KeyError(text)


def plant(ws, errors, sheet, r, c, header, value, what, pid):
    ws.cell(r, c).value = value
    errors.append(dict(sheet=sheet, cell=f'{col_letter(c)}{r}', row=r, header=header,
                       value=value, what=what, pid=pid))
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Site: Istanbul (invented unit), Turkish, one row per patient, two header
# rows with merged group headers.
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side

SEED = 34034
N = 22
ETIO_TR = {'lung': 'metastaz (akciğer ca)', 'breast': 'metastaz (meme ca)',
           'prostate': 'metastaz (prostat ca)', 'kidney': 'metastaz (böbrek ca)',
           'myeloma': 'multipl miyelom'}
LEAK_TR = {'disc': 'disk', 'venous': 'venöz', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
           'foraminal': 'foraminal'}
TECH_TR = {'vertebroplasty': 'vertebroplasti', 'kyphoplasty': 'kifoplasti'}


def trdate(ws, r, c, d, rng, p_text=0.3):
    cell = ws.cell(r, c)
    if rng.random() < p_text:
        cell.value = d.strftime('%d.%m.%Y')
    else:
        cell.value = dt.datetime(d.year, d.month, d.day)
        cell.number_format = 'dd.mm.yyyy'


def vol(s, rng):
    v = round(sum(s['vols']), 1)
    if rng.random() < 0.35:
        return fnum(v).replace('.', ',') + (' cc' if rng.random() < 0.5 else '')
    return v


def leak_txt(s):
    if not any(s['leaks']):
        return None
    if len(s['levels']) == 1:
        return ' + '.join(LEAK_TR[x] for x in s['leaks'][0])
    return '; '.join(f'{l} ' + ' + '.join(LEAK_TR[x] for x in lk)
                     for l, lk in zip(s['levels'], s['leaks']) if lk)


def main(out):
    rng = np.random.default_rng(SEED)
    cfg = dict(start=dt.date(2019, 2, 1), end=dt.date(2022, 4, 30),
               etio={'osteoporotic': 0.66, 'pathologic': 0.26, 'traumatic': 0.08},
               tech={'vertebroplasty': 0.65, 'kyphoplasty': 0.35},
               tps=['pre', '1w', '1m', '6m'], tps2=['pre'], odi_tps=['pre', '6m'],
               p_second=0.18, p_frac=0.18, p_attend=0.82, p_death=0.08, p_death_path=0.45)
    pats = gen_cohort(rng, N, cfg)
    for p in pats:
        p['id'] = f'IST-{p["i"] + 1:02d}'
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Hasta listesi'
    thin = Side(style='thin')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'VERTEBROPLASTİ / KİFOPLASTİ HASTA TAKİP ÇİZELGESİ (2019 - 2022)'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'] = 'Beyin ve Sinir Cerrahisi Kliniği - Girişimsel Omurga Birimi'
    ws['A2'].font = Font(italic=True)
    groups = [('HASTA', ['Çalışma no', 'Cinsiyet', 'Yaş', 'Tanı']),
              ('1. İŞLEM', ['Tarih', 'Yöntem', 'Seviye', 'Çimento (cc)']),
              ('VAS', ['Op. öncesi', '1. hafta', '1. ay', '6. ay']),
              ('ODI (%)', ['Op. öncesi', '6. ay']),
              ('KOMPLİKASYON', ['Çimento kaçağı', 'Kaçak yeri']),
              ('2. İŞLEM', ['Tarih', 'Yöntem', 'Seviye', 'Çimento (cc)', 'VAS op. öncesi']),
              ('TAKİP', ['Yeni kırık', 'Yeni kırık seviyesi', 'Yeni kırık tarihi', 'Exitus', 'Exitus tarihi']),
              ('Not', [None])]
    C = {}
    c = 1
    fills = ['DDEBF7', 'FCE4D6', 'E2EFDA', 'FFF2CC', 'EDEDED', 'FCE4D6', 'DDEBF7', 'FFFFFF']
    for (g, subs), fc in zip(groups, fills):
        c0 = c
        for sname in subs:
            C[(g, sname)] = c
            cell = ws.cell(4, c, sname)
            c += 1
        ws.cell(3, c0, g)
        if subs == [None]:
            ws.merge_cells(start_row=3, start_column=c0, end_row=4, end_column=c0)
        else:
            ws.merge_cells(start_row=3, start_column=c0, end_row=3, end_column=c - 1)
        for cc in range(c0, c):
            for rr in (3, 4):
                ws.cell(rr, cc).font = Font(bold=True)
                ws.cell(rr, cc).fill = PatternFill('solid', fgColor=fc)
                ws.cell(rr, cc).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
                ws.cell(rr, cc).border = box
    ncol = c - 1
    for k, p in enumerate(pats):
        r = 5 + k
        s1 = p['sessions'][0]
        ws.cell(r, C[('HASTA', 'Çalışma no')], p['id'])
        ws.cell(r, C[('HASTA', 'Cinsiyet')], 'K' if p['sex'] == 'female' else 'E')
        ws.cell(r, C[('HASTA', 'Yaş')], p['age'])
        if p['etio'] == 'osteoporotic':
            e = 'osteoporoz' if rng.random() < 0.6 else 'osteoporotik kırık'
        elif p['etio'] == 'pathologic':
            e = ETIO_TR[p['detail']]
        else:
            e = 'travma'
        ws.cell(r, C[('HASTA', 'Tanı')], e)
        trdate(ws, r, C[('1. İŞLEM', 'Tarih')], s1['date'], rng)
        ws.cell(r, C[('1. İŞLEM', 'Yöntem')], TECH_TR[s1['tech']])
        ws.cell(r, C[('1. İŞLEM', 'Seviye')], ', '.join(s1['levels']))
        ws.cell(r, C[('1. İŞLEM', 'Çimento (cc)')], vol(s1, rng))
        alive_to = p['death_day'] if p['died'] else 10 ** 6
        for tp, h in (('pre', 'Op. öncesi'), ('1w', '1. hafta'), ('1m', '1. ay'), ('6m', '6. ay')):
            if tp in s1['pain']:
                ws.cell(r, C[('VAS', h)], s1['pain'][tp])
            elif tp != 'pre' and TP_DAYS[tp] + 10 < alive_to:
                ws.cell(r, C[('VAS', h)], 'gelmedi' if rng.random() < 0.7 else '-')
        for tp, h in (('pre', 'Op. öncesi'), ('6m', '6. ay')):
            if tp in s1['odi']:
                ws.cell(r, C[('ODI (%)', h)], s1['odi'][tp])
        lt = leak_txt(s1)
        ws.cell(r, C[('KOMPLİKASYON', 'Çimento kaçağı')], 'evet' if lt else 'hayır')
        ws.cell(r, C[('KOMPLİKASYON', 'Kaçak yeri')], lt)
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            trdate(ws, r, C[('2. İŞLEM', 'Tarih')], s2['date'], rng)
            ws.cell(r, C[('2. İŞLEM', 'Yöntem')], TECH_TR[s2['tech']])
            ws.cell(r, C[('2. İŞLEM', 'Seviye')], ', '.join(s2['levels']))
            ws.cell(r, C[('2. İŞLEM', 'Çimento (cc)')], vol(s2, rng))
            if 'pre' in s2['pain']:
                ws.cell(r, C[('2. İŞLEM', 'VAS op. öncesi')], s2['pain']['pre'])
            s2['leaks'] = [[] for _ in s2['levels']]   # not recorded for 2nd session; see truth below
        ws.cell(r, C[('TAKİP', 'Yeni kırık')], 'evet' if p['fractures'] else 'hayır')
        if p['fractures']:
            ws.cell(r, C[('TAKİP', 'Yeni kırık seviyesi')], ', '.join(l for _, l in p['fractures']))
            trdate(ws, r, C[('TAKİP', 'Yeni kırık tarihi')], p['d1'] + dt.timedelta(days=p['fractures'][0][0]), rng)
        ws.cell(r, C[('TAKİP', 'Exitus')], 'evet' if p['died'] else 'hayır')
        if p['died']:
            trdate(ws, r, C[('TAKİP', 'Exitus tarihi')], p['death_date'], rng)
        notes = []
        if p['etio'] == 'pathologic':
            notes.append('onkoloji takibinde')
        if p['fractures'] and rng.random() < 0.5:
            notes.append('yeni kırık için korse verildi')
        if rng.random() < 0.12:
            notes.append('telefonla ulaşılamadı')
        ws.cell(r, C[('Not', None)], ', '.join(notes) or None)
        for cc in range(1, ncol + 1):
            ws.cell(r, cc).border = box
    ws.freeze_panes = 'B5'
    for cc in range(1, ncol + 1):
        ws.column_dimensions[col_letter(cc)].width = 11
    ws.column_dimensions[col_letter(C[('HASTA', 'Tanı')])].width = 20
    ws.column_dimensions[col_letter(C[('Not', None)])].width = 28

    # ---- planted errors ----
    errors = []
    order = [pats[i] for i in rng.permutation(len(pats))]
    used = set()

    def pick(pred):
        for p in order:
            if p['id'] not in used and pred(p):
                used.add(p['id'])
                return p
        raise RuntimeError

    def row_of(p):
        return 5 + p['i']

    p = pick(lambda p: p['d1'].month in (1, 2, 3))
    c = C[('1. İŞLEM', 'Tarih')]
    plant(ws, errors, ws.title, row_of(p), c, 'Tarih', f'31.02.{p["d1"].year}', '31 February does not exist', p['id'])
    ws.cell(row_of(p), c).number_format = 'General'
    p = pick(lambda p: '1w' in p['sessions'][0]['pain'])
    plant(ws, errors, ws.title, row_of(p), C[('VAS', '1. hafta')], '1. hafta', 13, 'VAS 13 on a 0-10 scale', p['id'])
    p = pick(lambda p: len(p['sessions'][0]['levels']) == 1)
    plant(ws, errors, ws.title, row_of(p), C[('1. İŞLEM', 'Çimento (cc)')], 'Çimento (cc)', 38,
          '38 cc of cement in a single vertebra is impossible', p['id'])
    p = pick(lambda p: '6m' in p['sessions'][0]['odi'])
    plant(ws, errors, ws.title, row_of(p), C[('ODI (%)', '6. ay')], '6. ay', 130, 'ODI 130 % (scale 0-100)', p['id'])
    p = pick(lambda p: len(p['sessions']) > 1)
    d2 = p['sessions'][1]['date']
    bad = d2.replace(year=d2.year - 1).strftime('%d.%m.%Y')
    c = C[('2. İŞLEM', 'Tarih')]
    plant(ws, errors, ws.title, row_of(p), c, 'Tarih', bad,
          'second procedure dated before the first procedure', p['id'])
    ws.cell(row_of(p), c).number_format = 'General'

    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    # leakage is recorded for the first procedure only: blank it for later sessions
    write_truth(out, pats, errors, [], vol_mode='session', has_cement=False)
    t = os.path.join(out, 'truth', 'procedures.csv')
    with open(t, encoding='utf-8') as f:
        rows = list(csv.reader(f))
    for row in rows[1:]:
        if row[1] != '1':
            row[8] = ''
    with open(t, 'w', newline='', encoding='utf-8') as f:
        csv.writer(f).writerows(rows)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
