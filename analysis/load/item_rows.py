"""An export of one row per recorded item: a column of item kinds says what each row
records.

A hospital information system writes everything it holds of a patient as items, one
per row (``study ID; process; date; kind; code; description; level; time point; value``),
the patient's own cells repeated on every row: ``PROC VTP Vertebroplàstia L1 3,1`` (a
treated vertebra and its cement), ``COMPL FUG2 Fuita de ciment venosa L1`` (its leak),
``MAT CIM01 Ciment PMMA`` (the session's cement), ``DP M80.08XA`` (the diagnosis),
``ESCALA EVA ... 5,5`` (a score), ``DS M48.50XA Nova fractura vertebral L4`` (a new
fracture found at a visit). It is a measurement export (:mod:`analysis.load.measure_rows`)
whose other rows record more than scores, and it is read the same way: each row keeps
its place and its other cells, and what it records moves to a column named for it.

What each kind records is read from its rows' codes and descriptions, never from the
kind's own code: a kind most of whose rows name a measure (as a header would) holds
scores; one whose rows name a new fracture, its vertebra in the level cell, new
fractures; one naming a technique, treated vertebrae (the value cell their cement
volume); one naming a cement, the session's cement; one naming a leak, the leak of the
vertebra its level cell gives; one naming a cause (``osteoporosi``, or an ICD-10 code
such as ``M80.08XA``), the patient's cause. A word read only as "other" says nothing
of a cause (``Alta`` is "other" in Romanian).

A session's cement and a vertebra's leak are written on rows of their own: each is
given to the vertebra rows of the same patient and session (the process identifier of
the row) at that level, several leaks of one vertebra together. A diagnosis is the
cause of the patient's first session only (a later session's diagnosis names its new
fracture, not the cause). A level cell of any other kind's row (a diagnosis at ``L4``)
names no treated vertebra and is not read. Problems in a moved cell name the cell the
user sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from analysis.io import RawSheet
from analysis.levels import parse_levels
from analysis.load.events import FRACTURE, row_event
from analysis.load.measure_rows import MeasureRows, id_header
from analysis.load.measure_rows import _is_number as is_number
from analysis.normalize import CellError, is_missing, match_header
from analysis.normalize.cells import parse_cell
from analysis.problems import Problem, column_letter, column_named, sheet_problem
from analysis.spec import load_spec

_HEADER_ROWS = 10
_MAX_KINDS = 20  # distinct kinds beyond which a column is no column of item kinds
_KIND_CHARS = 16  # a kind is a short code or word
_PER_KIND = 12  # distinct names within one kind beyond which a column names no item
_SHARE = 0.8  # of a kind's rows that must name one field

MEASURE = "measure"
# what a kind's rows may record, in the order a tie is settled, each with the header
# its column is given (read by the header rules as any header)
FIELDS: tuple[tuple[str, str], ...] = (
    (MEASURE, ""),
    ("fracture", "new fracture"),
    ("technique", "technique"),
    ("cement_type", "cement"),
    ("leakage", "leakage"),
    ("etiology", "etiology"),
)
VOLUME_HEADER = "cement volume"
_TABLES = {"technique": "procedures", "cement_type": "procedures", "leakage": "procedures", "etiology": "patients"}  # fmt: skip
_NO_CAUSE = frozenset(("other", "unknown"))  # a word read only as these says nothing


@dataclass(frozen=True)
class ItemRows(MeasureRows):
    """An item export read as one column per thing recorded (see the module docstring).

    ``kind_column`` is the 1-based index of the column of item kinds; ``moved`` maps each
    filled (row, column) of the added columns (1-based) to the cell it came from."""

    kind_column: int = 0
    kinds: tuple[tuple[str, str], ...] = ()  # each kind read, and what it records
    moved: Mapping[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    how: Mapping[int, str] = field(default_factory=dict)  # added column -> how it was filled

    def reason(self, index: int) -> str | None:
        """How an added column (1-based ``index``) was filled, for ``inspect``."""
        return self.how.get(index)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _has_letter(value: object) -> bool:
    return isinstance(value, str) and any(ch.isalpha() for ch in value)


@cache
def _reads(text: str) -> tuple[tuple[str, str], ...]:
    """What one code or description names: (field, value) pairs, a measure's value its
    name."""
    out: list[tuple[str, str]] = []
    target = match_header(text)
    if target is not None and target.kind == "measure" and target.timepoint is None and target.measure:  # fmt: skip
        out.append((MEASURE, target.measure))
    if row_event(text) == FRACTURE:
        out.append(("fracture", text))
    spec = load_spec()
    for name, table in _TABLES.items():
        try:
            value = parse_cell(text, spec.column(table, name))
        except (CellError, ValueError):
            continue
        if value is None or (isinstance(value, tuple) and not value):
            continue
        if name == "etiology" and value in _NO_CAUSE:
            continue
        out.append((name, str(value)))
    return tuple(out)


@dataclass
class _Plan:
    kind_col: int
    name_cols: list[int]
    fields: dict[str, str]  # kind -> field


def _kind_candidates(data: list[list[object]], width: int, skip: set[int]) -> list[int]:
    out = []
    for j in range(width):
        if j in skip:
            continue
        cells = [_text(r[j]) if j < len(r) else "" for r in data]
        filled = [c for c in cells if c]
        kinds = set(filled)
        if len(filled) < 0.9 * len(cells) or not 3 <= len(kinds) <= _MAX_KINDS:
            continue
        if all(_has_letter(k) and len(k) <= _KIND_CHARS for k in kinds) and not _names_levels(
            kinds
        ):
            out.append(j)
    return out


def _names_levels(kinds: set[str]) -> bool:
    """Most of a column's texts are vertebral levels (``L1``, ``T12 و L1``): a column of
    treated vertebrae, which names no kind of item."""
    return sum(bool(_levels(k)) for k in kinds) > len(kinds) / 2


def _levels(text: str) -> tuple[str, ...]:
    try:
        return parse_levels(text)
    except ValueError:
        return ()


def _name_columns(data: list[list[object]], width: int, kind_col: int, skip: set[int]) -> list[int]:  # fmt: skip
    """Columns whose texts are few within each kind (codes and descriptions of items,
    never a patient's own cells, which vary by patient)."""
    out = []
    by_kind: dict[str, list[list[object]]] = {}
    for r in data:
        by_kind.setdefault(_text(r[kind_col]), []).append(r)
    for j in range(width):
        if j in skip or j == kind_col:
            continue
        texts = [_text(r[j]) if j < len(r) else "" for r in data]
        if not any(_has_letter(t) for t in texts):
            continue
        if all(len({_text(r[j]) for r in rows if j < len(r)}) <= _PER_KIND for rows in by_kind.values()):  # fmt: skip
            out.append(j)
    return out


def _row_reads(row: list[object], name_cols: list[int]) -> list[tuple[str, str]]:
    return [f for j in name_cols if j < len(row) and _has_letter(row[j]) for f in _reads(_text(row[j]))]  # fmt: skip


def _plan(data: list[list[object]], kind_col: int, name_cols: list[int]) -> dict[str, str]:
    """Each kind's field: the first (in :data:`FIELDS` order) that most of its rows name."""
    by_kind: dict[str, list[list[object]]] = {}
    for r in data:
        by_kind.setdefault(_text(r[kind_col]), []).append(r)
    out = {}
    order = [f for f, _ in FIELDS]
    for kind, rows in by_kind.items():
        counts = dict.fromkeys(order, 0)
        for r in rows:
            for f in {f for f, _ in _row_reads(r, name_cols)}:
                counts[f] += 1
        best = max(order, key=lambda f: (counts[f], -order.index(f)))
        if counts[best] >= _SHARE * len(rows):
            out[kind] = best
    return out


def _read_as_a_field(header: object) -> bool:
    """Whether a header names a field of its own; one naming the study ID beside the study
    ID's column (``Code`` beside ``Study ID``) is the items' code, not a second key."""
    found = match_header(header) if isinstance(header, str) and header.strip() else None
    return found is not None and found.label != "patients.patient_id"


def _column_read_as(header: list[object], label: str) -> int | None:
    for j, cell in enumerate(header):
        t = match_header(cell) if isinstance(cell, str) and cell.strip() else None
        if t is not None and t.label == label:
            return j
    return None


def _value_column(data: list[list[object]], width: int, skip: set[int], rows: list[int]) -> int | None:  # fmt: skip
    """The column holding a number on most of the given rows that hold anything there."""
    for j in range(width):
        if j in skip:
            continue
        cells = [data[i][j] for i in rows if j < len(data[i]) and not is_missing(data[i][j])]
        if len(cells) >= 0.5 * len(rows) and sum(is_number(c) for c in cells) >= _SHARE * len(cells):  # fmt: skip
            return j
    return None


def widen_item_rows(sheet: RawSheet, kinds: str | None = None) -> ItemRows | None:
    """The sheet read as one column per thing recorded when it is an export of one row
    per item, else ``None``; ``kinds`` (the letter of the kinds' column, as a mapping file
    gives it) says which column holds the kinds instead of the sheet's contents."""
    found = id_header(sheet)
    if found is None:
        return None
    header_row, id_col = found
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    data = rows[header_row + 1 :]
    if len(data) < 10:
        return None
    width = max((len(r) for r in rows), default=0)
    data = [r + [None] * (width - len(r)) for r in data]
    header = rows[header_row] + [None] * (width - len(rows[header_row]))
    skip = {id_col} | {j for j, h in enumerate(header) if _read_as_a_field(h)}
    candidates = [_letter_index(kinds)] if kinds else _kind_candidates(data, width, skip)
    best: _Plan | None = None
    for k in candidates:
        names = _name_columns(data, width, k, skip)
        fields = _plan(data, k, names)
        if best is None or len(set(fields.values())) > len(set(best.fields.values())):
            best = _Plan(k, names, fields)
    if best is None or not ({"technique", MEASURE} <= set(best.fields.values())):
        return None
    return _widen(sheet, rows, header_row, id_col, width, best, skip)


def _letter_index(letters: str) -> int:
    n = 0
    for c in letters:
        n = n * 26 + ord(c.upper()) - 64
    return n - 1


def _added_headers(kind_of: list[str | None], reads: list[dict[str, str]]) -> list[str]:
    """The columns an item export gains, in :data:`FIELDS` order: each measure its rows
    name, then one per other field recorded (and the treated vertebra's volume)."""
    measures = dict.fromkeys(r[MEASURE] for f, r in zip(kind_of, reads, strict=True) if f == MEASURE and MEASURE in r)  # fmt: skip
    added: list[str] = []
    for f, head in FIELDS:
        if f == MEASURE:
            added += measures
        elif f in kind_of:
            added.append(head)
        if f == "technique" and f in kind_of:
            added.append(VOLUME_HEADER)
    return added


class _Widening:
    """The moves of one item export's cells into the columns named for what they record."""

    def __init__(self, rows: list[list[object]], header_row: int, id_col: int, width: int, plan: _Plan) -> None:  # fmt: skip
        self.header = rows[header_row] + [None] * (width - len(rows[header_row]))
        self.out = [r + [None] * (width - len(r)) for r in rows]
        self.data = self.out[header_row + 1 :]
        self.first = header_row + 2  # the 1-based sheet row of data[0]
        self.id_col, self.plan = id_col, plan
        self.kind_of = [plan.fields.get(_text(r[plan.kind_col])) for r in self.data]
        self.level_col = _column_read_as(self.header, "procedures.level")
        self.session_col = _column_read_as(self.header, "procedures.procedure_id")
        self.reads = [dict(_row_reads(r, plan.name_cols)) if f else {} for r, f in zip(self.data, self.kind_of, strict=True)]  # fmt: skip
        self.texts = [_named_texts(r, plan.name_cols) for r in self.data]
        self.moved: dict[tuple[int, int], tuple[int, int]] = {}
        self.col: dict[str, int] = {}
        self.first_session: dict[str, str] = {}
        for i in range(len(self.data)):
            self.first_session.setdefault(*self.key(i))
        self.vertebrae: dict[tuple[str, str], list[int]] = {}
        for i, f in enumerate(self.kind_of):
            if f == "technique":
                self.vertebrae.setdefault(self.key(i), []).append(i)

    def key(self, i: int) -> tuple[str, str]:
        """The row's patient and session (its process identifier, where one is written)."""
        session = _text(self.data[i][self.session_col]) if self.session_col is not None else ""
        return _text(self.data[i][self.id_col]), session

    def add_columns(self, width: int, header_row: int) -> None:
        added = _added_headers(self.kind_of, self.reads)
        self.col = {name: width + k for k, name in enumerate(added)}
        self.out[header_row] = self.header + added
        for r in self.data:
            r += [None] * len(added)

    def put(self, i: int, name: str, src_row: int, src_col: int) -> None:
        value = self.data[src_row][src_col]
        c = self.col[name]
        old = self.data[i][c]
        self.data[i][c] = value if is_missing(old) else f"{old}; {value}"
        self.moved.setdefault((self.first + i, c + 1), (self.first + src_row, src_col + 1))

    def move(self, i: int, value_col: int) -> None:
        f = self.kind_of[i]
        at = self.texts[i].get(f) if f else None
        if f == MEASURE and MEASURE in self.reads[i]:
            self.put(i, self.reads[i][MEASURE], i, value_col)
        elif f == "technique":
            if at is not None:
                self.put(i, "technique", i, at)
            if not is_missing(self.data[i][value_col]):
                self.put(i, VOLUME_HEADER, i, value_col)
        elif f == "fracture" and self.level_col is not None:
            self.put(i, "new fracture", i, self.level_col)
            self.data[i][self.level_col] = None
        elif f == "etiology":
            self.cause(i, at)
        elif f in ("cement_type", "leakage") and at is not None:
            self.give(i, f, at)

    def cause(self, i: int, at: int | None) -> None:
        """A diagnosis: the patient's cause on the first session's rows only; its level
        cell names the diagnosed vertebra, not a treated one."""
        pid, session = self.key(i)
        if at is not None and session == self.first_session[pid]:
            self.put(i, "etiology", i, at)
        if self.level_col is not None:
            self.data[i][self.level_col] = None

    def give(self, i: int, f: str, at: int) -> None:
        """A session's cement (to each of its vertebra rows) or a vertebra's leak (to the
        row of the vertebra its level cell names); kept on its own row when none fits."""
        lc = self.level_col
        level = _text(self.data[i][lc]) if lc is not None else ""
        to = [
            j
            for j in self.vertebrae.get(self.key(i), [])
            if f == "cement_type" or not level or lc is None or _text(self.data[j][lc]) == level
        ]
        for j in to or [i]:
            self.put(j, f if f == "leakage" else "cement", i, at)
        if to and lc is not None:
            self.data[i][lc] = None  # given to the vertebra's own row


def _widen(sheet: RawSheet, rows: list[list[object]], header_row: int, id_col: int, width: int, plan: _Plan, read: set[int]) -> ItemRows | None:  # fmt: skip
    w = _Widening(rows, header_row, id_col, width, plan)
    measured = [i for i, f in enumerate(w.kind_of) if f in (MEASURE, "technique")]
    taken = {id_col, plan.kind_col, *plan.name_cols} | read  # a value column reads as no header
    value_col = _value_column(w.data, width, taken, measured)
    if value_col is None:
        return None
    w.add_columns(width, header_row)
    for i in range(len(w.data)):
        w.move(i, value_col)
    for r in w.data:
        r[value_col] = None  # a value whose item is not read is not read either
    kinds = tuple(sorted(plan.fields.items()))
    how = {c + 1: _how(name, plan, w.header, w.moved, c + 1, kinds) for name, c in w.col.items()}
    return ItemRows(
        file=sheet.file,
        sheet=sheet.sheet,
        rows=w.out,
        merged=sheet.merged,
        hidden=sheet.hidden,
        header_row=header_row + 1,
        problems=sheet.problems,
        stray_rows=sheet.stray_rows,
        value_column=value_col + 1,
        name_column=(plan.name_cols or [plan.kind_col])[0] + 1,
        value_header=_text(w.header[value_col]),
        first_added=width + 1,
        note=_reshaped(sheet, w.header, header_row, plan, value_col, kinds),
        kind_column=plan.kind_col + 1,
        kinds=kinds,
        moved=w.moved,
        how=how,
    )


def _how(
    name: str,
    plan: _Plan,
    header: list[object],
    moved: Mapping[tuple[int, int], tuple[int, int]],
    col: int,
    kinds: tuple[tuple[str, str], ...],
) -> str:
    """``one item per row: rows of kind 'PROC' in column K (their codes and descriptions
    name a technique), from column M``."""
    kind_letter = column_letter(plan.kind_col + 1)
    field_of = "measure" if name not in {h for _, h in FIELDS} | {VOLUME_HEADER} else name
    field_of = "technique" if name == VOLUME_HEADER else field_of  # the technique row's value
    wanted = {
        MEASURE if field_of == "measure" else "technique" if name == VOLUME_HEADER
        else next(f for f, h in FIELDS if h == name)
    }  # fmt: skip
    which = ", ".join(repr(k) for k, f in kinds if f in wanted)
    sources = sorted({c for (_, c2), (_, c) in moved.items() if c2 == col})
    named = ", ".join(column_named(column_letter(c), _text(header[c - 1])) for c in sources)
    given = "; given to the vertebra rows of the patient's session" if name in ("cement", "leakage") else ""  # fmt: skip
    return (
        f"one item per row: rows of kind {which} in column {kind_letter} (their codes or "
        f"descriptions name a {field_of.replace('_', ' ')}), from {named or 'no cell'}{given}"
    )


def _named_texts(row: list[object], name_cols: list[int]) -> dict[str, int]:
    """The column of the row's first cell naming each field (a code read before its
    description: ``M80.08XA`` names the cause more surely than its words)."""
    out: dict[str, int] = {}
    for j in name_cols:
        if j < len(row) and _has_letter(row[j]):
            for f, _ in _reads(_text(row[j])):
                out.setdefault(f, j)
    return out


def _reshaped(
    sheet: RawSheet,
    header: list[object],
    header_row: int,
    plan: _Plan,
    value_col: int,
    kinds: tuple[tuple[str, str], ...],
) -> Problem:
    said = ", ".join(f"{k!r} {f.replace('_', ' ')}" for k, f in kinds)
    return sheet_problem(
        sheet.file,
        sheet.sheet,
        "item_rows",
        "one item per row: "
        f"{column_named(column_letter(plan.kind_col + 1), _text(header[plan.kind_col]))} says what "
        f"each row records ({said}), read from its codes and descriptions; values from "
        f"{column_named(column_letter(value_col + 1), _text(header[value_col]))}; a session's "
        "cement and a vertebra's leak given to the vertebra's row; rows of other kinds read "
        "as visits",
        row=header_row + 1,
    )


def item_kinds_column(sheet: RawSheet) -> str | None:
    """The letter of a widened item export's column of kinds, as a mapping file writes it
    (``None`` for any other sheet)."""
    return column_letter(sheet.kind_column) if isinstance(sheet, ItemRows) else None
