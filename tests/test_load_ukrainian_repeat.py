"""A transposed Ukrainian register (fields down column A, one patient per column) whose
repeat operation is a section of rows of its own (``ПОВТОРНА ОПЕРАЦІЯ``): its fields are the
second session's, not further vertebrae of the first; ``Витік цементу`` is the leakage,
``Агресивна гемангіома`` an etiology of its own (other) and ``Мтс раку ...`` a metastasis.
A repeat operation dated before the first is one error on its date, not also a first
operation's date said to be missing."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.normalize.cells import parse_cell
from analysis.normalize.headers import match_header
from analysis.spec import load_spec

LABELS = [
    "Код пацієнта", "Стать (ч/ж)", "Вік, років", "Діагноз",
    "§ОПЕРАЦІЯ", "Дата операції", "Методика (ВП/КП)", "Рівень(і)", "Об'єм цементу, мл", "Витік цементу",
    "§ВАШ, мм (0–100)", "до операції", "1 міс",
    "§ПОВТОРНА ОПЕРАЦІЯ", "Дата повторної операції", "Методика", "Рівень", "Об'єм цементу, мл ",
    "Витік цементу ", "ВАШ до операції", "ВАШ 1 міс",
]  # fmt: skip
PATIENTS = [
    ["УК-01", "ж", 71, "Остеопороз", None, "01.03.2022", "ВП", "L3, L4", "4; 3,5", "так: L4 — в диск",
     None, 80, 30, None, "18.07.2022", "ВП", "L2", "4", "так: L2 — в диск", 85, 20],
    ["УК-02", "ж", 64, "Агресивна гемангіома", None, "11.04.2022", "КП", "Th12", "3", "ні",
     None, 70, 20, None, None, None, None, None, None, None, None],
    ["УК-03", "ч", 58, "Мтс раку молочної залози", None, "20.05.2022", "ВП", "L1", "5", "ні",
     None, 90, 40, None, None, None, None, None, None, None, None],
    ["УК-04", "ж", 80, "Остеопороз", None, "14.08.2022", "ВП", "L5", "4", "ні",
     None, 75, 35, None, "16.04.2022", "ВП", "L2", "4", "ні", 80, 30],
]  # fmt: skip


def _book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Реєстр"
    ws.cell(1, 1, "Реєстр пацієнтів після вертебропластики")
    for i, label in enumerate(LABELS):
        ws.cell(3 + i, 1, label.lstrip("§"))
        for k, patient in enumerate(PATIENTS):
            if patient[i] is not None:
                ws.cell(3 + i, 2 + k, patient[i])
    wb.save(path)
    return path


def test_ukrainian_words() -> None:
    leak = match_header("Витік цементу")
    assert leak is not None and leak.label == "procedures.leakage"
    etiology = load_spec().column("patients", "etiology")
    assert parse_cell("Агресивна гемангіома", etiology) == "other"
    assert parse_cell("Мтс раку молочної залози", etiology) == "pathologic"


def test_the_repeat_section_is_a_second_session(tmp_path: Path) -> None:
    result = load_cohort(_book(tmp_path / "register.xlsx"))
    procs = result.cohort.procedures
    first = procs[procs["patient_id"] == "УК-01"].sort_values(["day", "level"])
    assert first[["day", "level", "leakage"]].values.tolist() == [
        [0, "L3", "none"],
        [0, "L4", "disc"],
        [139, "L2", "disc"],
    ]
    assert first["cement_volume_ml"].tolist() == [4.0, 3.5, 4.0]
    a = result.cohort.assessments
    second = str(first.iloc[-1]["procedure_id"])
    got = a[(a["procedure_id"] == second) & (a["measure"] == "pain_vas")]
    assert sorted(got["value"].tolist()) == [2.0, 8.5]
    patients = result.cohort.patients.set_index("patient_id")
    assert patients.loc["УК-02", "etiology"] == "other"
    assert patients.loc["УК-03", "etiology"] == "pathologic"


def test_a_repeat_before_the_first_is_one_error_on_its_date(tmp_path: Path) -> None:
    result = load_cohort(_book(tmp_path / "register.xlsx"))
    errors = [p for p in result.problems if p.severity == "error"]
    assert [p.cell for p in errors] == ["E17"], [str(p) for p in errors]
    assert "before the first" in errors[0].message
