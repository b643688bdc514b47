import sys, os, csv, datetime as dt
import numpy as np

LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]
TP_DAYS = {"pre": -1, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30, "3m": 91, "6m": 182, "12m": 365, "24m": 730}


def gen(seed, n, prefix, start, fu_tps, id_fmt="{p}{i:03d}", p_second=0.15, p_frac=0.15, p_died=0.12):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        pid = id_fmt.format(p=prefix, i=i + 1)
        sex = str(rng.choice(["female", "male"], p=[0.68, 0.32]))
        age = int(rng.integers(52, 90))
        et = str(rng.choice(["osteoporotic", "pathologic", "traumatic"], p=[0.7, 0.2, 0.1]))
        d0 = start + dt.timedelta(days=int(rng.integers(0, 500)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        base = int(rng.integers(LEVELS.index("T8"), LEVELS.index("L4")))
        levels = LEVELS[base:base + nlev]
        tech = str(rng.choice(["vertebroplasty", "kyphoplasty"], p=[0.6, 0.4]))
        vols = [float(round(float(rng.uniform(2, 6)) * 2) / 2) for _ in levels]
        leaks = [str(rng.choice(["none", "disc", "venous", "epidural", "paravertebral"], p=[0.7, 0.1, 0.1, 0.05, 0.05])) for _ in levels]
        pre = int(rng.integers(6, 11))
        pain = {"pre": pre}
        odi = {"pre": int(rng.integers(40, 80))}
        cur, co = pre, odi["pre"]
        for tp in fu_tps:
            cur = max(0, cur - int(rng.integers(1, 4)))
            co = max(4, co - int(rng.integers(5, 18)))
            if rng.random() < 0.15:
                continue
            pain[tp] = cur
            odi[tp] = co
        s1 = dict(session=1, day=0, date=d0, levels=levels, tech=tech, vols=vols, leaks=leaks, pain=pain, odi=odi,
                  fu_dates={tp: d0 + dt.timedelta(days=TP_DAYS[tp] + int(rng.integers(-2, 4))) for tp in fu_tps})
        sessions = [s1]
        fractures = []
        r = rng.random()
        if r < p_second:
            day = int(rng.integers(35, 110))
            lv = LEVELS[base - 1] if rng.random() < 0.5 else LEVELS[base + nlev]
            p2 = int(rng.integers(6, 10))
            sessions.append(dict(session=2, day=day, date=d0 + dt.timedelta(days=day), levels=[lv], tech=tech,
                                 vols=[float(round(float(rng.uniform(2, 5)) * 2) / 2)], leaks=["none"],
                                 pain={"pre": p2}, odi={"pre": int(rng.integers(40, 75))}, fu_dates={}))
            fractures.append((day, lv))
        elif r < p_second + p_frac:
            day = int(rng.integers(40, 150))
            lv = LEVELS[base - 1] if rng.random() < 0.5 else LEVELS[base + nlev]
            fractures.append((day, lv))
        died = "yes" if rng.random() < p_died else "no"
        pts.append(dict(pid=pid, sex=sex, age=age, et=et, sessions=sessions, fractures=fractures, died=died,
                        d0=d0, idx=i))
    return rng, pts


def fmtnum(x):
    if x is None or x == "":
        return ""
    x = float(x)
    return str(int(x)) if x == int(x) else str(x)


def write_truth(outdir, pts, errors, identifiers, cement_mode="level", cement_type="PMMA", measures=("pain_vas",),
                pain_div=1, sex_recorded=True, age_recorded=True, et_recorded=True, died_recorded=True,
                leak_recorded=True, tech_recorded=True):
    td = os.path.join(outdir, "truth")
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), "w", newline="", encoding="utf-8") as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"] if sex_recorded else "", p["age"] if age_recorded else "", p["et"] if et_recorded else "",
        p["died"] if died_recorded else ""] for p in pts])
    pr = []
    for p in pts:
        for s in p["sessions"]:
            tot = sum(s["vols"])
            ct = cement_type(p, s) if callable(cement_type) else cement_type
            for lv, v, lk in zip(s["levels"], s["vols"], s["leaks"]):
                if cement_mode == "level" or (cement_mode == "auto" and len(s["levels"]) == 1):
                    cv, sv = fmtnum(v), ""
                elif cement_mode in ("session", "auto"):
                    cv, sv = "", fmtnum(tot)
                else:
                    cv, sv = "", ""
                pr.append([p["pid"], s["session"], s["day"], lv, s["tech"] if tech_recorded else "", cv, sv, ct,
                           lk if leak_recorded else ""])
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], pr)
    ar = []
    for p in pts:
        for s in p["sessions"]:
            for tp, v in s["pain"].items():
                if "pain_vas" in measures:
                    ar.append([p["pid"], s["session"], "pain_vas", tp, fmtnum(v / pain_div)])
            if "odi" in measures:
                for tp, v in s["odi"].items():
                    ar.append([p["pid"], s["session"], "odi", tp, v])
            if "mobility" in measures:
                for tp, v in s.get("mob", {}).items():
                    ar.append([p["pid"], s["session"], "mobility", tp, v])
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], ar)
    w("fractures.csv", ["patient_id", "day", "level"], [[p["pid"], d, lv] for p in pts for d, lv in p["fractures"]])
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"], errors)
    w("identifiers.csv", ["kind", "value"], identifiers)

# ---------------- Mumbai: one row per patient, level blocks 1-3, pain "x/10", legend sheet ----------------
import xlsxwriter
from openpyxl.utils import get_column_letter


def main(outdir):
    rng, pts = gen(8506, 25, "MUM/VP/", dt.date(2022, 8, 1), ["1w", "1m", "6m"], id_fmt="{p}{i:02d}", p_second=0.14)
    brands = {"Simplex P": "PMMA", "Mendec Spine": "PMMA", "Confidence (DePuy)": "PMMA", "CaP cement (Calcibon)": "calcium phosphate"}
    bl = list(brands)
    leakw = {"none": "नाही", "disc": "होय - disc", "venous": "होय - venous", "epidural": "होय - epidural", "paravertebral": "होय - paravertebral"}
    for p in pts:
        p["brand"] = bl[int(rng.choice([0, 1, 2, 3], p=[0.4, 0.3, 0.2, 0.1]))]
        if p["et"] == "pathologic":
            p["etw"] = str(rng.choice(["Mets (Ca breast)", "Multiple myeloma", "Mets (Ca prostate)"]))
        else:
            p["etw"] = {"osteoporotic": "Osteoporotic #", "traumatic": "Traumatic # (पडणे / fall)"}[p["et"]]
    os.makedirs(outdir, exist_ok=True)
    wb = xlsxwriter.Workbook(os.path.join(outdir, "input.xlsx"))
    ws = wb.add_worksheet("VP data")
    b = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#FCE4D6"})
    t = wb.add_format({"bold": True, "font_size": 13})
    dfmt = wb.add_format({"num_format": "d-mmm-yy", "border": 1})
    cf = wb.add_format({"border": 1})
    ws.write(0, 0, "Dept. of Orthopaedics (Spine) — Vertebroplasty / Kyphoplasty data sheet 2022-24", t)
    ws.write(1, 0, "Pain as VAS x/10. See sheet 'Legend' for abbreviations. Follow-up entered by PG resident.")
    groups = [("Patient", 0, 5), ("Procedure", 6, 8), ("Level 1", 9, 11), ("Level 2", 12, 14), ("Level 3", 15, 17),
              ("Pain (VAS)", 18, 21), ("Re-do / 2nd sitting", 22, 27), ("Outcome", 28, 30)]
    heads = ["Sr. No.", "Study No.", "Age (yrs)", "Sex", "Diagnosis", "Remarks",
             "Date of procedure", "Proc.", "Cement brand",
             "Level", "Cement (ml)", "Leak", "Level", "Cement (ml)", "Leak", "Level", "Cement (ml)", "Leak",
             "Pre-op", "1 wk", "1 mth", "6 mth",
             "Date", "Proc.", "Level", "Cement (ml)", "Leak", "Pre-op VAS",
             "New # level", "New # date", "Expired?"]
    HR = 3
    for g, a, c in groups:
        ws.merge_range(HR - 1, a, HR - 1, c, g, b)
    for j, h in enumerate(heads):
        ws.write(HR, j, h, b)
    ws.set_row(HR, 30)
    ws.set_column(0, 0, 6); ws.set_column(1, 1, 12); ws.set_column(4, 5, 22); ws.set_column(6, 8, 14)
    ws.set_column(9, 30, 10)
    techw = {"vertebroplasty": "VP", "kyphoplasty": "BKP"}
    errors = []
    E = {1: "lvl", 5: "cement", 9: "vas", 13: "text"}
    redo_err_done = False
    r = HR + 1
    for p in pts:
        R = r + 1  # excel row
        kind = E.get(p["idx"])
        s1 = p["sessions"][0]
        ws.write(r, 0, p["idx"] + 1, cf)
        ws.write(r, 1, p["pid"], cf)
        ws.write(r, 2, p["age"], cf)
        ws.write(r, 3, "स्त्री (F)" if p["sex"] == "female" else "पुरुष (M)", cf)
        ws.write(r, 4, p["etw"], cf)
        ws.write(r, 6, dt.datetime(s1["date"].year, s1["date"].month, s1["date"].day), dfmt)
        ws.write(r, 7, techw[s1["tech"]], cf)
        ws.write(r, 8, p["brand"], cf)
        for k, (lv, v, lk) in enumerate(zip(s1["levels"], s1["vols"], s1["leaks"])):
            c0 = 9 + 3 * k
            lvw, vw = lv, v
            if kind == "lvl" and k == 0:
                lvw = "L7" if lv.startswith("L") else "T13"
                errors.append(["VP data", f"{get_column_letter(c0 + 1)}{R}", R, "Level", lvw, "impossible vertebral level", p["pid"]])
            if kind == "cement" and k == 0:
                vw = 40
                errors.append(["VP data", f"{get_column_letter(c0 + 2)}{R}", R, "Cement (ml)", "40", "40 mL of cement in one vertebra", p["pid"]])
            if kind == "text" and k == 0:
                vw = "ok"
                errors.append(["VP data", f"{get_column_letter(c0 + 2)}{R}", R, "Cement (ml)", "ok", "text that is not a volume in the cement column", p["pid"]])
            ws.write(r, c0, lvw, cf)
            ws.write(r, c0 + 1, vw, cf)
            ws.write(r, c0 + 2, leakw[lk], cf)
        for k, tp in enumerate(["pre", "1w", "1m", "6m"]):
            if tp in s1["pain"]:
                val = f"{s1['pain'][tp]}/10"
                if kind == "vas" and tp != "pre" and not any(e[6] == p["pid"] for e in errors):
                    val = "12/10"
                    errors.append(["VP data", f"{get_column_letter(19 + k)}{R}", R, heads[18 + k], val, "pain 12 on a 0-10 scale", p["pid"]])
                ws.write(r, 18 + k, val, cf)
            else:
                ws.write(r, 18 + k, str(rng.choice(["आला नाही", "-", "LFU"])), cf)
        if len(p["sessions"]) > 1:
            s2 = p["sessions"][1]
            d2 = s2["date"]
            if not redo_err_done and kind is None and p["idx"] > 3:
                redo_err_done = True
                bad = dt.datetime(s1["date"].year, s1["date"].month, s1["date"].day) - dt.timedelta(days=s2["day"])
                ws.write(r, 22, bad, dfmt)
                errors.append(["VP data", f"W{R}", R, "Date", bad.strftime("%d-%b-%y"),
                               "re-do date before the index procedure", p["pid"]])
            else:
                ws.write(r, 22, dt.datetime(d2.year, d2.month, d2.day), dfmt)
            ws.write(r, 23, techw[s2["tech"]], cf)
            ws.write(r, 24, s2["levels"][0], cf)
            ws.write(r, 25, s2["vols"][0], cf)
            ws.write(r, 26, leakw[s2["leaks"][0]], cf)
            ws.write(r, 27, f"{s2['pain']['pre']}/10", cf)
            ws.write(r, 5, "adjacent level # - re-do", cf)
        for d, lv in p["fractures"]:
            dd = p["d0"] + dt.timedelta(days=d)
            ws.write(r, 28, lv, cf)
            ws.write(r, 29, dt.datetime(dd.year, dd.month, dd.day), dfmt)
        ws.write(r, 30, "होय" if p["died"] == "yes" else "नाही", cf)
        r += 1
    ws.freeze_panes(HR + 1, 2)
    lg = wb.add_worksheet("Legend")
    items = [("Abbreviation", "Meaning"), ("VP", "Vertebroplasty"), ("BKP", "Balloon kyphoplasty"),
             ("#", "fracture"), ("होय", "yes (Marathi)"), ("नाही", "no (Marathi)"), ("स्त्री / पुरुष", "female / male"),
             ("Leak", "cement leak: नाही = no leak; होय - <site> = leak at that site"),
             ("x/10", "VAS pain 0-10 (0 = no pain)"), ("आला नाही", "patient did not come for follow-up"),
             ("LFU", "lost to follow-up"), ("-", "not done"),
             ("Cement (ml)", "volume injected in that level"),
             ("Re-do / 2nd sitting", "second procedure for new (adjacent) fracture; Pre-op VAS before that sitting"),
             ("New # level / date", "new vertebral fracture seen on follow-up X-ray/MRI"),
             ("CaP cement", "calcium phosphate cement (Calcibon); other brands are PMMA"),
             ("Re-do cement", "re-do sitting uses the same cement brand as the index procedure")]
    for i, (a, c) in enumerate(items):
        lg.write(i, 0, a, b if i == 0 else None)
        lg.write(i, 1, c, b if i == 0 else None)
    lg.set_column(0, 0, 22); lg.set_column(1, 1, 80)
    wb.close()
    write_truth(outdir, pts, errors, [], cement_mode="level", cement_type=lambda p, s: brands[p["brand"]],
                measures=("pain_vas",))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
