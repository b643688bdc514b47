"""A workbook's layout as one value: its tables, each with its header, its columns'
readings, and what its sheet's name says (a visit's time point, new fractures).

Recognition proposes it (:func:`read_layouts`), ``vertebro inspect`` prints it and staging
executes it, so what ``inspect`` shows is what loading does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.blocks import SIDE_BY_SIDE, columns_of, split_at, split_columns, table_blocks
from analysis.load.calendars import with_named_calendar
from analysis.load.cards import card_sheets
from analysis.load.date_orders import with_workbook_order
from analysis.load.date_parts import with_joined_dates
from analysis.load.death_remarks import with_workbook_death_remarks
from analysis.load.events import logs_new_fractures
from analysis.load.field_rows import field_rows_sheet, find_field_rows
from analysis.load.format_legend import with_format_legend, with_format_reasons
from analysis.load.header import SheetLayout, detect_layout
from analysis.load.header_sessions import (
    names_repeat_sessions,
    repeat_session_visits,
    repeat_sessions_table,
)
from analysis.load.heading_rows import find_heading_rows, heading_rows_sheet
from analysis.load.item_codes import with_item_codes
from analysis.load.item_rows import item_kinds_column, widen_item_rows
from analysis.load.mapping import TableSpec
from analysis.load.measure_blocks import find_measure_blocks, measure_blocks_sheet
from analysis.load.measure_rows import dated_only, measure_rows_columns, widen_measure_rows
from analysis.load.register_notes import find_register, register_sheet
from analysis.load.roles import (
    BY_NAME,
    FRACTURES,
    sheet_role,
    sheet_timepoint,
    sheet_timepoints,
    title_line,
    title_role,
    with_role,
)
from analysis.load.transposed import find_transposed, reshaped_sheets, transposed_sheet
from analysis.load.visit_repeats import visits_by_date
from analysis.normalize.headers import header_unit
from analysis.spec import load_spec, normalize_text


@dataclass(frozen=True)
class TableLayout:
    """One table of a sheet and how it is read (``layout`` is ``None`` when it is not).

    ``timepoint`` is the time point the sheet's name gives its outcome columns that name
    none (a visit sheet); ``role`` is ``"fractures"`` for a sheet of new fractures.
    """

    sheet: RawSheet
    layout: SheetLayout | None
    timepoint: str | None = None
    role: str | None = None
    role_source: str = "the sheet's name"  # or "the table's title" above its header
    # a mapping file's ``fill``: fields the table leaves unwritten, one value on all its rows
    fill: tuple[tuple[str, object], ...] = ()
    timepoint_source: str = BY_NAME  # how the sheet's name gives its time point
    fill_source: str = "a volume column's header"  # where ``fill`` was read

    @property
    def shape(self) -> str | None:
        """How a reshaped table was found (a transposed sheet, patient cards, a case
        log's blocks), or ``None`` for a table read as it stands."""
        origin = self.sheet.origin
        return origin.how if origin is not None else None

    @property
    def note(self) -> str:
        """How the table is read, in a few words."""
        if self.layout is None and self.role == INDEX:
            return "a list of the patient cards (study IDs, names, dates): read from the cards"
        if self.layout is None:
            return "no header with a study ID column"
        parts = [self.shape] if self.shape else ["header found"]
        if self.sheet.format_note:
            parts.append(self.sheet.format_note)
        if self.timepoint:
            parts.append(f"visit at {self.timepoint} (from {self.timepoint_source})")
        if self.role:
            parts.append(f"{self.role} (from {self.role_source})")
        parts += [f"{column.replace('_', ' ')} {value} from {self.fill_source}" for column, value in self.fill]  # fmt: skip
        rows = measure_rows_columns(self.sheet)
        kinds = item_kinds_column(self.sheet)
        if kinds is not None:
            parts.append(
                f"one item per row: column {kinds} says what each row records, read from its "
                f"codes and descriptions; values in column {rows[1] if rows else '?'}, read as "
                "one column per thing recorded"
            )
        elif rows is not None:
            parts.append(
                f"one measurement per row: the measure named in column {rows[0]}, its value "
                f"in column {rows[1]}, read as one column per measure"
            )
            if not self.timepoint and dated_only(self.layout.columns):
                parts.append("time points from the visit dates (vocabulary: timepoints.by_day)")
        elif not self.timepoint and visits_by_date(self.sheet, self.layout):
            parts.append("one row per visit: time points from the visit dates (vocabulary: timepoints.by_day)")  # fmt: skip
        return "; ".join(parts)


def read_layouts(sheets: Iterable[RawSheet], options: LoadOptions) -> list[TableLayout]:
    """Every table of every sheet (several tables on one sheet read apart), read; the
    tables a mapping file lays out are taken as written."""
    mapping = dict(options.mapping)
    written: dict[str, list[TableSpec]] = {}
    # a reshaped table's specs are found by the table's name once its sheet is reshaped
    shaped: dict[str, list[TableSpec]] = {}
    for spec in options.tables:
        (shaped if spec.shape else written).setdefault(spec.sheet, []).append(spec)
    out: list[TableLayout] = []
    unread: list[RawSheet] = []
    # item codes a code list names: read by their names (not under a mapping's shape: none)
    sheets = with_item_codes(list(sheets), frozenset(s.sheet for s in options.tables if s.shape == NO_SHAPE))  # fmt: skip
    named = sheet_timepoints([s.sheet for s in sheets if s.origin is None])
    for sheet in sheets:
        if options.sheets and sheet.sheet not in options.sheets:
            continue
        sheet = with_joined_dates(sheet)  # a date written as day | month | year: one date
        sheet = with_format_legend(sheet, options, mapping)  # values kept in cell formats
        spans = _side_by_side_written(sheet.sheet, shaped)
        beside: list[RawSheet] = []
        if spans:  # the tables a mapping file lays out side by side on this sheet
            sheet, *beside = split_columns(sheet, spans)
        out += _sheet_tables(sheet, mapping, options, written, shaped, named, unread)
        # read after the sheet's own table, as recognition reads them
        out += [t for b in beside for t in _tables(b, mapping, options, shaped)]
    tables = _with_cards(out, unread, mapping, options, shaped)
    tables = with_workbook_death_remarks(with_named_calendar(tables))
    return tables if options.date_order else with_workbook_order(tables)


def _sheet_tables(
    sheet: RawSheet,
    mapping: dict[str, object],
    options: LoadOptions,
    written: dict[str, list[TableSpec]],
    shaped: dict[str, list[TableSpec]],
    named: dict[str, tuple[str, str]],
    unread: list[RawSheet],
) -> list[TableLayout]:
    """One sheet's tables: as a mapping file writes them, or as recognition reads the
    sheet (reshaped when it is no plain table); a sheet no table is read from is added to
    ``unread``."""
    if sheet.sheet in written:
        return _as_written(_widened_as_written(sheet, written[sheet.sheet]), written[sheet.sheet])
    plain = [s for s in shaped.get(sheet.sheet, []) if s.shape == NO_SHAPE]
    if plain:
        return _plain(sheet, plain, mapping, options)
    forced = _transposed_as_written(sheet, shaped.get(sheet.sheet, []), mapping)
    if forced is not None:
        return forced
    regrouped = _rows_regrouped(sheet)
    if regrouped is not None:
        return _tables(regrouped, mapping, options, shaped)
    tables = _tables(sheet, mapping, options, shaped if sheet.origin is not None else None, named=named)  # fmt: skip
    if any(t.layout is not None for t in tables):
        return tables
    reshaped = reshaped_sheets(sheet, mapping)
    if reshaped is None:
        unread.append(sheet)
        return tables
    return [t for r in reshaped for t in _tables(r, mapping, options, shaped)]


def _rows_regrouped(sheet: RawSheet) -> RawSheet | None:
    """The sheet read in the shape its rows are grouped in, if any: one row per field
    read as one row per encounter; a ward register with its notes read apart; a block of
    measure rows per record as one row per record; visit rows under a heading row per
    patient as one row per visit."""
    found = find_field_rows(sheet)
    if found is not None:
        return field_rows_sheet(sheet, found)
    register = find_register(sheet)
    if register is not None:
        return register_sheet(sheet, register)
    blocks = find_measure_blocks(sheet)
    if blocks is not None:
        return measure_blocks_sheet(sheet, blocks)
    headed = find_heading_rows(sheet)
    return heading_rows_sheet(sheet, headed) if headed is not None else None


def _widened_as_written(sheet: RawSheet, specs: list[TableSpec]) -> RawSheet:
    """A sheet a mapping file reads as one item or one measurement per row, so widened."""
    given = next((s.measure_rows for s in specs if s.measure_rows), None)
    kinds = next((s.item_kinds for s in specs if s.item_kinds), None)
    if kinds is not None:
        return widen_item_rows(sheet, kinds) or sheet
    if given is not None:
        return widen_measure_rows(sheet, given) or sheet
    return sheet


def _side_by_side_written(name: str, shaped: dict[str, list[TableSpec]]) -> list[tuple[int, int]]:
    """The column spans of the side-by-side tables a mapping file names on sheet
    ``name`` (``Registry (columns P-V)``)."""
    spans = []
    for table, specs in shaped.items():
        found = columns_of(table)
        if found is not None and found[0] == name and any(s.shape == SIDE_BY_SIDE for s in specs):
            spans.append(found[1])
    return sorted(spans)


NO_SHAPE = "none"  # a mapping file's ``shape: none``: the sheet read as the table it is


def _plain(
    sheet: RawSheet, specs: list[TableSpec], mapping: dict[str, object], options: LoadOptions
) -> list[TableLayout]:
    """A sheet a mapping file names with ``shape: none``: read as the plain table it is,
    neither transposed, nor read as patient cards or a case log, nor widened from one
    measurement per row; its columns as written when the file gives them."""
    if any(s.columns for s in specs):
        return _as_written(sheet, specs)
    return _tables(sheet, mapping, options, widen=False)


def _transposed_as_written(
    sheet: RawSheet, specs: list[TableSpec], mapping: dict[str, object]
) -> list[TableLayout] | None:
    """A sheet a mapping file names with ``shape: transposed``: read as if transposed
    (its study IDs the first row of code-like values beside a label) and its columns as
    written; ``None`` when the file says nothing of it or no such row is found."""
    kept = [s for s in specs if s.shape == "transposed"]
    shape = find_transposed(sheet, mapping, 1, any_label=True) if kept else None
    return None if shape is None else _as_written(transposed_sheet(sheet, shape), kept)


def _tables(
    sheet: RawSheet,
    mapping: dict[str, object],
    options: LoadOptions,
    shaped: dict[str, list[TableSpec]] | None = None,
    widen: bool = True,
    named: dict[str, tuple[str, str]] | None = None,
) -> list[TableLayout]:
    """The sheet's tables as recognition reads them (a reshaped sheet: one table, or as
    the mapping file writes it); ``widen=False`` leaves one measurement per row as it is;
    ``named`` holds the time points the workbook's sheet names give (by default, the
    sheet's own name alone)."""
    if shaped and sheet.origin is not None and sheet.sheet in shaped:
        return _as_written(sheet, shaped[sheet.sheet])
    if sheet.origin is not None:
        named = {}
    elif named is None:
        named = sheet_timepoints([sheet.sheet])
    timepoint, timepoint_source = named.get(sheet.sheet, (None, BY_NAME))
    named_role = sheet_role(sheet.sheet)
    if widen:
        # one item per row (a kind column saying what), or one measurement per row
        sheet = widen_item_rows(sheet) or widen_measure_rows(sheet) or sheet
    out = []
    for k, block in enumerate(table_blocks(sheet, mapping)):
        logged = named_role is None and logs_new_fractures(block)
        role = FRACTURES if logged else named_role
        if k and role is None and block.header_row in sheet.ruled_headers:
            # a text report's section: its title says what it holds before it is read
            role = _title_role(sheet, block.header_row)
        point, point_source = _block_timepoint(sheet, block, timepoint, timepoint_source)
        layout = detect_layout(block, mapping, options, point, role)
        layout = with_format_reasons(layout, block) if layout is not None else None
        # a second table's title line says what it holds ("... new fractures ...")
        # (a title naming repeat sessions, "2e geste (nouvelle fracture)", holds procedures)
        titled = _title_role(sheet, layout.header_row) if layout and k and not role else None
        if layout is not None:
            layout = with_role(layout, role or titled, point, block)
        if (
            layout is not None
        ):  # a sheet named "2ème intervention", a second table titled "Repeat procedures"
            title, by = (title_line(sheet, layout.header_row), "the table's title") if k else (sheet.sheet, "the sheet's name")  # fmt: skip
            columns = repeat_session_visits(list(layout.columns), title, by) if point_source == BY_TITLE else list(layout.columns)  # fmt: skip
            layout = replace(layout, columns=tuple(repeat_sessions_table(columns, title, by)))
        source = "the table's title" if titled else _LOGGED if logged else "the sheet's name"
        fill = cement_in_header(layout) if layout is not None else ()
        fill_source = _HEADER_FILL
        if layout is not None and not fill:
            fill = cement_in_notes(layout, block)
            fill_source = _NOTE_FILL if block.origin is None else _SHEET_NOTE_FILL
        out.append(TableLayout(block, layout, point, role or titled, source, fill, point_source, fill_source))  # fmt: skip
    return out


BY_TITLE = "the table's title"


def _title_role(sheet: RawSheet, header_row: int) -> str | None:
    """The role a lower table's title gives it; none when the title names repeat sessions
    (their procedures, whatever the reason it gives in brackets)."""
    title = title_line(sheet, header_row)
    return None if title is None or names_repeat_sessions(title) else title_role(sheet, header_row)


def _block_timepoint(
    sheet: RawSheet, block: RawSheet, timepoint: str | None, source: str
) -> tuple[str | None, str]:
    """The time point of one table of a sheet: the sheet's name's, else the one the title
    line over a lower table's header names (``S6 – 6 semaines``, ``M3 – 3 mois``: one
    block per visit stacked down one sheet)."""
    if timepoint is not None or not block.header_row:
        return timepoint, source
    title = title_line(sheet, block.header_row)
    found = sheet_timepoint(title) if title is not None else None
    return (found, BY_TITLE) if found is not None else (timepoint, source)


_LOGGED = "its event column, naming only new fractures and deaths"
_VOLUMES = ("procedures.cement_volume_ml", "procedures.session_cement_volume_ml")


def cement_in_header(layout: SheetLayout) -> tuple[tuple[str, object], ...]:
    """The cement a volume column's header names (``Cement PMMA (ml)``), on a table
    with no column of cement types: the ``fill`` of that table's sessions. Only a
    cement's own name or brand counts, never the word "cement"."""
    if "procedures.cement_type" in _read(layout):
        return ()
    named = _cement_words()
    found = {
        named[w]
        for c in layout.columns
        if c.target is not None and c.target.label in _VOLUMES
        for w in normalize_text(_BRACKETED.sub(" ", c.header)).split()
        if w in named
    }
    return (("cement_type", found.pop()),) if len(found) == 1 else ()


_HEADER_FILL = "a volume column's header"
_NOTE_FILL = "a note above the table's header or below its rows"
_SHEET_NOTE_FILL = "a note line of the sheet, above or below its fields"


def cement_in_notes(layout: SheetLayout, sheet: RawSheet) -> tuple[tuple[str, object], ...]:
    """The cement the lines above a table's header name (``Ciment: Osteopal V (PMMA).``:
    its title and notes, each a line whose only filled cell is a text), on a table with a
    volume column and no column of cement types: the ``fill`` of that table's sessions.
    Only a cement's own name or brand counts (not "other"); notes naming two cements
    name none. A reshaped sheet reads its original sheet's note lines, above or below
    its fields."""
    read = _read(layout)
    if "procedures.cement_type" in read or not (read & set(_VOLUMES) or _levels_with_volumes(layout)):  # fmt: skip
        return ()
    named = _cement_words()
    found = set()
    for line in _note_lines(layout, sheet):
        words = normalize_text(line).split()
        found |= {named[w] for w in words if w in named and named[w] != "other"}
    return (("cement_type", found.pop()),) if len(found) == 1 else ()


def _levels_with_volumes(layout: SheetLayout) -> bool:
    """Whether a levels' column's header gives a volume's unit (``Niveaux = ciment (ml)``
    over ``D12=3,5 ; L1=4``): its cells carry each vertebra's cement, as a volume column's."""
    return any(
        c.target is not None
        and c.target.label == "procedures.level"
        and header_unit(c.header) == "volume_ml"
        for c in layout.columns
    )


def _note_lines(layout: SheetLayout, sheet: RawSheet) -> list[str]:
    """The note lines of a table: each line above its header, or below its last row of
    data, whose only filled cell is a text; or a reshaped sheet's original note lines."""
    if sheet.origin is not None:
        return list(sheet.origin.notes)
    filled = [[c for c in row if c is not None and str(c).strip()] for row in sheet.rows]
    last = max((k for k, cells in enumerate(filled) if len(cells) > 1), default=0)
    rows = [*filled[: max(layout.header_row - 1, 0)], *filled[last + 1 :]]
    return [cells[0] for cells in rows if len(cells) == 1 and isinstance(cells[0], str)]


def _read(layout: SheetLayout) -> set[str]:
    return {c.target.label for c in layout.columns if c.target is not None}


def _cement_words() -> dict[str, str]:
    """Each cement's name and spellings (normalised), with the cement they name."""
    column = load_spec().column("procedures", "cement_type")
    return {normalize_text(w): kind for kind, words in column.values.items() for w in (kind, *words)}  # fmt: skip


_BRACKETED = re.compile(r"[(\[（][^)\]）]*[)\]）]")


def _with_cards(
    tables: list[TableLayout],
    unread: list[RawSheet],
    mapping: dict[str, object],
    options: LoadOptions,
    shaped: dict[str, list[TableSpec]],
) -> list[TableLayout]:
    """The tables, with the unread sheets that are patient cards (one patient per sheet,
    or one per block of a case log) read as the tables their cards make up."""
    cards = card_sheets(unread, mapping)
    if not cards.tables:
        return tables
    read = set(cards.sheets)
    from_cards = [t for r in cards.tables for t in _tables(r, mapping, options, shaped)]
    on_cards = {label for t in from_cards if t.layout is not None for label in _read(t.layout)}
    kept = [
        _index_of_cards(t, cards.patient_ids, on_cards)
        for t in tables
        if not (t.layout is None and t.sheet.sheet in read)
    ]
    return kept + from_cards


INDEX = "index of the patient cards"
# what a list of the patient cards may hold beside the study ID: names, numbers, a date
_INDEX_FIELDS = frozenset({"patients.patient_id", "date:procedure_date", "procedures.is_repeat"})


def _index_of_cards(
    table: TableLayout, ids: frozenset[str], on_cards: frozenset[str] | set[str] = frozenset()
) -> TableLayout:
    """A table that only lists the cards' patients (their study IDs, identifiers, an
    operation date and fields the cards themselves hold, such as each patient's
    technique; every ID a card's) is the cards' index: not read, and said so. Its key is
    the column read as the study ID or, where none is, a column read as an identifier
    (``Ficha``, a word for a record) whose every value is a card's study ID."""
    layout = table.layout
    if layout is None or table.sheet.origin is not None:
        return table
    read = {
        c.target.label
        for c in layout.columns
        if c.target is not None and c.target.kind != "identifier"
    }
    read -= set(on_cards) - {"patients.patient_id"}
    if not read <= _INDEX_FIELDS | {"ignore:known"}:
        return table
    keys = [c for c in layout.columns if c.target is not None and c.target.label == "patients.patient_id"]  # fmt: skip
    if not keys:
        keys = [c for c in layout.columns if c.target is not None and c.target.kind == "identifier"]  # fmt: skip
    if not any(_lists(table.sheet, layout.header_row, key.index, ids) for key in keys):
        return table
    return TableLayout(table.sheet, None, table.timepoint, INDEX)


def _lists(sheet: RawSheet, header_row: int, index: int, ids: frozenset[str]) -> bool:
    """Whether a column under ``header_row`` lists study IDs, every one a card's."""
    values = [r[index - 1] for r in sheet.rows[header_row:] if index - 1 < len(r)]
    listed = {str(v).strip() for v in values if v is not None and str(v).strip()}
    return bool(listed) and listed <= ids


def _as_written(sheet: RawSheet, specs: list[TableSpec]) -> list[TableLayout]:
    """A sheet's tables as a mapping file lays them out: no recognition, every column
    read as written (a column the file does not list is not read)."""
    kept = sorted((s for s in specs if not s.skip), key=lambda s: s.header_row or 1)
    if not kept:
        return [TableLayout(sheet, None)]
    blocks = split_at(sheet, [s.header_row or 1 for s in kept])
    return [
        TableLayout(
            block,
            SheetLayout(spec.header_row or 1, spec.columns),
            spec.timepoint,
            spec.role,
            fill=spec.fill,
        )
        for spec, block in zip(kept, blocks, strict=True)
    ]
