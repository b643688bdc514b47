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

# ---------------- Kobe: one row per patient, visits across ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.utils import get_column_letter as CL

JP_LEV = {}
JP_LEAK = {'disc': '椎間板', 'venous': '静脈', 'paravertebral': '椎体周囲', 'epidural': '硬膜外', 'foraminal': '椎間孔'}
JP_ETIO = {'osteoporotic': '骨粗鬆症', 'traumatic': '外傷'}
SURN = ['ヤマダ', 'タナカ', 'サトウ', 'スズキ', 'タカハシ', 'イトウ', 'ワタナベ', 'ナカムラ', 'コバヤシ', 'カトウ', 'ヨシダ', 'ヤマモト', 'マツモト', 'イノウエ', 'キムラ', 'ハヤシ', 'シミズ', 'ヤマグチ', 'モリ', 'イケダ', 'ハシモト', 'フジタ']
GIV_F = ['ハナコ', 'ミチコ', 'カズコ', 'ヨシコ', 'サチコ', 'トシエ', 'フミエ', 'キヨミ', 'マサコ', 'ノリコ']
GIV_M = ['タロウ', 'ヒロシ', 'マサオ', 'イサム', 'ススム', 'シゲル', 'カズオ', 'トシオ']


def era(d, short=False):
    if d >= dt.date(2019, 5, 1):
        y = d.year - 2018
        return ('R%d.%d.%d' % (y, d.month, d.day)) if short else ('令和%d年%d月%d日' % (y, d.month, d.day))
    y = d.year - 1988
    return ('H%d.%d.%d' % (y, d.month, d.day)) if short else ('平成%d年%d月%d日' % (y, d.month, d.day))


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    tps = ['pre', '24h', '1m', '3m', '6m', '12m']
    pats = gen(1401, 22, tps, start=dt.date(2022, 2, 1), techs=('kyphoplasty', 'kyphoplasty', 'vertebroplasty'),
               cements=('PMMA', 'PMMA', 'calcium phosphate'), vas_dec=True, p_second=0.14, p_frac=0.12)
    idents = []
    for p in pats:
        p['pid'] = 'KB-%03d' % (p['i'] + 1)
        rng = p['rnd']
        giv = GIV_F if p['sex'] == 'female' else GIV_M
        p['name'] = SURN[p['i'] % len(SURN)] + '\u3000' + giv[int(rng.integers(0, len(giv)))]
        p['chart'] = '%07d' % (p['mrn'] * 3 % 10000000)
        # kyphoplasty with calcium phosphate is not done: force PMMA for BKP
        for s in p['sessions']:
            if s['tech'] == 'kyphoplasty':
                s['cement'] = 'PMMA'
        idents += [('name', p['name']), ('record_number', p['chart'])]

    wb = Workbook()
    ws = wb.active
    ws.title = '症例台帳'
    thin = Side(style='thin', color='999999')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill('solid', fgColor='DDEBF7')
    dead_fill = PatternFill('solid', fgColor='D9D9D9')
    ws['A1'] = '神戸港北総合病院 整形外科・脊椎センター　経皮的椎体形成術（BKP / PVP）症例台帳'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = '※VASは0-100mmで記載。－：未来院／未実施。灰色の行＝死亡例。手術日は和暦。'
    ws['A2'].font = Font(size=9, color='C00000')
    groups = [('基本情報', ['症例番号', 'カルテ番号', '氏名', '性別', '年齢', '原因']),
              ('初回手術', ['手術日', '術式', '椎体', 'セメント量(ml)', 'セメント', '漏出']),
              ('VAS (mm)', ['術前', '術翌日', '1ヶ月', '3ヶ月', '6ヶ月', '12ヶ月']),
              ('追加手術', ['手術日', '術式', '椎体', 'セメント量(ml)', '漏出']),
              ('経過', ['新規椎体骨折', '転帰', '備考'])]
    c = 1
    hdr = {}
    for g, cols in groups:
        ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + len(cols) - 1)
        ws.cell(4, c, g)
        for j, h in enumerate(cols):
            cell = ws.cell(5, c + j, h)
            hdr[(g, h)] = c + j
        for j in range(len(cols)):
            for r in (4, 5):
                ws.cell(r, c + j).fill = head_fill
                ws.cell(r, c + j).font = Font(bold=True)
                ws.cell(r, c + j).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
                ws.cell(r, c + j).border = bd
        c += len(cols)
    TECH = {'kyphoplasty': 'BKP', 'vertebroplasty': 'PVP'}
    CEM = {'PMMA': 'PMMA', 'calcium phosphate': 'バイオペックス(CPC)'}

    def leaktxt(s):
        if all(l == 'none' for l in s['leaks']):
            return 'なし'
        parts = []
        for lv, lk in zip(s['levels'], s['leaks']):
            t = 'なし' if lk == 'none' else '・'.join(JP_LEAK[x] for x in lk.split(';'))
            parts.append(t if len(s['levels']) == 1 else '%s:%s' % (lv, t))
        return '／'.join(parts)

    def vols(s):
        return ' / '.join(fmt(v) for v in s['vols']) if len(s['vols']) > 1 else s['vols'][0]

    errors = []
    r = 6
    cell_of = {}
    for p in pats:
        s1 = p['sessions'][0]
        ws.cell(r, hdr[('基本情報', '症例番号')], p['pid'])
        ws.cell(r, hdr[('基本情報', 'カルテ番号')], p['chart'])
        ws.cell(r, hdr[('基本情報', '氏名')], p['name'])
        ws.cell(r, hdr[('基本情報', '性別')], '女' if p['sex'] == 'female' else '男')
        ws.cell(r, hdr[('基本情報', '年齢')], p['age'])
        et = JP_ETIO.get(p['etiology'])
        if p['etiology'] == 'pathologic':
            et = ['転移性骨腫瘍(肺癌)', '多発性骨髄腫', '転移性骨腫瘍(乳癌)'][p['i'] % 3]
        ws.cell(r, hdr[('基本情報', '原因')], et)
        ws.cell(r, hdr[('初回手術', '手術日')], era(s1['date']))
        ws.cell(r, hdr[('初回手術', '術式')], TECH[s1['tech']])
        ws.cell(r, hdr[('初回手術', '椎体')], ', '.join(s1['levels']))
        ws.cell(r, hdr[('初回手術', 'セメント量(ml)')], vols(s1))
        ws.cell(r, hdr[('初回手術', 'セメント')], CEM[s1['cement']])
        ws.cell(r, hdr[('初回手術', '漏出')], leaktxt(s1))
        for t, h in zip(tps, ['術前', '術翌日', '1ヶ月', '3ヶ月', '6ヶ月', '12ヶ月']):
            v = p['assess'].get(('pain_vas', t))
            col = hdr[('VAS (mm)', h)]
            if v is not None:
                ws.cell(r, col, int(round(v * 10)))
            else:
                off = TP_DAYS[t]
                if p['death_day'] is None or off < p['death_day']:
                    ws.cell(r, col, '－')
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            ws.cell(r, hdr[('追加手術', '手術日')], era(s2['date'], short=True))
            ws.cell(r, hdr[('追加手術', '術式')], TECH[s2['tech']])
            ws.cell(r, hdr[('追加手術', '椎体')], ', '.join(s2['levels']))
            ws.cell(r, hdr[('追加手術', 'セメント量(ml)')], vols(s2))
            ws.cell(r, hdr[('追加手術', '漏出')], leaktxt(s2))
        fr = []
        for d, l in p['fractures']:
            dd = s1['date'] + dt.timedelta(days=d)
            fr.append('%s（%d/%d/%d 診断）' % (l, dd.year, dd.month, dd.day))
        ws.cell(r, hdr[('経過', '新規椎体骨折')], '、'.join(fr) if fr else 'なし')
        if p['died'] == 'yes':
            dd = s1['date'] + dt.timedelta(days=p['death_day'])
            ws.cell(r, hdr[('経過', '転帰')], '死亡（%s）' % era(dd, short=True))
            for cc in range(1, c):
                ws.cell(r, cc).fill = dead_fill
        else:
            ws.cell(r, hdr[('経過', '転帰')], '生存')
        if p['etiology'] == 'pathologic':
            ws.cell(r, hdr[('経過', '備考')], '化学療法中')
        elif len(p['sessions']) > 1:
            ws.cell(r, hdr[('経過', '備考')], '隣接椎体骨折にて追加BKP' if p['sessions'][1]['tech'] == 'kyphoplasty' else '隣接椎体骨折にて追加PVP')
        for cc in range(1, c):
            ws.cell(r, cc).border = bd
        cell_of[p['pid']] = r
        p['row'] = r
        r += 1

    def plant(p, g, h, val, why):
        col = hdr[(g, h)]
        ws.cell(p['row'], col, val)
        errors.append(['症例台帳', '%s%d' % (CL(col), p['row']), p['row'], h, val, why, p['pid']])
    single = [p for p in pats if len(p['sessions'][0]['levels']) == 1]
    plant(single[2], '初回手術', '椎体', 'T13', 'no T13 vertebra (T1-T12)')
    plant(single[5], '初回手術', 'セメント量(ml)', 45, '45 mL of cement in one vertebra is impossible')
    q = [p for p in pats if ('pain_vas', '1m') in p['assess']][7]
    plant(q, 'VAS (mm)', '1ヶ月', 150, 'VAS 150 on a 0-100 mm scale')
    q2 = pats[16]
    plant(q2, '初回手術', '手術日', '令和4年2月30日', 'impossible date (30 February)')
    ws.freeze_panes = 'D6'
    widths = [9, 10, 16, 5, 5, 16, 16, 6, 12, 12, 14, 20, 6, 6, 6, 6, 6, 6, 10, 6, 8, 10, 12, 22, 14, 20]
    for i, wd in enumerate(widths, 1):
        ws.column_dimensions[CL(i)].width = wd
    # second sheet: legend
    lg = wb.create_sheet('凡例')
    for i, (a, b) in enumerate([('BKP', '経皮的椎体形成術（バルーン）'), ('PVP', '経皮的椎体形成術（直接注入）'),
                                 ('CPC', 'リン酸カルシウム骨ペースト（バイオペックス）'),
                                 ('－', '未来院・未実施'), ('灰色', '死亡例'),
                                 ('漏出', '多椎体の場合は 椎体:部位 で記載')], 1):
        lg.cell(i, 1, a)
        lg.cell(i, 2, b)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, 'level', errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
