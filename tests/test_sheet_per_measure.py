"""A workbook of related tables with one sheet per measure (``VAS评分``, ``ODI评分``:
the sheet's name names the measure, its columns only the time points), a score's unit
written against the measure (``ODI评分``), a total word written against the volume
(``共6.5ml``), a new fracture's "date found" and Chinese missing-visit words."""

from __future__ import annotations

import pytest

from analysis.load import load_cohort
from analysis.load.header import measure_named
from analysis.normalize import is_missing
from analysis.normalize.cells import parse_volume
from tests.test_any_workbook import _workbook


@pytest.mark.parametrize(("name", "measure"), [("ODI评分", "odi"), ("VAS评分", "pain_vas")])
def test_a_score_word_glued_to_the_measure(name, measure):
    found = measure_named(name, {})
    assert found is not None and found.measure == measure


def test_a_total_word_glued_to_the_volume():
    assert parse_volume("共6.5ml") == 6.5
    assert parse_volume("合计 12ml") == 12.0


def test_missing_visit_words():
    assert all(is_missing(w) for w in ("未复查", "未到院", "未测"))


def _book(tmp_path):
    patients = [["研究编号", "性别", "年龄", "诊断"], ["JJ-1", "女", 70, "车祸伤致椎体压缩骨折"], ["JJ-2", "男", 80, "骨质疏松"]]  # fmt: skip
    operations = [
        ["研究编号", "手术次数", "手术日期", "术式", "责任椎体", "骨水泥用量(ml)"],
        ["JJ-1", "第1次", "2021-05-20", "PVP", "L1、L2椎体", "共6.5ml"],
        ["JJ-2", "第1次", "2021-06-01", "PKP", "T12椎体", 4],
    ]
    vas = [
        ["疼痛视觉模拟评分（VAS，0—10分）"],
        ["研究编号", "手术次数", "术前", "术后1月", "术后12月"],
        ["JJ-1", "第1次", 7, 3, "未复查"],
        ["JJ-2", "第1次", 8, "未测", 2],
    ]
    odi = [["研究编号", "手术次数", "术前", "术后1月"], ["JJ-1", "第1次", 60, 30], ["JJ-2", "第1次", 128, 20]]  # fmt: skip
    fractures = [["研究编号", "发现日期", "新发骨折椎体"], ["JJ-2", "2021-09-01", "T11椎体"]]
    sheets = {"基本信息": patients, "手术记录": operations, "VAS评分": vas, "ODI评分": odi}
    return _workbook(tmp_path / "m.xlsx", {**sheets, "新发骨折": fractures})


def test_one_sheet_per_measure(tmp_path):
    loaded = load_cohort(_book(tmp_path))
    scores = loaded.cohort.assessments
    got = {(p, m, t): v for p, m, t, v in zip(scores["patient_id"], scores["measure"], scores["timepoint"], scores["value"], strict=True)}  # fmt: skip
    assert got[("JJ-1", "pain_vas", "pre")] == 7 and got[("JJ-1", "pain_vas", "1m")] == 3
    assert got[("JJ-2", "pain_vas", "12m")] == 2 and got[("JJ-1", "odi", "1m")] == 30
    assert ("JJ-2", "odi", "pre") not in got
    errors = [(p.sheet, p.row, p.column) for p in loaded.errors]
    assert errors == [("ODI评分", 3, "术前")]  # 128 %, and no error on a missed visit
    procs = loaded.cohort.procedures.set_index("level")
    assert procs.loc["L1", "session_cement_volume_ml"] == 6.5
    assert loaded.cohort.patients.set_index("patient_id").loc["JJ-1", "etiology"] == "traumatic"
    fractures = loaded.cohort.fractures
    assert list(fractures["level"]) == ["T11"] and list(fractures["patient_id"]) == ["JJ-2"]
