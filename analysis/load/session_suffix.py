"""A patient's later session written as a row of its own under the study ID with a letter
after it (``CK-007b`` below ``CK-007``): the same patient, re-treated.

A study ID ending in a digit and one letter is read as the ID without that letter when
that ID is written on another row of the same sheet and this row is that patient's later
one: dated after it (its procedure date later than the other row's), or, where either
row's procedure date cannot be read, written below it. Otherwise the ID stands as
written (``P1a`` and ``P1b`` with no ``P1``: two patients of their own).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from analysis.io import RawSheet
from analysis.load.header_columns import HeaderColumn, SheetLayout
from analysis.normalize import is_missing
from analysis.normalize.dates import parse_date_column
from analysis.problems import WARNING, Problem, sheet_problem

# an ID ending in a digit, then one letter: "CK-007b", "12A"
_SUFFIXED = re.compile(r"^(?P<base>.*\d)\s*(?P<letter>[A-Za-z])$")

SUFFIX_REASON = (
    "; a study ID with a letter after it (CK-007b) beside the same ID without one, on a "
    "row dated after it: that patient's later session"
)


def _column(layout: SheetLayout, label: str) -> HeaderColumn | None:
    return next(
        (
            c
            for c in layout.columns
            if c.target is not None and c.target.label == label and c.session == 1
        ),
        None,
    )


def suffixed_rows(sheet: RawSheet, layout: SheetLayout) -> dict[int, str]:
    """The data rows (0-based) whose study ID is a later session's, each with the ID of
    the patient's first row (:mod:`analysis.load.session_suffix`)."""
    key = _column(layout, "patients.patient_id")
    if key is None:
        return {}
    first = layout.first_data_row - 1
    rows = range(first, sheet.n_rows)
    column = sheet.column(key.index - 1)
    cells = [column[i] for i in rows]
    text_of = {v: "" if is_missing(v) else str(v).strip() for v in set(cells)}
    if not any(_SUFFIXED.match(text) for text in text_of.values()):
        return {}  # the common case: no ID ends in a letter after a digit
    ids = {i: text_of[v] for i, v in zip(rows, cells, strict=True)}
    suffixed = {i: m for i, text in ids.items() if (m := _SUFFIXED.match(text))}
    written: dict[str, int] = {}
    for i, text in ids.items():
        if text:
            written.setdefault(text.casefold(), i)
    found = {}  # each suffixed ID's row, with the row of the ID without its letter
    for i, m in suffixed.items():
        base_row = written.get(m["base"].casefold())
        if base_row is not None and base_row != i:
            found[i] = base_row
    if not found:
        return {}
    dates = _procedure_dates(sheet, layout, rows)
    return {
        i: ids[base]
        for i, base in found.items()
        if (dates[i] > dates[base] if i in dates and base in dates else i > base)
    }


def _procedure_dates(sheet: RawSheet, layout: SheetLayout, rows: range) -> dict[int, date]:
    dated = _column(layout, "date:procedure_date")
    if dated is None:
        return {}
    column = sheet.column(dated.index - 1)
    cells = [column[i] for i in rows]
    parsed = parse_date_column(cells, dated.date_order, dated.calendar)
    return {i: d for i, d in zip(rows, parsed, strict=True) if isinstance(d, date)}


def suffixed_sessions(sheet: RawSheet, layout: SheetLayout) -> tuple[RawSheet, list[Problem]]:
    """The sheet with each later session's suffixed study ID read as its patient's
    (:func:`suffixed_rows`), and a note of each such row."""
    found = suffixed_rows(sheet, layout)
    if not found:
        return sheet, []
    key = _column(layout, "patients.patient_id")
    assert key is not None  # found only with a key column
    rows = [list(sheet.row(k)) for k in range(sheet.n_rows)]
    problems = []
    for i, base in sorted(found.items()):
        written = rows[i][key.index - 1]
        rows[i][key.index - 1] = base
        problems.append(
            sheet_problem(
                sheet.file,
                sheet.sheet,
                "session_suffix",
                f"study ID '{written}' read as a later session of {base}: the same ID with "
                "a letter after it, on a row dated after that patient's first",
                row=i + 1,
                column=key.header,
                col_index=key.index,
                severity=WARNING,
            )
        )
    return replace(sheet, rows=rows), problems


def with_suffix_reason(sheet: RawSheet, layout: SheetLayout) -> SheetLayout:
    """The layout with its study ID column's reason saying that suffixed IDs are read as
    later sessions, when the sheet holds any."""
    if not suffixed_rows(sheet, layout):
        return layout
    columns = tuple(
        replace(c, reason=c.reason + SUFFIX_REASON)
        if c.target is not None and c.target.label == "patients.patient_id" and c.session == 1
        else c
        for c in layout.columns
    )
    return replace(layout, columns=columns)
