"""Identifier-shaped values never echoed; exported cells never run as formulas."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from analysis.problems import ProblemLog, Source
from analysis.safety import looks_like_identifier, neutralize, neutralize_frame, shown_value


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("L7", "L7"),
        ("T12/L1", "T12/L1"),
        ("12", "12"),
        ("4,5 ml", "4,5 ml"),
        ("X", "X"),
        (99, "99"),
        ("+44 20 7946 0958", "a number with 12 digits"),
        ("0201234567", "a number with 10 digits"),
        ("MRN-8812345", "a number with 7 digits"),
        ("maria.kowalski@example.org", "an e-mail address"),
        ("03/02/1941", "a date"),
        (datetime(1941, 2, 3), "a date"),
        ("Maria Kowalski", "text of 14 characters"),
        ("Smith", "text of 5 characters"),
        (8812345, "a number with 7 digits"),
    ],
)
def test_values_that_could_identify_are_shown_by_their_shape(value, shown):
    assert shown_value(value) == shown


@pytest.mark.parametrize(
    ("text", "identifying"),
    [
        ("Cases", False),
        ("Cement Volume", False),
        ("VAS pain pre", False),
        ("Maria Kowalski", True),
        ("Kowalski, Maria", True),
        ("MRN 8812345", True),
        ("export_2021-03-04.xlsx", True),
        ("j.smith@example.org", True),
        ("registry.xlsx", False),
    ],
)
def test_identifier_shaped_names(text, identifying):
    assert looks_like_identifier(text) is identifying


def test_formula_cells_are_neutralised_numbers_are_not():
    assert neutralize('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert neutralize("@SUM(A1)") == "'@SUM(A1)"
    assert neutralize("\tcmd") == "'\tcmd"
    assert neutralize("-2.5") == "-2.5"
    assert neutralize("+3") == "+3"
    assert neutralize("-x") == "'-x"
    frame = neutralize_frame(pd.DataFrame({"=a": ["=1+1", "ok", None], "n": [1, 2, 3]}))
    assert list(frame.columns) == ["'=a", "n"]
    assert frame["'=a"].tolist()[:2] == ["'=1+1", "ok"]


@pytest.mark.parametrize(
    "cell",
    ["-2.7 (0.9)", "-4.1 (-4.3 to -3.8)", "-2.0 (-2.0 to -1.0)", "-3 (-12.5%)", "+1.5 (0.2, 3.1)",
     "-0.5 [-1.0; 0.2]", "-12%", "-1e-05"],
)  # fmt: skip
def test_a_number_with_its_interval_or_sd_is_written_as_it_is(cell):
    assert neutralize(cell) == cell


@pytest.mark.parametrize(
    "cell",
    ["-2+3", "-1 (2)+cmd|' /C calc'!A0", "+1 (SUM(A1))", "-2 (1 to A1)", "-2.7 (0.9",
     "-2.7 (0.9) to", "=1", "@1", "\t-1", "\r-2.5", "-1 (2) (3)"],
)  # fmt: skip
def test_anything_else_starting_like_a_formula_is_quoted(cell):
    assert neutralize(cell) == "'" + cell


def test_problems_frame_names_identifier_sheets_and_files_by_position():
    src = Source("Maria Kowalski 1941.xlsx", "John Smith", 5)
    log = ProblemLog(
        [src.problem("level", "not a level", column="8812345", col_index=3, value="+44 7946 0958")]
    )
    frame = log.to_frame()
    row = frame.iloc[0]
    assert (row["file"], row["sheet"], row["column"], row["value"]) == (
        "input file 1",
        "sheet 1",
        "column C",
        "a number with 10 digits",
    )
    text = frame.to_csv()
    for secret in ("Maria", "Kowalski", "1941", "John Smith", "8812345", "7946"):
        assert secret not in text
