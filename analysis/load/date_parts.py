"""A date written in three columns: day | month | year under one date header.

A unit that types its dates as numbers, one part per cell, heads the three columns with
the parts' names (``روز | ماه | سال`` under ``تاریخ عمل``; ``Tag | Monat | Jahr``), the
group over them naming whose date it is (the procedure, a visit's time point, a new
fracture, a death). Each such triple is read as one date in the day's column, written
year first (``1401/2/7``, whatever the calendar: a Solar Hijri year is read as one), under
the three parts' names joined (``روز/ماه/سال``, read as a date header), so the group
reads it as any date header under it; the month's and year's columns are left empty. A row whose parts are not
all whole numbers keeps what it holds (a visit's cells merged into one reading "did not
come" stays in the day's column; a part missing is read as no date, named on the day's
cell). The sheet's cells keep their places: a problem names the day's cell, its column
shown with its three parts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from analysis.io import RawSheet
from analysis.normalize import is_missing
from analysis.problems import column_letter
from analysis.spec import load_spec, normalize_text

_HEADER_ROWS = 12  # the rows a header is looked for in
_PARTS = ("day", "month", "year")


@dataclass(frozen=True, eq=False)
class JoinedDates(RawSheet):
    """A sheet whose dates written in three columns are read as one (see the module
    docstring); ``how`` maps each joined column (1-based) to how it was read."""

    how: Mapping[int, str] = field(default_factory=dict)

    def reason(self, index: int) -> str | None:
        """How a joined column (1-based ``index``) was read, for ``inspect``."""
        return self.how.get(index)


@cache
def _part_words() -> dict[str, str]:
    parts = load_spec().vocabulary.date_parts
    return {normalize_text(w): part for part in _PARTS for w in parts.get(part, ())}


def _part(cell: object) -> str | None:
    return (
        _part_words().get(normalize_text(cell)) if isinstance(cell, str) and cell.strip() else None
    )


def _triples(row: list[object]) -> list[tuple[int, dict[str, int]]]:
    """Each run of three cells naming day, month and year (in any order): its first
    column (0-based) and the column of each part."""
    out: list[tuple[int, dict[str, int]]] = []
    j = 0
    while j + 2 < len(row):
        parts = [_part(row[j + k]) for k in range(3)]
        if None not in parts and sorted(parts) == sorted(_PARTS):  # type: ignore[type-var]
            out.append((j, {p: j + k for k, p in enumerate(parts) if p is not None}))
            j += 3
        else:
            j += 1
    return out


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else None
    text = normalize_text(value) if isinstance(value, str) else ""
    return int(text) if text.isdigit() else None


def _joined(cells: dict[str, object]) -> object:
    """The date the three parts write (year first), or what the row holds instead."""
    numbers = {p: _whole(v) for p, v in cells.items()}
    if all(n is not None for n in numbers.values()):
        return f"{numbers['year']}/{numbers['month']}/{numbers['day']}"
    filled = [v for p in _PARTS if not is_missing(v := cells[p])]
    if not filled:
        return None
    if len(filled) == 1 and _whole(filled[0]) is None:
        return filled[0]  # a text across the cells ("did not come"), kept as written
    return "/".join(str(cells[p]) if not is_missing(cells[p]) else "?" for p in ("year", "month", "day"))  # fmt: skip


def _split_merges(rows: list[list[object]], merged: tuple, header_rows: int, cleared: set[int]) -> tuple:  # fmt: skip
    """The header's merges with the emptied columns (1-based) cut out of them: a group
    over a date's parts and more columns keeps its text over the rest (written in the
    first cell of each piece)."""
    out = []
    for r1, c1, r2, c2 in merged:
        if r1 > header_rows or not any(c1 <= c <= c2 for c in cleared):
            out.append((r1, c1, r2, c2))
            continue
        text = rows[r1 - 1][c1 - 1]
        start = c1
        for c in range(c1, c2 + 2):
            if c <= c2 and c not in cleared:
                continue
            if start < c:
                out.append((r1, start, r2, c - 1))
                if start != c1 and rows[r1 - 1][start - 1] is None:
                    rows[r1 - 1][start - 1] = text
            start = c + 1
    return tuple(out)


def with_joined_dates(sheet: RawSheet) -> RawSheet:
    """The sheet with each date written in three columns read as one (see the module
    docstring); the sheet itself when it writes none."""
    top = min(sheet.n_rows, _HEADER_ROWS)
    found = next(((h, t) for h in range(top) if (t := _triples(list(sheet.row(h))))), None)
    if found is None:
        return sheet
    h, triples = found
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    how: dict[int, str] = {}
    cleared: set[int] = set()
    for _, cols in triples:
        day = cols["day"]
        words = " / ".join(f"{rows[h][cols[p]]} ({column_letter(cols[p] + 1)})" for p in _PARTS)
        for r in rows[h + 1 :]:
            cells = {p: (r[c] if c < len(r) else None) for p, c in cols.items()}
            if len(r) <= day:
                r.extend([None] * (day + 1 - len(r)))
            r[day] = _joined(cells)
            for p, c in cols.items():
                if p != "day" and c < len(r):
                    r[c] = None
        for p, c in cols.items():
            if p != "day":
                cleared.add(c + 1)
        rows[h][day] = "/".join(str(rows[h][c]).strip() for c in sorted(cols.values()))
        how[day + 1] = f"a date written in three columns, {words}, read as one date"
    merged = _split_merges(rows, sheet.merged, h + 1, cleared)
    for i in range(h + 1):
        for c in cleared:
            if c - 1 < len(rows[i]):
                rows[i][c - 1] = None
    base = {f: getattr(sheet, f) for f in ("file", "sheet", "hidden", "header_row", "problems", "stray_rows", "origin")}  # fmt: skip
    return JoinedDates(rows=rows, merged=merged, how=how, **base)


__all__ = ["JoinedDates", "with_joined_dates"]
