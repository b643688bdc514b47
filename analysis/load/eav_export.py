"""An electronic data capture system's long export: one row per record, field and value,
read back into one row per form instance through the export's field dictionary.

A study database (Castor EDC, OpenClinica, a registry's own) may export its data in
entity-attribute-value form: each row gives the participant, the form instance it belongs
to (``Procedure - 1``, ``Niveau - 3``: a form's name and its number), the instance it
hangs under (``Procedure - 1`` for a treated level of that procedure), a field's
identifier and the value. Beside it stand a field dictionary (one row per field: its
identifier, variable name, label and option group) and the option groups (each group's
codes and their labels). They are recognised by their contents:

- the data: a study-ID column, a column whose values are the identifiers of another
  file's rows (the fields), the value beside it; a column of instance names (a name and
  a number, ``Follow-up - 7``), and a column naming instances of that column (the parent);
- the dictionary: that other file; its variable names (distinct words such as
  ``niv_vol``) head the columns, its labels (``Cementvolume dit niveau (ml)``) read them
  as a codebook's labels do; a column naming option groups links a field to its codes;
- the option groups: a file whose first column holds the names of those groups; a group
  no field uses declares the codes meaning missing (``##USER_MISSING_99##``).

Each participant's fields outside any instance (baseline, end of study) make one row of
the participants' table; each instance makes one row of its form's table, carrying the
study ID and the fields of the instances above it (a level carries its procedure's date
and technique). A form whose instances have instances under them is read through them.
Option codes read as their labels (several ticked as ``1;2``), a code its group does not
hold an error on its cell; every cell keeps its place in the export, so problems name
the cells the user sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.io import RawSheet
from analysis.io.sheets import Place
from analysis.load.header_names import EAV_SHAPE
from analysis.load.reshape import Entry, Field, fields_sheet
from analysis.normalize import match_header
from analysis.problems import (
    CELL_MISSING,
    ERROR,
    ROW_EXCLUDED,
    WARNING,
    Problem,
    column_letter,
    sheet_problem,
)

SHAPE = EAV_SHAPE  # the shape a mapping file names the pivoted tables by
RULE = "eav_export"
PARTICIPANTS = "Participants"  # the table of the fields outside any form instance
_INSTANCE = re.compile(r"^(.*\S)\s*-\s*(\d+)$")  # "Follow-up - 7": a form and its number
_VARIABLE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")  # a variable's name: niv_vol
_SEPARATOR = re.compile(r"\s*[;,]\s*")  # several options ticked: "1;2"
_COVERED = 0.9  # share of a column's values that must be a dictionary's identifiers
_MIN_FIELDS = 3


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _column(sheet: RawSheet, j: int) -> list[str]:
    return [_text(sheet.row(i)[j]) if j < len(sheet.row(i)) else "" for i in range(1, sheet.n_rows)]


def _width(sheet: RawSheet) -> int:
    return len(sheet.row(0)) if sheet.n_rows else 0


@dataclass(frozen=True)
class _Dictionary:
    sheet: RawSheet
    key: int  # the fields' identifiers
    name: int  # their variable names
    label: int | None  # their labels
    group: int | None  # their option groups


@dataclass(frozen=True)
class _Export:
    sheet: RawSheet
    patient: int
    field: int
    value: int
    instance: int
    parent: int | None


def _dictionary(sheet: RawSheet, data: RawSheet) -> tuple[_Dictionary, int] | None:
    """``sheet`` as the field dictionary of ``data``, and the column of ``data`` naming
    its fields: a column of distinct identifiers that name (nearly) every value of one
    column of ``data``, beside a column of distinct variable names."""
    for k in range(_width(sheet)):
        keys = _column(sheet, k)
        if not all(keys) or len(set(keys)) != len(keys) or len(keys) < _MIN_FIELDS:
            continue
        for f in range(_width(data)):
            values = [v for v in _column(data, f) if v]
            if values and sum(v in set(keys) for v in values) >= _COVERED * len(values):
                name = _names_column(sheet, k)
                if name is not None:
                    return _Dictionary(sheet, k, name, _label_column(sheet, k, name), None), f
    return None


def _names_column(sheet: RawSheet, key: int) -> int | None:
    for j in range(_width(sheet)):
        values = _column(sheet, j)
        if j != key and all(_VARIABLE.match(v) for v in values) and len(set(values)) == len(values):  # fmt: skip
            return j
    return None


def _label_column(sheet: RawSheet, key: int, name: int) -> int | None:
    """The labels: the first column after the names of distinct filled texts."""
    for j in range(name + 1, _width(sheet)):
        values = _column(sheet, j)
        if j != key and all(values) and len(set(values)) == len(values):
            return j
    return None


def _option_groups(
    dictionary: _Dictionary, sheets: list[RawSheet]
) -> tuple[_Dictionary, RawSheet | None, dict[str, dict[str, str]]]:
    """The option groups (name -> code -> label) of a sheet whose first column names the
    groups a column of the dictionary names, and the dictionary with that column."""
    sheet = dictionary.sheet
    for other in sheets:
        if other is sheet or other.n_rows < 2 or _width(other) < 3:
            continue
        names = set(_column(other, 0))
        for j in range(_width(sheet)):
            used = {v for v in _column(sheet, j) if v}
            if j in (dictionary.key, dictionary.name) or not used or not used <= names:
                continue
            code, label = _code_columns(other)
            groups: dict[str, dict[str, str]] = {}
            for i in range(1, other.n_rows):
                row = other.row(i)
                group = _text(row[0])
                if group and code < len(row):
                    groups.setdefault(group, {})[_text(row[code])] = _text(row[label]) if label < len(row) else ""  # fmt: skip
            return replace(dictionary, group=j), other, groups
    return dictionary, None, {}


def _code_columns(sheet: RawSheet) -> tuple[int, int]:
    """The codes' column (the one most of whose values hold no letter, or a marker
    between hashes) and the labels' (the other)."""
    scores = []
    for j in range(1, _width(sheet)):
        values = [v for v in _column(sheet, j) if v]
        scores.append((sum(bool(re.fullmatch(r"-?\d+(?:\.\d+)?|#.*#", v)) for v in values), j))
    code = max(scores)[1]
    label = next(j for j in range(1, _width(sheet)) if j != code)
    return code, label


def _export(data: RawSheet, field: int) -> _Export | None:
    """The data's columns: the study ID (a header read as one), the value (beside the
    fields), the instance names and the parents naming them."""
    header = [_text(c) for c in data.row(0)]
    patient = next((j for j, h in enumerate(header) if _reads_as_id(h)), None)
    instance = next((j for j in range(_width(data)) if j not in (field, patient) and _instances(_column(data, j))), None)  # fmt: skip
    if patient is None or instance is None or field + 1 >= _width(data):
        return None
    names = set(_column(data, instance))
    parent = next(
        (
            j
            for j in range(_width(data))
            if j not in (instance, field, patient)
            and any(_column(data, j))
            and {v for v in _column(data, j) if v} <= names
        ),
        None,
    )
    return _Export(data, patient, field, field + 1, instance, parent)


def _instances(values: list[str]) -> bool:
    filled = [v for v in values if v]
    return bool(filled) and all(_INSTANCE.match(v) for v in filled)


def _record_number(label: str) -> bool:
    found = match_header(_BRACKETED.sub("", label)) if label else None
    return found is not None and found.kind == "identifier" and found.column == "mrn"


_BRACKETED = re.compile(r"\s*\([^()]*\)\s*$")


def _reads_as_id(header: str) -> bool:
    found = match_header(header) if header else None
    return found is not None and found.label == "patients.patient_id"


@dataclass
class _Record:
    patient: str
    key_at: Place
    form: str
    parent: str  # the instance above, "" for none
    fields: list[Field]


def eav_tables(sheets: list[RawSheet]) -> tuple[list[RawSheet], list[Problem]]:
    """The sheets with a long export, its dictionary and its option groups replaced by
    one table per form (see the module's words); unchanged when none is found."""
    for data in sheets:
        for sheet in sheets:
            found = _dictionary(sheet, data) if sheet is not data and data.n_rows > 1 else None
            export = _export(data, found[1]) if found else None
            if found is None or export is None:
                continue
            dictionary, options, groups = _option_groups(found[0], sheets)
            tables, problems = _pivoted(export, dictionary, groups)
            used = {data.sheet, dictionary.sheet.sheet} | ({options.sheet} if options else set())
            problems.append(_note(data, dictionary, options, tables))
            return [s for s in sheets if s.sheet not in used] + tables, problems
    return sheets, []


def _note(data: RawSheet, dictionary: _Dictionary, options: RawSheet | None, tables: list[RawSheet]) -> Problem:  # fmt: skip
    given = f" and the option groups of {options.sheet}" if options is not None else ""
    return sheet_problem(
        data.file,
        data.sheet,
        RULE,
        f"read as a long export (one row per field): its fields named by the dictionary "
        f"{dictionary.sheet.sheet}{given}, pivoted into one row per form instance "
        f"({', '.join(t.sheet for t in tables)})",
        severity=WARNING,
    )


def _pivoted(
    export: _Export, dictionary: _Dictionary, groups: dict[str, dict[str, str]]
) -> tuple[list[RawSheet], list[Problem]]:
    """One table per form (the participants' fields outside any instance in one), each
    row an instance with its study ID, its fields and those it carries from above."""
    data = export.sheet
    fields = _fields(dictionary, groups, _forms(export, dictionary))
    used = {id(f.codes) for f in fields.values()}
    missing = {code for g in groups.values() if id(g) not in used for code in g}
    problems: list[Problem] = []
    records = _records(export, fields, missing, problems)
    above = {_INSTANCE.match(r.parent).group(1) for r in records.values() if _INSTANCE.match(r.parent)}  # type: ignore[union-attr]  # fmt: skip
    under = {(r.patient, r.parent) for r in records.values() if r.parent}
    # a form some of whose instances hold a date: an event, dated by its own field
    dated = {r.form for r in records.values() if any(_DATE.fullmatch(_text(f.value)) for f in r.fields)}  # fmt: skip
    id_field = (_text(data.row(0)[export.patient]), (data.sheet, 1, export.patient + 1))
    labels = {f.name: f.label for f in fields.values() if f.label}
    tables: dict[str, list[Entry]] = {}
    for (patient, instance), record in records.items():
        if record.form in above:  # read through the instances under it
            if (patient, instance) not in under:
                problems.append(_alone(data, record, instance))
            continue
        row = [Field("", id_field[0], patient, record.key_at, id_field[1])]
        study = records.get((patient, ""))
        if record.form and study is not None:  # its record number, seen beside its ID
            row += [f for f in study.fields if _record_number(labels.get(f.label, f.label))]
        row += record.fields + _carried(records, record, dated)
        tables.setdefault(record.form, []).append(Entry(record.key_at, tuple(row)))
    out = []
    for form, entries in tables.items():
        sheet = fields_sheet(data.file, form or PARTICIPANTS, entries, _HOW, SHAPE)
        named = sorted({str(c) for c in sheet.row(1) if c} & set(labels))
        out.append(replace(sheet, variable_labels=tuple((n, labels[n]) for n in named)))
    return out, problems


_HOW = "a long export pivoted by its field dictionary"


@dataclass(frozen=True)
class _FieldDef:
    name: str
    label: str
    codes: dict[str, str] | None
    form: str


def _fields(
    dictionary: _Dictionary, groups: dict[str, dict[str, str]], forms: dict[str, str]
) -> dict[str, _FieldDef]:
    """Each field's identifier -> its name, label, option codes and form."""
    d = dictionary.sheet
    out = {}
    for i in range(1, d.n_rows):
        row = d.row(i)
        key = _text(row[dictionary.key])
        label = _text(row[dictionary.label]) if dictionary.label is not None else ""
        group = _text(row[dictionary.group]) if dictionary.group is not None else ""
        out[key] = _FieldDef(_text(row[dictionary.name]), label, groups.get(group), forms.get(key, ""))  # fmt: skip
    return out


def _records(
    export: _Export, fields: dict[str, _FieldDef], missing: set[str], problems: list[Problem]
) -> dict[tuple[str, str], _Record]:
    """The export's rows gathered by participant and instance ("" outside any); a row
    naming a field the dictionary does not hold is said and not read."""
    data = export.sheet
    records: dict[tuple[str, str], _Record] = {}
    for i in range(1, data.n_rows):
        row = data.row(i)

        def cell(j: int | None, row: list[object] = row) -> str:
            return _text(row[j]) if j is not None and j < len(row) else ""

        patient, key, instance = cell(export.patient), cell(export.field), cell(export.instance)
        if not patient:
            continue
        if key not in fields:
            problems.append(_unknown_field(data, i + 1, export.field, key))
            continue
        field = fields[key]
        at: Place = (data.sheet, i + 1, export.value + 1)
        record = records.get((patient, instance))
        if record is None:
            found = _INSTANCE.match(instance)
            form = found.group(1) if found else ""
            record = _Record(patient, (data.sheet, i + 1, export.patient + 1), form, cell(export.parent), [])  # fmt: skip
            records[(patient, instance)] = record
        value = _decoded(cell(export.value), field, missing, data, at, problems)
        group = "" if instance else field.form  # a participant's field: under its form
        record.fields.append(Field(group, field.name, value, at, (data.sheet, 1, export.field + 1)))  # fmt: skip
    return records


def _unknown_field(data: RawSheet, row: int, column: int, key: str) -> Problem:
    cell = f"{column_letter(column + 1)}{row}"
    return Problem(
        data.file,
        data.sheet,
        row,
        _text(data.row(0)[column]),
        cell,
        None,
        "unknown_field",
        WARNING,
        f"{data.sheet}!{cell}: a field the field dictionary does not hold; row not read",
        ROW_EXCLUDED,
    )


def _alone(data: RawSheet, record: _Record, instance: str) -> Problem:
    return sheet_problem(
        data.file,
        data.sheet,
        "instance_alone",
        f"{instance} of row {record.key_at[1]} has no instance under it (its vertebrae, "
        "its visits); its fields are not read",
        row=record.key_at[1],
        severity=WARNING,
    )


def _forms(export: _Export, dictionary: _Dictionary) -> dict[str, str]:
    """Each field's form, from the dictionary's column naming the forms the export's
    instances are of (``Niveau`` of ``Niveau - 3``); none without such a column."""
    made = {m.group(1) for v in _column(export.sheet, export.instance) if (m := _INSTANCE.match(v))}
    d = dictionary.sheet
    for j in range(_width(d)):
        values = _column(d, j)
        if j not in (dictionary.key, dictionary.name) and made & set(values):
            return {_text(d.row(i)[dictionary.key]): values[i - 1] for i in range(1, d.n_rows)}
    return {}


def _carried(
    records: dict[tuple[str, str], _Record], record: _Record, dated_forms: set[str]
) -> list[Field]:
    """The fields of the instances above ``record``: all of them for an instance of
    details (a treated level of its procedure), only their dates for a dated event (a
    visit after its procedure)."""
    dated = record.form in dated_forms
    out: list[Field] = []
    above, seen = record.parent, set()
    while above and above not in seen:
        seen.add(above)
        up = records.get((record.patient, above))
        if up is None:
            break
        out += [f for f in up.fields if not dated or _DATE.fullmatch(_text(f.value))]
        above = up.parent
    return out


_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


def _decoded(
    value: str,
    field: _FieldDef,
    missing: set[str],
    data: RawSheet,
    at: Place,
    problems: list[Problem],
) -> object:
    """A value as read: a declared missing code as blank, an option's code (or several)
    as its label; a code its group does not hold an error on its cell, left blank."""
    codes = field.codes
    if not value or value in missing:
        return None
    if codes is None:
        return value
    parts = [p for p in _SEPARATOR.split(value) if p]
    if all(p in codes for p in parts):
        return "; ".join(codes[p] for p in parts)
    cell = f"{column_letter(at[2] or 1)}{at[1]}"
    keys = list(codes)
    span = f"{keys[0]}-{keys[-1]}" if len(keys) > 3 else ", ".join(keys)
    header = _text(data.row(0)[at[2] - 1]) if at[2] else ""
    problems.append(
        Problem(
            data.file,
            data.sheet,
            at[1],
            f"{header} ({field.name})",
            cell,
            value,
            "unknown_code",
            ERROR,
            f"{data.sheet}!{cell} '{value}': not a code of the option group of field "
            f"{field.name} (codes {span}); correct the code",
            CELL_MISSING,
        )
    )
    return None


__all__ = ["RULE", "SHAPE", "eav_tables"]
