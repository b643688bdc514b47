"""Lines of a paper register that continue the entry above them.

A register copied row for row from paper keeps the paper's overflow: where an entry ran out
of space it goes on on the next line, which has no line number and no study ID and holds
only the overflowing cells (a third level, its volume and its leak after lists ending in
``、``; the rest of a long outcome note). Such a line is joined to the entry above it: each
of its cells is appended to the entry's cell it continues, or fills a cell the entry left
blank, and the line itself is then empty. It is joined only when every cell it holds does
one or the other, and at least one continues the entry (a list left open by its separator,
or a text in a column of notes), with a warning naming both rows; any other row without a
study ID is left to the rules for rows that write the patient once.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.io import RawSheet
from analysis.load.header import HeaderColumn, SheetLayout
from analysis.normalize import is_missing
from analysis.problems import WARNING, Problem, column_letter, column_named, sheet_problem

# the marks after which a list goes on: an entry's cell ending in one is left open
_OPEN_LIST = ("、", ",", "，", ";", "；", "+", "/")
# readings of a column of free text, which a line below may go on with
_TEXT_KINDS = frozenset({"note", "death_note"})
RULE = "continuation_line"


def join_continuation_rows(sheet: RawSheet, layout: SheetLayout) -> tuple[RawSheet, list[Problem]]:
    """The sheet with each line continuing the entry above it joined to that entry
    (see the module's note), and one warning per line joined naming both rows."""
    id_col = next(
        (c for c in layout.columns if c.target is not None and c.target.column == "patient_id"),
        None,
    )
    if id_col is None:
        return sheet, []
    by_index = {c.index: c for c in layout.columns}
    rows: list[list[object]] | None = None
    problems: list[Problem] = []
    entry: int | None = None  # the 0-based index of the entry the next line may continue
    ids = sheet.column(id_col.index - 1)  # rows below the one at hand are as read
    for i in range(layout.first_data_row - 1, sheet.n_rows):
        if not is_missing(ids[i]):
            entry = i  # an entry of its own (the common case, told from its ID alone)
            continue
        cells = list(rows[i] if rows is not None else sheet.row(i))
        if all(is_missing(v) for v in cells):
            entry = None
            continue
        above = list(rows[entry] if rows is not None else sheet.row(entry)) if entry is not None else []  # fmt: skip
        joined = _joined(above, cells, by_index) if entry is not None else None
        if joined is None or entry is None:
            entry = None
            continue
        if rows is None:
            rows = [list(sheet.row(k)) for k in range(sheet.n_rows)]
        rows[entry] = joined
        rows[i] = [None] * len(cells)
        filled = [j + 1 for j, v in enumerate(cells) if not is_missing(v)]
        problems.append(_warning(sheet, entry + 1, i + 1, filled, by_index))
    if rows is None:
        return sheet, []
    return replace(sheet, rows=rows), problems


def _joined(above: list[object], cells: list[object], by_index: dict[int, HeaderColumn]) -> list[object] | None:  # fmt: skip
    """The entry's cells with the line's appended or filled in, or ``None`` when a cell of
    the line neither continues nor fills the entry's, or none continues it."""
    out = above + [None] * max(0, len(cells) - len(above))
    continued = False
    for j, value in enumerate(cells):
        if is_missing(value):
            continue
        mine = out[j]
        if is_missing(mine):
            out[j] = value
        elif _continues(mine, by_index.get(j + 1)):
            sep = "" if str(mine).rstrip().endswith(_OPEN_LIST) else " "
            out[j] = f"{str(mine).rstrip()}{sep}{str(value).strip()}"
            continued = True
        else:
            return None
    return out if continued else None


def _continues(mine: object, col: HeaderColumn | None) -> bool:
    """Whether an entry's cell goes on on the next line: a list left open by its last mark
    (``L1、L2、``), or a text in a column read as notes (``2022/02/24 复查MRI示``), never
    a column read as nothing (a log's event column, whose rows each name their own)."""
    if not isinstance(mine, str):
        return False
    if mine.rstrip().endswith(_OPEN_LIST):
        return True
    target = col.target if col is not None else None
    return target is not None and target.kind in _TEXT_KINDS and any(c.isalpha() for c in mine)


def _warning(
    sheet: RawSheet, entry: int, line: int, filled: list[int], by_index: dict[int, HeaderColumn]
) -> Problem:
    names = ", ".join(
        column_named(column_letter(j), by_index[j].header if j in by_index else "") for j in filled
    )
    first = by_index.get(filled[0])
    return sheet_problem(
        sheet.file,
        sheet.sheet,
        RULE,
        f"row {line} has no study ID and holds only cells continuing the entry of row "
        f"{entry} ({names}): read as that entry's, as a register copied from paper goes on "
        "on the next line",
        row=line,
        column=first.header if first is not None else None,
        col_index=filled[0],
        severity=WARNING,
    )
