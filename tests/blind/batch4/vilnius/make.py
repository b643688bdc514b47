"""Vilnius: Lithuanian workbook, one row per vertebra; follow-up and new fractures on separate sheets.
Run: python make.py OUTDIR"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.default_rng(370)

LEVELS = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]


def lv(level):
    return "Th" + level[1:] if level.startswith("T") else level


def dec(v):
    s = f"{v:.1f}".replace(".", ",")
    return s[:-2] if s.endswith(",0") else s


def fmtv(v):
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


NAMES_F = ["Ona Petrauskienė", "Janina Kazlauskienė", "Aldona Jankauskienė", "Danutė Stankevičienė",
           "Irena Vasiliauskienė", "Genovaitė Žukauskienė", "Stasė Butkienė", "Regina Paulauskienė",
           "Elena Urbonienė", "Vida Kavaliauskienė", "Birutė Navickienė", "Zofija Ramanauskienė",
           "Marija Pocienė", "Laima Sakalauskienė", "Teresė Baranauskienė", "Aniceta Rimkienė",
           "Valerija Mockienė", "Albina Vaitkienė", "Jadvyga Šimkienė", "Nijolė Lukoševičienė"]
NAMES_M = ["Jonas Petrauskas", "Antanas Kazlauskas", "Vytautas Žemaitis", "Kęstutis Jonaitis",
           "Algirdas Balčiūnas", "Petras Grigas", "Romualdas Adomaitis", "Stanislovas Kairys",
           "Juozas Vaičiulis", "Česlovas Mikalauskas"]
ETIO = {"osteoporotic": ["osteoporozė", "osteoporozinis lūžis"],
        "pathologic": ["metastazės (krūties vėžys)", "daugybinė mieloma", "metastazės (inkstų vėžys)"],
        "traumatic": ["trauma (kritimas)", "autoįvykis"]}
LEAK = {"disc": "į tarpslankstelinį diską", "venous": "veninis", "paravertebral": "paravertebrinis",
        "epidural": "epidurinis"}
TP1 = [("pre", 0, "prieš procedūrą", True), ("24h", 1, "po 24 val.", False), ("1m", 30, "po 1 mėn.", False),
       ("3m", 91, "po 3 mėn.", True), ("12m", 365, "po 12 mėn.", True)]
TP2 = [("pre", 0, "prieš procedūrą", True), ("1m", 30, "po 1 mėn.", False), ("3m", 91, "po 3 mėn.", True)]

order = rng.permutation(30)
patients = []
for i in range(30):
    k = int(order[i])
    male = k >= 20
    name = NAMES_M[k - 20] if male else NAMES_F[k]
    r = rng.random()
    etio = "osteoporotic" if r < 0.62 else ("pathologic" if r < 0.9 else "traumatic")
    etxt = ETIO[etio][int(rng.integers(0, len(ETIO[etio])))]
    age = int(rng.integers(60, 89)) if etio != "traumatic" else int(rng.integers(40, 70))
    d1 = dt.date(2021, 3, 1) + dt.timedelta(days=int(rng.integers(0, 820)))
    # birth date consistent with the age at the first procedure
    bd = dt.date(d1.year - age - 1, d1.month, 1) + dt.timedelta(days=int(rng.integers(20, 340)))
    while (d1.year - bd.year - ((d1.month, d1.day) < (bd.month, bd.day))) != age:
        bd += dt.timedelta(days=7)
    nlev = int(rng.choice([1, 1, 2, 2, 3]))
    start = min(int(rng.integers(8, 15)) if etio != "pathologic" else int(rng.integers(4, 14)), 17 - nlev)
    levels = LEVELS[start:start + nlev]
    tech = "kyphoplasty" if rng.random() < 0.3 else "vertebroplasty"
    vols = [float(rng.choice([2, 2.5, 3, 3.5, 4, 4.5, 5, 6])) for _ in levels]
    leak = ["none"] * nlev
    if rng.random() < 0.3:
        leak[int(rng.integers(0, nlev))] = str(rng.choice(list(LEAK)))
    cement = "calcium phosphate" if etio == "traumatic" and age < 55 else "PMMA"
    sessions = [dict(date=d1, levels=levels, tech=tech, vols=vols, leak=leak, cement=cement)]
    fractures = []
    if i % 7 == 3 and start > 0:
        fday = int(rng.integers(25, 160))
        fl = LEVELS[start - 1]
        fractures.append((fday, fl, "treated"))
        sessions.append(dict(date=d1 + dt.timedelta(days=fday + int(rng.integers(3, 12))), levels=[fl], tech=tech,
                             vols=[float(rng.choice([3, 3.5, 4]))], leak=["none"], cement="PMMA"))
    elif i % 7 == 5:
        fday = int(rng.integers(50, 300))
        fractures.append((fday, LEVELS[min(16, start + nlev)], "conservative"))
        if i == 12:
            fractures.append((fday, LEVELS[min(16, start + nlev + 1)], "conservative"))
    died = etio == "pathologic" and rng.random() < 0.5
    death_day = None
    if died:
        last = max([(s["date"] - d1).days for s in sessions] + [f[0] for f in fractures])
        death_day = last + int(rng.integers(20, 250))
    visits = []  # (session, tp, label, visit date, vas, odi or None, attended)
    for si, s in enumerate(sessions):
        off = (s["date"] - d1).days
        pre = int(rng.integers(6, 11))
        odi = int(rng.integers(40, 86))
        for tp, days, lab, has_odi in (TP1 if si == 0 else TP2):
            if died and off + days > death_day:
                continue
            vd = s["date"] + dt.timedelta(days=days + (int(rng.integers(-4, 12)) if days > 1 else 0))
            if tp == "pre":
                visits.append((si, tp, lab, s["date"] - dt.timedelta(days=int(rng.integers(0, 2))), pre,
                               odi, True))
                continue
            if rng.random() < 0.15:
                visits.append((si, tp, lab, None, None, None, False))
                continue
            visits.append((si, tp, lab, vd, max(0, pre - int(rng.integers(2, 8))),
                           max(0, odi - int(rng.integers(10, 40))) if has_odi else None, True))
    patients.append(dict(pid=f"VPK-{101 + i}", name=name, bd=bd, sex="male" if male else "female", age=age,
                         etio=etio, etxt=etxt, died="yes" if died else "no", death_day=death_day,
                         sessions=sessions, fractures=fractures, visits=visits,
                         li=f"{int(rng.integers(1000, 9999))}/{d1.strftime('%y')}"))

errors = []


def err(ws, cell_row, col, header_text, value, what, pid):
    errors.append([ws.title, f"{get_column_letter(col)}{cell_row}", cell_row, header_text, value, what, pid])


def put_date(ws, row, col, d, k):
    c = ws.cell(row, col)
    if k % 3 == 0:
        c.value = d
        c.number_format = "yyyy-mm-dd"
    elif k % 3 == 1:
        c.value = d.strftime("%Y-%m-%d")
    else:
        c.value = d.strftime("%Y.%m.%d")


def header(ws, heads, row, color):
    for k, h in enumerate(heads):
        c = ws.cell(row, k + 1, h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor=color)
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(k + 1)].width = 14
    return {h: k + 1 for k, h in enumerate(heads)}


wb = Workbook()
ws = wb.active
ws.title = "Procedūros"
ws.cell(1, 1, "Vilniaus klinikinės ligoninės Neurochirurgijos skyrius – perkutaninė vertebroplastika / kifoplastika").font = Font(bold=True, size=12)
ws.cell(2, 1, "Lytis: M – moteris, V – vyras. Viena eilutė – vienas slankstelis. Stebėjimas – kitame lape.")
H1 = ["Eil. Nr.", "Tyrimo Nr.", "Vardas, pavardė", "Gimimo data", "Ligos ist. Nr.", "Lytis", "Amžius",
      "Lūžio priežastis", "Procedūros data", "Procedūra", "Slankstelis", "Metodas", "Cementas, ml",
      "Cemento tipas", "Cemento ištekėjimas", "Mirė", "Mirties data", "Pastabos"]
C = header(ws, H1, 4, "D9E1F2")
row, n = 5, 0
ev = sorted([(s["date"], pi, si) for pi, p in enumerate(patients) for si, s in enumerate(p["sessions"])])
for d, pi, si in ev:
    p = patients[pi]
    s = p["sessions"][si]
    d1 = p["sessions"][0]["date"]
    for j, (l, v, lk) in enumerate(zip(s["levels"], s["vols"], s["leak"])):
        n += 1
        ws.cell(row, C["Eil. Nr."], n)
        ws.cell(row, C["Tyrimo Nr."], p["pid"])
        ws.cell(row, C["Vardas, pavardė"], p["name"])
        ws.cell(row, C["Gimimo data"], p["bd"].strftime("%Y-%m-%d") if pi % 2 else p["bd"].strftime("%Y.%m.%d"))
        ws.cell(row, C["Ligos ist. Nr."], p["li"])
        ws.cell(row, C["Lytis"], "V" if p["sex"] == "male" else "M")
        ws.cell(row, C["Amžius"], p["age"])
        ws.cell(row, C["Lūžio priežastis"], p["etxt"])
        if p["pid"] == "VPK-117" and si == 0 and j == 0:
            bad = d.strftime("%Y.13.%d")
            ws.cell(row, C["Procedūros data"], bad)
            err(ws, row, C["Procedūros data"], "Procedūros data", bad, "month 13 does not exist", p["pid"])
        else:
            put_date(ws, row, C["Procedūros data"], d, pi + j)
        ws.cell(row, C["Procedūra"], "pirma" if si == 0 else "pakartotinė")
        ws.cell(row, C["Slankstelis"], lv(l))
        ws.cell(row, C["Metodas"], ("VP" if s["tech"] == "vertebroplasty" else "KP") if pi % 3 else
                ("vertebroplastika" if s["tech"] == "vertebroplasty" else "kifoplastika"))
        if p["pid"] == "VPK-108" and si == 0 and j == len(s["levels"]) - 1:
            ws.cell(row, C["Cementas, ml"], 45)
            err(ws, row, C["Cementas, ml"], "Cementas, ml", 45, f"45 mL in one vertebra (intended {dec(v)})", p["pid"])
        else:
            ws.cell(row, C["Cementas, ml"], v if (pi + j) % 2 else dec(v))
        ws.cell(row, C["Cemento tipas"], "PMMA" if s["cement"] == "PMMA" else "kalcio fosfatas")
        ws.cell(row, C["Cemento ištekėjimas"], "nėra" if lk == "none" else LEAK[lk])
        ws.cell(row, C["Mirė"], "taip" if p["died"] == "yes" else "ne")
        if p["died"] == "yes":
            put_date(ws, row, C["Mirties data"], d1 + dt.timedelta(days=p["death_day"]), pi + 1)
        if si == 1 and j == 0:
            ws.cell(row, C["Pastabos"], "naujas lūžis – žr. lapą „Naujos frakt.“")
        row += 1
ws.freeze_panes = "C5"

# follow-up sheet
ws2 = wb.create_sheet("Stebėjimas")
ws2.cell(1, 1, "Stebėjimas po procedūros (VAS 0–10, ODI %). Procedūra: 1 – pirma, 2 – pakartotinė").font = Font(bold=True)
H2 = ["Tyrimo Nr.", "Procedūra", "Vizitas", "Vizito data", "VAS", "ODI, %", "Pastabos"]
C2 = header(ws2, H2, 3, "E2EFDA")
row = 4
for pi, p in enumerate(patients):
    for si, tp, lab, vd, vas, odi, att in p["visits"]:
        ws2.cell(row, C2["Tyrimo Nr."], p["pid"])
        ws2.cell(row, C2["Procedūra"], si + 1)
        ws2.cell(row, C2["Vizitas"], lab)
        if not att:
            ws2.cell(row, C2["Pastabos"], "neatvyko")
        else:
            if p["pid"] == "VPK-122" and si == 0 and tp == "3m":
                bad = p["sessions"][0]["date"] - dt.timedelta(days=55)
                put_date(ws2, row, C2["Vizito data"], bad, 1)
                err(ws2, row, C2["Vizito data"], "Vizito data", bad.strftime("%Y-%m-%d"),
                    "3-month visit dated before the procedure", p["pid"])
            else:
                put_date(ws2, row, C2["Vizito data"], vd, pi + row)
            ws2.cell(row, C2["VAS"], vas)
            if odi is not None:
                ws2.cell(row, C2["ODI, %"], odi)
        row += 1
    row += 0
ws2.freeze_panes = "A4"

# new fractures sheet
ws3 = wb.create_sheet("Naujos frakt.")
ws3.cell(1, 1, "Nauji slankstelių lūžiai po procedūros").font = Font(bold=True)
H3 = ["Tyrimo Nr.", "Diagnozės data", "Slankstelis", "Gydymas"]
C3 = header(ws3, H3, 2, "FCE4D6")
row = 3
for pi, p in enumerate(patients):
    d1 = p["sessions"][0]["date"]
    for fd, fl, how in p["fractures"]:
        ws3.cell(row, C3["Tyrimo Nr."], p["pid"])
        put_date(ws3, row, C3["Diagnozės data"], d1 + dt.timedelta(days=fd), row)
        lvtxt = lv(fl)
        if p["pid"] == "VPK-113" and fl == p["fractures"][0][1]:
            lvtxt = "L8"
            err(ws3, row, C3["Slankstelis"], "Slankstelis", "L8", f"L8 does not exist (intended {lv(fl)})", p["pid"])
        ws3.cell(row, C3["Slankstelis"], lvtxt)
        ws3.cell(row, C3["Gydymas"], "vertebroplastika" if how == "treated" else "konservatyvus (korsetas)")
        row += 1

os.makedirs(OUT, exist_ok=True)
wb.save(os.path.join(OUT, "input.xlsx"))

# ---------------------------------------------------------------- truth
T = os.path.join(OUT, "truth")
os.makedirs(T, exist_ok=True)


def wcsv(name, header, rows):
    with open(os.path.join(T, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


wcsv("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
     [[p["pid"], p["sex"], p["age"], p["etio"], p["died"]] for p in patients])
proc = []
for p in patients:
    d1 = p["sessions"][0]["date"]
    for si, s in enumerate(p["sessions"]):
        for l, v, lk in zip(s["levels"], s["vols"], s["leak"]):
            proc.append([p["pid"], si + 1, (s["date"] - d1).days, l, s["tech"], fmtv(v), "", s["cement"], lk])
wcsv("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                        "session_cement_volume_ml", "cement_type", "leakage"], proc)
ass = []
for p in patients:
    for si, tp, lab, vd, vas, odi, att in p["visits"]:
        if not att:
            continue
        ass.append([p["pid"], si + 1, "pain_vas", tp, vas])
        if odi is not None:
            ass.append([p["pid"], si + 1, "odi", tp, odi])
wcsv("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], ass)
wcsv("fractures.csv", ["patient_id", "day", "level"],
     [[p["pid"], d, l] for p in patients for d, l, _ in p["fractures"]])
wcsv("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"], errors)
ids = []
for pi, p in enumerate(patients):
    ids += [("name", p["name"]), ("birth_date", p["bd"].strftime("%Y-%m-%d") if pi % 2 else p["bd"].strftime("%Y.%m.%d")),
            ("record_number", p["li"])]
wcsv("identifiers.csv", ["kind", "value"], ids)
