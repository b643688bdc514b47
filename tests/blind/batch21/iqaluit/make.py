# ---- common cohort generator (shared by the batch-21 site scripts) ----
import os, sys, csv, random, datetime as dt

ALL_LEVELS = ['T4','T5','T6','T7','T8','T9','T10','T11','T12','L1','L2','L3','L4','L5']
TP_DAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90, '6m': 182, '12m': 365, '24m': 730}


def pick_levels(rng, k):
    # thoracolumbar junction most common
    centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'T8', 'L3', 'T10', 'L4'])
    i = ALL_LEVELS.index(centre)
    i = min(max(i, 0), len(ALL_LEVELS) - k)
    return ALL_LEVELS[i:i + k]


def gen_cohort(seed, ids, tps, measures, start, span_days, techniques=('vertebroplasty', 'kyphoplasty'),
               tech_w=(0.6, 0.4), cements=(('PMMA', 0.9), ('calcium phosphate', 0.1)), n_s2=3, n_extra_fx=2,
               n_dead=3, miss_rate=0.1, leak_rate=0.25):
    rng = random.Random(seed)
    n = len(ids)
    pats = []
    order = list(range(n))
    rng.shuffle(order)
    s2_idx = set(order[:n_s2])
    dead_idx = set(order[n_s2:n_s2 + n_dead])
    fx_idx = set(order[n_s2 + n_dead:n_s2 + n_dead + n_extra_fx])
    post_tps = [t for t in tps if t != 'pre']
    for i, pid in enumerate(ids):
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [0.62, 0.22, 0.12, 0.04])[0]
        sex = rng.choices(['female', 'male'], [0.68, 0.32])[0] if et == 'osteoporotic' else rng.choice(['female', 'male'])
        age = rng.randint(61, 88) if et == 'osteoporotic' else rng.randint(38, 79)
        d0 = start + dt.timedelta(days=rng.randint(0, span_days))
        p = dict(idx=i, id=pid, sex=sex, age=age, etiology=et, died=False, d0=d0, sessions=[], scores={},
                 visit_day={}, fractures=[], death_day=None, missing=set())
        k = rng.choices([1, 2, 3], [0.68, 0.22, 0.10])[0]
        tech = rng.choices(techniques, tech_w)[0]
        cem = rng.choices([c for c, _ in cements], [w for _, w in cements])[0]

        def mk_session(sess, day, levels, tech, cem):
            vols, leaks = [], []
            for lv in levels:
                base = 2.0 if lv.startswith('T') and int(lv[1:]) < 10 else 3.0
                v = round((base + rng.random() * 3.0) * 2) / 2  # 0.5 mL steps
                vols.append(v)
                if rng.random() < leak_rate:
                    leaks.append(rng.choices(['disc', 'venous', 'paravertebral', 'epidural', 'disc;venous'], [4, 4, 2, 1, 1])[0])
                else:
                    leaks.append('none')
            return dict(session=sess, day=day, date=d0 + dt.timedelta(days=day), levels=levels, tech=tech,
                        cement=cem, vols=vols, leaks=leaks)

        p['sessions'].append(mk_session(1, 0, pick_levels(rng, k), tech, cem))
        # follow-up design
        last_day_allowed = None
        if i in s2_idx:
            # second session between the 2nd and 3rd post visit
            cut = max(2, len(post_tps) - 2)
            t_a, t_b = TP_DAYS[post_tps[cut - 1]], TP_DAYS[post_tps[cut]]
            s2day = rng.randint(t_a + 12, t_b - 5)
            used = set(p['sessions'][0]['levels'])
            cand = [l for l in ALL_LEVELS if l not in used and abs(ALL_LEVELS.index(l) - ALL_LEVELS.index(p['sessions'][0]['levels'][0])) <= 3]
            nl = rng.choice(cand)
            fxday = s2day - rng.randint(4, 10)
            p['fractures'].append((fxday, nl))
            p['sessions'].append(mk_session(2, s2day, [nl], tech, cem))
            p['s1_tps'] = ['pre'] + post_tps[:cut]
            p['s2_tps'] = ['pre'] + [t for t in post_tps if TP_DAYS[t] >= 7][: max(2, len(post_tps) - cut)]
        else:
            p['s1_tps'] = list(tps)
            p['s2_tps'] = []
        if i in dead_idx:
            p['died'] = True
            nkeep = rng.randint(2, len(p['s1_tps']) - 1)
            keep = p['s1_tps'][:nkeep]
            p['dead_after'] = keep[-1]
            p['lost_tps'] = p['s1_tps'][nkeep:]
            p['s1_tps'] = keep
        # scores
        for sess, tl in ((1, p['s1_tps']), (2, p['s2_tps'])):
            if not tl:
                continue
            sday = p['sessions'][sess - 1]['day']
            vas = rng.randint(6, 10)
            odi = rng.randint(44, 86)
            mob = rng.randint(2, 4)
            for j, t in enumerate(tl):
                if t == 'pre':
                    vd = sday - rng.randint(0, 2) if sess == 1 else sday - rng.randint(0, 1)
                    if sess == 1:
                        vd = 0
                else:
                    jit = 0 if t == '24h' else rng.randint(-3, 5) if TP_DAYS[t] >= 30 else rng.randint(0, 2)
                    vd = sday + TP_DAYS[t] + jit
                if t != 'pre' and j > 0 and rng.random() < miss_rate and not (j == len(tl) - 1 and sess == 2):
                    p['missing'].add((sess, t))
                    p['visit_day'][(sess, t)] = vd
                    continue
                p['visit_day'][(sess, t)] = vd
                if t != 'pre':
                    vas = max(0, vas - rng.choice([1, 2, 2, 3, 3, 4]) if j <= 2 else vas - rng.choice([0, 0, 1, 1]))
                    if j > 2 and rng.random() < 0.15:
                        vas = min(10, vas + 1)
                    odi = max(4, odi - rng.randint(4, 18) if j <= 2 else odi - rng.randint(0, 6))
                    mob = max(0, mob - rng.choice([0, 1, 1, 2]) if j <= 2 else mob - rng.choice([0, 0, 1]))
                for m in measures:
                    val = {'pain_vas': vas, 'odi': odi, 'mobility': mob}[m]
                    p['scores'][(sess, m, t)] = val
        if i in fx_idx:
            # a new fracture found at a later follow-up visit, not treated
            later = [t for t in p['s1_tps'][2:] if (1, t) not in p['missing']]
            if later:
                t = later[0]
                used = set(p['sessions'][0]['levels'])
                cand = [l for l in ALL_LEVELS if l not in used and abs(ALL_LEVELS.index(l) - ALL_LEVELS.index(p['sessions'][0]['levels'][-1])) <= 2]
                p['fractures'].append((p['visit_day'][(1, t)], rng.choice(cand)))
                p['fx_tp'] = t
        if p['died']:
            lastvd = max(v for (s, t), v in p['visit_day'].items())
            p['death_day'] = lastvd + rng.randint(15, 60)
        pats.append(p)
    return pats


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def write_truth(outdir, pats, errors, idents, drop_scores=(), level_override=None, vol_mode='vertebra',
                extra_fx_ok=True, id_of=None):
    """drop_scores: set of (pid, session, measure, tp) to leave out (planted out-of-scale);
    level_override: {(pid, session, level): new_level_or_blank}"""
    level_override = level_override or {}
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    with open(os.path.join(td, 'patients.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['patient_id', 'sex', 'age_years', 'etiology', 'died'])
        for p in pats:
            w.writerow([p['id'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p.get('t_et', p['etiology']),
                        p.get('t_died', 'yes' if p['died'] else 'no')])
    with open(os.path.join(td, 'procedures.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                    'session_cement_volume_ml', 'cement_type', 'leakage'])
        for p in pats:
            for s in p['sessions']:
                tot = round(sum(s['vols']), 1)
                for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                    lvo = level_override.get((p['id'], s['session'], lv), lv)
                    mode = p.get('vol_mode', vol_mode)
                    cv = fmtnum(v) if mode == 'vertebra' else ''
                    sv = fmtnum(tot) if mode == 'session' else ''
                    if p.get('leak_unrecorded'):
                        lk = ''
                    w.writerow([p['id'], s['session'], s['day'], lvo, s['tech'], cv, sv, s['cement'], lk])
    with open(os.path.join(td, 'assessments.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['patient_id', 'session', 'measure', 'timepoint', 'value'])
        for p in pats:
            for (sess, m, t), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], TPORD.index(kv[0][2]))):
                if (p['id'], sess, m, t) in drop_scores:
                    continue
                w.writerow([p['id'], sess, m, t, fmtnum(v)])
    with open(os.path.join(td, 'fractures.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['patient_id', 'day', 'level'])
        for p in pats:
            for d, lv in sorted(p['fractures']):
                w.writerow([p['id'], d, lv])
    with open(os.path.join(td, 'errors.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'])
        for e in errors:
            w.writerow(e)
    with open(os.path.join(td, 'identifiers.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['kind', 'value'])
        seen = set()
        for k, v in idents:
            if (k, v) not in seen:
                seen.add((k, v))
                w.writerow([k, v])


TPORD = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']


def fmtnum(v):
    if isinstance(v, float):
        if abs(v - round(v)) < 1e-9:
            return str(int(round(v)))
        return ('%.2f' % v).rstrip('0').rstrip('.')
    return str(v)


def colletter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end common ----
# ---- site: iqaluit (one sheet per visit, trilingual 3-row headers, VAS in mm) ----
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill

F_GIV = ['Annie', 'Leah', 'Oopah', 'Elisapee', 'Meeka', 'Looee', 'Mary', 'Geela', 'Kootoo', 'Pauloosie'.replace('Pauloosie', 'Rosie')]
M_GIV = ['Jaypeetee', 'Simeonie', 'Joanasie', 'Levi', 'Pauloosie', 'Mosesie', 'Jamesie', 'Iola', 'Tommy', 'Enookie']
SUR = ['Kilabuk', 'Arnakak', 'Nowdlak', 'Akpalialuk', 'Ishulutak', 'Qaqqasiq', 'Pitseolak', 'Alivaktuk', 'Kunilusie', 'Ipeelie', 'Ootova']
COMM = ['Iqaluit', 'Pangnirtung', 'Igloolik', 'Pond Inlet', 'Kinngait', 'Clyde River', 'Arctic Bay', 'Qikiqtarjuaq', 'Kimmirut']
LEAK_EN = {'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paravertebral', 'epidural': 'epidural'}
VIS = [('24h', 'ᐅᓪᓗᖅ 1 Day 1', 'ᐅᓪᓗᖅ 1', 'Day 1 (24 h)', 'Jour 1 (24 h)'),
       ('6w', 'ᐱᓇᓱᐊᕐᕕᒃ 6 Weeks', 'ᐱᓇᓱᐊᕐᕕᐅᔪᑦ 6', '6 weeks', '6 semaines'),
       ('3m', 'ᑕᖅᑭᑦ 3 Months', 'ᑕᖅᑭᑦ 3', '3 months', '3 mois'),
       ('12m', 'ᐊᕐᕌᒍ 1 Year', 'ᐊᕐᕌᒍ 1', '12 months', '12 mois')]
TPS = ['pre', '24h', '6w', '3m', '12m']


def put_hdr(ws, row, cols):
    for j, (iu, en, fr) in enumerate(cols, 1):
        for k, t in enumerate((iu, en, fr)):
            c = ws.cell(row + k, j, t)
            c.font = Font(bold=True, italic=(k == 2))
            c.fill = PatternFill('solid', fgColor=['FCE4D6', 'DDEBF7', 'E2EFDA'][k])


def main(outdir):
    rng = random.Random(867)
    ids = ['QGH-%02d' % i for i in range(1, 22)]
    pats = gen_cohort(86721, ids, TPS, ['pain_vas', 'mobility'], dt.date(2020, 6, 1), 330, tech_w=(0.55, 0.45))
    idents = []
    for p in pats:
        # VAS recorded in mm (0-100)
        for k in list(p['scores']):
            if k[1] == 'pain_vas':
                mm = min(100, max(0, p['scores'][k] * 10 + rng.randint(-4, 4)))
                p['scores'][k] = mm / 10.0
        p['name'] = '%s %s' % (rng.choice(F_GIV if p['sex'] == 'female' else M_GIV), rng.choice(SUR))
        p['chart'] = 'QGH%06d' % rng.randint(10000, 999999)
        p['hcn'] = '1%08d' % rng.randint(0, 99999999)
        bday = p['d0'] - dt.timedelta(days=365 * p['age'] + rng.randint(10, 300) + p['age'] // 4)
        # make sure age at d0 is p['age']
        while (p['d0'].year - bday.year - ((p['d0'].month, p['d0'].day) < (bday.month, bday.day))) != p['age']:
            bday += dt.timedelta(days=1 if (p['d0'].year - bday.year - ((p['d0'].month, p['d0'].day) < (bday.month, bday.day))) > p['age'] else -1)
        p['dob'] = bday
        p['comm'] = rng.choice(COMM)
        p['phone'] = '867-%d-%04d' % (rng.choice([979, 473, 934, 899, 924, 897, 439, 927]), rng.randint(0, 9999))
        idents += [('name', p['name']), ('record_number', p['chart']), ('health_card_number', p['hcn']),
                   ('birth_date', p['dob'].isoformat()), ('phone', p['phone'])]
    plain = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
    e_vas, e_before, e_noid = plain[0], plain[3], plain[6]
    e_date = [p for p in plain[8:] if (1, '3m') not in p['missing'] and date_of(p, p['visit_day'][(1, '3m')]).month in (4, 6, 9, 11)]
    e_date = e_date[0] if e_date else [p for p in plain[8:] if (1, '3m') not in p['missing']][0]
    errors, drop = [], set()
    wb = Workbook()
    ws = wb.active
    ws.title = 'ᐱᓕᕆᐊᖅ Procedure'
    ws.cell(1, 1, 'Qikiqtani General Hospital — Vertebral augmentation log / ᐱᓕᕆᐊᖅ / Registre de vertébroplastie').font = Font(bold=True, size=12)
    cols = [('ᐊᑐᐊᒐᖅ ᓈᓴᐅᑖ', 'Study ID', "N° d'étude"), ('ᐊᑎᖓ', 'Name', 'Nom'), ('ᓇᓗᓇᐃᒃᑯᑕ', 'Chart #', 'N° de dossier'),
            ('ᐋᓐᓂᐊᖃᕐᓂᖅ ᑲᑎᒪᔨᖏᑦ', 'NU health card', 'Carte santé NU'), ('ᐃᓅᓯᖓ', 'DOB', 'Date de naissance'),
            ('ᓄᓇᓕᒃ', 'Community', 'Collectivité'), ('ᐅᖄᓚᐅᑦ', 'Phone', 'Téléphone'), ('ᐊᖑᑦ/ᐊᕐᓇᖅ', 'Sex', 'Sexe'), ('ᐅᑭᐅᖏᑦ', 'Age', 'Âge'),
            ('ᖃᓄᐃᓕᖓᓂᖓ', 'Cause', 'Cause'), ('ᐱᓕᕆᐊᖅ #', 'Session', 'Séance'), ('ᐅᓪᓗᖓ', 'Date', 'Date'),
            ('ᑯᓯᒃ', 'Level(s)', 'Niveau(x)'), ('ᐱᓕᕆᓂᖅ', 'Technique', 'Technique'), ('ᓯᒥᓐᑦ', 'Cement', 'Ciment'),
            ('ᓯᒥᓐᑦ mL', 'Cement mL per level', 'Ciment mL par niveau'), ('ᓯᕐᕈᕐᓂᖅ', 'Leakage', 'Fuite'),
            ('ᐋᓐᓂᐊᓂᖅ ᓯᕗᓂᐊᓂ', 'Pre VAS (mm)', 'EVA pré (mm)'), ('ᐱᓱᒃᑐᓐᓇᕐᓂᖅ ᓯᕗᓂᐊᓂ', 'Pre mobility (0-4)', 'Mobilité pré (0-4)')]
    put_hdr(ws, 2, cols)
    r = 5
    rows = sorted([(s['date'], p, s) for p in pats for s in p['sessions']], key=lambda x: (x[0], x[1]['idx']))
    for d, p, s in rows:
        sess = s['session']
        cause = {'osteoporotic': 'Osteoporosis', 'pathologic': rng.choice(['Myeloma', 'Metastatic lung ca', 'Metastatic breast ca']),
                 'traumatic': rng.choice(['Fall on ice', 'ATV accident', 'Fall from qamutik']), 'other': 'Steroid + TB spine? (other)'.replace('Steroid + TB spine? (other)', "Kümmell's disease")}[p['etiology']]
        if sess == 2:
            fd, fl = p['fractures'][0]
            cause = 'New %s fracture on CT %s / ᓯᖁᒃᑐᖅ ᓄᑖᖅ' % (fl, date_of(p, fd).isoformat())
        vol = '; '.join('%s %.1f' % (l, v) for l, v in zip(s['levels'], s['vols'])) if len(s['levels']) > 1 else s['vols'][0]
        lk = [(l, x) for l, x in zip(s['levels'], s['leaks']) if x != 'none']
        lkt = 'None / ᐃᑳᖅ' if not lk else '; '.join(('%s ' % l if len(s['levels']) > 1 else '') + '+'.join(x.split(';')) for l, x in lk)
        pre_v = p['scores'].get((sess, 'pain_vas', 'pre'))
        pre_m = p['scores'].get((sess, 'mobility', 'pre'))
        vals = [p['id'], p['name'], p['chart'], p['hcn'], p['dob'].isoformat(), p['comm'], p['phone'],
                'F' if p['sex'] == 'female' else 'M', p['age'], cause, sess, d.isoformat(), ', '.join(s['levels']),
                'VP' if s['tech'] == 'vertebroplasty' else 'KP (balloon)',
                {'PMMA': rng.choice(['PMMA', 'Kyphon HV-R', 'Confidence']), 'calcium phosphate': 'Ca phosphate'}[s['cement']],
                vol, lkt, int(round(pre_v * 10)), pre_m]
        for j, v in enumerate(vals, 1):
            ws.cell(r, j, v)
        r += 1
    for j in range(1, 20):
        ws.column_dimensions[colletter(j)].width = 15
    fcols = [('ᐊᑐᐊᒐᖅ ᓈᓴᐅᑖ', 'Study ID', "N° d'étude"), ('ᓇᓗᓇᐃᒃᑯᑕ', 'Chart #', 'N° de dossier'), ('ᐱᓕᕆᐊᖅ #', 'After session', 'Après séance'),
             ('ᐅᓪᓗᖓ', 'Visit date', 'Date de visite'), ('ᐋᓐᓂᐊᓂᖅ (mm)', 'VAS (mm)', 'EVA (mm)'),
             ('ᐱᓱᒃᑐᓐᓇᕐᓂᖅ', 'Mobility (0-4)', 'Mobilité (0-4)'), ('ᓯᖁᒃᑐᖅ ᓄᑖᖅ', 'New fracture', 'Nouvelle fracture'),
             ('ᐅᖃᐅᓯᐅᔪᑦ', 'Comments', 'Commentaires')]
    for tp, sheet, iu, en, fr in VIS:
        ws = wb.create_sheet(sheet)
        ws.cell(1, 1, 'Follow-up %s / %s / %s' % (iu, en, fr)).font = Font(bold=True, size=12)
        put_hdr(ws, 2, fcols)
        r = 5
        for p in pats:
            for s in p['sessions']:
                sess = s['session']
                tl = p['s1_tps'] if sess == 1 else p['s2_tps']
                if tp not in tl:
                    if sess == 1 and p['died'] and tp in p.get('lost_tps', []):
                        vals = [p['id'], p['chart'], 1, None, None, None, None,
                                'Deceased %s / ᑐᖁᓚᐅᖅᑐᖅ / décédé' % date_of(p, p['death_day']).isoformat()]
                        for j, v in enumerate(vals, 1):
                            ws.cell(r, j, v)
                        r += 1
                    continue
                vd = p['visit_day'][(sess, tp)]
                dtxt = date_of(p, vd).isoformat()
                if (sess, tp) in p['missing']:
                    vals = [p['id'], p['chart'], sess, None, None, None, None,
                            rng.choice(['not seen / ᑕᑯᔭᐅᓚᐅᙱᑦᑐᖅ / non vu', 'no show (weather, no flight)', 'medevac cancelled — not seen'])]
                else:
                    if p is e_before and tp == '6w':
                        dtxt = (p['d0'] - dt.timedelta(days=rng.randint(5, 30))).isoformat()
                        errors.append([sheet, 'D%d' % r, r, fcols[3][2], dtxt, '6-week visit dated before the procedure', p['id']])
                    if p is e_date and tp == '3m':
                        real = date_of(p, vd)
                        dtxt = '%d-%02d-31' % (real.year, real.month) if real.month in (4, 6, 9, 11) else '%d-02-30' % real.year
                        errors.append([sheet, 'D%d' % r, r, fcols[3][2], dtxt, 'impossible date', p['id']])
                    vas = int(round(p['scores'][(sess, 'pain_vas', tp)] * 10))
                    if p is e_vas and tp == '6w':
                        vas = 140
                        drop.add((p['id'], 1, 'pain_vas', '6w'))
                        errors.append([sheet, 'E%d' % r, r, fcols[4][2], '140', 'VAS 140 mm beyond the 0-100 mm scale', p['id']])
                    fx = '; '.join(l for fd, l in p['fractures'] if fd == vd and sess == 1)
                    vals = [p['id'], p['chart'], sess, dtxt, vas, p['scores'][(sess, 'mobility', tp)], fx or None, None]
                    if p is e_noid and tp == '3m':
                        vals[0] = None
                        errors.append([sheet, 'A%d' % r, r, fcols[0][2], '', 'row with data but no study ID', p['id']])
                for j, v in enumerate(vals, 1):
                    ws.cell(r, j, v)
                r += 1
        for j in range(1, 9):
            ws.column_dimensions[colletter(j)].width = 16
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents, drop_scores=drop)


if __name__ == '__main__':
    main(sys.argv[1])
