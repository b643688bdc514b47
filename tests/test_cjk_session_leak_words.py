"""A Chinese register's words: leakage named level by level with the region glued to
its number (``胸12椎间盘渗漏``), a second operation's visits named by a prefix written
without a space (``再次手术术后1月``), a diagnosis cell naming the repeat operation, and
cement brands and missing markers."""

from __future__ import annotations

import pytest

from analysis.load import load_cohort
from analysis.normalize import is_missing, parse_cell
from analysis.normalize.leakage_levels import sites_by_level
from analysis.normalize.timepoints import names_repeat, timepoint_of
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook


def test_leakage_level_by_level_with_region_words():
    leak = load_spec().column("procedures", "leakage")
    assert sites_by_level("胸12椎间盘、椎旁静脉渗漏；腰1椎旁软组织渗漏", leak) == (
        ("T12", "disc;venous"),
        ("L1", "paravertebral"),
    )
    assert sites_by_level("椎间盘、椎旁静脉渗漏", leak) is None  # no level: the session's


@pytest.mark.parametrize(
    ("text", "point"),
    [("再次手术术前", "pre"), ("再次手术术后1月", "1m"), ("再次手术术后3月", "3m")],
)
def test_a_second_operation_s_visits(text, point):
    assert timepoint_of(text) == point


@pytest.mark.parametrize(
    ("column", "value", "read"),
    [("cement_type", "PMMA骨水泥", "PMMA"), ("cement_type", "Vertebroplastic", "PMMA")],
)
def test_cement_brands(column, value, read):
    assert parse_cell(value, load_spec().column("procedures", column)) == read


def test_not_assessed_is_missing():
    assert is_missing("未评") and is_missing("失访")


def test_a_diagnosis_naming_the_repeat_operation_is_no_error(tmp_path):
    assert names_repeat("再发骨折，再次手术") and not names_repeat("骨质疏松性椎体压缩骨折")
    rows = [
        ["研究编号", "性别", "年龄", "诊断", "手术日期", "术式", "手术节段", "骨水泥渗漏"],
        [
            "SH-1",
            "女",
            "72岁",
            "骨质疏松性椎体压缩骨折",
            "2021-07-26",
            "PKP",
            "胸12、腰1",
            "胸12椎间盘渗漏",
        ],
        ["SH-1", "女", None, "再发骨折，再次手术", "2022-01-10", "PKP", "腰2", "无"],
        ["SH-2", "男", "80岁", "OVCF", "2021-08-04", "PVP", "胸7", "无"],
    ]
    loaded = load_cohort(_workbook(tmp_path / "s.xlsx", {"登记": rows}))
    assert loaded.errors == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients.loc["SH-1", "etiology"] == "osteoporotic"
    said = [p for p in loaded.problems if p.rule == "etiology_repeat"]
    assert [p.row for p in said] == [3]
    procs = loaded.cohort.procedures.set_index("level")
    assert procs.loc["T12", "leakage"] == "disc" and procs.loc["L1", "leakage"] == "none"
