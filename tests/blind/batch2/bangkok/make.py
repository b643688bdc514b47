"""Bangkok: invented spine-surgery unit, Thai, one row per treated vertebra.

Run as `python make.py OUTDIR`; writes OUTDIR/input.xlsx and OUTDIR/truth/*.csv.
Dates are written in the Buddhist Era (B.E. = C.E. + 543), as the unit keeps them.
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 2564
N_PATIENTS = 26
SHEET = "ข้อมูลผู้ป่วย"


TP_DAYS = {"pre": 0, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30, "3m": 91,
           "6m": 182, "12m": 365, "24m": 730}
LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
          + [f"L{i}" for i in range(1, 6)] + ["S1"])
LEAK_ORDER = ["disc", "epidural", "foraminal", "venous", "paravertebral"]


# ----------------------------------------------------------------------------
# data generation (truth first, the workbook is rendered from it)
# ----------------------------------------------------------------------------
def pick_levels(rng, k):
    centers = ["T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"]
    w = np.array([1, 1, 2, 2, 3, 6, 10, 10, 6, 4, 2, 1], float)
    c = LEVELS.index(rng.choice(centers, p=w / w.sum()))
    start = c - int(rng.integers(0, k))
    start = max(LEVELS.index("T4"), min(start, LEVELS.index("L5") - k + 1))
    return LEVELS[start:start + k]


def volume(rng, level, technique):
    base = 2.5 if level.startswith("T") and int(level[1:]) < 10 else 3.5
    if technique == "kyphoplasty":
        base += 1.0
    v = base + rng.uniform(-0.5, 2.5)
    return float(round(v * 2) / 2)


def leak(rng):
    r = rng.random()
    if r < 0.72:
        return "none"
    sites = ["disc", "venous", "paravertebral", "epidural", "foraminal"]
    w = np.array([5, 4, 2, 1, 1], float)
    first = rng.choice(sites, p=w / w.sum())
    out = {first}
    if rng.random() < 0.15:
        out.add(rng.choice(sites, p=w / w.sum()))
    return ";".join(s for s in LEAK_ORDER if s in out)


def vas_series(rng, tps, death_rel):
    pre = int(rng.integers(6, 11))
    out = {}
    drop = {"24h": 3.5, "1w": 4.0, "2w": 4.5, "6w": 5.0, "1m": 5.0, "3m": 5.5, "6m": 5.5, "12m": 5.5}
    for tp in tps:
        if tp == "pre":
            out[tp] = pre
            continue
        if death_rel is not None and death_rel < TP_DAYS[tp]:
            out[tp] = "died"
            continue
        if rng.random() < 0.13:
            out[tp] = None  # missed visit
            continue
        v = pre - drop[tp] + rng.normal(0, 1.3)
        out[tp] = int(min(10, max(0, round(v))))
    return out


def generate(rng, n, first_date, last_date):
    span = (last_date - first_date).days
    patients = []
    for i in range(n):
        et = rng.choice(["osteoporotic", "pathologic", "traumatic"], p=[0.7, 0.2, 0.1])
        sex = rng.choice(["female", "male"], p=[0.68, 0.32] if et == "osteoporotic" else [0.45, 0.55])
        age = int(rng.integers(58, 91)) if et == "osteoporotic" else int(rng.integers(41, 84))
        d1 = first_date + dt.timedelta(days=int(rng.integers(0, span)))
        died = rng.random() < (0.35 if et == "pathologic" else 0.07)
        death_day = int(rng.integers(40, 420)) if died else None
        k = int(rng.choice([1, 2, 3], p=[0.6, 0.28, 0.12]))
        tech = "kyphoplasty" if rng.random() < 0.35 else "vertebroplasty"
        ctype = "PMMA" if (et != "traumatic" or rng.random() < 0.5) else "calcium phosphate"
        lv = pick_levels(rng, k)
        s1 = dict(session=1, day=0, date=d1, technique=tech, cement_type=ctype,
                  levels=[dict(level=l, vol=volume(rng, l, tech), leak=leak(rng)) for l in lv])
        sessions = [s1]
        fractures = []
        r = rng.random()
        if r < 0.2:  # new fracture, treated in a second session
            fday = int(rng.integers(20, 150))
            if death_day is None or fday + 40 < death_day:
                cand = [l for l in LEVELS[LEVELS.index(lv[0]) - 2:LEVELS.index(lv[-1]) + 3]
                        if l not in lv and LEVELS.index("T4") <= LEVELS.index(l) <= LEVELS.index("L5")]
                fl = str(rng.choice(cand))
                fractures.append((fday, fl))
                sday = fday + int(rng.integers(6, 25))
                t2 = "kyphoplasty" if rng.random() < 0.35 else "vertebroplasty"
                sessions.append(dict(session=2, day=sday, date=d1 + dt.timedelta(days=sday),
                                     technique=t2, cement_type="PMMA",
                                     levels=[dict(level=fl, vol=volume(rng, fl, t2), leak=leak(rng))]))
        elif r < 0.32:  # new fracture, not treated
            fday = int(rng.integers(30, 330))
            if death_day is None or fday < death_day:
                cand = [l for l in LEVELS[LEVELS.index(lv[0]) - 3:LEVELS.index(lv[-1]) + 4]
                        if l not in lv and LEVELS.index("T4") <= LEVELS.index(l) <= LEVELS.index("L5")]
                nf = 2 if rng.random() < 0.25 else 1
                for fl in sorted(rng.choice(cand, size=nf, replace=False), key=LEVELS.index):
                    fractures.append((fday, str(fl)))
        patients.append(dict(idx=i, sex=str(sex), age=age, etiology=str(et), died=died,
                             death_day=death_day, sessions=sessions, fractures=fractures))
    return patients




# ----------------------------------------------------------------------------
# Thai rendering
# ----------------------------------------------------------------------------
FEM = ["สมศรี", "มาลี", "สุนีย์", "วันดี", "บุญเรือน", "ละเอียด", "บัวผัน", "ทองใบ", "สุดใจ",
       "อำไพ", "จำเนียร", "ประไพ", "เพ็ญศรี", "บุญมี", "สมพร", "ลำดวน", "กาญจนา", "ทองม้วน"]
MAL = ["สมชาย", "สมศักดิ์", "ประยูร", "สำราญ", "ประเสริฐ", "บุญส่ง", "ทองคำ", "วิชัย", "สุรินทร์",
       "เฉลิม", "มานพ", "ชาญ", "สมบัติ"]
SUR = ["ใจดี", "ศรีสุข", "บุญมา", "แก้วมณี", "สุขสวัสดิ์", "ทองดี", "พึ่งบุญ", "จันทร์เพ็ญ",
       "วงศ์ใหญ่", "อินทร์แก้ว", "มั่นคง", "ศรีวงศ์", "สายทอง", "เพชรรัตน์", "ชัยมงคล", "ปานทอง",
       "รุ่งเรือง", "สมบูรณ์", "แสงอรุณ", "ขำคม", "นาคสุข", "พรหมมา"]
TH_MONTH = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
            "พ.ย.", "ธ.ค."]
LEAK_TH = {"disc": "หมอนรองกระดูก", "venous": "หลอดเลือดดำ", "epidural": "ช่อง epidural",
           "paravertebral": "เนื้อเยื่อข้างกระดูกสันหลัง", "foraminal": "รูประสาท (foramen)"}
ET_TH = {"osteoporotic": ["กระดูกพรุน", "กระดูกพรุน", "Osteoporosis"],
         "pathologic": ["มะเร็งแพร่กระจาย", "มะเร็งเต้านมกระจายมากระดูก", "Multiple myeloma",
                        "มะเร็งปอดกระจาย"],
         "traumatic": ["อุบัติเหตุ (หกล้ม)", "อุบัติเหตุจราจร"]}


def be_date(d, style=0):
    if style == 1:   # 12 เม.ย. 64
        return f"{d.day} {TH_MONTH[d.month - 1]} {(d.year + 543) % 100:02d}"
    return f"{d.day:02d}/{d.month:02d}/{d.year + 543}"


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = generate(rng, N_PATIENTS, dt.date(2020, 3, 2), dt.date(2022, 5, 31))
    pts.sort(key=lambda p: p["sessions"][0]["date"])
    names = set()
    for i, p in enumerate(pts, 1):
        p["pid"] = f"VA{i:03d}"
        while True:
            if p["sex"] == "female":
                t = "นาง" if rng.random() < 0.8 else "นางสาว"
                nm = f"{t}{rng.choice(FEM)} {rng.choice(SUR)}"
            else:
                nm = f"นาย{rng.choice(MAL)} {rng.choice(SUR)}"
            if nm not in names:
                names.add(nm)
                break
        p["name"] = nm
        p["hn"] = f"{rng.integers(1000, 99999)}/{rng.integers(40, 64)}"
        for s in p["sessions"]:
            rel = None if p["death_day"] is None else p["death_day"] - s["day"]
            s["vas"] = vas_series(rng, ["pre", "24h", "2w", "3m"], rel)

    # ---------------- planted errors ------------------------------------------------
    multi = [p for p in pts if len(p["sessions"][0]["levels"]) >= 2]
    e_lvl = multi[1]
    e_vol = [p for p in pts if p is not e_lvl and len(p["sessions"]) == 1][6]
    e_vas = [p for p in pts if p not in (e_lvl, e_vol) and isinstance(p["sessions"][0]["vas"]["24h"], int)][11]
    e_date = [p for p in pts if p not in (e_lvl, e_vol, e_vas) and p["sessions"][0]["date"].year == 2021
              and p["sessions"][0]["date"].month in (9, 10)]
    e_date = e_date[0] if e_date else [p for p in pts if p not in (e_lvl, e_vol, e_vas)][15]
    # keys: (pid, session, level index or None, field)
    errs = {
        (e_lvl["pid"], 1, len(e_lvl["sessions"][0]["levels"]) - 1, "level"):
            ("L6", "vertebral level L6 does not exist (unit has no transitional vertebra noted)"),
        (e_vol["pid"], 1, 0, "vol"): (40, "40 mL of cement in one vertebra is impossible"),
        (e_vas["pid"], 1, None, "24h"): (15, "VAS 15 on a 0-10 scale"),
        (e_date["pid"], 1, None, "date"): ("31/09/2564", "impossible date (31 September)"),
    }
    err_second = [p for p in pts if len(p["sessions"]) > 1 and p not in (e_lvl, e_vol, e_vas, e_date)]
    if err_second:
        p = err_second[-1]
        d1 = p["sessions"][0]["date"]
        bad = d1 - dt.timedelta(days=int(rng.integers(20, 60)))
        errs[(p["pid"], 2, None, "date")] = (be_date(bad),
                                              "session 2 (ครั้งที่ 2) dated before session 1")

    # ---------------- workbook ------------------------------------------------------
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.sheet_view.zoomScale = 90
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cols = [
        ("n", "ลำดับ", None, "P"), ("pid", "รหัสผู้ป่วย", None, "P"), ("hn", "HN", None, "P"),
        ("name", "ชื่อ-สกุล", None, "P"), ("sex", "เพศ", None, "P"), ("age", "อายุ (ปี)", None, "P"),
        ("et", "สาเหตุ", None, "P"),
        ("date", "วันที่ทำหัตถการ", None, "S"), ("sess", "ครั้งที่", None, "S"),
        ("tech", "วิธีการ", None, "S"),
        ("level", "ระดับกระดูกสันหลัง", None, "V"), ("vol", "ปริมาณซีเมนต์ (มล.)", None, "V"),
        ("ctype", "ชนิดซีเมนต์", None, "S"),
        ("leak", "ซีเมนต์รั่ว", None, "V"), ("leaksite", "ตำแหน่งที่รั่ว", None, "V"),
        ("pre", "ก่อนทำ", "คะแนนปวด VAS (0-10)", "S"), ("24h", "หลังทำ 24 ชม.", "คะแนนปวด VAS (0-10)", "S"),
        ("2w", "2 สัปดาห์", "คะแนนปวด VAS (0-10)", "S"), ("3m", "3 เดือน", "คะแนนปวด VAS (0-10)", "S"),
        ("fx", "กระดูกหักใหม่", "ติดตามผล", "P"), ("fxdet", "ระดับ (วันที่)", "ติดตามผล", "P"),
        ("died", "เสียชีวิต", "ติดตามผล", "P"), ("note", "หมายเหตุ", None, "P"),
    ]
    col_of = {k: i + 1 for i, (k, *_rest) in enumerate(cols)}
    header_of = {k: h for k, h, *_r in cols}
    scope = {k: s for k, _h, _g, s in cols}
    ncol = len(cols)
    ws.cell(1, 1, "ทะเบียนผู้ป่วยฉีดซีเมนต์เสริมกระดูกสันหลัง (Vertebroplasty / Kyphoplasty)  หน่วยศัลยกรรมกระดูกสันหลัง")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(2, 1, "ปี พ.ศ. 2563 - 2565   (วันที่เป็น พ.ศ.)")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    H1, H2, R0 = 3, 4, 5
    hfill = PatternFill("solid", fgColor="C6E0B4")
    gstart = {}
    for k, h, g, _s in cols:
        c = col_of[k]
        if g is None:
            ws.cell(H1, c, h)
            ws.merge_cells(start_row=H1, start_column=c, end_row=H2, end_column=c)
        else:
            gstart.setdefault(g, []).append(c)
            ws.cell(H2, c, h)
    for g, cs in gstart.items():
        ws.cell(H1, cs[0], g)
        ws.merge_cells(start_row=H1, start_column=cs[0], end_row=H1, end_column=cs[-1])
    for r in (H1, H2):
        for c in range(1, ncol + 1):
            ws.cell(r, c).font = Font(bold=True)
            ws.cell(r, c).fill = hfill
            ws.cell(r, c).alignment = center
            ws.cell(r, c).border = box

    error_rows = []

    def put(r, key, value, ekey):
        c = col_of[key]
        if ekey in errs:
            value, why = errs[ekey]
            error_rows.append(dict(sheet=SHEET, cell=f"{get_column_letter(c)}{r}", row=r,
                                   column_header=header_of[key], value=str(value),
                                   what_is_wrong=why, patient_id=ekey[0]))
        cell = ws.cell(r, c, value)
        cell.alignment = center
        return cell

    def vas_text(v):
        if v == "died":
            return "เสียชีวิต"
        if v is None:
            return str(rng.choice(["ขาดนัด", "-", "ขาดนัด", "ไม่ได้ประเมิน"]))
        return v

    r = R0
    stripe = [PatternFill("solid", fgColor="FFFFFF"), PatternFill("solid", fgColor="F2F2F2")]
    for n, p in enumerate(pts, 1):
        pid = p["pid"]
        p_top = r
        nrows = sum(len(s["levels"]) for s in p["sessions"])
        d1 = p["sessions"][0]["date"]
        put(r, "n", n, None)
        put(r, "pid", pid, None)
        put(r, "hn", p["hn"], None)
        put(r, "name", p["name"], None)
        put(r, "sex", "หญิง" if p["sex"] == "female" else "ชาย", None)
        put(r, "age", p["age"], None)
        put(r, "et", str(rng.choice(ET_TH[p["etiology"]])), None)
        if p["fractures"]:
            put(r, "fx", "มี", None)
            lv = ", ".join(l for _, l in p["fractures"])
            put(r, "fxdet", f"{lv} ({be_date(d1 + dt.timedelta(days=p['fractures'][0][0]))})", None)
        else:
            put(r, "fx", "ไม่มี", None)
        put(r, "died", "ใช่" if p["died"] else "ไม่ใช่", None)
        notes = []
        if p["died"]:
            notes.append("เสียชีวิต " + be_date(d1 + dt.timedelta(days=p["death_day"])))
        if len(p["sessions"]) > 1:
            notes.append("ทำครั้งที่ 2 เนื่องจากกระดูกหักใหม่")
        if notes:
            put(r, "note", ", ".join(notes), None)
        for s in p["sessions"]:
            s_top = r
            style = 1 if rng.random() < 0.2 else 0
            put(r, "date", be_date(s["date"], style), (pid, s["session"], None, "date"))
            put(r, "sess", s["session"], None)
            put(r, "tech", "VP" if s["technique"] == "vertebroplasty" else "KP", None)
            put(r, "ctype", "PMMA" if s["cement_type"] == "PMMA" else "Calcium phosphate", None)
            for tp in ["pre", "24h", "2w", "3m"]:
                put(r, tp, vas_text(s["vas"][tp]), (pid, s["session"], None, tp))
            for j, lv in enumerate(s["levels"]):
                put(r, "level", lv["level"], (pid, s["session"], j, "level"))
                put(r, "vol", lv["vol"], (pid, s["session"], j, "vol"))
                if lv["leak"] == "none":
                    put(r, "leak", "ไม่มี", None)
                else:
                    put(r, "leak", "มี", None)
                    put(r, "leaksite", ", ".join(LEAK_TH[x] for x in lv["leak"].split(";")), None)
                for c in range(1, ncol + 1):
                    ws.cell(r, c).border = box
                    ws.cell(r, c).fill = stripe[n % 2]
                r += 1
            if r - 1 > s_top:
                for k in [k for k in col_of if scope[k] == "S"]:
                    ws.merge_cells(start_row=s_top, start_column=col_of[k], end_row=r - 1,
                                   end_column=col_of[k])
        if r - 1 > p_top:
            for k in [k for k in col_of if scope[k] == "P"]:
                ws.merge_cells(start_row=p_top, start_column=col_of[k], end_row=r - 1,
                               end_column=col_of[k])
    r += 1
    ws.cell(r, 1, "หมายเหตุ: VP = vertebroplasty, KP = kyphoplasty;  ขาดนัด = ผู้ป่วยไม่มาตามนัด;  "
                  "VAS 0 = ไม่ปวด, 10 = ปวดมากที่สุด")
    widths = {"n": 6, "pid": 10, "hn": 10, "name": 26, "sex": 6, "age": 7, "et": 22, "date": 14,
              "sess": 7, "tech": 8, "level": 10, "vol": 10, "ctype": 10, "leak": 8, "leaksite": 22,
              "fx": 10, "fxdet": 20, "died": 9, "note": 34}
    for k, c in col_of.items():
        ws.column_dimensions[get_column_letter(c)].width = widths.get(k, 9)
    ws.freeze_panes = ws.cell(R0, col_of["name"] + 1)
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))

    # ---------------- truth -----------------------------------------------------------
    tdir = os.path.join(outdir, "truth")
    os.makedirs(tdir, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(tdir, name), "w", newline="", encoding="utf-8") as f:
            wr = csv.writer(f, lineterminator="\n")
            wr.writerow(header)
            wr.writerows(rows)

    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"], p["age"], p["etiology"], "yes" if p["died"] else "no"] for p in pts])
    prows, arows, frows = [], [], []
    for p in pts:
        for s in p["sessions"]:
            for lv in s["levels"]:
                prows.append([p["pid"], s["session"], s["day"], lv["level"], s["technique"],
                              f'{lv["vol"]:g}', "", s["cement_type"], lv["leak"]])
            for tp in ["pre", "24h", "2w", "3m"]:
                v = s["vas"][tp]
                if isinstance(v, int):
                    arows.append([p["pid"], s["session"], "pain_vas", tp, v])
        for d, l in p["fractures"]:
            frows.append([p["pid"], d, l])
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], prows)
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], arows)
    w("fractures.csv", ["patient_id", "day", "level"], frows)
    error_rows.sort(key=lambda e: e["row"])
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
      [[e["sheet"], e["cell"], e["row"], e["column_header"], e["value"], e["what_is_wrong"],
        e["patient_id"]] for e in error_rows])
    ids = []
    for p in pts:
        ids += [("name", p["name"]), ("record_number", p["hn"])]
    w("identifiers.csv", ["kind", "value"], ids)
    assert len(error_rows) == len(errs), (len(error_rows), len(errs))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
