"""A level cell filled red for a cement leak whose kind the legend sends to another column
(``Nivel en rojo = fuga de cemento en ese nivel (tipo de fuga en Observaciones, en el
mismo orden que los niveles en rojo)``): the kinds written there (``fugas: venosa,
discal``), in their order, are the red levels', left to right; a level not red had none."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

from analysis.load import inspect_input, load_cohort
from analysis.load.format_legend import LEAK, leak_kinds, meaning
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

RED = PatternFill("solid", fgColor="FFFF0000")
HEADER = ["Código", "Sexo", "Fecha proc.", "Nivel 1", "Vol. 1 (ml)", "Nivel 2", "Vol. 2 (ml)", "EVA pre", "Observaciones"]  # fmt: skip
# fmt: off
ROWS = [
    ["CB-01", "F", datetime(2022, 3, 1), "L3", 3.0, "L4", 2.5, 8, "fuga discal; reinterna por nueva fx"],
    ["CB-02", "M", datetime(2022, 3, 2), "T10", 4.0, "T11", 3.5, 7, "fugas: venosa, discal"],
    ["CB-03", "F", datetime(2022, 3, 3), "T12", 3.0, None, None, 9, None],
    ["CB-04", "F", datetime(2022, 3, 4), "L1", 3.0, "L2", 4.0, 6, "fuga paravertebral"],
    ["CB-05", "M", datetime(2022, 3, 5), "T8", 2.0, None, None, 7, "control a los 3 meses"],
]
# fmt: on
LEGEND = "Nivel en rojo = fuga de cemento en ese nivel (tipo de fuga en Observaciones, en el mismo orden que los niveles en rojo)"  # fmt: skip


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    for cell in ("F2", "D3", "F3", "D5"):  # CB-01 L4; CB-02 T10 and T11; CB-04 L1
        ws[cell].fill = RED
    ws.append([])
    ws.append(["Referencias:"])
    ws.append([None, None, LEGEND])
    ws.cell(ws.max_row, 2).fill = RED
    wb.save(path)
    return path


def test_a_legend_naming_a_leak_of_no_kind():
    assert meaning(LEGEND) == (LEAK, "")
    assert meaning("Red = cement leak") == (LEAK, "")
    assert meaning("Verde = sin fuga") is None and meaning("Green = no leak") is None
    assert meaning("Rouge = fuite de ciment discale") == (LEAK, "disc")


def test_the_kinds_a_remark_names_in_their_order():
    assert leak_kinds("fugas: venosa, discal") == ["venous", "disc"]
    assert leak_kinds("fuga discal; reinterna por nueva fx") == ["disc"]
    assert leak_kinds("control a los 3 meses") == [] and leak_kinds(None) == []


def test_red_levels_take_the_kinds_the_remark_lists(tmp_path: Path):
    path = _register(tmp_path / "registro.xlsx")
    loaded = load_cohort(path)
    assert [(p.cell, p.message) for p in loaded.problems if p.severity == ERROR] == []
    leaks = loaded.cohort.procedures.set_index(["patient_id", "level"])["leakage"].to_dict()
    assert leaks == {
        ("CB-01", "L3"): "none", ("CB-01", "L4"): "disc",
        ("CB-02", "T10"): "venous", ("CB-02", "T11"): "disc",
        ("CB-03", "T12"): "none",
        ("CB-04", "L1"): "paravertebral", ("CB-04", "L2"): "none",
        ("CB-05", "T8"): "none",
    }  # fmt: skip
    report = inspect_input(path)
    assert "a leak, its kind from the column the legend names" in report.sheets[0].note
    how = {c.letter: c.reason for c in report.columns}
    assert any("a leak's kind from column I" in str(h) for h in how.values())
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_remark_listing_other_kinds_than_red_levels_is_reported(tmp_path: Path):
    path = _register(tmp_path / "registro.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["I3"] = "fuga venosa"  # two red levels, one kind
    wb.save(path)
    loaded = load_cohort(path)
    errors = [p for p in loaded.problems if p.severity == ERROR]
    assert errors and all(p.row == 3 for p in errors)
    leaks = loaded.cohort.procedures.set_index(["patient_id", "level"])["leakage"]
    assert leaks[("CB-01", "L4")] == "disc"
