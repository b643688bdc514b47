# ======================================================================
# Common generator (identical block in every site's make.py of batch3)
# ======================================================================
import csv
import datetime as dt
import os
import sys

import numpy as np

LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + \
         [f"L{i}" for i in range(1, 6)] + ["S1"]
LIDX = {l: i for i, l in enumerate(LEVELS)}
TP_NOMINAL = {"pre": 0, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30,
              "3m": 91, "6m": 182, "12m": 365, "24m": 730}
LEAK_SITES = ["disc", "venous", "paravertebral", "epidural", "foraminal"]


def add_days(d, n):
    return d + dt.timedelta(days=int(n))


def _pick(rng, items, p):
    p = np.asarray(p, dtype=float)
    return items[int(rng.choice(len(items), p=p / p.sum()))]


def _levels(rng, etiology, n):
    if etiology == "pathologic":
        pool = ["T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"]
        w = [1, 2, 3, 3, 3, 3, 3, 3, 4, 4, 3, 3, 2, 1]
    else:
        pool = ["T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"]
        w = [1, 2, 3, 3, 4, 6, 10, 10, 6, 4, 3, 1]
    first = _pick(rng, pool, w)
    i = LIDX[first]
    if i + n - 1 > LIDX["L5"]:
        i = LIDX["L5"] - n + 1
    if n >= 2 and rng.random() < 0.2:            # non-contiguous pair / triple
        lv = [LEVELS[i]]
        j = i + 2 if i + 2 <= LIDX["L5"] else i - 2
        lv.append(LEVELS[j])
        if n == 3:
            k = max(lv, key=lambda x: LIDX[x])
            lv.append(LEVELS[LIDX[k] + 1] if LIDX[k] + 1 <= LIDX["L5"] else LEVELS[LIDX[min(lv, key=lambda x: LIDX[x])] - 1])
        return sorted(set(lv), key=lambda x: LIDX[x])
    return [LEVELS[i + k] for k in range(n)]


def _volume(rng, level, technique, step):
    i = LIDX[level]
    if i <= LIDX["T9"]:
        lo, hi = 1.5, 3.5
    elif i <= LIDX["L1"]:
        lo, hi = 2.5, 5.0
    else:
        lo, hi = 3.0, 6.5
    if technique == "kyphoplasty":
        lo, hi = lo + 0.5, hi + 1.0
    v = rng.uniform(lo, hi)
    return round(round(v / step) * step, 1)


def _leak(rng, technique):
    p_any = 0.18 if technique == "kyphoplasty" else 0.30
    if rng.random() > p_any:
        return []
    s = [_pick(rng, LEAK_SITES, [10, 8, 5, 3, 2])]
    if rng.random() < 0.12:
        t = _pick(rng, LEAK_SITES, [10, 8, 5, 3, 2])
        if t not in s:
            s.append(t)
    return sorted(s, key=LEAK_SITES.index)


def gen_cohort(seed, n, start, span_days, timepoints, *, p_two=0.2, p_extra_fx=0.12,
               p_died=0.1, p_miss=0.15, p_kp=0.4, odi_tps=(), mob_scale=None,
               mob_tps=(), s2_tps=("pre", "1m"), vol_step=0.5, cements=("PMMA",),
               cement_p=None, fx_at_visits=False, p_nlev=(0.6, 0.3, 0.1)):
    """Return a list of patient dicts (truth-ready). Day 0 = session-1 date."""
    rng = np.random.default_rng(seed)
    pts = []
    for k in range(n):
        p = {"k": k}
        p["sex"] = "female" if rng.random() < 0.7 else "male"
        p["etiology"] = _pick(rng, ["osteoporotic", "pathologic", "traumatic", "other"], [70, 18, 8, 4])
        age = int(round(rng.normal(76 if p["etiology"] == "osteoporotic" else 64, 8)))
        p["age"] = int(min(max(age, 41), 96))
        d0 = add_days(start, int(rng.integers(0, span_days)))
        p["date0"] = d0
        # death
        p["died"] = bool(rng.random() < p_died)
        p["death_day"] = int(rng.integers(45, 420)) if p["died"] else None
        # session 1
        tech = "kyphoplasty" if rng.random() < p_kp else "vertebroplasty"
        nlev = 1 + int(rng.choice(3, p=np.asarray(p_nlev) / sum(p_nlev)))
        lv = _levels(rng, p["etiology"], nlev)
        cem = cements[int(rng.choice(len(cements), p=cement_p))] if cement_p else cements[int(rng.integers(len(cements)))]
        s1 = {"n": 1, "day": 0, "date": d0, "levels": lv, "technique": tech, "cement": cem,
              "vol": {l: _volume(rng, l, tech, vol_step) for l in lv},
              "leak": {l: _leak(rng, tech) for l in lv}}
        p["sessions"] = [s1]
        # visits of session 1
        visits = {}
        pre = int(rng.integers(6, 11))
        cur = pre
        odi_pre = int(rng.integers(20, 41)) * 2
        cur_odi = odi_pre
        mob_pre = None
        if mob_scale:
            lo, hi, better_high = mob_scale
            mob_pre = int(rng.integers(lo, lo + (hi - lo) // 2 + 1)) if better_high else int(rng.integers(lo + (hi - lo) // 2, hi + 1))
        cur_mob = mob_pre
        for tp in timepoints:
            nominal = TP_NOMINAL[tp]
            if tp == "pre":
                day = 0 if rng.random() < 0.6 else -int(rng.integers(1, 4))
            elif tp == "24h":
                day = 1
            else:
                jit = max(1, int(round(nominal * 0.12)))
                day = nominal + int(rng.integers(-jit, jit + 1))
            if p["died"] and day >= p["death_day"]:
                continue
            if tp != "pre" and rng.random() < p_miss:
                continue
            v = {"day": day}
            if tp == "pre":
                v["vas"] = pre
            else:
                drop = {"24h": (1, 4), "1w": (1, 3), "2w": (0, 2), "6w": (0, 2), "1m": (0, 2), "3m": (0, 2),
                        "6m": (-1, 2), "12m": (-1, 2), "24m": (-1, 2)}[tp]
                cur = int(min(10, max(0, cur - int(rng.integers(drop[0], drop[1] + 1)))))
                v["vas"] = cur
            if tp in odi_tps:
                if tp != "pre":
                    cur_odi = int(max(0, cur_odi - 2 * int(rng.integers(2, 11))))
                v["odi"] = cur_odi
            if mob_scale and tp in mob_tps:
                lo, hi, better_high = mob_scale
                if tp != "pre":
                    step = int(rng.integers(0, 2))
                    cur_mob = min(hi, cur_mob + step) if better_high else max(lo, cur_mob - step)
                v["mob"] = cur_mob
            visits[tp] = v
        p["visits"] = {1: visits}
        p["fractures"] = []
        last_day = p["death_day"] if p["died"] else 480
        # session 2 (new adjacent level)
        if rng.random() < p_two:
            treated = set(lv)
            cands = [LEVELS[LIDX[lv[0]] - 1], LEVELS[LIDX[lv[-1]] + 1]]
            cands = [c for c in cands if c not in treated and LIDX["T4"] <= LIDX[c] <= LIDX["L5"]]
            if fx_at_visits:
                opts = [v["day"] for t, v in visits.items() if t not in ("pre", "24h") and 14 <= v["day"] <= 200]
                fday = int(rng.choice(opts)) if opts else None
            else:
                fday = int(rng.integers(18, 160))
            if cands and fday is not None and fday + 20 < last_day:
                newl = cands[int(rng.integers(len(cands)))]
                sday = fday + int(rng.integers(2, 15))
                tech2 = tech if rng.random() < 0.8 else ("kyphoplasty" if tech == "vertebroplasty" else "vertebroplasty")
                s2 = {"n": 2, "day": sday, "date": add_days(d0, sday), "levels": [newl], "technique": tech2,
                      "cement": cem, "vol": {newl: _volume(rng, newl, tech2, vol_step)},
                      "leak": {newl: _leak(rng, tech2)}}
                p["sessions"].append(s2)
                p["fractures"].append((fday, newl))
                vis2 = {}
                cur2 = int(rng.integers(6, 10))
                for tp in s2_tps:
                    if tp == "pre":
                        vis2[tp] = {"day": 0, "vas": cur2}
                    else:
                        nominal = TP_NOMINAL[tp]
                        jit = max(1, int(round(nominal * 0.12)))
                        d = nominal + int(rng.integers(-jit, jit + 1))
                        if p["died"] and sday + d >= p["death_day"]:
                            continue
                        cur2 = int(max(0, cur2 - int(rng.integers(2, 6))))
                        vis2[tp] = {"day": d, "vas": cur2}
                p["visits"][2] = vis2
        # extra (untreated) new fracture
        if rng.random() < p_extra_fx:
            used = set(l for s in p["sessions"] for l in s["levels"])
            cands = [l for l in LEVELS[LIDX["T6"]:LIDX["L5"] + 1] if l not in used]
            if fx_at_visits:
                opts = [v["day"] for t, v in visits.items() if t not in ("pre", "24h") and v["day"] >= 20]
                fday = int(rng.choice(opts)) if opts else None
            else:
                fday = int(rng.integers(25, 400))
            if fday is not None and fday < last_day and not any(f[0] == fday for f in p["fractures"]):
                p["fractures"].append((fday, cands[int(rng.integers(len(cands)))]))
        p["fractures"].sort()
        pts.append(p)
    return pts, rng


def fmt(x):
    if x is None or x == "":
        return ""
    if isinstance(x, float):
        if abs(x - round(x)) < 1e-9:
            return str(int(round(x)))
        return f"{x:.2f}".rstrip("0").rstrip(".")
    return str(x)


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(x) for x in r])


def write_truth(out, pts, errors, identifiers, *, vol_mode="per_level", leak_recorded=True,
                cement_truth=None, technique_recorded=True, sex_recorded=True, age_recorded=True,
                etiology_recorded=True, died_mode="yesno", measures=("vas",), vas_divisor=1):
    """pts need: pid, sex, age, etiology, died, sessions, visits, fractures.
    vol_mode: 'per_level' | 'total' | callable(p, s) -> 'per_level'|'total'|'none'."""
    td = os.path.join(out, "truth")
    os.makedirs(td, exist_ok=True)
    prow = []
    for p in pts:
        died = ""
        if died_mode == "yesno":
            died = "yes" if p["died"] else "no"
        elif died_mode == "yes_only":
            died = "yes" if p["died"] else ""
        elif callable(died_mode):
            died = died_mode(p)
        prow.append([p["pid"], p["sex"] if sex_recorded else "", p["age"] if age_recorded else "",
                     p["etiology"] if etiology_recorded else "", died])
    write_csv(os.path.join(td, "patients.csv"), ["patient_id", "sex", "age_years", "etiology", "died"], prow)
    rrow = []
    for p in pts:
        for s in p["sessions"]:
            mode = vol_mode(p, s) if callable(vol_mode) else vol_mode
            tot = round(sum(s["vol"].values()), 2)
            for l in s["levels"]:
                cv, sv = "", ""
                if mode == "per_level" or (mode == "total" and len(s["levels"]) == 1):
                    cv = float(s["vol"][l])
                elif mode == "total":
                    sv = float(tot)
                ct = cement_truth(s["cement"]) if cement_truth else s["cement"]
                lk = ""
                if leak_recorded:
                    lk = ";".join(s["leak"][l]) if s["leak"][l] else "none"
                rrow.append([p["pid"], s["n"], s["day"], l, s["technique"] if technique_recorded else "",
                             cv, sv, ct, lk])
    write_csv(os.path.join(td, "procedures.csv"),
              ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
               "session_cement_volume_ml", "cement_type", "leakage"], rrow)
    arow = []
    mname = {"vas": "pain_vas", "odi": "odi", "mob": "mobility"}
    for p in pts:
        for sn in sorted(p["visits"]):
            for tp, v in p["visits"][sn].items():
                for m in measures:
                    if m in v and v[m] is not None:
                        val = v[m]
                        if m == "vas" and vas_divisor != 1:
                            val = float(val) / vas_divisor
                        arow.append([p["pid"], sn, mname[m], tp, val])
    write_csv(os.path.join(td, "assessments.csv"), ["patient_id", "session", "measure", "timepoint", "value"], arow)
    frow = [[p["pid"], d, l] for p in pts for (d, l) in p["fractures"]]
    write_csv(os.path.join(td, "fractures.csv"), ["patient_id", "day", "level"], frow)
    write_csv(os.path.join(td, "errors.csv"),
              ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
              [[e["sheet"], e["cell"], e["row"], e["header"], e["value"], e["what"], e["pid"]] for e in errors])
    write_csv(os.path.join(td, "identifiers.csv"), ["kind", "value"], identifiers)


def err(sheet, col, row, header, value, what, pid):
    from openpyxl.utils import get_column_letter
    c = get_column_letter(col) if isinstance(col, int) else col
    return {"sheet": sheet, "cell": f"{c}{row}", "row": row, "header": header, "value": str(value),
            "what": what, "pid": pid}


def outdir_from_argv():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    return out

# ======================================================================
# Site-specific part
# ======================================================================
"""Hanoi (invented unit): Vietnamese, one sheet, one row per visit, patient cells merged vertically."""
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 3219
TPS = ["pre", "24h", "1w", "1m", "3m", "6m"]
TP_VI = {"pre": "Trước can thiệp", "24h": "Sau 24 giờ", "1w": "Sau 1 tuần", "1m": "Sau 1 tháng",
         "3m": "Sau 3 tháng", "6m": "Sau 6 tháng"}
BRANDS = {"Mendec Spine": "PMMA", "Osteopal V": "PMMA"}
LEAK_VI = {"disc": "đĩa đệm", "venous": "tĩnh mạch", "paravertebral": "phần mềm cạnh sống",
           "epidural": "ngoài màng cứng", "foraminal": "lỗ liên hợp"}
HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan"]
NU = ["Thị Lan", "Thị Hoa", "Thị Mai", "Thị Hương", "Thị Thu", "Thị Hằng", "Thị Nga", "Thị Bích", "Thị Tuyết",
      "Thị Xuân", "Thị Liên", "Thị Cúc", "Thị Nhung", "Thị Phượng"]
NAM = ["Văn Hùng", "Văn Minh", "Đức Thắng", "Văn Toàn", "Quang Huy", "Văn Bình", "Xuân Trường", "Văn Lộc",
       "Đình Phúc", "Văn Sơn"]
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HF = PatternFill("solid", fgColor="FFF2CC")


def vi_num(x):
    return fmt(x).replace(".", ",")


def main():
    out = outdir_from_argv()
    pts, rng = gen_cohort(SEED, 30, dt.date(2021, 3, 1), 520, TPS, p_two=0.2, p_extra_fx=0.15, p_died=0.12,
                          odi_tps=("pre", "3m", "6m"), cements=tuple(BRANDS), fx_at_visits=True,
                          s2_tps=("pre", "1m"))
    ids = []
    volmode = {}
    for i, p in enumerate(pts):
        p["pid"] = f"HN-VP{i + 1:02d}"
        ho = HO[int(rng.integers(len(HO)))]
        ten = (NU if p["sex"] == "female" else NAM)[int(rng.integers(len(NU if p["sex"] == "female" else NAM)))]
        p["name"] = ["Hà Nội", "Nam Định", "Thái Bình", "Hải Dương", "Bắc Ninh", "Hưng Yên", "Phú Thọ"][int(rng.integers(7))]
        p["ba"] = "Có" if rng.random() < 0.85 else "Không"
        for s in p["sessions"]:
            volmode[(p["pid"], s["n"])] = "total" if (len(s["levels"]) > 1 and rng.random() < 0.35) else "per_level"

    # error targets
    order = [int(x) for x in rng.permutation(len(pts))]
    tgt = {}
    for k in order:
        p = pts[k]
        v = p["visits"][1]
        if "date" not in tgt and "1m" in v and len(p["sessions"]) == 1:
            tgt["date"] = k
        elif "vas" not in tgt and "1w" in v:
            tgt["vas"] = k
        elif "lvl" not in tgt and p["sessions"][0]["levels"][0] in ("T12", "L1", "L2", "T11"):
            tgt["lvl"] = k
        elif "odi" not in tgt and "3m" in v and "odi" in v["3m"]:
            tgt["odi"] = k
        elif "vol" not in tgt and len(p["sessions"][0]["levels"]) == 1:
            tgt["vol"] = k
    errors = []

    wb = Workbook()
    ws = wb.active
    ws.title = "Theo dõi"
    H = ["STT", "Mã NC", "Tỉnh / TP", "BHYT", "Giới", "Tuổi", "Nguyên nhân", "Lần can thiệp", "Thời điểm",
         "Ngày", "Đốt sống", "Phương pháp", "Xi măng (ml)", "Loại xi măng", "Rò xi măng", "VAS", "ODI (%)",
         "Gãy đốt sống mới", "Kết cục", "Ghi chú"]
    ncol = len(H)
    ws.cell(1, 1, "BỆNH VIỆN ĐA KHOA SÔNG HỒNG – KHOA PHẪU THUẬT CỘT SỐNG").font = Font(bold=True, size=12)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(2, 1, "DANH SÁCH BỆNH NHÂN TẠO HÌNH THÂN ĐỐT SỐNG QUA DA BẰNG BƠM XI MĂNG (PVP/PKP)").font = Font(bold=True, size=14)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    ws.cell(2, 1).alignment = Alignment(horizontal="center")
    groups = [(1, 7, "THÔNG TIN BỆNH NHÂN"), (8, 10, "LẦN KHÁM"), (11, 15, "THỦ THUẬT"), (16, 17, "ĐÁNH GIÁ"),
              (18, 20, "THEO DÕI")]
    for a, b, t in groups:
        c = ws.cell(4, a, t)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center")
        c.fill = HF
        ws.merge_cells(start_row=4, start_column=a, end_row=4, end_column=b)
    for j, h in enumerate(H, 1):
        c = ws.cell(5, j, h)
        c.font = Font(bold=True)
        c.fill = HF
        c.border = BOX
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [5, 10, 22, 10, 6, 6, 26, 8, 16, 12, 12, 22, 14, 14, 30, 6, 8, 18, 22, 28]
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "D6"

    r = 6
    for i, p in enumerate(pts):
        # build visit rows in chronological order
        rows = []
        fx = {d: l for d, l in p["fractures"]}
        for s in p["sessions"]:
            for tp, v in p["visits"].get(s["n"], {}).items():
                absday = s["day"] + (0 if tp == "pre" else v["day"])
                rows.append((absday, 0 if tp == "pre" else 1, s["n"], tp, v))
            # missed visits written as a row with a note (some of them)
            if s["n"] == 1:
                for tp in TPS[1:]:
                    if tp not in p["visits"][1]:
                        nd = TP_NOMINAL[tp]
                        if p["died"] and nd >= p["death_day"]:
                            continue
                        if rng.random() < 0.6:
                            rows.append((nd, 1, 1, tp, None))
        rows.sort(key=lambda x: (x[0], x[1]))
        r0 = r
        for absday, _, sn, tp, v in rows:
            s = p["sessions"][sn - 1]
            date = add_days(p["date0"], absday) if tp != "pre" else s["date"]
            vals = {8: sn, 9: TP_VI[tp] + (" (lần 2)" if sn == 2 and tp != "pre" else "")}
            if v is None:
                vals[10] = None
                vals[20] = "Không tái khám"
            else:
                if rng.random() < 0.55:
                    vals[10] = date.strftime("%d/%m/%Y")   # typed as text
                else:
                    vals[10] = date
                vals[16] = v["vas"]
                if "odi" in v:
                    vals[17] = v["odi"]
            if tp == "pre":
                lv = list(s["levels"])
                if p["k"] == tgt.get("lvl") and sn == 1:
                    bad = "T13"
                    errors.append(err("Theo dõi", 11, r, "Đốt sống", ", ".join([bad] + lv[1:]),
                                      f"impossible vertebra T13 (intended {lv[0]})", p["pid"]))
                    lv[0] = bad
                vals[11] = ", ".join(lv)
                vals[12] = "PVP (bơm xi măng)" if s["technique"] == "vertebroplasty" else "PKP (có bóng)"
                if volmode[(p["pid"], sn)] == "total":
                    vals[13] = vi_num(sum(s["vol"].values()))
                else:
                    vals[13] = " + ".join(vi_num(s["vol"][l]) for l in s["levels"])
                    if len(s["levels"]) == 1:
                        vals[13] = float(s["vol"][s["levels"][0]])
                if p["k"] == tgt.get("vol") and sn == 1:
                    errors.append(err("Theo dõi", 13, r, "Xi măng (ml)", 35,
                                      f"35 mL in one vertebra impossible (intended {vi_num(vals[13])})", p["pid"]))
                    vals[13] = 35
                vals[14] = s["cement"]
                leaks = [(l, s["leak"][l]) for l in s["levels"] if s["leak"][l]]
                if not leaks:
                    vals[15] = "Không"
                elif len(s["levels"]) == 1:
                    vals[15] = "Có – rò " + ", ".join(LEAK_VI[x] for x in leaks[0][1])
                else:
                    vals[15] = "Có – " + "; ".join(f"{l}: rò " + ", ".join(LEAK_VI[x] for x in lk) for l, lk in leaks)
            if v is not None and absday in fx and tp != "pre":
                vals[18] = f"Gãy mới {fx[absday]}"
            # planted errors on visit rows
            if v is not None and p["k"] == tgt.get("date") and tp == "1m":
                bad = add_days(date, -365)
                txt = bad.strftime("%d/%m/%Y")
                errors.append(err("Theo dõi", 10, r, "Ngày", txt,
                                  f"follow-up date before the procedure date (intended {date:%d/%m/%Y})", p["pid"]))
                vals[10] = txt
            if v is not None and p["k"] == tgt.get("vas") and tp == "1w":
                errors.append(err("Theo dõi", 16, r, "VAS", 12, f"VAS 12 on a 0-10 scale (intended {v['vas']})", p["pid"]))
                vals[16] = 12
            if v is not None and p["k"] == tgt.get("odi") and tp == "3m":
                errors.append(err("Theo dõi", 17, r, "ODI (%)", 140, f"ODI 140% impossible (intended {v['odi']})", p["pid"]))
                vals[17] = 140
            for j in range(8, ncol + 1):
                c = ws.cell(r, j, vals.get(j))
                c.border = BOX
                if isinstance(vals.get(j), dt.date):
                    c.number_format = "dd/mm/yyyy"
            r += 1
        # patient block (merged vertically)
        etio = {"osteoporotic": "Loãng xương", "traumatic": "Chấn thương (ngã)",
                "other": "Khác – hoại tử xương (Kümmell)"}.get(p["etiology"])
        if etio is None:
            etio = ["Di căn (K phổi)", "Di căn (K vú)", "Đa u tủy xương", "Di căn (K gan)"][int(rng.integers(4))]
        ket = f"Tử vong ({add_days(p['date0'], p['death_day']):%d/%m/%Y})" if p["died"] else "Còn sống"
        info = {1: i + 1, 2: p["pid"], 3: p["name"], 4: p["ba"], 5: "Nữ" if p["sex"] == "female" else "Nam",
                6: p["age"], 7: etio, 19: ket}
        for j, val in info.items():
            c = ws.cell(r0, j, val)
            c.alignment = Alignment(vertical="center", wrap_text=True)
            for rr in range(r0, r):
                ws.cell(rr, j).border = BOX
            if r - 1 > r0:
                ws.merge_cells(start_row=r0, start_column=j, end_row=r - 1, end_column=j)
        if p["died"]:
            ws.cell(r0, 19).font = Font(color="C00000", bold=True)
    r += 1
    ws.cell(r, 1, "Ghi chú: VAS thang điểm 0–10; ODI tính theo %; xi măng ghi theo từng đốt (cộng dồn) hoặc tổng lượng.").font = Font(italic=True)
    ws.cell(r + 1, 1, "PVP = tạo hình đốt sống qua da; PKP = tạo hình đốt sống có bóng.").font = Font(italic=True)

    wb.save(os.path.join(out, "input.xlsx"))
    write_truth(out, pts, errors, ids, vol_mode=lambda p, s: volmode[(p["pid"], s["n"])],
                cement_truth=lambda b: BRANDS[b], measures=("vas", "odi"))


main()
