# ---------------------------------------------------------------------------
# cohort core (same simulation engine in every site script; layout is below)
# ---------------------------------------------------------------------------
import sys, os, csv, random, datetime as dt

D = dt.date
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 9,
          '6m': 12, '12m': 18, '24m': 25}
ALL_LEVELS = [f'T{i}' for i in range(1, 13)] + [f'L{i}' for i in range(1, 6)]
LEAK_ORDER = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']
VAS_FACTOR = {'24h': .55, '1w': .5, '2w': .45, '6w': .4, '1m': .4, '3m': .35,
              '6m': .3, '12m': .3, '24m': .3}


def _lvl_idx(l):
    return ALL_LEVELS.index(l)


def pick_levels(rng, n, etiology):
    centre_w = {'T6': 1, 'T7': 2, 'T8': 3, 'T9': 3, 'T10': 4, 'T11': 7, 'T12': 12,
                'L1': 12, 'L2': 7, 'L3': 5, 'L4': 3, 'L5': 1}
    ks = list(centre_w)
    c = rng.choices(ks, [centre_w[k] for k in ks])[0]
    i = _lvl_idx(c)
    if n == 1:
        return [c]
    if etiology == 'pathologic' and rng.random() < .5:
        pool = [l for l in ALL_LEVELS[4:16] if l != c]
        return sorted([c] + rng.sample(pool, n - 1), key=_lvl_idx)
    lo = max(0, min(i - rng.randint(0, n - 1), len(ALL_LEVELS) - n))
    return ALL_LEVELS[lo:lo + n]


def pick_leak(rng, p=0.24):
    if rng.random() >= p:
        return []
    a = rng.choices(LEAK_ORDER, [35, 35, 15, 9, 6])[0]
    out = {a}
    if rng.random() < .12:
        out.add(rng.choice(['disc', 'venous']))
    return [l for l in LEAK_ORDER if l in out]


def pick_vol(rng, level, technique):
    lo, hi = (2.0, 4.0) if level.startswith('T') else (3.0, 5.5)
    if technique == 'kyphoplasty':
        lo, hi = lo + 1.0, hi + 1.5
    return rng.randint(int(lo * 2), int(hi * 2)) / 2


def make_session(rng, num, date, day, levels, p_kp, cements, technique=None, cement=None):
    tech = technique or ('kyphoplasty' if rng.random() < p_kp else 'vertebroplasty')
    cem = cement or rng.choices([c for c, w in cements], [w for c, w in cements])[0]
    verts = [dict(level=l, vol=pick_vol(rng, l, tech), leak=pick_leak(rng)) for l in levels]
    return dict(num=num, date=date, day=day, technique=tech, cement_type=cem, verts=verts)


def score(rng, measure, tp, pre, scale):
    if measure == 'pain_vas':
        if tp == 'pre':
            return pre
        f = VAS_FACTOR[tp]
        if scale == 'mm':
            return int(max(0, min(100, round(pre * f + rng.randint(-8, 8)))))
        return int(max(0, min(10, round(pre * f + rng.choice([-1, 0, 0, 1])))))
    if measure == 'odi':
        if tp == 'pre':
            return pre
        f = VAS_FACTOR[tp] + .15
        return int(max(0, min(100, 2 * round((pre * f + rng.randint(-6, 6)) / 2))))
    if measure == 'mobility':
        if tp == 'pre':
            return pre
        drop = {'24h': 1, '1w': 1, '2w': 1}.get(tp, 2)
        return int(max(0, min(4, pre - drop + rng.choice([0, 0, 1, -1]))))
    raise ValueError(measure)


def pre_score(rng, measure, scale):
    if measure == 'pain_vas':
        return rng.randint(58, 96) if scale == 'mm' else rng.randint(6, 10)
    if measure == 'odi':
        return 2 * rng.randint(20, 42)
    if measure == 'mobility':
        return rng.randint(2, 4)


def gen_cohort(seed, n, start, end, cut, tps, measures, p_kp=.3,
               cements=(('PMMA', 1),), etio_w=None, n_second=3, n_extra_frac=1,
               n_dead=2, p_miss=.1, s2_tps=None, vas_scale='int10',
               sex_female=.7, age_range=(52, 88)):
    """tps: ordered timepoints incl. 'pre'. Returns list of patient dicts."""
    rng = random.Random(seed)
    etio_w = etio_w or {'osteoporotic': 75, 'pathologic': 15, 'traumatic': 10}
    post_tps = [t for t in tps if t != 'pre']
    s2_tps = s2_tps or ['pre'] + post_tps[:2]
    span = (end - start).days
    dates0 = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pts = []
    for i in range(n):
        et = rng.choices(list(etio_w), list(etio_w.values()))[0]
        sex = 'female' if rng.random() < (sex_female if et == 'osteoporotic' else .45) else 'male'
        age = rng.randint(*age_range) if et == 'osteoporotic' else rng.randint(38, 80)
        nl = rng.choices([1, 2, 3], [68, 23, 9])[0]
        levels = pick_levels(rng, nl, et)
        d0 = dates0[i]
        s1 = make_session(rng, 1, d0, 0, levels, p_kp, cements)
        pres = {m: pre_score(rng, m, vas_scale) for m in measures}
        visits = []
        for tp in tps:
            vd = d0 + dt.timedelta(days=TP_DAYS[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            st = 'done' if vd <= cut else 'notdue'
            sc = {m: score(rng, m, tp, pres[m], vas_scale) for m in measures}
            visits.append(dict(session=1, tp=tp, date=vd, day=(vd - d0).days, status=st, scores=sc))
        pts.append(dict(i=i, sex=sex, age=age, etiology=et, date0=d0, sessions=[s1],
                        visits=visits, fractures=[], died=False, death_date=None))

    def done_post(p, session=1):
        return [v for v in p['visits'] if v['session'] == session and v['tp'] != 'pre' and v['status'] == 'done']

    def new_level(p):
        used = {v['level'] for s in p['sessions'] for v in s['verts']} | {f['level'] for f in p['fractures']}
        lo = min(_lvl_idx(l) for l in used)
        hi = max(_lvl_idx(l) for l in used)
        cands = [ALL_LEVELS[k] for k in (lo - 1, hi + 1, lo - 2, hi + 2) if 0 <= k < len(ALL_LEVELS)]
        cands = [c for c in cands if c not in used]
        return cands[0] if rng.random() < .6 else rng.choice(cands)

    # second sessions
    order = list(range(n))
    rng.shuffle(order)
    second = []
    for i in order:
        p = pts[i]
        if len(second) >= n_second:
            break
        last_tp = max(TP_DAYS[v['tp']] for v in p['visits'])
        cands = [v for v in done_post(p) if 28 <= TP_DAYS[v['tp']] <= 200 and TP_DAYS[v['tp']] < last_tp]
        if not cands:
            continue
        dv = rng.choice(cands)
        s2d = dv['date'] + dt.timedelta(days=rng.randint(5, 20))
        if (cut - s2d).days < 60:
            continue
        lvl = new_level(p)
        p['fractures'].append(dict(date=dv['date'], day=dv['day'], level=lvl, treated=2))
        s1 = p['sessions'][0]
        s2 = make_session(rng, 2, s2d, (s2d - p['date0']).days, [lvl], p_kp, cements,
                          technique=s1['technique'] if rng.random() < .7 else None,
                          cement=s1['cement_type'])
        p['sessions'].append(s2)
        for v in p['visits']:
            if v['date'] > s2d and v['status'] == 'done':
                v['status'] = 'stopped'
        pres2 = {m: pre_score(rng, m, vas_scale) for m in measures}
        for tp in s2_tps:
            vd = s2d + dt.timedelta(days=TP_DAYS[tp] + (rng.randint(-TP_JIT[tp], TP_JIT[tp]) if TP_JIT[tp] else 0))
            st = 'done' if vd <= cut else 'notdue'
            sc = {m: score(rng, m, tp, pres2[m], vas_scale) for m in measures}
            p['visits'].append(dict(session=2, tp=tp, date=vd, day=(vd - p['date0']).days, status=st, scores=sc))
        p['second'] = True
        second.append(i)

    # extra untreated fractures
    extra = []
    for i in order:
        if len(extra) >= n_extra_frac:
            break
        p = pts[i]
        if i in second:
            continue
        cands = [v for v in done_post(p) if TP_DAYS[v['tp']] >= 80]
        if not cands:
            continue
        dv = rng.choice(cands)
        p['fractures'].append(dict(date=dv['date'], day=dv['day'], level=new_level(p), treated=None))
        p['frac_visit'] = dv
        extra.append(i)

    # deaths (prefer pathologic)
    dead = []
    ranked = sorted(order, key=lambda k: (pts[k]['etiology'] != 'pathologic', order.index(k)))
    for i in ranked:
        if len(dead) >= n_dead:
            break
        p = pts[i]
        if i in second or i in extra:
            continue
        dp = done_post(p)
        if len(dp) < 2:
            continue
        k = rng.randint(1, len(dp) - 1)  # last visit attended = dp[k]
        last = dp[k]
        nxt = [v for v in p['visits'] if v['date'] > last['date']]
        hi = min([v['date'] for v in nxt] + [cut]) - dt.timedelta(days=3)
        lo = last['date'] + dt.timedelta(days=7)
        if hi <= lo:
            continue
        dd = lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
        p['died'] = True
        p['death_date'] = dd
        for v in p['visits']:
            if v['date'] > dd:
                v['status'] = 'dead'
        dead.append(i)

    # missed visits
    for p in pts:
        for v in p['visits']:
            if v['status'] != 'done' or v['tp'] in ('pre', '24h'):
                continue
            if any(f['date'] == v['date'] for f in p['fractures']):
                continue
            if rng.random() < p_miss:
                v['status'] = 'missed'
    return pts


# ------------------------------------------------------------------ truth ---
def fmt(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        if abs(x - round(x)) < 1e-9:
            return str(int(round(x)))
        return ('%.2f' % x).rstrip('0').rstrip('.')
    return str(x)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(x) for x in r])


def write_truth(outdir, pts, errors, identifiers, per_vertebra=True, vas_div=1,
                died_known=True, extra_fields=None):
    """pts must carry 'pid'. per_vertebra: True / False / callable(p, s) -> bool."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    rows = []
    for p in pts:
        rows.append([p['pid'], p['sex'], p['age'], p['etiology'],
                     ('yes' if p['died'] else 'no') if died_known else ''])
    write_csv(os.path.join(td, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'], rows)
    rows = []
    for p in pts:
        for s in p['sessions']:
            pv = per_vertebra(p, s) if callable(per_vertebra) else per_vertebra
            tot = sum(v['vol'] for v in s['verts'])
            for v in s['verts']:
                rows.append([p['pid'], s['num'], s['day'], v['level'], s['technique'],
                             v['vol'] if pv else '', '' if pv else tot, s['cement_type'],
                             v.get('leak_truth', ';'.join(v['leak']) if v['leak'] else 'none')])
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for v in p['visits']:
            if v['status'] != 'done' or v.get('noid'):
                continue
            for m, val in v['scores'].items():
                if val is None:
                    continue
                if m == 'pain_vas' and vas_div != 1:
                    val = val / vas_div
                rows.append([p['pid'], v['session'], m, v['tp'], val])
    write_csv(os.path.join(td, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    rows = [[p['pid'], f['day'], f['level']] for p in pts for f in p['fractures']]
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'], rows)
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              errors)
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], identifiers)


def uniq(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out
# ------------------------------------------------------------- end of core ---

# ---------------------------------------------------------------------------
# Nuuk: Sermersooq Regionssygehus (invented), Kirurgisk afdeling.
# One sheet per patient (patient card) + an overview sheet.
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

NAMES_F = ['Aviaja Kleist', 'Nivi Lynge', 'Paninnguaq Olsen', 'Najaaraq Petersen', 'Ane Sofie Heilmann',
           'Malu Fleischer', 'Ivalo Berthelsen', 'Karen Motzfeldt', 'Bolethe Kristiansen',
           'Pipaluk Davidsen', 'Arnaq Johansen', 'Ellen Høegh', 'Naja Chemnitz', 'Sofie Lennert',
           'Nukaaka Mølgaard', 'Laila Hansen', 'Birthe Rosbach', 'Marie Kuitse']
NAMES_M = ['Juaaka Lyberth', 'Aqqaluk Zeeb', 'Kunuk Nielsen', 'Nuka Kreutzmann', 'Malik Egede',
           'Ole Rosing', 'Jens Frederiksen', 'Tobias Josefsen', 'Peter Larsen', 'Hans Kârlsen',
           'Inuk Poulsen', 'Kristian Geisler']
TOWNS = ['Nuuk', 'Nuuk', 'Nuuk', 'Sisimiut', 'Maniitsoq', 'Qaqortoq', 'Paamiut', 'Ilulissat',
         'Aasiaat', 'Narsaq', 'Qeqertarsuaq', 'Kapisillit']
DX = {'osteoporotic': ['Osteoporotisk sammenfald', 'Osteoporose, kompressionsfraktur',
                       'Osteoporotisk kilefraktur'],
      'pathologic': ['Knoglemetastase (lungecancer)', 'Myelomatose', 'Metastase (mammacancer)'],
      'traumatic': ['Traume (fald på glat is)', 'Traume (faldt fra båd)', 'Traume (snescooteruheld)']}
LK = {'disc': 'diskus', 'venous': 'venøs', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
      'foraminal': 'foraminal'}
TPD = {'pre': 'Præop.', '2w': '2 uger', '6w': '6 uger', '3m': '3 mdr.', '12m': '12 mdr.'}
REM = ['', '', '', 'telefonkontrol', 'fløjet ind fra bygden', 'bruger rollator', 'smertefri i hvile',
       'Alendronat opstartet']


def safe_date(y, m, d):
    while True:
        try:
            return D(y, m, d)
        except ValueError:
            d -= 1


def age_on(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def main(outdir):
    rng = random.Random(190419)
    cut = D(2024, 1, 31)
    pts = gen_cohort(1904, 21, D(2019, 9, 1), D(2023, 6, 30), cut,
                     ['pre', '2w', '6w', '3m', '12m'], ['pain_vas', 'odi'], p_kp=.3,
                     cements=(('PMMA', 1),), n_second=3, n_extra_frac=1, n_dead=2,
                     s2_tps=['pre', '2w', '6w'], vas_scale='mm',
                     etio_w={'osteoporotic': 70, 'pathologic': 18, 'traumatic': 12})
    nf, nm = NAMES_F[:], NAMES_M[:]
    rng.shuffle(nf)
    rng.shuffle(nm)
    idents = []
    for k, p in enumerate(pts, 1):
        p['pid'] = f'NUK-VP-{k:02d}'
        p['name'] = nf.pop() if p['sex'] == 'female' else nm.pop()
        d0 = p['date0']
        while True:
            b = safe_date(d0.year - p['age'] - 1, rng.randint(1, 12), rng.randint(1, 28))
            if age_on(b, d0) == p['age']:
                break
        p['dob'] = b
        last = rng.randint(0, 4) * 2 + (0 if p['sex'] == 'female' else 1)
        p['cpr'] = b.strftime('%d%m%y') + '-' + str(rng.randint(0, 3)) + f'{rng.randint(0, 99):02d}' + str(last)
        p['phone'] = f'{rng.choice([2, 3, 5, 8])}{rng.randint(0, 9)} {rng.randint(10, 99)} {rng.randint(10, 99)}'
        p['town'] = rng.choice(TOWNS)
        p['dx'] = rng.choice(DX[p['etiology']])
        p['th'] = rng.random() < .7
        p['text'] = rng.random() < .5
        for s in p['sessions']:
            s['cdisp'] = rng.choice(['PMMA (Osteopal V)', 'Vertecem V+', 'PMMA', 'Osteopal V'])
            s['tdisp'] = (rng.choice(['VP', 'Vertebroplastik']) if s['technique'] == 'vertebroplasty'
                          else rng.choice(['BKP', 'Kyfoplastik']))

    plain = [p for p in pts if not p.get('second') and not p['died'] and not p['fractures']]
    rng.shuffle(plain)
    used = set()

    def take(cond):
        for p in plain:
            if p['pid'] not in used and cond(p):
                used.add(p['pid'])
                return p
        raise RuntimeError

    def vis(p, tp, s=1):
        return next(v for v in p['visits'] if v['tp'] == tp and v['session'] == s)

    E = {}
    p = take(lambda p: vis(p, '2w')['status'] == 'done')
    vis(p, '2w')['scores']['pain_vas'] = 130
    E[p['pid']] = (('visit', 1, '2w', 'vas'), 'VAS 130 mm på en 0-100 mm skala / beyond the 100 mm line')
    p = take(lambda p: len(p['sessions'][0]['verts']) == 1 and p['sessions'][0]['verts'][0]['level'] in ('L3', 'L4', 'L5'))
    p['sessions'][0]['verts'][0]['level'] = 'L6'
    E[p['pid']] = (('vert', 1, 0, 'level'), 'niveau L6 findes ikke (5 lændehvirvler)')
    p = take(lambda p: True)
    p['sessions'][0]['verts'][0]['vol'] = 24.0
    E[p['pid']] = (('vert', 1, 0, 'vol'), 'cementvolumen 24 ml i én hvirvel (> 20 ml)')
    p = take(lambda p: vis(p, '6w')['status'] == 'done')
    v = vis(p, '6w')
    v['shown'] = safe_date(v['date'].year - 1, v['date'].month, v['date'].day)
    E[p['pid']] = (('visit', 1, '6w', 'date'), '6-ugers kontrol dateret før indgrebet')

    bold = Font(bold=True)
    head = PatternFill('solid', fgColor='DDEBF7')

    def lev(p, l):
        return ('Th' + l[1:]) if (p['th'] and l.startswith('T')) else l

    def dshow(p, d):
        if p['text']:
            return d.strftime('%d-%m-%Y')
        return dt.datetime(d.year, d.month, d.day)

    def put(ws, r, c, v, b=False):
        if v is None or v == '':
            return None
        cell = ws.cell(r, c, v)
        if isinstance(v, dt.datetime):
            cell.number_format = 'dd-mm-yyyy'
        if b:
            cell.font = bold
        return cell

    wb = openpyxl.Workbook()
    ov = wb.active
    ov.title = 'Oversigt'
    ov['A1'] = 'Vertebroplastik / kyfoplastik – oversigt over patientkort'
    ov['A1'].font = Font(bold=True, size=13)
    ov['A2'] = 'Sermersooq Regionssygehus · Sermersuup Napparsimavissua, Nuuk – Kirurgisk afdeling. Ét faneblad pr. patient.'
    for c, h in enumerate(['Studie-ID', 'Navn / Ateq', 'Faneblad', '1. indgreb', 'Status'], 1):
        put(ov, 4, c, h, True)
    errors = []
    for k, p in enumerate(pts):
        ws = wb.create_sheet(p['pid'])
        status = ('Død' if p['died'] else
                  'Afsluttet' if all(v['status'] != 'notdue' for v in p['visits']) else 'I kontrol')
        put(ov, 5 + k, 1, p['pid'])
        put(ov, 5 + k, 2, p['name'])
        put(ov, 5 + k, 3, p['pid'])
        put(ov, 5 + k, 4, dshow(p, p['date0']))
        put(ov, 5 + k, 5, status)
        ws['A1'] = 'PATIENTKORT – Vertebroplastik / Kyfoplastik'
        ws['A1'].font = Font(bold=True, size=13)
        ws['A2'] = 'Napparsimasoq / Patient'
        ws['A2'].font = Font(italic=True)
        died = (f"Ja, {p['death_date'].strftime('%d-%m-%Y')}" if p['died']
                else rng.choice(['Nej', 'Nej', 'Nej', 'Naamik']))
        info = [('Studie-ID:', p['pid'], 'CPR-nr.:', p['cpr']),
                ('Navn / Ateq:', p['name'], 'Tlf. / Oqarasuaat:', p['phone']),
                ('Bosted / Najugaq:', p['town'], 'Køn:', 'K' if p['sex'] == 'female' else 'M'),
                ('Alder v. 1. indgreb:', f"{p['age']} år", 'Årsag:', p['dx']),
                ('Død / Toqusoq:', died, None, None)]
        for i, (a, b, c, d) in enumerate(info):
            put(ws, 3 + i, 1, a, True)
            put(ws, 3 + i, 2, b)
            put(ws, 3 + i, 4, c, True)
            put(ws, 3 + i, 5, d)
        r = 9
        put(ws, r, 1, 'INDGREB', True)
        r += 1
        hdr = ['Indgreb nr.', 'Dato', 'Niveau', 'Teknik', 'Cement', 'Volumen (ml)', 'Lækage']
        for c, h in enumerate(hdr, 1):
            put(ws, r, c, h, True).fill = head
        r += 1
        for s in p['sessions']:
            for j, v in enumerate(s['verts']):
                put(ws, r, 1, f"{s['num']}.")
                put(ws, r, 2, dshow(p, s['date']))
                put(ws, r, 3, lev(p, v['level']))
                put(ws, r, 4, s['tdisp'])
                put(ws, r, 5, s['cdisp'])
                vol = v['vol']
                put(ws, r, 6, fmt(vol).replace('.', ',') if (p['text'] or rng.random() < .5) else vol)
                put(ws, r, 7, ' + '.join(LK[x] for x in v['leak']) if v['leak'] else 'ingen')
                key = ('vert', s['num'], j)
                if p['pid'] in E and E[p['pid']][0][:3] == key:
                    c = {'level': 3, 'vol': 6}[E[p['pid']][0][3]]
                    errors.append([ws.title, f'{get_column_letter(c)}{r}', r, hdr[c - 1],
                                   ws.cell(r, c).value, E[p['pid']][1], p['pid']])
                r += 1
        r += 1
        put(ws, r, 1, 'KONTROLLER', True)
        r += 1
        hdr2 = ['Indgreb', 'Kontrol', 'Dato', 'VAS (0-100 mm)', 'ODI (%)', 'Bemærkning']
        for c, h in enumerate(hdr2, 1):
            put(ws, r, c, h, True).fill = head
        r += 1
        dead_noted = False
        for v in p['visits']:
            st = v['status']
            if st == 'stopped' or (st == 'dead' and dead_noted):
                continue
            put(ws, r, 1, f"{v['session']}.")
            put(ws, r, 2, TPD[v['tp']])
            if st == 'done':
                put(ws, r, 3, dshow(p, v.get('shown', v['date'])))
                put(ws, r, 4, v['scores']['pain_vas'])
                phone = v['tp'] in ('3m', '12m') and p['town'] != 'Nuuk' and rng.random() < .6
                if not phone:
                    put(ws, r, 5, v['scores']['odi'])
                else:
                    v['scores']['odi'] = None
                rem = 'telefonkontrol' if phone else rng.choice(REM[:3] + REM[4:])
                fx = [f for f in p['fractures'] if f['date'] == v['date']]
                if fx:
                    rem = f"ny fraktur {lev(p, fx[0]['level'])} på MR" + (' → nyt indgreb' if fx[0]['treated'] else '')
                put(ws, r, 6, rem)
            elif st == 'missed':
                put(ws, r, 3, rng.choice(['–', '']))
                put(ws, r, 6, rng.choice(['udeblevet', 'ikke mødt', 'udeblevet – bor i bygd']))
            elif st == 'dead':
                put(ws, r, 6, 'Død inden kontrol')
                dead_noted = True
            elif st == 'notdue':
                put(ws, r, 6, 'planlagt')
            key = ('visit', v['session'], v['tp'])
            if p['pid'] in E and E[p['pid']][0][:3] == key:
                c = {'vas': 4, 'date': 3}[E[p['pid']][0][3]]
                val = ws.cell(r, c).value
                if isinstance(val, dt.datetime):
                    val = val.strftime('%d-%m-%Y')
                errors.append([ws.title, f'{get_column_letter(c)}{r}', r, hdr2[c - 1], val,
                               E[p['pid']][1], p['pid']])
            r += 1
        r += 1
        put(ws, r, 1, 'NYE FRAKTURER', True)
        r += 1
        for c, h in enumerate(['Dato', 'Niveau', 'Bemærkning'], 1):
            put(ws, r, c, h, True).fill = head
        r += 1
        if not p['fractures']:
            put(ws, r, 1, 'Ingen')
        for f in p['fractures']:
            put(ws, r, 1, dshow(p, f['date']))
            put(ws, r, 2, lev(p, f['level']))
            put(ws, r, 3, 'behandlet (2. indgreb)' if f['treated'] else 'konservativ behandling')
            r += 1
        for c, w in zip('ABCDEFG', (20, 20, 14, 16, 22, 13, 24)):
            ws.column_dimensions[c].width = w
        idents += [['name', p['name']], ['national_id', p['cpr']], ['phone', p['phone']]]
    for c, w in zip('ABCDE', (12, 22, 12, 12, 12)):
        ov.column_dimensions[c].width = w
    assert len(errors) == 4, errors
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, per_vertebra=True, vas_div=10)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
