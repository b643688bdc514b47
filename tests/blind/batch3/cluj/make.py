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
"""Cluj (invented unit): REDCap longitudinal export, fields renamed in Romanian, repeating instruments."""

SEED = 3609
TPS = ["pre", "24h", "1m", "3m", "12m"]
BRANDS = {"Osteopal V": "PMMA", "Vertecem V+": "PMMA", "HydroSet": "calcium phosphate"}
ARM = " (Arm 1: Registru VP)"
EV = {"inc": "Includere", "p1": "Procedura 1", "24h": "Externare 24h", "1m": "Control 1 luna",
      "3m": "Control 3 luni", "12m": "Control 12 luni", "p2": "Procedura 2", "p2_1m": "Control 1 luna dupa P2",
      "fin": "Final studiu"}
LEAK_CODES = [("disc", "disc"), ("venos", "venous"), ("paravert", "paravertebral"), ("epidural", "epidural"),
              ("foraminal", "foraminal")]


def main():
    out = outdir_from_argv()
    pts, rng = gen_cohort(SEED, 30, dt.date(2021, 9, 1), 480, TPS, p_two=0.2, p_extra_fx=0.15, p_died=0.12,
                          odi_tps=("pre", "3m", "12m"), cements=("Osteopal V", "Vertecem V+"), s2_tps=("pre", "1m"))
    for i, p in enumerate(pts):
        p["pid"] = f"4-{i + 1}"
        if p["etiology"] == "traumatic" and p["age"] < 68:
            for s in p["sessions"]:
                s["cement"] = "HydroSet"

    fields = ["id_pacient", "redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance",
              "data_includerii", "sex", "varsta", "etiologie", "etiologie_alta", "demografie_complete",
              "data_procedurii", "tehnica", "tip_ciment", "marca_ciment", "nr_niveluri", "vas_preop", "odi_preop",
              "procedura_complete",
              "nivel", "volum_ciment", ] + [f"scurgere___{c}" for c, _ in LEAK_CODES] + ["scurgere___nu",
              "vertebra_tratata_complete",
              "data_control", "vas_control", "odi_control", "control_complete",
              "data_fracturii", "nivel_fractura", "tratament_fractura", "fractura_noua_complete",
              "decedat", "data_deces", "final_studiu_complete"]
    FI = {f: i for i, f in enumerate(fields)}

    def col(i):
        s = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(65 + r) + s
        return s

    order = [int(x) for x in rng.permutation(len(pts))]
    tgt = {}
    for k in order:
        p = pts[k]
        v = p["visits"][1]
        if "lvl" not in tgt and len(p["sessions"][0]["levels"]) >= 2:
            tgt["lvl"] = k
        elif "vol" not in tgt and len(p["sessions"][0]["levels"]) == 1:
            tgt["vol"] = k
        elif "vas" not in tgt and "3m" in v:
            tgt["vas"] = k
        elif "date" not in tgt and "1m" in v:
            tgt["date"] = k
        elif "age" not in tgt:
            tgt["age"] = k
    errors = []
    rows = []

    def new_row(p, ev, instr="", inst=""):
        r = [""] * len(fields)
        r[0] = p["pid"]
        r[1] = EV[ev] + ARM
        r[2] = instr
        r[3] = inst
        return r

    def emit(r, p, errs=()):
        rows.append(r)

    for p in pts:
        rn = lambda: len(rows) + 2
        # inclusion
        r = new_row(p, "inc")
        r[FI["data_includerii"]] = add_days(p["date0"], -int(rng.integers(0, 3))).isoformat()
        r[FI["sex"]] = "Feminin" if p["sex"] == "female" else "Masculin"
        r[FI["varsta"]] = str(p["age"])
        et = {"osteoporotic": "Osteoporoza", "traumatic": "Traumatism", "other": "Alta cauza"}.get(p["etiology"])
        if et is None:
            et = ["Metastaza", "Mielom multiplu"][int(rng.integers(2))]
        r[FI["etiologie"]] = et
        if p["etiology"] == "other":
            r[FI["etiologie_alta"]] = "boala Kümmell (osteonecroza)"
        r[FI["demografie_complete"]] = "Complete"
        if p["k"] == tgt.get("age"):
            bad = str(p["age"] + 130)
            errors.append(err("input", col(FI["varsta"]), rn(), "varsta", bad, f"age {bad} impossible (intended {p['age']})", p["pid"]))
            r[FI["varsta"]] = bad
        rows.append(r)
        for s in p["sessions"]:
            ev = "p1" if s["n"] == 1 else "p2"
            r = new_row(p, ev)
            r[FI["data_procedurii"]] = s["date"].isoformat()
            r[FI["tehnica"]] = "Vertebroplastie" if s["technique"] == "vertebroplasty" else "Cifoplastie cu balon"
            r[FI["tip_ciment"]] = "Fosfat de calciu" if BRANDS[s["cement"]] == "calcium phosphate" else "PMMA"
            r[FI["marca_ciment"]] = s["cement"]
            r[FI["nr_niveluri"]] = str(len(s["levels"]))
            pre = p["visits"].get(s["n"], {}).get("pre")
            if pre:
                r[FI["vas_preop"]] = str(pre["vas"])
                if "odi" in pre:
                    r[FI["odi_preop"]] = str(pre["odi"])
            r[FI["procedura_complete"]] = "Complete"
            rows.append(r)
            for n, l in enumerate(s["levels"], 1):
                r = new_row(p, ev, "Vertebra tratata", str(n))
                r[FI["nivel"]] = l
                r[FI["volum_ciment"]] = fmt(s["vol"][l])
                for c, name in LEAK_CODES:
                    r[FI[f"scurgere___{c}"]] = "Checked" if name in s["leak"][l] else "Unchecked"
                r[FI["scurgere___nu"]] = "Checked" if not s["leak"][l] else "Unchecked"
                r[FI["vertebra_tratata_complete"]] = "Complete" if rng.random() < 0.85 else "Unverified"
                if s["n"] == 1 and p["k"] == tgt.get("lvl") and n == len(s["levels"]):
                    bad = "L7" if l.startswith("L") else "T13"
                    errors.append(err("input", col(FI["nivel"]), rn(), "nivel", bad, f"impossible level (intended {l})", p["pid"]))
                    r[FI["nivel"]] = bad
                if s["n"] == 1 and p["k"] == tgt.get("vol"):
                    errors.append(err("input", col(FI["volum_ciment"]), rn(), "volum_ciment", "45",
                                      f"45 mL in one vertebra (intended {fmt(s['vol'][l])})", p["pid"]))
                    r[FI["volum_ciment"]] = "45"
                rows.append(r)
            # controls after this session
            if s["n"] == 1:
                for tp in ("24h", "1m", "3m", "12m"):
                    v = p["visits"][1].get(tp)
                    if v is None:
                        if not (p["died"] and TP_NOMINAL[tp] >= p["death_day"]) and rng.random() < 0.4:
                            r = new_row(p, tp)          # event opened, nothing entered
                            r[FI["control_complete"]] = "Incomplete"
                            rows.append(r)
                        continue
                    r = new_row(p, tp)
                    d = add_days(s["date"], v["day"])
                    r[FI["data_control"]] = d.isoformat()
                    r[FI["vas_control"]] = str(v["vas"])
                    if "odi" in v:
                        r[FI["odi_control"]] = str(v["odi"])
                    r[FI["control_complete"]] = "Complete"
                    if p["k"] == tgt.get("vas") and tp == "3m":
                        errors.append(err("input", col(FI["vas_control"]), rn(), "vas_control", "14",
                                          f"VAS 14 on a 0-10 scale (intended {v['vas']})", p["pid"]))
                        r[FI["vas_control"]] = "14"
                    if p["k"] == tgt.get("date") and tp == "1m":
                        bad = add_days(s["date"], -int(rng.integers(20, 40)))
                        errors.append(err("input", col(FI["data_control"]), rn(), "data_control", bad.isoformat(),
                                          f"1-month control dated before the procedure (intended {d.isoformat()})", p["pid"]))
                        r[FI["data_control"]] = bad.isoformat()
                    rows.append(r)
            else:
                v = p["visits"][2].get("1m")
                if v:
                    r = new_row(p, "p2_1m")
                    r[FI["data_control"]] = add_days(s["date"], v["day"]).isoformat()
                    r[FI["vas_control"]] = str(v["vas"])
                    r[FI["control_complete"]] = "Complete"
                    rows.append(r)
        # final: repeating new fractures + death
        for n, (d, l) in enumerate(p["fractures"], 1):
            r = new_row(p, "fin", "Fractura noua", str(n))
            r[FI["data_fracturii"]] = add_days(p["date0"], d).isoformat()
            r[FI["nivel_fractura"]] = l
            treated = any(l in s["levels"] for s in p["sessions"][1:])
            r[FI["tratament_fractura"]] = "Procedura 2" if treated else "Conservator"
            r[FI["fractura_noua_complete"]] = "Complete"
            rows.append(r)
        r = new_row(p, "fin")
        r[FI["decedat"]] = "Da" if p["died"] else "Nu"
        if p["died"]:
            r[FI["data_deces"]] = add_days(p["date0"], p["death_day"]).isoformat()
        r[FI["final_studiu_complete"]] = "Complete" if p["died"] or rng.random() < 0.7 else "Unverified"
        rows.append(r)

    with open(os.path.join(out, "input.csv"), "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(fields)
        w.writerows(rows)
    write_truth(out, pts, errors, [], vol_mode="per_level", cement_truth=lambda b: BRANDS[b],
                measures=("vas", "odi"))


main()
