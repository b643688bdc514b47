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
3. Procedures across an event's rows. When an event's own row holds a procedure's form
   (its date, technique ...) and the event's repeating instrument rows hold its treated
   vertebrae (levels on repeat-instrument rows), the form's filled cells are read on each
   vertebra row of that record and event (as if typed there).
4. Sessions by event. When the project has two or more events holding procedures
   (``Procedura 1``, ``Procedura 2``), a record's rows from the k-th such event to the
   next one are of its k-th procedure: the visits after the second procedure's event
   (``Control 1 luna dupa P2``) give that procedure's outcomes.

Everything done is said in one warning on the sheet. The sheet is then read as an
export with its dictionary (:func:`analysis.load.redcap.stage_decoded`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.records import Staged
from analysis.load.redcap import events_said, stage_decoded
from analysis.load.redcap_decode import CHECKBOX, SYSTEM, Decoder, form_kinds
from analysis.load.redcap_dictionary import Field, label_mapping
from analysis.problems import Problem, column_letter, sheet_problem
from analysis.spec import normalize_text

__all__ = ["export_reading", "is_redcap_export", "stage_redcap_export"]

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
# the column added to say which of a record's procedures an event's rows belong to
SESSION_COLUMN = "redcap_procedure_event"


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


def _fields(names: list[str], status: set[int], boxes: set[int]) -> dict[str, Field]:
    """The dictionary the header implies (rule 1): the record ID first."""
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
            f.choices[m["code"]] = m["code"]
            fields[m["field"]] = f
        elif name not in fields:
            fields[name] = Field(name, form, "text", name, {}, False)
    return fields


def _as_codes(rows: list[list[object]], status: set[int], boxes: set[int]) -> None:
    """Form statuses and boxes given as labels read as REDCap's codes (rule 2)."""
    for row in rows:
        for i in status | boxes:
            if i < len(row):
                codes = _STATUS_CODES if i in status else _BOX_CODES
                row[i] = codes.get(_text(row[i]).casefold(), row[i])


class _Events:
    """Rules 3 and 4 on the rows of one export."""

    def __init__(self, names: list[str], fields: dict[str, Field], mapping: dict[str, object]):
        self.pos = {h: i for i, h in enumerate(names)}
        self.kinds = form_kinds(fields, mapping)
        self.fields = fields
        by_form: dict[str, list[int]] = {}
        for name, f in fields.items():
            if f.type != "checkbox" and name in self.pos and name != next(iter(fields)):
                by_form.setdefault(f.form, []).append(self.pos[name])
        self.by_form = by_form
        procedure = {
            self.pos[name]
            for name, f in fields.items()
            if name in self.pos and self.kinds.get(f.form) == "procedure"
        }
        self.procedure_cols = procedure
        # (sheet row, column) of a cell read on a vertebra row -> the event row it is on
        self.moved: dict[tuple[int, int], int] = {}

    def cell(self, row: list[object], name: str) -> str:
        i = self.pos.get(name)
        return "" if i is None or i >= len(row) else _text(row[i])

    def instruments_by_form(self, rows: list[list[object]]) -> None:
        """Repeating instruments given by their labels (``Vertebra tratata``) named by
        their forms (``vertebra_tratata``), whose status columns name them."""
        i = self.pos.get("redcap_repeat_instrument")
        if i is None:
            return
        forms = {normalize_text(f.form): f.form for f in self.fields.values()}
        for row in rows:
            if i < len(row) and _text(row[i]):
                row[i] = forms.get(normalize_text(row[i]), row[i])

    def instrument_kind(self, row: list[object]) -> str | None:
        instrument = normalize_text(self.cell(row, "redcap_repeat_instrument"))
        if not instrument:
            return None
        return next((k for f, k in self.kinds.items() if normalize_text(f) == instrument), None)

    def spread(self, rows: list[list[object]]) -> int:
        """Rule 3: an event's procedure form onto its vertebra rows; rows changed."""
        groups: dict[tuple[str, str], list[list[object]]] = {}
        for row in rows:
            key = (self.cell(row, next(iter(self.fields))), self.cell(row, "redcap_event_name"))
            groups.setdefault(key, []).append(row)
        changed = 0
        place = {id(r): k + 2 for k, r in enumerate(rows)}  # each row's sheet row
        for group in groups.values():
            base = [r for r in group if not self.cell(r, "redcap_repeat_instrument")]
            vertebrae = [r for r in group if self.instrument_kind(r) == "procedure"]
            if len(base) != 1 or not vertebrae:
                continue
            row = base[0]
            forms = {
                f.form
                for name, f in self.fields.items()
                if self.pos.get(name) in self.procedure_cols
                and self.pos[name] < len(row)
                and _text(row[self.pos[name]])
                and self.kinds.get(f.form) == "procedure"
            }
            cols = [i for form in forms for i in self.by_form.get(form, []) if i < len(row)]
            filled = [i for i in cols if _text(row[i])]
            if not filled or any(_text(v[i]) for v in vertebrae for i in filled if i < len(v)):
                continue  # nothing to spread, or the vertebra rows hold it already
            for v in vertebrae:
                for i in filled:
                    if i < len(v):
                        v[i] = row[i]
                        self.moved[(place[id(v)], i + 1)] = place[id(row)]
            for i in filled:
                row[i] = None
            changed += 1
        return changed

    def procedure_events(self, rows: list[list[object]]) -> list[str]:
        """Events whose rows hold a procedure (a filled procedure field), in order."""
        events: list[str] = []
        for row in rows:
            event = self.cell(row, "redcap_event_name")
            held = any(i < len(row) and _text(row[i]) for i in self.procedure_cols)
            if held and event and event not in events:
                events.append(event)
        return events

    def sessions(self, rows: list[list[object]], events: list[str]) -> list[str]:
        """Rule 4: per row, the number of the record's procedure its event belongs to."""
        record = next(iter(self.fields))
        out: list[str] = []
        current: str | None = None
        seen: list[str] = []
        for row in rows:
            pid, event = self.cell(row, record), self.cell(row, "redcap_event_name")
            if pid != current:
                current, seen = pid, []
            if event in events and event not in seen:
                seen.append(event)
            out.append(str(len(seen)) if seen else "")
        return out


def _prepared(
    sheet: RawSheet, options: LoadOptions
) -> tuple[RawSheet, dict[str, Field], dict[str, object], str, dict[tuple[int, int], int]]:
    """The export as one with a dictionary (rules 1-4): its sheet, fields and mapping,
    and what was done, in words."""
    names, status, boxes = _renamed([_text(h) for h in sheet.row(0)])
    rows = [list(r) for r in sheet.rows[1:]]
    _as_codes(rows, status, boxes)
    fields = _fields(names, status, boxes)
    mapping = label_mapping(fields)
    for key in SYSTEM:
        mapping[key] = "ignore"
    numbered = [n for n, f in fields.items() if f.choices and all(c.isdigit() for c in f.choices)]
    for name in numbered:  # boxes only the dictionary names
        mapping[name] = "ignore"
    mapping.update({str(k): v for k, v in options.mapping.items()})
    events = _Events(names, fields, mapping)
    events.instruments_by_form(rows)
    spread = events.spread(rows)
    said = [
        f"{len(fields)} fields in {len({f.form for f in fields.values()})} forms inferred "
        "from the header (each form's fields stand before its status column)"
    ]
    if numbered:
        shown = ", ".join(f"'{n}'" for n in numbered)
        said.append(
            f"the checkbox field(s) {shown} number their boxes (___1, ___2 ...), which only "
            "the dictionary names: not read"
        )
    if spread:
        said.append(
            f"on {spread} event row(s) a procedure's form (date, technique ...) is read on "
            "each treated-vertebra row of its record and event"
        )
    procedure_events = events.procedure_events(rows)
    if len(procedure_events) >= 2:
        names.append(SESSION_COLUMN)
        for row, number in zip(rows, events.sessions(rows, procedure_events), strict=True):
            row.extend([None] * (len(names) - 1 - len(row)))
            row.append(number)
        mapping[SESSION_COLUMN] = "procedures.procedure_id"
        fields[SESSION_COLUMN] = Field(SESSION_COLUMN, "", "text", SESSION_COLUMN, {}, False)
        shown = ", ".join(f"'{e}'" for e in procedure_events[:4])
        said.append(
            f"the events {shown} hold procedures: each record's rows from the k-th of them "
            "to the next are of its k-th procedure"
        )
    note = (
        "read as a REDCap export without its data dictionary: "
        + "; ".join(said)
        + ". Give the data dictionary (a CSV beside the export) to read it by its codes"
    )
    staged = RawSheet(sheet.file, sheet.sheet, [list(names), *rows], header_row=1)
    return staged, fields, mapping, note, events.moved


def export_reading(
    sheet: RawSheet, options: LoadOptions
) -> tuple[RawSheet, dict[str, object], str]:
    """The export decoded as it is loaded, the mapping it is read with, and what was done
    to read it (for :func:`analysis.load.inspect_input`)."""
    staged, fields, mapping, note, _ = _prepared(sheet, options)
    decoded = Decoder(staged, fields, mapping, "").decode()
    events = events_said(decoded)
    return decoded, mapping, f"{note}. {events[:1].upper()}{events[1:]}" if events else note


def stage_redcap_export(sheet: RawSheet, options: LoadOptions, out: Staged) -> None:
    """Stage a REDCap records export without its dictionary (rules above)."""
    staged, fields, mapping, note, moved = _prepared(sheet, options)
    out.problems.append(sheet_problem(sheet.file, sheet.sheet, "redcap_export", note, row=1))
    start = len(out.problems)
    stage_decoded(staged, fields, mapping, "", options, out)
    out.problems[start:] = _at_their_cells(out.problems[start:], sheet, moved)


def _column_number(cell: str) -> int:
    """The 1-based column of a cell address (``AB254`` -> 28)."""
    n = 0
    for letter in cell.rstrip("0123456789"):
        n = n * 26 + ord(letter.upper()) - ord("A") + 1
    return n


def _at_their_cells(
    problems: list[Problem], sheet: RawSheet, moved: dict[tuple[int, int], int]
) -> list[Problem]:
    """Problems of cells read on vertebra rows (rule 3) named on the event row where the
    cell is typed, once."""
    out: list[Problem] = []
    seen: set[tuple[object, ...]] = set()
    for p in problems:
        here = p.cell and (p.file, p.sheet) == (sheet.file, sheet.sheet)
        index = _column_number(p.cell) if here and p.cell else 0
        row = moved.get((p.row or 0, index))
        if row is not None:
            p = replace(p, row=row, cell=f"{column_letter(index)}{row}")
            key = (p.rule, p.row, p.cell, p.message)
            if key in seen:
                continue
            seen.add(key)
        out.append(p)
    return out
