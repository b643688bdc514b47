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
    [
        *(None, "", " ", "a", " a", "a ", "b", "1", "nan", "0.0"),
        *(1, 1.0, True, 0, 0.0, -0.0, float("nan"), date(2021, 1, 2)),
    ]
)
# a few cells that look alike, so that rows repeat often
_ALIKE = st.sampled_from([None, "", " 0.0", 0.0, -0.0, float("nan"), "nan"])


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


@settings(max_examples=500, deadline=None)
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


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(_ALIKE, min_size=1, max_size=3), min_size=2, max_size=10))
def test_rows_of_look_alike_cells(grid):
    grid = [["header"], *grid]
    rows = list(range(2, len(grid) + 1))
    found = duplicate_rows(RawSheet("f.csv", "f", grid), rows)
    assert [(p.row, p.message) for p in found] == [
        (r, f"exact duplicate of row {first}; delete one copy") for r, first in _by_row(grid, rows)
    ]


def test_a_row_repeated_three_times_names_the_first_each_time():
    grid = [["id", "x"], ["P1", " 2"], ["P2", "2"], ["P1", "2 "], ["P1", "2", ""], ["P1", "2"]]
    found = duplicate_rows(RawSheet("f.csv", "f", grid), [2, 3, 4, 5, 6])
    assert [(p.row, p.message) for p in found] == [
        (4, "exact duplicate of row 2; delete one copy"),
        (6, "exact duplicate of row 2; delete one copy"),
    ]


def test_cells_equal_as_numbers_but_not_as_text_are_not_duplicates():
    """``-0.0`` and ``0.0`` hash alike, a NaN is no blank: each is the text it shows."""
    for a, b in ((0.0, -0.0), (float("nan"), None), (1, True), (1, 1.0)):
        grid = [["id", "x"], ["P1", a], ["P1", b]]
        assert duplicate_rows(RawSheet("f.csv", "f", grid), [2, 3]) == []
    grid = [["id", "x"], ["P1", -0.0], ["P1", " -0.0"], ["P1", float("nan")], ["P1", "nan"]]
    found = duplicate_rows(RawSheet("f.csv", "f", grid), [2, 3, 4, 5])
    assert [(p.row, p.message) for p in found] == [
        (3, "exact duplicate of row 2; delete one copy"),
        (5, "exact duplicate of row 4; delete one copy"),
    ]
