# ---------------------------------------------------------------- common data model
import sys, os, csv
from datetime import date, timedelta
import numpy as np

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
OFF = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 90, '6m': 180, '12m': 365, '24m': 730}
JIT = {'pre': 0, '24h': 0, '1w': 2, '2w': 3, '1m': 5, '6w': 5, '3m': 10, '6m': 14, '12m': 21, '24m': 30}
FAC = {'pre': 1.0, '24h': 0.48, '1w': 0.42, '2w': 0.38, '1m': 0.34, '6w': 0.32, '3m': 0.29, '6m': 0.27, '12m': 0.26, '24m': 0.26}


def pick_levels(rng, n):
    cands = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4']
    w = np.array([1, 1, 2, 2, 3, 5, 9, 9, 5, 3, 2], float)
    w /= w.sum()
    while True:
        s = LEVELS.index(str(rng.choice(cands, p=w)))
        idx = list(range(s, s + n))
        if idx[-1] <= LEVELS.index('L5'):
            return [LEVELS[i] for i in idx]


def neighbour(rng, used):
    idxs = sorted(LEVELS.index(u) for u in used)
    opts = [idxs[0] - 1, idxs[-1] + 1, idxs[0] - 2, idxs[-1] + 2]
    opts = [o for o in opts if LEVELS.index('T4') <= o <= LEVELS.index('L5') and LEVELS[o] not in used]
    return LEVELS[opts[int(rng.integers(0, min(2, len(opts))))]]


def rnd(x, step):
    return round(round(x / step) * step, 1)


def gen(seed, ids, cfg):
    rng = np.random.default_rng(seed)
    pts = []
    for pid in ids:
        p = {'pid': pid}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        r = rng.random()
        p['etiology'] = ('osteoporotic' if r < 0.70 else 'pathologic' if r < 0.87 else 'traumatic')
        lo, hi = {'osteoporotic': (62, 93), 'pathologic': (47, 84), 'traumatic': (34, 80)}[p['etiology']]
        d0 = cfg['start'] + timedelta(days=int(rng.integers(0, cfg['span'])))
        age = int(rng.integers(lo, hi))
        b = date(d0.year - age - 1, 1, 1) + timedelta(days=int(rng.integers(0, 365)))
        age = d0.year - b.year - ((d0.month, d0.day) < (b.month, b.day))
        p['birth'], p['age'], p['d0'] = b, age, d0
        pdie = 0.4 if p['etiology'] == 'pathologic' else 0.1
        p['died'] = bool(rng.random() < pdie)
        p['death_day'] = int(rng.integers(50, 420)) if p['died'] else 10 ** 6
        if p['died'] and d0 + timedelta(days=p['death_day']) > cfg['cutoff']:
            p['death_day'] = max(20, (cfg['cutoff'] - d0).days - int(rng.integers(5, 30)))
        nl = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        lev = pick_levels(rng, nl)
        sessions = [{'n': 1, 'day': 0, 'date': d0, 'levels': lev}]
        p['fractures'] = []
        if rng.random() < 0.22:
            fd = int(rng.integers(35, 280))
            if fd < p['death_day'] - 25 and d0 + timedelta(days=fd) < cfg['cutoff']:
                fl = neighbour(rng, lev)
                p['fractures'].append((fd, fl))
                if rng.random() < 0.6:
                    sd = fd + int(rng.integers(4, 21))
                    sessions.append({'n': 2, 'day': sd, 'date': d0 + timedelta(days=sd), 'levels': [fl], 'new': True})
        if len(sessions) == 1 and rng.random() < 0.12:
            sd = int(rng.integers(21, 75))
            if sd < p['death_day'] - 20:
                sessions.append({'n': 2, 'day': sd, 'date': d0 + timedelta(days=sd), 'levels': [neighbour(rng, lev)], 'new': False})
        for s in sessions:
            kp = rng.random() < cfg['kp_rate']
            s['tech'] = 'kyphoplasty' if kp else 'vertebroplasty'
            s['vols'], s['leaks'] = [], []
            for l in s['levels']:
                thor = l.startswith('T')
                a, bb = ((2.5, 4.5) if thor else (3.5, 6.5)) if kp else ((1.8, 3.5) if thor else (2.8, 5.0))
                s['vols'].append(rnd(rng.uniform(a, bb), cfg.get('vol_step', 0.5)))
                if rng.random() < cfg.get('leak_rate', 0.25):
                    sites = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']
                    w = np.array([.35, .3, .2, .1, .05])
                    k = 2 if rng.random() < 0.15 else 1
                    ch = list(rng.choice(sites, size=k, replace=False, p=w))
                    s['leaks'].append(sorted(ch, key=sites.index))
                else:
                    s['leaks'].append([])
            s['ctype'] = cfg['ctype'](rng, s['tech'])   # (truth, label)
            s['total'] = round(sum(s['vols']), 1)
        p['sessions'] = sessions
        # assessments
        p['visits'], p['assess'] = {}, []
        for s in sessions:
            meas = cfg['meas']
            tps = []
            for m, (t1, t2) in meas.items():
                for t in (t1 if s['n'] == 1 else t2):
                    if t not in tps:
                        tps.append(t)
            tps.sort(key=lambda t: OFF[t])
            base = {'pain_vas': (rng.uniform(6.5, 10.0)), 'odi': rng.uniform(46, 86), 'mobility': int(rng.integers(0, 2))}
            for t in tps:
                if t == 'pre':
                    vd = s['date'] - timedelta(days=int(rng.integers(0, cfg.get('pre_gap', 1) + 1)))
                else:
                    j = JIT[t]
                    vd = s['date'] + timedelta(days=OFF[t] + int(rng.integers(-j, j + 1)))
                    if rng.random() < cfg.get('miss', 0.18):
                        continue
                    if (vd - d0).days >= p['death_day'] or vd > cfg['cutoff']:
                        continue
                p['visits'][(s['n'], t)] = vd
                for m, (t1, t2) in meas.items():
                    if t not in (t1 if s['n'] == 1 else t2):
                        continue
                    if m == 'pain_vas':
                        v = base[m] * FAC[t] + rng.normal(0, 0.8) if t != 'pre' else base[m]
                        if cfg.get('vas_mm'):
                            raw = int(min(100, max(0, round(v * 10))))
                            val = raw / 10
                        else:
                            raw = int(min(10, max(0, round(v))))
                            val = raw
                    elif m == 'odi':
                        v = base[m] * (0.38 + 0.62 * FAC[t]) + rng.normal(0, 4) if t != 'pre' else base[m]
                        raw = int(min(100, max(0, round(v / 2) * 2)))
                        val = raw
                    else:
                        raw = base[m] if t == 'pre' else int(min(3, base[m] + (1 if t == '24h' else 2) - (rng.random() < 0.2)))
                        val = raw
                    p['assess'].append({'session': s['n'], 'measure': m, 'tp': t, 'raw': raw, 'value': val, 'date': vd})
        pts.append(p)
    return pts


def A(p, s, m, t):
    for a in p['assess']:
        if a['session'] == s and a['measure'] == m and a['tp'] == t:
            return a
    return None


def fmtnum(x):
    return ('%g' % x) if x is not None else ''


def write_truth(outdir, pts, errors, idents, cfg):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    rec = cfg.get('record', {})
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if rec.get('sex', 1) else '', p['age'] if rec.get('age', 1) else '',
        p['etiology'] if rec.get('etiology', 1) else '',
        ('yes' if p['died'] else 'no') if rec.get('died', 1) else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            multi = len(s['levels']) > 1
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                if cfg['vol_mode'] == 'level' or not multi:
                    cv, sv = fmtnum(v), ''
                else:
                    cv, sv = '', fmtnum(s['total'])
                rows.append([p['pid'], s['n'], s['day'], l, s['tech'], cv, sv,
                             s['ctype'][0] if rec.get('ctype', 1) else '',
                             ';'.join(lk) if lk else 'none'])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'],
      [[p['pid'], a['session'], a['measure'], a['tp'], fmtnum(a['value'])] for p in pts for a in p['assess']])
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['pid'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, irows = set(), []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v))
            irows.append([k, v])
    w('identifiers.csv', ['kind', 'value'], irows)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- site specific
SEED = 1505


def ctype(rng, tech):
    if tech == 'kyphoplasty':
        return ('PMMA', 'PMMA (Kyphon HV-R)')
    return ('PMMA', 'PMMA (Osteopal V)') if rng.random() < 0.7 else ('calcium phosphate', 'Kalsiyum fosfat (Calcibon)')


CFG = dict(start=date(2021, 10, 1), span=620, cutoff=date(2024, 11, 15), kp_rate=0.4, vol_step=0.5,
           vol_mode='level', miss=0.2,
           meas={'pain_vas': (['pre', '1w', '1m', '3m', '6m', '12m'], ['pre', '1m']),
                 'odi': (['pre', '3m', '12m'], ['pre'])}, ctype=ctype)

TECH = {'kyphoplasty': 'Kifoplasti (balon)', 'vertebroplasty': 'Vertebroplasti'}
LEAK = {'disc': 'disk', 'venous': 'venöz', 'paravertebral': 'paravertebral', 'epidural': 'epidural', 'foraminal': 'foraminal'}
TPL = {'1w': 'KONTROL - 1. HAFTA', '1m': 'KONTROL - 1. AY', '3m': 'KONTROL - 3. AY', '6m': 'KONTROL - 6. AY',
       '12m': 'KONTROL - 12. AY'}
HDR = ['Hasta Kodu', 'Cinsiyet', 'Yaş', 'Tanı Kodu', 'Tanı', 'Kayıt Tipi', 'İşlem No', 'Tarih', 'Seviye', 'İşlem',
       'Çimento', 'Çimento Miktarı (ml)', 'Kaçak', 'VAS', 'ODI', 'Açıklama']


def tr(d):
    return d.strftime('%d.%m.%Y')


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    ids = ['IZM-%04d' % (1000 + 7 * i + 3) for i in range(1, 24)]
    pts = gen(SEED, ids, CFG)
    rng = np.random.default_rng(SEED + 7)
    rows = []
    where = {}
    for p in pts:
        if p['etiology'] == 'osteoporotic':
            code, dx = 'M80.0', 'Postmenopozal osteoporoz, patolojik kırıkla birlikte' if p['sex'] == 'female' else 'Osteoporoz, patolojik kırıkla birlikte'
        elif p['etiology'] == 'traumatic':
            code, dx = ('S32.0', 'Lomber vertebra kırığı') if p['sessions'][0]['levels'][0].startswith('L') else ('S22.0', 'Torakal vertebra kırığı')
        else:
            code, dx = [('C79.5', 'Kemik ve kemik iliğinin sekonder malign neoplazmı'), ('C90.0', 'Multipl miyelom')][int(rng.random() < 0.35)]
        sx = 'K' if p['sex'] == 'female' else 'E'
        ev = []
        for s in p['sessions']:
            pre = A(p, s['n'], 'pain_vas', 'pre')
            po = A(p, s['n'], 'odi', 'pre')
            vd = p['visits'][(s['n'], 'pre')]
            ev.append((vd, 0, s['n'], ['PREOP DEĞERLENDİRME', s['n'], tr(vd), '', '', '', '', '', pre['raw'], po['raw'] if po else '', ''], ('pre', s['n'])))
            for i, (l, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
                ev.append((s['date'], 1, s['n'], ['AMELİYAT', s['n'], tr(s['date']), l, TECH[s['tech']], s['ctype'][1],
                                                  ('%g' % v).replace('.', ','), 'Yok' if not lk else '+ (' + ', '.join(LEAK[x] for x in lk) + ')',
                                                  '', '', ('2. seans - yeni kırık' if s.get('new') else '2. seans - eski kırık, planlı') if s['n'] == 2 and i == 0 else ''],
                           ('op', s['n'], l)))
            for t in (CFG['meas']['pain_vas'][0] if s['n'] == 1 else CFG['meas']['pain_vas'][1]):
                if t == 'pre':
                    continue
                nominal = s['date'] + timedelta(days=OFF[t])
                if (nominal - p['d0']).days >= p['death_day'] or nominal > CFG['cutoff']:
                    continue
                if (s['n'], t) in p['visits']:
                    d = p['visits'][(s['n'], t)]
                    a = A(p, s['n'], 'pain_vas', t)
                    o = A(p, s['n'], 'odi', t)
                    ev.append((d, 2, s['n'], [TPL[t], s['n'], tr(d), '', '', '', '', '', a['raw'], o['raw'] if o else '', ''], ('v', s['n'], t)))
                elif rng.random() < 0.6:
                    ev.append((nominal, 2, s['n'], [TPL[t], s['n'], tr(nominal), '', '', '', '', '', '', '', 'RANDEVUYA GELMEDİ'], None))
        for d, l in p['fractures']:
            fd = p['d0'] + timedelta(days=d)
            ev.append((fd, 0, 9, ['YENİ KIRIK', '', tr(fd), l, '', '', '', '', '', '', 'MR ile doğrulandı'], None))
        if p['died']:
            dd = p['d0'] + timedelta(days=p['death_day'])
            ev.append((dd, 3, 9, ['EX', '', tr(dd), '', '', '', '', '', '', '', 'Ölüm bildirimi (e-Nabız)'], None))
        ev.sort(key=lambda e: (e[0], e[1]))
        for d, _, _, rest, key in ev:
            ad = d if rest[0] != 'PREOP DEĞERLENDİRME' else p['sessions'][rest[1] - 1]['date']
            rows.append([p['pid'], sx, age_at(p['birth'], ad), code, dx] + rest)
            if key:
                where[(p['pid'],) + key] = len(rows) + 1   # +1 for header row
    errors = []
    used = set()

    def plant(pid, key, col, value, what):
        r = where[(pid,) + key]
        rows[r - 2][col] = value
        used.add(pid)
        errors.append(['input', '%s%d' % (col_letter(col + 1), r), r, HDR[col], value, what, pid])

    single = [p for p in pts if len(p['sessions']) == 1 and len(p['sessions'][0]['levels']) == 1]
    p = single[2]
    plant(p['pid'], ('op', 1, p['sessions'][0]['levels'][0]), 8, 'L7', 'impossible vertebral level L7')
    p = single[6]
    plant(p['pid'], ('op', 1, p['sessions'][0]['levels'][0]), 11, '45', 'cement volume 45 mL in one vertebra')
    c = [p for p in pts if (1, '3m') in p['visits'] and p['pid'] not in used]
    p = c[3]
    plant(p['pid'], ('v', 1, '3m'), 13, 14, 'VAS 14 on a 0-10 scale')
    c = [p for p in pts if (1, '1m') in p['visits'] and p['pid'] not in used and len(p['sessions']) == 1]
    p = c[5]
    d = p['visits'][(1, '1m')]
    plant(p['pid'], ('v', 1, '1m'), 7, '30.02.%d' % d.year, 'impossible date 30 February')
    with open(os.path.join(outdir, 'input.csv'), 'w', newline='', encoding='utf-8-sig') as f:
        cw = csv.writer(f, delimiter=';')
        cw.writerow(HDR)
        cw.writerows(rows)
    write_truth(outdir, pts, errors, [], CFG)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
