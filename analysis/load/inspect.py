"""How an input would be read, column by column, before anything is loaded.

:func:`inspect_input` answers the first question about a workbook nobody on the team
wrote: which column became which field, how sure the reading is (header and cell
contents), which columns were ignored or dropped as identifiers. Its
:meth:`Inspection.mapping_yaml` is a mapping file the user can edit and pass back with
``--mapping``.

Examples shown are values that parsed under the column's field (levels, volumes,
categories, scores), never raw text, so no name or record number can appear.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from itertools import zip_longest
from pathlib import Path

import pandas as pd
import yaml

from analysis.config import LoadOptions
from analysis.io import RawSheet, ReadLimits, read_input_sheets
from analysis.load.checks import fill_event_ids
from analysis.load.codebook import export_files, unit_exports
from analysis.load.continuation_rows import join_continuation_rows
from analysis.load.date_parts import JoinedDates
from analysis.load.eav_export import RULE as EAV_RULE
from analysis.load.eav_export import eav_tables
from analysis.load.events import event_column, remark_fractures, remark_levels
from analysis.load.group_rows import group_causes, group_causes_message
from analysis.load.header import HeaderColumn, SheetLayout, detect_layout, user_values
from analysis.load.header_columns import by_header, language_values
from analysis.load.item_codes import ItemCodes
from analysis.load.item_rows import ItemRows, item_kinds_column
from analysis.load.layout import TableLayout, read_layouts
from analysis.load.legend import apply_legends
from analysis.load.mapping import column_entry, letter_of
from analysis.load.measure_rows import measure_rows_columns
from analysis.load.parent_rows import RULE as PARENT_RULE
from analysis.load.parent_rows import parent_rows
from analysis.load.redcap import dictionary_reading, redcap_pair
from analysis.load.redcap_labels import export_reading, is_redcap_export
from analysis.load.relational import JOIN_RULE, relational_tables
from analysis.normalize import CellError, Target, is_missing, parse_cell, parse_score
from analysis.normalize.content import is_typed
from analysis.normalize.series import SERIES
from analysis.problems import column_named
from analysis.spec import load_spec

_EXAMPLES = 3


@dataclass(frozen=True)
class ColumnReading:
    """How one input column is read.

    ``label`` is ``table.column``, ``measure@timepoint``, ``date:kind``,
    ``identifier:kind`` or ``None`` (not read).
    """

    file: str
    sheet: str
    index: int
    letter: str
    header: str
    label: str | None
    kind: str
    confidence: float
    n_values: int
    n_parsed: int
    reason: str
    examples: tuple[str, ...]
    header_row: int | None = None  # of its table (a sheet may hold several)


@dataclass(frozen=True)
class SheetReading:
    """One worksheet: read as data (with its header row) or skipped, and why."""

    file: str
    sheet: str
    header_row: int | None
    status: str  # "data", "skipped", "hidden", "legend" (its codes applied to the data)
    note: str


@dataclass(frozen=True)
class Inspection:
    """The reading of every sheet and column of an input."""

    sheets: tuple[SheetReading, ...]
    columns: tuple[ColumnReading, ...]
    tables: tuple[dict[str, object], ...] = ()  # the layout, as a mapping file writes it
    missing: tuple[str, ...] = ()  # codes a legend reads as missing in every column

    def to_frame(self) -> pd.DataFrame:
        """One row per column: sheet, letter, header, label, confidence, counts, examples."""
        rows = [
            {
                "sheet": c.sheet,
                "column": c.letter,
                "header": c.header,
                "read_as": c.label or "(not read)",
                "confidence": round(c.confidence, 2),
                "values": c.n_values,
                "parsed": c.n_parsed,
                "how": c.reason,
                "examples": ", ".join(c.examples),
            }
            for c in self.columns
        ]
        return pd.DataFrame(rows)

    @property
    def recognised_share(self) -> float:
        """Share of columns with a header that are read as some field or identifier."""
        named = [c for c in self.columns if c.header]
        return sum(c.label is not None for c in named) / len(named) if named else 0.0

    def mapping(self) -> dict[str, object]:
        """The layout as a mapping (as :func:`analysis.load.read_mapping` reads it):
        passed back unedited, it loads exactly what was read here."""
        out: dict[str, object] = {"version": 2, "tables": [dict(t) for t in self.tables]}
        if self.missing:
            out["missing"] = list(self.missing)
        return out

    def mapping_yaml(self) -> str:
        """The layout as commented YAML, ready to edit and pass back with ``--mapping``."""
        lines = [
            "# How `vertebro inspect` read this input. Passed back with --mapping, every",
            "# table below is read exactly as written (sheets not listed are recognised).",
            "# A table: sheet, header_row (its last header row), columns (by letter), and",
            "#   timepoint: 1m             a visit sheet's time point",
            "#   role: fractures           what the sheet holds (patients, procedures, ...)",
            "#   skip: true                not read",
            "#   measure_rows: {names: E, values: F}   one measurement per row, read as",
            "#                             one column per measure; with kinds: K, one item",
            "#                             per row, column K saying what each row records",
            "#   fill: {procedures.cement_type: PMMA}   a field the table leaves unwritten",
            "#                             (procedures.technique too); a cell always wins",
            "#   shape: transposed | patient-cards | case-log | side-by-side | field-rows",
            "#          | item-codes | register-notes | heading-rows | eav-export",
            "#                             a table the loader",
            "#                             reshaped (field-rows: one row per field, read as",
            "#                             one row per encounter; item-codes: one item per",
            "#                             row, its codes named by a code list, read as one",
            "#                             row per patient, day and record; register-notes:",
            "#                             a register's notes read apart; heading-rows:",
            "#                             visit rows under a heading row per patient, each",
            "#                             with its heading's study ID, sex, age and cause;",
            "#                             eav-export: a long export of one row per field,",
            "#                             one table per form by its field dictionary),",
            "#                             under the",
            "#                             name written here,",
            "#                             lettered in the reshaped table (side-by-side: as",
            "#                             on the sheet); transposed under a sheet's",
            "#                             own name reads it as transposed; shape: none under",
            "#                             a sheet's own name turns every reshaping off",
            "#   note: ...                 how the table was decided (not read back)",
            "# A column: header, read_as, and session, slot, date_order, calendar (ethiopian:",
            "#   its dates as text are of the Ethiopian calendar), missing, values",
            "#   (seen: how the values of a column not read look; not read back).",
            "# read_as: table.column (patients.sex, procedures.level, ...),",
            "#   {measure: pain_vas, timepoint: 1m, scale: 100}, a cell of scores at",
            "#   several time points {measure: pain_vas, timepoints: [pre, 1w, 1m]},",
            "#   date:procedure_date |",
            "#   date:visit_date | date:fracture_date | date:death_date, visit,",
            "#   date:visit_date@1m (the 1 month visit's date, in a row of visits across),",
            "#   vertebra:T12 (a column per vertebra, its cement volume in the cell),",
            "#   note:procedure (operative notes), birth_year:age_years (the age",
            "#   derived from a year of birth), death_note:died (remarks naming deaths",
            "#   with their dates), leak_level:leakage (the vertebrae cement leaked",
            "#   at, beside a leakage column naming the sites: L3, or L3: venous),",
            "#   scores:measures (a visit's scores each after its name: VAS 7/10;",
            "#   ODI 44%), twin:date:visit_date (the dates of another column in",
            "#   another calendar, named with it),",
            "#   identifier or ignore; session: 2 for a second session on the row,",
            "#   slot: n for the n-th vertebra's numbered columns.",
            "# Keys for the whole file, beside version and tables:",
            '#   values: {"Leak": {"-": none}}   spellings of a column (by its header)',
            '#   missing: ["n.d."]                 extra missing markers (dates included)',
            '#   columns: {"Dx": patients.etiology}   a header\'s reading on every sheet',
            "#   volume_basis: session | level     a volume on a multi-level row",
            "#   date_order: dmy | mdy             pain_scale: 10 | 100",
            "#   sheets: [Data]                    only these sheets",
            "#   include_hidden: true              hidden sheets read too",
            "# The format: data_schema/mapping.schema.json.",
            "version: 2",
            *([f"missing: {_flow(list(self.missing))}"] if self.missing else []),
            "tables:",
        ]
        notes = {(c.sheet, c.header_row, c.letter): c for c in self.columns}
        for table in self.tables:
            lines.append(f"  - sheet: {_flow(table['sheet'])}")
            for key in ("header_row", "shape", "timepoint", "role", "skip", "measure_rows", "fill"):
                if key in table:
                    lines.append(f"    {key}: {_flow(table[key])}")
            if "note" in table:
                lines.append(f"    note: {_flow(table['note'])}")
            columns = table.get("columns") or {}
            assert isinstance(columns, dict)  # as _table_entry writes it
            if columns:
                lines.append("    columns:")
            for letter, entry in columns.items():
                row = table.get("header_row")
                c = notes.get((str(table["sheet"]), row if isinstance(row, int) else None, letter))
                note = "" if c is None else f"  # {c.reason or 'not recognised'}"
                if c is not None and c.n_values:
                    note += f", {c.n_parsed} of {c.n_values} values parse"
                lines.append(f"      {letter}: {_flow(entry)}{note}")
        return "\n".join(lines) + "\n"


def _flow(value: object) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return text.strip().removesuffix("...").strip()


def _mapping_value(c: ColumnReading) -> object:
    if c.label is None or c.kind == "ignore":
        return "ignore"
    if c.kind == "identifier":  # a birth date named: the age derived from it
        return c.label if c.label == "identifier:birth_date" else "identifier"
    if c.kind == "measure":
        measure, _, timepoint = c.label.partition("@")
        out: dict[str, object] = {"measure": measure}
        if timepoint and timepoint != "?":
            out["timepoint"] = timepoint
        return out
    if c.kind == SERIES:  # scores at several time points in one cell
        measure, _, points = c.label.partition("@")
        return {"measure": measure, "timepoints": points.split("|")}
    return c.label


def _examples(values: list[object], target: Target | None) -> tuple[str, ...]:
    if target is None or not is_typed(target) or target.kind == "date":
        return ()
    spec = load_spec()
    shown: list[str] = []
    for v in values:
        if is_missing(v):
            continue
        try:
            if target.kind == "measure":
                parsed: object = parse_score(v, spec.measures[str(target.measure)], target.scale)
            elif target.kind in (
                "visit",
                "pair",
                "level_date",
                SERIES,
                "timed",
                "note",
                "scores",
                "birth_year",
            ):
                continue  # read by rules of their own; their cells are shown as they are read
            else:
                parsed = parse_cell(v, spec.column(str(target.table), str(target.column)))
        except CellError:
            continue
        text = "/".join(map(str, parsed)) if isinstance(parsed, tuple) else f"{parsed}"
        if text not in shown:
            shown.append(text)
        if len(shown) == _EXAMPLES:
            break
    return tuple(shown)


def _reading(
    sheet: RawSheet, layout: SheetLayout, col: HeaderColumn, options: LoadOptions | None = None
) -> ColumnReading:
    values = [r[col.index - 1] for r in sheet.rows[layout.header_row :] if col.index - 1 < len(r)]
    if options is not None:  # as read: a legend's or the user's codes and missing markers
        values = list(map(user_values(options, col.header), values))
    t = col.target
    kind = "none" if t is None else t.kind
    confidence = col.confidence if t is not None else 0.0
    if t is not None and by_header(col.reason) and not is_typed(t):
        confidence = 1.0
    return ColumnReading(
        file=sheet.file,
        sheet=sheet.sheet,
        index=col.index,
        letter=col.letter,
        header=col.header,
        label=None if t is None else t.label,
        kind=kind,
        confidence=confidence,
        n_values=col.n_values,
        n_parsed=col.n_parsed,
        reason=_how_read(sheet, col),
        examples=_examples(values, t),
        header_row=layout.header_row,
    )


def _how_read(sheet: RawSheet, col: HeaderColumn) -> str:
    """The column's reason, with how a reshaped sheet filled it (a widened item
    export's added column; a date joined from its day, month and year columns)."""
    if isinstance(sheet, ItemRows):
        return sheet.reason(col.index) or col.reason
    if isinstance(sheet, ItemCodes) and sheet.reason(col.index):
        return f"{sheet.reason(col.index)}; {col.reason}"
    joined = sheet.reason(col.index) if isinstance(sheet, JoinedDates) else None
    return f"{joined}; {col.reason}" if joined else col.reason


def _with_remarks(
    sheet: RawSheet, layout: SheetLayout, readings: list[ColumnReading]
) -> list[ColumnReading]:
    """The readings, the column whose remarks name new fractures on rows of their own
    (:func:`analysis.load.events.remark_fractures`) said to be read so."""
    rows = [r for r in sheet.rows[layout.header_row :] if any(not is_missing(v) for v in r)]
    by_column = list(zip_longest(*rows))
    found = remark_fractures(layout, range(len(rows)), by_column)
    if found is None:
        named = remark_levels(layout, range(len(rows)), by_column)
        if named is None:
            return readings
        col, levels = named
        how = f"remarks: {len(levels)} row(s) naming a new fracture and its vertebra, dated by the row"  # fmt: skip
        return [replace(r, reason=how) if r.index == col.index else r for r in readings]
    col, events = found
    how = f"remarks: {len(events)} row(s) of a new fracture at the row's level"
    return [replace(r, reason=how) if r.index == col.index else r for r in readings]


def inspect_input(path: str | Path, options: LoadOptions | None = None) -> Inspection:
    """Read an input's sheets and report how each column would be read.

    Parameters
    ----------
    path
        A workbook or CSV file (a clinician's wide sheet, or tidy tables in a workbook).
    options
        The mapping and ``include_hidden`` are honoured.

    Returns
    -------
    Inspection
        Per sheet, whether it holds data; per column, its reading.
    """
    options = options or LoadOptions()
    path = Path(path)
    pair = redcap_pair(path) if path.is_dir() else None
    if pair is not None:  # a REDCap export with its dictionary: decoded as it is loaded
        export = _redcap_inspection(*pair, options)
        others = [p for p in export_files(path) if p not in pair]
        if not others:
            return export
        found, options, _ = unit_exports(others, options, ReadLimits())  # files beside it
        rest = _sheets_inspection(path, found, options, exports=False)
        return Inspection(
            export.sheets + rest.sheets,
            export.columns + rest.columns,
            export.tables + rest.tables,
            rest.missing,
        )
    found = read_input_sheets(path, options.include_hidden) if not path.is_dir() else []
    if path.is_dir():  # a unit's own exports (tidy tables have no layout)
        found, options, _ = unit_exports(export_files(path), options, ReadLimits())
        found, pivoted = eav_tables(found)  # a long export with its field dictionary
        found, options, joins = relational_tables(found, options)  # a database's tables
        joins = [p for p in pivoted if p.rule == EAV_RULE] + joins
        inspection = _sheets_inspection(path, found, options)
        notes = tuple(
            SheetReading(p.file, p.sheet, None, "joined", p.message)
            for p in joins
            if p.rule in (JOIN_RULE, EAV_RULE)
        )
        return replace(inspection, sheets=notes + inspection.sheets)
    return _sheets_inspection(path, found, options)


def _sheets_inspection(
    path: Path, found: list[RawSheet], options: LoadOptions, *, exports: bool = True
) -> Inspection:
    """The reading of a workbook's sheets, or of a directory's files read as sheets; with
    ``exports``, a REDCap export among them read by REDCap's rules, as loaded (not the
    files beside an export with its dictionary)."""
    sheets, columns, tables = [], [], []
    for sheet in found:
        if sheet.hidden and not options.include_hidden:
            sheets.append(
                SheetReading(sheet.file, sheet.sheet, None, "hidden", "use --include-hidden")
            )
    visible = [s for s in found if options.include_hidden or not s.hidden]
    for sheet in [s for s in visible if exports and is_redcap_export(s)]:
        visible.remove(sheet)  # by REDCap's rules, as loaded
        decoded, mapping, note = export_reading(sheet, options)
        layout = detect_layout(decoded, mapping, options)
        status = "data" if layout is not None else "skipped"
        sheets.append(SheetReading(sheet.file, sheet.sheet, 1, status, note))
        if layout is not None:
            tables.append(_table_entry(TableLayout(decoded, layout)))
            columns += [_reading(decoded, layout, c) for c in layout.columns]
    coded: dict[str, dict[str, str]] = {}  # a legend's codes, by the header they apply to
    missing: tuple[str, ...] = ()
    if visible:
        visible, options, repeats = parent_rows(visible, options)  # a form's repeat groups
        sheets += [SheetReading(p.file, p.sheet, None, "joined", p.message) for p in repeats if p.rule == PARENT_RULE]  # fmt: skip
        visible, options, _, legends = apply_legends(visible, options)
        for legend in legends:
            sheets.append(SheetReading(legend.file, legend.sheet, None, "legend", legend.note))
            coded = {**legend.columns, **coded}
            missing += tuple(m for m in legend.missing if m not in missing)
    if visible:  # together: the cards of one patient per sheet are read as one set
        for table in read_layouts(visible, options):
            sheet = table.sheet
            layout = table.layout
            tables.append(_table_entry(table, coded))
            if layout is None:
                sheets.append(SheetReading(sheet.file, sheet.sheet, None, "skipped", table.note))
                continue
            note = table.note + _events_note(sheet, layout) + _continuation_note(sheet, layout)
            note += _groups_note(sheet, layout)
            sheets.append(SheetReading(sheet.file, sheet.sheet, layout.header_row, "data", note))
            readings = [_reading(table.sheet, layout, c, options) for c in layout.columns]
            columns += _with_remarks(table.sheet, layout, readings)
    return Inspection(tuple(sheets), tuple(columns), tuple(tables), missing)


def _groups_note(sheet: RawSheet, layout: SheetLayout) -> str:
    """The rows heading groups of rows by their cause, added to its sheet's note."""
    rows = range(layout.first_data_row, sheet.n_rows + 1)
    groups = group_causes(sheet, layout, list(rows))
    return "" if groups is None else f"; {group_causes_message(groups.headings)}"


def _continuation_note(sheet: RawSheet, layout: SheetLayout) -> str:
    """The lines of a register joined to the entry above them, added to its sheet's note."""
    _, joined = join_continuation_rows(sheet, layout)
    return "".join(f"; {p.message}" for p in joined)


def _events_note(sheet: RawSheet, layout: SheetLayout) -> str:
    """How a log of events is read, added to its sheet's note: the column naming each
    row's event, and the event rows given the study ID of the patient's row above them."""
    event = event_column(layout)
    if event is None:
        return ""
    _, filled = fill_event_ids(sheet, layout)
    said = f"; {column_named(event.letter, event.header)} names each row's event"
    return said + "".join(f"; {p.message}" for p in filled)


def _redcap_inspection(records: Path, dictionary: Path, options: LoadOptions) -> Inspection:
    sheet, layout, note = dictionary_reading(records, dictionary, options)
    return Inspection(
        (SheetReading(sheet.file, sheet.sheet, 1, "data", note),),
        tuple(_reading(sheet, layout, c) for c in layout.columns),
        (_table_entry(TableLayout(sheet, layout)),),
    )


def _measure_rows_entry(sheet: RawSheet) -> dict[str, str] | None:
    """A widened sheet's ``measure_rows`` (and, for an item export, its ``kinds``)."""
    rows = measure_rows_columns(sheet)
    if rows is None:
        return None
    kinds = item_kinds_column(sheet)
    out = {"names": rows[0], "values": rows[1]}
    return out if kinds is None else {**out, "kinds": kinds}


def _table_entry(
    table: TableLayout, coded: dict[str, dict[str, str]] | None = None
) -> dict[str, object]:
    """One table as the mapping file writes it: every column, read or not, with the codes
    a legend gives it (``coded``, by header)."""
    entry: dict[str, object] = {"sheet": table.sheet.sheet}
    if table.layout is None:
        return {**entry, "skip": True, "note": table.note}
    entry["header_row"] = table.layout.header_row
    if table.sheet.origin is not None:
        entry["shape"] = table.sheet.origin.shape
        entry["note"] = table.note
    if table.timepoint:
        entry["timepoint"] = table.timepoint
    if table.role:
        entry["role"] = table.role
    if table.fill:
        entry["fill"] = {f"procedures.{column}": value for column, value in table.fill}
    rows = _measure_rows_entry(table.sheet)
    if rows is not None:
        entry["measure_rows"] = rows
    columns: dict[str, object] = {}
    for col in table.layout.columns:
        # a column without header or reading is left out, unless it holds values: a rule
        # may read it by its cells (remarks naming new fractures), and so does the mapping
        if not col.header and col.target is None and not _holds_values(table, col):
            continue
        item = column_entry(col)
        if coded and col.header in coded:
            item["values"] = dict(coded[col.header])
        elif (said := language_values(col)) is not None:
            item["values"] = said
        if col.target is None:
            item["seen"] = _shape(table.sheet, table.layout.header_row, col)
        columns[letter_of(col)] = item
    entry["columns"] = columns
    return entry


def _holds_values(table: TableLayout, col: HeaderColumn) -> bool:
    """Whether a column has a value below its table's header."""
    header = table.layout.header_row if table.layout is not None else 0
    rows = table.sheet.rows[header:]
    return any(col.index - 1 < len(r) and not is_missing(r[col.index - 1]) for r in rows)


def _shape(sheet: RawSheet, header_row: int, col: HeaderColumn) -> str:
    """How the values of a column not read look, never the values themselves."""
    values = [
        r[col.index - 1]
        for r in sheet.rows[header_row:]
        if col.index - 1 < len(r) and not is_missing(r[col.index - 1])
    ]
    if not values:
        return "empty"
    kinds: dict[str, int] = {}
    for v in values:
        kind = (
            "dates"
            if isinstance(v, date)
            else "numbers"
            if isinstance(v, int | float)
            else "numbers as text"
            if str(v).strip().replace(".", "", 1).replace(",", "", 1).isdigit()
            else "text"
        )
        kinds[kind] = kinds.get(kind, 0) + 1
    distinct = len({str(v) for v in values})
    parts = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    return f"{len(values)} values ({parts}), {distinct} distinct"
