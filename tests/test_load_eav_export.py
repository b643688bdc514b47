"""A database's long export (one row per participant, form instance and field) read through
its field dictionary and option groups: pivoted into one row per form instance."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.load.eav_export import eav_tables
from analysis.load.header_names import FORM_LABEL
from analysis.load.inspect import inspect_input

HEAD = ["Participant Id", "Form Type", "Form Instance Name", "Form Parent", "Field id", "Value"]
# (form, field id, variable name, label, option group)
FIELDS = [
    ("Baseline", "F-01", "pt_sex", "Sex", "Sexes"),
    ("Baseline", "F-02", "pt_age", "Age", ""),
    ("Baseline", "F-03", "pt_cause", "Cause", "Causes"),
    ("Operation", "F-04", "op_date", "Procedure date", ""),
    ("Operation", "F-05", "op_tech", "Technique", "Techniques"),
    ("Operation", "F-06", "proc_nr", "Procedure", "Numbers"),
    ("Vertebra", "F-07", "vb_level", "Level", "Levels"),
    ("Vertebra", "F-08", "vb_vol", "Cement volume (ml)", ""),
    ("Vertebra", "F-09", "vb_leak", "Leakage", "Leaks"),
    ("Visit", "F-10", "vs_when", "Time point", "Moments"),
    ("Visit", "F-11", "vs_date", "Visit date", ""),
    ("Visit", "F-12", "vs_nrs", "Pain NRS", ""),
]
OPTIONS = [
    ("Sexes", "Male", "1"),
    ("Sexes", "Female", "2"),
    ("Causes", "Osteoporosis", "1"),
    ("Causes", "Metastasis", "2"),
    ("Techniques", "Vertebroplasty", "1"),
    ("Techniques", "Kyphoplasty", "2"),
    ("Numbers", "First procedure", "1"),
    ("Numbers", "Repeat procedure", "2"),
    ("Levels", "T12", "12"),
    ("Levels", "L1", "13"),
    ("Levels", "L2", "14"),
    ("Leaks", "None", "0"),
    ("Leaks", "Disc", "1"),
    ("Leaks", "Venous", "2"),
    ("Moments", "Pre-op", "0"),
    ("Moments", "6 weeks", "3"),
    ("(user missing)", "Not applicable", "##USER_MISSING_96##"),
    ("(user missing)", "Not done", "##USER_MISSING_99##"),
]


def _rows(level_p2: str = "14", leak_p1: str = "1;2") -> list[list[str]]:
    """Two participants: P-01 with two vertebrae under one operation and two visits,
    P-02 with one vertebra and one visit whose pain was not done."""
    rows = []
    for pid, sex, age, cause in (("P-01", "2", "78", "1"), ("P-02", "1", "66", "2")):
        for fid, value in (("F-01", sex), ("F-02", age), ("F-03", cause)):
            rows.append([pid, "Study", "", "", fid, value])
    op = "Operation - 1"
    rows += [
        ["P-01", "Repeating data", op, "", "F-04", "03-02-2022"],
        ["P-01", "Repeating data", op, "", "F-05", "2"],
        ["P-01", "Repeating data", op, "", "F-06", "1"],
        ["P-01", "Repeating data", "Vertebra - 1", op, "F-07", "12"],
        ["P-01", "Repeating data", "Vertebra - 1", op, "F-08", "4.5"],
        ["P-01", "Repeating data", "Vertebra - 1", op, "F-09", leak_p1],
        ["P-01", "Repeating data", "Vertebra - 2", op, "F-07", "13"],
        ["P-01", "Repeating data", "Vertebra - 2", op, "F-08", "3"],
        ["P-01", "Repeating data", "Vertebra - 2", op, "F-09", "0"],
        ["P-01", "Repeating data", "Visit - 1", op, "F-10", "0"],
        ["P-01", "Repeating data", "Visit - 1", op, "F-11", "02-02-2022"],
        ["P-01", "Repeating data", "Visit - 1", op, "F-12", "8"],
        ["P-01", "Repeating data", "Visit - 2", op, "F-10", "3"],
        ["P-01", "Repeating data", "Visit - 2", op, "F-11", "17-03-2022"],
        ["P-01", "Repeating data", "Visit - 2", op, "F-12", "3"],
        ["P-02", "Repeating data", op, "", "F-04", "10-05-2022"],
        ["P-02", "Repeating data", op, "", "F-05", "1"],
        ["P-02", "Repeating data", op, "", "F-06", "1"],
        ["P-02", "Repeating data", "Vertebra - 1", op, "F-07", level_p2],
        ["P-02", "Repeating data", "Vertebra - 1", op, "F-08", "2.5"],
        ["P-02", "Repeating data", "Vertebra - 1", op, "F-09", "0"],
        ["P-02", "Repeating data", "Visit - 1", op, "F-10", "0"],
        ["P-02", "Repeating data", "Visit - 1", op, "F-11", "09-05-2022"],
        ["P-02", "Repeating data", "Visit - 1", op, "F-12", "##USER_MISSING_99##"],
    ]
    return rows


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def _export(tmp_path: Path, **data: str) -> Path:
    folder = tmp_path / "export"
    folder.mkdir(parents=True)
    _write(folder / "study_export_long.csv", HEAD, _rows(**data))
    _write(
        folder / "study_field_dictionary.csv",
        ["Form Name", "Field id", "Field Variable Name", "Field Label", "Optiongroup Name"],
        [list(f) for f in FIELDS],
    )
    _write(
        folder / "study_optiongroups.csv",
        ["Optiongroup Name", "Option Name", "Option Value"],
        [list(o) for o in OPTIONS],
    )
    return folder


def test_a_long_export_is_pivoted_into_one_row_per_form_instance(tmp_path: Path) -> None:
    result = load_cohort(_export(tmp_path))
    cohort = result.cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients.loc["P-01", "sex"] == "female"
    assert patients.loc["P-02", "etiology"] == "pathologic"
    assert patients.loc["P-01", "age_years"] == 78
    procs = cohort.procedures.set_index(["patient_id", "level"])
    assert procs.loc[("P-01", "T12"), "cement_volume_ml"] == pytest.approx(4.5)
    assert procs.loc[("P-01", "L1"), "technique"] == "kyphoplasty"  # carried from its operation
    assert procs.loc[("P-02", "L2"), "technique"] == "vertebroplasty"
    # several options ticked ("1;2") read as each option's label
    assert set(str(procs.loc[("P-01", "T12"), "leakage"]).split(";")) == {"disc", "venous"}
    scores = cohort.assessments.set_index(["patient_id", "timepoint"])["value"]
    assert scores.loc[("P-01", "pre")] == 8
    assert scores.loc[("P-01", "6w")] == 3
    # a declared missing code is missing, not an error
    assert ("P-02", "pre") not in scores.index
    assert not result.errors
    assert any(p.rule == "eav_export" for p in result.problems)


def test_a_code_its_option_group_does_not_hold_is_an_error_on_its_cell(tmp_path: Path) -> None:
    result = load_cohort(_export(tmp_path, level_p2="21"))
    found = [p for p in result.errors if p.rule == "unknown_code"]
    assert len(found) == 1
    # the export's row 26 (its header is row 1), column F: the value as the user sees it
    assert (found[0].sheet, found[0].row, found[0].cell) == ("study_export_long", 26, "F26")
    assert "vb_level" in found[0].message


def test_a_later_check_names_the_cell_in_the_export(tmp_path: Path) -> None:
    rows = _rows()
    assert rows[10][4] == "F-08"
    rows[10][5] = "45"  # P-01's first vertebra: 45 mL, the export's row 12
    folder = _export(tmp_path)
    _write(folder / "study_export_long.csv", HEAD, rows)
    result = load_cohort(folder)
    assert [(p.row, p.cell) for p in result.errors] == [(12, "F12")]


def test_a_form_label_its_values_contradict_is_not_read_and_not_an_error(tmp_path: Path) -> None:
    """``Procedure`` (a technique's header) over ``First procedure``: a form's question."""
    folder = _export(tmp_path)
    _write(
        folder / "study_field_dictionary.csv",
        ["Form Name", "Field id", "Field Variable Name", "Field Label", "Optiongroup Name"],
        [list(f) for f in FIELDS if f[1] != "F-05"],  # no technique field: "Procedure" alone
    )
    _write(folder / "study_export_long.csv", HEAD, [r for r in _rows() if r[4] != "F-05"])
    result = load_cohort(folder)
    assert not [p for p in result.errors if p.rule == "column_reading"]
    assert len(result.cohort.procedures) == 3
    inspection = inspect_input(_export(tmp_path / "again"))
    assert any(s.status == "joined" for s in inspection.sheets)


def test_nothing_is_pivoted_without_a_field_dictionary(tmp_path: Path) -> None:
    from analysis.io import read_input_sheets

    folder = _export(tmp_path)
    sheets = read_input_sheets(folder / "study_export_long.csv")
    assert eav_tables(list(sheets)) == (list(sheets), [])


def test_a_participants_field_is_read_under_its_form(tmp_path: Path) -> None:
    """The end-of-study form's ``Eindstatus`` (``Overleden``, ``Nog in follow-up``), a
    participant's field, read as the Dutch end-of-study status: died or alive. (A bare
    ``Status`` names no field: over a plain yes it is a flag of anything,
    ``tests/test_status_words.py``.)"""
    folder = _export(tmp_path)
    dictionary = [list(f) for f in FIELDS] + [["Einde studie", "F-13", "eos_status", "Eindstatus", "EOS"]]  # fmt: skip
    _write(
        folder / "study_field_dictionary.csv",
        ["Form Name", "Field id", "Field Variable Name", "Field Label", "Optiongroup Name"],
        dictionary,
    )
    options = [list(o) for o in OPTIONS] + [["EOS", "Overleden", "2"], ["EOS", "Nog in follow-up", "4"]]  # fmt: skip
    _write(folder / "study_optiongroups.csv", ["Optiongroup Name", "Option Name", "Option Value"], options)  # fmt: skip
    rows = [
        *_rows(),
        ["P-01", "Study", "", "", "F-13", "2"],
        ["P-02", "Study", "", "", "F-13", "4"],
    ]
    _write(folder / "study_export_long.csv", HEAD, rows)
    died = load_cohort(folder).cohort.patients.set_index("patient_id")["died"]
    assert bool(died["P-01"]) is True
    assert bool(died["P-02"]) is False
    assert FORM_LABEL.startswith("header:")


@pytest.mark.parametrize(("reason", "unread"), [(FORM_LABEL, True), ("header", False)])
def test_a_form_label_contradicted_by_its_values_is_a_question_not_read(reason: str, unread: bool) -> None:  # fmt: skip
    """A field's label read as a technique's header (``Procedure``) over the options
    ``First procedure``, ``Repeat procedure``: not read, and no error, as a form's question;
    a plain header so contradicted stays an error."""
    from analysis.load.header_columns import HeaderColumn
    from analysis.load.header_contents import _contradicted
    from analysis.normalize.content import column_fit
    from analysis.normalize.headers import Target

    own = Target("column", "procedures", "technique")
    values: list[object] = ["First procedure", "Repeat procedure"] * 10
    col = HeaderColumn(6, "proc_nr", own, 1.0, reason=reason)
    read, problem = _contradicted(col, values, own, column_fit(values, own))
    assert read.target is None
    assert (problem is None) is unread
