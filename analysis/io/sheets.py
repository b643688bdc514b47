"""The grid a reader returns: :class:`RawSheet`, and the limits it reads under."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from analysis.io.columns import Coded, Grid, distinct
from analysis.io.xlsx_marks import NO_MARKS, CellMarks
from analysis.problems import Problem

Merged = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based)


Place = tuple[str, int, int | None]  # sheet, 1-based row and column (None: the whole row)


@dataclass(frozen=True, eq=False)
class CellOrigin:
    """Where the cells of a reshaped sheet stand in the workbook the user sees.

    A sheet read in another shape (a transposed sheet read with one patient per row, the
    cards of one patient per sheet or the blocks of a case log gathered into tables)
    keeps, for each of its cells, the original sheet, row and column, and for each of its
    rows the original cell that names the row's patient. A message about the reshaped
    sheet names the original cell through :meth:`place`.
    """

    sheet: str  # the original sheet (the first, when gathered from several)
    cells: Mapping[tuple[int, int], Place]  # reshaped (row, column) -> original place
    rows: Mapping[int, Place]  # reshaped row -> the original place of its patient
    how: str = ""  # how the shape was found, in words (inspect, the warning)
    shape: str = ""  # "transposed", "patient-cards" or "case-log" (the mapping file's key)
    notes: tuple[str, ...] = ()  # the text of the title and legend lines above the table

    def place(self, row: int | None, col: int | None) -> Place | None:
        """The original place of reshaped cell (``row``, ``col``); a whole row's
        (``col`` None) is the cell naming the row's patient; ``None`` for no row."""
        if row is None:
            return None
        if col is not None and (row, col) in self.cells:
            return self.cells[(row, col)]
        return self.rows.get(row)


@dataclass(frozen=True)
class ReadLimits:
    """Limits that protect a run from hostile or damaged files; raise them for a file you
    trust (``--max-expanded-mb``)."""

    max_expanded_mb: float = 500.0
    max_blank_rows: int = 1000
    max_field_kb: int = 16384


@dataclass(frozen=True)
class RawSheet:
    """The cells of one worksheet or text table, exactly as stored."""

    file: str
    sheet: str
    rows: Sequence[list[object]]
    merged: tuple[Merged, ...] = ()
    hidden: bool = False
    header_row: int | None = field(default=None)  # known header row (1-based), if any
    problems: tuple[Problem, ...] = ()  # what the reader noticed (stray cells, formulas)
    # rows far below the data that hold a value (each with its cells, "A1048576"): not
    # read as data, but counted and named as rows in
    stray_rows: tuple[tuple[int, tuple[str, ...]], ...] = ()
    origin: CellOrigin | None = None  # a reshaped sheet: where its cells stand originally
    # the cells filled with a colour or struck through (a workbook's), found on first use
    marks: CellMarks = field(default=NO_MARKS, compare=False, repr=False)
    format_note: str = ""  # values read from the cells' formats by the sheet's legend
    # the columns holding those values (1-based index) and how each was read
    format_columns: tuple[tuple[int, str], ...] = ()
    # the cells' comments: 1-based row and column, the comment's text
    comments: tuple[tuple[int, int, str], ...] = field(default=(), compare=False, repr=False)
    # the labels a codebook sheet of the workbook gives the variables named in this
    # sheet's header (``lyg1`` -> ``Slankstelis 1``), by which those columns are read
    variable_labels: tuple[tuple[str, str], ...] = ()
    # the time points a legend line of this sheet gives the codes its headers use
    # (``T1 = 1 mese`` under ``VAS T1``): each code with the words of its time point
    point_codes: tuple[tuple[str, str], ...] = ()
    # the header rows a text report marks as such (a dashed rule under each): its tables'
    ruled_headers: tuple[int, ...] = ()

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def row(self, i: int) -> list[object]:
        """Row ``i`` (0-based) as stored."""
        return self.rows.row(i) if isinstance(self.rows, Grid) else list(self.rows[i])

    def column(self, j: int) -> Any:
        """Column ``j``'s cells (0-based), one per row, ``None`` where a row is shorter."""
        if isinstance(self.rows, Grid):
            columns = self.rows.columns
            return columns[j] if j < len(columns) else [None] * len(self.rows)
        return [r[j] if j < len(r) else None for r in self.rows]

    def coded_columns(self) -> list[Coded]:
        """The grid column by column, each as codes into its distinct values (padded
        with ``None`` where a row is shorter than the widest)."""
        if isinstance(self.rows, Grid):
            return self.rows.coded()
        return [distinct(c) for c in self.column_cells()]

    def column_cells(self) -> list[Any]:
        """The grid column by column: one object array per column, padded with ``None``
        where a row is shorter than the widest."""
        import numpy as np

        if isinstance(self.rows, Grid):
            return self.rows.columns
        width = max((len(r) for r in self.rows), default=0)
        cols = [np.full(len(self.rows), None, dtype=object) for _ in range(width)]
        for i, r in enumerate(self.rows):
            for j, v in enumerate(r):
                cols[j][i] = v
        return cols
