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

rng = random.Random(3044)
FEM = ['Mele', 'Salote', 'Lupe', 'Ana', 'Seini', 'Losaline', 'Siosiana', 'Kalolaine', 'Vika', 'Luseane']
MAL = ['Sione', 'Viliami', 'Tevita', 'Semisi', 'Sitani', 'Pita', 'Tomasi', 'Siaosi', 'Lisiate']
SUR = ['Fifita', 'Vaipulu', 'Taufa', 'Latu', 'Havili', 'Moala', 'Tonga', 'Funaki', 'Kioa', "Ma'u", 'Fonua', 'Pulu']


def names(rng, sex):
    return '%s %s' % (rng.choice(FEM if sex == 'female' else MAL), rng.choice(SUR))


TPS = [('pre', 0), ('24h', 1), ('2w', 14), ('3m', 90), ('6m', 180)]
pats = gen_cohort(rng, 15, TPS, dt.date(2021, 6, 1), dt.date(2023, 3, 31), names, p_kp=0.15, p_frac=0.35)
S2 = ('pre', '2w', '3m')
for p in pats:
    p['code'] = 'VH-VP%02d' % p['idx']
    p['reg'] = 'VH %05d' % rng.randint(10000, 89999)
    p['tel'] = '%d%05d' % (rng.choice([77, 84, 87]), rng.randint(10000, 99999))
    for k in list(p['ass']):
        if k[0] == 2 and k[1] not in S2:
            del p['ass'][k]
    p['missed'] = {k for k in p['missed'] if not (k[0] == 2 and k[1] not in S2)}
pid = lambda p: p['code']
CAUSE = {'osteoporosis': "hui vaivai (osteoporosis)", 'metastasis': 'kanisa - mets', 'myeloma': 'kanisa - myeloma',
         'trauma': "tō / fakatu'utāmaki (fall)", 'haemangioma': 'haemangioma'}
LEAK = {'disc': 'disc', 'venous': 'vein', 'paravertebral': 'soft tissue (paravertebral)', 'epidural': 'epidural'}
MISS = "na'e 'ikai ha'u"


def td(d):
    return d.strftime('%d/%m/%Y')


single = [p for p in pats if len(p['sessions']) == 1]
died1 = [p for p in single if p['died']]
e_id, e_vas = single[1], single[9]
e_death = [p for p in died1 if p not in (e_id, e_vas)][0]
e_vol = [p for p in single if len(p['sessions'][0]['levels']) == 1 and p not in (e_id, e_vas, e_death)][1]
errors, ids = [], []
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Lisi Mahaki'
ws['A1'] = "Vaiola Hospital - Surgical Ward / Uooti Tafa"
ws['A2'] = "Lisi 'o e kau mahaki tafa hui tu'a (Vertebroplasty / Kyphoplasty) 2021-2023"
ws['A1'].font = Font(bold=True, size=13); ws['A2'].font = Font(bold=True)
G = 4
groups = [(1, 10, "Fakamatala 'o e mahaki (patient)"), (11, 15, "Tafa 'uluaki (1st operation)"),
          (16, 20, "Mamahi (pain 0-10) - tafa 'uluaki"), (21, 27, "Tafa hono ua (2nd operation)"),
          (28, 31, "Ola (outcome)")]
for a, b, t in groups:
    ws.cell(G, a, t).font = Font(bold=True)
    ws.cell(G, a).alignment = Alignment(horizontal='center')
    ws.cell(G, a).fill = PatternFill('solid', fgColor=['D9E1F2', 'E2EFDA', 'FFF2CC', 'FCE4D6', 'EDEDED'][groups.index((a, b, t))])
    ws.merge_cells(start_row=G, start_column=a, end_row=G, end_column=b)
H = ['Fika', 'ID', 'Hingoa (Name)', 'Fika Lesisita (Reg No)', 'Fetu\'utaki (Phone)', 'Tangata/Fefine', "Ta'u (Age)",
     "'Aho fā'ele'i (DOB)", "Tupu'anga (Cause)", 'Fakamatala (notes)',
     "'Aho tafa", 'Level', 'VP/KP', 'Sima (ml)', 'Mafola sima? (leak)',
     "kimu'a", "'aho 1", 'uike 2', 'mahina 3', 'mahina 6',
     "'Aho tafa 2", 'Level 2', 'VP/KP 2', 'Sima 2 (ml)', "Mamahi kimu'a 2", 'Mamahi uike 2', 'Mamahi mahina 3',
     "Mafesi fo'ou? (new fracture)", 'Pekia? (died)', "'Aho pekia", 'Fakamatala']
H = H[:10] + H[10:]
for j, h in enumerate(H):
    c = ws.cell(G + 1, j + 1, h)
    c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True, vertical='top')
VC1 = {'pre': 16, '24h': 17, '2w': 18, '3m': 19, '6m': 20}
VC2 = {'pre': 25, '2w': 26, '3m': 27}
r = G + 2
for p in pats:
    s1 = p['sessions'][0]
    s2 = p['sessions'][1] if len(p['sessions']) > 1 else None
    ids += [('name', p['name']), ('record_number', p['reg']), ('phone', p['tel']), ('birth_date', td(p['dob']))]
    ws.cell(r, 1, p['idx'])
    ws.cell(r, 2, p['code'])
    if p is e_id:
        ws.cell(r, 2).value = None
        errors.append([ws.title, 'B%d' % r, r, 'ID', '', 'study ID missing (should be %s)' % p['code'], p['code']])
    ws.cell(r, 3, p['name']); ws.cell(r, 4, p['reg']); ws.cell(r, 5, p['tel'])
    ws.cell(r, 6, 'fefine' if p['sex'] == 'female' else 'tangata')
    ws.cell(r, 7, p['age']); ws.cell(r, 8, td(p['dob'])); ws.cell(r, 9, CAUSE[p['detail']])
    if p['detail'] == 'metastasis':
        ws.cell(r, 10, rng.choice(['ca breast', 'ca prostate', 'ca lung']))
    ws.cell(r, 11, td(s1['date']))
    ws.cell(r, 12, ' & '.join(s1['levels']))
    ws.cell(r, 13, 'VP' if s1['tech'] == 'vertebroplasty' else 'KP')
    tot = fmtnum(sum(s1['vols']))
    if p is e_vol:
        bad = fmtnum(sum(s1['vols']) * 10) + 'ml'
        ws.cell(r, 14, bad)
        errors.append([ws.title, 'N%d' % r, r, 'Sima (ml)', bad, 'cement %s for %d vertebra(e) is impossible (decimal slip, 10x too large); should be %sml' % (bad, len(s1['levels']), tot), p['code']])
    else:
        ws.cell(r, 14, tot + 'ml' if rng.random() < 0.6 else float(tot))
    ws.cell(r, 15, ("'io (%s)" % ' + '.join(LEAK[x] for x in s1['leak'])) if s1['leak'] else "'ikai")
    for lab, c in VC1.items():
        key = (1, lab)
        absd = dict(TPS)[lab]
        if key in p['ass']:
            v = int(p['ass'][key]['vas'])
            if p is e_vas and lab == '2w':
                ws.cell(r, c, v + 10)
                errors.append([ws.title, '%s%d' % (get_column_letter(c), r), r, H[c - 1] + " (Mamahi, tafa 'uluaki)", v + 10,
                               'pain score %d outside the 0-10 scale; should be %d' % (v + 10, v), p['code']])
            else:
                ws.cell(r, c, v)
        elif key in p['missed']:
            ws.cell(r, c, MISS)
        elif s2 and absd >= s2['day']:
            ws.cell(r, c, 'vakai tafa 2')
        elif p['died'] and absd >= p['death_day']:
            ws.cell(r, c, 'pekia').font = Font(color='C00000')
    if s2:
        ws.cell(r, 21, td(s2['date'])); ws.cell(r, 22, ' & '.join(s2['levels']))
        ws.cell(r, 23, 'VP' if s2['tech'] == 'vertebroplasty' else 'KP')
        ws.cell(r, 24, fmtnum(sum(s2['vols'])) + 'ml')
        ws.cell(r, 31, ("tafa 2: sima mafola (%s)" % ' + '.join(LEAK[x] for x in s2['leak'])) if s2['leak'] else "tafa 2: 'ikai mafola sima")
        for lab, c in VC2.items():
            key = (2, lab)
            absd = s2['day'] + dict(TPS)[lab]
            if key in p['ass']:
                ws.cell(r, c, int(p['ass'][key]['vas']))
            elif key in p['missed']:
                ws.cell(r, c, MISS)
            elif p['died'] and absd >= p['death_day']:
                ws.cell(r, c, 'pekia').font = Font(color='C00000')
        for c in range(21, 28):
            ws.cell(r, c).fill = PatternFill('solid', fgColor='FCE4D6')
    if p['fractures']:
        ws.cell(r, 28, "'io - " + '; '.join('%s %s' % (lv, td(p['op_date'] + dt.timedelta(days=d))) for d, lv in p['fractures']))
    else:
        ws.cell(r, 28, "'ikai")
    ws.cell(r, 29, "'io" if p['died'] else "'ikai")
    if p['died']:
        dd = p['op_date'] + dt.timedelta(days=p['death_day'])
        if p is e_death:
            bad = dt.date(dd.year - 1, dd.month, min(dd.day, 28))
            ws.cell(r, 30, td(bad))
            errors.append([ws.title, 'AD%d' % r, r, "'Aho pekia", td(bad), 'date of death %s is before the operation (%s); true date %s' % (td(bad), td(s1['date']), td(dd)), p['code']])
        else:
            ws.cell(r, 30, td(dd))
        for c in (3, 29, 30):
            ws.cell(r, c).font = Font(color='C00000')
    r += 1
r += 1
for t in ["'io = yes, 'ikai = no. tangata = male, fefine = female. " + MISS + " = did not come to clinic. pekia = died.",
          "Mamahi = pain score 0-10 (asked in Tongan). Sima = bone cement (PMMA), total ml for the whole operation.",
          "'vakai tafa 2' = see 2nd operation columns (follow-up continues from the 2nd operation).",
          "Dr on call types this sheet - please do not sort."]:
    ws.cell(r, 1, t).font = Font(italic=True, size=9)
    r += 1
for j, w in enumerate([5, 9, 20, 12, 11, 10, 6, 11, 22, 12, 11, 10, 6, 9, 16, 6, 6, 6, 6, 6, 11, 8, 6, 8, 8, 8, 8, 24, 8, 11, 30]):
    ws.column_dimensions[get_column_letter(j + 1)].width = w
wb.save('input.xlsx')
write_truth(pats, pid, per_vertebra_volume=False, cement=False, leakage=True, errors=errors, identifiers=ids)
print('nukualofa ok', len(pats), sum(len(p['sessions']) for p in pats), len(errors))
