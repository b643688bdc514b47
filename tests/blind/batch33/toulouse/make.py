# -*- coding: utf-8 -*-
# ---- shared cohort generator (same code in every site script; seed differs) ----
import os, csv, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] +
          [f"L{i}" for i in range(1, 6)] + ["S1"])
TP_DAYS = {"pre": 0, "24h": 1, "48h": 2, "1w": 7, "2w": 14, "6w": 42,
           "1m": 30, "3m": 91, "6m": 182, "12m": 365}
D = dt.date


def years_between(a, b):
    return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


def wchoice(rng, items):
    tot = sum(w for _, w in items)
    r = rng.random() * tot
    for v, w in items:
        r -= w
        if r <= 0:
            return v
    return items[-1][0]


def rlevel(rng):
    return wchoice(rng, [("T5", 1), ("T6", 2), ("T7", 3), ("T8", 4), ("T9", 4), ("T10", 5),
                         ("T11", 9), ("T12", 14), ("L1", 14), ("L2", 9), ("L3", 6), ("L4", 3)])


def rvol(rng, tech, lev):
    lo, hi = (3.0, 6.5) if tech == "kyphoplasty" else (2.0, 5.0)
    if lev.startswith("T") and int(lev[1:]) < 9:
        hi -= 1.0
    v = rng.uniform(lo, hi)
    return round(v * 2) / 2 if rng.random() < 0.7 else round(v, 1)


def rleak(rng):
    return wchoice(rng, [("none", 68), ("disc", 12), ("venous", 10), ("paravertebral", 5),
                         ("epidural", 2), ("disc;venous", 3)])


def make_session(rng, sess, day, date, levels, tech=None):
    tech = tech or ("vertebroplasty" if rng.random() < 0.6 else "kyphoplasty")
    verts = [{"level": l, "vol": rvol(rng, tech, l), "leak": rleak(rng)} for l in levels]
    return {"session": sess, "day": day, "date": date, "tech": tech, "verts": verts,
            "cement": "PMMA" if rng.random() < 0.9 else "calcium phosphate",
            "total_only": False}


def vas_after(rng, tp, pre):
    rngs = {"24h": (2, 5), "48h": (2, 5), "1w": (2, 4), "2w": (2, 4), "6w": (1, 4), "1m": (1, 4),
            "3m": (1, 4), "6m": (0, 4), "12m": (0, 4)}
    lo, hi = rngs[tp]
    v = rng.randint(lo, hi)
    if rng.random() < 0.1:
        v += 2
    return max(0, min(10, min(v, pre)))


def make_cohort(seed, n, tps, start, end, pid_fn, p_second=0.2, odi=True, mob=False,
                p_miss=0.1):
    rng = random.Random(seed)
    pts = []
    for i in range(n):
        et = wchoice(rng, [("osteoporotic", 58), ("pathologic", 26), ("traumatic", 11), ("other", 5)])
        if et == "pathologic":
            detail = rng.choice(["mets_breast", "mets_lung", "mets_prostate", "myeloma", "myeloma", "mets_kidney"])
        else:
            detail = {"osteoporotic": "osteoporosis", "traumatic": "trauma", "other": "haemangioma"}[et]
        if detail == "mets_breast":
            sex = "female"
        elif detail == "mets_prostate":
            sex = "male"
        else:
            sex = "female" if rng.random() < (0.75 if et == "osteoporotic" else 0.5) else "male"
        age0 = {"osteoporotic": (63, 89), "pathologic": (48, 82), "traumatic": (44, 78), "other": (40, 70)}[et]
        age0 = rng.randint(*age0)
        d0 = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        dob = d0 - dt.timedelta(days=int(age0 * 365.25) + rng.randint(5, 355))
        age = years_between(dob, d0)
        # levels of first session
        nlev = wchoice(rng, [(1, 60), (2, 28), (3, 12)])
        first = rlevel(rng)
        k = LEVELS.index(first)
        if et == "pathologic" and nlev >= 2 and rng.random() < 0.5:
            other = rlevel(rng)
            levs = sorted({first, other}, key=LEVELS.index)
        else:
            k = min(k, LEVELS.index("L5") - nlev + 1)
            levs = LEVELS[k:k + nlev]
        s1 = make_session(rng, 1, 0, d0, levs)
        if et == "traumatic" and rng.random() < 0.5:
            s1["cement"] = "calcium phosphate"
        p = {"pid": pid_fn(i), "idx": i, "sex": sex, "age": age, "dob": dob, "et": et, "detail": detail,
             "sessions": [s1], "fx": [], "assess": [], "visits": [], "died": False, "death_day": None}
        died = rng.random() < (0.45 if et == "pathologic" else 0.07)
        if died:
            p["died"] = True
            p["death_day"] = rng.randint(35, 400)
        # second session (new adjacent fracture treated)
        if rng.random() < p_second and (not died or p["death_day"] > 160):
            day2 = rng.randint(50, 220)
            if died and p["death_day"] < day2 + 40:
                p["death_day"] = day2 + rng.randint(40, 120)
            ks = [LEVELS.index(v["level"]) for v in s1["verts"]]
            cand = [LEVELS[min(ks) - 1], LEVELS[max(ks) + 1]]
            cand = [c for c in cand if c[0] in "TL"]
            lev2 = rng.choice(cand)
            fxday = day2 - rng.randint(5, 25)
            p["fx"].append({"day": fxday, "level": lev2, "date": d0 + dt.timedelta(days=fxday), "treated": True})
            p["sessions"].append(make_session(rng, 2, day2, d0 + dt.timedelta(days=day2), [lev2]))
        # assessments
        for s in p["sessions"]:
            nxt = [t["day"] for t in p["sessions"] if t["session"] > s["session"]]
            stop = min(nxt) if nxt else 10 ** 6
            pre_vas = wchoice(rng, [(6, 10), (7, 25), (8, 35), (9, 20), (10, 10)])
            pre_odi = rng.randint(25, 42) * 2
            pre_mob = wchoice(rng, [(0, 15), (1, 25), (2, 35), (3, 25)])
            for tp in tps:
                off = TP_DAYS[tp]
                if tp in ("pre",):
                    jit = -rng.randint(0, 1)
                elif tp in ("24h", "48h"):
                    jit = 0
                elif tp in ("1w", "2w"):
                    jit = rng.randint(-1, 2)
                else:
                    jit = rng.randint(-6, 12)
                vday = s["day"] + off + jit
                vdate = p["sessions"][0]["date"] + dt.timedelta(days=vday)
                vis = {"session": s["session"], "tp": tp, "day": vday, "date": vdate, "status": "ok", "vals": {}}
                if tp != "pre" and s["day"] + off >= stop:
                    vis["status"] = "superseded"
                elif p["died"] and vday >= p["death_day"]:
                    vis["status"] = "dead"
                elif tp != "pre" and rng.random() < (p_miss if tp not in ("24h", "48h") else 0.03):
                    vis["status"] = "missed"
                if vis["status"] == "ok":
                    vis["vals"]["pain_vas"] = pre_vas if tp == "pre" else vas_after(rng, tp, pre_vas)
                    if odi and tp not in ("24h", "48h", "1w"):
                        if tp == "pre":
                            o = pre_odi
                        else:
                            o = max(6, pre_odi - rng.randint(12, 30) * 2 + (0 if tp in ("1m", "2w", "6w") else -4))
                        vis["vals"]["odi"] = o
                    if mob:
                        if tp == "pre":
                            m = pre_mob
                        elif tp in ("24h", "48h"):
                            m = min(4, pre_mob + rng.randint(0, 1))
                        else:
                            m = min(4, max(pre_mob, rng.randint(2, 4)))
                        vis["vals"]["mobility"] = m
                p["visits"].append(vis)
        # untreated new fracture found at a 3m/6m visit
        if rng.random() < 0.14:
            okv = [v for v in p["visits"] if v["status"] == "ok" and v["tp"] in ("3m", "6m", "12m")]
            if okv:
                v = rng.choice(okv)
                used = {vv["level"] for s in p["sessions"] for vv in s["verts"]} | {f["level"] for f in p["fx"]}
                lv = rlevel(rng)
                while lv in used:
                    lv = rlevel(rng)
                p["fx"].append({"day": v["day"], "level": lv, "date": v["date"], "treated": False, "visit": v})
        if p["died"]:
            p["death_date"] = p["sessions"][0]["date"] + dt.timedelta(days=p["death_day"])
        pts.append(p)
    return pts, rng


def fnum(x):
    if x is None or x == "":
        return ""
    if isinstance(x, float):
        x = round(x, 2)
        return str(int(x)) if x == int(x) else repr(x)
    return str(x)


def write_truth(pts, errors, identifiers, cement_mode="vert", cement_type=True, leakage=True,
                value_fn=None):
    """cement_mode: 'vert' or per-session s['total_only'] decides."""
    td = os.path.join(HERE, "truth")
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), "w", newline="", encoding="utf-8") as f:
            cw = csv.writer(f)
            cw.writerow(header)
            cw.writerows(rows)
    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"], p["age"], p["et"], "yes" if p["died"] else "no"] for p in pts])
    rows = []
    for p in pts:
        for s in p["sessions"]:
            tot = round(sum(v["vol"] for v in s["verts"]), 2)
            for v in s["verts"]:
                rows.append([p["pid"], s["session"], s["day"], v["level"], s["tech"],
                             "" if s["total_only"] else fnum(v["vol"]),
                             fnum(tot) if s["total_only"] else "",
                             s["cement"] if cement_type else "",
                             (v["leak"] or "") if leakage else ""])
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], rows)
    rows = []
    order = ["pre", "24h", "1w", "2w", "6w", "1m", "3m", "6m", "12m"]
    for p in pts:
        for v in p["visits"]:
            if v["status"] != "ok" or v["tp"] not in order:
                continue
            for m in ("pain_vas", "odi", "mobility"):
                if m in v["vals"]:
                    val = v["vals"][m]
                    if value_fn:
                        val = value_fn(m, val)
                    rows.append([p["pid"], v["session"], m, v["tp"], fnum(val)])
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], rows)
    w("fractures.csv", ["patient_id", "day", "level"],
      [[p["pid"], f["day"], f["level"]] for p in pts for f in sorted(p["fx"], key=lambda f: f["day"])])
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
      [[e["sheet"], e["cell"], e["row"], e["header"], e["value"], e["what"], e["pid"]] for e in errors])
    seen = set()
    idr = []
    for k, v in identifiers:
        if (k, v) not in seen:
            seen.add((k, v))
            idr.append([k, v])
    w("identifiers.csv", ["kind", "value"], idr)


def col_letter(n):  # 1-based
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s
# ---- end of shared generator ----

# ================= site: Toulouse (CHU, export DPI, CSV) =================
TPS = ["pre", "24h", "1m", "3m", "6m", "12m"]
VCODE = {"pre": "J0", "24h": "J1", "1m": "M1", "3m": "M3", "6m": "M6", "12m": "M12"}
pts, rng = make_cohort(5521, 19, TPS, D(2021, 6, 1), D(2023, 2, 28), lambda i: f"VTP{i + 1:03d}",
                       p_second=0.2)

NOMS = ["Fabre", "Rouquette", "Castex", "Sabatier", "Lacombe", "Bousquet", "Delpech", "Cazeneuve",
        "Soulié", "Marty", "Fourcade", "Lafforgue", "Vidal", "Pujol", "Estève", "Rouzaud", "Garcia",
        "Martinez", "Carrère", "Barthès", "Pradère", "Séguéla"]
PF = ["Jeanne", "Marie-Thérèse", "Odette", "Simone", "Germaine", "Hélène", "Josette", "Yvette",
      "Paulette", "Colette", "Françoise", "Monique"]
PM = ["Jean", "Pierre", "Bernard", "André", "Marcel", "Guy", "René", "Joseph", "Francis", "Gérard"]
CIM = {"osteoporosis": ("M80.08", "Ostéoporose post-ménopausique avec fracture vertébrale"),
       "mets_breast": ("C79.5", "Métastase osseuse - néo sein"),
       "mets_lung": ("C79.5", "Métastase osseuse - néo poumon"),
       "mets_prostate": ("C79.5", "Métastase osseuse - néo prostate"),
       "mets_kidney": ("C79.5", "Métastase osseuse - néo rein"),
       "myeloma": ("C90.0", "Myélome multiple"),
       "trauma": ("S32.0", "Fracture traumatique vertèbre"),
       "haemangioma": ("D18.0", "Hémangiome vertébral agressif")}
FUITE = {"none": "Aucune", "disc": "Discale", "venous": "Veineuse", "paravertebral": "Paravertébrale",
         "epidural": "Epidurale", "disc;venous": "Discale + veineuse"}
OPS = ["Dr Laffont", "Dr Sol", "Pr Bonneville"]

HEAD = ["Type", "N_Etude", "IPP", "Nom", "Prenom", "DDN", "Sexe", "Tel", "Code_CIM10", "Libelle_diag",
        "Seance", "Date_acte", "Niveau", "Technique", "Vol_ciment_ml", "Type_ciment", "Fuite_ciment",
        "Operateur", "Visite", "Date_visite", "Statut_visite", "EVA_mm", "ODI_pct", "Commentaire",
        "Deces", "Date_deces"]
CI = {h: i for i, h in enumerate(HEAD)}


def fd(d):
    return d.strftime("%d/%m/%Y")


def fr(x):
    return fnum(x).replace(".", ",")


# pain in mm: convert VAS to mm with some spread; truth = mm / 10
for p in pts:
    for v in p["visits"]:
        if "pain_vas" in v["vals"]:
            mm = max(0, min(100, v["vals"]["pain_vas"] * 10 + rng.randint(-4, 4)))
            v["vals"]["pain_vas"] = mm / 10
    if p["detail"] == "osteoporosis" and p["sex"] == "male":
        p["cim"] = ("M80.98", "Ostéoporose avec fracture vertébrale")
    else:
        p["cim"] = CIM[p["detail"]]

# planted mistakes
plan = {}
cand = [p for p in pts if p["idx"] >= 2 and any(v["tp"] == "1m" and v["status"] == "ok" for v in p["visits"])]
pE = cand[0]
vE = [v for v in pE["visits"] if v["tp"] == "1m" and v["status"] == "ok"][0]
vE["vals"]["pain_vas"] = 1.5
plan[id(vE), "EVA_mm"] = ("150", "EVA 150 mm outside 0-100 mm scale; nurse typed an extra 0, should be 15")
cand = [p for p in pts if p is not pE and len(p["sessions"][0]["verts"]) >= 2]
pV = cand[1]
vv = pV["sessions"][0]["verts"][0]
vv["vol"] = 3.8
plan[id(vv), "Vol_ciment_ml"] = ("38", f"38 mL in one vertebra ({vv['level']}) impossible, decimal comma lost: 3,8")
cand = [p for p in pts if p not in (pE, pV) and any(v["tp"] == "3m" and v["status"] == "ok" for v in p["visits"])]
pD = cand[3]
vD = [v for v in pD["visits"] if v["tp"] == "3m" and v["status"] == "ok"][0]
plan[id(vD), "Date_visite"] = ("31/%02d/%d", "impossible date (31 in a 30-day month); see consultation letter: day 30")
cand = [p for p in pts if p not in (pE, pV, pD) and any(v["tp"] == "6m" and v["status"] == "ok" and "odi" in v["vals"] for v in p["visits"])]
pO = cand[-1]
vO = [v for v in pO["visits"] if v["tp"] == "6m" and v["status"] == "ok"][0]
vO["vals"]["odi"] = 24
plan[id(vO), "ODI_pct"] = ("124", "ODI 124 % outside 0-100 %; should be 24")
# the impossible date must fall in a 30-day month: move that visit (3 m window) to the nearest 30th
d = vD["date"]
best = None
for delta in range(-20, 21):
    dd_ = d + dt.timedelta(days=delta)
    if dd_.day == 30 and dd_.month in (4, 6, 9, 11):
        if best is None or abs(delta) < abs(best):
            best = delta
if best is None:  # fallback: no 30-day month near, take first such day after
    best = next(k for k in range(0, 400) if (d + dt.timedelta(days=k)).day == 30 and (d + dt.timedelta(days=k)).month in (4, 6, 9, 11))
vD["date"] = d + dt.timedelta(days=best)
vD["day"] += best

events = []  # (sortdate, seq, row, obj)
idents = []
seq = 0
for p in pts:
    nom = rng.choice(NOMS).upper()
    pre = rng.choice(PF if p["sex"] == "female" else PM)
    ipp = f"{rng.randint(10000000, 99999999)}"
    tel = "0" + rng.choice(["5", "6", "6", "7"]) + " " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))
    idents += [("surname", nom), ("first name", pre), ("record number (IPP)", ipp), ("birth date", fd(p["dob"])), ("phone", tel)]
    base = [""] * len(HEAD)
    base[CI["N_Etude"]], base[CI["IPP"]], base[CI["Nom"]], base[CI["Prenom"]] = p["pid"], ipp, nom, pre
    row = list(base)
    row[0] = "PATIENT"
    row[CI["DDN"]] = fd(p["dob"])
    row[CI["Sexe"]] = "F" if p["sex"] == "female" else "M"
    row[CI["Tel"]] = tel
    row[CI["Code_CIM10"]], row[CI["Libelle_diag"]] = p["cim"]
    row[CI["Deces"]] = "O" if p["died"] else "N"
    row[CI["Date_deces"]] = fd(p["death_date"]) if p["died"] else ""
    s0 = p["sessions"][0]["date"]
    events.append((s0 - dt.timedelta(days=rng.randint(1, 6)), seq, row, None)); seq += 1
    for s in p["sessions"]:
        op = rng.choice(OPS)
        hh = f"{rng.randint(8, 17):02d}:{rng.choice(['00', '15', '30', '45'])}"
        for v in s["verts"]:
            row = list(base)
            row[0] = "INTERVENTION"
            row[CI["Seance"]] = str(s["session"])
            row[CI["Date_acte"]] = fd(s["date"]) + " " + hh
            row[CI["Niveau"]] = v["level"]
            row[CI["Technique"]] = "VERTEBROPLASTIE" if s["tech"] == "vertebroplasty" else "CYPHOPLASTIE"
            row[CI["Vol_ciment_ml"]] = fr(v["vol"])
            row[CI["Type_ciment"]] = {"PMMA": "PMMA", "calcium phosphate": "Phosphate de calcium"}[s["cement"]]
            row[CI["Fuite_ciment"]] = FUITE[v["leak"]]
            row[CI["Operateur"]] = op
            events.append((s["date"], seq, row, v)); seq += 1
        for v in [v for v in p["visits"] if v["session"] == s["session"]]:
            if v["status"] == "superseded":
                continue
            row = list(base)
            row[0] = "VISITE"
            row[CI["Seance"]] = str(s["session"])
            row[CI["Visite"]] = VCODE[v["tp"]]
            if v["status"] == "ok":
                row[CI["Date_visite"]] = fd(v["date"])
                row[CI["Statut_visite"]] = "REALISEE"
                row[CI["EVA_mm"]] = fnum(round(v["vals"]["pain_vas"] * 10))
                row[CI["ODI_pct"]] = fnum(v["vals"].get("odi", ""))
                com = []
                for f in p["fx"]:
                    if not f["treated"] and f.get("visit") is v:
                        com.append(f"Nouveau tassement {f['level']} (IRM)")
                    if f["treated"] and s["session"] == 2 and v["tp"] == "pre" and f["level"] == s["verts"][0]["level"]:
                        com.append(f"Nouvelle fracture {f['level']} diagnostiquée le {fd(f['date'])} -> 2e séance")
                row[CI["Commentaire"]] = " ; ".join(com)
            elif v["status"] == "missed":
                row[CI["Statut_visite"]] = rng.choice(["NON REALISEE", "ANNULEE"])
                row[CI["Commentaire"]] = rng.choice(["Patient non venu", "Injoignable", "RDV annulé par la patiente" if p["sex"] == "female" else "RDV annulé par le patient", ""])
            else:  # dead
                row[CI["Statut_visite"]] = "ANNULEE"
                row[CI["Commentaire"]] = "DCD"
            events.append((v["date"], seq, row, v)); seq += 1
idents += [("staff name", o.split(" ", 1)[1]) for o in OPS]
events.sort(key=lambda e: (e[0], e[1]))
errs = []
rows = []
for k, (_, _, row, obj) in enumerate(events):
    rnum = k + 2
    for col in ("EVA_mm", "Vol_ciment_ml", "Date_visite", "ODI_pct"):
        if obj is not None and (id(obj), col) in plan:
            val, what = plan[(id(obj), col)]
            if col == "Date_visite":
                val = val % (obj["date"].month, obj["date"].year)
            row[CI[col]] = val
            pid = row[CI["N_Etude"]]
            errs.append({"sheet": "input.csv", "cell": f"{col_letter(CI[col] + 1)}{rnum}", "row": rnum,
                         "header": col, "value": val, "what": what, "pid": pid})
    rows.append(row)
with open(os.path.join(HERE, "input.csv"), "w", encoding="cp1252", newline="") as f:
    f.write(";".join(HEAD) + "\r\n")
    for row in rows:
        f.write(";".join(row) + "\r\n")
write_truth(pts, errs, idents)
