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
"""Hamburg: one row per patient (wide), German, openpyxl workbook.

Run:  python make.py OUTDIR
"""
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

SEED = 101
N = 34
F_FIRST = ["Renate", "Ursula", "Helga", "Ingrid", "Gisela", "Monika", "Brigitte", "Karin",
           "Erika", "Hannelore", "Elke", "Christa", "Anneliese", "Margret", "Waltraud", "Sigrid"]
M_FIRST = ["Heinz", "Klaus", "Günter", "Werner", "Manfred", "Dieter", "Horst", "Jürgen",
           "Uwe", "Peter", "Hans-Jürgen", "Rolf"]
LAST = ["Schulz", "Petersen", "Hansen", "Jensen", "Möller", "Schröder", "Lüders", "Meyer",
        "Krüger", "Brandt", "Wulf", "Thiessen", "Claußen", "Böttcher", "Harms", "Timm",
        "Rathje", "Stüben", "Voß", "Kock", "Lembke", "Ehlers", "Dittmer", "Gerdes"]

H = ["Lfd. Nr.", "Studien-Nr.", "Name, Vorname", "Geb.-Datum", "Pat.-Nr.", "Geschlecht", "Alter",
     "Diagnose", "OP-Datum", "Verfahren", "Höhe 1", "Vol. 1 (ml)", "Höhe 2", "Vol. 2 (ml)",
     "Höhe 3", "Vol. 3 (ml)", "Zement", "Zementaustritt", "VAS prä-OP", "VAS post-OP (1 Tag)",
     "VAS 6 Wo", "VAS 3 Mon", "2. Eingriff Datum", "2. Eingriff Höhe(n)", "2. Eingriff Verfahren",
     "2. Eingriff Zement", "Vol", "Neue Fraktur Höhe", "Neue Fraktur Datum", "verstorben",
     "Bemerkung"]
COL = {h: i + 1 for i, h in enumerate(H)}
VAS_COLS = [("pre", "VAS prä-OP"), ("24h", "VAS post-OP (1 Tag)"), ("6w", "VAS 6 Wo"),
            ("3m", "VAS 3 Mon")]
LEAK_DE = {"disc": "Bandscheibe", "venous": "venös", "paravertebral": "paravertebral",
           "epidural": "epidural", "foraminal": "Foramen"}
ETIO_DE = {"osteoporosis": ["Osteoporose", "osteoporot. Fraktur", "Osteoporose"],
           "trauma": ["Trauma (Sturz)", "traumatisch (Verkehrsunfall)", "Trauma (Sturz v. Leiter)"],
           "hemangioma": ["Hämangiom (aggressiv)"],
           "met:breast": ["Metastase (Mamma-Ca)"], "met:lung": ["Metastase (Bronchial-Ca)"],
           "met:prostate": ["Metastase (Prostata-Ca)"], "met:kidney": ["Metastase (Nierenzell-Ca)"],
           "myeloma": ["Plasmozytom", "Multiples Myelom"], "lymphoma": ["NHL-Infiltration"]}
BEM = ["", "", "", "", "Biopsie intraop.", "Kontrollen extern (Hausarzt)", "Pat. im Pflegeheim",
       "Cave: Marcumar", "Korsett für 6 Wo", ""]


def lvl(l, rng):
    if l[0] == "T":
        return l.replace("T", "Th") if rng.random() < .8 else "BWK " + l[1:]
    return l if rng.random() < .8 else "LWK " + l[1:]


def tech_de(t, rng):
    if t == "kyphoplasty":
        return str(rng.choice(["BKP", "Kyphoplastie", "Ballonkyphoplastie", "BKP"]))
    return str(rng.choice(["VP", "Vertebroplastie"]))


def brand_de(b, rng):
    if b == "Vertecem V+":
        return str(rng.choice(["Vertecem", "Vertecem V+"]))
    return b


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)
    c = dict(pid=lambda i: f"tmp{i}", lo=dt.date(2018, 1, 8), hi=dt.date(2022, 6, 30),
             techs={"kyphoplasty": .65, "vertebroplasty": .35},
             brands=[("Vertecem V+", "PMMA", ("vertebroplasty",), 3),
                     ("Osteopal V", "PMMA", ("vertebroplasty", "kyphoplasty"), 3),
                     ("KyphOs FS", "calcium phosphate", ("kyphoplasty",), 2),
                     ("Confidence", "PMMA", ("vertebroplasty",), 1.5),
                     ("Kyphon HV-R", "PMMA", ("kyphoplasty",), 2)],
             tps=["pre", "24h", "6w", "3m"], tps2=None, p_s2=.2, vol_step=.5, p_leak=.2)
    pats = make_cohort(rng, N, c)
    pats.sort(key=lambda p: p["d0"])          # register kept in order of the index OP
    for k, p in enumerate(pats):
        p["pid"] = f"HH-{k + 1:03d}"
        # the second session: only date, levels, technique, brand and one volume
        for s in p["sessions"][1:]:
            s["vol_mode"] = "total"
            for x in s["levels"]:
                x["leak"] = None               # leakage of the 2nd session not documented
    # a few unrecorded fields
    idx = rng.permutation(N)
    pats[idx[0]]["sex"] = None
    for j in idx[1:3]:
        for x in pats[j]["sessions"][0]["levels"]:
            x["leak"] = None
    alive = [p for p in pats if p["died"] == "no"]
    alive[int(rng.integers(0, len(alive)))]["died"] = None

    wb = Workbook()
    ws = wb.active
    ws.title = "VP-KP 2018-2022"
    ws["A1"] = "Klinik für Unfallchirurgie und Orthopädie – Wirbelsäulenzentrum Hamburg-Nord"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Datenbank Zementaugmentation (Vertebro-/Kyphoplastie) – Stand 11/2023 – bitte nicht sortieren!"
    ws["A2"].font = Font(italic=True)
    HR = 4
    for h, ci in COL.items():
        cell = ws.cell(HR, ci, h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "C5"
    idents = []
    used_names = set()
    rowof = {}
    r = HR + 1
    DF = "DD.MM.YYYY"

    def put(row, h, v, fmt=None):
        cell = ws.cell(row, COL[h], v)
        if fmt:
            cell.number_format = fmt
        return cell

    for k, p in enumerate(pats):
        rowof[p["pid"]] = r
        s1 = p["sessions"][0]
        put(r, "Lfd. Nr.", k + 1)
        put(r, "Studien-Nr.", p["pid"])
        while True:
            fn = str(rng.choice(F_FIRST if p["sex"] != "male" else M_FIRST))
            nm = f"{rng.choice(LAST)}, {fn}"
            if nm not in used_names:
                used_names.add(nm)
                break
        put(r, "Name, Vorname", nm)
        put(r, "Geb.-Datum", p["birth"], DF)
        patnr = str(40000000 + int(rng.integers(100000, 999999)))
        put(r, "Pat.-Nr.", patnr)
        idents += [["name", nm], ["birth_date", p["birth"].strftime("%d.%m.%Y")], ["record_number", patnr]]
        if p["sex"] is None:
            sx = "k.A."
        elif rng.random() < .75:
            sx = "w" if p["sex"] == "female" else "m"
        else:
            sx = "weibl." if p["sex"] == "female" else "männl."
        put(r, "Geschlecht", sx)
        put(r, "Alter", f"{p['age']} J." if rng.random() < .85 else p["age"])
        put(r, "Diagnose", str(rng.choice(ETIO_DE[p["detail"]])))
        if rng.random() < .08:
            put(r, "OP-Datum", s1["date"].strftime("%d.%m.%Y"))   # typed as text
        else:
            put(r, "OP-Datum", s1["date"], DF)
        put(r, "Verfahren", tech_de(s1["tech"], rng))
        for j, x in enumerate(s1["levels"], 1):
            put(r, f"Höhe {j}", lvl(x["level"], rng))
            v = x["vol"]
            put(r, f"Vol. {j} (ml)", (f"{v:.1f}".replace(".", ",") if rng.random() < .1 else v))
        put(r, "Zement", brand_de(s1["brand"], rng))
        lk = [x for x in s1["levels"] if x["leak"]]
        if s1["levels"][0]["leak"] is None:
            put(r, "Zementaustritt", "k.A.")
        elif not lk:
            put(r, "Zementaustritt", "nein")
        elif len(s1["levels"]) == 1:
            put(r, "Zementaustritt", "ja, " + " + ".join(LEAK_DE[s] for s in lk[0]["leak"]))
        else:
            put(r, "Zementaustritt", "; ".join(
                f"{lvl(x['level'], rng)}: " + " + ".join(LEAK_DE[s] for s in x["leak"]) for x in lk))
        for tp, h in VAS_COLS:
            if (1, tp) in p["pain"]:
                put(r, h, int(p["pain"][(1, tp)]))
            elif p["death_day"] is not None and TP_DAYS[tp] + TP_JIT[tp] + 1 >= p["death_day"]:
                put(r, h, "†")
            else:
                put(r, h, [None, "n.e.", "k.A."][int(rng.choice(3, p=[.4, .4, .2]))])
        bem = str(rng.choice(BEM))
        if len(p["sessions"]) > 1:
            s2 = p["sessions"][1]
            put(r, "2. Eingriff Datum", s2["date"], DF)
            put(r, "2. Eingriff Höhe(n)", " + ".join(lvl(x["level"], rng) for x in s2["levels"]))
            put(r, "2. Eingriff Verfahren", tech_de(s2["tech"], rng))
            put(r, "2. Eingriff Zement", brand_de(s2["brand"], rng))
            tot = round(sum(x["vol"] for x in s2["levels"]), 1)
            put(r, "Vol", tot)
            if p["fx"] and p["fx"][0][1] == s2["levels"][0]["level"]:
                bem = "2. Eingriff wg. Anschlussfraktur"
        if p["fx"]:
            put(r, "Neue Fraktur Höhe", " + ".join(lvl(l, rng) for _, l in p["fx"]))
            put(r, "Neue Fraktur Datum", p["d0"] + dt.timedelta(days=p["fx"][0][0]), DF)
        elif rng.random() < .3:
            put(r, "Neue Fraktur Höhe", "nein")
        if p["died"] == "yes":
            put(r, "verstorben", p["d0"] + dt.timedelta(days=p["death_day"]), DF)
        elif p["died"] == "no":
            put(r, "verstorben", "nein")
        else:
            put(r, "verstorben", "k.A.")
        put(r, "Bemerkung", bem or None)
        r += 1
    last = r - 1
    ws.cell(last + 2, 1, "Legende: n.e. = nicht erhoben; k.A. = keine Angabe; † = vor Kontrolltermin verstorben; "
                         "Vol. in ml je Wirbelkörper, beim 2. Eingriff Gesamtmenge").font = Font(italic=True, size=9)
    for ci in range(1, len(H) + 1):
        ws.column_dimensions[get_column_letter(ci)].width = 12
    ws.column_dimensions["C"].width = 22
    ws.column_dimensions["H"].width = 24
    ws.column_dimensions["R"].width = 26

    # ---- planted errors -------------------------------------------------
    errors = []
    sheet = ws.title

    def plant(p, h, value, what):
        row = rowof[p["pid"]]
        ws.cell(row, COL[h]).value = value
        errors.append(dict(sheet=sheet, cell=f"{get_column_letter(COL[h])}{row}", row=row, header=h,
                           value=str(value), what=what, pid=p["pid"]))

    order = [pats[j] for j in rng.permutation(N)]
    used = set()

    def take(cond):
        for p in order:
            if p["pid"] not in used and cond(p):
                used.add(p["pid"])
                return p
        raise RuntimeError("no candidate")

    p = take(lambda p: len(p["sessions"][0]["levels"]) >= 2)
    plant(p, f"Höhe {len(p['sessions'][0]['levels'])}", "L7", "impossible vertebral level (there is no L7)")
    p = take(lambda p: True)
    plant(p, "Vol. 1 (ml)", 45, "45 ml of cement in one vertebra is implausible")
    p = take(lambda p: (1, "6w") in p["pain"])
    plant(p, "VAS 6 Wo", 14, "VAS 14 on a 0-10 scale")
    p = take(lambda p: True)
    plant(p, "Alter", "210 J.", "age 210 years is impossible")
    p = take(lambda p: len(p["sessions"]) > 1)
    plant(p, "2. Eingriff Datum", f"31.06.{p['sessions'][1]['date'].year}", "impossible date (31 June)")

    save_xlsx(wb, os.path.join(out, "input.xlsx"))
    write_truth(out, pats, errors, idents)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
