"""An export recording each measurement's date with its time of day: several baseline
scores on the procedure's own day, none before it, are told apart by their times (the
earliest is the baseline; the later ones may be taken in recovery), each said."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import load_cohort
from analysis.normalize.dates import time_of_day
from tests.test_load_dated_measurements import OPERATED, _book, _measured, _scores


@pytest.mark.parametrize(
    ("cell", "minutes"),
    [
        ("2/3/2022 6:44", 6 * 60 + 44),
        ("2022-02-03 18:05:12", 18 * 60 + 5),
        ("03.02.2022 6:44 PM", 18 * 60 + 44),
        ("3/2/2022 12:10 am", 10),
        (datetime(2022, 2, 3, 8, 47), 8 * 60 + 47),
        (datetime(2022, 2, 3), None),  # a date alone
        ("2/3/2022", None),
        ("6:44", None),  # a time alone is no visit's date
        ("2/3/2022 25:10", None),
    ],
)
def test_the_time_of_day_a_date_cell_gives(cell, minutes):
    assert time_of_day(cell) == minutes


def _at(pid: str, hour: int, minute: int, name: str, value: object) -> list[object]:
    on = OPERATED[pid]
    return [pid, datetime(on.year, on.month, on.day, hour, minute), name, value]


def test_the_earliest_score_of_the_procedure_day_is_the_baseline(tmp_path):
    rows = [
        _at("П-1", 6, 8, "ВАШ, мм", 80),  # before the operation
        _at("П-1", 8, 12, "ВАШ, мм", 50),  # in recovery
        _at("П-1", 9, 11, "ВАШ, мм", 40),
        ["П-1", datetime(2021, 5, 16, 10, 0), "ВАШ, мм", 30],
        _at("П-3", 7, 30, "ВАШ, мм", 70),  # one score on the day: the baseline
    ]
    loaded = load_cohort(_book(tmp_path / "timed.xlsx", rows))
    assert [p for p in loaded.problems if p.rule == "conflict"] == []
    scores = _scores(loaded)
    assert scores[("П-1", 0, "pain_vas", "pre")] == 8.0
    assert scores[("П-1", 0, "pain_vas", "1m")] == 3.0
    assert scores[("П-3", 0, "pain_vas", "pre")] == 7.0
    later = [p for p in loaded.problems if "after one recorded at 06:08" in p.message]
    assert [p.row for p in later] == [5, 6]
    assert "at 08:12" in later[0].message


def test_scores_of_the_procedure_day_without_their_times_still_conflict(tmp_path):
    rows = [
        _measured("П-1", 0, "ВАШ, мм", 80),
        _measured("П-1", 0, "ВАШ, мм", 50),
        _measured("П-1", 33, "ВАШ, мм", 45),
    ]
    loaded = load_cohort(_book(tmp_path / "untimed.xlsx", rows))
    assert {p.row for p in loaded.problems if p.rule == "conflict"} == {4, 5}
