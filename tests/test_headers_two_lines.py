"""Headers of two lines, one in another script and one in English (a bilingual register),
and a new fracture's level with its date written by month name in one cell."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import load_cohort
from analysis.normalize.dates import split_level_date
from analysis.normalize.headers import english_lines
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

HEAD = [
    "စဉ်\nSr.",
    "လူနာအမှတ်\nStudy No.",
    "အသက်\nAge",
    "ခွဲစိတ်သည့်နေ့\nDate of op",
    "ကျောရိုးအဆစ် ၁\nLevel 1",
    "ပမာဏ ၁ (ml)\nVol 1",
    "ကျောရိုးအဆစ် ၂\nLevel 2",
    "ပမာဏ ၂ (ml)\nVol 2",
    "NRS\nခွဲစိတ်မီ (pre-op)",
    "NRS\n၁ လ (1 mo)",
    "ကျိုးအသစ်\nNew fracture",
]


@pytest.mark.parametrize(
    ("header", "english"),
    [
        ("လူနာအမှတ်\nStudy No.", "Study No."),
        ("ကျောရိုးအဆစ် ၁\nLevel 1", "Level 1"),
        ("NRS\nခွဲစိတ်မီ (pre-op)", "NRS (pre-op)"),
        ("ကျိုးအသစ်နေ့\nDate", "ကျိုးအသစ်နေ့\nDate"),  # which date: the other line says
        ("Schmerz\nvor OP", "Schmerz\nvor OP"),  # one script: read as written
        ("術前\nVAS", "術前\nVAS"),  # the other line names the time point: kept whole
    ],
)
def test_a_two_line_header_reads_as_its_english_line(header, english):
    assert english_lines(header) == english


def test_a_bilingual_register_loads(tmp_path):
    rows = [
        HEAD,
        ["၁", "YGN-01", "၆၉", datetime(2022, 7, 14), "L4", 4.5, None, None, 6, 3, None],
        [2, "YGN-02", 79, datetime(2022, 3, 23), "T5", 4.5, "T6", "၃", 8, 2, "L1 (20-Jun-2023)"],
        [3, "YGN-03", 67, "၁၃.၉.၂၀၂၂", "L2", "၃", "L3", 3, "၉", 5, None],
    ]
    path = _workbook(tmp_path / "register.xlsx", {"VP register": rows})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    assert list(cohort.patients["patient_id"]) == ["YGN-01", "YGN-02", "YGN-03"]
    assert list(cohort.patients["age_years"]) == [69, 79, 67]
    levels = cohort.procedures.groupby("patient_id")["level"].apply(lambda s: sorted(map(str, s)))
    assert levels.to_dict() == {"YGN-01": ["L4"], "YGN-02": ["T5", "T6"], "YGN-03": ["L2", "L3"]}
    pre = cohort.assessments.query("timepoint == 'pre'").set_index("patient_id")["value"]
    assert pre.to_dict() == {"YGN-01": 6.0, "YGN-02": 8.0, "YGN-03": 9.0}
    frac = cohort.fractures
    assert list(zip(frac["patient_id"], frac["level"].astype(str), frac["day"], strict=True)) == [
        ("YGN-02", "L1", (datetime(2023, 6, 20) - datetime(2022, 3, 23)).days)
    ]
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["Study No."].label == "patients.patient_id"


def test_a_level_with_its_date_by_month_name():
    assert split_level_date("L1 (20-Jun-2023)") == ("L1", datetime(2023, 6, 20).date())
    assert split_level_date("L2 3 months 2023") is None
