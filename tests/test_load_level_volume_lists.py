"""A header naming the treated levels and their cement as much as each other (``Niveaux =
ciment (ml)``) over cells giving each level its own volume (``D12=3,5 ; L1=4``): read as
the levels, each vertebra with its volume, on the first session's columns and on a second
session's (``2e geste : niveaux = ciment``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_HEADER = [
    "Code étude",
    "Sexe",
    "Âge",
    "Date VP",
    "Technique",
    "Niveaux = ciment (ml)",
    "EVA avant",
]
_ROWS = [
    ["P-01", "F", 71, datetime(2023, 3, 10), "VP", "D12=3,5 ; L1=4", 8],
    ["P-02", "H", 80, datetime(2023, 4, 3), "VP", "L1=6,5", 9],
    ["P-03", "F", 66, datetime(2023, 5, 8), "VP", "T12: 3,5 ml / L1: 4 ml", 7],
    ["P-04", "H", 75, datetime(2023, 6, 12), "VP", "D10=3,4 ; D11=3 ; D12=5,5", 10],
]


def _write(path: Path, second: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    extra = ["2e geste : date", "2e geste : niveaux = ciment"] if second else []
    ws.append([*_HEADER, *extra])
    for k, row in enumerate(_ROWS):
        more = [datetime(2023, 9, 1), "D9=2,5"] if second and k == 0 else [None, None][: len(extra)]  # fmt: skip
        ws.append([*row, *more])
    wb.save(path)
    return path


def test_levels_each_with_their_volume_under_a_header_naming_both(tmp_path):
    path = _write(tmp_path / "levels.xlsx")
    result = load_cohort(path)
    procs = result.cohort.procedures
    got = sorted(zip(procs["patient_id"], procs["level"], procs["cement_volume_ml"], strict=True))
    assert got == [
        ("P-01", "L1", 4.0),
        ("P-01", "T12", 3.5),
        ("P-02", "L1", 6.5),
        ("P-03", "L1", 4.0),
        ("P-03", "T12", 3.5),
        ("P-04", "T10", 3.4),
        ("P-04", "T11", 3.0),
        ("P-04", "T12", 5.5),
    ]
    assert not [p for p in result.problems if p.severity == "error"]
    read = _reproduced_by_its_mapping(path, tmp_path)
    assert read["Niveaux = ciment (ml)"].label == "procedures.level"


def test_a_second_sessions_levels_each_with_their_volume(tmp_path):
    path = _write(tmp_path / "second.xlsx", second=True)
    procs = load_cohort(path).cohort.procedures
    second = procs[(procs["patient_id"] == "P-01") & (procs["day"] > 0)]
    assert list(second["level"]) == ["T9"]
    assert list(second["cement_volume_ml"]) == [2.5]
    _reproduced_by_its_mapping(path, tmp_path)


def test_an_implausible_volume_after_its_level_is_named_on_the_levels_cell(tmp_path):
    """``L1=55`` (the decimal comma lost): the error names the levels' cell that wrote it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(_HEADER)
    for row in _ROWS:
        ws.append(row)
    ws.append(["P-05", "F", 70, datetime(2023, 7, 1), "VP", "L1=55", 8])
    wb.save(tmp_path / "big.xlsx")
    problems = load_cohort(tmp_path / "big.xlsx").problems
    bad = [p for p in problems if p.severity == "error"]
    assert [(p.row, p.column, p.cell) for p in bad] == [(6, "Niveaux = ciment (ml)", "F6")]
    assert "55 mL of cement in one vertebra" in bad[0].message


def _hospital_sheet(path: Path, pain_header: str, volume_header: str, status_header: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Cód. paciente", "Sexo", "Fecha", "Técnica", "Vértebra", volume_header, "Cemento", pain_header, "EVA 1m", status_header])  # fmt: skip
    ws.append(["HE-1", "F", datetime(2021, 3, 3), "VP", "T11", 3, "PMMA", 7, 4, "vivo"])
    ws.append([None, None, None, None, "T12", 2, None, None, None, None])
    ws.append(["HE-2", "F", datetime(2021, 7, 27), "CP", "T11", 3.5, "PMMA", 9, 4, "fallecido"])
    ws.append(["HE-3", "M", datetime(2021, 9, 2), "CP", "L1", 4.5, "PMMA", 10, 3, "vivo"])
    wb.save(path)
    return path


@pytest.mark.parametrize("volume_header", ["Vol/level (mL)"])
def test_a_volume_header_giving_its_unit_previa_pain_and_final_status(tmp_path, volume_header):
    """``Vol/level (mL)`` over each vertebra's volume is the cement volume (its unit
    confirms the field); ``EVA prev.`` is the pain before; ``Estado final`` (vivo /
    fallecido) whether the patient died."""
    path = _hospital_sheet(tmp_path / "he.xlsx", "EVA prev.", volume_header, "Estado final")
    cohort = load_cohort(path).cohort
    procs = cohort.procedures.sort_values(["patient_id", "level"])
    assert list(procs["cement_volume_ml"]) == [3.0, 2.0, 3.5, 4.5]
    pre = cohort.assessments[cohort.assessments["timepoint"] == "pre"]
    assert sorted(pre["value"]) == [7, 9, 10]
    assert dict(zip(cohort.patients["patient_id"], cohort.patients["died"], strict=True)) == {
        "HE-1": False,
        "HE-2": True,
        "HE-3": False,
    }
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_note_naming_the_cement_and_markers_listed_before_one_meaning(tmp_path):
    """Under a table whose cement is written only in its levels' cells (``D12=3,5``), a
    note naming one cement (``Ciment : PMMA pour tous.``) gives every session its cement;
    a note listing markers comma-apart before one meaning (``absent, ma iman = patient non
    venu au contrôle``) makes each a missed visit, not a bad score."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*_HEADER, "EVA M1"])
    for k, row in enumerate(_ROWS):
        ws.append([*row, "absent" if k == 1 else 3])
    ws.append([])
    ws.append(['Niveaux : D = dorsale (D12 = T12). "D12=3,5" = 3,5 ml dans D12. Ciment : PMMA pour tous.'])  # fmt: skip
    ws.append(["Haa / Maya = oui / non. absent, ma iman = patient non venu au contrôle. DCD = décédé."])  # fmt: skip
    wb.save(tmp_path / "notes.xlsx")
    result = load_cohort(tmp_path / "notes.xlsx")
    assert set(result.cohort.procedures["cement_type"]) == {"PMMA"}
    assert not [p for p in result.problems if p.severity == "error"]
    month = result.cohort.assessments[result.cohort.assessments["timepoint"] == "1m"]
    assert sorted(month["patient_id"]) == ["P-01", "P-03", "P-04"]
    _reproduced_by_its_mapping(tmp_path / "notes.xlsx", tmp_path)
