import os, sys, csv
from datetime import date, datetime, timedelta
import numpy as np

LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)] + ['S1']
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182, '12m': 365, '24m': 730}


def gen_patients(rng, n, tps, odi=False, techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.6, 0.4),
                 cements=('PMMA',), cement_p=None, start=date(2022, 1, 10), p_sess2=0.2, p_frac=0.15,
                 p_missing=0.15, p_leak=0.2):
    pts = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.72 else 'male'
        r = rng.random()
        etiology = 'osteoporotic' if r < 0.7 else ('pathologic' if r < 0.88 else ('traumatic' if r < 0.96 else 'other'))
        age = int(rng.integers(48, 90)) if etiology != 'traumatic' else int(rng.integers(35, 70))
        died = 'yes' if rng.random() < 0.12 else 'no'
        d0 = start + timedelta(days=int(rng.integers(0, 540)))
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        base = int(rng.integers(LEVELS.index('T7'), LEVELS.index('L4') + 1))
        base = min(base, LEVELS.index('L5') - nlev + 1)
        levs = [LEVELS[base + k] for k in range(nlev)]
        tech = str(rng.choice(techs, p=tech_p))
        sessions = []
        used = set(levs)

        def mk_session(sno, day, levs, tech):
            vols = []
            for _ in levs:
                v = rng.uniform(2.0, 5.5) if tech == 'vertebroplasty' else rng.uniform(3.0, 7.0)
                vols.append(round(v * 2) / 2)
            cem = str(rng.choice(cements, p=cement_p))
            leaks = []
            for _ in levs:
                leaks.append(str(rng.choice(['disc', 'venous', 'paravertebral', 'epidural', 'foraminal'], p=[.35, .3, .2, .1, .05])) if rng.random() < p_leak else 'none')
            # assessments
            pre = int(rng.integers(6, 11))
            a = {}
            cur = pre
            odi0 = int(rng.integers(20, 40)) * 2
            curo = odi0
            for j, tp in enumerate(tps):
                if tp == 'pre':
                    a[tp] = {'pain_vas': pre}
                    if odi:
                        a[tp]['odi'] = odi0
                    continue
                cur = max(0, cur - int(rng.integers(0, 4)))
                curo = max(0, curo - int(rng.integers(0, 9)) * 2)
                if rng.random() < p_missing:
                    continue
                a[tp] = {'pain_vas': cur}
                if odi:
                    a[tp]['odi'] = curo
            return dict(session=sno, day=day, date=d0 + timedelta(days=day), levels=list(levs), vols=vols,
                        technique=tech, cement=cem, leaks=leaks, assess=a)

        sessions.append(mk_session(1, 0, levs, tech))
        fractures = []
        if rng.random() < p_sess2:
            cand = [l for l in LEVELS[LEVELS.index('T5'):LEVELS.index('L5') + 1] if l not in used and
                    abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3]
            l2 = str(rng.choice(cand))
            day2 = int(rng.integers(35, 150))
            fractures.append((day2 - int(rng.integers(5, 20)), l2))
            sessions.append(mk_session(2, day2, [l2], tech))
            used.add(l2)
        elif rng.random() < p_frac:
            cand = [l for l in LEVELS[LEVELS.index('T5'):LEVELS.index('L5') + 1] if l not in used and
                    abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3]
            fractures.append((int(rng.integers(20, 200)), str(rng.choice(cand))))
        pts.append(dict(idx=i, sex=sex, age=age, etiology=etiology, died=died, d0=d0, sessions=sessions,
                        fractures=fractures))
    return pts


def wcsv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def fmt_num(v):
    if v is None or v == '':
        return ''
    if float(v) == int(v):
        return str(int(v))
    return str(v)


def write_truth(out, pts, errors, identifiers, vol_mode='level', rec_sex=True, rec_age=True, rec_etiology=True,
                rec_died=True, rec_leak=True, rec_cement=True, rec_tech=True, measures=('pain_vas',), age_key='age'):
    t = os.path.join(out, 'truth')
    os.makedirs(t, exist_ok=True)
    wcsv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
         [[p['pid'], p['sex'] if rec_sex else '', p[age_key] if rec_age else '', p['etiology'] if rec_etiology else '',
           p['died'] if rec_died else ''] for p in pts])
    pr, asr, fr = [], [], []
    for p in pts:
        for s in p['sessions']:
            tot = sum(s['vols'])
            for k, l in enumerate(s['levels']):
                pr.append([p['pid'], s['session'], s['day'], l, s['technique'] if rec_tech else '',
                           fmt_num(s['vols'][k]) if vol_mode == 'level' else '',
                           fmt_num(tot) if vol_mode == 'session' else '',
                           s['cement'] if rec_cement else '', s['leaks'][k] if rec_leak else ''])
            for tp, d in s['assess'].items():
                for m in measures:
                    if m in d:
                        asr.append([p['pid'], s['session'], m, tp, fmt_num(d[m])])
        for day, l in p['fractures']:
            fr.append([p['pid'], day, l])
    wcsv(os.path.join(t, 'procedures.csv'), ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                                             'session_cement_volume_ml', 'cement_type', 'leakage'], pr)
    wcsv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], asr)
    wcsv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'], fr)
    wcsv(os.path.join(t, 'errors.csv'), ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    wcsv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


# ---------------- Bishkek rendering ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

FEM = [('Гүлнара', 'Асанова'), ('Айнура', 'Токтогулова'), ('Бурул', 'Осмонова'), ('Назира', 'Жумабаева'),
       ('Чолпон', 'Абдыкадырова'), ('Валентина', 'Петренко'), ('Людмила', 'Ким'), ('Айгүл', 'Сыдыкова'),
       ('Жыпар', 'Мамытова'), ('Галина', 'Иванова'), ('Салтанат', 'Бекова'), ('Нургүл', 'Исаева'),
       ('Татьяна', 'Шевченко'), ('Роза', 'Алиева'), ('Мээрим', 'Кадырова'), ('Динара', 'Орозова')]
MAL = [('Бакыт', 'Асанов'), ('Нурлан', 'Турдубаев'), ('Эркин', 'Сатыбалдиев'), ('Виктор', 'Ли'),
       ('Алмаз', 'Жээнбеков'), ('Кубан', 'Молдокулов'), ('Сергей', 'Ковалёв')]
PATR_F = ['Т.', 'К.', 'А.', 'Б.', 'М.', 'Ж.', 'С.']
TPS = ['pre', '24h', '1m', '3m', '6m']
TPH = ['до операции\nоперацияга чейин', '1 сутки\n1 сутка', '1 мес.\n1 ай', '3 мес.\n3 ай', '6 мес.\n6 ай']
LEV_RU = lambda l: ('Th' + l[1:]) if l.startswith('T') else l


def main(out):
    rng = np.random.default_rng(9303)
    pts = gen_patients(rng, 21, TPS, techs=('vertebroplasty', 'kyphoplasty'), tech_p=(0.85, 0.15), start=date(2022, 3, 1),
                       p_missing=0.2, p_sess2=0.2)
    # mobility: walking score 0-4 (0 = bedridden, 4 = walks independently), recorded pre, 1m, 3m
    for p in pts:
        for s in p['sessions']:
            m = int(rng.integers(0, 3))
            for tp in TPS:
                if tp in s['assess'] and tp in ('pre', '1m', '3m'):
                    if tp != 'pre':
                        m = min(4, m + int(rng.integers(0, 3)))
                    s['assess'][tp]['mobility'] = m
    ids = []
    fi = mi = 0
    for p in pts:
        p['pid'] = 'ВП-%d/%02d' % (p['d0'].year % 100, p['idx'] + 1)
        if p['sex'] == 'female':
            n, s_ = FEM[fi % len(FEM)]; fi += 1
        else:
            n, s_ = MAL[mi % len(MAL)]; mi += 1
        p['name'] = '%s %s %s' % (s_, n, PATR_F[p['idx'] % len(PATR_F)])
        p['hist'] = '%d/%d' % (int(rng.integers(100, 9999)), p['d0'].year)
        ids += [['name', p['name']], ['record_number', p['hist']]]
    wb = Workbook()
    ws = wb.active
    ws.title = 'ВП 2022-2023'
    ws['A1'] = 'Улуттук госпиталь, нейрохирургия бөлүмү / Национальный госпиталь, отделение нейрохирургии'
    ws['A2'] = 'Вертебропластика жана кифопластика — бейтаптардын катталышы / Журнал пациентов после вертебро- и кифопластики'
    ws['A3'] = 'ВАШ — визуалдык аналогдук шкала 0-10;  Ходьба: 0 — лежачий, 1 — с посторонней помощью, 2 — с ходунками, 3 — с тростью, 4 — самостоятельно;  н/я — не явился (келген жок)'
    for c in ('A1', 'A2'):
        ws[c].font = Font(bold=True, size=12)
    ws['A3'].font = Font(italic=True, size=9)
    thin = Side(style='thin')
    hdr_fill = PatternFill('solid', fgColor='FFF2CC')
    errors = []
    row = 5
    err = {1: 'level', 5: 'vol', 9: 'age', 14: 'vas', 18: 'text'}
    diag = {'osteoporotic': 'Остеопороз, компрессионный перелом', 'pathologic': 'Метастатическое поражение позвоночника',
            'traumatic': 'Травматический перелом (падение)', 'other': 'Гемангиома позвонка'}
    SH = ws.title
    for p in pts:
        kind = err.get(p['idx'])
        ws.cell(row=row, column=1, value='Бейтап / Пациент №').font = Font(bold=True)
        ws.cell(row=row, column=2, value=p['pid']).font = Font(bold=True)
        ws.cell(row=row, column=3, value='ФИО:')
        ws.cell(row=row, column=4, value=p['name'])
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
        ws.cell(row=row, column=6, value='Ист. болезни:')
        ws.cell(row=row, column=7, value=p['hist'])
        for c in range(1, 8):
            ws.cell(row=row, column=c).fill = PatternFill('solid', fgColor='DDEBF7')
        row += 1
        ws.cell(row=row, column=1, value='Жынысы / Пол:')
        ws.cell(row=row, column=2, value='аял (ж)' if p['sex'] == 'female' else 'эркек (м)')
        ws.cell(row=row, column=3, value='Жашы / Возраст:')
        age = p['age']
        if kind == 'age':
            age = 210
            errors.append([SH, 'D%d' % row, row, 'Жашы / Возраст:', '210', 'age of 210 years is impossible', p['pid']])
        ws.cell(row=row, column=4, value=age)
        ws.cell(row=row, column=6, value='Исход:')
        if p['died'] == 'yes':
            dd = p['d0'] + timedelta(days=int(rng.integers(150, 420)))
            ws.cell(row=row, column=7, value='умер / каза болду %s' % dd.strftime('%d.%m.%Y'))
        else:
            ws.cell(row=row, column=7, value='жив / тирүү')
        row += 1
        ws.cell(row=row, column=1, value='Диагноз:')
        ws.cell(row=row, column=2, value=diag[p['etiology']])
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        row += 1
        heads = ['Операция', 'Дата', 'Метод', 'Уровень', 'Цемент, мл', 'Утечка цемента', 'Цемент']
        for j, h in enumerate(heads):
            c = ws.cell(row=row, column=j + 1, value=h); c.font = Font(bold=True); c.fill = hdr_fill
        row += 1
        lk_ru = {'none': 'нет', 'disc': 'в диск', 'venous': 'венозная', 'paravertebral': 'паравертебрально',
                 'epidural': 'эпидурально', 'foraminal': 'фораминально'}
        for s in p['sessions']:
            for k, l in enumerate(s['levels']):
                if k == 0:
                    ws.cell(row=row, column=1, value='1-я' if s['session'] == 1 else '2-я (повторная)')
                    ws.cell(row=row, column=2, value=s['date'].strftime('%d.%m.%Y'))
                    ws.cell(row=row, column=3, value='ВП' if s['technique'] == 'vertebroplasty' else 'КП (баллон)')
                    ws.cell(row=row, column=7, value='ПММА Vertecem' if s['cement'] == 'PMMA' else s['cement'])
                lv = LEV_RU(l)
                if kind == 'level' and s['session'] == 1 and k == 0:
                    lv = 'L7'
                    errors.append([SH, 'D%d' % row, row, 'Уровень', lv, 'level L7 does not exist', p['pid']])
                ws.cell(row=row, column=4, value=lv)
                vol = s['vols'][k]
                if kind == 'vol' and s['session'] == 1 and k == 0:
                    vol = 45
                    errors.append([SH, 'E%d' % row, row, 'Цемент, мл', '45', '45 mL of cement in one vertebra is impossible', p['pid']])
                c = ws.cell(row=row, column=5, value=vol); c.number_format = '0.0'
                ws.cell(row=row, column=6, value=lk_ru[s['leaks'][k]])
                row += 1
        # measures x time points
        c = ws.cell(row=row, column=1, value='Показатель'); c.font = Font(bold=True); c.fill = hdr_fill
        for j, h in enumerate(TPH):
            c = ws.cell(row=row, column=j + 2, value=h); c.font = Font(bold=True); c.fill = hdr_fill
            c.alignment = Alignment(wrap_text=True, horizontal='center')
        hrow = row
        row += 1
        for s in p['sessions']:
            for meas, lab in (('pain_vas', 'ВАШ (оору), 0-10'), ('mobility', 'Ходьба (басуу), 0-4')):
                label = lab if s['session'] == 1 else lab + ' — после 2-й операции'
                ws.cell(row=row, column=1, value=label)
                for j, tp in enumerate(TPS):
                    a = s['assess'].get(tp)
                    if meas == 'mobility' and tp not in ('pre', '1m', '3m'):
                        continue
                    if a is None:
                        v = 'н/я'
                    else:
                        v = a[meas]
                        if meas == 'pain_vas' and s['session'] == 1:
                            if kind == 'vas' and tp == 'pre':
                                v = 14
                                errors.append([SH, '%s%d' % (get_column_letter(j + 2), row), row, TPH[j].replace('\n', ' '), '14',
                                               'pain 14 on a 0-10 scale', p['pid']])
                            if kind == 'text' and tp == '24h':
                                v = 'ааа'
                                errors.append([SH, '%s%d' % (get_column_letter(j + 2), row), row, TPH[j].replace('\n', ' '), 'ааа',
                                               'meaningless text in the pain score', p['pid']])
                    ws.cell(row=row, column=j + 2, value=v).alignment = Alignment(horizontal='center')
                row += 1
        ws.cell(row=row, column=1, value='Жаңы сынык / Новый перелом:')
        if p['fractures']:
            fd, fl = p['fractures'][0]
            ws.cell(row=row, column=2, value='%s от %s' % (LEV_RU(fl), (p['d0'] + timedelta(days=fd)).strftime('%d.%m.%Y')))
        else:
            ws.cell(row=row, column=2, value='нет')
        row += 3
    for j, w in enumerate([30, 16, 16, 14, 13, 18, 26]):
        ws.column_dimensions[get_column_letter(j + 1)].width = w
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, 'input.xlsx'))
    write_truth(out, pts, errors, ids, vol_mode='level', measures=('pain_vas', 'mobility'))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
