"""La Paz register (Spanish with Aymara words): one row per session plus a patients sheet."""
# ---------------------------------------------------------------- common data generator
import sys, os, csv, datetime as dt
import numpy as np

TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
SPINE = ['T%d' % i for i in range(5, 13)] + ['L%d' % i for i in range(1, 6)]
W = [1, 1, 2, 2, 3, 4, 6, 9, 9, 7, 4, 3, 1]


def neighbours(lv):
    i = SPINE.index(lv)
    return [SPINE[j] for j in (i - 1, i + 1) if 0 <= j < len(SPINE)]


def gen(seed, n, tps, start, span_days=600, tps2=None, odi_tps=(), mob_tps=(),
        techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.7, 0.3),
        cements=('PMMA',), cement_p=None, record_sex=True, vol_step=0.5):
    rng = np.random.default_rng(seed)
    pts = []
    p = np.array(W, float); p /= p.sum()
    for k in range(n):
        et = rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=[0.62, 0.22, 0.12, 0.04])
        sex = 'female' if rng.random() < (0.72 if et == 'osteoporotic' else 0.45) else 'male'
        age = int(rng.integers(62, 90)) if et == 'osteoporotic' else int(rng.integers(38, 80))
        died = 'yes' if (rng.random() < (0.35 if et == 'pathologic' else 0.06)) else 'no'
        d0 = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        i0 = int(rng.choice(len(SPINE), p=p))
        i0 = min(i0, len(SPINE) - nlev)
        levels = SPINE[i0:i0 + nlev]
        tech = str(rng.choice(techs, p=tech_p))
        cem = str(rng.choice(cements, p=cement_p))

        def vols(levels):
            out = []
            for lv in levels:
                lo, hi = (1.5, 4.5) if lv.startswith('T') else (2.5, 7.0)
                out.append(round(round(rng.uniform(lo, hi) / vol_step) * vol_step, 1))
            return out

        def leak(nl):
            if nl > 1:
                return ['none'] * nl
            r = rng.random()
            return ['none' if r < 0.7 else 'disc' if r < 0.82 else 'venous' if r < 0.92 else 'paravertebral']

        s1 = dict(session=1, date=d0, day=0, levels=levels, tech=tech, vols=vols(levels), cement=cem, leak=leak(nlev))
        sessions = [s1]
        fractures = []
        r = rng.random()
        if r < 0.18 and died == 'no':
            cand = [x for x in neighbours(levels[0]) + neighbours(levels[-1]) if x not in levels]
            lv2 = str(rng.choice(cand))
            fday = int(rng.integers(25, 110))
            day2 = fday + int(rng.integers(5, 20))
            fractures.append((fday, lv2))
            sessions.append(dict(session=2, date=d0 + dt.timedelta(days=day2), day=day2, levels=[lv2], tech=tech,
                                 vols=vols([lv2]), cement=cem, leak=leak(1)))
        elif r < 0.28:
            cand = [x for x in neighbours(levels[0]) + neighbours(levels[-1]) if x not in levels]
            fractures.append((int(rng.integers(40, 160)), str(rng.choice(cand))))
        assess = {}
        for s in sessions:
            ts = tps if s['session'] == 1 else (tps2 or [])
            pre = int(rng.integers(6, 11))
            cur = pre
            for j, t in enumerate(ts):
                if t == 'pre':
                    assess[(s['session'], 'pain_vas', t)] = pre
                    continue
                cur = max(0, min(10, int(round(pre * rng.uniform(0.15, 0.6)))))
                if rng.random() < 0.15:
                    continue
                if died == 'yes' and j == len(ts) - 1:
                    continue
                assess[(s['session'], 'pain_vas', t)] = cur
            if s['session'] == 1:
                for t in odi_tps:
                    if t != 'pre' and rng.random() < 0.15:
                        continue
                    base = int(rng.integers(44, 80)) if t == 'pre' else int(rng.integers(10, 45))
                    assess[(1, 'odi', t)] = base if t != 'pre' else base
                for t in mob_tps:
                    if t != 'pre' and rng.random() < 0.15:
                        continue
                    assess[(1, 'mobility', t)] = int(rng.integers(0, 3)) if t == 'pre' else int(rng.integers(2, 5))
        pts.append(dict(k=k, sex=sex if record_sex else '', age=age, etiology=et, died=died, sessions=sessions,
                        assess=assess, fractures=fractures))
    return pts, rng


def fmtnum(x):
    if x == '' or x is None:
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%g' % x)


def write_truth(outdir, pts, errors, identifiers, per_level=True, tp_order=None):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f, lineterminator='\n')
            c.writerow(header)
            c.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], p['died']] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = round(sum(s['vols']), 1)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
                if per_level or len(s['levels']) == 1:
                    rows.append([p['id'], s['session'], s['day'], lv, s['tech'], fmtnum(v), '', s['cement'], lk])
                else:
                    rows.append([p['id'], s['session'], s['day'], lv, s['tech'], '', fmtnum(tot), s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = list(TP_DAYS)
    rows = []
    for p in pts:
        for (s, m, t), v in sorted(p['assess'].items(), key=lambda kv: (kv[0][0], kv[0][1], order.index(kv[0][2]))):
            rows.append([p['id'], s, m, t, fmtnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['id'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col_letter(i):  # 1-based
    s = ''
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end common
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter

ET = {'osteoporotic': ['Osteoporosis', 'Osteoporosis postmenopáusica'], 'pathologic': ['Metástasis (Ca mama)', 'Mieloma múltiple', 'Metástasis (Ca próstata)'],
      'traumatic': ['Trauma (caída de altura)', 'Trauma – accidente de tránsito'], 'other': ['Otra (hemangioma)']}
FN = ['María', 'Justina', 'Eulogia', 'Felipa', 'Rosa', 'Basilia', 'Teodora', 'Nicolasa', 'Juana']
MN = ['Mamani', 'Quispe', 'Condori', 'Choque', 'Huanca', 'Apaza', 'Ticona', 'Limachi', 'Callisaya', 'Poma']
MF = ['Juan', 'Teodoro', 'Eusebio', 'Pedro', 'Marcelino', 'Ángel', 'Félix', 'Hilarión']
NOVINO = 'no vino (janiw jutkiti)'


def main(out):
    os.makedirs(out, exist_ok=True)
    pts, rng = gen(1304, 21, ['pre', '1w', '1m', '3m'], dt.date(2022, 2, 1), tps2=['pre', '1w', '1m'],
                   odi_tps=('pre', '3m'), techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.8, 0.2))
    ids = []
    wb = openpyxl.Workbook()
    wp = wb.active
    wp.title = 'Pacientes'
    ws = wb.create_sheet('Sesiones')
    leg = wb.create_sheet('Leyenda')
    hf = PatternFill('solid', fgColor='E2EFDA')
    bold = Font(bold=True)
    wp['A1'] = 'Hospital de Clínicas – Unidad de Columna, La Paz.  Registro de vertebroplastia/cifoplastia'
    wp['A1'].font = Font(bold=True, size=12)
    HP = ['Código', 'Nombre y apellidos', 'C.I.', 'Sexo', 'Edad (años)', 'Etiología', 'Fractura nueva en seguimiento',
          'Fallecido', 'Obs.']
    for j, h in enumerate(HP, 1):
        c = wp.cell(3, j, h)
        c.font = bold
        c.fill = hf
    errors = []
    for i, p in enumerate(pts):
        p['id'] = 'LPZ-%03d' % (i + 1)
        fem = p['sex'] == 'female'
        name = '%s %s %s' % (rng.choice(FN if fem else MF), rng.choice(MN), rng.choice(MN))
        ci = '%d LP' % rng.integers(2000000, 9999999)
        ids += [['name', name], ['record_number', ci]]
        s1 = p['sessions'][0]
        fr = '; '.join('%s (%s)' % (lv, (s1['date'] + dt.timedelta(days=d)).strftime('%d/%m/%Y')) for d, lv in p['fractures'])
        obs = ''
        if p['died'] == 'yes':
            obs = 'falleció (jiwxi)'
        elif i % 5 == 2:
            obs = 'sigue con usu (dolor) leve'
        row = [p['id'], name, ci, 'Warmi (F)' if fem else 'Chacha (M)', p['age'], str(rng.choice([e for e in ET[p['etiology']] if ('próstata' not in e if fem else ('mama' not in e and 'postmen' not in e))])),
               fr or 'no', 'Sí' if p['died'] == 'yes' else 'No', obs]
        for j, v in enumerate(row, 1):
            wp.cell(4 + i, j, v)
    for j, wdt in enumerate([9, 30, 13, 11, 10, 28, 26, 9, 28], 1):
        wp.column_dimensions[get_column_letter(j)].width = wdt
    # sessions sheet: two header rows
    ws['A1'] = 'Sesiones de procedimiento (una fila por sesión)'
    ws['A1'].font = Font(bold=True, size=12)
    top = [('', 1, 3), ('Procedimiento', 4, 8), ('EVA dolor (0-10)', 9, 12), ('ODI (%)', 13, 14)]
    for name, a, b in top:
        if name:
            ws.cell(2, a, name).font = bold
            ws.cell(2, a).alignment = Alignment(horizontal='center')
            ws.merge_cells(start_row=2, start_column=a, end_row=2, end_column=b)
    HS = ['Código', 'Sesión', 'Fecha', 'Niveles', 'Técnica', 'Volumen (ml por nivel)', 'Cemento', 'Fuga de cemento',
          'Pre', '1 semana', '1 mes', '3 meses', 'Pre', '3 meses']
    for j, h in enumerate(HS, 1):
        c = ws.cell(3, j, h)
        c.font = bold
        c.fill = hf
        c.alignment = Alignment(wrap_text=True)
    r = 4
    rowof = {}
    for p in pts:
        for s in p['sessions']:
            sn = s['session']
            if len(s['levels']) == 1:
                vol = '%s ml' % fmtnum(s['vols'][0])
            else:
                vol = ' / '.join('%s: %s ml' % (lv, fmtnum(v)) for lv, v in zip(s['levels'], s['vols']))
            lk = s['leak'][0]
            row = [p['id'], '1ra' if sn == 1 else '2da', s['date'], ' y '.join(s['levels']) if len(s['levels']) < 3 else ', '.join(s['levels']),
                   'VP' if s['tech'] == 'vertebroplasty' else 'CP (balón)', vol, 'PMMA (Osteopal V)',
                   'No' if lk == 'none' else {'disc': 'Sí – discal', 'venous': 'Sí – venosa', 'paravertebral': 'Sí – paravertebral'}[lk]]
            for t in ['pre', '1w', '1m', '3m']:
                if sn == 2 and t == '3m':
                    row.append('')
                    continue
                v = p['assess'].get((sn, 'pain_vas', t))
                row.append(v if v is not None else NOVINO)
            for t in ['pre', '3m']:
                v = p['assess'].get((sn, 'odi', t))
                row.append(v if v is not None else ('' if sn == 2 else NOVINO))
            for j, v in enumerate(row, 1):
                c = ws.cell(r, j, v)
                if j == 3:
                    c.number_format = 'dd/mm/yyyy'
            rowof[(p['id'], sn)] = r
            r += 1
    for j, wdt in enumerate([9, 7, 11, 14, 11, 26, 18, 18, 6, 9, 9, 9, 6, 8], 1):
        ws.column_dimensions[get_column_letter(j)].width = wdt

    def plant(sheet, wsx, rr, col, val, why, pid, hdr):
        wsx.cell(rr, col, val)
        errors.append([sheet, '%s%d' % (get_column_letter(col), rr), rr, hdr[col - 1], val, why, pid])
    # errors
    p = next(q for q in pts[3:] if len(q['sessions'][0]['levels']) == 1)
    plant('Sesiones', ws, rowof[(p['id'], 1)], 4, 'T15', 'level T15 does not exist', p['id'], HS)
    p = next(q for q in pts[8:] if len(q['sessions'][0]['levels']) == 1 and q['id'] != p['id'])
    plant('Sesiones', ws, rowof[(p['id'], 1)], 6, '38 ml', 'cement 38 mL in one vertebra', p['id'], HS)
    p = pts[12]
    plant('Sesiones', ws, rowof[(p['id'], 1)], 3, '30/02/2023', 'impossible date 30 February', p['id'], HS)
    p = pts[15]
    plant('Pacientes', wp, 4 + 15, 5, '??', 'meaningless text in age', p['id'], HP)
    p = next(q for q in pts[17:] if (1, 'pain_vas', '1m') in q['assess'])
    plant('Sesiones', ws, rowof[(p['id'], 1)], 11, 25, 'EVA 25 on a 0-10 scale', p['id'], HS)
    # legend
    for k, (a, b) in enumerate([('Leyenda', ''), ('Warmi', 'mujer (aymara)'), ('Chacha', 'varón (aymara)'),
                                 ('VP', 'vertebroplastia percutánea'), ('CP (balón)', 'cifoplastia con balón'),
                                 ('EVA', 'escala visual analógica 0-10'), ('ODI', 'Oswestry 0-100 %'),
                                 (NOVINO, 'no asistió al control'), ('usu', 'dolor / enfermedad (aymara)'),
                                 ('jiwxi', 'falleció (aymara)')], 1):
        leg.cell(k, 1, a).font = bold if k == 1 else Font()
        leg.cell(k, 2, b)
    leg.column_dimensions['A'].width = 26
    leg.column_dimensions['B'].width = 34
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, ids, per_level=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
