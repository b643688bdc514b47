# ---- shared cohort generator (copied into each make.py) ----
import random, datetime as dt, csv, os, sys

OFFS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
        '6m': 182, '12m': 365, '24m': 730}
JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 10,
       '6m': 14, '12m': 21, '24m': 30}
ORDER = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]


def lvl_add(l, k):
    i = ORDER.index(l) + k
    return ORDER[i] if 0 <= i < len(ORDER) else None


def gen_cohort(seed, n, pid_fn, start, tps, measures, names, rec_fn, phone_fn,
               kypho_p=0.3, cements=(('PMMA', 'PMMA'),), tps2=('pre', '1m', '3m'),
               miss_p=0.1, vol_step=0.5):
    rng = random.Random(seed)
    idx = list(range(n))
    rng.shuffle(idx)
    s2 = set(idx[:3])                 # second session after a new fracture
    frx_only = set(idx[3:5])          # new fracture, not treated
    died = set(idx[5:8][:2 + (seed % 2)])   # 2 or 3 deaths
    multi = set(idx[8:8 + int(round(n * 0.3)) - 1]) | {idx[0]}
    pats = []
    used_names = set()
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        etio = ('osteoporotic' if r < 0.7 else 'pathologic' if r < 0.85
                else 'traumatic' if r < 0.95 else 'other')
        age = {'osteoporotic': rng.randint(61, 91), 'pathologic': rng.randint(44, 82),
               'traumatic': rng.randint(28, 72), 'other': rng.randint(50, 85)}[etio]
        d0 = start + dt.timedelta(days=rng.randint(0, 520) + i)
        # birth date such that age at d0 is exactly `age`
        by = d0.year - age - 1
        while True:
            b = dt.date(by, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
            a = d0.year - b.year - ((d0.month, d0.day) < (b.month, b.day))
            if a == age:
                break
            by += 1 if a > age else -1
        while True:
            nm = names(rng, sex)
            if nm not in used_names:
                used_names.add(nm)
                break
        P = dict(i=i, pid=pid_fn(i), sex=sex, age=age, etio=etio, died=i in died,
                 birth=b, name=nm, rec=rec_fn(rng, i), phone=phone_fn(rng, i), d0=d0,
                 sessions=[], scores={}, fractures=[], death_day=None, notes=[])

        def mk_session(s, day, first_level=None):
            tech = 'kyphoplasty' if rng.random() < kypho_p else 'vertebroplasty'
            if first_level is None:
                first_level = rng.choice(['T7', 'T8', 'T9', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12',
                                          'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4'])
            k = 1
            if s == 1 and i in multi:
                k = rng.choice([2, 2, 3])
            lv = [first_level]
            while len(lv) < k:
                nx = lvl_add(lv[-1], 1)
                if nx is None:
                    break
                lv.append(nx)
            cem = rng.choice(cements) if tech == 'vertebroplasty' else cements[0]
            L = []
            for l in lv:
                lo, hi = (2.0, 5.0) if l.startswith('T') and int(l[1:]) < 11 else (2.5, 6.0)
                if tech == 'kyphoplasty':
                    lo, hi = lo + 1, hi + 1.5
                v = round(rng.uniform(lo, hi) / vol_step) * vol_step
                v = round(v, 1)
                rr = rng.random()
                leak = [] if rr < 0.72 else [rng.choice(['disc', 'venous', 'paravertebral'])] if rr < 0.95 \
                    else ['disc', 'venous']
                L.append(dict(level=l, vol=v, leak=leak))
            return dict(s=s, day=day, date=d0 + dt.timedelta(days=day), tech=tech,
                        cement=cem[0], cement_w=cem[1], levels=L, total=round(sum(x['vol'] for x in L), 1))

        P['sessions'].append(mk_session(1, 0))
        lv1 = [x['level'] for x in P['sessions'][0]['levels']]
        pre = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(28, 42),
               'mobility': rng.randint(2, 4)}

        def traj(tp, base):
            f = {'pre': 1, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4, '3m': 0.33,
                 '6m': 0.3, '12m': 0.28, '24m': 0.28}[tp]
            out = {}
            for m in measures:
                if m == 'pain_vas':
                    out[m] = max(0, min(10, int(round(base[m] * f + rng.uniform(-1.2, 1.2)))))
                    if tp == 'pre':
                        out[m] = base[m]
                elif m == 'odi':
                    out[m] = base[m] if tp == 'pre' else max(0, min(100, 2 * int(round(base[m] * (f + 0.15) / 2 + rng.uniform(-3, 3)))))
                elif m == 'mobility':
                    out[m] = base[m] if tp == 'pre' else max(0, min(4, int(round(base[m] * (f + 0.1) + rng.uniform(-0.6, 0.6)))))
            return out

        last_day = 0
        cut = None
        if i in s2:
            fday = rng.randint(OFFS['3m'] + 25, 300)
            cut = fday
            fl = lvl_add(lv1[0], -1) if rng.random() < 0.6 else lvl_add(lv1[-1], 1)
            fl = fl or lvl_add(lv1[0], -1)
            P['fractures'].append((fday, fl))
        elif i in frx_only:
            fday = rng.randint(OFFS['3m'] + 5, 330)
            fl = lvl_add(lv1[-1], 1) or lvl_add(lv1[0], -1)
            P['fractures'].append((fday, fl))
        dcut = None
        if i in died:
            dcut = rng.choice([OFFS['3m'] + 20, OFFS['12m'] - 30]) if i not in s2 else 10 ** 6
        for tp in tps:
            day = OFFS[tp] + (rng.randint(-JIT[tp], JIT[tp]) if tp != 'pre' else 0)
            if cut is not None and day >= cut - 5:
                continue
            if dcut is not None and day >= dcut:
                continue
            missing = tp not in ('pre', '24h') and rng.random() < miss_p
            P['scores'][(1, tp)] = dict(day=day, vals=None if missing else traj(tp, pre), missing=missing)
            last_day = max(last_day, day)
        if i in s2:
            sd = cut + rng.randint(3, 12)
            P['sessions'].append(mk_session(2, sd, first_level=P['fractures'][0][1]))
            pre2 = {'pain_vas': rng.randint(6, 10), 'odi': 2 * rng.randint(26, 40),
                    'mobility': rng.randint(2, 4)}
            for tp in tps2:
                if tp not in tps:
                    continue
                day = sd + OFFS[tp] + (rng.randint(-JIT[tp], JIT[tp]) if tp != 'pre' else 0)
                P['scores'][(2, tp)] = dict(day=day, vals=traj(tp, pre2), missing=False)
                last_day = max(last_day, day)
        last_day = max([last_day] + [f[0] for f in P['fractures']])
        if i in died:
            P['death_day'] = last_day + rng.randint(20, 70)
        pats.append(P)
    return pats


def D(P, day):
    return P['d0'] + dt.timedelta(days=day)


def write_truth(out, pats, vol_mode='vertebra', extra_errors=(), ident_extra=()):
    """vol_mode: 'vertebra' or 'session' or callable(P, S)->mode"""
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)

    def w(name, hdr, rows):
        with open(os.path.join(t, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(hdr)
            for r in rows:
                cw.writerow(['' if x is None else x for x in r])

    fmt = lambda v: ('%g' % v) if isinstance(v, float) else v
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[P['pid'], P.get('t_sex', P['sex']), P.get('t_age', P['age']), P.get('t_etio', P['etio']),
        'yes' if P['died'] else 'no'] for P in pats if P['pid']])
    rows = []
    for P in pats:
        for S in P['sessions']:
            mode = vol_mode(P, S) if callable(vol_mode) else vol_mode
            for L in S['levels']:
                rows.append([P['pid'], S['s'], S.get('t_day', S['day']), L['level'], S['tech'],
                             fmt(L['vol']) if mode == 'vertebra' else None,
                             fmt(S['total']) if mode == 'session' else None,
                             S['cement'], L.get('t_leak', ';'.join(L['leak']) or 'none')])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for P in pats:
        for (s, tp), A in sorted(P['scores'].items(), key=lambda kv: (kv[0][0], OFFS[kv[0][1]])):
            if A['vals'] is None:
                continue
            for m, v in A['vals'].items():
                if v is None:
                    continue
                rows.append([P['pid'], s, m, tp, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[P['pid'], f[0] if len(f) < 3 or not f[2] else None, f[1]] for P in pats for f in P['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      list(extra_errors))
    ids = []
    for P in pats:
        for k in ('name', 'rec', 'birth', 'phone'):
            if P.get(k) is None or P.get('no_' + k):
                continue
            kind = {'name': 'name', 'rec': 'record_number', 'birth': 'birth_date', 'phone': 'phone'}[k]
            ids.append([kind, P.get('w_' + k, P[k])])
    ids += list(ident_extra)
    w('identifiers.csv', ['kind', 'value'], ids)


def colname(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end shared ----

# ---- Praia: hospital information system export, CSV cp1252, ';', Excel serial dates ----
FN_F = ['Maria', 'Ana', 'Josefa', 'Antónia', 'Rosa', 'Filomena', 'Lúcia', 'Conceição', 'Domingas', 'Isabel',
        'Fátima', 'Joana', 'Madalena', 'Benvinda']
FN_M = ['João', 'José', 'António', 'Manuel', 'Domingos', 'Francisco', 'Armando', 'Zeferino', 'Adelino']
LN = ['Tavares', 'Semedo', 'Moreira', 'Fernandes', 'Lopes', 'Varela', 'Furtado', 'Correia', 'Monteiro', 'Gomes',
      'Borges', 'Mendes', 'Sanches', 'Cabral', 'Veiga', 'Rodrigues', 'Silva', 'Andrade']


def names(rng, sex):
    a, b = rng.sample(LN, 2)
    return '%s %s %s' % (rng.choice(FN_F if sex == 'female' else FN_M), a, b)


def rec(rng, i):
    return '%07d' % rng.randint(200000, 1999999)


def phone(rng, i):
    return rng.choice(['+238 9', '+238 5']) + '%02d %02d %02d' % (rng.randint(10, 99), rng.randint(0, 99), rng.randint(0, 99))


def serial(d):
    return (d - dt.date(1899, 12, 30)).days


ETIO = {'osteoporotic': ['Osteoporose', 'Fratura osteoporótica'], 'pathologic': ['Metástase', 'Mieloma múltiplo'],
        'traumatic': ['Traumatismo', 'Queda'], 'other': ['Hemangioma']}
LEAK = {'disc': 'discal', 'venous': 'venoso', 'paravertebral': 'paravertebral'}
TPL = {'24h': 'Pós-op 24h', '1m': 'Consulta 1 mês', '3m': 'Consulta 3 meses', '12m': 'Consulta 12 meses',
       'pre': 'Avaliação pré-op'}
KV = ['sta midjor', 'inda ta dói un poku', 'dor ta bai ta diminui', 'ta anda ku bengala', 'fidju ta akompanha',
      'sta bon']


def lv(l):
    return 'D' + l[1:] if l.startswith('T') else l


def main(out):
    pats = gen_cohort(5521, 22, lambda i: '', dt.date(2021, 6, 1), ['pre', '24h', '1m', '3m', '12m'],
                      ['pain_vas', 'odi'], names, rec, phone, kypho_p=0.15,
                      cements=(('PMMA', 'Vertaplex'), ('PMMA', 'Osteopal V'), ('PMMA', 'Cimento PMMA')),
                      tps2=('pre', '24h', '1m', '3m'), miss_p=0.12)
    pats.sort(key=lambda P: P['d0'])
    for k, P in enumerate(pats):
        P['pid'] = 'HAN-VP%02d' % (k + 1)
        P['w_birth'] = str(serial(P['birth']))
        for (s, tp), A in P['scores'].items():
            if A['vals'] and tp == '24h':
                A['vals'].pop('odi', None)
    rng = random.Random(9)
    plain = [P for P in pats if len(P['sessions']) == 1 and not P['fractures'] and not P['died']
             and len(P['sessions'][0]['levels']) == 1]
    e_before, e_vas, e_lvl, e_vol = plain[0], plain[3], plain[5], plain[-1]
    e_lvl['sessions'][0]['levels'][0]['level'] = 'T13'
    e_vol['sessions'][0]['levels'][0]['vol'] = 28.0
    e_vol['sessions'][0]['total'] = 28.0
    A = e_vas['scores'][(1, '1m')]
    e_vas['scores'][(1, '1m')] = dict(day=A['day'], vals={'pain_vas': 45, 'odi': 40}, missing=False)
    A = e_before['scores'][(1, '3m')]
    if A['vals'] is None:
        A['vals'] = {'pain_vas': 3, 'odi': 30}
        A['missing'] = False
    A['day'] = -A['day']
    hdr = ['ID_Estudo', 'N_Processo', 'Nome', 'Data_Nasc', 'Sexo', 'Idade', 'Telefone', 'Etiologia', 'Episodio',
           'Data_Evento', 'Tipo_Evento', 'Nivel', 'Tecnica', 'Cimento', 'Volume_ml', 'Extravasamento', 'EVA', 'ODI',
           'Observacoes']
    rows = []
    errors = []
    for P in pats:
        ev = []
        base = [P['pid'], P['rec'], P['name'], serial(P['birth']), 'F' if P['sex'] == 'female' else 'M', P['age'],
                P['phone'], rng.choice(ETIO[P['etio']])]
        for S in P['sessions']:
            pre = P['scores'][(S['s'], 'pre')]['vals']
            ev.append((S['day'], 0, S['s'], ['Avaliação pré-op', '', '', '', '', '', pre['pain_vas'], pre['odi'], ''], None))
            lk = [(lv(L['level']) + ' ' + '+'.join(LEAK[x] for x in L['leak'])) for L in S['levels'] if L['leak']]
            obs = 'internado %s' % (S['date'] - dt.timedelta(days=1)).strftime('%d-%m-%Y')
            ev.append((S['day'], 1, S['s'], ['Procedimento', '-'.join(lv(L['level']) for L in S['levels']),
                                             'Vertebroplastia' if S['tech'] == 'vertebroplasty' else 'Cifoplastia',
                                             S['cement_w'], ('%g' % S['total']).replace('.', ','),
                                             '; '.join(lk) if lk else 'nenhum', '', '', obs], 'proc'))
        for (s, tp), A in P['scores'].items():
            if tp == 'pre':
                continue
            if A['missing']:
                ev.append((A['day'], 2, s, [TPL[tp], '', '', '', '', '', '', '', rng.choice(['ka ben', 'ka ben (faltou)', 'faltou'])], None))
            else:
                ev.append((A['day'], 2, s, [TPL[tp], '', '', '', '', '', A['vals']['pain_vas'], A['vals'].get('odi', ''),
                                            rng.choice(KV) if rng.random() < 0.4 else ''], (tp, s)))
        for f in P['fractures']:
            ev.append((f[0], 1.5, max(S['s'] for S in P['sessions'] if S['day'] <= f[0]),
                       ['Nova fratura', lv(f[1]), '', '', '', '', '', '', 'RM: fratura recente'], None))
        if P['died']:
            ev.append((P['death_day'], 3, len(P['sessions']), ['Óbito', '', '', '', '', '', '', '', 'faleceu (informação da família)'], None))
        ev.sort(key=lambda e: (e[0], e[1]))
        for day, _, s, vals, tag in ev:
            rows.append(base + [s, serial(D(P, day))] + vals)
            rn = len(rows) + 1
            if P is e_before and tag == ('3m', 1):
                errors.append(['input', 'J%d' % rn, rn, 'Data_Evento', str(serial(D(P, day))),
                               '3-month consultation dated before the procedure', P['pid']])
            if P is e_vas and tag == ('1m', 1):
                errors.append(['input', 'Q%d' % rn, rn, 'EVA', '45', 'EVA 45 on a 0-10 scale', P['pid']])
            if P is e_lvl and tag == 'proc':
                errors.append(['input', 'L%d' % rn, rn, 'Nivel', vals[1], 'impossible vertebral level D13 (T13)', P['pid']])
            if P is e_vol and tag == 'proc':
                errors.append(['input', 'O%d' % rn, rn, 'Volume_ml', vals[4], '28 mL of cement in a single vertebra',
                               P['pid']])
    with open(os.path.join(out, 'input.csv'), 'w', encoding='cp1252', newline='') as f:
        cw = csv.writer(f, delimiter=';', lineterminator='\r\n')
        cw.writerow(hdr)
        cw.writerows(rows)
    write_truth(out, pats, 'session', errors)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
