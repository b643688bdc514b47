"""Blind test workbook: Moscow (Russia), one row per treated vertebra, Russian headers.

Run:  python make.py OUTDIR
Writes OUTDIR/input.xlsx and OUTDIR/truth/*.csv deterministically.
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 557031
N_PATIENTS = 24

LEVELS = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
          + ['L%d' % i for i in range(1, 6)] + ['S1'])
IDX = {l: i for i, l in enumerate(LEVELS)}
CAND = LEVELS[IDX['T5']:IDX['L5'] + 1]
CAND_W = np.array([1, 1, 1.5, 2, 2.5, 3, 6, 10, 9, 6, 4, 2, 1], float)
TP_DAYS = {'pre': 0, '1m': 30, '6m': 182}
EXPORT_DATE = dt.date(2022, 11, 30)

ETIOS = [  # key, label, truth, weight, ages
    ('osteo', 'остеопоротический перелом', 'osteoporotic', 0.45, (58, 88)),
    ('osteo2', 'остеопороз', 'osteoporotic', 0.15, (58, 88)),
    ('breast', 'метастаз рака молочной железы', 'pathologic', 0.08, (42, 78)),
    ('kidney', 'mts рака почки', 'pathologic', 0.05, (48, 78)),
    ('myeloma', 'миеломная болезнь', 'pathologic', 0.10, (50, 80)),
    ('hemang', 'агрессивная гемангиома', 'other', 0.07, (30, 65)),
    ('trauma', 'травматический перелом', 'traumatic', 0.10, (28, 70)),
]
LEAK_RU = {'disc': 'в диск', 'venous': 'в вены', 'epidural': 'эпидурально',
           'foraminal': 'в межпозвонковое отверстие', 'paravertebral': 'паравертебрально'}
CEMENTS = {'Osteopal V': 'PMMA', 'Spineplex': 'PMMA', 'Confidence': 'PMMA', 'КЕРАЛ-ВП': 'PMMA'}


def rdate(rng, start, end):
    return start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def pick_levels(rng, n):
    while True:
        s = int(rng.choice(len(CAND), p=CAND_W / CAND_W.sum()))
        if s + n <= len(CAND):
            return list(CAND[s:s + n])


def neighbour_level(rng, used):
    lo, hi = min(IDX[l] for l in used), max(IDX[l] for l in used)
    opts = [LEVELS[i] for i in (lo - 1, lo - 2, hi + 1, hi + 2)
            if IDX['T4'] <= i <= IDX['L5'] and LEVELS[i] not in used]
    return str(rng.choice(opts))


def ru_level(lv):
    return ('Th' + lv[1:]) if lv[0] == 'T' else lv


def make_session(rng, date, levels, technique):
    vols = [round(rng.uniform(2.0, 5.5) * 2) / 2 if technique == 'vertebroplasty'
            else round(rng.uniform(3.0, 6.5) * 2) / 2 for _ in levels]
    cement = str(rng.choice(list(CEMENTS), p=[0.4, 0.25, 0.2, 0.15]))
    leak = []
    for _ in levels:
        if rng.random() < 0.75:
            leak.append([])
        else:
            leak.append([str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'],
                                        p=[0.35, 0.3, 0.2, 0.1, 0.05]))])
    return dict(date=date, levels=levels, technique=technique, vols=vols, cement=cement, leak=leak)


def generate(rng):
    pts = []
    for i in range(N_PATIENTS):
        k = int(rng.choice(len(ETIOS), p=[e[3] for e in ETIOS]))
        ekey, label, etruth, _, (a0, a1) = ETIOS[k]
        female = rng.random() < (0.8 if ekey.startswith('osteo') else 0.5)
        if ekey == 'breast':
            female = True
        age = int(rng.integers(a0, a1 + 1))
        d1 = rdate(rng, dt.date(2019, 2, 1), dt.date(2021, 10, 31))
        nlev = int(rng.choice([1, 2, 3], p=[0.5, 0.35, 0.15]))
        tech = 'kyphoplasty' if (ekey == 'trauma' and rng.random() < 0.6) or rng.random() < 0.12 else 'vertebroplasty'
        s1 = make_session(rng, d1, pick_levels(rng, nlev), tech)
        p = dict(sex='female' if female else 'male', age=age, label=label, etruth=etruth,
                 sessions=[s1], newfx=[], died=False, death=None)
        if rng.random() < (0.35 if etruth == 'pathologic' else 0.07):
            p['died'] = True
            p['death'] = d1 + dt.timedelta(days=int(rng.integers(50, 500)))
        used = list(s1['levels'])
        r = rng.random()
        if r < 0.2:
            lv = neighbour_level(rng, used)
            fx = d1 + dt.timedelta(days=int(rng.integers(25, 220)))
            if p['death'] is None or fx + dt.timedelta(days=40) < p['death']:
                p['newfx'].append((fx, lv))
                p['sessions'].append(make_session(rng, fx + dt.timedelta(days=int(rng.integers(2, 15))),
                                                  [lv], 'vertebroplasty'))
        elif r < 0.32:
            lv = neighbour_level(rng, used)
            fx = d1 + dt.timedelta(days=int(rng.integers(40, 380)))
            if p['death'] is None or fx < p['death']:
                p['newfx'].append((fx, lv))
        for s in p['sessions']:
            pre = int(rng.integers(6, 11))
            v1 = int(max(0, pre - rng.integers(2, 7)))
            v6 = int(min(10, max(0, v1 + rng.integers(-2, 2))))
            rec = {}
            for tp, v in [('pre', pre), ('1m', v1), ('6m', v6)]:
                due = s['date'] + dt.timedelta(days=TP_DAYS[tp])
                if p['death'] is not None and due >= p['death']:
                    rec[tp] = 'умер'
                elif due > EXPORT_DATE:
                    rec[tp] = None
                elif tp != 'pre' and rng.random() < 0.15:
                    rec[tp] = str(rng.choice(['н/д', 'не явился', '-']))
                else:
                    rec[tp] = v
            s['vas'] = rec
        pts.append(p)
    # IDs by order of first operation: ВП-<yy>-<nn> numbered within the year
    pts.sort(key=lambda p: p['sessions'][0]['date'])
    cnt = {}
    for p in pts:
        y = p['sessions'][0]['date'].year % 100
        cnt[y] = cnt.get(y, 0) + 1
        p['pid'] = 'ВП-%02d-%02d' % (y, cnt[y])
    return pts


def ru_date(d):
    return d.strftime('%d.%m.%Y')


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng)
    rr = np.random.default_rng(SEED + 3)

    wb = Workbook()
    ws = wb.active
    ws.title = 'ВП 2019-2021'
    thin = Side(style='thin')
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal='center', vertical='center', wrap_text=True)
    ws['A1'] = 'ГБУЗ «Городская клиническая больница № 71 ДЗМ»'
    ws['A2'] = 'Нейрохирургическое отделение № 2. Журнал пункционных вертебропластик и кифопластик, 2019-2021 гг.'
    ws['A1'].font = Font(bold=True, size=12)
    ws['A2'].font = Font(bold=True)
    ws['A3'] = 'ВАШ - визуальная аналоговая шкала боли, 0-10 баллов. ВП - вертебропластика, КП - кифопластика.'
    ws['A3'].font = Font(italic=True, size=9)

    head = ['№ п/п', 'Шифр', 'Пол (м/ж)', 'Возраст, лет', 'Диагноз', 'Дата операции', 'Позвонок',
            'Методика', 'Объём цемента, мл', 'Цемент', 'Выход цемента',
            'ВАШ до операции', 'ВАШ через 1 мес.', 'ВАШ через 6 мес.', 'Новые переломы',
            'Летальный исход (да/нет)', 'Примечание']
    HR = 5
    for j, h in enumerate(head, 1):
        c = ws.cell(HR, j, h)
        c.font = Font(bold=True)
        c.alignment = center
        c.border = border
        c.fill = PatternFill('solid', fgColor='E2EFDA')
        n = ws.cell(HR + 1, j, j)  # column-number row, as in official journals
        n.alignment = center
        n.border = border
        n.font = Font(size=8, italic=True)
    ws.row_dimensions[HR].height = 45
    for j, w in enumerate([5, 10, 6, 7, 24, 12, 8, 8, 9, 11, 16, 8, 8, 8, 18, 10, 24], 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    col = {h: j for j, h in enumerate(head, 1)}

    where = {}
    r = HR + 2
    cyr_T = 0
    thor = [p['pid'] for p in pts if p['sessions'][0]['levels'][0].startswith('T')]
    cyr_pids = (thor[2], thor[7])
    for n, p in enumerate(pts, 1):
        prow0 = r
        for si, s in enumerate(p['sessions'], 1):
            srow0 = r
            for j, (lv, v, lk) in enumerate(zip(s['levels'], s['vols'], s['leak'])):
                txt = ru_level(lv)
                # two cells typed with a Cyrillic "Т" (keyboard layout not switched): "Тh11"
                if txt.startswith('Th') and p['pid'] in cyr_pids and j == 0 and si == 1:
                    txt = '\u0422h' + txt[2:]
                    cyr_T += 1
                ws.cell(r, col['Позвонок'], txt)
                where[(p['pid'], si, j, 'Позвонок')] = r
                ws.cell(r, col['Методика'], 'ВП' if s['technique'] == 'vertebroplasty' else 'КП')
                if rr.random() < 0.15:
                    ws.cell(r, col['Объём цемента, мл'], ('%g' % v).replace('.', ','))
                else:
                    ws.cell(r, col['Объём цемента, мл'], v).number_format = '0.0'
                where[(p['pid'], si, j, 'Объём цемента, мл')] = r
                ws.cell(r, col['Цемент'], s['cement'])
                ws.cell(r, col['Выход цемента'], 'нет' if not lk else ', '.join(LEAK_RU[x] for x in lk))
                r += 1
            srow1 = r - 1
            # session-level cells, merged over the vertebra rows of the session
            if rr.random() < 0.3:
                ws.cell(srow0, col['Дата операции'], ru_date(s['date']) + 'г.')
            else:
                ws.cell(srow0, col['Дата операции'], s['date']).number_format = 'DD.MM.YYYY'
            where[(p['pid'], si, 'Дата операции')] = srow0
            for tp, h in [('pre', 'ВАШ до операции'), ('1m', 'ВАШ через 1 мес.'), ('6m', 'ВАШ через 6 мес.')]:
                ws.cell(srow0, col[h], s['vas'][tp])
                where[(p['pid'], si, h)] = srow0
            if si == 2:
                ws.cell(srow0, col['Примечание'], 'повторная ВП (новый перелом)')
            if srow1 > srow0:
                for h in ['Дата операции', 'ВАШ до операции', 'ВАШ через 1 мес.', 'ВАШ через 6 мес.']:
                    ws.merge_cells(start_row=srow0, start_column=col[h], end_row=srow1, end_column=col[h])
        prow1 = r - 1
        ws.cell(prow0, col['№ п/п'], n)
        ws.cell(prow0, col['Шифр'], p['pid'])
        ws.cell(prow0, col['Пол (м/ж)'], 'ж' if p['sex'] == 'female' else 'м')
        ws.cell(prow0, col['Возраст, лет'], p['age'])
        ws.cell(prow0, col['Диагноз'], p['label'])
        ws.cell(prow0, col['Новые переломы'],
                'нет' if not p['newfx'] else '; '.join('%s (%s)' % (ru_level(lv), ru_date(d)) for d, lv in p['newfx']))
        ws.cell(prow0, col['Летальный исход (да/нет)'], 'да' if p['died'] else 'нет')
        if p['died']:
            old = ws.cell(prow0, col['Примечание']).value
            ws.cell(prow0, col['Примечание'], ('умер(ла) ' + ru_date(p['death'])) + (('; ' + old) if old else ''))
        where[(p['pid'], 'Возраст, лет')] = prow0
        if prow1 > prow0:
            for h in ['№ п/п', 'Шифр', 'Пол (м/ж)', 'Возраст, лет', 'Диагноз', 'Новые переломы',
                      'Летальный исход (да/нет)']:
                ws.merge_cells(start_row=prow0, start_column=col[h], end_row=prow1, end_column=col[h])
        for rrw in range(prow0, prow1 + 1):
            for j in range(1, len(head) + 1):
                c = ws.cell(rrw, j)
                c.border = border
                c.alignment = Alignment(vertical='center', wrap_text=True,
                                        horizontal='left' if j in (5, 15, 17) else 'center')
    ws.cell(r + 1, 1, 'Ответственный: ординатор Смирнова Е.А.  Данные сверены с историями болезни.').font = Font(italic=True, size=9)
    assert cyr_T == 2, cyr_T

    # ---- errors -----------------------------------------------------------------
    errors = []

    def plant(row, header, value, why, pid):
        c = col[header]
        ws.cell(row, c).value = value
        errors.append([ws.title, '%s%d' % (get_column_letter(c), row), row, header, str(value), why, pid])

    single = [p for p in pts if len(p['sessions']) == 1 and len(p['sessions'][0]['levels']) == 1]
    multi = [p for p in pts if len(p['sessions'][0]['levels']) >= 2]
    e1 = [p for p in single if p['sessions'][0]['levels'][0] in ('T12', 'L1')][1]
    plant(where[(e1['pid'], 1, 0, 'Позвонок')], 'Позвонок', 'Th13', 'impossible vertebral level (there is no Th13)', e1['pid'])
    e2 = [p for p in single if p is not e1 and p['sessions'][0]['date'].month in (4, 5, 6)][0]
    plant(where[(e2['pid'], 1, 'Дата операции')], 'Дата операции', '31.04.%d' % e2['sessions'][0]['date'].year,
          'impossible date (31 April)', e2['pid'])
    e3 = [p for p in multi if isinstance(p['sessions'][0]['vas']['1m'], int)][2]
    plant(where[(e3['pid'], 1, 'ВАШ через 1 мес.')], 'ВАШ через 1 мес.', 11, 'pain score 11 on a 0-10 scale', e3['pid'])
    e4 = [p for p in multi if p is not e3][3]
    plant(where[(e4['pid'], 1, 1, 'Объём цемента, мл')], 'Объём цемента, мл', 35,
          'implausible cement volume for one vertebra (35 mL)', e4['pid'])

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))

    # ---- truth ------------------------------------------------------------------
    tdir = os.path.join(outdir, 'truth')
    os.makedirs(tdir, exist_ok=True)
    P, PR, A, F = [], [], [], []
    for p in pts:
        P.append([p['pid'], p['sex'], p['age'], p['etruth'], 'yes' if p['died'] else 'no'])
        d0 = p['sessions'][0]['date']
        for si, s in enumerate(p['sessions'], 1):
            for lv, v, lk in zip(s['levels'], s['vols'], s['leak']):
                PR.append([p['pid'], si, (s['date'] - d0).days, lv, s['technique'], '%g' % v, '',
                           CEMENTS[s['cement']], ';'.join(lk) if lk else 'none'])
            for tp in ['pre', '1m', '6m']:
                v = s['vas'][tp]
                if isinstance(v, int):
                    A.append([p['pid'], si, 'pain_vas', tp, v])
        for d, lv in p['newfx']:
            F.append([p['pid'], (d - d0).days, lv])

    def w(name, header, rows):
        with open(os.path.join(tdir, name), 'w', newline='', encoding='utf-8') as fh:
            cw = csv.writer(fh)
            cw.writerow(header)
            cw.writerows(rows)
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'], P)
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], PR)
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], A)
    w('fractures.csv', ['patient_id', 'day', 'level'], F)
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
