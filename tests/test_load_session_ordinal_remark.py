"""A register's column naming each row's operation by a French short ordinal (``1ère``,
``2ème``), a remark in brackets beside it (``2ème (reprise)``): the session of the row, under
a header naming the procedure (``Intervention``), never a technique column left unread."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import load_cohort


def _register(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Registre"
    ws.append(
        ["Date opération", "Code", "Âge", "Intervention", "Technique", "Niveau", "Ciment (ml)"]
    )
    ws.append(["19/09/2022", "BJ-01", 79, "1ère", "VP", "L1", "4"])
    ws.append(["24/11/2022", "BJ-01", None, "2ème (reprise)", "VP", "L4", "5,5"])
    ws.append(["29/11/2022", "BJ-02", 63, "1ère", "KP", "T12", "3"])
    path = tmp_path / "registre.xlsx"
    wb.save(path)
    return path


def test_french_short_ordinals_with_a_remark_name_the_session(tmp_path):
    result = load_cohort(_register(tmp_path))
    assert [p.message for p in result.errors] == []
    p = result.cohort.procedures
    rows = sorted(zip(p["patient_id"], p["day"].astype(int), p["level"].astype(str), p["technique"].astype(str), strict=True))  # fmt: skip
    assert rows == [
        ("BJ-01", 0, "L1", "vertebroplasty"),
        ("BJ-01", 66, "L4", "vertebroplasty"),
        ("BJ-02", 0, "T12", "kyphoplasty"),
    ]
    assert p.groupby("patient_id")["procedure_id"].nunique().to_dict() == {"BJ-01": 2, "BJ-02": 1}
