# ---- common cohort core (copied into each site's make.py) ----
import random, datetime as dt, csv, os, sys

SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_WIN = {'24h': (1, 1), '1w': (6, 9), '2w': (13, 16), '6w': (40, 46), '1m': (27, 34),
          '3m': (85, 98), '6m': (172, 192), '12m': (352, 378), '24m': (715, 745)}


def age_at(bd, d):
    return d.year - bd.year - ((d.month, d.day) < (bd.month, bd.day))


def make_cohort(seed, n, tps, measures=('pain_vas', 'odi'), start=dt.date(2021, 3, 1),
                end=dt.date(2023, 3, 31), p_kypho=0.4, cements=('PMMA',), n_sess2=3,
                n_extra_frac=1, n_dead=2, p_missing=0.12, s2_tps=('pre', '1m'),
                p_female=0.72, etio_w=(0.72, 0.16, 0.08, 0.04), no_sess2=()):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        p = {'i': i}
        p['sex'] = 'female' if R.random() < p_female else 'male'
        p['etiology'] = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], etio_w)[0]
        d0 = start + dt.timedelta(days=R.randint(0, (end - start).days))
        tgt = R.randint(55, 90) if p['etiology'] != 'traumatic' else R.randint(45, 80)
        bd = dt.date(d0.year - tgt, R.randint(1, 12), R.randint(1, 28))
        p['birth'] = bd
        p['d0'] = d0
        p['age'] = age_at(bd, d0)
        nl = R.choices([1, 2, 3], [0.68, 0.22, 0.10])[0]
        if p['etiology'] == 'pathologic':
            first = R.randint(SPINE.index('T5'), SPINE.index('L3'))
        else:
            first = R.choice([SPINE.index(x) for x in ['T7', 'T8', 'T10', 'T11', 'T11', 'T12', 'T12', 'T12', 'L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L4']])
        first = min(first, len(SPINE) - nl)
        idxs = [first]
        for k in range(1, nl):
            step = 1 if R.random() < 0.75 else 2
            nxt = idxs[-1] + step
            if nxt >= len(SPINE):
                nxt = min(idxs) - 1
            idxs.append(nxt)
        idxs = sorted(set(idxs))
        tech = 'kyphoplasty' if R.random() < p_kypho else 'vertebroplasty'
        cem = R.choice(cements)
        p['sessions'] = [make_session(R, 1, 0, d0, [SPINE[j] for j in idxs], tech, cem)]
        p['fractures'] = []
        # scores, session 1
        p['visits'] = {}   # (session, tp) -> day
        p['scores'] = {}   # (session, measure, tp) -> value
        vas0 = R.randint(6, 10)
        odi0 = R.randint(24, 42) * 2
        mob0 = R.randint(2, 4)
        for tp in tps:
            if tp == 'pre':
                day = -R.randint(0, 2)
            else:
                a, b = TP_WIN[tp]
                day = R.randint(a, b)
            p['visits'][(1, tp)] = day
            fill_scores(R, p, 1, tp, measures, vas0, odi0, mob0)
        pats.append(p)
    # session 2 / new fractures
    cand = [p for p in pats if p['i'] not in no_sess2 and len(tps) >= 4]
    R.shuffle(cand)
    late = [tp for tp in tps if tp in ('3m', '6m')]
    s2 = cand[:n_sess2]
    for p in s2:
        tp = R.choice(late)
        fday = p['visits'][(1, tp)]
        lvl = new_level(R, p)
        p['fractures'].append((fday, lvl))
        s2day = fday + R.randint(6, 20)
        s1 = p['sessions'][0]
        p['sessions'].append(make_session(R, 2, s2day, p['d0'] + dt.timedelta(days=s2day), [lvl],
                                          s1['technique'], s1['cement_type']))
        vas0 = R.randint(6, 9)
        odi0 = R.randint(26, 40) * 2
        mob0 = R.randint(2, 4)
        for tp2 in s2_tps:
            if tp2 == 'pre':
                d = s2day - R.randint(0, 1)
            else:
                a, b = TP_WIN[tp2]
                d = s2day + R.randint(a, b)
            p['visits'][(2, tp2)] = d
            fill_scores(R, p, 2, tp2, measures, vas0, odi0, mob0)
    rest = [p for p in cand[n_sess2:]]
    for p in rest[:n_extra_frac]:
        tp = [t for t in tps if t in ('6m', '12m', '3m')][-1]
        fday = p['visits'][(1, tp)]
        p['fractures'].append((fday, new_level(R, p)))
    used = set(p['i'] for p in s2 + rest[:n_extra_frac])
    # deaths: prefer pathologic
    dc = [p for p in pats if p['i'] not in used and p['i'] not in no_sess2]
    dc.sort(key=lambda p: (p['etiology'] != 'pathologic', R.random()))
    for p in pats:
        p['died'] = 'no'
        p['death_day'] = None
    for p in dc[:n_dead]:
        post = [tp for tp in tps if tp not in ('pre', '24h', '1w')]
        k = R.randint(1, len(post) - 1)
        keep = post[:k]
        lastday = p['visits'][(1, keep[-1])]
        nxt = p['visits'][(1, post[k])]
        p['death_day'] = R.randint(lastday + 5, nxt - 3)
        for tp in post[k:]:
            drop_visit(p, 1, tp)
        p['died'] = 'yes'
    # random missing visits (never 'pre', never session-2)
    for p in pats:
        for tp in tps:
            if tp == 'pre' or (1, tp) not in p['visits']:
                continue
            if any(f[0] == p['visits'][(1, tp)] for f in p['fractures']):
                continue
            if R.random() < p_missing:
                drop_visit(p, 1, tp)
    for p in pats:  # consistency of the model
        for (s, tp), d in p['visits'].items():
            sd = p['sessions'][s - 1]['day']
            assert (d > sd) if tp != 'pre' else (d <= sd), (p['i'], s, tp)
            if p['death_day'] is not None:
                assert d < p['death_day']
        for fd, l in p['fractures']:
            assert fd > 0
    return pats


def drop_visit(p, s, tp):
    p['visits'].pop((s, tp), None)
    for k in list(p['scores']):
        if k[0] == s and k[2] == tp:
            del p['scores'][k]


def fill_scores(R, p, s, tp, measures, vas0, odi0, mob0):
    frac = {'pre': 0, '24h': 0.45, '1w': 0.5, '2w': 0.55, '6w': 0.6, '1m': 0.6, '3m': 0.65,
            '6m': 0.68, '12m': 0.7, '24m': 0.7}[tp]
    for m in measures:
        if m == 'pain_vas':
            v = max(0, min(10, round(vas0 * (1 - frac) + R.choice([-1, 0, 0, 1]))))
        elif m == 'pain_vas_mm':
            v = max(0, min(100, round(vas0 * 10 * (1 - frac) + R.randint(-8, 8))))
        elif m == 'odi':
            v = max(0, min(100, 2 * round((odi0 * (1 - frac * 0.8) + R.randint(-6, 6)) / 2)))
        elif m == 'mobility':
            v = max(0, min(4, round(mob0 * (1 - frac) + R.choice([0, 0, 1]))))
        p['scores'][(s, m, tp)] = v


def new_level(R, p):
    used = set(v['level'] for s in p['sessions'] for v in s['vertebrae'])
    used |= set(f[1] for f in p['fractures'])
    idx = sorted(SPINE.index(x) for x in used)
    opts = [j for j in (idx[0] - 1, idx[-1] + 1, idx[-1] + 2) if 0 <= j < len(SPINE) and SPINE[j] not in used]
    return SPINE[R.choice(opts)]


def make_session(R, s, day, date, levels, tech, cem):
    vs = []
    for l in levels:
        lo, hi = (2.0, 4.5) if l.startswith('T') else (3.0, 6.5)
        if tech == 'kyphoplasty':
            lo, hi = lo + 0.5, hi + 1.0
        vol = round(R.uniform(lo, hi) * 2) / 2
        r = R.random()
        if r < 0.72:
            lk = []
        elif r < 0.95:
            lk = [R.choices(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], [5, 5, 3, 1, 1])[0]]
        else:
            lk = ['disc', 'venous']
        vs.append({'level': l, 'vol': vol, 'leak': lk})
    return {'session': s, 'day': day, 'date': date, 'technique': tech, 'cement_type': cem, 'vertebrae': vs}


def sess_total(s):
    return round(sum(v['vol'] for v in s['vertebrae']), 1)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x == int(x):
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, errors, idents, per_vertebra=True, vas_div=1, day_override=None,
                skip_scores=()):
    """pats: model; errors: list of dicts; idents: list of (kind,value)."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    day_override = day_override or {}
    write_csv(os.path.join(td, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['pid'], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            day = day_override.get((p['pid'], s['session']), s['day'])
            pv = per_vertebra if not callable(per_vertebra) else per_vertebra(p, s)
            for v in s['vertebrae']:
                rows.append([p['pid'], s['session'], day, v['level'], s['technique'],
                             fmtnum(v['vol']) if pv else '',
                             '' if pv else fmtnum(sess_total(s)), s['cement_type'],
                             ';'.join(v['leak']) if v['leak'] else 'none'])
    write_csv(os.path.join(td, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m', '24m']
    rows = []
    for p in pats:
        for (s, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], order.index(kv[0][2]), kv[0][1])):
            if (p['pid'], s, tp) in skip_scores:
                continue
            mm = 'pain_vas' if m == 'pain_vas_mm' else m
            val = v / 10 if m == 'pain_vas_mm' else v
            rows.append([p['pid'], s, mm, tp, fmtnum(float(val)) if isinstance(val, float) else val])
    write_csv(os.path.join(td, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(td, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['pid'], d, l] for p in pats for d, l in p['fractures']])
    write_csv(os.path.join(td, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = set()
    ir = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ir.append([k, v])
    write_csv(os.path.join(td, 'identifiers.csv'), ['kind', 'value'], ir)
# ---- end common core ----

# ---- site: daegu (Korean university hospital; one wide row per patient, 2nd session in its own columns) ----
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.utils import get_column_letter


def kd(d):
    return '%d.%02d.%02d' % (d.year, d.month, d.day)


def main(outdir):
    R = random.Random(1703)
    N = 27
    TPS = ['pre', '1w', '1m', '6m', '12m']
    pats = make_cohort(17031, N, TPS, measures=('pain_vas', 'odi'),
                       start=dt.date(2020, 6, 1), end=dt.date(2022, 10, 31), p_kypho=0.45,
                       n_sess2=3, n_extra_frac=1, n_dead=2, s2_tps=('pre', '1m'),
                       no_sess2=(3, 6, 10, 14, 18, 22, 25))
    fam = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '류', '전', '홍', '고', '문', '양', '손', '배', '백']
    gf = ['영희', '순자', '정숙', '말순', '옥자', '영자', '미숙', '경자', '춘자', '정자', '순이', '복순', '명숙', '금순']
    gm = ['영수', '철수', '상철', '병철', '종호', '재근', '만수', '용길', '성호', '기환']
    idents = []
    for p in pats:  # after the 2nd procedure only VAS is kept
        for key in [k for k in p['scores'] if k[0] == 2 and k[1] == 'odi']:
            del p['scores'][key]
    for k, p in enumerate(pats):
        p['pid'] = 'DG-%03d' % (k + 1)
        p['name'] = fam[k] + R.choice(gf if p['sex'] == 'female' else gm)
        p['mrn'] = '%08d' % R.randint(10000000, 99999999)
        b = p['birth']
        p['rrn'] = '%02d%02d%02d-%d******' % (b.year % 100, b.month, b.day, (2 if p['sex'] == 'female' else 1))
        p['tel'] = '010-%04d-%04d' % (R.randint(2000, 9999), R.randint(0, 9999))
        for s in p['sessions']:
            if s['session'] == 1:
                s['brand'] = R.choice(['PMMA', 'Vertecem V+', 'Spineplex', 'PMMA'] if s['technique'] == 'vertebroplasty' else ['Kyphon HV-R', 'PMMA'])
            else:
                s['brand'] = p['sessions'][0]['brand']
        idents += [('name', p['name']), ('record_number', p['mrn']), ('resident_registration_number_masked', p['rrn']),
                   ('phone', p['tel'])]
    # ---- planted errors ----
    cands = [p for p in pats if p['i'] in (3, 6, 10, 14, 18, 22, 25) and not p['fractures'] and p['died'] == 'no']
    e_lvl, e_vas, e_vol, e_noid, e_date = cands[:5]
    v = e_lvl['sessions'][0]['vertebrae'][-1]
    v['level'] = 'L6' if v['level'].startswith('L') else 'T13'
    if (1, 'pain_vas', '1m') not in e_vas['scores']:
        e_vas['visits'][(1, '1m')] = 30
    e_vas['scores'][(1, 'pain_vas', '1m')] = 15
    e_vas['scores'].setdefault((1, 'odi', '1m'), 40)
    e_vol['sessions'][0]['vertebrae'][0]['vol'] = 24.0
    errors = []

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '척추성형술 DB'
    ws['A1'] = '척추성형술(PVP/PKP) 환자 데이터베이스 — 한빛대학교병원 신경외과 (2020.06~)'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = '※ 개인정보 포함 파일 - 외부 반출 금지 / 시멘트 양 단위 cc, 여러 레벨은 레벨 순서대로 "/"로 구분'
    groups = [('기본정보', ['연번', '연구번호', '등록번호', '환자명', '주민번호', '연락처', '성별', '나이', '진단명']),
              ('1차 시술', ['시술일', '시술명', '레벨', '시멘트', '시멘트 양(cc)', '시멘트 누출']),
              ('2차 시술', ['시술일', '시술명', '레벨', '시멘트 양(cc)', '시멘트 누출']),
              ('VAS', ['술전', '1주', '1개월', '6개월', '12개월']),
              ('ODI (%)', ['술전', '1주', '1개월', '6개월', '12개월']),
              ('2차 시술 후 VAS', ['술전', '1개월']),
              ('경과', ['추가 골절', '사망일', '비고'])]
    fills = ['F2F2F2', 'DDEBF7', 'FCE4D6', 'E2EFDA', 'FFF2CC', 'FCE4D6', 'EDEDED']
    col = 1
    colof = {}
    thin = Side(style='thin')
    for (g, subs), f in zip(groups, fills):
        ws.cell(row=3, column=col, value=g)
        ws.merge_cells(start_row=3, end_row=3, start_column=col, end_column=col + len(subs) - 1)
        for j, s in enumerate(subs):
            c = ws.cell(row=4, column=col + j, value=s)
            c.fill = PatternFill('solid', fgColor=f)
            c.font = Font(bold=True)
            c.border = Border(bottom=thin)
            colof[(g, s)] = col + j
        ws.cell(row=3, column=col).fill = PatternFill('solid', fgColor=f)
        ws.cell(row=3, column=col).font = Font(bold=True)
        ws.cell(row=3, column=col).alignment = Alignment(horizontal='center')
        col += len(subs)
    LK = {'disc': '디스크', 'venous': '정맥', 'paravertebral': '척추주위', 'epidural': '경막외', 'foraminal': '추간공'}
    TL = {'pre': '술전', '1w': '1주', '1m': '1개월', '6m': '6개월', '12m': '12개월'}

    def put(r, g, s, v, fmt=None):
        c = ws.cell(row=r, column=colof[(g, s)], value=v)
        if fmt:
            c.number_format = fmt
        return c

    def lvls(s):
        ls = [v['level'] for v in s['vertebrae']]
        if len(ls) == 2 and ls[0][0] == ls[1][0] and R.random() < 0.4 and int(ls[1][1:]) - int(ls[0][1:]) == 1:
            return '%s,%s' % (ls[0], ls[1][1:])
        return ', '.join(ls)

    def leak(s):
        vs = s['vertebrae']
        if all(not v['leak'] for v in vs):
            return R.choice(['없음', '없음', '-', 'none'])
        if len(vs) == 1:
            return ', '.join(LK[x] for x in vs[0]['leak'])
        return ', '.join('%s %s' % (v['level'], '+'.join(LK[x] for x in v['leak'])) for v in vs if v['leak'])

    def tech(s):
        return {'vertebroplasty': R.choice(['PVP', 'PVP', '척추성형술']), 'kyphoplasty': R.choice(['PKP', 'PKP', '풍선척추후만성형술'])}[s['technique']]

    r = 5
    for k, p in enumerate(pats):
        g = '기본정보'
        put(r, g, '연번', k + 1)
        if p is not e_noid:
            put(r, g, '연구번호', p['pid'])
        else:
            errors.append(dict(sheet=ws.title, cell='%s%d' % (get_column_letter(colof[(g, '연구번호')]), r), row=r,
                               header='연구번호', value='', what='row with data but no study ID', pid=''))
        put(r, g, '등록번호', p['mrn'])
        put(r, g, '환자명', p['name'])
        put(r, g, '주민번호', p['rrn'])
        put(r, g, '연락처', p['tel'])
        put(r, g, '성별', ('여' if p['sex'] == 'female' else '남') if R.random() < 0.85 else ('F' if p['sex'] == 'female' else 'M'))
        put(r, g, '나이', p['age'] if R.random() < 0.8 else '%d세' % p['age'])
        dx = {'osteoporotic': ['골다공증성 압박골절', 'osteoporotic compression fx', '골다공증성 척추골절'],
              'pathologic': ['전이성 척추종양 (폐암)', '다발성 골수종', '전이성 척추종양 (유방암)', 'metastasis (HCC)'],
              'traumatic': ['외상성 압박골절 (낙상)', '외상성 골절 (교통사고)'],
              'other': ['기타']}[p['etiology']]
        put(r, g, '진단명', R.choice(dx))
        s1 = p['sessions'][0]
        g = '1차 시술'
        if p is e_date:
            d = s1['date']
            bad = '%d.02.29' % d.year if d.year % 4 else '%d.04.31' % d.year
            if d.month in (4, 6, 9, 11):
                bad = '%d.%02d.31' % (d.year, d.month)
            put(r, g, '시술일', bad)
            errors.append(dict(sheet=ws.title, cell='%s%d' % (get_column_letter(colof[(g, '시술일')]), r), row=r,
                               header='시술일', value=bad, what='impossible calendar date', pid=p['pid']))
        elif R.random() < 0.6:
            put(r, g, '시술일', s1['date'], 'yyyy-mm-dd')
        else:
            put(r, g, '시술일', kd(s1['date']))
        put(r, g, '시술명', tech(s1))
        lt = lvls(s1)
        c = put(r, g, '레벨', lt)
        if p is e_lvl:
            errors.append(dict(sheet=ws.title, cell=c.coordinate, row=r, header='레벨', value=lt,
                               what='impossible vertebral level', pid=p['pid']))
        put(r, g, '시멘트', s1['brand'])
        vs = s1['vertebrae']
        vt = vs[0]['vol'] if len(vs) == 1 else ' / '.join(fmtnum(v['vol']) for v in vs)
        c = put(r, g, '시멘트 양(cc)', vt)
        if p is e_vol:
            errors.append(dict(sheet=ws.title, cell=c.coordinate, row=r, header='시멘트 양(cc)', value=fmtnum(vt) if not isinstance(vt, str) else vt,
                               what='24 cc of cement in one vertebra (>20 mL)', pid=p['pid']))
        put(r, g, '시멘트 누출', leak(s1))
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            g = '2차 시술'
            put(r, g, '시술일', kd(s2['date']) if R.random() < 0.5 else s2['date'], 'yyyy-mm-dd')
            put(r, g, '시술명', tech(s2))
            put(r, g, '레벨', lvls(s2))
            put(r, g, '시멘트 양(cc)', s2['vertebrae'][0]['vol'])
            put(r, g, '시멘트 누출', leak(s2))
            for tp in ('pre', '1m'):
                put(r, '2차 시술 후 VAS', TL[tp], p['scores'].get((2, 'pain_vas', tp)))
        dead_mark = False
        for tp in TPS:
            for g, m in (('VAS', 'pain_vas'), ('ODI (%)', 'odi')):
                v = p['scores'].get((1, m, tp))
                if v is None:
                    if p['died'] == 'yes' and tp not in ('pre', '1w') and TP_WIN[tp][0] > p['death_day']:
                        v = None
                    else:
                        v = R.choice(['F/U loss', '-', None, '-'])
                c = put(r, g, TL[tp], v)
                if p is e_vas and m == 'pain_vas' and tp == '1m':
                    errors.append(dict(sheet=ws.title, cell=c.coordinate, row=r, header='1개월', value='15',
                                       what='VAS 15 beyond the 0-10 scale', pid=p['pid']))
        g = '경과'
        if p['fractures']:
            put(r, g, '추가 골절', '; '.join('%s (%s)' % (l, kd(p['d0'] + dt.timedelta(days=d))) for d, l in p['fractures']))
        if p['died'] == 'yes':
            dd = p['d0'] + dt.timedelta(days=p['death_day'])
            put(r, g, '사망일', dd if R.random() < 0.5 else kd(dd), 'yyyy-mm-dd')
            put(r, g, '비고', R.choice(['원발암 진행으로 expire', '폐렴으로 사망', 'expire (타병원)']))
        else:
            put(r, g, '비고', R.choice(['', '', '골다공증 약 복용 중 (Prolia)', '보조기 착용 3개월', '']) if p['etiology'] == 'osteoporotic' else '')
        if len(p['sessions']) > 1:
            put(r, g, '비고', '추가 골절로 2차 시술')
        r += 1
    for c in range(1, col):
        ws.column_dimensions[get_column_letter(c)].width = 11
    ws.freeze_panes = 'E5'
    # truth: patient without study ID is left out (cannot be named)
    kept = [p for p in pats if p is not e_noid]

    def pv(p, s):
        return True
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, kept, errors, idents, per_vertebra=pv)


if __name__ == '__main__':
    main(sys.argv[1])
