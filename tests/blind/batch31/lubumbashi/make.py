# ---------------------------------------------------------------------------
# Cohort generator (shared logic; this file is self-contained)
# ---------------------------------------------------------------------------
import random, datetime as dt, csv, os
from datetime import date as D, timedelta as TD

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])

TP_WIN = {'pre': (-3, 0), '24h': (1, 1), '1w': (6, 9), '2w': (12, 17), '6w': (40, 46),
          '1m': (27, 35), '3m': (85, 100), '6m': (172, 195), '12m': (352, 385)}
VAS_DROP = {'pre': 0, '24h': 3.3, '1w': 3.9, '2w': 4.1, '6w': 4.4, '1m': 4.4,
            '3m': 4.9, '6m': 5.1, '12m': 5.2}
ODI_DROP = {'pre': 0, '24h': 10, '1w': 14, '2w': 17, '6w': 24, '1m': 22,
            '3m': 28, '6m': 31, '12m': 32}


def gen_cohort(seed, n, start, end, cutoff, tps, reop_ids=(), death_ids=(),
               fx_ids=(), kypho_frac=0.5, etio_w=(60, 22, 12, 6), miss_p=0.1,
               pmma_only=True):
    """Return a list of patient dicts.  reop_ids etc. are 0-based indices."""
    rng = random.Random(seed)
    pts = []
    for i in range(n):
        p = {'idx': i}
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], weights=etio_w)[0]
        if i in death_ids and (et in ('other', 'traumatic') or rng.random() < 0.6):
            et = 'pathologic'
        if i in reop_ids and et == 'other':
            et = 'osteoporotic'
        p['etiology'] = et
        if et == 'pathologic':
            p['sub'] = rng.choice(['meta_breast', 'meta_prostate', 'meta_lung', 'myeloma', 'myeloma'])
        elif et == 'other':
            p['sub'] = 'haemangioma'
        elif et == 'traumatic':
            p['sub'] = 'trauma'
        else:
            p['sub'] = 'osteoporosis'
        if p['sub'] == 'meta_breast':
            sex = 'female'
        elif p['sub'] == 'meta_prostate':
            sex = 'male'
        else:
            sex = 'female' if rng.random() < (0.75 if et == 'osteoporotic' else 0.45) else 'male'
        p['sex'] = sex
        if et == 'osteoporotic':
            age = rng.randint(63, 89)
        elif et == 'traumatic':
            age = rng.randint(38, 78)
        else:
            age = rng.randint(48, 80)
        p['age'] = age
        op = start + TD(days=rng.randint(0, (end - start).days))
        # birth date consistent with age at first op
        bmin = D(op.year - age - 1, op.month, min(op.day, 28)) + TD(days=1)
        p['dob'] = bmin + TD(days=rng.randint(0, 360))
        assert (op.year - p['dob'].year - ((op.month, op.day) < (p['dob'].month, p['dob'].day))) == age
        p['op_date'] = op
        # levels
        nlev = rng.choices([1, 2, 3], weights=[58, 32, 10])[0]
        if et == 'osteoporotic' or et == 'traumatic':
            centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'T8', 'L4'])
        else:
            centre = rng.choice(['T6', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'])
        ci = SPINE.index(centre)
        s0 = max(SPINE.index('T4'), min(SPINE.index('L5') - nlev + 1, ci - rng.randint(0, nlev - 1)))
        levels = SPINE[s0:s0 + nlev]
        tech = 'kyphoplasty' if rng.random() < kypho_frac else 'vertebroplasty'
        sess = [make_session(rng, 1, 0, op, levels, tech, pmma_only)]
        p['fractures'] = []
        p['death_day'] = None
        horizon = (cutoff - op).days
        if i in fx_ids or i in reop_ids:
            fday = rng.randint(35, 260)
            lo, hi = SPINE.index(levels[0]), SPINE.index(levels[-1])
            cand = [SPINE[lo - 1], SPINE[hi + 1]] if hi + 1 < SPINE.index('S1') else [SPINE[lo - 1]]
            flev = rng.choice(cand)
            p['fractures'].append((fday, flev))
            if i in reop_ids:
                rday = fday + rng.randint(6, 21)
                t2 = tech if rng.random() < 0.7 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                sess.append(make_session(rng, 2, rday, op + TD(days=rday), [flev], t2, pmma_only))
        p['sessions'] = sess
        if i in death_ids:
            last = sess[-1]['day']
            p['death_day'] = last + rng.randint(50, 330)
        # visits / scores
        p['visits'] = []   # dicts: session, tp, day, date, vas, odi, missed
        reop_day = sess[1]['day'] if len(sess) > 1 else None
        for s in sess:
            pre_vas = rng.uniform(6.6, 9.4)
            pre_odi = rng.uniform(46, 84)
            for tp in tps:
                a, b = TP_WIN[tp]
                vday = s['day'] + rng.randint(a, b)
                if (op + TD(days=vday)) > cutoff:
                    continue
                if p['death_day'] is not None and vday >= p['death_day']:
                    continue
                if s['session'] == 1 and reop_day is not None and vday >= reop_day - 3:
                    continue
                missed = tp not in ('pre', '24h') and rng.random() < miss_p
                vas = pre_vas - VAS_DROP[tp] + rng.uniform(-1.1, 1.1)
                vas = min(10.0, max(0.0, vas))
                odi = pre_odi - ODI_DROP[tp] + rng.uniform(-7, 7)
                odi = min(100.0, max(4.0, odi))
                p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                    'date': op + TD(days=vday), 'vas': vas, 'odi': odi,
                                    'missed': missed, 'vday': vday})
        pts.append(p)
    return pts


def make_session(rng, sno, day, date, levels, tech, pmma_only):
    vols = []
    for lv in levels:
        base = 2.5 if lv.startswith('T') and SPINE.index(lv) < SPINE.index('T10') else 3.5
        v = base + rng.uniform(0, 2.8) + (0.6 if tech == 'kyphoplasty' else 0)
        vols.append(round(v * 2) / 2)
    leak = []
    for lv in levels:
        r = rng.random()
        if r < 0.78:
            leak.append('none')
        elif r < 0.88:
            leak.append('disc')
        elif r < 0.96:
            leak.append('venous')
        else:
            leak.append('paravertebral')
    if pmma_only:
        cement = 'PMMA'
    else:
        cement = 'PMMA' if rng.random() < 0.8 else 'calcium phosphate'
    return {'session': sno, 'day': day, 'date': date, 'levels': levels, 'technique': tech,
            'vols': vols, 'total': round(sum(vols), 1), 'leak': leak, 'cement': cement}


# ---------------------------------------------------------------------------
# Truth writer
# ---------------------------------------------------------------------------
class Truth:
    def __init__(self):
        self.patients, self.procs, self.assess, self.fx, self.errors, self.ids = [], [], [], [], [], []

    def patient(self, pid, sex, age, etio, died):
        self.patients.append([pid, sex, age, etio, 'yes' if died else 'no'])

    def proc(self, pid, session, day, level, tech, vol, svol, cement, leak):
        f = lambda x: '' if x is None else ('%g' % x)
        self.procs.append([pid, session, day, level, tech, f(vol), f(svol), cement or '', leak or ''])

    def score(self, pid, session, measure, tp, value):
        self.assess.append([pid, session, measure, tp, '%g' % round(value, 2)])

    def fracture(self, pid, day, level):
        self.fx.append([pid, day, level])

    def error(self, sheet, cell, row, header, value, what, pid):
        self.errors.append([sheet, cell, row, header, value, what, pid])

    def ident(self, kind, value):
        if [kind, str(value)] not in self.ids:
            self.ids.append([kind, str(value)])

    def write(self):
        d = os.path.join(HERE, 'truth')
        os.makedirs(d, exist_ok=True)
        spec = [('patients.csv', 'patient_id,sex,age_years,etiology,died', self.patients),
                ('procedures.csv', 'patient_id,session,day,level,technique,cement_volume_ml,session_cement_volume_ml,cement_type,leakage', self.procs),
                ('assessments.csv', 'patient_id,session,measure,timepoint,value', self.assess),
                ('fractures.csv', 'patient_id,day,level', self.fx),
                ('errors.csv', 'sheet,cell,row,column_header,value,what_is_wrong,patient_id', self.errors),
                ('identifiers.csv', 'kind,value', self.ids)]
        for fn, hdr, rows in spec:
            with open(os.path.join(d, fn), 'w', newline='', encoding='utf-8') as fh:
                w = csv.writer(fh, lineterminator='\n')
                w.writerow(hdr.split(','))
                for r in rows:
                    w.writerow(r)


def col_letter(ci):  # 1-based
    s = ''
    while ci:
        ci, r = divmod(ci - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Lubumbashi: one sheet per patient (form block + follow-up table), Sommaire
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side

TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
pts = gen_cohort(3101, 17, D(2021, 2, 1), D(2023, 5, 31), D(2024, 4, 30), TPS,
                 reop_ids=(4, 10, 15), death_ids=(2, 8, 13), fx_ids=(6,),
                 kypho_frac=0.25, etio_w=(50, 25, 20, 5), miss_p=0.15)
rng = random.Random(31011)
T = Truth()

NAMES_F = ['Mwamba Kalenga Jeanne', 'Kasongo Ngoy Marie', 'Mujinga Kapinga Thérèse',
           'Ilunga Mbuyu Véronique', 'Kyungu wa Banza Chantal', 'Numbi Kabange Odette',
           'Mbayo Kalume Béatrice', 'Nkulu Mwadi Esther', 'Kapend Tshiala Joséphine',
           'Lukusa Kaseya Clémentine']
NAMES_M = ['Ilunga Kasongo Pierre', 'Mutombo Kyungu Jean-Claude', 'Banza Mulumba Joseph',
           'Tshibangu Kalala André', 'Kabeya Mukendi Dieudonné', 'Ngoy Kitenge Albert',
           'Kalenga Mwenze Faustin', 'Mulongo Kabwe Sylvain', 'Kazadi Ntumba Gaston']
DIAG = {'osteoporosis': ['Fracture ostéoporotique (tassement)', 'Tassement vertébral ostéoporotique',
                         'Ostéoporose - fracture-tassement'],
        'meta_breast': ['Métastase vertébrale (cancer du sein)'],
        'meta_prostate': ['Métastase osseuse - cancer de la prostate'],
        'meta_lung': ['Métastase vertébrale (cancer bronchique)'],
        'myeloma': ['Myélome multiple', 'Myélome multiple (Kahler)'],
        'trauma': ['Fracture traumatique (accident de moto)', 'Fracture traumatique (chute d\'un arbre)',
                   'Fracture traumatique (chute - mine)'],
        'haemangioma': ['Hémangiome vertébral agressif']}
TP_LABEL = {'pre': 'Préop', '24h': 'J1 (24h)', '1m': '1 mois', '3m': '3 mois', '6m': '6 mois', '12m': '12 mois'}
LEAK_FR = {'disc': 'discale', 'venous': 'veineuse', 'paravertebral': 'paravertébrale (tissus mous)'}
OBS_OK = ['Anaendelea vizuri', 'Va bien, marche sans canne', 'Bado maumivu kidogo',
          'Amélioration nette', 'Anatembea (marche seul)', 'Douleur résiduelle légère', '',
          'RAS', 'Maumivu yamepungua (douleur diminuée)']
OBS_PRE = ['Maumivu makali (douleur intense)', 'Alitée, douleur ++', 'Douleur à la mobilisation',
           'Hawezi kutembea (ne marche pas)', 'Douleur +++']

def fmt_num(x):
    s = ('%g' % x)
    return s.replace('.', ',')

def fr_date(d):
    return d.strftime('%d/%m/%Y')

bold = Font(bold=True)
title_font = Font(bold=True, size=13, color='1F3864')
hdr_fill = PatternFill('solid', fgColor='D9E1F2')
lab_fill = PatternFill('solid', fgColor='F2F2F2')
red_fill = PatternFill('solid', fgColor='F8CBAD')
thin = Side(style='thin', color='999999')
box = Border(left=thin, right=thin, top=thin, bottom=thin)

wb = Workbook()
som = wb.active
som.title = 'Sommaire'

# choose patients for planted errors (non-reop, enough visits)
cand = [p for p in pts if len(p['sessions']) == 1 and p['death_day'] is None
        and len(p['sessions'][0]['levels']) == 1
        and sum(1 for v in p['visits'] if not v['missed']) >= 4]
err_level, err_vol, err_vas, err_date = cand[0]['idx'], cand[1]['idx'], cand[2]['idx'], cand[3]['idx']

fi = mi = 0
rows_sommaire = []
for p in pts:
    pid = 'LSH-%03d' % (p['idx'] + 1)
    p['pid'] = pid
    if p['sex'] == 'female':
        name = NAMES_F[fi % len(NAMES_F)]; fi += 1
    else:
        name = NAMES_M[mi % len(NAMES_M)]; mi += 1
    dossier = 'CUL/%d/%05d' % (p['op_date'].year, rng.randint(1000, 29999))
    d9 = '%d%08d' % (rng.choice([9, 8, 9]), rng.randint(10000000, 99999999))
    d9 = d9[:1] + rng.choice('7917') + d9[2:]
    if rng.random() < 0.4:
        phone = '+243 %s %s %s' % (d9[:2], d9[2:5], d9[5:])
    else:
        phone = '0' + d9
    T.ident('name', name); T.ident('record_number', dossier); T.ident('phone', phone)
    died = p['death_day'] is not None
    T.patient(pid, p['sex'], p['age'], p['etiology'], died)
    diag = rng.choice(DIAG[p['sub']])
    rows_sommaire.append((pid, name, p, diag, died))

    ws = wb.create_sheet(pid)
    ws.column_dimensions['A'].width = 26
    ws.column_dimensions['B'].width = 16
    ws.column_dimensions['C'].width = 12
    ws.column_dimensions['D'].width = 44
    ws['A1'] = 'FICHE DE SUIVI - VERTÉBROPLASTIE / CYPHOPLASTIE'
    ws['A1'].font = title_font
    ws.merge_cells('A1:D1')
    ws['A2'] = 'Cliniques Universitaires de Lubumbashi - Service de Chirurgie (Orthopédie / Neurochirurgie)'
    ws['A2'].font = Font(italic=True, size=9)
    ws.merge_cells('A2:D2')

    r = 4
    def field(label, value, numfmt=None):
        global r
        ws.cell(r, 1, label).font = bold
        ws.cell(r, 1).fill = lab_fill
        c = ws.cell(r, 2, value)
        if numfmt:
            c.number_format = numfmt
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
        c.alignment = Alignment(horizontal='left')
        r += 1
        return c

    def sess_block(s, first):
        global r
        vol_per = (rng.random() < 0.6) or (p['idx'] == err_vol) or len(s['levels']) == 1
        date_cell = field("Date de l'intervention :", s['date'], 'DD/MM/YYYY')
        lv_txt = ' - '.join(s['levels']) if rng.random() < 0.6 else ', '.join(s['levels'])
        if p['idx'] == err_level and first:
            wrong = 'L7'
            T.error(pid, 'B%d' % r, r, 'Niveau(x) :', wrong,
                    'Impossible vertebral level L7 (lumbar spine has L1-L5); true level is %s' % s['levels'][0], pid)
            lv_txt = wrong
        field('Niveau(x) :', lv_txt)
        tech = 'Vertébroplastie' if s['technique'] == 'vertebroplasty' else rng.choice(['Cyphoplastie (ballonnet)', 'Cyphoplastie'])
        field('Technique :', tech)
        field('Ciment :', 'PMMA')
        if vol_per:
            parts = []
            bare = len(s['levels']) == 1 and rng.random() < 0.5
            for lv, v in zip(s['levels'], s['vols']):
                vtxt = fmt_num(v)
                if p['idx'] == err_vol and first:
                    vtxt = fmt_num(v * 10)
                parts.append(('%s ml' % vtxt) if (bare and p['idx'] != err_vol) else '%s : %s ml' % (lv, vtxt))
            vtxt_all = ' ; '.join(parts)
            if p['idx'] == err_vol and first:
                T.error(pid, 'B%d' % r, r, 'Volume de ciment :', vtxt_all,
                        '%s ml of cement in one vertebra is impossible (decimal comma lost); should be %s ml' % (fmt_num(s['vols'][0] * 10), fmt_num(s['vols'][0])), pid)
            field('Volume de ciment :', vtxt_all)
        else:
            field('Volume de ciment :', '%s ml (total)' % fmt_num(s['total']))
        leaks = [(lv, lk) for lv, lk in zip(s['levels'], s['leak']) if lk != 'none']
        if not leaks:
            ltxt = 'Hapana / non'
        else:
            bits = []
            for lv, lk in leaks:
                bits.append('%s (%s)' % (LEAK_FR[lk], lv) if len(s['levels']) > 1 else LEAK_FR[lk])
            ltxt = 'Ndiyo / oui - ' + ', '.join(bits)
        field('Fuite de ciment :', ltxt)
        for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
            T.proc(pid, s['session'], s['day'], lv, s['technique'], v if vol_per else None,
                   None if vol_per else s['total'], 'PMMA', lk)

    field('Code :', pid)
    field('Nom et post-nom :', name)
    field('N° dossier :', dossier)
    field('Téléphone :', phone)
    field('Sexe :', 'F' if p['sex'] == 'female' else 'M')
    field('Âge :', '%d ans' % p['age'])
    field('Diagnostic :', diag)
    sess_block(p['sessions'][0], True)
    if died:
        dd = p['op_date'] + TD(days=p['death_day'])
        field('Décédé(e) :', 'Ndiyo / oui - le %s' % fr_date(dd))
    else:
        field('Décédé(e) :', 'Hapana / non')

    def followup(s):
        global r
        r += 1
        ws.cell(r, 1, 'SUIVI' if s['session'] == 1 else 'SUIVI (2ème intervention)').font = Font(bold=True, color='1F3864')
        r += 1
        for ci, h in enumerate(['Date', 'Visite', 'EVA (/10)', 'Observations'], 1):
            c = ws.cell(r, ci, h); c.font = bold; c.fill = hdr_fill; c.border = box
        r += 1
        events = []
        for v in p['visits']:
            if v['session'] == s['session']:
                events.append((v['day'], 'visit', v))
        for fday, flev in p['fractures']:
            if (s['session'] == 1 and (len(p['sessions']) == 1 or fday < p['sessions'][1]['day'])) or \
               (s['session'] == 2 and fday >= s['day']):
                events.append((fday, 'fx', flev))
        if died and (len(p['sessions']) == s['session']):
            events.append((p['death_day'], 'death', None))
        events.sort(key=lambda e: (e[0], e[1] != 'visit'))
        for day, kind, v in events:
            d = p['op_date'] + TD(days=day)
            if kind == 'visit':
                tp = v['tp']
                if v['missed']:
                    ws.cell(r, 1, '-')
                    ws.cell(r, 2, TP_LABEL[tp])
                    ws.cell(r, 3, '-')
                    ws.cell(r, 4, rng.choice(['Hakuja (absent)', "Hakuja - n'est pas venu", 'Absent (hakuja)']))
                else:
                    if p['idx'] == err_date and tp == '3m':
                        wrongd = D(d.year - 1, d.month, d.day)
                        ws.cell(r, 1, fr_date(wrongd))
                        T.error(pid, 'A%d' % r, r, 'Date', fr_date(wrongd),
                                'Follow-up (3 mois) dated before the operation of %s (year typed wrong); should be %s' % (fr_date(p['op_date']), fr_date(d)), pid)
                    elif rng.random() < 0.5:
                        c = ws.cell(r, 1, d); c.number_format = 'DD/MM/YYYY'
                    else:
                        ws.cell(r, 1, fr_date(d))
                    ws.cell(r, 2, TP_LABEL[tp])
                    vas = round(v['vas'] * 2) / 2 if tp in ('pre', '24h') else round(v['vas'])
                    if p['idx'] == err_vas and tp == '1m':
                        ws.cell(r, 3, 12)
                        T.error(pid, 'C%d' % r, r, 'EVA (/10)', '12',
                                'Pain score 12 is outside the 0-10 EVA scale; true value %g' % vas, pid)
                    elif vas != int(vas):
                        ws.cell(r, 3, fmt_num(vas))   # typed with a comma -> text
                    else:
                        ws.cell(r, 3, int(vas))
                    T.score(pid, s['session'], 'pain_vas', tp, vas)
                    ws.cell(r, 4, rng.choice(OBS_PRE) if tp == 'pre' else rng.choice(OBS_OK))
            elif kind == 'fx':
                ws.cell(r, 1, fr_date(d))
                ws.cell(r, 2, 'Consultation')
                ws.cell(r, 4, 'Maumivu mapya - Rx : nouvelle fracture-tassement %s' % v)
                ws.cell(r, 4).font = Font(color='C00000')
                T.fracture(pid, day, v)
            else:
                ws.cell(r, 1, fr_date(d))
                ws.cell(r, 2, '-')
                ws.cell(r, 4, rng.choice(['Amefariki (décédé) - info famille', 'Amefariki à domicile', 'Décédé (amefariki)']))
                for ci in range(1, 5):
                    ws.cell(r, ci).fill = red_fill
            for ci in range(1, 5):
                ws.cell(r, ci).border = box
            r += 1

    followup(p['sessions'][0])
    if len(p['sessions']) > 1:
        r += 1
        ws.cell(r, 1, 'DEUXIÈME INTERVENTION').font = title_font
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        r += 1
        sess_block(p['sessions'][1], False)
        followup(p['sessions'][1])
    r += 1
    ws.cell(r, 1, 'EVA = échelle visuelle analogique 0-10. Hakuja = absent au rendez-vous.').font = Font(italic=True, size=8)

# Sommaire
som['A1'] = 'REGISTRE VERTÉBROPLASTIE / CYPHOPLASTIE - CUL - 2021-2023'
som['A1'].font = title_font
som.merge_cells('A1:I1')
som['A2'] = 'Une feuille par patient (nom de la feuille = code). Mise à jour : 30/04/2024'
som['A2'].font = Font(italic=True, size=9)
hdr = ['N°', 'Code', 'Nom et post-nom', 'Sexe', 'Âge', 'Diagnostic', 'Date 1ère intervention', '2ème intervention', 'Statut']
for ci, h in enumerate(hdr, 1):
    c = som.cell(4, ci, h); c.font = bold; c.fill = hdr_fill; c.border = box
for k, (pid, name, p, diag, died) in enumerate(rows_sommaire):
    rr = 5 + k
    som.cell(rr, 1, k + 1)
    som.cell(rr, 2, pid)
    som.cell(rr, 3, name)
    som.cell(rr, 4, 'F' if p['sex'] == 'female' else 'M')
    som.cell(rr, 5, p['age'])
    som.cell(rr, 6, diag)
    c = som.cell(rr, 7, p['op_date']); c.number_format = 'DD/MM/YYYY'
    som.cell(rr, 8, 'Ndiyo / oui' if len(p['sessions']) > 1 else 'Hapana')
    som.cell(rr, 9, 'Amefariki' if died else 'Vivant')
    if died:
        som.cell(rr, 9).fill = red_fill
    for ci in range(1, 10):
        som.cell(rr, ci).border = box
for col, w in zip('ABCDEFGHI', [5, 10, 30, 6, 6, 42, 14, 14, 11]):
    som.column_dimensions[col].width = w
wb.create_sheet('Feuil1')
wb.save(os.path.join(HERE, 'input.xlsx'))
T.write()
