"""A register of one row per treated vertebra that writes the operation's cells (its date,
number and the scores) only on the first row of each session, repeats the technique and
cement on every vertebra's row, writes ``Redo`` in a score cell whose visit the repeat
operation replaced, and numbers its sessions under an Urdu header (``سیشن``: ``1st``,
``2nd (Redo)``)."""

from __future__ import annotations

from datetime import datetime

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

HEAD = ["Study ID", "Sex", "Age", "Procedure date", "Level", "Technique", "Cement", "VAS pre", "VAS 12 months"]  # fmt: skip


def _rows() -> list[list[object]]:
    return [
        HEAD,
        ["RS-001", "F", 71, datetime(2021, 4, 4), "T10", "PVP", "PMMA", 7, 2],
        [None, None, None, None, "T11", "PVP", "PMMA", None, None],
        [None, None, None, None, "T12", "PVP", "PMMA", None, None],
        ["RS-002", "M", 66, datetime(2021, 6, 13), "L2", "BKP", "PMMA", 8, "Redo"],
        [None, None, None, datetime(2022, 2, 20), "T12", "PVP", "PMMA", 6, 2],
        ["RS-003", "F", 80, datetime(2021, 7, 1), "L3", "PVP", "PMMA", 6, "Redo"],
    ]


def test_vertebra_rows_repeating_the_sessions_technique_and_cement_continue_it(tmp_path):
    """The further vertebra rows (no date, no score, the technique and cement the same as
    the session's row above) are vertebrae of that session, said in one warning."""
    path = _workbook(tmp_path / "r.xlsx", {"Register": _rows()})
    loaded = load_cohort(path)
    assert [p.row for p in loaded.errors if p.rule == "procedure_date"] == []
    said = [p for p in loaded.problems if p.rule == "session_rows_filled"]
    assert len(said) == 1 and "(rows 3, 4)" in said[0].message
    proc = loaded.cohort.procedures.sort_values(["patient_id", "day", "level"])
    assert list(zip(proc["patient_id"], proc["day"], proc["level"], strict=True)) == [
        ("RS-001", 0, "T10"), ("RS-001", 0, "T11"), ("RS-001", 0, "T12"),
        ("RS-002", 0, "L2"), ("RS-002", 252, "T12"), ("RS-003", 0, "L3"),
    ]  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_row_with_another_technique_is_still_a_session_of_its_own(tmp_path):
    rows = _rows()
    rows[3] = [None, None, None, None, "T12", "BKP", "PMMA", None, None]
    loaded = load_cohort(_workbook(tmp_path / "k.xlsx", {"Register": rows}))
    assert [p.row for p in loaded.errors if p.rule == "procedure_date"] == [4]


def test_redo_in_a_score_cell_is_no_visit_not_a_bad_number(tmp_path):
    """``Redo`` where a score would be: the repeat operation replaced the visit; the score
    is missing, with no error, and the other scores are read."""
    path = _workbook(tmp_path / "v.xlsx", {"Register": _rows()})
    loaded = load_cohort(path)
    assert [p for p in loaded.errors if "not a number" in p.message] == []
    a = loaded.cohort.assessments
    pain = a[a["measure"] == "pain_vas"]
    assert sorted(pain[pain["patient_id"] == "RS-003"]["value"]) == [6]
    assert sorted(pain[pain["patient_id"] == "RS-002"]["value"]) == [2, 6, 8]


def test_the_urdu_session_column_numbers_the_sessions_and_their_order_is_checked(tmp_path):
    """``سیشن`` (session) with ``1st`` and ``2nd (Redo)``: the sessions' numbers, and a
    second session dated before the first is an error on its date."""
    rows = [[*r[:3], s, *r[3:]] for r, s in zip(_rows(), ["سیشن", "1st", None, None, "1st", "2nd (Redo)", "1st"], strict=True)]  # fmt: skip
    rows[5][4] = datetime(2021, 2, 20)  # the redo dated before the first operation
    path = _workbook(tmp_path / "u.xlsx", {"Register": rows})
    loaded = load_cohort(path)
    order = [p for p in loaded.errors if p.rule == "session_order"]
    assert [(p.row, p.column) for p in order] == [(6, "Procedure date")]
    rows[5][4] = datetime(2022, 2, 20)
    path = _workbook(tmp_path / "w.xlsx", {"Register": rows})
    loaded = load_cohort(path)
    assert loaded.errors == [] or all(p.rule != "session_order" for p in loaded.errors)
    assert sorted(set(loaded.cohort.procedures["patient_id"])) == ["RS-001", "RS-002", "RS-003"]
    _reproduced_by_its_mapping(path, tmp_path)
