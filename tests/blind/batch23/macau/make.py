# ---- shared cohort generator (identical block in every site's make.py) ----
import sys, os, csv, random, datetime as dt

TP_DAYS = {'pre': (0, 0), '24h': (1, 0), '1w': (7, 1), '2w': (14, 2), '6w': (42, 4),
           '1m': (30, 3), '3m': (91, 8), '6m': (182, 12), '12m': (365, 20), '24m': (730, 25)}
LEVELS = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEVEL_W = [1, 1, 2, 2, 3, 3, 4, 6, 10, 12, 8, 5, 3, 1]


def gen_cohort(seed, n, tps, tps2, measures, start, kp_share=0.4, cp_share=0.1,
               vas100=False, leak_unrec=0.05):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        r = R.random()
        et = 'osteoporotic' if r < 0.64 else 'pathologic' if r < 0.84 else 'traumatic' if r < 0.95 else 'other'
        age = {'osteoporotic': R.randint(58, 91), 'pathologic': R.randint(44, 82),
               'traumatic': R.randint(33, 72), 'other': R.randint(50, 80)}[et]
        sex = 'female' if R.random() < (0.78 if et == 'osteoporotic' else 0.5) else 'male'
        first = start + dt.timedelta(days=R.randint(0, 420))
        bdate = first - dt.timedelta(days=int(age * 365.25) + R.randint(20, 330))
        age = first.year - bdate.year - ((first.month, first.day) < (bdate.month, bdate.day))
        p = dict(idx=i, sex=sex, age=age, etiology=et, first=first, birth=bdate,
                 died=False, death_day=None, sessions=[], scores={}, visits={}, fractures=[])
        pats.append(p)

    def mk_session(p, sn, day):
        nv = R.choices([1, 2, 3], [68, 24, 8])[0]
        i0 = R.choices(range(len(LEVELS)), LEVEL_W)[0]
        i0 = min(i0, len(LEVELS) - nv)
        lv = LEVELS[i0:i0 + nv]
        if sn == 2:
            lv = [p['fractures'][-1][1]]
        tech = 'kyphoplasty' if R.random() < kp_share else 'vertebroplasty'
        cem = 'calcium phosphate' if (p['etiology'] == 'traumatic' and R.random() < 0.5) or R.random() < cp_share / 3 else 'PMMA'
        verts = []
        for L in lv:
            vol = round(R.uniform(2.0, 5.5) + (1.0 if tech == 'kyphoplasty' else 0) + (0.8 if L.startswith('L') else 0), 1)
            lr = R.random()
            if lr < leak_unrec:
                leak = None
            elif lr < 0.74:
                leak = ['none']
            elif lr < 0.95:
                leak = [R.choices(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], [5, 5, 3, 1, 1])[0]]
            else:
                leak = ['disc', 'venous']
            verts.append(dict(level=L, vol=vol, leak=leak))
        p['sessions'].append(dict(n=sn, day=day, tech=tech, cement=cem, verts=verts))

    def score(p, tp, base_v, base_o, base_m, k):
        f = {'pre': 1.0, '24h': 0.62, '1w': 0.5, '2w': 0.45, '6w': 0.38, '1m': 0.4,
             '3m': 0.33, '6m': 0.3, '12m': 0.3, '24m': 0.3}[tp]
        out = {}
        if 'pain_vas' in measures:
            v = max(0, min(10, round(base_v * f + R.uniform(-0.8, 0.8))))
            out['pain_vas'] = v * 10 + (R.choice([0, 0, 2, 5, 8]) if v < 10 else 0) if vas100 else v
        if 'odi' in measures:
            out['odi'] = max(0, min(100, 2 * round((base_o * (0.35 + 0.65 * f) + R.uniform(-5, 5)) / 2)))
        if 'mobility' in measures:
            out['mobility'] = max(0, min(4, round(base_m * f + R.uniform(-0.4, 0.4))))
        return out

    # 3 with a second session, 2 with an untreated new fracture, 3 deaths
    idxs = list(range(n))
    R.shuffle(idxs)
    second = set(idxs[:3]); untreated = set(idxs[3:5])
    deathc = [i for i in idxs[5:] if pats[i]['etiology'] == 'pathologic'][:2] + \
             [i for i in idxs[5:] if pats[i]['etiology'] == 'osteoporotic' and pats[i]['age'] > 80][:1]
    for p in pats:
        i = p['idx']
        mk_session(p, 1, 0)
        bv, bo, bm = R.uniform(7, 9.6), R.uniform(50, 80), R.uniform(2.3, 4)
        stop_at = len(tps)
        if i in second or i in untreated:
            k = R.randint(2, len(tps) - 2) if i in second else R.randint(2, len(tps) - 1)
            stop_at = k + 1 if i in second else len(tps)
        if i in deathc:
            stop_at = R.randint(3, len(tps) - 1)
        for j, tp in enumerate(tps[:stop_at]):
            d0, jit = TP_DAYS[tp]
            day = d0 + R.randint(-jit, jit)
            p['visits'][(1, tp)] = day
            miss = tp != 'pre' and R.random() < 0.1
            for m, v in score(p, tp, bv, bo, bm, j).items():
                p['scores'][(1, m, tp)] = None if miss else v
        if i in second or i in untreated:
            tpk = tps[k]
            fday = p['visits'][(1, tpk)]
            lv = [v['level'] for v in p['sessions'][0]['verts']]
            cand = [L for L in LEVELS if L not in lv and abs(LEVELS.index(L) - LEVELS.index(lv[0])) <= 3]
            p['fractures'].append((fday, R.choice(cand)))
            for m in measures:
                if p['scores'].get((1, m, tpk), 0) is None:
                    p['scores'][(1, m, tpk)] = score(p, tpk, bv, bo, bm, 0)[m]
        if i in second:
            d2 = fday + R.randint(7, 24)
            mk_session(p, 2, d2)
            bv2, bo2, bm2 = R.uniform(7, 9.3), R.uniform(50, 75), R.uniform(2.3, 3.5)
            for tp in tps2:
                d0, jit = TP_DAYS[tp]
                p['visits'][(2, tp)] = d2 + d0 + R.randint(-jit, jit)
                for m, v in score(p, tp, bv2, bo2, bm2, 0).items():
                    p['scores'][(2, m, tp)] = v
        if i in deathc:
            p['died'] = True
            last = max(p['visits'].values())
            p['death_day'] = last + R.randint(20, 70)
    return pats


def ddate(p, day):
    return p['first'] + dt.timedelta(days=day)


def write_truth(outdir, pats, errors, idents, vas100=False, total_only=False):
    td = os.path.join(outdir, 'truth'); os.makedirs(td, exist_ok=True)
    def W(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f); w.writerow(header)
            for r in rows:
                w.writerow(['' if x is None else x for x in r])
    fmtv = lambda v: ('%g' % v) if v is not None else None
    W('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p['etiology'], 'yes' if p['died'] else 'no'] for p in pats if p.get('pid')])
    rows = []
    for p in pats:
        if not p.get('pid'): continue
        for s in p['sessions']:
            tot = round(sum(v['vol'] for v in s['verts']), 1)
            for v in s['verts']:
                rows.append([p['pid'], s['n'], s.get('t_day', s['day']), v['level'], s['tech'],
                             None if total_only else fmtv(v['vol']), fmtv(s.get('t_total', tot)) if total_only else None,
                             s['cement'], None if v['leak'] is None else ';'.join(v['leak'])])
    W('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        if not p.get('pid'): continue
        for (sn, m, tp), v in sorted(p['scores'].items(), key=lambda kv: (kv[0][0], kv[0][1], list(TP_DAYS).index(kv[0][2]))):
            if v is None or (sn, m, tp) in p.get('t_drop', ()): continue
            if m == 'pain_vas' and vas100: v = v / 10
            rows.append([p['pid'], sn, m, tp, fmtv(v)])
    W('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    W('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, L] for p in pats if p.get('pid') for d, L in p['fractures']])
    W('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    W('identifiers.csv', ['kind', 'value'], list(dict.fromkeys(tuple(x) for x in idents)))
# ---- end of shared block ----
# ---- Macau: one row per vertebra, patient fields only on the patient's first row ----
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.comments import Comment

TPS = ['pre', '1w', '1m', '3m', '12m']; TPS2 = ['pre', '1m']
TPH = {'pre': '術前 Pré', '1w': '1週 1 sem', '1m': '1月 1 mês', '3m': '3月 3 meses', '12m': '12月 12 meses'}
SUR = ['陳', '黃', '李', '梁', '何', '張', '林', '吳', '鄭', '蘇', '馮', '區', '羅', '譚', '葉', '歐陽']
SURR = {'陳': 'CHAN', '黃': 'WONG', '李': 'LEI', '梁': 'LEONG', '何': 'HO', '張': 'CHEONG', '林': 'LAM', '吳': 'NG',
        '鄭': 'CHEANG', '蘇': 'SOU', '馮': 'FONG', '區': 'AO', '羅': 'LO', '譚': 'TAM', '葉': 'IP', '歐陽': 'AO IEONG'}
GIV = {'female': [('美玲', 'MEI LENG'), ('淑儀', 'SOK I'), ('麗珠', 'LAI CHU'), ('秀英', 'SAO IENG'), ('月嬋', 'UT SIM'),
                  ('玉蘭', 'IOK LAN'), ('惠芳', 'WAI FONG'), ('佩珊', 'PUI SAN')],
       'male': [('國華', 'KUOK WA'), ('志強', 'CHI KEONG'), ('偉明', 'WAI MENG'), ('家豪', 'KA HOU'), ('文傑', 'MAN KIT'),
                ('錦輝', 'KAM FAI'), ('永康', 'WENG HONG'), ('振聲', 'CHAN SENG')]}
ETI = {'osteoporotic': ['骨質疏鬆 Osteoporose', '骨鬆'], 'pathologic': ['轉移瘤 Metástase', '骨髓瘤 Mieloma'],
       'traumatic': ['外傷 Traumatismo'], 'other': ['Kümmell病 Doença de Kümmell']}
LEAK = {'none': '無 Sem fuga', 'disc': '椎間盤 disco', 'venous': '靜脈 venosa', 'paravertebral': '椎旁 paravertebral',
        'epidural': '硬膜外 epidural', 'foraminal': '椎間孔 foraminal'}
CN = {'T': '胸', 'L': '腰'}


def ymd(d):
    return '%d年%d月%d日' % (d.year, d.month, d.day)


def main(outdir):
    R = random.Random(2301)
    pats = gen_cohort(2301, 24, TPS, TPS2, ['pain_vas', 'odi'], dt.date(2021, 5, 3), kp_share=0.5)
    idents = []
    wb = Workbook(); ws = wb.active; ws.title = '椎體強化術 Vertebroplastia'
    ws['A1'] = '澳門聖若瑟公立醫院 骨科 — 椎體成形術／後凸成形術病例登記 (Hospital Público de São José, Serviço de Ortopedia)'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = '登記員: 護士 區詠詩   更新日期 Atualizado em: 2023年2月14日   * 空白 = 同上一行病人 (em branco = mesmo doente)'
    h1 = ['研究編號', '姓名', '住院號', '性別', '出生日期', '年齡', '病因', '聯絡電話', '次數', '手術日期', '節段', '術式',
          '骨水泥', '骨水泥量(ml)', '滲漏'] + ['VAS ' + TPH[t].split()[0] for t in TPS] + ['ODI ' + TPH[t].split()[0] for t in TPS] + \
         ['新骨折', '死亡', '備註']
    h2 = ['Código estudo', 'Nome', 'N.º processo', 'Sexo', 'Data nasc.', 'Idade', 'Etiologia', 'Telefone', 'Sessão',
          'Data cirurgia', 'Nível', 'Técnica', 'Cimento', 'Vol. cimento (ml)', 'Fuga de cimento'] + \
         ['VAS ' + TPH[t].split()[1] + (' ' + TPH[t].split()[2] if len(TPH[t].split()) > 2 else '') for t in TPS] + \
         ['ODI ' + TPH[t].split()[1] + (' ' + TPH[t].split()[2] if len(TPH[t].split()) > 2 else '') for t in TPS] + \
         ['Nova fratura', 'Óbito', 'Observações']
    for c, (a, b) in enumerate(zip(h1, h2), 1):
        ws.cell(4, c, a).font = Font(bold=True); ws.cell(5, c, b).font = Font(italic=True)
        ws.cell(4, c).fill = PatternFill('solid', fgColor='DDEBF7')
    col = {h: i + 1 for i, h in enumerate(h2)}
    # errors: choose patients without second session / death
    plain = [p for p in pats if len(p['sessions']) == 1 and not p['died'] and not p['fractures']]
    e_level, e_vas, e_bdate, e_vol = plain[2], plain[5], plain[9], plain[13]
    errors = []
    r = 6
    for p in pats:
        p['pid'] = 'SJ-PV-%02d' % (p['idx'] + 1)
        s = R.choice(SUR); g = R.choice(GIV[p['sex']])
        name = '%s%s %s %s' % (s, g[0], SURR[s], g[1])
        rec = '%d%06d' % (R.choice([1, 2]), R.randint(0, 999999))
        tel = '6%03d %04d' % (R.randint(200, 999), R.randint(0, 9999))
        idents += [('name', name), ('record_number', rec), ('birth_date', ymd(p['birth'])), ('phone', tel)]
        first_row = r
        for s_ in p['sessions']:
            srow = r
            for vi, v in enumerate(s_['verts']):
                if vi == 0:
                    ws.cell(r, col['Sessão'], '第%d次' % s_['n'])
                    ws.cell(r, col['Data cirurgia'], ddate(p, s_['day']).strftime('%d/%m/%Y'))
                    ws.cell(r, col['Técnica'], '椎體成形術 PVP' if s_['tech'] == 'vertebroplasty' else '椎體後凸成形術 PKP')
                    ws.cell(r, col['Cimento'], '磷酸鈣 Fosfato de cálcio' if s_['cement'] == 'calcium phosphate' else
                            R.choice(['Osteopal V', 'Vertecem V+', 'Kyphon HV-R' if s_['tech'] == 'kyphoplasty' else 'Osteopal V', 'PMMA']))
                lvl = v['level']
                txt = (CN[lvl[0]] + lvl[1:]) if R.random() < 0.3 else lvl
                if p is e_level and vi == 0:
                    v['level'] = 'L6'; txt = 'L6'
                    errors.append([ws.title, 'K%d' % r, r, 'Nível', txt, 'impossible vertebral level L6', p['pid']])
                ws.cell(r, col['Nível'], txt)
                vol = v['vol']
                if p is e_vol and vi == 0:
                    v['vol'] = vol = 28.0
                    errors.append([ws.title, 'N%d' % r, r, 'Vol. cimento (ml)', 28, 'cement volume 28 ml in one vertebra (>20 ml)', p['pid']])
                ws.cell(r, col['Vol. cimento (ml)'], vol)
                ws.cell(r, col['Fuga de cimento'], '未記錄' if v['leak'] is None else '、'.join(LEAK[x] for x in v['leak']))
                r += 1
            tps = TPS if s_['n'] == 1 else TPS2
            for m, lab in [('pain_vas', 'VAS'), ('odi', 'ODI')]:
                for t in TPS:
                    c = col[lab + ' ' + ' '.join(TPH[t].split()[1:])]
                    key = (s_['n'], m, t)
                    if key in p['scores']:
                        v = p['scores'][key]
                        if v is None:
                            ws.cell(srow, c, R.choice(['—', '失訪', '未覆診']))
                        else:
                            if p is e_vas and key == (1, 'pain_vas', '1m'):
                                v = 12; p['scores'][key] = 12
                                errors.append([ws.title, ws.cell(srow, c).coordinate, srow, 'VAS 1 mês', 12, 'VAS 12 beyond 0-10 scale', p['pid']])
                            ws.cell(srow, c, v)
                    elif s_['n'] == 1 and p['died'] and (1, t) not in p['visits']:
                        ws.cell(srow, c, '歿')
                    elif s_['n'] == 1 and (len(p['sessions']) > 1):
                        ws.cell(srow, c, '見第2次')
        ws.cell(first_row, col['Código estudo'], p['pid'])
        ws.cell(first_row, col['Nome'], name)
        ws.cell(first_row, col['N.º processo'], rec)
        ws.cell(first_row, col['Sexo'], '女 F' if p['sex'] == 'female' else '男 M')
        bd = ymd(p['birth'])
        if p is e_bdate:
            bd = '%d年2月30日' % p['birth'].year
            idents[-2] = ('birth_date', bd)
            errors.append([ws.title, 'E%d' % first_row, first_row, 'Data nasc.', bd, 'impossible date 30 February', p['pid']])
        ws.cell(first_row, col['Data nasc.'], bd)
        ws.cell(first_row, col['Idade'], p['age'])
        ws.cell(first_row, col['Etiologia'], R.choice(ETI[p['etiology']]))
        ws.cell(first_row, col['Telefone'], tel)
        if p['fractures']:
            d, L = p['fractures'][0]
            ws.cell(first_row, col['Nova fratura'], '%s %s' % (ymd(ddate(p, d)), L))
        ws.cell(first_row, col['Óbito'], ymd(ddate(p, p['death_day'])) if p['died'] else '否')
        if len(p['sessions']) > 1:
            ws.cell(first_row, col['Observações'], '新骨折再入院 reinternamento')
        elif p['died']:
            ws.cell(first_row, col['Observações'], '家屬電話告知 (família informou)')
        r += 1 if R.random() < 0.15 else 0
    ws.cell(r + 1, 1, '歿 = 已故 falecido;  — / 失訪 / 未覆診 = 未有評分 sem avaliação')
    for c in range(1, len(h2) + 1):
        ws.column_dimensions[ws.cell(5, c).column_letter].width = 13
    ws.freeze_panes = 'B6'
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1])
