import sys, os, csv, datetime as dt
import numpy as np

LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]
TP_DAYS = {"pre": -1, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30, "3m": 91, "6m": 182, "12m": 365, "24m": 730}


def gen(seed, n, prefix, start, fu_tps, id_fmt="{p}{i:03d}", p_second=0.15, p_frac=0.15, p_died=0.12):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        pid = id_fmt.format(p=prefix, i=i + 1)
        sex = str(rng.choice(["female", "male"], p=[0.68, 0.32]))
        age = int(rng.integers(52, 90))
        et = str(rng.choice(["osteoporotic", "pathologic", "traumatic"], p=[0.7, 0.2, 0.1]))
        d0 = start + dt.timedelta(days=int(rng.integers(0, 500)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        base = int(rng.integers(LEVELS.index("T8"), LEVELS.index("L4")))
        levels = LEVELS[base:base + nlev]
        tech = str(rng.choice(["vertebroplasty", "kyphoplasty"], p=[0.6, 0.4]))
        vols = [float(round(float(rng.uniform(2, 6)) * 2) / 2) for _ in levels]
        leaks = [str(rng.choice(["none", "disc", "venous", "epidural", "paravertebral"], p=[0.7, 0.1, 0.1, 0.05, 0.05])) for _ in levels]
        pre = int(rng.integers(6, 11))
        pain = {"pre": pre}
        odi = {"pre": int(rng.integers(40, 80))}
        cur, co = pre, odi["pre"]
        for tp in fu_tps:
            cur = max(0, cur - int(rng.integers(1, 4)))
            co = max(4, co - int(rng.integers(5, 18)))
            if rng.random() < 0.15:
                continue
            pain[tp] = cur
            odi[tp] = co
        s1 = dict(session=1, day=0, date=d0, levels=levels, tech=tech, vols=vols, leaks=leaks, pain=pain, odi=odi,
                  fu_dates={tp: d0 + dt.timedelta(days=TP_DAYS[tp] + int(rng.integers(-2, 4))) for tp in fu_tps})
        sessions = [s1]
        fractures = []
        r = rng.random()
        if r < p_second:
            day = int(rng.integers(35, 110))
            lv = LEVELS[base - 1] if rng.random() < 0.5 else LEVELS[base + nlev]
            p2 = int(rng.integers(6, 10))
            sessions.append(dict(session=2, day=day, date=d0 + dt.timedelta(days=day), levels=[lv], tech=tech,
                                 vols=[float(round(float(rng.uniform(2, 5)) * 2) / 2)], leaks=["none"],
                                 pain={"pre": p2}, odi={"pre": int(rng.integers(40, 75))}, fu_dates={}))
            fractures.append((day, lv))
        elif r < p_second + p_frac:
            day = int(rng.integers(40, 150))
            lv = LEVELS[base - 1] if rng.random() < 0.5 else LEVELS[base + nlev]
            fractures.append((day, lv))
        died = "yes" if rng.random() < p_died else "no"
        pts.append(dict(pid=pid, sex=sex, age=age, et=et, sessions=sessions, fractures=fractures, died=died,
                        d0=d0, idx=i))
    return rng, pts


def fmtnum(x):
    if x is None or x == "":
        return ""
    x = float(x)
    return str(int(x)) if x == int(x) else str(x)


def write_truth(outdir, pts, errors, identifiers, cement_mode="level", cement_type="PMMA", measures=("pain_vas",),
                pain_div=1, sex_recorded=True, age_recorded=True, et_recorded=True, died_recorded=True,
                leak_recorded=True, tech_recorded=True):
    td = os.path.join(outdir, "truth")
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), "w", newline="", encoding="utf-8") as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"] if sex_recorded else "", p["age"] if age_recorded else "", p["et"] if et_recorded else "",
        p["died"] if died_recorded else ""] for p in pts])
    pr = []
    for p in pts:
        for s in p["sessions"]:
            tot = sum(s["vols"])
            ct = cement_type(p, s) if callable(cement_type) else cement_type
            for lv, v, lk in zip(s["levels"], s["vols"], s["leaks"]):
                if cement_mode == "level" or (cement_mode == "auto" and len(s["levels"]) == 1):
                    cv, sv = fmtnum(v), ""
                elif cement_mode in ("session", "auto"):
                    cv, sv = "", fmtnum(tot)
                else:
                    cv, sv = "", ""
                pr.append([p["pid"], s["session"], s["day"], lv, s["tech"] if tech_recorded else "", cv, sv, ct,
                           lk if leak_recorded else ""])
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], pr)
    ar = []
    for p in pts:
        for s in p["sessions"]:
            for tp, v in s["pain"].items():
                if "pain_vas" in measures:
                    ar.append([p["pid"], s["session"], "pain_vas", tp, fmtnum(v / pain_div)])
            if "odi" in measures:
                for tp, v in s["odi"].items():
                    ar.append([p["pid"], s["session"], "odi", tp, v])
            if "mobility" in measures:
                for tp, v in s.get("mob", {}).items():
                    ar.append([p["pid"], s["session"], "mobility", tp, v])
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], ar)
    w("fractures.csv", ["patient_id", "day", "level"], [[p["pid"], d, lv] for p in pts for d, lv in p["fractures"]])
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"], errors)
    w("identifiers.csv", ["kind", "value"], identifiers)

# ---------------- Antwerp: one row per treated vertebra + complications sheet ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter


def main(outdir):
    rng, pts = gen(8304, 23, "ANT-", dt.date(2022, 3, 1), ["1w", "6w", "3m"], id_fmt="{p}{i:03d}", p_second=0.13)
    fn_f = ["Maria", "Godelieve", "Annie", "Josée", "Rita", "Lutgarde", "Simonne", "Monique", "Hilde", "Christiane", "Mariette", "Denise"]
    fn_m = ["Jozef", "Frans", "Marcel", "Jean-Pierre", "Willy", "Roger", "Guido", "André", "Luc", "Eddy"]
    ln = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "Dubois",
          "Van den Broeck", "Hermans", "Lambrechts", "Leclercq", "Verstraeten", "Michiels", "Van Dyck"]
    etw = {"osteoporotic": "osteoporose", "traumatic": "trauma (val)"}
    brands = ["Vertecem V+", "Kyphon HV-R", "Osteopal V"]
    leakw = {"none": ["geen", "geen lekkage", "neen"],
             "disc": ["klein lek naar discus", "fuite discale minime", "cement in tussenwervelschijf"],
             "venous": ["veneuze lekkage (segmentaire vene)", "passage veineux paravertébral", "wat cement in basivertebrale vene"],
             "epidural": ["epiduraal lek, asymptomatisch", "fuite épidurale sans déficit"],
             "paravertebral": ["paravertebrale cementuitloop", "fuite paravertébrale"]}
    errors, idents = [], []
    for p in pts:
        s1 = p["sessions"][0]
        bd = p["d0"] - dt.timedelta(days=int(p["age"] * 365.25 + rng.integers(15, 340)))
        age = p["d0"].year - bd.year - ((p["d0"].month, p["d0"].day) < (bd.month, bd.day))
        p["age"], p["bd"] = age, bd
        fn = fn_f if p["sex"] == "female" else fn_m
        p["name"] = f"{ln[int(rng.integers(0, len(ln)))]} {fn[int(rng.integers(0, len(fn)))]}"
        p["brand"] = brands[int(rng.integers(0, 3))]
        if p["et"] == "pathologic":
            p["etw"] = str(rng.choice(["metastase (long)", "multipel myeloom", "métastase (sein)"]))
        else:
            p["etw"] = etw[p["et"]]
        for s in p["sessions"]:
            mm = {}
            for tp, v in s["pain"].items():
                x = int(min(100, max(0, v * 10 + int(rng.integers(-4, 5)))))
                mm[tp] = x
            s["mm"] = mm
            s["pain"] = {tp: x / 10 for tp, x in mm.items()}
            s["leakw"] = [leakw[k][int(rng.integers(0, len(leakw[k])))] for k in s["leaks"]]
        idents.append(["name", p["name"]])
        idents.append(["birth_date", bd.strftime("%d/%m/%Y")])
    wb = Workbook()
    ws = wb.active
    ws.title = "Behandelingen"
    ws["A1"] = "Dienst Neurochirurgie / Service de Neurochirurgie — Register vertebroplastie & kyfoplastie"
    ws["A1"].font = Font(bold=True, size=12)
    groups = [("Patiënt", 1, 7), ("Ingreep (1 rij per behandelde wervel)", 8, 14), ("Pijn VAS (mm, 0-100)", 15, 18), ("", 19, 19)]
    for g, a, b in groups:
        ws.cell(row=3, column=a, value=g).font = Font(bold=True)
        if b > a:
            ws.merge_cells(start_row=3, start_column=a, end_row=3, end_column=b)
        ws.cell(row=3, column=a).alignment = Alignment(horizontal="center")
        ws.cell(row=3, column=a).fill = PatternFill("solid", fgColor="E2EFDA")
    hdr = ["Studienr", "Naam", "Geb.datum", "Geslacht (M/V)", "Leeftijd", "Oorzaak", "Overleden (j/n)", "Datum ingreep", "Sessie",
           "Niveau", "Techniek", "Cement (ml)", "Cement merk", "Lekkage", "Pre-op", "1 week", "6 weken", "3 maand", "Opmerking"]
    for j, h in enumerate(hdr, 1):
        c = ws.cell(row=4, column=j, value=h)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True)
    C = {h: j for j, h in enumerate(hdr, 1)}
    techw = {"vertebroplasty": ["VP", "vertebroplastie"], "kyphoplasty": ["KP", "ballon-kyfoplastie", "cyphoplastie"]}
    r = 5
    E = {1: "level", 5: "cement", 9: "dup", 13: "date", 17: "vas", 20: "vas"}
    E[20] = None
    for p in pts:
        kind = E.get(p["idx"])
        prow0 = r
        pid_written = p["pid"]
        if kind == "dup":
            pid_written = pts[p["idx"] - 1]["pid"]
        for s in p["sessions"]:
            srow0 = r
            tw = techw[s["tech"]][int(rng.integers(0, len(techw[s["tech"]])))]
            for k, (lv, v, lk) in enumerate(zip(s["levels"], s["vols"], s["leakw"])):
                ws.cell(row=r, column=C["Studienr"], value=pid_written)
                c = ws.cell(row=r, column=C["Datum ingreep"], value=dt.datetime(s["date"].year, s["date"].month, s["date"].day))
                c.number_format = "DD/MM/YYYY"
                if kind == "date" and s["session"] == 1 and k == 0:
                    bad = f"31/04/{s['date'].year}"
                    ws.cell(row=r, column=C["Datum ingreep"], value=bad)
                    errors.append([ws.title, f"H{r}", r, "Datum ingreep", bad, "impossible date (31 April)", p["pid"]])
                ws.cell(row=r, column=C["Sessie"], value=s["session"])
                lvw = lv
                if kind == "level" and s["session"] == 1 and k == 0:
                    lvw = "L6" if lv.startswith("L") else "T13"
                    errors.append([ws.title, f"J{r}", r, "Niveau", lvw, "impossible vertebral level", p["pid"]])
                ws.cell(row=r, column=C["Niveau"], value=lvw)
                ws.cell(row=r, column=C["Techniek"], value=tw)
                vv = v
                if kind == "cement" and s["session"] == 1 and k == 0:
                    vv = 45
                    errors.append([ws.title, f"L{r}", r, "Cement (ml)", "45", "45 mL of cement in one vertebra", p["pid"]])
                ws.cell(row=r, column=C["Cement (ml)"], value=vv)
                ws.cell(row=r, column=C["Cement merk"], value=p["brand"])
                ws.cell(row=r, column=C["Lekkage"], value=lk)
                r += 1
            # pain per session, merged over the session's rows
            for tp, hname in [("pre", "Pre-op"), ("1w", "1 week"), ("6w", "6 weken"), ("3m", "3 maand")]:
                cc = C[hname]
                if tp in s["mm"]:
                    val = s["mm"][tp]
                    if kind == "vas" and s["session"] == 1 and tp == "pre":
                        val = 140
                        errors.append([ws.title, f"{get_column_letter(cc)}{srow0}", srow0, hname, "140", "VAS 140 on a 0-100 mm scale", p["pid"]])
                    ws.cell(row=srow0, column=cc, value=val)
                elif s["session"] == 1:
                    ws.cell(row=srow0, column=cc, value="n.g." if rng.random() < 0.6 else None)
                if r - 1 > srow0:
                    ws.merge_cells(start_row=srow0, start_column=cc, end_row=r - 1, end_column=cc)
            if s["session"] == 2:
                ws.cell(row=srow0, column=C["Opmerking"], value="re-interventie: nieuwe fractuur")
        # patient columns merged over the patient's rows
        pv = [p["name"], p["bd"].strftime("%d/%m/%Y"), "V" if p["sex"] == "female" else "M", p["age"], p["etw"],
              "j" if p["died"] == "yes" else "n"]
        for j, v in enumerate(pv, 2):
            ws.cell(row=prow0, column=j, value=v)
            if r - 1 > prow0:
                ws.merge_cells(start_row=prow0, start_column=j, end_row=r - 1, end_column=j)
        if kind == "dup":
            errors.append([ws.title, f"A{prow0}", prow0, "Studienr", pid_written,
                           f"study ID {pid_written} entered again for a different patient", p["pid"]])
            errors.append([ws.title, f"A{prow0}", prow0, "Studienr", pid_written,
                           "study ID duplicated by the next patient", pts[p["idx"] - 1]["pid"]])
    for j, wdt in enumerate([10, 22, 11, 9, 8, 18, 9, 12, 7, 7, 18, 9, 13, 34, 8, 8, 8, 8, 30], 1):
        ws.column_dimensions[get_column_letter(j)].width = wdt
    ws.freeze_panes = "B5"
    ws.cell(row=r + 1, column=1, value="n.g. = niet gekomen / pas venu. VAS in mm (0 = geen pijn, 100 = ergst denkbare pijn).")
    # complications sheet
    wc = wb.create_sheet("Complicaties")
    ch = ["Studienr", "Datum", "Type", "Beschrijving"]
    for j, h in enumerate(ch, 1):
        wc.cell(row=1, column=j, value=h).font = Font(bold=True)
        wc.column_dimensions[get_column_letter(j)].width = [10, 12, 22, 60][j - 1]
    rr = 2
    comp = []
    for p in pts:
        pidw = pts[p["idx"] - 1]["pid"] if E.get(p["idx"]) == "dup" else p["pid"]
        for d, lv in p["fractures"]:
            redo = len(p["sessions"]) > 1
            comp.append((pidw, p["d0"] + dt.timedelta(days=d), "nieuwe fractuur",
                         f"nieuwe wervelfractuur {lv}" + (", behandeld met re-interventie" if redo else ", conservatief (korset, analgesie)")))
        for s in p["sessions"]:
            if any(k in ("epidural",) for k in s["leaks"]):
                comp.append((pidw, s["date"], "cementlek", "epiduraal cementlek, geen neurologisch deficit"))
        if p["died"] == "yes":
            dd = p["d0"] + dt.timedelta(days=int(rng.integers(120, 400)))
            comp.append((pidw, dd, "overlijden", "overleden (" + ("progressie tumorlijden" if p["et"] == "pathologic" else "pneumonie") + ")"))
    for pidw, d, t, b in comp:
        wc.cell(row=rr, column=1, value=pidw)
        c = wc.cell(row=rr, column=2, value=dt.datetime(d.year, d.month, d.day))
        c.number_format = "DD/MM/YYYY"
        wc.cell(row=rr, column=3, value=t)
        wc.cell(row=rr, column=4, value=b)
        rr += 1
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))
    write_truth(outdir, pts, errors, idents, cement_mode="level", cement_type="PMMA", measures=("pain_vas",))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
