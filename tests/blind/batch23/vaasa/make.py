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
# ---- Vaasa: a folder of files, one per visit, Finnish/Swedish headers, each with its own column order ----
from openpyxl import Workbook
from openpyxl.styles import Font

TPS = ['pre', '1w', '6w', '3m', '12m']; TPS2 = ['pre', '6w']
SUKU = ['Virtanen', 'Mäkinen', 'Nieminen', 'Koskinen', 'Björklund', 'Granholm', 'Lindqvist', 'Hakala', 'Rönnqvist', 'Ahola',
        'Kangas', 'Sjöholm', 'Östman', 'Laine', 'Backman', 'Heikkilä']
ETU = {'female': ['Aino', 'Helena', 'Marjatta', 'Ulla-Britt', 'Kristina', 'Pirkko', 'Anna-Lisa', 'Leena', 'Gun', 'Sirkka'],
       'male': ['Matti', 'Juhani', 'Bengt', 'Göran', 'Pentti', 'Kalevi', 'Stig', 'Erkki', 'Mikael', 'Tapani']}
ETI = {'osteoporotic': 'osteoporoosi / osteoporos', 'pathologic': ['metastaasi / metastas', 'myelooma / myelom'],
       'traumatic': 'trauma', 'other': 'muu / annan (Kümmell)'}
LK = {'disc': 'välilevy/disk', 'venous': 'laskimo/ven', 'paravertebral': 'paravertebraali/paravertebral',
      'epidural': 'epiduraali/epidural', 'foraminal': 'foramen'}
VISITS = [('1w', 'kontrolli_1vk_kontroll_1v', 'csv'), ('6w', 'kontrolli_6vk_kontroll_6v', 'xlsx'),
          ('3m', 'kontrolli_3kk_kontroll_3mån', 'csv'), ('12m', 'kontrolli_12kk_kontroll_12mån', 'xlsx')]


def fi(d):
    return '%d.%d.%d' % (d.day, d.month, d.year)


def lev(L):
    return ('Th' + L[1:]) if L[0] == 'T' else L


def cm(x):
    return ('%.1f' % x).replace('.', ',')


def hetu(b, R):
    n = R.randint(2, 899)
    num = int('%02d%02d%02d%03d' % (b.day, b.month, b.year % 100, n))
    return '%02d%02d%02d-%03d%s' % (b.day, b.month, b.year % 100, n, '0123456789ABCDEFHJKLMNPRSTUVWXY'[num % 31])


def save(path, sheet, header, rows, kind):
    if kind == 'csv':
        with open(path, 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f, delimiter=';'); w.writerow(header); w.writerows(rows)
    else:
        wb = Workbook(); ws = wb.active; ws.title = sheet
        ws.append(header)
        for c in ws[1]: c.font = Font(bold=True)
        for r in rows: ws.append(r)
        wb.save(path)


def main(outdir):
    R = random.Random(2303)
    pats = gen_cohort(2303, 25, TPS, TPS2, ['pain_vas', 'odi'], dt.date(2021, 2, 1), kp_share=0.3)
    idents = []; errors = []
    ind = os.path.join(outdir, 'input'); os.makedirs(ind, exist_ok=True)
    plain = [p for p in pats if len(p['sessions']) == 1 and not p['died'] and not p['fractures']]
    e_lvl = [p for p in plain if len(p['sessions'][0]['verts']) == 1][1]
    e_date = [p for p in plain if p['scores'].get((1, 'pain_vas', '1w')) is not None and p is not e_lvl][4]
    e_odi = [p for p in plain if p['scores'].get((1, 'odi', '3m')) is not None and p not in (e_lvl, e_date)][7]
    e_noid = [p for p in plain if p['scores'].get((1, 'odi', '12m')) is not None and p not in (e_lvl, e_date, e_odi)][9]
    for p in pats:
        p['pid'] = 'VKS-VP%02d' % (p['idx'] + 1)
    # patients file
    rows = []
    for p in pats:
        name = '%s %s' % (R.choice(SUKU), R.choice(ETU[p['sex']]))
        h = hetu(p['birth'], R)
        tel = '0%d %d' % (R.choice([40, 44, 50]), R.randint(1000000, 9999999))
        idents += [('name', name), ('personal_id', h), ('phone', tel)]
        e = ETI[p['etiology']]; e = R.choice(e) if isinstance(e, list) else e
        rows.append([p['pid'], name, h, 'N/K' if p['sex'] == 'female' else 'M', p['age'], e, tel,
                     fi(ddate(p, p['death_day'])) if p['died'] else 'ei/nej'])
    save(os.path.join(ind, 'potilaat_patienter.xlsx'), 'Potilaat-Patienter',
         ['Tutkimusnro / Forskningsnr', 'Nimi / Namn', 'Hetu / Personbeteckning', 'Sukupuoli / Kön', 'Ikä / Ålder (v/år)',
          'Etiologia / Etiologi', 'Puhelin / Telefon', 'Kuollut / Död'], rows, 'xlsx')
    # procedures: one row per session
    rows = []; hdr = ['Tutkimusnro / Forskningsnr', 'Pvm / Datum', 'Toimenpide nro / Ingrepp nr', 'Taso(t) / Nivå(er)',
                      'Menetelmä / Metod', 'Sementti / Cement', 'Sementti ml / Cement ml', 'Vuoto / Läckage',
                      'VAS ennen / före', 'ODI % ennen / före']
    for p in pats:
        for s in p['sessions']:
            lv = [lev(v['level']) for v in s['verts']]
            if p is e_lvl:
                lv = ['Th13']; s['verts'][0]['level'] = 'T13'
                errors.append(['Toimenpiteet-Ingrepp', 'D%d' % (len(rows) + 2), len(rows) + 2, 'Taso(t) / Nivå(er)', 'Th13',
                               'impossible vertebral level Th13', p['pid']])
            vols = ' + '.join(cm(v['vol']) for v in s['verts'])
            if any(v['leak'] is None for v in s['verts']):
                for v in s['verts']: v['leak'] = None
                lk = 'ei kirjattu / ej antecknat'
            elif all(v['leak'] == ['none'] for v in s['verts']):
                lk = 'ei / nej'
            else:
                lk = ', '.join('%s %s' % (lev(v['level']), '+'.join(LK[k] for k in v['leak'])) for v in s['verts'] if v['leak'] != ['none'])
            rows.append([p['pid'], fi(ddate(p, s['day'])), s['n'], ', '.join(lv),
                         'vertebroplastia / vertebroplastik' if s['tech'] == 'vertebroplasty' else 'kyfoplastia / kyfoplastik',
                         R.choice(['Osteopal V', 'Vertecem V+', 'PMMA']) if s['cement'] == 'PMMA' else 'kalsiumfosfaatti / kalciumfosfat',
                         vols, lk, p['scores'][(s['n'], 'pain_vas', 'pre')], p['scores'][(s['n'], 'odi', 'pre')]])
    save(os.path.join(ind, 'toimenpiteet_ingrepp.xlsx'), 'Toimenpiteet-Ingrepp', hdr, rows, 'xlsx')
    # visit files, each with its own column order
    orders = {'1w': ['date', 'pid', 'sess', 'vas', 'odi', 'note'],
              '6w': ['pid', 'sess', 'date', 'odi', 'vas', 'frac', 'note'],
              '3m': ['pid', 'date', 'vas', 'odi', 'frac', 'sess', 'note'],
              '12m': ['note', 'pid', 'date', 'frac', 'odi', 'vas']}
    names = {'date': 'Käyntipvm / Besöksdatum', 'pid': 'Tutkimusnro / Forskningsnr', 'sess': 'Toimenpide / Ingrepp',
             'vas': 'VAS (0-10)', 'odi': 'ODI %', 'frac': 'Uusi murtuma / Ny fraktur', 'note': 'Huom / Anm'}
    for tp, fname, kind in VISITS:
        order = orders[tp]; rows = []
        sheet = fname if kind == 'csv' else ('Kontrolli-Kontroll ' + tp.replace('w', 'vk').replace('m', 'kk'))
        for p in pats:
            for sn in (1, 2):
                if (sn, tp) not in p['visits']:
                    continue
                vas = p['scores'][(sn, 'pain_vas', tp)]; odi = p['scores'][(sn, 'odi', tp)]
                rec = {'pid': p['pid'], 'sess': sn, 'date': fi(ddate(p, p['visits'][(sn, tp)])), 'vas': vas, 'odi': odi,
                       'frac': '', 'note': ''}
                if vas is None:
                    if R.random() < 0.6:
                        continue
                    rec.update(vas='', odi='', date='', note=R.choice(['ei tullut / kom inte', 'peruttu / inställt']))
                for d, L in p['fractures']:
                    if d == p['visits'][(sn, tp)] and sn == 1:
                        rec['frac'] = lev(L); rec['note'] = 'uusi murtuma MRI / ny fraktur MR'
                if sn == 2:
                    rec['note'] = rec['note'] or '2. toimenpiteen jälkeen / efter 2:a ingreppet'
                rn = len(rows) + 2
                if p is e_date and tp == '1w':
                    rec['date'] = fi(ddate(p, -6))
                    errors.append([sheet, '%s%d' % ('ABCDEFG'[order.index('date')], rn), rn, names['date'], rec['date'],
                                   'follow-up visit dated 6 days before the procedure', p['pid']])
                if p is e_odi and tp == '3m':
                    rec['odi'] = 130; p['scores'][(1, 'odi', '3m')] = 130
                    errors.append([sheet, '%s%d' % ('ABCDEFG'[order.index('odi')], rn), rn, names['odi'], '130',
                                   'ODI 130 % beyond 0-100', p['pid']])
                if p is e_noid and tp == '12m':
                    rec['pid'] = ''
                    p['t_drop'] = {(1, 'pain_vas', '12m'), (1, 'odi', '12m')}
                    errors.append([sheet, '%s%d' % ('ABCDEFG'[order.index('pid')], rn), rn, names['pid'], '',
                                   'row with data but no study ID', ''])
                rows.append([rec[k] for k in order])
        save(os.path.join(ind, fname + '.' + kind), sheet, [names[k] for k in order], rows, kind)
    write_truth(outdir, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1])
