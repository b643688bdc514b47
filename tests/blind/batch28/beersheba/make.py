# -*- coding: utf-8 -*-
# ---------------------------------------------------------------------------
# Shared generator part (identical in the five make.py of writer B).
# Generates one cohort, then the site part renders it into the workbook and
# the same objects are written to truth/ -- so input and truth cannot drift.
# ---------------------------------------------------------------------------
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
VAS_DROP = {'24h': 3.0, '1w': 3.4, '2w': 3.7, '6w': 4.1, '1m': 4.1, '3m': 4.4,
            '6m': 4.5, '12m': 4.6}
ODI_DROP = {'1m': 22, '6w': 24, '3m': 30, '6m': 32, '12m': 34}


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def rdate(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def contiguous(center, k, lo='T4', hi='L5'):
    i = SPINE.index(center)
    a = i - (k - 1) // 2
    a = max(SPINE.index(lo), min(a, SPINE.index(hi) - k + 1))
    return SPINE[a:a + k]


def gen_cohort(rng, n, start, end, cutoff, vas_tps, odi_tps, vas2_tps, odi2_tps,
               kp_share=0.3, n_dead=3, n_frac=4, n_reop=3, missed_rate=0.1,
               cement_types=(('PMMA', 1.0),), per_session_leak=False,
               level_lo='T4', level_hi='L5', reop_max_levels=1):
    etiol = (['osteoporotic'] * (n - 7) + ['pathologic'] * 4 + ['traumatic'] * 2 +
             ['other'])
    rng.shuffle(etiol)
    dates = sorted(rdate(rng, start, end) for _ in range(n))
    pats = []
    for k in range(n):
        e = etiol[k]
        if e == 'osteoporotic':
            sex = 'female' if rng.random() < 0.78 else 'male'
            age = rng.randint(64, 89)
        elif e == 'pathologic':
            sex = rng.choice(['female', 'male'])
            age = rng.randint(51, 79)
        elif e == 'traumatic':
            sex = 'male' if rng.random() < 0.6 else 'female'
            age = rng.randint(48, 74)
        else:
            sex = rng.choice(['female', 'male'])
            age = rng.randint(44, 68)
        d0 = dates[k]
        birth = dt.date(d0.year - age - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        while age_on(birth, d0) != age:
            birth += dt.timedelta(days=1 if age_on(birth, d0) > age else -1)
        nl = rng.choices([1, 2, 3], [55, 35, 10])[0] if e != 'other' else 1
        if e == 'pathologic':
            nl = rng.choice([1, 2, 2, 3])
        cen = rng.choices(['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'],
                          [1, 2, 2, 2, 3, 6, 10, 10, 5, 3, 2])[0]
        levels = contiguous(cen, nl, level_lo, level_hi)
        tech = 'kyphoplasty' if rng.random() < (kp_share + (0.3 if e == 'traumatic' else 0)) else 'vertebroplasty'
        p = dict(id=None, idx=k, sex=sex, age=age, etiology=e, birth=birth, d0=d0,
                 died=False, death_day=None, fractures=[], sessions=[])
        p['sessions'].append(make_session(rng, p, 1, 0, levels, tech, cement_types, per_session_leak))
        pats.append(p)
    # deaths: mostly pathologic
    cand = [p for p in pats if p['etiology'] == 'pathologic'] + \
           [p for p in pats if p['etiology'] == 'osteoporotic' and p['age'] > 80]
    for p in cand[:n_dead]:
        span = (cutoff - p['d0']).days
        if span < 80:
            continue
        p['died'] = True
        p['death_day'] = rng.randint(60, min(span - 5, 520))
    # new fractures (osteoporotic preferred), some re-operated
    cand = [p for p in pats if p['etiology'] == 'osteoporotic' and not p['died']
            and (cutoff - p['d0']).days > 200]
    rng.shuffle(cand)
    fr = cand[:n_frac]
    fr.sort(key=lambda p: p['idx'])
    reop = set(id(p) for p in fr[:n_reop]) if n_reop else set()
    for p in fr:
        s1 = p['sessions'][0]
        span = (cutoff - p['d0']).days
        day = rng.randint(35, min(span - 150, 420))
        top, bot = SPINE.index(s1['levels'][0]['level']), SPINE.index(s1['levels'][-1]['level'])
        opts = [SPINE[i] for i in (top - 1, bot + 1)
                if SPINE.index(level_lo) <= i <= SPINE.index(level_hi)]
        flev = rng.choice(opts)
        p['fractures'].append((day, flev))
        if id(p) in reop:
            d2 = day + rng.randint(6, 28)
            lv = [flev]
            if reop_max_levels > 1 and rng.random() < 0.5:
                j = SPINE.index(flev) + (1 if SPINE.index(flev) > bot else -1)
                if SPINE.index(level_lo) <= j <= SPINE.index(level_hi):
                    lv = sorted([flev, SPINE[j]], key=SPINE.index)
            t2 = s1['technique'] if rng.random() < 0.7 else 'vertebroplasty'
            p['sessions'].append(make_session(rng, p, 2, d2, lv, t2, cement_types, per_session_leak))
    # assessments
    for p in pats:
        for s in p['sessions']:
            tps_v = vas_tps if s['session'] == 1 else vas2_tps
            tps_o = odi_tps if s['session'] == 1 else odi2_tps
            base = rng.choice([7, 8, 8, 8, 9, 9]) + (1 if p['etiology'] == 'pathologic' and rng.random() < 0.4 else 0)
            base = min(base, 10)
            obase = rng.randint(26, 42) * 2
            s['vas'] = {}
            s['odi'] = {}
            for meas, tps, store in (('vas', tps_v, s['vas']), ('odi', tps_o, s['odi'])):
                for tp in tps:
                    absday = s['day'] + TP_DAYS[tp]
                    if p['d0'] + dt.timedelta(days=absday) > cutoff:
                        store[tp] = ('pending', None)
                        continue
                    if p['died'] and absday >= p['death_day']:
                        store[tp] = ('dead', None)
                        continue
                    if tp != 'pre' and tp != '24h' and rng.random() < missed_rate:
                        store[tp] = ('missed', None)
                        continue
                    if meas == 'vas':
                        v = base if tp == 'pre' else base - VAS_DROP[tp] + rng.gauss(0, 0.9)
                        if p['etiology'] == 'pathologic' and tp != 'pre':
                            v += 0.8
                        v = int(round(min(10, max(0, v))))
                    else:
                        v = obase if tp == 'pre' else obase - ODI_DROP[tp] + rng.gauss(0, 6)
                        v = int(round(min(100, max(4, v)) / 2.0)) * 2
                    store[tp] = ('value', v)
    return pats


def make_session(rng, p, session, day, levels, tech, cement_types, per_session_leak):
    ct = rng.choices([c for c, w in cement_types], [w for c, w in cement_types])[0]
    lv = []
    sess_leak = None
    if per_session_leak:
        sess_leak = pick_leak(rng, 0.22 + 0.08 * (len(levels) - 1))
    for L in levels:
        i = SPINE.index(L)
        if i <= SPINE.index('T9'):
            vol = rng.uniform(1.8, 3.4)
        elif i <= SPINE.index('T12'):
            vol = rng.uniform(2.8, 4.8)
        else:
            vol = rng.uniform(3.4, 6.0)
        if tech == 'kyphoplasty':
            vol += rng.uniform(0.5, 1.5)
        vol = round(vol * 2) / 2.0
        leak = sess_leak if per_session_leak else pick_leak(rng, 0.16)
        lv.append(dict(level=L, vol=vol, leak=leak))
    return dict(session=session, day=day, date=p['d0'] + dt.timedelta(days=day),
                technique=tech, cement_type=ct, levels=lv, leak_recorded=True,
                sess_leak=sess_leak)


def pick_leak(rng, prob):
    if rng.random() >= prob:
        return []
    a = rng.choices(['disc', 'venous', 'paravertebral', 'epidural'], [40, 30, 25, 5])[0]
    if rng.random() < 0.15:
        b = rng.choice([x for x in ['disc', 'venous', 'paravertebral'] if x != a])
        return sorted([a, b], key=['disc', 'venous', 'paravertebral', 'epidural'].index)
    return [a]


def pick_etio(rng, table, p):
    """etiology wording; no breast cancer in men, no prostate cancer in women"""
    opts = table[p['etiology']]
    if p['sex'] == 'male':
        o2 = [o for o in opts if not any(k in o for k in BREAST)]
    else:
        o2 = [o for o in opts if not any(k in o for k in PROSTATE)]
    return rng.choice(o2 or opts)


BREAST = ['שד', 'μαστού', 'breast', 'молочной', 'mama']
PROSTATE = ['ערמונית', 'προστάτη', 'prostate', 'простаты', 'próstata']


def fmt_num(v):
    if v is None or v == '':
        return ''
    if float(v) == int(v):
        return str(int(v))
    return ('%.2f' % v).rstrip('0').rstrip('.')


def write_truth(pats, errors, idents, vol_mode):
    """vol_mode(p, s) -> 'vertebra' or 'session'"""
    td = os.path.join(HERE, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                if s['leak_recorded']:
                    leak = ';'.join(l['leak']) if l['leak'] else 'none'
                else:
                    leak = ''
                rows.append([p['id'], s['session'], s['day'], l['level'], s['technique'],
                             fmt_num(l['vol']) if mode == 'vertebra' else '',
                             fmt_num(tot) if mode == 'session' else '',
                             s['cement_type'] or '', leak])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    for p in pats:
        for s in p['sessions']:
            for meas, key in (('pain_vas', 'vas'), ('odi', 'odi')):
                for tp in order:
                    st = s.get(key, {}).get(tp)
                    if st and st[0] == 'value':
                        rows.append([p['id'], s['session'], meas, tp, fmt_num(st[1])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, L] for p in pats for d, L in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set()
    out = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            out.append([k, v])
    w('identifiers.csv', ['kind', 'value'], out)


def bad_date_text(d, order='dmy', sep='/', monthnames=None):
    """An impossible calendar date close to d (same month/year)."""
    if d.month in (4, 6, 9, 11):
        day = 31
    elif d.month == 2:
        day = 30
    else:
        day = 32
    m = monthnames[d.month - 1] if monthnames else '%02d' % d.month
    return '%02d%s%s%s%d' % (day, sep, m, sep, d.year)

# ------------------------------- site part ---------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.utils import get_column_letter as CL
from openpyxl.comments import Comment

rng = random.Random(28101)
VAS_TPS = ['pre', '24h', '1m', '3m', '12m']
ODI_TPS = ['pre', '3m', '12m']
pats = gen_cohort(rng, 18, dt.date(2021, 1, 10), dt.date(2023, 11, 30), dt.date(2024, 8, 31),
                  VAS_TPS, ODI_TPS, VAS_TPS, ODI_TPS, kp_share=0.25, n_dead=3, n_frac=4,
                  n_reop=3, missed_rate=0.12)
for i, p in enumerate(pats):
    p['id'] = 'SVP-%03d' % (i + 1)

F_NAMES = ['כהן שרה', 'לוי מרים', 'פרץ רחל', 'אלקבץ שושנה', 'אלעוקבי פאטמה', 'מזרחי אסתר',
           'גולדברג חנה', 'איבנובה ולנטינה', 'דהן זהבה', 'אלהוזייל עאישה', 'חדד מזל',
           'ברקוביץ\' לאה', 'אזולאי סימה', 'אבו רביעה חלימה', 'שמואלי יפה',
           'קוזלוב גלינה']
M_NAMES = ['אבוטבול יוסף', 'ביטון אליהו', 'אבו קוידר מוחמד', 'שטרן בוריס', 'עמר יעקב',
           'אלנבארי סלימאן', 'פרידמן מרדכי', 'וקנין שלמה', 'רבינוביץ\' אריה', 'אלקרינאוי חסן']
rng.shuffle(F_NAMES)
rng.shuffle(M_NAMES)
ETIO = {'osteoporotic': ['אוסטאופורוזיס', 'שבר אוסטאופורוטי', 'אוסטאופורוזיס, נפילה בבית',
                         'OP - שבר דחיסה'],
        'pathologic': ['גרורות - ca שד', 'מיאלומה נפוצה', 'גרורות - ca ריאה', 'גרורות - ca ערמונית'],
        'traumatic': ['טראומה - נפילה מגובה', 'תאונת דרכים'],
        'other': ['המנגיומה']}
LEAK = {'disc': 'דיסק', 'venous': 'ורידית', 'paravertebral': 'פרה-ורטברלית', 'epidural': 'אפידורלית'}


def tz():
    d = [rng.randint(0, 9) for _ in range(8)]
    d[0] = rng.choice([0, 0, 2, 3, 0, 3])
    s = 0
    for i, x in enumerate(d):
        y = x * (1 if i % 2 == 0 else 2)
        s += y // 10 + y % 10
    return ''.join(map(str, d)) + str((10 - s % 10) % 10)


fi = mi = 0
idents = []
for p in pats:
    if p['sex'] == 'female':
        p['name'] = F_NAMES[fi]; fi += 1
    else:
        p['name'] = M_NAMES[mi]; mi += 1
    p['tz'] = tz()
    p['phone'] = rng.choice(['050', '052', '053', '054', '058', '08']) + '-' + str(rng.randint(1000000, 9999999))
    if p['phone'].startswith('08-'):
        p['phone'] = '08-6' + p['phone'][4:10]
    p['etxt'] = pick_etio(rng, ETIO, p)
    idents += [('name', p['name']), ('national_id', p['tz']), ('phone', p['phone'])]


def dstr(d):
    return d.strftime('%d/%m/%Y')


# choose patients for planted errors (none of them re-operated)
plain = [p for p in pats if len(p['sessions']) == 1]
err_level = next(p for p in plain if len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0]['level'] in ('L1', 'L2', 'L3', 'L4'))
err_vas = next(p for p in plain if p is not err_level and p['sessions'][0]['vas']['1m'][0] == 'value' and p['sessions'][0]['vas']['1m'][1] >= 2)
err_vol = next(p for p in plain if p not in (err_level, err_vas) and len(p['sessions'][0]['levels']) == 1)
err_date = next(p for p in plain[::-1] if p not in (err_level, err_vas, err_vol) and p['d0'].year == 2022)
errors = []

wb = openpyxl.Workbook()
wb.remove(wb.active)
thin = Side(style='thin', color='999999')
B = Border(left=thin, right=thin, top=thin, bottom=thin)
HDR = ['מס\'', 'מס\' מחקר', 'שם מלא', 'ת.ז.', 'טלפון', 'מין', 'גיל', 'אבחנה', 'תאריך ניתוח',
       'חוליות', 'VP/KP', 'צמנט סה"כ (מ"ל)', 'דליפת צמנט', 'VAS לפני', 'VAS 24 שעות',
       'VAS חודש', 'VAS 3 חודשים', 'VAS שנה', 'ODI לפני', 'ODI 3 חודשים', 'ODI שנה',
       'שבר חדש', 'נפטר/ה', 'הערות']
GROUPS = [(1, 8, 'פרטי מטופל', 'DDEBF7'), (9, 13, 'ניתוח', 'FCE4D6'), (14, 18, 'VAS (0-10)', 'E2EFDA'),
          (19, 21, 'ODI (%)', 'FFF2CC'), (22, 24, 'מעקב', 'EDEDED')]
rows_by_year = {2021: [], 2022: [], 2023: []}
for p in pats:
    for s in p['sessions']:
        rows_by_year[s['date'].year].append((s['date'], p, s))

for year in (2021, 2022, 2023):
    ws = wb.create_sheet(str(year))
    ws.sheet_view.rightToLeft = True
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HDR))
    ws.cell(1, 1, 'מאגר ורטברופלסטיה / קיפופלסטיה - מחלקה אורתופדית ב\', המרכז הרפואי סורוקה').font = Font(bold=True, size=14)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HDR))
    ws.cell(2, 1, 'ניתוחים שבוצעו בשנת %d   |   עדכון אחרון: 02/09/2024' % year).font = Font(italic=True)
    for a, b, t, col in GROUPS:
        ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
        c = ws.cell(3, a, t)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal='center')
        for j in range(a, b + 1):
            ws.cell(3, j).fill = PatternFill('solid', fgColor=col)
            ws.cell(4, j).fill = PatternFill('solid', fgColor=col)
    for j, h in enumerate(HDR, 1):
        c = ws.cell(4, j, h)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
        c.border = B
    ws.freeze_panes = 'D5'
    r = 5
    for n, (d, p, s) in enumerate(sorted(rows_by_year[year], key=lambda x: x[0]), 1):
        fem = p['sex'] == 'female'
        age = age_on(p['birth'], s['date'])
        vals = {}
        vals[1] = n
        vals[2] = p['id']
        vals[3] = p['name']
        vals[4] = p['tz']
        vals[5] = p['phone']
        vals[6] = 'נ' if fem else 'ז'
        vals[7] = age
        vals[8] = p['etxt']
        vals[9] = s['date'] if rng.random() < 0.8 else dstr(s['date'])
        lv = [l['level'] for l in s['levels']]
        if len(lv) == 3:
            ltxt = '%s-%s' % (lv[0], lv[-1])
        else:
            ltxt = rng.choice([', ', ',', ' + ']).join(lv)
        vals[10] = ltxt
        vals[11] = 'KP' if s['technique'] == 'kyphoplasty' else 'VP'
        tot = sum(l['vol'] for l in s['levels'])
        vals[12] = tot if rng.random() < 0.85 else fmt_num(tot) + ' מ"ל'
        # leakage text (per session cell, level named when several vertebrae)
        leaks = [(l['level'], l['leak']) for l in s['levels'] if l['leak']]
        if not leaks:
            lt = rng.choice(['אין', 'אין', 'אין', 'לא'])
        else:
            parts = []
            for L, lk in leaks:
                t = ' + '.join(LEAK[x] for x in lk)
                parts.append(t if len(s['levels']) == 1 else '%s (%s)' % (t, L))
            lt = '; '.join(parts)
        vals[13] = lt
        for j, tp in zip(range(14, 19), VAS_TPS):
            st, v = s['vas'][tp]
            vals[j] = v if st == 'value' else ({'missed': rng.choice(['לא הגיע' if not fem else 'לא הגיעה', 'לא הגיע/ה', '-']),
                                                'dead': 'נפטרה' if fem else 'נפטר', 'pending': ''}[st])
        for j, tp in zip(range(19, 22), ODI_TPS):
            st, v = s['odi'][tp]
            vals[j] = v if st == 'value' else ({'missed': 'לא מולא', 'dead': 'נפטרה' if fem else 'נפטר',
                                                'pending': ''}[st])
        if s['session'] == 1:
            if p['fractures']:
                vals[22] = '; '.join('כן - %s (%s)' % (L, dstr(p['d0'] + dt.timedelta(days=dd)))
                                     for dd, L in p['fractures'])
            else:
                vals[22] = 'לא'
        else:
            vals[22] = '-'
        if p['died']:
            vals[23] = 'כן - ' + dstr(p['d0'] + dt.timedelta(days=p['death_day']))
        else:
            vals[23] = 'לא'
        note = ''
        if s['session'] == 2:
            note = 'ניתוח חוזר בגלל שבר חדש. ניתוח ראשון %s (גיליון %d)' % (dstr(p['d0']), p['d0'].year)
        elif len(p['sessions']) > 1:
            note = 'עבר/ה ניתוח חוזר %s - ראה גיליון %d' % (dstr(p['sessions'][1]['date']), p['sessions'][1]['date'].year)
        elif p['etiology'] == 'pathologic':
            note = rng.choice(['ביופסיה בזמן הניתוח', 'המשך טיפול אונקולוגי', 'הופנה מאונקולוגיה'])
        vals[24] = note
        # planted errors
        if s['session'] == 1 and p is err_level:
            good = lv[0]
            bad = 'L7'
            vals[10] = ltxt.replace(good, bad, 1)
            errors.append(dict(sheet=str(year), cell='J%d' % r, row=r, header='חוליות', value=vals[10],
                               what='impossible level L7 (no 7th lumbar vertebra); should be %s' % good, pid=p['id']))
        if s['session'] == 1 and p is err_vas:
            good = s['vas']['1m'][1]
            vals[16] = good * 10 if good else 35
            errors.append(dict(sheet=str(year), cell='P%d' % r, row=r, header='VAS חודש', value=str(vals[16]),
                               what='VAS outside 0-10 scale (written in mm); should be %d' % good, pid=p['id']))
        if s['session'] == 1 and p is err_vol:
            vals[12] = int(round(tot * 10))
            errors.append(dict(sheet=str(year), cell='L%d' % r, row=r, header='צמנט סה"כ (מ"ל)', value=str(vals[12]),
                               what='%d mL for a single vertebra - decimal point lost; should be %s' % (vals[12], fmt_num(tot)), pid=p['id']))
        if s['session'] == 1 and p is err_date:
            vals[9] = bad_date_text(s['date'])
            errors.append(dict(sheet=str(year), cell='I%d' % r, row=r, header='תאריך ניתוח', value=vals[9],
                               what='impossible date; real operation date %s' % dstr(s['date']), pid=p['id']))
        for j, v in vals.items():
            c = ws.cell(r, j, v)
            c.border = B
            if isinstance(v, dt.date):
                c.number_format = 'dd/mm/yyyy'
            if j == 4:
                c.number_format = '@'
        if p['died']:
            for j in range(1, 25):
                ws.cell(r, j).fill = PatternFill('solid', fgColor='D9D9D9')
        if s['session'] == 2:
            ws.cell(r, 2).fill = PatternFill('solid', fgColor='FFFF00')
        r += 1
    r += 1
    ws.cell(r, 1, 'מקרא: ז = זכר, נ = נקבה. VP = ורטברופלסטיה, KP = קיפופלסטיה. שורה אפורה = מטופל/ת שנפטר/ה. מס\' מחקר מסומן בצהוב = ניתוח חוזר.')
    ws.cell(r + 1, 1, 'VAS 0-10 (לא מ"מ!). ODI באחוזים. "לא הגיע" = לא הגיע לביקורת. תא ריק = טרם הגיע מועד הביקורת.')
    ws.cell(r + 2, 1, 'כל המטופלים קיבלו צמנט PMMA (אותו ספק) - לא נרשם בטבלה.')
    widths = [5, 10, 18, 11, 13, 5, 5, 24, 12, 12, 7, 9, 18, 7, 7, 7, 7, 7, 7, 7, 7, 26, 18, 40]
    for j, wdt in enumerate(widths, 1):
        ws.column_dimensions[CL(j)].width = wdt

ws = wb.create_sheet('סיכום')
ws.sheet_view.rightToLeft = True
ws['A1'] = 'שנה'
ws['B1'] = 'מס\' ניתוחים'
for i, y in enumerate((2021, 2022, 2023), 2):
    ws.cell(i, 1, y)
    ws.cell(i, 2, "=COUNTA('%d'!B5:B40)" % y)
wb.save(os.path.join(HERE, 'input.xlsx'))

for p in pats:
    for s in p['sessions']:
        s['cement_type'] = 'PMMA'
write_truth(pats, errors, idents, lambda p, s: 'session')
