"""Mombasa (CGTRH spine unit) ward register, transcribed to Excel.
Deterministic: writes input.xlsx and truth/*.csv next to itself."""
import csv
import datetime as dt
import os
import random

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(27001)
D = dt.date
TD = dt.timedelta

LEVELS = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
CENTRES = ['T8', 'T10', 'T11', 'T12', 'T12', 'T12', 'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']
CUTOFF = D(2023, 12, 20)

NAMES = [
    ('Mwanasha Said Omar', 'female'), ('Kahindi Charo Baya', 'male'), ('Fatuma Bakari Mwero', 'female'),
    ('Joseph Kazungu Karisa', 'male'), ('Mary Wanjiku Kamau', 'female'), ('Rehema Juma Hamisi', 'female'),
    ('Omar Abdalla Sheikh', 'male'), ('Grace Kadzo Ngala', 'female'), ('Hamisi Mwamburi Mwadime', 'male'),
    ('Amina Salim Athman', 'female'), ('Peter Mwangi Njoroge', 'male'), ('Zainabu Mohamed Ali', 'female'),
    ('Esther Achieng Otieno', 'female'), ('Baraka Katana Kenga', 'male'), ('Mariamu Swaleh Bwana', 'female'),
    ('Lucy Mwende Mutua', 'female'), ('Salim Rashid Mbarak', 'male'), ('Dama Sidi Chengo', 'female'),
]

TP_DAYS = {'24h': 1, '2w': 14, '6w': 42, '3m': 90, '6m': 182, '12m': 365}
TP_LABEL = {'2w': '2/52', '6w': '6/52', '3m': '3/12', '6m': '6/12', '12m': '12/12'}


def pick_levels(n):
    c = LEVELS.index(rng.choice(CENTRES))
    s = max(0, min(c - rng.randint(0, n - 1), len(LEVELS) - n))
    return LEVELS[s:s + n]


def adjacent(levels):
    lo, hi = LEVELS.index(levels[0]) - 1, LEVELS.index(levels[-1]) + 1
    cands = [LEVELS[k] for k in (lo, hi) if 0 <= k < len(LEVELS)]
    return rng.choice(cands)


def vas_course(pre, tps):
    out = {'pre': pre}
    for tp in tps:
        if tp == '24h':
            v = pre - rng.randint(3, 5)
        elif tp in ('2w', '6w'):
            v = rng.randint(2, 4)
        else:
            v = rng.randint(1, 4)
        out[tp] = max(0, min(10, v))
    return out


# ---------------------------------------------------------------- cohort
patients = []
for i, (name, sex) in enumerate(NAMES):
    pid = 'CGH/VP/%03d' % (i + 1)
    et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [55, 28, 12, 5])[0]
    if i == 6:
        et = 'other'
    if i in (3, 11):
        et = 'pathologic'
    age = {'osteoporotic': rng.randint(62, 88), 'pathologic': rng.randint(50, 79),
           'traumatic': rng.randint(46, 74), 'other': rng.randint(44, 66)}[et]
    d0 = D(2022, 1, 10) + TD(days=rng.randint(0, 430))
    nlev = rng.choices([1, 2, 3], [55, 33, 12])[0]
    levels = pick_levels(nlev)
    tech = 'kyphoplasty' if rng.random() < 0.3 else 'vertebroplasty'
    vols = [rng.choice([2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6]) for _ in levels]
    if tech == 'kyphoplasty':
        vols = [v + 1 for v in vols]
    per_level = rng.random() < 0.65
    leak = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous'], [62, 14, 12, 6, 6])[0]
    death = None
    if et == 'pathologic' and rng.random() < 0.55:
        death = rng.randint(70, 330)
    elif rng.random() < 0.06:
        death = rng.randint(120, 360)
    frac = None
    if rng.random() < 0.25 or i in (2, 9):
        frac = rng.randint(35, 200)
    p = dict(pid=pid, name=name, sex=sex, et=et, age=age, d0=d0, death=death, frac=frac,
             ip='IP/%d/%05d' % (d0.year, rng.randint(1000, 48000)),
             phone=rng.choice(['07', '07', '01']) + '%d%d %03d %03d' % (rng.randint(0, 9), rng.randint(0, 9),
                                                                        rng.randint(100, 999), rng.randint(0, 999)),
             sub={'osteoporotic': 'osteoporotic', 'pathologic': rng.choice(['Ca prostate mets', 'Ca breast mets', 'multiple myeloma']),
                  'traumatic': rng.choice(['RTA (boda boda)', 'fall from height (coconut tree)', 'RTA - matatu']),
                  'other': 'haemangioma'}[et])
    if et == 'pathologic' and p['sub'] == 'Ca prostate mets' and sex == 'female':
        p['sub'] = 'Ca breast mets'
    if et == 'pathologic' and p['sub'] == 'Ca breast mets' and sex == 'male':
        p['sub'] = 'Ca prostate mets'
    if et == 'other':
        levels = [levels[0]]
        vols = vols[:1]
    sessions = [dict(day=0, levels=levels, tech=tech, vols=vols, per_level=per_level, leak=leak)]
    if frac and (death is None or death > frac + 40) and rng.random() < 0.75:
        lv2 = adjacent(levels)
        p['frac_level'] = lv2
        sessions.append(dict(day=frac + rng.randint(4, 20), levels=[lv2], tech='vertebroplasty',
                             vols=[rng.choice([3, 3.5, 4, 4.5])], per_level=True,
                             leak=rng.choice(['none', 'none', 'disc'])))
    elif frac:
        p['frac_level'] = adjacent(levels)
    p['sessions'] = sessions
    patients.append(p)

patients.sort(key=lambda q: q['d0'])
for k, q in enumerate(patients):
    q['pid'] = 'CGH/VP/%03d' % (k + 1)

# ---------------------------------------------------------------- events
events = []  # (date, order, patient, event, notes, agesex, extra)
truth_proc, truth_ass, truth_frac = [], [], []

VASW = ['VAS {}/10', 'pain {}/10', 'maumivu {}/10', 'pain score {}/10']


def vasw(v):
    return rng.choice(VASW).format(v)


def fmt_vol(v):
    return ('%g' % v)


for p in patients:
    d0 = p['d0']
    end_day = (CUTOFF - d0).days
    if p['death'] is not None:
        end_day = min(end_day, p['death'])
    ss = p['sessions']
    for si, s in enumerate(ss):
        sess = si + 1
        sday = s['day']
        sdate = d0 + TD(days=sday)
        nxt = ss[si + 1]['day'] if si + 1 < len(ss) else 10 ** 6
        # admission / pre-op pain
        pre = rng.randint(7, 9) if rng.random() < 0.85 else 10
        adm = sdate - TD(days=rng.randint(0, 2))
        if sess == 1:
            dx = {'osteoporotic': rng.choice(['Dx: osteoporotic # {lv}, fell at home', 'Osteoporotic compression # {lv}, alianguka bafuni (fell in bathroom)', 'OP # {lv}, low energy fall']),
                  'pathologic': '%s, pathological # {lv}' % p['sub'],
                  'traumatic': '%s, # {lv} (stable, no neuro)' % p['sub'],
                  'other': 'Aggressive haemangioma {lv}, back pain 6/12'}[p['et']]
            lvtxt = ', '.join(s['levels']) if len(s['levels']) > 1 else s['levels'][0]
            note = dx.format(lv=lvtxt) + '. ' + vasw(pre) + '.'
            if rng.random() < 0.5:
                note += ' Hakuna neuro deficit.'
            agesex = rng.choice(['%d/%s', '%d %s', '%dyrs %s']) % (p['age'], rng.choice(
                {'female': ['Ke', 'Ke', 'F'], 'male': ['Me', 'Me', 'M']}[p['sex']]))
            events.append([adm, 0, p, rng.choice(['Admission / Kulazwa', 'Kulazwa', 'ADMISSION']), note, agesex, p['phone']])
        else:
            note = 'Re-admitted for 2nd VP, new # %s. %s.' % (s['levels'][0], vasw(pre))
            events.append([adm, 0, p, rng.choice(['Kulazwa (re-admission)', 'Admission / Kulazwa']), note, '', ''])
        truth_ass.append([p['pid'], sess, 'pain_vas', 'pre', pre])
        # theatre
        abbr = 'VP' if s['tech'] == 'vertebroplasty' else 'KP (balloon)'
        lvtxt = ', '.join(s['levels'])
        if s['per_level']:
            ctxt = 'Cement ' + ', '.join('%s %sml' % (lv, fmt_vol(v)) for lv, v in zip(s['levels'], s['vols']))
        else:
            ctxt = 'Total cement %sml' % fmt_vol(sum(s['vols']))
        ctype = 'PMMA'
        ctxt += ' ' + rng.choice(['(PMMA)', 'PMMA', '- PMMA bone cement'])
        leakw = {'none': rng.choice(['No leak.', 'Hakuna leak.', 'No cement leak seen.']),
                 'disc': 'Small leak into disc space.', 'venous': 'Venous leak, asymptomatic.',
                 'paravertebral': 'Minor paravertebral leak.', 'disc;venous': 'Leak ya disc + venous, pt stable.'}[s['leak']]
        pre_t = '2nd session - ' if sess == 2 else ''
        note = '%s%s done %s. %s. %s' % (pre_t, abbr, lvtxt, ctxt, leakw)
        events.append([sdate, 1, p, rng.choice(['Theatre', 'THEATRE', 'Theatre (VP/KP)']), note, '', ''])
        tot = sum(s['vols'])
        for lv, v in zip(s['levels'], s['vols']):
            truth_proc.append([p['pid'], sess, sday, lv, s['tech'],
                               fmt_vol(v) if s['per_level'] else '',
                               '' if s['per_level'] else fmt_vol(tot), ctype, s['leak']])
        # follow-up
        tps = [tp for tp in ['24h', '2w', '6w', '3m', '6m', '12m']]
        course = vas_course(pre, tps)
        for tp in tps:
            day = sday + TP_DAYS[tp] + (0 if tp == '24h' else rng.randint(-3, 6))
            if day >= nxt or day > end_day:
                continue
            date = d0 + TD(days=day)
            v = course[tp]
            post2 = ' (post 2nd VP)' if sess == 2 else ''
            missed = tp != '24h' and rng.random() < 0.15
            if tp == '24h':
                note = '24hrs post-op: %s. %s' % (vasw(v), rng.choice(['Mobilising with frame.', 'Ametembea (walked) to toilet.', 'Wound dry.', '']))
                ev = rng.choice(['Post-op ward round', 'Ward round'])
            elif tp in ('2w', '6w', '3m'):
                ev = rng.choice(['Review clinic (SOPC)', 'Review', 'Clinic review'])
                if missed:
                    note = '%s review%s - DNA, hakuja kliniki.' % (TP_LABEL[tp], post2)
                else:
                    note = '%s review%s. %s. %s' % (TP_LABEL[tp], post2, vasw(v), rng.choice(['Wound healed.', 'Anaendelea vizuri.', 'Walking unaided.', '']))
            else:
                ev = rng.choice(['Simu / phone f/u', 'Follow-up kwa simu', 'Phone call'])
                if missed:
                    note = 'Simu %s%s: hakupatikana (not reachable), tried x2.' % (TP_LABEL[tp], post2)
                else:
                    note = 'Simu %s%s: %s, %s' % (TP_LABEL[tp], post2, vasw(v), rng.choice(['anaendelea vizuri.', 'doing well.', 'still some back pain.']))
            events.append([date, 2, p, ev, note.strip(), '', ''])
            if tp in ('6m', '12m') and sess == 1:
                p.setdefault('phone_rows', []).append((events[-1], tp))
            if tp == '3m' and not missed:
                p.setdefault('review_rows', []).append(events[-1])
            if not missed:
                truth_ass.append([p['pid'], sess, 'pain_vas', tp, v])
    if p['frac'] is not None and p['frac'] <= end_day:
        fd = d0 + TD(days=p['frac'])
        note = 'Back pain again. X-ray: new # %s.' % p['frac_level']
        if len(ss) > 1:
            note += ' Book for VP.'
        events.append([fd, 3, p, rng.choice(['X-ray review', 'Review clinic (SOPC)']), note, '', ''])
        truth_frac.append([p['pid'], p['frac'], p['frac_level']])
    if p['death'] is not None and p['death'] <= (CUTOFF - d0).days:
        dd = d0 + TD(days=p['death'])
        rep = dd + TD(days=rng.randint(1, 20))
        note = 'Taarifa kutoka kwa familia (info from %s): amefariki %s.' % (
            rng.choice(['daughter', 'son', 'wife', 'husband', 'mjukuu/grandchild']), dd.strftime('%d/%m/%Y'))
        events.append([rep, 4, p, rng.choice(['Kifo / Death', 'KIFO']), note, '', ''])
        p['died'] = 'yes'
    else:
        p['died'] = 'no'

events.sort(key=lambda e: (e[0], e[1], e[2]['pid']))

# ---------------------------------------------------------------- planted errors
errors = []
# indices into events set below once rows are known
FIRST_ROW = 6  # header at row 5


def row_of(idx):
    return FIRST_ROW + idx


def ev_index(e):
    return next(k for k, x in enumerate(events) if x is e)


# ---------------------------------------------------------------- workbook
wb = Workbook()
ws = wb.active
ws.title = 'Register 2022-23'
ws['A1'] = 'COAST GENERAL TEACHING & REFERRAL HOSPITAL - MOMBASA'
ws['A2'] = 'Orthopaedic / Spine Unit  -  Vertebroplasty & Kyphoplasty register (kitabu cha wodi, Ward 7)'
ws['A3'] = 'Transcribed from ward book by S. Mwakio (records), Jan 2024. Dates DD/MM/YYYY.'
for c in ('A1', 'A2', 'A3'):
    ws[c].font = Font(bold=(c == 'A1'), size=13 if c == 'A1' else 10)
ws.merge_cells('A1:J1')
ws.merge_cells('A2:J2')
ws.merge_cells('A3:J3')
heads = ['S/No', 'Tarehe / Date', 'Study No.', 'IP No.', 'Jina la Mgonjwa / Name', 'Umri/Jinsia (Age/Sex)',
         'Tukio / Event', 'Maelezo / Notes', 'Simu / Phone', 'Sign']
for j, h in enumerate(heads, 1):
    c = ws.cell(row=5, column=j, value=h)
    c.font = Font(bold=True)
    c.fill = PatternFill('solid', fgColor='C6E0B4')
    c.alignment = Alignment(wrap_text=True, vertical='center')
SIGNS = ['NM', 'Sr. Aisha', 'KC', 'N. Mwakio', 'RO']
text_dates = set(k for k in range(len(events)) if rng.random() < 0.1)
for k, e in enumerate(events):
    r = row_of(k)
    date, _, p, ev, note, agesex, phone = e
    ws.cell(row=r, column=1, value=k + 1)
    if k in text_dates:
        ws.cell(row=r, column=2, value='%d/%d/%s' % (date.day, date.month, str(date.year)[2:]))
    else:
        c = ws.cell(row=r, column=2, value=dt.datetime(date.year, date.month, date.day))
        c.number_format = 'DD/MM/YYYY'
    ws.cell(row=r, column=3, value=p['pid'])
    ws.cell(row=r, column=4, value=p['ip'])
    nm = p['name'].upper() if rng.random() < 0.3 else p['name']
    p.setdefault('written_names', set()).add(nm)
    ws.cell(row=r, column=5, value=nm)
    ws.cell(row=r, column=6, value=agesex or None)
    ws.cell(row=r, column=7, value=ev)
    ws.cell(row=r, column=8, value=note)
    ws.cell(row=r, column=9, value=phone or None)
    ws.cell(row=r, column=10, value=rng.choice(SIGNS))
    if ev.upper().startswith('KIFO'):
        for j in range(1, 11):
            ws.cell(row=r, column=j).fill = PatternFill('solid', fgColor='D9D9D9')
    e.append(r)

# --- plant the four mistakes (edit cells after layout; truth keeps the correct values)
def plant(p_index, kind):
    p = patients[p_index]
    return p


# 1. impossible level L7 in a theatre note
cands = [p for p in patients if p['sessions'][0]['levels'][-1] in ('L1', 'L2', 'L3')]
p1 = cands[0]
te = [x for x in events if x[2] is p1 and x[3].upper().startswith('THEATRE')][0]
lv = p1['sessions'][0]['levels'][-1]
import re as _re
new = _re.sub(r'\b%s\b' % lv, 'L7', te[4])
assert new != te[4]
ws.cell(row=te[7], column=8, value=new)
errors.append(['Register 2022-23', 'H%d' % te[7], te[7], 'Maelezo / Notes', new,
               'impossible vertebral level L7 (no L7); register/X-ray show %s' % lv, p1['pid']])

# 2. cement volume with decimal lost on one vertebra (per-level note)
cands = [p for p in patients if p is not p1 and p['sessions'][0]['per_level'] and (p['sessions'][0]['vols'][0] % 1) == 0.5]
p2 = cands[0]
te = [x for x in events if x[2] is p2 and x[3].upper().startswith('THEATRE')][0]
v = p2['sessions'][0]['vols'][0]
lv = p2['sessions'][0]['levels'][0]
new = te[4].replace('%s %sml' % (lv, fmt_vol(v)), '%s %dml' % (lv, int(v * 10)), 1)
assert new != te[4]
ws.cell(row=te[7], column=8, value=new)
errors.append(['Register 2022-23', 'H%d' % te[7], te[7], 'Maelezo / Notes', new,
               'cement volume %dml for one vertebra is impossible (decimal point lost); should be %sml' % (int(v * 10), fmt_vol(v)), p2['pid']])

# 3. VAS out of scale in a review note
cands = [p for p in patients if p not in (p1, p2) and p.get('review_rows')]
p3 = cands[0]
re_ = p3['review_rows'][0]
import re as _re
m = _re.search(r'(\d+)/10', re_[4])
new = re_[4][:m.start()] + '12/10' + re_[4][m.end():]
ws.cell(row=re_[7], column=8, value=new)
errors.append(['Register 2022-23', 'H%d' % re_[7], re_[7], 'Maelezo / Notes', new,
               'pain score 12/10 is outside the 0-10 scale; ward book reads %s/10' % m.group(1), p3['pid']])

# 4. phone follow-up dated a year early (before the operation)
cands = [p for p in patients if p not in (p1, p2, p3) and any(tp == '6m' for _, tp in p.get('phone_rows', []))]
p4 = cands[0]
pe = [e for e, tp in p4['phone_rows'] if tp == '6m'][0]
wrong = dt.datetime(pe[0].year - 1, pe[0].month, pe[0].day)
c = ws.cell(row=pe[7], column=2, value=wrong)
c.number_format = 'DD/MM/YYYY'
errors.append(['Register 2022-23', 'B%d' % pe[7], pe[7], 'Tarehe / Date', wrong.strftime('%d/%m/%Y'),
               'phone follow-up dated before the operation (%s); should be %s' % (p4['d0'].strftime('%d/%m/%Y'), pe[0].strftime('%d/%m/%Y')), p4['pid']])

widths = [6, 12, 13, 14, 26, 12, 22, 70, 14, 9]
for j, w in enumerate(widths, 1):
    ws.column_dimensions[get_column_letter(j)].width = w
ws.freeze_panes = 'A6'
last = FIRST_ROW + len(events)
ws.cell(row=last + 1, column=1, value='Mwisho wa rejista / end of register. Ward book pages 1-64 transcribed; illegible entries checked with file.')
ws.cell(row=last + 2, column=1, value='Grey rows = KIFO (death) reported.')

# key sheet
ks = wb.create_sheet('Key')
key = [
    ('Abbreviation', 'Meaning'),
    ('VP', 'vertebroplasty'), ('KP', 'kyphoplasty (balloon)'), ('#', 'fracture'), ('OP #', 'osteoporotic fracture'),
    ('2/52, 6/52', '2 weeks, 6 weeks after theatre'), ('3/12, 6/12, 12/12', '3, 6, 12 months after theatre'),
    ('DNA / hakuja', 'did not attend'), ('hakupatikana', 'could not be reached on phone'),
    ('amefariki / KIFO', 'has died / death'), ('maumivu', 'pain (score /10)'), ('Ke / F', 'female (mwanamke)'),
    ('Me / M', 'male (mwanaume)'), ('SOPC', 'special outpatient clinic'), ('RTA', 'road traffic accident'),
]
for r, (a, b) in enumerate(key, 1):
    ks.cell(row=r, column=1, value=a).font = Font(bold=(r == 1))
    ks.cell(row=r, column=2, value=b).font = Font(bold=(r == 1))
ks.column_dimensions['A'].width = 20
ks.column_dimensions['B'].width = 45
wb.save(os.path.join(HERE, 'input.xlsx'))

# ---------------------------------------------------------------- truth
T = os.path.join(HERE, 'truth')
os.makedirs(T, exist_ok=True)


def wcsv(name, header, rows):
    with open(os.path.join(T, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)


wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
     [[p['pid'], p['sex'], p['age'], p['et'], p['died']] for p in patients])
wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                        'session_cement_volume_ml', 'cement_type', 'leakage'], truth_proc)
wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], truth_ass)
wcsv('fractures.csv', ['patient_id', 'day', 'level'], truth_frac)
wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
ids = []
for p in patients:
    ids += [('name', n) for n in sorted(p['written_names'])] + [('record_number', p['ip']), ('phone', p['phone'])]
for e in events:
    pass
ids.append(('name', 'S. Mwakio'))
seen = set()
ids = [x for x in ids if not (x in seen or seen.add(x))]
wcsv('identifiers.csv', ['kind', 'value'], ids)
print('mombasa: %d patients, %d events, %d proc rows, %d assessments' % (len(patients), len(events), len(truth_proc), len(truth_ass)))
