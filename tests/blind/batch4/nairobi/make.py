"""Nairobi: English register, one sheet per year, one row per procedure. Run: python make.py OUTDIR"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.default_rng(254)

LEVELS = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]


def fmtv(v):
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def lev_text(levels):
    if len(levels) == 1:
        return levels[0]
    return ", ".join(levels[:-1]) + " & " + levels[-1]


NAMES = ["Wanjiku Kamau", "Otieno Odhiambo", "Akinyi Atieno", "Mary Njeri Mwangi", "Joseph Kiprono Rotich",
         "Grace Wambui", "Fatuma Hassan", "Peter Mutua Musyoka", "Esther Chebet", "Lucy Nyambura",
         "Hellen Achieng Okoth", "John Kariuki", "Rose Moraa Nyaboke", "Margaret Wairimu", "Samuel Kiptoo",
         "Agnes Mumbua", "Zainab Abdi", "Beatrice Wanjiru", "Daniel Omondi", "Jane Muthoni",
         "Catherine Awino", "Paul Njoroge", "Susan Jepchirchir", "Alice Nduta", "Mohamed Yusuf",
         "Teresia Wangari", "Elizabeth Kerubo", "George Ouma", "Nancy Wanjala", "Ruth Kemunto"]
MALES = {1, 4, 7, 11, 14, 18, 21, 24, 27}
DIAG = {"osteoporotic": ["OP", "Osteoporotic #", "OP #"],
        "pathologic": ["Mets - breast Ca", "MM", "Mets - Ca prostate", "Multiple myeloma"],
        "traumatic": ["Trauma - RTA", "Trauma (fall from height)"]}
TPS = [("pre", 0, "VAS pre-op"), ("2w", 14, "VAS 2/52"), ("6w", 42, "VAS 6/52"), ("3m", 91, "VAS 3/12")]

patients = []
for i, name in enumerate(NAMES):
    sex = "male" if i in MALES else "female"
    r = rng.random()
    etio = "osteoporotic" if r < 0.5 else ("pathologic" if r < 0.88 else "traumatic")
    sub = int(rng.integers(0, len(DIAG[etio])))
    age = int(rng.integers(58, 87)) if etio != "traumatic" else int(rng.integers(30, 62))
    d1 = dt.date(2021, 1, 15) + dt.timedelta(days=int(rng.integers(0, 1030)))
    nlev = int(rng.choice([1, 1, 2, 2, 3, 3]))
    start = min(int(rng.integers(8, 15)) if etio != "pathologic" else int(rng.integers(4, 14)), 17 - nlev)
    levels = LEVELS[start:start + nlev]
    tech = "vertebroplasty" if rng.random() < 0.75 else "kyphoplasty"
    vols = [float(rng.choice([2, 2.5, 3, 3.5, 4, 4.5, 5])) for _ in levels]
    total_only = nlev > 1 and i % 5 == 2
    leak = ["none"] * nlev
    if rng.random() < 0.25:
        leak[int(rng.integers(0, nlev))] = str(rng.choice(["venous", "disc", "paravertebral"]))
    sessions = [dict(date=d1, levels=levels, tech=tech, vols=vols, total_only=total_only, leak=leak)]
    fractures = []
    if i in (3, 10, 16, 22) and start > 0:
        fday = int(rng.integers(40, 200))
        fl = LEVELS[start - 1]
        fractures.append((fday, fl))
        sessions.append(dict(date=d1 + dt.timedelta(days=fday + int(rng.integers(5, 15))), levels=[fl], tech=tech,
                             vols=[float(rng.choice([3, 3.5, 4]))], total_only=False, leak=["none"]))
    elif i in (6, 19, 26):
        fractures.append((int(rng.integers(30, 95)), LEVELS[min(16, start + nlev)]))
    died = etio == "pathologic" and rng.random() < 0.5
    death_day = None
    if died:
        last = max([(s["date"] - d1).days for s in sessions] + [f[0] for f in fractures])
        death_day = last + int(rng.integers(10, 150))
    vas = {}
    for si, s in enumerate(sessions):
        off = (s["date"] - d1).days
        pre = int(rng.integers(6, 11))
        vals = {}
        for tp, days, _ in TPS:
            if died and off + days > death_day:
                continue
            if tp != "pre" and rng.random() < 0.2:
                continue
            vals[tp] = pre if tp == "pre" else max(0, pre - int(rng.integers(2, 8)))
        vas[si] = vals
    patients.append(dict(name=name, sex=sex, etio=etio, sub=sub, age=age, died="yes" if died else "no",
                         death_day=death_day, sessions=sessions, fractures=fractures, vas=vas,
                         ip=f"{int(rng.integers(100000, 999999))}",
                         tel=f"07{int(rng.integers(10, 40))} {int(rng.integers(100, 999))} {int(rng.integers(100, 999))}"))
# study numbers by order of first procedure within the year
patients.sort(key=lambda p: p["sessions"][0]["date"])
count = {}
for p in patients:
    y = p["sessions"][0]["date"].year
    count[y] = count.get(y, 0) + 1
    p["pid"] = f"NSC/{y % 100}/{count[y]:03d}"

ERR_VOL, ERR_VAS, ERR_DEATH, ERR_LEVEL = "NSC/21/006", "NSC/22/004", "NSC/22/003", "NSC/23/002"

HEAD = ["No.", "Study No.", "Name", "IP No.", "NOK Tel", "Age", "Sex", "Diagnosis", "Date of procedure",
        "Level(s)", "Procedure", "Cement", "Volume", "Leak", "VAS pre-op", "VAS 2/52", "VAS 6/52", "VAS 3/12",
        "New # (level, date)", "Died (date)", "Remarks"]
C = {h: k + 1 for k, h in enumerate(HEAD)}
wb = Workbook()
wb.remove(wb.active)
sheets = {}
for y in (2021, 2022, 2023):
    ws = wb.create_sheet(str(y))
    ws.cell(1, 1, f"NAIROBI SPINE & PAIN CENTRE — VERTEBROPLASTY / KYPHOPLASTY REGISTER {y}").font = Font(bold=True, size=13)
    for k, h in enumerate(HEAD):
        c = ws.cell(3, k + 1, h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="C6E0B4")
        c.alignment = Alignment(wrap_text=True)
        ws.column_dimensions[get_column_letter(k + 1)].width = 13
    ws.freeze_panes = "C4"
    sheets[y] = [ws, 4, 0]

errors = []


def err(ws, row, col, value, what, pid):
    errors.append([ws.title, f"{get_column_letter(C[col])}{row}", row, col, value, what, pid])


YELLOW = PatternFill("solid", fgColor="FFFF99")
events = sorted([(s["date"], pi, si) for pi, p in enumerate(patients) for si, s in enumerate(p["sessions"])])
for d, pi, si in events:
    p = patients[pi]
    s = p["sessions"][si]
    d1 = p["sessions"][0]["date"]
    ws, row, n = sheets[d.year]
    n += 1
    ws.cell(row, C["No."], n)
    ws.cell(row, C["Study No."], p["pid"])
    ws.cell(row, C["Name"], p["name"].upper() if pi % 3 == 0 else p["name"])
    ws.cell(row, C["IP No."], p["ip"])
    ws.cell(row, C["NOK Tel"], p["tel"])
    ws.cell(row, C["Age"], f"{p['age']} yrs" if pi % 2 else p["age"])
    ws.cell(row, C["Sex"], "M" if p["sex"] == "male" else "F")
    ws.cell(row, C["Diagnosis"], DIAG[p["etio"]][p["sub"]])
    c = ws.cell(row, C["Date of procedure"])
    if pi % 6 == 5:
        c.value = f"{d.day}/{d.month}/{d.strftime('%y')}"
    else:
        c.value = d
        c.number_format = "dd/mm/yyyy"
    levs = list(s["levels"])
    if p["pid"] == ERR_LEVEL and si == 0:
        meant = levs[0]
        levs[0] = levs[0][0] + "1" + levs[0][1:]
        err(ws, row, "Level(s)", lev_text(levs), f"{levs[0]} does not exist (intended {meant})", p["pid"])
    ws.cell(row, C["Level(s)"], lev_text(levs))
    ws.cell(row, C["Procedure"], "VP" if s["tech"] == "vertebroplasty" else "KP")
    ws.cell(row, C["Cement"], "PMMA" if pi % 4 else "PMMA (Simplex)")
    if len(levs) == 1:
        vt = f"{fmtv(s['vols'][0])} mls"
    elif s["total_only"]:
        vt = f"{fmtv(sum(s['vols']))} mls total"
    else:
        vv = [fmtv(v) for v in s["vols"]]
        if p["pid"] == ERR_VOL and si == 0:
            meant = vv[1]
            vv[1] = "45"
            vt = "/".join(vv) + " mls"
            err(ws, row, "Volume", vt, f"45 mL in one vertebra (intended {meant})", p["pid"])
        vt = "/".join(vv) + " mls"
    ws.cell(row, C["Volume"], vt)
    lk = [(l, k) for l, k in zip(s["levels"], s["leak"]) if k != "none"]
    ws.cell(row, C["Leak"], "Nil" if not lk else "; ".join(f"{k} leak at {l}" for l, k in lk))
    off = (d - d1).days
    for tp, days, col in TPS:
        v = p["vas"][si].get(tp)
        if v is None:
            if p["died"] == "yes" and off + days > p["death_day"]:
                ws.cell(row, C[col], "died")
            else:
                ws.cell(row, C[col], "DNA" if (pi + days) % 3 else None)
            continue
        if p["pid"] == ERR_VAS and si == 0 and tp == "2w":
            ws.cell(row, C[col], 12)
            err(ws, row, col, 12, f"VAS 12 on a 0-10 scale (intended {v})", p["pid"])
            continue
        ws.cell(row, C[col], v)
    if si == 0:
        if p["fractures"]:
            fd, fl = p["fractures"][0]
            fdate = d1 + dt.timedelta(days=fd)
            ws.cell(row, C["New # (level, date)"], f"{fl} # {fdate.day}/{fdate.month}/{fdate.year}")
        else:
            ws.cell(row, C["New # (level, date)"], "Nil")
    else:
        ws.cell(row, C["Remarks"], f"REDO - new # {s['levels'][0]}, index procedure {d1.strftime('%d/%m/%Y')}")
        for k in range(1, len(HEAD) + 1):
            ws.cell(row, k).fill = YELLOW
    dc = ws.cell(row, C["Died (date)"])
    if p["died"] == "yes":
        dd = d1 + dt.timedelta(days=p["death_day"])
        if p["pid"] == ERR_DEATH and si == 0:
            dd = d1 - dt.timedelta(days=41)
            err(ws, row, "Died (date)", dd.strftime("%d/%m/%Y"), "date of death before the procedure date", p["pid"])
        dc.value = dd
        dc.number_format = "dd/mm/yyyy"
    else:
        dc.value = "No"
    sheets[d.year] = [ws, row + 1, n]
for y, (ws, row, n) in sheets.items():
    ws.cell(row + 1, 1, "Key: DNA = did not attend; 2/52 = 2 weeks, 6/52 = 6 weeks, 3/12 = 3 months; VAS 0-10; yellow = redo")

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
        for l, v, k in zip(s["levels"], s["vols"], s["leak"]):
            cv, tv = (("", fmtv(sum(s["vols"]))) if s["total_only"] else (fmtv(v), ""))
            proc.append([p["pid"], si + 1, (s["date"] - d1).days, l, s["tech"], cv, tv, "PMMA", k])
wcsv("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                        "session_cement_volume_ml", "cement_type", "leakage"], proc)
wcsv("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"],
     [[p["pid"], si + 1, "pain_vas", tp, v] for p in patients for si in p["vas"] for tp, v in p["vas"][si].items()])
wcsv("fractures.csv", ["patient_id", "day", "level"], [[p["pid"], d, l] for p in patients for d, l in p["fractures"]])
wcsv("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"], errors)
ids = []
for p in patients:
    ids += [("name", p["name"].upper() if patients.index(p) % 3 == 0 else p["name"]), ("record_number", p["ip"]),
            ("phone", p["tel"])]
wcsv("identifiers.csv", ["kind", "value"], ids)
