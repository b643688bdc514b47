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
the session's. A further column of the same kind is left unread (a second session or a
new fracture the header would have to say), and said so in ``inspect``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from analysis.io import RawSheet
from analysis.levels import LevelError, parse_levels
from analysis.load.header_columns import CONTENT_ONLY, HeaderColumn
from analysis.normalize import Target, is_missing, parse_date_column
from analysis.normalize.cells import CellError, parse_number
from analysis.normalize.content import MIN_EVIDENCE, SAMPLE, column_fit

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
    return None


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


def _field_for(kind: str, role: str | None, timepoint: str | None) -> Target:
    if kind == "level":
        return _FRACTURE_LEVEL if role == "fractures" else _LEVEL
    if kind == "date":
        if role == "fractures":
            return _FRACTURE_DATE
        return _VISIT_DATE if timepoint else _DATE
    return _VOLUME


def typed_by_content(
    sheet: RawSheet,
    header_row: int,
    columns: list[HeaderColumn],
    role: str | None = None,
    timepoint: str | None = None,
) -> list[HeaderColumn]:
    """The columns, those that no header word named read by their cells: the first
    column of levels, of dates and of volumes (after the levels) as the field a sheet's
    first such column holds, when no column is read as that field already."""
    read = {c.target.label for c in columns if c.target is not None}
    rows = sum(
        sum(not is_missing(v) for v in r) >= 2 for r in sheet.rows[header_row : header_row + SAMPLE]
    )
    kinds: dict[int, str | None] = {}
    filled: dict[int, int] = {}
    for c in columns:
        values = _cells(sheet, header_row, c.index)
        filled[c.index] = len(values)
        if c.target is None and c.reason in (UNREAD, ""):
            kinds[c.index] = _kind(values)
            # a session's level and date are on most rows; a column filled on few rows
            # (a new fracture's level and date) is not the first session's
            if kinds[c.index] in ("level", "date") and len(values) < _DENSE * min(rows, SAMPLE):
                kinds[c.index] = None

    out: list[HeaderColumn] = []
    level_at = next(
        (c.index for c in columns if c.target is not None and c.target.label == _LEVEL.label), 0
    )
    # a table without levels holds no procedures: its dates are its visits' (beside
    # outcomes) or nothing known
    levels = level_at or any(k == "level" for k in kinds.values())
    outcomes = any(c.target is not None and c.target.kind == "measure" for c in columns)
    for col in sorted(columns, key=lambda c: c.index):
        kind = kinds.get(col.index)
        if kind is None:
            out.append(col)
            continue
        target = _field_for(kind, role, timepoint)
        if target == _DATE and not levels:
            if not outcomes:
                out.append(replace(col, reason="cell contents: dates, not read (no column of levels or outcomes beside them); map it in a mapping file"))  # fmt: skip
                continue
            target = _VISIT_DATE
        if (
            kind == "volume"
            and level_at
            and _several_levels(sheet, header_row, level_at, col.index)
        ):
            target = _TOTAL
        if kind == "volume" and level_at and filled[col.index] < _DENSE * filled[level_at]:
            out.append(replace(col, reason="cell contents: cement volumes, not read (on few of the rows naming levels); map it in a mapping file"))  # fmt: skip
            continue
        taken = target.label in read or (target == _TOTAL and _VOLUME.label in read)
        if taken or (kind == "volume" and not level_at):
            why = "a second such column" if taken else "no column of levels before it"
            out.append(replace(col, reason=f"cell contents: {_NAMES[kind]}, not read ({why}); map it in a mapping file"))  # fmt: skip
            continue
        fit = column_fit(_cells(sheet, header_row, col.index), target)
        out.append(
            replace(
                col,
                target=target,
                confidence=fit.fit or 0.0,
                n_values=fit.n_values,
                n_parsed=fit.n_parsed,
                reason=f"cell contents: {_NAMES[kind]}, the sheet's first such column",
            )
        )
        read.add(target.label)
        if kind == "level":
            level_at = col.index
    return out


_NAMES = {"level": "vertebral levels", "date": "dates", "volume": "cement volumes"}
