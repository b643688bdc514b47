"""Cells saying "same as before" (``同前``) on a patient's later entry.

A register writes a patient's second operation as a new line and, for what has not
changed since the first (the cause), says so in a word: the value of that column on the
patient's nearest earlier entry with one, said in one warning per column. A cell saying
so on a patient's first entry names nothing and is read as it stands (and reported by its
column's rule).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from analysis.io import RawSheet
from analysis.load.header import SheetLayout
from analysis.normalize import is_missing
from analysis.problems import WARNING, Problem, column_letter, column_named, sheet_problem
from analysis.spec import load_spec, normalize_text


@cache
def _words() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.same_as_before)


class _SaysSame:
    """Whether a cell says "same as before", each distinct text judged once (a sheet's
    cells repeat; normalising every cell of a large sheet took a quarter of its load)."""

    def __init__(self) -> None:
        self._judged: dict[str, bool] = {}

    def __call__(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        said = self._judged.get(value)
        if said is None:
            said = self._judged[value] = normalize_text(value) in _words()
        return said


def fill_same_as_before(sheet: RawSheet, layout: SheetLayout) -> tuple[RawSheet, list[Problem]]:
    """The sheet with each cell saying "same as before" on a patient's later entry read
    as the value of the patient's nearest earlier entry in its column, and one warning per
    column naming the rows."""
    id_col = next(
        (c for c in layout.columns if c.target is not None and c.target.column == "patient_id"),
        None,
    )
    if id_col is None:
        return sheet, []
    _says_same = _SaysSame()
    data = range(layout.first_data_row - 1, sheet.n_rows)
    if not any(_says_same(v) for v in set().union(*map(sheet.row, data))):
        return sheet, []  # the common case, told from the distinct cells at C speed
    rows: list[list[object]] | None = None
    seen: dict[str, list[int]] = {}  # study ID -> its earlier entries (0-based rows)
    at: dict[int, list[int]] = {}
    for i in data:
        cells = sheet.row(i)
        pid = cells[id_col.index - 1] if id_col.index - 1 < len(cells) else None
        if is_missing(pid):
            continue
        earlier = seen.setdefault(str(pid).strip(), [])
        for j, value in enumerate(cells):
            if not _says_same(value):
                continue
            before = next(
                (
                    v
                    for k in reversed(earlier)
                    if j < len(sheet.row(k))
                    and not is_missing(v := sheet.row(k)[j])
                    and not _says_same(v)
                ),
                None,
            )
            if before is None:
                continue
            if rows is None:
                rows = [list(sheet.row(k)) for k in range(sheet.n_rows)]
            rows[i][j] = before
            at.setdefault(j + 1, []).append(i + 1)
        earlier.append(i)
    if rows is None:
        return sheet, []
    headers = {c.index: c.header for c in layout.columns}
    problems = [
        sheet_problem(
            sheet.file,
            sheet.sheet,
            "same_as_before",
            f"{column_named(column_letter(col), headers.get(col, ''))}: {len(found)} cell(s) "
            f"say 'same as before' on a patient's later entry (rows {', '.join(map(str, found))}); "
            "each is read as the value on that patient's earlier entry",
            row=found[0],
            column=headers.get(col, ""),
            col_index=col,
            severity=WARNING,
        )
        for col, found in sorted(at.items())
    ]
    return replace(sheet, rows=rows), problems
