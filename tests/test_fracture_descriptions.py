"""A new-fractures table under the patients table, with a column describing each fracture
("new osteoporotic compression fracture (MRI)"): the description is the fracture's, not
the patient's cause, so it is not read as the etiology (where it would contradict a
traumatic patient's); inspect says so."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort

PATIENTS = ["Study ID", "Sex", "Age", "Etiology", "Date of procedure", "Level", "VAS pre"]
CAUSES = ["trauma", "osteoporosis", "trauma", "osteoporosis", "metastasis"]


def _register(path: Path) -> Path:
    """The patients table, two blank rows, then the titled new-fractures table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(PATIENTS)
    for i, cause in enumerate(CAUSES, 1):
        ws.append([f"P-{i:02d}", "F", 70 + i, cause, f"0{i}.03.2022", "L1", 7])
    ws.append([])
    ws.append([])
    ws.append(["New fractures during follow-up"])
    ws.append(["Study ID", "Date", "Level", "Description"])
    for k, pid in enumerate(["P-01", "P-03", "P-04"]):
        ws.append([pid, f"1{k}.09.2022", "L2", "new osteoporotic compression fracture (MRI)"])
    wb.save(path)
    return path


def test_a_fracture_description_is_not_the_patients_cause(tmp_path: Path) -> None:
    path = _register(tmp_path / "register.xlsx")
    result = load_cohort(path)
    assert not result.errors
    patients = result.cohort.patients.set_index("patient_id")
    assert patients.loc["P-01", "etiology"] == "traumatic"
    assert patients.loc["P-03", "etiology"] == "traumatic"
    assert sorted(result.cohort.fractures["patient_id"].astype(str)) == ["P-01", "P-03", "P-04"]
    described = next(c for c in inspect_input(path).columns if c.header == "Description")
    assert described.label is None and "describe the fracture" in described.reason
