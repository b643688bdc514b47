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

# ================= site: Kunming (spine surgery, PVP/PKP follow-up register) =================
import openpyxl
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side

TPS = ["pre", "24h", "1m", "3m", "6m", "12m"]
TPN = {"pre": "术前", "24h": "术后1天", "1m": "术后1月", "3m": "术后3月", "6m": "术后6月", "12m": "术后1年"}
pts, rng = make_cohort(7708, 18, TPS, D(2021, 5, 1), D(2023, 1, 31), lambda i: f"KM{i + 1:03d}",
                       p_second=0.2)
for p in pts:
    for s in p["sessions"]:
        s["cement"] = ""  # cement type not recorded in this table

CN = {"C": "颈", "T": "胸", "L": "腰", "S": "骶"}
def lev_cn(l):
    return CN[l[0]] + l[1:]

DX = {"osteoporosis": ["骨质疏松性椎体压缩骨折", "骨质疏松性压缩骨折", "OVCF"],
      "mets_breast": ["乳腺癌骨转移"], "mets_lung": ["肺癌骨转移"], "mets_prostate": ["前列腺癌骨转移"],
      "mets_kidney": ["肾癌骨转移"], "myeloma": ["多发性骨髓瘤"],
      "trauma": ["外伤性椎体骨折", "摔伤致椎体骨折"], "haemangioma": ["椎体血管瘤"]}
LEAK = {"none": ["无", "无", "-"], "disc": ["椎间盘"], "venous": ["静脉"], "paravertebral": ["椎旁"],
        "epidural": ["椎管内"], "disc;venous": ["椎间盘+静脉"]}
SUR = ["李", "王", "张", "杨", "赵", "刘", "陈", "段", "普", "杨", "字", "和", "李", "王"]
GN_F = ["秀英", "桂兰", "玉珍", "丽芬", "春梅", "琼仙", "淑华", "美兰", "兰英"]
GN_M = ["国华", "建明", "志刚", "德福", "永昌", "正学", "家才", "文斌"]
AREA = ["530102", "530103", "530111", "530112", "530181", "532301"]


def idcard(dob, sex):
    body = rng.choice(AREA) + dob.strftime("%Y%m%d") + f"{rng.randint(0, 99):02d}" + str(
        rng.choice([1, 3, 5, 7, 9] if sex == "male" else [0, 2, 4, 6, 8]))
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    ch = "10X98765432"[sum(int(a) * b for a, b in zip(body, w)) % 11]
    return body + ch


def dcn(d):
    return f"{d.year}.{d.month}.{d.day}"


# planted mistakes
cand = [p for p in pts if p["idx"] >= 1 and len(p["sessions"][0]["verts"]) >= 2 and p["sessions"][0]["verts"][-1]["level"][0] == "L"]
pLev = cand[0]
cand = [p for p in pts if p is not pLev and len(p["sessions"][0]["verts"]) == 1]
pCem = cand[1]
pCem["sessions"][0]["verts"][0]["vol"] = 4.5
cand = [p for p in pts if p not in (pLev, pCem) and len(p["sessions"]) == 1 and not p["fx"]]
pDate = cand[2]
shift = (D(2022, 2, 28) - pDate["sessions"][0]["date"]).days
pDate["sessions"][0]["date"] = D(2022, 2, 28)
pDate["dob"] += dt.timedelta(days=shift)
if pDate["died"]:
    pDate["death_date"] = pDate["sessions"][0]["date"] + dt.timedelta(days=pDate["death_day"])
cand = [p for p in pts if p not in (pLev, pCem, pDate) and any(v["tp"] == "3m" and v["status"] == "ok" and v["session"] == 1 for v in p["visits"])]
pOdi = cand[-1]
vOdi = [v for v in pOdi["visits"] if v["tp"] == "3m" and v["session"] == 1][0]
vOdi["vals"]["odi"] = 12

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "PVP-PKP随访"
thin = Side(style="thin")
box = Border(left=thin, right=thin, top=thin, bottom=thin)
ctr = Alignment(horizontal="center", vertical="center", wrap_text=True)
FIX = ["序号", "编号", "姓名", "性别", "年龄", "住院号", "身份证号", "联系电话", "诊断", "手术次数", "手术日期",
       "手术方式", "手术节段", "椎体", "骨水泥量", "骨水泥渗漏"]
NCOL = len(FIX) + 2 * len(TPS) + 1
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=NCOL)
ws.cell(1, 1, "昆明医科大学第一附属医院 脊柱外科  经皮椎体成形术(PVP)/后凸成形术(PKP) 术后随访登记表").font = Font(bold=True, size=14)
ws.cell(1, 1).alignment = Alignment(horizontal="center")
ws.cell(2, 1, "填表：杨丽华   审核：段建国   更新日期：2024.1.8   (VAS 0-10分，ODI %)")
idents = [("staff name", "杨丽华"), ("staff name", "段建国")]
for i, h in enumerate(FIX, 1):
    ws.merge_cells(start_row=3, start_column=i, end_row=4, end_column=i)
    ws.cell(3, i, h)
for j, tp in enumerate(TPS):
    c0 = len(FIX) + 1 + 2 * j
    ws.merge_cells(start_row=3, start_column=c0, end_row=3, end_column=c0 + 1)
    ws.cell(3, c0, TPN[tp])
    ws.cell(4, c0, "VAS")
    ws.cell(4, c0 + 1, "ODI")
ws.merge_cells(start_row=3, start_column=NCOL, end_row=4, end_column=NCOL)
ws.cell(3, NCOL, "备注")
for rr in (3, 4):
    for c in range(1, NCOL + 1):
        ws.cell(rr, c).font = Font(bold=True)
        ws.cell(rr, c).alignment = ctr
        ws.cell(rr, c).border = box
        ws.cell(rr, c).fill = PatternFill("solid", fgColor="DDEBF7")
col = {h: i + 1 for i, h in enumerate(FIX)}
errs = []


def err(r, c, head, val, what, pid):
    errs.append({"sheet": ws.title, "cell": f"{col_letter(c)}{r}", "row": r, "header": head,
                 "value": str(val), "what": what, "pid": pid})


def mset(r0, r1, c, v):
    if r1 > r0:
        ws.merge_cells(start_row=r0, start_column=c, end_row=r1, end_column=c)
    ws.cell(r0, c, v)


r = 5
used = set()
for n, p in enumerate(pts, 1):
    while True:
        nm = rng.choice(SUR) + rng.choice(GN_F if p["sex"] == "female" else GN_M)
        if nm not in used:
            used.add(nm)
            break
    zy = f"{rng.randint(2000000, 2399999)}"
    sfz = idcard(p["dob"], p["sex"])
    tel = f"1{rng.choice(['38', '39', '50', '58', '87', '36'])}{rng.randint(0, 99999999):08d}"
    idents += [("name", nm), ("record number", zy), ("national ID", sfz), ("phone", tel),
               ("birth date (in national ID)", p["dob"].strftime("%Y%m%d"))]
    pr0 = r
    for s in p["sessions"]:
        r0 = r
        for j, v in enumerate(s["verts"]):
            c = ws.cell(r, col["椎体"], lev_cn(v["level"]))
            if p is pLev and s["session"] == 1 and j == len(s["verts"]) - 1:
                wrong = "腰7"
                c.value = wrong
                err(r, col["椎体"], "椎体", wrong, f"impossible level 腰7 (L7); 手术节段 says {lev_cn(v['level'])}", p["pid"])
            if p is pCem and s["session"] == 1:
                ws.cell(r, col["骨水泥量"], "45ml")
                err(r, col["骨水泥量"], "骨水泥量", "45ml", "45 ml in one vertebra impossible, decimal point lost: 4.5ml", p["pid"])
            else:
                vol = fnum(v["vol"])
                ws.cell(r, col["骨水泥量"], rng.choice([f"{vol}ml", f"{vol}ml", f"{vol}mL", f"{vol}"]))
            ws.cell(r, col["骨水泥渗漏"], rng.choice(LEAK[v["leak"]]))
            r += 1
        r1 = r - 1
        mset(r0, r1, col["手术次数"], "第1次" if s["session"] == 1 else "第2次")
        if p is pDate:
            mset(r0, r1, col["手术日期"], "2022.2.30")
            err(r0, col["手术日期"], "手术日期", "2022.2.30", "impossible date (February has no 30th); operation record: 2022.2.28", p["pid"])
        else:
            mset(r0, r1, col["手术日期"], dcn(s["date"]))
        mset(r0, r1, col["手术方式"], "PVP" if s["tech"] == "vertebroplasty" else "PKP")
        mset(r0, r1, col["手术节段"], "、".join(lev_cn(v["level"]) for v in s["verts"]))
        for j, tp in enumerate(TPS):
            c0 = len(FIX) + 1 + 2 * j
            vis = [v for v in p["visits"] if v["session"] == s["session"] and v["tp"] == tp][0]
            if vis["status"] == "ok":
                a = vis["vals"]["pain_vas"]
                b = vis["vals"].get("odi", "/")
                if p is pOdi and vis is vOdi:
                    b = 112
                    err(r0, c0 + 1, f"{TPN[tp]} ODI", 112, "ODI 112% outside 0-100% (should be 12)", p["pid"])
            elif vis["status"] == "missed":
                a = b = rng.choice(["失访", "未复查", "—"])
            elif vis["status"] == "dead":
                a = b = "死亡"
            else:
                a = b = "见第2次"
            mset(r0, r1, c0, a)
            mset(r0, r1, c0 + 1, b)
    pr1 = r - 1
    mset(pr0, pr1, col["序号"], n)
    mset(pr0, pr1, col["编号"], p["pid"])
    mset(pr0, pr1, col["姓名"], nm)
    mset(pr0, pr1, col["性别"], "女" if p["sex"] == "female" else "男")
    mset(pr0, pr1, col["年龄"], p["age"] if rng.random() < 0.7 else f"{p['age']}岁")
    mset(pr0, pr1, col["住院号"], zy)
    mset(pr0, pr1, col["身份证号"], sfz)
    mset(pr0, pr1, col["联系电话"], tel)
    mset(pr0, pr1, col["诊断"], rng.choice(DX[p["detail"]]))
    notes = []
    for f in sorted(p["fx"], key=lambda f: f["day"]):
        if f["treated"]:
            notes.append(f"{dcn(f['date'])} 复查MRI示{lev_cn(f['level'])}新发骨折，行第2次手术")
        else:
            notes.append(f"{dcn(f['date'])} 复查发现{lev_cn(f['level'])}新发压缩骨折，保守治疗")
    if p["died"]:
        notes.append(f"{dcn(p['death_date'])} 死亡" + rng.choice(["（原发病）", "", "（家属电话告知）"]))
    mset(pr0, pr1, NCOL, "；".join(notes) if notes else None)
    for rr in range(pr0, pr1 + 1):
        for c in range(1, NCOL + 1):
            ws.cell(rr, c).border = box
            ws.cell(rr, c).alignment = ctr
r += 1
for t in ["注：1. 每个手术椎体一行；第2次手术为新发骨折再次手术，其后随访时间从第2次手术算起。",
          "2. 术后1天不评ODI（记“/”）。失访、未复查、“—”为该次未随访；“死亡”为患者已死亡；“见第2次”为已行第2次手术。",
          "3. 骨水泥渗漏：椎间盘、椎旁、静脉、椎管内（硬膜外）。"]:
    ws.cell(r, 1, t).font = Font(size=9, italic=True)
    r += 1
widths = [5, 8, 9, 5, 6, 10, 21, 13, 20, 8, 11, 8, 14, 7, 9, 10] + [6] * 12 + [40]
for i, w in enumerate(widths, 1):
    ws.column_dimensions[col_letter(i)].width = w
ws.freeze_panes = "C5"
wb.save(os.path.join(HERE, "input.xlsx"))
write_truth(pts, errs, idents)
