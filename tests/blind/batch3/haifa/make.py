# ======================================================================
# Common generator (identical block in every site's make.py of batch3)
# ======================================================================
import csv
import datetime as dt
import os
import sys

import numpy as np

LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + \
         [f"L{i}" for i in range(1, 6)] + ["S1"]
LIDX = {l: i for i, l in enumerate(LEVELS)}
TP_NOMINAL = {"pre": 0, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30,
              "3m": 91, "6m": 182, "12m": 365, "24m": 730}
LEAK_SITES = ["disc", "venous", "paravertebral", "epidural", "foraminal"]


def add_days(d, n):
    return d + dt.timedelta(days=int(n))


def _pick(rng, items, p):
    p = np.asarray(p, dtype=float)
    return items[int(rng.choice(len(items), p=p / p.sum()))]


def _levels(rng, etiology, n):
    if etiology == "pathologic":
        pool = ["T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"]
        w = [1, 2, 3, 3, 3, 3, 3, 3, 4, 4, 3, 3, 2, 1]
    else:
        pool = ["T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"]
        w = [1, 2, 3, 3, 4, 6, 10, 10, 6, 4, 3, 1]
    first = _pick(rng, pool, w)
    i = LIDX[first]
    if i + n - 1 > LIDX["L5"]:
        i = LIDX["L5"] - n + 1
    if n >= 2 and rng.random() < 0.2:            # non-contiguous pair / triple
        lv = [LEVELS[i]]
        j = i + 2 if i + 2 <= LIDX["L5"] else i - 2
        lv.append(LEVELS[j])
        if n == 3:
            k = max(lv, key=lambda x: LIDX[x])
            lv.append(LEVELS[LIDX[k] + 1] if LIDX[k] + 1 <= LIDX["L5"] else LEVELS[LIDX[min(lv, key=lambda x: LIDX[x])] - 1])
        return sorted(set(lv), key=lambda x: LIDX[x])
    return [LEVELS[i + k] for k in range(n)]


def _volume(rng, level, technique, step):
    i = LIDX[level]
    if i <= LIDX["T9"]:
        lo, hi = 1.5, 3.5
    elif i <= LIDX["L1"]:
        lo, hi = 2.5, 5.0
    else:
        lo, hi = 3.0, 6.5
    if technique == "kyphoplasty":
        lo, hi = lo + 0.5, hi + 1.0
    v = rng.uniform(lo, hi)
    return round(round(v / step) * step, 1)


def _leak(rng, technique):
    p_any = 0.18 if technique == "kyphoplasty" else 0.30
    if rng.random() > p_any:
        return []
    s = [_pick(rng, LEAK_SITES, [10, 8, 5, 3, 2])]
    if rng.random() < 0.12:
        t = _pick(rng, LEAK_SITES, [10, 8, 5, 3, 2])
        if t not in s:
            s.append(t)
    return sorted(s, key=LEAK_SITES.index)


def gen_cohort(seed, n, start, span_days, timepoints, *, p_two=0.2, p_extra_fx=0.12,
               p_died=0.1, p_miss=0.15, p_kp=0.4, odi_tps=(), mob_scale=None,
               mob_tps=(), s2_tps=("pre", "1m"), vol_step=0.5, cements=("PMMA",),
               cement_p=None, fx_at_visits=False, p_nlev=(0.6, 0.3, 0.1)):
    """Return a list of patient dicts (truth-ready). Day 0 = session-1 date."""
    rng = np.random.default_rng(seed)
    pts = []
    for k in range(n):
        p = {"k": k}
        p["sex"] = "female" if rng.random() < 0.7 else "male"
        p["etiology"] = _pick(rng, ["osteoporotic", "pathologic", "traumatic", "other"], [70, 18, 8, 4])
        age = int(round(rng.normal(76 if p["etiology"] == "osteoporotic" else 64, 8)))
        p["age"] = int(min(max(age, 41), 96))
        d0 = add_days(start, int(rng.integers(0, span_days)))
        p["date0"] = d0
        # death
        p["died"] = bool(rng.random() < p_died)
        p["death_day"] = int(rng.integers(45, 420)) if p["died"] else None
        # session 1
        tech = "kyphoplasty" if rng.random() < p_kp else "vertebroplasty"
        nlev = 1 + int(rng.choice(3, p=np.asarray(p_nlev) / sum(p_nlev)))
        lv = _levels(rng, p["etiology"], nlev)
        cem = cements[int(rng.choice(len(cements), p=cement_p))] if cement_p else cements[int(rng.integers(len(cements)))]
        s1 = {"n": 1, "day": 0, "date": d0, "levels": lv, "technique": tech, "cement": cem,
              "vol": {l: _volume(rng, l, tech, vol_step) for l in lv},
              "leak": {l: _leak(rng, tech) for l in lv}}
        p["sessions"] = [s1]
        # visits of session 1
        visits = {}
        pre = int(rng.integers(6, 11))
        cur = pre
        odi_pre = int(rng.integers(20, 41)) * 2
        cur_odi = odi_pre
        mob_pre = None
        if mob_scale:
            lo, hi, better_high = mob_scale
            mob_pre = int(rng.integers(lo, lo + (hi - lo) // 2 + 1)) if better_high else int(rng.integers(lo + (hi - lo) // 2, hi + 1))
        cur_mob = mob_pre
        for tp in timepoints:
            nominal = TP_NOMINAL[tp]
            if tp == "pre":
                day = 0 if rng.random() < 0.6 else -int(rng.integers(1, 4))
            elif tp == "24h":
                day = 1
            else:
                jit = max(1, int(round(nominal * 0.12)))
                day = nominal + int(rng.integers(-jit, jit + 1))
            if p["died"] and day >= p["death_day"]:
                continue
            if tp != "pre" and rng.random() < p_miss:
                continue
            v = {"day": day}
            if tp == "pre":
                v["vas"] = pre
            else:
                drop = {"24h": (1, 4), "1w": (1, 3), "2w": (0, 2), "6w": (0, 2), "1m": (0, 2), "3m": (0, 2),
                        "6m": (-1, 2), "12m": (-1, 2), "24m": (-1, 2)}[tp]
                cur = int(min(10, max(0, cur - int(rng.integers(drop[0], drop[1] + 1)))))
                v["vas"] = cur
            if tp in odi_tps:
                if tp != "pre":
                    cur_odi = int(max(0, cur_odi - 2 * int(rng.integers(2, 11))))
                v["odi"] = cur_odi
            if mob_scale and tp in mob_tps:
                lo, hi, better_high = mob_scale
                if tp != "pre":
                    step = int(rng.integers(0, 2))
                    cur_mob = min(hi, cur_mob + step) if better_high else max(lo, cur_mob - step)
                v["mob"] = cur_mob
            visits[tp] = v
        p["visits"] = {1: visits}
        p["fractures"] = []
        last_day = p["death_day"] if p["died"] else 480
        # session 2 (new adjacent level)
        if rng.random() < p_two:
            treated = set(lv)
            cands = [LEVELS[LIDX[lv[0]] - 1], LEVELS[LIDX[lv[-1]] + 1]]
            cands = [c for c in cands if c not in treated and LIDX["T4"] <= LIDX[c] <= LIDX["L5"]]
            if fx_at_visits:
                opts = [v["day"] for t, v in visits.items() if t not in ("pre", "24h") and 14 <= v["day"] <= 200]
                fday = int(rng.choice(opts)) if opts else None
            else:
                fday = int(rng.integers(18, 160))
            if cands and fday is not None and fday + 20 < last_day:
                newl = cands[int(rng.integers(len(cands)))]
                sday = fday + int(rng.integers(2, 15))
                tech2 = tech if rng.random() < 0.8 else ("kyphoplasty" if tech == "vertebroplasty" else "vertebroplasty")
                s2 = {"n": 2, "day": sday, "date": add_days(d0, sday), "levels": [newl], "technique": tech2,
                      "cement": cem, "vol": {newl: _volume(rng, newl, tech2, vol_step)},
                      "leak": {newl: _leak(rng, tech2)}}
                p["sessions"].append(s2)
                p["fractures"].append((fday, newl))
                vis2 = {}
                cur2 = int(rng.integers(6, 10))
                for tp in s2_tps:
                    if tp == "pre":
                        vis2[tp] = {"day": 0, "vas": cur2}
                    else:
                        nominal = TP_NOMINAL[tp]
                        jit = max(1, int(round(nominal * 0.12)))
                        d = nominal + int(rng.integers(-jit, jit + 1))
                        if p["died"] and sday + d >= p["death_day"]:
                            continue
                        cur2 = int(max(0, cur2 - int(rng.integers(2, 6))))
                        vis2[tp] = {"day": d, "vas": cur2}
                p["visits"][2] = vis2
        # extra (untreated) new fracture
        if rng.random() < p_extra_fx:
            used = set(l for s in p["sessions"] for l in s["levels"])
            cands = [l for l in LEVELS[LIDX["T6"]:LIDX["L5"] + 1] if l not in used]
            if fx_at_visits:
                opts = [v["day"] for t, v in visits.items() if t not in ("pre", "24h") and v["day"] >= 20]
                fday = int(rng.choice(opts)) if opts else None
            else:
                fday = int(rng.integers(25, 400))
            if fday is not None and fday < last_day and not any(f[0] == fday for f in p["fractures"]):
                p["fractures"].append((fday, cands[int(rng.integers(len(cands)))]))
        p["fractures"].sort()
        pts.append(p)
    return pts, rng


def fmt(x):
    if x is None or x == "":
        return ""
    if isinstance(x, float):
        if abs(x - round(x)) < 1e-9:
            return str(int(round(x)))
        return f"{x:.2f}".rstrip("0").rstrip(".")
    return str(x)


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(x) for x in r])


def write_truth(out, pts, errors, identifiers, *, vol_mode="per_level", leak_recorded=True,
                cement_truth=None, technique_recorded=True, sex_recorded=True, age_recorded=True,
                etiology_recorded=True, died_mode="yesno", measures=("vas",), vas_divisor=1):
    """pts need: pid, sex, age, etiology, died, sessions, visits, fractures.
    vol_mode: 'per_level' | 'total' | callable(p, s) -> 'per_level'|'total'|'none'."""
    td = os.path.join(out, "truth")
    os.makedirs(td, exist_ok=True)
    prow = []
    for p in pts:
        died = ""
        if died_mode == "yesno":
            died = "yes" if p["died"] else "no"
        elif died_mode == "yes_only":
            died = "yes" if p["died"] else ""
        elif callable(died_mode):
            died = died_mode(p)
        prow.append([p["pid"], p["sex"] if sex_recorded else "", p["age"] if age_recorded else "",
                     p["etiology"] if etiology_recorded else "", died])
    write_csv(os.path.join(td, "patients.csv"), ["patient_id", "sex", "age_years", "etiology", "died"], prow)
    rrow = []
    for p in pts:
        for s in p["sessions"]:
            mode = vol_mode(p, s) if callable(vol_mode) else vol_mode
            tot = round(sum(s["vol"].values()), 2)
            for l in s["levels"]:
                cv, sv = "", ""
                if mode == "per_level" or (mode == "total" and len(s["levels"]) == 1):
                    cv = float(s["vol"][l])
                elif mode == "total":
                    sv = float(tot)
                ct = cement_truth(s["cement"]) if cement_truth else s["cement"]
                lk = ""
                if leak_recorded:
                    lk = ";".join(s["leak"][l]) if s["leak"][l] else "none"
                rrow.append([p["pid"], s["n"], s["day"], l, s["technique"] if technique_recorded else "",
                             cv, sv, ct, lk])
    write_csv(os.path.join(td, "procedures.csv"),
              ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
               "session_cement_volume_ml", "cement_type", "leakage"], rrow)
    arow = []
    mname = {"vas": "pain_vas", "odi": "odi", "mob": "mobility"}
    for p in pts:
        for sn in sorted(p["visits"]):
            for tp, v in p["visits"][sn].items():
                for m in measures:
                    if m in v and v[m] is not None:
                        val = v[m]
                        if m == "vas" and vas_divisor != 1:
                            val = float(val) / vas_divisor
                        arow.append([p["pid"], sn, mname[m], tp, val])
    write_csv(os.path.join(td, "assessments.csv"), ["patient_id", "session", "measure", "timepoint", "value"], arow)
    frow = [[p["pid"], d, l] for p in pts for (d, l) in p["fractures"]]
    write_csv(os.path.join(td, "fractures.csv"), ["patient_id", "day", "level"], frow)
    write_csv(os.path.join(td, "errors.csv"),
              ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
              [[e["sheet"], e["cell"], e["row"], e["header"], e["value"], e["what"], e["pid"]] for e in errors])
    write_csv(os.path.join(td, "identifiers.csv"), ["kind", "value"], identifiers)


def err(sheet, col, row, header, value, what, pid):
    from openpyxl.utils import get_column_letter
    c = get_column_letter(col) if isinstance(col, int) else col
    return {"sheet": sheet, "cell": f"{c}{row}", "row": row, "header": header, "value": str(value),
            "what": what, "pid": pid}


def outdir_from_argv():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    return out

# ======================================================================
# Site-specific part
# ======================================================================
"""Haifa (invented unit): Hebrew, right-to-left sheets, one sheet per visit."""
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 3109
TPS = ["pre", "24h", "1m", "3m", "12m"]
BRANDS = {"Vertecem V+": "PMMA", "OSTEOPAL V": "PMMA", "KYPHON HV-R": "PMMA"}
FAM = ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "דהן", "אברהם", "פרידמן", "אזולאי", "כץ", "יוסף", "חדד",
       "גבאי", "שפירא", "עמר", "אוחיון", "סויסה", "רוזנברג", "בן דוד", "מלכה", "נחום", "ששון", "גולדברג",
       "וקנין", "אלמוג", "שלום", "חזן", "ברק", "טל", "שטרן", "אדלר", "זילברמן"]
GF = ["רחל", "שרה", "מרים", "אסתר", "חנה", "לאה", "רבקה", "יהודית", "זהבה", "שושנה", "אורה", "תמר",
      "ציפורה", "מזל", "סימה", "נורית", "אילנה", "פנינה"]
GM = ["משה", "יוסף", "אברהם", "יעקב", "דוד", "שלמה", "חיים", "מאיר", "יצחק", "אליהו", "שמעון", "ניסים"]
ETIO = {"osteoporotic": "אוסטאופורוזיס", "pathologic": None, "traumatic": "טראומה (נפילה מגובה)",
        "other": "אחר – מחלת קימל (אוסטאונקרוזיס)"}
LEAK_HE = {"disc": "דיסק", "venous": "ורידית", "paravertebral": "פארא-ורטברלית", "epidural": "אפידורלית",
           "foraminal": "פורמינלית"}
TECH_HE = {"vertebroplasty": "ורטברופלסטיה", "kyphoplasty": "קיפופלסטיה בלון"}

HFILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def sheet(wb, title, headers, first=False, banner=None):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.sheet_view.rightToLeft = True
    r = 1
    if banner:
        ws.cell(1, 1, banner).font = Font(bold=True, size=13)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        r = 3
    for j, h in enumerate(headers, 1):
        c = ws.cell(r, j, h)
        c.font = Font(bold=True)
        c.fill = HFILL
        c.border = BOX
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(j)].width = max(11, len(h) + 4)
    ws.freeze_panes = ws.cell(r + 1, 1)
    return ws, r + 1


def main():
    out = outdir_from_argv()
    pts, rng = gen_cohort(SEED, 32, dt.date(2020, 11, 1), 560, TPS, p_two=0.2, p_extra_fx=0.12,
                          p_died=0.13, odi_tps=("pre", "3m", "12m"), cements=tuple(BRANDS),
                          cement_p=[0.5, 0.3, 0.2], vol_step=0.5, s2_tps=("pre",))
    ids = []
    for i, p in enumerate(pts):
        p["pid"] = f"GYM-{i + 1:03d}"
        p["fam"] = FAM[i % len(FAM)]
        p["given"] = (GF if p["sex"] == "female" else GM)[int(rng.integers(len(GF if p['sex'] == 'female' else GM)))]
        p["tz"] = f"{int(rng.integers(0, 4))}{int(rng.integers(10_000_000, 99_999_999))}"
        p["tel"] = f"05{int(rng.integers(0, 9))}-{int(rng.integers(1_000_000, 9_999_999))}"
        for kind, v in (("name", p["fam"]), ("name", p["given"]), ("record_number", p["tz"]), ("phone", p["tel"])):
            if [kind, v] not in ids:
                ids.append([kind, v])
    errors = []
    # pick patients for planted errors (distinct)
    order = [int(x) for x in rng.permutation(len(pts))]
    e_age, e_level, e_vas, e_date, e_vol = None, None, None, None, None
    for k in order:
        p = pts[k]
        if e_level is None and len(p["sessions"][0]["levels"]) >= 2:
            e_level = k
        elif e_vas is None and "1m" in p["visits"][1]:
            e_vas = k
        elif e_date is None and "3m" in p["visits"][1]:
            e_date = k
        elif e_age is None:
            e_age = k
        elif e_vol is None and len(p["sessions"][0]["levels"]) == 1:
            e_vol = k

    wb = Workbook()
    # ---------------- patients
    H = ["מס' מחקר", "שם משפחה", "שם פרטי", "ת.ז.", "מין", "גיל", "אבחנה", "טלפון", "נפטר/ה", "תאריך פטירה", "הערות"]
    ws, r = sheet(wb, "מטופלים", H, first=True,
                  banner="מאגר ורטברופלסטיה / קיפופלסטיה – היחידה לעמוד שדרה, מרכז רפואי גליל-ים   (מידע מזהה – לשימוש פנימי בלבד!)")
    for p in pts:
        etio = ETIO[p["etiology"]]
        if etio is None:
            etio = ["גרורות – ממה", "גרורות – ריאה", "מיאלומה נפוצה", "גרורות – ערמונית"][int(rng.integers(4))]
        age = p["age"]
        row = [p["pid"], p["fam"], p["given"], p["tz"], "נ" if p["sex"] == "female" else "ז", age, etio, p["tel"],
               "כן" if p["died"] else "לא", add_days(p["date0"], p["death_day"]) if p["died"] else None, None]
        if p["k"] == e_age:
            row[5] = age + 100
            errors.append(err("מטופלים", 6, r, "גיל", age + 100, f"age {age + 100} impossible (typo for {age})", p["pid"]))
        for j, v in enumerate(row, 1):
            c = ws.cell(r, j, v)
            if isinstance(v, dt.date):
                c.number_format = "dd/mm/yyyy"
            if j == 4:
                c.number_format = "@"
        if p["fractures"] and len(p["sessions"]) == 1:
            ws.cell(r, 11, "שבר חדש במעקב – ראה גיליון שברים")
        if p["died"]:
            ws.cell(r, 1).fill = PatternFill("solid", fgColor="D9D9D9")
        r += 1
    r += 1
    ws.cell(r, 1, "שורה באפור = נפטר/ה").font = Font(italic=True)
    ws.column_dimensions["G"].width = 30
    ws.column_dimensions["K"].width = 34

    # ---------------- procedures (row per vertebra)
    H = ["מס' מחקר", "פרוצדורה מס'", "תאריך", "חוליה", "טכניקה", "נפח צמנט", "צמנט", "דליפת צמנט", "מנתח"]
    ws, r = sheet(wb, "פרוצדורות", H)
    surgeons = ["ד\"ר שגיא", "ד\"ר אבו-ראס", "פרופ' ולדמן"]
    for p in pts:
        for s in p["sessions"]:
            sur = surgeons[int(rng.integers(3))]
            for i, l in enumerate(s["levels"]):
                lk = s["leak"][l]
                lk_txt = "אין" if not lk else " + ".join(LEAK_HE[x] for x in lk)
                vol = s["vol"][l]
                vtxt = f"{fmt(vol)} סמ\"ק"
                lev = l
                if p["k"] == e_level and s["n"] == 1 and i == len(s["levels"]) - 1:
                    bad = "L7" if l.startswith("L") else "T13"
                    lev = bad
                    errors.append(err("פרוצדורות", 4, r, "חוליה", bad, f"impossible vertebra {bad} (intended {l})", p["pid"]))
                if p["k"] == e_vol and s["n"] == 1:
                    vtxt = "45 סמ\"ק"
                    errors.append(err("פרוצדורות", 6, r, "נפח צמנט", vtxt, f"45 mL in one vertebra impossible (intended {fmt(vol)})", p["pid"]))
                row = [p["pid"], s["n"], s["date"], lev, TECH_HE[s["technique"]], vtxt, s["cement"], lk_txt, sur]
                for j, v in enumerate(row, 1):
                    c = ws.cell(r, j, v)
                    if isinstance(v, dt.date):
                        c.number_format = "dd/mm/yyyy"
                r += 1
    ws.column_dimensions["E"].width = 18
    ws.column_dimensions["H"].width = 24

    # ---------------- one sheet per visit
    visit_sheets = [("טרום פרוצדורה", "pre"), ("24 שעות", "24h"), ("מעקב חודש", "1m"),
                    ("מעקב 3 חודשים", "3m"), ("מעקב שנה", "12m")]
    for title, tp in visit_sheets:
        if tp == "pre":
            H = ["מס' מחקר", "פרוצדורה מס'", "תאריך הערכה", "VAS (0-10)", "ODI (%)", "הערות"]
        elif tp in ("3m", "12m"):
            H = ["מס' מחקר", "תאריך ביקור", "VAS (0-10)", "ODI (%)", "הערות"]
        else:
            H = ["מס' מחקר", "תאריך ביקור", "VAS (0-10)", "הערות"]
        ws, r = sheet(wb, title, H)
        for p in pts:
            rows = []
            if tp == "pre":
                for sn in sorted(p["visits"]):
                    v = p["visits"][sn].get("pre")
                    if v:
                        d = add_days(p["sessions"][sn - 1]["date"], v["day"])
                        rows.append([p["pid"], sn, d, v["vas"], v.get("odi"), None])
            else:
                v = p["visits"][1].get(tp)
                if v:
                    d = add_days(p["date0"], v["day"])
                    if tp in ("3m", "12m"):
                        rows.append([p["pid"], d, v["vas"], v.get("odi"), None])
                    else:
                        rows.append([p["pid"], d, v["vas"], None])
                else:
                    nominal = TP_NOMINAL[tp]
                    if p["died"] and p["death_day"] <= nominal + 10:
                        note = "נפטר/ה" if tp != "24h" else None
                        if note is None:
                            continue
                        rows.append([p["pid"], note] + [None] * (len(H) - 2))
                    else:
                        rows.append([p["pid"], "לא הגיע/ה"] + [None] * (len(H) - 2))
            for row in rows:
                dcol = 3 if tp == "pre" else 2
                d = row[dcol - 1]
                if isinstance(d, dt.date) and tp in ("1m", "12m") and rng.random() < 0.3:
                    row[dcol - 1] = f"{d.day}.{d.month}.{d.year % 100:02d}"       # typed as text
                if tp == "1m" and p["k"] == e_vas:
                    errors.append(err(title, 3, r, "VAS (0-10)", 14, f"VAS 14 on a 0-10 scale (intended {row[2]})", p["pid"]))
                    row[2] = 14
                if tp == "3m" and p["k"] == e_date and isinstance(d, dt.date):
                    bad = f"31/02/{d.year}"
                    errors.append(err(title, 2, r, "תאריך ביקור", bad, f"impossible date (intended {d:%d/%m/%Y})", p["pid"]))
                    row[1] = bad
                for j, v in enumerate(row, 1):
                    c = ws.cell(r, j, v)
                    if isinstance(v, dt.date):
                        c.number_format = "dd/mm/yyyy"
                if row[1] in ("לא הגיע/ה", "נפטר/ה"):
                    ws.cell(r, 2).font = Font(color="C00000")
                r += 1
        ws.column_dimensions[get_column_letter(len(H))].width = 26

    # ---------------- new fractures
    H = ["מס' מחקר", "תאריך אבחון", "חוליה", "אופן אבחון", "טופל בפרוצדורה נוספת?"]
    ws, r = sheet(wb, "שברים חדשים", H, banner="שברים חדשים לאחר הפרוצדורה הראשונה")
    for p in pts:
        for (d, l) in p["fractures"]:
            treated = any(l in s["levels"] for s in p["sessions"][1:])
            row = [p["pid"], add_days(p["date0"], d), l, ["MRI", "CT", "צילום רנטגן"][int(rng.integers(3))],
                   "כן – פרוצדורה 2" if treated else "לא (טיפול שמרני)"]
            for j, v in enumerate(row, 1):
                c = ws.cell(r, j, v)
                if isinstance(v, dt.date):
                    c.number_format = "dd/mm/yyyy"
            r += 1
    ws.column_dimensions["E"].width = 24

    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, "input.xlsx"))
    write_truth(out, pts, errors, ids, vol_mode="per_level", cement_truth=lambda b: BRANDS[b],
                measures=("vas", "odi"))


main()
