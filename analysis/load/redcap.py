"""REDCap exports: the records CSV (raw codes) with its data dictionary CSV.

Coded choices are decoded with the dictionary, checkbox columns (``field___code``) are
combined into one ';'-separated cell, fields flagged as identifiers are dropped, events
give the time point of outcome fields that lack one, and repeating instruments give
one procedure or new-fracture record per instance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analysis.config import LoadOptions
from analysis.io import RawSheet, read_csv_sheet
from analysis.load.header import detect_layout
from analysis.load.records import RowContext, Staged, stage_sheet
from analysis.normalize import is_missing, match_header
from analysis.problems import InputFormatError
from analysis.spec import load_spec, normalize_text

_DICT_NAME = "variable / field name"
_CHECKBOX = re.compile(r"^(?P<field>.+)___(?P<code>[^_].*)$")
_EVENT_ARM = re.compile(r"_arm_\d+$")


@dataclass(frozen=True)
class Field:
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


def _decode(sheet: RawSheet, fields: dict[str, Field]) -> tuple[RawSheet, dict[str, object]]:
    header = [str(h) for h in sheet.rows[0]]
    new_header: list[object] = list(header)
    checkbox_cols: dict[str, list[tuple[int, str]]] = {}
    for i, h in enumerate(header):
        m = _CHECKBOX.match(h)
        if m and m["field"] in fields and fields[m["field"]].type == "checkbox":
            checkbox_cols.setdefault(m["field"], []).append((i, m["code"]))
            new_header[i] = m["field"] if len(checkbox_cols[m["field"]]) == 1 else ""
    mapping = _label_mapping(fields)
    rows: list[list[object]] = [new_header]
    for raw in sheet.rows[1:]:
        row = list(raw) + [None] * (len(header) - len(raw))
        out: list[object] = list(row)
        for i, h in enumerate(header):
            f = fields.get(h)
            if f and f.choices and f.type != "checkbox" and not is_missing(row[i]):
                out[i] = f.choices.get(str(row[i]).strip(), row[i])
        for fname, cols in checkbox_cols.items():
            labels = [
                fields[fname].choices.get(code, code)
                for i, code in cols
                if str(row[i]).strip() == "1"
            ]
            out[cols[0][0]] = ";".join(labels) if labels else None
            for i, _ in cols[1:]:
                out[i] = None
        rows.append(out)
    return RawSheet(sheet.file, sheet.sheet, rows, header_row=1), mapping


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


def stage_redcap(records: Path, dictionary: Path, options: LoadOptions, out: Staged) -> None:
    """Stage a REDCap records export decoded with its data dictionary."""
    fields = read_dictionary(dictionary)
    raw = read_csv_sheet(records)
    if not raw.rows:
        raise InputFormatError(f"{records.name}: empty REDCap export")
    sheet, mapping = _decode(raw, fields)
    for key in (
        "redcap_event_name",
        "redcap_repeat_instrument",
        "redcap_repeat_instance",
        "redcap_data_access_group",
    ):
        mapping[key] = "ignore"
    mapping.update({str(k): v for k, v in options.mapping.items()})
    layout = detect_layout(sheet, mapping)
    if layout is None:
        raise InputFormatError(
            f"{records.name}: no study ID column recognised in the REDCap export"
        )
    stage_sheet(sheet, layout, options, out, _contexts(sheet, fields, mapping))
    out.problems[:] = [
        p for p in out.problems if not (p.rule == "unrecognised_column" and p.column == "")
    ]
