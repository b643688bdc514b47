"""Shorthands of registers kept by hand: levels listed by number after their region
(``L4,5``), a lone dash in a leakage column, scores headed "after the second procedure"
(``2차 시술 후 VAS``), a birth date that is no calendar date, and words of Hindi and
Persian (``७२/म``, ``ऑस्टियोपोरोटिक``, ``پیگیری نشد``)."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.levels import LevelError, parse_levels
from analysis.load import load_cohort
from analysis.load.header import _read_header
from analysis.normalize.cells import is_missing, parse_cell, parse_pair
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("L4,5", ("L4", "L5")),
        ("L1, 2, 3", ("L1", "L2", "L3")),
        ("T11/12", ("T11", "T12")),
        ("T12-L2, 3", ("T12", "L1", "L2", "L3")),
        ("T12, L1", ("T12", "L1")),
    ],
)
def test_a_number_after_a_level_is_of_its_region(text, levels):
    assert parse_levels(text) == levels


@pytest.mark.parametrize("text", ["T12, 1", "5", "L5, 6"])
def test_a_number_counting_back_or_alone_is_no_level(text):
    with pytest.raises(LevelError, match="not a vertebral level"):
        parse_levels(text)


def _errors(loaded):
    return [p for p in loaded.problems if p.severity == ERROR]


def test_a_dash_in_a_leakage_column_is_no_leak(tmp_path):
    rows = [
        ["Study ID", "Procedure date", "Level", "Volume (ml)", "Leakage", "VAS pre"],
        ["P-01", date(2022, 3, 1), "L1", 4, "none", 7],
        ["P-02", date(2022, 4, 2), "L2", 5, "-", 8],
        ["P-03", date(2022, 5, 3), "T12", 3, "disc", "-"],
    ]
    loaded = load_cohort(_workbook(tmp_path / "leak.xlsx", {"Register": rows}))
    assert _errors(loaded) == []
    leak = dict(zip(loaded.cohort.procedures["patient_id"], loaded.cohort.procedures["leakage"], strict=True))  # fmt: skip
    assert leak == {"P-01": "none", "P-02": "none", "P-03": "disc"}
    pain = loaded.cohort.assessments
    assert set(pain["patient_id"]) == {"P-01", "P-02"}  # a dash among scores: missing


@pytest.mark.parametrize(
    ("header", "timepoint"),
    [
        (["2차 시술 후 VAS 술전", "술전"], "pre"),
        (["2차 시술 후 VAS 1개월", "1개월"], "1m"),
        (["After 2nd procedure VAS pre", "pre"], "pre"),
    ],
)
def test_scores_after_the_second_procedure_are_its_own(header, timepoint):
    _, target, *_, session = _read_header(header, {})
    assert target is not None
    assert (target.measure, target.timepoint, session) == ("pain_vas", timepoint, 2)


def test_a_birth_date_that_is_no_date_is_an_error_not_showing_it(tmp_path):
    rows = [
        ["Study ID", "Date of birth", "Sex", "Procedure date", "Level", "VAS pre"],
        ["P-01", "12/03/1940", "F", date(2022, 3, 1), "L1", 7],
        ["P-02", "31/02/1950", "M", date(2022, 4, 2), "L2", 8],
    ]
    loaded = load_cohort(_workbook(tmp_path / "born.xlsx", {"Register": rows}))
    errors = _errors(loaded)
    assert [(p.row, p.column) for p in errors] == [(3, "Date of birth")]
    assert "not a valid calendar date" in errors[0].message
    assert "1950" not in errors[0].message and errors[0].value is None
    ages = dict(zip(loaded.cohort.patients["patient_id"], loaded.cohort.patients["age_years"], strict=True))  # fmt: skip
    assert ages["P-01"] == 81 and is_missing(ages["P-02"])


@pytest.mark.parametrize("written", ["45/03/12", "10034512345"])
def test_a_birth_date_column_holding_no_full_date_is_not_told(tmp_path, written):
    """A Minguo date of a two-digit year or a national ID number under a birth date's
    header is no date written in full: no error names it."""
    rows = [
        ["Study ID", "Date of birth", "Sex", "Age", "Procedure date", "Level", "VAS pre"],
        ["P-01", written, "F", 70, date(2022, 3, 1), "L1", 7],
    ]
    loaded = load_cohort(_workbook(tmp_path / "born.xlsx", {"Register": rows}))
    assert _errors(loaded) == []


def test_age_and_sex_in_devanagari():
    assert parse_pair("७२/म", ("age_years", "sex")) == {"age_years": 72.0, "sex": "female"}
    assert parse_pair("३६/पु", ("age_years", "sex")) == {"age_years": 36.0, "sex": "male"}


@pytest.mark.parametrize(
    ("text", "etiology"),
    [
        ("ऑस्टियोपोरोटिक फ्रैक्चर D10", "osteoporotic"),
        ("छत से गिरना - # L1", "traumatic"),
    ],
)
def test_hindi_causes_inside_a_diagnosis(text, etiology):
    assert parse_cell(text, load_spec().column("patients", "etiology")) == etiology


def test_persian_not_followed_up_is_missing():
    assert is_missing("پیگیری نشد")
