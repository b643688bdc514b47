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

# ============================ LEIDEN =======================================
# Castor-style EDC export in long (entity-attribute-value) form + data dictionary
import uuid

SEED = 28301
START, END, CUT = dt.date(2021, 1, 15), dt.date(2022, 10, 31), dt.date(2023, 12, 1)

pts = make_cohort(SEED, 19, START, END, CUT,
                  tps1=['pre', '24h', '2w', '6w', '3m', '6m', '12m'], tps2=['pre', '24h', '6w', '3m'],
                  etio_w=[('osteoporosis', 0.6), ('metastasis', 0.2), ('myeloma', 0.1),
                          ('trauma', 0.06), ('haemangioma', 0.04)],
                  odi_tps=('pre', '6w', '3m', '12m'), p_second=0.22, p_kypho=0.4,
                  cement_types=(('PMMA', 1.0),))
rng = random.Random(SEED + 1)


def guid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()


def nd(x):
    return '%02d-%02d-%04d' % (x.day, x.month, x.year)


# ---------------- dictionary ----------------
OPTS = {
    'Geslacht': [('Man', 1), ('Vrouw', 2)],
    'Oorzaak': [('Osteoporose', 1), ('Metastase', 2), ('Multipel myeloom', 3), ('Trauma', 4),
                ('Hemangioom', 5), ('Anders', 6)],
    'Status EOS': [('Follow-up compleet', 1), ('Overleden', 2), ('Lost to follow-up', 3),
                   ('Nog in follow-up', 4)],
    'Procedure nr': [('Eerste procedure', 1), ('Herhaalprocedure (nieuwe fractuur)', 2)],
    'Techniek': [('Vertebroplastiek (PVP)', 1), ('Ballon-kyfoplastiek (BKP)', 2)],
    'Cement': [('PMMA', 1), ('Calciumfosfaat', 2), ('Anders', 99)],
    'Wervelniveau': [('Th%d' % i, i) for i in range(1, 13)] + [('L%d' % i, 12 + i) for i in range(1, 6)]
                    + [('S1', 18)],
    'Lekkage': [('Geen', 0), ('Discus', 1), ('Veneus', 2), ('Paravertebraal', 3),
                ('Epiduraal / spinaal kanaal', 4)],
    'Meetmoment': [('Baseline (pre-operatief)', 0), ('Dag 1', 1), ('2 weken', 2), ('6 weken', 3),
                   ('3 maanden', 4), ('6 maanden', 5), ('12 maanden', 6)],
    'Ja/Nee': [('Nee', 0), ('Ja', 1)],
}
LEVEL_CODE = {('T%d' % i): i for i in range(1, 13)}
LEVEL_CODE.update({('L%d' % i): 12 + i for i in range(1, 6)})
TP_CODE = {'pre': 0, '24h': 1, '2w': 2, '6w': 3, '3m': 4, '6m': 5, '12m': 6}
LEAK_CODE = {'none': '0', 'disc': '1', 'venous': '2', 'paravertebral': '3', 'epidural': '4'}

# (form, variable, label, type, option group)
FIELDS = [
    ('Baseline', 'pat_zkhnr', 'Ziekenhuisnummer (LUMC)', 'string', ''),
    ('Baseline', 'pat_dob', 'Geboortedatum', 'date', ''),
    ('Baseline', 'pat_sex', 'Geslacht', 'radio', 'Geslacht'),
    ('Baseline', 'pat_age', 'Leeftijd bij eerste procedure (jaren)', 'numeric', ''),
    ('Baseline', 'fx_cause', 'Oorzaak fractuur', 'dropdown', 'Oorzaak'),
    ('Baseline', 'fx_prim', 'Primaire tumor (indien metastase)', 'string', ''),
    ('Procedure', 'proc_nr', 'Procedure', 'radio', 'Procedure nr'),
    ('Procedure', 'proc_date', 'Datum procedure', 'date', ''),
    ('Procedure', 'proc_tech', 'Techniek', 'radio', 'Techniek'),
    ('Procedure', 'proc_cement', 'Type cement', 'radio', 'Cement'),
    ('Niveau', 'niv_level', 'Behandeld niveau', 'dropdown', 'Wervelniveau'),
    ('Niveau', 'niv_vol', 'Cementvolume dit niveau (ml)', 'numeric', ''),
    ('Niveau', 'niv_leak', 'Cementlekkage (post-op CT)', 'checkbox', 'Lekkage'),
    ('Follow-up', 'fu_moment', 'Meetmoment', 'dropdown', 'Meetmoment'),
    ('Follow-up', 'fu_done', 'Bezoek/vragenlijst afgenomen', 'radio', 'Ja/Nee'),
    ('Follow-up', 'fu_date', 'Datum bezoek', 'date', ''),
    ('Follow-up', 'fu_nrs', 'NRS pijn rug (0-10)', 'numeric', ''),
    ('Follow-up', 'fu_odi', 'ODI totaalscore (%)', 'numeric', ''),
    ('Nieuwe fractuur', 'nf_date', 'Datum diagnose nieuwe fractuur', 'date', ''),
    ('Nieuwe fractuur', 'nf_level', 'Niveau nieuwe fractuur', 'dropdown', 'Wervelniveau'),
    ('Einde studie', 'eos_status', 'Status', 'radio', 'Status EOS'),
    ('Einde studie', 'eos_date', 'Datum (einde studie / overlijden)', 'date', ''),
]
FID = {f[1]: guid() for f in FIELDS}

identifiers = []
PRIM = ['mammacarcinoom', 'prostaatcarcinoom', 'longcarcinoom (NSCLC)', 'niercelcarcinoom']
USERS = ['m.devries@lumc', 'j.bakker@lumc', 'research.nurse']
for k, p in enumerate(pts):
    p['id'] = '1100%02d' % (k + 1)
    p['zkh'] = '%07d' % rng.randint(1000000, 9999999)
    identifiers += [('record_number', p['zkh']), ('birth_date', nd(p['birth']))]

data = []  # rows: dict


def add(p, ftype, inst_id, inst_name, parent, var, value, when):
    data.append({'Participant Id': p['id'], 'Participant Status': p['status'], 'Site Abbreviation': 'LUMC',
                 'Form Type': ftype, 'Form Instance Id': inst_id, 'Form Instance Name': inst_name,
                 'Form Parent': parent, 'Field id': FID[var], 'Value': value,
                 'Date Updated': when, '_var': var, '_p': p})


def stamp(d0):
    t = d0 + dt.timedelta(days=rng.randint(0, 20))
    return '%s %02d:%02d:%02d' % (nd(min(t, CUT)), rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))


for p in pts:
    last = max([s['date'] for s in p['sessions']] + [p['op1'] + dt.timedelta(days=a['day'])
               for s in p['sessions'] for a in s['assess'].values()])
    p['status'] = 'Completed' if (p['died'] or (CUT - p['op1']).days > 400) else 'In progress'
    b = stamp(p['op1'])
    add(p, 'Study', '', '', '', 'pat_zkhnr', p['zkh'], b)
    add(p, 'Study', '', '', '', 'pat_dob', nd(p['birth']), b)
    add(p, 'Study', '', '', '', 'pat_sex', '1' if p['sex'] == 'male' else '2', b)
    add(p, 'Study', '', '', '', 'pat_age', str(p['age']), b)
    cause = {'osteoporosis': 1, 'metastasis': 2, 'myeloma': 3, 'trauma': 4, 'haemangioma': 5}[p['etio_detail']]
    add(p, 'Study', '', '', '', 'fx_cause', str(cause), b)
    add(p, 'Study', '', '', '', 'fx_prim', rng.choice(PRIM) if cause == 2 else '', b)
    n_niv = n_fu = 0
    for s in p['sessions']:
        pi, pn = guid(), 'Procedure - %d' % s['session']
        w = stamp(s['date'])
        add(p, 'Repeating data', pi, pn, '', 'proc_nr', str(s['session']), w)
        add(p, 'Repeating data', pi, pn, '', 'proc_date', nd(s['date']), w)
        add(p, 'Repeating data', pi, pn, '', 'proc_tech', '1' if s['technique'] == 'vertebroplasty' else '2', w)
        add(p, 'Repeating data', pi, pn, '', 'proc_cement', '1', w)
        for x in s['levels']:
            n_niv += 1
            ni, nn = guid(), 'Niveau - %d' % n_niv
            add(p, 'Repeating data', ni, nn, pn, 'niv_level', str(LEVEL_CODE[x['level']]), w)
            add(p, 'Repeating data', ni, nn, pn, 'niv_vol', ('%.1f' % x['vol']).replace('.0', ''), w)
            add(p, 'Repeating data', ni, nn, pn, 'niv_leak',
                ';'.join(LEAK_CODE[t] for t in x['leak'].split(';')), stamp(s['date'] + dt.timedelta(days=2)))
        for tp, a in s['assess'].items():
            n_fu += 1
            fi, fn = guid(), 'Follow-up - %d' % n_fu
            vd = p['op1'] + dt.timedelta(days=a['day'])
            w = stamp(vd)
            add(p, 'Repeating data', fi, fn, pn, 'fu_moment', str(TP_CODE[tp]), w)
            add(p, 'Repeating data', fi, fn, pn, 'fu_done', '0' if a['missed'] else '1', w)
            if a['missed']:
                add(p, 'Repeating data', fi, fn, pn, 'fu_date', '', w)
                add(p, 'Repeating data', fi, fn, pn, 'fu_nrs', '##USER_MISSING_99##', w)
                add(p, 'Repeating data', fi, fn, pn, 'fu_odi', '##USER_MISSING_99##', w)
            else:
                add(p, 'Repeating data', fi, fn, pn, 'fu_date', nd(vd), w)
                add(p, 'Repeating data', fi, fn, pn, 'fu_nrs', str(a['vas']), w)
                if 'odi' in a:
                    add(p, 'Repeating data', fi, fn, pn, 'fu_odi', str(a['odi']), w)
                elif tp in ('24h', '2w'):
                    add(p, 'Repeating data', fi, fn, pn, 'fu_odi', '##USER_MISSING_96##', w)
                else:
                    add(p, 'Repeating data', fi, fn, pn, 'fu_odi', '', w)
    for k, (fd, L) in enumerate(p['fractures']):
        fi, fn = guid(), 'Nieuwe fractuur - %d' % (k + 1)
        w = stamp(p['op1'] + dt.timedelta(days=fd))
        add(p, 'Repeating data', fi, fn, '', 'nf_date', nd(p['op1'] + dt.timedelta(days=fd)), w)
        add(p, 'Repeating data', fi, fn, '', 'nf_level', str(LEVEL_CODE[L]), w)
    if p['died']:
        dd = p['op1'] + dt.timedelta(days=p['death_day'])
        add(p, 'Study', '', '', '', 'eos_status', '2', stamp(dd))
        add(p, 'Study', '', '', '', 'eos_date', nd(dd), stamp(dd))
    elif p['status'] == 'Completed':
        add(p, 'Study', '', '', '', 'eos_status', '1', stamp(last))
        add(p, 'Study', '', '', '', 'eos_date', nd(last), stamp(last))
    else:
        add(p, 'Study', '', '', '', 'eos_status', '4', stamp(last))

HEAD = ['Participant Id', 'Participant Status', 'Site Abbreviation', 'Form Type', 'Form Instance Id',
        'Form Instance Name', 'Form Parent', 'Field id', 'Value', 'Date Updated']
C = {h: i for i, h in enumerate(HEAD)}
errors = []
DATAFILE = 'VERTEBRA_LUMC_export_long_20231201.csv'


def plant(pred, new, what):
    for i, r in enumerate(data):
        if not r['_p'].get('err') and pred(r):
            old = r['Value']
            r['Value'] = new(r)
            r['_p']['err'] = True
            errors.append({'sheet': DATAFILE, 'cell': col_letter(C['Value']) + str(i + 2), 'row': i + 2,
                           'header': 'Value (%s)' % r['_var'], 'value': r['Value'], 'what': what(old),
                           'pid': r['_p']['id']})
            return
    raise SystemExit('cannot plant')


# 1. cement volume with decimal point lost
plant(lambda r: r['_var'] == 'niv_vol' and r['Value'] in ('3.5', '2.5', '4.5', '3.8', '4.2'),
      lambda r: r['Value'].replace('.', ''),
      lambda o: 'cement volume > 20 ml for one level (decimal point lost); should be %s' % o)
# 2. level code not in option group Wervelniveau (impossible level)
plant(lambda r: r['_var'] == 'niv_level' and r['Value'] in ('16', '17'),
      lambda r: str(int(r['Value']) + 3),
      lambda o: 'level code not in option group Wervelniveau (1-18) - no such level; should be %s (L%d)' % (o, int(o) - 12))
# 3. NRS outside 0-10
plant(lambda r: r['_var'] == 'fu_nrs' and r['Value'] in ('3', '4', '5'),
      lambda r: r['Value'] * 2,
      lambda o: 'NRS outside 0-10 (digit typed twice); should be %s' % o)
# 4. follow-up date before the procedure (year typo)
plant(lambda r: r['_var'] == 'fu_date' and r['Value'] and r['Form Instance Name'] in ('Follow-up - 5', 'Follow-up - 6'),
      lambda r: r['Value'][:6] + str(int(r['Value'][6:]) - 2),
      lambda o: 'visit date before the date of the procedure (year typo); should be %s' % o)

os.makedirs(os.path.join(HERE, 'input'), exist_ok=True)
with open(os.path.join(HERE, 'input', DATAFILE), 'w', encoding='utf-8-sig', newline='') as f:
    cw = csv.writer(f, delimiter=';', lineterminator='\r\n')
    cw.writerow(HEAD)
    for r in data:
        cw.writerow([r[h] for h in HEAD])
with open(os.path.join(HERE, 'input', 'VERTEBRA_field_dictionary.csv'), 'w', encoding='utf-8-sig', newline='') as f:
    cw = csv.writer(f, delimiter=';', lineterminator='\r\n')
    cw.writerow(['Form Type', 'Form Name', 'Field id', 'Field Variable Name', 'Field Label', 'Field Type',
                 'Optiongroup Name', 'Field Units'])
    for form, var, lab, typ, og in FIELDS:
        ftype = 'Study' if form in ('Baseline', 'Einde studie') else 'Repeating data'
        unit = {'niv_vol': 'ml', 'fu_odi': '%', 'pat_age': 'jaar'}.get(var, '')
        cw.writerow([ftype, form, FID[var], var, lab, typ, og, unit])
with open(os.path.join(HERE, 'input', 'VERTEBRA_optiongroups.csv'), 'w', encoding='utf-8-sig', newline='') as f:
    cw = csv.writer(f, delimiter=';', lineterminator='\r\n')
    cw.writerow(['Optiongroup Name', 'Option Name', 'Option Value'])
    for og, lst in OPTS.items():
        for name, val in lst:
            cw.writerow([og, name, val])
    cw.writerow(['(user missing)', 'Measurement failed', '##USER_MISSING_95##'])
    cw.writerow(['(user missing)', 'Not applicable', '##USER_MISSING_96##'])
    cw.writerow(['(user missing)', 'Not asked', '##USER_MISSING_97##'])
    cw.writerow(['(user missing)', 'Asked but unknown', '##USER_MISSING_98##'])
    cw.writerow(['(user missing)', 'Not done', '##USER_MISSING_99##'])

write_truth(pts, errors, identifiers, per_vertebra=True)
