# -*- coding: utf-8 -*-
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(5, 13)] + ['L%d' % i for i in range(1, 6)]
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def nb(lev, d):
    i = LEVELS.index(lev) + d
    return LEVELS[i] if 0 <= i < len(LEVELS) else None


def gen(seed, n, tps, odi_tps=(), mob_tps=(), p_second=0.15, p_frac=0.12,
        cements=('PMMA',), techs=('vertebroplasty', 'kyphoplasty'), year0=2021,
        vol_step=0.5):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        p['age'] = int(rng.integers(52, 92))
        p['etiology'] = str(rng.choice(['osteoporotic'] * 6 + ['pathologic'] * 2 + ['traumatic']))
        p['died'] = 'yes' if rng.random() < 0.12 else 'no'
        d0 = dt.date(year0, 1, 4) + dt.timedelta(days=int(rng.integers(0, 650)))
        p['d0'] = d0
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        st = int(rng.integers(0, len(LEVELS) - nlev + 1))
        levs = LEVELS[st:st + nlev]
        sessions = []
        frs = []

        def mk_session(day, levs):
            s = {'day': day, 'date': d0 + dt.timedelta(days=day),
                 'tech': str(rng.choice(list(techs))),
                 'cement': str(rng.choice(list(cements))), 'levels': []}
            for lv in levs:
                vol = round(float(rng.uniform(2.0, 6.5)) / vol_step) * vol_step
                vol = round(vol, 1)
                if rng.random() < 0.75:
                    lk = 'none'
                else:
                    lk = str(rng.choice(LEAKS))
                    if rng.random() < 0.2:
                        lk2 = str(rng.choice([x for x in LEAKS if x != lk]))
                        lk = lk + ';' + lk2
                s['levels'].append({'level': lv, 'vol': vol, 'leak': lk})
            pre = int(rng.integers(6, 11))
            pain = {'pre': pre}
            cur = pre
            for tp in tps:
                cur = max(0, min(10, int(round(cur - rng.uniform(0.5, 3.5)))))
                pain[tp] = cur if rng.random() > 0.15 else None
            s['pain'] = pain
            s['odi'] = {}
            for tp in odi_tps:
                if tp == 'pre':
                    s['odi'][tp] = int(rng.integers(40, 85))
                else:
                    s['odi'][tp] = int(rng.integers(10, 50)) if rng.random() > 0.15 else None
            s['mob'] = {}
            for tp in mob_tps:
                if tp == 'pre':
                    s['mob'][tp] = int(rng.integers(0, 3))
                else:
                    s['mob'][tp] = int(rng.integers(1, 5)) if rng.random() > 0.15 else None
            return s
        sessions.append(mk_session(0, levs))
        if rng.random() < p_second:
            cand = [x for x in (nb(levs[0], -1), nb(levs[-1], 1)) if x]
            nl = str(rng.choice(cand))
            day2 = int(rng.integers(30, 150))
            frs.append({'day': day2 - int(rng.integers(3, 15)), 'level': nl})
            sessions.append(mk_session(day2, [nl]))
        elif rng.random() < p_frac:
            used = set(levs)
            cand = [x for x in LEVELS if x not in used and abs(LEVELS.index(x) - st) <= 4]
            frs.append({'day': int(rng.integers(20, 300)), 'level': str(rng.choice(cand))})
        p['sessions'] = sessions
        p['fractures'] = frs
        pats.append(p)
    return pats, rng


def write_truth(out, pats, errors, idents, session_total=False):
    td = os.path.join(out, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(['' if v is None else v for v in r])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p.get('t_et', p['etiology']),
        p.get('t_died', p['died'])] for p in pats])
    rows = []
    for p in pats:
        for k, s in enumerate(p['sessions'], 1):
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                if session_total:
                    rows.append([p['id'], k, s['day'], l['level'], s['tech'], '', tot, s['cement'], l['leak']])
                else:
                    rows.append([p['id'], k, s['day'], l['level'], s['tech'], l['vol'], '', s['cement'], l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for k, s in enumerate(p['sessions'], 1):
            for meas, key in (('pain_vas', 'pain'), ('odi', 'odi'), ('mobility', 'mob')):
                for tp, v in s[key].items():
                    if v is not None:
                        rows.append([p['id'], k, meas, tp, v])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], f['day'], f['level']] for p in pats for f in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], idents)


def after_fx(p, d):
    """a death date is never before a recorded new fracture"""
    if p['fractures']:
        lim = p['d0'] + dt.timedelta(days=max(f['day'] for f in p['fractures']) + 30)
        return max(d, lim)
    return d


# ---------------- Manila: one sheet per patient (case form) + list sheet ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

SUR = ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Ocampo', 'Garcia', 'Mendoza', 'Torres', 'Villanueva', 'Aquino',
       'Dela Cruz', 'Ramos', 'Castillo', 'Navarro', 'Domingo']
FF = ['Maria Luisa', 'Corazon', 'Erlinda', 'Rosario', 'Teresita', 'Leonora', 'Natividad', 'Milagros', 'Remedios']
FM = ['Rodolfo', 'Ernesto', 'Danilo', 'Romeo', 'Eduardo', 'Benjamin', 'Rogelio']
LEAK_EN = {'disc': 'Disc space', 'venous': 'Venous', 'paravertebral': 'Paravertebral soft tissue',
           'epidural': 'Epidural', 'foraminal': 'Foraminal'}
AMB = {0: 'bedridden', 1: 'wheelchair', 2: 'walker', 3: 'cane', 4: 'independent'}
TPD = {'2w': 14, '6w': 42, '3m': 91, '6m': 182}
TPL = {'2w': '2 weeks', '6w': '6 weeks', '3m': '3 months', '6m': '6 months'}
MON = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec']


def ph_date(d):
    return '%s %d, %d' % (MON[d.month - 1], d.day, d.year)


def main(out):
    os.makedirs(out, exist_ok=True)
    tps = ('2w', '6w', '3m', '6m')
    pats, rng = gen(8202, 21, tps, mob_tps=('pre',) + tps, cements=('PMMA',), year0=2022)
    idents = []
    for i, p in enumerate(pats):
        p['id'] = 'MNL-%02d' % (i + 1)
        if p['sex'] == 'female':
            p['name'] = '%s, %s' % (str(rng.choice(SUR)).upper(), rng.choice(FF))
        else:
            p['name'] = '%s, %s' % (str(rng.choice(SUR)).upper(), rng.choice(FM))
        p['hosp'] = '%02d-%06d' % (int(rng.integers(10, 23)), int(rng.integers(0, 999999)))
        b = p['d0'] - dt.timedelta(days=int(rng.integers(1, 364)))
        if b.month == 2 and b.day == 29:
            b = b - dt.timedelta(days=1)
        p['bday'] = b.replace(year=b.year - p['age'])
        p['bday_txt'] = p['bday'].strftime('%m/%d/%Y')
        p['brand'] = str(rng.choice(['Vertecem V+', 'Mendec Spine', 'Osteopal V']))
        idents += [['name', p['name']], ['record_number', p['hosp']], ['birth_date', p['bday_txt']]]
        if p['etiology'] == 'pathologic':
            p['dx'] = str(rng.choice(['Metastatic (CA breast)', 'Multiple myeloma', 'Metastatic (CA lung)']))
        elif p['etiology'] == 'traumatic':
            p['dx'] = str(rng.choice(['Fall from height (trauma)', 'Vehicular accident']))
        else:
            p['dx'] = str(rng.choice(['Osteoporotic compression fx', 'Osteoporosis, senile', 'OP compression fracture']))
        if p['died'] == 'yes':
            p['dod'] = after_fx(p, p['sessions'][-1]['date'] + dt.timedelta(days=int(rng.integers(200, 400))))

    wb = Workbook()
    wl = wb.active
    wl.title = 'Master list'
    bold = Font(bold=True)
    thin = Side(style='thin')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill('solid', fgColor='E7E6E6')
    wl['A1'] = 'OUR LADY OF MERCY MEDICAL CENTER – SPINE & PAIN UNIT'
    wl['A1'].font = Font(bold=True, size=13)
    wl['A2'] = 'Vertebral augmentation registry (PVP / BKP) – master list. Each patient has own tab.'
    lh = ['No.', 'Study No.', 'Patient name', 'Hospital No.', 'Date of 1st procedure', 'Tab']
    for j, h in enumerate(lh, 1):
        c = wl.cell(4, j, h)
        c.font = bold
        c.fill = grey
        c.border = bd
    loc = {}
    for i, p in enumerate(pats):
        r = 5 + i
        vals = [i + 1, p['id'], p['name'], p['hosp'], p['d0'], p['id']]
        for j, v in enumerate(vals, 1):
            c = wl.cell(r, j, v)
            c.border = bd
        wl.cell(r, 5).number_format = 'mm/dd/yyyy'
    for col_, wd in zip('ABCDEF', [5, 10, 30, 13, 18, 9]):
        wl.column_dimensions[col_].width = wd

    errors = []
    for i, p in enumerate(pats):
        ws = wb.create_sheet(p['id'])
        ws['A1'] = 'OUR LADY OF MERCY MEDICAL CENTER – Spine & Pain Unit, Quezon City'
        ws['A1'].font = Font(bold=True)
        ws['A2'] = 'VERTEBROPLASTY / KYPHOPLASTY CASE FORM'
        ws['A2'].font = Font(bold=True, size=13)
        ws.merge_cells('A2:G2')
        sex = 'F' if p['sex'] == 'female' else 'M'
        status = 'Alive' if p['died'] == 'no' else 'Expired %s' % p['dod'].strftime('%m/%d/%Y')
        frs = '; '.join('%s (noted %s)' % (f['level'], (p['d0'] + dt.timedelta(days=f['day'])).strftime('%m/%d/%Y'))
                        for f in p['fractures']) or 'None / Wala'
        fields = [
            (4, 'Study No.:', p['id'], 'Hospital No.:', p['hosp']),
            (5, 'Pangalan / Name:', p['name'], 'Kasarian / Sex:', sex),
            (6, 'Edad / Age:', '%d y/o' % p['age'], 'Birthday:', p['bday_txt']),
            (7, 'Diagnosis:', p['dx'], 'Status (last contact):', status),
            (8, 'New fracture on f/u:', frs, '', ''),
        ]
        for r, a, b, d, e in fields:
            ws.cell(r, 1, a).font = bold
            ws.cell(r, 2, b)
            ws.merge_cells(start_row=r, end_row=r, start_column=2, end_column=3)
            if d:
                ws.cell(r, 4, d).font = bold
                ws.cell(r, 5, e)
                ws.merge_cells(start_row=r, end_row=r, start_column=5, end_column=7)
        loc[(i, 'age')] = 6
        r = 10
        ws.cell(r, 1, 'PROCEDURE(S)').font = Font(bold=True, color='C00000')
        r += 1
        ph = ['Session', 'Date', 'Level', 'Procedure', 'Cement', 'Volume (cc)', 'Leak']
        for j, h in enumerate(ph, 1):
            c = ws.cell(r, j, h)
            c.font = bold
            c.fill = grey
            c.border = bd
        r += 1
        for k, s in enumerate(p['sessions'], 1):
            for li, l in enumerate(s['levels']):
                loc[(i, 'lev', k, li)] = r
                ws.cell(r, 1, k)
                c = ws.cell(r, 2, s['date'])
                c.number_format = 'mm/dd/yyyy'
                ws.cell(r, 3, l['level'])
                ws.cell(r, 4, 'PVP' if s['tech'] == 'vertebroplasty' else 'BKP')
                ws.cell(r, 5, p['brand'])
                ws.cell(r, 6, '%s cc' % l['vol'] if rng.random() < 0.3 else l['vol'])
                if l['leak'] == 'none':
                    ws.cell(r, 7, str(rng.choice(['None', 'wala', 'None'])))
                else:
                    ws.cell(r, 7, ' + '.join(LEAK_EN[x] for x in l['leak'].split(';')))
                for j in range(1, 8):
                    ws.cell(r, j).border = bd
                r += 1
        r += 1
        ws.cell(r, 1, 'FOLLOW-UP').font = Font(bold=True, color='C00000')
        r += 1
        fh = ['Session', 'Visit', 'Date', 'VAS (0-10)', 'Ambulation (0-4)', 'Remarks']
        for j, h in enumerate(fh, 1):
            c = ws.cell(r, j, h)
            c.font = bold
            c.fill = grey
            c.border = bd
        r += 1
        for k, s in enumerate(p['sessions'], 1):
            for tp in ('pre',) + tps:
                pv = s['pain'].get(tp)
                mv = s['mob'].get(tp)
                loc[(i, 'fu', k, tp)] = r
                ws.cell(r, 1, k)
                if tp == 'pre':
                    ws.cell(r, 2, 'Pre-op')
                    ws.cell(r, 3, ph_date(s['date']))
                else:
                    ws.cell(r, 2, TPL[tp])
                    vd = s['date'] + dt.timedelta(days=TPD[tp] + int(rng.integers(-3, 4)))
                    ws.cell(r, 3, ph_date(vd) if (pv is not None or mv is not None) else '')
                ws.cell(r, 4, pv if pv is not None else '')
                ws.cell(r, 5, ('%d - %s' % (mv, AMB[mv])) if mv is not None else '')
                if pv is None and mv is None:
                    ws.cell(r, 6, str(rng.choice(['did not come', 'hindi dumating', 'no show'])))
                elif pv is None:
                    ws.cell(r, 6, 'VAS not recorded')
                for j in range(1, 7):
                    ws.cell(r, j).border = bd
                r += 1
        r += 1
        ws.cell(r, 1, 'Ambulation: 0 bedridden, 1 wheelchair, 2 walker, 3 cane, 4 independent').font = Font(italic=True, size=9)
        ws.cell(r + 1, 1, 'Accomplished by: Dr. J. Manalo (spine fellow)').font = Font(italic=True, size=9)
        for col_, wd in zip('ABCDEFG', [20, 26, 14, 22, 22, 22, 24]):
            ws.column_dimensions[col_].width = wd

        def err(rr, cc, header, val, what):
            c = ws.cell(rr, cc)
            c.value = val
            errors.append([ws.title, c.coordinate, rr, header, val, what, p['id']])
        if i == 2:
            err(loc[(i, 'lev', 1, 0)], 3, 'Level', 'T13', 'impossible vertebral level')
        if i == 6:
            err(loc[(i, 'lev', 1, 0)], 6, 'Volume (cc)', 45, '45 cc of cement in one vertebra')
        if i == 10:
            err(loc[(i, 'fu', 1, '6w')], 4, 'VAS (0-10)', 14, 'pain score 14 on a 0-10 scale')
            ws.cell(loc[(i, 'fu', 1, '6w')], 6).value = None
        if i == 13:
            rr = loc[(i, 'fu', 1, '3m')]
            bad = p['sessions'][0]['date'] - dt.timedelta(days=300)
            err(rr, 3, 'Date', ph_date(bad), 'follow-up visit dated before the procedure date')
            if ws.cell(rr, 4).value in ('', None):
                ws.cell(rr, 4).value = 4
            ws.cell(rr, 6).value = None
        if i == 17:
            err(6, 2, 'Edad / Age:', '210 y/o', 'age of 210 years')
    wb.save(os.path.join(out, 'input.xlsx'))
    idents.append(['name', 'J. Manalo'])
    write_truth(out, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
