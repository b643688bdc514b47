#!/usr/bin/env python3
"""Ljubljana REDCap export generator: python make.py OUTDIR"""
# ---------------- common data generator (copied into each make.py) ----------------
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
         ['L%d' % i for i in range(1, 6)] + ['S1']
TL = LEVELS[LEVELS.index('T5'):LEVELS.index('L5') + 1]
LEAK_ORDER = ['disc', 'epidural', 'foraminal', 'venous', 'paravertebral']
P_SECOND = 0.2
TP_DAYS = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91,
           '6m': 182, '12m': 365, '24m': 730}


def gen_data(seed, n, start, span_days, fu_tps, s2_tps=('pre', '1m'), odi=False,
             p_tech=(0.7, 0.3), cement_types=('PMMA',), cement_p=None, vol_step=0.5,
             s2_same_tech=False):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        sex = str(rng.choice(['female', 'male'], p=[0.68, 0.32]))
        et = str(rng.choice(['osteoporotic', 'pathologic', 'traumatic', 'other'],
                            p=[0.64, 0.2, 0.12, 0.04]))
        age = int(rng.integers(58, 92)) if et == 'osteoporotic' else int(rng.integers(34, 82))
        d1 = start + dt.timedelta(days=int(rng.integers(0, span_days)))
        died = bool(rng.random() < (0.3 if et == 'pathologic' else 0.06))
        nlev = int(rng.choice([1, 2, 3], p=[0.58, 0.3, 0.12]))
        k = int(rng.integers(0, len(TL) - nlev + 1))
        levels = TL[k:k + nlev]
        sessions = []

        def mk_session(sn, date, lvls):
            tech = str(rng.choice(['vertebroplasty', 'kyphoplasty'], p=list(p_tech)))
            ct = str(rng.choice(list(cement_types), p=cement_p))
            lv = []
            for L in lvls:
                base = rng.uniform(2.0, 6.5) + (1.0 if tech == 'kyphoplasty' else 0) + \
                    (0.8 if L.startswith('L') else 0)
                vol = round(base / vol_step) * vol_step
                if rng.random() < 0.72:
                    leak = []
                else:
                    m = int(rng.choice([1, 2], p=[0.8, 0.2]))
                    leak = sorted(rng.choice(LEAK_ORDER, size=m, replace=False,
                                             p=[0.35, 0.08, 0.07, 0.35, 0.15]).tolist(),
                                  key=LEAK_ORDER.index)
                lv.append(dict(level=L, vol=float(vol), leak=leak))
            return dict(n=sn, date=date, day=(date - d1).days, technique=tech, cement=ct, levels=lv)

        sessions.append(mk_session(1, d1, levels))
        visits = []
        pre = int(rng.integers(6, 11))
        pre_odi = int(rng.integers(24, 40)) * 2
        # death cutoff: index of follow-up after which no visit
        last_ok = len(fu_tps)
        if died:
            last_ok = int(rng.integers(1, max(2, len(fu_tps))))
        visits.append(dict(session=1, tp='pre', date=d1 - dt.timedelta(days=int(rng.choice([0, 0, 1]))),
                           vas=pre, odi=pre_odi if odi else None))
        for j, tp in enumerate(fu_tps):
            if j >= last_ok:
                break
            date = d1 + dt.timedelta(days=TP_DAYS[tp] + (int(rng.integers(-4, 8)) if TP_DAYS[tp] > 10 else 0))
            if j > 0 and rng.random() < 0.16:
                visits.append(dict(session=1, tp=tp, date=date, vas=None, odi=None))
                continue
            drop = rng.uniform(0.35, 0.8) if j > 0 else rng.uniform(0.25, 0.6)
            v = int(np.clip(round(pre * (1 - drop) + rng.normal(0, 0.8)), 0, 10))
            o = int(np.clip(round(pre_odi * (1 - drop * 0.8) / 2) * 2, 0, 100)) if odi else None
            visits.append(dict(session=1, tp=tp, date=date, vas=v, odi=o))
        fractures = []
        # second session for a new adjacent fracture
        if rng.random() < P_SECOND and not died:
            cand = [L for L in TL if L not in levels and
                    abs(TL.index(L) - TL.index(levels[0])) <= 2 or
                    (L not in levels and abs(TL.index(L) - TL.index(levels[-1])) <= 2)]
            cand = [L for L in cand if L not in levels]
            L2 = str(rng.choice(cand))
            d2 = d1 + dt.timedelta(days=int(rng.integers(21, 120)))
            s = mk_session(2, d2, [L2])
            if s2_same_tech:
                s['technique'] = sessions[0]['technique']
            sessions.append(s)
            fractures.append(dict(day=s['day'], level=L2, date=d2))
            p2 = int(rng.integers(6, 11))
            p2o = int(rng.integers(24, 40)) * 2
            for tp in s2_tps:
                date = d2 + dt.timedelta(days=TP_DAYS[tp] + (int(rng.integers(-3, 6)) if TP_DAYS[tp] > 10 else 0))
                if tp == 'pre':
                    visits.append(dict(session=2, tp='pre', date=d2, vas=p2, odi=p2o if odi else None))
                else:
                    v = int(np.clip(round(p2 * rng.uniform(0.3, 0.6)), 0, 10))
                    visits.append(dict(session=2, tp=tp, date=date, vas=v,
                                       odi=int(round(p2o * 0.6 / 2) * 2) if odi else None))
        elif rng.random() < 0.14:
            # conservative new fracture seen at an attended follow-up visit (not 24h)
            att = [v for v in visits if v['session'] == 1 and v['tp'] not in ('pre', '24h', '1w')
                   and v['vas'] is not None]
            if att:
                v = att[int(rng.integers(0, len(att)))]
                cand = [L for L in TL if L not in levels]
                L3 = str(rng.choice(cand))
                fractures.append(dict(day=(v['date'] - d1).days, level=L3, date=v['date'], visit=v))
                v['newfx'] = L3
        pts.append(dict(i=i, sex=sex, age=age, etiology=et, died='yes' if died else 'no',
                        sessions=sessions, visits=visits, fractures=fractures))
    return pts


def fmt_num(x):
    if x is None or x == '':
        return ''
    x = float(x)
    return str(int(x)) if x == int(x) else ('%g' % x)


def write_truth(outdir, pts, errors, identifiers, session_total=False, tech_known=True,
                cement_known=True, leak_known=True, record_sex=True, record_age=True,
                record_et=True, record_died=True, measures=('pain_vas',)):
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f, lineterminator='\n')
            cw.writerow(header)
            cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['sid'], p['sex'] if record_sex else '', p['age'] if record_age else '',
        p['etiology'] if record_et else '', p['died'] if record_died else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            multi = len(s['levels']) > 1
            tot = sum(l['vol'] for l in s['levels'])
            st = session_total(s) if callable(session_total) else session_total
            for l in s['levels']:
                if st and multi:
                    cv, sv = '', fmt_num(tot)
                else:
                    cv, sv = fmt_num(l['vol']), ''
                rows.append([p['sid'], s['n'], s['day'], l['level'],
                             s['technique'] if tech_known else '', cv, sv,
                             s['cement'] if cement_known else '',
                             (';'.join(l['leak']) if l['leak'] else 'none') if leak_known else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for v in p['visits']:
            if v['vas'] is not None and 'pain_vas' in measures:
                rows.append([p['sid'], v['session'], 'pain_vas', v['tp'], fmt_num(v['vas'])])
            if v.get('odi') is not None and 'odi' in measures:
                rows.append([p['sid'], v['session'], 'odi', v['tp'], fmt_num(v['odi'])])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['sid'], f['day'], f['level']] for p in pts for f in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'],
      errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)
# ---------------- end of common part ----------------
# ---------------- site: ljubljana (REDCap raw export + data dictionary) ----------------
from openpyxl.utils import get_column_letter

LVL_CODES = {}
for _i, _L in enumerate(LEVELS, 1):
    LVL_CODES[_L] = _i
LVL_LABEL = {L: (L.replace('T', 'Th') if L.startswith('T') else L) for L in LEVELS}
TECH = {'vertebroplasty': 1, 'kyphoplasty': 2}
CEM = {'PMMA': 1, 'calcium phosphate': 2, 'other': 3}
ETI = {'osteoporotic': 1, 'pathologic': (2, 3), 'traumatic': 4, 'other': 5}
CAS = {'pre': 0, '24h': 1, '2w': 2, '6w': 3, '3m': 4, '6m': 5, '12m': 6, '1m': 7}
LEAK_CODE = {'disc': 1, 'epidural': 2, 'foraminal': 3, 'venous': 4, 'paravertebral': 5}
FU = ('24h', '6w', '3m', '12m')

DD_HEADER = ['Variable / Field Name', 'Form Name', 'Section Header', 'Field Type', 'Field Label',
             'Choices, Calculations, OR Slider Labels', 'Field Note',
             'Text Validation Type OR Show Slider Number', 'Text Validation Min', 'Text Validation Max',
             'Identifier?', 'Branching Logic (Show field only if...)', 'Required Field?',
             'Custom Alignment', 'Question Number (surveys only)', 'Matrix Group Name',
             'Matrix Ranking?', 'Field Annotation']


def dd_rows():
    lv = ' | '.join('%d, %s' % (LVL_CODES[L], LVL_LABEL[L]) for L in LEVELS)
    F = []

    def f(name, form, typ, label, choices='', note='', val='', vmin='', vmax='', branch='',
          req='', section=''):
        F.append([name, form, section, typ, label, choices, note, val, vmin, vmax, '', branch, req,
                  '', '', '', '', ''])
    f('record_id', 'demografija', 'text', 'ID zapisa (študijska številka)')
    f('datum_vkljucitve', 'demografija', 'text', 'Datum vključitve v register', val='date_dmy')
    f('spol', 'demografija', 'radio', 'Spol', '1, moški | 2, ženska', req='y')
    f('starost', 'demografija', 'text', 'Starost ob prvem posegu', note='leta', val='integer')
    f('etiologija', 'demografija', 'radio', 'Vzrok zloma',
      '1, Osteoporotični zlom | 2, Metastaza | 3, Multipli mielom | 4, Poškodba (travma) | 5, Drugo')
    f('etiologija_drugo', 'demografija', 'text', 'Drugo - navedite', branch='[etiologija] = \'5\'')
    f('vr_seja', 'vretenca', 'radio', 'Kateri poseg?', '1, Prvi (indeksni) poseg | 2, Drugi poseg | 3, Tretji poseg',
      section='Zdravljeno vretence (za vsako vretence posebej)')
    f('vr_datum', 'vretenca', 'text', 'Datum posega', val='date_dmy')
    f('vr_nivo', 'vretenca', 'dropdown', 'Nivo vretenca', lv)
    f('vr_tehnika', 'vretenca', 'radio', 'Tehnika', '1, Vertebroplastika (VP) | 2, Kifoplastika (KP, balonska)')
    f('vr_cement', 'vretenca', 'radio', 'Vrsta cementa', '1, PMMA | 2, Kalcijev fosfat | 3, Drugo')
    f('vr_volumen', 'vretenca', 'text', 'Volumen cementa v tem vretencu', note='ml', val='number')
    f('vr_iztekanje', 'vretenca', 'yesno', 'Iztekanje cementa?')
    f('vr_iztekanje_mesto', 'vretenca', 'checkbox', 'Mesto iztekanja',
      '1, disk | 2, epiduralno | 3, foraminalno | 4, venozno | 5, paravertebralno',
      branch="[vr_iztekanje] = '1'")
    f('kon_seja', 'kontrola', 'radio', 'Kontrola po katerem posegu?', '1, Prvi poseg | 2, Drugi poseg | 3, Tretji poseg',
      section='Kontrolni pregled')
    f('kon_cas', 'kontrola', 'dropdown', 'Časovna točka',
      '0, pred posegom | 1, 24 ur | 2, 2 tedna | 3, 6 tednov | 7, 1 mesec | 4, 3 mesece | 5, 6 mesecev | 6, 12 mesecev')
    f('kon_datum', 'kontrola', 'text', 'Datum pregleda', val='date_dmy')
    f('kon_opravljen', 'kontrola', 'yesno', 'Pregled opravljen?')
    f('kon_vas', 'kontrola', 'text', 'Bolečina VAS (0-10)', val='integer', branch="[kon_opravljen] = '1'")
    f('kon_odi', 'kontrola', 'text', 'Oswestry indeks (ODI, %)', val='integer', vmin='0', vmax='100',
      branch="[kon_opravljen] = '1'")
    f('kon_nov_zlom', 'kontrola', 'yesno', 'Nov zlom vretenca?', branch="[kon_opravljen] = '1'")
    f('kon_nov_zlom_nivo', 'kontrola', 'text', 'Nivo novega zloma (npr. Th11)', branch="[kon_nov_zlom] = '1'")
    f('umrl', 'zakljucek', 'yesno', 'Ali je bolnik umrl v času spremljanja?')
    f('datum_smrti', 'zakljucek', 'text', 'Datum smrti', val='date_dmy', branch="[umrl] = '1'")
    f('zakljucek_opomba', 'zakljucek', 'notes', 'Opombe')
    return F


def main(outdir):
    indir = os.path.join(outdir, 'input')
    os.makedirs(indir, exist_ok=True)
    pts = gen_data(6017, 27, dt.date(2020, 9, 1), 900, FU, s2_tps=('pre', '6w'), odi=True,
                   p_tech=(0.5, 0.5), cement_types=('PMMA', 'calcium phosphate'), cement_p=[0.88, 0.12])
    rng = np.random.default_rng(404)
    rid = 0
    for p in pts:
        rid += 1 + int(rng.random() < 0.12)  # deleted records leave gaps
        p['sid'] = str(rid)
    DD = dd_rows()
    cols = ['record_id', 'redcap_repeat_instrument', 'redcap_repeat_instance']
    form_order = []
    for row in DD:
        name, form, typ = row[0], row[1], row[3]
        if form not in form_order:
            if form_order:
                cols.append(form_order[-1] + '_complete')
            form_order.append(form)
        if name == 'record_id':
            continue
        if typ == 'checkbox':
            cols += ['%s___%d' % (name, k) for k in range(1, 6)]
        else:
            cols.append(name)
    cols.append(form_order[-1] + '_complete')
    plan = {}

    def pick(start, cond):
        for k in list(range(start, len(pts))) + list(range(0, start)):
            if k not in plan.values() and cond(pts[k]):
                return k
    plan['vol'] = pick(3, lambda p: len(p['sessions'][0]['levels']) >= 2)
    plan['level'] = pick(9, lambda p: True)
    plan['vas'] = pick(14, lambda p: any(v['tp'] == '6w' and v['vas'] is not None for v in p['visits']))
    plan['date'] = pick(20, lambda p: any(v['tp'] == '6w' and v['vas'] is not None for v in p['visits']))
    rows, errs = [], []
    FILE = 'VRTreg_DATA_2024-03-11_1032'

    def add(d, p, errcol=None, bad=None, what=None):
        row = [''] * len(cols)
        for k, v in d.items():
            row[cols.index(k)] = v
        if errcol:
            row[cols.index(errcol)] = bad
            rn = len(rows) + 2  # header is row 1
            errs.append([FILE, '%s%d' % (get_column_letter(cols.index(errcol) + 1), rn), rn, errcol,
                         str(bad), what, p['sid']])
        rows.append(row)
    for k, p in enumerate(pts):
        d1 = p['sessions'][0]['date']
        et = ETI[p['etiology']]
        if isinstance(et, tuple):
            et = et[int(rng.random() < 0.3)]
        base = {'record_id': p['sid'], 'datum_vkljucitve': (d1 - dt.timedelta(days=int(rng.integers(0, 3)))).isoformat(),
                'spol': 1 if p['sex'] == 'male' else 2, 'starost': p['age'], 'etiologija': et,
                'etiologija_drugo': 'hemangiom' if et == 5 else '', 'demografija_complete': 2,
                'umrl': 1 if p['died'] == 'yes' else 0, 'zakljucek_complete': 2 if p['died'] == 'yes' else 1}
        if p['died'] == 'yes':
            last = max(v['date'] for v in p['visits'])
            base['datum_smrti'] = (last + dt.timedelta(days=int(rng.integers(20, 90)))).isoformat()
            base['zakljucek_opomba'] = 'Umrl zaradi osnovne bolezni.' if p['etiology'] == 'pathologic' else 'Umrl.'
        add(base, p)
        inst = 0
        for s in p['sessions']:
            for li, l in enumerate(s['levels']):
                inst += 1
                d = {'record_id': p['sid'], 'redcap_repeat_instrument': 'vretenca', 'redcap_repeat_instance': inst,
                     'vr_seja': s['n'], 'vr_datum': s['date'].isoformat(), 'vr_nivo': LVL_CODES[l['level']],
                     'vr_tehnika': TECH[s['technique']], 'vr_cement': CEM[s['cement']],
                     'vr_volumen': fmt_num(l['vol']), 'vr_iztekanje': 1 if l['leak'] else 0,
                     'vretenca_complete': 2}
                for c in range(1, 6):
                    d['vr_iztekanje_mesto___%d' % c] = 0
                for x in l['leak']:
                    d['vr_iztekanje_mesto___%d' % LEAK_CODE[x]] = 1
                if plan['vol'] == k and s['n'] == 1 and li == 1:
                    add(d, p, 'vr_volumen', '45', '45 mL of cement in one vertebra is impossible')
                elif plan['level'] == k and s['n'] == 1 and li == 0:
                    add(d, p, 'vr_nivo', '26', 'level code 26 does not exist in the data dictionary (codes 1-25)')
                else:
                    add(d, p)
        inst = 0
        for v in sorted(p['visits'], key=lambda v: (v['date'], v['session'])):
            inst += 1
            d = {'record_id': p['sid'], 'redcap_repeat_instrument': 'kontrola', 'redcap_repeat_instance': inst,
                 'kon_seja': v['session'], 'kon_cas': CAS[v['tp']], 'kon_datum': v['date'].isoformat(),
                 'kontrola_complete': 2}
            if v['vas'] is None:
                d['kon_opravljen'] = 0
                d['kontrola_complete'] = 1
            else:
                d.update({'kon_opravljen': 1, 'kon_vas': v['vas'], 'kon_odi': v['odi']})
                if v['tp'] != 'pre' or v['session'] == 2:
                    d['kon_nov_zlom'] = 0
                if v.get('newfx'):
                    d['kon_nov_zlom'] = 1
                    d['kon_nov_zlom_nivo'] = LVL_LABEL[v['newfx']]
                if v['session'] == 2 and v['tp'] == 'pre':
                    d['kon_nov_zlom'] = 1
                    d['kon_nov_zlom_nivo'] = LVL_LABEL[p['sessions'][1]['levels'][0]['level']]
            if plan['vas'] == k and v['tp'] == '6w' and v['session'] == 1:
                add(d, p, 'kon_vas', 14, 'pain score 14 on a 0-10 scale')
            elif plan['date'] == k and v['tp'] == '6w' and v['session'] == 1:
                bad = (p['sessions'][0]['date'] - dt.timedelta(days=42)).isoformat()
                add(d, p, 'kon_datum', bad, 'follow-up date is before the procedure date')
            else:
                add(d, p)
    with open(os.path.join(indir, FILE + '.csv'), 'w', newline='', encoding='utf-8-sig') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(cols)
        w.writerows(rows)
    with open(os.path.join(indir, 'VRTreg_DataDictionary_2024-03-11.csv'), 'w', newline='', encoding='utf-8-sig') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(DD_HEADER)
        w.writerows(DD)
    write_truth(outdir, pts, errs, [], session_total=False, measures=('pain_vas', 'odi'))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
