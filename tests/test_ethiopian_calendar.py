"""An Ethiopian register: dates of the Ethiopian calendar (``dd/mm/yyyy``, month 13 being
Pagume) read as such only where a date column's header or a note above the table names
the calendar (``E.C.``, ``ዓ.ም.``), converted to Gregorian days exactly, said in
``inspect`` and written in the mapping file as the column's ``calendar``; a year alone
never decides it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import CellError
from analysis.normalize.dates import calendar_in_text, parse_date_column
from analysis.problems import ERROR
from tests.test_load_visit_rows import _reproduced_by_its_mapping


@pytest.mark.parametrize(
    ("text", "gregorian"),
    [
        ("01/01/2016", date(2023, 9, 12)),  # Meskerem 1, 2016 E.C.
        ("05/13/2015", date(2023, 9, 10)),  # Pagume 5 of a year of six Pagume days
        ("06/13/2015", date(2023, 9, 11)),  # 2015 E.C. ends with Pagume 6
        ("05/13/2016", date(2024, 9, 10)),  # 2016 E.C. ends with Pagume 5
        ("30/04/2015", date(2023, 1, 8)),  # Tahsas 30 (after Ethiopian Christmas eve)
        ("22/01/2014", date(2021, 10, 2)),
    ],
)
def test_ethiopian_dates_are_their_gregorian_days(text: str, gregorian: date) -> None:
    assert parse_date_column([text], "dmy", "ethiopian") == [gregorian]


@pytest.mark.parametrize("text", ["31/04/2015", "06/13/2016", "31/13/2015", "01/00/2015"])
def test_a_day_the_ethiopian_calendar_has_not_is_an_error(text: str) -> None:
    (parsed,) = parse_date_column([text], "dmy", "ethiopian")
    assert isinstance(parsed, CellError)
    assert "Ethiopian calendar" in parsed.message


def test_a_thirteenth_month_is_a_month_so_a_day_above_13_proves_the_order() -> None:
    # 05/13/2015 alone: the fifth of Pagume or the thirteenth of the fifth month
    assert isinstance(parse_date_column(["05/13/2015"], None, "ethiopian")[0], CellError)
    assert parse_date_column(["05/13/2015", "22/01/2014"], None, "ethiopian")[0] == date(2023, 9, 10)  # fmt: skip


def test_the_calendar_is_named_by_a_mark_never_by_a_word_inside_another() -> None:
    assert calendar_in_text("ቀን (Date, E.C.)") == "ethiopian"
    assert calendar_in_text("Procedure date 2016 ዓ.ም.") == "ethiopian"
    assert calendar_in_text("log (dates in E.C.)") == "ethiopian"
    assert calendar_in_text("Date") is None
    assert calendar_in_text("Electrocautery") is None
    assert calendar_in_text("Spec. cement") is None


HEAD = ["Study No.", "Sex", "Age", "Date of procedure", "Level", "Procedure", "Pain before", "Pain 1 month"]  # fmt: skip
ROWS = [
    ["ET-01", "F", 70, "22/01/2014", "L1", "VP", 8, 3],
    ["ET-02", "M", 66, "05/13/2015", "T12", "KP", 7, 2],
    ["ET-03", "F", 81, "30/04/2015", "L2", "VP", 9, 4],
    ["ET-01", "F", 70, "25/02/2014", "L3", "VP", 6, 2],
]
# 22/01/2014 E.C. is 2 Oct 2021, 25/02/2014 E.C. is 4 Nov 2021: 33 days apart
# (read as Gregorian day-first dates they would be 34 days apart)


def _workbook(path: Path, title: str, date_header: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append([title])
    ws.append([])
    ws.append([date_header if h == "Date of procedure" else h for h in HEAD])
    for row in ROWS:
        ws.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("title", "header"),
    [
        ("Vertebroplasty log", "Date of procedure (E.C.)"),
        ("Vertebroplasty log, dates in E.C.", "Date of procedure"),
        ("Vertebroplasty log (ቀን በ ዓ.ም.)", "Date of procedure"),
    ],
)
def test_a_register_naming_the_ethiopian_calendar_is_read_in_it(
    tmp_path: Path, title: str, header: str
) -> None:
    path = _workbook(tmp_path / "register.xlsx", title, header)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    procs = loaded.cohort.procedures.set_index(["patient_id", "level"])
    assert procs.loc[("ET-01", "L3"), "day"] == 33
    assert procs.loc[("ET-01", "L1"), "day"] == 0
    date_col = next(c for c in inspect_input(path).columns if c.letter == "D")
    assert "dates of the Ethiopian calendar" in date_col.reason
    read = _reproduced_by_its_mapping(path, tmp_path)
    assert "Ethiopian" in read[date_col.header].reason


def test_the_calendar_written_in_the_mapping_file(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "register.xlsx", "Vertebroplasty log", "Date (E.C.)")
    table = inspect_input(path).mapping()["tables"][0]
    assert table["columns"]["D"]["calendar"] == "ethiopian"


def test_an_ethiopian_year_alone_does_not_decide_the_calendar(tmp_path: Path) -> None:
    """Without a mark naming the calendar the dates are Gregorian: Pagume's 05/13/2015
    reads as month-first beside day-first dates, the column's order is reported as
    undecided, and nothing is converted on a guess."""
    path = _workbook(tmp_path / "register.xlsx", "Vertebroplasty log", "Date of procedure")
    loaded = load_cohort(path)
    assert not any("Ethiopian" in c.reason for c in inspect_input(path).columns)
    assert "calendar" not in inspect_input(path).mapping()["tables"][0]["columns"]["D"]
    assert any(
        p.severity == ERROR
        and (p.cell or "").startswith("D")
        and "day-first or month-first" in p.message
        for p in loaded.problems
    )
