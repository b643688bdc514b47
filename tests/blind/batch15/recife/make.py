# ---------------------------------------------------------------- common data model
import sys, os, csv
from datetime import date, timedelta
import numpy as np

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
OFF = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '1m': 30, '6w': 42, '3m': 90, '6m': 180, '12m': 365, '24m': 730}
JIT = {'pre': 0, '24h': 0, '1w': 2, '2w': 3, '1m': 5, '6w': 5, '3m': 10, '6m': 14, '12m': 21, '24m': 30}
FAC = {'pre': 1.0, '24h': 0.48, '1w': 0.42, '2w': 0.38, '1m': 0.34, '6w': 0.32, '3m': 0.29, '6m': 0.27, '12m': 0.26, '24m': 0.26}


def pick_levels(rng, n):
    cands = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4']
    w = np.array([1, 1, 2, 2, 3, 5, 9, 9, 5, 3, 2], float)
    w /= w.sum()
    while True:
        s = LEVELS.index(str(rng.choice(cands, p=w)))
        idx = list(range(s, s + n))
        if idx[-1] <= LEVELS.index('L5'):
            return [LEVELS[i] for i in idx]


def neighbour(rng, used):
    idxs = sorted(LEVELS.index(u) for u in used)
    opts = [idxs[0] - 1, idxs[-1] + 1, idxs[0] - 2, idxs[-1] + 2]
    opts = [o for o in opts if LEVELS.index('T4') <= o <= LEVELS.index('L5') and LEVELS[o] not in used]
    return LEVELS[opts[int(rng.integers(0, min(2, len(opts))))]]


def rnd(x, step):
    return round(round(x / step) * step, 1)


def gen(seed, ids, cfg):
    rng = np.random.default_rng(seed)
    pts = []
    for pid in ids:
        p = {'pid': pid}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        r = rng.random()
        p['etiology'] = ('osteoporotic' if r < 0.70 else 'pathologic' if r < 0.87 else 'traumatic')
        lo, hi = {'osteoporotic': (62, 93), 'pathologic': (47, 84), 'traumatic': (34, 80)}[p['etiology']]
        d0 = cfg['start'] + timedelta(days=int(rng.integers(0, cfg['span'])))
        age = int(rng.integers(lo, hi))
        b = date(d0.year - age - 1, 1, 1) + timedelta(days=int(rng.integers(0, 365)))
        age = d0.year - b.year - ((d0.month, d0.day) < (b.month, b.day))
        p['birth'], p['age'], p['d0'] = b, age, d0
        pdie = 0.4 if p['etiology'] == 'pathologic' else 0.1
        p['died'] = bool(rng.random() < pdie)
        p['death_day'] = int(rng.integers(50, 420)) if p['died'] else 10 ** 6
        if p['died'] and d0 + timedelta(days=p['death_day']) > cfg['cutoff']:
            p['death_day'] = max(20, (cfg['cutoff'] - d0).days - int(rng.integers(5, 30)))
        nl = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        lev = pick_levels(rng, nl)
        sessions = [{'n': 1, 'day': 0, 'date': d0, 'levels': lev}]
        p['fractures'] = []
        if rng.random() < 0.22:
            fd = int(rng.integers(35, 280))
            if fd < p['death_day'] - 25 and d0 + timedelta(days=fd) < cfg['cutoff']:
                fl = neighbour(rng, lev)
                p['fractures'].append((fd, fl))
                if rng.random() < 0.6:
                    sd = fd + int(rng.integers(4, 21))
                    sessions.append({'n': 2, 'day': sd, 'date': d0 + timedelta(days=sd), 'levels': [fl], 'new': True})
        if len(sessions) == 1 and rng.random() < 0.12:
            sd = int(rng.integers(21, 75))
            if sd < p['death_day'] - 20:
                sessions.append({'n': 2, 'day': sd, 'date': d0 + timedelta(days=sd), 'levels': [neighbour(rng, lev)], 'new': False})
        for s in sessions:
            kp = rng.random() < cfg['kp_rate']
            s['tech'] = 'kyphoplasty' if kp else 'vertebroplasty'
            s['vols'], s['leaks'] = [], []
            for l in s['levels']:
                thor = l.startswith('T')
                a, bb = ((2.5, 4.5) if thor else (3.5, 6.5)) if kp else ((1.8, 3.5) if thor else (2.8, 5.0))
                s['vols'].append(rnd(rng.uniform(a, bb), cfg.get('vol_step', 0.5)))
                if rng.random() < cfg.get('leak_rate', 0.25):
                    sites = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']
                    w = np.array([.35, .3, .2, .1, .05])
                    k = 2 if rng.random() < 0.15 else 1
                    ch = list(rng.choice(sites, size=k, replace=False, p=w))
                    s['leaks'].append(sorted(ch, key=sites.index))
                else:
                    s['leaks'].append([])
            s['ctype'] = cfg['ctype'](rng, s['tech'])   # (truth, label)
            s['total'] = round(sum(s['vols']), 1)
        p['sessions'] = sessions
        # assessments
        p['visits'], p['assess'] = {}, []
        for s in sessions:
            meas = cfg['meas']
            tps = []
            for m, (t1, t2) in meas.items():
                for t in (t1 if s['n'] == 1 else t2):
                    if t not in tps:
                        tps.append(t)
            tps.sort(key=lambda t: OFF[t])
            base = {'pain_vas': (rng.uniform(6.5, 10.0)), 'odi': rng.uniform(46, 86), 'mobility': int(rng.integers(0, 2))}
            for t in tps:
                if t == 'pre':
                    vd = s['date'] - timedelta(days=int(rng.integers(0, cfg.get('pre_gap', 1) + 1)))
                else:
                    j = JIT[t]
                    vd = s['date'] + timedelta(days=OFF[t] + int(rng.integers(-j, j + 1)))
                    if rng.random() < cfg.get('miss', 0.18):
                        continue
                    if (vd - d0).days >= p['death_day'] or vd > cfg['cutoff']:
                        continue
                p['visits'][(s['n'], t)] = vd
                for m, (t1, t2) in meas.items():
                    if t not in (t1 if s['n'] == 1 else t2):
                        continue
                    if m == 'pain_vas':
                        v = base[m] * FAC[t] + rng.normal(0, 0.8) if t != 'pre' else base[m]
                        if cfg.get('vas_mm'):
                            raw = int(min(100, max(0, round(v * 10))))
                            val = raw / 10
                        else:
                            raw = int(min(10, max(0, round(v))))
                            val = raw
                    elif m == 'odi':
                        v = base[m] * (0.38 + 0.62 * FAC[t]) + rng.normal(0, 4) if t != 'pre' else base[m]
                        raw = int(min(100, max(0, round(v / 2) * 2)))
                        val = raw
                    else:
                        raw = base[m] if t == 'pre' else int(min(3, base[m] + (1 if t == '24h' else 2) - (rng.random() < 0.2)))
                        val = raw
                    p['assess'].append({'session': s['n'], 'measure': m, 'tp': t, 'raw': raw, 'value': val, 'date': vd})
        pts.append(p)
    return pts


def A(p, s, m, t):
    for a in p['assess']:
        if a['session'] == s and a['measure'] == m and a['tp'] == t:
            return a
    return None


def fmtnum(x):
    return ('%g' % x) if x is not None else ''


def write_truth(outdir, pts, errors, idents, cfg):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    rec = cfg.get('record', {})
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if rec.get('sex', 1) else '', p['age'] if rec.get('age', 1) else '',
        p['etiology'] if rec.get('etiology', 1) else '',
        ('yes' if p['died'] else 'no') if rec.get('died', 1) else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            multi = len(s['levels']) > 1
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                if cfg['vol_mode'] == 'level' or not multi:
                    cv, sv = fmtnum(v), ''
                else:
                    cv, sv = '', fmtnum(s['total'])
                rows.append([p['pid'], s['n'], s['day'], l, s['tech'], cv, sv,
                             s['ctype'][0] if rec.get('ctype', 1) else '',
                             ';'.join(lk) if lk else 'none'])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'],
      [[p['pid'], a['session'], a['measure'], a['tp'], fmtnum(a['value'])] for p in pts for a in p['assess']])
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['pid'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen, irows = set(), []
    for k, v in idents:
        if (k, v) not in seen:
            seen.add((k, v))
            irows.append([k, v])
    w('identifiers.csv', ['kind', 'value'], irows)


def col_letter(c):
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- site specific
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from datetime import datetime

SEED = 1504


def ctype(rng, tech):
    if tech == 'kyphoplasty':
        return ('PMMA', 'PMMA (Kyphon)')
    return ('PMMA', 'PMMA (Osteopal V)') if rng.random() < 0.5 else ('PMMA', 'PMMA (Spineplex)')


CFG = dict(start=date(2022, 2, 1), span=600, cutoff=date(2024, 9, 30), kp_rate=0.35, vol_step=0.5,
           vol_mode='session', miss=0.2,
           meas={'pain_vas': (['pre', '24h', '1m', '3m', '6m'], ['pre', '24h']),
                 'odi': (['pre', '1m', '3m', '6m'], ['pre']),
                 'mobility': (['pre', '24h', '1m', '3m', '6m'], ['pre', '24h'])}, ctype=ctype)

ETIO = {'osteoporotic': 'Osteoporose', 'traumatic': 'Trauma'}
TECH = {'kyphoplasty': 'CP', 'vertebroplasty': 'VP'}
LEAK = {'disc': 'disco', 'venous': 'venoso', 'paravertebral': 'paravertebral', 'epidural': 'epidural', 'foraminal': 'foraminal'}
SHEETS = [('pre', 'Pré-op'), ('24h', '24h'), ('1m', '30 dias'), ('3m', '90 dias'), ('6m', '180 dias')]


def xd(d):
    return datetime(d.year, d.month, d.day)


def niveis(levels):
    return levels[0] if len(levels) == 1 else ', '.join(levels[:-1]) + ' e ' + levels[-1]


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    ids = ['%02d' % i for i in range(1, 26)]
    pts = gen(SEED, ids, CFG)
    rng = np.random.default_rng(SEED + 7)
    thin = Side(style='thin')
    bd = Border(top=thin, bottom=thin, left=thin, right=thin)
    hfill = PatternFill('solid', fgColor='FFF2CC')
    wb = Workbook()
    leg = wb.active
    leg.title = 'Legenda'
    for line in ['PROJETO CIMENTAÇÃO VERTEBRAL — Serviço de Neurocirurgia, Hospital ○○ (Recife-PE)',
                 '',
                 'Uma aba por momento de avaliação (Pré-op, 24h, 30 dias, 90 dias, 180 dias).',
                 'Coluna "Sessão": 1 = primeiro procedimento; 2 = novo procedimento (datas de avaliação contadas a partir de cada sessão).',
                 'Técnica: VP = vertebroplastia; CP = cifoplastia com balão.',
                 'EVA = escala visual analógica 0 a 10. ODI = Oswestry (%).',
                 'Deambulação: 0 = acamado; 1 = cadeira de rodas; 2 = anda com apoio (andador/bengala); 3 = independente.',
                 'NC = não compareceu.   Linha em vermelho = óbito.',
                 'Volume de cimento: TOTAL da sessão (somando todos os níveis).']:
        leg.append([line])
    leg['A1'].font = Font(bold=True, size=12)
    leg.column_dimensions['A'].width = 110

    cad = wb.create_sheet('Cadastro')
    ch = ['Nº', 'Sexo', 'Idade', 'Etiologia', 'Óbito', 'Data do óbito', 'Nova fratura (nível - data)']
    cad.append(ch)
    red = Font(color='C00000')
    where = {}
    for p in pts:
        if p['etiology'] == 'pathologic':
            et = str(rng.choice(['Metástase (mama)', 'Metástase (próstata)', 'Mieloma múltiplo', 'Metástase (pulmão)']))
        else:
            et = ETIO[p['etiology']]
        nf = '; '.join('%s - %s' % (l, (p['d0'] + timedelta(days=d)).strftime('%d/%m/%Y')) for d, l in p['fractures'])
        row = [p['pid'], 'F' if p['sex'] == 'female' else 'M', p['age'], et, 'Sim' if p['died'] else 'Não',
               xd(p['d0'] + timedelta(days=p['death_day'])) if p['died'] else None, nf or 'Não']
        cad.append(row)
        where[('cad', p['pid'])] = cad.max_row
        cad.cell(cad.max_row, 6).number_format = 'DD/MM/YYYY'
        if p['died']:
            for c in range(1, 8):
                cad.cell(cad.max_row, c).font = red
    proc = wb.create_sheet('Procedimentos')
    ph = ['Nº', 'Sessão', 'Data', 'Nível(is)', 'Técnica', 'Volume total cimento (mL)', 'Cimento', 'Extravasamento', 'Obs.']
    proc.append(ph)
    for p in pts:
        for s in p['sessions']:
            lk = [(l, x) for l, x in zip(s['levels'], s['leaks']) if x]
            if not lk:
                ex = 'Não'
            else:
                ex = 'Sim - ' + '; '.join('%s (%s)' % (l, ', '.join(LEAK[y] for y in x)) for l, x in lk)
            obs = ''
            if s['n'] == 2:
                obs = 'nova fratura' if s.get('new') else 'fratura antiga, 2º tempo'
            proc.append([p['pid'], s['n'], xd(s['date']), niveis(s['levels']), TECH[s['tech']], s['total'],
                         s['ctype'][1], ex, obs])
            proc.cell(proc.max_row, 3).number_format = 'DD/MM/YYYY'
            where[('proc', p['pid'], s['n'])] = proc.max_row
    vh = ['Nº', 'Sessão', 'Data da avaliação', 'EVA (0-10)', 'ODI (%)', 'Deambulação (0-3)']
    vsheets = {}
    for t, sn in SHEETS:
        ws = wb.create_sheet(sn)
        vsheets[t] = ws
        ws.append(vh)
        for p in pts:
            for s in p['sessions']:
                tps_any = set()
                for m, (t1, t2) in CFG['meas'].items():
                    tps_any |= set(t1 if s['n'] == 1 else t2)
                if t not in tps_any:
                    continue
                nominal = s['date'] + timedelta(days=OFF[t])
                if (nominal - p['d0']).days >= p['death_day'] or nominal > CFG['cutoff']:
                    continue
                if (s['n'], t) in p['visits']:
                    vals = []
                    for m in ['pain_vas', 'odi', 'mobility']:
                        a = A(p, s['n'], m, t)
                        vals.append(a['raw'] if a else None)
                    ws.append([p['pid'], s['n'], xd(p['visits'][(s['n'], t)])] + vals)
                    ws.cell(ws.max_row, 3).number_format = 'DD/MM/YYYY'
                else:
                    ws.append([p['pid'], s['n'], 'NC'])
                where[(t, p['pid'], s['n'])] = ws.max_row
    for ws in wb.worksheets[1:]:
        for c in range(1, ws.max_column + 1):
            ws.cell(1, c).font = Font(bold=True)
            ws.cell(1, c).fill = hfill
            ws.cell(1, c).alignment = Alignment(wrap_text=True, horizontal='center')
            ws.column_dimensions[col_letter(c)].width = 16
        ws.freeze_panes = 'A2'
    proc.column_dimensions['G'].width = 20
    proc.column_dimensions['H'].width = 30
    cad.column_dimensions['G'].width = 28

    errors = []
    used = set()

    def plant(ws, row, col, value, what, pid, hdr):
        ws.cell(row, col, value)
        used.add(pid)
        errors.append([ws.title, '%s%d' % (col_letter(col), row), row, hdr[col - 1], value, what, pid])

    c3 = [p for p in pts if (1, '3m') in p['visits']]
    p = c3[1]
    plant(vsheets['3m'], where[('3m', p['pid'], 1)], 4, 12, 'EVA 12 on a 0-10 scale', p['pid'], vh)
    single = [p for p in pts if len(p['sessions']) == 1 and len(p['sessions'][0]['levels']) == 1 and p['pid'] not in used]
    p = single[3]
    plant(proc, where[('proc', p['pid'], 1)], 4, 'L8', 'impossible vertebral level L8', p['pid'], ph)
    p = single[7]
    plant(proc, where[('proc', p['pid'], 1)], 6, 45, 'cement volume 45 mL in a single vertebra', p['pid'], ph)
    c1 = [p for p in pts if (1, '1m') in p['visits'] and p['pid'] not in used]
    p = c1[4]
    bad = p['d0'] - timedelta(days=30)
    plant(vsheets['1m'], where[('1m', p['pid'], 1)], 3, xd(bad), '30-day follow-up dated before the procedure', p['pid'], vh)
    errors[-1][4] = bad.strftime('%d/%m/%Y')
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pts, errors, [], CFG)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
