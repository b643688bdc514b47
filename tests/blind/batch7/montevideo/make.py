import sys, os, csv, datetime as dt
import numpy as np
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

ALL_LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
              + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 180, '12m': 365, '24m': 730}
LEAK_SITES = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def pick_levels(rng, k, exclude=()):
    cand = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
    w = np.array([1, 1, 2, 2, 2, 3, 5, 8, 8, 5, 3, 2, 1], float)
    for _ in range(200):
        i = int(rng.choice(len(cand), p=w / w.sum()))
        i = min(i, len(cand) - k)
        lv = cand[i:i + k]
        if not set(lv) & set(exclude):
            return lv
    raise RuntimeError('levels')


def neighbour_level(rng, used):
    idx = sorted(ALL_LEVELS.index(u) for u in used)
    opts = [ALL_LEVELS[j] for j in (idx[0] - 1, idx[0] - 2, idx[-1] + 1, idx[-1] + 2)
            if 8 <= j < len(ALL_LEVELS) - 1 and ALL_LEVELS[j] not in used]
    return opts[int(rng.integers(len(opts)))]


def gen_patients(rng, ids, cfg):
    """cfg keys: start (date), techniques (list,probs), cements (list of truth types, probs),
    tps1 (follow-up timepoints for session 1), tps2 (for session 2 or []),
    measures (list), p_second, p_fracture, p_died, p_attend, vol_range"""
    pats = []
    for pid in ids:
        p = {'pid': pid}
        et = rng.choice(['osteoporotic', 'pathologic', 'traumatic'], p=cfg.get('et_p', [0.7, 0.2, 0.1]))
        p['etiology'] = str(et)
        p['sex'] = 'female' if rng.random() < (0.72 if et == 'osteoporotic' else 0.45) else 'male'
        p['age'] = int(rng.integers(58, 91) if et == 'osteoporotic' else rng.integers(38, 80))
        d1 = cfg['start'] + dt.timedelta(days=int(rng.integers(0, 600)))
        if d1.weekday() >= 5:
            d1 += dt.timedelta(days=7 - d1.weekday())
        p['date1'] = d1
        p['birth'] = d1 - dt.timedelta(days=int(p['age'] * 365.25 + rng.integers(10, 350)))
        k = int(rng.choice([1, 2, 3], p=[0.55, 0.33, 0.12]))
        tech = str(rng.choice(cfg['techniques'], p=cfg['tech_p']))
        cem = str(rng.choice(cfg['cements'], p=cfg['cem_p']))
        s1 = make_session(rng, 1, 0, pick_levels(rng, k), tech, cem, cfg)
        p['sessions'] = [s1]
        used = list(s1['levels'])
        p['died'] = 'yes' if rng.random() < cfg.get('p_died', 0.12) else 'no'
        death_day = int(rng.integers(60, 400)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        if rng.random() < cfg.get('p_second', 0.2) and death_day > 150:
            day2 = int(rng.integers(21, 130))
            lv2 = [neighbour_level(rng, used)]
            used += lv2
            s2 = make_session(rng, 2, day2, lv2, tech, cem, cfg)
            p['sessions'].append(s2)
        p['fractures'] = []
        if rng.random() < cfg.get('p_fracture', 0.15):
            fd = int(rng.integers(25, min(death_day, 340)))
            p['fractures'].append((fd, neighbour_level(rng, used)))
        # assessments
        p['assess'] = {}
        for s in p['sessions']:
            tps = cfg['tps1'] if s['session'] == 1 else cfg['tps2']
            pre = float(rng.integers(6, 11))
            odi = float(rng.integers(45, 85))
            for tp in tps:
                absday = s['day'] + TP_DAYS[tp]
                if absday >= death_day:
                    continue
                if tp != 'pre' and rng.random() > cfg.get('p_attend', 0.85):
                    continue
                frac = {'pre': 1, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4,
                        '3m': 0.35, '6m': 0.3, '12m': 0.3, '24m': 0.3}[tp]
                if 'pain_vas' in cfg['measures']:
                    v = pre if tp == 'pre' else max(0, round(pre * frac + rng.normal(0, 1.2)))
                    p['assess'][(s['session'], 'pain_vas', tp)] = float(v)
                if 'odi' in cfg['measures'] and tp in cfg.get('odi_tps', tps):
                    v = odi if tp == 'pre' else max(4, round(odi * (frac + 0.15) + rng.normal(0, 6)))
                    p['assess'][(s['session'], 'odi', tp)] = float(v)
                if 'mobility' in cfg['measures'] and tp in cfg.get('mob_tps', tps):
                    base = int(rng.integers(1, 3))
                    v = base if tp == 'pre' else min(4, base + int(rng.integers(0, 3)))
                    p['assess'][(s['session'], 'mobility', tp)] = float(v)
        pats.append(p)
    return pats


def make_session(rng, sno, day, levels, tech, cem, cfg):
    lo, hi = cfg.get('vol_range', (2.0, 6.0))
    vols = [float(round(rng.uniform(lo, hi) * 2) / 2) for _ in levels]
    leaks = []
    for _ in levels:
        if rng.random() < cfg.get('p_leak', 0.22):
            leaks.append(str(rng.choice(LEAK_SITES[:cfg.get('n_leak_sites', 5)],
                                        p=None)))
        else:
            leaks.append('none')
    return {'session': sno, 'day': day, 'levels': levels, 'technique': tech, 'vols': vols,
            'total': float(sum(vols)), 'cement': cem, 'leaks': leaks}


def fmtnum(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%g' % v)


def write_truth(outdir, pats, errors, identifiers, vol_mode, sex_rec=True, age_rec=True,
                et_rec=True, died_rec=True):
    """vol_mode(p, s) -> 'level' or 'session' or None"""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if sex_rec else '', p['age'] if age_rec else '',
        p['etiology'] if et_rec else '', p['died'] if died_rec else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], s['session'], s['day'], lv, s['technique'],
                             fmtnum(v) if mode == 'level' else '',
                             fmtnum(s['total']) if mode == 'session' else '',
                             s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = list(TP_DAYS)
    for p in pats:
        for (sno, m, tp), v in sorted(p['assess'].items(), key=lambda x: (x[0][0], x[0][1], order.index(x[0][2]))):
            rows.append([p['pid'], sno, m, tp, fmtnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pats for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def addr(r, c):
    return '%s%d' % (get_column_letter(c), r)

# ---------------------------------------------------------------- Montevideo
TECH = {'vertebroplasty': ['VP', 'Vertebroplastia'], 'kyphoplasty': ['CP', 'Cifoplastia c/balón']}
LEAK = {'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
        'foraminal': 'foraminal'}
CEM = {'PMMA': ['PMMA (Osteopal V)', 'PMMA', 'Vertecem'], 'calcium phosphate': ['Fosfato de calcio']}
APE = ['Rodríguez', 'González', 'Fernández', 'Pereira', 'Silva', 'Martínez', 'Sosa', 'López', 'Techera',
       'Acosta', 'Cabrera', 'Olivera', 'De León', 'Núñez', 'Viera']
NOM_F = ['María', 'Graciela', 'Nelly', 'Beatriz', 'Susana', 'Mirta', 'Ana', 'Teresa', 'Elena', 'Raquel']
NOM_M = ['Juan', 'Carlos', 'Washington', 'Walter', 'Luis', 'Jorge', 'Ruben', 'Hugo']
VIS1 = {'pre': 'Pre', '24h': '24 hs', '1m': '1 mes', '3m': '3 meses', '6m': '6 meses', '12m': '12 meses'}
VIS2 = {'pre': 'Pre (2º proc.)', '1m': '1 mes (2º proc.)'}


def dec(v):
    return fmtnum(v).replace('.', ',')


def niveles(levels):
    return levels[0] if len(levels) == 1 else ', '.join(levels[:-1]) + ' y ' + levels[-1]


def cedula(rng):
    n = int(rng.integers(800000, 5200000))
    s = '{:,}'.format(n).replace(',', '.')
    return '%s-%d' % (s, int(rng.integers(0, 10)))


def main(outdir):
    rng = np.random.default_rng(7404)
    n = 23
    ids = [str(101 + i) for i in range(n)]
    cfg = dict(start=dt.date(2021, 6, 1), techniques=['vertebroplasty', 'kyphoplasty'], tech_p=[0.55, 0.45],
               cements=['PMMA', 'calcium phosphate'], cem_p=[0.9, 0.1],
               tps1=['pre', '24h', '1m', '3m', '6m', '12m'], tps2=['pre', '1m'],
               measures=['pain_vas', 'odi'], odi_tps=['pre', '3m', '12m'], p_second=0.22,
               p_fracture=0.18, p_died=0.13, p_attend=0.8)
    pats = gen_patients(rng, ids, cfg)
    # age from birth date exactly
    for p in pats:
        b, d = p['birth'], p['date1']
        p['age'] = d.year - b.year - ((d.month, d.day) < (b.month, b.day))
    volmode = {}
    identifiers = []
    wb = Workbook()
    ws = wb.active
    ws.title = 'Procedimientos'
    ws['A1'] = 'Hospital Pasteur del Cerro (ficticio) — Servicio de Neurocirugía / Radiología Intervencionista'
    ws['A2'] = 'Protocolo Vertebroplastia-Cifoplastia. Una fila por procedimiento. Evaluaciones en hoja "Evaluaciones".'
    ws['A1'].font = Font(bold=True, size=12)
    heads = ['Nº estudio', 'Nombre', 'CI', 'Fecha nac.', 'Sexo', 'Etiología', 'Procedimiento', 'Fecha',
             'Niveles', 'Técnica', 'Cemento', 'Volumen', 'Fuga de cemento', 'Fallecido', 'Observaciones']
    HR = 4
    for c, h in enumerate(heads, 1):
        cell = ws.cell(HR, c, h)
        cell.font = Font(bold=True, color='FFFFFF')
        cell.fill = PatternFill('solid', fgColor='2F5597')
    col = {h: i + 1 for i, h in enumerate(heads)}
    r = HR + 1
    prow = {}
    long_rows = []
    for i, p in enumerate(pats):
        name = '%s %s, %s' % (rng.choice(APE), rng.choice(APE), rng.choice(NOM_F if p['sex'] == 'female' else NOM_M))
        ci = cedula(rng)
        bd = p['birth'].strftime('%d/%m/%Y')
        identifiers += [['name', name], ['other', ci], ['birth_date', bd]]
        for s in p['sessions']:
            prow[(p['pid'], s['session'])] = r
            d = p['date1'] + dt.timedelta(days=s['day'])
            ws.cell(r, col['Nº estudio'], int(p['pid']))
            if s['session'] == 1:
                ws.cell(r, col['Nombre'], name)
                ws.cell(r, col['CI'], ci)
                ws.cell(r, col['Fecha nac.'], bd)
                ws.cell(r, col['Sexo'], 'F' if p['sex'] == 'female' else 'M')
                et = {'osteoporotic': 'Osteoporosis', 'traumatic': 'Traumática'}.get(p['etiology']) or \
                    str(rng.choice(['Metástasis (mama)', 'Mieloma múltiple', 'Metástasis (próstata)']))
                ws.cell(r, col['Etiología'], et)
            else:
                ws.cell(r, col['Nombre'], '(ídem)')
            ws.cell(r, col['Procedimiento'], '%dº' % s['session'])
            if i % 4 == 3:
                ws.cell(r, col['Fecha'], d.strftime('%d/%m/%y'))
            else:
                ws.cell(r, col['Fecha'], d).number_format = 'DD/MM/YYYY'
            ws.cell(r, col['Niveles'], niveles(s['levels']))
            ws.cell(r, col['Técnica'], TECH[s['technique']][i % 2])
            ws.cell(r, col['Cemento'], CEM[s['cement']][i % len(CEM[s['cement']])])
            if len(s['levels']) == 1:
                volmode[(p['pid'], s['session'])] = 'level'
                ws.cell(r, col['Volumen'], '%s cc' % dec(s['vols'][0]) if i % 2 else s['vols'][0])
            elif i % 2:
                volmode[(p['pid'], s['session'])] = 'level'
                ws.cell(r, col['Volumen'], '; '.join('%s %s cc' % (lv, dec(v)) for lv, v in zip(s['levels'], s['vols'])))
            else:
                volmode[(p['pid'], s['session'])] = 'session'
                ws.cell(r, col['Volumen'], '%s cc total' % dec(s['total']))
            lk = [(lv, x) for lv, x in zip(s['levels'], s['leaks']) if x != 'none']
            if not lk:
                ws.cell(r, col['Fuga de cemento'], 'No')
            elif len(s['levels']) == 1:
                ws.cell(r, col['Fuga de cemento'], 'Sí – %s' % LEAK[lk[0][1]])
            else:
                ws.cell(r, col['Fuga de cemento'], 'Sí – ' + ', '.join('%s (%s)' % (LEAK[x], lv) for lv, x in lk))
            if s['session'] == 1:
                if p['died'] == 'yes':
                    ws.cell(r, col['Fallecido'], 'Sí (%s)' % (p['date1'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y'))
                else:
                    ws.cell(r, col['Fallecido'], 'No')
                if p['fractures']:
                    fd, fl = p['fractures'][0]
                    ws.cell(r, col['Observaciones'], 'Nueva fractura %s diagnosticada el %s' %
                            (fl, (p['date1'] + dt.timedelta(days=fd)).strftime('%d/%m/%Y')))
            r += 1
        for (sn, m, tp), v in p['assess'].items():
            vis = (VIS1 if sn == 1 else VIS2)[tp]
            day = p['sessions'][sn - 1]['day'] + TP_DAYS[tp] + (0.5 if m == 'odi' else 0)
            long_rows.append([p['date1'] + dt.timedelta(days=day), p['pid'], vis, 'EVA' if m == 'pain_vas' else 'ODI', v, m])
        # missed visits logged as "no concurrió"
        for tp in cfg['tps1'][1:]:
            if (1, 'pain_vas', tp) not in p['assess'] and TP_DAYS[tp] < p['death_day'] and rng.random() < 0.6:
                long_rows.append([p['date1'] + dt.timedelta(days=TP_DAYS[tp]), p['pid'], VIS1[tp], 'EVA', 'no concurrió', None])
    # --- long sheet, entered in calendar order
    long_rows.sort(key=lambda x: (x[0], x[1], x[3]))
    la = wb.create_sheet('Evaluaciones')
    lh = ['Nº estudio', 'Visita', 'Medida', 'Valor']
    for c, h in enumerate(lh, 1):
        la.cell(1, c, h).font = Font(bold=True)
    lrow = {}
    for k, (day, pid, vis, meas, v, m) in enumerate(long_rows, 2):
        la.cell(k, 1, int(pid))
        la.cell(k, 2, vis)
        la.cell(k, 3, meas)
        if isinstance(v, str):
            la.cell(k, 4, v)
        elif meas == 'ODI' and k % 5 == 0:
            la.cell(k, 4, '%d%%' % v)
        else:
            la.cell(k, 4, int(v))
        lrow[(pid, vis, meas)] = k
    errors = []
    # errors: procedures sheet
    sh = ws.title
    p = pats[2]; row = prow[(p['pid'], 1)]; cc = col['Niveles']
    bad = niveles(['T13'] + p['sessions'][0]['levels'][1:])
    ws.cell(row, cc, bad)
    errors.append([sh, addr(row, cc), row, 'Niveles', bad, 'impossible level T13', p['pid']])
    p = next(q for q in pats[6:] if len(q['sessions'][0]['levels']) == 1); row = prow[(p['pid'], 1)]; cc = col['Volumen']
    ws.cell(row, cc, '45 cc')
    errors.append([sh, addr(row, cc), row, 'Volumen', '45 cc', 'implausible 45 mL cement in one vertebra', p['pid']])
    p = pats[11]; row = prow[(p['pid'], 1)]; cc = col['Fecha']
    ws.cell(row, cc, '30/02/2022')
    errors.append([sh, addr(row, cc), row, 'Fecha', '30/02/2022', 'impossible date (30 February)', p['pid']])
    # errors: long sheet
    sh = la.title
    p = next(q for q in pats[15:] if (1, 'pain_vas', '3m') in q['assess'])
    row = lrow[(p['pid'], VIS1['3m'], 'EVA')]
    la.cell(row, 4, 12)
    errors.append([sh, addr(row, 4), row, 'Valor', '12', 'EVA 12 on a 0-10 scale', p['pid']])
    p = next(q for q in pats[18:] if (1, 'odi', 'pre') in q['assess'])
    row = lrow[(p['pid'], VIS1['pre'], 'ODI')]
    la.cell(row, 4, 'bien')
    errors.append([sh, addr(row, 4), row, 'Valor', 'bien', 'meaningless text instead of an ODI score', p['pid']])
    widths = [10, 28, 13, 11, 5, 20, 13, 11, 16, 18, 18, 22, 24, 16, 44]
    for c, wdt in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = wdt
    la.column_dimensions['B'].width = 16
    lg = wb.create_sheet('Referencias')
    for k, t in enumerate(['EVA: escala visual analógica del dolor 0-10', 'ODI: índice de discapacidad de Oswestry (%)',
                           'VP: vertebroplastia; CP: cifoplastia con balón', 'Volumen en cc (= ml) por nivel o total del procedimiento',
                           'Visitas "(2º proc.)": referidas a la fecha del 2º procedimiento'], 1):
        lg.cell(k, 1, t)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, identifiers, lambda p, s: volmode[(p['pid'], s['session'])])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
