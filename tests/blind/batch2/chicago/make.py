"""Chicago: invented academic IR service, REDCap-like flat export (English), one row per event.

Run as `python make.py OUTDIR`; writes OUTDIR/input/<export>.csv, OUTDIR/input/codebook.csv
and OUTDIR/truth/*.csv.  No REDCap data dictionary is shipped, only the coordinator's codebook.
"""
import csv
import datetime as dt
import os
import sys

import numpy as np

SEED = 60611
N_PATIENTS = 38
EXPORT_NAME = "VertebralAugmentationReg_DATA_2023-03-07_1045"


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
# REDCap rendering
# ----------------------------------------------------------------------------
LEVEL_CODE = {**{f"T{i}": i for i in range(1, 13)}, **{f"L{i}": 12 + i for i in range(1, 6)}}
LEAK_CB = {"disc": 1, "epidural": 2, "foraminal": 3, "venous": 4, "paravertebral": 5}
FIELDS = ["record_id", "redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance",
          "enroll_date", "age", "sex", "etiology", "odi_baseline", "demographics_complete",
          "proc_date", "proc_type", "num_levels", "level_1", "vol_1", "level_2", "vol_2",
          "level_3", "vol_3", "cement", "vas_pre", "leak", "leak_level",
          "leak___1", "leak___2", "leak___3", "leak___4", "leak___5", "proc_notes",
          "procedure_complete",
          "fu_date", "fu_vas", "fu_odi", "new_fx", "new_fx_date", "new_fx_lvl1", "new_fx_lvl2",
          "deceased", "death_date", "followup_complete"]


def iso(d):
    return d.strftime("%Y-%m-%d")


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng, N_PATIENTS, dt.date(2020, 8, 3), dt.date(2022, 7, 29))
    pts.sort(key=lambda p: p["sessions"][0]["date"])
    rid = 0
    for p in pts:
        rid += 1 + (1 if rng.random() < 0.12 else 0)   # gaps: screen failures deleted
        p["pid"] = str(rid)
        d1 = p["sessions"][0]["date"]
        # only one leaking level per session (the form has a single leak_level)
        for s in p["sessions"]:
            seen = False
            for lv in s["levels"]:
                if lv["leak"] != "none":
                    if seen:
                        lv["leak"] = "none"
                    seen = True
        # visits
        p["visits"] = {}
        for ev, tp, target, sd in [("1_month_followup_arm_1", "1m", 30, 4),
                                   ("6_month_followup_arm_1", "6m", 182, 12)]:
            vday = target + int(rng.integers(-sd, sd + 1))
            p["visits"][tp] = dict(event=ev, day=vday, date=d1 + dt.timedelta(days=vday))
        # a death is only known if it happened before the 6-month visit
        if p["died"] and p["death_day"] > p["visits"]["6m"]["day"]:
            p["died"], p["death_day"] = False, None
        p["vas_fu"] = vas_series(rng, ["pre", "1m", "6m"], p["death_day"])
        for s in p["sessions"]:
            s["vas_pre"] = p["vas_fu"]["pre"] if s["session"] == 1 else int(rng.integers(5, 10))
        p["odi_pre"] = int(rng.integers(38, 84))
        # which visits exist as rows
        prev = 0
        for tp in ["1m", "6m"]:
            v = p["visits"][tp]
            v["fx"] = [(d, l) for d, l in p["fractures"] if prev < d <= v["day"]]
            prev = v["day"]
            if p["death_day"] is not None and p["death_day"] <= v["day"]:
                # death reported at this visit if not already reported before
                before = tp == "6m" and p["death_day"] <= p["visits"]["1m"]["day"]
                v["row"] = not before
                v["dead"] = True
                v["vas"] = None
                p["vas_fu"][tp] = "died"
            else:
                v["dead"] = False
                v["vas"] = p["vas_fu"][tp]
                v["row"] = v["vas"] is not None or bool(v["fx"]) or rng.random() < 0.3
            if tp == "6m" and v["vas"] is not None and not v["dead"]:
                v["odi"] = int(min(100, max(0, round(p["odi_pre"] * 0.55 + rng.normal(0, 8)))))
            else:
                v["odi"] = None
        # fractures after the 6-month visit are never captured
        p["fractures"] = [(d, l) for d, l in p["fractures"] if d <= p["visits"]["6m"]["day"]]
        # a fracture must be reported at an existing visit row
        for tp in ["1m", "6m"]:
            v = p["visits"][tp]
            if v["fx"] and not v["row"]:
                v["row"] = True
    # ---------------- planted errors ------------------------------------------------
    # keys: (pid, event, instance, field)
    multi = [p for p in pts if len(p["sessions"][0]["levels"]) >= 2]
    single = [p for p in pts if len(p["sessions"][0]["levels"]) == 1]
    with6 = [p for p in pts if isinstance(p["visits"]["6m"]["vas"], int)]
    with1 = [p for p in pts if p["visits"]["1m"]["row"] and not p["visits"]["1m"]["dead"]]
    e_lvl = multi[4]
    e_vol = [p for p in single if p is not e_lvl][9]
    e_vas = [p for p in with6 if p not in (e_lvl, e_vol)][13]
    e_fu = [p for p in with1 if p not in (e_lvl, e_vol, e_vas)][17]
    fd = e_fu["visits"]["1m"]["date"]
    errs = {
        (e_lvl["pid"], "procedure_arm_1", 1, "level_2"): ("19", "level code 19 does not exist (codes 1-17)"),
        (e_vol["pid"], "procedure_arm_1", 1, "vol_1"): ("45", "45 mL of cement in one vertebra"),
        (e_vas["pid"], "6_month_followup_arm_1", "", "fu_vas"): ("14", "pain NRS 14 on a 0-10 scale"),
        (e_fu["pid"], "1_month_followup_arm_1", "", "fu_date"):
            (iso(fd.replace(year=fd.year - 1)), "1-month follow-up dated before the procedure"),
    }

    rows = []
    for p in pts:
        pid = p["pid"]
        d1 = p["sessions"][0]["date"]
        b = {f: "" for f in FIELDS}
        b.update(record_id=pid, redcap_event_name="baseline_arm_1",
                 enroll_date=iso(d1 - dt.timedelta(days=int(rng.integers(0, 4)))),
                 age=p["age"], sex=1 if p["sex"] == "female" else 2,
                 etiology={"osteoporotic": 1, "traumatic": 4}.get(p["etiology"]) or
                 (3 if rng.random() < 0.3 else 2),
                 odi_baseline=p["odi_pre"], demographics_complete=2)
        rows.append(b)
        for s in p["sessions"]:
            r = {f: "" for f in FIELDS}
            r.update(record_id=pid, redcap_event_name="procedure_arm_1",
                     redcap_repeat_instrument="procedure", redcap_repeat_instance=s["session"],
                     proc_date=iso(s["date"]), proc_type=1 if s["technique"] == "vertebroplasty" else 2,
                     num_levels=len(s["levels"]),
                     cement={"PMMA": 1, "calcium phosphate": 2, "Cortoss": 3}[s["cement_type"]],
                     vas_pre=s["vas_pre"], procedure_complete=2)
            for j, lv in enumerate(s["levels"], 1):
                r[f"level_{j}"] = LEVEL_CODE[lv["level"]]
                r[f"vol_{j}"] = f'{lv["vol"]:g}'
            leaks = [lv for lv in s["levels"] if lv["leak"] != "none"]
            r["leak"] = 1 if leaks else 0
            for k in range(1, 6):
                r[f"leak___{k}"] = 0
            if leaks:
                r["leak_level"] = LEVEL_CODE[leaks[0]["level"]]
                for site in leaks[0]["leak"].split(";"):
                    r[f"leak___{LEAK_CB[site]}"] = 1
            if s["session"] == 2:
                r["proc_notes"] = "new fx, see f/u"
            elif rng.random() < 0.15:
                r["proc_notes"] = str(rng.choice(["uneventful", "bilateral transpedicular", "pt tolerated well",
                                                  "biopsy sent"]))
            rows.append(r)
        for tp in ["1m", "6m"]:
            v = p["visits"][tp]
            if not v["row"]:
                continue
            r = {f: "" for f in FIELDS}
            r.update(record_id=pid, redcap_event_name=v["event"], fu_date=iso(v["date"]),
                     followup_complete=2 if not v["dead"] else 1)
            if v["dead"]:
                r["deceased"] = 1
                r["death_date"] = iso(d1 + dt.timedelta(days=p["death_day"]))
                r["fu_date"] = ""
            else:
                r["deceased"] = 0
                r["fu_vas"] = "" if v["vas"] is None else v["vas"]
                if tp == "6m" and v["odi"] is not None:
                    r["fu_odi"] = v["odi"]
            if v["fx"]:
                r["new_fx"] = 1
                r["new_fx_date"] = iso(d1 + dt.timedelta(days=v["fx"][0][0]))
                for j, (_d, l) in enumerate(v["fx"][:2], 1):
                    r[f"new_fx_lvl{j}"] = LEVEL_CODE[l]
            elif not v["dead"]:
                r["new_fx"] = 0
            rows.append(r)

    name = EXPORT_NAME
    error_rows = []
    for i, r in enumerate(rows):
        for (pid, ev, inst, field), (bad, why) in errs.items():
            if r["record_id"] == pid and r["redcap_event_name"] == ev and \
                    str(r["redcap_repeat_instance"]) == str(inst):
                r[field] = bad
                col = FIELDS.index(field) + 1
                letters = ""
                while col:
                    col, rem = divmod(col - 1, 26)
                    letters = chr(65 + rem) + letters
                error_rows.append([name, f"{letters}{i + 2}", i + 2, field, bad, why, pid])
    indir = os.path.join(outdir, "input")
    os.makedirs(indir, exist_ok=True)
    with open(os.path.join(indir, name + ".csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.DictWriter(f, FIELDS, lineterminator="\r\n")
        wr.writeheader()
        wr.writerows(rows)
    lvl_codes = ", ".join(f"{c}={l}" for l, c in LEVEL_CODE.items())
    codebook = [
        ["variable", "what it is", "codes / notes"],
        ["record_id", "study ID", "assigned at consent; skipped numbers = screen fails (deleted)"],
        ["redcap_event_name", "visit / event",
         "baseline_arm_1 = enrollment; procedure_arm_1 = procedure form, one repeat instance per "
         "procedure (1 = index, 2 = repeat procedure); 1_month_followup_arm_1; 6_month_followup_arm_1"],
        ["redcap_repeat_instrument / redcap_repeat_instance", "REDCap repeat info", "only used for the procedure form"],
        ["enroll_date", "date consented", "YYYY-MM-DD"],
        ["age", "age at index procedure (yrs)", ""],
        ["sex", "sex", "1=Female, 2=Male"],
        ["etiology", "cause of fracture", "1=Osteoporosis, 2=Metastatic disease, 3=Multiple myeloma, 4=Trauma, 5=Other"],
        ["odi_baseline", "Oswestry Disability Index at enrollment", "0-100 (%)"],
        ["proc_date", "date of procedure", "YYYY-MM-DD"],
        ["proc_type", "procedure", "1=Vertebroplasty, 2=Kyphoplasty (balloon)"],
        ["num_levels", "# levels treated", ""],
        ["level_1, level_2, level_3", "treated level(s)", "see LEVEL CODES below"],
        ["vol_1, vol_2, vol_3", "cement volume (mL) injected at level_1 / level_2 / level_3", "from op note"],
        ["cement", "cement used", "1=PMMA, 2=Calcium phosphate, 3=Cortoss, 4=Other"],
        ["vas_pre", "pain right before procedure", "NRS 0-10"],
        ["leak", "cement leak on post-procedure imaging?", "1=Yes, 0=No"],
        ["leak_level", "level that leaked", "LEVEL CODES"],
        ["leak___1 ... leak___5", "where it leaked (check all that apply)",
         "leak___1=disc, leak___2=epidural, leak___3=foraminal, leak___4=venous, leak___5=paravertebral soft tissue; 1=checked 0=unchecked"],
        ["proc_notes", "free text", ""],
        ["fu_date", "date of f/u visit", "YYYY-MM-DD; no row for a visit = pt did not come"],
        ["fu_vas", "pain at visit", "NRS 0-10, blank = not asked"],
        ["fu_odi", "ODI at visit", "6 mo visit only"],
        ["new_fx", "new vertebral fracture since last visit?", "1=Yes, 0=No"],
        ["new_fx_date", "date new fx diagnosed", "YYYY-MM-DD"],
        ["new_fx_lvl1, new_fx_lvl2", "level(s) of new fx", "LEVEL CODES"],
        ["deceased", "pt deceased?", "1=Yes, 0=No (death recorded at the next scheduled visit)"],
        ["death_date", "date of death", "YYYY-MM-DD"],
        ["*_complete", "REDCap form status", "0=Incomplete, 1=Unverified, 2=Complete"],
        ["", "", ""],
        ["LEVEL CODES", "", lvl_codes],
    ]
    with open(os.path.join(indir, "codebook.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(codebook)

    # ---------------- truth -----------------------------------------------------------
    tdir = os.path.join(outdir, "truth")
    os.makedirs(tdir, exist_ok=True)

    def w(fname, header, rows_):
        with open(os.path.join(tdir, fname), "w", newline="", encoding="utf-8") as f:
            wr_ = csv.writer(f, lineterminator="\n")
            wr_.writerow(header)
            wr_.writerows(rows_)

    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"], p["age"], p["etiology"], "yes" if p["died"] else "no"] for p in pts])
    prows, arows, frows = [], [], []
    for p in pts:
        for s in p["sessions"]:
            for lv in s["levels"]:
                prows.append([p["pid"], s["session"], s["day"], lv["level"], s["technique"],
                              f'{lv["vol"]:g}', "", s["cement_type"], lv["leak"]])
            arows.append([p["pid"], s["session"], "pain_vas", "pre", s["vas_pre"]])
        arows.append([p["pid"], 1, "odi", "pre", p["odi_pre"]])
        for tp in ["1m", "6m"]:
            v = p["visits"][tp]
            if v["row"] and isinstance(v["vas"], int):
                arows.append([p["pid"], 1, "pain_vas", tp, v["vas"]])
            if v["row"] and v["odi"] is not None:
                arows.append([p["pid"], 1, "odi", tp, v["odi"]])
        for d, l in p["fractures"]:
            frows.append([p["pid"], d, l])
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], prows)
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], arows)
    w("fractures.csv", ["patient_id", "day", "level"], frows)
    error_rows.sort(key=lambda e: e[2])
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
      error_rows)
    w("identifiers.csv", ["kind", "value"], [])
    assert len(error_rows) == len(errs), (len(error_rows), len(errs))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
