import sys, os, csv, datetime as dt
import numpy as np

LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]
TP_DAYS = {"pre": -1, "24h": 1, "1w": 7, "2w": 14, "6w": 42, "1m": 30, "3m": 91, "6m": 182, "12m": 365, "24m": 730}


def gen(seed, n, prefix, start, fu_tps, id_fmt="{p}{i:03d}", p_second=0.15, p_frac=0.15, p_died=0.12):
    rng = np.random.default_rng(seed)
    pts = []
    for i in range(n):
        pid = id_fmt.format(p=prefix, i=i + 1)
        sex = str(rng.choice(["female", "male"], p=[0.68, 0.32]))
        age = int(rng.integers(52, 90))
        et = str(rng.choice(["osteoporotic", "pathologic", "traumatic"], p=[0.7, 0.2, 0.1]))
        d0 = start + dt.timedelta(days=int(rng.integers(0, 500)))
        nlev = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        base = int(rng.integers(LEVELS.index("T8"), LEVELS.index("L4")))
        levels = LEVELS[base:base + nlev]
        tech = str(rng.choice(["vertebroplasty", "kyphoplasty"], p=[0.6, 0.4]))
        vols = [float(round(float(rng.uniform(2, 6)) * 2) / 2) for _ in levels]
        leaks = [str(rng.choice(["none", "disc", "venous", "epidural", "paravertebral"], p=[0.7, 0.1, 0.1, 0.05, 0.05])) for _ in levels]
        pre = int(rng.integers(6, 11))
        pain = {"pre": pre}
        odi = {"pre": int(rng.integers(40, 80))}
        cur, co = pre, odi["pre"]
        for tp in fu_tps:
            cur = max(0, cur - int(rng.integers(1, 4)))
            co = max(4, co - int(rng.integers(5, 18)))
            if rng.random() < 0.15:
                continue
            pain[tp] = cur
            odi[tp] = co
        s1 = dict(session=1, day=0, date=d0, levels=levels, tech=tech, vols=vols, leaks=leaks, pain=pain, odi=odi,
                  fu_dates={tp: d0 + dt.timedelta(days=TP_DAYS[tp] + int(rng.integers(-2, 4))) for tp in fu_tps})
        sessions = [s1]
        fractures = []
        r = rng.random()
        if r < p_second:
            day = int(rng.integers(35, 110))
            lv = LEVELS[base - 1] if rng.random() < 0.5 else LEVELS[base + nlev]
            p2 = int(rng.integers(6, 10))
            sessions.append(dict(session=2, day=day, date=d0 + dt.timedelta(days=day), levels=[lv], tech=tech,
                                 vols=[float(round(float(rng.uniform(2, 5)) * 2) / 2)], leaks=["none"],
                                 pain={"pre": p2}, odi={"pre": int(rng.integers(40, 75))}, fu_dates={}))
            fractures.append((day, lv))
        elif r < p_second + p_frac:
            day = int(rng.integers(40, 150))
            lv = LEVELS[base - 1] if rng.random() < 0.5 else LEVELS[base + nlev]
            fractures.append((day, lv))
        died = "yes" if rng.random() < p_died else "no"
        pts.append(dict(pid=pid, sex=sex, age=age, et=et, sessions=sessions, fractures=fractures, died=died,
                        d0=d0, idx=i))
    return rng, pts


def fmtnum(x):
    if x is None or x == "":
        return ""
    x = float(x)
    return str(int(x)) if x == int(x) else str(x)


def write_truth(outdir, pts, errors, identifiers, cement_mode="level", cement_type="PMMA", measures=("pain_vas",),
                pain_div=1, sex_recorded=True, age_recorded=True, et_recorded=True, died_recorded=True,
                leak_recorded=True, tech_recorded=True):
    td = os.path.join(outdir, "truth")
    os.makedirs(td, exist_ok=True)

    def w(name, header, rows):
        with open(os.path.join(td, name), "w", newline="", encoding="utf-8") as f:
            cw = csv.writer(f)
            cw.writerow(header)
            for r in rows:
                cw.writerow(r)
    w("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
      [[p["pid"], p["sex"] if sex_recorded else "", p["age"] if age_recorded else "", p["et"] if et_recorded else "",
        p["died"] if died_recorded else ""] for p in pts])
    pr = []
    for p in pts:
        for s in p["sessions"]:
            tot = sum(s["vols"])
            ct = cement_type(p, s) if callable(cement_type) else cement_type
            for lv, v, lk in zip(s["levels"], s["vols"], s["leaks"]):
                if cement_mode == "level" or (cement_mode == "auto" and len(s["levels"]) == 1):
                    cv, sv = fmtnum(v), ""
                elif cement_mode in ("session", "auto"):
                    cv, sv = "", fmtnum(tot)
                else:
                    cv, sv = "", ""
                pr.append([p["pid"], s["session"], s["day"], lv, s["tech"] if tech_recorded else "", cv, sv, ct,
                           lk if leak_recorded else ""])
    w("procedures.csv", ["patient_id", "session", "day", "level", "technique", "cement_volume_ml",
                         "session_cement_volume_ml", "cement_type", "leakage"], pr)
    ar = []
    for p in pts:
        for s in p["sessions"]:
            for tp, v in s["pain"].items():
                if "pain_vas" in measures:
                    ar.append([p["pid"], s["session"], "pain_vas", tp, fmtnum(v / pain_div)])
            if "odi" in measures:
                for tp, v in s["odi"].items():
                    ar.append([p["pid"], s["session"], "odi", tp, v])
            if "mobility" in measures:
                for tp, v in s.get("mob", {}).items():
                    ar.append([p["pid"], s["session"], "mobility", tp, v])
    w("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"], ar)
    w("fractures.csv", ["patient_id", "day", "level"], [[p["pid"], d, lv] for p in pts for d, lv in p["fractures"]])
    w("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong", "patient_id"], errors)
    w("identifiers.csv", ["kind", "value"], identifiers)

# ---------------- Bucharest: transposed patient summary + visits table ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill, Border, Side
from openpyxl.utils import get_column_letter


def ro(x):
    return fmtnum(x).replace(".", ",")


def main(outdir):
    rng, pts = gen(8202, 24, "BUC-", dt.date(2021, 9, 1), ["1m", "3m", "6m"], id_fmt="{p}{i:02d}", p_second=0.12)
    sexw = {"female": "F", "male": "M"}
    etw = {"osteoporotic": "osteoporoză", "traumatic": "traumatism"}
    brands = ["Osteopal V", "Vertecem V+", "Confidence"]
    leakw = {"disc": "disc", "venous": "venos", "epidural": "epidural", "paravertebral": "paravertebral"}
    techw = {"vertebroplasty": "VP", "kyphoplasty": "KP (cifoplastie cu balon)"}
    for p in pts:
        p["brand"] = brands[int(rng.integers(0, 3))]
        if p["et"] == "pathologic":
            p["etw"] = str(rng.choice(["metastază (sân)", "metastază (prostată)", "mielom multiplu"]))
        else:
            p["etw"] = etw[p["et"]]
    errors = []
    wb = Workbook()
    ws = wb.active
    ws.title = "Pacienți"
    ws["A1"] = "Clinica de Neurochirurgie — Vertebroplastie / Cifoplastie — fișă sumar pacienți"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = "Completat de dr. rezident; VAS 0-10; volum ciment în ml, pe fiecare nivel, în ordinea nivelurilor"
    fields = ["Cod studiu", "Sex (M/F)", "Vârsta (ani)", "Etiologie", "Data intervenției", "Nivel(e) tratat(e)", "Tehnica",
              "Volum ciment / nivel (ml)", "Tip ciment", "Extravazare ciment", "Intervenția 2 – data", "Intervenția 2 – nivel",
              "Intervenția 2 – volum (ml)", "Intervenția 2 – extravazare", "Decedat", "Observații"]
    R0 = 4
    frow = {f: R0 + k for k, f in enumerate(fields)}
    for f, rr in frow.items():
        c = ws.cell(row=rr, column=1, value=f)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="FFF2CC")
    ws.column_dimensions["A"].width = 28
    err_p = {3: "vol", 11: "agetext"}
    for p in pts:
        cc = 2 + p["idx"]
        L = get_column_letter(cc)
        s1 = p["sessions"][0]
        ws.column_dimensions[L].width = 16
        vals = {
            "Cod studiu": p["pid"], "Sex (M/F)": sexw[p["sex"]], "Vârsta (ani)": p["age"], "Etiologie": p["etw"],
            "Data intervenției": s1["date"].strftime("%d.%m.%Y"), "Nivel(e) tratat(e)": ", ".join(s1["levels"]),
            "Tehnica": techw[s1["tech"]], "Volum ciment / nivel (ml)": " / ".join(ro(v) for v in s1["vols"]),
            "Tip ciment": p["brand"], "Decedat": "Da" if p["died"] == "yes" else "Nu",
        }
        lk = [(l, k) for l, k in zip(s1["levels"], s1["leaks"]) if k != "none"]
        vals["Extravazare ciment"] = "Nu" if not lk else "Da – " + ", ".join(f"{leakw[k]} ({l})" for l, k in lk)
        if len(p["sessions"]) > 1:
            s2 = p["sessions"][1]
            vals["Intervenția 2 – data"] = s2["date"].strftime("%d.%m.%Y")
            vals["Intervenția 2 – nivel"] = s2["levels"][0] + f" ({'VP' if s2['tech'] == 'vertebroplasty' else 'KP'})"
            vals["Intervenția 2 – volum (ml)"] = ro(s2["vols"][0])
            vals["Intervenția 2 – extravazare"] = "Nu"
            vals["Observații"] = "fractură nouă adiacentă, reintervenție"
        else:
            vals["Intervenția 2 – data"] = "—"
        if p["died"] == "yes":
            vals["Observații"] = (vals.get("Observații", "") + "; " if vals.get("Observații") else "") + "decedat (cauză nelegată de procedură)"
        if err_p.get(p["idx"]) == "vol":
            v = list(s1["vols"])
            v[0] = 35
            vals["Volum ciment / nivel (ml)"] = " / ".join(ro(x) for x in v)
            errors.append([ws.title, f"{L}{frow['Volum ciment / nivel (ml)']}", frow["Volum ciment / nivel (ml)"],
                           "Volum ciment / nivel (ml)", vals["Volum ciment / nivel (ml)"], "35 mL of cement in one vertebra", p["pid"]])
        if err_p.get(p["idx"]) == "agetext":
            vals["Vârsta (ani)"] = "a.n."
            errors.append([ws.title, f"{L}{frow['Vârsta (ani)']}", frow["Vârsta (ani)"], "Vârsta (ani)", "a.n.",
                           "meaningless text in the age field", p["pid"]])
        for f, v in vals.items():
            c = ws.cell(row=frow[f], column=cc, value=v)
            c.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.cell(row=frow["Cod studiu"], column=cc).font = Font(bold=True)
    ws.freeze_panes = "B5"

    # visits sheet
    wv = wb.create_sheet("Vizite")
    vh = ["Cod studiu", "Intervenția", "Data vizitei", "Moment", "VAS (0-10)", "ODI (%)", "Fractură nouă (nivel)", "Obs."]
    for j, h in enumerate(vh, 1):
        c = wv.cell(row=1, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="D9E1F2")
        wv.column_dimensions[get_column_letter(j)].width = [12, 11, 13, 14, 10, 9, 20, 30][j - 1]
    tpw = {"pre": "preop", "1m": "1 lună", "3m": "3 luni", "6m": "6 luni"}
    r = 2
    verr = {7: "odi", 15: "date", 20: "vas"}
    for p in pts:
        s1 = p["sessions"][0]
        rows = []
        rows.append((s1["date"] - dt.timedelta(days=1), 1, "pre", s1["pain"]["pre"], s1["odi"]["pre"], "", ""))
        for tp in ["1m", "3m", "6m"]:
            if tp in s1["pain"]:
                rows.append((s1["fu_dates"][tp], 1, tp, s1["pain"][tp], s1["odi"][tp], "", ""))
        if len(p["sessions"]) > 1:
            s2 = p["sessions"][1]
            rows.append((s2["date"], 2, "pre", s2["pain"]["pre"], s2["odi"]["pre"], s2["levels"][0], "internare pt. reintervenție"))
        elif p["fractures"]:
            d, lv = p["fractures"][0]
            rows.append((p["d0"] + dt.timedelta(days=d), 1, "neprogramat", "", "", lv, "durere nouă, RMN: fractură nouă; tratament conservator"))
        rows.sort(key=lambda x: x[0])
        kind = verr.get(p["idx"])
        done = False
        for d, ses, tp, vas, odi, fr, obs in rows:
            wv.cell(row=r, column=1, value=p["pid"])
            wv.cell(row=r, column=2, value=ses)
            c = wv.cell(row=r, column=3, value=dt.datetime(d.year, d.month, d.day))
            c.number_format = "DD.MM.YYYY"
            wv.cell(row=r, column=4, value=tpw.get(tp, tp))
            wv.cell(row=r, column=5, value=vas if vas != "" else None)
            wv.cell(row=r, column=6, value=odi if odi != "" else None)
            wv.cell(row=r, column=7, value=fr or None)
            wv.cell(row=r, column=8, value=obs or None)
            if not done and tp in ("3m", "1m"):
                if kind == "odi":
                    wv.cell(row=r, column=6, value=130)
                    errors.append(["Vizite", f"F{r}", r, "ODI (%)", "130", "ODI above 100 %", p["pid"]]); done = True
                elif kind == "date":
                    bd = dt.datetime(d.year - 1, d.month, d.day)
                    wv.cell(row=r, column=3, value=bd)
                    errors.append(["Vizite", f"C{r}", r, "Data vizitei", bd.strftime("%d.%m.%Y"),
                                   "follow-up visit dated before the procedure", p["pid"]]); done = True
                elif kind == "vas":
                    wv.cell(row=r, column=5, value=68)
                    errors.append(["Vizite", f"E{r}", r, "VAS (0-10)", "68", "VAS 68 on a 0-10 scale", p["pid"]]); done = True
            r += 1
    wv.freeze_panes = "A2"
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))
    write_truth(outdir, pts, errors, [], cement_mode="level", cement_type="PMMA", measures=("pain_vas", "odi"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
