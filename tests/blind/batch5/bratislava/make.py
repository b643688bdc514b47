"""Blind test workbook: Slovak spine unit (invented), one row per treated vertebra.

Usage: python make.py OUTDIR
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 50501
LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]


def sk_level(lv):
    return "Th" + lv[1:] if lv.startswith("T") else lv


def gen(rng):
    n = 26
    pats = []
    first_names_f = ["Mária", "Anna", "Helena", "Zuzana", "Margita", "Jana", "Emília", "Alžbeta", "Oľga", "Terézia"]
    first_names_m = ["Ján", "Jozef", "Štefan", "Milan", "Ladislav", "Pavol", "Peter", "Vladimír"]
    surn_m = ["Horváth", "Kováč", "Varga", "Tóth", "Nagy", "Baláž", "Szabó", "Molnár", "Lukáč", "Kollár", "Novák", "Mráz"]
    surn_f = ["Horváthová", "Kováčová", "Vargová", "Tóthová", "Nagyová", "Balážová", "Szabóová", "Molnárová",
              "Lukáčová", "Kollárová", "Nováková", "Mrázová", "Gašparová", "Hudecová"]
    base = dt.date(2020, 9, 1)
    for i in range(n):
        pid = f"BA-{i + 1:02d}"
        sex = "female" if rng.random() < 0.7 else "male"
        etio = str(rng.choice(["osteoporotic"] * 6 + ["pathologic"] * 2 + ["traumatic"]))
        age = int(rng.integers(58, 90)) if etio == "osteoporotic" else int(rng.integers(41, 80))
        d1 = base + dt.timedelta(days=int(rng.integers(0, 600)))
        if sex == "female":
            name = f"{rng.choice(surn_f)} {rng.choice(first_names_f)}"
        else:
            name = f"{rng.choice(surn_m)} {rng.choice(first_names_m)}"
        anniv = dt.date(d1.year - age, d1.month, min(d1.day, 28))
        birth = anniv - dt.timedelta(days=int(rng.integers(1, 360)))
        mm = birth.month + 50 if sex == "female" else birth.month
        rc = f"{birth.year % 100:02d}{mm:02d}{birth.day:02d}/{int(rng.integers(1000, 9999))}"
        died = "yes" if rng.random() < 0.12 else "no"
        sessions = []
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        start = int(rng.integers(LEVELS.index("T8"), LEVELS.index("L4") - nlev + 2))
        lvls = LEVELS[start:start + nlev]
        sessions.append(make_session(rng, 1, d1, 0, lvls, etio))
        if rng.random() < 0.25:
            day2 = int(rng.integers(30, 150))
            cand = [l for l in [LEVELS[start - 1], LEVELS[start + nlev]] if l not in lvls]
            lv2 = [cand[int(rng.integers(0, len(cand)))]]
            sessions.append(make_session(rng, 2, d1 + dt.timedelta(days=day2), day2, lv2, etio))
        fx = []
        if rng.random() < 0.15:
            used = set(l for s in sessions for l in s["levels"])
            cand = [l for l in LEVELS[LEVELS.index("T6"):LEVELS.index("L5") + 1] if l not in used]
            fxl = cand[int(rng.integers(0, len(cand)))]
            fx.append((int(rng.integers(20, 300)), fxl))
        pats.append(dict(pid=pid, sex=sex, age=age, etio=etio, died=died, name=name, rc=rc,
                         sessions=sessions, fx=fx))
    return pats


def make_session(rng, k, date, day, lvls, etio):
    tech = "kyphoplasty" if rng.random() < 0.35 else "vertebroplasty"
    ct = "calcium phosphate" if (etio == "traumatic" and rng.random() < 0.5) else "PMMA"
    vols = [float(np.round(rng.uniform(2.0, 6.5) * 2) / 2) for _ in lvls]
    leaks = []
    for _ in lvls:
        r = rng.random()
        if r < 0.72:
            leaks.append("none")
        elif r < 0.84:
            leaks.append("disc")
        elif r < 0.92:
            leaks.append("venous")
        elif r < 0.96:
            leaks.append("paravertebral")
        else:
            leaks.append("disc;venous")
    pre = int(rng.integers(6, 11))
    pain = {"pre": pre}
    cur = pre
    for tp, drop in [("24h", (1, 5)), ("6w", (0, 3)), ("3m", (0, 2))]:
        cur = max(0, cur - int(rng.integers(*drop)))
        if rng.random() < 0.85:
            pain[tp] = cur
    return dict(k=k, date=date, day=day, levels=lvls, tech=tech, ct=ct, vols=vols, leaks=leaks, pain=pain)


ETIO_SK = {"osteoporotic": ["osteoporóza", "osteoporotická fraktúra", "OP"],
           "pathologic": ["metastáza", "myelóm", "meta Ca prsníka"],
           "traumatic": ["úraz", "trauma – pád"]}
TECH_SK = {"vertebroplasty": "VP", "kyphoplasty": "KP"}
CEMENT_SK = {"PMMA": ["Osteopal V", "Vertecem V+", "PMMA"], "calcium phosphate": ["KyphOs FS"]}
LEAK_SK = {"none": "nie", "disc": "áno – disk", "venous": "áno – venózny", "paravertebral": "áno – paravertebrálne",
           "disc;venous": "áno – disk + venózny"}


def fmt_num(x):
    s = f"{x:g}"
    return s.replace(".", ",")


def text_date(d):
    return f"{d.day}. {d.month}. {d.year}"


def main(out):
    rng = np.random.default_rng(SEED)
    pats = gen(rng)
    rng2 = np.random.default_rng(SEED + 1)

    wb = Workbook()
    ws = wb.active
    ws.title = "Register VP-KP"
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    yellow = PatternFill("solid", fgColor="FFF2A8")
    grey = PatternFill("solid", fgColor="D9D9D9")

    ws["A1"] = "Neurochirurgická klinika – Register perkutánnych augmentácií stavcov (VP / KP) 2020 – 2022"
    ws["A1"].font = Font(bold=True, size=13)
    ws.merge_cells("A1:T1")
    ws["A2"] = "Spracoval: MUDr. P. Kráľ, aktualizované 15. 2. 2023. Jeden riadok = jeden ošetrený stavec. Legenda na liste „Legenda“."
    ws.merge_cells("A2:T2")

    groups = [("A4:F4", "Pacient"), ("G4:L4", "Výkon"), ("M4:P4", "Bolesť – VAS (0 – 10)"),
              ("Q4:S4", "Sledovanie")]
    for rng_, txt in groups:
        c = rng_.split(":")[0]
        ws[c] = txt
        ws[c].font = Font(bold=True)
        ws[c].alignment = center
        ws[c].fill = grey
        ws.merge_cells(rng_)
    headers = ["Č. pacienta", "Priezvisko a meno", "Rodné číslo", "Pohlavie", "Vek (r.)", "Diagnóza",
               "Dátum výkonu", "Stavec", "Metóda", "Cement", "Objem cementu", "Únik cementu",
               "VAS pred", "VAS 24 h po", "VAS po 6 týždňoch", "VAS po 3 mesiacoch",
               "Nová zlomenina – stavec", "Nová zlomenina – dátum", "Exitus", "Poznámka"]
    for j, h in enumerate(headers, start=1):
        c = ws.cell(row=5, column=j, value=h)
        c.font = Font(bold=True)
        c.alignment = center
        c.border = border
        c.fill = grey
    ws.row_dimensions[5].height = 45

    col = {h: j for j, h in enumerate(headers, start=1)}
    errors = []
    err_plan = {}  # pid -> kind
    # choose error patients deterministically
    cand = [p for p in pats if len(p["sessions"]) == 1]
    picks = rng2.choice(len(cand), size=4, replace=False)
    kinds = ["level", "volume", "vas", "date"]
    for k, ix in zip(kinds, picks):
        err_plan[cand[int(ix)]["pid"]] = k

    r = 6
    for p in pats:
        prow0 = r
        nrows = sum(len(s["levels"]) for s in p["sessions"])
        ekind = err_plan.get(p["pid"])
        # patient cells
        ws.cell(row=r, column=col["Č. pacienta"], value=p["pid"])
        ws.cell(row=r, column=col["Priezvisko a meno"], value=p["name"])
        ws.cell(row=r, column=col["Rodné číslo"], value=p["rc"])
        ws.cell(row=r, column=col["Pohlavie"], value="žena" if p["sex"] == "female" else "muž")
        ws.cell(row=r, column=col["Vek (r.)"], value=p["age"])
        et = ETIO_SK[p["etio"]]
        ws.cell(row=r, column=col["Diagnóza"], value=et[int(rng2.integers(0, len(et)))])
        if p["fx"]:
            day, lv = p["fx"][0]
            fd = p["sessions"][0]["date"] + dt.timedelta(days=day)
            ws.cell(row=r, column=col["Nová zlomenina – stavec"], value=sk_level(lv))
            ws.cell(row=r, column=col["Nová zlomenina – dátum"], value=text_date(fd))
        else:
            ws.cell(row=r, column=col["Nová zlomenina – stavec"], value="nie")
        ws.cell(row=r, column=col["Exitus"], value="áno" if p["died"] == "yes" else "nie")
        if p["died"] == "yes":
            ws.cell(row=r, column=col["Poznámka"], value="exitus – základné ochorenie")
        for s in p["sessions"]:
            srow0 = r
            nl = len(s["levels"])
            if rng2.random() < 0.3:
                dv = text_date(s["date"])
            else:
                dv = s["date"]
            if ekind == "date":
                dv = "31.02.2021"
                errors.append(("Register VP-KP", f"{get_column_letter(col['Dátum výkonu'])}{r}", r, "Dátum výkonu",
                               dv, "impossible date (31 February)", p["pid"]))
            c = ws.cell(row=r, column=col["Dátum výkonu"], value=dv)
            if isinstance(dv, dt.date):
                c.number_format = "DD.MM.YYYY"
            pain_cols = [("pre", "VAS pred"), ("24h", "VAS 24 h po"), ("6w", "VAS po 6 týždňoch"),
                         ("3m", "VAS po 3 mesiacoch")]
            for tp, h in pain_cols:
                v = s["pain"].get(tp)
                if v is None:
                    v = "n. v." if rng2.random() < 0.6 else None
                if ekind == "vas" and tp == "6w":
                    v = 12
                    errors.append(("Register VP-KP", f"{get_column_letter(col[h])}{r}", r, h, "12",
                                   "pain score 12 on a 0-10 scale", p["pid"]))
                    ekind = None
                ws.cell(row=r, column=col[h], value=v)
            for li, lv in enumerate(s["levels"]):
                rr = srow0 + li
                lvtxt = sk_level(lv)
                if ekind == "level" and li == 0:
                    lvtxt = "Th13"
                    errors.append(("Register VP-KP", f"{get_column_letter(col['Stavec'])}{rr}", rr, "Stavec", lvtxt,
                                   "impossible level (there is no Th13)", p["pid"]))
                ws.cell(row=rr, column=col["Stavec"], value=lvtxt)
                ws.cell(row=rr, column=col["Metóda"], value=TECH_SK[s["tech"]])
                cn = CEMENT_SK[s["ct"]]
                ws.cell(row=rr, column=col["Cement"], value=cn[int(rng2.integers(0, len(cn)))] if li == 0 else
                        ws.cell(row=srow0, column=col["Cement"]).value)
                vt = f"{fmt_num(s['vols'][li])} ml"
                if ekind == "volume" and li == 0:
                    vt = "38 ml"
                    errors.append(("Register VP-KP", f"{get_column_letter(col['Objem cementu'])}{rr}", rr,
                                   "Objem cementu", vt, "38 mL of cement in one vertebra is impossible", p["pid"]))
                ws.cell(row=rr, column=col["Objem cementu"], value=vt)
                ws.cell(row=rr, column=col["Únik cementu"], value=LEAK_SK[s["leaks"][li]])
                if s["k"] == 2:
                    for j in range(col["Dátum výkonu"], col["Únik cementu"] + 1):
                        ws.cell(row=rr, column=j).fill = yellow
            if nl > 1:
                for h in ["Dátum výkonu"] + [h for _, h in pain_cols]:
                    cl = get_column_letter(col[h])
                    ws.merge_cells(f"{cl}{srow0}:{cl}{srow0 + nl - 1}")
            r += nl
        if nrows > 1:
            for h in ["Č. pacienta", "Priezvisko a meno", "Rodné číslo", "Pohlavie", "Vek (r.)", "Diagnóza",
                      "Nová zlomenina – stavec", "Nová zlomenina – dátum", "Exitus", "Poznámka"]:
                cl = get_column_letter(col[h])
                ws.merge_cells(f"{cl}{prow0}:{cl}{prow0 + nrows - 1}")
        for rr in range(prow0, r):
            for j in range(1, len(headers) + 1):
                ws.cell(row=rr, column=j).border = border
                ws.cell(row=rr, column=j).alignment = Alignment(vertical="center", horizontal="center")
    widths = [11, 24, 13, 9, 7, 22, 13, 8, 8, 12, 10, 20, 8, 8, 10, 10, 12, 13, 8, 26]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.column_dimensions["C"].hidden = True
    ws.freeze_panes = "C6"

    lg = wb.create_sheet("Legenda")
    rows = [
        ("Skratka / farba", "Význam"),
        ("VP", "vertebroplastika"),
        ("KP", "balónová kyfoplastika"),
        ("Th", "hrudný stavec (Th1 – Th12)"),
        ("L", "driekový stavec (L1 – L5)"),
        ("VAS", "vizuálna analógová škála bolesti 0 – 10 (0 = bez bolesti)"),
        ("n. v.", "nevyšetrený – pacient neprišiel na kontrolu"),
        ("Objem cementu", "množstvo cementu v ml v danom stavci"),
        ("Osteopal V, Vertecem V+", "PMMA cement"),
        ("KyphOs FS", "kalciumfosfátový cement"),
        ("žltá výplň", "druhý (opakovaný) výkon u toho istého pacienta"),
        ("Exitus", "áno = pacient zomrel počas sledovania"),
        ("Nová zlomenina", "nová osteoporotická / patologická fraktúra iného stavca počas sledovania"),
    ]
    for i, (a, b) in enumerate(rows, start=1):
        lg.cell(row=i, column=1, value=a).font = Font(bold=(i == 1))
        lg.cell(row=i, column=2, value=b).font = Font(bold=(i == 1))
    lg["A11"].fill = yellow
    lg.column_dimensions["A"].width = 24
    lg.column_dimensions["B"].width = 70

    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, "input.xlsx"))

    # ---- truth ----
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
                for lv, v, lk in zip(s["levels"], s["vols"], s["leaks"]):
                    w.writerow([p["pid"], s["k"], s["day"], lv, s["tech"], f"{v:g}", "", s["ct"], lk])
    with open(os.path.join(td, "assessments.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "session", "measure", "timepoint", "value"])
        for p in pats:
            for s in p["sessions"]:
                for tp in ["pre", "24h", "6w", "3m"]:
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
        for p in pats:
            w.writerow(["name", p["name"]])
            w.writerow(["record_number", p["rc"]])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
