"""Patient cards whose second procedure is a box titled by its number (``PROCEDURE 2 (new
fracture)``: ``Date:``, ``Technique:``, ``Level(s):``, ``Cement:`` as label-value pairs,
as in the first box) and whose follow-up after it is a second table under ``FOLLOW-UP
after procedure 2``, the header the same as the first table's; visits named ``D0
(pre-op)``, ``D+1``, ``D+30``; the cement only as the session's total beside its name
(``PMMA (Osteopal V) – total 7.5 ml``); a new fracture only in a visit's remark, undated
(``New # L3 on X-ray – for VP``: found at that visit); a death as ``Died at home``."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_VISITS = ("D0 (pre-op)", "D+1", "D+30")
# the remark at D+30: a new fracture (treated in a second procedure), or a death
_REMARKS = {
    1: "New # T12 on X-ray – for VP",
    2: "New # T12 on X-ray – for VP",
    3: "Died at home 20/06/2023",
    4: "Deceased 25/06/2023 – li finn mor",
}
_HEADER = ["Visit", "Date", "VAS (0-10)", "Mobility (0-4)", "Remarks / Remarques"]


def _box(title: str, when: str, level: str, cement: str) -> list[list[object]]:
    return [
        [title],
        ["Date:", when, None, "Technique:", "Kyphoplasty"],
        ["Level(s) / Niveau(x):", level],
        ["Cement / Ciment:", cement],
        ["Leak / Fuite:", "Nil"],
        [],
    ]


def _card(ws, pid: str, k: int, second: bool) -> None:
    rows: list[list[object]] = [
        ["FOLLOW-UP CARD / FICHE DE SUIVI"],
        [],
        ["Study No:", pid, None, "Sex:", "F" if k % 2 else "M"],
        ["Age:", 70 + k, None, "Diagnosis / Diagnostic:", "Osteoporotic fracture"],
        [],
        *_box("PROCEDURE 1", f"1{k}/04/2023", "L2, L3", f"PMMA (Osteopal V) – total {6 + k}.5 ml"),
        ["FOLLOW-UP / SUIVI"],
        _HEADER,
        [_VISITS[0], f"1{k}/04/2023", 8, 3, None],
        [_VISITS[1], f"1{k + 1}/04/2023", 5, 2, "li byen"],
        [_VISITS[2], f"1{k}/05/2023", 3, 1, _REMARKS[k]],
        [],
    ]
    if second:
        rows += [
            *_box(
                "PROCEDURE 2 (new fracture / nouvelle fracture)",
                f"2{k}/05/2023",
                "T12",
                "Spineplex, 4 cc total",
            ),
            ["FOLLOW-UP / SUIVI after procedure 2"],
            _HEADER,
            [_VISITS[0], f"2{k}/05/2023", 9, 4, None],
            [_VISITS[1], f"2{k + 1}/05/2023", 4, 2, None],
            [_VISITS[2], f"2{k}/06/2023", 2, 0, None],
        ]
    for row in rows:
        ws.append(row)


@pytest.fixture
def cards(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for k in range(1, 5):
        _card(wb.create_sheet(f"PL-0{k}"), f"PL-0{k}", k, second=k in (1, 2))
    path = tmp_path / "cards.xlsx"
    wb.save(path)
    return path


def test_a_numbered_second_procedure_and_its_follow_up(cards: Path) -> None:
    result = load_cohort(cards)
    assert not result.errors
    procs = result.cohort.procedures
    sessions = sorted(zip(procs["patient_id"], procs["procedure_id"], procs["level"], procs["day"], strict=True))  # fmt: skip
    assert sessions == [
        ("PL-01", "PL-01-1", "L2", 0),
        ("PL-01", "PL-01-1", "L3", 0),
        ("PL-01", "PL-01-2", "T12", 40),
        ("PL-02", "PL-02-1", "L2", 0),
        ("PL-02", "PL-02-1", "L3", 0),
        ("PL-02", "PL-02-2", "T12", 40),
        ("PL-03", "PL-03-1", "L2", 0),
        ("PL-03", "PL-03-1", "L3", 0),
        ("PL-04", "PL-04-1", "L2", 0),
        ("PL-04", "PL-04-1", "L3", 0),
    ]
    totals = dict(zip(procs["procedure_id"], procs["session_cement_volume_ml"], strict=False))
    assert totals == {"PL-01-1": 7.5, "PL-01-2": 4.0, "PL-02-1": 8.5, "PL-02-2": 4.0, "PL-03-1": 9.5, "PL-04-1": 10.5}  # fmt: skip
    a = result.cohort.assessments
    pain = {(p, t): v for p, t, v in a.query("measure == 'pain_vas'")[["procedure_id", "timepoint", "value"]].itertuples(index=False)}  # fmt: skip
    assert pain[("PL-01-1", "pre")] == 8
    assert pain[("PL-01-2", "pre")] == 9
    assert pain[("PL-02-2", "24h")] == 4
    assert pain[("PL-03-1", "1m")] == 3
    assert len(pain) == 18
    fractures = sorted(zip(result.cohort.fractures["patient_id"], result.cohort.fractures["level"], result.cohort.fractures["day"], strict=True))  # fmt: skip
    assert fractures == [("PL-01", "T12", 30), ("PL-02", "T12", 30)]
    died = dict(zip(result.cohort.patients["patient_id"], result.cohort.patients["died"].astype(object).where(result.cohort.patients["died"].notna(), None), strict=True))  # fmt: skip
    assert died == {"PL-01": False, "PL-02": False, "PL-03": True, "PL-04": True}
    inspection = inspect_input(cards)
    assert all("under a title naming a later session" in s.note for s in inspection.sheets)
    remarks = [c for c in inspection.columns if c.header == "Remarks / Remarques"]
    assert "undated, found at the row's visit" in remarks[0].reason
    _reproduced_by_its_mapping(cards, cards.parent)
