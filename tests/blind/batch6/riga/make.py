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


# ---------------- Riga (Latvia) ----------------
import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

def main(outdir):
    TPS = ['1w', '3m', '12m']
    pats, rng = gen_data(20260602, 24, TPS, s2_tps=('1w', '3m'), odi=True, prefix='RIG', id_fmt='{p}{i:03d}',
                         start=dt.date(2020, 9, 1), cements=('PMMA', 'calcium phosphate'), cement_p=[0.85, 0.15])
    wb = openpyxl.Workbook()
    DF = 'DD.MM.YYYY'
    # ---- Pacienti
    ws = wb.active; ws.title = 'Pacienti'
    H1 = ['Pētījuma Nr.', 'Dzimums', 'Vecums (gadi)', 'Lūzuma cēlonis', 'Miris', 'Miršanas datums', 'Jauni lūzumi novērošanā', 'Piezīmes']
    for c, h in enumerate(H1, 1):
        ws.cell(1, c, h).font = Font(bold=True)
    ETI = {'osteoporotic': 'osteoporoze', 'pathologic': 'metastāze', 'traumatic': 'trauma'}
    prow = {}
    for i, p in enumerate(pats):
        r = i + 2; prow[p['id']] = r
        d0 = p['sessions'][0]['date']
        ws.cell(r, 1, p['id']); ws.cell(r, 2, 'S' if p['sex'] == 'female' else 'V'); ws.cell(r, 3, p['age'])
        ws.cell(r, 4, ETI[p['etiology']]); ws.cell(r, 5, 'jā' if p['died'] == 'yes' else 'nē')
        if p['died'] == 'yes':
            c = ws.cell(r, 6, d0 + dt.timedelta(days=int(rng.integers(200, 330)))); c.number_format = DF
        ws.cell(r, 7, '; '.join(f"{lv} ({(d0 + dt.timedelta(days=d)).strftime('%d.%m.%Y')})" for d, lv in p['fractures']) or 'nav')
    ws.cell(len(pats) + 3, 1, 'S – sieviete, V – vīrietis')
    for c, wdt in enumerate([13, 9, 12, 16, 7, 15, 28, 20], 1):
        ws.column_dimensions[get_column_letter(c)].width = wdt
    # ---- Procedūras
    wp = wb.create_sheet('Procedūras')
    H2 = ['Pētījuma Nr.', 'Procedūra', 'Datums', 'Skriemelis', 'Metode', 'Cements', 'Tilpums, ml', 'Cementa noplūde', 'VAS pirms', 'ODI pirms, %']
    for c, h in enumerate(H2, 1):
        wp.cell(1, c, h).font = Font(bold=True)
    LEAK = {'none': 'nav', 'disc': 'diskā', 'venous': 'vēnās', 'paravertebral': 'paravertebrāli', 'epidural': 'epidurāli'}
    CEM = {'PMMA': 'PMMA (Osteopal V)', 'calcium phosphate': 'kalcija fosfāts'}
    r = 2; srow = {}
    for p in pats:
        for s in p['sessions']:
            for k, l in enumerate(s['levels']):
                wp.cell(r, 1, p['id']); wp.cell(r, 2, s['session'])
                c = wp.cell(r, 3, s['date']); c.number_format = DF
                wp.cell(r, 4, l['level'].replace('T', 'Th'))
                wp.cell(r, 5, 'kifoplastika' if s['tech'] == 'kyphoplasty' else 'vertebroplastika')
                wp.cell(r, 6, CEM[s['cement']]); wp.cell(r, 7, l['vol']); wp.cell(r, 8, LEAK[l['leak']])
                if k == 0:
                    wp.cell(r, 9, s['assess'][('pain_vas', 'pre')]); wp.cell(r, 10, s['assess'][('odi', 'pre')])
                    srow[(p['id'], s['session'])] = r
                r += 1
    for c, wdt in enumerate([13, 10, 12, 10, 16, 18, 11, 15, 10, 12], 1):
        wp.column_dimensions[get_column_letter(c)].width = wdt
    # ---- follow-up sheets
    NAMES = {'1w': ('Kontrole 1 nedēļa', 7), '3m': ('Kontrole 3 mēneši', 91), '12m': ('Kontrole 12 mēneši', 365)}
    H3 = ['Pētījuma Nr.', 'Procedūra', 'Vizītes datums', 'VAS (0-10)', 'ODI, %', 'Piezīmes']
    frow = {}
    for tp in TPS:
        nm, dd = NAMES[tp]
        wf = wb.create_sheet(nm)
        for c, h in enumerate(H3, 1):
            wf.cell(1, c, h).font = Font(bold=True)
        r = 2
        for p in pats:
            for s in p['sessions']:
                if tp not in (TPS if s['session'] == 1 else ('1w', '3m')):
                    continue
                wf.cell(r, 1, p['id']); wf.cell(r, 2, s['session'])
                v = s['assess'].get(('pain_vas', tp))
                if v is None:
                    wf.cell(r, 4, 'neieradās')
                    if p['died'] == 'yes' and tp == '12m':
                        wf.cell(r, 6, 'miris')
                else:
                    c = wf.cell(r, 3, s['date'] + dt.timedelta(days=(dd + int(rng.integers(-3, 4))) if dd > 7 else dd)); c.number_format = DF
                    wf.cell(r, 4, v); wf.cell(r, 5, s['assess'][('odi', tp)])
                frow[(p['id'], s['session'], tp)] = r
                r += 1
        for c, wdt in enumerate([13, 10, 14, 10, 8, 16], 1):
            wf.column_dimensions[get_column_letter(c)].width = wdt
    # ---- errors
    errors = []
    def plant(sheet, r, c, val, why, pid, hdr):
        wb[sheet].cell(r, c, val)
        if isinstance(val, dt.date):
            wb[sheet].cell(r, c).number_format = DF
            val = val.strftime('%d.%m.%Y')
        errors.append([sheet, f'{get_column_letter(c)}{r}', r, hdr[c - 1], str(val), why, pid])
    p = pats[2]; plant('Procedūras', srow[(p['id'], 1)], 4, 'Th13', 'impossible vertebra Th13 (T13)', p['id'], H2)
    p = pats[6]; plant('Procedūras', srow[(p['id'], 1)], 7, 42, '42 mL of cement in a single vertebra', p['id'], H2)
    p = pats[10]
    k = next(tp for tp in TPS if ('pain_vas', tp) in p['sessions'][0]['assess'])
    plant(NAMES[k][0], frow[(p['id'], 1, k)], 3, p['sessions'][0]['date'] - dt.timedelta(days=40),
          'follow-up visit date before the procedure date', p['id'], H3)
    p = pats[14]; plant('Pacienti', prow[p['id']], 3, 'x', 'meaningless text in the age column', p['id'], H1)
    p = pats[19]
    k = next(tp for tp in TPS if ('pain_vas', tp) in p['sessions'][0]['assess'])
    plant(NAMES[k][0], frow[(p['id'], 1, k)], 4, 17, 'VAS 17 on a 0-10 scale', p['id'], H3)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, errors, [])


if __name__ == '__main__':
    main(sys.argv[1])
