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
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

rng = random.Random(3077)
FEM = ['Dilnoza', 'Gulnora', 'Malika', 'Nodira', 'Zulfiya', "Muxabbat", 'Saodat', 'Xurshida', 'Barno', 'Mavluda', 'Shahnoza', 'Feruza']
MAL = ['Akmal', 'Bahodir', 'Jamshid', 'Rustam', 'Sherzod', "Ulug'bek", 'Farrux', 'Nodir', 'Olim', 'Zafar', 'Shavkat', 'Ilhom']
SUR = ['Karimov', 'Rahimov', 'Toshev', "Jo'rayev", 'Nazarov', 'Qodirov', 'Ergashev', 'Sodiqov', 'Hamroyev', "To'xtayev", 'Ismoilov', 'Yusupov']
PAT = ['Akmal', 'Bahodir', 'Rustam', 'Karim', 'Olim', 'Ergash', 'Sodiq', 'Hamro', 'Ismoil', 'Yusuf']


def names(rng, sex):
    s = rng.choice(SUR)
    f = rng.choice(FEM if sex == 'female' else MAL)
    o = rng.choice(PAT)
    if sex == 'female':
        return '%sa %s %s qizi' % (s, f, o)
    return '%s %s %s o\'g\'li' % (s, f, o)


CYR = [("sh", "ш"), ("ch", "ч"), ("o'", "ў"), ("g'", "ғ"), ("yo", "ё"), ("yu", "ю"), ("ya", "я"),
       ("a", "а"), ("b", "б"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "ҳ"), ("i", "и"),
       ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("q", "қ"),
       ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("x", "х"), ("y", "й"), ("z", "з"), ("'", "ъ")]


def to_cyr(txt):
    out = ''
    i = 0
    while i < len(txt):
        ch = txt[i]
        up = ch.isupper()
        low = txt[i:].lower()
        for a, b in CYR:
            if low.startswith(a):
                out += b.upper() if up else b
                i += len(a)
                break
        else:
            out += ch
            i += 1
    return out


TPS = [('pre', 0), ('24h', 1), ('1m', 30), ('3m', 90), ('6m', 180), ('12m', 365)]
pats = gen_cohort(rng, 17, TPS, dt.date(2021, 2, 1), dt.date(2022, 12, 20), names)
for p in pats:
    p['code'] = 'BX-%02d' % p['idx']
    p['kt'] = '%d/%d' % (rng.randint(1200, 9800), p['op_date'].year % 100)
    p['tel'] = '+998 %d %03d %02d %02d' % (rng.choice([90, 91, 93, 94, 97, 99]), rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99))
pid = lambda p: p['code']

# operations in date order, one row each
ops = sorted([(s['date'], p, s) for p in pats for s in p['sessions']], key=lambda t: (t[0], t[1]['idx']))
ERRPLAN = {}  # (code, session, key) -> (bad value, text)
onelev = [(p, s) for _, p, s in ops if len(s['levels']) == 1 and s['session'] == 1]
cand = [p for p in pats if len(p['sessions']) == 1]
e1, e2, e3, e4 = cand[1], onelev[3][0], cand[6], cand[9]
if e2 in (e1, e3, e4):
    e2 = [p for p, s in onelev if p not in (e1, e3, e4)][0]

DIAG_L = {'osteoporosis': 'osteoporoz', 'metastasis': 'metastaz', 'myeloma': 'mielom kasalligi',
          'trauma': 'travma (yiqilish)', 'haemangioma': 'gemangioma'}
DIAG_C = {'osteoporosis': 'остеопороз', 'metastasis': 'метастаз', 'myeloma': 'миелом касаллиги',
          'trauma': 'травма (йиқилиш)', 'haemangioma': 'гемангиома'}
LEAK_L = {'disc': "disk oralig'iga", 'venous': 'venaga', 'paravertebral': 'paravertebral', 'epidural': 'epidural'}
LEAK_C = {'disc': 'диск оралиғига', 'venous': 'венага', 'paravertebral': 'паравертебрал', 'epidural': 'эпидурал'}

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Bemorlar"
thin = Side(style='thin', color='999999')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
ws['A1'] = "Buxoro viloyat ko'p tarmoqli tibbiyot markazi — Neyroxirurgiya bo'limi"
ws['A2'] = "Vertebroplastika / kifoplastika natijalari (2021–2023)   |   Вертебропластика натижалари"
ws['A1'].font = Font(bold=True, size=13)
ws['A2'].font = Font(italic=True)
ws.merge_cells('A1:V1'); ws.merge_cells('A2:V2')
H1 = ['№', 'Bemor kodi', 'F.I.Sh.', 'Kasallik tarixi №', 'Telefon', 'Jinsi', "Tug'ilgan sanasi", 'Yoshi',
      'Tashxis', 'Operatsiya sanasi', 'Амалиёт тури', 'Сегмент(лар)', 'Цемент ҳажми (мл, жами)', 'Цемент оқиши',
      'ВАШ (оғриқ, 0-10)', None, None, None, None, None, 'Янги синиш', 'Вафот этди', 'Изоҳ']
H2 = [None] * 14 + ['операциядан олдин', '1 кун', '1 ой', '3 ой', '6 ой', '12 ой', None, None, None]
H1 = H1[:21] + H1[21:]
HR = 4
for j, h in enumerate(H1):
    c = ws.cell(HR, j + 1, h)
    c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
    c.fill = PatternFill('solid', fgColor='DDEBF7' if j < 10 else 'FCE4D6'); c.border = B
for j, h in enumerate(H2):
    c = ws.cell(HR + 1, j + 1, h)
    c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True, horizontal='center')
    c.fill = PatternFill('solid', fgColor='FCE4D6' if j >= 10 else 'DDEBF7'); c.border = B
for j in range(len(H1)):
    if H2[j] is None and j not in range(14, 20):
        ws.merge_cells(start_row=HR, start_column=j + 1, end_row=HR + 1, end_column=j + 1)
ws.merge_cells(start_row=HR, start_column=15, end_row=HR, end_column=20)
VCOL = {'pre': 15, '24h': 16, '1m': 17, '3m': 18, '6m': 19, '12m': 20}
errors = []
ids = []


def put(r, c, v, fmt=None):
    cell = ws.cell(r, c, v)
    cell.border = B
    if fmt:
        cell.number_format = fmt
    return cell


def dstr(d):
    return d.strftime('%d.%m.%Y')


def numc(x):
    return fmtnum(x).replace('.', ',')


r = HR + 2
for k, (date, p, s) in enumerate(ops):
    cyr = k >= 10  # second resident from the 11th operation on
    yes, no = ('ҳа', 'йўқ') if cyr else ('ha', "yo'q")
    missed = 'келмади' if cyr else 'kelmadi'
    dead = 'вафот этган' if cyr else 'vafot etgan'
    name = to_cyr(p['name']) if cyr else p['name']
    ids += [('name', name), ('record_number', p['kt']), ('phone', p['tel']), ('birth_date', dstr(p['dob']))]
    put(r, 1, k + 1)
    put(r, 2, p['code'])
    put(r, 3, name)
    put(r, 4, p['kt'])
    put(r, 5, p['tel'])
    if s['session'] == 1:
        put(r, 6, ('аёл' if p['sex'] == 'female' else 'эркак') if cyr else ('ayol' if p['sex'] == 'female' else 'erkak'))
        if cyr:
            put(r, 7, dstr(p['dob']))
        else:
            put(r, 7, p['dob'], 'DD.MM.YYYY')
        put(r, 8, p['age'])
        put(r, 9, (DIAG_C if cyr else DIAG_L)[p['detail']])
    else:
        for c in (6, 7, 8, 9):
            put(r, c, '—')
    if cyr:
        put(r, 10, dstr(date))
    else:
        put(r, 10, date, 'DD.MM.YYYY')
    put(r, 11, ('ВП' if s['tech'] == 'vertebroplasty' else 'КП') if cyr else ('VP' if s['tech'] == 'vertebroplasty' else 'KP'))
    put(r, 12, ', '.join(l.replace('T', 'Th') for l in s['levels']))
    put(r, 13, numc(sum(s['vols'])))
    if s['leak']:
        put(r, 14, ' + '.join((LEAK_C if cyr else LEAK_L)[x] for x in s['leak']))
    else:
        put(r, 14, no)
    for lab, c in VCOL.items():
        key = (s['session'], lab)
        nxt = [t for t in p['sessions'] if t['session'] == s['session'] + 1]
        absday = s['day'] + dict(TPS)[lab]
        if key in p['ass']:
            put(r, c, int(p['ass'][key]['vas']))
        elif key in p['missed']:
            put(r, c, missed)
        elif p['died'] and absday >= p['death_day'] and not (nxt and absday >= nxt[0]['day']):
            put(r, c, dead).font = Font(color='C00000')
        elif nxt and absday >= nxt[0]['day']:
            put(r, c, '→ takr.' if not cyr else '→ такр.')
        else:
            put(r, c, None)
    if s['session'] == 1:
        if p['fractures']:
            put(r, 21, '; '.join('%s — %s' % (lv.replace('T', 'Th'), dstr(p['op_date'] + dt.timedelta(days=d))) for d, lv in p['fractures']))
        else:
            put(r, 21, no)
    else:
        put(r, 21, '—')
    if p['died']:
        put(r, 22, '%s (%s)' % (yes, dstr(p['op_date'] + dt.timedelta(days=p['death_day']))))
        ws.cell(r, 22).fill = PatternFill('solid', fgColor='F4CCCC')
    else:
        put(r, 22, no)
    note = ''
    if s['session'] == 2:
        note = ('такрорий амалиёт (2-операция), ' if cyr else 'takroriy operatsiya (2-operatsiya), ') + ('янги синиш' if cyr else 'yangi sinish')
        for c in range(1, 24):
            ws.cell(r, c).fill = PatternFill('solid', fgColor='FFF2CC')
    elif p['detail'] == 'metastasis':
        note = rng.choice(['сут бези саратони' if cyr else 'sut bezi saratoni', 'простата саратони' if cyr else 'prostata saratoni', "ўпка саратони" if cyr else "o'pka saratoni"])
    put(r, 23, note or None)
    # planted errors
    hdr = lambda c: (H1[c - 1] or H1[14]) + ((' / ' + H2[c - 1]) if H2[c - 1] else '')
    if p is e1 and s['session'] == 1:
        bad = s['levels'][-1].replace('T', 'Th')
        bad = ', '.join([l.replace('T', 'Th') for l in s['levels'][:-1]] + ['L7'])
        ws.cell(r, 12).value = bad
        errors.append(['Bemorlar', 'L%d' % r, r, hdr(12), bad, 'impossible vertebral level L7 (there is no L7); true level %s' % s['levels'][-1], p['code']])
    if p is e2 and s['session'] == 1:
        bad = fmtnum(sum(s['vols']) * 10)
        ws.cell(r, 13).value = bad
        errors.append(['Bemorlar', 'M%d' % r, r, hdr(13), bad, 'cement volume %s mL for one vertebra is impossible (decimal comma lost); should be %s' % (bad, numc(sum(s['vols']))), p['code']])
    if p is e3 and s['session'] == 1:
        c = VCOL['1m'] if (1, '1m') in p['ass'] else VCOL['pre']
        lab = [l for l, cc in VCOL.items() if cc == c][0]
        true = int(p['ass'][(1, lab)]['vas'])
        ws.cell(r, c).value = true + 10
        errors.append(['Bemorlar', '%s%d' % (get_column_letter(c), r), r, hdr(c), true + 10, 'VAS %d outside the 0-10 scale; should be %d' % (true + 10, true), p['code']])
    if p is e4 and s['session'] == 1:
        d = p['op_date']
        bad = '31.%02d.%d' % (rng.choice([4, 6, 9, 11]), d.year)
        ws.cell(r, 10).value = bad
        ws.cell(r, 10).number_format = 'General'
        errors.append(['Bemorlar', 'J%d' % r, r, hdr(10), bad, 'impossible operation date (month has 30 days); true date %s' % dstr(d), p['code']])
    r += 1

r += 1
notes = ["Izoh: VP — vertebroplastika, KP — kifoplastika (ВП/КП). Sement: PMMA (turi jadvalga yozilmagan).",
         "kelmadi / келмади = nazoratga kelmadi; vafot etgan = bemor vafot etgan; '→ takr.' = keyingi nazorat takroriy operatsiya qatorida.",
         "ВАШ — визуал аналог шкала 0–10. Сегмент: Th = кўкрак, L = бел умуртқаси.",
         "11-qatordan boshlab ma'lumotlarni 2-rezident (кирилл алифбосида) kiritgan."]
for t in notes:
    ws.cell(r, 1, t).font = Font(italic=True, size=9)
    r += 1
widths = [4, 9, 34, 12, 17, 7, 12, 6, 20, 12, 8, 12, 10, 16, 10, 7, 7, 7, 7, 7, 20, 18, 30]
for j, w in enumerate(widths):
    ws.column_dimensions[get_column_letter(j + 1)].width = w
ws.freeze_panes = 'D6'
wb.save('input.xlsx')
write_truth(pats, pid, per_vertebra_volume=False, cement=False, leakage=True, errors=errors, identifiers=ids)
print('bukhara ok', len(pats), len(ops))
