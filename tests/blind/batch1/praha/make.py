"""Blind test workbook: Praha (Czech Republic), long layout (one row per patient per visit)
plus separate sheets for patients, procedures (one row per vertebra) and new fractures.

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

SEED = 3312077
N_PATIENTS = 22

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
IDX = {l: i for i, l in enumerate(LEVELS)}
CAND = LEVELS[IDX['T5']:IDX['L5'] + 1]
CAND_W = np.array([1, 1, 1.5, 2, 2, 3, 6, 10, 10, 6, 4, 2, 1], float)
EXPORT_DATE = dt.date(2023, 1, 31)
# visit name -> (truth timepoint, nominal day, jitter range)
VISITS = [('před výkonem', 'pre', 0, (-1, 0)), ('1 týden', '1w', 7, (-1, 3)),
          ('3 měsíce', '3m', 91, (-10, 12)), ('12 měsíců', '12m', 365, (-20, 25))]

ETIOS = [
    ('osteo', 'osteoporóza', 'osteoporotic', 0.64, (60, 90)),
    ('prs', 'metastáza (ca prsu)', 'pathologic', 0.08, (45, 80)),
    ('ledvina', 'metastáza (ca ledviny)', 'pathologic', 0.05, (50, 80)),
    ('myelom', 'mnohočetný myelom', 'pathologic', 0.11, (50, 82)),
    ('uraz', 'úraz (pád)', 'traumatic', 0.12, (30, 75)),
]
LEAK_CZ = {'disc': 'do disku', 'venous': 'žilní', 'epidural': 'epidurálně',
           'foraminal': 'do foramen', 'paravertebral': 'paravertebrálně'}
CEMENTS = {'Osteopal V': 'PMMA', 'Vertecem V+': 'PMMA', 'Kyphon HV-R': 'PMMA',
           'KyphOs FS': 'calcium phosphate'}


def rdate(rng, start, end):
    return start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def pick_levels(rng, n):
    while True:
        s = int(rng.choice(len(CAND), p=CAND_W / CAND_W.sum()))
        if s + n <= len(CAND):
            return list(CAND[s:s + n])


def neighbour_level(rng, used):
    lo, hi = min(IDX[l] for l in used), max(IDX[l] for l in used)
    opts = [LEVELS[i] for i in (lo - 1, lo - 2, hi + 1, hi + 2)
            if IDX['T4'] <= i <= IDX['L5'] and LEVELS[i] not in used]
    return str(rng.choice(opts))


def cz_level(lv):
    return ('Th' + lv[1:]) if lv[0] == 'T' else lv


def cz_date(d):
    return '%d. %d. %d' % (d.day, d.month, d.year)


def make_session(rng, date, levels, technique):
    vols = [round(rng.uniform(2.0, 5.5), 1) if technique == 'vertebroplasty'
            else round(rng.uniform(3.0, 7.0), 1) for _ in levels]
    if technique == 'vertebroplasty':
        cement = str(rng.choice(['Osteopal V', 'Vertecem V+']))
    else:
        cement = str(rng.choice(['Kyphon HV-R', 'KyphOs FS'], p=[0.7, 0.3]))
    leak = []
    for _ in levels:
        if rng.random() < 0.75:
            leak.append([])
        else:
            leak.append([str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                        p=[0.4, 0.3, 0.15, 0.1, 0.05]))])
    return dict(date=date, levels=levels, technique=technique, vols=vols, cement=cement, leak=leak)


def generate(rng):
    pts = []
    for i in range(N_PATIENTS):
        k = int(rng.choice(len(ETIOS), p=[e[3] for e in ETIOS]))
        ekey, label, etruth, _, (a0, a1) = ETIOS[k]
        female = rng.random() < (0.78 if ekey == 'osteo' else 0.5)
        if ekey == 'prs':
            female = True
        age = int(rng.integers(a0, a1 + 1))
        d1 = rdate(rng, dt.date(2019, 1, 15), dt.date(2021, 9, 30))
        nlev = int(rng.choice([1, 2, 3], p=[0.55, 0.33, 0.12]))
        tech = 'kyphoplasty' if rng.random() < 0.45 else 'vertebroplasty'
        s1 = make_session(rng, d1, pick_levels(rng, nlev), tech)
        p = dict(pid='%03d' % (i + 1), sex='female' if female else 'male', age=age, label=label,
                 etruth=etruth, sessions=[s1], newfx=[], died=False, death=None)
        if rng.random() < (0.35 if etruth == 'pathologic' else 0.07):
            p['died'] = True
            p['death'] = d1 + dt.timedelta(days=int(rng.integers(60, 600)))
        used = list(s1['levels'])
        r = rng.random()
        if r < 0.18:
            lv = neighbour_level(rng, used)
            fx = d1 + dt.timedelta(days=int(rng.integers(20, 250)))
            d2 = fx + dt.timedelta(days=int(rng.integers(3, 20)))
            if p['death'] is None or d2 + dt.timedelta(days=100) < p['death']:
                p['newfx'].append((fx, lv, 'VP %s' % cz_date(d2)))
                p['sessions'].append(make_session(rng, d2, [lv], 'vertebroplasty'))
        elif r < 0.32:
            lv = neighbour_level(rng, used)
            fx = d1 + dt.timedelta(days=int(rng.integers(40, 420)))
            if p['death'] is None or fx < p['death']:
                p['newfx'].append((fx, lv, 'konzervativně (ortéza)'))
        # visits
        for si, s in enumerate(p['sessions'], 1):
            vas = int(rng.integers(55, 96))
            odi = int(rng.integers(20, 40)) * 2
            visits = []
            for name, tp, nom, (j0, j1) in VISITS:
                if si == 2 and tp == '12m':
                    continue  # second procedures followed up to 3 months only
                vd = s['date'] + dt.timedelta(days=nom + int(rng.integers(j0, j1 + 1)))
                if tp != 'pre':
                    vas = int(max(0, min(100, vas - {'1w': rng.integers(15, 45), '3m': rng.integers(0, 20),
                                                     '12m': rng.integers(-10, 15)}[tp])))
                    odi = int(max(0, min(100, odi - 2 * {'1w': rng.integers(3, 10), '3m': rng.integers(0, 6),
                                                         '12m': rng.integers(-2, 4)}[tp])))
                if (p['death'] is not None and vd >= p['death']) or vd > EXPORT_DATE:
                    continue
                if tp != 'pre' and rng.random() < 0.15:
                    continue  # visit not attended: no row
                v = dict(name=name, tp=tp, date=vd, vas=vas, odi=odi if tp in ('pre', '3m', '12m') else None)
                if tp != 'pre' and rng.random() < 0.08:
                    v['vas'] = None  # VAS not noted at this visit
                if v['odi'] is not None and rng.random() < 0.1:
                    v['odi'] = None  # questionnaire not returned
                visits.append(v)
            s['visits'] = visits
        pts.append(p)
    return pts


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng)
    rr = np.random.default_rng(SEED + 7)
    thin = Side(style='thin', color='A6A6A6')
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    hfill = PatternFill('solid', fgColor='D9E1F2')

    def header(ws, row, names, widths):
        for j, (h, w) in enumerate(zip(names, widths), 1):
            c = ws.cell(row, j, h)
            c.font = Font(bold=True)
            c.fill = hfill
            c.border = border
            c.alignment = Alignment(wrap_text=True, vertical='center', horizontal='center')
            ws.column_dimensions[get_column_letter(j)].width = w
        ws.freeze_panes = ws.cell(row + 1, 1)

    def date_cell(c, d):
        if rr.random() < 0.8:
            c.value = d
            c.number_format = 'd.m.yyyy'
        else:
            c.value = cz_date(d)

    wb = Workbook()
    # ---------------- sheet Pacienti
    wp = wb.active
    wp.title = 'Pacienti'
    wp['A1'] = 'Radiologické oddělení, Nemocnice sv. Vojtěcha Praha (fiktivní) - studie VP/KP, seznam pacientů'
    wp['A1'].font = Font(bold=True)
    ph = ['ID', 'Pohlaví', 'Věk při 1. výkonu', 'Diagnóza', 'Úmrtí', 'Datum úmrtí', 'Poznámka']
    header(wp, 3, ph, [6, 9, 9, 24, 7, 12, 30])
    for i, p in enumerate(pts):
        r = 4 + i
        wp.cell(r, 1, p['pid'])
        wp.cell(r, 2, 'žena' if p['sex'] == 'female' else 'muž')
        wp.cell(r, 3, p['age'])
        wp.cell(r, 4, p['label'])
        wp.cell(r, 5, 'ano' if p['died'] else 'ne')
        if p['died']:
            date_cell(wp.cell(r, 6), p['death'])
        if len(p['sessions']) > 1:
            wp.cell(r, 7, '2. výkon pro novou zlomeninu')
        for j in range(1, len(ph) + 1):
            wp.cell(r, j).border = border

    # ---------------- sheet Výkony (one row per vertebra)
    wv = wb.create_sheet('Výkony')
    wv['A1'] = 'Výkony - každý ošetřený obratel na samostatném řádku'
    wv['A1'].font = Font(bold=True)
    vh = ['ID', 'Výkon č.', 'Datum výkonu', 'Obratel', 'Technika', 'Cement (ml)', 'Typ cementu', 'Únik cementu']
    header(wv, 3, vh, [6, 8, 12, 8, 10, 10, 13, 22])
    where = {}
    r = 4
    for p in pts:
        for si, s in enumerate(p['sessions'], 1):
            for j, (lv, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leak'])):
                wv.cell(r, 1, p['pid'])
                wv.cell(r, 2, si)
                date_cell(wv.cell(r, 3), s['date'])
                wv.cell(r, 4, cz_level(lv))
                wv.cell(r, 5, 'VP' if s['technique'] == 'vertebroplasty' else 'BKP')
                c = wv.cell(r, 6, v)
                c.number_format = '0.0'
                wv.cell(r, 7, s['cement'])
                wv.cell(r, 8, 'ne' if not lk else 'ano - ' + ', '.join(LEAK_CZ[x] for x in lk))
                for h in vh:
                    where[('V', p['pid'], si, j, h)] = r
                for jj in range(1, len(vh) + 1):
                    wv.cell(r, jj).border = border
                r += 1

    # ---------------- sheet Návštěvy (long layout)
    wn = wb.create_sheet('Návštěvy')
    wn['A1'] = 'Kontroly - VAS v mm (0-100), ODI v % (0-100). Nedostavil se = řádek chybí.'
    wn['A1'].font = Font(bold=True)
    nh = ['ID', 'Výkon č.', 'Návštěva', 'Datum návštěvy', 'VAS (mm)', 'ODI (%)', 'Pozn.']
    header(wn, 3, nh, [6, 8, 14, 13, 9, 8, 26])
    r = 4
    for p in pts:
        for si, s in enumerate(p['sessions'], 1):
            for v in s['visits']:
                wn.cell(r, 1, p['pid'])
                wn.cell(r, 2, si)
                wn.cell(r, 3, v['name'])
                date_cell(wn.cell(r, 4), v['date'])
                wn.cell(r, 5, v['vas'])
                wn.cell(r, 6, v['odi'])
                if v['odi'] is None and v['tp'] in ('pre', '3m', '12m'):
                    wn.cell(r, 7, 'dotazník ODI nevrácen')
                if v['vas'] is None:
                    wn.cell(r, 7, 'VAS nezaznamenáno')
                for h in nh:
                    where[('N', p['pid'], si, v['tp'], h)] = r
                for jj in range(1, len(nh) + 1):
                    wn.cell(r, jj).border = border
                r += 1

    # ---------------- sheet Nové zlomeniny
    wz = wb.create_sheet('Nové zlomeniny')
    wz['A1'] = 'Nové zlomeniny obratlů po 1. výkonu'
    wz['A1'].font = Font(bold=True)
    zh = ['ID', 'Datum zjištění', 'Obratel', 'Léčba']
    header(wz, 3, zh, [6, 13, 8, 26])
    r = 4
    for p in pts:
        for d, lv, tx in p['newfx']:
            wz.cell(r, 1, p['pid'])
            date_cell(wz.cell(r, 2), d)
            wz.cell(r, 3, cz_level(lv))
            wz.cell(r, 4, tx)
            for jj in range(1, 5):
                wz.cell(r, jj).border = border
            r += 1

    # ---------------- sheet Legenda
    wl = wb.create_sheet('Legenda')
    for i, line in enumerate([
            'VP = vertebroplastika, BKP = balonková kyfoplastika',
            'VAS = vizuální analogová škála bolesti, 0-100 mm',
            'ODI = Oswestry Disability Index, 0-100 %',
            'Návštěvy: před výkonem, 1 týden, 3 měsíce, 12 měsíců (po 2. výkonu jen do 3 měsíců)',
            'Osteopal V, Vertecem V+, Kyphon HV-R = PMMA; KyphOs FS = kalciumfosfátový cement']):
        wl.cell(1 + i, 1, line)
    wl.column_dimensions['A'].width = 90

    # ---------------- errors
    errors = []

    def plant(ws, key, h, hdrs, value, why, pid, fmt=None):
        rw = where[key + (h,)]
        c = ws.cell(rw, hdrs.index(h) + 1)
        c.value = value
        if fmt:
            c.number_format = fmt
        shown = '%d.%d.%d' % (value.day, value.month, value.year) if isinstance(value, dt.date) else str(value)
        errors.append([ws.title, '%s%d' % (get_column_letter(hdrs.index(h) + 1), rw), rw, h, shown, why, pid])

    ids = [p['pid'] for p in pts]
    byid = {p['pid']: p for p in pts}
    used = []
    # 1. 12-month visit dated before the procedure (year typed wrong)
    p1 = [p for p in pts if any(v['tp'] == '12m' for v in p['sessions'][0]['visits'])][2]
    v12 = [v for v in p1['sessions'][0]['visits'] if v['tp'] == '12m'][0]
    bad = v12['date'].replace(year=v12['date'].year - 2)
    assert bad < p1['sessions'][0]['date']
    plant(wn, ('N', p1['pid'], 1, '12m'), 'Datum návštěvy', nh, bad,
          'follow-up visit (12 měsíců) dated before the procedure', p1['pid'], 'd.m.yyyy')
    used.append(p1['pid'])
    # 2. VAS 135 mm on a 0-100 mm scale
    p2 = [p for p in pts if p['pid'] not in used and any(v['tp'] == '3m' and v['vas'] is not None
                                                         for v in p['sessions'][0]['visits'])][6]
    plant(wn, ('N', p2['pid'], 1, '3m'), 'VAS (mm)', nh, 135, 'VAS 135 mm on a 0-100 mm scale', p2['pid'])
    used.append(p2['pid'])
    # 3. ODI 120 %
    p3 = [p for p in pts if p['pid'] not in used and p['sessions'][0]['visits'][0]['odi'] is not None][11]
    plant(wn, ('N', p3['pid'], 1, 'pre'), 'ODI (%)', nh, 120, 'ODI 120 % (scale is 0-100 %)', p3['pid'])
    used.append(p3['pid'])
    # 4. level L8
    p4 = [p for p in pts if p['pid'] not in used and len(p['sessions'][0]['levels']) == 1
          and p['sessions'][0]['levels'][0][0] == 'L'][0]
    plant(wv, ('V', p4['pid'], 1, 0), 'Obratel', vh, 'L8', 'impossible vertebral level (there is no L8)', p4['pid'])
    used.append(p4['pid'])
    # 5. 30. 2. (impossible date) in a procedure date typed as text
    p5 = [p for p in pts if p['pid'] not in used and len(p['sessions'][0]['levels']) == 1
          and p['sessions'][0]['date'].month in (1, 2, 3, 4)][0]
    plant(wv, ('V', p5['pid'], 1, 0), 'Datum výkonu', vh, '30. 2. %d' % p5['sessions'][0]['date'].year,
          'impossible date (30 February)', p5['pid'])

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))

    # ---------------- truth
    tdir = os.path.join(outdir, 'truth')
    os.makedirs(tdir, exist_ok=True)
    P, PR, A, F = [], [], [], []
    for p in pts:
        P.append([p['pid'], p['sex'], p['age'], p['etruth'], 'yes' if p['died'] else 'no'])
        d0 = p['sessions'][0]['date']
        for si, s in enumerate(p['sessions'], 1):
            for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
                PR.append([p['pid'], si, (s['date'] - d0).days, lv, s['technique'], '%g' % v, '',
                           CEMENTS[s['cement']], ';'.join(lk) if lk else 'none'])
            for v in s['visits']:
                if v['vas'] is not None:
                    A.append([p['pid'], si, 'pain_vas', v['tp'], '%g' % (v['vas'] / 10)])
                if v['odi'] is not None:
                    A.append([p['pid'], si, 'odi', v['tp'], v['odi']])
        for d, lv, _ in p['newfx']:
            F.append([p['pid'], (d - d0).days, lv])

    def w(name, hdr, rows_):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as fh:
            cw = csv.writer(fh)
            cw.writerow(hdr)
            cw.writerows(rows_)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    w('fractures.csv', ['patient_id', 'day', 'level'], F)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
