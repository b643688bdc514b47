"""Manila blind web-form export: python make.py OUTDIR"""
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
# ---------------------------------------------------------------- manila
import openpyxl
from openpyxl.styles import Font


def main(out):
    rng = np.random.default_rng(1104)
    n = 22
    ids = ["KMC-VA-%02d" % (i + 1) for i in range(n)]
    pats = gen_patients(rng, n, ids, dt.date(2022, 6, 1), ["1w", "1m", "3m"], mob=False,
                        leak_sites=("disc", "venous", "paravertebral"), tech_p=(0.65, 0.35), vol_step=0.5,
                        p_missing_visit=0.25)
    fnf = ["Maria Luisa", "Rosario", "Corazon", "Erlinda", "Teresita", "Leonora", "Milagros", "Remedios", "Josefina"]
    fnm = ["Jose", "Eduardo", "Rogelio", "Ramon", "Danilo", "Ernesto", "Renato"]
    sn = ["Dela Cruz", "Santos", "Reyes", "Bautista", "Villanueva", "Mendoza", "Garcia", "Aquino", "Manalo",
          "Pascual", "Castillo", "Ramos", "Navarro"]
    idents = []
    for p in pats:
        p["name"] = "%s, %s" % (rng.choice(sn), rng.choice(fnf if p["sex"] == "female" else fnm))
        p["hosp"] = "%d-%06d" % (int(rng.integers(18, 23)), int(rng.integers(10000, 999999)))
        p["phone"] = "09%d %03d %04d" % (int(rng.integers(15, 99)), int(rng.integers(0, 1000)), int(rng.integers(0, 10000)))
        idents += [["name", p["name"]], ["record_number", p["hosp"]], ["phone", p["phone"]]]
    DX = {"osteoporotic": "Osteoporosis", "pathologic": "Metastasis / Cancer (kasama ang myeloma)",
          "traumatic": "Trauma (aksidente, pagkahulog)"}
    TECH = {"vertebroplasty": "Vertebroplasty (VP)", "kyphoplasty": "Kyphoplasty (KP / balloon)"}
    LK = {"disc": "Disc", "venous": "Venous", "paravertebral": "Paravertebral"}
    VIS = {"1w": "1 linggo (1 week)", "1m": "1 buwan (1 month)", "3m": "3 buwan (3 months)"}
    hdr = ["Timestamp", "Uri ng form", "Study ID", "Pangalan ng pasyente (Apelyido, Pangalan)", "Hospital No.",
           "Contact number", "Edad (taon)", "Kasarian", "Diagnosis / sanhi ng fracture", "Petsa ng procedure",
           "Ika-ilang procedure?", "Mga level na ginawa (i-check lahat)", "Procedure", "Kabuuang dami ng cement (mL)",
           "Cement leakage? (i-check lahat)", "Saang level may leak?", "Pain score BAGO ang procedure (0-10)",
           "Follow-up para sa ika-ilang procedure?", "Anong follow-up visit?", "Petsa ng follow-up",
           "Pain score ngayon (0-10)", "May bagong fracture?", "Level ng bagong fracture", "Petsa ng bagong fracture",
           "Buhay pa ba ang pasyente?", "Petsa ng pagpanaw", "Remarks"]
    C = {h: i for i, h in enumerate(hdr)}
    subs = []  # (timestamp, row list, key)
    ORD = {1: "Una (1st)", 2: "Pangalawa (2nd)", 3: "Pangatlo (3rd)"}
    def ts(day, h0=8, h1=20):
        return dt.datetime.combine(day, dt.time(int(rng.integers(h0, h1)), int(rng.integers(0, 60)), int(rng.integers(0, 60))))
    for p in pats:
        last_day = 0
        for s in p["sessions"]:
            sd = sdate(p, s)
            row = [None] * len(hdr)
            row[C["Uri ng form"]] = "Baseline (araw ng procedure)"
            row[C["Study ID"]] = p["pid"]
            row[C["Pangalan ng pasyente (Apelyido, Pangalan)"]] = p["name"]
            row[C["Hospital No."]] = p["hosp"]
            row[C["Contact number"]] = p["phone"]
            row[C["Edad (taon)"]] = p["age"] if s["session"] == 1 else p["age"] + (1 if rng.random() < 0.1 else 0)
            row[C["Kasarian"]] = "Babae" if p["sex"] == "female" else "Lalaki"
            row[C["Diagnosis / sanhi ng fracture"]] = DX[p["etiology"]]
            row[C["Petsa ng procedure"]] = sd
            row[C["Ika-ilang procedure?"]] = ORD[s["session"]]
            row[C["Mga level na ginawa (i-check lahat)"]] = ", ".join(s["levels"])
            row[C["Procedure"]] = TECH[s["tech"]]
            row[C["Kabuuang dami ng cement (mL)"]] = sum(s["vols"])
            lk = [(l, x) for l, x in zip(s["levels"], s["leaks"]) if x != "none"]
            if not lk:
                row[C["Cement leakage? (i-check lahat)"]] = "Wala (none)"
            else:
                row[C["Cement leakage? (i-check lahat)"]] = ", ".join(sorted(set(LK[x] for _, x in lk)))
                row[C["Saang level may leak?"]] = ", ".join("%s (%s)" % (l, LK[x].lower()) for l, x in lk) \
                    if len(s["levels"]) > 1 else s["levels"][0]
            row[C["Pain score BAGO ang procedure (0-10)"]] = s["pain"]["pre"]
            subs.append((ts(sd + dt.timedelta(days=int(rng.random() < 0.3))), row, (p["pid"], s["session"], "base")))
            for t in ["1w", "1m", "3m"]:
                if t not in s["pain"]:
                    continue
                vd = p["d1"] + dt.timedelta(days=s["visit_day"][t])
                last_day = max(last_day, s["visit_day"][t])
                row = [None] * len(hdr)
                row[C["Uri ng form"]] = "Follow-up"
                row[C["Study ID"]] = p["pid"]
                row[C["Follow-up para sa ika-ilang procedure?"]] = ORD[s["session"]]
                row[C["Anong follow-up visit?"]] = VIS[t]
                row[C["Petsa ng follow-up"]] = vd
                row[C["Pain score ngayon (0-10)"]] = s["pain"][t]
                row[C["May bagong fracture?"]] = "Hindi"
                row[C["Buhay pa ba ang pasyente?"]] = "Oo"
                subs.append((ts(vd), row, (p["pid"], s["session"], t)))
        for fd, l in p["fractures"]:
            fdate = p["d1"] + dt.timedelta(days=fd)
            row = [None] * len(hdr)
            row[C["Uri ng form"]] = "Follow-up"
            row[C["Study ID"]] = p["pid"]
            row[C["Follow-up para sa ika-ilang procedure?"]] = ORD[1]
            row[C["Anong follow-up visit?"]] = "Iba pa (hindi naka-schedule)"
            row[C["Petsa ng follow-up"]] = fdate
            row[C["May bagong fracture?"]] = "Oo"
            row[C["Level ng bagong fracture"]] = l
            row[C["Petsa ng bagong fracture"]] = fdate
            row[C["Buhay pa ba ang pasyente?"]] = "Oo"
            row[C["Remarks"]] = "Bumalik sa ER dahil sa bagong sakit ng likod"
            subs.append((ts(fdate + dt.timedelta(days=1)), row, (p["pid"], 0, "frac")))
            last_day = max(last_day, fd)
        if p["died"] == "yes":
            dd = p["d1"] + dt.timedelta(days=last_day + int(rng.integers(20, 90)))
            row = [None] * len(hdr)
            row[C["Uri ng form"]] = "Follow-up"
            row[C["Study ID"]] = p["pid"]
            row[C["Anong follow-up visit?"]] = "Iba pa (tawag sa telepono)"
            row[C["Petsa ng follow-up"]] = dd + dt.timedelta(days=int(rng.integers(3, 20)))
            row[C["Buhay pa ba ang pasyente?"]] = "Hindi — pumanaw na"
            row[C["Petsa ng pagpanaw"]] = dd
            row[C["Remarks"]] = "Tinawagan ang kamag-anak"
            subs.append((ts(row[C["Petsa ng follow-up"]]), row, (p["pid"], 0, "death")))
        elif not any(k[0] == p["pid"] and k[2] not in ("base",) for _, _, k in subs):
            p["died"] = ""  # never followed up: survival not recorded
    subs.sort(key=lambda e: e[0])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Form Responses 1"
    for j, h in enumerate(hdr, 1):
        ws.cell(row=1, column=j, value=h).font = Font(bold=True)
    rowof = {}
    DATECOLS = {"Petsa ng procedure", "Petsa ng follow-up", "Petsa ng bagong fracture", "Petsa ng pagpanaw"}
    for i, (t, row, key) in enumerate(subs, 2):
        c = ws.cell(row=i, column=1, value=t); c.number_format = "m/d/yyyy h:mm:ss"
        for j, v in enumerate(row[1:], 2):
            if v is None:
                continue
            c = ws.cell(row=i, column=j, value=v)
            if hdr[j - 1] in DATECOLS:
                c.number_format = "m/d/yyyy"
        rowof[key] = i
    for j in range(1, len(hdr) + 1):
        ws.column_dimensions[col_letter(j)].width = 18
    errors = []
    sh = ws.title
    used = set()
    def pick(cond):
        for p in pats[1:]:
            if p["pid"] not in used and cond(p):
                used.add(p["pid"])
                return p
    def put(key, h, val, what, pid, fmt=None):
        rr = rowof[key]; cc = C[h] + 1
        c = ws.cell(row=rr, column=cc, value=val)
        if fmt:
            c.number_format = fmt
        errors.append([sh, "%s%d" % (col_letter(cc), rr), rr, h,
                       val.strftime("%-m/%-d/%Y") if isinstance(val, dt.date) else str(val), what, pid])
    p = pick(lambda p: "1m" in p["sessions"][0]["pain"])
    put((p["pid"], 1, "1m"), "Petsa ng follow-up", p["d1"] - dt.timedelta(days=30),
        "1-month follow-up dated before the procedure", p["pid"], "m/d/yyyy")
    p = pick(lambda p: "1w" in p["sessions"][0]["pain"])
    put((p["pid"], 1, "1w"), "Pain score ngayon (0-10)", 12, "pain 12 on a 0-10 scale", p["pid"])
    p = pick(lambda p: True)
    put((p["pid"], 1, "base"), "Edad (taon)", 610, "age 610 is impossible", p["pid"])
    p = pick(lambda p: len(p["sessions"][0]["levels"]) == 1)
    put((p["pid"], 1, "base"), "Kabuuang dami ng cement (mL)", 45, "45 mL of cement in one vertebra is impossible", p["pid"])
    p = pick(lambda p: True)
    bad = "2/30/%d" % p["d1"].year
    put((p["pid"], 1, "base"), "Petsa ng procedure", bad, "30 February does not exist", p["pid"])
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, "input.xlsx"))
    write_truth(out, pats, errors, idents, cement_mode="single_or_session", record={"cement_type": False})


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
