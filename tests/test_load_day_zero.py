"""Scores headed by the days after the procedure (``EVA D0``, ``EVA D1``, ``EVA D30``):
day zero, the procedure's own day, is the score taken before it (the baseline); and a new
fracture's level beside a date typed with its month's name between slashes
(``T8 – 24/nov/21``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analysis.load import inspect_input, load_cohort
from analysis.normalize.dates import split_level_date
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

# fmt: off
_ROWS = [
    ["Cód.", "Sexo", "Idade", "Data cirurgia", "Níveis", "EVA D0", "EVA D1", "EVA D30", "ODI D0 (%)", "ODI D90 (%)", "Nível / data nova fx"],
    ["MA-01", "M", 72, date(2021, 2, 27), "L1", 7, 4, 3, 68, 34, None],
    ["MA-02", "F", 60, date(2021, 4, 7), "T12", 9, 7, 6, 58, 30, "T8 – 24/nov/21"],
    ["MA-03", "F", 73, date(2021, 6, 2), "T11", 8, 6, "NC", 76, 28, None],
    ["MA-04", "M", 81, date(2021, 8, 24), "L4", 6, 5, 4, 70, 40, "L3 – 02/fev/22"],
    ["MA-05", "F", 67, date(2021, 9, 10), "L3", 7, 5, 3, 52, 30, "L4 – 07/jan/22"],
]
# fmt: on


def test_day_zero_alone_is_the_procedures_day_before_it():
    assert [timepoint_of(t) for t in ("D0", "Day 0", "día 0", "D0 (pre-op)")] == ["pre"] * 4
    assert timepoint_of("D0 post-op") is None  # the day's own score after it: no time point
    assert [timepoint_of(t) for t in ("D1", "D30")] == ["24h", "1m"]


def test_a_level_beside_a_date_with_its_month_named_between_slashes():
    assert split_level_date("T8 – 24/nov/21") == ("T8", date(2021, 11, 24))
    assert split_level_date("L2 - 04/nov/2022") == ("L2", date(2022, 11, 4))
    assert split_level_date("L2 04/xyz/22") is None  # no month's name


def test_scores_headed_by_days_after_the_procedure(tmp_path: Path):
    path = _workbook(tmp_path / "d0.xlsx", {"VP": _ROWS})
    loaded = load_cohort(path)
    assert [(p.cell, p.message) for p in loaded.problems if p.severity == ERROR] == []
    a = loaded.cohort.assessments
    pre = a[a["timepoint"] == "pre"]
    got = {(r.patient_id, r.measure): r.value for r in pre.itertuples()}
    assert got == {
        ("MA-01", "pain_vas"): 7, ("MA-01", "odi"): 68,
        ("MA-02", "pain_vas"): 9, ("MA-02", "odi"): 58,
        ("MA-03", "pain_vas"): 8, ("MA-03", "odi"): 76,
        ("MA-04", "pain_vas"): 6, ("MA-04", "odi"): 70,
        ("MA-05", "pain_vas"): 7, ("MA-05", "odi"): 52,
    }  # fmt: skip
    read = {c.letter: c.label for c in inspect_input(path).columns}
    assert read["F"] == "pain_vas@pre" and read["I"] == "odi@pre"
    fx = loaded.cohort.fractures
    got_fx = set(zip(fx["patient_id"], fx["level"], fx["day"], strict=True))
    assert got_fx == {("MA-02", "T8", 231), ("MA-04", "L3", 162), ("MA-05", "L4", 119)}
    _reproduced_by_its_mapping(path, tmp_path)
