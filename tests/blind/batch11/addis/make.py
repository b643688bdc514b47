"""Addis Ababa blind workbook: python make.py OUTDIR"""
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
# ---------------------------------------------------------------- addis
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side


def to_ec(g):
    """Gregorian date -> Ethiopian calendar (year, month, day); month 13 = Pagume."""
    jdn = g.toordinal() + 1721425
    r = (jdn - 1723856) % 1461
    n = r % 365 + 365 * (r // 1460)
    y = 4 * ((jdn - 1723856) // 1461) + r // 365 - r // 1460
    return y, n // 30 + 1, n % 30 + 1


def ec(g):
    y, m, d = to_ec(g)
    return "%02d/%02d/%d" % (d, m, y)


def main(out):
    rng = np.random.default_rng(1102)
    n = 24
    ids = ["SPN/%03d" % (i + 1) for i in range(n)]
    pats = gen_patients(rng, n, ids, dt.date(2021, 10, 1), ["24h", "1m", "3m"], mob=False,
                        leak_sites=("disc", "venous", "paravertebral"), tech_p=(0.85, 0.15), vol_step=1.0,
                        p_missing_visit=0.25)
    TECH = {"vertebroplasty": "VP", "kyphoplasty": "KP"}
    LEAK = {"disc": "disc", "venous": "venous", "paravertebral": "paravertebral (soft tissue)"}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VP register 2014-2016"
    ws["A1"] = "የአዲስ ሕይወት ስፔሻላይዝድ ሆስፒታል — Addis Hiwot Specialized Hospital"
    ws["A2"] = "የአከርካሪ ክፍል / Spine Unit — Vertebroplasty & Kyphoplasty log (ቀን በኢትዮጵያ አቆጣጠር / dates in E.C.)"
    ws.merge_cells("A1:Q1"); ws.merge_cells("A2:Q2")
    ws["A1"].font = Font(bold=True, size=13)
    # two header rows: group row + field row
    groups = [(1, 6, "የታካሚ መረጃ / Patient"), (7, 12, "ሕክምና / Procedure"), (13, 16, "የህመም መጠን / Pain score (0-10)"),
              (17, 17, "")]
    for a, b, t in groups:
        ws.cell(row=4, column=a, value=t).font = Font(bold=True)
        if b > a:
            ws.merge_cells(start_row=4, start_column=a, end_row=4, end_column=b)
    hdr = ["ተ.ቁ", "Study No.", "ጾታ (Sex)", "ዕድሜ (Age)", "Diagnosis / ምርመራ", "Status / ሁኔታ",
           "ቀን (Date, E.C.)", "Session", "Level(s)", "Procedure", "Cement", "Leakage / መፍሰስ",
           "Pre-op", "24 hr", "1 month", "3 months", "Remark / ማስታወሻ"]
    for j, h in enumerate(hdr, 1):
        c = ws.cell(row=5, column=j, value=h)
        c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True)
        c.fill = PatternFill("solid", fgColor="E2EFDA")
    rows = []
    for p in pats:
        for s in p["sessions"]:
            rows.append((sdate(p, s), p, s))
    rows.sort(key=lambda e: e[0])  # log book: written in the order the procedures were done
    DX = {"osteoporotic": ["Osteoporotic #", "ኦስቲዮፖሮሲስ (osteoporosis)", "OP compression #"],
          "pathologic": ["Metastasis (Ca breast)", "Multiple myeloma", "Mets - Ca prostate"],
          "traumatic": ["Trauma (RTA)", "Fall from height - trauma"]}
    for p in pats:
        if p["etiology"] == "pathologic":
            p["dx"] = "Multiple myeloma" if rng.random() < 0.4 else (
                "Metastasis (Ca breast)" if p["sex"] == "female" else "Mets - Ca prostate")
        else:
            p["dx"] = str(rng.choice(DX[p["etiology"]]))
        p["agetxt"] = "%d" % p["age"] if rng.random() < 0.6 else "%d yrs" % p["age"]
    r = 6
    cellmap = {}
    for k, (sd, p, s) in enumerate(rows, 1):
        vol = sum(s["vols"])
        leaks = [(l, x) for l, x in zip(s["levels"], s["leaks"]) if x != "none"]
        if not leaks:
            lk = "የለም (No)"
        elif len(s["levels"]) == 1:
            lk = "Yes - " + LEAK[leaks[0][1]]
        else:
            lk = "Yes - " + ", ".join(l + " " + LEAK[x] for l, x in leaks)
        def pv(t):
            if t in s["pain"]:
                return s["pain"][t] if t != "pre" else s["pain"]["pre"]
            return "-" if rng.random() < 0.5 else "አልመጣም"
        remark = []
        if s["session"] > 1:
            remark.append("Repeat procedure, new level")
        if s["session"] == 1 and p["fractures"]:
            for dd, l in p["fractures"]:
                remark.append("New # %s on %s" % (l, ec(p["d1"] + dt.timedelta(days=dd))))
        row = [k, p["pid"], "ሴ" if p["sex"] == "female" else "ወ", p["agetxt"], p["dx"], "ሞቷል (died)" if p["died"] == "yes" else "በሕይወት (alive)",
               ec(sd), "1st" if s["session"] == 1 else "2nd", " & ".join(s["levels"]), TECH[s["tech"]],
               "%g ml" % vol, lk, pv("pre"), pv("24h"), pv("1m"), pv("3m"), "; ".join(remark)]
        for j, v in enumerate(row, 1):
            ws.cell(row=r, column=j, value=v)
        cellmap[(p["pid"], s["session"])] = r
        r += 1
    r += 1
    ws.cell(row=r, column=1, value="Cement = total PMMA for the session. Pain follow-up is counted from the date of that row's procedure.")
    ws.cell(row=r + 1, column=1, value="አልመጣም = did not come for follow-up ; ሴ = female, ወ = male")
    for j, w_ in enumerate([5, 10, 8, 9, 26, 15, 14, 8, 12, 9, 9, 24, 7, 7, 8, 8, 30], 1):
        ws.column_dimensions[col_letter(j)].width = w_
    errors = []
    sh = ws.title
    def pick(cond, skip=()):
        for p in pats:
            if p["pid"] in [e[6] for e in errors] or p["pid"] in skip:
                continue
            if cond(p):
                return p
    # 1 impossible EC date (EC months have 30 days)
    p = pick(lambda p: True)
    rr = cellmap[(p["pid"], 1)]
    y, m, dd = to_ec(p["d1"])
    bad = "31/%02d/%d" % (m if m < 13 else 12, y)
    ws.cell(row=rr, column=7, value=bad)
    errors.append([sh, "G%d" % rr, rr, "ቀን (Date, E.C.)", bad, "day 31 does not exist (Ethiopian months have 30 days)", p["pid"]])
    # 2 pain 14
    p = pick(lambda p: "1m" in p["sessions"][0]["pain"])
    rr = cellmap[(p["pid"], 1)]
    ws.cell(row=rr, column=15, value=14)
    errors.append([sh, "O%d" % rr, rr, "1 month", "14", "pain 14 on a 0-10 scale", p["pid"]])
    # 3 T13
    p = pick(lambda p: len(p["sessions"][0]["levels"]) == 1)
    rr = cellmap[(p["pid"], 1)]
    ws.cell(row=rr, column=9, value="T13")
    errors.append([sh, "I%d" % rr, rr, "Level(s)", "T13", "vertebra T13 does not exist", p["pid"]])
    # 4 missing study number on a row with data
    p = pick(lambda p: len(p["sessions"]) == 1)
    rr = cellmap[(p["pid"], 1)]
    ws.cell(row=rr, column=2, value=None)
    errors.append([sh, "B%d" % rr, rr, "Study No.", "", "study number missing on a row with data", p["pid"]])
    # 5 45 ml in a single level
    p = pick(lambda p: len(p["sessions"][0]["levels"]) == 1)
    rr = cellmap[(p["pid"], 1)]
    ws.cell(row=rr, column=11, value="45 ml")
    errors.append([sh, "K%d" % rr, rr, "Cement", "45 ml", "45 mL of cement in one vertebra is impossible", p["pid"]])
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, "input.xlsx"))
    write_truth(out, pats, errors, [], cement_mode="single_or_session")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
