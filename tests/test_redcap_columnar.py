"""REDCap exports decoded column by column give the cohort, problems and ledger of the
row-by-row reading (``LoadOptions(row_by_row=True)``), problem by problem, on clean
synthetic exports and on exports soiled with every kind of mistake the decoder reports."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.redcap_decode import SYSTEM, Decoder
from analysis.load.redcap_dictionary import Field, label_mapping
from analysis.load.redcap_labels import SESSION_COLUMN
from analysis.load.redcap_rows import RowDecoder
from analysis.spec import TABLES
from analysis.synth import synthesize, write_redcap
from analysis.synth.writers import Messiness
from tests.test_load_columnar import _agree as agree


def _read(path: Path) -> list[list[str]]:
    with path.open(newline="") as fh:
        return list(csv.reader(fh))


def _soil(rows: list[list[str]], seed: int = 11) -> list[list[str]]:
    """Mistakes planted in a records grid (header first), each on rows of its own."""
    rng = np.random.default_rng(seed)
    header = rows[0]
    col = {h: i for i, h in enumerate(header)}
    data = rows[1:]
    base = [r for r in data if r[col["redcap_event_name"]] == "baseline_arm_1" and not r[2]]
    procs = [r for r in data if r[col["redcap_repeat_instrument"]] == "procedure"]
    picks = rng.choice(len(procs), size=12, replace=False)
    p = [procs[int(k)] for k in picks]
    base[0][col["sex"]] = "7"  # a code the dictionary does not list
    base[1][col["etiology"]] = " 9 "
    base[2][col["sex"]] = "Female"  # a label where the code belongs
    p[0][col["leak___2"]] = "2"  # a box neither ticked nor unticked
    p[1][col["leak___1"]] = "x"
    p[1][col["leak___3"]] = "yes"
    p[2][col["technique"]] = "4"
    p[3][col["proc_level"]] = "L9"  # not a vertebra
    p[4][col["proc_date"]] = "2021-13-45"
    p[5][col["cement_ml"]] = "lots"
    p[6][col["leak___1"]] = "1"
    p[6][col["leak___4"]] = "1"
    for k in range(1, 6):  # every box 0 on a form left unanswered
        p[7][col[f"leak___{k}"]] = "0"
    for c in ("proc_date", "proc_level", "technique", "approach", "cement_type", "cement_ml"):
        p[7][col[c]] = ""
    p[7][col["procedure_complete"]] = ""
    p[8][col["died"]] = "maybe"
    p[9][col["vas_pre"]] = "12"
    base[3][col["record_id"]] = ""  # a row without its record
    follow = [r for r in data if r[col["redcap_repeat_instrument"]] == "follow_up"]
    follow[0][col["last_contact"]] = "sometime"
    follow[1][col["died"]] = "2"
    data.append(list(base[4]))  # a row entered twice
    data.append(base[5][: len(header) - 3])  # a row cut short
    # a box whose code is not a choice, ticked on a few rows; a column the dictionary
    # does not know
    header = [*header, "leak___9", "notes_free"]
    for k, r in enumerate(data):
        r.extend(["1" if k % 97 == 0 else "0", "seen" if k % 50 == 0 else ""])
    visit = [r for r in data if r[col["redcap_event_name"]] == "3_months_arm_1"]
    visit[0][col["redcap_event_name"]] = "unscheduled_arm_1"  # an event without a time point
    return [header, *data]


def _write(directory: Path, rows: list[list[str]]) -> None:
    with (directory / "VertebroRegistry_records.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows(rows)


def _agree(path: Path, **settings: object) -> None:
    """Same cohort, problems (as written, in order) and ledger both ways, and each
    problem's fields (row, column, cell, value, action) too."""
    agree(path, **settings)
    fast = load_cohort(path, LoadOptions(**settings))  # type: ignore[arg-type]
    slow = load_cohort(path, LoadOptions(row_by_row=True, **settings))  # type: ignore[arg-type]
    assert fast.problems == slow.problems


@pytest.fixture(scope="module")
def soiled(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("soiled_redcap")
    write_redcap(synthesize(150, seed=5), directory, seed=5, followup="repeating")
    records = directory / "VertebroRegistry_records.csv"
    _write(directory, _soil(_read(records)))
    return directory


@pytest.mark.parametrize("followup", ["event", "repeating"])
def test_clean_exports_agree(tmp_path, followup):
    write_redcap(synthesize(60, seed=3), tmp_path, seed=3, messiness=Messiness(), followup=followup)
    _agree(tmp_path)


@pytest.mark.parametrize("policy", ["cell", "patient"])
def test_soiled_export_agrees_problem_by_problem(soiled, policy):
    _agree(soiled, policy=policy)


def test_soiled_export_reports_every_planted_problem(soiled):
    result = load_cohort(soiled)
    text = "\n".join(str(p) for p in result.problems)
    planted = (
        "code 7 is not a choice of field 'sex'",
        "code 9 is not a choice of field 'etiology'",
        "code Female is not a choice of field 'sex'",
        "checkbox 'leak' box 2 holds a value other than 1 (ticked) or 0",
        "checkbox 'leak' box 1 holds a value other than 1",
        "checkbox 'leak' box 3 holds a value other than 1",
        "code 4 is not a choice of field 'technique'",
        "checkbox 'leak' has box 9 ticked, which is not a choice of the field",
        "checkbox column(s) of 'leak' with code(s) 9 not among the field's choices",
        "1 of ",
        "are not in the data dictionary ('notes_free')",
        "exact duplicate of row",
        "row has no patient identifier",
        "in event 'unscheduled_arm_1'",
    )
    assert [p for p in planted if p not in text] == []
    boxes = [p for p in result.problems if "holds a value other than 1" in p.message]
    # each bad box on its own cell: the box's column letter and row
    assert len({p.cell for p in boxes}) == 3 and all(p.column for p in boxes)
    assert result.rows_in == result.rows_loaded + result.rows_reported


# --- exports "with labels", without their dictionary ------------------------------------

_EVENTS = {
    "baseline_arm_1": "Baseline",
    "24_hours_arm_1": "24 Hours",
    "1_month_arm_1": "1 Month",
    "3_months_arm_1": "3 Months",
    "12_months_arm_1": "12 Months",
    "follow_up_arm_1": "Follow-up",
}
_STATUS = {"0": "Incomplete", "1": "Unverified", "2": "Complete"}


def _dictionary(directory: Path) -> dict[str, list[str]]:
    rows = _read(directory / "VertebroRegistry_DataDictionary.csv")
    return {r[0]: r for r in rows[1:]}


def _choices(spec: list[str]) -> dict[str, str]:
    pairs = (part.partition(",") for part in spec[5].split("|") if part.strip())
    return {code.strip(): label.strip() for code, _, label in pairs}


def _label(h: str, v: str, fields: dict[str, list[str]]) -> str:
    """One raw cell as an export with labels gives it."""
    name, _, box = h.partition("___")
    spec = fields.get(name)
    if h == "redcap_event_name":
        return f"{_EVENTS[v]} (Arm 1: Registry)"
    if h == "redcap_repeat_instrument":
        return v.replace("_", " ").title()
    if h.endswith("_complete"):
        return _STATUS.get(v, v)
    if box:
        return "Checked" if v == "1" else "Unchecked"
    if spec is not None and spec[3] == "yesno" and v:
        return "Yes" if v == "1" else "No"
    if spec is not None and spec[3] in ("radio", "dropdown") and v:
        return _choices(spec)[v]
    return v


def _field_label(h: str, fields: dict[str, list[str]]) -> str:
    """A header as an export with field labels gives it."""
    name, _, box = h.partition("___")
    if h.startswith("redcap_"):
        return h.removeprefix("redcap_").replace("_", " ").title()
    if h.endswith("_complete"):
        return "Complete?"
    if box:
        return f"{fields[name][4]} (choice={_choices(fields[name])[box]})"
    return fields[name][4]


def _with_labels(directory: Path, field_labels: bool = False) -> list[list[str]]:
    """The export REDCap gives "with labels": choices, statuses, boxes, events and
    instruments by their labels (and, with ``field_labels``, fields by their labels)."""
    fields = _dictionary(directory)
    header, *rows = _read(directory / "VertebroRegistry_records.csv")
    out = [[_label(h, v, fields) for h, v in zip(header, row, strict=True)] for row in rows]
    if field_labels:
        header = [_field_label(h, fields) for h in header]
    return [header, *out]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("labels")
    write_redcap(synthesize(40, seed=9), directory, seed=9, followup="repeating")
    return directory


def _labelled(directory: Path, tmp_path: Path, field_labels: bool) -> Path:
    labelled = tmp_path / "export.csv"
    with labelled.open("w", newline="") as fh:
        csv.writer(fh).writerows(_with_labels(directory, field_labels))
    return labelled


def test_label_export_with_field_labels_loads_the_same_cohort(exported, tmp_path):
    coded = load_cohort(exported)
    result = load_cohort(_labelled(exported, tmp_path, field_labels=True))
    for t in TABLES:
        pd.testing.assert_frame_equal(getattr(result.cohort, t), getattr(coded.cohort, t))
    assert result.errors == []
    said = [p for p in result.problems if p.rule == "redcap_export"]
    assert len(said) == 1 and "without its data dictionary" in said[0].message
    assert "40 fields in 5 forms inferred from the header" in said[0].message


def test_label_export_with_field_names_reads_what_the_names_tell(exported, tmp_path):
    """Field names and labelled values: a field known only by its label (``prior_fx``,
    'Prior fractures') and boxes known only by their numbers (``leak___2``) are not read,
    and said so; everything else is the cohort the dictionary gives."""
    coded = load_cohort(exported).cohort
    result = load_cohort(_labelled(exported, tmp_path, field_labels=False))
    assert result.errors == []
    got = result.cohort
    pd.testing.assert_frame_equal(
        got.patients.drop(columns="prior_fracture_count"),
        coded.patients.drop(columns="prior_fracture_count"),
    )
    assert got.patients["prior_fracture_count"].isna().all()
    pd.testing.assert_frame_equal(
        got.procedures.drop(columns="leakage"), coded.procedures.drop(columns="leakage")
    )
    for t in ("assessments", "fractures"):
        pd.testing.assert_frame_equal(getattr(got, t), getattr(coded, t))
    said = next(p for p in result.problems if p.rule == "redcap_export")
    assert "the checkbox field(s) 'leak' number their boxes" in said.message


_BY_EVENT = """\
pid,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,sex,age,base_complete,\
proc_date,technique,vas_pre,procedure_complete,level,cement_volume,vertebra_complete,\
visit_date,vas,visit_complete
P1,Enrolment (Arm 1: Main),,,Female,71,Complete,,,,,,,,,,
P1,Procedure 1 (Arm 1: Main),,,,,,2022-03-01,Vertebroplasty,8,Complete,,,,,,
P1,Procedure 1 (Arm 1: Main),Vertebra,1,,,,,,,,L1,4,Complete,,,
P1,Procedure 1 (Arm 1: Main),Vertebra,2,,,,,,,,L2,5,Complete,,,
P1,1 Month (Arm 1: Main),,,,,,,,,,,,,2022-04-01,5,Complete
P1,Procedure 2 (Arm 1: Main),,,,,,2022-06-01,Kyphoplasty,7,Complete,,,,,,
P1,Procedure 2 (Arm 1: Main),Vertebra,1,,,,,,,,T12,6,Complete,,,
P1,1 Month after P2 (Arm 1: Main),,,,,,,,,,,,,2022-07-01,3,Complete
P2,Enrolment (Arm 1: Main),,,Male,80,Complete,,,,,,,,,,
P2,Procedure 1 (Arm 1: Main),,,,,,2022-05-10,Vertebroplasty,9,Complete,,,,,,
P2,Procedure 1 (Arm 1: Main),Vertebra,1,,,,,,,,L4,3.5,Complete,,,
P2,1 Month (Arm 1: Main),,,,,,,,,,,,,2022-06-09,4,Complete
"""


def test_procedure_events_give_sessions_and_vertebra_rows_their_form(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(_BY_EVENT)
    result = load_cohort(path)
    assert result.errors == []
    procs = result.cohort.procedures.set_index("level")
    assert procs.loc["L1", "procedure_id"] == procs.loc["L2", "procedure_id"]
    assert procs.loc["T12", "procedure_id"] != procs.loc["L1", "procedure_id"]
    assert procs.loc["T12", "day"] == 92 and procs.loc["L2", "day"] == 0
    assert procs.loc["T12", "technique"] == "kyphoplasty"
    assert procs.loc["L2", "cement_volume_ml"] == 5
    scores = result.cohort.assessments.set_index(["procedure_id", "timepoint"])["value"]
    first, second = procs.loc["L1", "procedure_id"], procs.loc["T12", "procedure_id"]
    # the visit after the second procedure's event is that procedure's 1-month visit
    assert scores[(first, "pre")] == 8 and scores[(first, "1m")] == 5
    assert scores[(second, "pre")] == 7 and scores[(second, "1m")] == 3
    said = next(p for p in result.problems if p.rule == "redcap_export").message
    assert "on 3 event row(s) a procedure's form" in said
    assert "'Procedure 1 (Arm 1: Main)', 'Procedure 2 (Arm 1: Main)' hold procedures" in said
    assert result.rows_in == result.rows_loaded == 12


def test_inspect_reads_a_label_export_as_it_is_loaded(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(_BY_EVENT)
    inspection = inspect_input(path)
    assert "REDCap export without its data dictionary" in inspection.sheets[0].note
    read = {c.header: str(c.label) for c in inspection.columns}
    assert read["level"] == "procedures.level" and read["vas"].startswith("pain_vas")
    assert read[SESSION_COLUMN] == "procedures.procedure_id"
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(inspection.mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping)))
    unaided = load_cohort(path)
    for t in TABLES:
        pd.testing.assert_frame_equal(getattr(mapped.cohort, t), getattr(unaided.cohort, t))


def test_a_bad_cell_of_an_event_procedure_form_is_named_where_it_is_typed(tmp_path):
    """A procedure's form read on its vertebra rows: its bad technique is reported once,
    on the event row and column where it is typed."""
    path = tmp_path / "export.csv"
    path.write_text(_BY_EVENT.replace("2022-06-01,Kyphoplasty", "2022-06-01,Laser"))
    result = load_cohort(path)
    bad = [p for p in result.problems if p.value == "text of 5 characters" or "Laser" in p.message]
    assert [(p.row, p.cell, p.column) for p in bad] == [(7, "I7", "technique")]


# --- every REDCap corpus of the tests, both ways ------------------------------------------

_BLIND = Path(__file__).parent / "blind"
_CORPORA = {
    "chicago (records and codebook)": _BLIND / "batch2" / "chicago" / "input",
    "cluj (labels, without dictionary)": _BLIND / "batch3" / "cluj" / "input.csv",
}


@pytest.mark.parametrize("policy", ["cell", "patient"])
@pytest.mark.parametrize("corpus", sorted(_CORPORA))
def test_blind_redcap_sites_agree_both_ways(corpus, policy):
    """The blind REDCap sites, decoded column by column and row by row: the same cohort
    frames, problems (every field, in order) and ledger."""
    _agree(_CORPORA[corpus], policy=policy)


@pytest.mark.parametrize("field_labels", [True, False])
def test_label_exports_agree_both_ways(exported, tmp_path, field_labels):
    _agree(_labelled(exported, tmp_path, field_labels))


@pytest.mark.parametrize("laser", [False, True])
def test_procedure_event_exports_agree_both_ways(tmp_path, laser):
    path = tmp_path / "export.csv"
    text = _BY_EVENT.replace("2022-06-01,Kyphoplasty", "2022-06-01,Laser") if laser else _BY_EVENT
    path.write_text(text)
    _agree(path)
    _agree(path, policy="patient")


def test_rows_longer_and_shorter_than_the_header_agree_both_ways(tmp_path):
    """Cells beyond the header stay on their row (and are reported as such), a row cut
    short reads blank at its end, whichever way the records are decoded."""
    write_redcap(synthesize(30, seed=12), tmp_path, seed=12)
    rows = _read(tmp_path / "VertebroRegistry_records.csv")
    rows[3] = [*rows[3], "stray", ""]  # two cells more than the header
    rows[5] = [*rows[5], ""]
    rows[7] = rows[7][:20]
    _write(tmp_path, rows)
    _agree(tmp_path)
    said = [p for p in load_cohort(tmp_path).problems if p.rule == "ragged_row"]
    assert [p.row for p in said] == [4] and "cells from column BA on" in said[0].message


def test_cells_of_other_types_decode_as_row_by_row():
    """A sheet read from a workbook holds numbers, booleans and NaN as well as text: each
    cell is decoded by its own text, as row by row (``1.0`` and ``True`` are not code
    ``1``, ``-0.0`` is not ``0``)."""
    fields = {
        "record_id": Field("record_id", "patient", "text", "Study ID", {}, False),
        "sex": Field("sex", "patient", "radio", "Sex", {"1": "Female", "2": "Male"}, False),
        "leak": Field(
            "leak", "patient", "checkbox", "Leakage", {"1": "Disc", "2": "Venous"}, False
        ),
        "vas": Field("vas", "patient", "text", "VAS pain", {}, False),
    }
    header = ["record_id", "redcap_event_name", "sex", "leak___1", "leak___2", "vas"]
    cells = [
        ["P1", "baseline_arm_1", 1, 1, 0, 5],
        ["P2", "baseline_arm_1", 1.0, 1.0, 0.0, 4.5],
        ["P3", "baseline_arm_1", True, True, False, ""],
        ["P4", "baseline_arm_1", -0.0, 0, -0.0, float("nan")],
        ["P5", "baseline_arm_1", "1", "1", "0", None],
        ["P6", "baseline_arm_1", 2, 0.0, 1, 3],
    ]

    def decode(kind: type[Decoder] | type[RowDecoder]) -> tuple[list[list[object]], list[str]]:
        mapping = label_mapping(fields)
        mapping.update(dict.fromkeys(SYSTEM, "ignore"))
        decoder = kind(RawSheet("r.csv", "r", [header, *map(list, cells)]), fields, mapping, "d")
        rows = decoder.decode().rows
        return [[None if v == "" else v for v in row] for row in rows], [
            str(p) for p in decoder.problems
        ]

    by_column, by_row = decode(Decoder), decode(RowDecoder)
    assert by_column == by_row
    rows, problems = by_column
    assert [r[2] for r in rows[1:]] == ["Female", None, None, None, "Female", "Male"]
    assert [r[3] for r in rows[1:]] == ["Disc", None, None, None, "Disc", None]
    assert len(problems) == 9 and sum("code 1.0 is not a choice" in p for p in problems) == 1


# an export with labels and no form status columns: the repeating instrument's fields,
# the procedure's and the visits' are told apart by the rows that fill them
_NO_STATUS = """\
record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,dob,sex,\
proc_date,proc_type,cement_brand,level,cement_ml,visit_date,vas,vital_status
P1,baseline_arm_1,,,1950-03-01,Female,2022-03-01,Vertebroplasty,PMMA,,,2022-03-01,8,
P1,baseline_arm_1,treated_level,1,,,,,,L1,4,,,
P1,baseline_arm_1,treated_level,2,,,,,,L2,5,,,
P1,6wk_arm_1,,,,,,,,,,2022-04-12,5,
P1,repeat_proc_arm_1,,,,,2022-06-01,Kyphoplasty,PMMA,,,2022-06-01,7,
P1,repeat_proc_arm_1,treated_level,1,,,,,,T12,6,,,
P1,repeat_6wk_arm_1,,,,,,,,,,2022-07-13,3,
P1,closeout_arm_1,,,,,,,,,,,,Alive
P2,baseline_arm_1,,,1940-01-01,Male,2022-05-10,Vertebroplasty,PMMA,,,2022-05-10,9,
P2,baseline_arm_1,treated_level,1,,,,,,L4,3.5,,,
P2,6wk_arm_1,,,,,,,,,,2021-06-21,4,
P2,closeout_arm_1,,,,,,,,,,,,Alive
"""


def test_forms_of_an_export_without_status_columns_are_read_from_its_rows(tmp_path):
    """No status column places the fields: those filled only on the treated-level
    instrument's rows are its form, the procedure's date, technique and cement on the
    event rows one procedure form read on its vertebra rows; the second procedure's event
    gives its session and its scores are that procedure's pre-operative ones; the age
    comes from the birth date, never shown."""
    path = tmp_path / "export.csv"
    path.write_text(_NO_STATUS)
    result = load_cohort(path)
    procs = result.cohort.procedures.set_index("level")
    assert sorted(procs.index) == ["L1", "L2", "L4", "T12"]
    assert procs.loc["L2", "technique"] == "vertebroplasty" and procs.loc["L2", "day"] == 0
    assert procs.loc["T12", "technique"] == "kyphoplasty" and procs.loc["T12", "day"] == 92
    assert procs.loc["T12", "procedure_id"] != procs.loc["L1", "procedure_id"]
    scores = result.cohort.assessments.set_index(["procedure_id", "timepoint"])["value"]
    first, second = procs.loc["L1", "procedure_id"], procs.loc["T12", "procedure_id"]
    assert scores[(first, "pre")] == 8 and scores[(first, "6w")] == 5
    assert scores[(second, "pre")] == 7 and scores[(second, "6w")] == 3
    ages = result.cohort.patients.set_index("patient_id")["age_years"]
    assert ages.to_dict() == {"P1": 72, "P2": 82}
    # the visit dated a year before its procedure: an error on its date, not a lost patient
    (error,) = result.errors
    assert (error.cell, error.column) == ("L12", "visit_date")
    assert "dated 323 days before its procedure" in error.message
    said = next(p for p in result.problems if p.rule == "redcap_export").message
    assert "inferred from the rows, the header having no status columns" in said
    assert "the scores on the own rows of 'repeat_proc_arm_1', naming no time point" in said
    assert "1950" not in " ".join(str(p) for p in result.problems)
    assert result.rows_in == result.rows_loaded + result.rows_reported == 12


def test_an_export_without_status_columns_agrees_both_ways_and_with_its_mapping(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(_NO_STATUS)
    _agree(path)
    (sheet,) = inspect_input(path).sheets
    assert "'repeat_proc_arm_1' pre (it holds a procedure)" in sheet.note
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping)))
    unaided = load_cohort(path)
    for t in TABLES:
        pd.testing.assert_frame_equal(getattr(mapped.cohort, t), getattr(unaided.cohort, t))
