"""The day/month order of a date column whose own dates do not tell it.

``01/10/2021`` is the first of October or the tenth of January. A column of such dates
alone (a patient card's three new fractures, or a fracture's level and date in one cell,
``T12 (02/06/2022)``) takes the order the workbook's other date columns prove (``28/08/2021`` beside it: day first), when they prove one and the same;
the column's reading says so, and the mapping file writes the order as its ``date_order``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from analysis.load.header_columns import HeaderColumn
from analysis.normalize.dates import inner_proven_orders, proven_orders

if TYPE_CHECKING:
    from analysis.load.layout import TableLayout


def _dates(table: TableLayout, col: HeaderColumn) -> list[object]:
    header = table.layout.header_row if table.layout is not None else 0
    rows = table.sheet.rows[header:]
    return [r[col.index - 1] for r in rows if col.index - 1 < len(r)]


def _undecided(col: HeaderColumn) -> bool:
    """A column of dates, or of new fractures each a level and a date written in its text
    (``T12 (02/06/2022)``), whose order is not yet set."""
    return col.target is not None and col.target.kind in ("date", "level_date") and col.date_order is None  # fmt: skip


def _proven(table: TableLayout, col: HeaderColumn) -> set[str]:
    values = _dates(table, col)
    return inner_proven_orders(values) if col.target is not None and col.target.kind == "level_date" else proven_orders(values)  # fmt: skip


def with_workbook_order(tables: list[TableLayout]) -> list[TableLayout]:
    """The tables, each date column that proves no order of its own given the one order
    the workbook's other date columns prove (unchanged when they prove none or both)."""
    proven: dict[tuple[int, int], set[str]] = {}
    for k, t in enumerate(tables):
        for col in t.layout.columns if t.layout is not None else ():
            if _undecided(col):
                proven[(k, col.index)] = _proven(t, col)
    orders = set().union(*proven.values()) if proven else set()
    if len(orders) != 1:
        return tables
    order = next(iter(orders))
    why = f"day/month order ({order}) as the workbook's other date columns"
    out = []
    for k, t in enumerate(tables):
        if t.layout is None:
            out.append(t)
            continue
        cols = tuple(
            replace(c, date_order=order, reason=f"{c.reason}; {why}")
            if _undecided(c) and not proven[(k, c.index)] and _written(t, c)
            else c
            for c in t.layout.columns
        )
        out.append(replace(t, layout=replace(t.layout, columns=cols)))
    return out


def _written(table: TableLayout, col: HeaderColumn) -> bool:
    """Whether the column holds dates written as text (the only ones whose order is open)."""
    return any(isinstance(v, str) and v.strip() for v in _dates(table, col))
