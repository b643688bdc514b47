"""A transposed sheet (one patient per column) keeping each session in a block of rows
under a section numbered in Roman numerals (``I Stage``, ``II Stage``, in words the
vocabulary need not know), the cement's unit in a units column beside the labels
(``Cement | mL``) and the cement used in a note under the fields: the second block is the
second session, the cement column its volume, the note its cement type; inspect says so
and the mapping it writes loads the same."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.schema import Cohort
from analysis.synth import synthesize
from tests.test_load_visit_rows import _reproduced_by_its_mapping

START = date(2022, 3, 1)
_BLOCK = [("Date", None), ("Levels", None), ("Technique", None), ("Cement", "mL")]


def _sessions(cohort: Cohort, pid: str) -> list[list[dict[str, object]]]:
    procs = cohort.procedures[cohort.procedures["patient_id"] == pid]
    return [g.sort_values("level").to_dict("records") for _, g in procs.groupby("day", sort=True)]


def _block(session: list[dict[str, object]], start: date) -> list[object]:
    return [
        start + timedelta(days=int(str(session[0]["day"]))),
        ", ".join(str(r["level"]) for r in session),
        session[0]["technique"],
        " / ".join(f"{float(str(r['cement_volume_ml'])):g}" for r in session),
    ]


def write_blocks(cohort: Cohort, path: Path, note: str) -> Path:
    """Labels down column A (units in B), one patient per column from C, the note two
    rows under the last field."""
    labels: list[tuple[str | None, str | None]] = [
        ("Study ID", None),
        ("Sex", None),
        ("Age", "years"),
        ("I Stage", None),
        *_BLOCK,
        ("II Stage", None),
        *_BLOCK,
    ]
    columns = []
    for k, pt in enumerate(cohort.patients.to_dict("records")):
        sessions = _sessions(cohort, str(pt["patient_id"]))
        start = START + timedelta(days=5 * k)
        second = _block(sessions[1], start) if len(sessions) > 1 else [None] * len(_BLOCK)
        age = int(float(str(pt["age_years"])))
        columns.append([pt["patient_id"], pt["sex"], age, None, *_block(sessions[0], start), None, *second])  # fmt: skip
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Patients"
    for row in [
        ["Vertebroplasty patients, one column per patient"],
        [],
        *([*label, *cells] for label, *cells in zip(labels, *columns, strict=True)),
        [],
        [note],
    ]:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    truth = synthesize(16, seed=20261121)
    sessions = truth.procedures.groupby("patient_id")["day"].nunique()
    assert (sessions > 1).any() and (sessions == 1).any()  # both kinds of patient
    assert truth.procedures.groupby(["patient_id", "day"])["technique"].nunique().max() == 1
    return truth


def _by_vertebra(procs: object) -> dict[tuple[str, int, str], tuple[str, float]]:
    return {
        (str(r["patient_id"]), int(r["day"]), str(r["level"])): (
            str(r["technique"]),
            round(float(r["cement_volume_ml"]), 1),
        )
        for r in procs.to_dict("records")  # type: ignore[attr-defined]
    }


def test_numbered_blocks_units_and_a_note_below_are_read(tmp_path: Path, cohort: Cohort) -> None:
    path = write_blocks(cohort, tmp_path / "blocks.xlsx", "Cement: PMMA (Osteopal V).")
    loaded = load_cohort(path)
    assert not loaded.errors
    got = loaded.cohort.procedures
    assert _by_vertebra(got) == _by_vertebra(cohort.procedures)
    assert set(got["cement_type"]) == {"PMMA"}
    _reproduced_by_its_mapping(path, tmp_path)
    inspection = inspect_input(path)
    techniques = [c.reason for c in inspection.columns if c.header == "Technique"]
    assert len(techniques) == 2 and "numbering the second session" in techniques[1]
    volumes = [c for c in inspection.columns if c.label == "procedures.cement_volume_ml"]
    assert len(volumes) == 2 and all(c.header == "Cement (mL)" for c in volumes)
    assert any(
        "cement type PMMA from a note line of the sheet" in s.note for s in inspection.sheets
    )


def test_a_note_naming_no_cement_fills_none(tmp_path: Path, cohort: Cohort) -> None:
    path = write_blocks(cohort, tmp_path / "blocks.xlsx", "Pain scored 0-10.")
    got = load_cohort(path).cohort.procedures
    assert got["cement_type"].isna().all()
    assert got["cement_volume_ml"].notna().all()
