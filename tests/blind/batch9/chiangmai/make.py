# ---- shared generator (copied verbatim into each site's make.py) ----
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
TPDAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def gen(seed, n, start, end, tps, idfmt, lo='T5', hi='L5', cements=('PMMA',),
        tech_p=0.7, s2_p=0.18, nf_p=0.18, death_p=0.12, miss_p=0.15,
        s2_tps=None, odi=False, mob=False):
    rng = np.random.default_rng(seed)
    lv = LEVELS[LEVELS.index(lo):LEVELS.index(hi) + 1]
    span = (end - start).days
    pats = []
    for i in range(n):
        p = {'pid': idfmt(i)}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.65 else ('pathologic' if r < 0.87 else 'traumatic')
        p['etio_detail'] = None
        if p['etiology'] == 'pathologic':
            p['etio_detail'] = 'myeloma' if rng.random() < 0.35 else 'metastasis'
        p['age'] = int(rng.integers(58, 93)) if p['etiology'] != 'traumatic' else int(rng.integers(35, 75))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        p['d0'] = d0
        k = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        c = int(rng.integers(0, len(lv) - k + 1))
        levs = lv[c:c + k]
        tech = 'vertebroplasty' if rng.random() < tech_p else 'kyphoplasty'
        ct = cements[int(rng.integers(0, len(cements)))]

        def mk(sn, day, levs, tech, ct):
            s = {'session': sn, 'day': day, 'date': d0 + dt.timedelta(days=day),
                 'tech': tech, 'cement': ct, 'levels': []}
            for L in levs:
                vmax = 6.5 if L.startswith('L') else 4.5
                vol = round(float(rng.uniform(1.5, vmax)) * 2) / 2
                lk = 'none'
                if rng.random() < 0.25:
                    lk = str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'disc;venous']))
                s['levels'].append({'level': L, 'vol': vol, 'leak': lk})
            s['total'] = round(sum(x['vol'] for x in s['levels']), 1)
            s['ass'] = {}
            return s

        sess = [mk(1, 0, levs, tech, ct)]
        used = set(levs)
        if rng.random() < s2_p:
            free = [L for L in lv if L not in used]
            adj = [L for L in free if abs(lv.index(L) - lv.index(levs[0])) <= 2 or abs(lv.index(L) - lv.index(levs[-1])) <= 2]
            pool = adj or free
            L2 = pool[int(rng.integers(0, len(pool)))]
            used.add(L2)
            sess.append(mk(2, int(rng.integers(21, 120)), [L2], tech, ct))
        p['sessions'] = sess
        # death
        p['died'] = 'no'
        p['death_day'] = None
        if rng.random() < death_p:
            p['died'] = 'yes'
            p['death_day'] = int(rng.integers(max(s['day'] for s in sess) + 20, 330))
        lim = p['death_day'] if p['death_day'] is not None else 10 ** 6
        # new fractures
        p['fractures'] = []
        if rng.random() < nf_p:
            free = [L for L in lv if L not in used]
            L3 = free[int(rng.integers(0, len(free)))]
            fd = int(rng.integers(25, 300))
            if fd < lim:
                p['fractures'].append((fd, L3))
        # assessments
        for s in sess:
            these = tps if s['session'] == 1 else (s2_tps if s2_tps is not None else tps)
            pre = int(rng.integers(6, 11))
            opre = int(rng.integers(20, 41)) * 2
            mpre = int(rng.integers(2, 5))
            s['ass']['pre'] = {'pain_vas': pre, 'date': s['date'] - dt.timedelta(days=int(rng.integers(0, 2)))}
            if odi:
                s['ass']['pre']['odi'] = opre
            if mob:
                s['ass']['pre']['mobility'] = mpre
            drop = int(rng.integers(2, 6))
            for j, tp in enumerate(these):
                nd = TPDAYS[tp]
                jit = 0 if nd <= 1 else int(rng.integers(-max(1, nd // 10), max(1, nd // 10) + 1))
                vd = s['day'] + nd + jit
                if vd >= lim:
                    continue
                if j > 0 and rng.random() < miss_p:
                    continue
                v = {'date': d0 + dt.timedelta(days=vd)}
                v['pain_vas'] = int(min(10, max(0, pre - drop - j * 0.5 + int(rng.integers(-1, 2)))))
                if odi:
                    v['odi'] = int(min(100, max(0, opre - 10 - 6 * j + int(rng.integers(-3, 4)) * 2)))
                if mob:
                    v['mobility'] = int(min(4, max(1, mpre - 1 - (j > 1) + int(rng.integers(-1, 1)))))
                s['ass'][tp] = v
        pats.append(p)
    return pats


def wcsv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0')


def write_truth(out, pats, errors, identifiers, vol_mode='level', leak=True, tech=True,
                cement=True, sex=True, age=True, etiology=True, died=True):
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    wcsv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
           p['died'] if died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for L in s['levels']:
                rows.append([p['pid'], s['session'], s['day'], L['level'], s['tech'] if tech else '',
                             fmtnum(L['vol']) if vol_mode == 'level' else '',
                             fmtnum(s['total']) if vol_mode == 'session' else '',
                             s['cement'] if cement else '', L['leak'] if leak else ''])
    wcsv(os.path.join(t, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique',
         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for tp, v in s['ass'].items():
                for m in ('pain_vas', 'odi', 'mobility'):
                    if m in v:
                        rows.append([p['pid'], s['session'], m, tp, fmtnum(v[m])])
    wcsv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    wcsv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
         [[p['pid'], d, L] for p in pats for d, L in p['fractures']])
    wcsv(os.path.join(t, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


def col_letter(ci):  # 1-based
    s = ''
    while ci:
        ci, r = divmod(ci - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end shared generator ----
# ---- site: chiangmai ----
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill


def main(out):
    os.makedirs(out, exist_ok=True)
    pats = gen(9301, 24, dt.date(2021, 3, 1), dt.date(2023, 11, 30), ['1w', '1m', '3m', '6m'],
               lambda i: 'CMVP-%03d' % (i + 1), lo='T6', hi='L5', s2_tps=[], tech_p=0.75)
    rng = np.random.default_rng(9302)
    pats.sort(key=lambda p: p['d0'])
    FN = ['สมศรี', 'บุญมา', 'คำแปง', 'จันทร์เพ็ญ', 'ศรีนวล', 'อำไพ', 'บัวคำ', 'ประไพ', 'สุนีย์', 'แสงดาว']
    MN = ['สมชาย', 'บุญเรือง', 'อินทร', 'ประสิทธิ์', 'สมบูรณ์', 'คำมูล']
    SN = ['ใจดี', 'ปัญญาวงศ์', 'ศรีวิชัย', 'อินต๊ะ', 'กันทะวงค์', 'ไชยวงศ์', 'ทองคำ', 'สุริยะ', 'วงศ์ใหญ่']
    ETI = {'osteoporotic': 'กระดูกพรุน', 'traumatic': 'อุบัติเหตุ (ล้ม/ตกจากที่สูง)', 'myeloma': 'Multiple myeloma',
           'metastasis': 'มะเร็งแพร่กระจาย'}
    LK = {'disc': 'เข้าหมอนรองกระดูก', 'venous': 'เข้าหลอดเลือดดำ', 'paravertebral': 'ออกข้างกระดูกสันหลัง',
          'epidural': 'เข้าช่องไขสันหลัง (epidural)', 'disc;venous': 'เข้าหมอนรองกระดูก + หลอดเลือดดำ'}

    def be(d, short=False):
        if short:
            return '%d/%d/%d' % (d.day, d.month, d.year + 543)
        return '%02d/%02d/%d' % (d.day, d.month, d.year + 543)

    def levtxt(levs):
        ls = [L['level'] for L in levs]
        if len(ls) >= 3:
            return '%s-%s' % (ls[0], ls[-1])
        return ', '.join(ls)

    hdr = ['ลำดับ', 'HN', 'รหัสโครงการ', 'ชื่อ-สกุล', 'เพศ', 'อายุ (ปี)', 'สาเหตุ', 'วันที่ทำหัตถการ', 'ระดับ',
           'วิธี', 'ซีเมนต์รวม (ml)', 'ซีเมนต์รั่ว', 'VAS ก่อนทำ', 'VAS 1 สัปดาห์', 'VAS 1 เดือน', 'VAS 3 เดือน',
           'VAS 6 เดือน', 'ทำครั้งที่ 2 วันที่', 'ระดับ ครั้งที่ 2', 'ซีเมนต์ ครั้งที่ 2 (ml)', 'VAS ก่อนทำ ครั้งที่ 2',
           'กระดูกหักใหม่', 'เสียชีวิต', 'หมายเหตุ']
    C = {h: j + 1 for j, h in enumerate(hdr)}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'VP-KP รวม'
    ws['A1'] = 'หน่วยรังสีร่วมรักษา โรงพยาบาลนครพิงค์ล้านนา — ทะเบียนผู้ป่วย Vertebroplasty / Kyphoplasty'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'] = 'วันที่เป็น พ.ศ.  VP = vertebroplasty, KP = kyphoplasty  ช = ชาย ญ = หญิง  "ไม่มา" = ไม่มาตามนัด'
    r = 4
    idents = []
    errors = []
    years = sorted(set(p['d0'].year for p in pats))
    plan = {pats[2]['pid']: 'level', pats[9]['pid']: 'vas', pats[15]['pid']: 'date'}
    s1only = [p for p in pats if len(p['sessions'][0]['levels']) == 1 and p['pid'] not in plan]
    plan[s1only[-2]['pid']] = 'ml'
    for y in years:
        ws.cell(row=r, column=1, value='ผู้ป่วยปี พ.ศ. %d' % (y + 543)).font = Font(bold=True, size=12, color='FFFFFF')
        for j in range(1, len(hdr) + 1):
            ws.cell(row=r, column=j).fill = PatternFill('solid', fgColor='7030A0')
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(hdr))
        r += 1
        for j, h in enumerate(hdr, 1):
            c = ws.cell(row=r, column=j, value=h)
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, horizontal='center')
            c.fill = PatternFill('solid', fgColor='E4DFEC')
        hr = r
        r += 1
        n = 0
        for p in [q for q in pats if q['d0'].year == y]:
            n += 1
            s1 = p['sessions'][0]
            err = plan.get(p['pid'])
            if p['sex'] == 'female':
                nm = 'นาง%s %s' % (FN[int(rng.integers(0, len(FN)))], SN[int(rng.integers(0, len(SN)))])
            else:
                nm = 'นาย%s %s' % (MN[int(rng.integers(0, len(MN)))], SN[int(rng.integers(0, len(SN)))])
            hn = '%d-%05d' % (int(rng.integers(55, 66)), int(rng.integers(1, 99999)))
            idents += [['name', nm], ['record_number', hn]]

            def put(h, v):
                ws.cell(row=r, column=C[h], value=v)
            put('ลำดับ', n)
            put('HN', hn)
            put('รหัสโครงการ', p['pid'])
            put('ชื่อ-สกุล', nm)
            put('เพศ', 'ญ' if p['sex'] == 'female' else 'ช')
            put('อายุ (ปี)', p['age'] if rng.random() < 0.7 else '%d ปี' % p['age'])
            put('สาเหตุ', ETI[p['etio_detail'] or p['etiology']])
            put('วันที่ทำหัตถการ', be(s1['date'], rng.random() < 0.3))
            put('ระดับ', levtxt(s1['levels']))
            put('วิธี', 'VP' if s1['tech'] == 'vertebroplasty' else 'KP')
            put('ซีเมนต์รวม (ml)', s1['total'])
            lk = [L for L in s1['levels'] if L['leak'] != 'none']
            if not lk:
                put('ซีเมนต์รั่ว', 'ไม่มี')
            elif len(s1['levels']) == 1:
                put('ซีเมนต์รั่ว', 'รั่ว' + LK[lk[0]['leak']])
            else:
                put('ซีเมนต์รั่ว', ', '.join('%s รั่ว%s' % (L['level'], LK[L['leak']]) for L in lk))
            for tp, h in zip(['pre', '1w', '1m', '3m', '6m'], hdr[12:17]):
                v = s1['ass'].get(tp)
                if v:
                    put(h, v['pain_vas'])
                elif p['death_day'] is not None and p['death_day'] < TPDAYS[tp] + 15:
                    put(h, '-')
                else:
                    put(h, 'ไม่มา')
            if len(p['sessions']) > 1:
                s2 = p['sessions'][1]
                put('ทำครั้งที่ 2 วันที่', be(s2['date']))
                put('ระดับ ครั้งที่ 2', levtxt(s2['levels']))
                put('ซีเมนต์ ครั้งที่ 2 (ml)', s2['total'])
                put('VAS ก่อนทำ ครั้งที่ 2', s2['ass']['pre']['pain_vas'])
                put('หมายเหตุ', 'ทำครั้งที่ 2 วิธี%s' % ('VP' if s2['tech'] == 'vertebroplasty' else 'KP') + ((' รั่ว' + LK[s2['levels'][0]['leak']]) if s2['levels'][0]['leak'] != 'none' else ' ไม่รั่ว'))
            if p['fractures']:
                d, L = p['fractures'][0]
                put('กระดูกหักใหม่', '%s (%s)' % (L, be(p['d0'] + dt.timedelta(days=d))))
            else:
                put('กระดูกหักใหม่', 'ไม่มี')
            if p['died'] == 'yes':
                put('เสียชีวิต', 'เสียชีวิต %s' % be(p['d0'] + dt.timedelta(days=p['death_day'])))
            else:
                put('เสียชีวิต', 'ไม่')
            if err == 'level':
                bad = s1['levels'][-1]['level']
                txt = levtxt(s1['levels']).replace(bad, 'L7') if bad.startswith('L') else levtxt(s1['levels']).replace(bad, 'T13')
                put('ระดับ', txt)
                errors.append([ws.title, '%s%d' % (col_letter(C['ระดับ']), r), r, 'ระดับ', txt, 'impossible vertebral level', p['pid']])
            elif err == 'vas':
                put('VAS 1 เดือน', 'ดี')
                errors.append([ws.title, '%s%d' % (col_letter(C['VAS 1 เดือน']), r), r, 'VAS 1 เดือน', 'ดี', 'text ("good") in a 0-10 pain score column', p['pid']])
            elif err == 'date':
                bad = '29/02/%d' % (s1['date'].year + 543 if s1['date'].year % 4 else 2566)
                put('วันที่ทำหัตถการ', bad)
                errors.append([ws.title, '%s%d' % (col_letter(C['วันที่ทำหัตถการ']), r), r, 'วันที่ทำหัตถการ', bad, 'impossible date (29 Feb in a non-leap year)', p['pid']])
            elif err == 'ml':
                put('ซีเมนต์รวม (ml)', 45)
                errors.append([ws.title, '%s%d' % (col_letter(C['ซีเมนต์รวม (ml)']), r), r, 'ซีเมนต์รวม (ml)', '45', 'cement 45 mL for a single vertebra', p['pid']])
            r += 1
        r += 2
    for j, w in enumerate([6, 10, 11, 24, 5, 8, 20, 13, 11, 6, 10, 26, 8, 8, 8, 8, 8, 12, 9, 9, 9, 20, 22, 30], 1):
        ws.column_dimensions[col_letter(j)].width = w
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents, vol_mode='session', cement=False)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
