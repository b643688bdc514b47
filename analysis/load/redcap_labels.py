"""A REDCap records export read without its data dictionary.

A sheet is such an export when its header holds REDCap's own columns: the repeat
instrument (``redcap_repeat_instrument``, or ``Repeat Instrument`` when the export gives
field labels for field names), or the event together with a form status column
(``<form>_complete``, ``Complete?``). Its values may be raw codes or, as an export "with
labels" gives them, the choices' labels. Rules, in order:

1. The dictionary is inferred from the header. The first column is the record ID. A
   field belongs to the form whose status column is the first to its right (REDCap
   exports each form's fields followed by its status). A checkbox field is its box
   columns (``leak___2``, or ``Leakage (choice=Venous)`` in a label export), each box's
   code standing as its choice's label. Label headers of REDCap's own columns (``Event
   Name``, ``Repeat Instrument``, ``Repeat Instance``, ``Data Access Group``) are read as
   the raw ones. Fields are then read by their names as a dictionary's fields are
   (:func:`analysis.load.redcap_dictionary.label_mapping`).
2. Labels. Form statuses ``Incomplete`` / ``Unverified`` / ``Complete`` and boxes
   ``Checked`` / ``Unchecked`` are read as REDCap's codes (0 / 1 / 2 and 1 / 0); other
   labels are read as any cell of their column (``Masculin``, ``Da``).
3. Events: an event's procedure form read on its treated-vertebra rows, sessions by
   event, the scores on a procedure's event as its pre-operative ones
   (:mod:`analysis.load.redcap_events`, as with a dictionary).

Everything done is said in one warning on the sheet. The sheet is then read as an
export with its dictionary (:func:`analysis.load.redcap.stage_decoded`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.codebook import TICKED
from analysis.load.records import Staged
from analysis.load.redcap import events_said, stage_decoded
from analysis.load.redcap_decode import CHECKBOX, SYSTEM, Decoder
from analysis.load.redcap_dictionary import Field, label_mapping
from analysis.load.redcap_events import (
    SESSION_COLUMN,
    apply_events,
    at_their_cells,
    procedure_events,
)
from analysis.normalize import match_header
from analysis.problems import sheet_problem
from analysis.spec import normalize_text

__all__ = ["SESSION_COLUMN", "export_reading", "is_redcap_export", "stage_redcap_export"]

# REDCap's own columns as a label export heads them
_SYSTEM_LABELS = {
    "event name": "redcap_event_name",
    "repeat instrument": "redcap_repeat_instrument",
    "repeat instance": "redcap_repeat_instance",
    "data access group": "redcap_data_access_group",
    "survey identifier": "redcap_survey_identifier",
}
_CHOICE_HEADER = re.compile(r"^(?P<field>.+?)\s*\(choice=(?P<choice>.*)\)\s*$", re.IGNORECASE)
_STATUS = re.compile(r"^(?P<form>.+)_complete$")
_STATUS_CODES = {"incomplete": "0", "unverified": "1", "complete": "2"}
_BOX_CODES = {"checked": "1", "unchecked": "0"}


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _system_name(header: str) -> str | None:
    if header in SYSTEM:
        return header
    return _SYSTEM_LABELS.get(normalize_text(header))


def is_redcap_export(sheet: RawSheet) -> bool:
    """Whether a sheet is a REDCap records export (its header holds REDCap's repeat
    instrument column, or its event column and a form status column)."""
    if sheet.n_rows < 2:
        return False
    header = [_text(h) for h in sheet.row(0)]
    system = {_system_name(h) for h in header}
    status = any(_STATUS.match(h) or normalize_text(h) == "complete" for h in header)
    return "redcap_repeat_instrument" in system or ("redcap_event_name" in system and status)


def _renamed(header: list[str]) -> tuple[list[str], set[int], set[int]]:
    """Raw names for the header (rule 1), the status columns and the checkbox boxes."""
    names, status, boxes = [], set(), set()
    forms = 0
    for i, h in enumerate(header):
        system = _system_name(h)
        choice = _CHOICE_HEADER.match(h)
        if system is not None:
            names.append(system)
        elif _STATUS.match(h) or normalize_text(h) == "complete":
            forms += 1
            names.append(h if _STATUS.match(h) else f"form_{forms}_complete")
            status.add(i)
        elif choice:
            names.append(f"{choice['field']}___{choice['choice']}")
            boxes.add(i)
        else:
            names.append(h)
            if i and CHECKBOX.match(h):
                boxes.add(i)
    return names, status, boxes


def _labelled_boxes(names: list[str], boxes: set[int], options: LoadOptions) -> dict[str, str]:
    """Box name -> its choice's label, as a codebook beside the export names them
    (``leak___1=disc``: the box's column's ticked code read as ``disc``); a checkbox
    field sharing its name with another field (``leak`` yes/no beside ``leak___1`` ...)
    has its boxes renamed after their own field, ``leak___`` (rule 1)."""
    labels = {}
    for i in boxes:
        label = options.value_maps.get(names[i], {}).get(TICKED)
        if label:
            labels[names[i]] = label
    plain = {n for i, n in enumerate(names) if i not in boxes}
    for i in sorted(boxes):
        m = CHECKBOX.match(names[i])
        if m is not None and m["field"] in plain:
            renamed = f"{m['field']}___" + f"___{m['code']}"
            if names[i] in labels:
                labels[renamed] = labels.pop(names[i])
            names[i] = renamed
    return labels


def _fields(
    names: list[str], status: set[int], boxes: set[int], labels: dict[str, str] | None = None
) -> dict[str, Field]:
    """The dictionary the header implies (rule 1): the record ID first; a box's choice
    labelled as ``labels`` names it, else by its code."""
    form_of: dict[int, str] = {}
    pending: list[int] = []
    for i, name in enumerate(names):
        if i in status:
            form = name[: -len("_complete")]
            form_of.update(dict.fromkeys(pending, form))
            pending = []
        elif name not in SYSTEM:
            pending.append(i)
    form_of.update(dict.fromkeys(pending, "other"))
    fields: dict[str, Field] = {}
    for i, name in enumerate(names):
        if i in status or name in SYSTEM or not name:
            continue
        form = form_of.get(i, "other")
        m = CHECKBOX.match(name) if i in boxes else None
        if m is not None:
            f = fields.get(m["field"]) or Field(m["field"], form, "checkbox", m["field"], {}, False)
            f.choices[m["code"]] = (labels or {}).get(name, m["code"])
            fields[m["field"]] = f
        elif name not in fields:
            fields[name] = Field(name, form, "text", name, {}, False)
    return fields


def _where_filled(
    fields: dict[str, Field], names: list[str], rows: list[list[object]]
) -> dict[str, set[tuple[str, str]]]:
    """Per field (a checkbox by any of its boxes), the (repeating instrument, event) of
    each row filling it; a row of no instrument has ``""``."""
    at = [names.index(s) if s in names else None for s in ("redcap_repeat_instrument", "redcap_event_name")]  # fmt: skip
    columns: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        box = CHECKBOX.match(name)
        field = box["field"] if box and box["field"] in fields else name
        if field in fields:
            columns.setdefault(field, []).append(i)
    filled: dict[str, set[tuple[str, str]]] = {}
    for row in rows:
        instrument, event = (_text(row[i]) if i is not None and i < len(row) else "" for i in at)
        for field, cols in columns.items():
            if any(i < len(row) and _text(row[i]) for i in cols):
                filled.setdefault(field, set()).add((instrument, event))
    return filled


def _forms_by_rows(
    fields: dict[str, Field],
    names: list[str],
    rows: list[list[object]],
    mapping: dict[str, object],
) -> dict[str, Field]:
    """Forms of an export with no status columns, by its rows (rule 1): a field filled
    only on the rows of one repeating instrument is of that instrument's form; of the
    others, those read as a procedure's by their names, and those their names do not
    place filled only on events holding such a field, make the form ``procedure``; the
    rest stay in one form."""
    if "redcap_repeat_instrument" not in names or any(f.form != "other" for f in fields.values()):  # fmt: skip
        return fields
    filled = _where_filled(fields, names, rows)
    record = next(iter(fields), None)
    targets = {name: match_header(name, mapping) for name in fields if name != record}
    named = {
        name
        for name, t in targets.items()
        if t is not None and (t.table == "procedures" or t.column == "procedure_date")
    }
    held = {event for name in named for _, event in filled.get(name, ())}
    out = {}
    for name, f in fields.items():
        instruments = {i for i, _ in filled.get(name, ())}
        events = {e for _, e in filled.get(name, ())}
        if name == record or not instruments:
            pass
        elif len(instruments) == 1 and "" not in instruments:
            f = replace(f, form=next(iter(instruments)))
        elif instruments == {""} and (name in named or (targets[name] is None and events <= held)):  # fmt: skip
            f = replace(f, form="procedure")
        out[name] = f
    return out


def _as_codes(rows: list[list[object]], status: set[int], boxes: set[int]) -> None:
    """Form statuses and boxes given as labels read as REDCap's codes (rule 2)."""
    for row in rows:
        for i in status | boxes:
            if i < len(row):
                codes = _STATUS_CODES if i in status else _BOX_CODES
                row[i] = codes.get(_text(row[i]).casefold(), row[i])


def _prepared(
    sheet: RawSheet, options: LoadOptions
) -> tuple[RawSheet, dict[str, Field], dict[str, object], str, dict[tuple[int, int], int]]:
    """The export as one with a dictionary (rules 1-4): its sheet, fields and mapping,
    and what was done, in words."""
    names, status, boxes = _renamed([_text(h) for h in sheet.row(0)])
    written = list(names)
    rows = [list(r) for r in sheet.rows[1:]]
    _as_codes(rows, status, boxes)
    labels = _labelled_boxes(names, boxes, options)
    as_written = dict(zip(names, written, strict=True))  # a renamed box as the export heads it
    fields = _fields(names, status, boxes, labels)
    mapping = label_mapping(fields)
    for key in SYSTEM:
        mapping[key] = "ignore"
    numbered = [
        n
        for n, f in fields.items()
        if f.choices and all(c.isdigit() and label == c for c, label in f.choices.items())
    ]
    for name in numbered:  # boxes only the dictionary names
        mapping[name] = "ignore"
    mapping.update({str(k): v for k, v in options.mapping.items()})
    by_header = fields
    fields = _forms_by_rows(fields, names, rows, mapping)
    how = (
        "from the header (each form's fields stand before its status column)"
        if fields is by_header
        else "from the rows, the header having no status columns (a field filled only on "
        "one repeating instrument's rows is of its form, a procedure's date, technique "
        "and the like of one procedure form)"
    )
    events_done, moved = apply_events(names, rows, fields, mapping)
    said = [
        f"{len(fields)} fields in {len({f.form for f in fields.values()})} forms inferred {how}"
    ]
    if numbered:
        shown = ", ".join(f"'{n}'" for n in numbered)
        said.append(
            f"the checkbox field(s) {shown} number their boxes (___1, ___2 ...), which only "
            "the dictionary names: not read"
        )
    if labels:
        said.append(
            f"the choices of {len(labels)} checkbox box(es) named by the codebook "
            f"({', '.join(f'{as_written[b]} = {lab}' for b, lab in labels.items())})"
        )
    said += events_done
    note = (
        "read as a REDCap export without its data dictionary: "
        + "; ".join(said)
        + ". Give the data dictionary (a CSV beside the export) to read it by its codes"
    )
    staged = RawSheet(sheet.file, sheet.sheet, [list(names), *rows], header_row=1)
    return staged, fields, mapping, note, moved


def export_reading(
    sheet: RawSheet, options: LoadOptions
) -> tuple[RawSheet, dict[str, object], str]:
    """The export decoded as it is loaded, the mapping it is read with, and what was done
    to read it (for :func:`analysis.load.inspect_input`)."""
    staged, fields, mapping, note, _ = _prepared(sheet, options)
    decoded = Decoder(staged, fields, mapping, "").decode()
    events = events_said(decoded, procedure_events(decoded, fields, mapping))
    return decoded, mapping, f"{note}. {events[:1].upper()}{events[1:]}" if events else note


def stage_redcap_export(sheet: RawSheet, options: LoadOptions, out: Staged) -> None:
    """Stage a REDCap records export without its dictionary (rules above)."""
    staged, fields, mapping, note, moved = _prepared(sheet, options)
    out.problems.append(sheet_problem(sheet.file, sheet.sheet, "redcap_export", note, row=1))
    start = len(out.problems)
    stage_decoded(staged, fields, mapping, "", options, out)
    out.problems[start:] = at_their_cells(out.problems[start:], sheet, moved)
