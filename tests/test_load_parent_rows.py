"""A form tool's export (KoboToolbox, ODK): repeat-group sheets naming their parent's row
by ``_parent_index`` (the parent's ``_index``), not by the study ID, given the parent
row's study ID, every cell keeping its own address."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping

MAIN = [
    ["Study number", "Age", "Sex", "Date of procedure", "_id", "_index"],
    ["RG-01", 71, "F", "2022-03-01", 5501, 1],
    ["RG-02", 64, "M", "2022-04-11", 5502, 2],
    ["RG-03", 80, "F", "2022-05-20", 5503, 3],
]
LEVELS = [
    [
        "Level",
        "Cement volume (ml)",
        "_index",
        "_parent_table_name",
        "_parent_index",
        "_submission__id",
    ],
    ["T12", 3.5, 1, "registry", 1, 5501],
    ["L1", 4.0, 2, "registry", 1, 5501],
    ["L2", 2.5, 3, "registry", 2, 5502],
    ["L3", 3.0, 4, "registry", 3, 5503],
]


def _workbook(path: Path, levels: list[list[object]] = LEVELS) -> Path:
    book = openpyxl.Workbook()
    main = book.active
    main.title = "registry"
    for row in MAIN:
        main.append(row)
    child = book.create_sheet("levels")
    for row in levels:
        child.append(row)
    book.save(path)
    return path


def test_repeat_rows_take_their_parent_rows_study_id(tmp_path):
    result = load_cohort(_workbook(tmp_path / "form.xlsx"))
    procs = result.cohort.procedures
    assert procs[["patient_id", "level", "cement_volume_ml"]].values.tolist() == [
        ["RG-01", "T12", 3.5],
        ["RG-01", "L1", 4.0],
        ["RG-02", "L2", 2.5],
        ["RG-03", "L3", 3.0],
    ]
    assert [p for p in result.problems if p.severity == "error"] == []


def test_an_index_no_parent_row_holds_named_on_its_cell(tmp_path):
    levels = [list(r) for r in LEVELS]
    levels[3][4] = 9  # row 4 of the sheet: no parent row 9
    result = load_cohort(_workbook(tmp_path / "form.xlsx", levels))
    found = [p for p in result.problems if p.rule == "unknown_key"]
    assert [(p.sheet, p.cell, p.value) for p in found] == [("levels", "E4", "9")]


def test_the_mapping_loads_the_same(tmp_path):
    path = _workbook(tmp_path / "form.xlsx")
    inspection = inspect_input(path)
    assert any(s.status == "joined" and s.sheet == "levels" for s in inspection.sheets)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(inspection.mapping_yaml(), "utf-8")
    unaided = load_cohort(path)
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping)))
    for table in ("patients", "procedures", "assessments", "fractures"):
        pd.testing.assert_frame_equal(getattr(mapped.cohort, table), getattr(unaided.cohort, table))


def test_a_select_multiple_answers_split_columns_not_read(tmp_path):
    """``leak/none``, ``leak/disc`` (0/1) beside ``leak``: the answer is read once, from
    the column they extend; a 1 is not read as a vertebral level."""
    levels = [
        [
            *LEVELS[0][:2],
            "op/levels/leak",
            "op/levels/leak/none",
            "op/levels/leak/disc",
            *LEVELS[0][2:],
        ],
        *(
            [*row[:2], leak, int(leak == "none"), int(leak == "disc"), *row[2:]]
            for row, leak in zip(LEVELS[1:], ["none", "disc", "none", "disc"], strict=True)
        ),
    ]
    path = _workbook(tmp_path / "form.xlsx", levels)
    result = load_cohort(path)
    assert [p for p in result.problems if p.severity == "error"] == []
    reading = {c.header: c.label or "" for c in inspect_input(path).columns if c.sheet == "levels"}
    assert reading["op/levels/leak/disc"].startswith("ignore")
