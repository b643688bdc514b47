"""Aarhus blind workbook generator. Usage: python make.py OUTDIR"""
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
# ---------------------------------------------------------------- Aarhus site
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

ETIO_D = {'osteoporotic': ['osteoporose', 'osteoporose', 'osteoporotisk fraktur'],
          'pathologic': ['knoglemetastase (mammacancer)', 'myelomatose', 'metastase, prostatacancer'],
          'traumatic': ['traume (fald fra stige)', 'traume'], 'other': ['andet']}
TECH_D = {'vertebroplastik': None}
TECH = {'vertebroplasty': ['VP', 'vertebroplastik'], 'kyphoplasty': ['KP', 'kyfoplastik (ballon)']}
CEM_D = {'PMMA': ['Osteopal V', 'Vertecem V+', 'PMMA'], 'Cortoss': ['Cortoss']}
LEAK_D = {'none': 'nej', 'disc': 'ja – diskus', 'venous': 'ja – venøs', 'epidural': 'ja – epidural',
          'foraminal': 'ja – foraminal', 'paravertebral': 'ja – paravertebral'}


def dk(x):
    return ('%g' % x).replace('.', ',')


def main(out):
    os.makedirs(out, exist_ok=True)
    tps = ['pre', '24h', '6w', '3m', '12m']
    pats, rng = gen_core(8000, 30, lambda i: 'AU%03d' % (101 + i), tps, odi_tps=('pre', '3m'),
                         tech_p=(('vertebroplasty', .7), ('kyphoplasty', .3)),
                         cement_p=(('PMMA', .92), ('Cortoss', .08)), pain_decimals=True,
                         start=dt.date(2018, 3, 1), span=1500, session2_tps=('pre', '6w'), p2=.35, p3=.1)
    for p in pats:
        for s in p['sessions']:
            if s['technique'] == 'kyphoplasty':
                s['cement'] = 'PMMA'
    ids = [p['id'] for p in pats]
    bad_date = ids[3]; bad_vas = ids[9]; bad_vol = ids[15]; bad_age = ids[20]
    fx_pats = [p for p in pats if p['fx']]
    bad_fx = [q['id'] for q in fx_pats if q['id'] not in (bad_date, bad_vas, bad_vol, bad_age)][2]
    errors = []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'VP-KP 2018-2022'
    ws['A1'] = 'Aarhus Rygcenter (fiktivt) – Vertebroplastik / kyfoplastik – behandlede hvirvler'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'Én linje pr. behandlet hvirvel. VAS 0-10 (decimaler tilladt). "ikke mødt" = udeblevet fra kontrol.'
    ws['A2'].font = Font(italic=True)
    hd = ['Forsøgs-ID', 'Køn', 'Alder', 'Årsag', 'Beh. nr.', 'Dato for indgreb', 'Niveau', 'Metode', 'Cement (ml)', 'Cementtype',
          'Lækage', 'VAS før', 'VAS 1. døgn', 'VAS 6 uger', 'VAS 3 mdr', 'VAS 12 mdr', 'ODI før', 'ODI 3 mdr', 'Død']
    HR = 4
    fill = PatternFill('solid', fgColor='D9E1F2')
    thin = Side(style='thin', color='A0A0A0')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for c, h in enumerate(hd, 1):
        cell = ws.cell(HR, c, h)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = box
        cell.alignment = Alignment(wrap_text=True, horizontal='center')
    col = {h: i + 1 for i, h in enumerate(hd)}
    vas_cols = {'pre': 'VAS før', '24h': 'VAS 1. døgn', '6w': 'VAS 6 uger', '3m': 'VAS 3 mdr', '12m': 'VAS 12 mdr'}
    odi_cols = {'pre': 'ODI før', '3m': 'ODI 3 mdr'}

    def ddate(d):
        if rng.random() < .7:
            return d.strftime('%d-%m-%Y')
        return dt.datetime(d.year, d.month, d.day)

    r = HR + 1
    for p in pats:
        sex = {'female': ['kvinde', 'K'], 'male': ['mand', 'M']}[p['sex']][int(rng.random() < .2)]
        etio = ETIO_D[p['etiology']][int(rng.integers(len(ETIO_D[p['etiology']])))]
        for s in p['sessions']:
            tech = TECH[s['technique']][int(rng.integers(2))]
            cem = CEM_D[s['cement']][int(rng.integers(len(CEM_D[s['cement']])))] if s['cement'] == 'Cortoss' or s['technique'] == 'vertebroplasty' else 'KyphX HV-R'
            dv = ddate(s['date'])
            pains = {}
            for t in tps:
                v = p['pain'][s['n']].get(t)
                if v is None:
                    if s['n'] == 2 and t not in ('pre', '6w'):
                        pains[t] = ''
                    elif p['died'] == 'yes' and s['day'] + TP_DAYS[t] >= p['death_day'] - 5:
                        pains[t] = 'død'
                    else:
                        pains[t] = 'ikke mødt' if rng.random() < .6 else '-'
                else:
                    pains[t] = dk(v) if (v != int(v) or rng.random() < .5) else v
            for k, l in enumerate(s['levels']):
                lv = ('Th' + l[1:]) if l[0] == 'T' and rng.random() < .8 else l
                vol = s['vols'][k]
                vv = dk(vol) if rng.random() < .6 else vol
                if rng.random() < .2:
                    vv = dk(vol) + ' ml'
                row = {'Forsøgs-ID': p['id'], 'Køn': sex, 'Alder': p['age'], 'Årsag': etio, 'Beh. nr.': s['n'],
                       'Dato for indgreb': dv, 'Niveau': lv, 'Metode': tech, 'Cement (ml)': vv, 'Cementtype': cem,
                       'Lækage': LEAK_D[s['leak'][k]], 'Død': 'ja' if p['died'] == 'yes' else 'nej'}
                for t in tps:
                    row[vas_cols[t]] = pains[t]
                for t, h in odi_cols.items():
                    o = p['odi'][s['n']].get(t)
                    if o is not None:
                        row[h] = o if rng.random() < .6 else '%d %%' % o
                if p['id'] == bad_date and s['n'] == 1 and k == 0:
                    row['Dato for indgreb'] = '31-02-%d' % s['date'].year
                    errors.append([ws.title, addr(r, col['Dato for indgreb']), r, 'Dato for indgreb', row['Dato for indgreb'], 'impossible date (31 February)', p['id']])
                if p['id'] == bad_vas and s['n'] == 1 and k == 0:
                    row['VAS 6 uger'] = 65
                    errors.append([ws.title, addr(r, col['VAS 6 uger']), r, 'VAS 6 uger', '65', 'pain 65 on a 0-10 VAS', p['id']])
                if p['id'] == bad_vol and s['n'] == 1 and k == 0:
                    row['Cement (ml)'] = '22,5'
                    errors.append([ws.title, addr(r, col['Cement (ml)']), r, 'Cement (ml)', '22,5', 'implausible cement volume for one vertebra (22.5 mL)', p['id']])
                if p['id'] == bad_age and s['n'] == 1 and k == 0:
                    row['Alder'] = 'xx'
                    errors.append([ws.title, addr(r, col['Alder']), r, 'Alder', 'xx', 'meaningless text in the age column', p['id']])
                for h, v in row.items():
                    cell = ws.cell(r, col[h], v)
                    if isinstance(v, dt.datetime):
                        cell.number_format = 'dd-mm-yyyy'
                r += 1
    # ---- second table after a blank gap
    r += 3
    ws.cell(r, 1, 'Komplikationer og nye frakturer i opfølgningsperioden').font = Font(bold=True, size=12)
    r += 1
    hd2 = ['Forsøgs-ID', 'Dato', 'Hændelse', 'Niveau', 'Bemærkning']
    for c, h in enumerate(hd2, 1):
        cell = ws.cell(r, c, h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill('solid', fgColor='FCE4D6')
    r += 1
    events = []
    for p in pats:
        d1 = p['sessions'][0]['date']
        for d, l in p['fx']:
            events.append((d1 + dt.timedelta(days=d), p['id'], 'ny fraktur', l,
                          'behandlet (beh. nr. 2)' if len(p['sessions']) > 1 and p['sessions'][1]['levels'][0] == l else 'konservativ behandling'))
        if p['died'] == 'yes':
            events.append((d1 + dt.timedelta(days=p['death_day']), p['id'], 'død', '', 'ikke relateret til indgreb'))
    others = [p for p in pats if not p['fx']][:40:9]
    for p, (what, note) in zip(others, [('urinvejsinfektion', 'behandlet med antibiotika'), ('hæmatom ved indstikssted', 'ingen behandling'),
                                        ('forbigående radikulære smerter', 'aftaget efter 1 uge'), ('pneumoni', 'indlagt 5 dage')]):
        d1 = p['sessions'][0]['date']
        events.append((d1 + dt.timedelta(days=int(rng.integers(2, 30))), p['id'], what, '', note))
    events.sort(key=lambda e: (e[1], e[0]))
    for d, pid, what, l, note in events:
        dv = d.strftime('%d-%m-%Y')
        if pid == bad_fx and what == 'ny fraktur':
            p = next(q for q in pats if q['id'] == pid)
            wrong = p['sessions'][0]['date'] - dt.timedelta(days=40)
            dv = wrong.strftime('%d-%m-%Y')
            errors.append([ws.title, addr(r, 2), r, 'Dato', dv, 'new fracture dated before the first procedure', pid])
        lv = ('Th' + l[1:]) if l and l[0] == 'T' else l
        for c, v in enumerate([pid, dv, what, lv, note], 1):
            ws.cell(r, c, v)
        r += 1
    r += 1
    ws.cell(r, 1, 'Udfyldt af: sygeplejerske/projektansvarlig. Sidst opdateret 15-01-2024.').font = Font(italic=True)
    widths = [11, 8, 7, 28, 8, 15, 8, 20, 11, 13, 18, 9, 10, 10, 10, 10, 8, 9, 6]
    for k, w in enumerate(widths, 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(k)].width = w
    ws.freeze_panes = ws.cell(HR + 1, 2)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
