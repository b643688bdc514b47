"""The tidy form itself: four tables as CSV or Parquet files, or sheets of one workbook."""

from __future__ import annotations

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.checks import history_warnings, known_levels
from analysis.load.records import Record, Staged, duplicate_rows
from analysis.normalize import CellError, approximate, is_missing, parse_cell, parse_score
from analysis.normalize.cells import MISSING, CellCache
from analysis.problems import WARNING, Source, sheet_problem
from analysis.spec import TableSpec, load_spec, normalize_text


def _column_lookup(table: TableSpec) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for name, col in table.columns.items():
        for n in (name, *col.synonyms):
            lookup.setdefault(normalize_text(n), name)
    return lookup


def _header_row(sheet: RawSheet, lookup: dict[str, str]) -> int:
    """The first of the top rows that names at least two columns of the table."""
    for r in range(1, min(10, sheet.n_rows) + 1):
        if sum(normalize_text(c) in lookup for c in sheet.rows[r - 1] if c is not None) >= 2:
            return r
    return 1


def stage_tidy_sheet(table: str, sheet: RawSheet, options: LoadOptions, out: Staged) -> None:
    """Parse one tidy table, reporting each bad cell with its row and column."""
    spec = load_spec()
    tspec = spec.tables[table]
    lookup = _column_lookup(tspec)
    header_row = sheet.header_row or _header_row(sheet, lookup)
    headers = (
        [("" if c is None else str(c)) for c in sheet.rows[header_row - 1]] if sheet.rows else []
    )
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
                sheet_problem(sheet.file, sheet.sheet, rule, msg, row=header_row, column=h)
            )
    present = set(columns.values())
    missing_required = [n for n, c in tspec.columns.items() if c.required and n not in present]
    data_rows = [
        r
        for r in range(header_row + 1, sheet.n_rows + 1)
        if not all(c is None or str(c).strip() == "" for c in sheet.rows[r - 1])
    ]
    duplicates = duplicate_rows(sheet, data_rows)
    out.problems.extend(duplicates)
    skip = {p.row for p in duplicates}
    cache = CellCache()
    pid_col = next((i for i, n in columns.items() if n == "patient_id"), None)
    for r in data_rows:
        cells = sheet.rows[r - 1]
        src = Source(sheet.file, sheet.sheet, r)
        out.sources.append(src)
        if r in skip:  # reported; the first copy is the one loaded
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
        record = _parse_row(table, src, cells, columns, headers, options, out, cache)
        pid = cells[pid_col - 1] if pid_col and pid_col - 1 < len(cells) else None
        if not is_missing(pid):
            out.row_owner[src] = (str(parse_cell(pid, tspec.columns["patient_id"])), table)
        if record is not None:
            _emit(table, record, out)


_NUMERIC = frozenset({"number", "integer", "day", "volume_ml"})  # may carry "~", "approx."


def _parse_row(
    table: str,
    src: Source,
    cells: list[object],
    columns: dict[int, str],
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
    for i, name in columns.items():
        value = cells[i - 1] if i - 1 < len(cells) else None
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


def _emit(table: str, record: Record, out: Staged) -> None:
    if table == "patients":
        out.patients.append(record)
    elif table == "procedures":
        levels, warnings = known_levels(record["_src"], record.pop("level"), "treated vertebra")
        out.problems.extend(warnings)
        for level in levels:
            out.procedures.append({**record, "level": level, "_session": record["procedure_id"]})
    elif table == "assessments":
        out.assessments.append({**record, "_session": None})
    else:
        levels, warnings = known_levels(record["_src"], record.pop("level"), "new fracture")
        out.problems.extend(warnings)
        for level in levels:
            out.fractures.append({**record, "level": level})
