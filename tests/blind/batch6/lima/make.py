import sys, os, csv, datetime as dt
import numpy as np

SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def gen_data(seed, n, tps, s2_tps=(), odi=False, prefix='P', id_fmt='{p}{i:03d}',
             start=dt.date(2021, 1, 4), span=600, kp_share=0.4, cements=('PMMA',),
             cement_p=None, leak_recorded=True, p_s2=0.18, p_frac_only=0.1, force_dead=()):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['id'] = id_fmt.format(p=prefix, i=i + 1)
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        p['age'] = int(rng.integers(51, 91))
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.74 else ('pathologic' if r < 0.9 else 'traumatic')
        p['died'] = 'yes' if (rng.random() < 0.12 or i in force_dead) else 'no'
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        st = int(rng.integers(3, len(SPINE) - nlev + 1))
        levels = SPINE[st:st + nlev]
        tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
        cem = str(rng.choice(list(cements), p=cement_p))

        def mk_levels(levs, tech):
            out = []
            for lv in levs:
                lo, hi = (3.0, 7.5) if tech == 'kyphoplasty' else (2.0, 6.0)
                vol = round(float(rng.uniform(lo, hi)) * 2) / 2
                if leak_recorded:
                    leak = 'none' if rng.random() < 0.75 else str(rng.choice(LEAKS[:4], p=[.4, .3, .2, .1]))
                else:
                    leak = ''
                out.append({'level': lv, 'vol': vol, 'leak': leak})
            return out

        def mk_assess(tlist, dead_cut=False):
            a = {}
            pre = int(rng.integers(6, 11))
            a[('pain_vas', 'pre')] = pre
            cur = pre
            for k, tp in enumerate(tlist):
                cur = max(0, cur - int(rng.integers(1, 4)) if k == 0 else cur - int(rng.integers(-1, 2)))
                cur = min(cur, 10)
                if rng.random() < 0.15:
                    continue
                if dead_cut and k == len(tlist) - 1:
                    continue
                a[('pain_vas', tp)] = cur
            if odi:
                o = int(rng.integers(40, 80)) // 2 * 2
                a[('odi', 'pre')] = o
                for k, tp in enumerate(tlist):
                    o = max(4, o - int(rng.integers(4, 20)) // 2 * 2)
                    if ('pain_vas', tp) in a:
                        a[('odi', tp)] = o
            return a

        sess = [{'session': 1, 'date': d0, 'day': 0, 'tech': tech, 'cement': cem,
                 'levels': mk_levels(levels, tech),
                 'assess': mk_assess(tps, p['died'] == 'yes')}]
        p['fractures'] = []
        if rng.random() < p_s2:
            gap = int(rng.integers(25, 120))
            cand = [SPINE[st - 1]] if st - 1 >= 0 else []
            if st + nlev < len(SPINE):
                cand.append(SPINE[st + nlev])
            nl = str(rng.choice(cand))
            t2 = tech if rng.random() < 0.7 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
            sess.append({'session': 2, 'date': d0 + dt.timedelta(days=gap), 'day': gap, 'tech': t2,
                         'cement': cem, 'levels': mk_levels([nl], t2),
                         'assess': mk_assess(s2_tps)})
            p['fractures'].append((gap - int(rng.integers(3, 15)), nl))
        elif rng.random() < p_frac_only:
            cand = [lv for lv in SPINE[max(0, st - 2):st + nlev + 2] if lv not in levels]
            p['fractures'].append((int(rng.integers(40, 200)), str(rng.choice(cand))))
        for s in sess:
            s['total'] = round(sum(l['vol'] for l in s['levels']), 1)
        p['sessions'] = sess
        pats.append(p)
    return pats, rng


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, errors, identifiers, vol_mode='level', sex=True, age=True,
                etiology=True, died=True, cement=True, vas_div=1):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f, lineterminator='\n')
            wr.writerow(header)
            for r in rows:
                wr.writerow(r)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
        p['died'] if died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for l in s['levels']:
                rows.append([p['id'], s['session'], s['day'], l['level'], s['tech'],
                             fmt_num(l['vol']) if vol_mode == 'level' else '',
                             fmt_num(s['total']) if vol_mode == 'session' else '',
                             s['cement'] if cement else '', l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for (m, tp), v in s['assess'].items():
                rows.append([p['id'], s['session'], m, tp, fmt_num(v / vas_div if m == 'pain_vas' and vas_div != 1 else v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, lv] for p in pats for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


# ---------------- Lima (Peru) ----------------
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter

def main(outdir):
    TPS = ['1w', '1m', '6m']
    pats, rng = gen_data(20260605, 24, TPS, s2_tps=('1m',), odi=True, prefix='VL', id_fmt='{p}{i:02d}',
                         start=dt.date(2021, 2, 1), cements=('PMMA', 'calcium phosphate'), cement_p=[0.8, 0.2],
                         p_s2=0.22)
    for p in pats:  # the unit scores Oswestry only before, at 1 month and at 6 months
        for s in p['sessions']:
            s['assess'].pop(('odi', '1w'), None)
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Base VP-CP'
    ws['A1'] = 'SERVICIO DE NEUROCIRUGÍA — UNIDAD DE COLUMNA'
    ws['A2'] = 'Base de datos: vertebroplastía (VP) y cifoplastía (CP) percutánea'
    ws['A1'].font = Font(bold=True, size=12)
    H = ['N°', 'Código', 'Sesión', 'Fecha del procedimiento', 'Sexo', 'Edad (años)', 'Etiología', 'Nivel(es)', 'Técnica',
         'Cemento', 'Volumen por nivel (ml)', 'Fuga de cemento', 'EVA pre', 'EVA 1 sem', 'EVA 1 mes', 'EVA 6 meses',
         'ODI pre (%)', 'ODI 1 mes (%)', 'ODI 6 meses (%)', 'Nueva fractura', 'Fallecido', 'Observaciones']
    fill = PatternFill('solid', fgColor='DDEBF7')
    for c, h in enumerate(H, 1):
        x = ws.cell(4, c, h); x.font = Font(bold=True); x.fill = fill; x.alignment = Alignment(wrap_text=True)
    def lv(l):
        return l.replace('T', 'D')
    def num(x):
        return fmt_num(x).replace('.', ',')
    ETI = {'osteoporotic': ['Osteoporosis'], 'pathologic': ['Metástasis', 'Mieloma múltiple'], 'traumatic': ['Traumática']}
    LK = {'disc': 'disco', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural'}
    r = 5; n = 0; rowof = {}
    for p in pats:
        for s in p['sessions']:
            n += 1
            ws.cell(r, 1, n); ws.cell(r, 2, p['id']); ws.cell(r, 3, '1ª' if s['session'] == 1 else '2ª')
            c = ws.cell(r, 4, s['date']); c.number_format = 'dd/mm/yyyy'
            if s['session'] == 1:
                ws.cell(r, 5, 'F' if p['sex'] == 'female' else 'M'); ws.cell(r, 6, p['age'])
                ws.cell(r, 7, str(rng.choice(ETI[p['etiology']])))
            else:
                ws.cell(r, 5, 'idem'); ws.cell(r, 22, 'Segunda sesión: nueva fractura')
            ws.cell(r, 8, '-'.join(lv(l['level']) for l in s['levels']))
            ws.cell(r, 9, 'CP' if s['tech'] == 'kyphoplasty' else 'VP')
            ws.cell(r, 10, 'PMMA' if s['cement'] == 'PMMA' else 'Fosfato de calcio')
            ws.cell(r, 11, ' / '.join(num(l['vol']) for l in s['levels']))
            lk = [f"{lv(l['level'])} ({LK[l['leak']]})" for l in s['levels'] if l['leak'] != 'none']
            ws.cell(r, 12, 'No' if not lk else 'Sí: ' + ', '.join(lk))
            tpl = ['pre'] + (TPS if s['session'] == 1 else ['1m'])
            for c, tp in zip(range(13, 17), ['pre'] + TPS):
                if tp not in tpl:
                    continue
                v = s['assess'].get(('pain_vas', tp))
                ws.cell(r, c, v if v is not None else 'no acudió')
            for c, tp in zip(range(17, 20), ['pre', '1m', '6m']):
                if tp not in tpl:
                    continue
                v = s['assess'].get(('odi', tp))
                ws.cell(r, c, v if v is not None else 'NR')
            if s['session'] == 1:
                d0 = s['date']
                ws.cell(r, 20, '; '.join(f"{lv(l2)} ({(d0 + dt.timedelta(days=d)).strftime('%d/%m/%Y')})" for d, l2 in p['fractures']) or 'No')
                ws.cell(r, 21, 'Sí' if p['died'] == 'yes' else 'No')
            rowof[(p['id'], s['session'])] = r
            r += 1
    ws.cell(r + 1, 1, 'Leyenda: D = vértebra dorsal (torácica). Volumen por nivel en el mismo orden que los niveles. '
                      'EVA 0-10. NR = no registrado. "idem" = mismos datos que la 1ª sesión.')
    for c, wdt in enumerate([5, 8, 7, 13, 6, 7, 15, 13, 7, 14, 14, 20, 6, 7, 7, 8, 7, 8, 8, 20, 9, 28], 1):
        ws.column_dimensions[get_column_letter(c)].width = wdt
    errors = []
    def plant(i, c, val, why):
        p = pats[i]; rr = rowof[(p['id'], 1)]
        ws.cell(rr, c, val)
        if isinstance(val, dt.date):
            val = val.strftime('%d/%m/%Y')
        errors.append([ws.title, f'{get_column_letter(c)}{rr}', rr, H[c - 1], str(val), why, p['id']])
    plant(1, 13, 15, 'EVA 15 on a 0-10 scale')
    plant(5, 8, '-'.join(['D13'] + [lv(l['level']) for l in pats[5]['sessions'][0]['levels'][1:]]),
          'impossible vertebra D13 (T13) as the first level')
    plant(9, 6, 'xx', 'meaningless text in the age column')
    plant(14, 4, '29/02/2022', 'impossible date 29 February 2022 (2022 is not a leap year), typed as text')
    plant(19, 11, '44' if len(pats[19]['sessions'][0]['levels']) == 1 else '44 / 3', '44 mL of cement in a single vertebra')
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, [])


if __name__ == '__main__':
    main(sys.argv[1])
