"""Blind test input: Chilean hospital information system export (invented), one row per visit.

Semicolon separated, latin-1, decimal commas, dd-mm-yyyy.
Usage: python make.py OUTDIR
"""
import csv
import datetime as dt
import os
import sys

import numpy as np

SEED = 50504
LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]
CONTROLS1 = [("pre", "PREOP", 0), ("24h", "CONTROL 24 HRS", 1), ("1m", "CONTROL 1 MES", 30),
             ("6m", "CONTROL 6 MESES", 182), ("12m", "CONTROL 12 MESES", 365)]
CONTROLS2 = CONTROLS1[:3]


def rut_dv(num):
    s, m = 0, 2
    for d in reversed(str(num)):
        s += int(d) * m
        m = 2 if m == 7 else m + 1
    r = 11 - s % 11
    return "0" if r == 11 else "K" if r == 10 else str(r)


def fmt_rut(num):
    s = f"{num:,}".replace(",", ".")
    return f"{s}-{rut_dv(num)}"


def ddmmyyyy(d):
    return d.strftime("%d-%m-%Y")


def dec(x):
    return f"{x:.1f}".replace(".", ",")


def make_session(rng, k, date, day, lvls, died):
    tech = "kyphoplasty" if rng.random() < 0.4 else "vertebroplasty"
    ct = "calcium phosphate" if rng.random() < 0.1 else "PMMA"
    vols = [float(np.round(rng.uniform(2.0, 6.0) * 2) / 2) for _ in lvls]
    leaks = []
    for _ in lvls:
        r = rng.random()
        leaks.append("none" if r < 0.72 else "disc" if r < 0.84 else "venous" if r < 0.92 else
                     "epidural" if r < 0.96 else "foraminal")
    pain = float(rng.integers(6, 11))
    visits = []
    for tp, code, off in (CONTROLS1 if k == 1 else CONTROLS2):
        if tp == "pre":
            vd = date - dt.timedelta(days=int(rng.integers(0, 8)))
        elif tp == "24h":
            vd = date + dt.timedelta(days=1)
        else:
            vd = date + dt.timedelta(days=off + int(rng.integers(-7, 15)))
        if tp != "pre":
            pain = max(0.0, pain - float(rng.integers(0, 4)) - (0.5 if rng.random() < 0.15 else 0.0))
        if died == "yes" and tp == "12m":
            continue
        r = rng.random()
        if tp not in ("pre", "24h") and r < 0.12:
            continue  # control not exported at all
        attended = tp in ("pre", "24h") or r > 0.25
        visits.append(dict(tp=tp, code=code, date=vd, attended=attended, pain=pain if attended else None,
                           fx=None))
    return dict(k=k, date=date, day=day, levels=lvls, tech=tech, ct=ct, vols=vols, leaks=leaks, visits=visits)


def gen(rng):
    n = 28
    pats = []
    base = dt.date(2020, 3, 2)
    for i in range(n):
        pid = f"VTP-{i + 1:03d}"
        sex = "female" if rng.random() < 0.7 else "male"
        etio = str(rng.choice(["osteoporotic"] * 6 + ["pathologic"] * 2 + ["traumatic"]))
        age = int(rng.integers(56, 90)) if etio == "osteoporotic" else int(rng.integers(35, 78))
        d1 = base + dt.timedelta(days=int(rng.integers(0, 640)))
        anniv = dt.date(d1.year - age, d1.month, min(d1.day, 28))
        birth = anniv - dt.timedelta(days=int(rng.integers(1, 360)))
        rutn = int(rng.integers(3_000_000, 16_000_000))
        ficha = int(rng.integers(100000, 999999))
        died = "yes" if rng.random() < 0.12 else "no"
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        start = int(rng.integers(LEVELS.index("T8"), LEVELS.index("L4") - nlev + 2))
        sessions = [make_session(rng, 1, d1, 0, LEVELS[start:start + nlev], died)]
        if rng.random() < 0.2:
            day2 = int(rng.integers(40, 170))
            cand = [LEVELS[start - 1], LEVELS[start + nlev]]
            sessions.append(make_session(rng, 2, d1 + dt.timedelta(days=day2), day2,
                                         [cand[int(rng.integers(0, 2))]], died))
        fx = []
        if rng.random() < 0.18:
            att = [v for v in sessions[0]["visits"] if v["tp"] in ("6m", "12m") and v["attended"]]
            if att:
                v = att[0]
                used = set(l for s in sessions for l in s["levels"])
                cand = [l for l in LEVELS[LEVELS.index("T6"):LEVELS.index("L5") + 1] if l not in used]
                lv = cand[int(rng.integers(0, len(cand)))]
                v["fx"] = lv
                fx.append(((v["date"] - d1).days, lv))
        pats.append(dict(pid=pid, sex=sex, age=age, etio=etio, died=died, birth=birth, rut=fmt_rut(rutn),
                         ficha=str(ficha), sessions=sessions, fx=fx))
    return pats


CIE = {"osteoporotic": [("M80.0", "FRACTURA VERTEBRAL OSTEOPORÓTICA"), ("M80.8", "OSTEOPOROSIS CON FRACTURA PATOLÓGICA")],
       "pathologic": [("C79.5", "METÁSTASIS ÓSEA VERTEBRAL"), ("C90.0", "MIELOMA MÚLTIPLE")],
       "traumatic": [("S32.0", "FRACTURA VÉRTEBRA LUMBAR"), ("S22.0", "FRACTURA VÉRTEBRA TORÁCICA")]}
LEAK_CODE = {"none": "N", "disc": "DISCAL", "venous": "VENOSA", "epidural": "EPIDURAL", "foraminal": "FORAMINAL"}


def main(out):
    rng = np.random.default_rng(SEED)
    pats = gen(rng)
    rng2 = np.random.default_rng(SEED + 1)
    header = ["ID_ESTUDIO", "RUT", "N_FICHA", "FEC_NAC", "SEXO", "EDAD", "CIE10", "DIAGNOSTICO", "FALLECIDO",
              "N_PROC", "FECHA_PROC", "TIPO_PROC", "NIVEL_1", "VOL_1_ML", "FUGA_1", "NIVEL_2", "VOL_2_ML",
              "FUGA_2", "NIVEL_3", "VOL_3_ML", "FUGA_3", "CEMENTO", "FECHA_CONTROL", "TIPO_CONTROL", "ASISTE",
              "EVA", "NUEVA_FX", "NIVEL_NUEVA_FX", "OBSERVACION"]
    colL = {h: (chr(ord("A") + j) if j < 26 else "A" + chr(ord("A") + j - 26)) for j, h in enumerate(header)}
    rows = []
    for p in pats:
        code, txt = CIE[p["etio"]][int(rng2.integers(0, 2))]
        for s in p["sessions"]:
            for v in s["visits"]:
                row = {h: "" for h in header}
                row.update(ID_ESTUDIO=p["pid"], RUT=p["rut"], N_FICHA=p["ficha"], FEC_NAC=ddmmyyyy(p["birth"]),
                           SEXO="F" if p["sex"] == "female" else "M", EDAD=str(p["age"]), CIE10=code,
                           DIAGNOSTICO=txt, FALLECIDO="S" if p["died"] == "yes" else "N", N_PROC=str(s["k"]),
                           FECHA_PROC=ddmmyyyy(s["date"]), TIPO_PROC="CP" if s["tech"] == "kyphoplasty" else "VP",
                           CEMENTO="PMMA" if s["ct"] == "PMMA" else "FOSFATO CÁLCICO",
                           FECHA_CONTROL=ddmmyyyy(v["date"]), TIPO_CONTROL=v["code"],
                           ASISTE="S" if v["attended"] else "N",
                           EVA="" if v["pain"] is None else f"{v['pain']:g}".replace(".", ","),
                           NUEVA_FX="" if v["tp"] == "pre" else ("S" if v["fx"] else ("N" if v["attended"] else "")),
                           NIVEL_NUEVA_FX=v["fx"] or "")
                for li, lv in enumerate(s["levels"]):
                    row[f"NIVEL_{li + 1}"] = lv
                    row[f"VOL_{li + 1}_ML"] = dec(s["vols"][li])
                    row[f"FUGA_{li + 1}"] = LEAK_CODE[s["leaks"][li]]
                if not v["attended"]:
                    row["OBSERVACION"] = "NSP"
                row["_pid"] = p["pid"]
                row["_tp"] = v["tp"]
                row["_k"] = s["k"]
                rows.append(row)
    # the export is sorted by control date
    rows.sort(key=lambda r: (dt.datetime.strptime(r["FECHA_CONTROL"], "%d-%m-%Y"), r["ID_ESTUDIO"]))

    # ---- planted errors ----
    errors = []
    def has(p, tp, attended=True):
        return any(v["tp"] == tp and (v["attended"] or not attended) for v in p["sessions"][0]["visits"])

    single = [p for p in pats if len(p["sessions"]) == 1 and not p["fx"]]
    e_eva = [p["pid"] for p in single if has(p, "1m")][1]
    e_date = [p["pid"] for p in single if has(p, "6m", False) and p["pid"] != e_eva][3]
    e_vol = [p["pid"] for p in single if p["pid"] not in (e_eva, e_date)][7]
    e_before = [p["pid"] for p in single if has(p, "1m", False) and p["pid"] not in (e_eva, e_date, e_vol)][9]

    def rownum(i):
        return i + 2  # header is line 1

    done = set()
    for i, r in enumerate(rows):
        pid = r["_pid"]
        if pid == e_eva and r["_tp"] == "1m" and r["EVA"] and "eva" not in done:
            r["EVA"] = "15"
            errors.append(("input", f"{colL['EVA']}{rownum(i)}", rownum(i), "EVA", "15",
                           "pain 15 on a 0-10 scale", pid))
            done.add("eva")
        if pid == e_date and r["_tp"] == "6m" and "date" not in done:
            r["FECHA_CONTROL"] = "30-02-2021" if r["FECHA_CONTROL"][-4:] == "2021" else "30-02-" + r["FECHA_CONTROL"][-4:]
            errors.append(("input", f"{colL['FECHA_CONTROL']}{rownum(i)}", rownum(i), "FECHA_CONTROL",
                           r["FECHA_CONTROL"], "impossible date (30 February)", pid))
            done.add("date")
        if pid == e_vol and r["_tp"] == "24h" and "vol" not in done:
            r["VOL_1_ML"] = "45,0"
            errors.append(("input", f"{colL['VOL_1_ML']}{rownum(i)}", rownum(i), "VOL_1_ML", "45,0",
                           "45 mL in one vertebra (other rows of the same procedure say otherwise)", pid))
            done.add("vol")
        if pid == e_before and r["_tp"] == "1m" and "before" not in done:
            pd_ = dt.datetime.strptime(r["FECHA_PROC"], "%d-%m-%Y").date()
            bad = pd_ - dt.timedelta(days=20)
            r["FECHA_CONTROL"] = ddmmyyyy(bad)
            errors.append(("input", f"{colL['FECHA_CONTROL']}{rownum(i)}", rownum(i), "FECHA_CONTROL",
                           r["FECHA_CONTROL"], "1-month control dated 20 days before the procedure", pid))
            done.add("before")
    assert len(done) == 4, done

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "input.csv"), "w", newline="", encoding="latin-1") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r[h] for h in header])

    td = os.path.join(out, "truth")
    os.makedirs(td, exist_ok=True)
    with open(os.path.join(td, "patients.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "sex", "age_years", "etiology", "died"])
        for p in pats:
            w.writerow([p["pid"], p["sex"], p["age"], p["etio"], p["died"]])
    with open(os.path.join(td, "procedures.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                    "session_cement_volume_ml", "cement_type", "leakage"])
        for p in pats:
            for s in p["sessions"]:
                for lv, v, lk in zip(s["levels"], s["vols"], s["leaks"]):
                    w.writerow([p["pid"], s["k"], s["day"], lv, s["tech"], f"{v:g}", "", s["ct"], lk])
    with open(os.path.join(td, "assessments.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "session", "measure", "timepoint", "value"])
        for p in pats:
            for s in p["sessions"]:
                for v in s["visits"]:
                    if v["pain"] is not None:
                        w.writerow([p["pid"], s["k"], "pain_vas", v["tp"], f"{v['pain']:g}"])
    with open(os.path.join(td, "fractures.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "day", "level"])
        for p in pats:
            for day, lv in p["fx"]:
                w.writerow([p["pid"], day, lv])
    with open(os.path.join(td, "errors.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"])
        for e in errors:
            w.writerow(e)
    with open(os.path.join(td, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["kind", "value"])
        for p in pats:
            w.writerow(["record_number", p["rut"]])
            w.writerow(["record_number", p["ficha"]])
            w.writerow(["birth_date", ddmmyyyy(p["birth"])])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
