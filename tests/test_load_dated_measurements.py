"""A measurement export beside a sheet of operations: one row per measurement (study
code, the measurement's date, the measure's name, its value), each score's time point
known only from its date and its operation's (batch 25, a Russian registry)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from analysis.load import inspect_input, load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping as reproduced_by_its_mapping

OPERATED = {"П-1": date(2021, 4, 14), "П-2": date(2021, 4, 22), "П-3": date(2021, 8, 27)}
REPEAT = date(2021, 9, 1)  # П-2's second operation, 132 days after the first


def _operations() -> list[list[object]]:
    return [
        ["Код пациента", "Пол", "Диагноз", "Дата операции", "Уровень", "Метод", "Цемент"],
        ["П-1", "ж", "Остеопороз", OPERATED["П-1"], "Th12", "ВП", "ПММА"],
        ["П-2", "ж", "Мтс рака почки", OPERATED["П-2"], "Th12", "КП", "ПММА"],
        ["П-2", "ж", "Мтс рака почки", REPEAT, "L1", "КП", "ПММА"],
        ["П-3", "м", "Кататравма", OPERATED["П-3"], "L2", "ВП", "ПММА"],
    ]


def _measured(pid: str, day: int, name: str, value: object, since: date | None = None) -> list[object]:  # fmt: skip
    return [pid, (since or OPERATED[pid]) + timedelta(days=day), name, value]


def _measurements(rows: list[list[object]]) -> list[list[object]]:
    note = ["Одна строка = одно измерение. ВАШ в мм (0–100), ODI в %."]
    return [note, [], ["Код пациента", "Дата измерения", "Показатель", "Значение"], *rows]


def _book(path: Path, rows: list[list[object]]) -> Path:
    sheets = {"Измерения": _measurements(rows), "Операции": _operations()}
    return _workbook(path, sheets)


def _scores(loaded) -> dict[tuple[str, int, str, str], float]:
    """Each score by patient, its operation's day (0 the first), measure and time point."""
    operations = loaded.cohort.procedures[["procedure_id", "day"]].drop_duplicates()
    a = loaded.cohort.assessments.drop(columns="day").merge(operations, on="procedure_id")
    return {
        (r["patient_id"], int(r["day"]), r["measure"], r["timepoint"]): float(r["value"])
        for r in a.to_dict("records")
    }


def test_a_measurement_export_dated_by_its_measurement_dates(tmp_path):
    """``Дата измерения`` (the measurement's date) is the visit's date: each score takes
    the time point its day after the operation names, said in a warning; ``ВАШ`` and
    ``ВАШ, мм`` are one measure read on the scale one of them declares (mm), ``Освестри``
    the Oswestry index; a VAS of 700 mm and a follow-up dated half a year before the
    operation are errors on their cells."""
    rows = [
        _measured("П-1", -2, "ВАШ", 84),  # row 4
        _measured("П-1", -2, "ODI, %", 58),
        _measured("П-1", 1, "ВАШ, мм", 52),
        _measured("П-1", 33, "ВАШ", 45),
        _measured("П-1", 33, "Освестри", 34),
        _measured("П-1", 88, "ВАШ", 700),  # row 9: an extra zero
        _measured("П-3", 0, "ВАШ, мм", 70),
        _measured("П-3", 31, "ВАШ", 50),
        _measured("П-3", 178 - 365, "ВАШ", 40),  # row 12: the year mistyped
    ]
    path = _book(tmp_path / "ufa.xlsx", rows)
    loaded = load_cohort(path)
    assert [(p.sheet, p.cell, p.rule) for p in loaded.errors] == [
        ("Измерения", "D9", "range"),
        ("Измерения", "B12", "visit_date"),
    ]
    assert "a year later it would be the 6m visit" in loaded.errors[1].message
    assert _scores(loaded) == {
        ("П-1", 0, "pain_vas", "pre"): 8.4, ("П-1", 0, "odi", "pre"): 58,
        ("П-1", 0, "pain_vas", "24h"): 5.2, ("П-1", 0, "pain_vas", "1m"): 4.5,
        ("П-1", 0, "odi", "1m"): 34, ("П-3", 0, "pain_vas", "pre"): 7.0,
        ("П-3", 0, "pain_vas", "1m"): 5.0,
    }  # fmt: skip
    patients = loaded.cohort.patients.set_index("patient_id")["etiology"].to_dict()
    assert patients == {"П-1": "osteoporotic", "П-2": "pathologic", "П-3": "traumatic"}
    (warned,) = [p for p in loaded.problems if p.rule == "timepoint_by_date"]
    assert warned.sheet == "Измерения"
    (reshaped,) = [p for p in loaded.problems if p.rule == "measurement_rows"]
    assert "'ВАШ, мм' (also 'ВАШ')" in reshaped.message
    reproduced_by_its_mapping(path, tmp_path)
    (date_column,) = [
        c for c in inspect_input(path).columns if c.sheet == "Измерения" and c.letter == "B"
    ]
    assert date_column.label == "date:visit_date"


def test_one_measure_named_two_ways_in_an_export_is_read_whole(tmp_path):
    """``VAS`` and ``VAS (0-100 mm)`` in the name column: one column of pain scores, on
    the declared scale, none dropped as a second column of the same measure."""
    rows = [
        ["Study ID", "Visit", "Measure", "Value"],
        ["S1", "baseline", "VAS", 80],
        ["S1", "1 month", "VAS (0-100 mm)", 30],
        ["S2", "baseline", "VAS (0-100 mm)", 60],
        ["S2", "1 month", "VAS", 20],
    ]
    procedures = [
        ["Study ID", "Procedure date", "Level"],
        ["S1", date(2022, 1, 10), "L1"],
        ["S2", date(2022, 2, 10), "T12"],
    ]
    path = _workbook(tmp_path / "export.xlsx", {"Scores": rows, "Procedures": procedures})
    loaded = load_cohort(path)
    assert loaded.errors == []
    a = loaded.cohort.assessments
    got = {(r["patient_id"], r["timepoint"]): float(r["value"]) for r in a.to_dict("records")}
    assert got == {("S1", "pre"): 8.0, ("S1", "1m"): 3.0, ("S2", "pre"): 6.0, ("S2", "1m"): 2.0}
    assert not [p for p in loaded.problems if "only column" in p.message]
    reproduced_by_its_mapping(path, tmp_path)


def test_a_measurement_days_before_a_repeat_operation_is_its_baseline(tmp_path):
    """After a repeat operation the schedule starts again: a measurement taken 3 days
    before it (129 days after the first, near no time point of the first) is the
    repeat's baseline; one 37 days before it (95 days after the first) the first's
    3-month visit; one 2 days after it the repeat's 24-hour visit."""
    first = OPERATED["П-2"]
    rows = [
        _measured("П-2", -6, "ВАШ, мм", 74),
        _measured("П-2", 95, "ВАШ", 32),
        _measured("П-2", -3, "ВАШ", 95, since=REPEAT),
        _measured("П-2", -3, "ODI", 42, since=REPEAT),
        _measured("П-2", 1, "ВАШ", 64, since=REPEAT),
    ]
    assert (REPEAT - timedelta(days=3) - first).days == 129
    loaded = load_cohort(_book(tmp_path / "ufa.xlsx", rows))
    assert loaded.errors == []
    assert _scores(loaded) == {
        ("П-2", 0, "pain_vas", "pre"): 7.4, ("П-2", 0, "pain_vas", "3m"): 3.2,
        ("П-2", 132, "pain_vas", "pre"): 9.5, ("П-2", 132, "odi", "pre"): 42,
        ("П-2", 132, "pain_vas", "24h"): 6.4,
    }  # fmt: skip
