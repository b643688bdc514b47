"""Several tables on one sheet: a patients table on top and, below blank rows and a title
line, a procedures table with a header of its own.

Each table is read as a sheet of its own that keeps the sheet's name and Excel's row
numbers, so every problem still points at the cell a user opens.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.io import RawSheet
from analysis.load.header import MIN_HEADER_SCORE, header_score

# A table below another starts after at least one blank row, and its header lies within
# this many rows of that blank (a title line may stand between).
_TITLE_LINES = 2
_FIRST_HEADER = 20  # the first table's header lies within the sheet's first rows


def _blank(cells: list[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def table_blocks(sheet: RawSheet, mapping: dict[str, object]) -> list[RawSheet]:
    """The sheet's tables, each as a :class:`RawSheet` with its own ``header_row``; the
    sheet itself when it holds one table (or its header row is already known)."""
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


def _is_header(sheet: RawSheet, row: int, mapping: dict[str, object]) -> bool:
    return header_score(sheet, row, mapping) >= MIN_HEADER_SCORE


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
            if _is_header(sheet, k + 1, mapping):
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
        return row
    return end
