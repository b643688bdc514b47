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

# ---- Agadir: colour-coded follow-up workbook with legend ----
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.comments import Comment

FN_F = ['Fatima', 'Khadija', 'Aicha', 'Zahra', 'Malika', 'Rkia', 'Fadma', 'Itto', 'Hadda', 'Zineb',
        'Naima', 'Saadia', 'Fatima Zahra', 'Mina', 'Yamna']
FN_M = ['Mohamed', 'Ahmed', 'Lahcen', 'Brahim', 'Mbark', 'Hassan', 'Omar', 'Abdellah', 'Driss', 'Said', 'Hmad']
LN = ['Ait Lahcen', 'Oubella', 'Id Brahim', 'Amzil', 'Boutaleb', 'El Fassi', 'Ouhammou', 'Bouzid',
      'Ait Baha', 'Benali', 'Ouchen', 'Agouram', 'Elidrissi', 'Oumoussa', 'Bihi', 'Ait Ouaarab', 'Lamrani']


def names(rng, sex):
    return rng.choice(LN).upper() + ' ' + rng.choice(FN_F if sex == 'female' else FN_M)


def rec(rng, i):
    return '%d/%05d' % (rng.choice([2021, 2022]), rng.randint(100, 19999))


def phone(rng, i):
    return '06 %02d %02d %02d %02d' % tuple(rng.randint(10, 99) for _ in range(4))


ETIO = {'osteoporotic': ['Ostéoporose', 'ostéoporotique', 'FVO'], 'pathologic': ['Métastase', 'Myélome', 'Méta sein'],
        'traumatic': ['Traumatique', 'AVP'], 'other': ['Angiome']}
FILL = {'disc': 'FFFF0000', 'venous': 'FF4F81BD', 'paravertebral': 'FF00B050'}
YEL = PatternFill('solid', fgColor='FFFFFF00')


def main(out):
    pats = gen_cohort(3318, 26, lambda i: '', dt.date(2021, 3, 1), ['pre', '24h', '1m', '3m', '6m'],
                      ['pain_vas', 'odi'], names, rec, phone, kypho_p=0.25,
                      cements=(('PMMA', 'Osteopal V'), ('PMMA', 'Vertaplex'), ('PMMA', 'Osteopal V')),
                      tps2=('pre', '24h', '1m', '3m'), miss_p=0.12)
    pats.sort(key=lambda P: P['d0'])
    for k, P in enumerate(pats):
        P['pid'] = 'AGD-%02d' % (k + 1)
        P['w_birth'] = P['birth'].strftime('%d/%m/%Y')
        for S in P['sessions']:
            for L in S['levels']:
                L['leak'] = L['leak'][:1]
        for (s, tp), A in P['scores'].items():
            if A['vals'] and tp == '24h':
                A['vals'].pop('odi', None)
    plain = [P for P in pats if len(P['sessions']) == 1 and not P['fractures'] and not P['died']]
    e_before, e_odi, e_l6, e_noid = plain[3], plain[7], plain[10], plain[14]
    # L6: single level patient lower lumbar
    e_l6['sessions'][0]['levels'] = [dict(level='L6', vol=4.5, leak=[])]
    e_l6['sessions'][0]['total'] = 4.5
    A = e_odi['scores'].get((1, '3m'))
    e_odi['scores'][(1, '3m')] = dict(day=A['day'] if A else 92, vals={'pain_vas': 3, 'odi': 130}, missing=False)
    A = e_before['scores'].get((1, '1m'))
    e_before['scores'][(1, '1m')] = dict(day=-30, vals=(A['vals'] if A and A['vals'] else {'pain_vas': 4, 'odi': 40}),
                                         missing=False)
    errors = []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Suivi VP-CP'
    sheet = ws.title
    ws['A1'] = ('Centre Hospitalier Régional Hassan II – Agadir · Service de Neurochirurgie · '
                'المركز الاستشفائي الجهوي الحسن الثاني – أكادير · ⴰⵙⴳⵏⴼ ⴰⵏⵎⵏⴰⴹ')
    ws['A2'] = 'Registre vertébroplastie / cyphoplastie – suivi EVA (0-10) et ODI (%) · سجل رأب الفقرات'
    groups = [('A', 'H', 'Identité · الهوية · ⵜⴰⵎⴰⴳⵉⵜ'), ('I', 'L', 'Intervention · التدخل'),
              ('M', 'R', 'Niveaux traités · المستويات'), ('S', 'T', 'Pré-op · قبل'),
              ('U', 'U', 'J1'), ('V', 'X', 'M1 · ⴰⵢⵢⵓⵔ 1'), ('Y', 'AA', 'M3 · ⴰⵢⵢⵓⵔ 3'),
              ('AB', 'AD', 'M6 · ⴰⵢⵢⵓⵔ 6'), ('AE', 'AF', 'Évolution · التطور')]
    for a, b, t in groups:
        ws[a + '3'] = t
        if a != b:
            ws.merge_cells('%s3:%s3' % (a, b))
        ws[a + '3'].font = Font(bold=True)
        ws[a + '3'].alignment = Alignment(horizontal='center')
    ar = ['رقم الملف', 'الرمز', 'الاسم الكامل · ⵉⵙⵎ', 'الجنس', 'تاريخ الازدياد', 'السن · ⴰⵙⴳⴳⵯⴰⵙ', 'الهاتف',
          'السبب', 'الجلسة', 'تاريخ التدخل · ⴰⵙⴰⴽⵓⴷ', 'التقنية', 'الإسمنت', 'المستوى 1', 'الحجم 1', 'المستوى 2',
          'الحجم 2', 'المستوى 3', 'الحجم 3', 'الألم', 'ODI', 'الألم', 'التاريخ', 'الألم', 'ODI', 'التاريخ', 'الألم',
          'ODI', 'التاريخ', 'الألم', 'ODI', 'كسر جديد', 'ملاحظات']
    fr = ['N° dossier', 'Code', 'Nom et prénom', 'Sexe', 'Date naiss.', 'Âge', 'Tél.', 'Étiologie', 'Séance',
          'Date interv.', 'Tech.', 'Ciment', 'Niv. 1', 'Vol. 1 (mL)', 'Niv. 2', 'Vol. 2 (mL)', 'Niv. 3',
          'Vol. 3 (mL)', 'EVA', 'ODI', 'EVA', 'Date', 'EVA', 'ODI', 'Date', 'EVA', 'ODI', 'Date', 'EVA', 'ODI',
          'Nouvelle fracture', 'Observations']
    for c, (a, f) in enumerate(zip(ar, fr), 1):
        ws.cell(4, c, a)
        ws.cell(5, c, f).font = Font(bold=True)
    r = 6
    vis = {'1m': (22, 23, 24), '3m': (25, 26, 27), '6m': (28, 29, 30)}
    rng = random.Random(5)
    for P in pats:
        for S in P['sessions']:
            row = {}
            s1 = S['s'] == 1
            if s1:
                row.update({1: P['rec'], 3: P['name'], 4: 'F' if P['sex'] == 'female' else 'M', 5: P['birth'],
                            6: P['age'], 7: P['phone'], 8: rng.choice(ETIO[P['etio']])})
            row[2] = P['pid'] if P is not e_noid else None
            row[9] = S['s']
            row[10] = S['date']
            row[11] = 'VP' if S['tech'] == 'vertebroplasty' else 'CP'
            row[12] = S['cement_w']
            for k, L in enumerate(S['levels']):
                row[13 + 2 * k] = L['level']
                row[14 + 2 * k] = L['vol']
            pre = P['scores'].get((S['s'], 'pre'))
            row[19] = pre['vals']['pain_vas']
            row[20] = pre['vals']['odi']
            j1 = P['scores'].get((S['s'], '24h'))
            if j1:
                row[21] = j1['vals']['pain_vas']
            struck = []
            for tp, (cd, cv, co) in vis.items():
                A = P['scores'].get((S['s'], tp))
                if A is None:
                    continue
                vd = S['date'] + dt.timedelta(days=A['day'] - S['day'])
                if A['missing']:
                    row[cd] = S['date'] + dt.timedelta(days=OFFS[tp])   # planned date, struck through
                    struck.append(cd)
                    continue
                row[cd] = vd
                row[cv] = A['vals']['pain_vas']
                if 'odi' in A['vals']:
                    row[co] = A['vals']['odi']
                if P is e_before and tp == '1m':
                    errors.append([sheet, '%s%d' % (colname(cd), r), r, 'Date', vd.strftime('%d/%m/%Y'),
                                   'M1 follow-up dated before the procedure', P['pid']])
                if P is e_odi and tp == '3m':
                    errors.append([sheet, '%s%d' % (colname(co), r), r, 'ODI', '130', 'ODI 130 % (scale 0-100)',
                                   P['pid']])
            if s1 and P['fractures']:
                f = P['fractures'][0]
                row[31] = '%s %s' % (D(P, f[0]).strftime('%d/%m/%Y'), f[1])
            obs = []
            if not s1:
                obs.append('Reprise : nouvelle fracture')
            if s1 and P['died'] and P['i'] % 2 == 0:
                obs.append('DCD le %s' % D(P, P['death_day']).strftime('%d/%m/%Y'))
            if obs:
                row[32] = ' ; '.join(obs)
            for c, v in row.items():
                cell = ws.cell(r, c, v)
                if isinstance(v, dt.date):
                    cell.number_format = 'dd/mm/yyyy'
                if c in (14, 16, 18):
                    cell.number_format = '0.0'
            for k, L in enumerate(S['levels']):
                if L['leak']:
                    ws.cell(r, 13 + 2 * k).fill = PatternFill('solid', fgColor=FILL[L['leak'][0]])
            for cd in struck:
                ws.cell(r, cd).font = Font(strike=True)
            if P['died']:
                for c in range(1, 33):
                    cell = ws.cell(r, c)
                    if c in (13, 15, 17) and cell.fill.fgColor.rgb not in (None, '00000000'):
                        continue
                    cell.fill = YEL
            if P is e_l6:
                errors.append([sheet, 'M%d' % r, r, 'Niv. 1', 'L6', 'impossible vertebral level L6', P['pid']])
            if P is e_noid:
                errors.append([sheet, 'B%d' % r, r, 'Code', '', 'row with data but no study code', ''])
                P['pid'] = None
            r += 1
    # legend
    r += 1
    ws.cell(r, 1, 'Légende · مفتاح · ⴰⵙⵏⵎⴰⵍ').font = Font(bold=True)
    leg = [('FFFF0000', None, 'Niveau en rouge = fuite de ciment discale · تسرب قرصي'),
           ('FF4F81BD', None, 'Niveau en bleu = fuite veineuse · تسرب وريدي'),
           ('FF00B050', None, 'Niveau en vert = fuite paravertébrale (parties molles)'),
           ('FFFFFF00', None, 'Ligne jaune = patient décédé · متوفى'),
           (None, 'strike', 'Date barrée = consultation non faite (date prévue) · لم يحضر')]
    for k, (col, st, txt) in enumerate(leg, 1):
        c = ws.cell(r + k, 1, '12/03/2022' if st else '')
        if col:
            c.fill = PatternFill('solid', fgColor=col)
        if st:
            c.font = Font(strike=True)
        ws.cell(r + k, 2, txt)
    for c in range(1, 33):
        ws.column_dimensions[colname(c)].width = 11
    ws.column_dimensions['C'].width = 26
    ws.column_dimensions['AE'].width = 18
    ws.column_dimensions['AF'].width = 30
    ws.freeze_panes = 'D6'
    wb.save(os.path.join(out, 'input.xlsx'))
    pats_t = [P for P in pats if P['pid']]
    write_truth(out, pats_t, 'vertebra', errors,
                ident_extra=[[k, v] for P in pats if P['pid'] is None
                             for k, v in (('name', P['name']), ('record_number', P['rec']),
                                          ('birth_date', P['w_birth']), ('phone', P['phone']))])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
