# make.py for site sarajevo (batch 19). Usage: python make.py OUTDIR
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
# Sarajevo: procedure book with one column per vertebral level (Th4..L5)
# holding the cement volume, plus a chronological follow-up book
# ---------------------------------------------------------------------------
import re
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 19303
S1 = 'Protokol'
S2 = 'Kontrole'
LVCOLS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]


def th(lv):
    return 'Th' + lv[1:] if lv.startswith('T') else lv


LAT2CYR = dict(zip('abvgdđežzijklmnoprstćufhcčš', 'абвгдђежзијклмнопрстћуфхцчш'))
LAT2CYR.update({'lj': 'љ', 'nj': 'њ', 'dž': 'џ'})


def cyr(s):
    return re.sub(r"[^\s()–;,.+/-]+", lambda m: m.group(0) if re.fullmatch(r'(Ca|OP|VP|KP|PMMA|Th\d+|L\d+|I|II)', m.group(0))
                  else _cyr(m.group(0)), s)


def _cyr(s):
    out, i = '', 0
    while i < len(s):
        two = s[i:i + 2]
        if two.lower() in ('lj', 'nj', 'dž'):
            c = LAT2CYR[two.lower()]
            out += c.upper() if two[0].isupper() else c
            i += 2
            continue
        ch = s[i]
        c = LAT2CYR.get(ch.lower())
        out += (c.upper() if ch.isupper() else c) if c else ch
        i += 1
    return out


FEM = ['Fatima', 'Hajra', 'Safeta', 'Mirsada', 'Zineta', 'Ljubica', 'Milka', 'Nada', 'Ankica',
       'Vesna', 'Emina', 'Šefika', 'Dragica', 'Zora', 'Mevlida', 'Nura']
MAL = ['Mehmed', 'Husein', 'Ibrahim', 'Dragan', 'Milan', 'Ivo', 'Zoran', 'Safet', 'Enver',
       'Nedžad', 'Stjepan', 'Mustafa']
SUR = ['Hodžić', 'Hadžić', 'Kovačević', 'Begović', 'Delić', 'Mujić', 'Petrović', 'Jovanović',
       'Marić', 'Babić', 'Salihović', 'Softić', 'Čaušević', 'Husić', 'Đurić', 'Omerović', 'Kurtović',
       'Ljubović', 'Šehić', 'Tomić', 'Nikolić', 'Zec', 'Pašić', 'Bešlija']
DIAG = {'osteoporotic': ['osteoporotična kompresivna fraktura', 'OP fraktura', 'osteoporoza, kompresivna fraktura'],
        'pathologic': ['metastaza (Ca pluća)', 'metastaza (Ca dojke)', 'multipli mijelom', 'metastaza (Ca prostate)'],
        'traumatic': ['traumatska fraktura (saobraćajna nezgoda)', 'traumatska fraktura (pad s visine)']}
LEAK = {'none': 'nema', 'disc': 'disk', 'venous': 'venska', 'paravertebral': 'paravertebralno',
        'epidural': 'epiduralno', 'disc;venous': 'disk + venska'}
TP1 = {'pre': 'prijeop.', '24h': '24 h', '1m': '1 mj.', '3m': '3 mj.', '12m': '12 mj.'}
TP1C = {'pre': 'пријеоп.', '24h': '24 х', '1m': '1 мј.', '3m': '3 мј.', '12m': '12 мј.'}


def jmbg(birth, sex, rng):
    while True:
        bbb = rng.randrange(500, 1000) if sex == 'female' else rng.randrange(0, 500)
        s = '%02d%02d%03d%02d%03d' % (birth.day, birth.month, birth.year % 1000, rng.choice([17, 17, 18, 19]), bbb)
        w = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        m = 11 - sum(int(a) * b for a, b in zip(s, w)) % 11
        if m == 10:
            continue
        return s + str(0 if m == 11 else m)


def comma(v):
    return fmt_num(v).replace('.', ',')


def ddmm(d):
    return d.strftime('%d.%m.%Y.')


def main(out):
    rng = random.Random(SEED)
    pats = gen_cohort(rng, 25, dt.date(2022, 2, 1), dt.date(2023, 5, 31),
                      ['24h', '1m', '3m', '12m'], ['24h', '1m'], ['pain_vas', 'odi'],
                      kp_p=0.4, multi_p=0.33, n_s2=3, n_fx_only=1, n_dead=3, step=0.1,
                      cements={'PMMA': 90, 'calcium phosphate': 10}, fx_tps=['1m', '3m', '12m'])
    ids = []
    used = set()
    for i, p in enumerate(pats):
        p['pid'] = 'KCB-VP-%02d' % (i + 1)
        p['cyr'] = rng.random() < .22
        p['txt'] = rng.random() < .5     # cement typed as text with decimal comma
        while True:
            nm = '%s %s' % (rng.choice(SUR), rng.choice(FEM if p['sex'] == 'female' else MAL))
            if nm not in used:
                used.add(nm)
                break
        p['name'] = cyr(nm) if p['cyr'] else nm
        p['mrn'] = '%d/%02d' % (rng.randrange(1000, 99999), p['d0'].year % 100)
        p['jmbg'] = jmbg(p['birth'], p['sex'], rng)
        p['phone'] = '06%d/%03d-%03d' % (rng.choice([1, 2, 3, 5]), rng.randrange(1000), rng.randrange(1000))
        ids += [('name', p['name']), ('record_number', p['mrn']), ('national_id', p['jmbg']),
                ('phone', p['phone'])]
        for s in p['sessions']:
            s['per_level'] = not (len(s['levels']) > 1 and rng.random() < .4)
        p['diag'] = rng.choice([x for x in DIAG[p['etiology']]
                                if not (('dojke' in x and p['sex'] == 'male') or ('prostate' in x and p['sex'] == 'female'))])

    plain = [p for p in pats if p['role'] == 'plain']
    rng.shuffle(plain)
    chosen = []

    def pick(cond):
        for p in plain:
            if p not in chosen and cond(p):
                chosen.append(p)
                return p
        raise AssertionError

    def short_month(p):
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] not in ('pre', '24h'):
                d = date_of(p, v['day'])
                if d.month in (4, 6, 9, 11) and d.day >= 24:
                    return v
    e_date = pick(short_month)
    e_date_v = short_month(e_date)
    e_cem = pick(lambda p: p['sessions'][0]['per_level'])
    e_vas = pick(lambda p: any(v['tp'] == '1m' and v['status'] == 'done' for v in p['visits']))
    e_noid = pick(lambda p: any(v['tp'] == '3m' and v['status'] == 'done' for v in p['visits']))
    err = []

    wb = Workbook()
    ws = wb.active
    ws.title = S1
    thin = Side(style='thin', color='808080')
    ws['A1'] = 'KLINIČKI CENTAR „BISTRIK“ SARAJEVO — Klinika za neurohirurgiju'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = 'Protokol perkutanih vertebroplastika (VP) i kifoplastika (KP), 2022.–2023.'
    head = ['R.br.', 'Šifra', 'Prezime i ime', 'Br. historije', 'JMBG', 'Telefon', 'Spol', 'Dob',
            'Dijagnoza', 'Datum zahvata', 'Zahvat br.', 'Vrsta zahvata'] + [th(x) for x in LVCOLS] + \
           ['Ukupno (ml)', 'Cement', 'Ekstravazacija cementa', 'Napomena']
    HR = 5
    col = {h: i + 1 for i, h in enumerate(head)}
    for h, c in col.items():
        ws.cell(HR, c, h).font = Font(bold=True)
        ws.cell(HR, c).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
        ws.cell(HR, c).border = Border(bottom=thin, top=thin)
        if h not in [th(x) for x in LVCOLS]:
            ws.cell(4, c, h)
            ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
            ws.cell(4, c).font = Font(bold=True)
            ws.cell(4, c).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
    c1, c2 = col['Th4'], col['L5']
    ws.cell(4, c1, 'Nivo — volumen cementa (ml); x = tretiran nivo, volumen samo ukupno')
    ws.merge_cells(start_row=4, start_column=c1, end_row=4, end_column=c2)
    ws.cell(4, c1).alignment = Alignment(horizontal='center')
    ws.cell(4, c1).font = Font(bold=True)
    for c in range(c1, c2 + 1):
        ws.cell(HR, c).fill = PatternFill('solid', fgColor='E2EFDA')
        ws.column_dimensions[get_column_letter(c)].width = 5.5
    sessions = []
    for p in pats:
        for s in p['sessions']:
            sessions.append((date_of(p, s['day']), p, s))
    sessions.sort(key=lambda x: x[0])
    row = HR + 1
    for n, (d, p, s) in enumerate(sessions, 1):
        C = p['cyr']
        vals = {'R.br.': n, 'Šifra': p['pid'], 'Prezime i ime': p['name'], 'Br. historije': p['mrn'],
                'JMBG': p['jmbg'], 'Telefon': p['phone'],
                'Spol': ('Ж' if C else 'Ž') if p['sex'] == 'female' else ('М' if C else 'M'),
                'Dob': d.year - p['birth'].year - ((d.month, d.day) < (p['birth'].month, p['birth'].day)),
                'Dijagnoza': (lambda t: cyr(t) if C and not t.startswith('OP') else t)(p['diag']),
                'Datum zahvata': ddmm(d), 'Zahvat br.': 'I' if s['n'] == 1 else 'II'}
        t = s['technique']
        vals['Vrsta zahvata'] = (rng.choice(['VP', 'vertebroplastika']) if t == 'vertebroplasty'
                                 else rng.choice(['KP', 'kifoplastika']))
        if C and len(vals['Vrsta zahvata']) > 2:
            vals['Vrsta zahvata'] = cyr(vals['Vrsta zahvata'])
        tot = sum(l['vol'] for l in s['levels'])
        for l in s['levels']:
            if s['per_level']:
                vals[th(l['level'])] = comma(l['vol']) if p['txt'] else l['vol']
            else:
                vals[th(l['level'])] = 'x'
        vals['Ukupno (ml)'] = comma(tot) if p['txt'] else round(tot, 1)
        if s['cement'] == 'calcium phosphate':
            vals['Cement'] = 'kalcij-fosfatni' if not C else 'калцијум-фосфатни'
        else:
            vals['Cement'] = rng.choice(['PMMA', 'Osteopal V', 'Vertecem V+', 'PMMA'])
        lv = s['levels']
        if len(lv) == 1:
            lk = LEAK[lv[0]['leak']]
        else:
            parts = ['%s – %s' % (th(l['level']), LEAK[l['leak']]) for l in lv if l['leak'] != 'none']
            lk = '; '.join(parts) if parts else 'nema'
        vals['Ekstravazacija cementa'] = cyr(lk) if C else lk
        notes = []
        if s['n'] == 2:
            notes.append('nova fraktura %s – II zahvat' % th(lv[0]['level']))
        if p['etiology'] == 'pathologic' and s['n'] == 1 and rng.random() < .5:
            notes.append('biopsija uzeta')
        if notes:
            vals['Napomena'] = '; '.join(notes)
        if p is e_cem and s['n'] == 1:
            l0 = s['levels'][0]
            vals[th(l0['level'])] = '24' if p['txt'] else 24
            vals['Ukupno (ml)'] = comma(tot - l0['vol'] + 24) if p['txt'] else round(tot - l0['vol'] + 24, 1)
            err.append(dict(sheet=S1, cell='%s%d' % (get_column_letter(col[th(l0['level'])]), row), row=row,
                            column_header=th(l0['level']), value='24',
                            what_is_wrong='24 mL of cement in one vertebra (%s): above 20 mL' % th(l0['level']),
                            patient_id=p['pid']))
        for h, v in vals.items():
            cell = ws.cell(row, col[h], v)
            if h in [th(x) for x in LVCOLS] and v is not None:
                cell.fill = PatternFill('solid', fgColor='FFF2CC')
                cell.alignment = Alignment(horizontal='center')
            if h == 'JMBG':
                cell.number_format = '@'
        row += 1
    for h, w in [('Prezime i ime', 20), ('Dijagnoza', 30), ('Br. historije', 11), ('JMBG', 15),
                 ('Telefon', 13), ('Datum zahvata', 12), ('Vrsta zahvata', 14), ('Cement', 14),
                 ('Ekstravazacija cementa', 24), ('Napomena', 28), ('Šifra', 11)]:
        ws.column_dimensions[get_column_letter(col[h])].width = w
    ws.freeze_panes = 'D6'

    # ---------------- follow-up book ----------------
    wk = wb.create_sheet(S2)
    wk['A1'] = 'Ambulantne kontrole nakon VP/KP (VAS 0–10, ODI %) — upisano hronološki'
    wk['A1'].font = Font(bold=True)
    kh = ['Šifra', 'Pacijent', 'Datum', 'Kontrola', 'VAS', 'ODI (%)', 'Nova fraktura', 'Napomena']
    kc = {h: i + 1 for i, h in enumerate(kh)}
    for h, c in kc.items():
        wk.cell(2, c, h).font = Font(bold=True)
        wk.cell(2, c).border = Border(bottom=thin)
    entries = []
    for p in pats:
        C = p['cyr']
        for v in p['visits']:
            if v['status'] in ('dead', 'reop'):
                continue
            lab = (TP1C if C else TP1)[v['tp']]
            if v['session'] == 2:
                lab = 'II – ' + lab
            r = {'Šifra': p['pid'], 'Pacijent': p['name'], 'Kontrola': lab}
            absday = v['sched'] if v['day'] is None else v['day']
            if v['status'] == 'missed':
                r['Datum'] = None
                r['VAS'] = rng.choice(['n.d.', '—', 'n.d.'])
                r['Napomena'] = rng.choice(['nije došao/la', 'ne javlja se na telefon', 'nije došao/la']) if not C \
                    else 'није дошао/ла'
            else:
                r['Datum'] = ddmm(date_of(p, v['day']))
                r['VAS'] = v['scores']['pain_vas']
                r['ODI (%)'] = v['scores'].get('odi', 'n.d.')
                if 'fx' in v:
                    r['Nova fraktura'] = th(v['fx'])
                    r['Napomena'] = 'nova kompresivna fraktura' + (', konzervativno (steznik)' if p['role'] == 'fx'
                                                                    else ', planiran II zahvat')
            entries.append((p['d0'] + dt.timedelta(days=absday), p, v, r))
        if p['died'] == 'yes':
            dd = date_of(p, p['death_day'])
            r = {'Šifra': p['pid'], 'Pacijent': p['name'], 'Datum': ddmm(dd), 'Kontrola': '—',
                 'Napomena': 'exitus letalis (javila porodica)' if not C else 'exitus letalis (јавила породица)'}
            entries.append((dd, p, None, r))
    entries.sort(key=lambda e: (e[0], e[1]['k']))
    row = 3
    for d, p, v, r in entries:
        if v is not None and p is e_date and v is e_date_v:
            bad = '31.%02d.%d.' % (d.month, d.year)
            r['Datum'] = bad
            err.append(dict(sheet=S2, cell='C%d' % row, row=row, column_header='Datum', value=bad,
                            what_is_wrong='impossible date (31st of a 30-day month)', patient_id=p['pid']))
        if v is not None and p is e_vas and v['tp'] == '1m' and v['session'] == 1 and v['status'] == 'done':
            r['VAS'] = 11
            v['vas_err'] = True
            err.append(dict(sheet=S2, cell='E%d' % row, row=row, column_header='VAS', value='11',
                            what_is_wrong='VAS 11 beyond the 0-10 scale', patient_id=p['pid']))
        if v is not None and p is e_noid and v['tp'] == '3m' and v['session'] == 1 and v['status'] == 'done':
            r['Šifra'] = None
            v['noid'] = True
            err.append(dict(sheet=S2, cell='A%d' % row, row=row, column_header='Šifra', value='',
                            what_is_wrong='follow-up row with data but no study code (Šifra)', patient_id=p['pid']))
        for h, val in r.items():
            if val is not None:
                wk.cell(row, kc[h], val)
        row += 1
    for h, w in [('Šifra', 11), ('Pacijent', 20), ('Datum', 12), ('Kontrola', 12), ('Nova fraktura', 12),
                 ('Napomena', 38)]:
        wk.column_dimensions[get_column_letter(kc[h])].width = w
    wk.freeze_panes = 'A3'
    assert len(err) == 4
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))

    P, PR, AS, FX = truth_tables(pats, lambda p: p['pid'])
    for r in PR:
        if r['_p'] is e_cem and r['_s']['n'] == 1 and r['_l'] is r['_s']['levels'][0]:
            r['cement_volume_ml'] = ''
    AS = [a for a in AS if not (a['_v'].get('vas_err') and a['measure'] == 'pain_vas')
          and not a['_v'].get('noid')]
    write_truth(out, P, PR, AS, FX, err, ids)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
