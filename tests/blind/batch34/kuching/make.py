# ---- shared generator (same block in every site's make.py) ----
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)

TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}
SPINE = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
         'L1', 'L2', 'L3', 'L4', 'L5']
# osteoporotic fractures cluster at the thoracolumbar junction
SPINE_W = [1, 1, 2, 3, 3, 3, 4, 6, 9, 10, 6, 4, 2, 1]


def _frac(tp):
    return {'24h': 0.45, '1w': 0.55, '2w': 0.6, '6w': 0.68, '1m': 0.65,
            '3m': 0.72, '6m': 0.75, '12m': 0.76}[tp]


def make_scores(rng, tps, vas_step=0.5, odi=True, odi_tps=None, miss=0.15,
                death_day=None, start_day=0):
    """returns dict {(measure,tp): value} for one session"""
    out = {}
    pre = rng.choice([7, 7.5, 8, 8, 8.5, 9, 9, 9.5, 10])
    pre_odi = rng.randint(24, 40) * 2
    drop = rng.uniform(0.55, 1.0)
    for tp in tps:
        if tp != 'pre' and rng.random() < miss:
            continue
        if death_day is not None and start_day + TP_DAYS[tp] >= death_day:
            continue
        if tp == 'pre':
            v = pre
        else:
            v = pre * (1 - _frac(tp) * drop) + rng.uniform(-0.8, 0.8)
        v = max(0, min(10, round(v / vas_step) * vas_step))
        out[('pain_vas', tp)] = v
        if odi and (odi_tps is None or tp in odi_tps):
            if tp == 'pre':
                o = pre_odi
            else:
                o = pre_odi * (1 - _frac(tp) * drop * 0.9) + rng.uniform(-5, 5)
            out[('odi', tp)] = int(max(0, min(100, round(o / 2) * 2)))
    return out


def gen_cohort(rng, n, first_op_from, first_op_to, tps, n_second=3,
               n_newfx=3, n_dead=3, vas_step=0.5, odi=True, odi_tps=None,
               kp_share=0.3, cement_types=('PMMA',), vol_range=(2.0, 6.0),
               leak_recorded=True):
    span = (first_op_to - first_op_from).days
    pats = []
    second_idx = set(rng.sample(range(n), n_second))
    rest = [i for i in range(n) if i not in second_idx]
    dead_idx = set(rng.sample(rest, n_dead))
    fx_idx = set(rng.sample([i for i in range(n) if i not in dead_idx], n_newfx))
    for i in range(n):
        sex = rng.choice(['female', 'female', 'female', 'male', 'male'])
        etio = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'],
                           [11, 4, 2, 1])[0]
        if i in dead_idx:
            etio = 'pathologic' if rng.random() < 0.7 else etio
        age = rng.randint(48, 82) if etio == 'pathologic' else rng.randint(58, 91)
        if etio == 'traumatic':
            age = rng.randint(51, 80)
        op1 = first_op_from + dt.timedelta(days=rng.randint(0, span))
        death_day = rng.randint(60, 330) if i in dead_idx else None
        p = dict(idx=i, sex=sex, age=age, etiology=etio,
                 died='yes' if death_day else 'no', death_day=death_day,
                 op1=op1, sessions=[], fractures=[])
        # session 1
        nlev = rng.choices([1, 2, 3], [6, 3, 1])[0]
        j = rng.choices(range(len(SPINE) - nlev + 1), SPINE_W[:len(SPINE) - nlev + 1])[0]
        used = set(SPINE[j:j + nlev])
        tech = 'kyphoplasty' if rng.random() < kp_share else 'vertebroplasty'
        p['sessions'].append(make_session(rng, 1, 0, op1, SPINE[j:j + nlev], tech,
                                          cement_types, vol_range, tps, vas_step,
                                          odi, odi_tps, death_day, leak_recorded))
        if i in second_idx:
            d2 = rng.randint(45, 260)
            cand = [s for s in SPINE if s not in used and
                    min(abs(SPINE.index(s) - j),
                        abs(SPINE.index(s) - (j + nlev - 1))) <= 3]
            lv = rng.choice(cand)
            used.add(lv)
            p['fractures'].append((d2 - rng.randint(4, 20), lv))
            p['sessions'].append(make_session(rng, 2, d2, op1 + dt.timedelta(days=d2),
                                              [lv], tech, cement_types, vol_range,
                                              [t for t in tps if TP_DAYS[t] <= 182],
                                              vas_step, odi, odi_tps, death_day,
                                              leak_recorded))
        if i in fx_idx:
            cand = [s for s in SPINE if s not in used]
            lv = rng.choice(cand[:len(cand)])
            p['fractures'].append((rng.randint(50, 330), lv))
        p['fractures'].sort()
        pats.append(p)
    pats.sort(key=lambda p: p['op1'])
    return pats


def make_session(rng, sess, day, date, levels, tech, cement_types, vol_range,
                 tps, vas_step, odi, odi_tps, death_day, leak_recorded):
    lv = []
    for L in levels:
        v = round(rng.uniform(*vol_range) + (0.8 if tech == 'kyphoplasty' else 0), 1)
        if leak_recorded:
            lk = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'epidural',
                              'disc;venous'], [14, 3, 3, 2, 1, 1])[0]
        else:
            lk = ''
        lv.append(dict(level=L, vol=v, leak=lk))
    return dict(session=sess, day=day, date=date, technique=tech, levels=lv,
                cement=rng.choices(list(cement_types), [8] + [2] * (len(cement_types) - 1))[0],
                scores=make_scores(rng, tps, vas_step, odi, odi_tps,
                                   death_day=death_day, start_day=day),
                vol_mode='per')


def visit_date(rng, s, tp):
    d = TP_DAYS[tp]
    jit = 0 if tp in ('pre', '24h') else (rng.randint(-2, 3) if d <= 14 else rng.randint(-6, 9))
    return s['date'] + dt.timedelta(days=d + jit)


def fmt_num(v):
    return ('%g' % v)


def write_truth(pats, errors, idents, pid_key='pid'):
    os.makedirs('truth', exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join('truth', name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p[pid_key], p['sex'], p['age'], p['etiology'], p['died']] for p in pats])
    rows = []
    for p in pats:
        for s in p['sessions']:
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                rows.append([p[pid_key], s['session'], s['day'], l['level'], s['technique'],
                             fmt_num(l['vol']) if s['vol_mode'] == 'per' else '',
                             fmt_num(tot) if s['vol_mode'] == 'total' else '',
                             s['cement'] or '', l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                         'cement_volume_ml', 'session_cement_volume_ml', 'cement_type',
                         'leakage'], rows)
    order = list(TP_DAYS)
    rows = []
    for p in pats:
        for s in p['sessions']:
            for (m, tp), v in sorted(s['scores'].items(), key=lambda kv: (kv[0][0] != 'pain_vas', order.index(kv[0][1]))):
                rows.append([p[pid_key], s['session'], m, tp, fmt_num(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p[pid_key], d, l] for p in pats for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                     'patient_id'], errors)
    seen = set()
    rows = []
    for k, v in idents:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            rows.append([k, v])
    w('identifiers.csv', ['kind', 'value'], rows)


def dob_for(rng, age, op1):
    # birth date such that age at op1 is exactly `age`
    y = op1.year - age
    while True:
        b = dt.date(y, rng.randint(1, 12), rng.randint(1, 28))
        a = op1.year - b.year - ((op1.month, op1.day) < (b.month, b.day))
        if a == age:
            return b
        y += 1 if a > age else -1
# ---- end shared generator ----

# ---- Kuching: printed report pasted into Google Sheets ----
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

rng = random.Random(3405)
TPS = ['pre', '1w', '1m', '3m', '6m']
pats = gen_cohort(rng, 20, dt.date(2021, 4, 1), dt.date(2022, 6, 30), TPS,
                  n_second=3, n_newfx=3, n_dead=3, vas_step=1,
                  odi_tps=['pre', '3m', '6m'], kp_share=0.3,
                  cement_types=('PMMA',), vol_range=(2.0, 5.0))
for p in pats:   # no 6-month visit after a repeat procedure
    for s in p['sessions']:
        if s['session'] == 2:
            s['scores'] = {k: v for k, v in s['scores'].items() if k[1] != '6m'}
for p in pats:   # cement brand/type is not written in this sheet
    for s in p['sessions']:
        s['cement'] = ''
NAMES_F = ['Dayang Norhayati binti Abang Ahmad', 'Lim Siew Ling', 'Margaret anak Jimbun', 'Siti Aminah binti Bujang',
           'Wong Mei Fong', 'Rosnah binti Morshidi', 'Helen anak Nyandang', 'Tan Ah Moi', 'Jamilah binti Sebli',
           'Christina anak Gerinang', 'Ling Sui Hung', 'Salmah binti Junaidi', 'Fatimah binti Adenan',
           'Rose anak Ngelai', 'Chai Lee Hua']
NAMES_M = ['Awang Zulkifli bin Awang Sahari', 'Jonathan anak Linggi', 'Chong Kok Leong', 'Abdul Rahman bin Tuah',
           'Unting anak Dana', 'Lau Ming Chiong', 'Mohd Hafiz bin Suhaili', 'Kueh Ah Seng',
           'Empaling anak Jawing', 'Sim Kah Hock']
rng.shuffle(NAMES_F); rng.shuffle(NAMES_M)
PUNCA = {'osteoporotic': ['Osteoporosis', 'Patah osteoporotik', 'osteoporosis'],
         'pathologic': ['Metastasis (Ca payudara)', 'Mieloma multipel', 'Metastasis (Ca prostat)', 'Metastasis (Ca nasofarinks)'],
         'traumatic': ['Trauma - jatuh', 'Kemalangan jalan raya'], 'other': ['Hemangioma']}
CATATAN = ['Pedis agi (masih sakit)', 'Udah gerai, boleh bejalai', 'Diau di rumah panjai, Kapit', 'Datang dengan anak',
           'Nadai pedis agi', 'Guna tongkat', 'HPT, DM', '', '', '', '']
idents = []
for k, p in enumerate(pats):
    p['pid'] = 'HUS/VP/%03d' % (k + 1)
    p['name'] = (NAMES_F if p['sex'] == 'female' else NAMES_M).pop()
    p['rn'] = 'RN%07d' % rng.randint(100000, 9999999)
    dob = dob_for(rng, p['age'], p['op1'])
    last = rng.randint(0, 999) * 2 + (1 if p['sex'] == 'male' else 0)
    p['kp'] = '%s-13-%04d' % (dob.strftime('%y%m%d'), last)
    idents += [('name', p['name']), ('record_number', p['rn']), ('national_id', p['kp']),
               ('national_id', p['kp'].replace('-', '')), ('birth_date', dob.isoformat())]

order = list(range(len(pats))); rng.shuffle(order)
single = lambda p: len(p['sessions']) == 1 and len(p['sessions'][0]['levels']) == 1
crit = [single, single, lambda p: single(p) and ('pain_vas', '1m') in p['sessions'][0]['scores'],
        single]
chosen = []
for cf in crit:
    for i in order:
        if pats[i] not in chosen and cf(pats[i]):
            chosen.append(pats[i]); break
e_lvl, e_vol, e_vas, e_date = chosen
errors = []

H = ['Bil', 'No. Kajian', 'No. RN', 'Nama Pesakit', 'No. K/P', 'Jantina', 'Umur', 'Punca', 'Tarikh Prosedur',
     'Prosedur', 'Aras', 'Simen (ml)', 'Bocor: Cakera', 'Bocor: Vena', 'Bocor: Paravertebra', 'Bocor: Epidural',
     'VAS Pra', 'VAS 1 Mgg', 'VAS 1 Bln', 'VAS 3 Bln', 'VAS 6 Bln', 'ODI Pra', 'ODI 3 Bln', 'ODI 6 Bln',
     'Patah Baru', 'Meninggal', 'Catatan']
COL = {h: i + 1 for i, h in enumerate(H)}
SC = {('pain_vas', 'pre'): 'VAS Pra', ('pain_vas', '1w'): 'VAS 1 Mgg', ('pain_vas', '1m'): 'VAS 1 Bln',
      ('pain_vas', '3m'): 'VAS 3 Bln', ('pain_vas', '6m'): 'VAS 6 Bln', ('odi', 'pre'): 'ODI Pra',
      ('odi', '3m'): 'ODI 3 Bln', ('odi', '6m'): 'ODI 6 Bln'}
LEAKCOL = {'disc': 'Bocor: Cakera', 'venous': 'Bocor: Vena', 'paravertebral': 'Bocor: Paravertebra',
           'epidural': 'Bocor: Epidural'}


def d(x):
    return x.strftime('%d/%m/%Y')


# build the data lines first (one line per vertebra)
lines = []
for date, p, s in sorted([(s['date'], p, s) for p in pats for s in p['sessions']], key=lambda t: t[0]):
    for j, l in enumerate(s['levels']):
        lines.append((p, s, j, l))
pages = [lines[i:i + 13] for i in range(0, len(lines), 13)]
if len(pages) > 1 and len(pages[-1]) < 5:
    pages[-2] += pages.pop()
NP = len(pages)

wb = Workbook(); ws = wb.active; ws.title = 'Laporan VP'
dv = DataValidation(type='list', formula1='"TRUE,FALSE"', allow_blank=True)
ws.add_data_validation(dv)
r = 1
bil = 0
for pg, plines in enumerate(pages, 1):
    ws.cell(r, 1, 'HOSPITAL UMUM SARAWAK, KUCHING').font = Font(bold=True); r += 1
    ws.cell(r, 1, 'Jabatan Ortopedik dan Traumatologi - Unit Tulang Belakang'); r += 1
    ws.cell(r, 1, 'LAPORAN PESAKIT VERTEBROPLASTI / KIFOPLASTI  (Apr 2021 - Jun 2022)')
    ws.cell(r, 20, 'Muka surat %d / %d' % (pg, NP)); r += 1
    for h, c in COL.items():
        x = ws.cell(r, c, h); x.font = Font(bold=True)
    r += 1
    for p, s, j, l in plines:
        bil += 1
        ws.cell(r, 1, bil); ws.cell(r, 2, p['pid']); ws.cell(r, 3, p['rn']); ws.cell(r, 4, p['name'])
        ws.cell(r, 5, p['kp']); ws.cell(r, 6, 'P' if p['sex'] == 'female' else 'L'); ws.cell(r, 7, p['age'])
        o = [x for x in PUNCA[p['etiology']] if not ('prostat' in x and p['sex'] == 'female') and not ('payudara' in x and p['sex'] == 'male')]
        if 'punca' not in p:
            p['punca'] = rng.choice(o)
        ws.cell(r, 8, p['punca'])
        if p is e_date:
            y = s['date'].year
            bad = '30/02/%d' % y
            ws.cell(r, 9, bad)
            errors.append(['Laporan VP', 'I%d' % r, r, 'Tarikh Prosedur', bad,
                           'tarikh mustahil (Februari tiada 30 hari); sepatutnya %s' % d(s['date']), p['pid']])
        else:
            ws.cell(r, 9, d(s['date']))
        ws.cell(r, 10, ('Kifoplasti' if s['technique'] == 'kyphoplasty' else 'Vertebroplasti') + (' (ke-2)' if s['session'] == 2 else ''))
        if p is e_lvl:
            ws.cell(r, 11, 'T14')
            errors.append(['Laporan VP', 'K%d' % r, r, 'Aras', 'T14', 'aras mustahil (tiada T14); sepatutnya %s' % l['level'], p['pid']])
        else:
            ws.cell(r, 11, l['level'])
        if p is e_vol:
            bad = int(round(l['vol'] * 10))
            ws.cell(r, 12, bad)
            errors.append(['Laporan VP', 'L%d' % r, r, 'Simen (ml)', bad,
                           '%d ml untuk satu vertebra mustahil (titik perpuluhan hilang); sepatutnya %g' % (bad, l['vol']), p['pid']])
        else:
            ws.cell(r, 12, l['vol'])
        parts = l['leak'].split(';')
        for k2, h in LEAKCOL.items():
            x = ws.cell(r, COL[h], k2 in parts)
            dv.add(x)
        for (m, tp), h in SC.items():
            if s['session'] == 2 and tp == '6m':
                ws.cell(r, COL[h], '-')
                continue
            v = s['scores'].get((m, tp))
            if v is not None:
                if p is e_vas and (m, tp) == ('pain_vas', '1m'):
                    ws.cell(r, COL[h], 80)
                    errors.append(['Laporan VP', '%s%d' % (get_column_letter(COL[h]), r), r, h, 80,
                                   'VAS 80 di luar skala 0-10; sepatutnya %g' % v, p['pid']])
                else:
                    ws.cell(r, COL[h], v)
            elif p['death_day'] is not None and s['day'] + TP_DAYS[tp] >= p['death_day']:
                ws.cell(r, COL[h], 'M')
            else:
                ws.cell(r, COL[h], 'TH')
        fx = ['%s (%s)' % (L, d(p['op1'] + dt.timedelta(days=dd))) for dd, L in p['fractures']]
        ws.cell(r, COL['Patah Baru'], '; '.join(fx) if fx else 'tiada')
        ws.cell(r, COL['Meninggal'], ('ya, %s' % d(p['op1'] + dt.timedelta(days=p['death_day']))) if p['died'] == 'yes' else 'tidak')
        if s['session'] == 2:
            ws.cell(r, COL['Catatan'], 'Prosedur ke-2 (patah baru %s)' % l['level'])
        else:
            if 'cat' not in p:
                p['cat'] = rng.choice(CATATAN)
            ws.cell(r, COL['Catatan'], p['cat'] or None)
        r += 1
    ws.cell(r, 1, 'Dicetak oleh: hus_ortho02   Tarikh cetak: 14/03/2023 10:42   SULIT - Untuk kegunaan dalaman sahaja   (%d/%d)' % (pg, NP))
    ws.cell(r, 1).font = Font(italic=True, size=8)
    r += 2
ws.cell(r, 1, 'Petunjuk: TH = tidak hadir, M = meninggal dunia, "-" = tiada temujanji. L = lelaki, P = perempuan. '
              'Bocor: tanda (TRUE) jika ada kebocoran simen jenis tersebut.')
for i2, w in enumerate([5, 13, 11, 32, 16, 7, 6, 24, 12, 18, 6, 9, 9, 9, 11, 9] + [8] * 8 + [28, 18, 30]):
    ws.column_dimensions[get_column_letter(i2 + 1)].width = w
wb.save('input.xlsx')
write_truth(pats, errors, idents)
