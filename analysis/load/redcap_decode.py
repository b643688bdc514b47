"""Decoding a REDCap records sheet with its dictionary: coded choices, checkbox columns,
and the columns the dictionary does not describe (rules 1 and 2 of
:mod:`analysis.load.redcap`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.io import RawSheet
from analysis.load.redcap_dictionary import Field
from analysis.normalize import Target, is_missing, match_header
from analysis.problems import ERROR, WARNING, Problem, Source, sheet_problem
from analysis.spec import ColumnSpec, load_spec, normalize_text

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


@dataclass
class Decoder:
    """Decodes one records sheet with its dictionary (rules 1 and 2)."""

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

    def boxes(self, fname: str) -> list[tuple[int, str]]:
        """Every column of one checkbox field, known codes and unknown, in sheet order."""
        return sorted([*self.checkboxes.get(fname, []), *self.unknown_boxes.get(fname, [])])

    def decode(self) -> RawSheet:
        new_header: list[object] = list(self.header)
        checkbox_fields = sorted({*self.checkboxes, *self.unknown_boxes})
        for fname in checkbox_fields:
            cols = self.boxes(fname)
            new_header[cols[0][0]] = fname
            for i, _ in cols[1:]:
                new_header[i] = ""
        for i in self.status:
            self.mapping.setdefault(self.header[i], "ignore")
        # the schema column of each checkbox field and the coded columns: found once
        column_of = {f: _spec_column(match_header(f, self.mapping)) for f in checkbox_fields}
        coded = [
            (i, f)
            for i, h in enumerate(self.header)
            if (f := self.fields.get(h)) is not None and f.choices and f.type != "checkbox"
        ]
        labels: dict[tuple[str, str], object] = {}
        rows: list[list[object]] = [new_header]
        for r, raw in enumerate(self.sheet.rows[1:], start=2):
            row = list(raw) + [None] * (len(self.header) - len(raw))
            out: list[object] = list(row)
            for i, f in coded:
                if not is_missing(row[i]):
                    out[i] = self._choice(r, i, f, row[i], labels)
            for fname in checkbox_fields:
                self._combine(r, row, out, fname, column_of[fname])
            rows.append(out)
        self._report_columns()
        return RawSheet(self.sheet.file, self.sheet.sheet, rows, header_row=1)

    def _choice(
        self, r: int, i: int, f: Field, value: object, labels: dict[tuple[str, str], object]
    ) -> object:
        code = _text(value)
        if (f.name, code) in labels:
            return labels[(f.name, code)]
        if code in f.choices:
            label = f.choices[code]
            read = _VITAL.get(normalize_text(label), label) if f.name in self.yes_no else label
            labels[(f.name, code)] = read
            return read
        self.problems.append(
            Source(self.sheet.file, self.sheet.sheet, r).problem(
                "redcap_code",
                f"code {code} is not a choice of field '{f.name}' in the data dictionary "
                f"({', '.join(f'{k} = {v}' for k, v in f.choices.items())}); the cell is left "
                "missing: correct the record or export the dictionary of this project",
                column=f.name,
                col_index=i + 1,
                value=code,
            )
        )
        return None

    def answered(self, row: list[object], form: str) -> bool:
        """Another field of ``form`` is filled on the row, or the form is marked saved."""
        if any(not is_missing(row[i]) for i in self.form_columns.get(form, [])):
            return True
        i = self.complete.get(form)
        return i is not None and _text(row[i]) in ("1", "2")

    def _combine(
        self,
        r: int,
        row: list[object],
        out: list[object],
        fname: str,
        column: ColumnSpec | None,
    ) -> None:
        f = self.fields[fname]
        known = self.checkboxes.get(fname, [])
        unknown = self.unknown_boxes.get(fname, [])
        ticked = [f.choices[code] for i, code in known if _text(row[i]) == "1"]
        odd = [(i, code) for i, code in unknown if _text(row[i]) == "1"]
        src = Source(self.sheet.file, self.sheet.sheet, r)
        for i, code in odd:  # each box on its row and field
            self.problems.append(
                src.problem(
                    "redcap_code",
                    f"checkbox '{fname}' has box {code} ticked, which is not a choice of "
                    f"the field in the data dictionary ({', '.join(f.choices)}); the cell is "
                    "left missing: correct the record or export the dictionary of this project",
                    column=self.header[i],
                    col_index=i + 1,
                    value=code,
                )
            )
        bad = [(i, code) for i, code in (*known, *unknown) if _text(row[i]) not in ("", "0", "1")]
        for i, code in bad:
            self.problems.append(
                src.problem(
                    "redcap_code",
                    f"checkbox '{fname}' box {code} holds a value other than 1 (ticked) or 0 "
                    "(not ticked); the field is left missing: correct the record",
                    column=self.header[i],
                    col_index=i + 1,
                    value=row[i],
                )
            )
        value: object
        if odd or bad:
            value = None
        elif ticked and column is not None and column.type == "boolean":
            value = "yes"
        elif ticked:
            value = ";".join(ticked)
        elif self.answered(row, f.form):
            value = _unticked(f, column)
        else:
            value = None
        cols = self.boxes(fname)
        out[cols[0][0]] = value
        for i, _ in cols[1:]:
            out[i] = None

    def _report_columns(self) -> None:
        file, sheet = self.sheet.file, self.sheet.sheet
        for fname, cols in self.unknown_boxes.items():
            codes = ", ".join(code for _, code in cols)
            self.problems.append(
                sheet_problem(
                    file,
                    sheet,
                    "redcap_dictionary",
                    f"checkbox column(s) of '{fname}' with code(s) {codes} not among the "
                    "field's choices in the data dictionary; ticked cells are reported "
                    "and left missing",
                    row=1,
                    column=self.header[cols[0][0]],
                )
            )
        if not self.unknown_columns:
            return
        data_columns = [h for h in self.header if h and h not in SYSTEM]
        most = len(self.unknown_columns) > len(data_columns) / 2
        shown = ", ".join(f"'{c}'" for c in self.unknown_columns[:8])
        more = " ..." if len(self.unknown_columns) > 8 else ""
        self.problems.append(
            sheet_problem(
                file,
                sheet,
                "redcap_dictionary",
                f"{len(self.unknown_columns)} of {len(data_columns)} record columns are not "
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
