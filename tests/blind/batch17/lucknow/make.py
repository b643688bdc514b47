# ---- common cohort generator (shared by the batch-17 sites; copied into each make.py) ----
import os, sys, csv, random, datetime as dt

TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 180, '12m': 365, '24m': 730}
LEVELS = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEVEL_W = [1, 1, 2, 3, 3, 4, 6, 10, 10, 6, 4, 2, 1]


def lvl_idx(l):
    return LEVELS.index(l)


def pick_levels(rng, k, avoid=()):
    while True:
        start = rng.choices(LEVELS, LEVEL_W)[0]
        i = lvl_idx(start)
        if i + k > len(LEVELS):
            continue
        if k > 1 and rng.random() < 0.25 and i + k + 1 <= len(LEVELS):
            levs = [LEVELS[i]] + [LEVELS[i + 2 + j] for j in range(k - 1)]  # non-contiguous
        else:
            levs = LEVELS[i:i + k]
        if not set(levs) & set(avoid):
            return levs


def gen_cohort(seed, n, tps, measures, s2_tps, start=dt.date(2021, 1, 10), end=dt.date(2023, 6, 30),
               pmma_brands=('PMMA',), cp_brand=None, n_s2=3, n_extra_fx=2, n_died=3,
               kypho_share=0.3):
    """Returns a list of patient dicts. tps: session-1 timepoints (incl. 'pre'); s2_tps: session-2."""
    rng = random.Random(seed)
    pts = []
    span = (end - start).days
    etis = ['osteoporotic'] * 17 + ['pathologic'] * 6 + ['traumatic'] * 3
    rng.shuffle(etis)
    for k in range(n):
        eti = etis[k % len(etis)]
        sex = 'female' if rng.random() < (0.78 if eti == 'osteoporotic' else 0.45) else 'male'
        age = {'osteoporotic': rng.randint(58, 89), 'pathologic': rng.randint(44, 79),
               'traumatic': rng.randint(33, 71)}[eti]
        d0 = start + dt.timedelta(days=int(span * k / n) + rng.randint(0, 12))
        # birth date consistent with age at d0
        bd = d0 - dt.timedelta(days=int(age * 365.25) + rng.randint(20, 340))
        while True:
            a = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
            if a == age:
                break
            bd += dt.timedelta(days=(a - age) * 200)
        nlev = rng.choices([1, 2, 3], [70, 22, 8])[0]
        tech = 'kyphoplasty' if rng.random() < (kypho_share + (0.3 if eti != 'osteoporotic' else 0)) else 'vertebroplasty'
        p = dict(idx=k, sex=sex, age=age, etiology=eti, bdate=bd, d0=d0, died=False, death=None,
                 sessions=[], scores={}, vdates={}, fractures=[], err=None)
        p['sessions'].append(mk_session(rng, 1, d0, 0, nlev, tech, pmma_brands, cp_brand, eti))
        pts.append(p)
    # second sessions / fractures / deaths
    order = list(range(n))
    rng.shuffle(order)
    s2_ids = [i for i in order if pts[i]['etiology'] == 'osteoporotic'][:n_s2]
    died_ids = [i for i in order if i not in s2_ids and pts[i]['etiology'] == 'pathologic'][:max(0, n_died - 1)]
    died_ids += [i for i in order if i not in s2_ids and i not in died_ids and pts[i]['etiology'] == 'osteoporotic'][:1]
    died_ids = died_ids[:n_died]
    fx_ids = [i for i in order if i not in s2_ids and i not in died_ids][:n_extra_fx]
    for i, p in enumerate(pts):
        used = [l['level'] for l in p['sessions'][0]['levels']]
        if i in s2_ids:
            fday = rng.choice([35, 60, 95, 120, 150])
            lv = pick_levels(rng, 1, avoid=used + [nb for u in used for nb in nbrs(u)])
            p['fractures'].append((fday, lv[0]))
            sday = fday + rng.randint(3, 15)
            s = mk_session(rng, 2, p['d0'] + dt.timedelta(days=sday), sday, 1, p['sessions'][0]['technique'],
                           pmma_brands, cp_brand, p['etiology'], fixed_levels=lv,
                           cement=p['sessions'][0]['cement'])
            p['sessions'].append(s)
        if i in fx_ids:
            fday = rng.choice([88, 175, 190, 300])
            lv = pick_levels(rng, 1, avoid=used + [nb for u in used for nb in nbrs(u)])
            p['fractures'].append((fday, lv[0]))
        if i in died_ids:
            p['died'] = True
    # scores
    for p in pts:
        death_day = None
        if p['died']:
            # dies after some follow-up: last attended timepoint then death
            fu = [t for t in tps if t != 'pre']
            nkeep = rng.randint(2, max(2, len(fu) - 1))
            keep = fu[:nkeep]
            last = TP_DAYS[keep[-1]]
            nxt = TP_DAYS[fu[nkeep]] if nkeep < len(fu) else last + 120
            death_day = rng.randint(last + 10, max(last + 11, nxt - 5))
            p['death'] = p['d0'] + dt.timedelta(days=death_day)
            p['death_day'] = death_day
        for s in p['sessions']:
            stps = tps if s['s'] == 1 else s2_tps
            base = rng.uniform(6.5, 9.5)
            for t in stps:
                vday = s['day'] + TP_DAYS[t]
                if t not in ('pre', '24h'):
                    vday += rng.randint(-4, 9) if TP_DAYS[t] >= 30 else rng.randint(0, 2)
                alive = death_day is None or vday < death_day - 3
                missing = (not alive) or (t not in ('pre',) and rng.random() < 0.13)
                if p['died'] and alive and t != 'pre':
                    missing = False
                p['vdates'][(s['s'], t)] = None if not alive else p['d0'] + dt.timedelta(days=vday)
                p.setdefault('attended', {})[(s['s'], t)] = not missing
                if missing and alive:
                    p['vdates'][(s['s'], t)] = None
                for m in measures.get(t, []) if s['s'] == 1 else measures.get('s2_' + t, measures.get(t, [])):
                    if missing:
                        p['scores'][(s['s'], m, t)] = None
                        continue
                    p['scores'][(s['s'], m, t)] = score(rng, m, t, base)
    return pts


def nbrs(l):
    i = lvl_idx(l)
    return [LEVELS[j] for j in (i - 1, i + 1) if 0 <= j < len(LEVELS)]


def mk_session(rng, s, date, day, nlev, tech, pmma_brands, cp_brand, eti, fixed_levels=None, cement=None):
    levs = fixed_levels or pick_levels(rng, nlev)
    if cement is None:
        cement = cp_brand if (cp_brand and eti == 'traumatic' and rng.random() < 0.7) else rng.choice(pmma_brands)
    L = []
    for l in levs:
        lumbar = l.startswith('L')
        vol = rng.choice([2.0, 2.5, 3.0, 3.5, 4.0] if not lumbar else [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0])
        if tech == 'kyphoplasty':
            vol += 1.0
        r = rng.random()
        if r < 0.62:
            leak = 'none'
        elif r < 0.77:
            leak = 'disc'
        elif r < 0.88:
            leak = 'venous'
        elif r < 0.94:
            leak = 'paravertebral'
        elif r < 0.97:
            leak = 'disc;venous'
        else:
            leak = 'epidural'
        L.append(dict(level=l, vol=vol, leak=leak))
    return dict(s=s, date=date, day=day, technique=tech, cement=cement, levels=L,
                total=round(sum(x['vol'] for x in L), 1))


def score(rng, m, t, base):
    d = TP_DAYS[t]
    if m == 'pain_vas':
        if t == 'pre':
            return int(round(base))
        if d <= 1:
            return max(0, int(round(base - rng.uniform(3, 5))))
        return max(0, int(round(base - rng.uniform(4, 7))))
    if m == 'odi':
        if t == 'pre':
            return 2 * rng.randint(25, 42)
        return 2 * rng.randint(8, 22)
    if m == 'mobility':
        if t == 'pre':
            return rng.choice([2, 3, 3, 4])
        if d <= 1:
            return rng.choice([1, 2, 2])
        return rng.choice([0, 1, 1])
    raise ValueError(m)


class Truth:
    def __init__(self):
        self.errors = []
        self.idents = []
        self._seen = set()

    def err(self, sheet, cell, header, value, what, pid):
        import re
        row = int(re.sub(r'^[A-Z]+', '', cell))
        self.errors.append([sheet, cell, row, header, value, what, pid or ''])

    def ident(self, kind, value):
        value = str(value)
        if (kind, value) not in self._seen:
            self._seen.add((kind, value))
            self.idents.append([kind, value])


def fmtnum(x):
    if x is None:
        return ''
    if float(x) == int(x):
        return str(int(x))
    return ('%.2f' % x).rstrip('0').rstrip('.')


def write_truth(outdir, pts, T, per_vertebra=lambda p, s: True, skip=lambda p: False):
    """Writes truth/*.csv.  per_vertebra(p, s) tells whether the input gives per-vertebra volumes."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f)
            c.writerow(header)
            c.writerows(rows)
    P, R, A, F = [], [], [], []
    for p in [q for q in pts if not q['err']]:   # consistency of the generated (non-planted) data
        ds = [d for d in p['vdates'].values() if d is not None] + [p['d0'] + dt.timedelta(days=f) for f, _ in p['fractures']]
        ds += [s['date'] for s in p['sessions']]
        assert min(ds) >= p['d0'], p['pid']
        if p['died']:
            assert p['death'] > max(ds), p['pid']
    for p in pts:
        if skip(p):
            continue
        pid = p['pid']
        P.append([pid, p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for s in p['sessions']:
            pv = per_vertebra(p, s)
            for L in s['levels']:
                R.append([pid, s['s'], '' if s.get('day_unknown') else s['day'], L['level'], s['technique'],
                          fmtnum(L['vol']) if pv else '', '' if pv else fmtnum(s['total']),
                          s['cement_truth'], L['leak']])
        for (ss, m, t), v in p['scores'].items():
            if v is not None:
                A.append([pid, ss, m, t, fmtnum(v)])
        for (d, l) in p['fractures']:
            F.append([pid, d, l])
    A.sort(key=lambda r: (r[0], r[1], r[2], list(TP_DAYS).index(r[3])))
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], R)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    w('fractures.csv', ['patient_id', 'day', 'level'], F)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], T.errors)
    w('identifiers.csv', ['kind', 'value'], T.idents)


def outdir_arg():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    return out
# ---- end common ----
# ---- site: lucknow ----
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

DEV = str.maketrans('0123456789', '०१२३४५६७८९')
NAMES_F = ['सुनीता शुक्ला', 'Kamla Devi', 'Shanti Srivastava', 'गीता मिश्रा', 'रामकली', 'Usha Tiwari', 'सावित्री देवी',
           'Pushpa Pandey', 'Meera Gupta', 'कुसुम अवस्थी', 'Asha Rastogi', 'विमला यादव', 'Rekha Verma', 'Sarla Dwivedi',
           'Shakuntala Singh', 'Nasreen Bano', 'फूलमती', 'Krishna Kumari Saxena', 'Rajrani Yadav', 'Shabana Khan']
NAMES_M = ['Ram Prakash Verma', 'रमेश चंद्र शुक्ला', 'Suresh Chandra Tiwari', 'Mohd. Irfan', 'Rajendra Prasad Yadav',
           'विजय कुमार सिंह', 'Shyam Lal', 'Abdul Rashid Khan', 'हरि शंकर पांडेय', 'Anil Kumar Gupta', 'Jagdish Awasthi',
           'राम नरेश']
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
MEAS = {'pre': ['pain_vas', 'odi'], '24h': ['pain_vas'], '1m': ['pain_vas'], '3m': ['pain_vas', 'odi'],
        '6m': ['pain_vas'], '12m': ['pain_vas', 'odi'],
        's2_pre': ['pain_vas'], 's2_24h': ['pain_vas'], 's2_1m': ['pain_vas']}
VISIT_NAME = {'pre': 'Pre-op', '24h': 'Post-op 24 घंटे', '1m': '1 माह', '3m': '3 माह', '6m': '6 माह', '12m': '1 वर्ष'}


def main():
    out = outdir_arg()
    rng = random.Random(1701)
    pts = gen_cohort(1701, 25, TPS, MEAS, ['pre', '24h', '1m'], start=dt.date(2021, 2, 1),
                     end=dt.date(2023, 3, 31), pmma_brands=['PMMA', 'Stryker Spineplex', 'Osteopal V', 'PMMA (Surgical Simplex)'],
                     n_s2=3, n_extra_fx=2, n_died=3, kypho_share=0.15)
    used_names = set()
    for i, p in enumerate(pts):
        p['pid'] = 'VP-%02d-%02d' % (p['d0'].year % 100, i + 1)
        for s in p['sessions']:
            s['cement_truth'] = 'PMMA'
        pool = [x for x in (NAMES_F if p['sex'] == 'female' else NAMES_M) if x not in used_names]
        p['name'] = rng.choice(pool)
        used_names.add(p['name'])
        p['cr'] = '%d/%05d' % (p['d0'].year, rng.randint(1000, 99999))
        p['mob'] = '%d%04d %05d' % (rng.choice([9, 8, 7, 6]), rng.randint(0, 9999), rng.randint(0, 99999))
        p['dev'] = rng.random() < 0.3   # entries by the ward clerk who writes Devanagari digits
    # planted errors
    plain = [i for i, p in enumerate(pts) if not p['died'] and len(p['sessions']) == 1 and not p['fractures']]
    E = dict(zip([plain[1], plain[5], plain[9], plain[14]], ['vas12', 'L6', 'date3104', 'before']))
    for i, k in E.items():
        pts[i]['err'] = k
    ix = {k: i for i, k in E.items()}
    # the L6 patient: last treated level written L6
    pL6 = pts[ix['L6']]
    pL6['sessions'][0]['levels'][-1]['level'] = 'L6'
    # vas 12 at 1m: force attended
    pv = pts[ix['vas12']]
    pv['scores'][(1, 'pain_vas', '1m')] = 12
    if pv['vdates'][(1, '1m')] is None:
        pv['vdates'][(1, '1m')] = pv['d0'] + dt.timedelta(days=31)
    for i in (ix['date3104'], ix['before']):
        for t in ('3m',):
            if pts[i]['vdates'].get((1, t)) is None:
                pts[i]['vdates'][(1, t)] = pts[i]['d0'] + dt.timedelta(days=92)
                pts[i]['scores'][(1, 'pain_vas', t)] = 3
                pts[i]['scores'][(1, 'odi', t)] = 30
    T = Truth()
    wb = Workbook()
    ws = wb.active
    ws.title = 'VP रजिस्टर'
    ws.sheet_view.zoomScale = 90
    ws['A1'] = 'अवध आयुर्विज्ञान महाविद्यालय एवं चिकित्सालय, लखनऊ'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'] = 'अस्थि रोग विभाग (Dept. of Orthopaedics) — Vertebroplasty / Kyphoplasty Follow-up Register 2021-23'
    ws['A3'] = 'VAS 0-10, ODI % में | न आने पर "नहीं आए" लिखें | Unit-III (Dr. A.K. Saxena)'
    ws['A3'].font = Font(italic=True, size=9)
    hdr = ['क्र.सं.', 'Study ID', 'रोगी का नाम', 'CR No.', 'आयु/लिंग', 'मोबाइल', 'निदान (Diagnosis)', 'Visit',
           'तिथि', 'Level', 'Procedure', 'Cement', 'Volume (ml)', 'Leak', 'VAS', 'ODI (%)', 'टिप्पणी / Remarks']
    HR = 5
    for j, h in enumerate(hdr, 1):
        c = ws.cell(HR, j, h)
        c.font = Font(bold=True)
        c.fill = PatternFill('solid', fgColor='FFF2CC')
        c.alignment = Alignment(wrap_text=True, vertical='center')
    col = {h: j for j, h in enumerate(hdr, 1)}
    widths = [6, 11, 20, 13, 9, 14, 24, 17, 12, 12, 11, 20, 12, 20, 6, 8, 30]
    for j, wdt in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = wdt
    r = HR + 1
    thin = Side(style='thin', color='999999')

    def D(p, s):  # digits
        return s.translate(DEV) if p['dev'] else s

    def dstr(p, d):
        return D(p, d.strftime('%d-%m-%Y'))

    def put_date(p, rr, d):
        if p['dev']:
            ws.cell(rr, col['तिथि'], dstr(p, d))
        else:
            c = ws.cell(rr, col['तिथि'], d)
            c.number_format = 'dd-mm-yyyy'

    def lvl(p, l):
        if l.startswith('T') and (p['idx'] % 2 == 0):
            return 'D' + l[1:]
        return l

    for n, p in enumerate(pts, 1):
        top = r
        rows = []   # (kind, session, tp / data)
        s1 = p['sessions'][0]
        s2 = p['sessions'][1] if len(p['sessions']) > 1 else None
        events = []
        for s in p['sessions']:
            stps = TPS if s['s'] == 1 else ['pre', '24h', '1m']
            for t in stps:
                d = p['vdates'].get((s['s'], t))
                sortday = s['day'] + TP_DAYS[t] if d is None else (d - p['d0']).days
                events.append((sortday, 0 if t == 'pre' else 2, 'visit', s, t))
            events.append((s['day'], 1, 'proc', s, None))
        for (fd, fl) in p['fractures']:
            events.append((fd, 1.5, 'fx', fl, None))
        if p['died']:
            events.append((p['death_day'], 3, 'death', None, None))
        events.sort(key=lambda e: (e[0], e[1]))
        for ev in events:
            kind = ev[2]
            if kind == 'visit':
                s, t = ev[3], ev[4]
                if p['died'] and p['vdates'].get((s['s'], t)) is None and not p['attended'].get((s['s'], t)) \
                        and (s['day'] + TP_DAYS[t]) > p['death_day']:
                    continue   # after death: no row
                name = VISIT_NAME[t] + (' (2nd)' if s['s'] == 2 else '')
                ws.cell(r, col['Visit'], name)
                d = p['vdates'].get((s['s'], t))
                vas = p['scores'].get((s['s'], 'pain_vas', t))
                odi = p['scores'].get((s['s'], 'odi', t))
                if d is None:
                    ws.cell(r, col['VAS'], '—')
                    if (s['s'], 'odi', t) in p['scores']:
                        ws.cell(r, col['ODI (%)'], '—')
                    ws.cell(r, col['टिप्पणी / Remarks'], rng.choice(['नहीं आए', 'follow-up पर नहीं आए', 'फोन नहीं लगा', 'नहीं आए']))
                else:
                    if p['err'] == 'date3104' and s['s'] == 1 and t == '3m':
                        bad = '31-04-%d' % d.year
                        ws.cell(r, col['तिथि'], bad)
                        T.err(ws.title, '%s%d' % (get_column_letter(col['तिथि']), r), 'तिथि', bad,
                              'impossible date: 31 April', p['pid'])
                    elif p['err'] == 'before' and s['s'] == 1 and t == '3m':
                        bd = d.replace(year=d.year - 1) if not (d.month == 2 and d.day == 29) else d - dt.timedelta(days=365)
                        ws.cell(r, col['तिथि'], bd).number_format = 'dd-mm-yyyy'
                        if p['dev']:
                            ws.cell(r, col['तिथि'], dstr(p, bd))
                        T.err(ws.title, '%s%d' % (get_column_letter(col['तिथि']), r), 'तिथि', bd.strftime('%d-%m-%Y') if not p['dev'] else dstr(p, bd),
                              'follow-up visit (3 months) dated before the procedure', p['pid'])
                    else:
                        put_date(p, r, d)
                    if vas is not None:
                        v = ws.cell(r, col['VAS'], D(p, str(vas)) if p['dev'] else vas)
                        if p['err'] == 'vas12' and s['s'] == 1 and t == '1m':
                            T.err(ws.title, '%s%d' % (get_column_letter(col['VAS']), r), 'VAS', str(vas),
                                  'VAS 12 on a 0-10 scale', p['pid'])
                    if odi is not None:
                        ws.cell(r, col['ODI (%)'], D(p, str(odi)) if p['dev'] else odi)
                    if t == '24h' and rng.random() < 0.3:
                        ws.cell(r, col['टिप्पणी / Remarks'], rng.choice(['ambulatory, discharged', 'चलने लगे, छुट्टी', 'belt advised']))
                rows.append(r)
                r += 1
            elif kind == 'proc':
                s = ev[3]
                ws.cell(r, col['Visit'], 'प्रक्रिया / Procedure' + (' (2nd)' if s['s'] == 2 else ''))
                put_date(p, r, s['date'])
                levs = [lvl(p, L['level']) for L in s['levels']]
                ws.cell(r, col['Level'], ', '.join(levs))
                if p['err'] == 'L6' and s['s'] == 1:
                    T.err(ws.title, '%s%d' % (get_column_letter(col['Level']), r), 'Level', ', '.join(levs),
                          'impossible vertebral level L6', p['pid'])
                ws.cell(r, col['Procedure'], 'PVP' if s['technique'] == 'vertebroplasty' else rng.choice(['BKP', 'Kyphoplasty']))
                ws.cell(r, col['Cement'], s['cement'])
                vols = [D(p, fmtnum(L['vol'])) for L in s['levels']]
                ws.cell(r, col['Volume (ml)'], ' + '.join(vols) if len(vols) > 1 else (D(p, vols[0]) if p['dev'] else float(s['levels'][0]['vol'])))
                lk = {'none': 'nil', 'disc': 'disc leak', 'venous': 'venous leak', 'paravertebral': 'paravertebral soft tissue',
                      'disc;venous': 'disc + venous leak', 'epidural': 'epidural leak (asymptomatic)'}
                if all(L['leak'] == 'none' for L in s['levels']):
                    ws.cell(r, col['Leak'], rng.choice(['nil', 'कोई लीक नहीं', 'nil']))
                elif len(s['levels']) == 1:
                    ws.cell(r, col['Leak'], lk[s['levels'][0]['leak']])
                else:
                    ws.cell(r, col['Leak'], '; '.join('%s %s' % (lvl(p, L['level']), lk[L['leak']]) for L in s['levels']))
                rows.append(r)
                r += 1
            elif kind == 'fx':
                fd, fl = ev[3] if False else ev[0], ev[3]
                ws.cell(r, col['Visit'], 'नया फ्रैक्चर')
                put_date(p, r, p['d0'] + dt.timedelta(days=fd))
                ws.cell(r, col['Level'], lvl(p, fl))
                ws.cell(r, col['टिप्पणी / Remarks'], rng.choice(['नया # (MRI STIR से पुष्टि)', 'new # on X-ray, पीठ दर्द बढ़ा', 'fresh # MRI']))
                rows.append(r)
                r += 1
            elif kind == 'death':
                ws.cell(r, col['Visit'], 'मृत्यु')
                put_date(p, r, p['death'])
                ws.cell(r, col['टिप्पणी / Remarks'], rng.choice(['घर पर मृत्यु (परिजनों से फोन पर सूचना)', 'expired - disease progression', 'मृत्यु, SGPGI में भर्ती थे']))
                rows.append(r)
                r += 1
        bot = r - 1
        # patient-level columns, merged down the block
        diag = {'osteoporotic': ['Osteoporotic # %s', 'ऑस्टियोपोरोटिक फ्रैक्चर %s', 'OVCF %s'],
                'pathologic': ['Metastasis (Ca breast) %s', 'Multiple myeloma %s', 'मेटास्टेसिस (Ca prostate) %s', 'Ca lung mets %s'],
                'traumatic': ['Fall from height, # %s', 'छत से गिरना - # %s', 'RTA - # %s']}[p['etiology']]
        lv0 = lvl(p, p['sessions'][0]['levels'][0]['level'])
        age_sex = (D(p, str(p['age'])) + '/' + ('म' if p['sex'] == 'female' else 'पु')) if p['dev'] else \
            '%d/%s' % (p['age'], 'F' if p['sex'] == 'female' else 'M')
        vals = [(col['क्र.सं.'], n), (col['Study ID'], p['pid']), (col['रोगी का नाम'], p['name']), (col['CR No.'], p['cr']),
                (col['आयु/लिंग'], age_sex), (col['मोबाइल'], p['mob']), (col['निदान (Diagnosis)'], rng.choice(diag) % lv0)]
        T.ident('name', p['name']); T.ident('record_number', p['cr']); T.ident('phone', p['mob'])
        for j, v in vals:
            ws.cell(top, j, v).alignment = Alignment(vertical='top', wrap_text=True)
            if bot > top:
                ws.merge_cells(start_row=top, start_column=j, end_row=bot, end_column=j)
        for rr in range(top, bot + 1):
            for j in range(1, len(hdr) + 1):
                ws.cell(rr, j).border = Border(bottom=thin if rr == bot else None, left=thin, right=thin)
    ws.freeze_panes = ws.cell(HR + 1, 3)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, T)


if __name__ == '__main__':
    main()
