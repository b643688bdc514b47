"""A register of one row per patient under a two-row header in Cyrillic: merged groups over
the operation, the repeat operation and each visit (``До операции``, ``1-е сутки``,
``1 мес.``) above ``ВАШ, мм`` (pain in millimetres, 0-100), cells such as ``49 мм``,
``н/я`` (did not attend), ``8,0 (суммарно)`` (the session's total) and ``в диск – L3``."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize import match_header
from analysis.normalize.cells import parse_number
from analysis.normalize.timepoints import timepoint_of

_GROUPS = [("Пациент", 3), ("Операция", 5), ("Повторная операция", 5), ("До операции", 1),
           ("1-е сутки", 1), ("1 мес.", 1)]  # fmt: skip
_SUB = ["Шифр", "Пол", "Возраст, лет",
        "Дата", "Уровень", "Метод", "Объём цемента, мл", "Подтекание цемента",
        "Дата", "Уровень", "Метод", "Объём цемента, мл", "Подтекание цемента",
        "ВАШ, мм", "ВАШ, мм", "ВАШ, мм"]  # fmt: skip


def _register(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Реестр"
    ws.append(["Реестр вертебропластик. Боль по ВАШ в мм (0–100)."])
    ws.append([])
    col = 1
    for name, width in _GROUPS:
        ws.cell(row=3, column=col, value=name)
        if width > 1:
            ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + width - 1)
        col += width
    ws.append(_SUB)
    ws.append(["ВП-1", "ж", 76, "26.05.2021", "L3, L4", "БКП", "8,0 (суммарно)", "нет",
               "31.07.2021", "L2", "ВП", "4,5", "в диск", 56, "44 мм", 49])  # fmt: skip
    ws.append(["ВП-2", "м", 81, "08.02.2021", "Th6, Th7", "ВП", "4,0 / 2,5", "паравертебрально – Th6; в диск – Th7",
               None, None, None, None, None, "100 мм", "н/я", 37])  # fmt: skip
    ws.append(["ВП-3", "ж", 79, "09.03.2021", "L1", "ВП", "5,5", "эпидурально",
               None, None, None, None, None, 61, 22, "н/я"])  # fmt: skip
    path = tmp_path / "register.xlsx"
    wb.save(path)
    return path


def test_a_cyrillic_register_with_pain_in_millimetres_and_a_repeat_operation(tmp_path):
    path = _register(tmp_path)
    result = load_cohort(path)
    assert result.errors == []
    c = result.cohort
    procs = sorted(zip(c.procedures["patient_id"], c.procedures["day"].astype(int), c.procedures["level"].astype(str), c.procedures["cement_volume_ml"].fillna(-1), c.procedures["session_cement_volume_ml"].fillna(-1), c.procedures["leakage"].astype(str), strict=True))  # fmt: skip
    assert procs == [
        ("ВП-1", 0, "L3", -1, 8.0, "none"),
        ("ВП-1", 0, "L4", -1, 8.0, "none"),
        ("ВП-1", 66, "L2", 4.5, 4.5, "disc"),
        ("ВП-2", 0, "T6", 4.0, 6.5, "paravertebral"),
        ("ВП-2", 0, "T7", 2.5, 6.5, "disc"),
        ("ВП-3", 0, "L1", 5.5, 5.5, "epidural"),
    ]
    a = c.assessments
    got = sorted(zip(a["patient_id"], a["timepoint"].astype(str), a["value"].round(6), strict=True))
    assert got == [
        ("ВП-1", "1m", 4.9), ("ВП-1", "24h", 4.4), ("ВП-1", "pre", 5.6),
        ("ВП-2", "1m", 3.7), ("ВП-2", "pre", 10.0),
        ("ВП-3", "24h", 2.2), ("ВП-3", "pre", 6.1),
    ]  # fmt: skip
    found = inspect_input(path)
    labels = {col.letter: col.label for col in found.columns}
    assert [labels[x] for x in "NOP"] == ["pain_vas@pre", "pain_vas@24h", "pain_vas@1m"]
    written = tmp_path / "mapping.yaml"
    written.write_text(found.mapping_yaml(), "utf-8")
    (table,) = read_mapping(written)["tables"]
    assert {table["columns"][x].get("session", 1) for x in "IJKLM"} == {2}
    assert {table["columns"][x]["read_as"]["scale"] for x in "NOP"} == {100}
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for name in ("patients", "procedures", "assessments"):
        assert getattr(c, name).equals(getattr(mapped, name)), name


@pytest.mark.parametrize(
    ("header", "label", "scale"),
    [
        ("ВАШ, мм", "pain_vas@?", 100.0),  # мм: millimetres, a 0-100 scale
        ("До операции ВАШ, мм", "pain_vas@pre", 100.0),
        ("1-е сутки ВАШ, мм", "pain_vas@24h", 100.0),  # 1-е: the first (day)
        ("Боль по ВАШ, мм (0–100)", "pain_vas@?", 100.0),  # millimetres with their range
        ("Подтекание цемента", "procedures.leakage", None),
    ],
)
def test_russian_register_headers(header, label, scale):
    target = match_header(header, {})
    assert target is not None and (target.label, target.scale) == (label, scale)


def test_cells_of_a_russian_register():
    assert parse_number("49 мм") == 49
    assert timepoint_of("1-я неделя") == "1w"
