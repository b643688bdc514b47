"""A patient card's table of operations, one row per vertebra, whose operation cells
(number, date, technique, cement) are merged down over the operation's rows: every
vertebra of the operation reads the merged cells' values, named at the merged cell."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def _card(ws, study: str, technique: str) -> None:
    ws.append(["PATIENT CARD", None, None, None, None, None])
    ws.append(["Study ID:", study, None, None, None, None])
    ws.append(["Sex:", "F", None, None, None, None])
    ws.append(["Age:", 71, None, None, None, None])
    ws.append([None] * 6)
    ws.append(["Session", "Date", "Level", "Technique", "Cement", "Volume (ml)"])
    ws.append([1, datetime(2022, 3, 16), "T12", technique, "PMMA", 2.5])
    ws.append([None, None, "L1", None, None, 3.5])
    ws.append([None, None, "L2", None, None, 4.0])
    for col in "ABDE":
        ws.merge_cells(f"{col}7:{col}9")


def _write(path: Path, techniques: dict[str, str]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for study, technique in techniques.items():
        _card(wb.create_sheet(study), study, technique)
    wb.save(path)
    return path


def test_cells_merged_down_an_operation_are_read_on_each_of_its_rows(tmp_path: Path) -> None:
    path = _write(tmp_path / "cards.xlsx", {"C-01": "Kyphoplasty", "C-02": "Vertebroplasty"})
    loaded = load_cohort(path)
    assert loaded.errors == []
    procs = loaded.cohort.procedures
    columns = ["patient_id", "level", "technique", "cement_type"]
    got = sorted(map(tuple, procs[columns].itertuples(index=False)))
    assert got == [
        ("C-01", "L1", "kyphoplasty", "PMMA"),
        ("C-01", "L2", "kyphoplasty", "PMMA"),
        ("C-01", "T12", "kyphoplasty", "PMMA"),
        ("C-02", "L1", "vertebroplasty", "PMMA"),
        ("C-02", "L2", "vertebroplasty", "PMMA"),
        ("C-02", "T12", "vertebroplasty", "PMMA"),
    ]
    shown = " ".join(s.note for s in inspect_input(path).sheets)
    assert (
        "8 table cell(s) under a cell merged down several rows read as that cell's value" in shown
    )
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_wrong_merged_cell_is_named_where_it_is_written(tmp_path: Path) -> None:
    loaded = load_cohort(_write(tmp_path / "cards.xlsx", {"C-01": "Kyphoplasty", "C-02": "Zement"}))
    cells = {(e.sheet, e.cell) for e in loaded.errors}
    assert cells == {("C-02", "D7")}
