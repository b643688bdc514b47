"""Blind test workbook: Kochi (Kerala, India). Run: python make.py OUTDIR"""
# ---------------------------------------------------------------------------
# Shared data generator (inlined into each site's make.py so it is self-contained)
# ---------------------------------------------------------------------------
import sys, os, csv, datetime as dt
import numpy as np

SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def _idx(level):
    return SPINE.index(level)


def gen_cohort(rng, n, start, end, timepoints, measures=('pain_vas',),
               techniques=('vertebroplasty', 'kyphoplasty'), tech_p=(0.7, 0.3),
               cement_types=('PMMA',), cement_p=(1.0,),
               etio_p=(0.65, 0.25, 0.10), p2=0.25, p3=0.08, p_second=0.15,
               p_newfx=0.15, p_died=0.12, p_miss=0.18, vol_step=0.5):
    """Generate the full intended data; renderers prune what they do not show."""
    pats = []
    span = (end - start).days
    for i in range(n):
        sex = 'female' if rng.random() < 0.68 else 'male'
        etio = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic'], p=list(etio_p)))
        age = int(rng.integers(52, 90)) if etio != 'traumatic' else int(rng.integers(38, 85))
        d1 = start + dt.timedelta(days=int(rng.integers(0, span)))
        nlev = 1 + (rng.random() < p2) + (rng.random() < p3)
        centre = int(rng.integers(_idx('T7'), _idx('L4') + 1))
        lv = [SPINE[centre + k] for k in range(nlev) if centre + k <= _idx('L5')]
        tech = str(rng.choice(list(techniques), p=list(tech_p)))
        cem = str(rng.choice(list(cement_types), p=list(cement_p)))

        def mkvol(level, tech):
            base = 2.0 if level.startswith('T') and _idx(level) < _idx('T10') else 3.5
            if tech == 'kyphoplasty':
                base += 1.0
            v = base + rng.normal(0, 1.0)
            v = max(1.5, min(8.0, v))
            return round(round(v / vol_step) * vol_step, 2)

        def mkleak():
            r = rng.random()
            if r < 0.72:
                return 'none'
            return str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                  p=[0.35, 0.3, 0.2, 0.1, 0.05]))

        levels = [{'level': l, 'vol': mkvol(l, tech), 'leak': mkleak()} for l in lv]
        pre = int(rng.integers(6, 11))
        ass = {}
        for tp in timepoints:
            if tp == 'pre':
                v = pre
            else:
                drop = min(pre, 1.5 + TP_DAYS[tp] / 60 * 0.8 + rng.normal(1.8, 1.2))
                v = int(round(max(0, min(10, pre - drop))))
            if tp != 'pre' and rng.random() < p_miss:
                continue
            ass[tp] = {'pain_vas': v}
            if 'odi' in measures:
                ass[tp]['odi'] = int(max(0, min(100, round(v * 7 + rng.normal(8, 6)))))
            if 'mobility' in measures:
                ass[tp]['mobility'] = int(max(1, min(4, round(4 - v / 3 + rng.normal(0, .5)))))
        sessions = [{'n': 1, 'date': d1, 'day': 0, 'technique': tech, 'cement': cem,
                     'levels': levels, 'ass': ass}]
        fx = []
        if rng.random() < p_second:
            day2 = int(rng.integers(35, 150))
            used = set(lv)
            cand = [l for l in SPINE[_idx('T6'):_idx('L5') + 1] if l not in used
                    and abs(_idx(l) - _idx(lv[0])) <= 3]
            l2 = str(rng.choice(cand))
            lev2 = [{'level': l2, 'vol': mkvol(l2, tech), 'leak': mkleak()}]
            pre2 = int(rng.integers(6, 10))
            sessions.append({'n': 2, 'date': d1 + dt.timedelta(days=day2), 'day': day2,
                             'technique': tech, 'cement': cem, 'levels': lev2,
                             'ass': {'pre': {'pain_vas': pre2},
                                     '1m': {'pain_vas': int(max(0, pre2 - rng.integers(3, 6)))}}})
            if rng.random() < 0.6:
                fx.append((day2 - int(rng.integers(4, 20)), l2))
        elif rng.random() < p_newfx:
            used = set(lv)
            cand = [l for l in SPINE[_idx('T6'):_idx('L5') + 1] if l not in used]
            fx.append((int(rng.integers(20, 170)), str(rng.choice(cand))))
        died = 'yes' if rng.random() < p_died else 'no'
        if died == 'yes' and len(ass) > 2:
            last = [tp for tp in timepoints if tp in ass][-1]
            del ass[last]
        pats.append({'i': i, 'sex': sex, 'age': age, 'etio': etio, 'died': died,
                     'sessions': sessions, 'fx': fx})
    return pats


def _fmt(v):
    if v is None:
        return ''
    if isinstance(v, float):
        return ('%.2f' % v).rstrip('0').rstrip('.')
    return str(v)


def write_truth(outdir, pats, errors, identifiers, per_vertebra_volume, session_total_rule=None):
    """per_vertebra_volume(p, s) -> True if volumes are given per vertebra for that session."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow([_fmt(x) for x in r])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'], p['age'], p['etio'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            tot = round(sum(l['vol'] for l in s['levels']), 2)
            per = per_vertebra_volume(p, s)
            for l in s['levels']:
                rows.append([p['pid'], s['n'], s['day'], l['level'], s['technique'],
                             l['vol'] if per else None, None if per else tot,
                             s['cement'], l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for tp, d in s['ass'].items():
                for m, v in d.items():
                    rows.append([p['pid'], s['n'], m, tp, v])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, l] for p in pats for d, l in p['fx']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------

import xlsxwriter

FEM = ['Sreedevi K.', 'Mary Thomas', 'Annamma Varghese', 'Lakshmi Amma', 'Fathima Beevi', 'Sarojini P.',
       'Kunjamma Joseph', 'Radha Nair', 'Thankamma George', 'Aleyamma Mathew', 'Shantha Kumari',
       'Ammini Kutty', 'Omana R.', 'Saramma Chacko', 'Leela Menon', 'Beena Paul', 'Kamalakshi V.',
       'Rosamma Antony', 'Khadeeja Ummer']
MAS = ['Varghese Mathew', 'Gopalakrishnan Nair', 'Abdul Rahman', 'Joseph Kurian', 'Raghavan Pillai',
       'Mohammed Kutty', 'Thomas Chacko', 'Sukumaran K.', 'Balakrishnan M.', 'Devassy P. O.']
TPS = ['pre', '24h', '1m', '3m', '6m']


def lvl(l):
    return 'D' + l[1:] if l.startswith('T') else l  # Indian habit: D = dorsal


def ml(v):
    return ('%.1f' % v).rstrip('0').rstrip('.') + ' ml'


def dd(d):
    return d.strftime('%d.%m.%Y')


def main(outdir):
    rng = np.random.default_rng(68201)
    pats = gen_cohort(rng, 24, dt.date(2022, 7, 1), dt.date(2024, 2, 1), TPS, tech_p=(0.7, 0.3),
                      etio_p=(0.6, 0.3, 0.1), p2=0.35, p3=0.12, p_second=0.15, p_newfx=0.2,
                      p_died=0.12)
    for p in pats:
        p['pid'] = 'STM/VP/%03d' % (p['i'] + 41)
    errors, ident = [], []
    os.makedirs(outdir, exist_ok=True)
    wb = xlsxwriter.Workbook(os.path.join(outdir, 'input.xlsx'))
    ws = wb.add_worksheet('VP register')
    t = wb.add_format({'bold': True, 'font_size': 13})
    it = wb.add_format({'italic': True, 'font_size': 9})
    h = wb.add_format({'bold': True, 'bg_color': '#BDD7EE', 'border': 1, 'text_wrap': True,
                       'align': 'center', 'valign': 'vcenter'})
    wrap = wb.add_format({'text_wrap': True, 'valign': 'top'})
    wrapy = wb.add_format({'text_wrap': True, 'valign': 'top', 'bg_color': '#FFFF00'})
    top = wb.add_format({'valign': 'top'})
    cen = wb.add_format({'valign': 'top', 'align': 'center'})
    ws.write(0, 0, 'സെൻ്റ് തെരേസാസ് മെഡിക്കൽ സെൻ്റർ, കൊച്ചി – ഇൻ്റർവെൻഷണൽ റേഡിയോളജി', t)
    ws.write(1, 0, 'Vertebroplasty / Kyphoplasty register (വെർട്ടിബ്രോപ്ലാസ്റ്റി രജിസ്റ്റർ)', t)
    ws.write(2, 0, 'VAS 0-10. D = dorsal (thoracic) vertebra. PVP = percutaneous vertebroplasty, BKP = balloon kyphoplasty. '
                   '"-" = did not come for review. Yellow rows = complication. Cement: PMMA for all cases.', it)
    heads = ['ക്രമ നം.\nSl. No', 'Study ID', 'പേര്\nName', 'IP No.', 'വയസ്സ്/ലിംഗം\nAge/Sex',
             'രോഗനിർണയം\nDiagnosis', 'തീയതി\nDate of procedure', 'ചികിത്സ\nProcedure',
             'നിലകളും സിമൻ്റും\nLevels & cement', 'Pre-op', 'POD 1', '1 month', '3 months', '6 months',
             'രണ്ടാം സിറ്റിംഗ്\n2nd sitting', 'കുറിപ്പുകൾ\nRemarks', 'നില\nStatus']
    ws.merge_range(4, 9, 4, 13, 'വേദന / Pain VAS (0-10)', h)
    for j in list(range(0, 9)) + [14, 15, 16]:
        ws.merge_range(4, j, 5, j, heads[j], h)
    for j in range(9, 14):
        ws.write(5, j, heads[j], h)
    ws.set_row(4, 22); ws.set_row(5, 36)
    widths = [7, 13, 20, 14, 10, 24, 13, 9, 30, 7, 7, 7, 8, 8, 34, 46, 9]
    for j, wd in enumerate(widths):
        ws.set_column(j, j, wd)
    DX = {'osteoporotic': ['Osteoporotic # {L}', 'Osteoporotic wedge # {L}', 'Senile osteoporosis, # {L}'],
          'pathologic': ['MM – # {L}', 'Ca breast – mets {L}', 'Metastatic # {L} (Ca lung)'],
          'traumatic': ['Fall from height – # {L}', 'RTA – burst # {L}', 'Traumatic # {L}']}
    LK = {'disc': 'cement leak into disc space', 'venous': 'venous leak (paravertebral veins)',
          'paravertebral': 'paravertebral soft tissue leak', 'epidural': 'epidural leak',
          'foraminal': 'foraminal leak'}
    fi = mi = 0
    R = 6
    rows = {}
    for k, p in enumerate(pats):
        if p['sex'] == 'female':
            name = FEM[fi % len(FEM)]; fi += 1
        else:
            name = MAS[mi % len(MAS)]; mi += 1
        ipno = 'IP/%02d/%06d' % (p['sessions'][0]['date'].year % 100, int(rng.integers(1, 10 ** 6)))
        ident += [['name', name], ['record_number', ipno]]
        s1 = p['sessions'][0]
        sx = 'F' if p['sex'] == 'female' else 'M'
        agesex = ('%d/%s' % (p['age'], sx)) if rng.random() < 0.6 else ('%d Y / %s' % (p['age'], sx))
        dxl = ', '.join(lvl(l['level']) for l in s1['levels'])
        dxs = DX[p['etio']]
        if p['etio'] == 'pathologic' and p['sex'] == 'male':
            dxs = ['MM – # {L}', 'Ca prostate – mets {L}', 'Metastatic # {L} (Ca lung)']
        dx = str(rng.choice(dxs)).format(L=dxl)
        lev = ', '.join('%s – %s' % (lvl(l['level']), ml(l['vol'])) for l in s1['levels'])
        rem = []
        bad = [l for l in s1['levels'] if l['leak'] != 'none']
        if not bad:
            rem.append(str(rng.choice(['Uneventful, no cement leak.', 'No leak. Pt comfortable.',
                                       'No complications, no leak on check CT.'])))
        else:
            for l in bad:
                txt = LK[l['leak']] + ' at ' + lvl(l['level'])
                rem.append(txt[0].upper() + txt[1:] + ', asymptomatic.')
            ok = [lvl(l['level']) for l in s1['levels'] if l['leak'] == 'none']
            if ok:
                rem.append('No leak at %s.' % ', '.join(ok))
        for d, l in p['fx']:
            rem.append('New # %s noted on review x-ray %s.' % (lvl(l), dd(s1['date'] + dt.timedelta(days=d))))
        if p['died'] == 'yes':
            rem.append(str(rng.choice(['Expired at home (informed by bystander).',
                                       'Expired – disease progression.', 'Pt expired, cause not known.'])))
        second = ''
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            l2 = s2['levels'][0]
            lk2 = 'no leak' if l2['leak'] == 'none' else LK[l2['leak']]
            second = '%s – %s %s (%s), %s. VAS %d → %s at 1 mo' % (
                dd(s2['date']), 'PVP' if s2['technique'] == 'vertebroplasty' else 'BKP',
                lvl(l2['level']), ml(l2['vol']), lk2, s2['ass']['pre']['pain_vas'],
                s2['ass']['1m']['pain_vas'] if '1m' in s2['ass'] else '-')
        fmt = wrapy if (bad or (len(p['sessions']) > 1 and p['sessions'][1]['levels'][0]['leak'] != 'none')) else wrap
        vals = [k + 1, p['pid'], name, ipno, agesex, dx, dd(s1['date']),
                'PVP' if s1['technique'] == 'vertebroplasty' else 'BKP', lev]
        for j, v in enumerate(vals):
            ws.write(R, j, v, cen if j in (0, 4, 7) else top)
        for j, tp in enumerate(TPS, 9):
            if tp in s1['ass']:
                ws.write_number(R, j, s1['ass'][tp]['pain_vas'], cen)
            else:
                ws.write(R, j, '-', cen)
        ws.write(R, 14, second, wrap)
        ws.write(R, 15, ' '.join(rem), fmt)
        ws.write(R, 16, 'Expired' if p['died'] == 'yes' else 'Alive', top)
        rows[p['pid']] = R
        R += 1
    ws.freeze_panes(6, 3)

    def err(p, c, val, what, num=False):
        r0 = rows[p['pid']]
        if num:
            ws.write_number(r0, c, val, cen)
        else:
            ws.write(r0, c, val, top)
        hh = heads[c].split('\n')[-1]
        errors.append(['VP register', '%s%d' % (col_letter(c + 1), r0 + 1), r0 + 1, hh, val, what, p['pid']])
    p = next(p for p in pats[2:] if len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0]['level'] in ('L4', 'L5', 'L3'))
    l0 = p['sessions'][0]['levels'][0]
    err(p, 8, 'L6 – %s' % ml(l0['vol']), 'impossible vertebral level L6', False)
    p = next(p for p in pats[6:] if len(p['sessions'][0]['levels']) > 1 and p['pid'] not in [e[6] for e in errors])
    lv = p['sessions'][0]['levels']
    txt = ', '.join('%s – %s' % (lvl(l['level']), ('40 ml' if k == 0 else ml(l['vol']))) for k, l in enumerate(lv))
    err(p, 8, txt, '40 ml of cement in one vertebra (%s)' % lvl(lv[0]['level']), False)
    p = next(p for p in pats[12:] if '1m' in p['sessions'][0]['ass'] and p['pid'] not in [e[6] for e in errors])
    err(p, 11, 17, 'pain 17 on a 0-10 scale', True)
    p = next(p for p in pats[15:] if p['pid'] not in [e[6] for e in errors])
    d = p['sessions'][0]['date']
    err(p, 6, '31.04.%d' % d.year, 'impossible date (31 April)', False)
    wb.close()
    write_truth(outdir, pats, errors, ident, per_vertebra_volume=lambda p, s: True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
