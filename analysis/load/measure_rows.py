"""A measurement export: one row per measurement, the measure named in a cell.

A hospital's data warehouse writes outcome scores one per row (``study no; time;
visit; measure; value``): the measure's name (``Kipu VAS (0-100 mm)``, ``ODI (%)``) in a
column of its own and its value in another. Such a sheet is recognised by its contents:
a study ID column, a column whose cells name outcome measures as a header would (the
measure words of ``data_schema/cohort.yaml`` and ``vocabulary.yaml``, in any language,
with a declared scale such as ``0-100 mm``) and a column of numbers beside them.

It is read as a sheet of one row per visit: each row keeps its place and its other
cells (study ID, visit, procedure reference), and its value moves to a column named by
its measure (one column for the names of one measure, ``ВАШ`` and ``ВАШ, мм``, headed by
the one declaring its scale), so the visit column (or the row's session) places the score as on any
long sheet. Without a visit column, a score dated by a visit-date column takes the time
point its day after the procedure names (``timepoints.by_day`` in
``data_schema/vocabulary.yaml``: the nearest nominal day within a window of it, baseline
on or before the procedure day); a score near no time point is not read, and its row says
so. Rows naming no measure we read (``EQ-5D index``) are not read. Problems
found in a moved value name the value's own cell (``F193 [Arvo]``), and the reshaping
is reported once per sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from analysis.io import RawSheet
from analysis.load.header_columns import HeaderColumn
from analysis.normalize import CellError, is_missing, match_header
from analysis.normalize.cells import parse_number
from analysis.problems import Problem, column_letter, column_named, sheet_problem

_HEADER_ROWS = 10  # the header is looked for among a sheet's first rows
_MEASURE_SHARE = 0.5  # of a column's filled cells that must name a measure
_NUMBER_SHARE = 0.8  # of the measure rows whose value cell must hold a number
_MAX_NAMES = 200  # distinct texts beyond which a column is no list of measure names


@dataclass(frozen=True)
class MeasureRows(RawSheet):
    """A measurement export read as one column per measure (see the module docstring).

    ``value_column`` is the 1-based index of the original value column; columns from
    ``first_added`` on are the measures' columns."""

    value_column: int = 0
    name_column: int = 0
    value_header: str = ""
    first_added: int = 0
    note: Problem | None = None  # the reshaping, said once


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def id_header(sheet: RawSheet) -> tuple[int, int] | None:
    """The 0-based header row and the 0-based column of its study ID header."""
    for i in range(min(sheet.n_rows, _HEADER_ROWS)):
        for j, cell in enumerate(sheet.row(i)):
            t = match_header(cell) if isinstance(cell, str) and cell.strip() else None
            if t is not None and t.label == "patients.patient_id":
                return i, j
    return None


def plain_id_header(sheet: RawSheet) -> tuple[int, int] | None:
    """:func:`id_header` of a sheet as written, ``None`` for one reshaped already (a
    sheet read in another shape is not reshaped again)."""
    return None if sheet.origin is not None else id_header(sheet)


def _names_measure(text: str) -> bool:
    t = match_header(text)
    return t is not None and t.kind == "measure" and t.timepoint is None


def _is_number(value: object) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    try:
        parse_number(value)
    except (CellError, ValueError):
        return False
    return True


def _name_column(sheet: RawSheet, header_row: int, skip: int) -> int | None:
    """The column whose filled cells mostly name outcome measures (worked out on each
    column's distinct values: a few names repeated, never thousands of texts)."""
    best, best_n = None, 0
    for j, (codes, values) in enumerate(sheet.coded_columns()):
        if j == skip or len(values) > _MAX_NAMES:
            continue
        counts = np.bincount(codes[header_row + 1 :], minlength=len(values))
        filled = [(v, int(n)) for v, n in zip(values, counts, strict=True) if n and not is_missing(v)]  # fmt: skip
        if not filled or not all(isinstance(v, str) for v, _ in filled):
            continue
        named = sum(n for v, n in filled if _names_measure(_text(v)))
        if named >= _MEASURE_SHARE * sum(n for _, n in filled) and named > best_n:
            best, best_n = j, named
    return best


def _value_column(rows: list[list[object]], width: int, taken: set[int], measured: list[int]) -> int | None:  # fmt: skip
    """The column holding a number on most rows that name a measure (the nearest to the
    right of the names when several do)."""
    for j in range(width):
        if j in taken:
            continue
        cells = [rows[i][j] if j < len(rows[i]) else None for i in measured]
        if sum(_is_number(c) for c in cells) >= _NUMBER_SHARE * len(cells):
            return j
    return None


def _units(
    data: list[list[object]], measured: list[int], name_col: int, taken: set[int], width: int
) -> dict[str, str]:
    """Each measure's unit, where a column holds one short text on every row of that
    measure (``mm`` beside ``Douleur - EVA``) and that text, written after the measure's
    name, changes how the name reads (its scale: 0-100 mm rather than 0-10)."""
    out: dict[str, str] = {}
    for name in dict.fromkeys(_text(data[i][name_col]) for i in measured):
        rows = [data[i] for i in measured if _text(data[i][name_col]) == name]
        plain = match_header(name)
        for j in sorted(set(range(width)) - taken):
            seen = {_text(r[j]) if j < len(r) else "" for r in rows}
            if len(seen) != 1 or not (unit := seen.pop()) or len(unit) > 8:
                continue
            if any(ch.isdigit() for ch in unit):
                continue
            given = match_header(f"{name} ({unit})")
            if plain is None or given is None or plain.measure != given.measure:
                continue
            if given.scale != plain.scale and given.timepoint == plain.timepoint:
                out[name] = unit
                break
    return out


def _one_column_per_measure(headers: list[str]) -> list[int]:
    """For each measure's name, the index of the name whose column holds its values: the
    names of one measure (``ВАШ`` and ``ВАШ, мм``, ``ODI`` and ``ODI, %``) share one
    column, headed by the name that declares its scale, so a measure written two ways is
    read whole. Names of a measure declaring two different scales (``VAS (0-10)``,
    ``VAS (0-100 mm)``) keep a column each."""
    readings = [match_header(h) for h in headers]
    out = list(range(len(headers)))
    for k, t in enumerate(readings):
        if t is None:
            continue
        kin = [j for j, u in enumerate(readings) if u is not None and u.measure == t.measure]
        scaled = [j for j in kin if readings[j].scale is not None]  # type: ignore[union-attr]
        if len({readings[j].scale for j in scaled}) > 1:  # type: ignore[union-attr]
            continue  # two scales: a column each
        out[k] = scaled[0] if scaled else kin[0]
    return out


def _named(names: list[str], column_of: list[int]) -> list[str]:
    """Each column's measure as the sheet names it, with the other names read into it
    (``'ВАШ, мм' (also 'ВАШ')``)."""
    out = []
    for k, h in enumerate(names):
        if column_of[k] == k:
            also = [repr(o) for j, o in enumerate(names) if column_of[j] == k and j != k]
            out.append(f"{h!r} (also {', '.join(also)})" if also else repr(h))
    return out


def widen_measure_rows(
    sheet: RawSheet, columns: tuple[str, str] | None = None
) -> MeasureRows | None:
    """The sheet read as one column per measure when it is a measurement export, else
    ``None``; ``columns`` (the letters of the names and of the values, as a mapping file
    gives them) says so instead of the sheet's contents."""
    found = id_header(sheet)
    if found is None:
        return None
    header_row, id_col = found
    name_col: int | None = None
    value_col: int | None = None
    if columns is not None:
        name_col, value_col = (column_number(c) - 1 for c in columns)
    else:
        name_col = _name_column(sheet, header_row, id_col)
    if name_col is None:
        return None
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    data = rows[header_row + 1 :]
    width = max((len(r) for r in rows), default=0)
    measured = [i for i, r in enumerate(data) if name_col < len(r) and _names_measure(_text(r[name_col]))]  # fmt: skip
    if value_col is None:  # to the right of the names first, else anywhere
        right = {id_col, name_col} | set(range(name_col))
        value_col = _value_column(data, width, right, measured)
        if value_col is None:
            value_col = _value_column(data, width, {id_col, name_col}, measured)
    if value_col is None or not measured:
        return None
    names = list(dict.fromkeys(_text(data[i][name_col]) for i in measured))
    out = [r + [None] * (width - len(r)) for r in rows]
    value_header = _text(out[header_row][value_col])
    units = _units(data, measured, name_col, {id_col, name_col, value_col}, width)
    headers = [f"{n} ({units[n]})" if n in units else n for n in names]
    column_of = _one_column_per_measure(headers)
    out[header_row] += [h for k, h in enumerate(headers) if column_of[k] == k]
    added = sorted(set(column_of))
    for r in out[header_row + 1 :]:
        r += [None] * len(added)
    for i in measured:
        r = out[header_row + 1 + i]
        r[width + added.index(column_of[names.index(_text(r[name_col]))])] = r[value_col]
        r[value_col] = None
    for r in out[header_row + 1 :]:
        r[value_col] = None  # a value whose measure is not read is not read either
    return MeasureRows(
        file=sheet.file,
        sheet=sheet.sheet,
        rows=out,
        merged=sheet.merged,
        hidden=sheet.hidden,
        header_row=header_row + 1,
        problems=sheet.problems,
        stray_rows=sheet.stray_rows,
        value_column=value_col + 1,
        name_column=name_col + 1,
        value_header=value_header,
        first_added=width + 1,
        note=_reshaped(
            sheet, (header_row, name_col, value_col), names, data, _named(names, column_of)
        ),
    )


def _reshaped(
    sheet: RawSheet,
    at: tuple[int, int, int],
    names: list[str],
    data: list[list[object]],
    shown: list[str],
) -> Problem:
    header_row, name_col, value_col = at
    header = sheet.row(header_row)
    others = sorted(
        {_text(r[name_col]) for r in data if name_col < len(r) and not is_missing(r[name_col])}
        - set(names)
    )
    skipped = f"; rows naming {', '.join(repr(o) for o in others)} are not read" if others else ""
    return sheet_problem(
        sheet.file,
        sheet.sheet,
        "measurement_rows",
        "one measurement per row: "
        f"{column_named(column_letter(name_col + 1), _text(header[name_col]))} names the measure "
        f"and {column_named(column_letter(value_col + 1), _text(header[value_col]))} holds "
        f"its value, read as the measures {', '.join(shown)} (their "
        f"cells name a measure as a column header would){skipped}",
        row=header_row + 1,
    )


def restore_cells(problems: list[Problem], sheet: MeasureRows) -> list[Problem]:
    """Problems of a widened sheet that name a measure's column, named at the value's own
    cell and header as the user sees them; its measure-name and value columns, read as the
    measures they hold, are not also called unrecognised."""
    letter = column_letter(sheet.value_column)
    # an item export's moved cells, each from its own place (:mod:`analysis.load.item_rows`)
    moved = getattr(sheet, "moved", {})
    headers = sheet.row(sheet.header_row - 1) if sheet.header_row else []
    read = {sheet.name_column, sheet.value_column}  # said by the sheet's own warning
    out = []
    for p in problems:
        if (p.file, p.sheet) == (sheet.file, sheet.sheet) and p.cell and p.row is not None:
            col = column_number("".join(c for c in p.cell if c.isalpha()))
            if p.rule == "unrecognised_column" and col in read:
                continue
            if (p.row, col) in moved:
                row, at = moved[(p.row, col)]
                header = headers[at - 1] if at - 1 < len(headers) else None
                name = None if header is None else str(header).strip()
                p = replace(p, row=row, cell=f"{column_letter(at)}{row}", column=name)
            elif col >= sheet.first_added:
                p = replace(p, cell=f"{letter}{p.row}", column=sheet.value_header)
        out.append(p)
    return out


def measure_rows_columns(sheet: RawSheet) -> tuple[str, str] | None:
    """The letters of a widened sheet's measure names and values, as a mapping file
    writes them (``None`` for any other sheet)."""
    if not isinstance(sheet, MeasureRows):
        return None
    return column_letter(sheet.name_column), column_letter(sheet.value_column)


def column_number(letters: str) -> int:
    """``"F"`` -> 6, ``"AB"`` -> 28."""
    n = 0
    for c in letters:
        n = n * 26 + ord(c.upper()) - 64
    return n


def dated_only(layout_columns: Sequence[HeaderColumn]) -> bool:
    """A measurement export with a column of visit dates and no visit column: each score's
    time point follows from its date (:func:`~analysis.normalize.timepoints.timepoint_by_day`)."""
    labels = {c.target.label for c in layout_columns if c.target is not None}
    kinds = {c.target.kind for c in layout_columns if c.target is not None}
    return "date:visit_date" in labels and "visit" not in kinds
