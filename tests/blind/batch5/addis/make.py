#!/usr/bin/env python3
"""Addis Ababa blind workbook generator: python make.py OUTDIR"""
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
# ---------------- site: addis ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

F_GIVEN = ['አልማዝ', 'ትዕግሥት', 'ወርቅነሽ', 'መሠረት', 'ዘነበች', 'አስቴር', 'ፀሐይ', 'ብርቱካን', 'የሺ', 'ሙሉ',
           'ሰላማዊት', 'ጥሩወርቅ', 'አበባ', 'ዓለምነሽ', 'ትሁት', 'ሂሩት', 'ፋጡማ', 'ከድጃ']
M_GIVEN = ['ብርሃኑ', 'ተስፋዬ', 'ግርማ', 'አበበ', 'ከበደ', 'ሙሉጌታ', 'ደረጀ', 'ሰለሞን', 'ታደሰ', 'ዮሐንስ',
           'መሐመድ', 'ሽፈራው', 'ጌታቸው', 'በቀለ']
FATHERS = ['ተስፋዬ', 'ገብረ ሚካኤል', 'ወልደ ማርያም', 'አሰፋ', 'ደምሴ', 'ኃይሌ', 'ታደሰ', 'በላይ', 'መንግሥቱ',
           'አየለ', 'ጥላሁን', 'ገመቹ', 'ዓሊ', 'አባተ', 'ካሳሁን', 'ወርቁ', 'እሸቱ', 'ሀብቴ']
ET_WORD = {'osteoporotic': ['ኦስቲዮፖሮሲስ', 'Osteoporosis', 'ኦስቲዮፖሮቲክ ስብራት'],
           'pathologic': ['Metastasis (ካንሰር)', 'Multiple myeloma', 'የካንሰር ስርጭት'],
           'traumatic': ['አደጋ (Trauma)', 'የመኪና አደጋ', 'መውደቅ (fall) - trauma'],
           'other': ['ሌላ - Hemangioma', 'ሌላ']}
SEX_WORD = {'female': 'ሴት', 'male': 'ወንድ'}
TECH_WORD = {'vertebroplasty': 'VP', 'kyphoplasty': 'KP'}
FU = ('24h', '1m', '3m', '6m')
FU_HDR = {'pre': 'ቅድመ (Pre)', '24h': '24 ሰዓት', '1m': '1 ወር', '3m': '3 ወር', '6m': '6 ወር'}


def dmy(d):
    return '%d/%d/%d' % (d.day, d.month, d.year)


def leak_word(leak):
    if not leak:
        return 'የለም'
    return 'አለ - ' + ', '.join(leak)


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    pts = gen_data(20231, 32, dt.date(2021, 2, 1), 760, FU, s2_tps=('pre', '1m'), s2_same_tech=True)
    rng = np.random.default_rng(77)
    for p in pts:
        p['sid'] = 'VP-%03d' % (101 + p['i'])
        given = F_GIVEN if p['sex'] == 'female' else M_GIVEN
        p['name'] = '%s %s' % (given[int(rng.integers(0, len(given)))], FATHERS[int(rng.integers(0, len(FATHERS)))])
        p['mrn'] = '%07d' % int(rng.integers(100000, 999999))
    errors, idents = [], []

    wb = Workbook()
    ws = wb.active
    ws.title = 'መዝገብ 2021-2023'
    SH = ws.title
    thin = Side(style='thin', color='999999')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    hfill = PatternFill('solid', fgColor='DDEBF7')
    ws['A1'] = 'የየካቲት 12 ሆስፒታል ሕክምና ኮሌጅ — የነርቭና አከርካሪ ቀዶ ሕክምና ክፍል'
    ws['A2'] = 'Vertebroplasty / Kyphoplasty የታካሚዎች መዝገብ (የቀን አጻጻፍ: ቀን/ወር/ዓመት, Gregorian)'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'].font = Font(italic=True)
    ws.merge_cells('A1:P1')
    ws.merge_cells('A2:P2')
    groups = [('A', 'J', 'የታካሚ መረጃ / Patient & procedure'),
              ('K', 'M', 'አከርካሪ 1 (Vertebra 1)'), ('N', 'P', 'አከርካሪ 2 (Vertebra 2)'),
              ('Q', 'S', 'አከርካሪ 3 (Vertebra 3)'), ('T', 'X', 'ህመም VAS (0-10)'),
              ('Y', 'AD', '2ኛ ሕክምና (2nd procedure)'), ('AE', 'AG', 'ክትትል / Outcome')]
    for a, b, t in groups:
        ws['%s4' % a] = t
        ws.merge_cells('%s4:%s4' % (a, b))
        ws['%s4' % a].alignment = Alignment(horizontal='center')
        ws['%s4' % a].font = Font(bold=True)
    hdr = ['ተ.ቁ', 'የጥናት ቁጥር (Study ID)', 'ሙሉ ስም', 'የካርድ ቁጥር (MRN)', 'ጾታ', 'ዕድሜ',
           'ምክንያት (Diagnosis)', 'የሕክምና ቀን', 'ዘዴ (VP/KP)', 'ሲሚንቶ (Cement)']
    for v in (1, 2, 3):
        hdr += ['ደረጃ (Level)', 'መጠን (ml)', 'ፍሳሽ (Leakage)']
    hdr += [FU_HDR[t] for t in ('pre',) + FU]
    hdr += ['2ኛ ሕክምና ቀን', '2ኛ ደረጃ (Level)', '2ኛ መጠን (ml)', '2ኛ ፍሳሽ (Leakage)',
            '2ኛ VAS ቅድመ', '2ኛ VAS 1 ወር']
    hdr += ['አዲስ ስብራት (New fracture)', 'ሞቷል? (Died)', 'ማስታወሻ']
    HR = 5
    for j, h in enumerate(hdr, 1):
        c = ws.cell(row=HR, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = hfill
        c.alignment = Alignment(wrap_text=True, vertical='center', horizontal='center')
        c.border = bd
    col = {h: j for j, h in enumerate(hdr, 1)}
    # planned errors: (kind, patient index)
    plan = {}

    def pick(start, cond):
        for k in list(range(start, len(pts))) + list(range(0, start)):
            if k not in plan.values() and cond(pts[k]):
                return k
    plan['level'] = pick(3, lambda p: len(p['sessions'][0]['levels']) >= 2)
    plan['vol'] = pick(8, lambda p: True)
    plan['vas'] = pick(13, lambda p: any(v['tp'] == '1m' and v['vas'] is not None for v in p['visits']))
    plan['date'] = pick(18, lambda p: len(p['sessions']) == 1)
    plan['age'] = pick(24, lambda p: True)
    r = HR + 1
    for p in pts:
        if p['i'] in (10, 21):  # blank spacer rows where the sheet was printed per page
            r += 1
        s1 = p['sessions'][0]

        def put(h, val, r=r, err=None):
            c = ws.cell(row=r, column=col[h], value=val)
            c.border = bd
            if err:
                errors.append([SH, c.coordinate, r, h, str(val), err, p['sid']])
            return c
        put('ተ.ቁ', p['i'] + 1)
        put('የጥናት ቁጥር (Study ID)', p['sid'])
        put('ሙሉ ስም', p['name'])
        put('የካርድ ቁጥር (MRN)', p['mrn'])
        idents += [['name', p['name']], ['record_number', p['mrn']]]
        put('ጾታ', SEX_WORD[p['sex']])
        if plan['age'] == p['i']:
            put('ዕድሜ', 210, err='age of 210 years is impossible')
        elif p['i'] % 4 == 1:
            put('ዕድሜ', '%d ዓመት' % p['age'])
        else:
            put('ዕድሜ', p['age'])
        ws_et = ET_WORD[p['etiology']]
        put('ምክንያት (Diagnosis)', ws_et[int(rng.integers(0, len(ws_et)))])
        if plan['date'] == p['i']:
            put('የሕክምና ቀን', '31/2/%d' % s1['date'].year, err='impossible date (31 February)')
        elif p['i'] % 3 == 0:
            c = put('የሕክምና ቀን', dt.datetime(s1['date'].year, s1['date'].month, s1['date'].day))
            c.number_format = 'd/m/yyyy'
        else:
            put('የሕክምና ቀን', dmy(s1['date']))
        put('ዘዴ (VP/KP)', TECH_WORD[s1['technique']])
        put('ሲሚንቶ (Cement)', 'PMMA')
        for k, lv in enumerate(s1['levels']):
            c0 = 11 + 3 * k  # K, N, Q
            lvl = lv['level']
            if plan['level'] == p['i'] and k == 1:
                lvl = 'L7'
            c = ws.cell(row=r, column=c0, value=lvl)
            c.border = bd
            if lvl == 'L7':
                errors.append([SH, c.coordinate, r, 'ደረጃ (Level)', 'L7', 'impossible vertebral level L7', p['sid']])
            vol = lv['vol']
            if plan['vol'] == p['i'] and k == 0:
                c = ws.cell(row=r, column=c0 + 1, value=45)
                errors.append([SH, c.coordinate, r, 'መጠን (ml)', '45', '45 mL of cement in one vertebra is impossible', p['sid']])
            elif (p['i'] + k) % 5 == 2:
                c = ws.cell(row=r, column=c0 + 1, value='%s ml' % fmt_num(vol))
            else:
                c = ws.cell(row=r, column=c0 + 1, value=vol)
            c.border = bd
            ws.cell(row=r, column=c0 + 2, value=leak_word(lv['leak'])).border = bd
        vis = {(v['session'], v['tp']): v for v in p['visits']}
        for t in ('pre',) + FU:
            v = vis.get((1, t))
            if v is None:
                continue  # after death: left blank
            if v['vas'] is None:
                put(FU_HDR[t], 'አልመጣም')
            elif plan['vas'] == p['i'] and t == '1m':
                put(FU_HDR[t], 14, err='pain score 14 on a 0-10 scale')
            else:
                put(FU_HDR[t], v['vas'])
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            put('2ኛ ሕክምና ቀን', dmy(s2['date']))
            put('2ኛ ደረጃ (Level)', s2['levels'][0]['level'])
            put('2ኛ መጠን (ml)', s2['levels'][0]['vol'])
            put('2ኛ ፍሳሽ (Leakage)', leak_word(s2['levels'][0]['leak']))
            if vis.get((2, 'pre')):
                put('2ኛ VAS ቅድመ', vis[(2, 'pre')]['vas'])
            if vis.get((2, '1m')):
                put('2ኛ VAS 1 ወር', vis[(2, '1m')]['vas'])
        if p['fractures']:
            put('አዲስ ስብራት (New fracture)', '; '.join('%s - %s' % (f['level'], dmy(f['date'])) for f in p['fractures']))
        else:
            put('አዲስ ስብራት (New fracture)', 'የለም')
        put('ሞቷል? (Died)', 'አዎ' if p['died'] == 'yes' else 'አይ')
        if p['died'] == 'yes':
            put('ማስታወሻ', 'ታካሚው አርፏል (died) - ክትትል አልተጠናቀቀም')
        elif len(p['sessions']) > 1:
            put('ማስታወሻ', 'አጎራባች አከርካሪ ተሰብሮ 2ኛ ሕክምና ተደርጓል (adjacent level, same technique)')
        r += 1
    r += 1
    ws.cell(row=r + 1, column=1, value='ማሳሰቢያ: VAS 0-10; "አልመጣም" = ለክትትል አልመጣም (did not come); ፍሳሽ "የለም" = no leakage; 2ኛ ሕክምና በተመሳሳይ ዘዴ (same technique, PMMA).')
    widths = {1: 5, 2: 12, 3: 20, 4: 12, 7: 20, 8: 12}
    for j in range(1, len(hdr) + 1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(j, 11)
    ws.row_dimensions[HR].height = 45
    ws.freeze_panes = 'C6'
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, session_total=False)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
