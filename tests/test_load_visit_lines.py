"""A register of one row per patient whose cells hold several values a line each: a
measure's cell giving each visit and its score on a line (``Trước mổ: 8`` / ``1 tháng:
3``), leakage a line per level (``L3: Không`` / ``L4: Tĩnh mạch``), and the repeat
operation's columns under a group header naming it with a remark in brackets (``MỔ LẦN 2
(nếu có)``: the second operation, if any)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.normalize.leakage_levels import sites_by_level
from analysis.normalize.timed_scores import timed_scores
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_GROUPS = ["THÔNG TIN", None, None, "PHẪU THUẬT LẦN 1", None, None, None, None, "MỔ LẦN 2 (nếu có)", None, None, None]  # fmt: skip
_HEADER = ["Mã NC", "Tuổi", "Giới", "Ngày mổ", "Đốt sống", "Rò xi măng", "VAS", "ODI", "Ngày mổ", "Đốt sống", "Rò xi măng", "VAS"]  # fmt: skip
_ROWS = [
    ["VN-01", 70, "Nữ", datetime(2021, 5, 17), "L3\nL4", "L3: Không\nL4: Tĩnh mạch",
     "Trước mổ: 8\nSau mổ 1 ngày: 5\n1 tháng: 3\n3 tháng: không tái khám", "Trước mổ: 70%\n3 tháng: 28%",
     datetime(2021, 9, 1), "T12", "Không", "Trước mổ: 7\n1 tháng: 2"],
    ["VN-02", 66, "Nam", datetime(2021, 6, 4), "T12", "Không",
     "Trước mổ: 7\n1 tháng: 14\ntử vong", "Trước mổ: 60%\n3 tháng: 30%",
     datetime(2021, 8, 2), "L1", "L1: Đĩa đệm", "Trước mổ: 9\nSau mổ 1 ngày: 4"],
    ["VN-03", 80, "Nữ", datetime(2021, 7, 9), "L1\nL2", "L1: Đĩa đệm\nL2: Không",
     "Trước mổ: 9\n1 tháng: 4\n3 tháng: 2", "Trước mổ: 64%\n3 tháng: 20%",
     datetime(2022, 1, 3), "T11", "Không", "Trước mổ: 6\n3 tháng: 1"],
    ["VN-04", 75, "Nữ", datetime(2021, 8, 9), "L5", "Không",
     "Trước mổ: 6\n1 tháng: 2", "Trước mổ: 50%\n3 tháng: 24%", None, None, None, None],
]  # fmt: skip


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(_GROUPS)
    ws.append(_HEADER)
    for row in _ROWS:
        ws.append(row)
    ws.merge_cells("D1:H1")
    ws.merge_cells("I1:L1")
    wb.save(path)
    return path


def test_a_cell_of_visit_lines_gives_each_visit_its_score() -> None:
    assert timed_scores("Trước mổ: 8\nSau mổ 1 ngày: 5\n3 tháng: không tái khám\ntử vong") == (
        ("pre", "8"),
        ("24h", "5"),
        ("3m", "không tái khám"),
    )
    assert timed_scores("8\n5") is None  # no visit named
    assert timed_scores("Trước mổ: 8\nsinh thiết: có") is None  # a line naming no visit


def test_leakage_a_line_per_level_is_read_level_by_level() -> None:
    col = load_spec().column("procedures", "leakage")
    assert sites_by_level("L3: Không\nL4: Tĩnh mạch", col) == (("L3", "none"), ("L4", "venous"))


def test_a_register_of_visit_lines_and_a_repeat_group(tmp_path: Path) -> None:
    path = _register(tmp_path / "register.xlsx")
    loaded = load_cohort(path)
    errors = [p for p in loaded.problems if p.severity == ERROR]
    # the one planted mistake, VAS 14, is named on its cell with its visit
    assert [(p.row, p.column) for p in errors] == [(4, "VAS")]
    assert "1m" in errors[0].message
    cohort = loaded.cohort
    procs = cohort.procedures
    assert procs.groupby("patient_id", observed=True)["procedure_id"].nunique().to_dict() == {
        "VN-01": 2,
        "VN-02": 2,
        "VN-03": 2,
        "VN-04": 1,
    }
    leak = {(r.patient_id, str(r.level)): str(r.leakage) for r in procs.itertuples()}
    assert leak[("VN-01", "L3")] == "none" and leak[("VN-01", "L4")] == "venous"
    assert leak[("VN-01", "T12")] == "none" and leak[("VN-02", "L1")] == "disc"
    scores = cohort.assessments.merge(procs[["procedure_id", "patient_id"]].drop_duplicates())
    got = {
        (r.patient_id, r.procedure_id[-1], r.measure, r.timepoint): r.value
        for r in scores.itertuples()
    }
    assert got[("VN-01", "1", "pain_vas", "24h")] == 5
    assert got[("VN-01", "1", "odi", "3m")] == 28
    assert ("VN-01", "1", "pain_vas", "3m") not in got  # a missed visit: no score
    assert got[("VN-01", "2", "pain_vas", "1m")] == 2  # the repeat operation's own visits
    assert got[("VN-03", "2", "pain_vas", "3m")] == 1
    _reproduced_by_its_mapping(path, tmp_path)
