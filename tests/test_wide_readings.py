"""A wide sheet's cells are read once per column and distinct raw value: every row holding
a value still gets its own problems, at its own cell, and values that only look alike
(``True``, ``1``, ``1.0``, ``"1"``; ``0.0`` and ``-0.0``) are read apart."""

from __future__ import annotations

from datetime import date, datetime

from analysis.load import load_cohort
from analysis.load.readings import MEASURE, CellReading, apply_readings, cell_keys
from analysis.problems import Source
from tests.helpers import clean_rows, write_messy_workbook


def test_a_value_on_several_rows_is_reported_at_each_row(tmp_path):
    rows = clean_rows()
    rows[0][7] = rows[2][7] = "L7"  # H5, H7: not a level (S01 and S02 are excluded)
    rows[1][9] = rows[2][9] = "~4,5"  # J6, J7: an approximate volume
    rows[0][10] = True  # K5: yes/no where a score is expected
    rows[3][10] = 1  # K8: the score 1, equal to True in Python but not in a sheet
    result = load_cohort(write_messy_workbook(tmp_path / "r.xlsx", rows))
    where = sorted((p.rule, p.cell, p.value, p.message) for p in result.problems if p.cell)
    assert where == [
        ("approximate", "J6", None, "approximate value read as 4,5"),
        ("approximate", "J7", None, "approximate value read as 4,5"),
        ("level", "H5", "L7", "not a vertebral level (C1-S1)"),
        ("level", "H7", "L7", "not a vertebral level (C1-S1)"),
        ("number", "K5", "True", "a yes/no value where a number is expected"),
    ]
    assert [p.row for p in result.problems if p.rule == "level"] == [5, 7]
    pre = result.cohort.assessments.query("timepoint == 'pre' and measure == 'pain_vas'")
    assert pre.set_index("patient_id")["value"].to_dict() == {"S03": 1.0}


def test_values_equal_in_python_but_not_in_a_sheet_get_keys_of_their_own():
    cells = [True, 1, 1.0, "1", 0.0, -0.0, 0, False, None, date(2021, 3, 1)]
    cells.append(datetime(2021, 3, 1))
    keys = cell_keys(cells)
    assert len(set(keys)) == len(cells)
    assert cell_keys(["a", None, "a"]) == ["a", None, "a"]  # text is its own key
    plain = (3.5, None, "L1", 3.5, datetime(2021, 3, 1))
    assert cell_keys(plain) is plain  # no two distinct values compare equal
    assert len(set(cell_keys([0.0, -0.0, 2.5]))) == 3


def test_an_outcome_error_is_reported_only_where_the_row_has_a_time_point():
    error = Source("r.csv", "r", 0).problem("range", "pain_vas must lie within 0-10")
    reading = CellReading(error=error, action=MEASURE, name="pain_vas", part=1)
    row7, row9 = Source("r.csv", "r", 7), Source("r.csv", "r", 9)
    for timepoint, expected in ((None, []), ("1m", [(7, "pain_vas must lie within 0-10")])):
        problems: list = []
        assessments: list = []
        apply_readings([reading], row7, "S1", timepoint, {}, assessments, {}, problems)
        assert [(p.row, p.message) for p in problems] == expected
        assert assessments == []
    good = CellReading(action=MEASURE, value=4.0, name="pain_vas", part=2)
    assessments = []
    apply_readings([good], row9, "S1", "3m", {}, assessments, {}, [])
    outcome = {"timepoint": "3m", "measure": "pain_vas", "value": 4.0, "patient_id": "S1"}
    assert assessments == [(2, {**outcome, "_session": None, "_src": row9})]
