import sys, os, csv, datetime as dt
import numpy as np

SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LW = np.array([0, 0, 0, .5, 1, 1, 2, 3, 3, 4, 6, 12, 12, 7, 5, 3, 1], float)
LW = LW / LW.sum()
LEAK_SITES = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']


def generate(seed, n, id_fn, start, end, tps1, tps2, kp_share=0.4, cements=(('PMMA', 1.0),),
             vol_step=0.5, odi=False, mobility=None, attend=0.8, p_second=0.2, p_frac=0.15,
             p_death=0.15):
    """tps: list of (label, days, jitter). mobility: (lo, hi) ordinal scale, higher = better."""
    rng = np.random.default_rng(seed)
    span = (end - start).days
    pts = []
    for i in range(n):
        et = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=[.66, .24, .08, .02]))
        sex = 'female' if rng.random() < (0.75 if et == 'osteoporotic' else 0.5) else 'male'
        age = int(rng.integers(63, 93)) if et == 'osteoporotic' else int(rng.integers(44, 86))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        p = dict(id=id_fn(i), i=i, sex=sex, age=age, etiology=et, date0=d0, sessions=[],
                 fractures=[], died='no', death_day=None)
        used = set()

        def session(sno, day, idxs):
            tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
            names = [c[0] for c in cements]
            pr = np.array([c[1] for c in cements], float)
            cem = names[int(rng.choice(len(names), p=pr / pr.sum()))]
            vols, leaks = [], []
            for _ in idxs:
                lo, hi = (2.0, 6.5) if tech == 'kyphoplasty' else (1.5, 5.0)
                v = round(float(rng.uniform(lo, hi)) / vol_step) * vol_step
                vols.append(round(v, 1))
                if rng.random() < 0.72:
                    leaks.append([])
                else:
                    k = 1 if rng.random() < 0.8 else 2
                    s = sorted(rng.choice(len(LEAK_SITES), size=k, replace=False).tolist())
                    leaks.append([LEAK_SITES[j] for j in s])
            for j in idxs:
                used.add(j)
            return dict(session=sno, day=day, date=d0 + dt.timedelta(days=day),
                        levels=[SPINE[j] for j in idxs], technique=tech, cement=cem,
                        vols=vols, leaks=leaks, assess={})

        r = rng.random()
        nlev = 1 if r < 0.6 else (2 if r < 0.88 else 3)
        while True:
            c = int(rng.choice(len(SPINE), p=LW))
            idxs = list(range(c, c + nlev))
            if idxs[-1] < len(SPINE):
                break
        p['sessions'].append(session(1, 0, idxs))
        if rng.random() < p_second:
            day = int(rng.integers(25, 160))
            cand = [j for j in (min(used) - 1, max(used) + 1, max(used) + 2, min(used) - 2)
                    if 3 <= j < len(SPINE) and j not in used]
            j = cand[int(rng.integers(0, min(2, len(cand))))]
            fday = day - int(rng.integers(4, 20))
            p['fractures'].append((fday, SPINE[j]))
            p['sessions'].append(session(2, day, [j]))
        if rng.random() < p_frac:
            cand = [j for j in (min(used) - 1, max(used) + 1, max(used) + 2)
                    if 3 <= j < len(SPINE) and j not in used and SPINE[j] not in [f[1] for f in p['fractures']]]
            if cand:
                j = cand[int(rng.integers(0, len(cand)))]
                lastday = p['sessions'][-1]['day']
                p['fractures'].append((int(rng.integers(lastday + 30, lastday + 330)), SPINE[j]))
        if rng.random() < p_death:
            p['died'] = 'yes'
            dd = int(rng.integers(45, 420))
            if et == 'pathologic':
                dd = int(rng.integers(30, 250))
            # drop anything after death
            p['sessions'] = [s for s in p['sessions'] if s['day'] < dd - 10]
            p['fractures'] = [f for f in p['fractures'] if f[0] < dd - 5]
            p['death_day'] = dd
        # assessments
        for s in p['sessions']:
            tps = tps1 if s['session'] == 1 else tps2
            pre = int(rng.integers(6, 11))
            preodi = int(rng.integers(36, 82))
            premob = None if mobility is None else int(rng.integers(mobility[0], mobility[0] + 2 + (mobility[1] - mobility[0]) // 3))
            for lab, days, jit in tps:
                if lab == 'pre':
                    vday = s['day'] - int(rng.integers(0, 2)) if jit else s['day']
                    if rng.random() < 0.05:
                        continue
                else:
                    vday = s['day'] + days + (int(rng.integers(-jit, jit + 1)) if jit else 0)
                    if p['death_day'] is not None and vday >= p['death_day']:
                        continue
                    if rng.random() > attend:
                        continue
                vals = {}
                if lab == 'pre':
                    vals['pain_vas'] = pre
                    if odi:
                        vals['odi'] = preodi
                    if mobility:
                        vals['mobility'] = premob
                else:
                    f = min(1.0, 0.45 + days / 120)
                    v = pre - f * rng.uniform(2.5, 6.5) + rng.normal(0, 0.8)
                    vals['pain_vas'] = int(min(10, max(0, round(v))))
                    if odi:
                        o = preodi - f * rng.uniform(10, 35) + rng.normal(0, 4)
                        vals['odi'] = int(min(100, max(0, round(o / 2) * 2)))
                    if mobility:
                        m = premob + int(round(f * rng.uniform(0, mobility[1] - premob)))
                        vals['mobility'] = int(min(mobility[1], max(mobility[0], m)))
                s['assess'][lab] = dict(vday=vday, vdate=d0 + dt.timedelta(days=vday), vals=vals)
        pts.append(p)
    return pts


def fnum(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0').rstrip('.')


def write_truth(out, pts, errors, identifiers, vol_mode='per_level', sex=True, age=True,
                etiology=True, died=True, cement=True, leak=True, technique=True):
    """vol_mode: per_level | session_total (total only: per-vertebra for single-level sessions)."""
    td = os.path.join(out, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as fh:
            cw = csv.writer(fh, lineterminator='\n')
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
        p['died'] if died else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = round(sum(s['vols']), 2)
            for k, lv in enumerate(s['levels']):
                if vol_mode == 'per_level' or len(s['levels']) == 1:
                    cv, sv = fnum(s['vols'][k]), ''
                else:
                    cv, sv = '', fnum(tot)
                lk = (';'.join(s['leaks'][k]) if s['leaks'][k] else 'none') if leak else ''
                rows.append([p['id'], s['session'], s['day'], lv, s['technique'] if technique else '',
                             cv, sv, s['cement'] if cement else '', lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for s in p['sessions']:
            for lab, a in s['assess'].items():
                for m, v in a['vals'].items():
                    rows.append([p['id'], s['session'], m, lab, fnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, lv] for p in pts for d, lv in sorted(p['fractures'])])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# ---------------------------------------------------------------- Porto (pt-PT)
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.comments import Comment

LEAK_PT = {'disc': 'discal', 'epidural': 'epidural', 'foraminal': 'foraminal', 'venous': 'venosa',
           'paravertebral': 'paravertebral'}
FIRST_F = ['Maria', 'Ana', 'Rosa', 'Fernanda', 'Isabel', 'Conceição', 'Glória', 'Teresa', 'Lurdes', 'Amélia', 'Emília', 'Olívia']
FIRST_M = ['Manuel', 'José', 'António', 'Joaquim', 'Fernando', 'Armando', 'Abílio', 'Álvaro', 'Rui', 'Domingos']
LAST = ['Pereira', 'Ferreira', 'Sousa', 'Carvalho', 'Teixeira', 'Moreira', 'Pinto', 'Magalhães', 'Oliveira', 'Rocha',
        'Monteiro', 'Guedes', 'Barbosa', 'Cunha', 'Azevedo', 'Lopes', 'Mendes', 'Queirós']


def lvl_pt(l):
    return ('D' + l[1:]) if l.startswith('T') else l


def main(out):
    os.makedirs(out, exist_ok=True)
    tps1 = [('pre', 0, 0), ('24h', 1, 0), ('1m', 30, 6), ('3m', 90, 12), ('12m', 365, 25)]
    tps2 = [('pre', 0, 0), ('1m', 30, 6)]
    pts = generate(1401, 24, lambda i: 'VP-%03d' % (i + 1), dt.date(2021, 2, 1), dt.date(2023, 3, 31),
                   tps1, tps2, kp_share=0.35, cements=(('PMMA', 0.9), ('calcium phosphate', 0.1)),
                   vol_step=0.5, p_second=0.2)
    rng = np.random.default_rng(14011)
    wb = Workbook()
    ws = wb.active
    ws.title = 'Registo 2021-2023'
    bold = Font(bold=True)
    ctr = Alignment(horizontal='center', vertical='center', wrap_text=True)
    thin = Side(style='thin', color='999999')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'Centro Hospitalar do Douro Litoral — Serviço de Neurorradiologia / Unidade de Coluna'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'Registo de vertebroplastias e cifoplastias percutâneas (atualizado em 12/06/2024 — Dra. M. Guedes)'
    ws['A2'].font = Font(italic=True)
    groups = [('Identificação', 1, 3), ('Doente', 4, 6), ('1.º procedimento', 7, 12),
              ('Dor — EVA (0-10) após 1.º procedimento', 13, 17), ('2.º procedimento', 18, 23),
              ('EVA 2.º proc.', 24, 25), ('Evolução', 26, 29)]
    sub = ['N.º estudo', 'Nome', 'N.º processo', 'Sexo', 'Idade', 'Etiologia',
           'Data', 'Níveis', 'Técnica', 'Cimento', 'Volume total (ml)', 'Fuga de cimento',
           'Pré', '24 h', '1 mês', '3 meses', '12 meses',
           'Data', 'Nível', 'Técnica', 'Cimento', 'Volume (ml)', 'Fuga de cimento',
           'Pré', '1 mês',
           'Novas fraturas (nível, data)', 'Óbito', 'Data do óbito', 'Observações']
    fills = ['DDEBF7', 'E2EFDA', 'FFF2CC', 'FCE4D6', 'EDEDED', 'FCE4D6', 'D9E1F2']
    for (g, a, b), fc in zip(groups, fills):
        ws.cell(4, a, g)
        ws.merge_cells(start_row=4, start_column=a, end_row=4, end_column=b)
        for c in range(a, b + 1):
            ws.cell(4, c).fill = PatternFill('solid', fgColor=fc)
            ws.cell(5, c).fill = PatternFill('solid', fgColor=fc)
        ws.cell(4, a).font = bold
        ws.cell(4, a).alignment = ctr
    for j, h in enumerate(sub, 1):
        c = ws.cell(5, j, h)
        c.font = bold
        c.alignment = ctr
        c.border = box
    identifiers = []
    used_names = set()
    ETI = {'osteoporotic': ['Osteoporose', 'Osteoporose', 'Osteoporose (corticoterapia)'],
           'pathologic': ['Metástase (mama)', 'Mieloma múltiplo', 'Metástase (pulmão)', 'Metástase (próstata)'],
           'traumatic': ['Traumática (queda)', 'Traumática'],
           'other': ['Osteonecrose (Kümmell)']}
    rows = {}
    for k, p in enumerate(pts):
        r = 6 + k
        rows[p['id']] = r
        while True:
            fn = (FIRST_F if p['sex'] == 'female' else FIRST_M)
            nm = '%s %s %s' % (fn[int(rng.integers(len(fn)))], LAST[int(rng.integers(len(LAST)))], LAST[int(rng.integers(len(LAST)))])
            if nm not in used_names:
                used_names.add(nm)
                break
        proc = str(int(rng.integers(1000000, 9999999)))
        identifiers += [('name', nm), ('record_number', proc)]
        e = [x for x in ETI[p['etiology']] if not (('próstata' in x and p['sex'] == 'female') or ('mama' in x and p['sex'] == 'male'))]
        s1 = p['sessions'][0]
        vals = [p['id'], nm, proc, 'F' if p['sex'] == 'female' else 'M', p['age'], e[int(rng.integers(len(e)))]]
        for j, v in enumerate(vals, 1):
            ws.cell(r, j, v)
        ws.cell(r, 3).number_format = '@'

        def sess(s, c0):
            ws.cell(r, c0, s['date']).number_format = 'dd/mm/yyyy'
            ws.cell(r, c0 + 1, ' + '.join(lvl_pt(l) for l in s['levels']))
            ws.cell(r, c0 + 2, 'CP' if s['technique'] == 'kyphoplasty' else 'VP')
            ws.cell(r, c0 + 3, 'PMMA' if s['cement'] == 'PMMA' else 'Fosfato de cálcio')
            c = ws.cell(r, c0 + 4, round(sum(s['vols']), 1))
            c.number_format = '0.0'
            if not any(s['leaks']):
                lk = 'Não'
            elif len(s['levels']) == 1:
                lk = 'Sim – ' + ' e '.join(LEAK_PT[x] for x in s['leaks'][0])
            else:
                lk = 'Sim – ' + '; '.join('%s %s' % (lvl_pt(l), ' e '.join(LEAK_PT[x] for x in lk_))
                                          for l, lk_ in zip(s['levels'], s['leaks']) if lk_)
            ws.cell(r, c0 + 5, lk)
        sess(s1, 7)

        def eva(s, labs, c0):
            for j, lab in enumerate(labs):
                a = s['assess'].get(lab)
                cc = ws.cell(r, c0 + j)
                cc.alignment = Alignment(horizontal='center')
                if a:
                    cc.value = a['vals']['pain_vas']
                else:
                    off = dict(pre=0, **{'24h': 1, '1m': 30, '3m': 90, '12m': 365})[lab]
                    if p['death_day'] is not None and s['day'] + off >= p['death_day']:
                        cc.value = '—'
                    elif rng.random() < 0.6:
                        cc.value = 'n.r.'
        eva(s1, ['pre', '24h', '1m', '3m', '12m'], 13)
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            sess(s2, 18)
            eva(s2, ['pre', '1m'], 24)
        if p['fractures']:
            ws.cell(r, 26, '; '.join('%s (%s)' % (lvl_pt(l), (p['date0'] + dt.timedelta(days=d)).strftime('%d/%m/%Y'))
                                     for d, l in sorted(p['fractures'])))
        ws.cell(r, 27, 'Sim' if p['died'] == 'yes' else 'Não')
        if p['died'] == 'yes':
            ws.cell(r, 28, p['date0'] + dt.timedelta(days=p['death_day'])).number_format = 'dd/mm/yyyy'
            for c in range(1, 30):
                ws.cell(r, c).font = Font(color='808080')
        obs = []
        if len(p['sessions']) > 1:
            obs.append('2.º proc. por nova fratura')
        if p['etiology'] == 'pathologic' and rng.random() < 0.5:
            obs.append('seguido em Oncologia')
        if obs:
            ws.cell(r, 29, '; '.join(obs))
    last = 6 + len(pts) - 1
    ws.cell(last + 2, 1, 'Legenda: VP = vertebroplastia; CP = cifoplastia (balão); D = vértebra dorsal; '
                         'n.r. = não realizado; — = doente já falecido. Linhas a cinzento = doentes falecidos.')
    ws.cell(last + 2, 1).font = Font(italic=True, size=9)
    # ------------------------------------------------------------------ planted errors
    errors = []
    def pick(cond, taken):
        for p in pts:
            if p['id'] not in taken and cond(p):
                taken.add(p['id'])
                return p
    taken = set()
    p = pick(lambda p: len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0].startswith('L') and p['i'] > 3, taken)
    r = rows[p['id']]
    ws.cell(r, 8, 'L7')
    errors.append(['Registo 2021-2023', 'H%d' % r, r, 'Níveis', 'L7', 'vértebra inexistente (L7)', p['id']])
    p = pick(lambda p: '1m' in p['sessions'][0]['assess'] and p['i'] > 6, taken)
    r = rows[p['id']]
    ws.cell(r, 15, 13)
    errors.append(['Registo 2021-2023', 'O%d' % r, r, '1 mês', '13', 'EVA 13 numa escala 0-10', p['id']])
    p = pick(lambda p: p['i'] > 10, taken)
    r = rows[p['id']]
    ws.cell(r, 7, '31/09/2022').number_format = '@'
    errors.append(['Registo 2021-2023', 'G%d' % r, r, 'Data', '31/09/2022', 'data impossível (setembro tem 30 dias)', p['id']])
    p = pick(lambda p: p['i'] > 15, taken)
    r = rows[p['id']]
    ws.cell(r, 5, 208)
    errors.append(['Registo 2021-2023', 'E%d' % r, r, 'Idade', '208', 'idade impossível', p['id']])
    ws.cell(r, 5).comment = Comment('confirmar idade', 'MG')
    widths = [10, 28, 12, 6, 7, 24, 11, 13, 8, 15, 10, 26, 6, 6, 6, 7, 8, 11, 8, 8, 14, 9, 18, 6, 6, 30, 7, 12, 30]
    for j, wdt in enumerate(widths, 1):
        ws.column_dimensions[col(j)].width = wdt
    ws.freeze_panes = 'B6'
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, identifiers, vol_mode='session_total')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
