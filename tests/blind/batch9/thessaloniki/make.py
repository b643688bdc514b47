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
# ---- site: thessaloniki ----
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side


def main(out):
    os.makedirs(out, exist_ok=True)
    pats = gen(9201, 24, dt.date(2021, 9, 1), dt.date(2023, 10, 31), ['24h', '1m', '3m', '6m'],
               lambda i: 'ΘΣΚ-%02d' % (i + 1), lo='T5', hi='L5', s2_tps=[], tech_p=0.55,
               cements=('PMMA', 'PMMA', 'PMMA', 'calcium phosphate'))
    rng = np.random.default_rng(9202)
    FN = ['Μαρία', 'Ελένη', 'Αικατερίνη', 'Βασιλική', 'Σοφία', 'Αναστασία', 'Ευαγγελία', 'Δέσποινα', 'Χρυσούλα', 'Παρασκευή']
    MN = ['Γεώργιος', 'Ιωάννης', 'Κωνσταντίνος', 'Δημήτριος', 'Νικόλαος', 'Αθανάσιος', 'Χρήστος']
    SN = ['Παπαδοπούλου', 'Γεωργίου', 'Οικονόμου', 'Καραγιάννη', 'Βλάχου', 'Αντωνίου', 'Μακρή', 'Ζαφειρίου', 'Τσολάκη', 'Χατζή']
    SNm = ['Παπαδόπουλος', 'Γεωργίου', 'Οικονόμου', 'Καραγιάννης', 'Βλάχος', 'Αντωνίου', 'Μακρής', 'Τσολάκης']
    ETI = {'osteoporotic': 'Οστεοπορωτικό', 'traumatic': 'Τραυματικό', 'myeloma': 'Πολλαπλούν μυέλωμα',
           'metastasis': 'Μεταστατικό'}
    LK = {'disc': 'δισκική', 'venous': 'φλεβική', 'paravertebral': 'παρασπονδυλική', 'epidural': 'επισκληρίδια',
          'disc;venous': 'δισκική + φλεβική'}
    LV = ['T%d' % i for i in range(5, 13)] + ['L%d' % i for i in range(1, 6)]
    VAS_TP = ['pre', '24h', '1m', '3m', '6m']
    hdr_top = ['Α/Α', 'Κωδικός', 'Ονοματεπώνυμο', 'Αρ. Μητρώου', 'Φύλο', 'Ηλικία', 'Αιτιολογία', 'Ημ/νία επέμβασης',
               'Τεχνική', 'Τσιμέντο'] + ['Επίπεδα – όγκος τσιμέντου ανά σπόνδυλο (ml)'] * len(LV) + \
              ['Διαφυγή τσιμέντου', '2η επέμβαση', '2η επέμβαση'] + ['VAS (0-10)'] * 6 + \
              ['Νέο κάταγμα', 'Νέο κάταγμα', 'Έκβαση', 'Παρατηρήσεις']
    hdr_bot = [''] * 10 + LV + ['', 'Ημ/νία', 'Επίπεδο / ml', 'Προ', '24ωρο', '1 μήνας', '3 μήνες', '6 μήνες',
                                'Προ 2ης', 'Επίπεδο', 'Ημ/νία', '', '']
    ncol = len(hdr_top)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Ασθενείς'
    ws['A1'] = 'Α\' Ορθοπαιδική Κλινική – Σπονδυλοπλαστική / Κυφοπλαστική – Μητρώο ασθενών'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'] = 'ΣΠ = σπονδυλοπλαστική, ΚΠ = κυφοπλαστική με μπαλόνι. Δ.Π. = δεν προσήλθε. Γκρι γραμμή = απεβίωσε.'
    ws['A2'].font = Font(italic=True)
    H1, H2 = 4, 5
    thin = Side(style='thin', color='999999')
    for j in range(1, ncol + 1):
        a = ws.cell(row=H1, column=j, value=hdr_top[j - 1])
        b = ws.cell(row=H2, column=j, value=hdr_bot[j - 1] or None)
        for c in (a, b):
            c.font = Font(bold=True)
            c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
            c.fill = PatternFill('solid', fgColor='FCE4D6')
            c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    # merges
    j = 1
    while j <= ncol:
        k = j
        while k + 1 <= ncol and hdr_top[k] == hdr_top[j - 1]:
            k += 1
        if k > j:
            ws.merge_cells(start_row=H1, start_column=j, end_row=H1, end_column=k)
        elif not hdr_bot[j - 1]:
            ws.merge_cells(start_row=H1, start_column=j, end_row=H2, end_column=j)
        j = k + 1
    ci = {}
    for j in range(ncol):
        key = hdr_bot[j] or hdr_top[j]
        if hdr_top[j].startswith('VAS'):
            key = 'VAS ' + hdr_bot[j]
        if hdr_top[j] == '2η επέμβαση':
            key = '2η ' + hdr_bot[j]
        if hdr_top[j] == 'Νέο κάταγμα':
            key = 'ΝΚ ' + hdr_bot[j]
        ci[key] = j + 1
    idents = []
    errors = []
    plan = {3: 'vol45', 8: 'age', 12: 'vas', 0: None}
    s2pats = [i for i, p in enumerate(pats) if len(p['sessions']) > 1]
    plan = {3: 'vol45', 8: 'age', 14: 'vas', s2pats[0]: 'date2'}
    grey = PatternFill('solid', fgColor='D9D9D9')
    for i, p in enumerate(pats):
        r = H2 + 1 + i
        err = plan.get(i)
        s1 = p['sessions'][0]
        if p['sex'] == 'female':
            name = '%s %s' % (SN[int(rng.integers(0, len(SN)))], FN[int(rng.integers(0, len(FN)))])
        else:
            name = '%s %s' % (SNm[int(rng.integers(0, len(SNm)))], MN[int(rng.integers(0, len(MN)))])
        mrn = str(int(rng.integers(100000, 999999)))
        idents += [['name', name], ['record_number', mrn]]
        def put(key, v, fmt=None):
            c = ws.cell(row=r, column=ci[key], value=v)
            if fmt:
                c.number_format = fmt
            return c
        put('Α/Α', i + 1)
        put('Κωδικός', p['pid'])
        put('Ονοματεπώνυμο', name)
        put('Αρ. Μητρώου', mrn)
        put('Φύλο', 'Θ' if p['sex'] == 'female' else 'Α')
        put('Ηλικία', p['age'])
        put('Αιτιολογία', ETI[p['etio_detail'] or p['etiology']])
        put('Ημ/νία επέμβασης', s1['date'], 'DD/MM/YYYY')
        put('Τεχνική', 'ΣΠ' if s1['tech'] == 'vertebroplasty' else 'ΚΠ')
        put('Τσιμέντο', 'KyphOs FS' if s1['cement'] == 'calcium phosphate' else ['Mendec Spine', 'Vertecem V+'][int(rng.integers(0, 2))])
        for L in s1['levels']:
            put(L['level'], L['vol'], '0.0')
        lk = [L for L in s1['levels'] if L['leak'] != 'none']
        if not lk:
            lt = 'όχι'
        elif len(s1['levels']) == 1:
            lt = LK[lk[0]['leak']]
        else:
            lt = ', '.join('%s %s' % (L['level'], LK[L['leak']]) for L in lk)
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            L2 = s2['levels'][0]
            lt += ' | 2η: ' + ('όχι' if L2['leak'] == 'none' else LK[L2['leak']])
            put('2η Ημ/νία', s2['date'], 'DD/MM/YYYY')
            put('2η Επίπεδο / ml', '%s – %s ml' % (L2['level'], fmtnum(L2['vol']).replace('.', ',')))
            put('VAS Προ 2ης', s2['ass']['pre']['pain_vas'])
        put('Διαφυγή τσιμέντου', lt)
        for tp, lab in zip(VAS_TP, ['Προ', '24ωρο', '1 μήνας', '3 μήνες', '6 μήνες']):
            v = s1['ass'].get(tp)
            if v is not None:
                put('VAS ' + lab, v['pain_vas'])
            else:
                dday = TPDAYS[tp]
                if p['death_day'] is not None and p['death_day'] <= dday + 10:
                    put('VAS ' + lab, '†')
                else:
                    put('VAS ' + lab, 'Δ.Π.')
        if p['fractures']:
            d, L = p['fractures'][0]
            put('ΝΚ Επίπεδο', L)
            put('ΝΚ Ημ/νία', p['d0'] + dt.timedelta(days=d), 'DD/MM/YYYY')
        if p['died'] == 'yes':
            put('Έκβαση', 'Απεβίωσε %s' % (p['d0'] + dt.timedelta(days=p['death_day'])).strftime('%d/%m/%Y'))
            for j in range(1, ncol + 1):
                ws.cell(row=r, column=j).fill = grey
        else:
            put('Έκβαση', 'Ζει')
        # errors
        if err == 'vol45':
            L = s1['levels'][0]
            put(L['level'], 45, '0.0')
            errors.append([ws.title, '%s%d' % (col_letter(ci[L['level']]), r), r, L['level'], '45',
                           'cement volume 45 mL in one vertebra (intended %s)' % fmtnum(L['vol']), p['pid']])
        elif err == 'age':
            put('Ηλικία', 210)
            errors.append([ws.title, '%s%d' % (col_letter(ci['Ηλικία']), r), r, 'Ηλικία', '210', 'impossible age 210', p['pid']])
        elif err == 'vas':
            put('VAS 3 μήνες', 12)
            errors.append([ws.title, '%s%d' % (col_letter(ci['VAS 3 μήνες']), r), r, '3 μήνες', '12', 'VAS 12 on a 0-10 scale', p['pid']])
        elif err == 'date2':
            s2 = p['sessions'][1]
            bad = '31/04/%d' % s2['date'].year
            put('2η Ημ/νία', bad)
            errors.append([ws.title, '%s%d' % (col_letter(ci['2η Ημ/νία']), r), r, 'Ημ/νία', bad, 'impossible date (31 April)', p['pid']])
    ws.cell(row=H2 + len(pats) + 2, column=1, value='† = απεβίωσε πριν την επίσκεψη').font = Font(italic=True)
    for j in range(1, ncol + 1):
        ws.column_dimensions[col_letter(j)].width = 6 if hdr_top[j - 1].startswith('Επίπεδα') else 12
    ws.column_dimensions['C'].width = 26
    ws.column_dimensions['Z'].width = 26
    ws.freeze_panes = 'D6'
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents, vol_mode='level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
