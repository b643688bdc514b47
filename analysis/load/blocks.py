"""Several tables on one sheet: a patients table on top and, below blank rows and a title
line, a procedures table with a header of its own.

Each table is read as a sheet of its own that keeps the sheet's name and Excel's row
numbers, so every problem still points at the cell a user opens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from analysis.io import RawSheet
from analysis.io.sheets import CellOrigin, Place
from analysis.load.header import MIN_HEADER_SCORE, header_score, key_columns
from analysis.load.roles import sheet_timepoint
from analysis.problems import column_letter

# A table below another starts after at least one blank row, and its header lies within
# this many rows of that blank (a title line may stand between).
_TITLE_LINES = 2
_FIRST_HEADER = 20  # the first table's header lies within the sheet's first rows


def _blank(cells: list[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def table_blocks(sheet: RawSheet, mapping: dict[str, object]) -> list[RawSheet]:
    """The sheet's tables, each as a :class:`RawSheet` with its own ``header_row``; the
    sheet itself when it holds one table (or its header row is already known). Tables
    side by side (:func:`side_by_side`) are read apart too."""
    return [part for block in _row_blocks(sheet, mapping) for part in side_by_side(block, mapping)]


SIDE_BY_SIDE = "side-by-side"
_COLUMNS_NAME = re.compile(r" \(columns ([A-Z]+)-([A-Z]+)\)$")


def side_by_side(sheet: RawSheet, mapping: dict[str, object]) -> list[RawSheet]:
    """Tables side by side on one sheet (patients and procedures on the left, the visits
    on the right), each with a study-ID column of its own and an empty column between
    them: the first read as the sheet, its neighbours' cells blanked; each further one
    as a table of its own named after its columns (``Registry (columns P-V)``), its
    cells where they stand, so that every message names the cell a user opens."""
    if sheet.header_row or sheet.n_rows < 4 or sheet.origin is not None:
        return [sheet]
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    header = next(
        (r for r in range(1, min(_FIRST_HEADER, len(rows)) + 1) if _is_header(sheet, r, mapping)),
        None,
    )
    if header is None:
        return [sheet]
    keys = [c.index for c in key_columns(sheet, header, mapping)]
    width = max(len(r) for r in rows)
    cuts = [
        c
        for c in range(2, width)
        if any(k < c for k in keys)
        and any(k > c for k in keys)
        and all(_empty(r, c) for r in rows[header - 1 :])
    ]
    runs = [c for k, c in enumerate(cuts) if k == 0 or cuts[k - 1] != c - 1]
    spans = [(lo + 1, hi - 1) for lo, hi in zip([0, *runs], [*runs, width + 1], strict=True)]
    return split_columns(sheet, spans[1:]) if len(spans) > 1 else [sheet]


def split_columns(sheet: RawSheet, spans: list[tuple[int, int]]) -> list[RawSheet]:
    """The sheet without the columns of ``spans`` (first and last column, 1-based), then
    each span as a table of its own (:func:`side_by_side`)."""
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    out = [_kept(sheet, rows, lambda c: not any(lo <= c <= hi for lo, hi in spans))]
    for lo, hi in spans:
        part = _kept(sheet, rows, lambda c, lo=lo, hi=hi: lo <= c <= hi)  # type: ignore[misc]
        name = f"{sheet.sheet} (columns {column_letter(lo)}-{column_letter(hi)})"
        how = f"tables side by side: columns {column_letter(lo)}-{column_letter(hi)} read as a table of their own"  # fmt: skip
        origin = CellOrigin(sheet.sheet, _InPlace(sheet.sheet), _InPlace(sheet.sheet), how, SIDE_BY_SIDE)  # fmt: skip
        out.append(replace(part, sheet=name, origin=origin))
    return out


def columns_of(name: str) -> tuple[str, tuple[int, int]] | None:
    """The sheet and span a side-by-side table's name gives (``Registry (columns P-V)``)."""
    m = _COLUMNS_NAME.search(name)
    if m is None:
        return None
    return name[: m.start()], (column_index(m[1]), column_index(m[2]))


class _InPlace(Mapping[Any, Place]):
    """A side-by-side table's cells and rows stand where they stand on the sheet: cell
    (row, column) is the sheet's, a row the sheet's row."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet

    def __getitem__(self, key: Any) -> Place:
        return (self.sheet, key[0], key[1]) if isinstance(key, tuple) else (self.sheet, key, None)

    def __contains__(self, key: object) -> bool:
        return True

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0


def column_index(letters: str) -> int:
    """The 1-based index of a column's letters (``A`` 1, ``AB`` 28)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _kept(sheet: RawSheet, rows: list[list[object]], keep: Callable[[int], bool]) -> RawSheet:
    grid = [[v if keep(j + 1) else None for j, v in enumerate(r)] for r in rows]
    merged = tuple(m for m in sheet.merged if keep(m[1]) and keep(m[3]))
    return replace(sheet, rows=grid, merged=merged)


def _empty(row: list[object], col: int) -> bool:
    return col - 1 >= len(row) or _blank([row[col - 1]])


def _row_blocks(sheet: RawSheet, mapping: dict[str, object]) -> list[RawSheet]:
    if sheet.header_row or sheet.n_rows < 4:
        return [sheet]
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    starts = _block_headers(sheet, rows, mapping)
    if len(starts) < 2:
        return [sheet]
    blocks = []
    for k, (header, _gap) in enumerate(starts):
        # a table ends at the blank rows before the next table's title and header
        end = starts[k + 1][1] - 1 if k + 1 < len(starts) else len(rows)
        first = 1 if k == 0 else header
        grid = [r if first <= i + 1 <= end else [] for i, r in enumerate(rows[:end])]
        merged = tuple(m for m in sheet.merged if first <= m[0] and m[2] <= end)
        blocks.append(
            replace(sheet, rows=grid, merged=merged, header_row=None if k == 0 else header)
        )
    # a title line between the blank rows and a table's header belongs to no table
    return blocks


def _is_header(
    sheet: RawSheet, row: int, mapping: dict[str, object], timepoint: str | None = None
) -> bool:
    return header_score(sheet, row, mapping, timepoint) >= MIN_HEADER_SCORE


def _titled_visit(rows: list[list[object]], first: int, header: int) -> str | None:
    """The time point a title line between a blank row and a table's header names
    (``S6 – 6 semaines``: a visit's table, whose scores name no time point of their
    own), or ``None``. ``first`` and ``header`` are 0-based row indices."""
    for r in range(header - 1, first - 1, -1):
        filled = [c for c in rows[r] if c is not None and str(c).strip()]
        if len(filled) == 1 and isinstance(filled[0], str):
            return sheet_timepoint(filled[0])
    return None


def _block_headers(sheet: RawSheet, rows: list[list[object]], mapping: dict[str, object]) -> list[tuple[int, int]]:  # fmt: skip
    """Per table, the Excel row of its header and of the first blank row above it (the
    first table's are not needed: it starts at the top)."""
    scored = (
        r for r in range(1, min(_FIRST_HEADER, len(rows)) + 1) if _is_header(sheet, r, mapping)
    )
    first = next(scored, None)
    if first is None:
        return []
    starts = [(0, 0)]
    i = first  # the first table's header row (Excel numbering) is index first - 1
    while i < len(rows):
        if not _blank(rows[i]) or i == 0:
            i += 1
            continue
        j = i + 1
        while j < len(rows) and _blank(rows[j]):
            j += 1
        for k in range(j, min(j + _TITLE_LINES + 1, len(rows))):
            ruled = k + 1 in sheet.ruled_headers  # a text report's header over a rule
            if ruled or _is_header(sheet, k + 1, mapping, _titled_visit(rows, j, k)):
                starts.append((k + 1, i + 1))
                i = k + 1
                break
        else:
            i = j
    return starts if len(starts) > 1 else []


def split_at(sheet: RawSheet, header_rows: list[int]) -> list[RawSheet]:
    """The sheet cut into tables at the given header rows (a mapping file's): each table
    from its header to the blank rows and title lines before the next one."""
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    headers = sorted(header_rows)
    blocks = []
    for k, header in enumerate(headers):
        end = headers[k + 1] - 1 if k + 1 < len(headers) else len(rows)
        if k + 1 < len(headers):
            end = _before_title(rows, header, end)
        first = 1 if k == 0 else header
        grid = [r if first <= i + 1 <= end else [] for i, r in enumerate(rows[:end])]
        merged = tuple(m for m in sheet.merged if first <= m[0] and m[2] <= end)
        blocks.append(replace(sheet, rows=grid, merged=merged, header_row=header))
    return blocks


def _before_title(rows: list[list[object]], header: int, end: int) -> int:
    """The last row of a table whose next table's title lines and blank rows start after
    it (title lines count only when a blank row stands above them)."""
    row = end
    titles = 0
    while row > header and not _blank(rows[row - 1]) and titles < _TITLE_LINES:
        row, titles = row - 1, titles + 1
    if row > header and _blank(rows[row - 1]):
        while row > header and _blank(rows[row - 1]):
            row -= 1
        return _above_title(rows, header, row)
    return end


def _one_text(cells: list[object]) -> bool:
    filled = [c for c in cells if not _blank([c])]
    return len(filled) == 1 and isinstance(filled[0], str)


def _above_title(rows: list[list[object]], header: int, row: int) -> int:
    """The last row of a table whose next table's title stands between blank rows (a
    report's section title, a blank line, the header): ``row`` when there is no such
    title."""
    top, titles = row, 0
    while top > header and _one_text(rows[top - 1]) and titles < _TITLE_LINES:
        top, titles = top - 1, titles + 1
    if titles and top > header and _blank(rows[top - 1]):
        while top > header and _blank(rows[top - 1]):
            top -= 1
        return top
    return row
