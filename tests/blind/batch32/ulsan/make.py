# ---------------------------------------------------------------------------
# Cohort generator (shared by this unit's script; deterministic with seed)
# ---------------------------------------------------------------------------
import csv, os, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
SPINE_W = [1, 1, 2, 2, 3, 3, 4, 8, 12, 12, 7, 4, 3, 1]


def _pick(rng, pairs):
    r = rng.random() * sum(w for _, w in pairs)
    for v, w in pairs:
        r -= w
        if r <= 0:
            return v
    return pairs[-1][0]


def _levels(rng, nlev):
    while True:
        top = _pick(rng, list(zip(SPINE, SPINE_W)))
        i = SPINE.index(top)
        if i + nlev <= len(SPINE):
            return SPINE[i:i + nlev]


def _adjacent(rng, levels, avoid):
    i0, i1 = SPINE.index(levels[0]), SPINE.index(levels[-1])
    cands = [SPINE[j] for j in (i0 - 1, i1 + 1, i0 - 2, i1 + 2) if 0 <= j < len(SPINE) and SPINE[j] not in avoid]
    return cands[0] if rng.random() < 0.6 else rng.choice(cands)


def _session(rng, cfg, day, levels, etiology, one_leak_type=False):
    tech = _pick(rng, cfg['tech_w'])
    vols, leaks = [], []
    for lv in levels:
        lo, hi = (3.0, 6.5) if tech == 'kyphoplasty' else (2.0, 5.0)
        if lv in ('T4', 'T5', 'T6', 'T7'):
            hi -= 1.0
        vols.append(rng.randint(int(lo * 2), int(hi * 2)) / 2.0)
        lk = _pick(rng, [('none', 74), ('disc', 10), ('venous', 8), ('paravertebral', 5), ('epidural', 2), ('disc;venous', 1)])
        leaks.append(lk)
    if one_leak_type:
        kinds = [l for l in leaks if l != 'none']
        if kinds:
            leaks = [kinds[0] if l != 'none' else 'none' for l in leaks]
    cement = _pick(rng, cfg['cement_w'])
    return dict(day=day, levels=levels, technique=tech, vols=vols, leaks=leaks, cement=cement, visits={})


def _scores(rng, cfg, etiology):
    pre = rng.randint(7, 9) if etiology != 'pathologic' else rng.randint(7, 10)
    v = {'pre': pre}
    v['24h'] = max(2, pre - rng.randint(2, 4))
    v['1w'] = max(2, v['24h'] - rng.randint(0, 1))
    v['2w'] = max(2, v['1w'] - rng.randint(0, 1))
    v['6w'] = rng.randint(2, 4)
    v['1m'] = rng.randint(2, 5)
    v['3m'] = rng.randint(2, 4)
    v['6m'] = rng.randint(1, 4)
    v['12m'] = rng.randint(1, 4)
    o_pre = rng.randint(46, 82)
    o = {'pre': o_pre}
    o['24h'] = o_pre - rng.randint(4, 12)
    for tp, (a, b) in {'1w': (10, 20), '2w': (12, 24), '6w': (18, 32), '1m': (16, 30), '3m': (22, 38), '6m': (24, 42), '12m': (24, 46)}.items():
        o[tp] = max(4, o_pre - rng.randint(a, b))
    return v, o


def gen_cohort(cfg):
    rng = random.Random(cfg['seed'])
    n = cfg['n']
    start, end, study_end = cfg['op_start'], cfg['op_end'], cfg['study_end']
    span = (end - start).days
    order = list(range(n))
    rng.shuffle(order)
    second = set(order[:cfg['n_second']])
    fx_only = set(order[cfg['n_second']:cfg['n_second'] + cfg['n_fx_only']])
    rng.shuffle(order)
    died = set(order[:cfg['n_died']])
    pats = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.7 else 'male'
        et = _pick(rng, [('osteoporotic', 64), ('pathologic', 22), ('traumatic', 10), ('other', 4)])
        sub = ''
        if et == 'pathologic':
            sub = _pick(rng, [('metastasis', 60), ('myeloma', 40)])
        if et == 'other':
            sub = 'haemangioma'
        age = {'osteoporotic': (63, 91), 'pathologic': (50, 80), 'traumatic': (45, 78), 'other': (42, 70)}[et]
        age = rng.randint(*age)
        d1 = start + dt.timedelta(days=rng.randint(0, span))
        nlev = _pick(rng, [(1, 55), (2, 30), (3, 15)] if et != 'pathologic' else [(1, 35), (2, 40), (3, 25)])
        lv1 = _levels(rng, nlev)
        p = dict(idx=i, sex=sex, etiology=et, sub=sub, age=age, date1=d1, sessions=[], fractures=[], died=False, death_day=None)
        p['sessions'].append(_session(rng, cfg, 0, lv1, et, cfg.get('one_leak_type', False)))
        maxday = (study_end - d1).days
        if i in second:
            fx_day = rng.randint(40, min(240, max(41, maxday - 120)))
            lvl = _adjacent(rng, lv1, lv1)
            p['fractures'].append((fx_day, lvl))
            s2 = _session(rng, cfg, fx_day + rng.randint(4, 21), [lvl], et, cfg.get('one_leak_type', False))
            p['sessions'].append(s2)
        elif i in fx_only:
            fx_day = rng.randint(60, min(330, max(61, maxday - 10)))
            p['fractures'].append((fx_day, _adjacent(rng, lv1, lv1)))
        if i in died:
            lo = max(60, (p['sessions'][-1]['day'] + 45), (p['fractures'][-1][0] + 20) if p['fractures'] else 0)
            hi = min(560, maxday - 5)
            if hi > lo:
                p['died'] = True
                p['death_day'] = rng.randint(lo, hi)
        # visits
        for sn, s in enumerate(p['sessions']):
            vas, odi = _scores(rng, cfg, et)
            for tp in cfg['tps']:
                vday = s['day'] + TP_DAYS[tp]
                jitter = 0 if tp in ('pre', '24h') else rng.randint(-3, 6) if TP_DAYS[tp] >= 30 else rng.randint(0, 2)
                vday += jitter
                if tp == 'pre':
                    vday = s['day'] - rng.randint(0, 1)
                if p['died'] and vday >= p['death_day']:
                    s['visits'][tp] = dict(status='dead', day=vday)
                    continue
                if d1 + dt.timedelta(days=vday) > study_end:
                    s['visits'][tp] = dict(status='future', day=vday)
                    continue
                if tp not in ('pre', '24h') and rng.random() < cfg.get('p_missed', 0.13):
                    s['visits'][tp] = dict(status='missed', day=vday)
                    continue
                s['visits'][tp] = dict(status='ok', day=vday, vas=vas[tp], odi=odi[tp] if tp in cfg.get('odi_tps', ()) else None)
        pats.append(p)
    # order patients by first operation date, give study numbers
    pats.sort(key=lambda p: p['date1'])
    return rng, pats


def day_date(p, day):
    return p['date1'] + dt.timedelta(days=day)


def fmt_num(x, comma=False):
    s = ('%g' % x)
    return s.replace('.', ',') if comma else s


def write_csv(name, header, rows):
    os.makedirs(os.path.join(HERE, 'truth'), exist_ok=True)
    with open(os.path.join(HERE, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def write_truth(pats, vas_scale=10, errors=(), identifiers=(), vol_mode='per_level', cement_recorded=True, leak_recorded=True, measures=('pain_vas',)):
    """vol_mode: per_level or session."""
    P, R, A, F = [], [], [], []
    for p in pats:
        P.append([p['pid'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for sn, s in enumerate(p['sessions'], 1):
            tot = round(sum(s['vols']), 2)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                R.append([p['pid'], sn, s['day'], lv, s['technique'],
                          ('%g' % v) if vol_mode == 'per_level' else '',
                          ('%g' % tot) if vol_mode == 'session' else '',
                          s['cement'] if cement_recorded else '',
                          lk if leak_recorded else ''])
            for tp, vis in s['visits'].items():
                if vis['status'] != 'ok':
                    continue
                if 'pain_vas' in measures and vis.get('vas') is not None:
                    A.append([p['pid'], sn, 'pain_vas', tp, '%g' % vis['vas']])
                if 'odi' in measures and vis.get('odi') is not None:
                    A.append([p['pid'], sn, 'odi', tp, '%g' % vis['odi']])
        for d, lv in p['fractures']:
            F.append([p['pid'], d, lv])
    write_csv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], R)
    write_csv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv('fractures.csv', ['patient_id', 'day', 'level'], F)
    write_csv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, ids = set(), []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v)); ids.append([k, v])
    write_csv('identifiers.csv', ['kind', 'value'], ids)


# ---------------------------------------------------------------------------
# Ulsan — Google Forms responses (one row per submission), downloaded as CSV
# ---------------------------------------------------------------------------
CFG = dict(seed=3250503, n=16, op_start=dt.date(2021, 9, 6), op_end=dt.date(2023, 3, 31),
           study_end=dt.date(2023, 12, 29), tps=['pre', '24h', '1m', '3m', '6m', '12m'], odi_tps=('pre', '3m', '12m'),
           n_second=2, n_fx_only=2, n_died=3, p_missed=0.12, one_leak_type=True,
           tech_w=[('vertebroplasty', 45), ('kyphoplasty', 55)], cement_w=[('PMMA', 1)])
rng, pats = gen_cohort(CFG)

SUR = list('김이박최정강조윤장임한오서신권황안송류홍')
GIV = ['영희', '순자', '말순', '정숙', '옥자', '영자', '미숙', '춘자', '복순', '경자', '철수', '영수', '상철', '동수', '만복', '재호', '성호']
for k, p in enumerate(pats, 1):
    p['pid'] = 'US-%02d' % k
    p['name'] = rng.choice(SUR) + rng.choice(GIV[:10] if p['sex'] == 'female' else GIV[10:])
    p['regno'] = '%08d' % rng.randint(10000000, 39999999)

DIAG = {'osteoporotic': '골다공증성 압박골절', 'metastasis': '전이성 척추종양', 'myeloma': '다발성 골수종',
        'traumatic': '외상성 골절', 'haemangioma': '척추 혈관종'}
for p in pats:
    p['diag'] = DIAG[p['sub'] if p['etiology'] in ('pathologic', 'other') else p['etiology']]
LEAK_KO = {'disc': '추간판(디스크)', 'venous': '정맥', 'paravertebral': '척추주위 연부조직', 'epidural': '경막외'}
LEAK_ORDER = ['disc', 'venous', 'paravertebral', 'epidural']
VISIT = {'pre': '시술', '24h': '술후 1일', '1m': '술후 1개월', '3m': '술후 3개월', '6m': '술후 6개월', '12m': '술후 12개월'}
SPINE_ALL = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
NURSES = ['ulsan.spine.crc@gmail.com', 'kimhj.uuh@gmail.com']


def kdate(d):
    return '%d. %d. %d' % (d.year, d.month, d.day)


def kstamp(t):
    ap = '오전' if t.hour < 12 else '오후'
    h = t.hour % 12
    h = 12 if h == 0 else h
    return '%d. %d. %d %s %d:%02d:%02d' % (t.year, t.month, t.day, ap, h, t.minute, t.second)


def checkbox(levels):
    return ', '.join(l for l in SPINE_ALL if l in levels)


def code(p):
    r = rng.random()
    n = int(p['pid'][3:])
    if r < 0.8:
        return p['pid']
    if r < 0.9:
        return 'us-%02d' % n
    return 'US%02d' % n


HEAD = ['타임스탬프', '이메일 주소', '연구번호', '환자 이름', '등록번호', '방문 종류', '시술 차수', '방문일(시술일)',
        '성별', '나이', '진단명', '시술 방법', '시술 부위', '골시멘트 총량(cc)', '시멘트 종류', '시멘트 누출',
        '누출 부위', 'VAS 통증 점수 (0-10)', 'ODI (%)', '새로운 골절', '새 골절 부위', '새 골절 진단일', '비고']
subs = []  # (timestamp, dict)


def stamp_for(d, late=False):
    lag = rng.choice([0, 0, 0, 1, 2, 5]) if late else 0
    return dt.datetime(d.year, d.month, d.day, rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59)) + dt.timedelta(days=lag)


for p in pats:
    fx_pending = list(p['fractures'])
    events = []
    for sn, s in enumerate(p['sessions'], 1):
        for tp in CFG['tps']:
            vis = s['visits'][tp]
            if vis['status'] in ('ok', 'missed'):
                events.append((vis['day'] if tp != 'pre' else s['day'], sn, tp, vis))
    events.sort(key=lambda e: (e[0], e[1], list(TP_DAYS).index(e[2])))
    rows = []
    for day, sn, tp, vis in events:
        s = p['sessions'][sn - 1]
        d = day_date(p, day)
        row = {h: '' for h in HEAD}
        row['_day'] = day
        row['_key'] = (p['pid'], sn, tp)
        row['이메일 주소'] = rng.choice(NURSES)
        row['연구번호'] = code(p)
        row['환자 이름'] = p['name']
        row['등록번호'] = p['regno']
        row['방문 종류'] = VISIT[tp]
        row['시술 차수'] = '1차' if sn == 1 else '2차(재시술)'
        row['방문일(시술일)'] = kdate(d)
        if tp == 'pre':
            row['성별'] = '여' if p['sex'] == 'female' else '남'
            age = p['age'] if sn == 1 else (d.year - p['date1'].year + p['age'] - (1 if (d.month, d.day) < (p['date1'].month, p['date1'].day) else 0))
            row['나이'] = str(age)
            row['진단명'] = p['diag']
            row['시술 방법'] = '척추성형술(PVP)' if s['technique'] == 'vertebroplasty' else '풍선척추후굴성형술(BKP)'
            row['시술 부위'] = checkbox(s['levels'])
            tot = sum(s['vols'])
            row['골시멘트 총량(cc)'] = rng.choice(['%g', '%g', '%gcc', '%g cc']) % tot
            row['시멘트 종류'] = 'PMMA'
            lk = [l for l in s['leaks'] if l != 'none']
            if lk:
                row['시멘트 누출'] = ', '.join(LEAK_KO[x] for x in LEAK_ORDER if x in lk[0].split(';'))
                row['누출 부위'] = checkbox([lv for lv, l in zip(s['levels'], s['leaks']) if l != 'none'])
            else:
                row['시멘트 누출'] = '없음'
        if vis['status'] == 'ok':
            row['VAS 통증 점수 (0-10)'] = str(vis['vas'])
            if vis.get('odi') is not None:
                row['ODI (%)'] = str(vis['odi']) if rng.random() < 0.85 else '%d%%' % vis['odi']
        else:
            row['비고'] = rng.choice(['미내원', '미내원 (전화 연락 안됨)', '외래 미방문'])
            row['_key'] = None
        if tp != 'pre' and tp != '24h':
            row['새로운 골절'] = '아니오'
        rows.append(row)
    # new fractures: reported at the next visit within 45 days, else an unscheduled visit
    for fd, fl in p['fractures']:
        if len(p['sessions']) > 1 and p['sessions'][1]['levels'] == [fl] and fd <= p['sessions'][1]['day']:
            host = next(r for r in rows if r['_key'] == (p['pid'], 2, 'pre'))
            host['비고'] = '신규 골절로 재시술'
        else:
            host = next((r for r in rows if fd <= r['_day'] <= fd + 45 and r['방문 종류'] not in ('시술', '술후 1일') and r['_key'] is not None), None)
        if host is None:
            host = {h: '' for h in HEAD}
            vd = fd + rng.randint(0, 3)
            host.update({'_day': vd, '_key': None, '이메일 주소': rng.choice(NURSES), '연구번호': code(p), '환자 이름': p['name'],
                         '등록번호': p['regno'], '방문 종류': '예정외 외래', '시술 차수': '1차' if all(fd > s['day'] for s in p['sessions'][:1]) and len([s for s in p['sessions'] if s['day'] < fd]) == 1 else '2차(재시술)',
                         '방문일(시술일)': kdate(day_date(p, vd)), '비고': '요통 악화로 예정외 내원'})
            rows.append(host)
        host['새로운 골절'] = '예'
        host['새 골절 부위'] = checkbox([fl])
        host['새 골절 진단일'] = kdate(day_date(p, fd))
    if p['died']:
        dd = day_date(p, p['death_day'])
        rows.append({**{h: '' for h in HEAD}, '_day': p['death_day'] + rng.randint(3, 40), '_key': None,
                     '이메일 주소': rng.choice(NURSES), '연구번호': code(p), '환자 이름': p['name'], '등록번호': p['regno'],
                     '방문 종류': '사망', '시술 차수': '1차' if len(p['sessions']) == 1 else '2차(재시술)',
                     '방문일(시술일)': kdate(dd), '비고': rng.choice(['보호자 통화로 사망 확인', '타병원에서 사망 (보호자 연락)', '사망'])})
    for row in rows:
        t = stamp_for(day_date(p, row['_day']), late=row['방문 종류'] != '시술')
        row['타임스탬프'] = t
        subs.append(row)

# resubmissions: an earlier wrong submission, later corrected (truth = correction)
ok_rows = [r for r in subs if r['_key'] is not None and r['VAS 통증 점수 (0-10)'] != '' and r['방문 종류'] != '시술']
rng.shuffle(ok_rows)
corrected = []
for r in ok_rows[:3]:
    wrong = dict(r)
    v = int(r['VAS 통증 점수 (0-10)'])
    wrong['VAS 통증 점수 (0-10)'] = str(min(10, v + rng.choice([2, 3])))
    wrong['_key'] = ('wrong',) + r['_key']
    r['타임스탬프'] = r['타임스탬프'] + dt.timedelta(hours=rng.randint(2, 70))
    r['비고'] = (r['비고'] + ' / ' if r['비고'] else '') + '수정 제출 (VAS 오기 수정)'
    subs.append(wrong)
    corrected.append(r['_key'])
# one procedure submission resubmitted with the levels corrected
proc = [r for r in subs if r['방문 종류'] == '시술' and r['_key'] is not None]
pr = proc[5]
wrong = dict(pr)
lv = pr['시술 부위'].split(', ')
i = SPINE_ALL.index(lv[0])
wrong['시술 부위'] = checkbox([SPINE_ALL[i - 1]] + lv[1:])
wrong['_key'] = ('wrong',) + pr['_key']
pr['타임스탬프'] = pr['타임스탬프'] + dt.timedelta(days=1, hours=rng.randint(1, 5))
pr['비고'] = '시술 부위 잘못 체크해서 다시 제출'
subs.append(wrong)

subs.sort(key=lambda r: r['타임스탬프'])

# planted mistakes
errors = []
def rowno(r):
    return subs.index(r) + 2
def colL(h):
    return chr(ord('A') + HEAD.index(h))
multi_sess_pats = {p['pid'] for p in pats if len(p['sessions']) > 1}
cand = [r for r in subs if r['_key'] is not None and r['_key'][0] != 'wrong' and r['_key'][0] not in multi_sess_pats and r['비고'] == '']
used = set()
def pick(cond):
    for r in cand:
        if r['_key'][0] not in used and cond(r):
            used.add(r['_key'][0])
            return r
e1 = pick(lambda r: r['방문 종류'] == '술후 3개월' and r['ODI (%)'] != '')
e1['ODI (%)'] = '140'
e2 = pick(lambda r: r['방문 종류'] == '시술' and len(r['시술 부위'].split(', ')) >= 2)
pv = next(p for p in pats if p['pid'] == e2['_key'][0])['sessions'][0]
e2['골시멘트 총량(cc)'] = '%d' % round(sum(pv['vols']) * 10)
e3 = pick(lambda r: r['방문 종류'] == '술후 1개월')
e4 = pick(lambda r: r['방문 종류'] == '술후 6개월')
real3 = e3['방문일(시술일)']
y, m, d_ = [int(x) for x in real3.split('. ')]
e3['방문일(시술일)'] = '%d. %d. %d' % (y - 1, m, d_)
real4 = e4['연구번호']
e4['연구번호'] = ''
errors.append(['input.csv', '%s%d' % (colL('ODI (%)'), rowno(e1)), rowno(e1), 'ODI (%)', '140', 'ODI is a percentage 0-100; 140 impossible', e1['_key'][0]])
errors.append(['input.csv', '%s%d' % (colL('골시멘트 총량(cc)'), rowno(e2)), rowno(e2), '골시멘트 총량(cc)', e2['골시멘트 총량(cc)'],
               '%s cc for %d vertebrae is impossible: decimal point lost, should be %g' % (e2['골시멘트 총량(cc)'], len(pv['vols']), sum(pv['vols'])), e2['_key'][0]])
errors.append(['input.csv', '%s%d' % (colL('방문일(시술일)'), rowno(e3)), rowno(e3), '방문일(시술일)', e3['방문일(시술일)'],
               '1-month visit dated before the operation; year typo, should be %s' % real3, e3['_key'][0]])
errors.append(['input.csv', '%s%d' % (colL('연구번호'), rowno(e4)), rowno(e4), '연구번호', '',
               'study number missing on this submission (patient is %s by 등록번호)' % e4['_key'][0], e4['_key'][0]])

with open(os.path.join(HERE, 'input.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(HEAD)
    for r in subs:
        w.writerow([kstamp(r['타임스탬프']) if h == '타임스탬프' else r[h] for h in HEAD])

idents = [('email', e) for e in NURSES]
for p in pats:
    idents += [('name', p['name']), ('medical_record_number', p['regno'])]
write_truth(pats, errors=errors, identifiers=idents, vol_mode='session', measures=('pain_vas', 'odi'))
print('ulsan: %d patients, %d submissions, %d errors' % (len(pats), len(subs), len(errors)))
