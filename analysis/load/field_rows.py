"""A key/value export: one row per field, the field named in one cell, its value in the next.

A hospital system writes a visit or a procedure as many rows (entity-attribute-value):
the study ID, the patient's details and the encounter's own cells (its date, its visit
label) repeated on every row, then the field's name (``Indication``, ``Level treated``,
``Cement volume T12``, ``Pain NRS (0-10)``) and its value. Such a sheet is recognised by
its contents: a study ID column, then a column whose cells name fields we read as a
header would (the words of ``data_schema/cohort.yaml`` and ``vocabulary.yaml``: a
procedure's fields and outcome measures alike), and the column beside it holding their
values.

It is read as one row per encounter: the consecutive rows that agree on every cell left
of the field names (the study ID, the encounter's date, its visit) make one row, each
field a column headed by its name. An encounter that names several treated vertebrae
(one ``Level treated`` row each) gives one row per vertebra, and a field naming a
vertebra after its name (``Cement volume T12``, ``Cement extravasation T12``) is read
on that vertebra's row under the name without the vertebra. Rows naming a field we do
not read (``Attendance``) are not read, nor are the columns right of the values
(a unit, who entered the row). Every cell keeps its place, so problems name
the cells the user sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.io import RawSheet
from analysis.io.sheets import Place
from analysis.load.header_levels import header_level
from analysis.load.measure_rows import plain_id_header
from analysis.load.reshape import Entry, Field, fields_sheet
from analysis.normalize import is_missing, match_header
from analysis.normalize.headers import Target
from analysis.problems import column_letter

SHAPE = "field-rows"  # the mapping file's ``shape``
_NAMED_SHARE = 0.5  # of a column's filled cells that must name a field we read
_MIN_FIELDS = 3  # distinct fields named, at least one a procedure's
_MAX_NAMES = 200  # distinct texts beyond which a column is no list of field names
_FILLED_SHARE = 0.8  # of the named rows whose value cell must be filled
_ROWS_PER_PATIENT = 3  # rows per study ID, on average, of a key/value export


@dataclass(frozen=True)
class FieldRows:
    """Where a key/value export keeps its study IDs, field names and values (0-based)."""

    header_row: int
    id_col: int
    name_col: int
    value_col: int


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def split_level(name: str) -> tuple[str, str | None]:
    """A field's name without the vertebra written after it (``Cement volume T12`` ->
    ``("Cement volume", "T12")``), or the name and ``None``."""
    words = name.split()
    if len(words) > 1 and (level := header_level(words[-1])) is not None:
        return " ".join(words[:-1]), level
    return name, None


def _field(name: str) -> Target | None:
    """The field a name reads as (its vertebra aside), when we read it."""
    target = match_header(split_level(name)[0])
    if target is None or target.kind == "identifier" or target.timepoint is not None:
        return None
    return target


def _name_column(sheet: RawSheet, header_row: int, id_col: int) -> int | None:
    """The column right of the study IDs whose filled cells mostly name fields we read,
    among them a procedure's and at least three in all."""
    best, best_n = None, 0
    for j, (codes, values) in enumerate(sheet.coded_columns()):
        if j <= id_col or len(values) > _MAX_NAMES:
            continue
        counts = np.bincount(codes[header_row + 1 :], minlength=len(values))
        filled = [(v, int(n)) for v, n in zip(values, counts, strict=True) if n and not is_missing(v)]  # fmt: skip
        if not filled or not all(isinstance(v, str) for v, _ in filled):
            continue
        fields = {v: _field(_text(v)) for v, _ in filled}
        named = sum(n for v, n in filled if fields[v] is not None)
        labels = {t.label for t in fields.values() if t is not None}
        procedures = any(t.table == "procedures" for t in fields.values() if t is not None)
        if len(labels) < _MIN_FIELDS or not procedures:
            continue
        if named >= _NAMED_SHARE * sum(n for _, n in filled) and named > best_n:
            best, best_n = j, named
    return best


def find_field_rows(sheet: RawSheet) -> FieldRows | None:
    """Where the sheet keeps its field names and values, when it is a key/value export."""
    found = plain_id_header(sheet)
    if found is None:
        return None
    header_row, id_col = found
    data = [sheet.row(i) for i in range(header_row + 1, sheet.n_rows)]
    ids = {_text(r[id_col]) for r in data if id_col < len(r) and not is_missing(r[id_col])}
    if not ids or len(data) < _ROWS_PER_PATIENT * len(ids):
        return None
    name_col = _name_column(sheet, header_row, id_col)
    if name_col is None:
        return None
    named = [r for r in data if name_col < len(r) and _field(_text(r[name_col])) is not None]
    value_col = name_col + 1
    filled = sum(value_col < len(r) and not is_missing(r[value_col]) for r in named)
    if filled < _FILLED_SHARE * len(named):
        return None
    return FieldRows(header_row, id_col, name_col, value_col)


def field_rows_sheet(sheet: RawSheet, found: FieldRows) -> RawSheet:
    """The key/value export read as one row per encounter and treated vertebra (see the
    module docstring), every cell keeping its original place."""
    header = sheet.row(found.header_row)
    left = range(found.name_col)
    entries: list[Entry] = []
    group: list[int] = []
    key: tuple[object, ...] | None = None
    for i in range(found.header_row + 1, sheet.n_rows):
        row = sheet.row(i)
        cells = tuple(row[j] if j < len(row) else None for j in left)
        if all(is_missing(c) for c in cells):
            continue
        if group and cells != key:
            entries += _entries(sheet, found, header, group)
            group = []
        key = cells
        group.append(i)
    if group:
        entries += _entries(sheet, found, header, group)
    name = f"{sheet.sheet} (one row per encounter)"
    return fields_sheet(sheet.file, name, entries, how(sheet, found), SHAPE)


def named_column(header: Sequence[object], j: int) -> str:
    """A column by its letter and, when it has one, its header: ``column C (VAS)``."""
    text = _text(header[j]) if j < len(header) else ""
    return f"column {column_letter(j + 1)}" + (f" ({text})" if text else "")


def how(sheet: RawSheet, found: FieldRows) -> str:
    """How the shape was found, in words."""
    header = sheet.row(found.header_row)

    def named(j: int) -> str:
        return named_column(header, j)

    return (
        f"one row per field: {named(found.name_col)} names the field and "
        f"{named(found.value_col)} holds its value (its cells name fields as a header "
        f"would); the rows agreeing on columns A-{column_letter(found.name_col)} read as "
        "one row per encounter and treated vertebra; rows naming a field we do not read "
        "are not read"
    )


def _entries(sheet: RawSheet, found: FieldRows, header: Sequence[object], rows: list[int]) -> list[Entry]:  # fmt: skip
    """One encounter's rows as its entries: one per treated vertebra, or one."""
    first = sheet.row(rows[0])
    own: list[Field] = []
    for j in range(found.name_col):
        label = _text(header[j]) if j < len(header) else ""
        value = first[j] if j < len(first) else None
        own.append(Field("", label or column_letter(j + 1), value, _at(sheet, rows[0], j), _at(sheet, found.header_row, j)))  # fmt: skip
    plain: list[Field] = []
    by_level: dict[str, list[Field]] = {}
    level_fields: list[Field] = []
    for i in rows:
        row = sheet.row(i)
        name = _text(row[found.name_col]) if found.name_col < len(row) else ""
        if not name:
            continue
        value = row[found.value_col] if found.value_col < len(row) else None
        base, level = split_level(name)
        field = Field("", base, value, _at(sheet, i, found.value_col), _at(sheet, i, found.name_col))  # fmt: skip
        target = _field(name)
        if target is None:  # a field we do not read ("Attendance") is not read
            continue
        if level is not None:
            by_level.setdefault(level, []).append(field)
        elif target.label == "procedures.level" and not is_missing(value):
            level_fields.append(field)
        else:
            plain.append(field)
    levels = list(dict.fromkeys([_text(f.value) for f in level_fields] + list(by_level)))
    key_at = _at(sheet, rows[0], found.id_col)
    if len(levels) < 2:
        return [Entry(key_at, tuple(own + plain + level_fields + [f for fs in by_level.values() for f in fs]))]  # fmt: skip
    out = []
    for level in levels:
        mine = [f for f in level_fields if _text(f.value) == level]
        out.append(Entry(key_at, tuple(own + plain + mine + by_level.get(level, []))))
    return out


def _at(sheet: RawSheet, row: int, col: int) -> Place:
    return (sheet.sheet, row + 1, col + 1)
