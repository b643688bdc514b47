# ---- shared generator (copied verbatim into each site's make.py) ----
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
TPDAYS = {'24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def gen(seed, n, start, end, tps, idfmt, lo='T5', hi='L5', cements=('PMMA',),
        tech_p=0.7, s2_p=0.18, nf_p=0.18, death_p=0.12, miss_p=0.15,
        s2_tps=None, odi=False, mob=False):
    rng = np.random.default_rng(seed)
    lv = LEVELS[LEVELS.index(lo):LEVELS.index(hi) + 1]
    span = (end - start).days
    pats = []
    for i in range(n):
        p = {'pid': idfmt(i)}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.65 else ('pathologic' if r < 0.87 else 'traumatic')
        p['etio_detail'] = None
        if p['etiology'] == 'pathologic':
            p['etio_detail'] = 'myeloma' if rng.random() < 0.35 else 'metastasis'
        p['age'] = int(rng.integers(58, 93)) if p['etiology'] != 'traumatic' else int(rng.integers(35, 75))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        p['d0'] = d0
        k = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        c = int(rng.integers(0, len(lv) - k + 1))
        levs = lv[c:c + k]
        tech = 'vertebroplasty' if rng.random() < tech_p else 'kyphoplasty'
        ct = cements[int(rng.integers(0, len(cements)))]

        def mk(sn, day, levs, tech, ct):
            s = {'session': sn, 'day': day, 'date': d0 + dt.timedelta(days=day),
                 'tech': tech, 'cement': ct, 'levels': []}
            for L in levs:
                vmax = 6.5 if L.startswith('L') else 4.5
                vol = round(float(rng.uniform(1.5, vmax)) * 2) / 2
                lk = 'none'
                if rng.random() < 0.25:
                    lk = str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'disc;venous']))
                s['levels'].append({'level': L, 'vol': vol, 'leak': lk})
            s['total'] = round(sum(x['vol'] for x in s['levels']), 1)
            s['ass'] = {}
            return s

        sess = [mk(1, 0, levs, tech, ct)]
        used = set(levs)
        if rng.random() < s2_p:
            free = [L for L in lv if L not in used]
            adj = [L for L in free if abs(lv.index(L) - lv.index(levs[0])) <= 2 or abs(lv.index(L) - lv.index(levs[-1])) <= 2]
            pool = adj or free
            L2 = pool[int(rng.integers(0, len(pool)))]
            used.add(L2)
            sess.append(mk(2, int(rng.integers(21, 120)), [L2], tech, ct))
        p['sessions'] = sess
        # death
        p['died'] = 'no'
        p['death_day'] = None
        if rng.random() < death_p:
            p['died'] = 'yes'
            p['death_day'] = int(rng.integers(max(s['day'] for s in sess) + 20, 330))
        lim = p['death_day'] if p['death_day'] is not None else 10 ** 6
        # new fractures
        p['fractures'] = []
        if rng.random() < nf_p:
            free = [L for L in lv if L not in used]
            L3 = free[int(rng.integers(0, len(free)))]
            fd = int(rng.integers(25, 300))
            if fd < lim:
                p['fractures'].append((fd, L3))
        # assessments
        for s in sess:
            these = tps if s['session'] == 1 else (s2_tps if s2_tps is not None else tps)
            pre = int(rng.integers(6, 11))
            opre = int(rng.integers(20, 41)) * 2
            mpre = int(rng.integers(2, 5))
            s['ass']['pre'] = {'pain_vas': pre, 'date': s['date'] - dt.timedelta(days=int(rng.integers(0, 2)))}
            if odi:
                s['ass']['pre']['odi'] = opre
            if mob:
                s['ass']['pre']['mobility'] = mpre
            drop = int(rng.integers(2, 6))
            for j, tp in enumerate(these):
                nd = TPDAYS[tp]
                jit = 0 if nd <= 1 else int(rng.integers(-max(1, nd // 10), max(1, nd // 10) + 1))
                vd = s['day'] + nd + jit
                if vd >= lim:
                    continue
                if j > 0 and rng.random() < miss_p:
                    continue
                v = {'date': d0 + dt.timedelta(days=vd)}
                v['pain_vas'] = int(min(10, max(0, pre - drop - j * 0.5 + int(rng.integers(-1, 2)))))
                if odi:
                    v['odi'] = int(min(100, max(0, opre - 10 - 6 * j + int(rng.integers(-3, 4)) * 2)))
                if mob:
                    v['mobility'] = int(min(4, max(1, mpre - 1 - (j > 1) + int(rng.integers(-1, 1)))))
                s['ass'][tp] = v
        pats.append(p)
    return pats


def wcsv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtnum(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%.2f' % x).rstrip('0')


def write_truth(out, pats, errors, identifiers, vol_mode='level', leak=True, tech=True,
                cement=True, sex=True, age=True, etiology=True, died=True):
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    wcsv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
           p['died'] if died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for L in s['levels']:
                rows.append([p['pid'], s['session'], s['day'], L['level'], s['tech'] if tech else '',
                             fmtnum(L['vol']) if vol_mode == 'level' else '',
                             fmtnum(s['total']) if vol_mode == 'session' else '',
                             s['cement'] if cement else '', L['leak'] if leak else ''])
    wcsv(os.path.join(t, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique',
         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for tp, v in s['ass'].items():
                for m in ('pain_vas', 'odi', 'mobility'):
                    if m in v:
                        rows.append([p['pid'], s['session'], m, tp, fmtnum(v[m])])
    wcsv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    wcsv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
         [[p['pid'], d, L] for p in pats for d, L in p['fractures']])
    wcsv(os.path.join(t, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


def col_letter(ci):  # 1-based
    s = ''
    while ci:
        ci, r = divmod(ci - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end shared generator ----
# ---- site: phnompenh ----
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill

KH = str.maketrans('0123456789', '០១២៣៤៥៦៧៨៩')


def main(out):
    os.makedirs(out, exist_ok=True)
    pats = gen(9104, 23, dt.date(2022, 2, 1), dt.date(2024, 3, 31), ['24h', '6w', '3m', '6m'],
               lambda i: 'PP-%03d' % (i + 1), lo='T6', hi='L5', s2_tps=['24h', '6w'], tech_p=0.8, nf_p=0.3)
    rng = np.random.default_rng(9102)
    VIS = {'pre': 'មុន / pré-op', '24h': '២៤ម៉ោង / J1', '6w': '៦សប្ដាហ៍ / S6', '3m': '៣ខែ / M3', '6m': '៦ខែ / M6'}
    ETI = {'osteoporotic': 'ពុកឆ្អឹង (ostéoporose)', 'traumatic': 'គ្រោះថ្នាក់ / traumatisme',
           'myeloma': 'myélome multiple', 'metastasis': 'មហារីករាលដាល / métastase'}
    LK = {'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale',
          'epidural': 'épidurale', 'disc;venous': 'discale + veineuse'}
    BR = ['Osteopal V', 'Vertecem V+', 'Osteopal V']

    def d2s(d, kh=False):
        s = d.strftime('%d/%m/%Y')
        return s.translate(KH) if kh else s

    def num(x):
        s = fmtnum(x).replace('.', ',')
        return s

    events = []  # (date, order, pid, dict)
    for p in pats:
        for s in p['sessions']:
            e = {'type': 'នីតិវិធី / Procédure', 'date': s['date'], 'sess': s['session'],
                 'levels': ', '.join(L['level'] for L in s['levels']), 'tech': 'VP' if s['tech'] == 'vertebroplasty' else 'KP'}
            if len(s['levels']) == 1:
                e['cem'] = num(s['levels'][0]['vol']) + ' ml'
            else:
                e['cem'] = ' ; '.join('%s: %s ml' % (L['level'], num(L['vol'])) for L in s['levels'])
            e['brand'] = BR[int(rng.integers(0, 3))]
            lks = [L for L in s['levels'] if L['leak'] != 'none']
            if not lks:
                e['leak'] = 'គ្មាន / non'
            elif len(s['levels']) == 1:
                e['leak'] = LK[lks[0]['leak']]
            else:
                e['leak'] = ' ; '.join('%s: %s' % (L['level'], 'non' if L['leak'] == 'none' else LK[L['leak']]) for L in s['levels'])
            e['visit'] = VIS['pre']
            e['vas'] = s['ass']['pre']['pain_vas']
            if s['session'] == 1:
                e['sex'] = 'ស្រី' if p['sex'] == 'female' else 'ប្រុស'
                e['age'] = '%d ans' % p['age'] if rng.random() < 0.6 else str(p['age']).translate(KH)
                e['eti'] = ETI[p['etio_detail'] or p['etiology']]
            else:
                e['note'] = 'វគ្គទី២ / 2e séance'
            events.append((s['date'], 0, p['pid'], e))
            for tp, v in s['ass'].items():
                if tp == 'pre':
                    continue
                events.append((v['date'], 1, p['pid'], {'type': 'តាមដាន / Suivi', 'date': v['date'],
                               'sess': s['session'], 'visit': VIS[tp], 'vas': v['pain_vas']}))
        for d, L in p['fractures']:
            fd = p['d0'] + dt.timedelta(days=d)
            events.append((fd, 2, p['pid'], {'type': 'បាក់ឆ្អឹងថ្មី / Nouvelle fracture', 'date': fd, 'levels': L,
                                             'note': 'IRM: tassement récent, traitement médical'}))
        if p['died'] == 'yes':
            dd = p['d0'] + dt.timedelta(days=p['death_day'])
            events.append((dd, 3, p['pid'], {'type': 'ស្លាប់ / Décès', 'date': dd,
                                             'note': 'ស្លាប់នៅផ្ទះ / décédé à domicile (appel famille)'}))
    events.sort(key=lambda x: (x[0], x[2], x[1]))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'បញ្ជី Registre'
    hdr = ['ល.រ\nN°', 'លេខសិក្សា\nN° étude', 'ព្រឹត្តិការណ៍\nÉvénement', 'ថ្ងៃខែឆ្នាំ\nDate', 'វគ្គ\nSéance',
           'ភេទ\nSexe', 'អាយុ\nÂge', 'មូលហេតុ\nÉtiologie', 'កម្រិតឆ្អឹងខ្នង\nNiveau(x)', 'បច្ចេកទេស\nTechnique',
           'ស៊ីម៉ង់\nCiment (ml)', 'ម៉ាកស៊ីម៉ង់\nMarque ciment', 'លេចធ្លាយ\nFuite de ciment', 'ពេលពិនិត្យ\nVisite',
           'EVA (0-10)', 'កំណត់សម្គាល់\nRemarques']
    ws['A1'] = 'មន្ទីរពេទ្យមិត្តភាព — ផ្នែកវិទ្យុសាស្ត្រអន្តរាគមន៍ / Service de radiologie interventionnelle — Registre vertébroplastie / cyphoplastie'
    ws['A1'].font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(hdr))
    ws['A2'] = 'VP = vertébroplastie, KP = cyphoplastie par ballonnet. EVA = échelle visuelle analogique 0-10. Une ligne par événement. ស្រី = femme, ប្រុស = homme.'
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(hdr))
    HR = 3
    for j, h in enumerate(hdr, 1):
        c = ws.cell(row=HR, column=j, value=h)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical='center')
        c.fill = PatternFill('solid', fgColor='DDEBF7')
    ws.row_dimensions[HR].height = 34
    keys = ['n', 'pid', 'type', 'date', 'sess', 'sex', 'age', 'eti', 'levels', 'tech', 'cem', 'brand', 'leak', 'visit', 'vas', 'note']
    errors = []
    # planted errors: choose targets
    proc_rows = [i for i, e in enumerate(events) if e[3]['type'].endswith('Procédure') and e[3]['sess'] == 1]
    fu_rows = [i for i, e in enumerate(events) if e[3]['type'].endswith('Suivi')]
    plan = {proc_rows[3]: ('levels', None), fu_rows[10]: ('vas', '14'), fu_rows[25]: ('date', None),
            proc_rows[15]: ('cem', None)}
    for i, (d, o, pid, e) in enumerate(events):
        r = HR + 1 + i
        e = dict(e)
        e['n'] = i + 1
        e['pid'] = pid
        kh = rng.random() < 0.25
        e['date'] = d2s(e['date'], kh)
        if 'vas' in e and rng.random() < 0.2:
            e['vas'] = str(e['vas']).translate(KH)
        if i in plan:
            k, _ = plan[i]
            if k == 'levels':
                levs = e['levels'].split(', ')
                bad = levs[-1]
                newbad = 'T13' if bad.startswith('T') or bad == 'L1' else 'L7'
                e['levels'] = ', '.join(levs[:-1] + [newbad])
                if bad in e['cem']:
                    e['cem'] = e['cem'].replace(bad + ':', newbad + ':')
                if bad in e['leak']:
                    e['leak'] = e['leak'].replace(bad + ':', newbad + ':')
                errors.append([ws.title, 'I%d' % r, r, 'កម្រិតឆ្អឹងខ្នង\nNiveau(x)', e['levels'],
                               'impossible vertebral level %s (intended %s)' % (newbad, bad), pid])
            elif k == 'vas':
                e['vas'] = '14'
                errors.append([ws.title, 'O%d' % r, r, 'EVA (0-10)', '14', 'pain score 14 on a 0-10 scale', pid])
            elif k == 'date':
                dd = d
                bad = '31/02/%d' % dd.year
                e['date'] = bad
                errors.append([ws.title, 'D%d' % r, r, 'ថ្ងៃខែឆ្នាំ\nDate', bad, 'impossible date (31 February)', pid])
            elif k == 'cem':
                e['cem'] = '45 ml' if ';' not in e['cem'] else e['cem'].split(' ; ')[0].split(':')[0] + ': 45 ml ; ' + ' ; '.join(e['cem'].split(' ; ')[1:])
                errors.append([ws.title, 'K%d' % r, r, 'ស៊ីម៉ង់\nCiment (ml)', e['cem'], 'implausible cement volume 45 mL in one vertebra', pid])
        for j, k in enumerate(keys, 1):
            v = e.get(k)
            if v is not None:
                ws.cell(row=r, column=j, value=v)
    for j, w in enumerate([5, 10, 20, 12, 7, 7, 8, 24, 12, 9, 22, 13, 24, 14, 8, 40], 1):
        ws.column_dimensions[col_letter(j)].width = w
    ws.freeze_panes = 'C4'
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, [], vol_mode='level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
