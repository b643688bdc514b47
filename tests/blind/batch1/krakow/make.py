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
"""Krakow: one row per session (several levels in one cell, one cement total per
session), Polish, dates as dd.mm.yyyy text, NRS pain.

Run:  python make.py OUTDIR
"""
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter

SEED = 404
N = 38
F_FIRST = ["Maria", "Krystyna", "Anna", "Barbara", "Teresa", "Danuta", "Zofia", "Halina",
           "Janina", "Irena", "Stanisława", "Elżbieta", "Helena", "Jadwiga"]
M_FIRST = ["Jan", "Stanisław", "Andrzej", "Józef", "Tadeusz", "Zbigniew", "Kazimierz",
           "Marian", "Henryk", "Władysław"]
LAST_F = ["Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowska",
          "Zielińska", "Szymańska", "Woźniak", "Dąbrowska", "Kozłowska", "Mazur", "Krawczyk",
          "Pawłowska", "Michalska", "Nowicka", "Wróbel"]
LAST_M = ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
          "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Mazur", "Krawczyk",
          "Jankowski", "Wojciechowski", "Kwiatkowski", "Grabowski"]
H = ["Lp.", "Nr badania", "Nazwisko i imię", "PESEL", "Nr hist. choroby", "Telefon", "Płeć", "Wiek",
     "Rozpoznanie", "Zabieg nr", "Data zabiegu", "Metoda", "Poziom(y)", "Cement [ml]",
     "Rodzaj cementu", "Wyciek cementu", "NRS przed", "NRS 24 h", "NRS 1 mies.", "NRS 6 mies.",
     "Nowe złamanie", "Poziom nowego złamania", "Data nowego złamania", "Zgon", "Uwagi"]
COL = {h: i + 1 for i, h in enumerate(H)}
NRS = [("pre", "NRS przed"), ("24h", "NRS 24 h"), ("1m", "NRS 1 mies."), ("6m", "NRS 6 mies.")]
ROZP = {"osteoporosis": ["złamanie osteoporotyczne", "osteoporoza", "złamanie osteoporotyczne"],
        "trauma": ["uraz (upadek)", "złamanie pourazowe"], "hemangioma": ["naczyniak trzonu"],
        "met:breast": ["przerzut (rak piersi)"], "met:lung": ["przerzut (rak płuca)"],
        "met:prostate": ["przerzut (rak prostaty)"], "met:kidney": ["przerzut (rak nerki)"],
        "myeloma": ["szpiczak mnogi"], "lymphoma": ["chłoniak"]}
LEAK_PL = {"disc": "krążek międzykręgowy", "venous": "naczynia żylne",
           "paravertebral": "tkanki przykręgowe", "epidural": "kanał kręgowy (nadtwardówkowo)",
           "foraminal": "otwór międzykręgowy"}
UWAGI = ["", "", "", "", "gorset 6 tyg.", "biopsja śródoperacyjna", "kontrola w poradni",
         "pacjentka z DPS", "kontrola telefoniczna", ""]


def lv_pl(l):
    return "Th" + l[1:] if l[0] == "T" else l


def levels_pl(levels, rng):
    idx = [LIDX[l] for l in levels]
    contiguous = all(b - a == 1 for a, b in zip(idx, idx[1:]))
    if len(levels) >= 3 and contiguous:
        return f"{lv_pl(levels[0])}-{lv_pl(levels[-1])}"
    if len(levels) == 2 and contiguous and rng.random() < .3:
        return f"{lv_pl(levels[0])}-{lv_pl(levels[1])}"
    return ", ".join(lv_pl(l) for l in levels)


def pesel(birth, female, rng):
    yy, mm, dd = birth.year % 100, birth.month + (20 if birth.year >= 2000 else 0), birth.day
    serial = int(rng.integers(100, 1000))
    sexd = int(rng.choice([0, 2, 4, 6, 8])) if female else int(rng.choice([1, 3, 5, 7, 9]))
    digits = f"{yy:02d}{mm:02d}{dd:02d}{serial:03d}{sexd}"
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    chk = (10 - sum(int(d) * k for d, k in zip(digits, w)) % 10) % 10
    return digits + str(chk)


def dpl(d):
    return d.strftime("%d.%m.%Y")


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)
    c = dict(pid=lambda i: f"tmp{i}", lo=dt.date(2019, 2, 1), hi=dt.date(2022, 10, 31),
             techs={"vertebroplasty": .7, "kyphoplasty": .3},
             brands=[("Osteopal V", "PMMA", ("vertebroplasty", "kyphoplasty"), 3),
                     ("Mendec Spine", "PMMA", ("vertebroplasty",), 3),
                     ("Vertecem V+", "PMMA", ("vertebroplasty",), 1),
                     ("Kyphon HV-R", "PMMA", ("kyphoplasty",), 2),
                     ("Cortoss", "Cortoss", ("vertebroplasty",), .7)],
             tps=["pre", "24h", "1m", "6m"], tps2=["pre", "24h", "1m", "6m"],
             p_s2=.2, vol_step=.5, p_leak=.2)
    pats = make_cohort(rng, N, c)
    pats.sort(key=lambda p: p["d0"])
    for k, p in enumerate(pats):
        p["pid"] = f"WP-{k + 1:03d}"
        for s in p["sessions"]:
            s["vol_mode"] = "total"

    wb = Workbook()
    ws = wb.active
    ws.title = "Zabiegi"
    for h, ci in COL.items():
        cell = ws.cell(1, ci, h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="C6E0B4")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "C2"
    idents, names = [], set()
    rowof = {}
    r, lp = 2, 1
    for p in pats:
        fem = p["sex"] == "female"
        while True:
            nm = f"{rng.choice(LAST_F if fem else LAST_M)} {rng.choice(F_FIRST if fem else M_FIRST)}"
            if nm not in names:
                names.add(nm)
                break
        pes = pesel(p["birth"], fem, rng)
        hist = f"{p['d0'].year}/{int(rng.integers(1000, 30000)):05d}"
        tel = (f"+48 {int(rng.integers(500, 800))} {int(rng.integers(100, 1000))} {int(rng.integers(100, 1000))}"
               if rng.random() < .7 else f"12 {int(rng.integers(200, 700))} {int(rng.integers(10, 100))} {int(rng.integers(10, 100))}")
        idents += [["name", nm], ["other", pes], ["record_number", hist], ["phone", tel]]
        if rng.random() < .7:
            sx = "K" if fem else "M"
        else:
            sx = "kobieta" if fem else "mężczyzna"
        rozp = str(rng.choice(ROZP[p["detail"]]))
        uw = str(rng.choice(UWAGI))
        for si, s in enumerate(p["sessions"], 1):
            rowof[(p["pid"], si)] = r
            v = {}
            v["Lp."] = lp
            v["Nr badania"] = p["pid"]
            v["Nazwisko i imię"] = nm
            v["PESEL"] = pes
            v["Nr hist. choroby"] = hist
            v["Telefon"] = tel
            v["Płeć"] = sx
            a = age_on(p["birth"], s["date"])
            v["Wiek"] = f"{a} lat" if rng.random() < .3 else a
            v["Rozpoznanie"] = rozp
            v["Zabieg nr"] = si
            v["Data zabiegu"] = dpl(s["date"])
            v["Metoda"] = (str(rng.choice(["KP", "kyfoplastyka balonowa"])) if s["tech"] == "kyphoplasty"
                           else str(rng.choice(["PV", "wertebroplastyka", "PV"])))
            lvls = [x["level"] for x in s["levels"]]
            v["Poziom(y)"] = levels_pl(lvls, rng)
            tot = round(sum(x["vol"] for x in s["levels"]), 1)
            v["Cement [ml]"] = (f"{tot:g}".replace(".", ",") + " ml") if rng.random() < .15 else tot
            v["Rodzaj cementu"] = s["brand"]
            lk = [x for x in s["levels"] if x["leak"]]
            if not lk:
                v["Wyciek cementu"] = "nie"
            elif len(s["levels"]) == 1:
                v["Wyciek cementu"] = "tak – " + ", ".join(LEAK_PL[z] for z in lk[0]["leak"])
            else:
                v["Wyciek cementu"] = "tak – " + "; ".join(
                    f"{lv_pl(x['level'])}: " + ", ".join(LEAK_PL[z] for z in x["leak"]) for x in lk)
            for tp, h in NRS:
                if (si, tp) in p["pain"]:
                    v[h] = int(p["pain"][(si, tp)])
                elif p["death_day"] is not None and s["day"] + TP_DAYS[tp] + TP_JIT[tp] + 1 >= p["death_day"]:
                    v[h] = "zgon"
                else:
                    v[h] = [None, "brak", "nie zgłosiła się" if fem else "nie zgłosił się", "-"][
                        int(rng.choice(4, p=[.3, .3, .25, .15]))]
            if p["fx"]:
                v["Nowe złamanie"] = "tak"
                v["Poziom nowego złamania"] = ", ".join(lv_pl(l) for _, l in p["fx"])
                v["Data nowego złamania"] = dpl(p["d0"] + dt.timedelta(days=p["fx"][0][0]))
            else:
                v["Nowe złamanie"] = "nie"
            v["Zgon"] = "tak" if p["died"] == "yes" else "nie"
            if si == 2:
                v["Uwagi"] = "II zabieg – nowe złamanie" if p["fx"] and p["fx"][0][1] in lvls else "II zabieg – planowy"
            else:
                v["Uwagi"] = uw or None
            for h, val in v.items():
                ws.cell(r, COL[h], val)
            r += 1
            lp += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(H))}{r - 1}"
    for i in range(1, len(H) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 13
    ws.column_dimensions["C"].width = 24
    ws.column_dimensions["I"].width = 24
    ws.column_dimensions["P"].width = 34

    errors = []

    def plant(row, h, value, what, pid):
        ws.cell(row, COL[h]).value = value
        errors.append(dict(sheet=ws.title, cell=f"{get_column_letter(COL[h])}{row}", row=row, header=h,
                           value=str(value), what=what, pid=pid))

    order = [pats[j] for j in rng.permutation(N)]
    used = set()

    def take(cond):
        for p in order:
            if p["pid"] not in used and cond(p):
                used.add(p["pid"])
                return p
        raise RuntimeError("no candidate")

    p = take(lambda p: True)
    plant(rowof[(p["pid"], 1)], "Data zabiegu", f"31.04.{p['d0'].year}", "impossible date (31 April)", p["pid"])
    p = take(lambda p: (1, "1m") in p["pain"])
    plant(rowof[(p["pid"], 1)], "NRS 1 mies.", 12, "NRS 12 on a 0-10 scale", p["pid"])
    p = take(lambda p: len(p["sessions"][0]["levels"]) == 1 and p["sessions"][0]["levels"][0]["level"][0] == "T")
    plant(rowof[(p["pid"], 1)], "Poziom(y)", "Th13", "impossible vertebral level (Th13)", p["pid"])
    p = take(lambda p: len(p["sessions"][0]["levels"]) == 1)
    plant(rowof[(p["pid"], 1)], "Cement [ml]", 45, "45 ml of cement for a single vertebra is implausible", p["pid"])
    a = take(lambda p: len(p["sessions"]) == 1)
    b = take(lambda p: len(p["sessions"]) == 1 and p["sex"] != a["sex"])
    ra, rb = rowof[(a["pid"], 1)], rowof[(b["pid"], 1)]
    plant(ra, "Nr badania", a["pid"], f"study ID used twice for two different patients (also row {rb})", a["pid"])
    plant(rb, "Nr badania", a["pid"], f"study ID {a['pid']} entered for a different patient (see row {ra}); "
          f"intended {b['pid']}", b["pid"])

    save_xlsx(wb, os.path.join(out, "input.xlsx"))
    write_truth(out, pats, errors, idents)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
