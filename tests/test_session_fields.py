"""A session's technique and cement written on its first vertebra's row only, its further
vertebrae's rows left blank there, are the session's on every vertebra (said in a
warning); a session whose rows give two techniques is left as written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort

_HEADER = ("Study ID", "Sex", "Age", "Session", "Date", "Level", "Technique", "Cement type", "Volume (ml)")  # fmt: skip


def _write(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(_HEADER)
    day = datetime(2022, 3, 1)
    for row in (
        ("VA-01", "F", 71, 1, day, "T12", "Kyphoplasty", "PMMA", 4),
        ("VA-01", "F", 71, 1, day, "L1", None, None, 5),
        ("VA-01", "F", 71, 1, day, "L2", None, None, 3),
        ("VA-02", "M", 66, 1, day, "T8", "Vertebroplasty", "PMMA", 3),
        ("VA-02", "M", 66, 1, day, "T9", "Kyphoplasty", "PMMA", 3),
        ("VA-02", "M", 66, 1, day, "T10", None, "PMMA", 3),
    ):
        ws.append(row)
    wb.save(path)
    return path


def test_a_sessions_technique_and_cement_fill_its_vertebrae(tmp_path: Path) -> None:
    result = load_cohort(_write(tmp_path / "register.xlsx"))
    assert result.errors == []
    procs = result.cohort.procedures.set_index(["patient_id", "level"])
    first = procs.loc["VA-01"]
    assert first["technique"].astype(str).to_dict() == {"T12": "kyphoplasty", "L1": "kyphoplasty", "L2": "kyphoplasty"}  # fmt: skip
    assert set(first["cement_type"].astype(str)) == {"PMMA"}
    # two techniques in one session: the blank row's is not guessed
    assert procs.loc[("VA-02", "T10"), "technique"] is None or str(procs.loc[("VA-02", "T10"), "technique"]) in ("nan", "<NA>")  # fmt: skip
    said = [p for p in result.problems if p.rule == "session_field_filled"]
    assert sorted(p.row for p in said) == [3, 3]
    assert any("technique left blank on 2 vertebra row(s) of a session" in p.message for p in said)
