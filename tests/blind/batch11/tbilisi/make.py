"""Tbilisi blind workbook: python make.py OUTDIR"""
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
# ---------------------------------------------------------------- tbilisi
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill


def main(out):
    rng = np.random.default_rng(1101)
    n = 22
    ids = ["თბ-%03d" % (i + 1) for i in range(n)]
    pats = gen_patients(rng, n, ids, dt.date(2022, 2, 1), ["1w", "1m", "3m", "6m"], mob=True,
                        cement_types=("PMMA",), tps2=[], p_missing_visit=0.25)
    fn = ["ნინო", "თამარ", "მანანა", "ლიანა", "ეთერ", "ნანა", "ქეთევან", "მზია", "ლამარა", "ციალა"]
    mn = ["გიორგი", "დავით", "ზურაბ", "ლევან", "თემურ", "ვახტანგ", "ნოდარ", "რევაზ"]
    sn = ["ბერიძე", "კაპანაძე", "გელაშვილი", "ლომიძე", "ხარაიშვილი", "ჯაფარიძე", "მაისურაძე", "ნოზაძე",
          "წიკლაური", "ქავთარაძე", "ჩხეიძე", "აბაშიძე"]
    idents = []
    for p in pats:
        first = str(rng.choice(fn if p["sex"] == "female" else mn))
        p["name"] = first + " " + str(rng.choice(sn))
        idents.append(["name", p["name"]])
    ET = {"osteoporotic": "ოსტეოპოროზი", "pathologic": None, "traumatic": "ტრავმა"}
    TECH = {"vertebroplasty": "ვერტებროპლასტიკა", "kyphoplasty": "კიფოპლასტიკა"}
    LEAK = {"disc": "დისკში", "venous": "ვენური", "paravertebral": "პარავერტებრული", "epidural": "ეპიდურული"}
    lv = lambda l: ("Th" + l[1:]) if l.startswith("T") else l
    d = lambda x: x.strftime("%d/%m/%Y")
    num = lambda v: ("%g" % v).replace(".", ",") if v != int(v) else "%d" % v

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "პროცედურები"
    ws["A1"] = "ვერტებროპლასტიკა / კიფოპლასტიკა — პროცედურების რეესტრი"
    ws["A2"] = "ნეიროქირურგიის განყოფილება, წმ. ნინოს სახ. საუნივერსიტეტო კლინიკა, თბილისი"
    ws.merge_cells("A1:P1"); ws.merge_cells("A2:P2")
    ws["A1"].font = Font(bold=True, size=14)
    hdr = ["კვლევის №", "სახელი, გვარი", "სქესი", "ასაკი", "დიაგნოზი", "პროცედურის თარიღი", "მალა(ები)",
           "მეთოდი", "ცემენტი", "ცემენტის მოცულობა, მლ", "გაჟონვა", "ტკივილი (VAS 0-10) პროცედურამდე",
           "სიარული (0-4) პროცედურამდე", "ახალი მოტეხილობა", "გარდაიცვალა", "შენიშვნა"]
    for j, h in enumerate(hdr, 1):
        c = ws.cell(row=4, column=j, value=h)
        c.font = Font(bold=True); c.alignment = Alignment(wrap_text=True, vertical="center")
        c.fill = PatternFill("solid", fgColor="DDEBF7")
    r = 5
    cellmap = {}
    for p in pats:
        for s in p["sessions"]:
            if p["etiology"] == "pathologic":
                diag = "მიელომა" if rng.random() < 0.4 else (
                    "მეტასტაზი (ძუძუს კიბო)" if p["sex"] == "female" else "მეტასტაზი (პროსტატის კიბო)")
            else:
                diag = ET[p["etiology"]]
            if len(s["levels"]) == 1:
                vol = num(s["vols"][0])
            else:
                vol = " + ".join(num(v) for v in s["vols"])
            leaks = [(l, k) for l, k in zip(s["levels"], s["leaks"]) if k != "none"]
            if not leaks:
                lk = "არა"
            elif len(s["levels"]) == 1:
                lk = "კი — " + LEAK[leaks[0][1]]
            else:
                lk = "კი — " + "; ".join(lv(l) + " " + LEAK[k] for l, k in leaks)
            fr = ""
            if s["session"] == 1 and p["fractures"]:
                fr = "; ".join(lv(l) + " — " + d(p["d1"] + dt.timedelta(days=dd)) for dd, l in p["fractures"])
            note = "განმეორებითი პროცედურა" if s["session"] > 1 else ""
            row = [p["pid"], p["name"], "ქ" if p["sex"] == "female" else "მ", p["age"], diag, d(sdate(p, s)),
                   ", ".join(lv(l) for l in s["levels"]), TECH[s["tech"]],
                   str(rng.choice(["Osteopal V", "Vertecem V+"])), vol, lk, s["pain"]["pre"], s["mob"]["pre"], fr,
                   ("კი" if p["died"] == "yes" else "არა") if s["session"] == 1 else "", note]
            if s["session"] > 1:
                row[1] = ""; row[2] = ""; row[3] = ""; row[4] = ""
            for j, v in enumerate(row, 1):
                ws.cell(row=r, column=j, value=v)
            cellmap[(p["pid"], s["session"])] = r
            r += 1
    r += 1
    ws.cell(row=r, column=1, value="სიარულის ქულა: 0 — წოლითი, 1 — ეტლი, 2 — ჩოჩია/ვოკერი, 3 — ჯოხი, 4 — დამოუკიდებლად")
    ws.cell(row=r + 1, column=1, value="VAS — ვიზუალურ-ანალოგური სკალა, 0 (ტკივილი არ არის) — 10 (აუტანელი)")
    widths = [10, 22, 7, 7, 24, 14, 14, 18, 13, 12, 24, 14, 12, 20, 12, 22]
    for j, w_ in enumerate(widths, 1):
        ws.column_dimensions[col_letter(j)].width = w_
    errors = []
    # error 1: impossible level
    p = pats[3]; rr = cellmap[(p["pid"], 1)]
    bad = ", ".join(lv(l) for l in p["sessions"][0]["levels"][:-1] + ["L7"])
    ws.cell(row=rr, column=7, value=bad)
    errors.append(["პროცედურები", "G%d" % rr, rr, "მალა(ები)", bad, "level L7 does not exist", p["pid"]])
    # error 2: cement 45 ml in one vertebra
    p = pats[8]; rr = cellmap[(p["pid"], 1)]
    ws.cell(row=rr, column=10, value="45")
    errors.append(["პროცედურები", "J%d" % rr, rr, "ცემენტის მოცულობა, მლ", "45",
                   "45 mL of cement in one vertebra is impossible", p["pid"]])

    # visit sheets
    TPN = {"1w": "1 კვირა", "1m": "1 თვე", "3m": "3 თვე", "6m": "6 თვე"}
    vis_rows = {}
    for t, name in TPN.items():
        vs = wb.create_sheet(name)
        vs["A1"] = "საკონტროლო ვიზიტი — " + name + " პირველი პროცედურის შემდეგ"
        vs["A1"].font = Font(bold=True)
        for j, h in enumerate(["კვლევის №", "ვიზიტის თარიღი", "ტკივილი (VAS)", "სიარულის ქულა (0-4)", "შენიშვნა"], 1):
            c = vs.cell(row=3, column=j, value=h); c.font = Font(bold=True)
        entries = []
        for p in pats:
            s = p["sessions"][0]
            if t in s["pain"]:
                entries.append((p["d1"] + dt.timedelta(days=s["visit_day"][t]), p, s))
        entries.sort(key=lambda e: e[0])  # entered in visit order
        rr = 4
        for vd, p, s in entries:
            vs.cell(row=rr, column=1, value=p["pid"])
            c = vs.cell(row=rr, column=2, value=vd)
            c.number_format = "dd/mm/yyyy"
            vs.cell(row=rr, column=3, value=s["pain"][t])
            vs.cell(row=rr, column=4, value=s["mob"][t])
            vis_rows[(p["pid"], t)] = (name, rr)
            rr += 1
        vs.column_dimensions["A"].width = 11; vs.column_dimensions["B"].width = 14
        vs.column_dimensions["C"].width = 13; vs.column_dimensions["D"].width = 18
    # error 3: pain 14
    cand = [p for p in pats if "1m" in p["sessions"][0]["pain"] and p["pid"] not in (pats[3]["pid"], pats[8]["pid"])]
    p = cand[2]; name, rr = vis_rows[(p["pid"], "1m")]
    wb[name].cell(row=rr, column=3, value=14)
    errors.append([name, "C%d" % rr, rr, "ტკივილი (VAS)", "14", "pain 14 on a 0-10 scale", p["pid"]])
    # error 4: impossible date
    cand = [p for p in pats if "3m" in p["sessions"][0]["pain"] and p["pid"] not in [e[6] for e in errors]]
    p = cand[1]; name, rr = vis_rows[(p["pid"], "3m")]
    vd = p["d1"] + dt.timedelta(days=p["sessions"][0]["visit_day"]["3m"])
    badd = "31/02/%d" % vd.year
    wb[name].cell(row=rr, column=2, value=badd)
    errors.append([name, "B%d" % rr, rr, "ვიზიტის თარიღი", badd, "31 February does not exist", p["pid"]])
    # error 5: follow-up visit dated before the procedure
    cand = [p for p in pats if "6m" in p["sessions"][0]["pain"] and p["pid"] not in [e[6] for e in errors]]
    p = cand[0]; name, rr = vis_rows[(p["pid"], "6m")]
    badv = p["d1"] - dt.timedelta(days=40)
    wb[name].cell(row=rr, column=2, value=badv).number_format = "dd/mm/yyyy"
    errors.append([name, "B%d" % rr, rr, "ვიზიტის თარიღი", d(badv),
                   "6-month visit dated before the procedure date", p["pid"]])
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, "input.xlsx"))
    write_truth(out, pats, errors, idents, cement_mode="per_level")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
