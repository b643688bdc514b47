"""The mapping file: a workbook's layout written out, edited, and read back.

``vertebro inspect --write-mapping`` writes every table the loader found (its sheet,
header row, a visit sheet's time point, a new-fractures role) and every column of it,
read or not, with how it is read; passed back with ``--mapping``, staging executes that
layout as written, so an unedited mapping loads exactly what recognition loaded. The short
form ``columns:`` (header -> reading) overrides single columns while the loader
recognises the rest. The format is ``data_schema/mapping.schema.json``; a file is checked
against it on reading and every problem is named by its key, sheet and column.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from analysis.load.header import HeaderColumn
from analysis.normalize import CellError, Target, is_missing, parse_cell
from analysis.normalize.headers import mapping_target
from analysis.normalize.series import SERIES, series_timepoints
from analysis.normalize.timepoints import visit_number
from analysis.problems import InputFormatError, column_letter
from analysis.spec import load_spec


@dataclass(frozen=True)
class TableSpec:
    """One table of a mapping file: where it is and how each column is read."""

    sheet: str
    header_row: int | None = None
    skip: bool = False
    timepoint: str | None = None
    role: str | None = None
    columns: tuple[HeaderColumn, ...] = ()
    shape: str | None = None  # a table the loader reshapes: ``sheet`` is the table's name
    # a measurement export: the letters of its measure names and of their values
    measure_rows: tuple[str, str] | None = None
    # an export of one item per row: the letter of its column of item kinds
    item_kinds: str | None = None
    # a field the table leaves unwritten that holds one value on all its rows: (column, value)
    fill: tuple[tuple[str, object], ...] = ()


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("analysis").joinpath("data_schema", "mapping.schema.json").read_text("utf-8")  # fmt: skip
    return dict(json.loads(text))


def _where(error: Any, raw: dict[str, Any]) -> str:
    """``tables[2] (sheet 'Visits') > columns > D > read_as``: the key of a schema error,
    with the sheet it concerns."""
    parts: list[str] = []
    path = list(error.absolute_path)
    for i, key in enumerate(path):
        if isinstance(key, int) and path[i - 1 : i] == ["tables"]:
            sheet = (
                raw["tables"][key].get("sheet") if isinstance(raw["tables"][key], dict) else None
            )
            parts[-1] = f"tables[{key}]" + (f" (sheet '{sheet}')" if sheet else "")
        else:
            parts.append(str(key))
    return " > ".join(parts) or "the file"


def read_mapping(path: Path) -> dict[str, Any]:
    """Read and check a mapping YAML file; every problem found, named by its key."""
    if not path.exists():
        raise InputFormatError(f"{path}: mapping file not found")
    try:
        raw = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputFormatError(f"{path.name}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise InputFormatError(f"{path.name}: a mapping file holds 'tables:' or 'columns:' and options")  # fmt: skip
    from jsonschema import Draft202012Validator

    errors = sorted(Draft202012Validator(_schema()).iter_errors(raw), key=lambda e: list(e.absolute_path))  # fmt: skip
    if errors:
        lines = [f"{_where(e, raw)}: {_plain(e)}{_hint(e)}" for e in errors[:20]]
        raise InputFormatError(
            f"{path.name}: {len(errors)} problem(s) with the mapping file (format: "
            "data_schema/mapping.schema.json):\n  " + "\n  ".join(lines)
        )
    problems = _targets_known(raw)
    if problems:
        raise InputFormatError(f"{path.name}: " + "; ".join(problems))
    return raw


def _hint(error: Any) -> str:
    """What the key holds, from the schema's own description of it."""
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    return f" ({described})" if described else ""


def _plain(error: Any) -> str:
    if error.validator == "additionalProperties":
        return f"unknown key(s): {error.message.split('(')[-1].rstrip(')')}"
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(repr, error.validator_value))}"
    return str(error.message)


def _targets_known(raw: dict[str, Any]) -> list[str]:
    """Readings that name no column of the cohort schema, each with where it is."""
    problems = []
    for header, value in (raw.get("columns") or {}).items():
        try:
            mapping_target(value)
        except ValueError as exc:
            problems.append(f"columns > {header}: {exc}")
    for i, table in enumerate(raw.get("tables") or ()):
        for letter, col in (table.get("columns") or {}).items():
            try:
                mapping_target(col["read_as"])
            except ValueError as exc:
                problems.append(f"tables[{i}] (sheet '{table['sheet']}') > columns > {letter}: {exc}")  # fmt: skip
    return problems


def _index(letter: str) -> int:
    n = 0
    for ch in letter:
        n = n * 26 + ord(ch) - 64
    return n


def table_specs(raw: dict[str, Any]) -> tuple[TableSpec, ...]:
    """The ``tables:`` of a mapping file read (already checked by :func:`read_mapping`)."""
    out = []
    for table in raw.get("tables") or ():
        columns = []
        for letter, col in (table.get("columns") or {}).items():
            target: Target | None = mapping_target(col["read_as"])
            if target is not None and target.kind == "ignore":
                target = None
            columns.append(
                HeaderColumn(
                    _index(letter),
                    str(col.get("header", "")),
                    target,
                    1.0,
                    reason="mapping file",
                    slot=int(col.get("slot", 0)),
                    session=int(col.get("session", 1)),
                    date_order=col.get("date_order"),
                    calendar=col.get("calendar"),
                )
            )
        out.append(
            TableSpec(
                str(table["sheet"]),
                table.get("header_row"),
                bool(table.get("skip", False)),
                table.get("timepoint"),
                table.get("role"),
                tuple(sorted(columns, key=lambda c: c.index)),
                table.get("shape"),
                _measure_rows(table.get("measure_rows")),
                (table.get("measure_rows") or {}).get("kinds"),
                _fill(table.get("fill") or {}),
            )
        )
    return tuple(out)


def _fill(given: dict[str, Any]) -> tuple[tuple[str, object], ...]:
    """A table's ``fill``: each ``procedures.<column>`` with its value parsed as the
    column's own cells are."""
    spec = load_spec()
    out = []
    for key, value in given.items():
        column = key.split(".", 1)[1]
        try:
            out.append((column, parse_cell(value, spec.column("procedures", column))))
        except CellError as exc:
            raise InputFormatError(f"fill > {key}: {value!r} {exc}") from None
    return tuple(out)


def fill_blanks(records: list[dict[str, Any]], fill: tuple[tuple[str, object], ...]) -> None:
    """Give each record the ``fill`` values of the fields it was given none of."""
    for record in records:
        for column, value in fill:
            if is_missing(record.get(column)):
                record[column] = value


def _measure_rows(given: object) -> tuple[str, str] | None:
    if not isinstance(given, dict):
        return None
    return str(given["names"]), str(given["values"])


def reading_of(col: HeaderColumn) -> object:
    """A column's reading as a mapping file writes it."""
    t = col.target
    if t is None or t.kind == "ignore":
        return "ignore"
    if t.kind == "identifier":
        return "identifier" if t.column in (None, "mapped") else f"identifier:{t.column}"
    if t.kind == "measure":
        out: dict[str, object] = {"measure": t.measure}
        if visit_number(t.timepoint) is not None:  # a numbered visit's, read by its date
            out["visit"] = visit_number(t.timepoint)
        elif t.timepoint is not None:
            out["timepoint"] = t.timepoint
        if t.scale is not None:
            out["scale"] = int(t.scale)
        return out
    if t.kind == "visit":
        return "visit"
    if t.kind == SERIES:  # scores at several time points in one cell
        series: dict[str, object] = {"measure": t.measure, "timepoints": list(series_timepoints(t))}  # fmt: skip
        if t.scale is not None:
            series["scale"] = int(t.scale)
        return series
    return t.label


def column_entry(col: HeaderColumn) -> dict[str, object]:
    """One column of a table, as the mapping file writes it."""
    entry: dict[str, object] = {"header": col.header, "read_as": reading_of(col)}
    if col.session != 1:
        entry["session"] = col.session
    if col.slot:
        entry["slot"] = col.slot
    if col.date_order is not None:
        entry["date_order"] = col.date_order
    if col.calendar is not None:
        entry["calendar"] = col.calendar
    return entry


def letter_of(col: HeaderColumn) -> str:
    return column_letter(col.index)
