"""Leakage written level by level with no leak at one of them (``T8: disc, T9: none``):
each vertebra takes its own, not an error that a cell says 'none' and a site at once (a
cell saying both of one vertebra still is one)."""

from __future__ import annotations

from pathlib import Path

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook

HEADER = ["Study ID", "Sex", "Age", "Date of procedure", "Level", "Leakage", "VAS pre"]


def _register(path: Path, rows: list[list[object]]) -> Path:
    return _workbook(path, {"Sheet": [HEADER, *rows]})


def test_no_leak_at_one_level_and_a_leak_at_another(tmp_path: Path) -> None:
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["P-01", "F", 70, "2022-03-01", "T8, T9", "T8: disc, T9: none", 7],
            ["P-02", "M", 66, "2022-04-01", "T4, T5, T6", "T4: epidural, T5: none, T6: none", 8],
            *([f"P-{k:02d}", "F", 81, f"2022-05-{k:02d}", "L1", "none", 6] for k in range(3, 9)),
        ],
    )
    result = load_cohort(path)
    assert not result.errors
    procs = result.cohort.procedures
    two = procs[procs["patient_id"].isin(["P-01", "P-02"])]
    got = dict(zip(two["level"].astype(str), two["leakage"].astype(str), strict=True))
    assert got == {"T8": "disc", "T9": "none", "T4": "epidural", "T5": "none", "T6": "none"}
    assert (procs[procs["level"] == "L1"]["leakage"] == "none").sum() == 6


def test_none_and_a_site_of_one_cell_is_still_an_error(tmp_path: Path) -> None:
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["P-01", "F", 70, "2022-03-01", "T8, T9", "none, disc", 7],
            *([f"P-{k:02d}", "F", 81, f"2022-05-{k:02d}", "L1", "none", 6] for k in range(3, 9)),
        ],
    )
    errors = load_cohort(path).errors
    assert [p.column for p in errors] == ["Leakage"]
    assert "cannot be 'none' and a site at once" in errors[0].message
