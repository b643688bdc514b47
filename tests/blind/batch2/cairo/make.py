"""Cairo: invented neurosurgery department log, Arabic (right-to-left), one row per patient.

Run as `python make.py OUTDIR`; writes OUTDIR/input.xlsx and OUTDIR/truth/*.csv.
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 10
N_PATIENTS = 23
SHEET = "المرضى"


TP_DAYS = {"pre": 0, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30, "3m": 91,
           "6m": 182, "12m": 365, "24m": 730}
LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
          + [f"L{i}" for i in range(1, 6)] + ["S1"])
LEAK_ORDER = ["disc", "epidural", "foraminal", "venous", "paravertebral"]


# ----------------------------------------------------------------------------
# data generation (truth first, the workbook is rendered from it)
# ----------------------------------------------------------------------------
def pick_levels(rng, k):
    centers = ["T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"]
    w = np.array([1, 1, 2, 2, 3, 6, 10, 10, 6, 4, 2, 1], float)
    c = LEVELS.index(rng.choice(centers, p=w / w.sum()))
    start = c - int(rng.integers(0, k))
    start = max(LEVELS.index("T4"), min(start, LEVELS.index("L5") - k + 1))
    return LEVELS[start:start + k]


def volume(rng, level, technique):
    base = 2.5 if level.startswith("T") and int(level[1:]) < 10 else 3.5
    if technique == "kyphoplasty":
        base += 1.0
    v = base + rng.uniform(-0.5, 2.5)
    return float(round(v * 2) / 2)


def leak(rng):
    r = rng.random()
    if r < 0.72:
        return "none"
    sites = ["disc", "venous", "paravertebral", "epidural", "foraminal"]
    w = np.array([5, 4, 2, 1, 1], float)
    first = rng.choice(sites, p=w / w.sum())
    out = {first}
    if rng.random() < 0.15:
        out.add(rng.choice(sites, p=w / w.sum()))
    return ";".join(s for s in LEAK_ORDER if s in out)


def vas_series(rng, tps, death_rel):
    pre = int(rng.integers(6, 11))
    out = {}
    drop = {"24h": 3.5, "1w": 4.0, "2w": 4.5, "6w": 5.0, "1m": 5.0, "3m": 5.5, "6m": 5.5, "12m": 5.5}
    for tp in tps:
        if tp == "pre":
            out[tp] = pre
            continue
        if death_rel is not None and death_rel < TP_DAYS[tp]:
            out[tp] = "died"
            continue
        if rng.random() < 0.13:
            out[tp] = None  # missed visit
            continue
        v = pre - drop[tp] + rng.normal(0, 1.3)
        out[tp] = int(min(10, max(0, round(v))))
    return out


def generate(rng, n, first_date, last_date):
    span = (last_date - first_date).days
    patients = []
    for i in range(n):
        et = rng.choice(["osteoporotic", "pathologic", "traumatic"], p=[0.7, 0.2, 0.1])
        sex = rng.choice(["female", "male"], p=[0.68, 0.32] if et == "osteoporotic" else [0.45, 0.55])
        age = int(rng.integers(58, 91)) if et == "osteoporotic" else int(rng.integers(41, 84))
        d1 = first_date + dt.timedelta(days=int(rng.integers(0, span)))
        died = rng.random() < (0.35 if et == "pathologic" else 0.07)
        death_day = int(rng.integers(40, 420)) if died else None
        k = int(rng.choice([1, 2, 3], p=[0.6, 0.28, 0.12]))
        tech = "kyphoplasty" if rng.random() < 0.35 else "vertebroplasty"
        ctype = "PMMA" if (et != "traumatic" or rng.random() < 0.5) else "calcium phosphate"
        lv = pick_levels(rng, k)
        s1 = dict(session=1, day=0, date=d1, technique=tech, cement_type=ctype,
                  levels=[dict(level=l, vol=volume(rng, l, tech), leak=leak(rng)) for l in lv])
        sessions = [s1]
        fractures = []
        r = rng.random()
        if r < 0.2:  # new fracture, treated in a second session
            fday = int(rng.integers(20, 150))
            if death_day is None or fday + 40 < death_day:
                cand = [l for l in LEVELS[LEVELS.index(lv[0]) - 2:LEVELS.index(lv[-1]) + 3]
                        if l not in lv and LEVELS.index("T4") <= LEVELS.index(l) <= LEVELS.index("L5")]
                fl = str(rng.choice(cand))
                fractures.append((fday, fl))
                sday = fday + int(rng.integers(6, 25))
                t2 = "kyphoplasty" if rng.random() < 0.35 else "vertebroplasty"
                sessions.append(dict(session=2, day=sday, date=d1 + dt.timedelta(days=sday),
                                     technique=t2, cement_type="PMMA",
                                     levels=[dict(level=fl, vol=volume(rng, fl, t2), leak=leak(rng))]))
        elif r < 0.32:  # new fracture, not treated
            fday = int(rng.integers(30, 330))
            if death_day is None or fday < death_day:
                cand = [l for l in LEVELS[LEVELS.index(lv[0]) - 3:LEVELS.index(lv[-1]) + 4]
                        if l not in lv and LEVELS.index("T4") <= LEVELS.index(l) <= LEVELS.index("L5")]
                nf = 2 if rng.random() < 0.25 else 1
                for fl in sorted(rng.choice(cand, size=nf, replace=False), key=LEVELS.index):
                    fractures.append((fday, str(fl)))
        patients.append(dict(idx=i, sex=str(sex), age=age, etiology=str(et), died=died,
                             death_day=death_day, sessions=sessions, fractures=fractures))
    return patients




# ----------------------------------------------------------------------------
# Egyptian / Arabic rendering
# ----------------------------------------------------------------------------
AR_DIG = str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫")
M_FIRST = ["محمد", "أحمد", "محمود", "مصطفى", "إبراهيم", "عبد الرحمن", "سيد", "حسن", "علي",
           "عادل", "سامي", "جمال", "فتحي", "صلاح"]
F_FIRST = ["فاطمة", "زينب", "نادية", "سميرة", "عائشة", "هدى", "منى", "سعاد", "ليلى", "كريمة",
           "نجلاء", "أمينة", "سهير", "عفاف"]
FAMILY = ["السيد", "حسن", "عبد العزيز", "إبراهيم", "الشافعي", "عثمان", "منصور", "سليمان",
          "النجار", "الشريف", "عبد الحميد", "رمضان", "الجمال", "فهمي"]
ET_AR = {"osteoporotic": ["هشاشة عظام", "هشاشة عظام", "هشاشة"],
         "pathologic": ["ثانوي (سرطان الثدي)", "مايلوما متعددة", "ورم ثانوي", "ثانوي (البروستاتا)"],
         "traumatic": ["إصابة (سقوط)", "حادث سيارة"]}
LEAK_AR = {"disc": "القرص الغضروفي", "venous": "وريدي", "epidural": "فوق الجافية",
           "paravertebral": "حول الفقرة", "foraminal": "الثقب العصبي"}


def eg_level(l):
    return ("D" + l[1:]) if l.startswith("T") else l


def ar(x):
    if isinstance(x, float):
        x = f"{x:g}"
    return str(x).translate(AR_DIG)


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng, N_PATIENTS + 1, dt.date(2021, 2, 1), dt.date(2022, 10, 31))
    pts.sort(key=lambda p: p["sessions"][0]["date"])
    dup_person = pts.pop(12)   # gets the previous patient's code by mistake; not in the truth
    phones = set()
    k = 0
    for p in pts + [dup_person]:
        if p is dup_person:
            p["pid"] = pts[11]["pid"]
        else:
            k += 1
            if k == 13:      # the code meant for the duplicated person was never written
                k += 1
            p["pid"] = f"CVA-{k:02d}"
        sex = p["sex"]
        first = rng.choice(F_FIRST if sex == "female" else M_FIRST)
        p["name"] = f"{first} {rng.choice(M_FIRST)} {rng.choice(FAMILY)}"
        y = p["sessions"][0]["date"].year
        p["file"] = f"{y}/{int(rng.integers(1000, 9999))}"
        while True:
            ph = f"01{rng.choice(['0', '1', '2', '5'])}{int(rng.integers(0, 10**8)):08d}"
            if ph not in phones:
                phones.add(ph)
                break
        p["phone"] = ph
        p["arabic_digits"] = rng.random() < 0.3
        s1 = p["sessions"][0]
        p["vas"] = vas_series(rng, ["pre", "1m", "6m"], p["death_day"])
        for s in p["sessions"]:
            s["total"] = float(sum(lv["vol"] for lv in s["levels"]))
    order = pts[:12] + [dup_person] + pts[12:]

    # ---------------- planted errors ------------------------------------------------
    single = [p for p in pts if len(p["sessions"][0]["levels"]) == 1 and p is not pts[11]]
    thor = [p for p in pts if p["sessions"][0]["levels"][0]["level"] == "T12" and p is not pts[11]]
    e_lvl = thor[0]
    e_vol = [p for p in single if p is not e_lvl][3]
    e_vas = [p for p in pts if p not in (e_lvl, e_vol, pts[11]) and isinstance(p["vas"]["1m"], int)
             and p["arabic_digits"]][0]
    e_date = [p for p in pts if p not in (e_lvl, e_vol, e_vas, pts[11])
              and p["sessions"][0]["date"].year == 2022][-3]
    errs = {
        (e_lvl["pid"], "lvls"): None,  # filled below (D13 instead of D12)
        (e_vol["pid"], "vol"): (45, "45 mL of cement in a single vertebra is impossible"),
        (e_vas["pid"], "vas_1m"): (ar(12), "VAS 12 on a 0-10 scale"),
        (e_date["pid"], "date"): ("31/06/2022", "impossible date (31 June)"),
    }
    lv = [eg_level(x["level"]) for x in e_lvl["sessions"][0]["levels"]]
    lv[0] = "D13"
    errs[(e_lvl["pid"], "lvls")] = (" - ".join(lv), "dorsal vertebra D13 (T13) does not exist")

    # ---------------- workbook ------------------------------------------------------
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.sheet_view.rightToLeft = True
    cols = [  # key, sub-header, group
        ("n", "م", "بيانات المريض"), ("pid", "كود المريض", "بيانات المريض"),
        ("name", "الاسم", "بيانات المريض"), ("file", "رقم الملف", "بيانات المريض"),
        ("phone", "التليفون", "بيانات المريض"), ("age", "السن", "بيانات المريض"),
        ("sex", "النوع", "بيانات المريض"), ("et", "التشخيص", "بيانات المريض"),
        ("date", "تاريخ العملية", "العملية"), ("lvls", "الفقرات", "العملية"),
        ("tech", "نوع العملية", "العملية"), ("ctype", "نوع الأسمنت", "العملية"),
        ("vol", "كمية الأسمنت (مل)", "العملية"), ("leak", "تسرب الأسمنت", "العملية"),
        ("leakloc", "مكان التسرب", "العملية"),
        ("vas_pre", "قبل العملية", "درجة الألم VAS (٠-١٠)"), ("vas_1m", "بعد شهر", "درجة الألم VAS (٠-١٠)"),
        ("vas_6m", "بعد ٦ أشهر", "درجة الألم VAS (٠-١٠)"),
        ("d2", "التاريخ", "عملية ثانية"), ("l2", "الفقرة", "عملية ثانية"), ("t2", "النوع", "عملية ثانية"),
        ("v2", "الأسمنت (مل)", "عملية ثانية"), ("k2", "تسرب", "عملية ثانية"),
        ("fx", "كسر جديد", "المتابعة"), ("died", "الوفاة", "المتابعة"),
        ("dd", "تاريخ الوفاة", "المتابعة"), ("rem", "ملاحظات", "المتابعة"),
    ]
    col_of = {k: i + 1 for i, (k, _h, _g) in enumerate(cols)}
    header_of = {k: h for k, h, _g in cols}
    ncol = len(cols)
    ws.cell(1, 1, "سجل مرضى حقن الفقرات بالأسمنت – قسم جراحة المخ والأعصاب").font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=10)
    ws.cell(2, 1, "مستشفى جامعي (افتراضي) – القاهرة – ٢٠٢١ / ٢٠٢٣").font = Font(italic=True)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=10)
    H1, H2, R0 = 3, 4, 5
    thin = Side(style="thin", color="7F7F7F")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    fills = {"بيانات المريض": "DDEBF7", "العملية": "FCE4D6", "درجة الألم VAS (٠-١٠)": "E2EFDA",
             "عملية ثانية": "FFF2CC", "المتابعة": "EDEDED"}
    groups = {}
    for k, h, g in cols:
        groups.setdefault(g, []).append(col_of[k])
        c = ws.cell(H2, col_of[k], h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor=fills[g])
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = box
    for g, cs in groups.items():
        c = ws.cell(H1, cs[0], g)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=H1, start_column=cs[0], end_row=H1, end_column=cs[-1])
        for cc in cs:
            ws.cell(H1, cc).fill = PatternFill("solid", fgColor=fills[g])
            ws.cell(H1, cc).border = box

    error_rows = []

    def put(r, key, value, pid=None, fmt=None):
        if pid is not None and (pid, key) in errs:
            value, why = errs[(pid, key)]
            error_rows.append(dict(sheet=SHEET, cell=f"{get_column_letter(col_of[key])}{r}", row=r,
                                   column_header=header_of[key], value=str(value),
                                   what_is_wrong=why, patient_id=pid))
            fmt = None
        c = ws.cell(r, col_of[key], value)
        if fmt and not isinstance(value, str):
            c.number_format = fmt
        c.alignment = Alignment(horizontal="center")
        c.border = box
        return c

    def dcell(r, key, d, p, epid=None):
        if p["arabic_digits"]:
            return put(r, key, ar(d.strftime("%d/%m/%Y")), epid)
        if rng.random() < 0.5:
            return put(r, key, d.strftime("%d/%m/%Y"), epid)
        return put(r, key, dt.datetime(d.year, d.month, d.day), epid, "dd/mm/yyyy")

    def num(p, v):
        return ar(v) if p["arabic_digits"] else v

    def leak_txt(s):
        leaks = [(x["level"], x["leak"]) for x in s["levels"] if x["leak"] != "none"]
        if not leaks:
            return "لا", None
        if len(s["levels"]) == 1:
            return "نعم", " + ".join(LEAK_AR[y] for y in leaks[0][1].split(";"))
        return "نعم", "، ".join(f"{eg_level(l)}: " + " + ".join(LEAK_AR[y] for y in lk.split(";"))
                                for l, lk in leaks)

    r = R0
    for n, p in enumerate(order, 1):
        pid = p["pid"]
        s1 = p["sessions"][0]
        if p is dup_person:
            why = "same patient code as the row above, for a different person"
            error_rows.append(dict(sheet=SHEET, cell=f"{get_column_letter(col_of['pid'])}{r}", row=r,
                                   column_header=header_of["pid"], value=pid, what_is_wrong=why,
                                   patient_id=pid))
        put(r, "n", num(p, n))
        put(r, "pid", pid)
        put(r, "name", p["name"])
        put(r, "file", p["file"])
        put(r, "phone", p["phone"])
        put(r, "age", num(p, p["age"]), pid)
        put(r, "sex", "أنثى" if p["sex"] == "female" else "ذكر")
        put(r, "et", str(rng.choice(ET_AR[p["etiology"]])))
        dcell(r, "date", s1["date"], p, pid)
        put(r, "lvls", " - ".join(eg_level(x["level"]) for x in s1["levels"]), pid)
        put(r, "tech", "حقن أسمنت (VP)" if s1["technique"] == "vertebroplasty" else "بالون (KP)")
        put(r, "ctype", "PMMA" if s1["cement_type"] == "PMMA" else "فوسفات الكالسيوم")
        put(r, "vol", num(p, s1["total"]), pid)
        a, b = leak_txt(s1)
        put(r, "leak", a)
        if b:
            put(r, "leakloc", b)
        for tp in ["pre", "1m", "6m"]:
            v = p["vas"][tp]
            if v == "died":
                v = "توفي"
            elif v is None:
                v = str(rng.choice(["لم يحضر", "لم يحضر", "-"]))
            else:
                v = num(p, v)
            put(r, f"vas_{tp}", v, pid)
        if len(p["sessions"]) > 1:
            s2 = p["sessions"][1]
            dcell(r, "d2", s2["date"], p)
            put(r, "l2", " - ".join(eg_level(x["level"]) for x in s2["levels"]))
            put(r, "t2", "VP" if s2["technique"] == "vertebroplasty" else "KP")
            put(r, "v2", num(p, s2["total"]))
            put(r, "k2", leak_txt(s2)[0] if leak_txt(s2)[1] is None else leak_txt(s2)[1])
        if p["fractures"]:
            fd = s1["date"] + dt.timedelta(days=p["fractures"][0][0])
            ds = fd.strftime("%d/%m/%Y")
            put(r, "fx", " - ".join(eg_level(l) for _, l in p["fractures"]) + " بتاريخ "
                + (ar(ds) if p["arabic_digits"] else ds))
        else:
            put(r, "fx", "لا")
        if p["died"]:
            put(r, "died", "نعم")
            dcell(r, "dd", s1["date"] + dt.timedelta(days=p["death_day"]), p)
        else:
            put(r, "died", "لا")
        rem = []
        if len(p["sessions"]) > 1:
            rem.append("عملية ثانية بسبب كسر جديد")
        if p["etiology"] == "pathologic":
            rem.append("متابعة مع الأورام")
        if rem:
            put(r, "rem", "، ".join(rem))
        r += 1
    r += 1
    ws.cell(r, 1, "VP = حقن الفقرة بالأسمنت ، KP = تقويم الفقرة بالبالون ، D = فقرة ظهرية (صدرية) ، L = فقرة قطنية")
    ws.cell(r + 1, 1, "كمية الأسمنت = إجمالي الكمية في العملية (لكل الفقرات)")
    widths = {"name": 24, "phone": 14, "et": 20, "date": 13, "lvls": 14, "tech": 15, "vol": 11,
              "leakloc": 26, "d2": 12, "fx": 24, "dd": 12, "rem": 26}
    for k, c in col_of.items():
        ws.column_dimensions[get_column_letter(c)].width = widths.get(k, 10)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))

    # ---------------- truth -----------------------------------------------------------
    tdir = os.path.join(outdir, "truth")
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows_):
        with open(os.path.join(tdir, name), "w", newline="", encoding="utf-8") as f:
            wr = csv.writer(f, lineterminator="\n")
            wr.writerow(header)
            wr.writerows(rows_)

    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"], p["age"], p["etiology"], "yes" if p["died"] else "no"] for p in pts])
    prows, arows, frows = [], [], []
    for p in pts:
        for s in p["sessions"]:
            single_ = len(s["levels"]) == 1
            for x in s["levels"]:
                prows.append([p["pid"], s["session"], s["day"], x["level"], s["technique"],
                              f'{x["vol"]:g}' if single_ else "",
                              "" if single_ else f'{s["total"]:g}', s["cement_type"], x["leak"]])
        for tp in ["pre", "1m", "6m"]:
            v = p["vas"][tp]
            if isinstance(v, int):
                arows.append([p["pid"], 1, "pain_vas", tp, v])
        for d, l in p["fractures"]:
            frows.append([p["pid"], d, l])
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], prows)
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], arows)
    w("fractures.csv", ["patient_id", "day", "level"], frows)
    error_rows.sort(key=lambda e: e["row"])
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
      [[e["sheet"], e["cell"], e["row"], e["column_header"], e["value"], e["what_is_wrong"],
        e["patient_id"]] for e in error_rows])
    ids = []
    for p in order:
        ids += [("name", p["name"]), ("record_number", p["file"]), ("phone", p["phone"])]
    w("identifiers.csv", ["kind", "value"], ids)
    assert len(error_rows) == len(errs) + 1, (len(error_rows), len(errs))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
