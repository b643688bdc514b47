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
"""Leeds: English (UK) audit sheet with two tables on one sheet (patients on top,
procedures below after blank rows and a title line), a key sheet first,
dates dd/mm/yyyy, Y/N, VAS in mm (0-100).

Run:  python make.py OUTDIR
"""
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

SEED = 606
N = 30
F_FIRST = ["Margaret", "Jean", "Patricia", "Joan", "Barbara", "Dorothy", "Brenda", "Sheila",
           "Maureen", "Pauline", "Christine", "Eileen", "Doreen", "Kathleen"]
M_FIRST = ["John", "David", "Peter", "Michael", "Brian", "Alan", "Keith", "Derek", "Raymond", "Graham"]
SURN = ["Smith", "Wilson", "Taylor", "Walker", "Wood", "Robinson", "Thompson", "Wright", "Hall",
        "Jackson", "Atkinson", "Hartley", "Dobson", "Sutcliffe", "Ackroyd", "Holroyd", "Briggs",
        "Lister", "Pickles", "Greenwood", "Armitage", "Brook", "Haigh", "Barraclough"]
PH = ["Study No", "Hosp No", "NHS No", "Surname", "Forename", "DOB", "Sex", "Age at 1st proc",
      "Aetiology", "New # (level)", "New # date", "Died (Y/N)", "Date of death"]
QH = ["Study No", "Date", "Proc", "Level", "Cement (ml)", "Cement type", "Leak (Y/N)", "Leak site",
      "VAS pre (mm)", "VAS 2/52", "VAS 6/52", "VAS 3/12", "Comments"]
PC = {h: i + 1 for i, h in enumerate(PH)}
QC = {h: i + 1 for i, h in enumerate(QH)}
VAS = [("pre", "VAS pre (mm)"), ("2w", "VAS 2/52"), ("6w", "VAS 6/52"), ("3m", "VAS 3/12")]
AET = {"osteoporosis": "OP", "trauma": "Trauma", "hemangioma": "Haemangioma",
       "met:breast": "Mets - breast", "met:lung": "Mets - lung", "met:prostate": "Mets - prostate",
       "met:kidney": "Mets - renal", "myeloma": "Myeloma", "lymphoma": "Lymphoma"}
LEAK_EN = {"disc": "disc", "venous": "venous", "paravertebral": "paravertebral soft tissue",
           "epidural": "epidural", "foraminal": "foraminal"}
YELLOW = PatternFill("solid", fgColor="FFFF99")
GREY = PatternFill("solid", fgColor="D9D9D9")
HEAD = PatternFill("solid", fgColor="BDD7EE")
DF = "dd/mm/yyyy"


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)
    c = dict(pid=lambda i: f"tmp{i}", lo=dt.date(2018, 4, 1), hi=dt.date(2022, 7, 31),
             techs={"vertebroplasty": .8, "kyphoplasty": .2},
             brands=[("Spineplex", "PMMA", ("vertebroplasty",), 3),
                     ("Osteopal V", "PMMA", ("vertebroplasty", "kyphoplasty"), 2),
                     ("Cortoss", "Cortoss", ("vertebroplasty",), 1),
                     ("Kyphon HV-R", "PMMA", ("kyphoplasty",), 2),
                     ("Confidence", "PMMA", ("vertebroplasty",), 1)],
             tps=["pre", "2w", "6w", "3m"], tps2=["pre", "2w", "6w", "3m"],
             p_s2=.2, vol_step=.5, p_leak=.18, vas_step=.1)
    pats = make_cohort(rng, N, c)
    pats.sort(key=lambda p: p["d0"])
    for k, p in enumerate(pats):
        p["pid"] = f"LVA-{k + 1:03d}"

    wb = Workbook()
    key = wb.active
    key.title = "Key"
    lines = [("Vertebroplasty / kyphoplasty audit – key", None),
             ("", None),
             ("Study No", "LVA-nnn, allocated in order of first procedure"),
             ("Proc", "VP = vertebroplasty, KP = balloon kyphoplasty"),
             ("Level", "vertebral level treated, one line per level"),
             ("Cement (ml)", "volume injected into that level"),
             ("VAS", "visual analogue scale for pain, 0-100 mm; recorded once per procedure date, "
                     "on the first line of that date"),
             ("2/52, 6/52, 3/12", "2 weeks, 6 weeks, 3 months after that procedure"),
             ("DNA", "did not attend"),
             ("N/A", "not applicable / not collected"),
             ("New #", "new vertebral fracture found at follow-up"),
             ("", None),
             ("Colour key", None),
             ("yellow row", "follow-up incomplete"),
             ("grey row", "patient deceased")]
    for i, (a, b) in enumerate(lines, 1):
        key.cell(i, 1, a)
        if b:
            key.cell(i, 2, b)
    key["A1"].font = Font(bold=True, size=13)
    key["A13"].font = Font(bold=True)
    key["A14"].fill = YELLOW
    key["A15"].fill = GREY
    key.column_dimensions["A"].width = 20
    key.column_dimensions["B"].width = 90

    ws = wb.create_sheet("Audit data")
    ws["A1"] = "Interventional Radiology – Vertebral augmentation audit 2018-2022"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "PATIENT DETAILS"
    ws["A2"].font = Font(bold=True)
    HR = 3
    for h, ci in PC.items():
        cell = ws.cell(HR, ci, h)
        cell.font = Font(bold=True)
        cell.fill = HEAD
        cell.alignment = Alignment(wrap_text=True)
    idents = []
    prow = {}
    r = HR + 1
    nhs_used = set()
    name_used = set()
    for p in pats:
        prow[p["pid"]] = r
        fem = p["sex"] == "female"
        while True:
            sur, fore = str(rng.choice(SURN)), str(rng.choice(F_FIRST if fem else M_FIRST))
            if (sur, fore) not in name_used:
                name_used.add((sur, fore))
                break
        hosp = f"S{int(rng.integers(1000000, 9999999))}"
        while True:
            nhs = f"{int(rng.integers(400, 700))} {int(rng.integers(100, 1000))} {int(rng.integers(1000, 10000))}"
            if nhs not in nhs_used:
                nhs_used.add(nhs)
                break
        dob = p["birth"].strftime("%d/%m/%Y")
        idents += [["name", sur], ["name", fore], ["record_number", hosp], ["other", nhs], ["birth_date", dob]]
        v = {"Study No": p["pid"], "Hosp No": hosp, "NHS No": nhs, "Surname": sur.upper(), "Forename": fore,
             "DOB": dob, "Sex": "F" if fem else "M", "Age at 1st proc": p["age"],
             "Aetiology": AET[p["detail"]], "Died (Y/N)": "Y" if p["died"] == "yes" else "N"}
        idents[-5][1] = sur.upper()
        if p["fx"]:
            v["New # (level)"] = " + ".join(l for _, l in p["fx"])
            v["New # date"] = (p["d0"] + dt.timedelta(days=p["fx"][0][0])).strftime("%d/%m/%Y")
        for h, val in v.items():
            ws.cell(r, PC[h], val)
        if p["died"] == "yes":
            ws.cell(r, PC["Date of death"], p["d0"] + dt.timedelta(days=p["death_day"])).number_format = DF
        r += 1
    r += 3
    ws.cell(r, 1, "PROCEDURES (one line per vertebral level, in date order)").font = Font(bold=True)
    r += 1
    for h, ci in QC.items():
        cell = ws.cell(r, ci, h)
        cell.font = Font(bold=True)
        cell.fill = HEAD
        cell.alignment = Alignment(wrap_text=True)
    r += 1
    sess = [(s["date"], p, si, s) for p in pats for si, s in enumerate(p["sessions"], 1)]
    sess.sort(key=lambda t: (t[0], t[1]["pid"]))
    qrow = {}
    for d, p, si, s in sess:
        incomplete = False
        for j, x in enumerate(s["levels"]):
            qrow[(p["pid"], si, j)] = r
            ws.cell(r, QC["Study No"], p["pid"])
            ws.cell(r, QC["Date"], d).number_format = DF
            ws.cell(r, QC["Proc"], "KP" if s["tech"] == "kyphoplasty" else "VP")
            ws.cell(r, QC["Level"], x["level"])
            ws.cell(r, QC["Cement (ml)"], x["vol"])
            ws.cell(r, QC["Cement type"], s["brand"])
            ws.cell(r, QC["Leak (Y/N)"], "Y" if x["leak"] else "N")
            if x["leak"]:
                ws.cell(r, QC["Leak site"], " + ".join(LEAK_EN[z] for z in x["leak"]))
            if j == 0:
                for tp, h in VAS:
                    if (si, tp) in p["pain"]:
                        ws.cell(r, QC[h], int(round(p["pain"][(si, tp)] * 10)))
                    else:
                        incomplete = True
                        if p["death_day"] is not None and s["day"] + TP_DAYS[tp] + TP_JIT[tp] + 1 >= p["death_day"]:
                            ws.cell(r, QC[h], "died")
                        else:
                            ws.cell(r, QC[h], [None, "DNA", "N/A"][int(rng.choice(3, p=[.3, .5, .2]))])
                if si == 2:
                    ws.cell(r, QC["Comments"], "repeat procedure – new level" if p["fx"] else "staged 2nd level")
            r += 1
        if incomplete or p["died"] == "yes":
            fill = GREY if p["died"] == "yes" else YELLOW
            for rr in range(r - len(s["levels"]), r):
                for ci in range(1, len(QH) + 1):
                    ws.cell(rr, ci).fill = fill
    for p in pats:
        if p["died"] == "yes":
            for ci in range(1, len(PH) + 1):
                ws.cell(prow[p["pid"]], ci).fill = GREY
    for i in range(1, 14):
        ws.column_dimensions[get_column_letter(i)].width = 13

    errors = []

    def plant(row, col, h, value, what, pid):
        ws.cell(row, col).value = value
        errors.append(dict(sheet=ws.title, cell=f"{get_column_letter(col)}{row}", row=row, header=h,
                           value=str(value), what=what, pid=pid))

    order = [pats[j] for j in rng.permutation(N)]
    used = set()

    def take(cond):
        for p in order:
            if p["pid"] not in used and cond(p):
                used.add(p["pid"])
                return p
        raise RuntimeError("no candidate")

    p = take(lambda p: "T12" in [x["level"] for x in p["sessions"][0]["levels"]])
    j = [x["level"] for x in p["sessions"][0]["levels"]].index("T12")
    plant(qrow[(p["pid"], 1, j)], QC["Level"], "Level", "T13", "impossible vertebral level (T13)", p["pid"])
    p = take(lambda p: (1, "6w") in p["pain"])
    plant(qrow[(p["pid"], 1, 0)], QC["VAS 6/52"], "VAS 6/52", 140, "VAS 140 mm on a 0-100 mm scale", p["pid"])
    p = take(lambda p: len(p["sessions"][0]["levels"]) == 1)
    cell_r = qrow[(p["pid"], 1, 0)]
    plant(cell_r, QC["Date"], "Date", f"30/02/{p['d0'].year}", "impossible date (30 February), typed as text", p["pid"])
    p = take(lambda p: True)
    plant(prow[p["pid"]], PC["Age at 1st proc"], "Age at 1st proc", 207, "age 207 is impossible", p["pid"])
    p = take(lambda p: True)
    plant(qrow[(p["pid"], 1, 0)], QC["Cement (ml)"], "Cement (ml)", "tbc",
          "cement volume never filled in ('tbc' in a number column)", p["pid"])

    save_xlsx(wb, os.path.join(out, "input.xlsx"))
    write_truth(out, pats, errors, idents)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
