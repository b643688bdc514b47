import sys, os, random, csv, datetime as dt

LEV = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TPD = {'pre': 0, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}
JIT = {'pre': 0, '24h': 0, '1w': 1, '2w': 2, '6w': 4, '1m': 4, '3m': 7, '6m': 10, '12m': 14, '24m': 20}


def years(b, d):
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def build(seed, n, tps, s2tps, measures, start, s2idx, deadidx, fxidx, ctypes=('PMMA',), techw=(50, 50)):
    """Return list of patient dicts (the truth, before planted errors)."""
    R = random.Random(seed)
    P = []
    for i in range(n):
        p = {'i': i, 'err': None}
        p['sex'] = 'female' if R.random() < 0.72 else 'male'
        p['d0'] = start + dt.timedelta(days=R.randint(0, 420))
        b = p['d0'] - dt.timedelta(days=R.randint(56, 89) * 365 + R.randint(0, 364))
        p['birth'] = b
        p['age'] = years(b, p['d0'])
        p['et'] = R.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], [68, 18, 10, 4])[0]
        nlev = R.choices([1, 2, 3], [66, 24, 10])[0]
        top = R.randint(LEV.index('T7'), LEV.index('L4') - nlev + 1)
        tech = R.choices(['vertebroplasty', 'kyphoplasty'], techw)[0]
        ctype = ctypes[0] if (len(ctypes) == 1 or R.random() < 0.85) else ctypes[1]
        verts = []
        for k in range(nlev):
            verts.append({'level': LEV[top + k], 'vol': R.choice([2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0]),
                          'leak': R.choices(['none', 'disc', 'venous', 'paravertebral', 'disc;venous'], [68, 12, 11, 6, 3])[0]})
        p['sess'] = [{'n': 1, 'day': 0, 'tech': tech, 'ctype': ctype, 'verts': verts}]
        p['fx'] = []
        p['died'] = 'no'
        p['death_day'] = None
        s2day = R.randint(112, 170) if i in s2idx else None
        # visits: list of dict(session, tp, day, scores{measure: value} or None if missed)
        V = []
        pre = {'vas': R.randint(6, 9), 'odi': 2 * R.randint(24, 40), 'mobility': R.randint(2, 4)}
        fac = {'pre': 1.0, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.4, '1m': 0.4, '3m': 0.33, '6m': 0.3, '12m': 0.28, '24m': 0.28}

        def mk(tp, base):
            sc = {}
            for m in measures:
                if tp not in measures[m]:
                    continue
                if tp != 'pre' and R.random() < 0.07:
                    continue
                f = fac[tp]
                if m == 'vas':
                    v = max(0, min(10, round(base['vas'] * f + R.choice([-1, 0, 0, 1]))))
                elif m == 'odi':
                    v = max(0, min(100, 2 * round(base['odi'] * f / 2) + 2 * R.choice([-2, -1, 0, 1, 2])))
                else:
                    v = max(0, min(4, round(base['mobility'] * f + R.choice([0, 0, 1]))))
                sc[m] = v
            return sc
        for tp in tps:
            d = TPD[tp] + R.randint(-JIT[tp], JIT[tp])
            if s2day and d >= s2day - 7:
                break
            if tp != 'pre' and R.random() < 0.12:
                V.append({'session': 1, 'tp': tp, 'day': d, 'scores': None})
            else:
                V.append({'session': 1, 'tp': tp, 'day': d, 'scores': mk(tp, pre)})
        if s2day:
            above = LEV.index(verts[0]['level']) - 1
            fl = LEV[above] if above >= LEV.index('T6') else LEV[LEV.index(verts[-1]['level']) + 1]
            p['fx'].append({'day': s2day - R.randint(4, 12), 'level': fl})
            p['sess'].append({'n': 2, 'day': s2day, 'tech': tech, 'ctype': ctype,
                              'verts': [{'level': fl, 'vol': R.choice([3.0, 3.5, 4.0, 4.5, 5.0]), 'leak': 'none'}]})
            pre2 = {'vas': R.randint(6, 9), 'odi': 2 * R.randint(24, 40), 'mobility': R.randint(2, 4)}
            for tp in s2tps:
                d = s2day + TPD[tp] + R.randint(-JIT[tp], JIT[tp])
                V.append({'session': 2, 'tp': tp, 'day': d, 'scores': mk(tp, pre2)})
        if i in deadidx:
            keep = R.randint(3, 4)
            V = V[:keep]
            if V[-1]['scores'] is None:
                V[-1]['scores'] = mk(V[-1]['tp'], pre)
            p['died'] = 'yes'
            p['death_day'] = V[-1]['day'] + R.randint(15, 60)
        if i in fxidx:
            att = [v for v in V if v['scores'] is not None and v['day'] >= 28]
            lv = att[-1]
            lo = LEV.index(verts[-1]['level']) + 1 + R.randint(0, 1)
            p['fx'].append({'day': lv['day'], 'level': LEV[min(lo, len(LEV) - 1)]})
        # make sure every kept visit with scores has at least one measure
        for v in V:
            if v['scores'] is not None and not v['scores']:
                m0 = [m for m in measures if v['tp'] in measures[m]][0]
                v['scores'][m0] = pre[m0] if v['tp'] == 'pre' else 3 if m0 == 'vas' else 30 if m0 == 'odi' else 1
        p['visits'] = V
        P.append(p)
    return P


def date_of(p, day):
    return p['d0'] + dt.timedelta(days=day)


def fnum(x):
    s = ('%.1f' % x)
    return s[:-2] if s.endswith('.0') else s


def write_truth(out, P, errors, idents, vas_div=1):
    """P entries may carry 'drop' (set of keys) for values removed by planted errors."""
    td = os.path.join(out, 'truth')
    os.makedirs(td, exist_ok=True)

    def w(name, hdr, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            c = csv.writer(f)
            c.writerow(hdr)
            c.writerows(rows)
    rp, rr, ra, rf = [], [], [], []
    for p in P:
        if p.get('noid'):
            continue
        pid = p['pid']
        rp.append([pid, p['sex'], p['age'], p['et'], p['died']])
        for s in p['sess']:
            tot = sum(v['vol'] or 0 for v in s['verts'])
            for v in s['verts']:
                if p.get('session_total'):
                    cv, sv = '', fnum(tot)
                else:
                    cv, sv = ('' if v['vol'] is None else fnum(v['vol'])), ''
                rr.append([pid, s['n'], s['day'], v['level'], s['tech'], cv, sv, s['ctype'], v['leak']])
        for v in p['visits']:
            if v['scores'] is None:
                continue
            for m in ('vas', 'odi', 'mobility'):
                if m in v['scores'] and v['scores'][m] is not None:
                    val = v['scores'][m]
                    if m == 'vas':
                        val = fnum(val / vas_div)
                    else:
                        val = fnum(val)
                    ra.append([pid, v['session'], {'vas': 'pain_vas'}.get(m, m), v['tp'], val])
        for f in p['fx']:
            rf.append([pid, f['day'], f['level']])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], rp)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rr)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], ra)
    w('fractures.csv', ['patient_id', 'day', 'level'], rf)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], idents)


def col(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# ---------------------------------------------------------------- Gaborone site
FN = ['Boitumelo', 'Mpho', 'Kelebogile', 'Onalenna', 'Gaone', 'Lorato', 'Neo', 'Masego', 'Keitumetse', 'Naledi', 'Dikeledi', 'Kefilwe', 'Bontle', 'Goitseone']
MN = ['Kagiso', 'Thabo', 'Tshepo', 'Lesego', 'Mothusi', 'Kgosietsile', 'Oratile']
SN = ['Kgosi', 'Molefe', 'Seretse', 'Dintwe', 'Mogapi', 'Tau', 'Modise', 'Ramotswe', 'Sebina', 'Masire', 'Motswagole', 'Kgari', 'Baitsile', 'Mokgosi', 'Segokgo']
TPS = ['pre', '24h', '6w', '3m', '6m']
EV = {'24h': '24h_arm_1', '6w': '6wk_arm_1', '3m': '3mo_arm_1', '6m': '6mo_arm_1'}
MEAS = {'vas': set(TPS), 'odi': {'pre', '6w', '3m', '6m'}, 'mobility': set(TPS)}
ET = {'osteoporotic': 'Osteoporotic', 'pathologic': ['Metastatic disease', 'Multiple myeloma'], 'traumatic': 'Trauma', 'other': 'Other'}
COLS = ['record_id', 'redcap_event_name', 'redcap_repeat_instrument', 'redcap_repeat_instance', 'hosp_no', 'omang', 'pt_name', 'dob',
        'sex', 'phone', 'village', 'aetiology', 'aetiology_other', 'proc_date', 'proc_type', 'cement_brand', 'level', 'cement_ml',
        'leak___1', 'leak___2', 'leak___3', 'leak___4', 'leak___5', 'visit_date', 'visit_status', 'vas', 'odi', 'mobility',
        'fx_level', 'fx_date_text', 'vital_status', 'death_date', 'comments']
LKC = {'disc': 2, 'venous': 3, 'paravertebral': 4}
VILL = ['Mogoditshane', 'Tlokweng', 'Molepolole', 'Kanye', 'Mochudi', 'Ramotswa', 'Gabane', 'Lobatse']


def main(out):
    P = build(2405, 27, TPS, ['pre', '6w'], MEAS, dt.date(2022, 5, 1), {2, 11, 23}, {5, 16, 25}, {8, 19},
              ctypes=('PMMA',), techw=(70, 30))
    R = random.Random(222)
    errp = {3: 'level', 9: 'before', 13: 'vol', 21: 'vas', 26: 'noid'}
    rows, errors, idents = [], [], []
    used = set()

    def add(d, pid_err=None):
        row = [''] * len(COLS)
        for k, v in d.items():
            row[COLS.index(k)] = v
        rows.append(row)
        return len(rows) + 1  # spreadsheet row (header = 1)
    for p in P:
        i = p['i']
        e = errp.get(i)
        p['pid'] = 'KRH-%03d' % (i + 1)
        pid = p['pid']
        while True:
            nm = R.choice(FN if p['sex'] == 'female' else MN) + ' ' + R.choice(SN)
            if nm not in used:
                break
        used.add(nm)
        hosp = 'KRH%07d' % R.randint(0, 9999999)
        omang = '%d%d%d' % (R.randint(1000, 9999), 1 if p['sex'] == 'male' else 2, R.randint(1000, 9999))
        tel = R.choice(['+267 7%d %03d %03d', '7%d%03d%03d']) % (R.randint(1, 7), R.randint(0, 999), R.randint(0, 999))
        bd = p['birth'].isoformat()
        idents += [['name', nm], ['record_number', hosp], ['national_id', omang], ['birth_date', bd], ['phone', tel]]
        et = ET[p['et']]
        if isinstance(et, list):
            et = R.choice(et)
        vis = {(v['session'], v['tp']): v for v in p['visits']}

        def scores(v, d):
            sc = v['scores']
            if sc is None:
                d['visit_status'] = 'Ga a a tla / Did not attend'
                return d
            d['visit_status'] = 'Attended'
            for m in ('vas', 'odi', 'mobility'):
                if m in sc:
                    d[m] = sc[m]
            return d

        def proc_rows(s, ev, base):
            base.update({'proc_date': date_of(p, s['day']).isoformat(),
                         'proc_type': 'Kyphoplasty (balloon)' if s['tech'] == 'kyphoplasty' else 'Vertebroplasty (PVP)',
                         'cement_brand': R.choice(['Vertecem V+ (PMMA)', 'Osteopal V (PMMA)', 'PMMA - generic'])})
            base['visit_date'] = base['proc_date']
            rr = add(scores(vis[(s['n'], 'pre')], base))
            for k, v in enumerate(s['verts'], 1):
                d = {'record_id': pid, 'redcap_event_name': ev, 'redcap_repeat_instrument': 'treated_level', 'redcap_repeat_instance': k,
                     'level': v['level'], 'cement_ml': fnum(v['vol'])}
                lk = v['leak'].split(';')
                d['leak___1'] = 'Checked' if lk == ['none'] else 'Unchecked'
                for c in range(2, 6):
                    d['leak___%d' % c] = 'Unchecked'
                for x in lk:
                    if x in LKC:
                        d['leak___%d' % LKC[x]] = 'Checked'
                rn = len(rows) + 2
                if e == 'level' and k == len(s['verts']) and s['n'] == 1:
                    d['level'] = 'L6'
                    v['level'] = ''
                    errors.append(['input', 'Q%d' % rn, rn, 'level', 'L6', 'impossible vertebral level L6', pid])
                if e == 'vol' and k == 1 and s['n'] == 1:
                    d['cement_ml'] = '22'
                    v['vol'] = None
                    errors.append(['input', 'R%d' % rn, rn, 'cement_ml', '22', 'cement volume 22 mL in one vertebra (>20)', pid])
                add(d)
        s1 = p['sess'][0]
        base = {'record_id': pid, 'redcap_event_name': 'baseline_arm_1', 'hosp_no': hosp, 'omang': omang, 'pt_name': nm, 'dob': bd,
                'sex': 'Female' if p['sex'] == 'female' else 'Male', 'phone': tel, 'village': R.choice(VILL), 'aetiology': et,
                'aetiology_other': 'vertebral haemangioma' if et == 'Other' else ''}
        proc_rows(s1, 'baseline_arm_1', base)
        for tp in TPS[1:]:
            v = vis.get((1, tp))
            if v is None:
                continue
            d = {'record_id': pid, 'redcap_event_name': EV[tp]}
            if v['scores'] is not None:
                d['visit_date'] = date_of(p, v['day']).isoformat()
            d = scores(v, d)
            rn = len(rows) + 2
            if e == 'before' and tp == '6w' and v['scores'] is not None:
                dd = date_of(p, v['day'])
                d['visit_date'] = dd.replace(year=dd.year - 1).isoformat()
                errors.append(['input', 'X%d' % rn, rn, 'visit_date', d['visit_date'], 'follow-up visit dated before the procedure (year typo)', pid])
            if e == 'vas' and tp == '3m' and v['scores'] and 'vas' in v['scores']:
                d['vas'] = 11
                errors.append(['input', 'Z%d' % rn, rn, 'vas', '11', 'VAS 11 beyond 0-10 scale', pid])
                del v['scores']['vas']
            if e == 'noid' and tp == '3m' and v['scores']:
                d['record_id'] = ''
                errors.append(['input', 'A%d' % rn, rn, 'record_id', '', 'row with visit data but no record_id (sits among this patient\'s rows)', pid])
                v['scores'] = None
            add(d)
        if len(p['sess']) > 1:
            s2 = p['sess'][1]
            proc_rows(s2, 'repeat_proc_arm_1', {'record_id': pid, 'redcap_event_name': 'repeat_proc_arm_1',
                                                 'comments': 'Re-admitted, new painful fracture; repeat augmentation'})
            v = vis.get((2, '6w'))
            if v:
                d = {'record_id': pid, 'redcap_event_name': 'repeat_6wk_arm_1'}
                if v['scores'] is not None:
                    d['visit_date'] = date_of(p, v['day']).isoformat()
                add(scores(v, d))
        d = {'record_id': pid, 'redcap_event_name': 'closeout_arm_1'}
        if p['died'] == 'yes':
            dd = date_of(p, p['death_day'])
            d.update({'vital_status': 'Deceased', 'death_date': dd.isoformat(),
                      'comments': 'O tlhokafetse ka %s (family phoned clinic)' % dd.strftime('%d/%m/%Y')})
        else:
            d.update({'vital_status': 'Alive', 'comments': R.choice(['', '', 'O tsogile sentle - walking with stick', 'Referred back to clinic'])})
        add(d)
        for k, f in enumerate(p['fx'], 1):
            add({'record_id': pid, 'redcap_event_name': 'closeout_arm_1', 'redcap_repeat_instrument': 'new_fracture',
                 'redcap_repeat_instance': k, 'fx_level': f['level'], 'fx_date_text': date_of(p, f['day']).strftime('%d/%m/%Y')})
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'input.csv'), 'w', newline='', encoding='utf-8') as fh:
        c = csv.writer(fh)
        c.writerow(COLS)
        c.writerows(rows)
    write_truth(out, P, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
