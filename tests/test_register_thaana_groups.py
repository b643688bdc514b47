"""A register of one row per patient in Dhivehi (Thaana) with English, under a two-row
header: the pre-op score's group naming the measure again (``VAS ކުރިން (Pre-op)`` over
``VAS``), each visit's group in two languages (``1 ހަފްތާ (1 week)``) over its date
(``ތާރީޚް``) and score, a second procedure's block, sex (``ޖިންސު``: ``އަންހެން``,
``ފިރިހެން``), age (``އުމުރު``) and ``ނާދޭ`` (did not attend)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import parse_cell
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_GROUPS = [("Study ID", 1), ("ޖިންސު", 1), ("އުމުރު", 1),
           ("1 ވަނަ ޕްރޮސީޖަރ (1st procedure)", 3), ("VAS ކުރިން (Pre-op)", 1),
           ("1 ހަފްތާ (1 week)", 2), ("3 މަސް (3 months)", 2),
           ("2 ވަނަ ޕްރޮސީޖަރ (2nd procedure)", 3), ("Outcome", 1)]  # fmt: skip
_SUB = [None, None, None, "ތާރީޚް", "Level", "Cement (ml)", "VAS", "ތާރީޚް", "VAS", "ތާރީޚް",
        "VAS", "ތާރީޚް", "Level", "Cement (ml)"]  # fmt: skip


def _register(tmp_path: Path, groups: list[tuple[str, int]] = _GROUPS) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VA register"
    col = 1
    for name, width in groups:
        ws.cell(row=1, column=col, value=name)
        if width > 1:
            ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + width - 1)
        elif col <= 3 or name == "Outcome":
            ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
        col += width
    for i, sub in enumerate(_SUB, start=1):
        if sub is not None:
            ws.cell(row=2, column=i, value=sub)
    ws.append(["KMH-1", "އަންހެން", 70, dt.datetime(2023, 1, 10), "T12", 4, 9, "17/01/23", 6,
               "ނާދޭ", "ނާދޭ", dt.datetime(2023, 3, 1), "L1", 5, "Alive"])  # fmt: skip
    ws.append(["KMH-2", "ފިރިހެން", 81, dt.datetime(2023, 2, 6), "L2", 3.5, 8, "13/02/23", 5,
               "08/05/23", 3, None, None, None, "ނިޔާވެއްޖެ (Expired) 17/09/2023"])  # fmt: skip
    ws.append(["KMH-3", "F", 64, dt.datetime(2023, 4, 3), "L4", 6, 10, "ނާދޭ", "ނާދޭ",
               "03/07/23", 2, None, None, None, "Alive"])  # fmt: skip
    wb.save(tmp_path / "register.xlsx")
    return tmp_path / "register.xlsx"


def test_a_thaana_register_with_visits_under_groups_in_two_languages(tmp_path):
    path = _register(tmp_path)
    found = inspect_input(path)
    result = load_cohort(path)
    assert result.errors == []
    c = result.cohort
    p = c.patients.set_index("patient_id")
    assert p["sex"].astype(str).to_dict() == {"KMH-1": "female", "KMH-2": "male", "KMH-3": "female"}
    assert p["age_years"].astype(int).to_dict() == {"KMH-1": 70, "KMH-2": 81, "KMH-3": 64}
    # "has passed away (Expired)" then the date: a death, dated
    assert p["died"].astype(bool).to_dict() == {"KMH-1": False, "KMH-2": True, "KMH-3": False}
    assert p.loc["KMH-2", "death_day"] == (dt.date(2023, 9, 17) - dt.date(2023, 2, 6)).days
    procs = sorted(zip(c.procedures["patient_id"], c.procedures["day"].astype(int), c.procedures["level"].astype(str), strict=True))  # fmt: skip
    assert procs == [
        ("KMH-1", 0, "T12"),
        ("KMH-1", 50, "L1"),
        ("KMH-2", 0, "L2"),
        ("KMH-3", 0, "L4"),
    ]
    a = c.assessments
    got = sorted(
        zip(a["patient_id"], a["timepoint"].astype(str), a["value"].astype(int), strict=True)
    )
    assert got == [
        ("KMH-1", "1w", 6), ("KMH-1", "pre", 9),
        ("KMH-2", "1w", 5), ("KMH-2", "3m", 3), ("KMH-2", "pre", 8),
        ("KMH-3", "3m", 2), ("KMH-3", "pre", 10),
    ]  # fmt: skip
    labels = {col.letter: col.label for col in found.columns}
    assert [labels[x] for x in "BCGIKO"] == [
        "patients.sex", "patients.age_years", "pain_vas@pre", "pain_vas@1w", "pain_vas@3m",
        "patients.died",
    ]  # fmt: skip
    reasons = {col.letter: col.reason for col in found.columns}
    assert reasons["G"] == "header: a measure under a group naming its time point"
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_measure_under_a_group_naming_it_again_with_its_time_point(tmp_path):
    """``VAS (pre-op)`` over ``VAS``: the group names the time point, not the header."""
    groups = [(n if i != 4 else "VAS (pre-op)", w) for i, (n, w) in enumerate(_GROUPS)]
    path = _register(tmp_path, groups)
    found = inspect_input(path)
    assert {col.letter: col.label for col in found.columns}["G"] == "pain_vas@pre"
    pre = load_cohort(path).cohort.assessments.query("timepoint == 'pre'")
    assert sorted(pre["value"].astype(int)) == [8, 9, 10]


def test_a_death_with_its_translation_in_brackets_then_its_date_is_a_yes():
    died = load_spec().column("patients", "died")
    assert parse_cell("Died (verstorben) 12/03/2022", died) is True
    assert parse_cell("ނިޔާވެއްޖެ (Expired) 17/09/2023", died) is True
    assert parse_cell("Alive (ދިރިހުރި)", died) is False
