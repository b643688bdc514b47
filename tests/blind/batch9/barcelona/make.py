import os, sys, csv
from datetime import date, datetime, timedelta
import numpy as np

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def gen_patients(rng, n, tps, odi=False, techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.6, 0.4),
                 cements=('PMMA',), cement_p=None, start=date(2022, 1, 10), p_sess2=0.2, p_frac=0.15,
                 p_missing=0.15, p_leak=0.2):
    pts = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        etiology = 'osteoporotic' if r < 0.7 else ('pathologic' if r < 0.88 else ('traumatic' if r < 0.96 else 'other'))
        age = int(rng.integers(48, 90)) if etiology != 'traumatic' else int(rng.integers(35, 70))
        died = 'yes' if rng.random() < 0.12 else 'no'
        d0 = start + timedelta(days=int(rng.integers(0, 540)))
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        base = int(rng.integers(LEVELS.index('T7'), LEVELS.index('L4') + 1))
        base = min(base, LEVELS.index('L5') - nlev + 1)
        levs = [LEVELS[base + k] for k in range(nlev)]
        tech = str(rng.choice(techs, p=tech_p))
        sessions = []
        used = set(levs)

        def mk_session(sno, day, levs, tech):
            vols = []
            for _ in levs:
                v = rng.uniform(2.0, 5.5) if tech == 'vertebroplasty' else rng.uniform(3.0, 7.0)
                vols.append(round(v * 2) / 2)
            cem = str(rng.choice(cements, p=cement_p))
            leaks = []
            for _ in levs:
                leaks.append(str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], p=[.35, .3, .2, .1, .05])) if rng.random() < p_leak else 'none')
            # assessments
            pre = int(rng.integers(6, 11))
            a = {}
            cur = pre
            odi0 = int(rng.integers(20, 40)) * 2
            curo = odi0
            for j, tp in enumerate(tps):
                if tp == 'pre':
                    a[tp] = {'pain_vas': pre}
                    if odi:
                        a[tp]['odi'] = odi0
                    continue
                cur = max(0, cur - int(rng.integers(0, 4)))
                curo = max(0, curo - int(rng.integers(0, 9)) * 2)
                if rng.random() < p_missing:
                    continue
                a[tp] = {'pain_vas': cur}
                if odi:
                    a[tp]['odi'] = curo
            return dict(session=sno, day=day, date=d0 + timedelta(days=day), levels=list(levs), vols=vols,
                        technique=tech, cement=cem, leaks=leaks, assess=a)

        sessions.append(mk_session(1, 0, levs, tech))
        fractures = []
        if rng.random() < p_sess2:
            cand = [l for l in LEVELS[LEVELS.index('T5'):LEVELS.index('L5') + 1] if l not in used and
                    abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3]
            l2 = str(rng.choice(cand))
            day2 = int(rng.integers(35, 150))
            fractures.append((day2 - int(rng.integers(5, 20)), l2))
            sessions.append(mk_session(2, day2, [l2], tech))
            used.add(l2)
        elif rng.random() < p_frac:
            cand = [l for l in LEVELS[LEVELS.index('T5'):LEVELS.index('L5') + 1] if l not in used and
                    abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3]
            fractures.append((int(rng.integers(20, 200)), str(rng.choice(cand))))
        pts.append(dict(idx=i, sex=sex, age=age, etiology=etiology, died=died, d0=d0, sessions=sessions,
                        fractures=fractures))
    return pts


def wcsv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def fmt_num(v):
    if v is None or v == '':
        return ''
    if float(v) == int(v):
        return str(int(v))
    return str(v)


def write_truth(out, pts, errors, identifiers, vol_mode='level', rec_sex=True, rec_age=True, rec_etiology=True,
                rec_died=True, rec_leak=True, rec_cement=True, rec_tech=True, measures=('pain_vas',), age_key='age'):
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    wcsv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if rec_sex else '', p[age_key] if rec_age else '', p['etiology'] if rec_etiology else '',
           p['died'] if rec_died else ''] for p in pts])
    pr, asr, fr = [], [], []
    for p in pts:
        for s in p['sessions']:
            tot = sum(s['vols'])
            for k, l in enumerate(s['levels']):
                pr.append([p['pid'], s['session'], s['day'], l, s['technique'] if rec_tech else '',
                           fmt_num(s['vols'][k]) if vol_mode == 'level' else '',
                           fmt_num(tot) if vol_mode == 'session' else '',
                           s['cement'] if rec_cement else '', s['leaks'][k] if rec_leak else ''])
            for tp, d in s['assess'].items():
                for m in measures:
                    if m in d:
                        asr.append([p['pid'], s['session'], m, tp, fmt_num(d[m])])
        for day, l in p['fractures']:
            fr.append([p['pid'], day, l])
    wcsv(os.path.join(t, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                             'session_cement_volume_ml', 'cement_type', 'leakage'], pr)
    wcsv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], asr)
    wcsv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'], fr)
    wcsv(os.path.join(t, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


# ---------------- Barcelona rendering ----------------
NOMS = ['Montserrat', 'Núria', 'Mercè', 'Roser', 'Teresa', 'Dolors', 'Pilar', 'Carme', 'Rosa', 'Maria', 'Anna', 'Isabel',
        'Josep', 'Jordi', 'Joan', 'Pere', 'Antoni', 'Francesc', 'Manel']
COGNOMS = ['Puig', 'Vila', 'Soler', 'Ferrer', 'Font', 'Serra', 'Roca', 'Casals', 'Pujol', 'Vidal', 'Garcia', 'Martínez',
           'Bosch', 'Riera', 'Torrent', 'Camps']
TPS = ['pre', '24h', '1m', '3m', '6m']
VIS = {'pre': 'Basal (pre)', '24h': '24 h', '1m': '1 mes', '3m': '3 mesos', '6m': '6 mesos'}


def dec(v):
    return fmt_num(v).replace('.', ',')


def main(out):
    rng = np.random.default_rng(9202)
    pts = gen_patients(rng, 24, TPS, odi=True, techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.5, 0.5),
                       cements=('PMMA', 'calcium phosphate'), cement_p=(0.85, 0.15), start=date(2021, 9, 1),
                       p_missing=0.12, p_leak=0.25)
    ids = []
    fem = NOMS[:12]; mal = NOMS[12:]
    for p in pts:
        p['pid'] = 'VTB-%02d' % (p['idx'] + 1)
        p['nhc'] = str(int(rng.integers(1000000, 9999999)))
        p['name'] = str(rng.choice(fem if p['sex'] == 'female' else mal))
        p['surname'] = '%s %s' % (rng.choice(COGNOMS), rng.choice(COGNOMS))
        by = p['d0'].year - p['age'] - 1
        bd = date(by, 1, 1) + timedelta(days=int(rng.integers(0, 365)))
        # make sure age at d0 is exactly p['age']
        while (p['d0'].year - bd.year - ((p['d0'].month, p['d0'].day) < (bd.month, bd.day))) != p['age']:
            bd = bd + timedelta(days=30)
        p['bd'] = bd
        ids += [['name', '%s %s' % (p['name'], p['surname'])], ['record_number', p['nhc']], ['birth_date', bd.isoformat()]]
    ind = os.path.join(out, 'input')
    os.makedirs(ind, exist_ok=True)
    errors = []
    etio = {'osteoporotic': 'Osteoporòtica', 'pathologic': None, 'traumatic': 'Traumàtica', 'other': 'Altres (angioma)'}
    # --- pacients
    prow = [['id_estudi', 'nhc', 'cognoms', 'nom', 'sexe', 'data_naixement', 'etiologia', 'nova_fractura_nivell',
             'nova_fractura_data', 'exitus', 'data_exitus', 'observacions']]
    for p in pts:
        e = etio[p['etiology']] or ('Metastàtica' if p['idx'] % 2 else 'Mieloma múltiple')
        fl = fd = ''
        if p['fractures']:
            fday, fl = p['fractures'][0]
            fd = (p['d0'] + timedelta(days=fday)).strftime('%Y-%m-%d') + ' 00:00'
        ex = 'Sí' if p['died'] == 'yes' else 'No'
        dex = ''
        if p['died'] == 'yes':
            dex = (p['d0'] + timedelta(days=int(rng.integers(200, 500)))).strftime('%Y-%m-%d') + ' 00:00'
        obs = ''
        if p['sessions'][-1]['session'] == 2:
            obs = 'Reingrés per nova fractura; segona intervenció'
        prow.append([p['pid'], p['nhc'], p['surname'], p['name'], 'Dona' if p['sex'] == 'female' else 'Home',
                     p['bd'].strftime('%Y-%m-%d') + ' 00:00', e, fl, fd, ex, dex, obs])
    # --- intervencions (one row per session; total cement only)
    irow = [['id_intervencio', 'id_estudi', 'data_hora_intervencio', 'num_intervencio', 'nivells_tractats', 'tecnica',
             'ciment', 'volum_total_ciment_ml', 'fuga_ciment', 'anestesia', 'radioleg']]
    frow = [['id_seguiment', 'id_estudi', 'id_intervencio', 'visita', 'data_hora_visita', 'EVA_0_10', 'ODI_pct', 'comentari']]
    iid = 100
    fid = 5000
    err_i = {4: 'level', 9: 'vol'}
    err_f = {13: 'eva', 17: 'date', 21: 'odi'}
    for p in pts:
        for s in p['sessions']:
            iid += 1
            s['iid'] = 'INT-%d' % iid
            hh = int(rng.choice([8, 9, 10, 11, 12, 15, 16]))
            mm = int(rng.choice([0, 15, 30, 45]))
            dt = datetime(s['date'].year, s['date'].month, s['date'].day, hh, mm)
            s['dt'] = dt
            levs = list(s['levels'])
            if err_i.get(p['idx']) == 'level' and s['session'] == 1:
                levs[0] = 'T13'
                errors.append(['intervencions', 'E%d' % len(irow + [0]), len(irow) + 1, 'nivells_tractats', ' + '.join(levs),
                               'level T13 does not exist', p['pid']])
            tot = dec(sum(s['vols']))
            if err_i.get(p['idx']) == 'vol' and s['session'] == 1:
                tot = '45,0' if len(levs) == 1 else '95,0'
                errors.append(['intervencions', 'H%d' % (len(irow) + 1), len(irow) + 1, 'volum_total_ciment_ml', tot,
                               'cement volume far too large for %d vertebra(e)' % len(levs), p['pid']])
            tec = 'Vertebroplàstia percutània' if s['technique'] == 'vertebroplasty' else 'Cifoplàstia amb baló'
            cem = 'PMMA (Osteopal V)' if s['cement'] == 'PMMA' else 'Fosfat càlcic (Cerament)'
            if s['cement'] == 'PMMA' and s['technique'] == 'kyphoplasty':
                cem = 'PMMA (Kyphon HV-R)'
            lk = [(l, k) for l, k in zip(s['levels'], s['leaks']) if k != 'none']
            cat = {'disc': 'discal', 'venous': 'venosa', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
                   'foraminal': 'foraminal'}
            fuga = 'No' if not lk else 'Sí: ' + ', '.join('%s %s' % (cat[k], l) for l, k in lk)
            irow.append([s['iid'], p['pid'], dt.strftime('%Y-%m-%d %H:%M'), str(s['session']), ' + '.join(levs), tec, cem,
                         tot, fuga, 'Sedació' if rng.random() < 0.7 else 'General', 'Dr. R.'])
            for tp in TPS:
                fid += 1
                if tp == 'pre':
                    vdt = dt - timedelta(hours=2, minutes=int(rng.choice([0, 15, 30])))
                elif tp == '24h':
                    vdt = dt + timedelta(days=1)
                    vdt = vdt.replace(hour=8, minute=int(rng.choice([0, 30])))
                else:
                    vdt = datetime.combine(s['date'] + timedelta(days=TP_DAYS[tp] + int(rng.integers(-5, 6))),
                                           datetime.min.time()).replace(hour=int(rng.choice([9, 10, 11, 12])), minute=int(rng.choice([0, 20, 40])))
                a = s['assess'].get(tp)
                if a is None:
                    frow.append(['SEG-%d' % fid, p['pid'], s['iid'], VIS[tp], '', 'NC', 'NC', 'No presentat'])
                    continue
                eva = str(a['pain_vas']); odi = str(a['odi'])
                r = len(frow) + 1
                vtxt = vdt.strftime('%Y-%m-%d %H:%M')
                if err_f.get(p['idx']) == 'eva' and tp == '1m' and s['session'] == 1:
                    eva = '14'
                    errors.append(['seguiments', 'F%d' % r, r, 'EVA_0_10', eva, 'pain 14 on a 0-10 scale', p['pid']])
                if err_f.get(p['idx']) == 'odi' and tp == 'pre' and s['session'] == 1:
                    odi = '164'
                    errors.append(['seguiments', 'G%d' % r, r, 'ODI_pct', odi, 'ODI above 100 %', p['pid']])
                if err_f.get(p['idx']) == 'date' and tp in ('3m', '1m') and s['session'] == 1 and not any(e[-1] == p['pid'] for e in errors):
                    vtxt = (dt - timedelta(days=92)).strftime('%Y-%m-%d %H:%M')
                    errors.append(['seguiments', 'E%d' % r, r, 'data_hora_visita', vtxt,
                                   'follow-up visit dated before the procedure', p['pid']])
                frow.append(['SEG-%d' % fid, p['pid'], s['iid'], VIS[tp], vtxt, eva, odi, ''])
    for name, rows in (('pacients', prow), ('intervencions', irow), ('seguiments', frow)):
        with open(os.path.join(ind, name + '.csv'), 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f, delimiter=';')
            w.writerows(rows)
    write_truth(out, pts, errors, ids, vol_mode='session', measures=('pain_vas', 'odi'))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
