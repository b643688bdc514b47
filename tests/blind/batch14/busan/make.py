import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90, '6m': 180, '12m': 365, '24m': 730}
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def gen(seed, n, tps, start=dt.date(2022, 1, 10), p_second=0.15, p_frac=0.15, p_died=0.1,
        techs=('vertebroplasty', 'kyphoplasty'), cements=('PMMA',), vas_dec=False, odi=False, mob=False,
        p_miss=0.15):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['i'] = i
        p['sex'] = 'female' if rng.random() < 0.72 else 'male'
        p['age'] = int(rng.integers(58, 92))
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.72 else ('pathologic' if r < 0.88 else 'traumatic')
        if p['etiology'] == 'traumatic':
            p['age'] = int(rng.integers(38, 70))
        d0 = start + dt.timedelta(days=int(rng.integers(0, 520)))
        nlev = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        k = int(rng.integers(8, 17 - nlev + 1))  # T9..L5
        levs = LEVELS[k:k + nlev]
        tech = str(rng.choice(list(techs)))
        cem = str(rng.choice(list(cements)))
        def vol():
            return float(np.round(rng.uniform(2.0, 6.5) * 2) / 2)
        def leak():
            if rng.random() < 0.78:
                return 'none'
            m = 1 if rng.random() < 0.8 else 2
            s = sorted(rng.choice(LEAKS, size=m, replace=False).tolist(), key=LEAKS.index)
            return ';'.join(s)
        sess = [dict(date=d0, day=0, levels=levs, vols=[vol() for _ in levs], leaks=[leak() for _ in levs],
                     tech=tech, cement=cem)]
        p['fractures'] = []
        if rng.random() < p_second:
            used = set(levs)
            cand = [l for l in LEVELS[7:] if l not in used and abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3
                    or (l not in used and abs(LEVELS.index(l) - LEVELS.index(levs[-1])) <= 3)]
            l2 = str(rng.choice(cand))
            fday = int(rng.integers(20, 110))
            d2 = fday + int(rng.integers(3, 15))
            p['fractures'].append((fday, l2))
            sess.append(dict(date=d0 + dt.timedelta(days=d2), day=d2, levels=[l2], vols=[vol()], leaks=[leak()],
                             tech=tech, cement=cem))
        elif rng.random() < p_frac:
            used = set(levs)
            cand = [l for l in LEVELS[6:] if l not in used]
            p['fractures'].append((int(rng.integers(30, 200)), str(rng.choice(cand))))
        p['sessions'] = sess
        p['died'] = 'yes' if rng.random() < p_died else 'no'
        p['death_day'] = int(rng.integers(60, 300)) if p['died'] == 'yes' else None
        # assessments: session 1 only, timepoints relative to session 1
        a = {}
        base = float(rng.integers(6, 11)) if not vas_dec else float(np.round(rng.uniform(6, 10), 1))
        visits = {}
        for t in tps:
            off = TP_DAYS[t]
            if t not in ('pre', '24h', '1w'):
                off += int(rng.integers(-5, 8))
            if p['death_day'] is not None and off >= p['death_day']:
                continue
            if t not in ('pre', '24h') and rng.random() < p_miss:
                continue
            visits[t] = off
            rel = {'pre': 1.0, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.35, '1m': 0.35, '3m': 0.28, '6m': 0.25, '12m': 0.22, '24m': 0.2}[t]
            v = base * rel + rng.normal(0, 0.8)
            v = min(10, max(0, v))
            v = round(v, 1) if vas_dec else int(round(v))
            a[('pain_vas', t)] = v
            if odi:
                o = min(100, max(0, 40 + base * 5 * rel + rng.normal(0, 5)))
                if t != '24h':
                    a[('odi', t)] = int(round(o))
            if mob:
                m = {'pre': 1, '24h': 2}.get(t, 3)
                m = int(min(4, max(0, m + rng.integers(-1, 2))))
                a[('mobility', t)] = m
        p['visits'] = visits
        p['assess'] = a
        p['birth'] = d0 - dt.timedelta(days=int(p['age'] * 365.25 + rng.integers(1, 360)))
        p['mrn'] = int(rng.integers(100000, 999999))
        p['phone_n'] = int(rng.integers(10 ** 7, 10 ** 8))
        p['rnd'] = rng
        pats.append(p)
    return pats


def write_truth(outdir, pats, vol_mode='level', errors=(), identifiers=(), record=None):
    """record: dict of flags sex, age, etiology, died, technique, cement, leakage (default True)."""
    rec = dict(sex=True, age=True, etiology=True, died=True, technique=True, cement=True, leakage=True)
    rec.update(record or {})
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f)
            wr.writerow(header)
            for r in rows:
                wr.writerow(['' if x is None else x for x in r])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if rec['sex'] else '', p['age'] if rec['age'] else '',
        p['etiology'] if rec['etiology'] else '', p['died'] if rec['died'] else ''] for p in pats])
    rows = []
    for p in pats:
        for si, s in enumerate(p['sessions'], 1):
            tot = sum(s['vols'])
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], si, s['day'], l, s['tech'] if rec['technique'] else '',
                             fmt(v) if (vol_mode == 'level' or (vol_mode == 'auto' and len(s['levels']) == 1)) else '',
                             fmt(tot) if (vol_mode == 'session' or (vol_mode == 'auto' and len(s['levels']) > 1)) else '',
                             s['cement'] if rec['cement'] else '', lk if rec['leakage'] else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for (m, t), v in p['assess'].items():
            rows.append([p['pid'], 1, m, t, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, l] for p in pats for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def fmt(v):
    if isinstance(v, float):
        if v == int(v):
            return str(int(v))
        return ('%.2f' % v).rstrip('0').rstrip('.')
    return v

# ---------------- Busan: patient register + long event/visit log ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter as CL

LEAK = {'disc': '디스크', 'venous': '정맥', 'paravertebral': '척추주위', 'epidural': '경막외', 'foraminal': '추간공'}
TPL = {'pre': '시술 전', '24h': 'POD#1', '1m': '1개월', '3m': '3개월', '6m': '6개월', '12m': '12개월'}


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    tps = ['pre', '24h', '1m', '3m', '6m', '12m']
    pats = gen(1403, 23, tps, start=dt.date(2022, 3, 2), techs=('vertebroplasty', 'vertebroplasty', 'kyphoplasty'),
               cements=('PMMA',), odi=True, p_second=0.15, p_frac=0.12, p_died=0.12)
    for p in pats:
        p['pid'] = 'BS%03d' % (p['i'] + 101)
        p['assess'] = {k: v for k, v in p['assess'].items() if k[0] == 'pain_vas' or k[1] in ('pre', '3m', '12m')}
    wb = Workbook()
    reg = wb.active
    reg.title = '환자목록'
    reg['A1'] = '부산 해운대 척추병원 – 척추체성형술 레지스트리 (환자 목록)'
    reg['A1'].font = Font(bold=True, size=12)
    rh = ['연구번호', '성별', '나이', '진단', '사망여부', '비고']
    for j, h in enumerate(rh, 1):
        reg.cell(3, j, h).font = Font(bold=True)
        reg.cell(3, j).fill = PatternFill('solid', fgColor='E2EFDA')
    DX = {'osteoporotic': '골다공증성 압박골절', 'traumatic': '외상성 골절'}
    for k, p in enumerate(pats):
        r = 4 + k
        p['reg_row'] = r
        reg.cell(r, 1, p['pid'])
        reg.cell(r, 2, '여' if p['sex'] == 'female' else '남')
        reg.cell(r, 3, p['age'])
        reg.cell(r, 4, DX.get(p['etiology']) or ['전이성 척추종양 (폐암)', '다발성 골수종', '전이성 척추종양 (전립선암)'][p['i'] % 3])
        reg.cell(r, 5, 'Y' if p['died'] == 'yes' else 'N')
        if len(p['sessions']) > 1:
            reg.cell(r, 6, '인접분절 골절로 재시술')
    reg.column_dimensions['A'].width = 10
    reg.column_dimensions['D'].width = 26
    reg.column_dimensions['F'].width = 22

    ws = wb.create_sheet('경과기록')
    ws['A1'] = '경과기록 (시술/외래/전화 추적)  – 날짜순 입력, 시멘트는 cc, 다분절은 총량만 기록'
    ws['A1'].font = Font(bold=True)
    hd = ['연구번호', '날짜', '구분', '시점', '시술명', '레벨', '시멘트', '누출', 'VAS', 'K-ODI', '비고']
    for j, h in enumerate(hd, 1):
        ws.cell(2, j, h).font = Font(bold=True)
        ws.cell(2, j).fill = PatternFill('solid', fgColor='FFF2CC')
    col = {h: j for j, h in enumerate(hd, 1)}
    r = 3
    rows_of = {}
    for p in pats:
        s1 = p['sessions'][0]
        d0 = s1['date']
        ev = []
        for t in tps:
            if t in p['visits']:
                ev.append((p['visits'][t], 0 if t == 'pre' else 2, 'visit', t))
            elif t not in ('pre', '24h'):
                dead = p['death_day'] is not None and TP_DAYS[t] >= p['death_day']
                if not dead and p['rnd'].random() < 0.5:
                    ev.append((TP_DAYS[t], 2, 'noshow', t))
        for si, s in enumerate(p['sessions'], 1):
            ev.append((s['day'], 1, 'proc', si))
        for d, l in p['fractures']:
            ev.append((d, 1.5, 'frac', l))
        if p['died'] == 'yes':
            ev.append((p['death_day'], 3, 'death', None))
        ev.sort(key=lambda e: (e[0], e[1]))
        rows_of[p['pid']] = {}
        for day, _, kind, x in ev:
            date = d0 + dt.timedelta(days=day)
            ws.cell(r, 1, p['pid'])
            c = ws.cell(r, 2, date)
            c.number_format = 'yyyy-mm-dd'
            if kind == 'visit':
                ws.cell(r, 3, '입원' if x == 'pre' else ('병동' if x == '24h' else ('전화' if p['rnd'].random() < 0.15 else '외래')))
                ws.cell(r, 4, TPL[x])
                ws.cell(r, col['VAS'], p['assess'][('pain_vas', x)])
                if ('odi', x) in p['assess']:
                    ws.cell(r, col['K-ODI'], p['assess'][('odi', x)])
                rows_of[p['pid']][x] = r
            elif kind == 'noshow':
                ws.cell(r, 3, '외래')
                ws.cell(r, 4, TPL[x])
                ws.cell(r, col['비고'], '미내원')
            elif kind == 'proc':
                s = p['sessions'][x - 1]
                ws.cell(r, 3, '시술')
                ws.cell(r, 4, '재시술' if x > 1 else '시술일')
                ws.cell(r, col['시술명'], 'PVP' if s['tech'] == 'vertebroplasty' else 'KP')
                ws.cell(r, col['레벨'], ', '.join(s['levels']))
                ws.cell(r, col['시멘트'], '%scc' % fmt(sum(s['vols'])) if len(s['levels']) == 1 else '총 %scc (PMMA)' % fmt(sum(s['vols'])))
                if all(l == 'none' for l in s['leaks']):
                    lt = '없음'
                elif len(s['levels']) == 1:
                    lt = ', '.join(LEAK[z] for z in s['leaks'][0].split(';'))
                else:
                    lt = ' / '.join('%s %s' % (lv, '없음' if lk == 'none' else ', '.join(LEAK[z] for z in lk.split(';')))
                                    for lv, lk in zip(s['levels'], s['leaks']))
                ws.cell(r, col['누출'], lt)
                rows_of[p['pid']]['proc%d' % x] = r
            elif kind == 'frac':
                ws.cell(r, 3, '외래')
                ws.cell(r, 4, '-')
                ws.cell(r, col['레벨'], x)
                ws.cell(r, col['비고'], '신규 압박골절 %s (MRI 확인)' % x)
            elif kind == 'death':
                ws.cell(r, 3, '사망')
                ws.cell(r, col['비고'], '보호자 연락으로 확인' if p['etiology'] != 'pathologic' else '원발암 진행으로 사망')
            r += 1
        r += 1  # blank spacer between patients
    errors = []
    def plant(sheet, row, h, val, why, pid):
        sh = wb[sheet]
        j = col[h] if sheet == '경과기록' else rh.index(h) + 1
        sh.cell(row, j, val)
        errors.append([sheet, '%s%d' % (CL(j), row), row, h, val, why, pid])
    p = pats[4]
    rr = rows_of[p['pid']].get('3m') or rows_of[p['pid']]['1m']
    plant('경과기록', rr, '연구번호', None, 'study ID missing on a row with data', p['pid'])
    singles = [q for q in pats if len(q['sessions'][0]['levels']) == 1]
    q = singles[6]
    plant('경과기록', rows_of[q['pid']]['proc1'], '시멘트', '45cc', '45 mL of cement in one vertebra is impossible', q['pid'])
    q = [x for x in pats if '12m' in rows_of[x['pid']] and ('odi', '12m') in x['assess']][3]
    plant('경과기록', rows_of[q['pid']]['12m'], 'K-ODI', 130, 'ODI 130 (scale 0-100)', q['pid'])
    q = pats[17]
    plant('경과기록', rows_of[q['pid']]['1m'] if '1m' in rows_of[q['pid']] else rows_of[q['pid']]['24h'], '날짜', '2023-06-31', 'impossible date (31 June)', q['pid'])
    q = pats[20]
    plant('환자목록', q['reg_row'], '나이', 208, 'age 208', q['pid'])
    for j, wd in enumerate([10, 12, 7, 9, 8, 12, 18, 26, 6, 7, 30], 1):
        ws.column_dimensions[CL(j)].width = wd
    ws.freeze_panes = 'B3'
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, 'auto', errors, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
