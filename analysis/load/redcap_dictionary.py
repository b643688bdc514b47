"""The REDCap data dictionary: fields, their forms, types, labels and coded choices."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.io import read_csv_sheet
from analysis.normalize import Target, match_header
from analysis.problems import InputFormatError
from analysis.spec import load_spec, normalize_text

_DICT_NAME = "variable / field name"
# Wordings of REDCap projects that the wide-sheet synonyms do not carry: follow-up as
# last contact, death as vital status.
_REDCAP_LABELS = {
    normalize_text(label): target
    for labels, target in (
        (
            (
                "date of last contact",
                "last contact",
                "last contact date",
                "date last known alive",
                "last known alive",
                "date of last follow-up visit",
            ),
            "date:followup_date",
        ),
        (("vital status", "vital status at last contact", "patient status"), "patients.died"),
    )
    for label in labels
}


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


def _not_yes_no(field: Field, target: Target) -> bool:
    """A yes/no field whose label names a field that is no yes/no (``New fracture?``
    naming the fracture's level): the cells decide, not the label."""
    if field.type not in ("yesno", "truefalse"):
        return False
    if target.kind != "column" or target.table is None:
        return True
    return load_spec().column(target.table, str(target.column)).type not in ("boolean", "category")


def label_mapping(fields: dict[str, Field]) -> dict[str, object]:
    """Identifier fields dropped (a birth date read for the age it gives, never kept); the
    first field (REDCap's record ID, whatever its name) is the study ID; fields known only
    by their label mapped through it."""
    mapping: dict[str, object] = {}
    record_id = next(iter(fields), None)
    for name, f in fields.items():
        by_name = match_header(name)
        if f.identifier or (by_name is not None and by_name.kind == "identifier"):
            born = by_name is not None and by_name.column == "birth_date"
            mapping[name] = "identifier:birth_date" if born else "identifier"
            continue
        if name == record_id:
            mapping[name] = "patients.patient_id"
            continue
        label = normalize_text(f.label)
        if by_name is None and label in _REDCAP_LABELS:
            mapping[name] = _REDCAP_LABELS[label]
            continue
        target = match_header(f.label) if by_name is None and f.label else None
        if target is None or _not_yes_no(f, target):
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
