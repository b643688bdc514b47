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


# ---------------------------------------------------------------- site: Amritsar (Punjab, Gurmukhi/English)
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

GUR = '੦੧੨੩੪੫੬੭੮੯'
TPS = ['pre', '24h', '1m', '3m', '6m']


def gur(s):
    return ''.join(GUR[int(c)] if c.isdigit() else c for c in str(s))


def dorsal(l):
    return 'D' + l[1:] if l.startswith('T') else l


def main(outdir):
    pts = gen(seed=1203, n=23, start=dt.date(2022, 9, 1), tps=TPS, p_second=0.22, p_kp=0.3,
              p_fx=0.18, miss=0.17)
    rng = np.random.default_rng(12031)
    # ambulation score (1 bedridden, 2 wheelchair, 3 walker/stick, 4 independent) pre and 1m
    for p in pts:
        for s in p['sessions']:
            a = p['ass'][s['session']]
            pre = int(rng.integers(1, 4))
            mob = {'pre': pre}
            if '1m' in a['vas']:
                mob['1m'] = min(4, pre + int(rng.integers(0, 3)))
            a['mob'] = mob
    drop_after_death(pts)
    for p in pts:
        if p['died']:
            for s in p['sessions']:
                a = p['ass'][s['session']]
                if '1m' in a['mob'] and '1m' not in a['vas']:
                    del a['mob']['1m']
    pid = lambda p: 'ASR-VP-%03d' % (p['idx'] + 1)
    fem = ['ਗੁਰਮੀਤ ਕੌਰ', 'ਹਰਜੀਤ ਕੌਰ', 'ਸੁਰਿੰਦਰ ਕੌਰ', 'ਬਲਜੀਤ ਕੌਰ', 'ਕੁਲਵੰਤ ਕੌਰ', 'ਮਨਜੀਤ ਕੌਰ', 'ਪਰਮਜੀਤ ਕੌਰ',
           'ਜਸਵੀਰ ਕੌਰ', 'ਦਲਜੀਤ ਕੌਰ', 'ਰਾਜਿੰਦਰ ਕੌਰ', 'ਅਮਰਜੀਤ ਕੌਰ', 'ਸਰਬਜੀਤ ਕੌਰ', 'ਕਮਲਜੀਤ ਕੌਰ', 'ਨਿਰਮਲ ਕੌਰ',
           'ਸ਼ਿੰਦਰ ਕੌਰ', 'ਪ੍ਰੀਤਮ ਕੌਰ', 'ਸਵਰਨ ਕੌਰ', 'ਬਲਵਿੰਦਰ ਕੌਰ']
    mal = ['ਬਲਵਿੰਦਰ ਸਿੰਘ', 'ਗੁਰਦੀਪ ਸਿੰਘ', 'ਹਰਭਜਨ ਸਿੰਘ', 'ਸੁਖਦੇਵ ਸਿੰਘ', 'ਜਗਤਾਰ ਸਿੰਘ', 'ਕਰਨੈਲ ਸਿੰਘ',
           'ਅਵਤਾਰ ਸਿੰਘ', 'ਮੋਹਨ ਲਾਲ', 'ਰਮੇਸ਼ ਕੁਮਾਰ', 'ਦਰਸ਼ਨ ਸਿੰਘ', 'ਤਰਸੇਮ ਸਿੰਘ', 'ਜੋਗਿੰਦਰ ਸਿੰਘ']
    fi, mi = list(rng.permutation(len(fem))), list(rng.permutation(len(mal)))
    names, crno, phone = {}, {}, {}
    for p in pts:
        names[p['idx']] = fem[fi.pop()] if p['sex'] == 'female' else mal[mi.pop()]
        crno[p['idx']] = '%d/%05d' % (p['d1'].year, int(rng.integers(10000, 99999)))
        phone[p['idx']] = '%d%08d' % (int(rng.choice([98, 94, 81, 70])), int(rng.integers(10**7, 10**8)))

    sexw = {'female': ['F', 'ਇਸਤਰੀ'], 'male': ['M', 'ਪੁਰਸ਼']}
    etw = {'osteoporotic': ['Osteoporotic #', 'ਓਸਟੀਓਪੋਰੋਸਿਸ', 'OP collapse'],
           'pathologic': ['Ca breast mets', 'Multiple myeloma', 'Ca prostate mets'],
           'traumatic': ['ਸੜਕ ਹਾਦਸਾ (RTA)', 'Fall from roof (trauma)']}
    techw = {'vertebroplasty': ['VP', 'ਵਰਟੀਬ੍ਰੋਪਲਾਸਟੀ'], 'kyphoplasty': ['KP', 'ਕਾਈਫੋਪਲਾਸਟੀ']}
    sessw = {1: ['1st', 'ਪਹਿਲਾ'], 2: ['2nd', 'ਦੂਜਾ']}
    NOTCAME = ['ਨਹੀਂ ਆਏ', 'LFU']

    def dfmt(d, mode):
        if mode == 0:
            return d.strftime('%d-%m-%Y')
        if mode == 1:
            return d.strftime('%d.%m.%y')
        return gur(d.strftime('%d-%m-%Y'))

    wb = Workbook()
    ws = wb.active
    ws.title = 'VP register'
    ws['A1'] = 'ਸ੍ਰੀ ਗੁਰੂ ਰਾਮਦਾਸ ਮੈਡੀਕਲ ਕਾਲਜ ਹਸਪਤਾਲ, ਅੰਮ੍ਰਿਤਸਰ (invented) — Dept. of Orthopaedics, Spine Clinic'
    ws['A2'] = 'ਵਰਟੀਬ੍ਰੋਪਲਾਸਟੀ / ਕਾਈਫੋਪਲਾਸਟੀ ਰਜਿਸਟਰ — ਹਰ ਸੈਸ਼ਨ ਦੀ ਇੱਕ ਲਾਈਨ (one line per session)'
    ws['A1'].font = Font(bold=True, size=13)
    heads = ['ਲੜੀ ਨੰ.', 'Study No.', 'CR No.', 'ਮਰੀਜ਼ ਦਾ ਨਾਮ', 'ਉਮਰ/ਲਿੰਗ', 'ਮੋਬਾਈਲ', 'ਕਾਰਨ (Diagnosis)',
             'ਸੈਸ਼ਨ', 'ਮਿਤੀ (Date)', 'Level', 'Procedure', 'Cement (ml)', 'Cement type', 'Leak',
             'ਪਹਿਲਾਂ (Pre)', '1 ਦਿਨ', '1 ਮਹੀਨਾ', '3 ਮਹੀਨੇ', '6 ਮਹੀਨੇ', 'ਪਹਿਲਾਂ (Pre)', '1 ਮਹੀਨਾ',
             'ਨਵਾਂ ਫ੍ਰੈਕਚਰ (New #)', 'ਸਥਿਤੀ (Status)', 'Remarks']
    H1, H2 = 4, 5
    for c, h in enumerate(heads, 1):
        if 15 <= c <= 21:
            ws.cell(H2, c, h)
        else:
            ws.cell(H1, c, h)
            ws.merge_cells(start_row=H1, start_column=c, end_row=H2, end_column=c)
    ws.cell(H1, 15, 'VAS ਦਰਦ (0-10)')
    ws.merge_cells(start_row=H1, start_column=15, end_row=H1, end_column=19)
    ws.cell(H1, 20, 'ਤੁਰਨ ਦੀ ਯੋਗਤਾ / Ambulation (1-4)')
    ws.merge_cells(start_row=H1, start_column=20, end_row=H1, end_column=21)
    fill = PatternFill('solid', fgColor='E2EFDA')
    for r in (H1, H2):
        for c in range(1, len(heads) + 1):
            ws.cell(r, c).font = Font(bold=True)
            ws.cell(r, c).fill = fill
            ws.cell(r, c).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
    errors = []

    def err(r, c, value, what, pidv):
        errors.append([ws.title, '%s%d' % (get_column_letter(c), r), r, heads[c - 1], value, what, pidv])

    r = H2 + 1
    sr = 1
    for p in pts:
        i = p['idx']
        mode = i % 3
        for s in p['sessions']:
            a = p['ass'][s['session']]
            first = s['session'] == 1
            ws.cell(r, 1, sr)
            sr += 1
            idv = pid(p)
            if i == 18:
                idv = pid(pts[17])
                err(r, 2, idv, 'study ID ASR-VP-018 entered again for a different patient (this row is a different person)', pid(pts[17]))
                err(r, 2, idv, 'this patient (intended ASR-VP-019) was written with the ID of ASR-VP-018', pid(p))
            ws.cell(r, 2, idv)
            ws.cell(r, 3, crno[i])
            if first:
                ws.cell(r, 4, names[i])
                agev = '%d/%s' % (p['age'], sexw[p['sex']][i % 2])
                if mode == 2:
                    agev = gur(agev)
                ws.cell(r, 5, agev)
                ws.cell(r, 6, phone[i])
                eo = etw[p['etiology']]
                if p['etiology'] == 'pathologic':
                    eo = [e for e in eo if not (('breast' in e and p['sex'] == 'male') or ('prostate' in e and p['sex'] == 'female'))]
                ws.cell(r, 7, eo[i % len(eo)])
            else:
                for c in (4, 5, 6, 7):
                    ws.cell(r, c, '-do-')
            ws.cell(r, 8, sessw[s['session']][i % 2])
            dv = dfmt(s['date'], mode)
            if i == 6 and first:
                dv = '31-04-%d' % s['date'].year
                err(r, 9, dv, 'impossible date (31 April)', pid(p))
            ws.cell(r, 9, dv)
            levs = [dorsal(l) for l in s['levels']]
            if i == 11 and first:
                levs[0] = 'D14'
                err(r, 10, ', '.join(levs), 'impossible level D14 (there are 12 dorsal vertebrae)', pid(p))
            ws.cell(r, 10, ', '.join(levs))
            ws.cell(r, 11, techw[s['technique']][i % 4 == 3])
            if len(levs) == 1:
                ws.cell(r, 12, '%s ml' % fmtnum(s['vols'][0]) if i % 2 else s['vols'][0])
            else:
                ws.cell(r, 12, ', '.join('%s-%s' % (l, fmtnum(v)) for l, v in zip(levs, s['vols'])))
            ws.cell(r, 13, 'PMMA')
            lk = ['%s (%s)' % (k.capitalize(), l) for l, k in zip(levs, s['leaks']) if k != 'none']
            ws.cell(r, 14, 'ਨਹੀਂ' if not lk else ', '.join(lk))
            for c, tp in zip(range(15, 20), TPS):
                if tp in a['vas']:
                    v = a['vas'][tp]
                    vv = gur(v) if (mode == 2 or (mode == 1 and tp == 'pre')) else v
                    if i == 15 and first and tp == 'pre':
                        vv = gur(15)
                        err(r, c, vv, 'VAS 15 (Gurmukhi digits) on a 0-10 scale', pid(p))
                    ws.cell(r, c, vv)
                else:
                    dead = p['died'] and s['day'] + TPDAYS[tp] >= p['death_day']
                    ws.cell(r, c, 'ਮੌਤ' if dead else NOTCAME[i % 2])
            for c, tp in zip((20, 21), ('pre', '1m')):
                if tp in a['mob']:
                    ws.cell(r, c, a['mob'][tp])
                else:
                    ws.cell(r, c, '-')
            if first:
                if p['fx']:
                    ws.cell(r, 22, '; '.join('%s - %s' % (dorsal(l), (p['d1'] + dt.timedelta(days=d)).strftime('%d-%m-%Y'))
                                             for d, l in p['fx']))
                else:
                    ws.cell(r, 22, 'ਨਹੀਂ')
                if p['died']:
                    ws.cell(r, 23, 'ਮੌਤ ਹੋ ਗਈ %s' % (p['d1'] + dt.timedelta(days=p['death_day'])).strftime('%d-%m-%Y'))
                else:
                    ws.cell(r, 23, 'ਠੀਕ / alive')
            else:
                ws.cell(r, 24, 'Re-admitted, fresh level')
            if i == 15:
                pass
            r += 1
    ws.cell(r + 1, 1, 'D = Dorsal (T). ਨਹੀਂ ਆਏ / LFU = follow-up ਤੇ ਨਹੀਂ ਆਏ. ਮੌਤ = expired. '
                      'Ambulation: 1 = bed-bound, 2 = wheelchair, 3 = walker/stick, 4 = independent. '
                      'VAS columns count from the date of that session.')
    ws.freeze_panes = 'D6'
    wid = [6, 12, 12, 18, 10, 13, 20, 8, 12, 12, 14, 16, 9, 18, 8, 8, 8, 8, 8, 8, 8, 20, 22, 18]
    for c, w in enumerate(wid, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    idents = []
    for p in pts:
        idents += [['name', names[p['idx']]], ['record_number', crno[p['idx']]], ['phone', phone[p['idx']]]]
    write_truth(outdir, pts, pid, errors, idents, cement_mode='per_level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
