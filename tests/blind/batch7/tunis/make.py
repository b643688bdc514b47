import sys, os, csv, datetime as dt
import numpy as np
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

ALL_LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
              + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90,
           '6m': 180, '12m': 365, '24m': 730}
LEAK_SITES = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def pick_levels(rng, k, exclude=()):
    cand = ['T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
    w = np.array([1, 1, 2, 2, 2, 3, 5, 8, 8, 5, 3, 2, 1], float)
    for _ in range(200):
        i = int(rng.choice(len(cand), p=w / w.sum()))
        i = min(i, len(cand) - k)
        lv = cand[i:i + k]
        if not set(lv) & set(exclude):
            return lv
    raise RuntimeError('levels')


def neighbour_level(rng, used):
    idx = sorted(ALL_LEVELS.index(u) for u in used)
    opts = [ALL_LEVELS[j] for j in (idx[0] - 1, idx[0] - 2, idx[-1] + 1, idx[-1] + 2)
            if 8 <= j < len(ALL_LEVELS) - 1 and ALL_LEVELS[j] not in used]
    return opts[int(rng.integers(len(opts)))]


def gen_patients(rng, ids, cfg):
    """cfg keys: start (date), techniques (list,probs), cements (list of truth types, probs),
    tps1 (follow-up timepoints for session 1), tps2 (for session 2 or []),
    measures (list), p_second, p_fracture, p_died, p_attend, vol_range"""
    pats = []
    for pid in ids:
        p = {'pid': pid}
        et = rng.choice(['osteoporotic', 'pathologic', 'traumatic'], p=cfg.get('et_p', [0.7, 0.2, 0.1]))
        p['etiology'] = str(et)
        p['sex'] = 'female' if rng.random() < (0.72 if et == 'osteoporotic' else 0.45) else 'male'
        p['age'] = int(rng.integers(58, 91) if et == 'osteoporotic' else rng.integers(38, 80))
        d1 = cfg['start'] + dt.timedelta(days=int(rng.integers(0, 600)))
        if d1.weekday() >= 5:
            d1 += dt.timedelta(days=7 - d1.weekday())
        p['date1'] = d1
        p['birth'] = d1 - dt.timedelta(days=int(p['age'] * 365.25 + rng.integers(10, 350)))
        k = int(rng.choice([1, 2, 3], p=[0.55, 0.33, 0.12]))
        tech = str(rng.choice(cfg['techniques'], p=cfg['tech_p']))
        cem = str(rng.choice(cfg['cements'], p=cfg['cem_p']))
        s1 = make_session(rng, 1, 0, pick_levels(rng, k), tech, cem, cfg)
        p['sessions'] = [s1]
        used = list(s1['levels'])
        p['died'] = 'yes' if rng.random() < cfg.get('p_died', 0.12) else 'no'
        death_day = int(rng.integers(60, 400)) if p['died'] == 'yes' else 10 ** 6
        p['death_day'] = death_day
        if rng.random() < cfg.get('p_second', 0.2) and death_day > 150:
            day2 = int(rng.integers(21, 130))
            lv2 = [neighbour_level(rng, used)]
            used += lv2
            s2 = make_session(rng, 2, day2, lv2, tech, cem, cfg)
            p['sessions'].append(s2)
        p['fractures'] = []
        if rng.random() < cfg.get('p_fracture', 0.15):
            fd = int(rng.integers(25, min(death_day, 340)))
            p['fractures'].append((fd, neighbour_level(rng, used)))
        # assessments
        p['assess'] = {}
        for s in p['sessions']:
            tps = cfg['tps1'] if s['session'] == 1 else cfg['tps2']
            pre = float(rng.integers(6, 11))
            odi = float(rng.integers(45, 85))
            for tp in tps:
                absday = s['day'] + TP_DAYS[tp]
                if absday >= death_day:
                    continue
                if tp != 'pre' and rng.random() > cfg.get('p_attend', 0.85):
                    continue
                frac = {'pre': 1, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4,
                        '3m': 0.35, '6m': 0.3, '12m': 0.3, '24m': 0.3}[tp]
                if 'pain_vas' in cfg['measures']:
                    v = pre if tp == 'pre' else max(0, round(pre * frac + rng.normal(0, 1.2)))
                    p['assess'][(s['session'], 'pain_vas', tp)] = float(v)
                if 'odi' in cfg['measures'] and tp in cfg.get('odi_tps', tps):
                    v = odi if tp == 'pre' else max(4, round(odi * (frac + 0.15) + rng.normal(0, 6)))
                    p['assess'][(s['session'], 'odi', tp)] = float(v)
                if 'mobility' in cfg['measures'] and tp in cfg.get('mob_tps', tps):
                    base = int(rng.integers(1, 3))
                    v = base if tp == 'pre' else min(4, base + int(rng.integers(0, 3)))
                    p['assess'][(s['session'], 'mobility', tp)] = float(v)
        pats.append(p)
    return pats


def make_session(rng, sno, day, levels, tech, cem, cfg):
    lo, hi = cfg.get('vol_range', (2.0, 6.0))
    vols = [float(round(rng.uniform(lo, hi) * 2) / 2) for _ in levels]
    leaks = []
    for _ in levels:
        if rng.random() < cfg.get('p_leak', 0.22):
            leaks.append(str(rng.choice(LEAK_SITES[:cfg.get('n_leak_sites', 5)],
                                        p=None)))
        else:
            leaks.append('none')
    return {'session': sno, 'day': day, 'levels': levels, 'technique': tech, 'vols': vols,
            'total': float(sum(vols)), 'cement': cem, 'leaks': leaks}


def fmtnum(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%g' % v)


def write_truth(outdir, pats, errors, identifiers, vol_mode, sex_rec=True, age_rec=True,
                et_rec=True, died_rec=True):
    """vol_mode(p, s) -> 'level' or 'session' or None"""
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if sex_rec else '', p['age'] if age_rec else '',
        p['etiology'] if et_rec else '', p['died'] if died_rec else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            mode = vol_mode(p, s)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], s['session'], s['day'], lv, s['technique'],
                             fmtnum(v) if mode == 'level' else '',
                             fmtnum(s['total']) if mode == 'session' else '',
                             s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    order = list(TP_DAYS)
    for p in pats:
        for (sno, m, tp), v in sorted(p['assess'].items(), key=lambda x: (x[0][0], x[0][1], order.index(x[0][2]))):
            rows.append([p['pid'], sno, m, tp, fmtnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, lv] for p in pats for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def addr(r, c):
    return '%s%d' % (get_column_letter(c), r)

# ---------------------------------------------------------------- Tunis
TECH = {'vertebroplasty': 'VP', 'kyphoplasty': 'CP'}
LEAK = {'disc': 'Oui – discale', 'venous': 'Oui – veineuse', 'paravertebral': 'Oui – paravertébrale',
        'epidural': 'Oui – épidurale', 'foraminal': 'Oui – foraminale'}
BR = {'PMMA': ['Osteopal V', 'Vertecem V+', 'Mendec Spine'], 'calcium phosphate': ['Ciment phosphocalcique']}
PRE_F = ['Fatma', 'Samia', 'Najet', 'Habiba', 'Monia', 'Saïda', 'Zohra', 'Latifa', 'Jamila', 'Mounira']
PRE_M = ['Mohamed', 'Habib', 'Slim', 'Hédi', 'Moncef', 'Taoufik', 'Ali', 'Béchir']
NOMS = ['Ben Salah', 'Trabelsi', 'Jaziri', 'Gharbi', 'Mejri', 'Ben Ammar', 'Chaabane', 'Hammami', 'Ayari',
        'Bouazizi', 'Khelifi', 'Dridi']
AR_NAMES = ['فاطمة الطرابلسي', 'محمد بن صالح', 'حبيبة الغربي', 'علي الماجري']
VIS = [('pre', 'EVA pré-op'), ('24h', 'EVA J1'), ('1m', 'EVA M1'), ('3m', 'EVA M3'), ('6m', 'EVA M6')]


def niv(lv):
    return 'D' + lv[1:] if lv.startswith('T') else lv


def main(outdir):
    rng = np.random.default_rng(7505)
    n = 22
    ids = ['VTx-%02d' % i for i in range(1, n + 1)]
    cfg = dict(start=dt.date(2021, 9, 1), techniques=['vertebroplasty', 'kyphoplasty'], tech_p=[0.75, 0.25],
               cements=['PMMA', 'calcium phosphate'], cem_p=[0.9, 0.1],
               tps1=['pre', '24h', '1m', '3m', '6m'], tps2=[],
               measures=['pain_vas'], p_second=0.25, p_fracture=0.18, p_died=0.12, p_attend=0.8)
    pats = gen_patients(rng, ids, cfg)
    volmode = {}
    identifiers = []
    wb = Workbook()
    ws = wb.active
    ws.title = '1ère intervention'
    ws['A1'] = 'CHU La Rabta (fictif) – Service de Radiologie Interventionnelle – مستشفى الرابطة'
    ws['A2'] = 'Registre des vertébroplasties / cyphoplasties – 1ère intervention et suivi'
    ws['A1'].font = Font(bold=True, size=12)
    heads = ['N°', 'Code patient', 'Nom et prénom', 'N° dossier', 'Sexe', 'Âge', 'Étiologie',
             "Date de l'intervention", 'Niveau', 'Technique', 'Ciment', 'Volume (ml)', 'Fuite de ciment'] + \
            [v[1] for v in VIS] + ['Nouvelle fracture', 'Décès / وفاة']
    HR = 4
    col = {h: i + 1 for i, h in enumerate(heads)}
    for c, h in enumerate(heads, 1):
        cell = ws.cell(HR, c, h)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
        cell.fill = PatternFill('solid', fgColor='FFF2CC')
    ws2 = wb.create_sheet('2ème intervention')
    ws2['A1'] = '2ème intervention (nouveau niveau ou reprise)'
    ws2['A1'].font = Font(bold=True)
    heads2 = ['Code patient', "Date de l'intervention", 'Délai / 1ère (jours)', 'Niveau', 'Technique', 'Ciment',
              'Volume (ml)', 'Fuite de ciment', 'Remarque']
    col2 = {h: i + 1 for i, h in enumerate(heads2)}
    for c, h in enumerate(heads2, 1):
        ws2.cell(3, c, h).font = Font(bold=True)
    r, r2 = HR + 1, 4
    prow, prow2 = {}, {}
    merge_cols = ['N°', 'Code patient', 'Nom et prénom', 'N° dossier', 'Sexe', 'Âge', 'Étiologie',
                  "Date de l'intervention", 'Technique', 'Ciment'] + [v[1] for v in VIS] + ['Nouvelle fracture', 'Décès / وفاة']
    for i, p in enumerate(pats):
        if i % 6 == 4:
            name = AR_NAMES[(i // 6) % len(AR_NAMES)]
        else:
            name = '%s %s' % (rng.choice(NOMS).upper(), rng.choice(PRE_F if p['sex'] == 'female' else PRE_M))
        dossier = '%d/%02d' % (int(rng.integers(1000, 99999)), p['date1'].year % 100)
        identifiers += [['name', name], ['record_number', dossier]]
        s = p['sessions'][0]
        k = len(s['levels'])
        prow[p['pid']] = r
        vals = {'N°': i + 1, 'Code patient': p['pid'], 'Nom et prénom': name, 'N° dossier': dossier,
                'Sexe': 'F' if p['sex'] == 'female' else 'H', 'Âge': p['age'] if i % 5 else '%d ans' % p['age']}
        if p['etiology'] == 'osteoporotic':
            vals['Étiologie'] = 'هشاشة العظام' if i % 7 == 3 else str(rng.choice(['Ostéoporose', 'Ostéoporotique']))
        elif p['etiology'] == 'pathologic':
            vals['Étiologie'] = str(rng.choice(['Métastase (sein)', 'Myélome', 'Métastase (poumon)']))
        else:
            vals['Étiologie'] = 'Traumatique'
        vals['Technique'] = TECH[s['technique']]
        vals['Ciment'] = str(rng.choice(BR[s['cement']]))
        for tp, h in VIS:
            v = p['assess'].get((1, 'pain_vas', tp))
            if v is not None:
                vals[h] = int(v) if (i + len(h)) % 6 else '%d/10' % v
            elif TP_DAYS[tp] >= p['death_day']:
                vals[h] = 'DCD'
            else:
                vals[h] = 'PDV' if i % 2 else 'NF'
        if p['fractures']:
            fd, fl = p['fractures'][0]
            vals['Nouvelle fracture'] = 'Oui : %s le %s' % (niv(fl), (p['date1'] + dt.timedelta(days=fd)).strftime('%d/%m/%Y'))
        else:
            vals['Nouvelle fracture'] = 'Non'
        if p['died'] == 'yes':
            vals['Décès / وفاة'] = 'Oui (%s)' % (p['date1'] + dt.timedelta(days=p['death_day'])).strftime('%m/%Y')
        else:
            vals['Décès / وفاة'] = 'Non' if i % 4 else 'لا'
        for h, v in vals.items():
            ws.cell(r, col[h], v)
        dc = ws.cell(r, col["Date de l'intervention"], p['date1'] if i % 3 else p['date1'].strftime('%d-%m-%Y'))
        if i % 3:
            dc.number_format = 'DD/MM/YYYY'
        total_mode = k > 1 and i % 3 == 0
        volmode[(p['pid'], 1)] = 'session' if total_mode else 'level'
        for j, (lv, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
            ws.cell(r + j, col['Niveau'], niv(lv) if i % 4 else lv)
            if not total_mode:
                ws.cell(r + j, col['Volume (ml)'], v)
            ws.cell(r + j, col['Fuite de ciment'], 'Non' if lk == 'none' else LEAK[lk])
        if total_mode:
            ws.cell(r, col['Volume (ml)'], s['total'])
            ws.merge_cells(start_row=r, start_column=col['Volume (ml)'], end_row=r + k - 1, end_column=col['Volume (ml)'])
        if k > 1:
            for h in merge_cols:
                ws.merge_cells(start_row=r, start_column=col[h], end_row=r + k - 1, end_column=col[h])
                ws.cell(r, col[h]).alignment = Alignment(vertical='center')
        r += k
        # second session
        for s2 in p['sessions'][1:]:
            volmode[(p['pid'], 2)] = 'level'
            prow2[p['pid']] = r2
            d2 = p['date1'] + dt.timedelta(days=s2['day'])
            ws2.cell(r2, col2['Code patient'], p['pid'])
            ws2.cell(r2, col2["Date de l'intervention"], d2).number_format = 'DD/MM/YYYY'
            ws2.cell(r2, col2['Délai / 1ère (jours)'], s2['day'])
            ws2.cell(r2, col2['Niveau'], niv(s2['levels'][0]))
            ws2.cell(r2, col2['Technique'], TECH[s2['technique']])
            ws2.cell(r2, col2['Ciment'], vals['Ciment'])
            ws2.cell(r2, col2['Volume (ml)'], s2['vols'][0])
            ws2.cell(r2, col2['Fuite de ciment'], 'Non' if s2['leaks'][0] == 'none' else LEAK[s2['leaks'][0]])
            ws2.cell(r2, col2['Remarque'], 'douleur persistante, nouveau tassement' if i % 2 else 'مراقبة')
            r2 += 1
    ws.cell(r + 1, 1, 'Légende : EVA 0-10 ; NF = non fait ; PDV = perdu de vue ; DCD = décédé ; D = vertèbre dorsale '
                      '(D12 = T12) ; volume fusionné sur plusieurs lignes = volume total de la séance.')
    errors = []
    sh = ws.title
    # 1 D13
    p = pats[1]; row = prow[p['pid']]; cc = col['Niveau']
    ws.cell(row, cc, 'D13')
    errors.append([sh, addr(row, cc), row, 'Niveau', 'D13', 'impossible level D13 (= T13)', p['pid']])
    # 2 EVA 17
    p = next(q for q in pats[5:] if (1, 'pain_vas', '1m') in q['assess']); row = prow[p['pid']]; cc = col['EVA M1']
    ws.cell(row, cc, 17)
    errors.append([sh, addr(row, cc), row, 'EVA M1', '17', 'pain 17 on a 0-10 EVA', p['pid']])
    # 3 cement 50 mL in one vertebra (level mode patient)
    p = next(q for q in pats[9:] if volmode[(q['pid'], 1)] == 'level'); row = prow[p['pid']]; cc = col['Volume (ml)']
    ws.cell(row, cc, 50)
    errors.append([sh, addr(row, cc), row, 'Volume (ml)', '50', 'implausible 50 mL cement in one vertebra', p['pid']])
    # 4 meaningless text in volume
    p = next(q for q in pats[14:] if volmode[(q['pid'], 1)] == 'level'); row = prow[p['pid']]; cc = col['Volume (ml)']
    ws.cell(row, cc, 'RAS')
    errors.append([sh, addr(row, cc), row, 'Volume (ml)', 'RAS', 'text "RAS" in the cement volume column', p['pid']])
    # 5 second intervention dated before the first
    p = next(q for q in pats if q['pid'] in prow2); row = prow2[p['pid']]
    bad = p['date1'] - dt.timedelta(days=p['sessions'][1]['day'])
    ws2.cell(row, col2["Date de l'intervention"], bad).number_format = 'DD/MM/YYYY'
    errors.append([ws2.title, addr(row, col2["Date de l'intervention"]), row, "Date de l'intervention",
                   bad.strftime('%d/%m/%Y'), '2nd intervention dated before the 1st intervention', p['pid']])
    widths = [4, 11, 22, 11, 5, 8, 16, 13, 7, 9, 16, 9, 20] + [8] * 5 + [24, 12]
    for c, wdt in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = wdt
    for c in range(1, 10):
        ws2.column_dimensions[get_column_letter(c)].width = 16
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, identifiers, lambda p, s: volmode[(p['pid'], s['session'])])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
