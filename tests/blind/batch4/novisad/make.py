"""Novi Sad: two surgeons' sheets (Cyrillic / Latin), one row per patient. Run: python make.py OUTDIR"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.default_rng(381)

LEVELS = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]


def lv(level):  # the unit writes thoracic as Th
    return "Th" + level[1:] if level.startswith("T") else level


def dec(v):  # comma decimal, no trailing ,0
    s = f"{v:.1f}".replace(".", ",")
    return s[:-2] if s.endswith(",0") else s


def fmtv(v):
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def gen(prefix, n, tps, seedshift):
    out = []
    for i in range(n):
        pid = f"{prefix}-{i + 1:02d}"
        sex = "female" if rng.random() < 0.7 else "male"
        r = rng.random()
        etio = "osteoporotic" if r < 0.65 else ("pathologic" if r < 0.9 else "traumatic")
        sub = int(rng.integers(0, 3))
        age = int(rng.integers(60, 88)) if etio != "traumatic" else int(rng.integers(38, 66))
        d1 = dt.date(2020, 9, 1) + dt.timedelta(days=int(rng.integers(0, 900)))
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        start = int(rng.integers(9, 15)) if etio != "pathologic" else int(rng.integers(5, 14))
        start = min(start, len(LEVELS) - nlev)
        levels = LEVELS[start:start + nlev]
        tech = "kyphoplasty" if rng.random() < 0.35 else "vertebroplasty"
        vols = [float(rng.choice([2, 2.5, 3, 3.5, 4, 4.5, 5])) for _ in levels]
        total_only = nlev > 1 and rng.random() < 0.4
        leak = ["none"] * nlev
        if rng.random() < 0.3:
            leak[int(rng.integers(0, nlev))] = str(rng.choice(["disc", "venous", "paravertebral"]))
        cement = "PMMA"
        sessions = [dict(date=d1, levels=levels, tech=tech, vols=vols, total_only=total_only,
                         cement=cement, leak=leak)]
        fractures = []
        kind = (i + seedshift) % 7
        if kind == 3 and start > 0:  # new adjacent fracture treated later
            fday = int(rng.integers(30, 120))
            fl = LEVELS[start - 1]
            fractures.append((fday, fl))
            d2 = d1 + dt.timedelta(days=fday + int(rng.integers(2, 10)))
            sessions.append(dict(date=d2, levels=[fl], tech=tech, vols=[float(rng.choice([3, 3.5, 4]))],
                                 total_only=False, cement="", leak=[""]))
        elif kind == 5:  # new fracture, conservative
            fday = int(rng.integers(60, 300))
            fractures.append((fday, LEVELS[min(16, start + nlev)]))
        died = etio == "pathologic" and rng.random() < 0.5
        death_day = None
        if died:
            last = max([(s["date"] - d1).days for s in sessions] + [f[0] for f in fractures])
            death_day = last + int(rng.integers(25, 200))
        vals = {}
        pre_v = int(rng.integers(6, 11))
        pre_o = int(rng.integers(44, 90))
        for tp, days, has_odi in tps:
            if died and days > death_day:
                continue
            if tp != "pre" and rng.random() < 0.18:
                continue
            if tp == "pre":
                v, o = pre_v, pre_o
            else:
                v = max(0, pre_v - int(rng.integers(2, 8)))
                o = max(4, pre_o - int(rng.integers(10, 45)))
            vals[tp] = (v, o if has_odi else None)
        out.append(dict(pid=pid, sex=sex, age=age, etio=etio, sub=sub, died="yes" if died else "no",
                        death_day=death_day, sessions=sessions, fractures=fractures, vals=vals))
    return out


TP_C = [("pre", 0, True), ("24h", 1, False), ("1m", 30, True), ("3m", 91, True), ("12m", 365, True)]
TP_L = [("pre", 0, True), ("1w", 7, False), ("6w", 42, True), ("6m", 182, True), ("12m", 365, True)]
pc = gen("П", 16, TP_C, 0)
pl = gen("J", 16, TP_L, 2)

thin = Side(style="thin", color="999999")
BOX = Border(left=thin, right=thin, top=thin, bottom=thin)
errors = []


def header(ws, title, singles_before, groups, singles_after):
    """Two-row header in rows 2-3, title in row 1. Returns {(group, sub): col}."""
    ws.cell(1, 1, title).font = Font(bold=True, size=12)
    col = 1
    cmap = {}
    for h in singles_before:
        ws.cell(2, col, h)
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
        cmap[(None, h)] = col
        col += 1
    for g, subs in groups:
        ws.cell(2, col, g)
        if len(subs) > 1:
            ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + len(subs) - 1)
        for s in subs:
            ws.cell(3, col, s)
            cmap[(g, s)] = col
            col += 1
    for h in singles_after:
        ws.cell(2, col, h)
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
        cmap[(None, h)] = col
        col += 1
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=col - 1)
    for r in (2, 3):
        for c in range(1, col):
            x = ws.cell(r, c)
            x.font = Font(bold=True)
            x.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            x.fill = PatternFill("solid", fgColor="FFF2CC")
            x.border = BOX
    for c in range(1, col):
        ws.column_dimensions[get_column_letter(c)].width = 11
    return cmap


def err(ws, r, c, header_text, value, what, pid):
    errors.append([ws.title, f"{get_column_letter(c)}{r}", r, header_text, value, what, pid])


wb = Workbook()
# ---------------------------------------------------------------- Cyrillic sheet
ws = wb.active
ws.title = "Др Петровић"
ETC = {"osteoporotic": ["остеопороза", "остеопороза", "остеопоротски прелом"],
       "pathologic": ["метастаза (дојка)", "мултипли мијелом", "МТС (простата)"],
       "traumatic": ["траума (пад)", "траума", "саобраћајна траума"]}
LEAKC = {"disc": "диск", "venous": "венско", "paravertebral": "паравертебрално"}
gC = [("Пре интервенције", ["VAS", "ODI"]), ("24 сата", ["VAS"]), ("1 месец", ["VAS", "ODI"]),
      ("3 месеца", ["VAS", "ODI"]), ("12 месеци", ["VAS", "ODI"])]
before = ["Р.бр.", "Шифра", "Пол (ж/м)", "Год.", "Етиологија", "Датум интервенције", "Ниво", "Техника",
          "Цемент (ml)", "Врста цемента", "Истицање цемента"]
after = ["Нова фрактура", "Реинтервенција – датум", "Реинт. ниво", "Реинт. техника", "Реинт. цемент (ml)",
         "Умро/ла (да/не)", "Датум смрти", "Напомена"]
cm = header(ws, "Клиника за неурохирургију, УКЦ Војводине (Нови Сад) — перкутана вертебропластика / кифопластика, др Петровић",
            before, gC, after)
TPC_G = dict(zip([t[0] for t in TP_C], [g for g, _ in gC]))
TECHC = {"vertebroplasty": "ВП", "kyphoplasty": "КП"}
NO_ID = 9  # index of the row whose Шифра was never typed
r = 4
for i, p in enumerate(pc):
    d1 = p["sessions"][0]["date"]
    s = p["sessions"][0]
    ws.cell(r, cm[(None, "Р.бр.")], i + 1)
    if i == NO_ID:
        err(ws, r, cm[(None, "Шифра")], "Шифра", "", "study ID missing on a row with data", "")
    else:
        ws.cell(r, cm[(None, "Шифра")], p["pid"])
    ws.cell(r, cm[(None, "Пол (ж/м)")], "ж" if p["sex"] == "female" else "м")
    ws.cell(r, cm[(None, "Год.")], p["age"])
    ws.cell(r, cm[(None, "Етиологија")], ETC[p["etio"]][p["sub"]])
    ws.cell(r, cm[(None, "Датум интервенције")], d1.strftime("%d.%m.%Y."))
    levs = [lv(l) for l in s["levels"]]
    if p["pid"] == "П-05":
        meant = levs[0]
        levs[0] = "Th13"
        err(ws, r, cm[(None, "Ниво")], "Ниво", ", ".join(levs), f"Th13 does not exist (intended {meant})", p["pid"])
    ws.cell(r, cm[(None, "Ниво")], ", ".join(levs))
    ws.cell(r, cm[(None, "Техника")], TECHC[s["tech"]])
    if len(s["levels"]) == 1:
        ws.cell(r, cm[(None, "Цемент (ml)")], s["vols"][0] if i % 2 else dec(s["vols"][0]))
    elif s["total_only"]:
        ws.cell(r, cm[(None, "Цемент (ml)")], "укупно " + dec(sum(s["vols"])))
    else:
        ws.cell(r, cm[(None, "Цемент (ml)")], " + ".join(dec(v) for v in s["vols"]))
    ws.cell(r, cm[(None, "Врста цемента")], "PMMA")
    lk = [(lv(l), k) for l, k in zip(s["levels"], s["leak"]) if k != "none"]
    ws.cell(r, cm[(None, "Истицање цемента")], "не" if not lk else "да – " + ", ".join(f"{LEAKC[k]} ({l})" for l, k in lk))
    for tp, days, has_odi in TP_C:
        g = TPC_G[tp]
        if tp in p["vals"]:
            v, o = p["vals"][tp]
            ws.cell(r, cm[(g, "VAS")], v)
            if has_odi:
                ws.cell(r, cm[(g, "ODI")], o)
        elif p["died"] == "yes" and days > p["death_day"]:
            ws.cell(r, cm[(g, "VAS")], "†")
        else:
            ws.cell(r, cm[(g, "VAS")], "није дошао" if p["sex"] == "male" else "није дошла")
    if p["fractures"]:
        fd, fl = p["fractures"][0]
        ws.cell(r, cm[(None, "Нова фрактура")], f"да – {lv(fl)}, {(d1 + dt.timedelta(days=fd)).strftime('%d.%m.%Y.')}")
    else:
        ws.cell(r, cm[(None, "Нова фрактура")], "не")
    if len(p["sessions"]) > 1:
        s2 = p["sessions"][1]
        ws.cell(r, cm[(None, "Реинтервенција – датум")], s2["date"].strftime("%d.%m.%Y."))
        ws.cell(r, cm[(None, "Реинт. ниво")], lv(s2["levels"][0]))
        ws.cell(r, cm[(None, "Реинт. техника")], TECHC[s2["tech"]])
        ws.cell(r, cm[(None, "Реинт. цемент (ml)")], dec(s2["vols"][0]))
    ws.cell(r, cm[(None, "Умро/ла (да/не)")], "да" if p["died"] == "yes" else "не")
    if p["died"] == "yes":
        ws.cell(r, cm[(None, "Датум смрти")], (d1 + dt.timedelta(days=p["death_day"])).strftime("%d.%m.%Y."))
    r += 1
ws.cell(r + 1, 1, "† = преминуо/ла пре контроле; VAS 0–10, ODI у %")
ws.freeze_panes = "C4"

# ---------------------------------------------------------------- Latin sheet
ws = wb.create_sheet("Dr Jovanović")
ETL = {"osteoporotic": ["osteoporoza", "osteoporoza", "OP prelom"],
       "pathologic": ["MTS (pluća)", "mijelom", "MTS dojke"],
       "traumatic": ["trauma (pad)", "trauma", "pad sa visine"]}
LEAKL = {"disc": "u disk", "venous": "venski", "paravertebral": "paravertebralno"}
gL = [("Pre", ["VAS", "ODI"]), ("7 dana", ["VAS"]), ("6 nedelja", ["VAS", "ODI"]),
      ("6 meseci", ["VAS", "ODI"]), ("12 meseci", ["VAS", "ODI"])]
beforeL = ["Šifra", "Pol", "Starost", "Dijagnoza", "Datum op.", "Nivo", "Tehnika", "Cement ml", "Curenje cementa"]
afterL = ["Nova fraktura", "Ponovna intervencija", "Umro (da/ne)", "Datum smrti"]
cm = header(ws, "Neurohirurgija Novi Sad — VP/KP, dr Jovanović (2020–2023)", beforeL, gL, afterL)
TPL_G = dict(zip([t[0] for t in TP_L], [g for g, _ in gL]))
TECHL = {"vertebroplasty": "VP", "kyphoplasty": "BKP"}
r = 4
for i, p in enumerate(pl):
    d1 = p["sessions"][0]["date"]
    s = p["sessions"][0]
    ws.cell(r, cm[(None, "Šifra")], p["pid"])
    ws.cell(r, cm[(None, "Pol")], "ž" if p["sex"] == "female" else "m")
    ws.cell(r, cm[(None, "Starost")], p["age"])
    ws.cell(r, cm[(None, "Dijagnoza")], ETL[p["etio"]][p["sub"]])
    c = ws.cell(r, cm[(None, "Datum op.")])
    if p["pid"] == "J-09":
        c.value = "30.02.2021."
        err(ws, r, c.column, "Datum op.", "30.02.2021.", "30 February does not exist", p["pid"])
    else:
        c.value = d1
        c.number_format = "dd.mm.yyyy."
    ws.cell(r, cm[(None, "Nivo")], ", ".join(lv(l) for l in s["levels"]))
    ws.cell(r, cm[(None, "Tehnika")], TECHL[s["tech"]])
    if len(s["levels"]) == 1:
        ws.cell(r, cm[(None, "Cement ml")], dec(s["vols"][0]))
    elif s["total_only"]:
        ws.cell(r, cm[(None, "Cement ml")], dec(sum(s["vols"])) + " ukupno")
    else:
        ws.cell(r, cm[(None, "Cement ml")], "/".join(dec(v) for v in s["vols"]))
    lk = [(lv(l), k) for l, k in zip(s["levels"], s["leak"]) if k != "none"]
    ws.cell(r, cm[(None, "Curenje cementa")], "ne" if not lk else "da, " + ", ".join(f"{LEAKL[k]} {l}" for l, k in lk))
    for tp, days, has_odi in TP_L:
        g = TPL_G[tp]
        if tp in p["vals"]:
            v, o = p["vals"][tp]
            ws.cell(r, cm[(g, "VAS")], v)
            if has_odi:
                if p["pid"] == "J-04" and tp == "6m":
                    ws.cell(r, cm[(g, "ODI")], 130)
                    err(ws, r, cm[(g, "ODI")], "ODI", 130, f"ODI 130 on a 0-100 scale (intended {o})", p["pid"])
                else:
                    ws.cell(r, cm[(g, "ODI")], o)
        elif p["died"] == "yes" and days > p["death_day"]:
            ws.cell(r, cm[(g, "VAS")], "umro" if p["sex"] == "male" else "umrla")
        else:
            ws.cell(r, cm[(g, "VAS")], "/")
            if has_odi:
                ws.cell(r, cm[(g, "ODI")], "/")
    if p["fractures"]:
        fd, fl = p["fractures"][0]
        ws.cell(r, cm[(None, "Nova fraktura")], f"{lv(fl)} ({(d1 + dt.timedelta(days=fd)).strftime('%d.%m.%Y.')})")
    else:
        ws.cell(r, cm[(None, "Nova fraktura")], "ne")
    if len(p["sessions"]) > 1:
        s2 = p["sessions"][1]
        ws.cell(r, cm[(None, "Ponovna intervencija")],
                f"{s2['date'].strftime('%d.%m.%Y.')} {lv(s2['levels'][0])} {TECHL[s2['tech']]} {dec(s2['vols'][0])} ml")
    else:
        ws.cell(r, cm[(None, "Ponovna intervencija")], "ne")
    ws.cell(r, cm[(None, "Umro (da/ne)")], "da" if p["died"] == "yes" else "ne")
    if p["died"] == "yes":
        c = ws.cell(r, cm[(None, "Datum smrti")], d1 + dt.timedelta(days=p["death_day"]))
        c.number_format = "dd.mm.yyyy."
    r += 1
ws.cell(r + 1, 1, "/ = nije došao/la na kontrolu; VAS 0–10; ODI %")
ws.freeze_panes = "B4"

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


allp = [p for k, p in enumerate(pc) if k != NO_ID] + pl  # the row without an ID cannot be keyed
wcsv("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
     [[p["pid"], p["sex"], p["age"], p["etio"], p["died"]] for p in allp])
proc = []
for p in allp:
    d1 = p["sessions"][0]["date"]
    for si, s in enumerate(p["sessions"]):
        for l, v, k in zip(s["levels"], s["vols"], s["leak"]):
            cv, tv = (("", fmtv(sum(s["vols"]))) if s["total_only"] else (fmtv(v), ""))
            proc.append([p["pid"], si + 1, (s["date"] - d1).days, l, s["tech"], cv, tv, s["cement"], k])
wcsv("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                        "session_cement_volume_ml", "cement_type", "leakage"], proc)
ass = []
for p in allp:
    for tp, (v, o) in p["vals"].items():
        ass.append([p["pid"], 1, "pain_vas", tp, v])
        if o is not None:
            ass.append([p["pid"], 1, "odi", tp, o])
wcsv("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], ass)
wcsv("fractures.csv", ["patient_id", "day", "level"],
     [[p["pid"], d, l] for p in allp for d, l in p["fractures"]])
wcsv("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"], errors)
wcsv("identifiers.csv", ["kind", "value"], [])
