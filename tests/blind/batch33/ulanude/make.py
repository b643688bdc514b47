# -*- coding: utf-8 -*-
# ---- shared cohort generator (same code in every site script; seed differs) ----
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] +
          [f"L{i}" for i in range(1, 6)] + ["S1"])
TP_DAYS = {"pre": 0, "24h": 1, "48h": 2, "1w": 7, "2w": 14, "6w": 42,
           "1m": 30, "3m": 91, "6m": 182, "12m": 365}
D = dt.date


def years_between(a, b):
    return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


def wchoice(rng, items):
    tot = sum(w for _, w in items)
    r = rng.random() * tot
    for v, w in items:
        r -= w
        if r <= 0:
            return v
    return items[-1][0]


def rlevel(rng):
    return wchoice(rng, [("T5", 1), ("T6", 2), ("T7", 3), ("T8", 4), ("T9", 4), ("T10", 5),
                         ("T11", 9), ("T12", 14), ("L1", 14), ("L2", 9), ("L3", 6), ("L4", 3)])


def rvol(rng, tech, lev):
    lo, hi = (3.0, 6.5) if tech == "kyphoplasty" else (2.0, 5.0)
    if lev.startswith("T") and int(lev[1:]) < 9:
        hi -= 1.0
    v = rng.uniform(lo, hi)
    return round(v * 2) / 2 if rng.random() < 0.7 else round(v, 1)


def rleak(rng):
    return wchoice(rng, [("none", 68), ("disc", 12), ("venous", 10), ("paravertebral", 5),
                         ("epidural", 2), ("disc;venous", 3)])


def make_session(rng, sess, day, date, levels, tech=None):
    tech = tech or ("vertebroplasty" if rng.random() < 0.6 else "kyphoplasty")
    verts = [{"level": l, "vol": rvol(rng, tech, l), "leak": rleak(rng)} for l in levels]
    return {"session": sess, "day": day, "date": date, "tech": tech, "verts": verts,
            "cement": "PMMA" if rng.random() < 0.9 else "calcium phosphate",
            "total_only": False}


def vas_after(rng, tp, pre):
    rngs = {"24h": (2, 5), "48h": (2, 5), "1w": (2, 4), "2w": (2, 4), "6w": (1, 4), "1m": (1, 4),
            "3m": (1, 4), "6m": (0, 4), "12m": (0, 4)}
    lo, hi = rngs[tp]
    v = rng.randint(lo, hi)
    if rng.random() < 0.1:
        v += 2
    return max(0, min(10, min(v, pre)))


def make_cohort(seed, n, tps, start, end, pid_fn, p_second=0.2, odi=True, mob=False,
                p_miss=0.1):
    rng = random.Random(seed)
    pts = []
    for i in range(n):
        et = wchoice(rng, [("osteoporotic", 58), ("pathologic", 26), ("traumatic", 11), ("other", 5)])
        if et == "pathologic":
            detail = rng.choice(["mets_breast", "mets_lung", "mets_prostate", "myeloma", "myeloma", "mets_kidney"])
        else:
            detail = {"osteoporotic": "osteoporosis", "traumatic": "trauma", "other": "haemangioma"}[et]
        if detail == "mets_breast":
            sex = "female"
        elif detail == "mets_prostate":
            sex = "male"
        else:
            sex = "female" if rng.random() < (0.75 if et == "osteoporotic" else 0.5) else "male"
        age0 = {"osteoporotic": (63, 89), "pathologic": (48, 82), "traumatic": (44, 78), "other": (40, 70)}[et]
        age0 = rng.randint(*age0)
        d0 = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        dob = d0 - dt.timedelta(days=int(age0 * 365.25) + rng.randint(5, 355))
        age = years_between(dob, d0)
        # levels of first session
        nlev = wchoice(rng, [(1, 60), (2, 28), (3, 12)])
        first = rlevel(rng)
        k = LEVELS.index(first)
        if et == "pathologic" and nlev >= 2 and rng.random() < 0.5:
            other = rlevel(rng)
            levs = sorted({first, other}, key=LEVELS.index)
        else:
            k = min(k, LEVELS.index("L5") - nlev + 1)
            levs = LEVELS[k:k + nlev]
        s1 = make_session(rng, 1, 0, d0, levs)
        if et == "traumatic" and rng.random() < 0.5:
            s1["cement"] = "calcium phosphate"
        p = {"pid": pid_fn(i), "idx": i, "sex": sex, "age": age, "dob": dob, "et": et, "detail": detail,
             "sessions": [s1], "fx": [], "assess": [], "visits": [], "died": False, "death_day": None}
        died = rng.random() < (0.45 if et == "pathologic" else 0.07)
        if died:
            p["died"] = True
            p["death_day"] = rng.randint(35, 400)
        # second session (new adjacent fracture treated)
        if rng.random() < p_second and (not died or p["death_day"] > 160):
            day2 = rng.randint(50, 220)
            if died and p["death_day"] < day2 + 40:
                p["death_day"] = day2 + rng.randint(40, 120)
            ks = [LEVELS.index(v["level"]) for v in s1["verts"]]
            cand = [LEVELS[min(ks) - 1], LEVELS[max(ks) + 1]]
            cand = [c for c in cand if c[0] in "TL"]
            lev2 = rng.choice(cand)
            fxday = day2 - rng.randint(5, 25)
            p["fx"].append({"day": fxday, "level": lev2, "date": d0 + dt.timedelta(days=fxday), "treated": True})
            p["sessions"].append(make_session(rng, 2, day2, d0 + dt.timedelta(days=day2), [lev2]))
        # assessments
        for s in p["sessions"]:
            nxt = [t["day"] for t in p["sessions"] if t["session"] > s["session"]]
            stop = min(nxt) if nxt else 10 ** 6
            pre_vas = wchoice(rng, [(6, 10), (7, 25), (8, 35), (9, 20), (10, 10)])
            pre_odi = rng.randint(25, 42) * 2
            pre_mob = wchoice(rng, [(0, 15), (1, 25), (2, 35), (3, 25)])
            for tp in tps:
                off = TP_DAYS[tp]
                if tp in ("pre",):
                    jit = -rng.randint(0, 1)
                elif tp in ("24h", "48h"):
                    jit = 0
                elif tp in ("1w", "2w"):
                    jit = rng.randint(-1, 2)
                else:
                    jit = rng.randint(-6, 12)
                vday = s["day"] + off + jit
                vdate = p["sessions"][0]["date"] + dt.timedelta(days=vday)
                vis = {"session": s["session"], "tp": tp, "day": vday, "date": vdate, "status": "ok", "vals": {}}
                if tp != "pre" and s["day"] + off >= stop:
                    vis["status"] = "superseded"
                elif p["died"] and vday >= p["death_day"]:
                    vis["status"] = "dead"
                elif tp != "pre" and rng.random() < (p_miss if tp not in ("24h", "48h") else 0.03):
                    vis["status"] = "missed"
                if vis["status"] == "ok":
                    vis["vals"]["pain_vas"] = pre_vas if tp == "pre" else vas_after(rng, tp, pre_vas)
                    if odi and tp not in ("24h", "48h", "1w"):
                        if tp == "pre":
                            o = pre_odi
                        else:
                            o = max(6, pre_odi - rng.randint(12, 30) * 2 + (0 if tp in ("1m", "2w", "6w") else -4))
                        vis["vals"]["odi"] = o
                    if mob:
                        if tp == "pre":
                            m = pre_mob
                        elif tp in ("24h", "48h"):
                            m = min(4, pre_mob + rng.randint(0, 1))
                        else:
                            m = min(4, max(pre_mob, rng.randint(2, 4)))
                        vis["vals"]["mobility"] = m
                p["visits"].append(vis)
        # untreated new fracture found at a 3m/6m visit
        if rng.random() < 0.14:
            okv = [v for v in p["visits"] if v["status"] == "ok" and v["tp"] in ("3m", "6m", "12m")]
            if okv:
                v = rng.choice(okv)
                used = {vv["level"] for s in p["sessions"] for vv in s["verts"]} | {f["level"] for f in p["fx"]}
                lv = rlevel(rng)
                while lv in used:
                    lv = rlevel(rng)
                p["fx"].append({"day": v["day"], "level": lv, "date": v["date"], "treated": False, "visit": v})
        if p["died"]:
            p["death_date"] = p["sessions"][0]["date"] + dt.timedelta(days=p["death_day"])
        pts.append(p)
    return pts, rng


def fnum(x):
    if x is None or x == "":
        return ""
    if isinstance(x, float):
        x = round(x, 2)
        return str(int(x)) if x == int(x) else repr(x)
    return str(x)


def write_truth(pts, errors, identifiers, cement_mode="vert", cement_type=True, leakage=True,
                value_fn=None):
    """cement_mode: 'vert' or per-session s['total_only'] decides."""
    td = os.path.join(HERE, "truth")
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), "w", newline="", encoding="utf-8") as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"], p["age"], p["et"], "yes" if p["died"] else "no"] for p in pts])
    rows = []
    for p in pts:
        for s in p["sessions"]:
            tot = round(sum(v["vol"] for v in s["verts"]), 2)
            for v in s["verts"]:
                rows.append([p["pid"], s["session"], s["day"], v["level"], s["tech"],
                             "" if s["total_only"] else fnum(v["vol"]),
                             fnum(tot) if s["total_only"] else "",
                             s["cement"] if cement_type else "",
                             (v["leak"] or "") if leakage else ""])
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], rows)
    rows = []
    order = ["pre", "24h", "1w", "2w", "6w", "1m", "3m", "6m", "12m"]
    for p in pts:
        for v in p["visits"]:
            if v["status"] != "ok" or v["tp"] not in order:
                continue
            for m in ("pain_vas", "odi", "mobility"):
                if m in v["vals"]:
                    val = v["vals"][m]
                    if value_fn:
                        val = value_fn(m, val)
                    rows.append([p["pid"], v["session"], m, v["tp"], fnum(val)])
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], rows)
    w("fractures.csv", ["patient_id", "day", "level"],
      [[p["pid"], f["day"], f["level"]] for p in pts for f in sorted(p["fx"], key=lambda f: f["day"])])
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
      [[e["sheet"], e["cell"], e["row"], e["header"], e["value"], e["what"], e["pid"]] for e in errors])
    seen = set()
    idr = []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v))
            idr.append([k, v])
    w("identifiers.csv", ["kind", "value"], idr)


def col_letter(n):  # 1-based
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end of shared generator ----

# ================= site: Ulan-Ude (RKB im. N.A. Semashko, neurosurgery) =================
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

TPS = ["pre", "24h", "48h", "1m", "3m", "6m", "12m"]
SROK = {"pre": "до опер.", "24h": "24 ч", "48h": "48 ч", "1m": "1 мес", "3m": "3 мес", "6m": "6 мес",
        "12m": "12 мес"}
pts, rng = make_cohort(4417, 17, TPS, D(2021, 9, 1), D(2023, 3, 31), lambda i: f"ВП-{i + 1:02d}",
                       odi=False, mob=True, p_second=0.18)
for p in pts:
    for s in p["sessions"]:
        s["cement"] = ""          # cement brand/type is not kept in this register

FEM = [("Дашиева", "Цыремжит", "Бадмаевна"), ("Намсараева", "Дулма", "Дашиевна"),
       ("Иванова", "Галина", "Петровна"), ("Батуева", "Сэсэг", "Жамсуевна"),
       ("Цыдыпова", "Баирма", "Цыреновна"), ("Аюшеева", "Туяна", "Владимировна"),
       ("Сидорова", "Валентина", "Ивановна"), ("Ринчинова", "Соелма", "Бадмаевна"),
       ("Кузнецова", "Нина", "Алексеевна"), ("Доржиева", "Бальжима", "Доржиевна"),
       ("Хабаева", "Дарима", "Николаевна"), ("Семёнова", "Людмила", "Фёдоровна"),
       ("Бальжинимаева", "Должин", "Цыбиковна"), ("Орлова", "Тамара", "Васильевна")]
MAS = [("Будаев", "Баир", "Цыренович"), ("Жамсоев", "Доржо", "Балданович"),
       ("Петров", "Николай", "Семёнович"), ("Гомбоев", "Мунко", "Цыдыпович"),
       ("Бадмаев", "Бато", "Жаргалович"), ("Сафронов", "Виктор", "Андреевич"),
       ("Аюшиев", "Солбон", "Дамбаевич"), ("Очиров", "Эрдэни", "Батоевич")]

MOB = {0: ["лежачий", "лежачая", "лежач."], 1: ["коляска", "на коляске"], 2: ["ходунки", "с ходунками"],
       3: ["трость", "с тростью"], 4: ["самостоятельно", "самост.", "сам."]}
DIAG = {"osteoporosis": ["Остеопороз, компр. перелом", "ОП перелом", "Остеопороз"],
        "mets_breast": ["Мтс рака мол. железы"], "mets_lung": ["Мтс рака лёгкого"],
        "mets_prostate": ["Мтс рака предст. железы"], "myeloma": ["Миеломная болезнь"],
        "mets_kidney": ["Мтс рака почки"], "trauma": ["Травма (падение)", "Травма, ДТП"],
        "haemangioma": ["Агрессивная гемангиома"]}
LEAK = {"none": ["нет", "нет", "үгы"], "disc": ["в диск"], "venous": ["венозная", "в вены"],
        "paravertebral": ["паравертебрально"], "epidural": ["эпидурально"], "disc;venous": ["в диск + венозная"]}


def dd(d):
    return d.strftime("%d.%m.%y")


def lev_ru(l):
    if l[0] == "T":
        return rng.choice(["Th", "Th", "Th "]) + l[1:]
    return l


def num_ru(x):
    return fnum(x).replace(".", ",")


# ---- planted mistakes (true values kept in pts) ----
errs, over = [], {}
cand = [p for p in pts if p["idx"] >= 3 and any(v["tp"] == "3m" and v["status"] == "ok" and v["session"] == 1 for v in p["visits"])]
pDate = cand[0]
cand = [p for p in pts if p is not pDate and p["idx"] >= 5 and any(v["tp"] == "1m" and v["status"] == "ok" for v in p["visits"])]
pVas = cand[0]
cand = [p for p in pts if p not in (pDate, pVas) and p["idx"] >= 8]
pLev = cand[0]
pLev["sessions"][0]["verts"][0]["level"] = "T12"
cand = [p for p in pts if p not in (pDate, pVas, pLev) and len(p["sessions"][0]["verts"]) >= 2]
pId = cand[-1]

wb = openpyxl.Workbook()
bold = Font(bold=True)
thin = Side(style="thin")
box = Border(left=thin, right=thin, top=thin, bottom=thin)
hdr_fill = PatternFill("solid", fgColor="D9E1F2")
idents = []


def header(ws, r, heads, widths):
    for i, h in enumerate(heads, 1):
        c = ws.cell(r, i, h)
        c.font = bold
        c.fill = hdr_fill
        c.border = box
        c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = widths[i - 1]


def err(ws, r, c, head, val, what, pid):
    errs.append({"sheet": ws.title, "cell": f"{openpyxl.utils.get_column_letter(c)}{r}", "row": r,
                 "header": head, "value": str(val), "what": what, "pid": pid})


# ----- sheet 1: Пациенты -----
ws = wb.active
ws.title = "Пациенты"
ws["A1"] = "ГАУЗ «Республиканская клиническая больница им. Н.А. Семашко» МЗ РБ"
ws["A1"].font = Font(bold=True, size=12)
ws["A2"] = "Нейрохирургическое отделение — регистр пункционной вертебропластики / кифопластики"
ws["A3"] = "отв. Цыбикова А.Д.   (не выносить из отделения!)"
idents.append(("staff name", "Цыбикова А.Д."))
H1 = ["№", "Код", "ФИО", "Дата рожд.", "Пол", "Возраст", "№ и/б", "СНИЛС", "Телефон", "Диагноз", "Исход"]
header(ws, 5, H1, [4, 8, 34, 11, 5, 8, 10, 16, 18, 28, 24])
fi = mi = 0
rf = rng.sample(FEM, len(FEM))
rm = rng.sample(MAS, len(MAS))
ib = {}
for n, p in enumerate(pts, 1):
    if p["sex"] == "female":
        fio = rf[fi % len(rf)]; fi += 1
    else:
        fio = rm[mi % len(rm)]; mi += 1
    fio = " ".join(fio)
    p["fio"] = fio
    ibn = f"{rng.randint(1000, 19999)}/{p['sessions'][0]['date'].year % 100}"
    ib[p["pid"]] = ibn
    snils = f"{rng.randint(100, 199):03d}-{rng.randint(0, 999):03d}-{rng.randint(0, 999):03d} {rng.randint(10, 99)}"
    tel = f"+7 {rng.choice(['902', '914', '924', '983', '950', '908'])} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
    r = 5 + n
    if p["died"]:
        outcome = rng.choice(["умер" if p["sex"] == "male" else "умерла", "наһа бараа"]) + " " + dd(p["death_date"])
    else:
        outcome = rng.choice(["жив", "жив", ""]) if p["sex"] == "male" else rng.choice(["жива", "жива", ""])
    vals = [n, p["pid"], fio, dd(p["dob"]), "ж" if p["sex"] == "female" else "м", p["age"], ibn, snils, tel,
            rng.choice(DIAG[p["detail"]]), outcome]
    for i, v in enumerate(vals, 1):
        ws.cell(r, i, v).border = box
    idents += [("name", fio), ("birth date", dd(p["dob"])), ("record number", ibn),
               ("national ID (СНИЛС)", snils), ("phone", tel)]
ws.cell(5 + len(pts) + 2, 1, "Исход: «наһа бараа» (бур.) = умер(ла). Возраст — на дату первой операции.").font = Font(italic=True, size=9)

# ----- sheet 2: Операции -----
ws2 = wb.create_sheet("Операции")
ws2["A1"] = "Операции (каждый позвонок отдельной строкой)"
ws2["A1"].font = bold
H2 = ["Код", "№ и/б", "Опер.", "Дата операции", "Уровень", "Метод", "Цемент, мл", "Утечка цемента", "Хирург"]
header(ws2, 3, H2, [8, 10, 6, 14, 9, 7, 11, 20, 14])
SURG = ["Бадмаев Б.Ц.", "Ковалёв И.С.", "Дамдинов А.Б."]
idents += [("staff name", s) for s in SURG]
r = 4
for p in pts:
    for s in p["sessions"]:
        sg = rng.choice(SURG)
        for j, v in enumerate(s["verts"]):
            code = p["pid"]
            lv = lev_ru(v["level"])
            row = [code, ib[p["pid"]], s["session"], dd(s["date"]), lv,
                   "ВП" if s["tech"] == "vertebroplasty" else "КП", num_ru(v["vol"]) if rng.random() < 0.6 else v["vol"],
                   rng.choice(LEAK[v["leak"]]), sg]
            if p is pLev and s["session"] == 1 and j == 0:
                row[4] = "Th13"
                err(ws2, r, 5, "Уровень", "Th13", "impossible level Th13 (12 thoracic vertebrae); op protocol: Th12", p["pid"])
            if p is pId and s["session"] == 1 and j == 1:
                row[0] = None
                err(ws2, r, 1, "Код", "", f"study code missing (row belongs to {p['pid']} by № и/б {ib[p['pid']]} and date)", p["pid"])
            for i, x in enumerate(row, 1):
                ws2.cell(r, i, x).border = box
            r += 1
        if s["session"] == 2:
            for i in range(1, len(H2) + 1):
                ws2.cell(r - 1, i).fill = PatternFill("solid", fgColor="FFF2CC")
ws2.cell(r + 1, 1, "ВП — вертебропластика, КП — кифопластика. Опер. 2 = повторная операция. Утечка: «үгы» = нет.").font = Font(italic=True, size=9)

# ----- sheet 3: Наблюдение -----
ws3 = wb.create_sheet("Наблюдение")
ws3["A1"] = "Динамика: ВАШ (0-10) и мобильность"
ws3["A1"].font = bold
H3 = ["Код", "Опер.", "Срок", "Дата осмотра", "ВАШ", "Мобильность", "Примечание"]
header(ws3, 3, H3, [8, 6, 10, 13, 6, 16, 40])
r = 4
for p in pts:
    rows = []
    for s in p["sessions"]:
        dead_written = False
        for v in [v for v in p["visits"] if v["session"] == s["session"]]:
            if v["status"] == "superseded":
                continue
            if v["status"] == "dead":
                if not dead_written:
                    rows.append((v["date"], [p["pid"], s["session"], SROK[v["tp"]], None, "—", "—",
                                             ("умерла " if p["sex"] == "female" else "умер ") + dd(p["death_date"])], v))
                    dead_written = True
                continue
            if v["status"] == "missed":
                rows.append((v["date"], [p["pid"], s["session"], SROK[v["tp"]], None, None, None,
                                         rng.choice(["не явился" if p["sex"] == "male" else "не явилась", "ерээгүй", "не дозвонились"])], v))
                continue
            note = ""
            fx = [f for f in p["fx"] if not f["treated"] and f.get("visit") is v]
            if fx:
                note = f"новый перелом {lev_ru(fx[0]['level'])} (МРТ)"
            vas = v["vals"]["pain_vas"]
            rows.append((v["date"], [p["pid"], s["session"], SROK[v["tp"]], dd(v["date"]), vas,
                                     rng.choice(MOB[v["vals"]["mobility"]]), note or None], v))
    for f in p["fx"]:
        if f["treated"]:
            rows.append((f["date"], [p["pid"], 1, "внепл.", dd(f["date"]), None, None,
                                     f"боли усилились, новый перелом {lev_ru(f['level'])} на КТ → повторная операция"], None))
    rows.sort(key=lambda t: (t[0], 0 if t[2] is None else 1))
    for date, row, v in rows:
        if p is pDate and v is not None and v["tp"] == "3m" and v["session"] == 1 and v["status"] == "ok":
            wrong = v["date"].replace(year=v["date"].year - 1)
            row[3] = dd(wrong)
            err(ws3, r, 4, "Дата осмотра", row[3], f"follow-up dated before the operation ({dd(p['sessions'][0]['date'])}); year typo, should be {dd(v['date'])}", p["pid"])
        if p is pVas and v is not None and v["tp"] == "1m" and v["status"] == "ok":
            row[4] = 11
            v["vals"]["pain_vas"] = 1
            err(ws3, r, 5, "ВАШ", 11, "VAS 11 outside 0-10 (double keystroke, should be 1)", p["pid"])
        for i, x in enumerate(row, 1):
            ws3.cell(r, i, x).border = box
        r += 1
    r += 0
# legend to the right
lg = [("Мобильность (баллы):", None), ("лежачий / лежачая", 0), ("коляска", 1), ("ходунки", 2),
      ("трость", 3), ("самостоятельно", 4), (None, None),
      ("Срок: до опер. = перед операцией; 24 ч, 48 ч — часы после операции; 1-12 мес — после операции (той, что в графе «Опер.»)", None),
      ("внепл. = внеплановый осмотр", None), ("ерээгүй (бур.) = не пришёл/не пришла", None)]
for i, (a, b) in enumerate(lg):
    ws3.cell(3 + i, 9, a).font = Font(bold=(i == 0))
    if b is not None:
        ws3.cell(3 + i, 10, b)
ws3.column_dimensions["I"].width = 26
wb.save(os.path.join(HERE, "input.xlsx"))
write_truth(pts, errs, idents)
