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


# ---------------------------------------------------------------- Hue site
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Tôn Nữ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Tôn Thất']
FEM = ['Thị Hoa', 'Thị Lan', 'Thị Mai', 'Thị Cúc', 'Thị Hường', 'Thị Sen', 'Thị Thu', 'Thị Huệ', 'Thị Nga', 'Thị Tâm', 'Thị Liên', 'Thị Bích']
MAL = ['Văn Hùng', 'Văn Minh', 'Văn Toàn', 'Đức Thành', 'Văn Phúc', 'Quang Vinh', 'Văn Sơn', 'Hữu Nghĩa']
ET = {'osteoporotic': 'Xẹp đốt sống do loãng xương (ostéoporose)', 'pathologic': ['Di căn cột sống (métastase) - K phổi', 'Đa u tủy xương (myélome multiple)', 'Di căn cột sống (métastase) - K vú'],
      'traumatic': 'Gãy do chấn thương (ngã)', 'other': 'U máu đốt sống (hémangiome)'}
LK = {'none': 'không', 'disc': 'rò vào đĩa đệm (fuite discale)', 'venous': 'rò tĩnh mạch (fuite veineuse)',
      'paravertebral': 'rò cạnh cột sống', 'disc;venous': 'rò đĩa đệm + tĩnh mạch'}
TPS = ['pre', '24h', '1w', '1m', '3m', '6m']
MEAS = {'vas': set(TPS), 'odi': {'pre', '1m', '3m', '6m'}}


def vlev(l):
    return 'D' + l[1:] if l[0] == 'T' else l


def vd(d):
    return d.strftime('%d/%m/%Y')


def vn(x):
    return ('%.1f' % x).replace('.', ',')


def main(out):
    P = build(2403, 26, TPS, ['pre', '24h', '1m'], MEAS, dt.date(2022, 9, 1), {4, 12, 19}, {8, 16, 21}, {6, 14},
              ctypes=('PMMA', 'calcium phosphate'), techw=(60, 40))
    R = random.Random(99)
    errp = {2: 'before', 10: 'vas', 17: 'vol', 23: 'date'}
    wb = Workbook()
    ws = wb.active
    ws.title = 'Bệnh nhân'
    wv = wb.create_sheet('Tái khám')
    ws['A1'] = 'BỆNH VIỆN TRUNG ƯƠNG HUẾ (giả định) — Khoa Chấn thương chỉnh hình & Cột sống — Danh sách bệnh nhân bơm xi măng đốt sống'
    ws['A1'].font = Font(bold=True)
    H1 = ['STT', 'Mã BN', 'Họ và tên', 'Số hồ sơ', 'Ngày sinh', 'Giới', 'Tuổi', 'SĐT', 'Chẩn đoán', 'Lần', 'Ngày thủ thuật',
          'Phương pháp', 'Đốt sống', 'Lượng xi măng (ml)', 'Loại xi măng', 'Rò xi măng', 'Ghi chú', 'Tình trạng cuối']
    for j, h in enumerate(H1, 1):
        ws.cell(2, j, h).font = Font(bold=True)
    wv['A1'] = 'THEO DÕI SAU THỦ THUẬT — mỗi dòng là một lần khám'
    wv['A1'].font = Font(bold=True)
    wv['A2'] = ('Lịch tái khám của khoa: đánh giá trước thủ thuật (ngày làm thủ thuật), sau 24 giờ, 1 tuần, 1 tháng, 3 tháng và 6 tháng '
                'sau thủ thuật. Nếu bơm lần 2, lịch tính lại từ ngày bơm lần 2. ODI chỉ đánh giá trước TT, 1 tháng, 3 tháng, 6 tháng. KĐ = không đánh giá.')
    wv['A2'].font = Font(italic=True, color='C00000')
    H2 = ['Mã BN', 'Họ tên', 'Ngày khám', 'VAS (0-10)', 'ODI (%)', 'Ghi chú']
    for j, h in enumerate(H2, 1):
        wv.cell(3, j, h).font = Font(bold=True)
    errors, idents = [], []
    used = set()
    r, rv, stt = 3, 4, 0
    for p in P:
        i = p['i']
        e = errp.get(i)
        p['pid'] = 'CSH-%03d' % (i + 1)
        while True:
            nm = R.choice(HO) + ' ' + R.choice(FEM if p['sex'] == 'female' else MAL)
            if nm not in used:
                break
        used.add(nm)
        rec = '%02d.%06d' % (p['d0'].year % 100, R.randint(0, 999999))
        bd = vd(p['birth'])
        tel = '0%d%d %03d %03d' % (R.choice([9, 3, 8]), R.randint(10, 99), R.randint(0, 999), R.randint(0, 999))
        idents += [['name', nm], ['record_number', rec], ['birth_date', bd], ['phone', tel]]
        et = ET[p['et']]
        if isinstance(et, list):
            et = R.choice(et)
        for s in p['sess']:
            stt += 1
            ws.cell(r, 1, stt)
            ws.cell(r, 2, p['pid'])
            ws.cell(r, 3, nm)
            if s['n'] == 1:
                for j, v in enumerate([rec, bd, 'Nữ' if p['sex'] == 'female' else 'Nam', p['age'], tel, et], 4):
                    ws.cell(r, j, v)
            ws.cell(r, 10, s['n'])
            c = ws.cell(r, 11, date_of(p, s['day']))
            c.number_format = 'dd/mm/yyyy'
            ws.cell(r, 12, 'Cyphoplastie (bơm xi măng có bóng)' if s['tech'] == 'kyphoplasty' else 'Vertébroplastie (tạo hình đốt sống qua da)')
            ws.cell(r, 13, ', '.join(vlev(v['level']) for v in s['verts']))
            vols = [vn(v['vol']) for v in s['verts']]
            if e == 'vol' and s['n'] == 1:
                vols[0] = '25,0'
                s['verts'][0]['vol'] = None
                errors.append([ws.title, 'N%d' % r, r, 'Lượng xi măng (ml)', ' + '.join(vols), 'cement volume 25 mL in one vertebra (>20)', p['pid']])
            ws.cell(r, 14, ' + '.join(vols))
            ws.cell(r, 15, R.choice(['Xi măng PMMA', 'Osteopal V']) if s['ctype'] == 'PMMA' else 'Calci phosphat')
            if len(s['verts']) == 1:
                lk = LK[s['verts'][0]['leak']]
            elif all(v['leak'] == 'none' for v in s['verts']):
                lk = 'không'
            else:
                lk = '; '.join('%s: %s' % (vlev(v['level']), LK[v['leak']]) for v in s['verts'])
            ws.cell(r, 16, lk)
            if s['n'] == 2:
                f = p['fx'][0]
                ws.cell(r, 17, 'Bơm lần 2: gãy lún mới %s phát hiện ngày %s' % (vlev(f['level']), vd(date_of(p, f['day']))))
            if s['n'] == 1:
                ws.cell(r, 18, ('Tử vong ngày %s' % vd(date_of(p, p['death_day']))) if p['died'] == 'yes' else 'Còn sống')
            r += 1
        # visits
        cand = [v for v in p['visits'] if v['scores'] and v['tp'] in ('1m', '3m') and v['session'] == 1]
        ev = cand[0] if e in ('before', 'date') else None
        for v in sorted(p['visits'], key=lambda v: v['day']):
            wv.cell(rv, 1, p['pid'])
            wv.cell(rv, 2, nm)
            d = date_of(p, v['day'])
            c = wv.cell(rv, 3, d)
            c.number_format = 'dd/mm/yyyy'
            if v is ev and e == 'before':
                d2 = d.replace(year=d.year - 1)
                c.value = d2
                errors.append([wv.title, 'C%d' % rv, rv, 'Ngày khám', vd(d2), 'follow-up visit dated before the procedure (year typo)', p['pid']])
                v['scores'] = None
            elif v is ev and e == 'date':
                ds = '31/04/%d' % d.year
                c.value = ds
                errors.append([wv.title, 'C%d' % rv, rv, 'Ngày khám', ds, 'impossible date (31 April)', p['pid']])
                v['scores'] = None
            sc = v['scores']
            if sc is None and v is not ev:
                wv.cell(rv, 4, 'vắng')
                wv.cell(rv, 5, 'vắng')
                wv.cell(rv, 6, 'BN không đến tái khám')
            elif sc is not None:
                if 'vas' in sc:
                    if e == 'vas' and v['tp'] == '1w':
                        wv.cell(rv, 4, 15)
                        errors.append([wv.title, 'D%d' % rv, rv, 'VAS (0-10)', '15', 'VAS 15 beyond 0-10 scale', p['pid']])
                        del sc['vas']
                    else:
                        wv.cell(rv, 4, sc['vas'])
                else:
                    wv.cell(rv, 4, 'KĐ')
                if 'odi' in sc:
                    if R.random() < 0.15:
                        sc['odi'] = round(sc['odi'] / 2 * 100 / 45, 1)
                        wv.cell(rv, 5, vn(sc['odi']))
                    else:
                        wv.cell(rv, 5, sc['odi'])
                elif v['tp'] in MEAS['odi']:
                    wv.cell(rv, 5, 'KĐ')
                notes = []
                if v['tp'] == 'pre':
                    notes.append('trước thủ thuật' if v['session'] == 1 else 'trước bơm lần 2')
                for f in p['fx']:
                    if f['day'] == v['day'] and len(p['sess']) == 1:
                        notes.append('Xẹp đốt sống mới %s (tassement nouveau) trên X-quang, điều trị nội khoa' % vlev(f['level']))
                wv.cell(rv, 6, '; '.join(notes) or None)
            rv += 1
    for w_, wd in ((ws, [5, 9, 22, 11, 11, 5, 5, 13, 38, 5, 12, 36, 10, 16, 14, 30, 44, 22]), (wv, [9, 22, 12, 10, 9, 60])):
        for j, x in enumerate(wd, 1):
            w_.column_dimensions[col(j)].width = x
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, P, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
