"""An operation's levels listed in one column and each row's own vertebra in another.

A register kept one row per treated vertebra may write all levels of the operation in a
cell merged over its rows (``T12, L1``) and, beside it, the vertebra of the row (``T12``;
``L1``), each row with that vertebra's cement. Both columns read as the treated level; the
one naming one vertebra a row is the one read, the list said in a warning.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping

HEAD = ["Study ID", "Sex", "Age", "Date", "Technique", "Levels", "Level", "Cement (ml)"]
ROWS = [
    ["P1", "F", 71, "2022-03-04", "PVP", "T12, L1", "T12", 3.5],
    [None, None, None, None, None, None, "L1", 2.5],
    ["P2", "M", 66, "2022-04-05", "PKP", "L2", "L2", 4.0],
    ["P3", "F", 80, "2022-05-06", "PVP", "L3, L4", "L3", 3.0],
    [None, None, None, None, None, None, "L7", 2.0],
]


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(HEAD)
    for row in ROWS:
        ws.append(row)
    for first, last in ((2, 3), (5, 6)):  # the patient's and operation's cells merged down
        for letter in "ABCDEF":
            ws.merge_cells(f"{letter}{first}:{letter}{last}")
    wb.save(path)
    return path


def _levels(path: Path, options=None) -> dict[tuple[str, str], float]:
    procs = load_cohort(path, options).cohort.procedures
    return {
        (str(p), str(lv)): float(v)
        for p, lv, v in zip(
            procs["patient_id"], procs["level"], procs["cement_volume_ml"], strict=True
        )
    }


def test_the_column_naming_one_vertebra_a_row_is_read(tmp_path):
    path = _register(tmp_path / "r.xlsx")
    result = load_cohort(path)
    assert _levels(path) == {("P1", "T12"): 3.5, ("P1", "L1"): 2.5, ("P2", "L2"): 4.0}
    (dup,) = [p for p in result.problems if p.rule == "duplicate_header"]
    assert dup.cell.startswith("F")
    assert "only column G is read, naming one vertebra a row" in dup.message
    (wrong,) = [p for p in result.problems if p.severity == "error"]
    assert wrong.cell == "G6" and "not a vertebral level" in wrong.message


def test_a_single_level_column_beside_another_keeps_the_first(tmp_path):
    path = tmp_path / "s.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD)
    ws.append(["P1", "F", 71, "2022-03-04", "PVP", "T12", "L1", 3.5])
    ws.append(["P2", "M", 66, "2022-04-05", "PKP", "L2", "L3", 4.0])
    wb.save(path)
    assert set(_levels(path)) == {("P1", "T12"), ("P2", "L2")}


def test_the_unedited_mapping_reads_the_same_column(tmp_path):
    path = _register(tmp_path / "r.xlsx")
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    assert _levels(path, options_from_mapping(read_mapping(written))) == _levels(path)
