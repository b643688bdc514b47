"""Reykjavik blind CSV export: python make.py OUTDIR"""
# ---------------------------------------------------------------- common generator
import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ["T4","T5","T6","T7","T8","T9","T10","T11","T12","L1","L2","L3","L4","L5"]
TP_DAYS = {"24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30, "3m": 91, "6m": 182, "12m": 365}


def gen_patients(rng, n, ids, start, tps, mob=False, leak_sites=("disc", "venous", "paravertebral", "epidural"),
                 p_second=0.15, p_multi=0.3, p_missing_visit=0.2, techs=("vertebroplasty", "kyphoplasty"),
                 tech_p=(0.7, 0.3), cement_types=("PMMA",), vol_step=0.5, tps2=None):
    pats = []
    for i in range(n):
        sex = "female" if rng.random() < 0.7 else "male"
        et = rng.choice(["osteoporotic", "pathologic", "traumatic"], p=[0.7, 0.2, 0.1])
        age = int(rng.integers(52, 90)) if et != "traumatic" else int(rng.integers(35, 75))
        d1 = start + dt.timedelta(days=int(rng.integers(0, 540)))
        died = "yes" if rng.random() < 0.12 else "no"
        sessions = []
        nsess = 2 if rng.random() < p_second else 1
        used = set()
        for s in range(nsess):
            if s == 0:
                day = 0
            else:
                day = int(rng.integers(21, 80))
            nlev = 1 + (rng.random() < p_multi) + (rng.random() < 0.1)
            while True:
                k = int(rng.integers(2, len(LEVELS) - nlev))
                levs = LEVELS[k:k + nlev]
                if not used.intersection(levs):
                    break
            used.update(levs)
            tech = str(rng.choice(list(techs), p=list(tech_p)))
            vols = [float(np.round(rng.uniform(2.0, 6.5) / vol_step) * vol_step) for _ in levs]
            ctype = str(rng.choice(list(cement_types)))
            leaks = []
            for _ in levs:
                if rng.random() < 0.75:
                    leaks.append("none")
                else:
                    leaks.append(str(rng.choice(list(leak_sites))))
            pain = {"pre": int(rng.integers(6, 11))}
            mobv = {"pre": int(rng.integers(1, 4))} if mob else {}
            vis = {}
            stps = tps if s == 0 else ([t for t in tps if TP_DAYS[t] <= 42][:1] if tps2 is None else tps2)
            last = pain["pre"]
            for t in stps:
                if rng.random() < p_missing_visit:
                    continue
                if died == "yes" and TP_DAYS[t] > 120:
                    continue
                last = int(max(0, min(10, last - rng.integers(1, 4) + (rng.random() < 0.2) * 3)))
                pain[t] = last
                if mob:
                    mobv[t] = int(min(4, mobv["pre"] + rng.integers(0, 3)))
                vis[t] = day + TP_DAYS[t] + int(rng.integers(-3, 4)) if TP_DAYS[t] > 7 else day + TP_DAYS[t]
            sessions.append(dict(session=s + 1, day=day, levels=levs, tech=tech, vols=vols, ctype=ctype,
                                 leaks=leaks, pain=pain, mob=mobv, visit_day=vis))
        fr = []
        if rng.random() < 0.15:
            free = [l for l in LEVELS if l not in used]
            fr.append((int(rng.integers(40, 200)), str(rng.choice(free))))
        pats.append(dict(pid=ids[i], sex=sex, age=age, etiology=str(et), died=died, d1=d1, sessions=sessions,
                         fractures=fr))
    return pats


def sdate(p, s):
    return p["d1"] + dt.timedelta(days=s["day"])


def write_truth(out, pats, errors, idents, cement_mode="per_level", record=None):
    """cement_mode: per_level | session | single_or_session (per-vertebra for 1 level, session total otherwise)
    record: dict of which patient fields are recorded (sex, age, etiology, died, technique, cement_type, leakage)"""
    record = record or {}
    rec = lambda k: record.get(k, True)
    td = os.path.join(out, "truth")
    os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), "w", newline="", encoding="utf-8") as f:
            cw = csv.writer(f, lineterminator="\n")
            cw.writerow(header)
            cw.writerows(rows)
    fmt = lambda v: ("%g" % v)
    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"] if rec("sex") else "", p["age"] if rec("age") else "",
        p["etiology"] if rec("etiology") else "", p["died"] if rec("died") else ""] for p in pats])
    rows = []
    for p in pats:
        for s in p["sessions"]:
            tot = sum(s["vols"])
            for lv, v, lk in zip(s["levels"], s["vols"], s["leaks"]):
                if cement_mode == "per_level" or (cement_mode == "single_or_session" and len(s["levels"]) == 1):
                    cv, sv = fmt(v), ""
                else:
                    cv, sv = "", fmt(tot)
                rows.append([p["pid"], s["session"], s["day"], lv, s["tech"] if rec("technique") else "", cv, sv,
                             s["ctype"] if rec("cement_type") else "", lk if rec("leakage") else ""])
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], rows)
    rows = []
    for p in pats:
        for s in p["sessions"]:
            for t, v in s["pain"].items():
                rows.append([p["pid"], s["session"], "pain_vas", t, fmt(v)])
            for t, v in s["mob"].items():
                rows.append([p["pid"], s["session"], "mobility", t, fmt(v)])
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], rows)
    w("fractures.csv", ["patient_id", "day", "level"], [[p["pid"], d, l] for p in pats for d, l in p["fractures"]])
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"], errors)
    w("identifiers.csv", ["kind", "value"], idents)


def col_letter(c):  # 1-based
    s = ""
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------- end common
# ---------------------------------------------------------------- reykjavik


def main(out):
    rng = np.random.default_rng(1103)
    n = 23
    ids = ["HF%d" % (101 + i) for i in range(n)]
    pats = gen_patients(rng, n, ids, dt.date(2021, 3, 1), ["2w", "6w", "12m"], mob=False,
                        leak_sites=("disc", "venous", "paravertebral", "epidural"), tech_p=(0.6, 0.4),
                        cement_types=("PMMA", "PMMA", "PMMA", "calcium phosphate"), p_missing_visit=0.2)
    d = lambda x: "%d.%d.%d" % (x.day, x.month, x.year)
    num = lambda v: ("%g" % v).replace(".", ",") if v != int(v) else "%d,0" % v
    ORS = {"osteoporotic": ["beinþynning"], "pathologic": ["meinvörp", "mergæxli"], "traumatic": ["áverki (fall)", "áverki (umferðarslys)"]}
    TECH = {"vertebroplasty": "VP", "kyphoplasty": "BKP"}
    CT = {"PMMA": "PMMA", "calcium phosphate": "kalsíumfosfat"}
    LK = {"disc": "liðþófi", "venous": "bláæð", "paravertebral": "mjúkvefur við hrygg", "epidural": "mænugöng (epidural)"}
    hdr = ["Rannsóknarnúmer", "Kyn", "Aldur", "Orsök", "Aðgerð nr.", "Dags. aðgerðar", "Hryggjarliður", "Aðferð",
           "Sement (ml)", "Sementstegund", "Leki", "Staðsetning leka", "VAS fyrir", "VAS 2 vikur", "VAS 6 vikur",
           "VAS 12 mán.", "Nýtt brot (liður)", "Dags. nýs brots", "Látinn"]
    for p in pats:
        p["ors"] = str(rng.choice(ORS[p["etiology"]]))
    lines = []
    where = {}
    for p in pats:
        fr_l = "; ".join(l for _, l in p["fractures"])
        fr_d = "; ".join(d(p["d1"] + dt.timedelta(days=x)) for x, _ in p["fractures"])
        for s in p["sessions"]:
            for lv, v, lk in zip(s["levels"], s["vols"], s["leaks"]):
                def pv(t):
                    if t in s["pain"]:
                        return str(s["pain"][t])
                    if t == "pre":
                        return ""
                    return "mætti ekki" if (p["pid"].endswith(("3", "7")) and s["session"] == 1) else ""
                row = [p["pid"], "kona" if p["sex"] == "female" else "karl", str(p["age"]), p["ors"], str(s["session"]),
                       d(sdate(p, s)), lv, TECH[s["tech"]], num(v), CT[s["ctype"]],
                       "nei" if lk == "none" else "já", "" if lk == "none" else LK[lk],
                       pv("pre"), pv("2w"), pv("6w"), pv("12m"), fr_l, fr_d, "já" if p["died"] == "yes" else "nei"]
                lines.append(row)
                where.setdefault((p["pid"], s["session"]), []).append(len(lines) + 1)  # file row (header = 1)
    errors = []
    sh = "input"
    used = set()
    def pick(cond):
        for p in pats[2:]:
            if p["pid"] not in used and cond(p):
                used.add(p["pid"])
                return p
    def put(row, col, val, what, pid):
        lines[row - 2][col] = val
        errors.append([sh, "%s%d" % (col_letter(col + 1), row), row, hdr[col], val, what, pid])
    p = pick(lambda p: True); rr = where[(p["pid"], 1)][0]
    put(rr, 6, "L7", "level L7 does not exist", p["pid"])
    p = pick(lambda p: p["d1"].year in (2021, 2022, 2023) and p["d1"].month in (1, 2, 3, 4)); rr = where[(p["pid"], 1)][0]
    bad = "29.2.%d" % (2023 if p["d1"].year != 2023 else 2022)
    bad = "29.2.%d" % p["d1"].year if p["d1"].year % 4 else "31.4.%d" % p["d1"].year
    put(rr, 5, bad, "impossible date", p["pid"])
    p = pick(lambda p: "6w" in p["sessions"][0]["pain"]); rr = where[(p["pid"], 1)][-1]
    put(rr, 14, "77", "VAS 77 on a 0-10 scale", p["pid"])
    p = pick(lambda p: True); rr = where[(p["pid"], 1)][0]
    put(rr, 8, "35,0", "35 mL of cement in one vertebra is impossible", p["pid"])
    p = pick(lambda p: True); rr = where[(p["pid"], 1)][0]
    put(rr, 2, "210", "age 210 is impossible", p["pid"])
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "input.csv"), "w", encoding="cp1252", newline="") as f:
        for row in [hdr] + lines:
            f.write(";".join(row) + "\r\n")
    write_truth(out, pats, errors, [], cement_mode="per_level")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
