# ---- common cohort core (copied into each site's make.py) ----
import random, datetime as dt, csv, os, sys

SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_WIN = {'24h': (1, 1), '1w': (6, 9), '2w': (13, 16), '6w': (40, 46), '1m': (27, 34),
          '3m': (85, 98), '6m': (172, 192), '12m': (352, 378), '24m': (715, 745)}


def age_at(bd, d):
    return d.year - bd.year - ((d.month, d.day) < (bd.month, bd.day))


def make_cohort(seed, n, tps, measures=('pain_vas', 'odi'), start=dt.date(2021, 3, 1),
                end=dt.date(2023, 3, 31), p_kypho=0.4, cements=('PMMA',), n_sess2=3,
                n_extra_frac=1, n_dead=2, p_missing=0.12, s2_tps=('pre', '1m'),
                p_female=0.72, etio_w=(0.72, 0.16, 0.08, 0.04), no_sess2=()):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        p = {'i': i}
        p['sex'] = 'female' if R.random() < p_female else 'male'
        p['etiology'] = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], etio_w)[0]
        d0 = start + dt.timedelta(days=R.randint(0, (end - start).days))
        tgt = R.randint(55, 90) if p['etiology'] != 'traumatic' else R.randint(45, 80)
        bd = dt.date(d0.year - tgt, R.randint(1, 12), R.randint(1, 28))
        p['birth'] = bd
        p['d0'] = d0
        p['age'] = age_at(bd, d0)
        nl = R.choices([1, 2, 3], [0.68, 0.22, 0.10])[0]
        if p['etiology'] == 'pathologic':
            first = R.randint(SPINE.index('T5'), SPINE.index('L3'))
        else:
            first = R.choice([SPINE.index(x) for x in ['T7', 'T8', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12', 'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']])
        first = min(first, len(SPINE) - nl)
        idxs = [first]
        for k in range(1, nl):
            step = 1 if R.random() < 0.75 else 2
            nxt = idxs[-1] + step
            if nxt >= len(SPINE):
                nxt = min(idxs) - 1
            idxs.append(nxt)
        idxs = sorted(set(idxs))
        tech = 'kyphoplasty' if R.random() < p_kypho else 'vertebroplasty'
        cem = R.choice(cements)
        p['sessions'] = [make_session(R, 1, 0, d0, [SPINE[j] for j in idxs], tech, cem)]
        p['fractures'] = []
        # scores, session 1
        p['visits'] = {}   # (session, tp) -> day
        p['scores'] = {}   # (session, measure, tp) -> value
        vas0 = R.randint(6, 10)
        odi0 = R.randint(24, 42) * 2
        mob0 = R.randint(2, 4)
        for tp in tps:
            if tp == 'pre':
                day = -R.randint(0, 2)
            else:
                a, b = TP_WIN[tp]
                day = R.randint(a, b)
            p['visits'][(1, tp)] = day
            fill_scores(R, p, 1, tp, measures, vas0, odi0, mob0)
        pats.append(p)
    # session 2 / new fractures
    cand = [p for p in pats if p['i'] not in no_sess2 and len(tps) >= 4]
    R.shuffle(cand)
    late = [tp for tp in tps if tp in ('3m', '6m')]
    s2 = cand[:n_sess2]
    for p in s2:
        tp = R.choice(late)
        fday = p['visits'][(1, tp)]
        lvl = new_level(R, p)
        p['fractures'].append((fday, lvl))
        s2day = fday + R.randint(6, 20)
        s1 = p['sessions'][0]
        p['sessions'].append(make_session(R, 2, s2day, p['d0'] + dt.timedelta(days=s2day), [lvl],
                                          s1['technique'], s1['cement_type']))
        vas0 = R.randint(6, 9)
        odi0 = R.randint(26, 40) * 2
        mob0 = R.randint(2, 4)
        for tp2 in s2_tps:
            if tp2 == 'pre':
                d = s2day - R.randint(0, 1)
            else:
                a, b = TP_WIN[tp2]
                d = s2day + R.randint(a, b)
            p['visits'][(2, tp2)] = d
            fill_scores(R, p, 2, tp2, measures, vas0, odi0, mob0)
    rest = [p for p in cand[n_sess2:]]
    for p in rest[:n_extra_frac]:
        tp = [t for t in tps if t in ('6m', '12m', '3m')][-1]
        fday = p['visits'][(1, tp)]
        p['fractures'].append((fday, new_level(R, p)))
    used = set(p['i'] for p in s2 + rest[:n_extra_frac])
    # deaths: prefer pathologic
    dc = [p for p in pats if p['i'] not in used and p['i'] not in no_sess2]
    dc.sort(key=lambda p: (p['etiology'] != 'pathologic', R.random()))
    for p in pats:
        p['died'] = 'no'
        p['death_day'] = None
    for p in dc[:n_dead]:
        post = [tp for tp in tps if tp not in ('pre', '24h', '1w')]
        k = R.randint(1, len(post) - 1)
        keep = post[:k]
        lastday = p['visits'][(1, keep[-1])]
        nxt = p['visits'][(1, post[k])]
        p['death_day'] = R.randint(lastday + 5, nxt - 3)
        for tp in post[k:]:
            drop_visit(p, 1, tp)
        p['died'] = 'yes'
    # random missing visits (never 'pre', never session-2)
    for p in pats:
        for tp in tps:
            if tp == 'pre' or (1, tp) not in p['visits']:
                continue
            if any(f[0] == p['visits'][(1, tp)] for f in p['fractures']):
                continue
            if R.random() < p_missing:
                drop_visit(p, 1, tp)
    for p in pats:  # consistency of the model
        for (s, tp), d in p['visits'].items():
            sd = p['sessions'][s - 1]['day']
            assert (d > sd) if tp != 'pre' else (d <= sd), (p['i'], s, tp)
            if p['death_day'] is not None:
                assert d < p['death_day']
        for fd, l in p['fractures']:
            assert fd > 0
    return pats


def drop_visit(p, s, tp):
    p['visits'].pop((s, tp), None)
    for k in list(p['scores']):
        if k[0] == s and k[2] == tp:
            del p['scores'][k]


def fill_scores(R, p, s, tp, measures, vas0, odi0, mob0):
    frac = {'pre': 0, '24h': 0.45, '1w': 0.5, '2w': 0.55, '6w': 0.6, '1m': 0.6, '3m': 0.65,
            '6m': 0.68, '12m': 0.7, '24m': 0.7}[tp]
    for m in measures:
        if m == 'pain_vas':
            v = max(0, min(10, round(vas0 * (1 - frac) + R.choice([-1, 0, 0, 1]))))
        elif m == 'pain_vas_mm':
            v = max(0, min(100, round(vas0 * 10 * (1 - frac) + R.randint(-8, 8))))
        elif m == 'odi':
            v = max(0, min(100, 2 * round((odi0 * (1 - frac * 0.8) + R.randint(-6, 6)) / 2)))
        elif m == 'mobility':
            v = max(0, min(4, round(mob0 * (1 - frac) + R.choice([0, 0, 1]))))
        p['scores'][(s, m, tp)] = v


def new_level(R, p):
    used = set(v['level'] for s in p['sessions'] for v in s['vertebrae'])
    used |= set(f[1] for f in p['fractures'])
    idx = sorted(SPINE.index(x) for x in used)
    opts = [j for j in (idx[0] - 1, idx[-1] + 1, idx[-1] + 2) if 0 <= j < len(SPINE) and SPINE[j] not in used]
    return SPINE[R.choice(opts)]


def make_session(R, s, day, date, levels, tech, cem):
    vs = []
    for l in levels:
        lo, hi = (2.0, 4.5) if l.startswith('T') else (3.0, 6.5)
        if tech == 'kyphoplasty':
            lo, hi = lo + 0.5, hi + 1.0
        vol = round(R.uniform(lo, hi) * 2) / 2
        r = R.random()
        if r < 0.72:
            lk = []
        elif r < 0.95:
            lk = [R.choices(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], [5, 5, 3, 1, 1])[0]]
        else:
            lk = ['disc', 'venous']
        vs.append({'level': l, 'vol': vol, 'leak': lk})
    return {'session': s, 'day': day, 'date': date, 'technique': tech, 'cement_type': cem, 'vertebrae': vs}


def sess_total(s):
    return round(sum(v['vol'] for v in s['vertebrae']), 1)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x == int(x):
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, errors, idents, per_vertebra=True, vas_div=1, day_override=None,
                skip_scores=()):
    """pats: model; errors: list of dicts; idents: list of (kind,value)."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    day_override = day_override or {}
    write_csv(os.path.join(td, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            day = day_override.get((p['pid'], s['session']), s['day'])
            pv = per_vertebra if not callable(per_vertebra) else per_vertebra(p, s)
            for v in s['vertebrae']:
                rows.append([p['pid'], s['session'], day, v['level'], s['technique'],
                             fmtnum(v['vol']) if pv else '',
                             '' if pv else fmtnum(sess_total(s)), s['cement_type'],
                             ';'.join(v['leak']) if v['leak'] else 'none'])
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    rows = []
    for p in pats:
        for (s, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], order.index(kv[0][2]), kv[0][1])):
            if (p['pid'], s, tp) in skip_scores:
                continue
            mm = 'pain_vas' if m == 'pain_vas_mm' else m
            val = v / 10 if m == 'pain_vas_mm' else v
            rows.append([p['pid'], s, mm, tp, fmtnum(float(val)) if isinstance(val, float) else val])
    write_csv(os.path.join(td, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['pid'], d, l] for p in pats for d, l in p['fractures']])
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set()
    ir = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ir.append([k, v])
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], ir)
# ---- end common core ----

# ---- site: alexandria (Egyptian university hospital; Arabic RTL event log, one row per visit/event) ----
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment

EA = str.maketrans('0123456789.', '٠١٢٣٤٥٦٧٨٩٫')


def ea(x):
    return str(x).translate(EA)


def ad(d, eastern):
    s = '%02d/%02d/%d' % (d.day, d.month, d.year)
    return ea(s) if eastern else s


def lv(l):
    return ('D' + l[1:]) if l.startswith('T') else l


def main(outdir):
    R = random.Random(1704)
    N = 25
    TPS = ['pre', '24h', '2w', '3m', '6m']
    pats = make_cohort(17041, N, TPS, measures=('pain_vas', 'odi'),
                       start=dt.date(2021, 1, 10), end=dt.date(2023, 2, 28), p_kypho=0.3,
                       n_sess2=3, n_extra_frac=1, n_dead=3, s2_tps=('pre', '1m'),
                       etio_w=(0.6, 0.22, 0.15, 0.03), p_female=0.64, no_sess2=(1, 5, 8, 12, 16, 20, 23))
    fn_m = ['محمد', 'أحمد', 'محمود', 'السيد', 'عبد الحميد', 'إبراهيم', 'مصطفى', 'حسن', 'عبد الرحمن', 'سعيد']
    fn_f = ['فاطمة', 'زينب', 'سعاد', 'نادية', 'عزيزة', 'أمينة', 'فوزية', 'نبيلة', 'سامية', 'حميدة', 'ليلى', 'إحسان', 'كريمة', 'وفاء']
    ln = ['عبد الله', 'السيد', 'الشناوي', 'عطية', 'الإسكندراني', 'منصور', 'سليمان', 'درويش', 'البحيري', 'عبد العزيز',
          'شلبي', 'النجار', 'فرج', 'الدسوقي', 'رضوان', 'خليل', 'حجازي', 'الجمال', 'زكي', 'عثمان']
    idents = []
    for k, p in enumerate(pats):
        p['pid'] = 'VP%02d' % (k + 1)
        p['name'] = '%s %s %s' % (R.choice(fn_f if p['sex'] == 'female' else fn_m), R.choice(fn_m), R.choice(ln))
        b = p['birth']
        ser = '%03d%d' % (R.randint(0, 999), R.choice([1, 3, 5, 7, 9] if p['sex'] == 'male' else [2, 4, 6, 8]))
        p['nid'] = '2%02d%02d%02d%s%s%d' % (b.year % 100, b.month, b.day, R.choice(['02', '02', '02', '18', '19']), ser, R.randint(1, 9))
        p['file'] = '%d/%d' % (R.randint(1000, 98000), p['d0'].year % 100)
        p['tel'] = R.choice(['010', '011', '012', '015']) + '%08d' % R.randint(0, 99999999)
        for s in p['sessions']:
            s['brand'] = R.choice(['PMMA', 'Mendec Spine', 'Osteopal V', 'PMMA']) if s['session'] == 1 else p['sessions'][0]['brand']
            s['total_only'] = len(s['vertebrae']) > 1 and R.random() < 0.35
        idents += [('name', p['name']), ('national_id', p['nid']), ('record_number', p['file'])]
    cands = [p for p in pats if p['i'] in (1, 5, 8, 12, 16, 20, 23) and not p['fractures'] and p['died'] == 'no']
    e_lvl = cands[0]
    v = e_lvl['sessions'][0]['vertebrae'][-1]
    v['level'] = 'L6' if v['level'].startswith('L') else 'T13'
    e_vas = [p for p in cands[1:] if (1, '2w') in p['visits']][0]
    e_vas['scores'][(1, 'pain_vas', '2w')] = 12
    rest = [p for p in cands if p not in (e_lvl, e_vas)]
    e_date = [p for p in rest if (1, '6m') in p['visits']][0]
    rest.remove(e_date)
    e_pre = [p for p in rest if (1, '3m') in p['visits']][0]
    rest.remove(e_pre)
    e_vol = rest[0]
    e_vol['sessions'][0]['vertebrae'][0]['vol'] = 25.0
    e_vol['sessions'][0]['total_only'] = False
    errors = []

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'سجل الحالات'
    ws.sheet_view.rightToLeft = True
    ws['A1'] = 'مستشفى الرمل الجامعي التخصصي — قسم جراحة العظام — وحدة العمود الفقري'
    ws['A2'] = 'سجل حالات حقن الفقرات بالأسمنت (Vertebroplasty / Kyphoplasty)'
    ws['A1'].font = Font(bold=True, size=13)
    H = ['كود المريض', 'الاسم', 'رقم الملف', 'الرقم القومي', 'التليفون', 'النوع', 'السن', 'التشخيص', 'التاريخ',
         'الزيارة', 'الفقرات', 'نوع العملية', 'الأسمنت', 'كمية الأسمنت (مل)', 'تسرب الأسمنت', 'VAS', 'ODI %', 'ملاحظات']
    ws.append([])
    ws.append(H)
    HR = ws.max_row
    for c in ws[HR]:
        c.font = Font(bold=True)
        c.fill = PatternFill('solid', fgColor='C6E0B4')
    col = {h: i + 1 for i, h in enumerate(H)}
    from openpyxl.utils import get_column_letter as gl
    LK = {'disc': 'تسرب للديسك', 'venous': 'تسرب وريدي', 'paravertebral': 'تسرب حول الفقرة',
          'epidural': 'تسرب فوق الجافية', 'foraminal': 'تسرب للثقب العصبي'}
    TPL = {'pre': 'قبل العملية', '24h': 'بعد ٢٤ ساعة', '2w': 'بعد أسبوعين', '3m': 'بعد ٣ شهور', '6m': 'بعد ٦ شهور'}
    for p in pats:
        events = []  # (day, order, kind, payload)
        for (s, tp), d in p['visits'].items():
            events.append((d, 1 if tp == 'pre' else 3, 'visit', (s, tp)))
        for s in p['sessions']:
            events.append((s['day'], 2, 'proc', s))
        for fd, fl in p['fractures']:
            events.append((fd, 4, 'frac', fl))
        for tp in TPS:
            if (1, tp) not in p['visits'] and tp != 'pre':
                a, b = TP_WIN[tp]
                if p['died'] == 'yes' and a > p['death_day']:
                    continue
                if R.random() < 0.6:
                    events.append(((a + b) // 2, 3, 'miss', tp))
        if p['died'] == 'yes':
            events.append((p['death_day'], 5, 'death', None))
        events.sort(key=lambda e: (e[0], e[1]))
        first = True
        eastern = R.random() < 0.4
        for day, _, kind, pl in events:
            d = p['d0'] + dt.timedelta(days=day)
            row = [None] * len(H)
            row[0] = p['pid']
            if first:
                row[1] = p['name']
                row[2] = p['file']
                row[3] = p['nid']
                row[4] = p['tel'] if not eastern else ea(p['tel'])
                idents.append(('phone', row[4]))
                row[5] = 'أنثى' if p['sex'] == 'female' else 'ذكر'
                row[6] = p['age'] if not eastern else ea(p['age']) + ' سنة'
                row[7] = R.choice({'osteoporotic': ['هشاشة عظام', 'كسر انضغاطي - هشاشة'],
                                   'pathologic': ['ورم ثانوي (سرطان الثدي)', 'ورم نخاعي متعدد (Multiple myeloma)', 'ثانوي من البروستاتا'],
                                   'traumatic': ['كسر نتيجة إصابة (سقوط من سلم)', 'إصابة حادث طريق'],
                                   'other': ['أخرى']}[p['etiology']])
                first = False
            row[8] = d if not eastern else ad(d, True)
            fixdate = not eastern
            if kind == 'visit':
                s, tp = pl
                row[9] = TPL[tp] if s == 1 else {'pre': 'قبل العملية الثانية', '1m': 'بعد شهر من العملية الثانية'}[tp]
                for m, h in (('pain_vas', 'VAS'), ('odi', 'ODI %')):
                    v = p['scores'].get((s, m, tp))
                    if v is not None:
                        row[col[h] - 1] = v if not eastern else ea(v)
                if p is e_date and (s, tp) == (1, '6m'):
                    m = d.month
                    bad = '31/%02d/%d' % ({1: 4, 2: 4, 3: 4, 4: 4, 5: 6, 6: 6, 7: 6, 8: 9, 9: 9, 10: 11, 11: 11, 12: 11}[m], d.year)
                    if m in (1, 2, 3):
                        bad = '30/02/%d' % d.year
                    row[8] = ea(bad) if eastern else bad
                    fixdate = False
                if p is e_pre and (s, tp) == (1, '3m'):
                    bad = d.replace(year=d.year - 1)
                    row[8] = bad if not eastern else ad(bad, True)
            elif kind == 'proc':
                s = pl
                row[9] = 'العملية' if s['session'] == 1 else 'العملية الثانية (كسر جديد)'
                row[10] = '، '.join(lv(v['level']) for v in s['vertebrae'])
                row[11] = {'vertebroplasty': R.choice(['حقن الفقرة بالأسمنت', 'Vertebroplasty', 'PVP']),
                           'kyphoplasty': R.choice(['رأب الحدبة بالبالون', 'Kyphoplasty', 'BKP'])}[s['technique']]
                row[12] = s['brand']
                if s['total_only']:
                    row[13] = ('%s إجمالي' % (ea(fmtnum(sess_total(s))) if eastern else fmtnum(sess_total(s))))
                elif len(s['vertebrae']) == 1:
                    row[13] = s['vertebrae'][0]['vol'] if not eastern else ea(fmtnum(s['vertebrae'][0]['vol']))
                else:
                    row[13] = ' + '.join(ea(fmtnum(v['vol'])) if eastern else fmtnum(v['vol']) for v in s['vertebrae'])
                vs = s['vertebrae']
                if all(not v['leak'] for v in vs):
                    row[14] = R.choice(['لا يوجد', 'لا', '-'])
                elif len(vs) == 1:
                    row[14] = ' و'.join(LK[x] for x in vs[0]['leak'])
                else:
                    row[14] = '، '.join('%s: %s' % (lv(v['level']), ' و'.join(LK[x] for x in v['leak'])) for v in vs if v['leak'])
            elif kind == 'frac':
                row[9] = 'كسر جديد'
                row[10] = lv(pl)
                row[17] = 'كسر جديد بالأشعة' + (' - تقرر حقن' if len(p['sessions']) > 1 else ' - علاج تحفظي (حزام)')
                # found at the follow-up visit of that day
            elif kind == 'miss':
                row[9] = TPL[pl]
                row[8] = None
                row[17] = R.choice(['لم يحضر', 'لم يحضر', 'تعذر الاتصال'])
            elif kind == 'death':
                row[9] = 'وفاة'
                row[17] = R.choice(['توفي', 'توفيت']) if R.random() < 0.5 else 'وفاة (حسب الأهل تليفونياً)'
            ws.append(row)
            r = ws.max_row
            if isinstance(row[8], dt.date):
                ws.cell(row=r, column=9).number_format = 'dd/mm/yyyy'
            if kind == 'visit' and p is e_date and pl == (1, '6m'):
                errors.append(dict(sheet=ws.title, cell='I%d' % r, row=r, header='التاريخ', value=row[8],
                                   what='impossible calendar date', pid=p['pid']))
            if kind == 'visit' and p is e_pre and pl == (1, '3m'):
                errors.append(dict(sheet=ws.title, cell='I%d' % r, row=r, header='التاريخ',
                                   value=row[8].strftime('%d/%m/%Y') if isinstance(row[8], dt.date) else row[8],
                                   what='3-month follow-up dated before the procedure (year typo)', pid=p['pid']))
            if kind == 'visit' and p is e_vas and pl == (1, '2w'):
                errors.append(dict(sheet=ws.title, cell='P%d' % r, row=r, header='VAS', value=str(row[15]),
                                   what='VAS 12 beyond the 0-10 scale', pid=p['pid']))
            if kind == 'proc' and p is e_lvl and pl['session'] == 1:
                errors.append(dict(sheet=ws.title, cell='K%d' % r, row=r, header='الفقرات', value=row[10],
                                   what='impossible vertebral level', pid=p['pid']))
            if kind == 'proc' and p is e_vol and pl['session'] == 1:
                errors.append(dict(sheet=ws.title, cell='N%d' % r, row=r, header='كمية الأسمنت (مل)', value=str(row[13]),
                                   what='25 mL cement in one vertebra (>20 mL)', pid=p['pid']))
    for c, w in zip('ABCDEFGHIJKLMNOPQR', [10, 26, 10, 16, 14, 7, 8, 30, 12, 24, 14, 20, 14, 16, 28, 6, 7, 34]):
        ws.column_dimensions[c].width = w
    ws.freeze_panes = 'B4'

    def pv(p, s):
        return not s['total_only']
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents, per_vertebra=pv)


if __name__ == '__main__':
    main(sys.argv[1])
