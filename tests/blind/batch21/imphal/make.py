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
# ---- site: imphal (one sheet per patient: case-record cards) ----
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

MM = str.maketrans('0123456789', '꯰꯱꯲꯳꯴꯵꯶꯷꯸꯹')
SUR = ['Thokchom', 'Laishram', 'Ningthoujam', 'Khumanthem', 'Sorokhaibam', 'Oinam', 'Konsam', 'Yumnam', 'Wahengbam', 'Moirangthem', 'Huidrom']
F_GIV = ['Ibemcha', 'Tombi', 'Memcha', 'Sanahanbi', 'Ibemhal', 'Thoibi', 'Shantibala', 'Bembem', 'Ningol', 'Romita']
M_GIV = ['Tomba', 'Ibobi', 'Ibomcha', 'Kunjo', 'Chaoba', 'Bijoy', 'Ibochouba', 'Manglem', 'Nabakumar', 'Iboyaima']
TPS = ['pre', '24h', '1m', '3m', '6m']
TP_EN = {'pre': 'Pre-op ꯑꯣꯄꯔꯦꯁꯟꯒꯤ ꯃꯃꯥꯡ', '24h': 'Day 1 ꯅꯨꯃꯤꯠ ꯱', '1m': '1 month ꯊꯥ ꯱', '3m': '3 months ꯊꯥ ꯳', '6m': '6 months ꯊꯥ ꯶'}
LEAK_EN = {'none': 'Nil', 'disc': 'Disc space', 'venous': 'Venous (paravertebral vein)', 'paravertebral': 'Paravertebral soft tissue', 'epidural': 'Epidural'}


def dd(d):
    return d.strftime('%d-%m-%Y')


def main(outdir):
    rng = random.Random(795)
    ids = ['RIMS/VP/%02d' % i for i in range(1, 23)]
    pats = gen_cohort(79521, ids, TPS, ['pain_vas', 'odi', 'mobility'], dt.date(2021, 3, 1), 300, tech_w=(0.5, 0.5))
    idents = []
    for p in pats:
        if p['sex'] == 'female':
            p['name'] = '%s (O) %s Devi' % (rng.choice(SUR), rng.choice(F_GIV)) if rng.random() < 0.4 else '%s %s Devi' % (rng.choice(SUR), rng.choice(F_GIV))
        else:
            p['name'] = '%s %s Singh' % (rng.choice(SUR), rng.choice(M_GIV))
        p['cr'] = '%d/%05d' % (p['d0'].year, rng.randint(100, 99999))
        p['phone'] = '%d%07d' % (rng.choice([986, 943, 985, 700, 876, 969]), rng.randint(0, 9999999))
        p['mm'] = rng.random() < 0.45
        idents += [('name', p['name']), ('record_number', p['cr']), ('phone', p['phone'])]
    plain = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
    e_before, e_lev, e_odi = plain[1], plain[4], plain[7]
    e_date = [p for p in plain[9:] if (1, '1m') not in p['missing']][0]
    errors, drop, lo = [], set(), {}
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style='thin')
    bx = Border(top=thin, bottom=thin, left=thin, right=thin)
    # index sheet
    ix = wb.create_sheet('Index ꯂꯤꯁ꯭ꯇ')
    ix.cell(1, 1, 'Vertebroplasty / Kyphoplasty case records — one sheet per patient (sheet name = Study No. with "-" for "/")').font = Font(bold=True)
    ix.cell(3, 1, 'Study No.')
    ix.cell(3, 2, 'Sheet')
    for k, p in enumerate(pats):
        ix.cell(4 + k, 1, p['id'])
        ix.cell(4 + k, 2, p['id'].replace('/', '-'))
    for p in pats:
        sh = p['id'].replace('/', '-')
        ws = wb.create_sheet(sh)
        ws.cell(1, 1, 'Dept. of Orthopaedics & Interventional Radiology — Percutaneous Vertebral Augmentation Case Record').font = Font(bold=True, size=12)
        ws.cell(2, 1, 'ꯑꯣꯔꯊꯣꯄꯦꯗꯤꯛꯁ ꯗꯤꯄꯥꯔꯇꯃꯦꯟꯠ — ꯂꯥꯏꯅꯥꯒꯤ ꯀꯦꯁ ꯔꯦꯀꯣꯔꯗ')
        age = str(p['age']).translate(MM) if p['mm'] else str(p['age'])
        dx = {'osteoporotic': rng.choice(['Osteoporotic wedge compression #', 'OVCF']),
              'pathologic': rng.choice(['Metastatic deposit (Ca breast)', 'Multiple myeloma', 'Metastasis (Ca lung)']),
              'traumatic': 'Traumatic compression # (fall from height)',
              'other': "Kümmell's disease (avascular necrosis)"}[p['etiology']]
        kv = [('Study No. / ꯁ꯭ꯇꯗꯤ ꯅꯝꯕꯔ', p['id']), ('Name / ꯃꯤꯡ', p['name']), ('CR No.', p['cr']),
              ('Age/Sex / ꯆꯍꯤ/ꯅꯨꯄꯥ-ꯅꯨꯄꯤ', '%s/%s' % (age, 'F' if p['sex'] == 'female' else 'M')),
              ('Mobile', p['phone']), ('Diagnosis / ꯂꯥꯏꯅꯥ', dx)]
        outc = 'Expired on %s' % dd(date_of(p, p['death_day'])) if p['died'] else rng.choice(['Alive', 'Alive, ambulant', 'Alive'])
        kv.append(('Outcome / ꯐꯂ', outc))
        for k, (a, b) in enumerate(kv):
            ws.cell(4 + k, 1, a).font = Font(bold=True)
            ws.cell(4 + k, 2, b)
        r = 4 + len(kv) + 1
        ws.cell(r, 1, 'PROCEDURE ꯑꯣꯄꯔꯦꯁꯟ').font = Font(bold=True)
        r += 1
        ph = ['Sitting', 'Date', 'Level', 'Procedure', 'Cement', 'Cement vol (ml)', 'Leakage']
        for j, h in enumerate(ph, 1):
            c = ws.cell(r, j, h)
            c.font = Font(bold=True)
            c.border = bx
        r += 1
        for s in p['sessions']:
            first = True
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                lvw = lv
                if p is e_lev and lv == s['levels'][-1]:
                    lvw = 'T13' if lv.startswith('T') else 'L6'
                    lo[(p['id'], 1, lv)] = ''
                    errors.append([sh, 'C%d' % r, r, 'Level', lvw, 'impossible vertebral level %s' % lvw, p['id']])
                vals = ['1st' if s['session'] == 1 else '2nd (new #)', dd(s['date']) if first else '"', lvw,
                        ('PVP' if s['tech'] == 'vertebroplasty' else 'BKP') if first else '"',
                        {'PMMA': rng.choice(['PMMA', 'Vertefix', 'PMMA (DePuy)']), 'calcium phosphate': 'Ca-phosphate'}[s['cement']] if first else '"',
                        v if not p['mm'] else fmtnum(v).translate(MM), ' + '.join(LEAK_EN[x] for x in lk.split(';'))]
                for j, x in enumerate(vals, 1):
                    ws.cell(r, j, x).border = bx
                first = False
                r += 1
        r += 1
        ws.cell(r, 1, 'FOLLOW-UP ꯃꯇꯨꯡ ꯌꯦꯡꯁꯤꯟꯕ').font = Font(bold=True)
        ws.cell(r, 3, 'VAS 0-10, ODI %, Ambulation 0 (independent) - 4 (bed-bound)')
        r += 1
        fh = ['Visit', 'Date', 'VAS', 'ODI (%)', 'Ambulation (0-4)', 'Remarks']
        for j, h in enumerate(fh, 1):
            c = ws.cell(r, j, h)
            c.font = Font(bold=True)
            c.border = bx
        r += 1
        for s in p['sessions']:
            sess = s['session']
            tl = p['s1_tps'] if sess == 1 else p['s2_tps']
            for t in TPS:
                lab = TP_EN[t] + ('' if sess == 1 else ' (after 2nd)')
                if t not in tl:
                    if sess == 1 and p['died'] and t in p.get('lost_tps', []):
                        ws.cell(r, 1, lab)
                        ws.cell(r, 6, 'Expired')
                        r += 1
                    continue
                vd = p['visit_day'][(sess, t)]
                ws.cell(r, 1, lab)
                dtxt = dd(date_of(p, vd))
                if p is e_before and t == '1m':
                    dtxt = dd(p['d0'] - dt.timedelta(days=rng.randint(8, 20)))
                    errors.append([sh, 'B%d' % r, r, 'Date', dtxt, '1-month follow-up dated before the procedure', p['id']])
                if p is e_date and t == '1m':
                    real = date_of(p, vd)
                    dtxt = '31-%02d-%d' % (real.month, real.year) if real.month in (4, 6, 9, 11) else '30-02-%d' % real.year
                    errors.append([sh, 'B%d' % r, r, 'Date', dtxt, 'impossible date', p['id']])
                ws.cell(r, 2, dtxt)
                if (sess, t) in p['missing']:
                    ws.cell(r, 2, None if rng.random() < 0.5 else dtxt)
                    for j in (3, 4, 5):
                        ws.cell(r, j, '-')
                    ws.cell(r, 6, rng.choice(['DNA (did not attend)', 'Not came', 'Telephone: could not reach']))
                    r += 1
                    continue
                for j, m in ((3, 'pain_vas'), (4, 'odi'), (5, 'mobility')):
                    v = p['scores'][(sess, m, t)]
                    if p is e_odi and m == 'odi' and t == '3m':
                        v = 140
                        drop.add((p['id'], 1, 'odi', '3m'))
                        errors.append([sh, '%s%d' % (colletter(j), r), r, 'ODI (%)', '140', 'ODI 140 beyond 0-100', p['id']])
                    if p['mm'] and m == 'pain_vas':
                        v = str(v).translate(MM)
                    ws.cell(r, j, v)
                rem = []
                for fd, fl in p['fractures']:
                    if fd == vd and sess == 1:
                        rem.append('New # %s on X-ray' % fl)
                ws.cell(r, 6, '; '.join(rem) or None)
                r += 1
        # fractures that led to 2nd sitting (found between visits)
        for fd, fl in p['fractures']:
            if not any(fd == p['visit_day'].get((1, t)) for t in TPS):
                ws.cell(r, 1, 'Unscheduled')
                ws.cell(r, 2, dd(date_of(p, fd)))
                ws.cell(r, 6, 'Fresh # %s (MRI STIR +) - planned 2nd sitting' % fl)
                r += 1
        ws.column_dimensions['A'].width = 30
        ws.column_dimensions['B'].width = 30
        for c in 'CDEFG':
            ws.column_dimensions[c].width = 18
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents, drop_scores=drop, level_override=lo)


if __name__ == '__main__':
    main(sys.argv[1])
