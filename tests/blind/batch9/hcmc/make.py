import os, sys, csv
from datetime import date, datetime, timedelta
import numpy as np

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def gen_patients(rng, n, tps, odi=False, techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.6, 0.4),
                 cements=('PMMA',), cement_p=None, start=date(2022, 1, 10), p_sess2=0.2, p_frac=0.15,
                 p_missing=0.15, p_leak=0.2):
    pts = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        etiology = 'osteoporotic' if r < 0.7 else ('pathologic' if r < 0.88 else ('traumatic' if r < 0.96 else 'other'))
        age = int(rng.integers(48, 90)) if etiology != 'traumatic' else int(rng.integers(35, 70))
        died = 'yes' if rng.random() < 0.12 else 'no'
        d0 = start + timedelta(days=int(rng.integers(0, 540)))
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        base = int(rng.integers(LEVELS.index('T7'), LEVELS.index('L4') + 1))
        base = min(base, LEVELS.index('L5') - nlev + 1)
        levs = [LEVELS[base + k] for k in range(nlev)]
        tech = str(rng.choice(techs, p=tech_p))
        sessions = []
        used = set(levs)

        def mk_session(sno, day, levs, tech):
            vols = []
            for _ in levs:
                v = rng.uniform(2.0, 5.5) if tech == 'vertebroplasty' else rng.uniform(3.0, 7.0)
                vols.append(round(v * 2) / 2)
            cem = str(rng.choice(cements, p=cement_p))
            leaks = []
            for _ in levs:
                leaks.append(str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], p=[.35, .3, .2, .1, .05])) if rng.random() < p_leak else 'none')
            # assessments
            pre = int(rng.integers(6, 11))
            a = {}
            cur = pre
            odi0 = int(rng.integers(20, 40)) * 2
            curo = odi0
            for j, tp in enumerate(tps):
                if tp == 'pre':
                    a[tp] = {'pain_vas': pre}
                    if odi:
                        a[tp]['odi'] = odi0
                    continue
                cur = max(0, cur - int(rng.integers(0, 4)))
                curo = max(0, curo - int(rng.integers(0, 9)) * 2)
                if rng.random() < p_missing:
                    continue
                a[tp] = {'pain_vas': cur}
                if odi:
                    a[tp]['odi'] = curo
            return dict(session=sno, day=day, date=d0 + timedelta(days=day), levels=list(levs), vols=vols,
                        technique=tech, cement=cem, leaks=leaks, assess=a)

        sessions.append(mk_session(1, 0, levs, tech))
        fractures = []
        if rng.random() < p_sess2:
            cand = [l for l in LEVELS[LEVELS.index('T5'):LEVELS.index('L5') + 1] if l not in used and
                    abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3]
            l2 = str(rng.choice(cand))
            day2 = int(rng.integers(35, 150))
            fractures.append((day2 - int(rng.integers(5, 20)), l2))
            sessions.append(mk_session(2, day2, [l2], tech))
            used.add(l2)
        elif rng.random() < p_frac:
            cand = [l for l in LEVELS[LEVELS.index('T5'):LEVELS.index('L5') + 1] if l not in used and
                    abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3]
            fractures.append((int(rng.integers(20, 200)), str(rng.choice(cand))))
        pts.append(dict(idx=i, sex=sex, age=age, etiology=etiology, died=died, d0=d0, sessions=sessions,
                        fractures=fractures))
    return pts


def wcsv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def fmt_num(v):
    if v is None or v == '':
        return ''
    if float(v) == int(v):
        return str(int(v))
    return str(v)


def write_truth(out, pts, errors, identifiers, vol_mode='level', rec_sex=True, rec_age=True, rec_etiology=True,
                rec_died=True, rec_leak=True, rec_cement=True, rec_tech=True, measures=('pain_vas',), age_key='age'):
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    wcsv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if rec_sex else '', p[age_key] if rec_age else '', p['etiology'] if rec_etiology else '',
           p['died'] if rec_died else ''] for p in pts])
    pr, asr, fr = [], [], []
    for p in pts:
        for s in p['sessions']:
            tot = sum(s['vols'])
            for k, l in enumerate(s['levels']):
                pr.append([p['pid'], s['session'], s['day'], l, s['technique'] if rec_tech else '',
                           fmt_num(s['vols'][k]) if vol_mode == 'level' else '',
                           fmt_num(tot) if vol_mode == 'session' else '',
                           s['cement'] if rec_cement else '', s['leaks'][k] if rec_leak else ''])
            for tp, d in s['assess'].items():
                for m in measures:
                    if m in d:
                        asr.append([p['pid'], s['session'], m, tp, fmt_num(d[m])])
        for day, l in p['fractures']:
            fr.append([p['pid'], day, l])
    wcsv(os.path.join(t, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                             'session_cement_volume_ml', 'cement_type', 'leakage'], pr)
    wcsv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], asr)
    wcsv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'], fr)
    wcsv(os.path.join(t, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


# ---------------- HCMC rendering ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

TPS = ['pre', '24h', '1m', '6m']
VTP = ['Trước CT', '24 giờ', '1 tháng', '6 tháng']
OTP = ['pre', '1m', '6m']
OTPH = ['Trước CT', '1 tháng', '6 tháng']


def vn(v):
    return fmt_num(v).replace('.', ',')


def main(out):
    rng = np.random.default_rng(9505)
    pts = gen_patients(rng, 24, TPS, odi=True, techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.55, 0.45),
                       start=date(2022, 6, 1), p_missing=0.18, p_sess2=0.25)
    # ODI only collected pre, 1 month, 6 months
    for p in pts:
        for s in p['sessions']:
            for tp, d in s['assess'].items():
                if tp not in OTP and 'odi' in d:
                    del d['odi']
    for p in pts:
        p['pid'] = 'CSTS-%02d%03d' % (p['d0'].year % 100, p['idx'] + 1)
    wb = Workbook()
    errors = []
    diag = {'osteoporotic': 'Xẹp đốt sống do loãng xương', 'pathologic': 'Di căn cột sống', 'traumatic': 'Chấn thương',
            'other': 'U máu đốt sống'}
    lk_vn = {'disc': 'đĩa đệm', 'venous': 'tĩnh mạch', 'paravertebral': 'cạnh sống', 'epidural': 'ngoài màng cứng',
             'foraminal': 'lỗ liên hợp'}
    hfill = PatternFill('solid', fgColor='FCE4D6')
    thin = Side(style='thin')

    def header(ws, title, first):
        ws['A1'] = title
        ws['A1'].font = Font(bold=True, size=13)
        ws['A2'] = 'Khoa Ngoại Cột sống — Bệnh viện (TP. Hồ Chí Minh).  VAS 0-10; ODI tính theo %.  KĐ = không đến tái khám'
        ws['A2'].font = Font(italic=True, size=9)
        if first:
            groups = [('Thông tin bệnh nhân', 1, 6), ('Thủ thuật', 7, 16), ('VAS (điểm)', 17, 20), ('ODI (%)', 21, 23),
                      ('Theo dõi', 24, 26)]
            subs = ['STT', 'Mã NC', 'Giới', 'Tuổi', 'Chẩn đoán', 'Nhập viện', 'Ngày CT', 'Phương pháp',
                    'Đốt 1', 'Thể tích 1 (ml)', 'Đốt 2', 'Thể tích 2 (ml)', 'Đốt 3', 'Thể tích 3 (ml)', 'Xi măng',
                    'Rò xi măng'] + VTP + OTPH + ['Gãy đốt sống mới', 'Tử vong', 'Ghi chú']
        else:
            groups = [('Bệnh nhân', 1, 3), ('Thủ thuật lần 2', 4, 10), ('VAS (điểm)', 11, 14), ('ODI (%)', 15, 17)]
            subs = ['STT', 'Mã NC', 'Ngày CT lần 1', 'Ngày CT lần 2', 'Phương pháp', 'Đốt 1', 'Thể tích 1 (ml)',
                    'Xi măng', 'Rò xi măng', 'Lý do'] + VTP + OTPH + ['Ghi chú']
        for g, a, b in groups:
            c = ws.cell(row=4, column=a, value=g); c.font = Font(bold=True); c.fill = hfill
            c.alignment = Alignment(horizontal='center')
            ws.merge_cells(start_row=4, start_column=a, end_row=4, end_column=b)
        for j, h in enumerate(subs):
            c = ws.cell(row=5, column=j + 1, value=h); c.font = Font(bold=True); c.fill = hfill
            c.alignment = Alignment(horizontal='center', wrap_text=True)
            c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        return subs

    ws = wb.active
    ws.title = 'Lần 1'
    subs1 = header(ws, 'DANH SÁCH BỆNH NHÂN BƠM XI MĂNG CỘT SỐNG — CAN THIỆP LẦN ĐẦU', True)
    ws2 = wb.create_sheet('Lần 2 (tái can thiệp)')
    subs2 = header(ws2, 'BỆNH NHÂN CAN THIỆP LẦN 2 (ĐỐT SỐNG MỚI)', False)
    err = {2: 'level', 6: 'odi', 10: 'date', 15: 'vol', 'S2': 'order'}
    r = 6
    r2 = 6
    n2 = 0
    s2_err_done = False
    for p in pts:
        kind = err.get(p['idx'])
        s = p['sessions'][0]
        vals = [p['idx'] + 1, p['pid'], 'Nữ' if p['sex'] == 'female' else 'Nam', p['age'], diag[p['etiology']]]
        adm = s['date'] - timedelta(days=int(rng.integers(0, 4)))
        vals.append(adm.strftime('%d/%m/%Y'))
        dtxt = s['date'].strftime('%d/%m/%Y')
        if kind == 'date':
            dtxt = '30/02/%d' % s['date'].year
            errors.append(['Lần 1', 'G%d' % r, r, 'Ngày CT', dtxt, 'impossible date (30 February)', p['pid']])
        vals.append(dtxt)
        vals.append('PV' if s['technique'] == 'vertebroplasty' else 'KP (có bóng)')
        for k in range(3):
            if k < len(s['levels']):
                lv = s['levels'][k]
                vol = vn(s['vols'][k])
                if kind == 'level' and k == 0:
                    lv = 'T13'
                    errors.append(['Lần 1', 'I%d' % r, r, 'Đốt 1', lv, 'level T13 does not exist', p['pid']])
                if kind == 'vol' and k == 0:
                    vol = '45'
                    errors.append(['Lần 1', 'J%d' % r, r, 'Thể tích 1 (ml)', vol, '45 mL of cement in one vertebra is impossible', p['pid']])
                vals += [lv, vol]
            else:
                vals += [None, None]
        vals.append('PMMA')
        lk = [(l, x) for l, x in zip(s['levels'], s['leaks']) if x != 'none']
        vals.append('Không' if not lk else 'Có: ' + '; '.join('%s %s' % (l, lk_vn[x]) for l, x in lk))
        for j, tp in enumerate(TPS):
            a = s['assess'].get(tp)
            vals.append(a['pain_vas'] if a else 'KĐ')
        for j, tp in enumerate(OTP):
            a = s['assess'].get(tp)
            v = a['odi'] if a else 'KĐ'
            if kind == 'odi' and tp == 'pre':
                v = 130
                errors.append(['Lần 1', '%s%d' % (get_column_letter(21), r), r, 'Trước CT', '130', 'ODI of 130 % is impossible', p['pid']])
            vals.append(v)
        if p['fractures']:
            fd, fl = p['fractures'][0]
            vals.append('%s (%s)' % (fl, (p['d0'] + timedelta(days=fd)).strftime('%d/%m/%Y')))
        else:
            vals.append('Không')
        vals.append('Có' if p['died'] == 'yes' else 'Không')
        vals.append('Xem sheet Lần 2' if len(p['sessions']) > 1 else None)
        for j, v in enumerate(vals):
            ws.cell(row=r, column=j + 1, value=v)
        r += 1
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            n2 += 1
            d1 = s['date'].strftime('%d/%m/%Y') if kind != 'date' else '30/02/%d' % s['date'].year
            d2 = s2['date'].strftime('%d/%m/%Y')
            ek = (not s2_err_done) and kind is None
            if ek:
                d2 = (s['date'] - timedelta(days=s2['day'])).strftime('%d/%m/%Y')
                errors.append(['Lần 2 (tái can thiệp)', 'D%d' % r2, r2, 'Ngày CT lần 2', d2,
                               'second procedure dated before the first procedure', p['pid']])
                s2_err_done = True
            v2 = [n2, p['pid'], d1, d2, 'PV' if s2['technique'] == 'vertebroplasty' else 'KP (có bóng)',
                  s2['levels'][0], vn(s2['vols'][0]), 'PMMA',
                  'Không' if s2['leaks'][0] == 'none' else 'Có: %s %s' % (s2['levels'][0], lk_vn[s2['leaks'][0]]),
                  'Gãy đốt sống mới']
            for tp in TPS:
                a = s2['assess'].get(tp)
                v2.append(a['pain_vas'] if a else 'KĐ')
            for tp in OTP:
                a = s2['assess'].get(tp)
                v2.append(a['odi'] if a else 'KĐ')
            for j, v in enumerate(v2):
                ws2.cell(row=r2, column=j + 1, value=v)
            r2 += 1
    for w_, widths in ((ws, [5, 12, 6, 6, 26, 11, 11, 12, 7, 9, 7, 9, 7, 9, 8, 18, 8, 8, 8, 8, 8, 8, 8, 18, 8, 16]),
                       (ws2, [5, 12, 12, 12, 12, 7, 9, 8, 16, 16, 8, 8, 8, 8, 8, 8, 8, 12])):
        for j, w in enumerate(widths):
            w_.column_dimensions[get_column_letter(j + 1)].width = w
        w_.freeze_panes = 'C6'
    leg = wb.create_sheet('Chú thích')
    for i, t in enumerate(['PV: tạo hình đốt sống qua da (vertebroplasty)', 'KP: tạo hình thân đốt sống bằng bóng (kyphoplasty)',
                           'CT: can thiệp', 'KĐ: không đến tái khám', 'VAS: thang điểm đau 0-10', 'ODI: chỉ số giảm chức năng Oswestry (%)',
                           'Thời điểm tái khám tính từ ngày can thiệp của từng lần']):
        leg.cell(row=i + 1, column=1, value=t)
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, [], vol_mode='level', measures=('pain_vas', 'odi'))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
