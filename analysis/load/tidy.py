"""The tidy form itself: four tables as CSV or Parquet files, or sheets of one workbook."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.io.columns import Coded
from analysis.levels import is_partly_known
from analysis.load.checks import history_warnings, known_levels
from analysis.load.records import Record, Staged
from analysis.normalize import CellError, approximate, is_missing, parse_cell, parse_score
from analysis.normalize.cells import MISSING, CellCache
from analysis.problems import WARNING, Source, sheet_problem
from analysis.spec import ColumnSpec, TableSpec, load_spec, normalize_text


def _column_lookup(table: TableSpec) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for name, col in table.columns.items():
        for n in (name, *col.synonyms):
            lookup.setdefault(normalize_text(n), name)
    return lookup


def _header_row(sheet: RawSheet, lookup: dict[str, str]) -> int:
    """The first of the top rows that names at least two columns of the table."""
    for r in range(1, min(10, sheet.n_rows) + 1):
        if sum(normalize_text(c) in lookup for c in sheet.row(r - 1) if c is not None) >= 2:
            return r
    return 1


@dataclass
class TidySheet:
    """One tidy table read column by column.

    Rows read without any problem and naming one known level are *clean*: their parsed
    values stay in columns until :mod:`analysis.load.columnar` assembles them. Every
    other row has been parsed cell by cell, and its records (and problems) are kept.
    """

    table: str
    file: str
    sheet: str
    rows: np.ndarray  # spreadsheet row of each data row
    owner: np.ndarray  # the row's patient ID when the row was read and has one, else None
    clean: np.ndarray  # bool per data row
    # per column: each row's code into the column's parsed distinct values (None when
    # missing); a value is parsed once however many rows hold it
    values: dict[str, Coded]
    records: dict[int, list[Record]] = field(default_factory=dict)  # rows that are not clean

    def cells(self, column: str) -> np.ndarray:
        """The parsed value of every row of ``column`` (``None`` where missing)."""
        if column not in self.values:
            return np.full(len(self.rows), None, dtype=object)
        codes, found = self.values[column]
        return _map(codes, found)


def _map(codes: np.ndarray, values: list[object]) -> np.ndarray:
    table = np.empty(len(values), dtype=object)
    table[:] = values
    return table[codes]


def _nones(found: Sequence[object]) -> list[int]:
    """Positions of ``None`` in a list, by C-level scans (usually none or one)."""
    where: list[int] = []
    try:
        while True:
            where.append(found.index(None, where[-1] + 1 if where else 0))
    except ValueError:
        return where
    except TypeError:  # a value whose comparison has no truth value (pd.NA)
        return [i for i, v in enumerate(found) if v is None]


def _trimmed(found: list[object], none: str | None = None) -> list[str | None]:
    """Each distinct value as its trimmed text (``str(v).strip()``), ``None`` as ``none``.

    Text values are trimmed by one C-level ``map`` (a column's distinct values are all
    text but for one ``None`` at most, the usual case), others one by one."""
    where = _nones(found)
    rest = found
    if where:
        bounds, rest = [-1, *where, len(found)], []
        for a, b in itertools.pairwise(bounds):
            rest.extend(found[a + 1 : b])
    try:
        text: list[str | None] = list(map(str.strip, rest))  # type: ignore[arg-type]
    except TypeError:  # a value other than text (a workbook's number or date)
        text = [str(v).strip() for v in rest]
    for i in where:
        text.insert(i, none)
    return text


def _blank(found: list[object]) -> np.ndarray:
    """Per distinct value: whether it is an empty cell."""
    return np.fromiter(map(operator.not_, _trimmed(found)), dtype=bool, count=len(found))


def _duplicates(cols: list[Coded]) -> tuple[np.ndarray, np.ndarray]:
    """Which rows repeat an earlier row cell for cell (cells compared as trimmed text),
    and the position of the row each repeats."""
    n = len(cols[0][0]) if cols else 0
    if n == 0:
        return np.zeros(n, dtype=bool), np.zeros(0, dtype=np.intp)
    # one integer per row naming its cells' texts: column codes combined positionally,
    # compressed to the distinct combinations before the product could overflow
    key, size = np.zeros(n, dtype=np.int64), 1
    for codes, values in cols:
        text = _trimmed(values, none="")
        if text == values:  # distinct already (text read as it stands, none trimmed)
            local, width = np.arange(len(text)), len(text)
        else:
            local, found = pd.factorize(np.asarray(text, dtype=object))
            width = len(found)
        if width >= n and np.bincount(local[codes], minlength=width).max() <= 1:
            # this column alone tells every row apart (a patient's ID): no duplicates
            return np.zeros(n, dtype=bool), np.arange(n)
        if size * width >= 2**62:
            key, uniques = pd.factorize(key)
            size = len(uniques)
        key = key * width + local[codes]
        size *= width
    group, uniques = pd.factorize(key)  # numbered in order of first appearance
    first_of = np.empty(len(uniques), dtype=np.intp)
    first_of[group[::-1]] = np.arange(n - 1, -1, -1)  # the earliest row writes last
    first = first_of[group]
    return first != np.arange(n), first


def _map_headers(
    table: str, sheet: RawSheet, header_row: int, headers: list[str], out: Staged
) -> dict[int, str]:
    """Column position -> spec column; other headers are reported and ignored."""
    spec = load_spec()
    lookup = _column_lookup(spec.tables[table])
    columns: dict[int, str] = {}
    identifiers = {normalize_text(n) for names in spec.identifiers.values() for n in names}
    for i, h in enumerate(headers, start=1):
        key = normalize_text(h)
        if key in lookup:
            columns[i] = lookup[key]
        elif key:
            rule, msg = (
                ("identifier", "direct identifier column dropped at load")
                if key in identifiers
                else ("unrecognised_column", f"not a column of the {table} table; ignored")
            )
            out.problems.append(
                sheet_problem(
                    sheet.file, sheet.sheet, rule, msg, row=header_row, column=h, col_index=i
                )
            )
    return columns


def _read_values(
    table: str, code: dict[str, Coded], clean: np.ndarray, options: LoadOptions
) -> tuple[np.ndarray, dict[str, Coded]]:
    """Every column read by its distinct values; rows stay clean while all their
    cells read without a problem."""
    tspec = load_spec().tables[table]
    values: dict[str, Coded] = {}
    if not clean.any():
        return clean, values
    for name in code:
        if not (table == "assessments" and name == "value"):
            ok, values[name] = _read_column(table, tspec.columns[name], code[name])
            clean = clean & ok
    if table == "assessments" and "value" in code and "measure" in values:
        ok, values["value"] = _read_scores(values["measure"], code["value"], options)
        clean = clean & ok
    return clean, values


def _owners(table: str, code: dict[str, Coded], values: dict[str, Coded]) -> np.ndarray:
    """Each row's patient ID as the row-by-row reading gives it (None when missing)."""
    if "patient_id" in values:
        return _map(*values["patient_id"])
    codes, found = code["patient_id"]
    pid = load_spec().tables[table].columns["patient_id"]
    return _map(codes, [None if is_missing(v) else str(parse_cell(v, pid)) for v in found])


def stage_tidy_sheet(table: str, sheet: RawSheet, options: LoadOptions, out: Staged) -> None:
    """Read one tidy table, reporting each bad cell with its row and column.

    Columns are read by their distinct values; a row is parsed cell by cell only when
    one of its values has a problem (``options.row_by_row`` parses every row so).
    """
    tspec = load_spec().tables[table]
    header_row = sheet.header_row or _header_row(sheet, _column_lookup(tspec))
    headers = (
        [("" if c is None else str(c)) for c in sheet.row(header_row - 1)] if sheet.n_rows else []
    )
    columns = _map_headers(table, sheet, header_row, headers, out)
    present = set(columns.values())
    missing_required = [n for n, c in tspec.columns.items() if c.required and n not in present]
    coded = [(codes[header_row:], found) for codes, found in sheet.coded_columns()]
    blank = np.ones(max(sheet.n_rows - header_row, 0), dtype=bool)
    for codes, found in coded:
        empty = _blank(found)
        blank = blank & empty[codes] if empty.any() else np.zeros_like(blank)
        if not blank.any():
            break  # a column without blank cells: no row is blank
    data = np.flatnonzero(~blank)
    if len(data) < len(blank):
        coded = [(codes[data], found) for codes, found in coded]
    rows = data + header_row + 1
    repeated, first = _duplicates(coded)
    for k in np.flatnonzero(repeated):
        out.problems.append(
            Source(sheet.file, sheet.sheet, int(rows[k])).problem(
                "duplicate_row",
                f"exact duplicate of row {rows[first[k]]}; delete one copy",
                key=True,
            )
        )
    n = len(rows)
    nothing: Coded = (np.zeros(n, dtype=np.intp), [None])
    code = {name: (coded[i - 1] if i - 1 < len(coded) else nothing) for i, name in columns.items()}
    clean = ~repeated & (not missing_required) & (not options.row_by_row)
    clean, values = _read_values(table, code, clean, options)
    owner = np.full(n, None, dtype=object)
    if "patient_id" in code and not missing_required:
        owner = np.where(repeated, np.full(n, None, dtype=object), _owners(table, code, values))
    staged = TidySheet(table, sheet.file, sheet.sheet, rows, owner, clean, values)
    cache = CellCache()
    for k in np.flatnonzero(~clean):
        src = Source(sheet.file, sheet.sheet, int(rows[k]))
        if repeated[k]:  # reported; the first copy is the one loaded
            continue
        if missing_required:
            out.problems.append(
                src.problem(
                    "required",
                    f"the {table} table lacks required column(s) {', '.join(missing_required)}",
                    key=True,
                )
            )
            continue
        cells = [code[name][1][code[name][0][k]] for name in columns.values()]
        record = _parse_row(table, src, cells, list(columns.items()), headers, options, out, cache)
        staged.records[int(rows[k])] = [] if record is None else _emit(table, record, out)
    out.tidy.append(staged)


def _read_column(table: str, col: ColumnSpec, cells: Coded) -> tuple[np.ndarray, Coded]:
    """Each distinct value parsed once: whether each row's cell reads without a
    problem, and its value (``None`` when missing). A level cell is clean only when it
    names one known level, which it then holds as text."""
    codes, found = cells
    kinds = set(map(type, found))  # every distinct value's type, by a C-level pass
    if col.type in ("id", "string") and all(k is type(None) or issubclass(k, str) for k in kinds):
        text = _texts(found)
        readable = np.ones(len(text), dtype=bool)
        if col.required:
            readable[_nones(text)] = False
        return readable[codes], (codes, list(text))
    ok, parsed = [], []
    nowhere = Source("", "", 0)
    cache = CellCache()
    for raw in found:
        value, approx = approximate(raw) if col.type in _NUMERIC else (raw, False)
        got = cache.read(value, col)
        good = not (approx and not is_missing(value))
        if got is MISSING:
            good, got = good and not col.required, None
        elif isinstance(got, CellError):
            good, got = False, None
        elif col.type == "level_list" and history_warnings(nowhere, "", None, got):
            good = False
        elif col.type == "level" and table in ("procedures", "fractures"):
            levels = got if isinstance(got, tuple) else ()
            good = good and len(levels) == 1 and not is_partly_known(levels[0])
            got = levels[0] if good else None
        ok.append(good)
        parsed.append(got)
    return np.asarray(ok, dtype=bool)[codes], (codes, parsed)


def _texts(found: list[object]) -> list[str | None]:
    """Text cells trimmed, or ``None`` when blank or a missing marker (as
    :func:`analysis.normalize.parse_cell` reads an ``id`` or ``string`` cell)."""
    tokens = load_spec().missing_tokens
    longest = max(map(len, tokens), default=0)
    out = _trimmed(found)
    # only a text as short as the longest marker can be one (study IDs are not)
    size = np.fromiter(map(len, map(str, out)), dtype=np.int64, count=len(out))  # None: 4
    for i in np.flatnonzero(size <= longest).tolist():
        t = out[i]
        if t is not None and t.lower() in tokens:
            out[i] = None
    return out


def _read_scores(measures: Coded, cells: Coded, options: LoadOptions) -> tuple[np.ndarray, Coded]:
    """Outcome values parsed once per distinct (measure, value) pair."""
    spec = load_spec()
    mcodes, mfound = measures
    vcodes, vfound = cells
    inverse, pairs = pd.factorize(mcodes * (len(vfound) + 1) + vcodes)
    ok, parsed = [], []
    for pair in pairs:
        measure, raw = mfound[pair // (len(vfound) + 1)], vfound[pair % (len(vfound) + 1)]
        got: object = None
        if measure is not None and not is_missing(raw):
            m = spec.measures[str(measure)]
            try:
                got = parse_score(raw, m, options.pain_scale if m.name == "pain_vas" else None)
            except CellError:
                got = None
        ok.append(got is not None)
        parsed.append(got)
    return np.asarray(ok, dtype=bool)[inverse], (inverse, parsed)


_NUMERIC = frozenset({"number", "integer", "day", "volume_ml"})  # may carry "~", "approx."


def _parse_row(
    table: str,
    src: Source,
    cells: list[object],
    columns: list[tuple[int, str]],
    headers: list[str],
    options: LoadOptions,
    out: Staged,
    cache: CellCache,
) -> Record | None:
    spec = load_spec()
    tspec = spec.tables[table]
    record: Record = {"_src": src}
    ok = True
    value_cell: tuple[int, object] | None = None
    for (i, name), value in zip(columns, cells, strict=True):
        col = tspec.columns[name]
        if table == "assessments" and name == "value":
            value_cell = (i, value)
            continue
        value, approx = approximate(value) if col.type in _NUMERIC else (value, False)
        if approx and not is_missing(value):
            out.problems.append(
                src.problem(
                    "approximate",
                    f"approximate value read as {str(value).strip()}",
                    column=headers[i - 1],
                    col_index=i,
                    severity=WARNING,
                )
            )
        found = cache.read(value, col)
        if found is MISSING:
            if col.required:
                out.problems.append(
                    src.problem(
                        "required",
                        f"{name} is required; fill it in",
                        column=headers[i - 1],
                        col_index=i,
                        key=True,
                    )
                )
                ok = False
            continue
        if isinstance(found, CellError):
            # a bad optional cell becomes missing (its row stays unless the policy says
            # otherwise); a bad required cell means there is no record
            out.problems.append(
                src.problem(
                    found.rule,
                    found.message,
                    column=headers[i - 1],
                    col_index=i,
                    value=value,
                    key=col.required,
                )
            )
            ok = ok and not col.required
            continue
        if col.type == "level_list":
            out.problems.extend(history_warnings(src, headers[i - 1], i, found))
        record[name] = found
    if value_cell is not None and "measure" in record:
        i, value = value_cell
        measure = spec.measures[record["measure"]]
        scale = options.pain_scale if measure.name == "pain_vas" else None
        if is_missing(value):
            out.problems.append(
                src.problem(
                    "required",
                    "value is required; fill it in",
                    column=headers[i - 1],
                    col_index=i,
                    key=True,
                )
            )
            ok = False
        else:
            try:
                record["value"] = parse_score(value, measure, scale)
            except CellError as exc:
                out.problems.append(
                    src.problem(
                        exc.rule,
                        exc.message,
                        column=headers[i - 1],
                        col_index=i,
                        value=value,
                        key=True,
                    )
                )
                ok = False
    return record if ok else None


def _emit(table: str, record: Record, out: Staged) -> list[Record]:
    """The records of one parsed row: one per vertebra named."""
    if table == "patients":
        return [record]
    if table == "assessments":
        return [{**record, "_session": None}]
    what = "treated vertebra" if table == "procedures" else "new fracture"
    levels, warnings = known_levels(record["_src"], record.pop("level"), what)
    out.problems.extend(warnings)
    return [as_record(table, record, level) for level in levels]


def as_record(table: str, record: Record, level: object) -> Record:
    """A staged record of one vertebra (procedures carry their session key)."""
    if table == "procedures":
        return {**record, "level": level, "_session": record["procedure_id"]}
    return {**record, "level": level}
