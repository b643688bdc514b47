# ---------------------------------------------------------------------------
# Generic cohort generator (shared by the writer's sites, copied verbatim).
# Only the standard library is used here.
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30,
           '3m': 91, '6m': 182, '12m': 365}


def lvl_idx(level):
    return SPINE.index(level)


def make_cohort(seed, n, start, end, cut, tps1, tps2, etio_w, odi_tps=(),
                p_second=0.22, p_kypho=0.35, vas_step=1.0, p_missed=0.1,
                cement_types=(('PMMA', 1.0),)):
    """Return a list of patient dicts; everything is decided here once."""
    rng = random.Random(seed)
    span = (end - start).days
    pts = []
    for i in range(n):
        p = {'n': i + 1}
        etio = rng.choices([e for e, _ in etio_w], [w for _, w in etio_w])[0]
        p['etio_detail'] = etio
        p['etiology'] = {'osteoporosis': 'osteoporotic', 'metastasis': 'pathologic',
                         'myeloma': 'pathologic', 'trauma': 'traumatic',
                         'haemangioma': 'other'}[etio]
        p['sex'] = 'female' if rng.random() < (0.75 if etio == 'osteoporosis' else 0.45) else 'male'
        lo, hi = {'osteoporosis': (62, 89), 'metastasis': (50, 80), 'myeloma': (52, 81),
                  'trauma': (44, 76), 'haemangioma': (38, 66)}[etio]
        age = rng.randint(lo, hi)
        p['age'] = age
        op1 = start + dt.timedelta(days=rng.randint(0, span))
        # birth date so that age at op1 is exactly `age`
        bd_year = op1.year - age - 1
        bd = dt.date(bd_year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        while (op1.year - bd.year - ((op1.month, op1.day) < (bd.month, bd.day))) != age:
            bd += dt.timedelta(days=5)
        p['birth'] = bd
        p['op1'] = op1
        # death
        p_death = {'metastasis': 0.45, 'myeloma': 0.3}.get(etio, 0.07)
        death_day = None
        if rng.random() < p_death:
            death_day = rng.randint(60, 520)
            if op1 + dt.timedelta(days=death_day) > cut:
                death_day = None
        p['death_day'] = death_day
        p['died'] = death_day is not None
        last_day = (cut - op1).days if death_day is None else death_day - 1
        # session 1 levels
        nlev = rng.choices([1, 2, 3], [0.55, 0.32, 0.13])[0]
        if etio == 'metastasis':
            top = rng.choice(['T6', 'T8', 'T9', 'T10', 'T11', 'L1', 'L2', 'L3'])
        else:
            top = rng.choice(['T7', 'T10', 'T11', 'T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3'])
        ti = lvl_idx(top)
        lv1 = [SPINE[ti + k] for k in range(nlev) if ti + k <= lvl_idx('L5')]
        tech1 = 'kyphoplasty' if rng.random() < p_kypho else 'vertebroplasty'
        ctype = rng.choices([c for c, _ in cement_types], [w for _, w in cement_types])[0]
        sessions = [make_session(rng, 1, 0, op1, lv1, tech1, ctype)]
        fractures = []
        treated = set(lv1)
        # second operation
        if rng.random() < p_second and last_day > 120:
            d2 = rng.randint(35, min(330, last_day - 100))
            cand = [SPINE[lvl_idx(lv1[0]) - 1], SPINE[lvl_idx(lv1[-1]) + 1]]
            cand = [c for c in cand if c not in treated and c.startswith(('T', 'L'))]
            lv2 = [rng.choice(cand)]
            if rng.random() < 0.25:
                nxt = SPINE[lvl_idx(lv2[0]) + 1]
                if nxt not in treated and nxt.startswith(('T', 'L')):
                    lv2.append(nxt)
            tech2 = tech1 if rng.random() < 0.7 else ('kyphoplasty' if tech1 == 'vertebroplasty' else 'vertebroplasty')
            s2 = make_session(rng, 2, d2, op1 + dt.timedelta(days=d2), lv2, tech2, ctype)
            sessions.append(s2)
            treated |= set(lv2)
            for lv in lv2:
                fractures.append((d2 - rng.randint(4, 21), lv))
        elif rng.random() < 0.14 and last_day > 150:
            fd = rng.randint(45, min(400, last_day - 20))
            cand = [SPINE[lvl_idx(lv1[0]) - 1], SPINE[lvl_idx(lv1[-1]) + 1]]
            cand = [c for c in cand if c not in treated and c.startswith(('T', 'L'))]
            fractures.append((fd, rng.choice(cand)))
        p['fractures'] = sorted(fractures)
        p['sessions'] = sessions
        # assessments
        for s in sessions:
            tps = tps1 if s['session'] == 1 else tps2
            pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10]) if vas_step == 1 else rng.randint(62, 95) / 10
            odi_pre = rng.randint(44, 82)
            s['assess'] = {}
            for tp in tps:
                day = s['day'] + max(0, TP_DAYS[tp])
                if tp == 'pre':
                    day = s['day'] - rng.choice([0, 0, 1, 1, 2])
                else:
                    day += rng.randint(-(TP_DAYS[tp] // 10), TP_DAYS[tp] // 6 + (1 if TP_DAYS[tp] > 1 else 0))
                if day > last_day:
                    break  # no more visits (dead / data cut)
                if tp not in ('pre', '24h') and rng.random() < p_missed:
                    s['assess'][tp] = {'missed': True, 'day': day}
                    continue
                if tp == 'pre':
                    vas = pre
                else:
                    frac = {'24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4,
                            '3m': 0.33, '6m': 0.32, '12m': 0.3}[tp]
                    vas = pre * frac + rng.uniform(-1.2, 1.4)
                    if p['etiology'] == 'pathologic':
                        vas += 0.8
                    vas = min(10, max(0, vas))
                    vas = round(vas) if vas_step == 1 else round(vas * 10) / 10
                a = {'missed': False, 'day': day, 'vas': vas}
                if tp in odi_tps:
                    if tp == 'pre':
                        a['odi'] = odi_pre
                    else:
                        a['odi'] = max(4, min(100, int(odi_pre * {'24h': 0.8, '1w': 0.7, '6w': 0.6, '1m': 0.62, '3m': 0.5, '6m': 0.48, '12m': 0.45}[tp] + rng.randint(-6, 6))))
                    a['odi'] -= a['odi'] % 2  # 10 items x 5 points -> even percent
                s['assess'][tp] = a
        pts.append(p)
    return pts


def make_session(rng, no, day, date, levels, tech, ctype):
    lv = []
    for L in levels:
        if tech == 'kyphoplasty':
            vol = rng.choice([3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5])
        else:
            vol = rng.choice([2.0, 2.5, 3.0, 3.0, 3.5, 3.5, 4.0, 4.5, 5.0])
        if L.startswith('T') and int(L[1:]) < 10:
            vol = max(1.5, vol - 1.0)
        if rng.random() < 0.25:
            vol = round(vol + rng.choice([-0.2, 0.2, 0.3, -0.3]), 1)
        leak = rng.choices(['none', 'disc', 'venous', 'paravertebral', 'epidural', 'disc;venous'],
                           [0.68, 0.12, 0.1, 0.05, 0.02, 0.03])[0]
        if tech == 'kyphoplasty' and leak != 'none' and rng.random() < 0.5:
            leak = 'none'
        lv.append({'level': L, 'vol': vol, 'leak': leak})
    return {'session': no, 'day': day, 'date': date, 'technique': tech,
            'cement_type': ctype, 'levels': lv,
            'total': round(sum(x['vol'] for x in lv), 1)}


def fmt_num(x, dec=','):
    s = ('%g' % x) if isinstance(x, (int, float)) else str(x)
    return s.replace('.', dec)


def write_truth(patients, errors, identifiers, per_vertebra=True, leak_recorded=True,
                vol_override=None):
    """patients: final dicts; errors: list of dicts; identifiers: list of (kind, value)."""
    tdir = os.path.join(HERE, 'truth')
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            cw.writerows(rows)

    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p['sex'], p['age'], p['etiology'], 'yes' if p['died'] else 'no'] for p in patients])
    rows = []
    for p in patients:
        for s in p['sessions']:
            pv = per_vertebra if not callable(per_vertebra) else per_vertebra(p, s)
            for x in s['levels']:
                rows.append([p['id'], s['session'], s['day'], x['level'], s['technique'],
                             fmt_num(x['vol'], '.') if pv else '',
                             '' if pv else fmt_num(s['total'], '.'),
                             s['cement_type'] or '',
                             x['leak'] if leak_recorded else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    order = ['pre', '24h', '1w', '2w', '6w', '1m', '3m', '6m', '12m']
    rows = []
    for p in patients:
        for s in p['sessions']:
            for tp in order:
                a = s['assess'].get(tp)
                if not a or a['missed']:
                    continue
                rows.append([p['id'], s['session'], 'pain_vas', tp, fmt_num(a['vas'], '.')])
                if 'odi' in a:
                    rows.append([p['id'], s['session'], 'odi', tp, a['odi']])
                if 'mob' in a:
                    rows.append([p['id'], s['session'], 'mobility', tp, a['mob']])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], d, L] for p in patients for d, L in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      [[e['sheet'], e['cell'], e['row'], e['header'], e['value'], e['what'], e['pid']] for e in errors])
    seen = []
    for k, v in identifiers:
        if (k, str(v)) not in seen:
            seen.append((k, str(v)))
    w('identifiers.csv', ['kind', 'value'], seen)


def age_at(bd, date):
    return date.year - bd.year - ((date.month, date.day) < (bd.month, bd.day))


def col_letter(i):  # 0-based -> 'A'
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
def freeze_xlsx(path, stamp):
    """openpyxl stamps the save time into the file; pin it so reruns are byte-identical."""
    import re as _re
    import zipfile
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == 'docProps/core.xml':
                data = _re.sub(rb'(<dcterms:(?:created|modified)[^>]*>)[^<]*', rb'\g<1>' + stamp.encode(), data)
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 10, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


# --------------------------- end of shared part -----------------------------

# ============================ KONYA ========================================
# Transposed workbook: one column per patient, one row per variable.
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.comments import Comment

SEED = 28404
START, END, CUT = dt.date(2021, 3, 1), dt.date(2022, 12, 15), dt.date(2024, 1, 10)

pts = make_cohort(SEED, 16, START, END, CUT,
                  tps1=['pre', '24h', '1m', '3m', '6m', '12m'], tps2=['pre', '24h', '1m', '3m'],
                  etio_w=[('osteoporosis', 0.6), ('metastasis', 0.18), ('myeloma', 0.1),
                          ('trauma', 0.08), ('haemangioma', 0.04)],
                  odi_tps=('pre', '3m', '12m'), p_second=0.25, p_kypho=0.45,
                  cement_types=(('PMMA', 1.0),))
rng = random.Random(SEED + 1)
# this unit records ODI only for the first operation
for p in pts:
    for s_ in p['sessions'][1:]:
        for a in s_['assess'].values():
            a.pop('odi', None)

F_N = ['Fatma', 'Ayşe', 'Emine', 'Hatice', 'Zeynep', 'Şerife', 'Hacer', 'Meryem', 'Ümmühan', 'Gülsüm', 'Havva']
M_N = ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'Osman', 'Süleyman', 'Ömer']
SUR = ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan',
       'Doğan', 'Koç', 'Kılıç', 'Aslan', 'Çetin', 'Kurt', 'Güneş', 'Erdoğan']
TANI = {'osteoporosis': ['Osteoporoz', 'Osteoporotik kırık', 'OP kompresyon kırığı'],
        'metastasis': ['Metastaz (meme ca)', 'Metastaz (akciğer ca)', 'Metastaz (prostat ca)'],
        'myeloma': ['Multipl miyelom', 'MM'],
        'trauma': ['Travma (düşme)', 'Travma - trafik kazası'],
        'haemangioma': ['Hemanjiom']}
KACAK = {'none': 'Yok', 'disc': 'Disk', 'venous': 'Venöz', 'paravertebral': 'Paravertebral',
         'epidural': 'Epidural'}


def tr(x):
    return '%02d.%02d.%04d' % (x.day, x.month, x.year)


def tcno():
    d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d11 = (sum(d) + d10) % 10
    return ''.join(map(str, d + [d10, d11]))


def kacak(x):
    return ' + '.join(KACAK[t] for t in x['leak'].split(';'))


identifiers = []
used = set()
for p in pts:
    p['id'] = 'KNY-%02d' % p['n']
    while True:
        nm = '%s %s' % (rng.choice(F_N if p['sex'] == 'female' else M_N), rng.choice(SUR).upper())
        if nm not in used:
            used.add(nm)
            break
    p['name'] = nm
    p['prot'] = str(rng.randint(1000000, 4999999))
    p['tc'] = tcno()
    p['tel'] = '0%d %03d %02d %02d' % (rng.choice([532, 533, 535, 542, 505, 555, 544]), rng.randint(100, 999),
                                         rng.randint(0, 99), rng.randint(0, 99))
    p['tani'] = rng.choice(TANI[p['etio_detail']])
    identifiers += [('name', p['name']), ('record_number', p['prot']), ('national_id', p['tc']),
                    ('phone', p['tel']), ('birth_date', tr(p['birth']))]

# order of columns: by operation date (how the sheet grew)
pts_col = sorted(pts, key=lambda p: p['op1'])

S = 'SECTION'
LAYOUT = [
    (S, 'HASTA BİLGİLERİ'),
    ('id', 'Hasta No'), ('prot', 'Protokol No'), ('name', 'Adı Soyadı'), ('tc', 'TC Kimlik No'),
    ('tel', 'Telefon'), ('dob', 'Doğum Tarihi'), ('sex', 'Cinsiyet (K/E)'), ('age', 'Yaş'), ('tani', 'Tanı'),
    (S, 'AMELİYAT'),
    ('op_date', 'Ameliyat Tarihi'), ('tech', 'İşlem'), ('cem', 'Çimento tipi'),
    ('lv1', 'Seviye 1'), ('v1', 'Çimento 1 (ml)'), ('k1', 'Kaçak 1'),
    ('lv2', 'Seviye 2'), ('v2', 'Çimento 2 (ml)'), ('k2', 'Kaçak 2'),
    ('lv3', 'Seviye 3'), ('v3', 'Çimento 3 (ml)'), ('k3', 'Kaçak 3'),
    (S, 'TAKİP'),
    ('vas_pre', 'VAS preop'), ('vas_24h', 'VAS postop 1. gün'), ('vas_1m', 'VAS 1. ay'), ('vas_3m', 'VAS 3. ay'),
    ('vas_6m', 'VAS 6. ay'), ('vas_12m', 'VAS 12. ay'),
    ('odi_pre', 'ODI preop (%)'), ('odi_3m', 'ODI 3. ay (%)'), ('odi_12m', 'ODI 12. ay (%)'),
    ('last', 'Son kontrol tarihi'),
    (S, '2. AMELİYAT (yeni kırık nedeniyle)'),
    ('s2', '2. ameliyat'), ('s2_date', '2. ameliyat tarihi'), ('s2_tech', '2. işlem'),
    ('s2_lv', '2. seviye(ler)'), ('s2_vol', '2. çimento toplam (ml)'), ('s2_k', '2. kaçak'),
    ('s2_vas_pre', '2. VAS preop'), ('s2_vas_24h', '2. VAS 1. gün'), ('s2_vas_1m', '2. VAS 1. ay'),
    ('s2_vas_3m', '2. VAS 3. ay'),
    (S, 'SONUÇ'),
    ('nf', 'Yeni kırık'), ('nf_lv', 'Yeni kırık seviyesi'), ('nf_date', 'Yeni kırık tarihi'),
    ('ex', 'Exitus'), ('ex_date', 'Exitus tarihi'), ('note', 'Not'),
]
TOP = 5  # first layout row (rows 1-3 title block, row 4 empty)
ROW = {}
r_ = TOP
for key, lab in LAYOUT:
    if key != S:
        ROW[key] = r_
    r_ += 1

vals = {}  # (key, patient n) -> value


def volcell(v):
    # about a third of the volumes are typed as text with Turkish decimal comma
    if rng.random() < 0.33:
        return rng.choice(['%s', '%s cc', '%s ml']) % fmt_num(v, ',')
    return v


for p in pts_col:
    V = {}
    s1 = p['sessions'][0]
    V['id'], V['prot'], V['name'], V['tc'], V['tel'] = p['id'], int(p['prot']), p['name'], p['tc'], p['tel']
    V['dob'] = p['birth'] if rng.random() < 0.6 else tr(p['birth'])
    V['sex'] = 'K' if p['sex'] == 'female' else 'E'
    V['age'] = p['age']
    V['tani'] = p['tani']
    V['op_date'] = s1['date'] if rng.random() < 0.7 else tr(s1['date'])
    V['tech'] = 'Vertebroplasti' if s1['technique'] == 'vertebroplasty' else rng.choice(['Kifoplasti', 'Balon kifoplasti'])
    V['cem'] = 'PMMA'
    for k in range(3):
        if k < len(s1['levels']):
            x = s1['levels'][k]
            V['lv%d' % (k + 1)] = x['level']
            V['v%d' % (k + 1)] = volcell(x['vol'])
            V['k%d' % (k + 1)] = kacak(x)
        else:
            V['lv%d' % (k + 1)] = '-'
    last_day = 0
    for tp in ['pre', '24h', '1m', '3m', '6m', '12m']:
        a = s1['assess'].get(tp)
        if a is None:
            V['vas_' + tp] = 'ex' if p['died'] else None
            if tp in ('3m', '12m'):
                V['odi_' + tp] = 'ex' if p['died'] else None
            continue
        if a['missed']:
            V['vas_' + tp] = 'gelmedi'
            if tp in ('3m', '12m'):
                V['odi_' + tp] = 'gelmedi'
            continue
        V['vas_' + tp] = a['vas']
        if 'odi' in a:
            V['odi_' + tp] = a['odi']
        last_day = max(last_day, a['day'])
    if len(p['sessions']) > 1:
        s2 = p['sessions'][1]
        V['s2'] = 'Evet'
        V['s2_date'] = s2['date']
        V['s2_tech'] = 'Vertebroplasti' if s2['technique'] == 'vertebroplasty' else 'Kifoplasti'
        V['s2_lv'] = ', '.join(x['level'] for x in s2['levels'])
        V['s2_vol'] = volcell(s2['total'])
        lk = [x for x in s2['levels'] if x['leak'] != 'none']
        V['s2_k'] = 'Yok' if not lk else ', '.join('%s (%s)' % (kacak(x), x['level']) for x in lk)
        for tp in ['pre', '24h', '1m', '3m']:
            a = s2['assess'].get(tp)
            if a is None:
                V['s2_vas_' + tp] = 'ex' if p['died'] else None
            elif a['missed']:
                V['s2_vas_' + tp] = 'gelmedi'
            else:
                V['s2_vas_' + tp] = a['vas']
                last_day = max(last_day, a['day'])
    else:
        V['s2'] = 'Hayır'
    V['last'] = p['op1'] + dt.timedelta(days=last_day)
    if p['fractures']:
        V['nf'] = 'Evet'
        V['nf_lv'] = ', '.join(L for _, L in p['fractures'])
        V['nf_date'] = ', '.join(tr(p['op1'] + dt.timedelta(days=d)) for d, _ in p['fractures'])
    else:
        V['nf'] = 'Hayır'
    if p['died']:
        V['ex'] = 'Evet'
        V['ex_date'] = tr(p['op1'] + dt.timedelta(days=p['death_day']))
    else:
        V['ex'] = 'Hayır'
    notes = []
    if p['etio_detail'] in ('metastasis', 'myeloma'):
        notes.append('biyopsi alındı')
    if p['died']:
        notes.append('ex haberi telefonla alındı')
    if rng.random() < 0.2:
        notes.append('korse 6 hafta')
    V['note'] = '; '.join(notes) or None
    vals[p['n']] = V

# ---- planted mistakes ----
COL = {p['n']: 2 + i for i, p in enumerate(pts_col)}  # column index (1-based), B = 2
errors = []
SHEET = 'VP-KP Takip'


def plant(pred, key, newv, what):
    for p in pts_col:
        V = vals[p['n']]
        if not p.get('err') and pred(p, V):
            old = V.get(key)
            V[key] = newv(V)
            p['err'] = True
            lab = dict((k, l) for k, l in LAYOUT if k != S)[key]
            errors.append({'sheet': SHEET, 'cell': col_letter(COL[p['n']] - 1) + str(ROW[key]), 'row': ROW[key],
                           'header': lab, 'value': V[key] if not isinstance(V[key], dt.date) else tr(V[key]),
                           'what': what(old), 'pid': p['id']})
            return
    raise SystemExit('cannot plant ' + key)


plant(lambda p, V: V['lv2'] in ('L3', 'L4'), 'lv2', lambda V: 'L7',
      lambda o: 'level L7 does not exist; should be %s' % o)
plant(lambda p, V: isinstance(V['v1'], float) and V['v1'] in (2.8, 3.2, 3.5, 2.5, 4.5), 'v1',
      lambda V: int(round(V['v1'] * 10)),
      lambda o: 'cement > 20 ml in one vertebra (decimal comma lost); should be %s ml' % fmt_num(o, ','))
plant(lambda p, V: isinstance(V['vas_pre'], int) and V['vas_pre'] >= 7, 'vas_pre',
      lambda V: V['vas_pre'] * 10,
      lambda o: 'VAS outside 0-10 (written in mm); should be %s' % o)
plant(lambda p, V: V['ex'] == 'Hayır' and V['s2'] == 'Hayır', 'last',
      lambda V: dt.date(V['last'].year - 2, V['last'].month, min(V['last'].day, 28)),
      lambda o: 'last follow-up date is before the operation date (year typo); should be %s' % tr(o))

# ---- write workbook ----
wb = Workbook()
ws = wb.active
ws.title = SHEET
ncol = 1 + len(pts_col)
sec_fill = PatternFill('solid', fgColor='FCE4D6')
lab_fill = PatternFill('solid', fgColor='EDEDED')
ex_fill = PatternFill('solid', fgColor='D9D9D9')
thin = Side(style='thin', color='A6A6A6')
box = Border(left=thin, right=thin, top=thin, bottom=thin)
ws['A1'] = 'SELÇUK ÜNİVERSİTESİ TIP FAKÜLTESİ - BEYİN VE SİNİR CERRAHİSİ AD'
ws['A1'].font = Font(bold=True, size=12)
ws['A2'] = 'Vertebroplasti / Kifoplasti Hasta Takip Çizelgesi (2021-2023)'
ws['A2'].font = Font(bold=True)
ws['A3'] = 'Son güncelleme: 10.01.2024 - Dr. E. Kocabıyık (her hasta bir sütun, sağa doğru devam)'
ws['A3'].font = Font(italic=True, size=9)
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=8)
r = TOP
for key, lab in LAYOUT:
    if key == S:
        ws.cell(r, 1, lab).font = Font(bold=True, color='833C0B')
        ws.cell(r, 1).fill = sec_fill
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
    else:
        c = ws.cell(r, 1, lab)
        c.font = Font(bold=True)
        c.fill = lab_fill
        c.border = box
        for p in pts_col:
            v = vals[p['n']].get(key)
            cc = ws.cell(r, COL[p['n']])
            cc.border = box
            cc.alignment = Alignment(horizontal='center')
            if v is None:
                continue
            cc.value = v
            if isinstance(v, dt.date):
                cc.number_format = 'DD.MM.YYYY'
            elif isinstance(v, float):
                cc.number_format = '0.0'
            if key == 'tc':
                cc.number_format = '@'
            if v == 'ex':
                cc.fill = ex_fill
            if v == 'gelmedi':
                cc.font = Font(color='C00000', italic=True)
    r += 1
foot = r + 1
ws.cell(foot, 1, 'Açıklamalar:').font = Font(bold=True)
ws.cell(foot + 1, 1, 'VAS 0-10; ODI % (Türkçe Oswestry); gelmedi = kontrole gelmedi; ex = hasta o tarihte exitus; boş = henüz zamanı gelmedi')
ws.cell(foot + 2, 1, 'Kaçak: postop BT ile değerlendirildi. Çimento seviye başına ml (2. ameliyatta sadece toplam yazıldı).')
ws.cell(foot + 3, 1, 'Yaş = ilk ameliyattaki yaş. Cinsiyet: K = kadın, E = erkek.')
ws.column_dimensions['A'].width = 34
for i in range(2, ncol + 1):
    ws.column_dimensions[col_letter(i - 1)].width = 16
ws.freeze_panes = ws.cell(TOP + 1, 2)
# a comment the resident left on one patient
p0 = pts_col[3]
ws.cell(ROW['tani'], COL[p0['n']]).comment = Comment('patoloji sonucu bekleniyor (sonra eklenecek)', 'asistan')
wb.save(os.path.join(HERE, 'input.xlsx'))
freeze_xlsx(os.path.join(HERE, 'input.xlsx'), '2024-01-10T08:12:00Z')


def pv(p, s):
    return s['session'] == 1


write_truth(pts, errors, identifiers, per_vertebra=pv)
