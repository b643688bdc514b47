"""A record number written in groups of digits (``683 751 9705``, as the NHS and Health and
Care numbers are printed) is a patient key under its header, not words and phrases: the
sheet is read, keyed by the number, a repeat row written without its spaces (``6837519705``)
the same patient."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.config import LoadOptions
from analysis.load import load_cohort
from analysis.problems import InputFormatError

_NUMBERS = [f"{300 + 37 * i} {410 + 53 * i} {5000 + 371 * i}" for i in range(10)]


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Regional Spinal Unit - vertebroplasty audit"])
    ws.append(["Key: DNA = did not attend"])
    ws.append([])
    ws.append(["H&C No.", "Sex", "Age", "Date of proc.", "Level(s)", "VAS pre"])
    for i, number in enumerate(_NUMBERS):
        ws.append([number, "MF"[i % 2], 60 + i, datetime.datetime(2021, 1, 4 + i), "L1", 8])
    # the first patient's second operation, the number written without its spaces
    ws.append([_NUMBERS[0].replace(" ", ""), "M", 61, datetime.datetime(2021, 6, 1), "T12", 7])
    wb.save(path)
    return path


def test_a_record_number_in_digit_groups_keys_the_rows(tmp_path):
    path = _register(tmp_path / "register.xlsx")
    with pytest.raises(InputFormatError, match="pseudonym secret"):
        load_cohort(path)
    result = load_cohort(path, LoadOptions(pseudonym_secret="unit secret"))
    cohort = result.cohort
    assert len(cohort.patients) == 10
    assert len(cohort.procedures) == 11
    shown = cohort.patients.to_csv() + cohort.procedures.to_csv()
    shown += "".join(p.message for p in result.problems)
    assert not any(n in shown or n.replace(" ", "") in shown for n in _NUMBERS)
