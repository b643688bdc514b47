"""Suva register (English with Fijian/Fiji Hindi words): procedures sheet (one row per vertebra, merged session cells) + follow-up sheet (one row per visit)."""
# ---------------------------------------------------------------- common data generator
import sys, os, csv, datetime as dt
import numpy as np

TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
SPINE = ['T%d' % i for i in range(5, 13)] + ['L%d' % i for i in range(1, 6)]
W = [1, 1, 2, 2, 3, 4, 6, 9, 9, 7, 4, 3, 1]


def neighbours(lv):
    i = SPINE.index(lv)
    return [SPINE[j] for j in (i - 1, i + 1) if 0 <= j < len(SPINE)]


def gen(seed, n, tps, start, span_days=600, tps2=None, odi_tps=(), mob_tps=(),
        techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.7, 0.3),
        cements=('PMMA',), cement_p=None, record_sex=True, vol_step=0.5):
    rng = np.random.default_rng(seed)
    pts = []
    p = np.array(W, float); p /= p.sum()
    for k in range(n):
        et = rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=[0.62, 0.22, 0.12, 0.04])
        sex = 'female' if rng.random() < (0.72 if et == 'osteoporotic' else 0.45) else 'male'
        age = int(rng.integers(62, 90)) if et == 'osteoporotic' else int(rng.integers(38, 80))
        died = 'yes' if (rng.random() < (0.35 if et == 'pathologic' else 0.06)) else 'no'
        d0 = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        i0 = int(rng.choice(len(SPINE), p=p))
        i0 = min(i0, len(SPINE) - nlev)
        levels = SPINE[i0:i0 + nlev]
        tech = str(rng.choice(techs, p=tech_p))
        cem = str(rng.choice(cements, p=cement_p))

        def vols(levels):
            out = []
            for lv in levels:
                lo, hi = (1.5, 4.5) if lv.startswith('T') else (2.5, 7.0)
                out.append(round(round(rng.uniform(lo, hi) / vol_step) * vol_step, 1))
            return out

        def leak(nl):
            if nl > 1:
                return ['none'] * nl
            r = rng.random()
            return ['none' if r < 0.7 else 'disc' if r < 0.82 else 'venous' if r < 0.92 else 'paravertebral']

        s1 = dict(session=1, date=d0, day=0, levels=levels, tech=tech, vols=vols(levels), cement=cem, leak=leak(nlev))
        sessions = [s1]
        fractures = []
        r = rng.random()
        if r < 0.18 and died == 'no':
            cand = [x for x in neighbours(levels[0]) + neighbours(levels[-1]) if x not in levels]
            lv2 = str(rng.choice(cand))
            fday = int(rng.integers(25, 110))
            day2 = fday + int(rng.integers(5, 20))
            fractures.append((fday, lv2))
            sessions.append(dict(session=2, date=d0 + dt.timedelta(days=day2), day=day2, levels=[lv2], tech=tech,
                                 vols=vols([lv2]), cement=cem, leak=leak(1)))
        elif r < 0.28:
            cand = [x for x in neighbours(levels[0]) + neighbours(levels[-1]) if x not in levels]
            fractures.append((int(rng.integers(40, 160)), str(rng.choice(cand))))
        assess = {}
        for s in sessions:
            ts = tps if s['session'] == 1 else (tps2 or [])
            pre = int(rng.integers(6, 11))
            cur = pre
            for j, t in enumerate(ts):
                if t == 'pre':
                    assess[(s['session'], 'pain_vas', t)] = pre
                    continue
                cur = max(0, min(10, int(round(pre * rng.uniform(0.15, 0.6)))))
                if rng.random() < 0.15:
                    continue
                if died == 'yes' and j == len(ts) - 1:
                    continue
                assess[(s['session'], 'pain_vas', t)] = cur
            if s['session'] == 1:
                for t in odi_tps:
                    if t != 'pre' and rng.random() < 0.15:
                        continue
                    base = int(rng.integers(44, 80)) if t == 'pre' else int(rng.integers(10, 45))
                    assess[(1, 'odi', t)] = base if t != 'pre' else base
                for t in mob_tps:
                    if t != 'pre' and rng.random() < 0.15:
                        continue
                    assess[(1, 'mobility', t)] = int(rng.integers(0, 3)) if t == 'pre' else int(rng.integers(2, 5))
        pts.append(dict(k=k, sex=sex if record_sex else '', age=age, etiology=et, died=died, sessions=sessions,
                        assess=assess, fractures=fractures))
    return pts, rng


def fmtnum(x):
    if x == '' or x is None:
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%g' % x)


def write_truth(outdir, pts, errors, identifiers, per_level=True, tp_order=None):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f, lineterminator='\n')
            c.writerow(header)
            c.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], p['died']] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = round(sum(s['vols']), 1)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
                if per_level or len(s['levels']) == 1:
                    rows.append([p['id'], s['session'], s['day'], lv, s['tech'], fmtnum(v), '', s['cement'], lk])
                else:
                    rows.append([p['id'], s['session'], s['day'], lv, s['tech'], '', fmtnum(tot), s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = list(TP_DAYS)
    rows = []
    for p in pts:
        for (s, m, t), v in sorted(p['assess'].items(), key=lambda kv: (kv[0][0], kv[0][1], order.index(kv[0][2]))):
            rows.append([p['id'], s, m, t, fmtnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['id'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col_letter(i):  # 1-based
    s = ''
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end common
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

IND = {'osteoporotic': 'Osteoporotic #', 'pathologic': 'Mets / pathological #', 'traumatic': 'Trauma (fall)', 'other': 'Other'}
LEAK = {'none': 'Nil', 'disc': 'Disc', 'venous': 'Venous', 'paravertebral': 'Paravertebral'}
VISIT = {'pre': 'Pre-op', '24h': 'Day 1', '6w': '6 wks', '3m': '3 mths', '6m': '6 mths'}
TPS1 = ['pre', '24h', '6w', '3m', '6m']
TPS2 = ['pre', '6w']
REM_OK = ['dard kam hai (less pain)', 'Sa bula vinaka', 'walking to church again', 'happy', '']
REM_BAD = ['abhi bhi dard (still pain)', 'back pain ongoing, on panadol', '']


def main(out):
    os.makedirs(out, exist_ok=True)
    pts, rng = gen(1305, 24, TPS1, dt.date(2022, 5, 1), tps2=TPS2, mob_tps=('pre', '6w', '3m'),
                   techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.55, 0.45))
    wb = openpyxl.Workbook()
    wp = wb.active
    wp.title = 'Procedures'
    wf = wb.create_sheet('Follow-up')
    bold = Font(bold=True)
    fill = PatternFill('solid', fgColor='FFF2CC')
    thin = Side(style='thin', color='999999')
    wp['A1'] = 'CWM Hospital Suva – Spinal Unit: Vertebral augmentation log'
    wp['A1'].font = Font(bold=True, size=13)
    wp['A2'] = 'Io = yes, Sega = no.  One line per level; patient/date cells merged over the levels of the same procedure.'
    wp['A2'].font = Font(italic=True, color='666666')
    HP = ['Study No', 'Sex', 'Age', 'Indication', 'Proc date', 'Proc #', 'Level', 'Technique', 'Cement (mls)',
          'Cement used', 'Leak', 'Died?']
    for j, h in enumerate(HP, 1):
        c = wp.cell(4, j, h)
        c.font = bold
        c.fill = fill
        c.border = Border(bottom=thin)
    r = 5
    rowof = {}
    for i, p in enumerate(pts):
        p['id'] = 'SUV/%02d' % (i + 1)
        for s in p['sessions']:
            n = len(s['levels'])
            top = r
            vals = [p['id'], 'F' if p['sex'] == 'female' else 'M', p['age'], IND[p['etiology']], s['date'], s['session']]
            for j, v in enumerate(vals, 1):
                c = wp.cell(top, j, v)
                c.alignment = Alignment(vertical='center')
                if j == 5:
                    c.number_format = 'd-mmm-yy'
            for k, (lv, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leak'])):
                wp.cell(r, 7, lv)
                wp.cell(r, 8, 'PVP' if s['tech'] == 'vertebroplasty' else 'BKP')
                wp.cell(r, 9, '%s mls' % fmtnum(v) if (i + k) % 4 == 0 else v)
                wp.cell(r, 10, 'Kyphon HV-R' if s['tech'] == 'kyphoplasty' else 'Vertecem V+')
                wp.cell(r, 11, LEAK[lk])
                rowof[(p['id'], s['session'], k)] = r
                r += 1
            wp.cell(top, 12, 'Io' if p['died'] == 'yes' else 'Sega')
            if n > 1:
                for j in [1, 2, 3, 4, 5, 6, 12]:
                    wp.merge_cells(start_row=top, start_column=j, end_row=top + n - 1, end_column=j)
    for j, wdt in enumerate([10, 5, 5, 22, 11, 7, 7, 10, 12, 13, 13, 7], 1):
        wp.column_dimensions[get_column_letter(j)].width = wdt
    # follow-up
    wf['A1'] = 'Follow-up clinic visits (pain 0-10; mobility 0-4, see key)'
    wf['A1'].font = Font(bold=True, size=12)
    wf['H1'] = 'Mobility key: 0 bed-bound, 1 wheelchair, 2 walking frame, 3 walking stick, 4 independent'
    wf['H1'].font = Font(italic=True)
    HF = ['Study No', 'Proc #', 'Visit', 'Date seen', 'Pain (0-10)', 'Mobility (0-4)', 'New fracture?', 'Remarks']
    for j, h in enumerate(HF, 1):
        c = wf.cell(3, j, h)
        c.font = bold
        c.fill = fill
    fr_rows = {}
    r = 4
    for p in pts:
        d0 = p['sessions'][0]['date']
        events = []
        for s in p['sessions']:
            sn = s['session']
            for t in (TPS1 if sn == 1 else TPS2):
                pain = p['assess'].get((sn, 'pain_vas', t))
                mob = p['assess'].get((sn, 'mobility', t))
                if t == 'pre':
                    vd = s['date']
                else:
                    vd = s['date'] + dt.timedelta(days=TP_DAYS[t] + (0 if t == '24h' else int(rng.integers(-4, 5))))
                last = t == (TPS1 if sn == 1 else TPS2)[-1]
                if p['died'] == 'yes' and last and sn == 1 and pain is None:
                    continue
                events.append((vd, sn, VISIT[t], pain, mob, t))
        for d, lv in p['fractures']:
            events.append((d0 + dt.timedelta(days=d), None, 'Unscheduled', None, None, lv))
        events.sort(key=lambda e: (e[0], e[1] or 0))
        for vd, sn, vis, pain, mob, t in events:
            if vis == 'Unscheduled':
                row = [p['id'], '', vis, vd, '', '', 'Io – %s' % t, 'new # on xray, back pain again']
                fr_rows[p['id']] = r
            else:
                dna = pain is None and mob is None
                if t not in ('pre',) and dna:
                    row = [p['id'], sn, vis, '', '', '', '', 'DNA']
                else:
                    rem = '' if t == 'pre' else (str(rng.choice(REM_OK)) if (pain or 0) <= 3 else str(rng.choice(REM_BAD)))
                    row = [p['id'], sn, vis, vd, '' if pain is None else pain, '' if mob is None else mob,
                           '' if t == 'pre' else 'Sega', rem]
            for j, v in enumerate(row, 1):
                c = wf.cell(r, j, v)
                if j == 4:
                    c.number_format = 'dd/mm/yyyy'
            r += 1
        if p['died'] == 'yes':
            wf.cell(r, 1, p['id'])
            wf.cell(r, 3, '—')
            wf.cell(r, 8, 'Sa mate (passed away) – family informed clinic')
            r += 1
        r += 1  # blank spacer between patients
    for j, wdt in enumerate([10, 7, 12, 12, 10, 13, 14, 40], 1):
        wf.column_dimensions[get_column_letter(j)].width = wdt
    errors = []

    def plant(sheet, wsx, rr, col, val, why, pid, hdr):
        wsx.cell(rr, col, val)
        errors.append([sheet, '%s%d' % (get_column_letter(col), rr), rr, hdr[col - 1],
                       val.strftime('%d/%m/%Y') if isinstance(val, dt.date) else val, why, pid])
    p = pts[2]
    plant('Procedures', wp, rowof[(p['id'], 1, 0)], 7, 'L7', 'level L7 does not exist', p['id'], HP)
    p = next(q for q in pts[6:] if len(q['sessions'][0]['levels']) == 1)
    plant('Procedures', wp, rowof[(p['id'], 1, 0)], 9, 55, 'cement 55 mL in one vertebra', p['id'], HP)
    p = pts[11]
    plant('Procedures', wp, rowof[(p['id'], 1, 0)], 3, 2, 'age 2 years (adult patient)', p['id'], HP)
    # follow-up visit dated before the procedure; find the 6 wks row of a patient
    target = next(q for q in pts[14:] if (1, 'pain_vas', '6w') in q['assess'])
    for rr in range(4, wf.max_row + 1):
        if wf.cell(rr, 1).value == target['id'] and wf.cell(rr, 3).value == '6 wks' and wf.cell(rr, 2).value == 1:
            bad = target['sessions'][0]['date'] - dt.timedelta(days=42)
            plant('Follow-up', wf, rr, 4, bad, '6-week visit dated before the procedure', target['id'], HF)
            wf.cell(rr, 4).number_format = 'dd/mm/yyyy'
            break
    target = next(q for q in pts[19:] if (1, 'mobility', '3m') in q['assess'])
    for rr in range(4, wf.max_row + 1):
        if wf.cell(rr, 1).value == target['id'] and wf.cell(rr, 3).value == '3 mths' and wf.cell(rr, 2).value == 1:
            plant('Follow-up', wf, rr, 6, 9, 'mobility 9 on a 0-4 scale', target['id'], HF)
            break
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, [], per_level=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
