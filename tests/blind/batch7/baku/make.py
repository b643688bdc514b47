"""Baku: Azerbaijani one-row-per-vertebra sheet with a codebook."""
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

# ---------------------------------------------------------------- Baku site
import os
import sys
import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill


def azlevel(l):
    return 'Th' + l[1:] if l.startswith('T') else l


def main(outdir):
    rng = np.random.default_rng(7404)
    pats = gen_cohort(rng, 21, dt.date(2021, 1, 10), dt.date(2023, 1, 20),
                      fu=('pre', '24h', '1m', '6m'), odi_tps=('pre', '6m'),
                      n_second=3, n_frac=3, n_died=2, etio_p=(0.62, 0.23, 0.1, 0.05), kp_p=0.3, cpc_p=0.15)
    # unit records VAS in mm (0-100)
    for p in pats:
        for s in p['sessions']:
            for rec in s['visits'].values():
                mm = int(min(100, max(0, rec['pain'] * 10 + int(rng.integers(-4, 5)))))
                rec['mm'] = mm
                rec['pain'] = mm / 10.0
    pid = lambda p: 'BK-%02d' % (p['idx'] + 1)
    et_code = {'osteoporotic': 1, 'pathologic': None, 'traumatic': 4, 'other': 5}
    order = [int(x) for x in rng.permutation(len(pats))]
    e_age, e_vas, e_date, e_lev = order[:4]
    errs = []

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Məlumat'
    cols = [('sn', 'S/N'), ('pt_kod', 'Xəstə kodu'), ('seans', 'Seans'), ('tarix', 'Əməliyyat tarixi'),
            ('feqere', 'Fəqərə'), ('texnika', 'Texnika'), ('sement', 'Sement növü'),
            ('hecm', 'Sement həcmi (ml)'), ('sizma', 'Sızma'), ('sizma_yer', 'Sızma yeri'),
            ('cins', 'Cins'), ('yas', 'Yaş'), ('etiol', 'Etiologiya'),
            ('vas0', 'VAS əvvəl (mm)'), ('vas24', 'VAS 24 saat (mm)'), ('vas1', 'VAS 1 ay (mm)'),
            ('vas6', 'VAS 6 ay (mm)'), ('odi0', 'ODI əvvəl (%)'), ('odi6', 'ODI 6 ay (%)'),
            ('yeni', 'Yeni sınıq'), ('yeni_sev', 'Yeni sınıq səviyyəsi'), ('yeni_tar', 'Yeni sınıq tarixi'),
            ('olum', 'Ölüm'), ('qeyd', 'Qeyd')]
    ci = {k: i + 1 for i, (k, _) in enumerate(cols)}
    lab = dict(cols)
    for k, l in cols:
        a = ws.cell(row=1, column=ci[k], value=k)
        a.font = Font(name='Consolas', size=9, color='666666')
        b = ws.cell(row=2, column=ci[k], value=l)
        b.font = Font(bold=True)
        b.fill = PatternFill('solid', fgColor='E2EFDA')
        b.alignment = Alignment(wrap_text=True)
        ws.column_dimensions[col_letter(ci[k])].width = 10
    ws.column_dimensions[col_letter(ci['qeyd'])].width = 28
    leak_w = {'disc': 'disk arası', 'epidural': 'epidural', 'foraminal': 'foraminal', 'venous': 'venoz',
              'paravertebral': 'paravertebral'}
    r = 3
    sn = 1
    for k, p in enumerate(pats):
        if p['etiology'] == 'pathologic':
            ec = 3 if rng.random() < 0.3 else 2
        else:
            ec = et_code[p['etiology']]
        fr = p['fractures'][0] if p['fractures'] else None
        for si, s in enumerate(p['sessions'], 1):
            for vi, v in enumerate(s['vert']):
                vals = {'sn': sn, 'pt_kod': pid(p), 'seans': si, 'tarix': s['date'].strftime('%Y.%m.%d'),
                        'feqere': azlevel(v['level']), 'texnika': 1 if s['tech'] == 'vertebroplasty' else 2,
                        'sement': 1 if s['cement'] == 'PMMA' else 2, 'hecm': v['vol'],
                        'sizma': 'yox' if v['leak'] == 'none' else 'hə',
                        'sizma_yer': '' if v['leak'] == 'none' else ', '.join(leak_w[x] for x in v['leak'].split(';')),
                        'cins': 2 if p['sex'] == 'female' else 1, 'yas': p['age'], 'etiol': ec,
                        'yeni': 'hə' if fr else 'yox', 'olum': 'hə' if p['died'] == 'yes' else 'yox'}
                for tp, key in (('pre', 'vas0'), ('24h', 'vas24'), ('1m', 'vas1'), ('6m', 'vas6')):
                    rec = s['visits'].get(tp)
                    vals[key] = rec['mm'] if rec else 999
                for tp, key in (('pre', 'odi0'), ('6m', 'odi6')):
                    rec = s['visits'].get(tp)
                    vals[key] = rec['odi'] if rec and 'odi' in rec else 999
                if fr:
                    vals['yeni_sev'] = azlevel(fr['level'])
                    vals['yeni_tar'] = (p['d1'] + dt.timedelta(days=fr['day'])).strftime('%Y.%m.%d')
                if si == 2 and vi == 0:
                    vals['qeyd'] = 'təkrar əməliyyat (yeni səviyyə)'
                if p['died'] == 'yes' and si == len(p['sessions']) and vi == 0:
                    vals['qeyd'] = 'vəfat edib, tarix: ' + (p['d1'] + dt.timedelta(days=p['death_day'])).strftime('%Y.%m.%d')
                # planted errors, on the first row of the patient's first session
                if si == 1 and vi == 0:
                    if k == e_age:
                        vals['yas'] = 210
                        errs.append(('yas', 210, 'age 210 years is impossible'))
                    if k == e_vas and 'pre' in s['visits']:
                        vals['vas0'] = 850
                        errs.append(('vas0', 850, 'VAS 850 on a 0-100 mm scale'))
                    if k == e_date:
                        bad = '%d.13.%02d' % (s['date'].year, s['date'].day)
                        vals['tarix'] = bad
                        errs.append(('tarix', bad, 'month 13 does not exist'))
                    if k == e_lev:
                        vals['feqere'] = 'C8'
                        errs.append(('feqere', 'C8', 'there is no C8 vertebra'))
                for kk, vv in vals.items():
                    ws.cell(row=r, column=ci[kk], value=vv)
                while errs and not isinstance(errs[-1], dict):
                    kk, vv, what = errs.pop()
                    errs.append(dict(sheet='Məlumat', cell='%s%d' % (col_letter(ci[kk]), r), row=r,
                                     column_header=lab[kk], value=str(vv), what_is_wrong=what, patient_id=pid(p)))
                r += 1
                sn += 1
    ws.freeze_panes = 'C3'
    assert len(errs) == 4, errs

    cb = wb.create_sheet('Kodlaşdırma')
    rows = [('Dəyişən', 'İzah', 'Kodlar / vahid'),
            ('pt_kod', 'Xəstənin tədqiqat kodu', 'BK-xx'),
            ('seans', 'Əməliyyat seansı', '1 = ilk əməliyyat, 2 = təkrar əməliyyat'),
            ('tarix', 'Əməliyyat tarixi', 'mətn, il.ay.gün (yyyy.mm.dd)'),
            ('feqere', 'Müalicə olunan fəqərə', 'C1–C7, Th1–Th12, L1–L5, S1 (hər fəqərə ayrıca sətirdə)'),
            ('texnika', 'Texnika', '1 = vertebroplastika (VP), 2 = kifoplastika (KP, balonlu)'),
            ('sement', 'Sement növü', '1 = PMMA (polimetilmetakrilat), 2 = kalsium-fosfat sementi'),
            ('hecm', 'Bu fəqərəyə yeridilən sement', 'ml'),
            ('sizma', 'Sement sızması', 'hə / yox'),
            ('sizma_yer', 'Sızmanın yeri', 'disk arası, venoz, epidural, foraminal, paravertebral'),
            ('cins', 'Cins', '1 = kişi, 2 = qadın'),
            ('yas', 'Yaş (ilk əməliyyat günü)', 'il'),
            ('etiol', 'Sınığın səbəbi', '1 = osteoporoz, 2 = metastaz, 3 = mieloma, 4 = travma, 5 = digər (hemangioma)'),
            ('vas0 … vas6', 'Ağrı, vizual analoq şkala', '0–100 mm; həmin seansın tarixindən: əvvəl, 24 saat, 1 ay, 6 ay'),
            ('odi0, odi6', 'Oswestry əlillik indeksi', '0–100 %'),
            ('yeni, yeni_sev, yeni_tar', 'İzləmədə yeni fəqərə sınığı', 'hə/yox; səviyyə; tarix yyyy.mm.dd'),
            ('olum', 'İzləmə müddətində ölüm', 'hə / yox'),
            ('', '', ''),
            ('999', 'Məlumat yoxdur / baxış olmayıb', 'bütün rəqəm sütunlarında'),
            ('', 'Qeyd: xəstə səviyyəsindəki dəyişənlər (cins, yaş, etiol, yeni, olum) hər sətirdə təkrarlanır; '
                 'VAS və ODI həmin seansın bütün fəqərə sətirlərində eynidir.', '')]
    for i, row in enumerate(rows, 1):
        for j, v in enumerate(row, 1):
            c = cb.cell(row=i, column=j, value=v)
            if i == 1:
                c.font = Font(bold=True)
    cb.column_dimensions['A'].width = 24
    cb.column_dimensions['B'].width = 34
    cb.column_dimensions['C'].width = 70

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    P, R, A, F = truth_tables(pats, pid, cement_mode='per_vertebra')
    write_truth(outdir, P, R, A, F, errs, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
