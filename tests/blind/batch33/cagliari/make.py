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

# ================= site: Cagliari (AOU Cagliari, ortopedia colonna) =================
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

TPS = ["pre", "1m", "3m", "6m", "12m"]
TCODE = {"pre": "T0", "1m": "T1", "3m": "T2", "6m": "T3", "12m": "T4"}
pts, rng = make_cohort(3301, 18, TPS, D(2021, 2, 1), D(2022, 10, 31), lambda i: f"CA-{i + 1:02d}")

SURN = ["Pinna", "Melis", "Sanna", "Piras", "Serra", "Murgia", "Carta", "Deiana", "Loi", "Porcu",
        "Cocco", "Atzeni", "Usai", "Floris", "Mura", "Lai", "Contu", "Zedda", "Orrù", "Pisano"]
FEM = ["Maria", "Giovanna", "Antonietta", "Bonaria", "Assunta", "Peppina", "Graziella", "Franca",
       "Rita", "Efisia", "Anna Maria", "Luigina"]
MAS = ["Efisio", "Salvatore", "Giovanni", "Luigi", "Raimondo", "Ignazio", "Antonio", "Giuseppe",
       "Gavino", "Sandro"]
ROM = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def lev_it(l):
    reg = {"T": "D", "L": "L", "C": "C", "S": "S"}[l[0]]
    return f"{reg} {ROM[int(l[1:])]}"


def num_it(x):
    s = fnum(x)
    return s.replace(".", ",")


def dstr(d):
    return d.strftime("%d/%m/%Y")


MONTHS = "ABCDEHLMPRST"


def cod_fisc(sur, nome, dob, sex):
    def cons(s):
        s = s.upper().replace("À", "A").replace("Ù", "U").replace(" ", "")
        c = [ch for ch in s if ch.isalpha() and ch not in "AEIOU"]
        v = [ch for ch in s if ch in "AEIOU"]
        return "".join((c + v + ["X"] * 3)[:3])
    day = dob.day + (40 if sex == "female" else 0)
    return (cons(sur) + cons(nome) + f"{dob.year % 100:02d}" + MONTHS[dob.month - 1] + f"{day:02d}" +
            rng.choice(["B354", "B354", "I452", "F979", "H856"]) + chr(65 + rng.randint(0, 25)))


# ---- planted mistakes: choose patients, fix the TRUE values, remember the wrong writing ----
over = {}
errs = []
cand = [p for p in pts if len(p["sessions"][0]["verts"]) == 1 and p["idx"] >= 2]
pL = cand[0]
pL["sessions"][0]["verts"][0]["level"] = "L2"
over[(pL["pid"], "level")] = "L VII"
cand = [p for p in pts if len(p["sessions"][0]["verts"]) >= 2 and p is not pL]
pV = cand[0]
pV["sessions"][0]["verts"][1]["vol"] = 3.8
pV["sessions"][0]["total_only"] = False
over[(pV["pid"], "vol")] = True
cand = [p for p in pts if p not in (pL, pV) and any(v["status"] == "ok" and v["tp"] == "1m" and v["session"] == 1 for v in p["visits"])]
pS = cand[2]
vS = [v for v in pS["visits"] if v["tp"] == "1m" and v["session"] == 1][0]
vS["vals"]["pain_vas"] = 2
over[(pS["pid"], "vas1m")] = 12
cand = [p for p in pts if p not in (pL, pV, pS) and len(p["sessions"]) == 1]
pD = cand[-1]
# the true operation date is 30/09/2022, written as 31/09/2022
shift = (D(2022, 9, 30) - pD["sessions"][0]["date"]).days
pD["sessions"][0]["date"] = D(2022, 9, 30)
pD["dob"] = pD["dob"] + dt.timedelta(days=shift)
for v in pD["visits"]:
    v["date"] = v["date"] + dt.timedelta(days=shift)
for f in pD["fx"]:
    f["date"] = f["date"] + dt.timedelta(days=shift)
if pD["died"]:
    pD["death_date"] = pD["sessions"][0]["date"] + dt.timedelta(days=pD["death_day"])
over[(pD["pid"], "date")] = "31/09/2022"

# ---- per-session writing habits ----
for p in pts:
    for s in p["sessions"]:
        if len(s["verts"]) >= 2 and p is not pV and rng.random() < 0.35:
            s["total_only"] = True
        if rng.random() < 0.08:
            s["cement"] = ""
        if rng.random() < 0.06:
            for v in s["verts"]:
                v["leak"] = None

DIAG = {"osteoporosis": ["Crollo osteoporotico", "Osteoporosi", "Fx osteoporotica"],
        "mets_breast": ["Mts ca mammella"], "mets_lung": ["Metastasi ca polmone"],
        "mets_prostate": ["Mts ca prostata"], "myeloma": ["Mieloma multiplo", "MM"],
        "mets_kidney": ["Mts ca renale"], "trauma": ["Fx traumatica (caduta)", "Trauma stradale"],
        "haemangioma": ["Emangioma aggressivo"]}
LEAK_IT = {"disc": "discale", "venous": "venosa", "paravertebral": "paravertebrale",
           "epidural": "epidurale", "disc;venous": "discale + venosa"}

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Registro VP-CP"
idents = []
bold = Font(bold=True)
thin = Side(style="thin", color="999999")
box = Border(left=thin, right=thin, top=thin, bottom=thin)
ws["A1"] = "AZIENDA OSPEDALIERO-UNIVERSITARIA DI CAGLIARI – P.O. Duilio Casula, Monserrato"
ws["A1"].font = Font(bold=True, size=13)
ws["A2"] = "S.C. Ortopedia e Traumatologia – Ambulatorio patologia vertebrale"
ws["A3"] = "Registro vertebroplastiche / cifoplastiche 2021-2022   (agg. 14/03/2024 – dott.ssa Marcella Fadda)"
ws["A3"].font = Font(italic=True)
idents.append(("staff name", "Marcella Fadda"))
heads = ["N.", "Cod. studio", "Cognome Nome", "Data nascita", "Età", "Sesso", "N. cartella", "Cod. fiscale",
         "Tel.", "Diagnosi", "Int.", "Data int.", "Livello/i", "Tecnica", "Cemento (cc)", "Tipo cemento",
         "Fuoriuscita cemento"] + [f"VAS {TCODE[t]}" for t in TPS] + [f"ODI {TCODE[t]}" for t in TPS] + \
        ["Nuove fratture (data)", "Note"]
HR = 6
col = {h: i + 1 for i, h in enumerate(heads)}
vas0 = col["VAS T0"]
odi0 = col["ODI T0"]
ws.merge_cells(start_row=5, start_column=vas0, end_row=5, end_column=vas0 + 4)
ws.cell(5, vas0, "VAS dolore (0-10)").font = bold
ws.merge_cells(start_row=5, start_column=odi0, end_row=5, end_column=odi0 + 4)
ws.cell(5, odi0, "Oswestry (ODI %)").font = bold
for c in (vas0, odi0):
    ws.cell(5, c).alignment = Alignment(horizontal="center")
    ws.cell(5, c).fill = PatternFill("solid", fgColor="DDEBF7")
for i, h in enumerate(heads, 1):
    c = ws.cell(HR, i, h)
    c.font = bold
    c.fill = PatternFill("solid", fgColor="FCE4D6")
    c.alignment = Alignment(wrap_text=True, vertical="center")
    c.border = box


def put(r, h, v, fmt=None):
    c = ws.cell(r, col[h], v)
    c.border = box
    if fmt:
        c.number_format = fmt
    return c


def add_err(r, h, v, what, pid):
    errs.append({"sheet": ws.title, "cell": f"{get_column_letter(col[h])}{r}", "row": r, "header": h,
                 "value": str(v), "what": what, "pid": pid})


r = HR + 1
used_names = set()
for n, p in enumerate(pts, 1):
    while True:
        sur = rng.choice(SURN)
        nome = rng.choice(FEM if p["sex"] == "female" else MAS)
        if (sur, nome) not in used_names:
            used_names.add((sur, nome))
            break
    cf = cod_fisc(sur, nome, p["dob"], p["sex"])
    cart = f"{p['sessions'][0]['date'].year}/{rng.randint(1000, 39999):06d}"
    tel = rng.choice(["070 ", "347 ", "340 ", "328 ", "0781 "]) + f"{rng.randint(1000000, 9999999)}"
    idents += [("name", f"{sur.upper()} {nome}"), ("birth date", dstr(p["dob"])), ("record number", cart),
               ("national ID (codice fiscale)", cf), ("phone", tel)]
    for s in p["sessions"]:
        first = s["session"] == 1
        if first:
            put(r, "N.", n)
            put(r, "Cognome Nome", f"{sur.upper()} {nome}")
            put(r, "Data nascita", p["dob"], "dd/mm/yyyy")
            put(r, "Età", p["age"])
            put(r, "Sesso", "F" if p["sex"] == "female" else "M")
            put(r, "N. cartella", cart)
            put(r, "Cod. fiscale", cf)
            put(r, "Tel.", tel)
            put(r, "Diagnosi", rng.choice(DIAG[p["detail"]]))
        else:
            put(r, "Cognome Nome", rng.choice(["idem", "  \"", ""]))
            for c in range(1, len(heads) + 1):
                ws.cell(r, c).fill = PatternFill("solid", fgColor="FFF2CC")
        put(r, "Cod. studio", p["pid"])
        put(r, "Int.", "I" if first else "II")
        if first and (p["pid"], "date") in over:
            put(r, "Data int.", over[(p["pid"], "date")])
            add_err(r, "Data int.", over[(p["pid"], "date")],
                    "impossible date (September has 30 days); operation log gives 30/09/2022", p["pid"])
        else:
            put(r, "Data int.", s["date"], "dd/mm/yyyy")
        levs = [v["level"] for v in s["verts"]]
        ks = [LEVELS.index(l) for l in levs]
        contig = ks == list(range(ks[0], ks[0] + len(ks)))
        if first and (p["pid"], "level") in over:
            lt = over[(p["pid"], "level")]
            add_err(r, "Livello/i", lt, "impossible level L VII (only L I-L V); op note says L II", p["pid"])
        elif len(levs) >= 3 and contig or (len(levs) == 2 and contig and rng.random() < 0.4):
            lt = f"{lev_it(levs[0])}-{lev_it(levs[-1])}"
        else:
            lt = rng.choice([", ", " e ", ", "]).join(lev_it(l) for l in levs)
        put(r, "Livello/i", lt)
        put(r, "Tecnica", "VP" if s["tech"] == "vertebroplasty" else "CP")
        if s["total_only"]:
            put(r, "Cemento (cc)", "tot. " + num_it(round(sum(v["vol"] for v in s["verts"]), 2)))
        elif len(s["verts"]) == 1:
            put(r, "Cemento (cc)", s["verts"][0]["vol"], "0.0")
        else:
            parts = [num_it(v["vol"]) for v in s["verts"]]
            if first and (p["pid"], "vol") in over:
                parts[1] = "38"
                txt = " + ".join(parts)
                add_err(r, "Cemento (cc)", txt,
                        f"38 cc for one vertebra ({lev_it(levs[1])}) impossible, decimal comma lost: 3,8", p["pid"])
            txt = " + ".join(parts)
            put(r, "Cemento (cc)", txt)
        put(r, "Tipo cemento", {"PMMA": "PMMA", "calcium phosphate": "fosfato di Ca", "": None}[s["cement"]])
        if s["verts"][0]["leak"] is None:
            lk = rng.choice(["?", "non rilevato"])
        elif all(v["leak"] == "none" for v in s["verts"]):
            lk = rng.choice(["no", "no", "nudda", "assente"])
        else:
            lk = "; ".join(f"{LEAK_IT[v['leak']]}" + (f" {lev_it(v['level'])}" if len(levs) > 1 else "")
                           for v in s["verts"] if v["leak"] != "none")
        put(r, "Fuoriuscita cemento", lk)
        for j, tp in enumerate(TPS):
            vis = [v for v in p["visits"] if v["session"] == s["session"] and v["tp"] == tp][0]
            cv, co = col["VAS T0"] + j, col["ODI T0"] + j
            if vis["status"] == "ok":
                vv = vis["vals"]["pain_vas"]
                if (p["pid"], "vas" + tp) in over:
                    vv = over[(p["pid"], "vas" + tp)]
                    add_err(r, f"VAS {TCODE[tp]}", vv, "VAS 12 outside 0-10 scale (probably 2)", p["pid"])
                ws.cell(r, cv, vv if rng.random() > 0.1 else str(vv))
                ws.cell(r, co, vis["vals"].get("odi"))
            else:
                word = {"missed": rng.choice(["n.e.", "n.e.", "-", "no est bènnida" if p["sex"] == "female" else "no est bènnidu"]),
                        "dead": "†", "superseded": "v. II int."}[vis["status"]]
                ws.cell(r, cv, word)
                ws.cell(r, co, word if vis["status"] != "missed" else rng.choice([word, "n.e."]))
            ws.cell(r, cv).border = box
            ws.cell(r, co).border = box
        notes = []
        if first:
            fx = sorted(p["fx"], key=lambda f: f["day"])
            if fx:
                put(r, "Nuove fratture (data)", "; ".join(f"{lev_it(f['level'])} ({dstr(f['date'])})" +
                                                          (" → II int." if f["treated"] else "") for f in fx))
            if p["died"]:
                w = rng.choice(["mortu" if p["sex"] == "male" else "morta",
                                "deceduto" if p["sex"] == "male" else "deceduta"])
                notes.append(f"{w} il {dstr(p['death_date'])}")
            if p["detail"] in ("mets_breast", "mets_lung", "mets_prostate", "mets_kidney", "myeloma") and rng.random() < 0.5:
                notes.append("in carico oncologia")
        else:
            notes.append(f"II intervento per nuovo crollo {lev_it(s['verts'][0]['level'])}")
        put(r, "Note", "; ".join(notes) if notes else None)
        r += 1
last = r - 1
r += 1
legend = ["Legenda:",
          "T0 = pre-operatorio;  T1 = 1 mese;  T2 = 3 mesi;  T3 = 6 mesi;  T4 = 12 mesi (dall'intervento della riga)",
          "Livelli: D = dorsale, L = lombare (numeri romani). VP = vertebroplastica, CP = cifoplastica (palloncino)",
          "Cemento: cc per vertebra nell'ordine dei livelli; 'tot.' = solo totale dell'intervento",
          "n.e. = non eseguito / non venuto;  no est bènnidu/a = non è venuto/a;  † = deceduto;  nudda = niente",
          "Int. II = secondo intervento (stesso paziente, riga gialla): T0-T4 riferiti al II intervento"]
for t in legend:
    ws.cell(r, 1, t).font = Font(italic=True, size=9, bold=(t == "Legenda:"))
    r += 1
widths = {"A": 4, "B": 9, "C": 22, "D": 11, "E": 5, "F": 6, "G": 13, "H": 18, "I": 13, "J": 22, "K": 5,
          "L": 11, "M": 16, "N": 8, "O": 16, "P": 12, "Q": 22}
for k, v in widths.items():
    ws.column_dimensions[k].width = v
ws.column_dimensions[get_column_letter(col["Nuove fratture (data)"])].width = 30
ws.column_dimensions[get_column_letter(col["Note"])].width = 34
ws.freeze_panes = "D7"
wb.save(os.path.join(HERE, "input.xlsx"))
write_truth(pts, errs, idents)
