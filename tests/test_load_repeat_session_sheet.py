"""First sessions on one sheet, repeat sessions on another (``2nd procedure date`` its
only procedure date, the levels, cement and pain under plain headers): each row of the
second sheet is the patient's second session, its outcomes that session's; a second
session dated before the first is an error on its date's cell, never a silent first
session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analysis.load import inspect_input, load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

FIRST = [
    ["Study ID", "Sex", "Age", "Procedure date", "Level", "Volume (ml)", "VAS pre", "VAS 1 month"],
    ["P01", "F", 81, date(2022, 3, 1), "L1", 4, 8, 3],
    ["P02", "M", 72, date(2022, 4, 5), "T12", 3.5, 7, 2],
    ["P03", "F", 66, date(2022, 5, 9), "L2", 5, 9, 4],
    ["P04", "F", 79, date(2022, 6, 2), "T11", 3, 6, 2],
]
REPEAT = [
    ["Study ID", "2nd procedure date", "Level", "Volume (ml)", "VAS pre", "VAS 1 month"],
    ["P01", date(2022, 9, 1), "T10", 3, 7, 1],
    ["P03", date(2022, 11, 20), "L4", 4.5, 8, 2],
]


def _register(path: Path, repeat: list[list[object]]) -> Path:
    return _workbook(path, {"First": FIRST, "Repeat": repeat})


def test_a_sheet_of_repeat_sessions(tmp_path: Path) -> None:
    path = _register(tmp_path / "register.xlsx", REPEAT)
    result = load_cohort(path)
    assert not result.errors
    procs = result.cohort.procedures
    got = sorted(zip(procs["procedure_id"], procs["level"], procs["day"], procs["cement_volume_ml"], strict=True))  # fmt: skip
    assert got == [
        ("P01-1", "L1", 0, 4.0),
        ("P01-2", "T10", 184, 3.0),
        ("P02-1", "T12", 0, 3.5),
        ("P03-1", "L2", 0, 5.0),
        ("P03-2", "L4", 195, 4.5),
        ("P04-1", "T11", 0, 3.0),
    ]
    pain = result.cohort.assessments.query("measure == 'pain_vas'")
    by_session = {(p, t): v for p, t, v in zip(pain["procedure_id"], pain["timepoint"], pain["value"], strict=True)}  # fmt: skip
    assert by_session[("P01-1", "pre")] == 8.0
    assert by_session[("P01-2", "pre")] == 7.0
    assert by_session[("P03-2", "1m")] == 2.0
    assert len(by_session) == 12
    readings = {(c.sheet, c.header): c for c in inspect_input(path).columns}
    assert "the row's only procedure date is the second session's" in readings[("Repeat", "Level")].reason  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_repeat_session_dated_before_the_first_is_an_error(tmp_path: Path) -> None:
    repeat = [REPEAT[0], ["P01", date(2021, 9, 1), "T10", 3, 7, 1], REPEAT[2]]
    result = load_cohort(_register(tmp_path / "r.xlsx", repeat))
    errors = [(p.sheet, p.row, p.column, p.message) for p in result.errors]
    assert errors == [
        (
            "Repeat",
            2,
            "2nd procedure date",
            "the second procedure is dated before the first; check its date",
        )
    ]
    assert "P01" not in set(result.cohort.procedures["patient_id"])
    assert {"P02", "P03", "P04"} <= set(result.cohort.procedures["patient_id"])
