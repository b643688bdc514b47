"""Noumea (CHT Gaston-Bourret, Medipole de Koutio) - French, one block of rows per patient.
Deterministic: writes input.xlsx and truth/*.csv next to itself."""
import csv
import datetime as dt
import os
import random

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(27005)
D = dt.date
TD = dt.timedelta
CUTOFF = D(2023, 12, 31)
EPOCH = D(1899, 12, 30)

LEVELS = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
CENTRES = ['T8', 'T10', 'T11', 'T12', 'T12', 'T12', 'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']
NAMES = [('WAHETRA', 'Marie-Claire', 'female'), ('KAYSER', 'Jean-Pierre', 'male'), ('TUIHOUA', 'Malia', 'female'),
         ('NGUYEN', 'Thi Lan', 'female'), ('DUBOIS', 'Françoise', 'female'), ('WAMEJO', 'Henri', 'male'),
         ('GOROMIDO', 'Adèle', 'female'), ('LAUOUVEA', 'Sosefo', 'male'), ('MARTIN', 'Gérard', 'male'),
         ('HNAWIA', 'Suzanne', 'female'), ('FOLITUU', 'Petelo', 'male'), ('LECOURT', 'Monique', 'female'),
         ('PAOUTA', 'Julienne', 'female'), ('ROUSSEAU', 'Michel', 'male'), ('TRAN', 'Van Minh', 'male'),
         ('BOEWA', 'Yvette', 'female')]
VIS = [('pre', 'Pré-op', -1), ('24h', 'J+1', 1), ('1w', 'J+7', 7), ('1m', 'M1', 30), ('3m', 'M3', 91),
       ('6m', 'M6', 182), ('12m', 'M12', 365)]


def lvl_fr(lv):
    return ('D' + lv[1:]) if lv[0] == 'T' else lv


def dec(v):
    s = '%g' % v
    return s.replace('.', ',')


def pick_levels(n):
    c = LEVELS.index(rng.choice(CENTRES))
    s = max(0, min(c - rng.randint(0, n - 1), len(LEVELS) - n))
    return LEVELS[s:s + n]


def adjacent(levels):
    lo, hi = LEVELS.index(levels[0]) - 1, LEVELS.index(levels[-1]) + 1
    cands = [LEVELS[k] for k in (lo, hi) if 0 <= k < len(LEVELS)]
    return rng.choice(cands)


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


# ---------------------------------------------------------------- cohort
patients = []
for i, (nom, prenom, sex) in enumerate(NAMES):
    et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [56, 27, 12, 5])[0]
    if i == 12:
        et = 'other'
    if i in (1, 7):
        et = 'traumatic' if i == 7 else 'pathologic'
    tage = {'osteoporotic': rng.randint(62, 88), 'pathologic': rng.randint(50, 80),
            'traumatic': rng.randint(45, 75), 'other': rng.randint(42, 66)}[et]
    d0 = D(2022, 1, 5) + TD(days=rng.randint(0, 440))
    birth = D(d0.year - tage, 1, 1) - TD(days=rng.randint(0, 364))
    nlev = rng.choices([1, 2, 3], [52, 35, 13])[0]
    levels = pick_levels(1 if et == 'other' else nlev)
    tech = 'kyphoplasty' if rng.random() < 0.35 else 'vertebroplasty'
    vols = [rng.choice([2, 2.5, 3, 3.5, 4, 4.5, 5]) + (1 if tech == 'kyphoplasty' else 0) for _ in levels]
    per_level = rng.random() < 0.7
    leak = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous'], [60, 16, 12, 6, 6])[0]
    death = None
    if et == 'pathologic' and rng.random() < 0.6:
        death = rng.randint(60, 330)
    elif rng.random() < 0.06:
        death = rng.randint(100, 360)
    frac = rng.randint(30, 240) if (rng.random() < 0.2 or i in (4, 10)) else None
    if death is not None and frac is not None and frac >= death - 30:
        frac = None
    p = dict(pid='VP-NC-%02d' % (i + 1), nom=nom, prenom=prenom, sex=sex, et=et, birth=birth, d0=d0,
             age=age_at(birth, d0), death=death, frac=frac, ipp='%08d' % rng.randint(100000, 9999999),
             tel='%02d %02d %02d' % (rng.choice([27, 28, 41, 43, 46, 75, 76, 77, 78, 79, 91, 92, 95, 97]), rng.randint(0, 99), rng.randint(0, 99)))
    p['dx'] = {'osteoporotic': rng.choice(['Tassement ostéoporotique', 'Fracture ostéoporotique', 'Tassement sur ostéoporose']),
               'pathologic': rng.choice(['Métastase (K sein)' if sex == 'female' else 'Métastase (K prostate)', 'Myélome multiple', 'Métastase (K poumon)']),
               'traumatic': rng.choice(['Fracture traumatique (chute)', 'Traumatisme (AVP)']),
               'other': 'Hémangiome vertébral'}[et]
    sessions = [dict(day=0, levels=levels, tech=tech, vols=vols, per_level=per_level, leak=leak)]
    if frac is not None:
        p['frac_level'] = adjacent(levels)
        if rng.random() < 0.7:
            sessions.append(dict(day=frac + rng.randint(6, 20), levels=[p['frac_level']], tech='vertebroplasty',
                                 vols=[rng.choice([3, 3.5, 4])], per_level=True, leak='none'))
    p['sessions'] = sessions
    patients.append(p)

patients.sort(key=lambda q: q['d0'])
for k, q in enumerate(patients):
    q['pid'] = 'VP-NC-%02d' % (k + 1)

truth_proc, truth_ass, truth_frac = [], [], []

# ---------------------------------------------------------------- workbook
wb = Workbook()
ws = wb.active
ws.title = 'Suivi VP-CP'
ws['A1'] = 'CHT Gaston-Bourret – Médipôle de Koutio  |  Neurochirurgie / Radiologie interventionnelle'
ws['A2'] = 'Cimentoplasties vertébrales (vertébroplastie VP / cyphoplastie CP) – suivi 2022-2023'
ws['A3'] = 'Saisie : IDE consultation douleur. Dates : jj/mm/aaaa (certaines dates importées du logiciel apparaissent en nombre).'
ws['A1'].font = Font(bold=True, size=13)
ws['A3'].font = Font(italic=True, size=9)
HEAD = ['Visite', 'Date', 'Niveau(x)', 'Technique', 'Ciment (mL)', 'Type de ciment', 'Fuite', 'EVA (/10)', 'ODI (%)', 'Commentaire']
for j, h in enumerate(HEAD, 1):
    c = ws.cell(row=5, column=j, value=h)
    c.font = Font(bold=True, color='FFFFFF')
    c.fill = PatternFill('solid', fgColor='1F4E78')
    c.alignment = Alignment(horizontal='center', wrap_text=True)
PFILL = PatternFill('solid', fgColor='DDEBF7')
r = 6


def put_date(row, d):
    """real date, text dd/mm/yyyy, or serial number stored as text"""
    x = rng.random()
    if x < 0.6:
        c = ws.cell(row=row, column=2, value=dt.datetime(d.year, d.month, d.day))
        c.number_format = 'DD/MM/YYYY'
    elif x < 0.75:
        ws.cell(row=row, column=2, value=d.strftime('%d/%m/%Y'))
    else:
        c = ws.cell(row=row, column=2, value=str((d - EPOCH).days))
        c.number_format = '@'


for p in patients:
    end = (CUTOFF - p['d0']).days
    died = p['death'] is not None and p['death'] <= end
    p['died'] = 'yes' if died else 'no'
    if p['death'] is not None:
        end = min(end, p['death'])
    p['birth_txt'] = p['birth'].strftime('%d/%m/%Y')
    head = 'Patient %s — %s %s, %s le %s — IPP %s — tél. %s — %s — %d ans — %s' % (
        p['pid'], p['nom'], p['prenom'], 'née' if p['sex'] == 'female' else 'né', p['birth_txt'], p['ipp'], p['tel'],
        'F' if p['sex'] == 'female' else 'H', p['age'], p['dx'])
    ws.cell(row=r, column=1, value=head)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=10)
    ws.cell(row=r, column=1).font = Font(bold=True)
    ws.cell(row=r, column=1).fill = PFILL
    r += 1
    rows = []  # (day, order, fn)
    ss = p['sessions']
    for si, s in enumerate(ss):
        sess = si + 1
        nxt = ss[si + 1]['day'] if si + 1 < len(ss) else 10 ** 6
        pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10, 7.5, 8.5])
        for tp, lab, off in VIS:
            day = s['day'] + off + (rng.randint(-3, 8) if off > 7 else 0)
            if day >= nxt or day > end:
                continue
            label = lab if sess == 1 else lab + ' (reprise)'
            missed = tp not in ('pre', '24h') and rng.random() < 0.14
            rec = dict(day=day, label=label, tp=tp, sess=sess)
            if missed:
                rec['com'] = rng.choice(['non venu(e)', 'injoignable', 'NV – RDV manqué', 'perdu de vue ?'])
            else:
                eva = pre if tp == 'pre' else (max(0, pre - rng.randint(3, 5)) if tp in ('24h', '1w') else rng.choice([1, 2, 2, 3, 3, 4, 2.5, 3.5]))
                rec['eva'] = eva
                truth_ass.append([p['pid'], sess, 'pain_vas', tp, '%g' % eva])
                if tp in ('pre', '1m', '3m', '12m'):
                    odi = rng.choice([48, 52, 56, 60, 64, 68, 72]) if tp == 'pre' else rng.choice([16, 20, 24, 26, 30, 34, 38])
                    rec['odi'] = odi
                    truth_ass.append([p['pid'], sess, 'odi', tp, odi])
            rows.append((day, 0 if tp == 'pre' else 2, rec))
        # J0 operation row
        lvtxt = ' + '.join(lvl_fr(x) for x in s['levels'])
        if s['per_level']:
            ctxt = ' ; '.join('%s : %s' % (lvl_fr(lv), dec(v)) for lv, v in zip(s['levels'], s['vols'])) if len(s['levels']) > 1 else dec(s['vols'][0])
        else:
            ctxt = 'total %s' % dec(sum(s['vols']))
        rows.append((s['day'], 1, dict(day=s['day'], label='J0' if sess == 1 else 'J0 (reprise)', op=s, lvtxt=lvtxt, ctxt=ctxt, sess=sess)))
        tot = sum(s['vols'])
        for lv, v in zip(s['levels'], s['vols']):
            truth_proc.append([p['pid'], sess, s['day'], lv, s['tech'], '%g' % v if s['per_level'] else '',
                               '' if s['per_level'] else '%g' % tot, 'PMMA', s['leak']])
    if p['frac'] is not None and p['frac'] <= (CUTOFF - p['d0']).days:
        rows.append((p['frac'], 3, dict(day=p['frac'], label=rng.choice(['IRM', 'Radio']), frac=p['frac_level'])))
        truth_frac.append([p['pid'], p['frac'], p['frac_level']])
    if died:
        rows.append((p['death'], 4, dict(day=p['death'], label='Décès')))
    rows.sort(key=lambda x: (x[0], x[1]))
    for _, _, rec in rows:
        d = p['d0'] + TD(days=rec['day'])
        ws.cell(row=r, column=1, value=rec['label'])
        put_date(r, d)
        if 'op' in rec:
            s = rec['op']
            ws.cell(row=r, column=3, value=rec['lvtxt'])
            ws.cell(row=r, column=4, value='VP' if s['tech'] == 'vertebroplasty' else 'CP')
            ws.cell(row=r, column=5, value=rec['ctxt'])
            ws.cell(row=r, column=6, value='PMMA')
            ws.cell(row=r, column=7, value={'none': rng.choice(['non', 'aucune', '0']), 'disc': 'discale', 'venous': 'veineuse',
                                            'paravertebral': 'paravertébrale', 'disc;venous': 'discale + veineuse'}[s['leak']])
            if rec['sess'] == 2:
                ws.cell(row=r, column=10, value='2e intervention (nouveau tassement)')
            p.setdefault('oprows', []).append((r, rec))
        elif 'frac' in rec:
            ws.cell(row=r, column=3, value=lvl_fr(rec['frac']))
            ws.cell(row=r, column=10, value='nouveau tassement %s' % lvl_fr(rec['frac']))
        elif rec['label'] == 'Décès':
            ws.cell(row=r, column=10, value=rng.choice(['décédé(e)', 'DCD (info médecin traitant)', 'décès – évolution tumorale']))
            for j in range(1, 11):
                ws.cell(row=r, column=j).font = Font(color='808080', italic=True)
        else:
            if 'eva' in rec:
                ws.cell(row=r, column=8, value=rec['eva'] if float(rec['eva']).is_integer() else dec(rec['eva']))
            if 'odi' in rec:
                ws.cell(row=r, column=9, value=rec['odi'])
            if 'com' in rec:
                ws.cell(row=r, column=10, value=rec['com'])
            p.setdefault('visrows', []).append((r, rec))
        r += 1
    r += 1  # blank line between blocks

ws.cell(row=r + 1, column=1, value='Légende : J0 = jour de l’intervention ; J+1, J+7 ; M1, M3, M6, M12 = mois après l’intervention (après la reprise pour les lignes « (reprise) »).')
ws.cell(row=r + 2, column=1, value='D = vertèbre dorsale (= thoracique). Ciment : volume par vertèbre, ou « total » si seul le volume total est noté. EVA /10, ODI en %.')
for j, wd in enumerate([16, 12, 14, 10, 22, 13, 18, 9, 8, 34], 1):
    ws.column_dimensions[get_column_letter(j)].width = wd

# ---------------------------------------------------------------- planted errors
errors = []
used = set()
SH = ws.title
# 1. D13
p1 = next(p for p in patients if p['sessions'][0]['levels'][-1] == 'T12')
used.add(p1['pid'])
row, rec = p1['oprows'][0]
bad = rec['lvtxt'].replace('D12', 'D13')
ws.cell(row=row, column=3, value=bad)
errors.append([SH, 'C%d' % row, row, 'Niveau(x)', bad, 'impossible level D13 (only 12 dorsal vertebrae); should be D12', p1['pid']])
# 2. follow-up dated before surgery (serial stored as text, one year early)
p2 = next(p for p in patients if p['pid'] not in used and any(rec['tp'] == '3m' and 'eva' in rec for _, rec in p.get('visrows', [])))
used.add(p2['pid'])
row, rec = next((rw, rc) for rw, rc in p2['visrows'] if rc['tp'] == '3m' and 'eva' in rc)
real = p2['d0'] + TD(days=rec['day'])
badd = real.replace(year=real.year - 1) if not (real.month == 2 and real.day == 29) else real - TD(days=365)
c = ws.cell(row=row, column=2, value=str((badd - EPOCH).days))
c.number_format = '@'
errors.append([SH, 'B%d' % row, row, 'Date', str((badd - EPOCH).days),
               'M3 visit dated %s, before the operation (%s); should be %s (serial %d)' % (
                   badd.strftime('%d/%m/%Y'), p2['d0'].strftime('%d/%m/%Y'), real.strftime('%d/%m/%Y'), (real - EPOCH).days), p2['pid']])
# 3. EVA 11
p3 = next(p for p in patients if p['pid'] not in used and any(rec['tp'] == '1m' and 'eva' in rec for _, rec in p.get('visrows', [])))
used.add(p3['pid'])
row, rec = next((rw, rc) for rw, rc in p3['visrows'] if rc['tp'] == '1m' and 'eva' in rc)
ws.cell(row=row, column=8, value=11)
errors.append([SH, 'H%d' % row, row, 'EVA (/10)', 11, 'EVA 11 is outside the 0-10 scale; should be %s' % dec(rec['eva']), p3['pid']])
# 4. cement 55 for one vertebra
p4 = next(p for p in patients if p['pid'] not in used and p['sessions'][0]['per_level'] and any(v % 1 for v in p['sessions'][0]['vols']))
used.add(p4['pid'])
row, rec = p4['oprows'][0]
s = p4['sessions'][0]
k = next(k for k, v in enumerate(s['vols']) if v % 1)
if len(s['vols']) > 1:
    bad = ' ; '.join('%s : %s' % (lvl_fr(lv), ('%d' % (v * 10)) if kk == k else dec(v)) for kk, (lv, v) in enumerate(zip(s['levels'], s['vols'])))
else:
    bad = '%d' % (s['vols'][0] * 10)
ws.cell(row=row, column=5, value=bad)
errors.append([SH, 'E%d' % row, row, 'Ciment (mL)', bad,
               '%d mL for one vertebra (%s) is impossible, decimal comma lost; should be %s' % (s['vols'][k] * 10, lvl_fr(s['levels'][k]), dec(s['vols'][k])), p4['pid']])

ws.freeze_panes = 'A6'
wb.save(os.path.join(HERE, 'input.xlsx'))

# ---------------------------------------------------------------- truth
T = os.path.join(HERE, 'truth')
os.makedirs(T, exist_ok=True)


def wcsv(name, header_, rows_):
    with open(os.path.join(T, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header_)
        w.writerows(rows_)


wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
     [[p['pid'], p['sex'], p['age'], p['et'], p['died']] for p in patients])
wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                        'session_cement_volume_ml', 'cement_type', 'leakage'], truth_proc)
wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], truth_ass)
wcsv('fractures.csv', ['patient_id', 'day', 'level'], truth_frac)
wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
ids = []
for p in patients:
    ids += [('name', '%s %s' % (p['nom'], p['prenom'])), ('record_number', p['ipp']), ('phone', p['tel']),
            ('birth_date', p['birth_txt'])]
wcsv('identifiers.csv', ['kind', 'value'], ids)
print('noumea: %d patients, %d proc rows, %d assessments, %d fractures' % (len(patients), len(truth_proc), len(truth_ass), len(truth_frac)))
