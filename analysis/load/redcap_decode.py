"""Decoding a REDCap records sheet with its dictionary: coded choices, checkbox columns,
and the columns the dictionary does not describe (rules 1 and 2 of
:mod:`analysis.load.redcap`).

The sheet is decoded column by column: each distinct value of a coded column is looked
up once, and a checkbox field's boxes are combined for all rows at once (the ticked
boxes of a row as one bit mask, each distinct mask named once). The problems are those
the row-by-row reading gives (:mod:`analysis.load.redcap_rows`), in its order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.readings import distinct_cells
from analysis.load.redcap_dictionary import Field
from analysis.normalize import CellError, Target, is_missing, match_header, parse_cell
from analysis.problems import ERROR, WARNING, Problem, Source, sheet_problem
from analysis.spec import ColumnSpec, load_spec, normalize_text

# the arm suffix of an event's unique name (``1_month_arm_1``)
EVENT_ARM = re.compile(r"_arm_\d+$")

CHECKBOX = re.compile(r"^(?P<field>.+)___(?P<code>[^_].*)$")
# Status columns REDCap adds per instrument: not fields of the dictionary.
_FORM_STATUS = re.compile(r"^(?P<form>.+)_(?P<kind>complete|timestamp)$")
SYSTEM = (
    "redcap_event_name",
    "redcap_repeat_instrument",
    "redcap_repeat_instance",
    "redcap_data_access_group",
    "redcap_survey_identifier",
)
# Choice labels of a vital-status field read as died yes / no.
_VITAL = {"alive": "no", "living": "no", "dead": "yes", "deceased": "yes", "died": "yes"}


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _spec_column(target: Target | None) -> ColumnSpec | None:
    if target is None or target.kind != "column" or target.table is None:
        return None
    return load_spec().column(target.table, str(target.column))


def _unticked(f: Field, column: ColumnSpec | None) -> str | None:
    """What a checkbox field with every box 0 on an answered form says (rule 2)."""
    if column is None:
        return None
    if column.type == "boolean":
        return "no"
    if column.type == "multi_category" and "none" in column.allowed:
        lookup = column.value_lookup()
        if any(lookup.get(normalize_text(label)) == "none" for label in f.choices.values()):
            return None  # an explicit 'none' box left unticked: not answered
        return "none"
    return None


# a label export's arm: "Control 1 luna (Arm 1: Registru VP)"
_ARM_LABEL = re.compile(r"\s*\(arm\s*\d+[^)]*\)\s*$", re.IGNORECASE)


def event_timepoint(event: str, declared: dict[str, str]) -> str | None:
    """The time point an event names: its unique name as declared (``1_month_arm_1``),
    else the first words of its label or unique name that name one (``Control 1 luna
    dupa P2``, ``seg_1m_p2_arm_1``: the words after the interval say which procedure the
    visit follows)."""
    found = declared.get(normalize_text(EVENT_ARM.sub("", event)))
    if found is not None:
        return found
    from analysis.normalize.timepoints import timepoint_of

    words = _ARM_LABEL.sub("", EVENT_ARM.sub("", event)).replace("_", " ").split()
    for k in range(len(words), 0, -1):
        found = timepoint_of(" ".join(words[:k]))
        if found is not None:
            return found
    return None


def form_kinds(fields: dict[str, Field], mapping: dict[str, object]) -> dict[str, str]:
    """Forms whose fields are procedure or new-fracture fields: ``procedure`` or
    ``fracture`` (rule 3: their repeating instances are procedures or new fractures)."""
    kinds: dict[str, str] = {}
    for name, f in fields.items():
        target = match_header(name, mapping)
        if target is None:
            continue
        if target.table == "procedures" or target.column == "procedure_date":
            kinds.setdefault(f.form, "procedure")
        elif target.table == "fractures" or target.column == "fracture_date":
            kinds.setdefault(f.form, "fracture")
    return kinds


def parsed_value(value: object, column: ColumnSpec) -> object | None:
    """A patient cell parsed, ``None`` when it does not parse (it is reported later)."""
    try:
        return parse_cell(value, column)
    except CellError:
        return None


def record_column(targets: dict[int, Target]) -> int | None:
    """The index of the record ID column among the layout's targets."""
    return next(
        (i for i, t in targets.items() if t.kind == "column" and t.column == "patient_id"), None
    )


def followup_kind(target: Target) -> bool:
    """Whether a column holds a follow-up date, follow-up days or death (rule 4)."""
    if target.kind == "date":
        return target.column == "followup_date"
    return (
        target.kind == "column"
        and target.table == "patients"
        and target.column in ("followup_days", "died")
    )


def followup_values(cells: list[object], target: Target, options: LoadOptions) -> list[object]:
    """The parsed value of each cell of a follow-up column (``None`` where missing or
    unreadable): dates, days or died."""
    from analysis.normalize import parse_date_column

    # each distinct cell parsed once: the day/month order a date column proves depends
    # only on which texts it holds, not on how often
    keys, distinct = distinct_cells(cells)
    found = list(distinct.values())
    parsed: list[object]
    if target.kind == "date":
        dates = parse_date_column(found, options.date_order)
        parsed = [d if isinstance(d, date) else None for d in dates]
    else:
        column = load_spec().column("patients", str(target.column))
        parsed = [None if is_missing(v) else parsed_value(v, column) for v in found]
    value = dict(zip(distinct, parsed, strict=True))
    return list(map(value.__getitem__, keys))


class _Grid:
    """The data rows' cells as one 2-D array, a column at a time a view of it (a row
    shorter than the header holds ``None`` there; cells beyond the header are kept
    aside, by row, to be put back)."""

    def __init__(self, rows: Sequence[list[object]], width: int) -> None:
        self.n = len(rows)
        self.cells = np.empty((self.n, width), dtype=object)
        self.beyond: dict[int, list[object]] = {}
        if all(len(row) == width for row in rows):
            if self.n and width:
                self.cells[:] = rows
            return
        for k, row in enumerate(rows):
            if len(row) > width:
                self.beyond[k] = list(row[width:])
            self.cells[k, : min(len(row), width)] = row[:width]
        return

    def __getitem__(self, i: int) -> np.ndarray:
        return self.cells[:, i]

    def rows(self, decoded: dict[int, np.ndarray]) -> list[list[object]]:
        """The rows with the ``decoded`` columns in place and every empty text cell as
        ``None`` (as every reader of the sheet takes it)."""
        cells = self.cells
        for i, col in decoded.items():
            cells[:, i] = col
        cells[cells == ""] = None
        rows: list[list[object]] = cells.tolist()
        for k, more in self.beyond.items():
            rows[k].extend(None if v == "" else v for v in more)
        return rows


def _factorized(col: np.ndarray) -> tuple[np.ndarray, list[object]]:
    """Codes into the distinct cells, told apart as the parsers tell them (by type as
    well as value: ``1``, ``1.0`` and ``True`` are three cells, ``-0.0`` is not ``0.0``,
    a NaN is no blank); an empty cell (``None``, a row shorter than the header) is a
    distinct value of its own, kept as ``None``."""
    if set(map(type, col)) <= {str, type(None)}:  # text: a hash tells it apart
        codes, found = pd.factorize(col)
        empty = codes < 0
        if empty.any():
            codes = np.where(empty, len(found), codes)
            return codes, [*found, None]
        return codes, list(found)
    keys, raw = distinct_cells(col.tolist())
    index = {k: i for i, k in enumerate(raw)}
    return np.fromiter(map(index.__getitem__, keys), dtype=np.intp, count=len(col)), list(raw.values())  # fmt: skip


def _texts(col: np.ndarray) -> np.ndarray:
    """Each cell as trimmed text ('' when empty)."""
    codes, found = _factorized(col)
    text = np.empty(len(found), dtype=object)
    text[:] = [_text(v) for v in found]
    return text[codes]


def _filled(col: np.ndarray) -> np.ndarray:
    """Whether each cell holds a value (not missing)."""
    codes, found = _factorized(col)
    return np.array([not is_missing(v) for v in found], dtype=bool)[codes]


@dataclass
class DecoderBase:
    """The columns of one records sheet as its dictionary describes them, and the
    problems of single boxes (rules 1 and 2); subclasses decode the sheet."""

    sheet: RawSheet
    fields: dict[str, Field]
    mapping: dict[str, object]
    dictionary_name: str
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.header = [_text(h) for h in self.sheet.rows[0]]
        self.checkboxes: dict[str, list[tuple[int, str]]] = {}
        self.unknown_boxes: dict[str, list[tuple[int, str]]] = {}
        self.unknown_columns: list[str] = []
        record_id = next(iter(self.fields), "")
        self.form_columns: dict[str, list[int]] = {}
        self.complete: dict[str, int] = {}
        self.status: list[int] = []
        forms = {f.form for f in self.fields.values()}
        self.yes_no = {
            name
            for name, f in self.fields.items()
            if f.choices
            and (column := _spec_column(match_header(name, self.mapping))) is not None
            and column.type == "boolean"
        }
        self.scores = {name for name, f in self.fields.items() if self._score_codes(f)}
        for i, h in enumerate(self.header):
            m = CHECKBOX.match(h)
            if m and m["field"] in self.fields and self.fields[m["field"]].type == "checkbox":
                known = m["code"] in self.fields[m["field"]].choices
                (self.checkboxes if known else self.unknown_boxes).setdefault(
                    m["field"], []
                ).append((i, m["code"]))
            elif h in self.fields and h != record_id:
                self.form_columns.setdefault(self.fields[h].form, []).append(i)
            elif (c := _FORM_STATUS.match(h)) and c["form"] in forms:
                self.status.append(i)
                if c["kind"] == "complete":
                    self.complete[c["form"]] = i
            elif h and h not in self.fields and h not in SYSTEM:
                self.unknown_columns.append(h)

    def _score_codes(self, f: Field) -> bool:
        """Whether a coded field is an outcome score whose codes are its values: read as
        a score (``mobilite``: ``0, Autonome`` ... ``4, Alité(e)``), its choices
        numbered by whole numbers and labelled in words only (a label that starts with
        its number, ``4 - Bedbound``, is read as written)."""
        target = match_header(f.name, self.mapping) if f.type in ("radio", "dropdown") else None
        if target is None or target.kind != "measure" or not f.choices:
            return False
        numbered = all(c.lstrip("-").isdigit() for c in f.choices)
        return numbered and not any(label[:1].isdigit() for label in f.choices.values())

    def choice(self, f: Field, code: str) -> object:
        """A known code's reading: the code of a score (:meth:`_score_codes`), a yes/no
        field's answer, else its label."""
        if f.name in self.scores:
            return code
        label = f.choices[code]
        return _VITAL.get(normalize_text(label), label) if f.name in self.yes_no else label

    def boxes(self, fname: str) -> list[tuple[int, str]]:
        """Every column of one checkbox field, known codes and unknown, in sheet order."""
        return sorted([*self.checkboxes.get(fname, []), *self.unknown_boxes.get(fname, [])])

    def decoded_header(self) -> tuple[list[object], list[str]]:
        """The header with each checkbox field named on its first box (the other boxes
        blank), and the checkbox fields; status columns are mapped as not data."""
        header: list[object] = list(self.header)
        checkbox_fields = sorted({*self.checkboxes, *self.unknown_boxes})
        for fname in checkbox_fields:
            cols = self.boxes(fname)
            header[cols[0][0]] = fname
            for i, _ in cols[1:]:
                header[i] = ""
        for i in self.status:
            self.mapping.setdefault(self.header[i], "ignore")
        return header, checkbox_fields

    def odd_box(self, r: int, fname: str, f: Field, i: int, code: str) -> Problem:
        """A box ticked whose code is not a choice of its field (sheet row ``r``)."""
        return Source(self.sheet.file, self.sheet.sheet, r).problem(
            "redcap_code",
            f"checkbox '{fname}' has box {code} ticked, which is not a choice of "
            f"the field in the data dictionary ({', '.join(f.choices)}); the cell is "
            "left missing: correct the record or export the dictionary of this project",
            column=self.header[i],
            col_index=i + 1,
            value=code,
        )

    def bad_box(self, r: int, fname: str, i: int, code: str, value: object) -> Problem:
        """A box holding neither 1 nor 0 (sheet row ``r``)."""
        return Source(self.sheet.file, self.sheet.sheet, r).problem(
            "redcap_code",
            f"checkbox '{fname}' box {code} holds a value other than 1 (ticked) or 0 "
            "(not ticked); the field is left missing: correct the record",
            column=self.header[i],
            col_index=i + 1,
            value=value,
        )


@dataclass
class Decoder(DecoderBase):
    """Decodes one records sheet with its dictionary, column by column (rules 1 and 2)."""

    def decode(self) -> RawSheet:
        width = len(self.header)
        new_header, checkbox_fields = self.decoded_header()
        raw = _Grid(self.sheet.rows[1:], width)
        out: dict[int, np.ndarray] = {}
        # problems keyed by (row, place in the row's reading), sorted at the end
        found: list[tuple[tuple[int, ...], Problem]] = []
        for i, h in enumerate(self.header):
            f = self.fields.get(h)
            if f is not None and f.choices and f.type != "checkbox":
                out[i] = self._coded(i, f, raw[i], found)
        self._answered: dict[str, np.ndarray] = {}
        for k, fname in enumerate(checkbox_fields):
            column = _spec_column(match_header(fname, self.mapping))
            self._combine(k, fname, column, raw, out, found)
        found.sort(key=lambda kp: kp[0])
        self.problems.extend(p for _, p in found)
        self.problems.extend(
            report_columns(self.sheet, self.header, self.unknown_boxes, self.unknown_columns)
        )
        return RawSheet(
            self.sheet.file, self.sheet.sheet, [new_header, *raw.rows(out)], header_row=1
        )

    def _source(self, k: int) -> Source:
        return Source(self.sheet.file, self.sheet.sheet, k + 2)

    def _coded(
        self,
        i: int,
        f: Field,
        cells: np.ndarray,
        found: list[tuple[tuple[int, ...], Problem]],
    ) -> np.ndarray:
        """A coded column's labels (each distinct code looked up once); an unknown code
        is reported on each of its rows and left missing."""
        codes, distinct = _factorized(cells)
        decoded: list[object] = []
        for code_value in distinct:
            code = _text(code_value)
            if is_missing(code_value):
                decoded.append(code_value)
            elif code in f.choices:
                decoded.append(self.choice(f, code))
            else:
                decoded.append(_UNKNOWN)
        table = np.empty(len(decoded), dtype=object)
        table[:] = decoded
        column = table[codes]
        unknown = [j for j, v in enumerate(decoded) if v is _UNKNOWN]
        if unknown:
            listed = ", ".join(f"{k} = {v}" for k, v in f.choices.items())
            for k in np.flatnonzero(np.isin(codes, unknown)):
                code = _text(cells[k])
                problem = self._source(int(k)).problem(
                    "redcap_code",
                    f"code {code} is not a choice of field '{f.name}' in the data dictionary "
                    f"({listed}); the cell is left missing: correct the record or export the "
                    "dictionary of this project",
                    column=f.name,
                    col_index=i + 1,
                    value=code,
                )
                found.append(((int(k), 0, i), problem))
            column[column == _UNKNOWN] = None
        return column

    def answered(self, form: str, raw: _Grid) -> np.ndarray:
        """Per row: another field of ``form`` is filled on it, or the form is marked
        saved (worked out once per form)."""
        if form not in self._answered:
            seen = np.zeros(raw.n, dtype=bool)
            for i in self.form_columns.get(form, []):
                seen |= _filled(raw[i])
            status = self.complete.get(form)
            if status is not None:
                seen |= np.isin(_texts(raw[status]), ["1", "2"])
            self._answered[form] = seen
        return self._answered[form]

    def _combine(
        self,
        k: int,
        fname: str,
        column: ColumnSpec | None,
        raw: _Grid,
        out: dict[int, np.ndarray],
        found: list[tuple[tuple[int, ...], Problem]],
    ) -> None:
        """One checkbox field's boxes combined into its first column (rule 2)."""
        f = self.fields[fname]
        known = self.checkboxes.get(fname, [])
        unknown = self.unknown_boxes.get(fname, [])
        n = raw.n
        text = {i: _texts(raw[i]) for i, _ in (*known, *unknown)}
        # the known boxes ticked on each row as a key: one name per distinct key
        mask = np.zeros(n, dtype=object if len(known) > 62 else np.int64)
        for bit, (i, _) in enumerate(known):
            mask = mask + (text[i] == "1") * (1 << bit)
        odd = np.zeros(n, dtype=bool)
        for j, (i, code) in enumerate(unknown):  # each box on its row and field
            ticked = text[i] == "1"
            odd |= ticked
            for r in np.flatnonzero(ticked):
                found.append(((int(r), 1, k, 0, j), self.odd_box(int(r) + 2, fname, f, i, code)))
        bad = np.zeros(n, dtype=bool)
        for j, (i, code) in enumerate((*known, *unknown)):
            wrong = ~np.isin(text[i], ["", "0", "1"])
            bad |= wrong
            for r in np.flatnonzero(wrong):
                found.append(
                    ((int(r), 1, k, 1, j), self.bad_box(int(r) + 2, fname, i, code, raw[i][r]))
                )
        codes, masks = pd.factorize(mask)
        names = []
        for m in masks:
            ticked = [f.choices[code] for bit, (_, code) in enumerate(known) if int(m) >> bit & 1]
            boolean = column is not None and column.type == "boolean"
            names.append(("yes" if boolean else ";".join(ticked)) if ticked else None)
        table = np.empty(len(names), dtype=object)
        table[:] = names
        value = table[codes]
        none = np.flatnonzero(mask == 0)
        if len(none):
            answered = none[self.answered(f.form, raw)[none]]
            value[none] = None
            value[answered] = _unticked(f, column)
        value[odd | bad] = None
        cols = self.boxes(fname)
        out[cols[0][0]] = value
        for i, _ in cols[1:]:
            out[i] = np.full(n, None, dtype=object)


_UNKNOWN = object()  # a code the dictionary does not list


def report_columns(
    sheet: RawSheet,
    header: list[str],
    unknown_boxes: dict[str, list[tuple[int, str]]],
    unknown_columns: list[str],
) -> list[Problem]:
    """The checkbox boxes and the record columns the dictionary does not describe."""
    file, name = sheet.file, sheet.sheet
    problems: list[Problem] = []
    for fname, cols in unknown_boxes.items():
        codes = ", ".join(code for _, code in cols)
        problems.append(
            sheet_problem(
                file,
                name,
                "redcap_dictionary",
                f"checkbox column(s) of '{fname}' with code(s) {codes} not among the "
                "field's choices in the data dictionary; ticked cells are reported "
                "and left missing",
                row=1,
                column=header[cols[0][0]],
            )
        )
    if not unknown_columns:
        return problems
    data_columns = [h for h in header if h and h not in SYSTEM]
    most = len(unknown_columns) > len(data_columns) / 2
    shown = ", ".join(f"'{c}'" for c in unknown_columns[:8])
    more = " ..." if len(unknown_columns) > 8 else ""
    problems.append(
        sheet_problem(
            file,
            name,
            "redcap_dictionary",
            f"{len(unknown_columns)} of {len(data_columns)} record columns are not "
            f"in the data dictionary ({shown}{more}); "
            + (
                "the dictionary does not describe this export: give the dictionary "
                "exported from the same project"
                if most
                else "they are read by their names only; export the dictionary again "
                "if the project changed"
            ),
            row=1,
            severity=ERROR if most else WARNING,
        )
    )
    return problems
