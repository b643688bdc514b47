"""A follow-up sheet of one row per procedure, the procedure named by its date alone (no
level, cement or technique on the sheet), beside a sheet of one row per treated vertebra:
each follow-up row's scores are the session of that date's, a repeat procedure's row its
own session's, never a procedure without a treated level."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

PROCEDURES = [
    ["Study ID", "Sex", "Age", "Procedure date", "Level", "Cement (mL)"],
    ["P01", "F", 81, date(2022, 3, 1), "L1", 4],
    ["P01", "F", 81, date(2022, 3, 1), "L2", 3.5],
    ["P02", "M", 72, date(2022, 4, 5), "T12", 3.5],
    ["P02", "M", 72, date(2022, 9, 20), "L3", 5],
]
FOLLOW_UP = [
    ["Study ID", "Procedure date", "VAS pre-op", "VAS 3 mth"],
    ["P01", "1/03/2022", 8, 3],
    ["P02", "5/04/2022", 7, 2],
    ["P02", "20/09/2022", 9, 4],
]


def test_follow_up_rows_named_by_their_procedure_date(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "audit.xlsx", {"Procedures": PROCEDURES, "Follow-up": FOLLOW_UP})
    result = load_cohort(path)
    assert not result.errors
    procs = result.cohort.procedures
    assert sorted(zip(procs["procedure_id"], procs["level"], strict=True)) == [
        ("P01-1", "L1"),
        ("P01-1", "L2"),
        ("P02-1", "T12"),
        ("P02-2", "L3"),
    ]
    pain = result.cohort.assessments.query("measure == 'pain_vas'")
    got = {(p, t): v for p, t, v in zip(pain["procedure_id"], pain["timepoint"], pain["value"], strict=True)}  # fmt: skip
    assert got == {
        ("P01-1", "pre"): 8.0,
        ("P01-1", "3m"): 3.0,
        ("P02-1", "pre"): 7.0,
        ("P02-1", "3m"): 2.0,
        ("P02-2", "pre"): 9.0,
        ("P02-2", "3m"): 4.0,
    }
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_follow_up_date_naming_no_procedure_is_reported(tmp_path: Path) -> None:
    follow_up = [*FOLLOW_UP[:3], ["P02", "21/10/2022", 9, 4]]
    path = _workbook(tmp_path / "audit.xlsx", {"Procedures": PROCEDURES, "Follow-up": follow_up})
    problems = [(p.sheet, p.row) for p in load_cohort(path).problems]
    assert ("Follow-up", 4) in problems
