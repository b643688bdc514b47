# ---- shared data generator (copied into each make.py so it stays self-contained) ----
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(4, 13)] + ['L%d' % i for i in range(1, 6)]
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def gen(seed, n, fu_tps, p_second=0.2, p_frac=0.15, vol_mode='level', sec_tps=('pre', '1m')):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        p['age'] = int(rng.integers(51, 92))
        p['etiology'] = str(rng.choice(['osteoporotic'] * 6 + ['pathologic'] * 2 + ['traumatic']))
        p['died'] = 'yes' if rng.random() < 0.12 else 'no'
        d0 = dt.date(2021, 1, 4) + dt.timedelta(days=int(rng.integers(0, 700)))
        p['d0'] = d0
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        st = int(rng.integers(0, len(LEVELS) - nlev + 1))
        used = set(LEVELS[st:st + nlev])
        sessions = [mk_session(rng, 0, d0, LEVELS[st:st + nlev], vol_mode)]
        p['fractures'] = []
        if rng.random() < p_second:
            cand = [l for l in LEVELS if l not in used]
            lv = str(rng.choice(cand))
            used.add(lv)
            day = int(rng.integers(35, 150))
            p['fractures'].append((day - int(rng.integers(4, 15)), lv))
            sessions.append(mk_session(rng, day, d0, [lv], vol_mode))
        elif rng.random() < p_frac:
            cand = [l for l in LEVELS if l not in used]
            lv = str(rng.choice(cand))
            p['fractures'].append((int(rng.integers(20, 300)), lv))
        p['sessions'] = sessions
        # pain
        pain = {}
        pre = int(rng.integers(6, 11))
        pain['pre'] = pre
        cur = pre
        for k, tp in enumerate(fu_tps):
            cur = max(0, cur - int(rng.integers(0, 4)) - (2 if k == 0 else 0))
            if rng.random() < 0.18 and k > 0:
                continue  # missed visit
            pain[tp] = cur
        sessions[0]['pain'] = pain
        for s in sessions[1:]:
            pr = int(rng.integers(6, 10))
            s['pain'] = {'pre': pr, sec_tps[1]: max(0, pr - int(rng.integers(2, 6)))}
        pts.append(p)
    return rng, pts


def mk_session(rng, day, d0, levels, vol_mode):
    s = {'day': day, 'date': d0 + dt.timedelta(days=day), 'levels': list(levels)}
    s['technique'] = str(rng.choice(['vertebroplasty', 'kyphoplasty'], p=[0.6, 0.4]))
    s['cement'] = 'PMMA' if rng.random() < 0.85 else 'calcium phosphate'
    s['vols'] = [float(rng.integers(4, 15)) / 2 + 1.0 for _ in levels]
    s['total'] = sum(s['vols'])
    s['vol_mode'] = vol_mode
    lk = []
    for _ in levels:
        lk.append('none' if rng.random() < 0.78 else str(rng.choice(LEAKS)))
    s['leak'] = lk
    return s


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pts, errors, idents, measures_extra=None, vol_mode='level',
                no_sex=False, no_died=False):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], '' if no_sex else p['sex'], p['age'], p['etiology'], '' if no_died else p['died']] for p in pts])
    rows = []
    for p in pts:
        for k, s in enumerate(p['sessions']):
            for j, lv in enumerate(s['levels']):
                if vol_mode == 'level':
                    v, sv = fmtnum(s['vols'][j]), ''
                else:
                    if len(s['levels']) == 1:
                        v, sv = fmtnum(s['total']), ''
                    else:
                        v, sv = '', fmtnum(s['total'])
                rows.append([p['id'], k + 1, s['day'], lv, s['technique'], v, sv, s['cement'], s['leak'][j]])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for k, s in enumerate(p['sessions']):
            for tp, v in s['pain'].items():
                rows.append([p['id'], k + 1, 'pain_vas', tp, fmtnum(v)])
            for (meas, tp), v in s.get('extra', {}).items():
                rows.append([p['id'], k + 1, meas, tp, fmtnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, lv] for p in pts for (d, lv) in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen = []
    for x in idents:
        if x not in seen:
            seen.append(x)
    w('identifiers.csv', ['kind', 'value'], seen)
# ---- end shared ----

import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill

FU = ['1w', '1m', '6m']
ET = {'osteoporotic': 'osteoporoz', 'pathologic': 'metastaz', 'traumatic': 'travma'}
LK = {'none': "yo'q", 'disc': 'disk ichiga', 'venous': 'venoz', 'paravertebral': 'paravertebral',
      'epidural': 'epidural', 'foraminal': 'foraminal'}
FEM = ['Гулнора', 'Дилноза', 'Малика', 'Нодира', 'Saodat', 'Zulfiya', 'Munisa']
MAL = ['Бахтиёр', 'Шерзод', 'Rustam', 'Jamshid', 'Ulugʻbek']
SUR = ['Каримова', 'Юсупова', 'Rahimova', 'Toshmatova', 'Абдуллаева', 'Qodirova']


def main(out):
    rng, pts = gen(6303, 21, FU, p_second=0.2, p_frac=0.15, vol_mode='session')
    pts[11]['died'] = 'yes'
    idents = []
    for i, p in enumerate(pts):
        p['id'] = 'RIO-%02d' % (i + 1)
        sur = SUR[int(rng.integers(0, len(SUR)))]
        if p['sex'] == 'female':
            nm = FEM[int(rng.integers(0, len(FEM)))] + ' ' + sur
        else:
            nm = MAL[int(rng.integers(0, len(MAL)))] + ' ' + (sur[:-1] if sur.endswith('a') or sur.endswith('а') else sur)
        p['name'] = nm
        p['phone'] = '+998 9%d %03d-%02d-%02d' % (int(rng.integers(0, 10)), int(rng.integers(100, 999)),
                                                 int(rng.integers(10, 99)), int(rng.integers(10, 99)))
        idents += [['name', nm], ['phone', p['phone']]]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Bemorlar'
    ws['A1'] = "Respublika ixtisoslashtirilgan travmatologiya va ortopediya ilmiy-amaliy tibbiyot markazi (Toshkent)"
    ws['A2'] = "Vertebroplastika / kifoplastika — bemorlar ro'yxati (har bir ustun = bitta bemor)"
    ws['A1'].font = Font(bold=True, size=12)
    ws['A3'] = "VAS — og'riq shkalasi 0-100 mm. «—» = ko'rik o'tkazilmagan"
    ws['A3'].font = Font(italic=True)
    fields = [('Bemor ID', 'id'), ('Ф.И.Ш. (F.I.Sh.)', 'name'), ('Telefon', 'phone'), ('Жинси / Jinsi', 'sex'),
              ('Yoshi (yosh)', 'age'), ('Sababi (etiologiya)', 'et'), (None, None),
              ('Operatsiya sanasi', 'date'), ('Usul (VP / KP)', 'tech'), ('Umurtqa darajasi', 'levels'),
              ('Sement hajmi (jami)', 'vol'), ('Sement turi', 'cem'), ('Sement oqishi', 'leak'), (None, None),
              ("VAS operatsiyadan oldin", 'pre'), ('VAS 1 haftadan keyin', '1w'), ('VAS 1 oydan keyin', '1m'),
              ('VAS 6 oydan keyin', '6m'), (None, None),
              ('Yangi sinish (daraja)', 'nfl'), ('Yangi sinish sanasi', 'nfd'), (None, None),
              ('Takroriy operatsiya sanasi', 's2date'), ('Takroriy: usul', 's2tech'), ('Takroriy: daraja', 's2lev'),
              ('Takroriy: sement hajmi', 's2vol'), ('Takroriy: sement turi', 's2cem'), ('Takroriy: oqish', 's2leak'),
              ('Takroriy: VAS oldin', 's2pre'), ('Takroriy: VAS 1 oydan keyin', 's2post'), (None, None),
              ('Вафот этган / Vafot etgan', 'died'), ('Izoh', 'note')]
    r0 = 5
    frow = {}
    for i, (lab, key) in enumerate(fields):
        r = r0 + i
        if lab is None:
            continue
        c = ws.cell(r, 1, lab)
        c.font = Font(bold=True)
        frow[key] = r
    ws.column_dimensions['A'].width = 30
    fmt = lambda d: d.strftime('%d.%m.%Y') + ' y.'
    tec = lambda t: 'VP' if t == 'vertebroplasty' else 'KP'
    cem = lambda c: 'PMMA (Osteopal V)' if c == 'PMMA' else 'kalsiy fosfat'

    def leaks(s):
        if all(x == 'none' for x in s['leak']):
            return "yo'q"
        if len(s['levels']) == 1:
            return LK[s['leak'][0]]
        return ', '.join('%s: %s' % (lv, LK[x]) for lv, x in zip(s['levels'], s['leak']))
    for k, p in enumerate(pts):
        col = k + 2
        p['col'] = col
        ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width = 17
        s = p['sessions'][0]
        v = {'id': p['id'], 'name': p['name'], 'phone': p['phone'],
             'sex': ('ayol' if p['sex'] == 'female' else 'erkak') if k % 3 else ('аёл' if p['sex'] == 'female' else 'эркак'),
             'age': p['age'], 'et': ET[p['etiology']], 'date': fmt(s['date']), 'tech': tec(s['technique']),
             'levels': ', '.join(s['levels']), 'vol': fmtnum(s['total']) + ' ml', 'cem': cem(s['cement']),
             'leak': leaks(s), 'pre': s['pain']['pre'] * 10}
        for t in FU:
            v[t] = s['pain'][t] * 10 if t in s['pain'] else '—'
        if p['fractures']:
            d, fl = p['fractures'][0]
            v['nfl'] = fl; v['nfd'] = fmt(p['d0'] + dt.timedelta(days=d))
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            v.update({'s2date': fmt(s2['date']), 's2tech': tec(s2['technique']), 's2lev': s2['levels'][0],
                      's2vol': fmtnum(s2['total']) + ' ml', 's2cem': cem(s2['cement']), 's2leak': leaks(s2),
                      's2pre': s2['pain']['pre'] * 10, 's2post': s2['pain']['1m'] * 10})
        v['died'] = 'ha' if p['died'] == 'yes' else "yo'q"
        if p['died'] == 'yes':
            v['note'] = 'вафот этди (kuzatuv davomida)'
        for key, x in v.items():
            ws.cell(frow[key], col, x).alignment = Alignment(horizontal='center', wrap_text=True)
    ws.freeze_panes = 'B6'
    errs = []
    def plant(p, key, val, why):
        c = ws.cell(frow[key], p['col'], val)
        errs.append([ws.title, c.coordinate, frow[key], ws.cell(frow[key], 1).value, val, why, p['id']])
    plant(pts[4], 'levels', 'L6' if len(pts[4]['sessions'][0]['levels']) == 1 else 'L5, L6', 'impossible vertebral level L6')
    plant(pts[9], 'date', '30.02.2022 y.', 'impossible date 30 February')
    plant(pts[13], 'pre', 130, 'VAS 130 on a 0-100 mm scale')
    plant(pts[16], 'id', pts[15]['id'], 'study ID of the previous (different) patient entered twice')
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errs, idents, vol_mode='session')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
