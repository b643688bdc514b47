#!/usr/bin/env python3
"""Lahore blind workbook generator: python make.py OUTDIR"""
# ---------------- common data generator (copied into each make.py) ----------------
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
         ['L%d' % i for i in range(1, 6)] + ['S1']
TL = LEVELS[LEVELS.index('T5'):LEVELS.index('L5') + 1]
LEAK_ORDER = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']
P_SECOND = 0.2
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def gen_data(seed, n, start, span_days, fu_tps, s2_tps=('pre', '1m'), odi=False,
             p_tech=(0.7, 0.3), cement_types=('PMMA',), cement_p=None, vol_step=0.5,
             s2_same_tech=False):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        sex = str(rng.choice(['female', 'male'], p=[0.68, 0.32]))
        et = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'],
                            p=[0.64, 0.2, 0.12, 0.04]))
        age = int(rng.integers(58, 92)) if et == 'osteoporotic' else int(rng.integers(34, 82))
        d1 = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        died = bool(rng.random() < (0.3 if et == 'pathologic' else 0.06))
        nlev = int(rng.choice([1, 2, 3], p=[0.58, 0.3, 0.12]))
        k = int(rng.integers(0, len(TL) - nlev + 1))
        levels = TL[k:k + nlev]
        sessions = []

        def mk_session(sn, date, lvls):
            tech = str(rng.choice(['vertebroplasty', 'kyphoplasty'], p=list(p_tech)))
            ct = str(rng.choice(list(cement_types), p=cement_p))
            lv = []
            for L in lvls:
                base = rng.uniform(2.0, 6.5) + (1.0 if tech == 'kyphoplasty' else 0) + \
                    (0.8 if L.startswith('L') else 0)
                vol = round(base / vol_step) * vol_step
                if rng.random() < 0.72:
                    leak = []
                else:
                    m = int(rng.choice([1, 2], p=[0.8, 0.2]))
                    leak = sorted(rng.choice(LEAK_ORDER, size=m, replace=False,
                                             p=[0.35, 0.08, 0.07, 0.35, 0.15]).tolist(),
                                  key=LEAK_ORDER.index)
                lv.append(dict(level=L, vol=float(vol), leak=leak))
            return dict(n=sn, date=date, day=(date - d1).days, technique=tech, cement=ct, levels=lv)

        sessions.append(mk_session(1, d1, levels))
        visits = []
        pre = int(rng.integers(6, 11))
        pre_odi = int(rng.integers(24, 40)) * 2
        # death cutoff: index of follow-up after which no visit
        last_ok = len(fu_tps)
        if died:
            last_ok = int(rng.integers(1, max(2, len(fu_tps))))
        visits.append(dict(session=1, tp='pre', date=d1 - dt.timedelta(days=int(rng.choice([0, 0, 1]))),
                           vas=pre, odi=pre_odi if odi else None))
        for j, tp in enumerate(fu_tps):
            if j >= last_ok:
                break
            date = d1 + dt.timedelta(days=TP_DAYS[tp] + (int(rng.integers(-4, 8)) if TP_DAYS[tp] > 10 else 0))
            if j > 0 and rng.random() < 0.16:
                visits.append(dict(session=1, tp=tp, date=date, vas=None, odi=None))
                continue
            drop = rng.uniform(0.35, 0.8) if j > 0 else rng.uniform(0.25, 0.6)
            v = int(np.clip(round(pre * (1 - drop) + rng.normal(0, 0.8)), 0, 10))
            o = int(np.clip(round(pre_odi * (1 - drop * 0.8) / 2) * 2, 0, 100)) if odi else None
            visits.append(dict(session=1, tp=tp, date=date, vas=v, odi=o))
        fractures = []
        # second session for a new adjacent fracture
        if rng.random() < P_SECOND and not died:
            cand = [L for L in TL if L not in levels and
                    abs(TL.index(L) - TL.index(levels[0])) <= 2 or
                    (L not in levels and abs(TL.index(L) - TL.index(levels[-1])) <= 2)]
            cand = [L for L in cand if L not in levels]
            L2 = str(rng.choice(cand))
            d2 = d1 + dt.timedelta(days=int(rng.integers(21, 120)))
            s = mk_session(2, d2, [L2])
            if s2_same_tech:
                s['technique'] = sessions[0]['technique']
            sessions.append(s)
            fractures.append(dict(day=s['day'], level=L2, date=d2))
            p2 = int(rng.integers(6, 11))
            p2o = int(rng.integers(24, 40)) * 2
            for tp in s2_tps:
                date = d2 + dt.timedelta(days=TP_DAYS[tp] + (int(rng.integers(-3, 6)) if TP_DAYS[tp] > 10 else 0))
                if tp == 'pre':
                    visits.append(dict(session=2, tp='pre', date=d2, vas=p2, odi=p2o if odi else None))
                else:
                    v = int(np.clip(round(p2 * rng.uniform(0.3, 0.6)), 0, 10))
                    visits.append(dict(session=2, tp=tp, date=date, vas=v,
                                       odi=int(round(p2o * 0.6 / 2) * 2) if odi else None))
        elif rng.random() < 0.14:
            # conservative new fracture seen at an attended follow-up visit (not 24h)
            att = [v for v in visits if v['session'] == 1 and v['tp'] not in ('pre', '24h', '1w')
                   and v['vas'] is not None]
            if att:
                v = att[int(rng.integers(0, len(att)))]
                cand = [L for L in TL if L not in levels]
                L3 = str(rng.choice(cand))
                fractures.append(dict(day=(v['date'] - d1).days, level=L3, date=v['date'], visit=v))
                v['newfx'] = L3
        pts.append(dict(i=i, sex=sex, age=age, etiology=et, died='yes' if died else 'no',
                        sessions=sessions, visits=visits, fractures=fractures))
    return pts


def fmt_num(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%g' % x)


def write_truth(outdir, pts, errors, identifiers, session_total=False, tech_known=True,
                cement_known=True, leak_known=True, record_sex=True, record_age=True,
                record_et=True, record_died=True, measures=('pain_vas',)):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['sid'], p['sex'] if record_sex else '', p['age'] if record_age else '',
        p['etiology'] if record_et else '', p['died'] if record_died else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            multi = len(s['levels']) > 1
            tot = sum(l['vol'] for l in s['levels'])
            st = session_total(s) if callable(session_total) else session_total
            for l in s['levels']:
                if st and multi:
                    cv, sv = '', fmt_num(tot)
                else:
                    cv, sv = fmt_num(l['vol']), ''
                rows.append([p['sid'], s['n'], s['day'], l['level'],
                             s['technique'] if tech_known else '', cv, sv,
                             s['cement'] if cement_known else '',
                             (';'.join(l['leak']) if l['leak'] else 'none') if leak_known else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for v in p['visits']:
            if v['vas'] is not None and 'pain_vas' in measures:
                rows.append([p['sid'], v['session'], 'pain_vas', v['tp'], fmt_num(v['vas'])])
            if v.get('odi') is not None and 'odi' in measures:
                rows.append([p['sid'], v['session'], 'odi', v['tp'], fmt_num(v['odi'])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['sid'], f['day'], f['level']] for p in pts for f in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)
# ---------------- end of common part ----------------
# ---------------- site: lahore ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

URDU_DIG = str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹')
ET_WORD = {'osteoporotic': ['Osteoporosis', 'آسٹیوپوروسس', 'Osteoporotic #'],
           'pathologic': ['کینسر (Mets)', 'Multiple Myeloma', 'Ca breast - mets', 'Ca prostate - mets'],
           'traumatic': ['حادثہ (Trauma)', 'RTA', 'گرنا (Fall) - trauma'],
           'other': ['دیگر', 'Haemangioma']}
SEX_WORD = {'female': 'عورت', 'male': 'مرد'}
TECH_WORD = {'vertebroplasty': ['VP', 'ورٹیبروپلاسٹی'], 'kyphoplasty': ['KP', 'BKP']}
VISIT = {(1, 'pre'): ['Pre-op', 'آپریشن سے پہلے'], (1, '24h'): ['24 گھنٹے', 'Post-op 24h'],
         (1, '2w'): ['2 ہفتے', 'FU 2 wk'], (1, '3m'): ['3 ماہ', 'FU 3m'], (1, '6m'): ['6 ماہ', 'FU 6m'],
         (2, 'pre'): ['Pre-op (دوسرا)'], (2, '1m'): ['1 ماہ (دوسرا آپریشن کے بعد)']}
LEAK_UR = {'disc': 'ڈسک', 'venous': 'وینس', 'epidural': 'epidural', 'foraminal': 'foraminal',
           'paravertebral': 'paravertebral'}
FU = ('24h', '2w', '3m', '6m')


def ud(x, rng, p=0.3):
    s = fmt_num(x)
    return s.translate(URDU_DIG) if rng.random() < p else x


def dmy(d):
    return d.strftime('%d-%m-%Y')


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    pts = gen_data(4402, 30, dt.date(2021, 6, 1), 640, FU, s2_tps=('pre', '1m'), odi=True,
                   p_tech=(0.6, 0.4))
    rng = np.random.default_rng(31)
    for p in pts:
        p['sid'] = 'SU2/VP/%03d' % (7 + p['i'] * 2 + int(p['i'] > 12))
    errors, idents = [], []
    wb = Workbook()
    ws = wb.active
    ws.title = 'VP رجسٹر'
    SH = ws.title
    ws.sheet_view.rightToLeft = True
    ws['A1'] = 'اسپائن یونٹ II — شالیمار ٹیچنگ ہسپتال، لاہور'
    ws['A2'] = 'ورٹیبروپلاسٹی / کائفوپلاسٹی فالو اپ رجسٹر (ہر وزٹ کی الگ لائن)'
    ws['A1'].font = Font(bold=True, size=14)
    ws.merge_cells('A1:H1')
    ws.merge_cells('A2:H2')
    hdr = ['نمبر شمار', 'مریض آئی ڈی (Pt ID)', 'جنس', 'عمر (سال)', 'تشخیص (Dx)', 'حالت (زندہ/فوت)',
           'وزٹ (Visit)', 'تاریخ', 'لیول (Level)', 'طریقہ (Tech)', 'سیمنٹ PMMA (ml)', 'لیکیج (Leak)',
           'VAS (0-10)', 'ODI %', 'نیا فریکچر (New #)', 'ریمارکس']
    HR = 4
    thin = Side(style='thin', color='888888')
    for j, h in enumerate(hdr, 1):
        c = ws.cell(row=HR, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill('solid', fgColor='E2EFDA')
        c.alignment = Alignment(wrap_text=True, horizontal='center')
    col = {h: j for j, h in enumerate(hdr, 1)}
    plan = {}

    def pick(start, cond):
        for k in list(range(start, len(pts))) + list(range(0, start)):
            if k not in plan.values() and cond(pts[k]):
                return k
    plan['vas'] = pick(4, lambda p: any(v['tp'] == '2w' and v['vas'] is not None for v in p['visits']))
    plan['level'] = pick(9, lambda p: len(p['sessions'][0]['levels']) == 1)
    plan['vol'] = pick(15, lambda p: len(p['sessions'][0]['levels']) == 1)
    plan['date'] = pick(22, lambda p: any(v['tp'] == '3m' and v['vas'] is not None for v in p['visits']))
    r = HR + 1
    sn = 1
    for p in pts:
        rows = []  # (sortkey, kind, obj)
        for v in p['visits']:
            rows.append(((v['date'], 0 if v['tp'] == 'pre' else 2), 'visit', v))
        for s in p['sessions']:
            rows.append(((s['date'], 1), 'proc', s))
        rows.sort(key=lambda t: t[0])
        first = True
        for _, kind, obj in rows:
            def put(h, val, err=None, r=r):
                c = ws.cell(row=r, column=col[h], value=val)
                if err:
                    errors.append([SH, c.coordinate, r, h, str(val), err, p['sid']])
                return c
            put('نمبر شمار', sn)
            sn += 1
            if first:
                put('مریض آئی ڈی (Pt ID)', p['sid'])
                put('جنس', SEX_WORD[p['sex']])
                put('عمر (سال)', ud(p['age'], rng, 0.25))
                e = ET_WORD[p['etiology']]
                put('تشخیص (Dx)', e[int(rng.integers(0, len(e)))])
                put('حالت (زندہ/فوت)', 'فوت' if p['died'] == 'yes' else 'زندہ')
                for j in range(1, len(hdr) + 1):
                    ws.cell(row=r, column=j).border = Border(top=Side(style='medium'))
                first = False
            if kind == 'proc':
                s = obj
                put('وزٹ (Visit)', 'آپریشن / Procedure' if s['n'] == 1 else 'دوسرا آپریشن (2nd procedure)')
                put('تاریخ', dmy(s['date']))
                lv = [l['level'] for l in s['levels']]
                if plan['level'] == p['i'] and s['n'] == 1:
                    put('لیول (Level)', 'T13', err='impossible vertebral level T13')
                else:
                    put('لیول (Level)', ', '.join(lv))
                tw = TECH_WORD[s['technique']]
                put('طریقہ (Tech)', tw[int(rng.integers(0, len(tw)))])
                if len(s['levels']) > 1:
                    put('سیمنٹ PMMA (ml)', '%s ml (کل)' % fmt_num(sum(l['vol'] for l in s['levels'])))
                elif plan['vol'] == p['i'] and s['n'] == 1:
                    put('سیمنٹ PMMA (ml)', 45, err='45 mL of cement in a single vertebra is impossible')
                else:
                    put('سیمنٹ PMMA (ml)', s['levels'][0]['vol'])
                lk = []
                for l in s['levels']:
                    if l['leak']:
                        t = ' + '.join(LEAK_UR[x] for x in l['leak'])
                        lk.append(('%s: %s' % (l['level'], t)) if len(s['levels']) > 1 else t)
                put('لیکیج (Leak)', ('ہاں - ' + '; '.join(lk)) if lk else 'نہیں')
                if s['n'] == 2:
                    put('نیا فریکچر (New #)', s['levels'][0]['level'])
                    put('ریمارکس', 'نیا adjacent فریکچر، دوبارہ سیمنٹ')
            else:
                v = obj
                names = VISIT[(v['session'], v['tp'])]
                put('وزٹ (Visit)', names[int(rng.integers(0, len(names)))])
                d = v['date']
                if plan['date'] == p['i'] and v['tp'] == '3m':
                    bad = d.replace(year=d.year - 1)
                    put('تاریخ', dmy(bad), err='follow-up date is before the procedure date (year typed wrong)')
                else:
                    put('تاریخ', dmy(d))
                if v['vas'] is None:
                    put('VAS (0-10)', 'نہیں آیا')
                    put('ریمارکس', 'فون پر رابطہ نہیں ہو سکا')
                else:
                    if plan['vas'] == p['i'] and v['tp'] == '2w':
                        put('VAS (0-10)', '۱۴', err='pain score 14 on a 0-10 scale')
                    else:
                        put('VAS (0-10)', ud(v['vas'], rng, 0.3))
                    if v.get('odi') is not None:
                        put('ODI %', v['odi'])
                if v.get('newfx'):
                    put('نیا فریکچر (New #)', v['newfx'])
                    put('ریمارکس', 'نیا فریکچر - conservative Rx')
            r += 1
    r += 1
    ws.cell(row=r, column=1, value='نوٹ: ہر مریض کی معلومات صرف پہلی لائن پر۔ "نہیں آیا" = فالو اپ پر نہیں آیا۔ ایک سے زیادہ لیول پر سیمنٹ کی کل مقدار لکھی ہے۔')
    for j, w in enumerate([7, 14, 7, 8, 18, 10, 20, 12, 11, 10, 12, 22, 9, 7, 12, 28], 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = 'C5'
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, session_total=True, measures=('pain_vas', 'odi'))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
