# ----------------------------------------------------------------------------
# Shared synthetic-cohort generator (copied verbatim into every site script so
# that each make.py stays self-contained).
# ----------------------------------------------------------------------------
import sys
import os
import csv
import datetime as dt
import io
import re
import zipfile

import numpy as np

LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
          + [f"L{i}" for i in range(1, 6)] + ["S1"])
LIDX = {l: i for i, l in enumerate(LEVELS)}
TP_ORDER = ["pre", "24h", "1w", "2w", "6w", "1m", "3m", "6m", "12m", "24m"]
TP_DAYS = {"pre": 0, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30, "3m": 91,
           "6m": 182, "12m": 365, "24m": 730}
TP_JIT = {"pre": 0, "24h": 0, "1w": 2, "2w": 3, "6w": 6, "1m": 5, "3m": 12,
          "6m": 20, "12m": 30, "24m": 40}
RELIEF = {"24h": .40, "1w": .48, "2w": .52, "6w": .58, "1m": .56, "3m": .62,
          "6m": .64, "12m": .64, "24m": .62}
LEAK_SITES = ["disc", "venous", "paravertebral", "epidural", "foraminal"]
LEAK_P = [.36, .30, .18, .11, .05]


def norm(w):
    w = np.asarray(list(w), float)
    return w / w.sum()


def age_on(birth, d):
    return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))


def ok_level(j):
    return LIDX["T4"] <= j <= LIDX["L5"]


def pick_block(rng, n):
    cands = ["T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"]
    w = [1, 1, 2, 2, 2, 3, 5, 9, 9, 5, 3, 2, 1]
    start = LIDX[str(rng.choice(cands, p=norm(w)))]
    if n == 1:
        return [LEVELS[start]]
    if rng.random() < 0.8:
        start = min(start, LIDX["L5"] - (n - 1))
        return [LEVELS[start + k] for k in range(n)]
    picks = {start}
    while len(picks) < n:
        j = start + int(rng.choice([-3, -2, 2, 3, 4]))
        if ok_level(j):
            picks.add(j)
    return [LEVELS[j] for j in sorted(picks)]


def neighbours(used, k, rng):
    """k (1 or 2) untreated levels adjacent to the levels in `used`."""
    idx = sorted(LIDX[l] for l in used)
    cands = []
    for j in [idx[0] - 1, idx[-1] + 1, idx[0] - 2, idx[-1] + 2, idx[-1] + 3, idx[0] - 3]:
        if ok_level(j) and LEVELS[j] not in used and LEVELS[j] not in cands:
            cands.append(LEVELS[j])
    first = cands[int(rng.integers(0, min(2, len(cands))))]
    out = [first]
    if k == 2:
        j = LIDX[first]
        for jj in (j + 1, j - 1):
            if ok_level(jj) and LEVELS[jj] not in used:
                out.append(LEVELS[jj])
                break
    return sorted(out, key=LIDX.get)


def draw_leak(rng, p):
    if rng.random() >= p:
        return []
    s = [str(rng.choice(LEAK_SITES, p=LEAK_P))]
    if rng.random() < 0.12:
        t = str(rng.choice(LEAK_SITES, p=LEAK_P))
        if t not in s:
            s.append(t)
    return s


def make_session(rng, c, levels, day, d0):
    techs = c["techs"]
    tech = str(rng.choice(list(techs), p=norm(techs.values())))
    brands = [b for b in c["brands"] if tech in b[2]]
    b = brands[int(rng.choice(len(brands), p=norm([x[3] for x in brands])))]
    step = c.get("vol_step", 0.5)
    lv = []
    for l in levels:
        base = rng.uniform(3.0, 7.5) if tech == "kyphoplasty" else rng.uniform(1.8, 5.5)
        if LIDX[l] < LIDX["T10"]:
            base *= 0.75
        v = round(max(step, round(base / step) * step), 1)
        lv.append(dict(level=l, vol=v, leak=draw_leak(rng, c.get("p_leak", .22))))
    return dict(day=day, date=d0 + dt.timedelta(days=day), tech=tech, brand=b[0],
                cement=b[1], levels=lv, vol_mode="per")


def draw_pain(rng, tps, death_rel, step, p_attend=.82):
    if step == 0.1:
        pre = round(float(rng.integers(50, 101)) / 10, 1)
    else:
        pre = float(rng.integers(5, 11))
    out, vdays = {}, {}
    for tp in tps:
        nom = TP_DAYS[tp]
        if death_rel is not None and nom + TP_JIT[tp] + 1 >= death_rel:
            continue
        if tp == "pre":
            if rng.random() < .96:
                out[tp] = pre
                vdays[tp] = -int(rng.integers(0, 3))
            continue
        if rng.random() > p_attend:
            continue
        v = pre * (1 - RELIEF[tp] * rng.uniform(.4, 1.4)) + rng.normal(0, .7)
        v = min(10.0, max(0.0, v))
        v = round(round(v / step) * step, 1)
        out[tp] = v
        vdays[tp] = nom + int(rng.integers(-TP_JIT[tp], TP_JIT[tp] + 1))
    return out, vdays


def make_cohort(rng, n, c):
    pats = []
    span = (c["hi"] - c["lo"]).days
    for i in range(n):
        p = dict(pid=c["pid"](i), idx=i)
        r = rng.random()
        if r < .68:
            et, det = "osteoporotic", "osteoporosis"
        elif r < .87:
            et, det = "pathologic", None
        elif r < .95:
            et, det = "traumatic", "trauma"
        else:
            et, det = "other", "hemangioma"
        female = rng.random() < (.78 if et == "osteoporotic" else .5)
        p["sex"] = "female" if female else "male"
        if et == "pathologic":
            opts = (["met:breast"] * 3 + ["met:lung", "met:kidney", "myeloma", "myeloma", "lymphoma"]
                    if female else
                    ["met:prostate"] * 2 + ["met:lung"] * 2 + ["met:kidney", "myeloma", "myeloma", "lymphoma"])
            det = str(rng.choice(opts))
        p["etiology"], p["detail"] = et, det
        mu, sd, lo, hi = {"osteoporotic": (77, 7, 56, 95), "pathologic": (66, 10, 42, 88),
                          "traumatic": (58, 13, 30, 88), "other": (54, 12, 35, 80)}[et]
        age = int(np.clip(round(rng.normal(mu, sd)), lo, hi))
        d0 = c["lo"] + dt.timedelta(days=int(rng.integers(0, span)))
        birth = d0 - dt.timedelta(days=int(age * 365.25 + rng.integers(10, 355)))
        p["birth"], p["age"], p["d0"] = birth, age_on(birth, d0), d0
        died = rng.random() < (.32 if et == "pathologic" else .08)
        p["died"] = "yes" if died else "no"
        p["death_day"] = int(rng.integers(45, 620)) if died else None
        dd = p["death_day"]
        nlev = int(rng.choice([1, 2, 3], p=[.45, .35, .2] if et == "pathologic" else [.6, .28, .12]))
        nlev = min(nlev, c.get("max_levels", 3))
        lv1 = pick_block(rng, nlev)
        sessions = [make_session(rng, c, lv1, 0, d0)]
        fx = []
        if rng.random() < c.get("p_s2", .2) and (dd is None or dd > 70):
            hi2 = 200 if dd is None else min(200, dd - 30)
            day2 = int(rng.integers(14, hi2))
            k = 1 if rng.random() < .8 else 2
            lv2 = neighbours(lv1, k, rng)
            sessions.append(make_session(rng, c, lv2, day2, d0))
            if rng.random() < .6:
                fxday = max(7, day2 - int(rng.integers(2, 21)))
                for l in lv2:
                    fx.append((fxday, l))
        if not fx and rng.random() < c.get("p_fx", .14):
            hi3 = 420 if dd is None else dd - 5
            if hi3 > 40:
                day = int(rng.integers(30, hi3))
                treated = [x["level"] for s in sessions for x in s["levels"]]
                k = 1 if rng.random() < .85 else 2
                for l in neighbours(treated, k, rng):
                    fx.append((day, l))
        p["sessions"], p["fx"] = sessions, fx
        pain, vday = {}, {}
        for si, s in enumerate(sessions, 1):
            tps = c["tps"] if si == 1 else c.get("tps2")
            if not tps:
                continue
            rel = None if dd is None else dd - s["day"]
            pv, vd = draw_pain(rng, tps, rel, c.get("vas_step", 1), c.get("p_attend", .82))
            for tp in pv:
                pain[(si, tp)] = pv[tp]
                vday[(si, tp)] = vd[tp]
        p["pain"], p["vday"] = pain, vday
        pats.append(p)
    return pats


def fnum(x):
    if x is None or x == "":
        return ""
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.2f}".rstrip("0").rstrip(".")
    return str(x)


def write_truth(out, pats, errors, idents):
    T = os.path.join(out, "truth")
    os.makedirs(T, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(T, name), "w", newline="", encoding="utf-8") as f:
            cw = csv.writer(f, lineterminator="\n")
            cw.writerow(header)
            cw.writerows(rows)

    prow, rrow, arow, frow = [], [], [], []
    for p in pats:
        prow.append([p["pid"], p["sex"] or "", fnum(p["age"]), p["etiology"] or "", p["died"] or ""])
        for si, s in enumerate(p["sessions"], 1):
            n = len(s["levels"])
            tot = round(sum(x["vol"] for x in s["levels"]), 1)
            for x in s["levels"]:
                mode = s["vol_mode"]
                cv = x["vol"] if (mode == "per" or (mode == "total" and n == 1)) else ""
                sv = tot if (mode == "total" and n > 1) else ""
                leak = "" if x["leak"] is None else ("none" if not x["leak"] else ";".join(x["leak"]))
                rrow.append([p["pid"], si, s["day"], x["level"], s["tech"] or "", fnum(cv), fnum(sv),
                             s["cement"] or "", leak])
        for (si, tp) in sorted(p["pain"], key=lambda k: (k[0], TP_ORDER.index(k[1]))):
            arow.append([p["pid"], si, "pain_vas", tp, fnum(p["pain"][(si, tp)])])
        for (day, l) in p["fx"]:
            frow.append([p["pid"], day, l])
    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"], prow)
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], rrow)
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], arow)
    w("fractures.csv", ["patient_id", "day", "level"], frow)
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"],
      [[e["sheet"], e["cell"], e["row"], e["header"], e["value"], e["what"], e["pid"]] for e in errors])
    w("identifiers.csv", ["kind", "value"], idents)

def save_xlsx(wb, path, stamp="2023-11-30T09:00:00Z"):
    """Save an openpyxl workbook with fixed zip and document timestamps (byte-reproducible)."""
    buf = io.BytesIO()
    wb.save(buf)
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                              lambda m: m.group(1) + stamp.encode() + m.group(2), data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2023, 11, 30, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)

# ------------------------------ site part ------------------------------------
"""Wien: CSV export from a hospital information system (semicolon, decimal comma,
cp1252, CRLF, metadata block above the header), one row per treated vertebra.

Run:  python make.py OUTDIR
"""

SEED = 205
N = 27
F_FIRST = ["Maria", "Elfriede", "Hermine", "Theresia", "Johanna", "Gertrude", "Anna", "Rosa",
           "Leopoldine", "Herta", "Friederike", "Aloisia"]
M_FIRST = ["Franz", "Josef", "Johann", "Leopold", "Karl", "Alois", "Ferdinand", "Rudolf", "Ernst"]
LAST = ["GRUBER", "HUBER", "WAGNER", "PICHLER", "MOSER", "STEINER", "HOFER", "LEITNER",
        "BERGER", "FUCHS", "EDER", "FISCHER", "SCHMID", "WINKLER", "WEBER", "HÖLLER",
        "GRÜNWALD", "STRAUß", "MAYRHOFER", "KÖNIG", "PÖLZL", "HAIDER"]
HDR = ["PAT_NR_STUDIE", "KIS_PAT_ID", "PAT_NAME", "GEB_DAT", "GESCHLECHT", "ALTER_OP",
       "DIAGNOSE_ICD", "DIAGNOSE_TXT", "EINGRIFF_NR", "OP_DATUM", "OP_ART", "WK_HOEHE",
       "ZEMENT_ML", "ZEMENT_PRODUKT", "ZEMENTAUSTRITT", "ZEMENTAUSTRITT_LOK", "VAS_PRAEOP",
       "VAS_POSTOP_24H", "VAS_6WO", "VAS_12MO", "NEUE_FX_WK", "NEUE_FX_DATUM", "VERSTORBEN",
       "STERBEDATUM"]
CI = {h: i for i, h in enumerate(HDR)}
VAS = [("pre", "VAS_PRAEOP"), ("24h", "VAS_POSTOP_24H"), ("6w", "VAS_6WO"), ("12m", "VAS_12MO")]
ICD = {"osteoporosis": ("M80.08", "Osteoporose mit pathologischer Fraktur, Wirbelsäule"),
       "trauma": ("S32.0", "Fraktur eines Lendenwirbels, traumatisch"),
       "hemangioma": ("D18.08", "Hämangiom, Wirbelkörper"),
       "met:breast": ("C79.5", "Knochenmetastase bei Mamma-Ca"),
       "met:lung": ("C79.5", "Knochenmetastase bei Bronchus-Ca"),
       "met:prostate": ("C79.5", "Knochenmetastase bei Prostata-Ca"),
       "met:kidney": ("C79.5", "Knochenmetastase bei Nierenzell-Ca"),
       "myeloma": ("C90.00", "Multiples Myelom"),
       "lymphoma": ("C83.3", "Diffuses großzelliges B-Zell-Lymphom, ossäre Infiltration")}
ICD_TH = ("S22.0", "Fraktur eines Brustwirbels, traumatisch")
LEAK = {"disc": "BANDSCHEIBE", "venous": "VENÖS", "paravertebral": "PARAVERTEBRAL",
        "epidural": "EPIDURAL", "foraminal": "FORAMINAL"}


def wk(l):
    return ("BWK" if l[0] == "T" else "LWK") + l[1:]


def dstr(d):
    return d.strftime("%d.%m.%Y")


def dec(v):
    return f"{v:.1f}".replace(".", ",")


def col_letter(i):                 # 0-based field index -> Excel column letters
    s, i = "", i + 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)
    c = dict(pid=lambda i: f"tmp{i}", lo=dt.date(2019, 1, 14), hi=dt.date(2022, 9, 30),
             techs={"kyphoplasty": .5, "vertebroplasty": .5},
             brands=[("Kyphon HV-R", "PMMA", ("kyphoplasty",), 3),
                     ("Vertecem V+", "PMMA", ("vertebroplasty",), 3),
                     ("Osteopal V", "PMMA", ("vertebroplasty", "kyphoplasty"), 2),
                     ("Cortoss", "Cortoss", ("vertebroplasty",), 1)],
             tps=["pre", "24h", "6w", "12m"], tps2=["pre", "24h", "6w", "12m"],
             p_s2=.25, vol_step=.1, p_leak=.2)
    pats = make_cohort(rng, N, c)
    pats.sort(key=lambda p: p["d0"])
    for k, p in enumerate(pats):
        p["pid"] = f"VK{k + 1:04d}"
    # leakage field left empty in the system for a few sessions
    for j in rng.permutation(N)[:2]:
        for x in pats[j]["sessions"][-1]["levels"]:
            x["leak"] = None

    rows, owner, idents, names = [], [], [], set()
    for p in pats:
        while True:
            nm = f"{rng.choice(LAST)}, {rng.choice(F_FIRST if p['sex'] == 'female' else M_FIRST)}"
            if nm not in names:
                names.add(nm)
                break
        kis = str(int(rng.integers(1000000000, 1099999999)))
        idents += [["name", nm], ["record_number", kis], ["birth_date", dstr(p["birth"])]]
        icd = ICD[p["detail"]]
        if p["detail"] == "trauma" and LIDX[p["sessions"][0]["levels"][0]["level"]] < LIDX["L1"]:
            icd = ICD_TH
        if p["detail"] == "osteoporosis" and p["sex"] == "male":
            icd = ("M80.88", "Sonstige Osteoporose mit pathologischer Fraktur, Wirbelsäule")
        fxwk = ", ".join(wk(l) for _, l in p["fx"])
        fxd = dstr(p["d0"] + dt.timedelta(days=p["fx"][0][0])) if p["fx"] else ""
        for si, s in enumerate(p["sessions"], 1):
            for x in s["levels"]:
                f = [""] * len(HDR)
                f[CI["PAT_NR_STUDIE"]] = p["pid"]
                f[CI["KIS_PAT_ID"]] = kis
                f[CI["PAT_NAME"]] = nm
                f[CI["GEB_DAT"]] = dstr(p["birth"])
                f[CI["GESCHLECHT"]] = "W" if p["sex"] == "female" else "M"
                f[CI["ALTER_OP"]] = str(age_on(p["birth"], s["date"]))
                f[CI["DIAGNOSE_ICD"]], f[CI["DIAGNOSE_TXT"]] = icd
                f[CI["EINGRIFF_NR"]] = str(si)
                f[CI["OP_DATUM"]] = dstr(s["date"])
                f[CI["OP_ART"]] = "BALLONKYPHOPLASTIE" if s["tech"] == "kyphoplasty" else "VERTEBROPLASTIE"
                f[CI["WK_HOEHE"]] = wk(x["level"])
                f[CI["ZEMENT_ML"]] = dec(x["vol"])
                f[CI["ZEMENT_PRODUKT"]] = s["brand"]
                if x["leak"] is None:
                    pass
                elif x["leak"]:
                    f[CI["ZEMENTAUSTRITT"]] = "J"
                    f[CI["ZEMENTAUSTRITT_LOK"]] = ", ".join(LEAK[z] for z in x["leak"])
                else:
                    f[CI["ZEMENTAUSTRITT"]] = "N"
                for tp, h in VAS:
                    if (si, tp) in p["pain"]:
                        f[CI[h]] = str(int(p["pain"][(si, tp)]))
                f[CI["NEUE_FX_WK"]] = fxwk
                f[CI["NEUE_FX_DATUM"]] = fxd
                f[CI["VERSTORBEN"]] = "J" if p["died"] == "yes" else "N"
                if p["died"] == "yes":
                    f[CI["STERBEDATUM"]] = dstr(p["d0"] + dt.timedelta(days=p["death_day"]))
                rows.append(f)
                owner.append((p, si, x))

    meta = [["KIS-Export", "Klinik Donaustadt-Nord – Abteilung für Orthopädie und Traumatologie"],
            ["Modul", "Studienregister / Auswertung Zementaugmentation"],
            ["Abfrage", "VP_KP_REGISTER_V3"],
            ["Zeitraum", "01.01.2019 - 31.12.2023"],
            ["Erstellt", "14.03.2024 09:12:37"],
            ["Benutzer", "STUDIENASS02"],
            ["Datensätze", str(len(rows))],
            [""]]
    hdr_line = len(meta) + 1
    first = hdr_line + 1

    errors = []

    def plant(ri, h, value, what, pid):
        rows[ri][CI[h]] = value
        line = first + ri
        errors.append(dict(sheet="input", cell=f"{col_letter(CI[h])}{line}", row=line, header=h,
                           value=value, what=what, pid=pid))

    order = list(rng.permutation(len(rows)))
    used = set()

    def take(cond):
        for ri in order:
            p, si, x = owner[ri]
            if p["pid"] not in used and cond(p, si, x, ri):
                used.add(p["pid"])
                return ri, p
        raise RuntimeError("no candidate")

    ri, p = take(lambda p, si, x, ri: p["died"] == "yes" and x is p["sessions"][0]["levels"][0])
    bad = p["d0"].replace(year=p["d0"].year - 2) - dt.timedelta(days=int(rng.integers(5, 60)))
    plant(ri, "STERBEDATUM", dstr(bad), "date of death lies before the procedure date (other rows of the patient differ)", p["pid"])

    # second vertebra row of a session with the study ID missing
    ri, p = take(lambda p, si, x, ri: x is not p["sessions"][si - 1]["levels"][0])
    plant(ri, "PAT_NR_STUDIE", "", "study ID missing on a row with data (row belongs to the patient with "
          "the same KIS_PAT_ID)", p["pid"])
    ri, p = take(lambda p, si, x, ri: x["level"] == "T12")
    plant(ri, "WK_HOEHE", "BWK13", "impossible vertebral level (BWK13)", p["pid"])
    ri, p = take(lambda p, si, x, ri: True)
    plant(ri, "ZEMENT_ML", "38,0", "38 ml of cement in one vertebra is implausible", p["pid"])
    ri, p = take(lambda p, si, x, ri: (si, "6w") in p["pain"] and len(p["sessions"][si - 1]["levels"]) == 1)
    plant(ri, "VAS_6WO", "13", "VAS 13 on a 0-10 scale", p["pid"])
    path = os.path.join(out, "input.csv")
    with open(path, "w", encoding="cp1252", newline="") as fh:
        for m in meta:
            fh.write(";".join(m) + "\r\n")
        fh.write(";".join(HDR) + "\r\n")
        for f in rows:
            fh.write(";".join(f) + "\r\n")
        fh.write("\r\n")
        fh.write(f"*** Ende des Exports – {len(rows)} Zeilen ***\r\n")
    write_truth(out, pats, errors, idents)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
