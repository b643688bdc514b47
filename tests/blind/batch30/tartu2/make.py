# ---------------------------------------------------------------- common generator
import os, csv, random, datetime as dt
HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs('truth', exist_ok=True)

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
MAIN = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
MAINW = [2, 2, 3, 3, 4, 8, 14, 14, 8, 5, 3, 1]


def lvl_shift(level, k):
    i = LEVELS.index(level) + k
    i = max(LEVELS.index('T4'), min(i, LEVELS.index('L5')))
    return LEVELS[i]


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def gen_cohort(rng, n, tps, start, end, names, p_kp=0.35, p_repeat=0.2, p_frac=0.25,
               p_missed=0.12, vas_step=1.0, odi=False, cement_types=('PMMA',),
               rec=None):
    """tps: list of (label, days). Returns list of patient dicts."""
    pats = []
    span = (end - start).days
    for i in range(n):
        p = {'idx': i + 1}
        p['sex'] = rng.choice(['female'] * 7 + ['male'] * 3)
        r = rng.random()
        if r < 0.62:
            et, det = 'osteoporotic', 'osteoporosis'
        elif r < 0.80:
            et, det = 'pathologic', rng.choice(['metastasis', 'metastasis', 'myeloma'])
        elif r < 0.92:
            et, det = 'traumatic', 'trauma'
        else:
            et, det = 'other', 'haemangioma'
        p['etiology'], p['detail'] = et, det
        if et == 'osteoporotic':
            age = rng.randint(62, 89)
        elif et == 'traumatic':
            age = rng.randint(38, 72)
        else:
            age = rng.randint(48, 82)
        op = start + dt.timedelta(days=rng.randint(0, span))
        while op.weekday() >= 5:
            op += dt.timedelta(days=1)
        dob = op - dt.timedelta(days=int(age * 365.25) + rng.randint(10, 350))
        p['dob'] = dob
        p['age'] = age_at(dob, op)
        p['op_date'] = op
        p['name'] = names(rng, p['sex'])
        p['died'] = (et == 'pathologic' and rng.random() < 0.5) or (rng.random() < 0.08)
        p['death_day'] = rng.randint(60, 330) if p['died'] else None
        # session 1
        nlev = rng.choice([1, 1, 1, 2, 2, 3])
        first = rng.choices(MAIN, MAINW)[0]
        if LEVELS.index(first) + nlev - 1 > LEVELS.index('L5'):
            first = 'L3'
        levels = [lvl_shift(first, k) for k in range(nlev)]
        tech = 'kyphoplasty' if rng.random() < p_kp else 'vertebroplasty'
        sessions = [mk_session(rng, 1, 0, op, levels, tech, cement_types, et)]
        fracs = []
        # new fracture / repeat
        if rng.random() < p_frac:
            fday = rng.randint(25, 250)
            if p['died'] and fday >= p['death_day'] - 20:
                fday = max(20, p['death_day'] - 40)
            cand = [lvl_shift(levels[0], -1), lvl_shift(levels[-1], 1), lvl_shift(levels[-1], 2)]
            cand = [c for c in cand if c not in levels]
            flev = rng.choice(cand)
            fracs.append((fday, flev))
            if rng.random() < 0.65 or (p_repeat > 0.3):
                sday = fday + rng.randint(4, 20)
                sdate = op + dt.timedelta(days=sday)
                while sdate.weekday() >= 5:
                    sdate += dt.timedelta(days=1)
                sday = (sdate - op).days
                if not p['died'] or sday < p['death_day'] - 10:
                    sessions.append(mk_session(rng, 2, sday, sdate, [flev], tech, cement_types, et))
        p['sessions'] = sessions
        p['fractures'] = fracs
        # assessments
        ass = {}
        missed = set()
        cut_after = {}
        for s in sessions:
            s_next = [t for t in sessions if t['session'] == s['session'] + 1]
            base = rng.uniform(6.8, 9.6)
            obase = rng.uniform(48, 82)
            for lab, days in tps:
                absday = s['day'] + days
                if s_next and absday >= s_next[0]['day']:
                    continue
                if p['died'] and absday >= p['death_day']:
                    continue
                if lab != 'pre' and rng.random() < p_missed:
                    missed.add((s['session'], lab))
                    continue
                frac = {'pre': 1.0, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.42,
                        '3m': 0.35, '6m': 0.32, '12m': 0.3}[lab]
                v = base * frac + rng.uniform(-0.8, 0.8)
                v = max(0.0, min(10.0, round(v / vas_step) * vas_step))
                v = round(v, 1)
                d = {'vas': v}
                if odi:
                    o = obase * (1.0 if lab == 'pre' else frac * 0.95) + rng.uniform(-5, 5)
                    d['odi'] = int(max(2, min(96, round(o))))
                ass[(s['session'], lab)] = d
        p['ass'] = ass
        p['missed'] = missed
        pats.append(p)
    pats.sort(key=lambda p: p['op_date'])
    for k, p in enumerate(pats):
        p['idx'] = k + 1
    return pats


def mk_session(rng, sess, day, date, levels, tech, cement_types, et):
    vols = []
    for lv in levels:
        if lv.startswith('L'):
            v = rng.uniform(3.0, 6.0)
        else:
            v = rng.uniform(1.8, 4.2)
        if tech == 'kyphoplasty':
            v += rng.uniform(0.5, 1.5)
        vols.append(round(v * 2) / 2)
    r = rng.random()
    if r < 0.68:
        leak = []
    elif r < 0.80:
        leak = ['disc']
    elif r < 0.89:
        leak = ['venous']
    elif r < 0.95:
        leak = ['paravertebral']
    elif r < 0.97:
        leak = ['epidural']
    else:
        leak = ['disc', 'venous']
    ct = cement_types[0] if len(cement_types) == 1 or rng.random() < 0.8 else rng.choice(cement_types[1:])
    return {'session': sess, 'day': day, 'date': date, 'levels': levels, 'tech': tech,
            'vols': vols, 'leak': leak, 'ctype': ct}


def write_csv(name, header, rows):
    with open(os.path.join('truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def fmtnum(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0').rstrip('.')


TP_ORDER = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']


def write_truth(pats, pid, per_vertebra_volume=True, cement=True, leakage=True,
                odi=False, vas_scale=1.0, errors=(), identifiers=()):
    """pid: function patient->id string. vas stored on 0-10 internally."""
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[pid(p), p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            tot = sum(s['vols'])
            for lv, v in zip(s['levels'], s['vols']):
                rows.append([pid(p), s['session'], s['day'], lv, s['tech'],
                             fmtnum(v) if per_vertebra_volume else '',
                             '' if per_vertebra_volume else fmtnum(tot),
                             s['ctype'] if cement else '',
                             (';'.join(s['leak']) if s['leak'] else 'none') if leakage else ''])
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for (s, lab), d in sorted(p['ass'].items(), key=lambda kv: (kv[0][0], TP_ORDER.index(kv[0][1]))):
            rows.append([pid(p), s, 'pain_vas', lab, fmtnum(d['vas'])])
            if odi and 'odi' in d:
                rows.append([pid(p), s, 'odi', lab, fmtnum(d['odi'])])
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'],
              [[pid(p), d, lv] for p in pats for d, lv in p['fractures']])
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              list(errors))
    seen = set()
    ids = []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ids.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], ids)
# ---------------------------------------------------------------- site part
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter

rng = random.Random(3022)
FEM = ['Maie', 'Tiiu', 'Malle', 'Anne', 'Ene', 'Helgi', 'Viivi', 'Aino', 'Sirje', 'Valentina', 'Laine', 'Hilja']
MAL = ['Jaan', 'Toomas', 'Peeter', 'Ants', 'Rein', 'Tõnu', 'Jüri', 'Arvo', 'Nikolai', 'Heino']
SUR = ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Kukk', 'Rebane', 'Ilves', 'Pärn', 'Koppel', 'Lepik', 'Kuusk', 'Ivanov', 'Smirnov', 'Õun']


def names(rng, sex):
    s = rng.choice(SUR)
    if sex == 'female' and s in ('Ivanov', 'Smirnov'):
        s += 'a'
    return '%s, %s' % (s.upper(), rng.choice(FEM if sex == 'female' else MAL))


def isikukood(sex, dob, serial):
    c = (3 if dob.year < 2000 else 5) + (1 if sex == 'female' else 0)
    base = '%d%s%03d' % (c, dob.strftime('%y%m%d'), serial)
    w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]
    w2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]
    k = sum(int(a) * b for a, b in zip(base, w1)) % 11
    if k == 10:
        k = sum(int(a) * b for a, b in zip(base, w2)) % 11
        if k == 10:
            k = 0
    return base + str(k)


TPS = [('pre', 0), ('24h', 1), ('6w', 42), ('3m', 90), ('12m', 365)]
LBL = {'24h': '1 päev', '6w': '6 nädalat', '3m': '3 kuud', '12m': '12 kuud'}
pats = gen_cohort(rng, 17, TPS, dt.date(2021, 1, 10), dt.date(2023, 1, 31), names, odi=True, vas_step=0.5,
                  p_kp=0.4, p_frac=0.35)
for p in pats:
    p['code'] = 'VP-%03d' % (p['idx'] + 40)
    p['ik'] = isikukood(p['sex'], p['dob'], rng.randint(1, 799))
pid = lambda p: p['code']
DX = {'osteoporosis': 'M80.0 Osteoporootiline lülimurd', 'metastasis': 'C79.5 Luumetastaas',
      'myeloma': 'C90.0 Hulgimüeloom', 'trauma': 'S32.0 Nimmelüli murd (trauma)', 'haemangioma': 'D18.0 Lüli hemangioom'}
LEAK = {'disc': 'ketas', 'venous': 'venoosne', 'paravertebral': 'paravertebraalne', 'epidural': 'epiduraalne'}


def ed(d):
    return d.strftime('%d.%m.%Y')


def ec(x):
    return ('%.1f' % x).replace('.', ',')


def elv(lv):
    return lv.replace('T', 'Th')


wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Sündmused'
ws['A1'] = 'Väljavõte: TÜ Kliinikum, traumatoloogia ja ortopeedia kliinik - Vertebroplastika/kyfoplastika register'
ws['A2'] = 'Koostatud: 12.04.2024 09:41   Periood: 01.01.2021 - 31.03.2024'
ws['A3'] = 'NB! Sisaldab isikuandmeid. Ainult uurimisrühmale.'
ws['A1'].font = Font(bold=True)
ws['A3'].font = Font(color='C00000')
H = ['Uuringu nr', 'Isikukood', 'Patsient', 'Sugu', 'Vanus sündmusel', 'Sündmus', 'Kuupäev', 'Op nr', 'Diagnoos',
     'Lülid', 'Meetod', 'Tsement (ml) lüli kohta', 'Tsemendi tüüp', 'Tsemendi leke', 'Kontrollvisiit', 'Ilmus',
     'VAS (0-10)', 'ODI (%)', 'Märkused']
HR = 5
for j, h in enumerate(H):
    c = ws.cell(HR, j + 1, h)
    c.font = Font(bold=True); c.fill = PatternFill('solid', fgColor='D9D9D9')
COL = {h: j + 1 for j, h in enumerate(H)}
single = [p for p in pats if len(p['sessions']) == 1]
multi = [p for p in single if len(p['sessions'][0]['levels']) >= 2]
e_lev = [p for p in single if p['sessions'][0]['levels'][-1].startswith('T')][0]
e_vol = [p for p in multi if p is not e_lev][0]
rest = [p for p in single if p not in (e_lev, e_vol)]
e_odi = [p for p in rest if (1, '3m') in p['ass']][2]
e_date = [p for p in rest if p is not e_odi and (1, '6w') in p['ass']][4]
errors, ids = [], []
r = HR + 1
for p in pats:
    ids += [('national_id', p['ik']), ('name', p['name'])]
    ev = []
    for s in p['sessions']:
        ev.append((s['day'], 0, 'op', s, None))
        nxt = [t for t in p['sessions'] if t['session'] == s['session'] + 1]
        for lab, days in TPS[1:]:
            key = (s['session'], lab)
            j = 0 if lab == '24h' else rng.randint(-5, 7)
            absd = s['day'] + days + j
            lim = min([t['day'] for t in nxt] + ([p['death_day']] if p['died'] else []) + [10 ** 6])
            if absd >= lim:
                absd = s['day'] + days
            if key in p['ass']:
                ev.append((absd, 1, 'ctl', s, lab))
            elif key in p['missed']:
                ev.append((absd, 1, 'miss', s, lab))
    for d, lv in p['fractures']:
        ev.append((d, 2, 'frac', None, lv))
    if p['died']:
        ev.append((p['death_day'], 3, 'death', None, None))
    ev.sort(key=lambda e: (e[0], e[1]))
    for absd, _, kind, s, x in ev:
        date = p['op_date'] + dt.timedelta(days=absd)
        row = {'Uuringu nr': p['code'], 'Isikukood': p['ik'], 'Patsient': p['name'], 'Sugu': 'N' if p['sex'] == 'female' else 'M',
               'Vanus sündmusel': age_at(p['dob'], date), 'Kuupäev': ed(date)}
        if kind == 'op':
            row.update({'Sündmus': 'operatsioon', 'Op nr': s['session'], 'Diagnoos': DX[p['detail']],
                        'Lülid': ', '.join(elv(l) for l in s['levels']),
                        'Meetod': s['tech'].replace('kyphoplasty', 'kyfoplastika').replace('vertebroplasty', 'vertebroplastika'),
                        'Tsement (ml) lüli kohta': '; '.join(ec(v) for v in s['vols']), 'Tsemendi tüüp': s['ctype'],
                        'Tsemendi leke': ('jah: ' + ', '.join(LEAK[l] for l in s['leak'])) if s['leak'] else 'ei'})
            d = p['ass'].get((s['session'], 'pre'))
            if d:
                row['VAS (0-10)'] = ec(d['vas']).replace(',0', '')
                row['ODI (%)'] = d['odi']
                row['Märkused'] = 'VAS/ODI enne operatsiooni'
            if s['session'] == 2:
                row['Märkused'] = 'korduv operatsioon (uus murd); VAS/ODI enne operatsiooni'
            if p is e_lev:
                bad = [elv(l) for l in s['levels']]
                bad[-1] = 'Th13' if s['levels'][-1].startswith('T') else 'L6'
                if s['levels'][-1] == 'L5':
                    bad[-1] = 'L8'
                row['Lülid'] = ', '.join(bad)
                errors.append([ws.title, '%s%d' % (get_column_letter(COL['Lülid']), r), r, 'Lülid', row['Lülid'],
                               'impossible vertebral level %s; true level %s' % (bad[-1], elv(s['levels'][-1])), p['code']])
            if p is e_vol:
                vv = [ec(v) for v in s['vols']]
                vv[-1] = fmtnum(s['vols'][-1] * 10)
                row['Tsement (ml) lüli kohta'] = '; '.join(vv)
                errors.append([ws.title, '%s%d' % (get_column_letter(COL['Tsement (ml) lüli kohta']), r), r, 'Tsement (ml) lüli kohta',
                               row['Tsement (ml) lüli kohta'], '%s ml for one vertebra (%s) impossible - decimal comma lost; should be %s' % (vv[-1], elv(s['levels'][-1]), ec(s['vols'][-1])), p['code']])
        elif kind in ('ctl', 'miss'):
            row.update({'Sündmus': 'kontroll', 'Op nr': s['session'], 'Kontrollvisiit': LBL[x]})
            if kind == 'miss':
                row['Ilmus'] = 'ei'
                row['Märkused'] = rng.choice(['ei ilmunud', 'ei ilmunud, telefonile ei vasta', 'ei ilmunud'])
            else:
                row['Ilmus'] = 'jah'
                d = p['ass'][(s['session'], x)]
                row['VAS (0-10)'] = ec(d['vas']).replace(',0', '')
                if 'odi' in d and x != '24h':
                    row['ODI (%)'] = d['odi']
                if x == '24h':
                    row['Märkused'] = 'osakonnas enne kojukirjutamist'
                if p is e_odi and x == '3m' and s['session'] == 1:
                    row['ODI (%)'] = d['odi'] + 100
                    errors.append([ws.title, '%s%d' % (get_column_letter(COL['ODI (%)']), r), r, 'ODI (%)', d['odi'] + 100,
                                   'ODI %d%% outside 0-100; should be %d' % (d['odi'] + 100, d['odi']), p['code']])
                if p is e_date and x == '6w' and s['session'] == 1:
                    bad = '31.%02d.%d' % (rng.choice([2, 4, 6, 9, 11]), date.year)
                    row['Kuupäev'] = bad
                    errors.append([ws.title, '%s%d' % (get_column_letter(COL['Kuupäev']), r), r, 'Kuupäev', bad,
                                   'impossible date; true control date %s' % ed(date), p['code']])
        elif kind == 'frac':
            row.update({'Sündmus': 'uus murd', 'Lülid': elv(x), 'Märkused': rng.choice(['MRT: värske murd', 'RÖ: uus kompressioonimurd', 'KT'])})
        elif kind == 'death':
            row.update({'Sündmus': 'surm', 'Märkused': 'Rahvastikuregistri andmetel'})
        for h, v in row.items():
            ws.cell(r, COL[h], v)
        if kind == 'op':
            for c in range(1, len(H) + 1):
                ws.cell(r, c).font = Font(bold=True)
        r += 1
r += 1
ws.cell(r, 1, 'Kirjeid kokku: %d' % (r - HR - 2)).font = Font(italic=True)
for j, w in enumerate([10, 13, 20, 5, 8, 12, 11, 6, 30, 12, 15, 14, 10, 18, 12, 6, 8, 8, 40]):
    ws.column_dimensions[get_column_letter(j + 1)].width = w
wb.save('input.xlsx')
# ODI is not recorded at the 24 h check in this unit
for p in pats:
    for (s, lab), d in p['ass'].items():
        if lab == '24h':
            d.pop('odi', None)
write_truth(pats, pid, per_vertebra_volume=True, cement=True, leakage=True, odi=True, errors=errors, identifiers=ids)
print('tartu2 ok', len(pats), sum(len(p['sessions']) for p in pats), len(errors))
