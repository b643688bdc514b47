"""A resident's contact log, one row per contact: the kind of contact in a column headed
``Contact`` (the row's event, never a phone number), follow-up rows dated only by the days
after the last operation (``POD 1``, ``+44 d``, ``dag 90``), each read as the nearest
standard time point of the session of the last operation row above it; a row of imaging
holding a level and a remark naming a new fracture (no vertebra in the remark) is that new
fracture, dated by its days after the last operation; a death on a row of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort
from analysis.normalize.timepoints import days_named
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = ["Studienr", "Contact", "Datum", "Dag na OK", "Niveau(s)", "Techniek", "Cement (ml)", "VAS (0-10)", "Opmerking"]  # fmt: skip
_ROWS = [
    ["P-1", "OK", dt.datetime(2021, 4, 15), 0, "L1", "PVP", "4", 9, None],
    ["P-1", "zaal", None, "POD 1", None, None, None, 5, None],
    ["P-1", "controle poli", None, "+44 d", None, None, None, 3, None],
    ["P-1", "MRI", None, "dag 100", "L2", None, None, None, "nieuwe inzakkingsfractuur"],
    ["P-1", "OK (2e)", dt.datetime(2021, 8, 1), 0, "L2", "BKP", "5", 8, "2e procedure"],
    ["P-1", "zaal", None, "POD 1", None, None, None, 6, None],
    ["P-1", "controle poli", None, "dag 90", None, None, None, 2, None],
    ["P-2", "OK", dt.datetime(2021, 5, 1), 0, "T12", "PVP", "3", 7, None],
    ["P-2", "controle poli", None, "+88 d", None, None, None, 2, None],
    ["P-2", "overleden", "15-9-2021", None, None, None, None, None, "a dede"],
]


def _log(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Logboek"
    for row in (_HEADER, *_ROWS):
        ws.append(row)
    wb.save(tmp_path / "log.xlsx")
    return tmp_path / "log.xlsx"


def test_visits_by_days_after_the_last_operation(tmp_path):
    path = _log(tmp_path)
    result = load_cohort(path)
    c = result.cohort
    assert not [p for p in result.problems if p.severity == ERROR]
    session = dict(zip(c.procedures["procedure_id"], c.procedures["day"], strict=True))
    scores = {(r.patient_id, session[r.procedure_id], r.timepoint): r.value for r in c.assessments.itertuples()}  # fmt: skip
    assert scores == {
        ("P-1", 0, "pre"): 9, ("P-1", 0, "24h"): 5, ("P-1", 0, "6w"): 3,
        ("P-1", 108, "pre"): 8, ("P-1", 108, "24h"): 6, ("P-1", 108, "3m"): 2,
        ("P-2", 0, "pre"): 7, ("P-2", 0, "3m"): 2,
    }  # fmt: skip
    fractures = sorted(zip(c.fractures["patient_id"], c.fractures["level"].astype(str), c.fractures["day"], strict=True))  # fmt: skip
    assert fractures == [("P-1", "L2", 100)]
    died = dict(zip(c.patients["patient_id"], c.patients["died"].astype(bool), strict=True))
    assert died == {"P-1": False, "P-2": True}
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_contact_column_is_the_rows_event(tmp_path):
    labels = {col.letter: col.label for col in inspect_input(_log(tmp_path)).columns}
    assert labels["B"] != "identifier:phone"
    assert labels["D"] == "visit:timepoint"


def test_days_named_in_a_visit_cell():
    assert [days_named(t) for t in ("POD 1", "+44 d", "dag 90", "3 months", "pre", 0)] == [
        1, 44, 90, None, None, None
    ]  # fmt: skip
