"""A legend sheet of notes, one abbreviation a row (``KĐ: không đến tái khám``, ``PV:
vertebroplasty``): an abbreviation meaning a missed visit is read as missing in every
column, said in ``inspect`` and written to the mapping; one meaning anything else changes
nothing, and a sheet of notes defining no missing marker is no legend."""

from __future__ import annotations

from pathlib import Path

from analysis.load import inspect_input, load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

DATA = [
    ["Mã NC", "Giới", "Tuổi", "Ngày CT", "Đốt", "VAS Trước CT", "VAS 1 tháng", "VAS 6 tháng"],
    ["CS-01", "Nữ", 83, "14/10/2022", "T12", 6, 4, "KĐ"],
    ["CS-02", "Nam", 76, "05/06/2023", "L2", 7, "KĐ", 2],
    ["CS-03", "Nữ", 59, "01/07/2022", "L1", 8, 5, 3],
    ["CS-04", "Nam", 53, "02/11/2023", "L3", 9, 5, "KĐ"],
]
NOTES = [
    ["PV: tạo hình đốt sống qua da (vertebroplasty)"],
    ["CT: can thiệp"],
    ["KĐ: không đến tái khám"],
    ["VAS: thang điểm đau 0-10"],
    ["Thời điểm tái khám tính từ ngày can thiệp của từng lần"],
]


def _register(path: Path, notes: list[list[object]]) -> Path:
    return _workbook(path, {"Lần 1": DATA, "Chú thích": notes})


def test_an_abbreviation_for_a_missed_visit_reads_as_missing(tmp_path: Path) -> None:
    path = _register(tmp_path / "register.xlsx", NOTES)
    result = load_cohort(path)
    pain = result.cohort.assessments.query("measure == 'pain_vas'")
    assert len(pain) == 9  # twelve cells, three of them a missed visit
    assert not [p for p in result.problems if p.sheet == "Lần 1" and "not a number" in p.message]
    legend = [p.message for p in result.problems if p.sheet == "Chú thích"]
    assert legend == ["read as a legend: KĐ read as missing in every column"]
    notes = {s.sheet: (s.status, s.note) for s in inspect_input(path).sheets}
    assert notes["Chú thích"] == ("legend", legend[0])
    assert "missing: [KĐ]" in inspect_input(path).mapping_yaml()
    _reproduced_by_its_mapping(path, tmp_path)


def test_notes_defining_no_missing_marker_are_no_legend(tmp_path: Path) -> None:
    notes = [r for r in NOTES if not str(r[0]).startswith("KĐ")]
    path = _register(tmp_path / "register.xlsx", notes)
    result = load_cohort(path)
    assert not [p for p in result.problems if "legend" in p.message]
    errors = [p for p in result.problems if p.sheet == "Lần 1" and "not a number" in p.message]
    assert len(errors) == 3  # each KĐ reported where it stands


def test_a_note_line_above_the_header_defining_a_missing_marker(tmp_path: Path) -> None:
    """A note on the data sheet itself, a sentence ending ``KĐ = không đánh giá`` (not
    assessed): KĐ read as missing in every column, said in a warning and the mapping."""
    note = ["Lịch tái khám: trước can thiệp, 1 tháng và 6 tháng sau can thiệp. KĐ = không đánh giá."]  # fmt: skip
    path = _workbook(tmp_path / "register.xlsx", {"Lần 1": [note, *DATA]})
    result = load_cohort(path)
    assert len(result.cohort.assessments.query("measure == 'pain_vas'")) == 9
    assert not [p for p in result.problems if "not a number" in p.message]
    (legend,) = [p.message for p in result.problems if p.rule == "legend"]
    assert legend == "a key line on the sheet read: KĐ read as missing in every column"
    assert "missing: [KĐ]" in inspect_input(path).mapping_yaml()
    _reproduced_by_its_mapping(path, tmp_path)
