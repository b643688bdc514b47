"""The grid a reader returns: :class:`RawSheet`, and the limits it reads under."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from analysis.io.columns import Coded, Grid, distinct
from analysis.problems import Problem

Merged = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based)


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

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def row(self, i: int) -> list[object]:
        """Row ``i`` (0-based) as stored."""
        return self.rows.row(i) if isinstance(self.rows, Grid) else list(self.rows[i])

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
