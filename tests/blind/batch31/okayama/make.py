# ---------------------------------------------------------------------------
# Cohort generator (shared logic; this file is self-contained)
# ---------------------------------------------------------------------------
import random, datetime as dt, csv, os
from datetime import date as D, timedelta as TD

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])

TP_WIN = {'pre': (-3, 0), '24h': (1, 1), '1w': (6, 9), '2w': (12, 17), '6w': (40, 46),
          '1m': (27, 35), '3m': (85, 100), '6m': (172, 195), '12m': (352, 385)}
VAS_DROP = {'pre': 0, '24h': 3.3, '1w': 3.9, '2w': 4.1, '6w': 4.4, '1m': 4.4,
            '3m': 4.9, '6m': 5.1, '12m': 5.2}
ODI_DROP = {'pre': 0, '24h': 10, '1w': 14, '2w': 17, '6w': 24, '1m': 22,
            '3m': 28, '6m': 31, '12m': 32}


def gen_cohort(seed, n, start, end, cutoff, tps, reop_ids=(), death_ids=(),
               fx_ids=(), kypho_frac=0.5, etio_w=(60, 22, 12, 6), miss_p=0.1,
               pmma_only=True):
    """Return a list of patient dicts.  reop_ids etc. are 0-based indices."""
    rng = random.Random(seed)
    pts = []
    for i in range(n):
        p = {'idx': i}
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], weights=etio_w)[0]
        if i in death_ids and (et in ('other', 'traumatic') or rng.random() < 0.6):
            et = 'pathologic'
        if i in reop_ids and et == 'other':
            et = 'osteoporotic'
        p['etiology'] = et
        if et == 'pathologic':
            p['sub'] = rng.choice(['meta_breast', 'meta_prostate', 'meta_lung', 'myeloma', 'myeloma'])
        elif et == 'other':
            p['sub'] = 'haemangioma'
        elif et == 'traumatic':
            p['sub'] = 'trauma'
        else:
            p['sub'] = 'osteoporosis'
        if p['sub'] == 'meta_breast':
            sex = 'female'
        elif p['sub'] == 'meta_prostate':
            sex = 'male'
        else:
            sex = 'female' if rng.random() < (0.75 if et == 'osteoporotic' else 0.45) else 'male'
        p['sex'] = sex
        if et == 'osteoporotic':
            age = rng.randint(63, 89)
        elif et == 'traumatic':
            age = rng.randint(38, 78)
        else:
            age = rng.randint(48, 80)
        p['age'] = age
        op = start + TD(days=rng.randint(0, (end - start).days))
        # birth date consistent with age at first op
        bmin = D(op.year - age - 1, op.month, min(op.day, 28)) + TD(days=1)
        p['dob'] = bmin + TD(days=rng.randint(0, 360))
        assert (op.year - p['dob'].year - ((op.month, op.day) < (p['dob'].month, p['dob'].day))) == age
        p['op_date'] = op
        # levels
        nlev = rng.choices([1, 2, 3], weights=[58, 32, 10])[0]
        if et == 'osteoporotic' or et == 'traumatic':
            centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'T8', 'L4'])
        else:
            centre = rng.choice(['T6', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'])
        ci = SPINE.index(centre)
        s0 = max(SPINE.index('T4'), min(SPINE.index('L5') - nlev + 1, ci - rng.randint(0, nlev - 1)))
        levels = SPINE[s0:s0 + nlev]
        tech = 'kyphoplasty' if rng.random() < kypho_frac else 'vertebroplasty'
        sess = [make_session(rng, 1, 0, op, levels, tech, pmma_only)]
        p['fractures'] = []
        p['death_day'] = None
        horizon = (cutoff - op).days
        if i in fx_ids or i in reop_ids:
            fday = rng.randint(35, 260)
            lo, hi = SPINE.index(levels[0]), SPINE.index(levels[-1])
            cand = [SPINE[lo - 1], SPINE[hi + 1]] if hi + 1 < SPINE.index('S1') else [SPINE[lo - 1]]
            flev = rng.choice(cand)
            p['fractures'].append((fday, flev))
            if i in reop_ids:
                rday = fday + rng.randint(6, 21)
                t2 = tech if rng.random() < 0.7 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                sess.append(make_session(rng, 2, rday, op + TD(days=rday), [flev], t2, pmma_only))
        p['sessions'] = sess
        if i in death_ids:
            last = sess[-1]['day']
            p['death_day'] = last + rng.randint(50, 330)
        # visits / scores
        p['visits'] = []   # dicts: session, tp, day, date, vas, odi, missed
        reop_day = sess[1]['day'] if len(sess) > 1 else None
        for s in sess:
            pre_vas = rng.uniform(6.6, 9.4)
            pre_odi = rng.uniform(46, 84)
            for tp in tps:
                a, b = TP_WIN[tp]
                vday = s['day'] + rng.randint(a, b)
                if (op + TD(days=vday)) > cutoff:
                    continue
                if p['death_day'] is not None and vday >= p['death_day']:
                    continue
                if s['session'] == 1 and reop_day is not None and vday >= reop_day - 3:
                    continue
                missed = tp not in ('pre', '24h') and rng.random() < miss_p
                vas = pre_vas - VAS_DROP[tp] + rng.uniform(-1.1, 1.1)
                vas = min(10.0, max(0.0, vas))
                odi = pre_odi - ODI_DROP[tp] + rng.uniform(-7, 7)
                odi = min(100.0, max(4.0, odi))
                p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                    'date': op + TD(days=vday), 'vas': vas, 'odi': odi,
                                    'missed': missed, 'vday': vday})
        pts.append(p)
    return pts


def make_session(rng, sno, day, date, levels, tech, pmma_only):
    vols = []
    for lv in levels:
        base = 2.5 if lv.startswith('T') and SPINE.index(lv) < SPINE.index('T10') else 3.5
        v = base + rng.uniform(0, 2.8) + (0.6 if tech == 'kyphoplasty' else 0)
        vols.append(round(v * 2) / 2)
    leak = []
    for lv in levels:
        r = rng.random()
        if r < 0.78:
            leak.append('none')
        elif r < 0.88:
            leak.append('disc')
        elif r < 0.96:
            leak.append('venous')
        else:
            leak.append('paravertebral')
    if pmma_only:
        cement = 'PMMA'
    else:
        cement = 'PMMA' if rng.random() < 0.8 else 'calcium phosphate'
    return {'session': sno, 'day': day, 'date': date, 'levels': levels, 'technique': tech,
            'vols': vols, 'total': round(sum(vols), 1), 'leak': leak, 'cement': cement}


# ---------------------------------------------------------------------------
# Truth writer
# ---------------------------------------------------------------------------
class Truth:
    def __init__(self):
        self.patients, self.procs, self.assess, self.fx, self.errors, self.ids = [], [], [], [], [], []

    def patient(self, pid, sex, age, etio, died):
        self.patients.append([pid, sex, age, etio, 'yes' if died else 'no'])

    def proc(self, pid, session, day, level, tech, vol, svol, cement, leak):
        f = lambda x: '' if x is None else ('%g' % x)
        self.procs.append([pid, session, day, level, tech, f(vol), f(svol), cement or '', leak or ''])

    def score(self, pid, session, measure, tp, value):
        self.assess.append([pid, session, measure, tp, '%g' % round(value, 2)])

    def fracture(self, pid, day, level):
        self.fx.append([pid, day, level])

    def error(self, sheet, cell, row, header, value, what, pid):
        self.errors.append([sheet, cell, row, header, value, what, pid])

    def ident(self, kind, value):
        if [kind, str(value)] not in self.ids:
            self.ids.append([kind, str(value)])

    def write(self):
        d = os.path.join(HERE, 'truth')
        os.makedirs(d, exist_ok=True)
        spec = [('patients.csv', 'patient_id,sex,age_years,etiology,died', self.patients),
                ('procedures.csv', 'patient_id,session,day,level,technique,cement_volume_ml,session_cement_volume_ml,cement_type,leakage', self.procs),
                ('assessments.csv', 'patient_id,session,measure,timepoint,value', self.assess),
                ('fractures.csv', 'patient_id,day,level', self.fx),
                ('errors.csv', 'sheet,cell,row,column_header,value,what_is_wrong,patient_id', self.errors),
                ('identifiers.csv', 'kind,value', self.ids)]
        for fn, hdr, rows in spec:
            with open(os.path.join(d, fn), 'w', newline='', encoding='utf-8') as fh:
                w = csv.writer(fh, lineterminator='\n')
                w.writerow(hdr.split(','))
                for r in rows:
                    w.writerow(r)


def col_letter(ci):  # 1-based
    s = ''
    while ci:
        ci, r = divmod(ci - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Okayama: 患者一覧 + 手術記録 + one sheet per visit (different column orders)
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side

TPS = ['pre', '1w', '1m', '3m', '6m', '12m']
pts = gen_cohort(3104, 17, D(2019, 1, 20), D(2022, 10, 31), D(2024, 3, 31), TPS,
                 reop_ids=(2, 8, 13), death_ids=(5, 11), fx_ids=(6, 15),
                 kypho_frac=0.65, etio_w=(75, 15, 6, 4), miss_p=0.14)
rng = random.Random(31041)
T = Truth()
FW = str.maketrans('0123456789.', '０１２３４５６７８９．')


def era(d, style=None):
    if d >= D(2019, 5, 1):
        g, gl, y = 'R', '令和', d.year - 2018
    elif d >= D(1989, 1, 8):
        g, gl, y = 'H', '平成', d.year - 1988
    else:
        g, gl, y = 'S', '昭和', d.year - 1925
    style = style or ('short' if rng.random() < 0.7 else 'long')
    if style == 'short':
        return '%s%d.%d.%d' % (g, y, d.month, d.day)
    return '%s%s年%d月%d日' % (gl, '元' if y == 1 else str(y), d.month, d.day)


def vas_cm_txt(x):
    t = '%.1f' % x
    return t.translate(FW) if rng.random() < 0.2 else float(t)


NAMES_F = ['佐藤 和子', '高橋 トシ子', '田中 久美子', '渡辺 節子', '岡本 ミチ子', '石井 幸子', '森 静江',
           '難波 キヨ', '原田 文子', '池田 美代子', '三宅 千代子', '藤井 恵美子']
NAMES_M = ['小林 正雄', '中村 勝', '藤原 清', '三宅 豊', '小野 健一', '松本 茂', '井上 弘', '片山 誠']
DIAG = {'osteoporosis': ['骨粗鬆症性椎体骨折', '骨粗鬆症性椎体骨折（OVF）'],
        'meta_breast': ['転移性脊椎腫瘍（乳癌）'], 'meta_prostate': ['転移性脊椎腫瘍（前立腺癌）'],
        'meta_lung': ['転移性脊椎腫瘍（肺癌）'], 'myeloma': ['多発性骨髄腫'],
        'trauma': ['外傷性椎体骨折（転落）', '外傷性椎体骨折（交通事故）'], 'haemangioma': ['椎体血管腫']}
LEAK_JA = {'none': 'なし', 'disc': '椎間板', 'venous': '静脈', 'paravertebral': '椎体外（傍脊柱）'}
thin = Side(style='thin', color='808080')
box = Border(left=thin, right=thin, top=thin, bottom=thin)
hfill = PatternFill('solid', fgColor='FFF2CC')

# cement: BKP always PMMA; some VP with calcium phosphate cement (CPC)
for p in pts:
    for s in p['sessions']:
        if s['technique'] == 'vertebroplasty' and rng.random() < 0.5:
            s['cement'] = 'calcium phosphate'

wb = Workbook()
w_pt = wb.active
w_pt.title = '患者一覧'
w_op = wb.create_sheet('手術記録')
VIS = [('pre', '術前', ['研究ID', '手術回', '評価日', 'VAS(cm)', 'ODI(%)', '備考']),
       ('1w', '術後1週', ['評価日', '研究ID', '手術回', 'VAS(cm)', '備考']),
       ('1m', '1ヶ月', ['研究ID', 'VAS(cm)', 'ODI(%)', '評価日', '手術回', '備考']),
       ('3m', '3ヶ月', ['手術回', '研究ID', '評価日', 'ODI(%)', 'VAS(cm)', '備考']),
       ('6m', '6ヶ月', ['研究ID', '評価日', 'VAS(cm)', '備考']),
       ('12m', '1年', ['研究ID', '手術回', '評価日', 'VAS(mm)', 'ODI(%)', '新規骨折', '備考'])]
vsheets = {}
for tp, name, cols in VIS:
    ws = wb.create_sheet(name)
    ws['A1'] = '%s 評価' % name
    ws['A1'].font = Font(bold=True, size=12)
    for ci, h in enumerate(cols, 1):
        c = ws.cell(3, ci, h); c.font = Font(bold=True); c.fill = hfill; c.border = box
        ws.column_dimensions[col_letter(ci)].width = 30 if h == '備考' else 12
    vsheets[tp] = [ws, cols, 4]

# error patients
cand = [p for p in pts if len(p['sessions']) == 1 and p['death_day'] is None and not p['fractures']
        and sum(1 for v in p['visits'] if not v['missed']) >= 5]
def has(p, tp):
    return any(v['tp'] == tp and v['session'] == 1 and not v['missed'] for v in p['visits'])
used = []
def pick(tp):
    for c in cand:
        if c['idx'] not in used and (tp is None or has(c, tp)):
            used.append(c['idx'])
            return c['idx']
    raise SystemExit('no candidate for ' + str(tp))
e_before = pick('1m')
e_feb = pick('6m')
e_vas = pick('3m')
e_vol = pick(None)

# ---- 患者一覧
w_pt['A1'] = '経皮的椎体形成術（BKP・VP）症例登録　岡山 整形外科・脊椎グループ'
w_pt['A1'].font = Font(bold=True, size=13)
w_pt['A2'] = '※個人情報含む　院外持ち出し禁止　（最終更新 R6.4.8）'
w_pt['A2'].font = Font(color='C00000')
PH = ['No.', '研究ID', '氏名', 'カルテ番号', '性別', '生年月日', '年齢', '診断', '転帰', '備考']
for ci, h in enumerate(PH, 1):
    c = w_pt.cell(4, ci, h); c.font = Font(bold=True); c.fill = hfill; c.border = box
for col, w in zip('ABCDEFGHIJ', [5, 9, 14, 11, 6, 16, 6, 28, 22, 30]):
    w_pt.column_dimensions[col].width = w
fi = mi = 0
for p in pts:
    pid = 'OKY%03d' % (p['idx'] + 1)
    p['pid'] = pid
    if p['sex'] == 'female':
        name = NAMES_F[fi]; fi += 1
    else:
        name = NAMES_M[mi]; mi += 1
    karte = '%08d' % rng.randint(10000000, 39999999)
    dob = era(p['dob'], 'short' if rng.random() < 0.6 else 'long')
    T.ident('name', name); T.ident('record_number', karte); T.ident('birth_date', dob)
    died = p['death_day'] is not None
    T.patient(pid, p['sex'], p['age'], p['etiology'], died)
    r = 5 + p['idx']
    vals = [p['idx'] + 1, pid, name, karte, '女' if p['sex'] == 'female' else '男', dob, p['age'],
            rng.choice(DIAG[p['sub']])]
    if died:
        vals.append('死亡 %s' % era(p['op_date'] + TD(days=p['death_day'])))
    else:
        vals.append('生存' if rng.random() < 0.7 else '追跡中')
    note = ''
    if len(p['sessions']) > 1:
        note = '隣接椎体骨折→再手術'
    elif p['etiology'] == 'pathologic':
        note = rng.choice(['放射線治療併用', '化学療法中', '生検同時施行'])
    vals.append(note)
    for ci, v in enumerate(vals, 1):
        c = w_pt.cell(r, ci, v); c.border = box
    if died:
        w_pt.cell(r, 9).font = Font(color='C00000')

# ---- 手術記録 (one row per vertebra, surgery-level cells merged)
w_op['A1'] = '手術記録'
w_op['A1'].font = Font(bold=True, size=12)
OH = ['研究ID', '手術回', '手術日', '術式', 'セメント', '椎体', 'セメント量(mL)', 'セメント漏出', '術者']
for ci, h in enumerate(OH, 1):
    c = w_op.cell(3, ci, h); c.font = Font(bold=True); c.fill = hfill; c.border = box
for col, w in zip('ABCDEFGHI', [9, 8, 18, 8, 16, 7, 13, 16, 8]):
    w_op.column_dimensions[col].width = w
r = 4
for p in pts:
    for s in p['sessions']:
        r0 = r
        for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
            w_op.cell(r, 6, lv)
            if p['idx'] == e_vol and s['session'] == 1 and r == r0:
                w_op.cell(r, 7, v * 10)
                T.error('手術記録', 'G%d' % r, r, 'セメント量(mL)', '%g' % (v * 10),
                        '%g mL in one vertebra (%s) is impossible - decimal point lost; should be %g mL' % (v * 10, lv, v), p['pid'])
            else:
                w_op.cell(r, 7, v)
            w_op.cell(r, 8, LEAK_JA[lk])
            T.proc(p['pid'], s['session'], s['day'], lv, s['technique'], v, None, s['cement'], lk)
            r += 1
        vals = [p['pid'], '初回' if s['session'] == 1 else '再手術', era(s['date']),
                'BKP' if s['technique'] == 'kyphoplasty' else 'VP',
                'PMMA' if s['cement'] == 'PMMA' else 'CPC（バイオペックス）',
                None, None, None, rng.choice(['岡', '藤', '山', '岡'])]
        for ci in (1, 2, 3, 4, 5, 9):
            w_op.cell(r0, ci, vals[ci - 1])
            if r - 1 > r0:
                w_op.merge_cells(start_row=r0, start_column=ci, end_row=r - 1, end_column=ci)
            w_op.cell(r0, ci).alignment = Alignment(vertical='center')
        for rr in range(r0, r):
            for ci in range(1, 10):
                w_op.cell(rr, ci).border = box
w_op.cell(r + 1, 1, 'BKP=バルーン椎体形成術, VP=経皮的椎体形成術, CPC=リン酸カルシウムセメント')

# ---- visit sheets
fx_note = {}
for p in pts:
    for fday, flev in p['fractures']:
        T.fracture(p['pid'], fday, flev)
# attach each fracture to the first visit on/after its diagnosis (any session)
for p in pts:
    for fday, flev in p['fractures']:
        later = [v for v in p['visits'] if v['day'] >= fday and not v['missed']]
        fx_note[(p['idx'], fday)] = later[0] if later else None
        if not later:
            raise SystemExit('fracture without a visit to note it')

for p in pts:
    for v in sorted(p['visits'], key=lambda v: v['day']):
        ws, cols, rr = vsheets[v['tp']]
        n = v['session']
        note = ''
        if v['missed']:
            if rng.random() < 0.6:
                continue          # simply not in the sheet
            row = {'研究ID': p['pid'], '手術回': '初回' if n == 1 else '2回目', '評価日': None,
                   '備考': rng.choice(['未来院', '来院せず', '未来院（電話連絡つかず）'])}
        else:
            d = v['date']
            row = {'研究ID': p['pid'], '手術回': '初回' if n == 1 else '2回目', '評価日': era(d)}
            if p['idx'] == e_before and v['tp'] == '1m':
                bad = D(d.year - 1, d.month, d.day)
                row['評価日'] = era(bad, 'short')
                T.error(ws.title, '%s%d' % (col_letter(cols.index('評価日') + 1), rr), rr, '評価日', row['評価日'],
                        '1-month assessment dated before the operation (%s); year wrong, should be %s' % (
                            era(p['op_date'], 'short'), era(d, 'short')), p['pid'])
            if p['idx'] == e_feb and v['tp'] == '6m':
                row['評価日'] = '%s%d.2.30' % ('R' if d >= D(2019, 5, 1) else 'H', d.year - 2018 if d >= D(2019, 5, 1) else d.year - 1988)
                T.error(ws.title, '%s%d' % (col_letter(cols.index('評価日') + 1), rr), rr, '評価日', row['評価日'],
                        'Impossible date (30 February); true assessment date %s' % era(d, 'short'), p['pid'])
            vas = round(v['vas'], 1)
            if v['tp'] == '12m':
                mm = int(round(v['vas'] * 10))
                row['VAS(mm)'] = mm
                T.score(p['pid'], n, 'pain_vas', '12m', mm / 10)
            else:
                if p['idx'] == e_vas and v['tp'] == '3m':
                    row['VAS(cm)'] = int(round(vas * 10))
                    T.error(ws.title, '%s%d' % (col_letter(cols.index('VAS(cm)') + 1), rr), rr, 'VAS(cm)', str(row['VAS(cm)']),
                            'VAS %s in a 0-10 cm column (mm typed in the cm sheet); should be %.1f' % (row['VAS(cm)'], vas), p['pid'])
                else:
                    row['VAS(cm)'] = vas_cm_txt(vas)
                T.score(p['pid'], n, 'pain_vas', v['tp'], vas)
            if 'ODI(%)' in cols:
                if rng.random() < 0.1:
                    row['ODI(%)'] = '未記入'
                else:
                    odi = 2 * int(round(v['odi'] / 2))
                    row['ODI(%)'] = odi
                    T.score(p['pid'], n, 'odi', v['tp'], odi)
            notes = []
            for (pi, fday), fv in fx_note.items():
                if pi == p['idx'] and fv is v:
                    flev = [l for dd, l in p['fractures'] if dd == fday][0]
                    txt = '新規骨折 %s（%s MRI）' % (flev, era(p['op_date'] + TD(days=fday), 'short'))
                    if '新規骨折' in cols:
                        row['新規骨折'] = txt
                    else:
                        notes.append(txt)
            if n == 2 and v['tp'] == 'pre':
                notes.append('再手術前')
            if v['tp'] == 'pre' and rng.random() < 0.3:
                notes.append(rng.choice(['体動時痛強い', '寝返り困難', 'コルセット装着']))
            if v['tp'] == '12m' and '新規骨折' not in row:
                row['新規骨折'] = 'なし'
            row['備考'] = '、'.join(notes)
        for ci, h in enumerate(cols, 1):
            c = ws.cell(rr, ci, row.get(h))
            c.border = box
        vsheets[v['tp']][2] = rr + 1
for tp, name, cols in VIS:
    ws, cols, rr = vsheets[tp]
    if tp == '12m':
        ws.cell(rr + 1, 1, '※1年のみVASはmm (0-100)で記載')
    else:
        ws.cell(rr + 1, 1, '※VASはcm (0-10)')
wb.save(os.path.join(HERE, 'input.xlsx'))
T.write()
