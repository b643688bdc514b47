# -*- coding: utf-8 -*-
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(5, 13)] + ['L%d' % i for i in range(1, 6)]
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def nb(lev, d):
    i = LEVELS.index(lev) + d
    return LEVELS[i] if 0 <= i < len(LEVELS) else None


def gen(seed, n, tps, odi_tps=(), mob_tps=(), p_second=0.15, p_frac=0.12,
        cements=('PMMA',), techs=('vertebroplasty', 'kyphoplasty'), year0=2021,
        vol_step=0.5):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['sex'] = 'female' if rng.random() < 0.7 else 'male'
        p['age'] = int(rng.integers(52, 92))
        p['etiology'] = str(rng.choice(['osteoporotic'] * 6 + ['pathologic'] * 2 + ['traumatic']))
        p['died'] = 'yes' if rng.random() < 0.12 else 'no'
        d0 = dt.date(year0, 1, 4) + dt.timedelta(days=int(rng.integers(0, 650)))
        p['d0'] = d0
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        st = int(rng.integers(0, len(LEVELS) - nlev + 1))
        levs = LEVELS[st:st + nlev]
        sessions = []
        frs = []

        def mk_session(day, levs):
            s = {'day': day, 'date': d0 + dt.timedelta(days=day),
                 'tech': str(rng.choice(list(techs))),
                 'cement': str(rng.choice(list(cements))), 'levels': []}
            for lv in levs:
                vol = round(float(rng.uniform(2.0, 6.5)) / vol_step) * vol_step
                vol = round(vol, 1)
                if rng.random() < 0.75:
                    lk = 'none'
                else:
                    lk = str(rng.choice(LEAKS))
                    if rng.random() < 0.2:
                        lk2 = str(rng.choice([x for x in LEAKS if x != lk]))
                        lk = lk + ';' + lk2
                s['levels'].append({'level': lv, 'vol': vol, 'leak': lk})
            pre = int(rng.integers(6, 11))
            pain = {'pre': pre}
            cur = pre
            for tp in tps:
                cur = max(0, min(10, int(round(cur - rng.uniform(0.5, 3.5)))))
                pain[tp] = cur if rng.random() > 0.15 else None
            s['pain'] = pain
            s['odi'] = {}
            for tp in odi_tps:
                if tp == 'pre':
                    s['odi'][tp] = int(rng.integers(40, 85))
                else:
                    s['odi'][tp] = int(rng.integers(10, 50)) if rng.random() > 0.15 else None
            s['mob'] = {}
            for tp in mob_tps:
                if tp == 'pre':
                    s['mob'][tp] = int(rng.integers(0, 3))
                else:
                    s['mob'][tp] = int(rng.integers(1, 5)) if rng.random() > 0.15 else None
            return s
        sessions.append(mk_session(0, levs))
        if rng.random() < p_second:
            cand = [x for x in (nb(levs[0], -1), nb(levs[-1], 1)) if x]
            nl = str(rng.choice(cand))
            day2 = int(rng.integers(30, 150))
            frs.append({'day': day2 - int(rng.integers(3, 15)), 'level': nl})
            sessions.append(mk_session(day2, [nl]))
        elif rng.random() < p_frac:
            used = set(levs)
            cand = [x for x in LEVELS if x not in used and abs(LEVELS.index(x) - st) <= 4]
            frs.append({'day': int(rng.integers(20, 300)), 'level': str(rng.choice(cand))})
        p['sessions'] = sessions
        p['fractures'] = frs
        pats.append(p)
    return pats, rng


def write_truth(out, pats, errors, idents, session_total=False):
    td = os.path.join(out, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(['' if v is None else v for v in r])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['id'], p.get('t_sex', p['sex']), p.get('t_age', p['age']), p.get('t_et', p['etiology']),
        p.get('t_died', p['died'])] for p in pats])
    rows = []
    for p in pats:
        for k, s in enumerate(p['sessions'], 1):
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            for l in s['levels']:
                if session_total:
                    rows.append([p['id'], k, s['day'], l['level'], s['tech'], '', tot, s['cement'], l['leak']])
                else:
                    rows.append([p['id'], k, s['day'], l['level'], s['tech'], l['vol'], '', s['cement'], l['leak']])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for k, s in enumerate(p['sessions'], 1):
            for meas, key in (('pain_vas', 'pain'), ('odi', 'odi'), ('mobility', 'mob')):
                for tp, v in s[key].items():
                    if v is not None:
                        rows.append([p['id'], k, meas, tp, v])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['id'], f['day'], f['level']] for p in pats for f in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], idents)


def after_fx(p, d):
    """a death date is never before a recorded new fracture"""
    if p['fractures']:
        lim = p['d0'] + dt.timedelta(days=max(f['day'] for f in p['fractures']) + 30)
        return max(d, lim)
    return d


# ---------------- Quito: REDCap-like longitudinal CSV export + data dictionary ----------------
import io

LEVCODE = {('T%d' % i): i for i in range(1, 13)}
LEVCODE.update({('L%d' % i): 12 + i for i in range(1, 6)})
LEVCODE['S1'] = 18
FUGA = ['disc', 'venous', 'epidural', 'foraminal', 'paravertebral']
FUGA_ES = ['Disco intervertebral', 'Venosa', 'Epidural', 'Foraminal', 'Partes blandas paravertebrales']
TPD = {'24h': 1, '1m': 30, '6m': 182}
PREFIX = 'VERTEBROAUMENTOHEE_DATA_2024-03-11_1542'


def col_letter(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def main(out):
    os.makedirs(os.path.join(out, 'input'), exist_ok=True)
    tps = ('24h', '1m', '6m')
    pats, rng = gen(8303, 22, tps, odi_tps=('pre', '1m', '6m'), year0=2022,
                    cements=('PMMA', 'PMMA', 'PMMA', 'calcium phosphate'), vol_step=0.1)
    cols = ['record_id', 'redcap_event_name', 'fecha_inclusion', 'edad', 'sexo', 'etiologia', 'etiologia_otra',
            'inclusion_complete', 'fecha_proc', 'tecnica', 'tipo_cemento', 'cemento_marca', 'num_niveles']
    for n in (1, 2, 3):
        cols += ['nivel_%d' % n, 'volumen_%d' % n, 'fuga_%d' % n] + ['fuga_tipo_%d___%d' % (n, k) for k in range(1, 6)]
    cols += ['eva_pre', 'odi_pre', 'procedimiento_complete', 'fecha_seg', 'asistio', 'eva', 'odi',
             'seguimiento_complete', 'fallecido', 'fecha_fallecimiento', 'nueva_fx', 'nueva_fx_nivel',
             'nueva_fx_fecha', 'cierre_complete']
    rows = []
    loc = {}
    for i, p in enumerate(pats):
        p['id'] = str(101 + i)
        r = {c: '' for c in cols}
        r.update(record_id=p['id'], redcap_event_name='inclusion_arm_1',
                 fecha_inclusion=(p['d0'] - dt.timedelta(days=int(rng.integers(1, 10)))).isoformat(),
                 edad=p['age'], sexo=1 if p['sex'] == 'female' else 2,
                 etiologia={'osteoporotic': 1, 'pathologic': 2, 'traumatic': 3, 'other': 4}[p['etiology']],
                 inclusion_complete=2)
        loc[(i, 'inc')] = len(rows)
        rows.append(r)
        for k, s in enumerate(p['sessions'], 1):
            r = {c: '' for c in cols}
            r.update(record_id=p['id'], redcap_event_name='procedimiento_%d_arm_1' % k,
                     fecha_proc=s['date'].isoformat(), tecnica=1 if s['tech'] == 'vertebroplasty' else 2,
                     tipo_cemento={'PMMA': 1, 'calcium phosphate': 2}[s['cement']],
                     cemento_marca='Kyphon HV-R' if (s['cement'] == 'PMMA' and s['tech'] == 'kyphoplasty') else
                     ('Osteopal V' if s['cement'] == 'PMMA' else 'Hydroset'),
                     num_niveles=len(s['levels']), eva_pre=s['pain']['pre'], odi_pre=s['odi'].get('pre', ''),
                     procedimiento_complete=2)
            if k > 1:
                r['odi_pre'] = ''
            for n, l in enumerate(s['levels'], 1):
                r['nivel_%d' % n] = LEVCODE[l['level']]
                r['volumen_%d' % n] = l['vol']
                r['fuga_%d' % n] = 0 if l['leak'] == 'none' else 1
                for kk, nm in enumerate(FUGA, 1):
                    r['fuga_tipo_%d___%d' % (n, kk)] = 1 if nm in l['leak'].split(';') else 0
            loc[(i, 'proc', k)] = len(rows)
            rows.append(r)
            for tp in tps:
                r = {c: '' for c in cols}
                pv = s['pain'].get(tp)
                ov = s['odi'].get(tp) if k == 1 else None
                r.update(record_id=p['id'], redcap_event_name='seg_%s_p%d_arm_1' % (tp, k))
                if pv is None and ov is None:
                    r.update(asistio=0, seguimiento_complete=2 if rng.random() < 0.6 else 1)
                else:
                    vd = s['date'] + dt.timedelta(days=TPD[tp] + (int(rng.integers(-4, 6)) if tp != '24h' else 0))
                    r.update(fecha_seg=vd.isoformat(), asistio=1, eva='' if pv is None else pv,
                             odi='' if ov is None else ov, seguimiento_complete=2)
                loc[(i, 'seg', k, tp)] = len(rows)
                rows.append(r)
        # session-2 ODI not collected by protocol
        if len(p['sessions']) > 1:
            p['sessions'][1]['odi'] = {}
        r = {c: '' for c in cols}
        r.update(record_id=p['id'], redcap_event_name='cierre_arm_1', fallecido=1 if p['died'] == 'yes' else 0,
                 nueva_fx=1 if p['fractures'] else 0, cierre_complete=2)
        if p['died'] == 'yes':
            r['fecha_fallecimiento'] = after_fx(p, p['sessions'][-1]['date'] + dt.timedelta(days=int(rng.integers(200, 500)))).isoformat()
        if p['fractures']:
            f = p['fractures'][0]
            r['nueva_fx_nivel'] = LEVCODE[f['level']]
            r['nueva_fx_fecha'] = (p['d0'] + dt.timedelta(days=f['day'])).isoformat()
        loc[(i, 'cierre')] = len(rows)
        rows.append(r)

    errors = []
    fname = PREFIX

    def err(ri, c, val, what, i):
        rows[ri][c] = val
        excel_row = ri + 2
        errors.append([fname, '%s%d' % (col_letter(cols.index(c) + 1), excel_row), excel_row, c, val, what, pats[i]['id']])
    err(loc[(3, 'inc')], 'edad', 210, 'age of 210 years', 3)
    err(loc[(6, 'proc', 1)], 'volumen_1', 45, '45 mL of cement in one vertebra', 6)
    k9 = loc[(9, 'seg', 1, '1m')]
    if rows[k9]['asistio'] == 0:
        rows[k9].update(asistio=1, fecha_seg=(pats[9]['d0'] + dt.timedelta(days=31)).isoformat(), seguimiento_complete=2)
    err(k9, 'eva', 14, 'pain score 14 on a 0-10 scale', 9)
    err(loc[(12, 'proc', 1)], 'fecha_proc', '2022-02-30', 'impossible date (30 February)', 12)
    err(loc[(16, 'proc', 1)], 'nivel_1', 25, 'vertebral level code 25 does not exist in the data dictionary', 16)

    with open(os.path.join(out, 'input', fname + '.csv'), 'w', newline='', encoding='utf-8') as f:
        cw = csv.writer(f)
        cw.writerow(cols)
        for r in rows:
            cw.writerow([r[c] for c in cols])

    lev_choices = ' | '.join('%d, %s' % (v, k) for k, v in sorted(LEVCODE.items(), key=lambda x: x[1]))
    dd = []
    def add(var, form, ftype, label, choices='', note='', valid='', vmin='', vmax=''):
        dd.append([var, form, '', ftype, label, choices, note, valid, vmin, vmax, '', '', '', '', '', '', '', ''])
    add('record_id', 'inclusion', 'text', 'ID del registro')
    add('fecha_inclusion', 'inclusion', 'text', 'Fecha de inclusión', '', '', 'date_ymd')
    add('edad', 'inclusion', 'text', 'Edad (años)', '', '', 'integer', 18, 105)
    add('sexo', 'inclusion', 'radio', 'Sexo', '1, Femenino | 2, Masculino')
    add('etiologia', 'inclusion', 'radio', 'Etiología de la fractura',
        '1, Osteoporosis | 2, Neoplásica (metástasis / mieloma) | 3, Traumática | 4, Otra')
    add('etiologia_otra', 'inclusion', 'text', 'Otra etiología, especifique')
    add('fecha_proc', 'procedimiento', 'text', 'Fecha del procedimiento', '', '', 'date_ymd')
    add('tecnica', 'procedimiento', 'radio', 'Técnica', '1, Vertebroplastia percutánea | 2, Cifoplastia con balón')
    add('tipo_cemento', 'procedimiento', 'radio', 'Tipo de cemento', '1, PMMA | 2, Fosfato de calcio | 3, Otro')
    add('cemento_marca', 'procedimiento', 'text', 'Marca comercial del cemento')
    add('num_niveles', 'procedimiento', 'dropdown', 'Número de niveles tratados', '1, 1 | 2, 2 | 3, 3')
    for n in (1, 2, 3):
        add('nivel_%d' % n, 'procedimiento', 'dropdown', 'Nivel tratado %d' % n, lev_choices)
        add('volumen_%d' % n, 'procedimiento', 'text', 'Volumen de cemento nivel %d (mL)' % n, '', 'mL', 'number', 0, 15)
        add('fuga_%d' % n, 'procedimiento', 'yesno', 'Fuga de cemento nivel %d' % n, '0, No | 1, Sí')
        add('fuga_tipo_%d' % n, 'procedimiento', 'checkbox', 'Localización de la fuga nivel %d' % n,
            ' | '.join('%d, %s' % (k, t) for k, t in enumerate(FUGA_ES, 1)))
    add('eva_pre', 'procedimiento', 'text', 'EVA dolor preoperatorio (0-10)', '', '', 'integer', 0, 10)
    add('odi_pre', 'procedimiento', 'text', 'Índice de discapacidad de Oswestry preoperatorio (%)', '', '', 'integer', 0, 100)
    add('fecha_seg', 'seguimiento', 'text', 'Fecha del control', '', '', 'date_ymd')
    add('asistio', 'seguimiento', 'yesno', '¿Asistió al control?', '0, No | 1, Sí')
    add('eva', 'seguimiento', 'text', 'EVA dolor (0-10)', '', '', 'integer', 0, 10)
    add('odi', 'seguimiento', 'text', 'Oswestry (%)', '', 'solo controles del 1er procedimiento', 'integer', 0, 100)
    add('fallecido', 'cierre', 'yesno', 'Fallecido al cierre del estudio', '0, No | 1, Sí')
    add('fecha_fallecimiento', 'cierre', 'text', 'Fecha de fallecimiento', '', '', 'date_ymd')
    add('nueva_fx', 'cierre', 'yesno', 'Nueva fractura vertebral durante el seguimiento', '0, No | 1, Sí')
    add('nueva_fx_nivel', 'cierre', 'dropdown', 'Nivel de la nueva fractura', lev_choices)
    add('nueva_fx_fecha', 'cierre', 'text', 'Fecha de diagnóstico de la nueva fractura', '', '', 'date_ymd')
    hdr = ['Variable / Field Name', 'Form Name', 'Section Header', 'Field Type', 'Field Label',
           'Choices, Calculations, OR Slider Labels', 'Field Note', 'Text Validation Type OR Show Slider Number',
           'Text Validation Min', 'Text Validation Max', 'Identifier?', 'Branching Logic (Show field only if...)',
           'Required Field?', 'Custom Alignment', 'Question Number (surveys only)', 'Matrix Group Name',
           'Matrix Ranking?', 'Field Annotation']
    with open(os.path.join(out, 'input', 'VERTEBROAUMENTOHEE_DataDictionary_2024-03-11.csv'), 'w', newline='',
              encoding='utf-8') as f:
        cw = csv.writer(f)
        cw.writerow(hdr)
        cw.writerows(dd)
    write_truth(out, pats, errors, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
