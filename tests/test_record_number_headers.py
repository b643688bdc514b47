"""A case-history number under its Russian abbreviation (``№ и/б``) is a record number,
never the study ID: a sheet keyed only by it is refused until a pseudonym secret is given,
and the numbers reach no message. A running number beside it (``№ п/п``: 1, 2, 3 ...,
the patient's number in the study, one row per patient) is a pseudonymous key the sheet
is read by; the repeat operation's columns abbreviated (``Повт.: ВАШ до``) are its."""

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


def _workbook(path: Path, running: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER if running else HEADER[1:])
    for i, record in enumerate(RECORDS, start=1):
        row = [i, record, f"Иванова Мария {i}", 60 + i, "ж", "ОП, компр. перелом",
               dt.datetime(2019, 4, 10 + i), "Th12", "ВП", 4.5, 8, 3]  # fmt: skip
        ws.append(row if running else row[1:])
    wb.save(path)
    return path


def test_a_case_history_number_is_never_taken_for_the_study_id(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "register.xlsx", running=False)
    with pytest.raises(InputFormatError) as refused:
        load_cohort(path)
    message = str(refused.value)
    assert "record number" in message and "--secret" in message
    assert not any(record in message for record in RECORDS)


def test_a_running_number_beside_it_keys_the_rows(tmp_path: Path) -> None:
    result = load_cohort(_workbook(tmp_path / "register.xlsx"))
    patients = result.cohort.patients
    assert sorted(patients["patient_id"]) == ["1", "2", "3", "4"]
    assert set(patients["etiology"]) == {"osteoporotic"}
    shown = " ".join(str(p) for p in result.problems) + patients.to_csv()
    assert not any(record in shown for record in RECORDS)


def test_numbers_that_do_not_count_the_patients_are_no_key(tmp_path: Path) -> None:
    """Numbers that skip (a count of something, a bed number) key nothing: refused."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for i, record in enumerate(RECORDS, start=1):
        ws.append([i * 3, record, "Иванова Мария", 60 + i, "ж", "Остеопороз",
                   dt.datetime(2019, 4, 10 + i), "Th12", "ВП", 4.5, 8, 3])  # fmt: skip
    wb.save(tmp_path / "register.xlsx")
    with pytest.raises(InputFormatError, match="record number"):
        load_cohort(tmp_path / "register.xlsx")


def test_the_repeat_operation_abbreviated_is_the_second_session(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["№ п/п", "№ и/б", "Дата операции", "Уровень", "Методика", "ВАШ до",
               "Повт. операция: дата", "Повт.: уровень", "Повт.: ВАШ до", "Повт.: ВАШ 1 мес"])  # fmt: skip
    for i, record in enumerate(RECORDS, start=1):
        second = [dt.datetime(2020, 1, 10), "L1", 9, 4] if i == 1 else [None] * 4
        ws.append([i, record, dt.datetime(2019, 4, 10 + i), "Th12", "ВП", 8, *second])
    wb.save(tmp_path / "register.xlsx")
    cohort = load_cohort(tmp_path / "register.xlsx").cohort
    second = cohort.procedures[cohort.procedures["level"] == "L1"].iloc[0]
    assert second["patient_id"] == "1" and second["day"] > 0
    pain = cohort.assessments[cohort.assessments["procedure_id"] == second["procedure_id"]]
    assert pain.set_index("timepoint")["value"].to_dict() == {"pre": 9.0, "1m": 4.0}
