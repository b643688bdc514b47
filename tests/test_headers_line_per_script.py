"""Headers of two lines in two scripts, neither Latin (simplified Chinese over Uyghur in
Arabic script): the line that names a field or a time point, the other its translation."""

from __future__ import annotations

import pytest

from analysis.load import load_cohort
from analysis.normalize.headers import english_lines
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping


@pytest.mark.parametrize(
    ("header", "read"),
    [
        ("研究编号\nتەتقىقات نومۇرى", "研究编号"),  # the study ID, not left to its record number
        ("性别\nجىنسى", "性别"),
        ("手术日期\nئوپېراتسىيە ۋاقتى", "手术日期"),
        ("术后3月\n3 ئاي", "术后3月"),  # a group label: the line naming a time point
        ("术前\nئوپېراتسىيەدىن بۇرۇن", "术前"),
        ("日期\nئوپېراتسىيە ۋاقتى", "日期\nئوپېراتسىيە ۋاقتى"),  # which date: the other line says
        ("性别\n备注", "性别\n备注"),  # one script: two Chinese words, not a translation
        ("备注\nئىزاھات", "备注\nئىزاھات"),  # neither line names a field
    ],
)
def test_a_header_reads_as_its_one_line_naming_a_field(header, read):
    assert english_lines(header) == read


HEAD = [
    "序号\nتەرتىپ",
    "研究编号\nتەتقىقات نومۇرى",
    "住院号\nدوختۇرخانا نومۇرى",
    "性别\nجىنسى",
    "年龄\nيېشى",
    "手术日期\nئوپېراتسىيە ۋاقتى",
    "手术节段\nئومۇرتقا",
    "骨水泥量(ml)\nمىقدارى",
    "渗漏\nسىرغىپ چىقىش",
]


def test_a_log_book_in_chinese_and_uyghur_loads(tmp_path):
    log = [
        HEAD,
        [1, "UR-1", "00343801", "ئەر", "62岁", "2021年1月28日", "T8", 4, "يوق"],
        [2, "UR-2", "00328875", "ئايال", 78, "2021年2月3日", "腰4", 6, "椎间盘渗漏"],
        [3, "UR-3", "00321329", "女", "41岁", "2021年3月12日", "L1", 3, "无"],
    ]
    follow = [
        ["研究编号", "术前\nئوپېراتسىيەدىن بۇرۇن", None, "术后3月\n3 ئاي", None, "转归\nئاقىۋىتى"],
        [None, "日期", "VAS", "日期", "VAS", "转归"],
        ["UR-1", "2021-01-28", 7, "2021-04-30", 5, "ھايات"],
        ["UR-2", "2021-02-03", 8, "见第2次", None, "存活"],
        ["UR-3", "2021-03-12", 9, "2021-06-12", 3, "死亡 2021-08-01"],
    ]
    path = _workbook(
        tmp_path / "log.xlsx",
        {"ئاپرېل 2021": log, "随访": follow},
        merges=[("随访", "B1:C1"), ("随访", "D1:E1"), ("随访", "A1:A2")],
    )
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert list(patients.index) == ["UR-1", "UR-2", "UR-3"]
    assert list(patients["sex"]) == ["male", "female", "female"]
    assert list(patients["died"]) == [False, False, True]
    procedures = loaded.cohort.procedures.set_index("patient_id")
    assert list(procedures["leakage"]) == ["none", "disc", "none"]
    pain = loaded.cohort.assessments.query("measure == 'pain_vas'")
    assert sorted(zip(pain["patient_id"], pain["timepoint"], pain["value"], strict=True)) == [
        ("UR-1", "3m", 5),
        ("UR-1", "pre", 7),
        ("UR-2", "pre", 8),
        ("UR-3", "3m", 3),
        ("UR-3", "pre", 9),
    ]
    _reproduced_by_its_mapping(path, tmp_path)
