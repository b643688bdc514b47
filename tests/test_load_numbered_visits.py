"""Follow-up visits across a procedure's row as numbered pairs of columns (``Visit 1
date``, ``Visit 1 NRS``, ``Visit 2 date``, ...), in the order they happened and
naming no time point: each score read with its own date, at the time point its days
after the procedure name (batch 29, a Canadian unit)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping as reproduced_by_its_mapping

HEADER = ["Study #", "Sex", "Age", "Proc date", "Level 1", "Vol 1 (cc)"]
HEADER += [f"Visit {n} {what}" for n in (1, 2, 3, 4) for what in ("date", "NRS")]


def _row(pid: str, done: date, level: str, *visits: tuple[int, object]) -> list[object]:
    cells: list[object] = [pid, "F", 77, done, level, 3.0]
    for day, score in visits:
        cells += [done + timedelta(days=day), score]
    return cells


def _book(path: Path) -> Path:
    d1, d2, d3, d4 = date(2022, 3, 1), date(2022, 5, 10), date(2022, 6, 2), date(2022, 9, 20)
    rows = [
        HEADER,
        _row("P-1", d1, "T12", (-3, 8), (13, 4), (41, 3), (95, 2)),  # row 2
        _row("P-2", d2, "L1", (0, 9), (44, 11), (88, 3)),  # row 3: NRS 11
        _row("P-3", d3, "L2", (-1, 7), (15, 5), (94 - 365, 2)),  # row 4: a year mistyped
        _row("P-4", d4, "T11", (-2, 6), (180, 1)),  # a missed visit: the pairs move left
    ]
    return _workbook(path, {"Outcomes": rows})


def test_numbered_date_and_score_pairs_are_read_by_their_own_dates(tmp_path):
    path = _book(tmp_path / "numbered.xlsx")
    loaded = load_cohort(path)
    scores = {
        (r["patient_id"], r["timepoint"]): r["value"]
        for r in loaded.cohort.assessments.to_dict("records")
    }
    assert scores == {
        ("P-1", "pre"): 8, ("P-1", "2w"): 4, ("P-1", "6w"): 3, ("P-1", "3m"): 2,
        ("P-2", "pre"): 9, ("P-2", "3m"): 3,
        ("P-3", "pre"): 7, ("P-3", "2w"): 5,
        ("P-4", "pre"): 6, ("P-4", "6m"): 1,
    }  # fmt: skip
    assert [(p.cell, p.rule) for p in loaded.errors] == [("J3", "range"), ("K4", "visit_date")]
    assert "a year later it would be the 3m visit" in loaded.errors[1].message
    (warned,) = [p for p in loaded.problems if p.rule == "timepoint_by_date"]
    assert "4 visit(s) (rows 2-5)" in warned.message
    reproduced_by_its_mapping(path, tmp_path)


def test_one_numbered_pair_is_no_row_of_visits(tmp_path):
    """A single ``Visit 1 date`` / ``Visit 1 NRS`` names no series of visits: its
    score is not read at a time point guessed from its date."""
    rows = [HEADER[:8], _row("P-1", date(2022, 3, 1), "T12", (41, 3))]
    rows += [_row("P-2", date(2022, 4, 1), "L1", (44, 2))]
    loaded = load_cohort(_workbook(tmp_path / "one.xlsx", {"Outcomes": rows}))
    assert loaded.cohort.assessments.empty
