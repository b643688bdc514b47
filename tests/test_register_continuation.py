"""A paper register copied row for row: an entry that ran out of space goes on on the next
line (no line number, no study ID, only the overflowing cells); levels, volumes and leaks
listed with the ideographic comma; an outcome column of dated notes under a vital-status
header; "same as before" (同前) on a patient's later entry; a maker's name beside PMMA."""

from __future__ import annotations

import pytest

from analysis.load import load_cohort
from analysis.normalize import parse_cell
from analysis.normalize.cells import parse_volumes
from analysis.normalize.deaths import names_death
from analysis.normalize.leakage_levels import sites_by_level
from analysis.problems import ERROR, WARNING
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

HEAD = [
    "序号",
    "研究编号",
    "性别",
    "年龄",
    "手术日期",
    "病因",
    "节段",
    "骨水泥",
    "注入量(ml)",
    "渗漏",
    "转归",
]


def _register(tmp_path):
    rows = [
        HEAD,
        [
            1,
            "XZ-1",
            "女",
            71,
            "2020/11/02",
            "骨髓瘤",
            "T12",
            "Mendec Spine",
            "4.5",
            "无",
            "2021/03/01 新发T11骨折",
        ],
        [
            2,
            "XZ-2",
            "男",
            75,
            "2020/11/21",
            "OVCF",
            "L2、L3",
            "天津合成 PMMA",
            "5、3",
            "无、椎间盘",
            None,
        ],
        [
            3,
            "XZ-3",
            "女",
            64,
            "2021/02/14",
            "OVCF",
            "L1、L2、",
            "天津合成 PMMA",
            "3.5、5.5、",
            "无、静脉、",
            "2022/02/24 复查MRI示",
        ],
        [None, None, None, None, None, None, "L3", None, "5", "无", None],
        [
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "新发T9椎体压缩骨折，保守治疗",
        ],
        [
            4,
            "XZ-4",
            "男",
            87,
            "2021/02/03",
            "骨质疏松",
            "L1、L2",
            "Osteopal V",
            "4、3.5",
            "椎间盘+静脉、无",
            "2021/10/07 死亡 འདས་གྲོངས།",
        ],
        [5, "XZ-1", "女", None, "2021/03/05", "同前", "T11", "Osteopal V", "4", "静脉", None],
    ]
    return _workbook(tmp_path / "register.xlsx", {"登记本": rows})


def test_a_register_with_lines_going_on_below_loads(tmp_path):
    path = _register(tmp_path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    procedures = cohort.procedures
    three = procedures[procedures["patient_id"] == "XZ-3"].sort_values("level")
    assert list(three["level"]) == ["L1", "L2", "L3"]
    assert list(three["cement_volume_ml"]) == [3.5, 5.5, 5.0]
    assert list(three["leakage"]) == ["none", "venous", "none"]
    assert set(three["cement_type"]) == {"PMMA"}
    two = procedures[procedures["patient_id"] == "XZ-2"].sort_values("level")
    assert list(two["cement_volume_ml"]) == [5.0, 3.0]
    assert list(two["leakage"]) == ["none", "disc"]
    four = procedures[procedures["patient_id"] == "XZ-4"].sort_values("level")
    assert list(four["leakage"]) == ["disc;venous", "none"]
    patients = cohort.patients.set_index("patient_id")
    assert patients.loc["XZ-4", "died"] == True  # noqa: E712
    assert patients.loc["XZ-2", "died"] == False  # noqa: E712
    assert patients.loc["XZ-1", "etiology"] == "pathologic"
    fractures = sorted(zip(cohort.fractures["patient_id"], cohort.fractures["level"], strict=True))
    assert fractures == [("XZ-1", "T11"), ("XZ-3", "T9")]
    joined = [p for p in loaded.problems if "continuing the entry" in p.message]
    assert [p.row for p in joined] == [5, 6]
    assert all(p.severity == WARNING and "of row 4" in p.message for p in joined)
    same = [p for p in loaded.problems if "same as before" in p.message]
    assert len(same) == 1 and same[0].row == 8
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_further_vertebra_row_is_not_a_continuation(tmp_path):
    """A row naming a further vertebra under a complete level (``L1``, then ``L2``) is a
    sheet's one row per vertebra, not a line going on: it is not joined."""
    rows = [
        ["Study ID", "Sex", "Age", "Date", "Level", "Volume (ml)", "Remarks"],
        ["P1", "F", 70, "2021-01-04", "L1", 3, "fine"],
        [None, None, None, "2021-01-04", "L2", 4, "small leak"],
    ]
    path = _workbook(tmp_path / "vertebrae.xlsx", {"Cases": rows})
    loaded = load_cohort(path)
    assert not [p for p in loaded.problems if "continuing the entry" in p.message]
    assert sorted(loaded.cohort.procedures["level"]) == ["L1", "L2"]


def test_volumes_and_leaks_listed_with_the_ideographic_comma():
    assert parse_volumes("3.5、5.5、5") == (3.5, 5.5, 5.0)
    leakage = load_spec().column("procedures", "leakage")
    assert sites_by_level("椎间盘+静脉、无", leakage) == (("#1", "disc;venous"), ("#2", "none"))


@pytest.mark.parametrize(
    ("cell", "cement"), [("天津合成 PMMA", "PMMA"), ("磷酸钙骨水泥", "calcium phosphate")]
)
def test_a_makers_name_in_characters_beside_the_cement(cell, cement):
    assert parse_cell(cell, load_spec().column("procedures", "cement_type")) == cement


def test_a_death_dated_first_and_named_in_two_languages():
    assert names_death("2021/10/07 死亡 འདས་གྲོངས།")
    assert not names_death("2021/10/07 复查 MRI")
