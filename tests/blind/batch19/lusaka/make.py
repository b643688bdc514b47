# make.py for site lusaka (batch 19). Usage: python make.py OUTDIR
# ---------------------------------------------------------------------------
# Cohort simulation (shared skeleton; every site renders it its own way)
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import random
import sys

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
LEVEL_W = {'T6': 1, 'T7': 2, 'T8': 4, 'T9': 4, 'T10': 6, 'T11': 10, 'T12': 18,
           'L1': 20, 'L2': 11, 'L3': 7, 'L4': 4, 'L5': 1}
TP_DAYS = {'pre': (-2, 0), '24h': (1, 1), '1w': (6, 9), '2w': (13, 16),
           '1m': (27, 35), '6w': (40, 46), '3m': (86, 100), '6m': (176, 195),
           '12m': (355, 380), '24m': (720, 750)}
TP_F = {'24h': .35, '1w': .45, '2w': .5, '1m': .55, '6w': .58, '3m': .62,
        '6m': .66, '12m': .66, '24m': .66}


def wchoice(rng, d):
    keys = list(d)
    return rng.choices(keys, weights=[d[k] for k in keys])[0]


def lvl_idx(lv):
    return LEVELS.index(lv)


def gen_scores(rng, measures, pre=None, tp='pre'):
    """pre: dict of pre-op scores (None -> generate pre-op)."""
    out = {}
    for m in measures:
        if tp == 'pre':
            if m == 'pain_vas':
                out[m] = rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10])
            elif m == 'odi':
                out[m] = rng.randrange(40, 88, 2)
            elif m == 'mobility':
                out[m] = rng.choice([2, 3, 3, 3, 4])
        else:
            f = TP_F[tp] + rng.uniform(-.15, .12)
            base = pre[m]
            if m == 'pain_vas':
                v = round(base * (1 - f) + rng.uniform(-.7, .7))
                out[m] = max(0, min(10, v))
            elif m == 'odi':
                v = int(round(base * (1 - f) / 2.0 + rng.uniform(-2, 2))) * 2
                out[m] = max(0, min(100, v))
            elif m == 'mobility':
                v = round(base * (1 - f) + rng.uniform(-.6, .6))
                out[m] = max(0, min(4, v))
    return out


def gen_levels(rng, etiology, n_lv):
    c = wchoice(rng, LEVEL_W)
    i = lvl_idx(c)
    if n_lv == 1:
        return [c]
    if etiology == 'pathologic' and rng.random() < .5 and n_lv == 2:
        j = i + rng.choice([2, 3])
        if j > lvl_idx('L5'):
            j = i - rng.choice([2, 3])
        return sorted([c, LEVELS[j]], key=lvl_idx)
    start = i - rng.randrange(0, n_lv)
    start = max(lvl_idx('T5'), min(start, lvl_idx('L5') - n_lv + 1))
    return LEVELS[start:start + n_lv]


def gen_volume(rng, level, technique, step=0.5):
    lo, hi = (1.5, 3.5) if level.startswith('T') and lvl_idx(level) < lvl_idx('T11') else (2.5, 5.5)
    if technique == 'kyphoplasty':
        lo, hi = lo + 1, hi + 1.5
    v = rng.uniform(lo, hi)
    return round(round(v / step) * step, 2)


def gen_leak(rng):
    return wchoice(rng, {'none': 72, 'disc': 10, 'venous': 8, 'paravertebral': 6,
                         'epidural': 2, 'disc;venous': 2})


def new_level(rng, treated):
    cand = []
    for lv in treated:
        i = lvl_idx(lv)
        for j in (i - 1, i + 1, i - 2, i + 2):
            if lvl_idx('T5') <= j <= lvl_idx('L5') and LEVELS[j] not in treated:
                cand.append(LEVELS[j])
    return rng.choice(cand)


def gen_cohort(rng, n, start, end, tps, tps2, measures, kp_p=0.3,
               etio_w=None, multi_p=0.3, n_s2=3, n_fx_only=1, n_dead=2,
               miss_p=0.1, step=0.5, cements=None, fx_tps=None):
    etio_w = etio_w or {'osteoporotic': 72, 'pathologic': 16, 'traumatic': 12}
    cements = cements or {'PMMA': 1}
    span = (end - start).days
    pats = []
    for k in range(n):
        et = wchoice(rng, etio_w)
        if et == 'osteoporotic':
            sex = 'female' if rng.random() < .8 else 'male'
            age = rng.randint(62, 91)
        elif et == 'pathologic':
            sex = 'female' if rng.random() < .5 else 'male'
            age = rng.randint(48, 81)
        else:
            sex = 'female' if rng.random() < .4 else 'male'
            age = rng.randint(38, 76)
        d0 = start + dt.timedelta(days=rng.randrange(span))
        # birth date consistent with age at d0
        bmin = dt.date(d0.year - age - 1, d0.month, min(d0.day, 28)) + dt.timedelta(days=1)
        birth = bmin + dt.timedelta(days=rng.randrange(360))
        while (d0.year - birth.year - ((d0.month, d0.day) < (birth.month, birth.day))) != age:
            birth += dt.timedelta(days=1)
        pats.append(dict(k=k, sex=sex, age=age, birth=birth, etiology=et, d0=d0,
                         sessions=[], visits=[], fractures=[], died='no',
                         death_day=None, role='plain'))
    # roles
    idx = list(range(n))
    rng.shuffle(idx)
    path_first = sorted(idx, key=lambda i: pats[i]['etiology'] != 'pathologic')
    dead = path_first[:n_dead]
    rest = [i for i in idx if i not in dead]
    s2 = rest[:n_s2]
    fxo = rest[n_s2:n_s2 + n_fx_only]
    for i in dead:
        pats[i]['role'] = 'dead'
    for i in s2:
        pats[i]['role'] = 's2'
    for i in fxo:
        pats[i]['role'] = 'fx'
    fx_tps = fx_tps or [t for t in tps if TP_DAYS[t][0] >= 27]
    for p in pats:
        n_lv = 1 if rng.random() > multi_p else (2 if rng.random() < .75 else 3)
        tech = 'kyphoplasty' if rng.random() < kp_p else 'vertebroplasty'
        lvls = gen_levels(rng, p['etiology'], n_lv)
        ses = dict(n=1, day=0, technique=tech, cement=wchoice(rng, cements),
                   levels=[dict(level=lv, vol=gen_volume(rng, lv, tech, step),
                                leak=gen_leak(rng)) for lv in lvls])
        p['sessions'].append(ses)
        pre = gen_scores(rng, measures)
        d_pre = rng.randint(*TP_DAYS['pre'])
        p['visits'].append(dict(session=1, tp='pre', day=d_pre, sched=d_pre,
                                scores=pre, status='done'))
        cut = None   # visits with day >= cut are not held in session 1 schedule
        if p['role'] in ('s2', 'fx'):
            cand = fx_tps[:-1] if p['role'] == 's2' else fx_tps
            ftp = rng.choice(cand)
        for t in tps:
            day = rng.randint(*TP_DAYS[t])
            v = dict(session=1, tp=t, day=day, sched=day,
                     scores=gen_scores(rng, measures, pre, t), status='done')
            if p['role'] in ('s2', 'fx') and t == ftp:
                nl = new_level(rng, [x['level'] for x in ses['levels']])
                p['fractures'].append(dict(day=day, level=nl, tp=t))
                v['fx'] = nl
                if p['role'] == 's2':
                    s2day = day + rng.randint(5, 16)
                    cut = s2day
                    p['visits'].append(v)
                    break
            p['visits'].append(v)
        if p['role'] == 's2':
            tech2 = ses['technique'] if rng.random() < .7 else ('kyphoplasty' if ses['technique'] == 'vertebroplasty' else 'vertebroplasty')
            nl = p['fractures'][0]['level']
            s2 = dict(n=2, day=cut, technique=tech2, cement=ses['cement'],
                      levels=[dict(level=nl, vol=gen_volume(rng, nl, tech2, step),
                                   leak=gen_leak(rng))])
            p['sessions'].append(s2)
            pre2 = gen_scores(rng, measures)
            d_pre = cut + rng.randint(*TP_DAYS['pre'])
            p['visits'].append(dict(session=2, tp='pre', day=d_pre, sched=d_pre,
                                    scores=pre2, status='done'))
            for t in tps2:
                d = cut + rng.randint(*TP_DAYS[t])
                p['visits'].append(dict(session=2, tp=t, day=d, sched=d,
                                        scores=gen_scores(rng, measures, pre2, t), status='done'))
            # scheduled session-1 visits not held
            held = {v['tp'] for v in p['visits'] if v['session'] == 1}
            for t in tps:
                if t not in held:
                    p['visits'].append(dict(session=1, tp=t, day=None, sched=999999,
                                            scores={}, status='reop'))
        if p['role'] == 'dead':
            fol = [v for v in p['visits'] if v['session'] == 1 and v['tp'] != 'pre']
            keep = rng.randint(1, max(1, len(fol) - 1))
            last = fol[keep - 1]['day']
            nxt = fol[keep]['day'] if keep < len(fol) else last + 200
            p['death_day'] = rng.randint(last + 5, max(last + 6, nxt - 3))
            p['died'] = 'yes'
            for v in fol[keep:]:
                v['status'] = 'dead'
                v['scores'] = {}
                v['day'] = None
        # random missed visits
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] != 'pre' and 'fx' not in v \
                    and rng.random() < miss_p:
                v['status'] = 'missed'
                v['scores'] = {}
                v['day'] = None
        # random single missing measure
        for v in p['visits']:
            if v['status'] == 'done' and len(measures) > 1 and rng.random() < .06:
                m = rng.choice(measures[1:])
                v['scores'].pop(m, None)
                v['partial'] = m
        p['visits'].sort(key=lambda v: (v['session'], v['sched']))
    return pats


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow(['' if r.get(h) is None else r.get(h) for h in header])


def fmt_num(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return ('%d' % x) if x == int(x) else ('%g' % x)


def truth_tables(pats, pid_of):
    """Default truth built from the cohort; sites edit these lists afterwards."""
    P, PR, AS, FX = [], [], [], []
    for p in pats:
        pid = pid_of(p)
        P.append(dict(patient_id=pid, sex=p['sex'], age_years=p['age'],
                      etiology=p['etiology'], died=p['died']))
        for s in p['sessions']:
            tot = sum(l['vol'] for l in s['levels'])
            for l in s['levels']:
                PR.append(dict(patient_id=pid, session=s['n'], day=s['day'], level=l['level'],
                               technique=s['technique'],
                               cement_volume_ml=fmt_num(l['vol']) if s.get('per_level', True) else '',
                               session_cement_volume_ml='' if s.get('per_level', True) else fmt_num(tot),
                               cement_type=s['cement'], leakage=l['leak'],
                               _p=p, _s=s, _l=l))
        for v in p['visits']:
            for m, val in v['scores'].items():
                AS.append(dict(patient_id=pid, session=v['session'], measure=m,
                               timepoint=v['tp'], value=fmt_num(val), _p=p, _v=v))
        for f in p['fractures']:
            FX.append(dict(patient_id=pid, day=f['day'], level=f['level'], _p=p, _f=f))
    return P, PR, AS, FX


PAT_H = ['patient_id', 'sex', 'age_years', 'etiology', 'died']
PROC_H = ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
          'session_cement_volume_ml', 'cement_type', 'leakage']
ASS_H = ['patient_id', 'session', 'measure', 'timepoint', 'value']
FX_H = ['patient_id', 'day', 'level']
ERR_H = ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id']
ID_H = ['kind', 'value']


def write_truth(out, P, PR, AS, FX, ERR, IDS):
    t = os.path.join(out, 'truth')
    write_csv(os.path.join(t, 'patients.csv'), PAT_H, P)
    write_csv(os.path.join(t, 'procedures.csv'), PROC_H, PR)
    write_csv(os.path.join(t, 'assessments.csv'), ASS_H, AS)
    write_csv(os.path.join(t, 'fractures.csv'), FX_H, FX)
    write_csv(os.path.join(t, 'errors.csv'), ERR_H, ERR)
    seen, ids = set(), []
    for k, v in IDS:
        if (k, str(v)) not in seen:
            seen.add((k, str(v)))
            ids.append(dict(kind=k, value=v))
    write_csv(os.path.join(t, 'identifiers.csv'), ID_H, ids)
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Lusaka: one sheet per patient (transcribed follow-up cards) + a register
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 19404
FEM = ['Mwansa', 'Chileshe', 'Mutale', 'Bwalya', 'Natasha', 'Esther', 'Agness', 'Memory', 'Precious',
       'Ruth', 'Chipo', 'Thandiwe', 'Loveness', 'Febby', 'Getrude', 'Mirriam']
MAL = ['Mulenga', 'Chanda', 'Mwape', 'Banda', 'Joseph', 'Bernard', 'Moses', 'Lazarus', 'Kelvin', 'Gift']
SUR = ['Phiri', 'Banda', 'Mwale', 'Zulu', 'Tembo', 'Lungu', 'Mulenga', 'Chanda', 'Bwalya', 'Musonda',
       'Sakala', 'Daka', 'Mbewe', 'Kunda', 'Ngoma', 'Chilufya', 'Kabwe', 'Nkhata', 'Siame', 'Mumba']
RES = ['Kalingalinga', 'Matero', 'Chilenje', 'Kabwata', 'Mtendere', 'Chawama', 'Kanyama', 'Woodlands',
       'Libala', 'Garden Compound', 'Chelstone', 'Kafue']
DIAG = {'osteoporotic': ['Osteoporotic wedge #', 'Osteoporotic compression #', 'OP vertebral # (fall at home)'],
        'pathologic': ['Pathological # – metastatic Ca prostate', 'Pathological # – metastatic Ca breast',
                       'Multiple myeloma', 'Pathological # – Ca cervix mets'],
        'traumatic': ['Traumatic # (RTA)', 'Traumatic # – fell from roof', 'Traumatic # (RTA, minibus)']}
LEAK = {'none': 'nil', 'disc': 'disc', 'venous': 'venous', 'paravertebral': 'paraspinal',
        'epidural': 'epidural', 'disc;venous': 'disc + venous'}
TP1 = {'pre': 'Pre-op', '2w': '2/52', '6w': '6/52', '3m': '3/12', '12m': '12/12'}
TP2 = {'pre': 'Pre-op (2nd)', '2w': '2/52 post 2nd', '6w': '6/52 post 2nd'}
GOOD = ['ali bwino', 'ululu wachepa', 'ndili bwino (pt)',
        'mild pain only', 'pain better']
BAD = ['umusana ulekalipa', 'still in pain, on tramadol', 'ululu ukali', 'back pain persists']
MISS = ['DNA', 'DNA – phone off', 'sanabwere', 'taisile', 'DNA (no transport)']


def d_txt(d, style):
    if style == 'slash':
        return d.strftime('%d/%m/%Y')
    return '%d-%s-%s' % (d.day, d.strftime('%b'), d.strftime('%y'))


def main(out):
    rng = random.Random(SEED)
    pats = gen_cohort(rng, 23, dt.date(2022, 1, 10), dt.date(2023, 7, 31),
                      ['2w', '6w', '3m', '12m'], ['2w', '6w'], ['pain_vas', 'odi', 'mobility'],
                      kp_p=0.15, multi_p=0.32, n_s2=3, n_fx_only=2, n_dead=3, miss_p=0.14,
                      cements={'PMMA': 1}, fx_tps=['6w', '3m', '12m'])
    ids = []
    used = set()
    for i, p in enumerate(pats):
        p['pid'] = 'LCTH-VA-%02d' % (i + 1)
        while True:
            nm = '%s %s' % (rng.choice(FEM if p['sex'] == 'female' else MAL), rng.choice(SUR))
            if nm not in used:
                used.add(nm)
                break
        p['name'] = nm
        p['mrn'] = '%d/%05d' % (p['d0'].year, rng.randrange(100, 60000))
        p['phone'] = '09%d %d' % (rng.choice([55, 66, 76, 77, 96, 97]), rng.randrange(1000000, 9999999))
        p['res'] = rng.choice(RES)
        p['dob_known'] = rng.random() < .7
        p['style'] = rng.choice(['slash', 'slash', 'mmm', 'cell'])
        nok = '%s %s' % (rng.choice(FEM + MAL), p['name'].split()[1])
        p['nok'] = nok
        p['nok_phone'] = '09%d %d' % (rng.choice([55, 66, 76, 77, 96, 97]), rng.randrange(1000000, 9999999))
        ids += [('name', p['name']), ('record_number', p['mrn']), ('phone', p['phone']),
                ('residence', p['res']), ('name', p['nok']), ('phone', p['nok_phone'])]
        if p['dob_known']:
            ids.append(('birth_date', p['birth'].strftime('%d/%m/%Y')))
        for s in p['sessions']:
            s['per_level'] = not (len(s['levels']) > 1 and rng.random() < .45)

    plain = [p for p in pats if p['role'] == 'plain']
    rng.shuffle(plain)
    chosen = []

    def pick(cond):
        for p in plain:
            if p not in chosen and cond(p):
                chosen.append(p)
                return p
        raise AssertionError

    def feb(p):
        for v in p['visits']:
            if v['status'] == 'done' and v['tp'] != 'pre':
                d = date_of(p, v['day'])
                if (d.month == 2 and d.day >= 18) or (d.month in (4, 6, 9, 11) and d.day >= 25):
                    return v
    e_date = pick(lambda p: p['style'] != 'cell' and feb(p) is not None)
    e_date_v = feb(e_date)
    e_level = pick(lambda p: len(p['sessions'][0]['levels']) == 1 and p['sessions'][0]['levels'][0]['level'] in ('L4', 'L5', 'L3', 'L2'))
    e_vas = pick(lambda p: any(v['tp'] == '6w' and v['status'] == 'done' for v in p['visits']))
    e_cem = pick(lambda p: p['sessions'][0]['per_level'])
    err = []

    wb = Workbook()
    reg = wb.active
    reg.title = 'Register'
    reg['A1'] = 'LUSAKA CENTRAL TEACHING HOSPITAL – Orthopaedic Unit – Vertebroplasty / Kyphoplasty register'
    reg['A1'].font = Font(bold=True)
    for c, h in enumerate(['No.', 'Study No', 'Name', 'File No', 'Card (sheet)'], 1):
        reg.cell(3, c, h).font = Font(bold=True)
    thin = Side(style='thin', color='808080')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    hdr_fill = PatternFill('solid', fgColor='D9E1F2')
    for i, p in enumerate(pats):
        sh = p['pid'].replace('LCTH-', '')
        reg.append([i + 1, p['pid'], p['name'], p['mrn'], sh])
        ws = wb.create_sheet(sh)
        style = p['style']

        def dput(r, c, d):
            if style == 'cell':
                cell = ws.cell(r, c, d)
                cell.number_format = 'd-mmm-yy'
            else:
                ws.cell(r, c, d_txt(d, style))
        ws['A1'] = 'LUSAKA CENTRAL TEACHING HOSPITAL — DEPT OF SURGERY (ORTHOPAEDICS)'
        ws['A1'].font = Font(bold=True, size=12)
        ws['A2'] = 'VERTEBRAL AUGMENTATION FOLLOW-UP CARD'
        ws['A2'].font = Font(bold=True)
        info = [('Study No:', p['pid'], 'Ward:', rng.choice(['F-Block Ortho', 'Ward B8', 'Ward B8', 'Private wing'])),
                ('Name:', p['name'], 'File No:', p['mrn']),
                ('Date of birth:', p['birth'].strftime('%d/%m/%Y') if p['dob_known'] else 'not known',
                 'Age:', '%d yrs' % p['age'] if p['dob_known'] else '%d yrs (est.)' % p['age']),
                ('Sex:', 'F' if p['sex'] == 'female' else 'M', 'Phone:', p['phone']),
                ('Residence:', p['res'], 'Next of kin:', '%s, %s' % (p['nok'], p['nok_phone'])),
                ('Diagnosis:', None, 'RVD status:', rng.choice(['NR', 'NR', 'NR', 'R (on ART)', 'unknown']))]
        lv0 = p['sessions'][0]['levels']
        dg = [x for x in DIAG[p['etiology']]
              if not (('prostate' in x and p['sex'] == 'female') or (('breast' in x or 'cervix' in x) and p['sex'] == 'male'))]
        info[5] = ('Diagnosis:', '%s %s' % (rng.choice(dg), '/'.join(l['level'] for l in lv0)),) + info[5][2:]
        r = 4
        for a, b, c, d in info:
            ws.cell(r, 1, a).font = Font(bold=True)
            ws.cell(r, 2, b)
            ws.cell(r, 5, c).font = Font(bold=True)
            ws.cell(r, 6, d)
            r += 1
        r += 1
        ws.cell(r, 1, 'PROCEDURE(S)').font = Font(bold=True)
        r += 1
        ph = ['Date', 'Session', 'Level', 'Procedure', 'Cement (mls)', 'Cement type', 'Leak', 'Notes']
        for c, h in enumerate(ph, 1):
            ws.cell(r, c, h).font = Font(bold=True)
            ws.cell(r, c).fill = hdr_fill
            ws.cell(r, c).border = box
        r += 1
        for s in p['sessions']:
            r0 = r
            tot = sum(l['vol'] for l in s['levels'])
            ctype = rng.choice(['PMMA', 'Simplex P', 'PMMA', 'Vertecem'])
            tech = rng.choice(['VP', 'Vertebroplasty']) if s['technique'] == 'vertebroplasty' \
                else rng.choice(['KP', 'Kyphoplasty (balloon)'])
            for j, l in enumerate(s['levels']):
                dput(r, 1, date_of(p, s['day']))
                ws.cell(r, 2, '1st' if s['n'] == 1 else '2nd')
                lvtxt = l['level']
                if p is e_level and s['n'] == 1:
                    lvtxt = 'L6'
                    err.append(dict(sheet=sh, cell='C%d' % r, row=r, column_header='Level', value='L6',
                                    what_is_wrong='impossible vertebral level L6', patient_id=p['pid']))
                ws.cell(r, 3, lvtxt)
                ws.cell(r, 4, tech)
                if s['per_level']:
                    if p is e_cem and s['n'] == 1 and j == 0:
                        ws.cell(r, 5, 22)
                        err.append(dict(sheet=sh, cell='E%d' % r, row=r, column_header='Cement (mls)', value='22',
                                        what_is_wrong='22 mL of cement in one vertebra (%s): above 20 mL' % l['level'],
                                        patient_id=p['pid']))
                    else:
                        ws.cell(r, 5, l['vol'])
                elif j == 0:
                    ws.cell(r, 5, '%s total' % fmt_num(tot))
                ws.cell(r, 6, ctype)
                ws.cell(r, 7, LEAK[l['leak']])
                for c in range(1, 9):
                    ws.cell(r, c).border = box
                r += 1
            if not s['per_level']:
                ws.merge_cells(start_row=r0, start_column=5, end_row=r - 1, end_column=5)
                ws.cell(r0, 5).alignment = Alignment(vertical='center', horizontal='center')
            if s['n'] == 2:
                ws.cell(r0, 8, 'new # %s, re-admitted' % s['levels'][0]['level'])
            elif p['etiology'] == 'pathologic':
                ws.cell(r0, 8, 'biopsy sent; onc review')
        r += 1
        ws.cell(r, 1, 'FOLLOW-UP').font = Font(bold=True)
        ws.cell(r, 4, 'Mobility: 0 = independent, 1 = stick, 2 = frame, 3 = chair, 4 = bed-bound')
        ws.cell(r, 4).font = Font(italic=True, size=9)
        r += 1
        fh = ['Date', 'Visit', 'VAS (0-10)', 'ODI (%)', 'Mobility (0-4)', 'Comments']
        for c, h in enumerate(fh, 1):
            ws.cell(r, c, h).font = Font(bold=True)
            ws.cell(r, c).fill = hdr_fill
            ws.cell(r, c).border = box
        r += 1
        for v in p['visits']:
            if v['status'] in ('dead', 'reop'):
                continue
            lab = (TP1 if v['session'] == 1 else TP2)[v['tp']]
            ws.cell(r, 2, lab)
            if v['status'] == 'missed':
                ws.cell(r, 6, rng.choice(MISS))
            else:
                d = date_of(p, v['day'])
                if p is e_date and v is e_date_v:
                    bad = d_txt(d, style)
                    dd = 30 if d.month == 2 else 31
                    bad = ('%02d/%02d/%d' % (dd, d.month, d.year)) if style == 'slash' else \
                        '%d-%s-%s' % (dd, d.strftime('%b'), d.strftime('%y'))
                    ws.cell(r, 1, bad)
                    err.append(dict(sheet=sh, cell='A%d' % r, row=r, column_header='Date', value=bad,
                                    what_is_wrong='impossible date (%s has no day %d)' % (d.strftime('%B'), dd),
                                    patient_id=p['pid']))
                else:
                    dput(r, 1, d)
                sc = v['scores']
                vas = sc['pain_vas']
                if p is e_vas and v['tp'] == '6w' and v['session'] == 1:
                    vas = 15
                    v['vas_err'] = True
                    err.append(dict(sheet=sh, cell='C%d' % r, row=r, column_header='VAS (0-10)', value='15',
                                    what_is_wrong='VAS 15 beyond the 0-10 scale', patient_id=p['pid']))
                ws.cell(r, 3, vas)
                ws.cell(r, 4, sc.get('odi', '-'))
                ws.cell(r, 5, sc.get('mobility', '-'))
                com = []
                if 'fx' in v:
                    com.append('new # %s on X-ray' % v['fx'])
                elif v['tp'] != 'pre':
                    if rng.random() < .45:
                        com.append(rng.choice(GOOD) if vas <= 4 else rng.choice(BAD))
                if com:
                    ws.cell(r, 6, '; '.join(com))
            for c in range(1, 7):
                ws.cell(r, c).border = box
            r += 1
        r += 1
        ws.cell(r, 1, 'NEW FRACTURES').font = Font(bold=True)
        r += 1
        if not p['fractures']:
            ws.cell(r, 1, 'None')
            r += 1
        else:
            for c, h in enumerate(['Date', 'Level', 'Management'], 1):
                ws.cell(r, c, h).font = Font(bold=True)
                ws.cell(r, c).fill = hdr_fill
            r += 1
            for f in p['fractures']:
                dput(r, 1, date_of(p, f['day']))
                ws.cell(r, 2, f['level'])
                ws.cell(r, 3, 'brace + analgesia' if p['role'] == 'fx' else 'VP 2nd session')
                r += 1
        r += 1
        ws.cell(r, 1, 'OUTCOME:').font = Font(bold=True)
        if p['died'] == 'yes':
            dd = date_of(p, p['death_day'])
            ws.cell(r, 2, 'Died %s – %s' % (d_txt(dd, 'slash' if style == 'slash' else 'mmm'),
                                            rng.choice(['anamwalira (per relatives)', 'afwile ku mushi (died at home)',
                                                        'died in ward'])))
        else:
            ws.cell(r, 2, 'Alive at last review')
        for c, w in zip('ABCDEFGH', [14, 16, 10, 14, 14, 28, 14, 22]):
            ws.column_dimensions[c].width = w
    assert len(err) == 4, err
    for c, w in zip('ABCDE', [5, 14, 22, 12, 12]):
        reg.column_dimensions[c].width = w
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))

    P, PR, AS, FX = truth_tables(pats, lambda p: p['pid'])
    for r in PR:
        if r['_p'] is e_level and r['_s']['n'] == 1:
            r['level'] = ''
        if r['_p'] is e_cem and r['_s']['n'] == 1 and r['_l'] is r['_s']['levels'][0]:
            r['cement_volume_ml'] = ''
    AS = [a for a in AS if not (a['_v'].get('vas_err') and a['measure'] == 'pain_vas')]
    write_truth(out, P, PR, AS, FX, err, ids)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
