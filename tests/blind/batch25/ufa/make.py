"""Blind test site: ufa (Russia, Bashkortostan; Russian with Bashkir).

Long layout: sheet 1 has one row per measurement (patient code, date, measure, value),
sheet 2 holds the operations (one row per treated vertebra).  The time point of a
measurement is known only from its date relative to the operation (README gives the
schedule and the windows).
Run:  /work/blindenv/bin/python make.py
"""
import csv
import datetime as dt
import os
import random

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

SEED = 25023
rng = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, "truth")
os.makedirs(TRUTH, exist_ok=True)
CUTOFF = dt.date(2024, 3, 15)
SH_M = "Измерения (Үлсәүҙәр)"
SH_P = "Операции (Операциялар)"

# (surname male form, female form)
SURN = [("Хабибуллин", "Хабибуллина"), ("Галиев", "Галиева"), ("Юсупов", "Юсупова"),
        ("Иванов", "Иванова"), ("Ахметов", "Ахметова"), ("Валиев", "Валиева"),
        ("Кузнецов", "Кузнецова"), ("Гарипов", "Гарипова"), ("Мухаметшин", "Мухаметшина"),
        ("Сафин", "Сафина"), ("Зайнуллин", "Зайнуллина"), ("Петров", "Петрова"),
        ("Шарипов", "Шарипова"), ("Байбурин", "Байбурина"), ("Исмагилов", "Исмагилова"),
        ("Смирнов", "Смирнова"), ("Нигматуллин", "Нигматуллина"), ("Ямалетдинов", "Ямалетдинова"),
        ("Фаизов", "Фаизова"), ("Кильдибаев", "Кильдибаева"), ("Соколов", "Соколова"),
        ("Баширов", "Баширова")]
FIRST_M = ["Ринат", "Айдар", "Марат", "Салават", "Ильдар", "Николай", "Рустам", "Фарит",
           "Виктор", "Азат", "Шамиль", "Владимир"]
FIRST_F = ["Гульнара", "Зульфия", "Нина", "Раиля", "Флюра", "Гузель", "Валентина",
           "Альфия", "Лидия", "Римма", "Разиля", "Татьяна", "Минзиля"]
PATRON_M = ["Маратович", "Ильдарович", "Рашитович", "Петрович", "Фаритович",
            "Салаватович", "Ахатович", "Иванович"]
PATRON_F = ["Рашитовна", "Фаритовна", "Петровна", "Ахметовна", "Мидхатовна",
            "Васильевна", "Галимзяновна", "Ивановна"]

ORDER = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]
LEVELS_W = [("T5", 1), ("T7", 1), ("T8", 2), ("T9", 2), ("T10", 3), ("T11", 5),
            ("T12", 8), ("L1", 8), ("L2", 6), ("L3", 4), ("L4", 3), ("L5", 1)]


def ru_level(lv):
    return lv.replace("T", "Th")


DX = {
    "osteoporotic": ["Остеопороз, компрессионный перелом", "Постменопаузальный остеопороз",
                     "Системный остеопороз", "Остеопоротический перелом"],
    "pathologic": ["Метастаз рака молочной железы", "Миеломная болезнь",
                   "Метастаз рака предстательной железы", "Мтс рака почки"],
    "traumatic": ["Травма (падение с высоты)", "Травма, ДТП", "Кататравма"],
    "other": ["Агрессивная гемангиома", "Гемангиома тела позвонка"],
}
LEAK_RU = {"none": ["нет", "нет", "—", "нет"], "disc": ["в диск", "в межпозвонковый диск"],
           "venous": ["в вены", "венозная"], "paravertebral": ["паравертебрально"],
           "epidural": ["эпидурально"]}


def pick_level(exclude=()):
    while True:
        lv = rng.choices([l for l, _ in LEVELS_W], [w for _, w in LEVELS_W])[0]
        if lv not in exclude:
            return lv


def neighbour(lv, exclude=()):
    i = ORDER.index(lv)
    c = [ORDER[j] for j in (i - 1, i + 1) if 0 <= j < len(ORDER) and ORDER[j] not in exclude]
    if not c:
        c = [ORDER[j] for j in (i - 2, i + 2) if 0 <= j < len(ORDER) and ORDER[j] not in exclude]
    return rng.choice(c)


def rand_date(a, b):
    while True:
        d = a + dt.timedelta(days=rng.randrange((b - a).days))
        if d.weekday() < 5:
            return d


def new_session(etio, two=None):
    two = (rng.random() < 0.25) if two is None else two
    l1 = pick_level()
    levels = sorted([l1, neighbour(l1)], key=ORDER.index) if two else [l1]
    tech = "КП" if rng.random() < 0.25 else "ВП"
    vols = [round(rng.uniform(2.0, 6.5) * 2) / 2 for _ in levels]
    if etio == "other":
        vols = [round(rng.uniform(4.0, 8.0) * 2) / 2 for _ in levels]
    leaks = []
    for _ in levels:
        r = rng.random()
        leaks.append("none" if r < 0.7 else "disc" if r < 0.82 else "venous" if r < 0.9
                     else "paravertebral" if r < 0.96 else "epidural")
    return dict(levels=levels, tech=tech, vols=vols, leaks=leaks)


ETIO = ["osteoporotic"] * 12 + ["pathologic"] * 5 + ["traumatic"] * 2 + ["other"] * 2
rng.shuffle(ETIO)
patients = []
used = set()
TWO = {2, 7, 11, 16}
for k, etio in enumerate(ETIO):
    if etio == "osteoporotic":
        sex = "female" if rng.random() < 0.78 else "male"
        lo, hi = 60, 88
    elif etio == "traumatic":
        sex = "male"
        lo, hi = 30, 64
    else:
        sex = rng.choice(["male", "female"])
        lo, hi = 40, 79
    while True:
        sn = rng.choice(SURN)
        if sn not in used:
            used.add(sn)
            break
    if sex == "male":
        fio = f"{sn[0]} {rng.choice(FIRST_M)} {rng.choice(PATRON_M)}"
    else:
        fio = f"{sn[1]} {rng.choice(FIRST_F)} {rng.choice(PATRON_F)}"
    d0 = rand_date(dt.date(2021, 4, 1), dt.date(2022, 12, 25))
    age = rng.randint(lo, hi)
    # birth date consistent with the age at d0
    bd = d0 - dt.timedelta(days=int(age * 365.25) + rng.randint(5, 355))
    age = d0.year - bd.year - ((d0.month, d0.day) < (bd.month, bd.day))
    dx = rng.choice(DX[etio])
    if etio == "pathologic":
        dx = rng.choice(["Миеломная болезнь", "Мтс рака почки"] +
                        (["Метастаз рака молочной железы"] * 2 if sex == "female"
                         else ["Метастаз рака предстательной железы"] * 2))
    s1 = new_session(etio, two=(k in TWO))
    s1["date"] = d0
    patients.append(dict(etio=etio, sex=sex, fio=fio, bd=bd, age=age,
                         dx=dx, sessions=[s1], died=None, newfx=[],
                         ib=f"{rng.randrange(1000, 19999)}/{d0.strftime('%y')}"))
patients.sort(key=lambda p: p["sessions"][0]["date"])
for i, p in enumerate(patients):
    p["id"] = f"ВП-{i + 1:02d}"

# second operations
for p, gap in ((patients[1], rng.randint(125, 140)), (patients[6], rng.randint(230, 300)),
               (patients[12], rng.randint(225, 290))):
    s1 = p["sessions"][0]
    s2 = new_session(p["etio"], two=False)
    s2["levels"] = [neighbour(s1["levels"][-1], exclude=s1["levels"])]
    d2 = s1["date"] + dt.timedelta(days=gap)
    while d2.weekday() >= 5:
        d2 += dt.timedelta(days=1)
    s2["date"] = d2
    p["sessions"].append(s2)
    p["newfx"].append((d2 - dt.timedelta(days=rng.randint(4, 15)), s2["levels"][0]))
# conservative new fracture
pc = patients[3]
pc["newfx"].append((pc["sessions"][0]["date"] + dt.timedelta(days=rng.randint(160, 220)),
                    neighbour(pc["sessions"][0]["levels"][0], exclude=pc["sessions"][0]["levels"])))
# deaths
path = [p for p in patients if p["etio"] == "pathologic" and len(p["sessions"]) == 1]
for p, dd in zip(path[:3], (60, 130, 300)):
    p["died"] = p["sessions"][0]["date"] + dt.timedelta(days=dd + rng.randint(0, 20))

# ---------------------------------------------------------------- schedule
TP = [("pre", None), ("24h", (1, 1)), ("1m", (26, 36)), ("3m", (82, 100)),
      ("6m", (165, 200)), ("12m", (340, 395))]
MEAS = {"pre": ["vas", "odi"], "24h": ["vas"], "1m": ["vas", "odi"], "3m": ["vas"],
        "6m": ["vas", "odi"], "12m": ["vas", "odi"]}
meas = []     # dict(pid, date, measure, value, tp, session, note, missed)
for p in patients:
    prev_vas = None
    for si, s in enumerate(p["sessions"]):
        nxt = p["sessions"][si + 1]["date"] if si + 1 < len(p["sessions"]) else None
        vas = rng.randint(62, 95)
        odi = rng.randrange(40, 86, 2)
        for tp, win in TP:
            if tp == "pre":
                d = s["date"] - dt.timedelta(days=rng.choice([0, 1, 1, 2, 3, 6]))
            else:
                d = s["date"] + dt.timedelta(days=rng.randint(*win))
                if tp == "24h":
                    vas = max(5, vas - rng.randint(20, 50))
                elif tp == "1m":
                    vas = max(0, vas - rng.randint(0, 15))
                    odi = max(4, odi - rng.randrange(10, 30, 2))
                else:
                    vas = max(0, min(100, vas + rng.randint(-12, 8)))
                    odi = max(2, min(100, odi + rng.randrange(-10, 6, 2)))
            if nxt and d >= nxt - dt.timedelta(days=14):
                break
            if p["died"] and d >= p["died"]:
                if rng.random() < 0.6:
                    meas.append(dict(pid=p["id"], date=d, measure="vas", value=None, tp=tp,
                                     session=si + 1, note="умер(ла)", missed=True))
                break
            if d > CUTOFF:
                break
            if tp != "pre" and rng.random() < 0.1:
                note = rng.choice(["не явился", "килмәне (не пришёл)", "не дозвонились",
                                   "шылтыратып булманы", "отказ от визита"])
                if rng.random() < 0.6:
                    meas.append(dict(pid=p["id"], date=d, measure="vas", value=None, tp=tp,
                                     session=si + 1, note=note, missed=True))
                continue
            for m in MEAS[tp]:
                if m == "odi" and tp != "pre" and rng.random() < 0.1:
                    continue
                meas.append(dict(pid=p["id"], date=d, measure=m,
                                 value=vas if m == "vas" else odi, tp=tp, session=si + 1,
                                 note=None, missed=False))

# ---------------------------------------------------------------- errors
errs = []
single = [p for p in patients if len(p["sessions"]) == 1 and len(p["sessions"][0]["levels"]) == 1]
p_lvl = single[5]
p_lvl["sessions"][0]["levels"] = ["T12"]
cands = [m for m in meas if not m["missed"] and m["measure"] == "vas" and m["tp"] == "3m"
         and m["pid"] != p_lvl["id"]]
m_vas = cands[2]
m_vas["value"] = 70
m_vas["shown"] = 700
m_date = [m for m in meas if not m["missed"] and m["tp"] == "6m" and m["measure"] == "vas"
          and m["pid"] not in (p_lvl["id"], m_vas["pid"])][3]
m_date["shown_date"] = m_date["date"].replace(year=m_date["date"].year - 1)
m_noid = [m for m in meas if not m["missed"] and m["tp"] == "1m" and m["measure"] == "odi"
          and m["pid"] not in (p_lvl["id"], m_vas["pid"], m_date["pid"])][4]
m_noid["noid"] = True

# ---------------------------------------------------------------- workbook
wb = xlsxwriter.Workbook(os.path.join(HERE, "input.xlsx"))
wb.set_properties({"title": "Вертебропластика РКБ", "author": "НХО-2",
                   "created": dt.datetime(2024, 3, 18, 14, 5, 0)})
F = lambda **k: wb.add_format(k)
f_t = F(bold=True, font_size=12)
f_h = F(bold=True, border=1, bg_color="#DDEBF7", text_wrap=True, valign="top")
f_d = F(num_format="dd.mm.yyyy", align="left")

wm = wb.add_worksheet(SH_M)
wp = wb.add_worksheet(SH_P)

# ---- measurements sheet
wm.write(0, 0, "ГБУЗ РКБ им. Г.Г. Куватова, нейрохирургическое отделение № 2 — "
               "пункционная вертебропластика: динамика боли (ВАШ) и ODI", f_t)
wm.write(1, 0, "Одна строка = одно измерение. ВАШ в мм (0–100), ODI в %. "
               "Срок наблюдения определяется по дате (см. лист «Операции» и README).")
MH = ["Код пациента", "Дата измерения", "Показатель", "Значение", "Примечание"]
for c, h in enumerate(MH):
    wm.write(3, c, h, f_h)
for c, w in enumerate([13, 15, 13, 10, 40]):
    wm.set_column(c, c, w)
wm.freeze_panes(4, 0)
r = 4
meas.sort(key=lambda m: (m["pid"], m["date"], m["measure"] != "vas"))
MEAS_NAME = {"vas": ["ВАШ", "ВАШ", "ВАШ", "ВАШ, мм"], "odi": ["ODI", "ODI", "ODI, %", "Освестри"]}
for m in meas:
    if not m.get("noid"):
        wm.write(r, 0, m["pid"])
    else:
        errs.append((SH_M, xl_rowcol_to_cell(r, 0), r + 1, "Код пациента", "",
                     "patient code missing on a measurement row (rows above and below are "
                     + m["pid"] + ")", m["pid"]))
    d = m.get("shown_date", m["date"])
    if m.get("shown_date"):
        errs.append((SH_M, xl_rowcol_to_cell(r, 1), r + 1, "Дата измерения",
                     d.strftime("%d.%m.%Y"),
                     "follow-up measurement dated before the operation (year typed wrong; "
                     "should be " + m["date"].strftime("%d.%m.%Y") + ", the 6-month visit)",
                     m["pid"]))
    if rng.random() < 0.12:
        wm.write_string(r, 1, d.strftime("%d.%m.%Y"))
    else:
        wm.write_datetime(r, 1, dt.datetime.combine(d, dt.time()), f_d)
    wm.write(r, 2, rng.choice(MEAS_NAME[m["measure"]]))
    if m["missed"]:
        wm.write(r, 3, rng.choice(["", "—", "-"]))
    else:
        v = m.get("shown", m["value"])
        if m.get("shown"):
            errs.append((SH_M, xl_rowcol_to_cell(r, 3), r + 1, "Значение", str(v),
                         "VAS outside the 0-100 mm scale (extra zero; paper chart: 70 mm)",
                         m["pid"]))
        x = rng.random()
        if x < 0.08:
            wm.write_string(r, 3, f"{v} мм" if m["measure"] == "vas" else f"{v}%")
        elif x < 0.14:
            wm.write_string(r, 3, str(v))
        else:
            wm.write_number(r, 3, v)
    note = m["note"]
    if not note and not m["missed"] and rng.random() < 0.06:
        note = rng.choice(["хәле яҡшы (состояние хорошее)", "на фоне НПВС", "по телефону",
                           "осмотр в поликлинике по м/ж", "жалобы на боль в пояснице"])
    if note:
        wm.write(r, 4, note)
    r += 1

# ---- procedures sheet
wp.write(0, 0, "Операции: одна строка = один позвонок. ВП — вертебропластика, "
               "КП — кифопластика. Th = грудной, L = поясничный.", f_t)
PH = ["№ п/п", "Код пациента", "ФИО", "№ ИБ", "Дата рождения", "Пол", "Диагноз",
      "Дата операции", "Уровень", "Метод", "Объём цемента, мл", "Цемент", "Выход цемента",
      "Примечание"]
for c, h in enumerate(PH):
    wp.write(2, c, h, f_h)
for c, w in enumerate([6, 12, 36, 11, 13, 5, 36, 14, 9, 7, 11, 10, 22, 60]):
    wp.set_column(c, c, w)
wp.freeze_panes(3, 2)
r = 3
n = 0
truth_proc = []
for p in patients:
    base = p["sessions"][0]["date"]
    for si, s in enumerate(p["sessions"]):
        n += 1
        for li, (lv, vol, lk) in enumerate(zip(s["levels"], s["vols"], s["leaks"])):
            wp.write(r, 0, n if li == 0 else "")
            wp.write(r, 1, p["id"])
            if si == 0 and li == 0:
                wp.write(r, 2, p["fio"])
                wp.write(r, 3, p["ib"])
                wp.write_datetime(r, 4, dt.datetime.combine(p["bd"], dt.time()), f_d)
                wp.write(r, 5, "м" if p["sex"] == "male" else "ж")
                wp.write(r, 6, p["dx"])
            elif li == 0:
                wp.write(r, 2, "повторно / ҡабаттан")
            wp.write_datetime(r, 7, dt.datetime.combine(s["date"], dt.time()), f_d)
            if p is p_lvl and si == 0:
                wp.write(r, 8, "Th13")
                errs.append((SH_P, xl_rowcol_to_cell(r, 8), r + 1, "Уровень", "Th13",
                             "impossible vertebral level (there is no Th13); protocol says Th12",
                             p["id"]))
            else:
                wp.write(r, 8, ru_level(lv))
            wp.write(r, 9, s["tech"])
            vv = int(vol) if float(vol).is_integer() else vol
            if rng.random() < 0.15:
                wp.write_string(r, 10, str(vv).replace(".", ","))
            else:
                wp.write_number(r, 10, vv)
            wp.write(r, 11, "ПММА")
            wp.write(r, 12, rng.choice(LEAK_RU[lk]))
            notes = []
            if li == 0 and si == 1:
                fd, flv = p["newfx"][0]
                notes.append(f"Повторная операция: новый перелом {ru_level(flv)} "
                             f"(МРТ от {fd.strftime('%d.%m.%Y')})")
            if li == 0 and si == 0 and p is pc:
                fd, flv = p["newfx"][0]
                notes.append(f"{fd.strftime('%d.%m.%Y')} — новый перелом {ru_level(flv)} "
                             "(МРТ), лечение консервативное, корсет")
            if li == 0 and si == len(p["sessions"]) - 1 and p["died"]:
                notes.append(f"Умер(ла) {p['died'].strftime('%d.%m.%Y')} — вафат булды "
                             "(со слов родственников)")
            if notes:
                wp.write(r, 13, "; ".join(notes))
            truth_proc.append((p["id"], si + 1, (s["date"] - base).days, lv,
                               "kyphoplasty" if s["tech"] == "КП" else "vertebroplasty",
                               vol, "", "PMMA", lk))
            r += 1
wb.close()


# ---------------------------------------------------------------- truth
def num(x):
    if isinstance(x, float):
        x = round(x, 2)
        return int(x) if x.is_integer() else x
    return x


def wcsv(name, header, rows):
    with open(os.path.join(TRUTH, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([num(x) for x in row])


wcsv("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
     [(p["id"], p["sex"], p["age"], p["etio"], "yes" if p["died"] else "no") for p in patients])
wcsv("procedures.csv", ["patient_id", "session", "day", "level", "technique",
                        "cement_volume_ml", "session_cement_volume_ml", "cement_type",
                        "leakage"], truth_proc)
TPO = ["pre", "24h", "1w", "2w", "6w", "1m", "3m", "6m", "12m"]
ass = [(m["pid"], m["session"], "pain_vas" if m["measure"] == "vas" else "odi", m["tp"],
        m["value"] / 10 if m["measure"] == "vas" else m["value"])
       for m in meas if not m["missed"]]
wcsv("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"],
     sorted(ass, key=lambda t: (t[0], t[1], t[2] != "pain_vas", TPO.index(t[3]))))
wcsv("fractures.csv", ["patient_id", "day", "level"],
     [(p["id"], (d - p["sessions"][0]["date"]).days, lv) for p in patients for d, lv in p["newfx"]])
wcsv("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong",
                    "patient_id"], errs)
idr = []
for p in patients:
    idr += [("name", p["fio"]), ("record_number", p["ib"]),
            ("birth_date", p["bd"].strftime("%d.%m.%Y"))]
wcsv("identifiers.csv", ["kind", "value"], idr)
print(len(patients), "patients;", len(meas), "measurement rows")
