"""Sheets of one row per visit as the fifth blind batch keeps them, written from a
synthetic cohort whose truth the generator knows: each visit's row repeating its
procedure (a hospital export), and the procedure's own row among the visits with a
second session's visits after it; and patient cards whose tables are headed in words
no vocabulary holds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.schema import Cohort
from analysis.synth import SynthParams, synthesize
from tests.test_any_workbook import _workbook
from tests.test_load_content_columns import UNKNOWN, _reproduced_by_its_mapping
from tests.test_load_visit_rows import _sessions

START = date(2021, 3, 1)
WORDS = {"pre": "Pre-op", "24h": "24 h", "1m": "1 month", "3m": "3 months", "12m": "12 months"}
DAYS = {"pre": -1, "24h": 1, "1m": 30, "3m": 91, "12m": 365}


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(14, seed=20261121, params=SynthParams(p_same_level=0.4))


def _pain(cohort: Cohort) -> dict[tuple[str, int, str], float]:
    """Pain scores by (patient, session day, time point)."""
    days = cohort.procedures.groupby("procedure_id", observed=True)["day"].first()
    pain = cohort.assessments[cohort.assessments["measure"] == "pain_vas"]
    return {
        (str(a["patient_id"]), int(days[a["procedure_id"]]), str(a["timepoint"])): float(a["value"])
        for a in pain.to_dict("records")
    }


def _visits(truth: Cohort) -> list[tuple[str, int, str, float, list[str]]]:
    """(patient, session day, time point, score, session levels), in date order per patient."""
    pain = _pain(truth)
    levels = {(str(s["patient_id"]), int(s["day"])): s["levels"].split(", ") for s in _sessions(truth).to_dict("records")}  # fmt: skip
    out = [(pid, day, tp, score, levels[(pid, day)]) for (pid, day, tp), score in pain.items()]
    return sorted(out, key=lambda v: (v[0], v[1] + DAYS[v[2]]))


def test_each_visits_row_repeating_its_procedure_loads_it_once(tmp_path, truth):
    """A hospital export: one row per visit, the procedure's date and level slots
    repeated on every row of its visits."""
    rows: list[list[object]] = [["Study ID", "Session", "Procedure date", "Level 1", "Level 2", "Level 3", "Visit", "Visit date", "VAS"]]  # fmt: skip
    number: dict[tuple[str, int], int] = {}
    for pid, day, tp, score, levels in _visits(truth):
        n = number.setdefault((pid, day), 1 + sum(p == pid for p, _ in number))
        slots = [*levels, None, None, None][:3]
        rows.append([pid, n, START + timedelta(days=day), *slots, WORDS[tp], START + timedelta(days=day + DAYS[tp]), score])  # fmt: skip
    path = _workbook(tmp_path / "export.xlsx", {"Export": rows})
    loaded = load_cohort(path)
    assert [p for p in loaded.errors if p.rule == "duplicate"] == []
    assert _pain(loaded.cohort) == _pain(truth)
    got = loaded.cohort.procedures.groupby("patient_id", observed=True)["level"].count()
    scored = {pid for pid, *_ in _visits(truth)}
    want = truth.procedures[truth.procedures["patient_id"].isin(scored)]
    sessions_scored = {(pid, day) for pid, day, *_ in _visits(truth)}
    want = want[[(str(r["patient_id"]), int(r["day"])) in sessions_scored for r in want.to_dict("records")]]  # fmt: skip
    assert got.to_dict() == want.groupby("patient_id", observed=True)["level"].count().to_dict()
    _reproduced_by_its_mapping(path, tmp_path)


def _register(truth: Cohort) -> list[list[object]]:
    """One row per visit, the patient written once, the procedure on a row of its own."""
    rows: list[list[object]] = [["Study ID", "Visit", "Date", "Level", "VAS"]]
    last = None
    done: set[tuple[str, int]] = set()
    for pid, day, tp, score, levels in _visits(truth):
        if (pid, day) not in done and tp != "pre":
            rows.append([None, "Procedure", START + timedelta(days=day), ", ".join(levels), None])
            done.add((pid, day))
        rows.append([pid if pid != last else None, WORDS[tp], START + timedelta(days=day + DAYS[tp]), None, score])  # fmt: skip
        last = pid
        if tp == "pre":
            rows.append([None, "Procedure", START + timedelta(days=day), ", ".join(levels), None])
            done.add((pid, day))
    return rows


def test_visit_rows_around_each_procedures_row_belong_to_their_session(tmp_path, truth):
    """A second session's pre-op visit is the second session's, and a visit after it
    the session its date and time point fit."""
    path = _workbook(tmp_path / "visits.xlsx", {"Register": _register(truth)})
    loaded = load_cohort(path)
    assert [p for p in loaded.errors if p.rule in ("level", "conflict")] == []
    seconds = [k for k in _pain(truth) if k[1] > 0]
    assert seconds  # the cohort has second sessions with scores of their own
    assert _pain(loaded.cohort) == _pain(truth)


def test_a_visit_dated_before_its_procedure_is_named_on_the_date_column(tmp_path, truth):
    rows = _register(truth)
    row = next(k for k, r in enumerate(rows) if r[1] == WORDS["3m"])
    rows[row][2] -= timedelta(days=365)  # a year typed wrong
    loaded = load_cohort(_workbook(tmp_path / "v.xlsx", {"Register": rows}))
    bad = [p for p in loaded.errors if p.rule == "visit_date"]
    assert [(p.row, p.column, p.cell) for p in bad] == [(row + 1, "Date", f"C{row + 1}")]


def test_patient_cards_whose_tables_are_headed_in_unknown_words(tmp_path, truth):
    """One sheet per patient: labelled fields, then a table of treated vertebrae whose
    header words are unknown, read by the shape of the table and its cells."""
    sheets: dict[str, list[list[object]]] = {}
    first = truth.procedures[truth.procedures["day"] == 0].sort_values(["patient_id", "level"])
    for k, (_pid, group) in enumerate(first.groupby("patient_id", observed=True), 1):
        rows: list[list[object]] = [["Xaqo quvizz"], [], ["Zyrrob:", f"Xq-{k:02d}"], ["Wepsk:", 70 + k], []]  # fmt: skip
        rows.append(UNKNOWN[:4])
        for n, r in enumerate(group.to_dict("records"), 1):
            rows.append([n, START.strftime("%Y.%m.%d"), str(r["level"]), float(r["cement_volume_ml"])])  # fmt: skip
        sheets[f"Xq-{k:02d}"] = rows
    path = _workbook(tmp_path / "cards.xlsx", sheets)
    loaded = load_cohort(path)
    assert loaded.errors == []
    got = sorted((str(r["level"]), float(r["cement_volume_ml"])) for r in loaded.cohort.procedures.to_dict("records"))  # fmt: skip
    assert got == sorted((str(r["level"]), float(r["cement_volume_ml"])) for r in first.to_dict("records"))  # fmt: skip
    assert set(loaded.cohort.patients["patient_id"]) == set(sheets)
    _reproduced_by_its_mapping(path, tmp_path)


def test_tables_side_by_side_are_read_apart(tmp_path, truth):
    """Patients and procedures on the left, one row per visit on the right with a study
    ID of its own, an empty column between them: each table read apart, a message about
    the right one naming the sheet's own cell."""
    left: list[list[object]] = [["Study ID", "Sex", "Age", "Date", "Level"]]
    patients = truth.patients.set_index("patient_id")
    for s in _sessions(truth).to_dict("records"):
        if s["day"] == 0:
            pid = str(s["patient_id"])
            left.append([pid, str(patients.loc[pid, "sex"]), patients.loc[pid, "age_years"], START, s["levels"]])  # fmt: skip
    right: list[list[object]] = [["Study ID", "Visit", "Visit date", "VAS"]]
    for pid, day, tp, score, _ in _visits(truth):
        if day == 0:
            right.append([pid, WORDS[tp], START + timedelta(days=DAYS[tp]), score])
    right[3][3] = 14  # a score out of range, on row 4 of column J
    rows = [
        [
            *(left[k] if k < len(left) else [None] * 5),
            None,
            *(right[k] if k < len(right) else [None] * 4),
        ]
        for k in range(max(len(left), len(right)))
    ]
    path = _workbook(tmp_path / "side.xlsx", {"Registry": rows})
    loaded = load_cohort(path)
    want = {k: v for k, v in _pain(truth).items() if k[1] == 0}
    del want[(str(right[3][0]), 0, next(t for t, w in WORDS.items() if w == right[3][1]))]
    assert _pain(loaded.cohort) == want
    bad = [p for p in loaded.errors if p.rule == "range"]
    assert [(p.sheet, p.cell) for p in bad] == [("Registry", "J4")]
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["G"].label == "patients.patient_id"
    tables = {c.sheet for c in inspect_input(path).columns}
    assert tables == {"Registry", "Registry (columns G-J)"}


def test_a_bad_merged_cell_is_one_error_its_copies_warnings(tmp_path):
    """One row per vertebra, the session's date merged over its rows: an impossible date
    is an error on the merged cell's first row; its copies on the rows below are named
    as that cell, not as errors of their own."""
    rows = [
        ["Study ID", "Sex", "Age", "Date", "Level"],
        ["P1", "F", 70, "31.02.2021", "T11"],
        [None, None, None, None, "T12"],
        [None, None, None, None, "L1"],
        ["P2", "M", 71, START, "L2"],
    ]
    merges = [("Cases", "A2:A4"), ("Cases", "B2:B4"), ("Cases", "C2:C4"), ("Cases", "D2:D4")]
    loaded = load_cohort(_workbook(tmp_path / "m.xlsx", {"Cases": rows}, merges))
    dates = [p for p in loaded.problems if p.rule == "date"]
    assert [(p.row, p.severity) for p in dates] == [(2, "error"), (3, "warning"), (4, "warning")]
    assert all("the merged cell D2" in p.message for p in dates[1:])
    assert list(loaded.cohort.patients["patient_id"]) == ["P2"]
    assert loaded.rows_in == loaded.rows_loaded + loaded.rows_reported
