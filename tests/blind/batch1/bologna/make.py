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
"""Bologna: one row per patient (wide), Italian; levels in one cell ("D12-L1"),
per-level cement volumes in one cell ("3,5 + 4"), second intervention in its own
columns, VAS pre / a 1 mese / a 6 mesi.

Run:  python make.py OUTDIR
"""
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

SEED = 711
N = 21
H = ["Codice paziente nello studio", "Sesso", "Età (anni)", "Eziologia", "Data intervento", "Tecnica",
     "Livelli trattati", "Volume cemento (ml)", "Cemento", "Stravaso", "VAS pre", "VAS a 1 mese",
     "VAS a 6 mesi", "2° intervento", "Data 2° intervento", "Livelli 2° int.", "Tecnica 2° int.",
     "Volume 2° int. (ml)", "Nuove fratture", "Data nuova frattura", "Decesso", "Note"]
COL = {h: i + 1 for i, h in enumerate(H)}
EZIO = {"osteoporosis": ["osteoporosi", "osteoporosi", "crollo osteoporotico"],
        "trauma": ["traumatica", "trauma (caduta)"], "hemangioma": ["angioma aggressivo"],
        "met:breast": ["metastasi (mammella)"], "met:lung": ["metastasi (polmone)"],
        "met:prostate": ["metastasi (prostata)"], "met:kidney": ["metastasi (rene)"],
        "myeloma": ["mieloma", "mieloma multiplo"], "lymphoma": ["linfoma"]}
LEAK_IT = {"disc": "discale", "venous": "venoso", "paravertebral": "paravertebrale",
           "epidural": "epidurale", "foraminal": "foraminale"}
NOTE = ["", "", "", "", "busto per 4 settimane", "biopsia contestuale", "controllo telefonico a 6 mesi",
        "RSA", "in terapia con denosumab", ""]
DF = "dd/mm/yyyy"


def lv_it(l, dorsal=True):
    if l[0] == "T":
        return ("D" if dorsal else "T") + l[1:]
    return l


def levels_it(levels, dorsal):
    idx = [LIDX[l] for l in levels]
    if all(b - a == 1 for a, b in zip(idx, idx[1:])):
        return "-".join(lv_it(l, dorsal) for l in levels)
    return ", ".join(lv_it(l, dorsal) for l in levels)


def vol_it(v):
    return f"{v:g}".replace(".", ",")


def tech_it(t, rng):
    if t == "kyphoplasty":
        return str(rng.choice(["cifoplastica", "cifoplastica con palloncino", "CP"]))
    return str(rng.choice(["vertebroplastica", "VP", "vertebroplastica"]))


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)
    c = dict(pid=lambda i: f"tmp{i}", lo=dt.date(2018, 2, 1), hi=dt.date(2022, 5, 31),
             techs={"vertebroplasty": .7, "kyphoplasty": .3},
             brands=[("Mendec Spine", "PMMA", ("vertebroplasty",), 3),
                     ("Osteopal V", "PMMA", ("vertebroplasty", "kyphoplasty"), 2),
                     ("Kyphon HV-R", "PMMA", ("kyphoplasty",), 2),
                     ("Confidence", "PMMA", ("vertebroplasty",), 1)],
             tps=["pre", "1m", "6m"], tps2=None, p_s2=.25, vol_step=.5, p_leak=.22)
    pats = make_cohort(rng, N, c)
    pats.sort(key=lambda p: p["d0"])
    for k, p in enumerate(pats):
        p["pid"] = f"BO-{k + 1:02d}"
        for s in p["sessions"][1:]:
            s["cement"] = None             # cement of the 2nd intervention not recorded
            for x in s["levels"]:
                x["leak"] = None           # nor its leakage

    wb = Workbook()
    ws = wb.active
    ws.title = "Registro"
    ws["A1"] = "U.O. Neuroradiologia Interventistica – Ospedale San Petronio, Bologna"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Registro vertebroplastiche / cifoplastiche 2018-2022 (aggiornato a dicembre 2023)"
    ws["A2"].font = Font(italic=True)
    HR = 4
    for h, ci in COL.items():
        cell = ws.cell(HR, ci, h)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="2F5597")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[HR].height = 32
    ws.freeze_panes = "B5"
    rowof = {}
    r = HR + 1
    for p in pats:
        rowof[p["pid"]] = r
        dorsal = rng.random() < .85
        fem = p["sex"] == "female"
        s1 = p["sessions"][0]
        v = {"Codice paziente nello studio": p["pid"], "Sesso": "F" if fem else "M",
             "Età (anni)": p["age"], "Eziologia": str(rng.choice(EZIO[p["detail"]])),
             "Tecnica": tech_it(s1["tech"], rng),
             "Livelli trattati": levels_it([x["level"] for x in s1["levels"]], dorsal),
             "Cemento": s1["brand"]}
        vols = [x["vol"] for x in s1["levels"]]
        v["Volume cemento (ml)"] = vols[0] if len(vols) == 1 and rng.random() < .5 else " + ".join(vol_it(x) for x in vols)
        lk = [x for x in s1["levels"] if x["leak"]]
        if not lk:
            v["Stravaso"] = "no"
        elif len(s1["levels"]) == 1:
            v["Stravaso"] = "sì (" + ", ".join(LEAK_IT[z] for z in lk[0]["leak"]) + ")"
        else:
            v["Stravaso"] = "sì – " + "; ".join(
                f"{lv_it(x['level'], dorsal)} " + " e ".join(LEAK_IT[z] for z in x["leak"]) for x in lk)
        for tp, h in [("pre", "VAS pre"), ("1m", "VAS a 1 mese"), ("6m", "VAS a 6 mesi")]:
            if (1, tp) in p["pain"]:
                v[h] = int(p["pain"][(1, tp)])
            elif p["death_day"] is not None and TP_DAYS[tp] + TP_JIT[tp] + 1 >= p["death_day"]:
                v[h] = "deceduta" if fem else "deceduto"
            else:
                v[h] = [None, "n.d.", "-", "persa al FU"][int(rng.choice(4, p=[.2, .4, .2, .2]))]
        note = str(rng.choice(NOTE))
        if len(p["sessions"]) > 1:
            s2 = p["sessions"][1]
            v["2° intervento"] = "sì"
            v["Livelli 2° int."] = levels_it([x["level"] for x in s2["levels"]], dorsal)
            v["Tecnica 2° int."] = tech_it(s2["tech"], rng)
            v["Volume 2° int. (ml)"] = " + ".join(vol_it(x["vol"]) for x in s2["levels"])
            if p["fx"] and p["fx"][0][1] == s2["levels"][0]["level"]:
                note = "2° intervento per nuova frattura"
        else:
            v["2° intervento"] = "no"
        v["Nuove fratture"] = ", ".join(lv_it(l, dorsal) for _, l in p["fx"]) if p["fx"] else "no"
        v["Decesso"] = "sì" if p["died"] == "yes" else "no"
        v["Note"] = note or None
        for h, val in v.items():
            ws.cell(r, COL[h], val)
        ws.cell(r, COL["Data intervento"], s1["date"]).number_format = DF
        if len(p["sessions"]) > 1:
            ws.cell(r, COL["Data 2° intervento"], p["sessions"][1]["date"]).number_format = DF
        if p["fx"]:
            ws.cell(r, COL["Data nuova frattura"], p["d0"] + dt.timedelta(days=p["fx"][0][0])).number_format = DF
        r += 1
    ws.cell(r + 1, 1, "n.d. = non disponibile; persa al FU = persa al follow-up; D = vertebra dorsale; "
                      "volumi in ml per ciascun livello, nello stesso ordine dei livelli").font = Font(italic=True, size=9)
    widths = [16, 7, 8, 22, 12, 16, 14, 14, 13, 24, 8, 8, 8, 9, 12, 11, 14, 12, 12, 12, 8, 28]
    for i, wd in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = wd

    errors = []

    def plant(p, h, value, what):
        row = rowof[p["pid"]]
        ws.cell(row, COL[h]).value = value
        errors.append(dict(sheet=ws.title, cell=f"{get_column_letter(COL[h])}{row}", row=row, header=h,
                           value=str(value), what=what, pid=p["pid"]))

    order = [pats[j] for j in rng.permutation(N)]
    used = set()

    def take(cond):
        for p in order:
            if p["pid"] not in used and cond(p):
                used.add(p["pid"])
                return p
        raise RuntimeError("no candidate")

    p = take(lambda p: any(x["level"] in ("T12", "T11") for x in p["sessions"][0]["levels"]))
    cur = ws.cell(rowof[p["pid"]], COL["Livelli trattati"]).value
    bad = cur.replace("12", "13", 1) if "12" in cur else cur.replace("11", "13", 1)
    plant(p, "Livelli trattati", bad, "impossible vertebral level (13th thoracic vertebra)")
    p = take(lambda p: len(p["sessions"][0]["levels"]) >= 2)
    vols = [vol_it(x["vol"]) for x in p["sessions"][0]["levels"]]
    vols[-1] = "40"
    plant(p, "Volume cemento (ml)", " + ".join(vols), "40 ml of cement in one vertebra is implausible")
    p = take(lambda p: (1, "1m") in p["pain"])
    plant(p, "VAS a 1 mese", 12, "VAS 12 on a 0-10 scale")
    p = take(lambda p: True)
    plant(p, "Data intervento", f"31/11/{p['d0'].year}", "impossible date (31 November), typed as text")

    save_xlsx(wb, os.path.join(out, "input.xlsx"))
    write_truth(out, pats, errors, [])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
