# make.py for site debrecen (batch 19). Usage: python make.py OUTDIR
# ---------------------------------------------------------------------------
# Cohort simulation (shared skeleton; every site renders it its own way)
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random
import sys

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = {'T6': 1, 'T7': 2, 'T8': 4, 'T9': 4, 'T10': 6, 'T11': 10, 'T12': 18,
           'L1': 20, 'L2': 11, 'L3': 7, 'L4': 4, 'L5': 1}
TP_DAYS = {'pre': (-2, 0), '24h': (1, 1), '1w': (6, 9), '2w': (13, 16),
           '1m': (27, 35), '6w': (40, 46), '3m': (86, 100), '6m': (176, 195),
           '12m': (355, 380), '24m': (720, 750)}
TP_F = {'24h': .35, '1w': .45, '2w': .5, '1m': .55, '6w': .58, '3m': .62,
        '6m': .66, '12m': .66, '24m': .66}


def wchoice(rng, d):
    keys = list(d)
    return rng.choices(keys, weights=[d[k] for k in keys])[0]


def lvl_idx(lv):
    return LEVELS.index(lv)


def gen_scores(rng, measures, pre=None, tp='pre'):
    """pre: dict of pre-op scores (None -> generate pre-op)."""
    out = {}
    for m in measures:
        if tp == 'pre':
            if m == 'pain_vas':
                out[m] = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
            elif m == 'odi':
                out[m] = rng.randrange(40, 88, 2)
            elif m == 'mobility':
                out[m] = rng.choice([2, 3, 3, 3, 4])
        else:
            f = TP_F[tp] + rng.uniform(-.15, .12)
            base = pre[m]
            if m == 'pain_vas':
                v = round(base * (1 - f) + rng.uniform(-.7, .7))
                out[m] = max(0, min(10, v))
            elif m == 'odi':
                v = int(round(base * (1 - f) / 2.0 + rng.uniform(-2, 2))) * 2
                out[m] = max(0, min(100, v))
            elif m == 'mobility':
                v = round(base * (1 - f) + rng.uniform(-.6, .6))
                out[m] = max(0, min(4, v))
    return out


def gen_levels(rng, etiology, n_lv):
    c = wchoice(rng, LEVEL_W)
    i = lvl_idx(c)
    if n_lv == 1:
        return [c]
    if etiology == 'pathologic' and rng.random() < .5 and n_lv == 2:
        j = i + rng.choice([2, 3])
        if j > lvl_idx('L5'):
            j = i - rng.choice([2, 3])
        return sorted([c, LEVELS[j]], key=lvl_idx)
    start = i - rng.randrange(0, n_lv)
    start = max(lvl_idx('T5'), min(start, lvl_idx('L5') - n_lv + 1))
    return LEVELS[start:start + n_lv]


def gen_volume(rng, level, technique, step=0.5):
    lo, hi = (1.5, 3.5) if level.startswith('T') and lvl_idx(level) < lvl_idx('T11') else (2.5, 5.5)
    if technique == 'kyphoplasty':
        lo, hi = lo + 1, hi + 1.5
    v = rng.uniform(lo, hi)
    return round(round(v / step) * step, 2)


def gen_leak(rng):
    return wchoice(rng, {'none': 72, 'disc': 10, 'venous': 8, 'paravertebral': 6,
                         'epidural': 2, 'disc;venous': 2})


def new_level(rng, treated):
    cand = []
    for lv in treated:
        i = lvl_idx(lv)
        for j in (i - 1, i + 1, i - 2, i + 2):
            if lvl_idx('T5') <= j <= lvl_idx('L5') and LEVELS[j] not in treated:
                cand.append(LEVELS[j])
    return rng.choice(cand)


def gen_cohort(rng, n, start, end, tps, tps2, measures, kp_p=0.3,
               etio_w=None, multi_p=0.3, n_s2=3, n_fx_only=1, n_dead=2,
               miss_p=0.1, step=0.5, cements=None, fx_tps=None):
    etio_w = etio_w or {'osteoporotic': 72, 'pathologic': 16, 'traumatic': 12}
    cements = cements or {'PMMA': 1}
    span = (end - start).days
    pats = []
    for k in range(n):
        et = wchoice(rng, etio_w)
        if et == 'osteoporotic':
            sex = 'female' if rng.random() < .8 else 'male'
            age = rng.randint(62, 91)
        elif et == 'pathologic':
            sex = 'female' if rng.random() < .5 else 'male'
            age = rng.randint(48, 81)
        else:
            sex = 'female' if rng.random() < .4 else 'male'
            age = rng.randint(38, 76)
        d0 = start + dt.timedelta(days=rng.randrange(span))
        # birth date consistent with age at d0
        bmin = dt.date(d0.year - age - 1, d0.month, min(d0.day, 28)) + dt.timedelta(days=1)
        birth = bmin + dt.timedelta(days=rng.randrange(360))
        while (d0.year - birth.year - ((d0.month, d0.day) < (birth.month, birth.day))) != age:
            birth += dt.timedelta(days=1)
        pats.append(dict(k=k, sex=sex, age=age, birth=birth, etiology=et, d0=d0,
                         sessions=[], visits=[], fractures=[], died='no',
                         death_day=None, role='plain'))
    # roles
    idx = list(range(n))
    rng.shuffle(idx)
    path_first = sorted(idx, key=lambda i: pats[i]['etiology'] != 'pathologic')
    dead = path_first[:n_dead]
    rest = [i for i in idx if i not in dead]
    s2 = rest[:n_s2]
    fxo = rest[n_s2:n_s2 + n_fx_only]
    for i in dead:
        pats[i]['role'] = 'dead'
    for i in s2:
        pats[i]['role'] = 's2'
    for i in fxo:
        pats[i]['role'] = 'fx'
    fx_tps = fx_tps or [t for t in tps if TP_DAYS[t][0] >= 27]
    for p in pats:
        n_lv = 1 if rng.random() > multi_p else (2 if rng.random() < .75 else 3)
        tech = 'kyphoplasty' if rng.random() < kp_p else 'vertebroplasty'
        lvls = gen_levels(rng, p['etiology'], n_lv)
        ses = dict(n=1, day=0, technique=tech, cement=wchoice(rng, cements),
                   levels=[dict(level=lv, vol=gen_volume(rng, lv, tech, step),
                                leak=gen_leak(rng)) for lv in lvls])
        p['sessions'].append(ses)
        pre = gen_scores(rng, measures)
        d_pre = rng.randint(*TP_DAYS['pre'])
        p['visits'].append(dict(session=1, tp='pre', day=d_pre, sched=d_pre,
                                scores=pre, status='done'))
        cut = None   # visits with day >= cut are not held in session 1 schedule
        if p['role'] in ('s2', 'fx'):
            cand = fx_tps[:-1] if p['role'] == 's2' else fx_tps
            ftp = rng.choice(cand)
        for t in tps:
            day = rng.randint(*TP_DAYS[t])
            v = dict(session=1, tp=t, day=day, sched=day,
                     scores=gen_scores(rng, measures, pre, t), status='done')
            if p['role'] in ('s2', 'fx') and t == ftp:
                nl = new_level(rng, [x['level'] for x in ses['levels']])
                p['fractures'].append(dict(day=day, level=nl, tp=t))
                v['fx'] = nl
                if p['role'] == 's2':
                    s2day = day + rng.randint(5, 16)
                    cut = s2day
                    p['visits'].append(v)
                    break
            p['visits'].append(v)
        if p['role'] == 's2':
            tech2 = ses['technique'] if rng.random() < .7 else ('kyphoplasty' if ses['technique'] == 'vertebroplasty' else 'vertebroplasty')
            nl = p['fractures'][0]['level']
            s2 = dict(n=2, day=cut, technique=tech2, cement=ses['cement'],
                      levels=[dict(level=nl, vol=gen_volume(rng, nl, tech2, step),
                                   leak=gen_leak(rng))])
            p['sessions'].append(s2)
            pre2 = gen_scores(rng, measures)
            d_pre = cut + rng.randint(*TP_DAYS['pre'])
            p['visits'].append(dict(session=2, tp='pre', day=d_pre, sched=d_pre,
                                    scores=pre2, status='done'))
            for t in tps2:
                d = cut + rng.randint(*TP_DAYS[t])
                p['visits'].append(dict(session=2, tp=t, day=d, sched=d,
                                        scores=gen_scores(rng, measures, pre2, t), status='done'))
            # scheduled session-1 visits not held
            held = {v['tp'] for v in p['visits'] if v['session'] == 1}
            for t in tps:
                if t not in held:
                    p['visits'].append(dict(session=1, tp=t, day=None, sched=999999,
                                            scores={}, status='reop'))
        if p['role'] == 'dead':
            fol = [v for v in p['visits'] if v['session'] == 1 and v['tp'] != 'pre']
            keep = rng.randint(1, max(1, len(fol) - 1))
            last = fol[keep - 1]['day']
            nxt = fol[keep]['day'] if keep < len(fol) else last + 200
            p['death_day'] = rng.randint(last + 5, max(last + 6, nxt - 3))
            p['died'] = 'yes'
            for v in fol[keep:]:
                v['status'] = 'dead'
                v['scores'] = {}
                v['day'] = None
        # random missed visits
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] != 'pre' and 'fx' not in v \
                    and rng.random() < miss_p:
                v['status'] = 'missed'
                v['scores'] = {}
                v['day'] = None
        # random single missing measure
        for v in p['visits']:
            if v['status'] == 'done' and len(measures) > 1 and rng.random() < .06:
                m = rng.choice(measures[1:])
                v['scores'].pop(m, None)
                v['partial'] = m
        p['visits'].sort(key=lambda v: (v['session'], v['sched']))
    return pats


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if r.get(h) is None else r.get(h) for h in header])


def fmt_num(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return ('%d' % x) if x == int(x) else ('%g' % x)


def truth_tables(pats, pid_of):
    """Default truth built from the cohort; sites edit these lists afterwards."""
    P, PR, AS, FX = [], [], [], []
    for p in pats:
        pid = pid_of(p)
        P.append(dict(patient_id=pid, sex=p['sex'], age_years=p['age'],
                      etiology=p['etiology'], died=p['died']))
        for s in p['sessions']:
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                PR.append(dict(patient_id=pid, session=s['n'], day=s['day'], level=l['level'],
                               technique=s['technique'],
                               cement_volume_ml=fmt_num(l['vol']) if s.get('per_level', True) else '',
                               session_cement_volume_ml='' if s.get('per_level', True) else fmt_num(tot),
                               cement_type=s['cement'], leakage=l['leak'],
                               _p=p, _s=s, _l=l))
        for v in p['visits']:
            for m, val in v['scores'].items():
                AS.append(dict(patient_id=pid, session=v['session'], measure=m,
                               timepoint=v['tp'], value=fmt_num(val), _p=p, _v=v))
        for f in p['fractures']:
            FX.append(dict(patient_id=pid, day=f['day'], level=f['level'], _p=p, _f=f))
    return P, PR, AS, FX


PAT_H = ['patient_id', 'sex', 'age_years', 'etiology', 'died']
PROC_H = ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
          'session_cement_volume_ml', 'cement_type', 'leakage']
ASS_H = ['patient_id', 'session', 'measure', 'timepoint', 'value']
FX_H = ['patient_id', 'day', 'level']
ERR_H = ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id']
ID_H = ['kind', 'value']


def write_truth(out, P, PR, AS, FX, ERR, IDS):
    t = os.path.join(out, 'truth')
    write_csv(os.path.join(t, 'patients.csv'), PAT_H, P)
    write_csv(os.path.join(t, 'procedures.csv'), PROC_H, PR)
    write_csv(os.path.join(t, 'assessments.csv'), ASS_H, AS)
    write_csv(os.path.join(t, 'fractures.csv'), FX_H, FX)
    write_csv(os.path.join(t, 'errors.csv'), ERR_H, ERR)
    seen, ids = set(), []
    for k, v in IDS:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ids.append(dict(kind=k, value=v))
    write_csv(os.path.join(t, 'identifiers.csv'), ID_H, ids)
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Debrecen: one sheet per visit (Betegek, Műtét with merged cells, 1 hét,
# 1 hónap, 3 hónap, 12 hónap, 2. ülés kontroll); VAS in mm
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 19505
SUR = ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár', 'Németh', 'Farkas',
       'Balogh', 'Papp', 'Takács', 'Juhász', 'Lakatos', 'Mészáros', 'Oláh', 'Simon', 'Rácz', 'Fekete',
       'Szilágyi', 'Török', 'Fehér', 'Balázs', 'Gál', 'Bíró']
MAL = ['János', 'István', 'László', 'József', 'Sándor', 'Ferenc', 'Gábor', 'Imre', 'Lajos', 'Béla', 'Mihály']
FEM = ['Erzsébet', 'Ilona', 'Katalin', 'Mária', 'Éva', 'Margit', 'Julianna', 'Piroska', 'Irén',
       'Magdolna', 'Rozália', 'Gizella']
DIAG = {'osteoporotic': ['M8008 Postmenopausalis osteoporosis, csigolya kompressziós törés',
                         'M8088 Osteoporosis kóros töréssel (csigolya)'],
        'pathologic': ['C7950 Csontmetasztázis (emlőtumor)', 'C7950 Csontmetasztázis (prostata tumor)',
                       'C9000 Myeloma multiplex', 'C7950 Csontmetasztázis (tüdőtumor)'],
        'traumatic': ['S2200 Háti csigolya törése (közlekedési baleset)',
                      'S3200 Ágyéki csigolya törése (leesés létráról)']}
LEAK = {'none': 'nincs', 'disc': 'discus', 'venous': 'vénás', 'paravertebral': 'paravertebralis',
        'epidural': 'epiduralis', 'disc;venous': 'discus + vénás'}
VSHEETS = [('1w', '1 hét', 'posztoperatív 5–9. nap'), ('1m', '1 hónap', '4–5. hét'),
           ('3m', '3 hónap', '12–14. hét'), ('12m', '12 hónap', '1 év')]


def hu(d):
    return d.strftime('%Y.%m.%d.')


def th(lv):
    return 'Th' + lv[1:] if lv.startswith('T') else lv


def comma(v):
    return fmt_num(v).replace('.', ',')


def taj(rng):
    while True:
        d = [rng.randrange(10) for _ in range(8)]
        if d[0] == 0:
            continue
        c = sum(x * w for x, w in zip(d, [3, 7, 3, 7, 3, 7, 3, 7])) % 10
        s = ''.join(map(str, d)) + str(c)
        return '%s %s %s' % (s[:3], s[3:6], s[6:])


def main(out):
    rng = random.Random(SEED)
    pats = gen_cohort(rng, 27, dt.date(2022, 1, 15), dt.date(2023, 6, 30),
                      ['1w', '1m', '3m', '12m'], ['1w', '1m'], ['pain_vas', 'odi', 'mobility'],
                      kp_p=0.45, multi_p=0.3, n_s2=3, n_fx_only=2, n_dead=2,
                      cements={'PMMA': 92, 'calcium phosphate': 8}, fx_tps=['1m', '3m', '12m'])
    # VAS recorded in mm: truth = mm / 10
    for p in pats:
        for v in p['visits']:
            if 'pain_vas' in v['scores']:
                mm = max(0, min(100, v['scores']['pain_vas'] * 10 + rng.randint(-4, 4)))
                v['vas_mm'] = mm
                v['scores']['pain_vas'] = mm / 10.0
    ids = []
    used = set()
    for i, p in enumerate(pats):
        p['pid'] = 'DE-VA-%03d' % (i + 1)
        while True:
            if p['sex'] == 'male':
                nm = '%s %s' % (rng.choice(SUR), rng.choice(MAL))
            elif rng.random() < .55:
                nm = '%s %sné' % (rng.choice(SUR), rng.choice(MAL))
            else:
                nm = '%s %s' % (rng.choice(SUR), rng.choice(FEM))
            if nm not in used:
                used.add(nm)
                break
        p['name'] = nm
        p['taj'] = taj(rng)
        p['phone'] = '+36 %d %03d %04d' % (rng.choice([20, 30, 70]), rng.randrange(1000), rng.randrange(10000)) \
            if rng.random() < .7 else '06-52/%03d-%03d' % (rng.randrange(100, 999), rng.randrange(1000))
        thor = p['sessions'][0]['levels'][0]['level'].startswith('T')
        p['diag'] = rng.choice([x for x in DIAG[p['etiology']]
                                if not (('emlő' in x and p['sex'] == 'male') or ('prostata' in x and p['sex'] == 'female')
                                        or (x.startswith('S22') and not thor) or (x.startswith('S32') and thor))])
        p['dcell'] = rng.random() < .3     # some dates stored as real date cells
        ids += [('name', p['name']), ('national_id', p['taj']), ('birth_date', hu(p['birth'])),
                ('phone', p['phone'])]
        for s in p['sessions']:
            s['per_level'] = not (len(s['levels']) > 1 and rng.random() < .4)

    plain = [p for p in pats if p['role'] == 'plain']
    rng.shuffle(plain)
    chosen = []

    def pick(cond):
        for p in plain:
            if p not in chosen and cond(p):
                chosen.append(p)
                return p
        raise AssertionError

    def v_of(p, tp, s=1):
        return next((v for v in p['visits'] if v['tp'] == tp and v['session'] == s), None)
    e_level = pick(lambda p: p['sessions'][0]['levels'][0]['level'] == 'T12')
    e_noid = pick(lambda p: v_of(p, '3m')['status'] == 'done')
    e_before = pick(lambda p: v_of(p, '1w')['status'] == 'done' and date_of(p, v_of(p, '1w')['day']).month > 1
                    and date_of(p, v_of(p, '1w')['day']).day <= 28)
    e_vas = pick(lambda p: v_of(p, '1m')['status'] == 'done')
    err = []

    wb = Workbook()
    thin = Side(style='thin', color='808080')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    hfill = PatternFill('solid', fgColor='FCE4D6')

    def header(ws, r, heads, widths=None):
        for c, h in enumerate(heads, 1):
            cell = ws.cell(r, c, h)
            cell.font = Font(bold=True)
            cell.fill = hfill
            cell.border = box
            cell.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
        if widths:
            for c, w in enumerate(widths, 1):
                ws.column_dimensions[get_column_letter(c)].width = w

    def dcell(ws, r, c, d, p):
        if p['dcell']:
            ws.cell(r, c, d).number_format = 'yyyy.mm.dd.'
        else:
            ws.cell(r, c, hu(d))

    # ---- Betegek ----
    wsb = wb.active
    wsb.title = 'Betegek'
    wsb['A1'] = 'Debreceni Egyetem Klinikai Központ (Kenézy Campus) – Ortopédiai és Gerincsebészeti Klinika – csigolya-augmentációs beteganyag'
    wsb['A1'].font = Font(bold=True)
    bh = ['Azonosító', 'Név', 'TAJ szám', 'Születési dátum', 'Nem', 'Telefon', 'Diagnózis (BNO)', 'Elhunyt']
    header(wsb, 3, bh, [11, 22, 13, 14, 6, 17, 52, 13])
    for i, p in enumerate(pats):
        r = 4 + i
        vals = [p['pid'], p['name'], p['taj'], None, 'nő' if p['sex'] == 'female' else 'férfi', p['phone'],
                p['diag'], None]
        for c, v in enumerate(vals, 1):
            if v is not None:
                wsb.cell(r, c, v)
        dcell(wsb, r, 4, p['birth'], p)
        if p['died'] == 'yes':
            wsb.cell(r, 8, hu(date_of(p, p['death_day'])))

    # ---- Műtét ----
    wm = wb.create_sheet('Műtét')
    wm['A1'] = 'Műtéti adatok – egy sor = egy kezelt csigolya (a műtéti adatok összevont cellákban)'
    mh = ['Azonosító', 'Név', 'Műtét dátuma', 'Ülés', 'Eljárás', 'Csigolya', 'Cement (ml)', 'Cement típusa',
          'Cementszivárgás', 'Preop VAS (mm)', 'Preop ODI (%)', 'Preop mobilitás (0-4)', 'Megjegyzés']
    header(wm, 2, mh, [11, 22, 13, 6, 22, 9, 11, 15, 16, 10, 10, 11, 30])
    MC = {h: i + 1 for i, h in enumerate(mh)}
    r = 3
    sess = sorted([(p['d0'] + dt.timedelta(days=s['day']), p, s) for p in pats for s in p['sessions']],
                  key=lambda x: x[0])
    for d, p, s in sess:
        r0 = r
        n = len(s['levels'])
        pre = v_of(p, 'pre', s['n'])
        tot = sum(l['vol'] for l in s['levels'])
        if s['technique'] == 'vertebroplasty':
            tech = rng.choice(['vertebroplasztika', 'VP', 'PVP'])
        else:
            tech = rng.choice(['ballonos kyphoplasztika', 'kyphoplasztika', 'BKP'])
        if s['cement'] == 'calcium phosphate':
            ct = 'kalcium-foszfát'
        elif s['technique'] == 'kyphoplasty':
            ct = rng.choice(['Kyphon HV-R', 'PMMA'])
        else:
            ct = rng.choice(['Vertecem V+', 'Osteopal V', 'PMMA'])
        for j, l in enumerate(s['levels']):
            lvt = th(l['level'])
            if p is e_level and s['n'] == 1 and j == 0:
                lvt = 'Th13'
                err.append(dict(sheet='Műtét', cell='F%d' % r, row=r, column_header='Csigolya', value='Th13',
                                what_is_wrong='impossible vertebral level Th13 (there are 12 thoracic vertebrae)',
                                patient_id=p['pid']))
            wm.cell(r, MC['Csigolya'], lvt)
            if s['per_level']:
                wm.cell(r, MC['Cement (ml)'], comma(l['vol']) if rng.random() < .6 else l['vol'])
            wm.cell(r, MC['Cementszivárgás'], LEAK[l['leak']])
            for c in range(1, len(mh) + 1):
                wm.cell(r, c).border = box
            r += 1
        wm.cell(r0, MC['Azonosító'], p['pid'])
        wm.cell(r0, MC['Név'], p['name'])
        dcell(wm, r0, MC['Műtét dátuma'], d, p)
        wm.cell(r0, MC['Ülés'], '%d.' % s['n'])
        wm.cell(r0, MC['Eljárás'], tech)
        wm.cell(r0, MC['Cement típusa'], ct)
        if not s['per_level']:
            wm.cell(r0, MC['Cement (ml)'], 'össz. %s' % comma(tot))
        sc = pre['scores']
        wm.cell(r0, MC['Preop VAS (mm)'], pre['vas_mm'])
        wm.cell(r0, MC['Preop ODI (%)'], sc.get('odi', 'n.a.'))
        wm.cell(r0, MC['Preop mobilitás (0-4)'], sc.get('mobility', 'n.a.'))
        note = []
        if s['n'] == 2:
            note.append('új törés miatt reoperáció')
        if p['etiology'] == 'pathologic' and s['n'] == 1:
            note.append('biopszia: szövettan folyamatban' if rng.random() < .5 else 'onkoteam javaslatára')
        if pre['day'] != s['day']:
            note.append('preop pontszám: %s' % hu(date_of(p, pre['day'])))
        if note:
            wm.cell(r0, MC['Megjegyzés'], '; '.join(note))
        if n > 1:
            for h in ('Azonosító', 'Név', 'Műtét dátuma', 'Ülés', 'Eljárás', 'Cement típusa', 'Preop VAS (mm)',
                      'Preop ODI (%)', 'Preop mobilitás (0-4)', 'Megjegyzés'):
                wm.merge_cells(start_row=r0, start_column=MC[h], end_row=r - 1, end_column=MC[h])
                wm.cell(r0, MC[h]).alignment = Alignment(vertical='center', wrap_text=True)
            if not s['per_level']:
                wm.merge_cells(start_row=r0, start_column=MC['Cement (ml)'], end_row=r - 1,
                               end_column=MC['Cement (ml)'])
                wm.cell(r0, MC['Cement (ml)']).alignment = Alignment(vertical='center')

    # ---- visit sheets ----
    vh = ['Azonosító', 'Név', 'Vizsgálat dátuma', 'VAS (mm)', 'ODI (%)', 'Mobilitás (0-4)', 'Új törés', 'Megjegyzés']
    for tp, name, when in VSHEETS:
        ws = wb.create_sheet(name)
        ws['A1'] = 'Kontroll: %s (%s)' % (name, when)
        ws['A1'].font = Font(bold=True)
        header(ws, 2, vh, [11, 22, 15, 9, 8, 11, 9, 40])
        r = 3
        for p in pats:
            v = v_of(p, tp, 1)
            ws.cell(r, 1, p['pid'])
            ws.cell(r, 2, p['name'])
            if v['status'] == 'done':
                d = date_of(p, v['day'])
                if p is e_before and tp == '1w':
                    bad = dt.date(d.year, d.month - 1, d.day)
                    ws.cell(r, 3, hu(bad))
                    err.append(dict(sheet=name, cell='C%d' % r, row=r, column_header='Vizsgálat dátuma', value=hu(bad),
                                    what_is_wrong='1-week control dated %s, before the procedure (%s)' % (hu(bad), hu(p['d0'])),
                                    patient_id=p['pid']))
                else:
                    dcell(ws, r, 3, d, p)
                mm = v['vas_mm']
                if p is e_vas and tp == '1m':
                    mm = 115
                    v['vas_err'] = True
                    err.append(dict(sheet=name, cell='D%d' % r, row=r, column_header='VAS (mm)', value='115',
                                    what_is_wrong='VAS 115 mm beyond the 0-100 mm scale', patient_id=p['pid']))
                ws.cell(r, 4, mm)
                ws.cell(r, 5, v['scores'].get('odi', 'n.a.'))
                ws.cell(r, 6, v['scores'].get('mobility', 'n.a.'))
                if 'fx' in v:
                    ws.cell(r, 7, th(v['fx']))
                    ws.cell(r, 8, 'új kompressziós törés, konzervatív kezelés (fűző)' if p['role'] == 'fx'
                            else 'új kompressziós törés, reoperáció tervezve')
                if p is e_noid and tp == '3m':
                    ws.cell(r, 1).value = None
                    v['noid'] = True
                    err.append(dict(sheet=name, cell='A%d' % r, row=r, column_header='Azonosító', value='',
                                    what_is_wrong='control row with data but no study ID (Azonosító)',
                                    patient_id=p['pid']))
            elif v['status'] == 'missed':
                ws.cell(r, 8, rng.choice(['nem jelent meg', 'nem jelent meg', 'telefonon nem elérhető']))
            elif v['status'] == 'dead':
                ws.cell(r, 8, 'elhunyt')
                ws.cell(r, 8).font = Font(color='C00000')
            elif v['status'] == 'reop':
                ws.cell(r, 8, 'reoperáció – lásd „2. ülés kontroll” lap')
            r += 1
    # ---- 2nd-session follow-up ----
    ws = wb.create_sheet('2. ülés kontroll')
    ws['A1'] = 'Reoperált betegek kontrolljai (a 2. műtéthez viszonyítva)'
    ws['A1'].font = Font(bold=True)
    header(ws, 2, ['Azonosító', 'Név', 'Kontroll', 'Vizsgálat dátuma', 'VAS (mm)', 'ODI (%)', 'Mobilitás (0-4)',
                   'Megjegyzés'], [11, 22, 10, 15, 9, 8, 11, 30])
    r = 3
    for p in pats:
        for v in p['visits']:
            if v['session'] != 2 or v['tp'] == 'pre':
                continue
            ws.cell(r, 1, p['pid'])
            ws.cell(r, 2, p['name'])
            ws.cell(r, 3, {'1w': '1 hét', '1m': '1 hónap'}[v['tp']])
            if v['status'] == 'done':
                dcell(ws, r, 4, date_of(p, v['day']), p)
                ws.cell(r, 5, v['vas_mm'])
                ws.cell(r, 6, v['scores'].get('odi', 'n.a.'))
                ws.cell(r, 7, v['scores'].get('mobility', 'n.a.'))
            else:
                ws.cell(r, 8, 'nem jelent meg')
            r += 1
    assert len(err) == 4, err
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))

    P, PR, AS, FX = truth_tables(pats, lambda p: p['pid'])
    for r in PR:
        if r['_p'] is e_level and r['_s']['n'] == 1 and r['_l'] is r['_s']['levels'][0]:
            r['level'] = ''
    AS = [a for a in AS if not (a['_v'].get('vas_err') and a['measure'] == 'pain_vas') and not a['_v'].get('noid')]
    FX = [f for f in FX if not (f['_p'] is e_noid)]
    write_truth(out, P, PR, AS, FX, err, ids)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
