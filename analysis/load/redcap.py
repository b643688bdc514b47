"""REDCap exports: the records CSV (raw codes) with its data dictionary CSV.

Rules, in order:

1. Dictionary. Coded choices (radio, dropdown) are decoded with the dictionary; a code
   the dictionary does not list is an error on its cell (set to missing). Fields flagged
   as identifiers are dropped. Record columns the dictionary does not describe are
   reported (a warning naming them; an error when most columns are unknown, as when the
   dictionary of another project was given). REDCap's own columns (event, repeat
   instrument and instance, data access group, ``<form>_complete``,
   ``<form>_timestamp``) are not data.
2. Checkboxes. The columns of one checkbox field (``leak___1``, ``leak___2`` ...) are
   combined into one ';'-separated cell of the choice labels ticked. A field whose boxes
   are all 0 on a form that was answered (another field of that instrument filled on the
   row, or the instrument marked complete) means "none" for a multi-choice column that
   has a "none" value (leakage) and "no" for a yes/no column; on a form not answered it
   is missing. When the field lists an explicit "none" choice, all boxes 0 stays missing.
   A box whose code is not among the field's choices is reported; its ticked cells are
   set to missing.
3. Events and instruments. The first field of the dictionary is the record ID: the
   study ID, whatever its name. Events give the time point of outcome fields that lack
   one (``1_month_arm_1`` is the 1-month visit); outcome values that neither their field
   nor their event place in time are not read and are reported, one warning per field
   and event. Repeating instruments whose fields are procedure or new-fracture fields
   give one procedure or new-fracture record per instance.
4. Follow-up. Last contact, death and vital status are read on whatever row holds them
   (an event, a repeating follow-up instrument, a baseline form): the patient's last
   follow-up is the latest follow-up date (or follow-up days) on any of their rows, and
   the patient died when any row says so; earlier contacts are not conflicts. Labels
   such as "Date of last contact" and "Last known alive" are read as the follow-up date,
   and a "Vital status" field with choices Alive / Dead as died.

The dictionary is read in :mod:`analysis.load.redcap_dictionary`, rules 1 and 2 are
applied in :mod:`analysis.load.redcap_decode`, rules 3 and 4 here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from analysis.config import LoadOptions
from analysis.io import RawSheet, read_csv_sheet
from analysis.load.header import SheetLayout, detect_layout
from analysis.load.records import RowContext, Staged, stage_sheet
from analysis.load.redcap_decode import SYSTEM, Decoder
from analysis.load.redcap_dictionary import Field, label_mapping, read_dictionary
from analysis.normalize import (
    CellError,
    Target,
    is_missing,
    match_header,
    parse_cell,
    parse_date_column,
)
from analysis.problems import InputFormatError, Problem, sheet_problem
from analysis.spec import ColumnSpec, load_spec, normalize_text

__all__ = ["Field", "read_dictionary", "stage_redcap"]

_EVENT_ARM = re.compile(r"_arm_\d+$")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _contexts(
    sheet: RawSheet, fields: dict[str, Field], mapping: dict[str, object]
) -> dict[int, RowContext]:
    header = [str(h) for h in sheet.rows[0]]
    pos = {h: i for i, h in enumerate(header)}
    timepoints = load_spec().column("assessments", "timepoint").value_lookup()
    form_kind: dict[str, str] = {}
    for name, f in fields.items():
        target = match_header(name, mapping)
        if target is None:
            continue
        if target.table == "procedures" or target.column == "procedure_date":
            form_kind.setdefault(f.form, "procedure")
        elif target.table == "fractures" or target.column == "fracture_date":
            form_kind.setdefault(f.form, "fracture")
    contexts = {}
    for r, row in enumerate(sheet.rows[1:], start=2):

        def cell(name: str, row: list[object] = row) -> str:
            i = pos.get(name)
            return "" if i is None or i >= len(row) or row[i] is None else str(row[i]).strip()

        event = normalize_text(_EVENT_ARM.sub("", cell("redcap_event_name")))
        instrument = cell("redcap_repeat_instrument")
        contexts[r] = RowContext(timepoint=timepoints.get(event), kind=form_kind.get(instrument))
    return contexts


Cell = tuple[int, int]  # (row index in the sheet, column index)


def _keep_latest(sheet: RawSheet, record_col: int, ranks: dict[Cell, object], into: int) -> None:
    """Per record, keep only the cell that ranks highest among ``ranks`` (rule 4: the
    parsed values of one kind, over all its columns), moved into column ``into`` (the
    first column of that kind) when that cell of its row is empty; the others are
    emptied. Cells that do not parse are not in ``ranks`` and stay, so that they are
    reported."""
    best: dict[str, tuple[object, Cell]] = {}
    for cell, value in sorted(ranks.items()):
        pid = " ".join(_text(sheet.rows[cell[0]][record_col]).split()).casefold()
        if pid not in best or value > best[pid][0]:  # type: ignore[operator]
            best[pid] = (value, cell)
    keep = {cell for _, cell in best.values()}
    for r, c in ranks:
        if (r, c) in keep and c != into and is_missing(sheet.rows[r][into]):
            sheet.rows[r][into] = sheet.rows[r][c]
            sheet.rows[r][c] = None
        elif (r, c) not in keep:
            sheet.rows[r][c] = None


def _latest_followup(sheet: RawSheet, targets: dict[int, Target], options: LoadOptions) -> set[int]:
    """Rule 4: one follow-up date, follow-up days and died value per record, whichever
    rows and columns hold them. Returns the columns emptied into the first column of
    their kind (a project may ask the same thing on two forms)."""
    record_col = next(
        (i for i, t in targets.items() if t.kind == "column" and t.column == "patient_id"), None
    )
    if record_col is None:
        return set()
    spec = load_spec()
    kinds: dict[str, dict[Cell, object]] = {}
    first: dict[str, int] = {}
    for i, t in sorted(targets.items()):
        cells = [row[i] if i < len(row) else None for row in sheet.rows[1:]]
        parsed: list[object | None]
        if t.kind == "date" and t.column == "followup_date":
            dates = parse_date_column(cells, options.date_order)
            parsed = [d if isinstance(d, date) else None for d in dates]
        elif t.kind == "column" and t.table == "patients" and t.column in ("followup_days", "died"):
            column = spec.column("patients", str(t.column))
            parsed = [None if is_missing(v) else _parsed(v, column) for v in cells]
        else:
            continue
        first.setdefault(t.label, i)
        ranks = kinds.setdefault(t.label, {})
        ranks.update({(r, i): v for r, v in enumerate(parsed, start=1) if v is not None})
    for label, ranks in kinds.items():
        _keep_latest(sheet, record_col, ranks, first[label])
    return {i for i, t in targets.items() if t.label in first and first[t.label] != i}


def _parsed(value: object, column: ColumnSpec) -> object | None:
    try:
        return parse_cell(value, column)
    except CellError:
        return None


def _untimed_outcomes(
    sheet: RawSheet, layout: SheetLayout, contexts: dict[int, RowContext]
) -> list[Problem]:
    """Outcome values that neither their field nor their event place in time: not read,
    and said so (one warning per field and event)."""
    header = [_text(h) for h in sheet.rows[0]]
    event_col = header.index("redcap_event_name") if "redcap_event_name" in header else None
    counts: dict[tuple[str, str], int] = {}
    for col in layout.columns:
        t = col.target
        if t is None or t.kind != "measure" or t.timepoint is not None:
            continue
        for r, row in enumerate(sheet.rows[1:], start=2):
            context = contexts.get(r)
            i = col.index - 1
            if (context and context.timepoint) or i >= len(row) or is_missing(row[i]):
                continue
            event = _text(row[event_col]) if event_col is not None else ""
            counts[(col.header, event)] = counts.get((col.header, event), 0) + 1
    return [
        sheet_problem(
            sheet.file,
            sheet.sheet,
            "no_timepoint",
            f"{n} value(s) of '{field}' "
            + (f"in event '{event}' " if event else "")
            + "are not read: neither the field nor the event names a time point. Name the "
            "event after its visit (e.g. '1_month_arm_1') or map the field with its time point",
            row=1,
            column=field,
        )
        for (field, event), n in sorted(counts.items())
    ]


def stage_redcap(records: Path, dictionary: Path, options: LoadOptions, out: Staged) -> None:
    """Stage a REDCap records export decoded with its data dictionary (rules above)."""
    fields = read_dictionary(dictionary)
    raw = read_csv_sheet(records)
    if not raw.rows:
        raise InputFormatError(f"{records.name}: empty REDCap export")
    mapping = label_mapping(fields)
    for key in SYSTEM:
        mapping[key] = "ignore"
    mapping.update({str(k): v for k, v in options.mapping.items()})
    decoder = Decoder(raw, fields, mapping, dictionary.name)
    sheet = decoder.decode()
    layout = detect_layout(sheet, mapping, options)
    if layout is None:
        raise InputFormatError(
            f"{records.name}: no study ID column recognised in the REDCap export"
        )
    targets = {c.index - 1: c.target for c in layout.columns if c.target is not None}
    merged = _latest_followup(sheet, targets, options)
    ignore = Target("ignore", column="merged")
    layout = replace(
        layout,
        columns=tuple(
            replace(c, target=ignore) if c.index - 1 in merged else c for c in layout.columns
        ),
    )
    out.problems.extend(decoder.problems)
    contexts = _contexts(sheet, fields, mapping)
    out.problems.extend(_untimed_outcomes(sheet, layout, contexts))
    stage_sheet(sheet, layout, options, out, contexts)
    out.problems[:] = [
        p for p in out.problems if not (p.rule == "unrecognised_column" and p.column == "")
    ]
