import sys, os, csv, datetime as dt
import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(OUT, 'truth'), exist_ok=True)
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']


def gen(seed, n, start, span_days, fu_tps, tech_p=0.6, id_fmt='P{:03d}', id_start=1,
        p2=0.2, pfx=0.18, pdie=0.12, cements=('PMMA',), vol_per_level=True):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        pid = id_fmt.format(id_start + i)
        sex = 'female' if rng.random() < 0.68 else 'male'
        et = rng.choice(['osteoporotic'] * 6 + ['pathologic'] * 2 + ['traumatic'])
        age = int(rng.integers(52, 91)) if et != 'traumatic' else int(rng.integers(38, 80))
        died = 'yes' if rng.random() < pdie else 'no'
        d1 = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        sessions = []
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        c = int(rng.integers(5, len(SPINE) - nlev))
        levels = SPINE[c:c + nlev]
        used = set(levels)

        def mk_session(day, levels):
            tech = 'vertebroplasty' if rng.random() < tech_p else 'kyphoplasty'
            vols = [round(float(rng.uniform(1.5, 3.5) if lv.startswith('T') and int(lv[1:]) < 10
                                else rng.uniform(2.5, 6.0)) * 2) / 2 for lv in levels]
            leak = []
            for lv in levels:
                r = rng.random()
                leak.append('none' if r < 0.72 else ';'.join(sorted(set(rng.choice(LEAKS, size=int(rng.integers(1, 3)), replace=True)), key=LEAKS.index)))
            ct = str(rng.choice(list(cements)))
            return dict(day=day, date=d1 + dt.timedelta(days=day), levels=levels, tech=tech,
                        vols=vols, svol=round(sum(vols), 1), cement=ct, leak=leak)
        sessions.append(mk_session(0, levels))
        if rng.random() < p2:
            cand = [x for x in SPINE[5:] if x not in used]
            lv2 = [str(rng.choice(cand))]
            used |= set(lv2)
            sessions.append(mk_session(int(rng.integers(21, 120)), lv2))
        # pain
        pain = {}
        for s_i, s in enumerate(sessions, 1):
            pre = int(rng.integers(6, 11))
            pain[(s_i, 'pre')] = pre
            cur = pre
            tps = fu_tps if s_i == 1 else fu_tps[:1]
            for tp in tps:
                cur = max(0, cur - int(rng.integers(0, 4)))
                if rng.random() < 0.82:
                    pain[(s_i, tp)] = cur
        fx = []
        if rng.random() < pfx:
            cand = [x for x in SPINE[3:] if x not in used]
            fx.append((int(rng.integers(30, 300)), str(rng.choice(cand))))
        pts.append(dict(pid=pid, sex=sex, age=age, et=str(et), died=died, sessions=sessions,
                        pain=pain, fx=fx, rng_extra=float(rng.random())))
    return pts


def wcsv(name, header, rows):
    with open(os.path.join(OUT, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def write_truth(pts, errors, idents, per_level=True, sex=True, age=True, et=True, died=True, extra_assess=()):
    wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if sex else '', p['age'] if age else '', p['et'] if et else '',
           p['died'] if died else ''] for p in pts])
    rows = []
    for p in pts:
        for si, s in enumerate(p['sessions'], 1):
            for k, lv in enumerate(s['levels']):
                multi = len(s['levels']) > 1
                cv = s['vols'][k] if (per_level or not multi) else ''
                sv = s['svol'] if (not per_level and multi) else ''
                rows.append([p['pid'], si, s['day'], lv, s['tech'], cv, sv, s['cement'], s['leak'][k]])
    wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                            'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for (si, tp), v in p['pain'].items():
            rows.append([p['pid'], si, 'pain_vas', tp, v])
    rows += list(extra_assess)
    wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    wcsv('fractures.csv', ['patient_id', 'day', 'level'], [[p['pid'], d, lv] for p in pts for d, lv in p['fx']])
    wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv('identifiers.csv', ['kind', 'value'], idents)


def addr(row, col):  # 1-based row, 1-based col
    s = ''
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return f'{s}{row}'

# ---------------- Kathmandu: Nepali, Bikram Sambat dates, one row per patient ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

BS_MONTHS = {2077: [31, 32, 31, 32, 31, 30, 30, 30, 29, 30, 29, 31],
             2078: [31, 31, 31, 32, 31, 31, 30, 29, 30, 29, 30, 30],
             2079: [31, 31, 32, 31, 31, 31, 30, 29, 30, 29, 30, 30],
             2080: [31, 32, 31, 32, 31, 30, 30, 30, 29, 29, 30, 30],
             2081: [31, 32, 31, 32, 31, 30, 30, 30, 29, 30, 29, 31],
             2082: [31, 31, 32, 31, 31, 31, 30, 29, 30, 29, 30, 30]}
BS_EPOCH = dt.date(2020, 4, 13)  # 2077-01-01 BS
DEV = str.maketrans('0123456789', '०१२३४५६७८९')


def to_bs(d):
    n = (d - BS_EPOCH).days
    y = 2077
    while n >= sum(BS_MONTHS[y]):
        n -= sum(BS_MONTHS[y]); y += 1
    m = 0
    while n >= BS_MONTHS[y][m]:
        n -= BS_MONTHS[y][m]; m += 1
    return y, m + 1, n + 1


def bs_str(d, dev):
    y, m, dd = to_bs(d)
    s = f'{y}/{m:02d}/{dd:02d}'
    return s.translate(DEV) if dev else s


def num(v, dev):
    s = ('%g' % v)
    return s.translate(DEV) if dev else v


pts = gen(1101, 22, dt.date(2021, 5, 1), 700, ['1w', '1m', '3m'], tech_p=0.75, id_fmt='KTM-{:02d}', p2=0.25)
rng = np.random.default_rng(11011)
ET = {'osteoporotic': 'अस्टियोपोरोसिस', 'pathologic': 'मेटास्टेसिस (क्यान्सर)', 'traumatic': 'चोट (दुर्घटना)'}
SEX = {'female': 'महिला', 'male': 'पुरुष'}
TECH = {'vertebroplasty': 'VP (भर्टिब्रोप्लास्टी)', 'kyphoplasty': 'KP (काइफोप्लास्टी)'}
LK = {'none': 'छैन', 'disc': 'डिस्कमा', 'epidural': 'इपिड्युरल', 'foraminal': 'फोरामिनल', 'venous': 'नसामा (भेनस)', 'paravertebral': 'प्याराभर्टिब्रल'}
FIRST = {'female': ['सीता', 'गीता', 'कमला', 'लक्ष्मी', 'सरिता', 'माया', 'शान्ता', 'पार्वती', 'दुर्गा', 'बिमला', 'राधा', 'मीना', 'तुलसी', 'सुशीला', 'उमा', 'गंगा', 'सावित्री', 'यशोदा', 'मञ्जु', 'कल्पना', 'देवकी', 'हिरा'],
         'male': ['राम', 'हरि', 'बिष्णु', 'कृष्ण', 'गोपाल', 'श्याम', 'नारायण', 'दिनेश', 'रमेश', 'केशव', 'भीम', 'मोहन']}
LAST = ['श्रेष्ठ', 'अधिकारी', 'थापा', 'गुरुङ', 'महर्जन', 'पौडेल', 'कार्की', 'तामाङ', 'राई', 'शर्मा', 'बस्नेत']


def leak_txt(s):
    if all(x == 'none' for x in s['leak']):
        return 'छैन'
    parts = []
    for lv, lk in zip(s['levels'], s['leak']):
        if lk != 'none':
            parts.append(f"{lv}: " + ', '.join(LK[x] for x in lk.split(';')))
    if len(s['levels']) == 1:
        return ', '.join(LK[x] for x in s['leak'][0].split(';'))
    return '; '.join(parts) + ' (अरूमा छैन)'


wb = Workbook()
ws = wb.active
ws.title = 'दर्ता'
heads = ['क्र.सं.', 'अध्ययन नं.', 'बिरामीको नाम', 'दर्ता नं.', 'मोबाइल', 'उमेर (वर्ष)', 'लिङ्ग', 'कारण',
         'प्रक्रिया मिति (वि.सं.)', 'तह (भर्टिब्रा)', 'प्रविधि', 'जम्मा सिमेन्ट (ml)', 'सिमेन्ट चुहावट',
         'VAS अघि', 'VAS १ हप्ता', 'VAS १ महिना', 'VAS ३ महिना',
         'दोस्रो सत्र: तह', 'दोस्रो सत्र: मिति (वि.सं.)', 'दोस्रो सत्र: सिमेन्ट (ml)', 'दोस्रो सत्र: प्रविधि', 'दोस्रो सत्र: चुहावट',
         'दोस्रो सत्र: VAS अघि', 'दोस्रो सत्र: VAS १ हप्ता', 'नयाँ भाँचिएको हड्डी (तह, मिति)', 'मृत्यु', 'कैफियत']
ws['A1'] = 'शान्तिभवन अस्पताल, काठमाडौं — हड्डी तथा मेरुदण्ड विभाग'
ws['A2'] = 'भर्टिब्रोप्लास्टी / काइफोप्लास्टी बिरामी दर्ता (वि.सं. २०७८–२०८०)   |  VAS = दुखाइ ० देखि १० सम्म'
ws['A1'].font = Font(bold=True, size=14)
HR = 4
for j, h in enumerate(heads, 1):
    c = ws.cell(HR, j, h)
    c.font = Font(bold=True)
    c.alignment = Alignment(wrap_text=True, vertical='center')
    c.fill = PatternFill('solid', fgColor='DDEBF7')
ws.row_dimensions[HR].height = 45
ERR_PLAN = {3: 'level', 8: 'vas', 13: 'date', 17: 'cement'}
errors, idents = [], []
col = {h: j for j, h in enumerate(heads, 1)}
for i, p in enumerate(pts):
    r = HR + 1 + i
    dev = rng.random() < 0.4   # this row typed with Nepali digits
    s1 = p['sessions'][0]
    name = f"{FIRST[p['sex']][i % len(FIRST[p['sex']])]} {LAST[(i * 7) % len(LAST)]}"
    mrn = f"{int(rng.integers(100000, 999999))}"
    phone = f"98{int(rng.integers(10000000, 99999999))}"
    idents += [['name', name], ['record_number', mrn.translate(DEV) if dev else mrn], ['phone', phone]]
    vals = {
        'क्र.सं.': num(i + 1, dev), 'अध्ययन नं.': p['pid'], 'बिरामीको नाम': name,
        'दर्ता नं.': mrn.translate(DEV) if dev else mrn, 'मोबाइल': phone,
        'उमेर (वर्ष)': num(p['age'], dev), 'लिङ्ग': SEX[p['sex']], 'कारण': ET[p['et']],
        'प्रक्रिया मिति (वि.सं.)': bs_str(s1['date'], dev), 'तह (भर्टिब्रा)': ', '.join(s1['levels']),
        'प्रविधि': TECH[s1['tech']], 'जम्मा सिमेन्ट (ml)': num(s1['svol'], dev), 'सिमेन्ट चुहावट': leak_txt(s1),
        'मृत्यु': 'भयो' if p['died'] == 'yes' else 'छैन',
    }
    for tp, h in [('pre', 'VAS अघि'), ('1w', 'VAS १ हप्ता'), ('1m', 'VAS १ महिना'), ('3m', 'VAS ३ महिना')]:
        v = p['pain'].get((1, tp))
        vals[h] = num(v, dev) if v is not None else ('आएनन्' if tp != 'pre' and rng.random() < 0.5 else None)
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        vals.update({'दोस्रो सत्र: तह': s2['levels'][0], 'दोस्रो सत्र: मिति (वि.सं.)': bs_str(s2['date'], dev),
                     'दोस्रो सत्र: सिमेन्ट (ml)': num(s2['svol'], dev), 'दोस्रो सत्र: प्रविधि': TECH[s2['tech']],
                     'दोस्रो सत्र: चुहावट': leak_txt(s2)})
        v = p['pain'].get((2, 'pre'))
        vals['दोस्रो सत्र: VAS अघि'] = num(v, dev) if v is not None else None
        v = p['pain'].get((2, '1w'))
        vals['दोस्रो सत्र: VAS १ हप्ता'] = num(v, dev) if v is not None else 'आएनन्'
    if p['fx']:
        d, lv = p['fx'][0]
        vals['नयाँ भाँचिएको हड्डी (तह, मिति)'] = f"{lv}, {bs_str(s1['date'] + dt.timedelta(days=d), dev)}"
    else:
        vals['नयाँ भाँचिएको हड्डी (तह, मिति)'] = '-'
    if p['died'] == 'yes':
        vals['कैफियत'] = 'फलोअपमा आफन्तले फोनमा खबर दिनुभयो'
    # planted errors
    e = ERR_PLAN.get(i)
    if e == 'level':
        bad = ', '.join(s1['levels'][:-1] + ['L7']) if s1['levels'][-1].startswith('L') else ', '.join(s1['levels'][:-1] + ['T13'])
        vals['तह (भर्टिब्रा)'] = bad
        errors.append(['दर्ता', addr(r, col['तह (भर्टिब्रा)']), r, 'तह (भर्टिब्रा)', bad, 'vertebral level does not exist', p['pid']])
    if e == 'vas':
        bad = num(14, dev)
        vals['VAS अघि'] = bad
        errors.append(['दर्ता', addr(r, col['VAS अघि']), r, 'VAS अघि', bad, 'pain 14 on a 0-10 scale', p['pid']])
    if e == 'date':
        y, m, d_ = to_bs(s1['date'])
        bad = f'{y}/{m:02d}/34'
        bad = bad.translate(DEV) if dev else bad
        vals['प्रक्रिया मिति (वि.सं.)'] = bad
        errors.append(['दर्ता', addr(r, col['प्रक्रिया मिति (वि.सं.)']), r, 'प्रक्रिया मिति (वि.सं.)', bad, 'no Bikram Sambat month has 34 days', p['pid']])
    if e == 'cement':
        bad = num(48, dev)
        vals['जम्मा सिमेन्ट (ml)'] = bad
        errors.append(['दर्ता', addr(r, col['जम्मा सिमेन्ट (ml)']), r, 'जम्मा सिमेन्ट (ml)', bad, f"48 mL cement for {len(s1['levels'])} vertebra(e) is impossible", p['pid']])
    for h, v in vals.items():
        if v is not None:
            ws.cell(r, col[h], v)
for j in range(1, len(heads) + 1):
    ws.column_dimensions[addr(1, j)[:-1]].width = 14
last = HR + len(pts)
ws.cell(last + 2, 1, 'नोट: "आएनन्" = फलोअपमा आउनुभएन। मिति विक्रम सम्वत् (वि.सं.) मा। सिमेन्ट PMMA (बोन सिमेन्ट)।')
wb.save(os.path.join(OUT, 'input.xlsx'))
write_truth(pts, errors, idents, per_level=False)
