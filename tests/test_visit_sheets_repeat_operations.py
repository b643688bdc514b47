"""One sheet per control visit (``1 мес``, ``3 мес``) and a sheet of repeat operations whose
row gives the date a new fracture was found, then the operation for it (its date, level,
cement) and its controls: the new fracture is of the vertebra that operation treats (the
row names no level of its own for it), never an error excluding the patient; a control
named for a time point but dated too soon after its operation for it (``1 мес`` dated the
day after) is an error on its date; a cause written as a cancer in Russian (``Рак
предстательной железы, mts в L1``) is pathologic."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.normalize import parse_cell
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

PATIENTS = [
    ["Шифр", "Пол", "Возраст, лет", "Диагноз"],
    ["ВП-01", "м", 80, "Остеопоротический компрессионный перелом L1"],
    ["ВП-02", "ж", 75, "Рак предстательной железы, mts в L2"],
    ["ВП-03", "ж", 70, "Остеопоротический компрессионный перелом Th12"],
    ["ВП-04", "м", 66, "Остеопоротический компрессионный перелом L3"],
]
OPERATION = [
    ["Шифр", "Дата операции", "Уровень", "Объём цемента, мл", "ВАШ до операции, мм"],
    ["ВП-01", date(2020, 3, 14), "L1", "3,0", 80],
    ["ВП-02", date(2020, 4, 2), "L2", "4,5", 70],
    ["ВП-03", date(2020, 4, 20), "Th12", "4,0", 90],
    ["ВП-04", date(2020, 5, 4), "L3", "3,5", 60],
]
CONTROL = ["Шифр", "Дата осмотра", "ВАШ, мм"]
REPEAT = [  # two header rows: the groups (a new fracture; the operation; before it) above
    [None, "Новый перелом", "Операция", None, None, "До операции"],
    ["Шифр", "Дата нового перелома", "Дата операции", "Уровень", "Объём цемента, мл", "ВАШ, мм"],
    ["ВП-01", date(2020, 4, 10), date(2020, 4, 20), "L3", "4,5", 75],
]


def _book(path: Path, one_month_of_04: date) -> Path:
    one_month = [
        CONTROL,
        ["ВП-01", date(2020, 4, 14), 30],
        ["ВП-02", date(2020, 5, 2), 20],
        ["ВП-03", date(2020, 5, 20), 25],
        ["ВП-04", one_month_of_04, 15],
    ]
    sheets = {"Пациенты": PATIENTS, "Операция": OPERATION, "1 мес": one_month}
    merges = (("Повторная операция", "C1:E1"),)
    return _workbook(path, {**sheets, "Повторная операция": REPEAT}, merges)


def test_a_repeat_operations_new_fracture_is_the_vertebra_it_treats(tmp_path: Path) -> None:
    path = _book(tmp_path / "yakutsk.xlsx", date(2020, 6, 3))
    result = load_cohort(path)
    assert not result.errors
    cohort = result.cohort
    assert set(cohort.patients["patient_id"]) == {"ВП-01", "ВП-02", "ВП-03", "ВП-04"}
    procs = cohort.procedures.query("patient_id == 'ВП-01'")
    assert sorted(zip(procs["level"], procs["day"], strict=True)) == [("L1", 0), ("L3", 37)]
    fractures = list(zip(cohort.fractures["patient_id"], cohort.fractures["level"], cohort.fractures["day"], strict=True))  # fmt: skip
    assert fractures == [("ВП-01", "L3", 27)]
    said = [p.message for p in result.problems if p.row == 3 and p.sheet == "Повторная операция"]
    assert any("read as the vertebra(e) its row's repeat procedure treats (L3)" in m for m in said)
    causes = dict(zip(cohort.patients["patient_id"], cohort.patients["etiology"], strict=True))
    assert causes["ВП-02"] == "pathologic"
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_control_dated_too_soon_for_its_time_point_is_an_error(tmp_path: Path) -> None:
    result = load_cohort(_book(tmp_path / "early.xlsx", date(2020, 5, 5)))
    errors = [(p.sheet, p.row, p.column) for p in result.errors]
    assert errors == [("1 мес", 5, "Дата осмотра")]
    assert "visit at 1m dated 1 day(s) after its procedure" in result.errors[0].message
    pain = result.cohort.assessments.query("patient_id == 'ВП-04' and timepoint == '1m'")
    assert list(pain["value"]) == [1.5]  # the score kept, its day not
    assert pain["day"].isna().all()


@pytest.mark.parametrize("cause", ["Рак почки", "Рак молочной железы, mts в Th9"])
def test_a_cancer_named_in_russian_is_pathologic(cause: str) -> None:
    assert parse_cell(cause, load_spec().column("patients", "etiology")) == "pathologic"
