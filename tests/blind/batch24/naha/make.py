import sys, os, random, csv, datetime as dt

LEV = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TPD = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 7, '6m': 10, '12m': 14, '24m': 20}


def years(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def build(seed, n, tps, s2tps, measures, start, s2idx, deadidx, fxidx, ctypes=('PMMA',), techw=(50, 50)):
    """Return list of patient dicts (the truth, before planted errors)."""
    R = random.Random(seed)
    P = []
    for i in range(n):
        p = {'i': i, 'err': None}
        p['sex'] = 'female' if R.random() < 0.72 else 'male'
        p['d0'] = start + dt.timedelta(days=R.randint(0, 420))
        b = p['d0'] - dt.timedelta(days=R.randint(56, 89) * 365 + R.randint(0, 364))
        p['birth'] = b
        p['age'] = years(b, p['d0'])
        p['et'] = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [68, 18, 10, 4])[0]
        nlev = R.choices([1, 2, 3], [66, 24, 10])[0]
        top = R.randint(LEV.index('T7'), LEV.index('L4') - nlev + 1)
        tech = R.choices(['vertebroplasty', 'kyphoplasty'], techw)[0]
        ctype = ctypes[0] if (len(ctypes) == 1 or R.random() < 0.85) else ctypes[1]
        verts = []
        for k in range(nlev):
            verts.append({'level': LEV[top + k], 'vol': R.choice([2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0]),
                          'leak': R.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous'], [68, 12, 11, 6, 3])[0]})
        p['sess'] = [{'n': 1, 'day': 0, 'tech': tech, 'ctype': ctype, 'verts': verts}]
        p['fx'] = []
        p['died'] = 'no'
        p['death_day'] = None
        s2day = R.randint(112, 170) if i in s2idx else None
        # visits: list of dict(session, tp, day, scores{measure: value} or None if missed)
        V = []
        pre = {'vas': R.randint(6, 9), 'odi': 2 * R.randint(24, 40), 'mobility': R.randint(2, 4)}
        fac = {'pre': 1.0, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4, '3m': 0.33, '6m': 0.3, '12m': 0.28, '24m': 0.28}

        def mk(tp, base):
            sc = {}
            for m in measures:
                if tp not in measures[m]:
                    continue
                if tp != 'pre' and R.random() < 0.07:
                    continue
                f = fac[tp]
                if m == 'vas':
                    v = max(0, min(10, round(base['vas'] * f + R.choice([-1, 0, 0, 1]))))
                elif m == 'odi':
                    v = max(0, min(100, 2 * round(base['odi'] * f / 2) + 2 * R.choice([-2, -1, 0, 1, 2])))
                else:
                    v = max(0, min(4, round(base['mobility'] * f + R.choice([0, 0, 1]))))
                sc[m] = v
            return sc
        for tp in tps:
            d = TPD[tp] + R.randint(-JIT[tp], JIT[tp])
            if s2day and d >= s2day - 7:
                break
            if tp != 'pre' and R.random() < 0.12:
                V.append({'session': 1, 'tp': tp, 'day': d, 'scores': None})
            else:
                V.append({'session': 1, 'tp': tp, 'day': d, 'scores': mk(tp, pre)})
        if s2day:
            above = LEV.index(verts[0]['level']) - 1
            fl = LEV[above] if above >= LEV.index('T6') else LEV[LEV.index(verts[-1]['level']) + 1]
            p['fx'].append({'day': s2day - R.randint(4, 12), 'level': fl})
            p['sess'].append({'n': 2, 'day': s2day, 'tech': tech, 'ctype': ctype,
                              'verts': [{'level': fl, 'vol': R.choice([3.0, 3.5, 4.0, 4.5, 5.0]), 'leak': 'none'}]})
            pre2 = {'vas': R.randint(6, 9), 'odi': 2 * R.randint(24, 40), 'mobility': R.randint(2, 4)}
            for tp in s2tps:
                d = s2day + TPD[tp] + R.randint(-JIT[tp], JIT[tp])
                V.append({'session': 2, 'tp': tp, 'day': d, 'scores': mk(tp, pre2)})
        if i in deadidx:
            keep = R.randint(3, 4)
            V = V[:keep]
            if V[-1]['scores'] is None:
                V[-1]['scores'] = mk(V[-1]['tp'], pre)
            p['died'] = 'yes'
            p['death_day'] = V[-1]['day'] + R.randint(15, 60)
        if i in fxidx:
            att = [v for v in V if v['scores'] is not None and v['day'] >= 28]
            lv = att[-1]
            lo = LEV.index(verts[-1]['level']) + 1 + R.randint(0, 1)
            p['fx'].append({'day': lv['day'], 'level': LEV[min(lo, len(LEV) - 1)]})
        # make sure every kept visit with scores has at least one measure
        for v in V:
            if v['scores'] is not None and not v['scores']:
                m0 = [m for m in measures if v['tp'] in measures[m]][0]
                v['scores'][m0] = pre[m0] if v['tp'] == 'pre' else 3 if m0 == 'vas' else 30 if m0 == 'odi' else 1
        p['visits'] = V
        P.append(p)
    return P


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def fnum(x):
    s = ('%.1f' % x)
    return s[:-2] if s.endswith('.0') else s


def write_truth(out, P, errors, idents, vas_div=1):
    """P entries may carry 'drop' (set of keys) for values removed by planted errors."""
    td = os.path.join(out, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, hdr, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f)
            c.writerow(hdr)
            c.writerows(rows)
    rp, rr, ra, rf = [], [], [], []
    for p in P:
        if p.get('noid'):
            continue
        pid = p['pid']
        rp.append([pid, p['sex'], p['age'], p['et'], p['died']])
        for s in p['sess']:
            tot = sum(v['vol'] or 0 for v in s['verts'])
            for v in s['verts']:
                if p.get('session_total'):
                    cv, sv = '', fnum(tot)
                else:
                    cv, sv = ('' if v['vol'] is None else fnum(v['vol'])), ''
                rr.append([pid, s['n'], s['day'], v['level'], s['tech'], cv, sv, s['ctype'], v['leak']])
        for v in p['visits']:
            if v['scores'] is None:
                continue
            for m in ('vas', 'odi', 'mobility'):
                if m in v['scores'] and v['scores'][m] is not None:
                    val = v['scores'][m]
                    if m == 'vas':
                        val = fnum(val / vas_div)
                    else:
                        val = fnum(val)
                    ra.append([pid, v['session'], {'vas': 'pain_vas'}.get(m, m), v['tp'], val])
        for f in p['fx']:
            rf.append([pid, f['day'], f['level']])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], rp)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rr)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], ra)
    w('fractures.csv', ['patient_id', 'day', 'level'], rf)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], idents)


def col(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# ---------------------------------------------------------------- Naha site
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill

FW = str.maketrans('0123456789', '０１２３４５６７８９')
SUR = ['比嘉', '金城', '大城', '宮城', '新垣', '玉城', '上原', '島袋', '平良', '山城', '知念', '仲宗根', '具志堅', '照屋',
       '当山', '仲村渠', '喜屋武', '我如古', '安里', '与那嶺', '渡嘉敷', '崎山', '糸数', '外間', '嘉数', '座間味', '東恩納']
FEM = ['カマド', 'ツル', '節子', '文子', '春子', '静子', 'ヨシ子', '和子', '幸子', '弘子', 'ウシ', '初子', 'キヨ', '米子']
MAL = ['清', '勇', '正雄', '盛光', '朝雄', '武', '康夫', '実', '朝栄', '善次']
ET = {'osteoporotic': '骨粗鬆症', 'pathologic': ['転移性脊椎腫瘍（肺癌）', '多発性骨髄腫', '転移性脊椎腫瘍（乳癌）'],
      'traumatic': '外傷（転落）', 'other': '椎体血管腫'}
LK = {'none': 'なし', 'disc': '椎間板', 'venous': '静脈', 'paravertebral': '傍脊柱', 'disc;venous': '椎間板＋静脈'}
TPS = ['pre', '1w', '1m', '3m', '6m']
TPH = ['術前', '1週', '1ヶ月', '3ヶ月', '6ヶ月']
MEAS = {'vas': set(TPS), 'odi': {'pre', '1m', '3m', '6m'}, 'mobility': {'pre', '1m', '6m'}}
MH = {'vas': 'VAS(0-10)', 'odi': 'ODI(%)', 'mobility': '移動能(0-4)'}


def jlev(l):
    return 'Th' + l[1:] if l[0] == 'T' else l


def reiwa(d, style):
    y = d.year - 2018
    if style == 0:
        return 'R%d.%d.%d' % (y, d.month, d.day)
    if style == 1:
        return '令和%d年%d月%d日' % (y, d.month, d.day)
    if style == 2:
        return '%d/%d/%d' % (d.year, d.month, d.day)
    return ('%d/%d/%d' % (d.year, d.month, d.day)).translate(FW)


def showa(d, style):
    y = d.year - 1925
    return ('S%d.%d.%d' % (y, d.month, d.day)) if style else ('昭和%d年%d月%d日' % (y, d.month, d.day))


def main(out):
    P = build(2401, 24, TPS, ['pre', '1m', '3m'], MEAS, dt.date(2022, 3, 1), {3, 11, 17}, {6, 14, 20}, {8, 19},
              ctypes=('PMMA', 'calcium phosphate'), techw=(35, 65))
    R = random.Random(77)
    errp = {2: 'level', 9: 'vas', 15: 'date', 22: 'odi'}
    wb = Workbook()
    ws = wb.active
    ws.title = '症例台帳'
    ws['A1'] = '沖縄県立南部医療センター 整形外科　経皮的椎体形成術（BKP/VP）症例台帳　令和4年度〜'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = '※VASは0〜10、ODIは%、移動能 0=制限なし〜4=寝たきり。「未」＝未来院、「－」＝未測定、「／」＝評価予定なし。2回目施術時は術前から数え直し。'
    hdr = ['症例No', '氏名', 'カルテ番号', '生年月日', '性別', '年齢', '原疾患', '連絡先', '回', '施術日', '術式', '椎体',
           'セメント量(mL)', 'セメント', '漏出', '評価項目'] + TPH + ['新規椎体骨折', '転帰']
    for j, h in enumerate(hdr, 1):
        c = ws.cell(3, j, h)
        c.font = Font(bold=True)
        c.fill = PatternFill('solid', fgColor='DDEBF7')
    errors, idents = [], []
    used = set()
    r = 4
    for p in P:
        i = p['i']
        p['pid'] = 'NB-%03d' % (i + 1)
        while True:
            nm = R.choice(SUR) + ' ' + R.choice(FEM if p['sex'] == 'female' else MAL)
            if nm not in used:
                break
        used.add(nm)
        rec = '%08d' % R.randint(10000000, 99999999)
        bd = showa(p['birth'], R.randint(0, 1))
        tel = '098-%03d-%04d' % (R.randint(800, 999), R.randint(0, 9999))
        idents += [['name', nm], ['record_number', rec], ['birth_date', bd], ['phone', tel]]
        e = errp.get(i)
        nrows = 3 * len(p['sess'])
        top = r
        et = ET[p['et']]
        if isinstance(et, list):
            et = R.choice(et)
        age = str(p['age'])
        if R.random() < 0.3:
            age = age.translate(FW)
        vals = [p['pid'], nm, rec, bd, '女' if p['sex'] == 'female' else '男', age, et, tel]
        for j, v in enumerate(vals, 1):
            ws.cell(top, j, v)
            ws.merge_cells(start_row=top, start_column=j, end_row=top + nrows - 1, end_column=j)
        fx = '、'.join('%s %s新規骨折' % (reiwa(date_of(p, f['day']), 0), jlev(f['level'])) for f in p['fx']) or 'なし'
        if p['died'] == 'yes':
            out_ = '死亡（%s）' % reiwa(date_of(p, p['death_day']), 0)
        else:
            out_ = R.choice(['生存', '生存', '外来通院中'])
        for j, v in ((22, fx), (23, out_)):
            ws.cell(top, j, v)
            ws.merge_cells(start_row=top, start_column=j, end_row=top + nrows - 1, end_column=j)
        for s in p['sess']:
            d = date_of(p, s['day'])
            ds = reiwa(d, R.randint(0, 3))
            if e == 'date' and s['n'] == 1:
                ds = '令和%d年2月30日' % (d.year - 2018)
                errors.append([ws.title, 'J%d' % r, r, '施術日', ds, 'impossible date (30 February)', p['pid']])
            levs = [jlev(v['level']) for v in s['verts']]
            if e == 'level' and s['n'] == 1:
                levs[-1] = 'L6'
                errors.append([ws.title, 'L%d' % r, r, '椎体', '、'.join(levs), 'impossible vertebral level L6', p['pid']])
                s['verts'][-1]['level'] = ''
            vols = '、'.join('%.1f' % v['vol'] for v in s['verts'])
            if len(s['verts']) == 1:
                lk = LK[s['verts'][0]['leak']]
            elif all(v['leak'] == 'none' for v in s['verts']):
                lk = 'なし'
            else:
                lk = '／'.join('%s %s' % (l, LK[v['leak']]) for l, v in zip(levs, s['verts']))
            cem = {'PMMA': 'KyphOn HV-R' if s['tech'] == 'kyphoplasty' else 'PMMA', 'calcium phosphate': 'バイオペックス'}[s['ctype']]
            vals = ['初回' if s['n'] == 1 else '2回目', ds, 'BKP' if s['tech'] == 'kyphoplasty' else 'VP', '、'.join(levs), vols, cem, lk]
            for j, v in enumerate(vals, 9):
                ws.cell(r, j, v)
                ws.merge_cells(start_row=r, start_column=j, end_row=r + 2, end_column=j)
            vis = {v['tp']: v for v in p['visits'] if v['session'] == s['n']}
            for k, m in enumerate(['vas', 'odi', 'mobility']):
                ws.cell(r + k, 16, MH[m])
                for q, tp in enumerate(TPS):
                    c = 17 + q
                    if tp not in MEAS[m]:
                        ws.cell(r + k, c, '／')
                        continue
                    v = vis.get(tp)
                    if v is None:
                        continue
                    if v['scores'] is None:
                        ws.cell(r + k, c, '未')
                        continue
                    val = v['scores'].get(m)
                    if val is None:
                        ws.cell(r + k, c, '－')
                        continue
                    txt = str(val)
                    if e == 'vas' and m == 'vas' and tp == '1m' and s['n'] == 1:
                        txt = '12'
                        errors.append([ws.title, col(c) + str(r + k), r + k, TPH[q], txt, 'VAS 12 beyond 0-10 scale', p['pid']])
                        del v['scores'][m]
                    elif e == 'odi' and m == 'odi' and tp == 'pre' and s['n'] == 1:
                        txt = '１２０'
                        errors.append([ws.title, col(c) + str(r + k), r + k, TPH[q], txt, 'ODI 120 % beyond 0-100 scale', p['pid']])
                        del v['scores'][m]
                    elif R.random() < 0.2:
                        txt = txt.translate(FW)
                    ws.cell(r + k, c, int(txt) if txt.isascii() else txt)
            r += 3
        if p['died'] == 'yes':
            ws.cell(top, 23).fill = PatternFill('solid', fgColor='D9D9D9')
    for j, wdt in enumerate([8, 14, 11, 16, 5, 5, 20, 14, 6, 17, 6, 12, 12, 13, 16, 12] + [7] * 5 + [22, 18], 1):
        ws.column_dimensions[col(j)].width = wdt
    ws.freeze_panes = 'B4'
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, P, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
