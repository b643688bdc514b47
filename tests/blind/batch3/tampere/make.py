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
"""Tampere (invented unit): Finnish hospital-system CSV exports (several files, cp1252, ';')."""

SEED = 3308
TPS = ["pre", "24h", "6w", "3m", "12m"]
BRANDS = {"Vertecem V+": "PMMA", "Kyphon Xpede": "PMMA", "Cortoss": "Cortoss"}
KAYNTI = {"pre": "Lähtötilanne", "24h": "1 vrk", "6w": "6 vk", "3m": "3 kk", "12m": "12 kk"}
LEAK_FI = {"disc": "välilevyyn", "venous": "laskimoon", "paravertebral": "paravertebraalisesti",
           "epidural": "epiduraalitilaan", "foraminal": "foramenin alueelle"}
SUKU = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
        "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Heikkilä", "Kinnunen",
        "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila",
        "Savolainen", "Lahtinen", "Ahonen"]
NAISET = ["Aino Helena", "Marjatta", "Eila Kaarina", "Tuula", "Raili Annikki", "Sirkka", "Anna-Liisa", "Leena",
          "Pirkko Inkeri", "Kaija", "Helvi", "Maija-Leena", "Ritva", "Terttu"]
MIEHET = ["Matti Juhani", "Pentti", "Kalevi", "Heikki Olavi", "Timo", "Erkki Ilmari", "Seppo", "Veikko", "Jorma"]
CHK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def fi(x):
    return fmt(x).replace(".", ",")


def fdate(d):
    return f"{d.day}.{d.month}.{d.year}"


def lvl_fi(l):
    return "Th" + l[1:] if l.startswith("T") else l


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def write_export(path, header, rows):
    with open(path, "w", newline="", encoding="cp1252") as f:
        f.write(";".join(header) + "\r\n")
        for r in rows:
            f.write(";".join("" if v is None else str(v) for v in r) + "\r\n")


def main():
    out = outdir_from_argv()
    pts, rng = gen_cohort(SEED, 28, dt.date(2021, 2, 1), 540, TPS, p_two=0.2, p_extra_fx=0.15, p_died=0.12,
                          odi_tps=("pre", "3m", "12m"), cements=tuple(BRANDS), cement_p=[0.6, 0.3, 0.1],
                          s2_tps=("pre", "6w"))
    ind = os.path.join(out, "input")
    os.makedirs(ind, exist_ok=True)
    ids = []
    # VAS recorded in mm (0-100): turn the 0-10 values into mm with jitter; truth = mm / 10
    for p in pts:
        for sn, vis in p["visits"].items():
            for tp, v in vis.items():
                mm = int(min(100, max(0, v["vas"] * 10 + int(rng.integers(-4, 5)))))
                v["mm"] = mm
                v["vas"] = mm / 10
    for i, p in enumerate(pts):
        p["pid"] = f"VPR-{i + 101}"
        p["suku"] = SUKU[i % len(SUKU)]
        p["etu"] = (NAISET if p["sex"] == "female" else MIEHET)[int(rng.integers(len(NAISET if p["sex"] == "female" else MIEHET)))]
        born = add_days(p["date0"], -(p["age"] * 365 + p["age"] // 4 + int(rng.integers(5, 360))))
        assert (p["date0"].year - born.year - ((p["date0"].month, p["date0"].day) < (born.month, born.day))) == p["age"]
        p["born"] = born
        nnn = int(rng.integers(450, 499)) * 2 + (1 if p["sex"] == "male" else 0)   # 900-999: not real persons
        base = f"{born:%d%m}{born.year % 100:02d}"
        p["hetu"] = f"{base}-{nnn}{CHK[int(base + str(nnn)) % 31]}"
        for kv in (["name", p["suku"]], ["name", p["etu"]], ["record_number", p["hetu"]], ["birth_date", fdate(born)]):
            if kv not in ids:
                ids.append(kv)

    order = [int(x) for x in rng.permutation(len(pts))]
    tgt = {}
    for k in order:
        p = pts[k]
        if "lvl" not in tgt and len(p["sessions"][0]["levels"]) >= 2:
            tgt["lvl"] = k
        elif "vol" not in tgt and len(p["sessions"][0]["levels"]) == 1 and p["sessions"][0]["cement"] != "Cortoss":
            tgt["vol"] = k
        elif "mm" not in tgt and "6w" in p["visits"][1]:
            tgt["mm"] = k
        elif "date" not in tgt and "3m" in p["visits"][1]:
            tgt["date"] = k
        elif "death" not in tgt and p["died"]:
            tgt["death"] = k
    errors = []

    def age_at(p, d):
        b = p["born"]
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day))

    # ---------------- potilaat.csv
    H = ["Tutkimusnro", "Henkilötunnus", "Sukunimi", "Etunimet", "Sukupuoli", "Syntymäaika", "Kuolinpäivä",
         "Dg-koodi", "Diagnoosi"]
    rows = []
    for p in pts:
        if p["etiology"] == "osteoporotic":
            dg = [("M80.08", "Osteoporoosi ja patologinen murtuma, nikama"),
                  ("M80.88", "Muu osteoporoosi ja patologinen murtuma, nikama")][int(rng.integers(2))]
        elif p["etiology"] == "pathologic":
            dg = [("C79.5", "Luun ja luuytimen etäpesäke"), ("C90.0", "Myelooma")][int(rng.integers(2))]
        elif p["etiology"] == "traumatic":
            dg = ("S32.00" if p["sessions"][0]["levels"][0].startswith("L") else "S22.00",
                  "Nikaman murtuma, tapaturma (kaatuminen)")
        else:
            dg = ("M48.5", "Kasaanpainunut nikama, muualla luokittamaton (Kümmellin tauti)")
        death = fdate(add_days(p["date0"], p["death_day"])) if p["died"] else ""
        r = len(rows) + 2
        if p["k"] == tgt.get("death"):
            bad = add_days(p["date0"], -40)
            errors.append(err("potilaat", "G", r, "Kuolinpäivä", fdate(bad),
                              f"death date before the first procedure (intended {death})", p["pid"]))
            death = fdate(bad)
        rows.append([p["pid"], p["hetu"], p["suku"], p["etu"], "Nainen" if p["sex"] == "female" else "Mies",
                     fdate(p["born"]), death, dg[0], dg[1]])
    write_export(os.path.join(ind, "potilaat.csv"), H, rows)

    # ---------------- toimenpiteet.csv (one row per level, plus biopsies)
    H = ["Tutkimusnro", "Käyntinro", "Toimenpidepvm", "Toimenpide", "Taso", "Sementti", "Sementtimäärä ml",
         "Sementtivuoto", "Potilaan ikä", "Operoija"]
    rows = []
    visitno = {}
    ops = ["Lääkäri Ojala", "Lääkäri Rinne", "LL Vainio"]
    tp_rows = []
    for p in pts:
        for s in p["sessions"]:
            kno = int(rng.integers(1_000_000, 9_999_999))
            visitno[(p["pid"], s["n"])] = kno
            op = ops[int(rng.integers(3))]
            if p["etiology"] == "pathologic" and s["n"] == 1 and rng.random() < 0.6:
                tp_rows.append((p, s, None, [p["pid"], kno, fdate(s["date"]), "Luubiopsia, nikama (neula)",
                                            lvl_fi(s["levels"][0]), "", "", "", age_at(p, s["date"]), op]))
            for j, l in enumerate(s["levels"]):
                lk = s["leak"][l]
                if not lk:
                    lk_txt = ["Ei", "Ei vuotoa", "ei"][int(rng.integers(3))]
                else:
                    lk_txt = "Vähäinen vuoto " + " ja ".join(LEAK_FI[x] for x in lk)
                tp_rows.append((p, s, l, [p["pid"], kno, fdate(s["date"]),
                                         "Vertebroplastia" if s["technique"] == "vertebroplasty" else "Kyfoplastia (pallo)",
                                         lvl_fi(l), s["cement"], fi(s["vol"][l]), lk_txt, age_at(p, s["date"]), op]))
    for p, s, l, row in tp_rows:
        r = len(rows) + 2
        if l is not None and p["k"] == tgt.get("lvl") and s["n"] == 1 and l == s["levels"][-1]:
            bad = "L7" if l.startswith("L") else "Th13"
            errors.append(err("toimenpiteet", "E", r, "Taso", bad, f"impossible level {bad} (intended {lvl_fi(l)})", p["pid"]))
            row[4] = bad
        if l is not None and p["k"] == tgt.get("vol") and s["n"] == 1:
            errors.append(err("toimenpiteet", "G", r, "Sementtimäärä ml", "45", f"45 mL in one vertebra (intended {fi(s['vol'][l])})", p["pid"]))
            row[6] = "45"
        rows.append(row)
    write_export(os.path.join(ind, "toimenpiteet.csv"), H, rows)

    # ---------------- mittaukset.csv (long: one measurement per row)
    H = ["Tutkimusnro", "Mittausaika", "Käynti", "Viite toimenpidekäyntiin", "Mittari", "Arvo", "Kirjaaja"]
    rows = []
    for p in pts:
        meas = []
        for sn, vis in sorted(p["visits"].items()):
            s = p["sessions"][sn - 1]
            for tp, v in vis.items():
                d = add_days(s["date"], v["day"])
                ts = f"{fdate(d)} {int(rng.integers(7, 16))}:{int(rng.integers(0, 60)):02d}"
                label = KAYNTI[tp] + (" (2. toimenpide)" if sn == 2 else "")
                meas.append((d, tp, sn, [p["pid"], ts, label, visitno[(p['pid'], sn)], "Kipu VAS (0-100 mm)", v["mm"],
                                         "sh"]))
                if "odi" in v:
                    meas.append((d, tp, sn, [p["pid"], ts, label, visitno[(p['pid'], sn)], "ODI (%)", v["odi"], "ft"]))
                if tp in ("pre", "12m") and sn == 1:
                    meas.append((d, tp, sn, [p["pid"], ts, label, visitno[(p['pid'], sn)], "EQ-5D-5L indeksi",
                                             fi(round(float(rng.uniform(0.3, 0.9)), 3)), "ft"]))
        for d, tp, sn, row in meas:
            r = len(rows) + 2
            if p["k"] == tgt.get("mm") and tp == "6w" and sn == 1 and row[4].startswith("Kipu"):
                bad = row[5] * 10 + 5 if row[5] else 850
                errors.append(err("mittaukset", "F", r, "Arvo", bad, f"VAS {bad} mm on a 0-100 mm scale (intended {row[5]})", p["pid"]))
                row[5] = bad
            if p["k"] == tgt.get("date") and tp == "3m" and sn == 1 and row[4].startswith("Kipu"):
                bad = add_days(d, -365)
                t = row[1].split(" ")[1]
                errors.append(err("mittaukset", "B", r, "Mittausaika", f"{fdate(bad)} {t}",
                                  f"3-month visit dated before the procedure (intended {fdate(d)})", p["pid"]))
                row[1] = f"{fdate(bad)} {t}"
            rows.append(row)
    write_export(os.path.join(ind, "mittaukset.csv"), H, rows)

    # ---------------- kuvantaminen.csv (radiology excerpts; new fractures in free text)
    H = ["Tutkimusnro", "Tutkimuspvm", "Tutkimus", "Lausunnon ote"]
    rows = []
    for p in pts:
        ev = []
        def treated_by(day):
            return ", ".join(lvl_fi(l) for s in p["sessions"] if s["day"] < day for l in s["levels"])
        for tp in ("6w", "12m"):
            v = p["visits"][1].get(tp)
            if v and not any(abs(f[0] - v["day"]) < 3 for f in p["fractures"]):
                ev.append((v["day"], "Rtg LS-ranka sivu",
                           f"Sementoitu {treated_by(v['day'])}, ennallaan. Ei uusia murtumia."))
        for d, l in p["fractures"]:
            kind = ["MK LS-ranka", "TT rintaranka", "Rtg LS-ranka sivu"][int(rng.integers(3))]
            ev.append((d, kind, f"Sementoitu {treated_by(d)}, ennallaan. Uusi tuore kompressiomurtuma {lvl_fi(l)}-nikamassa, "
                                f"korkeus madaltunut n. {int(rng.integers(20, 45))} %."))
        for d, kind, txt in sorted(ev):
            rows.append([p["pid"], fdate(add_days(p["date0"], d)), kind, txt])
    write_export(os.path.join(ind, "kuvantaminen.csv"), H, rows)

    write_truth(out, pts, errors, ids, vol_mode="per_level", cement_truth=lambda b: BRANDS[b],
                measures=("vas", "odi"))


main()
