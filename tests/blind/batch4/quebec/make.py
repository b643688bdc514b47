"""Québec: hospital-system CSV export (semicolon, French, comma decimals, ISO dates), folder input/.
Run: python make.py OUTDIR"""
import csv
import datetime as dt
import os
import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.default_rng(4417)

LEVELS = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]


def dec(v, nd=1):
    return f"{v:.{nd}f}".replace(".", ",")


def fmtv(v):
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def col_letter(k):  # 0-based
    s = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(65 + r) + s
    return s


ETIO = {"osteoporotic": ["Fracture ostéoporotique", "Ostéoporose - fracture de fragilité"],
        "pathologic": ["Métastase osseuse (sein)", "Myélome multiple", "Métastase osseuse (poumon)"],
        "traumatic": ["Fracture traumatique"]}
LEAK = {"disc": "Discale", "venous": "Veineuse", "paravertebral": "Paravertébrale", "epidural": "Épidurale",
        "foraminal": "Foraminale"}
TP = [("pre", 0, "Pré-intervention"), ("24h", 1, "24 h post-intervention"), ("6w", 42, "6 semaines"),
      ("3m", 91, "3 mois"), ("12m", 365, "12 mois")]

N = 34
patients = []
for i in range(N):
    pid = f"VA{2021000 + 17 * i + 3}"
    sex = "female" if rng.random() < 0.68 else "male"
    r = rng.random()
    etio = "osteoporotic" if r < 0.6 else ("pathologic" if r < 0.9 else "traumatic")
    etxt = ETIO[etio][int(rng.integers(0, len(ETIO[etio])))]
    age = int(rng.integers(57, 92)) if etio != "traumatic" else int(rng.integers(35, 70))
    d1 = dt.date(2021, 2, 1) + dt.timedelta(days=int(rng.integers(0, 850)))
    nlev = int(rng.choice([1, 1, 2, 2, 3]))
    start = min(int(rng.integers(8, 15)) if etio != "pathologic" else int(rng.integers(3, 14)), 17 - nlev)
    levels = LEVELS[start:start + nlev]
    tech = "kyphoplasty" if rng.random() < 0.45 else "vertebroplasty"
    cement = "Cortoss" if (i % 11 == 6) else "PMMA"
    vols = [round(float(rng.uniform(1.5, 5.5)) * 2) / 2 for _ in levels]
    leak = ["none"] * nlev
    if rng.random() < 0.3:
        k = int(rng.integers(0, nlev))
        leak[k] = str(rng.choice(["disc", "venous", "paravertebral", "epidural", "foraminal"]))
        if rng.random() < 0.3:
            leak[k] = "disc;venous"
    sessions = [dict(date=d1, levels=levels, tech=tech, vols=vols, cement=cement, leak=leak)]
    fractures = []
    if i % 6 == 2 and start > 0:
        fday = int(rng.integers(20, 150))
        fl = LEVELS[start - 1]
        fractures.append((fday, fl))
        sessions.append(dict(date=d1 + dt.timedelta(days=fday + int(rng.integers(4, 20))), levels=[fl],
                             tech=tech, vols=[float(rng.choice([2.5, 3, 3.5]))], cement="PMMA", leak=["none"]))
    elif i % 6 == 4:
        fd = int(rng.integers(60, 330))
        fractures.append((fd, LEVELS[min(16, start + nlev)]))
        if i % 12 == 4:
            fractures.append((fd, LEVELS[min(16, start + nlev + 1)]))
    died = (etio == "pathologic" and rng.random() < 0.5) or (i == 29)
    death_day = None
    if died:
        last = max([(s["date"] - d1).days for s in sessions] + [f[0] for f in fractures])
        death_day = last + int(rng.integers(20, 260))
    evals = []  # (session, measure, tp, value, evaldate or None, status)
    mob = i % 3 == 0
    for si, s in enumerate(sessions):
        off = (s["date"] - d1).days
        pre = int(rng.integers(55, 100))
        odi = int(rng.integers(20, 45)) * 2
        for tp, days, lab in TP:
            if died and off + days > death_day:
                continue
            if si == 1 and days > 91:
                continue
            ed = s["date"] + dt.timedelta(days=days + (int(rng.integers(-5, 10)) if days > 1 else 0))
            done = tp == "pre" or rng.random() > 0.15
            v = pre if tp == "pre" else max(0, pre - int(rng.integers(20, 70)))
            evals.append((si, "pain_vas", tp, v if done else None, ed if done else None))
            if tp != "24h":
                o = odi if tp == "pre" else max(0, odi - 2 * int(rng.integers(5, 20)))
                evals.append((si, "odi", tp, o if done else None, ed if done else None))
            if mob and tp in ("pre", "6w", "3m"):
                m = int(rng.integers(0, 3)) if tp == "pre" else int(rng.integers(2, 5))
                evals.append((si, "mobility", tp, m if done else None, ed if done else None))
    patients.append(dict(pid=pid, sex=sex, age=age, etio=etio, etxt=etxt, died="yes" if died else "no",
                         death_day=death_day, sessions=sessions, fractures=fractures, evals=evals))

errors = []
IN = os.path.join(OUT, "input")
os.makedirs(IN, exist_ok=True)


def write(name, header, rows, enc):
    with open(os.path.join(IN, name), "w", newline="", encoding=enc) as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def err(fname, header, rowidx, colname, value, what, pid):
    k = header.index(colname)
    errors.append([fname, f"{col_letter(k)}{rowidx + 2}", rowidx + 2, colname, value, what, pid])


# patients
HP = ["NoEtude", "Sexe", "AgeIntervention", "DiagnosticPrincipal", "Deces", "DateDeces", "DateExtraction"]
rows = []
for p in patients:
    dd = (p["sessions"][0]["date"] + dt.timedelta(days=p["death_day"])).isoformat() if p["died"] == "yes" else ""
    rows.append([p["pid"], "F" if p["sex"] == "female" else "M", p["age"], p["etxt"],
                 "O" if p["died"] == "yes" else "N", dd, "2024-03-18"])
write("patients.csv", HP, rows, "utf-8-sig")

# interventions (one row per vertebra)
HI = ["NoIntervention", "NoEtude", "DateIntervention", "TypeIntervention", "Niveau", "VolumeCiment_mL",
      "TypeCiment", "FuiteCiment", "Salle"]
TECH = {"vertebroplasty": "Vertébroplastie percutanée", "kyphoplasty": "Cyphoplastie par ballonnet"}
CEM = {"PMMA": ["PMMA - Osteopal V", "PMMA - KyphX HV-R"], "Cortoss": ["Cortoss"]}
rows = []
interv_no = {}
k = 5120
order = sorted([(s["date"], p["pid"], si) for p in patients for si, s in enumerate(p["sessions"])])
pmap = {p["pid"]: p for p in patients}
for d, pid, si in order:
    p = pmap[pid]
    s = p["sessions"][si]
    k += int(rng.integers(1, 9))
    interv_no[(pid, si)] = f"INT-{k}"
    for l, v, lk in zip(s["levels"], s["vols"], s["leak"]):
        niv, vol = l, dec(v)
        if pid == "VA2021071" and si == 0 and l == s["levels"][0]:
            niv = "L7"
            err("interventions", HI, len(rows), "Niveau", "L7", f"L7 does not exist (intended {l})", pid)
        if pid == "VA2021207" and si == 0 and l == s["levels"][-1]:
            vol = "38,0"
            err("interventions", HI, len(rows), "VolumeCiment_mL", "38,0",
                f"38 mL of cement in one vertebra (intended {dec(v)})", pid)
        fuite = "Aucune" if lk == "none" else " + ".join(LEAK[x] for x in lk.split(";"))
        ctype = "PMMA" if s["cement"] == "PMMA" else "Cortoss"
        rows.append([f"INT-{k}", pid, s["date"].isoformat(), TECH[s["tech"]], niv, vol,
                     CEM[ctype][(k // 3) % len(CEM[ctype])], fuite, f"Salle {1 + k % 3}"])
write("interventions.csv", HI, rows, "utf-8-sig")

# evaluations (long), Latin-1
HE = ["NoEtude", "NoIntervention", "Mesure", "TempsMesure", "DateEvaluation", "Valeur", "Unite", "Statut"]
MES = {"pain_vas": ("Douleur - EVA", "mm"), "odi": ("Indice d'incapacité d'Oswestry (ODI)", "%"),
       "mobility": ("Mobilité - échelle 0-4", "pts")}
LAB = {t: lab for t, _, lab in TP}
rows = []
for p in patients:
    for si, meas, tp, v, ed in p["evals"]:
        s = p["sessions"][si]
        val = "" if v is None else str(v)
        date = "" if ed is None else ed.isoformat()
        if p["pid"] == "VA2021139" and si == 0 and meas == "pain_vas" and tp == "6w" and v is not None:
            val = "140"
            err("evaluations", HE, len(rows), "Valeur", "140", f"VAS 140 mm on a 0-100 mm scale (intended {v})", p["pid"])
        if p["pid"] == "VA2021292" and si == 0 and meas == "pain_vas" and tp == "3m" and ed is not None:
            date = (s["date"] - dt.timedelta(days=64)).isoformat()
            err("evaluations", HE, len(rows), "DateEvaluation", date,
                "3-month evaluation dated before the intervention", p["pid"])
        rows.append([p["pid"], interv_no[(p["pid"], si)], MES[meas][0], LAB[tp], date, val, MES[meas][1],
                     "Complété" if v is not None else "Non réalisé"])
write("evaluations.csv", HE, rows, "latin-1")

# events
HV = ["NoEtude", "DateEvenement", "TypeEvenement", "Niveau", "Commentaire"]
rows = []
for p in patients:
    d1 = p["sessions"][0]["date"]
    for fd, fl in p["fractures"]:
        rows.append([p["pid"], (d1 + dt.timedelta(days=fd)).isoformat(), "Nouvelle fracture vertébrale", fl,
                     "Confirmée IRM"])
    if p["pid"] in ("VA2021020", "VA2021156"):
        rows.append([p["pid"], (d1 + dt.timedelta(days=12)).isoformat(), "Infection urinaire", "", "Antibiotiques"])
rows.sort(key=lambda r: (r[1], r[0]))
write("evenements.csv", HV, rows, "utf-8-sig")

# ---------------------------------------------------------------- truth
T = os.path.join(OUT, "truth")
os.makedirs(T, exist_ok=True)


def wcsv(name, header, rows):
    with open(os.path.join(T, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


wcsv("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
     [[p["pid"], p["sex"], p["age"], p["etio"], p["died"]] for p in patients])
proc = []
for p in patients:
    d1 = p["sessions"][0]["date"]
    for si, s in enumerate(p["sessions"]):
        for l, v, lk in zip(s["levels"], s["vols"], s["leak"]):
            proc.append([p["pid"], si + 1, (s["date"] - d1).days, l, s["tech"], fmtv(v), "", s["cement"], lk])
wcsv("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                        "session_cement_volume_ml", "cement_type", "leakage"], proc)
ass = []
for p in patients:
    for si, meas, tp, v, ed in p["evals"]:
        if v is None:
            continue
        val = fmtv(v / 10) if meas == "pain_vas" else v
        ass.append([p["pid"], si + 1, meas, tp, val])
wcsv("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], ass)
wcsv("fractures.csv", ["patient_id", "day", "level"], [[p["pid"], d, l] for p in patients for d, l in p["fractures"]])
wcsv("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"], errors)
wcsv("identifiers.csv", ["kind", "value"], [])
