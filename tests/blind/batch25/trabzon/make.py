"""Blind test site: trabzon (Turkey; Turkish).

Sheet 1 holds the first operation of each patient, sheet 2 the repeat operations with
the same columns (the repeat operation's own pre-op and follow-up pain).  Follow-up
values are typed by hand with a unit or a comment in the cell ("4 (ilaçla)", "VAS:3",
"%40").
Run:  /work/blindenv/bin/python make.py
"""
import csv
import datetime as dt
import os
import random

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

SEED = 25024
rng = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, "truth")
os.makedirs(TRUTH, exist_ok=True)
CUTOFF = dt.date(2024, 2, 20)
SH1 = "İlk ameliyat"
SH2 = "Tekrar ameliyatlar"

FIRST_F = ["Fatma", "Ayşe", "Hatice", "Zeynep", "Emine", "Hanife", "Nazmiye", "Şerife",
           "Havva", "Sevim", "Gülizar", "Nurten", "Meryem", "Saniye", "Cemile"]
FIRST_M = ["Hüseyin", "Mehmet", "Temel", "İsmail", "Hasan", "Osman", "Recep", "Yakup",
           "Dursun", "Kemal", "Ahmet", "Şaban", "Cemal"]
SURN = ["Karadeniz", "Çakır", "Kalyoncu", "Yılmaz", "Şahin", "Uzun", "Topal", "Kara",
        "Haliloğlu", "Sarıalioğlu", "Bayraktar", "Hacısalihoğlu", "Köse", "Ayvaz",
        "Kahveci", "Keskin", "Eyüboğlu", "Çelebi", "Tuncer", "Yazıcı", "Kurt", "Şen",
        "Akyüz", "Coşkun"]
ORDER = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]
LEVELS_W = [("T6", 1), ("T7", 1), ("T8", 2), ("T9", 2), ("T10", 3), ("T11", 5),
            ("T12", 8), ("L1", 8), ("L2", 6), ("L3", 4), ("L4", 3), ("L5", 1)]
DX = {"osteoporotic": ["Osteoporoz", "Osteoporotik kırık", "Osteoporoz (postmenopozal)"],
      "pathologic_f": ["Metastaz (meme ca)", "Multipl miyelom", "Metastaz (akciğer ca)"],
      "pathologic_m": ["Metastaz (prostat ca)", "Multipl miyelom", "Metastaz (akciğer ca)"],
      "traumatic": ["Travma (yüksekten düşme)", "Travma (trafik kazası)",
                    "Travma (fındık bahçesinde düşme)"],
      "other": ["Hemanjiyom"]}
LEAK_TR = {"disc": "Diske", "venous": "Venöz", "paravertebral": "Paravertebral",
           "epidural": "Epidural"}


def pick_level(exclude=()):
    while True:
        lv = rng.choices([l for l, _ in LEVELS_W], [w for _, w in LEVELS_W])[0]
        if lv not in exclude:
            return lv


def neighbour(lv, exclude=()):
    i = ORDER.index(lv)
    c = [ORDER[j] for j in (i - 1, i + 1) if 0 <= j < len(ORDER) and ORDER[j] not in exclude]
    if not c:
        c = [ORDER[j] for j in (i - 2, i + 2) if 0 <= j < len(ORDER) and ORDER[j] not in exclude]
    return rng.choice(c)


def rand_date(a, b):
    while True:
        d = a + dt.timedelta(days=rng.randrange((b - a).days))
        if d.weekday() < 5:
            return d


def tr_upper(s):
    return s.replace("i", "İ").replace("ı", "I").upper()


def tckn():
    while True:
        d = [rng.randint(1, 9)] + [rng.randrange(10) for _ in range(8)]
        d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
        d.append(d10)
        d.append(sum(d) % 10)
        return "".join(map(str, d))


def session(two):
    l1 = pick_level()
    levels = sorted([l1, neighbour(l1)], key=ORDER.index) if two else [l1]
    tech = "KP" if rng.random() < 0.35 else "VP"
    total = sum(round(rng.uniform(2.0, 6.0) * 2) / 2 for _ in levels)
    leaks = []
    for _ in levels:
        r = rng.random()
        leaks.append("none" if r < 0.72 else "disc" if r < 0.85 else "venous" if r < 0.93
                     else "paravertebral" if r < 0.97 else "epidural")
    pre = rng.randint(6, 10)
    h24 = max(0, pre - rng.randint(2, 6))
    m1 = max(0, h24 - rng.randint(-1, 2))
    m6 = max(0, min(10, m1 + rng.randint(-2, 1)))
    m12 = max(0, min(10, m6 + rng.randint(-1, 2)))
    odi_pre = rng.randrange(38, 88, 2)
    odi_6 = max(4, odi_pre - rng.randrange(10, 44, 2))
    return dict(levels=levels, tech=tech, total=total, leaks=leaks,
                vas={"pre": pre, "24h": h24, "1m": m1, "6m": m6, "12m": m12},
                odi={"pre": odi_pre, "6m": odi_6})


ETIO = ["osteoporotic"] * 12 + ["pathologic"] * 5 + ["traumatic"] * 3 + ["other"] * 1
rng.shuffle(ETIO)
TWO = {1, 5, 9, 14, 18}
patients = []
used = set()
for k, etio in enumerate(ETIO):
    if etio == "osteoporotic":
        sex = "female" if rng.random() < 0.8 else "male"
        age = rng.randint(61, 89)
    elif etio == "traumatic":
        sex = "male" if rng.random() < 0.7 else "female"
        age = rng.randint(33, 68)
    else:
        sex = rng.choice(["male", "female"])
        age = rng.randint(44, 79)
    while True:
        sn = rng.choice(SURN)
        if sn not in used:
            used.add(sn)
            break
    fn = rng.choice(FIRST_F if sex == "female" else FIRST_M)
    key = etio if etio != "pathologic" else ("pathologic_f" if sex == "female" else "pathologic_m")
    s1 = session(k in TWO)
    s1["date"] = rand_date(dt.date(2021, 3, 1), dt.date(2022, 12, 15))
    patients.append(dict(etio=etio, sex=sex, age=age, name=f"{fn} {tr_upper(sn)}",
                         dx=rng.choice(DX[key]), tc=tckn(),
                         prot=str(rng.randrange(10000000, 99999999)),
                         tel=f"05{rng.choice(['32', '33', '35', '42', '05', '53', '44'])} "
                             f"{rng.randrange(100, 999)} {rng.randrange(10, 99)} "
                             f"{rng.randrange(10, 99)}",
                         sessions=[s1], died=None, newfx=[]))
patients.sort(key=lambda p: p["sessions"][0]["date"])
for i, p in enumerate(patients):
    p["id"] = f"KTU-VP-{i + 1:02d}"

for p in (patients[2], patients[7], patients[11], patients[16]):
    s1 = p["sessions"][0]
    s2 = session(False)
    s2["levels"] = [neighbour(s1["levels"][-1], exclude=s1["levels"])]
    s2["leaks"] = s2["leaks"][:1]
    d2 = s1["date"] + dt.timedelta(days=rng.randint(90, 360))
    while d2.weekday() >= 5:
        d2 += dt.timedelta(days=1)
    s2["date"] = d2
    p["sessions"].append(s2)
    p["newfx"].append((d2 - dt.timedelta(days=rng.randint(3, 18)), s2["levels"][0]))
pc = patients[13]
if len(pc["sessions"]) == 1:
    pc["newfx"].append((pc["sessions"][0]["date"] + dt.timedelta(days=rng.randint(120, 300)),
                        neighbour(pc["sessions"][0]["levels"][0],
                                  exclude=pc["sessions"][0]["levels"])))
dead = [p for p in patients if p["etio"] == "pathologic"][:2] + \
       [p for p in patients if p["etio"] == "osteoporotic" and p["age"] > 80][:1]
for p, dd in zip(dead, (100, 230, 300)):
    last = p["sessions"][-1]["date"]
    p["died"] = last + dt.timedelta(days=dd + rng.randint(0, 25))

TPD = {"24h": 1, "1m": 30, "6m": 182, "12m": 365}
for p in patients:
    for s in p["sessions"]:
        s["miss"] = {}
        for tp in ("24h", "1m", "6m", "12m"):
            due = s["date"] + dt.timedelta(days=TPD[tp])
            if p["died"] and due > p["died"]:
                s["miss"][tp] = "ex"
            elif due > CUTOFF:
                s["miss"][tp] = "henüz"
            elif tp != "24h" and rng.random() < 0.13:
                s["miss"][tp] = rng.choice(["Gelmedi", "Ulaşılamadı", "-", "", "gelmedi"])
        s["odi_miss"] = "6m" in s["miss"] or rng.random() < 0.1

# planted errors
errs = []
p_lvl = [p for p in patients[3:] if len(p["sessions"][0]["levels"]) == 1][0]
p_lvl["sessions"][0]["levels"] = ["L5"]
p_cem = [p for p in patients[10:] if len(p["sessions"][0]["levels"]) == 1
         and p is not p_lvl][0]
p_cem["sessions"][0]["total"] = 4.5
p_noid = patients[14] if patients[14] not in (p_lvl, p_cem) else patients[15]
p_date = [p for p in patients if len(p["sessions"]) > 1][1]

# --------------------------------------------------------------- workbook
wb = xlsxwriter.Workbook(os.path.join(HERE, "input.xlsx"))
wb.set_properties({"title": "VP-KP takip", "author": "KTÜ Farabi BSC",
                   "created": dt.datetime(2024, 2, 26, 11, 40, 0)})
F = lambda **k: wb.add_format(k)
f_t = F(bold=True, font_size=12)
f_h = F(bold=True, text_wrap=True, valign="vcenter", align="center", border=1,
        bg_color="#FFF2CC")
f_d = F(num_format="dd.mm.yyyy", align="center")

H = ["Sıra No", "Hasta Kodu", "Adı Soyadı", "Protokol No", "TC Kimlik No", "Telefon",
     "Cinsiyet", "Yaş", "Tanı", "Ameliyat Tarihi", "Seviye", "Yöntem",
     "Toplam Çimento (cc)", "Çimento", "Çimento Kaçağı", "VAS Preop",
     "VAS Postop 1. gün", "VAS 1. ay", "VAS 6. ay", "VAS 12. ay", "ODI Preop",
     "ODI 6. ay", "Açıklama"]
C = {k: i for i, k in enumerate(["sn", "id", "name", "prot", "tc", "tel", "sex", "age",
                                  "dx", "date", "lev", "tech", "cem", "ctype", "leak",
                                  "vas_pre", "vas_24h", "vas_1m", "vas_6m", "vas_12m",
                                  "odi_pre", "odi_6m", "note"])}
W = [6, 11, 22, 11, 13, 15, 8, 5, 26, 12, 10, 7, 10, 8, 14, 8, 10, 12, 12, 12, 8, 8, 60]
truth_proc, truth_ass = [], []


def fmt_num(v):
    return int(v) if float(v).is_integer() else v


def tr_num(v):
    return str(fmt_num(v)).replace(".", ",")


def write_followup(ws, r, col, v, tp):
    """Hand-typed follow-up VAS with unit/comment."""
    x = rng.random()
    if x < 0.55:
        ws.write_number(r, C[col], v)
    elif x < 0.68:
        ws.write_string(r, C[col], f"VAS:{v}")
    elif x < 0.78:
        ws.write_string(r, C[col], f"{v} (ilaçla)")
    elif x < 0.85:
        ws.write_string(r, C[col], f"{v} (ağrı kesici alıyor)")
    elif x < 0.92:
        ws.write_string(r, C[col], f"{v}/10")
    else:
        ws.write_string(r, C[col], str(v))


def make_sheet(name, rows, title):
    ws = wb.add_worksheet(name)
    ws.write(0, 0, title, f_t)
    for c, h in enumerate(H):
        ws.write(2, c, h, f_h)
    ws.set_row(2, 36)
    for c, w in enumerate(W):
        ws.set_column(c, c, w)
    ws.freeze_panes(3, 3)
    r = 3
    for n, (p, si) in enumerate(rows, start=1):
        s = p["sessions"][si]
        base = p["sessions"][0]["date"]
        ws.write_number(r, C["sn"], n)
        if p is p_noid and si == 0:
            errs.append((name, xl_rowcol_to_cell(r, C["id"]), r + 1, "Hasta Kodu", "",
                         "patient code missing (Sıra No " + str(n) + " is " + p["id"] + ")",
                         p["id"]))
        else:
            ws.write(r, C["id"], p["id"])
        ws.write(r, C["name"], p["name"])
        ws.write(r, C["prot"], p["prot"])
        ws.write(r, C["tc"], p["tc"])
        ws.write(r, C["tel"], p["tel"])
        ws.write(r, C["sex"], "K" if p["sex"] == "female" else "E")
        age_then = p["age"] + (s["date"] - base).days // 365 if si else p["age"]
        ws.write_number(r, C["age"], age_then)
        ws.write(r, C["dx"], p["dx"])
        if p is p_date and si == 1:
            bad = s["date"].replace(year=s["date"].year - 1)
            ws.write_datetime(r, C["date"], dt.datetime.combine(bad, dt.time()), f_d)
            errs.append((name, xl_rowcol_to_cell(r, C["date"]), r + 1, "Ameliyat Tarihi",
                         bad.strftime("%d.%m.%Y"),
                         "repeat operation dated before the first operation ("
                         + base.strftime("%d.%m.%Y") + "); year typed wrong, should be "
                         + s["date"].strftime("%d.%m.%Y"), p["id"]))
        elif rng.random() < 0.1:
            ws.write_string(r, C["date"], s["date"].strftime("%d.%m.%Y"))
        else:
            ws.write_datetime(r, C["date"], dt.datetime.combine(s["date"], dt.time()), f_d)
        if p is p_lvl and si == 0:
            ws.write(r, C["lev"], "L7")
            errs.append((name, xl_rowcol_to_cell(r, C["lev"]), r + 1, "Seviye", "L7",
                         "impossible vertebral level (there is no L7); ameliyat notu: L5",
                         p["id"]))
        else:
            ws.write(r, C["lev"], ", ".join(s["levels"]))
        ws.write(r, C["tech"], s["tech"])
        if p is p_cem and si == 0:
            ws.write_number(r, C["cem"], 45)
            errs.append((name, xl_rowcol_to_cell(r, C["cem"]), r + 1, "Toplam Çimento (cc)",
                         "45", "implausible cement volume for one vertebra (> 20 mL); "
                         "comma lost, ameliyat notu: 4,5 cc", p["id"]))
        else:
            x = rng.random()
            if float(s["total"]).is_integer() and x < 0.8:
                ws.write_number(r, C["cem"], fmt_num(s["total"]))
            elif x < 0.85:
                ws.write_string(r, C["cem"], tr_num(s["total"]) + " cc")
            elif not float(s["total"]).is_integer():
                ws.write_string(r, C["cem"], tr_num(s["total"]))
            else:
                ws.write_number(r, C["cem"], fmt_num(s["total"]))
        ws.write(r, C["ctype"], "PMMA")
        lk = s["leaks"]
        if all(x == "none" for x in lk):
            ws.write(r, C["leak"], rng.choice(["Yok", "Yok", "yok", "-"]))
        elif len(lk) == 1:
            ws.write(r, C["leak"], LEAK_TR[lk[0]])
        else:
            ws.write(r, C["leak"], ", ".join(f"{lv} {LEAK_TR[x].lower()}"
                                             for lv, x in zip(s["levels"], lk) if x != "none"))
        ws.write_number(r, C["vas_pre"], s["vas"]["pre"])
        truth_ass.append((p["id"], si + 1, "pain_vas", "pre", s["vas"]["pre"]))
        for tp in ("24h", "1m", "6m", "12m"):
            col = "vas_" + tp
            if tp in s["miss"]:
                m = s["miss"][tp]
                ws.write(r, C[col], {"ex": "Ex", "henüz": "henüz gelmedi"}.get(m, m))
                continue
            write_followup(ws, r, col, s["vas"][tp], tp)
            truth_ass.append((p["id"], si + 1, "pain_vas", tp, s["vas"][tp]))
        ws.write_number(r, C["odi_pre"], s["odi"]["pre"])
        truth_ass.append((p["id"], si + 1, "odi", "pre", s["odi"]["pre"]))
        if not s["odi_miss"]:
            v = s["odi"]["6m"]
            x = rng.random()
            if x < 0.35:
                ws.write_string(r, C["odi_6m"], f"%{v}")
            elif x < 0.45:
                ws.write_string(r, C["odi_6m"], f"{v} (anket telefonla)")
            else:
                ws.write_number(r, C["odi_6m"], v)
            truth_ass.append((p["id"], si + 1, "odi", "6m", v))
        elif "6m" not in s["miss"]:
            ws.write(r, C["odi_6m"], "anket doldurulmadı")
        notes = []
        if si == 0 and len(p["sessions"]) > 1:
            fd, flv = p["newfx"][0]
            notes.append(f"Yeni kırık {flv} (MR {fd.strftime('%d.%m.%Y')}) → tekrar ameliyat, "
                         f"bkz. '{SH2}' sayfası")
        if si == 1:
            fd, flv = p["newfx"][0]
            notes.append(f"Komşu seviyede yeni kırık {flv}, MR {fd.strftime('%d.%m.%Y')}")
        if si == 0 and len(p["sessions"]) == 1 and p["newfx"]:
            fd, flv = p["newfx"][0]
            notes.append(f"Yeni kırık {flv} (MR {fd.strftime('%d.%m.%Y')}), konservatif "
                         "takip, korse")
        if p["died"] and si == len(p["sessions"]) - 1:
            notes.append(f"{p['died'].strftime('%d.%m.%Y')} tarihinde ex oldu (vefat)")
        if any(m == "henüz" for m in s["miss"].values()):
            notes.append("12. ay kontrolü henüz gelmedi")
        if notes:
            ws.write(r, C["note"], "; ".join(notes))
        n_l = len(s["levels"])
        for lv, lkk in zip(s["levels"], s["leaks"]):
            truth_proc.append((p["id"], si + 1, (s["date"] - base).days, lv,
                               "kyphoplasty" if s["tech"] == "KP" else "vertebroplasty",
                               s["total"] if n_l == 1 else "", s["total"] if n_l > 1 else "",
                               "PMMA", lkk))
        r += 1
    r += 1
    ws.write(r, 0, "E: erkek, K: kadın. VP: vertebroplasti, KP: kifoplasti. VAS 0-10. "
                   "ODI: Oswestry (%). Ex: vefat. Çimento: tüm seviyelerin toplamı (cc).")
    return ws


make_sheet(SH1, [(p, 0) for p in patients],
           "KTÜ Farabi Hastanesi Beyin ve Sinir Cerrahisi – Vertebroplasti / Kifoplasti "
           "takip listesi (ilk ameliyat)")
rep = sorted([(p, 1) for p in patients if len(p["sessions"]) > 1],
             key=lambda t: t[0]["sessions"][1]["date"])
make_sheet(SH2, rep, "Tekrar ameliyatlar (yeni kırık nedeniyle ikinci işlem) – VAS/ODI "
                     "bu ameliyata göre")
wb.close()


# ------------------------------------------------------------------ truth
def wcsv(name, header, rows):
    with open(os.path.join(TRUTH, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([(int(x) if isinstance(x, float) and x.is_integer() else x)
                        for x in row])


wcsv("patients.csv", ["patient_id", "sex", "age_years", "etiology", "died"],
     [(p["id"], p["sex"], p["age"], p["etio"], "yes" if p["died"] else "no") for p in patients])
wcsv("procedures.csv", ["patient_id", "session", "day", "level", "technique",
                        "cement_volume_ml", "session_cement_volume_ml", "cement_type",
                        "leakage"], sorted(truth_proc, key=lambda t: (t[0], t[1])))
TPO = ["pre", "24h", "1w", "2w", "6w", "1m", "3m", "6m", "12m"]
wcsv("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"],
     sorted(truth_ass, key=lambda t: (t[0], t[1], t[2] != "pain_vas", TPO.index(t[3]))))
wcsv("fractures.csv", ["patient_id", "day", "level"],
     [(p["id"], (d - p["sessions"][0]["date"]).days, lv) for p in patients for d, lv in p["newfx"]])
wcsv("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong",
                    "patient_id"], errs)
idr = []
for p in patients:
    idr += [("name", p["name"]), ("hospital_number", p["prot"]), ("national_id", p["tc"]),
            ("phone", p["tel"])]
wcsv("identifiers.csv", ["kind", "value"], idr)
print(len(patients), "patients")
