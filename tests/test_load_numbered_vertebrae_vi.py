"""A Vietnamese register of one row per session with up to three treated vertebrae as
numbered pairs (``Đốt 1 | Thể tích 1 (ml) | Đốt 2 | Thể tích 2 (ml)``): each vertebra gets
its own volume, never the first pair's. ``Thể tích`` (volume) names the cement volume as
``Volume`` does; ``Trước CT`` (before the intervention, ``CT`` for ``can thiệp``) is the
baseline; a cause written as a phrase (``Xẹp đốt sống do loãng xương``: a collapse from
osteoporosis) is read by the spelling standing whole inside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.normalize import parse_cell
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

HEADER = [
    "Mã NC",
    "Giới",
    "Chẩn đoán",
    "Ngày CT",
    "Đốt 1",
    "Thể tích 1 (ml)",
    "Đốt 2",
    "Thể tích 2 (ml)",
    "Đốt 3",
    "Thể tích 3 (ml)",
    "VAS Trước CT",
    "VAS 1 tháng",
]
ROWS = [
    [
        "CS-01",
        "Nữ",
        "Xẹp đốt sống do loãng xương",
        "14/10/2022",
        "T12",
        "4,5",
        None,
        None,
        None,
        None,
        6,
        4,
    ],
    ["CS-02", "Nam", "Di căn cột sống", "02/11/2023", "L2", "3", "L3", "2", None, None, 7, 5],
    [
        "CS-03",
        "Nữ",
        "Xẹp đốt sống do loãng xương",
        "22/02/2023",
        "L2",
        "5",
        "L3",
        "4",
        "L4",
        "2,5",
        9,
        3,
    ],
    ["CS-04", "Nam", "Chấn thương", "30/11/2022", "T11", "3,5", "T12", "5,5", None, None, 8, 2],
    [
        "CS-05",
        "Nữ",
        "Xẹp đốt sống do loãng xương",
        "18/06/2022",
        "L4",
        "3,5",
        "L5",
        "3",
        None,
        None,
        10,
        6,
    ],
]


@pytest.fixture
def register(tmp_path: Path) -> Path:
    return _workbook(tmp_path / "dang_ky.xlsx", {"Lần 1": [HEADER, *ROWS]})


def test_each_numbered_vertebra_has_its_own_volume(register: Path, tmp_path: Path) -> None:
    cohort = load_cohort(register).cohort
    got = {
        (p, lv): v
        for p, lv, v in zip(
            cohort.procedures["patient_id"],
            cohort.procedures["level"],
            cohort.procedures["cement_volume_ml"],
            strict=True,
        )
    }
    assert got == {
        ("CS-01", "T12"): 4.5,
        ("CS-02", "L2"): 3.0,
        ("CS-02", "L3"): 2.0,
        ("CS-03", "L2"): 5.0,
        ("CS-03", "L3"): 4.0,
        ("CS-03", "L4"): 2.5,
        ("CS-04", "T11"): 3.5,
        ("CS-04", "T12"): 5.5,
        ("CS-05", "L4"): 3.5,
        ("CS-05", "L5"): 3.0,
    }
    columns = _reproduced_by_its_mapping(register, tmp_path)
    assert columns["Thể tích 2 (ml)"].label == "procedures.cement_volume_ml"


def test_the_baseline_and_the_cause_in_a_phrase(register: Path) -> None:
    cohort = load_cohort(register).cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients["etiology"].tolist() == [
        "osteoporotic",
        "pathologic",
        "osteoporotic",
        "traumatic",
        "osteoporotic",
    ]
    pre = cohort.assessments.query("measure == 'pain_vas' and timepoint == 'pre'")
    assert dict(zip(pre["patient_id"], pre["value"], strict=True)) == {
        "CS-01": 6.0,
        "CS-02": 7.0,
        "CS-03": 9.0,
        "CS-04": 8.0,
        "CS-05": 10.0,
    }


def test_a_spelling_of_several_words_inside_a_phrase_names_one_value() -> None:
    etiology = load_spec().column("patients", "etiology")
    assert parse_cell("Xẹp đốt sống do loãng xương", etiology) == "osteoporotic"
    assert parse_cell("Gãy do di căn ung thư vú", etiology) == "pathologic"
    with pytest.raises(ValueError, match="etiology"):
        parse_cell("Xẹp đốt sống", etiology)  # names no cause
