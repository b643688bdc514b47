"""A procedure book with one column per vertebra and an outpatient book entered
chronologically: a vertebra's implausible volume named on its own column, a visit led by
its session's Roman numeral, deaths written without their dates in the remarks."""

from __future__ import annotations

from analysis.load import load_cohort
from analysis.normalize.cells import parse_cell
from analysis.normalize.timepoints import session_named_first
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping


def _book(tmp_path, big: float = 4.0):
    procedures = [["Study ID", "Sex", "Age", "Procedure date", "T12", "L1", "L2", "Total (ml)"]]
    for k in range(6):
        procedures.append([f"P{k}", "F", 70 + k, f"0{k + 1}.03.2022", None, 3.5, big if k == 2 else None, None])  # fmt: skip
    procedures.append(["P0", "F", 70, "01.09.2022", 4.0, None, None, 4.0])
    visits = [["Study ID", "Date", "Visit", "VAS", "Remarks"]]
    for k in range(6):
        visits.append([f"P{k}", f"0{k + 1}.03.2022", "pre", 8, None])
        visits.append([f"P{k}", f"0{k + 1}.04.2022", "1 month", 4, None])
    visits.append(["P0", "31.08.2022", "II – pre", 9, None])
    visits.append(["P0", "01.10.2022", "II – 1 month", 2, None])
    for k in (3, 4, 5):
        visits.append([f"P{k}", "01.12.2022", "—", None, "exitus letalis (family called)"])
    return _workbook(tmp_path / "book.xlsx", {"Procedures": procedures, "Visits": visits})


def test_a_visit_led_by_its_sessions_roman_numeral_is_that_sessions(tmp_path):
    assert session_named_first("II – 1 mj.") == ("1m", 2)
    assert session_named_first("I - 24 h") == ("24h", 1)
    assert session_named_first("II") is None
    assert session_named_first("XX - 1 month") is None
    path = _book(tmp_path)
    pain = load_cohort(path).cohort.assessments
    second = pain[(pain["patient_id"] == "P0") & (pain["procedure_id"].str.endswith("2"))]
    assert sorted(zip(second["timepoint"], second["value"], strict=True)) == [("1m", 2.0), ("pre", 9.0)]  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


def test_deaths_written_without_their_dates_in_remarks_are_deaths(tmp_path):
    patients = load_cohort(_book(tmp_path)).cohort.patients.set_index("patient_id")
    assert [bool(patients.loc[f"P{k}", "died"]) for k in range(6)] == [False] * 3 + [True] * 3


def test_an_implausible_volume_in_a_vertebras_own_column_is_named_there(tmp_path):
    errors = [p for p in load_cohort(_book(tmp_path, big=24.0)).problems if p.severity == ERROR]
    assert [(p.cell, "24 mL of cement in one vertebra" in p.message) for p in errors] == [("G4", True)]  # fmt: skip


def test_op_fraktura_is_osteoporotic():
    assert parse_cell("OP fraktura", load_spec().column("patients", "etiology")) == "osteoporotic"


def test_an_event_column_naming_new_fractures_and_deaths_is_no_column_of_remarks(tmp_path):
    from analysis.load.inspect import inspect_input

    rows = [["Study ID", "Date", "Event"]]
    rows += [[f"P{k}", f"0{k + 1}.07.2022", "New fracture T6" if k < 2 else "Died"] for k in range(6)]  # fmt: skip
    path = _workbook(tmp_path / "events.xlsx", {"Events": rows})
    labels = {c.letter: c.label for c in inspect_input(path).columns}
    assert labels["C"] != "death_note:died"


def test_a_remark_naming_a_vertebra_is_told_apart_from_a_death_remark():
    from analysis.load.header_contents import _names_vertebra

    assert _names_vertebra("nieuwe wervelfractuur T12, conservatief")
    assert _names_vertebra("Th11 fx")
    assert not _names_vertebra("nova kompresivna fraktura, planiran II zahvat")
    assert not _names_vertebra("exitus letalis (javila porodica)")
