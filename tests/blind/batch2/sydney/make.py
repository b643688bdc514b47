"""Blind test export: Sydney (Australia). Run: python make.py OUTDIR"""
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
# Sydney (Australia): EHR export, two CSV files (procedures, assessments)
# ---------------------------------------------------------------------------
SEED = 2000
N = 31
PROC_FILE = "VCF_Procedures_Export_20230131"
ASSESS_FILE = "VCF_Assessments_Export_20230131"
AET = {"osteoporotic": ["Osteoporotic"],
       "pathologic": ["Malignancy - metastatic", "Multiple myeloma"],
       "traumatic": ["Trauma"]}
TECH = {"vertebroplasty": "Vertebroplasty", "kyphoplasty": "Balloon kyphoplasty"}
PRODUCTS = {"PMMA": ["Osteopal V", "Kyphon Xpede", "Confidence Spinal Cement"],
            "Cortoss": ["Cortoss"]}
LEAK_EN = {"disc": "Disc", "venous": "Venous", "epidural": "Epidural",
           "paravertebral": "Paravertebral"}
ATYPE = [("Pre-procedure", "pre"), ("Week 2", "2w"), ("Month 3", "3m"), ("Month 12", "12m")]
OPERATORS = ["Dr A. Nguyen", "Dr S. Patel", "Dr M. O'Brien"]


def d_au(d):
    return d.strftime("%d/%m/%Y")


def col_letter(j):
    s = ""
    while j:
        j, rem = divmod(j - 1, 26)
        s = chr(65 + rem) + s
    return s


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = gen_cohort(rng, N, ["2w", "3m", "12m"], dt.date(2019, 7, 1), dt.date(2021, 12, 31),
                     techniques=(("vertebroplasty", 0.65), ("kyphoplasty", 0.35)),
                     cements=(("PMMA", 0.9), ("Cortoss", 0.1)), attend=0.8)
    ids = sorted(rng.choice(np.arange(1001, 1200), N, replace=False))
    for p, k in zip(pts, ids):
        p["id"] = "VCF-%d" % int(k)
        opts = AET[p["etiology"]]
        p["aet"] = opts[int(rng.integers(len(opts)))]
        p["bday_off"] = int(rng.integers(0, 365))  # days since last birthday at session 1
        for s in p["sessions"]:
            s["product"] = PRODUCTS[s["cement_type"]][int(rng.integers(len(PRODUCTS[s["cement_type"]])))]
            s["operator"] = OPERATORS[int(rng.integers(len(OPERATORS)))]
            s["adate"] = {}
            for _, tp in ATYPE:
                base = p["d0"] + dt.timedelta(days=s["day"] + TP_DAYS[tp])
                j = {"pre": (-1, 0), "2w": (-2, 4), "3m": (-7, 14), "12m": (-14, 30)}[tp]
                s["adate"][tp] = dt.datetime.combine(
                    base + dt.timedelta(days=int(rng.integers(j[0], j[1] + 1))),
                    dt.time(int(rng.integers(8, 17)), int(rng.choice([0, 15, 30, 45]))))

    # ---- planted errors ---------------------------------------------------
    order = [int(i) for i in rng.permutation(N)]
    err = {}
    a = next(i for i in order if "3m" in pts[i]["sessions"][0]["pain"])
    order.remove(a)
    err[("nrs", a, 0, "3m")] = 70
    b = next(i for i in order if len(pts[i]["sessions"][0]["levels"]) == 1
             and "2w" in pts[i]["sessions"][0]["pain"] and len(pts[i]["sessions"]) == 1)
    order.remove(b)
    d0 = pts[b]["d0"]
    err[("pdate", b, 0, 0)] = d_au(d0.replace(year=d0.year + 2))
    c = next(i for i in order if 3.5 in pts[i]["sessions"][0]["volumes"])
    order.remove(c)
    err[("vol", c, 0, pts[c]["sessions"][0]["volumes"].index(3.5))] = "3..5"
    d = order.pop()
    err[("age", d, 0, 0)] = 210

    errors = []

    def write(fname, heads, rows, keys):
        path = os.path.join(outdir, "input", fname + ".csv")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(heads)
            for rn, (row, rk) in enumerate(zip(rows, keys), 2):
                row = list(row)
                for (col, key, what, pid) in rk:
                    if key in err:
                        j = heads.index(col)
                        row[j] = err[key]
                        errors.append([fname, "%s%d" % (col_letter(j + 1), rn), rn, col,
                                       err[key], what, pid])
                w.writerow(["" if v is None else v for v in row])

    # procedures export: one row per vertebra per procedure, sorted by date
    PH = ["StudyID", "ProcedureNo", "ProcedureDate", "Sex", "AgeAtProcedure", "Aetiology",
          "Deceased", "DateOfDeath", "VertebralLevel", "Technique", "CementProduct",
          "CementVolume_mL", "CementLeak", "LeakSite", "Operator"]
    prow, pkeys = [], []
    evs = []
    for i, p in enumerate(pts):
        for si, s in enumerate(p["sessions"]):
            evs.append((sdate(p, s), i, si))
    evs.sort()
    for d, i, si in evs:
        p = pts[i]
        s = p["sessions"][si]
        age = p["age"] + (p["bday_off"] + s["day"]) // 365
        for li, lv in enumerate(s["levels"]):
            leak = s["leaks"][li]
            prow.append([p["id"], si + 1, d_au(d), "Female" if p["sex"] == "female" else "Male",
                         age, p["aet"], "Yes" if p["died"] else "No",
                         d_au(p["d0"] + dt.timedelta(days=p["death_day"])) if p["died"] else "",
                         lv, TECH[s["technique"]], s["product"], fmt_num(s["volumes"][li]),
                         "No" if leak == "none" else "Yes",
                         "" if leak == "none" else LEAK_EN[leak], s["operator"]])
            pkeys.append([("ProcedureDate", ("pdate", i, si, li),
                           "procedure date (year) after the patient's follow-up assessments", p["id"]),
                          ("CementVolume_mL", ("vol", i, si, li),
                           "meaningless text in the cement volume column", p["id"]),
                          ("AgeAtProcedure", ("age", i, si, li), "age 210 years", p["id"])])
    write(PROC_FILE, PH, prow, pkeys)

    # assessments export
    AH = ["StudyID", "ProcedureNo", "AssessmentType", "AssessmentDate", "Status",
          "NRS_Pain", "NewFracture", "NewFractureLevel", "Comments"]
    arow = []
    for i, p in enumerate(pts):
        for si, s in enumerate(p["sessions"]):
            for label, tp in ATYPE:
                st = s["status"].get(tp)
                if tp in s["pain"]:
                    arow.append((s["adate"][tp], i, si, label, "Completed", s["pain"][tp], tp))
                elif st == "missed" and tp != "pre":
                    if rng.random() < 0.7:
                        arow.append((s["adate"][tp], i, si, label, "Did not attend", None, tp))
                elif st == "dead":
                    if rng.random() < 0.4:
                        arow.append((s["adate"][tp], i, si, label, "Cancelled - patient deceased", None, tp))
        nxt_days = [s["day"] for s in p["sessions"]]
        for day, lv in p["fractures"]:
            si = max(k for k, sd in enumerate(nxt_days) if sd < day)
            dd = dt.datetime.combine(p["d0"] + dt.timedelta(days=day), dt.time(int(rng.integers(8, 17)), 0))
            arow.append((dd, i, si, "Unscheduled", "Completed", None, ("fx", lv)))
    arow.sort(key=lambda x: (pts[x[1]]["id"], x[0]))
    rows, keys = [], []
    for dd, i, si, label, status, nrs, tp in arow:
        p = pts[i]
        fx = isinstance(tp, tuple)
        comment = ""
        if fx:
            comment = "New VCF on imaging" + (" - booked for augmentation" if any(
                s["levels"][0] == tp[1] for s in p["sessions"][1:]) else " - conservative mx")
        elif status == "Completed" and tp != "pre" and rng.random() < 0.1:
            comment = "Phone review"
        rows.append([p["id"], si + 1, label, dd.strftime("%d/%m/%Y %H:%M"), status,
                     "" if nrs is None else nrs,
                     "Yes" if fx else ("No" if status == "Completed" and tp != "pre" else ""),
                     tp[1] if fx else "", comment])
        keys.append([("NRS_Pain", ("nrs", i, si, tp), "NRS 70 on a 0-10 scale", p["id"])])
    write(ASSESS_FILE, AH, rows, keys)

    # ---- truth -------------------------------------------------------------------
    P, PR, AS, FX = [], [], [], []
    for p in pts:
        pid = p["id"]
        P.append([pid, p["sex"], p["age"], p["etiology"], "yes" if p["died"] else "no"])
        for si, s in enumerate(p["sessions"], 1):
            for li, lv in enumerate(s["levels"]):
                PR.append([pid, si, s["day"], lv, s["technique"], s["volumes"][li], None,
                           s["cement_type"], s["leaks"][li]])
            for _, tp in ATYPE:
                if tp in s["pain"]:
                    AS.append([pid, si, "pain_vas", tp, s["pain"][tp]])
        for day, lv in p["fractures"]:
            FX.append([pid, day, lv])
    write_truth(outdir, P, PR, AS, FX, errors, [])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
