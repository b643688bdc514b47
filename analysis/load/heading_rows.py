"""Rows of visits grouped under a heading row per patient.

A unit's follow-up list may keep each patient as a block of rows under a heading row: a
single cell (often merged across the table) naming the patient, its parts apart by
spaced dashes or bars, ``Patient VP-NC-07 — NAME First, born dd/mm/yyyy — MRN nnnnnnnn —
F — 74 ans — Osteoporotic fracture``, then one row per visit or event (its visit named
in a column of its own), then a blank row. The header above names the visits' columns
but no study ID.

Such a sheet is recognised by its contents: a header row naming at least
:data:`_MIN_HEADER` fields and no study ID, and at least :data:`_MIN_HEADINGS` rows below
it whose only filled cell is a text of several such parts, the first holding a code-like
study ID. It is read as one row per visit row, each taking from its heading the study ID
and the parts that read as the patient's sex, age (a number with its unit word) or
cause, as a cell of those fields would; parts holding a date, or a run of digits (a
birth date, a record or telephone number, a name beside them), and any other part are
not read, and never shown. Every cell keeps its place: a heading's fields the heading's
cell, a visit's cells their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.io import RawSheet
from analysis.io.sheets import Place
from analysis.load.header_contents import code_like
from analysis.load.measure_rows import id_header
from analysis.load.reshape import ID_HEADER, Entry, Field, fields_sheet
from analysis.normalize import CellError, is_missing, match_header, parse_cell
from analysis.normalize.cells import fold_width
from analysis.problems import column_letter
from analysis.spec import load_spec

SHAPE = "heading-rows"  # the mapping file's ``shape``
_MIN_HEADER = 3  # fields a header row names
_MIN_HEADINGS = 2  # heading rows below it
_MIN_PARTS = 3  # parts of a heading: the study ID and at least two more
_HEADER_ROWS = 20  # the header lies within the sheet's first rows
# a heading's parts: apart by a spaced dash, bar, bullet or middle dot, or by a run of
# spaces (``Patient MH-03  F  72y  dx: osteoporosis``)
_PARTS = re.compile(r"\s+[-\u2013\u2014|\u2022\u00b7]+\s+|\s{2,}")
# a header naming two fields a column's cells share, apart by a spaced slash
_SHARED = re.compile(r"\s+/\s+")
# a part naming an identifier: a date, or a run of digits (a record or telephone number)
_IDENTIFYING = re.compile(r"\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}|\d{5,}|\d+\s+\d+\s+\d+")
# the patient's fields a heading's parts are read as, in the order they are tried
_PATIENT_FIELDS = ("sex", "age_years", "etiology")


@dataclass(frozen=True)
class HeadingRows:
    """Where the sheet keeps its header and the heading rows of its patients (0-based),
    each with its column."""

    header_row: int
    headings: tuple[tuple[int, int], ...]


def _filled(row: list[object]) -> list[int]:
    return [j for j, c in enumerate(row) if not is_missing(c)]


def _header_row(sheet: RawSheet) -> int | None:
    """The first row naming at least :data:`_MIN_HEADER` fields."""
    for i in range(min(sheet.n_rows, _HEADER_ROWS)):
        named = [c for c in sheet.row(i) if isinstance(c, str) and c.strip() and match_header(c)]
        if len(named) >= _MIN_HEADER:
            return i
    return None


def _study_id(part: str) -> str | None:
    """The code-like study ID a heading's first part holds (``Patient VP-NC-07``)."""
    for word in reversed(part.split()):
        word = word.strip(":#,;")
        if any(ch.isdigit() for ch in word) and code_like(word):
            return word
    return None


def heading_parts(text: object) -> list[str] | None:
    """A heading's parts, when ``text`` reads as a patient's heading (see the module's
    note), else ``None``."""
    if not isinstance(text, str):
        return None
    parts = [p.strip() for p in _PARTS.split(fold_width(text).strip()) if p.strip()]
    if len(parts) < _MIN_PARTS or _study_id(parts[0]) is None:
        return None
    return parts


def find_heading_rows(sheet: RawSheet) -> HeadingRows | None:
    """Where the sheet keeps its heading rows, when it is a list of visit rows grouped
    under a heading row per patient (see the module's note)."""
    if sheet.origin is not None or id_header(sheet) is not None:
        return None
    header_row = _header_row(sheet)
    if header_row is None:
        return None
    header = sheet.row(header_row)
    width = max((len(sheet.row(i)) for i in range(sheet.n_rows)), default=0)
    unheaded = {j for j in range(width) if j >= len(header) or is_missing(header[j])}
    headings = []
    for i in range(header_row + 1, sheet.n_rows):
        row = sheet.row(i)
        filled = _filled(row)
        alone = len(filled) == 1 or (filled and filled[0] in unheaded)
        if alone and heading_parts(row[filled[0]]) is not None:
            headings.append((i, filled[0]))
    if len(headings) < _MIN_HEADINGS:
        return None
    return HeadingRows(header_row, tuple(sorted(headings + _headings_without_id(sheet, header_row, headings))))  # fmt: skip


def _headings_without_id(
    sheet: RawSheet, header_row: int, headings: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Rows written as the headings are (in their column, opening with the word they all
    open with, ``Patient``, and of as many parts) but naming no study ID: headings whose ID
    is missing, so their rows are never given to the patient above (the missing ID is
    reported on the heading's cell)."""
    words = {_first_word(sheet.row(i)[j]) for i, j in headings}
    column = {j for _, j in headings}
    if len(words) != 1 or len(column) != 1 or None in words:
        return []
    (word,), (j,) = words, column
    known = {i for i, _ in headings}
    out = []
    for i in range(header_row + 1, sheet.n_rows):
        row = sheet.row(i)
        filled = _filled(row)
        if i in known or not filled or filled[0] != j or _first_word(row[j]) != word:
            continue
        parts = [p.strip() for p in _PARTS.split(fold_width(str(row[j])).strip()) if p.strip()]
        if len(parts) >= _MIN_PARTS:
            out.append((i, j))
    return out


def _first_word(text: object) -> str | None:
    words = fold_width(text).split() if isinstance(text, str) else []
    return words[0].strip(":#").casefold() if words else None


def _patient_fields(text: object) -> dict[str, object]:
    """The study ID and the patient's fields a heading's parts read as (each field from
    the first part that reads as it); parts naming identifiers are never read."""
    parts = heading_parts(text) or []
    if not parts and isinstance(text, str):  # a heading naming no study ID
        parts = ["", *(p.strip() for p in _PARTS.split(fold_width(text).strip()) if p.strip())]
    out: dict[str, object] = {ID_HEADER: _study_id(parts[0]) if parts and parts[0] else None}
    spec = load_spec()
    for part in parts[1:]:
        if _IDENTIFYING.search(part):
            continue
        for name in _PATIENT_FIELDS:
            if name in out or (name == "age_years" and not re.search(r"[^\W\d_]", part)):
                continue  # an age is a number with its unit word, never a bare number
            try:
                parse_cell(part, spec.column("patients", name))
            except (CellError, ValueError):
                continue
            out[name] = part
            break
    return out


def _heading_fields(sheet: RawSheet, at: tuple[int, int] | None, row: int) -> list[Field]:
    """The heading's fields (all of :data:`_PATIENT_FIELDS`, blank when no part reads as
    one), placed at the heading's cell; a row above any heading has them blank, placed at
    its own first cell."""
    names = (ID_HEADER, *_PATIENT_FIELDS)
    if at is None:
        own: Place = (sheet.sheet, row + 1, 1)
        return [Field("", n, None, own, own) for n in names]
    place: Place = (sheet.sheet, at[0] + 1, at[1] + 1)
    found = _patient_fields(sheet.row(at[0])[at[1]])
    return [Field("", n, found.get(n), place, place) for n in names]


def heading_rows_sheet(sheet: RawSheet, found: HeadingRows) -> RawSheet:
    """The sheet read as one row per visit row, each with its heading's study ID and
    patient's fields (see the module's note), every cell keeping its original place. A
    heading with no row under it is read as a row of its own, so its patient is kept."""
    header = sheet.row(found.header_row)
    width = max((len(sheet.row(i)) for i in range(sheet.n_rows)), default=0)
    starts = dict(found.headings)
    entries: list[Entry] = []
    heading: tuple[int, int] | None = None
    under = 0
    for i in range(found.header_row + 1, sheet.n_rows + 1):
        if i == sheet.n_rows or i in starts:
            if heading is not None and under == 0:  # a heading with no row under it
                key = (sheet.sheet, heading[0] + 1, heading[1] + 1)
                entries.append(Entry(key, tuple(_heading_fields(sheet, heading, heading[0]))))
            if i < sheet.n_rows:
                heading, under = (i, starts[i]), 0
            continue
        row = sheet.row(i)
        if not _filled(row):
            continue
        under += 1
        fields = _heading_fields(sheet, heading, i)
        for j in range(width):
            label = str(header[j]).strip() if j < len(header) and header[j] is not None else ""
            value = row[j] if j < len(row) else None
            label = shared_label(label, value)
            head_at = (sheet.sheet, found.header_row + 1, j + 1)
            fields.append(Field("", label or column_letter(j + 1), value, (sheet.sheet, i + 1, j + 1), head_at))  # fmt: skip
        entries.append(Entry(fields[0].at, tuple(fields)))
    notes = tuple(
        " ".join(str(c).strip() for c in sheet.row(i) if not is_missing(c))
        for i in range(found.header_row)
        if _filled(sheet.row(i))
    )
    name = f"{sheet.sheet} (one row per visit)"
    return fields_sheet(sheet.file, name, entries, how(sheet, found), SHAPE, notes)


def shared_label(label: str, value: object) -> str:
    """The field a cell of a column whose header names two fields across a spaced slash
    (``level / visit``: a procedure row's level, a visit row's time point) stands for:
    the first whose cell it reads as, else the last; ``label`` itself when it names one
    field, or its parts do not each name a field of their own."""
    if match_header(label) is not None:
        return label
    parts = [p.strip() for p in _SHARED.split(label)]
    targets = [match_header(p) for p in parts]
    if len(parts) < 2 or None in targets or len(set(targets)) < len(targets):
        return label
    spec = load_spec()
    for part, target in zip(parts[:-1], targets[:-1], strict=True):
        if (
            is_missing(value)
            or target is None
            or target.kind != "column"
            or not target.table
            or not target.column
        ):
            continue
        try:
            parse_cell(value, spec.column(target.table, target.column))
        except (CellError, ValueError):
            continue
        return part
    return parts[-1]


def how(sheet: RawSheet, found: HeadingRows) -> str:
    """How the shape was found, in words (no heading's text: it names the patient)."""
    rows = ", ".join(str(i + 1) for i, _ in found.headings[:3])
    more = f" and {len(found.headings) - 3} more" if len(found.headings) > 3 else ""
    return (
        f"visit rows grouped under a heading row per patient (rows {rows}{more}): each "
        "visit row takes its heading's study ID and the parts reading as the patient's "
        "sex, age and cause; the heading's other parts (names, dates, record and "
        "telephone numbers) are not read"
    )
