"""Dhaka: Bengali register, one row per session. Run: python make.py OUTDIR"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.default_rng(20260501)

BN = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def bn(x):
    return str(x).translate(BN)


LEVELS = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]


def lvl_local(level, style):
    # the unit writes thoracic as D (dorsal); lumbar sometimes as L-1
    if level.startswith("T"):
        return "D" + level[1:]
    return ("L-" + level[1:]) if style else level


def fmt_vol(v):
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


# ------------------------------------------------------------------ data
FIRST = ["রহিমা খাতুন", "আব্দুল করিম", "সালমা বেগম", "মোঃ হাবিবুর রহমান", "নাসরিন আক্তার",
         "জাহানারা বেগম", "মোঃ আলমগীর হোসেন", "ফাতেমা খাতুন", "শামসুন নাহার", "মোঃ রফিকুল ইসলাম",
         "হাসিনা বেগম", "আনোয়ারা বেগম", "মোঃ শাহজাহান মিয়া", "রোকেয়া খাতুন", "মোঃ নুরুল হক",
         "মমতাজ বেগম", "কোহিনূর আক্তার", "মোঃ আবুল কালাম", "সুফিয়া খাতুন", "পারভীন সুলতানা",
         "মোঃ জসিম উদ্দিন", "লাইলী বেগম", "মোঃ মোস্তফা কামাল", "আমেনা খাতুন", "হালিমা বেগম",
         "মোঃ সিরাজুল ইসলাম", "রাবেয়া বসরী", "মোঃ দেলোয়ার হোসেন"]
MALE = {1, 3, 6, 9, 12, 14, 17, 20, 22, 25, 27}

ETIO = [("osteoporotic", "অস্টিওপোরোসিস"), ("osteoporotic", "অস্টিওপোরোটিক ফ্র্যাকচার"),
        ("pathologic", "মেটাস্টেসিস (স্তন ক্যান্সার)"), ("pathologic", "মাল্টিপল মায়েলোমা"),
        ("pathologic", "মেটাস্টেসিস (প্রোস্টেট)"), ("traumatic", "আঘাত (পড়ে যাওয়া)")]

LEAK_BN = {"disc": "ডিস্কে", "venous": "শিরায়", "paravertebral": "প্যারাভার্টিব্রাল", "epidural": "এপিডুরাল"}

TP = [("pre", 0), ("24h", 1), ("1m", 30), ("3m", 91), ("6m", 182)]

patients = []
n = len(FIRST)
for i in range(n):
    pid = f"DSC-{i + 1:03d}"
    sex = "male" if i in MALE else "female"
    r = rng.random()
    if r < 0.62:
        e = ETIO[int(rng.integers(0, 2))]
    elif r < 0.9:
        e = ETIO[int(rng.integers(2, 5))]
    else:
        e = ETIO[5]
    age = int(rng.integers(58, 86)) if e[0] != "traumatic" else int(rng.integers(41, 70))
    d1 = dt.date(2021, 1, 10) + dt.timedelta(days=int(rng.integers(0, 800)))
    nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
    start = int(rng.integers(8, 15)) if e[0] != "pathologic" else int(rng.integers(4, 14))
    start = min(start, len(LEVELS) - nlev)
    levels = LEVELS[start:start + nlev]
    tech = "kyphoplasty" if rng.random() < 0.3 else "vertebroplasty"
    vols = [float(rng.choice([2.5, 3, 3.5, 4, 4.5, 5, 5.5])) for _ in levels]
    cement = "calcium phosphate" if (e[0] == "traumatic" and rng.random() < 0.5) else "PMMA"
    leak = ["none"] * nlev
    if rng.random() < 0.25:
        leak[int(rng.integers(0, nlev))] = str(rng.choice(["disc", "venous", "paravertebral", "epidural"]))
    total_only = nlev > 1 and rng.random() < 0.5
    sessions = [dict(date=d1, levels=levels, tech=tech, vols=vols, total_only=total_only,
                     cement=cement, leak=leak)]
    died = e[0] == "pathologic" and rng.random() < 0.45
    death_day = int(rng.integers(60, 170)) if died else None
    fractures = []
    # second sessions
    if i in (4, 11, 19):  # new adjacent fracture, treated
        fday = int(rng.integers(35, 80))
        nl = LEVELS[max(0, start - 1)]
        fractures.append((fday, nl))
        d2 = d1 + dt.timedelta(days=fday + int(rng.integers(3, 9)))
        sessions.append(dict(date=d2, levels=[nl], tech=tech, vols=[float(rng.choice([3, 3.5, 4]))],
                             total_only=False, cement=cement, leak=["none"]))
    elif i in (8, 23):  # persistent pain, same level redone
        d2 = d1 + dt.timedelta(days=int(rng.integers(40, 70)))
        sessions.append(dict(date=d2, levels=[levels[0]], tech="vertebroplasty", vols=[2.0],
                             total_only=False, cement="PMMA", leak=["none"]))
    elif i in (2, 15, 26):  # new fracture not treated
        fday = int(rng.integers(60, 150))
        fractures.append((fday, LEVELS[min(len(LEVELS) - 1, start + nlev)]))
    if died:
        last = max([(s["date"] - d1).days for s in sessions] + [f[0] for f in fractures])
        death_day = max(death_day, last + 20)
    # assessments per session
    assess = {}
    for si, s in enumerate(sessions):
        off = (s["date"] - d1).days
        pre = int(rng.integers(6, 11))
        vals = {}
        for tp, days in TP:
            if died and off + days > death_day:
                continue
            if si == 0 and len(sessions) > 1 and days > (sessions[1]["date"] - d1).days:
                # after second session the unit follows the second row only
                continue
            if tp == "pre":
                v = pre
            elif tp == "24h":
                v = max(0, pre - int(rng.integers(2, 6)))
            else:
                if rng.random() < 0.2:
                    continue  # did not attend
                v = max(0, pre - int(rng.integers(3, 8)))
            vals[tp] = v
        assess[si] = vals
    patients.append(dict(pid=pid, sex=sex, age=age, etio=e, died="yes" if died else "no",
                         death_day=death_day, sessions=sessions, assess=assess,
                         fractures=fractures, name=FIRST[i],
                         reg=f"{int(rng.integers(20, 24))}-{int(rng.integers(10000, 99999))}",
                         phone=f"01{int(rng.choice([7, 8, 9, 5, 6]))}{int(rng.integers(10, 99))}-{int(rng.integers(100000, 999999))}"))

# ------------------------------------------------------------------ workbook
wb = Workbook()
ws = wb.active
ws.title = "রেজিস্টার"
HEAD = ["ক্রমিক", "স্টাডি আইডি", "রোগীর নাম", "রেজি. নং", "মোবাইল", "বয়স", "লিঙ্গ", "রোগের কারণ",
        "সেশন", "অপারেশনের তারিখ", "লেভেল", "পদ্ধতি", "সিমেন্ট", "সিমেন্ট (মিলি)", "লিকেজ",
        "ব্যথা (VAS) পূর্বে", "২৪ ঘণ্টা পর", "১ মাস", "৩ মাস", "৬ মাস", "নতুন ফ্র্যাকচার", "মৃত্যু", "মন্তব্য"]
C = {h: k + 1 for k, h in enumerate(HEAD)}
ws.cell(1, 1, "ঢাকা স্পাইন কেয়ার ইনস্টিটিউট — ভার্টিব্রোপ্লাস্টি / কাইফোপ্লাস্টি রেজিস্টার (২০২১-২০২৩)").font = Font(bold=True, size=13)
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEAD))
ws.cell(2, 1, "ব্যথা: VAS ০-১০ | 'আসেনি' = ফলো-আপে আসেনি | 'মৃত' = ফলো-আপের আগে মৃত্যু | লেভেল: D = ডরসাল (থোরাসিক)")
ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEAD))
for k, h in enumerate(HEAD):
    c = ws.cell(3, k + 1, h)
    c.font = Font(bold=True)
    c.fill = PatternFill("solid", fgColor="DDEBF7")
    c.alignment = Alignment(wrap_text=True, horizontal="center")
    ws.column_dimensions[get_column_letter(k + 1)].width = 14

errors = []
ERR = {"level": "DSC-006", "pain": "DSC-013", "age": "DSC-018", "date": "DSC-020"}


def err(row, col, value, what, pid):
    errors.append(dict(sheet=ws.title, cell=f"{get_column_letter(C[col])}{row}", row=row,
                       column_header=col, value=value, what_is_wrong=what, patient_id=pid))


def put_date(row, col, d, k):
    c = ws.cell(row, C[col])
    if k % 4 == 3:
        c.value = d
        c.number_format = "dd/mm/yyyy"
    else:
        c.value = bn(d.strftime("%d/%m/%Y"))


row = 4
serial = 0
SESS = ["১ম", "২য়", "৩য়"]
TECH = {"vertebroplasty": ["VP", "PVP", "ভার্টিব্রোপ্লাস্টি"], "kyphoplasty": ["KP", "কাইফোপ্লাস্টি (KP)"]}
for pi, p in enumerate(patients):
    d1 = p["sessions"][0]["date"]
    for si, s in enumerate(p["sessions"]):
        serial += 1
        ws.cell(row, C["ক্রমিক"], bn(serial))
        ws.cell(row, C["স্টাডি আইডি"], p["pid"])
        ws.cell(row, C["রোগীর নাম"], p["name"])
        ws.cell(row, C["সেশন"], SESS[si])
        if si == 0:
            ws.cell(row, C["রেজি. নং"], p["reg"])
            ws.cell(row, C["মোবাইল"], p["phone"])
            a = p["age"]
            if p["pid"] == ERR["age"]:
                ws.cell(row, C["বয়স"], bn(210))
                err(row, "বয়স", bn(210), f"age 210 years (impossible; intended {p['age']})", p["pid"])
            elif pi % 5 == 0:
                ws.cell(row, C["বয়স"], a)
            elif pi % 5 == 1:
                ws.cell(row, C["বয়স"], bn(a) + " বছর")
            else:
                ws.cell(row, C["বয়স"], bn(a))
            ws.cell(row, C["লিঙ্গ"], "পুরুষ" if p["sex"] == "male" else "মহিলা")
            ws.cell(row, C["রোগের কারণ"], p["etio"][1])
            if p["died"] == "yes":
                dd = d1 + dt.timedelta(days=p["death_day"])
                ws.cell(row, C["মৃত্যু"], "হ্যাঁ — " + bn(dd.strftime("%d/%m/%Y")))
            else:
                ws.cell(row, C["মৃত্যু"], "না")
            if p["fractures"]:
                fd, fl = p["fractures"][0]
                fdate = d1 + dt.timedelta(days=fd)
                ws.cell(row, C["নতুন ফ্র্যাকচার"], f"{lvl_local(fl, pi % 2)}, " + bn(fdate.strftime("%d/%m/%Y")))
            else:
                ws.cell(row, C["নতুন ফ্র্যাকচার"], "নেই")
        else:
            ws.cell(row, C["মন্তব্য"], "নতুন ফ্র্যাকচার — আবার VP" if p["fractures"] else "ব্যথা কমেনি — একই লেভেলে আবার সিমেন্ট")
        # date
        if p["pid"] == ERR["date"] and si == 1:
            ws.cell(row, C["অপারেশনের তারিখ"], "৩১/০২/২০২২")
            err(row, "অপারেশনের তারিখ", "৩১/০২/২০২২", "31 February does not exist", p["pid"])
        else:
            put_date(row, "অপারেশনের তারিখ", s["date"], pi + si)
        lv = [lvl_local(l, (pi + si) % 2) for l in s["levels"]]
        if p["pid"] == ERR["level"] and si == 0:
            meant = s["levels"][-1]
            lv[-1] = "L-7"
            err(row, "লেভেল", ", ".join(lv), f"L7 does not exist (intended {meant})", p["pid"])
        ws.cell(row, C["লেভেল"], ", ".join(lv))
        ws.cell(row, C["পদ্ধতি"], TECH[s["tech"]][(pi + si) % len(TECH[s["tech"]])])
        ws.cell(row, C["সিমেন্ট"], "PMMA" if s["cement"] == "PMMA" else "ক্যালসিয়াম ফসফেট")
        if len(s["levels"]) == 1:
            ws.cell(row, C["সিমেন্ট (মিলি)"], bn(fmt_vol(s["vols"][0])) if pi % 3 else s["vols"][0])
        elif s["total_only"]:
            ws.cell(row, C["সিমেন্ট (মিলি)"], "মোট " + bn(fmt_vol(sum(s["vols"]))))
        else:
            ws.cell(row, C["সিমেন্ট (মিলি)"], " + ".join(bn(fmt_vol(v)) for v in s["vols"]))
        lk = [(l, k) for l, k in zip(lv, s["leak"]) if k != "none"]
        ws.cell(row, C["লিকেজ"], "নেই" if not lk else "; ".join(f"{l}: {LEAK_BN[k]}" for l, k in lk))
        cols = ["ব্যথা (VAS) পূর্বে", "২৪ ঘণ্টা পর", "১ মাস", "৩ মাস", "৬ মাস"]
        off = (s["date"] - d1).days
        for (tp, days), col in zip(TP, cols):
            v = p["assess"][si].get(tp)
            if v is None:
                if p["died"] == "yes" and off + days > p["death_day"]:
                    ws.cell(row, C[col], "মৃত")
                elif si == 0 and len(p["sessions"]) > 1 and days > (p["sessions"][1]["date"] - d1).days:
                    ws.cell(row, C[col], "২য় সেশন দেখুন")
                elif (pi + days) % 2:
                    ws.cell(row, C[col], "আসেনি")
                continue
            if p["pid"] == ERR["pain"] and tp == "1m":
                ws.cell(row, C[col], bn(14))
                err(row, col, bn(14), f"pain 14 on a 0-10 scale (intended {v})", p["pid"])
                continue
            ws.cell(row, C[col], v if (pi + days) % 7 == 0 else bn(v))
        row += 1
    if pi in (9, 19):
        row += 1  # spacer rows between register pages
ws.freeze_panes = "C4"

os.makedirs(OUT, exist_ok=True)
wb.save(os.path.join(OUT, "input.xlsx"))

# ------------------------------------------------------------------ truth
T = os.path.join(OUT, "truth")
os.makedirs(T, exist_ok=True)


def wcsv(name, header, rows):
    with open(os.path.join(T, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)


wcsv("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
     [[p["pid"], p["sex"], p["age"], p["etio"][0], p["died"]] for p in patients])
proc = []
for p in patients:
    d1 = p["sessions"][0]["date"]
    for si, s in enumerate(p["sessions"]):
        for l, v, k in zip(s["levels"], s["vols"], s["leak"]):
            if s["total_only"]:
                cv, tv = "", fmt_vol(sum(s["vols"]))
            else:
                cv, tv = fmt_vol(v), ""
            proc.append([p["pid"], si + 1, (s["date"] - d1).days, l, s["tech"], cv, tv, s["cement"], k])
wcsv("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                        "session_cement_volume_ml", "cement_type", "leakage"], proc)
wcsv("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"],
     [[p["pid"], si + 1, "pain_vas", tp, v] for p in patients for si in p["assess"]
      for tp, v in p["assess"][si].items()])
wcsv("fractures.csv", ["patient_id", "day", "level"],
     [[p["pid"], d, l] for p in patients for d, l in p["fractures"]])
wcsv("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
     [[e["sheet"], e["cell"], e["row"], e["column_header"], e["value"], e["what_is_wrong"], e["patient_id"]]
      for e in errors])
ids = []
for p in patients:
    ids += [("name", p["name"]), ("record_number", p["reg"]), ("phone", p["phone"])]
wcsv("identifiers.csv", ["kind", "value"], ids)
