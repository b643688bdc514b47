"""Checks of a wide sheet that no single cell rule makes: duplicate headers, merged cells
inside the data, study IDs that are really record numbers, and cell warnings (control
characters, implausible ages, ranges written high to low, Excel serials in text files).

Each check reports; none drops data silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import replace
from itertools import chain
from typing import Any

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.labels import load_labels
from analysis.levels import LevelError, is_partly_known, parse_levels
from analysis.load.events import event_column
from analysis.load.header import HeaderColumn, SheetLayout
from analysis.normalize import is_missing
from analysis.normalize.cells import CellError, parse_level_list, parse_number
from analysis.problems import (
    ERROR,
    WARNING,
    InputFormatError,
    Problem,
    Source,
    column_letter,
    column_named,
    sheet_problem,
)
from analysis.schema.timepoints import timepoint_day
from analysis.spec import load_spec

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RANGE = re.compile(
    r"^\s*([A-Za-z]{1,3})\s*-?\s*(\d{1,2})\s*[-–—]\s*(?:([A-Za-z]{1,3})\s*-?\s*)?(\d{1,2})\s*$"
)
_MRN_SHAPE = re.compile(r"^\s*(?:mrn|hn|urn|nhs|pid|kh|pat)?[\s#:_-]*\d{6,}\s*$", re.I)
# A share of study IDs shaped like record numbers above this is no accident.
MRN_SHARE = 0.5
MIN_ADULT_AGE = 18
# An age of one digit in a register of vertebral augmentation is an error, not a child: a
# digit left out (7 for 72); a child's vertebra treated is rare enough to be checked.
ONE_DIGIT_AGE = 10


# Fields a second column may complete rather than repeat: its values fill the first's blanks
# (remarks of a patient's course in two columns: ``Status`` naming deaths, ``Remarks`` new
# fractures).
_COMPLETED_BY_A_SECOND = frozenset({"procedures.leakage", "death_note:died"})


def distinct_headers(sheet: RawSheet, layout: SheetLayout) -> tuple[SheetLayout, list[Problem]]:
    """Two columns read as the same field: the first is read, the others reported; of two
    level columns, the one naming a vertebra per row (:func:`_vertebra_level_columns`)."""
    by_row = _vertebra_level_columns(sheet, layout)
    seen = dict(by_row)
    columns, problems = [], []
    for col in layout.columns:
        t = col.target
        if t is None or t.kind in ("identifier", "ignore"):
            columns.append(col)
            continue
        key = (t.label, col.slot, col.session)
        first = seen.setdefault(key, col)
        if first is col or t.label in _COMPLETED_BY_A_SECOND:
            columns.append(col)  # "Leakage (Y/N)" and "Leakage site": the second says where
            continue
        problems.append(
            sheet_problem(
                sheet.file,
                sheet.sheet,
                "duplicate_header",
                f"{column_named(col.letter, col.header)} is read as {t.label}, like "
                f"{column_named(first.letter, first.header)}; only column {first.letter} is "
                + (
                    f"read, naming one vertebra a row where column {col.letter} lists an "
                    "operation's levels. "
                    if by_row.get(key) is first
                    else "read. "
                )
                + "Rename or map one of them",
                row=layout.header_row,
                column=col.header,
                col_index=col.index,
            )
        )
        columns.append(replace(col, target=None, reason="duplicate header"))
    return replace(layout, columns=tuple(columns)), problems


def _level_counts(sheet: RawSheet, layout: SheetLayout, col: HeaderColumn) -> tuple[int, int]:
    """How many of a column's data cells are filled, and how many of them list several
    levels (``胸12、腰1``); a cell not read as levels (``腰7``) counts as one vertebra."""
    filled = several = 0
    for value in sheet.column(col.index - 1)[layout.first_data_row - 1 :]:
        if is_missing(value):
            continue
        filled += 1
        with suppress(CellError):
            several += len(parse_level_list(value)) > 1
    return filled, several


def _vertebra_level_columns(
    sheet: RawSheet, layout: SheetLayout
) -> dict[tuple[str, int, int], HeaderColumn]:
    """Of two columns read as the treated level (an operation's levels ``胸12、腰1`` merged
    over its vertebra rows, and beside them each row's own vertebra ``胸12``), the one read:
    where the first lists several levels in some cell and a later one names one vertebra
    in each cell, filled on as many rows, the later one (one row per treated vertebra)."""
    out: dict[tuple[str, int, int], HeaderColumn] = {}
    groups: dict[tuple[str, int, int], list[HeaderColumn]] = {}
    for col in layout.columns:
        if col.target is not None and col.target.label == "procedures.level":
            groups.setdefault((col.target.label, col.slot, col.session), []).append(col)
    for key, cols in groups.items():
        if len(cols) < 2:
            continue
        counts = [_level_counts(sheet, layout, c) for c in cols]
        if not counts[0][1]:
            continue
        one = next(
            (
                c
                for c, (n, k) in zip(cols[1:], counts[1:], strict=True)
                if n >= counts[0][0] and not k
            ),
            None,
        )
        if one is not None:
            out[key] = one
    return out


def merged_data_cells(sheet: RawSheet, layout: SheetLayout) -> list[Problem]:
    """Merged ranges below the header (a patient's or session's cells merged down its
    vertebra rows): one warning per range; :func:`fill_merged` reads the value shown on
    every row the range spans."""
    spans: dict[tuple[int, int], list[int]] = {}
    for r0, c0, r1, _ in _data_merges(sheet, layout):
        spans.setdefault((r0, r1), []).append(c0)
    out = []
    for (r0, r1), starts in sorted(spans.items()):
        where = (
            f"column {column_letter(starts[0])}"
            if len(starts) == 1
            else f"{len(starts)} columns ({column_letter(min(starts))}-{column_letter(max(starts))})"
        )
        out.append(
            sheet_problem(
                sheet.file,
                sheet.sheet,
                "merged_data_cells",
                f"cells of rows {r0}-{r1} are merged inside the data in {where}; the merged "
                "value is read on each of those rows, as the sheet shows it",
                row=r0,
                severity=WARNING,
            )
        )
    return out


def merged_copies(problems: list[Problem], sheet: RawSheet, layout: SheetLayout) -> list[Problem]:
    """The problems, those of a merged cell's copies (its value read again on each row of
    the merge, :func:`fill_merged`) turned into warnings naming the merged cell, whose
    own error, on its first row, stands: one bad cell, one error."""
    merges = [m for m in _data_merges(sheet, layout) if m[2] > m[0]]
    if not merges:
        return problems
    errors = {(p.row, _column(p.cell), p.rule, p.message) for p in problems if p.severity == ERROR}  # fmt: skip
    out = []
    for p in problems:
        col = _column(p.cell)
        top = next(
            (
                (r0, col)
                for r0, c0, r1, c1 in merges
                if col and r0 < (p.row or 0) <= r1 and c0 <= col <= c1
            ),
            None,
        )
        if p.severity == ERROR and top is not None and (top[0], top[1], p.rule, p.message) in errors:  # fmt: skip
            cell = f"{column_letter(top[1])}{top[0]}"
            p = replace(p, severity=WARNING, message=f"{p.message} (the merged cell {cell}, named there)")  # fmt: skip
        out.append(p)
    return out


def _column(cell: str | None) -> int:
    """The 1-based column of a cell's address (``G12`` 7), 0 for none."""
    n = 0
    for ch in (cell or "").upper():
        if ch.isalpha():
            n = n * 26 + ord(ch) - 64
    return n


def _data_merges(sheet: RawSheet, layout: SheetLayout) -> list[tuple[int, int, int, int]]:
    return [
        (r0, c0, r1, c1)
        for r0, c0, r1, c1 in sheet.merged
        if r0 > layout.header_row and (r1 > r0 or c1 > c0)
    ]


def _has_mark(sheet: RawSheet, first: int, marks: set[str]) -> bool:
    """Whether any data cell is a ditto mark, each distinct cell looked at once (most
    sheets hold none)."""
    try:
        distinct = set(chain.from_iterable(sheet.row(i) for i in range(first - 1, sheet.n_rows)))
    except TypeError:  # an unhashable cell value: look at every cell
        return True
    return any(isinstance(v, str) and v.strip() in marks for v in distinct)


def _patient_rows(sheet: RawSheet, layout: SheetLayout) -> tuple[set[int], dict[int, int]]:
    """The columns (0-based) of patient fields, and for each data row (0-based) of a
    patient written on an earlier row, that earlier row."""
    key = next((c for c in layout.columns if c.target is not None and c.target.label == "patients.patient_id"), None)  # fmt: skip
    own = {c.index - 1 for c in layout.columns if c.target is not None and c.target.table == "patients"}  # fmt: skip
    if key is None:
        return set(), {}
    seen: dict[str, int] = {}
    earlier: dict[int, int] = {}
    for i in range(layout.first_data_row - 1, sheet.n_rows):
        cells = sheet.row(i)
        value = cells[key.index - 1] if key.index <= len(cells) else None
        if is_missing(value):
            continue
        text = str(value).strip().casefold()
        if text in seen:
            earlier[i] = seen[text]
        seen[text] = i
    return own, earlier


def fill_ditto(sheet: RawSheet, layout: SheetLayout) -> tuple[RawSheet, list[Problem]]:
    """Cells saying "same as above" (``〃``, ``do.``) read as the cell above them in their
    column; one warning per column naming how many. Under a patient's own field (sex,
    age) on a row of a patient written on an earlier row (a later session's ``idem``),
    the mark repeats that patient's earlier row, whichever row stands above it."""
    marks = {m.strip() for m in load_spec().vocabulary.ditto}
    first = layout.first_data_row
    if not _has_mark(sheet, first, marks):
        return sheet, []
    own, earlier = _patient_rows(sheet, layout)
    rows: list[list[object]] | None = None
    counts: dict[int, list[int]] = {}
    for i in range(first - 1, sheet.n_rows):
        cells = sheet.row(i)
        for j, v in enumerate(cells):
            if isinstance(v, str) and v.strip() in marks:
                if rows is None:
                    rows = [list(sheet.row(k)) for k in range(sheet.n_rows)]
                k = earlier[i] if j in own and i in earlier else i - 1
                above = rows[k][j] if i >= first and j < len(rows[k]) else None
                rows[i][j] = above
                counts.setdefault(j + 1, []).append(i + 1)
    if rows is None:
        return sheet, []
    problems = []
    for col, at in sorted(counts.items()):
        header = next((c.header for c in layout.columns if c.index == col), "")
        problems.append(
            sheet_problem(
                sheet.file,
                sheet.sheet,
                "ditto",
                f"{column_named(column_letter(col), header)}: {len(at)} cell(s) say 'same as "
                f"above' (rows {at[0]}-{at[-1]}); each is read as the value of the cell above",
                row=at[0],
                column=header,
                col_index=col,
                severity=WARNING,
            )
        )
    return replace(sheet, rows=rows), problems


def fill_merged(sheet: RawSheet, layout: SheetLayout) -> RawSheet:
    """The sheet with each merged range below the header filled with its top-left value."""
    merges = _data_merges(sheet, layout)
    if not merges:
        return sheet
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    for r0, c0, r1, c1 in merges:
        if r0 - 1 >= len(rows) or c0 - 1 >= len(rows[r0 - 1]):
            continue
        value = rows[r0 - 1][c0 - 1]
        for r in range(r0, min(r1, len(rows)) + 1):
            row = rows[r - 1]
            row.extend([None] * (c1 - len(row)))
            for c in range(c0, c1 + 1):
                if r == r0 and c == c0:
                    continue
                row[c - 1] = value
    return replace(sheet, rows=rows)


def merged_copy_cells(sheet: RawSheet, layout: SheetLayout) -> frozenset[tuple[int, int]]:
    """The cells (row, column, both from 1) below the header that :func:`fill_merged`
    fills with a merged range's value: every cell of the range but its top-left one."""
    return frozenset(
        (r, c)
        for r0, c0, r1, c1 in _data_merges(sheet, layout)
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    )


def fill_visit_ids(sheet: RawSheet, layout: SheetLayout) -> tuple[RawSheet, list[Problem]]:
    """In a sheet of one row per visit whose patient cells are written only on the
    patient's first row, a visit row without a study ID belongs to the patient above it:
    its study ID is read from the nearest row above that has one, with one warning per
    sheet. A row without a visit keeps its blank ID (and is reported as such). Where the
    visit rows without a study ID leave the patient's other cells (sex, age, cause) blank
    too, a row without one that fills them is another patient whose ID is missing: it is
    reported as such and ends the patient above."""
    by_kind = {c.target.kind if c.target else None: c for c in layout.columns}
    id_col = _study_id_column(layout)
    visit = by_kind.get("visit")
    if id_col is None or visit is None:
        return sheet, []
    own = _patient_columns(layout, id_col)
    starts = _new_patient_rows(sheet, layout, id_col, own)
    return _fill_ids_above(
        sheet,
        layout,
        id_col,
        lambda cells: not is_missing(_cell(cells, visit)) and not starts(cells),
        "visit_id_filled",
        "visit row(s) without a study ID",
        "visits of the patient named above them, as a sheet of one row per visit writes "
        "the patient once",
        others_end=False,
        ends=starts,
    )


def _new_patient_rows(
    sheet: RawSheet, layout: SheetLayout, id_col: HeaderColumn, own: list[HeaderColumn]
) -> Callable[[Sequence[object]], bool]:
    """Whether a row without a study ID starts another patient: it fills a patient cell
    that most rows without an ID (the patient's further rows) leave blank."""
    blank_id = [
        cells
        for i in range(layout.first_data_row - 1, sheet.n_rows)
        if is_missing(_cell(cells := sheet.row(i), id_col))
    ]
    once = [c for c in own if 2 * sum(not is_missing(_cell(r, c)) for r in blank_id) < len(blank_id)]  # fmt: skip
    if not once:
        return lambda cells: False
    return lambda cells: is_missing(_cell(cells, id_col)) and any(not is_missing(_cell(cells, c)) for c in once)  # fmt: skip


# Dates that are the patient's, written once like the patient's other cells.
_PATIENT_DATES = frozenset({"death_date"})


def fill_vertebra_ids(sheet: RawSheet, layout: SheetLayout) -> tuple[RawSheet, list[Problem]]:
    """In a sheet of one row per treated vertebra whose patient cells (study ID, record
    number, sex, age, diagnosis, death) are written only on the patient's first row, a row
    naming a vertebra with every patient cell blank belongs to the patient above it: its
    study ID is read from the nearest row above that has one, with one warning per sheet.
    A row without a study ID that holds a patient cell of its own is another patient whose
    ID is missing, reported as such, and it (like a blank row) ends the patient above."""
    if any(c.target is not None and c.target.kind == "visit" for c in layout.columns):
        return sheet, []
    id_col = _study_id_column(layout)
    level = next(
        (
            c
            for c in layout.columns
            if c.target is not None and (c.target.table, c.target.column) == ("procedures", "level")
        ),
        None,
    )
    if id_col is None or level is None or not _patient_columns(layout, id_col):
        return sheet, []
    return _fill_rows_without_patient_cells(
        sheet,
        layout,
        (id_col, level),
        "vertebra_id_filled",
        "vertebra row(s) with neither a study ID nor any patient cell",
        "further vertebrae of the patient named above them, as a sheet of one row per "
        "vertebra writes the patient once",
    )


def fill_event_ids(sheet: RawSheet, layout: SheetLayout) -> tuple[RawSheet, list[Problem]]:
    """In a log of events (:mod:`analysis.load.events`) that groups each patient's rows
    under a row of the patient's own cells (study ID, sex, age, cause) and writes the study
    ID only there, an event row (a visit, a procedure, a new fracture, a death) with every
    patient cell blank belongs to the patient above it: its study ID is read from the
    nearest row above that has one, with one warning per sheet. A blank row between
    patients, or a row of patient cells under a forgotten ID, ends the patient above."""
    id_col = _study_id_column(layout)
    event = event_column(layout)
    if id_col is None or event is None:
        return sheet, []
    return _fill_rows_without_patient_cells(
        sheet,
        layout,
        (id_col, event),
        "event_id_filled",
        "event row(s) without a study ID",
        "events of the patient named above them, as a log of events grouping each "
        "patient's rows under the patient's own row writes the patient once",
    )


def _fill_rows_without_patient_cells(
    sheet: RawSheet,
    layout: SheetLayout,
    columns: tuple[HeaderColumn, HeaderColumn],
    rule: str,
    rows_are: str,
    read_as: str,
) -> tuple[RawSheet, list[Problem]]:
    """:func:`_fill_ids_above` for the rows whose cell in the second of ``columns`` (the
    study ID's, then the vertebra's or the event's) is filled and whose patient cells are
    all blank; any other row ends the patient above."""
    id_col, marker = columns
    patient_cols = _patient_columns(layout, id_col)
    return _fill_ids_above(
        sheet,
        layout,
        id_col,
        lambda cells: (
            not is_missing(_cell(cells, marker))
            and all(is_missing(_cell(cells, c)) for c in patient_cols)
        ),
        rule,
        rows_are,
        read_as,
        others_end=True,
    )


def _patient_columns(layout: SheetLayout, id_col: HeaderColumn | None) -> list[HeaderColumn]:
    """The columns of a patient's own cells other than its study ID: written once, on the
    patient's first row, by a sheet that writes the patient once."""
    return [
        c
        for c in layout.columns
        if c is not id_col
        and c.target is not None
        and (
            c.target.table == "patients"
            or c.target.kind in ("pair", "identifier")
            or (c.target.kind == "date" and c.target.column in _PATIENT_DATES)
        )
    ]


def _ids_repeated(sheet: RawSheet, layout: SheetLayout, id_col: HeaderColumn) -> bool:
    """Whether a row repeats the study ID of the filled row just above it: a sheet that
    writes each patient's ID on every row, in which a blank ID is one left out (reported),
    never the patient above. A row repeating the ID to open the patient's next operation
    (its operation's date or number written, and not the one above's) is no such repeat:
    a register writing the patient once per operation repeats it there too."""
    opening = _operation_columns(layout)
    above: object = None
    above_operation: tuple[str, ...] = ()
    for i in range(layout.first_data_row - 1, sheet.n_rows):
        cells = sheet.row(i)
        if all(is_missing(v) for v in cells):
            continue
        pid = _cell(cells, id_col)
        operation = tuple(
            "" if is_missing(_cell(cells, c)) else str(_cell(cells, c)).strip() for c in opening
        )
        if (
            not is_missing(pid)
            and not is_missing(above)
            and str(pid).strip() == str(above).strip()
            and not _opens_operation(operation, above_operation)
        ):
            return True
        above = pid
        above_operation = tuple(
            mine or theirs
            for mine, theirs in zip(operation, above_operation or operation, strict=True)
        )
    return False


def _operation_columns(layout: SheetLayout) -> list[HeaderColumn]:
    """The columns naming a row's operation: its number and its date."""
    return [
        c
        for c in layout.columns
        if c.target is not None
        and (
            (c.target.table, c.target.column) == ("procedures", "procedure_id")
            or (c.target.kind, c.target.column) == ("date", "procedure_date")
        )
    ]


def _opens_operation(operation: tuple[str, ...], above: tuple[str, ...]) -> bool:
    """Whether a row's operation cells, each written, all differ from the ones above."""
    return bool(operation) and all(
        mine and theirs and mine != theirs for mine, theirs in zip(operation, above, strict=True)
    )


def _study_id_column(layout: SheetLayout) -> HeaderColumn | None:
    return next(
        (c for c in layout.columns if c.target is not None and c.target.column == "patient_id"),
        None,
    )


def _cell(cells: Sequence[object], col: HeaderColumn) -> object:
    return cells[col.index - 1] if col.index - 1 < len(cells) else None


def _fill_ids_above(
    sheet: RawSheet,
    layout: SheetLayout,
    id_col: HeaderColumn,
    belongs: Callable[[Sequence[object]], bool],
    rule: str,
    rows_are: str,
    read_as: str,
    others_end: bool,
    ends: Callable[[Sequence[object]], bool] | None = None,
) -> tuple[RawSheet, list[Problem]]:
    """The sheet with each data row that ``belongs`` to the patient above it given that
    patient's study ID, and the one warning saying so (none when no row was filled). With
    ``others_end``, a row without an ID that does not belong (a blank row, or a patient's
    own cells under a forgotten ID) ends the patient above; so does any row that ``ends``."""
    if _ids_repeated(sheet, layout, id_col):
        return sheet, []
    rows: list[list[object]] | None = None
    filled: list[int] = []
    last: object = None
    for i in range(layout.first_data_row - 1, sheet.n_rows):
        cells = sheet.row(i)
        pid = _cell(cells, id_col)
        if not is_missing(pid):
            last = pid
        elif last is not None and belongs(cells):
            if rows is None:
                rows = [list(sheet.row(k)) for k in range(sheet.n_rows)]
            rows[i].extend([None] * (id_col.index - len(rows[i])))
            rows[i][id_col.index - 1] = last
            filled.append(i + 1)
        elif others_end or (ends is not None and ends(cells)):
            last = None
    if rows is None:
        return sheet, []
    problem = sheet_problem(
        sheet.file,
        sheet.sheet,
        rule,
        f"{column_named(id_col.letter, id_col.header)}: {len(filled)} {rows_are} "
        f"(rows {filled[0]}-{filled[-1]}) are read as {read_as}",
        row=filled[0],
        column=id_col.header,
        col_index=id_col.index,
        severity=WARNING,
    )
    return replace(sheet, rows=rows), [problem]


def _records_beside(rows: Sequence[Sequence[object]], col: HeaderColumn, mrn_cols: list[HeaderColumn]) -> bool:  # fmt: skip
    """Whether most patients (four in five) have a record number written in a column of
    record numbers beside their ID, never the ID itself: the IDs, however shaped like
    record numbers, are then the unit's own codes for its patients."""
    ids: set[str] = set()
    recorded: set[str] = set()
    for r in rows:
        pid = r[col.index - 1] if col.index - 1 < len(r) else None
        if is_missing(pid):
            continue
        ids.add(str(pid).strip())
        for m in mrn_cols:
            value = r[m.index - 1] if m.index - 1 < len(r) else None
            if not is_missing(value):
                recorded.add(str(pid).strip())
    return bool(mrn_cols) and len(recorded) >= _RECORDED_SHARE * len(ids)


_RECORDED_SHARE = 0.8


def record_number_ids(sheet: RawSheet, layout: SheetLayout, options: LoadOptions) -> None:
    """Refuse a study-ID column holding record-number-shaped values unless a pseudonym
    secret is given (then :class:`analysis.load.records` replaces them)."""
    id_cols = [
        c for c in layout.columns if c.target is not None and c.target.column == "patient_id"
    ]
    mrn_cols = [c for c in layout.columns if c.target is not None and c.target.column == "mrn"]
    if not id_cols or options.pseudonym_secret:
        return
    col = id_cols[0]
    rows = sheet.rows[layout.header_row :]
    ids = [r[col.index - 1] for r in rows if col.index - 1 < len(r)]
    present = [(v, n) for v, n in _counts(ids) if not is_missing(v)]  # each distinct ID once
    n_present = sum(n for _, n in present)
    if not n_present:
        return
    shaped = sum(n for v, n in present if _MRN_SHAPE.match(str(v)))
    same = 0
    for m in mrn_cols:
        last = max(col.index, m.index) - 1
        pairs = _counts((r[col.index - 1], r[m.index - 1]) for r in rows if last < len(r))
        same += sum(
            n for (v, w), n in pairs if not is_missing(v) and str(v).strip() == str(w).strip()
        )
    if shaped / n_present > MRN_SHARE and not same and _records_beside(rows, col, mrn_cols):
        return  # the unit's own patient codes: each patient's record number is elsewhere
    if shaped / n_present > MRN_SHARE or same:
        raise InputFormatError(
            f"{column_named(col.letter, col.header)} is the study ID, but {max(shaped, same)} of "
            f"{n_present} of its values look like medical record numbers; they would become "
            "the patient key in every output. Give a pseudonym secret (--secret) to replace "
            "them by keyed pseudonyms, or use a study ID column that is not a record number"
        )


def _counts(values: Iterable[Any]) -> list[tuple[Any, int]]:
    """Each distinct value and how often it occurs; values are told apart by type too
    (``1``, ``1.0`` and ``True`` are three), a pair by the types of both, and an
    unhashable value counts on its own."""
    seen: dict[object, list[Any]] = {}
    loose: list[list[Any]] = []
    for v in values:
        key = tuple(map(_typed, v)) if isinstance(v, tuple) else _typed(v)
        try:
            entry = seen.setdefault(key, [v, 0])
        except TypeError:
            loose.append([v, 1])
            continue
        entry[1] += 1
    return [(v, n) for v, n in (*seen.values(), *loose)]


def _typed(v: object) -> tuple[object, ...]:
    """A key telling values apart as their text does (``-0.0`` apart from ``0.0``)."""
    return (float, v, repr(v)) if type(v) is float else (type(v), v)


def has_control_characters(text: str) -> bool:
    """Whether text holds invisible control characters (NUL and the like)."""
    return _CONTROL.search(text) is not None


def strip_control(text: str) -> str:
    """Text without invisible control characters (NUL and the like)."""
    return _CONTROL.sub("", text)


def is_record_number(value: object) -> bool:
    """Whether a study ID looks like a record number (to pseudonymise it with a secret)."""
    return bool(_MRN_SHAPE.match(str(value)))


def cell_warnings(src: Source, col: HeaderColumn, value: object) -> tuple[object, list[Problem]]:
    """Warnings about one cell, and the value with control characters removed; a one-digit
    age is an error (the cell is read as missing)."""
    problems: list[Problem] = []
    t = col.target
    if isinstance(value, str) and _CONTROL.search(value):
        value = _CONTROL.sub("", value)
        problems.append(
            src.problem(
                "control_characters",
                "invisible control characters (such as NUL) removed from the cell",
                column=col.header,
                col_index=col.index,
                severity=WARNING,
            )
        )
    if t is None or is_missing(value):
        return value, problems
    if t.label == "procedures.level" or t.label == "fractures.level":
        m = _RANGE.match(str(value))
        if m and (m[3] in (None, m[1])) and int(m[2]) > int(m[4]):
            problems.append(
                src.problem(
                    "reversed_range",
                    "level range written high to low; read as the same vertebrae low to high",
                    column=col.header,
                    col_index=col.index,
                    value=value,
                    severity=WARNING,
                )
            )
    if t.label == "patients.age_years":
        try:
            age = parse_number(value)  # "6 yrs", "۶": as the column reads it
        except CellError:
            return value, problems
        if 0 < age < ONE_DIGIT_AGE:  # 0 and below are impossible: errors (readings.py)
            problems.append(
                src.problem(
                    "implausible_age",
                    f"a one-digit age ({age:g}) at vertebral augmentation: a digit left out? "
                    "check the cell",
                    column=col.header,
                    col_index=col.index,
                    value=value,
                )
            )
        elif 0 < age < MIN_ADULT_AGE:
            problems.append(
                src.problem(
                    "implausible_age",
                    f"age below {MIN_ADULT_AGE} years at vertebral augmentation; check the cell",
                    column=col.header,
                    col_index=col.index,
                    value=value,
                    severity=WARNING,
                )
            )
    if (
        t.kind == "date"
        and isinstance(value, str)
        and value.strip().isdigit()
        and len(value.strip()) not in (7, 8)  # 20210412, 1100412: dates without separators
    ):
        problems.append(
            src.problem(
                "excel_serial",
                "a number where a date is expected: read as an Excel date serial number; "
                "write dates as YYYY-MM-DD in text files",
                column=col.header,
                col_index=col.index,
                value=value,
                severity=WARNING,
            )
        )
    return value, problems


def known_levels(src: Source, levels: tuple[str, ...], what: str) -> tuple[list[str | None], list[Problem]]:  # fmt: skip
    """The levels of a cell, a level known only by its region (``L?``) or not at all
    (``?``) as missing, with a warning: a new fracture stays an event of unknown class,
    a treated vertebra stays part of its session."""
    known: list[str | None] = [lv for lv in levels if not is_partly_known(lv)]
    vague = [lv for lv in levels if is_partly_known(lv)]
    if not vague:
        return known, []
    effect = (
        "it counts as an event; adjacent or remote cannot be told"
        if what == "new fracture"
        else "its session counts; per-vertebra analyses leave it out and later fractures "
        "cannot be called adjacent or remote"
    )
    where = (
        "a level not given"
        if set(vague) == {"?"}
        else f"a level known only by its region ({', '.join(v for v in vague if v != '?')})"
    )
    message = f"{what} at {where}: kept with its level unknown ({effect})"
    return [*known, *[None] * len(vague)], [src.problem("partly_known_level", message, severity=WARNING)]  # fmt: skip


def history_warnings(src: Source, column: str, col_index: int | None, value: object) -> list[Problem]:  # fmt: skip
    """A warning for each history cell (levels treated or fractured before the index)
    naming a level known only by its region."""
    if not isinstance(value, str) or "?" not in value:
        return []
    try:
        vague = [lv for lv in parse_levels(value, partly_known=True) if is_partly_known(lv)]
    except LevelError:
        return []  # reported as a bad cell when it is parsed
    return [
        src.problem(
            "partly_known_level",
            f"level known only as {', '.join(vague)}: kept as written; it has no position on the spine",
            column=column,
            col_index=col_index,
            severity=WARNING,
        )
    ]


def score_day(timepoint: str, procedure_day: float | None, own_day: float | None = None) -> float | None:  # fmt: skip
    """The day after the index procedure on which a score was taken: its procedure's day
    plus its own day where it has one (a visit date), else the time point's due day."""
    after = own_day if own_day is not None else timepoint_day(timepoint)
    if procedure_day is None or after is None or timepoint == "pre":
        return None
    return float(procedure_day) + float(after)


def _visit_slack(timepoint: str, own_day: float | None) -> float:
    """How much earlier than its due day an undated score may have been taken: a visit
    of three months or later is kept within the share of its day that dates are read to
    it with (``by_day.window``: a 6-month visit on day 173 is the 6-month visit); an
    earlier visit (a day, weeks, a month) and a dated score, none."""
    due = timepoint_day(timepoint) if own_day is None else None
    if due is None or due < _SLACK_FROM_DAY:
        return 0.0
    return load_spec().vocabulary.day_window * float(due)


_SLACK_FROM_DAY = 90  # the 3-month visit's due day (91) and later


def scores_after_death(
    assessments: Iterable[dict[str, Any]],
    procedure_day: dict[str, float | None],
    death_day: dict[str, float | None],
    cell_of: Callable[[Source, str], tuple[str, int] | None],
) -> tuple[list[dict[str, Any]], list[tuple[Source, Problem]]]:
    """Outcome records dated after their patient's death: a score cannot be taken then,
    so each is an error that leaves out that value (the patient stays). An undated score
    due after the death but within its visit's window before it (``_visit_slack``) is
    kept as a visit taken early, with a warning.

    ``procedure_day`` gives each procedure's day after the index procedure,
    ``death_day`` each patient's day of death, and ``cell_of(src, label)`` the header
    and column index of a field on a row (None where unknown). Returns the records kept
    and, for each row of a record left out (a score repeated on a session's vertebra
    rows has several), the row and its problem."""
    labels = load_labels()
    kept, dropped = [], []
    for a in assessments:
        death = death_day.get(a["patient_id"])
        own = a.get("day")
        own = None if own is None or own != own else own  # a blank day of a tidy row: NaN
        day = score_day(a["timepoint"], procedure_day.get(a.get("procedure_id") or ""), own)
        if death is None or day is None or day <= death:
            kept.append(a)
            continue
        tp, measure = a["timepoint"], a["measure"]
        early = day - _visit_slack(tp, own) <= death
        message = (
            f"{labels.measure(measure).label.lower()} score at {labels.timepoint(tp)} "
            f"({'dated' if own is not None else 'due'} on day {round(day, 1):g} after the "
            f"index procedure) but the patient died on day {death:g}: "
            + (
                "kept as a visit taken early, within its time point's window; "
                if early
                else "a score cannot be taken after death; "
            )
            + "check the date of death and the score's time point"
        )
        if early:
            kept.append(a)
        for src in a.get("_srcs") or [a["_src"]]:
            cell = cell_of(src, f"{measure}@{tp}") or cell_of(src, f"{measure}@?")
            header, index = cell if cell is not None else ("value", None)
            problem = src.problem(
                "after_death",
                message,
                column=header,
                col_index=index,
                value=a["value"],
                severity=WARNING if early else ERROR,
            )
            dropped.append((src, problem))
    return kept, dropped
