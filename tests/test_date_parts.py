"""Dates written in three columns (day | month | year under one date header), Persian
decimal slashes and per-level volumes, a level column that is no column of item kinds,
and the Bosnian words of a procedure book."""

from __future__ import annotations

import pytest

from analysis.load import load_cohort
from analysis.load.inspect import inspect_input
from analysis.load.item_rows import _kind_candidates
from analysis.normalize.cells import parse_volume, parse_volumes
from analysis.normalize.deaths import names_death
from analysis.normalize.headers import match_header
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping


def _three_column_dates(tmp_path, bad_day: int = 30):
    head = ["Study ID", "Sex", "Age", "Procedure date", None, None, "Level", "Cement (ml)", "1 month", None, None, None]  # fmt: skip
    sub = [None, None, None, "Day", "Month", "Year", None, None, "Day", "Month", "Year", "VAS"]
    rows = [["Registry"], head, sub]
    for k in range(6):
        day = bad_day if k == 2 else 10 + k
        rows.append([f"P{k}", "F", 70 + k, 3 + k, 3, 2022, "L1", 3.5, day, 4, 2022, 3])
    merges = [("Reg", "D2:F2"), ("Reg", "I2:L2")] + [("Reg", f"{c}2:{c}3") for c in "ABCGH"]
    return _workbook(tmp_path / "dates.xlsx", {"Reg": rows}, merges)


def test_a_date_in_three_columns_is_read_as_one_date(tmp_path):
    path = _three_column_dates(tmp_path)
    loaded = load_cohort(path)
    pain = loaded.cohort.assessments.set_index("patient_id")
    # procedure 3 March 2022, visit 10 April 2022: day 38 (each date from its three cells)
    assert pain.loc["P0", "day"] == 38
    assert pain.loc["P0", "timepoint"] == "1m"
    assert not [p for p in loaded.problems if p.severity == ERROR]
    columns = _reproduced_by_its_mapping(path, tmp_path)
    joined = [c for c in columns.values() if "three columns" in (c.reason or "")]
    assert {c.label for c in joined} == {"date:procedure_date", "date:visit_date@1m"}


def test_an_impossible_date_in_three_columns_is_named_on_its_day_cell(tmp_path):
    path = _three_column_dates(tmp_path, bad_day=31)  # 31 April
    errors = [p for p in load_cohort(path).problems if p.severity == ERROR]
    assert [(p.cell, p.row) for p in errors] == [("I6", 6)]
    assert "Day/Month/Year" in (errors[0].column or "")


@pytest.mark.parametrize("header", ["Day/Month/Year", "روز/ماه/سال", "Tag Monat Jahr"])
def test_the_names_of_a_dates_parts_head_a_date(header):
    target = match_header(header)
    assert target is not None and target.label == "date:procedure_date"
    assert match_header("Day/Month") is None


def test_a_bare_date_under_a_group_naming_whose_date_takes_the_groups(tmp_path):
    rows = [["Study ID", "Level", "Date of death", None, None], [None, None, "Day", "Month", "Year"]]  # fmt: skip
    rows += [[f"P{k}", "L1", 5 if k == 0 else None, 6 if k == 0 else None, 2023 if k == 0 else None] for k in range(4)]  # fmt: skip
    path = _workbook(tmp_path / "death.xlsx", {"Reg": rows}, [("Reg", "C1:E1"), ("Reg", "A1:A2"), ("Reg", "B1:B2")])  # fmt: skip
    labels = {c.letter: c.label for c in inspect_input(path).columns}
    assert labels["C"] == "date:death_date"


@pytest.mark.parametrize(
    ("text", "one", "several"),
    [
        ("۳/۵", 3.5, None),
        ("جمع ۷/۵", 7.5, None),
        ("T12: ۳ – L1: ۴/۵", None, (3.0, 4.5)),
        ("T12: 5 – L1: 5.5 – L2: 4", None, (5.0, 5.5, 4.0)),
        ("2.5/3 ml", None, (2.5, 3.0)),  # ASCII digits: a slash still lists two volumes
    ],
)
def test_persian_decimal_slash_and_volumes_per_level(text, one, several):
    assert parse_volumes(text) == several
    if one is not None:
        assert parse_volume(text) == one


def test_a_persian_date_keeps_its_slashes():
    from analysis.normalize.cells import fold_width

    assert fold_width("۱۴۰۱/۰۲/۰۷") == "1401/02/07"


def test_a_column_of_vertebral_levels_is_no_column_of_item_kinds():
    levels = ["L1", "T12", "L2", "T11", "L1 و L2", "L3"] * 3
    kinds = ["PROC", "ESCALA", "MAT"] * 6
    data = [[lv, k] for lv, k in zip(levels, kinds, strict=True)]
    assert _kind_candidates(data, 2, set()) == [1]


def test_bosnian_words_of_a_procedure_book():
    leak = match_header("Ekstravazacija cementa")
    assert leak is not None and leak.label == "procedures.leakage"
    total = match_header("Ukupno (ml)")
    assert total is not None and total.label == "procedures.session_cement_volume_ml"
    assert timepoint_of("пријеоп.") == "pre"
    assert timepoint_of("1 мј.") == "1m"
    assert names_death("exitus letalis (javila porodica)")
