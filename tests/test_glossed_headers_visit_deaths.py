"""A register whose headers are in a language the vocabulary need not know, each with its
English in brackets on a line of its own (``Kashi 1\n(Level 1)``); a death written as a
row of the visits' table, dated by the visit's date cell; a later procedure's row whose
cause cell names the new fracture it treats; and the Hausa and Telugu words such
registers write."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import is_missing, parse_cell
from analysis.normalize.deaths import names_death
from analysis.normalize.headers import english_lines
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping


@pytest.mark.parametrize(
    ("header", "read"),
    [
        ("Blorp 2\n(Level 2)", "Level 2"),  # the line above names nothing: the gloss
        ("Zubewa 1\n(Leak 1)", "Leak 1"),  # the line above names the field the gloss names
        ("Blorp\n(Date)", "Blorp\n(Date)"),  # a date alone: which date, the cells decide
        ("Cement volume used\n(ml)", "Cement volume used\n(ml)"),  # a unit, not a gloss
        ("VAS\n(pre-op)", "VAS\n(pre-op)"),  # named whole: as written
    ],
)
def test_a_header_glossed_in_brackets_on_its_own_line_reads_as_the_gloss(header, read):
    assert english_lines(header) == read


def test_a_register_of_glossed_headers_reads_its_vertebrae_side_by_side(tmp_path):
    head = [
        "Blorp Quux\n(Study No.)",
        "Zork\n(Age)",
        "Blorp Zork\n(Date)",
        "Blorp 1\n(Level 1)",
        "Cement ml 1",
        "Blorp 2\n(Level 2)",
        "Cement ml 2",
    ]
    rows = [
        head,
        ["GL-1", 71, "03/02/2021", "T11", 4.5, "T12", 3],
        ["GL-2", 80, datetime(2021, 5, 17), "L1", 5, None, None],
        ["GL-3", 66, "21/06/2021", "L2", 2.5, "L3", 4],
    ]
    path = _workbook(tmp_path / "glossed.xlsx", {"Register": rows})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    procs = loaded.cohort.procedures
    got = sorted(
        zip(procs["patient_id"], map(str, procs["level"]), procs["cement_volume_ml"], strict=True)
    )
    assert got == [
        ("GL-1", "T11", 4.5),
        ("GL-1", "T12", 3.0),
        ("GL-2", "L1", 5.0),
        ("GL-3", "L2", 2.5),
        ("GL-3", "L3", 4.0),
    ]
    columns = _reproduced_by_its_mapping(path, tmp_path)
    assert columns["Level 2"].label == "procedures.level"


def test_a_death_row_among_the_visits_is_dated_by_its_visit_date(tmp_path):
    procedures = [
        ["Study No.", "Age", "Date of procedure", "Level"],
        ["DV-1", 70, datetime(2021, 3, 1), "L1"],
        ["DV-2", 82, datetime(2021, 4, 1), "T12"],
    ]
    visits = [
        ["Study No.", "Visit", "Date", "VAS"],
        ["DV-1", "pre-op", datetime(2021, 3, 1), 8],
        ["DV-1", "3 months", datetime(2021, 6, 2), 3],
        ["DV-2", "pre-op", datetime(2021, 4, 1), 9],
        ["DV-2", "Died", datetime(2021, 5, 1), None],
    ]
    path = _workbook(tmp_path / "deaths.xlsx", {"Procedures": procedures, "Visits": visits})
    loaded = load_cohort(path)
    patients = loaded.cohort.patients.set_index("patient_id")
    assert not patients.loc["DV-1", "died"]
    assert patients.loc["DV-2", "died"] and patients.loc["DV-2", "death_day"] == 30
    assert [p for p in loaded.problems if p.severity == ERROR] == []


def test_a_later_procedure_whose_cause_names_its_new_fracture_is_no_error(tmp_path):
    rows = [
        ["Study No.", "Age", "Diagnosis", "Date of procedure", "Level"],
        ["NF-1", 74, "Osteoporotic compression fracture", datetime(2021, 1, 5), "L1"],
        ["NF-1", None, "Blorp (new fracture) T12", datetime(2022, 1, 9), "T12"],
        ["NF-2", 69, "Metastasis", datetime(2021, 2, 6), "T8"],
    ]
    loaded = load_cohort(_workbook(tmp_path / "redo.xlsx", {"Register": rows}))
    assert loaded.errors == []
    assert loaded.cohort.patients.set_index("patient_id").loc["NF-1", "etiology"] == "osteoporotic"
    said = [p for p in loaded.problems if p.rule == "etiology_repeat"]
    assert [p.row for p in said] == [3]
    assert all("Blorp" not in p.message for p in said)


def test_hausa_and_telugu_words():
    spec = load_spec()
    assert timepoint_of("Kafin aiki (pre-op)") == "pre"
    assert names_death("Rasuwa (death)") and names_death("మరణించారు 11/09/2021")
    assert is_missing("Bai zo ba (did not come)") and is_missing("see Redo")
    assert parse_cell("Babu", spec.column("procedures", "leakage")) == "none"
    etiology = spec.column("patients", "etiology")
    assert parse_cell("ఆస్టియోపోరోసిస్ - compression #", etiology) == "osteoporotic"
