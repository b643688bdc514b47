"""A key/value export (one row per field per encounter, the field named in one column and
its value in the next, the patient's cells repeated on every row), written from a
synthetic cohort whose truth the generator knows: read as one row per encounter and
treated vertebra."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.problems import ERROR
from analysis.schema import Cohort
from analysis.synth import synthesize
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

START = date(2021, 3, 1)
HEADER = ["Study ID", "Sex", "Age", "Encounter date", "Visit", "Field", "Value", "Unit", "Entered by"]  # fmt: skip
VISITS = {"pre": "Pre-op", "1m": "1 month", "3m": "3 months", "12m": "12 months"}
DAYS = {"1m": 30, "3m": 91, "12m": 365}  # each review dated at its time point


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(8, seed=20261121)


def _rows(truth: Cohort) -> list[list[object]]:
    """Each patient's procedure note (its fields, then per vertebra its level, volume and
    leakage rows) and review visits (one pain row each), the patient's cells on every row."""
    patients = truth.patients.set_index("patient_id")
    scores = truth.assessments[truth.assessments["measure"] == "pain_vas"]
    rows: list[list[object]] = [HEADER]
    for pid, procs in truth.procedures.groupby("patient_id", observed=True, sort=True):
        head = [pid, patients.loc[pid, "sex"], int(patients.loc[pid, "age_years"])]
        first = procs[procs["day"] == procs["day"].min()]
        when = (START + timedelta(days=7 * len(rows))).strftime("%d/%m/%Y")

        at = [*head, when]

        def row(visit: str, field: str, value: object, unit: str = "", at: list[object] = at) -> None:  # fmt: skip
            rows.append([*at, visit, field, value, unit, "IR reg"])

        for tp, value in scores[scores["patient_id"] == pid][["timepoint", "value"]].itertuples(index=False):  # fmt: skip
            if tp == "pre":
                row("Pre-op", "Pain score (0-10)", int(value))
        row("Procedure", "Procedure", first["technique"].iloc[0])
        for r in first.to_dict("records"):
            row("Procedure", "Level treated", r["level"])
            row("Procedure", f"Cement volume {r['level']}", r["cement_volume_ml"], "mL")
            row("Procedure", f"Cement extravasation {r['level']}", r["leakage"])
        for tp, value in scores[scores["patient_id"] == pid][["timepoint", "value"]].itertuples(index=False):  # fmt: skip
            if tp in VISITS and tp != "pre":
                seen = (date_of(when) + timedelta(days=DAYS[tp])).strftime("%d/%m/%Y")
                row(VISITS[tp], "Attendance", "Attended", at=[*head, seen])
                row(VISITS[tp], "Pain score (0-10)", int(value), at=[*head, seen])
    return rows


def date_of(text: str) -> date:
    day, month, year = map(int, text.split("/"))
    return date(year, month, day)


def _write(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def _first_sessions(cohort: Cohort) -> set[tuple[str, str, str, float, str]]:
    p = cohort.procedures
    p = p[p["day"] == p.groupby("patient_id", observed=True)["day"].transform("min")]
    return {
        (
            str(r["patient_id"]),
            str(r["level"]),
            str(r["technique"]),
            round(float(r["cement_volume_ml"]), 3),
            str(r["leakage"]),
        )
        for r in p.to_dict("records")
    }


def _pain(cohort: Cohort) -> set[tuple[str, str, float]]:
    a = cohort.assessments
    a = a[(a["measure"] == "pain_vas") & a["timepoint"].astype(str).isin(list(VISITS))]
    first = a.groupby("patient_id", observed=True)["procedure_id"].transform("min")
    a = a[a["procedure_id"] == first]
    return {(str(r["patient_id"]), str(r["timepoint"]), float(r["value"])) for r in a.to_dict("records")}  # fmt: skip


def test_one_row_per_field_is_read_per_encounter_and_vertebra(tmp_path, truth):
    rows = _rows(truth)
    assert any(len(g) > 1 for _, g in truth.procedures.groupby("procedure_id", observed=True))
    loaded = load_cohort(_write(tmp_path / "export.csv", rows))
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    assert _first_sessions(loaded.cohort) == _first_sessions(truth)
    assert _pain(loaded.cohort) == _pain(truth)
    shaped = [p for p in loaded.problems if p.rule == "sheet_reshaped"]
    assert len(shaped) == 1
    assert "column F (Field) names the field and column G (Value) holds its value" in shaped[0].message  # fmt: skip
    assert shaped[0].sheet == "export"
    _reproduced_by_its_mapping(tmp_path / "export.csv", tmp_path)


def test_a_bad_value_is_named_at_its_own_cell(tmp_path, truth):
    rows = _rows(truth)
    k = next(i for i, r in enumerate(rows) if str(r[5]).startswith("Cement volume"))
    rows[k][6] = 45
    loaded = load_cohort(_write(tmp_path / "export.csv", rows))
    errors = [p for p in loaded.problems if p.severity == ERROR]
    assert [(p.sheet, p.cell) for p in errors] == [("export", f"G{k + 1}")]
    assert "cement_volume_ml must lie within" in errors[0].message


def test_inspect_shows_the_shape(tmp_path, truth):
    path = _write(tmp_path / "export.csv", _rows(truth))
    tables = inspect_input(path).mapping()["tables"]
    assert [t.get("shape") for t in tables] == ["field-rows"]
    assert tables[0]["sheet"] == "export (one row per encounter)"
    assert "column F (Field) names the field" in tables[0]["note"]
