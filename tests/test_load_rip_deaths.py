"""``RIP`` (requiescat in pace), the British ward's word for a death, names a death: an
``Outcome`` column of remarks (``RIP 23/08/21``, ``d/c to GP``) is read as the deaths."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.normalize.deaths import names_death


def test_rip_with_its_date_names_a_death():
    assert names_death("RIP 23/08/21")
    assert not names_death("d/c to GP")


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Study ID", "Sex", "Age", "Date of procedure", "Level", "VAS pre", "Outcome"])
    outcomes = ["RIP 23/08/21", "d/c to GP", "review PRN", "RIP 16/01/22", "d/c to GP"]
    for i, outcome in enumerate(outcomes):
        ws.append([f"VP-{i + 1:02d}", "M", 70 + i, datetime.datetime(2021, 3, 1 + i), "L1", 8, outcome])  # fmt: skip
    wb.save(path)
    return path


def test_an_outcome_column_naming_deaths_by_rip(tmp_path):
    result = load_cohort(_register(tmp_path / "register.xlsx"))
    died = dict(zip(result.cohort.patients["patient_id"], result.cohort.patients["died"], strict=True))  # fmt: skip
    assert [died[f"VP-{i:02d}"] for i in range(1, 6)] == [True, False, False, True, False]
    assert not [p for p in result.problems if p.severity == "error"]
