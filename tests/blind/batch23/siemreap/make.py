# ---- shared cohort generator (copied into each site's make.py) ----
import random, datetime as dt, csv, os, sys
LEVELS = ['C7'] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def gen(seed, n, tps, s2_tps, start, span, names, tech_w=(60, 40), odi=True, mob=False,
        brands=('PMMA',), cp_rate=0.0, n_dead=2, n_s2=3, n_fx_only=1):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        sex = R.choice(['female'] * 3 + ['male'] * 2)
        et = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [68, 18, 10, 4])[0]
        d0 = start + dt.timedelta(days=R.randint(0, span))
        lo, hi = (60, 90) if et == 'osteoporotic' else (38, 82)
        b = d0 - dt.timedelta(days=R.randint(lo * 365 + 30, hi * 365))
        name = names(R, sex)
        while name in [q['name'] for q in pats]:
            name = names(R, sex)
        nl = R.choices([1, 2, 3], [68, 24, 8])[0]
        top = R.choice([9, 10, 11, 11, 12, 12, 12, 13, 13, 14, 15, 16][: 12 - (nl - 1)])
        levels = LEVELS[top: top + nl]
        tech = R.choices(['vertebroplasty', 'kyphoplasty'], tech_w)[0]
        base = 3.0 if tech == 'vertebroplasty' else 4.0
        vols = [base + R.choice([-1.0, -0.5, 0, 0.5, 1.0, 1.5]) for _ in levels]
        cement = 'calcium phosphate' if (et == 'traumatic' and R.random() < cp_rate * 5) else 'PMMA'
        leak = [R.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous'], [74, 10, 9, 5, 2])[0]
                for _ in levels]
        s1 = dict(n=1, day=0, levels=levels, tech=tech, vols=vols, cement=cement, leak=leak,
                  brand=R.choice(brands))
        vas0 = R.randint(6, 10)
        odi0 = R.randint(40, 84)
        visits = []
        vas, o = vas0, odi0
        for tp in tps:
            if tp == 'pre':
                d, v, oo = 0, vas0, odi0
            else:
                d = TP_DAYS[tp] + (R.randint(-3, 6) if TP_DAYS[tp] > 20 else 0)
                v = max(0, vas - R.randint(1, 4)) if tp == tps[1] else max(0, min(10, vas + R.randint(-2, 1)))
                oo = max(R.randint(6, 14), min(100, o - R.randint(3, 13)))
                vas, o = v, oo
            miss = tp not in ('pre', tps[1]) and R.random() < 0.13
            visits.append(dict(session=1, tp=tp, day=d, vas=v, odi=oo if odi else None,
                               mob=(R.randint(2, 4) if tp == 'pre' else R.randint(0, 2)) if mob else None,
                               missing=miss))
        pats.append(dict(i=i, name=name, sex=sex, et=et, birth=b, d0=d0, age=age_at(b, d0),
                         sessions=[s1], visits=visits, fx=[], died='no', death_day=None,
                         rec=None, phone=None, err=None, id=None))
    idx = list(range(n)); R.shuffle(idx)
    s2p, fxp, dead = idx[:n_s2], idx[n_s2:n_s2 + n_fx_only], idx[n_s2 + n_fx_only:n_s2 + n_fx_only + n_dead]
    for k in s2p + fxp:
        p = pats[k]
        att = [v for v in p['visits'] if not v['missing'] and v['tp'] in ('3m', '6m', '12m', '24m')]
        if k in s2p:
            last = p['visits'][-1]; last['missing'] = False; fv = last
        else:
            fv = att[0] if att else p['visits'][-1]; fv['missing'] = False
        tr = p['sessions'][0]['levels']
        cand = [LEVELS[LEVELS.index(tr[0]) - 1], LEVELS[LEVELS.index(tr[-1]) + 1]]
        cand = [c for c in cand if c[0] in 'TL']
        lvl = R.choice(cand)
        p['fx'].append((fv['day'], lvl))
        if k in s2p:
            d2 = fv['day'] + R.randint(4, 15)
            tech = p['sessions'][0]['tech']
            s2 = dict(n=2, day=d2, levels=[lvl], tech=tech, vols=[3.0 + R.choice([0, 0.5, 1.0])],
                      cement='PMMA', leak=[R.choice(['none', 'none', 'disc'])], brand=p['sessions'][0]['brand'])
            p['sessions'].append(s2)
            v0 = R.randint(6, 9); o0 = R.randint(45, 75)
            for tp in s2_tps:
                d = d2 + (0 if tp == 'pre' else TP_DAYS[tp] + R.randint(-2, 4))
                v = v0 if tp == 'pre' else max(0, v0 - R.randint(3, 6))
                oo = o0 if tp == 'pre' else max(0, o0 - R.randint(10, 30))
                p['visits'].append(dict(session=2, tp=tp, day=d, vas=v, odi=oo if odi else None,
                                        mob=(3 if tp == 'pre' else 1) if mob else None, missing=False))
    for k in dead:
        p = pats[k]
        cut = R.randint(2, len(p['visits']) - 1)
        p['visits'] = p['visits'][:cut]
        p['visits'][-1]['missing'] = False
        p['died'] = 'yes'
        p['death_day'] = p['visits'][-1]['day'] + R.randint(15, 60)
    return pats


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f); w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtv(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%g' % x)


def write_truth(out, pats, errors, idents):
    t = os.path.join(out, 'truth')
    P, PR, A, F = [], [], [], []
    for p in pats:
        if not p['id']:
            continue
        P.append([p['id'], p['sex'], p['age'], p['et'], p['died']])
        for s in p['sessions']:
            tot = s.get('total_only')
            for j, l in enumerate(s['levels']):
                PR.append([p['id'], s['n'], s['day'], l, s['tech'],
                           '' if tot else fmtv(s['vols'][j]), fmtv(sum(s['vols'])) if tot else '',
                           s['cement'], s['leak'][j] if s['leak'] is not None else ''])
        for v in p['visits']:
            if v['missing']:
                continue
            for m, key in (('pain_vas', 'vas'), ('odi', 'odi'), ('mobility', 'mob')):
                if v.get(key) is not None:
                    A.append([p['id'], v['session'], m, v['tp'], fmtv(v[key])])
        for d, l in p['fx']:
            F.append([p['id'], d, l])
    write_csv(t + '/patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv(t + '/procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                      'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    write_csv(t + '/assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv(t + '/fractures.csv', ['patient_id', 'day', 'level'], F)
    write_csv(t + '/errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen = []
    for x in idents:
        if x not in seen:
            seen.append(x)
    write_csv(t + '/identifiers.csv', ['kind', 'value'], seen)


def colname(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26); s = chr(65 + r) + s
    return s
# ---- end shared ----

# ---- មន្ទីរពេទ្យបង្អែកខេត្តសៀមរាប : patient cards, one sheet per patient ----
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
FAM = [('សុខ', 'SOK'), ('ចាន់', 'CHAN'), ('ហេង', 'HENG'), ('លឹម', 'LIM'), ('ម៉ៅ', 'MAO'), ('សេង', 'SENG'), ('គឹម', 'KIM'),
       ('ឈឹម', 'CHHIM'), ('យឹម', 'YIM'), ('ពៅ', 'POV'), ('អ៊ុក', 'OUK'), ('ទេព', 'TEP')]
GF = [('សុភា', 'Sophea'), ('ចន្ថា', 'Chantha'), ('ធារី', 'Theary'), ('សុខា', 'Sokha'), ('ម៉ាលី', 'Maly'), ('ស្រីមុំ', 'Sreymom'), ('សាវី', 'Savy')]
GM = [('សុវណ្ណ', 'Sovann'), ('វណ្ណា', 'Vanna'), ('ដារ៉ា', 'Dara'), ('សំណាង', 'Samnang'), ('បូរ៉ា', 'Bora'), ('សុផល', 'Sophal')]
KD = str.maketrans('0123456789', '០១២៣៤៥៦៧៨៩')


def names(R, sex):
    f, g = R.choice(FAM), R.choice(GF if sex == 'female' else GM)
    return (f[0] + ' ' + g[0], f[1] + ' ' + g[1])


def dstr(d, R, be=None):
    be = (R.random() < 0.35) if be is None else be
    s = '%02d/%02d/%d' % (d.day, d.month, d.year + (543 if be else 0))
    return s.translate(KD) if R.random() < 0.25 else s


def kd(x, R, p=0.25):
    s = str(x)
    return s.translate(KD) if R.random() < p else s


def main(out):
    R = random.Random(2303)
    pats = gen(2303, 22, ['pre', '24h', '1m', '3m', '6m'], ['pre', '1m'], dt.date(2020, 6, 1), 330, names,
               tech_w=(85, 15), n_dead=2)
    pats.sort(key=lambda p: p['d0'])
    for k, p in enumerate(pats):
        p['id'] = 'SRP-%02d' % (k + 1)
        p['rec'] = '%d/%05d' % (p['d0'].year + 543, R.randint(1000, 39999))
        p['phone'] = R.choice(['012', '017', '092', '097', '089']) + ' ' + '%03d %03d' % (R.randint(100, 999), R.randint(0, 999))
        for s in p['sessions']:
            s['brand'] = R.choice(['PMMA (Vertecem V+)', 'PMMA', 'Mendec Spine'])
    ok = [p for p in pats if len(p['sessions']) == 1 and p['died'] == 'no' and not p['fx']]
    eA, eB, eC, eD = ok[0], ok[4], ok[8], ok[12]
    va = [v for v in eA['visits'] if v['tp'] == '1m'][0]; va['missing'] = False; va['vas'] = 11
    eB['sessions'][0]['vols'][0] = 25.0
    vc = [v for v in eC['visits'] if v['tp'] == '3m'][0]; vc['missing'] = False; vc['before'] = True
    vd = [v for v in eD['visits'] if v['tp'] == '1m'][0]; vd['missing'] = False; vd['baddate'] = True
    SEX = {'female': 'ស្រី (F)', 'male': 'ប្រុស (M)'}
    ET = {'osteoporotic': ['ពុកឆ្អឹង (ostéoporose)', 'Fracture ostéoporotique'], 'pathologic': ['មេតាស្តាស (métastase)', 'Myélome multiple'],
          'traumatic': ['គ្រោះថ្នាក់ចរាចរណ៍ (traumatisme)', 'ធ្លាក់ពីដើមឈើ (chute)'], 'other': ['ផ្សេងៗ (autre)']}
    LK = {'none': 'Aucune', 'disc': 'Discale', 'venous': 'Veineuse', 'paravertebral': 'Paravertébrale', 'disc;venous': 'Discale + veineuse'}
    TPL = {(1, 'pre'): 'មុនវះ / Avant', (1, '24h'): '២៤ម៉ោង / 24 h', (1, '1m'): '១ខែ / 1 mois', (1, '3m'): '៣ខែ / 3 mois',
           (1, '6m'): '៦ខែ / 6 mois', (2, 'pre'): 'វគ្គ២ មុនវះ / Séance 2 avant', (2, '1m'): 'វគ្គ២ ១ខែ / Séance 2, 1 mois'}
    PH = ['វគ្គ / Séance', 'កាលបរិច្ឆេទ / Date', 'ឆ្អឹងកង / Niveau', 'បច្ចេកទេស / Technique', 'ស៊ីម៉ង់ / Ciment', 'បរិមាណ / Volume (ml)', 'ការលេចធ្លាយ / Fuite']
    FH = ['ពេល / Moment', 'កាលបរិច្ឆេទ / Date', 'VAS (0-10)', 'ODI (%)', 'កំណត់សម្គាល់ / Remarque']
    wb = openpyxl.Workbook(); wb.remove(wb.active)
    idents, errors = [], []
    B = Font(bold=True); thin = Side(style='thin')
    for p in pats:
        ws = wb.create_sheet(p['id']); sh = p['id']
        ws['A1'] = 'មន្ទីរពេទ្យបង្អែកខេត្តសៀមរាប — ផ្នែកវះកាត់ / Service de chirurgie'; ws['A1'].font = Font(bold=True, size=13)
        ws.merge_cells('A1:G1')
        ws['A2'] = 'ប័ណ្ណតាមដានអ្នកជំងឺ — Fiche de suivi vertébroplastie / cyphoplastie'; ws.merge_cells('A2:G2')
        bd = dstr(p['birth'], R)
        lab = [(4, 'លេខកូដ / Code', p['id'], 'លេខឯកសារ / N° dossier', p['rec']),
               (5, 'ឈ្មោះ / Nom', p['name'][0], 'Nom (latin)', p['name'][1]),
               (6, 'ភេទ / Sexe', SEX[p['sex']], 'ថ្ងៃកំណើត / Né(e) le', bd),
               (7, 'អាយុ / Âge', kd(p['age'], R, 0.4), 'ទូរស័ព្ទ / Tél.', p['phone']),
               (8, 'រោគវិនិច្ឆ័យ / Diagnostic', R.choice(ET[p['et']]), None, None)]
        for r, a, b, c, d in lab:
            ws.cell(r, 1, a).font = B; ws.cell(r, 2, b)
            if c:
                ws.cell(r, 4, c).font = B; ws.cell(r, 5, d)
        idents += [['name', p['name'][0]], ['name', p['name'][1]], ['record_number', p['rec']], ['birth_date', bd], ['phone', p['phone']]]
        r = 10
        ws.cell(r, 1, 'ការវះកាត់ / Intervention').font = Font(bold=True, color='1F4E79'); r += 1
        for j, h in enumerate(PH, 1):
            ws.cell(r, j, h).font = B; ws.cell(r, j).fill = PatternFill('solid', fgColor='DDEBF7')
        r += 1
        for s in p['sessions']:
            r0 = r
            for j, l in enumerate(s['levels']):
                if j == 0:
                    ws.cell(r, 1, kd(s['n'], R)); ws.cell(r, 2, dstr(date_of(p, s['day']), R))
                    ws.cell(r, 4, {'vertebroplasty': 'Vertébroplastie', 'kyphoplasty': 'Cyphoplastie (ballonnet)'}[s['tech']])
                    ws.cell(r, 5, s['brand'])
                ws.cell(r, 3, l)
                ws.cell(r, 6, kd(fmtv(s['vols'][j]), R, 0.2))
                if s['vols'][j] > 20:
                    errors.append([sh, 'F%d' % r, r, PH[5], ws.cell(r, 6).value, 'volume de ciment 25 ml dans une vertèbre (>20 ml)', p['id']])
                ws.cell(r, 7, LK[s['leak'][j]])
                r += 1
            if r - r0 > 1:
                for c in (1, 2, 4, 5):
                    ws.merge_cells(start_row=r0, start_column=c, end_row=r - 1, end_column=c)
                    ws.cell(r0, c).alignment = Alignment(vertical='center')
        r += 1
        ws.cell(r, 1, 'តាមដាន / Suivi').font = Font(bold=True, color='1F4E79'); r += 1
        for j, h in enumerate(FH, 1):
            ws.cell(r, j, h).font = B; ws.cell(r, j).fill = PatternFill('solid', fgColor='E2EFDA')
        r += 1
        for v in p['visits']:
            ws.cell(r, 1, TPL[(v['session'], v['tp'])])
            if v['missing']:
                ws.cell(r, 2, '-'); ws.cell(r, 5, R.choice(['មិនបានមក (absent)', 'absent', 'ទូរស័ព្ទមិនចូល (injoignable)']))
            else:
                d = date_of(p, v['day'])
                if v.get('baddate'):
                    val = '31/04/%d' % (d.year + 543)
                    ws.cell(r, 2, val)
                    errors.append([sh, 'B%d' % r, r, FH[1], val, 'date impossible : 31 avril', p['id']])
                elif v.get('before'):
                    val = dstr(d.replace(year=d.year - 1), R, False)
                    ws.cell(r, 2, val)
                    errors.append([sh, 'B%d' % r, r, FH[1], val, 'visite de suivi 3 mois datée avant l\'intervention', p['id']])
                else:
                    ws.cell(r, 2, dstr(d, R))
                ws.cell(r, 3, kd(v['vas'], R, 0.3))
                if v['vas'] > 10:
                    errors.append([sh, 'C%d' % r, r, FH[2], ws.cell(r, 3).value, 'EVA 11 hors échelle 0-10', p['id']])
                ws.cell(r, 4, v['odi'])
            r += 1
        r += 1
        ws.cell(r, 1, 'បាក់ឆ្អឹងថ្មី / Nouvelle fracture').font = B
        ws.cell(r, 2, '; '.join('%s — %s' % (l, dstr(date_of(p, d), R)) for d, l in p['fx']) if p['fx'] else 'គ្មាន / Aucune')
        r += 1
        ws.cell(r, 1, 'ស្លាប់ / Décès').font = B
        ws.cell(r, 2, ('បាទ/ចាស — Oui, %s' % dstr(date_of(p, p['death_day']), R)) if p['died'] == 'yes' else 'ទេ / Non')
        for col, w in zip('ABCDEFG', [30, 16, 14, 26, 20, 16, 20]):
            ws.column_dimensions[col].width = w
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
