"""Mogadishu vertebroplasty register (Somali/English): one row per patient, visits across."""
# ---------------------------------------------------------------- common data generator
import sys, os, csv, datetime as dt
import numpy as np

TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
SPINE = ['T%d' % i for i in range(5, 13)] + ['L%d' % i for i in range(1, 6)]
W = [1, 1, 2, 2, 3, 4, 6, 9, 9, 7, 4, 3, 1]


def neighbours(lv):
    i = SPINE.index(lv)
    return [SPINE[j] for j in (i - 1, i + 1) if 0 <= j < len(SPINE)]


def gen(seed, n, tps, start, span_days=600, tps2=None, odi_tps=(), mob_tps=(),
        techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.7, 0.3),
        cements=('PMMA',), cement_p=None, record_sex=True, vol_step=0.5):
    rng = np.random.default_rng(seed)
    pts = []
    p = np.array(W, float); p /= p.sum()
    for k in range(n):
        et = rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'], p=[0.62, 0.22, 0.12, 0.04])
        sex = 'female' if rng.random() < (0.72 if et == 'osteoporotic' else 0.45) else 'male'
        age = int(rng.integers(62, 90)) if et == 'osteoporotic' else int(rng.integers(38, 80))
        died = 'yes' if (rng.random() < (0.35 if et == 'pathologic' else 0.06)) else 'no'
        d0 = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        i0 = int(rng.choice(len(SPINE), p=p))
        i0 = min(i0, len(SPINE) - nlev)
        levels = SPINE[i0:i0 + nlev]
        tech = str(rng.choice(techs, p=tech_p))
        cem = str(rng.choice(cements, p=cement_p))

        def vols(levels):
            out = []
            for lv in levels:
                lo, hi = (1.5, 4.5) if lv.startswith('T') else (2.5, 7.0)
                out.append(round(round(rng.uniform(lo, hi) / vol_step) * vol_step, 1))
            return out

        def leak(nl):
            if nl > 1:
                return ['none'] * nl
            r = rng.random()
            return ['none' if r < 0.7 else 'disc' if r < 0.82 else 'venous' if r < 0.92 else 'paravertebral']

        s1 = dict(session=1, date=d0, day=0, levels=levels, tech=tech, vols=vols(levels), cement=cem, leak=leak(nlev))
        sessions = [s1]
        fractures = []
        r = rng.random()
        if r < 0.18 and died == 'no':
            cand = [x for x in neighbours(levels[0]) + neighbours(levels[-1]) if x not in levels]
            lv2 = str(rng.choice(cand))
            fday = int(rng.integers(25, 110))
            day2 = fday + int(rng.integers(5, 20))
            fractures.append((fday, lv2))
            sessions.append(dict(session=2, date=d0 + dt.timedelta(days=day2), day=day2, levels=[lv2], tech=tech,
                                 vols=vols([lv2]), cement=cem, leak=leak(1)))
        elif r < 0.28:
            cand = [x for x in neighbours(levels[0]) + neighbours(levels[-1]) if x not in levels]
            fractures.append((int(rng.integers(40, 160)), str(rng.choice(cand))))
        assess = {}
        for s in sessions:
            ts = tps if s['session'] == 1 else (tps2 or [])
            pre = int(rng.integers(6, 11))
            cur = pre
            for j, t in enumerate(ts):
                if t == 'pre':
                    assess[(s['session'], 'pain_vas', t)] = pre
                    continue
                cur = max(0, min(10, int(round(pre * rng.uniform(0.15, 0.6)))))
                if rng.random() < 0.15:
                    continue
                if died == 'yes' and j == len(ts) - 1:
                    continue
                assess[(s['session'], 'pain_vas', t)] = cur
            if s['session'] == 1:
                for t in odi_tps:
                    if t != 'pre' and rng.random() < 0.15:
                        continue
                    base = int(rng.integers(44, 80)) if t == 'pre' else int(rng.integers(10, 45))
                    assess[(1, 'odi', t)] = base if t != 'pre' else base
                for t in mob_tps:
                    if t != 'pre' and rng.random() < 0.15:
                        continue
                    assess[(1, 'mobility', t)] = int(rng.integers(0, 3)) if t == 'pre' else int(rng.integers(2, 5))
        pts.append(dict(k=k, sex=sex if record_sex else '', age=age, etiology=et, died=died, sessions=sessions,
                        assess=assess, fractures=fractures))
    return pts, rng


def fmtnum(x):
    if x == '' or x is None:
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%g' % x)


def write_truth(outdir, pts, errors, identifiers, per_level=True, tp_order=None):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f, lineterminator='\n')
            c.writerow(header)
            c.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], p['died']] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = round(sum(s['vols']), 1)
            for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
                if per_level or len(s['levels']) == 1:
                    rows.append([p['id'], s['session'], s['day'], lv, s['tech'], fmtnum(v), '', s['cement'], lk])
                else:
                    rows.append([p['id'], s['session'], s['day'], lv, s['tech'], '', fmtnum(tot), s['cement'], lk])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = list(TP_DAYS)
    rows = []
    for p in pts:
        for (s, m, t), v in sorted(p['assess'].items(), key=lambda kv: (kv[0][0], kv[0][1], order.index(kv[0][2]))):
            rows.append([p['id'], s, m, t, fmtnum(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'], [[p['id'], d, l] for p in pts for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def col_letter(i):  # 1-based
    s = ''
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end common
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

FIRST = ['Faadumo', 'Hodan', 'Maryan', 'Sahra', 'Ubah', 'Asha', 'Xaliimo', 'Ruqiya', 'Nimco', 'Ifrah', 'Deeqa', 'Khadro']
MALE = ['Cabdi', 'Maxamed', 'Axmed', 'Yuusuf', 'Xasan', 'Cali', 'Ismaaciil', 'Abshir', 'Faarax', 'Siciid']
LAST = ['Cabdullaahi', 'Warsame', 'Nuur', 'Xuseen', 'Jaamac', 'Faarax', 'Maxamuud', 'Aadan', 'Cilmi', 'Guuleed', 'Xirsi', 'Samatar']
ET = {'osteoporotic': 'Lafo-jileec (osteoporosis)', 'pathologic': 'Kansar / metastasis', 'traumatic': 'Shil (trauma)', 'other': 'Kale'}
LEAK = {'none': 'Maya', 'disc': 'Haa – disc', 'venous': 'Haa – xidid (venous)', 'paravertebral': 'Haa – paravertebral'}


def d(x):
    return x.strftime('%d/%m/%Y')


def main(out):
    os.makedirs(out, exist_ok=True)
    pts, rng = gen(1301, 23, ['pre', '24h', '1m', '3m'], dt.date(2022, 3, 1), tps2=['pre', '1m'])
    ids = []
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Diiwaanka VP'
    ws['A1'] = 'Isbitaalka Jaamacadda Xamar – Qaybta Lafaha / Vertebroplasty & Kyphoplasty Register 2022-2024'
    ws['A1'].font = Font(bold=True, size=13)
    ws['A2'] = 'VAS = xanuunka 0-10 (0 = xanuun ma leh, 10 = xanuunka ugu daran).  "lama imaan" = did not attend'
    ws['A2'].font = Font(italic=True)
    groups = [('Bukaanka / Patient', 1, 6), ('Qalliinka 1aad / First procedure', 7, 12),
              ('Xanuunka VAS (0-10)', 13, 16), ('Qalliinka 2aad / Second procedure', 17, 24),
              ('Dabagal / Follow-up', 25, 27)]
    heads = ['Lambarka\nStudy No', 'Magaca / Name', 'Telefoon', "Da'da / Age", 'Jinsi / Sex', 'Sababta / Cause',
             'Taariikhda / Date', 'Heerka / Level(s)', 'Farsamada\n(VP/KP)', 'Sibidh (ml)\nper level', 'Nooca sibidhka',
             'Daadasho / Leak',
             'Kahor / Pre', '24 saac', '1 bil', '3 bil',
             'Taariikhda / Date', 'Heerka', 'Farsamada', 'Sibidh (ml)', 'Nooca sibidhka', 'Daadasho', 'VAS kahor', 'VAS 1 bil',
             'Jab cusub / New fracture', 'Dhintay? / Died', 'Faallo / Notes']
    fill = PatternFill('solid', fgColor='DDEBF7')
    for name, a, b in groups:
        ws.cell(3, a, name).font = Font(bold=True)
        ws.cell(3, a).alignment = Alignment(horizontal='center')
        ws.cell(3, a).fill = fill
        ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
    for j, h in enumerate(heads, 1):
        c = ws.cell(4, j, h)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical='top')
        c.fill = fill
    errors = []
    tps = ['pre', '24h', '1m', '3m']
    for i, p in enumerate(pts):
        r = 5 + i
        p['id'] = 'MGD-%02d' % (i + 1)
        fem = p['sex'] == 'female'
        name = '%s %s %s' % (rng.choice(FIRST if fem else MALE), rng.choice(MALE), rng.choice(LAST))
        phone = '+252 61 %03d %04d' % (rng.integers(100, 999), rng.integers(0, 9999))
        ids += [['name', name], ['phone', phone]]
        s1 = p['sessions'][0]
        row = [p['id'], name, phone, (p['age'] if i % 3 else '%d sano' % p['age']),
               'Dheddig' if fem else 'Lab', ET[p['etiology']], d(s1['date']), ', '.join(s1['levels']),
               'VP' if s1['tech'] == 'vertebroplasty' else 'KP',
               ' + '.join(fmtnum(v) for v in s1['vols']), 'PMMA', LEAK[s1['leak'][0]]]
        for t in tps:
            v = p['assess'].get((1, 'pain_vas', t))
            row.append(v if v is not None else ('—' if p['died'] == 'yes' and t == tps[-1] else 'lama imaan'))
        if len(p['sessions']) > 1:
            s2 = p['sessions'][1]
            row += [d(s2['date']), s2['levels'][0], 'VP' if s2['tech'] == 'vertebroplasty' else 'KP',
                    fmtnum(s2['vols'][0]), 'PMMA', LEAK[s2['leak'][0]]]
            for t in ['pre', '1m']:
                v = p['assess'].get((2, 'pain_vas', t))
                row.append(v if v is not None else 'lama imaan')
        else:
            row += [''] * 8
        fr = '; '.join('%s – %s' % (lv, d(s1['date'] + dt.timedelta(days=dd))) for dd, lv in p['fractures'])
        row.append(fr if fr else 'Maya')
        row.append('Haa' if p['died'] == 'yes' else 'Maya')
        note = ''
        if p['died'] == 'yes':
            note = 'Wuu dhintay (died) – kansar' if p['etiology'] == 'pathologic' else 'Dhintay guriga'
        elif len(p['sessions']) > 1:
            note = 'Jab cusub → qalliin 2aad'
        row.append(note)
        for j, v in enumerate(row, 1):
            ws.cell(r, j, v)
    # planted errors
    def plant(pi, col, val, why):
        r = 5 + pi
        ws.cell(r, col, val)
        errors.append(['Diiwaanka VP', '%s%d' % (get_column_letter(col), r), r, heads[col - 1].replace('\n', ' '),
                       val, why, pts[pi]['id']])
    lv_pi = 4
    lv = pts[lv_pi]['sessions'][0]['levels']
    plant(lv_pi, 8, ', '.join(lv[:-1] + ['L7']) if len(lv) > 1 else 'L7', 'level L7 does not exist')
    pi = next(i for i in range(9, 23) if (1, 'pain_vas', '1m') in pts[i]['assess'])
    plant(pi, 15, 14, 'pain 14 on a 0-10 VAS')
    plant(13, 7, '31/02/2023', 'impossible date 31 February')
    pi = next(i for i in range(16, 23) if len(pts[i]['sessions'][0]['levels']) == 1 and i != 16)
    plant(pi, 10, '45', 'cement 45 mL in one vertebra')
    widths = [10, 26, 17, 9, 9, 22, 12, 14, 9, 12, 10, 18, 8, 8, 8, 8, 12, 8, 9, 9, 10, 14, 9, 9, 22, 10, 26]
    for j, wdt in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = wdt
    ws.freeze_panes = 'C5'
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, ids, per_level=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
