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

# ---------------- Dhaka: one row per visit, procedure on its own row ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, Alignment, PatternFill
from openpyxl.utils import get_column_letter

BN = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def bn(s):
    return str(s).translate(BN)


def main(outdir):
    rng, pts = gen(8101, 22, "DMC-VP-", dt.date(2022, 2, 1), ["1w", "1m", "3m"], id_fmt="{p}{i:02d}")
    first_names = ["রহিমা", "ফাতেমা", "আব্দুল", "নাসরিন", "করিম", "সালমা", "জাহানারা", "মোস্তফা", "রোকেয়া", "হাসিনা",
                   "আমিনা", "শাহানা", "নুরুল", "মমতাজ", "রাশেদা", "কামাল", "সুফিয়া", "হালিমা", "জয়নাল", "পারভীন", "মাহমুদা", "আনোয়ার"]
    last_names = ["বেগম", "খাতুন", "হক", "আক্তার", "উদ্দিন", "বিবি", "ইসলাম", "রহমান", "চৌধুরী", "সরকার"]
    sexw = {"female": "মহিলা", "male": "পুরুষ"}
    etw = {"osteoporotic": "অস্টিওপোরোসিস", "pathologic": "মেটাস্টেসিস (Ca)", "traumatic": "আঘাত / পড়ে যাওয়া"}
    leakw = {"disc": "ডিস্ক", "venous": "শিরায় (venous)", "epidural": "এপিডুরাল", "paravertebral": "প্যারাভার্টিব্রাল"}
    techw = {"vertebroplasty": "VP", "kyphoplasty": "KP"}
    tpw = {"1w": "ফলো-আপ ১ সপ্তাহ", "1m": "ফলো-আপ ১ মাস", "3m": "ফলো-আপ ৩ মাস"}
    wb = Workbook()
    ws = wb.active
    ws.title = "ভিপি রেজিস্টার"
    ws["A1"] = "স্পাইন ইউনিট, নিউরোসার্জারি বিভাগ — ভার্টিব্রোপ্লাস্টি / কাইফোপ্লাস্টি রেজিস্টার"
    ws["A2"] = "Spine Unit, Dept. of Neurosurgery, Dhaka — VP/KP register 2022-2024 (সিমেন্ট: PMMA, VAS 0-10)"
    ws["A1"].font = Font(bold=True, size=13)
    ws.merge_cells("A1:Q1")
    ws.merge_cells("A2:Q2")
    ws["A3"] = "নোট: ফলো-আপ সময় প্রথম প্রসিডিউরের তারিখ থেকে গণনা (follow-up intervals counted from the first procedure). আসেনি = did not come."
    ws["A3"].font = Font(italic=True, color="C00000")
    ws.merge_cells("A3:Q3")
    hdr = ["ক্রমিক নং\nSl", "স্টাডি আইডি\nStudy ID", "রোগীর নাম\nName", "মোবাইল\nMobile", "বয়স\nAge", "লিঙ্গ\nSex",
           "কারণ\nCause", "ভিজিট\nVisit", "তারিখ\nDate", "লেভেল\nLevel", "পদ্ধতি\nProc.", "সিমেন্ট (মিলি)\nCement ml (total)",
           "লিকেজ\nLeak", "ব্যথা VAS\n(0-10)", "নতুন ফ্র্যাকচার\nNew #", "অবস্থা\nStatus", "মন্তব্য\nRemarks"]
    HR = 4
    for j, h in enumerate(hdr, 1):
        c = ws.cell(row=HR, column=j, value=h)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center")
        c.fill = PatternFill("solid", fgColor="DDEBF7")
    col = {h.split("\n")[1]: j for j, h in enumerate(hdr, 1)}
    hdr_bottom = {j: h.split("\n")[1] for j, h in enumerate(hdr, 1)}
    errors, idents = [], []
    err_plan = {2: "level", 6: "vas", 10: "date", 15: "cement", 19: "age"}
    r = HR + 1

    def dtxt(d, bengali):
        s = d.strftime("%d/%m/%Y")
        return bn(s) if bengali else s

    for p in pts:
        i = p["idx"]
        plan = err_plan.get(i)
        useb = (i % 3 == 0)
        name = first_names[i % len(first_names)] + " " + last_names[(i * 7) % len(last_names)]
        phone = "01" + str(int(rng.integers(3, 10))) + "".join(str(int(x)) for x in rng.integers(0, 10, 8))
        idents.append(["name", name])
        idents.append(["phone", bn(phone) if useb else phone])
        s1 = p["sessions"][0]
        # procedure row
        ws.cell(row=r, column=1, value=i + 1)
        ws.cell(row=r, column=col["Study ID"], value=p["pid"])
        ws.cell(row=r, column=col["Name"], value=name)
        ws.cell(row=r, column=col["Mobile"], value=bn(phone) if useb else phone)
        agev = (bn(p["age"]) + " বছর") if useb else p["age"]
        if plan == "age":
            agev = 210
            errors.append([ws.title, f"{get_column_letter(col['Age'])}{r}", r, "Age", "210", "impossible age", p["pid"]])
        ws.cell(row=r, column=col["Age"], value=agev)
        ws.cell(row=r, column=col["Sex"], value=sexw[p["sex"]])
        ws.cell(row=r, column=col["Cause"], value=etw[p["et"]])
        ws.cell(row=r, column=col["Status"], value="মৃত (expired)" if p["died"] == "yes" else "জীবিত")

        def proc_row(r, s, label):
            ws.cell(row=r, column=col["Study ID"], value=p["pid"])
            ws.cell(row=r, column=col["Visit"], value=label)
            ws.cell(row=r, column=col["Date"], value=dtxt(s["date"], useb))
            lv = ", ".join(s["levels"])
            if plan == "level" and s["session"] == 1:
                bad = "T13" if s["levels"][0].startswith("T") else "L7"
                lv = ", ".join([bad] + s["levels"][1:])
                errors.append([ws.title, f"{get_column_letter(col['Level'])}{r}", r, "Level", lv, "impossible vertebral level " + bad, p["pid"]])
            ws.cell(row=r, column=col["Level"], value=lv)
            ws.cell(row=r, column=col["Proc."], value=techw[s["tech"]])
            tot = fmtnum(sum(s["vols"]))
            cv = bn(tot) if useb else (float(tot) if "." in tot else int(tot))
            if plan == "cement" and s["session"] == 1:
                cv = 45
                errors.append([ws.title, f"{get_column_letter(col['Cement ml (total)'])}{r}", r, "Cement ml (total)", "45", "implausible cement volume (45 mL)", p["pid"]])
            ws.cell(row=r, column=col["Cement ml (total)"], value=cv)
            lk = [f"{l} {leakw[k]}" for l, k in zip(s["levels"], s["leaks"]) if k != "none"]
            if lk:
                ws.cell(row=r, column=col["Leak"], value=lk[0].split(" ", 1)[1] if len(s["levels"]) == 1 else "; ".join(lk))
            else:
                ws.cell(row=r, column=col["Leak"], value="নেই")
            v = s["pain"]["pre"]
            ws.cell(row=r, column=col["VAS"] if "VAS" in col else 14, value=bn(v) if useb else v)
            ws.cell(row=r, column=col["Remarks"], value="প্রি-অপ VAS")

        proc_row(r, s1, "প্রসিডিউর / Procedure")
        r += 1
        events = []
        for tp in ["1w", "1m", "3m"]:
            if tp in s1["pain"]:
                events.append((s1["fu_dates"][tp], "fu", tp))
            elif rng.random() < 0.5:
                events.append((s1["fu_dates"][tp], "miss", tp))
        if len(p["sessions"]) > 1:
            events.append((p["sessions"][1]["date"], "s2", None))
        elif p["fractures"]:
            d, lv = p["fractures"][0]
            events.append((p["d0"] + dt.timedelta(days=d), "frac", lv))
        events.sort(key=lambda e: (e[0], e[1]))
        vas_done = date_done = False
        for d, kind, x in events:
            ws.cell(row=r, column=col["Study ID"], value=p["pid"])
            if kind == "fu":
                ws.cell(row=r, column=col["Visit"], value=tpw[x])
                dv = dtxt(d, useb)
                if plan == "date" and not date_done:
                    dv = f"31/02/{d.year}"
                    date_done = True
                    errors.append([ws.title, f"{get_column_letter(col['Date'])}{r}", r, "Date", dv, "impossible date (31 February)", p["pid"]])
                ws.cell(row=r, column=col["Date"], value=dv)
                v = s1["pain"][x]
                vv = bn(v) if useb else v
                if plan == "vas" and not vas_done:
                    vv = 14
                    vas_done = True
                    errors.append([ws.title, f"N{r}", r, "VAS", "14", "pain score 14 on a 0-10 scale", p["pid"]])
                ws.cell(row=r, column=14, value=vv)
            elif kind == "miss":
                ws.cell(row=r, column=col["Visit"], value=tpw[x])
                ws.cell(row=r, column=14, value="আসেনি")
                ws.cell(row=r, column=col["Remarks"], value="ফলো-আপে আসেননি (did not come)")
            elif kind == "s2":
                s2 = p["sessions"][1]
                proc_row(r, s2, "২য় প্রসিডিউর / 2nd procedure")
                ws.cell(row=r, column=col["New #"], value=s2["levels"][0])
                ws.cell(row=r, column=col["Remarks"], value="নতুন ফ্র্যাকচার, আবার সিমেন্ট; প্রি-অপ VAS")
            elif kind == "frac":
                ws.cell(row=r, column=col["Visit"], value="অতিরিক্ত ভিজিট / extra visit")
                ws.cell(row=r, column=col["Date"], value=dtxt(d, useb))
                ws.cell(row=r, column=col["New #"], value=x)
                ws.cell(row=r, column=col["Remarks"], value="নতুন ব্যথা, MRI তে নতুন ফ্র্যাকচার; কনজারভেটিভ")
            r += 1
        r += 1  # blank spacer row between patients
    widths = [6, 14, 20, 14, 10, 8, 18, 24, 12, 12, 7, 12, 20, 9, 10, 12, 34]
    for j, wdt in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = wdt
    ws.freeze_panes = "C5"
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, "input.xlsx"))
    write_truth(outdir, pts, errors, idents, cement_mode="auto", cement_type="PMMA", measures=("pain_vas",))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
