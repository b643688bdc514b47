"""Maputo hospital-system CSV export (Portuguese): one row per treated vertebra."""
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

ET = {'osteoporotic': 'OSTEOPOROSE', 'pathologic': 'METASTASE OSSEA', 'traumatic': 'TRAUMATISMO', 'other': 'OUTRA'}
LEAK = {'none': 'NAO', 'disc': 'SIM - DISCAL', 'venous': 'SIM - VENOSO', 'paravertebral': 'SIM - PARAVERTEBRAL'}
TECH = {'vertebroplasty': 'VERTEBROPLASTIA', 'kyphoplasty': 'CIFOPLASTIA'}
FN = ['Ana', 'Maria', 'Celeste', 'Graça', 'Rosa', 'Lurdes', 'Esperança', 'Albertina', 'Felizarda', 'Amélia']
MN = ['João', 'Armando', 'Fernando', 'Salomão', 'Ernesto', 'Joaquim', 'Alberto', 'Samuel', 'Tomás']
LN = ['Macuácua', 'Cossa', 'Sitoe', 'Mondlane', 'Chissano', 'Nhantumbo', 'Matsinhe', 'Langa', 'Tembe', 'Muianga', 'Zandamela']


def n(x):
    return fmtnum(x).replace('.', ',')


def main(out):
    os.makedirs(out, exist_ok=True)
    pts, rng = gen(1303, 24, ['pre', '24h', '1m', '6m'], dt.date(2021, 6, 1), tps2=['pre', '24h', '1m'],
                   odi_tps=('pre', '6m'), vol_step=0.1)
    H = ['NID_ESTUDO', 'NUM_PROCESSO', 'NOME_DOENTE', 'DATA_NASC', 'SEXO', 'IDADE', 'DIAGNOSTICO', 'DATA_PROC',
         'NIVEL', 'TECNICA', 'VOL_CIMENTO_ML', 'TIPO_CIMENTO', 'EXTRAVASAMENTO', 'EVA_PRE', 'EVA_24H', 'EVA_1M',
         'EVA_6M', 'ODI_PRE', 'ODI_6M', 'NOVA_FRAT_NIVEL', 'NOVA_FRAT_DATA', 'OBITO', 'DT_EXPORT']
    ids = []
    rows = []
    owner = []
    for i, p in enumerate(pts):
        p['id'] = 'VP%04d' % (i + 101)
        fem = p['sex'] == 'female'
        name = '%s %s %s' % (rng.choice(FN if fem else MN), rng.choice(LN), rng.choice(LN))
        proc = '%07d' % rng.integers(1000000, 9999999)
        s1 = p['sessions'][0]
        bd = dt.date(s1['date'].year - p['age'], s1['date'].month, min(s1['date'].day, 28)) - dt.timedelta(days=int(rng.integers(1, 360)))
        bds = bd.strftime('%d-%m-%Y')
        ids += [['name', name.upper()], ['record_number', proc], ['birth_date', bds]]
        fl = p['fractures'][0][1] if p['fractures'] else ''
        fd = (s1['date'] + dt.timedelta(days=p['fractures'][0][0])).strftime('%d-%m-%Y') if p['fractures'] else ''
        for s in p['sessions']:
            for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
                sn = s['session']
                ev = [p['assess'].get((sn, 'pain_vas', t), '') for t in ['pre', '24h', '1m', '6m']]
                od = [p['assess'].get((sn, 'odi', t), '') for t in ['pre', '6m']]
                rows.append([p['id'], proc, name.upper(), bds, 'F' if fem else 'M', p['age'], ET[p['etiology']],
                             s['date'].strftime('%d-%m-%Y'), lv, TECH[s['tech']], n(v), 'PMMA', LEAK[lk]]
                            + [fmtnum(x) for x in ev] + [fmtnum(x) for x in od]
                            + [fl, fd, 'S' if p['died'] == 'yes' else 'N', '02-05-2024 08:14'])
                owner.append(p)
    errors = []

    def plant(ri, col, val, why):
        rows[ri][H.index(col)] = val
        errors.append(['input', '%s%d' % (col_letter(H.index(col) + 1), ri + 2), ri + 2, col, val, why, owner[ri]['id']])
    plant(5, 'NIVEL', 'T13', 'level T13 does not exist')
    plant(20, 'VOL_CIMENTO_ML', '45', 'cement 45 mL in one vertebra')
    ri = next(i for i in range(30, len(rows)) if rows[i][H.index('EVA_1M')] != '')
    plant(ri, 'EVA_1M', '15', 'EVA 15 on a 0-10 scale')
    ri = next(i for i in range(12, len(rows)) if owner[i]['sessions'][0]['date'].month == 4 or
              owner[i]['sessions'][0]['date'].month == 6)
    dd = owner[ri]['sessions'][0]['date']
    # wrong date: 31 of a 30-day month, on every row of that patient's first session? only on this row
    plant(ri, 'DATA_PROC', '31-%02d-%d' % (dd.month, dd.year), 'impossible date (31st of a 30-day month)')
    with open(os.path.join(out, 'input.csv'), 'w', newline='', encoding='utf-8-sig') as f:
        c = csv.writer(f, delimiter=';', lineterminator='\r\n')
        c.writerow(H)
        c.writerows(rows)
    write_truth(out, pts, errors, ids, per_level=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
