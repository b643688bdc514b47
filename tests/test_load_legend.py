"""A workbook whose cells are numeric codes explained on a legend sheet, and the row
counter beside its study IDs: written from a synthetic cohort whose truth the generator
knows."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.schema import Cohort
from analysis.synth import synthesize
from tests.test_any_workbook import _workbook

START = date(2021, 3, 1)


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(12, seed=20261121)


def _vertebra_rows(truth: Cohort) -> list[dict[str, object]]:
    """One row per treated vertebra of the first session, the patient's cells repeated."""
    patients = truth.patients.set_index("patient_id")
    procs = truth.procedures[truth.procedures["day"] == 0].sort_values(["patient_id", "level"])
    rows = []
    for p in procs.to_dict("records"):
        pid = str(p["patient_id"])
        rows.append({"pid": pid, "sex": str(patients.loc[pid, "sex"]), "age": int(patients.loc[pid, "age_years"]), "level": str(p["level"]), "technique": str(p["technique"])})  # fmt: skip
    return rows


def test_a_row_counter_with_a_note_under_it_yields_the_study_id_to_its_named_column(tmp_path, truth):  # fmt: skip
    """``No`` (1, 2, 3 ... down the rows, a note line under them) and ``ID patient`` both
    name the study ID: the counter is not it, though the note breaks its count."""
    rows: list[list[object]] = [["No", "ID patient", "Sex", "Age", "Date", "Level"]]
    for k, r in enumerate(_vertebra_rows(truth), 1):
        rows.append([k, r["pid"], r["sex"], r["age"], START, r["level"]])
    rows += [[], ["Note: blank cells were not assessed."]]
    path = _workbook(tmp_path / "counter.xlsx", {"Data": rows})
    readings = {c.letter: c.label for c in inspect_input(path).columns}
    assert readings["A"] is None
    assert readings["B"] == "patients.patient_id"
    cohort = load_cohort(path).cohort
    assert set(cohort.patients["patient_id"]) == {r["pid"] for r in _vertebra_rows(truth)}
