"""A transposed sheet's repeat-operation rows named with a word for 'repeat' before the
field (Uzbek ``Takroriy: daraja``, ``Takroriy operatsiya sanasi``) are the second
session's fields, and the mapping ``inspect`` writes loads the same cohort."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from tests.test_sheet_shapes import _cohort, write_transposed


def test_repeat_rows_named_takroriy_are_the_second_session(tmp_path: Path) -> None:
    cohort = _cohort(4)
    path = write_transposed(cohort, tmp_path / "unit_summary.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    r = ws.max_row + 2
    rows = [("Takroriy operatsiya sanasi", "20.11.2023"), ("Takroriy: daraja", "L5"), ("Takroriy: usul", "VP")]  # fmt: skip
    for k, (label, value) in enumerate(rows):
        ws.cell(r + k, 1, label)
        ws.cell(r + k, 3, value)
    wb.save(path)
    result = load_cohort(path)
    assert not result.errors
    first = str(cohort.patients["patient_id"].iloc[0])
    procs = result.cohort.procedures
    mine = procs[procs["patient_id"].astype(str) == first].sort_values("day")
    last = mine.iloc[-1]
    assert (str(last["level"]), str(last["technique"])) == ("L5", "vertebroplasty")
    assert int(last["day"]) == (date(2023, 11, 20) - date(2021, 3, 1)).days
    assert mine["procedure_id"].nunique() == 2
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.procedures.equals(result.cohort.procedures)
