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


# ---------------- Kyiv: one row per vertebra, patient cells merged ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SURN_F = ['Коваленко', 'Бондаренко', 'Ткаченко', 'Шевченко', 'Кравченко', 'Олійник', 'Мельник', 'Лисенко', 'Руденко', 'Мороз']
SURN_M = ['Коваленко', 'Бойко', 'Ткачук', 'Савчук', 'Гнатюк', 'Поліщук', 'Марченко', 'Павленко']
FN_F = ['Галина', 'Ольга', 'Надія', 'Валентина', 'Людмила', 'Тетяна', 'Марія', 'Ніна', 'Лариса']
FN_M = ['Петро', 'Іван', 'Микола', 'Василь', 'Олександр', 'Григорій', 'Анатолій']
PAT_F = ['Іванівна', 'Петрівна', 'Миколаївна', 'Василівна', 'Олексіївна']
PAT_M = ['Іванович', 'Петрович', 'Миколайович', 'Степанович', 'Федорович']
LEAK_UA = {'disc': 'в диск', 'venous': 'венозний', 'paravertebral': 'паравертебральний',
           'epidural': 'епідуральний', 'foraminal': 'фораміальний'}


def ua_level(lv):
    return ('Th' + lv[1:]) if lv[0] == 'T' else lv


def main(out):
    os.makedirs(out, exist_ok=True)
    pats, rng = gen(8101, 22, ('24h', '1m', '3m'), year0=2021)
    idents = []
    for i, p in enumerate(pats):
        p['id'] = 'КВ-%03d' % (i + 1)
        if p['sex'] == 'female':
            nm = '%s %s %s' % (rng.choice(SURN_F), rng.choice(FN_F), rng.choice(PAT_F))
        else:
            nm = '%s %s %s' % (rng.choice(SURN_M), rng.choice(FN_M), rng.choice(PAT_M))
        p['name'] = nm
        p['phone'] = '+380 %02d %03d %02d %02d' % (int(rng.choice([50, 67, 63, 97, 95])), rng.integers(100, 999),
                                                    rng.integers(10, 99), rng.integers(10, 99))
        idents.append(['name', nm])
        idents.append(['phone', p['phone']])
        if p['etiology'] == 'pathologic':
            p['et_txt'] = str(rng.choice(['мтс раку молочної залози', 'множинна мієлома', 'мтс раку простати']))
        elif p['etiology'] == 'traumatic':
            p['et_txt'] = 'травма (падіння з висоти)'
        else:
            p['et_txt'] = str(rng.choice(['остеопороз', 'остеопоротичний перелом', 'системний остеопороз']))

    wb = Workbook()
    ws = wb.active
    ws.title = 'Вертебропластика'
    thin = Side(style='thin', color='999999')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'Реєстр пункційної вертебропластики / кіфопластики'
    ws['A1'].font = Font(bold=True, size=14)
    ws.merge_cells('A1:T1')
    ws['A2'] = 'Відділення нейрохірургії №2, КНП «Міська клінічна лікарня», м. Київ. Період: 2021–2023 рр.'
    ws.merge_cells('A2:T2')
    ws['A3'] = 'ВАШ — візуально-аналогова шкала болю 0–10; н/з — не з\'явився(лась) на контроль'
    ws['A3'].font = Font(italic=True, size=9)
    ws.merge_cells('A3:T3')
    hdr = ['№ з/п', 'Шифр', 'ПІБ пацієнта', 'Телефон', 'Стать', 'Вік, років', 'Діагноз (етіологія)',
           'Дата операції', 'Хребець', 'Методика', 'Цемент', "Об'єм цементу, мл", 'Витік цементу',
           'ВАШ до операції', 'ВАШ 1 доба', 'ВАШ 1 міс', 'ВАШ 3 міс', 'Нові переломи', 'Помер', 'Примітки']
    HR = 5
    for j, h in enumerate(hdr, 1):
        c = ws.cell(HR, j, h)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
        c.fill = PatternFill('solid', fgColor='D9E1F2')
        c.border = bd
    col = {h: j for j, h in enumerate(hdr, 1)}
    brand = {'PMMA': 'Osteopal V'}
    r = HR + 1
    loc = {}  # (pid, what, session, levelidx) -> row
    for i, p in enumerate(pats):
        r0 = r
        for k, s in enumerate(p['sessions'], 1):
            rs = r
            for li, l in enumerate(s['levels']):
                loc[(i, 'lev', k, li)] = r
                ws.cell(r, col['Хребець'], ua_level(l['level']))
                if rng.random() < 0.25:
                    ws.cell(r, col["Об'єм цементу, мл"], ('%s мл' % l['vol']).replace('.', ','))
                else:
                    ws.cell(r, col["Об'єм цементу, мл"], l['vol'])
                ws.cell(r, col['Витік цементу'],
                        'ні' if l['leak'] == 'none' else ', '.join(LEAK_UA[x] for x in l['leak'].split(';')))
                ws.cell(r, col['Методика'], 'ВП' if s['tech'] == 'vertebroplasty' else 'КП')
                ws.cell(r, col['Цемент'], brand[s['cement']])
                r += 1
            re_ = r - 1
            loc[(i, 'ses', k)] = rs
            ws.cell(rs, col['Дата операції'], s['date'].strftime('%d.%m.%Y'))
            for tp, h in (('pre', 'ВАШ до операції'), ('24h', 'ВАШ 1 доба'), ('1m', 'ВАШ 1 міс'), ('3m', 'ВАШ 3 міс')):
                v = s['pain'].get(tp)
                ws.cell(rs, col[h], 'н/з' if v is None else v)
            if re_ > rs:
                for h in ('Дата операції', 'ВАШ до операції', 'ВАШ 1 доба', 'ВАШ 1 міс', 'ВАШ 3 міс'):
                    ws.merge_cells(start_row=rs, end_row=re_, start_column=col[h], end_column=col[h])
        r1 = r - 1
        loc[(i, 'pat')] = r0
        ws.cell(r0, col['№ з/п'], i + 1)
        ws.cell(r0, col['Шифр'], p['id'])
        ws.cell(r0, col['ПІБ пацієнта'], p['name'])
        ws.cell(r0, col['Телефон'], p['phone'])
        ws.cell(r0, col['Стать'], 'ж' if p['sex'] == 'female' else 'ч')
        ws.cell(r0, col['Вік, років'], p['age'])
        ws.cell(r0, col['Діагноз (етіологія)'], p['et_txt'])
        frs = '; '.join('%s – %s' % (ua_level(f['level']), (p['d0'] + dt.timedelta(days=f['day'])).strftime('%d.%m.%Y'))
                        for f in p['fractures'])
        ws.cell(r0, col['Нові переломи'], frs if frs else '—')
        if p['died'] == 'yes':
            last = p['sessions'][-1]['date']
            ws.cell(r0, col['Помер'], 'так (%s)' % after_fx(p, last + dt.timedelta(days=int(rng.integers(100, 400)))).strftime('%d.%m.%Y'))
        else:
            ws.cell(r0, col['Помер'], 'ні')
        notes = []
        if len(p['sessions']) > 1:
            notes.append('повторне втручання з приводу нового перелому')
        if any(l['leak'] != 'none' for s in p['sessions'] for l in s['levels']):
            notes.append('витік без клінічних проявів')
        if p['etiology'] == 'pathologic':
            notes.append('біопсія під час операції')
        ws.cell(r0, col['Примітки'], '; '.join(notes))
        if r1 > r0:
            for h in ('№ з/п', 'Шифр', 'ПІБ пацієнта', 'Телефон', 'Стать', 'Вік, років', 'Діагноз (етіологія)',
                      'Нові переломи', 'Помер', 'Примітки'):
                ws.merge_cells(start_row=r0, end_row=r1, start_column=col[h], end_column=col[h])
        for rr in range(r0, r1 + 1):
            for j in range(1, len(hdr) + 1):
                ws.cell(rr, j).border = bd
                ws.cell(rr, j).alignment = Alignment(vertical='center', wrap_text=True)
    ws.cell(r + 1, 1, 'Заповнила: м/с Гончаренко О.В.')
    idents.append(['name', 'Гончаренко О.В.'])
    for j, wdt in enumerate([5, 9, 28, 17, 6, 7, 24, 12, 8, 9, 12, 10, 18, 8, 8, 8, 8, 18, 16, 30], 1):
        ws.column_dimensions[get_column_letter(j)].width = wdt
    ws.freeze_panes = 'D6'

    errors = []
    sh = ws.title

    def err(rr, h, val, what, i):
        c = ws.cell(rr, col[h])
        c.value = val
        errors.append([sh, c.coordinate, rr, h, val, what, pats[i]['id']])
    err(loc[(3, 'lev', 1, 0)], 'Хребець', 'L7', 'impossible vertebral level', 3)
    err(loc[(7, 'lev', 1, 0)], "Об'єм цементу, мл", 45, '45 mL of cement in one vertebra is impossible', 7)
    err(loc[(11, 'ses', 1)], 'ВАШ 1 доба', 14, 'pain score 14 on a 0-10 scale', 11)
    err(loc[(15, 'ses', 1)], 'Дата операції', '31.02.2022', 'impossible date (31 February)', 15)
    err(loc[(18, 'pat')], 'Вік, років', 210, 'age of 210 years', 18)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pats, errors, idents)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
