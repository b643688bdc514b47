"""A form's responses, one row per submission: the row's date under a header naming the
dates of two events apart by a slash (``Date of visit / procedure``), each with the words
before it, and a note of how the dates are typed in brackets (``(MM/DD/YYYY)``): the date
of each row's event, on the procedure's row the procedure's."""

from __future__ import annotations

from analysis.load import load_cohort
from analysis.normalize.headers import match_header
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = ["Study ID", "Age (years)", "Sex", "Type of visit"]
HEADER += ["Date of visit / procedure (MM/DD/YYYY)", "Level(s) treated", "Pain score today (0-10)"]
HEADER += ["If yes - which level? (and date of imaging)"]


def test_a_date_format_note_is_no_part_of_the_field_its_header_names():
    assert match_header("Date of visit (MM/DD/YYYY)").label == "date:visit_date"
    assert match_header("Date of procedure [dd.mm.yyyy]").label == "date:procedure_date"
    assert match_header("Date of birth (MM/DD/YYYY)").kind == "identifier"
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
