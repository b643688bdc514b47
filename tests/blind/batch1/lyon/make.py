"""Blind test workbook: Lyon (France), one row per session, two header rows.

Run:  python make.py OUTDIR
Writes OUTDIR/input.xlsx and OUTDIR/truth/*.csv deterministically.
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 20240601
N_PATIENTS = 28

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
IDX = {l: i for i, l in enumerate(LEVELS)}
CAND = LEVELS[IDX['T5']:IDX['L5'] + 1]
CAND_W = np.array([1, 1, 1.5, 2, 2, 3, 6, 10, 10, 6, 4, 2, 1], float)
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
EXPORT_DATE = dt.date(2023, 3, 14)

# etiology key -> (label in workbook, truth, weight, age range)
ETIOS = [
    ('osteo', 'ostéoporotique', 'osteoporotic', 0.66, (62, 92)),
    ('meta_poumon', 'métastatique (poumon)', 'pathologic', 0.08, (48, 80)),
    ('meta_sein', 'métastatique (sein)', 'pathologic', 0.07, (45, 80)),
    ('myelome', 'myélome', 'pathologic', 0.11, (52, 84)),
    ('trauma', 'traumatique', 'traumatic', 0.08, (35, 75)),
]
LEAK_FR = {'disc': 'discale', 'venous': 'veineuse', 'epidural': 'épidurale',
           'foraminal': 'foraminale', 'paravertebral': 'paravertébrale'}
CEMENTS = {  # name -> truth
    'Osteopal V': 'PMMA', 'Vertecem V+': 'PMMA', 'Kyphon HV-R': 'PMMA',
    'KyphOs FS': 'calcium phosphate'}

FIRST_F = ['Marie', 'Jeanne', 'Françoise', 'Monique', 'Simone', 'Odette', 'Colette',
           'Hélène', 'Nicole', 'Josette', 'Christiane', 'Denise', 'Yvette', 'Paulette',
           'Suzanne', 'Germaine', 'Madeleine', 'Brigitte', 'Annie', 'Renée']
FIRST_M = ['Jean', 'Pierre', 'Michel', 'André', 'Robert', 'Bernard', 'Marcel',
           'Gérard', 'Claude', 'Roger', 'Henri', 'Lucien', 'Maurice', 'René']
LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit',
        'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel',
        'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel',
        'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François',
        'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guerin',
        'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu',
        'Chevalier', 'Gauthier', 'Clement', 'Vidal', 'Brun', 'Fabre']


def rdate(rng, start, end):
    return start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def pick_levels(rng, n, exclude=()):
    for _ in range(200):
        s = int(rng.choice(len(CAND), p=CAND_W / CAND_W.sum()))
        if s + n > len(CAND):
            continue
        lv = CAND[s:s + n]
        if not set(lv) & set(exclude):
            return list(lv)
    raise RuntimeError('no level')


def neighbour_level(rng, used):
    lo, hi = min(IDX[l] for l in used), max(IDX[l] for l in used)
    opts = [LEVELS[i] for i in (lo - 1, lo - 2, hi + 1, hi + 2)
            if IDX['T4'] <= i <= IDX['L5'] and LEVELS[i] not in used]
    return str(rng.choice(opts))


def vas_series(rng, tps, pre=None):
    pre = int(rng.integers(6, 11)) if pre is None else pre
    out = {'pre': pre}
    cur = pre
    for tp in tps:
        if tp == 'pre':
            continue
        drop = {'24h': rng.integers(1, 5), '1w': rng.integers(1, 4),
                '1m': rng.integers(0, 3), '3m': rng.integers(0, 2),
                '6m': rng.integers(-1, 2), '12m': rng.integers(-1, 2)}.get(tp, 1)
        cur = int(min(10, max(0, cur - int(drop))))
        out[tp] = cur
    return out


def make_session(rng, date, levels, technique):
    vols = []
    for _ in levels:
        v = rng.uniform(2.0, 5.5) if technique == 'vertebroplasty' else rng.uniform(3.0, 7.0)
        vols.append(round(v * 2) / 2)
    if technique == 'vertebroplasty':
        cement = str(rng.choice(['Osteopal V', 'Vertecem V+'], p=[0.6, 0.4]))
    else:
        cement = str(rng.choice(['Kyphon HV-R', 'KyphOs FS'], p=[0.75, 0.25]))
    leak = []
    for _ in levels:
        if rng.random() < 0.78:
            leak.append([])
        else:
            leak.append([str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                        p=[0.4, 0.3, 0.15, 0.1, 0.05]))])
    return dict(date=date, levels=levels, technique=technique, vols=vols, cement=cement,
                leak=leak, vas={})


def generate(rng):
    pts = []
    for i in range(N_PATIENTS):
        pid = 'VTB-%03d' % (i + 1 + (7 if i >= 12 else 0))  # gap: some numbers withdrawn
        k = int(rng.choice(len(ETIOS), p=[e[3] for e in ETIOS]))
        ekey, elabel, etruth, _, (a0, a1) = ETIOS[k]
        female = rng.random() < (0.78 if ekey == 'osteo' else 0.5)
        if ekey == 'meta_sein':
            female = True
        age = int(rng.integers(a0, a1 + 1))
        d1 = rdate(rng, dt.date(2019, 1, 7), dt.date(2021, 12, 20))
        dob = d1 - dt.timedelta(days=int(age * 365.25 + rng.integers(1, 360)))
        age = (d1.year - dob.year) - ((d1.month, d1.day) < (dob.month, dob.day))
        nlev = int(rng.choice([1, 2, 3], p=[0.58, 0.32, 0.10]))
        tech = 'kyphoplasty' if (ekey == 'trauma' or rng.random() < 0.25) else 'vertebroplasty'
        s1 = make_session(rng, d1, pick_levels(rng, nlev), tech)
        p = dict(pid=pid, sex='female' if female else 'male', age=age, dob=dob,
                 ekey=ekey, elabel=elabel, etruth=etruth, sessions=[s1], newfx=[],
                 died=False, death=None,
                 last=str(rng.choice(LAST)).upper(),
                 first=str(rng.choice(FIRST_F if female else FIRST_M)))
        p_death = 0.35 if etruth == 'pathologic' else 0.08
        if rng.random() < p_death:
            p['died'] = True
            p['death'] = d1 + dt.timedelta(days=int(rng.integers(45, 520)))
        used = list(s1['levels'])
        r = rng.random()
        if r < 0.18:  # second session for a new (adjacent) fracture
            lv = neighbour_level(rng, used)
            fx_day = int(rng.integers(25, 200))
            if p['death'] is None or d1 + dt.timedelta(days=fx_day + 30) < p['death']:
                fx_date = d1 + dt.timedelta(days=fx_day)
                p['newfx'].append((fx_date, lv))
                s2 = make_session(rng, fx_date + dt.timedelta(days=int(rng.integers(4, 20))), [lv],
                                  'vertebroplasty')
                p['sessions'].append(s2)
                used.append(lv)
        elif r < 0.30:  # new fracture, treated conservatively
            lv = neighbour_level(rng, used)
            fx_day = int(rng.integers(40, 400))
            if p['death'] is None or d1 + dt.timedelta(days=fx_day) < p['death']:
                p['newfx'].append((d1 + dt.timedelta(days=fx_day), lv))
        pts.append(p)
    # visits: avant, J1, M1, M6
    for p in pts:
        for s in p['sessions']:
            vas = vas_series(rng, ['pre', '24h', '1m', '6m'])
            rec = {}
            for tp, v in vas.items():
                due = s['date'] + dt.timedelta(days=TP_DAYS[tp])
                if p['death'] is not None and due >= p['death']:
                    rec[tp] = 'DCD'
                    continue
                if due > EXPORT_DATE:
                    continue
                if tp in ('1m', '6m') and rng.random() < 0.14:
                    rec[tp] = str(rng.choice(['NF', 'PDV', '']))
                    continue
                rec[tp] = v
            s['vas'] = rec
    return pts


def fr_date(d):
    return d.strftime('%d/%m/%Y')


def fr_num(x):
    return ('%g' % x).replace('.', ',')


def render(pts, rng, outpath):
    wb = Workbook()
    ws = wb.active
    ws.title = 'Registre VP-CP'
    thin = Side(style='thin', color='808080')
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    hdr_fill = PatternFill('solid', fgColor='DDEBF7')
    grp_fill = PatternFill('solid', fgColor='9BC2E6')
    bold = Font(bold=True)

    ws['A1'] = ('Service de Radiologie Interventionnelle Ostéo-Articulaire - Hôpital '
                'Saint-Irénée, Lyon - Registre vertébroplasties / cyphoplasties')
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = ('Mise à jour : 14/03/2023 (Dr B. Perrin)   -   EVA de 0 à 10   -   '
                'NF = non fait, PDV = perdu de vue, DCD = décédé   -   '
                'VP = vertébroplastie, CP = cyphoplastie (ballonnet)')
    ws['A2'].font = Font(italic=True, size=9)

    groups = [('Identification', 1, 7), ('Intervention', 8, 16), ('EVA (0-10)', 17, 20),
              ('Évolution', 21, 24)]
    sub = ['N° étude', 'Nom', 'Prénom', 'DDN', 'Sexe (H/F)', 'Âge', 'Étiologie',
           'Séance', 'Date intervention', 'Niveau(x)', 'Geste', 'Volume niv. 1 (mL)',
           'Volume niv. 2 (mL)', 'Volume niv. 3 (mL)', 'Ciment', 'Fuite de ciment',
           'avant', 'J1', 'M1', 'M6',
           'Nouvelle fracture', 'Niveau (date)', 'Décès', 'Commentaires']
    HR1, HR2 = 4, 5
    for name, c0, c1 in groups:
        ws.merge_cells(start_row=HR1, start_column=c0, end_row=HR1, end_column=c1)
        c = ws.cell(HR1, c0, name)
        c.font = bold
        c.fill = grp_fill
        c.alignment = Alignment(horizontal='center')
        for cc in range(c0, c1 + 1):
            ws.cell(HR1, cc).border = border
    for j, h in enumerate(sub, 1):
        c = ws.cell(HR2, j, h)
        c.font = bold
        c.fill = hdr_fill
        c.border = border
        c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
    col = {h: j for j, h in enumerate(sub, 1)}
    widths = [9, 13, 11, 11, 6, 5, 20, 7, 12, 10, 6, 9, 9, 9, 12, 16, 6, 5, 5, 5, 9, 24, 7, 34]
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.row_dimensions[HR2].height = 32
    ws.freeze_panes = 'B6'

    where = {}  # (pid, session_no, field) -> (row, col)
    r = HR2 + 1
    for p in pts:
        for si, s in enumerate(p['sessions'], 1):
            def put(field, value, fmt=None):
                c = ws.cell(r, col[field], value)
                c.border = border
                if fmt:
                    c.number_format = fmt
                where[(p['pid'], si, field)] = (r, col[field])
                return c
            put('N° étude', p['pid'])
            put('Nom', p['last'])
            put('Prénom', p['first'])
            put('DDN', p['dob'], 'dd/mm/yyyy')
            if si == 1:
                put('Sexe (H/F)', 'F' if p['sex'] == 'female' else 'H')
                put('Âge', p['age'])
                put('Étiologie', p['elabel'])
            put('Séance', si)
            if rng.random() < 0.15:
                put('Date intervention', fr_date(s['date']))  # typed as text
            else:
                put('Date intervention', s['date'], 'dd/mm/yyyy')
            put('Niveau(x)', '/'.join(s['levels']))
            put('Geste', 'VP' if s['technique'] == 'vertebroplasty' else 'CP')
            for k in range(3):
                f = 'Volume niv. %d (mL)' % (k + 1)
                if k < len(s['vols']):
                    v = s['vols'][k]
                    if rng.random() < 0.12:
                        put(f, fr_num(v) + ' mL')
                    else:
                        put(f, v, '0.0')
                else:
                    put(f, None)
            put('Ciment', s['cement'])
            leaks = [(lv, lk) for lv, lk in zip(s['levels'], s['leak']) if lk]
            if not leaks:
                put('Fuite de ciment', 'non')
            elif len(s['levels']) == 1:
                put('Fuite de ciment', ' + '.join(LEAK_FR[x] for x in leaks[0][1]))
            else:
                put('Fuite de ciment', ', '.join('%s %s' % (' + '.join(LEAK_FR[x] for x in lk), lv)
                                                 for lv, lk in leaks))
            for tp, f in [('pre', 'avant'), ('24h', 'J1'), ('1m', 'M1'), ('6m', 'M6')]:
                v = s['vas'].get(tp)
                put(f, v if v != '' else None)
            if si == 1:
                if p['newfx']:
                    put('Nouvelle fracture', 'oui')
                    put('Niveau (date)', ' ; '.join('%s (%s)' % (lv, fr_date(d)) for d, lv in p['newfx']))
                else:
                    put('Nouvelle fracture', 'non')
                put('Décès', 'oui' if p['died'] else 'non')
                if p['died']:
                    put('Commentaires', 'décédé(e) le %s' % fr_date(p['death']))
            else:
                put('Commentaires', 'reprise : nouvelle fracture %s' % s['levels'][0])
            for j in range(1, len(sub) + 1):
                ws.cell(r, j).border = border
            r += 1
    # notes under the table
    ws.cell(r + 1, 1, 'Fond orange = dossier à compléter (attente CR de consultation)').font = Font(italic=True, size=9)
    ws.cell(r + 1, 1).fill = PatternFill('solid', fgColor='F8CBAD')
    return wb, ws, where, col, sub


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng)
    wb, ws, where, col, sub = render(pts, np.random.default_rng(SEED + 1), None)
    byid = {p['pid']: p for p in pts}

    # ---- plant errors -------------------------------------------------------
    errors = []
    header_row = 5

    def plant(pid, si, field, value, why):
        r, c = where[(pid, si, field)]
        ws.cell(r, c).value = value
        errors.append(dict(sheet=ws.title, cell='%s%d' % (get_column_letter(c), r), row=r,
                           column_header=ws.cell(header_row, c).value, value=str(value),
                           what_is_wrong=why, patient_id=pid))

    ids = [p['pid'] for p in pts]
    single = [p['pid'] for p in pts if len(p['sessions'][0]['levels']) == 1 and len(p['sessions']) == 1]
    multi = [p['pid'] for p in pts if len(p['sessions'][0]['levels']) >= 2]
    e1 = single[2]
    plant(e1, 1, 'Niveau(x)', 'L7', 'impossible vertebral level (there is no L7)')
    e2 = multi[1]
    plant(e2, 1, 'Volume niv. 2 (mL)', 45, 'implausible cement volume for one vertebra (45 mL)')
    e3 = [i for i in ids if byid[i]['sessions'][0]['vas'].get('24h') not in (None, '', 'DCD', 'NF', 'PDV')
          and i not in (e1, e2)][5]
    plant(e3, 1, 'J1', 14, 'pain score 14 on a 0-10 scale')
    e4 = [i for i in ids if i not in (e1, e2, e3)][17]
    d = byid[e4]['sessions'][0]['date']
    plant(e4, 1, 'Date intervention', '31/02/%d' % d.year, 'impossible date (31 February)')

    # mark two rows orange (incomplete file) just as colour; harmless
    for pid in (ids[9], ids[21]):
        r, _ = where[(pid, 1, 'N° étude')]
        ws.cell(r, 1).fill = PatternFill('solid', fgColor='F8CBAD')

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))

    # ---- truth --------------------------------------------------------------
    tdir = os.path.join(outdir, 'truth')
    os.makedirs(tdir, exist_ok=True)
    P, PR, A, F, I = [], [], [], [], []
    for p in pts:
        P.append([p['pid'], p['sex'], p['age'], p['etruth'], 'yes' if p['died'] else 'no'])
        d0 = p['sessions'][0]['date']
        for si, s in enumerate(p['sessions'], 1):
            for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
                PR.append([p['pid'], si, (s['date'] - d0).days, lv, s['technique'], '%g' % v, '',
                           CEMENTS[s['cement']], ';'.join(lk) if lk else 'none'])
            for tp in ['pre', '24h', '1m', '6m']:
                v = s['vas'].get(tp)
                if isinstance(v, (int, np.integer)):
                    A.append([p['pid'], si, 'pain_vas', tp, int(v)])
        for d, lv in p['newfx']:
            F.append([p['pid'], (d - d0).days, lv])
        I.append(['name', p['last']])
        I.append(['name', p['first']])
        I.append(['birth_date', fr_date(p['dob'])])
    seen = set()
    I = [x for x in I if not (tuple(x) in seen or seen.add(tuple(x)))]

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as fh:
            cw = csv.writer(fh)
            cw.writerow(header)
            cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    w('fractures.csv', ['patient_id', 'day', 'level'], F)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['column_header'], e['value'], e['what_is_wrong'],
        e['patient_id']] for e in errors])
    w('identifiers.csv', ['kind', 'value'], I)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
