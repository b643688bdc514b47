"""Blind test workbook: Sri Lankan spine unit (invented), long layout, Sinhala + English.

Usage: python make.py OUTDIR
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

SEED = 50503
LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]

SH_PAT = "Patients - රෝගීන්"
SH_PROC = "Procedures"
SH_PRE = "Pre-op (ශල්‍යකර්මයට පෙර)"
SH_2W = "සති 2 - 2 weeks"
SH_3M = "මාස 3 - 3 months"
SH_6M = "6 months (මාස 6)"
VISITS = [("pre", SH_PRE, 0, 0), ("2w", SH_2W, 14, 3), ("3m", SH_3M, 91, 10), ("6m", SH_6M, 182, 14)]

FIRST_F = ["Kumari", "Chandrika", "Sriyani", "Malani", "Premawathi", "Swarna", "Dilrukshi", "Kamala", "Padma",
           "Nirmala"]
FIRST_M = ["Sunil", "Nimal", "Bandula", "Gamini", "Sarath", "Upali", "Ranjith", "Mahinda"]
SURN = ["Perera", "Fernando", "Silva", "Jayasinghe", "Wickramasinghe", "Bandara", "Dissanayake", "Gunawardena",
        "Herath", "Rajapaksha", "Senanayake", "Kumarasinghe"]
INIT = ["W.M.", "H.K.", "K.A.", "M.G.", "R.P.", "A.D.", "S.M.", "D.P."]


def sl_level(lv):
    # this unit writes thoracic vertebrae as D (dorsal)
    return "D" + lv[1:] if lv.startswith("T") else lv


def scores(rng, pre_pain):
    return pre_pain


def gen(rng):
    n = 32
    pats = []
    base = dt.date(2021, 1, 4)
    for i in range(n):
        pid = f"CVP-{i + 1:03d}"
        sex = "female" if rng.random() < 0.7 else "male"
        etio = str(rng.choice(["osteoporotic"] * 6 + ["pathologic"] * 2 + ["traumatic"]))
        age = int(rng.integers(56, 86)) if etio == "osteoporotic" else int(rng.integers(35, 76))
        d1 = base + dt.timedelta(days=int(rng.integers(0, 520)))
        name = f"{rng.choice(INIT)} {rng.choice(FIRST_F if sex == 'female' else FIRST_M)} {rng.choice(SURN)}"
        bht = f"{d1.year % 100}/{int(rng.integers(10000, 99999))}"
        phone = f"07{int(rng.integers(0, 8))} {int(rng.integers(100, 999))} {int(rng.integers(1000, 9999))}"
        died = "yes" if rng.random() < 0.12 else "no"
        died_rec = died if rng.random() > 0.1 else ""
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        start = int(rng.integers(LEVELS.index("T8"), LEVELS.index("L4") - nlev + 2))
        sessions = [make_session(rng, 1, d1, 0, LEVELS[start:start + nlev], died)]
        if rng.random() < 0.2:
            day2 = int(rng.integers(35, 160))
            cand = [LEVELS[start - 1], LEVELS[start + nlev]]
            sessions.append(make_session(rng, 2, d1 + dt.timedelta(days=day2), day2,
                                         [cand[int(rng.integers(0, 2))]], died))
        fx = []
        s1 = sessions[0]
        if rng.random() < 0.2:
            att = [tp for tp in ("3m", "6m") if tp in s1["visits"]]
            if att:
                tp = att[-1]
                used = set(l for s in sessions for l in s["levels"])
                cand = [l for l in LEVELS[LEVELS.index("T6"):LEVELS.index("L5") + 1] if l not in used]
                lv = cand[int(rng.integers(0, len(cand)))]
                vday = (s1["visits"][tp]["date"] - d1).days
                s1["visits"][tp]["fx"] = lv
                fx.append((vday, lv))
        pats.append(dict(pid=pid, sex=sex, age=age, etio=etio, died=died, died_rec=died_rec, name=name,
                         bht=bht, phone=phone, sessions=sessions, fx=fx))
    return pats


def make_session(rng, k, date, day, lvls, died):
    tech = "kyphoplasty" if rng.random() < 0.25 else "vertebroplasty"
    brand = str(rng.choice(["Mendec Spine", "Mendec Spine", "Osteopal V", ""]))
    vols = [float(np.round(rng.uniform(2.0, 6.0) * 2) / 2) for _ in lvls]
    leaks = []
    for _ in lvls:
        r = rng.random()
        leaks.append("none" if r < 0.7 else "disc" if r < 0.8 else "venous" if r < 0.88 else
                     "paravertebral" if r < 0.93 else "")
    pain = int(rng.integers(6, 11))
    odi = int(rng.integers(44, 86))
    mob = int(rng.integers(1, 4))
    visits = {}
    tps = VISITS if k == 1 else VISITS[:3]
    for tp, sh, off, jit in tps:
        if tp != "pre" and rng.random() < 0.18:
            continue
        if tp == "6m" and died == "yes":
            continue
        if tp != "pre":
            pain = max(0, pain - int(rng.integers(1, 4)))
            odi = max(0, odi - int(rng.integers(5, 20)))
            mob = min(4, mob + int(rng.integers(0, 2)))
        vdate = date + dt.timedelta(days=off + (int(rng.integers(-jit, jit + 1)) if jit else 0))
        if tp == "pre":
            vdate = date - dt.timedelta(days=int(rng.integers(0, 3)))
        v = dict(date=vdate, pain=pain, odi=odi if rng.random() < 0.85 else None, mob=mob, fx=None)
        if tp == "6m":
            v["pain100"] = int(min(100, max(0, pain * 10 + int(rng.integers(-4, 5)))))
        visits[tp] = v
    return dict(k=k, date=date, day=day, levels=lvls, tech=tech, brand=brand, vols=vols, leaks=leaks,
                visits=visits)


SEX_TXT = {"female": ["F", "F", "F", "ස්ත්‍රී"], "male": ["M", "M", "M", "පුරුෂ"]}
ETIO_TXT = {"osteoporotic": ["Osteoporotic #", "Osteoporosis", "OP fracture"],
            "pathologic": ["Ca breast - mets", "Multiple myeloma", "Secondary deposit"],
            "traumatic": ["Fall - trauma", "RTA"]}
LEAK_TXT = {"none": "Nil", "disc": "disc", "venous": "venous", "paravertebral": "paravert.", "": ""}


def main(out):
    rng = np.random.default_rng(SEED)
    pats = gen(rng)
    rng2 = np.random.default_rng(SEED + 1)
    errors = []
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="FCE4D6")

    wb = Workbook()
    ws = wb.active
    ws.title = SH_PAT
    ws["A1"] = "Spine Unit, Ward 44 – Vertebroplasty / Kyphoplasty registry  (කශේරුකා ශල්‍යකර්ම ලේඛනය)"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = "D = dorsal (thoracic) vertebra.  Died: ඔව් = yes, නැත = no"
    hdr = ["Study No", "Name / නම", "BHT No", "Age (yrs)", "Sex / ස්ත්‍රී-පුරුෂ", "Diagnosis", "Contact No",
           "Died / මියගිය"]
    for j, h in enumerate(hdr, start=1):
        c = ws.cell(row=4, column=j, value=h)
        c.font = bold
        c.fill = head_fill
    for i, p in enumerate(pats):
        r = 5 + i
        st = SEX_TXT[p["sex"]]
        et = ETIO_TXT[p["etio"]]
        vals = [p["pid"], p["name"], p["bht"], p["age"], st[int(rng2.integers(0, len(st)))],
                et[int(rng2.integers(0, len(et)))], p["phone"],
                {"yes": "ඔව්", "no": "නැත", "": None}[p["died_rec"]]]
        for j, v in enumerate(vals, start=1):
            ws.cell(row=r, column=j, value=v)
    for j, w in enumerate([11, 28, 11, 9, 14, 20, 14, 14], start=1):
        ws.column_dimensions[get_column_letter(j)].width = w

    # ---- procedures ----
    wp = wb.create_sheet(SH_PROC)
    hdr = ["Study No", "Proc No", "Date", "Level", "Procedure (VP/KP)", "Cement (ml)", "Cement brand",
           "Leak / කාන්දුව", "Anaesthesia"]
    for j, h in enumerate(hdr, start=1):
        c = wp.cell(row=1, column=j, value=h)
        c.font = bold
        c.fill = head_fill
    err_level = [p for p in pats if len(p["sessions"]) == 1 and not p["fx"]][3]["pid"]
    r = 2
    for p in pats:
        for s in p["sessions"]:
            for li, lv in enumerate(s["levels"]):
                lt = sl_level(lv)
                if p["pid"] == err_level and li == 0:
                    lt = "D13"
                    errors.append((SH_PROC, f"D{r}", r, "Level", lt, "impossible level D13 (T13)", p["pid"]))
                c = wp.cell(row=r, column=3, value=s["date"])
                c.number_format = "DD/MM/YYYY"
                vals = {1: p["pid"], 2: s["k"], 4: lt, 5: "KP" if s["tech"] == "kyphoplasty" else "VP",
                        6: s["vols"][li], 7: s["brand"] or None, 8: LEAK_TXT[s["leaks"][li]] or None,
                        9: str(rng2.choice(["LA", "LA", "LA + sedation", "GA"]))}
                for j, v in vals.items():
                    wp.cell(row=r, column=j, value=v)
                r += 1
    for j, w in enumerate([11, 8, 12, 7, 17, 11, 14, 15, 16], start=1):
        wp.column_dimensions[get_column_letter(j)].width = w

    # ---- visit sheets ----
    stray_done = False
    err_vas = [p for p in pats if len(p["sessions"]) == 1 and "2w" in p["sessions"][0]["visits"]][6]["pid"]
    err_date = [p for p in pats if len(p["sessions"]) == 1 and "2w" in p["sessions"][0]["visits"]
                and p["pid"] != err_vas][10]["pid"]
    for tp, sh, off, jit in VISITS:
        wv = wb.create_sheet(sh)
        if tp == "pre":
            title = "Pre-operative assessment / ශල්‍යකර්මයට පෙර තක්සේරුව"
        else:
            title = f"Follow up clinic – {sh}"
        wv["A1"] = title
        wv["A1"].font = Font(bold=True, size=12)
        pain_h = "VAS (0-100 mm)" if tp == "6m" else "VAS (0-10)"
        hdr = ["Study No", "Proc No", "Date seen", pain_h, "ODI (%)", "Mobility (1-4)"]
        if tp != "pre":
            hdr += ["New fracture? (ඔව්/නැත)", "New # level"]
        hdr += ["Remarks"]
        for j, h in enumerate(hdr, start=1):
            c = wv.cell(row=2, column=j, value=h)
            c.font = bold
            c.fill = head_fill
        hcol = {h: j for j, h in enumerate(hdr, start=1)}
        r = 3
        rows = []
        for p in pats:
            for s in p["sessions"]:
                if tp in s["visits"]:
                    rows.append((p, s, s["visits"][tp]))
        # the unit lists visits in the order they were seen
        rows.sort(key=lambda x: x[2]["date"])
        serial_text_left = 2
        for p, s, v in rows:
            vd = v["date"]
            dcell = wv.cell(row=r, column=hcol["Date seen"])
            if tp == "2w" and p["pid"] == err_date:
                bad = s["date"] - dt.timedelta(days=11)
                dcell.value = bad
                dcell.number_format = "DD/MM/YYYY"
                errors.append((sh, f"C{r}", r, "Date seen", bad.strftime("%d/%m/%Y"),
                               "2-week visit dated 11 days before the procedure", p["pid"]))
            elif rng2.random() < 0.15:
                dcell.value = vd.strftime("%d/%m/%Y")
            elif serial_text_left and tp in ("3m", "6m") and not v["fx"] and rng2.random() < 0.3:
                dcell.value = str((vd - dt.date(1899, 12, 30)).days)
                serial_text_left -= 1
            else:
                dcell.value = vd
                dcell.number_format = "DD/MM/YYYY"
            wv.cell(row=r, column=1, value=p["pid"])
            wv.cell(row=r, column=2, value=s["k"])
            pv = v["pain100"] if tp == "6m" else v["pain"]
            if tp == "2w" and p["pid"] == err_vas:
                pv = 75
                errors.append((sh, f"D{r}", r, pain_h, "75", "pain 75 on the 0-10 scale of this sheet",
                               p["pid"]))
            wv.cell(row=r, column=hcol[pain_h], value=pv)
            wv.cell(row=r, column=hcol["ODI (%)"], value=v["odi"])
            wv.cell(row=r, column=hcol["Mobility (1-4)"], value=v["mob"])
            if tp != "pre":
                wv.cell(row=r, column=hcol["New fracture? (ඔව්/නැත)"], value="ඔව්" if v["fx"] else "නැත")
                if v["fx"]:
                    wv.cell(row=r, column=hcol["New # level"], value=sl_level(v["fx"]))
                    wv.cell(row=r, column=hcol["Remarks"], value="new collapse on X-ray, for MRI")
            if tp == "pre" and s["k"] == 2:
                wv.cell(row=r, column=hcol["Remarks"], value="2nd procedure – new level")
            r += 1
            if tp == "3m" and not stray_done and r > 12:
                # a row typed without the study number (stray)
                sd = vd + dt.timedelta(days=1)
                c = wv.cell(row=r, column=hcol["Date seen"], value=sd)
                c.number_format = "DD/MM/YYYY"
                wv.cell(row=r, column=2, value=1)
                wv.cell(row=r, column=hcol[pain_h], value=4)
                wv.cell(row=r, column=hcol["ODI (%)"], value=38)
                wv.cell(row=r, column=hcol["Mobility (1-4)"], value=3)
                wv.cell(row=r, column=hcol["New fracture? (ඔව්/නැත)"], value="නැත")
                errors.append((sh, f"A{r}", r, "Study No", "", "visit row with data but no study number", ""))
                stray_done = True
                r += 1
        for j in range(1, len(hdr) + 1):
            wv.column_dimensions[get_column_letter(j)].width = 14
        wv.column_dimensions[get_column_letter(len(hdr))].width = 30

    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, "input.xlsx"))

    # ---- truth ----
    td = os.path.join(out, "truth")
    os.makedirs(td, exist_ok=True)
    with open(os.path.join(td, "patients.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "sex", "age_years", "etiology", "died"])
        for p in pats:
            w.writerow([p["pid"], p["sex"], p["age"], p["etio"], p["died_rec"]])
    with open(os.path.join(td, "procedures.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                    "session_cement_volume_ml", "cement_type", "leakage"])
        for p in pats:
            for s in p["sessions"]:
                for lv, v, lk in zip(s["levels"], s["vols"], s["leaks"]):
                    w.writerow([p["pid"], s["k"], s["day"], lv, s["tech"], f"{v:g}", "",
                                "PMMA" if s["brand"] else "", lk])
    with open(os.path.join(td, "assessments.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "session", "measure", "timepoint", "value"])
        for p in pats:
            for s in p["sessions"]:
                for tp, _, _, _ in VISITS:
                    v = s["visits"].get(tp)
                    if v is None:
                        continue
                    pv = f"{v['pain100'] / 10:g}" if tp == "6m" else v["pain"]
                    w.writerow([p["pid"], s["k"], "pain_vas", tp, pv])
                    if v["odi"] is not None:
                        w.writerow([p["pid"], s["k"], "odi", tp, v["odi"]])
                    w.writerow([p["pid"], s["k"], "mobility", tp, v["mob"]])
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
        for p in pats:
            w.writerow(["name", p["name"]])
            w.writerow(["record_number", p["bht"]])
            w.writerow(["phone", p["phone"]])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
