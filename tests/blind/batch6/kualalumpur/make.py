import sys, os, csv, datetime as dt
import numpy as np

SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def gen_data(seed, n, tps, s2_tps=(), odi=False, prefix='P', id_fmt='{p}{i:03d}',
             start=dt.date(2021, 1, 4), span=600, kp_share=0.4, cements=('PMMA',),
             cement_p=None, leak_recorded=True, p_s2=0.18, p_frac_only=0.1, force_dead=()):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['id'] = id_fmt.format(p=prefix, i=i + 1)
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        p['age'] = int(rng.integers(51, 91))
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.74 else ('pathologic' if r < 0.9 else 'traumatic')
        p['died'] = 'yes' if (rng.random() < 0.12 or i in force_dead) else 'no'
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        st = int(rng.integers(3, len(SPINE) - nlev + 1))
        levels = SPINE[st:st + nlev]
        tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
        cem = str(rng.choice(list(cements), p=cement_p))

        def mk_levels(levs, tech):
            out = []
            for lv in levs:
                lo, hi = (3.0, 7.5) if tech == 'kyphoplasty' else (2.0, 6.0)
                vol = round(float(rng.uniform(lo, hi)) * 2) / 2
                if leak_recorded:
                    leak = 'none' if rng.random() < 0.75 else str(rng.choice(LEAKS[:4], p=[.4, .3, .2, .1]))
                else:
                    leak = ''
                out.append({'level': lv, 'vol': vol, 'leak': leak})
            return out

        def mk_assess(tlist, dead_cut=False):
            a = {}
            pre = int(rng.integers(6, 11))
            a[('pain_vas', 'pre')] = pre
            cur = pre
            for k, tp in enumerate(tlist):
                cur = max(0, cur - int(rng.integers(1, 4)) if k == 0 else cur - int(rng.integers(-1, 2)))
                cur = min(cur, 10)
                if rng.random() < 0.15:
                    continue
                if dead_cut and k == len(tlist) - 1:
                    continue
                a[('pain_vas', tp)] = cur
            if odi:
                o = int(rng.integers(40, 80)) // 2 * 2
                a[('odi', 'pre')] = o
                for k, tp in enumerate(tlist):
                    o = max(4, o - int(rng.integers(4, 20)) // 2 * 2)
                    if ('pain_vas', tp) in a:
                        a[('odi', tp)] = o
            return a

        sess = [{'session': 1, 'date': d0, 'day': 0, 'tech': tech, 'cement': cem,
                 'levels': mk_levels(levels, tech),
                 'assess': mk_assess(tps, p['died'] == 'yes')}]
        p['fractures'] = []
        if rng.random() < p_s2:
            gap = int(rng.integers(25, 120))
            cand = [SPINE[st - 1]] if st - 1 >= 0 else []
            if st + nlev < len(SPINE):
                cand.append(SPINE[st + nlev])
            nl = str(rng.choice(cand))
            t2 = tech if rng.random() < 0.7 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
            sess.append({'session': 2, 'date': d0 + dt.timedelta(days=gap), 'day': gap, 'tech': t2,
                         'cement': cem, 'levels': mk_levels([nl], t2),
                         'assess': mk_assess(s2_tps)})
            p['fractures'].append((gap - int(rng.integers(3, 15)), nl))
        elif rng.random() < p_frac_only:
            cand = [lv for lv in SPINE[max(0, st - 2):st + nlev + 2] if lv not in levels]
            p['fractures'].append((int(rng.integers(40, 200)), str(rng.choice(cand))))
        for s in sess:
            s['total'] = round(sum(l['vol'] for l in s['levels']), 1)
        p['sessions'] = sess
        pats.append(p)
    return pats, rng


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, errors, identifiers, vol_mode='level', sex=True, age=True,
                etiology=True, died=True, cement=True, vas_div=1):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f, lineterminator='\n')
            wr.writerow(header)
            for r in rows:
                wr.writerow(r)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
        p['died'] if died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for l in s['levels']:
                rows.append([p['id'], s['session'], s['day'], l['level'], s['tech'],
                             fmt_num(l['vol']) if vol_mode == 'level' else '',
                             fmt_num(s['total']) if vol_mode == 'session' else '',
                             s['cement'] if cement else '', l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for (m, tp), v in s['assess'].items():
                rows.append([p['id'], s['session'], m, tp, fmt_num(v / vas_div if m == 'pain_vas' and vas_div != 1 else v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, lv] for p in pats for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


# ---------------- Kuala Lumpur (Malaysia) ----------------
from openpyxl.utils import get_column_letter

def main(outdir):
    TPS = ['24h', '2w', '6m']
    pats, rng = gen_data(20260603, 23, TPS, s2_tps=('2w',), prefix='KLSPN', id_fmt='{p}/{i:03d}',
                         start=dt.date(2021, 6, 1), cements=('PMMA',), force_dead=(7, 16))
    MALAY = ['Siti Aminah binti Hassan', 'Rosnah binti Ismail', 'Ahmad bin Yusof', 'Zainab binti Omar',
             'Mohd Razak bin Ali', 'Normah binti Abdullah', 'Halimah binti Salleh', 'Ismail bin Daud']
    CHINESE = ['Tan Ah Moi', 'Lim Siew Lan', 'Wong Kok Keong', 'Chong Mei Ling', 'Lee Chee Seng', 'Ng Poh Choo']
    INDIAN = ['Letchumy a/p Muniandy', 'Saraswathy a/p Rajoo', 'Krishnan a/l Subramaniam', 'Kamala a/p Govindasamy']
    ident = []
    for p in pats:
        r = rng.random()
        if r < 0.55:
            p['race'], nm = 'Melayu', MALAY
        elif r < 0.85:
            p['race'], nm = 'Cina', CHINESE
        else:
            p['race'], nm = 'India', INDIAN
        p['name'] = nm[int(rng.integers(0, len(nm)))].upper()
        d0 = p['sessions'][0]['date']
        bd = dt.date(d0.year - p['age'], int(rng.integers(1, 13)), int(rng.integers(1, 29)))
        if (bd.month, bd.day) > (d0.month, d0.day):
            bd = bd.replace(year=bd.year - 1)
        p['ic'] = f"{bd.strftime('%y%m%d')}-{int(rng.integers(1, 15)):02d}-{int(rng.integers(1000, 9999))}"
        p['mrn'] = f"RN{int(rng.integers(100000, 999999))}"
        p['phone'] = f"01{int(rng.integers(2, 10))}-{int(rng.integers(1000000, 9999999))}"
        ident += [['name', p['name']], ['record_number', p['mrn']], ['other', p['ic']], ['phone', p['phone']]]
    H = ['MRN', 'STUDY_ID', 'NAMA_PESAKIT', 'NO_KP', 'NO_TEL', 'JANTINA', 'UMUR', 'BANGSA', 'DIAGNOSIS',
         'TARIKH_PROSEDUR', 'JENIS_PROSEDUR', 'ARAS_VERTEBRA', 'JUMLAH_SIMEN_ML', 'JENIS_SIMEN',
         'KEBOCORAN_SIMEN', 'JENIS_LAWATAN', 'TARIKH_LAWATAN', 'STATUS_LAWATAN', 'SKOR_VAS',
         'PATAH_BARU', 'ARAS_PATAH_BARU', 'TARIKH_PATAH_BARU', 'MENINGGAL_DUNIA']
    DIAG = {'osteoporotic': 'OSTEOPOROTIC VERTEBRAL COMPRESSION FRACTURE', 'pathologic': 'METASTATIC DISEASE SPINE',
            'traumatic': 'TRAUMA - FALL'}
    VIS = {'pre': ('PRE-OP', 0), '24h': ('POST-OP 24 JAM', 1), '2w': ('SUSULAN 2 MINGGU', 14), '6m': ('SUSULAN 6 BULAN', 182)}
    LEAKW = {'disc': 'DISC', 'venous': 'VENOUS', 'paravertebral': 'PARAVERTEBRAL', 'epidural': 'EPIDURAL'}
    rows = []; rowof = {}
    f = lambda d: d.strftime('%d/%m/%Y')
    for p in pats:
        fr = p['fractures']
        for s in p['sessions']:
            leaks = [f"{l['level']} {LEAKW[l['leak']]}" for l in s['levels'] if l['leak'] != 'none']
            leak_txt = 'TIDAK' if not leaks else 'YA - ' + ', '.join(leaks)
            tps = ['pre'] + (TPS if s['session'] == 1 else list(('2w',)))
            for tp in tps:
                nm, dd = VIS[tp]
                v = s['assess'].get(('pain_vas', tp))
                vd = s['date'] + dt.timedelta(days=dd + (int(rng.integers(-4, 5)) if dd > 7 else 0))
                row = [p['mrn'], p['id'], p['name'], p['ic'], p['phone'], 'PEREMPUAN' if p['sex'] == 'female' else 'LELAKI',
                       p['age'], p['race'], DIAG[p['etiology']], f(s['date']),
                       'KYPHOPLASTY' if s['tech'] == 'kyphoplasty' else 'VERTEBROPLASTY',
                       ', '.join(l['level'] for l in s['levels']), fmt_num(s['total']), 'PMMA BONE CEMENT', leak_txt,
                       nm, f(vd) if v is not None else '', 'HADIR' if v is not None else 'TIDAK HADIR',
                       '' if v is None else str(v),
                       'YA' if fr else 'TIDAK', fr[0][1] if fr else '',
                       f(p['sessions'][0]['date'] + dt.timedelta(days=fr[0][0])) if fr else '',
                       'YA' if p['died'] == 'yes' else 'TIDAK']
                rowof[(p['id'], s['session'], tp)] = len(rows)
                rows.append(row)
    errors = []
    def plant(pid, sess, tp, col, val, why):
        i = rowof[(pid, sess, tp)]
        c = H.index(col)
        rows[i][c] = val
        r = i + 2
        errors.append(['input', f'{get_column_letter(c + 1)}{r}', r, col, val, why, pid])
    p = pats[1]; plant(p['id'], 1, 'pre', 'SKOR_VAS', '12', 'VAS 12 on a 0-10 scale')
    p = pats[5]; plant(p['id'], 1, 'pre', 'ARAS_VERTEBRA', 'L6' if len(p['sessions'][0]['levels']) == 1 else 'L6, L7', 'impossible vertebra (L6/L7)')
    p = pats[9]; plant(p['id'], 1, '24h', 'TARIKH_LAWATAN', '30/02/2022', 'impossible date 30 February')
    p = next(q for q in pats[12:] if len(q['sessions'][0]['levels']) == 1)
    plant(p['id'], 1, 'pre', 'JUMLAH_SIMEN_ML', '48', '48 mL of cement for a single vertebra')
    p = pats[20]; plant(p['id'], 1, 'pre', 'UMUR', '190', 'age 190 years')
    with open(os.path.join(outdir, 'input.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh, lineterminator='\r\n')
        w.writerow(H)
        for r in rows:
            w.writerow(r)
    write_truth(outdir, pats, errors, ident, vol_mode='session')


if __name__ == '__main__':
    main(sys.argv[1])
