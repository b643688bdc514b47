"""Answers written with more than a word: a vital status with a note (``Alive, on
follow-up``, ``Expired``) under a header naming nothing known, a "no" written in two
languages (``نہیں / No``) or as ``Nil`` in a new fracture's column of levels and dates."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.cells import is_no, parse_boolean
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook


@pytest.mark.parametrize(
    ("cell", "answer"),
    [("Alive, on follow-up", False), ("Expired", True), ("Nil", False), ("yes, disc", True)],
)
def test_an_answer_before_its_note(cell, answer):
    assert parse_boolean(cell) is answer


@pytest.mark.parametrize(("cell", "no"), [("نہیں / No", True), ("Nil", True), ("No / Yes", False), ("L5 / L4", False)])  # fmt: skip
def test_a_no_in_two_languages(cell, no):
    assert is_no(cell) is no


def _rows(status: dict[int, str], fracture: dict[int, str]) -> list[list[object]]:
    head = ["Study ID", "Age", "Date of procedure", "Level", "New fracture (level, date)", "Status"]
    return [head] + [
        [
            f"KV-{k:02d}",
            60 + k,
            datetime(2022, 3, k + 1),
            "L1",
            fracture.get(k, "نہیں / No"),
            status[k],
        ]
        for k in status
    ]


def test_a_vital_status_with_notes_under_an_unknown_header(tmp_path):
    status = {k: "Expired" if k in (2, 5) else "Alive, on follow-up" for k in range(1, 8)}
    fracture = {3: "T12 (20-06-2022)", 6: "L2 (14-09-2022)"}
    path = _workbook(tmp_path / "s.xlsx", {"Register": _rows(status, fracture)})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    died = loaded.cohort.patients.set_index("patient_id")["died"].astype(bool).to_dict()
    assert died == {f"KV-{k:02d}": k in (2, 5) for k in status}
    got = {(r.patient_id, r.level, r.day) for r in loaded.cohort.fractures.itertuples()}
    assert got == {("KV-03", "T12", 108), ("KV-06", "L2", 191)}
    read = {c.letter: (c.label, c.reason) for c in inspect_input(path).columns}
    assert read["F"] == ("patients.died", "cell contents: alive or dead")
    assert read["E"][0].startswith("fractures.level")
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.patients.equals(loaded.cohort.patients)
    assert mapped.fractures.equals(loaded.cohort.fractures)


def test_a_column_of_plain_yes_and_a_death_is_no_vital_status(tmp_path):
    """Under a header naming nothing, a plain yes is a flag of anything: not read as died."""
    status = {k: "yes" if k == 1 else ("Expired" if k == 2 else "no") for k in range(1, 8)}
    loaded = load_cohort(_workbook(tmp_path / "y.xlsx", {"Register": _rows(status, {})}))
    assert loaded.cohort.patients["died"].isna().all()
