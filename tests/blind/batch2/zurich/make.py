"""Zurich: invented spine unit register, German/French mixed, one row per session.

Run as `python make.py OUTDIR`; writes OUTDIR/input.xlsx and OUTDIR/truth/*.csv.
Sheet 1 is a cover/legend, sheet 2 holds the data with its header on row 6.
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 8
N_PATIENTS = 37
SHEET = "Daten"
EXPORT = dt.date(2023, 2, 14)


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
# Swiss rendering
# ----------------------------------------------------------------------------
def ch_level(l):
    if l.startswith("T"):
        return f"BWK {l[1:]}"
    if l.startswith("L"):
        return f"LWK {l[1:]}"
    return l


def ch_date(d):
    return d.strftime("%d.%m.%y")


LEAK_CODE = {"disc": "D", "epidural": "E", "foraminal": "F", "venous": "V", "paravertebral": "P"}
LEAK_FR = {"disc": "fuite discale", "epidural": "épidurale", "foraminal": "foraminale",
           "venous": "veineuse", "paravertebral": "paravertébrale"}
ET_DE = {"osteoporotic": ["Osteoporose", "osteoporotisch", "Osteoporose"],
         "pathologic": ["Metastase (Mamma-Ca)", "Multiples Myelom", "Metastase Prostata-Ca",
                        "Metastase (Bronchus-Ca)"],
         "traumatic": ["Trauma (Sturz)", "traumatisch"]}
ET_FR = {"osteoporotic": ["ostéoporose", "ostéoporotique"],
         "pathologic": ["métastase (sein)", "myélome multiple", "métastase pulmonaire"],
         "traumatic": ["traumatique (chute)"]}
BRANDS = {"PMMA": ["Vertecem V+", "Osteopal V", "Kyphon HV-R"], "Cortoss": ["Cortoss"],
          "calcium phosphate": ["KyphOs FS"]}


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng, N_PATIENTS + 1, dt.date(2019, 4, 1), dt.date(2022, 9, 30))
    orphan = pts.pop(17)          # entered without Pat.-Nr. (planted error, not in the truth)
    pts.sort(key=lambda p: p["sessions"][0]["date"])
    for i, p in enumerate(pts + [orphan], 1):
        p["pid"] = f"WS-{p['sessions'][0]['date'].year % 100:02d}-{i:03d}" if p is not orphan else ""
        p["fr"] = rng.random() < 0.3
        # cement brand per session (types diversified a little)
        for s in p["sessions"]:
            if s["cement_type"] == "calcium phosphate":
                s["brand"] = "KyphOs FS"
            else:
                if rng.random() < 0.07:
                    s["cement_type"] = "Cortoss"
                    s["brand"] = "Cortoss"
                else:
                    s["brand"] = str(rng.choice(["Vertecem V+", "Osteopal V"] if s["technique"] == "vertebroplasty"
                                                else ["Kyphon HV-R", "Kyphon HV-R", "Vertecem V+"]))
            rel = None if p["death_day"] is None else p["death_day"] - s["day"]
            s["vas"] = vas_series(rng, ["pre", "24h", "6w", "12m"], rel)
            if s["date"] + dt.timedelta(days=365) > EXPORT and isinstance(s["vas"]["12m"], (int, type(None))):
                s["vas"]["12m"] = "pending"
            s["total"] = float(sum(lv["vol"] for lv in s["levels"]))
        s1 = p["sessions"][0]
        odi_pre = int(rng.integers(40, 86))
        p["odi"] = {"pre": odi_pre if rng.random() > 0.08 else None}
        v12 = s1["vas"]["12m"]
        if isinstance(v12, int):
            p["odi"]["12m"] = int(min(100, max(0, round(odi_pre * 0.5 + rng.normal(0, 8)))))
        else:
            p["odi"]["12m"] = v12  # died / pending / missed follows the visit
    pts_all = pts + [orphan]

    # ---------------- planted errors ------------------------------------------------
    single = [p for p in pts if len(p["sessions"][0]["levels"]) == 1]
    multi = [p for p in pts if len(p["sessions"][0]["levels"]) >= 2]
    e_lvl = [p for p in multi if p["sessions"][0]["levels"][0]["level"] in ("T11", "T12")][1]
    e_vol = single[5]
    e_odi = [p for p in pts if isinstance(p["odi"]["12m"], int) and p not in (e_lvl, e_vol)][7]
    e_date = [p for p in pts if p not in (e_lvl, e_vol, e_odi)][22]
    errs = {
        (e_lvl["pid"], 1, "level"): ("BWK 13", "BWK 13 (T13) does not exist"),
        (e_vol["pid"], 1, "total"): (45, "45 mL of cement in a single vertebra is impossible"),
        (e_odi["pid"], 1, "odi12m"): (124, "ODI 124 % (scale is 0-100)"),
        (e_date["pid"], 1, "date"): ("31.04.21", "impossible date (31 April)"),
        ("", 1, "pid"): (None, "row with procedure data but no Pat.-Nr."),
    }

    # ---------------- workbook ------------------------------------------------------
    wb = Workbook()
    cov = wb.active
    cov.title = "Deckblatt"
    lines = [
        ("Wirbelkörperaugmentation – Verlaufsregister", True),
        ("Klinik für Wirbelsäulenchirurgie (fiktiv), Zürich", False),
        ("Version 3 – Stand 14.02.23 – verantwortlich: Studienkoordination WS", False),
        ("", False),
        ("Legende / Légende", True),
        ("Pat.-Nr.: WS-<Jahr>-<laufende Nr.>; Zweiteingriffe als neue Zeile mit derselben Pat.-Nr.", False),
        ("Geschlecht: m / w  (französische Einträge: h = homme, f = femme)", False),
        ("Technik: VP = Vertebroplastie (vertébroplastie), KP = Kyphoplastie (cyphoplastie, Ballon)", False),
        ("Höhen: BWK = Brustwirbelkörper (Th), LWK = Lendenwirbelkörper (L)", False),
        ("Zement: Vertecem V+, Osteopal V, Kyphon HV-R = PMMA; Cortoss = Komposit (Bis-GMA); "
         "KyphOs FS = Kalziumphosphat", False),
        ("Zementmenge: Total pro Sitzung in ml", False),
        ("Zementaustritt Lokalisation: D = diskal, E = epidural, F = foraminal, V = venös, "
         "P = paravertebral (Weichteile); bei mehreren Höhen mit Angabe der Höhe", False),
        ("VAS 0–10 (0 = kein Schmerz); postop = 1. postoperativer Tag; ODI in %", False),
        ("n.e. = nicht erhoben / n.d. = non disponible; † = verstorben; ausst. = ausstehend", False),
        ("Datum: TT.MM.JJ", False),
    ]
    for i, (t, b) in enumerate(lines, 2):
        cov.cell(i, 2, t).font = Font(bold=b, size=14 if i == 2 else 11)
    cov.column_dimensions["B"].width = 110

    ws = wb.create_sheet(SHEET)
    notes = [
        "Verlaufsregister Vertebro-/Kyphoplastie 2019–2022",
        "Eine Zeile pro Eingriff (Sitzung). Bei Zweiteingriff neue Zeile mit gleicher Pat.-Nr. – Stammdaten nur in der ersten Zeile.",
        "Datum TT.MM.JJ; Zementmenge = Total pro Sitzung (ml); Legende siehe Deckblatt.",
        "ACHTUNG: 1-Jahres-FU bei Eingriffen ab 02/22 noch ausstehend (Stand 02/23)",
    ]
    for i, t in enumerate(notes, 1):
        ws.cell(i, 1, t).font = Font(bold=(i == 1), italic=(i > 1), size=13 if i == 1 else 10)
    ws.cell(4, 1).font = Font(bold=True, color="C00000")
    HR = 6
    cols = [("pid", "Pat.-Nr."), ("sess", "Sitzung"), ("sex", "Geschlecht"), ("age", "Alter"),
            ("et", "Ätiologie"), ("date", "Datum Eingriff"), ("lvls", "Höhe(n)"), ("tech", "Technik"),
            ("brand", "Zement"), ("total", "Zement total (ml)"), ("leak", "Zementaustritt"),
            ("leakloc", "Lokalisation"), ("vas_pre", "VAS präop"), ("vas_24h", "VAS postop"),
            ("vas_6w", "VAS 6 Wochen"), ("vas_12m", "VAS 1 Jahr"), ("odipre", "ODI präop"),
            ("odi12m", "ODI 1 Jahr"), ("fx", "Neue Fraktur"), ("died", "Verstorben"),
            ("rem", "Bemerkungen")]
    col_of = {k: i + 1 for i, (k, _h) in enumerate(cols)}
    header_of = dict(cols)
    thin = Side(style="thin", color="A6A6A6")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for k, h in cols:
        c = ws.cell(HR, col_of[k], h)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="305496")
        c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        c.border = box
    ws.row_dimensions[HR].height = 32

    error_rows = []

    def put(r, key, value, ekey=None, fmt=None):
        if ekey is not None and ekey in errs:
            value, why = errs[ekey]
            error_rows.append(dict(sheet=SHEET, cell=f"{get_column_letter(col_of[key])}{r}", row=r,
                                   column_header=header_of[key], value="" if value is None else str(value),
                                   what_is_wrong=why, patient_id=ekey[0]))
            fmt = None
        c = ws.cell(r, col_of[key], value)
        if fmt and not isinstance(value, str) and value is not None:
            c.number_format = fmt
        return c

    rows = []
    for p in pts_all:
        for s in p["sessions"]:
            rows.append((s["date"], p, s))
    rows.sort(key=lambda t: (t[0], t[1]["pid"]))
    r = HR + 1
    year = None
    for d, p, s in rows:
        if d.year != year:
            year = d.year
            c = ws.cell(r, 1, str(year))
            c.font = Font(bold=True)
            for cc in range(1, len(cols) + 1):
                ws.cell(r, cc).fill = PatternFill("solid", fgColor="D9D9D9")
            r += 1
        pid, fr = p["pid"], p["fr"]
        sn = s["session"]
        put(r, "pid", pid, (pid, sn, "pid") if pid == "" else None)
        put(r, "sess", sn)
        if sn == 1:
            put(r, "sex", ("f" if p["sex"] == "female" else "h") if fr else ("w" if p["sex"] == "female" else "m"))
            put(r, "age", p["age"])
            put(r, "et", str(rng.choice((ET_FR if fr else ET_DE)[p["etiology"]])))
        if rng.random() < 0.3:
            put(r, "date", ch_date(d), (pid, sn, "date"))
        else:
            put(r, "date", dt.datetime(d.year, d.month, d.day), (pid, sn, "date"), "dd.mm.yy")
        lv_txt = [ch_level(lv["level"]) for lv in s["levels"]]
        if (pid, sn, "level") in errs:
            bad, why = errs[(pid, sn, "level")]
            lv_txt[0] = bad
            c = col_of["lvls"]
            error_rows.append(dict(sheet=SHEET, cell=f"{get_column_letter(c)}{r}", row=r,
                                   column_header=header_of["lvls"], value=", ".join(lv_txt),
                                   what_is_wrong=why, patient_id=pid))
        ws.cell(r, col_of["lvls"], ", ".join(lv_txt))
        if fr:
            put(r, "tech", "vertébroplastie" if s["technique"] == "vertebroplasty" else "cyphoplastie")
        else:
            put(r, "tech", "VP" if s["technique"] == "vertebroplasty" else "KP")
        put(r, "brand", s["brand"])
        put(r, "total", s["total"], (pid, sn, "total"))
        leaks = [(lv["level"], lv["leak"]) for lv in s["levels"] if lv["leak"] != "none"]
        if not leaks:
            put(r, "leak", "non" if fr else "Nein")
        else:
            put(r, "leak", "oui" if fr else "Ja")
            def code(lk):
                if fr:
                    return ", ".join(LEAK_FR[x] for x in lk.split(";"))
                return ", ".join(LEAK_CODE[x] for x in lk.split(";"))
            if len(s["levels"]) == 1:
                put(r, "leakloc", code(leaks[0][1]))
            else:
                put(r, "leakloc", "; ".join(f"{ch_level(l)}: {code(lk)}" for l, lk in leaks))
        miss = "n.d." if fr else "n.e."
        for tp in ["pre", "24h", "6w", "12m"]:
            v = s["vas"][tp]
            if v == "died":
                v = "†"
            elif v == "pending":
                v = "ausst."
            elif v is None:
                v = miss if rng.random() < 0.7 else None
            put(r, f"vas_{tp}", v)
        if sn == 1:
            o = p["odi"]["pre"]
            put(r, "odipre", o if o is not None else miss)
            o = p["odi"]["12m"]
            o = {"died": "†", "pending": "ausst.", None: miss}.get(o, o) if not isinstance(o, int) else o
            put(r, "odi12m", o, (pid, 1, "odi12m"))
            if p["fractures"]:
                fd = p["sessions"][0]["date"] + dt.timedelta(days=p["fractures"][0][0])
                lv = ", ".join(ch_level(l) for _, l in p["fractures"])
                put(r, "fx", f"{'oui' if fr else 'Ja'}: {lv} ({ch_date(fd)})")
            else:
                put(r, "fx", "non" if fr else "Nein")
            if p["died"]:
                dd = p["sessions"][0]["date"] + dt.timedelta(days=p["death_day"])
                put(r, "died", f"{'oui' if fr else 'Ja'}, {ch_date(dd)}")
            else:
                put(r, "died", "non" if fr else "Nein")
        rem = []
        if sn == 2:
            rem.append("Zweiteingriff bei neuer Fraktur" if not fr else "2e intervention, nouvelle fracture")
        if p["etiology"] == "pathologic" and sn == 1 and rng.random() < 0.5:
            rem.append("Biopsie entnommen")
        if rem:
            put(r, "rem", "; ".join(rem))
        for cc in range(1, len(cols) + 1):
            ws.cell(r, cc).border = box
        r += 1
    widths = {"pid": 11, "et": 22, "date": 12, "lvls": 18, "tech": 15, "brand": 13, "leakloc": 24,
              "fx": 26, "died": 14, "rem": 32}
    for k, c in col_of.items():
        ws.column_dimensions[get_column_letter(c)].width = widths.get(k, 10)
    ws.freeze_panes = ws.cell(HR + 1, 3)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))

    # ---------------- truth -----------------------------------------------------------
    tdir = os.path.join(outdir, "truth")
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows_):
        with open(os.path.join(tdir, name), "w", newline="", encoding="utf-8") as f:
            wr = csv.writer(f, lineterminator="\n")
            wr.writerow(header)
            wr.writerows(rows_)

    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"], p["age"], p["etiology"], "yes" if p["died"] else "no"] for p in pts])
    prows, arows, frows = [], [], []
    for p in pts:
        for s in p["sessions"]:
            single_ = len(s["levels"]) == 1
            for lv in s["levels"]:
                prows.append([p["pid"], s["session"], s["day"], lv["level"], s["technique"],
                              f'{lv["vol"]:g}' if single_ else "",
                              "" if single_ else f'{s["total"]:g}', s["cement_type"], lv["leak"]])
            for tp in ["pre", "24h", "6w", "12m"]:
                v = s["vas"][tp]
                if isinstance(v, int):
                    arows.append([p["pid"], s["session"], "pain_vas", tp, v])
            if s["session"] == 1:
                for tp in ["pre", "12m"]:
                    v = p["odi"][tp]
                    if isinstance(v, int):
                        arows.append([p["pid"], 1, "odi", tp, v])
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
    w("identifiers.csv", ["kind", "value"], [])
    assert len(error_rows) == len(errs), (len(error_rows), len(errs))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
