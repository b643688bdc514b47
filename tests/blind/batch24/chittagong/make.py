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


# ---------------------------------------------------------------- Chittagong site
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill

BN = str.maketrans('0123456789', '০১২৩৪৫৬৭৮৯')
FEM = ['রহিমা খাতুন', 'ফাতেমা বেগম', 'আনোয়ারা বেগম', 'নূরজাহান বেগম', 'হাসিনা আক্তার', 'সালমা খাতুন', 'মমতাজ বেগম',
       'রোকেয়া বেগম', 'জাহানারা বেগম', 'শাহানারা আক্তার', 'কুলসুম বেগম', 'আয়েশা খাতুন', 'মরিয়ম বেগম', 'রাশেদা বেগম',
       'সুফিয়া খাতুন', 'নাসিমা আক্তার', 'মিনতি বড়ুয়া', 'গীতা দাশ', 'হোসনে আরা', 'লুৎফুন্নেসা']
MAL = ['আব্দুল করিম', 'মোহাম্মদ ইউসুফ', 'নুরুল ইসলাম', 'আবুল কাশেম', 'জসিম উদ্দিন', 'মো. আলমগীর', 'সিরাজুল হক',
       'বাবুল চৌধুরী', 'দিলীপ বড়ুয়া', 'প্রদীপ দাশ', 'আহমদ হোসেন', 'নজরুল ইসলাম']
ET = {'osteoporotic': 'অস্টিওপোরোটিক', 'pathologic': ['মেটাস্টেসিস (ব্রেস্ট ক্যা.)', 'মাল্টিপল মায়েলোমা', 'মেটাস্টেসিস (প্রোস্টেট ক্যা.)'],
      'traumatic': 'আঘাতজনিত (পড়ে যাওয়া)', 'other': 'হেমানজিওমা'}
LK = {'none': 'নেই', 'disc': 'ডিস্ক', 'venous': 'ভেনাস', 'paravertebral': 'প্যারাভার্টিব্রাল', 'disc;venous': 'ডিস্ক+ভেনাস'}
VT = ['pre', '24h', '1m', '3m', '6m']
VH = ['প্রি-অপ', '২৪ ঘণ্টা', '১ মাস', '৩ মাস', '৬ মাস']
OT = ['pre', '3m', '6m']
OH = ['প্রি-অপ', '৩ মাস', '৬ মাস']
MEAS = {'vas': set(VT), 'odi': set(OT)}


def blev(l):
    return 'D' + l[1:] if l[0] == 'T' else l


def bdate(d, R):
    k = R.randint(0, 5)
    s = d.strftime('%d/%m/%Y') if k < 3 else d.strftime('%d-%m-%y')
    return s.translate(BN) if k in (2, 5) else s


def main(out):
    P = build(2406, 25, VT, ['pre', '24h', '1m'], MEAS, dt.date(2022, 7, 1), {2, 10, 18}, {7, 15, 22}, {4, 20},
              techw=(80, 20))
    R = random.Random(88)
    errp = {5: 'vol', 12: 'noid', 16: 'level', 21: 'date'}
    wb = Workbook()
    ws = wb.active
    ws.title = 'VP রেজিস্টার'
    SH = ws.title
    ws['A1'] = 'চট্টগ্রাম মেডিকেল কলেজ হাসপাতাল — অর্থোপেডিক সার্জারি বিভাগ | Vertebroplasty / Kyphoplasty Register'
    ws['A1'].font = Font(bold=True, size=12)
    groups = [('রোগীর তথ্য (Patient)', 1, 8), ('প্রসিডিউর', 9, 12), ('কশেরুকা ১', 13, 15), ('কশেরুকা ২', 16, 18),
              ('কশেরুকা ৩', 19, 21), ('ব্যথা VAS (0-10)', 22, 26), ('ODI (%)', 27, 29), ('ফলো-আপ', 30, 32)]
    sub = ['ক্রমিক', 'স্টাডি আইডি', 'রেজি. নং', 'নাম', 'বয়স', 'লিঙ্গ', 'মোবাইল', 'রোগ নির্ণয়', 'সেশন', 'তারিখ', 'পদ্ধতি', 'সিমেন্ট']
    sub += ['লেভেল', 'সিমেন্ট (ml)', 'লিকেজ'] * 3 + VH + OH + ['নতুন ফ্র্যাকচার', 'মৃত্যু', 'মন্তব্য']
    fills = ['FCE4D6', 'E2EFDA', 'DDEBF7', 'DDEBF7', 'DDEBF7', 'FFF2CC', 'FFF2CC', 'EDEDED']
    for (g, a, b), fc in zip(groups, fills):
        ws.cell(2, a, g).font = Font(bold=True)
        ws.merge_cells(start_row=2, start_column=a, end_row=2, end_column=b)
        for j in range(a, b + 1):
            ws.cell(3, j).fill = PatternFill('solid', fgColor=fc)
    for j, h in enumerate(sub, 1):
        ws.cell(3, j, h).font = Font(bold=True)
    errors, idents = [], []
    used = set()
    r = 4
    serial = 0

    def num(x, c=0.3):
        s = fnum(x)
        return s.translate(BN) if R.random() < c else (float(s) if '.' in s else int(s))
    for p in P:
        i = p['i']
        e = errp.get(i)
        p['pid'] = 'CMC-VP-%02d' % (i + 1)
        while True:
            nm = R.choice(FEM if p['sex'] == 'female' else MAL)
            if nm not in used:
                break
        used.add(nm)
        reg = '%05d/%02d' % (R.randint(10000, 99999), p['d0'].year % 100)
        mob = '01%d%02d-%06d' % (R.choice([7, 8, 9, 5, 3]), R.randint(10, 99), R.randint(0, 999999))
        if R.random() < 0.3:
            mob = mob.translate(BN)
        idents += [['name', nm], ['record_number', reg], ['phone', mob]]
        et = ET[p['et']]
        if isinstance(et, list):
            et = R.choice(et)
        for s in p['sess']:
            serial += 1
            ws.cell(r, 1, serial)
            if e == 'noid':
                p['noid'] = True
                errors.append([SH, 'B%d' % r, r, 'স্টাডি আইডি', '', 'row with data but no study ID', ''])
            else:
                ws.cell(r, 2, p['pid'])
            ws.cell(r, 3, reg)
            ws.cell(r, 4, nm)
            if s['n'] == 1:
                ws.cell(r, 5, num(p['age']))
                ws.cell(r, 6, 'মহিলা' if p['sex'] == 'female' else 'পুরুষ')
                ws.cell(r, 7, mob)
                ws.cell(r, 8, et)
            else:
                for j in range(5, 9):
                    ws.cell(r, j, 'ঐ')
            ws.cell(r, 9, '১ম' if s['n'] == 1 else '২য় (নতুন ফ্র্যাকচার)')
            ds = bdate(date_of(p, s['day']), R)
            if e == 'date':
                ds = '31/04/%d' % p['d0'].year
                errors.append([SH, 'J%d' % r, r, 'তারিখ', ds, 'impossible date (31 April)', p['pid']])
            ws.cell(r, 10, ds)
            ws.cell(r, 11, 'KP' if s['tech'] == 'kyphoplasty' else 'VP')
            ws.cell(r, 12, R.choice(['PMMA', 'PMMA', 'Simplex P']))
            for k, v in enumerate(s['verts']):
                c = 13 + 3 * k
                lv = blev(v['level'])
                if e == 'level' and k == 0:
                    lv = 'D13'
                    errors.append([SH, col(c) + str(r), r, 'লেভেল', lv, 'impossible vertebral level D13 (T13)', p['pid']])
                    v['level'] = ''
                ws.cell(r, c, lv)
                vol = num(v['vol'])
                if e == 'vol' and k == 0:
                    vol = 24
                    errors.append([SH, col(c + 1) + str(r), r, 'সিমেন্ট (ml)', '24', 'cement volume 24 mL in one vertebra (>20)', p['pid']])
                    v['vol'] = None
                ws.cell(r, c + 1, vol)
                ws.cell(r, c + 2, LK[v['leak']])
            vis = {v['tp']: v for v in p['visits'] if v['session'] == s['n']}
            for tps, base, m in ((VT, 22, 'vas'), (OT, 27, 'odi')):
                for q, tp in enumerate(tps):
                    v = vis.get(tp)
                    if v is None:
                        continue
                    if v['scores'] is None:
                        ws.cell(r, base + q, 'আসেননি')
                    elif m not in v['scores']:
                        if tp in MEAS[m]:
                            ws.cell(r, base + q, '-')
                    else:
                        ws.cell(r, base + q, num(v['scores'][m], 0.25))
            if s['n'] == 1:
                fx = '; '.join('%s %s' % (bdate(date_of(p, f['day']), R), blev(f['level'])) for f in p['fx'])
                ws.cell(r, 30, fx or None)
                if p['died'] == 'yes':
                    ws.cell(r, 31, 'হ্যাঁ (%s)' % bdate(date_of(p, p['death_day']), R))
                    ws.cell(r, 32, 'বাড়িতে মৃত্যু, আত্মীয় ফোনে জানিয়েছেন')
                else:
                    ws.cell(r, 31, 'না')
            else:
                ws.cell(r, 32, 'একই রোগী — পুনরায় প্রসিডিউর')
            r += 1
    ws.freeze_panes = 'E4'
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, P, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
