# ---------------------------------------------------------------------------
# Cohort generator (shared by this unit's script; deterministic with seed)
# ---------------------------------------------------------------------------
import csv, os, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
SPINE_W = [1, 1, 2, 2, 3, 3, 4, 8, 12, 12, 7, 4, 3, 1]


def _pick(rng, pairs):
    r = rng.random() * sum(w for _, w in pairs)
    for v, w in pairs:
        r -= w
        if r <= 0:
            return v
    return pairs[-1][0]


def _levels(rng, nlev):
    while True:
        top = _pick(rng, list(zip(SPINE, SPINE_W)))
        i = SPINE.index(top)
        if i + nlev <= len(SPINE):
            return SPINE[i:i + nlev]


def _adjacent(rng, levels, avoid):
    i0, i1 = SPINE.index(levels[0]), SPINE.index(levels[-1])
    cands = [SPINE[j] for j in (i0 - 1, i1 + 1, i0 - 2, i1 + 2) if 0 <= j < len(SPINE) and SPINE[j] not in avoid]
    return cands[0] if rng.random() < 0.6 else rng.choice(cands)


def _session(rng, cfg, day, levels, etiology, one_leak_type=False):
    tech = _pick(rng, cfg['tech_w'])
    vols, leaks = [], []
    for lv in levels:
        lo, hi = (3.0, 6.5) if tech == 'kyphoplasty' else (2.0, 5.0)
        if lv in ('T4', 'T5', 'T6', 'T7'):
            hi -= 1.0
        vols.append(rng.randint(int(lo * 2), int(hi * 2)) / 2.0)
        lk = _pick(rng, [('none', 74), ('disc', 10), ('venous', 8), ('paravertebral', 5), ('epidural', 2), ('disc;venous', 1)])
        leaks.append(lk)
    if one_leak_type:
        kinds = [l for l in leaks if l != 'none']
        if kinds:
            leaks = [kinds[0] if l != 'none' else 'none' for l in leaks]
    cement = _pick(rng, cfg['cement_w'])
    return dict(day=day, levels=levels, technique=tech, vols=vols, leaks=leaks, cement=cement, visits={})


def _scores(rng, cfg, etiology):
    pre = rng.randint(7, 9) if etiology != 'pathologic' else rng.randint(7, 10)
    v = {'pre': pre}
    v['24h'] = max(2, pre - rng.randint(2, 4))
    v['1w'] = max(2, v['24h'] - rng.randint(0, 1))
    v['2w'] = max(2, v['1w'] - rng.randint(0, 1))
    v['6w'] = rng.randint(2, 4)
    v['1m'] = rng.randint(2, 5)
    v['3m'] = rng.randint(2, 4)
    v['6m'] = rng.randint(1, 4)
    v['12m'] = rng.randint(1, 4)
    o_pre = rng.randint(46, 82)
    o = {'pre': o_pre}
    o['24h'] = o_pre - rng.randint(4, 12)
    for tp, (a, b) in {'1w': (10, 20), '2w': (12, 24), '6w': (18, 32), '1m': (16, 30), '3m': (22, 38), '6m': (24, 42), '12m': (24, 46)}.items():
        o[tp] = max(4, o_pre - rng.randint(a, b))
    return v, o


def gen_cohort(cfg):
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    start, end, study_end = cfg['op_start'], cfg['op_end'], cfg['study_end']
    span = (end - start).days
    order = list(range(n))
    rng.shuffle(order)
    second = set(order[:cfg['n_second']])
    fx_only = set(order[cfg['n_second']:cfg['n_second'] + cfg['n_fx_only']])
    rng.shuffle(order)
    died = set(order[:cfg['n_died']])
    pats = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.7 else 'male'
        et = _pick(rng, [('osteoporotic', 64), ('pathologic', 22), ('traumatic', 10), ('other', 4)])
        sub = ''
        if et == 'pathologic':
            sub = _pick(rng, [('metastasis', 60), ('myeloma', 40)])
        if et == 'other':
            sub = 'haemangioma'
        age = {'osteoporotic': (63, 91), 'pathologic': (50, 80), 'traumatic': (45, 78), 'other': (42, 70)}[et]
        age = rng.randint(*age)
        d1 = start + dt.timedelta(days=rng.randint(0, span))
        nlev = _pick(rng, [(1, 55), (2, 30), (3, 15)] if et != 'pathologic' else [(1, 35), (2, 40), (3, 25)])
        lv1 = _levels(rng, nlev)
        p = dict(idx=i, sex=sex, etiology=et, sub=sub, age=age, date1=d1, sessions=[], fractures=[], died=False, death_day=None)
        p['sessions'].append(_session(rng, cfg, 0, lv1, et, cfg.get('one_leak_type', False)))
        maxday = (study_end - d1).days
        if i in second:
            fx_day = rng.randint(40, min(240, max(41, maxday - 120)))
            lvl = _adjacent(rng, lv1, lv1)
            p['fractures'].append((fx_day, lvl))
            s2 = _session(rng, cfg, fx_day + rng.randint(4, 21), [lvl], et, cfg.get('one_leak_type', False))
            p['sessions'].append(s2)
        elif i in fx_only:
            fx_day = rng.randint(60, min(330, max(61, maxday - 10)))
            p['fractures'].append((fx_day, _adjacent(rng, lv1, lv1)))
        if i in died:
            lo = max(60, (p['sessions'][-1]['day'] + 45), (p['fractures'][-1][0] + 20) if p['fractures'] else 0)
            hi = min(560, maxday - 5)
            if hi > lo:
                p['died'] = True
                p['death_day'] = rng.randint(lo, hi)
        # visits
        for sn, s in enumerate(p['sessions']):
            vas, odi = _scores(rng, cfg, et)
            for tp in cfg['tps']:
                vday = s['day'] + TP_DAYS[tp]
                jitter = 0 if tp in ('pre', '24h') else rng.randint(-3, 6) if TP_DAYS[tp] >= 30 else rng.randint(0, 2)
                vday += jitter
                if tp == 'pre':
                    vday = s['day'] - rng.randint(0, 1)
                if p['died'] and vday >= p['death_day']:
                    s['visits'][tp] = dict(status='dead', day=vday)
                    continue
                if d1 + dt.timedelta(days=vday) > study_end:
                    s['visits'][tp] = dict(status='future', day=vday)
                    continue
                if tp not in ('pre', '24h') and rng.random() < cfg.get('p_missed', 0.13):
                    s['visits'][tp] = dict(status='missed', day=vday)
                    continue
                s['visits'][tp] = dict(status='ok', day=vday, vas=vas[tp], odi=odi[tp] if tp in cfg.get('odi_tps', ()) else None)
        pats.append(p)
    # order patients by first operation date, give study numbers
    pats.sort(key=lambda p: p['date1'])
    return rng, pats


def day_date(p, day):
    return p['date1'] + dt.timedelta(days=day)


def fmt_num(x, comma=False):
    s = ('%g' % x)
    return s.replace('.', ',') if comma else s


def write_csv(name, header, rows):
    os.makedirs(os.path.join(HERE, 'truth'), exist_ok=True)
    with open(os.path.join(HERE, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def write_truth(pats, vas_scale=10, errors=(), identifiers=(), vol_mode='per_level', cement_recorded=True, leak_recorded=True, measures=('pain_vas',)):
    """vol_mode: per_level or session."""
    P, R, A, F = [], [], [], []
    for p in pats:
        P.append([p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for sn, s in enumerate(p['sessions'], 1):
            tot = round(sum(s['vols']), 2)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                R.append([p['pid'], sn, s['day'], lv, s['technique'],
                          ('%g' % v) if vol_mode == 'per_level' else '',
                          ('%g' % tot) if vol_mode == 'session' else '',
                          s['cement'] if cement_recorded else '',
                          lk if leak_recorded else ''])
            for tp, vis in s['visits'].items():
                if vis['status'] != 'ok':
                    continue
                if 'pain_vas' in measures and vis.get('vas') is not None:
                    A.append([p['pid'], sn, 'pain_vas', tp, '%g' % vis['vas']])
                if 'odi' in measures and vis.get('odi') is not None:
                    A.append([p['pid'], sn, 'odi', tp, '%g' % vis['odi']])
        for d, lv in p['fractures']:
            F.append([p['pid'], d, lv])
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], R)
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'], F)
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v)); ids.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], ids)


# ---------------------------------------------------------------------------
# Sfax — French/Arabic register saved by Excel for Mac (1904 date system)
# ---------------------------------------------------------------------------
import xlsxwriter

CFG = dict(seed=3230301, n=16, op_start=dt.date(2019, 3, 4), op_end=dt.date(2022, 5, 30),
           study_end=dt.date(2023, 3, 31), tps=['pre', '24h', '1m', '3m', '6m', '12m'],
           n_second=2, n_fx_only=2, n_died=3, p_missed=0.15,
           tech_w=[('vertebroplasty', 80), ('kyphoplasty', 20)], cement_w=[('PMMA', 1)])
rng, pats = gen_cohort(CFG)

FN = {'female': [('Fatma', 'فاطمة'), ('Mabrouka', 'مبروكة'), ('Zohra', 'زهرة'), ('Najet', 'نجاة'), ('Habiba', 'حبيبة'),
                 ('Saida', 'سعيدة'), ('Mongia', 'منجية'), ('Khedija', 'خديجة'), ('Naziha', 'نزيهة'), ('Latifa', 'لطيفة')],
      'male': [('Mohamed', 'محمد'), ('Ali', 'علي'), ('Habib', 'حبيب'), ('Moncef', 'منصف'), ('Hedi', 'الهادي'),
               ('Taoufik', 'توفيق'), ('Abdelaziz', 'عبد العزيز'), ('Slaheddine', 'صلاح الدين')]}
SN = [('BEN SALAH', 'بن صالح'), ('TRABELSI', 'الطرابلسي'), ('KAMMOUN', 'كمون'), ('JALLOULI', 'الجلولي'),
      ('FRIKHA', 'فريخة'), ('ELLOUZE', 'اللوز'), ('MASMOUDI', 'المصمودي'), ('CHAABANE', 'شعبان'),
      ('ABDELMOULA', 'عبد المولى'), ('FEKI', 'الفقي'), ('BOUAZIZ', 'بوعزيز'), ('KARRAY', 'كراي'),
      ('DAMMAK', 'الدماق'), ('SELLAMI', 'السلامي'), ('HADJ KACEM', 'الحاج قاسم'), ('MNIF', 'منيف')]
sn = SN[:]
rng.shuffle(sn)
for k, p in enumerate(pats, 1):
    p['pid'] = 'SF%02d' % k
    f = rng.choice(FN[p['sex']])
    p['name_fr'] = '%s %s' % (sn[k - 1][0], f[0])
    p['name_ar'] = '%s %s' % (f[1], sn[k - 1][1])
    p['dossier'] = '%d/%05d' % (p['date1'].year, rng.randint(100, 29999))
    p['cin'] = '%08d' % rng.randint(1000000, 14999999)
    p['tel'] = rng.choice(['+216 %02d %03d %03d', '%02d %03d %03d']) % (rng.choice([20, 22, 24, 25, 27, 29, 50, 52, 55, 58, 97, 98, 74]), rng.randint(0, 999), rng.randint(0, 999))

DIAG = {'osteoporotic': ['Tassement ostéoporotique', 'Fracture-tassement sur ostéoporose', 'Tassement ostéoporotique (chute)'],
        'metastasis': ['Métastase (K sein)', 'Métastase osseuse (K prostate)', 'Lésion secondaire (K poumon)'],
        'myeloma': ['Myélome multiple', 'Maladie de Kahler'],
        'traumatic': ['Fracture traumatique (AVP)', 'Fracture traumatique (chute d\'un palmier)'],
        'haemangioma': ['Hémangiome vertébral agressif']}
for p in pats:
    p['diag'] = rng.choice(DIAG[p['sub'] if p['etiology'] in ('pathologic', 'other') else p['etiology']])
LEAK_FR = {'none': 'non', 'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale', 'epidural': 'épidurale'}


def lv(l):
    return l.replace('T', 'D')


def num(x):
    return ('%g' % x).replace('.', ',')


rows = []
for p in pats:
    for sn_, s in enumerate(p['sessions'], 1):
        rows.append((p, sn_, s))
# keep the register order: by first operation, repeat session right under the patient
single = [p for p in pats if len(p['sessions']) == 1]
multi = [p for p in single if len(p['sessions'][0]['levels']) >= 2]
err_vol = multi[0]
err_count = multi[1]
err_eva = next(p for p in single if p not in (err_vol, err_count) and p['sessions'][0]['visits']['24h']['status'] == 'ok')
err_fu = next(p for p in single if p not in (err_vol, err_count, err_eva) and p['sessions'][0]['visits']['3m']['status'] == 'ok')

wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'), {'date_1904': True})
wb.set_properties({'title': 'Registre vertébroplastie', 'author': 'Dr Ellouze', 'company': 'Service de Radiologie interventionnelle'})
ws = wb.add_worksheet('VP 2019-2022')
ws.right_to_left() if False else None
F = {
    'title': wb.add_format({'bold': True, 'font_size': 14, 'font_name': 'Calibri'}),
    'sub': wb.add_format({'italic': True, 'font_name': 'Calibri'}),
    'hdr': wb.add_format({'bold': True, 'text_wrap': True, 'align': 'center', 'valign': 'vcenter', 'border': 1, 'bg_color': '#E2EFDA'}),
    'cell': wb.add_format({'text_wrap': True, 'valign': 'top', 'border': 1}),
    'date': wb.add_format({'num_format': 'dd/mm/yyyy', 'valign': 'top', 'border': 1}),
    'num': wb.add_format({'valign': 'top', 'border': 1, 'num_format': '0.0'}),
    'int': wb.add_format({'valign': 'top', 'border': 1}),
    'ar': wb.add_format({'valign': 'top', 'border': 1, 'reading_order': 2, 'font_name': 'Arial'}),
}
ws.write('A1', 'Service de Radiologie Interventionnelle — Hôpital Ennakhil, Sfax', F['title'])
ws.write('A2', 'Registre des vertébroplasties (VP) et cyphoplasties (CP) — 2019-2022     سجل رأب الفقرات', F['sub'])
ws.write('A3', 'EVA /10.  Date des contrôles = date réelle de la consultation.  Mis à jour le 18/04/2023 (Dr Ellouze)', F['sub'])
HEAD = ['N°', 'Code', 'Nom et prénom', 'الاسم واللقب', 'N° dossier', 'CIN', 'Tél', 'Sexe', 'Âge', 'Diagnostic',
        'Date intervention', 'Geste', 'Niveau(x)', 'Volume ciment (ml)', 'Ciment', 'Fuite de ciment',
        'EVA pré-op', 'EVA J1', 'Date M1', 'EVA M1', 'Date M3', 'EVA M3', 'Date M6', 'EVA M6', 'Date M12', 'EVA M12',
        'Nouveau tassement', 'Date nv tassement', 'Décédé(e) le', 'Observations']
C = {h: i for i, h in enumerate(HEAD)}
HR = 4  # 0-based header row (row 5 in Excel)
ws.set_row(HR, 32)
for h, i in C.items():
    ws.write(HR, i, h, F['hdr'])
widths = [5, 6, 22, 18, 12, 10, 14, 5, 5, 28, 12, 6, 9, 10, 7, 12, 6, 6, 11, 7, 11, 7, 11, 7, 11, 7, 10, 11, 11, 34]
for i, w in enumerate(widths):
    ws.set_column(i, i, w)
errors, idents = [], [('staff_name', 'Dr Ellouze')]


def xl(r, c):
    return xlsxwriter.utility.xl_rowcol_to_cell(r, c)


r = HR + 1
n = 0
for p in pats:
    n += 1
    for sn_, s in enumerate(p['sessions'], 1):
        d = day_date(p, s['day'])
        nlines = len(s['levels'])
        if nlines > 1:
            ws.set_row(r, 15 * nlines + 2)
        def put(h, v, f='cell'):
            if v is None:
                ws.write_blank(r, C[h], None, F[f])
            elif isinstance(v, (dt.date, dt.datetime)):
                ws.write_datetime(r, C[h], dt.datetime(v.year, v.month, v.day), F['date'])
            else:
                ws.write(r, C[h], v, F[f])
        def plant(h, v, why, shown=None):
            put(h, v)
            errors.append([ws.get_name(), xl(r, C[h]), r + 1, h, shown if shown is not None else v, why, p['pid']])
        put('N°', n if sn_ == 1 else '%d bis' % n, 'int')
        put('Code', p['pid'])
        put('Nom et prénom', p['name_fr'])
        put('الاسم واللقب', p['name_ar'], 'ar')
        put('N° dossier', p['dossier'])
        put('CIN', p['cin'])
        put('Tél', p['tel'])
        put('Sexe', 'F' if p['sex'] == 'female' else 'H')
        put('Âge', p['age'] if sn_ == 1 else p['age'] + (1 if s['day'] > 200 and rng.random() < 0.5 else 0), 'int')
        put('Diagnostic', p['diag'] if sn_ == 1 else 'Nouveau tassement ' + lv(s['levels'][0]) + ' (2ème séance)')
        put('Date intervention', d)
        put('Geste', 'VP' if s['technique'] == 'vertebroplasty' else 'CP')
        put('Niveau(x)', '\n'.join(lv(x) for x in s['levels']))
        if nlines == 1:
            put('Volume ciment (ml)', s['vols'][0] if rng.random() < 0.6 else num(s['vols'][0]), 'num')
        else:
            put('Volume ciment (ml)', '\n'.join(num(v) for v in s['vols']))
        if rng.random() < 0.75:
            put('Ciment', 'PMMA')
        else:
            put('Ciment', None)
            s['cement'] = ''  # not noted on this line -> not recorded
        leaks = s['leaks']
        if all(l == 'none' for l in leaks):
            put('Fuite de ciment', rng.choice(['non', 'Non', '0']))
        else:
            put('Fuite de ciment', '\n'.join('+'.join(LEAK_FR[x] for x in l.split(';')) for l in leaks))
        for tp, (dh, eh) in {'pre': (None, 'EVA pré-op'), '24h': (None, 'EVA J1'), '1m': ('Date M1', 'EVA M1'),
                             '3m': ('Date M3', 'EVA M3'), '6m': ('Date M6', 'EVA M6'), '12m': ('Date M12', 'EVA M12')}.items():
            vis = s['visits'][tp]
            if vis['status'] == 'ok':
                if dh:
                    put(dh, day_date(p, vis['day']))
                put(eh, vis['vas'] if rng.random() < 0.85 else '%d/10' % vis['vas'], 'int')
            elif vis['status'] == 'missed':
                put(eh, rng.choice(['PDV', 'absent', 'لم يحضر']), 'ar' if False else 'cell')
            elif vis['status'] == 'dead':
                put(eh, 'DCD')
        nxt = p['sessions'][sn_]['day'] if sn_ < len(p['sessions']) else 10 ** 6
        fx = [(fd, fl) for fd, fl in p['fractures'] if s['day'] < fd < nxt]
        if fx:
            put('Nouveau tassement', 'oui ' + lv(fx[0][1]))
            put('Date nv tassement', day_date(p, fx[0][0]))
        else:
            put('Nouveau tassement', 'non')
        obs = []
        if sn_ == 2:
            obs.append('2ème séance (reprise) — voir ligne %d' % n)
        elif len(p['sessions']) == 2:
            obs.append('repris le %s pour tassement %s (ligne %d bis)' % (day_date(p, p['sessions'][1]['day']).strftime('%d/%m/%Y'), lv(p['sessions'][1]['levels'][0]), n))
        if p['etiology'] == 'pathologic' and sn_ == 1:
            obs.append(rng.choice(['adressée par l\'oncologie', 'chimio en cours', 'RTH post-VP']))
        if p['died'] and sn_ == len(p['sessions']):
            put('Décédé(e) le', day_date(p, p['death_day']))
            obs.append('توفي' if p['sex'] == 'male' else 'توفيت')
        else:
            put('Décédé(e) le', None)
        put('Observations', ' ; '.join(obs) if obs else None)
        # planted mistakes
        if p is err_vol:
            vv = [num(v) for v in s['vols']]
            vv[-1] = '%d' % round(s['vols'][-1] * 10)
            plant('Volume ciment (ml)', '\n'.join(vv), '%s ml for %s is impossible: comma lost, should be %s' % (vv[-1], lv(s['levels'][-1]), num(s['vols'][-1])))
        if p is err_count:
            vv = [num(v) for v in s['vols']] + ['4']
            plant('Volume ciment (ml)', '\n'.join(vv), '%d volumes for %d levels (%s): extra line "4" cannot be matched to a vertebra; operative report gives %s' % (len(vv), len(s['levels']), '+'.join(lv(x) for x in s['levels']), ' / '.join(num(v) for v in s['vols'])))
        if p is err_eva:
            v = s['visits']['24h']['vas']
            plant('EVA J1', v + 10, 'EVA is on /10; %d is out of scale (should be %d)' % (v + 10, v))
        if p is err_fu:
            vd = day_date(p, s['visits']['3m']['day'])
            bad = dt.date(vd.year - 1, vd.month, vd.day)
            plant('Date M3', bad, 'M3 control dated before the operation (%s); year typo, should be %s' % (d.strftime('%d/%m/%Y'), vd.strftime('%d/%m/%Y')), shown=bad.strftime('%d/%m/%Y'))
        r += 1
ws.write(r + 1, 0, 'PDV = perdu de vue ; absent / لم يحضر = ne s\'est pas présenté au contrôle ; DCD = décédé(e). Case vide = contrôle pas encore dû.', F['sub'])
ws.write(r + 2, 0, 'Plusieurs niveaux : un niveau par ligne dans la case (Alt+Entrée), volumes et fuites dans le même ordre. D = dorsal.', F['sub'])
ws.write(r + 3, 0, 'Ligne « bis » = 2ème séance du même malade ; ses EVA sont comptées à partir de la 2ème intervention.', F['sub'])
ws.freeze_panes(HR + 1, 3)
wb.close()

for p in pats:
    idents += [('name', p['name_fr']), ('name', p['name_ar']), ('medical_record_number', p['dossier']),
               ('national_id', p['cin']), ('phone', p['tel'])]
write_truth(pats, errors=errors, identifiers=idents, vol_mode='per_level', measures=('pain_vas',))
print('sfax: %d patients, %d errors' % (len(pats), len(errors)))
