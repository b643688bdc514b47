"""REDCap exports: the records CSV (raw codes) with its data dictionary CSV.

Rules, in order:

1. Dictionary. Coded choices (radio, dropdown) are decoded with the dictionary; a code
   the dictionary does not list is an error on its cell (set to missing). Fields flagged
   as identifiers are dropped. Record columns the dictionary does not describe are
   reported (a warning naming them; an error when most columns are unknown, as when the
   dictionary of another project was given).
2. Checkboxes. The columns of one checkbox field (``leak___1``, ``leak___2`` ...) are
   combined into one ';'-separated cell of the choice labels ticked. A field whose boxes
   are all 0 on a form that was answered (another field of that instrument filled on the
   row, or the instrument marked complete) means "none" for a multi-choice column that
   has a "none" value (leakage) and "no" for a yes/no column; on a form not answered it
   is missing. When the field lists an explicit "none" choice, all boxes 0 stays missing.
   A box whose code is not among the field's choices is reported; its ticked cells are
   set to missing.
3. Events and instruments. Events give the time point of outcome fields that lack one
   (``1_month_arm_1`` is the 1-month visit); repeating instruments whose fields are
   procedure or new-fracture fields give one procedure or new-fracture record per
   instance.
4. Follow-up. Last contact, death and vital status are read on whatever row holds them
   (an event, a repeating follow-up instrument, a baseline form): the patient's last
   follow-up is the latest follow-up date (or follow-up days) on any of their rows, and
   the patient died when any row says so; earlier contacts are not conflicts. Labels
   such as "Date of last contact" and "Last known alive" are read as the follow-up date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from analysis.config import LoadOptions
from analysis.io import RawSheet, read_csv_sheet
from analysis.load.header import detect_layout
from analysis.load.records import RowContext, Staged, stage_sheet
from analysis.normalize import (
    CellError,
    Target,
    is_missing,
    match_header,
    parse_cell,
    parse_date_column,
)
from analysis.problems import ERROR, WARNING, InputFormatError, Problem, Source, sheet_problem
from analysis.spec import ColumnSpec, load_spec, normalize_text

_DICT_NAME = "variable / field name"
_CHECKBOX = re.compile(r"^(?P<field>.+)___(?P<code>[^_].*)$")
_COMPLETE = re.compile(r"^(?P<form>.+)_complete$")
_EVENT_ARM = re.compile(r"_arm_\d+$")
_SYSTEM = (
    "redcap_event_name",
    "redcap_repeat_instrument",
    "redcap_repeat_instance",
    "redcap_data_access_group",
    "redcap_survey_identifier",
)
# Follow-up wordings of REDCap projects that the wide-sheet synonyms do not carry.
_FOLLOWUP_LABELS = frozenset(
    normalize_text(t)
    for t in (
        "date of last contact",
        "last contact",
        "last contact date",
        "date last known alive",
        "last known alive",
        "date of last follow-up visit",
    )
)


@dataclass(frozen=True)
class Field:
    """One field of a REDCap data dictionary."""

    name: str
    form: str
    type: str
    label: str
    choices: dict[str, str]
    identifier: bool


def read_dictionary(path: Path) -> dict[str, Field]:
    """Fields of a REDCap data dictionary CSV, keyed by variable name."""
    sheet = read_csv_sheet(path)
    if not sheet.rows:
        raise InputFormatError(f"{path.name}: empty data dictionary")
    header = [normalize_text(h) for h in sheet.rows[0]]
    want = {
        "name": _DICT_NAME,
        "form": "form name",
        "type": "field type",
        "label": "field label",
        "choices": "choices calculations or slider labels",
        "identifier": "identifier?",
    }
    idx = {}
    for key, title in want.items():
        title_n = normalize_text(title)
        pos = next((i for i, h in enumerate(header) if h == title_n or h.startswith(title_n)), None)
        if pos is None and key in ("name", "type"):
            raise InputFormatError(
                f"{path.name}: not a REDCap data dictionary (no '{title}' column)"
            )
        idx[key] = pos
    fields = {}
    for row in sheet.rows[1:]:

        def get(key: str, row: list[object] = row) -> str:
            pos = idx.get(key)
            return (
                "" if pos is None or pos >= len(row) or row[pos] is None else str(row[pos]).strip()
            )

        choices = {}
        if get("type") in ("radio", "dropdown", "checkbox"):
            for part in get("choices").split("|"):
                code, _, label = part.partition(",")
                if code.strip():
                    choices[code.strip()] = label.strip()
        fields[get("name")] = Field(
            get("name"),
            get("form"),
            get("type"),
            get("label"),
            choices,
            get("identifier").lower() == "y",
        )
    return fields


def _label_mapping(fields: dict[str, Field]) -> dict[str, object]:
    """Identifier fields dropped; fields known only by their label mapped through it."""
    mapping: dict[str, object] = {}
    for name, f in fields.items():
        by_name = match_header(name)
        if f.identifier or (by_name is not None and by_name.kind == "identifier"):
            mapping[name] = "identifier"
            continue
        if by_name is None and normalize_text(f.label) in _FOLLOWUP_LABELS:
            mapping[name] = "date:followup_date"
            continue
        target = match_header(f.label) if by_name is None and f.label else None
        if target is None:
            continue
        if target.kind == "column":
            mapping[name] = f"{target.table}.{target.column}"
        elif target.kind == "measure":
            mapping[name] = {
                "measure": target.measure,
                "timepoint": target.timepoint,
                "scale": target.scale,
            }
        elif target.kind == "date":
            mapping[name] = f"date:{target.column}"
        else:
            mapping[name] = target.kind
    return mapping


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
class _Decoder:
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
        for i, h in enumerate(self.header):
            m = _CHECKBOX.match(h)
            if m and m["field"] in self.fields and self.fields[m["field"]].type == "checkbox":
                known = m["code"] in self.fields[m["field"]].choices
                (self.checkboxes if known else self.unknown_boxes).setdefault(
                    m["field"], []
                ).append((i, m["code"]))
            elif h in self.fields and h != record_id:
                self.form_columns.setdefault(self.fields[h].form, []).append(i)
            elif (c := _COMPLETE.match(h)) and any(
                f.form == c["form"] for f in self.fields.values()
            ):
                self.complete[c["form"]] = i
            elif h and h not in self.fields and h not in _SYSTEM:
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
        for i in self.complete.values():
            self.mapping.setdefault(self.header[i], "ignore")
        rows: list[list[object]] = [new_header]
        for r, raw in enumerate(self.sheet.rows[1:], start=2):
            row = list(raw) + [None] * (len(self.header) - len(raw))
            out: list[object] = list(row)
            for i, h in enumerate(self.header):
                f = self.fields.get(h)
                if f and f.choices and f.type != "checkbox" and not is_missing(row[i]):
                    out[i] = self._choice(r, i, f, row[i])
            for fname in checkbox_fields:
                self._combine(r, row, out, fname)
            rows.append(out)
        self._report_columns()
        return RawSheet(self.sheet.file, self.sheet.sheet, rows, header_row=1)

    def _choice(self, r: int, i: int, f: Field, value: object) -> object:
        code = _text(value)
        if code in f.choices:
            return f.choices[code]
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

    def _combine(self, r: int, row: list[object], out: list[object], fname: str) -> None:
        f = self.fields[fname]
        known = self.checkboxes.get(fname, [])
        unknown = self.unknown_boxes.get(fname, [])
        ticked = [f.choices[code] for i, code in known if _text(row[i]) == "1"]
        odd = [(i, code) for i, code in unknown if _text(row[i]) == "1"]
        column = _spec_column(match_header(fname, self.mapping))
        value: object
        if odd:
            i, code = odd[0]
            self.problems.append(
                Source(self.sheet.file, self.sheet.sheet, r).problem(
                    "redcap_code",
                    f"checkbox '{fname}' has box {code} ticked, which is not a choice of "
                    f"the field in the data dictionary ({', '.join(f.choices)}); the cell is "
                    "left missing: correct the record or export the dictionary of this project",
                    column=self.header[i],
                    col_index=i + 1,
                    value=code,
                )
            )
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
                    f"field's choices in {self.dictionary_name}; ticked cells are reported "
                    "and left missing",
                    row=1,
                    column=self.header[cols[0][0]],
                )
            )
        if not self.unknown_columns:
            return
        data_columns = [h for h in self.header if h and h not in _SYSTEM]
        most = len(self.unknown_columns) > len(data_columns) / 2
        shown = ", ".join(f"'{c}'" for c in self.unknown_columns[:8])
        more = " ..." if len(self.unknown_columns) > 8 else ""
        self.problems.append(
            sheet_problem(
                file,
                sheet,
                "redcap_dictionary",
                f"{len(self.unknown_columns)} of {len(data_columns)} record columns are not "
                f"in the data dictionary {self.dictionary_name} ({shown}{more}); "
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


def _keep_latest(sheet: RawSheet, record_col: int, col: int, ranks: list[object | None]) -> None:
    """Per record, keep only the cell of ``col`` that ranks highest (rule 4). ``ranks``
    holds the parsed value of each data row; a cell that does not parse (None) is kept
    so that it is reported."""
    best: dict[str, tuple[object, int]] = {}
    for r, value in enumerate(ranks, start=1):
        if value is None:
            continue
        pid = _text(sheet.rows[r][record_col]).casefold()
        if pid not in best or value > best[pid][0]:  # type: ignore[operator]
            best[pid] = (value, r)
    keep = {r for _, r in best.values()}
    for r, value in enumerate(ranks, start=1):
        if value is not None and r not in keep:
            sheet.rows[r][col] = None


def _latest_followup(sheet: RawSheet, targets: dict[int, Target], options: LoadOptions) -> None:
    """Rule 4: one follow-up date, follow-up days and died value per record."""
    record_col = next(
        (i for i, t in targets.items() if t.kind == "column" and t.column == "patient_id"), None
    )
    if record_col is None:
        return
    spec = load_spec()
    for i, t in targets.items():
        cells = [row[i] if i < len(row) else None for row in sheet.rows[1:]]
        ranks: list[object | None]
        if t.kind == "date" and t.column == "followup_date":
            parsed = parse_date_column(cells, options.date_order)
            ranks = [d if isinstance(d, date) else None for d in parsed]
        elif t.kind == "column" and t.table == "patients" and t.column in ("followup_days", "died"):
            column = spec.column("patients", str(t.column))
            ranks = [None if is_missing(v) else _parsed(v, column) for v in cells]
        else:
            continue
        _keep_latest(sheet, record_col, i, ranks)


def _parsed(value: object, column: ColumnSpec) -> object | None:
    try:
        return parse_cell(value, column)
    except CellError:
        return None


def stage_redcap(records: Path, dictionary: Path, options: LoadOptions, out: Staged) -> None:
    """Stage a REDCap records export decoded with its data dictionary (rules above)."""
    fields = read_dictionary(dictionary)
    raw = read_csv_sheet(records)
    if not raw.rows:
        raise InputFormatError(f"{records.name}: empty REDCap export")
    mapping = _label_mapping(fields)
    for key in _SYSTEM:
        mapping[key] = "ignore"
    mapping.update({str(k): v for k, v in options.mapping.items()})
    decoder = _Decoder(raw, fields, mapping, dictionary.name)
    sheet = decoder.decode()
    layout = detect_layout(sheet, mapping, options)
    if layout is None:
        raise InputFormatError(
            f"{records.name}: no study ID column recognised in the REDCap export"
        )
    targets = {c.index - 1: c.target for c in layout.columns if c.target is not None}
    _latest_followup(sheet, targets, options)
    out.problems.extend(decoder.problems)
    stage_sheet(sheet, layout, options, out, _contexts(sheet, fields, mapping))
    out.problems[:] = [
        p for p in out.problems if not (p.rule == "unrecognised_column" and p.column == "")
    ]
