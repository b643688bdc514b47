"""An item export whose item codes a code list of the same workbook names.

A hospital information system writes everything it records as one row per item: the
patient's code, an opaque item code (``OP12``, ``SC01``), the value as text, and the date
and time it was recorded, the patients interleaved as the rows follow the clock. What
each code records is said only on another sheet, the system's code list: one row per
code, the code in one column and its name beside it, often in several languages
(``OP12 | 1-омыртқа: цемент көлемі | 1-omyrtqa: sement kölemı | Позвонок 1: объём
цемента | мл``).

Such a pair is recognised by its contents: a sheet with a study ID column and a column
whose cells are mostly codes that a code list lists (a column of distinct short codes on
another sheet, each beside text), the value in the column beside the codes and a column
of dates (the time each item was recorded). Each code is named by the first of its
names the header rules read as a field (in the code list's column order); a measure's
name that reads without a scale takes the scale another cell of its row declares
(``Боль по ВАШ`` with ``мм (0–100)``).

The export is read as one row per patient, day recorded and kind of record: a
procedure's items (its technique, each vertebra's level, volume and leak, its cement)
make the day's procedure row, dated as the procedure; the visit's items (its time point,
its scores, a new fracture) make the day's visit row, dated as the visit; the patient's
own items (sex, birth date, cause, death) are written on the day's visit row. An item
written twice on one day starts a new row. Items whose names read as no field (blood
pressure, haemoglobin) are not read. Every cell keeps its place, so problems name the
cells the user sees, and the code list itself is read as the export's names, not as data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime

from analysis.io import RawSheet
from analysis.io.sheets import Place
from analysis.load.header_sessions import _slot_target
from analysis.load.measure_rows import id_header
from analysis.load.reshape import Entry, Field, fields_sheet
from analysis.normalize import is_missing, match_header
from analysis.normalize.headers import Target, header_candidates
from analysis.problems import column_letter

SHAPE = "item-codes"  # the mapping file's ``shape``
_CODE = re.compile(r"^[^\W_][\w.\-]{0,11}$")  # a code: one short word, no spaces
_MIN_CODES = 5  # codes a code list lists, and an export writes, at least
_CODE_SHARE = 0.8  # of an export column's filled cells that must be listed codes
_DATE_SHARE = 0.8  # of the rows whose recorded cell must hold a date
_MAX_ROWS = 1000  # a code list is short
PROCEDURE_DATE = "procedure date"  # the headers of the days the rows are dated by
VISIT_DATE = "visit date"


@dataclass(frozen=True)
class CodeList:
    """A code list: its sheet, and each code's names (row order) and place."""

    sheet: str
    names: dict[str, tuple[str, ...]]
    places: dict[str, Place]


@dataclass(frozen=True)
class ItemExport:
    """Where an item export keeps its study IDs, codes, values and recorded dates
    (0-based), and each code's name as read."""

    header_row: int
    id_col: int
    code_col: int
    value_col: int
    date_col: int
    names: dict[str, str]  # code -> the name it is read by ("" when none reads)
    code_list: CodeList


@dataclass(frozen=True)
class ItemCodes(RawSheet):
    """An item export read as one row per patient, day and record; ``how`` gives, for
    each of its columns (1-based), the item code it holds and where that was named."""

    how: Mapping[int, str] = field(default_factory=dict)

    def reason(self, index: int) -> str | None:
        """How a column (1-based ``index``) was filled, for ``inspect``."""
        return self.how.get(index)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _is_code(value: object) -> bool:
    text = _text(value)
    return isinstance(value, str) and bool(_CODE.match(text)) and any(c.isalpha() for c in text)


def code_list(sheet: RawSheet) -> CodeList | None:
    """The sheet read as a code list: a column of distinct short codes (five or more),
    each on a row that names it in text beside it; ``None`` when it is no such list."""
    if sheet.n_rows > _MAX_ROWS or sheet.origin is not None:
        return None
    rows = [sheet.row(i) for i in range(sheet.n_rows)]
    width = max((len(r) for r in rows), default=0)
    for j in range(width):
        coded = [(i, r) for i, r in enumerate(rows) if j < len(r) and _is_code(r[j])]
        codes = [_text(r[j]) for _, r in coded]
        if len(codes) < _MIN_CODES or len(set(codes)) < len(codes):
            continue
        names: dict[str, tuple[str, ...]] = {}
        places: dict[str, Place] = {}
        for i, r in coded:
            said = tuple(_text(c) for k, c in enumerate(r) if k != j and isinstance(c, str) and any(ch.isalpha() for ch in c))  # fmt: skip
            if said:
                names[_text(r[j])] = said
                places[_text(r[j])] = (sheet.sheet, i + 1, j + 1)
        if len(names) >= _SHARE_NAMED * len(codes):
            return CodeList(sheet.sheet, names, places)
    return None


_SHARE_NAMED = 0.8  # of a code list's codes that must be named beside them


def _reading(name: str) -> Target | None:
    """The field a code's name reads as, as a header (or a numbered vertebra's field)."""
    target = match_header(name)
    if target is not None:
        return target
    found = _slot_target(name, {})
    return found[0] if found is not None else None


_REMARK = re.compile(r"\([^()]*\)")  # a remark in brackets: "(от последней операции)"


def code_name(names: Sequence[str]) -> str:
    """The name a code is read by: the first of its names the header rules read, as
    written or without its remark in brackets (a measure read without a scale joined to
    the first other cell that gives it one), else ``""``."""
    tries = [n for name in names for n in (name, " ".join(_REMARK.sub(" ", name).split())) if n]
    for name in dict.fromkeys(tries):
        target = _reading(name)
        if target is None:
            continue
        if target.kind == "measure" and target.scale is None:
            for unit in names:
                scaled = match_header(f"{name}, {unit}") if unit != name else None
                if scaled is not None and scaled.measure == target.measure and scaled.scale is not None:  # fmt: skip
                    return f"{name}, {unit}"
        return name
    return ""


def _is_date(value: object) -> bool:
    return isinstance(value, date)


def find_item_export(sheet: RawSheet, lists: Sequence[CodeList]) -> ItemExport | None:
    """Where the sheet keeps its codes, values and recorded dates, when it is an item
    export whose codes one of ``lists`` names (see the module docstring)."""
    if sheet.origin is not None:
        return None
    found = id_header(sheet) or _id_named_in_part(sheet)
    if found is None:
        return None
    header_row, id_col = found
    data = [sheet.row(i) for i in range(header_row + 1, sheet.n_rows)]
    width = max((len(r) for r in data), default=0)
    for listed in lists:
        if listed.sheet == sheet.sheet:
            continue
        for j in range(width):
            if j == id_col:
                continue
            filled = [_text(r[j]) for r in data if j < len(r) and not is_missing(r[j])]
            known = [c for c in filled if c in listed.names]
            if len(set(known)) < _MIN_CODES or len(known) < _CODE_SHARE * len(filled):
                continue
            dated = _date_column(data, width, {id_col, j, j + 1})
            if dated is None:
                continue
            names = {code: code_name(said) for code, said in listed.names.items()}
            return ItemExport(header_row, id_col, j, j + 1, dated, names, listed)
    return None


def _id_named_in_part(sheet: RawSheet) -> tuple[int, int] | None:
    """The 0-based header row and study ID column of a header naming the study ID in
    part (``Patient code``), as the header rules read words: a cell of the first rows
    whose best reading is the study ID, at half its words or more."""
    for i in range(min(sheet.n_rows, _HEADER_ROWS)):
        for j, cell in enumerate(sheet.row(i)):
            ranked = header_candidates(cell) if isinstance(cell, str) and cell.strip() else []
            if ranked and ranked[0][1] >= _IN_PART and ranked[0][0].label == "patients.patient_id":  # fmt: skip
                return i, j
    return None


_HEADER_ROWS = 10  # the header is looked for among a sheet's first rows
_IN_PART = 0.5  # of a header's words that must name the study ID


def _date_column(data: list[list[object]], width: int, taken: set[int]) -> int | None:
    for j in range(width):
        if j in taken:
            continue
        filled = [r[j] for r in data if j < len(r) and not is_missing(r[j])]
        if filled and sum(_is_date(v) for v in filled) >= _DATE_SHARE * len(data):
            return j
    return None


def _kind(target: Target | None) -> str | None:
    """What a field belongs to: a procedure, a visit, or the patient (``None``: not read)."""
    if target is None:
        return None
    if target.table == "procedures" or target.label == "date:procedure_date":
        return "procedure"
    if target.table == "patients" or target.kind == "identifier" or target.label == "date:death_date":  # fmt: skip
        return "patient"
    return "visit"


def item_codes_sheet(sheet: RawSheet, found: ItemExport) -> RawSheet:
    """The item export read as one row per patient, day and kind of record (see the
    module docstring), every cell keeping its original place."""
    header = sheet.row(found.header_row)
    kinds = {code: _kind(_reading(name)) if name else None for code, name in found.names.items()}
    groups: dict[tuple[str, object, str, int], list[tuple[str, int]]] = {}
    firsts: dict[tuple[str, object, str, int], int] = {}
    current: dict[tuple[str, object, str], int] = {}
    for i in range(found.header_row + 1, sheet.n_rows):
        row = sheet.row(i)
        cells = [row[j] if j < len(row) else None for j in (found.id_col, found.code_col, found.value_col, found.date_col)]  # fmt: skip
        pid, code = _text(cells[0]), _text(cells[1])
        kind = kinds.get(code)
        if not pid or kind is None or is_missing(cells[2]):
            continue
        day = cells[3].date() if isinstance(cells[3], datetime) else cells[3]
        key = (pid, day, "procedure" if kind == "procedure" else "visit")
        n = current.get(key, 0)
        if any(c == code for c, _ in groups.get((*key, n), [])):
            n = current[key] = n + 1  # an item written twice on one day: a new record
        groups.setdefault((*key, n), []).append((code, i))
        firsts.setdefault((*key, n), i)
    entries = [_entry(sheet, found, header, kinds, key[2], firsts[key], items) for key, items in groups.items()]  # fmt: skip
    name = f"{sheet.sheet} (one row per day and record)"
    seen = {_text(c) for c in sheet.column(found.code_col)[found.header_row + 1 :]}
    shaped = fields_sheet(sheet.file, name, entries, how(sheet, found, seen), SHAPE)
    labels = list(shaped.row(1))
    reasons = {k: _column_how(sheet, found, str(label)) for k, label in enumerate(labels, 1)}
    own = {f.name: getattr(shaped, f.name) for f in fields(RawSheet)}
    return ItemCodes(**own, how=reasons)


def _column_how(sheet: RawSheet, found: ItemExport, label: str) -> str:
    """``item OP11 of column C, named by sheet 'Codes' row 14``; how a day column is
    dated; ``""`` for the study ID."""
    header = sheet.row(found.header_row)
    letter = column_letter(found.date_col + 1)
    if label in (PROCEDURE_DATE, VISIT_DATE):
        what = "a procedure's" if label == PROCEDURE_DATE else "a visit's (or the patient's own)"
        return f"the day column {letter} records {what} items"
    code = next((c for c, n in found.names.items() if n == label), None)
    if code is None:
        return ""
    _, row, _ = found.code_list.places[code]
    named = _text(header[found.code_col]) if found.code_col < len(header) else ""
    return (
        f"item {code} of column {column_letter(found.code_col + 1)}"
        + (f" ({named})" if named else "")
        + f", named by sheet '{found.code_list.sheet}' row {row}"
    )


def _entry(
    sheet: RawSheet,
    found: ItemExport,
    header: Sequence[object],
    kinds: dict[str, str | None],
    side: str,
    first: int,
    items: list[tuple[str, int]],
) -> Entry:
    day = sheet.row(first)[found.date_col]
    day = day.date() if isinstance(day, datetime) else day
    id_label = _text(header[found.id_col]) if found.id_col < len(header) else ""
    fields = [Field("", id_label or "patient_id", sheet.row(first)[found.id_col], _at(sheet, first, found.id_col), _at(sheet, found.header_row, found.id_col))]  # fmt: skip
    dated = [i for c, i in items if kinds[c] != "patient"]
    if dated:
        label = PROCEDURE_DATE if side == "procedure" else VISIT_DATE
        fields.append(Field("", label, day, _at(sheet, dated[0], found.date_col), _at(sheet, found.header_row, found.date_col)))  # fmt: skip
    for code, i in items:
        value = sheet.row(i)[found.value_col]
        fields.append(Field("", found.names[code], value, _at(sheet, i, found.value_col), _at(sheet, i, found.code_col)))  # fmt: skip
    return Entry(_at(sheet, first, found.id_col), tuple(fields))


def how(sheet: RawSheet, found: ItemExport, seen: set[str]) -> str:
    """How the shape was found, in words."""
    header = sheet.row(found.header_row)

    def named(j: int) -> str:
        text = _text(header[j]) if j < len(header) else ""
        return f"column {column_letter(j + 1)}" + (f" ({text})" if text else "")

    unread = sorted(c for c, n in found.names.items() if not n and c in seen)
    return (
        f"one item per row: {named(found.code_col)} holds item codes that sheet "
        f"'{found.code_list.sheet}' names (each read by the first of its names a header "
        f"would read), {named(found.value_col)} their values, {named(found.date_col)} when "
        "each was recorded; read as one row per patient, day and record (a procedure's "
        "items, or a visit's with the patient's own)"
        + (f"; codes whose names read as no field not read: {', '.join(unread)}" if unread else "")
    )


def _at(sheet: RawSheet, row: int, col: int) -> Place:
    return (sheet.sheet, row + 1, col + 1)


def with_item_codes(sheets: Sequence[RawSheet], kept: frozenset[str] = frozenset()) -> list[RawSheet]:  # fmt: skip
    """The sheets with each item export whose codes a code list of the workbook names
    read as one row per patient, day and record, and each code list so used left out
    (it is read as the export's names); a sheet named in ``kept`` (a mapping file's
    ``shape: none``) is read as it stands."""
    sheets = list(sheets)
    lists = [c for s in sheets if (c := code_list(s)) is not None]
    if not lists:
        return sheets
    used: set[str] = set()
    out: list[RawSheet] = []
    for sheet in sheets:
        found = None if sheet.sheet in kept else find_item_export(sheet, lists)
        if found is None:
            out.append(sheet)
            continue
        used.add(found.code_list.sheet)
        reshaped = item_codes_sheet(sheet, found)
        out.append(replace(reshaped, problems=sheet.problems))
    return [s for s in out if s.sheet not in used or s.origin is not None]
