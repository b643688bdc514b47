# ----------------------------------------------------------------------------
# Shared synthetic-cohort generator (copied verbatim into every site script so
# that each make.py stays self-contained).
# ----------------------------------------------------------------------------
import sys
import os
import csv
import datetime as dt
import io
import re
import zipfile

import numpy as np

LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
          + [f"L{i}" for i in range(1, 6)] + ["S1"])
LIDX = {l: i for i, l in enumerate(LEVELS)}
TP_ORDER = ["pre", "24h", "1w", "2w", "6w", "1m", "3m", "6m", "12m", "24m"]
TP_DAYS = {"pre": 0, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30, "3m": 91,
           "6m": 182, "12m": 365, "24m": 730}
TP_JIT = {"pre": 0, "24h": 0, "1w": 2, "2w": 3, "6w": 6, "1m": 5, "3m": 12,
          "6m": 20, "12m": 30, "24m": 40}
RELIEF = {"24h": .40, "1w": .48, "2w": .52, "6w": .58, "1m": .56, "3m": .62,
          "6m": .64, "12m": .64, "24m": .62}
LEAK_SITES = ["disc", "venous", "paravertebral", "epidural", "foraminal"]
LEAK_P = [.36, .30, .18, .11, .05]


def norm(w):
    w = np.asarray(list(w), float)
    return w / w.sum()


def age_on(birth, d):
    return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))


def ok_level(j):
    return LIDX["T4"] <= j <= LIDX["L5"]


def pick_block(rng, n):
    cands = ["T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"]
    w = [1, 1, 2, 2, 2, 3, 5, 9, 9, 5, 3, 2, 1]
    start = LIDX[str(rng.choice(cands, p=norm(w)))]
    if n == 1:
        return [LEVELS[start]]
    if rng.random() < 0.8:
        start = min(start, LIDX["L5"] - (n - 1))
        return [LEVELS[start + k] for k in range(n)]
    picks = {start}
    while len(picks) < n:
        j = start + int(rng.choice([-3, -2, 2, 3, 4]))
        if ok_level(j):
            picks.add(j)
    return [LEVELS[j] for j in sorted(picks)]


def neighbours(used, k, rng):
    """k (1 or 2) untreated levels adjacent to the levels in `used`."""
    idx = sorted(LIDX[l] for l in used)
    cands = []
    for j in [idx[0] - 1, idx[-1] + 1, idx[0] - 2, idx[-1] + 2, idx[-1] + 3, idx[0] - 3]:
        if ok_level(j) and LEVELS[j] not in used and LEVELS[j] not in cands:
            cands.append(LEVELS[j])
    first = cands[int(rng.integers(0, min(2, len(cands))))]
    out = [first]
    if k == 2:
        j = LIDX[first]
        for jj in (j + 1, j - 1):
            if ok_level(jj) and LEVELS[jj] not in used:
                out.append(LEVELS[jj])
                break
    return sorted(out, key=LIDX.get)


def draw_leak(rng, p):
    if rng.random() >= p:
        return []
    s = [str(rng.choice(LEAK_SITES, p=LEAK_P))]
    if rng.random() < 0.12:
        t = str(rng.choice(LEAK_SITES, p=LEAK_P))
        if t not in s:
            s.append(t)
    return s


def make_session(rng, c, levels, day, d0):
    techs = c["techs"]
    tech = str(rng.choice(list(techs), p=norm(techs.values())))
    brands = [b for b in c["brands"] if tech in b[2]]
    b = brands[int(rng.choice(len(brands), p=norm([x[3] for x in brands])))]
    step = c.get("vol_step", 0.5)
    lv = []
    for l in levels:
        base = rng.uniform(3.0, 7.5) if tech == "kyphoplasty" else rng.uniform(1.8, 5.5)
        if LIDX[l] < LIDX["T10"]:
            base *= 0.75
        v = round(max(step, round(base / step) * step), 1)
        lv.append(dict(level=l, vol=v, leak=draw_leak(rng, c.get("p_leak", .22))))
    return dict(day=day, date=d0 + dt.timedelta(days=day), tech=tech, brand=b[0],
                cement=b[1], levels=lv, vol_mode="per")


def draw_pain(rng, tps, death_rel, step, p_attend=.82):
    if step == 0.1:
        pre = round(float(rng.integers(50, 101)) / 10, 1)
    else:
        pre = float(rng.integers(5, 11))
    out, vdays = {}, {}
    for tp in tps:
        nom = TP_DAYS[tp]
        if death_rel is not None and nom + TP_JIT[tp] + 1 >= death_rel:
            continue
        if tp == "pre":
            if rng.random() < .96:
                out[tp] = pre
                vdays[tp] = -int(rng.integers(0, 3))
            continue
        if rng.random() > p_attend:
            continue
        v = pre * (1 - RELIEF[tp] * rng.uniform(.4, 1.4)) + rng.normal(0, .7)
        v = min(10.0, max(0.0, v))
        v = round(round(v / step) * step, 1)
        out[tp] = v
        vdays[tp] = nom + int(rng.integers(-TP_JIT[tp], TP_JIT[tp] + 1))
    return out, vdays


def make_cohort(rng, n, c):
    pats = []
    span = (c["hi"] - c["lo"]).days
    for i in range(n):
        p = dict(pid=c["pid"](i), idx=i)
        r = rng.random()
        if r < .68:
            et, det = "osteoporotic", "osteoporosis"
        elif r < .87:
            et, det = "pathologic", None
        elif r < .95:
            et, det = "traumatic", "trauma"
        else:
            et, det = "other", "hemangioma"
        female = rng.random() < (.78 if et == "osteoporotic" else .5)
        p["sex"] = "female" if female else "male"
        if et == "pathologic":
            opts = (["met:breast"] * 3 + ["met:lung", "met:kidney", "myeloma", "myeloma", "lymphoma"]
                    if female else
                    ["met:prostate"] * 2 + ["met:lung"] * 2 + ["met:kidney", "myeloma", "myeloma", "lymphoma"])
            det = str(rng.choice(opts))
        p["etiology"], p["detail"] = et, det
        mu, sd, lo, hi = {"osteoporotic": (77, 7, 56, 95), "pathologic": (66, 10, 42, 88),
                          "traumatic": (58, 13, 30, 88), "other": (54, 12, 35, 80)}[et]
        age = int(np.clip(round(rng.normal(mu, sd)), lo, hi))
        d0 = c["lo"] + dt.timedelta(days=int(rng.integers(0, span)))
        birth = d0 - dt.timedelta(days=int(age * 365.25 + rng.integers(10, 355)))
        p["birth"], p["age"], p["d0"] = birth, age_on(birth, d0), d0
        died = rng.random() < (.32 if et == "pathologic" else .08)
        p["died"] = "yes" if died else "no"
        p["death_day"] = int(rng.integers(45, 620)) if died else None
        dd = p["death_day"]
        nlev = int(rng.choice([1, 2, 3], p=[.45, .35, .2] if et == "pathologic" else [.6, .28, .12]))
        nlev = min(nlev, c.get("max_levels", 3))
        lv1 = pick_block(rng, nlev)
        sessions = [make_session(rng, c, lv1, 0, d0)]
        fx = []
        if rng.random() < c.get("p_s2", .2) and (dd is None or dd > 70):
            hi2 = 200 if dd is None else min(200, dd - 30)
            day2 = int(rng.integers(14, hi2))
            k = 1 if rng.random() < .8 else 2
            lv2 = neighbours(lv1, k, rng)
            sessions.append(make_session(rng, c, lv2, day2, d0))
            if rng.random() < .6:
                fxday = max(7, day2 - int(rng.integers(2, 21)))
                for l in lv2:
                    fx.append((fxday, l))
        if not fx and rng.random() < c.get("p_fx", .14):
            hi3 = 420 if dd is None else dd - 5
            if hi3 > 40:
                day = int(rng.integers(30, hi3))
                treated = [x["level"] for s in sessions for x in s["levels"]]
                k = 1 if rng.random() < .85 else 2
                for l in neighbours(treated, k, rng):
                    fx.append((day, l))
        p["sessions"], p["fx"] = sessions, fx
        pain, vday = {}, {}
        for si, s in enumerate(sessions, 1):
            tps = c["tps"] if si == 1 else c.get("tps2")
            if not tps:
                continue
            rel = None if dd is None else dd - s["day"]
            pv, vd = draw_pain(rng, tps, rel, c.get("vas_step", 1), c.get("p_attend", .82))
            for tp in pv:
                pain[(si, tp)] = pv[tp]
                vday[(si, tp)] = vd[tp]
        p["pain"], p["vday"] = pain, vday
        pats.append(p)
    return pats


def fnum(x):
    if x is None or x == "":
        return ""
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.2f}".rstrip("0").rstrip(".")
    return str(x)


def write_truth(out, pats, errors, idents):
    T = os.path.join(out, "truth")
    os.makedirs(T, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(T, name), "w", newline="", encoding="utf-8") as f:
            cw = csv.writer(f, lineterminator="\n")
            cw.writerow(header)
            cw.writerows(rows)

    prow, rrow, arow, frow = [], [], [], []
    for p in pats:
        prow.append([p["pid"], p["sex"] or "", fnum(p["age"]), p["etiology"] or "", p["died"] or ""])
        for si, s in enumerate(p["sessions"], 1):
            n = len(s["levels"])
            tot = round(sum(x["vol"] for x in s["levels"]), 1)
            for x in s["levels"]:
                mode = s["vol_mode"]
                cv = x["vol"] if (mode == "per" or (mode == "total" and n == 1)) else ""
                sv = tot if (mode == "total" and n > 1) else ""
                leak = "" if x["leak"] is None else ("none" if not x["leak"] else ";".join(x["leak"]))
                rrow.append([p["pid"], si, s["day"], x["level"], s["tech"] or "", fnum(cv), fnum(sv),
                             s["cement"] or "", leak])
        for (si, tp) in sorted(p["pain"], key=lambda k: (k[0], TP_ORDER.index(k[1]))):
            arow.append([p["pid"], si, "pain_vas", tp, fnum(p["pain"][(si, tp)])])
        for (day, l) in p["fx"]:
            frow.append([p["pid"], day, l])
    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"], prow)
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], rrow)
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], arow)
    w("fractures.csv", ["patient_id", "day", "level"], frow)
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
      [[e["sheet"], e["cell"], e["row"], e["header"], e["value"], e["what"], e["pid"]] for e in errors])
    w("identifiers.csv", ["kind", "value"], idents)

def save_xlsx(wb, path, stamp="2023-11-30T09:00:00Z"):
    """Save an openpyxl workbook with fixed zip and document timestamps (byte-reproducible)."""
    buf = io.BytesIO()
    wb.save(buf)
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                              lambda m: m.group(1) + stamp.encode() + m.group(2), data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2023, 11, 30, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)

# ------------------------------ site part ------------------------------------
"""Uppsala: long layout over several sheets (Swedish): Patienter, Ingrepp (one row
per vertebra), one sheet per visit (Före, 1 vecka, 3 mån, 12 mån) and Nya frakturer.

Run:  python make.py OUTDIR
"""
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

SEED = 505
N = 25
DIAG = {"osteoporosis": ["osteoporos", "osteoporotisk fraktur"], "trauma": ["trauma (fall)", "trauma"],
        "hemangioma": ["hemangiom"], "met:breast": ["metastas (bröstcancer)"],
        "met:lung": ["metastas (lungcancer)"], "met:prostate": ["metastas (prostatacancer)"],
        "met:kidney": ["metastas (njurcancer)"], "myeloma": ["myelom"], "lymphoma": ["lymfom"]}
LEAK_SV = {"disc": "disk", "venous": "venös", "paravertebral": "paravertebral",
           "epidural": "epidural", "foraminal": "foraminal"}
DF = "yyyy-mm-dd"
OPER = ["AL", "JB", "MK", "AL", "PE"]


def nv(l):
    return "Th" + l[1:] if l[0] == "T" else l


def header(ws, hs):
    for j, h in enumerate(hs, 1):
        c = ws.cell(1, j, h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.column_dimensions[get_column_letter(j)].width = max(11, len(h) + 2)
    ws.freeze_panes = "A2"
    return {h: j for j, h in enumerate(hs, 1)}


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)
    c = dict(pid=lambda i: f"tmp{i}", lo=dt.date(2018, 9, 1), hi=dt.date(2022, 4, 30),
             techs={"vertebroplasty": .6, "kyphoplasty": .4},
             brands=[("Vertecem V+", "PMMA", ("vertebroplasty",), 3),
                     ("Kyphon HV-R", "PMMA", ("kyphoplasty",), 3),
                     ("Osteopal V", "PMMA", ("vertebroplasty", "kyphoplasty"), 2)],
             tps=["pre", "1w", "3m", "12m"], tps2=None, p_s2=.2, vol_step=.5, p_leak=.2,
             vas_step=.5, p_attend=.78)
    pats = make_cohort(rng, N, c)
    pats.sort(key=lambda p: p["d0"])
    for k, p in enumerate(pats):
        p["pid"] = f"UU-{k + 101}"

    wb = Workbook()
    errors = []
    cells = {}          # key -> (sheet title, row, col, header)

    # --- Patienter -------------------------------------------------------
    ws = wb.active
    ws.title = "Patienter"
    hc = header(ws, ["Studie-ID", "Kön", "Ålder", "Diagnos", "Avliden", "Dödsdatum"])
    ws["H1"] = "K = kvinna, M = man. Ålder vid första ingreppet."
    ws["H1"].font = Font(italic=True, size=9)
    for r, p in enumerate(pats, 2):
        ws.cell(r, hc["Studie-ID"], p["pid"])
        ws.cell(r, hc["Kön"], "K" if p["sex"] == "female" else "M")
        ws.cell(r, hc["Ålder"], p["age"])
        cells[(p["pid"], "age")] = ("Patienter", r, hc["Ålder"], "Ålder")
        ws.cell(r, hc["Diagnos"], str(rng.choice(DIAG[p["detail"]])))
        ws.cell(r, hc["Avliden"], "ja" if p["died"] == "yes" else "nej")
        if p["died"] == "yes":
            ws.cell(r, hc["Dödsdatum"], p["d0"] + dt.timedelta(days=p["death_day"])).number_format = DF

    # --- Ingrepp ---------------------------------------------------------
    ws = wb.create_sheet("Ingrepp")
    hc = header(ws, ["Studie-ID", "Ingrepp nr", "Datum", "Nivå", "Metod", "Cement (ml)", "Cementtyp",
                     "Läckage", "Operatör"])
    r = 2
    for p in pats:
        for si, s in enumerate(p["sessions"], 1):
            op = str(rng.choice(OPER))
            meth = (str(rng.choice(["BKP", "kyfoplastik"])) if s["tech"] == "kyphoplasty"
                    else str(rng.choice(["PVP", "vertebroplastik"])))
            for x in s["levels"]:
                ws.cell(r, hc["Studie-ID"], p["pid"])
                ws.cell(r, hc["Ingrepp nr"], si)
                ws.cell(r, hc["Datum"], s["date"]).number_format = DF
                ws.cell(r, hc["Nivå"], nv(x["level"]))
                ws.cell(r, hc["Metod"], meth)
                ws.cell(r, hc["Cement (ml)"], x["vol"])
                ws.cell(r, hc["Cementtyp"], s["brand"])
                ws.cell(r, hc["Läckage"], "nej" if not x["leak"] else " + ".join(LEAK_SV[z] for z in x["leak"]))
                ws.cell(r, hc["Operatör"], op)
                cells[(p["pid"], si, x["level"], "niv")] = ("Ingrepp", r, hc["Nivå"], "Nivå")
                cells[(p["pid"], si, x["level"], "vol")] = ("Ingrepp", r, hc["Cement (ml)"], "Cement (ml)")
                r += 1

    # --- visit sheets ----------------------------------------------------
    visits = [("Före", "pre", ["Studie-ID", "Datum", "VAS"], "id"),
              ("1 vecka", "1w", ["Datum", "Studie-ID", "VAS"], "date"),
              ("3 mån", "3m", ["Studie-ID", "VAS", "Besöksdatum", "Kommentar"], "id"),
              ("12 mån", "12m", ["VAS (0-10)", "Studie-ID", "Datum"], "date")]
    for title, tp, hs, sortkey in visits:
        ws = wb.create_sheet(title)
        hc = header(ws, hs)
        vcol = [h for h in hs if h.startswith("VAS")][0]
        dcol = [h for h in hs if "atum" in h][0]
        recs = []
        for p in pats:
            d = None
            if (1, tp) in p["pain"]:
                d = p["d0"] + dt.timedelta(days=p["vday"][(1, tp)])
                recs.append((p, d, p["pain"][(1, tp)], None))
            elif tp != "pre":
                dead = p["death_day"] is not None and TP_DAYS[tp] + TP_JIT[tp] + 1 >= p["death_day"]
                if rng.random() < .35:
                    recs.append((p, None, None, "avliden" if dead else str(rng.choice(["uteblev", "ej ifylld", "återbud"]))))
        nod = dt.date(2100, 1, 1)
        recs.sort(key=(lambda t: t[0]["pid"]) if sortkey == "id" else (lambda t: (t[1] or nod, t[0]["pid"])))
        for r, (p, d, v, note) in enumerate(recs, 2):
            ws.cell(r, hc["Studie-ID"], p["pid"])
            if d is not None:
                ws.cell(r, hc[dcol], d).number_format = DF
                ws.cell(r, hc[vcol], int(v) if float(v).is_integer() else v)
                cells[(p["pid"], tp, "vas")] = (title, r, hc[vcol], vcol)
                cells[(p["pid"], tp, "date")] = (title, r, hc[dcol], dcol)
            elif "Kommentar" in hc:
                ws.cell(r, hc["Kommentar"], note)
            else:
                ws.cell(r, hc[vcol], note)

    # --- Nya frakturer ---------------------------------------------------
    ws = wb.create_sheet("Nya frakturer")
    hc = header(ws, ["Studie-ID", "Datum", "Nivå", "Behandlad"])
    r = 2
    for p in pats:
        for day, l in p["fx"]:
            ws.cell(r, hc["Studie-ID"], p["pid"])
            ws.cell(r, hc["Datum"], p["d0"] + dt.timedelta(days=day)).number_format = DF
            ws.cell(r, hc["Nivå"], nv(l))
            treated = len(p["sessions"]) > 1 and l in [x["level"] for x in p["sessions"][1]["levels"]]
            ws.cell(r, hc["Behandlad"], "ja (ingrepp 2)" if treated else "nej")
            r += 1

    # --- planted errors --------------------------------------------------
    def plant(key, value, what, pid):
        title, row, col, h = cells[key]
        wb[title].cell(row, col).value = value
        if isinstance(value, dt.date):
            wb[title].cell(row, col).number_format = DF
            value = value.strftime("%Y-%m-%d")
        errors.append(dict(sheet=title, cell=f"{get_column_letter(col)}{row}", row=row, header=h,
                           value=str(value), what=what, pid=pid))

    order = [pats[j] for j in rng.permutation(N)]
    used = set()

    def take(cond):
        for p in order:
            if p["pid"] not in used and cond(p):
                used.add(p["pid"])
                return p
        raise RuntimeError("no candidate")

    p = take(lambda p: p["sessions"][0]["levels"][-1]["level"][0] == "L")
    plant((p["pid"], 1, p["sessions"][0]["levels"][-1]["level"], "niv"), "L8", "impossible vertebral level (L8)", p["pid"])
    p = take(lambda p: True)
    plant((p["pid"], 1, p["sessions"][0]["levels"][0]["level"], "vol"), 45,
          "45 ml of cement in one vertebra is implausible", p["pid"])
    p = take(lambda p: (1, "3m") in p["pain"])
    real = p["d0"] + dt.timedelta(days=p["vday"][(1, "3m")])
    plant((p["pid"], "3m", "date"), real.replace(year=real.year - 1),
          "3-month visit dated before the procedure date (wrong year)", p["pid"])
    p = take(lambda p: (1, "1w") in p["pain"])
    plant((p["pid"], "1w", "vas"), 75, "VAS 75 on a 0-10 sheet (probably mm typed in)", p["pid"])
    p = take(lambda p: True)
    plant((p["pid"], "age"), 219, "age 219 is impossible", p["pid"])

    save_xlsx(wb, os.path.join(out, "input.xlsx"))
    write_truth(out, pats, errors, [])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
