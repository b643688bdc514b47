"""A case-history number under its Russian abbreviation (``№ и/б``) is a record number,
never the study ID: a sheet keyed only by it is refused until a pseudonym secret is given,
and the numbers reach no message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.problems import InputFormatError

HEADER = ["№ п/п", "№ и/б", "ФИО", "Возраст", "Пол", "Диагноз", "Дата операции", "Уровень",
          "Методика", "Объём цемента, мл", "ВАШ до", "ВАШ 1 мес"]  # fmt: skip
RECORDS = ["6896/19", "6658/19", "9269/19", "6876/19"]


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for i, record in enumerate(RECORDS, start=1):
        ws.append([i, record, f"Иванова Мария {i}", 60 + i, "ж", "Системный остеопороз",
                   dt.datetime(2019, 4, 10 + i), "Th12", "ВП", 4.5, 8, 3])  # fmt: skip
    wb.save(path)
    return path


def test_a_case_history_number_is_never_taken_for_the_study_id(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "register.xlsx")
    with pytest.raises(InputFormatError) as refused:
        load_cohort(path)
    message = str(refused.value)
    assert "record number" in message and "--secret" in message
    assert not any(record in message for record in RECORDS)
