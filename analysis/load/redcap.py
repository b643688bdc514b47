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
   one (``1_month_arm_1`` is the 1-month visit; ``seg_1m_p2_arm_1`` by the first words
   of its name that name one, as an event label's); outcome values that neither their field
   nor their event place in time are not read and are reported, one warning per field
   and event. Repeating instruments whose fields are procedure or new-fracture fields
   give one procedure or new-fracture record per instance. Inspect lists each event with
   the time point it names.
4. Follow-up. Last contact, death and vital status are read on whatever row holds them
   (an event, a repeating follow-up instrument, a baseline form): the patient's last
   follow-up is the latest follow-up date (or follow-up days) on any of their rows, and
   the patient died when any row says so; earlier contacts are not conflicts. Labels
   such as "Date of last contact" and "Last known alive" are read as the follow-up date,
   and a "Vital status" field with choices Alive / Dead as died.

The dictionary is read in :mod:`analysis.load.redcap_dictionary`, rules 1 and 2 are
applied in :mod:`analysis.load.redcap_decode`, rules 3 and 4 here. Decoding, contexts and
the latest follow-up are worked out column by column (each distinct code, event and
instrument once); ``LoadOptions(row_by_row=True)`` takes the row-by-row reading they
replaced (:mod:`analysis.load.redcap_rows`), against which they are tested. An export
read without its dictionary is prepared in :mod:`analysis.load.redcap_labels`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import LoadOptions
from analysis.io import RawSheet, read_csv_sheet
from analysis.load.header import SheetLayout, detect_layout
from analysis.load.records import RowContext, Staged, stage_sheet
from analysis.load.redcap_decode import (
    SYSTEM,
    Decoder,
    event_timepoint,
    followup_kind,
    followup_values,
    form_kinds,
    record_column,
)
from analysis.load.redcap_dictionary import Field, label_mapping, read_dictionary
from analysis.load.redcap_events import (
    apply_events,
    at_their_cells,
    procedure_events,
    row_timepoint,
)
from analysis.load.redcap_rows import RowDecoder, row_contexts, row_latest_followup
from analysis.normalize import (
    Target,
    is_missing,
)
from analysis.problems import InputFormatError, Problem, sheet_problem
from analysis.spec import load_spec

__all__ = [
    "Field",
    "dictionary_reading",
    "events_said",
    "read_dictionary",
    "redcap_pair",
    "stage_redcap",
]


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _contexts(
    sheet: RawSheet, fields: dict[str, Field], mapping: dict[str, object]
) -> dict[int, RowContext]:
    """Each row's time point (its event's) and kind (its repeating instrument's), worked
    out once per distinct event and instrument."""
    header = [str(h) for h in sheet.rows[0]]
    pos = {h: i for i, h in enumerate(header)}
    timepoints = load_spec().column("assessments", "timepoint").value_lookup()
    form_kind = form_kinds(fields, mapping)
    event_col, instrument_col = pos.get("redcap_event_name"), pos.get("redcap_repeat_instrument")

    def cell(row: list[object], i: int | None) -> object:
        return None if i is None or i >= len(row) else row[i]

    held = procedure_events(sheet, fields, mapping)
    known: dict[tuple[object, object], RowContext] = {}
    contexts = {}
    for r, row in enumerate(sheet.rows[1:], start=2):
        key = (cell(row, event_col), cell(row, instrument_col))
        context = known.get(key)
        if context is None:
            event = row_timepoint(_text(key[0]), _text(key[1]), timepoints, held)
            context = RowContext(timepoint=event, kind=form_kind.get(_text(key[1])))
            known[key] = context
        contexts[r] = context
    return contexts


def _latest_followup(sheet: RawSheet, targets: dict[int, Target], options: LoadOptions) -> set[int]:
    """Rule 4: one follow-up date, follow-up days and died value per record, whichever
    rows and columns hold them. Returns the columns emptied into the first column of
    their kind (a project may ask the same thing on two forms)."""
    record_col = record_column(targets)
    if record_col is None:
        return set()
    kinds: dict[str, list[tuple[int, list[object]]]] = {}
    for i, t in sorted(targets.items()):
        if followup_kind(t):
            cells = [row[i] if i < len(row) else None for row in sheet.rows[1:]]
            kinds.setdefault(t.label, []).append((i, followup_values(cells, t, options)))
    for columns in kinds.values():
        _keep_latest(sheet, record_col, columns)
    first = {label: columns[0][0] for label, columns in kinds.items()}
    return {i for i, t in targets.items() if t.label in first and first[t.label] != i}


def _keep_latest(sheet: RawSheet, record_col: int, columns: list[tuple[int, list[object]]]) -> None:
    """Per record, keep only the cell that ranks highest among the parsed values of one
    kind over all its ``columns`` (the first highest in row, then column order), moved
    into the first column when that cell of its row is empty or is emptied here; the
    others are emptied. Cells that do not parse stay, so that they are reported."""
    into = columns[0][0]
    r_at, c_at, ranks = [], [], []
    for c, parsed in columns:
        for r, v in enumerate(parsed, start=1):
            if v is not None:
                r_at.append(r)
                c_at.append(c)
                ranks.append(v.toordinal() if isinstance(v, date) else float(v))  # type: ignore[arg-type]
    if not r_at:
        return
    rows = sheet.rows
    pids = [" ".join(_text(rows[r][record_col]).split()).casefold() for r in r_at]
    frame = pd.DataFrame({"r": r_at, "c": c_at, "rank": ranks, "pid": pids})
    frame = frame.sort_values(["r", "c"], kind="mergesort", ignore_index=True)
    best = frame.groupby("pid", sort=False)["rank"].idxmax().to_numpy()
    kept = np.zeros(len(frame), dtype=bool)
    kept[best] = True
    r_all, c_all = frame["r"].to_numpy(), frame["c"].to_numpy()
    for r, c in zip(r_all[~kept], c_all[~kept], strict=True):
        rows[r][c] = None
    for r, c in zip(r_all[kept], c_all[kept], strict=True):
        if c != into and is_missing(rows[r][into]):
            rows[r][into] = rows[r][c]
            rows[r][c] = None


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


_VISIT_DATE = Target("date", column="visit_date")


def _dates_by_form(layout: SheetLayout, fields: dict[str, Field]) -> SheetLayout:
    """A date field read as the procedure's by its words or cells alone is the date of
    what its form records: a visit's on a form of outcomes without levels (a repeating
    visit instrument), not read on a form with neither (an enrolment date), the
    procedure's on the form of the treated levels."""
    forms: dict[str, set[str]] = {}
    for c in layout.columns:
        f = fields.get(c.header)
        if f is not None and c.target is not None:
            forms.setdefault(f.form, set()).add(c.target.kind if c.target.kind == "measure" else c.target.label)  # fmt: skip
    columns = []
    for c in layout.columns:
        f = fields.get(c.header)
        held = forms.get(f.form, set()) if f is not None else set()
        guessed = c.reason not in ("header", "mapping file")
        if c.target is not None and c.target.label == "date:procedure_date" and guessed and "procedures.level" not in held:  # fmt: skip
            if "measure" in held:
                c = replace(c, target=_VISIT_DATE, reason=f"{c.reason}; a date on a form of outcomes")  # fmt: skip
            else:
                c = replace(c, target=None, reason="a date on a form of neither levels nor outcomes")  # fmt: skip
        columns.append(c)
    return replace(layout, columns=tuple(columns))


def redcap_pair(directory: Path) -> tuple[Path, Path] | None:
    """The records CSV and the data dictionary CSV of a directory holding a REDCap export
    (one CSV whose name says "dictionary" and one other), else ``None``."""
    csvs = sorted(directory.glob("*.csv"))
    dictionary = next((p for p in csvs if "dictionary" in p.name.lower()), None)
    records = [p for p in csvs if p != dictionary]
    if dictionary and len(records) == 1:
        return records[0], dictionary
    return None


def _read_pair(
    records: Path, dictionary: Path, options: LoadOptions
) -> tuple[RawSheet, dict[str, Field], dict[str, object]]:
    fields = read_dictionary(dictionary)
    raw = read_csv_sheet(records)
    if not raw.rows:
        raise InputFormatError(f"{records.name}: empty REDCap export")
    mapping = label_mapping(fields)
    for key in SYSTEM:
        mapping[key] = "ignore"
    mapping.update({str(k): v for k, v in options.mapping.items()})
    return raw, fields, mapping


def _with_events(
    export: tuple[RawSheet, dict[str, Field], dict[str, object]],
) -> tuple[
    tuple[RawSheet, dict[str, Field], dict[str, object]], list[str], dict[tuple[int, int], int]
]:
    """The export with its events read (:mod:`analysis.load.redcap_events`): an event's
    procedure form on its vertebra rows, the session of each row when several events
    hold procedures; what was done, in words, and the cells moved."""
    raw, fields, mapping = export
    names = [_text(h) for h in raw.row(0)]
    rows = [raw.row(i) for i in range(1, raw.n_rows)]
    fields = dict(fields)
    said, moved = apply_events(names, rows, fields, mapping)
    header: list[object] = list(names)
    staged = replace(raw, rows=[header, *rows]) if said else raw
    return (staged, fields, mapping), said, moved


def stage_redcap(records: Path, dictionary: Path, options: LoadOptions, out: Staged) -> None:
    """Stage a REDCap records export decoded with its data dictionary (rules above);
    ``options.row_by_row`` decodes it row by row (:mod:`analysis.load.redcap_rows`)."""
    (raw, fields, mapping), _, moved = _with_events(_read_pair(records, dictionary, options))
    start = len(out.problems)
    stage_decoded(raw, fields, mapping, dictionary.name, options, out)
    out.problems[start:] = at_their_cells(out.problems[start:], raw, moved)


def events_said(sheet: RawSheet, held: Collection[str] = ()) -> str:
    """The time point each event of a records sheet names (rule 3), in words, for
    inspect: ``events read as time points: '1_month_arm_1' 1m; events naming no time
    point: 'baseline_arm_1'``; an event naming none that holds a procedure (among
    ``held``) is said to be read as pre-operative."""
    header = [_text(h) for h in sheet.rows[0]] if sheet.rows else []
    if "redcap_event_name" not in header:
        return ""
    i = header.index("redcap_event_name")
    timepoints = load_spec().column("assessments", "timepoint").value_lookup()
    events = dict.fromkeys(_text(r[i]) for r in sheet.rows[1:] if i < len(r) and _text(r[i]))
    named = {e: row_timepoint(e, "", timepoints, held) for e in events}
    said = [
        f"'{e}' {tp}"
        + (" (it holds a procedure)" if event_timepoint(e, timepoints) is None else "")
        for e, tp in named.items()
        if tp
    ]
    none = [f"'{e}'" for e, tp in named.items() if not tp]
    parts = [f"events read as time points: {', '.join(said)}"] if said else []
    if none:
        parts.append(f"events naming no time point: {', '.join(none)}")
    return "; ".join(parts)


def dictionary_reading(
    records: Path, dictionary: Path, options: LoadOptions
) -> tuple[RawSheet, SheetLayout, str]:
    """A REDCap export with its data dictionary as it is loaded: the decoded sheet, its
    layout and what was done, in words (for :func:`analysis.load.inspect_input`); an
    export that cannot be loaded raises as its load does."""
    export, done, _ = _with_events(_read_pair(records, dictionary, options))
    decoder, sheet, layout = _decoded(export, dictionary.name, options)
    said = [f"read as a REDCap export decoded with its data dictionary '{dictionary.name}'"]
    if decoder.scores:
        shown = ", ".join(f"'{n}'" for n in sorted(decoder.scores))
        said.append(f"the coded score field(s) {shown} read by their codes, their labels in words")  # fmt: skip
    said += done
    held = procedure_events(sheet, *export[1:])
    said += [e for e in (events_said(sheet, held),) if e]
    return sheet, layout, "; ".join(said)


def _decoded(
    export: tuple[RawSheet, dict[str, Field], dict[str, object]],
    dictionary_name: str,
    options: LoadOptions,
) -> tuple[Decoder | RowDecoder, RawSheet, SheetLayout]:
    """The records sheet decoded with its fields and mapping (rules 1 and 2), its layout,
    the latest follow-up kept (rule 4)."""
    raw, fields, mapping = export
    rows = options.row_by_row
    decoder = (RowDecoder if rows else Decoder)(raw, fields, mapping, dictionary_name)
    sheet = decoder.decode()
    layout = detect_layout(sheet, mapping, options)
    if layout is None:
        raise InputFormatError(f"{raw.file}: no study ID column recognised in the REDCap export")
    layout = _dates_by_form(layout, fields)
    targets = {c.index - 1: c.target for c in layout.columns if c.target is not None}
    merged = (row_latest_followup if rows else _latest_followup)(sheet, targets, options)
    ignore = Target("ignore", column="merged")
    layout = replace(
        layout,
        columns=tuple(
            replace(c, target=ignore) if c.index - 1 in merged else c for c in layout.columns
        ),
    )
    return decoder, sheet, layout


def stage_decoded(
    raw: RawSheet,
    fields: dict[str, Field],
    mapping: dict[str, object],
    dictionary_name: str,
    options: LoadOptions,
    out: Staged,
) -> None:
    """Stage a records sheet with the fields that describe it (rules above)."""
    rows = options.row_by_row
    decoder, sheet, layout = _decoded((raw, fields, mapping), dictionary_name, options)
    out.problems.extend(decoder.problems)
    contexts = (row_contexts if rows else _contexts)(sheet, fields, mapping)
    out.problems.extend(_untimed_outcomes(sheet, layout, contexts))
    stage_sheet(sheet, layout, options, out, contexts)
    out.problems[:] = [
        p for p in out.problems if not (p.rule == "unrecognised_column" and p.column == "")
    ]
