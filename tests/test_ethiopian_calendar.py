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
from analysis.normalize.dates import calendar_in_text, own_calendar, parse_date_column
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


@pytest.mark.parametrize(
    ("text", "gregorian"),
    [
        ("27/05/2013 ዓ.ም", date(2021, 2, 4)),  # marked E.C.: Tir 27, 2013
        ("01/13/2013 ዓ.ም", date(2021, 9, 6)),  # Pagume 1: 13 is a month here
        ("ሚያዝያ 5 2013 ዓ.ም", date(2021, 4, 13)),  # an Ethiopian month by its name
        ("ጥር 9 2015", date(2023, 1, 17)),  # Tir, the fifth month, never January
        ("30/03/2021 G.C.", date(2021, 3, 30)),
        ("11/06/2021 (G.C)", date(2021, 6, 11)),
        ("23/01/2022 እ.ኤ.አ", date(2022, 1, 23)),
    ],
)
def test_a_date_s_own_mark_names_its_calendar(text: str, gregorian: date) -> None:
    """Read with no calendar declared and, the Gregorian marks, in a column declared
    Ethiopian: the date's own mark decides."""
    assert parse_date_column([text, "22/01/2014"])[0] == gregorian
    if own_calendar(text) == "gregorian":
        assert parse_date_column([text], "dmy", "ethiopian") == [gregorian]


def test_an_impossible_date_marked_ethiopian_is_an_error() -> None:
    (parsed,) = parse_date_column(["31/01/2016 ዓ.ም"], "dmy")
    assert isinstance(parsed, CellError)
    assert "Ethiopian calendar" in parsed.message


def test_a_legend_naming_both_calendars_names_no_column_s() -> None:
    assert calendar_in_text('ቀን፦ "ዓ.ም" = E.C.፤ "እ.ኤ.አ" / "G.C." = Gregorian') is None
    assert calendar_in_text("Date (G.C.)") == "gregorian"


LEGEND = 'ቀን፦ "ዓ.ም" = የኢትዮጵያ አቆጣጠር (E.C.)፤ "እ.ኤ.አ" / "G.C." = Gregorian; unmarked = G.C.'
LOG_HEAD = ["Study ID", "ጾታ", "ዕድሜ", "የጉብኝት ዓይነት", "ቀን", "ደረጃ (Level)", "VP/KP", "VAS (0-10)", "እንቅስቃሴ (0-4)"]  # fmt: skip
LOG = [
    ["GD-01", "ሴ", 70, "ሂደት (Procedure)", date(2021, 1, 20), "L1", "VP", 8, 3],
    [None, None, None, "ክትትል 2 ሳምንት", "27/05/2013 ዓ.ም", None, None, 4, 2],
    [None, None, None, "ክትትል 3 ወር", "ሚያዝያ 5 2013 ዓ.ም", None, None, 3, 1],
    ["GD-02", "ወ", 66, "ሂደት (Procedure)", "05/03/2021 G.C.", "T12", "KP", 9, 4],
    [None, None, None, "ክትትል 2 ሳምንት", "20/03/2021 (G.C)", None, None, 5, 2],
    [None, None, None, "ክትትል 3 ወር", "05/06/2021", None, None, 2, 1],
]


def test_a_log_of_both_calendars_reads_each_date_by_its_own_mark(tmp_path: Path) -> None:
    """A legend naming E.C. and G.C.: marked dates in their calendar, unmarked ones (an
    Excel date, ``05/06/2021`` beside day-first dates) Gregorian; said in ``inspect``,
    kept by the mapping it writes; the Amharic mobility score read."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Vertebroplasty log book"])
    ws.append([LEGEND])
    ws.append([])
    ws.append(LOG_HEAD)
    for row in LOG:
        ws.append(row)
    for first in (5, 8):  # each patient's cells merged down the patient's rows
        for col in "ABC":
            ws.merge_cells(f"{col}{first}:{col}{first + 2}")
    path = tmp_path / "log.xlsx"
    wb.save(path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    a = loaded.cohort.assessments
    days = dict(
        zip(zip(a["patient_id"], a["measure"], a["timepoint"], strict=True), a["day"], strict=True)
    )
    assert days[("GD-01", "pain_vas", "2w")] == 15  # 27/05/2013 E.C. is 4 Feb 2021
    assert days[("GD-01", "pain_vas", "3m")] == 83  # Miyazya 5, 2013 is 13 Apr 2021
    assert days[("GD-02", "pain_vas", "2w")] == 15
    assert days[("GD-02", "pain_vas", "3m")] == 92  # 5 June 2021, Gregorian
    assert set(a.loc[a["measure"] == "mobility", "value"]) == {3, 2, 1, 4}
    read = _reproduced_by_its_mapping(path, tmp_path)
    assert "dates marked as of the Ethiopian calendar" in read["ቀን"].reason
    assert "calendar" not in inspect_input(path).mapping()["tables"][0]["columns"]["E"]
