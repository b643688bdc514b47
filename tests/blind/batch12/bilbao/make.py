import sys, os, csv, datetime as dt
import numpy as np

ALL_LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
             ['L%d' % i for i in range(1, 6)] + ['S1']
CORE = ALL_LEVELS.index('T6'), ALL_LEVELS.index('L4')


def r05(x):
    return round(x * 2) / 2.0


def gen(seed, n, start, tps, p_second=0.2, p_kp=0.3, p_fx=0.15, p_died=0.12,
        odi=False, leak_sites=('disc', 'venous', 'epidural', 'paravertebral', 'foraminal'),
        cement_types=('PMMA',), miss=0.15, tps2=None):
    """Generate patients: returns list of dicts."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.68 else 'male'
        et = ['osteoporotic'] * 7 + ['pathologic'] * 2 + ['traumatic']
        etiology = et[int(rng.integers(0, len(et)))]
        if etiology == 'osteoporotic':
            age = int(rng.integers(60, 91))
        elif etiology == 'pathologic':
            age = int(rng.integers(45, 82))
        else:
            age = int(rng.integers(35, 75))
        died = rng.random() < (p_died * (2.5 if etiology == 'pathologic' else 1))
        d1 = start + dt.timedelta(days=int(rng.integers(0, 540)))
        used = set()

        def mk_session(sidx, day, nlev):
            # contiguous levels
            for _ in range(50):
                a = int(rng.integers(CORE[0], CORE[1] + 1))
                levs = ALL_LEVELS[a:a + nlev]
                if len(levs) == nlev and not (set(levs) & used) and all(
                        ALL_LEVELS.index(l) <= CORE[1] + 1 for l in levs):
                    break
            used.update(levs)
            tech = 'kyphoplasty' if rng.random() < p_kp else 'vertebroplasty'
            ctype = cement_types[int(rng.integers(0, len(cement_types)))]
            vols = []
            leaks = []
            for l in levs:
                lo = 2.0 if l.startswith('T') and ALL_LEVELS.index(l) < ALL_LEVELS.index('T10') else 3.0
                vols.append(r05(rng.uniform(lo, lo + 3.5)))
                if rng.random() < 0.2:
                    leaks.append(leak_sites[int(rng.integers(0, len(leak_sites)))])
                else:
                    leaks.append('none')
            return dict(session=sidx, day=day, date=d1 + dt.timedelta(days=day), levels=levs,
                        technique=tech, vols=vols, ctype=ctype, leaks=leaks)

        nlev = [1, 1, 1, 2, 2, 3][int(rng.integers(0, 6))]
        sessions = [mk_session(1, 0, nlev)]
        if rng.random() < p_second:
            day2 = int(rng.integers(21, 100))
            sessions.append(mk_session(2, day2, 1))
        # assessments: {session: {tp: value}}
        ass = {}
        for s in sessions:
            pre = int(rng.integers(6, 11))
            vals = {'pre': pre}
            cur = pre
            tl = tps if (s['session'] == 1 or tps2 is None) else tps2
            for k, tp in enumerate(tl):
                if tp == 'pre':
                    continue
                drop = int(rng.integers(2, 5)) if k == 1 else int(rng.integers(0, 2))
                cur = max(0, cur - drop)
                if rng.random() < miss:
                    continue
                vals[tp] = cur
            o = {}
            if odi:
                op = int(rng.integers(20, 45)) * 2
                o['pre'] = op
                cur = op
                for tp in vals:
                    if tp == 'pre':
                        continue
                    cur = max(4, cur - int(rng.integers(2, 10)) * 2)
                    o[tp] = cur
            ass[s['session']] = dict(vas=vals, odi=o)
        fx = []
        if rng.random() < p_fx:
            cand = [l for l in ALL_LEVELS[CORE[0]:CORE[1] + 2] if l not in used]
            lv = cand[int(rng.integers(0, len(cand)))]
            fx.append((int(rng.integers(25, 300)), lv))
        out.append(dict(idx=i, sex=sex, age=age, etiology=etiology, died=died, d1=d1,
                        sessions=sessions, ass=ass, fx=fx,
                        death_day=int(rng.integers(120, 420)) if died else None))
    return out


TPDAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182,
          '12m': 365, '24m': 730}


def drop_after_death(pts):
    """Keep death dates well clear of scheduled visits, then remove values after death."""
    for p in pts:
        if p['died']:
            near = [s['day'] + d for s in p['sessions'] for d in TPDAYS.values()]
            while any(abs(p['death_day'] - x) <= 12 for x in near):
                p['death_day'] += 13
    for p in pts:
        if p['died']:
            for s in p['sessions']:
                a = p['ass'][s['session']]
                for key in ('vas', 'odi'):
                    for tp in list(a[key]):
                        if s['day'] + TPDAYS[tp] >= p['death_day']:
                            del a[key][tp]
            p['fx'] = [f for f in p['fx'] if f[0] < p['death_day']]


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def fmtnum(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%g' % v)


def write_truth(outdir, pts, pid, errors, identifiers, cement_mode='per_level', died_known=True,
                sex_known=True):
    """cement_mode: 'per_level' or 'session_total_if_multi' or 'session_total'."""
    t = os.path.join(outdir, 'truth')
    write_csv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[pid(p), p['sex'] if sex_known else '', p['age'], p['etiology'],
                ('yes' if p['died'] else 'no') if died_known else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = sum(s['vols'])
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                if cement_mode == 'per_level' or (cement_mode == 'session_total_if_multi' and len(s['levels']) == 1):
                    cv, sv = fmtnum(v), ''
                else:
                    cv, sv = '', fmtnum(tot)
                rows.append([pid(p), s['session'], s['day'], l, s['technique'], cv, sv, s['ctype'], lk])
    write_csv(os.path.join(t, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for s in p['sessions']:
            a = p['ass'][s['session']]
            for tp, v in a['vas'].items():
                rows.append([pid(p), s['session'], 'pain_vas', tp, fmtnum(v)])
            for tp, v in a['odi'].items():
                rows.append([pid(p), s['session'], 'odi', tp, fmtnum(v)])
            for tp, v in a.get('mob', {}).items():
                rows.append([pid(p), s['session'], 'mobility', tp, fmtnum(v)])
    write_csv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[pid(p), d, l] for p in pts for d, l in p['fx']])
    write_csv(os.path.join(t, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    write_csv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


# ---------------------------------------------------------------- site: Bilbao (Basque Country, Euskara/Spanish CSV export)
TPS = ['pre', '24h', '6w', '3m', '12m']
TPS2 = ['pre', '6w', '3m']


def main(outdir):
    pts = gen(seed=1205, n=24, start=dt.date(2022, 2, 1), tps=TPS, tps2=TPS2, p_second=0.2,
              p_kp=0.35, p_fx=0.0, odi=True, miss=0.15, cement_types=('PMMA', 'PMMA', 'PMMA', 'Cortoss'))
    rng = np.random.default_rng(12051)
    pid = lambda p: 'BIO-VA-%02d' % (p['idx'] + 1)
    nhc = {p['idx']: str(int(rng.integers(1000000, 9999999))) for p in pts}
    bdate = {}
    for p in pts:
        b = p['d1'] - dt.timedelta(days=int(p['age'] * 365.25 + int(rng.integers(1, 360))))
        bdate[p['idx']] = b.isoformat()
    # visit dates (jitter) and fractures noted at a follow-up visit
    vdates = {}
    for p in pts:
        for s in p['sessions']:
            for tp in (TPS if s['session'] == 1 else TPS2):
                if tp == 'pre':
                    vdates[(p['idx'], s['session'], tp)] = s['date']
                elif tp == '24h':
                    vdates[(p['idx'], s['session'], tp)] = s['date'] + dt.timedelta(days=1)
                else:
                    vdates[(p['idx'], s['session'], tp)] = s['date'] + dt.timedelta(
                        days=TPDAYS[tp] + int(rng.integers(-5, 8)))
    for p in pts:
        if rng.random() < 0.2:
            opts = [t for t in ('3m', '12m') if t in p['ass'][1]['vas']]
            if not opts:
                continue
            tp = opts[int(rng.integers(0, len(opts)))]
            d = vdates[(p['idx'], 1, tp)]
            used = {l for s in p['sessions'] for l in s['levels']}
            cand = [l for l in ALL_LEVELS[CORE[0]:CORE[1] + 2] if l not in used]
            p['fx'] = [((d - p['d1']).days, cand[int(rng.integers(0, len(cand)))])]
            p['fx_tp'] = tp
    drop_after_death(pts)
    for p in pts:  # age check against birth date
        b = dt.date.fromisoformat(bdate[p['idx']])
        d = p['d1']
        assert d.year - b.year - ((d.month, d.day) < (b.month, b.day)) == p['age'], p['idx']

    sexw = {'female': 'Emakumea', 'male': 'Gizona'}
    etw = {'osteoporotic': 'Osteoporosia', 'pathologic': 'Metastasia / Mieloma', 'traumatic': 'Trauma (istripua)'}
    techw = {'vertebroplasty': 'Bertebroplastia / Vertebroplastia', 'kyphoplasty': 'Zifoplastia / Cifoplastia'}
    ctw = {'PMMA': 'PMMA', 'Cortoss': 'Cortoss'}
    leakw = {'disc': 'diskoa / disco', 'venous': 'zainak / venosa', 'epidural': 'epidurala / epidural',
             'paravertebral': 'paravertebrala / paravertebral', 'foraminal': 'foraminala / foraminal'}
    visw = {'pre': 'PROZEDURA / PROCEDIMIENTO', '24h': 'JARRAIPENA 24 ORDU / SEGUIMIENTO 24 H',
            '6w': 'JARRAIPENA 6 ASTE / SEGUIMIENTO 6 SEMANAS', '3m': 'JARRAIPENA 3 HILABETE / SEGUIMIENTO 3 MESES',
            '12m': 'JARRAIPENA 12 HILABETE / SEGUIMIENTO 12 MESES'}

    def dec(v):
        return fmtnum(v).replace('.', ',')

    header = ['IKERKETA_ID', 'NHC', 'JAIOTZE_DATA_F_NAC', 'SEXUA_SEXO', 'ADINA_EDAD', 'ETIOLOGIA',
              'BISITA_DATA_FECHA', 'BISITA_MOTA_TIPO', 'SAIOA_SESION', 'MAILAK_NIVELES', 'TEKNIKA_TECNICA',
              'ZEMENTUA_ML', 'ZEMENTU_MOTA_TIPO', 'ISURIA_FUGA', 'EVA_0_10', 'ODI_PCT',
              'HAUSTURA_BERRIA_FX_NUEVA', 'OHARRAK_OBSERVACIONES']
    H = {h: k for k, h in enumerate(header)}

    def col_letter(k):
        s = ''
        k += 1
        while k:
            k, rem = divmod(k - 1, 26)
            s = chr(65 + rem) + s
        return s

    rows = []
    errors = []
    for p in pts:
        i = p['idx']
        events = []
        for s in p['sessions']:
            a = p['ass'][s['session']]
            for tp in (TPS if s['session'] == 1 else TPS2):
                d = vdates[(i, s['session'], tp)]
                if p['died'] and (d - p['d1']).days >= p['death_day']:
                    continue
                events.append((d, 0 if tp == 'pre' else 1, s, tp, a))
        if p['died']:
            events.append((p['d1'] + dt.timedelta(days=p['death_day']), 2, None, 'exitus', None))
        events.sort(key=lambda e: (e[0], e[1]))
        for d, _, s, tp, a in events:
            row = [''] * len(header)
            row[H['IKERKETA_ID']] = pid(p)
            row[H['NHC']] = nhc[i]
            row[H['JAIOTZE_DATA_F_NAC']] = bdate[i]
            row[H['SEXUA_SEXO']] = sexw[p['sex']]
            row[H['ADINA_EDAD']] = str(p['age'])
            row[H['ETIOLOGIA']] = etw[p['etiology']]
            row[H['BISITA_DATA_FECHA']] = d.isoformat()
            rownum = len(rows) + 2
            if tp == 'exitus':
                row[H['BISITA_MOTA_TIPO']] = 'HERIOTZA / EXITUS'
                row[H['OHARRAK_OBSERVACIONES']] = 'Exitus'
                rows.append(row)
                continue
            row[H['BISITA_MOTA_TIPO']] = visw[tp]
            row[H['SAIOA_SESION']] = str(s['session'])
            if tp == 'pre':
                levs = list(s['levels'])
                if i == 8 and s['session'] == 1:
                    levs[0] = 'L8'
                    errors.append(['input', '%s%d' % (col_letter(H['MAILAK_NIVELES']), rownum), rownum,
                                   'MAILAK_NIVELES', '+'.join(levs), 'impossible vertebral level L8', pid(p)])
                row[H['MAILAK_NIVELES']] = '+'.join(levs)
                row[H['TEKNIKA_TECNICA']] = techw[s['technique']]
                cv = dec(sum(s['vols']))
                if i == 13 and s['session'] == 1:
                    cv = '38,0'
                    errors.append(['input', '%s%d' % (col_letter(H['ZEMENTUA_ML']), rownum), rownum,
                                   'ZEMENTUA_ML', cv, 'cement 38 ml for %d vertebra(e) is impossible' % len(levs), pid(p)])
                row[H['ZEMENTUA_ML']] = cv
                row[H['ZEMENTU_MOTA_TIPO']] = ctw[s['ctype']]
                lk = ['%s (%s)' % (leakw[k], l) for l, k in zip(s['levels'], s['leaks']) if k != 'none']
                row[H['ISURIA_FUGA']] = 'Ez / No' if not lk else 'Bai / Sí: ' + ', '.join(lk)
                obs = 'EVA eta ODI prozeduraren aurretik / previos al procedimiento'
                if s['session'] == 2:
                    obs += '. Bigarren saioa / segunda sesión'
                row[H['OHARRAK_OBSERVACIONES']] = obs
            if tp in a['vas']:
                ev = dec(a['vas'][tp])
                if i == 17 and tp == '24h':
                    ev = '75'
                    errors.append(['input', '%s%d' % (col_letter(H['EVA_0_10']), rownum), rownum,
                                   'EVA_0_10', ev, 'EVA 75 in a 0-10 field', pid(p)])
                row[H['EVA_0_10']] = ev
                if tp in a['odi']:
                    row[H['ODI_PCT']] = dec(a['odi'][tp])
            else:
                row[H['OHARRAK_OBSERVACIONES']] = ('Ez da erregistratu / No registrado' if tp == '24h'
                                                   else 'Ez da etorri / No acude')
            if s['session'] == 1 and p['fx'] and p.get('fx_tp') == tp:
                row[H['HAUSTURA_BERRIA_FX_NUEVA']] = p['fx'][0][1]
            if i == 21 and s['session'] == 1 and tp == '6w':
                bad = (s['date'] - dt.timedelta(days=40)).isoformat()
                row[H['BISITA_DATA_FECHA']] = bad
                errors.append(['input', '%s%d' % (col_letter(H['BISITA_DATA_FECHA']), rownum), rownum,
                               'BISITA_DATA_FECHA', bad, '6-week follow-up dated before the procedure', pid(p)])
            rows.append(row)
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, 'input.csv'), 'w', newline='', encoding='utf-8-sig') as f:
        w = csv.writer(f, delimiter=';', quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)
    idents = []
    for p in pts:
        idents += [['record_number', nhc[p['idx']]], ['birth_date', bdate[p['idx']]]]
    write_truth(outdir, pts, pid, errors, idents, cement_mode='session_total_if_multi')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
