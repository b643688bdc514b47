"""Blind test workbook: Thimphu (Bhutan). Run: python make.py OUTDIR"""
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

import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

FEM = ['Karma Wangmo', 'Sonam Choden', 'Pema Lhamo', 'Dechen Pelden', 'Namgay Zam', 'Tandin Bidha',
       'Sangay Dema', 'Kezang Choden', 'Yeshi Lhamo', 'Chimi Dema', 'Rinzin Om', 'Deki Yangzom',
       'Leki Wangmo', 'Ugyen Lhamo', 'Phurpa Zangmo', 'Dawa Pem', 'Tshering Yangden', 'Kinzang Wangmo']
MAS = ['Tshering Dorji', 'Ugyen Tshering', 'Kinley Wangchuk', 'Dorji Wangdi', 'Phub Gyeltshen',
       'Jigme Norbu', 'Nima Tshering', 'Tashi Dendup', 'Passang Dorji', 'Sonam Tobgay', 'Karma Penjor']
TPS = ['pre', '24h', '2w', '3m', '6m']


def main(outdir):
    rng = np.random.default_rng(97502)
    pats = gen_cohort(rng, 21, dt.date(2022, 4, 1), dt.date(2024, 1, 15), TPS,
                      measures=('pain_vas', 'mobility'), tech_p=(0.75, 0.25),
                      etio_p=(0.7, 0.15, 0.15), p_second=0.18, p_newfx=0.15, p_died=0.12)
    for p in pats:
        p['pid'] = 'JDW/VP/%02d' % (p['i'] + 1)
        for s in p['sessions']:
            if s['n'] > 1:
                s['ass'] = {('2w' if k == '1m' else k): v for k, v in s['ass'].items()}
            for tp, d in s['ass'].items():
                if tp not in ('pre', '3m') or s['n'] > 1:
                    d.pop('mobility', None)
                elif 'mobility' not in d:
                    pass
    errors, ident = [], []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Patient cards'
    bold = Font(bold=True)
    lab = Font(bold=True, color='1F3864')
    card = PatternFill('solid', fgColor='FFF2CC')
    sub = PatternFill('solid', fgColor='F8CBAD')
    thin = Side(style='thin')
    ws['A1'] = 'JDWNRH ཐིམ་ཕུ། – Department of Radiology. སྒལ་ཚིགས་བཅོས་ཐབས། Vertebroplasty / Kyphoplasty patient cards'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'ན་ཟུག = pain NRS 0-10. Ambulation: 1 bed-bound, 2 wheelchair, 3 walks with aid, 4 independent. "NA" = not attended.'
    ws['A2'].font = Font(italic=True, size=9)
    CAUSE = {'osteoporotic': ['Osteoporosis', 'Senile osteoporosis'],
             'pathologic': ['Multiple myeloma', 'Metastasis (Ca lung)'],
             'traumatic': ['Fall from height', 'RTA', 'Fall (slipped on stairs)']}
    LK = {'none': 'Nil', 'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral',
          'epidural': 'Epidural', 'foraminal': 'Foraminal'}
    fi = mi = 0
    r = 4
    pos = {}

    def L(rr, cc, text):
        c = ws.cell(rr, cc, text); c.font = lab; c.fill = card
        return c

    def V(rr, cc, v, fmt=None):
        c = ws.cell(rr, cc, v); c.fill = card
        if fmt:
            c.number_format = fmt
        return c
    for p in pats:
        if p['sex'] == 'female':
            name = FEM[fi % len(FEM)]; fi += 1
        else:
            name = MAS[mi % len(MAS)]; mi += 1
        reg = '%d/%02d' % (int(rng.integers(10000, 99999)), p['sessions'][0]['date'].year % 100)
        cid = '1%010d' % int(rng.integers(0, 10 ** 10))
        mob = '%d%d%06d' % (int(rng.choice([1, 7])), 7, int(rng.integers(0, 10 ** 6)))
        ident += [['name', name], ['record_number', reg], ['other', cid], ['phone', mob]]
        for rr in range(r, r + 3):
            for cc in range(1, 9):
                ws.cell(rr, cc).fill = card
        ws.cell(r, 1).border = Border(top=Side(style='medium'))
        L(r, 1, 'ཞིབ་འཚོལ་ཨང་ Study No.'); V(r, 2, p['pid']).font = bold
        L(r, 4, 'ཐོ་ཨང་ Reg. No.'); V(r, 5, reg)
        L(r, 7, 'ཁ་པར་ Mobile'); V(r, 8, mob)
        L(r + 1, 1, 'མིང་ Name'); V(r + 1, 2, name)
        L(r + 1, 4, 'ངོ་སྤྲོད་ལག་ཁྱེར་ CID'); V(r + 1, 5, cid)
        L(r + 1, 7, 'ཕོ་མོ་ Sex'); V(r + 1, 8, 'མོ་ F' if p['sex'] == 'female' else 'ཕོ་ M')
        L(r + 2, 1, 'ལོ་ Age'); V(r + 2, 2, '%d yrs' % p['age'])
        L(r + 2, 4, 'ནད་རྐྱེན་ Cause'); V(r + 2, 5, str(rng.choice(CAUSE[p['etio']])))
        L(r + 2, 7, 'ཤི་ཡོདཔ་ Expired?'); V(r + 2, 8, 'ཨིན། Yes' if p['died'] == 'yes' else 'མེན། No')
        pos[(p['pid'], 'age')] = (r + 2, 2)
        r += 3
        ph = ['ཐེངས་ Session', 'ཚེས་གྲངས་ Date', 'སྒལ་ཚིགས་ Level', 'ཐབས་ Technique',
              'Cement (cc)', 'འཛག་པ་ Leak', 'Cement type']
        for j, h in enumerate(ph, 1):
            c = ws.cell(r, j, h); c.font = bold; c.fill = sub
        r += 1
        for s in p['sessions']:
            for k, l in enumerate(s['levels']):
                if k == 0:
                    ws.cell(r, 1, s['n'])
                    c = ws.cell(r, 2, dt.datetime.combine(s['date'], dt.time()))
                    c.number_format = 'dd-mmm-yyyy'
                    ws.cell(r, 4, 'VP' if s['technique'] == 'vertebroplasty' else 'KP')
                    ws.cell(r, 7, 'PMMA')
                    pos[(p['pid'], 'date', s['n'])] = (r, 2)
                ws.cell(r, 3, l['level'])
                ws.cell(r, 5, l['vol'])
                ws.cell(r, 6, LK[l['leak']])
                pos[(p['pid'], 'lev', s['n'], k)] = (r, 3)
                pos[(p['pid'], 'vol', s['n'], k)] = (r, 5)
                r += 1
        hh = ['ན་ཟུག་ Pain (0-10)', 'Pre-op', 'Day 1', '2 wks', '3 mths', '6 mths']
        for j, h in enumerate(hh, 1):
            c = ws.cell(r, j, h); c.font = bold; c.fill = sub
        r += 1
        for s in p['sessions']:
            ws.cell(r, 1, 'Session %d' % s['n'])
            for j, tp in enumerate(TPS, 2):
                if tp in s['ass']:
                    ws.cell(r, j, s['ass'][tp]['pain_vas'])
                    pos[(p['pid'], 'pain', s['n'], tp)] = (r, j)
                elif s['n'] == 1 or tp in ('24h', '2w'):
                    ws.cell(r, j, 'NA')
            r += 1
        ws.cell(r, 1, 'Ambulation (1-4)').font = bold
        s1 = p['sessions'][0]
        ws.cell(r, 2, 'Pre-op:')
        ws.cell(r, 3, s1['ass']['pre']['mobility'])
        ws.cell(r, 4, '3 mths:')
        ws.cell(r, 5, s1['ass']['3m']['mobility'] if '3m' in s1['ass'] else 'NA')
        r += 1
        ws.cell(r, 1, 'ཆག་སྐྱོན་གསརཔ་ New fracture').font = bold
        if p['fx']:
            ws.cell(r, 2, '; '.join('%s (%s)' % (l, (s1['date'] + dt.timedelta(days=d)).strftime('%d-%b-%Y'))
                                    for d, l in p['fx']))
        else:
            ws.cell(r, 2, 'མེད། Nil')
        r += 3  # two blank spacer rows between cards
    for j, wd in enumerate([26, 16, 16, 22, 18, 16, 18, 16], 1):
        ws.column_dimensions[col_letter(j)].width = wd

    def err(key, val, what, pid, header):
        rr, cc = pos[key]
        ws.cell(rr, cc, val)
        errors.append([ws.title, '%s%d' % (col_letter(cc), rr), rr, header, val, what, pid])
    p = pats[2]
    err((p['pid'], 'lev', 1, 0), 'L8', 'impossible vertebral level L8', p['pid'], 'སྒལ་ཚིགས་ Level')
    p = pats[8]
    err((p['pid'], 'vol', 1, 0), 50, '50 cc of cement in one vertebra', p['pid'], 'Cement (cc)')
    p = next(p for p in pats[11:] if (p['pid'], 'pain', 1, '2w') in pos)
    err((p['pid'], 'pain', 1, '2w'), 15, 'pain 15 on a 0-10 scale', p['pid'], '2 wks')
    p = next(p for p in pats if len(p['sessions']) > 1 and p['pid'] not in [e[6] for e in errors])
    bad = p['sessions'][0]['date'] - dt.timedelta(days=p['sessions'][1]['day'])
    err((p['pid'], 'date', 2), dt.datetime.combine(bad, dt.time()), 'session 2 dated before session 1',
        p['pid'], 'ཚེས་གྲངས་ Date')
    errors[-1][4] = bad.strftime('%d-%b-%Y')
    p = pats[17]
    err((p['pid'], 'age'), '6 yrs', 'age 6 years for an adult vertebroplasty patient (typo)', p['pid'], 'ལོ་ Age')
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, ident, per_vertebra_volume=lambda p, s: True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
