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
"""Lviv (invented unit): Ukrainian wide register; 2nd procedure and new fractures as columns."""
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 3402
TPS = ["pre", "24h", "1m", "3m", "12m"]
BRANDS = {"Osteopal V": "PMMA", "Confidence": "PMMA"}
LEAK_UA = {"disc": "в диск", "venous": "венозне", "paravertebral": "паравертебральне", "epidural": "епідуральне",
           "foraminal": "фораменальне"}
THIN = Side(style="thin", color="7F7F7F")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def ua(x):
    return fmt(x).replace(".", ",")


def lv(l):
    return "Th" + l[1:] if l.startswith("T") else l


def leak_txt(s):
    leaks = [(l, s["leak"][l]) for l in s["levels"] if s["leak"][l]]
    if not leaks:
        return "ні"
    if len(s["levels"]) == 1:
        return "так — " + ", ".join(LEAK_UA[x] for x in leaks[0][1])
    return "так — " + "; ".join(", ".join(LEAK_UA[x] for x in lk) + f" ({lv(l)})" for l, lk in leaks)


def main():
    out = outdir_from_argv()
    pts, rng = gen_cohort(SEED, 34, dt.date(2021, 1, 10), 600, TPS, p_two=0.2, p_extra_fx=0.15, p_died=0.12,
                          cements=tuple(BRANDS), s2_tps=("pre",))
    volmode = {}
    for i, p in enumerate(pts):
        p["pid"] = f"ВП-{i + 1:02d}/{p['date0'].year % 100}"
        for s in p["sessions"]:
            volmode[(p["pid"], s["n"])] = "per_level" if (len(s["levels"]) == 1 or rng.random() < 0.55) else "total"
    order = [int(x) for x in rng.permutation(len(pts))]
    tgt = {}
    for k in order:
        p = pts[k]
        v = p["visits"][1]
        if "age" not in tgt and not p["died"]:
            tgt["age"] = k
        elif "d2" not in tgt and len(p["sessions"]) == 2:
            tgt["d2"] = k
        elif "vas" not in tgt and "1m" in v:
            tgt["vas"] = k
        elif "lvl" not in tgt and p["sessions"][0]["levels"][-1] == "T12":
            tgt["lvl"] = k
        elif "txt" not in tgt and "3m" in v:
            tgt["txt"] = k
    errors = []
    SH = "Реєстр"

    wb = Workbook()
    ws = wb.active
    ws.title = SH
    groups = [(1, 5, "Пацієнт"), (6, 11, "Перше втручання"), (12, 16, "ВАШ (0–10)"), (17, 22, "Друге втручання"),
              (23, 26, "Нові переломи під час спостереження"), (27, 28, "Наслідок")]
    H = ["№ з/п", "Шифр", "Стать", "Вік, р.", "Діагноз", "Дата", "Рівень", "Методика", "Цемент, мл",
         "Марка цементу", "Витікання цементу", "до", "1 доба", "1 міс", "3 міс", "12 міс",
         "2-й рівень", "2-а дата", "2-й об'єм, мл", "2-а методика", "2-е витікання", "ВАШ до 2-го",
         "Новий перелом 1", "дата", "Новий перелом 2", "дата", "Помер", "Примітки"]
    ncol = len(H)
    ws.cell(1, 1, "Реєстр черезшкірної вертебропластики (ВП) та кіфопластики (КП) — нейрохірургічне відділення, "
                  "КНП «Личаківська міська лікарня»").font = Font(bold=True, size=12)
    ws.cell(2, 1, "ВАШ — візуально-аналогова шкала 0–10 балів; «н/з» — не з'явився на контроль; «†» — помер; "
                  "цемент: сумарно за втручання або по рівнях через «+»").font = Font(italic=True, size=9)
    fills = ["DDEBF7", "E2EFDA", "FFF2CC", "FCE4D6", "EDEDED", "D9D9D9"]
    for (a, b, t), fc in zip(groups, fills):
        c = ws.cell(3, a, t)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
        for j in range(a, b + 1):
            ws.cell(3, j).fill = PatternFill("solid", fgColor=fc)
            ws.cell(4, j).fill = PatternFill("solid", fgColor=fc)
    for j, h in enumerate(H, 1):
        c = ws.cell(4, j, h)
        c.font = Font(bold=True)
        c.border = BOX
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(j)].width = 11
    for j, w in ((5, 30), (11, 26), (21, 20), (28, 30)):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "C5"

    r = 5
    for i, p in enumerate(pts):
        s1 = p["sessions"][0]
        row = [None] * ncol
        row[0] = i + 1
        row[1] = p["pid"]
        row[2] = "ж" if p["sex"] == "female" else "ч"
        row[3] = p["age"]
        if p["etiology"] == "pathologic":
            row[4] = ["Метастаз (рак молочної залози)", "Мієломна хвороба", "Метастаз (рак передміхурової залози)",
                      "Метастаз (рак легені)"][int(rng.integers(4))]
        else:
            row[4] = {"osteoporotic": ["Остеопороз", "Остеопоротичний перелом", "остеопороз"][int(rng.integers(3))],
                      "traumatic": "Травма (падіння)", "other": "Інше: хвороба Кюммеля"}[p["etiology"]]
        row[5] = s1["date"]
        row[6] = ", ".join(lv(l) for l in s1["levels"])
        row[7] = "ВП" if s1["technique"] == "vertebroplasty" else "КП"
        if volmode[(p["pid"], 1)] == "per_level":
            row[8] = "+".join(ua(s1["vol"][l]) for l in s1["levels"])
        else:
            row[8] = ua(sum(s1["vol"].values()))
        row[9] = s1["cement"]
        row[10] = leak_txt(s1)
        for j, tp in zip(range(11, 16), TPS):
            v = p["visits"][1].get(tp)
            if v:
                row[j] = v["vas"]
            elif p["died"] and TP_NOMINAL[tp] >= p["death_day"]:
                row[j] = "†"
            else:
                row[j] = "н/з"
        if len(p["sessions"]) > 1:
            s2 = p["sessions"][1]
            row[16] = ", ".join(lv(l) for l in s2["levels"])
            row[17] = s2["date"]
            row[18] = ua(sum(s2["vol"].values()))
            row[19] = "ВП" if s2["technique"] == "vertebroplasty" else "КП"
            row[20] = leak_txt(s2)
            row[21] = p["visits"][2]["pre"]["vas"] if "pre" in p["visits"].get(2, {}) else None
        for n, (d, l) in enumerate(p["fractures"][:2]):
            row[22 + 2 * n] = lv(l)
            row[23 + 2 * n] = add_days(p["date0"], d)
        row[26] = "так" if p["died"] else "ні"
        notes = []
        if p["died"]:
            notes.append(f"помер {add_days(p['date0'], p['death_day']):%d.%m.%Y}")
        if len(p["sessions"]) > 1:
            notes.append("повторне втручання на суміжному рівні")
        row[27] = "; ".join(notes) or None
        # planted errors
        if p["k"] == tgt.get("age"):
            errors.append(err(SH, 4, r, "Вік, р.", p["age"] + 130, f"age {p['age'] + 130} impossible (intended {p['age']})", p["pid"]))
            row[3] = p["age"] + 130
        if p["k"] == tgt.get("d2"):
            bad = add_days(p["sessions"][1]["date"], -365)
            errors.append(err(SH, 18, r, "2-а дата", bad.strftime("%d.%m.%Y"),
                              f"second procedure dated before the first (intended {p['sessions'][1]['date']:%d.%m.%Y})", p["pid"]))
            row[17] = bad
        if p["k"] == tgt.get("vas"):
            errors.append(err(SH, 14, r, "1 міс", 15, f"VAS 15 on a 0-10 scale (intended {row[13]})", p["pid"]))
            row[13] = 15
        if p["k"] == tgt.get("lvl"):
            bad = row[6].replace("Th12", "Th13")
            errors.append(err(SH, 7, r, "Рівень", bad, f"impossible level Th13 (intended {row[6]})", p["pid"]))
            row[6] = bad
        if p["k"] == tgt.get("txt"):
            errors.append(err(SH, 15, r, "3 міс", "добре", f"text instead of a VAS score (intended {row[14]})", p["pid"]))
            row[14] = "добре"
        for j, v in enumerate(row, 1):
            c = ws.cell(r, j, v)
            c.border = BOX
            if isinstance(v, dt.date):
                c.number_format = "dd.mm.yyyy"
            if j in range(12, 17) and v in ("н/з", "†"):
                c.font = Font(color="808080")
                c.alignment = Alignment(horizontal="center")
        r += 1
    # summary lines at the bottom
    r += 1
    ws.cell(r, 1, "Всього пацієнтів:")
    ws.cell(r, 4, len(pts))
    ws.cell(r + 1, 1, "Заповнює: лікар-інтерн, перевірив зав. відділенням").font = Font(italic=True, size=9)

    wb.save(os.path.join(out, "input.xlsx"))
    write_truth(out, pts, errors, [], vol_mode=lambda p, s: volmode[(p["pid"], s["n"])],
                cement_truth=lambda b: BRANDS[b], measures=("vas",))


main()
