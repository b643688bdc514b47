"""A registry kept as an Excel table: its totals row ('Total', a count under the study
ID, a sum under the cement) is not a patient; and a score at 6 months of a patient who
died on day 173 is the 6-month visit taken early, not a score after death."""

from __future__ import annotations

from datetime import datetime

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook

HEAD = ["S/N", "Study ID", "Date of op", "Level(s)", "Cement (ml)", "VAS pre", "VAS 6/12", "Date of death"]  # fmt: skip
ROWS = [
    HEAD,
    [1, "SG-1", datetime(2022, 9, 5), "L1", 4, 9, 5, datetime(2023, 2, 25)],
    [2, "SG-2", datetime(2022, 10, 5), "T12", 3.5, 8, 3, None],
    [3, "SG-3", datetime(2022, 11, 5), "L2", 4.5, 7, 2, datetime(2022, 12, 1)],
    ["Total", 3, None, None, 12, 8, None, None],
]


def test_a_totals_row_is_not_a_patient(tmp_path):
    loaded = load_cohort(_workbook(tmp_path / "t.xlsx", {"Registry": ROWS}))
    assert sorted(loaded.cohort.patients["patient_id"]) == ["SG-1", "SG-2", "SG-3"]
    assert [p.row for p in loaded.errors] == [4]  # SG-3's 6-month score, 26 days after the op
    assert any(p.row == 5 and "no value" in p.message for p in loaded.problems)


def test_a_six_month_score_shortly_before_its_due_day_and_death_is_kept(tmp_path):
    loaded = load_cohort(_workbook(tmp_path / "t.xlsx", {"Registry": ROWS}))
    scores = loaded.cohort.assessments
    six = scores[scores["timepoint"] == "6m"]
    assert dict(zip(six["patient_id"], six["value"], strict=True)) == {"SG-1": 5, "SG-2": 3}
    assert [p.rule for p in loaded.errors] == ["after_death"]
    early = [p for p in loaded.problems if p.rule == "after_death" and p.severity == "warning"]
    assert [p.row for p in early] == [2]  # SG-1's: kept, and said
    assert "kept as a visit taken early" in early[0].message
