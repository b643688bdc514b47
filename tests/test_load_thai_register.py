"""A Thai register of one row per patient: sex as ``ช``/``ญ`` (a convention read only when
the column holds the pair), age as ``78 ปี``, leaks as ``รั่วเข้าหลอดเลือดดำ`` (into a vein),
a missed visit as ``ไม่มา``, one cement total per session under
``ซีเมนต์รวม (ml)`` (a session's total, never each vertebra's), death as ``ไม่`` or
``เสียชีวิต 13/12/2564`` (died, the date after the word), and a second session in extra
columns (``ทำครั้งที่ 2 วันที่``: its date, ``ระดับ ครั้งที่ 2``: its levels). Dates in the
Buddhist Era."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.normalize import parse_cell
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

HEADER = [
    "รหัสโครงการ",
    "เพศ",
    "อายุ (ปี)",
    "วันที่ทำหัตถการ",
    "ระดับ",
    "ซีเมนต์รวม (ml)",
    "ซีเมนต์รั่ว",
    "VAS ก่อนทำ",
    "VAS 1 เดือน",
    "ทำครั้งที่ 2 วันที่",
    "ระดับ ครั้งที่ 2",
    "เสียชีวิต",
]
ROWS = [
    ["CM-01", "ช", 89, "01/06/2564", "T9", 1.5, "ไม่มี", 7, "ไม่มา", None, None, "ไม่"],
    [
        "CM-02",
        "ญ",
        "90 ปี",
        "03/08/2564",
        "L1, L2",
        6,
        "L2 รั่วเข้าหมอนรองกระดูก + หลอดเลือดดำ",
        9,
        4,
        None,
        None,
        "ไม่",
    ],
    [
        "CM-03",
        "ญ",
        64,
        "29/08/2564",
        "T11",
        3,
        "รั่วเข้าหลอดเลือดดำ",
        7,
        3,
        "03/10/2564",
        "T9",
        "เสียชีวิต 13/12/2564",
    ],
    [
        "CM-04",
        "ญ",
        "60 ปี",
        "02/10/2564",
        "T7",
        2.5,
        "รั่วออกข้างกระดูกสันหลัง",
        8,
        2,
        None,
        None,
        "ไม่",
    ],
    ["CM-05", "ช", 74, "26/11/2564", "T8-T10", 7.5, "ไม่มี", 10, "ไม่มา", None, None, "ไม่"],
]


@pytest.fixture
def register(tmp_path: Path) -> Path:
    return _workbook(tmp_path / "register.xlsx", {"VP": [HEADER, *ROWS]})


def test_a_thai_register(register: Path, tmp_path: Path) -> None:
    cohort = load_cohort(register).cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients["sex"].tolist() == ["male", "female", "female", "female", "male"]
    assert patients["age_years"].tolist() == [89, 90, 64, 60, 74]
    assert patients["died"].tolist() == [False, False, True, False, False]
    procs = cohort.procedures
    # a session's total is a vertebra's volume only when the session treated one
    per_level = procs.dropna(subset=["cement_volume_ml"])
    assert sorted(zip(per_level["patient_id"], per_level["cement_volume_ml"], strict=True)) == [
        ("CM-01", 1.5),
        ("CM-03", 3.0),
        ("CM-04", 2.5),
    ]
    totals = procs.set_index(["patient_id", "level"])["session_cement_volume_ml"].dropna()
    levels = {"CM-01": "T9", "CM-02": "L1 L2", "CM-03": "T11", "CM-04": "T7", "CM-05": "T8 T9 T10"}
    given = {"CM-01": 1.5, "CM-02": 6.0, "CM-03": 3.0, "CM-04": 2.5, "CM-05": 7.5}
    assert totals.to_dict() == {
        (p, lv): given[p] for p, lvs in levels.items() for lv in lvs.split()
    }
    leaks = procs.query("day == 0").set_index(["patient_id", "level"])["leakage"].to_dict()
    assert leaks[("CM-02", "L1")] == "none" and leaks[("CM-02", "L2")] == "disc;venous"
    assert (leaks[("CM-03", "T11")], leaks[("CM-04", "T7")]) == ("venous", "paravertebral")
    later = cohort.assessments.query("timepoint == '1m'")
    assert sorted(later["patient_id"]) == ["CM-02", "CM-03", "CM-04"]  # ไม่มา: did not come
    second = procs.query("patient_id == 'CM-03' and level == 'T9'")
    assert second["day"].tolist() == [35]  # 29/08 to 03/10/2564
    _reproduced_by_its_mapping(register, tmp_path)


@pytest.mark.parametrize(
    ("cell", "died"),
    [
        ("ไม่", False),
        ("เสียชีวิต", True),
        ("เสียชีวิต 13/12/2564", True),
        ("died 13/12/2021", True),
        ("no - 2021-12-13", False),
    ],
)
def test_a_death_written_with_its_date_after_the_word(cell: str, died: bool) -> None:
    assert parse_cell(cell, load_spec().column("patients", "died")) is died


def test_a_number_after_the_word_is_no_date() -> None:
    with pytest.raises(ValueError, match="yes/no"):
        parse_cell("yes 3", load_spec().column("patients", "died"))
