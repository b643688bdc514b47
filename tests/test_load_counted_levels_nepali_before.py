"""Treated levels written with their count in brackets (``L1–L3 (3 levels)``), and the
pain before the operation headed in Nepali under a group header naming the score
(``VAS (0-10)`` over ``शल्यक्रिया अघि``, before the operation)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import CellError, parse_cell
from analysis.normalize.headers import match_header
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def test_levels_with_their_count_in_brackets() -> None:
    level = load_spec().column("procedures", "level")
    assert parse_cell("L1–L3 (3 levels)", level) == ("L1", "L2", "L3")
    assert parse_cell("T11, T12 (2 niveaux)", level) == ("T11", "T12")
    with pytest.raises(CellError, match="not a vertebral level"):
        parse_cell("L1-L3 (2 levels)", level)  # the count disagrees: the cell is reported


def test_before_the_operation_in_nepali_names_the_baseline() -> None:
    found = match_header("VAS (0-10) शल्यक्रिया अघि")
    assert found is not None and (found.measure, found.timepoint) == ("pain_vas", "pre")
    after = match_header("VAS शल्यक्रिया पछि")
    assert after is not None and after.timepoint == "24h"  # after it: as "प्रक्रिया पछि"


def test_a_register_of_counted_levels_and_a_nepali_baseline(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([None] * 5 + ["VAS (0-10)"])
    ws.merge_cells("F1:G1")
    ws.append(["Study No.", "Age", "Sex", "Date of operation", "Level", "शल्यक्रिया अघि", "२४ घण्टा"])  # fmt: skip
    ws.append(["VP-01", 70, "F", "12/05/2021", "L1–L3 (3 levels)", 8, 4])
    ws.append(["VP-02", 66, "M", "30/05/2021", "T12", 7, 3])
    ws.append(["VP-03", 81, "F", "16/10/2021", "T10-T11 (2 levels)", 9, 5])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    procs = loaded.cohort.procedures
    assert sorted(procs.query("patient_id == 'VP-01'")["level"]) == ["L1", "L2", "L3"]
    assert sorted(procs.query("patient_id == 'VP-03'")["level"]) == ["T10", "T11"]
    a = loaded.cohort.assessments
    pre = dict(zip(a.query("timepoint == 'pre'")["patient_id"], a.query("timepoint == 'pre'")["value"], strict=True))  # fmt: skip
    assert pre == {"VP-01": 8, "VP-02": 7, "VP-03": 9}
    _reproduced_by_its_mapping(path, tmp_path)


def test_dates_of_the_bikram_sambat_calendar_are_said_once_per_column(tmp_path: Path) -> None:
    """Dates converted from another calendar (Bikram Sambat, years 2077-2079) are read
    and said: one warning per column, naming the calendar and how many dates."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Study No.", "Age", "Sex", "शल्यक्रिया मिति", "Level", "VAS pre", "1 month date", "VAS 1 month"])  # fmt: skip
    ws.append(["VP-01", 70, "F", "२०७८/११/२०", "L1", 8, "2078-12-20", 3])
    ws.append(["VP-02", 66, "M", "२०७९/०१/०५", "T12", 7, "2079-02-06", 2])
    ws.append(["VP-03", 81, "F", "२०७९/०३/१०", "L2", 9, None, None])
    path = tmp_path / "bs.xlsx"
    wb.save(path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    # 2078-11-20 B.S. is 4 March 2022, 2078-12-20 is 3 April 2022 (Falgun 2078: 30 days);
    # 2079-01-05 is 18 April 2022, 2079-02-06 is 20 May 2022 (Baisakh 2079: 31 days)
    a = loaded.cohort.assessments.query("timepoint == '1m'")
    assert dict(zip(a["patient_id"], a["day"], strict=True)) == {"VP-01": 30, "VP-02": 32}
    assert (date(2022, 4, 3) - date(2022, 3, 4)).days == 30
    said = [p for p in loaded.problems if p.rule == "calendar_converted"]
    assert [(p.cell, p.row) for p in said] == [("D1", 1), ("G1", 1)]
    assert "3 date(s) of the Bikram Sambat (Nepali) calendar" in said[0].message
    assert "2 date(s)" in said[1].message
