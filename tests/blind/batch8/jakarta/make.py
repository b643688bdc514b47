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

# ---------------- Jakarta: hospital export CSV, one row per visit, procedure fields repeated ----------------
from openpyxl.utils import get_column_letter


def main(outdir):
    rng, pts = gen(8405, 21, "JKT", dt.date(2022, 6, 1), ["2w", "1m", "3m"], id_fmt="{p}-{i:03d}", p_second=0.14)
    fn_f = ["Siti", "Sri", "Dewi", "Nur", "Ratna", "Endang", "Yuliana", "Wati", "Suharti", "Kartini", "Ani"]
    fn_m = ["Budi", "Agus", "Slamet", "Hendra", "Bambang", "Joko", "Sutrisno", "Ahmad", "Wahyu"]
    ln = ["Rahayu", "Wulandari", "Santoso", "Hidayat", "Kusuma", "Lestari", "Saputra", "Purnomo", "Suryani", "Handayani", "Nasution", "Siregar"]
    etw = {"osteoporotic": "Fraktur kompresi osteoporotik", "traumatic": "Fraktur kompresi traumatik (jatuh)"}
    leakw = {"disc": "diskus", "venous": "vena", "epidural": "epidural", "paravertebral": "paravertebral"}
    techw = {"vertebroplasty": "VERTEBROPLASTI PERKUTAN", "kyphoplasty": "KIFOPLASTI BALON"}
    tpw = {"pre": "Pra tindakan", "2w": "Kontrol 2 minggu", "1m": "Kontrol 1 bulan", "3m": "Kontrol 3 bulan"}
    errors, idents = [], []
    for p in pts:
        fn = fn_f if p["sex"] == "female" else fn_m
        p["name"] = (fn[int(rng.integers(0, len(fn)))] + " " + ln[int(rng.integers(0, len(ln)))]).upper()
        p["rm"] = "%02d-%02d-%02d" % tuple(int(x) for x in rng.integers(0, 100, 3))
        p["hp"] = "08" + "".join(str(int(x)) for x in rng.integers(0, 10, 10))
        idents += [["name", p["name"]], ["record_number", p["rm"]], ["phone", p["hp"]]]
        if p["et"] == "pathologic":
            p["etw"] = str(rng.choice(["Metastasis tulang (Ca mammae)", "Multiple myeloma", "Metastasis (Ca paru)"]))
        else:
            p["etw"] = etw[p["et"]]
        for s in p["sessions"]:
            m = int(rng.integers(0, 3))
            mob = {"pre": m}
            for tp in ["2w", "1m", "3m"]:
                if tp in s["pain"]:
                    m = min(3, m + int(rng.integers(0, 2)))
                    mob[tp] = m
            s["mob"] = mob
    hdr = ["NO", "NO_RM", "NAMA_PASIEN", "NO_HP", "ID_STUDI", "JENIS_KELAMIN", "UMUR", "DIAGNOSA", "TGL_TINDAKAN", "TINDAKAN",
           "LEVEL", "VOLUME_SEMEN", "JENIS_SEMEN", "KEBOCORAN_SEMEN", "TGL_KUNJUNGAN", "JENIS_KUNJUNGAN", "VAS", "ODI",
           "MOBILISASI", "FRAKTUR_BARU", "LEVEL_FRAKTUR_BARU", "STATUS_PASIEN", "KETERANGAN"]
    H = {h: j for j, h in enumerate(hdr)}
    rows = []
    E = {2: "level", 6: "vas", 10: "fudate", 14: "vol", 18: "date"}

    def lvtxt(levels):
        return ", ".join(("Th" + l[1:]) if l.startswith("T") else l for l in levels)

    def idn(d):
        return d.strftime("%d-%m-%Y")

    for p in pts:
        kind = E.get(p["idx"])
        visits = []
        for s in p["sessions"]:
            pre_d = s["date"] - dt.timedelta(days=1 if s["session"] == 1 else 0)
            visits.append((pre_d, s, "pre", None))
            for tp in ["2w", "1m", "3m"]:
                if tp in s["pain"]:
                    visits.append((s["fu_dates"][tp], s, tp, None))
        if len(p["sessions"]) == 1 and p["fractures"]:
            d, lv = p["fractures"][0]
            visits.append((p["d0"] + dt.timedelta(days=d), p["sessions"][0], "x", lv))
        visits.sort(key=lambda v: v[0])
        done = set()
        for d, s, tp, flv in visits:
            row = [""] * len(hdr)
            row[H["NO_RM"]] = p["rm"]
            row[H["NAMA_PASIEN"]] = p["name"]
            row[H["NO_HP"]] = p["hp"]
            row[H["ID_STUDI"]] = p["pid"]
            row[H["JENIS_KELAMIN"]] = "Perempuan" if p["sex"] == "female" else "Laki-laki"
            row[H["UMUR"]] = f"{p['age']} Th"
            row[H["DIAGNOSA"]] = p["etw"]
            row[H["TGL_TINDAKAN"]] = idn(s["date"])
            row[H["TINDAKAN"]] = techw[s["tech"]]
            row[H["LEVEL"]] = lvtxt(s["levels"])
            row[H["VOLUME_SEMEN"]] = fmtnum(sum(s["vols"])).replace(".", ",") + " cc"
            row[H["JENIS_SEMEN"]] = "PMMA (bone cement)"
            lk = [(l, k) for l, k in zip(s["levels"], s["leaks"]) if k != "none"]
            row[H["KEBOCORAN_SEMEN"]] = "Tidak" if not lk else "Ya - " + ", ".join(
                leakw[k] + (f" ({lvtxt([l])})" if len(s["levels"]) > 1 else "") for l, k in lk)
            row[H["TGL_KUNJUNGAN"]] = idn(d)
            if tp == "x":
                row[H["JENIS_KUNJUNGAN"]] = "Kontrol tidak terjadwal"
                row[H["FRAKTUR_BARU"]] = "Ya"
                row[H["LEVEL_FRAKTUR_BARU"]] = lvtxt([flv])
                row[H["KETERANGAN"]] = "nyeri baru, MRI: fraktur baru, terapi konservatif"
            else:
                row[H["JENIS_KUNJUNGAN"]] = tpw[tp]
                row[H["VAS"]] = s["pain"][tp]
                row[H["ODI"]] = s["odi"][tp]
                row[H["MOBILISASI"]] = s["mob"][tp]
                if s["session"] == 2 and tp == "pre":
                    row[H["FRAKTUR_BARU"]] = "Ya"
                    row[H["LEVEL_FRAKTUR_BARU"]] = lvtxt(s["levels"])
                    row[H["KETERANGAN"]] = "tindakan ulang utk fraktur baru"
                else:
                    row[H["FRAKTUR_BARU"]] = "Tidak"
            row[H["STATUS_PASIEN"]] = "Meninggal" if p["died"] == "yes" else "Hidup"
            excel_row = len(rows) + 2
            if s["session"] == 1 and kind and kind not in done:
                if kind == "level" and tp == "pre":
                    bad = lvtxt(["L7"] + s["levels"][1:]) if s["levels"][0].startswith("L") else lvtxt(["T13"] + s["levels"][1:])
                    row[H["LEVEL"]] = bad
                    errors.append(["input", f"{get_column_letter(H['LEVEL'] + 1)}{excel_row}", excel_row, "LEVEL", bad, "impossible vertebral level", p["pid"]])
                    done.add(kind)
                elif kind == "vas" and tp in ("2w", "1m"):
                    row[H["VAS"]] = 12
                    errors.append(["input", f"{get_column_letter(H['VAS'] + 1)}{excel_row}", excel_row, "VAS", "12", "VAS 12 on a 0-10 scale", p["pid"]])
                    done.add(kind)
                elif kind == "fudate" and tp in ("1m", "3m"):
                    bad = idn(s["date"] - dt.timedelta(days=40))
                    row[H["TGL_KUNJUNGAN"]] = bad
                    errors.append(["input", f"{get_column_letter(H['TGL_KUNJUNGAN'] + 1)}{excel_row}", excel_row, "TGL_KUNJUNGAN", bad, "follow-up visit dated before the procedure", p["pid"]])
                    done.add(kind)
                elif kind == "vol" and tp == "pre":
                    row[H["VOLUME_SEMEN"]] = "55 cc"
                    errors.append(["input", f"{get_column_letter(H['VOLUME_SEMEN'] + 1)}{excel_row}", excel_row, "VOLUME_SEMEN", "55 cc", "implausible cement volume (55 mL)", p["pid"]])
                    done.add(kind)
                elif kind == "date" and tp in ("2w", "1m"):
                    bad = f"30-02-{d.year}"
                    row[H["TGL_KUNJUNGAN"]] = bad
                    errors.append(["input", f"{get_column_letter(H['TGL_KUNJUNGAN'] + 1)}{excel_row}", excel_row, "TGL_KUNJUNGAN", bad, "impossible date (30 February)", p["pid"]])
                    done.add(kind)
            rows.append(row)
    for k, row in enumerate(rows, 1):
        row[0] = k
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "input.csv"), "w", newline="", encoding="utf-8") as f:
        cw = csv.writer(f, delimiter=";")
        cw.writerow(hdr)
        for row in rows:
            cw.writerow(row)
    write_truth(outdir, pts, errors, idents, cement_mode="auto", cement_type="PMMA", measures=("pain_vas", "odi", "mobility"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
