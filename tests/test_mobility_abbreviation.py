"""``Mob`` under a time point's group is the mobility score abbreviated (a 0-4 scale);
``Mob. no.`` is a mobile phone's number, an identifier, never that score."""

from __future__ import annotations

from datetime import datetime

from analysis.load import load_cohort
from analysis.normalize import match_header
from tests.test_any_workbook import _workbook


def test_mob_is_the_mobility_score_and_mob_no_a_phone():
    assert match_header("Mob", {}).measure == "mobility"
    phone = match_header("Mob. no.", {})
    assert (phone.kind, phone.column) == ("identifier", "phone")


def test_mob_columns_under_visit_groups_are_read_as_mobility(tmp_path):
    rows = [
        ["Patient", None, None, "Procedure", None, "Pre-op", None, "6 weeks", None],
        ["Study no.", "Mob. no.", "Age", "Date", "Level", "VAS", "Mob", "VAS", "Mob"],
        ["WH-1", "+264 81 385 7274", 78, datetime(2020, 4, 4), "T11", 8, 4, 3, 1],
        ["WH-2", "+264 81 704 8628", 70, datetime(2020, 4, 9), "L1", 7, 3, 4, 2],
        ["WH-3", "+264 81 512 9612", 66, datetime(2020, 5, 2), "L2", 9, 2, 2, 6],
    ]
    merges = [("Register", "A1:C1"), ("Register", "D1:E1"), ("Register", "F1:G1"), ("Register", "H1:I1")]  # fmt: skip
    loaded = load_cohort(_workbook(tmp_path / "register.xlsx", {"Register": rows}, merges))
    a = loaded.cohort.assessments
    mob = a[a["measure"] == "mobility"].sort_values(["procedure_id", "timepoint"])
    assert sorted(zip(mob["timepoint"], mob["value"], strict=True)) == [
        ("6w", 1.0),
        ("6w", 2.0),
        ("pre", 2.0),
        ("pre", 3.0),
        ("pre", 4.0),
    ]
    beyond = [p for p in loaded.problems if p.cell == "I5"]
    assert beyond and "6" in str(beyond[0])
    assert not any("385" in str(p) for p in loaded.problems)
