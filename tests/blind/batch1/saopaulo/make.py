# ---------------------------------------------------------------------------
# Common cohort generator (the same block is pasted into every site script so
# that each make.py stays self-contained).
# ---------------------------------------------------------------------------
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = [f'C{i}' for i in range(1, 8)] + [f'T{i}' for i in range(1, 13)] + \
         [f'L{i}' for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}
TP_GAIN = {'24h': 0.6, '1w': 0.75, '2w': 0.8, '6w': 0.9, '1m': 0.9, '3m': 0.95,
           '6m': 1.0, '12m': 1.0, '24m': 1.0}
CENTRES = ['T12', 'L1', 'L1', 'T12', 'L2', 'T11', 'L3', 'T10', 'L4', 'T8', 'T9',
           'T7', 'L2', 'T12', 'L1', 'T6', 'L5', 'T5']
LEAK_ORDER = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']
LEAK_P = {'disc': 0.38, 'venous': 0.3, 'paravertebral': 0.2, 'epidural': 0.07,
          'foraminal': 0.05}


def lidx(l):
    return LEVELS.index(l)


def choose(rng, d):
    keys = list(d)
    p = np.array([d[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def pick_levels(rng, k, avoid=()):
    for _ in range(2000):
        c = lidx(CENTRES[int(rng.integers(len(CENTRES)))])
        if k == 2 and rng.random() < 0.2 and c + 2 <= lidx('L5'):
            cand = [LEVELS[c], LEVELS[c + 2]]
        else:
            s = c - int(rng.integers(0, k))
            cand = LEVELS[s:s + k]
        if len(cand) == k and all(lidx('T4') <= lidx(l) <= lidx('L5') for l in cand) \
                and not set(cand) & set(avoid):
            return cand
    raise RuntimeError('no levels')


def weekday(d):
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def rand_date(rng, start, end):
    return weekday(start + dt.timedelta(days=int(rng.integers(0, (end - start).days))))


def age_at(birth, d):
    return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))


def birth_for(rng, d, age):
    b = d - dt.timedelta(days=int(365.25 * age + rng.integers(5, 355)))
    while age_at(b, d) > age:
        b += dt.timedelta(days=20)
    while age_at(b, d) < age:
        b -= dt.timedelta(days=20)
    return b


def pain_course(rng, tps):
    pre = int(rng.choice([5, 6, 7, 7, 8, 8, 8, 9, 9, 10]))
    f = rng.uniform(0.35, 0.9) if rng.random() < 0.85 else rng.uniform(0.0, 0.3)
    out = {}
    for tp in tps:
        if tp == 'pre':
            out[tp] = pre
        else:
            v = pre * (1 - f * TP_GAIN[tp]) + rng.normal(0, 0.8)
            out[tp] = int(np.clip(round(v), 0, 10))
    return out, f


def make_session(rng, no, date, day, lv, tech, cfg, tps):
    step = cfg.get('vol_step', 0.5)
    vols = []
    for l in lv:
        lo, hi = (2.5, 6.5) if tech == 'kyphoplasty' else (1.5, 5.5)
        if l.startswith('T') and int(l[1:]) < 10:
            lo, hi = lo - 0.5, hi - 1.5
        v = round(round(rng.uniform(lo, hi) / step) * step, 1)
        vols.append(v)
    cem = cfg['cement'](rng, tech) if callable(cfg.get('cement')) else None
    leaks = []
    for l in lv:
        if rng.random() < (0.3 if tech == 'vertebroplasty' else 0.12):
            s = {choose(rng, LEAK_P)}
            if rng.random() < 0.15:
                s.add(choose(rng, LEAK_P))
            leaks.append([x for x in LEAK_ORDER if x in s])
        else:
            leaks.append([])
    pain, f = pain_course(rng, tps)
    for tp in list(pain):
        if tp == 'pre':
            if rng.random() < 0.03:
                del pain[tp]
        elif rng.random() > cfg.get('p_attend', 0.85):
            del pain[tp]
    odi = {}
    for tp in cfg.get('odi_tps', []) if no == 1 else []:
        if tp == 'pre':
            odi[tp] = int(rng.integers(20, 43)) * 2
        else:
            odi[tp] = int(np.clip(round(odi['pre'] * (1 - 0.8 * f * TP_GAIN[tp]) / 2
                                        + rng.normal(0, 2)) * 2, 0, 100))
    for tp in list(odi):
        if tp != 'pre' and tp not in pain and rng.random() < 0.7:
            del odi[tp]
    return dict(no=no, date=date, day=day, levels=lv, tech=tech, vols=vols,
                cement=cem, leaks=leaks, pain=pain, odi=odi)


def gen_cohort(rng, n, cfg):
    pats = []
    for i in range(n):
        etio = choose(rng, cfg['etio'])
        if etio == 'osteoporotic':
            age, pf = int(rng.integers(61, 94)), 0.78
        elif etio == 'pathologic':
            age, pf = int(rng.integers(44, 87)), 0.45
        elif etio == 'traumatic':
            age, pf = int(rng.integers(33, 81)), 0.4
        else:
            age, pf = int(rng.integers(45, 80)), 0.6
        sex = 'female' if rng.random() < pf else 'male'
        detail = None
        if etio == 'pathologic':
            opts = ['lung', 'myeloma', 'kidney', 'breast' if sex == 'female' else 'prostate',
                    'breast' if sex == 'female' else 'prostate', 'myeloma']
            detail = opts[int(rng.integers(len(opts)))]
        d1 = rand_date(rng, cfg['start'], cfg['end'])
        k = int(choose(rng, cfg.get('k_p', {1: 0.62, 2: 0.28, 3: 0.10})))
        lv = pick_levels(rng, k)
        tech = choose(rng, cfg['tech'])
        sessions = [make_session(rng, 1, d1, 0, lv, tech, cfg, cfg['tps'])]
        died = rng.random() < (cfg.get('p_death_path', 0.35) if etio == 'pathologic'
                               else cfg.get('p_death', 0.07))
        death_day = int(rng.integers(40, 520)) if died else None
        if rng.random() < cfg.get('p_second', 0.13):
            gap = int(rng.integers(*cfg.get('gap', (14, 120))))
            d2 = weekday(d1 + dt.timedelta(days=gap))
            if death_day is None or (d2 - d1).days < death_day - 15:
                lv2 = pick_levels(rng, 1 if rng.random() < 0.8 else 2, avoid=lv)
                t2 = tech if rng.random() < 0.8 else choose(rng, cfg['tech'])
                sessions.append(make_session(rng, 2, d2, (d2 - d1).days, lv2, t2, cfg,
                                             cfg['tps2']))
        treated = [l for s in sessions for l in s['levels']]
        fr = []
        if rng.random() < cfg.get('p_frac', 0.15):
            fday = int(rng.integers(20, 420))
            fdate = weekday(d1 + dt.timedelta(days=fday))
            fday = (fdate - d1).days
            if death_day is None or fday < death_day - 5:
                fl = pick_levels(rng, 1 if rng.random() < 0.8 else 2, avoid=treated)
                fr = [(fday, l) for l in fl]
        if death_day is not None:
            for s in sessions:
                for m in ('pain', 'odi'):
                    s[m] = {tp: v for tp, v in s[m].items()
                            if s['day'] + TP_DAYS[tp] + 10 < death_day}
        birth = birth_for(rng, d1, age)
        pats.append(dict(i=i, etio=etio, detail=detail, age=age, sex=sex, birth=birth,
                         died=died, death_day=death_day,
                         death_date=(d1 + dt.timedelta(days=death_day)) if died else None,
                         sessions=sessions, fractures=fr, d1=d1))
    return pats


def visit_date(rng, s, tp):
    if tp == 'pre':
        return s['date'] - dt.timedelta(days=int(rng.integers(0, 3)))
    if tp == '24h':
        return s['date'] + dt.timedelta(days=1)
    jit = {'1w': 2, '2w': 3, '6w': 5, '1m': 6, '3m': 10, '6m': 14, '12m': 21, '24m': 30}[tp]
    return s['date'] + dt.timedelta(days=TP_DAYS[tp] + int(rng.integers(-jit, jit + 1)))


def fnum(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float):
        return ('%.2f' % x).rstrip('0').rstrip('.')
    return str(x)


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([fnum(x) for x in r])


def write_truth(out, pats, errors, idents, vol_mode='per_level', has_sex=True,
                has_age=True, has_etio=True, has_died=True, has_tech=True,
                has_cement=True, has_leak=True, has_vol=True):
    """vol_mode: 'per_level' (workbook gives each vertebra's volume) or
    'session' (one total per session: multi-level sessions go to
    session_cement_volume_ml, single-level sessions to cement_volume_ml)."""
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    write_csv(os.path.join(t, 'patients.csv'),
              ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[p['id'], p['sex'] if has_sex else '', p['age'] if has_age else '',
                p['etio'] if has_etio else '',
                ('yes' if p['died'] else 'no') if has_died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for j, l in enumerate(s['levels']):
                v, sv = '', ''
                if has_vol:
                    if vol_mode == 'per_level' or len(s['levels']) == 1:
                        v = s['vols'][j] if vol_mode == 'per_level' else round(sum(s['vols']), 1)
                    else:
                        sv = round(sum(s['vols']), 1)
                lk = ''
                if has_leak:
                    lk = ';'.join(s['leaks'][j]) if s['leaks'][j] else 'none'
                rows.append([p['id'], s['no'], s['day'], l, s['tech'] if has_tech else '',
                             v, sv, (s['cement'] or '') if has_cement else '', lk])
    write_csv(os.path.join(t, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for m, key in (('pain_vas', 'pain'), ('odi', 'odi'), ('mobility', 'mobility')):
                for tp, v in s.get(key, {}).items():
                    rows.append([p['id'], s['no'], m, tp, v])
    write_csv(os.path.join(t, 'assessments.csv'),
              ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[p['id'], d, l] for p in pats for d, l in p['fractures']])
    write_csv(os.path.join(t, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
              [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']]
               for e in errors])
    write_csv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], idents)


def col_letter(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------


def find_row(ws, id_col, pid, first_row, nth=0, pred=None):
    """Row number of the nth worksheet row whose id column equals pid."""
    k = 0
    for r in range(first_row, ws.max_row + 1):
        if ws.cell(r, id_col).value == pid and (pred is None or pred(r)):
            if k == nth:
                return r
            k += 1
    raise KeyError(pid)


def header_col(ws, header_row, text):
    for c in range(1, ws.max_column + 1):
        if ws.cell(header_row, c).value == text:
            return c
    raise KeyError(text)


def plant(ws, errors, sheet, r, c, header, value, what, pid):
    ws.cell(r, c).value = value
    errors.append(dict(sheet=sheet, cell=f'{col_letter(c)}{r}', row=r, header=header,
                       value=value, what=what, pid=pid))
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Site: Sao Paulo (invented unit), Brazilian Portuguese, one row per treated
# vertebra with patient/session values repeated on every row.
# ---------------------------------------------------------------------------
import openpyxl
from openpyxl.styles import Font, PatternFill, Alignment

SEED = 55011
N = 30
ETIO_PT = {'lung': 'metástase (pulmão)', 'breast': 'metástase (mama)',
           'prostate': 'metástase (próstata)', 'kidney': 'metástase (rim)',
           'myeloma': 'mieloma múltiplo'}
LEAK_PT = {'disc': 'discal', 'venous': 'venoso', 'paravertebral': 'partes moles paravertebrais',
           'epidural': 'epidural', 'foraminal': 'foraminal'}
TECH_PT = {'vertebroplasty': 'vertebroplastia', 'kyphoplasty': 'cifoplastia'}
NOME_F = ['Maria', 'Ana', 'Francisca', 'Antônia', 'Adriana', 'Juliana', 'Márcia', 'Aparecida',
          'Sebastiana', 'Terezinha', 'Lúcia', 'Neide', 'Cleusa', 'Iracema', 'Benedita']
NOME_M = ['José', 'João', 'Antônio', 'Francisco', 'Carlos', 'Paulo', 'Pedro', 'Luiz', 'Sebastião',
          'Geraldo', 'Raimundo', 'Osvaldo', 'Benedito']
SOBRE = ['da Silva', 'dos Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira',
         'Lima', 'Gomes', 'Ribeiro', 'Carvalho', 'Almeida', 'Nascimento', 'Barbosa', 'Moreira']


def cement(rng, tech):
    return 'PMMA'


def brdate(ws, r, c, d, rng, p_text=0.35):
    cell = ws.cell(r, c)
    if rng.random() < p_text:
        cell.value = d.strftime('%d/%m/%Y')
    else:
        cell.value = dt.datetime(d.year, d.month, d.day)
        cell.number_format = 'dd/mm/yyyy'


def main(out):
    rng = np.random.default_rng(SEED)
    cfg = dict(start=dt.date(2019, 2, 1), end=dt.date(2022, 8, 31),
               etio={'osteoporotic': 0.6, 'pathologic': 0.32, 'traumatic': 0.08},
               tech={'vertebroplasty': 0.8, 'kyphoplasty': 0.2}, cement=cement,
               tps=['pre', '1m', '3m'], tps2=['pre', '1m', '3m'],
               p_second=0.15, p_frac=0.17, p_attend=0.8, p_death=0.06, p_death_path=0.4)
    pats = gen_cohort(rng, N, cfg)
    idents = []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Procedimentos'
    ws['A1'] = 'Radiologia Intervencionista - Vertebroplastias / Cifoplastias 2019-2022'
    ws['A1'].font = Font(bold=True, size=13)
    yellow = PatternFill('solid', fgColor='FFFF99')
    ws['A2'] = 'Legenda: linha amarela = dados conferidos com o prontuário; NR = não realizado'
    ws['A2'].fill = yellow
    hdr = ['ID', 'Prontuário', 'Paciente', 'Nascimento', 'Telefone', 'Sexo', 'Idade', 'Etiologia',
           'Sessão', 'Data', 'Técnica', 'Nível', 'Volume de cimento (mL)', 'Cimento',
           'Extravasamento', 'Local do extravasamento', 'VAS pré', 'VAS 1 mês', 'VAS 3 meses',
           'Óbito', 'Observações']
    C = {h: i + 1 for i, h in enumerate(hdr)}
    H = 3
    for h, c in C.items():
        ws.cell(H, c, h).font = Font(bold=True)
        ws.cell(H, c).fill = PatternFill('solid', fgColor='BDD7EE')
        ws.cell(H, c).alignment = Alignment(wrap_text=True, vertical='center')
    r = H + 1
    rows_of = {}
    for p in pats:
        p['id'] = f'SP-{p["i"] + 1:03d}'
        nm = NOME_F if p['sex'] == 'female' else NOME_M
        name = f'{nm[int(rng.integers(len(nm)))]} {SOBRE[int(rng.integers(len(SOBRE)))]} ' \
               f'{SOBRE[int(rng.integers(len(SOBRE)))]}'
        pront = f'{int(rng.integers(1000000, 9999999))}-{int(rng.integers(0, 10))}'
        phone = f'(11) 9{int(rng.integers(1000, 9999))}-{int(rng.integers(1000, 9999))}'
        bd = p['birth'].strftime('%d/%m/%Y')
        idents += [['name', name], ['record_number', pront], ['birth_date', bd], ['phone', phone]]
        if p['etio'] == 'osteoporotic':
            e = 'osteoporose'
        elif p['etio'] == 'pathologic':
            e = ETIO_PT[p['detail']]
        else:
            e = 'trauma (queda)'
        checked = rng.random() < 0.6
        alive_to = p['death_day'] if p['died'] else 10 ** 6
        for s in p['sessions']:
            for j, l in enumerate(s['levels']):
                rows_of.setdefault((p['id'], s['no']), []).append(r)
                ws.cell(r, C['ID'], p['id'])
                ws.cell(r, C['Prontuário'], pront)
                ws.cell(r, C['Paciente'], name)
                ws.cell(r, C['Nascimento'], bd)
                ws.cell(r, C['Telefone'], phone)
                ws.cell(r, C['Sexo'], 'F' if p['sex'] == 'female' else 'M')
                ws.cell(r, C['Idade'], p['age'])
                ws.cell(r, C['Etiologia'], e)
                ws.cell(r, C['Sessão'], s['no'])
                brdate(ws, r, C['Data'], s['date'], rng)
                ws.cell(r, C['Técnica'], TECH_PT[s['tech']])
                ws.cell(r, C['Nível'], l)
                v = s['vols'][j]
                ws.cell(r, C['Volume de cimento (mL)'], fnum(v).replace('.', ',') if rng.random() < 0.3 else v)
                ws.cell(r, C['Cimento'], 'PMMA')
                lk = s['leaks'][j]
                ws.cell(r, C['Extravasamento'], 'sim' if lk else 'não')
                ws.cell(r, C['Local do extravasamento'], ' e '.join(LEAK_PT[x] for x in lk) or None)
                for tp, h in (('pre', 'VAS pré'), ('1m', 'VAS 1 mês'), ('3m', 'VAS 3 meses')):
                    if tp in s['pain']:
                        ws.cell(r, C[h], s['pain'][tp])
                    elif tp != 'pre' and s['day'] + TP_DAYS[tp] + 10 < alive_to:
                        ws.cell(r, C[h], 'NR')
                ws.cell(r, C['Óbito'], 'sim' if p['died'] else 'não')
                obs = []
                if p['died']:
                    obs.append(f'óbito em {p["death_date"].strftime("%d/%m/%Y")}')
                if p['etio'] == 'pathologic' and j == 0:
                    obs.append('biópsia no mesmo ato')
                if s['no'] == 2 and j == 0:
                    obs.append('2ª sessão')
                ws.cell(r, C['Observações'], '; '.join(obs) or None)
                if checked:
                    for c in range(1, len(hdr) + 1):
                        ws.cell(r, c).fill = yellow
                r += 1
    widths = {'Paciente': 30, 'Etiologia': 20, 'Local do extravasamento': 22, 'Observações': 30,
              'Telefone': 16, 'Prontuário': 12, 'Volume de cimento (mL)': 11}
    for h, c in C.items():
        ws.column_dimensions[col_letter(c)].width = widths.get(h, 10)
    ws.freeze_panes = 'B4'

    wf = wb.create_sheet('Novas fraturas')
    for c, h in enumerate(['ID', 'Data do diagnóstico', 'Nível', 'Exame', 'Conduta'], 1):
        wf.cell(1, c, h).font = Font(bold=True)
    fr_row = {}
    rr = 2
    for p in pats:
        for d, l in p['fractures']:
            fr_row.setdefault(p['id'], rr)
            wf.cell(rr, 1, p['id'])
            brdate(wf, rr, 2, p['d1'] + dt.timedelta(days=d), rng, p_text=0.5)
            wf.cell(rr, 3, l)
            wf.cell(rr, 4, 'RM' if rng.random() < 0.6 else 'RX')
            wf.cell(rr, 5, 'conservador (colete)')
            rr += 1
    for c, w in zip('ABCDE', [8, 18, 7, 7, 22]):
        wf.column_dimensions[c].width = w

    # ---- planted errors ----
    errors = []
    order = [pats[i] for i in rng.permutation(len(pats))]
    used = set()

    def pick(pred):
        for p in order:
            if p['id'] not in used and pred(p):
                used.add(p['id'])
                return p
        raise RuntimeError

    p = pick(lambda p: p['sessions'][0]['levels'][0] in ('T11', 'T12', 'L1'))
    rr = rows_of[(p['id'], 1)][0]
    plant(ws, errors, ws.title, rr, C['Nível'], 'Nível', 'T14', 'no T14 vertebra (impossible level)', p['id'])
    p = pick(lambda p: '3m' in p['sessions'][0]['pain'])
    rr = rows_of[(p['id'], 1)][0]
    plant(ws, errors, ws.title, rr, C['VAS 3 meses'], 'VAS 3 meses', 12, 'VAS 12 on a 0-10 scale', p['id'])
    p = pick(lambda p: p['d1'].month in (4, 6, 9, 11) and len(p['sessions'][0]['levels']) == 1)
    rr = rows_of[(p['id'], 1)][0]
    plant(ws, errors, ws.title, rr, C['Data'], 'Data', f'31/{p["d1"].month:02d}/{p["d1"].year}',
          f'day 31 does not exist in month {p["d1"].month}', p['id'])
    ws.cell(rr, C['Data']).number_format = 'General'
    p = pick(lambda p: p['fractures'] != [])
    rr = fr_row[p['id']]
    bad = p['d1'] - dt.timedelta(days=int(rng.integers(20, 60)))
    wf.cell(rr, 2).number_format = 'General'
    plant(wf, errors, wf.title, rr, 2, 'Data do diagnóstico', bad.strftime('%d/%m/%Y'),
          'new fracture dated before the first procedure', p['id'])

    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents, vol_mode='per_level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
