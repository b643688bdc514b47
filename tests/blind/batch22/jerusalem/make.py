# ---------------------------------------------------------------------------
# Shared cohort generator (identical block in each site's make.py)
# ---------------------------------------------------------------------------
import sys, os, csv, random, datetime as dt

D = dt.date
SPINE = [f'T{i}' for i in range(1, 13)] + [f'L{i}' for i in range(1, 6)]
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
TP_JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 9,
          '6m': 14, '12m': 20, '24m': 25}
LVL_W = {'T5': 1, 'T6': 1, 'T7': 2, 'T8': 3, 'T9': 3, 'T10': 4, 'T11': 7, 'T12': 14,
         'L1': 14, 'L2': 9, 'L3': 6, 'L4': 4, 'L5': 2}


def age_on(birth, d):
    return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))


def lvl_idx(l):
    return SPINE.index(l)


def r05(x):
    return round(x * 2) / 2


def fmt_num(v):
    if v is None or v == '':
        return ''
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f'{v:g}' if isinstance(v, float) else str(v)


def gen_cohort(seed, n, cfg):
    """Return list of patient dicts (the truth model)."""
    rng = random.Random(seed)
    lo, hi = lvl_idx(cfg.get('lvl_lo', 'T6')), lvl_idx(cfg.get('lvl_hi', 'L5'))
    allowed = [l for l in SPINE[lo:hi + 1]]
    pool = list(range(n))
    rng.shuffle(pool)
    n_s2, n_fx, n_dead, n_err = 3, cfg.get('n_fxonly', 2), cfg.get('n_dead', 3), cfg['n_err']
    s2 = pool[:n_s2]
    fxo = pool[n_s2:n_s2 + n_fx]
    dead = pool[n_s2 + n_fx:n_s2 + n_fx + n_dead]
    err = pool[n_s2 + n_fx + n_dead:n_s2 + n_fx + n_dead + n_err]
    rest = [i for i in range(n) if i not in s2 + fxo + dead + err]
    # multi-level patients (~30%)
    n_multi = round(0.3 * n)
    multi_pool = [i for i in range(n) if i not in err] 
    rng.shuffle(multi_pool)
    multi = {i: (3 if k < max(2, n_multi // 3) else 2) for k, i in enumerate(multi_pool[:n_multi])}
    # enrolment dates
    start, end = cfg['start'], cfg['end']
    span = (end - start).days
    dates = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(n))
    pats = []
    for i in range(n):
        p = {'i': i, 'roles': set()}
        if i in s2: p['roles'].add('s2')
        if i in fxo: p['roles'].add('fxonly')
        if i in dead: p['roles'].add('dead')
        if i in err: p['roles'].add('err')
        # etiology
        r = rng.random()
        if 'dead' in p['roles']:
            et = 'pathologic' if dead.index(i) < 2 else 'osteoporotic'
        elif r < 0.70: et = 'osteoporotic'
        elif r < 0.86: et = 'pathologic'
        else: et = 'traumatic'
        if 's2' in p['roles']: et = 'osteoporotic'
        p['etiology'] = et
        if et == 'pathologic':
            p['etio_detail'] = rng.choice(['meta_breast', 'meta_lung', 'meta_prostate', 'myeloma', 'myeloma', 'meta_kidney'])
        elif et == 'traumatic':
            p['etio_detail'] = 'trauma'
        elif et == 'other':
            p['etio_detail'] = 'other'
        else:
            p['etio_detail'] = rng.choice(['osteo', 'osteo', 'osteo', 'osteo_steroid'])
        if et == 'osteoporotic':
            sex = 'female' if rng.random() < 0.78 else 'male'; age = rng.randint(61, 91)
        elif et == 'pathologic':
            sex = 'female' if p['etio_detail'] == 'meta_breast' else ('male' if p['etio_detail'] == 'meta_prostate' else rng.choice(['female', 'male']))
            age = rng.randint(47, 83)
        elif et == 'traumatic':
            sex = rng.choice(['female', 'male', 'male']); age = rng.randint(33, 69)
        else:
            sex = rng.choice(['female', 'male']); age = rng.randint(50, 80)
        p['sex'], p['age'] = sex, age
        d0 = dates[i]
        p['d0'] = d0
        # birth date consistent with age at d0
        while True:
            b = D(d0.year - age - rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28))
            if age_on(b, d0) == age: break
        p['birth'] = b
        # levels
        nl = multi.get(i, 1)
        cands = [l for l in allowed if lvl_idx(l) + (nl - 1) <= hi]
        w = [LVL_W.get(l, 1) for l in cands]
        first = rng.choices(cands, w)[0]
        fi = lvl_idx(first)
        if nl == 1: levels = [first]
        elif nl == 2:
            if rng.random() < 0.75 or fi + 2 > hi: levels = [SPINE[fi], SPINE[fi + 1]]
            else: levels = [SPINE[fi], SPINE[fi + 2]]
        else: levels = [SPINE[fi], SPINE[fi + 1], SPINE[fi + 2]]
        p['sessions'] = [make_session(rng, cfg, p, 1, d0, levels)]
        p['fractures'] = []
        p['visits'] = []
        p['died'] = False
        p['death_date'] = None
        # visits session 1
        for tp in cfg['sched1']:
            if tp == 'pre':
                vd = d0
            else:
                vd = d0 + dt.timedelta(days=TP_DAYS[tp] + rng.randint(-TP_JIT[tp], TP_JIT[tp]))
            p['visits'].append({'session': 1, 'tp': tp, 'date': vd, 'status': 'done'})
        fu = [v for v in p['visits'] if v['tp'] != 'pre']
        if 's2' in p['roles']:
            k = s2.index(i)
            # fracture detected at an early follow-up visit
            cand = [v for v in fu if TP_DAYS[v['tp']] >= 28 and TP_DAYS[v['tp']] <= 120]
            fv = cand[k % len(cand)]
            fx_day = (fv['date'] - d0).days
            fv['fx_here'] = True
            used = set(p['sessions'][0]['levels'])
            lo_l, hi_l = lvl_idx(min(used, key=lvl_idx)), lvl_idx(max(used, key=lvl_idx))
            opts = [SPINE[j] for j in (lo_l - 1, hi_l + 1, hi_l + 2) if lo <= j <= hi]
            lvl2 = opts[k % len(opts)]
            d2 = fv['date'] + dt.timedelta(days=rng.randint(5, 18))
            p['fractures'].append({'date': fv['date'], 'level': lvl2, 'treated': True})
            p['visits'] = [v for v in p['visits'] if v['date'] < d2]
            p['sessions'].append(make_session(rng, cfg, p, 2, d2, [lvl2]))
            for tp in cfg['sched2']:
                vd = d2 if tp == 'pre' else d2 + dt.timedelta(days=TP_DAYS[tp] + rng.randint(-TP_JIT[tp], TP_JIT[tp]))
                p['visits'].append({'session': 2, 'tp': tp, 'date': vd, 'status': 'done'})
        if 'fxonly' in p['roles']:
            k = fxo.index(i)
            fv = fu[-1 - (k % 2)] if len(fu) >= 2 else fu[-1]
            fv['fx_here'] = True
            used = p['sessions'][0]['levels']
            j = lvl_idx(used[-1]) + 2 if lvl_idx(used[-1]) + 2 <= hi else lvl_idx(used[0]) - 2
            p['fractures'].append({'date': fv['date'], 'level': SPINE[j], 'treated': False})
        if 'dead' in p['roles']:
            k = dead.index(i)
            fu = [v for v in p['visits'] if v['tp'] != 'pre']
            last = [1, 2, len(fu) - 1][k % 3]
            last = max(1, min(last, len(fu)))
            lv = fu[last - 1]
            nxt = fu[last] if last < len(fu) else None
            if nxt is not None:
                gap = (nxt['date'] - lv['date']).days
                dd = lv['date'] + dt.timedelta(days=rng.randint(3, max(4, gap - 3)))
                for v in fu[last:]:
                    v['status'] = 'dead'
            else:
                dd = lv['date'] + dt.timedelta(days=rng.randint(20, 90))
            p['died'] = True
            p['death_date'] = dd
        # missed visits for plain patients
        if not p['roles'] & {'s2', 'fxonly', 'dead'}:
            for v in p['visits']:
                if v['tp'] != 'pre' and v['status'] == 'done' and rng.random() < cfg.get('p_miss', 0.12):
                    v['status'] = 'missed'
        # scores
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            sess = v['session']
            if v['tp'] == 'pre':
                vas = rng.randint(6, 10) if sess == 1 else rng.randint(7, 9)
                odi = 2 * rng.randint(22, 42)
            elif v.get('fx_here') and 's2' in p['roles']:
                vas = rng.randint(6, 9); odi = 2 * rng.randint(24, 38)
            else:
                dd_ = TP_DAYS[v['tp']]
                base = 5 if dd_ <= 2 else (4 if dd_ <= 14 else 3)
                vas = max(0, min(9, base + rng.randint(-2, 2)))
                odi = 2 * max(4, min(34, (12 if dd_ <= 14 else 9) + rng.randint(-5, 7)))
            v['vas'] = float(vas)
            v['odi'] = odi
            if v['tp'] not in cfg.get('odi_tps', cfg['sched1']):
                v['odi'] = None
        pats.append(p)
    return pats


def make_session(rng, cfg, p, sno, date, levels):
    tech = 'kyphoplasty' if rng.random() < cfg.get('p_kypho', 0.4) else 'vertebroplasty'
    if p['etiology'] == 'traumatic' and rng.random() < cfg.get('p_cap_trauma', 0.6):
        cem = 'calcium phosphate'
    else:
        cem = 'PMMA'
    brand = rng.choice(cfg['brands'])
    vols = []
    for l in levels:
        j = lvl_idx(l)
        if j <= lvl_idx('T10'): v = rng.uniform(1.5, 3.5)
        elif j <= lvl_idx('L1'): v = rng.uniform(2.5, 5.0)
        else: v = rng.uniform(3.0, 6.0)
        if tech == 'kyphoplasty': v += rng.uniform(0.5, 1.5)
        if p['etiology'] == 'pathologic': v -= 0.5
        vols.append(max(1.5, r05(v)) if cfg.get('vol_step', 0.5) == 0.5 else max(1.5, round(v, 1)))
    leaks = []
    for l in levels:
        r = rng.random()
        if r < 0.70: lk = ['none']
        elif r < 0.81: lk = ['disc']
        elif r < 0.89: lk = ['venous']
        elif r < 0.95: lk = ['paravertebral']
        elif r < 0.98: lk = ['epidural']
        else: lk = ['disc', 'venous']
        leaks.append(lk)
    return {'session': sno, 'date': date, 'levels': list(levels), 'technique': tech,
            'cement': cem, 'brand': brand, 'vols': vols, 'leaks': leaks,
            'vol_mode': 'per_level' if rng.random() < cfg.get('p_perlevel', 0.5) else 'total',
            'leak_recorded': True}


def write_truth(outdir, pats, errors, idents, vas_div=1.0):
    sanity(pats)
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    tp = [p for p in pats if not p.get('no_id')]
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p.get('t_etiology', p['etiology']),
        'yes' if p['died'] else 'no'] for p in tp])
    rows = []
    for p in tp:
        d0 = p['sessions'][0]['date']
        for s in p['sessions']:
            tot = sum(s['vols'])
            for j, l in enumerate(s['levels']):
                wp, wt = s.get('w_perlevel'), s.get('w_total')
                if len(s['levels']) == 1 and (wp or wt):
                    cv, sv = s['vols'][0], s['vols'][0]
                else:
                    cv = s['vols'][j] if wp else ''
                    sv = tot if wt else ''
                lk = ';'.join(s['leaks'][j]) if s.get('leak_recorded', True) else ''
                rows.append([p['pid'], s['session'], (s['date'] - d0).days, l, s['technique'],
                             fmt_num(cv if cv == '' else float(cv)), fmt_num(sv if sv == '' else float(round(sv, 2))),
                             s.get('t_cement', s['cement']), lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in tp:
        for v in p['visits']:
            if v['status'] != 'done':
                continue
            if v.get('vas') is not None:
                rows.append([p['pid'], v['session'], 'pain_vas', v['tp'], fmt_num(float(v['vas']) / vas_div)])
            if v.get('odi') is not None:
                rows.append([p['pid'], v['session'], 'odi', v['tp'], fmt_num(float(v['odi']))])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    rows = []
    for p in tp:
        d0 = p['sessions'][0]['date']
        for fx in p['fractures']:
            rows.append([p['pid'], (fx['date'] - d0).days, fx['level']])
    w('fractures.csv', ['patient_id', 'day', 'level'], rows)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['column_header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set(); out = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v))); out.append([k, v])
    w('identifiers.csv', ['kind', 'value'], out)
# ---------------------------------------------------------------------------


THIRTY = {4, 6, 9, 11}


def month_end_targets(d, spread):
    """Dates within +-spread days of d that are the last day of a 30-day month or of February."""
    out = []
    for k in range(-spread, spread + 1):
        x = d + dt.timedelta(days=k)
        nxt = x + dt.timedelta(days=1)
        if nxt.day == 1 and (x.month in THIRTY or x.month == 2):
            out.append((abs(k), x))
    return [x for _, x in sorted(out)]


def plant_impossible_date(pats_err, tps, spread=12):
    """Move one done follow-up visit of one of pats_err onto the end of a short month.
    Returns (patient, visit, (y, m, bad_day)). The visit keeps its timepoint."""
    for p in pats_err:
        vs = [v for v in p['visits'] if v['tp'] in tps and v['status'] == 'done' and v['session'] == 1]
        for v in vs:
            # keep order with neighbours
            before = [w['date'] for w in p['visits'] if w['date'] < v['date']]
            after = [w['date'] for w in p['visits'] if w['date'] > v['date']]
            for x in month_end_targets(v['date'], spread):
                if (not before or x > max(before)) and (not after or x < min(after)):
                    v['date'] = x
                    bad = 31 if x.month in THIRTY else 30
                    return p, v, (x.year, x.month, bad)
    raise RuntimeError('no visit can carry an impossible date')


def sanity(pats):
    for p in pats:
        d0 = p['sessions'][0]['date']
        sd = {s['session']: s['date'] for s in p['sessions']}
        for v in p['visits']:
            if v['status'] == 'dead':
                continue
            assert v['date'] >= sd[v['session']], (p.get('pid'), v)
            if v['session'] == 1 and 2 in sd:
                assert v['date'] < sd[2], (p.get('pid'), v)
            if p['died']:
                assert v['date'] < p['death_date'], (p.get('pid'), v)
        for f in p['fractures']:
            assert f['date'] > d0
            if p['died']:
                assert f['date'] < p['death_date']
        if len(p['sessions']) > 1:
            assert p['sessions'][1]['date'] > p['sessions'][0]['date']

# ---------------------------------------------------------------------------
# Site: jerusalem -- online-form export (baseline + follow-up form in one sheet)
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

SEED = 2231
N = 26
CFG = dict(start=D(2020, 9, 1), end=D(2022, 6, 30), sched1=['pre', '1w', '1m', '3m', '12m'],
           sched2=['pre', '1m', '3m'], odi_tps=['pre', '1m', '3m', '12m'], n_err=4, n_fxonly=2, n_dead=2,
           brands=['Kyphon HV-R', 'Osteopal V', 'Mendec Spine'], p_kypho=0.5, p_perlevel=0.0,
           lvl_lo='T5', lvl_hi='L5', p_miss=0.12)

Q = [
    'חותמת זמן',
    'כתובת אימייל',
    'איזה טופס ממלאים עכשיו?',
    'מהו מספר המטופל/ת במחקר (למשל JVA-007)?',
    'מהו שמו/ה המלא של המטופל/ת?',
    'מהו מספר תעודת הזהות של המטופל/ת?',
    'מהו מספר התיק הרפואי בבית החולים?',
    'מהו מספר הטלפון ליצירת קשר עם המטופל/ת או המשפחה?',
    'מהו תאריך הלידה של המטופל/ת?',
    'מהו מין המטופל/ת?',
    'מה הגורם לשבר החוליה?',
    'האם זו פרוצדורה חוזרת אצל מטופל/ת שכבר נכלל/ה במחקר?',
    'באיזה תאריך בוצעה הפרוצדורה?',
    'אילו חוליות טופלו? (סמנו את כל המתאימות)',
    'איזו טכניקה בוצעה?',
    'כמה מ"ל צמנט הוזרקו בסך הכול (בכל החוליות יחד)?',
    'באיזה צמנט השתמשתם?',
    'האם נצפתה דליפת צמנט בשיקוף או ב-CT? (סמנו את כל המתאימים)',
    'אם טופלה יותר מחוליה אחת והייתה דליפה – באיזו חוליה הייתה הדליפה?',
    'מה עוצמת הכאב לפני הפרוצדורה (0 = אין כאב, 10 = הכאב הגרוע ביותר)?',
    'מהו ציון ה-ODI (אוסווסטרי) לפני הפרוצדורה, באחוזים?',
    'איזה ביקור זה?',
    'האם הביקור הוא אחרי הפרוצדורה הראשונה או אחרי הפרוצדורה החוזרת?',
    'באיזה תאריך התקיים הביקור? (dd.mm.yy)',
    'האם המטופל/ת הגיע/ה לביקור?',
    'מה עוצמת הכאב כעת (0 = אין כאב, 10 = הכאב הגרוע ביותר)?',
    'מהו ציון ה-ODI (אוסווסטרי) כעת, באחוזים?',
    'האם נמצא שבר חדש בעמוד השדרה מאז הביקור הקודם?',
    'אם כן – באיזו חוליה?',
    'אם המטופל/ת נפטר/ה – מה תאריך הפטירה? (dd.mm.yy)',
    'הערות נוספות',
]
QI = {q: i + 1 for i, q in enumerate(Q)}
FORM_BASE = 'טופס קבלה – לפני הפרוצדורה'
FORM_FU = 'טופס מעקב'
VISIT_HE = {'1w': 'שבוע אחרי הפרוצדורה', '1m': 'חודש אחרי הפרוצדורה', '3m': '3 חודשים אחרי הפרוצדורה',
            '6m': 'חצי שנה אחרי הפרוצדורה', '12m': 'שנה אחרי הפרוצדורה'}
LEAK_HE = {'none': 'לא נצפתה דליפה', 'disc': 'דיסק', 'venous': 'ורידית', 'paravertebral': 'רקמות רכות (פרה-ורטברלית)',
           'epidural': 'אפידורלית', 'foraminal': 'פורמינלית'}
ETIO_HE = {'osteo': 'אוסטאופורוזיס', 'osteo_steroid': 'אוסטאופורוזיס משנית לטיפול בסטרואידים',
           'meta_breast': 'גרורות', 'meta_lung': 'גרורות', 'meta_prostate': 'גרורות', 'meta_kidney': 'Renal cell carcinoma - גרורה',
           'myeloma': 'מיאלומה נפוצה', 'trauma': 'טראומה (נפילה מגובה)'}
NAMES = {
    'female': [('he', 'שרה לוי'), ('he', 'רחל כהן'), ('he', 'מרים אברהם'), ('he', 'אסתר מזרחי'), ('he', 'חנה פרידמן'),
               ('he', 'יהודית ביטון'), ('he', 'לאה גולדשטיין'), ('he', 'רבקה שטרן'), ('he', 'זהבה אוחיון'),
               ('ar', 'فاطمة أبو غوش'), ('ar', 'مريم الخطيب'), ('ar', 'عائشة دجاني'), ('ar', 'سعاد نسيبة'),
               ('en', 'Margaret Feldman'), ('en', 'Dorothy Katz'), ('he', 'צילה ברק'), ('he', 'שושנה דהן'),
               ('ar', 'خديجة الحسيني'), ('he', 'נחמה רוזן'), ('he', 'פנינה אלון')],
    'male': [('he', 'יוסף כהן'), ('he', 'אברהם פרץ'), ('he', 'משה ביטון'), ('ar', 'محمد خليل'), ('ar', 'أحمد عويضة'),
             ('he', 'יעקב שפירא'), ('en', 'Harold Weiss'), ('ar', 'خليل البكري'), ('he', 'דוד אזולאי'), ('he', 'שמעון גבאי')],
}
EMAILS = ['dr.levi.spine@gmail.com', 'noa.research.hmc@gmail.com', 'ahmad.k.ortho@gmail.com']
NOTES = ['', '', '', '', 'pt. comfortable, d/c next day', 'המשפחה מבקשת מעקב טלפוני', 'المريضة تتحسن',
         'מטופלת עם הליכון', 'f/u with oncology', 'כאב מכני בלבד, ללא רדיקולופתיה', 'בוצע בהרדמה מקומית + סדציה']


def il_id(rng):
    d = [rng.randint(0, 9) for _ in range(8)]
    d[0] = rng.randint(0, 3)
    s = 0
    for i, x in enumerate(d):
        y = x * (1 if i % 2 == 0 else 2)
        s += y if y < 10 else y - 9
    return ''.join(map(str, d)) + str((10 - s % 10) % 10)


def ddmmyy(d):
    return f'{d.day:02d}.{d.month:02d}.{d.year % 100:02d}'


def main(outdir):
    rng = random.Random(SEED + 1)
    pats = gen_cohort(SEED, N, CFG)
    fpool, mpool = NAMES['female'][:], NAMES['male'][:]
    rng.shuffle(fpool); rng.shuffle(mpool)
    idents = [('email', e) for e in EMAILS]
    for k, p in enumerate(pats):
        p['pid'] = f'JVA-{k + 1:03d}'
        p['lang'], p['name'] = (fpool.pop() if p['sex'] == 'female' else mpool.pop())
        p['tz'] = il_id(rng)
        p['mrn'] = str(rng.randint(1000000, 4999999))
        p['phone'] = rng.choice(['050', '052', '054', '058', '02']) + '-' + f'{rng.randint(0, 9999999):07d}'
        idents += [('name', p['name']), ('national_id', p['tz']), ('record_number', p['mrn']), ('phone', p['phone']),
                   ('birth_date', p['birth'].strftime('%d/%m/%Y'))]
        p['email'] = rng.choice(EMAILS)
        # one leaking level at most in multi-level sessions (the form asks for one level)
        for s in p['sessions']:
            if len(s['levels']) > 1:
                leak_js = [j for j, lk in enumerate(s['leaks']) if lk != ['none']]
                for j in leak_js[1:]:
                    s['leaks'][j] = ['none']
            s['w_total'] = True; s['w_perlevel'] = False
    err = [p for p in pats if 'err' in p['roles']]
    errors = []
    # E1: 'L6' typed into the "Other" box of the levels question
    e1 = err[0]; s = e1['sessions'][0]
    s['levels'] = ['L5', 'L6']; s['vols'] = [4.0, 3.5]; s['leaks'] = [['none'], ['none']]
    s['e_level'] = True
    # E3: impossible visit date (31.04 / 31.06 / ...)
    e3p, e3v, e3bad = plant_impossible_date(err[1:], ['1m', '3m', '12m'])
    e3v['bad_date'] = e3bad
    rest = [x for x in err[1:] if x is not e3p]

    def force_done(p, tp):
        v = [v for v in p['visits'] if v['tp'] == tp and v['session'] == 1][0]
        if v['status'] != 'done':
            v['status'] = 'done'; v['vas'] = 3.0; v['odi'] = 22 if tp in CFG['odi_tps'] else None
        return v
    # E2: VAS 65 (a millimetre value typed into the 0-10 field)
    e2v = force_done(rest[0], '1m'); e2v['vas'] = 65.0; e2v['bad_vas'] = True
    # E4: 1-week visit dated a month before the procedure
    e4v = force_done(rest[1], '1w'); e4v['bad_before'] = True
    # ODI not filled at a few follow-up visits (question was optional)
    for p in pats:
        if 'err' in p['roles']: continue
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] not in ('pre',) and v.get('odi') is not None and rng.random() < 0.08:
                v['odi'] = None
    # one baseline where the leakage question was skipped
    for p in pats:
        if not p['roles'] and len(p['sessions'][0]['levels']) == 1:
            p['sessions'][0]['leak_recorded'] = False
            break

    subs = []  # (timestamp, dict col->value, meta)

    def ts_after(d, lo, hi):
        day = d + dt.timedelta(days=rng.randint(lo, hi))
        return dt.datetime(day.year, day.month, day.day, rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59))

    for p in pats:
        for s in p['sessions']:
            a = {}
            a['כתובת אימייל'] = p['email']
            a['איזה טופס ממלאים עכשיו?'] = FORM_BASE
            a[Q[3]] = p['pid']
            a[Q[4]] = p['name']
            a[Q[5]] = p['tz']
            a[Q[6]] = p['mrn']
            a[Q[7]] = p['phone']
            a[Q[8]] = dt.datetime.combine(p['birth'], dt.time())
            a[Q[9]] = 'נקבה' if p['sex'] == 'female' else 'זכר'
            a[Q[10]] = ETIO_HE[p['etio_detail']]
            a[Q[11]] = 'לא – פרוצדורה ראשונה' if s['session'] == 1 else 'כן – פרוצדורה חוזרת (שבר חדש)'
            a[Q[12]] = dt.datetime.combine(s['date'], dt.time())
            a[Q[13]] = ', '.join(s['levels'])
            a[Q[14]] = 'קיפופלסטיה (בלון)' if s['technique'] == 'kyphoplasty' else 'ורטברופלסטיה'
            tot = round(sum(s['vols']), 1)
            a[Q[15]] = tot if rng.random() < 0.7 else f'{fmt_num(tot)} מ"ל'
            if s['cement'] == 'calcium phosphate':
                a[Q[16]] = 'סידן פוספט (Calcium phosphate)'
            else:
                a[Q[16]] = f'PMMA – {s["brand"]}'
            if s['leak_recorded']:
                types = []
                for lk in s['leaks']:
                    for x in lk:
                        if x not in types: types.append(x)
                if len(types) > 1 and 'none' in types: types.remove('none')
                a[Q[17]] = ', '.join(LEAK_HE[x] for x in types)
                if len(s['levels']) > 1 and types != ['none']:
                    j = [j for j, lk in enumerate(s['leaks']) if lk != ['none']][0]
                    a[Q[18]] = s['levels'][j]
            pre = [v for v in p['visits'] if v['session'] == s['session'] and v['tp'] == 'pre'][0]
            a[Q[19]] = int(pre['vas'])
            a[Q[20]] = pre['odi']
            note = rng.choice(NOTES)
            if note: a[Q[30]] = note
            subs.append((ts_after(s['date'], 0, 3), a, ('base', p, s)))
        # follow-up submissions
        for v in p['visits']:
            if v['tp'] == 'pre':
                continue
            if v['status'] == 'missed' and rng.random() < 0.4:
                continue  # missed visit never reported
            a = {}
            a['כתובת אימייל'] = p['email']
            a['איזה טופס ממלאים עכשיו?'] = FORM_FU
            a[Q[3]] = p['pid']
            a[Q[21]] = VISIT_HE[v['tp']]
            a[Q[22]] = 'אחרי הפרוצדורה הראשונה' if v['session'] == 1 else 'אחרי הפרוצדורה החוזרת'
            if v['status'] == 'dead':
                if v is not [w for w in p['visits'] if w['status'] == 'dead'][0]:
                    continue
                a[Q[24]] = 'לא – המטופל/ת נפטר/ה'
                a[Q[29]] = ddmmyy(p['death_date'])
                a[Q[30]] = rng.choice(['נפטר/ה בבית, לפי המשפחה', 'died in oncology ward', 'توفي في المستشفى'])
                subs.append((ts_after(v['date'], 0, 6), a, ('fu', p, v)))
                continue
            if v['status'] == 'missed':
                a[Q[23]] = ddmmyy(v['date'])
                a[Q[24]] = 'לא – לא הגיע/ה'
                a[Q[30]] = rng.choice(['לא ענו לטלפון', 'no show', 'המטופלת באשפוז בבית חולים אחר'])
                subs.append((ts_after(v['date'], 0, 4), a, ('fu', p, v)))
                continue
            if v.get('bad_date'):
                y, m, bd = v['bad_date']
                a[Q[23]] = f'{bd:02d}.{m:02d}.{y % 100:02d}'
            elif v.get('bad_before'):
                d = v['date']
                pm = (d.month - 2) % 12 + 1
                py = d.year - (1 if d.month == 1 else 0)
                a[Q[23]] = f'{min(d.day, 28):02d}.{pm:02d}.{py % 100:02d}'
            else:
                a[Q[23]] = ddmmyy(v['date']) if rng.random() < 0.85 else v['date'].strftime('%d/%m/%Y')
            a[Q[24]] = 'כן'
            a[Q[25]] = int(v['vas']) if v.get('vas') is not None else None
            if v.get('odi') is not None: a[Q[26]] = v['odi']
            if v.get('fx_here'):
                fx = [f for f in p['fractures'] if f['date'] == v['date']][0]
                a[Q[27]] = 'כן'
                a[Q[28]] = fx['level']
                a[Q[30]] = ('הופנה לפרוצדורה חוזרת' if fx['treated'] else 'טיפול שמרני – מחוך') + f" (MRI {ddmmyy(v['date'])})"
            else:
                a[Q[27]] = 'לא'
            subs.append((ts_after(v['date'], 0, 5), a, ('fu', p, v)))
        if p['died'] and not any(v['status'] == 'dead' for v in p['visits']):
            # died after the last visit: a status-only follow-up submission
            a = {'כתובת אימייל': p['email'], 'איזה טופס ממלאים עכשיו?': FORM_FU, Q[3]: p['pid'],
                 Q[21]: 'עדכון סטטוס (ללא ביקור)', Q[22]: 'אחרי הפרוצדורה הראשונה', Q[24]: 'לא – המטופל/ת נפטר/ה',
                 Q[29]: ddmmyy(p['death_date'])}
            subs.append((ts_after(p['death_date'], 2, 10), a, ('death', p, None)))
    subs.sort(key=lambda x: x[0])

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'תגובות לטופס 1'
    ws.sheet_view.rightToLeft = True
    for j, q in enumerate(Q):
        c = ws.cell(1, j + 1, q)
        c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True, vertical='top')
        c.fill = PatternFill('solid', fgColor='D9E2F3')
        ws.column_dimensions[get_column_letter(j + 1)].width = 22 if j else 20
    ws.row_dimensions[1].height = 75
    for r, (ts, a, meta) in enumerate(subs, start=2):
        c = ws.cell(r, 1, ts); c.number_format = 'dd/mm/yyyy hh:mm:ss'
        for q, val in a.items():
            if val is None: continue
            c = ws.cell(r, QI[q], val)
            if isinstance(val, dt.datetime):
                c.number_format = 'dd/mm/yyyy'
        kind, p, x = meta
        if kind == 'base' and x.get('e_level'):
            col = QI[Q[13]]
            errors.append(dict(sheet=ws.title, cell=f'{get_column_letter(col)}{r}', row=r, column_header=Q[13],
                               value=a[Q[13]], what='level L6 does not exist (typed into "Other")', pid=p['pid']))
        if kind == 'fu' and x.get('bad_vas'):
            col = QI[Q[25]]
            errors.append(dict(sheet=ws.title, cell=f'{get_column_letter(col)}{r}', row=r, column_header=Q[25],
                               value='65', what='pain score 65 on a 0-10 scale', pid=p['pid']))
        if kind == 'fu' and x.get('bad_date'):
            col = QI[Q[23]]
            errors.append(dict(sheet=ws.title, cell=f'{get_column_letter(col)}{r}', row=r, column_header=Q[23],
                               value=a[Q[23]], what='impossible date (31st of a 30-day month / 30 February)', pid=p['pid']))
        if kind == 'fu' and x.get('bad_before'):
            col = QI[Q[23]]
            errors.append(dict(sheet=ws.title, cell=f'{get_column_letter(col)}{r}', row=r, column_header=Q[23],
                               value=a[Q[23]], what='follow-up visit dated before the procedure', pid=p['pid']))
    ws.freeze_panes = 'B2'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
