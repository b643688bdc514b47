"""A remarks column read as naming deaths on one sheet, read so on the workbook's others.

A unit keeping one sheet per year writes its remarks under one header on every sheet
(``মন্তব্য``, ``Remarks``); a year with two deaths shows the column for what it is (remarks
naming deaths with their dates: :func:`analysis.load.header_contents._death_remarks`), a
year with one death or none cannot. The column of the same header that is read as nothing
on another sheet of the workbook, none of its cells a plain yes, is read as the same
remarks there, and its reading says why.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from analysis.load.header_columns import HeaderColumn
from analysis.normalize.cells import is_missing
from analysis.normalize.dates import date_inside
from analysis.normalize.deaths import names_death, plain_yes, says_alive
from analysis.normalize.headers import DEATH_NOTE
from analysis.spec import normalize_text

if TYPE_CHECKING:
    from analysis.load.layout import TableLayout


def _cells(table: TableLayout, col: HeaderColumn) -> list[object]:
    header = table.layout.header_row if table.layout is not None else 0
    rows = table.sheet.rows[header:]
    return [r[col.index - 1] for r in rows if col.index - 1 < len(r)]


def with_workbook_death_remarks(tables: list[TableLayout]) -> list[TableLayout]:
    """The tables, each unread column headed as a column read as death remarks on another
    sheet of the workbook read as those remarks too (unchanged when there is none)."""
    read: dict[str, str] = {}
    for t in tables:
        for col in t.layout.columns if t.layout is not None else ():
            if col.target is not None and col.target.label == DEATH_NOTE.label and col.header:
                read.setdefault(normalize_text(col.header), t.sheet.sheet)
    pooled = _pooled_remarks(tables, read)
    if not read and not pooled:
        return tables
    read = {**pooled, **read}
    out = []
    for t in tables:
        if t.layout is None:
            out.append(t)
            continue
        cols = tuple(_as_remarks(t, c, read) for c in t.layout.columns)
        out.append(t if cols == t.layout.columns else replace(t, layout=replace(t.layout, columns=cols)))  # fmt: skip
    return out


def _pooled_remarks(tables: list[TableLayout], read: dict[str, str]) -> dict[str, str]:
    """Unread columns of one header in several tables (a visit's block each, stacked down
    one sheet, or a sheet per year), each naming one death at most, that together name
    :data:`_POOLED_DEATHS` deaths with their dates and no plain yes: remarks naming
    deaths, as one column of them would be read (the header -> ``POOLED``)."""
    cells: dict[str, list[object]] = {}
    seen: dict[str, int] = {}
    for t in tables:
        for col in t.layout.columns if t.layout is not None else ():
            key = normalize_text(col.header) if col.header else ""
            if col.target is not None or not key or key in read:
                continue
            seen[key] = seen.get(key, 0) + 1
            cells.setdefault(key, []).extend(v for v in _cells(t, col) if not is_missing(v))
    out = {}
    for key, present in cells.items():
        if seen[key] < 2 or any(plain_yes(v) for v in present):
            continue
        dated = [v for v in present if names_death(v) and _dated(v)]
        if len(dated) >= _POOLED_DEATHS:
            out[key] = POOLED
    return out


POOLED = "(pooled)"
_POOLED_DEATHS = 2  # as one column of remarks needs two deaths with their dates


def _dated(value: object) -> bool:
    return any(date_inside(value, order) is not None for order in (None, "dmy", "mdy"))


def _as_remarks(table: TableLayout, col: HeaderColumn, read: dict[str, str]) -> HeaderColumn:
    sheet = read.get(normalize_text(col.header)) if col.header else None
    if col.target is not None or sheet is None or sheet == table.sheet.sheet:
        return col
    present = [v for v in _cells(table, col) if not is_missing(v)]
    if any(plain_yes(v) for v in present):
        return col
    n_read = sum(names_death(v) or says_alive(v) for v in present)
    where = (
        "shared by columns of several tables of the workbook that together name deaths "
        "with their dates: read as"
        if sheet == POOLED
        else f"as the column read on sheet '{sheet}' as"
    )
    why = (
        f"header {where} remarks naming deaths with their dates (other remarks not read; "
        "a patient whose remark names no death read as alive)"
    )
    return replace(col, target=DEATH_NOTE, confidence=1.0, n_values=len(present), n_parsed=n_read, reason=why)  # fmt: skip
