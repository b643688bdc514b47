"""A register of one row per patient whose age and sex share a cell with the age's unit
(``79 Y / M``) and whose second session is written out in one free-text cell under a
header naming only that session (``2nd sitting``: ``02.02.2023 – PVP L1 (3 ml), no leak.
VAS 9 → 4 at 1 mo``): the cell's level and date are no new fracture."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import parse_pair
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = ["Study ID", "Age/Sex", "Date of procedure", "Procedure", "Level", "VAS pre",
           "2nd sitting", "New fracture"]  # fmt: skip


def _register(tmp_path: Path, second: str = "2nd sitting") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VP register"
    ws.append([second if h == "2nd sitting" else h for h in _HEADER])
    ws.append(["P-1", "79 Y / M", "11.12.2023", "PVP", "L2", 8,
               "02.02.2024 – PVP L1 (3 ml), no leak. VAS 9 → 4 at 1 mo", None])  # fmt: skip
    ws.append(["P-2", "68/F", "03.01.2024", "BKP", "T12", 9, None, "L1 20.03.2024"])
    ws.append(["P-3", "71 Y / F", "15.01.2024", "PVP", "L4", 7,
               "08.03.2024 – PVP L3 (2.5 ml), no leak. VAS 8 → 3 at 1 mo", None])  # fmt: skip
    ws.append(["P-4", "80 Y / M", "22.01.2024", "PVP", "T8", 6,
               "10.04.2024 – PVP T9 (2 ml), no leak. VAS 7 → 2 at 1 mo", None])  # fmt: skip
    path = tmp_path / "register.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("cell", "age", "sex"),
    [
        ("79 Y / M", 79, "male"),
        ("68 Y/F", 68, "female"),
        ("67 J. / w", 67, "female"),
        ("F 67", 67, "female"),
        ("67F", 67, "female"),
    ],
)
def test_an_age_with_its_unit_and_a_sex_in_one_cell(cell, age, sex):
    assert parse_pair(cell, ("age_years", "sex")) == {"age_years": age, "sex": sex}


def test_a_second_session_written_out_in_one_cell_is_not_a_new_fracture(tmp_path):
    path = _register(tmp_path)
    result = load_cohort(path)
    c = result.cohort
    p = c.patients.set_index("patient_id")
    assert p["age_years"].astype(int).to_dict() == {"P-1": 79, "P-2": 68, "P-3": 71, "P-4": 80}
    assert p["sex"].astype(str).to_dict() == {"P-1": "male", "P-2": "female", "P-3": "female", "P-4": "male"}  # fmt: skip
    # only the new fracture column's fracture: the sessions' levels are never fractures
    assert sorted(zip(c.fractures["patient_id"], c.fractures["level"].astype(str), strict=True)) == [("P-2", "L1")]  # fmt: skip
    found = {col.letter: col for col in inspect_input(path).columns}
    assert found["G"].kind == "ignore"
    assert found["G"].reason.startswith("header: a second session written out in one cell")
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_header_naming_a_field_of_the_second_session_is_still_read(tmp_path):
    """``Procedure 2`` names the second session's technique, not the whole session."""
    found = {col.letter: col for col in inspect_input(_register(tmp_path, "Procedure 2")).columns}
    assert found["G"].kind != "ignore"
