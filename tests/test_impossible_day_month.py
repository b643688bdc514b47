"""A date typed as text whose two first numbers are both above 12 ("13/27/2023" in a
column of real dates): no month in either order, so it is that cell's error, named on
its cell, not a column whose day/month order cannot be told."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import CellError
from analysis.normalize.dates import _parse_text, parse_date_column
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook


@pytest.mark.parametrize("order", [None, "dmy", "mdy"])
def test_no_month_in_either_order_is_no_date(order):
    with pytest.raises(CellError, match="neither 13 nor 27 can be the month"):
        _parse_text("13/27/2023", order)


def test_a_date_only_one_order_reads_is_still_open_without_an_order():
    with pytest.raises(CellError, match="ambiguous date"):
        _parse_text("05/11/2023", None)
    assert parse_date_column(["27/05/2023"]) == [date(2023, 5, 27)]


def test_the_impossible_date_leaves_the_column_s_other_dates_read():
    got = parse_date_column(["13/27/2023", datetime(2023, 5, 1), "12/04/2023"])
    assert isinstance(got[0], CellError) and got[0].rule == "date"
    assert got[1] == date(2023, 5, 1)
    assert isinstance(got[2], CellError) and got[2].rule == "date_order"


def test_the_cell_is_named_in_a_column_of_real_dates(tmp_path):
    rows = [
        ["Study No", "Sex", "Age", "Date", "Level(s)", "Procedure", "Cement (ml)"],
        ["K-01", "F", 78, datetime(2022, 12, 4), "T11", "BKP", 5],
        ["K-02", "M", 70, "13/27/2023", "L1", "PVP", 3.5],
        ["K-03", "F", 74, datetime(2023, 12, 5), "L4", "PVP", 4],
    ]
    loaded = load_cohort(_workbook(tmp_path / "log.xlsx", {"Sessions": rows}))
    errors = [p for p in loaded.problems if p.severity == ERROR]
    assert [(p.sheet, p.row, p.column, p.cell) for p in errors] == [("Sessions", 3, "Date", "D3")]
    assert "neither 13 nor 27 can be the month" in errors[0].message
    assert set(loaded.cohort.patients["patient_id"].astype(str)) == {"K-01", "K-03"}
