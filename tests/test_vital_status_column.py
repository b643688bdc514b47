"""A column of vital status headed ``存歿`` (alive or dead), its cells ``存`` (alive) or
``歿`` with the date of death in brackets (a Minguo date, ``111/04/25``): the patient's
death, a yes or a no, and the date of death where one is written. ``歿`` alone is also
the mark a register writes in a score cell of a patient who had died (no score), so the
column is read as the death, each cell's date kept as the date of death."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import not_assessed, parse_boolean
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_ROWS = [
    ("收案編號", "性別", "年齡", "手術日期", "術式", "節段", "存歿"),
    ("TC001", "女", 89, "2022-11-18", "BKP", "L4", "存"),
    ("TC002", "男", 74, "2022-02-21", "PVP", "L2", "歿 (111/04/25)"),
    ("TC003", "女", 81, "2022-06-07", "PVP", "T12", "存"),
]


def test_alive_and_dead_in_one_character() -> None:
    assert parse_boolean("存") is False
    assert parse_boolean("歿") is True
    assert parse_boolean("歿 (111/04/25)") is True
    # in a score cell: the patient had died, so no score (and no error)
    assert not_assessed("歿") and not_assessed("殁") and not not_assessed("存")


def test_a_vital_status_column_is_the_death(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    for row in _ROWS:
        wb.active.append(row)
    wb.save(path := tmp_path / "register.xlsx")
    loaded = load_cohort(path)
    assert loaded.errors == []
    died = loaded.cohort.patients.set_index("patient_id")["died"]
    assert died.astype(bool).to_dict() == {"TC001": False, "TC002": True, "TC003": False}
    # the date in brackets is the date of death: 25 April 2022, 63 days after the procedure
    assert loaded.cohort.patients.set_index("patient_id")["death_day"].to_dict()["TC002"] == 63
    read = {c.header: c.label for c in inspect_input(path).columns}
    assert read["存歿"] == "patients.died"
    _reproduced_by_its_mapping(path, tmp_path)
