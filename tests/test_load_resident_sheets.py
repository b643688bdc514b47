"""Two residents' sheets of one unit, each with its own columns: the second writes each
vertebra's volume after its label (``L4: 4.5``) under ``Cemento por nivel (ml)`` and the
leak under ``Extravasación``, the first points to the second for a re-operated patient's
later cells (``ver hoja 2``), visits not yet due are ``pendiente``, and a later session's
cause names the new fracture it treats (``Fx nueva L4 (...)``). A score due months after
the patient's death is an error."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize import is_missing, parse_cell
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

FIRST = ["Código", "Edad", "Sexo", "Dx", "Fecha cx", "Nivel", "Técnica", "Vol. total cemento (ml)", "Fuga", "EVA pre", "EVA 1 mes", "EVA 6 meses", "Fallecido"]  # fmt: skip
SECOND = ["Código", "Sexo", "Edad (años)", "Diagnóstico", "Fecha procedimiento", "Nivel", "Procedimiento", "Cemento por nivel (ml)", "Extravasación", "EVA basal (mm)", "EVA 3 m (mm)", "EVA 12 m (mm)"]  # fmt: skip
# fmt: off
FIRST_ROWS = [
    ["HX-01", 78, "F", "OP", datetime(2021, 7, 16), "L1", "VP", 3, "No", 7, 2, 3, "No"],
    ["HX-02", 70, "M", "OP", datetime(2021, 8, 1), "L2", "VP", 4, "No", 8, 3, "ver hoja 2", "ver hoja 2"],
    ["HX-03", 80, "F", "OP", datetime(2021, 9, 1), "T12", "VP", 3, "No", 9, 4, 2, "Sí 15/11/2021"],
]
SECOND_ROWS = [
    ["HX-02", "M", 71, "Fx nueva L4 (paciente del Dr. A)", datetime(2022, 3, 10), "L4", "Vertebroplastia", "L4: 4.5", "ninguna", 80, 30, "pendiente"],
    ["HX-04", "F", 66, "Fractura por osteoporosis", datetime(2022, 4, 2), "T11", "Cifoplastia", "T11: 3", "paravertebral", 70, 20, 10],
    ["HX-05", "F", 60, "Fractura por osteoporosis", datetime(2022, 5, 2), "L1", "Cifoplastia", "L1: 45", "ninguna", 70, 20, 10],
]
# fmt: on


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Dr A 2021"
    second = wb.create_sheet("Dra B 2022")
    for ws, header, rows in ((first, FIRST, FIRST_ROWS), (second, SECOND, SECOND_ROWS)):
        ws.append(["Vertebroplastias / cifoplastias (EVA en mm en la hoja B)"])
        ws.append(header)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_a_volume_after_its_vertebra_s_label_is_that_vertebra_s_volume():
    volume = load_spec().column("procedures", "cement_volume_ml")
    assert parse_cell("L4: 4.5", volume) == 4.5
    assert parse_cell("T12 = 3 ml", volume) == 3.0


def test_a_pointer_to_another_sheet_and_a_visit_not_yet_due_hold_no_value():
    assert is_missing("ver hoja 2") and is_missing("pendiente")


@pytest.fixture
def residents(tmp_path):
    path = _workbook(tmp_path / "residents.xlsx")
    return path, load_cohort(path)


def test_each_vertebra_s_volume_and_leak_read_under_the_second_sheet_s_headers(residents):
    _, loaded = residents
    procs = loaded.cohort.procedures
    read = {
        (r["patient_id"], r["level"]): (r["cement_volume_ml"], r["leakage"])
        for r in procs.to_dict("records")
    }
    assert read[("HX-02", "L4")] == (4.5, "none") and read[("HX-04", "T11")] == (3.0, "paravertebral")  # fmt: skip
    errors = [(p.sheet, p.cell) for p in loaded.problems if p.severity == ERROR]
    assert ("Dra B 2022", "H5") in errors  # one vertebra's 45 mL, named on its cell


def test_a_score_due_long_after_death_is_an_error(residents):
    _, loaded = residents
    after = [p.cell for p in loaded.problems if p.rule == "after_death"]
    assert after == ["L5"]  # HX-03's 6-month score, the patient dead on day 75


def test_no_error_for_a_pointer_a_pending_visit_or_a_later_session_s_cause(residents):
    path, loaded = residents
    errors = [(p.sheet, p.cell) for p in loaded.problems if p.severity == ERROR]
    assert sorted(errors) == [("Dr A 2021", "L5"), ("Dra B 2022", "H5")]
    said = [p for p in loaded.problems if p.rule == "etiology_repeat"]
    assert [p.cell for p in said] == ["D3"] and "names a new fracture" in said[0].message
    _reproduced_by_its_mapping(path, tmp_path=path.parent)
