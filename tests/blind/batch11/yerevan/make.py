"""Yerevan blind transposed workbook: python make.py OUTDIR"""
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
# ---------------------------------------------------------------- yerevan
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill


def main(out):
    rng = np.random.default_rng(1105)
    n = 21
    ids = ["ՎՊ-%02d" % (i + 1) for i in range(n)]
    pats = gen_patients(rng, n, ids, dt.date(2022, 1, 10), ["24h", "1m", "6m"], mob=False,
                        leak_sites=("disc", "venous", "paravertebral"), tech_p=(0.75, 0.25), p_missing_visit=0.25,
                        tps2=["24h"])
    lv = lambda l: ("Th" + l[1:]) if l.startswith("T") else l
    d = lambda x: x.strftime("%d.%m.%Y")
    num = lambda v: ("%g" % v).replace(".", ",")
    ET = {"osteoporotic": ["օստեոպորոզ", "օստեոպորոտիկ կոտրվածք"], "traumatic": ["վնասվածք (ընկնել)", "ավտովթար"]}
    TECH = {"vertebroplasty": "ՎՊ", "kyphoplasty": "ԿՊ"}
    LK = {"disc": "միջողնային սկավառակ", "venous": "երակային", "paravertebral": "հարողնային փափուկ հյուսվածք"}
    idents = []
    for p in pats:
        p["hist"] = "%d/%02d" % (int(rng.integers(1000, 9999)), p["d1"].year % 100)
        idents.append(["record_number", p["hist"]])
        if p["etiology"] == "pathologic":
            p["dx"] = "բազմակի միելոմա" if rng.random() < 0.4 else (
                "մետաստազ (կրծքագեղձի քաղցկեղ)" if p["sex"] == "female" else "մետաստազ (շագանակագեղձի քաղցկեղ)")
        else:
            p["dx"] = str(rng.choice(ET[p["etiology"]]))
    def leak(s):
        lk = [(l, x) for l, x in zip(s["levels"], s["leaks"]) if x != "none"]
        if not lk:
            return "ոչ"
        if len(s["levels"]) == 1:
            return "այո (" + LK[lk[0][1]] + ")"
        return "այո – " + "; ".join(lv(l) + " " + LK[x] for l, x in lk)
    def miss():
        return "չի եկել" if rng.random() < 0.5 else "—"
    rows = [  # (label, unit, function(p) -> value)
        ("Հիվանդի կոդ", "", lambda p: p["pid"]),
        ("Հիվ. պատմության №", "", lambda p: p["hist"]),
        ("Սեռ", "իգ./ար.", lambda p: "իգ." if p["sex"] == "female" else "ար."),
        ("Տարիք", "տարի", lambda p: p["age"]),
        ("Ախտորոշում", "", lambda p: p["dx"]),
        (None, None, None),
        ("I ՄԻՋԱՄՏՈՒԹՅՈՒՆ", None, None),
        ("Ամսաթիվ", "օօ.աա.տտտտ", lambda p: d(p["d1"])),
        ("Ող(եր)", "", lambda p: ", ".join(lv(l) for l in p["sessions"][0]["levels"])),
        ("Մեթոդ", "ՎՊ/ԿՊ", lambda p: TECH[p["sessions"][0]["tech"]]),
        ("Ցեմենտ (ըստ ողերի)", "մլ", lambda p: " / ".join(num(v) for v in p["sessions"][0]["vols"])),
        ("Ցեմենտի արտահոսք", "", lambda p: leak(p["sessions"][0])),
        ("VAS մինչև միջամտությունը", "0-10", lambda p: p["sessions"][0]["pain"]["pre"]),
        ("VAS 1 օր հետո", "0-10", lambda p: p["sessions"][0]["pain"].get("24h", miss())),
        ("VAS 1 ամիս հետո", "0-10", lambda p: p["sessions"][0]["pain"].get("1m", miss())),
        ("VAS 6 ամիս հետո", "0-10", lambda p: p["sessions"][0]["pain"].get("6m", miss())),
        (None, None, None),
        ("II ՄԻՋԱՄՏՈՒԹՅՈՒՆ (կրկնակի)", None, None),
        ("Ամսաթիվ", "օօ.աա.տտտտ", lambda p: d(sdate(p, p["sessions"][1])) if len(p["sessions"]) > 1 else ""),
        ("Ող(եր)", "", lambda p: ", ".join(lv(l) for l in p["sessions"][1]["levels"]) if len(p["sessions"]) > 1 else ""),
        ("Մեթոդ", "ՎՊ/ԿՊ", lambda p: TECH[p["sessions"][1]["tech"]] if len(p["sessions"]) > 1 else ""),
        ("Ցեմենտ (ըստ ողերի)", "մլ", lambda p: " / ".join(num(v) for v in p["sessions"][1]["vols"]) if len(p["sessions"]) > 1 else ""),
        ("Ցեմենտի արտահոսք", "", lambda p: leak(p["sessions"][1]) if len(p["sessions"]) > 1 else ""),
        ("VAS մինչև միջամտությունը", "0-10", lambda p: p["sessions"][1]["pain"]["pre"] if len(p["sessions"]) > 1 else ""),
        ("VAS 1 օր հետո", "0-10", lambda p: p["sessions"][1]["pain"].get("24h", miss()) if len(p["sessions"]) > 1 else ""),
        (None, None, None),
        ("ԵԼՔ", None, None),
        ("Նոր կոտրվածք", "ող, ամսաթիվ", lambda p: "; ".join("%s, %s" % (lv(l), d(p["d1"] + dt.timedelta(days=x)))
                                                         for x, l in p["fractures"]) or "ոչ"),
        ("Մահ", "այո/ոչ", lambda p: "այո" if p["died"] == "yes" else "ոչ"),
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Վերտեբրոպլաստիկա"
    last = col_letter(2 + n)
    ws["A1"] = "Վերտեբրոպլաստիկայի / կիֆոպլաստիկայի հիվանդներ — ողնաշարի վիրաբուժության բաժանմունք"
    ws["A2"] = "«Արարատ» բժշկական կենտրոն, Երևան — հետազոտական աղյուսակ (մեկ սյունակ = մեկ հիվանդ)"
    ws.merge_cells("A1:%s1" % last); ws.merge_cells("A2:%s2" % last)
    ws["A1"].font = Font(bold=True, size=13)
    r0 = 4
    where = {}
    red = PatternFill("solid", fgColor="F4CCCC")
    for i, (lab, unit, f) in enumerate(rows):
        rr = r0 + i
        if lab is None:
            continue
        c = ws.cell(row=rr, column=1, value=lab); c.font = Font(bold=unit is None or i == 0)
        if unit is None:
            ws.cell(row=rr, column=1).fill = PatternFill("solid", fgColor="D9E1F2")
            continue
        ws.cell(row=rr, column=2, value=unit or None)
        for j, p in enumerate(pats):
            v = f(p)
            c = ws.cell(row=rr, column=3 + j, value=v if v != "" else None)
            if i == 0:
                c.font = Font(bold=True)
                if p["died"] == "yes":
                    c.fill = red
            where[(p["pid"], i)] = (rr, 3 + j)
    rl = r0 + len(rows) + 1
    ws.cell(row=rl, column=1, value="Նշումներ՝ ՎՊ – վերտեբրոպլաստիկա, ԿՊ – կիֆոպլաստիկա (բալոնային); ցեմենտ՝ PMMA (Osteopal V).")
    ws.cell(row=rl + 1, column=1, value="Ցեմենտը նշված է ըստ ողերի նույն հերթականությամբ։ VAS՝ 0–10։ «չի եկել» – չի ներկայացել ստուգման։")
    ws.cell(row=rl + 2, column=1, value="Կարմիր գույնով կոդ – մահացած հիվանդ։").fill = red
    ws.column_dimensions["A"].width = 30; ws.column_dimensions["B"].width = 12
    for j in range(n):
        ws.column_dimensions[col_letter(3 + j)].width = 16
    ws.freeze_panes = "C5"
    idx = {lab: i for i, (lab, _, _) in enumerate(rows) if lab}  # first occurrence wins below
    first = {}
    for i, (lab, _, _) in enumerate(rows):
        if lab and lab not in first:
            first[lab] = i
    errors = []
    used = set()
    def pick(cond):
        for p in pats[1:]:
            if p["pid"] not in used and cond(p):
                used.add(p["pid"])
                return p
    def put(p, i, val, what):
        rr, cc = where[(p["pid"], i)]
        ws.cell(row=rr, column=cc, value=val)
        errors.append([ws.title, "%s%d" % (col_letter(cc), rr), rr, rows[i][0], str(val), what, p["pid"]])
    p = pick(lambda p: "1m" in p["sessions"][0]["pain"])
    put(p, first["VAS 1 ամիս հետո"], 15, "VAS 15 on a 0-10 scale")
    p = pick(lambda p: len(p["sessions"][0]["levels"]) == 1)
    put(p, first["Ող(եր)"], "Th13", "vertebra Th13 does not exist")
    p = pick(lambda p: True)
    bad = "31.09.%d" % p["d1"].year
    put(p, first["Ամսաթիվ"], bad, "31 September does not exist")
    p = pick(lambda p: len(p["sessions"][0]["levels"]) == 1)
    put(p, first["Ցեմենտ (ըստ ողերի)"], "40", "40 mL of cement in one vertebra is impossible")
    p = pick(lambda p: len(p["sessions"]) > 1)
    i2 = [i for i, (lab, _, _) in enumerate(rows) if lab == "Ամսաթիվ"][1]
    put(p, i2, d(p["d1"] - dt.timedelta(days=45)), "repeat procedure dated before the first procedure")
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, "input.xlsx"))
    write_truth(out, pats, errors, idents, cement_mode="per_level")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
