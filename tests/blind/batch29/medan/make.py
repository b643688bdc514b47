#!/usr/bin/env python
"""Medan unit workbook + truth. Run from its folder: python make.py"""
# === common generator begin ===
import csv, os, random, re, zipfile, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = ([f'C{i}' for i in range(1, 8)] + [f'T{i}' for i in range(1, 13)]
         + [f'L{i}' for i in range(1, 6)] + ['S1'])
TPD = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 91, '6m': 182, '12m': 365}
JIT = {'pre': (-7, 0), '24h': (1, 1), '1w': (5, 9), '2w': (11, 17), '1m': (26, 34),
       '6w': (38, 47), '3m': (82, 101), '6m': (168, 196), '12m': (345, 386)}
DROP = {'24h': (2, 4), '1w': (2.5, 4.5), '2w': (3, 5), '1m': (3, 5), '6w': (3, 5.5),
        '3m': (3.5, 5.5), '6m': (3.5, 5.5), '12m': (3.5, 6)}
ODROP = {'24h': (4, 10), '1w': (6, 14), '2w': (8, 18), '1m': (10, 25), '6w': (12, 28),
         '3m': (18, 34), '6m': (20, 38), '12m': (20, 38)}
D = dt.timedelta


def fmt(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        return ('%.1f' % x).rstrip('0').rstrip('.')
    return str(x)


def _session(rng, p, s, day, levels, tech, vol_step, cp_prob, tps, odi_tps, half, miss):
    vols = []
    for lv in levels:
        lo, hi = (1.5, 3.5) if lv.startswith('T') else (2.5, 5.5)
        if tech == 'kyphoplasty':
            lo, hi = lo + 1.0, hi + 1.0
        vols.append(round(round(rng.uniform(lo, hi) / vol_step) * vol_step, 1))
    ctype = 'calcium phosphate' if rng.random() < (cp_prob * (3 if p['etiology'] == 'traumatic' else 1)) else 'PMMA'
    leaks = [rng.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous', 'epidural'],
                         [68, 14, 9, 5, 2, 2])[0] for _ in levels]
    sess = {'s': s, 'day': day, 'date': p['op1'] + D(days=day), 'tech': tech, 'levels': levels,
            'vols': vols, 'ctype': ctype, 'leaks': leaks, 'visits': [], 'missed': [], 'dead': []}
    pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
    if half and rng.random() < 0.3:
        pre -= 0.5
    opre = 2 * rng.randint(20, 42)
    for tp in tps:
        rel = rng.randint(*JIT[tp])
        ab = day + rel
        if p['died'] and ab >= p['death_day']:
            sess['dead'].append(tp)
            continue
        if tp != 'pre' and rng.random() < miss:
            sess['missed'].append(tp)
            continue
        if tp == 'pre':
            v, o = pre, opre
        else:
            v = pre - rng.uniform(*DROP[tp])
            if p['etiology'] == 'pathologic' and tp in ('6m', '12m'):
                v += rng.uniform(0, 2)
            v = max(1.0, min(10.0, v))
            v = round(v * 2) / 2 if half else float(round(v))
            o = max(6, opre - 2 * round(rng.uniform(*ODROP[tp]) / 2))
        if isinstance(v, float) and v == int(v):
            v = int(v)
        sess['visits'].append({'tp': tp, 'rel': rel, 'day': ab, 'date': p['op1'] + D(days=ab),
                               'vas': v, 'odi': o if tp in odi_tps else None})
    return sess


def generate(seed, n, tps1, tps2, kp_prob=0.3, cp_prob=0.05, start=dt.date(2021, 1, 11),
             end=dt.date(2022, 11, 30), odi_tps=(), odi_tps2=(), half=False, miss=0.12,
             vol_step=0.5, n_s2=3, n_dead=3):
    rng = random.Random(seed)
    P = []
    n_met, n_mm, n_tr = max(2, round(n * 0.15)), max(1, round(n * 0.08)), max(1, round(n * 0.1))
    ets = ([('pathologic', 'metastasis')] * n_met + [('pathologic', 'myeloma')] * n_mm
           + [('traumatic', 'trauma')] * n_tr + [('other', 'haemangioma')])
    ets += [('osteoporotic', 'osteoporosis')] * (n - len(ets))
    rng.shuffle(ets)
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        et, sub = ets[i]
        p['etiology'], p['sub'] = et, sub
        p['primary'] = ''
        if sub == 'metastasis':
            p['primary'] = rng.choice(['breast', 'lung', 'prostate', 'kidney', 'thyroid'])
            if p['primary'] == 'prostate':
                p['sex'] = 'male'
            if p['primary'] == 'breast':
                p['sex'] = 'female'
        lo, hi = {'osteoporotic': (63, 90), 'pathologic': (49, 82), 'traumatic': (45, 78), 'other': (40, 72)}[et]
        p['age'] = rng.randint(lo, hi)
        op1 = start + D(days=rng.randint(0, (end - start).days))
        while op1.weekday() > 4:
            op1 += D(days=1)
        p['op1'] = op1
        anniv = dt.date(op1.year - p['age'], op1.month, min(op1.day, 28))
        p['dob'] = anniv - D(days=rng.randint(1, 360))
        P.append(p)
    # deaths: pathologic first, then others, fixed count
    order = sorted(range(n), key=lambda k: (P[k]['etiology'] != 'pathologic', rng.random()))
    dead = set(order[:n_dead])
    for k, p in enumerate(P):
        p['died'] = k in dead
        p['death_day'] = rng.randint(75, 420) if p['died'] else None
    # fractures and second sessions
    cand = [k for k in range(n) if not P[k]['died'] or P[k]['death_day'] > 200]
    rng.shuffle(cand)
    s2set = set(cand[:n_s2])
    fxset = set(cand[:n_s2 + 2])
    for k, p in enumerate(P):
        nlev = rng.choices([1, 2, 3], [55, 33, 12])[0]
        first = rng.choices(['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'],
                            [2, 3, 4, 5, 7, 12, 18, 18, 12, 7, 4])[0]
        idx = min(SPINE.index(first), SPINE.index('L5') - nlev)
        levels = SPINE[idx:idx + nlev]
        tech = 'kyphoplasty' if rng.random() < kp_prob else 'vertebroplasty'
        p['sessions'] = [_session(rng, p, 1, 0, levels, tech, vol_step, cp_prob, tps1, odi_tps, half, miss)]
        p['fracture'] = None
        if k in fxset:
            hi = 300 if not p['died'] else p['death_day'] - 60
            fday = rng.randint(30, max(31, hi))
            flev = SPINE[idx - 1] if (rng.random() < 0.5) else SPINE[idx + nlev]
            p['fracture'] = {'day': fday, 'level': flev, 'date': p['op1'] + D(days=fday)}
            if k in s2set:
                s2day = fday + rng.randint(5, 20)
                while (p['op1'] + D(days=s2day)).weekday() > 4:
                    s2day += 1
                tech2 = tech if rng.random() < 0.8 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                p['sessions'].append(_session(rng, p, 2, s2day, [flev], tech2, vol_step, cp_prob, tps2,
                                              odi_tps2, half, miss))
        p['death_date'] = p['op1'] + D(days=p['death_day']) if p['died'] else None
    P.sort(key=lambda p: p['op1'])
    return P, rng


def write_truth(P, per_level, record_ctype, errors, idents, drop=()):
    tdir = os.path.join(HERE, 'truth')
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            cw.writerows(rows)
    pts, prc, ass, frx = [], [], [], []
    for p in P:
        pid = p['pid']
        pts.append([pid, p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for s in p['sessions']:
            tot = round(sum(s['vols']), 1)
            for lv, vol, lk in zip(s['levels'], s['vols'], s['leaks']):
                prc.append([pid, s['s'], s['day'], lv, s['tech'], fmt(vol) if per_level else '',
                            '' if per_level else fmt(tot), s['ctype'] if record_ctype else '', lk])
            for v in s['visits']:
                if (pid, s['s'], 'pain_vas', v['tp']) not in drop:
                    ass.append([pid, s['s'], 'pain_vas', v['tp'], fmt(v['vas'])])
                if v['odi'] is not None and (pid, s['s'], 'odi', v['tp']) not in drop:
                    ass.append([pid, s['s'], 'odi', v['tp'], fmt(v['odi'])])
        if p['fracture']:
            frx.append([pid, p['fracture']['day'], p['fracture']['level']])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], pts)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], prc)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], ass)
    w('fractures.csv', ['patient_id', 'day', 'level'], frx)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, idr = set(), []
    for kind, val in idents:
        if (kind, val) not in seen:
            seen.add((kind, val))
            idr.append([kind, val])
    w('identifiers.csv', ['kind', 'value'], idr)


def col_letter(c):  # 0-based
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# === common generator end ===

# ---------------------------------------------------------------- Medan
import xlsxwriter

TPS1 = ['pre', '24h', '1w', '1m', '3m', '6m', '12m']
TPS2 = ['pre', '1w', '1m', '3m', '6m']
P, rng = generate(2904, 18, TPS1, TPS2, kp_prob=0.2, cp_prob=0.08, odi_tps=('pre', '3m', '6m'),
                  odi_tps2=(), n_s2=4, n_dead=3, start=dt.date(2021, 2, 1), end=dt.date(2022, 11, 30),
                  miss=0.16)
for i, p in enumerate(P):
    p['pid'] = 'VP-MDN-%02d' % (i + 1)

NAMA_F = ['Rosmawati Siregar', 'Tiurma br. Simanjuntak', 'Nurhayati Lubis', 'Sri Wahyuni', 'Lim Siu Lan',
          'Masdiana Harahap', 'Rugun br. Sitompul', 'Ernawati Nasution', 'Tan Bie Hoa', 'Siti Rahmah',
          'Lasma br. Ginting', 'Juliana Tarigan', 'Ratna Dewi Pohan', 'Hj. Fatimah Daulay']
NAMA_M = ['Hotman Nasution', 'Ahmad Syahputra', 'Bonar Simanjuntak', 'Tjong Ah Kiong', 'Sahat Panjaitan',
          'Mhd. Ridwan Lubis', 'Jonggi Sinaga', 'Sukiman', 'Darwin Sembiring', 'H. Abdul Halim Rangkuti']
fem = [p for p in P if p['sex'] == 'female']
mal = [p for p in P if p['sex'] == 'male']
for p, nm in zip(fem, rng.sample(NAMA_F, len(fem))):
    p['nama'] = nm
for p, nm in zip(mal, rng.sample(NAMA_M, len(mal))):
    p['nama'] = nm
for p in P:
    d = p['dob']
    p['nik'] = '1271%02d%02d%02d%02d%04d' % (rng.randint(1, 21), d.day + (40 if p['sex'] == 'female' else 0),
                                            d.month, d.year % 100, rng.randint(1, 80))
    p['rm'] = '%02d.%02d.%02d' % (rng.randint(0, 79), rng.randint(0, 99), rng.randint(0, 99))
    p['hp'] = '%s-%04d-%04d' % (rng.choice(['0812', '0813', '0821', '0852', '0811']), rng.randint(0, 9999), rng.randint(0, 9999))

def lvl(x):
    return ('Th ' + x[1:]) if x.startswith('T') else x[0] + ' ' + x[1:]

def tgl(d):
    return d.strftime('%d/%m/%Y')

def diagnosa(p):
    return {'osteoporosis': rng.choice(['Fraktur kompresi osteoporosis', 'Osteoporosis, fraktur kompresi']),
            'myeloma': 'Multiple myeloma', 'trauma': 'Fraktur kompresi ec trauma', 'haemangioma': 'Hemangioma vertebra',
            'metastasis': 'Metastasis ' + {'breast': 'Ca mammae', 'lung': 'Ca paru', 'prostate': 'Ca prostat',
                                           'kidney': 'Ca ginjal', 'thyroid': 'Ca tiroid'}.get(p['primary'], '')}[p['sub']]

BOC = {'disc': 'diskus', 'venous': 'vena', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
       'disc;venous': 'diskus + vena'}
def bocor(s):
    lk = [(l, x) for l, x in zip(s['levels'], s['leaks']) if x != 'none']
    if not lk:
        return 'Tidak'
    if len(s['levels']) == 1:
        return 'Ya (%s)' % BOC[lk[0][1]]
    return 'Ya (%s)' % '; '.join('%s %s' % (BOC[x], lvl(l)) for l, x in lk)

def vol_txt(v):
    # typed by hand: sometimes number, sometimes '5,5' or '4 cc'
    return v

KUNJ = {'pre': 'pre', '24h': '24 jam', '1w': '1 mgg', '2w': '2 mgg', '1m': '1 bln', '3m': '3 bln', '6m': '6 bln', '12m': '12 bln'}

# ---- Tindakan I (one row per patient, first operation)
H1 = ['No', 'No. RM', 'Nama Pasien', 'NIK', 'Tgl Lahir', 'No. HP', 'Kode', 'JK', 'Umur', 'Diagnosa', 'Tgl Tindakan',
      'Tindakan', 'Level', 'Vol. Semen (cc)', 'Jenis Semen', 'Kebocoran Semen', 'Fraktur Baru', 'Level Fraktur Baru',
      'Tgl Fraktur Baru', 'Meninggal', 'Tgl Meninggal', 'Keterangan']
T1 = []
for n, p in enumerate(P, 1):
    s = p['sessions'][0]
    fx = p['fracture']
    T1.append({'No': n, 'No. RM': p['rm'], 'Nama Pasien': p['nama'], 'NIK': p['nik'], 'Tgl Lahir': p['dob'].strftime('%d-%m-%Y'),
               'No. HP': p['hp'], 'Kode': p['pid'], 'JK': 'P' if p['sex'] == 'female' else 'L', 'Umur': '%d th' % p['age'],
               'Diagnosa': diagnosa(p), 'Tgl Tindakan': s['date'],
               'Tindakan': 'Kifoplasti' if s['tech'] == 'kyphoplasty' else 'Vertebroplasti',
               'Level': ', '.join(lvl(x) for x in s['levels']), 'Vol. Semen (cc)': round(sum(s['vols']), 1),
               'Jenis Semen': 'PMMA' if s['ctype'] == 'PMMA' else 'Kalsium fosfat', 'Kebocoran Semen': bocor(s),
               'Fraktur Baru': 'Ya' if fx else 'Tidak', 'Level Fraktur Baru': lvl(fx['level']) if fx else '-',
               'Tgl Fraktur Baru': fx['date'] if fx else '-', 'Meninggal': 'Ya' if p['died'] else 'Tidak',
               'Tgl Meninggal': p['death_date'] if p['died'] else '-',
               'Keterangan': ('Tindakan II, lihat sheet' if len(p['sessions']) > 1 else None), '_p': p})
# ---- Tindakan II (repeat operations with their own VAS columns)
H2 = ['No', 'Kode', 'Nama Pasien', 'No. RM', 'Tgl Tindakan II', 'Tindakan', 'Level', 'Vol. Semen (cc)', 'Jenis Semen',
      'Kebocoran Semen', 'VAS pre', 'VAS 1 mgg', 'VAS 1 bln', 'VAS 3 bln', 'VAS 6 bln', 'Keterangan']
V2 = dict(zip(TPS2, ['VAS pre', 'VAS 1 mgg', 'VAS 1 bln', 'VAS 3 bln', 'VAS 6 bln']))
T2 = []
for p in P:
    for s in p['sessions'][1:]:
        r = {'No': len(T2) + 1, 'Kode': p['pid'], 'Nama Pasien': p['nama'], 'No. RM': p['rm'], 'Tgl Tindakan II': s['date'],
             'Tindakan': 'Kifoplasti' if s['tech'] == 'kyphoplasty' else 'Vertebroplasti',
             'Level': ', '.join(lvl(x) for x in s['levels']), 'Vol. Semen (cc)': round(sum(s['vols']), 1),
             'Jenis Semen': 'PMMA' if s['ctype'] == 'PMMA' else 'Kalsium fosfat', 'Kebocoran Semen': bocor(s),
             'Keterangan': 'fraktur baru %s' % lvl(s['levels'][0]), '_p': p}
        vis = {v['tp']: v for v in s['visits']}
        for tp, h in V2.items():
            r[h] = ('%s/10' % fmt(vis[tp]['vas'])) if tp in vis else ('tdk datang' if tp in s['missed'] else
                                                                   ('meninggal' if tp in s['dead'] else None))
        T2.append(r)
# ---- Kontrol (long form, first operation only)
H3 = ['No', 'Kode', 'Tgl Kontrol', 'Kunjungan', 'VAS', 'ODI', 'Keterangan']
T3 = []
for p in P:
    s = p['sessions'][0]
    items = [(v['day'], v['tp'], v) for v in s['visits']] + [(TPD[tp], tp, None) for tp in s['missed']]
    for day, tp, v in sorted(items, key=lambda t: t[0]):
        if v:
            T3.append({'Kode': p['pid'], 'Tgl Kontrol': v['date'], 'Kunjungan': KUNJ[tp], 'VAS': '%s/10' % fmt(v['vas']),
                       'ODI': ('%d%%' % v['odi']) if v['odi'] is not None else None, 'Keterangan': None, '_p': p, '_v': v})
        else:
            T3.append({'Kode': p['pid'], 'Tgl Kontrol': None, 'Kunjungan': KUNJ[tp], 'VAS': '-', 'ODI': None,
                       'Keterangan': rng.choice(['tidak datang', 'tdk datang', 'tidak datang, HP tidak aktif']), '_p': p, '_v': None})
    if s['dead']:
        T3.append({'Kode': p['pid'], 'Tgl Kontrol': None, 'Kunjungan': KUNJ[s['dead'][0]], 'VAS': '-', 'ODI': None,
                   'Keterangan': 'pasien meninggal', '_p': p, '_v': None})
for n, r in enumerate(T3, 1):
    r['No'] = n

HDR = 3   # header on Excel row 4 on every sheet
errors, drop, used = [], set(), set()
def pick(rows, cond):
    for k, r in enumerate(rows):
        p = r['_p']
        if p['pid'] not in used and len(p['sessions']) == 1 and cond(r):
            used.add(p['pid'])
            return k, r, p
    raise SystemExit('no candidate')

k, r, p = pick(T3, lambda r: r['_v'] is not None and r['Kunjungan'] == '3 bln' and r['_v']['vas'] in (1, 2))
xr = HDR + 2 + k
r['VAS'] = '12/10'
errors.append(['Kontrol', 'E%d' % xr, xr, 'VAS', '12/10', 'VAS di luar skala 0-10 (12/10); value left out of truth', p['pid']])
drop.add((p['pid'], 1, 'pain_vas', '3m'))

k, r, p = pick(T1, lambda r: len(r['_p']['sessions'][0]['levels']) == 1 and 2.5 <= r['Vol. Semen (cc)'] <= 4.5
               and r['Vol. Semen (cc)'] != int(r['Vol. Semen (cc)']))
xr = HDR + 2 + k
good = r['Vol. Semen (cc)']
r['Vol. Semen (cc)'] = int(round(good * 10))
errors.append(['Tindakan I', 'N%d' % xr, xr, 'Vol. Semen (cc)', r['Vol. Semen (cc)'],
               '%d cc semen untuk 1 vertebra tidak mungkin; koma hilang, should be %s' % (r['Vol. Semen (cc)'], fmt(good).replace('.', ',')),
               p['pid']])

k, r, p = pick(T3, lambda r: r['_v'] is not None and r['Kunjungan'] == '1 bln')
xr = HDR + 2 + k
true = r['Tgl Kontrol']
wrong = true.replace(year=true.year - 1) if not (true.month == 2 and true.day == 29) else true - D(days=365)
r['Tgl Kontrol'] = wrong
errors.append(['Kontrol', 'C%d' % xr, xr, 'Tgl Kontrol', tgl(wrong),
               'kontrol 1 bln bertanggal sebelum tindakan (%s); salah tahun, should be %s' % (tgl(p['op1']), tgl(true)), p['pid']])

k, r, p = pick(T3, lambda r: r['_v'] is not None and r['Kunjungan'] in ('3 bln', '6 bln', '12 bln')
               and r['Tgl Kontrol'].month in (4, 6, 9, 11))
xr = HDR + 2 + k
true = r['Tgl Kontrol']
bad = '31/%02d/%d' % (true.month, true.year)
r['Tgl Kontrol'] = bad
errors.append(['Kontrol', 'C%d' % xr, xr, 'Tgl Kontrol', bad, 'tanggal tidak ada (bulan 30 hari); true date %s' % tgl(true), p['pid']])

# ---- workbook
wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
wb.set_properties({'author': 'Admin Spine', 'created': dt.datetime(2024, 2, 5, 10, 12)})
F = lambda **kw: wb.add_format(kw)
f_t = F(bold=True, font_size=12)
f_s = F(italic=True)
f_h = F(bold=True, border=1, bg_color='#FFF2CC', align='center', valign='vcenter', text_wrap=True)
f_c = F(border=1)
f_d = F(border=1, num_format='dd/mm/yyyy', align='left')
f_n = F(border=1, num_format='0.0')
f_y = F(border=1, bg_color='#FFFF00')

def sheet(name, title, H, rows, widths, text_dates=0.0):
    ws = wb.add_worksheet(name)
    ws.write(0, 0, title, f_t)
    ws.write(1, 0, 'SMF Orthopaedi & Traumatologi - Divisi Spine, Medan', f_s)
    for c, h in enumerate(H):
        ws.write(HDR, c, h, f_h)
    for k, r in enumerate(rows):
        xr = HDR + 1 + k
        for c, h in enumerate(H):
            v = r.get(h)
            if v is None:
                ws.write_blank(xr, c, None, f_c)
            elif isinstance(v, dt.date):
                if rng.random() < text_dates:
                    ws.write_string(xr, c, v.strftime('%d-%m-%Y'), f_c)
                else:
                    ws.write_datetime(xr, c, dt.datetime(v.year, v.month, v.day), f_d)
            elif isinstance(v, str):
                ws.write_string(xr, c, v, f_y if v.startswith('Ya') and h == 'Meninggal' else f_c)
            elif isinstance(v, float) and v != int(v):
                if rng.random() < 0.4:
                    ws.write_string(xr, c, fmt(v).replace('.', ','), f_c)   # typed with comma
                else:
                    ws.write_number(xr, c, v, f_n)
            else:
                ws.write_number(xr, c, v, f_c)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.set_row(HDR, 32)
    ws.freeze_panes(HDR + 1, 0)
    return ws

sheet('Tindakan I', 'DATA PASIEN VERTEBROPLASTI / KIFOPLASTI - TINDAKAN I', H1, T1,
      [4, 9, 24, 18, 11, 15, 11, 4, 7, 28, 11, 13, 14, 9, 12, 24, 8, 9, 11, 9, 11, 24])
sheet('Tindakan II', 'TINDAKAN II (tindakan ulang) + VAS pasca tindakan II', H2, T2,
      [4, 11, 24, 9, 11, 13, 12, 9, 12, 22, 8, 8, 8, 8, 8, 22])
ws3 = sheet('Kontrol', 'KONTROL POLIKLINIK - TINDAKAN I (VAS / ODI)', H3, T3, [5, 11, 12, 10, 8, 7, 28], text_dates=0.25)
wk = wb.add_worksheet('Keterangan')
for i, line in enumerate(['KETERANGAN / SINGKATAN',
                          'JK: L = laki-laki, P = perempuan',
                          'Level: Th = torakal (Th 12 = T12), L = lumbal',
                          'VAS ditulis x/10 (0 = tidak nyeri, 10 = nyeri terberat). ODI dalam %.',
                          'Kunjungan: pre = sebelum tindakan, 24 jam, 1 mgg = 1 minggu, 1 bln = 1 bulan, 3 bln, 6 bln, 12 bln',
                          'Sheet Kontrol = kontrol setelah Tindakan I saja. VAS setelah Tindakan II ada di sheet Tindakan II.',
                          'Vol. Semen = total cc untuk semua level dalam satu tindakan.',
                          'tdk datang = pasien tidak datang kontrol; "-" = tidak ada data']):
    wk.write(i, 0, line, f_t if i == 0 else None)
wk.set_column(0, 0, 100)
wb.close()

idents = []
for p in P:
    idents += [('name', p['nama']), ('nik', p['nik']), ('mrn', p['rm']), ('phone', p['hp']),
               ('birth_date', p['dob'].strftime('%d-%m-%Y'))]
write_truth(P, per_level=False, record_ctype=True, errors=errors, idents=idents, drop=drop)
print('medan:', len(P), 'patients;', len(T2), 'repeat ops;', len(T3), 'kontrol rows')
