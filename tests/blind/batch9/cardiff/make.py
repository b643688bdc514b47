# ---- shared generator (copied verbatim into each site's make.py) ----
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
TPDAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def gen(seed, n, start, end, tps, idfmt, lo='T5', hi='L5', cements=('PMMA',),
        tech_p=0.7, s2_p=0.18, nf_p=0.18, death_p=0.12, miss_p=0.15,
        s2_tps=None, odi=False, mob=False):
    rng = np.random.default_rng(seed)
    lv = LEVELS[LEVELS.index(lo):LEVELS.index(hi) + 1]
    span = (end - start).days
    pats = []
    for i in range(n):
        p = {'pid': idfmt(i)}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.65 else ('pathologic' if r < 0.87 else 'traumatic')
        p['etio_detail'] = None
        if p['etiology'] == 'pathologic':
            p['etio_detail'] = 'myeloma' if rng.random() < 0.35 else 'metastasis'
        p['age'] = int(rng.integers(58, 93)) if p['etiology'] != 'traumatic' else int(rng.integers(35, 75))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        p['d0'] = d0
        k = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        c = int(rng.integers(0, len(lv) - k + 1))
        levs = lv[c:c + k]
        tech = 'vertebroplasty' if rng.random() < tech_p else 'kyphoplasty'
        ct = cements[int(rng.integers(0, len(cements)))]

        def mk(sn, day, levs, tech, ct):
            s = {'session': sn, 'day': day, 'date': d0 + dt.timedelta(days=day),
                 'tech': tech, 'cement': ct, 'levels': []}
            for L in levs:
                vmax = 6.5 if L.startswith('L') else 4.5
                vol = round(float(rng.uniform(1.5, vmax)) * 2) / 2
                lk = 'none'
                if rng.random() < 0.25:
                    lk = str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'disc;venous']))
                s['levels'].append({'level': L, 'vol': vol, 'leak': lk})
            s['total'] = round(sum(x['vol'] for x in s['levels']), 1)
            s['ass'] = {}
            return s

        sess = [mk(1, 0, levs, tech, ct)]
        used = set(levs)
        if rng.random() < s2_p:
            free = [L for L in lv if L not in used]
            adj = [L for L in free if abs(lv.index(L) - lv.index(levs[0])) <= 2 or abs(lv.index(L) - lv.index(levs[-1])) <= 2]
            pool = adj or free
            L2 = pool[int(rng.integers(0, len(pool)))]
            used.add(L2)
            sess.append(mk(2, int(rng.integers(21, 120)), [L2], tech, ct))
        p['sessions'] = sess
        # death
        p['died'] = 'no'
        p['death_day'] = None
        if rng.random() < death_p:
            p['died'] = 'yes'
            p['death_day'] = int(rng.integers(max(s['day'] for s in sess) + 20, 330))
        lim = p['death_day'] if p['death_day'] is not None else 10 ** 6
        # new fractures
        p['fractures'] = []
        if rng.random() < nf_p:
            free = [L for L in lv if L not in used]
            L3 = free[int(rng.integers(0, len(free)))]
            fd = int(rng.integers(25, 300))
            if fd < lim:
                p['fractures'].append((fd, L3))
        # assessments
        for s in sess:
            these = tps if s['session'] == 1 else (s2_tps if s2_tps is not None else tps)
            pre = int(rng.integers(6, 11))
            opre = int(rng.integers(20, 41)) * 2
            mpre = int(rng.integers(2, 5))
            s['ass']['pre'] = {'pain_vas': pre, 'date': s['date'] - dt.timedelta(days=int(rng.integers(0, 2)))}
            if odi:
                s['ass']['pre']['odi'] = opre
            if mob:
                s['ass']['pre']['mobility'] = mpre
            drop = int(rng.integers(2, 6))
            for j, tp in enumerate(these):
                nd = TPDAYS[tp]
                jit = 0 if nd <= 1 else int(rng.integers(-max(1, nd // 10), max(1, nd // 10) + 1))
                vd = s['day'] + nd + jit
                if vd >= lim:
                    continue
                if j > 0 and rng.random() < miss_p:
                    continue
                v = {'date': d0 + dt.timedelta(days=vd)}
                v['pain_vas'] = int(min(10, max(0, pre - drop - j * 0.5 + int(rng.integers(-1, 2)))))
                if odi:
                    v['odi'] = int(min(100, max(0, opre - 10 - 6 * j + int(rng.integers(-3, 4)) * 2)))
                if mob:
                    v['mobility'] = int(min(4, max(1, mpre - 1 - (j > 1) + int(rng.integers(-1, 1)))))
                s['ass'][tp] = v
        pats.append(p)
    return pats


def wcsv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0')


def write_truth(out, pats, errors, identifiers, vol_mode='level', leak=True, tech=True,
                cement=True, sex=True, age=True, etiology=True, died=True):
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    wcsv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
           p['died'] if died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for L in s['levels']:
                rows.append([p['pid'], s['session'], s['day'], L['level'], s['tech'] if tech else '',
                             fmtnum(L['vol']) if vol_mode == 'level' else '',
                             fmtnum(s['total']) if vol_mode == 'session' else '',
                             s['cement'] if cement else '', L['leak'] if leak else ''])
    wcsv(os.path.join(t, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique',
         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for tp, v in s['ass'].items():
                for m in ('pain_vas', 'odi', 'mobility'):
                    if m in v:
                        rows.append([p['pid'], s['session'], m, tp, fmtnum(v[m])])
    wcsv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    wcsv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
         [[p['pid'], d, L] for p in pats for d, L in p['fractures']])
    wcsv(os.path.join(t, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


def col_letter(ci):  # 1-based
    s = ''
    while ci:
        ci, r = divmod(ci - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end shared generator ----
# ---- site: cardiff ----


def main(out):
    os.makedirs(out, exist_ok=True)
    pats = gen(9401, 22, dt.date(2022, 5, 1), dt.date(2024, 2, 28), ['6w', '3m', '12m'],
               lambda i: 'CDF-%03d' % (i + 101), lo='T4', hi='L5', s2_tps=['6w'], tech_p=0.6,
               cements=('PMMA', 'PMMA', 'Cortoss'), odi=True, miss_p=0.2, death_p=0.2)
    rng = np.random.default_rng(9402)
    H = ['Stamp amser / Timestamp', 'Cyfeiriad e-bost / Email address', 'Math o ffurflen / Form type',
         'Rhif astudiaeth / Study number', 'Rhif y driniaeth / Procedure number', 'Rhyw / Sex', 'Oed / Age',
         'Achos y toriad / Cause of fracture', 'Dyddiad y driniaeth / Date of procedure',
         'Lefel(au) a drinwyd / Level(s) treated', 'Techneg / Technique', 'Cyfaint sment / Cement volume',
         'Math o sment / Cement type', 'Gollyngiad sment? / Cement leak?',
         'Sgôr poen cyn y driniaeth (0-10) / Pain score before procedure (0-10)', 'ODI cyn / ODI before (%)',
         'Pa ymweliad? / Which visit?', 'Dyddiad yr ymweliad / Date of visit', 'Sgôr poen nawr (0-10) / Pain score now (0-10)',
         'ODI nawr / ODI now (%)', 'Toriad newydd? / New fracture?', 'Os do, pa lefel a phryd? / If yes, which level and when?',
         'Statws / Status', 'Dyddiad marwolaeth / Date of death', 'Sylwadau / Comments']
    C = {h: j for j, h in enumerate(H)}
    EM = ['rhian.pritchard@wales.nhs.example', 'd.llewellyn@wales.nhs.example', 'sarah.hughes2@wales.nhs.example']
    CAUSE = {'osteoporotic': ['osteoporosis', 'Osteoporotic wedge #', 'OP collapse, fell at home', 'osteoporotig'],
             'traumatic': ['RTC', 'fall from ladder - trauma', 'trawma (fell off horse)'],
             'myeloma': ['myeloma', 'Multiple myeloma (haem onc)'],
             'metastasis': ['mets - breast ca', 'metastatic prostate ca', 'lung ca mets']}
    LKW = {'disc': 'small leak into disc', 'venous': 'venous leak', 'paravertebral': 'paravertebral leak',
           'epidural': 'epidural leak - no neuro deficit', 'disc;venous': 'disc + venous leak'}
    VIS = {'6w': '6 wythnos / 6 weeks', '3m': '3 mis / 3 months', '12m': '12 mis / 12 months'}
    BR = {'PMMA': ['Spineplex', 'Confidence (PMMA)'], 'Cortoss': ['Cortoss']}

    def ts(d):
        t = dt.datetime(d.year, d.month, d.day, int(rng.integers(8, 18)), int(rng.integers(0, 60)), int(rng.integers(0, 60)))
        return t

    def ddmm(d):
        return d.strftime('%d/%m/%Y')

    def levtxt(ls):
        if len(ls) == 1:
            return ls[0]
        if len(ls) == 2:
            return ls[0] + (' + ' if rng.random() < 0.5 else ' and ') + ls[1]
        return ', '.join(ls[:-1]) + ' and ' + ls[-1]

    forms = []  # (timestamp, dict)
    for p in pats:
        for s in p['sessions']:
            f = {}
            f['Math o ffurflen / Form type'] = 'Llinell sylfaen (cyn triniaeth) / Baseline (pre-procedure)'
            f['Rhif y driniaeth / Procedure number'] = '1af / 1st' if s['session'] == 1 else '2il / 2nd (ail driniaeth / repeat)'
            if s['session'] == 1:
                f['Rhyw / Sex'] = 'Benyw / Female' if p['sex'] == 'female' else 'Gwryw / Male'
                f['Oed / Age'] = str(p['age'])
                cs = CAUSE[p['etio_detail'] or p['etiology']]
                c0 = cs[int(rng.integers(0, len(cs)))]
                if p['sex'] == 'male' and 'breast' in c0:
                    c0 = 'metastatic prostate ca'
                if p['sex'] == 'female' and 'prostate' in c0:
                    c0 = 'mets - breast ca'
                f['Achos y toriad / Cause of fracture'] = c0
            f['Dyddiad y driniaeth / Date of procedure'] = ddmm(s['date'])
            ls = [L['level'] for L in s['levels']]
            f['Lefel(au) a drinwyd / Level(s) treated'] = levtxt(ls)
            f['Techneg / Technique'] = 'Fertebroplasti / Vertebroplasty' if s['tech'] == 'vertebroplasty' else 'Cyffoplasti / Kyphoplasty'
            if len(ls) == 1:
                f['Cyfaint sment / Cement volume'] = '%s ml' % fmtnum(s['levels'][0]['vol']) if rng.random() < 0.6 else '%smls' % fmtnum(s['levels'][0]['vol'])
            else:
                f['Cyfaint sment / Cement volume'] = ', '.join('%s %sml' % (L['level'], fmtnum(L['vol'])) for L in s['levels'])
            b = BR[s['cement']]
            f['Math o sment / Cement type'] = b[int(rng.integers(0, len(b)))]
            lk = [L for L in s['levels'] if L['leak'] != 'none']
            if not lk:
                f['Gollyngiad sment? / Cement leak?'] = 'Na / No'
            elif len(ls) == 1:
                f['Gollyngiad sment? / Cement leak?'] = 'Do / Yes - ' + LKW[lk[0]['leak']]
            else:
                f['Gollyngiad sment? / Cement leak?'] = 'Do / Yes - ' + '; '.join('%s %s' % (L['level'], LKW[L['leak']]) for L in lk)
            a = s['ass']['pre']
            f['Sgôr poen cyn y driniaeth (0-10) / Pain score before procedure (0-10)'] = str(a['pain_vas'])
            f['ODI cyn / ODI before (%)'] = str(a['odi'])
            forms.append((ts(s['date'] + dt.timedelta(days=int(rng.integers(0, 3)))), p, f, ('base', s['session'])))
            for tp, v in s['ass'].items():
                if tp == 'pre':
                    continue
                g = {'Math o ffurflen / Form type': 'Dilyniant / Follow-up',
                     'Rhif y driniaeth / Procedure number': '1af / 1st' if s['session'] == 1 else '2il / 2nd (ail driniaeth / repeat)',
                     'Pa ymweliad? / Which visit?': VIS[tp], 'Dyddiad yr ymweliad / Date of visit': ddmm(v['date']),
                     'Sgôr poen nawr (0-10) / Pain score now (0-10)': str(v['pain_vas']),
                     'ODI nawr / ODI now (%)': str(v['odi']), 'Toriad newydd? / New fracture?': 'Na / No',
                     'Statws / Status': 'Yn fyw / Alive'}
                if rng.random() < 0.2:
                    g['Sylwadau / Comments'] = ['Much better, walking to the shops', 'Still using a stick', 'Phone review - ffoniwyd y claf', 'Back to Welsh choir'][int(rng.integers(0, 4))]
                forms.append((ts(v['date'] + dt.timedelta(days=int(rng.integers(0, 6)))), p, g, ('fu', s['session'], tp, v['date'])))
        for d, L in p['fractures']:
            fd = p['d0'] + dt.timedelta(days=d)
            nxt = [x for x in forms if x[1] is p and x[3][0] == 'fu' and x[3][3] >= fd]
            txt = '%s - seen on XR %s' % (L, ddmm(fd))
            if nxt:
                tgt = min(nxt, key=lambda x: x[3][3])
                tgt[2]['Toriad newydd? / New fracture?'] = 'Do / Yes'
                tgt[2]['Os do, pa lefel a phryd? / If yes, which level and when?'] = txt
            else:
                g = {'Math o ffurflen / Form type': 'Dilyniant / Follow-up', 'Rhif y driniaeth / Procedure number': '1af / 1st',
                     'Pa ymweliad? / Which visit?': 'Arall / Other (heb ei drefnu / unscheduled)',
                     'Dyddiad yr ymweliad / Date of visit': ddmm(fd), 'Toriad newydd? / New fracture?': 'Do / Yes',
                     'Os do, pa lefel a phryd? / If yes, which level and when?': txt, 'Statws / Status': 'Yn fyw / Alive',
                     'Sylwadau / Comments': 'Seen in ED with new back pain, no score taken'}
                forms.append((ts(fd + dt.timedelta(days=1)), p, g, ('nf',)))
        if p['died'] == 'yes':
            dd = p['d0'] + dt.timedelta(days=p['death_day'])
            g = {'Math o ffurflen / Form type': 'Dilyniant / Follow-up', 'Rhif y driniaeth / Procedure number': '1af / 1st',
                 'Pa ymweliad? / Which visit?': 'Dim / None (hysbysiad marwolaeth / death notification)',
                 'Statws / Status': 'Wedi marw / Died', 'Dyddiad marwolaeth / Date of death': ddmm(dd),
                 'Sylwadau / Comments': 'GP letter received'}
            forms.append((ts(dd + dt.timedelta(days=int(rng.integers(3, 15)))), p, g, ('death',)))
    forms.sort(key=lambda x: x[0])
    rows = []
    errors = []
    fu_idx = [i for i, x in enumerate(forms) if x[3][0] == 'fu']
    base_idx = [i for i, x in enumerate(forms) if x[3][0] == 'base' and x[3][1] == 1]
    plan = {fu_idx[4]: 'odi', fu_idx[17]: 'date', base_idx[8]: 'level', fu_idx[30]: 'noid'}
    for i, (t, p, f, meta) in enumerate(forms):
        row = [''] * len(H)
        row[0] = t.strftime('%d/%m/%Y %H:%M:%S')
        row[1] = EM[int(rng.integers(0, 3))]
        row[C['Rhif astudiaeth / Study number']] = p['pid']
        for k, v in f.items():
            row[C[k]] = v
        rn = i + 2
        e = plan.get(i)
        if e == 'odi':
            k = 'ODI nawr / ODI now (%)'
            row[C[k]] = '180'
            errors.append(['input', '%s%d' % (col_letter(C[k] + 1), rn), rn, k, '180', 'ODI 180 on a 0-100 scale', p['pid']])
        elif e == 'date':
            k = 'Dyddiad yr ymweliad / Date of visit'
            d = meta[3]
            bad = ddmm(d.replace(year=d.year - 1))
            row[C[k]] = bad
            errors.append(['input', '%s%d' % (col_letter(C[k] + 1), rn), rn, k, bad,
                           'follow-up visit dated before the procedure (wrong year typed)', p['pid']])
        elif e == 'level':
            k = 'Lefel(au) a drinwyd / Level(s) treated'
            lv0 = p['sessions'][0]['levels'][0]['level']
            bad_l = 'L7' if lv0.startswith('L') else 'T14'
            row[C[k]] = row[C[k]].replace(lv0, bad_l)
            kc = 'Cyfaint sment / Cement volume'
            row[kc and C[kc]] = row[C[kc]].replace(lv0 + ' ', bad_l + ' ')
            errors.append(['input', '%s%d' % (col_letter(C[k] + 1), rn), rn, k, row[C[k]], 'impossible vertebral level %s' % bad_l, p['pid']])
        elif e == 'noid':
            k = 'Rhif astudiaeth / Study number'
            row[C[k]] = ''
            errors.append(['input', '%s%d' % (col_letter(C[k] + 1), rn), rn, k, '',
                           'study number missing on a follow-up form with data (belongs to %s by date/sequence)' % p['pid'], p['pid']])
        rows.append(row)
    with open(os.path.join(out, 'input.csv'), 'w', newline='', encoding='utf-8-sig') as fh:
        w = csv.writer(fh)
        w.writerow(H)
        w.writerows(rows)
    write_truth(out, pats, errors, [], vol_mode='level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
