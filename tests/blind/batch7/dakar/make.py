"""Dakar: French workbook, one sheet per year of procedure, pain visits across."""
# ---------------------------------------------------------------- cohort generator
import datetime as dt
import numpy as np

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
         ['L%d' % i for i in range(1, 6)] + ['S1']
LEAK_ORDER = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 182, '12m': 365, '24m': 730}


def lidx(l):
    return LEVELS.index(l)


def gen_cohort(rng, n, start, end, fu=('pre', '1w', '1m', '3m'), odi_tps=(),
               mob_tps=(), n_second=4, n_frac=4, n_died=3,
               etio_p=(0.65, 0.2, 0.1, 0.05), kp_p=0.4, cpc_p=0.12,
               nlev_p=(0.6, 0.3, 0.1), half_pain=False, miss_p=0.15):
    span = (end - start).days
    second = set(int(x) for x in rng.choice(n, n_second, replace=False))
    fracs = set(int(x) for x in rng.choice(n, n_frac, replace=False))
    died = set(int(x) for x in rng.choice(n, n_died, replace=False))
    pats = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        et = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=etio_p))
        age = int(rng.integers(60, 92)) if et == 'osteoporotic' else int(rng.integers(38, 86))
        d1 = start + dt.timedelta(days=int(rng.integers(0, span)))
        used = set()

        def make_session(day):
            nlev = int(rng.choice([1, 2, 3], p=nlev_p))
            lo, hi = (lidx('T5'), lidx('L5')) if et == 'pathologic' else (lidx('T8'), lidx('L4'))
            for _ in range(200):
                s = int(rng.integers(lo, hi - nlev + 2))
                levs = [LEVELS[s + k] for k in range(nlev)]
                if not (used & set(levs)) and not any(
                        LEVELS[max(0, lidx(l) - 1)] in used or LEVELS[lidx(l) + 1] in used for l in levs):
                    break
            used.update(levs)
            tech = 'kyphoplasty' if rng.random() < kp_p else 'vertebroplasty'
            cem = 'calcium phosphate' if rng.random() < cpc_p else 'PMMA'
            vert = []
            for l in levs:
                vol = float(rng.choice(np.arange(1.5, 7.01, 0.5)))
                if rng.random() < 0.72:
                    leak = 'none'
                else:
                    k = 1 if rng.random() < 0.8 else 2
                    ls = list(rng.choice(LEAK_ORDER, k, replace=False))
                    leak = ';'.join(sorted(ls, key=LEAK_ORDER.index))
                vert.append(dict(level=l, vol=vol, leak=leak))
            return dict(day=day, date=d1 + dt.timedelta(days=day), tech=tech, cement=cem,
                        vert=vert, visits={})

        def make_visits(sess, tps):
            pre = int(rng.integers(6, 11))
            cur = pre
            for tp in tps:
                if tp == 'pre':
                    v = pre
                else:
                    drop = int(rng.integers(1, 4)) if tp in ('24h', '1w', '2w') else int(rng.integers(0, 3))
                    cur = max(0, cur - drop)
                    v = cur
                    if rng.random() < miss_p:
                        continue
                val = float(v)
                if half_pain and rng.random() < 0.15 and 0 < val < 10:
                    val += 0.5
                jitter = 0 if tp in ('pre', '24h') else int(rng.integers(-2, 3)) * (1 if tp in ('1w', '2w') else 3)
                d = TP_DAYS[tp] + jitter
                if tp == 'pre':
                    d = -int(rng.integers(0, 3))
                rec = dict(day=sess['day'] + d, pain=val)
                if tp in odi_tps:
                    rec['odi'] = int(min(100, max(0, (v * 7 + int(rng.integers(-6, 7))) // 2 * 2)))
                if tp in mob_tps:
                    rec['mob'] = int(min(4, max(1, round(v / 3.0) + int(rng.integers(0, 2)))))
                sess['visits'][tp] = rec

        s1 = make_session(0)
        make_visits(s1, fu)
        sessions = [s1]
        if i in second:
            day2 = int(rng.integers(35, 140))
            s2 = make_session(day2)
            make_visits(s2, [t for t in fu if TP_DAYS[t] <= 90])
            sessions.append(s2)
        frs = []
        if i in fracs:
            cand = [tp for tp in s1['visits'] if tp not in ('pre', '24h')]
            if cand:
                tp = cand[int(rng.integers(0, len(cand)))]
                lo, hi = lidx('T6'), lidx('L5')
                for _ in range(200):
                    l = LEVELS[int(rng.integers(lo, hi + 1))]
                    if l not in used:
                        break
                used.add(l)
                frs.append(dict(day=s1['visits'][tp]['day'], level=l, tp=tp))
        dflag = 'no'
        death_day = None
        if i in died:
            dflag = 'yes'
            last = max(v['day'] for s in sessions for v in s['visits'].values())
            # truncate: drop the last visit of session 1 sometimes to make room
            death_day = last + int(rng.integers(10, 60))
        pats.append(dict(idx=i, sex=sex, age=age, etiology=et, died=dflag, death_day=death_day,
                         d1=d1, sessions=sessions, fractures=frs))
    return pats


def truth_tables(pats, pid, cement_mode='per_vertebra', with_sex=True, with_age=True,
                 with_etio=True, with_died=True, with_tech=True, with_cement_type=True,
                 with_leak=True, measures=('pain_vas', 'odi', 'mob')):
    """cement_mode: per_vertebra | session_total (total if several levels) | none"""
    P, R, A, F = [], [], [], []
    for p in pats:
        P.append(dict(patient_id=pid(p), sex=p['sex'] if with_sex else '',
                      age_years=p['age'] if with_age else '',
                      etiology=p['etiology'] if with_etio else '',
                      died=p['died'] if with_died else ''))
        for si, s in enumerate(p['sessions'], 1):
            tot = round(sum(v['vol'] for v in s['vert']), 2)
            for v in s['vert']:
                cv, sv = '', ''
                if cement_mode == 'per_vertebra' or (cement_mode == 'session_total' and len(s['vert']) == 1):
                    cv = v['vol']
                elif cement_mode == 'session_total':
                    sv = tot
                R.append(dict(patient_id=pid(p), session=si, day=s['day'], level=v['level'],
                              technique=s['tech'] if with_tech else '',
                              cement_volume_ml=cv, session_cement_volume_ml=sv,
                              cement_type=s['cement'] if with_cement_type else '',
                              leakage=v['leak'] if with_leak else ''))
            for tp, rec in s['visits'].items():
                if 'pain_vas' in measures:
                    A.append(dict(patient_id=pid(p), session=si, measure='pain_vas', timepoint=tp, value=rec['pain']))
                if 'odi' in rec and 'odi' in measures:
                    A.append(dict(patient_id=pid(p), session=si, measure='odi', timepoint=tp, value=rec['odi']))
                if 'mob' in rec and 'mob' in measures:
                    A.append(dict(patient_id=pid(p), session=si, measure='mobility', timepoint=tp, value=rec['mob']))
        for f in p['fractures']:
            F.append(dict(patient_id=pid(p), day=f['day'], level=f['level']))
    return P, R, A, F


def fmt_num(x):
    if x == '' or x is None:
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, P, R, A, F, E, I):
    import csv, os
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    spec = [('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P),
            ('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                'session_cement_volume_ml', 'cement_type', 'leakage'], R),
            ('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A),
            ('fractures.csv', ['patient_id', 'day', 'level'], F),
            ('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], E),
            ('identifiers.csv', ['kind', 'value'], I)]
    for name, cols, rows in spec:
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for r in rows:
                w.writerow([fmt_num(r.get(c, '')) for c in cols])


def col_letter(i):  # 1-based
    s = ''
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end generator

# ---------------------------------------------------------------- Dakar site
import os
import sys
import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side

MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
        'novembre', 'décembre']


def flevel(l):
    return 'D' + l[1:] if l.startswith('T') else l


def fr_num(x):
    return fmt_num(x).replace('.', ',')


def dmy(d):
    return d.strftime('%d/%m/%Y')


def main(outdir):
    rng = np.random.default_rng(7505)
    pats = gen_cohort(rng, 24, dt.date(2021, 1, 15), dt.date(2023, 7, 1),
                      fu=('pre', '24h', '1m', '3m', '6m'), n_second=4, n_frac=4, n_died=3,
                      etio_p=(0.5, 0.32, 0.13, 0.05), kp_p=0.2, cpc_p=0.08)
    pid = lambda p: 'DKR-%03d' % (p['idx'] + 1)
    prenoms_f = ['Awa', 'Fatou', 'Aminata', 'Mariama', 'Khady', 'Ndeye', 'Coumba', 'Aïssatou', 'Astou', 'Rokhaya',
                 'Bineta', 'Sokhna']
    prenoms_m = ['Mamadou', 'Ibrahima', 'Cheikh', 'Moussa', 'Abdoulaye', 'Ousmane', 'Babacar', 'Modou', 'Alioune']
    noms = ['DIOP', 'NDIAYE', 'FALL', 'SARR', 'FAYE', 'GUEYE', 'SECK', 'SOW', 'BA', 'DIALLO', 'CISSE', 'MBAYE',
            'THIAM', 'KANE', 'NDOYE', 'DIOUF', 'SY', 'WADE', 'TALL', 'NIANG', 'DIENG', 'SAMB', 'LO', 'MBODJ', 'TOURE']
    no = [int(x) for x in rng.permutation(len(noms))]
    ids = []
    et_w_ = {'osteoporotic': ['ostéoporose', 'ostéoporotique', 'tassement ostéoporotique'],
             'pathologic': ['métastase (sein)', 'métastase (prostate)', 'myélome multiple', 'métastase (ADK pulmonaire)'],
             'traumatic': ['traumatique (AVP)', 'traumatique (chute)'], 'other': ['hémangiome agressif']}
    for k, p in enumerate(pats):
        pr = prenoms_f if p['sex'] == 'female' else prenoms_m
        p['name'] = noms[no[k]] + ' ' + pr[int(rng.integers(0, len(pr)))]
        p['ipp'] = '%d/%05d' % (p['d1'].year % 100, int(rng.integers(100, 99999)))
        ids += [('name', p['name']), ('record_number', p['ipp'])]
        w = [x for x in et_w_[p['etiology']]
             if not ('sein' in x and p['sex'] == 'male') and not ('prostate' in x and p['sex'] == 'female')]
        p['et_word'] = w[int(rng.integers(0, len(w)))]
        for s in p['sessions']:
            s['total_only'] = len(s['vert']) > 1 and rng.random() < 0.5
    et_w = {'osteoporotic': ['ostéoporose', 'ostéoporotique', 'tassement ostéoporotique'],
            'pathologic': ['métastase (sein)', 'métastase (prostate)', 'myélome multiple', 'métastase (ADK pulmonaire)'],
            'traumatic': ['traumatique (AVP)', 'traumatique (chute)'], 'other': ['hémangiome agressif']}
    leak_w = {'disc': 'discale', 'epidural': 'épidurale', 'foraminal': 'foraminale',
              'venous': 'veineuse', 'paravertebral': 'paravertébrale'}
    order = [int(x) for x in rng.permutation(len(pats))]
    cand_date = [k for k in order if pats[k]['d1'].year in (2021, 2022, 2023)]
    e_date = [k for k in order if pats[k]['d1'].year == 2022][0]
    e_eva = [k for k in order if k != e_date and '1m' in pats[k]['sessions'][0]['visits']][0]
    e_lev = [k for k in order if k not in (e_date, e_eva) and pats[k]['sessions'][0]['vert'][0]['level'].startswith('T')][0]
    e_dec = [k for k in order if pats[k]['died'] == 'yes' and k not in (e_date, e_eva, e_lev)][0]
    errs = []

    rows_by_year = {2021: [], 2022: [], 2023: []}
    for k, p in enumerate(pats):
        for si, s in enumerate(p['sessions'], 1):
            rows_by_year[s['date'].year].append((s['date'], k, si))

    cols = ['N°', 'N° étude', 'IPP', 'Nom et prénom', 'Sexe', 'Âge (ans)', 'Étiologie', 'Séance',
            'Date intervention', 'Niveau(x)', 'Technique', 'Ciment', 'Volume ciment', 'Fuite de ciment',
            'Préop', 'J1', 'M1', 'M3', 'M6', 'Nouvelle fracture', 'Décès', 'Observations']
    ci = {c: i + 1 for i, c in enumerate(cols)}
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    thin = Side(style='thin', color='888888')
    for year in (2021, 2022, 2023):
        ws = wb.create_sheet(str(year))
        ws['A1'] = 'CENTRE HOSPITALIER NATIONAL UNIVERSITAIRE DE FANN – SERVICE DE NEUROCHIRURGIE'
        ws['A1'].font = Font(bold=True)
        ws['A2'] = 'Registre des vertébroplasties / cyphoplasties – année %d' % year
        ws['A2'].font = Font(bold=True, size=12)
        for c in cols:
            if c in ('Préop', 'J1', 'M1', 'M3', 'M6'):
                ws.cell(row=5, column=ci[c], value=c).font = Font(bold=True)
            else:
                ws.cell(row=4, column=ci[c], value=c).font = Font(bold=True)
                ws.merge_cells(start_row=4, start_column=ci[c], end_row=5, end_column=ci[c])
        ws.cell(row=4, column=ci['Préop'], value='EVA douleur (0-10)').font = Font(bold=True)
        ws.merge_cells(start_row=4, start_column=ci['Préop'], end_row=4, end_column=ci['M6'])
        for rr in (4, 5):
            for c in range(1, len(cols) + 1):
                ws.cell(row=rr, column=c).fill = PatternFill('solid', fgColor='FFE699')
                ws.cell(row=rr, column=c).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
                ws.cell(row=rr, column=c).border = Border(top=thin, bottom=thin, left=thin, right=thin)
        for c, wdt in zip(cols, [4, 9, 10, 22, 5, 6, 20, 8, 13, 14, 11, 14, 20, 22, 6, 6, 6, 6, 6, 24, 16, 30]):
            ws.column_dimensions[col_letter(ci[c])].width = wdt
        r = 6
        for n, (d, k, si) in enumerate(sorted(rows_by_year[year]), 1):
            p = pats[k]
            s = p['sessions'][si - 1]
            w = et_w[p['etiology']]
            put = lambda c, v: ws.cell(row=r, column=ci[c], value=v)
            put('N°', n)
            put('N° étude', pid(p))
            put('IPP', p['ipp'])
            put('Nom et prénom', p['name'])
            put('Sexe', 'F' if p['sex'] == 'female' else 'M')
            put('Âge (ans)', p['age'] if si == 1 else '%d ans' % p['age'])
            put('Étiologie', p['et_word'])
            put('Séance', '1re' if si == 1 else '2e (reprise)')
            x = rng.random()
            if x < 0.6:
                put('Date intervention', s['date'])
                ws.cell(row=r, column=ci['Date intervention']).number_format = 'dd/mm/yyyy'
            elif x < 0.85:
                put('Date intervention', dmy(s['date']))
            else:
                put('Date intervention', '%d %s %d' % (s['date'].day, MOIS[s['date'].month - 1], s['date'].year))
            put('Niveau(x)', ' + '.join(flevel(v['level']) for v in s['vert']))
            put('Technique', 'VP' if s['tech'] == 'vertebroplasty' else ('CP' if rng.random() < 0.5 else 'cyphoplastie (ballonnet)'))
            put('Ciment', 'PMMA' if s['cement'] == 'PMMA' and rng.random() < 0.6 else
                ('Osteopal V (PMMA)' if s['cement'] == 'PMMA' else 'phosphate de calcium'))
            if len(s['vert']) == 1:
                put('Volume ciment', fr_num(s['vert'][0]['vol']) + ' ml')
            elif s['total_only']:
                put('Volume ciment', 'total ' + fr_num(round(sum(v['vol'] for v in s['vert']), 2)) + ' ml')
            else:
                put('Volume ciment', ' ; '.join('%s : %s ml' % (flevel(v['level']), fr_num(v['vol'])) for v in s['vert']))
            leaks = [v for v in s['vert'] if v['leak'] != 'none']
            if not leaks:
                put('Fuite de ciment', 'non')
            elif len(s['vert']) == 1:
                put('Fuite de ciment', 'oui – ' + ' + '.join(leak_w[x] for x in leaks[0]['leak'].split(';')))
            else:
                put('Fuite de ciment', 'oui – ' + ' ; '.join(' + '.join(leak_w[x] for x in v['leak'].split(';'))
                                                             + ' en ' + flevel(v['level']) for v in leaks))
            lost = False
            for tp, c in (('pre', 'Préop'), ('24h', 'J1'), ('1m', 'M1'), ('3m', 'M3'), ('6m', 'M6')):
                rec = s['visits'].get(tp)
                if si == 2 and tp == '6m':
                    continue
                if rec is None:
                    if tp == 'pre':
                        continue
                    later = [t for t in ('24h', '1m', '3m', '6m')[('24h', '1m', '3m', '6m').index(tp) + 1:]
                             if t in s['visits']]
                    if not later and rng.random() < 0.6:
                        put(c, 'PDV')
                    else:
                        put(c, 'NF' if rng.random() < 0.6 else None)
                    continue
                v = rec['pain']
                put(c, int(v))
            if si == 1:
                if p['fractures']:
                    f = p['fractures'][0]
                    put('Nouvelle fracture', 'oui : %s le %s' % (flevel(f['level']),
                                                                   dmy(p['d1'] + dt.timedelta(days=f['day']))))
                else:
                    put('Nouvelle fracture', 'non')
                if p['died'] == 'yes':
                    put('Décès', 'oui (%s)' % dmy(p['d1'] + dt.timedelta(days=p['death_day'])))
                else:
                    put('Décès', 'non')
            obs = []
            if si == 2:
                obs.append('1re séance le %s (voir feuille %d)' % (dmy(p['d1']), p['d1'].year))
            elif len(p['sessions']) > 1:
                s2 = p['sessions'][1]
                obs.append('reprise le %s (voir feuille %d)' % (dmy(s2['date']), s2['date'].year))
            if obs:
                put('Observations', '; '.join(obs))
            if si == 1:
                if k == e_date:
                    bad = '29/02/2022'
                    put('Date intervention', bad)
                    errs.append(dict(sheet=str(year), cell='%s%d' % (col_letter(ci['Date intervention']), r), row=r,
                                     column_header='Date intervention', value=bad,
                                     what_is_wrong='29 February 2022 does not exist (2022 is not a leap year)', patient_id=pid(p)))
                if k == e_eva:
                    put('M1', 17)
                    errs.append(dict(sheet=str(year), cell='%s%d' % (col_letter(ci['M1']), r), row=r,
                                     column_header='M1', value='17', what_is_wrong='EVA 17 on a 0-10 scale', patient_id=pid(p)))
                if k == e_lev:
                    levs = [flevel(v['level']) for v in s['vert']]
                    levs[0] = 'D13'
                    put('Niveau(x)', ' + '.join(levs))
                    errs.append(dict(sheet=str(year), cell='%s%d' % (col_letter(ci['Niveau(x)']), r), row=r,
                                     column_header='Niveau(x)', value=' + '.join(levs),
                                     what_is_wrong='D13 (13th dorsal vertebra) does not exist', patient_id=pid(p)))
                if k == e_dec:
                    bad = 'oui (%s)' % dmy(p['d1'] - dt.timedelta(days=41))
                    put('Décès', bad)
                    errs.append(dict(sheet=str(year), cell='%s%d' % (col_letter(ci['Décès']), r), row=r,
                                     column_header='Décès', value=bad,
                                     what_is_wrong='date of death before the procedure date (and follow-up visits after it)',
                                     patient_id=pid(p)))
            r += 1
        r += 1
        ws.cell(row=r, column=2, value='EVA : 0 = pas de douleur, 10 = douleur maximale. NF = non fait ; PDV = perdu de vue. '
                                       'J1 = lendemain, M1/M3/M6 = 1, 3, 6 mois après la séance.').font = Font(italic=True, size=9)
        ws.freeze_panes = 'E6'
    assert len(errs) == 4, errs
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    P, R, A, F = truth_tables(pats, pid, cement_mode='per_vertebra')
    # sessions where only a total was written
    for row in R:
        p = pats[int(row['patient_id'].split('-')[1]) - 1]
        s = p['sessions'][row['session'] - 1]
        if s['total_only']:
            row['cement_volume_ml'] = ''
            row['session_cement_volume_ml'] = round(sum(v['vol'] for v in s['vert']), 2)
    write_truth(outdir, P, R, A, F, errs, [dict(kind=a, value=b) for a, b in ids])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
