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


# ---------------- Luxembourg ----------------
# hospital information system export, one row per visit; the procedure's fields only on the intervention row
TPCODE = {'pre': 'PRE', '24h': 'J+1', '6w': 'S+6', '3m': 'M+3', '12m': 'M+12'}


def main(outdir):
    pats, rng = gen(404, 24, tps=('24h', '6w', '3m', '12m'), tps2=('6w', '3m'), start=dt.date(2021, 1, 10), pre_odi=True)
    for i, p in enumerate(pats):
        p['id'] = 'LUX%05d' % (20310 + 7 * i)
    hdr = ['ID_ETUDE', 'SEXE', 'ALTER_JAHRE', 'DIAGNOSE', 'DATE_VISITE', 'TYPE_VISITE', 'NO_INTERV', 'MOMENT', 'NIVEAU',
           'TECHNIQUE', 'ZEMENT', 'VOL_ML', 'FUITE', 'VAS', 'ODI', 'STATUT_VITAL', 'BEMERKUNG']
    DX = {'osteoporotic': 'Ostéoporose', 'traumatic': 'Trauma (Sturz)'}
    LEAK = {'none': 'keng', 'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale'}
    rows = []; where = {}
    for p in pats:
        dx = DX.get(p['etiology']) or ['Métastase osseuse', 'Myelom'][int(rng.integers(2))]
        vit = 'décédé' if p['died'] == 'yes' else 'vivant'
        sx = 'F' if p['sex'] == 'female' else 'M'
        d0 = p['sessions'][0]['date']
        visits = []
        for s in p['sessions']:
            tk = 'VP' if s['tech'] == 'vertebroplasty' else 'KP (Ballon)'
            cem = 'PMMA' if s['ctype'] == 'PMMA' else 'Phosphate de calcium'
            lev = '+'.join(l['level'] for l in s['levels'])
            vol = '+'.join(('%.1f' % l['vol']).replace('.', ',') for l in s['levels'])
            lk = sorted({l['leak'] for l in s['levels']} - {'none'})
            visits.append([s['date'], 'Intervention', 'PRE', lev, tk, cem, vol, ', '.join(LEAK[x] for x in lk) if lk else 'keng',
                           s['pain']['pre'], s['odi']['pre'], '', (p['id'], s['session'], 'pre')])
            for t in (('24h', '6w', '3m', '12m') if s['session'] == 1 else ('6w', '3m')):
                if t in s['pain']:
                    vd = s['date'] + dt.timedelta(days=TPDAYS[t])
                    visits.append([vd, 'Kontroll' if rng.random() < 0.5 else 'Consultation', TPCODE[t], '', '', '', '', '',
                                   s['pain'][t], s['odi'].get(t, ''), '', (p['id'], s['session'], t)])
        for d, l in p['fractures']:
            visits.append([d0 + dt.timedelta(days=d), 'Urgence', '', '', '', '', '', '', '', '', 'nei Fraktur %s (IRM)' % l, None])
        if p['died'] == 'yes':
            visits.append([d0 + dt.timedelta(days=p['death_day']), 'Décès', '', '', '', '', '', '', '', '', 'verstuerwen', None])
        visits.sort(key=lambda v: (v[0], v[1] != 'Intervention'))
        for v in visits:
            row = [p['id'], sx, p['age'], dx, v[0].isoformat(), v[1], v[11][1] if v[11] else '', v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], vit, v[10]]
            if v[11]: where[v[11]] = len(rows)
            rows.append(row)
    # ages: age at first procedure recorded on every row
    errs = []
    def bad(key, col, val, why):
        k = where[key]; rows[k][col] = val
        rn = k + 2
        errs.append(['input', '%s%d' % (colL(col + 1), rn), rn, hdr[col], val, why, key[0]])
    single = [p for p in pats if len(p['sessions'][0]['levels']) == 1]
    bad((pats[1]['id'], 1, 'pre'), 13, 14, 'VAS 14 sur échelle 0-10')
    bad((pats[4]['id'], 1, 'pre'), 4, '2022-02-30', 'date impossible (30 février)')
    bad((single[3]['id'], 1, 'pre'), 11, '45,0', '45 mL dans une seule vertèbre')
    # follow-up dated before the intervention
    p = next(p for p in pats[8:] if (p['id'], 1, '6w') in where)
    k = where[(p['id'], 1, '6w')]
    bad((p['id'], 1, '6w'), 4, (p['sessions'][0]['date'] - dt.timedelta(days=20)).isoformat(), 'contrôle S+6 daté avant l\'intervention')
    bad((pats[20]['id'], 1, 'pre'), 14, 'n.a.x', 'texte sans sens dans ODI')
    with open(os.path.join(outdir, 'input.csv'), 'w', newline='', encoding='utf-8-sig') as f:
        c = csv.writer(f, delimiter=';', lineterminator='\r\n')
        c.writerow(hdr)
        for r in rows: c.writerow(r)
    for p in pats: p['leak_mode'] = 'session'  # leak written once per session
    write_truth(outdir, pats, errs, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
