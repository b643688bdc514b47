"""Vertebra rows of a numbered session whose date is written once, and a study ID whose
header is unknown beside a record number whose header is known (a workbook in Arabic)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from analysis.load import load_cohort
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

HEAD = ["Code", "MRN", "Sex", "Age", "Session", "Procedure date", "Level", "Volume (ml)"]


def _rows() -> list[list[object]]:
    return [
        HEAD,
        ["VX-001", "884512", "F", 71, 1, datetime(2021, 3, 2), "L1", 4.0],
        ["VX-001", None, None, None, 1, None, "L2", 3.5],
        ["VX-001", None, None, None, 2, datetime(2021, 5, 4), "T12", 3.0],
        ["VX-002", "884513", "M", 66, 1, datetime(2021, 4, 9), "T11", 5.0],
        ["VX-002", None, None, None, 1, None, "T12", 4.5],
        ["VX-003", "884514", "F", 80, 1, datetime(2021, 6, 1), "L3", 4.0],
    ]


def _sessions(path) -> pd.DataFrame:
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    proc = loaded.cohort.procedures
    return loaded, proc.sort_values(["patient_id", "day", "level"])[["patient_id", "day", "level"]]


def test_a_sessions_date_written_once_dates_its_other_vertebra_rows(tmp_path):
    loaded, proc = _sessions(_workbook(tmp_path / "s.xlsx", {"Register": _rows()}))
    by_patient = {pid: list(zip(g["day"], g["level"], strict=True)) for pid, g in proc.groupby("patient_id")}  # fmt: skip
    assert by_patient == {
        "VX-001": [(0, "L1"), (0, "L2"), (63, "T12")],
        "VX-002": [(0, "T11"), (0, "T12")],
        "VX-003": [(0, "L3")],
    }
    said = [p for p in loaded.problems if p.rule == "session_date_filled"]
    assert [(p.row, p.message[:44]) for p in said] == [
        (3, "procedure date left blank on 1 vertebra row("),
        (6, "procedure date left blank on 1 vertebra row("),
    ]


def test_a_vertebra_row_under_an_unnumbered_session_is_read_into_it_and_said(tmp_path):
    """Without a session column, a row directly under the same patient's naming only a
    level and its volume is a further vertebra of the session above (its date), named
    in one warning; a row that names something of a session of its own (here a
    technique) with its date left blank is still an error."""
    rows = [[*r[:4], *r[5:]] for r in _rows()]
    rows[0] = [h for h in HEAD if h != "Session"]
    loaded = load_cohort(_workbook(tmp_path / "u.xlsx", {"Register": rows}))
    assert [p.row for p in loaded.errors if p.rule == "procedure_date"] == []
    said = [p for p in loaded.problems if p.rule == "session_rows_filled"]
    assert len(said) == 1 and "(rows 3, 6)" in said[0].message
    proc = loaded.cohort.procedures.sort_values(["patient_id", "day", "level"])
    assert list(zip(proc["patient_id"], proc["day"], proc["level"], strict=True)) == [
        ("VX-001", 0, "L1"), ("VX-001", 0, "L2"), ("VX-001", 63, "T12"),
        ("VX-002", 0, "T11"), ("VX-002", 0, "T12"), ("VX-003", 0, "L3"),
    ]  # fmt: skip
    # a technique other than the session's above (the same one repeated names nothing new)
    rows = [[*r, t] for r, t in zip(rows, ["Technique", "VP", "KP", "KP", "VP", "KP", "VP"], strict=True)]  # fmt: skip
    loaded = load_cohort(_workbook(tmp_path / "t.xlsx", {"Register": rows}))
    assert [p.row for p in loaded.errors if p.rule == "procedure_date"] == [3, 6]


def test_the_study_id_found_by_its_cells_beside_a_known_record_number(tmp_path):
    """The code column's header is unknown and the record number's is known: the rows
    are keyed by the study codes, and the record numbers reach no output."""
    loaded, proc = _sessions(_workbook(tmp_path / "s.xlsx", {"Register": _rows()}))
    assert sorted(loaded.cohort.patients["patient_id"]) == ["VX-001", "VX-002", "VX-003"]
    text = loaded.cohort.patients.to_csv() + proc.to_csv()
    assert "88451" not in text
    readings = _reproduced_by_its_mapping(tmp_path / "s.xlsx", tmp_path)
    assert readings["Code"].label == "patients.patient_id"
