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

# ================= site: Majuro (Majuro Hospital surgical clinic, visiting spine team) =================
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill

TPS = ["pre", "2w", "6w", "3m", "6m", "12m"]
LAB = {"pre": ["pre", "pre-op"], "2w": ["2wk", "2 wks"], "6w": ["6wk", "6 wks"], "3m": ["3mo", "3 mo"],
       "6m": ["6mo", "6 mo"], "12m": ["12mo", "1 yr"]}
pts, rng = make_cohort(6613, 16, TPS, D(2021, 11, 1), D(2023, 4, 30), lambda i: f"MH-{i + 1:02d}",
                       odi=False, p_second=0.2, p_miss=0.16)
SURN = ["Kabua", "Lang", "Jetnil", "Langidrik", "deBrum", "Zackhras", "Lomae", "Anjain", "Heine",
        "Loeak", "Jibas", "Riklon", "Laelang", "Kaiko", "Bolkeim", "Tibon"]
FN_F = ["Neitari", "Lijon", "Mary", "Hilda", "Lemeyo", "Rosania", "Tarines", "Bwirre", "Jemina", "Linda"]
FN_M = ["Tony", "Jorelik", "Alik", "Kessai", "Wilbur", "Hemos", "Bwij", "Lamike", "Ataji"]
DX = {"osteoporosis": ["osteoporosis", "osteoporosis", "OP compression fx"], "mets_breast": ["mets (breast ca)"],
      "mets_lung": ["mets (lung ca)"], "mets_prostate": ["mets (prostate ca)"], "mets_kidney": ["mets (kidney ca)"],
      "myeloma": ["myeloma"], "trauma": ["trauma - fell from coconut tree", "trauma - fall", "trauma - MVA"],
      "haemangioma": ["hemangioma"]}
LK = {"none": ["none", "ejjelok", "no"], "disc": ["disc"], "venous": ["venous"], "paravertebral": ["paraspinal"],
      "epidural": ["epidural"], "disc;venous": ["disc + venous"]}
# a small clinic: procedures only done in team trips, the cement type is written only sometimes
for p in pts:
    for s in p["sessions"]:
        s["cement"] = "PMMA" if rng.random() < 0.6 else ""
        if len(s["verts"]) >= 2 and rng.random() < 0.35:
            s["total_only"] = True

# planted mistakes
over = {}
cand = [p for p in pts if p["idx"] >= 4]
pId = cand[2]
cand = [p for p in pts if p is not pId and any(v["tp"] == "2w" and v["status"] == "ok" for v in p["visits"])]
pPain = cand[1]
vPain = [v for v in pPain["visits"] if v["tp"] == "2w" and v["status"] == "ok"][0]
vPain["vals"]["pain_vas"] = 2
cand = [p for p in pts if p not in (pId, pPain) and len(p["sessions"][0]["verts"]) == 1]
pCem = cand[0]
pCem["sessions"][0]["verts"][0]["vol"] = 3.5
cand = [p for p in pts if p not in (pId, pPain, pCem) and any(v["tp"] == "6w" and v["status"] == "ok" for v in p["visits"])]
pDt = cand[-1]
vDt = [v for v in pDt["visits"] if v["tp"] == "6w" and v["status"] == "ok"][0]

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "VP log"
ws["A1"] = "MAJURO HOSPITAL - Surgical Clinic  /  back cement (VP / KP) pts - visiting spine team trips"
ws["A1"].font = Font(bold=True, size=12)
ws["A2"] = "keep updated after each clinic day - Nurse Lani (ext 2215)"
ws["A2"].font = Font(italic=True)
HDR = ["", "date", "level / visit", "VP/KP", "cement cc", "leak", "pain (metak) 0-10", "notes"]
for i, h in enumerate(HDR, 1):
    c = ws.cell(4, i, h)
    c.font = Font(bold=True)
    c.fill = PatternFill("solid", fgColor="C6E0B4")
for k, w in zip("ABCDEFGH", [36, 11, 13, 7, 10, 12, 10, 60]):
    ws.column_dimensions[k].width = w
idents = [("staff name", "Lani"), ("phone", "ext 2215")]
errs = []


def e(r, c, head, val, what, pid):
    errs.append({"sheet": ws.title, "cell": f"{col_letter(c)}{r}", "row": r, "header": head,
                 "value": str(val), "what": what, "pid": pid})


def put_date(r, d):
    if rng.random() < 0.75:
        c = ws.cell(r, 2, d)
        c.number_format = "m/d/yyyy"
    else:
        ws.cell(r, 2, f"{d.month}/{d.day}/{d.year % 100:02d}")


r = 5
fi = mi = 0
sf = rng.sample(SURN, len(SURN))
for p in pts:
    sur = sf[p["idx"] % len(sf)]
    fn = rng.choice(FN_F if p["sex"] == "female" else FN_M)
    mrn = f"{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
    ph = f"{rng.choice(['625', '455', '247'])}-{rng.randint(1000, 9999)}"
    dob = p["dob"]
    head = f"Patient {p['pid']}  {'F' if p['sex'] == 'female' else 'M'}  {p['age']}y  dx: {rng.choice(DX[p['detail']])}"
    if p is pId:
        head = f"Patient   {'F' if p['sex'] == 'female' else 'M'}  {p['age']}y  dx: {rng.choice(DX[p['detail']])}"
        e(r, 1, "(patient header)", head, f"study ID missing in the patient header (between MH-{p['idx']:02d} and MH-{p['idx'] + 2:02d}; should be {p['pid']})", p["pid"])
    ws.cell(r, 1, head).font = Font(bold=True)
    info = f"{fn} {sur} - MR# {mrn} - DOB {dob.month}/{dob.day}/{dob.year} - ph {ph}"
    ws.cell(r, 8, info).font = Font(bold=True)
    for c in range(1, 9):
        ws.cell(r, c).fill = PatternFill("solid", fgColor="FFF2CC")
    idents += [("name", f"{fn} {sur}"), ("record number", mrn), ("birth date", f"{dob.month}/{dob.day}/{dob.year}"),
               ("phone", ph)]
    r += 1
    for s in p["sessions"]:
        lab = "proc" if s["session"] == 1 else "proc #2 (new fx)"
        tech = "VP" if s["tech"] == "vertebroplasty" else "KP"
        cem_note = rng.choice(["PMMA", "cement PMMA", "Simplex (PMMA)"]) if s["cement"] else ""
        if s["total_only"]:
            ws.cell(r, 1, lab)
            put_date(r, s["date"])
            ws.cell(r, 3, " + ".join(v["level"] for v in s["verts"]))
            ws.cell(r, 4, tech)
            ws.cell(r, 5, f"{fnum(round(sum(v['vol'] for v in s['verts']), 2))} total")
            leaks = [f"{rng.choice(LK[v['leak']])} {v['level']}" for v in s["verts"] if v["leak"] != "none"]
            ws.cell(r, 6, ", ".join(leaks) if leaks else rng.choice(LK["none"]))
            ws.cell(r, 8, cem_note or None)
            r += 1
        else:
            for j, v in enumerate(s["verts"]):
                ws.cell(r, 1, lab if j == 0 else None)
                if j == 0:
                    put_date(r, s["date"])
                else:
                    ws.cell(r, 2, '"')
                ws.cell(r, 3, v["level"])
                ws.cell(r, 4, tech)
                if p is pCem and s["session"] == 1:
                    ws.cell(r, 5, 35)
                    e(r, 5, "cement cc", 35, f"35 cc in one vertebra ({v['level']}) impossible - decimal point lost, 3.5", p["pid"])
                else:
                    ws.cell(r, 5, v["vol"] if rng.random() < 0.7 else f"{fnum(v['vol'])}cc")
                ws.cell(r, 6, rng.choice(LK[v["leak"]]))
                ws.cell(r, 8, cem_note if (j == 0 and cem_note) else None)
                r += 1
        dead_done = False
        for v in [v for v in p["visits"] if v["session"] == s["session"]]:
            if v["status"] == "superseded":
                continue
            if v["status"] == "dead":
                if not dead_done:
                    ws.cell(r, 1, "note")
                    ws.cell(r, 8, f"emej {p['death_date'].month}/{p['death_date'].day}/{p['death_date'].year}" +
                            rng.choice([" (family told CHW)", " - passed at home", ""]))
                    r += 1
                    dead_done = True
                continue
            lab = rng.choice(LAB[v["tp"]])
            if s["session"] == 2:
                lab += " (#2)"
            ws.cell(r, 1, "visit")
            ws.cell(r, 3, lab)
            if v["status"] == "missed":
                ws.cell(r, 8, rng.choice(["ejjab itok", "no show", "ejjab itok - outer island", "did not come, boat"]))
                r += 1
                continue
            if p is pDt and v is vDt:
                wrong = v["date"].replace(year=v["date"].year - 1)
                ws.cell(r, 2, wrong).number_format = "m/d/yyyy"
                e(r, 2, "date", f"{wrong.month}/{wrong.day}/{wrong.year}",
                  f"6wk visit dated before the procedure ({s['date'].month}/{s['date'].day}/{s['date'].year}); year should be {v['date'].year}", p["pid"])
            else:
                put_date(r, v["date"])
            pv = v["vals"]["pain_vas"]
            if p is pPain and v is vPain:
                ws.cell(r, 7, 12)
                e(r, 7, "pain (metak) 0-10", 12, "pain 12 outside 0-10 scale (should be 2 per clinic note)", p["pid"])
            else:
                ws.cell(r, 7, pv)
            notes = []
            for f in p["fx"]:
                if not f["treated"] and f.get("visit") is v:
                    notes.append(f"new fx {f['level']} on xray")
            if v["tp"] == "pre" and s["session"] == 2:
                f = [f for f in p["fx"] if f["treated"]][0]
                notes.append(f"new fx {f['level']} seen on xray {f['date'].month}/{f['date'].day}/{f['date'].year}, done on team trip")
            if pv >= 7 and v["tp"] != "pre":
                notes.append("metak lap (still lots of pain)")
            ws.cell(r, 8, "; ".join(notes) if notes else None)
            r += 1
    r += 1  # blank row between patients
r += 1
for t in ["key:  VP = vertebroplasty  KP = kyphoplasty (balloon)   pain = 0-10 scale, asked in Marshallese (metak = pain)",
          "visits: pre = before procedure, 2wk / 6wk / 3mo / 6mo / 12mo after the procedure written above them",
          "ejjab itok = did not come   emej = died   ejjelok = none   CHW = community health worker"]:
    ws.cell(r, 1, t).font = Font(italic=True, size=9)
    r += 1
wb.save(os.path.join(HERE, "input.xlsx"))
write_truth(pts, errs, idents)
