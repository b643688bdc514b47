# ---- shared cohort generator (copied into each make.py) ----
import random, datetime as dt, csv, os, sys

OFFS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
        '6m': 182, '12m': 365, '24m': 730}
JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 10,
       '6m': 14, '12m': 21, '24m': 30}
ORDER = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]


def lvl_add(l, k):
    i = ORDER.index(l) + k
    return ORDER[i] if 0 <= i < len(ORDER) else None


def gen_cohort(seed, n, pid_fn, start, tps, measures, names, rec_fn, phone_fn,
               kypho_p=0.3, cements=(('PMMA', 'PMMA'),), tps2=('pre', '1m', '3m'),
               miss_p=0.1, vol_step=0.5):
    rng = random.Random(seed)
    idx = list(range(n))
    rng.shuffle(idx)
    s2 = set(idx[:3])                 # second session after a new fracture
    frx_only = set(idx[3:5])          # new fracture, not treated
    died = set(idx[5:8][:2 + (seed % 2)])   # 2 or 3 deaths
    multi = set(idx[8:8 + int(round(n * 0.3)) - 1]) | {idx[0]}
    pats = []
    used_names = set()
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        etio = ('osteoporotic' if r < 0.7 else 'pathologic' if r < 0.85
                else 'traumatic' if r < 0.95 else 'other')
        age = {'osteoporotic': rng.randint(61, 91), 'pathologic': rng.randint(44, 82),
               'traumatic': rng.randint(28, 72), 'other': rng.randint(50, 85)}[etio]
        d0 = start + dt.timedelta(days=rng.randint(0, 520) + i)
        # birth date such that age at d0 is exactly `age`
        by = d0.year - age - 1
        while True:
            b = dt.date(by, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
            a = d0.year - b.year - ((d0.month, d0.day) < (b.month, b.day))
            if a == age:
                break
            by += 1 if a > age else -1
        while True:
            nm = names(rng, sex)
            if nm not in used_names:
                used_names.add(nm)
                break
        P = dict(i=i, pid=pid_fn(i), sex=sex, age=age, etio=etio, died=i in died,
                 birth=b, name=nm, rec=rec_fn(rng, i), phone=phone_fn(rng, i), d0=d0,
                 sessions=[], scores={}, fractures=[], death_day=None, notes=[])

        def mk_session(s, day, first_level=None):
            tech = 'kyphoplasty' if rng.random() < kypho_p else 'vertebroplasty'
            if first_level is None:
                first_level = rng.choice(['T7', 'T8', 'T9', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12',
                                          'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4'])
            k = 1
            if s == 1 and i in multi:
                k = rng.choice([2, 2, 3])
            lv = [first_level]
            while len(lv) < k:
                nx = lvl_add(lv[-1], 1)
                if nx is None:
                    break
                lv.append(nx)
            cem = rng.choice(cements) if tech == 'vertebroplasty' else cements[0]
            L = []
            for l in lv:
                lo, hi = (2.0, 5.0) if l.startswith('T') and int(l[1:]) < 11 else (2.5, 6.0)
                if tech == 'kyphoplasty':
                    lo, hi = lo + 1, hi + 1.5
                v = round(rng.uniform(lo, hi) / vol_step) * vol_step
                v = round(v, 1)
                rr = rng.random()
                leak = [] if rr < 0.72 else [rng.choice(['disc', 'venous', 'paravertebral'])] if rr < 0.95 \
                    else ['disc', 'venous']
                L.append(dict(level=l, vol=v, leak=leak))
            return dict(s=s, day=day, date=d0 + dt.timedelta(days=day), tech=tech,
                        cement=cem[0], cement_w=cem[1], levels=L, total=round(sum(x['vol'] for x in L), 1))

        P['sessions'].append(mk_session(1, 0))
        lv1 = [x['level'] for x in P['sessions'][0]['levels']]
        pre = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(28, 42),
               'mobility': rng.randint(2, 4)}

        def traj(tp, base):
            f = {'pre': 1, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4, '3m': 0.33,
                 '6m': 0.3, '12m': 0.28, '24m': 0.28}[tp]
            out = {}
            for m in measures:
                if m == 'pain_vas':
                    out[m] = max(0, min(10, int(round(base[m] * f + rng.uniform(-1.2, 1.2)))))
                    if tp == 'pre':
                        out[m] = base[m]
                elif m == 'odi':
                    out[m] = base[m] if tp == 'pre' else max(0, min(100, 2 * int(round(base[m] * (f + 0.15) / 2 + rng.uniform(-3, 3)))))
                elif m == 'mobility':
                    out[m] = base[m] if tp == 'pre' else max(0, min(4, int(round(base[m] * (f + 0.1) + rng.uniform(-0.6, 0.6)))))
            return out

        last_day = 0
        cut = None
        if i in s2:
            fday = rng.randint(OFFS['3m'] + 25, 300)
            cut = fday
            fl = lvl_add(lv1[0], -1) if rng.random() < 0.6 else lvl_add(lv1[-1], 1)
            fl = fl or lvl_add(lv1[0], -1)
            P['fractures'].append((fday, fl))
        elif i in frx_only:
            fday = rng.randint(OFFS['3m'] + 5, 330)
            fl = lvl_add(lv1[-1], 1) or lvl_add(lv1[0], -1)
            P['fractures'].append((fday, fl))
        dcut = None
        if i in died:
            dcut = rng.choice([OFFS['3m'] + 20, OFFS['12m'] - 30]) if i not in s2 else 10 ** 6
        for tp in tps:
            day = OFFS[tp] + (rng.randint(-JIT[tp], JIT[tp]) if tp != 'pre' else 0)
            if cut is not None and day >= cut - 5:
                continue
            if dcut is not None and day >= dcut:
                continue
            missing = tp not in ('pre', '24h') and rng.random() < miss_p
            P['scores'][(1, tp)] = dict(day=day, vals=None if missing else traj(tp, pre), missing=missing)
            last_day = max(last_day, day)
        if i in s2:
            sd = cut + rng.randint(3, 12)
            P['sessions'].append(mk_session(2, sd, first_level=P['fractures'][0][1]))
            pre2 = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(26, 40),
                    'mobility': rng.randint(2, 4)}
            for tp in tps2:
                if tp not in tps:
                    continue
                day = sd + OFFS[tp] + (rng.randint(-JIT[tp], JIT[tp]) if tp != 'pre' else 0)
                P['scores'][(2, tp)] = dict(day=day, vals=traj(tp, pre2), missing=False)
                last_day = max(last_day, day)
        last_day = max([last_day] + [f[0] for f in P['fractures']])
        if i in died:
            P['death_day'] = last_day + rng.randint(20, 70)
        pats.append(P)
    return pats


def D(P, day):
    return P['d0'] + dt.timedelta(days=day)


def write_truth(out, pats, vol_mode='vertebra', extra_errors=(), ident_extra=()):
    """vol_mode: 'vertebra' or 'session' or callable(P, S)->mode"""
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)

    def w(name, hdr, rows):
        with open(os.path.join(t, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(hdr)
            for r in rows:
                cw.writerow(['' if x is None else x for x in r])

    fmt = lambda v: ('%g' % v) if isinstance(v, float) else v
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[P['pid'], P.get('t_sex', P['sex']), P.get('t_age', P['age']), P.get('t_etio', P['etio']),
        'yes' if P['died'] else 'no'] for P in pats if P['pid']])
    rows = []
    for P in pats:
        for S in P['sessions']:
            mode = vol_mode(P, S) if callable(vol_mode) else vol_mode
            for L in S['levels']:
                rows.append([P['pid'], S['s'], S.get('t_day', S['day']), L['level'], S['tech'],
                             fmt(L['vol']) if mode == 'vertebra' else None,
                             fmt(S['total']) if mode == 'session' else None,
                             S['cement'], L.get('t_leak', ';'.join(L['leak']) or 'none')])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for P in pats:
        for (s, tp), A in sorted(P['scores'].items(), key=lambda kv: (kv[0][0], OFFS[kv[0][1]])):
            if A['vals'] is None:
                continue
            for m, v in A['vals'].items():
                if v is None:
                    continue
                rows.append([P['pid'], s, m, tp, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[P['pid'], f[0] if len(f) < 3 or not f[2] else None, f[1]] for P in pats for f in P['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      list(extra_errors))
    ids = []
    for P in pats:
        for k in ('name', 'rec', 'birth', 'phone'):
            if P.get(k) is None or P.get('no_' + k):
                continue
            kind = {'name': 'name', 'rec': 'record_number', 'birth': 'birth_date', 'phone': 'phone'}[k]
            ids.append([kind, P.get('w_' + k, P[k])])
    ids += list(ident_extra)
    w('identifiers.csv', ['kind', 'value'], ids)


def colname(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end shared ----

# ---- Podgorica: one sheet per visit, Latin and Cyrillic sheets, text dates dd.mm.yyyy., decimal commas ----
import openpyxl
from openpyxl.styles import Font, Alignment

FN_F = ['Milica', 'Jelena', 'Vesna', 'Dragana', 'Ljiljana', 'Radmila', 'Zorka', 'Milena', 'Vukosava', 'Stana',
        'Danica', 'Nada']
FN_M = ['Milorad', 'Vuksan', 'Radovan', 'Dragan', 'Branko', 'Veselin', 'Momčilo', 'Zoran', 'Novak']
LN = ['Vujović', 'Radulović', 'Popović', 'Marković', 'Božović', 'Vuković', 'Perović', 'Šćekić', 'Raičević',
      'Lakić', 'Kalezić', 'Mugoša', 'Bulatović', 'Đurović', 'Nikčević', 'Ivanović', 'Pejović']
L2C = [('Lj', 'Љ'), ('Nj', 'Њ'), ('Dž', 'Џ'), ('lj', 'љ'), ('nj', 'њ'), ('dž', 'џ')]
C1 = dict(zip('ABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽabcčćdđefghijklmnoprsštuvzž',
              'АБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖабцчћдђефгхијклмнопрсштувзж'))


def cyr(s):
    for a, b in L2C:
        s = s.replace(a, b)
    return ''.join(C1.get(ch, ch) for ch in s)


def names(rng, sex):
    return '%s %s' % (rng.choice(FN_F if sex == 'female' else FN_M), rng.choice(LN))


def rec(rng, i):
    return '%d/%04d' % (rng.choice([2021, 2022]), rng.randint(100, 9999))


def phone(rng, i):
    return '0%d %03d %03d' % (rng.choice([67, 68, 69, 63]), rng.randint(100, 999), rng.randint(0, 999))


def jmbg(b, sex, rng):
    s = '%02d%02d%03d' % (b.day, b.month, b.year % 1000) + '21' + '%03d' % (rng.randint(0, 499) if sex == 'male'
                                                                        else rng.randint(500, 999))
    a = [int(x) for x in s]
    m = 11 - (7 * (a[0] + a[6]) + 6 * (a[1] + a[7]) + 5 * (a[2] + a[8]) + 4 * (a[3] + a[9]) + 3 * (a[4] + a[10])
              + 2 * (a[5] + a[11])) % 11
    return s + str(0 if m > 9 else m)


def ds(d):
    return d.strftime('%d.%m.%Y.')


def bad_date(vd):
    m, y = vd.month, vd.year
    for mm in (m, m - 1, m + 1):
        if mm in (4, 6, 9, 11):
            return '31.%02d.%d.' % (mm, y)
    return '29.02.%d.' % (y if y % 4 else y + 1)


def lvl(l):
    return 'Th' + l[1:] if l.startswith('T') else l


ETIO = {'osteoporotic': ['osteoporotični prelom', 'osteoporoza'], 'pathologic': ['metastaza', 'multipli mijelom'],
        'traumatic': ['traumatski prelom', 'pad'], 'other': ['hemangiom']}
LEAK = {'disc': 'u disk', 'venous': 'venski', 'paravertebral': 'paravertebralno'}
B = Font(bold=True)


def main(out):
    pats = gen_cohort(9902, 25, lambda i: '', dt.date(2021, 2, 1), ['pre', '24h', '1m', '3m', '12m'],
                      ['pain_vas', 'odi'], names, rec, phone, kypho_p=0.4,
                      cements=(('PMMA', 'Vertecem V+'), ('PMMA', 'Osteopal V'), ('calcium phosphate', 'Ca-fosfatni cement')),
                      tps2=('pre', '24h', '1m', '3m'), miss_p=0.12)
    pats.sort(key=lambda P: P['d0'])
    rng = random.Random(21)
    for k, P in enumerate(pats):
        P['pid'] = 'KCCG-VP-%02d' % (k + 1)
        P['no_birth'] = True
        P['jmbg'] = jmbg(P['birth'], P['sex'], rng)
        for (s, tp), A in P['scores'].items():
            if A['vals']:
                mm = max(0, min(100, A['vals']['pain_vas'] * 10 + rng.randint(-4, 4)))
                A['mm'] = mm
                A['vals']['pain_vas'] = mm / 10
                if tp == '24h':
                    A['vals'].pop('odi', None)
    plain = [P for P in pats if len(P['sessions']) == 1 and not P['fractures'] and not P['died']]
    e_vas, e_feb, e_before, e_lvl = plain[1], plain[5], plain[8], plain[12]
    A = e_vas['scores'][(1, '3m')]
    e_vas['scores'][(1, '3m')] = dict(day=A['day'], vals={'pain_vas': 13.0, 'odi': 30}, missing=False, mm=130)
    for P_, tp in ((e_feb, '12m'), (e_before, '1m')):
        A = P_['scores'].get((1, tp))
        if A is None or A['vals'] is None:
            P_['scores'][(1, tp)] = dict(day=OFFS[tp], vals={'pain_vas': 2.8, 'odi': 28}, missing=False, mm=28)
    e_lvl['sessions'][0]['levels'][0]['level'] = 'T13'
    e_before['scores'][(1, '1m')]['day'] = -12
    errors = []
    wb = openpyxl.Workbook()
    # ---- sheet 1: interventions (Latin) ----
    ws = wb.active
    ws.title = 'Intervencija'
    ws['A1'] = 'Klinički centar Crne Gore – Klinika za neurohirurgiju / Клинички центар Црне Горе'
    ws['A2'] = 'Perkutana vertebroplastika i kifoplastika – evidencija intervencija (VAS u mm, 0–100)'
    grp = [('A', 'H', 'Pacijent'), ('I', 'O', 'Intervencija'), ('P', 'Q', 'VAS (mm)')]
    for a, b_, t in grp:
        ws[a + '3'] = t
        ws.merge_cells('%s3:%s3' % (a, b_))
        ws[a + '3'].font = B
        ws[a + '3'].alignment = Alignment(horizontal='center')
    h = ['R.br.', 'Šifra', 'Ime i prezime', 'JMBG', 'Br. istorije', 'Telefon', 'Pol', 'God.', 'Dijagnoza', 'Sesija',
         'Datum intervencije', 'Metoda', 'Nivo(i)', 'Cement (ml)', 'Curenje cementa', 'prije', '24 h', 'ODI prije (%)',
         'Napomena']
    # columns: A..S ; put dijagnoza in I? keep simple mapping
    for c, t in enumerate(h, 1):
        ws.cell(4, c, t).font = B
    r = 5
    n = 0
    for P in pats:
        for S in P['sessions']:
            n += 1
            pre = P['scores'][(S['s'], 'pre')]
            p24 = P['scores'].get((S['s'], '24h'))
            levels = ', '.join(lvl(L['level']) for L in S['levels'])
            vols = '; '.join('%s – %s' % (lvl(L['level']), ('%g' % L['vol']).replace('.', ',')) for L in S['levels']) \
                if len(S['levels']) > 1 else ('%g' % S['levels'][0]['vol']).replace('.', ',')
            lk = [('%s %s' % ('+'.join(LEAK[x] for x in L['leak']), lvl(L['level']))) for L in S['levels'] if L['leak']]
            if len(S['levels']) == 1 and lk:
                lk = ['+'.join(LEAK[x] for x in S['levels'][0]['leak'])]
            row = [n, P['pid'], P['name'], P['jmbg'], P['rec'], P['phone'], 'Ž' if P['sex'] == 'female' else 'M',
                   P['age'], rng.choice(ETIO[P['etio']]), S['s'], ds(S['date']),
                   'VP' if S['tech'] == 'vertebroplasty' else 'KP', levels, vols + ' (%s)' % S['cement_w'],
                   ', '.join(lk) if lk else 'nema', pre['mm'], p24['mm'] if p24 else None, pre['vals']['odi'],
                   'ponovna intervencija – novi prelom' if S['s'] == 2 else None]
            if S['s'] == 2:
                row[2:9] = [P['name']] + [None] * 6
            for c, v in enumerate(row, 1):
                if v is not None:
                    ws.cell(r, c, v)
            if P is e_lvl:
                errors.append([ws.title, 'M%d' % r, r, 'Nivo(i)', levels, 'impossible vertebral level Th13', P['pid']])
            r += 1
    for c, w in zip('ABCDEFGHIJKLMNOPQRS', [5, 12, 22, 15, 11, 13, 4, 5, 22, 6, 14, 7, 16, 36, 24, 6, 6, 8, 30]):
        ws.column_dimensions[c].width = w
    # ---- control sheets ----
    specs = [('Kontrola 1 mj.', '1m', False), ('Контрола 3 мј.', '3m', True), ('Kontrola 12 mj.', '12m', False)]
    for title, tp, cy in specs:
        ws = wb.create_sheet(title)
        if cy:
            ws['A1'] = 'Контролни преглед 3 мјесеца након интервенције'
            hd = ['Шифра', 'Име и презиме', 'Сесија', 'Датум прегледа', 'ВАС (мм)', 'ОДИ (%)', 'Напомена']
        else:
            ws['A1'] = 'Kontrolni pregled %s nakon intervencije' % ('1 mjesec' if tp == '1m' else '12 mjeseci')
            hd = ['Šifra', 'Ime i prezime', 'Sesija', 'Datum pregleda', 'VAS (mm)', 'ODI (%)', 'Napomena']
        for c, t in enumerate(hd, 1):
            ws.cell(3, c, t).font = B
        r = 4
        for P in pats:
            for S in P['sessions']:
                A = P['scores'].get((S['s'], tp))
                if A is None:
                    continue
                ws.cell(r, 1, P['pid'])
                ws.cell(r, 2, cyr(P['name']) if cy else P['name'])
                ws.cell(r, 3, S['s'])
                if A['missing']:
                    ws.cell(r, 4, '—')
                    ws.cell(r, 5, 'n.d.')
                    ws.cell(r, 6, 'n.d.')
                    ws.cell(r, 7, ('није дошао' if P['sex'] == 'male' else 'није дошла') if cy else
                            ('nije došao' if P['sex'] == 'male' else 'nije došla') + rng.choice(['', ', ne javlja se na telefon']))
                else:
                    vd = S['date'] + dt.timedelta(days=A['day'] - S['day'])
                    txt = ds(vd)
                    if P is e_feb and tp == '12m':
                        txt = bad_date(vd)
                        errors.append([title, 'D%d' % r, r, hd[3], txt, 'impossible date (no such day)', P['pid']])
                    if P is e_before and tp == '1m':
                        errors.append([title, 'D%d' % r, r, hd[3], txt, '1-month control dated before the intervention',
                                       P['pid']])
                    ws.cell(r, 4, txt)
                    ws.cell(r, 5, A['mm'])
                    if P is e_vas and tp == '3m':
                        errors.append([title, 'E%d' % r, r, hd[4], '130', 'VAS 130 mm on a 0-100 mm scale', P['pid']])
                    o = A['vals']['odi']
                    ws.cell(r, 6, o if rng.random() < 0.7 else '%d %%' % o)
                r += 1
        for c, w in zip('ABCDEFG', [13, 24, 7, 15, 9, 9, 34]):
            ws.column_dimensions[c].width = w
    # ---- events sheet (Cyrillic) ----
    ws = wb.create_sheet('Нови преломи, смрт')
    ws['A1'] = 'Нови преломи пршљенова и смртни исходи током праћења'
    hd = ['Шифра', 'Име и презиме', 'Догађај', 'Датум', 'Ниво', 'Напомена']
    for c, t in enumerate(hd, 1):
        ws.cell(3, c, t).font = B
    r = 4
    ev = []
    for P in pats:
        for f in P['fractures']:
            ev.append((D(P, f[0]), P, 'нови прелом', lvl(f[1]).replace('Th', 'Тх'),
                       'урађена вертебропластика' if len(P['sessions']) > 1 else 'конзервативно'))
        if P['died']:
            ev.append((D(P, P['death_day']), P, 'смрт', None, rng.choice(['основна болест', 'пнеумонија', 'кућа'])))
    ev.sort(key=lambda e: e[0])
    for d_, P, what, lv_, note in ev:
        for c, v in enumerate([P['pid'], cyr(P['name']), what, ds(d_), lv_, note], 1):
            if v is not None:
                ws.cell(r, c, v)
        r += 1
    for c, w in zip('ABCDEF', [13, 24, 14, 13, 7, 26]):
        ws.column_dimensions[c].width = w
    # dates fix for the "before" error: move the 1-month visit before day 0
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, 'vertebra', errors,
                ident_extra=[['national_id', P['jmbg']] for P in pats] + [['name', cyr(P['name'])] for P in pats])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
