"""A Persian register: Solar Hijri dates in Persian digits converted exactly (leap years
included) and said in ``inspect``, volumes per level listed with the Arabic comma
(``۳٫۵، ۴٫۰``), time points in words (``VAS یک ماه``), sites joined by ``و`` ("and"),
a new fracture's level and date in one cell beside a note pointing to the row before."""

from __future__ import annotations

import itertools
import time
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.cells import CellError, parse_multi_category, parse_volumes
from analysis.normalize.dates import _parse_text, _persian, calendar_named
from analysis.normalize.timepoints import timepoint_of
from analysis.spec import load_spec


@pytest.mark.parametrize(
    ("text", "gregorian"),
    [
        ("1403/12/30", date(2025, 3, 20)),  # 1403 is a leap year: Esfand has 30 days
        ("1404/01/01", date(2025, 3, 21)),  # Nowruz 1404
        ("1399/12/30", date(2021, 3, 20)),  # 1399 is a leap year
        ("1400/01/01", date(2021, 3, 21)),
        ("1403/01/01", date(2024, 3, 20)),  # Nowruz 1403 fell on 20 March
        ("1400/06/31", date(2021, 9, 22)),  # the first six months have 31 days
        ("1400/07/01", date(2021, 9, 23)),
        ("۱۴۰۱/۰۵/۱۲", date(2022, 8, 3)),  # Persian digits
    ],
)
def test_solar_hijri_dates_are_their_gregorian_days(text: str, gregorian: date) -> None:
    assert _parse_text(text, None) == gregorian


@pytest.mark.parametrize("year", [1399, 1402, 1403])
def test_every_day_of_a_solar_hijri_year_follows_the_one_before(year: int) -> None:
    """Each day of the year is the Gregorian day after the one before, from Nowruz to the
    day before the next Nowruz, and each month's first day is the astronomical
    conversion's (``convertdate``), which the loader now asks only once per year."""
    from convertdate import persian

    lengths = [31] * 6 + [30] * 5 + [30 if persian.leap(year) else 29]
    days = [_persian(year, m, d) for m in range(1, 13) for d in range(1, lengths[m - 1] + 1)]
    assert all((b - a).days == 1 for a, b in itertools.pairwise(days))
    assert (days[-1] + timedelta(days=1)) == _persian(year + 1, 1, 1)
    for m in range(1, 13):
        assert _persian(year, m, 1) == date(*persian.to_gregorian(year, m, 1))


def test_a_thousand_solar_hijri_dates_take_well_under_a_second() -> None:
    """The equinox is worked out per year, not per date (each took ~70 ms: a register of
    800 dates once took a minute to load)."""
    texts = [f"{y}/{m:02d}/{d:02d}" for y in range(1395, 1405) for m in range(1, 11) for d in range(1, 11)]  # fmt: skip
    start = time.perf_counter()
    parsed = [_parse_text(t, None) for t in texts]
    assert len(set(parsed)) == 1000 and time.perf_counter() - start < 1.5


@pytest.mark.parametrize("text", ["1402/12/30", "1401/13/05", "1400/07/31"])
def test_a_day_the_solar_hijri_calendar_has_not_is_an_error(text: str) -> None:
    with pytest.raises(CellError, match="Solar Hijri"):
        _parse_text(text, None)


def test_the_calendar_a_date_is_written_in_is_named() -> None:
    assert calendar_named("۱۴۰۱/۰۵/۱۲") == "Solar Hijri (Persian)"
    assert calendar_named("1441/12/26هـ") == "Hijri (Islamic lunar)"
    assert calendar_named("12/04/2564") == "Buddhist era"
    assert calendar_named("12/04/2021") is None
    assert calendar_named(date(2021, 4, 12)) is None


def test_sites_joined_by_the_persian_and_are_both_read() -> None:
    leakage = load_spec().column("procedures", "leakage")
    assert parse_multi_category("دیسک و فورامینال", leakage) == "disc;foraminal"
    assert parse_multi_category("فورامینال", leakage) == "foraminal"


def test_volumes_listed_with_the_arabic_comma_or_a_comma_and_a_space() -> None:
    assert parse_volumes("۶٫۰، ۳٫۵، ۴٫۵") == (6.0, 3.5, 4.5)
    assert parse_volumes("6.5, 4") == (6.5, 4.0)
    assert parse_volumes("3,5") is None  # a decimal comma, not two volumes
    assert parse_volumes("۴٫۰") is None


@pytest.mark.parametrize(
    ("text", "timepoint"),
    [
        ("یک ماه", "1m"),
        ("شش ماه", "6m"),
        ("سه ماه", "3m"),
        ("one month", "1m"),
        ("six months", "6m"),
    ],
)
def test_numbers_written_as_words_in_a_time_point(text: str, timepoint: str) -> None:
    assert timepoint_of(text) == timepoint


# fmt: off
_HEADER = "کد بیمار|جنس|سن|نوبت عمل|تاریخ عمل|سطوح درمان شده|روش|حجم سیمان (سی‌سی)|نشت سیمان|VAS قبل از عمل|VAS یک ماه|VAS شش ماه|شکستگی جدید"
_ROWS = [
    "P-01|زن|۷۹|اول|۱۴۰۳/۱۲/۲۰|T12، L1|ورتبروپلاستی|۳٫۵، ۴٫۰|دیسک و فورامینال (L1)|۹|۵|۲|L2 - ۱۴۰۴/۰۲/۱۰",
    "P-01|زن|۷۹|دوم|۱۴۰۴/۰۲/۱۵|L2|کایفوپلاستی|۲٫۵|ندارد|۸|۴|۱|به ردیف قبل مراجعه شود",
    "P-02|مرد|۶۸|اول|۱۳۹۹/۱۲/۳۰|T8|کایفوپلاستی|۵٫۰|وریدی (T8)|۷|۳|مراجعه نکرد|ندارد",
    "P-03|زن|۸۱|اول|۱۴۰۰/۰۶/۳۱|L3، L4|ورتبروپلاستی|۲٫۰، ۳٫۰|ندارد|۶|۲|۰|ندارد",
]
# fmt: on


def _write(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ورتبروپلاستی"
    ws.sheet_view.rightToLeft = True
    ws["A1"] = "ثبت بیماران ورتبروپلاستی"
    for r, line in enumerate((_HEADER, *_ROWS), start=3):
        for c, value in enumerate(line.split("|"), start=1):
            ws.cell(r, c, value)
    wb.save(path)
    return path


def test_a_persian_register_loads_exactly(tmp_path: Path) -> None:
    result = load_cohort(path := _write(tmp_path / "register.xlsx"))
    assert result.errors == []
    procs = result.cohort.procedures.assign(patient_id=lambda d: d["patient_id"].astype(str))
    first = procs[procs["patient_id"] == "P-01"].set_index("level")
    assert first.loc["T12", "cement_volume_ml"] == 3.5
    assert first.loc["L1", "cement_volume_ml"] == 4.0
    assert first.loc["L1", "leakage"] == "disc;foraminal"
    # 1403/12/20 (10 March 2025) to 1404/02/15 (5 May 2025), across the leap day 1403/12/30
    assert (
        first.loc["L2", "day"] - first.loc["T12", "day"]
        == (date(2025, 5, 5) - date(2025, 3, 10)).days
    )
    assert first.loc["L2", "technique"] == "kyphoplasty"
    third = procs[procs["patient_id"] == "P-03"].set_index("level")
    assert list(third["cement_volume_ml"]) == [2.0, 3.0]
    outcomes = result.cohort.assessments.assign(patient_id=lambda d: d["patient_id"].astype(str))
    mine = outcomes[outcomes["patient_id"] == "P-02"].set_index("timepoint")["value"]
    assert mine.to_dict() == {"pre": 7.0, "1m": 3.0}  # "مراجعه نکرد": did not attend
    fractures = result.cohort.fractures.assign(patient_id=lambda d: d["patient_id"].astype(str))
    at = (date(2025, 4, 30) - date(2025, 3, 10)).days  # 1404/02/10, from the first session
    assert fractures[["patient_id", "level", "day"]].values.tolist() == [["P-01", "L2", at]]
    shown = inspect_input(path)
    assert (
        "dates of the Solar Hijri (Persian) calendar, converted to Gregorian"
        in shown.mapping_yaml()
    )
    written = tmp_path / "mapping.yaml"
    written.write_text(shown.mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        assert getattr(mapped, table).equals(getattr(result.cohort, table))
