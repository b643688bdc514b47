"""Budapest: invented neurosurgery unit register, Hungarian, one row per patient.

Run as `python make.py OUTDIR`; writes OUTDIR/input.xlsx and OUTDIR/truth/*.csv.
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 8
N_PATIENTS = 32
SHEET = "Regiszter 2020-2022"

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
# Hungarian rendering helpers
# ----------------------------------------------------------------------------
FAM = ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh",
       "Farkas", "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Simon",
       "Rácz", "Fekete", "Szilágyi", "Török", "Fehér", "Balázs", "Gál", "Kis", "Szűcs", "Kocsis",
       "Orsós", "Pintér", "Fodor", "Szalai", "Sipos", "Magyar", "Lukács", "Gulyás", "Biró"]
FEM = ["Mária", "Erzsébet", "Ilona", "Katalin", "Éva", "Margit", "Julianna", "Zsuzsanna",
       "Magdolna", "Anna", "Irén", "Piroska", "Gizella", "Terézia", "Rozália", "Edit"]
MAL = ["József", "János", "István", "László", "Sándor", "Ferenc", "Lajos", "Gyula", "Imre",
       "Tibor", "Károly", "Mihály", "Béla", "Zoltán", "Attila"]
LEAK_HU = {"disc": "diszkusz", "venous": "vénás", "epidural": "epidurális",
           "paravertebral": "paravertebrális", "foraminal": "foraminális"}
ET_HU = {"osteoporotic": ["osteoporosis", "oszteoporotikus", "osteoporosis", "OP"],
         "pathologic": ["myeloma multiplex", "metasztázis (emlő)", "tumoros - prostata met.",
                        "metasztázis (tüdő)"],
         "traumatic": ["trauma", "traumás (esés)"]}


def hu_level(l):
    return ("Th" + l[1:]) if l.startswith("T") else l


def hu_date(d):
    return d.strftime("%Y.%m.%d.")


def hu_num(v):
    s = f"{v:g}"
    return s.replace(".", ",")


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng, N_PATIENTS, dt.date(2020, 1, 13), dt.date(2022, 6, 30))
    pts.sort(key=lambda p: p["sessions"][0]["date"])
    # study IDs: VP/<year>/<running number within year>
    per_year = {}
    used_names = set()
    for p in pts:
        y = p["sessions"][0]["date"].year
        per_year[y] = per_year.get(y, 0) + 1
        p["pid"] = f"VP/{y}/{per_year[y]:02d}"
        while True:
            fam = str(rng.choice(FAM))
            if p["sex"] == "female":
                if rng.random() < 0.35:
                    name = f"{fam} {rng.choice(MAL)}né"
                else:
                    name = f"{fam} {rng.choice(FEM)}"
            else:
                name = f"{fam} {rng.choice(MAL)}"
            if name not in used_names:
                used_names.add(name)
                break
        p["name"] = name
        p["taj"] = f"{rng.integers(0, 1000):03d} {rng.integers(0, 1000):03d} {rng.integers(0, 1000):03d}"
        d1 = p["sessions"][0]["date"]
        # birth date consistent with the age at the first procedure
        bday = d1 - dt.timedelta(days=int(p["age"] * 365.25 + rng.integers(30, 330)))
        while (d1.year - bday.year - ((d1.month, d1.day) < (bday.month, bday.day))) != p["age"]:
            bday += dt.timedelta(days=1)
        p["birth"] = bday
        s1 = p["sessions"][0]
        dd = p["death_day"]
        p["vas1"] = vas_series(rng, ["pre", "1w", "1m", "6m"], dd)
        if len(p["sessions"]) > 1:
            p["vas2_pre"] = int(rng.integers(5, 10))

    # ---------------- planted errors ------------------------------------------------
    two_level = [p for p in pts if len(p["sessions"][0]["levels"]) >= 2 and len(p["sessions"]) == 1]
    second = [p for p in pts if len(p["sessions"]) > 1]
    with_1m = [p for p in pts if isinstance(p["vas1"]["1m"], int) and len(p["sessions"]) == 1]
    e_level = pts[4]
    e_vol = [p for p in two_level if p is not e_level][2]
    e_vas = [p for p in with_1m if p not in (e_level, e_vol)][5]
    e_date = [p for p in pts if p not in (e_level, e_vol, e_vas)
              and p["sessions"][0]["date"].year == 2021 and p["sessions"][0]["date"].month in (2, 3)][0]
    e_sec = [p for p in second if p not in (e_level, e_vol, e_vas, e_date)][0]
    errs = {
        (e_level["pid"], "lvl1_1"): ("L7", "vertebral level L7 does not exist"),
        (e_vol["pid"], "vol1_2"): (45, "45 mL of cement in one vertebra is impossible"),
        (e_vas["pid"], "vas_1m"): (14, "VAS 14 on a 0-10 scale"),
        (e_date["pid"], "date1"): ("2021.02.30.", "impossible date (30 February)"),
    }
    d2 = e_sec["sessions"][1]["date"]
    bad2 = d2.replace(year=d2.year - 1)
    errs[(e_sec["pid"], "date2")] = (hu_date(bad2),
                                     "second procedure dated before the first procedure")

    # ---------------- workbook ------------------------------------------------------
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    hdr_fill = PatternFill("solid", fgColor="D9E1F2")
    grp_fills = ["FCE4D6", "E2EFDA", "FFF2CC", "DDEBF7", "EDEDED"]
    yellow = PatternFill("solid", fgColor="FFFF00")

    cols = [  # (key, header, group)
        ("n", "Sorszám", 0), ("pid", "Betegazonosító", 0), ("name", "Név", 0),
        ("taj", "TAJ szám", 0), ("birth", "Születési dátum", 0), ("sex", "Nem", 0),
        ("age", "Életkor", 0), ("et", "Etiológia", 0),
        ("date1", "Műtét dátuma", 1), ("tech1", "Technika", 1), ("ctype1", "Cement típusa", 1),
        ("lvl1_1", "Csigolya 1", 1), ("vol1_1", "Cement 1 (ml)", 1), ("leak1_1", "Szivárgás 1", 1),
        ("lvl1_2", "Csigolya 2", 1), ("vol1_2", "Cement 2 (ml)", 1), ("leak1_2", "Szivárgás 2", 1),
        ("lvl1_3", "Csigolya 3", 1), ("vol1_3", "Cement 3 (ml)", 1), ("leak1_3", "Szivárgás 3", 1),
        ("date2", "Műtét dátuma", 2), ("tech2", "Technika", 2),
        ("lvl2_1", "Csigolya 1", 2), ("vol2_1", "Cement 1 (ml)", 2), ("leak2_1", "Szivárgás 1", 2),
        ("vas_pre", "műtét előtt", 3), ("vas_1w", "1 hét", 3), ("vas_1m", "1 hónap", 3),
        ("vas_6m", "6 hónap", 3), ("vas2_pre", "2. műtét előtt", 3),
        ("fx", "Új csigolyatörés", 4), ("fx_lvl", "Új törés szintje", 4),
        ("fx_date", "Új törés dátuma", 4), ("died", "Elhunyt", 4), ("death", "Halál dátuma", 4),
        ("note", "Megjegyzés", 4),
    ]
    groups = ["Beteg adatai", "1. beavatkozás", "2. beavatkozás (ismételt műtét)",
              "VAS fájdalom (0-10)", "Követés"]
    col_of = {k: i + 1 for i, (k, _, _) in enumerate(cols)}
    header_of = {k: h for k, h, _ in cols}
    ncol = len(cols)

    ws.cell(1, 1, "Vertebroplasztika / kyphoplasztika regiszter – Idegsebészeti Osztály (2020–2022)")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=12)
    ws.cell(2, 1, "Kitöltő: dr. Sz. A. rezidens  |  utolsó frissítés: 2023.01.18.  |  "
                  "VAS: 0 = nincs fájdalom, 10 = elviselhetetlen")
    ws.cell(2, 1).font = Font(italic=True, size=9)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=12)
    HR1, HR2, R0 = 4, 5, 6
    for g, name in enumerate(groups):
        idx = [i + 1 for i, (_, _, gg) in enumerate(cols) if gg == g]
        ws.cell(HR1, idx[0], name)
        if len(idx) > 1:
            ws.merge_cells(start_row=HR1, start_column=idx[0], end_row=HR1, end_column=idx[-1])
        for c in idx:
            ws.cell(HR1, c).fill = PatternFill("solid", fgColor=grp_fills[g])
            ws.cell(HR1, c).font = Font(bold=True)
            ws.cell(HR1, c).alignment = Alignment(horizontal="center")
    for k, h, g in cols:
        c = ws.cell(HR2, col_of[k], h)
        c.font = Font(bold=True)
        c.fill = hdr_fill
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        c.border = box
    ws.row_dimensions[HR2].height = 30
    ws.cell(HR2, col_of["sex"]).comment = Comment("F = férfi, N = nő", "SzA")

    error_rows = []

    def put(r, key, value, pid, numfmt=None):
        col = col_of[key]
        if (pid, key) in errs:
            value, why = errs[(pid, key)]
            error_rows.append(dict(sheet=SHEET, cell=f"{get_column_letter(col)}{r}", row=r,
                                   column_header=header_of[key], value=str(value),
                                   what_is_wrong=why, patient_id=pid))
            numfmt = None
        c = ws.cell(r, col, value)
        if numfmt and value is not None and not isinstance(value, str):
            c.number_format = numfmt
        c.border = box
        return c

    def date_cell(r, key, d, pid, as_text):
        if as_text:
            return put(r, key, hu_date(d), pid)
        return put(r, key, dt.datetime(d.year, d.month, d.day), pid, "yyyy.mm.dd.")

    def vol_value(v):
        x = rng.random()
        if x < 0.12:
            return hu_num(v) + " ml"
        if x < 0.2:
            return hu_num(v)  # typed as text with decimal comma
        return v

    r = R0
    for n, p in enumerate(pts, 1):
        pid = p["pid"]
        s1 = p["sessions"][0]
        for k in col_of:
            ws.cell(r, col_of[k]).border = box
        put(r, "n", n, pid)
        put(r, "pid", pid, pid)
        put(r, "name", p["name"], pid)
        put(r, "taj", p["taj"], pid)
        put(r, "birth", hu_date(p["birth"]), pid)
        put(r, "sex", "N" if p["sex"] == "female" else "F", pid)
        put(r, "age", p["age"], pid)
        put(r, "et", str(rng.choice(ET_HU[p["etiology"]])), pid)
        date_cell(r, "date1", s1["date"], pid, rng.random() < 0.2)
        put(r, "tech1", {"vertebroplasty": "VP", "kyphoplasty": rng.choice(["KP", "BKP"])}[s1["technique"]], pid)
        put(r, "ctype1", {"PMMA": rng.choice(["PMMA", "PMMA", "PMMA (Osteopal V)"]),
                          "calcium phosphate": "kalcium-foszfát"}[s1["cement_type"]], pid)
        for j, lv in enumerate(s1["levels"], 1):
            put(r, f"lvl1_{j}", hu_level(lv["level"]), pid)
            put(r, f"vol1_{j}", vol_value(lv["vol"]), pid)
            put(r, f"leak1_{j}", "nem" if lv["leak"] == "none"
                else " + ".join(LEAK_HU[s] for s in lv["leak"].split(";")), pid)
        if len(p["sessions"]) > 1:
            s2 = p["sessions"][1]
            date_cell(r, "date2", s2["date"], pid, rng.random() < 0.3)
            put(r, "tech2", "VP" if s2["technique"] == "vertebroplasty" else "KP", pid)
            lv = s2["levels"][0]
            put(r, "lvl2_1", hu_level(lv["level"]), pid)
            put(r, "vol2_1", vol_value(lv["vol"]), pid)
            put(r, "leak2_1", "nem" if lv["leak"] == "none"
                else " + ".join(LEAK_HU[s] for s in lv["leak"].split(";")), pid)
            put(r, "vas2_pre", p["vas2_pre"], pid)
        for tp, key in [("pre", "vas_pre"), ("1w", "vas_1w"), ("1m", "vas_1m"), ("6m", "vas_6m")]:
            v = p["vas1"][tp]
            if v == "died":
                put(r, key, "elhunyt" if rng.random() < 0.6 else None, pid)
            elif v is None:
                c = put(r, key, rng.choice(["nem jelent meg", "–", None]), pid)
                if c.value is None:
                    c.fill = yellow
            else:
                put(r, key, v, pid)
        if p["fractures"]:
            fday = p["fractures"][0][0]
            put(r, "fx", "igen", pid)
            put(r, "fx_lvl", ", ".join(hu_level(l) for _, l in p["fractures"]), pid)
            put(r, "fx_date", hu_date(s1["date"] + dt.timedelta(days=fday)), pid)
        else:
            put(r, "fx", "nem", pid)
        if p["died"]:
            put(r, "died", "igen", pid)
            put(r, "death", hu_date(s1["date"] + dt.timedelta(days=p["death_day"])), pid)
        else:
            put(r, "died", "nem", pid)
        notes = []
        if len(p["sessions"]) > 1:
            notes.append("2. műtét új törés miatt")
        if p["etiology"] == "pathologic" and rng.random() < 0.5:
            notes.append("onkológiai gondozás")
        if rng.random() < 0.1:
            notes.append("telefonos kontroll")
        if notes:
            put(r, "note", "; ".join(notes), pid)
        r += 1
    last = r - 1
    r += 1
    ws.cell(r, 1, "Jelmagyarázat:").font = Font(bold=True)
    ws.cell(r + 1, 1, "sárga = hiányzó adat, pótolandó")
    ws.cell(r + 1, 1).fill = yellow
    ws.cell(r + 2, 1, "VP = vertebroplasztika, KP/BKP = (ballon) kyphoplasztika; Th = háti, L = ágyéki csigolya")
    ws.cell(r + 3, 1, "Szivárgás: 'nem' = nincs cementszivárgás, egyébként a szivárgás helye")
    ws.cell(r + 4, 1, "Nem: F = férfi, N = nő")
    widths = {"n": 7, "pid": 14, "name": 22, "taj": 13, "birth": 13, "et": 22, "date1": 13,
              "date2": 13, "fx_date": 13, "death": 13, "note": 30, "fx_lvl": 12}
    for k, c in col_of.items():
        ws.column_dimensions[get_column_letter(c)].width = widths.get(k, 10)
    ws.freeze_panes = ws.cell(R0, col_of["name"])
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))

    # ---------------- truth -----------------------------------------------------------
    tdir = os.path.join(outdir, "truth")
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), "w", newline="", encoding="utf-8") as f:
            wr = csv.writer(f, lineterminator="\n")
            wr.writerow(header)
            wr.writerows(rows)

    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"], p["age"], p["etiology"], "yes" if p["died"] else "no"] for p in pts])
    prows, arows, frows = [], [], []
    for p in pts:
        for s in p["sessions"]:
            for lv in s["levels"]:
                prows.append([p["pid"], s["session"], s["day"], lv["level"], s["technique"],
                              f'{lv["vol"]:g}', "", s["cement_type"], lv["leak"]])
        for tp in ["pre", "1w", "1m", "6m"]:
            v = p["vas1"][tp]
            if isinstance(v, int):
                arows.append([p["pid"], 1, "pain_vas", tp, v])
        if len(p["sessions"]) > 1:
            arows.append([p["pid"], 2, "pain_vas", "pre", p["vas2_pre"]])
        for d, l in p["fractures"]:
            frows.append([p["pid"], d, l])
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], prows)
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], arows)
    w("fractures.csv", ["patient_id", "day", "level"], frows)
    error_rows.sort(key=lambda e: e["row"])
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
      [[e["sheet"], e["cell"], e["row"], e["column_header"], e["value"], e["what_is_wrong"],
        e["patient_id"]] for e in error_rows])
    ids = []
    for p in pts:
        ids += [("name", p["name"]), ("record_number", p["taj"]), ("birth_date", hu_date(p["birth"]))]
    w("identifiers.csv", ["kind", "value"], ids)
    assert len(error_rows) == len(errs), (len(error_rows), len(errs))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
