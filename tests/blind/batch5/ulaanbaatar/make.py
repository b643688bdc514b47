#!/usr/bin/env python3
"""Ulaanbaatar blind workbook generator: python make.py OUTDIR"""
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
# ---------------- site: ulaanbaatar (one sheet per patient card) ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

F_NAMES = ['Оюунчимэг', 'Нармандах', 'Цэцэгмаа', 'Энхтуяа', 'Сарантуяа', 'Бямбасүрэн', 'Мөнхзул',
           'Алтанцэцэг', 'Долгорсүрэн', 'Ундрах', 'Ганчимэг', 'Туяа']
M_NAMES = ['Батболд', 'Ганбаатар', 'Эрдэнэбат', 'Мөнхбаяр', 'Төмөрбаатар', 'Очирсүх', 'Баттулга',
           'Пүрэвдорж', 'Дашдондог', 'Жаргалсайхан']
FATHERS = ['Батын', 'Доржийн', 'Цэрэнгийн', 'Гомбын', 'Лхагвын', 'Дамдинсүрэнгийн', 'Пүрэвийн',
           'Нямын', 'Сүхийн', 'Жамцын', 'Баярын', 'Чулууны']
LETTERS = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯӨҮ'
ET_WORD = {'osteoporotic': ['Ясны сийрэгжилт (остеопороз)', 'Остеопороз'],
           'pathologic': ['Хавдрын үсэрхийлэл', 'Миелом', 'Хөхний хавдрын үсэрхийлэл'],
           'traumatic': ['Гэмтэл (унасан)', 'Гэмтэл - зам тээврийн осол'],
           'other': ['Бусад (гемангиома)']}
SEX_WORD = {'female': 'эм', 'male': 'эр'}
TECH_WORD = {'vertebroplasty': 'ВП', 'kyphoplasty': 'КП'}
LEAK_MN = {'disc': 'дискэнд', 'venous': 'венийн судсанд', 'epidural': 'эпидураль зайд',
           'foraminal': 'мэдрэлийн нүхэнд', 'paravertebral': 'нугалам орчмын зөөлөн эдэд'}
VIS_MN = {(1, 'pre'): 'Эмчилгээний өмнө', (1, '24h'): '24 цагийн дараа', (1, '1m'): '1 сар',
          (1, '3m'): '3 сар', (1, '6m'): '6 сар', (2, 'pre'): '2-р эмчилгээний өмнө',
          (2, '1m'): '2-р эмчилгээнээс хойш 1 сар'}
FU = ('24h', '1m', '3m', '6m')


def ymd(d):
    return d.strftime('%Y.%m.%d')


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    pts = gen_data(97, 20, dt.date(2021, 9, 1), 700, FU, s2_tps=('pre', '1m'), p_tech=(0.75, 0.25))
    rng = np.random.default_rng(5150)
    for p in pts:
        p['sid'] = 'УБ-%02d' % (p['i'] + 1)
        nm = F_NAMES if p['sex'] == 'female' else M_NAMES
        p['name'] = '%s %s' % (FATHERS[int(rng.integers(0, len(FATHERS)))], nm[int(rng.integers(0, len(nm)))])
        by = p['sessions'][0]['date'].year - p['age'] - int(rng.integers(0, 2))
        bm, bd_ = int(rng.integers(1, 13)), int(rng.integers(1, 29))
        sexdig = int(rng.integers(0, 5)) * 2 + (1 if p['sex'] == 'male' else 0)
        p['reg'] = '%s%s%02d%02d%02d%d%d' % (LETTERS[int(rng.integers(0, len(LETTERS)))],
                                            LETTERS[int(rng.integers(0, len(LETTERS)))],
                                            by % 100, bm + (20 if by >= 2000 else 0), bd_,
                                            int(rng.integers(0, 10)), sexdig)
        p['phone'] = '%s%02d-%04d' % (['99', '88', '95', '80', '91'][int(rng.integers(0, 5))],
                                      int(rng.integers(0, 100)), int(rng.integers(0, 10000)))
    errors, idents = [], []
    plan = {}

    def pick(start, cond):
        for k in list(range(start, len(pts))) + list(range(0, start)):
            if k not in plan.values() and cond(pts[k]):
                return k
    plan['level'] = pick(2, lambda p: len(p['sessions'][0]['levels']) >= 2)
    plan['vol'] = pick(7, lambda p: True)
    plan['vas'] = pick(11, lambda p: any(v['tp'] == '1m' and v['vas'] is not None for v in p['visits']))
    plan['date'] = pick(16, lambda p: any(v['tp'] == '3m' for v in p['visits']))
    thin = Side(style='thin', color='7F7F7F')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    hfill = PatternFill('solid', fgColor='FFF2CC')
    wb = Workbook()
    sm = wb.active
    sm.title = 'Жагсаалт'
    sm['A1'] = 'Нугаламын цементжүүлэлт хийлгэсэн өвчтөнүүдийн жагсаалт'
    sm['A1'].font = Font(bold=True, size=13)
    sm['A2'] = 'Өвчтөн бүрийн карт тусдаа хуудсанд (sheet = судалгааны дугаар)'
    for j, h in enumerate(['№', 'Судалгааны дугаар', 'Анхны эмчилгээний огноо', 'Тэмдэглэл'], 1):
        c = sm.cell(row=4, column=j, value=h)
        c.font = bold
        c.fill = hfill
        c.border = bd
    for k, p in enumerate(pts):
        r = 5 + k
        sm.cell(row=r, column=1, value=k + 1).border = bd
        c = sm.cell(row=r, column=2, value=p['sid'])
        c.hyperlink = "#'%s'!A1" % p['sid']
        c.font = Font(color='0563C1', underline='single')
        c.border = bd
        sm.cell(row=r, column=3, value=ymd(p['sessions'][0]['date'])).border = bd
        note = []
        if len(p['sessions']) > 1:
            note.append('2 удаа эмчилгээ хийсэн')
        if p['died'] == 'yes':
            note.append('нас барсан')
        sm.cell(row=r, column=4, value=', '.join(note) or None).border = bd
    for j, w in enumerate([5, 18, 24, 30], 1):
        sm.column_dimensions[get_column_letter(j)].width = w

    for k, p in enumerate(pts):
        ws = wb.create_sheet(p['sid'])
        SH = ws.title
        ws['A1'] = 'ӨВЧТӨНИЙ КАРТ — Нугаламын цементжүүлэлт (вертебропластик / кифопластик)'
        ws['A1'].font = Font(bold=True, size=13)
        ws.merge_cells('A1:G1')
        ws['A2'] = 'Сүхбаатар дүүргийн нэгдсэн эмнэлэг, Нуруу нугасны мэс заслын тасаг'
        ws['A2'].font = Font(italic=True)
        ws.merge_cells('A2:G2')
        et = ET_WORD[p['etiology']]
        fields = [(4, 'Судалгааны дугаар:', p['sid'], 'Утас:', p['phone']),
                  (5, 'Овог, нэр:', p['name'], None, None),
                  (6, 'Регистрийн дугаар:', p['reg'], None, None),
                  (7, 'Хүйс:', SEX_WORD[p['sex']], None, None),
                  (8, 'Нас:', ('%d нас' % p['age']) if k % 3 == 0 else p['age'], None, None),
                  (9, 'Онош / шалтгаан:', et[int(rng.integers(0, len(et)))], None, None),
                  (10, 'Нас барсан эсэх:', 'Тийм' if p['died'] == 'yes' else 'Үгүй', None, None)]
        idents += [['name', p['name']], ['record_number', p['reg']], ['phone', p['phone']]]
        for r, la, va, lb, vb in fields:
            ws.cell(row=r, column=1, value=la).font = bold
            ws.cell(row=r, column=2, value=va)
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
            if lb:
                ws.cell(row=r, column=5, value=lb).font = bold
                ws.cell(row=r, column=6, value=vb)
        if p['died'] == 'yes':
            ws.cell(row=10, column=5, value='Тэмдэглэл:').font = bold
            ws.cell(row=10, column=6, value='Хяналтын хугацаанд нас барсан')
        ws['A12'] = 'Эмчилгээ хийсэн нугалам'
        ws['A12'].font = Font(bold=True, size=12)
        vh = ['№', 'Огноо', 'Нугалам', 'Арга', 'Цемент', 'Хэмжээ (мл)', 'Гоожилт']
        for j, h in enumerate(vh, 1):
            c = ws.cell(row=13, column=j, value=h)
            c.font = bold
            c.fill = hfill
            c.border = bd
        r = 14
        n = 0
        for s in p['sessions']:
            for li, l in enumerate(s['levels']):
                n += 1
                ws.cell(row=r, column=1, value=n)
                if (k + n) % 4 == 0:
                    c = ws.cell(row=r, column=2, value=dt.datetime(s['date'].year, s['date'].month, s['date'].day))
                    c.number_format = 'yyyy.mm.dd'
                else:
                    ws.cell(row=r, column=2, value=ymd(s['date']))
                if plan['level'] == k and s['n'] == 1 and li == 1:
                    c = ws.cell(row=r, column=3, value='L7')
                    errors.append([SH, c.coordinate, r, 'Нугалам', 'L7', 'impossible vertebral level L7', p['sid']])
                else:
                    ws.cell(row=r, column=3, value=l['level'])
                ws.cell(row=r, column=4, value=TECH_WORD[s['technique']])
                ws.cell(row=r, column=5, value='PMMA')
                if plan['vol'] == k and s['n'] == 1 and li == 0:
                    c = ws.cell(row=r, column=6, value=45)
                    errors.append([SH, c.coordinate, r, 'Хэмжээ (мл)', '45', '45 mL of cement in one vertebra is impossible', p['sid']])
                else:
                    ws.cell(row=r, column=6, value=l['vol'])
                ws.cell(row=r, column=7, value=('Тийм - ' + ', '.join(LEAK_MN[x] for x in l['leak'])) if l['leak'] else 'Үгүй')
                for j in range(1, 8):
                    ws.cell(row=r, column=j).border = bd
                r += 1
        r += 1
        ws.cell(row=r, column=1, value='Хяналтын үзлэг').font = Font(bold=True, size=12)
        r += 1
        fh = ['Үзлэг', 'Огноо', 'Өвдөлт VAS (0-10)', 'Шинэ хугарал', 'Тэмдэглэл']
        for j, h in enumerate(fh, 1):
            c = ws.cell(row=r, column=j, value=h)
            c.font = bold
            c.fill = hfill
            c.border = bd
        r += 1
        for v in sorted(p['visits'], key=lambda v: (v['date'], v['session'])):
            ws.cell(row=r, column=1, value=VIS_MN[(v['session'], v['tp'])])
            if plan['date'] == k and v['tp'] == '3m':
                bad = '%d.02.30' % v['date'].year
                c = ws.cell(row=r, column=2, value=bad)
                errors.append([SH, c.coordinate, r, 'Огноо', bad, 'impossible date (30 February)', p['sid']])
            else:
                ws.cell(row=r, column=2, value=ymd(v['date']))
            if v['vas'] is None:
                ws.cell(row=r, column=3, value='ирээгүй')
            elif plan['vas'] == k and v['tp'] == '1m' and v['session'] == 1:
                c = ws.cell(row=r, column=3, value=12)
                errors.append([SH, c.coordinate, r, 'Өвдөлт VAS (0-10)', '12', 'pain score 12 on a 0-10 scale', p['sid']])
            else:
                ws.cell(row=r, column=3, value=v['vas'])
            if v['tp'] != 'pre' and v['vas'] is not None:
                ws.cell(row=r, column=4, value=v.get('newfx') or 'Үгүй')
            if v['session'] == 2 and v['tp'] == 'pre':
                ws.cell(row=r, column=4, value=p['sessions'][1]['levels'][0]['level'])
                ws.cell(row=r, column=5, value='Шинэ хугарал илэрч, дахин цементжүүлэлт хийсэн')
            if v.get('newfx'):
                ws.cell(row=r, column=5, value='Шинэ хугарал - консерватив эмчилгээ')
            for j in range(1, 6):
                ws.cell(row=r, column=j).border = bd
            r += 1
        for j, w in enumerate([22, 26, 16, 14, 12, 14, 26], 1):
            ws.column_dimensions[get_column_letter(j)].width = w
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, session_total=False)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
