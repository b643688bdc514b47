"""From the rows of a clinician's sheet to staged tidy records.

Each data row is parsed cell by cell against its column's declared type; every bad
cell becomes a :class:`~analysis.problems.Problem` naming its sheet, row and column.
A row may yield a patient record, one procedure record per treated vertebra, one
assessment per outcome cell and one fracture record per new fractured vertebra. Dates
stay here only until they become day offsets in :mod:`analysis.load.assemble`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.checks import (
    cell_warnings,
    distinct_headers,
    history_warnings,
    is_record_number,
    known_levels,
    merged_data_cells,
    record_number_ids,
    strip_control,
)
from analysis.load.header import HeaderColumn, SheetLayout, user_value
from analysis.normalize import (
    CellError,
    approximate,
    is_declared_spelling,
    is_missing,
    parse_cell,
    parse_date_column,
    parse_score,
    pseudonym,
)
from analysis.problems import WARNING, Problem, Source, column_named, sheet_problem
from analysis.spec import load_spec

if TYPE_CHECKING:
    from analysis.load.tidy import TidySheet

Record = dict[str, Any]


@dataclass
class Staged:
    """Records of all tables before assembly, each carrying its source row in ``_src``."""

    patients: list[Record] = field(default_factory=list)
    procedures: list[Record] = field(default_factory=list)
    assessments: list[Record] = field(default_factory=list)
    fractures: list[Record] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # patient and table of every row whose patient is known, even if the row failed
    row_owner: dict[Source, tuple[str, str]] = field(default_factory=dict)
    # folded study ID -> the spelling kept, and the spellings merged into it
    id_spellings: dict[str, str] = field(default_factory=dict)
    merged_ids: dict[str, set[str]] = field(default_factory=dict)
    # tidy tables read column by column; their rows join the lists above only when
    # they need the row-by-row rules (analysis.load.columnar)
    tidy: list[TidySheet] = field(default_factory=list)

    def study_id(self, raw: str, fold: bool) -> str:
        """The patient key for a study ID as typed: trimmed, inner spaces collapsed and,
        when ``fold``, one key for spellings that differ only in case (first seen wins)."""
        text = " ".join(raw.split())
        if not fold:
            return text
        kept = self.id_spellings.setdefault(text.casefold(), text)
        if kept != raw:
            self.merged_ids.setdefault(kept, set()).add(raw)
        return kept


@dataclass(frozen=True)
class RowContext:
    """Extra facts about a row that its cells do not carry (REDCap events and instruments)."""

    timepoint: str | None = None
    kind: str | None = None  # "procedure", "fracture" or None for a base row


# Cells that place a row: a bad one means the row cannot be loaded at all.
KEY_COLUMNS = frozenset(
    {
        "patients.patient_id",
        "procedures.level",
        "procedures.procedure_id",
        "procedures.day",
        "fractures.level",
        "fractures.day",
        "date:procedure_date",
        "date:fracture_date",
    }
)


def _part_key(name: str, part: int) -> str:
    return name if part == 1 else f"{name}@{part}"


def _row_cells(sheet: RawSheet, row: int) -> list[object]:
    return sheet.rows[row - 1] if row - 1 < sheet.n_rows else []


def _is_blank(cells: list[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _cell(cells: list[object], col: HeaderColumn) -> object:
    return cells[col.index - 1] if col.index - 1 < len(cells) else None


class _RowParser:
    """Parses one sheet; keeps per-sheet state (date columns, duplicate detection)."""

    def __init__(self, sheet: RawSheet, layout: SheetLayout, options: LoadOptions, out: Staged):
        self.sheet, self.layout, self.options, self.out = sheet, layout, options, out
        self.spec = load_spec()
        self.data_rows = [
            r
            for r in range(layout.first_data_row, sheet.n_rows + 1)
            if not _is_blank(_row_cells(sheet, r))
        ]
        self.dates: dict[int, dict[int, date | CellError | None]] = {}
        for col in layout.columns:
            if col.target is not None and col.target.kind == "date":
                values = [_cell(_row_cells(sheet, r), col) for r in self.data_rows]
                parsed = parse_date_column(values, options.date_order)
                parsed = self._undecided_order(col, parsed)
                self.dates[col.index] = dict(zip(self.data_rows, parsed, strict=True))
        self.has_id = any(
            c.target is not None and c.target.column == "patient_id" for c in layout.columns
        )

    def _undecided_order(
        self, col: HeaderColumn, parsed: list[date | CellError | None]
    ) -> list[date | CellError | None]:
        """A column whose day/month order cannot be told is one column-level error (its
        dates are left missing), not one error per cell."""
        undecided = [p for p in parsed if isinstance(p, CellError) and p.rule == "date_order"]
        if not undecided:
            return parsed
        self.out.problems.append(
            sheet_problem(
                self.sheet.file,
                self.sheet.sheet,
                "date_order",
                f"{column_named(col.letter, col.header)}: {len(undecided)} dates could be day-first "
                "or month-first and the column does not tell; they are left missing. Set "
                "date_order (dmy or mdy) in the mapping file or give --date-order",
                row=self.layout.header_row,
                column=col.header,
                severity="error",
                action="dates left missing",
            )
        )
        return [None if isinstance(p, CellError) and p.rule == "date_order" else p for p in parsed]

    def problem(self, src: Source, col: HeaderColumn, value: object, exc: CellError) -> None:
        shown = None if value is None else value
        key = col.target is not None and col.target.label in KEY_COLUMNS
        self.out.problems.append(
            src.problem(
                exc.rule,
                exc.message,
                column=col.header,
                col_index=col.index,
                value=shown,
                key=key,
            )
        )

    def value(self, col: HeaderColumn, raw: object) -> object:
        """A cell after the user's value map and extra missing markers for its column."""
        return user_value(self.options, col.header, raw)

    def patient_key(self, src: Source, cells: list[object]) -> str | None:
        for col in self.layout.columns:
            t = col.target
            if t is not None and t.column == "patient_id" and t.kind == "column":
                v = _cell(cells, col)
                if is_missing(v):
                    return None
                raw = strip_control(str(parse_cell(v, self.spec.column("patients", "patient_id"))))
                secret = self.options.pseudonym_secret
                if secret and is_record_number(raw):
                    return pseudonym(raw, secret)  # a record number typed as the study ID
                return self.out.study_id(raw, self.options.fold_ids) or None
        for col in self.layout.columns:
            t = col.target
            if t is not None and t.kind == "identifier" and t.column == "mrn":
                v = _cell(cells, col)
                if is_missing(v):
                    return None
                if not self.options.pseudonym_secret:
                    raise ValueError(
                        "the sheet identifies patients only by record number: give a "
                        "pseudonym secret (--secret) so a keyed pseudonym replaces it"
                    )
                return pseudonym(v, self.options.pseudonym_secret)
        return None

    def parse_row(self, row: int, context: RowContext | None) -> None:
        src = Source(self.sheet.file, self.sheet.sheet, row)
        self.out.sources.append(src)
        cells = _row_cells(self.sheet, row)
        pid = self.patient_key(src, cells)
        if pid is None:
            self.out.problems.append(
                src.problem(
                    "patient_id", "row has no patient identifier (study ID); fill it in", key=True
                )
            )
            return
        self.out.row_owner[src] = (pid, "procedures")
        rec: dict[str, Record] = {"patients": {}, "procedures": {}, "fractures": {}}
        assessments: list[Record] = []
        dates: dict[str, date] = {}
        errors_before = len(self.out.problems)
        for col in self.layout.columns:
            cleaned, warnings = cell_warnings(src, col, self.value(col, _cell(cells, col)))
            if col.target is not None and col.target.label in _HISTORY:
                warnings += history_warnings(src, col.header, col.index, cleaned)
            self.out.problems.extend(warnings)
            value, approx = approximate(cleaned)
            if approx and not is_missing(value):
                self.out.problems.append(
                    src.problem(
                        "approximate",
                        f"approximate value read as {str(value).strip()}",
                        column=col.header,
                        col_index=col.index,
                        severity=WARNING,
                    )
                )
            self.parse_cell(src, col, value, rec, assessments, dates, context)
        level_failed = any(p.rule == "level" for p in self.out.problems[errors_before:])
        self.emit(src, pid, rec, assessments, dates, context, level_failed)

    def parse_cell(
        self,
        src: Source,
        col: HeaderColumn,
        value: object,
        rec: dict[str, Record],
        assessments: list[Record],
        dates: dict[str, date],
        context: RowContext | None,
    ) -> None:
        t = col.target
        if t is None or t.kind in ("identifier", "ignore"):
            return
        if t.kind == "date":
            parsed = self.dates[col.index][src.row]
            if isinstance(parsed, CellError):
                self.problem(src, col, value, parsed)
            elif parsed is not None:
                dates[_part_key(str(t.column), col.session)] = parsed
            return
        column = self.spec.column(str(t.table), str(t.column)) if t.kind == "column" else None
        if is_missing(value) and not (column and is_declared_spelling(value, column)):
            return
        if t.kind == "measure":
            timepoint = t.timepoint or (context.timepoint if context else None)
            if timepoint is None:
                return
            measure = self.spec.measures[str(t.measure)]
            scale = t.scale
            if scale is None and measure.name == "pain_vas":
                scale = self.options.pain_scale
            try:
                score = parse_score(value, measure, scale)
            except CellError as exc:
                self.problem(src, col, value, exc)
                return
            assessments.append(
                {
                    "timepoint": timepoint,
                    "measure": measure.name,
                    "value": score,
                    "_part": col.session,
                }
            )
            return
        table = str(t.table)
        if table == "procedures" and (col.session, col.slot) != (1, 0):
            table = f"procedures@{col.session}.{col.slot}"
        try:
            assert column is not None  # measures and dates returned above
            rec.setdefault(table, {})[str(t.column)] = parse_cell(value, column)
        except CellError as exc:
            self.problem(src, col, value, exc)

    def emit(
        self,
        src: Source,
        pid: str,
        rec: dict[str, Record],
        assessments: list[Record],
        dates: dict[str, date],
        context: RowContext | None,
        level_failed: bool,
    ) -> None:
        patient = {
            **rec["patients"],
            "patient_id": pid,
            "_src": src,
            "_row_date": dates.get("procedure_date"),
        }
        for kind in ("followup_date", "death_date"):
            if kind in dates:
                patient["_" + kind] = dates[kind]
        self.out.patients.append(patient)
        sessions: dict[int, object] = {}
        if context is None or context.kind != "fracture":
            for part in sorted({1} | {int(k[11:].split(".")[0]) for k in rec if "@" in k}):
                sessions[part] = self.emit_session(src, pid, part, rec, dates, level_failed)
        for a in assessments:
            part = a.pop("_part", 1)
            if sessions.get(part) is None and level_failed:
                continue  # the session's bad level is reported; its outcomes have no home
            self.out.assessments.append(
                {**a, "patient_id": pid, "_session": sessions.get(part), "_src": src}
            )
        self.emit_fractures(src, pid, rec["fractures"], dates)

    def emit_session(
        self,
        src: Source,
        pid: str,
        part: int,
        rec: dict[str, Record],
        dates: dict[str, date],
        level_failed: bool,
    ) -> object:
        """The vertebra rows of one session on this row (``part`` 2: a repeat session in
        columns of its own); returns the session key, or None when nothing was given."""
        base = dict(rec["procedures"] if part == 1 else rec.get(f"procedures@{part}.0", {}))
        when = dates.get(_part_key("procedure_date", part))
        prefix = f"procedures@{part}."
        numbered = [k for k in rec if k.startswith(prefix) and not k.endswith(".0")]
        slots = [dict(rec[k]) for k in sorted(numbered, key=lambda k: int(k.rsplit(".", 1)[-1]))]
        if not base and not slots and when is None:
            return None
        if "level" in base or not slots:
            slots.insert(0, {k: base.pop(k) for k in ("level", "cement_volume_ml") if k in base})
        if not any("level" in sl for sl in slots):
            if not level_failed:
                self.out.problems.append(
                    src.problem(
                        "level", "procedure without a treated level; fill in the level", key=True
                    )
                )
            return None
        session = base.get("procedure_id") or when or base.get("day")
        if session is None:
            session = f"row{src.row}" if part == 1 else f"row{src.row}-{part}"
        for sl in slots:
            levels = sl.pop("level", None)
            if levels is None:
                continue  # a numbered block left empty, or its level cell is reported
            proc = {**base, **sl}
            self._volume_basis(proc, levels)
            found, warnings = known_levels(src, levels, "treated vertebra")
            self.out.problems.extend(warnings)
            for level in found:
                self.out.procedures.append(
                    {
                        **proc,
                        "patient_id": pid,
                        "level": level,
                        "_session": session,
                        "_date": when,
                        "_src": src,
                    }
                )
        return session

    def _volume_basis(self, proc: Record, levels: tuple[str, ...]) -> None:
        """One volume on a row naming several levels is the session's total (unless the
        volume basis is declared per level): no vertebra is credited with it."""
        volume = proc.get("cement_volume_ml")
        if volume is None:
            return
        if len(levels) == 1:
            proc["session_cement_volume_ml"] = volume
        elif self.options.volume_basis == "session":
            proc["session_cement_volume_ml"] = volume
            proc["cement_volume_ml"] = None
        else:
            proc["session_cement_volume_ml"] = volume * len(levels)

    def emit_fractures(self, src: Source, pid: str, frac: Record, dates: dict[str, date]) -> None:
        levels = frac.pop("level", None)
        when = dates.get("fracture_date")
        if levels is None and when is None and "day" not in frac:
            return
        if levels is None:
            self.out.problems.append(
                src.problem(
                    "fracture", "new fracture date without its level; fill in the level", key=True
                )
            )
            return
        if when is None and "day" not in frac:
            self.out.problems.append(
                src.problem(
                    "fracture", "new fracture level without its date; fill in the date", key=True
                )
            )
            return
        found, warnings = known_levels(src, levels, "new fracture")
        self.out.problems.extend(warnings)
        for level in found:
            self.out.fractures.append(
                {**frac, "patient_id": pid, "level": level, "_date": when, "_src": src}
            )


def duplicate_rows(sheet: RawSheet, rows: list[int]) -> list[Problem]:
    """An error for every row that repeats an earlier row cell for cell."""
    seen: dict[tuple[str, ...], int] = {}
    problems = []
    for r in rows:
        key = tuple("" if c is None else str(c).strip() for c in _row_cells(sheet, r))
        if key in seen:
            src = Source(sheet.file, sheet.sheet, r)
            problems.append(
                src.problem(
                    "duplicate_row",
                    f"exact duplicate of row {seen[key]}; delete one copy",
                    key=True,
                )
            )
        else:
            seen[key] = r
    return problems


_HISTORY = frozenset({"patients.prior_treated_levels", "patients.prior_known_levels"})
_REPORTED_ALREADY = ("values contradict header", "duplicate header")


def stage_sheet(
    sheet: RawSheet,
    layout: SheetLayout,
    options: LoadOptions,
    out: Staged,
    contexts: dict[int, RowContext] | None = None,
) -> None:
    """Parse every data row of a wide sheet into ``out``."""
    record_number_ids(sheet, layout, options)
    layout, duplicated = distinct_headers(sheet, layout)
    parser = _RowParser(sheet, layout, options, out)
    out.problems.extend(layout.problems)
    out.problems.extend(duplicated)
    out.problems.extend(merged_data_cells(sheet, layout))
    for col in layout.columns:
        header = col.header
        if col.target is None and header and col.reason not in _REPORTED_ALREADY:
            out.problems.append(
                sheet_problem(
                    sheet.file,
                    sheet.sheet,
                    "unrecognised_column",
                    "column not recognised and ignored; map it in a mapping file if it is needed",
                    row=layout.header_row,
                    column=header,
                )
            )
        elif (
            col.target is not None
            and col.target.kind == "measure"
            and col.target.timepoint is None
            and not contexts
        ):
            out.problems.append(
                sheet_problem(
                    sheet.file,
                    sheet.sheet,
                    "no_timepoint",
                    "outcome column without a time point is ignored; name it e.g. 'VAS pre' or map it",
                    row=layout.header_row,
                    column=header,
                )
            )
    if not parser.data_rows:
        out.problems.append(
            sheet_problem(
                sheet.file,
                sheet.sheet,
                "no_data_rows",
                "the sheet has a header but no data rows below it",
                row=layout.header_row,
            )
        )
    duplicates = duplicate_rows(sheet, parser.data_rows)
    out.problems.extend(duplicates)
    skip = {p.row for p in duplicates}
    for row in parser.data_rows:
        if row in skip:  # reported; the first copy is the one loaded
            out.sources.append(Source(sheet.file, sheet.sheet, row))
            continue
        parser.parse_row(row, (contexts or {}).get(row))
