"""A cohort written in a long layout: a patients sheet, a procedures sheet (one row per
vertebra, sessions numbered), one sheet per visit named by its time point (each with the
study ID, the session number, the visit date and the scores, columns in an order of its
own, patients missing where they had no score) and a sheet of new fractures.

Used by the round trips (tests/test_roundtrip.py) for the form a unit keeps when each
visit is typed into a sheet of its own. The visit sheets' names and the headers vary with
the seed among spellings in several languages; with ``messiness`` the levels, volumes and
yes/no codes are spelt as clinicians spell them.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from analysis.schema import Cohort
from analysis.synth import Messiness
from analysis.synth.writers import _messy_bool, _messy_level, _messy_volume

# visit sheet names per time point, one chosen per workbook by the seed
VISIT_NAMES = {
    "pre": ["Baseline", "Pre-op", "prä-OP", "術前", "Före"],
    "24h": ["24 h", "Day 1", "1 Tag", "術後1日", "J1"],
    "1m": ["1 month", "1 Mon", "1ヶ月", "M1", "4 weeks"],
    "3m": ["3 months", "3 Mon", "3ヶ月", "M3", "3 mån"],
    "12m": ["12 months", "1 Jahr", "12ヶ月", "M12", "1 year"],
}
# the offset of a visit from its procedure, in days, as written in its visit date
VISIT_DAYS = {"pre": -1, "24h": 1, "1m": 30, "3m": 91, "12m": 365}


def write_long_workbook(cohort: Cohort, path: Path, messy: Messiness, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    choice = int(rng.integers(0, 5))
    start = {
        str(p): date(2016, 1, 4) + timedelta(days=int(rng.integers(0, 2000)))
        for p in cohort.patients["patient_id"]
    }
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Patients"
    ws.append(["Study ID", "Sex", "Age", "Etiology", "T-score", "Steroids", "Last follow-up", "Date of death", "Persistent pain", "Pain source"])  # fmt: skip
    for pt in cohort.patients.to_dict("records"):
        pid = str(pt["patient_id"])
        ws.append(
            [
                pid,
                str(pt["sex"]),
                pt["age_years"],
                str(pt["etiology"]),
                pt["bmd_t_score"],
                _messy_bool(pt["steroid_use"], rng, messy),
                start[pid] + timedelta(days=int(pt["followup_days"])),
                start[pid] + timedelta(days=int(pt["death_day"])) if pt["died"] else None,
                _messy_bool(pt["persistent_pain"], rng, messy),
                "" if pd.isna(pt["pain_source"]) else str(pt["pain_source"]).replace("_", " "),
            ]
        )
    procs = wb.create_sheet("Procedures")
    procs.append(["Study ID", "Session", "Date", "Level", "Technique", "Cement", "Volume (mL)", "Leakage", "Cleft", "Repeat", "Indication"])  # fmt: skip
    session_of: dict[str, tuple[int, int]] = {}  # procedure_id -> (session number, day)
    numbers: dict[str, int] = {}
    ordered = cohort.procedures.sort_values(["patient_id", "day"])
    for proc_id, g in ordered.groupby("procedure_id", sort=False, observed=True):
        pid = str(g["patient_id"].iloc[0])
        numbers[pid] = numbers.get(pid, 0) + 1
        day = int(g["day"].iloc[0])
        session_of[str(proc_id)] = (numbers[pid], day)
        for v in g.to_dict("records"):
            procs.append(
                [
                    pid,
                    numbers[pid],
                    start[pid] + timedelta(days=day),
                    _messy_level(str(v["level"]), rng, messy),
                    str(v["technique"]),
                    str(v["cement_type"]),
                    _messy_volume(float(v["cement_volume_ml"]), rng, messy),
                    str(v["leakage"]),
                    _messy_bool(v["cleft"], rng, messy),
                    _messy_bool(v["is_repeat"], rng, messy),
                    str(v["indication"]).replace("_", " "),
                ]
            )
    scores = cohort.assessments.pivot_table(
        index=["patient_id", "procedure_id", "timepoint"],
        columns="measure",
        values="value",
        observed=True,
    ).reset_index()
    for tp, names in VISIT_NAMES.items():
        visit = wb.create_sheet(names[choice])
        header = ["Study ID", "Session", "Visit date", "VAS", "Mobility"]
        order = list(rng.permutation(len(header)))
        visit.append([header[i] for i in order])
        rows = scores[scores["timepoint"] == tp]
        for r in rows.to_dict("records"):
            pid = str(r["patient_id"])
            number, day = session_of[str(r["procedure_id"])]
            cells = [
                pid,
                number,
                start[pid] + timedelta(days=day + VISIT_DAYS[tp]),
                None if pd.isna(r.get("pain_vas")) else r["pain_vas"],
                None if pd.isna(r.get("mobility")) else r["mobility"],
            ]
            visit.append([cells[i] for i in order])
    fractures = wb.create_sheet("New fractures")
    fractures.append(["Study ID", "Date", "Level"])
    for f in cohort.fractures.to_dict("records"):
        pid = str(f["patient_id"])
        fractures.append([pid, start[pid] + timedelta(days=int(f["day"])), _messy_level(str(f["level"]), rng, messy)])  # fmt: skip
    wb.save(path)
    return path
