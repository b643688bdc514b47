"""Tallinn: Estonian wide register, one row per patient, second session to the right."""
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

# ---------------------------------------------------------------- Tallinn site
import os
import sys
import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side


def elevel(l):
    return 'Th' + l[1:] if l.startswith('T') else l


def comma(x):
    return fmt_num(x).replace('.', ',')


def main(outdir):
    rng = np.random.default_rng(7202)
    pats = gen_cohort(rng, 24, dt.date(2020, 9, 1), dt.date(2023, 2, 1),
                      fu=('pre', '24h', '1m', '3m', '6m'), n_second=4, n_frac=5, n_died=3,
                      etio_p=(0.6, 0.25, 0.1, 0.05), kp_p=0.35, cpc_p=0.1)
    pid = lambda p: 'VP-%02d' % (p['idx'] + 1)
    errs = []
    order = [int(x) for x in rng.permutation(len(pats))]
    single = [k for k in order if len(pats[k]['sessions']) == 1]
    e_date, e_vas, e_level = single[:3]
    e_frac = [k for k in order if pats[k]['fractures'] and k not in (e_date, e_vas, e_level)][0]

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Register'
    ws['A1'] = 'Perkutaanne vertebroplastika / küfoplastika – osakonna register 2020–2023'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'Põhja-Tallinna Regionaalhaigla, radioloogia- ja valuravikeskus. Täitis: res. arst'
    ws['A2'].font = Font(italic=True)
    groups = [
        ('Patsient', ['Uuringu nr', 'Sugu', 'Vanus', 'Etioloogia']),
        ('I protseduur', ['Kuupäev', 'Lülid', 'Meetod', 'Tsement', 'Tsemendi hulk (ml)', 'Leke',
                          'VAS enne', 'VAS 1 p', 'VAS 1 k', 'VAS 3 k', 'VAS 6 k']),
        ('II protseduur (korduv)', ['Kuupäev', 'Lülid', 'Meetod', 'Tsement', 'Tsemendi hulk (ml)', 'Leke',
                                    'VAS enne', 'VAS 1 p', 'VAS 1 k', 'VAS 3 k']),
        ('Uued murrud jälgimisel', ['Uus murd 1 – lüli', 'Uus murd 1 – kuupäev',
                                    'Uus murd 2 – lüli', 'Uus murd 2 – kuupäev']),
        ('Tulemus', ['Surnud', 'Surmakuupäev', 'Märkused']),
    ]
    fills = ['FFF2CC', 'DDEBF7', 'E2EFDA', 'FCE4D6', 'EDEDED']
    thin = Side(style='thin', color='999999')
    c = 1
    colidx = {}
    for gi, (g, subs) in enumerate(groups):
        ws.cell(row=3, column=c, value=g).font = Font(bold=True)
        ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + len(subs) - 1)
        ws.cell(row=3, column=c).alignment = Alignment(horizontal='center')
        for s in subs:
            cell = ws.cell(row=4, column=c, value=s)
            cell.font = Font(bold=True)
            cell.fill = PatternFill('solid', fgColor=fills[gi])
            cell.alignment = Alignment(wrap_text=True)
            cell.border = Border(bottom=thin)
            colidx[(gi, s)] = c
            ws.column_dimensions[col_letter(c)].width = 11
            c += 1
    ws.column_dimensions[col_letter(colidx[(4, 'Märkused')])].width = 30

    et_w = {'osteoporotic': ['osteoporoos', 'osteoporootiline murd', 'OP'],
            'pathologic': ['metastaas (rinnavähk)', 'metastaas (kopsuvähk)', 'müeloom', 'metastaas (eesnäärmevähk)'],
            'traumatic': ['trauma', 'trauma (kukkumine)'], 'other': ['agressiivne hemangioom']}
    leak_w = {'disc': 'ketas', 'epidural': 'epiduraalne', 'foraminal': 'foramen', 'venous': 'venoosne',
              'paravertebral': 'paravertebraalne'}
    cem_w = {'PMMA': ['Osteopal V', 'Vertecem V+', 'PMMA'], 'calcium phosphate': ['KyphOs FS (kaltsiumfosfaat)']}

    def put(r, gi, name, v):
        ws.cell(row=r, column=colidx[(gi, name)], value=v)
        return '%s%d' % (col_letter(colidx[(gi, name)]), r)

    def put_date(r, gi, name, d):
        if rng.random() < 0.5:
            put(r, gi, name, d)
            ws.cell(row=r, column=colidx[(gi, name)]).number_format = 'dd.mm.yyyy'
        else:
            put(r, gi, name, d.strftime('%d.%m.%Y'))

    def session_block(r, gi, s, tps, k, si):
        put_date(r, gi, 'Kuupäev', s['date'])
        put(r, gi, 'Lülid', ', '.join(elevel(v['level']) for v in s['vert']))
        put(r, gi, 'Meetod', 'VP' if s['tech'] == 'vertebroplasty' else ('KP' if rng.random() < 0.5 else 'BKP'))
        cw = cem_w[s['cement']]
        put(r, gi, 'Tsement', cw[int(rng.integers(0, len(cw)))])
        if len(s['vert']) == 1:
            v = s['vert'][0]['vol']
            put(r, gi, 'Tsemendi hulk (ml)', v if rng.random() < 0.5 else comma(v))
        else:
            put(r, gi, 'Tsemendi hulk (ml)', ' + '.join(comma(v['vol']) for v in s['vert']))
        leaks = [v for v in s['vert'] if v['leak'] != 'none']
        if not leaks:
            put(r, gi, 'Leke', 'ei')
        elif len(s['vert']) == 1:
            put(r, gi, 'Leke', 'jah, ' + ' ja '.join(leak_w[x] for x in leaks[0]['leak'].split(';')))
        else:
            put(r, gi, 'Leke', 'jah: ' + '; '.join(elevel(v['level']) + ' ' + ' ja '.join(
                leak_w[x] for x in v['leak'].split(';')) for v in leaks))
        for tp, name in tps:
            rec = s['visits'].get(tp)
            if rec is None:
                if tp != 'pre':
                    put(r, gi, name, 'ei ilm.' if rng.random() < 0.5 else None)
                continue
            put(r, gi, name, int(rec['pain']))

    tps1 = [('pre', 'VAS enne'), ('24h', 'VAS 1 p'), ('1m', 'VAS 1 k'), ('3m', 'VAS 3 k'), ('6m', 'VAS 6 k')]
    r = 5
    for k, p in enumerate(pats):
        put(r, 0, 'Uuringu nr', pid(p))
        put(r, 0, 'Sugu', 'N' if p['sex'] == 'female' else 'M')
        put(r, 0, 'Vanus', p['age'])
        w = [x for x in et_w[p['etiology']]
             if not ('rinna' in x and p['sex'] == 'male') and not ('eesnäär' in x and p['sex'] == 'female')]
        put(r, 0, 'Etioloogia', w[int(rng.integers(0, len(w)))])
        s1 = p['sessions'][0]
        # after death, later visits are not expected: mark so
        session_block(r, 1, s1, tps1, k, 1)
        if len(p['sessions']) > 1:
            session_block(r, 2, p['sessions'][1], tps1[:4], k, 2)
        for j, f in enumerate(p['fractures'][:2], 1):
            put(r, 3, 'Uus murd %d – lüli' % j, elevel(f['level']))
            put(r, 3, 'Uus murd %d – kuupäev' % j, (p['d1'] + dt.timedelta(days=f['day'])).strftime('%d.%m.%Y'))
        put(r, 4, 'Surnud', 'jah' if p['died'] == 'yes' else 'ei')
        if p['died'] == 'yes':
            put(r, 4, 'Surmakuupäev', (p['d1'] + dt.timedelta(days=p['death_day'])).strftime('%d.%m.%Y'))
        notes = []
        if len(p['sessions']) > 1:
            notes.append('korduv protseduur teisel tasandil')
        if p['fractures']:
            notes.append('uus kompressioonmurd MRT-l')
        if notes:
            put(r, 4, 'Märkused', '; '.join(notes))
        # planted errors
        if k == e_date:
            d = s1['date']
            bad = '31.04.%d' % d.year
            a = put(r, 1, 'Kuupäev', bad)
            errs.append(dict(sheet='Register', cell=a, row=r, column_header='Kuupäev', value=bad,
                             what_is_wrong='31 April does not exist', patient_id=pid(p)))
        if k == e_vas:
            a = put(r, 1, 'VAS enne', 12)
            errs.append(dict(sheet='Register', cell=a, row=r, column_header='VAS enne', value='12',
                             what_is_wrong='VAS 12 on a 0-10 scale', patient_id=pid(p)))
        if k == e_level:
            levs = [elevel(v['level']) for v in s1['vert']]
            levs[-1] = 'L7'
            a = put(r, 1, 'Lülid', ', '.join(levs))
            errs.append(dict(sheet='Register', cell=a, row=r, column_header='Lülid', value=', '.join(levs),
                             what_is_wrong='L7 does not exist', patient_id=pid(p)))
        if k == e_frac:
            bad = (p['d1'] - dt.timedelta(days=200)).strftime('%d.%m.%Y')
            a = put(r, 3, 'Uus murd 1 – kuupäev', bad)
            errs.append(dict(sheet='Register', cell=a, row=r, column_header='Uus murd 1 – kuupäev', value=bad,
                             what_is_wrong='new fracture dated before the first procedure', patient_id=pid(p)))
        r += 1
    r += 1
    ws.cell(row=r, column=1, value='Lühendid: N = naine, M = mees; VP = vertebroplastika, KP/BKP = (ballon)küfoplastika; '
                                   'VAS 0–10; p = päev, k = kuu; ei ilm. = ei ilmunud kontrolli; tühi = andmed puuduvad')
    ws.cell(row=r, column=1).font = Font(italic=True, size=9)
    ws.freeze_panes = 'B5'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    assert len(errs) == 4
    P, R, A, F = truth_tables(pats, pid, cement_mode='per_vertebra')
    write_truth(outdir, P, R, A, F, errs, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
