"""The schema checked by whole columns agrees with pandera: a table it passes is one
pandera passes, and every table it cannot pass is reported by pandera as before."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.schema import Cohort, pandera_schema
from analysis.schema.cohort import _dtype, _measure_in_range
from analysis.schema.quick import conforms
from analysis.synth import synthesize

TABLES = ("patients", "procedures", "assessments", "fractures")


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    return synthesize(60, seed=13)


def _check(table: str) -> object:
    return _measure_in_range if table == "assessments" else None


def _pandera_passes(table: str, frame: pd.DataFrame) -> bool:
    try:
        pandera_schema(table).validate(frame, lazy=True)
    except Exception:
        return False
    return True


def test_a_valid_cohort_conforms_table_by_table(cohort: Cohort) -> None:
    for table in TABLES:
        frame = getattr(cohort, table)
        assert conforms(table, frame, _dtype, _check(table))
        assert _pandera_passes(table, frame)
    assert cohort.validate() == []


def _broken(cohort: Cohort) -> dict[str, tuple[str, pd.DataFrame]]:
    """One damaged copy of a table per kind of failure."""
    p, a = cohort.patients, cohort.assessments
    out = {}
    age = p.copy()
    age.loc[age.index[3], "age_years"] = 130.0  # above the declared maximum
    out["age above its maximum"] = ("patients", age)
    missing = a.copy()
    missing["procedure_id"] = missing["procedure_id"].astype("string")
    missing.loc[missing.index[2], "procedure_id"] = pd.NA  # required
    out["missing required identifier"] = ("assessments", missing)
    twice = pd.concat([a, a.iloc[[5]]], ignore_index=True)  # the key repeated
    out["repeated key"] = ("assessments", twice)
    scale = a.copy()
    scale.loc[scale.index[0], "value"] = 1e6  # outside its measure's range
    out["value outside its measure"] = ("assessments", scale)
    extra = p.assign(favourite_colour="blue")  # not a column of the table
    out["extra column"] = ("patients", extra)
    text = p.assign(age_years=p["age_years"].astype(object))  # wrong dtype
    out["wrong dtype"] = ("patients", text)
    levels = cohort.procedures.copy()
    levels["leakage"] = levels["leakage"].astype("string")
    levels.loc[levels.index[1], "leakage"] = "venous;nowhere"  # not an allowed value
    out["multi-category value"] = ("procedures", levels)
    return out


@pytest.mark.parametrize(
    "case",
    [
        "age above its maximum",
        "missing required identifier",
        "repeated key",
        "value outside its measure",
        "extra column",
        "wrong dtype",
        "multi-category value",
    ],
)
def test_a_damaged_table_is_left_to_pandera(cohort: Cohort, case: str) -> None:
    table, frame = _broken(cohort)[case]
    assert not _pandera_passes(table, frame)
    assert not conforms(table, frame, _dtype, _check(table))
    damaged = Cohort(**{t: frame if t == table else getattr(cohort, t) for t in TABLES})
    problems = damaged.validate()
    assert problems and all(p.sheet == table for p in problems)


def test_a_patient_missing_from_the_patients_table_is_reported_once_per_row(
    cohort: Cohort,
) -> None:
    procs = cohort.procedures.copy()
    procs.loc[procs.index[[1, 4]], "patient_id"] = "NOBODY-1"
    damaged = Cohort(cohort.patients, procs, cohort.assessments, cohort.fractures)
    stray = [p for p in damaged.validate() if p.rule == "reference"]
    assert [(p.sheet, p.row, p.value) for p in stray] == [
        ("procedures", 3, "NOBODY-1"),
        ("procedures", 6, "NOBODY-1"),
    ]
    assert all(p.message == "patient not in the patients table" for p in stray)


def test_missing_patient_ids_are_not_references(cohort: Cohort) -> None:
    fr = cohort.fractures.copy()
    if fr.empty:
        pytest.skip("no fractures in this cohort")
    fr.loc[fr.index[0], "patient_id"] = pd.NA
    damaged = Cohort(cohort.patients, cohort.procedures, cohort.assessments, fr)
    assert not [p for p in damaged.validate() if p.rule == "reference"]
    assert np.all(cohort.patients["patient_id"].notna())
