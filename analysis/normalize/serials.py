"""Dates written as spreadsheet day counts (Excel serial numbers: ``44363`` for
2021-06-15), as a hospital system's export writes them in a text file.

A number is a date only in a column that says so: a column whose every cell is a bare
number is read as dates when its header names a date (``Data_Evento``, ``Data_Nasc``)
and its numbers, read as days since 1899-12-30, fall between 1900 and today. A column
of numbers under a header naming no date (a record number, a count) is never read as
dates for its cells alone, however date-like their size.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from analysis.normalize.cells import is_missing
from analysis.normalize.dates import EARLIEST, EXCEL_EPOCH
from analysis.normalize.headers import header_candidates

_LAST_SERIAL = 2958466  # 9999-12-31
_COMPACT = (7, 8)  # 20210412, 1100412: dates written without separators, not day counts


def _bare_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) not in _COMPACT:
        return float(value.strip())
    return None


def day_count_years(values: Sequence[object]) -> tuple[int, int] | None:
    """The first and last year a column's cells give read as spreadsheet day counts, when
    every filled cell is a bare number (``None`` otherwise, or when no cell is filled)."""
    years = []
    for v in values:
        if is_missing(v):
            continue
        x = _bare_number(v)
        if x is None or not 1 <= x < _LAST_SERIAL:
            return None
        years.append((EXCEL_EPOCH + timedelta(days=int(x))).year)
    return (min(years), max(years)) if years else None


def plausible_years(span: tuple[int, int]) -> bool:
    """Whether day counts' years lie in the span a date of the cohort may (1900 to today)."""
    return EARLIEST.year <= span[0] and span[1] <= date.today().year


def names_a_date(header: object) -> bool:
    """Whether a header names a date, outright or in part (``Data_Evento``: a date of
    something the vocabulary does not know)."""
    if not isinstance(header, str) or not header.strip():
        return False
    return any(
        t.kind == "date" or t.label == "identifier:birth_date" for t, _ in header_candidates(header)
    )


def day_counts_how(span: tuple[int, int] | None) -> str:
    """What an inspection says of a column of day counts read as dates (their years not
    said, ``None``, for a column of identifying dates such as birth dates)."""
    years = (
        ""
        if span is None
        else f": year {span[0]}"
        if span[0] == span[1]
        else f": years {span[0]}-{span[1]}"
    )
    return (
        f"its cells are bare numbers, read as spreadsheet day counts (Excel serials{years}) "
        "because its header names a date"
    )


def day_counts_unread(span: tuple[int, int], header: object) -> str:
    """Why a column of numbers that could be day counts is not read as dates."""
    why = (
        "its header names no date"
        if not names_a_date(header)
        else "as day counts they fall outside 1900 to today"
    )
    return (
        "cell contents: bare numbers that could be spreadsheet day counts (Excel serials), "
        f"not read as dates: {why}; map the column in a mapping file if they are dates"
    )
