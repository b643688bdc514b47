"""Blind test workbook: Bulgarian neurosurgery unit (invented), one row per session, Cyrillic.

Usage: python make.py OUTDIR
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
import xlsxwriter

SEED = 50505
LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]
TPS = ["pre", "1w", "1m", "6m"]


def bg_level(lv):
    return "Th" + lv[1:] if lv.startswith("T") else lv


def bg_num(x):
    return f"{x:g}".replace(".", ",")


def bg_date_text(d):
    return d.strftime("%d.%m.%Y") + " г."


def make_session(rng, k, date, day, lvls, died):
    tech = "kyphoplasty" if rng.random() < 0.3 else "vertebroplasty"
    ct = "Cortoss" if rng.random() < 0.08 else "PMMA"
    vols = [float(np.round(rng.uniform(1.5, 6.0) * 2) / 2) for _ in lvls]
    r = rng.random()
    leak = "none" if r < 0.72 else ("disc" if r < 0.85 else ("venous" if r < 0.94 else "paravertebral"))
    leak_level = lvls[int(rng.integers(0, len(lvls)))]
    pain = {}
    cur = int(rng.integers(6, 11))
    pain["pre"] = cur
    for tp in TPS[1:]:
        cur = max(0, cur - int(rng.integers(0, 4)))
        if tp == "6m" and died == "yes" and rng.random() < 0.7:
            continue
        if rng.random() < 0.84:
            pain[tp] = cur
    return dict(k=k, date=date, day=day, levels=lvls, tech=tech, ct=ct, vols=vols, leak=leak,
                leak_level=leak_level, pain=pain)


def gen(rng):
    n = 34
    pats = []
    base = dt.date(2020, 2, 3)
    for i in range(n):
        pid = f"СФ-{i + 1:03d}"
        sex = "female" if rng.random() < 0.7 else "male"
        etio = str(rng.choice(["osteoporotic"] * 6 + ["pathologic"] * 2 + ["traumatic"]))
        age = int(rng.integers(55, 89)) if etio == "osteoporotic" else int(rng.integers(36, 79))
        d1 = base + dt.timedelta(days=int(rng.integers(0, 700)))
        died = "yes" if rng.random() < 0.12 else "no"
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        start = int(rng.integers(LEVELS.index("T8"), LEVELS.index("L4") - nlev + 2))
        sessions = [make_session(rng, 1, d1, 0, LEVELS[start:start + nlev], died)]
        if rng.random() < 0.2:
            day2 = int(rng.integers(30, 180))
            cand = [LEVELS[start - 1], LEVELS[start + nlev]]
            sessions.append(make_session(rng, 2, d1 + dt.timedelta(days=day2), day2,
                                         [cand[int(rng.integers(0, 2))]], died))
        fx = []
        if rng.random() < 0.2:
            used = set(l for s in sessions for l in s["levels"])
            cand = [l for l in LEVELS[LEVELS.index("T6"):LEVELS.index("L5") + 1] if l not in used]
            day = int(rng.integers(20, 300))
            k = 2 if rng.random() < 0.3 else 1
            for lv in sorted(rng.choice(len(cand), size=k, replace=False)):
                fx.append((day, cand[int(lv)]))
        pats.append(dict(pid=pid, sex=sex, age=age, etio=etio, died=died, sessions=sessions, fx=fx))
    return pats


ETIO_BG = {"osteoporotic": ["остеопороза", "остеопоротична фрактура"],
           "pathologic": ["метастаза", "мултиплен миелом"],
           "traumatic": ["травма"]}
LEAK_BG = {"disc": "в диска", "venous": "венозно", "paravertebral": "паравертебрално"}
MISSING = "н.д."


def main(out):
    rng = np.random.default_rng(SEED)
    pats = gen(rng)
    rng2 = np.random.default_rng(SEED + 1)
    os.makedirs(out, exist_ok=True)
    wb = xlsxwriter.Workbook(os.path.join(out, "input.xlsx"))
    SH1 = "Интервенции"
    SH2 = "Нови фрактури"
    ws = wb.add_worksheet(SH1)
    wf = wb.add_worksheet(SH2)
    title = wb.add_format({"bold": True, "font_size": 13})
    hdr = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
                         "bg_color": "#D9E1F2"})
    cell = wb.add_format({"border": 1, "align": "center"})
    datef = wb.add_format({"border": 1, "align": "center", "num_format": "dd.mm.yyyy"})
    numf = wb.add_format({"border": 1, "align": "center", "num_format": "0.0"})

    ws.write(0, 0, "УМБАЛ – Клиника по неврохирургия. Регистър вертебропластика / кифопластика 2020 – 2022 г.", title)
    ws.write(1, 0, "ВАС – визуална аналогова скала (0 – 10); н.д. – няма данни; ВП – вертебропластика; "
                   "КП – балонна кифопластика. Новите фрактури са на отделен лист.")
    heads = ["№ на пациента", "Пол", "Възраст", "Диагноза", "Дата на интервенцията", "Метод", "Нива",
             "Цимент (мл) по нива", "Вид цимент", "Изтичане на цимент",
             "преди", "1 седмица", "1 месец", "6 месеца", "Починал", "Бележки"]
    H1, H2 = 3, 4  # zero-based rows of the two header rows -> Excel rows 4 and 5
    for j, h in enumerate(heads):
        if 10 <= j <= 13:
            ws.write(H2, j, h, hdr)
        else:
            ws.merge_range(H1, j, H2, j, h, hdr)
    ws.merge_range(H1, 10, H1, 13, "ВАС (0 – 10)", hdr)
    ws.set_row(H2, 30)
    widths = [13, 6, 9, 22, 14, 8, 14, 14, 11, 22, 8, 10, 9, 9, 9, 24]
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    ws.freeze_panes(H2 + 1, 1)

    # rows: one per session, chronological by date of the intervention
    srows = []
    for p in pats:
        for s in p["sessions"]:
            srows.append((s["date"], p["pid"], p, s))
    srows.sort(key=lambda x: (x[0], x[1]))

    errors = []
    single = [p for p in pats if len(p["sessions"]) == 1]
    multi = [p for p in single if len(p["sessions"][0]["levels"]) > 1]
    e_level = multi[1]["pid"]
    e_vol = multi[4]["pid"]
    e_vas = [p for p in single if "1m" in p["sessions"][0]["pain"] and p["pid"] not in (e_level, e_vol)][5]["pid"]
    fxp = [p for p in pats if len(p["fx"]) == 1]
    e_fx = fxp[-1]["pid"]

    def col(j):
        return chr(ord("A") + j)

    r = H2 + 1
    for d, pid, p, s in srows:
        xr = r + 1  # Excel row number
        ws.write(r, 0, pid, cell)
        if s["k"] == 1:
            ws.write(r, 1, "ж" if p["sex"] == "female" else "м", cell)
            ws.write(r, 2, p["age"], cell)
            et = ETIO_BG[p["etio"]]
            ws.write(r, 3, et[int(rng2.integers(0, len(et)))], cell)
            ws.write(r, 14, "да" if p["died"] == "yes" else "не", cell)
        else:
            for j in (1, 2, 3, 14):
                ws.write_blank(r, j, None, cell)
        if rng2.random() < 0.35:
            ws.write(r, 4, bg_date_text(s["date"]), cell)
        else:
            ws.write_datetime(r, 4, dt.datetime.combine(s["date"], dt.time()), datef)
        ws.write(r, 5, "КП" if s["tech"] == "kyphoplasty" else "ВП", cell)
        lvtxt = ", ".join(bg_level(l) for l in s["levels"])
        if pid == e_level:
            lvtxt = ", ".join(["Th13"] + [bg_level(l) for l in s["levels"][1:]])
            errors.append((SH1, f"{col(6)}{xr}", xr, "Нива", lvtxt, "impossible level Th13", pid))
        ws.write(r, 6, lvtxt, cell)
        vols = [bg_num(v) for v in s["vols"]]
        if pid == e_vol:
            vols[-1] = "40"
        if len(vols) == 1:
            ws.write_number(r, 7, s["vols"][0], numf)
        else:
            ws.write(r, 7, " / ".join(vols), cell)
        if pid == e_vol:
            errors.append((SH1, f"{col(7)}{xr}", xr, "Цимент (мл) по нива", " / ".join(vols),
                           "40 mL of cement in one vertebra", pid))
        ws.write(r, 8, "ПММА" if s["ct"] == "PMMA" else "Cortoss", cell)
        if s["leak"] == "none":
            lk = "не"
        elif len(s["levels"]) == 1:
            lk = "да – " + LEAK_BG[s["leak"]]
        else:
            lk = f"да – {bg_level(s['leak_level'])} {LEAK_BG[s['leak']]}"
        ws.write(r, 9, lk, cell)
        for j, tp in zip(range(10, 14), TPS):
            v = s["pain"].get(tp)
            if pid == e_vas and tp == "1m":
                v = 13
                errors.append((SH1, f"{col(j)}{xr}", xr, "1 месец", "13", "VAS 13 on a 0-10 scale", pid))
            if v is None:
                if rng2.random() < 0.6:
                    ws.write(r, j, MISSING, cell)
                else:
                    ws.write_blank(r, j, None, cell)
            else:
                ws.write_number(r, j, v, cell)
        note = ""
        if s["k"] == 2:
            note = "повторна интервенция – ново ниво"
        elif p["died"] == "yes":
            note = "починал в хода на проследяването"
        ws.write(r, 15, note or None, cell)
        r += 1

    # new fractures sheet
    wf.write(0, 0, "Нови вертебрални фрактури след интервенцията", title)
    fh = ["№ на пациента", "Дата на установяване", "Ниво", "Бележка"]
    for j, h in enumerate(fh):
        wf.write(2, j, h, hdr)
    wf.set_column(0, 0, 14)
    wf.set_column(1, 1, 20)
    wf.set_column(2, 2, 8)
    wf.set_column(3, 3, 34)
    r = 3
    for p in pats:
        for day, lv in p["fx"]:
            fd = p["sessions"][0]["date"] + dt.timedelta(days=day)
            txt = bg_date_text(fd)
            if p["pid"] == e_fx:
                bad = p["sessions"][0]["date"] - dt.timedelta(days=65)
                txt = bg_date_text(bad)
                errors.append((SH2, f"B{r + 1}", r + 1, "Дата на установяване", txt,
                               "new fracture dated 65 days before the first intervention", p["pid"]))
            wf.write(r, 0, p["pid"], cell)
            wf.write(r, 1, txt, cell)
            wf.write(r, 2, bg_level(lv), cell)
            wf.write(r, 3, "МРТ – остър оток" if rng2.random() < 0.5 else "рентгенография", cell)
            r += 1
    wb.close()

    td = os.path.join(out, "truth")
    os.makedirs(td, exist_ok=True)
    with open(os.path.join(td, "patients.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "sex", "age_years", "etiology", "died"])
        for p in pats:
            w.writerow([p["pid"], p["sex"], p["age"], p["etio"], p["died"]])
    with open(os.path.join(td, "procedures.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                    "session_cement_volume_ml", "cement_type", "leakage"])
        for p in pats:
            for s in p["sessions"]:
                for lv, v in zip(s["levels"], s["vols"]):
                    lk = s["leak"] if lv == s["leak_level"] else "none"
                    w.writerow([p["pid"], s["k"], s["day"], lv, s["tech"], f"{v:g}", "", s["ct"], lk])
    with open(os.path.join(td, "assessments.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "session", "measure", "timepoint", "value"])
        for p in pats:
            for s in p["sessions"]:
                for tp in TPS:
                    if tp in s["pain"]:
                        w.writerow([p["pid"], s["k"], "pain_vas", tp, s["pain"][tp]])
    with open(os.path.join(td, "fractures.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "day", "level"])
        for p in pats:
            for day, lv in p["fx"]:
                w.writerow([p["pid"], day, lv])
    with open(os.path.join(td, "errors.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"])
        for e in errors:
            w.writerow(e)
    with open(os.path.join(td, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["kind", "value"])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
