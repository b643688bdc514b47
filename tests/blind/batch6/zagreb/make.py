import sys, os, csv, datetime as dt
import numpy as np

SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def gen_data(seed, n, tps, s2_tps=(), odi=False, prefix='P', id_fmt='{p}{i:03d}',
             start=dt.date(2021, 1, 4), span=600, kp_share=0.4, cements=('PMMA',),
             cement_p=None, leak_recorded=True, p_s2=0.18, p_frac_only=0.1, force_dead=()):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['id'] = id_fmt.format(p=prefix, i=i + 1)
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        p['age'] = int(rng.integers(51, 91))
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.74 else ('pathologic' if r < 0.9 else 'traumatic')
        p['died'] = 'yes' if (rng.random() < 0.12 or i in force_dead) else 'no'
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        st = int(rng.integers(3, len(SPINE) - nlev + 1))
        levels = SPINE[st:st + nlev]
        tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
        cem = str(rng.choice(list(cements), p=cement_p))

        def mk_levels(levs, tech):
            out = []
            for lv in levs:
                lo, hi = (3.0, 7.5) if tech == 'kyphoplasty' else (2.0, 6.0)
                vol = round(float(rng.uniform(lo, hi)) * 2) / 2
                if leak_recorded:
                    leak = 'none' if rng.random() < 0.75 else str(rng.choice(LEAKS[:4], p=[.4, .3, .2, .1]))
                else:
                    leak = ''
                out.append({'level': lv, 'vol': vol, 'leak': leak})
            return out

        def mk_assess(tlist, dead_cut=False):
            a = {}
            pre = int(rng.integers(6, 11))
            a[('pain_vas', 'pre')] = pre
            cur = pre
            for k, tp in enumerate(tlist):
                cur = max(0, cur - int(rng.integers(1, 4)) if k == 0 else cur - int(rng.integers(-1, 2)))
                cur = min(cur, 10)
                if rng.random() < 0.15:
                    continue
                if dead_cut and k == len(tlist) - 1:
                    continue
                a[('pain_vas', tp)] = cur
            if odi:
                o = int(rng.integers(40, 80)) // 2 * 2
                a[('odi', 'pre')] = o
                for k, tp in enumerate(tlist):
                    o = max(4, o - int(rng.integers(4, 20)) // 2 * 2)
                    if ('pain_vas', tp) in a:
                        a[('odi', tp)] = o
            return a

        sess = [{'session': 1, 'date': d0, 'day': 0, 'tech': tech, 'cement': cem,
                 'levels': mk_levels(levels, tech),
                 'assess': mk_assess(tps, p['died'] == 'yes')}]
        p['fractures'] = []
        if rng.random() < p_s2:
            gap = int(rng.integers(25, 120))
            cand = [SPINE[st - 1]] if st - 1 >= 0 else []
            if st + nlev < len(SPINE):
                cand.append(SPINE[st + nlev])
            nl = str(rng.choice(cand))
            t2 = tech if rng.random() < 0.7 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
            sess.append({'session': 2, 'date': d0 + dt.timedelta(days=gap), 'day': gap, 'tech': t2,
                         'cement': cem, 'levels': mk_levels([nl], t2),
                         'assess': mk_assess(s2_tps)})
            p['fractures'].append((gap - int(rng.integers(3, 15)), nl))
        elif rng.random() < p_frac_only:
            cand = [lv for lv in SPINE[max(0, st - 2):st + nlev + 2] if lv not in levels]
            p['fractures'].append((int(rng.integers(40, 200)), str(rng.choice(cand))))
        for s in sess:
            s['total'] = round(sum(l['vol'] for l in s['levels']), 1)
        p['sessions'] = sess
        pats.append(p)
    return pats, rng


def fmt_num(x):
    if x is None or x == '':
        return ''
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def write_truth(outdir, pats, errors, identifiers, vol_mode='level', sex=True, age=True,
                etiology=True, died=True, cement=True, vas_div=1):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f, lineterminator='\n')
            wr.writerow(header)
            for r in rows:
                wr.writerow(r)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'] if sex else '', p['age'] if age else '', p['etiology'] if etiology else '',
        p['died'] if died else ''] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            for l in s['levels']:
                rows.append([p['id'], s['session'], s['day'], l['level'], s['tech'],
                             fmt_num(l['vol']) if vol_mode == 'level' else '',
                             fmt_num(s['total']) if vol_mode == 'session' else '',
                             s['cement'] if cement else '', l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for (m, tp), v in s['assess'].items():
                rows.append([p['id'], s['session'], m, tp, fmt_num(v / vas_div if m == 'pain_vas' and vas_div != 1 else v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, lv] for p in pats for d, lv in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


# ---------------- Zagreb (Croatia) ----------------
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter

def hr_level(lv):
    return lv.replace('T', 'Th')

def hr_date(d):
    return d.strftime('%d.%m.%Y.')

def hr_num(x):
    return fmt_num(x).replace('.', ',')

def main(outdir):
    TPS = ['24h', '1m', '6m']
    pats, rng = gen_data(20260601, 22, TPS, s2_tps=('1m',), prefix='ZG', id_fmt='{p}-{i:02d}',
                         cements=('PMMA',), force_dead=(4, 12))
    FF = ['Ivana', 'Marija', 'Ankica', 'Đurđica', 'Kata', 'Ljubica', 'Branka', 'Vesna', 'Zdenka', 'Mira']
    FM = ['Zdravko', 'Josip', 'Stjepan', 'Mirko', 'Ivan', 'Franjo', 'Tomislav']
    LAST = ['Horvat', 'Kovačević', 'Babić', 'Marić', 'Jurić', 'Novak', 'Knežević', 'Vuković', 'Perić', 'Šarić', 'Pavlović', 'Božić']
    ident = []
    for i, p in enumerate(pats):
        fl = FF if p['sex'] == 'female' else FM
        p['name'] = f"{LAST[int(rng.integers(0, 12))]} {fl[int(rng.integers(0, len(fl)))]}"
        p['mbo'] = f"{int(rng.integers(100000000, 999999999))}"
        ident += [['name', p['name']], ['record_number', p['mbo']]]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Vertebroplastike'
    ws['A1'] = 'KBC — Klinika za neurokirurgiju, Odjel za spinalnu kirurgiju'
    ws['A2'] = 'Registar perkutanih augmentacija kralješaka (VP / KP) 2021–2023'
    ws['A1'].font = Font(bold=True, size=13)
    hdr = ['Šifra', 'Prezime i ime', 'MBO', 'Spol', 'Dob', 'Etiologija', 'Datum zahvata', 'Kralježak',
           'Metoda', 'Cement', 'Volumen cementa', 'Curenje cementa', 'VAS prije', 'VAS 24 h',
           'VAS 1 mj.', 'VAS 6 mj.', 'Exitus']
    # two-row header: group row 4, labels row 5
    ws['M4'] = 'Bol (VAS 0–10)'
    ws.merge_cells('M4:P4')
    ws['A4'] = 'Pacijent'; ws.merge_cells('A4:F4')
    ws['G4'] = 'Zahvat'; ws.merge_cells('G4:L4')
    for c, h in enumerate(hdr, 1):
        ws.cell(5, c, h).font = Font(bold=True)
        ws.cell(5, c).alignment = Alignment(wrap_text=True)
    ETI = {'osteoporotic': 'osteoporoza', 'pathologic': 'metastaza', 'traumatic': 'trauma'}
    LEAK = {'none': 'ne', 'disc': 'da – u disk', 'venous': 'da – venski', 'paravertebral': 'da – paravertebralno',
            'epidural': 'da – epiduralno'}
    r = 6
    pos = {}
    for p in pats:
        for s in p['sessions']:
            first_s = True
            for l in s['levels']:
                ws.cell(r, 1, p['id'])
                if s['session'] == 1 and first_s:
                    ws.cell(r, 2, p['name']); ws.cell(r, 3, p['mbo'])
                    ws.cell(r, 4, 'Ž' if p['sex'] == 'female' else 'M')
                    ws.cell(r, 5, p['age'])
                    ws.cell(r, 6, ETI[p['etiology']])
                    ws.cell(r, 17, 'da' if p['died'] == 'yes' else 'ne')
                ws.cell(r, 7, hr_date(s['date']))
                ws.cell(r, 8, hr_level(l['level']))
                ws.cell(r, 9, 'KP' if s['tech'] == 'kyphoplasty' else 'VP')
                ws.cell(r, 10, 'PMMA')
                ws.cell(r, 11, hr_num(l['vol']) + ' ml')
                ws.cell(r, 12, LEAK[l['leak']])
                if first_s:
                    for c, tp in zip(range(13, 17), ['pre', '24h', '1m', '6m']):
                        v = s['assess'].get(('pain_vas', tp))
                        if v is not None:
                            ws.cell(r, c, v)
                        elif s['session'] == 1 or tp == 'pre' or tp in ('1m',):
                            ws.cell(r, c, '/')
                    pos[(p['id'], s['session'])] = r
                first_s = False
                r += 1
    last = r - 1
    for c, wdt in enumerate([8, 22, 12, 5, 5, 12, 13, 9, 7, 7, 10, 20, 7, 7, 7, 7, 7], 1):
        ws.column_dimensions[get_column_letter(c)].width = wdt
    # blank gap then complications table
    r += 3
    ws.cell(r, 1, 'KOMPLIKACIJE I NOVI PRIJELOMI TIJEKOM PRAĆENJA').font = Font(bold=True)
    r += 1
    for c, h in enumerate(['Šifra', 'Datum', 'Kralježak', 'Opis'], 1):
        ws.cell(r, c, h).font = Font(bold=True)
    comp_hdr_row = r
    r += 1
    for p in pats:
        d0 = p['sessions'][0]['date']
        for day, lv in p['fractures']:
            ws.cell(r, 1, p['id']); ws.cell(r, 2, hr_date(d0 + dt.timedelta(days=day)))
            ws.cell(r, 3, hr_level(lv)); ws.cell(r, 4, 'nova osteoporotska kompresivna fraktura (MR)')
            r += 1
    ws.cell(r + 1, 1, 'Napomena: "/" = pacijent nije došao na kontrolu. VAS 0 = bez boli, 10 = najjača bol.')
    # errors
    errors = []
    def plant(pid, sess, col, val, why, row=None):
        rr = row if row else pos[(pid, sess)]
        ws.cell(rr, col, val)
        errors.append(['Vertebroplastike', f'{get_column_letter(col)}{rr}', rr, hdr[col - 1], val, why, pid])
    plant(pats[3]['id'], 1, 13, 13, 'VAS before the procedure 13 on a 0-10 scale')
    plant(pats[7]['id'], 1, 8, 'L7', 'impossible vertebra L7')
    plant(pats[11]['id'], 1, 7, '31.02.2022.', 'impossible date 31 February')
    plant(pats[15]['id'], 1, 5, 208, 'age 208 years')
    plant(pats[18]['id'], 1, 11, '38 ml', '38 mL of cement in a single vertebra')
    for e in errors:
        e[4] = str(e[4])
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, ident)


if __name__ == '__main__':
    main(sys.argv[1])
