"""A register of one block of rows per record, one row per measure, its time points across.

A unit's ledger keeps each patient (or each of the patient's procedures) as a block of
rows: the patient's and the procedure's cells on the block's first row (often merged down
over the block), then one row per outcome measure, the measure named in a column of its
own (``VAS(0-10)``, ``ODI(%)``, ``移動能(0-4)``) and its values across, under headers that
name time points (``術前``, ``1週``, ``1ヶ月``). Such a sheet is recognised by its
contents: a study ID column, a column whose cells name outcome measures as a header would
(the measure words of ``data_schema/cohort.yaml`` and ``vocabulary.yaml``, in any
language) and, right of it, at least two columns headed by time points whose cells on
the measure rows hold numbers or missing markers.

It is read as one row per block: the consecutive rows whose other cells are blank or the
same as the block's first row's (a cell merged down over the block reads the merged
value, as the sheet shows it) make one record, each of the block's measures a group of
columns, one per time point, read as any measure under a time point is (a later
procedure's block: its scores after that procedure). A patient's cells merged over the
blocks of several procedures are read on the first block, the later ones carrying the
study ID only, so a bad cell is reported once. Rows naming a measure we do not read are
not read. Every cell keeps its place, so problems name the cells the user sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.io import RawSheet
from analysis.io.sheets import Place
from analysis.load.field_rows import SHAPE, named_column
from analysis.load.measure_rows import _is_number as is_number
from analysis.load.measure_rows import _name_column as measure_name_column
from analysis.load.measure_rows import _names_measure as names_measure
from analysis.load.measure_rows import plain_id_header
from analysis.load.reshape import Entry, Field, fields_sheet
from analysis.normalize import is_missing, match_header
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import column_letter

_MIN_TIMEPOINTS = 2  # columns headed by time points right of the measure names
_NUMBER_SHARE = 0.8  # of the filled cells on measure rows under them that must be numbers


@dataclass(frozen=True)
class MeasureBlocks:
    """Where a register of measure rows keeps its study IDs, measure names and time
    points (0-based)."""

    header_row: int
    id_col: int
    name_col: int
    across: tuple[int, ...]  # the columns headed by time points, right of the names


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _timepoint_columns(header: Sequence[object], name_col: int) -> tuple[int, ...]:
    """The run of columns right of the measure names whose headers name a time point
    (and nothing else a header reads as)."""
    out = []
    for j in range(name_col + 1, len(header)):
        text = _text(header[j])
        if not text or timepoint_of(text) is None or match_header(text) is not None:
            break
        out.append(j)
    return tuple(out)


def find_measure_blocks(sheet: RawSheet) -> MeasureBlocks | None:
    """Where the sheet keeps its measure names and time points, when it is a register of
    one block of measure rows per record (see the module docstring)."""
    found = plain_id_header(sheet)
    if found is None:
        return None
    header_row, id_col = found
    name_col = measure_name_column(sheet, header_row, id_col)
    if name_col is None:
        return None
    across = _timepoint_columns(sheet.row(header_row), name_col)
    if len(across) < _MIN_TIMEPOINTS:
        return None
    data = [sheet.row(i) for i in range(header_row + 1, sheet.n_rows)]
    measured = [r for r in data if name_col < len(r) and names_measure(_text(r[name_col]))]
    cells = [r[j] for r in measured for j in across if j < len(r) and not is_missing(r[j])]
    if not cells or sum(is_number(c) for c in cells) < _NUMBER_SHARE * len(cells):
        return None
    return MeasureBlocks(header_row, id_col, name_col, across)


def _merged_cells(sheet: RawSheet) -> dict[tuple[int, int], tuple[int, int]]:
    """Each cell of a merged range below its first (0-based row, column) with the range's
    first cell, whose value the sheet shows over the whole range."""
    out = {}
    for r0, c0, r1, c1 in sheet.merged:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    out[(r - 1, c - 1)] = (r0 - 1, c0 - 1)
    return out


class _Cells:
    """The sheet's cells as it shows them: a merged range's value on each of its cells,
    with the place it stands."""

    def __init__(self, sheet: RawSheet) -> None:
        self.sheet = sheet
        self.merged = _merged_cells(sheet)

    def get(self, i: int, j: int) -> tuple[object, Place]:
        at = self.merged.get((i, j), (i, j))
        row = self.sheet.row(at[0])
        value = row[at[1]] if at[1] < len(row) else None
        return value, (self.sheet.sheet, at[0] + 1, at[1] + 1)


def _blocks(sheet: RawSheet, found: MeasureBlocks, own: list[int]) -> list[list[int]]:
    """The rows of each record: a row starts one when a cell of its own (not a measure's
    name nor value) is filled and differs from the record's."""
    cells = _Cells(sheet)
    blocks: list[list[int]] = []
    record: dict[int, object] = {}
    for i in range(found.header_row + 1, sheet.n_rows):
        mine = {j: cells.get(i, j)[0] for j in own}
        mine = {j: v for j, v in mine.items() if not is_missing(v)}
        named = not is_missing(cells.get(i, found.name_col)[0])
        if not mine and not named:
            continue
        if blocks and all(record.get(j, v) == v for j, v in mine.items()):
            blocks[-1].append(i)
            record.update(mine)
            continue
        blocks.append([i])
        record = dict(mine)
    return blocks


def measure_blocks_sheet(sheet: RawSheet, found: MeasureBlocks) -> RawSheet:
    """The register read as one row per block of measure rows (see the module docstring),
    every cell keeping its original place."""
    header = sheet.row(found.header_row)
    width = max((len(sheet.row(i)) for i in range(sheet.n_rows)), default=0)
    own = [j for j in range(width) if j != found.name_col and j not in found.across]
    cells = _Cells(sheet)
    entries = []
    used: set[Place] = set()  # a cell merged over several blocks: read on the first only
    for rows in _blocks(sheet, found, own):
        fields: list[Field] = []
        for j in own:
            value, at = next(
                (cells.get(i, j) for i in rows if not is_missing(cells.get(i, j)[0])),
                cells.get(rows[0], j),
            )
            if at in used and j != found.id_col:
                value, at = None, (sheet.sheet, rows[0] + 1, j + 1)
            used.add(at)
            label = _text(header[j]) if j < len(header) else ""
            head_at = (sheet.sheet, found.header_row + 1, j + 1)
            fields.append(Field("", label or column_letter(j + 1), value, at, head_at))
        for i in rows:
            name = _text(cells.get(i, found.name_col)[0])
            if not names_measure(name):  # a measure we do not read is not read
                continue
            for j in found.across:
                value, at = cells.get(i, j)
                head_at = (sheet.sheet, found.header_row + 1, j + 1)
                fields.append(Field(name, _text(header[j]), value, at, head_at))
        key_at = (sheet.sheet, rows[0] + 1, found.id_col + 1)
        entries.append(Entry(key_at, tuple(fields)))
    name = f"{sheet.sheet} (one row per encounter)"
    return fields_sheet(sheet.file, name, entries, how(sheet, found), SHAPE)


def how(sheet: RawSheet, found: MeasureBlocks) -> str:
    """How the shape was found, in words."""
    header = sheet.row(found.header_row)

    def named(j: int) -> str:
        return named_column(header, j)

    first, last = found.across[0], found.across[-1]
    return (
        f"one row per measure: {named(found.name_col)} names the measure and columns "
        f"{column_letter(first + 1)}-{column_letter(last + 1)} hold its values at the time "
        "points their headers name; the rows of one block (their other cells blank, merged "
        "or the same as its first row's) read as one row per encounter; rows naming a "
        "measure we do not read are not read"
    )
