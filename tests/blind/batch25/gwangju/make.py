#!/usr/bin/env python3
"""Gwangju (Korea) - VP/KP registry, Korean (Hangul).

Sheet '등록' : one row per patient (first procedure); levels written as ranges
(T11-L1) or lists (T12, L2); cement only as the session total; follow-up columns headed
as days after the operation (POD 1, D+30, D+90, D+180, D+365).
Sheet '재시술': second procedures (new fracture), same columns.
Run:  /work/blindenv/bin/python make.py
"""
import csv
import datetime as dt
import os
import random

import xlsxwriter

SEED = 25005
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(SEED)
D = dt.date
CUTOFF = D(2023, 6, 30)

SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = {'T7': 2, 'T8': 3, 'T9': 3, 'T10': 5, 'T11': 9, 'T12': 15, 'L1': 15, 'L2': 9,
           'L3': 6, 'L4': 4, 'L5': 2}
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
TP_DAY = {'pre': 0, '24h': 1, '1m': 30, '3m': 90, '6m': 180, '12m': 365}
TP_HDR = {'pre': '술전', '24h': 'POD 1', '1m': 'D+30', '3m': 'D+90', '6m': 'D+180', '12m': 'D+365'}
ODI_TPS = ['pre', '3m', '12m']

SURN = ['김', '이', '박', '정', '최', '문', '양', '고', '나', '기', '조', '윤', '장', '임', '한', '오',
        '서', '송', '류', '전']
FEM = ['영숙', '순자', '정숙', '영자', '옥순', '말순', '정자', '순옥', '춘자', '영희', '금순', '복순',
       '점례', '귀님', '순덕', '양님']
MAL = ['영수', '영호', '종수', '상철', '병철', '정남', '광수', '용식', '만수', '기철', '판석', '재근']

LEAK_TXT = {'disc': ['추간판', '디스크'], 'venous': ['정맥', '정맥총'],
            'paravertebral': ['척추주위', '척추주위 연부조직'], 'epidural': ['경막외'],
            'foraminal': ['신경공']}


def idx(lv):
    return SPINE.index(lv)


def pick_level(exclude, lo='T7', hi='L5'):
    c = [lv for lv in LEVEL_W if lv not in exclude and idx(lo) <= idx(lv) <= idx(hi)]
    return rng.choices(c, weights=[LEVEL_W[lv] for lv in c])[0]


def neighbour(lv, exclude):
    i = idx(lv)
    c = [SPINE[j] for j in (i - 1, i + 1) if 0 <= j < len(SPINE)
         and SPINE[j] in LEVEL_W and SPINE[j] not in exclude]
    return rng.choice(c) if c else pick_level(exclude)


def cement_per(lv):
    if lv in ('T7', 'T8', 'T9', 'T10'):
        return rng.choice([2.0, 2.5, 3.0, 3.0, 3.5])
    return rng.choice([3.0, 3.5, 4.0, 4.0, 4.5, 5.0, 5.5, 6.0])


def trajectories():
    pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
    pain = {'pre': pre}
    cur = pre
    for tp, drop in (('24h', (2, 3, 4, 4, 5)), ('1m', (0, 1, 1, 2)), ('3m', (0, 0, 1, 1)),
                     ('6m', (0, 0, 1)), ('12m', (-1, 0, 0, 1))):
        cur = max(0, min(10, cur - rng.choice(drop)))
        pain[tp] = cur
    o = rng.randrange(40, 90, 2)
    odi = {'pre': o}
    for tp, drop in (('3m', (16, 20, 24, 28)), ('12m', (0, 4, 6, 10))):
        o = max(4, o - rng.choice(drop))
        odi[tp] = o
    # an ODI with an unanswered item (score out of 45 instead of 50) -> one decimal
    for tp in list(odi):
        if rng.random() < 0.1:
            raw = round(odi[tp] / 100 * 45)
            odi[tp] = round(raw / 45 * 100, 1)
    return pain, odi


N = 22
sexes = ['F'] * 16 + ['M'] * 6
rng.shuffle(sexes)
etios = ['osteoporotic'] * 16 + ['pathologic'] * 3 + ['traumatic'] * 3
rng.shuffle(etios)
order = list(range(N))
rng.shuffle(order)
two_contig = set(order[:3])
three_range = set(order[3:5])
noncontig = set(order[5:6])
second_idx = set(rng.sample(range(N), 3))
dead_idx = set(rng.sample([i for i in range(N) if i not in second_idx], 3))
extra_frac_idx = set(rng.sample([i for i in range(N) if i not in dead_idx and i not in second_idx], 2))

patients = []
used = set()
for i in range(N):
    sex, etio = sexes[i], etios[i]
    age = rng.randint(60, 90) if etio == 'osteoporotic' else (
        rng.randint(48, 76) if etio == 'pathologic' else rng.randint(35, 70))
    while True:
        nm = rng.choice(SURN) + rng.choice(FEM if sex == 'F' else MAL)
        if nm not in used:
            used.add(nm)
            break
    d0 = D(2021, 2, 1) + dt.timedelta(days=rng.randint(0, 400 if i in second_idx else 620))
    dob = d0 - dt.timedelta(days=int(age * 365.25) + rng.randint(1, 360))
    age = d0.year - dob.year - ((d0.month, d0.day) < (dob.month, dob.day))
    p = dict(pid='GJ-VCF-%03d' % (i + 1), sex=sex, age=age, etio=etio, name=nm, d0=d0, dob=dob,
             regno='%08d' % rng.randint(1000000, 39999999),
             phone='010-%04d-%04d' % (rng.randint(2000, 9999), rng.randint(0, 9999)) if rng.random() < 0.8
             else '062-%03d-%04d' % (rng.randint(200, 999), rng.randint(0, 9999)),
             sessions=[], fractures=[], death_day=None)
    if i in three_range:
        start = 'T11' if i == min(three_range) else rng.choice(['T10', 'T11', 'T12'])
        levels = SPINE[idx(start):idx(start) + 3]
        notation = 'range'
    elif i in two_contig:
        start = 'L1' if i == min(two_contig) else rng.choice(['T11', 'T12', 'L1', 'L2'])
        levels = SPINE[idx(start):idx(start) + 2]
        notation = 'short' if i == min(two_contig) else rng.choice(['range', 'list'])
    elif i in noncontig:
        levels = ['T12', 'L2']
        notation = 'list'
    else:
        levels = [pick_level(set())]
        notation = 'single'
    tech = 'kyphoplasty' if rng.random() < 0.3 else 'vertebroplasty'
    p['sessions'].append(dict(day=0, levels=levels, tech=tech, notation=notation))
    if i in second_idx:
        fday = rng.randint(60, 300)
        taken = set(levels)
        newlv = neighbour(levels[0] if rng.random() < 0.5 else levels[-1], taken)
        p['fractures'].append((fday, newlv))
        p['sessions'].append(dict(day=fday + rng.randint(3, 20), levels=[newlv], tech=tech,
                                  notation='single'))
    if i in extra_frac_idx:
        fday = rng.randint(60, 330)
        if d0 + dt.timedelta(days=fday) < CUTOFF - dt.timedelta(days=20):
            p['fractures'].append((fday, neighbour(levels[-1], set(levels))))
    if i in dead_idx:
        p['death_day'] = min(rng.randint(30, 330), (CUTOFF - d0).days - 20)
    for s in p['sessions']:
        s['date'] = d0 + dt.timedelta(days=s['day'])
        s['total'] = sum(cement_per(lv) for lv in s['levels'])
        # leak: one vertebra at most, or none
        r = rng.random()
        if r < 0.62:
            s['leak'] = None
        else:
            kind = rng.choices(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal', 'dv'],
                               weights=[12, 7, 5, 1, 1, 2])[0]
            s['leak'] = (rng.choice(s['levels']), ['disc', 'venous'] if kind == 'dv' else [kind])
        s['leak_recorded'] = rng.random() > 0.06
        s['pain'], s['odi'] = trajectories()
    assert all(s['date'] < CUTOFF for s in p['sessions'])
    patients.append(p)

for p in patients:
    for k, s in enumerate(p['sessions']):
        nxt = p['sessions'][k + 1]['day'] if k + 1 < len(p['sessions']) else None
        s['visit'] = {}
        for tp in TPS:
            vday = s['day'] + TP_DAY[tp] + (0 if tp in ('pre', '24h') else rng.randint(-5, 12))
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


def level_text(s):
    lv = s['levels']
    n = s['notation']
    if n == 'single':
        return lv[0]
    if n == 'range':
        return '%s-%s' % (lv[0], lv[-1])
    if n == 'short':            # L1-2 (same letter): L1 and L2
        if lv[0][0] == lv[-1][0]:
            return '%s-%s' % (lv[0], lv[-1][1:])
        return '%s-%s' % (lv[0], lv[-1])
    return ', '.join(lv)


def kdate(g, style):
    if style == 'dot':
        return g.strftime('%Y.%m.%d')
    if style == 'dot.':
        return g.strftime('%Y.%m.%d.')
    if style == 'short':
        return '%02d.%02d.%02d' % (g.year % 100, g.month, g.day)
    raise ValueError(style)


# --------------------------------------------------------------------------
wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
wb.set_properties({'title': '척추성형술 등록', 'author': '정형외과 척추파트',
                   'created': dt.datetime(2023, 7, 5, 8, 40, 0)})
FONT = '맑은 고딕'
F = dict(
    title=wb.add_format({'bold': True, 'font_size': 14, 'font_name': FONT}),
    hdr=wb.add_format({'bold': True, 'bg_color': '#FFF2CC', 'border': 1, 'text_wrap': True,
                       'align': 'center', 'valign': 'vcenter', 'font_name': FONT}),
    c=wb.add_format({'border': 1, 'font_name': FONT}),
    date=wb.add_format({'border': 1, 'font_name': FONT, 'num_format': 'yyyy-mm-dd'}),
    note=wb.add_format({'italic': True, 'font_name': FONT, 'font_size': 9}),
)
HEAD = ['연번', '연구번호', '등록번호', '이름', '성별', '나이', '생년월일', '연락처', '진단', '수술일',
        '수술명', '수술 부위', '시멘트 총량\n(cc)', '시멘트 누출']
HEAD += ['VAS\n%s' % TP_HDR[tp] for tp in TPS]
HEAD += ['ODI\n%s' % TP_HDR[tp] for tp in ODI_TPS]
HEAD += ['최종 내원일', '사망일', '비고']
CI = {h: i for i, h in enumerate(HEAD)}


def col(c):
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


DX = {}
for p in patients:
    if p['etio'] == 'osteoporotic':
        DX[p['pid']] = rng.choice(['골다공증성 압박골절', 'OVCF', '골다공증성 척추골절',
                                   'osteoporotic compression fx'])
    elif p['etio'] == 'pathologic':
        DX[p['pid']] = rng.choice(['전이성 척추종양 (폐암)', '다발성 골수종', '병적골절 (유방암 전이)'
                                   if p['sex'] == 'F' else '병적골절 (간암 전이)'])
    else:
        DX[p['pid']] = rng.choice(['외상성 골절 (낙상)', '교통사고 후 압박골절', '추락 (외상)'])

errors, proc_truth, assess_truth, ident = [], [], [], []
id_seen = set()

single = [p['pid'] for p in patients if p['sessions'][0]['notation'] == 'single']
ERR_LEVEL = single[2]
ERR_CEM = [pid for pid in single if pid != ERR_LEVEL and
           [p for p in patients if p['pid'] == pid][0]['sessions'][0]['total'] in (3.5, 4.5, 5.5)][0]
ERR_ODI = [p['pid'] for p in patients if p['pid'] not in (ERR_LEVEL, ERR_CEM)
           and p['sessions'][0]['visit']['3m'][0] == 'ok' and 20 <= p['sessions'][0]['odi']['3m'] < 40
           and p['sessions'][0]['odi']['3m'] == int(p['sessions'][0]['odi']['3m'])][1]
ERR_DATE = [p['pid'] for p in patients if p['pid'] not in (ERR_LEVEL, ERR_CEM, ERR_ODI)
            and len(p['sessions']) == 1 and p['death_day'] is None][4]


def write_sheet(ws, sheetname, k):
    ws.freeze_panes(3, 4)
    ws.write_string(0, 0, '척추체 압박골절 척추성형술(PVP) / 풍선척추성형술(BKP) 등록 - 전남대학교병원 '
                    '정형외과 척추파트' + ('' if k == 0 else '  [재시술: 신규 골절에 대한 2차 시술]'),
                    F['title'])
    for c, h in enumerate(HEAD):
        ws.write_string(2, c, h, F['hdr'])
    ws.set_row(2, 34)
    widths = [5, 11, 10, 8, 5, 6, 11, 14, 24, 11, 10, 11, 9, 16] + [7] * 9 + [11, 11, 44]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    r = 3
    n = 0
    for p in patients:
        if len(p['sessions']) <= k:
            continue
        s = p['sessions'][k]
        pid = p['pid']
        n += 1
        put = lambda name, val: ws.write_string(r, CI[name], val, F['c'])
        ws.write_number(r, CI['연번'], n, F['c'])
        put('연구번호', pid)
        put('등록번호', p['regno'])
        put('이름', p['name'])
        put('성별', rng.choice(['여', '여', 'F']) if p['sex'] == 'F' else rng.choice(['남', '남', 'M']))
        if rng.random() < 0.3:
            put('나이', '%d세' % p['age'])
        else:
            ws.write_number(r, CI['나이'], p['age'], F['c'])
        dob_txt = p['dob'].strftime('%Y.%m.%d') if rng.random() < 0.6 else p['dob'].strftime('%y%m%d')
        put('생년월일', dob_txt)
        put('연락처', p['phone'])
        for kind, v in (('name', p['name']), ('record_number', p['regno']), ('birth_date', dob_txt),
                        ('phone', p['phone'])):
            if (kind, v) not in id_seen:
                id_seen.add((kind, v))
                ident.append((kind, v))
        put('진단', DX[pid])
        if rng.random() < 0.55:
            ws.write_datetime(r, CI['수술일'], dt.datetime(s['date'].year, s['date'].month, s['date'].day),
                              F['date'])
        else:
            put('수술일', kdate(s['date'], rng.choice(['dot', 'dot.', 'short'])))
        if s['tech'] == 'vertebroplasty':
            put('수술명', rng.choice(['PVP', 'PVP', '척추성형술']))
        else:
            put('수술명', rng.choice(['BKP', 'BKP', '풍선척추성형술']))
        lt = level_text(s)
        if pid == ERR_LEVEL and k == 0:
            lt = 'T14'
            errors.append([sheetname, '%s%d' % (col(CI['수술 부위']), r + 1), r + 1, '수술 부위', lt,
                           'impossible vertebral level T14 (there are 12 thoracic vertebrae)', pid])
        put('수술 부위', lt)
        tot = s['total']
        if pid == ERR_CEM and k == 0:
            bad = '%g' % (tot * 10)
            ws.write_number(r, CI['시멘트 총량\n(cc)'], tot * 10, F['c'])
            errors.append([sheetname, '%s%d' % (col(CI['시멘트 총량\n(cc)']), r + 1), r + 1, '시멘트 총량 (cc)',
                           bad, 'implausible cement volume: %s cc for a single vertebra (> 20 mL; '
                           'decimal point lost, %g cc)' % (bad, tot), pid])
        elif rng.random() < 0.25:
            put('시멘트 총량\n(cc)', rng.choice(['%gcc', '%g cc', '총 %g']) % tot)
        else:
            ws.write_number(r, CI['시멘트 총량\n(cc)'], tot, F['c'])
        # leak
        if not s['leak_recorded']:
            leak_txt = ''
        elif s['leak'] is None:
            leak_txt = rng.choice(['없음', '없음', '(-)', 'no leak'])
        else:
            lv, kinds = s['leak']
            t = '+'.join(rng.choice(LEAK_TXT[kd]) for kd in kinds)
            leak_txt = t if len(s['levels']) == 1 else '%s (%s)' % (t, lv)
            if len(s['levels']) == 1 and rng.random() < 0.3:
                leak_txt = '%s 소량' % t
        put('시멘트 누출', leak_txt)
        for lv in s['levels']:
            if not s['leak_recorded']:
                lk = ''
            elif s['leak'] is not None and s['leak'][0] == lv:
                lk = ';'.join(s['leak'][1])
            else:
                lk = 'none'
            proc_truth.append([pid, k + 1, s['day'], lv, s['tech'], '', '%g' % tot, '', lk])
        # follow-up
        last = None
        for tp in TPS:
            st, vday, vdate = s['visit'][tp]
            cv = CI['VAS\n%s' % TP_HDR[tp]]
            co = CI.get('ODI\n%s' % TP_HDR[tp])
            if st == 'ok':
                v = s['pain'][tp]
                if rng.random() < 0.12:
                    ws.write_string(r, cv, '%d점' % v, F['c'])
                else:
                    ws.write_number(r, cv, v, F['c'])
                assess_truth.append([pid, k + 1, 'pain_vas', tp, '%g' % v])
                if co is not None:
                    o = s['odi'][tp]
                    if pid == ERR_ODI and k == 0 and tp == '3m':
                        bad = 100 + o
                        ws.write_number(r, co, bad, F['c'])
                        errors.append([sheetname, '%s%d' % (col(co), r + 1), r + 1, 'ODI D+90', '%g' % bad,
                                       'ODI %g%% outside the 0-100 scale' % bad, pid])
                    elif rng.random() < 0.2:
                        ws.write_string(r, co, '%g%%' % o, F['c'])
                    else:
                        ws.write_number(r, co, o, F['c'])
                    assess_truth.append([pid, k + 1, 'odi', tp, '%g' % o])
                last = vdate
            elif st == 'missed':
                ws.write_string(r, cv, rng.choice(['미내원', '미내원', 'f/u loss', '전화 f/u 안됨', '-']), F['c'])
            elif st == 'dead':
                ws.write_string(r, cv, '사망', F['c'])
            elif st == 'next':
                ws.write_string(r, cv, '→재시술', F['c'])
        if pid == ERR_DATE and k == 0:
            bad = D(last.year - 2, last.month, min(last.day, 28))
            txt = kdate(bad, 'dot')
            put('최종 내원일', txt)
            errors.append([sheetname, '%s%d' % (col(CI['최종 내원일']), r + 1), r + 1, '최종 내원일', txt,
                           'last visit dated %s, before the operation of %s (year typed wrong; the '
                           'last recorded visit was on %s)' % (txt, kdate(s['date'], 'dot'),
                                                               kdate(last, 'dot')), pid])
        else:
            put('최종 내원일', kdate(last, 'dot') if last else '')
        if p['death_day'] is not None and k == len(p['sessions']) - 1:
            dd = p['d0'] + dt.timedelta(days=p['death_day'])
            put('사망일', kdate(dd, 'dot'))
        else:
            put('사망일', '')
        notes = []
        for fday, flv in p['fractures']:
            if k != 0:
                continue
            fd = p['d0'] + dt.timedelta(days=fday)
            treated = any(ss['levels'] == [flv] and ss['day'] > 0 for ss in p['sessions'])
            notes.append('신규 골절 %s (%s MRI)%s' % (flv, kdate(fd, 'dot'),
                                                    ' → 재시술 시트' if treated else ' 보존적 치료 (보조기)'))
        if k == 1:
            notes.append('1차 %s %s' % (kdate(p['sessions'][0]['date'], 'dot'), level_text(p['sessions'][0])))
        if p['death_day'] is not None and k == len(p['sessions']) - 1:
            notes.append(rng.choice(['사망 (폐렴)', '사망 (원질환 진행)', '요양병원에서 사망']))
        if rng.random() < 0.12:
            notes.append(rng.choice(['보호자 동반', '요양병원 입원 중', '타병원 전원', '골밀도 T-score -3.4']))
        put('비고', ', '.join(notes))
        r += 1
    ws.write_string(r + 1, 0, 'VAS 0-10점, ODI(K-ODI) %. POD 1 = 수술 다음날, D+30 = 수술 후 30일. '
                    '수술 부위 T11-L1 = T11, T12, L1 (범위 포함). 시멘트는 시술 전체 총량.', F['note'])


write_sheet(wb.add_worksheet('등록'), '등록', 0)
write_sheet(wb.add_worksheet('재시술'), '재시술', 1)
wb.close()

T = os.path.join(HERE, 'truth')
os.makedirs(T, exist_ok=True)


def wcsv(name, header, rows_):
    with open(os.path.join(T, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows_)


proc_truth.sort(key=lambda t: (t[0], t[1], SPINE.index(t[3])))
assess_truth.sort(key=lambda t: (t[0], t[1]))
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
print('gwangju: %d patients, %d procedure rows, %d assessments, %d errors' %
      (len(patients), len(proc_truth), len(assess_truth), len(errors)))
