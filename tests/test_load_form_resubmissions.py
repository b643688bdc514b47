"""A form's responses, one row per submission, the patient's details typed again on each:
the row's date under a header naming the dates of two events apart by a slash (``Date of
visit / procedure``), each with the words before it, and a note of how the dates are typed
in brackets (``(MM/DD/YYYY)``): the date of each row's event, on the procedure's row the
procedure's; a leak cell saying no leak (``No``, ``None``) is none at every level; a study ID typed with another mark between its letters and its number or
without the number's leading zeros (``KVP 007``, ``KVP-7``) is the same patient."""

from __future__ import annotations

import pytest

from analysis.config import LoadOptions
from analysis.load import load_cohort
from analysis.load.records import folded_id
from analysis.normalize.headers import match_header
from analysis.normalize.leakage_levels import no_leak_pairs
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = ["Study ID", "Age (years)", "Sex", "Type of visit"]
HEADER += ["Date of visit / procedure (MM/DD/YYYY)", "Level(s) treated", "Pain score today (0-10)"]
HEADER += ["If yes - which level? (and date of imaging)"]


def test_a_date_format_note_is_no_part_of_the_field_its_header_names():
    assert match_header("Date of visit (MM/DD/YYYY)").label == "date:visit_date"
    assert match_header("Date of procedure [dd.mm.yyyy]").label == "date:procedure_date"
    assert match_header("Date of birth (MM/DD/YYYY)").kind == "identifier"
    assert match_header("DOB (dd/mm/yyyy)").kind == "identifier"
    assert match_header("Date (dd/mm/yyyy)") is None  # a date of no named event
    assert match_header("Pain (0-10)").label != "date:visit_date"


def test_the_dates_of_two_events_apart_by_a_slash_are_each_rows_date():
    assert match_header("Date of visit / procedure").label == "date:visit_date"
    assert match_header("Date of visit / procedure (MM/DD/YYYY)").label == "date:visit_date"
    assert match_header("Sex / Geschlecht").label == "patients.sex"
    assert match_header("Date of visit / pain") is None  # the second part names no date


def _rows() -> list[list[object]]:
    rows: list[list[object]] = [HEADER]
    for pid, age, sex, month in (("P-1", 70, "Female", 3), ("P-2", 64, "Male", 5)):
        rows.append([pid, age, sex, "Pre-procedure assessment", f"{month}/2/2023", None, 8])
        rows.append([pid, age, sex, "Procedure", f"{month}/3/2023", "L1", None])
        rows.append([pid, age, sex, "Follow-up - 2 weeks", f"{month}/17/2023", None, 4])
        rows.append([pid, age, sex, "Follow-up - 3 months", f"{month + 3}/3/2023", None, 2])
    rows[-1].append(f"L3 (MRI {rows[-1][4]})")  # a question's date, read after the row's
    return rows


def test_a_form_dated_by_visit_or_procedure_dates_its_procedure_and_visits(tmp_path):
    path = _workbook(tmp_path / "responses.xlsx", {"Form Responses 1": _rows()})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    c = loaded.cohort
    assert sorted(c.procedures.level.tolist()) == ["L1", "L1"]
    days = {(r.patient_id, r.timepoint): r.day for r in c.assessments.itertuples()}
    assert days[("P-1", "2w")] == 14 and days[("P-2", "2w")] == 14
    assert days[("P-1", "3m")] == 92
    assert not any(p.column == "E" for p in loaded.problems if p.rule == "column_reading")
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_study_id_of_letters_and_a_number_is_one_patient_however_typed():
    assert len({folded_id(t) for t in ("KVP-007", "KVP 007", "kvp-007", "KVP-7", "KVP007")}) == 1
    assert folded_id("KVP-7") != folded_id("KVP-70")
    assert folded_id("KVP-7") != folded_id("KVQ-7")
    # an ID of more parts than letters and a number keeps its marks and zeros
    assert folded_id("12-03") != folded_id("12-3") and folded_id("A1-02") != folded_id("A1-2")


def test_resubmissions_typing_the_id_otherwise_are_one_patient(tmp_path):
    rows = _rows()
    rows[3][0], rows[4][0] = "P 1", "p-01"  # P-1's follow-ups, the ID typed again
    rows[7][0] = "P2"
    path = _workbook(tmp_path / "responses.xlsx", {"Form Responses 1": rows})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    c = loaded.cohort
    assert sorted(c.patients.patient_id) == ["P-1", "P-2"]
    assert len(c.assessments[c.assessments.patient_id == "P-1"]) == 3
    merged = [p for p in loaded.problems if p.rule == "study_id_spelling"]
    assert len(merged) == 2 and "'P 1', 'p-01' taken as patient 'P-1'" in merged[0].message
    assert "the number's leading zeros" in merged[0].message
    _reproduced_by_its_mapping(path, tmp_path)
    separate = load_cohort(path, LoadOptions(fold_ids=False))
    assert [p for p in separate.problems if p.rule == "study_id_spelling"] == []


LEAK = "Cement leakage on post-op imaging? (If yes, state level and where)"


@pytest.mark.parametrize("no", ["No", "None", "no leak"])
def test_a_leak_level_cell_saying_no_leak_is_no_leakage_at_every_level(tmp_path, no):
    assert no_leak_pairs(no, load_spec().column("procedures", "leakage")) == (("", "none"),)
    rows = [[*row, *[None] * (len(HEADER) - len(row)), None] for row in _rows()]
    rows[0][-1] = LEAK
    rows[2][5], rows[2][-1] = "T12, L1", "Yes - L1 venous"
    rows[6][-1] = no
    path = _workbook(tmp_path / "responses.xlsx", {"Form Responses 1": rows})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    leak = {(r.patient_id, r.level): r.leakage for r in loaded.cohort.procedures.itertuples()}
    assert leak == {("P-1", "T12"): "none", ("P-1", "L1"): "venous", ("P-2", "L1"): "none"}
    _reproduced_by_its_mapping(path, tmp_path)
