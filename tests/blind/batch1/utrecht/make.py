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
"""Utrecht: one row per treated vertebra, Dutch, two header rows with merged
group cells, patient-level and session-level cells merged vertically.

Run:  python make.py OUTDIR
"""
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.utils import get_column_letter

SEED = 303
N = 22
GROUPS = [("Patiënt", ["Studienr", "Geslacht", "Leeftijd", "Oorzaak"]),
          ("Procedure", ["Ingreep", "Datum", "Techniek", "Niveau", "Cement (ml)", "Cementsoort",
                         "Lekkage"]),
          ("VAS", ["voor", "1 wk", "6 mnd"]),
          ("Follow-up", ["Nieuwe fractuur", "Niveau", "Datum", "Overleden"]),
          ("", ["Opmerkingen"])]
COLS = []
for g, hs in GROUPS:
    for h in hs:
        COLS.append((g, h))
C = {gh: i + 1 for i, gh in enumerate(COLS)}
OORZAAK = {"osteoporosis": ["osteoporose"], "trauma": ["trauma", "trauma (val)"],
           "hemangioma": ["hemangioom"], "met:breast": ["metastase (mamma)"],
           "met:lung": ["metastase (long)"], "met:prostate": ["metastase (prostaat)"],
           "met:kidney": ["metastase (nier)"], "myeloma": ["multipel myeloom", "M. Kahler"],
           "lymphoma": ["lymfoom"]}
LEAK_NL = {"disc": "discus", "venous": "veneus", "paravertebral": "paravertebraal",
           "epidural": "epiduraal", "foraminal": "foraminaal"}
OPM = ["", "", "", "", "", "pijn bij mobiliseren", "fysio thuis", "CT-controle gb",
       "korset gestopt", "opname 2 dgn"]


def lv_nl(l):
    return "Th" + l[1:] if l[0] == "T" else l


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)
    c = dict(pid=lambda i: f"tmp{i}", lo=dt.date(2017, 3, 1), hi=dt.date(2022, 3, 31),
             techs={"vertebroplasty": .85, "kyphoplasty": .15},
             brands=[("Osteopal V", "PMMA", ("vertebroplasty", "kyphoplasty"), 4),
                     ("Vertecem V+", "PMMA", ("vertebroplasty",), 2),
                     ("Cortoss", "Cortoss", ("vertebroplasty",), 1),
                     ("Kyphon HV-R", "PMMA", ("kyphoplasty",), 2)],
             tps=["pre", "1w", "6m"], tps2=["pre", "1w", "6m"], p_s2=.22, vol_step=.5, p_leak=.25)
    pats = make_cohort(rng, N, c)
    pats.sort(key=lambda p: p["d0"])
    for k, p in enumerate(pats):
        p["pid"] = f"PVP-{k + 1:03d}"

    wb = Workbook()
    ws = wb.active
    ws.title = "PVP database"
    ws["A1"] = "Afdeling Radiologie – Percutane vertebroplastiek (PVP) – onderzoeksdatabase"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "bijgewerkt: 3-10-2023 (MvdB)   –   VAS 0-10; cement in ml per wervel"
    ws["A2"].font = Font(italic=True, size=9)
    G, S = 3, 4
    fills = {"Patiënt": "DDEBF7", "Procedure": "E2EFDA", "VAS": "FFF2CC", "Follow-up": "FCE4D6", "": "EDEDED"}
    col = 1
    for g, hs in GROUPS:
        c0, c1 = col, col + len(hs) - 1
        ws.cell(G, c0, g or None)
        if c1 > c0:
            ws.merge_cells(start_row=G, start_column=c0, end_row=G, end_column=c1)
        for j, h in enumerate(hs):
            cell = ws.cell(S, c0 + j, h)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=fills[g])
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.cell(G, c0).font = Font(bold=True)
        ws.cell(G, c0).alignment = Alignment(horizontal="center")
        ws.cell(G, c0).fill = PatternFill("solid", fgColor=fills[g])
        col = c1 + 1
    ws.freeze_panes = "B5"
    DF = "d-m-yyyy"
    thin = Side(style="thin", color="999999")

    def put(r, gh, v, fmt=None):
        cell = ws.cell(r, C[gh], v)
        if fmt:
            cell.number_format = fmt
        cell.alignment = Alignment(vertical="top")
        return cell

    def merge(gh, r0, r1):
        if r1 > r0:
            ws.merge_cells(start_row=r0, start_column=C[gh], end_row=r1, end_column=C[gh])

    r = S + 1
    at = {}             # (pid, session, level) -> row ; (pid, session) -> first row ; pid -> first row
    for p in pats:
        pr0 = r
        at[p["pid"]] = r
        for si, s in enumerate(p["sessions"], 1):
            sr0 = r
            at[(p["pid"], si)] = r
            for x in s["levels"]:
                at[(p["pid"], si, x["level"])] = r
                put(r, ("Patiënt", "Studienr"), p["pid"])
                put(r, ("Procedure", "Niveau"), lv_nl(x["level"]))
                put(r, ("Procedure", "Cement (ml)"), x["vol"])
                put(r, ("Procedure", "Lekkage"),
                    "nee" if not x["leak"] else " + ".join(LEAK_NL[z] for z in x["leak"]))
                r += 1
            sr1 = r - 1
            put(sr0, ("Procedure", "Ingreep"), si)
            put(sr0, ("Procedure", "Datum"), s["date"], DF)
            put(sr0, ("Procedure", "Techniek"), "BKP" if s["tech"] == "kyphoplasty" else "PVP")
            put(sr0, ("Procedure", "Cementsoort"), s["brand"])
            for tp, h in [("pre", "voor"), ("1w", "1 wk"), ("6m", "6 mnd")]:
                if (si, tp) in p["pain"]:
                    v = int(p["pain"][(si, tp)])
                elif p["death_day"] is not None and s["day"] + TP_DAYS[tp] + TP_JIT[tp] + 1 >= p["death_day"]:
                    v = "overl."
                else:
                    v = [None, "-", "n.v."][int(rng.choice(3, p=[.3, .4, .3]))]
                put(sr0, ("VAS", h), v)
            for gh in [("Procedure", "Ingreep"), ("Procedure", "Datum"), ("Procedure", "Techniek"),
                       ("Procedure", "Cementsoort"), ("VAS", "voor"), ("VAS", "1 wk"), ("VAS", "6 mnd")]:
                merge(gh, sr0, sr1)
        pr1 = r - 1
        put(pr0, ("Patiënt", "Geslacht"), "vrouw" if p["sex"] == "female" else "man")
        put(pr0, ("Patiënt", "Leeftijd"), p["age"])
        put(pr0, ("Patiënt", "Oorzaak"), str(rng.choice(OORZAAK[p["detail"]])))
        if p["fx"]:
            put(pr0, ("Follow-up", "Nieuwe fractuur"), "ja")
            put(pr0, ("Follow-up", "Niveau"), ", ".join(lv_nl(l) for _, l in p["fx"]))
            put(pr0, ("Follow-up", "Datum"), p["d0"] + dt.timedelta(days=p["fx"][0][0]), DF)
        else:
            put(pr0, ("Follow-up", "Nieuwe fractuur"), "nee")
        put(pr0, ("Follow-up", "Overleden"), "ja" if p["died"] == "yes" else "nee")
        o = str(rng.choice(OPM))
        if len(p["sessions"]) > 1:
            o = "2e PVP: nieuwe fractuur" if p["fx"] and p["fx"][0][1] == p["sessions"][1]["levels"][0]["level"] \
                else "2e ingreep (gepland)"
        put(pr0, ("", "Opmerkingen"), o or None)
        for gh in [("Patiënt", "Geslacht"), ("Patiënt", "Leeftijd"), ("Patiënt", "Oorzaak"),
                   ("Follow-up", "Nieuwe fractuur"), ("Follow-up", "Niveau"), ("Follow-up", "Datum"),
                   ("Follow-up", "Overleden"), ("", "Opmerkingen")]:
            merge(gh, pr0, pr1)
        for ci in range(1, len(COLS) + 1):
            ws.cell(pr1, ci).border = Border(bottom=thin)
    widths = [10, 9, 9, 20, 8, 11, 9, 8, 10, 12, 16, 7, 7, 7, 10, 9, 11, 10, 24]
    for i, wd in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = wd

    errors = []

    def plant(row, gh, value, what, pid):
        ws.cell(row, C[gh]).value = value
        errors.append(dict(sheet=ws.title, cell=f"{get_column_letter(C[gh])}{row}", row=row,
                           header=gh[1], value=str(value), what=what, pid=pid))

    order = [pats[j] for j in rng.permutation(N)]
    used = set()

    def take(cond):
        for p in order:
            if p["pid"] not in used and cond(p):
                used.add(p["pid"])
                return p
        raise RuntimeError("no candidate")

    p = take(lambda p: p["sessions"][0]["levels"][-1]["level"] in ("L4", "L5", "L3"))
    lv = p["sessions"][0]["levels"][-1]["level"]
    plant(at[(p["pid"], 1, lv)], ("Procedure", "Niveau"), "L7", "impossible vertebral level (L7)", p["pid"])
    p = take(lambda p: True)
    plant(at[(p["pid"], 1, p["sessions"][0]["levels"][0]["level"])], ("Procedure", "Cement (ml)"), 40,
          "40 ml cement in a single vertebra is implausible", p["pid"])
    p = take(lambda p: (1, "pre") in p["pain"])
    plant(at[(p["pid"], 1)], ("VAS", "voor"), 15, "VAS 15 on a 0-10 scale", p["pid"])
    p = take(lambda p: True)
    plant(at[p["pid"]], ("Patiënt", "Leeftijd"), 190, "age 190 is impossible", p["pid"])
    p = take(lambda p: len(p["sessions"]) == 1)
    plant(at[(p["pid"], 1)], ("Procedure", "Datum"), f"30-02-{p['d0'].year}",
          "impossible date (30 February), typed as text", p["pid"])

    save_xlsx(wb, os.path.join(out, "input.xlsx"))
    write_truth(out, pats, errors, [])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
