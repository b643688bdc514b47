"""A procedures sheet and, beside it, a sheet of complications whose event column names
each row's new fracture or death (patients not listed there did not die), written from a
synthetic cohort whose truth the generator knows: every patient of the workbook that the
log names no death of is read as alive, not only the patients the log lists."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from analysis.load import load_cohort
from analysis.problems import ERROR
from analysis.schema import Cohort
from analysis.synth import synthesize
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

START = date(2022, 2, 1)


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(30, seed=20261121)


def _sheets(truth: Cohort) -> dict[str, list[list[object]]]:
    sessions: list[list[object]] = [["Study No", "Date", "Level", "Procedure", "Cement (ml)"]]
    for p in truth.procedures.to_dict("records"):
        when = START + timedelta(days=int(p["day"]))
        sessions.append([p["patient_id"], when, p["level"], p["technique"], p["cement_volume_ml"]])  # fmt: skip
    events: list[tuple[date, list[object]]] = []
    for f in truth.fractures.to_dict("records"):
        when = START + timedelta(days=int(f["day"]))
        events.append((when, [f["patient_id"], "New fracture", when, f["level"]]))
    for pt in truth.patients[truth.patients["died"]].to_dict("records"):
        when = START + timedelta(days=int(pt["death_day"]))
        events.append((when, [pt["patient_id"], "Death", when, None]))
    events.sort(key=lambda e: (e[0], str(e[1][0])))
    log = [["Study No", "Event", "Date", "Level"], *(row for _, row in events)]
    return {"Sessions": sessions, "Complications": log}


def test_patients_the_complications_sheet_names_no_death_of_are_alive(tmp_path, truth):
    died = truth.patients.set_index("patient_id")["died"].astype(bool)
    listed = set(truth.fractures["patient_id"]) | set(died[died].index)
    assert died.any() and set(died.index) - listed  # the shape under test: some unlisted
    path = _workbook(tmp_path / "log.xlsx", _sheets(truth))
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    pts = loaded.cohort.patients.assign(patient_id=lambda d: d["patient_id"].astype(str))
    got = pts.set_index("patient_id")
    assert not got["died"].isna().any()
    assert got["died"].astype(bool).to_dict() == {str(k): bool(v) for k, v in died.items()}
    want_days = truth.patients.set_index("patient_id")["death_day"]
    for pid in died[died].index:
        assert int(got.loc[str(pid), "death_day"]) == int(want_days[pid])
    _reproduced_by_its_mapping(path, tmp_path)


def test_without_a_death_in_the_log_no_patient_is_read_as_alive(tmp_path, truth):
    """A log naming new fractures only says nothing of deaths: died stays unknown."""
    sheets = _sheets(truth)
    sheets["Complications"] = [r for r in sheets["Complications"] if r[1] != "Death"]
    loaded = load_cohort(_workbook(tmp_path / "log.xlsx", sheets))
    assert loaded.cohort.patients["died"].isna().all()
    assert pd.isna(loaded.cohort.patients["death_day"]).all()


def test_a_new_fracture_dated_before_the_first_procedure_names_its_date_cell(tmp_path, truth):
    """The log's date column dates its new fractures: the error names that cell."""
    sheets = _sheets(truth)
    first = sheets["Sessions"][1]
    early = first[1] - timedelta(days=200)
    sheets["Complications"].append([first[0], "New fracture", early, "T4"])
    loaded = load_cohort(_workbook(tmp_path / "log.xlsx", sheets))
    errors = [p for p in loaded.problems if p.severity == ERROR]
    row = len(sheets["Complications"])
    assert [(p.sheet, p.row, p.column, p.cell) for p in errors] == [
        ("Complications", row, "Date", f"C{row}")
    ]
    assert "new fracture dated 200 days before the index procedure" in errors[0].message
