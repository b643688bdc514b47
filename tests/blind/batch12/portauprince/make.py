"""Blind test workbook: Port-au-Prince (Haiti). Run: python make.py OUTDIR"""
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

FEM = ['Marie-Claire', 'Rosemène', 'Fabiola', 'Guerline', 'Jocelyne', 'Nadège', 'Mireille',
       'Odette', 'Yolande', 'Ketly', 'Dieula', 'Anne-Rose', 'Immacula', 'Claudette', 'Roseline',
       'Marlène', 'Gertha', 'Nicole', 'Lourdes', 'Edeline']
MAS = ['Jean-Baptiste', 'Wilner', 'Lucien', 'Frantz', 'Ernst', 'Pierre-Richard', 'Jacques',
       'Wilfrid', 'Smith', 'Dieuseul', 'Antoine', 'Renel']
LAST = ['Pierre', 'Joseph', 'Jean-Louis', 'Saint-Fleur', 'Charles', 'Dorvil', 'Augustin',
        'Étienne', 'Desrosiers', 'Valcourt', 'Louissaint', 'Fils-Aimé', 'Célestin', 'Noël',
        'Dérisier', 'Michel', 'Théodore', 'Bastien', 'Paul', 'Délva', 'Alexis', 'Cadet']


def main(outdir):
    rng = np.random.default_rng(50912)
    pats = gen_cohort(rng, 23, dt.date(2022, 3, 1), dt.date(2024, 2, 1),
                      ['pre', '24h', '1m', '3m'], techniques=('vertebroplasty', 'kyphoplasty'),
                      tech_p=(0.8, 0.2), p_second=0.2, p_newfx=0.15)
    for p in pats:
        p['pid'] = 'HUP-VP-%02d' % (p['i'] + 1)
        # Session 2 block only has pre and 1 month pain
    ident = []
    errors = []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Rejis VP 2022-2024'
    bold = Font(bold=True)
    thin = Side(style='thin')
    ws['A1'] = 'Hôpital Universitaire de la Paix – Sèvis Radyoloji Entèvansyonèl'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'] = 'Rejis vètebwoplasti / Registre des vertébroplasties et cyphoplasties (EVA 0-10)'
    ws['A2'].font = Font(italic=True)
    groups = [('Pasyan / Patient', 1, 8), ('1ye seyans / 1re séance', 9, 18),
              ('2yèm seyans / 2e séance (si genyen)', 19, 25), ('Swivi / Suivi', 26, 28)]
    fills = ['DDEBF7', 'E2EFDA', 'FFF2CC', 'FCE4D6']
    for (t, a, b), fc in zip(groups, fills):
        ws.merge_cells(start_row=4, start_column=a, end_row=4, end_column=b)
        c = ws.cell(4, a, t)
        c.font = bold
        c.alignment = Alignment(horizontal='center')
        for k in range(a, b + 1):
            ws.cell(4, k).fill = PatternFill('solid', fgColor=fc)
            ws.cell(5, k).fill = PatternFill('solid', fgColor=fc)
    heads = ['No. etid', 'Non ak Siyati', 'No. dosye', 'Dat nesans', 'Telefòn', 'Sèks', 'Laj',
             'Koz / Étiologie',
             'Dat', 'Nivo', 'Teknik', 'Volim siman', 'Siman', 'Fwit siman', 'EVA avan',
             'EVA 24è', 'EVA 1 mwa', 'EVA 3 mwa',
             'Dat', 'Nivo', 'Teknik', 'Volim siman', 'Fwit siman', 'EVA avan', 'EVA 1 mwa',
             'Nouvo frakti (nivo – dat)', 'Mouri?', 'Remak / Remarques']
    for j, h in enumerate(heads, 1):
        c = ws.cell(5, j, h)
        c.font = bold
        c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
        c.border = Border(bottom=thin)
    ws.row_dimensions[5].height = 32

    def dstr(d):
        return d.strftime('%d/%m/%Y')

    def vstr(v):
        s = ('%.1f' % v).replace('.', ',')
        if s.endswith(',0'):
            s = s[:-2]
        return s + ' ml'

    def tech(t):
        return 'VP' if t == 'vertebroplasty' else 'CP'

    LK = {'disc': 'disk', 'venous': 'venn', 'paravertebral': 'paravètebral',
          'epidural': 'epidiral', 'foraminal': 'foraminal'}

    def leak(levels):
        bad = [l for l in levels if l['leak'] != 'none']
        if not bad:
            return 'Non'
        if len(levels) == 1:
            return 'Wi – ' + LK[bad[0]['leak']]
        return 'Wi – ' + ', '.join('%s %s' % (LK[l['leak']], l['level']) for l in bad)

    ETI = {'osteoporotic': ['Osteyopowoz', 'Ostéoporose', 'Osteyopowoz (menopoz)'],
           'pathologic': ['Metastaz (kansè tete)', 'Myélome multiple', 'Metastaz pwostat',
                          'Kansè – metastaz'],
           'traumatic': ['Aksidan moto', 'Chòk / tonbe', 'Traumatisme (AVP)']}
    miss = ['pa vini', 'ND', '']
    fi = mi = 0
    r = 6
    for p in pats:
        if p['sex'] == 'female':
            first = FEM[fi % len(FEM)]; fi += 1
        else:
            first = MAS[mi % len(MAS)]; mi += 1
        name = '%s %s' % (first, LAST[int(rng.integers(0, len(LAST)))].upper())
        dos = 'D-%05d' % int(rng.integers(10000, 99999))
        dob = dt.date(p['sessions'][0]['date'].year - p['age'], int(rng.integers(1, 13)),
                      int(rng.integers(1, 29)))
        if (p['sessions'][0]['date'] - dob.replace(year=dob.year + p['age'])).days < 0:
            dob = dob.replace(year=dob.year - 1)
        tel = '+509 %d%d%d%d-%04d' % (3, int(rng.choice([1, 4, 6, 7])), int(rng.integers(0, 10)),
                                      int(rng.integers(0, 10)), int(rng.integers(0, 10000)))
        ident += [['name', name], ['record_number', dos], ['birth_date', dstr(dob)], ['phone', tel]]
        s1 = p['sessions'][0]
        sx = 'Fi' if p['sex'] == 'female' else 'Gason'
        row = [p['pid'], name, dos, dstr(dob), tel, sx, '%d an' % p['age'],
               str(rng.choice(ETI[p['etio']] if p['etio'] != 'pathologic' else
                              (['Metastaz (kansè tete)', 'Myélome multiple', 'Kansè – metastaz']
                               if p['sex'] == 'female' else
                               ['Metastaz pwostat', 'Myélome multiple', 'Kansè – metastaz']))),
               dstr(s1['date']), ', '.join(l['level'] for l in s1['levels']), tech(s1['technique']),
               vstr(sum(l['vol'] for l in s1['levels'])),
               str(rng.choice(['PMMA', 'PMMA (Osteopal V)'])), leak(s1['levels'])]
        for tp in ['pre', '24h', '1m', '3m']:
            row.append(s1['ass'][tp]['pain_vas'] if tp in s1['ass'] else str(rng.choice(miss)))
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            row += [dstr(s2['date']), ', '.join(l['level'] for l in s2['levels']),
                    tech(s2['technique']), vstr(sum(l['vol'] for l in s2['levels'])),
                    leak(s2['levels'])]
            for tp in ['pre', '1m']:
                row.append(s2['ass'][tp]['pain_vas'] if tp in s2['ass'] else 'pa vini')
        else:
            row += [''] * 7
        row.append('; '.join('%s – %s' % (l, dstr(s1['date'] + dt.timedelta(days=d)))
                             for d, l in p['fx']))
        row.append('Wi' if p['died'] == 'yes' else 'Non')
        rem = ''
        if p['died'] == 'yes':
            rem = 'Mouri lakay li, fanmi rele'
        elif len(p['sessions']) > 1:
            rem = '2yèm seyans pou nouvo frakti'
        elif len(s1['levels']) > 2:
            rem = 'Pwosedi long, anestezi jeneral'
        row.append(rem)
        for j, v in enumerate(row, 1):
            ws.cell(r, j, v)
        p['row'] = r
        r += 1
    last = r - 1
    # legend
    ws.cell(r + 1, 1, 'Lejand / Légende:').font = bold
    ws.cell(r + 2, 1, 'VP = vètebwoplasti (vertébroplastie) ; CP = sifoplasti (cyphoplastie au ballonnet)')
    ws.cell(r + 3, 1, 'EVA = echèl doulè 0-10 ; "pa vini" / ND = pasyan pa t vini nan randevou')
    ws.cell(r + 4, 1, 'Dat yo ekri jou/mwa/ane')

    # ---- planted errors
    byid = {p['pid']: p for p in pats}
    def plant(pidx, col, val, what):
        p = pats[pidx]
        rr = p['row']
        ws.cell(rr, col, val)
        errors.append([ws.title, '%s%d' % (col_letter(col), rr), rr, heads[col - 1], val, what, p['pid']])
    # impossible date
    d = pats[4]['sessions'][0]['date']
    plant(4, 9, '30/02/%d' % d.year, 'impossible date (30 February)')
    # pain 12 on 0-10 scale at 1 month
    k = next(i for i, p in enumerate(pats) if i > 8 and '1m' in p['sessions'][0]['ass'])
    plant(k, 17, 12, 'pain 12 on a 0-10 scale')
    # impossible level
    k2 = next(i for i, p in enumerate(pats) if i > 12 and len(p['sessions'][0]['levels']) == 1
              and p['sessions'][0]['levels'][0]['level'] == 'L5' or (i > 12 and i == 14))
    lv = ', '.join(l['level'] for l in pats[k2]['sessions'][0]['levels'])
    plant(k2, 10, lv.replace(pats[k2]['sessions'][0]['levels'][0]['level'], 'L6'),
          'impossible vertebral level L6')
    # age 210
    plant(19, 7, '210 an', 'impossible age 210')
    # cement 45 ml single level
    k3 = next(i for i, p in enumerate(pats) if i > 20 and len(p['sessions'][0]['levels']) == 1)
    plant(k3, 12, '45 ml', '45 mL of cement in one vertebra')

    widths = [11, 24, 10, 12, 16, 7, 8, 22, 12, 11, 7, 11, 16, 22, 8, 8, 9, 9,
              12, 9, 7, 11, 14, 8, 9, 22, 7, 32]
    for j, wd in enumerate(widths, 1):
        ws.column_dimensions[col_letter(j)].width = wd
    ws.freeze_panes = 'B6'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, ident,
                per_vertebra_volume=lambda p, s: len(s['levels']) == 1)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
