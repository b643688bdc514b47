"""Blind test workbook: Mexico (Spanish), one row per patient, re-vertebroplasty in its own columns.

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

SEED = 4402718
N_PATIENTS = 38

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
IDX = {l: i for i, l in enumerate(LEVELS)}
CAND = LEVELS[IDX['T5']:IDX['L5'] + 1]
CAND_W = np.array([1, 1, 1.5, 2, 2, 3, 6, 10, 10, 6, 4, 2, 1], float)
TP_DAYS = {'pre': 0, '1m': 30, '6m': 182}
EXPORT_DATE = dt.date(2022, 8, 15)
MESES = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic']

ETIOS = [  # key, label, truth, weight, ages
    ('osteo', 'osteoporosis', 'osteoporotic', 0.62, (58, 90)),
    ('mama', 'metástasis (mama)', 'pathologic', 0.09, (40, 78)),
    ('prostata', 'metástasis (próstata)', 'pathologic', 0.05, (55, 82)),
    ('mieloma', 'mieloma múltiple', 'pathologic', 0.10, (48, 82)),
    ('trauma', 'fractura traumática', 'traumatic', 0.10, (25, 70)),
    ('otra', 'hemangioma vertebral agresivo', 'other', 0.04, (25, 60)),
]
LEAK_ES = {'disc': 'disco', 'venous': 'venosa', 'epidural': 'epidural', 'foraminal': 'foraminal',
           'paravertebral': 'partes blandas paravertebrales'}


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


def make_session(rng, date, levels, technique):
    vols = [round(rng.uniform(2.0, 5.5) * 2) / 2 if technique == 'vertebroplasty'
            else round(rng.uniform(3.0, 7.0) * 2) / 2 for _ in levels]
    leak = []
    for _ in levels:
        if rng.random() < 0.78:
            leak.append([])
        else:
            leak.append([str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                        p=[0.4, 0.3, 0.15, 0.1, 0.05]))])
    return dict(date=date, levels=levels, technique=technique, vols=vols, leak=leak)


def vas_rec(rng, p, s, tps):
    pre = int(rng.integers(6, 11))
    vals = {'pre': pre, '1m': int(max(0, pre - rng.integers(2, 7)))}
    vals['6m'] = int(min(10, max(0, vals['1m'] + rng.integers(-2, 2))))
    rec = {}
    for tp in tps:
        due = s['date'] + dt.timedelta(days=TP_DAYS[tp])
        if p['death'] is not None and due >= p['death']:
            rec[tp] = 'finado'
        elif due > EXPORT_DATE:
            rec[tp] = None
        elif tp != 'pre' and rng.random() < 0.15:
            rec[tp] = str(rng.choice(['no acudió', 's/d', 'NA']))
        else:
            rec[tp] = vals[tp]
    return rec


def generate(rng):
    pts = []
    for i in range(N_PATIENTS):
        k = int(rng.choice(len(ETIOS), p=[e[3] for e in ETIOS]))
        ekey, label, etruth, _, (a0, a1) = ETIOS[k]
        female = rng.random() < (0.78 if ekey == 'osteo' else 0.5)
        if ekey == 'mama':
            female = True
        if ekey == 'prostata':
            female = False
        age = int(rng.integers(a0, a1 + 1))
        d1 = rdate(rng, dt.date(2019, 3, 1), dt.date(2021, 12, 15))
        nlev = int(rng.choice([1, 2, 3], p=[0.55, 0.33, 0.12]))
        tech = 'kyphoplasty' if rng.random() < 0.22 else 'vertebroplasty'
        cement = 'PMMA' if tech == 'vertebroplasty' or rng.random() < 0.8 else 'fosfato de calcio'
        s1 = make_session(rng, d1, pick_levels(rng, nlev), tech)
        s1['cement'] = cement
        p = dict(pid=101 + i, sex='female' if female else 'male', age=age, label=label, etruth=etruth,
                 sessions=[s1], newfx=[], died=False, death=None, lost=False)
        if rng.random() < (0.35 if etruth == 'pathologic' else 0.07):
            p['died'] = True
            p['death'] = d1 + dt.timedelta(days=int(rng.integers(45, 500)))
        used = list(s1['levels'])
        r = rng.random()
        if r < 0.12:  # re-VP of a new adjacent fracture
            lv = neighbour_level(rng, used)
            fx = d1 + dt.timedelta(days=int(rng.integers(25, 240)))
            d2 = fx + dt.timedelta(days=int(rng.integers(4, 21)))
            if (p['death'] is None or d2 + dt.timedelta(days=35) < p['death']) and d2 < EXPORT_DATE - dt.timedelta(days=40):
                p['newfx'].append((fx, lv))
                s2 = make_session(rng, d2, [lv], 'vertebroplasty')
                s2['cement'] = 'PMMA'
                s2['why'] = 'nueva'
                p['sessions'].append(s2)
        elif r < 0.19:  # re-VP of the same level (re-collapse / persistent pain)
            lv = s1['levels'][int(rng.integers(0, len(s1['levels'])))]
            d2 = d1 + dt.timedelta(days=int(rng.integers(30, 200)))
            if (p['death'] is None or d2 + dt.timedelta(days=35) < p['death']) and d2 < EXPORT_DATE - dt.timedelta(days=40):
                s2 = make_session(rng, d2, [lv], 'vertebroplasty')
                s2['cement'] = 'PMMA'
                s2['why'] = 'misma'
                p['sessions'].append(s2)
        elif r < 0.30:  # new fracture treated conservatively
            lv = neighbour_level(rng, used)
            fx = d1 + dt.timedelta(days=int(rng.integers(40, 400)))
            if (p['death'] is None or fx < p['death']) and fx < EXPORT_DATE:
                p['newfx'].append((fx, lv))
        p['sessions'][0]['vas'] = vas_rec(rng, p, p['sessions'][0], ['pre', '1m', '6m'])
        if len(p['sessions']) > 1:
            p['sessions'][1]['vas'] = vas_rec(rng, p, p['sessions'][1], ['pre', '1m'])
        p['lost'] = all(p['sessions'][0]['vas'][t] in ('no acudió', 's/d', 'NA') for t in ('1m', '6m'))
        pts.append(p)
    return pts


def es_levels(levels):
    if len(levels) == 1:
        return levels[0]
    return ', '.join(levels[:-1]) + ' y ' + levels[-1]


def es_vol(vols):
    return ' + '.join('%g' % v for v in vols)


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng)
    rr = np.random.default_rng(SEED + 11)

    wb = Workbook()
    ws = wb.active
    ws.title = 'Vertebroplastias'
    thin = Side(style='thin')
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'HOSPITAL GENERAL REGIONAL No. 12 - SERVICIO DE NEUROCIRUGÍA / CLÍNICA DE COLUMNA'
    ws['A2'] = 'Base de datos de vertebroplastia y cifoplastia percutánea (2019 - 2022)'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'].font = Font(bold=True)
    yellow = PatternFill('solid', fgColor='FFFF00')
    ws['A3'] = '    '
    ws['A3'].fill = yellow
    ws['B3'] = '= paciente perdido en el seguimiento'
    ws['E3'] = 'Letra roja = finado'
    ws['E3'].font = Font(color='FF0000')
    ws['H3'] = 'EVA 0-10.  VP = vertebroplastia, CP = cifoplastia.  s/d = sin dato'
    ws['H3'].font = Font(italic=True, size=9)

    groups = [('DATOS DEL PACIENTE', 1, 5), ('PROCEDIMIENTO INICIAL', 6, 12), ('EVA', 13, 15),
              ('RE-VERTEBROPLASTIA', 16, 20), ('EVOLUCIÓN', 21, 24)]
    head = ['Folio', 'Sexo', 'Edad', 'Diagnóstico', 'Fecha de ingreso',
            'Fecha VP', 'Nivel(es)', 'Técnica', 'Volumen (ml)', 'Cemento', 'Fuga', 'Sitio de fuga',
            'EVA pre', 'EVA 1 mes', 'EVA 6 meses',
            'Re-VP fecha', 'Re-VP nivel', 'Re-VP vol', 'Re-VP EVA pre', 'Re-VP EVA 1 mes',
            'Nueva fractura', 'Nivel y fecha nueva fx', 'Defunción', 'Observaciones']
    R1, R2 = 5, 6
    fills = ['DDEBF7', 'E2EFDA', 'FCE4D6', 'EDE1F5', 'F2F2F2']
    for (name, c0, c1), fc in zip(groups, fills):
        ws.merge_cells(start_row=R1, start_column=c0, end_row=R1, end_column=c1)
        c = ws.cell(R1, c0, name)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal='center')
        for j in range(c0, c1 + 1):
            ws.cell(R1, j).fill = PatternFill('solid', fgColor=fc)
            ws.cell(R1, j).border = border
            h = ws.cell(R2, j, head[j - 1])
            h.font = Font(bold=True)
            h.fill = PatternFill('solid', fgColor=fc)
            h.border = border
            h.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
    for j, w in enumerate([7, 11, 8, 22, 11, 11, 13, 8, 11, 11, 6, 20, 7, 9, 9, 11, 9, 8, 8, 9, 9, 22, 9, 30], 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.row_dimensions[R2].height = 30
    col = {h: j for j, h in enumerate(head, 1)}

    def date_cell(c, d):
        u = rr.random()
        if u < 0.75:
            c.value = d
            c.number_format = 'dd/mm/yyyy'
        elif u < 0.9:
            c.value = d.strftime('%d/%m/%Y')
        else:
            c.value = '%02d/%s/%d' % (d.day, MESES[d.month - 1], d.year)

    where = {}
    r = R2 + 1
    for p in pts:
        s1 = p['sessions'][0]

        def put(h, v):
            c = ws.cell(r, col[h], v)
            where[(p['pid'], h)] = r
            return c
        put('Folio', p['pid'])
        sx = 'femenino' if p['sex'] == 'female' else 'masculino'
        put('Sexo', sx.capitalize() if rr.random() < 0.25 else sx)
        put('Edad', p['age'] if rr.random() < 0.8 else '%d años' % p['age'])
        put('Diagnóstico', p['label'])
        date_cell(put('Fecha de ingreso', None), s1['date'] - dt.timedelta(days=int(rr.integers(0, 4))))
        date_cell(put('Fecha VP', None), s1['date'])
        put('Nivel(es)', es_levels(s1['levels']))
        put('Técnica', 'VP' if s1['technique'] == 'vertebroplasty' else 'CP')
        vt = es_vol(s1['vols'])
        put('Volumen (ml)', float(vt) if len(s1['vols']) == 1 and rr.random() < 0.7 else vt)
        put('Cemento', s1['cement'])
        leaks = [(l, lk) for l, lk in zip(s1['levels'], s1['leak']) if lk]
        put('Fuga', 'sí' if leaks else 'no')
        if leaks:
            if len(s1['levels']) == 1:
                put('Sitio de fuga', LEAK_ES[leaks[0][1][0]])
            else:
                put('Sitio de fuga', ', '.join('%s (%s)' % (LEAK_ES[lk[0]], l) for l, lk in leaks))
        put('EVA pre', s1['vas']['pre'])
        put('EVA 1 mes', s1['vas']['1m'])
        put('EVA 6 meses', s1['vas']['6m'])
        obs = []
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            date_cell(put('Re-VP fecha', None), s2['date'])
            put('Re-VP nivel', s2['levels'][0])
            put('Re-VP vol', s2['vols'][0])
            put('Re-VP EVA pre', s2['vas']['pre'])
            put('Re-VP EVA 1 mes', s2['vas']['1m'])
            obs.append('re-VP por nueva fractura' if s2['why'] == 'nueva' else
                       're-VP mismo nivel por recolapso / dolor persistente')
        if p['newfx']:
            put('Nueva fractura', 'sí')
            put('Nivel y fecha nueva fx', '; '.join('%s - %s' % (lv, d.strftime('%d/%m/%Y')) for d, lv in p['newfx']))
        else:
            put('Nueva fractura', 'no')
        put('Defunción', 'sí' if p['died'] else 'no')
        if p['died']:
            obs.append('finado %s' % p['death'].strftime('%d/%m/%Y'))
        if obs:
            put('Observaciones', '; '.join(obs))
        for j in range(1, len(head) + 1):
            c = ws.cell(r, j)
            c.border = border
            if p['lost']:
                c.fill = yellow
            if p['died']:
                c.font = Font(color='FF0000')
        r += 1

    # ---- errors -----------------------------------------------------------------
    errors = []

    def plant(pid, h, value, why):
        rw = where[(pid, h)]
        c = ws.cell(rw, col[h])
        c.value = value
        shown = value.strftime('%d/%m/%Y') if isinstance(value, dt.date) else str(value)
        if isinstance(value, dt.date):
            c.number_format = 'dd/mm/yyyy'
        errors.append([ws.title, '%s%d' % (get_column_letter(col[h]), rw), rw, h, shown, why, pid])

    two = [p for p in pts if len(p['sessions']) > 1]
    single = [p for p in pts if len(p['sessions']) == 1 and len(p['sessions'][0]['levels']) == 1]
    e1 = two[1]
    d2 = e1['sessions'][1]['date']
    bad = d2.replace(year=d2.year - 1)
    assert bad < e1['sessions'][0]['date']
    plant(e1['pid'], 'Re-VP fecha', bad, 're-vertebroplasty dated before the first vertebroplasty (year typed wrong)')
    e2 = [p for p in pts if p is not e1 and isinstance(p['sessions'][0]['vas']['1m'], int)][9]
    plant(e2['pid'], 'EVA 1 mes', 12, 'pain score 12 on a 0-10 scale')
    e3 = [p for p in single if p['sessions'][0]['levels'][0] in ('L4', 'L5') and p is not e2][0]
    plant(e3['pid'], 'Nivel(es)', 'L6', 'impossible vertebral level (there is no L6)')
    e4 = [p for p in single if p not in (e2, e3)][8]
    plant(e4['pid'], 'Volumen (ml)', 38, 'implausible cement volume for one vertebra (38 mL)')

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))

    # ---- truth ------------------------------------------------------------------
    CT = {'PMMA': 'PMMA', 'fosfato de calcio': 'calcium phosphate'}
    tdir = os.path.join(outdir, 'truth')
    os.makedirs(tdir, exist_ok=True)
    P, PR, A, F = [], [], [], []
    for p in pts:
        P.append([p['pid'], p['sex'], p['age'], p['etruth'], 'yes' if p['died'] else 'no'])
        d0 = p['sessions'][0]['date']
        for si, s in enumerate(p['sessions'], 1):
            for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
                # the Re-VP columns record no technique words beyond "Re-VP" (= vertebroplasty),
                # no cement and no leakage
                if si == 1:
                    PR.append([p['pid'], si, 0, lv, s['technique'], '%g' % v, '', CT[s['cement']],
                               ';'.join(lk) if lk else 'none'])
                else:
                    PR.append([p['pid'], si, (s['date'] - d0).days, lv, 'vertebroplasty', '%g' % v, '', '', ''])
            for tp in (['pre', '1m', '6m'] if si == 1 else ['pre', '1m']):
                v = s['vas'][tp]
                if isinstance(v, int):
                    A.append([p['pid'], si, 'pain_vas', tp, v])
        for d, lv in p['newfx']:
            F.append([p['pid'], (d - d0).days, lv])

    def w(name, header, rows_):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as fh:
            cw = csv.writer(fh)
            cw.writerow(header)
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
