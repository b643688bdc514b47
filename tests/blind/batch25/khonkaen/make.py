#!/usr/bin/env python3
"""Khon Kaen (Thailand) - Thai registry saved by Mac Excel with the 1904 date system.

Three sheets: patients, procedures (one row per vertebra, real date cells), follow-up
(two-row header: visit date as Thai text in the Buddhist era + VAS / ODI per visit).
Run:  /work/blindenv/bin/python make.py
"""
import csv
import datetime as dt
import os
import random

import xlsxwriter

SEED = 25004
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(SEED)
D = dt.date
CUTOFF = D(2023, 6, 30)

TH_DIG = str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙')
TH_MON = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.',
          'พ.ย.', 'ธ.ค.']


def th(s):
    return str(s).translate(TH_DIG)


def thdate(g, style):
    be = g.year + 543
    if style == 'short':          # 15 มี.ค. 65
        return '%d %s %02d' % (g.day, TH_MON[g.month - 1], be % 100)
    if style == 'long':           # 15 มี.ค. 2565
        return '%d %s %d' % (g.day, TH_MON[g.month - 1], be)
    if style == 'thai':           # ๑๕ มี.ค. ๖๕
        return th('%d %s %02d' % (g.day, TH_MON[g.month - 1], be % 100))
    if style == 'slash':          # 15/3/65
        return '%d/%d/%02d' % (g.day, g.month, be % 100)
    raise ValueError(style)


SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = {'T6': 1, 'T7': 2, 'T8': 3, 'T9': 3, 'T10': 5, 'T11': 9, 'T12': 15, 'L1': 15,
           'L2': 9, 'L3': 6, 'L4': 4, 'L5': 2}
TPS = ['pre', '24h', '2w', '1m', '3m', '6m', '12m']
TP_DAY = {'pre': 0, '24h': 1, '2w': 14, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
TP_TH = {'pre': 'ก่อนผ่าตัด', '24h': 'หลังผ่าตัด 24 ชม.', '2w': '2 สัปดาห์', '1m': '1 เดือน',
         '3m': '3 เดือน', '6m': '6 เดือน', '12m': '1 ปี'}
ODI_TPS = ['pre', '3m', '12m']

FEM = ['บัวผัน', 'คำแพง', 'หนูเพียร', 'สมศรี', 'ทองม้วน', 'บุญหลาย', 'คำปุ่น', 'ละเอียด', 'สุนีย์',
       'ประนอม', 'มะลิ', 'เพ็ญศรี', 'ทองพูน', 'อำไพ', 'บุญเพ็ง', 'จันทร์เพ็ญ']
MAL = ['สมชาย', 'บุญมี', 'ทองใบ', 'ประยูร', 'สมหมาย', 'คำพอง', 'บุญเลิศ', 'วิชัย', 'สุวิทย์',
       'ทองดี', 'คำตัน', 'อุดม']
SUR = ['ศรีบุญเรือง', 'แก้วมณี', 'พลเยี่ยม', 'ภูมิสะอาด', 'โคตรมณี', 'ชัยมงคล', 'สุวรรณศรี', 'ศรีสุข',
       'บุญประคม', 'ทองคำ', 'พิมพ์ดี', 'นามวงศ์', 'ดวงแก้ว', 'ศรีวงษ์', 'คำภูเมือง', 'อุดมศักดิ์',
       'ภูผาลา', 'สีหาราช', 'แสนทวีสุข', 'บุตรวงษ์']

LEAK_TXT = {'none': ['ไม่มี', 'ไม่มี', 'ไม่รั่ว', 'no leak'],
            'disc': ['รั่วเข้าหมอนรองกระดูก', 'disc leak', 'รั่วเข้า disc เล็กน้อย'],
            'venous': ['รั่วเข้าหลอดเลือดดำ', 'venous leak'],
            'paravertebral': ['รั่วออกนอกตัวกระดูก (paravertebral)'],
            'epidural': ['รั่วเข้าช่องไขสันหลัง (epidural)'],
            'foraminal': ['รั่วเข้ารูออกเส้นประสาท (foraminal)']}


def pick_level(exclude):
    c = [lv for lv in LEVEL_W if lv not in exclude]
    return rng.choices(c, weights=[LEVEL_W[lv] for lv in c])[0]


def neighbour(lv, exclude):
    i = SPINE.index(lv)
    c = [SPINE[j] for j in (i - 1, i + 1) if 0 <= j < len(SPINE)
         and SPINE[j] in LEVEL_W and SPINE[j] not in exclude]
    return rng.choice(c) if c else pick_level(exclude)


def cement_for(lv, tech):
    if lv in ('T6', 'T7', 'T8', 'T9', 'T10'):
        v = rng.choice([2.0, 2.5, 3.0, 3.0, 3.5])
    else:
        v = rng.choice([3.0, 3.5, 4.0, 4.0, 4.5, 5.0, 5.5, 6.0])
    return v + (1.0 if tech == 'kyphoplasty' and rng.random() < 0.5 else 0)


def leak():
    r = rng.random()
    if r < 0.65:
        return ['none']
    if r < 0.80:
        return ['disc']
    if r < 0.89:
        return ['venous']
    if r < 0.94:
        return ['paravertebral']
    if r < 0.97:
        return ['disc', 'venous']
    return [rng.choice(['epidural', 'foraminal'])]


def trajectories():
    pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
    pain = {'pre': pre}
    cur = pre
    for tp, drop in (('24h', (2, 3, 4, 4, 5)), ('2w', (0, 1, 1)), ('1m', (0, 1, 1, 2)),
                     ('3m', (0, 0, 1, 1)), ('6m', (0, 0, 1)), ('12m', (-1, 0, 0, 1))):
        cur = max(0, min(10, cur - rng.choice(drop)))
        pain[tp] = cur
    o = rng.randrange(40, 90, 2)
    odi = {'pre': o}
    for tp, drop in (('3m', (16, 20, 24, 30)), ('12m', (0, 4, 6, 10))):
        o = max(4, o - rng.choice(drop))
        odi[tp] = o
    return pain, odi


def thai_id(first):
    d = [first] + [4, 0] + [rng.randint(0, 9) for _ in range(9)]
    s = sum(d[i] * (13 - i) for i in range(12)) % 11
    d.append((11 - s) % 10)
    s = ''.join(map(str, d))
    return '%s-%s-%s-%s-%s' % (s[0], s[1:5], s[5:10], s[10:12], s[12])


N = 21
sexes = ['F'] * 15 + ['M'] * 6
rng.shuffle(sexes)
etios = ['osteoporotic'] * 14 + ['pathologic'] * 4 + ['traumatic'] * 3
rng.shuffle(etios)
second_idx = set(rng.sample(range(N), 4))
dead_idx = set(rng.sample([i for i in range(N) if i not in second_idx], 2))
two_idx = set(rng.sample(range(N), 6))
extra_frac_idx = set(rng.sample([i for i in range(N) if i not in dead_idx and i not in second_idx], 1))

patients = []
used = set()
for i in range(N):
    sex, etio = sexes[i], etios[i]
    age = rng.randint(58, 89) if etio == 'osteoporotic' else (
        rng.randint(45, 75) if etio == 'pathologic' else rng.randint(30, 65))
    while True:
        nm = '%s %s' % (rng.choice(FEM if sex == 'F' else MAL), rng.choice(SUR))
        if nm not in used:
            used.add(nm)
            break
    title = 'นาย' if sex == 'M' else rng.choice(['นาง', 'นาง', 'นาง', 'นางสาว'])
    d0 = D(2021, 1, 10) + dt.timedelta(days=rng.randint(0, 420 if i in second_idx else 640))
    dob = d0 - dt.timedelta(days=int(age * 365.25) + rng.randint(1, 360))
    age = d0.year - dob.year - ((d0.month, d0.day) < (dob.month, dob.day))
    p = dict(pid='KK-VCF-%02d' % (i + 1), sex=sex, age=age, etio=etio, name=title + nm, d0=d0,
             dob=dob, hn='%d%06d' % (rng.choice([5, 6]), rng.randint(0, 999999)),
             cid=thai_id(3 if age > 40 else 1),
             phone='0%d-%03d-%04d' % (rng.choice([81, 86, 87, 89, 93, 95, 98]), rng.randint(0, 999),
                                      rng.randint(0, 9999)),
             sessions=[], fractures=[], death_day=None)
    lv1 = pick_level(set())
    levels = [lv1]
    if i in two_idx:
        levels.append(neighbour(lv1, set(levels)))
        levels.sort(key=SPINE.index)
    tech = 'kyphoplasty' if rng.random() < 0.25 else 'vertebroplasty'
    p['sessions'].append(dict(day=0, levels=levels, tech=tech))
    if i in second_idx:
        fday = rng.randint(80, 320)
        newlv = neighbour(rng.choice(levels), set(levels))
        p['fractures'].append((fday, newlv))
        p['sessions'].append(dict(day=fday + rng.randint(4, 21), levels=[newlv], tech=tech))
    if i in extra_frac_idx:
        fday = rng.randint(60, 300)
        if d0 + dt.timedelta(days=fday) < CUTOFF - dt.timedelta(days=20):
            p['fractures'].append((fday, neighbour(levels[0], set(levels))))
    if i in dead_idx:
        p['death_day'] = min(rng.randint(40, 300), (CUTOFF - d0).days - 20)
    for s in p['sessions']:
        s['date'] = d0 + dt.timedelta(days=s['day'])
        s['cement'] = {lv: cement_for(lv, s['tech']) for lv in s['levels']}
        s['leak'] = {lv: leak() for lv in s['levels']}
        s['pain'], s['odi'] = trajectories()
    assert all(s['date'] < CUTOFF for s in p['sessions'])
    patients.append(p)

for p in patients:
    for k, s in enumerate(p['sessions']):
        nxt = p['sessions'][k + 1]['day'] if k + 1 < len(p['sessions']) else None
        s['visit'] = {}
        for tp in TPS:
            vday = s['day'] + TP_DAY[tp] + (0 if tp in ('pre', '24h') else rng.randint(-3, 7))
            vdate = p['d0'] + dt.timedelta(days=vday)
            if tp in ('pre', '24h'):
                st = 'ok'
            elif p['death_day'] is not None and vday >= p['death_day']:
                st = 'dead'
            elif nxt is not None and vday >= nxt:
                st = 'next'
            elif vdate > CUTOFF:
                st = 'notdue'
            elif rng.random() < 0.12:
                st = 'missed'
            else:
                st = 'ok'
            s['visit'][tp] = (st, vday, vdate)

# --------------------------------------------------------------------------
wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'), {'date_1904': True})
wb.set_properties({'title': 'VCF registry', 'author': 'Ortho KKU',
                   'created': dt.datetime(2023, 7, 4, 14, 30, 0)})
FONT = 'TH Sarabun New'
F = dict(
    title=wb.add_format({'bold': True, 'font_size': 16, 'font_name': FONT}),
    hdr=wb.add_format({'bold': True, 'bg_color': '#DDEBF7', 'border': 1, 'text_wrap': True,
                       'align': 'center', 'valign': 'vcenter', 'font_name': FONT, 'font_size': 14}),
    c=wb.add_format({'border': 1, 'font_name': FONT, 'font_size': 14}),
    date=wb.add_format({'border': 1, 'font_name': FONT, 'font_size': 14,
                        'num_format': '[$-1070000]d/mm/yyyy;@'}),
    note=wb.add_format({'italic': True, 'font_name': FONT, 'font_size': 12}),
)


def col(c):
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


errors, proc_truth, assess_truth, ident = [], [], [], []

# planted-error targets
ERR_ID = [p['pid'] for p in patients if len(p['sessions'][0]['levels']) == 2][1]
ERR_CEM = [p['pid'] for p in patients if p['pid'] != ERR_ID
           and p['sessions'][0]['cement'][p['sessions'][0]['levels'][0]] in (2.5, 3.5, 4.5, 5.5, 6.5)][-1]
ERR_DATE = [p['pid'] for p in patients if p['pid'] not in (ERR_ID, ERR_CEM)
            and p['sessions'][0]['visit']['1m'][0] == 'ok'][3]
ERR_VAS = [p['pid'] for p in patients if p['pid'] not in (ERR_ID, ERR_CEM, ERR_DATE)
           and p['sessions'][0]['visit']['3m'][0] == 'ok' and p['sessions'][0]['pain']['3m'] in (1, 2, 3)][0]

DX = {}
for p in patients:
    if p['etio'] == 'osteoporotic':
        DX[p['pid']] = rng.choice(['กระดูกพรุน', 'Osteoporotic compression fracture',
                                   'กระดูกสันหลังยุบจากกระดูกพรุน', 'OP fx'])
    elif p['etio'] == 'pathologic':
        DX[p['pid']] = rng.choice(['มะเร็งท่อน้ำดีแพร่กระจายมากระดูกสันหลัง (CCA meta)',
                                   'มะเร็งเต้านมแพร่กระจาย (bone meta)' if p['sex'] == 'F'
                                   else 'มะเร็งปอดแพร่กระจาย (bone meta)', 'Multiple myeloma'])
    else:
        DX[p['pid']] = rng.choice(['อุบัติเหตุ ตกต้นไม้', 'อุบัติเหตุรถจักรยานยนต์ (MCA)',
                                   'ตกจากที่สูง (fall)'])

# ---- sheet 1: patients
ws = wb.add_worksheet('ข้อมูลผู้ป่วย')
ws.write_string(0, 0, 'ทะเบียนผู้ป่วยกระดูกสันหลังยุบที่ได้รับการฉีดซีเมนต์ (VP/KP) - '
                'ภาควิชาออร์โธปิดิกส์ โรงพยาบาลศรีนครินทร์', F['title'])
H1 = ['ลำดับ', 'รหัสผู้ป่วย', 'HN', 'ชื่อ-สกุล', 'เลขบัตรประชาชน', 'วันเกิด', 'อายุ (ปี)', 'เพศ',
      'การวินิจฉัย', 'เบอร์โทร', 'สถานะ', 'กระดูกหักใหม่ (new fracture)']
for c, h in enumerate(H1):
    ws.write_string(2, c, h, F['hdr'])
for c, w in enumerate([6, 12, 10, 26, 20, 16, 8, 7, 40, 14, 26, 50]):
    ws.set_column(c, c, w)
for n, p in enumerate(patients):
    r = 3 + n
    thai = rng.random() < 0.3
    ws.write_number(r, 0, n + 1, F['c'])
    ws.write_string(r, 1, p['pid'], F['c'])
    ws.write_string(r, 2, p['hn'], F['c'])
    ws.write_string(r, 3, p['name'], F['c'])
    ws.write_string(r, 4, p['cid'], F['c'])
    dob_txt = thdate(p['dob'], 'long')
    ws.write_string(r, 5, dob_txt, F['c'])
    if thai:
        ws.write_string(r, 6, th(p['age']), F['c'])
    else:
        ws.write_number(r, 6, p['age'], F['c'])
    ws.write_string(r, 7, 'หญิง' if p['sex'] == 'F' else 'ชาย', F['c'])
    ws.write_string(r, 8, DX[p['pid']], F['c'])
    ws.write_string(r, 9, p['phone'], F['c'])
    if p['death_day'] is not None:
        dd = p['d0'] + dt.timedelta(days=p['death_day'])
        ws.write_string(r, 10, 'เสียชีวิต %s' % thdate(dd, rng.choice(['short', 'long'])), F['c'])
    else:
        ws.write_string(r, 10, 'มีชีวิต', F['c'])
    ft = []
    for fday, flv in p['fractures']:
        fd = p['d0'] + dt.timedelta(days=fday)
        treated = any(ss['levels'] == [flv] and ss['day'] > 0 for ss in p['sessions'])
        ft.append('%s (MRI %s) %s' % (flv, thdate(fd, 'short'),
                                      '-> ทำครั้งที่ 2' if treated else 'รักษาแบบประคับประคอง ใส่เสื้อเกราะ'))
    ws.write_string(r, 11, ', '.join(ft) if ft else '-', F['c'])
    ident += [('name', p['name']), ('record_number', p['hn']), ('national_id', p['cid']),
              ('birth_date', dob_txt), ('phone', p['phone'])]
ws.write_string(3 + N + 1, 0, 'อายุ = อายุ ณ วันที่ทำหัตถการครั้งแรก ; วันที่เป็น พ.ศ.', F['note'])

# ---- sheet 2: procedures (one row per vertebra)
ws = wb.add_worksheet('หัตถการ')
ws.write_string(0, 0, 'บันทึกหัตถการ (Procedure log)', F['title'])
H2 = ['รหัสผู้ป่วย', 'HN', 'ครั้งที่', 'วันที่ทำหัตถการ', 'ระดับ (level)', 'วิธี', 'ปริมาณซีเมนต์ (มล.)',
      'ชนิดซีเมนต์', 'การรั่วของซีเมนต์', 'หมายเหตุ']
for c, h in enumerate(H2):
    ws.write_string(2, c, h, F['hdr'])
for c, w in enumerate([12, 10, 7, 15, 10, 14, 12, 11, 34, 30]):
    ws.set_column(c, c, w)
rows = []
for p in patients:
    for k, s in enumerate(p['sessions']):
        for j, lv in enumerate(s['levels']):
            rows.append((s['date'], p, k, j, s, lv))
rows.sort(key=lambda t: (t[0], t[1]['pid'], t[3]))
r = 3
for date, p, k, j, s, lv in rows:
    pid = p['pid']
    if pid == ERR_ID and k == 0 and j == 1:
        ws.write_blank(r, 0, None, F['c'])
        errors.append(['หัตถการ', 'A%d' % (r + 1), r + 1, 'รหัสผู้ป่วย', '',
                       'study ID missing (HN and date are those of the row above)', pid])
    else:
        ws.write_string(r, 0, pid, F['c'])
    ws.write_string(r, 1, p['hn'], F['c'])
    ws.write_number(r, 2, k + 1, F['c'])
    ws.write_datetime(r, 3, dt.datetime(date.year, date.month, date.day), F['date'])
    ws.write_string(r, 4, lv, F['c'])
    ws.write_string(r, 5, rng.choice(['VP', 'VP', 'Vertebroplasty']) if s['tech'] == 'vertebroplasty'
                    else rng.choice(['KP', 'KP', 'Kyphoplasty']), F['c'])
    v = s['cement'][lv]
    if pid == ERR_CEM and k == 0 and j == 0:
        bad = th('%g' % (v * 10))
        ws.write_string(r, 6, bad, F['c'])
        errors.append(['หัตถการ', 'G%d' % (r + 1), r + 1, 'ปริมาณซีเมนต์ (มล.)', bad,
                       'implausible cement volume %g ml in one vertebra (> 20 ml; decimal point '
                       'missing, %g ml)' % (v * 10, v), pid])
    else:
        rr = rng.random()
        if rr < 0.25:
            ws.write_string(r, 6, th('%g' % v), F['c'])
        elif rr < 0.4:
            ws.write_string(r, 6, '%g ml' % v, F['c'])
        elif rr < 0.5:
            ws.write_string(r, 6, '%g cc' % v, F['c'])
        else:
            ws.write_number(r, 6, v, F['c'])
    ws.write_string(r, 7, 'PMMA', F['c'])
    lk = s['leak'][lv]
    ws.write_string(r, 8, 'รั่วเข้าหมอนรองกระดูก + หลอดเลือดดำ' if lk == ['disc', 'venous']
                    else rng.choice(LEAK_TXT[lk[0]]), F['c'])
    note = ''
    if k == 1 and j == 0:
        note = 'กระดูกหักใหม่ ทำครั้งที่ 2'
    elif rng.random() < 0.15:
        note = rng.choice(['GA', 'LA + sedation', 'admit 2 วัน', 'ส่งชิ้นเนื้อตรวจ'])
    ws.write_string(r, 9, note, F['c'])
    proc_truth.append([pid, k + 1, s['day'], lv, s['tech'], '%g' % v, '', 'PMMA', ';'.join(lk)])
    r += 1

# ---- sheet 3: follow-up, two header rows
ws = wb.add_worksheet('ติดตามผล')
ws.write_string(0, 0, 'ติดตามผลการรักษา : VAS (0-10) , ODI (%)', F['title'])
ws.write_string(2, 0, 'รหัสผู้ป่วย', F['hdr'])
ws.write_string(2, 1, 'ครั้งที่', F['hdr'])
ws.merge_range(2, 0, 3, 0, 'รหัสผู้ป่วย', F['hdr'])
ws.merge_range(2, 1, 3, 1, 'ครั้งที่', F['hdr'])
c = 2
COLS = {}
for tp in TPS:
    sub = ['วันที่', 'VAS'] + (['ODI'] if tp in ODI_TPS else [])
    ws.merge_range(2, c, 2, c + len(sub) - 1, TP_TH[tp], F['hdr'])
    for j, sname in enumerate(sub):
        ws.write_string(3, c + j, sname, F['hdr'])
        COLS[(tp, sname)] = c + j
    c += len(sub)
NOTE_C = c
ws.merge_range(2, NOTE_C, 3, NOTE_C, 'หมายเหตุ', F['hdr'])
ws.set_column(0, 0, 12)
ws.set_column(2, NOTE_C - 1, 10)
ws.set_column(NOTE_C, NOTE_C, 40)
MISS = ['ไม่มาตามนัด', 'ขาดนัด', 'โทรตามไม่ได้', 'ไม่มา']
r = 4
for p in patients:
    pid = p['pid']
    for k, s in enumerate(p['sessions']):
        ws.write_string(r, 0, pid, F['c'])
        ws.write_number(r, 1, k + 1, F['c'])
        notes = []
        for tp in TPS:
            st, vday, vdate = s['visit'][tp]
            cd, cv = COLS[(tp, 'วันที่')], COLS[(tp, 'VAS')]
            co = COLS.get((tp, 'ODI'))
            thai = rng.random() < 0.3
            if st == 'ok':
                style = 'thai' if thai else rng.choice(['short', 'short', 'long', 'slash'])
                dtxt = thdate(vdate, style)
                if pid == ERR_DATE and k == 0 and tp == '1m':
                    bad_g = D(vdate.year - 1, vdate.month, min(vdate.day, 28))
                    bad_g = D(vdate.year - 1, vdate.month, vdate.day) if not (vdate.month == 2 and vdate.day == 29) else bad_g
                    dtxt = thdate(bad_g, 'short')
                    errors.append(['ติดตามผล', '%s%d' % (col(cd), r + 1), r + 1, '1 เดือน / วันที่', dtxt,
                                   '1-month visit dated %s (B.E.), i.e. %s, before the operation of %s '
                                   '(B.E. year typed wrong, should be %d)' % (
                                       dtxt, bad_g.isoformat(), s['date'].isoformat(), vdate.year + 543),
                                   pid])
                ws.write_string(r, cd, dtxt, F['c'])
                v = s['pain'][tp]
                if pid == ERR_VAS and k == 0 and tp == '3m':
                    bad = '1%d' % v
                    ws.write_number(r, cv, int(bad), F['c'])
                    errors.append(['ติดตามผล', '%s%d' % (col(cv), r + 1), r + 1, '3 เดือน / VAS', bad,
                                   'VAS %s outside the 0-10 scale' % bad, pid])
                elif thai:
                    ws.write_string(r, cv, th('%g' % v), F['c'])
                else:
                    ws.write_number(r, cv, v, F['c'])
                assess_truth.append([pid, k + 1, 'pain_vas', tp, '%g' % v])
                if co is not None:
                    o = s['odi'][tp]
                    if thai:
                        ws.write_string(r, co, th('%d' % o), F['c'])
                    elif rng.random() < 0.2:
                        ws.write_string(r, co, '%d%%' % o, F['c'])
                    else:
                        ws.write_number(r, co, o, F['c'])
                    assess_truth.append([pid, k + 1, 'odi', tp, '%g' % o])
            elif st == 'missed':
                ws.write_string(r, cd, rng.choice(MISS), F['c'])
                ws.write_string(r, cv, '-', F['c'])
                if co is not None:
                    ws.write_string(r, co, '-', F['c'])
            elif st == 'dead':
                ws.write_string(r, cd, 'เสียชีวิต', F['c'])
            elif st == 'next':
                ws.write_string(r, cd, 'ดูครั้งที่ 2', F['c'])
            else:
                pass        # not yet due
        if p['death_day'] is not None and k == len(p['sessions']) - 1:
            dd = p['d0'] + dt.timedelta(days=p['death_day'])
            notes.append('เสียชีวิต %s' % thdate(dd, 'short'))
        if k == 1:
            notes.append('ผ่าตัดครั้งที่ 2 (กระดูกหักใหม่)')
        if rng.random() < 0.15:
            notes.append(rng.choice(['เดินได้เอง', 'ใช้ walker', 'นัดติดตามที่ รพ.ชุมชน',
                                     'ญาติมาแทน โทรสอบถามอาการ']))
        ws.write_string(r, NOTE_C, ', '.join(notes), F['c'])
        r += 1
ws.write_string(r + 1, 0, 'วันที่ติดตามเป็น พ.ศ. (เช่น 15 มี.ค. 65 = 15 มี.ค. 2565) ; "-" = ไม่มีข้อมูล',
                F['note'])
wb.close()

T = os.path.join(HERE, 'truth')
os.makedirs(T, exist_ok=True)


def wcsv(name, header, rows_):
    with open(os.path.join(T, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows_)


proc_truth.sort(key=lambda t: (t[0], t[1], SPINE.index(t[3])))
wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
     [[p['pid'], 'female' if p['sex'] == 'F' else 'male', p['age'], p['etio'],
       'yes' if p['death_day'] is not None else 'no'] for p in patients])
wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                        'session_cement_volume_ml', 'cement_type', 'leakage'], proc_truth)
wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], assess_truth)
wcsv('fractures.csv', ['patient_id', 'day', 'level'],
     [[p['pid'], d, lv] for p in patients for d, lv in sorted(p['fractures'])])
wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
     errors)
wcsv('identifiers.csv', ['kind', 'value'], ident)
print('khonkaen: %d patients, %d procedure rows, %d assessments, %d errors' %
      (len(patients), len(proc_truth), len(assess_truth), len(errors)))
