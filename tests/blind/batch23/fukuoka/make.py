# ---- shared cohort generator (copied into each site's make.py) ----
import random, datetime as dt, csv, os, sys
LEVELS = ['C7'] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def gen(seed, n, tps, s2_tps, start, span, names, tech_w=(60, 40), odi=True, mob=False,
        brands=('PMMA',), cp_rate=0.0, n_dead=2, n_s2=3, n_fx_only=1):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        sex = R.choice(['female'] * 3 + ['male'] * 2)
        et = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [68, 18, 10, 4])[0]
        d0 = start + dt.timedelta(days=R.randint(0, span))
        lo, hi = (60, 90) if et == 'osteoporotic' else (38, 82)
        b = d0 - dt.timedelta(days=R.randint(lo * 365 + 30, hi * 365))
        name = names(R, sex)
        while name in [q['name'] for q in pats]:
            name = names(R, sex)
        nl = R.choices([1, 2, 3], [68, 24, 8])[0]
        top = R.choice([9, 10, 11, 11, 12, 12, 12, 13, 13, 14, 15, 16][: 12 - (nl - 1)])
        levels = LEVELS[top: top + nl]
        tech = R.choices(['vertebroplasty', 'kyphoplasty'], tech_w)[0]
        base = 3.0 if tech == 'vertebroplasty' else 4.0
        vols = [base + R.choice([-1.0, -0.5, 0, 0.5, 1.0, 1.5]) for _ in levels]
        cement = 'calcium phosphate' if (et == 'traumatic' and R.random() < cp_rate * 5) else 'PMMA'
        leak = [R.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous'], [74, 10, 9, 5, 2])[0]
                for _ in levels]
        s1 = dict(n=1, day=0, levels=levels, tech=tech, vols=vols, cement=cement, leak=leak,
                  brand=R.choice(brands))
        vas0 = R.randint(6, 10)
        odi0 = R.randint(40, 84)
        visits = []
        vas, o = vas0, odi0
        for tp in tps:
            if tp == 'pre':
                d, v, oo = 0, vas0, odi0
            else:
                d = TP_DAYS[tp] + (R.randint(-3, 6) if TP_DAYS[tp] > 20 else 0)
                v = max(0, vas - R.randint(1, 4)) if tp == tps[1] else max(0, min(10, vas + R.randint(-2, 1)))
                oo = max(R.randint(6, 14), min(100, o - R.randint(3, 13)))
                vas, o = v, oo
            miss = tp not in ('pre', tps[1]) and R.random() < 0.13
            visits.append(dict(session=1, tp=tp, day=d, vas=v, odi=oo if odi else None,
                               mob=(R.randint(2, 4) if tp == 'pre' else R.randint(0, 2)) if mob else None,
                               missing=miss))
        pats.append(dict(i=i, name=name, sex=sex, et=et, birth=b, d0=d0, age=age_at(b, d0),
                         sessions=[s1], visits=visits, fx=[], died='no', death_day=None,
                         rec=None, phone=None, err=None, id=None))
    idx = list(range(n)); R.shuffle(idx)
    s2p, fxp, dead = idx[:n_s2], idx[n_s2:n_s2 + n_fx_only], idx[n_s2 + n_fx_only:n_s2 + n_fx_only + n_dead]
    for k in s2p + fxp:
        p = pats[k]
        att = [v for v in p['visits'] if not v['missing'] and v['tp'] in ('3m', '6m', '12m', '24m')]
        if k in s2p:
            last = p['visits'][-1]; last['missing'] = False; fv = last
        else:
            fv = att[0] if att else p['visits'][-1]; fv['missing'] = False
        tr = p['sessions'][0]['levels']
        cand = [LEVELS[LEVELS.index(tr[0]) - 1], LEVELS[LEVELS.index(tr[-1]) + 1]]
        cand = [c for c in cand if c[0] in 'TL']
        lvl = R.choice(cand)
        p['fx'].append((fv['day'], lvl))
        if k in s2p:
            d2 = fv['day'] + R.randint(4, 15)
            tech = p['sessions'][0]['tech']
            s2 = dict(n=2, day=d2, levels=[lvl], tech=tech, vols=[3.0 + R.choice([0, 0.5, 1.0])],
                      cement='PMMA', leak=[R.choice(['none', 'none', 'disc'])], brand=p['sessions'][0]['brand'])
            p['sessions'].append(s2)
            v0 = R.randint(6, 9); o0 = R.randint(45, 75)
            for tp in s2_tps:
                d = d2 + (0 if tp == 'pre' else TP_DAYS[tp] + R.randint(-2, 4))
                v = v0 if tp == 'pre' else max(0, v0 - R.randint(3, 6))
                oo = o0 if tp == 'pre' else max(0, o0 - R.randint(10, 30))
                p['visits'].append(dict(session=2, tp=tp, day=d, vas=v, odi=oo if odi else None,
                                        mob=(3 if tp == 'pre' else 1) if mob else None, missing=False))
    for k in dead:
        p = pats[k]
        cut = R.randint(2, len(p['visits']) - 1)
        p['visits'] = p['visits'][:cut]
        p['visits'][-1]['missing'] = False
        p['died'] = 'yes'
        p['death_day'] = p['visits'][-1]['day'] + R.randint(15, 60)
    return pats


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f); w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtv(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%g' % x)


def write_truth(out, pats, errors, idents):
    t = os.path.join(out, 'truth')
    P, PR, A, F = [], [], [], []
    for p in pats:
        if not p['id']:
            continue
        P.append([p['id'], p['sex'], p['age'], p['et'], p['died']])
        for s in p['sessions']:
            tot = s.get('total_only')
            for j, l in enumerate(s['levels']):
                PR.append([p['id'], s['n'], s['day'], l, s['tech'],
                           '' if tot else fmtv(s['vols'][j]), fmtv(sum(s['vols'])) if tot else '',
                           s['cement'], s['leak'][j] if s['leak'] is not None else ''])
        for v in p['visits']:
            if v['missing']:
                continue
            for m, key in (('pain_vas', 'vas'), ('odi', 'odi'), ('mobility', 'mob')):
                if v.get(key) is not None:
                    A.append([p['id'], v['session'], m, v['tp'], fmtv(v[key])])
        for d, l in p['fx']:
            F.append([p['id'], d, l])
    write_csv(t + '/patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv(t + '/procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                      'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    write_csv(t + '/assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv(t + '/fractures.csv', ['patient_id', 'day', 'level'], F)
    write_csv(t + '/errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen = []
    for x in idents:
        if x not in seen:
            seen.append(x)
    write_csv(t + '/identifiers.csv', ['kind', 'value'], seen)


def colname(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26); s = chr(65 + r) + s
    return s
# ---- end shared ----

# ---- 九州大学病院 (仮) 整形外科 椎体形成術 経過記録エクスポート ----
FAM = ['田中', '松尾', '古賀', '中島', '井上', '原田', '吉田', '山口', '坂本', '野田', '白石', '江口', '久保', '平野', '宮崎', '末松', '樋口', '柴田']
GF = ['キヨ', '和子', '節子', '幸子', '美代子', 'トミ子', '久美子', '悦子', '千代', '正子']
GM = ['勝', '清', '正雄', '茂', '博', '一郎', '義男', '武', '保']
FW = str.maketrans('0123456789', '０１２３４５６７８９')


def names(R, sex):
    return R.choice(FAM) + '　' + R.choice(GF if sex == 'female' else GM)


def era(d, R, style=None):
    style = style or R.choices(['dot', 'kanji', 'west', 'fw'], [55, 22, 12, 11])[0]
    if d >= dt.date(2019, 5, 1):
        e, ek, y = 'R', '令和', d.year - 2018
    elif d >= dt.date(1989, 1, 8):
        e, ek, y = 'H', '平成', d.year - 1988
    else:
        e, ek, y = 'S', '昭和', d.year - 1925
    if style == 'west':
        return '%d/%d/%d' % (d.year, d.month, d.day)
    if style == 'kanji':
        return '%s%s年%d月%d日' % (ek, '元' if y == 1 else str(y), d.month, d.day)
    s = '%s%d.%d.%d' % (e, y, d.month, d.day)
    return s.translate(FW) if style == 'fw' else s


def main(out):
    R = random.Random(2301)
    pats = gen(2301, 24, ['pre', '24h', '1m', '3m', '12m'], ['pre', '1m'], dt.date(2019, 2, 4), 760, names,
               tech_w=(35, 65), odi=True)
    pats.sort(key=lambda p: p['d0'])
    for k, p in enumerate(pats):
        p['id'] = 'KVP-%03d' % (k + 1)
        p['rec'] = '%08d' % R.randint(10000000, 39999999)
        for s in p['sessions']:
            s['brand'] = 'バイオペックス' if s['cement'] == 'calcium phosphate' else (
                'KyphOn HV-R' if s['tech'] == 'kyphoplasty' else R.choice(['オステオボンド', 'Osteopal V']))
    # planted errors (one patient each)
    ok = [p for p in pats if len(p['sessions']) == 1 and p['died'] == 'no' and not p['fx']]
    e_lvl, e_vas, e_date, e_before = ok[2], ok[6], ok[10], ok[14]
    n0 = len(e_lvl['sessions'][0]['levels'])
    e_lvl['sessions'][0]['levels'] = ['L4', 'L5', 'L6'][-n0:]
    vv = [v for v in e_vas['visits'] if v['tp'] == '1m']; vv[0]['missing'] = False; vv[0]['vas'] = 12
    vd = [v for v in e_date['visits'] if v['tp'] == '3m']; vd[0]['missing'] = False; vd[0]['baddate'] = True
    vb = [v for v in e_before['visits'] if v['tp'] == '3m']; vb[0]['missing'] = False; vb[0]['before'] = True
    err_cells = {}
    SEX = {'female': '女', 'male': '男'}
    ET = {'osteoporotic': ['骨粗鬆症', '骨粗鬆症性椎体骨折'], 'pathologic': ['転移性脊椎腫瘍', '多発性骨髄腫', '転移（肺癌）'],
          'traumatic': ['外傷（転落）', '外傷'], 'other': ['その他']}
    LK = {'none': 'なし', 'disc': '椎間板', 'venous': '静脈', 'paravertebral': '椎体周囲', 'disc;venous': '椎間板・静脈'}
    TPJ = {(1, 'pre'): '術前評価', (1, '24h'): '術後1日', (1, '1m'): '術後1ヶ月', (1, '3m'): '術後3ヶ月',
           (1, '12m'): '術後12ヶ月', (2, 'pre'): '再手術前評価', (2, '1m'): '再手術後1ヶ月'}
    H = ['症例ID', 'カルテ番号', '患者氏名', '生年月日', '性別', '手術時年齢', '原因疾患', '記録日', '区分', '椎体', '術式',
         'セメント', '注入量(ml)', '漏出', 'VAS', 'ODI(%)', '備考']
    rows, idents = [], []

    def lv(l):
        return ('Th' + l[1:]) if l[0] == 'T' else l
    for p in pats:
        bd = era(p['birth'], R, R.choice(['dot', 'kanji']))
        idents += [['name', p['name']], ['record_number', p['rec']], ['birth_date', bd]]
        base = [p['id'], p['rec'], p['name'], bd, SEX[p['sex']], '', R.choice(ET[p['et']])]
        ev = []
        for s in p['sessions']:
            ev.append((s['day'], 1, s))
        for v in p['visits']:
            ev.append((v['day'], 0 if v['tp'] == 'pre' else 2, v))
        for d, l in p['fx']:
            ev.append((d, 3, ('fx', l)))
        if p['died'] == 'yes':
            ev.append((p['death_day'], 4, ('death',)))
        ev.sort(key=lambda e: (e[0], e[1]))
        for d, kind, obj in ev:
            r = list(base) + [''] * 10
            r[7] = era(date_of(p, d), R)
            if kind == 1:
                s = obj
                r[5] = str(p['age']) if s['n'] == 1 else ''
                r[8] = '手術' if s['n'] == 1 else '再手術（2回目）'
                r[9] = ','.join(lv(l) for l in s['levels'])
                r[10] = {'kyphoplasty': 'BKP', 'vertebroplasty': 'VP'}[s['tech']]
                r[11] = s['brand']
                r[12] = '/'.join('%.1f' % x for x in s['vols'])
                lk = [(lv(l), k) for l, k in zip(s['levels'], s['leak']) if k != 'none']
                r[13] = 'なし' if not lk else '、'.join('%s:%s' % (a, LK[b]) for a, b in lk)
            elif kind in (0, 2):
                v = obj
                r[8] = TPJ[(v['session'], v['tp'])]
                if v['missing']:
                    r[7] = ''
                    r[14] = r[15] = '－'
                    r[16] = R.choice(['未受診', '来院なし', '電話連絡つかず'])
                else:
                    vs = str(v['vas']); r[14] = vs.translate(FW) if R.random() < 0.15 else vs
                    r[15] = str(v['odi'])
                    if v.get('baddate'):
                        dd = date_of(p, d)
                        r[7] = 'R%d.2.30' % (dd.year - 2018) if dd.month in (1, 2, 3) else 'R%d.%d.31' % (dd.year - 2018, 4 if dd.month < 6 else (6 if dd.month < 9 else (9 if dd.month < 11 else 11)))
                        err_cells[(len(rows) + 2, 8)] = (p['id'], r[7], '存在しない日付（その月に該当日なし） / impossible date')
                    if v.get('before'):
                        dd = date_of(p, d)
                        dd = dd.replace(year=dd.year - 1)
                        r[7] = era(dd, R, 'dot')
                        err_cells[(len(rows) + 2, 8)] = (p['id'], r[7], '3ヶ月受診日が手術日より前 / follow-up visit dated before the procedure')
                    if v['vas'] > 10:
                        err_cells[(len(rows) + 2, 15)] = (p['id'], r[14], 'VAS 12 exceeds 0-10 scale')
            elif kind == 3:
                r[8] = '新規骨折'; r[9] = lv(obj[1]); r[16] = R.choice(['隣接椎体骨折', 'MRIにて新規骨折確認'])
            else:
                r[8] = '死亡'; r[16] = R.choice(['原病死', '肺炎にて死亡（他院）', '死亡確認（家族より連絡）'])
            if kind == 1 and 'L6' in obj['levels']:
                err_cells[(len(rows) + 2, 10)] = (p['id'], r[9], '存在しない椎体 L6 / impossible vertebral level L6')
            rows.append(r)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'input.csv'), 'w', encoding='cp932', newline='') as f:
        f.write('\t'.join(H) + '\r\n')
        for r in rows:
            f.write('\t'.join(r) + '\r\n')
    errors = [['input', colname(c) + str(rw), rw, H[c - 1], val, what, pid] for (rw, c), (pid, val, what) in sorted(err_cells.items())]
    write_truth(out, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
