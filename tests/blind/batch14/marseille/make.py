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


# ---------------------------------------------------------------- Marseille (fr-FR)
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

LEAK_FR = {'disc': 'discale', 'epidural': 'épidurale', 'foraminal': 'foraminale', 'venous': 'veineuse',
           'paravertebral': 'paravertébrale'}
PREN_F = ['Jeanne', 'Marcelle', 'Josette', 'Yvette', 'Odette', 'Monique', 'Huguette', 'Colette', 'Simone', 'Fatima', 'Paulette', 'Lucienne']
PREN_M = ['Marcel', 'Antoine', 'Gilbert', 'Roger', 'Ahmed', 'Raymond', 'Henri', 'Jean-Pierre', 'Gérard', 'Lucien']
NOMS = ['MARTINEZ', 'GARCIA', 'ROUX', 'FABRE', 'BLANC', 'GIRAUD', 'BONNET', 'ARNAUD', 'MEUNIER', 'CASTELLI',
        'ORSINI', 'BENSAÏD', 'PELLEGRIN', 'AUDIBERT', 'TOMASI', 'REYNAUD', 'BARTHÉLÉMY', 'SAMAT']


def d_fr(d):
    return d.strftime('%d/%m/%Y')


def v_fr(v):
    s = ('%.1f' % v).replace('.', ',')
    return s[:-2] if s.endswith(',0') else s


def main(out):
    os.makedirs(out, exist_ok=True)
    tps1 = [('pre', 0, 1), ('24h', 1, 0), ('1m', 30, 6), ('3m', 90, 12), ('6m', 182, 15)]
    tps2 = [('pre', 0, 0), ('24h', 1, 0), ('1m', 30, 6)]
    pts = generate(1402, 23, lambda i: 'MRS-%02d' % (i + 1), dt.date(2021, 9, 1), dt.date(2023, 10, 31),
                   tps1, tps2, kp_share=0.45, cements=(('PMMA', 0.92), ('calcium phosphate', 0.08)),
                   vol_step=0.5, p_second=0.2, attend=0.78)
    rng = np.random.default_rng(14021)
    wb = Workbook()
    ws = wb.active
    ws.title = 'Registre VP-CP'
    B = Font(bold=True)
    ctr = Alignment(horizontal='center', vertical='center', wrap_text=True)
    thin = Side(style='thin', color='A0A0A0')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'AP-HM (fictif) — Hôpital Saint-Aubin — Radiologie interventionnelle ostéo-articulaire'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'] = 'Cimentoplasties vertébrales : 1 ligne par vertèbre traitée. EVA = échelle visuelle analogique /10. Voir onglet Légende.'
    ws['A2'].font = Font(italic=True, size=9)
    hdr = ['N° inclusion', 'IPP', 'NOM Prénom', 'DDN', 'Sexe', 'Âge', 'Étiologie', 'Date du geste', 'Séance',
           'Niveau', 'Technique', 'Ciment', 'Volume injecté', 'Fuite de ciment',
           'Pré-op', 'J1', 'M1', 'M3', 'M6', 'Décès', 'Remarques']
    ws.cell(4, 1, 'PATIENT')
    ws.merge_cells('A4:G4')
    ws.cell(4, 8, 'GESTE (par vertèbre)')
    ws.merge_cells('H4:N4')
    ws.cell(4, 15, 'EVA (/10) — par séance')
    ws.merge_cells('O4:S4')
    ws.cell(4, 20, 'SUIVI')
    ws.merge_cells('T4:U4')
    for c in (1, 8, 15, 20):
        ws.cell(4, c).font = B
        ws.cell(4, c).alignment = ctr
    for j, h in enumerate(hdr, 1):
        cc = ws.cell(5, j, h)
        cc.font = B
        cc.alignment = ctr
        cc.border = box
        cc.fill = PatternFill('solid', fgColor='D9D9D9')
    ETI = {'osteoporotic': ['ostéoporose', 'ostéoporose', 'OP cortisonique'],
           'pathologic': ['métastase (sein)', 'myélome', 'métastase (poumon)', 'métastase (prostate)'],
           'traumatic': ['traumatique (chute)', 'traumatique'], 'other': ['maladie de Kümmell']}
    BR = {'vertebroplasty': ['Osteopal V', 'Vertecem V+'], 'kyphoplasty': ['Kyphon HV-R', 'Osteopal V']}
    identifiers = []
    r = 6
    loc = {}   # (pid, session, level or key) -> row
    names = set()
    kyp_fill = PatternFill('solid', fgColor='FFF2CC')
    for p in pts:
        while True:
            pr = (PREN_F if p['sex'] == 'female' else PREN_M)
            nm = '%s %s' % (NOMS[int(rng.integers(len(NOMS)))], pr[int(rng.integers(len(pr)))])
            if nm not in names:
                names.add(nm)
                break
        ipp = '20%08d' % int(rng.integers(0, 10 ** 8))
        bd = p['date0'] - dt.timedelta(days=365 * p['age'] + p['age'] // 4 + int(rng.integers(5, 360)))
        identifiers += [('name', nm), ('record_number', ipp), ('birth_date', d_fr(bd))]
        e = [x for x in ETI[p['etiology']] if not (('prostate' in x and p['sex'] == 'female') or ('sein' in x and p['sex'] == 'male'))]
        first = r
        ws.cell(r, 2, ipp).number_format = '@'
        ws.cell(r, 3, nm)
        ws.cell(r, 4, d_fr(bd))
        ws.cell(r, 5, 'F' if p['sex'] == 'female' else 'H')
        ws.cell(r, 6, p['age'])
        ws.cell(r, 7, e[int(rng.integers(len(e)))])
        ws.cell(r, 20, 'oui (%s)' % d_fr(p['date0'] + dt.timedelta(days=p['death_day'])) if p['died'] == 'yes' else 'non')
        rem = []
        for d, l in sorted(p['fractures']):
            rem.append('nouvelle fracture %s (IRM du %s)' % (l, d_fr(p['date0'] + dt.timedelta(days=d))))
        if rem:
            ws.cell(r, 21, ' ; '.join(rem))
        for s in p['sessions']:
            s0 = r
            brand = 'ciment phosphocalcique' if s['cement'] != 'PMMA' else BR[s['technique']][int(rng.integers(2))]
            for k, l in enumerate(s['levels']):
                ws.cell(r, 1, p['id'])
                ws.cell(r, 8, d_fr(s['date']))
                ws.cell(r, 9, s['session'])
                ws.cell(r, 10, l)
                ws.cell(r, 11, 'CP ballonnet' if s['technique'] == 'kyphoplasty' else 'VP')
                ws.cell(r, 12, brand)
                ws.cell(r, 13, v_fr(s['vols'][k]) + ' mL')
                ws.cell(r, 14, ' + '.join(LEAK_FR[x] for x in s['leaks'][k]) if s['leaks'][k] else 'non')
                loc[(p['id'], s['session'], l)] = r
                if s['technique'] == 'kyphoplasty':
                    for c in range(8, 15):
                        ws.cell(r, c).fill = kyp_fill
                r += 1
            labs = ['pre', '24h', '1m', '3m', '6m'] if s['session'] == 1 else ['pre', '24h', '1m']
            offs = {'pre': 0, '24h': 1, '1m': 30, '3m': 90, '6m': 182}
            for j, lab in enumerate(labs):
                c = 15 + j
                a = s['assess'].get(lab)
                cc = ws.cell(s0, c)
                if a:
                    cc.value = a['vals']['pain_vas']
                elif p['death_day'] is not None and s['day'] + offs[lab] >= p['death_day']:
                    cc.value = 'DCD'
                else:
                    cc.value = 'NF' if rng.random() < 0.7 else None
                loc[(p['id'], s['session'], lab)] = s0
                if r - 1 > s0:
                    ws.merge_cells(start_row=s0, start_column=c, end_row=r - 1, end_column=c)
                cc.alignment = ctr
            if s['session'] == 2:
                ws.cell(s0, 21, 'reprise : fracture %s' % s['levels'][0])
        if r - 1 > first:
            for c in range(2, 8):
                pass
        for c in range(1, 22):
            ws.cell(r - 1, c).border = Border(bottom=Side(style='thin', color='000000'))
    last = r - 1
    ws.cell(last + 2, 1, 'NF = non fait ; DCD = patient décédé ; PDV = perdu de vue. Surligné jaune = cyphoplastie.')
    ws.cell(last + 2, 1).font = Font(italic=True, size=9)
    lg = wb.create_sheet('Légende')
    leg = [('Abréviation', 'Signification'), ('VP', 'vertébroplastie'), ('CP ballonnet', 'cyphoplastie par ballonnet (Kyphon)'),
           ('Osteopal V, Vertecem V+, Kyphon HV-R', 'ciments PMMA'), ('ciment phosphocalcique', 'phosphate de calcium'),
           ('EVA', 'échelle visuelle analogique, 0 = pas de douleur, 10 = douleur maximale'),
           ('J1 / M1 / M3 / M6', 'contrôle à J1, 1 mois, 3 mois, 6 mois après la séance'),
           ('Séance', '1 = geste initial ; 2 = reprise (nouvelle fracture)'), ('Sexe', 'F = femme, H = homme')]
    for i, (a, b) in enumerate(leg, 1):
        lg.cell(i, 1, a).font = Font(bold=(i == 1))
        lg.cell(i, 2, b).font = Font(bold=(i == 1))
    lg.column_dimensions['A'].width = 36
    lg.column_dimensions['B'].width = 70
    # ------------------------------------------------------------ planted errors
    SH = 'Registre VP-CP'
    errors = []
    taken = set()

    def pick(cond):
        for p in pts:
            if p['id'] not in taken and cond(p):
                taken.add(p['id'])
                return p
    p = pick(lambda p: p['i'] > 2 and len(p['sessions'][0]['levels']) == 1)
    rr = loc[(p['id'], 1, p['sessions'][0]['levels'][0])]
    ws.cell(rr, 13, '45 mL')
    errors.append([SH, 'M%d' % rr, rr, 'Volume injecté', '45 mL', '45 mL dans une seule vertèbre : impossible', p['id']])
    p = pick(lambda p: p['i'] > 5 and p['sessions'][0]['levels'][-1] == 'T12')
    if p is None:
        p = pick(lambda p: p['i'] > 5 and p['sessions'][0]['levels'][0].startswith('T'))
    lv = [l for l in p['sessions'][0]['levels'] if l.startswith('T')][-1]
    rr = loc[(p['id'], 1, lv)]
    ws.cell(rr, 10, 'T13')
    errors.append([SH, 'J%d' % rr, rr, 'Niveau', 'T13', 'vertèbre T13 inexistente', p['id']])
    p = pick(lambda p: p['i'] > 8 and '1m' in p['sessions'][0]['assess'])
    rr = loc[(p['id'], 1, '1m')]
    ws.cell(rr, 17, 15)
    errors.append([SH, 'Q%d' % rr, rr, 'M1', '15', 'EVA 15 sur une échelle /10', p['id']])
    p = pick(lambda p: p['i'] > 12 and len(p['sessions'][0]['levels']) == 1)
    rr = loc[(p['id'], 1, p['sessions'][0]['levels'][0])]
    ws.cell(rr, 8, '31/06/2022')
    errors.append([SH, 'H%d' % rr, rr, 'Date du geste', '31/06/2022', 'date impossible (31 juin)', p['id']])
    widths = [11, 12, 24, 11, 5, 5, 20, 12, 7, 7, 13, 22, 10, 24, 7, 5, 5, 5, 5, 18, 50]
    for j, wdt in enumerate(widths, 1):
        ws.column_dimensions[col(j)].width = wdt
    ws.freeze_panes = 'D6'
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, identifiers, vol_mode='per_level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
