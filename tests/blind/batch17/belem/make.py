# ---- common cohort generator (shared by the batch-17 sites; copied into each make.py) ----
import os, sys, csv, random, datetime as dt

TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 180, '12m': 365, '24m': 730}
LEVELS = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEVEL_W = [1, 1, 2, 3, 3, 4, 6, 10, 10, 6, 4, 2, 1]


def lvl_idx(l):
    return LEVELS.index(l)


def pick_levels(rng, k, avoid=()):
    while True:
        start = rng.choices(LEVELS, LEVEL_W)[0]
        i = lvl_idx(start)
        if i + k > len(LEVELS):
            continue
        if k > 1 and rng.random() < 0.25 and i + k + 1 <= len(LEVELS):
            levs = [LEVELS[i]] + [LEVELS[i + 2 + j] for j in range(k - 1)]  # non-contiguous
        else:
            levs = LEVELS[i:i + k]
        if not set(levs) & set(avoid):
            return levs


def gen_cohort(seed, n, tps, measures, s2_tps, start=dt.date(2021, 1, 10), end=dt.date(2023, 6, 30),
               pmma_brands=('PMMA',), cp_brand=None, n_s2=3, n_extra_fx=2, n_died=3,
               kypho_share=0.3):
    """Returns a list of patient dicts. tps: session-1 timepoints (incl. 'pre'); s2_tps: session-2."""
    rng = random.Random(seed)
    pts = []
    span = (end - start).days
    etis = ['osteoporotic'] * 17 + ['pathologic'] * 6 + ['traumatic'] * 3
    rng.shuffle(etis)
    for k in range(n):
        eti = etis[k % len(etis)]
        sex = 'female' if rng.random() < (0.78 if eti == 'osteoporotic' else 0.45) else 'male'
        age = {'osteoporotic': rng.randint(58, 89), 'pathologic': rng.randint(44, 79),
               'traumatic': rng.randint(33, 71)}[eti]
        d0 = start + dt.timedelta(days=int(span * k / n) + rng.randint(0, 12))
        # birth date consistent with age at d0
        bd = d0 - dt.timedelta(days=int(age * 365.25) + rng.randint(20, 340))
        while True:
            a = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
            if a == age:
                break
            bd += dt.timedelta(days=(a - age) * 200)
        nlev = rng.choices([1, 2, 3], [70, 22, 8])[0]
        tech = 'kyphoplasty' if rng.random() < (kypho_share + (0.3 if eti != 'osteoporotic' else 0)) else 'vertebroplasty'
        p = dict(idx=k, sex=sex, age=age, etiology=eti, bdate=bd, d0=d0, died=False, death=None,
                 sessions=[], scores={}, vdates={}, fractures=[], err=None)
        p['sessions'].append(mk_session(rng, 1, d0, 0, nlev, tech, pmma_brands, cp_brand, eti))
        pts.append(p)
    # second sessions / fractures / deaths
    order = list(range(n))
    rng.shuffle(order)
    s2_ids = [i for i in order if pts[i]['etiology'] == 'osteoporotic'][:n_s2]
    died_ids = [i for i in order if i not in s2_ids and pts[i]['etiology'] == 'pathologic'][:max(0, n_died - 1)]
    died_ids += [i for i in order if i not in s2_ids and i not in died_ids and pts[i]['etiology'] == 'osteoporotic'][:1]
    died_ids = died_ids[:n_died]
    fx_ids = [i for i in order if i not in s2_ids and i not in died_ids][:n_extra_fx]
    for i, p in enumerate(pts):
        used = [l['level'] for l in p['sessions'][0]['levels']]
        if i in s2_ids:
            fday = rng.choice([35, 60, 95, 120, 150])
            lv = pick_levels(rng, 1, avoid=used + [nb for u in used for nb in nbrs(u)])
            p['fractures'].append((fday, lv[0]))
            sday = fday + rng.randint(3, 15)
            s = mk_session(rng, 2, p['d0'] + dt.timedelta(days=sday), sday, 1, p['sessions'][0]['technique'],
                           pmma_brands, cp_brand, p['etiology'], fixed_levels=lv,
                           cement=p['sessions'][0]['cement'])
            p['sessions'].append(s)
        if i in fx_ids:
            fday = rng.choice([88, 175, 190, 300])
            lv = pick_levels(rng, 1, avoid=used + [nb for u in used for nb in nbrs(u)])
            p['fractures'].append((fday, lv[0]))
        if i in died_ids:
            p['died'] = True
    # scores
    for p in pts:
        death_day = None
        if p['died']:
            # dies after some follow-up: last attended timepoint then death
            fu = [t for t in tps if t != 'pre']
            nkeep = rng.randint(2, max(2, len(fu) - 1))
            keep = fu[:nkeep]
            last = TP_DAYS[keep[-1]]
            nxt = TP_DAYS[fu[nkeep]] if nkeep < len(fu) else last + 120
            death_day = rng.randint(last + 10, max(last + 11, nxt - 5))
            p['death'] = p['d0'] + dt.timedelta(days=death_day)
            p['death_day'] = death_day
        for s in p['sessions']:
            stps = tps if s['s'] == 1 else s2_tps
            base = rng.uniform(6.5, 9.5)
            for t in stps:
                vday = s['day'] + TP_DAYS[t]
                if t not in ('pre', '24h'):
                    vday += rng.randint(-4, 9) if TP_DAYS[t] >= 30 else rng.randint(0, 2)
                alive = death_day is None or vday < death_day - 3
                missing = (not alive) or (t not in ('pre',) and rng.random() < 0.13)
                if p['died'] and alive and t != 'pre':
                    missing = False
                p['vdates'][(s['s'], t)] = None if not alive else p['d0'] + dt.timedelta(days=vday)
                p.setdefault('attended', {})[(s['s'], t)] = not missing
                if missing and alive:
                    p['vdates'][(s['s'], t)] = None
                for m in measures.get(t, []) if s['s'] == 1 else measures.get('s2_' + t, measures.get(t, [])):
                    if missing:
                        p['scores'][(s['s'], m, t)] = None
                        continue
                    p['scores'][(s['s'], m, t)] = score(rng, m, t, base)
    return pts


def nbrs(l):
    i = lvl_idx(l)
    return [LEVELS[j] for j in (i - 1, i + 1) if 0 <= j < len(LEVELS)]


def mk_session(rng, s, date, day, nlev, tech, pmma_brands, cp_brand, eti, fixed_levels=None, cement=None):
    levs = fixed_levels or pick_levels(rng, nlev)
    if cement is None:
        cement = cp_brand if (cp_brand and eti == 'traumatic' and rng.random() < 0.7) else rng.choice(pmma_brands)
    L = []
    for l in levs:
        lumbar = l.startswith('L')
        vol = rng.choice([2.0, 2.5, 3.0, 3.5, 4.0] if not lumbar else [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0])
        if tech == 'kyphoplasty':
            vol += 1.0
        r = rng.random()
        if r < 0.62:
            leak = 'none'
        elif r < 0.77:
            leak = 'disc'
        elif r < 0.88:
            leak = 'venous'
        elif r < 0.94:
            leak = 'paravertebral'
        elif r < 0.97:
            leak = 'disc;venous'
        else:
            leak = 'epidural'
        L.append(dict(level=l, vol=vol, leak=leak))
    return dict(s=s, date=date, day=day, technique=tech, cement=cement, levels=L,
                total=round(sum(x['vol'] for x in L), 1))


def score(rng, m, t, base):
    d = TP_DAYS[t]
    if m == 'pain_vas':
        if t == 'pre':
            return int(round(base))
        if d <= 1:
            return max(0, int(round(base - rng.uniform(3, 5))))
        return max(0, int(round(base - rng.uniform(4, 7))))
    if m == 'odi':
        if t == 'pre':
            return 2 * rng.randint(25, 42)
        return 2 * rng.randint(8, 22)
    if m == 'mobility':
        if t == 'pre':
            return rng.choice([2, 3, 3, 4])
        if d <= 1:
            return rng.choice([1, 2, 2])
        return rng.choice([0, 1, 1])
    raise ValueError(m)


class Truth:
    def __init__(self):
        self.errors = []
        self.idents = []
        self._seen = set()

    def err(self, sheet, cell, header, value, what, pid):
        import re
        row = int(re.sub(r'^[A-Z]+', '', cell))
        self.errors.append([sheet, cell, row, header, value, what, pid or ''])

    def ident(self, kind, value):
        value = str(value)
        if (kind, value) not in self._seen:
            self._seen.add((kind, value))
            self.idents.append([kind, value])


def fmtnum(x):
    if x is None:
        return ''
    if float(x) == int(x):
        return str(int(x))
    return ('%.2f' % x).rstrip('0').rstrip('.')


def write_truth(outdir, pts, T, per_vertebra=lambda p, s: True, skip=lambda p: False):
    """Writes truth/*.csv.  per_vertebra(p, s) tells whether the input gives per-vertebra volumes."""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f)
            c.writerow(header)
            c.writerows(rows)
    P, R, A, F = [], [], [], []
    for p in [q for q in pts if not q['err']]:   # consistency of the generated (non-planted) data
        ds = [d for d in p['vdates'].values() if d is not None] + [p['d0'] + dt.timedelta(days=f) for f, _ in p['fractures']]
        ds += [s['date'] for s in p['sessions']]
        assert min(ds) >= p['d0'], p['pid']
        if p['died']:
            assert p['death'] > max(ds), p['pid']
    for p in pts:
        if skip(p):
            continue
        pid = p['pid']
        P.append([pid, p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'])
        for s in p['sessions']:
            pv = per_vertebra(p, s)
            for L in s['levels']:
                R.append([pid, s['s'], '' if s.get('day_unknown') else s['day'], L['level'], s['technique'],
                          fmtnum(L['vol']) if pv else '', '' if pv else fmtnum(s['total']),
                          s['cement_truth'], L['leak']])
        for (ss, m, t), v in p['scores'].items():
            if v is not None:
                A.append([pid, ss, m, t, fmtnum(v)])
        for (d, l) in p['fractures']:
            F.append([pid, d, l])
    A.sort(key=lambda r: (r[0], r[1], r[2], list(TP_DAYS).index(r[3])))
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], R)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    w('fractures.csv', ['patient_id', 'day', 'level'], F)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], T.errors)
    w('identifiers.csv', ['kind', 'value'], T.idents)


def outdir_arg():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    return out
# ---- end common ----
# ---- site: belem ----
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter

NAMES_F = ['Maria das Graças Souza', 'Raimunda Nonata Ferreira', 'Francisca Alves da Silva', 'Benedita Costa Pinheiro',
           'Ana Lúcia Monteiro', 'Terezinha de Jesus Barbosa', 'Conceição Rodrigues Lima', 'Antônia Pereira Gomes',
           'Iracema Santos Cardoso', 'Joana Darc Moraes', 'Rosilda Nascimento', 'Maria de Nazaré Carvalho', 'Luzia Ribeiro Pantoja',
           'Zuleide Araújo Farias', 'Marlene Sousa Tavares', 'Sebastiana Corrêa Melo', 'Dalva Miranda Batista', 'Odete Quaresma']
NAMES_M = ['José Raimundo Oliveira', 'Manoel Batista Costa', 'Francisco das Chagas Lopes', 'Benedito Nunes Ferreira',
           'Antônio Carlos Martins', 'João Evangelista Dias', 'Raimundo Nonato Teixeira', 'Sebastião Barros Leal',
           'Pedro Paulo Brito', 'Carlos Alberto Pinto', 'Luiz Fernando Rocha', 'Osvaldo Guimarães']
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
MEAS = {'pre': ['pain_vas', 'odi', 'mobility'], '24h': ['pain_vas', 'mobility'], '1m': ['pain_vas', 'odi', 'mobility'],
        '3m': ['pain_vas'], '6m': ['pain_vas', 'odi'], '12m': ['pain_vas', 'odi', 'mobility'],
        's2_pre': ['pain_vas', 'mobility'], 's2_24h': ['pain_vas', 'mobility'], 's2_1m': ['pain_vas', 'mobility']}
SHEET = {'pre': 'Pré-op', '24h': '24h', '1m': '30 dias', '3m': '90 dias', '6m': '6 meses', '12m': '1 ano'}
CEM = {'PMMA Baumer': 'PMMA', 'Osteopal V': 'PMMA', 'PMMA': 'PMMA', 'Fosfato de cálcio': 'calcium phosphate'}
LKP = {'none': 'Não', 'disc': 'Discal', 'venous': 'Venoso', 'paravertebral': 'Paravertebral', 'epidural': 'Epidural',
       'disc;venous': 'Discal + venoso'}


def br(x):
    return fmtnum(x).replace('.', ',')


def main():
    out = outdir_arg()
    rng = random.Random(1705)
    pts = gen_cohort(1705, 27, TPS, MEAS, ['pre', '24h', '1m'], start=dt.date(2021, 5, 1), end=dt.date(2023, 5, 31),
                     pmma_brands=['PMMA Baumer', 'PMMA Baumer', 'Osteopal V', 'PMMA'], cp_brand='Fosfato de cálcio',
                     n_s2=3, n_extra_fx=2, n_died=3, kypho_share=0.2)
    used = set()
    for i, p in enumerate(pts):
        p['pid'] = 'CVB-%03d' % (i + 1)
        pool = [x for x in (NAMES_F if p['sex'] == 'female' else NAMES_M) if x not in used]
        p['name'] = rng.choice(pool); used.add(p['name'])
        p['pront'] = '%07d' % rng.randint(100000, 2999999)
        p['cns'] = '%d%02d %04d %04d %04d' % (rng.choice([7, 8, 2]), rng.randint(0, 99), rng.randint(0, 9999), rng.randint(0, 9999), rng.randint(0, 9999))
        p['tel'] = '(91) 9%04d-%04d' % (rng.randint(8000, 9999), rng.randint(0, 9999))
        for s in p['sessions']:
            s['cement_truth'] = CEM[s['cement']]
    plain = [i for i, p in enumerate(pts) if not p['died'] and len(p['sessions']) == 1 and not p['fractures']]
    E = dict(zip([plain[0], plain[4], plain[7], plain[11], plain[15]], ['eva78', 'L6', 'set31', 'before', 'noid']))
    for i, k in E.items():
        pts[i]['err'] = k
    ix = {k: i for i, k in E.items()}
    p = pts[ix['eva78']]
    p['scores'][(1, 'pain_vas', '3m')] = 78
    if p['vdates'][(1, '3m')] is None:
        p['vdates'][(1, '3m')] = p['d0'] + dt.timedelta(days=91)
    p = pts[ix['L6']]
    p['sessions'][0]['levels'][-1]['level'] = 'L6'
    for key in ('set31', 'before', 'noid'):
        p = pts[ix[key]]
        if p['vdates'][(1, '1m')] is None:
            p['vdates'][(1, '1m')] = p['d0'] + dt.timedelta(days=30)
            for m in MEAS['1m']:
                p['scores'][(1, m, '1m')] = 1
    # the row without ID: its scores cannot be attributed
    p = pts[ix['noid']]
    noid_scores = {m: p['scores'].pop((1, m, '1m')) for m in MEAS['1m']}
    T = Truth()
    wb = Workbook()
    red = PatternFill('solid', fgColor='F4B084')
    hfill = PatternFill('solid', fgColor='C6E0B4')
    bold = Font(bold=True)

    def header(ws, title, hdr, widths):
        ws['A1'] = title
        ws['A1'].font = Font(bold=True, size=12)
        for j, h in enumerate(hdr, 1):
            c = ws.cell(3, j, h); c.font = bold; c.fill = hfill
            c.alignment = Alignment(wrap_text=True, horizontal='center')
            ws.column_dimensions[get_column_letter(j)].width = widths[j - 1] if j <= len(widths) else 12
        ws.freeze_panes = 'B4'

    # --- Cadastro
    ws = wb.active
    ws.title = 'Cadastro'
    hdr = ['Nº', 'ID estudo', 'Nome', 'Prontuário', 'Cartão SUS', 'Data nasc.', 'Idade', 'Sexo', 'Telefone', 'Etiologia', 'Óbito']
    header(ws, 'Hospital Metropolitano do Guamá — Serviço de Coluna — Vertebroplastia/Cifoplastia (cadastro)', hdr,
           [5, 10, 30, 11, 20, 12, 7, 6, 17, 26, 20])
    for k, p in enumerate(pts, 1):
        r = k + 3
        vals = [k, p['pid'], p['name'], p['pront'], p['cns'], p['bdate'], p['age'], 'F' if p['sex'] == 'female' else 'M', p['tel'],
                rng.choice({'osteoporotic': ['Osteoporose', 'Fratura osteoporótica', 'Osteoporose pós-menopausa' if p['sex'] == 'female' else 'Osteoporose'],
                            'pathologic': ['Metástase (CA mama)' if p['sex'] == 'female' else 'Metástase (CA próstata)', 'Mieloma múltiplo', 'Metástase (CA pulmão)'],
                            'traumatic': ['Trauma (queda da própria altura)' if False else 'Trauma (queda de altura)', 'Trauma - acidente de moto']}[p['etiology']]),
                ('Sim - ' + p['death'].strftime('%d/%m/%Y')) if p['died'] else 'Não']
        for j, v in enumerate(vals, 1):
            c = ws.cell(r, j, v)
            if j == 6:
                c.number_format = 'dd/mm/yyyy'
        T.ident('name', p['name']); T.ident('record_number', p['pront']); T.ident('national_health_card', p['cns'])
        T.ident('birth_date', p['bdate'].strftime('%d/%m/%Y')); T.ident('phone', p['tel'])
    # --- Cirurgias: one row per session, levels in column groups
    ws = wb.create_sheet('Cirurgias')
    hdr = ['ID estudo', 'Sessão', 'Data', 'Técnica', 'Cimento'] + sum([['Nível %d' % k, 'Vol. %d (mL)' % k, 'Extravasamento %d' % k] for k in (1, 2, 3)], []) + ['Obs.']
    header(ws, 'Procedimentos (um por linha; até 3 níveis)', hdr, [10, 7, 12, 15, 16] + [8, 10, 15] * 3 + [30])
    rows = sorted([(s['date'], p, s) for p in pts for s in p['sessions']], key=lambda x: x[0])
    for k, (d, p, s) in enumerate(rows):
        r = k + 4
        ws.cell(r, 1, p['pid']); ws.cell(r, 2, '%dª' % s['s'])
        ws.cell(r, 3, d).number_format = 'dd/mm/yyyy'
        ws.cell(r, 4, 'Vertebroplastia' if s['technique'] == 'vertebroplasty' else 'Cifoplastia')
        ws.cell(r, 5, s['cement'])
        for j, L in enumerate(s['levels']):
            ws.cell(r, 6 + 3 * j, L['level'])
            if L['level'] == 'L6':
                T.err('Cirurgias', '%s%d' % (get_column_letter(6 + 3 * j), r), 'Nível %d' % (j + 1), 'L6', 'impossible vertebral level L6', p['pid'])
            ws.cell(r, 7 + 3 * j, br(L['vol']))
            ws.cell(r, 8 + 3 * j, LKP[L['leak']])
        if s['s'] == 2:
            ws.cell(r, 15, 'Nova fratura após 1ª sessão, ver Intercorrências')
        elif any(L['leak'] == 'epidural' for L in s['levels']):
            ws.cell(r, 15, 'Extravasamento epidural pequeno, assintomático (TC)')
    # --- one sheet per visit
    for t in TPS:
        ws = wb.create_sheet(SHEET[t])
        ms = MEAS[t]
        hdr = ['ID estudo', 'Sessão', 'Data da consulta'] + [{'pain_vas': 'EVA (0-10)', 'odi': 'ODI (%)', 'mobility': 'Mobilidade (0-4)'}[m] for m in ms] + ['Obs.']
        header(ws, 'Avaliação — %s' % SHEET[t] + ('' if t == 'pre' else ' após o procedimento'), hdr, [10, 7, 14, 11, 9, 14, 30])
        entries = []
        for p in pts:
            for s in p['sessions']:
                stps = TPS if s['s'] == 1 else ['pre', '24h', '1m']
                if t not in stps:
                    continue
                dead = p['died'] and s['day'] + TP_DAYS[t] > p['death_day']
                if dead:
                    continue
                d = p['vdates'].get((s['s'], t))
                entries.append((d or (s['date'] + dt.timedelta(days=TP_DAYS[t])), p, s, d))
        entries.sort(key=lambda e: e[0])
        for k, (_, p, s, d) in enumerate(entries):
            r = k + 4
            hm = {m: 4 + j for j, m in enumerate(ms)}
            obs = 4 + len(ms)
            if p['err'] == 'noid' and t == '1m' and s['s'] == 1:
                T.err(ws.title, 'A%d' % r, 'ID estudo', '', 'row with data but no study ID', '')
            else:
                ws.cell(r, 1, p['pid'])
            ws.cell(r, 2, s['s'])
            smeas = ms if s['s'] == 1 else MEAS['s2_' + t]
            if d is None:
                ws.cell(r, 3, '-')
                ws.cell(r, obs, rng.choice(['Faltou', 'Faltou', 'Não compareceu', 'NC - sem contato telefônico']))
                for j in range(1, obs + 1):
                    ws.cell(r, j).fill = red
                continue
            if p['err'] == 'set31' and t == '1m':
                bad = '31/09/%d' % d.year
                ws.cell(r, 3, bad)
                T.err(ws.title, 'C%d' % r, 'Data da consulta', bad, 'impossible date: 31 September', p['pid'])
            elif p['err'] == 'before' and t == '1m':
                bd = p['d0'] - dt.timedelta(days=rng.randint(20, 40))
                ws.cell(r, 3, bd).number_format = 'dd/mm/yyyy'
                T.err(ws.title, 'C%d' % r, 'Data da consulta', bd.strftime('%d/%m/%Y'), '30-day visit dated before the procedure', p['pid'])
            else:
                ws.cell(r, 3, d).number_format = 'dd/mm/yyyy'
            for m in ms:
                if m not in smeas:
                    continue
                v = p['scores'].get((s['s'], m, t)) if not (p['err'] == 'noid' and t == '1m') else noid_scores[m]
                ws.cell(r, hm[m], v)
                if m == 'pain_vas' and v is not None and v > 10:
                    T.err(ws.title, '%s%d' % (get_column_letter(hm[m]), r), 'EVA (0-10)', str(v), 'EVA 78 on a 0-10 scale', p['pid'])
            if t == '24h' and rng.random() < 0.3:
                ws.cell(r, obs, rng.choice(['Deambulando com andador', 'Alta hospitalar', 'Dor residual leve']))
    # --- Intercorrências
    ws = wb.create_sheet('Intercorrências')
    header(ws, 'Intercorrências no seguimento (novas fraturas, óbitos)', ['ID estudo', 'Data', 'Evento', 'Conduta'], [10, 12, 30, 40])
    ev = []
    for p in pts:
        for (fd, fl) in p['fractures']:
            cond = 'Nova vertebroplastia' if len(p['sessions']) > 1 else 'Tratamento conservador (colete)'
            ev.append((p['d0'] + dt.timedelta(days=fd), p['pid'], 'Nova fratura %s' % fl, cond))
        if p['died']:
            ev.append((p['death'], p['pid'], 'Óbito', rng.choice(['Progressão da doença', 'Pneumonia', 'Informado pela família por telefone'])))
    ev.sort()
    for k, (d, pid, e, cnd) in enumerate(ev):
        ws.cell(k + 4, 1, pid); ws.cell(k + 4, 2, d).number_format = 'dd/mm/yyyy'
        ws.cell(k + 4, 3, e); ws.cell(k + 4, 4, cnd)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, T)


if __name__ == '__main__':
    main()
