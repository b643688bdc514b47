"""Blind test workbook: Bergen (Norway). Run: python make.py OUTDIR"""
# ---------------------------------------------------------------------------
# Cohort generator (shared pattern across the batch-2 blind sites; each make.py
# carries its own copy so the script stays self-contained).
# ---------------------------------------------------------------------------
import csv
import datetime as dt
import os
import sys

import numpy as np

TP_DAYS = {"pre": 0, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30,
           "3m": 91, "6m": 182, "12m": 365, "24m": 730}
SPINE = ["T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12",
         "L1", "L2", "L3", "L4", "L5"]
SPINE_W = [1, 1, 2, 3, 4, 5, 6, 10, 16, 16, 10, 6, 4, 2]
# typical fraction of the pre-procedure pain that remains at each time point
PAIN_FRAC = {"24h": 0.6, "1w": 0.55, "2w": 0.5, "6w": 0.45, "1m": 0.45,
             "3m": 0.38, "6m": 0.33, "12m": 0.3, "24m": 0.3}


def pick_levels(rng, k, exclude=()):
    w = np.array(SPINE_W, float)
    for _ in range(200):
        c = int(rng.choice(len(SPINE), p=w / w.sum()))
        start = c - int(rng.integers(0, k))
        start = min(max(0, start), len(SPINE) - k)
        lv = SPINE[start:start + k]
        if not set(lv) & set(exclude):
            return list(lv)
    raise RuntimeError("no free level")


def make_session(rng, day, levels, technique, cement_type):
    vols, leaks = [], []
    for lv in levels:
        lo, hi = (2.0, 4.5) if lv.startswith("T") else (3.0, 6.5)
        if technique == "kyphoplasty":
            lo, hi = lo + 0.5, hi + 1.0
        vols.append(float(rng.integers(int(lo * 2), int(hi * 2) + 1)) / 2)
        r = rng.random()
        leaks.append("none" if r < 0.74 else "disc" if r < 0.85 else
                     "venous" if r < 0.93 else "paravertebral" if r < 0.97
                     else "epidural")
    return {"day": day, "levels": list(levels), "technique": technique,
            "cement_type": cement_type, "volumes": vols, "leaks": leaks}


def gen_cohort(rng, n, tps, start, end, p_second=0.18, p_fx=0.13,
               techniques=(("vertebroplasty", 0.7), ("kyphoplasty", 0.3)),
               cements=(("PMMA", 1.0),), attend=0.84):
    """Generate n patients. tps: follow-up time points per session (without 'pre')."""
    span = (end - start).days
    pts = []
    for i in range(n):
        sex = "female" if rng.random() < 0.72 else "male"
        r = rng.random()
        etiology = ("osteoporotic" if r < 0.68 else "pathologic" if r < 0.88
                    else "traumatic")
        age = (int(rng.integers(62, 93)) if etiology == "osteoporotic"
               else int(rng.integers(44, 86)))
        d0 = start + dt.timedelta(days=int(rng.integers(0, span)))
        tech_names = [t for t, _ in techniques]
        tech_p = np.array([p for _, p in techniques], float)
        cem_names = [c for c, _ in cements]
        cem_p = np.array([p for _, p in cements], float)

        def tech():
            return tech_names[int(rng.choice(len(tech_names), p=tech_p / tech_p.sum()))]

        def cem():
            return cem_names[int(rng.choice(len(cem_names), p=cem_p / cem_p.sum()))]

        k = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        lv1 = pick_levels(rng, k)
        sessions = [make_session(rng, 0, lv1, tech(), cem())]
        treated = set(lv1)
        fractures = []
        if rng.random() < p_second:
            day2 = int(rng.integers(28, 170))
            lv2 = pick_levels(rng, 1, exclude=treated)
            fractures.append((day2 - int(rng.integers(4, 22)), lv2[0]))
            sessions.append(make_session(rng, day2, lv2, tech(), cem()))
            treated |= set(lv2)
        if rng.random() < p_fx:
            lv = pick_levels(rng, 1, exclude=treated)
            fractures.append((int(rng.integers(35, 340)), lv[0]))
            treated |= set(lv)
        died = rng.random() < (0.35 if etiology == "pathologic" else 0.1)
        last = sessions[-1]["day"]
        death_day = last + int(rng.integers(25, 420)) if died else None
        if died:
            fractures = [f for f in fractures if f[0] < death_day]
        fractures.sort()
        for s in sessions:
            pain = {}
            status = {}
            pre = int(rng.choice([5, 6, 7, 7, 8, 8, 8, 9, 9, 10]))
            if rng.random() < 0.97:
                pain["pre"] = pre
                status["pre"] = "done"
            else:
                status["pre"] = "missed"
            for tp in tps:
                tday = s["day"] + TP_DAYS[tp]
                if died and tday > death_day:
                    status[tp] = "dead"
                    continue
                if rng.random() > attend:
                    status[tp] = "missed"
                    continue
                v = pre * PAIN_FRAC[tp] + rng.normal(0, 1.2)
                pain[tp] = int(min(10, max(0, round(v))))
                status[tp] = "done"
            s["pain"] = pain
            s["status"] = status
        pts.append({"sex": sex, "age": age, "etiology": etiology, "d0": d0,
                    "sessions": sessions, "fractures": fractures,
                    "died": died, "death_day": death_day})
    pts.sort(key=lambda p: p["d0"])
    return pts


def sdate(p, s):
    """calendar date of a session"""
    return p["d0"] + dt.timedelta(days=s["day"])


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def fmt_num(x):
    if x is None or x == "":
        return ""
    x = float(x)
    return str(int(x)) if x == int(x) else ("%.2f" % x).rstrip("0").rstrip(".")


def write_truth(outdir, patients, procedures, assessments, fractures, errors,
                identifiers):
    t = os.path.join(outdir, "truth")
    write_csv(os.path.join(t, "patients.csv"),
              ["patient_id", "sex", "age_years", "etiology", "died"], patients)
    write_csv(os.path.join(t, "procedures.csv"),
              ["patient_id", "session", "day", "level", "technique",
               "cement_volume_ml", "session_cement_volume_ml", "cement_type",
               "leakage"],
              [[r[0], r[1], r[2], r[3], r[4], fmt_num(r[5]), fmt_num(r[6]),
                r[7], r[8]] for r in procedures])
    write_csv(os.path.join(t, "assessments.csv"),
              ["patient_id", "session", "measure", "timepoint", "value"],
              [[r[0], r[1], r[2], r[3], fmt_num(r[4])] for r in assessments])
    write_csv(os.path.join(t, "fractures.csv"),
              ["patient_id", "day", "level"], fractures)
    write_csv(os.path.join(t, "errors.csv"),
              ["sheet", "cell", "row", "column_header", "value",
               "what_is_wrong", "patient_id"], errors)
    write_csv(os.path.join(t, "identifiers.csv"), ["kind", "value"],
              identifiers)
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Bergen (Norway): one row per treated vertebra, patient and session cells merged
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

SEED = 4711
N = 28
FIRST = ["Kari", "Ingrid", "Solveig", "Marit", "Astrid", "Liv", "Randi",
         "Bjørg", "Gerd", "Anne", "Ragnhild", "Sigrid", "Turid", "Eli",
         "Olav", "Knut", "Arne", "Per", "Tor", "Nils", "Magne", "Leif"]
LAST = ["Haugland", "Brekke", "Nygård", "Hopland", "Vik", "Tveit", "Myklebust",
        "Sæle", "Halvorsen", "Bakke", "Eide", "Rasmussen", "Lien", "Skår",
        "Kvamme", "Vågen", "Hauge", "Instebø", "Fjeldstad", "Øvretveit"]
FEM = 14  # first 14 first names are women's names

ARSAK = {"osteoporotic": ["Osteoporose", "Osteoporose", "Osteoporotisk brudd"],
         "pathologic": ["Metastase (mamma ca.)", "Myelomatose",
                        "Metastase (prostata ca.)", "Lungecancer, met."],
         "traumatic": ["Traume (fall)", "Fall fra stige", "Traume"]}
LEAK_NO = {"none": "nei", "disc": "ja – skive", "venous": "ja – venøs",
           "paravertebral": "ja – paravertebral", "epidural": "ja – epidural"}
BRAND = {"vertebroplasty": ["Osteopal V", "Vertecem V+"],
         "kyphoplasty": ["Kyphon Xpede"]}
VAS_TP = ["pre", "1w", "3m", "12m"]


def d_no(d):
    return d.strftime("%d.%m.%Y")


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = gen_cohort(rng, N, ["1w", "3m", "12m"], dt.date(2019, 2, 1),
                     dt.date(2022, 5, 31),
                     techniques=(("vertebroplasty", 0.75), ("kyphoplasty", 0.25)))
    # study IDs: VP<yy>-<running number in that year>
    run = {}
    for p in pts:
        yy = p["d0"].year % 100
        run[yy] = run.get(yy, 0) + 1
        p["id"] = "VP%02d-%02d" % (yy, run[yy])
        fem = p["sex"] == "female"
        p["name"] = "%s, %s" % (LAST[int(rng.integers(len(LAST)))],
                                FIRST[int(rng.integers(0, FEM))] if fem
                                else FIRST[int(rng.integers(FEM, len(FIRST)))])
        ann = p["d0"].replace(year=p["d0"].year - p["age"]) if not (
            p["d0"].month == 2 and p["d0"].day == 29) else dt.date(
            p["d0"].year - p["age"], 2, 28)
        bd = ann - dt.timedelta(days=int(rng.integers(0, 360)))
        p["birth"] = bd
        p["fnr"] = bd.strftime("%d%m%y") + "%05d" % int(rng.integers(10000, 99999))
        opts = [o for o in ARSAK[p["etiology"]]
                if not ("prostata" in o and fem) and not ("mamma" in o and not fem)]
        p["arsak"] = opts[int(rng.integers(len(opts)))]
        for s in p["sessions"]:
            s["brand"] = BRAND[s["technique"]][int(rng.integers(len(BRAND[s["technique"]])))]
        p["phone"] = ("%d%d %02d %02d %02d" % (int(rng.choice([4, 9])), int(rng.integers(0, 10)),
                      *[int(x) for x in rng.integers(0, 100, 3)])
                      if rng.random() < 0.3 else None)

    # ---- planted errors (distinct patients) --------------------------------
    order = [int(i) for i in rng.permutation(N)]
    err = {}
    # E1 impossible level
    a = order.pop()
    err[("level", a, 0, 0)] = "L7"
    # E2 45 ml typed for 4,5 ml in one vertebra
    b = next(i for i in order if any(l.startswith("L") for l in pts[i]["sessions"][0]["levels"]))
    order.remove(b)
    vi = next(j for j, l in enumerate(pts[b]["sessions"][0]["levels"]) if l.startswith("L"))
    pts[b]["sessions"][0]["volumes"][vi] = 4.5
    err[("volume", b, 0, vi)] = 45
    # E3 VAS 14 at 3 months
    c = next(i for i in order if "3m" in pts[i]["sessions"][0]["pain"])
    order.remove(c)
    err[("vas", c, 0, "3m")] = 14
    # E4 31 February
    d = next(i for i in order if pts[i]["d0"].month in (2, 3)) if any(
        pts[i]["d0"].month in (2, 3) for i in order) else order[0]
    order.remove(d)
    err[("date", d, 0)] = "31.02.%d" % pts[d]["d0"].year

    # ---- workbook ------------------------------------------------------------
    wb = Workbook()
    ws = wb.active
    ws.title = "Vertebroplastikk"
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="D9E1F2")
    tel_fill = PatternFill("solid", fgColor="DDEBF7")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    top = Alignment(vertical="top", wrap_text=True)

    ws["A1"] = "Vestland universitetssjukehus – Radiologisk avd., seksjon for intervensjon"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Vertebroplastikk / kyfoplastikk – kvalitetsregister 2019–2022.  Sist oppdatert 14.02.2023 (KH)"
    ws["A2"].font = Font(italic=True)
    ws.merge_cells("A1:T1")
    ws.merge_cells("A2:T2")

    groups = [("Pasient", 1, 7), ("Behandling", 8, 14), ("VAS (0–10)", 15, 18),
              ("Oppfølging", 19, 20)]
    heads = ["Pasient-ID", "Navn", "Fødselsnr.", "Kjønn", "Alder", "Årsak", "Død",
             "Beh. nr", "Dato", "Metode", "Sement", "Nivå", "Sementvolum (ml)",
             "Lekkasje", "før", "1 uke", "3 mnd", "12 mnd",
             "Nye brudd (nivå, dato)", "Merknad"]
    for g, c0, c1 in groups:
        ws.cell(4, c0, g)
        ws.merge_cells(start_row=4, start_column=c0, end_row=4, end_column=c1)
    for j, h in enumerate(heads, 1):
        ws.cell(5, j, h)
    for r in (4, 5):
        for j in range(1, 21):
            cl = ws.cell(r, j)
            cl.font = bold
            cl.fill = head_fill
            cl.alignment = center
            cl.border = box
    widths = [10, 22, 14, 7, 7, 22, 6, 7, 12, 8, 13, 7, 11, 18, 6, 7, 7, 7, 26, 34]
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[ws.cell(5, j).column_letter].width = w
    ws.freeze_panes = "C6"

    errors = []

    def put(r, col, value, key=None, what=None, pid=None, fmt=None):
        cl = ws.cell(r, col)
        if key is not None and key in err:
            value = err[key]
            errors.append([ws.title, cl.coordinate, r, heads[col - 1], value, what, pid])
        cl.value = value
        if fmt and isinstance(value, (dt.date, dt.datetime)):
            cl.number_format = fmt
        cl.border = box
        return cl

    def merge(col, r0, r1):
        if r1 > r0:
            ws.merge_cells(start_row=r0, start_column=col, end_row=r1, end_column=col)
        for r in range(r0, r1 + 1):
            ws.cell(r, col).border = box
            ws.cell(r, col).alignment = top

    r = 6
    for i, p in enumerate(pts):
        nrows = sum(len(s["levels"]) for s in p["sessions"])
        r0 = r
        pid = p["id"]
        put(r0, 1, pid).font = bold
        put(r0, 2, p["name"])
        put(r0, 3, p["fnr"])
        put(r0, 4, "K" if p["sex"] == "female" else "M")
        age = p["age"]
        put(r0, 5, ("%d år" % age) if rng.random() < 0.15 else age)
        put(r0, 6, p["arsak"])
        put(r0, 7, "ja" if p["died"] else "nei")
        fx = "; ".join("%s (%s)" % (lv, d_no(p["d0"] + dt.timedelta(days=day)))
                       for day, lv in p["fractures"])
        put(r0, 19, fx or None)
        notes = []
        if len(p["sessions"]) > 1:
            notes.append("Beh. 2 pga. nytt brudd %s" % p["sessions"][1]["levels"][0])
        if p["died"]:
            notes.append("Død %s" % d_no(p["d0"] + dt.timedelta(days=p["death_day"])))
        if p["phone"]:
            notes.append("tlf. pårørende %s" % p["phone"])
        put(r0, 20, "; ".join(notes) or None)
        for si, s in enumerate(p["sessions"]):
            s0 = r
            put(s0, 8, si + 1)
            d = sdate(p, s)
            if rng.random() < 0.25:
                put(s0, 9, d_no(d), key=("date", i, si),
                    what="impossible date (31 February)", pid=pid)
            else:
                put(s0, 9, dt.datetime(d.year, d.month, d.day), key=("date", i, si),
                    what="impossible date (31 February)", pid=pid, fmt="dd.mm.yyyy")
            put(s0, 10, "VP" if s["technique"] == "vertebroplasty" else "KP")
            put(s0, 11, s["brand"])
            for ti, tp in enumerate(VAS_TP):
                st = s["status"].get(tp)
                if tp in s["pain"]:
                    cl = put(s0, 15 + ti, s["pain"][tp], key=("vas", i, si, tp),
                             what="VAS 14 on a 0-10 scale", pid=pid)
                    if tp != "pre" and rng.random() < 0.2:
                        cl.fill = tel_fill
                elif st == "missed" and tp != "pre":
                    put(s0, 15 + ti, "ikke møtt")
                elif st == "dead":
                    put(s0, 15 + ti, "død")
                else:
                    put(s0, 15 + ti, None)
            for li, lv in enumerate(s["levels"]):
                put(r, 12, lv, key=("level", i, si, li),
                    what="impossible level (there is no L7)", pid=pid)
                v = s["volumes"][li]
                if rng.random() < 0.2 and ("volume", i, si, li) not in err:
                    vtxt = fmt_num(v).replace(".", ",")
                    put(r, 13, vtxt + (" ml" if rng.random() < 0.5 else ""))
                else:
                    put(r, 13, v, key=("volume", i, si, li),
                        what="45 mL in one vertebra (4,5 typed without the comma)",
                        pid=pid)
                put(r, 14, LEAK_NO[s["leaks"][li]])
                r += 1
            for col in (8, 9, 10, 11, 15, 16, 17, 18):
                merge(col, s0, r - 1)
        for col in (1, 2, 3, 4, 5, 6, 7, 19, 20):
            merge(col, r0, r - 1)
    r += 1
    ws.cell(r, 1, "Blå celle = kontroll tatt per telefon.  «ikke møtt» = møtte ikke til kontroll.  Se fanen «Forklaring».").font = Font(italic=True, size=9)

    lg = wb.create_sheet("Forklaring")
    rows = [("Forklaring", ""),
            ("VP", "Vertebroplastikk (perkutan)"),
            ("KP", "Ballong-kyfoplastikk"),
            ("VAS", "Smerte, visuell analog skala 0–10 (0 = ingen smerte). før = dagen før/samme dag; 1 uke, 3 mnd, 12 mnd etter behandling"),
            ("Sementvolum", "ml PMMA per virvel (operasjonsbeskrivelse)"),
            ("Lekkasje", "sementlekkasje på kontroll-CT: nei / ja – skive / venøs / paravertebral / epidural"),
            ("Beh. nr", "1 = første behandling, 2 = ny behandling senere (eget VAS-forløp)"),
            ("Nye brudd", "nye kompresjonsbrudd oppdaget i oppfølgingen (nivå, dato for påvisning)"),
            ("Blå celle", "kontroll tatt per telefon")]
    for j, (a_, b_) in enumerate(rows, 1):
        lg.cell(j, 1, a_).font = bold
        lg.cell(j, 2, b_)
    lg.column_dimensions["A"].width = 14
    lg.column_dimensions["B"].width = 100

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))

    # ---- truth -----------------------------------------------------------------
    P, PR, AS, FX, ID = [], [], [], [], []
    for p in pts:
        pid = p["id"]
        P.append([pid, p["sex"], p["age"], p["etiology"], "yes" if p["died"] else "no"])
        for si, s in enumerate(p["sessions"], 1):
            for li, lv in enumerate(s["levels"]):
                PR.append([pid, si, s["day"], lv, s["technique"], s["volumes"][li],
                           None, "PMMA", s["leaks"][li]])
            for tp in VAS_TP:
                if tp in s["pain"]:
                    AS.append([pid, si, "pain_vas", tp, s["pain"][tp]])
        for day, lv in p["fractures"]:
            FX.append([pid, day, lv])
        ID.append(["name", p["name"]])
        ID.append(["record_number", p["fnr"]])
        if p["phone"]:
            ID.append(["phone", p["phone"]])
    write_truth(outdir, P, PR, AS, FX, errors, ID)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
