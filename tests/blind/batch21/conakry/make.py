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
# ---- site: conakry (semicolon CSV register, one row per session, 2nd session = ID + "b") ----
PRENOMS_F = ['Mariama', 'Fatoumata', 'Kadiatou', 'Aïssatou', 'Hawa', 'Djénabou', 'Mabinty', 'Fanta', 'Nènè', 'Saran']
PRENOMS_M = ['Mamadou', 'Alpha', 'Ibrahima', 'Sékou', 'Lansana', 'Moussa', 'Abdoulaye', 'Mohamed', 'Thierno', 'Fodé']
NOMS = ['DIALLO', 'BAH', 'CAMARA', 'SYLLA', 'KEITA', 'CONDÉ', 'TOURÉ', 'SOUMAH', 'BARRY', 'KOUROUMA', 'KOUYATÉ', 'CISSÉ']
LEAK_FR = {'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale', 'epidural': 'épidurale'}
NKO_NOTES = ['ߞߊ߬ߘߌ߬', 'ߛߊ߲߬ߓߊ߬ ߕߍ߫', 'ߘߌ߬ߦߊ߬', 'ߞߐ߬ߘߐ ߘߌ߬ߦߊ߬']
TPS = ['pre', '24h', '1m', '3m', '6m']
TP_FR = {'pre': 'EVA pré-op', '24h': 'EVA J1', '1m': 'EVA M1', '3m': 'EVA M3', '6m': 'EVA M6'}


def dfr(d):
    return d.strftime('%d/%m/%Y')


def lev_fr(l):
    return ('D' + l[1:]) if l.startswith('T') else l


def comma(v):
    return fmtnum(v).replace('.', ',')


def main(outdir):
    rng = random.Random(224)
    ids = ['CK-%03d' % i for i in range(1, 24)]
    pats = gen_cohort(22421, ids, TPS, ['pain_vas'], dt.date(2021, 2, 1), 330, tech_w=(0.85, 0.15),
                      cements=(('PMMA', 0.95), ('calcium phosphate', 0.05)))
    idents = []
    for p in pats:
        p['name'] = '%s %s' % (rng.choice(NOMS), rng.choice(PRENOMS_F if p['sex'] == 'female' else PRENOMS_M))
        p['dossier'] = 'CHU-%d/%02d' % (rng.randint(1000, 9999), 21)
        p['phone'] = '+224 6%02d %02d %02d %02d' % (rng.choice([20, 22, 24, 28, 55, 57, 60, 62, 64]), rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))
        idents += [('name', p['name']), ('record_number', p['dossier']), ('phone', p['phone'])]
        if rng.random() < 0.3 and all(len(s['levels']) > 1 for s in p['sessions']):
            p['vol_mode'] = 'session'
    plain = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
    e_vas, e_lev, e_vol = plain[0], plain[5], [p for p in plain[6:] if len(p['sessions'][0]['levels']) == 1 and p.get('vol_mode') != 'session'][2]
    e_date = [p for p in plain[7:] if p['d0'].month in (4, 6, 9, 11) and p not in (e_vol,)][0]
    errors, drop, lo = [], set(), {}
    hdr = ['N° étude', 'Nom et prénoms', 'N° dossier', 'Téléphone', 'Sexe', 'Âge (ans)', 'Indication', 'Date intervention',
           'Niveau(x)', 'Geste', 'Ciment', 'Volume ciment (ml)', 'Fuite de ciment', TP_FR['pre'], TP_FR['24h'], TP_FR['1m'],
           TP_FR['3m'], TP_FR['6m'], 'Nouvelle fracture', 'Devenir', 'ߞߎߡߊߘߐ / Notes (N\'ko)']
    rows = []
    for p in pats:
        for s in p['sessions']:
            rows.append((s['date'], p, s))
    rows.sort(key=lambda x: (x[0], x[1]['idx']))
    out = [hdr]
    for d, p, s in rows:
        r = len(out) + 1
        sess = s['session']
        sid = p['id'] if sess == 1 else p['id'] + 'b'
        levs = []
        for l in s['levels']:
            if p is e_lev and l == s['levels'][-1]:
                b = 'D13' if l.startswith('T') else 'L6'
                lo[(p['id'], 1, l)] = ''
                levs.append(b)
            else:
                levs.append(lev_fr(l))
        levtxt = ' + '.join(levs)
        if p is e_lev:
            errors.append(['input', 'I%d' % r, r, 'Niveau(x)', levtxt, 'impossible vertebral level %s' % levs[-1], p['id']])
        if p.get('vol_mode') == 'session':
            vol = 'Total %s' % comma(round(sum(s['vols']), 1))
        else:
            if p is e_vol:
                s['vols'][0] = 25.0
                errors.append(['input', 'L%d' % r, r, 'Volume ciment (ml)', '25', 'cement volume 25 mL in one vertebra (over 20 mL)', p['id']])
            vol = ' + '.join(comma(v) for v in s['vols'])
        lk = [(l, x) for l, x in zip(s['levels'], s['leaks']) if x != 'none']
        if not lk:
            lktxt = rng.choice(['aucune', 'Aucune', 'non'])
        else:
            lktxt = ' ; '.join((('%s : ' % lev_fr(l)) if len(s['levels']) > 1 else '') + ' et '.join(LEAK_FR[y] for y in x.split(';')) for l, x in lk)
        ind = {'osteoporotic': rng.choice(['Tassement ostéoporotique', 'FVO ostéoporotique']),
               'pathologic': rng.choice(['Métastase (sein)', 'Métastase (prostate)', 'Myélome multiple']),
               'traumatic': rng.choice(['Fracture traumatique (AVP)', 'Fracture traumatique (chute)']),
               'other': 'Maladie de Kümmell'}[p['etiology']]
        if sess == 2:
            ind = 'Nouvelle fracture (reprise)'
        dtxt = dfr(d)
        if p is e_date:
            dtxt = '31/%02d/%d' % (d.month, d.year)
            errors.append(['input', 'H%d' % r, r, 'Date intervention', dtxt, 'impossible date', p['id']])
        tl = p['s1_tps'] if sess == 1 else p['s2_tps']
        ev = []
        for t in TPS:
            if (sess, 'pain_vas', t) in p['scores']:
                v = p['scores'][(sess, 'pain_vas', t)]
                if p is e_vas and t == '1m':
                    v = 15
                    drop.add((p['id'], 1, 'pain_vas', '1m'))
                    errors.append(['input', '%s%d' % (colletter(14 + TPS.index(t)), r), r, TP_FR[t], '15', 'VAS 15 beyond the 0-10 scale', p['id']])
                ev.append(str(v))
            elif p['died'] and sess == 1 and t in p.get('lost_tps', []):
                ev.append('DCD')
            elif (sess, t) in p['missing']:
                ev.append(rng.choice(['NF', 'perdu de vue', '']))
            elif sess == 1 and len(p['sessions']) > 1:
                ev.append('voir %sb' % p['id'])
            else:
                ev.append('')
        fx = [f for f in p['fractures'] if sess == 1]
        fxtxt = ' ; '.join('%s (%s)' % (lev_fr(l), dfr(date_of(p, dd))) for dd, l in sorted(fx)) if fx else ('' if sess == 2 else 'non')
        dev = ''
        if p['died']:
            dev = 'DCD le %s' % dfr(date_of(p, p['death_day']))
        elif sess == len(p['sessions']):
            dev = rng.choice(['vivant(e)', 'Vivant', 'bon'])
        note = rng.choice(NKO_NOTES) if rng.random() < 0.4 else ''
        sexe = 'F' if p['sex'] == 'female' else 'M'
        row = [sid, p['name'], p['dossier'], p['phone'], sexe if sess == 1 else 'idem', str(p['age']) if sess == 1 else 'idem',
               ind, dtxt, levtxt, 'Vertébroplastie' if s['tech'] == 'vertebroplasty' else 'Cyphoplastie',
               {'PMMA': rng.choice(['PMMA', 'Osteopal V', 'PMMA (Vertecem)']), 'calcium phosphate': 'ciment phosphocalcique'}[s['cement']],
               vol, lktxt] + ev + [fxtxt, dev, note]
        out.append(row)
    with open(os.path.join(outdir, 'input.csv'), 'w', newline='', encoding='utf-8-sig') as f:
        w = csv.writer(f, delimiter=';')
        w.writerows(out)
    write_truth(outdir, pats, errors, idents, drop_scores=drop, level_override=lo)


if __name__ == '__main__':
    main(sys.argv[1])
