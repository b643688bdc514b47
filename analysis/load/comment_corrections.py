"""A correction a clinician wrote in a cell's comment (``Level corrected to T11 - see op
note and post-op film``), read in place of the cell's own value.

A comment giving one corrected value (:func:`analysis.normalize.corrections.corrected_value`:
after a correction word, or set against the cell's own value, ``L2, not L3``) that differs
from the cell's is read as the cell's value, with a warning naming the cell;
a number is corrected only by a number. A comment giving no value, or two, and a cell
already holding the value its comment gives, leave the cell as it stands. Applied to the
cells as read, before any recognition, so a mapping's load reads the same corrections.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.io import RawSheet
from analysis.normalize.corrections import corrected_value
from analysis.problems import WARNING, Problem, column_letter


def apply_comment_corrections(sheets: list[RawSheet]) -> tuple[list[RawSheet], list[Problem]]:
    """The sheets with every cell an unambiguous comment corrects given its corrected
    value, and a warning per cell corrected."""
    out, problems = [], []
    for sheet in sheets:
        corrected, found = _corrected(sheet)
        out.append(corrected)
        problems += found
    return out, problems


def _corrected(sheet: RawSheet) -> tuple[RawSheet, list[Problem]]:
    rows: list[list[object]] | None = None
    problems = []
    for row, col, comment in sheet.comments:
        if not 1 <= row <= sheet.n_rows:
            continue
        cells = sheet.row(row - 1)
        cell = cells[col - 1] if col - 1 < len(cells) else None
        value = corrected_value(comment, _shown(cell))
        if value is None:
            continue
        new = _as_cell(value, cell)
        if new is None or _same(new, cell):
            continue
        if rows is None:
            rows = [list(sheet.row(k)) for k in range(sheet.n_rows)]
        rows[row - 1] += [None] * (col - len(rows[row - 1]))
        rows[row - 1][col - 1] = new
        ref = f"{column_letter(col)}{row}"
        problems.append(
            Problem(
                sheet.file,
                sheet.sheet,
                row,
                None,
                ref,
                None,  # a comment may correct any cell, an identifier's too: never shown
                "comment_correction",
                WARNING,
                "the cell's comment gives a corrected value ('corrected to ...'), read in "
                "place of the cell's own; correct the cell itself if the comment is wrong",
            )
        )
    return (sheet if rows is None else replace(sheet, rows=rows)), problems


def _as_cell(value: str, cell: object) -> object:
    """The corrected value as the cell would hold it: a number for a number cell (``None``
    when the comment's value is no number), text for a text or blank cell, ``None`` for
    any other cell (a date)."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        try:
            return float(value.replace(",", "."))
        except ValueError:
            return None
    return value if cell is None or isinstance(cell, str) else None


def _shown(cell: object) -> str:
    """A text or number cell as written (``3`` for 3.0), for a comment to name; ``""``
    for any other."""
    if isinstance(cell, bool) or not isinstance(cell, str | int | float):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _same(new: object, cell: object) -> bool:
    if isinstance(new, float):
        return isinstance(cell, int | float) and abs(float(cell) - new) < 1e-9
    return str(cell or "").strip().casefold() == str(new).casefold()
