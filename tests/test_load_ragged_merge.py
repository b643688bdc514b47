"""A merged range starting past the last cell its row holds (a title block's empty line
merged across the sheet, a row with no cell stored) is read as blank, never a crash."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from analysis.load import inspect_input, load_cohort


def _sheet_with_an_empty_merge_past_the_title(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "H. Central"
    ws["A1"] = "Registro de vertebroplastias"
    ws.merge_cells("A1:G1")
    ws.merge_cells("A2:G2")  # a title block's empty line, merged across: no cell stored
    head = ["Código", "Edad", "Sexo", "Fecha cirugía", "Nivel", "EVA pre", "EVA 1 mes"]
    ws.append(head)
    for k in range(1, 6):
        ws.append([f"VP-HC-{k:03d}", 60 + k, "F", datetime(2022, 3, k), "L1", 8, 3])
    wb.save(path)
    return path


def test_an_empty_merge_past_a_rows_last_cell_is_blank(tmp_path):
    path = _sheet_with_an_empty_merge_past_the_title(tmp_path / "merged.xlsx")
    result = load_cohort(path)
    assert sorted(result.cohort.patients["patient_id"]) == [f"VP-HC-{k:03d}" for k in range(1, 6)]
    assert result.rows_in == result.rows_loaded + result.rows_reported
    assert len(result.cohort.assessments) == 10
    assert inspect_input(path).columns
