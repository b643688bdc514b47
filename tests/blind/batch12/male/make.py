import sys, os, csv, datetime as dt
import numpy as np

ALL_LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
             ['L%d' % i for i in range(1, 6)] + ['S1']
CORE = ALL_LEVELS.index('T6'), ALL_LEVELS.index('L4')


def r05(x):
    return round(x * 2) / 2.0


def gen(seed, n, start, tps, p_second=0.2, p_kp=0.3, p_fx=0.15, p_died=0.12,
        odi=False, leak_sites=('disc', 'venous', 'epidural', 'paravertebral', 'foraminal'),
        cement_types=('PMMA',), miss=0.15, tps2=None):
    """Generate patients: returns list of dicts."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.68 else 'male'
        et = ['osteoporotic'] * 7 + ['pathologic'] * 2 + ['traumatic']
        etiology = et[int(rng.integers(0, len(et)))]
        if etiology == 'osteoporotic':
            age = int(rng.integers(60, 91))
        elif etiology == 'pathologic':
            age = int(rng.integers(45, 82))
        else:
            age = int(rng.integers(35, 75))
        died = rng.random() < (p_died * (2.5 if etiology == 'pathologic' else 1))
        d1 = start + dt.timedelta(days=int(rng.integers(0, 540)))
        used = set()

        def mk_session(sidx, day, nlev):
            # contiguous levels
            for _ in range(50):
                a = int(rng.integers(CORE[0], CORE[1] + 1))
                levs = ALL_LEVELS[a:a + nlev]
                if len(levs) == nlev and not (set(levs) & used) and all(
                        ALL_LEVELS.index(l) <= CORE[1] + 1 for l in levs):
                    break
            used.update(levs)
            tech = 'kyphoplasty' if rng.random() < p_kp else 'vertebroplasty'
            ctype = cement_types[int(rng.integers(0, len(cement_types)))]
            vols = []
            leaks = []
            for l in levs:
                lo = 2.0 if l.startswith('T') and ALL_LEVELS.index(l) < ALL_LEVELS.index('T10') else 3.0
                vols.append(r05(rng.uniform(lo, lo + 3.5)))
                if rng.random() < 0.2:
                    leaks.append(leak_sites[int(rng.integers(0, len(leak_sites)))])
                else:
                    leaks.append('none')
            return dict(session=sidx, day=day, date=d1 + dt.timedelta(days=day), levels=levs,
                        technique=tech, vols=vols, ctype=ctype, leaks=leaks)

        nlev = [1, 1, 1, 2, 2, 3][int(rng.integers(0, 6))]
        sessions = [mk_session(1, 0, nlev)]
        if rng.random() < p_second:
            day2 = int(rng.integers(21, 100))
            sessions.append(mk_session(2, day2, 1))
        # assessments: {session: {tp: value}}
        ass = {}
        for s in sessions:
            pre = int(rng.integers(6, 11))
            vals = {'pre': pre}
            cur = pre
            tl = tps if (s['session'] == 1 or tps2 is None) else tps2
            for k, tp in enumerate(tl):
                if tp == 'pre':
                    continue
                drop = int(rng.integers(2, 5)) if k == 1 else int(rng.integers(0, 2))
                cur = max(0, cur - drop)
                if rng.random() < miss:
                    continue
                vals[tp] = cur
            o = {}
            if odi:
                op = int(rng.integers(20, 45)) * 2
                o['pre'] = op
                cur = op
                for tp in vals:
                    if tp == 'pre':
                        continue
                    cur = max(4, cur - int(rng.integers(2, 10)) * 2)
                    o[tp] = cur
            ass[s['session']] = dict(vas=vals, odi=o)
        fx = []
        if rng.random() < p_fx:
            cand = [l for l in ALL_LEVELS[CORE[0]:CORE[1] + 2] if l not in used]
            lv = cand[int(rng.integers(0, len(cand)))]
            fx.append((int(rng.integers(25, 300)), lv))
        out.append(dict(idx=i, sex=sex, age=age, etiology=etiology, died=died, d1=d1,
                        sessions=sessions, ass=ass, fx=fx,
                        death_day=int(rng.integers(120, 420)) if died else None))
    return out


TPDAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182,
          '12m': 365, '24m': 730}


def drop_after_death(pts):
    """Keep death dates well clear of scheduled visits, then remove values after death."""
    for p in pts:
        if p['died']:
            near = [s['day'] + d for s in p['sessions'] for d in TPDAYS.values()]
            while any(abs(p['death_day'] - x) <= 12 for x in near):
                p['death_day'] += 13
    for p in pts:
        if p['died']:
            for s in p['sessions']:
                a = p['ass'][s['session']]
                for key in ('vas', 'odi'):
                    for tp in list(a[key]):
                        if s['day'] + TPDAYS[tp] >= p['death_day']:
                            del a[key][tp]
            p['fx'] = [f for f in p['fx'] if f[0] < p['death_day']]


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def fmtnum(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%g' % v)


def write_truth(outdir, pts, pid, errors, identifiers, cement_mode='per_level', died_known=True,
                sex_known=True):
    """cement_mode: 'per_level' or 'session_total_if_multi' or 'session_total'."""
    t = os.path.join(outdir, 'truth')
    write_csv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[pid(p), p['sex'] if sex_known else '', p['age'], p['etiology'],
                ('yes' if p['died'] else 'no') if died_known else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = sum(s['vols'])
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                if cement_mode == 'per_level' or (cement_mode == 'session_total_if_multi' and len(s['levels']) == 1):
                    cv, sv = fmtnum(v), ''
                else:
                    cv, sv = '', fmtnum(tot)
                rows.append([pid(p), s['session'], s['day'], l, s['technique'], cv, sv, s['ctype'], lk])
    write_csv(os.path.join(t, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for s in p['sessions']:
            a = p['ass'][s['session']]
            for tp, v in a['vas'].items():
                rows.append([pid(p), s['session'], 'pain_vas', tp, fmtnum(v)])
            for tp, v in a['odi'].items():
                rows.append([pid(p), s['session'], 'odi', tp, fmtnum(v)])
            for tp, v in a.get('mob', {}).items():
                rows.append([pid(p), s['session'], 'mobility', tp, fmtnum(v)])
    write_csv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[pid(p), d, l] for p in pts for d, l in p['fx']])
    write_csv(os.path.join(t, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    write_csv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


# ---------------------------------------------------------------- site: Male' (Maldives, Dhivehi/English)
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

TPS = ['pre', '1w', '1m', '3m', '6m']


def main(outdir):
    pts = gen(seed=1202, n=24, start=dt.date(2022, 6, 1), tps=TPS, p_second=0.2, p_kp=0.35,
              p_fx=0.18, miss=0.18, tps2=['pre', '1m'])
    drop_after_death(pts)
    rng = np.random.default_rng(12021)
    pid = lambda p: 'KMH-VA-%03d' % (p['idx'] + 1)
    hosp = {p['idx']: 'H%06d' % int(rng.integers(100000, 999999)) for p in pts}
    nid = {p['idx']: 'A%06d' % int(rng.integers(100000, 400000)) for p in pts}
    jit = {}

    sexw = {'female': ['އަންހެން', 'F'], 'male': ['ފިރިހެން', 'M']}
    etw = {'osteoporotic': ['Osteoporosis', 'OP # - ވެއްޓިގެން'],
           'pathologic': ['Mets (Ca breast)', 'Multiple myeloma', 'Mets - Ca lung'],
           'traumatic': ['RTA - ބައިސްކަލް އެކްސިޑެންޓް', 'Fall from height (ގަސް)']}
    techw = {'vertebroplasty': 'VP', 'kyphoplasty': 'BKP'}
    brands = ['Osteopal V', 'Kyphon HV-R', 'Vertecem V+']

    def leaktext(s):
        parts = ['%s (%s)' % (lk, lv) for lv, lk in zip(s['levels'], s['leaks']) if lk != 'none']
        return 'Nil' if not parts else ', '.join(parts)

    wb = Workbook()
    ws = wb.active
    ws.title = 'VA register'
    ws.sheet_view.rightToLeft = True
    ws['A1'] = 'ކަންމަތި ހޮސްޕިޓަލް — Spine Unit, Malé'
    ws['A2'] = 'ވާޓިބްރޯޕްލާސްޓީ / ކައިފޯޕްލާސްޓީ ރަޖިސްޓަރީ  (Vertebroplasty / Kyphoplasty register)'
    ws['A1'].font = Font(bold=True, size=14)
    ws.merge_cells('A1:Z1')
    ws.merge_cells('A2:Z2')
    # columns
    cols = [
        ('', 'Study ID'), ('', 'Hosp. No.'), ('', 'ID ކާޑު'), ('', 'ޖިންސު'), ('', 'އުމުރު'),
        ('', 'ސަބަބު (Cause)'),
        ('1 ވަނަ ޕްރޮސީޖަރ (1st procedure)', 'ތާރީޚް'), ('1 ވަނަ ޕްރޮސީޖަރ (1st procedure)', 'Level'),
        ('1 ވަނަ ޕްރޮސީޖަރ (1st procedure)', 'VP/BKP'), ('1 ވަނަ ޕްރޮސީޖަރ (1st procedure)', 'Cement total (ml)'),
        ('1 ވަނަ ޕްރޮސީޖަރ (1st procedure)', 'Cement'), ('1 ވަނަ ޕްރޮސީޖަރ (1st procedure)', 'Leak'),
        ('VAS ކުރިން (Pre-op)', 'VAS'),
        ('1 ހަފްތާ (1 week)', 'ތާރީޚް'), ('1 ހަފްތާ (1 week)', 'VAS'),
        ('1 މަސް (1 month)', 'ތާރީޚް'), ('1 މަސް (1 month)', 'VAS'),
        ('3 މަސް (3 months)', 'ތާރީޚް'), ('3 މަސް (3 months)', 'VAS'),
        ('6 މަސް (6 months)', 'ތާރީޚް'), ('6 މަސް (6 months)', 'VAS'),
        ('2 ވަނަ ޕްރޮސީޖަރ (2nd procedure)', 'ތާރީޚް'), ('2 ވަނަ ޕްރޮސީޖަރ (2nd procedure)', 'Level'),
        ('2 ވަނަ ޕްރޮސީޖަރ (2nd procedure)', 'VP/BKP'), ('2 ވަނަ ޕްރޮސީޖަރ (2nd procedure)', 'Cement (ml)'),
        ('2 ވަނަ ޕްރޮސީޖަރ (2nd procedure)', 'Leak'), ('2 ވަނަ ޕްރޮސީޖަރ (2nd procedure)', 'VAS pre'),
        ('2 ވަނަ ޕްރޮސީޖަރ (2nd procedure)', 'VAS 1 މަސް'),
        ('', 'New # (އާ ފްރެކްޗަރ)'), ('', 'Outcome'), ('', 'Remarks'),
    ]
    ncol = len(cols)
    HR1, HR2 = 4, 5
    fill = PatternFill('solid', fgColor='FFF2CC')
    c = 1
    while c <= ncol:
        top = cols[c - 1][0]
        if top == '':
            ws.cell(HR1, c, cols[c - 1][1])
            ws.merge_cells(start_row=HR1, start_column=c, end_row=HR2, end_column=c)
            c += 1
            continue
        c2 = c
        while c2 + 1 <= ncol and cols[c2][0] == top:
            c2 += 1
        ws.cell(HR1, c, top)
        if c2 > c:
            ws.merge_cells(start_row=HR1, start_column=c, end_row=HR1, end_column=c2)
        for k in range(c, c2 + 1):
            ws.cell(HR2, k, cols[k - 1][1])
        c = c2 + 1
    for r in (HR1, HR2):
        for k in range(1, ncol + 1):
            ws.cell(r, k).font = Font(bold=True)
            ws.cell(r, k).fill = fill
            ws.cell(r, k).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
    col_of = {}
    for k, (t, b) in enumerate(cols, 1):
        col_of[(t, b)] = k
    errors = []

    def err(r, k, value, what, p):
        errors.append([ws.title, '%s%d' % (get_column_letter(k), r), r, cols[k - 1][1], value, what,
                       pid(p) if p is not None else ''])

    visit_cols = {'1w': '1 ހަފްތާ (1 week)', '1m': '1 މަސް (1 month)', '3m': '3 މަސް (3 months)',
                  '6m': '6 މަސް (6 months)'}
    P1 = '1 ވަނަ ޕްރޮސީޖަރ (1st procedure)'
    P2 = '2 ވަނަ ޕްރޮސީޖަރ (2nd procedure)'
    r = HR2 + 1
    for p in pts:
        i = p['idx']
        s1 = p['sessions'][0]
        a1 = p['ass'][1]['vas']
        idv = pid(p)
        if i == 13:
            idv = None
            err(r, 1, '', 'study ID missing on a row with data', None)
        ws.cell(r, 1, idv)
        ws.cell(r, 2, hosp[i])
        ws.cell(r, 3, nid[i])
        ws.cell(r, 4, sexw[p['sex']][i % 3 == 0])
        ws.cell(r, 5, p['age'] if i % 4 else '%d y' % p['age'])
        opts = etw[p['etiology']]
        ws.cell(r, 6, opts[i % len(opts)])
        k = col_of[(P1, 'ތާރީޚް')]
        ws.cell(r, k, s1['date'])
        ws.cell(r, k).number_format = 'DD/MM/YYYY'
        lv = ', '.join(s1['levels'])
        if i == 5:
            lv = lv.replace(s1['levels'][0], 'T13')
            err(r, col_of[(P1, 'Level')], lv, 'impossible vertebral level T13', p)
        ws.cell(r, col_of[(P1, 'Level')], lv)
        ws.cell(r, col_of[(P1, 'VP/BKP')], techw[s1['technique']])
        tot = sum(s1['vols'])
        tv = fmtnum(tot) if i % 2 else float(tot)
        if i == 9:
            tv = 40
            err(r, col_of[(P1, 'Cement total (ml)')], tv, 'cement total 40 ml for %d vertebra(e) is impossible (max ~8 ml each)' % len(s1['levels']), p)
        ws.cell(r, col_of[(P1, 'Cement total (ml)')], tv)
        ws.cell(r, col_of[(P1, 'Cement')], brands[1] if s1['technique'] == 'kyphoplasty' else brands[i % 3 == 0 and 2 or 0])
        ws.cell(r, col_of[(P1, 'Leak')], leaktext(s1))
        ws.cell(r, col_of[('VAS ކުރިން (Pre-op)', 'VAS')], a1['pre'])
        for tp, grp in visit_cols.items():
            kd, kv = col_of[(grp, 'ތާރީޚް')], col_of[(grp, 'VAS')]
            if tp in a1:
                vd = s1['date'] + dt.timedelta(days=TPDAYS[tp] + int(rng.integers(-3, 5)))
                dtxt = vd.strftime('%d/%m/%y')
                if i == 17 and tp == [t for t in visit_cols if t in a1][0]:
                    dtxt = vd.replace(year=vd.year - 1).strftime('%d/%m/%y')
                    err(r, kd, dtxt, 'follow-up date is before the procedure date (year typo)', p)
                ws.cell(r, kd, dtxt)
                vv = a1[tp]
                if i == 21 and tp == '1w':
                    vv = 14
                    err(r, kv, vv, 'VAS 14 on a 0-10 scale', p)
                ws.cell(r, kv, vv)
            else:
                dead = p['died'] and TPDAYS[tp] >= p['death_day']
                ws.cell(r, kd, '' if dead else 'DNA')
                ws.cell(r, kv, '-' if dead else 'ނާދޭ')
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            a2 = p['ass'][2]['vas']
            k = col_of[(P2, 'ތާރީޚް')]
            ws.cell(r, k, s2['date'])
            ws.cell(r, k).number_format = 'DD/MM/YYYY'
            ws.cell(r, col_of[(P2, 'Level')], ', '.join(s2['levels']))
            ws.cell(r, col_of[(P2, 'VP/BKP')], techw[s2['technique']])
            ws.cell(r, col_of[(P2, 'Cement (ml)')], float(sum(s2['vols'])))
            ws.cell(r, col_of[(P2, 'Leak')], leaktext(s2))
            ws.cell(r, col_of[(P2, 'VAS pre')], a2['pre'])
            ws.cell(r, col_of[(P2, 'VAS 1 މަސް')], a2.get('1m', 'ނާދޭ'))
        if p['fx']:
            ws.cell(r, col_of[('', 'New # (އާ ފްރެކްޗަރ)')],
                    '; '.join('%s # on %s' % (l, (p['d1'] + dt.timedelta(days=d)).strftime('%d/%m/%Y')) for d, l in p['fx']))
        if p['died']:
            ws.cell(r, col_of[('', 'Outcome')],
                    'ނިޔާވެއްޖެ (Expired) %s' % (p['d1'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y'))
        else:
            ws.cell(r, col_of[('', 'Outcome')], 'Alive')
        if p['etiology'] == 'pathologic':
            ws.cell(r, col_of[('', 'Remarks')], 'Onco ފޮލޯއަޕް')
        if p['fx'] and not p['died']:
            ws.cell(r, col_of[('', 'Remarks')], 'Conservative Rx for new #')
        r += 1
    ws.cell(r + 1, 1, 'DNA / ނާދޭ = did not attend (ނާދޭ). Leak: Nil = no leak; level in brackets. '
                      'Cement total = all levels of that procedure together.')
    ws.freeze_panes = 'C6'
    for k in range(1, ncol + 1):
        ws.column_dimensions[get_column_letter(k)].width = 12
    ws.column_dimensions['F'].width = 26
    ws.column_dimensions[get_column_letter(ncol - 2)].width = 24
    ws.column_dimensions[get_column_letter(ncol - 1)].width = 28
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    idents = []
    for p in pts:
        idents.append(['record_number', hosp[p['idx']]])
        idents.append(['other', nid[p['idx']]])
    write_truth(outdir, pts, pid, errors, idents, cement_mode='session_total_if_multi')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
