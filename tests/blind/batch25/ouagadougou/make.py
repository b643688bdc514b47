#!/usr/bin/env python3
"""Ouagadougou (Burkina Faso) - one follow-up form per patient.

Writes input.xlsx (one sheet listing the patients + one sheet per patient named
by the study code) and the truth tables in truth/.  Deterministic (fixed seed).
Run:  /work/blindenv/bin/python make.py
"""
import csv
import datetime as dt
import os
import random

import xlsxwriter

SEED = 25001
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(SEED)
D = dt.date
CUTOFF = D(2023, 6, 30)          # date the workbook was frozen for export

# --------------------------------------------------------------------------
# vocabulary
SPINE = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = {'T5': 1, 'T6': 2, 'T7': 3, 'T8': 4, 'T9': 4, 'T10': 5, 'T11': 9,
           'T12': 14, 'L1': 14, 'L2': 9, 'L3': 6, 'L4': 4, 'L5': 2}
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
TP_DAY = {'pre': -1, '24h': 1, '1m': 30, '3m': 91, '6m': 182, '12m': 365}
TP_LABEL = {'pre': 'Pré-op', '24h': 'J1', '1m': 'M1', '3m': 'M3', '6m': 'M6',
            '12m': 'M12'}
ODI_TPS = ['pre', '1m', '3m', '6m', '12m']

FEM_FIRST = ['Aminata', 'Mariam', 'Safiatou', 'Awa', 'Fatimata', 'Asséta',
             'Téné', 'Pauline', 'Denise', 'Brigitte', 'Salamata', 'Rasmata',
             'Haoua', 'Odile', 'Georgette', 'Kadiatou']
MAL_FIRST = ['Salif', 'Issa', 'Adama', 'Boukary', 'Rasmané', 'Hamidou',
             'Noufou', 'Jean-Baptiste', 'Souleymane', 'Idrissa', 'Paul',
             'Lassané', 'Moussa', 'Tiga', 'Mahamadi', 'Pascal']
SURNAMES = ['OUÉDRAOGO', 'SAWADOGO', 'COMPAORÉ', 'KABORÉ', 'ZONGO', 'TRAORÉ',
            'OUATTARA', 'KIEMDÉ', 'NIKIÉMA', 'ILBOUDO', 'ZOUNGRANA', 'TAPSOBA',
            'YAMÉOGO', 'SANOU', 'KONATÉ', 'BAMOGO', 'SIMPORÉ', 'ZERBO',
            'BONKOUNGOU', 'KINDA', 'NANA', 'DABIRÉ']

LEAK_TXT = {'none': ['Non', 'Non', 'Non', 'RAS', 'Pas de fuite'],
            'disc': ['Discale', 'Oui - discale', 'Fuite discale minime'],
            'venous': ['Veineuse', 'Oui - veineuse (plexus)'],
            'paravertebral': ['Paravertébrale', 'Oui - paravertébrale'],
            'epidural': ['Épidurale'],
            'foraminal': ['Foraminale']}

# --------------------------------------------------------------------------
# generation of the "real" data


def pick_level(exclude):
    c = [lv for lv in LEVEL_W if lv not in exclude]
    return rng.choices(c, weights=[LEVEL_W[lv] for lv in c])[0]


def neighbour(lv, exclude):
    i = SPINE.index(lv)
    c = [SPINE[j] for j in (i - 1, i + 1) if 0 <= j < len(SPINE)
         and SPINE[j] in LEVEL_W and SPINE[j] not in exclude]
    return rng.choice(c) if c else pick_level(exclude)


def cement_for(lv):
    if lv.startswith('T') and int(lv[1:]) <= 10:
        return rng.choice([2.0, 2.5, 2.5, 3.0, 3.0, 3.5])
    return rng.choice([3.0, 3.5, 4.0, 4.0, 4.5, 5.0, 5.5, 6.0])


def leak():
    r = rng.random()
    if r < 0.66:
        return ['none']
    if r < 0.80:
        return ['disc']
    if r < 0.89:
        return ['venous']
    if r < 0.94:
        return ['paravertebral']
    if r < 0.97:
        return ['disc', 'venous']
    return [rng.choice(['epidural', 'foraminal'])]


def trajectories(half_ok=True):
    pre = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
    if half_ok and rng.random() < 0.2:
        pre -= 0.5
    vals = {'pre': pre}
    cur = pre
    for tp, drop in (('24h', (2, 3, 4, 4, 5)), ('1m', (0, 1, 1, 2)),
                     ('3m', (0, 0, 1, 1)), ('6m', (0, 0, 1)),
                     ('12m', (-1, 0, 0, 1))):
        cur = max(0, min(10, cur - rng.choice(drop)))
        if half_ok and tp != '24h' and rng.random() < 0.12 and 0 < cur < 10:
            cur = cur + 0.5
        vals[tp] = cur
    odi_pre = rng.randrange(44, 86, 2)
    odi = {'pre': odi_pre}
    cur = odi_pre
    for tp, drop in (('1m', (10, 14, 18, 22)), ('3m', (4, 6, 8, 10)),
                     ('6m', (0, 2, 4, 6)), ('12m', (-4, 0, 2, 4))):
        cur = max(4, cur - rng.choice(drop))
        odi[tp] = cur
    mob_pre = rng.choice([0, 0, 1, 1, 1, 2])
    mob = {'pre': mob_pre}
    cur = mob_pre
    for tp in TPS[1:]:
        cur = min(3, cur + rng.choice([0, 1, 1]))
        mob[tp] = cur
    return vals, odi, mob


N = 20
sexes = ['F'] * 14 + ['M'] * 6
rng.shuffle(sexes)
etios = (['osteoporotic'] * 13 + ['pathologic'] * 4 + ['traumatic'] * 3)
rng.shuffle(etios)
second_idx = set(rng.sample(range(N), 3))
dead_idx = set(rng.sample([i for i in range(N) if i not in second_idx], 2))
extra_frac_idx = set(rng.sample([i for i in range(N) if i not in dead_idx], 2))

used_names = set()
patients = []
for i in range(N):
    sex = sexes[i]
    etio = etios[i]
    if etio == 'osteoporotic':
        age = rng.randint(58, 86)
    elif etio == 'pathologic':
        age = rng.randint(45, 74)
    else:
        age = rng.randint(34, 62)
    while True:
        first = rng.choice(FEM_FIRST if sex == 'F' else MAL_FIRST)
        sur = rng.choice(SURNAMES)
        if (first, sur) not in used_names:
            used_names.add((first, sur))
            break
    d0 = D(2021, 3, 1) + dt.timedelta(days=rng.randint(0, 380 if i in second_idx else 600))
    dob = d0 - dt.timedelta(days=int(age * 365.25) + rng.randint(1, 360))
    age = d0.year - dob.year - ((d0.month, d0.day) < (dob.month, dob.day))
    p = dict(idx=i, pid='OUA-VP-%02d' % (i + 1), sex=sex, age=age, etio=etio,
             name='%s %s' % (sur, first), d0=d0, dob=dob,
             dossier='%d/NCH/%04d' % (d0.year, rng.randint(100, 2999)),
             phone='+226 %02d %02d %02d %02d' % (rng.choice([70, 71, 72, 76, 78, 65, 66]),
                                                  rng.randint(0, 99), rng.randint(0, 99),
                                                  rng.randint(0, 99)),
             sessions=[], fractures=[], death_day=None)
    # session 1
    lv1 = pick_level(set())
    levels = [lv1]
    if rng.random() < 0.25:
        levels.append(neighbour(lv1, set(levels)))
        levels.sort(key=SPINE.index)
    tech = 'kyphoplasty' if rng.random() < 0.12 else 'vertebroplasty'
    p['sessions'].append(dict(day=0, levels=levels, tech=tech))
    if i in second_idx:
        fday = rng.randint(110, 330)
        newlv = neighbour(levels[-1] if rng.random() < .5 else levels[0], set(levels))
        p['fractures'].append((fday, newlv))
        p['sessions'].append(dict(day=fday + rng.randint(6, 25), levels=[newlv],
                                  tech='vertebroplasty'))
    if i in extra_frac_idx:
        taken = {lv for s in p['sessions'] for lv in s['levels']}
        taken |= {f[1] for f in p['fractures']}
        fday = rng.randint(150, 420)
        if (d0 + dt.timedelta(days=fday)) < CUTOFF:
            p['fractures'].append((fday, pick_level(taken)))
    if i in dead_idx:
        p['death_day'] = min(rng.randint(60, 250), (CUTOFF - d0).days - 15)
    for s in p['sessions']:
        s['date'] = d0 + dt.timedelta(days=s['day'])
        s['cement'] = {lv: cement_for(lv) for lv in s['levels']}
        s['leak'] = {lv: leak() for lv in s['levels']}
        pain, odi, mob = trajectories()
        s['pain'], s['odi'], s['mob'] = pain, odi, mob
    p['fractures'].sort()
    assert all(s['date'] < CUTOFF for s in p['sessions'])
    patients.append(p)

# visits: which exist, and their dates
for p in patients:
    for k, s in enumerate(p['sessions']):
        nxt = p['sessions'][k + 1]['day'] if k + 1 < len(p['sessions']) else None
        s['visit'] = {}
        for tp in TPS:
            vday = s['day'] + TP_DAY[tp] + (0 if tp in ('pre', '24h') else rng.randint(-4, 9))
            vdate = p['d0'] + dt.timedelta(days=vday)
            if tp in ('pre', '24h'):
                status = 'ok'
            elif p['death_day'] is not None and vday >= p['death_day']:
                status = 'dead'
            elif nxt is not None and vday >= nxt:
                status = 'next'
            elif vdate > CUTOFF:
                status = 'notdue'
            elif rng.random() < 0.13:
                status = 'missed'
            else:
                status = 'ok'
            s['visit'][tp] = (status, vday, vdate)

# --------------------------------------------------------------------------
# planted errors (decided on the generated data, applied when writing)
errors = []          # filled while writing
ERR = {}
# 1) impossible level, 2) EVA out of 0-10, 3) follow-up dated before the op,
# 4) cement > 20 ml in one vertebra
cands = [p for p in patients if len(p['sessions'][0]['levels']) == 1
         and p['sessions'][0]['levels'][0] == 'L1']
ERR['level'] = (cands[0]['pid'] if cands else patients[4]['pid'])
ok_m1 = [p for p in patients if p['sessions'][0]['visit']['1m'][0] == 'ok'
         and p['sessions'][0]['pain']['1m'] in (2, 3, 4) and p['pid'] != ERR['level']]
ERR['eva'] = ok_m1[0]['pid']
ok_m3 = [p for p in patients if p['sessions'][0]['visit']['3m'][0] == 'ok'
         and p['pid'] not in (ERR['level'], ERR['eva'])]
ERR['date'] = ok_m3[1]['pid']
c4 = [p for p in patients if p['pid'] not in ERR.values()
      and p['sessions'][0]['cement'][p['sessions'][0]['levels'][0]] in (3.5, 4.5, 5.5)]
ERR['cement'] = c4[0]['pid']

# --------------------------------------------------------------------------
# writing the workbook
wb = xlsxwriter.Workbook(os.path.join(HERE, 'input.xlsx'))
wb.set_properties({'title': 'Registre cimentoplastie', 'author': 'Service NCH',
                   'created': dt.datetime(2023, 7, 3, 9, 12, 0)})
F = {}
F['title'] = wb.add_format({'bold': True, 'font_size': 13})
F['sub'] = wb.add_format({'bold': True, 'font_size': 11, 'font_color': '#1F3864'})
F['lab'] = wb.add_format({'bold': True})
F['hdr'] = wb.add_format({'bold': True, 'bg_color': '#D9E1F2', 'border': 1,
                          'text_wrap': True, 'valign': 'vcenter'})
F['cell'] = wb.add_format({'border': 1})
F['date'] = wb.add_format({'border': 1, 'num_format': 'dd/mm/yyyy'})
F['datep'] = wb.add_format({'num_format': 'dd/mm/yyyy'})
F['num'] = wb.add_format({'border': 1, 'num_format': '0.0'})
F['int'] = wb.add_format({'border': 1, 'num_format': '0'})
F['note'] = wb.add_format({'italic': True, 'font_size': 9})
F['red'] = wb.add_format({'border': 1, 'font_color': '#C00000'})


def fr_num(x):
    s = ('%g' % x).replace('.', ',')
    return s


def eva_cell(v):
    """how the nurse typed an EVA value"""
    r = rng.random()
    if v != int(v):
        return ('s', fr_num(v))
    if r < 0.08:
        return ('s', '%d/10' % v)
    return ('n', int(v))


def odi_cell(v):
    r = rng.random()
    if r < 0.15:
        return ('s', '%d %%' % v)
    if r < 0.22:
        return ('s', '%d%%' % v)
    return ('n', v)


MOB_TXT = {0: 'alitée', 1: 'fauteuil', 2: 'canne', 3: 'seul'}


def mob_cell(v):
    if rng.random() < 0.15:
        return ('s', '%d (%s)' % (v, MOB_TXT[v]))
    return ('n', v)


def level_txt(lv):
    # the unit writes the thoracic vertebrae "D" (dorsale), French usage
    if lv.startswith('T'):
        return 'D' + lv[1:]
    return lv


def put(ws, r, c, kind_val, fmt):
    kind, val = kind_val
    if kind == 'n':
        ws.write_number(r, c, val, fmt)
    elif kind == 'd':
        ws.write_datetime(r, c, dt.datetime(val.year, val.month, val.day), fmt)
    elif kind == 'b':
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_string(r, c, val, fmt)


def date_cell(d, fmt_kind_text_p=0.25):
    if rng.random() < fmt_kind_text_p:
        return ('s', d.strftime('%d/%m/%Y'))
    return ('d', d)


def col(c):
    return chr(ord('A') + c)


assess_truth = []     # rows patient_id,session,measure,timepoint,value
proc_truth = []
ident = []

# ---- list sheet -----------------------------------------------------------
ls = wb.add_worksheet('Liste patients')
ls.write_string(0, 0, 'REGISTRE VERTÉBROPLASTIE / CYPHOPLASTIE - CHU Yalgado Ouédraogo, '
                'Service de Neurochirurgie', F['title'])
ls.write_string(1, 0, 'Mise à jour : 30/06/2023 (Mme la coordinatrice). Une feuille '
                'par patient, nommée par le code étude.', F['note'])
hdr = ['N°', 'Code étude', 'Nom et prénom(s)', 'N° dossier', 'Sexe', 'Âge (ans)',
       'Date de naissance', 'Téléphone', 'Date 1ère intervention', 'Étiologie',
       'Observations']
for c, h in enumerate(hdr):
    ls.write_string(3, c, h, F['hdr'])
ls.set_row(3, 30)
for c, w in enumerate([5, 12, 28, 16, 6, 9, 16, 18, 16, 24, 44]):
    ls.set_column(c, c, w)

ETIO_TXT = {}
for p in patients:
    if p['etio'] == 'osteoporotic':
        ETIO_TXT[p['pid']] = rng.choice(['Ostéoporose', 'Ostéoporose', 'Ostéoporotique',
                                         'Ostéoporose post-ménopausique' if p['sex'] == 'F'
                                         else 'Ostéoporose'])
    elif p['etio'] == 'pathologic':
        ETIO_TXT[p['pid']] = rng.choice(['Métastase (K prostate)' if p['sex'] == 'M'
                                         else 'Métastase (K sein)',
                                         'Myélome multiple', 'Métastase osseuse'])
    else:
        ETIO_TXT[p['pid']] = rng.choice(['Traumatique (AVP moto)', 'Traumatique (chute)',
                                         'Traumatique - chute d\'un arbre (karité)'])

for n, p in enumerate(patients):
    r = 4 + n
    ls.write_number(r, 0, n + 1, F['cell'])
    ls.write_string(r, 1, p['pid'], F['cell'])
    ls.write_string(r, 2, p['name'], F['cell'])
    ls.write_string(r, 3, p['dossier'], F['cell'])
    ls.write_string(r, 4, p['sex'], F['cell'])
    ls.write_number(r, 5, p['age'], F['cell'])
    put(ls, r, 6, ('d', p['dob']), F['date'])
    ls.write_string(r, 7, p['phone'], F['cell'])
    put(ls, r, 8, ('d', p['d0']), F['date'])
    ls.write_string(r, 9, ETIO_TXT[p['pid']], F['cell'])
    obs = []
    if len(p['sessions']) > 1:
        obs.append('2e intervention le %s' % p['sessions'][1]['date'].strftime('%d/%m/%Y'))
    if p['death_day'] is not None:
        dd = p['d0'] + dt.timedelta(days=p['death_day'])
        obs.append('Décédé%s le %s' % ('e' if p['sex'] == 'F' else '', dd.strftime('%d/%m/%Y')))
    ls.write_string(r, 10, ' ; '.join(obs), F['cell'])
    ident += [('name', p['name']), ('record_number', p['dossier']),
              ('phone', p['phone']), ('birth_date', p['dob'].strftime('%d/%m/%Y'))]
r = 4 + N + 1
ls.write_string(r, 0, 'Sexe : F = féminin, M = masculin. Âge à la 1ère intervention.', F['note'])


# ---- one sheet per patient -----------------------------------------------
def write_session_block(ws, p, k, top, errs):
    """writes 'INTERVENTION' + 'SUIVI' tables starting at row `top`; returns next row"""
    s = p['sessions'][k]
    title = '1. INTERVENTION' if k == 0 else '%d. %s INTERVENTION (nouvelle fracture)' % (
        k + 1, 'DEUXIÈME' if k == 1 else 'TROISIÈME')
    ws.write_string(top, 0, title, F['sub'])
    h = ['Date', 'Niveau', 'Technique', 'Volume ciment (ml)', 'Ciment', 'Fuite de ciment',
         'Remarques']
    for c, t in enumerate(h):
        ws.write_string(top + 1, c, t, F['hdr'])
    nrows = max(3, len(s['levels']))
    for j in range(nrows):
        r = top + 2 + j
        if j >= len(s['levels']):
            for c in range(7):
                ws.write_blank(r, c, None, F['cell'])
            continue
        lv = s['levels'][j]
        # date: written on the first row; repeated or not on the second
        if j == 0 or rng.random() < 0.5:
            put(ws, r, 0, date_cell(s['date'], 0.2), F['date'])
        else:
            ws.write_string(r, 0, '"', F['cell'])
        lvt = level_txt(lv)
        if p['pid'] == ERR['level'] and k == 0 and j == 0:
            lvt = 'L7'
            errs.append((r, 1, 'Niveau', lvt, 'impossible vertebral level L7 (there is no 7th lumbar '
                         'vertebra)'))
        ws.write_string(r, 1, lvt, F['cell'])
        ws.write_string(r, 2, 'VP' if s['tech'] == 'vertebroplasty' else 'CP', F['cell'])
        v = s['cement'][lv]
        if p['pid'] == ERR['cement'] and k == 0 and j == 0:
            ws.write_number(r, 3, v * 10, F['red'] if False else F['cell'])
            errs.append((r, 3, 'Volume ciment (ml)', fr_num(v * 10),
                         'implausible cement volume %s ml in one vertebra (> 20 ml; '
                         'probably %s ml)' % (fr_num(v * 10), fr_num(v))))
        else:
            rr = rng.random()
            if rr < 0.2:
                ws.write_string(r, 3, fr_num(v) + ' ml', F['cell'])
            elif rr < 0.35:
                ws.write_string(r, 3, fr_num(v), F['cell'])
            else:
                ws.write_number(r, 3, v, F['num'])
        ws.write_string(r, 4, 'PMMA', F['cell'])
        lk = s['leak'][lv]
        if lk == ['disc', 'venous']:
            lt = 'Discale + veineuse'
        else:
            lt = rng.choice(LEAK_TXT[lk[0]])
        ws.write_string(r, 5, lt, F['cell'])
        rem = ''
        if j == 0 and s['tech'] == 'kyphoplasty':
            rem = 'Cyphoplastie (ballonnet)'
        elif j == 0 and rng.random() < 0.2:
            rem = rng.choice(['AG', 'Anesthésie locale + sédation', 'Sortie J2',
                              'Bonne tolérance'])
        ws.write_string(r, 6, rem, F['cell'])
        lkt = ';'.join(lk)
        proc_truth.append([p['pid'], k + 1, s['day'], lv, s['tech'], '%g' % v, '', 'PMMA', lkt])
    top = top + 2 + nrows + 1
    ws.write_string(top, 0, 'SUIVI' + ('' if k == 0 else ' (après la %de intervention)' % (k + 1)),
                    F['sub'])
    h = ['Visite', 'Date', 'EVA (/10)', 'ODI (%)', 'Marche *', 'Observations']
    for c, t in enumerate(h):
        ws.write_string(top + 1, c, t, F['hdr'])
    for j, tp in enumerate(TPS):
        r = top + 2 + j
        ws.write_string(r, 0, TP_LABEL[tp], F['lab'])
        status, vday, vdate = s['visit'][tp]
        if status == 'ok':
            if p['pid'] == ERR['date'] and k == 0 and tp == '3m':
                bad = D(vdate.year - 1, vdate.month, vdate.day)
                ws.write_string(r, 1, bad.strftime('%d/%m/%Y'), F['cell'])
                errs.append((r, 1, 'Date', bad.strftime('%d/%m/%Y'),
                             'M3 follow-up dated %s, before the operation of %s (year typed '
                             'wrong, should be %d)' % (bad.strftime('%d/%m/%Y'),
                                                       s['date'].strftime('%d/%m/%Y'), vdate.year)))
            else:
                put(ws, r, 1, date_cell(vdate, 0.3), F['date'])
            ev = s['pain'][tp]
            if p['pid'] == ERR['eva'] and k == 0 and tp == '1m':
                ws.write_number(r, 2, 10 + ev, F['cell'])
                errs.append((r, 2, 'EVA (/10)', '%d' % (10 + ev),
                             'EVA %d outside the 0-10 scale (probably %d)' % (10 + ev, ev)))
            else:
                put(ws, r, 2, eva_cell(ev), F['cell'])
            assess_truth.append([p['pid'], k + 1, 'pain_vas', tp, '%g' % ev])
            if tp in ODI_TPS and not (tp != 'pre' and rng.random() < 0.08):
                put(ws, r, 3, odi_cell(s['odi'][tp]), F['cell'])
                assess_truth.append([p['pid'], k + 1, 'odi', tp, '%g' % s['odi'][tp]])
            elif tp in ODI_TPS:
                ws.write_string(r, 3, '-', F['cell'])
            else:
                ws.write_blank(r, 3, None, F['cell'])
            put(ws, r, 4, mob_cell(s['mob'][tp]), F['cell'])
            assess_truth.append([p['pid'], k + 1, 'mobility', tp, '%g' % s['mob'][tp]])
            obs = ''
            if tp == '24h' and rng.random() < 0.3:
                obs = rng.choice(['Laafi bala (se sent bien)', 'Lever au fauteuil',
                                  'Douleur au point de ponction'])
            elif tp in ('3m', '6m', '12m') and rng.random() < 0.15:
                obs = rng.choice(['Laafi (va bien)', 'Reprise des travaux champêtres',
                                  'Venu avec son fils', 'Vu en consultation externe'])
            ws.write_string(r, 5, obs, F['cell'])
        else:
            for c in (1, 2, 3, 4):
                ws.write_blank(r, c, None, F['cell'])
            if status == 'missed':
                obs = rng.choice(['A ka wa ye (pas venu)', 'Pas venu(e) au RDV',
                                  'Perdu(e) de vue - tél. sans réponse', 'Absent(e)',
                                  'A ka wa ye - au village'])
                if rng.random() < 0.4:
                    ws.write_string(r, 2, '-', F['cell'])
            elif status == 'dead':
                obs = 'Décédé%s' % ('e' if p['sex'] == 'F' else '')
                ws.write_string(r, 2, '†', F['cell'])
            elif status == 'next':
                obs = 'Voir suivi de la %de intervention' % (k + 2)
            else:
                obs = ''
            ws.write_string(r, 5, obs, F['cell'])
    return top + 2 + len(TPS) + 1


for p in patients:
    ws = wb.add_worksheet(p['pid'])
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 13)
    ws.set_column(2, 4, 12)
    ws.set_column(5, 5, 26)
    ws.set_column(6, 6, 30)
    errs = []
    ws.write_string(0, 0, 'CHU Yalgado Ouédraogo - Service de Neurochirurgie', F['title'])
    ws.write_string(1, 0, 'FICHE DE SUIVI - CIMENTOPLASTIE VERTÉBRALE (VP / CP)', F['sub'])
    ws.write_string(3, 0, 'Code étude :', F['lab'])
    ws.write_string(3, 1, p['pid'])
    ws.write_string(3, 3, 'N° dossier :', F['lab'])
    ws.write_string(3, 4, p['dossier'])
    ws.write_string(4, 0, 'Nom et prénom(s) :', F['lab'])
    ws.write_string(4, 1, p['name'])
    ws.write_string(5, 0, 'Sexe :', F['lab'])
    ws.write_string(5, 1, p['sex'])
    ws.write_string(5, 3, 'Âge :', F['lab'])
    ws.write_string(5, 4, '%d ans' % p['age'])
    ws.write_string(6, 0, 'Date de naissance :', F['lab'])
    put(ws, 6, 1, ('d', p['dob']), F['datep'])
    ws.write_string(6, 3, 'Téléphone :', F['lab'])
    ws.write_string(6, 4, p['phone'])
    ws.write_string(7, 0, 'Étiologie :', F['lab'])
    ws.write_string(7, 1, ETIO_TXT[p['pid']])
    nxt = write_session_block(ws, p, 0, 9, errs)
    # events block (part of the printed form)
    ws.write_string(nxt, 0, 'ÉVÈNEMENTS', F['sub'])
    ws.write_string(nxt + 1, 0, 'Nouvelle(s) fracture(s) :', F['lab'])
    ftxt = []
    for fday, flv in p['fractures']:
        fd = p['d0'] + dt.timedelta(days=fday)
        treated = any(s['levels'] == [flv] and s['day'] > 0 for s in p['sessions'])
        ftxt.append('%s le %s%s' % (level_txt(flv), fd.strftime('%d/%m/%Y'),
                                    ' -> 2e VP' if treated else ' (corset + antalgiques, pas de VP)'))
    ws.write_string(nxt + 1, 1, ' ; '.join(ftxt) if ftxt else 'Non')
    ws.write_string(nxt + 2, 0, 'Décès :', F['lab'])
    if p['death_day'] is not None:
        dd = p['d0'] + dt.timedelta(days=p['death_day'])
        ws.write_string(nxt + 2, 1, 'Oui, le %s - a kiime (appel de la famille)' %
                        dd.strftime('%d/%m/%Y'))
    else:
        ws.write_string(nxt + 2, 1, 'Non')
    ws.write_string(nxt + 4, 0, '* Marche : 0 = alité(e) ; 1 = fauteuil ; 2 = marche avec aide '
                    '(canne, déambulateur) ; 3 = marche seul(e). EVA 0-10. ODI en %.', F['note'])
    ws.write_string(nxt + 5, 0, 'Niveaux : D = vertèbre dorsale (D12 = T12), L = lombaire. '
                    'VP = vertébroplastie, CP = cyphoplastie.', F['note'])
    top = nxt + 7
    for k in range(1, len(p['sessions'])):
        top = write_session_block(ws, p, k, top, errs)
    for (r, c, hname, val, what) in errs:
        errors.append([p['pid'], '%s%d' % (col(c), r + 1), r + 1, hname, val, what, p['pid']])

wb.close()

# --------------------------------------------------------------------------
# truth
T = os.path.join(HERE, 'truth')
os.makedirs(T, exist_ok=True)


def wcsv(name, header, rows):
    with open(os.path.join(T, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)


wcsv('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
     [[p['pid'], 'female' if p['sex'] == 'F' else 'male', p['age'], p['etio'],
       'yes' if p['death_day'] is not None else 'no'] for p in patients])
wcsv('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique',
                        'cement_volume_ml', 'session_cement_volume_ml', 'cement_type', 'leakage'],
     proc_truth)
wcsv('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], assess_truth)
wcsv('fractures.csv', ['patient_id', 'day', 'level'],
     [[p['pid'], d, lv] for p in patients for d, lv in p['fractures']])
wcsv('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong',
                    'patient_id'], errors)
wcsv('identifiers.csv', ['kind', 'value'], ident)
print('ouagadougou: %d patients, %d procedure rows, %d assessments, %d errors' %
      (len(patients), len(proc_truth), len(assess_truth), len(errors)))
