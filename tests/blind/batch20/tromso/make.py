# ---------------------------------------------------------------------------
# Common cohort generator (identical in every site's make.py) + truth writer.
# ---------------------------------------------------------------------------
import sys, os, csv, random, datetime as dt

TP_OFFSET = {'24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 91,
             '6m': 182, '12m': 365, '24m': 730}
TP_GAIN = {'24h': .38, '1w': .45, '2w': .5, '1m': .55, '6w': .58, '3m': .62,
           '6m': .64, '12m': .66, '24m': .66}
LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
MAIN_W = {'T6': 2, 'T7': 3, 'T8': 4, 'T9': 4, 'T10': 6, 'T11': 12, 'T12': 22,
          'L1': 22, 'L2': 12, 'L3': 7, 'L4': 5, 'L5': 1}
LEAK_W = {'disc': 35, 'venous': 30, 'paravertebral': 20, 'epidural': 10, 'foraminal': 5}


def wchoice(rng, d):
    keys = list(d)
    return rng.choices(keys, weights=[d[k] for k in keys])[0]


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def neighbours(lv):
    i = LEVELS.index(lv)
    return [LEVELS[j] for j in (i - 1, i + 1) if 0 <= j < len(LEVELS)]


def gen_scores(rng, measures, pre, tp):
    """pre: dict of pre values; tp: 'pre' or a follow-up label"""
    if tp == 'pre':
        return dict(pre)
    g = TP_GAIN[tp] + rng.uniform(-.15, .15)
    out = {}
    if 'pain_vas' in measures:
        out['pain_vas'] = max(0, min(10, round(pre['pain_vas'] * (1 - g) + rng.uniform(-.8, .8))))
    if 'odi' in measures:
        v = pre['odi'] * (1 - .8 * g) + rng.uniform(-6, 6)
        out['odi'] = max(0, min(100, 2 * round(v / 2)))
    if 'mobility' in measures:
        out['mobility'] = max(0, min(4, pre['mobility'] - round(g * 3 + rng.uniform(-.6, .6))))
    return out


def gen_pre(rng, measures):
    d = {}
    if 'pain_vas' in measures:
        d['pain_vas'] = rng.randint(6, 10)
    if 'odi' in measures:
        d['odi'] = 2 * rng.randint(20, 43)
    if 'mobility' in measures:
        d['mobility'] = rng.randint(2, 4)
    return d


def build_cohort(cfg):
    """cfg keys: seed n start end tps s2_tps measures etio(dict) tech(dict)
    ncement (number of cement labels, weights) n_multi n_second n_extra_fx n_dead
    miss_rate s2_fx_tps extra_fx_tps vol(dict tech->(lo,hi,step)) female_p"""
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    span = (cfg['end'] - cfg['start']).days
    firsts = sorted(cfg['start'] + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))
    pats = []
    multi = set(rng.sample(range(n), cfg['n_multi']))
    for i in range(n):
        etio = wchoice(rng, cfg['etio'])
        sex = 'female' if rng.random() < cfg.get('female_p', .68) else 'male'
        lo, hi = {'osteoporotic': (58, 91), 'pathologic': (42, 80), 'traumatic': (30, 72),
                  'other': (45, 80)}[etio]
        age = rng.randint(lo, hi)
        d0 = firsts[i]
        # birth date giving exactly `age` at d0
        b = dt.date(d0.year - age - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 360))
        while age_at(b, d0) > age:
            b += dt.timedelta(days=30)
        while age_at(b, d0) < age:
            b -= dt.timedelta(days=30)
        assert age_at(b, d0) == age
        pats.append(dict(idx=i, sex=sex, etiology=etio, age=age, birth=b, first=d0,
                         died='no', death=None, sessions=[], visits=[], fractures=[],
                         multi=i in multi))
    # sessions 1
    for p in pats:
        nlev = rng.choice([2, 2, 3]) if p['multi'] else 1
        main = wchoice(rng, MAIN_W)
        lv = [main]
        while len(lv) < nlev:
            cand = [x for l in lv for x in neighbours(l) if x not in lv]
            lv.append(rng.choice(cand))
        lv.sort(key=LEVELS.index)
        p['sessions'].append(make_session(rng, cfg, 1, p['first'], lv))
    # special patients
    order = list(range(n))
    rng.shuffle(order)
    s2 = order[:cfg['n_second']]
    xf = order[cfg['n_second']:cfg['n_second'] + cfg['n_extra_fx']]
    dead = order[cfg['n_second'] + cfg['n_extra_fx']:
                 cfg['n_second'] + cfg['n_extra_fx'] + cfg['n_dead']]
    for p in pats:
        pre = gen_pre(rng, cfg['measures'])
        for tp in cfg['tps']:
            d = p['first'] + dt.timedelta(days=0 if tp == 'pre' else
                                          TP_OFFSET[tp] + (0 if tp == '24h' else rng.randint(-3, 6)))
            p['visits'].append(dict(session=1, tp=tp, date=d, status='done',
                                    scores=gen_scores(rng, cfg['measures'], pre, tp)))
    for i in s2:
        p = pats[i]
        cands = [v for v in p['visits'] if v['tp'] in cfg['s2_fx_tps']]
        v = rng.choice(cands)
        used = p['sessions'][0]['levels']
        nb = [x for l in used for x in neighbours(l) if x not in used]
        flv = rng.choice(nb)
        p['fractures'].append((v['date'], flv))
        v['fx'] = flv
        d2 = v['date'] + dt.timedelta(days=rng.randint(5, 18))
        p['sessions'].append(make_session(rng, cfg, 2, d2, [flv]))
        for w in p['visits']:
            if w['date'] >= d2:
                w['status'] = 'superseded'
        pre2 = gen_pre(rng, cfg['measures'])
        for tp in cfg['s2_tps']:
            d = d2 + dt.timedelta(days=0 if tp == 'pre' else
                                  TP_OFFSET[tp] + (0 if tp == '24h' else rng.randint(-3, 6)))
            p['visits'].append(dict(session=2, tp=tp, date=d, status='done',
                                    scores=gen_scores(rng, cfg['measures'], pre2, tp)))
    for i in xf:
        p = pats[i]
        cands = [v for v in p['visits'] if v['tp'] in cfg['extra_fx_tps']]
        v = rng.choice(cands)
        used = p['sessions'][0]['levels']
        nb = [x for l in used for x in neighbours(l) if x not in used]
        flv = rng.choice(nb)
        p['fractures'].append((v['date'], flv))
        v['fx'] = flv
    for i in dead:
        p = pats[i]
        fu = [v for v in p['visits'] if v['tp'] != 'pre']
        k = rng.randint(2, len(fu) - 1) if len(fu) > 2 else len(fu) - 1
        lastd = fu[k - 1]['date']
        nxt = fu[k]['date']
        p['died'] = 'yes'
        p['death'] = lastd + dt.timedelta(days=rng.randint(8, max(9, (nxt - lastd).days - 5)))
        for v in fu[k:]:
            v['status'] = 'dead'
    # missed visits and single missing values
    for p in pats:
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] not in ('pre', '24h') and 'fx' not in v \
                    and rng.random() < cfg['miss_rate']:
                v['status'] = 'missed'
            elif v['status'] == 'done' and v['tp'] != 'pre' and rng.random() < .06:
                m = rng.choice(list(v['scores']))
                v['scores'][m] = None
        # sort visits chronologically
        p['visits'].sort(key=lambda v: (v['date'], v['session']))
        if p['death']:
            assert all(v['date'] < p['death'] for v in p['visits'] if v['status'] == 'done')
        for d, _ in p['fractures']:
            assert d >= p['first']
        assert all(v['date'] >= p['first'] for v in p['visits'])
    return pats


def make_session(rng, cfg, num, date, levels):
    tech = wchoice(rng, cfg['tech'])
    lo, hi, step = cfg['vol'][tech]
    vols = [round(rng.randint(int(lo / step), int(hi / step)) * step, 2) for _ in levels]
    leaks = []
    for _ in levels:
        if rng.random() < .22:
            a = wchoice(rng, LEAK_W)
            if rng.random() < .12:
                b = wchoice(rng, LEAK_W)
                if b != a:
                    a = ';'.join(sorted({a, b}, key=list(LEAK_W).index))
            leaks.append(a)
        else:
            leaks.append('none')
    cem = rng.choices(range(len(cfg['cement_w'])), weights=cfg['cement_w'])[0]
    return dict(session=num, date=date, tech=tech, levels=list(levels), vols=vols,
                leaks=leaks, cement=cem)


def day_of(p, d):
    return (d - p['first']).days


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return ('%g' % x) if isinstance(x, float) else str(x)


def write_truth(outdir, pats, pid_of, cfg, errors, identifiers, per_vertebra_volume,
                ov=None):
    """ov: overrides dict with keys
       'omit_assess': set of (idx, session, tp, measure)
       'proc_field': {(idx, session, level_pos): {field: value}}
       'omit_patient': set(idx)  (patient whose rows cannot be attributed at all)
       'fx_day': {(idx, fx_pos): value}
       'patient_field': {idx: {field: value}}
       'extra_assess': list of dicts (pid, session, measure, timepoint, value)"""
    ov = ov or {}
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    oa = ov.get('omit_assess', set())
    op = ov.get('omit_patient', set())

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f)
            wr.writerow(header)
            for r in rows:
                wr.writerow(r)
    rows = []
    for p in pats:
        if p['idx'] in op:
            continue
        r = dict(patient_id=pid_of(p), sex=p['sex'], age_years=p['age'],
                 etiology=p['etiology'], died=p['died'])
        r.update(ov.get('patient_field', {}).get(p['idx'], {}))
        rows.append([r[k] for k in ('patient_id', 'sex', 'age_years', 'etiology', 'died')])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], rows)
    rows = []
    for p in pats:
        if p['idx'] in op:
            continue
        for s in p['sessions']:
            tot = round(sum(s['vols']), 2)
            for k, lv in enumerate(s['levels']):
                r = dict(patient_id=pid_of(p), session=s['session'], day=day_of(p, s['date']),
                         level=lv, technique=s['tech'],
                         cement_volume_ml=fmt_num(s['vols'][k]) if per_vertebra_volume else '',
                         session_cement_volume_ml='' if per_vertebra_volume else fmt_num(tot),
                         cement_type=cfg['cements'][s['cement']][1], leakage=s['leaks'][k])
                r.update(ov.get('proc_field', {}).get((p['idx'], s['session'], k), {}))
                rows.append([r[c] for c in ('patient_id', 'session', 'day', 'level', 'technique',
                                            'cement_volume_ml', 'session_cement_volume_ml',
                                            'cement_type', 'leakage')])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        if p['idx'] in op:
            continue
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            for m in ('pain_vas', 'odi', 'mobility'):
                if m in v['scores'] and v['scores'][m] is not None and \
                        (p['idx'], v['session'], v['tp'], m) not in oa:
                    val = v['scores'][m]
                    if m == 'pain_vas' and cfg.get('vas_mm'):
                        val = val / 10
                    rows.append([pid_of(p), v['session'], m, v['tp'], fmt_num(val)])
    for e in ov.get('extra_assess', []):
        rows.append([e['patient_id'], e['session'], e['measure'], e['timepoint'], e['value']])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    rows = []
    for p in pats:
        if p['idx'] in op:
            continue
        for k, (d, lv) in enumerate(p['fractures']):
            day = ov.get('fx_day', {}).get((p['idx'], k), day_of(p, d))
            rows.append([pid_of(p), day, lv])
    w('fractures.csv', ['patient_id', 'day', 'level'], rows)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['column_header'], e['value'], e['what'], e['pid']]
       for e in errors])
    seen = []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.append((k, str(v)))
    w('identifiers.csv', ['kind', 'value'], seen)


def xl(col, row):
    from openpyxl.utils import get_column_letter
    return '%s%d' % (get_column_letter(col), row)

# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Site: tromso — Nordlys universitetssykehus (invented), Tromsø, Norway
# Layout: one sheet per patient (a patient card): key/value demographics, a procedure
# table (one row per vertebra, date merged down the session), follow-up table(s), a
# new-fracture table and free-text notes; plus an index sheet. Norwegian Bokmål with
# Northern Sami words; dd.mm.yyyy; decimal commas; VAS in mm (0-100); levels Th/L.
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.comments import Comment

CFG = dict(seed=6969, n=21, start=dt.date(2021, 9, 1), end=dt.date(2023, 3, 31),
           tps=['pre', '6w', '3m', '12m'], s2_tps=['pre', '6w', '3m'],
           measures=['pain_vas', 'odi', 'mobility'], vas_mm=True,
           etio={'osteoporotic': 70, 'pathologic': 22, 'traumatic': 8},
           tech={'vertebroplasty': 65, 'kyphoplasty': 35},
           vol={'vertebroplasty': (1.5, 5, .5), 'kyphoplasty': (2.5, 6.5, .5)},
           cements=[('Osteopal V', 'PMMA'), ('Vertecem V+', 'PMMA'), ('KyphX HV-R', 'PMMA'),
                    ('PMMA', 'PMMA')],
           cement_w=[4, 3, 2, 1],
           n_multi=6, n_second=3, n_extra_fx=1, n_dead=3, miss_rate=.12,
           s2_fx_tps=['3m'], extra_fx_tps=['3m', '12m'], female_p=.72)

F_NAMES = ['Ingrid Johansen', 'Ellen Marie Sara', 'Berit Hætta', 'Anne Kirsti Gaup', 'Solveig Pedersen',
           'Ragnhild Olsen', 'Astrid Nilsen', 'Turid Hansen', 'Marit Somby', 'Inger Anna Utsi',
           'Bjørg Mikkelsen', 'Gunnhild Jakobsen', 'Sigrun Berg', 'Liv Kristiansen', 'Randi Eira',
           'Karen Sofie Buljo', 'Aslaug Strøm', 'Eva Nystad', 'Brita Kemi']
M_NAMES = ['Ole Henrik Eira', 'Jon Mathis Buljo', 'Per Arne Karlsen', 'Kjell Isaksen', 'Nils Peder Balto',
           'Arvid Johnsen', 'Johan Anders Sara', 'Terje Pettersen', 'Leif Hågensen']
KOMM = ['Tromsø', 'Kautokeino / Guovdageaidnu', 'Karasjok / Kárášjohka', 'Alta', 'Lyngen / Ivgu',
        'Kåfjord / Gáivuotna', 'Porsanger / Porsáŋgu', 'Nordreisa', 'Storfjord / Omasvuotna',
        'Balsfjord', 'Tana / Deatnu', 'Harstad']
CAUSE = {'osteoporotic': ['Osteoporose', 'Osteoporotisk kompresjonsbrudd', 'Osteoporose (steroidbehandlet)'],
         'pathologic': ['Metastase (mammacancer)', 'Metastase (prostatacancer)', 'Myelomatose'],
         'traumatic': ['Traume (fall på is)', 'Traume (snøscooterulykke)']}
TECH = {'vertebroplasty': 'Vertebroplastikk', 'kyphoplasty': 'Kyfoplastikk (ballong)'}
LEAK = {'none': 'ingen', 'disc': 'diskus', 'venous': 'venøs', 'paravertebral': 'paravertebral',
        'epidural': 'epidural', 'foraminal': 'foraminal'}
TPL = {'pre': 'Før inngrep', '6w': '6 uker', '3m': '3 mnd', '12m': '12 mnd'}
B = Font(bold=True)
HFILL = PatternFill('solid', fgColor='D9E1F2')
LEAKFILL = PatternFill('solid', fgColor='F8CBAD')


def dmy(d):
    return d.strftime('%d.%m.%Y')


def lvname(l):
    return 'Th' + l[1:] if l.startswith('T') else l


def komma(x):
    return ('%g' % x).replace('.', ',')


def fnr(rng, b, sex):
    while True:
        ind = rng.randint(0, 49) * 10 + rng.choice([0, 2, 4, 6, 8] if sex == 'female' else [1, 3, 5, 7, 9])
        ds = [int(c) for c in b.strftime('%d%m%y') + '%03d' % ind]
        k1 = 11 - sum(w * d for w, d in zip([3, 7, 6, 1, 8, 9, 4, 5, 2], ds)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        k2 = 11 - sum(w * d for w, d in zip([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], ds + [k1])) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return ''.join(map(str, ds + [k1, k2]))


def main(outdir):
    pats = build_cohort(CFG)
    rng = random.Random(1969)
    # VAS recorded in mm: refine the 0-10 values to millimetres
    for p in pats:
        for v in p['visits']:
            if v['scores'].get('pain_vas') is not None:
                v['scores']['pain_vas'] = max(0, min(100, v['scores']['pain_vas'] * 10 + rng.randint(-4, 4)))
    fnm = rng.sample(F_NAMES, len(F_NAMES))
    mnm = rng.sample(M_NAMES, len(M_NAMES))
    idents = []
    for p in pats:
        p['pid'] = 'TRV%02d' % (p['idx'] + 1)
        p['name'] = fnm.pop() if p['sex'] == 'female' else mnm.pop()
        p['fnr'] = fnr(rng, p['birth'], p['sex'])
        p['tlf'] = rng.choice(['+47 9%02d %02d %03d' % (rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 999)),
                               '77 %02d %02d %02d' % (rng.randint(60, 69), rng.randint(0, 99), rng.randint(0, 99)),
                               '4%07d' % rng.randint(0, 9999999)])
        p['komm'] = rng.choice(KOMM)
    special = {p['idx'] for p in pats if len(p['sessions']) > 1 or p['fractures'] or p['died'] == 'yes'}
    plain = [p for p in pats if p['idx'] not in special]
    errors = []
    ov = dict(omit_assess=set(), proc_field={})
    e_vas = [p for p in plain if any(v['tp'] == '6w' and v['status'] == 'done' and
                                     v['scores'].get('pain_vas') is not None for v in p['visits'])][0]
    e_lvl = [p for p in plain if p is not e_vas and len(p['sessions'][0]['levels']) == 1][1]
    e_cem = [p for p in plain if p not in (e_vas, e_lvl) and len(p['sessions'][0]['levels']) == 1][2]
    e_date = None
    for p in plain:
        if p in (e_vas, e_lvl, e_cem):
            continue
        for v in p['visits']:
            d = v['date']
            if v['status'] == 'done' and v['tp'] != 'pre' and d.month in (2, 4, 6, 9, 11) and d.day >= 22:
                e_date = (p, v)
                break
        if e_date:
            break
    assert e_date

    wb = Workbook()
    ix = wb.active
    ix.title = 'Oversikt'
    ix['A1'] = 'Vertebroplastikk / kyfoplastikk — lokalt kvalitetsregister'
    ix['A1'].font = Font(bold=True, size=13)
    ix['A2'] = 'Ortopedisk avdeling, Nordlys universitetssykehus, Tromsø. Ett ark per pasient (arknavn = studie-ID).'
    for c, h in enumerate(['Studie-ID', 'Ark', 'Inkludert', 'Status'], 1):
        ix.cell(4, c, h).font = B
        ix.cell(4, c).fill = HFILL
    for k, p in enumerate(pats):
        ix.cell(5 + k, 1, p['pid'])
        ix.cell(5 + k, 2, p['pid'])
        ix.cell(5 + k, 3, dmy(p['first']))
        ix.cell(5 + k, 4, 'død' if p['died'] == 'yes' else ('2 inngrep' if len(p['sessions']) > 1 else ''))
    ix.column_dimensions['A'].width = 12
    ix.column_dimensions['C'].width = 12

    for p in pats:
        ws = wb.create_sheet(p['pid'])
        ws.column_dimensions['A'].width = 26
        for col in 'BCDEFG':
            ws.column_dimensions[col].width = 16
        ws.column_dimensions['F'].width = 18
        ws.column_dimensions['G'].width = 30
        ws['A1'] = 'PASIENTKORT — vertebroplastikk / kyfoplastikk'
        ws['A1'].font = Font(bold=True, size=13)
        bd = dmy(p['birth'])
        died_txt = 'Nei' if p['died'] == 'no' else 'Ja – %s' % dmy(p['death'])
        kv = [('Studie-ID', p['pid']), ('Navn / Namma', p['name']), ('Fødselsnummer', p['fnr']),
              ('Fødselsdato / Riegádanbeaivi', bd),
              ('Kjønn', 'Kvinne (nisu)' if p['sex'] == 'female' else 'Mann (olmmái)'),
              ('Alder ved 1. inngrep', p['age']), ('Telefon', p['tlf']), ('Kommune / Suohkan', p['komm']),
              ('Årsak', rng.choice(CAUSE[p['etiology']])), ('Død (jápmán)', died_txt)]
        idents += [('name', p['name']), ('national_id', p['fnr']), ('birth_date', bd), ('phone', p['tlf']),
                   ('address', p['komm'])]
        r = 3
        for k, v in kv:
            ws.cell(r, 1, k).font = B
            ws.cell(r, 2, v)
            r += 1
        r += 1
        ws.cell(r, 1, 'INNGREP').font = Font(bold=True, size=12)
        r += 1
        ph = ['Nr.', 'Dato', 'Nivå', 'Metode', 'Sement (ml)', 'Sementtype', 'Lekkasje']
        for c, h in enumerate(ph, 1):
            ws.cell(r, c, h).font = B
            ws.cell(r, c).fill = HFILL
        r += 1
        for s in p['sessions']:
            r0 = r
            for j, l in enumerate(s['levels']):
                if j == 0:
                    ws.cell(r, 1, s['session'])
                    ws.cell(r, 2, dmy(s['date']))
                    ws.cell(r, 4, TECH[s['tech']])
                    ws.cell(r, 6, CFG['cements'][s['cement']][0])
                lv = lvname(l)
                if p is e_lvl and s['session'] == 1:
                    lv = 'L6'
                    ov['proc_field'][(p['idx'], 1, 0)] = {'level': ''}
                    errors.append(dict(sheet=ws.title, cell=xl(3, r), row=r, column_header='Nivå', value='L6',
                                       what='impossible vertebral level L6', pid=p['pid']))
                ws.cell(r, 3, lv)
                vol = komma(s['vols'][j])
                if p is e_cem and s['session'] == 1:
                    vol = '21,5'
                    ov['proc_field'][(p['idx'], 1, 0)] = {'cement_volume_ml': ''}
                    errors.append(dict(sheet=ws.title, cell=xl(5, r), row=r, column_header='Sement (ml)',
                                       value='21,5', what='21.5 ml of cement in one vertebra', pid=p['pid']))
                ws.cell(r, 5, vol)
                lk = s['leaks'][j]
                ws.cell(r, 7, ', '.join(LEAK[x] for x in lk.split(';')))
                if lk != 'none':
                    ws.cell(r, 7).fill = LEAKFILL
                r += 1
            if len(s['levels']) > 1:
                for c in (1, 2, 4, 6):
                    ws.merge_cells(start_row=r0, start_column=c, end_row=r - 1, end_column=c)
                    ws.cell(r0, c).alignment = Alignment(vertical='center')

        def fu_table(title, sess):
            nonlocal r
            r += 1
            ws.cell(r, 1, title).font = Font(bold=True, size=12)
            r += 1
            fh = ['Kontroll', 'Dato', 'VAS (0–100 mm)', 'ODI (%)', 'Mobilitet (0–4)', 'Merknad']
            for c, h in enumerate(fh, 1):
                ws.cell(r, c, h).font = B
                ws.cell(r, c).fill = HFILL
            r += 1
            for v in [v for v in p['visits'] if v['session'] == sess]:
                lab = TPL[v['tp']] if sess == 1 or v['tp'] != 'pre' else 'Før inngrep 2'
                ws.cell(r, 1, lab)
                if v['status'] == 'missed':
                    ws.cell(r, 6, rng.choice(['ikke møtt', 'ikke møtt (ii boahtán)', 'i.m.']))
                elif v['status'] == 'dead':
                    ws.cell(r, 6, 'død')
                elif v['status'] == 'superseded':
                    ws.cell(r, 6, '– se inngrep 2')
                else:
                    ds = dmy(v['date'])
                    if e_date[1] is v:
                        mo, yr = v['date'].month, v['date'].year
                        if mo == 2:
                            bdd = 29 if yr % 4 else 30
                        else:
                            bdd = 31
                        ds = '%02d.%02d.%d' % (bdd, mo, yr)
                        errors.append(dict(sheet=ws.title, cell=xl(2, r), row=r, column_header='Dato', value=ds,
                                           what='impossible date (%s does not exist)' % ds, pid=p['pid']))
                    ws.cell(r, 2, ds)
                    sc = v['scores']
                    vas = sc.get('pain_vas')
                    if p is e_vas and v['tp'] == '6w':
                        vas = 135
                        ov['omit_assess'].add((p['idx'], 1, '6w', 'pain_vas'))
                        errors.append(dict(sheet=ws.title, cell=xl(3, r), row=r, column_header='VAS (0–100 mm)',
                                           value='135', what='VAS 135 mm on a 0-100 mm scale', pid=p['pid']))
                    for c, val in ((3, vas), (4, sc.get('odi')), (5, sc.get('mobility'))):
                        ws.cell(r, c, val if val is not None else 'i.u.')
                    if v['tp'] == 'pre' and rng.random() < .3:
                        ws.cell(r, 3).comment = Comment('Målt av sykepleier på sengepost', 'spl')
                    if 'fx' in v:
                        ws.cell(r, 6, 'nytt brudd %s på rtg' % lvname(v['fx']))
                r += 1
        fu_table('OPPFØLGING', 1)
        if len(p['sessions']) > 1:
            fu_table('OPPFØLGING ETTER INNGREP 2', 2)
        r += 1
        ws.cell(r, 1, 'NYE BRUDD').font = Font(bold=True, size=12)
        r += 1
        for c, h in enumerate(['Dato', 'Nivå', 'Merknad'], 1):
            ws.cell(r, c, h).font = B
            ws.cell(r, c).fill = HFILL
        r += 1
        if not p['fractures']:
            ws.cell(r, 1, 'ingen')
            r += 1
        for fd, fl in p['fractures']:
            ws.cell(r, 1, dmy(fd))
            ws.cell(r, 2, lvname(fl))
            if len(p['sessions']) > 1:
                ws.cell(r, 3, 'Funnet ved kontroll, behandlet med nytt inngrep %s' % dmy(p['sessions'][1]['date']))
            else:
                ws.cell(r, 3, 'Funnet ved kontroll, konservativ behandling (korsett)')
            r += 1
        r += 1
        ws.cell(r, 1, 'Notater').font = B
        notes = []
        if p['died'] == 'yes':
            notes.append('Pasienten døde %s.' % dmy(p['death']))
        if p['etiology'] == 'pathologic':
            notes.append('Følges av onkologisk avdeling.')
        if 'Kautokeino' in p['komm'] or 'Karasjok' in p['komm']:
            notes.append('Samisktalende, tolk ved kontroller.')
        ws.cell(r, 2, ' '.join(notes) if notes else '—')
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, lambda p: p['pid'], CFG, errors, idents, per_vertebra_volume=True, ov=ov)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
