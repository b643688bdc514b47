"""Blind test site: iquitos (Peru; Spanish with Quechua words in notes).

Transposed layout: one column per patient, one row per field (field names in column A);
several vertebrae of one patient in one cell separated by "/"; dates typed as text
d-mmm-yy in Spanish ("3-ene-22").
Run:  /work/blindenv/bin/python make.py
"""
import csv
import datetime as dt
import os
import random

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

SEED = 25025
rng = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, "truth")
os.makedirs(TRUTH, exist_ok=True)
CUTOFF = dt.date(2024, 3, 10)
SHEET = "Registro VP-CP"
MES = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "set", "oct", "nov", "dic"]

NOMBRES_F = ["Rosa", "María Luz", "Juana", "Elvira", "Teresa", "Gladys", "Zoila",
             "Nelly", "Carmen Rosa", "Delia", "Lucila", "Irma", "Olinda", "Marleni"]
NOMBRES_M = ["Juan Carlos", "Teodoro", "Julio", "Segundo", "Wilder", "Luis Alberto",
             "Hernán", "Manuel", "Jorge Luis", "Eleazar", "Pedro"]
APELLIDOS = ["Panduro", "Tapullima", "Ríos", "Shapiama", "Huayta", "Mozombite", "Tuesta",
             "Sangama", "Pinedo", "Arévalo", "Vásquez", "Del Águila", "Ramírez", "Tuanama",
             "Cachique", "Amasifuen", "Ushiñahua", "Lomas", "Flores", "Curitima", "Macedo",
             "Chávez", "Satalaya", "Pacaya", "Inuma", "Yumbato"]
PROCED = ["Iquitos", "Punchana", "Belén", "San Juan Bautista", "Nauta", "Requena",
          "Indiana", "Caballococha", "Iquitos", "Iquitos", "Tamshiyacu"]
ORDER = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]
LEVELS_W = [("T7", 1), ("T8", 2), ("T9", 2), ("T10", 3), ("T11", 5), ("T12", 8),
            ("L1", 8), ("L2", 6), ("L3", 4), ("L4", 3), ("L5", 1)]
DX = {"osteoporotic": ["Osteoporosis", "Fx osteoporótica", "Osteoporosis postmenopáusica"],
      "path_f": ["Metástasis (ca. mama)", "Mieloma múltiple", "Metástasis (ca. cuello uterino)"],
      "path_m": ["Metástasis (ca. próstata)", "Mieloma múltiple", "Metástasis (ca. pulmón)"],
      "traumatic": ["Traumatismo (caída de altura)", "Accidente de mototaxi",
                    "TEC + trauma vertebral (caída de árbol)"]}
LEAK_ES = {"disc": "Discal", "venous": "Venosa", "paravertebral": "Paravertebral",
           "foraminal": "Foraminal"}


def fecha(d):
    return f"{d.day}-{MES[d.month - 1]}-{d.strftime('%y')}"


def nivel(lv, dorsal=True):
    return lv.replace("T", "D") if dorsal else lv


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


def session(two):
    l1 = pick_level()
    levels = sorted([l1, neighbour(l1)], key=ORDER.index) if two else [l1]
    tech = "Cifoplastía" if rng.random() < 0.2 else "Vertebroplastía"
    vols = [round(rng.uniform(2.0, 5.5) * 2) / 2 for _ in levels]
    leaks = []
    for _ in levels:
        r = rng.random()
        leaks.append("none" if r < 0.72 else "disc" if r < 0.84 else "venous" if r < 0.92
                     else "paravertebral" if r < 0.97 else "foraminal")
    pre = rng.randint(6, 10)
    h24 = max(0, pre - rng.randint(2, 5))
    m1 = max(0, h24 - rng.randint(-1, 2))
    m3 = max(0, m1 - rng.randint(-1, 2))
    m6 = max(0, min(10, m3 + rng.randint(-1, 2)))
    return dict(levels=levels, tech=tech, vols=vols, leaks=leaks,
                eva={"pre": pre, "24h": h24, "1m": m1, "3m": m3, "6m": m6},
                odi={"pre": rng.randrange(40, 90, 2)})


ETIO = ["osteoporotic"] * 12 + ["pathologic"] * 5 + ["traumatic"] * 3
rng.shuffle(ETIO)
TWO = {0, 4, 9, 13}
patients = []
used = set()
for k, etio in enumerate(ETIO):
    if etio == "osteoporotic":
        sex = "female" if rng.random() < 0.8 else "male"
        age = rng.randint(60, 88)
    elif etio == "traumatic":
        sex = "male" if rng.random() < 0.7 else "female"
        age = rng.randint(28, 66)
    else:
        sex = rng.choice(["male", "female"])
        age = rng.randint(42, 78)
    while True:
        a1, a2 = rng.sample(APELLIDOS, 2)
        if a1 not in used:
            used.add(a1)
            break
    nom = rng.choice(NOMBRES_F if sex == "female" else NOMBRES_M)
    key = etio if etio != "pathologic" else ("path_f" if sex == "female" else "path_m")
    s1 = session(k in TWO)
    s1["date"] = rand_date(dt.date(2021, 6, 1), dt.date(2023, 2, 28))
    odi6 = max(4, s1["odi"]["pre"] - rng.randrange(12, 46, 2))
    s1["odi"]["6m"] = odi6
    patients.append(dict(etio=etio, sex=sex, age=age,
                         name=f"{a1.upper()} {a2.upper()}, {nom}",
                         hc=f"{rng.randrange(100000, 699999)}", dni=f"{rng.randrange(5000000, 48999999):08d}",
                         tel=f"9{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}",
                         proc=rng.choice(PROCED), dx=rng.choice(DX[key]), sessions=[s1],
                         died=None, newfx=[], dorsal=rng.random() < 0.75))
patients.sort(key=lambda p: p["sessions"][0]["date"])
for i, p in enumerate(patients):
    p["id"] = f"HRL-VP-{i + 1:02d}"

for p in (patients[1], patients[6], patients[12]):
    s1 = p["sessions"][0]
    s2 = session(False)
    s2["levels"] = [neighbour(s1["levels"][-1], exclude=s1["levels"])]
    s2["vols"] = s2["vols"][:1]
    s2["leaks"] = s2["leaks"][:1]
    s2["odi"]["6m"] = max(4, s2["odi"]["pre"] - rng.randrange(12, 40, 2))
    d2 = s1["date"] + dt.timedelta(days=rng.randint(100, 320))
    while d2.weekday() >= 5:
        d2 += dt.timedelta(days=1)
    s2["date"] = d2
    p["sessions"].append(s2)
    p["newfx"].append((d2 - dt.timedelta(days=rng.randint(5, 25)), s2["levels"][0]))
pc = [p for p in patients if len(p["sessions"]) == 1][9]
pc["newfx"].append((pc["sessions"][0]["date"] + dt.timedelta(days=rng.randint(100, 200)),
                    neighbour(pc["sessions"][0]["levels"][0], exclude=pc["sessions"][0]["levels"])))
dead = [p for p in patients if p["etio"] == "pathologic" and p is not pc][:3]
for p, dd in zip(dead, (50, 120, 210)):
    p["died"] = p["sessions"][-1]["date"] + dt.timedelta(days=dd + rng.randint(0, 20))

TPD = {"24h": 1, "1m": 30, "3m": 91, "6m": 182}
for p in patients:
    for s in p["sessions"]:
        s["miss"] = {}
        for tp in ("24h", "1m", "3m", "6m"):
            due = s["date"] + dt.timedelta(days=TPD[tp])
            if p["died"] and due > p["died"]:
                s["miss"][tp] = "died"
            elif due > CUTOFF:
                s["miss"][tp] = "pend"
            elif tp != "24h" and rng.random() < 0.14:
                s["miss"][tp] = rng.choice(["no acudió", "no vino", "-", "", "sin control",
                                            "mana hamurqachu"])
        s["odi_miss"] = "6m" in s["miss"] or rng.random() < 0.1

# planted errors
errs = []
p_noid = patients[4]
p_eva = patients[9]
p_eva["sessions"][0]["miss"].pop("1m", None)
p_eva["sessions"][0]["eva"]["1m"] = 2
p_cem = [p for p in patients[11:] if len(p["sessions"][0]["levels"]) == 1][0]
p_cem["sessions"][0]["vols"] = [2.5]
p_lvl = [p for p in patients if len(p["sessions"][0]["levels"]) == 1
         and p not in (p_noid, p_eva, p_cem) and p["dorsal"]][2]
p_lvl["sessions"][0]["levels"] = ["T12"]

# --------------------------------------------------------------- workbook
wb = xlsxwriter.Workbook(os.path.join(HERE, "input.xlsx"))
wb.set_properties({"title": "Registro vertebroplastía HRL", "author": "Neurocirugía HRL",
                   "created": dt.datetime(2024, 3, 12, 16, 20, 0)})
ws = wb.add_worksheet(SHEET)
F = lambda **k: wb.add_format(k)
f_t = F(bold=True, font_size=12)
f_lab = F(bold=True, bg_color="#E2EFDA", border=1)
f_sec = F(bold=True, bg_color="#F8CBAD", border=1)
f_cell = F(border=1, align="center", text_wrap=True, valign="top")
f_id = F(border=1, align="center", bold=True)

ws.write(0, 0, "HOSPITAL REGIONAL DE LORETO – Servicio de Neurocirugía – Registro de "
               "vertebroplastía / cifoplastía percutánea (2021-2023)", f_t)
ws.write(1, 0, "Una columna por paciente. EVA 0-10. Fechas d-mmm-aa. D = dorsal (torácica). "
               "Actualizado 12-mar-24")

FIELDS = [
    ("id", "Código"), ("name", "Apellidos y nombres"), ("hc", "N° H.C."), ("dni", "DNI"),
    ("tel", "Celular"), ("procd", "Procedencia"), ("sex", "Sexo (M/F)"), ("age", "Edad"),
    ("dx", "Diagnóstico"), ("date", "Fecha de procedimiento"), ("lev", "Nivel(es)"),
    ("tech", "Técnica"), ("cem", "Cemento (ml) por nivel"), ("ctype", "Tipo de cemento"),
    ("leak", "Fuga de cemento"), ("eva_pre", "EVA pre"), ("eva_24h", "EVA 24 h"),
    ("eva_1m", "EVA 1 mes"), ("eva_3m", "EVA 3 meses"), ("eva_6m", "EVA 6 meses"),
    ("odi_pre", "Oswestry pre (%)"), ("odi_6m", "Oswestry 6 meses (%)"),
    ("newfx", "Nueva fractura"),
    ("sec2", "SEGUNDO PROCEDIMIENTO (nueva fractura)"),
    ("2date", "Fecha 2do proc."), ("2lev", "Nivel 2do"), ("2tech", "Técnica 2do"),
    ("2cem", "Cemento 2do (ml)"), ("2leak", "Fuga 2do"), ("2eva_pre", "EVA pre (2do)"),
    ("2eva_24h", "EVA 24 h (2do)"), ("2eva_1m", "EVA 1 mes (2do)"),
    ("2eva_3m", "EVA 3 meses (2do)"), ("2eva_6m", "EVA 6 meses (2do)"),
    ("2odi_pre", "Oswestry pre (2do)"), ("2odi_6m", "Oswestry 6 meses (2do)"),
    ("state", "Estado"), ("obs", "Observaciones"),
]
R0 = 3
ROW = {k: R0 + i for i, (k, _) in enumerate(FIELDS)}
LAB = dict(FIELDS)
for k, lab in FIELDS:
    ws.write(ROW[k], 0, lab, f_sec if k == "sec2" else f_lab)
ws.set_column(0, 0, 34)
ws.set_column(1, len(patients), 21)
ws.set_row(ROW["name"], 30)
ws.set_row(ROW["obs"], 75)
ws.freeze_panes(0, 1)

truth_proc, truth_ass = [], []
for ci, p in enumerate(patients, start=1):
    def put(k, v, fmt=f_cell):
        if v is None:
            ws.write_blank(ROW[k], ci, None, fmt)
        elif isinstance(v, (int, float)):
            ws.write_number(ROW[k], ci, v, fmt)
        else:
            ws.write_string(ROW[k], ci, v, fmt)

    def cell(k):
        return xl_rowcol_to_cell(ROW[k], ci)

    if p is p_noid:
        put("id", None, f_id)
        errs.append((SHEET, cell("id"), ROW["id"] + 1, "Código", "",
                     "study code missing at the top of the patient's column (codes run in "
                     "order; this column is " + p["id"] + ")", p["id"]))
    else:
        put("id", p["id"], f_id)
    put("name", p["name"])
    put("hc", p["hc"])
    put("dni", p["dni"])
    put("tel", p["tel"])
    put("procd", p["proc"])
    put("sex", "F" if p["sex"] == "female" else "M")
    put("age", p["age"] if rng.random() < 0.75 else f"{p['age']} años")
    put("dx", p["dx"])
    base = p["sessions"][0]["date"]
    obs = []
    for si, s in enumerate(p["sessions"]):
        pre = "" if si == 0 else "2"
        put(pre + "date", fecha(s["date"]))
        if p is p_lvl and si == 0:
            put(pre + "lev", "D13")
            errs.append((SHEET, cell("lev"), ROW["lev"] + 1, "Nivel(es)", "D13",
                         "impossible vertebral level (there is no D13 / T13); informe "
                         "operatorio: D12", p["id"]))
        else:
            put(pre + "lev", "/".join(nivel(lv, p["dorsal"]) for lv in s["levels"]))
        put(pre + "tech", s["tech"])
        vtxt = "/".join(str(int(v) if float(v).is_integer() else v) for v in s["vols"])
        if p is p_cem and si == 0:
            put(pre + "cem", 25)
            errs.append((SHEET, cell("cem"), ROW["cem"] + 1, "Cemento (ml) por nivel", "25",
                         "implausible cement volume for one vertebra (> 20 mL); decimal point "
                         "lost, informe operatorio: 2.5 ml", p["id"]))
        elif len(s["vols"]) == 1 and rng.random() < 0.6:
            put(pre + "cem", s["vols"][0])
        else:
            put(pre + "cem", vtxt)
        if si == 0:
            put("ctype", "PMMA")
        lk = s["leaks"]
        if all(x == "none" for x in lk):
            put(pre + "leak", rng.choice(["No", "No", "Ninguna", "no"]))
        elif len(lk) == 1:
            put(pre + "leak", LEAK_ES[lk[0]])
        else:
            put(pre + "leak", "; ".join(f"{LEAK_ES[x]} ({nivel(lv, p['dorsal'])})"
                                        for lv, x in zip(s["levels"], lk) if x != "none"))
        put(pre + "eva_pre", s["eva"]["pre"])
        truth_ass.append((p["id"], si + 1, "pain_vas", "pre", s["eva"]["pre"]))
        for tp in ("24h", "1m", "3m", "6m"):
            k = pre + "eva_" + tp
            if tp in s["miss"]:
                m = s["miss"][tp]
                put(k, {"died": "†", "pend": "pendiente"}.get(m, m or None))
                continue
            v = s["eva"][tp]
            if p is p_eva and si == 0 and tp == "1m":
                put(k, 12)
                errs.append((SHEET, cell(k), ROW[k] + 1, LAB[k], "12",
                             "pain score outside the 0-10 EVA scale; ficha de control: 2",
                             p["id"]))
            else:
                x = rng.random()
                put(k, v if x < 0.8 else (f"{v}/10" if x < 0.9 else str(v)))
            truth_ass.append((p["id"], si + 1, "pain_vas", tp, v))
        put(pre + "odi_pre", s["odi"]["pre"])
        truth_ass.append((p["id"], si + 1, "odi", "pre", s["odi"]["pre"]))
        if not s["odi_miss"]:
            v = s["odi"]["6m"]
            put(pre + "odi_6m", v if rng.random() < 0.8 else f"{v}%")
            truth_ass.append((p["id"], si + 1, "odi", "6m", v))
        n_l = len(s["levels"])
        for lv, vol, lkk in zip(s["levels"], s["vols"], s["leaks"]):
            truth_proc.append((p["id"], si + 1, (s["date"] - base).days, lv,
                               "kyphoplasty" if s["tech"] == "Cifoplastía" else "vertebroplasty",
                               vol, "", "PMMA", lkk))
        if any(m == "mana hamurqachu" for m in s["miss"].values()):
            obs.append("familiar dice 'mana hamurqachu' (no vino)")
        if any(m == "pend" for m in s["miss"].values()):
            obs.append("controles pendientes")
    if p["newfx"]:
        fd, flv = p["newfx"][0]
        if len(p["sessions"]) > 1:
            put("newfx", f"{nivel(flv, p['dorsal'])} (RM {fecha(fd)}) → 2do procedimiento")
        else:
            put("newfx", f"{nivel(flv, p['dorsal'])} (RM {fecha(fd)}), manejo conservador")
    else:
        put("newfx", "No")
    if len(p["sessions"]) == 1:
        for k, _ in FIELDS[FIELDS.index(("2date", "Fecha 2do proc.")):
                           FIELDS.index(("state", "Estado"))]:
            put(k, None)
    if p["died"]:
        put("state", f"Falleció {fecha(p['died'])}")
        obs.append("wañusqa (falleció) – aviso de la familia por celular")
    else:
        put("state", rng.choice(["Vivo", "Vivo", "vivo", "Vive"]))
    if p["etio"] == "osteoporotic" and rng.random() < 0.3:
        obs.append("pre: 'nanay' fuerte en la espalda, no podía caminar")
    if p["proc"] in ("Nauta", "Requena", "Caballococha", "Indiana", "Tamshiyacu") \
            and rng.random() < 0.7:
        obs.append(f"vive en {p['proc']}, viene en bote / deslizador; a veces no puede viajar")
    if p["etio"] == "traumatic" and rng.random() < 0.5:
        obs.append("joven, allinmi (está bien), retornó a trabajar")
    put("obs", "; ".join(obs) if obs else None)

r = ROW["obs"] + 2
LEG = ["Leyenda:",
       "EVA = escala visual análoga del dolor 0-10.  Oswestry = índice de discapacidad (%).",
       "Nivel: D = dorsal (torácica), L = lumbar. Varios niveles separados por '/', el "
       "cemento en el mismo orden (ml por nivel).",
       "Fechas: día-mes-año (ene feb mar abr may jun jul ago set oct nov dic).",
       "'no acudió' / 'no vino' / 'mana hamurqachu' = no vino al control; 'pendiente' = "
       "control aún no toca; † = fallecido.",
       "Controles del 2do procedimiento cuentan desde la fecha del 2do procedimiento."]
for i, t in enumerate(LEG):
    ws.write(r + i, 0, t, F(bold=True) if i == 0 else None)
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
                        "leakage"], truth_proc)
TPO = ["pre", "24h", "1w", "2w", "6w", "1m", "3m", "6m", "12m"]
wcsv("assessments.csv", ["patient_id", "session", "measure", "timepoint", "value"],
     sorted(truth_ass, key=lambda t: (t[0], t[1], t[2] != "pain_vas", TPO.index(t[3]))))
wcsv("fractures.csv", ["patient_id", "day", "level"],
     [(p["id"], (d - p["sessions"][0]["date"]).days, lv) for p in patients for d, lv in p["newfx"]])
wcsv("errors.csv", ["sheet", "cell", "row", "column_header", "value", "what_is_wrong",
                    "patient_id"], sorted(errs, key=lambda e: (e[2], e[1])))
idr = []
for p in patients:
    idr += [("name", p["name"]), ("hospital_number", p["hc"]), ("national_id", p["dni"]),
            ("phone", p["tel"])]
wcsv("identifiers.csv", ["kind", "value"], idr)
print(len(patients), "patients")
