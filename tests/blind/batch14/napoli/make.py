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


# ---------------------------------------------------------------- Napoli (it-IT)
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

LEAK_IT = {'disc': 'discale', 'epidural': 'epidurale', 'foraminal': 'foraminale', 'venous': 'venoso',
           'paravertebral': 'paravertebrale'}
TEMPO = {'pre': 'pre-op', '24h': '24 ore', '1m': '1 mese', '3m': '3 mesi', '6m': '6 mesi'}


def lvl_it(l):
    return ('D' + l[1:]) if l.startswith('T') else l


def main(out):
    os.makedirs(out, exist_ok=True)
    tps1 = [('pre', 0, 1), ('24h', 1, 0), ('1m', 30, 5), ('3m', 90, 10), ('6m', 180, 15)]
    tps2 = [('pre', 0, 1), ('1m', 30, 5)]
    pts = generate(1404, 22, lambda i: 'NA-%02d' % (i + 1), dt.date(2021, 1, 15), dt.date(2023, 6, 30),
                   tps1, tps2, kp_share=0.3, cements=(('PMMA', 0.88), ('calcium phosphate', 0.12)),
                   vol_step=0.5, mobility=(0, 3), p_second=0.22, attend=0.78)
    rng = np.random.default_rng(14041)
    wb = Workbook()
    B = Font(bold=True)
    hf = PatternFill('solid', fgColor='BDD7EE')
    an = wb.active
    an.title = 'Anagrafica'
    an['A1'] = 'AOU Federico II (fittizia) — UOC Neuroradiologia — Registro vertebroplastica/cifoplastica'
    an['A1'].font = Font(bold=True, size=12)
    hd = ['ID', 'Sesso', 'Età', 'Eziologia', 'Deceduto', 'Note']
    for j, h in enumerate(hd, 1):
        c = an.cell(3, j, h)
        c.font = B
        c.fill = hf
    ETI = {'osteoporotic': ['osteoporosi', 'osteoporosi', 'osteoporosi senile'],
           'pathologic': ['metastasi ca mammella', 'mieloma multiplo', 'metastasi ca polmone', 'metastasi ca prostata'],
           'traumatic': ['traumatica', 'trauma (caduta)'], 'other': ['m. di Kümmell']}
    for k, p in enumerate(pts):
        r = 4 + k
        e = [x for x in ETI[p['etiology']] if not (('prostata' in x and p['sex'] == 'female') or ('mammella' in x and p['sex'] == 'male'))]
        an.cell(r, 1, p['id'])
        an.cell(r, 2, 'F' if p['sex'] == 'female' else 'M')
        an.cell(r, 3, p['age'])
        an.cell(r, 4, e[int(rng.integers(len(e)))])
        an.cell(r, 5, 'SI' if p['died'] == 'yes' else 'NO')
        if p['etiology'] == 'pathologic':
            an.cell(r, 6, 'in carico oncologia')
    for j, wdt in enumerate([8, 6, 6, 24, 9, 22], 1):
        an.column_dimensions[col(j)].width = wdt
    # ---------------- Eventi (long)
    ev = wb.create_sheet('Eventi')
    ev['A1'] = 'Diario eventi (un rigo per evento; per gli interventi un rigo per livello trattato)'
    ev['A1'].font = B
    ev['A2'] = 'VAS 0-10; Deambulazione: 0 = allettato, 1 = carrozzina, 2 = con ausilio, 3 = autonomo'
    ev['A2'].font = Font(italic=True, size=9)
    hd = ['ID', 'Data', 'Evento', 'Rif. intervento', 'Tempo', 'Livello', 'Tecnica', 'Cemento', 'Volume (ml)',
          'Stravaso', 'VAS', 'Deambulazione', 'Note']
    for j, h in enumerate(hd, 1):
        c = ev.cell(4, j, h)
        c.font = B
        c.fill = hf
    BR = {'PMMA': ['Mendec Spine', 'Osteopal V'], 'calcium phosphate': ['fosfato di calcio']}
    loc = {}
    r = 5
    for p in pts:
        events = []   # (day, order, kind, payload)
        for s in p['sessions']:
            brand = BR[s['cement']][int(rng.integers(len(BR[s['cement']])))]
            for k, l in enumerate(s['levels']):
                events.append((s['day'], 1, 'int', (s, k, brand)))
            for lab, a in s['assess'].items():
                events.append((a['vday'], 0 if lab == 'pre' else 2, 'vis', (s, lab, a)))
            for lab, days, _ in (tps1 if s['session'] == 1 else tps2):
                if lab != 'pre' and lab not in s['assess']:
                    d = s['day'] + days
                    if (p['death_day'] is None or d < p['death_day']) and rng.random() < 0.35:
                        events.append((d, 2, 'miss', (s, lab)))
        for d, l in p['fractures']:
            events.append((d, 1, 'frx', l))
        if p['died'] == 'yes':
            events.append((p['death_day'], 3, 'dec', None))
        events.sort(key=lambda e: (e[0], e[1]))
        for day, _, kind, pl in events:
            date = p['date0'] + dt.timedelta(days=day)
            ev.cell(r, 1, p['id'])
            if rng.random() < 0.2:
                ev.cell(r, 2, date.strftime('%d/%m/%Y'))
            else:
                ev.cell(r, 2, date).number_format = 'DD/MM/YYYY'
            if kind == 'int':
                s, k, brand = pl
                ev.cell(r, 3, 'Intervento')
                ev.cell(r, 4, s['session'])
                ev.cell(r, 6, lvl_it(s['levels'][k]))
                ev.cell(r, 7, 'CP' if s['technique'] == 'kyphoplasty' else 'VP')
                ev.cell(r, 8, brand)
                ev.cell(r, 9, s['vols'][k]).number_format = '0.0'
                lk = s['leaks'][k]
                ev.cell(r, 10, ('sì – ' + ', '.join(LEAK_IT[x] for x in lk)) if lk else 'no')
                loc[(p['id'], 'int', s['session'], s['levels'][k])] = r
                for c in range(1, 14):
                    ev.cell(r, c).fill = PatternFill('solid', fgColor='FFF2CC')
            elif kind == 'vis':
                s, lab, a = pl
                ev.cell(r, 3, 'Visita pre-operatoria' if lab == 'pre' else 'Controllo')
                ev.cell(r, 4, s['session'])
                ev.cell(r, 5, TEMPO[lab])
                ev.cell(r, 11, a['vals']['pain_vas'])
                ev.cell(r, 12, a['vals']['mobility'])
                loc[(p['id'], 'vis', s['session'], lab)] = r
            elif kind == 'miss':
                s, lab = pl
                ev.cell(r, 3, 'Controllo')
                ev.cell(r, 4, s['session'])
                ev.cell(r, 5, TEMPO[lab])
                ev.cell(r, 13, 'non si è presentato' if rng.random() < 0.5 else 'contattato telefonicamente, rinvia')
            elif kind == 'frx':
                ev.cell(r, 3, 'Nuova frattura')
                ev.cell(r, 6, lvl_it(pl))
                ev.cell(r, 13, 'RM: frattura recente')
            else:
                ev.cell(r, 3, 'Decesso')
            r += 1
        r += 1   # blank spacer row between patients
    for j, wdt in enumerate([8, 12, 20, 8, 9, 8, 8, 16, 10, 22, 6, 13, 34], 1):
        ev.column_dimensions[col(j)].width = wdt
    ev.freeze_panes = 'B5'
    # ------------------------------------------------------------ planted errors
    errors = []
    taken = set()

    def pick(cond):
        for p in pts:
            if p['id'] not in taken and cond(p):
                taken.add(p['id'])
                return p
    p = pick(lambda p: p['i'] > 1 and p['sessions'][0]['levels'][-1] == 'T12')
    if p is None:
        p = pick(lambda p: p['i'] > 1 and p['sessions'][0]['levels'][0].startswith('T'))
    lv = [l for l in p['sessions'][0]['levels'] if l.startswith('T')][-1]
    rr = loc[(p['id'], 'int', 1, lv)]
    ev.cell(rr, 6, 'D13')
    errors.append(['Eventi', 'F%d' % rr, rr, 'Livello', 'D13', 'vertebra D13 inesistente', p['id']])
    p = pick(lambda p: p['i'] > 4 and '3m' in p['sessions'][0]['assess'])
    rr = loc[(p['id'], 'vis', 1, '3m')]
    ev.cell(rr, 11, 14)
    errors.append(['Eventi', 'K%d' % rr, rr, 'VAS', '14', 'VAS 14 su scala 0-10', p['id']])
    p = pick(lambda p: p['i'] > 7 and '1m' in p['sessions'][0]['assess']
             and p['sessions'][0]['assess']['1m']['vdate'].year == 2022 and p['sessions'][0]['assess']['1m']['vdate'].month in (2, 3))
    if p is None:
        p = pick(lambda p: p['i'] > 7 and '1m' in p['sessions'][0]['assess'] and p['sessions'][0]['assess']['1m']['vdate'].year == 2022)
    rr = loc[(p['id'], 'vis', 1, '1m')]
    ev.cell(rr, 2, '29/02/2022')
    errors.append(['Eventi', 'B%d' % rr, rr, 'Data', '29/02/2022', 'data inesistente (2022 non bisestile)', p['id']])
    p = pick(lambda p: p['i'] > 11 and '24h' in p['sessions'][0]['assess'])
    rr = loc[(p['id'], 'vis', 1, '24h')]
    ev.cell(rr, 12, 7)
    errors.append(['Eventi', 'L%d' % rr, rr, 'Deambulazione', '7', 'valore fuori scala (0-3)', p['id']])
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, [], vol_mode='per_level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
