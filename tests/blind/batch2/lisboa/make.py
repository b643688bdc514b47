"""Blind test workbook: Lisboa (Portugal). Run: python make.py OUTDIR"""
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
# Lisboa (Portugal): long layout, one sheet per visit + Doentes + Procedimentos
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

SEED = 1755
N = 38
FIRST_F = ["Maria", "Ana", "Isabel", "Rosa", "Fernanda", "Conceição", "Lurdes",
           "Teresa", "Graça", "Manuela", "Fátima", "Natália"]
FIRST_M = ["José", "António", "Manuel", "Joaquim", "Francisco", "Carlos", "Rui", "Fernando"]
LAST = ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues",
        "Martins", "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques",
        "Almeida", "Ribeiro", "Pinto", "Carvalho", "Teixeira", "Moreira"]
ETIOL = {"osteoporotic": ["Osteoporose", "Osteoporótica"],
         "pathologic": ["Metástase", "Mieloma múltiplo", "Metástase (ca. mama)"],
         "traumatic": ["Traumática", "Trauma (queda)"]}
LEAK_PT = {"none": "não", "disc": "sim – discal", "venous": "sim – venoso",
           "epidural": "sim – epidural", "paravertebral": "sim – paravertebral"}
BRANDS = {"PMMA": ["Osteopal V", "Vertecem V+", "Kyphon HV-R"], "Cortoss": ["Cortoss"]}
VISITS = [("Pré-op", "pre", (-1, 0)), ("1 semana", "1w", (-2, 3)),
          ("1 mês", "1m", (-5, 8)), ("6 meses", "6m", (-14, 21))]
ODI_FRAC = {"1w": 0.7, "1m": 0.6, "6m": 0.5}


def d_pt(d):
    return d.strftime("%d/%m/%Y")


def xl(d):
    return dt.datetime(d.year, d.month, d.day)


def lvl_pt(lv, rng):
    # the unit mostly writes thoracic vertebrae as D (dorsal)
    return ("D" + lv[1:]) if lv.startswith("T") and rng.random() < 0.7 else lv


def main(outdir):
    rng = np.random.default_rng(SEED)
    pts = gen_cohort(rng, N, ["1w", "1m", "6m"], dt.date(2019, 9, 1), dt.date(2022, 9, 30),
                     techniques=(("vertebroplasty", 0.6), ("kyphoplasty", 0.4)),
                     cements=(("PMMA", 0.85), ("Cortoss", 0.15)), attend=0.82)
    used = set()
    for p in pts:
        while True:
            proc = int(rng.integers(1_000_000, 19_999_999))
            if proc not in used:
                used.add(proc)
                break
        p["proc"] = proc
        p["id"] = str(proc)
        fem = p["sex"] == "female"
        fn = FIRST_F if fem else FIRST_M
        l1, l2 = rng.choice(len(LAST), 2, replace=False)
        p["name"] = "%s %s %s" % (fn[int(rng.integers(len(fn)))], LAST[int(l1)], LAST[int(l2)])
        ann = dt.date(p["d0"].year - p["age"], p["d0"].month, min(p["d0"].day, 28))
        p["birth"] = ann - dt.timedelta(days=int(rng.integers(1, 360)))
        opts = [o for o in ETIOL[p["etiology"]] if not ("mama" in o and not fem)]
        p["etiol"] = opts[int(rng.integers(len(opts)))]
        for s in p["sessions"]:
            s["brand"] = BRANDS[s["cement_type"]][int(rng.integers(len(BRANDS[s["cement_type"]])))]
            s["lvtxt"] = [lvl_pt(lv, rng) for lv in s["levels"]]
            odi = {}
            if "pre" in s["pain"]:
                pre = int(rng.integers(20, 41)) * 2
                odi["pre"] = pre
            else:
                pre = 60
            for tp in ("1w", "1m", "6m"):
                if tp in s["pain"]:
                    v = pre * ODI_FRAC[tp] + rng.normal(0, 6)
                    odi[tp] = int(min(100, max(0, round(v / 2) * 2)))
            # some visits record EVA only (ODI questionnaire not filled)
            for tp in list(odi):
                if tp != "pre" and rng.random() < 0.12:
                    del odi[tp]
            s["odi"] = odi
            s["vdate"] = {}
            for name, tp, (lo, hi) in VISITS:
                base = p["d0"] + dt.timedelta(days=s["day"] + TP_DAYS[tp])
                s["vdate"][tp] = base + dt.timedelta(days=int(rng.integers(lo, hi + 1)))

    # ---- planted errors ---------------------------------------------------
    order = [int(i) for i in rng.permutation(N)]
    err = {}
    # E1 row without processo number in "1 mês" (the value cannot be attributed)
    a = next(i for i in order if "1m" in pts[i]["sessions"][0]["pain"])
    order.remove(a)
    err[("id", a, 0, "1m")] = None
    # E2 EVA 14 at 1 week
    b = next(i for i in order if "1w" in pts[i]["sessions"][0]["pain"])
    order.remove(b)
    err[("eva", b, 0, "1w")] = 14
    # E3 45 ml in one vertebra
    c = next(i for i in order if len(pts[i]["sessions"][0]["levels"]) == 1)
    order.remove(c)
    err[("vol", c, 0, 0)] = 45
    # E4 31 April
    d = next(i for i in order if pts[i]["d0"].month in (4, 5))
    order.remove(d)
    err[("pdate", d, 0, 0)] = "31/04/%d" % pts[d]["d0"].year
    # E5 age 187
    e = order.pop()
    err[("age", e)] = 187

    # ---- workbook ------------------------------------------------------------
    wb = Workbook()
    thin = Side(style="thin", color="A0A0A0")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    hfill = PatternFill("solid", fgColor="FFE699")
    errors = []

    def header(ws, heads, row=1, widths=None):
        for j, h in enumerate(heads, 1):
            cl = ws.cell(row, j, h)
            cl.font = bold
            cl.fill = hfill
            cl.border = box
            cl.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.column_dimensions[get_column_letter(j)].width = (widths or {}).get(j, 14)
        ws.freeze_panes = ws.cell(row + 1, 1).coordinate

    def put(ws, heads, r, c, value, key=None, what=None, pid=None, fmt=None):
        cl = ws.cell(r, c)
        if key is not None and key in err:
            value = err[key]
            errors.append([ws.title, cl.coordinate, r, heads[c - 1],
                           "" if value is None else value, what, pid])
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = xl(value)
            fmt = fmt or "dd/mm/yyyy"
        cl.value = value
        if fmt:
            cl.number_format = fmt
        cl.border = box
        return cl

    # Doentes ----------------------------------------------------------------
    ws = wb.active
    ws.title = "Doentes"
    ws["A1"] = "Unidade de Coluna – Serviço de Ortopedia, Hospital de São Lourenço (Lisboa)"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = "Registo de vertebroplastias / cifoplastias.  Idade = idade na 1.ª intervenção."
    ws["A2"].font = Font(italic=True)
    H = ["Nº processo", "Nome", "Data nasc.", "Sexo", "Idade", "Etiologia", "Óbito", "Data óbito"]
    header(ws, H, row=4, widths={2: 34, 6: 22})
    for k, (i, p) in enumerate(sorted(enumerate(pts), key=lambda x: x[1]["proc"])):
        r = 5 + k
        put(ws, H, r, 1, p["proc"], fmt="0")
        put(ws, H, r, 2, p["name"])
        put(ws, H, r, 3, p["birth"])
        put(ws, H, r, 4, "F" if p["sex"] == "female" else "M")
        put(ws, H, r, 5, p["age"], key=("age", i), what="age 187 years", pid=p["id"])
        put(ws, H, r, 6, p["etiol"])
        put(ws, H, r, 7, "sim" if p["died"] else "não")
        put(ws, H, r, 8, p["d0"] + dt.timedelta(days=p["death_day"]) if p["died"] else None)

    # Procedimentos ------------------------------------------------------------
    ws = wb.create_sheet("Procedimentos")
    H = ["Nº processo", "Data", "Sessão", "Técnica", "Nível", "Volume cimento (ml)",
         "Cimento", "Extravasamento", "Observações"]
    header(ws, H, widths={8: 20, 9: 34})
    rows = []
    for i, p in enumerate(pts):
        for si, s in enumerate(p["sessions"]):
            rows.append((sdate(p, s), i, si))
    rows.sort()
    r = 2
    for d, i, si in rows:
        p = pts[i]
        s = p["sessions"][si]
        for li, lv in enumerate(s["lvtxt"]):
            put(ws, H, r, 1, p["proc"], fmt="0")
            if rng.random() < 0.15 and ("pdate", i, si, li) not in err:
                put(ws, H, r, 2, d_pt(d))
            else:
                put(ws, H, r, 2, d, key=("pdate", i, si, li),
                    what="impossible date (31 April)", pid=p["id"])
            put(ws, H, r, 3, si + 1)
            put(ws, H, r, 4, "VP" if s["technique"] == "vertebroplasty" else "CP")
            put(ws, H, r, 5, lv)
            v = s["volumes"][li]
            if rng.random() < 0.2 and ("vol", i, si, li) not in err:
                put(ws, H, r, 6, fmt_num(v).replace(".", ",") + " ml")
            else:
                put(ws, H, r, 6, v, key=("vol", i, si, li),
                    what="45 mL of cement in one vertebra", pid=p["id"])
            put(ws, H, r, 7, s["brand"])
            put(ws, H, r, 8, LEAK_PT[s["leaks"][li]])
            obs = None
            if si == 1 and li == 0:
                obs = "nova fratura – ver folha «Novas fraturas»"
            elif s["technique"] == "kyphoplasty" and li == 0 and rng.random() < 0.3:
                obs = "balão bilateral"
            put(ws, H, r, 9, obs)
            r += 1

    # visit sheets ---------------------------------------------------------------
    dropped = set()  # (patient, session, tp) values lost by the missing-ID row
    for name, tp, _ in VISITS:
        ws = wb.create_sheet(name)
        if tp == "pre":
            H = ["Nº processo", "Sessão", "Data avaliação", "EVA (0-10)", "ODI (%)"]
        else:
            H = ["Nº processo", "Sessão", "Data avaliação", "EVA (0-10)", "ODI (%)", "Notas"]
        header(ws, H, widths={6: 30})
        vrows = []
        for i, p in enumerate(pts):
            for si, s in enumerate(p["sessions"]):
                st = s["status"].get(tp)
                if tp in s["pain"]:
                    vrows.append((s["vdate"][tp], i, si, "done"))
                elif st == "missed" and tp != "pre" and rng.random() < 0.6:
                    vrows.append((s["vdate"][tp], i, si, "faltou"))
                elif st == "dead" and rng.random() < 0.5:
                    vrows.append((s["vdate"][tp], i, si, "óbito"))
        vrows.sort()
        r = 2
        for vd, i, si, kind in vrows:
            p = pts[i]
            s = p["sessions"][si]
            put(ws, H, r, 1, p["proc"], key=("id", i, si, tp), fmt="0",
                what="processo number missing on a visit row with data", pid="")
            if ("id", i, si, tp) in err:
                dropped.add((i, si, tp))
            put(ws, H, r, 2, si + 1)
            if kind == "done":
                put(ws, H, r, 3, vd)
                put(ws, H, r, 4, s["pain"][tp], key=("eva", i, si, tp),
                    what="EVA 14 on a 0-10 scale", pid=p["id"])
                put(ws, H, r, 5, s["odi"].get(tp, "n.r."))
                if tp != "pre":
                    put(ws, H, r, 6, "consulta telefónica" if rng.random() < 0.1 else None)
            elif kind == "faltou":
                put(ws, H, r, 3, None)
                put(ws, H, r, 4, "faltou")
                put(ws, H, r, 5, None)
                put(ws, H, r, 6, "não compareceu" if rng.random() < 0.5 else None)
            else:
                put(ws, H, r, 3, None)
                put(ws, H, r, 4, None)
                put(ws, H, r, 5, None)
                put(ws, H, r, 6, "falecido")
            r += 1
        ws.cell(r + 1, 1, "EVA = escala visual analógica da dor (0-10).  ODI = Oswestry (%).  n.r. = não respondeu.").font = Font(italic=True, size=9)

    # Novas fraturas ---------------------------------------------------------------
    ws = wb.create_sheet("Novas fraturas")
    H = ["Nº processo", "Data diagnóstico", "Nível", "Tratamento"]
    header(ws, H, widths={4: 30})
    fr = []
    for i, p in enumerate(pts):
        treated2 = {s["levels"][0] for s in p["sessions"][1:]}
        for day, lv in p["fractures"]:
            fr.append((p["d0"] + dt.timedelta(days=day), i, lv, lv in treated2))
    fr.sort()
    for k, (d, i, lv, tr) in enumerate(fr):
        r = 2 + k
        put(ws, H, r, 1, pts[i]["proc"], fmt="0")
        put(ws, H, r, 2, d)
        put(ws, H, r, 3, lvl_pt(lv, rng))
        put(ws, H, r, 4, "VP/CP (2.ª sessão)" if tr else "tratamento conservador (colete)")

    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))

    # ---- truth -------------------------------------------------------------------
    P, PR, AS, FX, ID = [], [], [], [], []
    for i, p in enumerate(pts):
        pid = p["id"]
        P.append([pid, p["sex"], p["age"], p["etiology"], "yes" if p["died"] else "no"])
        for si, s in enumerate(p["sessions"]):
            for li, lv in enumerate(s["levels"]):
                PR.append([pid, si + 1, s["day"], lv, s["technique"], s["volumes"][li], None,
                           s["cement_type"], s["leaks"][li]])
            for _, tp, _ in VISITS:
                if (i, si, tp) in dropped:
                    continue
                if tp in s["pain"]:
                    AS.append([pid, si + 1, "pain_vas", tp, s["pain"][tp]])
                if tp in s["odi"]:
                    AS.append([pid, si + 1, "odi", tp, s["odi"][tp]])
        for day, lv in p["fractures"]:
            FX.append([pid, day, lv])
        ID.append(["record_number", str(p["proc"])])
        ID.append(["name", p["name"]])
        ID.append(["birth_date", d_pt(p["birth"])])
    write_truth(outdir, P, PR, AS, FX, errors, ID)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
