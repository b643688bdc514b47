"""A transposed sheet: fields down the first column(s), one patient per column.

A unit that keeps a case summary this way writes each field's label in column A (a unit
or note in column B, perhaps) and each patient's values in a column of their own; rows
whose label has no value in any patient's column are section titles (``First
treatment``, ``Pain score``) over the fields below them. The sheet is recognised by a
study-ID label in column A or B with code-like, distinct values across its row, and read
as if transposed: one row per patient, the section over each field as its group header.
Every cell keeps its original address, so a message names the cell the user sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analysis.io import RawSheet
from analysis.load.header_contents import code_like, study_code_letters, title_lines
from analysis.load.reshape import Entry, Field, fields_sheet
from analysis.normalize import match_header
from analysis.normalize.cells import is_missing
from analysis.normalize.headers import header_unit
from analysis.problems import column_letter

_SEARCH_ROWS = 20  # the study-ID row lies within the sheet's first rows
_MAX_LABEL_COLUMNS = 2  # labels in column A, a unit or note beside them in B
_DISTINCT = 0.9  # nine in ten study IDs distinct: one entered twice is an error to report


@dataclass(frozen=True)
class Transposed:
    """Where a transposed sheet keeps its fields and patients (1-based)."""

    id_row: int
    label_col: int
    patient_cols: tuple[int, ...]
    first_row: int

    @property
    def how(self) -> str:
        first, last = column_letter(self.patient_cols[0]), column_letter(self.patient_cols[-1])
        return (
            f"transposed: fields down column {column_letter(self.label_col)}, one patient "
            f"per column ({first}-{last}), study IDs in row {self.id_row}"
        )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def is_id_label(text: str, mapping: dict[str, object]) -> bool:
    """Whether a label names the study ID (by the vocabulary or the mapping file)."""
    if not text or len(text) > 60:
        return False
    target = match_header(text, mapping)
    return target is not None and target.label == "patients.patient_id"


def find_transposed(
    sheet: RawSheet, mapping: dict[str, object], min_patients: int = 2, any_label: bool = False
) -> Transposed | None:
    """The sheet's transposed layout: a row within the first rows with a study-ID label in
    column A or B (any label, when a mapping file says the sheet is transposed) and, to
    its right (after at most one note column), at least ``min_patients`` values, nine in
    ten of them code-like and nine in ten distinct (a study ID entered twice is reported
    by the checks on the loaded table, not taken as a sign that the row holds no IDs).
    Failing that, a row whose label names a record number (``Hasta No``) but whose values
    are a study's codes (:func:`study_code_letters`: ``KNY-01``, ``KNY-12``), the one row
    of such codes among those labelled as record numbers."""
    found = _id_row(sheet, mapping, min_patients, any_label)
    if found is None and not any_label:
        found = _record_labelled_codes(sheet, mapping, min_patients)
    if found is None:
        return None
    r, c, cols = found
    patient_cols = _with_unnamed(sheet, r, cols)
    return Transposed(r, c, patient_cols, _first_row(sheet, r, c, patient_cols))


def _labels(sheet: RawSheet) -> Iterator[tuple[int, int, str, list[object]]]:
    """Each label in column A or B of the first rows: its row, column, text and row."""
    for r in range(1, min(_SEARCH_ROWS, sheet.n_rows) + 1):
        cells = sheet.row(r - 1)
        for c in range(1, _MAX_LABEL_COLUMNS + 1):
            label = _text(cells[c - 1]) if c <= len(cells) else ""
            if label:
                yield r, c, label, cells


def _filled(cells: list[object], c: int, min_patients: int) -> list[tuple[int, object]] | None:
    """The values right of the label in column ``c``, when they begin after at most one
    note column and are at least ``min_patients``."""
    filled = [(j + 1, v) for j, v in enumerate(cells) if j >= c and not is_missing(v)]
    if len(filled) < min_patients or filled[0][0] > c + _MAX_LABEL_COLUMNS:
        return None
    return filled


def _id_row(
    sheet: RawSheet, mapping: dict[str, object], min_patients: int, any_label: bool
) -> tuple[int, int, tuple[int, ...]] | None:
    for r, c, label, cells in _labels(sheet):
        if not (any_label or is_id_label(label, mapping)):
            continue
        filled = _filled(cells, c, min_patients)
        if filled is None:
            continue
        texts = [str(v).strip() for _, v in filled]
        coded = sum(map(code_like, (v for _, v in filled)))
        if coded < 0.9 * len(filled) or len(set(texts)) < _DISTINCT * len(texts):
            continue
        return r, c, tuple(j for j, _ in filled)
    return None


def _record_labelled_codes(
    sheet: RawSheet, mapping: dict[str, object], min_patients: int
) -> tuple[int, int, tuple[int, ...]] | None:
    found = []
    for r, c, label, cells in _labels(sheet):
        if len(label) > 60:
            continue
        target = match_header(label, mapping)
        if target is None or target.label != "identifier:mrn":
            continue
        filled = _filled(cells, c, max(min_patients, 3))
        values = [v for _, v in filled] if filled else []
        texts = [str(v).strip() for v in values]
        if filled and study_code_letters(values) and len(set(texts)) >= _DISTINCT * len(texts):
            found.append((r, c, tuple(j for j, _ in filled)))
    return found[0] if len(found) == 1 else None


_UNNAMED_FIELDS = 3  # a column between patients' with this many fields filled is a patient's


def _with_unnamed(sheet: RawSheet, id_row: int, cols: tuple[int, ...]) -> tuple[int, ...]:
    """The patients' columns, with those between them whose study ID is left blank but
    whose fields are filled in (a patient entered without a study ID: read, so that the
    missing study ID is reported on its cell rather than the column dropped unsaid)."""
    rows = [sheet.row(i) for i in range(id_row, sheet.n_rows)]
    unnamed = [
        j
        for j in range(cols[0] + 1, cols[-1])
        if j not in cols
        and sum(j - 1 < len(cells) and not is_missing(cells[j - 1]) for cells in rows)
        >= _UNNAMED_FIELDS
    ]
    return tuple(sorted((*cols, *unnamed))) if unnamed else cols


def _values(cells: list[object], cols: tuple[int, ...]) -> bool:
    return any(j - 1 < len(cells) and not is_missing(cells[j - 1]) for j in cols)


def _first_row(sheet: RawSheet, id_row: int, label_col: int, cols: tuple[int, ...]) -> int:
    """The first field row: rows above the study IDs with a label and values belong too
    (a title or blank row above them does not)."""
    r = id_row
    while r > 1:
        cells = sheet.row(r - 2)
        if label_col > len(cells) or not _text(cells[label_col - 1]) or not _values(cells, cols):
            break
        r -= 1
    return r


def field_rows(
    sheet: RawSheet, shape: Transposed, last: int | None = None
) -> list[tuple[int, str, str]]:
    """The field rows (row, group, label) from the first row to ``last`` (the sheet's
    end): a labelled row without a value in any patient's column and without a note is a
    section title, the group of the fields below it."""
    out = []
    group = ""
    end = sheet.n_rows if last is None else last
    for r in range(shape.first_row, end + 1):
        cells = sheet.row(r - 1)
        label = _text(cells[shape.label_col - 1]) if shape.label_col <= len(cells) else ""
        if not label:
            continue
        notes = [
            _text(cells[j - 1])
            for j in range(shape.label_col + 1, shape.patient_cols[0])
            if j <= len(cells) and _text(cells[j - 1])
        ]
        if not _values(cells, shape.patient_cols) and not notes:
            group = label
            continue
        out.append((r, group, _with_unit(label, notes)))
    return out


def _with_unit(label: str, notes: list[str]) -> str:
    """The label with the volume unit its units column gives (``Cement`` beside ``mL``
    reads as ``Cement (mL)``, a volume, not a cement's name), when the label names no unit;
    other notes (years, a date format, a scale, the codes used) are left aside."""
    units = [n for n in notes if header_unit(n) == "volume_ml" and len(n.split()) == 1]
    if not units or header_unit(label) is not None:
        return label
    return f"{label} ({units[0]})"


def entries(sheet: RawSheet, shape: Transposed, last: int | None = None) -> list[Entry]:
    """One entry per patient column, its fields in the order of the rows."""
    rows = field_rows(sheet, shape, last)
    grid = {r: sheet.row(r - 1) for r, _, _ in rows}
    out = []
    for col in shape.patient_cols:
        fields = []
        for r, group, label in rows:
            cells = grid[r]
            value = cells[col - 1] if col - 1 < len(cells) else None
            at = (sheet.sheet, r, col)
            fields.append(Field(group, label, value, at, (sheet.sheet, r, shape.label_col)))
        out.append(Entry((sheet.sheet, shape.id_row, col), tuple(fields)))
    return out


def _lines_below(sheet: RawSheet, shape: Transposed) -> tuple[str, ...]:
    """The text of the lines below the last field (a legend, notes on the cement used)."""
    rows = field_rows(sheet, shape)
    last = rows[-1][0] if rows else shape.first_row
    lines = (
        " ".join(str(v).strip() for v in sheet.row(r - 1) if isinstance(v, str) and v.strip())
        for r in range(last + 1, sheet.n_rows + 1)
    )
    return tuple(line for line in lines if line)


def transposed_sheet(sheet: RawSheet, shape: Transposed) -> RawSheet:
    """The sheet read as if transposed: one row per patient, named after the sheet (a
    name of its own, so that only its messages are put back in the original cells)."""
    name = f"{sheet.sheet} (transposed)"
    notes = title_lines(sheet, shape.first_row) + _lines_below(sheet, shape)
    return fields_sheet(sheet.file, name, entries(sheet, shape), shape.how, "transposed", notes)


def reshaped_sheets(sheet: RawSheet, mapping: dict[str, object]) -> list[RawSheet] | None:
    """The sheet read as if transposed, when it is a transposed sheet of two or more
    patients (one patient's card is read by :mod:`analysis.load.cards`)."""
    shape = find_transposed(sheet, mapping)
    return None if shape is None else [transposed_sheet(sheet, shape)]
