"""The United Kingdom's patient numbers as a sheet's only key (Northern Ireland's Health and
Care number, Scotland's CHI number, the NHS number): read as record numbers, so the load
asks for a pseudonym secret and, given one, no number reaches the cohort."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.config import LoadOptions
from analysis.load import load_cohort
from analysis.problems import InputFormatError

_NUMBERS = ["683 751 9705", "347 557 6666"]


def _sheet(path: Path, header: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([header, "Sex", "Age", "Date of procedure", "Level", "VAS pre"])
    ws.append([_NUMBERS[0], "M", 59, datetime.datetime(2021, 1, 11), "L1", 8])
    ws.append([_NUMBERS[1], "F", 88, datetime.datetime(2021, 2, 9), "T7", 7])
    wb.save(path)
    return path


@pytest.mark.parametrize("header", ["H&C No.", "Health and Care number", "CHI No", "NHS No."])
def test_a_uk_patient_number_is_a_record_number(tmp_path, header):
    path = _sheet(tmp_path / "register.xlsx", header)
    with pytest.raises(InputFormatError, match="pseudonym secret"):
        load_cohort(path)
    cohort = load_cohort(path, LoadOptions(pseudonym_secret="unit secret")).cohort
    assert len(cohort.patients) == 2
    shown = cohort.patients.to_csv() + cohort.procedures.to_csv()
    assert not any(n in shown or n.replace(" ", "") in shown for n in _NUMBERS)
