import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
TPDAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90, '6m': 182, '12m': 365}


def gen(seed, n, tps, tps2=('1m',), start=dt.date(2021, 3, 1), pre_odi=False):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.68 else 'male'
        p['age'] = int(rng.integers(52, 91))
        p['etiology'] = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic'], p=[0.65, 0.25, 0.10]))
        d0 = start + dt.timedelta(days=int(rng.integers(0, 540)))
        tech = 'kyphoplasty' if rng.random() < 0.35 else 'vertebroplasty'
        ctype = 'PMMA' if rng.random() < 0.85 else 'calcium phosphate'
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        k = int(rng.integers(0, len(LEVELS) - nlev + 1))
        levs = LEVELS[k:k + nlev]
        def leak():
            r = rng.random()
            if r < 0.72: return 'none'
            if r < 0.85: return 'disc'
            if r < 0.95: return 'venous'
            return 'paravertebral'
        s1 = dict(session=1, day=0, date=d0, tech=tech, ctype=ctype,
                  levels=[dict(level=l, vol=round(float(rng.uniform(2.0, 7.0)) * 2) / 2, leak=leak()) for l in levs])
        sessions = [s1]
        p['died'] = 'yes' if rng.random() < 0.12 else 'no'
        death_day = int(rng.integers(100, 400)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        fr = []
        if rng.random() < 0.25:
            # new fracture adjacent
            cand = [l for l in LEVELS if l not in levs and abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 2 or
                    (l not in levs and abs(LEVELS.index(l) - LEVELS.index(levs[-1])) <= 2)]
            fl = str(rng.choice(cand))
            fday = int(rng.integers(20, 80))
            fr.append((fday, fl))
            if rng.random() < 0.6:
                s2d = fday + int(rng.integers(5, 20))
                sessions.append(dict(session=2, day=s2d, date=d0 + dt.timedelta(days=s2d), tech=tech, ctype=ctype,
                                     levels=[dict(level=fl, vol=round(float(rng.uniform(2.0, 6.0)) * 2) / 2, leak='none')]))
        p['fractures'] = fr
        p['sessions'] = sessions
        # assessments
        for s in sessions:
            base = int(rng.integers(6, 11))
            a = {'pre': base}
            use = tps if s['session'] == 1 else tps2
            v = base
            for j, t in enumerate(use):
                if s['day'] + TPDAYS[t] > death_day: continue
                v = max(0, int(round(base * float(rng.uniform(0.2, 0.6)))))
                if rng.random() < 0.8:
                    a[t] = v
            s['pain'] = a
            if pre_odi:
                o = {'pre': int(rng.integers(40, 80))}
                for t in use:
                    if t in a: o[t] = int(max(0, o['pre'] - rng.integers(10, 40)))
                s['odi'] = o
        pats.append(p)
    return pats, rng


def write_truth(outdir, pats, errors, identifiers):
    td = os.path.join(outdir, 'truth'); os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f, lineterminator='\n'); c.writerow(header); c.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p.get('t_etiology', p['etiology']), p.get('t_died', p['died'])] for p in pats])
    pr, asr, frr = [], [], []
    for p in pats:
        for s in p['sessions']:
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                pr.append([p['id'], s['session'], s['day'], l['level'], s['tech'],
                           l['vol'] if (p.get('vol_mode') != 'session' or len(s['levels']) == 1) else '',
                           tot if (p.get('vol_mode') == 'session' and len(s['levels']) > 1) else '',
                           s['ctype'], (';'.join(sorted({x['leak'] for x in s['levels']} - {'none'})) or 'none') if p.get('leak_mode') == 'session' else l['leak']])
            for t, v in s['pain'].items():
                asr.append([p['id'], s['session'], 'pain_vas', t, v])
            for t, v in s.get('odi', {}).items():
                asr.append([p['id'], s['session'], 'odi', t, v])
        for d, l in p['fractures']:
            frr.append([p['id'], d, l])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], pr)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], asr)
    w('fractures.csv', ['patient_id', 'day', 'level'], frr)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def colL(i):  # 1-based
    s = ''
    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s


# ---------------- Havana (Cuba) ----------------
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill
NOMBRES = ['María', 'Yanelis', 'Odalys', 'Mercedes', 'Caridad', 'Juana', 'Migdalia', 'Raúl', 'Orestes', 'Ernesto', 'Dayami', 'Xiomara', 'Lázaro', 'Yoandri', 'Bárbara']
APELL = ['Pérez', 'Rodríguez', 'González', 'Hernández', 'Díaz', 'Fonseca', 'Cabrera', 'Valdés', 'Suárez', 'Castillo', 'Leyva', 'Milián']


def main(outdir):
    pats, rng = gen(208, 22, tps=('1w', '1m', '3m'), tps2=('1m',), start=dt.date(2021, 2, 1))
    ids = []
    for i, p in enumerate(pats):
        p['id'] = 'VPH-%03d' % (i + 1)
        p['vol_mode'] = 'session'
        fem = p['sex'] == 'female'
        nm = [n for n in NOMBRES if (n[-1] in 'asi') == fem] or NOMBRES
        p['name'] = '%s %s %s' % (nm[int(rng.integers(len(nm)))], APELL[int(rng.integers(len(APELL)))], APELL[int(rng.integers(len(APELL)))])
        p['hc'] = 'HC-%06d' % int(rng.integers(100000, 999999))
        ids += [['name', p['name']], ['record_number', p['hc']]]
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Registro VP'
    ws['A1'] = 'Hospital Clínico Quirúrgico "Hermanos Ameijeiras" (ficticio) — Servicio de Neurocirugía'
    ws['A2'] = 'Registro de vertebroplastias / cifoplastias percutáneas 2021-2022'
    ws['A1'].font = Font(bold=True, size=13); ws['A2'].font = Font(italic=True)
    hdr = ['No. estudio', 'HC', 'Nombre y apellidos', 'Sexo', 'Edad (años)', 'Etiología', 'Sesión', 'Fecha proced.',
           'Vértebras tratadas', 'Técnica', 'Cemento', 'Volumen total cemento', 'Fuga de cemento',
           'EVA pre', 'EVA 1 sem', 'EVA 1 mes', 'EVA 3 meses', 'Fractura nueva (nivel / fecha)', 'Fallecido']
    R0 = 4
    for j, h in enumerate(hdr, 1):
        c = ws.cell(R0, j, h); c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True, horizontal='center')
        c.fill = PatternFill('solid', fgColor='BDD7EE')
    ET = {'osteoporotic': 'Osteoporosis', 'traumatic': 'Traumática'}
    LEAK = {'none': 'No', 'disc': 'Discal', 'venous': 'Venosa', 'paravertebral': 'Paravertebral'}
    r = R0 + 1; where = {}
    for p in pats:
        for s in p['sessions']:
            if p['etiology'] == 'pathologic':
                et = ['Metástasis', 'Mieloma múltiple'][int(rng.integers(2))]
            else: et = ET[p['etiology']]
            leaks = sorted({l['leak'] for l in s['levels']} - {'none'})
            tot = sum(l['vol'] for l in s['levels'])
            fr = '; '.join('%s (%s)' % (l, (p['sessions'][0]['date'] + dt.timedelta(days=d)).strftime('%d/%m/%Y')) for d, l in p['fractures']) if s['session'] == 1 else ''
            vals = [p['id'], p['hc'], p['name'], 'F' if p['sex'] == 'female' else 'M', p['age'], et, s['session'],
                    s['date'].strftime('%d/%m/%Y'), ', '.join(l['level'] for l in s['levels']),
                    'VP' if s['tech'] == 'vertebroplasty' else 'CP (cifoplastia)',
                    'PMMA' if s['ctype'] == 'PMMA' else 'Fosfato de calcio',
                    ('%s ml' % ('%.1f' % tot).replace('.', ',')), ', '.join(LEAK[x] for x in leaks) if leaks else 'No']
            tl = ['pre', '1w', '1m', '3m']
            for t in tl:
                if t in s['pain']: vals.append(s['pain'][t])
                elif s['session'] == 2 and t in ('1w', '3m'): vals.append('')
                elif s['day'] + TPDAYS.get(t, 0) > p['death_day']: vals.append('†')
                else: vals.append('NR')
            vals += [fr, 'Sí' if p['died'] == 'yes' else 'No']
            for j, v in enumerate(vals, 1): ws.cell(r, j, v)
            where[(p['id'], s['session'])] = r
            r += 1
    ws.cell(r + 1, 1, 'NR = no realizado (no acudió a consulta).  † = fallecido antes de la consulta.  EVA = escala visual analógica 0-10.')
    for j, wdt in enumerate([11, 11, 28, 6, 8, 16, 7, 12, 14, 16, 16, 12, 14, 8, 8, 8, 9, 24, 9], 1):
        ws.column_dimensions[colL(j)].width = wdt
    ws.freeze_panes = 'D5'
    errs = []
    def bad(pid, sess, col, val, why):
        rr = where[(pid, sess)]; ws.cell(rr, col, val)
        errs.append(['Registro VP', '%s%d' % (colL(col), rr), rr, hdr[col - 1], val, why, pid])
    multi = [p for p in pats if len(p['sessions'][0]['levels']) == 1]
    bad(pats[3]['id'], 1, 14, 12, 'EVA 12 en escala 0-10')
    bad(pats[7]['id'], 1, 8, '31/02/2022', 'fecha imposible (31 de febrero)')
    bad(multi[5]['id'], 1, 9, 'L6', 'nivel vertebral inexistente (L6)')
    bad(pats[12]['id'], 1, 5, 210, 'edad imposible')
    bad(pats[16]['id'], 1, 12, '45 ml', 'volumen total de cemento implausible (45 ml)')
    wb.save(os.path.join(outdir, 'input.xlsx'))
    for p in pats: p['leak_mode'] = 'session'  # leak written once per session
    write_truth(outdir, pats, errs, ids)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
