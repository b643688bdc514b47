"""Blind test site: ibadan (Nigeria; English with Yoruba).

One sheet, one row per procedure.  A patient who withdrew from the study has their
row struck through; two hidden columns hold an older, superseded VAS entry.
Run:  /work/blindenv/bin/python make.py
"""
import csv
import datetime as dt
import os
import random

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

SEED = 25022
rng = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, "truth")
os.makedirs(TRUTH, exist_ok=True)
CUTOFF = dt.date(2024, 1, 31)
SHEET = "PVA register"

SURN = ["Adebayo", "Ogunleye", "Adeyemi", "Afolabi", "Olaniyan", "Akinola", "Okafor",
        "Bello", "Oladipo", "Adewale", "Ogundipe", "Fashola", "Oyelaran", "Ajayi",
        "Babatunde", "Eze", "Ibrahim", "Ogunbiyi", "Olatunji", "Akande", "Adeleke",
        "Oyewole", "Salami", "Onyekachi", "Adesina", "Lawal"]
FIRST_M = ["Adewale Johnson", "Babatunde", "Oluwaseun", "Olusegun Peter", "Kehinde",
           "Chinedu", "Abdulrasheed", "Ayodele", "Moses Olufemi", "Tunde", "Gbenga",
           "Rasaki", "Emmanuel Ade"]
FIRST_F = ["Folake", "Yetunde", "Aminat", "Funmilayo Grace", "Omolara", "Adunni",
           "Bolanle", "Titilayo", "Ngozi", "Mojisola", "Comfort Abike", "Iyabo",
           "Modupe", "Olufunke", "Victoria Bisi", "Sidikat"]

ORDER = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]
LEVELS_W = [("T6", 1), ("T8", 2), ("T9", 2), ("T10", 3), ("T11", 5), ("T12", 9),
            ("L1", 9), ("L2", 6), ("L3", 4), ("L4", 3), ("L5", 1)]

DX = {
    "osteoporotic": ["Osteoporotic VCF", "Osteoporotic # ", "Senile osteoporosis, VCF",
                     "Osteoporosis (post-menopausal)"],
    "pathologic": ["Ca prostate - spinal mets", "Ca breast mets", "Multiple myeloma",
                   "Ca prostate mets", "MM (myeloma)"],
    "traumatic": ["RTA - fell from okada", "Fall from palm tree", "Fall from height (building site)",
                  "RTA (MVA)"],
}


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


def session(two=None):
    two = (rng.random() < 0.25) if two is None else two
    l1 = pick_level()
    levels = sorted([l1, neighbour(l1)], key=ORDER.index) if two else [l1]
    tech = "KP" if rng.random() < 0.2 else "VP"
    total = sum(round(rng.uniform(2.0, 5.5) * 2) / 2 for _ in levels)
    leaks = []
    for _ in levels:
        r = rng.random()
        leaks.append("none" if r < 0.75 else "disc" if r < 0.87 else
                     "paravertebral" if r < 0.94 else "venous")
    pre = rng.randint(6, 10)
    w2 = max(0, pre - rng.randint(2, 5))
    m3 = max(0, w2 - rng.randint(0, 3))
    m6 = max(0, min(10, m3 + rng.randint(-2, 1)))
    odi_pre = rng.randrange(36, 86, 2)
    odi_6 = max(4, odi_pre - rng.randrange(12, 44, 2))
    mob_pre = rng.choice([1, 2, 2, 3, 3])
    mob_6 = min(4, mob_pre + rng.choice([0, 1, 1, 2]))
    return dict(levels=levels, tech=tech, total=total, leaks=leaks,
                vas={"pre": pre, "2w": w2, "3m": m3, "6m": m6},
                odi={"pre": odi_pre, "6m": odi_6}, mob={"pre": mob_pre, "6m": mob_6})


ETIO = ["osteoporotic"] * 13 + ["pathologic"] * 6 + ["traumatic"] * 4
rng.shuffle(ETIO)
patients = []
used = set()
for k, etio in enumerate(ETIO):
    if etio == "osteoporotic":
        sex = "female" if rng.random() < 0.75 else "male"
        age = rng.randint(58, 86)
    elif etio == "traumatic":
        sex = "male" if rng.random() < 0.75 else "female"
        age = rng.randint(31, 66)
    else:
        sex = rng.choice(["male", "female"])
        age = rng.randint(45, 80)
    while True:
        sn = rng.choice(SURN)
        fn = rng.choice(FIRST_F if sex == "female" else FIRST_M)
        if sn not in used:
            used.add(sn)
            break
    dx = rng.choice(DX[etio])
    if etio == "pathologic" and sex == "female":
        dx = rng.choice(["Ca breast mets", "Multiple myeloma", "MM (myeloma)"])
    if etio == "pathologic" and sex == "male":
        dx = rng.choice(["Ca prostate - spinal mets", "Multiple myeloma", "Ca prostate mets"])
    s1 = session()
    s1["date"] = rand_date(dt.date(2021, 2, 1), dt.date(2022, 11, 30))
    patients.append(dict(etio=etio, sex=sex, age=age, surname=sn, first=fn, dx=dx,
                         hosp=f"UCH {rng.randrange(100000, 999999):07d}",
                         phone=f"0{rng.choice(['803', '805', '806', '813', '703', '816', '807', '905'])} "
                               f"{rng.randrange(1000):03d} {rng.randrange(10000):04d}",
                         sessions=[s1], died=None, withdrawn=None, newfx=[]))
patients.sort(key=lambda p: p["sessions"][0]["date"])
for i, p in enumerate(patients):
    p["id"] = f"UCH-PVA-{i + 1:03d}"
    p["sn"] = i + 1
byid = {p["id"]: p for p in patients}

# withdrawn patient (struck through, not in truth)
p_wd = patients[8]
p_wd["withdrawn"] = p_wd["sessions"][0]["date"] + dt.timedelta(days=rng.randint(40, 80))

# second procedures
seconds = [patients[2], patients[10], patients[15]]
for p in seconds:
    if p["etio"] == "traumatic":
        continue
    s1 = p["sessions"][0]
    s2 = session(two=False)
    s2["levels"] = [neighbour(s1["levels"][0], exclude=s1["levels"])]
    s2["leaks"] = s2["leaks"][:1]
    d2 = s1["date"] + dt.timedelta(days=rng.randint(100, 300))
    while d2.weekday() >= 5:
        d2 += dt.timedelta(days=1)
    s2["date"] = d2
    p["sessions"].append(s2)
    p["newfx"].append((d2, s2["levels"][0]))
# deaths
path = [p for p in patients if p["etio"] == "pathologic" and p is not p_wd
        and len(p["sessions"]) == 1]
for p, dd in zip(path[:3], (75, 160, 250)):
    p["died"] = p["sessions"][0]["date"] + dt.timedelta(days=dd + rng.randint(0, 15))

TPD = {"2w": 14, "3m": 91, "6m": 182}
for p in patients:
    for s in p["sessions"]:
        s["miss"] = {}
        for tp in ("2w", "3m", "6m"):
            due = s["date"] + dt.timedelta(days=TPD[tp])
            if p["died"] and due > p["died"]:
                s["miss"][tp] = "died"
            elif due > CUTOFF:
                s["miss"][tp] = "notdue"
            elif rng.random() < 0.13:
                s["miss"][tp] = rng.choice(["DNA", "Kò wá", "LTFU", "-", "", "travelled (went to village)"])
        s["review6"] = (s["date"] + dt.timedelta(days=182 + rng.randint(-12, 20))
                        if "6m" not in s["miss"] else None)
        # old (superseded) entries for the hidden columns
        s["old"] = {}
        for tp in ("2w", "3m"):
            if tp in s["miss"]:
                s["old"][tp] = None if rng.random() < 0.6 else rng.randint(2, 7)
            else:
                v = s["vas"][tp]
                s["old"][tp] = v if rng.random() < 0.55 else max(0, min(10, v + rng.choice([-2, -1, 1, 2, 3])))

# planted errors (truth keeps the correct value)
nonwd = [p for p in patients if p is not p_wd]
p_lvl = nonwd[4]
p_vas = nonwd[9]
p_cem = [p for p in nonwd[12:] if len(p["sessions"][0]["levels"]) == 1][0]
p_date = [p for p in nonwd if p["sessions"][0]["review6"] and p not in (p_vas, p_cem, p_lvl)
          and p["sessions"][0]["date"].year == 2022][0]
p_lvl["sessions"][0]["levels"] = ["T12"]
p_lvl["sessions"][0]["leaks"] = p_lvl["sessions"][0]["leaks"][:1]
sv = p_vas["sessions"][0]
sv["miss"].pop("2w", None)
sv["vas"]["2w"] = 5
p_cem["sessions"][0]["total"] = 3.0

errs = []

# ------------------------------------------------------------------ workbook
wb = xlsxwriter.Workbook(os.path.join(HERE, "input.xlsx"))
wb.set_properties({"title": "UCH Ibadan PVA database", "author": "A. Ogundele (RC)",
                   "created": dt.datetime(2024, 2, 12, 8, 30, 0)})
ws = wb.add_worksheet(SHEET)
F = lambda **k: wb.add_format(k)
f_t = F(bold=True, font_size=12)
f_h = F(bold=True, text_wrap=True, valign="top", border=1, bg_color="#E2EFDA")
f_hh = F(bold=True, text_wrap=True, valign="top", border=1, bg_color="#EDEDED",
         font_color="#7F7F7F")
f_d = F(num_format="dd/mm/yyyy", align="left")
f_s = F(font_strikeout=True, font_color="#7F7F7F")
f_sd = F(font_strikeout=True, font_color="#7F7F7F", num_format="dd/mm/yyyy", align="left")

ws.write(0, 0, "UNIVERSITY COLLEGE HOSPITAL, IBADAN - Neurosurgery/Spine Unit: "
               "Percutaneous Vertebral Augmentation (VP/KP) outcome database", f_t)
ws.write(1, 0, "Compiled by research nurse. Last updated 12/02/2024. "
               "Struck-through row = patient withdrawn. See Key below table.")
H = ["S/N", "Study No", "Surname", "Other names", "Hosp No", "Phone", "Sex", "Age",
     "Diagnosis", "Date of procedure", "Level(s)", "Procedure", "Cement (mls)",
     "Cement leak", "VAS pre-op\n(ìrora ṣáájú iṣẹ́ abẹ)", "VAS 2/52\n(1st entry)",
     "VAS 3/12\n(1st entry)", "VAS 2/52", "VAS 3/12", "Date of 6/12 review", "VAS 6/12",
     "ODI pre-op (%)", "ODI 6/12 (%)", "Mobility pre-op (1-4)", "Mobility 6/12 (1-4)",
     "Remarks"]
C = {k: i for i, k in enumerate(["sn", "id", "sur", "oth", "hosp", "phone", "sex", "age",
                                  "dx", "date", "lev", "proc", "cem", "leak", "vas_pre",
                                  "old_2w", "old_3m", "vas_2w", "vas_3m", "rev6", "vas_6m",
                                  "odi_pre", "odi_6m", "mob_pre", "mob_6m", "rem"])}
HR = 3
for i, h in enumerate(H):
    ws.write(HR, i, h, f_hh if i in (C["old_2w"], C["old_3m"]) else f_h)
ws.set_row(HR, 45)
W = [5, 13, 12, 17, 13, 14, 5, 7, 26, 12, 10, 9, 9, 16, 12, 10, 10, 8, 8, 12, 8, 8, 8,
     9, 9, 55]
for i, w in enumerate(W):
    opts = {"hidden": True} if i in (C["old_2w"], C["old_3m"]) else {}
    ws.set_column(i, i, w, None, opts)
ws.freeze_panes(HR + 1, 3)

LEAK = {"disc": "Disc", "paravertebral": "Paravertebral", "venous": "Venous (asymptomatic)"}
truth_proc, truth_ass = [], []
r = HR + 1
for p in patients:
    for si, s in enumerate(p["sessions"]):
        wd = p["withdrawn"] is not None
        fs = f_s if wd else None
        fsd = f_sd if wd else f_d

        def put(col, val, fmt=None):
            fmt = fmt if fmt is not None else fs
            if val is None or val == "":
                if fmt is not None:
                    ws.write_blank(r, C[col], None, fmt)
                return
            if isinstance(val, (int, float)):
                ws.write_number(r, C[col], val, fmt)
            else:
                ws.write_string(r, C[col], val, fmt)

        put("sn", p["sn"] if si == 0 else "")
        put("id", p["id"])
        put("sur", p["surname"].upper())
        put("oth", p["first"])
        put("hosp", p["hosp"])
        put("phone", p["phone"] if si == 0 else "")
        put("sex", "F" if p["sex"] == "female" else "M")
        if si == 0:
            put("age", p["age"] if rng.random() < 0.8 else f"{p['age']}yrs")
        put("dx", p["dx"] if si == 0 else "")
        ws.write_datetime(r, C["date"], dt.datetime.combine(s["date"], dt.time()), fsd)
        if p is p_lvl and si == 0:
            put("lev", "T13")
            errs.append((SHEET, xl_rowcol_to_cell(r, C["lev"]), r + 1, "Level(s)", "T13",
                         "impossible vertebral level (there is no T13); op note: T12", p["id"]))
        else:
            put("lev", " & ".join(s["levels"]))
        put("proc", s["tech"])
        if p is p_cem and si == 0:
            put("cem", 30)
            errs.append((SHEET, xl_rowcol_to_cell(r, C["cem"]), r + 1, "Cement (mls)", "30",
                         "implausible cement volume for a single vertebra (> 20 mL); op note "
                         "says 3.0 mls", p["id"]))
        else:
            t = s["total"]
            t = int(t) if float(t).is_integer() else t
            put("cem", t if rng.random() < 0.85 else f"{t}mls")
        lk = s["leaks"]
        if all(x == "none" for x in lk):
            put("leak", rng.choice(["Nil", "Nil", "None", "nil"]))
        elif len(lk) == 1:
            put("leak", LEAK[lk[0]])
        else:
            put("leak", ", ".join(f"{LEAK[x].split(' (')[0]} at {lv}"
                                  for lv, x in zip(s["levels"], lk) if x != "none"))
        # VAS
        put("vas_pre", s["vas"]["pre"])
        for tp in ("2w", "3m"):
            ov = s["old"][tp]
            put("old_" + tp, ov if ov is not None else "")
        for tp in ("2w", "3m", "6m"):
            col = "vas_" + tp
            if tp in s["miss"]:
                m = s["miss"][tp]
                put(col, {"died": "late", "notdue": "not due"}.get(m, m))
                continue
            v = s["vas"][tp]
            if p is p_vas and si == 0 and tp == "2w":
                put(col, 15)
                errs.append((SHEET, xl_rowcol_to_cell(r, C[col]), r + 1, "VAS 2/52", "15",
                             "pain score outside the 0-10 VAS; ward chart says 5", p["id"]))
            else:
                x = rng.random()
                put(col, v if x < 0.85 else (f"{v}/10" if x < 0.93 else str(v)))
        if s["review6"]:
            rd = s["review6"]
            if p is p_date and si == 0:
                bad = rd.replace(year=rd.year - 1)
                ws.write_datetime(r, C["rev6"], dt.datetime.combine(bad, dt.time()), fsd)
                errs.append((SHEET, xl_rowcol_to_cell(r, C["rev6"]), r + 1,
                             "Date of 6/12 review", bad.strftime("%d/%m/%Y"),
                             "6-month review dated before the procedure (wrong year; clinic "
                             "register: " + rd.strftime("%d/%m/%Y") + ")", p["id"]))
            else:
                ws.write_datetime(r, C["rev6"], dt.datetime.combine(rd, dt.time()), fsd)
        # ODI / mobility
        put("odi_pre", s["odi"]["pre"])
        put("mob_pre", s["mob"]["pre"])
        odi_miss = "6m" in s["miss"] or rng.random() < 0.1
        if not odi_miss:
            put("odi_6m", s["odi"]["6m"] if rng.random() < 0.85 else f"{s['odi']['6m']}%")
        if "6m" not in s["miss"]:
            put("mob_6m", s["mob"]["6m"])
        # remarks
        rem = []
        if si == 1:
            rem.append(f"2nd procedure - new # {s['levels'][0]} (same pt, see S/N {p['sn']})")
        if si == 0 and len(p["sessions"]) > 1:
            rem.append(f"New # {p['sessions'][1]['levels'][0]} on MRI, re-admitted for 2nd "
                       "procedure (next row)")
        if wd:
            rem.append(f"WITHDRAWN - withdrew consent {p['withdrawn'].strftime('%d/%m/%Y')}; "
                       "data not to be used")
        if p["died"]:
            rem.append(f"Pt is late ({p['died'].strftime('%d/%m/%Y')}) - ó ti kú; "
                       "info from son by phone")
        if any(m == "Kò wá" for m in s["miss"].values()):
            rem.append("kò wá = did not come")
        if any(m.startswith("travelled") for m in s["miss"].values()):
            rem.append("could not reach on phone")
        if "6m" not in s["miss"] and odi_miss:
            rem.append("ODI form not filled at 6/12")
        if p is p_vas and si == 0:
            rem.append("ara rẹ̀ ti yá díẹ̀ (feeling a bit better)")
        if rem:
            put("rem", "; ".join(rem))
        elif wd:
            pass
        if not wd:
            base = p["sessions"][0]["date"]
            n = len(s["levels"])
            for lv, lk in zip(s["levels"], s["leaks"]):
                truth_proc.append((p["id"], si + 1, (s["date"] - base).days, lv,
                                   "kyphoplasty" if s["tech"] == "KP" else "vertebroplasty",
                                   s["total"] if n == 1 else "", s["total"] if n > 1 else "",
                                   "PMMA", lk))
            truth_ass.append((p["id"], si + 1, "pain_vas", "pre", s["vas"]["pre"]))
            for tp in ("2w", "3m", "6m"):
                if tp not in s["miss"]:
                    truth_ass.append((p["id"], si + 1, "pain_vas", tp, s["vas"][tp]))
            truth_ass.append((p["id"], si + 1, "odi", "pre", s["odi"]["pre"]))
            if not odi_miss:
                truth_ass.append((p["id"], si + 1, "odi", "6m", s["odi"]["6m"]))
            truth_ass.append((p["id"], si + 1, "mobility", "pre", s["mob"]["pre"]))
            if "6m" not in s["miss"]:
                truth_ass.append((p["id"], si + 1, "mobility", "6m", s["mob"]["6m"]))
        r += 1

r += 1
KEY = [
    "KEY:",
    "Sex: M = male, F = female.  Procedure: VP = vertebroplasty, KP = kyphoplasty (balloon).  "
    "Cement = PMMA, total mls for the whole procedure (all levels together).",
    "VAS = pain 0-10 (0 none, 10 worst).  2/52 = 2 weeks, 3/12 = 3 months, 6/12 = 6 months after "
    "the procedure on that row.",
    "Columns P-Q (VAS 2/52 & 3/12 '1st entry') are hidden: first entry from ward sheet, superseded "
    "after audit of clinic notes (Oct 2023). USE COLUMNS R-S.",
    "Mobility (1-4): 1 = bedridden, 2 = chair/wheelchair, 3 = walks with aid (stick/frame), "
    "4 = walks unaided.  ODI = Oswestry Disability Index (%).",
    "DNA = did not attend; kò wá = did not come; LTFU = lost to follow-up; 'late' = patient "
    "died (ó ti kú); not due = visit not yet due.",
    "Struck-through row = consent withdrawn, exclude from analysis.",
]
for i, t in enumerate(KEY):
    ws.write(r + i, 0, t, F(bold=True) if i == 0 else None)
wb.close()


# ---------------------------------------------------------------- truth
def wcsv(name, header, rows):
    with open(os.path.join(TRUTH, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([(int(x) if isinstance(x, float) and x.is_integer() else x)
                        for x in row])


keep = [p for p in patients if not p["withdrawn"]]
wcsv("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
     [(p["id"], p["sex"], p["age"], p["etio"], "yes" if p["died"] else "no") for p in keep])
wcsv("procedures.csv", ["patient_id", "session", "day", "level", "technique",
                        "cement_volume_ml", "session_cement_volume_ml", "cement_type",
                        "leakage"], truth_proc)
TPO = ["pre", "24h", "1w", "2w", "6w", "1m", "3m", "6m", "12m"]
MO = ["pain_vas", "odi", "mobility"]
wcsv("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"],
     sorted(truth_ass, key=lambda t: (t[0], t[1], MO.index(t[2]), TPO.index(t[3]))))
wcsv("fractures.csv", ["patient_id", "day", "level"],
     [(p["id"], (d - p["sessions"][0]["date"]).days, lv) for p in keep for d, lv in p["newfx"]])
wcsv("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong",
                    "patient_id"], sorted(errs, key=lambda e: e[2]))
ids = []
for p in patients:
    ids += [("name", f"{p['surname'].upper()} {p['first']}"), ("name", p["surname"].upper()),
            ("name", p["first"]), ("hospital_number", p["hosp"]), ("phone", p["phone"])]
wcsv("identifiers.csv", ["kind", "value"], ids)
print("patients", len(patients), "kept", len(keep), "withdrawn", p_wd["id"])
