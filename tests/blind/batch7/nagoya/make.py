"""Nagoya: Japanese long-layout workbook (patients / procedures / one sheet per visit)."""
# ---------------------------------------------------------------- cohort generator
import datetime as dt
import numpy as np

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
         ['L%d' % i for i in range(1, 6)] + ['S1']
LEAK_ORDER = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 182, '12m': 365, '24m': 730}


def lidx(l):
    return LEVELS.index(l)


def gen_cohort(rng, n, start, end, fu=('pre', '1w', '1m', '3m'), odi_tps=(),
               mob_tps=(), n_second=4, n_frac=4, n_died=3,
               etio_p=(0.65, 0.2, 0.1, 0.05), kp_p=0.4, cpc_p=0.12,
               nlev_p=(0.6, 0.3, 0.1), half_pain=False, miss_p=0.15):
    span = (end - start).days
    second = set(int(x) for x in rng.choice(n, n_second, replace=False))
    fracs = set(int(x) for x in rng.choice(n, n_frac, replace=False))
    died = set(int(x) for x in rng.choice(n, n_died, replace=False))
    pats = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        et = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=etio_p))
        age = int(rng.integers(60, 92)) if et == 'osteoporotic' else int(rng.integers(38, 86))
        d1 = start + dt.timedelta(days=int(rng.integers(0, span)))
        used = set()

        def make_session(day):
            nlev = int(rng.choice([1, 2, 3], p=nlev_p))
            lo, hi = (lidx('T5'), lidx('L5')) if et == 'pathologic' else (lidx('T8'), lidx('L4'))
            for _ in range(200):
                s = int(rng.integers(lo, hi - nlev + 2))
                levs = [LEVELS[s + k] for k in range(nlev)]
                if not (used & set(levs)) and not any(
                        LEVELS[max(0, lidx(l) - 1)] in used or LEVELS[lidx(l) + 1] in used for l in levs):
                    break
            used.update(levs)
            tech = 'kyphoplasty' if rng.random() < kp_p else 'vertebroplasty'
            cem = 'calcium phosphate' if rng.random() < cpc_p else 'PMMA'
            vert = []
            for l in levs:
                vol = float(rng.choice(np.arange(1.5, 7.01, 0.5)))
                if rng.random() < 0.72:
                    leak = 'none'
                else:
                    k = 1 if rng.random() < 0.8 else 2
                    ls = list(rng.choice(LEAK_ORDER, k, replace=False))
                    leak = ';'.join(sorted(ls, key=LEAK_ORDER.index))
                vert.append(dict(level=l, vol=vol, leak=leak))
            return dict(day=day, date=d1 + dt.timedelta(days=day), tech=tech, cement=cem,
                        vert=vert, visits={})

        def make_visits(sess, tps):
            pre = int(rng.integers(6, 11))
            cur = pre
            for tp in tps:
                if tp == 'pre':
                    v = pre
                else:
                    drop = int(rng.integers(1, 4)) if tp in ('24h', '1w', '2w') else int(rng.integers(0, 3))
                    cur = max(0, cur - drop)
                    v = cur
                    if rng.random() < miss_p:
                        continue
                val = float(v)
                if half_pain and rng.random() < 0.15 and 0 < val < 10:
                    val += 0.5
                jitter = 0 if tp in ('pre', '24h') else int(rng.integers(-2, 3)) * (1 if tp in ('1w', '2w') else 3)
                d = TP_DAYS[tp] + jitter
                if tp == 'pre':
                    d = -int(rng.integers(0, 3))
                rec = dict(day=sess['day'] + d, pain=val)
                if tp in odi_tps:
                    rec['odi'] = int(min(100, max(0, (v * 7 + int(rng.integers(-6, 7))) // 2 * 2)))
                if tp in mob_tps:
                    rec['mob'] = int(min(4, max(1, round(v / 3.0) + int(rng.integers(0, 2)))))
                sess['visits'][tp] = rec

        s1 = make_session(0)
        make_visits(s1, fu)
        sessions = [s1]
        if i in second:
            day2 = int(rng.integers(35, 140))
            s2 = make_session(day2)
            make_visits(s2, [t for t in fu if TP_DAYS[t] <= 90])
            sessions.append(s2)
        frs = []
        if i in fracs:
            cand = [tp for tp in s1['visits'] if tp not in ('pre', '24h')]
            if cand:
                tp = cand[int(rng.integers(0, len(cand)))]
                lo, hi = lidx('T6'), lidx('L5')
                for _ in range(200):
                    l = LEVELS[int(rng.integers(lo, hi + 1))]
                    if l not in used:
                        break
                used.add(l)
                frs.append(dict(day=s1['visits'][tp]['day'], level=l, tp=tp))
        dflag = 'no'
        death_day = None
        if i in died:
            dflag = 'yes'
            last = max(v['day'] for s in sessions for v in s['visits'].values())
            # truncate: drop the last visit of session 1 sometimes to make room
            death_day = last + int(rng.integers(10, 60))
        pats.append(dict(idx=i, sex=sex, age=age, etiology=et, died=dflag, death_day=death_day,
                         d1=d1, sessions=sessions, fractures=frs))
    return pats


def truth_tables(pats, pid, cement_mode='per_vertebra', with_sex=True, with_age=True,
                 with_etio=True, with_died=True, with_tech=True, with_cement_type=True,
                 with_leak=True, measures=('pain_vas', 'odi', 'mob')):
    """cement_mode: per_vertebra | session_total (total if several levels) | none"""
    P, R, A, F = [], [], [], []
    for p in pats:
        P.append(dict(patient_id=pid(p), sex=p['sex'] if with_sex else '',
                      age_years=p['age'] if with_age else '',
                      etiology=p['etiology'] if with_etio else '',
                      died=p['died'] if with_died else ''))
        for si, s in enumerate(p['sessions'], 1):
            tot = round(sum(v['vol'] for v in s['vert']), 2)
            for v in s['vert']:
                cv, sv = '', ''
                if cement_mode == 'per_vertebra' or (cement_mode == 'session_total' and len(s['vert']) == 1):
                    cv = v['vol']
                elif cement_mode == 'session_total':
                    sv = tot
                R.append(dict(patient_id=pid(p), session=si, day=s['day'], level=v['level'],
                              technique=s['tech'] if with_tech else '',
                              cement_volume_ml=cv, session_cement_volume_ml=sv,
                              cement_type=s['cement'] if with_cement_type else '',
                              leakage=v['leak'] if with_leak else ''))
            for tp, rec in s['visits'].items():
                if 'pain_vas' in measures:
                    A.append(dict(patient_id=pid(p), session=si, measure='pain_vas', timepoint=tp, value=rec['pain']))
                if 'odi' in rec and 'odi' in measures:
                    A.append(dict(patient_id=pid(p), session=si, measure='odi', timepoint=tp, value=rec['odi']))
                if 'mob' in rec and 'mob' in measures:
                    A.append(dict(patient_id=pid(p), session=si, measure='mobility', timepoint=tp, value=rec['mob']))
        for f in p['fractures']:
            F.append(dict(patient_id=pid(p), day=f['day'], level=f['level']))
    return P, R, A, F


def fmt_num(x):
    if x == '' or x is None:
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, P, R, A, F, E, I):
    import csv, os
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    spec = [('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P),
            ('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                'session_cement_volume_ml', 'cement_type', 'leakage'], R),
            ('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A),
            ('fractures.csv', ['patient_id', 'day', 'level'], F),
            ('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], E),
            ('identifiers.csv', ['kind', 'value'], I)]
    for name, cols, rows in spec:
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for r in rows:
                w.writerow([fmt_num(r.get(c, '')) for c in cols])


def col_letter(i):  # 1-based
    s = ''
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end generator

# ---------------------------------------------------------------- Nagoya site
import os
import sys
import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

FW = str.maketrans('0123456789./', '０１２３４５６７８９．／')


def jlevel(l):
    return 'Th' + l[1:] if l.startswith('T') else l


def reiwa(d, style):
    y = d.year - 2018
    if style == 'R':
        return 'R%d.%d.%d' % (y, d.month, d.day)
    return '令和%d年%d月%d日' % (y, d.month, d.day)


def showa(d, style):
    y = d.year - 1925
    if style == 'S':
        return 'S%d.%02d.%02d' % (y, d.month, d.day)
    return '昭和%d年%d月%d日' % (y, d.month, d.day)


def main(outdir):
    rng = np.random.default_rng(7101)
    pats = gen_cohort(rng, 22, dt.date(2021, 2, 1), dt.date(2023, 3, 1),
                      fu=('pre', '1w', '1m', '3m', '6m'), odi_tps=('pre', '3m'),
                      n_second=4, n_frac=4, n_died=3, etio_p=(0.68, 0.18, 0.09, 0.05), kp_p=0.55)
    pid = lambda p: 'NG-%03d' % (p['idx'] + 1)
    sur = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田',
           '佐々木', '山口', '松本', '井上', '木村', '林', '清水', '山崎', '森', '池田', '橋本', '阿部']
    fem = ['和子', '幸子', '節子', '洋子', '恵子', '京子', '久美子', '美智子', '弘子', '千代子', '文子', '悦子']
    mal = ['茂', '勇', '博', '清', '実', '隆', '進', '正男', '秀夫', '和夫']
    sur_order = list(rng.permutation(len(sur)))
    ids = []
    for k, p in enumerate(pats):
        p['name'] = sur[sur_order[k]] + ' ' + (fem if p['sex'] == 'female' else mal)[int(rng.integers(0, 10))]
        p['mrn'] = '%08d' % int(rng.integers(10000000, 99999999))
        b = p['d1'] - dt.timedelta(days=int(p['age'] * 365.25 + int(rng.integers(20, 340))))
        age = p['d1'].year - b.year - ((p['d1'].month, p['d1'].day) < (b.month, b.day))
        p['age'] = age
        p['birth'] = b
        p['birth_txt'] = showa(b, 'S' if rng.random() < 0.6 else 'K')
        ids += [('name', p['name']), ('record_number', p['mrn']), ('birth_date', p['birth_txt'])]

    def date_cell(d):
        r = rng.random()
        if r < 0.55:
            return d
        if r < 0.75:
            return reiwa(d, 'R')
        if r < 0.9:
            return reiwa(d, 'K')
        return ('%d/%d/%d' % (d.year, d.month, d.day)).translate(FW)

    def num_cell(x, unit=''):
        r = rng.random()
        s = fmt_num(x)
        if r < 0.12:
            return s.translate(FW) + unit
        if r < 0.2 and unit:
            return s + unit
        return x if not float(x).is_integer() else int(x)

    wb = openpyxl.Workbook()
    bold = Font(bold=True)
    head_fill = PatternFill('solid', fgColor='DDEBF7')
    errs = []
    # choose error patients
    order = [int(x) for x in rng.permutation(len(pats))]
    e_level, e_vol, e_date, e_vas = order[:4]

    # ---------------- 患者一覧
    ws = wb.active
    ws.title = '患者一覧'
    ws['A1'] = '経皮的椎体形成術（BKP/PVP）症例登録　名古屋中央記念病院 整形外科・脊椎外科'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = '※個人情報を含むため院外持ち出し禁止'
    hdr = ['症例番号', 'カルテ番号', '氏名', '生年月日', '性別', '年齢', '原因疾患', '転帰', '備考']
    for c, h in enumerate(hdr, 1):
        cell = ws.cell(row=4, column=c, value=h)
        cell.font = bold
        cell.fill = head_fill
    et_words = {'osteoporotic': ['骨粗鬆症性', '骨粗鬆症性椎体骨折', 'OVF'],
                'pathologic': ['転移性（肺癌）', '転移性（乳癌）', '多発性骨髄腫', '転移性（前立腺癌）'],
                'traumatic': ['外傷性（転落）', '外傷性'], 'other': ['椎体血管腫']}
    for k, p in enumerate(pats):
        r = 5 + k
        w = [x for x in et_words[p['etiology']]
             if not ('乳癌' in x and p['sex'] == 'male') and not ('前立腺' in x and p['sex'] == 'female')]
        outcome = '生存'
        if p['died'] == 'yes':
            outcome = '死亡（%s）' % reiwa(p['d1'] + dt.timedelta(days=p['death_day']), 'R')
        vals = [pid(p), p['mrn'], p['name'], p['birth_txt'], '女' if p['sex'] == 'female' else '男',
                p['age'], w[int(rng.integers(0, len(w)))], outcome, '']
        if len(p['sessions']) > 1:
            vals[8] = '2回目手術あり'
        for c, v in enumerate(vals, 1):
            ws.cell(row=r, column=c, value=v)
    for col, wdt in zip('ABCDEFGHI', [10, 11, 14, 16, 6, 6, 20, 20, 16]):
        ws.column_dimensions[col].width = wdt

    # ---------------- 手術記録
    ws = wb.create_sheet('手術記録')
    ws['A1'] = '手術記録（1椎体1行）'
    ws['A1'].font = Font(bold=True, size=12)
    hdr = ['症例番号', '手術回', '手術日', '高位', '術式', 'セメント', '注入量(ml)', '漏出', '備考']
    for c, h in enumerate(hdr, 1):
        cell = ws.cell(row=2, column=c, value=h)
        cell.font = bold
        cell.fill = head_fill
    leak_w = {'disc': '椎間板', 'epidural': '硬膜外', 'foraminal': '椎間孔', 'venous': '静脈',
              'paravertebral': '傍椎体'}
    r = 3
    for k, p in enumerate(pats):
        for si, s in enumerate(p['sessions'], 1):
            r0 = r
            dcell = date_cell(s['date'])
            for vi, v in enumerate(s['vert']):
                ws.cell(row=r, column=4, value=jlevel(v['level']))
                ws.cell(row=r, column=7, value=num_cell(v['vol'], 'ml'))
                lk = 'なし' if v['leak'] == 'none' else '＋'.join(leak_w[x] for x in v['leak'].split(';'))
                ws.cell(row=r, column=8, value=lk)
                if k == e_level and si == 1 and vi == 0:
                    bad = 'Th13'
                    ws.cell(row=r, column=4, value=bad)
                    errs.append(dict(sheet='手術記録', cell='D%d' % r, row=r, column_header='高位', value=bad,
                                     what_is_wrong='no 13th thoracic vertebra (impossible level)', patient_id=pid(p)))
                if k == e_vol and si == 1 and vi == 0:
                    ws.cell(row=r, column=7, value=45)
                    errs.append(dict(sheet='手術記録', cell='G%d' % r, row=r, column_header='注入量(ml)', value='45',
                                     what_is_wrong='45 mL of cement in one vertebra is impossible', patient_id=pid(p)))
                r += 1
            ws.cell(row=r0, column=1, value=pid(p))
            ws.cell(row=r0, column=2, value='%d回目' % si)
            if k == e_date and si == 1:
                bad = '令和%d年2月30日' % (s['date'].year - 2018)
                ws.cell(row=r0, column=3, value=bad)
                errs.append(dict(sheet='手術記録', cell='C%d' % r0, row=r0, column_header='手術日', value=bad,
                                 what_is_wrong='30 February does not exist', patient_id=pid(p)))
            else:
                ws.cell(row=r0, column=3, value=dcell)
                if isinstance(dcell, dt.date):
                    ws.cell(row=r0, column=3).number_format = 'yyyy/m/d'
            ws.cell(row=r0, column=5, value='BKP' if s['tech'] == 'kyphoplasty' else 'PVP')
            if s['cement'] == 'PMMA':
                cem = 'PMMA（HV-R）' if s['tech'] == 'kyphoplasty' else 'PMMA'
            else:
                cem = 'CPC（バイオペックス）'
            ws.cell(row=r0, column=6, value=cem)
            if si == 2:
                ws.cell(row=r0, column=9, value='追加手術（別椎体）')
            n = len(s['vert'])
            if n > 1:
                for c in (1, 2, 3, 5, 6):
                    ws.merge_cells(start_row=r0, start_column=c, end_row=r0 + n - 1, end_column=c)
                    ws.cell(row=r0, column=c).alignment = Alignment(vertical='center')
    for col, wdt in zip('ABCDEFGHI', [10, 8, 16, 7, 7, 20, 11, 14, 26]):
        ws.column_dimensions[col].width = wdt

    # ---------------- visit sheets
    sheets = [('pre', '術前'), ('1w', '1週'), ('1m', '1ヶ月'), ('3m', '3ヶ月'), ('6m', '6ヶ月')]
    gone = {}
    for tp, sname in sheets:
        ws = wb.create_sheet(sname)
        ws['A1'] = ('術前評価' if tp == 'pre' else '術後%s 評価' % sname)
        ws['A1'].font = Font(bold=True, size=12)
        hdr = ['症例番号', '対象手術', '評価日', 'VAS(0-10)']
        if tp in ('pre', '3m'):
            hdr.append('ODI(%)')
        if tp != 'pre':
            hdr.append('新規椎体骨折')
        hdr.append('備考')
        for c, h in enumerate(hdr, 1):
            cell = ws.cell(row=3, column=c, value=h)
            cell.font = bold
            cell.fill = head_fill
        col = {h: c for c, h in enumerate(hdr, 1)}
        r = 4
        for k, p in enumerate(pats):
            for si, s in enumerate(p['sessions'], 1):
                rec = s['visits'].get(tp)
                if rec is None:
                    if tp not in [t for t, _ in sheets][:len(sheets)] or TP_DAYS[tp] > 90 and si == 2:
                        continue
                    # not attended: mostly no row at all, sometimes a row saying so
                    if rng.random() < 0.4:
                        ws.cell(row=r, column=1, value=pid(p))
                        ws.cell(row=r, column=2, value='%d回目' % si)
                        ws.cell(row=r, column=col['VAS(0-10)'], value='来院せず')
                        r += 1
                    continue
                ws.cell(row=r, column=1, value=pid(p))
                ws.cell(row=r, column=2, value='%d回目' % si)
                d = p['d1'] + dt.timedelta(days=rec['day'])
                dc = date_cell(d)
                ws.cell(row=r, column=3, value=dc)
                if isinstance(dc, dt.date):
                    ws.cell(row=r, column=3).number_format = 'yyyy/m/d'
                ws.cell(row=r, column=4, value=num_cell(rec['pain']))
                if k == e_vas and tp == '1m' and si == 1:
                    ws.cell(row=r, column=4, value=14)
                    errs.append(dict(sheet=sname, cell='D%d' % r, row=r, column_header='VAS(0-10)', value='14',
                                     what_is_wrong='VAS above 10 on a 0-10 scale', patient_id=pid(p)))
                if 'ODI(%)' in col and 'odi' in rec:
                    ws.cell(row=r, column=col['ODI(%)'], value=num_cell(rec['odi'], '%'))
                if '新規椎体骨折' in col:
                    fr = [f for f in p['fractures'] if f['tp'] == tp and si == 1]
                    if fr:
                        ws.cell(row=r, column=col['新規椎体骨折'], value='、'.join(jlevel(f['level']) for f in fr))
                        ws.cell(row=r, column=col['備考'], value='MRIで新規骨折確認')
                    else:
                        ws.cell(row=r, column=col['新規椎体骨折'], value='なし')
                r += 1
        if tp == '3m':
            # an orphan row: data typed without a study ID
            ws.cell(row=r, column=3, value=reiwa(dt.date(2022, 11, 8), 'R'))
            ws.cell(row=r, column=4, value=3)
            ws.cell(row=r, column=col['ODI(%)'], value=22)
            ws.cell(row=r, column=col['新規椎体骨折'], value='なし')
            errs.append(dict(sheet=sname, cell='A%d' % r, row=r, column_header='症例番号', value='',
                             what_is_wrong='row with visit data but no study ID', patient_id=''))
        for c_, wdt in zip('ABCDEFG', [10, 9, 16, 10, 9, 13, 20]):
            ws.column_dimensions[c_].width = wdt

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    P, R, A, F = truth_tables(pats, pid, cement_mode='per_vertebra')
    write_truth(outdir, P, R, A, F, errs, [dict(kind=a, value=b) for a, b in ids])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
