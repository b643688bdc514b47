# ---- cohort generator (self-contained) ----
import sys, os, csv, random, datetime as dt

TP_DAY = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
ALL_LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def pick_levels(R, k):
    w = [1, 1, 2, 3, 4, 5, 7, 10, 14, 14, 8, 5, 3, 2]
    while True:
        i = R.choices(range(len(ALL_LEVELS)), weights=w)[0]
        if i + k <= len(ALL_LEVELS):
            return ALL_LEVELS[i:i + k]


def pick_leak(R):
    r = R.random()
    if r < 0.72:
        return ['none']
    if r < 0.93:
        return [R.choice(['disc', 'venous', 'paravertebral', 'disc', 'venous'])]
    a = R.sample(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], 2)
    return sorted(a, key=LEAKS.index)


def score(R, measure, tp, pre=None):
    if measure == 'pain_vas':
        if tp == 'pre':
            return R.randint(6, 10)
        f = {'24h': .55, '1w': .5, '2w': .45, '6w': .4, '1m': .4, '3m': .35, '6m': .3, '12m': .3, '24m': .3}[tp]
        return max(0, min(10, round(pre * f + R.uniform(-1.2, 1.5))))
    if measure == 'odi':
        if tp == 'pre':
            return R.randrange(40, 86, 2)
        f = {'24h': .8, '1w': .7, '2w': .65, '6w': .6, '1m': .6, '3m': .5, '6m': .45, '12m': .42, '24m': .4}[tp]
        return max(0, min(100, 2 * round((pre * f + R.uniform(-6, 6)) / 2)))
    if measure == 'mobility':
        if tp == 'pre':
            return R.randint(2, 4)
        return max(0, min(4, pre - R.choice([1, 1, 2, 2, 3])))


def gen_cohort(R, n, start, measures, s2_measures, n_s2=3, n_fx_only=1, n_dead=3,
               p_kypho=0.3, p_cap=0.1, vol_step=0.5, p_missing=0.1):
    """measures: {measure: [timepoints]} for session 1; s2_measures likewise for session 2."""
    pts = []
    all_tps = sorted({t for v in measures.values() for t in v}, key=lambda t: TP_DAY[t])
    for i in range(n):
        sex = 'female' if R.random() < 0.72 else 'male'
        etio = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], weights=[68, 17, 10, 5])[0]
        age = R.randint(38, 62) if etio in ('traumatic',) else R.randint(55, 89)
        d0 = start + dt.timedelta(days=R.randint(0, 700))
        dob = d0 - dt.timedelta(days=int(age * 365.25) + R.randint(10, 350))
        age = age_at(dob, d0)
        p = dict(idx=i, sex=sex, etio=etio, age=age, dob=dob, d0=d0, died='no', death_day=None,
                 sessions=[], scores={}, visit_day={}, fractures=[])
        k = R.choices([1, 2, 3], weights=[70, 22, 8])[0]
        tech = 'kyphoplasty' if R.random() < p_kypho else 'vertebroplasty'
        cem = 'calcium phosphate' if R.random() < p_cap else 'PMMA'
        verts = []
        for lv in pick_levels(R, k):
            base = 3.0 if lv.startswith('T') else 4.0
            if tech == 'kyphoplasty':
                base += 1.0
            v = round(round((base + R.uniform(-1.0, 2.5)) / vol_step) * vol_step, 1)
            verts.append([lv, v, pick_leak(R)])
        p['sessions'].append(dict(day=0, tech=tech, cement=cem, verts=verts))
        for m, tps in measures.items():
            pre = None
            for tp in tps:
                val = score(R, m, tp, pre)
                if tp == 'pre':
                    pre = val
                p['scores'][(1, m, tp)] = val
        for tp in all_tps:
            p['visit_day'][(1, tp)] = TP_DAY[tp] + (R.randint(0, 4) if TP_DAY[tp] >= 30 else 0)
        pts.append(p)
    # roles
    order = list(range(n))
    R.shuffle(order)
    s2 = order[:n_s2]
    fxo = order[n_s2:n_s2 + n_fx_only]
    # prefer pathologic deaths
    rest = [j for j in order[n_s2 + n_fx_only:]]
    rest.sort(key=lambda j: (pts[j]['etio'] != 'pathologic', j))
    dead = rest[:n_dead]
    later = [t for t in all_tps if TP_DAY[t] >= 91]
    for j in s2:
        p = pts[j]
        tp = later[0]
        fday = p['visit_day'][(1, tp)]
        used = {v[0] for v in p['sessions'][0]['verts']}
        lo = ALL_LEVELS.index(p['sessions'][0]['verts'][0][0])
        hi = ALL_LEVELS.index(p['sessions'][0]['verts'][-1][0])
        cand = [ALL_LEVELS[x] for x in (lo - 1, hi + 1, hi + 2) if 0 <= x < len(ALL_LEVELS)]
        lv = cand[0] if R.random() < 0.5 or len(cand) == 1 else cand[1]
        p['fractures'].append((fday, lv))
        sday = fday + R.randint(6, 20)
        tech = p['sessions'][0]['tech']
        v = round(round((3.5 + R.uniform(-0.5, 2.0)) / vol_step) * vol_step, 1)
        p['sessions'].append(dict(day=sday, tech=tech, cement=p['sessions'][0]['cement'],
                                  verts=[[lv, v, pick_leak(R)]]))
        # session-1 scores after the detection visit are dropped
        for (s, m, t) in list(p['scores']):
            if s == 1 and TP_DAY[t] > TP_DAY[tp]:
                del p['scores'][(s, m, t)]
        for (s, t) in list(p['visit_day']):
            if s == 1 and TP_DAY[t] > TP_DAY[tp]:
                del p['visit_day'][(s, t)]
        s2tps = sorted({t for v in s2_measures.values() for t in v}, key=lambda t: TP_DAY[t])
        for m, tps in s2_measures.items():
            pre = None
            for t in tps:
                val = score(R, m, t, pre)
                if t == 'pre':
                    pre = val
                p['scores'][(2, m, t)] = val
        for t in s2tps:
            p['visit_day'][(2, t)] = sday + TP_DAY[t] + (R.randint(0, 4) if TP_DAY[t] >= 30 else 0)
    for j in fxo:
        p = pts[j]
        tp = later[-1]
        lv0 = ALL_LEVELS.index(p['sessions'][0]['verts'][-1][0])
        lv = ALL_LEVELS[lv0 + 1] if lv0 + 1 < len(ALL_LEVELS) else ALL_LEVELS[lv0 - len(p['sessions'][0]['verts'])]
        p['fractures'].append((p['visit_day'][(1, tp)], lv))
    for j in dead:
        p = pts[j]
        k = R.randint(2, len(all_tps) - 2)
        cut = all_tps[k]
        for (s, m, t) in list(p['scores']):
            if TP_DAY[t] > TP_DAY[cut]:
                del p['scores'][(s, m, t)]
        for (s, t) in list(p['visit_day']):
            if TP_DAY[t] > TP_DAY[cut]:
                del p['visit_day'][(s, t)]
        p['died'] = 'yes'
        p['death_day'] = p['visit_day'][(1, cut)] + R.randint(10, 40)
    # random missing visits (not 'pre')
    for p in pts:
        for (s, t) in list(p['visit_day']):
            fdays = {d for d, _ in p['fractures']}
            if t != 'pre' and p['visit_day'][(s, t)] not in fdays and R.random() < p_missing:
                for key in list(p['scores']):
                    if key[0] == s and key[2] == t:
                        p['scores'][key] = None
    return pts


def write_truth(outdir, pts, errors, identifiers, per_vertebra_volume=True, drop_levels=(), drop_scores=(),
                drop_vol=()):
    """drop_levels: {(pid, session, vert_index)} blank level; drop_scores: {(pid,s,m,t)} omitted;
    drop_vol: {(pid, session, vert_index)} blank volume."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    fmt = lambda v: ('%g' % v) if isinstance(v, float) else v
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etio'], p['died']] for p in pts if p.get('pid')])
    rows = []
    for p in pts:
        if not p.get('pid'):
            continue
        for si, s in enumerate(p['sessions'], 1):
            tot = round(sum(v[1] for v in s['verts']), 1)
            for vi, (lv, vol, lk) in enumerate(s['verts']):
                lvl = '' if (p['pid'], si, vi) in drop_levels else lv
                if per_vertebra_volume:
                    cv, sv = ('' if (p['pid'], si, vi) in drop_vol else fmt(vol)), ''
                else:
                    cv, sv = '', ('' if (p['pid'], si, 0) in drop_vol else fmt(tot))
                rows.append([p['pid'], si, s['day'], lvl, s['tech'], cv, sv, s['cement'], ';'.join(lk)])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        if not p.get('pid'):
            continue
        for (s, m, t), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], TP_DAY[kv[0][2]])):
            if v is None or (p['pid'], s, m, t) in drop_scores:
                continue
            rows.append([p['pid'], s, m, t, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pts if p.get('pid') for (d, lv) in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)
# ---- end generator ----

# ---- Timisoara: patient cards laid out side by side, 4 per band, bands stacked down the sheet ----
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

R = random.Random(2403)
S1 = {'pain_vas': ['pre', '24h', '1m', '3m', '12m'], 'odi': ['pre', '3m', '12m']}
S2 = {'pain_vas': ['pre', '24h', '1m', '3m'], 'odi': ['pre', '3m']}
pts = gen_cohort(R, 22, dt.date(2021, 9, 1), S1, S2, n_s2=3, n_fx_only=1, n_dead=3, p_kypho=0.3, p_cap=0.1)

RO_F = [('Popescu', 'Maria'), ('Ionescu', 'Elena'), ('Stan', 'Floarea'), ('Dumitru', 'Ana'), ('Murariu', 'Viorica'),
        ('Radu', 'Georgeta'), ('Lazăr', 'Aurelia'), ('Crăciun', 'Rodica'), ('Bogdan', 'Lucreția')]
RO_M = [('Popa', 'Ion'), ('Munteanu', 'Gheorghe'), ('Vlad', 'Nicolae'), ('Oprea', 'Petru')]
HU_F = [('Kovács', 'Erzsébet'), ('Szabó', 'Ilona'), ('Tóth', 'Katalin'), ('Nagy', 'Margit')]
HU_M = [('Kiss', 'István'), ('Varga', 'Ferenc')]
DE_F = [('Schmidt', 'Anna'), ('Wagner', 'Theresia'), ('Müller', 'Gertrud')]
DE_M = [('Weber', 'Josef'), ('Fischer', 'Hans')]
ETIO = {'osteoporotic': ['osteoporoză', 'osteoporoză senilă', 'Osteoporose'],
        'pathologic': ['metastază (neo mamar)', 'mielom multiplu', 'metastază (neo prostată)'],
        'traumatic': ['traumatism (cădere de la înălțime)', 'accident rutier'], 'other': ['hemangiom vertebral']}
LEAK = {'ro': {'none': 'fără', 'disc': 'discală', 'venous': 'venoasă', 'paravertebral': 'paravertebrală',
               'epidural': 'epidurală', 'foraminal': 'foraminală'}}
LEAK['hu'] = dict(LEAK['ro'], none='nincs')
LEAK['de'] = dict(LEAK['ro'], none='keine')
BRAND = {'PMMA': ['Osteopal V', 'Vertecem V+', 'PMMA'], 'calcium phosphate': ['fosfat de calciu']}
MISS = {'ro': 'n.p.', 'hu': 'nem jött', 'de': 'n.e.'}


def cnp(sex, dob):
    s = ('2' if sex == 'female' else '1') if dob.year < 2000 else ('6' if sex == 'female' else '5')
    body = s + dob.strftime('%y%m%d') + '35' + '%03d' % R.randint(1, 999)
    c = sum(int(a) * int(b) for a, b in zip(body, '279146358279')) % 11
    return body + ('1' if c == 10 else str(c))


pools = {('ro', 'female'): RO_F, ('ro', 'male'): RO_M, ('hu', 'female'): HU_F, ('hu', 'male'): HU_M,
         ('de', 'female'): DE_F, ('de', 'male'): DE_M}
used = set()
ids = []
for p in pts:
    while True:
        lang = R.choices(['ro', 'hu', 'de'], weights=[6, 2, 2])[0]
        nm = '%s %s' % R.choice(pools[(lang, p['sex'])])
        if nm not in used:
            used.add(nm)
            break
    p['lang'], p['name'] = lang, nm
    p['fo'] = '%d/%d' % (R.randint(1000, 29999), p['d0'].year)
    p['cnp'] = cnp(p['sex'], p['dob'])
    p['phone'] = '07%d%d %03d %03d' % (R.choice([2, 4, 5, 6]), R.randint(0, 9), R.randint(0, 999), R.randint(0, 999))
    p['etxt'] = R.choice(ETIO[p['etio']])
    p['brand'] = R.choice(BRAND[p['sessions'][0]['cement']])
    p['th'] = lang == 'de' or R.random() < 0.2
pts.sort(key=lambda p: p['d0'])
for i, p in enumerate(pts, 1):
    p['pid'] = 'TM-VA-%02d' % i

plain = [p for p in pts if len(p['sessions']) == 1 and p['died'] == 'no' and not p['fractures']]
eT13 = plain[0]
eODI = next(p for p in plain[3:] if p['scores'].get((1, 'odi', '3m')) is not None)
eDATE = next(p for p in plain[6:] if len(p['sessions'][0]['verts']) == 1 and p is not eODI)
eVOL = next(p for p in plain[9:] if p not in (eODI, eDATE))
eDATE['d0'] = dt.date(2023, 4, 30)
eDATE['age'] = age_at(eDATE['dob'], eDATE['d0'])
eDATE['fo'] = eDATE['fo'].split('/')[0] + '/2023'
for p in pts:
    ids += [['name', p['name']], ['record_number', p['fo']], ['national_id', p['cnp']], ['phone', p['phone']]]
drop_levels, drop_scores, drop_vol = set(), set(), set()
errors = []
SHEET = 'Fișe pacienți'
wb = Workbook()
ws = wb.active
ws.title = SHEET
ws['A1'] = 'SPITALUL CLINIC JUDEȚEAN DE URGENȚĂ „Sf. Ioan de la Bega” TIMIȘOARA - Clinica Neurochirurgie'
ws['A2'] = 'Vertebroplastie / cifoplastie 2021-2023 - fișe de urmărire (Kontrolle). Zecimale cu virgulă; n.p. / nem jött / n.e. = nu s-a prezentat'
ws['A1'].font = Font(bold=True, size=12)
W = 7
PER = 4
bold = Font(bold=True)
fill = PatternFill('solid', fgColor='DDEBF7')
fmt = lambda d: d.strftime('%d.%m.%Y')
num = lambda v: ('%.1f' % v).replace('.', ',')
TPS = ['pre', '24h', '1m', '3m', '12m']
TPH = ['pre', '24 h', '1 lună', '3 luni', '12 luni']
band_top = 4
for b0 in range(0, len(pts), PER):
    heights = []
    for k, p in enumerate(pts[b0:b0 + PER]):
        c0 = 1 + k * W
        r = band_top

        def put(rr, cc, v, f=None):
            cell = ws.cell(rr, c0 + cc, v)
            if f:
                cell.font = f
            return cell
        put(r, 0, 'Pacient %s' % p['pid'], Font(bold=True, size=11)).fill = fill
        ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=c0 + 5)
        r += 1
        put(r, 0, 'Nume:', bold); put(r, 1, p['name']); put(r, 4, 'FO nr.:', bold); put(r, 5, p['fo'])
        r += 1
        put(r, 0, 'CNP:', bold); put(r, 1, p['cnp']); put(r, 4, 'Tel.:', bold); put(r, 5, p['phone'])
        r += 1
        put(r, 0, 'Vârstă:', bold); put(r, 1, '%d ani' % p['age']); put(r, 2, 'Sex:', bold)
        put(r, 3, 'F' if p['sex'] == 'female' else 'M'); put(r, 4, 'Etiologie:', bold); put(r, 5, p['etxt'])
        r += 1
        for j, h in enumerate(['Ședința', 'Data', 'Nivel', 'Tehnica', 'Ciment (ml)', 'Scurgere']):
            put(r, j, h, bold).fill = fill
        hdr_row = r
        r += 1
        for si, s in enumerate(p['sessions'], 1):
            sd = p['d0'] + dt.timedelta(days=s['day'])
            for vi, (lv, vol, lk) in enumerate(s['verts']):
                lvt = ('Th' + lv[1:]) if (p['th'] and lv.startswith('T')) else lv
                dtx = fmt(sd)
                vtx = num(vol)
                if p is eT13 and vi == len(s['verts']) - 1:
                    lvt = 'Th13' if p['th'] else 'T13'
                    drop_levels.add((p['pid'], 1, vi))
                    errors.append([SHEET, get_column_letter(c0 + 2) + str(r), r, 'Nivel', lvt,
                                   'impossible vertebral level (13th thoracic)', p['pid']])
                if p is eDATE:
                    dtx = '31.04.2023'
                    errors.append([SHEET, get_column_letter(c0 + 1) + str(r), r, 'Data', dtx,
                                   'impossible date: 31 April', p['pid']])
                if p is eVOL and vi == 0:
                    vtx = '22,5'
                    drop_vol.add((p['pid'], 1, 0))
                    errors.append([SHEET, get_column_letter(c0 + 4) + str(r), r, 'Ciment (ml)', vtx,
                                   'cement volume 22.5 mL in one vertebra (above 20 mL)', p['pid']])
                tech = 'VP' if s['tech'] == 'vertebroplasty' else 'KP (cifoplastie cu balon)'
                put(r, 0, si); put(r, 1, dtx); put(r, 2, lvt); put(r, 3, tech); put(r, 4, vtx)
                put(r, 5, ' + '.join(LEAK[p['lang']][x] for x in lk))
                r += 1
        put(r, 0, 'Ciment:', bold); put(r, 1, p['brand'])
        r += 1
        put(r, 0, 'Scor', bold).fill = fill
        for j, h in enumerate(TPH):
            put(r, 1 + j, h, bold).fill = fill
        r += 1
        for si in range(1, len(p['sessions']) + 1):
            for m, lab in (('pain_vas', 'VAS'), ('odi', 'ODI %')):
                put(r, 0, lab + (' (ședința 2)' if si == 2 else ''), bold)
                for j, tp in enumerate(TPS):
                    key = (si, m, tp)
                    if key in p['scores']:
                        v = p['scores'][key]
                        cell = put(r, 1 + j, v if v is not None else MISS[p['lang']])
                        if p is eODI and key == (1, 'odi', '3m'):
                            cell.value = 125
                            drop_scores.add((p['pid'], 1, 'odi', '3m'))
                            errors.append([SHEET, cell.coordinate, r, '3 luni', '125', 'ODI 125 % (scale 0-100)', p['pid']])
                r += 1
        put(r, 0, 'Fractură nouă:', bold)
        if p['fractures']:
            d, lv = p['fractures'][0]
            lvt = ('Th' + lv[1:]) if (p['th'] and lv.startswith('T')) else lv
            put(r, 1, '%s - %s' % (fmt(p['d0'] + dt.timedelta(days=d)), lvt))
            if len(p['sessions']) > 1:
                put(r, 3, 'reintervenție (ședința 2)')
        else:
            put(r, 1, 'nu')
        r += 1
        put(r, 0, 'Deces:', bold)
        put(r, 1, ('da, ' + fmt(p['d0'] + dt.timedelta(days=p['death_day']))) if p['died'] == 'yes' else 'nu')
        if p['died'] == 'yes':
            put(r, 3, 'Verstorben' if p['lang'] == 'de' else 'elhunyt' if p['lang'] == 'hu' else 'decedat')
        r += 1
        heights.append(r - band_top)
    band_top += max(heights) + 2
for c in range(1, W * PER + 1):
    ws.column_dimensions[get_column_letter(c)].width = 4 if c % W == 0 else 12
out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)
wb.save(os.path.join(out, 'input.xlsx'))
write_truth(out, pts, errors, ids, per_vertebra_volume=True, drop_levels=drop_levels,
            drop_scores=drop_scores, drop_vol=drop_vol)
