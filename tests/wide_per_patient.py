"""A clinician's per-patient workbook of a cohort: one row per patient, the index session's
vertebrae in numbered columns (``Level 1``, ``Volume 1``, ``Leakage 1`` ...) and the next
session in ``Repeat ...`` columns of its own. Sessions after the second have no place on
such a row and are not written (:func:`written_part` gives the truth that is written)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.schema import Cohort
from analysis.synth import Messiness
from analysis.synth.writers import _messy_bool, _messy_level, _messy_volume

MAX_LEVELS = 3
TIMES = (("pre", "pre"), ("24h", "24h"), ("1m", "1 month"), ("3m", "3 months"))
TIMES += (("12m", "12 months"),)
MOBILITY = (("pre", "pre"), ("1m", "1 month"))


def _header() -> list[str]:
    head = ["Study ID", "Sex", "Age", "Etiology", "T-score", "Steroids", "Persistent pain"]
    head += ["Pain source", "Date of procedure", "Technique", "Cement type"]
    for n in range(1, MAX_LEVELS + 1):
        head += [f"Level {n}", f"Volume {n} (mL)", f"Leakage {n}", f"Cleft {n}"]
    head += [f"VAS {label}" for _, label in TIMES]
    head += [f"Mobility {label}" for _, label in MOBILITY]
    head += ["Repeat date", "Repeat technique", "Repeat cement type", "Repeat level"]
    head += ["Repeat volume (mL)", "Repeat leakage", "Repeat cleft"]
    head += [f"Repeat VAS {label}" for _, label in TIMES]
    head += [f"Repeat mobility {label}" for _, label in MOBILITY]
    head += ["New fracture date", "New fracture level", "Last follow-up", "Date of death"]
    return head


def written_part(cohort: Cohort) -> Cohort:
    """The cohort as a per-patient row holds it: each patient's first two sessions."""
    procs = cohort.procedures
    sessions = procs.groupby("procedure_id", observed=True)[["patient_id", "day"]].first()
    order = sessions.groupby("patient_id", observed=True)["day"].rank(method="first")
    keep = set(sessions.index[order <= 2])
    a = cohort.assessments
    return Cohort(
        cohort.patients,
        procs[procs["procedure_id"].isin(keep)].reset_index(drop=True),
        a[a["procedure_id"].isin(keep)].reset_index(drop=True),
        cohort.fractures,
    )


def write_per_patient_workbook(cohort: Cohort, path: Path, messy: Messiness, seed: int) -> Path:
    """Write ``cohort`` one row per patient (module docstring) with the chosen habits."""
    import openpyxl

    rng = np.random.default_rng(seed)
    outcomes = cohort.assessments.set_index(["procedure_id", "timepoint", "measure"])["value"]
    values = outcomes.to_dict()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Patients"
    ws.append(_header())
    fractures = {
        str(p): g.to_dict("records")
        for p, g in cohort.fractures.groupby("patient_id", observed=True)
    }
    for pt in cohort.patients.to_dict("records"):
        pid = str(pt["patient_id"])
        start = date(2017, 1, 1) + timedelta(days=int(rng.integers(0, 1500)))
        procs = cohort.procedures[cohort.procedures["patient_id"] == pid]
        sessions = [g for _, g in procs.groupby("day", sort=True)][:2]
        index = sessions[0].to_dict("records")
        row: list[object] = [
            pid,
            pt["sex"],
            pt["age_years"],
            pt["etiology"],
            pt["bmd_t_score"],
            _messy_bool(pt["steroid_use"], rng, messy),
            _messy_bool(pt["persistent_pain"], rng, messy),
            "" if pd.isna(pt["pain_source"]) else str(pt["pain_source"]).replace("_", " "),
            start,
            index[0]["technique"],
            index[0]["cement_type"],
        ]
        for n in range(MAX_LEVELS):
            v = index[n] if n < len(index) else None
            row += (
                [
                    _messy_level(str(v["level"]), rng, messy),
                    _messy_volume(float(v["cement_volume_ml"]), rng, messy),
                    v["leakage"],
                    _messy_bool(v["cleft"], rng, messy),
                ]
                if v
                else [None] * 4
            )
        pid_index = str(index[0]["procedure_id"])
        row += [values.get((pid_index, tp, "pain_vas")) for tp, _ in TIMES]
        row += [values.get((pid_index, tp, "mobility")) for tp, _ in MOBILITY]
        if len(sessions) > 1:
            (v,) = sessions[1].to_dict("records")  # later sessions treat one vertebra
            second = str(v["procedure_id"])
            row += [
                start + timedelta(days=int(v["day"])),
                v["technique"],
                v["cement_type"],
                _messy_level(str(v["level"]), rng, messy),
                _messy_volume(float(v["cement_volume_ml"]), rng, messy),
                v["leakage"],
                _messy_bool(v["cleft"], rng, messy),
            ]
            row += [values.get((second, tp, "pain_vas")) for tp, _ in TIMES]
            row += [values.get((second, tp, "mobility")) for tp, _ in MOBILITY]
        else:
            row += [None] * (7 + len(TIMES) + len(MOBILITY))
        (f,) = fractures.get(pid, [None])
        row += (
            [start + timedelta(days=int(f["day"])), _messy_level(str(f["level"]), rng, messy)]
            if f
            else [None, None]
        )
        row.append(start + timedelta(days=int(pt["followup_days"])))
        row.append(start + timedelta(days=int(pt["death_day"])) if pt["died"] else None)
        ws.append([None if isinstance(c, float) and np.isnan(c) else c for c in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
