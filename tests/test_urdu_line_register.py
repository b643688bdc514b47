"""An Urdu register, one row per session, right to left: every treated level one below
the other in one cell (line breaks), each level's volume and leakage the same way in the
cells beside it (a single ``نہیں`` for no leak at any level); its Urdu headers (study
code, date, cement in millilitres, leakage, the present state), VAS columns headed by
their visit in words (``قبل از پروسیجر`` before, ``ایک ماہ`` one month, ``تین ماہ``
three months), Pashto sexes, and a visit cell saying the second procedure replaced it."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import parse_volumes
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = [
    "اسٹڈی کوڈ", "جنس", "تاریخ پروسیجر", "مہرے (لیول)", "سیمنٹ (ملی لیٹر)", "لیکج",
    "قبل از پروسیجر", "ایک ماہ", "تین ماہ", "موجودہ حالت",
]  # fmt: skip
_ROWS = [
    ["PSH-1", "نارینه", "05-03-2021", "D8\nD9\nD10", "۴\n۴\n۳", "نہیں\nوینس\nنہیں", "۹", "۲", "۱", "زندہ"],
    ["PSH-2", "ښځینه", "14-04-2021", "L1\nL2", "4\n3.5", "نہیں", 8, "نہیں آئے", 2, "زندہ"],
    ["PSH-3", "عورت", "02-06-2021", "L3", "۵٫۵", "ڈسک", 7, "دوسرا پروسیجر (سیریل 4)", None, "فوت ہو گئیں"],
]  # fmt: skip


def _register(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "رجسٹر"
    ws.sheet_view.rightToLeft = True
    ws.append(["مریض کی تفصیل", None, "پروسیجر", None, None, None, "درد کا اسکور (VAS 0-10)"])
    ws.merge_cells("A1:B1")
    ws.merge_cells("C1:F1")
    ws.merge_cells("G1:I1")
    for row in (_HEADER, *_ROWS):
        ws.append(row)
    wb.save(tmp_path / "register.xlsx")
    return tmp_path / "register.xlsx"


def test_levels_volumes_and_leaks_one_a_line(tmp_path):
    path = _register(tmp_path)
    result = load_cohort(path)
    c = result.cohort
    got = sorted(
        zip(c.procedures["patient_id"], c.procedures["level"].astype(str),
            c.procedures["cement_volume_ml"], c.procedures["leakage"].astype(str), strict=True)
    )  # fmt: skip
    assert got == [
        ("PSH-1", "T10", 3.0, "none"), ("PSH-1", "T8", 4.0, "none"), ("PSH-1", "T9", 4.0, "venous"),
        ("PSH-2", "L1", 4.0, "none"), ("PSH-2", "L2", 3.5, "none"), ("PSH-3", "L3", 5.5, "disc"),
    ]  # fmt: skip
    assert not [p for p in result.problems if p.severity == ERROR]
    _reproduced_by_its_mapping(path, tmp_path)


def test_urdu_headers_visits_and_states(tmp_path):
    path = _register(tmp_path)
    c = load_cohort(path).cohort
    sexes = dict(zip(c.patients["patient_id"], c.patients["sex"].astype(str), strict=True))
    assert sexes == {"PSH-1": "male", "PSH-2": "female", "PSH-3": "female"}
    died = dict(zip(c.patients["patient_id"], c.patients["died"].astype(bool), strict=True))
    assert died == {"PSH-1": False, "PSH-2": False, "PSH-3": True}
    scores = {(r.patient_id, r.timepoint): r.value for r in c.assessments.itertuples()}
    assert scores == {
        ("PSH-1", "pre"): 9, ("PSH-1", "1m"): 2, ("PSH-1", "3m"): 1,
        ("PSH-2", "pre"): 8, ("PSH-2", "3m"): 2, ("PSH-3", "pre"): 7,
    }  # fmt: skip
    labels = {col.letter: col.label for col in inspect_input(path).columns}
    assert labels["E"] == "procedures.cement_volume_ml"
    assert labels["F"] == "procedures.leakage"


def test_volumes_one_a_line():
    assert parse_volumes("۴\n۴\n۳") == (4.0, 4.0, 3.0)
    assert parse_volumes("2.1\n3") == (2.1, 3.0)


def test_a_line_naming_its_level_is_read_by_its_level():
    from analysis.normalize.leakage_levels import sites_by_line

    col = load_spec().column("procedures", "leakage")
    assert sites_by_line("none\nvenous", col) == (("#1", "none"), ("#2", "venous"))
    assert sites_by_line("T9 none\nT10 venous", col) is None
    assert sites_by_line("venous", col) is None
