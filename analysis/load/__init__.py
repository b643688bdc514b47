"""Load any supported input into a validated :class:`~analysis.schema.Cohort`.

Forms recognised:

* the tidy form: a directory holding ``patients``, ``procedures`` (and optionally
  ``assessments``, ``fractures``) as CSV or Parquet, or a workbook with those sheets;
* a clinician's wide sheet (``.xlsx`` or ``.csv``): one row per treated vertebra or per
  patient, title lines, two-row headers, merged group cells;
* a REDCap export: records CSV with its data dictionary CSV (a directory holding both,
  or the records file with ``redcap_dictionary=``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from analysis.config import LoadOptions
from analysis.io import RawSheet, ReadLimits, read_input_sheets
from analysis.io.readers import read_csv_sheet, read_parquet_sheet
from analysis.load.assemble import LoadResult, assemble
from analysis.load.codebook import export_files, unit_exports
from analysis.load.collector import fewer_collections
from analysis.load.comment_corrections import apply_comment_corrections
from analysis.load.eav_export import eav_tables
from analysis.load.inspect import ColumnReading, Inspection, SheetReading, inspect_input
from analysis.load.layout import INDEX, TableLayout, read_layouts
from analysis.load.legend import apply_legends
from analysis.load.mapping import fill_blanks, read_mapping, table_specs
from analysis.load.measure_rows import MeasureRows, dated_only, restore_cells
from analysis.load.parent_rows import parent_rows
from analysis.load.records import Staged, stage_sheet
from analysis.load.redcap import redcap_pair, stage_redcap
from analysis.load.redcap_labels import is_redcap_export, stage_redcap_export
from analysis.load.relational import relational_tables
from analysis.load.reshape import original_ledger, original_problem
from analysis.load.tidy import stage_tidy_sheet
from analysis.load.visit_repeats import visits_by_date
from analysis.normalize.timepoints import BY_DATE
from analysis.problems import CohortDataError, InputFormatError, Problem, sheet_problem
from analysis.spec import TABLES

__all__ = [
    "ColumnReading",
    "Inspection",
    "LoadResult",
    "SheetReading",
    "TableLayout",
    "inspect_input",
    "load_cohort",
    "options_from_mapping",
    "read_layouts",
    "read_mapping",
]


def options_from_mapping(raw: dict[str, Any], **overrides: Any) -> LoadOptions:
    """:class:`LoadOptions` from a mapping file's contents; ``overrides`` win when not None."""
    values: dict[str, dict[str, object]] = dict(raw.get("values") or {})
    for table in raw.get("tables") or ():  # a column's own spellings, by its header
        for col in (table.get("columns") or {}).values():
            header = str(col.get("header", ""))
            own = {str(m): "" for m in col.get("missing") or ()}  # "" reads as missing
            own.update(col.get("values") or {})
            if own and header:
                values[header] = {**values.get(header, {}), **own}
    settings: dict[str, Any] = {
        "mapping": dict(raw.get("columns") or {}),
        "date_order": raw.get("date_order"),
        "pain_scale": raw.get("pain_scale"),
        "include_hidden": bool(raw.get("include_hidden", False)),
        "sheets": tuple(raw.get("sheets") or ()),
        "value_maps": {str(h): {str(k): str(v) for k, v in m.items()} for h, m in values.items()},
        "missing_markers": tuple(str(m) for m in raw.get("missing") or ()),
        "volume_basis": raw.get("volume_basis") or "session",
        "tables": table_specs(raw),
    }
    settings.update({k: v for k, v in overrides.items() if v is not None})
    return LoadOptions(**settings)


def _tidy_files(directory: Path) -> dict[str, Path]:
    found = {}
    for table in TABLES:
        for suffix in (".csv", ".parquet"):
            p = directory / f"{table}{suffix}"
            if p.exists():
                found[table] = p
    return found


def _stage_directory(path: Path, options: LoadOptions, limits: ReadLimits, out: Staged) -> None:
    """A directory: the tidy tables, a REDCap export with its dictionary, or a unit's own
    exports (each CSV or workbook read as sheets of one workbook)."""
    tidy = _tidy_files(path)
    read = {t: read_parquet_sheet(p) if p.suffix == ".parquet" else read_csv_sheet(p, limits) for t, p in tidy.items()}  # fmt: skip
    if {"patients", "procedures"} <= set(tidy) and _tidy_header(read["procedures"]):
        # files named like the tidy tables with the tidy columns (a unit's export
        # named procedures.csv with its own headers is read as its own exports)
        for table, sheet in read.items():
            out.problems.extend(sheet.problems)
            stage_tidy_sheet(table, sheet, options, out)
        if "fractures" not in tidy:
            out.problems.append(
                sheet_problem(
                    path.name,
                    "",
                    "no_fractures_table",
                    "the directory has no fractures table (fractures.csv or .parquet): "
                    "new fractures are unknown, so fracture analyses are not computed; "
                    "add the table (it may be empty, with its header) if none occurred",
                )
            )
        return
    pair = redcap_pair(path)
    if pair:
        stage_redcap(pair[0], pair[1], options, out)
        # the unit's other files beside the export (a coordinator's telephone log of
        # deaths): read as its own exports, joined on the study ID
        others = [p for p in export_files(path) if p not in pair]
        if others:
            exports, options, problems = unit_exports(others, options, limits)
            exports, options, legends, _ = apply_legends(exports, options)
            out.problems.extend(problems + legends)
            _stage_wide(path, exports, options, out, required=False)
        return
    tables = export_files(path)
    if not tables:
        raise InputFormatError(
            f"{path.name}: a directory must hold the tidy tables (patients.csv, "
            "procedures.csv, ...), a REDCap records CSV with its data dictionary CSV, or a "
            "unit's own exports (CSV files or workbooks); this one holds none of them"
        )
    # a unit's own exports (a patients file and a procedures file): each a sheet; a
    # codebook among them gives the codes of their columns
    exports, options, problems = unit_exports(tables, options, limits)
    out.problems.extend(problems)
    redcap = [s for s in exports if is_redcap_export(s)]
    for sheet in redcap:  # a REDCap export beside its codebook: by REDCap's rules
        stage_redcap_export(sheet, options, out)
    exports = [s for s in exports if s not in redcap]
    if redcap and not exports:
        return
    exports, pivoted = eav_tables(exports)  # a long export with its field dictionary
    out.problems.extend(pivoted)
    exports, options, joins = relational_tables(
        exports, options
    )  # a database's tables, joined by their keys
    out.problems.extend(joins)
    exports, options, repeats = parent_rows(exports, options)  # a form's repeat groups
    out.problems.extend(repeats)
    exports, options, legends, _ = apply_legends(exports, options)  # a legend's codes
    out.problems.extend(legends)
    _stage_wide(path, exports, options, out)


def _stage(path: Path, options: LoadOptions, redcap_dictionary: Path | None) -> Staged:
    out = Staged()
    if redcap_dictionary is not None:
        stage_redcap(path, redcap_dictionary, options, out)
        return out
    limits = ReadLimits(max_expanded_mb=options.max_expanded_mb)
    if path.is_dir():
        _stage_directory(path, options, limits, out)
        return out
    all_sheets, corrections = apply_comment_corrections(
        read_input_sheets(path, options.include_hidden, limits)
    )
    out.problems.extend(corrections)
    out.sheet_positions.update({(s.file, s.sheet): i for i, s in enumerate(all_sheets, 1)})
    for sheet in all_sheets:
        out.problems.extend(sheet.problems)
        if sheet.hidden and not options.include_hidden:
            out.problems.append(
                sheet_problem(
                    sheet.file,
                    sheet.sheet,
                    "hidden_sheet",
                    "hidden sheet not read (use --include-hidden to read it)",
                )
            )
    sheets = [s for s in all_sheets if options.include_hidden or not s.hidden]
    exports = [s for s in sheets if is_redcap_export(s)]
    for sheet in exports:  # a REDCap export without its dictionary
        stage_redcap_export(sheet, options, out)
    if exports:
        sheets = [s for s in sheets if s not in exports]
        if not sheets:
            return out
    sheets, options, repeats = parent_rows(sheets, options)  # a form's repeat groups
    out.problems.extend(repeats)
    sheets, options, legends, _ = apply_legends(sheets, options)  # a legend's codes
    out.problems.extend(legends)
    by_name = {s.sheet.strip().lower(): s for s in sheets}
    if {"patients", "procedures"} <= set(by_name) and _tidy_header(by_name["procedures"]):
        for table in TABLES:
            if table in by_name:
                stage_tidy_sheet(table, by_name[table], options, out)
        return out
    _stage_wide(path, sheets, options, out, all_sheets)
    return out


def _formula_not_read(problem: Problem, sheet: RawSheet) -> Problem:
    """A formula saved without its value on a sheet that is not read (a sheet of counts
    beside the data): no value of the cohort is lost, so a warning, not an error."""
    if problem.rule != "formula_no_value" or (problem.file, problem.sheet) != (sheet.file, sheet.sheet):  # fmt: skip
        return problem
    return replace(problem, severity="warning", key=False, message=problem.message.split(";")[0] + ", on a sheet that is not read: no value of the cohort is lost")  # fmt: skip


def _tidy_header(sheet: RawSheet) -> bool:
    """Whether a sheet named like a tidy table has the tidy table's own column names (a
    unit's "Procedures" sheet with its own headers is read as a clinician's sheet)."""
    first = [
        str(c).strip().lower() for c in (sheet.row(0) if sheet.n_rows else []) if c is not None
    ]
    return {"patient_id", "level"} <= set(first)


def _stage_wide(
    path: Path,
    sheets: list[RawSheet],
    options: LoadOptions,
    out: Staged,
    sheets_all: list[RawSheet] | None = None,
    *,
    required: bool = True,
) -> None:
    """Stage a unit's sheets; with ``required``, an input none of whose sheets is read
    raises (files beside an export read otherwise are not required: each skipped sheet
    is reported)."""
    sheets_all = sheets_all or sheets
    used = 0
    for table in read_layouts(sheets, options):
        sheet, layout = table.sheet, table.layout
        if sheet.origin is not None:
            out.origins[(sheet.file, sheet.sheet)] = sheet.origin
            warning = _reshaped(table)
            if warning not in out.problems:  # once for the tables one shape makes
                out.problems.append(warning)
        if layout is None:
            out.problems.append(
                sheet_problem(
                    sheet.file,
                    sheet.sheet,
                    "sheet_skipped",
                    f"{table.note}; sheet not read"
                    if table.role == INDEX
                    else "no header with a study ID column found; sheet not read",
                )
            )
            out.problems[:] = [_formula_not_read(p, sheet) for p in out.problems]
            continue
        used += 1
        start = len(out.procedures)
        if not isinstance(sheet, MeasureRows):
            by_date = table.timepoint is None and visits_by_date(sheet, layout)
            stage_sheet(sheet, layout, options, out, timepoint=BY_DATE if by_date else table.timepoint)  # fmt: skip
        else:
            before = len(out.problems)
            by_date = table.timepoint is None and dated_only(layout.columns)
            stage_sheet(sheet, layout, options, out, timepoint=BY_DATE if by_date else table.timepoint)  # fmt: skip
            out.problems[before:] = restore_cells(out.problems[before:], sheet)
            out.widened.append(sheet)
            if sheet.note is not None:
                out.problems.append(sheet.note)
        fill_blanks(out.procedures[start:], table.fill)
    if used == 0 and required:
        hidden = [s.sheet for s in sheets_all if s.hidden] if not options.include_hidden else []
        if hidden:
            raise InputFormatError(
                f"{path.name}: no visible sheet has a recognisable header with a study ID "
                f"column, and {len(hidden)} sheet(s) are hidden; if the data are on a hidden "
                "sheet, read it with --include-hidden"
            )
        raise InputFormatError(
            f"{path.name}: no sheet has a recognisable header with a study ID column; "
            "name the columns as in data_schema/DATA_DICTIONARY.md or give a mapping file"
        )


def _reshaped(table: TableLayout) -> Problem:
    """The warning that a table was read in another shape, and how that was decided."""
    sheet = table.sheet
    origin = sheet.origin
    return sheet_problem(
        sheet.file,
        origin.sheet if origin is not None else sheet.sheet,
        "sheet_reshaped",
        f"read in another shape ({table.shape}); messages name the cells as they stand "
        "in the workbook",
    )


def load_cohort(
    path: str | Path,
    options: LoadOptions | None = None,
    *,
    redcap_dictionary: str | Path | None = None,
) -> LoadResult:
    """Read, normalise and validate a cohort from any supported input.

    Parameters
    ----------
    path
        A workbook, CSV or Parquet file, or a directory (tidy tables or REDCap export).
    options
        Policy, date order, declared pain scale, mapping and so on.
    redcap_dictionary
        The REDCap data dictionary CSV when ``path`` is a REDCap records export.

    Returns
    -------
    LoadResult
        The cohort, every problem found and the fate of every input row.

    Raises
    ------
    InputFormatError
        The input cannot be read at all (one-line message).
    CohortDataError
        Under ``policy="strict"`` when any data error was found; lists all of them.
    """
    options = options or LoadOptions()
    path = Path(path)
    dictionary = Path(redcap_dictionary) if redcap_dictionary is not None else None
    if dictionary is not None and not dictionary.exists():
        raise InputFormatError(f"{dictionary}: no such file")
    with fewer_collections():
        try:
            staged = _stage(path, options, dictionary)
        except ValueError as exc:
            if isinstance(exc, InputFormatError | CohortDataError):
                raise
            raise InputFormatError(str(exc)) from None
        result = assemble(staged, "patient" if options.policy == "strict" else options.policy)
    for sheet in staged.widened:  # a later check's problem in a moved cell: at its own cell
        if isinstance(sheet, MeasureRows):
            result = replace(result, problems=restore_cells(list(result.problems), sheet))
    if staged.origins:
        result = replace(
            result,
            problems=[original_problem(p, staged.origins) for p in result.problems],
            ledger=original_ledger(result.ledger, staged.origins),
        )
    if options.policy == "strict" and result.errors:
        raise CohortDataError(result.problems)
    return result
