"""Write a cohort as the tidy CSVs, as a clinician's messy workbook, or as a REDCap export.

The messy workbook is how registries arrive in practice: title lines, a two-row header
with merged group cells, direct identifiers (synthetic names, record numbers, birth
dates), mixed spellings of levels, volumes, yes/no codes and missing markers, dates as
Excel dates and text, and a hidden sheet. With ``inject_errors`` it also carries a
handful of bad cells so the problems report has something to show.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.safety import neutralize_frame
from analysis.schema import Cohort

_FIRST = ["Maria", "John", "Ana", "Robert", "Linda", "James", "Chen", "Fatima", "Olga", "Peter"]
_LAST = [
    "Garcia",
    "Smith",
    "Kowalski",
    "Nguyen",
    "Okafor",
    "Rossi",
    "Muller",
    "Silva",
    "Cohen",
    "Berg",
]

_HEADER = [
    # (group, sub) -- a group spans consecutive columns and is merged
    ("Study ID", None),
    ("Patient name", None),
    ("MRN", None),
    ("DOB", None),
    ("Sex", None),
    ("Age", None),
    ("Etiology", None),
    ("T-score", None),
    ("Steroids", None),
    ("Date of procedure", None),
    ("Level(s)", None),
    ("Technique", None),
    ("Cement", "Type"),
    ("Cement", "Volume (mL)"),
    ("Leakage", None),
    ("Cleft", None),
    ("Repeat", None),
    ("Indication", None),
    ("VAS pain", "Pre"),
    ("VAS pain", "24h"),
    ("VAS pain", "1 month"),
    ("VAS pain", "3 months"),
    ("VAS pain", "12 months"),
    ("Mobility", "Pre"),
    ("Mobility", "1 month"),
    ("New fracture", "Date"),
    ("New fracture", "Level"),
    ("Last follow-up", None),
    ("Date of death", None),
    ("Persistent pain", None),
    ("Pain source", None),
    ("Notes", None),
]


def write_tidy(cohort: Cohort, out: Path) -> list[Path]:
    """Write the four tidy tables as CSV files in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in (
        ("patients", cohort.patients),
        ("procedures", cohort.procedures),
        ("assessments", cohort.assessments),
        ("fractures", cohort.fractures),
    ):
        path = out / f"{name}.csv"
        neutralize_frame(frame).to_csv(path, index=False)
        paths.append(path)
    return paths


def _messy_level(level: str, rng: np.random.Generator) -> str:
    style = rng.integers(0, 6)
    if level.startswith("T") and style == 1:
        return "Th" + level[1:]
    if level.startswith("T") and style == 2:
        return "D" + level[1:]
    if style == 3:
        return level.lower()
    if style == 4:
        return f"{level[0]} {level[1:]}"
    return level


def _messy_bool(v: object, rng: np.random.Generator) -> object:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return str(rng.choice(["", "n/a", "-", "?"]))
    return str(rng.choice(["Y", "yes", "1"] if v else ["N", "no", "0"]))


def _messy_volume(v: float, rng: np.random.Generator) -> object:
    style = rng.integers(0, 5)
    if style == 1:
        return f"{v:g} cc"
    if style == 2:
        return f"{v:g} ml"
    if style == 3:
        return f"{v:g}".replace(".", ",")
    return float(v)


def _sessions(cohort: Cohort) -> dict[str, list[tuple[str, int, list[dict[str, Any]]]]]:
    out: dict[str, list[tuple[str, int, list[dict[str, Any]]]]] = {}
    for (pid, proc_id), g in cohort.procedures.groupby(
        ["patient_id", "procedure_id"], sort=False, observed=True
    ):
        out.setdefault(str(pid), []).append(
            (
                str(proc_id),
                int(g["day"].iloc[0]),
                [{str(k): v for k, v in r.items()} for r in g.to_dict("records")],
            )
        )
    for v in out.values():
        v.sort(key=lambda s: s[1])
    return out


def _wide_rows(cohort: Cohort, rng: np.random.Generator) -> list[list[object]]:
    sessions = _sessions(cohort)
    outcomes = cohort.assessments.set_index(["procedure_id", "timepoint", "measure"])[
        "value"
    ].to_dict()
    fractures = {
        pid: g.to_dict("records")
        for pid, g in cohort.fractures.groupby("patient_id", observed=True)
    }
    rows = []
    for k, pt in enumerate(cohort.patients.to_dict("records")):
        pid = str(pt["patient_id"])
        start = date(2015, 1, 1) + timedelta(days=int(rng.integers(0, 2500)))
        name = f"{_FIRST[k % 10]} {_LAST[(k * 7) % 10]}"
        mrn = f"{int(rng.integers(10**6, 10**7))}"
        dob = start - timedelta(
            days=int(float(pt["age_years"]) * 365.25) + int(rng.integers(0, 300))
        )
        sex = {"female": ["F", "female", "W"], "male": ["M", "male", "m"]}[str(pt["sex"])][
            int(rng.integers(0, 3))
        ]
        base = [
            f" {pid} " if rng.random() < 0.05 else pid,
            name,
            mrn,
            dob,
            sex,
            pt["age_years"],
            str(pt["etiology"]).capitalize(),
            pt["bmd_t_score"],
            _messy_bool(pt["steroid_use"], rng),
        ]
        tail = [
            start + timedelta(days=int(pt["followup_days"])),
            start + timedelta(days=int(pt["death_day"])) if pt["died"] else None,
            _messy_bool(pt["persistent_pain"], rng),
            "" if pd.isna(pt["pain_source"]) else str(pt["pain_source"]).replace("_", " "),
            None,
        ]
        frac = list(fractures.get(pid, []))
        for proc_id, day, vertebrae in sessions.get(pid, []):
            vas = [
                outcomes.get((proc_id, tp, "pain_vas")) for tp in ("pre", "24h", "1m", "3m", "12m")
            ]
            mob = [outcomes.get((proc_id, tp, "mobility")) for tp in ("pre", "1m")]
            combine = len(vertebrae) > 1 and rng.random() < 0.3
            groups = [vertebrae] if combine else [[v] for v in vertebrae]
            for grp in groups:
                v = grp[0]
                level = "/".join(_messy_level(str(x["level"]), rng) for x in grp)
                # a row naming several levels carries the session's total, as clinicians
                # write it (the loader stores it as session_cement_volume_ml)
                volume = round(sum(float(x["cement_volume_ml"]) for x in grp), 1)
                f = frac.pop(0) if frac else None
                fcells = (
                    [start + timedelta(days=int(f["day"])), _messy_level(str(f["level"]), rng)]
                    if f
                    else [None, None]
                )
                rows.append(
                    [
                        *base,
                        start + timedelta(days=day),
                        level,
                        str(v["technique"]),
                        str(v["cement_type"]),
                        _messy_volume(volume, rng),
                        str(v["leakage"]),
                        _messy_bool(v["cleft"], rng),
                        _messy_bool(v["is_repeat"], rng),
                        str(v["indication"]).replace("_", " "),
                        *[("n/a" if rng.random() < 0.1 else "") if x is None else x for x in vas],
                        *["" if x is None else x for x in mob],
                        *fcells,
                        *tail,
                    ]
                )
        for f in frac:  # more new fractures than procedure rows: fracture-only rows
            rows.append(
                [pid]
                + [None] * 24
                + [start + timedelta(days=int(f["day"])), str(f["level"])]
                + [None] * 5
            )
    return rows


def _inject_errors(rows: list[list[object]]) -> None:
    """A few realistic mistakes, at fixed positions so the demo report is stable."""
    if len(rows) < 40:
        return
    rows[5][10] = "L7"  # not a vertebral level
    rows[12][13] = "lots"  # not a volume
    rows[20][18] = 12  # VAS above 10 on a 0-10 column
    rows.insert(31, list(rows[30]))  # exact duplicate row
    rows[38][4] = "X"  # not a sex


def write_wide_workbook(
    cohort: Cohort, path: Path, seed: int = 20261121, inject_errors: bool = True
) -> Path:
    """Write the cohort as a clinician's messy registry workbook (``.xlsx``)."""
    import openpyxl
    from openpyxl.styles import Font

    rng = np.random.default_rng(seed)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws["A1"] = "Vertebral augmentation registry"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Export of the department database; do not circulate"
    group_row, sub_row = 4, 5
    col = 1
    while col <= len(_HEADER):
        group, sub = _HEADER[col - 1]
        if sub is None:
            ws.cell(group_row, col, group)
            ws.merge_cells(start_row=group_row, start_column=col, end_row=sub_row, end_column=col)
            col += 1
            continue
        span = [i for i, (g, s) in enumerate(_HEADER, start=1) if g == group and s is not None]
        ws.cell(group_row, span[0], group)
        if len(span) > 1:
            ws.merge_cells(
                start_row=group_row, start_column=span[0], end_row=group_row, end_column=span[-1]
            )
        for i in span:
            ws.cell(sub_row, i, _HEADER[i - 1][1])
        col = span[-1] + 1
    rows = _wide_rows(cohort, rng)
    if inject_errors:
        _inject_errors(rows)
    for r, values in enumerate(rows, start=sub_row + 1):
        for c, v in enumerate(values, start=1):
            if v is not None and not (isinstance(v, float) and np.isnan(v)):
                ws.cell(r, c, v)
    hidden = wb.create_sheet("Lookup")
    hidden.append(["Study ID", "Patient name", "MRN"])
    hidden.sheet_state = "hidden"
    notes = wb.create_sheet("Notes")
    notes.append(["Levels are written as the operator dictated them."])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


_DICTIONARY = [
    # name, form, type, label, choices, identifier
    ("record_id", "patient", "text", "Study ID", "", ""),
    ("patient_name", "patient", "text", "Patient name", "", "y"),
    ("sex", "patient", "radio", "Sex", "1, Female | 2, Male", ""),
    ("age", "patient", "text", "Age (years)", "", ""),
    (
        "etiology",
        "patient",
        "dropdown",
        "Fracture etiology",
        "1, Osteoporotic | 2, Pathologic | 3, Traumatic",
        "",
    ),
    ("proc_date", "procedure", "text", "Date of procedure", "", ""),
    ("proc_level", "procedure", "text", "Treated level", "", ""),
    ("technique", "procedure", "radio", "Technique", "1, Vertebroplasty | 2, Kyphoplasty", ""),
    ("cement_ml", "procedure", "text", "Cement volume (mL)", "", ""),
    (
        "leak",
        "procedure",
        "checkbox",
        "Cement leakage",
        "1, Disc | 2, Venous | 3, Paravertebral | 4, Epidural",
        "",
    ),
    ("vas_pre", "procedure", "text", "VAS pre", "", ""),
    ("vas_1m", "procedure", "text", "VAS 1 month", "", ""),
    ("fx_date", "new_fracture", "text", "New fracture date", "", ""),
    ("fx_level", "new_fracture", "text", "New fracture level", "", ""),
]


def write_redcap(cohort: Cohort, out: Path, seed: int = 20261121) -> tuple[Path, Path]:
    """Write a REDCap-style export (records CSV + data dictionary CSV) with repeating
    ``procedure`` and ``new_fracture`` instruments and a checkbox leakage field."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    dictionary = out / "VertebroRegistry_DataDictionary.csv"
    with dictionary.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "Variable / Field Name",
                "Form Name",
                "Section Header",
                "Field Type",
                "Field Label",
                "Choices, Calculations, OR Slider Labels",
                "Field Note",
                "Text Validation Type OR Show Slider Number",
                "Identifier?",
            ]
        )
        for name, form, ftype, label, choices, ident in _DICTIONARY:
            w.writerow(
                [
                    name,
                    form,
                    "",
                    ftype,
                    label,
                    choices,
                    "",
                    "date_ymd" if "date" in name else "",
                    ident,
                ]
            )
    leak_codes = {"disc": 1, "venous": 2, "paravertebral": 3, "epidural": 4}
    header = [
        "record_id",
        "redcap_repeat_instrument",
        "redcap_repeat_instance",
        "patient_name",
        "sex",
        "age",
        "etiology",
        "proc_date",
        "proc_level",
        "technique",
        "cement_ml",
        "leak___1",
        "leak___2",
        "leak___3",
        "leak___4",
        "vas_pre",
        "vas_1m",
        "fx_date",
        "fx_level",
    ]
    outcomes = cohort.assessments.set_index(["procedure_id", "timepoint", "measure"])[
        "value"
    ].to_dict()
    records = out / "VertebroRegistry_records.csv"
    sessions = _sessions(cohort)
    etiology_code = {"osteoporotic": 1, "pathologic": 2, "traumatic": 3}
    with records.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for k, pt in enumerate(cohort.patients.to_dict("records")):
            pid = str(pt["patient_id"])
            start = date(2016, 1, 1) + timedelta(days=int(rng.integers(0, 2000)))
            w.writerow(
                [
                    pid,
                    "",
                    "",
                    f"{_FIRST[k % 10]} {_LAST[k % 10]}",
                    1 if pt["sex"] == "female" else 2,
                    pt["age_years"],
                    etiology_code.get(str(pt["etiology"]), ""),
                ]
                + [""] * 12
            )
            instance = 0
            for proc_id, day, vertebrae in sessions.get(pid, []):
                for v in vertebrae:
                    instance += 1
                    sites = str(v["leakage"]).split(";")
                    leaks = [
                        1 if any(leak_codes.get(s) == c for s in sites) else 0 for c in (1, 2, 3, 4)
                    ]
                    w.writerow(
                        [
                            pid,
                            "procedure",
                            instance,
                            "",
                            "",
                            "",
                            "",
                            (start + timedelta(days=day)).isoformat(),
                            v["level"],
                            1 if v["technique"] == "vertebroplasty" else 2,
                            v["cement_volume_ml"],
                            *leaks,
                            _fmt(outcomes.get((proc_id, "pre", "pain_vas"))),
                            _fmt(outcomes.get((proc_id, "1m", "pain_vas"))),
                            "",
                            "",
                        ]
                    )
            for j, f in enumerate(
                cohort.fractures[cohort.fractures["patient_id"] == pid].to_dict("records"), 1
            ):
                w.writerow(
                    [pid, "new_fracture", j]
                    + [""] * 14
                    + [(start + timedelta(days=int(f["day"]))).isoformat(), f["level"]]
                )
    return records, dictionary


def _fmt(v: object) -> str:
    return "" if v is None else f"{float(v):g}"  # type: ignore[arg-type]
