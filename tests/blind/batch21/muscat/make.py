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
# ---- site: muscat (one row per patient + follow-up chains in one cell) ----
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill

AI = str.maketrans('0123456789.', '٠١٢٣٤٥٦٧٨٩٫')
M_GIV = ['سالم', 'محمد', 'سعيد', 'خالد', 'حمد', 'ناصر', 'سيف', 'علي', 'عبدالله', 'راشد']
F_GIV = ['فاطمة', 'مريم', 'عائشة', 'شيخة', 'زينب', 'خديجة', 'موزة', 'سلمى', 'نورة', 'جميلة']
FATH = ['علي', 'سعيد', 'حمد', 'سالم', 'محمد', 'ناصر', 'خلفان', 'سليمان']
TRIBE = ['البلوشي', 'الحارثي', 'الهنائي', 'البوسعيدي', 'الرواحي', 'المعمري', 'الكندي', 'الشكيلي', 'العبري', 'الزدجالي']
LEAK_AR = {'none': 'لا يوجد', 'disc': 'تسرب إلى القرص', 'venous': 'تسرب وريدي', 'paravertebral': 'تسرب جانب الفقرة', 'epidural': 'تسرب فوق الجافية'}
TPS = ['pre', '24h', '6w', '3m', '12m']
ET_AR = {'osteoporotic': ['كسر هشاشة العظام', 'Osteoporotic #'], 'pathologic': ['ورم نقيي متعدد', 'نقائل (سرطان الثدي)', 'نقائل (سرطان البروستاتا)'],
         'traumatic': ['كسر رضحي - سقوط', 'حادث سير'], 'other': ['ورم وعائي عرضي مؤلم'.replace('ورم وعائي عرضي مؤلم', 'مرض كوميل (نخر عظمي)')]}


def dmy(d):
    return d.strftime('%d/%m/%Y')


def main(outdir):
    rng = random.Random(968)
    ids = ['SQU-VP-%02d' % i for i in range(1, 25)]
    pats = gen_cohort(96821, ids, TPS, ['pain_vas', 'odi'], dt.date(2020, 9, 1), 300,
                      cements=(('PMMA', 0.85), ('calcium phosphate', 0.15)))
    idents = []
    for p in pats:
        if p['sex'] == 'female':
            p['name'] = '%s بنت %s %s' % (rng.choice(F_GIV), rng.choice(FATH), rng.choice(TRIBE))
        else:
            p['name'] = '%s بن %s %s' % (rng.choice(M_GIV), rng.choice(FATH), rng.choice(TRIBE))
        p['mrn'] = '%07d' % rng.randint(1000000, 2999999)
        p['phone'] = '9%07d' % rng.randint(1000000, 9999999)
        p['ai'] = rng.random() < 0.4
        idents += [('name', p['name']), ('record_number', p['mrn']), ('phone', p['phone'])]
    plain = [p for p in pats if len(p['sessions']) == 1 and not p['died']]
    e_odi, e_vol, e_noid, e_date = plain[2], [p for p in plain if len(p['sessions'][0]['levels']) == 1][3], plain[8], plain[12]
    assert len({id(e_odi), id(e_vol), id(e_noid), id(e_date)}) == 4
    errors, drop = [], set()
    wb = Workbook()
    ws = wb.active
    ws.title = 'الإجراءات Procedures'
    ws.sheet_view.rightToLeft = True
    ws.cell(1, 1, 'مستشفى جامعي - قسم الأشعة التداخلية - سجل رأب الفقرات / Vertebral augmentation register').font = Font(bold=True, size=13)
    h1 = ['رقم الدراسة\nStudy No', 'الرقم الطبي\nMRN', 'الاسم\nName', 'الهاتف\nPhone', 'الجنس\nSex', 'العمر\nAge',
          'السبب\nAetiology', 'تاريخ الإجراء\nDate', 'الفقرات\nLevels', 'التقنية\nTechnique', 'الإسمنت\nCement',
          'الحجم (مل)\nVolume ml', 'التسرب\nLeakage',
          'تاريخ الإجراء الثاني\n2nd procedure date', 'فقرات الإجراء الثاني\n2nd levels', 'حجم الإجراء الثاني (مل)\n2nd volume ml',
          'تسرب الإجراء الثاني\n2nd leakage', 'كسر جديد\nNew fracture', 'الحالة\nOutcome']
    for j, h in enumerate(h1, 1):
        c = ws.cell(3, j, h)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True)
        c.fill = PatternFill('solid', fgColor='DDEBF7')

    def levtxt(s):
        return ', '.join(s['levels'])

    def voltxt(p, s, bad=None):
        vs = [fmtnum(v) for v in s['vols']]
        if bad is not None:
            vs = [bad]
        t = ' / '.join(vs)
        return t.translate(AI) if p['ai'] else (float(t) if len(vs) == 1 else t)

    def leaktxt(s):
        if all(l == 'none' for l in s['leaks']):
            return rng.choice(['لا يوجد', 'لا', 'nil'])
        out = []
        for lv, l in zip(s['levels'], s['leaks']):
            if l == 'none':
                continue
            t = ' + '.join(LEAK_AR[x] for x in l.split(';'))
            out.append('%s: %s' % (lv, t) if len(s['levels']) > 1 else t)
        return '؛ '.join(out)

    r = 4
    for p in pats:
        s1 = p['sessions'][0]
        tech = {'vertebroplasty': 'رأب الفقرة (VP)', 'kyphoplasty': 'رأب الحدبة بالبالون (KP)'}[s1['tech']]
        cem = {'PMMA': rng.choice(['PMMA', 'Vertecem V+', 'PMMA (Stryker)']), 'calcium phosphate': 'فوسفات الكالسيوم'}[s1['cement']]
        p['cem_txt'] = cem
        age = str(p['age']).translate(AI) if p['ai'] else p['age']
        dtxt = dmy(s1['date'])
        if p is e_date:
            dtxt = '%02d/%02d/%d' % (31, 4 if s1['date'].month != 4 else 6, s1['date'].year) if s1['date'].month not in (4, 6) else '31/%02d/%d' % (s1['date'].month, s1['date'].year)
            if s1['date'].month not in (4, 6):
                dtxt = '29/02/%d' % s1['date'].year if s1['date'].year % 4 else '30/02/%d' % s1['date'].year
            errors.append([ws.title, 'H%d' % r, r, h1[7], dtxt, 'impossible date', p['id']])
        vbad = None
        if p is e_vol:
            vbad = '32'
            s1['vols'][0] = 32.0
            errors.append([ws.title, 'L%d' % r, r, h1[11], '32' if not p['ai'] else '٣٢', 'cement volume 32 mL in one vertebra (over 20 mL)', p['id']])
        vals = [p['id'] if p is not e_noid else None, p['mrn'], p['name'], p['phone'], 'أنثى' if p['sex'] == 'female' else 'ذكر', age,
                rng.choice(ET_AR[p['etiology']]), dtxt, levtxt(s1), tech, cem, voltxt(p, s1, vbad), leaktxt(s1)]
        if p is e_noid:
            errors.append([ws.title, 'A%d' % r, r, h1[0], '', 'row with data but no study ID', p['id']])
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            vals += [dmy(s2['date']), levtxt(s2), voltxt(p, s2), leaktxt(s2)]
        else:
            vals += [None, None, None, None]
        fx = '؛ '.join('%s - %s' % (lv, dmy(date_of(p, d))) for d, lv in sorted(p['fractures']))
        vals.append(fx or 'لا')
        vals.append('توفي %s' % dmy(date_of(p, p['death_day'])) if p['died'] else 'على قيد الحياة')
        for j, v in enumerate(vals, 1):
            ws.cell(r, j, v)
        r += 1
    for j in range(1, 20):
        ws.column_dimensions[colletter(j)].width = 16
    # follow-up chains
    fu = wb.create_sheet('المتابعة Follow-up')
    fu.sheet_view.rightToLeft = True
    fu.cell(1, 1, 'المتابعة: الدرجات بالترتيب (قبل ← 24 ساعة ← 6 أسابيع ← 3 أشهر ← 12 شهرا). "-" = لم يحضر')
    h2 = ['رقم الدراسة\nStudy No', 'الإجراء\nProcedure', 'VAS (قبل → 24 ساعة → 6 أسابيع → 3 أشهر → 12 شهر)\nVAS (pre → 24h → 6wk → 3mo → 12mo)',
          'ODI % (قبل → 24 ساعة → 6 أسابيع → 3 أشهر → 12 شهر)\nODI % (pre → 24h → 6wk → 3mo → 12mo)', 'ملاحظات\nNotes']
    for j, h in enumerate(h2, 1):
        c = fu.cell(3, j, h)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True)
    r = 4
    for p in pats:
        for s in p['sessions']:
            sess = s['session']
            tl = p['s1_tps'] if sess == 1 else p['s2_tps']
            chains = {}
            for m in ('pain_vas', 'odi'):
                parts = []
                for t in TPS:
                    if (sess, m, t) in p['scores']:
                        v = str(p['scores'][(sess, m, t)])
                        if p is e_odi and m == 'odi' and t == '6w':
                            v = '130'
                            drop.add((p['id'], 1, 'odi', '6w'))
                        parts.append(v)
                    elif p['died'] and t in p.get('lost_tps', []):
                        parts.append('متوفى')
                    else:
                        parts.append('-')
                while parts and parts[-1] == '-' and len(p['sessions']) > 1:
                    parts.pop()
                ch = ' → '.join(parts)
                if p['ai'] and sess == 1:
                    ch = ch.translate(AI)
                chains[m] = ch
            note = ''
            if sess == 2:
                note = 'بعد الإجراء الثاني %s' % dmy(s['date'])
            elif len(p['sessions']) > 1:
                note = 'كسر جديد ثم إجراء ثان'
            fu.cell(r, 1, p['id'])
            fu.cell(r, 2, 'الأول' if sess == 1 else 'الثاني')
            fu.cell(r, 3, chains['pain_vas'])
            fu.cell(r, 4, chains['odi'])
            fu.cell(r, 5, note or None)
            if p is e_odi and sess == 1:
                errors.append([fu.title, 'D%d' % r, r, 'ODI % (pre → 24h → 6wk → 3mo → 12mo)', chains['odi'],
                               'ODI 130 at 6 weeks, beyond 0-100', p['id']])
            r += 1
    fu.column_dimensions['C'].width = 40
    fu.column_dimensions['D'].width = 40
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents, drop_scores=drop)


if __name__ == '__main__':
    main(sys.argv[1])
