"""Blind test site: aberystwyth (Wales, Welsh with English).

Layout: one sheet grouped by diagnosis like a pivot table: a group heading row
("Osteoporosis (n = 9)"), the patients of that group, a row of means, and a grand
total row at the end.  Etiology is known only from the group a row sits in.
Run:  /work/blindenv/bin/python make.py
"""
import csv
import datetime as dt
import os
import random

import xlsxwriter

SEED = 25021
rng = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, "truth")
os.makedirs(TRUTH, exist_ok=True)

CUTOFF = dt.date(2024, 2, 29)

FIRST_F = ["Gwenllian", "Eirlys", "Megan", "Siân", "Nia", "Ceridwen", "Bethan", "Mair",
           "Glenys", "Olwen", "Menna", "Rhiannon", "Margaret", "Elin", "Catrin", "Dilys"]
FIRST_M = ["Dafydd", "Gwilym", "Emyr", "Huw", "Iwan", "Rhys", "Gareth", "Trefor",
           "Alun", "Idris", "Geraint", "John", "Elwyn"]
SURN = ["Jones", "Davies", "Evans", "Williams", "Morgan", "Hughes", "Lloyd", "Griffiths",
        "Pugh", "Rees", "Owen", "Roberts", "Jenkins", "Powell", "Thomas", "Edwards",
        "ap Rhys", "Puw", "Humphreys", "Bowen", "Lewis", "Price"]

# group label on sheet, etiology for truth, number of patients
GROUPS = [
    ("Osteoporosis", "osteoporotic", 10),
    ("Metastasau / Metastases", "pathologic", 4),
    ("Myeloma", "pathologic", 2),
    ("Trawma / Trauma", "traumatic", 3),
    ("Arall / Other", "other", 2),
]
OTHER_DX = ["Haemangioma", "Clefyd Kümmell / Kümmell's disease"]
MET_DX = ["ca. y fron / breast", "ca. y prostad / prostate", "ca. yr ysgyfaint / lung",
          "ca. yr aren / renal"]

LEVELS_W = [("T7", 1), ("T8", 2), ("T9", 2), ("T10", 3), ("T11", 5), ("T12", 9),
            ("L1", 9), ("L2", 6), ("L3", 4), ("L4", 3), ("L5", 1)]
ORDER = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]


def pick_level(exclude=()):
    while True:
        lv = rng.choices([l for l, _ in LEVELS_W], [w for _, w in LEVELS_W])[0]
        if lv not in exclude:
            return lv


def neighbour(lv, exclude=()):
    i = ORDER.index(lv)
    cands = [ORDER[j] for j in (i - 1, i + 1, i + 2) if 0 <= j < len(ORDER)
             and ORDER[j] not in exclude]
    return rng.choice(cands)


def rand_date(a, b):
    while True:
        d = a + dt.timedelta(days=rng.randrange((b - a).days))
        if d.weekday() < 5:
            return d


def nhs_number():
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        if digits[0] == 0:
            continue
        s = sum(d * (10 - i) for i, d in enumerate(digits))
        chk = 11 - s % 11
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        n = "".join(map(str, digits)) + str(chk)
        return f"{n[:3]} {n[3:6]} {n[6:]}"


def make_session(etio, young=False):
    nlev = 2 if rng.random() < 0.24 else 1
    l1 = pick_level()
    levels = [l1] if nlev == 1 else sorted([l1, neighbour(l1)], key=ORDER.index)
    tech = "KP" if rng.random() < 0.3 else "VP"
    vols = []
    for _ in levels:
        lo, hi = (3.0, 7.0) if tech == "KP" else (2.0, 6.0)
        vols.append(round(rng.uniform(lo, hi) * 2) / 2)
    ctype = "PMMA"
    if etio == "traumatic" and young:
        ctype = "Calsiwm ffosffad / CaP"
    leaks = []
    for _ in levels:
        r = rng.random()
        leaks.append("none" if r < 0.74 else "disc" if r < 0.86 else
                     "venous" if r < 0.94 else "paravertebral")
    pre = rng.randint(6, 10)
    w2 = max(0, pre - rng.randint(2, 5))
    m3 = max(0, w2 - rng.randint(0, 2))
    m12 = max(0, min(10, m3 + rng.randint(-2, 1)))
    odi_pre = rng.randrange(40, 84, 2)
    odi_3 = max(6, odi_pre - rng.randrange(10, 40, 2))
    return dict(levels=levels, tech=tech, vols=vols, ctype=ctype, leaks=leaks,
                vas={"pre": pre, "2w": w2, "3m": m3, "12m": m12},
                odi={"pre": odi_pre, "3m": odi_3})


# ---------------------------------------------------------------- patients
patients = []
used_names = set()
for gi, (glabel, etio, n) in enumerate(GROUPS):
    for k in range(n):
        if etio == "osteoporotic":
            sex = "female" if rng.random() < 0.8 else "male"
            age = rng.randint(64, 91)
        elif etio == "traumatic":
            sex = "male" if rng.random() < 0.65 else "female"
            age = rng.randint(34, 72)
        else:
            sex = rng.choice(["female", "male"])
            age = rng.randint(48, 82)
        while True:
            fn = rng.choice(FIRST_F if sex == "female" else FIRST_M)
            sn = rng.choice(SURN)
            if (fn, sn) not in used_names:
                used_names.add((fn, sn))
                break
        d0 = rand_date(dt.date(2021, 3, 1), dt.date(2022, 12, 20))
        s1 = make_session(etio, young=age < 50)
        s1["date"] = d0
        dx = None
        if etio == "pathologic" and glabel.startswith("Meta"):
            dx = MET_DX[k % len(MET_DX)]
        elif etio == "other":
            dx = OTHER_DX[k % len(OTHER_DX)]
        patients.append(dict(group=gi, etio=etio, sex=sex, age=age,
                             name=f"{fn} {sn}", nhs=nhs_number(), dx=dx,
                             sessions=[s1], died=None, newfx=[], notes=[]))

# study IDs in order of first operation
for i, p in enumerate(sorted(patients, key=lambda p: p["sessions"][0]["date"])):
    p["id"] = f"ABY-{i + 1:03d}"
byid = {p["id"]: p for p in patients}
ids = sorted(byid)

# second sessions (new fracture -> repeat procedure)
osteo = [p for p in patients if p["etio"] == "osteoporotic"]
second = [osteo[1], osteo[5], patients[11]]  # two osteoporotic, one metastatic
for p in second:
    s1 = p["sessions"][0]
    gap = rng.randint(110, 330)
    d2 = s1["date"] + dt.timedelta(days=gap)
    while d2.weekday() >= 5:
        d2 += dt.timedelta(days=1)
    s2 = make_session(p["etio"])
    lv = neighbour(s1["levels"][-1], exclude=s1["levels"])
    s2["levels"] = [lv]
    s2["vols"] = s2["vols"][:1]
    s2["leaks"] = s2["leaks"][:1]
    s2["date"] = d2
    mri = d2 - dt.timedelta(days=rng.randint(6, 20))
    p["newfx"].append((mri, lv))
    p["sessions"].append(s2)
# one new fracture treated conservatively
p_cons = osteo[3]
mri = p_cons["sessions"][0]["date"] + dt.timedelta(days=rng.randint(150, 250))
p_cons["newfx"].append((mri, neighbour(p_cons["sessions"][0]["levels"][0],
                                       exclude=p_cons["sessions"][0]["levels"])))

# deaths: two metastatic, one myeloma
mets = [p for p in patients if p["group"] == 1]
myel = [p for p in patients if p["group"] == 2]
for p, dd in ((mets[0], 70), (mets[2], 200), (myel[1], 290)):
    p["died"] = p["sessions"][0]["date"] + dt.timedelta(days=dd + rng.randint(0, 20))
    if len(p["sessions"]) > 1 and p["sessions"][1]["date"] > p["died"]:
        p["died"] = p["sessions"][1]["date"] + dt.timedelta(days=40)

TP_DAYS = {"pre": 0, "2w": 14, "3m": 91, "12m": 365}
# missed visits / deaths
for p in patients:
    for s in p["sessions"]:
        s["miss"] = {}
        for tp in ("2w", "3m", "12m"):
            due = s["date"] + dt.timedelta(days=TP_DAYS[tp])
            if p["died"] and due > p["died"]:
                s["miss"][tp] = "died"
            elif due > CUTOFF:
                s["miss"][tp] = "notdue"
            elif rng.random() < 0.12:
                s["miss"][tp] = rng.choice(["DNA", "Heb ddod", "-", "", "DNA x2"])
        if "3m" in s["miss"]:
            s["odi_miss"] = True
        else:
            s["odi_miss"] = rng.random() < 0.08

# ----------------------------------------------------------- planted errors
# (choose patients; the truth keeps the value as it should have been)
errs = []
p_lvl = byid[ids[6]]          # level written L6, should be L4
p_lvl["sessions"][0]["levels"] = ["L4"]
p_lvl["sessions"][0]["vols"] = p_lvl["sessions"][0]["vols"][:1]
p_lvl["sessions"][0]["leaks"] = p_lvl["sessions"][0]["leaks"][:1]
p_vas = byid[ids[9]]          # VAS 3 mo written 55, should be 5
p_vas["sessions"][0]["vas"]["3m"] = 5
p_vas["sessions"][0]["miss"].pop("3m", None)
p_cem = byid[ids[13]]         # cement written 42 (one vertebra), should be 4.2
p_cem["sessions"][0]["vols"][0] = 4.2
p_noid = byid[ids[16]]        # study number missing on the row

# ---------------------------------------------------------------- workbook
wb = xlsxwriter.Workbook(os.path.join(HERE, "input.xlsx"))
wb.set_properties({"title": "Cofrestr VP/KP Bronglais", "author": "Uned Asgwrn Cefn",
                   "created": dt.datetime(2024, 3, 4, 10, 15, 0)})
ws = wb.add_worksheet("Cofrestr 2021-23")
f_title = wb.add_format({"bold": True, "font_size": 13})
f_sub = wb.add_format({"italic": True, "font_color": "#555555"})
f_head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1,
                        "bg_color": "#D9E1F2"})
f_group = wb.add_format({"bold": True, "bg_color": "#FCE4D6", "top": 1})
f_mean = wb.add_format({"italic": True, "bg_color": "#F2F2F2", "num_format": "0.0"})
f_meanlab = wb.add_format({"italic": True, "bg_color": "#F2F2F2"})
f_total = wb.add_format({"bold": True, "bg_color": "#BDD7EE", "num_format": "0.0",
                         "top": 2})
f_totlab = wb.add_format({"bold": True, "bg_color": "#BDD7EE", "top": 2})
f_date = wb.add_format({"num_format": "dd/mm/yyyy", "align": "left"})
f_txt = wb.add_format({})
f_wrap = wb.add_format({"text_wrap": False})

ws.write(0, 0, "Uned Asgwrn Cefn, Ysbyty Bronglais – Cofrestr fertebroplasti / "
               "kyphoplasti 2021-2023", f_title)
ws.write(1, 0, "Spine Unit, Bronglais Hospital – VP/KP register, grouped by diagnosis "
               "(tabl colyn / pivot). Diweddarwyd / updated 04/03/2024 – CJ", f_sub)
HEAD = ["Rhif astudiaeth\nStudy no", "Enw\nName", "Rhif GIG\nNHS no", "Rhyw\nSex (G/B)",
        "Oed\nAge", "Dyddiad\nDate of op", "Lefel\nLevel", "Techneg\nTechnique",
        "Sment (ml)\nCement (ml)", "Math sment\nCement type", "Gollyngiad\nLeak",
        "VAS cyn\npre-op", "VAS 2 wythnos\n2 wk", "VAS 3 mis\n3 mo", "VAS 12 mis\n12 mo",
        "ODI cyn\npre-op (%)", "ODI 3 mis\n3 mo (%)", "Nodiadau / Notes"]
HR = 3
for c, h in enumerate(HEAD):
    ws.write(HR, c, h, f_head)
ws.set_row(HR, 42)
widths = [11, 20, 14, 8, 6, 11, 10, 9, 11, 12, 14, 8, 9, 9, 9, 9, 9, 60]
for c, w in enumerate(widths):
    ws.set_column(c, c, w)
ws.freeze_panes(HR + 1, 2)

COL = {h: i for i, h in enumerate(["id", "name", "nhs", "sex", "age", "date", "level",
                                   "tech", "cem", "ctype", "leak", "vas_pre", "vas_2w",
                                   "vas_3m", "vas_12m", "odi_pre", "odi_3m", "notes"])}
LEAK_CY = {"disc": "Disg", "venous": "Gwythiennol / venous",
           "paravertebral": "Paraf. / paravertebral"}


def cellname(r, c):
    return xlsxwriter.utility.xl_rowcol_to_cell(r, c)


def fmt_num(v):
    return int(v) if float(v).is_integer() else v


def wdate(d):
    return d.strftime("%d/%m/%Y")


row = HR + 1
all_rows = []   # numbers for the grand total
truth_proc, truth_ass = [], []
for gi, (glabel, etio, n) in enumerate(GROUPS):
    members = sorted([p for p in patients if p["group"] == gi],
                     key=lambda p: p["sessions"][0]["date"])
    ws.write(row, 0, f"{glabel} (n = {len(members)})", f_group)
    for c in range(1, len(HEAD)):
        ws.write_blank(row, c, None, f_group)
    row += 1
    grp_rows = []
    for p in members:
        for si, s in enumerate(p["sessions"]):
            r = row
            ws.set_row(r, None, None, {"level": 1})
            if not (p is p_noid and si == 0):
                ws.write(r, COL["id"], p["id"])
            else:
                errs.append(("Cofrestr 2021-23", cellname(r, COL["id"]), r + 1,
                             "Rhif astudiaeth / Study no", "",
                             "study number missing on a patient row; the register number "
                             "missing from the sequence is " + p["id"], p["id"]))
            ws.write(r, COL["name"], p["name"])
            ws.write(r, COL["nhs"], p["nhs"])
            ws.write(r, COL["sex"], "B" if p["sex"] == "female" else "G")
            if si == 0:
                ws.write_number(r, COL["age"], p["age"])
            ws.write_datetime(r, COL["date"], dt.datetime.combine(s["date"], dt.time()),
                              f_date)
            lvtxt = " + ".join(s["levels"])
            if p is p_lvl and si == 0:
                lvtxt = "L6"
                errs.append(("Cofrestr 2021-23", cellname(r, COL["level"]), r + 1,
                             "Lefel\nLevel".replace("\n", " / "), "L6",
                             "impossible vertebral level (there is no L6); operation note "
                             "says L4", p["id"]))
            ws.write(r, COL["level"], lvtxt)
            ws.write(r, COL["tech"], s["tech"])
            if len(s["vols"]) == 1:
                v = s["vols"][0]
                if p is p_cem and si == 0:
                    ws.write_number(r, COL["cem"], 42)
                    errs.append(("Cofrestr 2021-23", cellname(r, COL["cem"]), r + 1,
                                 "Sment (ml) / Cement (ml)", "42",
                                 "implausible cement volume for one vertebra (> 20 mL); "
                                 "decimal point lost, anaesthetic chart says 4.2 mL",
                                 p["id"]))
                elif rng.random() < 0.15:
                    ws.write_string(r, COL["cem"], f"{fmt_num(v)} ml")
                else:
                    ws.write_number(r, COL["cem"], v)
            else:
                ws.write_string(r, COL["cem"], " + ".join(str(fmt_num(v)) for v in s["vols"]))
            ws.write(r, COL["ctype"], s["ctype"])
            # leak
            lk = s["leaks"]
            if all(x == "none" for x in lk):
                ltxt = rng.choice(["Dim", "Dim / none", "Dim"])
            elif len(lk) == 1:
                ltxt = LEAK_CY[lk[0]]
            else:
                ltxt = "; ".join(f"{lv}: {LEAK_CY[x]}" for lv, x in zip(s["levels"], lk)
                                 if x != "none")
            ws.write(r, COL["leak"], ltxt)
            # VAS
            nums = {}
            for tp in ("pre", "2w", "3m", "12m"):
                c = COL["vas_" + tp]
                v = s["vas"][tp]
                if tp in s["miss"]:
                    why = s["miss"][tp]
                    if why == "died":
                        ws.write(r, c, "†")
                    elif why == "notdue":
                        ws.write(r, c, "n/d")
                    elif why:
                        ws.write(r, c, why)
                    continue
                if p is p_vas and si == 0 and tp == "3m":
                    ws.write_number(r, c, 55)
                    errs.append(("Cofrestr 2021-23", cellname(r, c), r + 1,
                                 "VAS 3 mis / 3 mo", "55",
                                 "pain score outside its 0-10 scale; clinic letter "
                                 "gives 5/10", p["id"]))
                else:
                    x = rng.random()
                    if x < 0.06:
                        ws.write_string(r, c, f"{v}/10")
                    elif x < 0.09 and tp != "pre":
                        ws.write_string(r, c, f"{v} (ar dabledi)")
                    elif x < 0.14:
                        ws.write_string(r, c, str(v))
                    else:
                        ws.write_number(r, c, v)
                # the mean rows are computed from what is typed (as a pivot would)
                nums["vas_" + tp] = 55 if (p is p_vas and si == 0 and tp == "3m") else v
                truth_ass.append((p["id"], si + 1, "pain_vas", tp, v))
            for tp in ("pre", "3m"):
                c = COL["odi_" + tp]
                v = s["odi"][tp]
                if tp == "3m" and ("3m" in s["miss"] or s["odi_miss"]):
                    if "3m" not in s["miss"]:
                        ws.write(r, c, "heb ei lenwi")
                    continue
                if rng.random() < 0.1:
                    ws.write_string(r, c, f"{v}%")
                else:
                    ws.write_number(r, c, v)
                nums["odi_" + tp] = v
                truth_ass.append((p["id"], si + 1, "odi", tp, v))
            # notes
            notes = []
            if si == 1:
                notes.append("2il driniaeth / 2nd procedure – toriad newydd / new fracture "
                             + s["levels"][0])
            if p.get("dx"):
                notes.append(p["dx"] if si == 0 else "")
            if si == 0:
                for (fd, flv) in p["newfx"]:
                    if len(p["sessions"]) > 1:
                        notes.append(f"Toriad newydd {flv} ar MRI {wdate(fd)} → 2il "
                                     f"driniaeth {wdate(p['sessions'][1]['date'])} "
                                     "(gweler isod)")
                    else:
                        notes.append(f"Toriad newydd {flv} ar MRI {wdate(fd)}, triniaeth "
                                     "geidwadol / conservative")
            if p["died"] and si == len(p["sessions"]) - 1:
                notes.append(f"Bu farw / died {wdate(p['died'])}")
            if p is p_noid and si == 0:
                notes.append("rhif ar goll?")
            if any(v == "notdue" for v in s["miss"].values()):
                notes.append("n/d = heb ddod yn ddyledus eto / not yet due")
            if s["ctype"] != "PMMA":
                notes.append("claf ifanc – sment CaP")
            notes = [x for x in notes if x]
            if notes:
                ws.write(r, COL["notes"], "; ".join(notes))
            cem_total = sum(s["vols"]) if not (p is p_cem and si == 0) else 42
            nums["age"] = p["age"] if si == 0 else None
            nums["cem"] = cem_total
            grp_rows.append(nums)
            all_rows.append(nums)
            for lv, vol, lk in zip(s["levels"], s["vols"], s["leaks"]):
                truth_proc.append((p["id"], si + 1, (s["date"] - p["sessions"][0]["date"]).days,
                                   lv, "kyphoplasty" if s["tech"] == "KP" else "vertebroplasty",
                                   vol if len(s["vols"]) >= 1 else "", "",
                                   "PMMA" if s["ctype"] == "PMMA" else "calcium phosphate",
                                   lk))
            row += 1

    def mean_row(rows_, r, lab, fl, fn):
        ws.write(r, 0, lab, fl)
        for c in range(1, len(HEAD)):
            key = {v: k for k, v in COL.items()}[c]
            vals = [x[key] for x in rows_ if x.get(key) is not None]
            if key in ("age", "cem") or key.startswith("vas") or key.startswith("odi"):
                if vals:
                    ws.write_number(r, c, round(sum(vals) / len(vals), 1), fn)
                    continue
            ws.write_blank(r, c, None, fl)

    mean_row(grp_rows, row, "Cymedr / Mean", f_meanlab, f_mean)
    ws.set_row(row, None, None, {"level": 1})
    row += 1
    row += 0
mean_row(all_rows, row, f"Cyfanswm / Grand total (n = {len(patients)})", f_totlab, f_total)
total_row = row
row += 2
ws.write(row, 0, "Allwedd / Key:", wb.add_format({"bold": True}))
key_lines = [
    "G = gwryw / male, B = benyw / female.  VP = fertebroplasti, KP = kyphoplasti.",
    "VAS 0-10 (0 = dim poen / no pain).  ODI = Oswestry Disability Index, %.",
    "Dau lefel: sment fesul fertebra yn yr un drefn â'r lefelau (e.e. 'T12 + L1' / '3 + 4').",
    "DNA / Heb ddod = did not attend.  † = bu farw / deceased.  n/d = not yet due.  "
    "'-' neu wag = dim cofnod / no record.",
    "Rhes 'Cymedr' = cymedr y grŵp (nid claf) / group mean row, not a patient.",
]
for i, t in enumerate(key_lines):
    ws.write(row + 1 + i, 0, t)
wb.close()

# ------------------------------------------------------------------- truth
def wcsv(name, header, rows):
    with open(os.path.join(TRUTH, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if x is None else x for x in r])


def fmt(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


wcsv("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
     [(p["id"], p["sex"], p["age"], p["etio"], "yes" if p["died"] else "no")
      for p in sorted(patients, key=lambda p: p["id"])])
wcsv("procedures.csv", ["patient_id", "session", "day", "level", "technique",
                        "cement_volume_ml", "session_cement_volume_ml", "cement_type",
                        "leakage"],
     [(a, b, c, d, e, fmt(f), g, h, i) for (a, b, c, d, e, f, g, h, i) in
      sorted(truth_proc, key=lambda t: (t[0], t[1], ORDER.index(t[3])))])
TPO = ["pre", "24h", "1w", "2w", "6w", "1m", "3m", "6m", "12m"]
wcsv("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"],
     sorted(truth_ass, key=lambda t: (t[0], t[1], t[2], TPO.index(t[3]))))
wcsv("fractures.csv", ["patient_id", "day", "level"],
     sorted([(p["id"], (fd - p["sessions"][0]["date"]).days, lv)
             for p in patients for fd, lv in p["newfx"]]))
wcsv("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong",
                    "patient_id"], errs + [])
idrows = []
for p in sorted(patients, key=lambda p: p["id"]):
    idrows.append(("name", p["name"]))
    idrows.append(("nhs_number", p["nhs"]))
wcsv("identifiers.csv", ["kind", "value"], idrows)
print("rows written up to", row, "patients", len(patients))
