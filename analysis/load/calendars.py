"""The calendar of a table's dates, when a header or a note names one other than the
Gregorian.

An Ethiopian register writes its dates in the Ethiopian calendar (``22/01/2014``, month 13
being Pagume) and says so in a date column's header (``ቀን (Date, E.C.)``) or a note above
the table (``dates in E.C.``, ``ዓ.ም.``). Its year alone never tells it (2014 E.C. is a
plausible Gregorian year), so only such a mark decides it: the table's date columns, and
its columns of dates written inside texts (a new fracture's level and date, a death and its
date), are then read in that calendar; their reading says so, and the mapping file writes
the calendar as the column's ``calendar``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from analysis.load.header_columns import HeaderColumn, SheetLayout
from analysis.load.header_contents import MARKED_CALENDARS, title_lines
from analysis.normalize import is_missing
from analysis.normalize.dates import GREGORIAN, calendar_in_text, calendar_named
from analysis.problems import Problem, column_named, sheet_problem

if TYPE_CHECKING:
    from analysis.load.layout import TableLayout

_TEXT_DATES = ("fractures.level", "patients.died")


def _dated(col: HeaderColumn) -> bool:
    t = col.target
    return t is not None and (t.kind in ("date", "level_date") or t.label in _TEXT_DATES)


def _named(table: TableLayout, layout: SheetLayout) -> tuple[str, str] | None:
    """The calendar the table's date headers or its note lines name, and the text naming
    it; ``None`` when they name none, or two."""
    origin = table.sheet.origin
    notes = origin.notes if origin is not None else title_lines(table.sheet, layout.header_row)
    texts = [c.header for c in layout.columns if _dated(c)] + list(notes)
    found = {(cal, text) for text in texts if (cal := calendar_in_text(text)) is not None}
    calendars = {cal for cal, _ in found}
    if len(calendars) != 1 or GREGORIAN in calendars:
        return None  # none, several (each date then read by its own mark), or the Gregorian
    return min(found)


def _own_named(col: HeaderColumn) -> tuple[str, str] | None:
    """The calendar other than the Gregorian a dated column's own header names
    (``Date of procedure (E.C.)`` beside ``Last F/U date (G.C.)``), and the header."""
    calendar = calendar_in_text(col.header) if _dated(col) else None
    return None if calendar is None or calendar == GREGORIAN else (calendar, col.header)


def _in_calendar(col: HeaderColumn, named: tuple[str, str] | None) -> HeaderColumn:
    if named is None or not _dated(col) or col.calendar is not None or col.reason == "mapping file":  # fmt: skip
        return col
    calendar, text = named
    why = f"dates of the {calendar.capitalize()} calendar ('{text}' names it), converted to Gregorian"  # fmt: skip
    # its unmarked dates are no longer Gregorian: the note saying so is dropped
    reason = col.reason.replace(f"; {MARKED_CALENDARS}", "")
    return replace(col, calendar=calendar, reason=f"{reason}; {why}")


def with_named_calendar(tables: list[TableLayout]) -> list[TableLayout]:
    """The tables, the dated columns of each whose headers or notes name a calendar
    other than the Gregorian read in that calendar; when the headers name several (an
    Ethiopian date of the procedure beside a Gregorian date of the last visit), each
    column whose own header names one other than the Gregorian read in it (columns a
    mapping file gives keep the calendar it writes)."""
    out = []
    for t in tables:
        if t.layout is None:
            out.append(t)
            continue
        named = _named(t, t.layout)
        cols = tuple(
            _in_calendar(c, named if named is not None else _own_named(c)) for c in t.layout.columns
        )
        out.append(replace(t, layout=replace(t.layout, columns=cols)))
    return out


def calendar_warnings(
    file: str, sheet: str, layout: SheetLayout, cells: Sequence[Sequence[object]]
) -> list[Problem]:
    """One warning per dated column whose dates are read in a calendar other than the
    Gregorian and converted (``२०७८/११/२०``, ``2078-11-20``: Bikram Sambat), the calendar
    its header or a note names or its dates' years tell: a conversion is said, never
    silent."""
    out = []
    for col, column_cells in zip(layout.columns, cells, strict=False):
        remarks = col.target is not None and col.target.kind == "death_note"  # "Died 2079-01-31"
        if not (_dated(col) or remarks):
            continue
        filled = [v for v in column_cells if not is_missing(v)]
        if col.calendar is not None and col.calendar != GREGORIAN:
            found = Counter({col.calendar.capitalize(): len(filled)})
        else:
            found = Counter(c for c in map(calendar_named, filled) if c is not None)
        if not found or not filled:
            continue
        calendar, n = found.most_common(1)[0]
        out.append(
            sheet_problem(
                file,
                sheet,
                "calendar_converted",
                f"{column_named(col.letter, col.header)}: {n} date(s) of the {calendar} "
                "calendar read and converted to Gregorian",
                row=layout.header_row,
                column=col.header,
                col_index=col.index,
            )
        )
    return out
