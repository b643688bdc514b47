"""Blind test workbook: Tehran (Iran). Run: python make.py OUTDIR"""
# ---------------------------------------------------------------------------
# Cohort generator (shared pattern across the batch-2 blind sites; each make.py
# carries its own copy so the script stays self-contained).
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import sys

import numpy as np

TP_DAYS = {"pre": 0, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30,
           "3m": 91, "6m": 182, "12m": 365, "24m": 730}
SPINE = ["T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12",
         "L1", "L2", "L3", "L4", "L5"]
SPINE_W = [1, 1, 2, 3, 4, 5, 6, 10, 16, 16, 10, 6, 4, 2]
# typical fraction of the pre-procedure pain that remains at each time point
PAIN_FRAC = {"24h": 0.6, "1w": 0.55, "2w": 0.5, "6w": 0.45, "1m": 0.45,
             "3m": 0.38, "6m": 0.33, "12m": 0.3, "24m": 0.3}


def pick_levels(rng, k, exclude=()):
    w = np.array(SPINE_W, float)
    for _ in range(200):
        c = int(rng.choice(len(SPINE), p=w / w.sum()))
        start = c - int(rng.integers(0, k))
        start = min(max(0, start), len(SPINE) - k)
        lv = SPINE[start:start + k]
        if not set(lv) & set(exclude):
            return list(lv)
    raise RuntimeError("no free level")


def make_session(rng, day, levels, technique, cement_type):
    vols, leaks = [], []
    for lv in levels:
        lo, hi = (2.0, 4.5) if lv.startswith("T") else (3.0, 6.5)
        if technique == "kyphoplasty":
            lo, hi = lo + 0.5, hi + 1.0
        vols.append(float(rng.integers(int(lo * 2), int(hi * 2) + 1)) / 2)
        r = rng.random()
        leaks.append("none" if r < 0.74 else "disc" if r < 0.85 else
                     "venous" if r < 0.93 else "paravertebral" if r < 0.97
                     else "epidural")
    return {"day": day, "levels": list(levels), "technique": technique,
            "cement_type": cement_type, "volumes": vols, "leaks": leaks}


def gen_cohort(rng, n, tps, start, end, p_second=0.18, p_fx=0.13,
               techniques=(("vertebroplasty", 0.7), ("kyphoplasty", 0.3)),
               cements=(("PMMA", 1.0),), attend=0.84):
    """Generate n patients. tps: follow-up time points per session (without 'pre')."""
    span = (end - start).days
    pts = []
    for i in range(n):
        sex = "female" if rng.random() < 0.72 else "male"
        r = rng.random()
        etiology = ("osteoporotic" if r < 0.68 else "pathologic" if r < 0.88
                    else "traumatic")
        age = (int(rng.integers(62, 93)) if etiology == "osteoporotic"
               else int(rng.integers(44, 86)))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        tech_names = [t for t, _ in techniques]
        tech_p = np.array([p for _, p in techniques], float)
        cem_names = [c for c, _ in cements]
        cem_p = np.array([p for _, p in cements], float)

        def tech():
            return tech_names[int(rng.choice(len(tech_names), p=tech_p / tech_p.sum()))]

        def cem():
            return cem_names[int(rng.choice(len(cem_names), p=cem_p / cem_p.sum()))]

        k = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        lv1 = pick_levels(rng, k)
        sessions = [make_session(rng, 0, lv1, tech(), cem())]
        treated = set(lv1)
        fractures = []
        if rng.random() < p_second:
            day2 = int(rng.integers(28, 170))
            lv2 = pick_levels(rng, 1, exclude=treated)
            fractures.append((day2 - int(rng.integers(4, 22)), lv2[0]))
            sessions.append(make_session(rng, day2, lv2, tech(), cem()))
            treated |= set(lv2)
        if rng.random() < p_fx:
            lv = pick_levels(rng, 1, exclude=treated)
            fractures.append((int(rng.integers(35, 340)), lv[0]))
            treated |= set(lv)
        died = rng.random() < (0.35 if etiology == "pathologic" else 0.1)
        last = sessions[-1]["day"]
        death_day = last + int(rng.integers(25, 420)) if died else None
        if died:
            fractures = [f for f in fractures if f[0] < death_day]
        fractures.sort()
        for s in sessions:
            pain = {}
            status = {}
            pre = int(rng.choice([5, 6, 7, 7, 8, 8, 8, 9, 9, 10]))
            if rng.random() < 0.97:
                pain["pre"] = pre
                status["pre"] = "done"
            else:
                status["pre"] = "missed"
            for tp in tps:
                tday = s["day"] + TP_DAYS[tp]
                if died and tday > death_day:
                    status[tp] = "dead"
                    continue
                if rng.random() > attend:
                    status[tp] = "missed"
                    continue
                v = pre * PAIN_FRAC[tp] + rng.normal(0, 1.2)
                pain[tp] = int(min(10, max(0, round(v))))
                status[tp] = "done"
            s["pain"] = pain
            s["status"] = status
        pts.append({"sex": sex, "age": age, "etiology": etiology, "d0": d0,
                    "sessions": sessions, "fractures": fractures,
                    "died": died, "death_day": death_day})
    pts.sort(key=lambda p: p["d0"])
    return pts


def sdate(p, s):
    """calendar date of a session"""
    return p["d0"] + dt.timedelta(days=s["day"])


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def fmt_num(x):
    if x is None or x == "":
        return ""
    x = float(x)
    return str(int(x)) if x == int(x) else ("%.2f" % x).rstrip("0").rstrip(".")


def write_truth(outdir, patients, procedures, assessments, fractures, errors,
                identifiers):
    t = os.path.join(outdir, "truth")
    write_csv(os.path.join(t, "patients.csv"),
              ["patient_id", "sex", "age_years", "etiology", "died"], patients)
    write_csv(os.path.join(t, "procedures.csv"),
              ["patient_id", "session", "day", "level", "technique",
               "cement_volume_ml", "session_cement_volume_ml", "cement_type",
               "leakage"],
              [[r[0], r[1], r[2], r[3], r[4], fmt_num(r[5]), fmt_num(r[6]),
                r[7], r[8]] for r in procedures])
    write_csv(os.path.join(t, "assessments.csv"),
              ["patient_id", "session", "measure", "timepoint", "value"],
              [[r[0], r[1], r[2], r[3], fmt_num(r[4])] for r in assessments])
    write_csv(os.path.join(t, "fractures.csv"),
              ["patient_id", "day", "level"], fractures)
    write_csv(os.path.join(t, "errors.csv"),
              ["sheet", "cell", "row", "column_header", "value",
               "what_is_wrong", "patient_id"], errors)
    write_csv(os.path.join(t, "identifiers.csv"), ["kind", "value"],
              identifiers)
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Tehran (Iran): one row per session, Persian headers, Solar Hijri dates
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 1400
N = 24
FA_DIG = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")
FIRST_F = ["فاطمه", "زهرا", "مریم", "اعظم", "پروین", "شهین", "منیژه", "طاهره", "فرخنده", "ملیحه"]
FIRST_M = ["محمد", "علی", "حسین", "رضا", "غلامرضا", "عباس", "مهدی", "حسن"]
LAST = ["احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "موسوی", "جعفری", "صادقی",
        "رحیمی", "نوری", "قاسمی", "یزدانی", "طاهری", "شریفی", "کاظمی"]
ELAT = {"osteoporotic": ["پوکی استخوان", "استئوپروز"],
        "pathologic": ["متاستاز", "مولتیپل میلوما", "متاستاز (سرطان پستان)"],
        "traumatic": ["ضربه (زمین خوردن)", "تروما"]}
LEAK_FA = {"disc": "دیسک", "venous": "وریدی", "epidural": "اپیدورال",
           "paravertebral": "پاراورتبرال"}


# --- Gregorian <-> Jalali (algorithm of the jalaali-js library) --------------
def _div(a, b):
    return int(a / b)


def _jal_cal(jy):
    breaks = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060,
              2097, 2192, 2262, 2324, 2394, 2456, 3178]
    gy = jy + 621
    leap_j = -14
    jp = breaks[0]
    jump = 0
    for jm in breaks[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(jump % 33, 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(n % 33 + 3, 4)
    if jump % 33 == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = (((n + 1) % 33) - 1) % 4
    if leap == -1:
        leap = 4
    return leap, gy, march


def to_jalali(d):
    gy = d.year
    jy = gy - 621
    leap, _, march = _jal_cal(jy)
    start = dt.date(gy, 3, march)
    k = (d - start).days
    if k >= 0:
        if k <= 185:
            return jy, 1 + _div(k, 31), k % 31 + 1
        k -= 186
    else:
        jy -= 1
        k += 179
        if leap == 1:
            k += 1
    return jy, 7 + _div(k, 30), k % 30 + 1


def from_jalali(jy, jm, jd):
    leap, gy, march = _jal_cal(jy)
    start = dt.date(gy, 3, march)
    k = (jm - 1) * 31 + jd - 1 if jm <= 6 else 186 + (jm - 7) * 30 + jd - 1
    return start + dt.timedelta(days=k)


def jstr(d, persian=False, pad=True):
    y, m, dd = to_jalali(d)
    s = "%d/%02d/%02d" % (y, m, dd) if pad else "%d/%d/%d" % (y, m, dd)
    return s.translate(FA_DIG) if persian else s


def main(outdir):
    # self-check of the calendar conversion
    assert to_jalali(dt.date(2021, 3, 21)) == (1400, 1, 1)
    assert to_jalali(dt.date(2021, 3, 20)) == (1399, 12, 30)
    assert to_jalali(dt.date(2022, 3, 20)) == (1400, 12, 29)
    for k in range(0, 2000, 7):
        d = dt.date(2019, 1, 1) + dt.timedelta(days=k)
        assert from_jalali(*to_jalali(d)) == d

    rng = np.random.default_rng(SEED)
    pts = gen_cohort(rng, N, ["24h", "1m", "6m"], dt.date(2020, 4, 1), dt.date(2022, 8, 31),
                     techniques=(("vertebroplasty", 0.8), ("kyphoplasty", 0.2)), attend=0.8)
    used = set()
    for k, p in enumerate(pts, 1):
        p["id"] = "TV-%02d" % k
        fem = p["sex"] == "female"
        while True:
            nm = "%s %s" % ((FIRST_F if fem else FIRST_M)[int(rng.integers(len(FIRST_F if fem else FIRST_M)))],
                            LAST[int(rng.integers(len(LAST)))])
            if nm not in used:
                used.add(nm)
                break
        p["name"] = nm
        p["mrn"] = str(int(rng.integers(300000, 999999)))
        p["phone"] = ("0912%07d" % int(rng.integers(0, 10 ** 7))) if rng.random() < 0.6 else None
        opts = [o for o in ELAT[p["etiology"]] if not ("پستان" in o and not fem)]
        p["elat"] = opts[int(rng.integers(len(opts)))]

    # ---- planted errors ---------------------------------------------------
    order = [int(i) for i in rng.permutation(N)]
    err = {}
    a = next(i for i in order if pts[i]["d0"].month in (4, 5, 6, 7, 8))
    order.remove(a)
    y, m, _ = to_jalali(pts[a]["d0"])
    err[("date", a, 0)] = "%d/%02d/32" % (y, m)
    b = next(i for i in order if "1m" in pts[i]["sessions"][0]["pain"])
    order.remove(b)
    err[("vas", b, 0, "1m")] = "۱۲"
    c = next(i for i in order if pts[i]["sessions"][0]["levels"][0] in ("T12",) or
             pts[i]["sessions"][0]["levels"][-1] == "T12")
    order.remove(c)
    err[("level", c, 0)] = "T14"
    d = next(i for i in order if len(pts[i]["sessions"][0]["levels"]) == 1)
    order.remove(d)
    err[("vol", d, 0)] = "۴۵"
    e = next(i for i in order if len(pts[i]["sessions"]) > 1)
    order.remove(e)
    err[("id", e, 1)] = None

    # ---- workbook ------------------------------------------------------------
    wb = Workbook()
    ws = wb.active
    ws.title = "ثبت بیماران"
    ws.sheet_view.rightToLeft = True
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True, name="B Nazanin")
    body = Font(name="B Nazanin")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True, readingOrder=2)
    ws["A1"] = "بیمارستان امید – بخش جراحی مغز و اعصاب"
    ws["A2"] = "فهرست بیماران ورتبروپلاستی / کایفوپلاستی (۱۳۹۹ تا ۱۴۰۱)"
    ws["A1"].font = Font(bold=True, size=14, name="B Nazanin")
    ws["A2"].font = Font(bold=True, size=12, name="B Nazanin")
    ws.merge_cells("A1:T1")
    ws.merge_cells("A2:T2")
    heads = ["ردیف", "کد بیمار", "نام و نام خانوادگی", "شماره پرونده", "تلفن همراه",
             "جنس", "سن", "علت شکستگی", "نوبت عمل", "تاریخ عمل", "روش", "سطح",
             "حجم کل سیمان (سی‌سی)", "نشت سیمان", "درد قبل از عمل (VAS)",
             "درد ۲۴ ساعت بعد", "درد ۱ ماه بعد", "درد ۶ ماه بعد", "شکستگی جدید",
             "توضیحات"]
    HR = 4
    for j, h in enumerate(heads, 1):
        cl = ws.cell(HR, j, h)
        cl.font = bold
        cl.alignment = center
        cl.border = box
        cl.fill = PatternFill("solid", fgColor="C6E0B4")
        ws.column_dimensions[get_column_letter(j)].width = 12
    ws.row_dimensions[HR].height = 36
    ws.column_dimensions["C"].width = 22
    ws.column_dimensions["H"].width = 20
    ws.column_dimensions["N"].width = 20
    ws.column_dimensions["S"].width = 22
    ws.column_dimensions["T"].width = 30
    ws.freeze_panes = "D5"

    errors = []

    def put(r, c, value, key=None, what=None, pid=None):
        cl = ws.cell(r, c)
        if key is not None and key in err:
            value = err[key]
            errors.append([ws.title, cl.coordinate, r, heads[c - 1],
                           "" if value is None else value, what, pid])
        cl.value = value
        cl.border = box
        cl.font = body
        cl.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        return cl

    def fa(v, p=0.3):
        return str(v).translate(FA_DIG) if rng.random() < p else v

    r = HR + 1
    rowno = 0
    for i, p in enumerate(pts):
        pid = p["id"]
        for si, s in enumerate(p["sessions"]):
            rowno += 1
            put(r, 1, fa(rowno, 0.5))
            put(r, 2, pid, key=("id", i, si),
                what="study ID missing on a session row that has data (same name and file number as %s)" % pid,
                pid=pid)
            put(r, 3, p["name"])
            put(r, 4, p["mrn"])
            put(r, 5, p["phone"])
            put(r, 6, "زن" if p["sex"] == "female" else "مرد")
            put(r, 7, fa(p["age"], 0.3))
            put(r, 8, p["elat"])
            put(r, 9, "اول" if si == 0 else "دوم")
            put(r, 10, jstr(sdate(p, s), persian=rng.random() < 0.3, pad=rng.random() < 0.8),
                key=("date", i, si), what="impossible Solar Hijri date (day 32)", pid=pid)
            put(r, 11, "ورتبروپلاستی" if s["technique"] == "vertebroplasty" else "کایفوپلاستی")
            lv = list(s["levels"])
            if ("level", i, si) in err:
                err[("level", i, si)] = "، ".join("T14" if x == "T12" else x for x in lv)
            put(r, 12, "، ".join(lv), key=("level", i, si),
                what="impossible level (T14)", pid=pid)
            tot = sum(s["volumes"])
            put(r, 13, fa(fmt_num(tot), 0.35) if rng.random() < 0.5 else tot,
                key=("vol", i, si), what="45 cc of cement in a single vertebra", pid=pid)
            lk = [(l_, x) for l_, x in zip(s["levels"], s["leaks"]) if x != "none"]
            if not lk:
                put(r, 14, "خیر")
            elif len(s["levels"]) == 1:
                put(r, 14, "بله – %s" % LEAK_FA[lk[0][1]])
            else:
                put(r, 14, "بله – " + "، ".join("%s %s" % (LEAK_FA[x], l_) for l_, x in lk))
            for c, tp in ((15, "pre"), (16, "24h"), (17, "1m"), (18, "6m")):
                if tp in s["pain"]:
                    put(r, c, fa(s["pain"][tp], 0.3), key=("vas", i, si, tp),
                        what="pain 12 on a 0-10 scale", pid=pid)
                elif tp != "pre" and s["status"][tp] == "missed":
                    put(r, c, "مراجعه نکرد")
                else:
                    put(r, c, "-" if tp != "pre" else None)
            # new fractures diagnosed after this session and before the next one
            nxt = p["sessions"][si + 1]["day"] if si + 1 < len(p["sessions"]) else 10 ** 6
            fx = [(d_, l_) for d_, l_ in p["fractures"] if s["day"] < d_ < nxt]
            put(r, 19, "؛ ".join("%s در %s" % (l_, jstr(p["d0"] + dt.timedelta(days=d_)))
                                 for d_, l_ in fx) or None)
            note = None
            if si == 1:
                note = "عمل دوم به علت شکستگی جدید"
            elif p["etiology"] == "pathologic" and rng.random() < 0.5:
                note = "ارجاع از انکولوژی"
            put(r, 20, note)
            r += 1
    r += 1
    ws.cell(r, 1, "راهنما: درد بر اساس VAS از ۰ تا ۱۰. حجم سیمان = جمع سیمان تزریق شده در آن نوبت (سی‌سی). "
                  "تاریخ‌ها شمسی. «مراجعه نکرد» = بیمار برای پیگیری نیامد.").font = Font(italic=True, name="B Nazanin")

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))

    # ---- truth -----------------------------------------------------------------
    P, PR, AS, FX, ID = [], [], [], [], []
    for p in pts:
        pid = p["id"]
        P.append([pid, p["sex"], p["age"], p["etiology"], ""])
        for si, s in enumerate(p["sessions"], 1):
            single = len(s["levels"]) == 1
            for li, lv in enumerate(s["levels"]):
                PR.append([pid, si, s["day"], lv, s["technique"],
                           s["volumes"][li] if single else None,
                           None if single else sum(s["volumes"]), "", s["leaks"][li]])
            for tp in ("pre", "24h", "1m", "6m"):
                if tp in s["pain"]:
                    AS.append([pid, si, "pain_vas", tp, s["pain"][tp]])
        for day, lv in p["fractures"]:
            FX.append([pid, day, lv])
        ID.append(["name", p["name"]])
        ID.append(["record_number", p["mrn"]])
        if p["phone"]:
            ID.append(["phone", p["phone"]])
    write_truth(outdir, P, PR, AS, FX, errors, ID)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
