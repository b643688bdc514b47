"""A register of one row per sitting (Madurai): a visit replaced by the next sitting
written as an arrow to that sitting's Roman numeral (``→ II``: see sitting II's row), a
missed visit as ``not came``, and a cause written before a dash with a note in brackets
(``RTA (two-wheeler) – # D10, L1``)."""

from __future__ import annotations

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import is_missing, parse_category
from analysis.problems import ERROR
from analysis.spec import load_spec


@pytest.mark.parametrize("text", ["→ II", "-> iii", "→ 2", "not came", "Not came"])
def test_a_cell_pointing_to_another_sitting_or_a_visit_not_come_is_missing(text):
    assert is_missing(text)


@pytest.mark.parametrize("text", ["→", "→ 7.5 mL", "II", "came"])
def test_an_arrow_alone_or_before_a_value_is_no_pointer(text):
    assert not is_missing(text)


def test_a_cause_before_a_dash_is_read_outside_its_brackets():
    etiology = load_spec().column("patients", "etiology")
    assert parse_category("RTA (two-wheeler) – # D10, L1", etiology) == "traumatic"
    assert parse_category("Trauma - RTA", etiology) == "traumatic"


def test_a_register_of_sittings_loads_without_false_errors(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Study No", "Age", "Sex", "Diagnosis", "Sitting", "DOP", "Level 1", "VAS Pre",
               "VAS 1 mth", "VAS 3 mth"])  # fmt: skip
    ws.append(["MD/01", 29, "M", "RTA (two-wheeler) – # D10", "I", "14.02.2024", "D10", 7,
               "not came", "→ II"])  # fmt: skip
    ws.append(["MD/01", 29, "M", "New # D7 – 2nd sitting", "II", "04.06.2024", "D7", 6, 2, 3])
    ws.append(["MD/02", 70, "F", "Osteoporotic wedge # L1", "I", "10.03.2024", "L1", 8, 4, 3])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    etiology = loaded.cohort.patients.set_index("patient_id")["etiology"].to_dict()
    assert etiology == {"MD/01": "traumatic", "MD/02": "osteoporotic"}
