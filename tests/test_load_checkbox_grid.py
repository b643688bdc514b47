"""A register kept with checkboxes (Google Sheets, Excel's TRUE / FALSE): one column per
vertebra ticked where treated, the cement column beside them the session's total, one box
per leak site for the whole session, and an ``Index`` / ``Re-do`` session column."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from tests.test_any_workbook import _workbook

LEVELS = ["T11", "T12", "L1", "L2"]
LEAKS = ["Leak: none", "Leak: disc", "Leak: venous"]
HEAD = ["Study No", "Age", "Date of procedure", "Session", *LEVELS, "Cement (mls)", *LEAKS, "Pre-op VAS"]  # fmt: skip


def _row(pid, day, session, treated, cement, leaks, vas):
    ticks = [lv in treated for lv in LEVELS]
    boxes = [name in leaks for name in ("none", "disc", "venous")]
    return [pid, 70, datetime(2023, 3, day), session, *ticks, cement, *boxes, vas]


ROWS = [
    _row("CB-01", 1, "Index", ["L1"], 5.5, ["venous"], 8),
    _row("CB-02", 2, "Index", ["T12", "L1"], 9.0, ["none"], 7),
    _row("CB-03", 3, "Index", ["T11"], 3.5, [], 9),  # no box ticked: not recorded
    _row("CB-04", 4, "Index", ["L1", "L2"], 10.0, ["disc", "venous"], 8),
    _row("CB-01", 20, "Re-do", ["L2"], 6.0, ["none"], 7),
]


def _path(tmp_path, rows=ROWS):
    return _workbook(tmp_path / "register.xlsx", {"Register": [HEAD, *rows]})


def _by_vertebra(cohort, column):
    p = cohort.procedures
    return {(r.patient_id, r.level): getattr(r, column) for r in p.itertuples()}


def test_ticked_vertebrae_are_the_session_levels(tmp_path):
    loaded = load_cohort(_path(tmp_path))
    assert [p.message for p in loaded.errors] == []
    assert set(_by_vertebra(loaded.cohort, "day")) == {
        ("CB-01", "L1"), ("CB-01", "L2"), ("CB-02", "T12"), ("CB-02", "L1"),
        ("CB-03", "T11"), ("CB-04", "L1"), ("CB-04", "L2"),
    }  # fmt: skip
    read = {c.letter: c.label for c in inspect_input(_path(tmp_path)).columns}
    assert read["E"] == "vertebra:T11"


def test_cement_beside_ticked_vertebrae_is_the_session_total(tmp_path):
    loaded = load_cohort(_path(tmp_path))
    totals = _by_vertebra(loaded.cohort, "session_cement_volume_ml")
    assert totals[("CB-02", "T12")] == totals[("CB-02", "L1")] == 9.0
    assert totals[("CB-01", "L1")] == 5.5
    assert totals[("CB-01", "L2")] == 6.0
    read = {c.letter: c.label for c in inspect_input(_path(tmp_path)).columns}
    assert read["I"] == "procedures.session_cement_volume_ml"


def test_leak_boxes_are_the_session_leakage(tmp_path):
    loaded = load_cohort(_path(tmp_path))
    leaks = _by_vertebra(loaded.cohort, "leakage")
    assert leaks[("CB-01", "L1")] == "venous"
    assert leaks[("CB-02", "T12")] == leaks[("CB-02", "L1")] == "none"
    assert leaks[("CB-04", "L1")] == leaks[("CB-04", "L2")] == "disc;venous"
    assert pd.isna(leaks[("CB-03", "T11")])


def test_none_ticked_beside_a_site_is_said(tmp_path):
    rows = [*ROWS[:4], _row("CB-01", 20, "Re-do", ["L2"], 6.0, ["none", "disc"], 7)]
    loaded = load_cohort(_path(tmp_path, rows))
    assert _by_vertebra(loaded.cohort, "leakage")[("CB-01", "L2")] == "disc"
    said = [p for p in loaded.problems if "leak boxes tick both none and disc" in p.message]
    assert [p.row for p in said] == [6]


def test_index_and_redo_are_the_first_and_a_later_session(tmp_path):
    loaded = load_cohort(_path(tmp_path))
    p = loaded.cohort.procedures
    sessions = p.groupby("patient_id")["procedure_id"].nunique().to_dict()
    assert sessions == {"CB-01": 2, "CB-02": 1, "CB-03": 1, "CB-04": 1}
    assert dict(zip(p.level, p.day, strict=True))["L2"] in (0, 19)
    assert sorted(p[p.patient_id == "CB-01"].day) == [0, 19]


def test_the_mapping_keeps_the_checkbox_readings(tmp_path):
    path = _path(tmp_path)
    loaded = load_cohort(path)
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.procedures.equals(loaded.cohort.procedures)
    assert mapped.assessments.equals(loaded.cohort.assessments)
