"""Duplicate rows of a wide sheet, found column by column among the rows still alike,
are the rows a cell-for-cell comparison finds, each named with the row it repeats."""

from __future__ import annotations

from datetime import date
from itertools import zip_longest

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.io import RawSheet
from analysis.load.records import duplicate_rows

# cells that compare equal as numbers but not as text, blanks of both kinds, padded text
_CELLS = st.sampled_from(
    [None, "", " ", "a", " a", "a ", "b", "1", 1, 1.0, True, 0, 0.0, -0.0, date(2021, 1, 2)]
)


def _by_row(grid: list[list[object]], rows: list[int]) -> list[tuple[int, int]]:
    """The rule cell for cell: (repeating row, row repeated)."""
    texts = [
        ["" if v is None else str(v).strip() for v in column]
        for column in zip_longest(*[grid[r - 1] for r in rows])
    ]
    seen: dict[tuple[object, ...], int] = {}
    found = []
    for k, r in enumerate(rows):
        key = (len(grid[r - 1]), *(column[k] for column in texts))
        first = seen.setdefault(key, r)
        if first != r:
            found.append((r, first))
    return found


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_CELLS, min_size=2, max_size=4), min_size=0, max_size=12),
    st.booleans(),
)
def test_duplicates_by_column_are_those_found_cell_by_cell(grid, by_column):
    grid = [["header", "row"], *grid]
    rows = list(range(2, len(grid) + 1))
    sheet = RawSheet("f.csv", "f", grid)
    columns = list(zip_longest(*grid[1:])) if by_column else None
    found = duplicate_rows(sheet, rows, columns)
    assert [(p.row, p.message) for p in found] == [
        (r, f"exact duplicate of row {first}; delete one copy") for r, first in _by_row(grid, rows)
    ]
    assert all(p.rule == "duplicate_row" and p.key for p in found)


def test_a_row_repeated_three_times_names_the_first_each_time():
    grid = [["id", "x"], ["P1", " 2"], ["P2", "2"], ["P1", "2 "], ["P1", "2", ""], ["P1", "2"]]
    found = duplicate_rows(RawSheet("f.csv", "f", grid), [2, 3, 4, 5, 6])
    assert [(p.row, p.message) for p in found] == [
        (4, "exact duplicate of row 2; delete one copy"),
        (6, "exact duplicate of row 2; delete one copy"),
    ]
