"""Columns read by their cells alone when their header names nothing known: vertebral
levels, dates and cement volumes, whatever the language of the header.

A column of ``Th12``, ``L1``, ``T11, T12`` is a level column, a column of dates a date
column, a column of small decimal numbers (``3.5``, ``2,5 ml``, ``3 / 4``) beside the
levels a volume column: the cells say so in any language. Which field each is follows
the sheet's order, as clinicians write a session: the first column of levels is the
treated level (a new fracture's on a sheet of new fractures), the first column of dates
the procedure's (a visit's on a visit sheet, or on a table of outcomes without levels),
the first column of volumes after the levels the cement volume, per vertebra or, where
one number stands beside several levels, the session's total. A session's level and
date fill most rows: a column of levels or dates on few rows (a new fracture's) is not
the session's. Where the time point is known (a visit sheet's name, a column of visits),
the first column of whole numbers from 0 to 10 is the pain score. A further column of the same kind is left unread (a second session or a
new fracture the header would have to say), and said so in ``inspect``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from analysis.io import RawSheet
from analysis.levels import LevelError, parse_levels
from analysis.load.header_columns import CONTENT_ONLY, HeaderColumn
from analysis.normalize import Target, is_missing, parse_date_column
from analysis.normalize.cells import CellError, parse_number
from analysis.normalize.content import MIN_EVIDENCE, SAMPLE, column_fit
from analysis.normalize.headers import TWIN
from analysis.normalize.serials import (
    day_count_years,
    day_counts_how,
    day_counts_unread,
    names_a_date,
    plausible_years,
)

__all__ = ["typed_by_content"]

_LEVEL = Target("column", "procedures", "level")
_FRACTURE_LEVEL = Target("column", "fractures", "level")
_VOLUME = Target("column", "procedures", "cement_volume_ml")
_TOTAL = Target("column", "procedures", "session_cement_volume_ml")
_DATE = Target("date", column="procedure_date")
_FRACTURE_DATE = Target("date", column="fracture_date")
_VISIT_DATE = Target("date", column="visit_date")
UNREAD = "no field fits the values"
# a volume of cement in one vertebra is a few mL; more is a session's or an error's
_MAX_VOLUME = 20.0
_DENSE = 0.5  # share of the data rows a session's column fills


def _cells(sheet: RawSheet, header_row: int, index: int) -> list[object]:
    out: list[object] = []
    for row in sheet.rows[header_row:]:
        v = row[index - 1] if index - 1 < len(row) else None
        if not is_missing(v) and not (isinstance(v, str) and not v.strip()):
            out.append(v)
            if len(out) >= SAMPLE:
                break
    return out


def _kind(values: list[object]) -> str | None:
    """``"level"``, ``"date"`` or ``"volume"`` when nine in ten of the values are such,
    else ``None``."""
    if len(values) < MIN_EVIDENCE:
        return None
    if (column_fit(values, _LEVEL).fit or 0) >= CONTENT_ONLY:
        return "level"
    dates = column_fit(values, _DATE)
    if (dates.fit or 0) >= CONTENT_ONLY:
        parsed = [d for d in parse_date_column(values) if isinstance(d, date)]
        # mostly before 1960: birth dates (vertebral augmentation began in the 1980s);
        # mostly beyond 2100: numbers (a record number) read as spreadsheet day counts
        born = sum(d.year < 1960 for d in parsed) > len(parsed) / 2
        counts = sum(d.year > 2100 for d in parsed) > len(parsed) / 2
        return None if not parsed or born or counts else "date"
    if (column_fit(values, _VOLUME).fit or 0) >= CONTENT_ONLY and _volume_like(values):
        return "volume"
    return "score" if _scores(values) else None


def _scores(values: list[object]) -> bool:
    """Whole (or half) numbers from 0 to 10, at least four of them distinct and one 5 or
    more: a pain score's, not a count, a session number or a 0-4 grade."""
    numbers = []
    for v in values:
        try:
            numbers.append(parse_number(v))
        except CellError:
            return False
    whole = all(0 <= x <= 10 and (2 * x).is_integer() for x in numbers)
    return whole and len(set(numbers)) >= 4 and max(numbers) >= 5


def _volume_like(values: list[object]) -> bool:
    """Small positive amounts, some of them written with a fraction, a unit or as a list
    (``3.5``, ``2,5 ml``, ``3 / 4``): whole numbers alone may as well be scores or counts."""
    numbers: list[float] = []
    written = 0
    for v in values:
        if isinstance(v, str) and not v.strip().replace(".", "", 1).isdigit():
            written += 1
            continue
        try:
            numbers.append(parse_number(v))
        except CellError:
            continue
    if any(x <= 0 or x > _MAX_VOLUME * 3 for x in numbers):
        return False
    fractions = sum(not float(x).is_integer() for x in numbers)
    return fractions + written >= max(1.0, 0.1 * len(values))


def _several_levels(sheet: RawSheet, header_row: int, level: int, volume: int) -> bool:
    """Whether the rows naming several levels give one number of cement beside them (a
    session's total) rather than one per level."""
    several = single = 0
    for row in sheet.rows[header_row : header_row + SAMPLE]:
        cell = row[level - 1] if level - 1 < len(row) else None
        amount = row[volume - 1] if volume - 1 < len(row) else None
        if not isinstance(cell, str) or is_missing(amount):
            continue
        try:
            n = len(parse_levels(cell))
        except LevelError:
            continue
        if n < 2:
            continue
        several += 1
        try:
            parse_number(amount)
            single += 1
        except CellError:
            pass
    return several > 0 and single >= 0.8 * several


def _letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _same_days(ctx: _Context, index: int) -> bool:
    """Whether a column of dates gives, row by row, the days the sheet's first column of
    dates gives (nine in ten of the rows both date, at least a few)."""
    assert ctx.dates_at is not None  # a first column of dates is read
    first, both = ctx.dates_at[0], []
    for row in ctx.sheet.rows[ctx.header_row : ctx.header_row + SAMPLE]:
        a, b = (row[i - 1] if i - 1 < len(row) else None for i in (first, index))
        if not is_missing(a) and not is_missing(b):
            both.append((a, b))
    if len(both) < MIN_EVIDENCE:
        return False
    days = zip(parse_date_column([a for a, _ in both]), parse_date_column([b for _, b in both]), strict=True)  # fmt: skip
    same = sum(isinstance(x, date) and x == y for x, y in days)
    return same >= CONTENT_ONLY * len(both)


def _field_for(kind: str, role: str | None, timepoint: str | None) -> Target:
    if kind == "score":
        return Target("measure", measure="pain_vas", timepoint=timepoint)
    if kind == "level":
        return _FRACTURE_LEVEL if role == "fractures" else _LEVEL
    if kind == "date":
        if role == "fractures":
            return _FRACTURE_DATE
        return _VISIT_DATE if timepoint else _DATE
    return _VOLUME


@dataclass
class _Context:
    """What the sheet's other columns say of a column read by its cells."""

    sheet: RawSheet
    header_row: int
    role: str | None
    timepoint: str | None
    read: set[str]
    filled: dict[int, int]
    level_at: int  # the column of the treated levels, 0 when none is read yet
    levels: bool  # a column of levels is read or found
    outcomes: bool  # a column of outcomes is read or found, with a time point
    visits: bool  # a column names each row's visit
    dates_at: tuple[int, Target] | None = None  # the first column of dates read, and as what


def typed_by_content(
    sheet: RawSheet,
    header_row: int,
    columns: list[HeaderColumn],
    role: str | None = None,
    timepoint: str | None = None,
) -> list[HeaderColumn]:
    """The columns, those that no header word named read by their cells: the first
    column of levels, of dates, of volumes (after the levels) and of pain scores (where
    the time point is known) as the field a sheet's first such column holds, when no
    column is read as that field already."""
    rows = sum(
        sum(not is_missing(v) for v in r) >= 2 for r in sheet.rows[header_row : header_row + SAMPLE]
    )
    kinds: dict[int, str | None] = {}
    unread: dict[int, str] = {}
    filled: dict[int, int] = {}
    for c in columns:
        values = _cells(sheet, header_row, c.index)
        filled[c.index] = len(values)
        if c.target is None and c.reason in (UNREAD, ""):
            kinds[c.index] = _kind(values)
            span = day_count_years(values) if kinds[c.index] == "date" else None
            if span is not None and not (names_a_date(c.header) and plausible_years(span)):
                # bare numbers under a header naming no date: no dates for their size alone
                kinds[c.index] = None
                unread[c.index] = day_counts_unread(span, c.header)
            # a session's level and date are on most rows; a column filled on few rows
            # (a new fracture's level and date) is not the first session's
            if kinds[c.index] in ("level", "date") and len(values) < _DENSE * min(rows, SAMPLE):
                kinds[c.index] = None
    targets = [c.target for c in columns if c.target is not None]
    level_at = next((c.index for c in columns if c.target == _LEVEL), 0)
    visits = any(t.kind == "visit" for t in targets)
    context = _Context(
        sheet,
        header_row,
        role,
        timepoint,
        {t.label for t in targets},
        filled,
        level_at,
        bool(level_at) or "level" in kinds.values() or any(t.kind == "note" for t in targets),
        any(t.kind in ("measure", "scores") for t in targets)
        or bool((timepoint or visits) and "score" in kinds.values()),
        visits,
    )
    out: list[HeaderColumn] = []
    for col in sorted(columns, key=lambda c: c.index):
        kind = kinds.get(col.index)
        if kind is None and col.index in unread:
            col = replace(col, reason=unread[col.index])
        out.append(col if kind is None else _read_as(col, kind, context))
    return _date_twins(context, out)


def _date_twins(ctx: _Context, cols: list[HeaderColumn]) -> list[HeaderColumn]:
    """A second column read by its header as a date the sheet already reads (``Visit Date
    (H)`` and ``Visit Date (G)``) that gives the first's days row by row: its twin in
    another calendar, named with it, not read twice."""
    first: dict[str, int] = {}
    out = []
    for col in cols:
        t = col.target
        if t is None or t.kind != "date" or col.session != 1 or col.slot not in (0, 1):
            out.append(col)
            continue
        if t.label not in first:
            first[t.label] = col.index
            out.append(col)
            continue
        ctx.dates_at = (first[t.label], t)
        if _same_days(ctx, col.index):
            why = f"{col.reason}; the days of column {_letter(first[t.label])}, row by row, in another calendar (its twin, named with it)"  # fmt: skip
            col = replace(col, target=Target(TWIN, column=t.label), reason=why)
        out.append(col)
    return out


def _read_as(col: HeaderColumn, kind: str, ctx: _Context) -> HeaderColumn:
    """A column of ``kind`` read as the field the sheet's order gives it, or left unread
    with the reason."""
    target = _target(col, kind, ctx)
    if isinstance(target, str) and kind == "date" and ctx.dates_at and _same_days(ctx, col.index):
        first, read_as = ctx.dates_at
        why = f"cell contents: the days of column {_letter(first)}, row by row, in another calendar (its twin, named with it)"  # fmt: skip
        return replace(col, target=Target(TWIN, column=read_as.label), confidence=1.0, reason=why)
    if isinstance(target, str):
        return replace(col, reason=f"cell contents: {_NAMES[kind]}, not read ({target}); map it in a mapping file")  # fmt: skip
    fit = column_fit(_cells(ctx.sheet, ctx.header_row, col.index), target)
    ctx.read.add(target.label)
    if kind == "level":
        ctx.level_at = col.index
    if kind == "date":
        ctx.dates_at = (col.index, target)
    span = day_count_years(_cells(ctx.sheet, ctx.header_row, col.index)) if kind == "date" else None  # fmt: skip
    serials = "" if span is None else f"; {day_counts_how(span)}"
    return replace(
        col,
        target=target,
        confidence=fit.fit or 0.0,
        n_values=fit.n_values,
        n_parsed=fit.n_parsed,
        reason=f"cell contents: {_NAMES[kind]}, the sheet's first such column{serials}",
    )


def _target(col: HeaderColumn, kind: str, ctx: _Context) -> Target | str:
    """The field a column of ``kind`` holds, or why it is not read."""
    target = _field_for(kind, ctx.role, ctx.timepoint)
    if kind == "score" and not (ctx.timepoint or ctx.visits):
        return "no time point: neither the sheet's name nor a column of visits gives one"
    if target == _DATE and not ctx.levels:
        # a table without levels holds no procedures: its dates are its visits' (beside
        # outcomes) or nothing known
        if not ctx.outcomes:
            return "no column of levels or outcomes beside them"
        target = _VISIT_DATE
    if kind == "volume":
        if not ctx.level_at:
            return "no column of levels before it"
        if ctx.filled[col.index] < _DENSE * ctx.filled[ctx.level_at]:
            return "on few of the rows naming levels"
        if _several_levels(ctx.sheet, ctx.header_row, ctx.level_at, col.index):
            target = _TOTAL
    taken = target.label in ctx.read or (target == _TOTAL and _VOLUME.label in ctx.read)
    if taken or (kind == "score" and any(x.startswith("pain_vas") for x in ctx.read)):
        return "a second such column"
    return target


_NAMES = {
    "level": "vertebral levels",
    "date": "dates",
    "volume": "cement volumes",
    "score": "pain scores from 0 to 10",
}
