import sys, os, csv, datetime as dt
import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(OUT, 'truth'), exist_ok=True)
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']


def gen(seed, n, start, span_days, fu_tps, tech_p=0.6, id_fmt='P{:03d}', id_start=1,
        p2=0.2, pfx=0.18, pdie=0.12, cements=('PMMA',), vol_per_level=True):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        pid = id_fmt.format(id_start + i)
        sex = 'female' if rng.random() < 0.68 else 'male'
        et = rng.choice(['osteoporotic'] * 6 + ['pathologic'] * 2 + ['traumatic'])
        age = int(rng.integers(52, 91)) if et != 'traumatic' else int(rng.integers(38, 80))
        died = 'yes' if rng.random() < pdie else 'no'
        d1 = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        sessions = []
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        c = int(rng.integers(5, len(SPINE) - nlev))
        levels = SPINE[c:c + nlev]
        used = set(levels)

        def mk_session(day, levels):
            tech = 'vertebroplasty' if rng.random() < tech_p else 'kyphoplasty'
            vols = [round(float(rng.uniform(1.5, 3.5) if lv.startswith('T') and int(lv[1:]) < 10
                                else rng.uniform(2.5, 6.0)) * 2) / 2 for lv in levels]
            leak = []
            for lv in levels:
                r = rng.random()
                leak.append('none' if r < 0.72 else ';'.join(sorted(set(rng.choice(LEAKS, size=int(rng.integers(1, 3)), replace=True)), key=LEAKS.index)))
            ct = str(rng.choice(list(cements)))
            return dict(day=day, date=d1 + dt.timedelta(days=day), levels=levels, tech=tech,
                        vols=vols, svol=round(sum(vols), 1), cement=ct, leak=leak)
        sessions.append(mk_session(0, levels))
        if rng.random() < p2:
            cand = [x for x in SPINE[5:] if x not in used]
            lv2 = [str(rng.choice(cand))]
            used |= set(lv2)
            sessions.append(mk_session(int(rng.integers(21, 120)), lv2))
        # pain
        pain = {}
        for s_i, s in enumerate(sessions, 1):
            pre = int(rng.integers(6, 11))
            pain[(s_i, 'pre')] = pre
            cur = pre
            tps = fu_tps if s_i == 1 else fu_tps[:1]
            for tp in tps:
                cur = max(0, cur - int(rng.integers(0, 4)))
                if rng.random() < 0.82:
                    pain[(s_i, tp)] = cur
        fx = []
        if rng.random() < pfx:
            cand = [x for x in SPINE[3:] if x not in used]
            fx.append((int(rng.integers(30, 300)), str(rng.choice(cand))))
        pts.append(dict(pid=pid, sex=sex, age=age, et=str(et), died=died, sessions=sessions,
                        pain=pain, fx=fx, rng_extra=float(rng.random())))
    return pts


def wcsv(name, header, rows):
    with open(os.path.join(OUT, 'truth', name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def write_truth(pts, errors, idents, per_level=True, sex=True, age=True, et=True, died=True, extra_assess=()):
    wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if sex else '', p['age'] if age else '', p['et'] if et else '',
           p['died'] if died else ''] for p in pts])
    rows = []
    for p in pts:
        for si, s in enumerate(p['sessions'], 1):
            for k, lv in enumerate(s['levels']):
                multi = len(s['levels']) > 1
                cv = s['vols'][k] if (per_level or not multi) else ''
                sv = s['svol'] if (not per_level and multi) else ''
                rows.append([p['pid'], si, s['day'], lv, s['tech'], cv, sv, s['cement'], s['leak'][k]])
    wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                            'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for (si, tp), v in p['pain'].items():
            rows.append([p['pid'], si, 'pain_vas', tp, v])
    rows += list(extra_assess)
    wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    wcsv('fractures.csv', ['patient_id', 'day', 'level'], [[p['pid'], d, lv] for p in pts for d, lv in p['fx']])
    wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv('identifiers.csv', ['kind', 'value'], idents)


def addr(row, col):  # 1-based row, 1-based col
    s = ''
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return f'{s}{row}'

# ---------------- Tashkent: Uzbek Latin, one row per session, events on a separate sheet ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment

pts = gen(1105, 22, dt.date(2022, 3, 1), 600, ['1w', '1m', '3m'], tech_p=0.6, id_fmt='TSH/{:02d}', p2=0.25,
          cements=('PMMA', 'PMMA', 'PMMA', 'calcium phosphate'))
rng = np.random.default_rng(11051)
TX = {'osteoporotic': ['osteoporoz', 'osteoporotik kompression sinish'], 'pathologic': ["suyak metastazi (sut bezi o'smasi)", 'mieloma'],
      'traumatic': ['travma (avtohalokat)']}
LK = {'disc': "disk oralig'iga", 'epidural': 'epidural', 'foraminal': 'foraminal', 'venous': 'venoz', 'paravertebral': 'paravertebral'}
ISM = {'female': ["Karimova Dilfuza Rustamovna", "Yusupova Mohira Akmalovna", "Nazarova Gulnora Bahodirovna", "Xolmatova Zulfiya G'ulomovna",
                  "Ergasheva Muqaddas Ismoilovna", "Qodirova Nodira O'ktamovna", "Mirzayeva Shahnoza Ilhomovna", "Tursunova Ra'no Axmedovna",
                  "Ahmedova Feruza Shuhratovna", "Jo'rayeva Oydin Salimovna", "Saidova Barno Olimjonovna", "Xasanova Lola G'afurovna",
                  "Rasulova Kamola Erkinovna", "Ibragimova Mavluda Soliyevna", "O'rinboyeva Sevara Baxtiyorovna", "G'aniyeva Dildora Qobilovna",
                  "Mamatqulova Oygul To'lqinovna", "Sultonova Nigora Alisherovna", "Bo'riyeva Muhabbat Jamolovna", "Rixsiyeva Malika Zokirovna",
                  "Hamroyeva Gulchehra O'rolovna", "Yo'ldosheva Saodat Nabiyevna"],
       'male': ["To'xtayev G'ayrat Olimovich", "Rahimov O'tkir Shavkatovich", "Abdullayev Sherzod Botirovich", "Sobirov Bahrom Qahramonovich",
                "Islomov G'olib Nurmatovich", "Usmonov Anvar Tohirovich", "Normatov Ulug'bek Hamidovich", "Po'latov Dilshod Akbarovich",
                "Qo'chqorov Jasur Rahmonovich", "Eshmatov Sardor G'aybullayevich"]}


def uz(d):
    return f'{d.day:02d}.{d.month:02d}.{d.year}'


def num(v):
    return ('%g' % v).replace('.', ',')


def age_at(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def leak_txt(s):
    if all(x == 'none' for x in s['leak']):
        return "yo'q"
    if len(s['levels']) == 1:
        return ', '.join(LK[x] for x in s['leak'][0].split(';'))
    return '; '.join(f"{lv}: " + ', '.join(LK[x] for x in lk.split(';')) for lv, lk in zip(s['levels'], s['leak']) if lk != 'none')


heads = ['№', 'Bemor kodi', 'F.I.Sh.', "Tug'ilgan sana", 'Jinsi', 'Yoshi', 'Tashxis', 'Seans', 'Muolaja sanasi',
         'Umurtqa', 'Usul', 'Sement hajmi', 'Sement turi', 'Sement oqishi', "Og'riq (VAS) oldin", 'VAS 1 hafta', 'VAS 1 oy', 'VAS 3 oy', 'Izoh']
wb = Workbook()
ws = wb.active
ws.title = "Muolajalar"
ws['A1'] = "Respublika travmatologiya markazi (shartli nom) — Vertebrologiya bo'limi"
ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = "Perkutan vertebroplastika / kifoplastika jurnali, 2022–2023. VAS 0–10 ball."
HR = 4
for j, h in enumerate(heads, 1):
    c = ws.cell(HR, j, h)
    c.font = Font(bold=True)
    c.fill = PatternFill('solid', fgColor='E2EFDA')
    c.alignment = Alignment(wrap_text=True)
idents = []
NCOUNT = {'female': 0, 'male': 0}
events = []
errors = []
plan = {2: 'age', 9: 'cement', 10: 'vastext', 15: 'dupid'}
r = HR
n = 0
for i, p in enumerate(pts):
    d1 = p['sessions'][0]['date']
    b = dt.date(d1.year - p['age'] - 1, 1, 1) + dt.timedelta(days=int(rng.integers(1, 360)))
    while age_at(b, d1) != p['age']:
        b += dt.timedelta(days=30 if age_at(b, d1) > p['age'] else -30)
    name = ISM[p['sex']][NCOUNT[p['sex']]]
    NCOUNT[p['sex']] += 1
    idents += [['name', name], ['birth_date', uz(b)]]
    last = 0
    for si, s in enumerate(p['sessions'], 1):
        r += 1; n += 1
        last = max(last, s['day'])
        row = {'№': n, 'Bemor kodi': p['pid'], 'F.I.Sh.': name, "Tug'ilgan sana": uz(b), 'Jinsi': 'ayol' if p['sex'] == 'female' else 'erkak',
               'Yoshi': f"{age_at(b, s['date'])} yosh", 'Tashxis': TX[p['et']][i % len(TX[p['et']])] if not (p['sex'] == 'male' and p['et'] == 'pathologic' and i % 2 == 0) else "suyak metastazi (o'pka o'smasi)", 'Seans': f'{si}-seans',
               'Muolaja sanasi': uz(s['date']), 'Umurtqa': ', '.join(s['levels']),
               'Usul': 'VP' if s['tech'] == 'vertebroplasty' else 'KP (ballon)',
               'Sement hajmi': '; '.join(f"{lv} – {num(v)} ml" for lv, v in zip(s['levels'], s['vols'])) if len(s['levels']) > 1 else f"{num(s['vols'][0])} ml",
               'Sement turi': 'PMMA (Vertecem V+)' if s['cement'] == 'PMMA' else "kalsiy fosfat (KyphOs FS)",
               'Sement oqishi': leak_txt(s)}
        tps = [('pre', "Og'riq (VAS) oldin"), ('1w', 'VAS 1 hafta'), ('1m', 'VAS 1 oy'), ('3m', 'VAS 3 oy')]
        for tp, h in tps:
            if si > 1 and tp in ('1m', '3m'):
                continue
            v = p['pain'].get((si, tp))
            row[h] = v if v is not None else 'kelmadi'
        if si > 1:
            row['Izoh'] = f"takroriy muolaja ({s['levels'][0]} yangi sinish)"
        e = plan.get(i) if si == 1 else None
        if e == 'age':
            row['Yoshi'] = '210 yosh'
            errors.append(['Muolajalar', addr(r, 6), r, 'Yoshi', '210 yosh', 'age 210 impossible', p['pid']])
        elif e == 'cement':
            assert len(s['levels']) == 1, 'pick a single-level patient'
            row['Sement hajmi'] = '45 ml'
            errors.append(['Muolajalar', addr(r, 12), r, 'Sement hajmi', '45 ml', '45 mL cement in one vertebra', p['pid']])
        elif e == 'vastext':
            row['VAS 1 oy'] = '++'
            errors.append(['Muolajalar', addr(r, 17), r, 'VAS 1 oy', '++', 'meaningless text in the VAS column', p['pid']])
        elif e == 'dupid':
            bad = pts[4]['pid']
            row['Bemor kodi'] = bad
            errors.append(['Muolajalar', addr(r, 2), r, 'Bemor kodi', bad, f"study code of another patient ({bad}) entered for a different person; this patient's code is {p['pid']}", p['pid']])
        for j, h in enumerate(heads, 1):
            if row.get(h) is not None:
                ws.cell(r, j, row[h])
    for d, lv in p['fx']:
        events.append((p['pid'], 'yangi sinish', d1 + dt.timedelta(days=d), lv, 'MRT bilan tasdiqlandi'))
        last = max(last, d)
    if p['died'] == 'yes':
        events.append((p['pid'], 'vafot etdi', d1 + dt.timedelta(days=last + int(rng.integers(60, 300))), '', "qarindoshlari telefon orqali xabar berdi"))
for j, w in enumerate([4, 10, 34, 12, 7, 9, 30, 8, 12, 12, 11, 26, 22, 22, 10, 9, 9, 9, 30], 1):
    ws.column_dimensions[addr(1, j)[:-1]].width = w
ws2 = wb.create_sheet("Yangi sinish va o'lim")
ws2['A1'] = "Kuzatuv davomida yangi umurtqa sinishlari va vafot etganlar (ro'yxatda yo'q bemorlar tirik)"
ws2['A1'].font = Font(bold=True)
h2 = ['Bemor kodi', 'Hodisa', 'Sana', 'Umurtqa', 'Izoh']
for j, h in enumerate(h2, 1):
    ws2.cell(3, j, h).font = Font(bold=True)
for k, (pid, ev, d, lv, iz) in enumerate(sorted(events, key=lambda x: x[2])):
    for j, v in enumerate([pid, ev, uz(d), lv or None, iz], 1):
        if v is not None:
            ws2.cell(4 + k, j, v)
for j, w in enumerate([11, 14, 12, 9, 45], 1):
    ws2.column_dimensions[addr(1, j)[:-1]].width = w
wb.save(os.path.join(OUT, 'input.xlsx'))
write_truth(pts, errors, idents, per_level=True)
