"""Rosario blind workbook generator. Usage: python make.py OUTDIR"""
# ---------------------------------------------------------------- common generator
import csv, os, sys, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = np.array([1, 1, 2, 3, 4, 5, 7, 12, 20, 18, 10, 6, 4, 2], float)
LEVEL_W = LEVEL_W / LEVEL_W.sum()
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def lvl_index(l):
    return LEVELS.index(l)


def gen_core(seed, n, make_id, tps, odi_tps=(), p2=.30, p3=.08, p_fx=.22, p_second=.55,
             p_died=.12, tech_p=(('vertebroplasty', .6), ('kyphoplasty', .4)),
             cement_p=(('PMMA', .9), ('calcium phosphate', .1)), attend=.85,
             pain_decimals=False, start=dt.date(2019, 1, 7), span=1300,
             etio_p=(('osteoporotic', .72), ('pathologic', .2), ('traumatic', .08)),
             leak_p=.22, session2_tps=('pre',), vol_range=(2.0, 6.0), vol_step=0.5):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {'id': make_id(i)}
        p['sex'] = 'female' if rng.random() < .74 else 'male'
        p['etiology'] = str(rng.choice([e for e, _ in etio_p], p=[w for _, w in etio_p]))
        p['age'] = int(rng.integers(58, 92)) if p['etiology'] != 'traumatic' else int(rng.integers(41, 80))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        nl = 1 + (rng.random() < p2) + (rng.random() < p3)
        first = int(rng.choice(len(LEVELS), p=LEVEL_W))
        lv = [LEVELS[k] for k in sorted({min(len(LEVELS) - 1, first + k) for k in range(nl)})]
        tech = str(rng.choice([t for t, _ in tech_p], p=[w for _, w in tech_p]))
        cem = str(rng.choice([t for t, _ in cement_p], p=[w for _, w in cement_p]))
        def vols(k):
            lo, hi = vol_range
            return [float(np.round(rng.uniform(lo, hi) / vol_step) * vol_step) for _ in range(k)]
        def leaks(k):
            out = []
            for _ in range(k):
                if rng.random() < leak_p:
                    out.append(str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                              p=[.4, .3, .15, .1, .05])))
                else:
                    out.append('none')
            return out
        s1 = {'n': 1, 'date': d0, 'day': 0, 'levels': lv, 'vols': vols(len(lv)), 'technique': tech,
              'cement': cem, 'leak': leaks(len(lv))}
        s1['total'] = round(sum(s1['vols']), 1)
        p['sessions'] = [s1]
        # death
        p['died'] = 'yes' if rng.random() < p_died else 'no'
        last_tp = max(TP_DAYS[t] for t in tps)
        death_day = int(rng.integers(45, last_tp + 60)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        # fractures
        p['fx'] = []
        if rng.random() < p_fx and death_day > 60:
            fd = int(rng.integers(25, min(death_day, last_tp) - 10 if min(death_day, last_tp) > 40 else 35))
            cand = [l for l in LEVELS if l not in lv and abs(lvl_index(l) - lvl_index(lv[0])) <= 3]
            fl = str(rng.choice(cand))
            p['fx'].append((fd, fl))
            if rng.random() < p_second and fd + 30 < death_day:
                d2 = fd + int(rng.integers(6, 25))
                s2 = {'n': 2, 'date': d0 + dt.timedelta(days=d2), 'day': d2, 'levels': [fl],
                      'vols': vols(1), 'technique': tech, 'cement': cem, 'leak': leaks(1)}
                s2['total'] = s2['vols'][0]
                p['sessions'].append(s2)
            elif rng.random() < .35:
                # a second new fracture at another level, same day (found on same scan)
                cand2 = [l for l in cand if l != fl]
                p['fx'].append((fd, str(rng.choice(cand2))))
        # some single second sessions with two levels
        # pain / odi
        p['pain'] = {}
        p['odi'] = {}
        base = float(rng.uniform(6.5, 9.5))
        for s in p['sessions']:
            pp, oo = {}, {}
            stps = tps if s['n'] == 1 else session2_tps
            for t in stps:
                absday = s['day'] + TP_DAYS[t]
                if absday >= death_day - 5:
                    continue
                if t != 'pre' and rng.random() > attend:
                    continue
                if t == 'pre':
                    v = base + rng.normal(0, .4)
                else:
                    frac = {'24h': .55, '1w': .45, '2w': .42, '6w': .35, '1m': .35, '3m': .3,
                            '6m': .28, '12m': .27, '24m': .27}[t]
                    v = base * frac + rng.normal(0, 1.0)
                v = float(np.clip(v, 0, 10))
                v = round(v * 2) / 2 if pain_decimals else float(round(v))
                pp[t] = v
                if t in odi_tps:
                    o = 30 + v * 5.5 + rng.normal(0, 5)
                    oo[t] = int(np.clip(round(o / 2) * 2, 0, 100))
            p['pain'][s['n']] = pp
            p['odi'][s['n']] = oo
        pats.append(p)
    return pats, rng


def write_truth(outdir, pats, errors, identifiers, pain_scale=1.0, mobility=None,
                sex_known=True, age_known=True, etio_known=True, died_known=True,
                per_level_volume=lambda p, s: True, technique_known=lambda p, s: True,
                cement_known=lambda p, s: True, leak_known=lambda p, s: True):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    def num(x):
        if x is None or x == '':
            return ''
        x = float(x)
        return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0').rstrip('.')
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex_known else '', p['age'] if age_known else '',
        p['etiology'] if etio_known else '', p['died'] if died_known else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            per = per_level_volume(p, s) or len(s['levels']) == 1
            for k, l in enumerate(s['levels']):
                rows.append([p['id'], s['n'], s['day'], l,
                             s['technique'] if technique_known(p, s) else '',
                             num(s['vols'][k] if len(s['levels']) > 1 else s['total']) if per else '',
                             '' if per else num(s['total']),
                             s['cement'] if cement_known(p, s) else '',
                             s['leak'][k] if leak_known(p, s) else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    for p in pats:
        for s in p['sessions']:
            for t in order:
                if t in p['pain'].get(s['n'], {}):
                    rows.append([p['id'], s['n'], 'pain_vas', t, num(p['pain'][s['n']][t] / pain_scale)])
            for t in order:
                if t in p['odi'].get(s['n'], {}):
                    rows.append([p['id'], s['n'], 'odi', t, num(p['odi'][s['n']][t])])
            if mobility:
                for t in order:
                    if t in p.get('mob', {}).get(s['n'], {}):
                        rows.append([p['id'], s['n'], 'mobility', t, num(p['mob'][s['n']][t])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, l] for p in pats for d, l in p['fx']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def addr(r, c):
    """1-based row, col -> A1"""
    s = ''
    while c:
        c, m = divmod(c - 1, 26)
        s = chr(65 + m) + s
    return '%s%d' % (s, r)
# ---------------------------------------------------------------- end common
# ---------------------------------------------------------------- Rosario site
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

ETIO_S = {'osteoporotic': ['Osteoporosis', 'osteoporosis', 'Fx osteoporótica'],
          'pathologic': ['MTS ca. mama', 'Mieloma múltiple', 'MTS ca. pulmón'],
          'traumatic': ['Traumática (caída de altura)', 'Traumática'], 'other': ['Otra']}
TECH_S = {'vertebroplasty': ['VP', 'Vertebroplastia'], 'kyphoplasty': ['CP', 'Cifoplastia c/ balón']}
LEAK_S = {'disc': 'discal', 'venous': 'venosa', 'epidural': 'epidural', 'foraminal': 'foraminal', 'paravertebral': 'paravertebral'}


def slevel(l):
    return ('D' + l[1:]) if l[0] == 'T' else l


def es(x):
    return ('%g' % x).replace('.', ',')


def main(out):
    os.makedirs(out, exist_ok=True)
    tps = ['pre', '24h', '1m', '3m', '12m']
    pats, rng = gen_core(54321, 33, lambda i: 'R%02d' % (i + 1), tps,
                         tech_p=(('vertebroplasty', .75), ('kyphoplasty', .25)),
                         cement_p=(('PMMA', .84), ('Cortoss', .08), ('calcium phosphate', .08)),
                         start=dt.date(2019, 2, 1), span=1400, session2_tps=(), p_fx=.25, p_second=.6)
    # pain in mm 0-100; truth keeps mm/10
    for p in pats:
        for t, v in list(p['pain'][1].items()):
            mm = int(np.clip(round(v * 10 + rng.integers(-4, 5)), 0, 100))
            p['pain'][1][t] = mm / 10.0
        for s in p['sessions']:
            if s['technique'] == 'kyphoplasty' and s['cement'] != 'PMMA':
                s['cement'] = 'PMMA'
    # one second session treating two levels (one total volume)
    two = [p for p in pats if len(p['sessions']) > 1][1]
    s2 = two['sessions'][1]
    treated = set(two['sessions'][0]['levels']) | set(s2['levels'])
    nb = next(LEVELS[k] for k in (lvl_index(s2['levels'][0]) + 1, lvl_index(s2['levels'][0]) - 1)
              if LEVELS[k] not in treated)
    s2['levels'] = sorted([s2['levels'][0], nb], key=lvl_index)
    s2['vols'] = [3.0, 2.5]
    s2['total'] = 5.5
    s2['leak'] = ['none', 'none']
    two['fx'].append((two['fx'][0][0], nb))
    ids = [p['id'] for p in pats]
    bad_eva = [p['id'] for p in pats if '1m' in p['pain'][1]][5]; bad_lvl = ids[11]; bad_age = ids[17]; bad_vol = ids[23]
    bad_s2 = [p['id'] for p in pats if len(p['sessions']) > 1 and p['id'] not in (bad_eva, bad_lvl, bad_age, bad_vol, two['id'])][0]
    errors = []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Planilla VP'
    ws['A1'] = 'Hospital Centenario (ficticio) – Servicio de Diagnóstico por Imágenes – Intervencionismo'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'Registro de vertebroplastias / cifoplastias 2019-2023'
    ws['A2'].font = Font(italic=True)
    groups = [('Paciente', 1, 4), ('1ra intervención', 5, 11), ('EVA (mm, 0-100)', 12, 16), ('2da intervención', 17, 19),
              ('Evolución', 20, 23)]
    sub = ['N°', 'Sexo', 'Edad', 'Diagnóstico', 'Fecha', 'Nivel(es)', 'Técnica', 'Volumen (ml)', 'Cemento', 'Fuga de cemento', 'Anestesia',
           'Pre', '24 hs', '1 mes', '3 meses', '12 meses', 'Fecha', 'Nivel(es)', 'Volumen (ml)',
           'Nuevas fracturas', 'Fecha nueva fx', 'Óbito', 'Observaciones']
    fills = ['E7E6E6', 'DDEBF7', 'E2EFDA', 'FFF2CC', 'FCE4D6']
    thin = Side(style='thin', color='909090')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for (g, a, b), f in zip(groups, fills):
        ws.cell(3, a, g).font = Font(bold=True)
        ws.cell(3, a).alignment = Alignment(horizontal='center')
        ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
        for k in range(a, b + 1):
            for rr in (3, 4):
                ws.cell(rr, k).fill = PatternFill('solid', fgColor=f)
                ws.cell(rr, k).border = box
    for k, h in enumerate(sub, 1):
        ws.cell(4, k, h).font = Font(bold=True)
        ws.cell(4, k).alignment = Alignment(horizontal='center', wrap_text=True)

    def sdate(d, allow_serial=True):
        r = rng.random()
        if r < .45:
            return d.strftime('%d/%m/%Y')
        if r < .7:
            return d.strftime('%d/%m/%y')
        if r < .95 or not allow_serial:
            return dt.datetime(d.year, d.month, d.day)
        return str((d - dt.date(1899, 12, 30)).days)   # serial number typed as text

    def cement(s):
        if s['cement'] == 'Cortoss':
            return 'Cortoss'
        if s['cement'] == 'calcium phosphate':
            return 'Fosfato de calcio (KyphOs FS)'
        if s['technique'] == 'kyphoplasty':
            return 'KyphX HV-R'
        return ['Osteopal V', 'Vertecem V+', 'Spineplex', 'PMMA'][int(rng.integers(4))]

    r = 5
    for p in pats:
        s1 = p['sessions'][0]
        lv = [slevel(l) for l in s1['levels']]
        if p['id'] == bad_lvl:
            lv[0] = 'D13'
        levels = (' y '.join(lv) if rng.random() < .6 else '/'.join(lv)) if len(lv) < 3 else ', '.join(lv[:-1]) + ' y ' + lv[-1]
        vol = s1['total']
        vol = es(vol) if rng.random() < .5 else vol
        if p['id'] == bad_vol:
            vol = 45
        lk = [(l, k) for l, k in zip(s1['levels'], s1['leak']) if k != 'none']
        if not lk:
            fuga = 'No'
        elif len(s1['levels']) == 1:
            fuga = ['Sí - ', 'Sí, '][int(rng.integers(2))] + LEAK_S[lk[0][1]]
        else:
            fuga = 'Sí - ' + '; '.join('%s en %s' % (LEAK_S[k], slevel(l)) for l, k in lk)
        eva = []
        for t in tps:
            v = p['pain'][1].get(t)
            if v is None:
                dead = p['died'] == 'yes' and TP_DAYS[t] >= p['death_day'] - 5
                eva.append('óbito' if dead else ['NC', 's/d', ''][int(rng.integers(3))])
            else:
                mm = int(round(v * 10))
                if p['id'] == bad_eva and t == '1m':
                    mm = 640
                eva.append(mm)
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            l2 = ' y '.join(slevel(l) for l in s2['levels'])
            d2 = sdate(s2['date'], False)
            if p['id'] == bad_s2:
                d2 = (s1['date'] - dt.timedelta(days=s2['day'])).strftime('%d/%m/%Y')
            sec = [d2, l2, es(s2['total']) if rng.random() < .5 else s2['total']]
        else:
            sec = ['', '', '']
        if p['fx']:
            fls = [slevel(l) for _, l in p['fx']]
            tmpl = ['Fx %s', 'nueva fractura %s', 'aplastamiento %s (RMN)', 'Fx nueva %s tras caída']
            fxt = tmpl[int(rng.integers(len(tmpl)))] % ' y '.join(fls)
            fxd = sdate(s1['date'] + dt.timedelta(days=p['fx'][0][0]), False)
        else:
            fxt = ['No', 'no', '-'][int(rng.integers(3))]
            fxd = ''
        if p['died'] == 'yes':
            dd = s1['date'] + dt.timedelta(days=p['death_day'])
            obito = ['Sí', 'Sí (%s)' % dd.strftime('%m/%Y')][int(rng.integers(2))]
        else:
            obito = 'No'
        obs = ''
        if len(p['sessions']) > 1:
            obs = 'Reintervención por nueva fx'
        elif p['etiology'] == 'pathologic' and rng.random() < .5:
            obs = 'Biopsia en el mismo acto'
        age = p['age'] if rng.random() < .6 else '%d años' % p['age']
        if p['id'] == bad_age:
            age = 178
        row = [p['id'], 'F' if p['sex'] == 'female' else 'M', age, ETIO_S[p['etiology']][int(rng.integers(len(ETIO_S[p['etiology']])))],
               sdate(s1['date']), levels, TECH_S[s1['technique']][int(rng.integers(2))], vol, cement(s1), fuga,
               ['Local + sedación', 'General', 'Local'][int(rng.integers(3))]] + eva + sec + [fxt, fxd, obito, obs]
        for k, v in enumerate(row, 1):
            c = ws.cell(r, k, v)
            c.border = box
            if isinstance(v, dt.datetime):
                c.number_format = 'dd/mm/yyyy'
        if p['id'] == bad_lvl:
            errors.append([ws.title, addr(r, 6), r, 'Nivel(es)', levels, 'impossible vertebral level D13 (T13)', p['id']])
        if p['id'] == bad_vol:
            errors.append([ws.title, addr(r, 8), r, 'Volumen (ml)', '45', 'implausible cement volume (45 mL)', p['id']])
        if p['id'] == bad_eva:
            errors.append([ws.title, addr(r, 14), r, '1 mes', '640', 'EVA 640 on a 0-100 mm scale', p['id']])
        if p['id'] == bad_age:
            errors.append([ws.title, addr(r, 3), r, 'Edad', '178', 'impossible age (178)', p['id']])
        if p['id'] == bad_s2:
            errors.append([ws.title, addr(r, 17), r, 'Fecha', sec[0], 'second intervention dated before the first one', p['id']])
        r += 1
    r += 1
    for line in ['Referencias: NC = no concurrió al control; s/d = sin dato. D = vértebra dorsal (D12 = T12).',
                 'VP = vertebroplastia; CP = cifoplastia con balón. EVA en mm (0 = sin dolor, 100 = máximo dolor).']:
        ws.cell(r, 1, line).font = Font(italic=True, size=9)
        r += 1
    widths = [6, 6, 9, 26, 12, 14, 20, 11, 26, 24, 16, 6, 6, 6, 7, 8, 12, 10, 11, 30, 13, 13, 28]
    for k, w in enumerate(widths, 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(k)].width = w
    ws.freeze_panes = 'B5'
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, [],
                per_level_volume=lambda p, s: False,
                technique_known=lambda p, s: s['n'] == 1,
                cement_known=lambda p, s: s['n'] == 1,
                leak_known=lambda p, s: s['n'] == 1)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
