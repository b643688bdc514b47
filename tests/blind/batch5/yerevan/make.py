"""Blind test workbook: Armenian spine unit (invented), one row per patient, Armenian script.

Usage: python make.py OUTDIR
"""
import csv
import datetime as dt
import os
import sys

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

SEED = 50502
LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]
TP1 = ["pre", "1m", "3m", "12m"]
TP2 = ["pre", "1m", "3m"]


def am_level(lv):
    return "Th" + lv[1:] if lv.startswith("T") else lv


def make_session(rng, k, date, day, lvls, tps):
    tech = "kyphoplasty" if rng.random() < 0.3 else "vertebroplasty"
    vols = [float(np.round(rng.uniform(2.0, 6.0) * 2) / 2) for _ in lvls]
    r = rng.random()
    leak = "none" if r < 0.7 else ("disc" if r < 0.82 else ("venous" if r < 0.92 else "epidural"))
    pre = int(rng.integers(6, 11))
    pain = {"pre": pre}
    cur = pre
    for tp in tps[1:]:
        cur = max(0, cur - int(rng.integers(0, 4)))
        if rng.random() < 0.82:
            pain[tp] = cur
    leak_level = lvls[int(rng.integers(0, len(lvls)))]
    return dict(k=k, date=date, day=day, levels=lvls, tech=tech, vols=vols, total=float(sum(vols)), leak=leak,
                leak_level=leak_level, pain=pain)


def gen(rng):
    n = 30
    pats = []
    base = dt.date(2019, 10, 1)
    for i in range(n):
        pid = f"ՎՊ-{i + 1:02d}"
        sex = "female" if rng.random() < 0.68 else "male"
        etio = str(rng.choice(["osteoporotic"] * 6 + ["pathologic"] * 2 + ["traumatic"]))
        age = int(rng.integers(57, 88)) if etio == "osteoporotic" else int(rng.integers(38, 78))
        d1 = base + dt.timedelta(days=int(rng.integers(0, 700)))
        nlev = int(rng.choice([1, 1, 1, 2, 2, 3]))
        start = int(rng.integers(LEVELS.index("T7"), LEVELS.index("L4") - nlev + 2))
        lvls = LEVELS[start:start + nlev]
        sessions = [make_session(rng, 1, d1, 0, lvls, TP1)]
        if rng.random() < 0.2:
            day2 = int(rng.integers(25, 200))
            cand = [LEVELS[start - 1], LEVELS[start + nlev]]
            lv2 = [cand[int(rng.integers(0, 2))]]
            sessions.append(make_session(rng, 2, d1 + dt.timedelta(days=day2), day2, lv2, TP2))
        fx = []
        if rng.random() < 0.17:
            used = set(l for s in sessions for l in s["levels"])
            cand = [l for l in LEVELS[LEVELS.index("T6"):LEVELS.index("L5") + 1] if l not in used]
            fx.append((int(rng.integers(20, 330)), cand[int(rng.integers(0, len(cand)))]))
        died = "yes" if rng.random() < 0.1 else "no"
        if died == "yes":
            sessions[0]["pain"].pop("12m", None)
        pats.append(dict(pid=pid, sex=sex, age=age, etio=etio, died=died, sessions=sessions, fx=fx))
    return pats


ETIO_AM = {"osteoporotic": ["օստեոպորոզ", "օստեոպորոտիկ կոտրվածք"],
           "pathologic": ["մետաստազ", "բազմակի միելոմա"],
           "traumatic": ["վնասվածք"]}
TECH_AM = {"vertebroplasty": "ՎՊ", "kyphoplasty": "ԿՊ"}
LEAK_AM = {"none": "ոչ", "disc": "այո, միջողնային սկավառակ", "venous": "այո, երակային",
           "epidural": "այո, էպիդուրալ"}
SEX_AM = {"female": "իգական", "male": "արական"}
NOT_SEEN = "չի եկել"


def main(out):
    rng = np.random.default_rng(SEED)
    pats = gen(rng)
    rng2 = np.random.default_rng(SEED + 1)

    wb = Workbook()
    ws = wb.active
    ws.title = "Գրանցամատյան"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    blue = PatternFill("solid", fgColor="DDEBF7")
    green = PatternFill("solid", fgColor="E2EFDA")

    ws["A1"] = "Ողնաշարի վիրաբուժության բաժանմունք — Պերկուտան վերտեբրոպլաստիկա / կիֆոպլաստիկա, 2019–2021"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "ՎԱՍ — ցավի տեսողական անալոգային սանդղակ (0–10). «չի եկել» — հիվանդը չի ներկայացել հսկողության։"
    ws["A2"].font = Font(italic=True)

    cols = [
        # (group, header, key)
        ("Հիվանդ", "Հ/Հ", "n"),
        ("Հիվանդ", "Կոդ", "pid"),
        ("Հիվանդ", "Սեռ", "sex"),
        ("Հիվանդ", "Տարիք", "age"),
        ("Հիվանդ", "Ախտորոշում", "etio"),
        ("Առաջին միջամտություն", "Ամսաթիվ", "d1"),
        ("Առաջին միջամտություն", "Ողն", "lv1"),
        ("Առաջին միջամտություն", "Մեթոդ", "t1"),
        ("Առաջին միջամտություն", "Ցեմենտ (մլ, ընդամենը)", "c1"),
        ("Առաջին միջամտություն", "Ցեմենտի արտահոսք", "k1"),
        ("Ցավ ըստ ՎԱՍ", "մինչև միջամտությունը", "p1_pre"),
        ("Ցավ ըստ ՎԱՍ", "1 ամիս հետո", "p1_1m"),
        ("Ցավ ըստ ՎԱՍ", "3 ամիս հետո", "p1_3m"),
        ("Ցավ ըստ ՎԱՍ", "12 ամիս հետո", "p1_12m"),
        ("Նոր կոտրվածք", "Ողն", "fxl"),
        ("Նոր կոտրվածք", "Ամսաթիվ", "fxd"),
        ("Ելք", "Մահ", "died"),
        (None, None, None),  # spacer
        ("Կրկնակի միջամտություն", "Ամսաթիվ", "d2"),
        ("Կրկնակի միջամտություն", "Ողն", "lv2"),
        ("Կրկնակի միջամտություն", "Մեթոդ", "t2"),
        ("Կրկնակի միջամտություն", "Ցեմենտ (մլ, ընդամենը)", "c2"),
        ("Կրկնակի միջամտություն", "Ցեմենտի արտահոսք", "k2"),
        ("Կրկնակի միջամտություն", "ՎԱՍ մինչև", "p2_pre"),
        ("Կրկնակի միջամտություն", "ՎԱՍ 1 ամիս հետո", "p2_1m"),
        ("Կրկնակի միջամտություն", "ՎԱՍ 3 ամիս հետո", "p2_3m"),
    ]
    key2col = {}
    gstart = {}
    for j, (g, h, key) in enumerate(cols, start=1):
        if key is None:
            ws.column_dimensions[get_column_letter(j)].width = 3
            continue
        key2col[key] = j
        gstart.setdefault(g, [j, j])
        gstart[g][1] = j
        c = ws.cell(row=5, column=j, value=h)
        c.font = Font(bold=True)
        c.alignment = center
        c.border = border
        c.fill = green if g == "Կրկնակի միջամտություն" else blue
    for g, (a, b) in gstart.items():
        c = ws.cell(row=4, column=a, value=g)
        c.font = Font(bold=True)
        c.alignment = center
        c.fill = green if g == "Կրկնակի միջամտություն" else blue
        if b > a:
            ws.merge_cells(start_row=4, start_column=a, end_row=4, end_column=b)
    ws.row_dimensions[5].height = 48
    last = len(cols)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)

    errors = []
    cand = [p for p in pats if len(p["sessions"]) == 1]
    picks = rng2.choice(len(cand), size=3, replace=False)
    err_plan = {cand[int(picks[0])]["pid"]: "level", cand[int(picks[1])]["pid"]: "vas",
                cand[int(picks[2])]["pid"]: "age"}
    two = [p for p in pats if len(p["sessions"]) == 2]
    err_plan[two[-1]["pid"]] = "d2"
    SHEET = ws.title

    def put(r, key, val, fmt=None):
        c = ws.cell(row=r, column=key2col[key], value=val)
        c.border = border
        c.alignment = Alignment(horizontal="center", vertical="center")
        if fmt:
            c.number_format = fmt
        return c

    def add_err(r, key, val, what, pid):
        j = key2col[key]
        hdr = ws.cell(row=5, column=j).value
        errors.append((SHEET, f"{get_column_letter(j)}{r}", r, hdr, str(val), what, pid))

    def date_val(d):
        if rng2.random() < 0.2:
            return d.strftime("%d.%m.%Y"), None
        return d, "DD.MM.YYYY"

    r = 6
    for n, p in enumerate(pats, start=1):
        ek = err_plan.get(p["pid"])
        put(r, "n", n)
        put(r, "pid", p["pid"])
        put(r, "sex", SEX_AM[p["sex"]])
        age = p["age"]
        if ek == "age":
            age = 210
            add_err(r, "age", age, "age of 210 years is impossible", p["pid"])
        put(r, "age", age)
        et = ETIO_AM[p["etio"]]
        put(r, "etio", et[int(rng2.integers(0, len(et)))])
        for s in p["sessions"]:
            sfx = str(s["k"])
            dv, fmt = date_val(s["date"])
            if ek == "d2" and s["k"] == 2:
                bad = p["sessions"][0]["date"] - dt.timedelta(days=40)
                dv, fmt = bad, "DD.MM.YYYY"
                add_err(r, "d2", bad.strftime("%d.%m.%Y"),
                        "repeat intervention dated 40 days before the first intervention", p["pid"])
            put(r, "d" + sfx, dv, fmt)
            lvtxt = ", ".join(am_level(l) for l in s["levels"])
            if ek == "level":
                lvtxt = lvtxt.replace(am_level(s["levels"][0]), "L7", 1) if len(s["levels"]) == 1 else \
                    "L7, " + ", ".join(am_level(l) for l in s["levels"][1:])
                add_err(r, "lv1", lvtxt, "impossible level L7", p["pid"])
            put(r, "lv" + sfx, lvtxt)
            put(r, "t" + sfx, TECH_AM[s["tech"]])
            put(r, "c" + sfx, s["total"], "0.0")
            lt = LEAK_AM[s["leak"]]
            if s["leak"] != "none" and len(s["levels"]) > 1:
                lt = lt.replace("այո, ", "այո, " + am_level(s["leak_level"]) + " — ")
            put(r, "k" + sfx, lt)
            for tp in (TP1 if s["k"] == 1 else TP2):
                v = s["pain"].get(tp)
                if v is None:
                    if tp == "12m" and p["died"] == "yes":
                        v = "մահացել է"
                    else:
                        v = NOT_SEEN if rng2.random() < 0.7 else None
                if ek == "vas" and tp == "3m":
                    v = 14
                    add_err(r, f"p{sfx}_{tp}", v, "pain 14 on a 0-10 scale", p["pid"])
                put(r, f"p{sfx}_{tp}", v)
        if p["fx"]:
            day, lv = p["fx"][0]
            fd = p["sessions"][0]["date"] + dt.timedelta(days=day)
            put(r, "fxl", am_level(lv))
            dv, fmt = date_val(fd)
            put(r, "fxd", dv, fmt)
        else:
            put(r, "fxl", "ոչ")
            put(r, "fxd", None)
        put(r, "died", "այո" if p["died"] == "yes" else "ոչ")
        if len(p["sessions"]) == 1:
            for key in ["d2", "lv2", "t2", "c2", "k2", "p2_pre", "p2_1m", "p2_3m"]:
                put(r, key, None)
        r += 1

    widths = {"n": 5, "pid": 9, "sex": 9, "age": 7, "etio": 22, "d1": 12, "lv1": 12, "t1": 7, "c1": 11, "k1": 22,
              "fxl": 8, "fxd": 12, "died": 6, "d2": 12, "lv2": 8, "t2": 7, "c2": 11, "k2": 22}
    for key, j in key2col.items():
        ws.column_dimensions[get_column_letter(j)].width = widths.get(key, 11)
    ws.freeze_panes = "C6"

    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, "input.xlsx"))

    td = os.path.join(out, "truth")
    os.makedirs(td, exist_ok=True)
    with open(os.path.join(td, "patients.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "sex", "age_years", "etiology", "died"])
        for p in pats:
            w.writerow([p["pid"], p["sex"], p["age"], p["etio"], p["died"]])
    with open(os.path.join(td, "procedures.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                    "session_cement_volume_ml", "cement_type", "leakage"])
        for p in pats:
            for s in p["sessions"]:
                for lv in s["levels"]:
                    if len(s["levels"]) == 1:
                        per, tot = f"{s['total']:g}", ""
                    else:
                        per, tot = "", f"{s['total']:g}"
                    # leakage is recorded once per session; with one level it is that level's
                    lk = s["leak"] if lv == s["leak_level"] else "none"
                    w.writerow([p["pid"], s["k"], s["day"], lv, s["tech"], per, tot, "", lk])
    with open(os.path.join(td, "assessments.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "session", "measure", "timepoint", "value"])
        for p in pats:
            for s in p["sessions"]:
                for tp in (TP1 if s["k"] == 1 else TP2):
                    if tp in s["pain"]:
                        w.writerow([p["pid"], s["k"], "pain_vas", tp, s["pain"][tp]])
    with open(os.path.join(td, "fractures.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["patient_id", "day", "level"])
        for p in pats:
            for day, lv in p["fx"]:
                w.writerow([p["pid"], day, lv])
    with open(os.path.join(td, "errors.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"])
        for e in errors:
            w.writerow(e)
    with open(os.path.join(td, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["kind", "value"])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
