"""One study ID typed on the rows of a second patient: the finding is said once per row,
on the ID cell, naming every conflict it causes, and the rows still leave the cohort as
before; findings repeated word for word on one row are said once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analysis.load import load_cohort
from analysis.load.row_errors import one_per_row
from analysis.problems import CELL_MISSING, PATIENT_EXCLUDED, Problem
from tests.test_load_visit_rows import _save

HEADER = ["Study ID", "Sex", "Age", "Procedure date", "Level", "Cement (ml)", "VAS pre", "VAS 3 months"]  # fmt: skip


def _sheet() -> list[list[object]]:
    return [
        HEADER,
        ["P1", "M", 70, date(2022, 3, 1), "L1", 3.0, 8, 3],
        ["P1", "M", 70, date(2022, 3, 1), "L2", 3.5, 8, 3],
        ["P2", "F", 81, date(2022, 4, 5), "T12", 4.0, 9, 2],
        ["P1", "F", 58, date(2022, 3, 1), "T8", 2.5, 6, 1],  # P3 written under P1's ID
        ["P1", "F", 58, date(2022, 3, 1), "T9", 2.0, 6, 1],
    ]


def test_a_shared_study_id_is_one_error_per_row_naming_each_conflict(tmp_path: Path) -> None:
    loaded = load_cohort(_save({"Register": _sheet()}, tmp_path / "register.xlsx"))
    by_row: dict[int, list[Problem]] = {}
    for p in loaded.errors:
        by_row.setdefault(p.row or 0, []).append(p)
    assert sorted(by_row) == [2, 3, 5, 6]  # P2's row is clean
    for row, found in by_row.items():
        assert len(found) == 1, found
        (error,) = found
        assert error.rule == "shared_id" and error.cell == f"A{row}"
        assert "two patients under one ID" in error.message
        for said in ("conflicting sex", "conflicting age_years", "conflicting value"):
            assert said in error.message
    # what neither row can tell stays unknown, as before the errors were folded
    p1 = loaded.cohort.patients.set_index("patient_id").loc["P1"]
    assert p1[["sex", "age_years"]].isna().all()
    pain = loaded.cohort.assessments
    assert pain[pain["patient_id"] == "P1"].empty  # the two sessions' scores disagree
    assert loaded.rows_in == loaded.rows_loaded + loaded.rows_reported


def _problem(row: int, rule: str, message: str, action: str = "", key: bool = False) -> Problem:
    return Problem("f.xlsx", "Log", row, None, None, None, rule, "error", message, action, key)


def test_repeats_on_a_row_are_said_once_and_keep_the_heaviest_cost() -> None:
    orphan = _problem(7, "no_procedure", "outcome recorded for a patient without a procedure")
    problems = [
        orphan,
        orphan,
        _problem(
            7,
            "no_procedure",
            "patient P9 has no procedure with a treated level",
            PATIENT_EXCLUDED,
            True,
        ),
        _problem(7, "range", "pain_vas must lie within 0-10", CELL_MISSING),
        _problem(8, "no_procedure", "outcome recorded for a patient without a procedure"),
    ]
    kept = one_per_row(problems)
    assert [p.rule for p in kept] == ["no_procedure", "range", "no_procedure"]
    first = kept[0]
    assert first.message == (
        "outcome recorded for a patient without a procedure; on this row also: "
        "patient P9 has no procedure with a treated level"
    )
    assert (first.action, first.key) == (PATIENT_EXCLUDED, True)
    assert kept[1:] == problems[3:]
