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


# ---------------- Oslo: one row per patient, visits across, two-row header, reoperasjon rows ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

LEAK_NO = {'disc': 'disk', 'venous': 'venøs', 'paravertebral': 'paravertebral', 'epidural': 'epidural',
           'foraminal': 'foraminal'}


def no_level(lv):
    return ('Th' + lv[1:]) if lv[0] == 'T' else lv


def no_num(x):
    return ('%g' % x).replace('.', ',')


def main(out):
    os.makedirs(out, exist_ok=True)
    tps = ('1w', '6w', '3m', '12m')
    pats, rng = gen(8404, 23, tps, odi_tps=('pre', '6w', '3m', '12m'), year0=2021, p_second=0.18)
    for i, p in enumerate(pats):
        p['id'] = 'VA-%02d' % (i + 1)
        for s in p['sessions'][1:]:
            s['odi'] = {}
        if p['etiology'] == 'pathologic':
            p['aarsak'] = str(rng.choice(['metastase (mamma)', 'myelomatose', 'metastase (prostata)']))
        elif p['etiology'] == 'traumatic':
            p['aarsak'] = 'traume'
        else:
            p['aarsak'] = 'osteoporose'
    wb = Workbook()
    ws = wb.active
    ws.title = 'Vertebroplastikk'
    thin = Side(style='thin', color='808080')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'Sementaugmentasjon av columna – kvalitetsregister'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'] = 'Østbyen sykehus, Seksjon for intervensjonsradiologi. VAS 0–10, ODI i %. "ikke møtt" = ikke møtt til kontroll.'
    groups = [('Pasient', 1, 5), ('Inngrep', 6, 11), ('Preoperativt', 12, 13), ('1 uke', 14, 14), ('6 uker', 15, 16),
              ('3 mnd', 17, 18), ('12 mnd', 19, 20), ('Forløp', 21, 23)]
    sub = ['Studie-ID', 'Kjønn', 'Alder', 'Årsak', 'Inngrepstype', 'Dato', 'Nivå(er)', 'Metode', 'Sement',
           'Sement totalt (ml)', 'Lekkasje', 'VAS', 'ODI', 'VAS', 'VAS', 'ODI', 'VAS', 'ODI', 'VAS', 'ODI',
           'Nye brudd (nivå, dato)', 'Død', 'Kommentar']
    fills = ['DDEBF7', 'E2EFDA', 'FCE4D6', 'EDEDED', 'EDEDED', 'EDEDED', 'EDEDED', 'D9D9D9']
    for (g, a, b), fc in zip(groups, fills):
        c = ws.cell(4, a, g)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal='center')
        for j in range(a, b + 1):
            ws.cell(4, j).fill = PatternFill('solid', fgColor=fc)
            ws.cell(4, j).border = bd
            ws.cell(5, j).fill = PatternFill('solid', fgColor=fc)
        if b > a:
            ws.merge_cells(start_row=4, end_row=4, start_column=a, end_column=b)
    for j, h in enumerate(sub, 1):
        c = ws.cell(5, j, h)
        c.font = Font(bold=True)
        c.border = bd
        c.alignment = Alignment(wrap_text=True, horizontal='center')
    C = {}
    for j, h in enumerate(sub, 1):
        C.setdefault(h, []).append(j)
    vcol = {('pain', 'pre'): 12, ('odi', 'pre'): 13, ('pain', '1w'): 14, ('pain', '6w'): 15, ('odi', '6w'): 16,
            ('pain', '3m'): 17, ('odi', '3m'): 18, ('pain', '12m'): 19, ('odi', '12m'): 20}
    yellow = PatternFill('solid', fgColor='FFF2CC')
    r = 6
    loc = {}
    for i, p in enumerate(pats):
        for k, s in enumerate(p['sessions'], 1):
            loc[(i, k)] = r
            ws.cell(r, 1, p['id'])
            if k == 1:
                ws.cell(r, 2, 'K' if p['sex'] == 'female' else 'M')
                ws.cell(r, 3, p['age'])
                ws.cell(r, 4, p['aarsak'])
                ws.cell(r, 5, 'primær')
            else:
                ws.cell(r, 5, 'reoperasjon')
            c = ws.cell(r, 6, s['date'])
            c.number_format = 'dd.mm.yyyy'
            ws.cell(r, 7, ', '.join(no_level(l['level']) for l in s['levels']))
            ws.cell(r, 8, 'VP' if s['tech'] == 'vertebroplasty' else 'BKP')
            ws.cell(r, 9, 'Vertecem V+' if s['tech'] == 'vertebroplasty' else 'Kyphon HV-R')
            tot = round(sum(l['vol'] for l in s['levels']), 1)
            ws.cell(r, 10, no_num(tot) + ' ml' if rng.random() < 0.3 else tot)
            leaks = [(l['level'], l['leak']) for l in s['levels'] if l['leak'] != 'none']
            if not leaks:
                ws.cell(r, 11, 'nei')
            elif len(s['levels']) == 1:
                ws.cell(r, 11, 'ja, ' + ' og '.join(LEAK_NO[x] for x in leaks[0][1].split(';')))
            else:
                ws.cell(r, 11, 'ja: ' + '; '.join('%s %s' % (no_level(lv), ' og '.join(LEAK_NO[x] for x in lk.split(';')))
                                                 for lv, lk in leaks))
            for (m, tp), j in vcol.items():
                d = s['pain'] if m == 'pain' else s['odi']
                if tp in d:
                    ws.cell(r, j, 'ikke møtt' if d[tp] is None else d[tp])
                elif k > 1 and m == 'odi':
                    ws.cell(r, j, None)
            if k == 1:
                ws.cell(r, 21, '; '.join('%s %s' % (no_level(f['level']), (p['d0'] + dt.timedelta(days=f['day'])).strftime('%d.%m.%Y'))
                                         for f in p['fractures']) or 'nei')
                ws.cell(r, 22, 'ja' if p['died'] == 'yes' else 'nei')
                com = []
                if p['died'] == 'yes':
                    com.append('død %s' % after_fx(p, p['sessions'][-1]['date'] + dt.timedelta(days=int(rng.integers(400, 700)))).strftime('%d.%m.%Y'))
                if len(p['sessions']) > 1:
                    com.append('se reoperasjon under')
                ws.cell(r, 23, ', '.join(com))
            else:
                ws.cell(r, 23, 'nytt brudd, ny VP' if s['tech'] == 'vertebroplasty' else 'nytt brudd, BKP')
            for j in range(1, 24):
                ws.cell(r, j).border = bd
                if k > 1:
                    ws.cell(r, j).fill = yellow
            r += 1
    ws.cell(r + 1, 1, 'Fargekode:').font = Font(bold=True)
    ws.cell(r + 1, 2).fill = yellow
    ws.cell(r + 1, 3, 'gul rad = reoperasjon (nytt inngrep på samme pasient)')
    ws.cell(r + 2, 1, 'VP = vertebroplastikk, BKP = ballongkyfoplastikk. Sement: PMMA.')
    for j, wd in enumerate([9, 6, 6, 18, 12, 11, 12, 7, 13, 10, 22, 5, 5, 5, 5, 5, 5, 5, 5, 5, 22, 5, 26], 1):
        ws.column_dimensions[get_column_letter(j)].width = wd
    ws.freeze_panes = 'B6'

    errors = []

    def err(rr, j, val, what, i):
        c = ws.cell(rr, j)
        c.value = val
        errors.append([ws.title, c.coordinate, rr, sub[j - 1], val, what, pats[i]['id']])
    err(loc[(2, 1)], 7, ws.cell(loc[(2, 1)], 7).value.replace(no_level(pats[2]['sessions'][0]['levels'][0]['level']), 'Th13', 1)
        if pats[2]['sessions'][0]['levels'][0]['level'][0] == 'T' else 'Th13', 'impossible vertebral level Th13', 2)
    one = [i for i, p in enumerate(pats) if len(p['sessions'][0]['levels']) == 1 and i > 4]
    err(loc[(one[0], 1)], 10, 45, '45 mL of cement for a single vertebra', one[0])
    err(loc[(9, 1)], 15, 14, 'VAS 14 on a 0-10 scale', 9)
    err(loc[(13, 1)], 6, '29.02.2022', 'impossible date (2022 is not a leap year)', 13)
    err(loc[(17, 1)], 18, 130, 'ODI 130 % is outside 0-100', 17)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, [], session_total=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
