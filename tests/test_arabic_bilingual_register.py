"""An Arabic register with an English line under each header (``الألم بعد أسبوع\\nVAS 1
wk``), set right to left, one row per session: a number in a header belongs to the words
of its own script (``٣`` to the Arabic, ``3`` to the English), so both lines name the same
time point; a leak beside the vertebra (``جانب الفقرة``), another cause (``أخرى``), and a new
fracture written on the first session's row while the second's points back to it (``انظر
الجلسة الأولى``: see the first session)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.headers import match_header
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = ["رقم الدراسة\nStudy No.", "الجنس\nSex", "العمر\nAge", "السبب\nCause",
           "الجلسة\nSession", "تاريخ العملية\nDate", "الفقرات\nLevels",
           "نوع العملية\nProcedure", "تسرب الإسمنت\nLeakage", "الألم قبل\nVAS pre",
           "الألم بعد أسبوع\nVAS 1 wk", "الألم بعد ٣ شهور\nVAS 3 mo",
           "كسور جديدة\nNew fracture", "الوفاة\nDied"]  # fmt: skip
_ROWS = [
    ["KT-1", "أنثى", 71, "هشاشة عظام", "الأولى", "18/9/2021", "T10", "VP رأب الفقرة",
     "جانب الفقرة", 9, 6, 2, "T11 بتاريخ 3/11/2021", "لا"],
    ["KT-1", "أنثى", 71, "هشاشة عظام", "الثانية", "٦/١١/٢٠٢١", "T11", "VP رأب الفقرة",
     "لا يوجد", 8, "لم يحضر", 3, "انظر الجلسة الأولى", "لا"],
    ["KT-2", "ذكر", 66, "أخرى", "الأولى", "25/9/2021", "L2", "KP رأب الحدبة بالبالون",
     "وريدي", 7, 5, 1, "لا", "لا"],
]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "timepoint"),
    [
        ("الألم بعد أسبوع\nVAS 1 wk", "1w"),
        ("الألم بعد شهر\nVAS 1 mo", "1m"),
        ("الألم بعد ٣ شهور\nVAS 3 mo", "3m"),
        ("VAS 3 mo الألم بعد ٣ شهور", "3m"),
    ],
)
def test_a_number_in_a_header_in_two_scripts_belongs_to_its_own_half(header, timepoint):
    found = match_header(header)
    assert found is not None and (found.measure, found.timepoint) == ("pain_vas", timepoint)


@pytest.mark.parametrize("header", ["الألم بعد ٣ شهور\nVAS 6 mo", "الألم بعد أسبوع\nVAS 1 mo"])
def test_halves_naming_different_time_points_name_none(header):
    assert match_header(header) is None


@pytest.fixture
def register(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "سجل الحقن"
    ws.sheet_view.rightToLeft = True
    ws.append(["مستشفى – سجل الحقن"])
    ws.append([])
    ws.append(_HEADER)
    for row in _ROWS:
        ws.append(row)
    book.save(tmp_path / "register.xlsx")
    return tmp_path / "register.xlsx"


def test_an_arabic_register_with_english_sub_headers(register, tmp_path):
    loaded = load_cohort(register)
    assert loaded.errors == []
    c = loaded.cohort
    assert c.patients.set_index("patient_id")["etiology"].astype(str).to_dict() == {
        "KT-1": "osteoporotic", "KT-2": "other"
    }  # fmt: skip
    leaks = dict(zip(c.procedures["level"].astype(str), c.procedures["leakage"].astype(str), strict=True))  # fmt: skip
    assert leaks == {"T10": "paravertebral", "T11": "none", "L2": "venous"}
    pain = sorted(
        (r.patient_id, str(r.timepoint), r.value)
        for r in c.assessments.itertuples()
        if r.measure == "pain_vas" and r.timepoint in ("1w", "3m")
    )
    assert pain == [("KT-1", "1w", 6), ("KT-1", "3m", 2), ("KT-1", "3m", 3), ("KT-2", "1w", 5), ("KT-2", "3m", 1)]  # fmt: skip
    f = c.fractures
    assert list(zip(f["patient_id"], f["level"].astype(str), f["day"], strict=True)) == [
        ("KT-1", "T11", 46)
    ]
    labels = {col.letter: col.label for col in inspect_input(register).columns}
    assert [labels[x] for x in "KL"] == ["pain_vas@1w", "pain_vas@3m"]
    assert labels["M"].startswith("fractures.level")
    _reproduced_by_its_mapping(register, tmp_path)
