"""REDCap events across an export's rows, with or without its data dictionary.

1. Procedures across an event's rows. When an event's own row holds a procedure's form
   (its date, technique ...) and the event's repeating instrument rows hold its treated
   vertebrae (levels on repeat-instrument rows), the form's filled cells are read on each
   vertebra row of that record and event (as if typed there); problems of those cells
   are named on the event row where they are typed.
2. Sessions by event. When the project has two or more events holding procedures
   (``Procedura 1``, ``Procedura 2``), a record's rows from the k-th such event to the
   next one are of its k-th procedure: the visits after the second procedure's event
   (``Control 1 luna dupa P2``) give that procedure's outcomes. An event naming the
   pre-operative time point before a procedure's event (``preop_2e_interv_arm_1``) is of
   that next procedure.
3. Pre-operative scores on a procedure's event. Outcome scores on the own row (no
   repeating instrument) of an event that holds a procedure and names no time point
   (``repeat_proc_arm_1``) are that procedure's pre-operative ones.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from analysis.io import RawSheet
from analysis.load.redcap_decode import event_timepoint, form_kinds
from analysis.load.redcap_dictionary import Field
from analysis.normalize import match_header
from analysis.problems import Problem, column_letter
from analysis.spec import load_spec, normalize_text

__all__ = [
    "SESSION_COLUMN",
    "ExportEvents",
    "apply_events",
    "at_their_cells",
    "procedure_events",
    "row_timepoint",
]

# the column added to say which of a record's procedures an event's rows belong to
SESSION_COLUMN = "redcap_procedure_event"


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


class ExportEvents:
    """Procedures across an event's rows and sessions by event, on the rows of one export."""

    def __init__(self, names: list[str], fields: dict[str, Field], mapping: dict[str, object]):
        self.pos = {h: i for i, h in enumerate(names)}
        self.kinds = form_kinds(fields, mapping)
        self.fields = fields
        self.mapping = mapping
        by_form: dict[str, list[int]] = {}
        for name, f in fields.items():
            if f.type != "checkbox" and name in self.pos and name != next(iter(fields)):
                by_form.setdefault(f.form, []).append(self.pos[name])
        self.by_form = by_form
        procedure = {
            self.pos[name]
            for name, f in fields.items()
            if name in self.pos
            and self.kinds.get(f.form) == "procedure"
            and name != next(iter(fields))  # the record ID, on every row
        }
        self.procedure_cols = procedure
        # (sheet row, column) of a cell read on a vertebra row -> the event row it is on
        self.moved: dict[tuple[int, int], int] = {}
        self._kind_of: dict[str, str | None] = {}

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
        named: dict[object, object] = {}  # each distinct instrument cell read once
        for row in rows:
            if i < len(row) and _text(row[i]):
                value = row[i]
                if value not in named:
                    named[value] = forms.get(normalize_text(value), value)
                row[i] = named[value]

    def instrument_kind(self, row: list[object]) -> str | None:
        written = self.cell(row, "redcap_repeat_instrument")
        if written not in self._kind_of:  # each distinct instrument judged once
            instrument = normalize_text(written)
            self._kind_of[written] = (
                next((k for f, k in self.kinds.items() if normalize_text(f) == instrument), None)
                if instrument
                else None
            )
        return self._kind_of[written]

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
            if not event or event in events:
                continue
            if any(i < len(row) and _text(row[i]) for i in self.procedure_cols):
                events.append(event)
        return events

    def scored_untimed(self, rows: list[list[object]], events: list[str]) -> list[str]:
        """Of ``events``, those naming no time point whose own rows (no repeating
        instrument) hold a score that its field places in no time either (rule 3)."""
        timepoints = load_spec().column("assessments", "timepoint").value_lookup()
        untimed = [e for e in events if event_timepoint(e, timepoints) is None]
        scores = [
            i
            for name, i in self.pos.items()
            if (t := match_header(name, self.mapping)) is not None
            and t.kind == "measure"
            and t.timepoint is None
        ]
        return [
            e
            for e in untimed
            if any(
                self.cell(row, "redcap_event_name") == e
                and not self.cell(row, "redcap_repeat_instrument")
                and any(i < len(row) and _text(row[i]) for i in scores)
                for row in rows
            )
        ]

    def sessions(self, rows: list[list[object]], events: list[str]) -> list[str]:
        """Per row, the number of the record's procedure its event belongs to: the
        procedure of the latest procedure event at or before it, or, for an event naming
        the pre-operative time point (``preop_2e_interv_arm_1``, ``inclusion_arm_1``),
        the record's next procedure when it has one."""
        record = next(iter(self.fields))
        held: dict[str, list[str]] = {}
        for row in rows:
            event = self.cell(row, "redcap_event_name")
            mine = held.setdefault(self.cell(row, record), [])
            if event in events and event not in mine:
                mine.append(event)
        timepoints = load_spec().column("assessments", "timepoint").value_lookup()
        pre = {e: event_timepoint(e, timepoints) == "pre" for e in self.all_events(rows)}
        out: list[str] = []
        current: str | None = None
        seen: list[str] = []
        for row in rows:
            pid, event = self.cell(row, record), self.cell(row, "redcap_event_name")
            if pid != current:
                current, seen = pid, []
            if event in events and event not in seen:
                seen.append(event)
            number = len(seen)
            if pre.get(event) and event not in events and number < len(held[pid]):
                number += 1
            out.append(str(number) if number else "")
        return out

    def all_events(self, rows: list[list[object]]) -> list[str]:
        return list(dict.fromkeys(self.cell(row, "redcap_event_name") for row in rows))


def procedure_events(
    sheet: RawSheet, fields: dict[str, Field], mapping: dict[str, object]
) -> list[str]:
    """The events of a records sheet whose rows hold a procedure (a filled procedure
    field, the session column added by rule 2 aside), in order."""
    own = {n: f for n, f in fields.items() if n != SESSION_COLUMN}
    if not sheet.rows or not own:
        return []
    names = [_text(h) for h in sheet.rows[0]]
    return ExportEvents(names, own, mapping).procedure_events(list(sheet.rows[1:]))


def row_timepoint(
    event: str, instrument: str, declared: dict[str, str], held: Collection[str]
) -> str | None:
    """The time point of a row of ``event`` (of a repeating ``instrument``, or its own
    row when blank): the one the event names, else pre-operative on the own row of an
    event holding a procedure (rule 3)."""
    found = event_timepoint(event, declared)
    if found is None and not instrument and event in held:
        return "pre"
    return found


def _column_number(cell: str) -> int:
    """The 1-based column of a cell address (``AB254`` -> 28)."""
    n = 0
    for letter in cell.rstrip("0123456789"):
        n = n * 26 + ord(letter.upper()) - ord("A") + 1
    return n


def at_their_cells(
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


def apply_events(
    names: list[str],
    rows: list[list[object]],
    fields: dict[str, Field],
    mapping: dict[str, object],
) -> tuple[list[str], dict[tuple[int, int], int]]:
    """Rules 1 and 2 on an export's header ``names`` and ``rows`` (changed in place: a
    session column added to both when two or more events hold procedures, ``fields`` and
    ``mapping`` given it): what was done, in words, and the cells read on vertebra rows
    with the event row each is typed on."""
    events = ExportEvents(names, fields, mapping)
    events.instruments_by_form(rows)
    spread = events.spread(rows)
    said = []
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
    scored = events.scored_untimed(rows, procedure_events)
    if scored:
        shown = ", ".join(f"'{e}'" for e in scored)
        said.append(
            f"the scores on the own rows of {shown}, naming no time point, are read as the "
            "pre-operative scores of the procedure the event holds"
        )
    return said, events.moved
