"""Sheets read in another shape: a patient's fields gathered from wherever a sheet keeps
them into one row per patient, and a card's small tables given the patient's study ID.

The shapes (:mod:`analysis.load.transposed`, :mod:`analysis.load.cards`) find the
fields and tables; this module builds the sheet the header rules read (row 1: each
field's group, such as a section or a measure; row 2: its label; then one row per patient
or per table row), with a :class:`~analysis.io.CellOrigin` for every cell, and puts every
problem and ledger row back in the place the user sees (:func:`in_original_places`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from analysis.io import CellOrigin, RawSheet
from analysis.io.sheets import Place
from analysis.problems import Problem, column_letter

ID_HEADER = "patient_id"  # the header of a study-ID column a shape adds to a card's table
SESSION_HEADER = "procedure_id"  # the header of a session-number column a shape adds
HEADER_ROW = 2  # a reshaped sheet's header row (row 1 holds the groups)


@dataclass(frozen=True)
class Field:
    """One field of one patient: its group (a section, a measure over time points), its
    label, its value and where both stand."""

    group: str
    label: str
    value: object
    at: Place
    label_at: Place


@dataclass(frozen=True)
class Entry:
    """One patient's fields, and the cell that names the patient."""

    key_at: Place
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class TableRow:
    """One row of a card's table: the patient's study ID, the row's cells and where they
    stand (the ID's place is the cell naming the patient)."""

    patient_id: object
    key_at: Place
    cells: tuple[tuple[object, Place], ...]


def fields_sheet(
    file: str,
    name: str,
    entries: Sequence[Entry],
    how: str,
    shape: str,
    notes: tuple[str, ...] = (),
) -> RawSheet:
    """One row per patient, one column per distinct (group, label) in first-seen order (a
    label repeated within one patient's group gets a column per repeat); ``notes``, the
    text of the original sheet's title and legend lines, travel with it."""
    keys: dict[tuple[str, str, int], int] = {}
    placed: list[dict[int, Field]] = []
    for entry in entries:
        seen: dict[tuple[str, str], int] = {}
        row: dict[int, Field] = {}
        for f in entry.fields:
            n = seen.get((f.group, f.label), 0)
            seen[(f.group, f.label)] = n + 1
            col = keys.setdefault((f.group, f.label, n), len(keys) + 1)
            row[col] = f
        placed.append(row)
    width = len(keys)
    groups: list[object] = [None] * width
    labels: list[object] = [None] * width
    cells: dict[tuple[int, int], Place] = {}
    for (group, label, _), col in keys.items():
        groups[col - 1] = group or None
        labels[col - 1] = label
        first = next(r[col] for r in placed if col in r)
        cells[(HEADER_ROW, col)] = first.label_at
    grid: list[list[object]] = [groups, labels]
    rows: dict[int, Place] = {}
    for i, (entry, row) in enumerate(zip(entries, placed, strict=True)):
        r = HEADER_ROW + 1 + i
        values: list[object] = [None] * width
        for col, f in row.items():
            values[col - 1] = f.value
            cells[(r, col)] = f.at
        grid.append(values)
        rows[r] = entry.key_at
    return _sheet(file, name, grid, cells, rows, (how, shape), _group_spans(groups), notes)


def _group_spans(groups: list[object]) -> tuple[tuple[int, int, int, int], ...]:
    """Each run of one group label over its fields, as a merged range of row 1 (so a
    field without a group is never read under its neighbour's)."""
    spans = []
    start = 0
    for k in range(1, len(groups) + 1):
        if k == len(groups) or groups[k] != groups[start]:
            if groups[start]:
                spans.append((1, start + 1, 1, k))
            start = k
    return tuple(spans)


def table_sheet(
    file: str,
    name: str,
    header: Sequence[tuple[str, Place]],
    rows: Iterable[TableRow],
    how: str,
    shape: str,
) -> RawSheet:
    """A card's table (gathered over cards with the same header) with a first column of
    study IDs (the title above the table names the gathered table, and so its role)."""
    width = len(header) + 1
    labels: list[object] = [ID_HEADER, *(h for h, _ in header)]
    cells: dict[tuple[int, int], Place] = {}
    for col, (_, at) in enumerate(header, 2):
        cells[(HEADER_ROW, col)] = at
    grid: list[list[object]] = [[None] * width, labels]
    places: dict[int, Place] = {}
    for i, tr in enumerate(rows):
        r = HEADER_ROW + 1 + i
        values: list[object] = [tr.patient_id, *(v for v, _ in tr.cells)]
        grid.append(values + [None] * (width - len(values)))
        cells[(r, 1)] = tr.key_at
        for col, (_, at) in enumerate(tr.cells, 2):
            cells[(r, col)] = at
        first = tr.cells[0][1] if tr.cells else tr.key_at
        places[r] = (first[0], first[1], None)
    return _sheet(file, name, grid, cells, places, (how, shape), ((1, 1, 1, 1),))


def _sheet(
    file: str,
    name: str,
    grid: list[list[object]],
    cells: dict[tuple[int, int], Place],
    rows: dict[int, Place],
    how: tuple[str, str],
    merged: tuple[tuple[int, int, int, int], ...],
    notes: tuple[str, ...] = (),
) -> RawSheet:
    first = next(iter(rows.values()), None) or next(iter(cells.values()), None)
    origin = CellOrigin(first[0] if first else name, cells, rows, *how, notes=notes)
    # a one-cell range marks the group row as read (no label spread over blank groups)
    merged = merged or ((1, 1, 1, 1),)
    return RawSheet(file, name, grid, merged, header_row=HEADER_ROW, origin=origin)


Origins = dict[tuple[str, str], CellOrigin]


def original_problem(p: Problem, origins: Origins) -> Problem:
    """``p`` named at its place in the sheet the user sees, when it concerns a reshaped
    sheet (its cell, or its row's patient cell, or the original sheet)."""
    origin = origins.get((p.file, p.sheet))
    if origin is None:
        return p
    col = _column_index(p.cell) if p.cell else None
    place = origin.place(p.row, col)
    message = p.message.replace(p.sheet, origin.sheet) if p.sheet else p.message
    message = _ROWS.sub(lambda m: _rows_named(m, origin), message)
    if place is None:
        return replace(p, sheet=origin.sheet, row=None, cell=None, message=message)
    sheet, row, at = place
    cell = f"{column_letter(at)}{row}" if at else None
    if col is not None and at:
        message = _column_renamed(message, origin, col, at)
    return replace(p, sheet=sheet, row=row, cell=cell, message=message)


def _column_renamed(message: str, origin: CellOrigin, col: int, at: int) -> str:
    """``column Q`` of a reshaped sheet as the column the user sees, where the reshaped
    column is one column of the sheet (its header and its cells stand in column ``at``)."""
    named = re.compile(rf"\bcolumn {column_letter(col)}\b")
    if col == at or not named.search(message):
        return message
    head = origin.cells.get((HEADER_ROW, col))
    cell = next((v for (r, c), v in origin.cells.items() if c == col and r > HEADER_ROW), None)
    if head is None or cell is None or not head[2] == cell[2] == at:
        return message
    return named.sub(f"column {column_letter(at)}", message)


_ROWS = re.compile(r"\b(rows?) (\d+(?:-\d+)?(?:, \d+(?:-\d+)?)*)")


def _rows_named(m: re.Match[str], origin: CellOrigin) -> str:
    """``rows 13, 15`` (or ``rows 13-15``) of a reshaped sheet as the rows (or, for a
    transposed sheet, the patients' study-ID cells) the user sees."""
    parts = [[origin.rows.get(int(n)) for n in part.split("-")] for part in m.group(2).split(", ")]
    if any(p is None for part in parts for p in part):
        return m.group(0)
    cells = [[(p[1], p[2]) for p in part if p is not None] for part in parts]
    if all(c is not None for part in cells for _, c in part):
        word = "cells" if len(cells) > 1 or len(set(cells[0])) > 1 else "cell"
        return f"{word} " + ", ".join(_span(f"{column_letter(c)}{r}" for r, c in part if c) for part in cells)  # fmt: skip
    return f"{m.group(1)} " + ", ".join(_span(str(r) for r, _ in part) for part in cells)


def _span(names: Iterable[str]) -> str:
    """``A9`` for one place (or a range from it to itself), ``A9-A15`` for a range."""
    unique = list(dict.fromkeys(names))
    return "-".join(unique)


def _column_index(cell: str) -> int | None:
    letters = "".join(ch for ch in cell if ch.isalpha())
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n or None


def original_ledger(ledger: pd.DataFrame, origins: Origins) -> pd.DataFrame:
    """The ledger with each reshaped sheet's rows named by the cell of their patient (a
    transposed sheet's column, a card's sheet, a case log's block)."""
    if not origins or ledger.empty:
        return ledger
    sheets, rows = [], []
    for file, sheet, row in zip(ledger["file"], ledger["sheet"], ledger["row"], strict=True):
        origin = origins.get((str(file), str(sheet)))
        place = origin.place(int(row), None) if origin else None
        sheets.append(place[0] if place else str(sheet))
        rows.append(place[1] if place else int(row))
    out = ledger.assign(sheet=sheets, row=rows)
    return out.astype({"sheet": "category"})
