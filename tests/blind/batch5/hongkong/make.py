#!/usr/bin/env python3
"""Hong Kong blind workbook generator: python make.py OUTDIR"""
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
# ---------------- site: hongkong ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SURN = [('陳', 'CHAN'), ('李', 'LEE'), ('張', 'CHEUNG'), ('黃', 'WONG'), ('劉', 'LAU'), ('林', 'LAM'),
        ('吳', 'NG'), ('梁', 'LEUNG'), ('何', 'HO'), ('郭', 'KWOK'), ('麥', 'MAK'), ('鄧', 'TANG'),
        ('羅', 'LAW'), ('周', 'CHAU'), ('謝', 'TSE')]
GIV_F = [('美玲', 'Mei Ling'), ('秀英', 'Sau Ying'), ('麗珍', 'Lai Chun'), ('玉蓮', 'Yuk Lin'),
         ('淑儀', 'Suk Yee'), ('鳳嬌', 'Fung Kiu'), ('月娥', 'Yuet Ngo'), ('惠芳', 'Wai Fong'),
         ('碧霞', 'Pik Ha'), ('少芬', 'Siu Fun')]
GIV_M = [('志明', 'Chi Ming'), ('國強', 'Kwok Keung'), ('偉雄', 'Wai Hung'), ('家輝', 'Ka Fai'),
         ('德華', 'Tak Wah'), ('錦榮', 'Kam Wing'), ('振邦', 'Chun Bong'), ('耀祖', 'Yiu Cho')]
ET_WORD = {'osteoporotic': ['骨質疏鬆 OP', '骨質疏鬆', 'OP #'],
           'pathologic': ['轉移性腫瘤 Mets', '多發性骨髓瘤 MM', 'Ca lung mets'],
           'traumatic': ['創傷 Trauma', '跌倒創傷'],
           'other': ['其他 Others', '血管瘤 Haemangioma']}
SEX_WORD = {'female': '女', 'male': '男'}
TECH_WORD = {'vertebroplasty': 'VP', 'kyphoplasty': 'BKP'}
LEAK_ZH = {'disc': '椎間盤', 'venous': '靜脈', 'epidural': '硬膜外', 'foraminal': '椎間孔',
           'paravertebral': '椎旁軟組織'}
TP_ZH = {(1, 'pre'): '術前 Pre-op', (1, '24h'): '術後24小時', (1, '2w'): '2週 2/52', (1, '3m'): '3個月 3/12',
         (1, '12m'): '12個月 1 yr', (2, 'pre'): '術前 Pre-op', (2, '1m'): '1個月 1/12'}
FU = ('24h', '2w', '3m', '12m')


def hkid(rng):
    L = chr(ord('A') + int(rng.integers(0, 26)))
    digs = [int(x) for x in rng.integers(0, 10, size=6)]
    s = 36 * 9 + (ord(L) - 55) * 8 + sum(d * w for d, w in zip(digs, range(7, 1, -1)))
    ch = 11 - s % 11
    c = 'A' if ch == 10 else ('0' if ch == 11 else str(ch))
    return '%s%s(%s)' % (L, ''.join(map(str, digs)), c)


def xd(d):
    return dt.datetime(d.year, d.month, d.day)


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    pts = gen_data(8521, 28, dt.date(2021, 3, 1), 820, FU, s2_tps=('pre', '1m'), p_tech=(0.55, 0.45),
                   cement_types=('PMMA', 'Cortoss', 'calcium phosphate'), cement_p=[0.8, 0.1, 0.1])
    pts.sort(key=lambda p: p['sessions'][0]['date'])
    rng = np.random.default_rng(909)
    cnt = {}
    for p in pts:
        y = p['sessions'][0]['date'].year % 100
        cnt[y] = cnt.get(y, 0) + 1
        p['sid'] = 'VA%02d-%03d' % (y, cnt[y])
        sn = SURN[int(rng.integers(0, len(SURN)))]
        g = (GIV_F if p['sex'] == 'female' else GIV_M)
        gn = g[int(rng.integers(0, len(g)))]
        p['name'] = '%s%s %s %s' % (sn[0], gn[0], sn[1], gn[1])
        p['hkid'] = hkid(rng)
        for s in p['sessions']:
            if s['cement'] == 'PMMA':
                s['brand'] = 'Kyphon Xpede' if s['technique'] == 'kyphoplasty' else \
                    ['Vertecem V+', 'Osteopal V'][int(rng.integers(0, 2))]
            elif s['cement'] == 'Cortoss':
                s['brand'] = 'Cortoss'
            else:
                s['brand'] = 'KyphOs FS (CaP)'
    errors, idents = [], []
    wb = Workbook()
    ws = wb.active
    ws.title = 'VA登記 Registry'
    SH = ws.title
    ws['A1'] = '普仁醫院 骨科及創傷科 — 椎體成形術 / 球囊椎體後凸成形術 登記冊'
    ws['A2'] = 'Po Yan Hospital O&T Dept — Vertebral augmentation registry.  更新: 15/03/2024 (RN Wong)'
    ws['A1'].font = Font(bold=True, size=14)
    thin = Side(style='thin', color='808080')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal='center', vertical='center', wrap_text=True)
    # ---- left table: patients & procedures ----
    ws['A4'] = '病人資料 Patient'
    ws.merge_cells('A4:F4')
    ws['G4'] = '手術 Procedure'
    ws.merge_cells('G4:M4')
    ws['N4'] = '結果 Outcome'
    ws['P4'] = '跟進 Follow-up'
    ws.merge_cells('P4:V4')
    for c in ('A4', 'G4', 'N4', 'P4'):  # group row
        ws[c].font = Font(bold=True, color='FFFFFF')
        ws[c].fill = PatternFill('solid', fgColor='1F4E78')
        ws[c].alignment = center
    L = ['編號\nStudy No.', '病歷號碼\nHKID / Record No.', '姓名\nName', '性別\nSex', '年齡\nAge',
         '病因\nAetiology', '日期\nDate', '手術\nOp', '椎體\nLevel', '骨水泥\nCement', '份量\nVol (ml)',
         '滲漏\nLeak', '滲漏位置\nLeak site', '死亡\nDeath']
    R = ['編號\nStudy No.', '次序\nSession', '覆診日期\nDate', '時段\nTimepoint', '痛楚\nVAS (0-10)',
         '新骨折\nNew fracture', '備註\nRemarks']
    HR = 6  # two header rows: 5 = Chinese, 6 = English
    for j0, hs, fill in ((1, L, 'DDEBF7'), (16, R, 'FCE4D6')):
        for j, h in enumerate(hs, j0):
            for k2, part in enumerate(h.split('\n')):
                c = ws.cell(row=HR - 1 + k2, column=j, value=part)
                c.font = Font(bold=True)
                c.alignment = center
                c.border = bd
                c.fill = PatternFill('solid', fgColor=fill)
    lc = {h.split('\n')[1]: j for j, h in enumerate(L, 1)}
    rc = {h.split('\n')[1]: j for j, h in enumerate(R, 16)}
    plan = {}

    def pick(start, cond):
        for k in list(range(start, len(pts))) + list(range(0, start)):
            if k not in plan.values() and cond(pts[k]):
                return k
    plan['date'] = pick(5, lambda p: len(p['sessions']) == 1)
    plan['vol'] = pick(11, lambda p: True)
    plan['vas'] = pick(16, lambda p: any(v['tp'] == '3m' and v['vas'] is not None for v in p['visits']))
    plan['fudate'] = pick(22, lambda p: any(v['tp'] == '24h' for v in p['visits']))
    r = HR + 1
    for k, p in enumerate(pts):
        p0 = r
        for s in p['sessions']:
            s0 = r
            for li, l in enumerate(s['levels']):
                ws.cell(row=r, column=lc['Level'], value=l['level'])
                if plan['vol'] == k and s['n'] == 1 and li == 0:
                    c = ws.cell(row=r, column=lc['Vol (ml)'], value=45)
                    errors.append([SH, c.coordinate, r, 'Vol (ml)', '45',
                                   '45 mL of cement in one vertebra is impossible', p['sid']])
                else:
                    ws.cell(row=r, column=lc['Vol (ml)'], value=l['vol'])
                ws.cell(row=r, column=lc['Leak'], value='是' if l['leak'] else '否')
                ws.cell(row=r, column=lc['Leak site'], value='、'.join(LEAK_ZH[x] for x in l['leak']) if l['leak'] else None)
                r += 1
            if plan['date'] == k and s['n'] == 1:
                c = ws.cell(row=s0, column=lc['Date'], value='31/02/%d' % s['date'].year)
                errors.append([SH, c.coordinate, s0, 'Date', c.value, 'impossible date (31 February)', p['sid']])
            else:
                c = ws.cell(row=s0, column=lc['Date'], value=xd(s['date']))
                c.number_format = 'dd/mm/yyyy'
            ws.cell(row=s0, column=lc['Op'], value=TECH_WORD[s['technique']])
            ws.cell(row=s0, column=lc['Cement'], value=s['brand'])
            if r - s0 > 1:
                for h in ('Date', 'Op', 'Cement'):
                    cl = get_column_letter(lc[h])
                    ws.merge_cells('%s%d:%s%d' % (cl, s0, cl, r - 1))
        vals = {'Study No.': p['sid'], 'HKID / Record No.': p['hkid'], 'Name': p['name'],
                'Sex': SEX_WORD[p['sex']], 'Age': p['age'],
                'Aetiology': ET_WORD[p['etiology']][int(rng.integers(0, len(ET_WORD[p['etiology']])))],
                'Death': '是' if p['died'] == 'yes' else '否'}
        idents += [['name', p['name']], ['record_number', p['hkid']]]
        for h, v in vals.items():
            ws.cell(row=p0, column=lc[h], value=v)
            if r - p0 > 1:
                cl = get_column_letter(lc[h])
                ws.merge_cells('%s%d:%s%d' % (cl, p0, cl, r - 1))
        for rr in range(p0, r):
            for j in range(1, len(L) + 1):
                ws.cell(row=rr, column=j).border = bd
                ws.cell(row=rr, column=j).alignment = Alignment(vertical='center')
    left_end = r
    # ---- right table: follow-up, one row per visit ----
    r = HR + 1
    for k, p in enumerate(pts):
        vs = sorted(p['visits'], key=lambda v: (v['date'], v['session']))
        for v in vs:
            ws.cell(row=r, column=rc['Study No.'], value=p['sid'])
            ws.cell(row=r, column=rc['Session'], value='第%d次' % v['session'])
            d = v['date']
            if plan['fudate'] == k and v['tp'] == '24h':
                bad = d - dt.timedelta(days=31)
                c = ws.cell(row=r, column=rc['Date'], value=xd(bad))
                errors.append([SH, c.coordinate, r, 'Date', bad.strftime('%d/%m/%Y'),
                               'post-op 24h visit dated a month before the operation', p['sid']])
            else:
                c = ws.cell(row=r, column=rc['Date'], value=xd(d))
            c.number_format = 'dd/mm/yyyy'
            ws.cell(row=r, column=rc['Timepoint'], value=TP_ZH[(v['session'], v['tp'])])
            if v['vas'] is None:
                ws.cell(row=r, column=rc['VAS (0-10)'], value='DNA')
                ws.cell(row=r, column=rc['Remarks'], value='缺席 DNA')
            elif plan['vas'] == k and v['tp'] == '3m':
                c = ws.cell(row=r, column=rc['VAS (0-10)'], value=14)
                errors.append([SH, c.coordinate, r, 'VAS (0-10)', '14', 'pain score 14 on a 0-10 scale', p['sid']])
            else:
                ws.cell(row=r, column=rc['VAS (0-10)'], value=v['vas'])
            if v['tp'] != 'pre':
                nf = v.get('newfx')
                ws.cell(row=r, column=rc['New fracture'], value=('有 - %s' % nf) if nf else '否')
            if v['session'] == 2 and v['tp'] == 'pre':
                ws.cell(row=r, column=rc['New fracture'], value='有 - %s' % p['sessions'][1]['levels'][0]['level'])
                ws.cell(row=r, column=rc['Remarks'], value='新骨折, 再做手術 (見左表第2次)')
            for j in range(16, 16 + len(R)):
                ws.cell(row=r, column=j).border = bd
            r += 1
        if p['died'] == 'yes':
            ws.cell(row=r - 1, column=rc['Remarks'], value='其後已故 (deceased)')
    end = max(r, left_end) + 1
    ws.cell(row=end, column=1, value='備註: 份量以每節椎體計 (ml per level)。DNA = 缺席覆診。Vertecem V+ / Osteopal V / Kyphon Xpede = PMMA；KyphOs FS = 磷酸鈣 calcium phosphate。')
    for j, w in enumerate([11, 15, 24, 6, 6, 16, 12, 7, 7, 15, 9, 6, 14, 7, 3, 11, 8, 12, 14, 10, 13, 24], 1):
        ws.column_dimensions[get_column_letter(j)].width = w
        ws.freeze_panes = 'A7'
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, idents, session_total=False)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
