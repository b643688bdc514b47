"""Write a cohort as the tidy CSVs or as a clinician's messy workbook (REDCap: ``redcap``).

The messy workbook is how registries arrive in practice: title lines, a two-row header
with merged group cells, direct identifiers (synthetic names, record numbers, birth
dates), mixed spellings of levels, volumes, yes/no codes and missing markers, dates as
Excel dates and text, and a hidden sheet. With ``inject_errors`` (the default, as in the
demo) a workbook of at least ``MISTAKES_FROM_PATIENTS`` patients also carries five planted
mistakes, always at the same places, so the problems report has something to show:

* ``K11``: the level ``L7`` (not a vertebral level);
* ``N18``: the cement volume ``lots`` (not a number);
* ``S26``: a pain score of 12 on the 0-10 scale;
* row 37: an exact copy of row 36 (a duplicated row);
* ``E44``: the sex ``X`` (not a known sex).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
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


def write_tidy(
    cohort: Cohort, out: Path, messiness: Messiness | None = None, seed: int = 20261121
) -> list[Path]:
    """Write the four tidy tables as CSV files in ``out``.

    With ``messiness`` the level, yes/no and volume cells are written as clinicians
    write them (see :func:`messy_tables`); by default they are canonical.
    """
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    frames = (
        messy_tables(cohort, messiness, seed)
        if messiness is not None
        else {
            "patients": cohort.patients,
            "procedures": cohort.procedures,
            "assessments": cohort.assessments,
            "fractures": cohort.fractures,
        }
    )
    for name, frame in frames.items():
        path = out / f"{name}.csv"
        neutralize_frame(frame).to_csv(path, index=False)
        paths.append(path)
    return paths


@dataclass(frozen=True)
class Messiness:
    """Which habits of clinicians' spreadsheets a writer imitates.

    The default (everything on) is the demo workbook's; :meth:`clean` writes canonical
    values. Each habit draws from the writer's random generator whether it is on or off,
    so switching one habit off leaves every other cell as it was.

    Parameters
    ----------
    levels
        Level spellings: ``Th12``, ``D12``, ``l1``, ``L 1``.
    booleans
        Yes/no codes: ``Y``/``yes``/``1`` and ``N``/``no``/``0``; missing as ``n/a``,
        ``-``, ``?`` or blank.
    volume_units
        Volumes with a unit: ``3.5 cc``, ``3.5 ml``.
    decimal_commas
        Volumes with a decimal comma: ``3,5``.
    multi_level_rows
        Wide workbook only: some sessions on one row naming all their levels
        (``T11/T12``), with the session's total cement volume and the first level's
        leakage and cleft.
    """

    levels: bool = True
    booleans: bool = True
    volume_units: bool = True
    decimal_commas: bool = True
    multi_level_rows: bool = True

    @classmethod
    def clean(cls) -> Messiness:
        """No habit: canonical levels, ``yes``/``no``, plain numbers."""
        return cls(
            levels=False,
            booleans=False,
            volume_units=False,
            decimal_commas=False,
            multi_level_rows=False,
        )


def _messy_level(level: str, rng: np.random.Generator, messy: Messiness = Messiness()) -> str:
    style = rng.integers(0, 6)
    if not messy.levels:
        return level
    if level.startswith("T") and style == 1:
        return "Th" + level[1:]
    if level.startswith("T") and style == 2:
        return "D" + level[1:]
    if style == 3:
        return level.lower()
    if style == 4:
        return f"{level[0]} {level[1:]}"
    return level


def _messy_bool(v: object, rng: np.random.Generator, messy: Messiness = Messiness()) -> object:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        missing = str(rng.choice(["", "n/a", "-", "?"]))
        return missing if messy.booleans else ""
    code = str(rng.choice(["Y", "yes", "1"] if v else ["N", "no", "0"]))
    return code if messy.booleans else ("yes" if v else "no")


def _messy_volume(v: float, rng: np.random.Generator, messy: Messiness = Messiness()) -> object:
    style = rng.integers(0, 5)
    if style == 1 and messy.volume_units:
        return f"{v:g} cc"
    if style == 2 and messy.volume_units:
        return f"{v:g} ml"
    if style == 3 and messy.decimal_commas:
        return f"{v:g}".replace(".", ",")
    return float(v)


def messy_tables(
    cohort: Cohort, messiness: Messiness = Messiness(), seed: int = 20261121
) -> dict[str, pd.DataFrame]:
    """The four tidy tables with level, yes/no and volume cells written as clinicians do.

    Cells of the messy columns become text (so that CSV, Parquet and workbooks hold them
    alike); the loader must read them back to the canonical values.
    """
    rng = np.random.default_rng(seed)
    spec = {
        name: cohort_frame
        for name, cohort_frame in (
            ("patients", cohort.patients),
            ("procedures", cohort.procedures),
            ("assessments", cohort.assessments),
            ("fractures", cohort.fractures),
        )
    }
    out = {}
    for name, frame in spec.items():
        frame = frame.copy()
        for col in frame.columns:
            kind = _MESSY_KIND.get(str(col))
            if kind is None:
                continue
            cells = [None if pd.isna(v) else v for v in frame[col].astype(object)]
            if kind == "level":
                frame[col] = [
                    None if v is None else _messy_level(str(v), rng, messiness) for v in cells
                ]
            elif kind == "boolean":
                frame[col] = [str(_messy_bool(v, rng, messiness)) for v in cells]
            else:
                frame[col] = [
                    None if v is None else str(_messy_volume(float(v), rng, messiness))
                    for v in cells
                ]
        out[name] = frame
    return out


_MESSY_KIND = {
    "level": "level",
    "steroid_use": "boolean",
    "osteoporosis_treatment": "boolean",
    "died": "boolean",
    "persistent_pain": "boolean",
    "rf_neurolysis": "boolean",
    "is_repeat": "boolean",
    "cleft": "boolean",
    "symptomatic": "boolean",
    "trauma": "boolean",
    "cement_volume_ml": "volume",
    "session_cement_volume_ml": "volume",
}


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


def _wide_rows(
    cohort: Cohort, rng: np.random.Generator, messy: Messiness = Messiness()
) -> list[list[object]]:
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
            _messy_bool(pt["steroid_use"], rng, messy),
        ]
        tail = [
            start + timedelta(days=int(pt["followup_days"])),
            start + timedelta(days=int(pt["death_day"])) if pt["died"] else None,
            _messy_bool(pt["persistent_pain"], rng, messy),
            "" if pd.isna(pt["pain_source"]) else str(pt["pain_source"]).replace("_", " "),
            None,
        ]
        frac = list(fractures.get(pid, []))
        for proc_id, day, vertebrae in sessions.get(pid, []):
            vas = [
                outcomes.get((proc_id, tp, "pain_vas")) for tp in ("pre", "24h", "1m", "3m", "12m")
            ]
            mob = [outcomes.get((proc_id, tp, "mobility")) for tp in ("pre", "1m")]
            combine = len(vertebrae) > 1 and rng.random() < 0.3 and messy.multi_level_rows
            groups = [vertebrae] if combine else [[v] for v in vertebrae]
            for grp in groups:
                v = grp[0]
                level = "/".join(_messy_level(str(x["level"]), rng, messy) for x in grp)
                # a row naming several levels carries the session's total, as clinicians
                # write it (the loader stores it as session_cement_volume_ml)
                volume = round(sum(float(x["cement_volume_ml"]) for x in grp), 1)
                f = frac.pop(0) if frac else None
                fcells = (
                    [
                        start + timedelta(days=int(f["day"])),
                        _messy_level(str(f["level"]), rng, messy),
                    ]
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
                        _messy_volume(volume, rng, messy),
                        str(v["leakage"]),
                        _messy_bool(v["cleft"], rng, messy),
                        _messy_bool(v["is_repeat"], rng, messy),
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


# cohorts of this many patients have rows enough for every planted mistake
MISTAKES_FROM_PATIENTS = 40


def _inject_errors(rows: list[list[object]]) -> None:
    """A few realistic mistakes, at fixed positions so the demo report is stable."""
    if len(rows) < 40:  # too few rows for the fixed positions below
        return
    rows[5][10] = "L7"  # not a vertebral level
    rows[12][13] = "lots"  # not a volume
    rows[20][18] = 12  # VAS above 10 on a 0-10 column
    rows.insert(31, list(rows[30]))  # exact duplicate row
    rows[38][4] = "X"  # not a sex


@cache
def languages() -> dict[str, dict[str, Any]]:
    """The languages :func:`write_wide_workbook` writes, by code (``hy``, ``mn``, ...):
    each a ``name``, ``headers`` (English header -> its translation) and ``values``
    (canonical value -> the unit's word), from ``data_schema/synth-languages.yaml``."""
    from importlib import resources

    from analysis.spec import read_yaml

    folder = resources.files("analysis").joinpath("data_schema")
    return dict(read_yaml(folder.joinpath("synth-languages.yaml").read_text("utf-8")))


_SEXES = {"F": "female", "female": "female", "W": "female", "M": "male", "male": "male", "m": "male"}  # fmt: skip
_YES_NO = {"Y": "yes", "yes": "yes", "N": "no", "no": "no"}
_BOOLEAN_COLUMNS = (8, 15, 16, 29)  # steroids, cleft, repeat, persistent pain
_VAS_COLUMNS = range(18, 23)


def _in_language(row: list[object], words: dict[str, str]) -> list[object]:
    """A wide row with its sexes, etiology, technique, leakage, yes/no and missed-visit
    cells in the unit's words (numbers, levels, dates and 1/0 codes as they are)."""
    out = list(row)
    if out[4] is None:  # a fracture-only row: a level and a date
        return out
    out[4] = words.get(_SEXES.get(str(out[4]), ""), out[4])
    for i in (6, 11):
        out[i] = words.get(str(out[i]).lower(), out[i])
    sites = str(out[14]).split(";")
    if sites != ["none"] and all(s in words for s in sites):
        out[14] = words.get("sites written after", "") + ", ".join(words[s] for s in sites)
    else:
        out[14] = words.get(str(out[14]), out[14])
    for i in _BOOLEAN_COLUMNS:
        out[i] = words.get(_YES_NO.get(str(out[i]), ""), out[i])
    for i in _VAS_COLUMNS:
        out[i] = words.get("missed visit", out[i]) if out[i] == "n/a" else out[i]
    return out


def write_wide_workbook(
    cohort: Cohort,
    path: Path,
    seed: int = 20261121,
    inject_errors: bool = True,
    messiness: Messiness = Messiness(),
    language: str | None = None,
) -> Path:
    """Write the cohort as a clinician's messy registry workbook (``.xlsx``).

    ``messiness`` chooses the spelling habits (all on by default, as in the demo);
    ``inject_errors`` plants the five mistakes listed in the module docstring when the
    cohort has at least ``MISTAKES_FROM_PATIENTS`` patients (a smaller one has none);
    ``inject_errors=False`` writes a workbook without them. ``language`` (a code of
    :func:`languages`: ``hy`` Armenian, ``mn`` Mongolian, ``hr`` Croatian, ``lv``
    Latvian, ``ur`` Urdu, ``bg`` Bulgarian) writes the headers and the words of the cells
    in that language; the cells' draws are the same, so the truth is the cohort whatever
    the language.
    """
    import openpyxl
    from openpyxl.styles import Font

    if language is not None and language not in languages():
        known = ", ".join(sorted(languages()))
        raise ValueError(f"language '{language}' is not one the generator writes ({known})")
    table = languages()[language] if language is not None else {}
    headers: dict[str, str] = table.get("headers", {})
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
            ws.cell(group_row, col, headers.get(group, group))
            ws.merge_cells(start_row=group_row, start_column=col, end_row=sub_row, end_column=col)
            col += 1
            continue
        span = [i for i, (g, s) in enumerate(_HEADER, start=1) if g == group and s is not None]
        ws.cell(group_row, span[0], headers.get(group, group))
        if len(span) > 1:
            ws.merge_cells(
                start_row=group_row, start_column=span[0], end_row=group_row, end_column=span[-1]
            )
        for i in span:
            sub_text = str(_HEADER[i - 1][1])
            ws.cell(sub_row, i, headers.get(sub_text, sub_text))
        col = span[-1] + 1
    rows = _wide_rows(cohort, rng, messiness)
    if inject_errors and len(cohort.patients) >= MISTAKES_FROM_PATIENTS:
        _inject_errors(rows)
    if table:
        rows = [_in_language(row, table["values"]) for row in rows]
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
