"""A mapping table's ``fill``: a field the table leaves unwritten, one value on all its rows
(a unit's one cement; a second session with no cement column of its own)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.problems import InputFormatError

ROWS = [
    [
        "Study ID",
        "Sex",
        "Age",
        "Date",
        "Level",
        "Technique",
        "Cement",
        "Repeat date",
        "Repeat level",
    ],
    ["P1", "F", 71, "2021-03-04", "L1", "VP", "Calcium phosphate", "2021-05-02", "L2"],
    ["P2", "M", 80, "2021-04-09", "T12", "KP", None, None, None],
    ["P3", "F", 66, "2021-06-01", "L3", None, "PMMA", None, None],
]


def _workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    for row in ROWS:
        ws.append(row)
    path = tmp_path / "cases.xlsx"
    wb.save(path)
    return path


def _with_fill(tmp_path: Path, path: Path, fill: dict[str, str]) -> Path:
    layout = inspect_input(path).mapping()
    (table,) = layout["tables"]
    table["fill"] = fill
    mapping = tmp_path / "m.yaml"
    mapping.write_text(yaml.safe_dump(layout, allow_unicode=True), "utf-8")
    return mapping


def _by_level(cohort, column: str) -> dict[str, object]:
    procs = cohort.procedures
    return {
        str(lv): (None if v != v else v)
        for lv, v in zip(procs["level"], procs[column], strict=True)
    }


def test_fill_gives_the_blank_fields_of_the_table_one_value(tmp_path):
    path = _workbook(tmp_path)
    unaided = load_cohort(path).cohort
    assert _by_level(unaided, "cement_type")["L2"] is None  # the repeat has no cement column
    assert _by_level(unaided, "cement_type")["T12"] is None
    mapping = _with_fill(tmp_path, path, {"procedures.cement_type": "PMMA", "procedures.technique": "vertebroplasty"})  # fmt: skip
    edited = load_cohort(path, options_from_mapping(read_mapping(mapping))).cohort
    cement = _by_level(edited, "cement_type")
    assert cement == {"L1": "calcium phosphate", "L2": "PMMA", "T12": "PMMA", "L3": "PMMA"}
    technique = _by_level(edited, "technique")  # a written cell always wins
    assert technique == {"L1": "vertebroplasty", "L2": "vertebroplasty", "T12": "kyphoplasty", "L3": "vertebroplasty"}  # fmt: skip


def test_an_unedited_mapping_writes_no_fill_and_loads_as_unaided(tmp_path):
    path = _workbook(tmp_path)
    layout = inspect_input(path).mapping()
    assert all("fill" not in t for t in layout["tables"])
    mapping = tmp_path / "m.yaml"
    mapping.write_text(yaml.safe_dump(layout, allow_unicode=True), "utf-8")
    again = load_cohort(path, options_from_mapping(read_mapping(mapping))).cohort
    assert again.procedures.equals(load_cohort(path).cohort.procedures)


def test_a_fill_names_a_known_field_and_a_value_it_can_hold(tmp_path):
    path = _workbook(tmp_path)
    mapping = _with_fill(tmp_path, path, {"procedures.level": "L1"})
    with pytest.raises(InputFormatError, match=r"tables\[0\] \(sheet 'Cases'\) > fill"):
        read_mapping(mapping)
    mapping = _with_fill(tmp_path, path, {"procedures.cement_type": "glue"})
    with pytest.raises(InputFormatError, match=r"fill > procedures.cement_type: 'glue'"):
        options_from_mapping(read_mapping(mapping))
