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


# ---------------------------------------------------------------- site: Erbil (Kurdistan Region, Sorani)
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

EA = '٠١٢٣٤٥٦٧٨٩'
TPS = ['pre', '24h', '2w', '3m', '12m']
TPS2 = ['pre', '2w', '3m']


def ea(s):
    return ''.join(EA[int(c)] if c.isdigit() else ('٫' if c == '.' else c) for c in str(s))


def main(outdir):
    pts = gen(seed=1204, n=22, start=dt.date(2022, 1, 10), tps=TPS, tps2=TPS2, p_second=0.2,
              p_kp=0.4, p_fx=0.2, odi=True, miss=0.15,
              cement_types=('PMMA', 'PMMA', 'PMMA', 'calcium phosphate'))
    drop_after_death(pts)
    rng = np.random.default_rng(12041)
    pid = lambda p: 'EBL-%02d' % (p['idx'] + 1)
    sexw = {'female': 'مێ', 'male': 'نێر'}
    etw = {'osteoporotic': ['پووکانەوەی ئێسک', 'ئۆستیۆپۆرۆسیس'],
           'pathologic': ['شێرپەنجە (مێتاستاز)', 'مایلۆما'],
           'traumatic': ['ڕووداوی هاتوچۆ', 'کەوتنە خوارەوە لە بەرزی']}
    techw = {'vertebroplasty': ['ڤێرتیبرۆپلاستی', 'VP'], 'kyphoplasty': ['کایفۆپلاستی', 'KP']}
    ctw = {'PMMA': 'PMMA', 'calcium phosphate': 'فۆسفاتی کالسیۆم (CaP)'}
    leakw = {'none': 'نییە', 'disc': 'دیسک', 'venous': 'خوێنهێنەر (venous)', 'epidural': 'ئێپیدوراڵ',
             'paravertebral': 'دەوروبەری بڕبڕە', 'foraminal': 'کونی دەمار (foramen)'}
    visitw = {'pre': 'پێش نەشتەرگەری', '24h': '٢٤ کاتژمێر دوای نەشتەرگەری', '2w': '٢ هەفتە',
              '3m': '٣ مانگ', '12m': '١٢ مانگ'}

    def dtx(d, western=False):
        s = d.strftime('%d/%m/%Y')
        return s if western else ea(s)

    wb = Workbook()
    ws = wb.active
    ws.title = 'نەشتەرگەری'
    ws.sheet_view.rightToLeft = True
    ws['A1'] = 'نەخۆشخانەی فێرکاری هەولێر — بەشی دەمار و بڕبڕە (invented)'
    ws['A2'] = 'تۆماری نەشتەرگەری ڤێرتیبرۆپلاستی و کایفۆپلاستی — هەر بڕبڕەیەک یەک ڕیز'
    ws['A1'].font = Font(bold=True, size=13)
    h1 = ['ژ', 'کۆدی نەخۆش', 'ڕەگەز', 'تەمەن', 'هۆکار', 'دانیشتن', 'ڕێکەوتی نەشتەرگەری', 'بڕبڕە',
          'جۆری نەشتەرگەری', 'بڕی سمێنت (مل)', 'جۆری سمێنت', 'دزەکردنی سمێنت', 'دۆخی ئێستا']
    HR = 4
    fill = PatternFill('solid', fgColor='FCE4D6')
    for c, h in enumerate(h1, 1):
        ws.cell(HR, c, h).font = Font(bold=True)
        ws.cell(HR, c).fill = fill
        ws.cell(HR, c).alignment = Alignment(horizontal='center', wrap_text=True)
    errors = []

    def err(sh, heads, r, c, value, what, pidv):
        errors.append([sh.title, '%s%d' % (get_column_letter(c), r), r, heads[c - 1], value, what, pidv])

    r = HR + 1
    n = 1
    for p in pts:
        i = p['idx']
        firstrow = True
        for s in p['sessions']:
            for li, (lv, vol, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
                ws.cell(r, 1, ea(n))
                n += 1
                ws.cell(r, 2, pid(p))
                ws.cell(r, 3, sexw[p['sex']])
                ws.cell(r, 4, ea(p['age']))
                ws.cell(r, 5, etw[p['etiology']][i % 2])
                ws.cell(r, 6, ea(s['session']))
                ws.cell(r, 7, dtx(s['date'], western=(i % 5 == 4)))
                lvv = lv
                if i == 4 and li == 0 and s['session'] == 1:
                    lvv = 'L9'
                    err(ws, h1, r, 8, lvv, 'impossible vertebral level L9', pid(p))
                ws.cell(r, 8, lvv)
                ws.cell(r, 9, techw[s['technique']][i % 3 == 2])
                vv = ea(fmtnum(vol))
                if i == 10 and li == 0 and s['session'] == 1:
                    vv = ea(25)
                    err(ws, h1, r, 10, vv, 'cement volume 25 ml in one vertebra is impossible', pid(p))
                ws.cell(r, 10, vv)
                ws.cell(r, 11, ctw[s['ctype']])
                ws.cell(r, 12, leakw[lk])
                if firstrow:
                    if p['died']:
                        ws.cell(r, 13, 'کۆچی دوایی کردووە (%s)' % dtx(p['d1'] + dt.timedelta(days=p['death_day'])))
                    else:
                        ws.cell(r, 13, 'زیندووە')
                firstrow = False
                r += 1
    ws.cell(r + 1, 1, 'تێبینی: ژمارەکان بە ژمارەی کوردی/عەرەبی نووسراون. دۆخی ئێستا تەنها لە یەکەم ڕیزی هەر نەخۆشێک.')
    for c, w in enumerate([5, 11, 6, 6, 22, 7, 16, 8, 16, 12, 20, 20, 30], 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = 'C5'

    # ---- follow-up sheet
    fs = wb.create_sheet('سەردانەکان')
    fs.sheet_view.rightToLeft = True
    fs['A1'] = 'سەردانەکانی دوای نەشتەرگەری — هەر سەردانێک یەک ڕیز'
    fs['A1'].font = Font(bold=True, size=13)
    h2 = ['کۆدی نەخۆش', 'دانیشتن', 'سەردان', 'ڕێکەوت', 'VAS (٠-١٠)', 'ODI (٪)', 'شکانی نوێ', 'تێبینی']
    for c, h in enumerate(h2, 1):
        fs.cell(3, c, h).font = Font(bold=True)
        fs.cell(3, c).fill = fill
        fs.cell(3, c).alignment = Alignment(horizontal='center', wrap_text=True)
    r = 4
    for p in pts:
        i = p['idx']
        rows = []  # (day_from_d1, kind, payload)
        for s in p['sessions']:
            a = p['ass'][s['session']]
            tl = TPS if s['session'] == 1 else TPS2
            for tp in tl:
                if tp == 'pre':
                    d = s['date'] - dt.timedelta(days=1)
                else:
                    d = s['date'] + dt.timedelta(days=TPDAYS[tp] + (int(rng.integers(-4, 6)) if tp != '24h' else 0))
                day = (d - p['d1']).days
                if p['died'] and day >= p['death_day']:
                    continue
                rows.append((day, 0, ('visit', s['session'], tp, d, a['vas'].get(tp), a['odi'].get(tp))))
        for fd, fl in p['fx']:
            rows.append((fd, 1, ('fx', None, None, p['d1'] + dt.timedelta(days=fd), fl, None)))
        rows.sort(key=lambda x: (x[0], x[1]))
        for day, _, (kind, sess, tp, d, v, o) in rows:
            code = pid(p)
            if i == 6 and kind == 'visit' and tp == '2w' and sess == 1:
                code = 'EBL-70'
                err(fs, h2, r, 1, code, 'patient code EBL-70 does not exist (typo for EBL-07)', pid(p))
            fs.cell(r, 1, code)
            if kind == 'fx':
                fs.cell(r, 2, '-')
                fs.cell(r, 3, 'سەردانی نائاسایی')
                fs.cell(r, 4, dtx(d, western=(i % 5 == 4)))
                fs.cell(r, 7, 'بەڵێ — %s' % v)
                fs.cell(r, 8, 'شکانی نوێی بڕبڕە، چارەسەری پارێزگارانە')
                r += 1
                continue
            fs.cell(r, 2, ea(sess))
            fs.cell(r, 3, visitw[tp])
            dv = dtx(d, western=(i % 5 == 4))
            if i == 15 and tp == '3m' and sess == 1:
                dv = ea('30/02/%d' % d.year)
                err(fs, h2, r, 4, dv, 'impossible date (30 February)', pid(p))
            fs.cell(r, 4, dv)
            if v is None:
                fs.cell(r, 8, 'نەهات')
            else:
                fs.cell(r, 5, ea(v))
                ov = ea(o) if o is not None else ''
                if i == 19 and tp == 'pre' and sess == 1:
                    ov = ea(120)
                    err(fs, h2, r, 6, ov, 'ODI 120 is impossible (0-100 scale)', pid(p))
                fs.cell(r, 6, ov)
                fs.cell(r, 7, 'نەخێر')
            r += 1
        r += 1  # blank spacer row between patients
    for c, w in enumerate([11, 8, 26, 14, 10, 9, 16, 36], 1):
        fs.column_dimensions[get_column_letter(c)].width = w
    fs.freeze_panes = 'B4'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, pid, errors, [], cement_mode='per_level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
