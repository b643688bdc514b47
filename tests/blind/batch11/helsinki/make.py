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

# ---------------- Helsinki: Finnish, one row per visit (long) ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment

pts = gen(1102, 24, dt.date(2021, 1, 10), 600, ['6w', '3m', '12m'], tech_p=0.55, id_fmt='VP-HKI-{:03d}', id_start=101,
          p2=0.2, cements=('PMMA', 'PMMA', 'PMMA', 'Cortoss'))
rng = np.random.default_rng(11021)
OFF = {'6w': (42, 5), '3m': (91, 10), '12m': (365, 20)}
TPTXT = {'6w': '6 vk', '3m': '3 kk', '12m': '12 kk'}
ET = {'osteoporotic': ['osteoporoosi', 'osteoporoottinen murtuma'], 'pathologic': ['metastaasi (rintasyöpä)', 'myelooma', 'metastaasi (eturauhassyöpä)'],
      'traumatic': ['trauma (liikenneonnettomuus)', 'trauma (putoaminen tikkailta)']}
LK = {'disc': 'välilevytila', 'epidural': 'epiduraalitila', 'foraminal': 'foraminaalinen', 'venous': 'laskimo', 'paravertebral': 'paravertebraalinen'}


def fi_level(lv):
    return 'Th' + lv[1:] if lv.startswith('T') else lv


def fi_num(v):
    return ('%.1f' % v).replace('.', ',')


def leak_txt(s):
    if all(x == 'none' for x in s['leak']):
        return 'ei'
    if len(s['levels']) == 1:
        return ', '.join(LK[x] for x in s['leak'][0].split(';'))
    return '; '.join(f"{fi_level(lv)}: " + ', '.join(LK[x] for x in lk.split(';')) for lv, lk in zip(s['levels'], s['leak']) if lk != 'none')


extra = []
visits = []  # (pid, date, dict)
for p in pts:
    # VAS in mm
    for k in list(p['pain']):
        mm = int(np.clip(p['pain'][k] * 10 + int(rng.integers(-4, 5)), 0, 100))
        p['pain'][k] = mm / 10
    first = True
    last_day = 0
    for si, s in enumerate(p['sessions'], 1):
        last_day = max(last_day, s['day'])
        brand = 'Cortoss' if s['cement'] == 'Cortoss' else str(rng.choice(['Vertecem V+', 'Osteopal V']))
        v = dict(tyyppi='toimenpide', taso=', '.join(fi_level(x) for x in s['levels']),
                 men='VP' if s['tech'] == 'vertebroplasty' else 'KP', sem=brand,
                 ml=' + '.join(fi_num(x) for x in s['vols']), vuoto=leak_txt(s),
                 vas=int(round(p['pain'][(si, 'pre')] * 10)), aika='0' if si == 1 else f'{si}. toimenpide')
        if first:
            v.update(sp='N' if p['sex'] == 'female' else 'M', ika=p['age'], dg=str(rng.choice(ET[p['et']])))
            if p['sex'] == 'male' and 'rinta' in v['dg']:
                v['dg'] = 'metastaasi (keuhkosyöpä)'
            first = False
        if si == 1:
            odi = int(rng.integers(40, 82)) // 2 * 2
            v['odi'] = odi
            extra.append([p['pid'], 1, 'odi', 'pre', odi])
        visits.append([p['pid'], s['date'], v, si])
        tps = ['6w', '3m', '12m'] if si == 1 else ['6w']
        for tp in tps:
            mu, sd = OFF[tp]
            day = mu + int(rng.integers(-sd, sd + 1))
            d = s['date'] + dt.timedelta(days=day)
            val = p['pain'].get((si, tp))
            if val is None:
                if rng.random() < 0.5:
                    visits.append([p['pid'], d, dict(tyyppi='kontrolli', aika=TPTXT[tp] + ('' if si == 1 else ' (2. toimenpiteestä)'), huom='ei saapunut'), si])
                continue
            typ = 'puhelinkontrolli' if rng.random() < 0.25 else 'kontrolli'
            v = dict(tyyppi=typ, aika=TPTXT[tp] + ('' if si == 1 else ' (2. toimenpiteestä)'), vas=int(round(val * 10)))
            if si == 1 and tp in ('3m', '12m') and typ == 'kontrolli':
                odi = max(0, odi - int(rng.integers(0, 20)) // 2 * 2)
                v['odi'] = odi
                extra.append([p['pid'], 1, 'odi', tp, odi])
            visits.append([p['pid'], d, v, si])
            last_day = max(last_day, (d - p['sessions'][0]['date']).days)
    for day, lv in p['fx']:
        visits.append([p['pid'], p['sessions'][0]['date'] + dt.timedelta(days=day),
                       dict(tyyppi='kontrolli', aika='ylim.', uusi=fi_level(lv), huom='uusi kompressiomurtuma MRI:ssä, seuranta'), 1])
        last_day = max(last_day, day)
    if p['died'] == 'yes':
        visits.append([p['pid'], p['sessions'][0]['date'] + dt.timedelta(days=last_day + int(rng.integers(20, 150))),
                       dict(tyyppi='kuolema', huom='kuollut (tieto väestötietojärjestelmästä)'), 1])

visits.sort(key=lambda x: (x[0], x[1]))
wb = Workbook()
ws = wb.active
ws.title = 'Käynnit'
heads = ['Tutkimusnro', 'Pvm', 'Käyntityyppi', 'Aika toimenpiteestä', 'Sukupuoli', 'Ikä', 'Diagnoosi', 'Taso',
         'Menetelmä', 'Sementti', 'Sementti ml (tasoittain)', 'Vuoto', 'VAS (mm)', 'ODI %', 'Uusi murtuma', 'Huom.']
keys = [None, None, 'tyyppi', 'aika', 'sp', 'ika', 'dg', 'taso', 'men', 'sem', 'ml', 'vuoto', 'vas', 'odi', 'uusi', 'huom']
ws['A1'] = 'Kaivopuiston sairaala / Radiologian klinikka – Vertebroplastia- ja kyfoplastiaseuranta'
ws['A1'].font = Font(bold=True, size=13)
HR = 3
for j, h in enumerate(heads, 1):
    c = ws.cell(HR, j, h)
    c.font = Font(bold=True)
    c.fill = PatternFill('solid', fgColor='FFF2CC')
col = {h: j for j, h in enumerate(heads, 1)}
# planned errors: (patient index, kind)
plan = {2: 'level', 7: 'vas', 12: 'baddate', 18: 'before'}
done = set()
errors = []
r = HR
for pid, d, v, si in visits:
    r += 1
    ws.cell(r, 1, pid)
    pidx = int(pid.split('-')[-1]) - 101
    kind = plan.get(pidx)
    # date: mostly text d.m.yyyy, some true date cells
    if rng.random() < 0.3:
        c = ws.cell(r, 2, d)
        c.number_format = 'd.m.yyyy'
    else:
        ws.cell(r, 2, f'{d.day}.{d.month}.{d.year}')
    for j, k in enumerate(keys, 1):
        if k and k in v:
            ws.cell(r, j, v[k])
    if kind and kind not in done:
        if kind == 'level' and v['tyyppi'] == 'toimenpide':
            bad = v['taso'].rsplit(', ', 1)
            bad = ', '.join(bad[:-1] + ['L6' if bad[-1].startswith('L') else 'Th13'])
            ws.cell(r, col['Taso'], bad)
            errors.append(['Käynnit', addr(r, col['Taso']), r, 'Taso', bad, 'vertebral level does not exist', pid]); done.add(kind)
        elif kind == 'vas' and v['tyyppi'] == 'toimenpide':
            ws.cell(r, col['VAS (mm)'], 140)
            errors.append(['Käynnit', addr(r, col['VAS (mm)']), r, 'VAS (mm)', 140, 'VAS 140 mm on a 0-100 mm scale', pid]); done.add(kind)
        elif kind == 'baddate' and v['tyyppi'] in ('kontrolli', 'puhelinkontrolli') and 'vas' in v:
            bad = f'30.2.{d.year}'
            ws.cell(r, 2, bad)
            errors.append(['Käynnit', addr(r, 2), r, 'Pvm', bad, 'impossible date (30 February)', pid]); done.add(kind)
        elif kind == 'before' and v['tyyppi'] in ('kontrolli', 'puhelinkontrolli') and 'vas' in v:
            bad = f'{d.day}.{d.month}.{d.year - 1}'
            ws.cell(r, 2, bad)
            errors.append(['Käynnit', addr(r, 2), r, 'Pvm', bad, 'follow-up dated one year before the procedure (year typo)', pid]); done.add(kind)
assert len(done) == 4, done
for j, w in enumerate([13, 11, 16, 22, 10, 6, 28, 12, 10, 13, 22, 28, 9, 7, 12, 40], 1):
    ws.column_dimensions[addr(1, j)[:-1]].width = w
ws.freeze_panes = 'B4'
wb.save(os.path.join(OUT, 'input.xlsx'))
write_truth(pts, errors, [], per_level=True, extra_assess=extra)
