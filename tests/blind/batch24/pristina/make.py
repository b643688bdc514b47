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


# ---------------------------------------------------------------- Pristina site
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

AF = ['Shqipe', 'Fatime', 'Hajrije', 'Mirvete', 'Lumturije', 'Sabrije', 'Naxhije', 'Zyrafete', 'Xhemile', 'Hava', 'Shpresa', 'Nazmije']
AM = ['Bajram', 'Rexhep', 'Ismet', 'Avdi', 'Shaban', 'Halil', 'Nexhat']
AS = ['Krasniqi', 'Berisha', 'Gashi', 'Hoxha', 'Morina', 'Shala', 'Kelmendi', 'Bytyqi', 'Rexhepi', 'Osmani', 'Thaçi', 'Sylejmani']
SF = [('Milica', 'Милица'), ('Dragica', 'Драгица'), ('Ljiljana', 'Љиљана'), ('Stana', 'Стана'), ('Vesna', 'Весна')]
SM = [('Dragan', 'Драган'), ('Slobodan', 'Слободан'), ('Miroslav', 'Мирослав')]
SS = [('Jovanović', 'Јовановић'), ('Stojanović', 'Стојановић'), ('Petrović', 'Петровић'), ('Nikolić', 'Николић'), ('Marković', 'Марковић')]
TPS = ['pre', '24h', '1m', '3m', '6m', '12m']
TPL = {'pre': 'Para procedurës / Pre op', '24h': '24 orë / 24 h', '1m': '1 muaj / 1 mesec', '3m': '3 muaj / 3 meseca',
       '6m': '6 muaj / 6 meseci', '12m': '12 muaj / 12 meseci'}
MEAS = {'vas': set(TPS), 'odi': {'pre', '1m', '3m', '6m', '12m'}}
# value vocabularies: Albanian / Serbian Latin / Serbian Cyrillic
V = {
    'sq': {'female': 'Femër', 'male': 'Mashkull', 'alive': 'Gjallë', 'dead': 'Ndërroi jetë më %s', 'miss': 'nuk u paraqit', 'nd': 'n.d.',
           'nofx': 'Jo', 'vp': 'Vertebroplastikë', 'kp': 'Kifoplastikë me balon',
           'osteoporotic': 'Frakturë osteoporotike', 'pathologic': 'Metastazë (Ca mamae)', 'traumatic': 'Frakturë traumatike', 'other': 'Hemangiom vertebral',
           'none': 'Jo', 'disc': 'diskale', 'venous': 'venoze', 'paravertebral': 'paravertebrale', 'disc;venous': 'diskale + venoze', 'yrs': 'vjeç'},
    'sr': {'female': 'Ženski', 'male': 'Muški', 'alive': 'Živ(a)', 'dead': 'Preminuo/la %s', 'miss': 'nije došao/la', 'nd': 'n.d.',
           'nofx': 'Ne', 'vp': 'Vertebroplastika', 'kp': 'Kifoplastika',
           'osteoporotic': 'Osteoporotični prelom', 'pathologic': 'Multipli mijelom', 'traumatic': 'Traumatski prelom', 'other': 'Hemangiom pršljena',
           'none': 'Ne', 'disc': 'u disk', 'venous': 'venski', 'paravertebral': 'paravertebralno', 'disc;venous': 'disk + venski', 'yrs': 'god.'},
    'cy': {'female': 'Женски', 'male': 'Мушки', 'alive': 'Жив(а)', 'dead': 'Преминуо/ла %s', 'miss': 'није дошао/ла', 'nd': 'н.д.',
           'nofx': 'Не', 'vp': 'Вертебропластика', 'kp': 'Кифопластика',
           'osteoporotic': 'Остеопоротични прелом', 'pathologic': 'Метастаза (Ca простате)', 'traumatic': 'Трауматски прелом', 'other': 'Хемангиом пршљена',
           'none': 'Не', 'disc': 'у диск', 'venous': 'венски', 'paravertebral': 'паравертебрално', 'disc;venous': 'диск + венски', 'yrs': 'год.'},
}


def kd(d):
    return d.strftime('%d.%m.%Y')


def kn(x):
    return ('%.1f' % x).replace('.', ',')


def main(out):
    P = build(2404, 22, TPS, ['pre', '1m', '3m'], MEAS, dt.date(2022, 2, 1), {3, 9, 15}, {5, 12, 18}, {7, 20},
              ctypes=('PMMA',), techw=(55, 45))
    R = random.Random(111)
    errp = {1: 'level', 10: 'odi', 14: 'date', 17: 'vas'}
    wb = Workbook()
    wb.remove(wb.active)
    errors, idents = [], []
    used = set()
    for p in P:
        i = p['i']
        e = errp.get(i)
        p['pid'] = 'VP-%02d' % (i + 1)
        p['session_total'] = True
        lang = R.choices(['sq', 'sr', 'cy'], [70, 15, 15])[0]
        L = V[lang]
        while True:
            if lang == 'sq':
                nm = R.choice(AF if p['sex'] == 'female' else AM) + ' ' + R.choice(AS)
            else:
                f = R.choice(SF if p['sex'] == 'female' else SM)
                s_ = R.choice(SS)
                nm = (f[0] + ' ' + s_[0]) if lang == 'sr' else (f[1] + ' ' + s_[1])
            if nm not in used:
                break
        used.add(nm)
        rec = '%d/%d' % (R.randint(1000, 9999), p['d0'].year)
        bd = kd(p['birth'])
        tel = '+383 4%d %03d %03d' % (R.choice([4, 5, 9]), R.randint(0, 999), R.randint(0, 999))
        idents += [['name', nm], ['record_number', rec], ['birth_date', bd], ['phone', tel]]
        ws = wb.create_sheet(p['pid'])
        SH = ws.title
        ws['A1'] = 'Klinika e Ortopedisë dhe Traumatologjisë — QKUK Prishtinë / Klinika za ortopediju i traumatologiju'
        ws['A2'] = 'KARTELA E PACIENTIT – VERTEBROPLASTIKË / KIFOPLASTIKË  (KARTON PACIJENTA)'
        ws['A2'].font = Font(bold=True, size=12)
        if p['died'] == 'yes':
            status = L['dead'] % kd(date_of(p, p['death_day']))
        else:
            status = L['alive']
        fx = '; '.join('%s – %s' % (f['level'], kd(date_of(p, f['day']))) for f in p['fx']) or L['nofx']
        kv = [('Kodi / Šifra:', p['pid']), ('Emri dhe mbiemri / Ime i prezime:', nm), ('Nr. i kartelës / Br. istorije bolesti:', rec),
              ('Data e lindjes / Datum rođenja:', bd), ('Gjinia / Pol:', L[p['sex']]), ('Mosha / Starost:', '%d %s' % (p['age'], L['yrs'])),
              ('Telefoni / Telefon:', tel), ('Diagnoza / Dijagnoza:', L[p['et']]), ('Statusi në fund / Ishod:', status),
              ('Frakturë e re / Nova fraktura:', fx)]
        for k, (a, b) in enumerate(kv):
            ws.cell(4 + k, 1, a).font = Font(bold=True)
            ws.cell(4 + k, 2, b)
        r = 15
        ws.cell(r, 1, 'PROCEDURAT / PROCEDURE').font = Font(bold=True)
        r += 1
        h = ['Seanca / Sesija', 'Data / Datum', 'Procedura / Procedura', 'Nivelet / Nivoi', 'Çimento gjithsej (ml) / Cement ukupno (ml)', 'Lloji i çimentos / Vrsta cementa', 'Rrjedhja e çimentos / Curenje cementa']
        for j, x in enumerate(h, 1):
            ws.cell(r, j, x).font = Font(bold=True)
            ws.cell(r, j).fill = PatternFill('solid', fgColor='D9E1F2')
        r += 1
        for s in p['sess']:
            levs = [v['level'] for v in s['verts']]
            if e == 'level' and s['n'] == 1:
                levs[0] = 'T13'
                s['verts'][0]['level'] = ''
                errors.append([SH, 'D%d' % r, r, h[3], ', '.join(levs), 'impossible vertebral level T13', p['pid']])
            if len(s['verts']) == 1 or all(v['leak'] == 'none' for v in s['verts']):
                lk = L[s['verts'][0]['leak']]
            else:
                lk = '; '.join('%s: %s' % (l, L[v['leak']]) for l, v in zip(levs, s['verts']))
            vals = [s['n'], kd(date_of(p, s['day'])), L['kp' if s['tech'] == 'kyphoplasty' else 'vp'], ', '.join(levs),
                    kn(sum(v['vol'] for v in s['verts'])), R.choice(['PMMA', 'Osteopal V', 'Vertecem V+']), lk]
            for j, x in enumerate(vals, 1):
                ws.cell(r, j, x)
            r += 1
        r += 1
        ws.cell(r, 1, 'KONTROLLAT / KONTROLE  (VAS në mm 0–100)').font = Font(bold=True)
        r += 1
        h2 = ['Seanca / Sesija', 'Kontrolli / Kontrola', 'Data / Datum', 'VAS (mm)', 'ODI (%)', 'Shënime / Napomena']
        for j, x in enumerate(h2, 1):
            ws.cell(r, j, x).font = Font(bold=True)
            ws.cell(r, j).fill = PatternFill('solid', fgColor='E2EFDA')
        r += 1
        for v in p['visits']:
            ws.cell(r, 1, v['session'])
            ws.cell(r, 2, TPL[v['tp']])
            d = date_of(p, v['day'])
            sc = v['scores']
            if sc is None:
                ws.cell(r, 6, L['miss'])
                r += 1
                continue
            ds = kd(d)
            if e == 'date' and v['tp'] == '3m':
                ds = '31.06.%d' % d.year
                errors.append([SH, 'C%d' % r, r, h2[2], ds, 'impossible date (31 June)', p['pid']])
            ws.cell(r, 3, ds)
            if 'vas' in sc:
                mm = max(0, min(100, sc['vas'] * 10 + R.choice([-5, 0, 0, 0, 5])))
                sc['vas'] = mm
                if e == 'vas' and v['tp'] == '1m':
                    ws.cell(r, 4, 135)
                    errors.append([SH, 'D%d' % r, r, h2[3], '135', 'VAS 135 mm beyond 0-100 mm scale', p['pid']])
                    del sc['vas']
                else:
                    ws.cell(r, 4, mm)
            else:
                ws.cell(r, 4, L['nd'])
            if 'odi' in sc:
                if e == 'odi' and v['tp'] == 'pre':
                    ws.cell(r, 5, 130)
                    errors.append([SH, 'E%d' % r, r, h2[4], '130', 'ODI 130 % beyond 0-100 scale', p['pid']])
                    del sc['odi']
                else:
                    ws.cell(r, 5, sc['odi'])
            elif v['tp'] in MEAS['odi']:
                ws.cell(r, 5, L['nd'])
            r += 1
        for j, x in enumerate([38, 30, 24, 16, 16, 20, 30], 1):
            ws.column_dimensions[col(j)].width = x
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, P, errors, idents, vas_div=10)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
