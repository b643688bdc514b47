"""Blind test workbook: Athens (Greece). Run: python make.py OUTDIR"""
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
# Athens (Greece): one row per patient, two header rows with merged groups
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 3010
N = 34
AITIO = {"osteoporotic": ["Οστεοπορωτικό", "Οστεοπόρωση"],
         "pathologic": ["Μεταστατικό", "Πολλαπλούν μυέλωμα", "Μετάσταση (Ca μαστού)",
                        "Μετάσταση (Ca πνεύμονα)"],
         "traumatic": ["Τραυματικό", "Τραύμα (πτώση)"]}
LEAK_GR = {"disc": "δισκική", "venous": "φλεβική", "epidural": "επισκληρίδια",
           "paravertebral": "παρασπονδυλική"}
TECH_GR = {"vertebroplasty": "Σπονδυλοπλαστική", "kyphoplasty": "Κυφοπλαστική"}
BRANDS = {"PMMA": ["Mendec Spine", "Confidence", "Kyphon HV-R"],
          "calcium phosphate": ["KyphOs FS"]}
TAU = "\u03a4"  # Greek capital tau, typed when the keyboard is left in Greek


def d_gr(d):
    return d.strftime("%d/%m/%Y")


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = gen_cohort(rng, N, ["1m", "6m"], dt.date(2018, 6, 1), dt.date(2022, 3, 31),
                     techniques=(("vertebroplasty", 0.55), ("kyphoplasty", 0.45)),
                     cements=(("PMMA", 0.9), ("calcium phosphate", 0.1)))
    for k, p in enumerate(pts, 1):
        p["id"] = "ΑΘ-%02d" % k
        fem = p["sex"] == "female"
        opts = [o for o in AITIO[p["etiology"]] if not ("μαστού" in o and not fem)]
        p["aitio"] = opts[int(rng.integers(len(opts)))]
        for s in p["sessions"]:
            b = BRANDS[s["cement_type"]]
            s["brand"] = b[int(rng.integers(len(b)))]
            # VAS in mm, 0-100
            s["mm"] = {tp: int(min(100, max(0, v * 10 + int(rng.integers(-4, 5)))))
                       for tp, v in s["pain"].items()}

    # ---- planted errors ---------------------------------------------------
    order = [int(i) for i in rng.permutation(N)]
    err = {}
    # E1 duplicated study ID: patient k written with the previous patient's ID
    a = next(i for i in order if i > 0 and i - 1 in order and len(pts[i]["sessions"]) == 1
             and len(pts[i - 1]["sessions"]) == 1)
    order.remove(a)
    order.remove(a - 1)
    err[("id", a)] = pts[a - 1]["id"]
    # E2 VAS 145 mm at 6 months
    b = next(i for i in order if "6m" in pts[i]["sessions"][0]["mm"])
    order.remove(b)
    err[("vas", b, "6m")] = 145
    # E3 second session dated before the first (year typed wrong)
    c = next(i for i in order if len(pts[i]["sessions"]) == 2)
    order.remove(c)
    d2 = sdate(pts[c], pts[c]["sessions"][1])
    err[("date2", c)] = d2.replace(year=pts[c]["d0"].year - 1)
    # E4 impossible level T13
    d = next(i for i in order if pts[i]["sessions"][0]["levels"][0] in ("T12", "L1"))
    order.remove(d)
    err[("level", d, 0)] = "T13"

    # ---- workbook ------------------------------------------------------------
    wb = Workbook()
    ws = wb.active
    ws.title = "Ασθενείς 2018-2022"
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fills = ["FCE4D6", "E2EFDA", "DDEBF7", "FFF2CC", "EDEDED", "F8CBAD"]

    ws["A1"] = "Γ.Ν. «Αγία Ολυμπιάς» – Β΄ Ορθοπαιδική Κλινική"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Αρχείο σπονδυλοπλαστικών / κυφοπλαστικών (υπεύθυνος: Δρ Κ. Π.)"
    ws["A2"].font = Font(italic=True)

    groups = [("Στοιχεία ασθενούς", ["Α/Α", "Κωδικός", "Φύλο", "Ηλικία", "Αιτιολογία", "Θάνατος"]),
              ("1η επέμβαση", ["Ημερομηνία", "Τεχνική", "Επίπεδο 1", "Όγκος 1 (ml)",
                               "Επίπεδο 2", "Όγκος 2 (ml)", "Επίπεδο 3", "Όγκος 3 (ml)",
                               "Τσιμέντο", "Διαφυγή τσιμέντου"]),
              ("VAS (mm, 0-100)", ["προεγχειρητικά", "1 μήνα", "6 μήνες"]),
              ("2η επέμβαση", ["Ημερομηνία", "Τεχνική", "Επίπεδο", "Όγκος (ml)",
                               "Τσιμέντο", "Διαφυγή τσιμέντου"]),
              ("Νέα κατάγματα", ["Επίπεδο", "Ημ/νία διάγνωσης"]),
              ("", ["Παρατηρήσεις"])]
    heads = []
    col = 1
    HR1, HR2 = 4, 5
    for gi, (g, hs) in enumerate(groups):
        c0 = col
        for h in hs:
            heads.append(h)
            cl = ws.cell(HR2, col, h)
            col += 1
        if g:
            ws.cell(HR1, c0, g)
            ws.merge_cells(start_row=HR1, start_column=c0, end_row=HR1, end_column=col - 1)
        else:
            ws.cell(HR1, c0, hs[0])
            ws.cell(HR2, c0, None)
            ws.merge_cells(start_row=HR1, start_column=c0, end_row=HR2, end_column=c0)
        for cc in range(c0, col):
            for rr in (HR1, HR2):
                x = ws.cell(rr, cc)
                x.font = bold
                x.alignment = center
                x.border = box
                x.fill = PatternFill("solid", fgColor=fills[gi])
    ncol = col - 1
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=12)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=12)
    ws.row_dimensions[HR2].height = 32
    for j in range(1, ncol + 1):
        ws.column_dimensions[get_column_letter(j)].width = 11
    ws.column_dimensions["E"].width = 22
    ws.column_dimensions["H"].width = 17
    ws.column_dimensions["P"].width = 24
    ws.column_dimensions["AC"].width = 40
    ws.freeze_panes = "C6"
    # explicit column numbers
    COL = dict(aa=1, id=2, sex=3, age=4, aitio=5, dead=6, date1=7, tech1=8,
               lv=[9, 11, 13], vol=[10, 12, 14], cem1=15, leak1=16,
               vpre=17, v1m=18, v6m=19, date2=20, tech2=21, lv2=22, vol2=23,
               cem2=24, leak2=25, fxlv=26, fxd=27, note=28)

    errors = []

    def put(r, c, value, key=None, what=None, pid=None, fmt=None):
        cl = ws.cell(r, c)
        if key is not None and key in err:
            value = err[key]
            shown = value.strftime("%d/%m/%Y") if isinstance(value, (dt.date, dt.datetime)) else value
            errors.append([ws.title, cl.coordinate, r, heads[c - 1], shown, what, pid])
            if isinstance(value, dt.date):
                value = dt.datetime(value.year, value.month, value.day)
                fmt = "dd/mm/yyyy"
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        cl.value = value
        if fmt:
            cl.number_format = fmt
        cl.border = box
        return cl

    def date_cell(r, c, d, key=None, what=None, pid=None):
        if rng.random() < 0.2 and not (key and key in err):
            return put(r, c, d_gr(d))
        return put(r, c, d, key=key, what=what, pid=pid, fmt="dd/mm/yyyy")

    def leak_text(s):
        lk = [(lv, x) for lv, x in zip(s["levels"], s["leaks"]) if x != "none"]
        if not lk:
            return "όχι"
        if len(s["levels"]) == 1:
            return "ναι (%s)" % LEAK_GR[lk[0][1]]
        return "ναι – " + ", ".join("%s %s" % (LEAK_GR[x], lv) for lv, x in lk)

    def lvl(lv):
        return lv.replace("T", TAU) if (lv.startswith("T") and rng.random() < 0.15) else lv

    r = HR2 + 1
    for i, p in enumerate(pts):
        pid = p["id"]
        put(r, COL["aa"], i + 1)
        put(r, COL["id"], pid, key=("id", i),
            what="study ID entered twice for two different patients", pid=pid)
        if ("id", i) in err:
            # the duplicated ID also makes the earlier patient ambiguous
            errors.append(errors[-1][:6] + [err[("id", i)]])
        put(r, COL["sex"], "Γ" if p["sex"] == "female" else "Α")
        put(r, COL["age"], p["age"])
        put(r, COL["aitio"], p["aitio"])
        put(r, COL["dead"], "ναι" if p["died"] else "όχι")
        s = p["sessions"][0]
        date_cell(r, COL["date1"], p["d0"])
        put(r, COL["tech1"], TECH_GR[s["technique"]])
        for li, lv in enumerate(s["levels"]):
            put(r, COL["lv"][li], lvl(lv), key=("level", i, li),
                what="impossible level (T13)", pid=pid)
            put(r, COL["vol"][li], s["volumes"][li], fmt="0.0")
        put(r, COL["cem1"], s["brand"])
        put(r, COL["leak1"], leak_text(s))
        for c, tp in ((COL["vpre"], "pre"), (COL["v1m"], "1m"), (COL["v6m"], "6m")):
            if tp in s["mm"]:
                put(r, c, s["mm"][tp], key=("vas", i, tp),
                    what="VAS 145 mm on a 0-100 mm scale", pid=pid)
            elif s["status"].get(tp) == "dead":
                put(r, c, "απεβίωσε")
            elif s["status"].get(tp) == "missed" and tp != "pre":
                put(r, c, "Δ.Π.")
            else:
                put(r, c, None)
        if len(p["sessions"]) > 1:
            s2 = p["sessions"][1]
            date_cell(r, COL["date2"], sdate(p, s2), key=("date2", i),
                      what="2nd procedure dated before the 1st procedure (year typed wrong)",
                      pid=pid)
            put(r, COL["tech2"], TECH_GR[s2["technique"]])
            put(r, COL["lv2"], lvl(s2["levels"][0]))
            put(r, COL["vol2"], s2["volumes"][0], fmt="0.0")
            put(r, COL["cem2"], s2["brand"])
            put(r, COL["leak2"], leak_text(s2))
        else:
            for c in range(COL["date2"], COL["leak2"] + 1):
                put(r, c, None)
        if p["fractures"]:
            put(r, COL["fxlv"], ", ".join(lv for _, lv in p["fractures"]))
            put(r, COL["fxd"], ", ".join(d_gr(p["d0"] + dt.timedelta(days=d))
                                          for d, _ in p["fractures"]))
        else:
            put(r, COL["fxlv"], "-")
            put(r, COL["fxd"], None)
        notes = []
        if p["died"]:
            notes.append("απεβίωσε %s" % d_gr(p["d0"] + dt.timedelta(days=p["death_day"])))
        if len(p["sessions"]) > 1:
            notes.append("επανεπέμβαση λόγω νέου κατάγματος")
        if p["etiology"] == "pathologic" and rng.random() < 0.5:
            notes.append("παραπομπή από ογκολογική")
        put(r, COL["note"], "; ".join(notes) or None)
        r += 1
    r += 1
    ws.cell(r, 1, "Υπόμνημα: Α = άνδρας, Γ = γυναίκα.  VAS σε mm (0 = καθόλου πόνος, 100 = χειρότερος πόνος).  "
                  "Δ.Π. = δεν προσήλθε στον επανέλεγχο.  Όγκος τσιμέντου ανά σπόνδυλο σε ml.").font = Font(italic=True, size=9)
    ws.cell(r + 1, 1, "Το VAS καταγράφεται μόνο για την 1η επέμβαση.").font = Font(italic=True, size=9)

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))

    # ---- truth -------------------------------------------------------------------
    P, PR, AS, FX = [], [], [], []
    for p in pts:
        pid = p["id"]
        P.append([pid, p["sex"], p["age"], p["etiology"], "yes" if p["died"] else "no"])
        for si, s in enumerate(p["sessions"], 1):
            for li, lv in enumerate(s["levels"]):
                PR.append([pid, si, s["day"], lv, s["technique"], s["volumes"][li], None,
                           s["cement_type"], s["leaks"][li]])
        s = p["sessions"][0]
        for tp in ("pre", "1m", "6m"):
            if tp in s["mm"]:
                AS.append([pid, 1, "pain_vas", tp, s["mm"][tp] / 10])
        for day, lv in p["fractures"]:
            FX.append([pid, day, lv])
    write_truth(outdir, P, PR, AS, FX, errors, [])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
