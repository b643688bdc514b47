# ---- shared cohort generator (copied into each site's make.py) ----
import random, datetime as dt, csv, os, sys
LEVELS = ['C7'] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def gen(seed, n, tps, s2_tps, start, span, names, tech_w=(60, 40), odi=True, mob=False,
        brands=('PMMA',), cp_rate=0.0, n_dead=2, n_s2=3, n_fx_only=1):
    R = random.Random(seed)
    pats = []
    for i in range(n):
        sex = R.choice(['female'] * 3 + ['male'] * 2)
        et = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [68, 18, 10, 4])[0]
        d0 = start + dt.timedelta(days=R.randint(0, span))
        lo, hi = (60, 90) if et == 'osteoporotic' else (38, 82)
        b = d0 - dt.timedelta(days=R.randint(lo * 365 + 30, hi * 365))
        name = names(R, sex)
        while name in [q['name'] for q in pats]:
            name = names(R, sex)
        nl = R.choices([1, 2, 3], [68, 24, 8])[0]
        top = R.choice([9, 10, 11, 11, 12, 12, 12, 13, 13, 14, 15, 16][: 12 - (nl - 1)])
        levels = LEVELS[top: top + nl]
        tech = R.choices(['vertebroplasty', 'kyphoplasty'], tech_w)[0]
        base = 3.0 if tech == 'vertebroplasty' else 4.0
        vols = [base + R.choice([-1.0, -0.5, 0, 0.5, 1.0, 1.5]) for _ in levels]
        cement = 'calcium phosphate' if (et == 'traumatic' and R.random() < cp_rate * 5) else 'PMMA'
        leak = [R.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous'], [74, 10, 9, 5, 2])[0]
                for _ in levels]
        s1 = dict(n=1, day=0, levels=levels, tech=tech, vols=vols, cement=cement, leak=leak,
                  brand=R.choice(brands))
        vas0 = R.randint(6, 10)
        odi0 = R.randint(40, 84)
        visits = []
        vas, o = vas0, odi0
        for tp in tps:
            if tp == 'pre':
                d, v, oo = 0, vas0, odi0
            else:
                d = TP_DAYS[tp] + (R.randint(-3, 6) if TP_DAYS[tp] > 20 else 0)
                v = max(0, vas - R.randint(1, 4)) if tp == tps[1] else max(0, min(10, vas + R.randint(-2, 1)))
                oo = max(R.randint(6, 14), min(100, o - R.randint(3, 13)))
                vas, o = v, oo
            miss = tp not in ('pre', tps[1]) and R.random() < 0.13
            visits.append(dict(session=1, tp=tp, day=d, vas=v, odi=oo if odi else None,
                               mob=(R.randint(2, 4) if tp == 'pre' else R.randint(0, 2)) if mob else None,
                               missing=miss))
        pats.append(dict(i=i, name=name, sex=sex, et=et, birth=b, d0=d0, age=age_at(b, d0),
                         sessions=[s1], visits=visits, fx=[], died='no', death_day=None,
                         rec=None, phone=None, err=None, id=None))
    idx = list(range(n)); R.shuffle(idx)
    s2p, fxp, dead = idx[:n_s2], idx[n_s2:n_s2 + n_fx_only], idx[n_s2 + n_fx_only:n_s2 + n_fx_only + n_dead]
    for k in s2p + fxp:
        p = pats[k]
        att = [v for v in p['visits'] if not v['missing'] and v['tp'] in ('3m', '6m', '12m', '24m')]
        if k in s2p:
            last = p['visits'][-1]; last['missing'] = False; fv = last
        else:
            fv = att[0] if att else p['visits'][-1]; fv['missing'] = False
        tr = p['sessions'][0]['levels']
        cand = [LEVELS[LEVELS.index(tr[0]) - 1], LEVELS[LEVELS.index(tr[-1]) + 1]]
        cand = [c for c in cand if c[0] in 'TL']
        lvl = R.choice(cand)
        p['fx'].append((fv['day'], lvl))
        if k in s2p:
            d2 = fv['day'] + R.randint(4, 15)
            tech = p['sessions'][0]['tech']
            s2 = dict(n=2, day=d2, levels=[lvl], tech=tech, vols=[3.0 + R.choice([0, 0.5, 1.0])],
                      cement='PMMA', leak=[R.choice(['none', 'none', 'disc'])], brand=p['sessions'][0]['brand'])
            p['sessions'].append(s2)
            v0 = R.randint(6, 9); o0 = R.randint(45, 75)
            for tp in s2_tps:
                d = d2 + (0 if tp == 'pre' else TP_DAYS[tp] + R.randint(-2, 4))
                v = v0 if tp == 'pre' else max(0, v0 - R.randint(3, 6))
                oo = o0 if tp == 'pre' else max(0, o0 - R.randint(10, 30))
                p['visits'].append(dict(session=2, tp=tp, day=d, vas=v, odi=oo if odi else None,
                                        mob=(3 if tp == 'pre' else 1) if mob else None, missing=False))
    for k in dead:
        p = pats[k]
        cut = R.randint(2, len(p['visits']) - 1)
        p['visits'] = p['visits'][:cut]
        p['visits'][-1]['missing'] = False
        p['died'] = 'yes'
        p['death_day'] = p['visits'][-1]['day'] + R.randint(15, 60)
    return pats


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f); w.writerow(header)
        for r in rows:
            w.writerow(['' if x is None else x for x in r])


def fmtv(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%g' % x)


def write_truth(out, pats, errors, idents):
    t = os.path.join(out, 'truth')
    P, PR, A, F = [], [], [], []
    for p in pats:
        if not p['id']:
            continue
        P.append([p['id'], p['sex'], p['age'], p['et'], p['died']])
        for s in p['sessions']:
            tot = s.get('total_only')
            for j, l in enumerate(s['levels']):
                PR.append([p['id'], s['n'], s['day'], l, s['tech'],
                           '' if tot else fmtv(s['vols'][j]), fmtv(sum(s['vols'])) if tot else '',
                           s['cement'], s['leak'][j] if s['leak'] is not None else ''])
        for v in p['visits']:
            if v['missing']:
                continue
            for m, key in (('pain_vas', 'vas'), ('odi', 'odi'), ('mobility', 'mob')):
                if v.get(key) is not None:
                    A.append([p['id'], v['session'], m, v['tp'], fmtv(v[key])])
        for d, l in p['fx']:
            F.append([p['id'], d, l])
    write_csv(t + '/patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    write_csv(t + '/procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                      'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    write_csv(t + '/assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    write_csv(t + '/fractures.csv', ['patient_id', 'day', 'level'], F)
    write_csv(t + '/errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    seen = []
    for x in idents:
        if x not in seen:
            seen.append(x)
    write_csv(t + '/identifiers.csv', ['kind', 'value'], seen)


def colname(c):  # 1-based
    s = ''
    while c:
        c, r = divmod(c - 1, 26); s = chr(65 + r) + s
    return s
# ---- end shared ----

# ---- Tartu Ülikooli Kliinikum (fiktiivne), traumatoloogia ja ortopeedia: one sheet per visit ----
import openpyxl
from openpyxl.styles import Font, PatternFill
EFAM = ['Tamm', 'Saar', 'Kask', 'Mägi', 'Ilves', 'Rebane', 'Lepp', 'Kukk', 'Sepp', 'Kuusk', 'Oja', 'Põder', 'Raudsepp', 'Mets']
EGF = ['Mari', 'Maie', 'Tiiu', 'Helgi', 'Aino', 'Ene', 'Leida', 'Sirje', 'Urve', 'Malle']
EGM = ['Jaan', 'Toomas', 'Peeter', 'Arvo', 'Tõnu', 'Heino', 'Rein']
RFAM = [('Иванова', 'Иванов'), ('Смирнова', 'Смирнов'), ('Кузнецова', 'Кузнецов'), ('Петрова', 'Петров'), ('Волкова', 'Волков'), ('Морозова', 'Морозов')]
RGF = ['Галина', 'Валентина', 'Нина', 'Людмила', 'Тамара']
RGM = ['Николай', 'Виктор', 'Владимир', 'Анатолий']
USED = set()


def names(R, sex):
    while True:
        ru = R.random() < 0.3
        if ru:
            f = R.choice(RFAM)[0 if sex == 'female' else 1]; g = R.choice(RGF if sex == 'female' else RGM)
        else:
            f = R.choice(EFAM); g = R.choice(EGF if sex == 'female' else EGM)
        if (f, g) not in USED:
            USED.add((f, g))
            return (f, g, ru)


def isikukood(b, sex, R):
    g = (4 if sex == 'female' else 3) if b.year < 2000 else (6 if sex == 'female' else 5)
    s = '%d%02d%02d%02d%03d' % (g, b.year % 100, b.month, b.day, R.randint(0, 999))
    w1, w2 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1], [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]
    c = sum(int(a) * b for a, b in zip(s, w1)) % 11
    if c == 10:
        c = sum(int(a) * b for a, b in zip(s, w2)) % 11
        c = 0 if c == 10 else c
    return s + str(c)


def dc(x):
    return fmtv(x).replace('.', ',')


def lv(l):
    return ('Th' + l[1:]) if l[0] == 'T' else l


def main(out):
    R = random.Random(2304)
    pats = gen(2304, 26, ['pre', '1w', '3m', '12m'], ['pre', '1w'], dt.date(2020, 9, 1), 420, names, tech_w=(55, 45), n_dead=3)
    pats.sort(key=lambda p: p['d0'])
    for k, p in enumerate(pats):
        p['id'] = 'TÜK-VP-%02d' % (k + 1)
        p['rec'] = '%02d-%06d' % (p['d0'].year % 100, R.randint(1000, 99999))
        p['ik'] = isikukood(p['birth'], p['sex'], R)
        for s in p['sessions']:
            s['brand'] = 'Kyphon HV-R' if s['tech'] == 'kyphoplasty' else R.choice(['Vertecem V+', 'PMMA', 'Osteopal V'])
    ok = [p for p in pats if len(p['sessions']) == 1 and p['died'] == 'no' and not p['fx']]
    eA, eB, eC, eD = ok[1], ok[5], ok[9], ok[13]
    va = [v for v in eA['visits'] if v['tp'] == '3m'][0]; va['missing'] = False; va['odi'] = 130
    vb = [v for v in eB['visits'] if v['tp'] == '12m'][0]; vb['missing'] = False; vb['baddate'] = True
    vc = [v for v in eC['visits'] if v['tp'] == '1w'][0]; vc['missing'] = False; vc['before'] = True
    vd = [v for v in eD['visits'] if v['tp'] == '3m'][0]; vd['missing'] = False; vd['noid'] = True
    wb = openpyxl.Workbook(); wb.remove(wb.active)
    idents, errors = [], []
    B = Font(bold=True); HF = PatternFill('solid', fgColor='D9E1F2')

    def header(ws, H):
        for j, h in enumerate(H, 1):
            ws.cell(1, j, h).font = B; ws.cell(1, j).fill = HF
    # Patsiendid
    ws = wb.create_sheet('Patsiendid')
    HP = ['Uuringu ID', 'Nimi / ФИО', 'Isikukood', 'Haigusloo nr', 'Sugu', 'Vanus', 'Etioloogia', 'Surnud', 'Märkused']
    header(ws, HP)
    ET = {'osteoporotic': ['osteoporoos', 'остеопороз'], 'pathologic': ['metastaas', 'müeloom', 'метастаз'],
          'traumatic': ['trauma', 'травма'], 'other': ['muu', 'другое']}
    for i, p in enumerate(pats, 2):
        f, g, ru = p['name']
        nm = '%s, %s' % (f, g)
        sx = ({'female': 'ж', 'male': 'м'} if ru else {'female': 'N', 'male': 'M'})[p['sex']]
        died = ('да, ' if ru else 'jah, ') + date_of(p, p['death_day']).strftime('%d.%m.%Y') if p['died'] == 'yes' else ('нет' if ru else 'ei')
        for j, x in enumerate([p['id'], nm, p['ik'], p['rec'], sx, p['age'], R.choice(ET[p['et']]) if ru else ET[p['et']][0], died,
                               'vene keel / русскоязычный' if ru else None], 1):
            ws.cell(i, j, x)
        idents += [['name', nm], ['personal_id', p['ik']], ['record_number', p['rec']]]
    # Protseduurid
    ws = wb.create_sheet('Protseduurid')
    HR = ['Uuringu ID', 'Seanss', 'Kuupäev', 'Lülid', 'Meetod', 'Tsement', 'Tsemendi kogus lüli kohta (ml)', 'Leke', 'VAS enne', 'ODI enne (%)']
    header(ws, HR)
    LK = {'disc': 'ketas', 'venous': 'veen', 'paravertebral': 'paravertebraalne', 'disc;venous': 'ketas + veen'}
    r = 2
    for d0, p, s in sorted([(date_of(p, s['day']), p, s) for p in pats for s in p['sessions']], key=lambda x: x[0]):
        pre = [v for v in p['visits'] if v['session'] == s['n'] and v['tp'] == 'pre'][0]
        L = [lv(l) for l in s['levels']]
        vol = dc(s['vols'][0]) if len(L) == 1 else '; '.join('%s %s' % (a, dc(b)) for a, b in zip(L, s['vols']))
        lk = [(a, b) for a, b in zip(L, s['leak']) if b != 'none']
        lt = 'ei' if not lk else ', '.join('%s – %s' % (a, LK[b]) for a, b in lk)
        for j, x in enumerate([p['id'], s['n'], d0.strftime('%d.%m.%Y'), ', '.join(L), {'vertebroplasty': 'VP', 'kyphoplasty': 'KP'}[s['tech']],
                               s['brand'], vol, lt, pre['vas'], pre['odi']], 1):
            ws.cell(r, j, x)
        r += 1
    # visit sheets
    HV = ['Uuringu ID', 'Seanss', 'Kuupäev', 'VAS', 'ODI (%)', 'Märkused / Примечания']
    for tp, nm in (('1w', 'Kontroll 1 näd'), ('3m', 'Kontroll 3 kuud'), ('12m', 'Kontroll 12 kuud')):
        ws = wb.create_sheet(nm); header(ws, HV)
        rows = []
        for p in pats:
            ru = p['name'][2]
            for v in p['visits']:
                if v['tp'] != tp:
                    continue
                rows.append((date_of(p, v['day']), p, v))
        r = 2
        for d, p, v in sorted(rows, key=lambda x: x[0]):
            ru = p['name'][2]
            note = []
            for fd, fl in p['fx']:
                if fd == v['day'] and v['session'] == 1:
                    note.append(('новый перелом %s (МРТ)' if ru else 'uus murd %s (MRT)') % lv(fl))
            if v['missing']:
                ws.cell(r, 1, p['id']); ws.cell(r, 2, v['session']); ws.cell(r, 3, '—')
                ws.cell(r, 6, 'не явился' if ru else R.choice(['ei ilmunud', 'ei tulnud kontrolli']))
                r += 1; continue
            ds = d.strftime('%d.%m.%Y')
            if v.get('baddate'):
                ds = '29.02.%d' % (d.year if d.year % 4 else d.year + 1)
                errors.append([nm, 'C%d' % r, r, 'Kuupäev', ds, 'võimatu kuupäev: 29. veebruar mittelliigaastal / impossible date', p['id']])
            if v.get('before'):
                ds = (p['d0'] - dt.timedelta(days=40)).strftime('%d.%m.%Y')
                errors.append([nm, 'C%d' % r, r, 'Kuupäev', ds, '1 nädala kontroll enne protseduuri / follow-up before procedure', p['id']])
            ws.cell(r, 1, None if v.get('noid') else p['id']); ws.cell(r, 2, v['session']); ws.cell(r, 3, ds)
            ws.cell(r, 4, v['vas']); ws.cell(r, 5, v['odi'])
            if v['odi'] > 100:
                errors.append([nm, 'E%d' % r, r, 'ODI (%)', str(v['odi']), 'ODI 130% üle skaala 0-100 / beyond scale', p['id']])
            if v.get('noid'):
                errors.append([nm, 'A%d' % r, r, 'Uuringu ID', '', 'andmetega rida ilma uuringu ID-ta / row with data but no study ID', ''])
                v['missing'] = True  # the row cannot be attributed, so it is not in the truth
            if note:
                ws.cell(r, 6, '; '.join(note))
            r += 1
    for ws in wb.worksheets:
        for col in 'ABCDEFGHIJ':
            ws.column_dimensions[col].width = 18
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
