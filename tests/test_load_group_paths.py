"""A form tool's export with groups in its headers (``patient/sex``, ``op/date``,
``reop/vas_pre``): each header read by its last part, its groups as the header's group."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping

MAIN = [
    [
        "patient/study_no",
        "patient/age",
        "patient/sex",
        "op/date",
        "op/procedure",
        "op/vas_pre",
        "reop/date",
        "reop/vas_pre",
        "_uuid",
        "_index",
    ],
    ["GP-01", 71, "F", "2022-03-01", "kyphoplasty", 8, "2022-09-01", 7, "a1", 1],
    ["GP-02", 64, "M", "2022-04-11", "vertebroplasty", 9, None, None, "a2", 2],
]
LEVELS = [
    ["op/op_levels/vertebra", "op/op_levels/cement_ml", "_index", "_parent_index"],
    ["T12", 3.5, 1, 1],
    ["L2", 2.5, 2, 2],
]
REOP_LEVELS = [
    ["reop/reop_levels/vertebra", "reop/reop_levels/cement_ml", "_index", "_parent_index"],
    ["L1", 4.0, 1, 1],
]


def _workbook(path: Path, system: bool = True) -> Path:
    book = openpyxl.Workbook()
    main = book.active
    main.title = "registry"
    for row in MAIN:
        main.append(row if system else row[:-2])
    for name, rows in (("op_levels", LEVELS), ("reop_levels", REOP_LEVELS)):
        child = book.create_sheet(name)
        for row in rows:
            child.append(row)
    book.save(path)
    return path


def test_group_path_headers_read_by_their_last_part(tmp_path):
    result = load_cohort(_workbook(tmp_path / "form.xlsx"))
    patients = result.cohort.patients.set_index("patient_id")
    assert patients.loc["GP-01", "age_years"] == 71
    assert patients.loc["GP-02", "sex"] == "male"
    procs = result.cohort.procedures
    procs = procs.sort_values("procedure_id")
    assert procs[["procedure_id", "day", "level", "cement_volume_ml"]].values.tolist() == [
        ["GP-01-1", 0, "T12", 3.5],
        ["GP-01-2", 184, "L1", 4.0],
        ["GP-02-1", 0, "L2", 2.5],
    ]
    # the parent row's technique carried onto its operation's vertebra rows
    assert procs["technique"].tolist()[0::2] == ["kyphoplasty", "vertebroplasty"]
    vas = result.cohort.assessments.query("measure == 'pain_vas' and timepoint == 'pre'")
    assert sorted(vas[["procedure_id", "value"]].values.tolist()) == [
        ["GP-01-1", 8],
        ["GP-01-2", 7],
        ["GP-02-1", 9],
    ]
    assert [p for p in result.problems if p.severity == "error"] == []


def test_the_mapping_loads_the_same(tmp_path):
    path = _workbook(tmp_path / "form.xlsx")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    unaided = load_cohort(path)
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping)))
    for table in ("patients", "procedures", "assessments", "fractures"):
        pd.testing.assert_frame_equal(getattr(mapped.cohort, table), getattr(unaided.cohort, table))


def _form(path: Path, main: list[list[object]], levels: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "registry"
    for row in main:
        sheet.append(row)
    child = book.create_sheet("levels")
    for row in levels:
        child.append(row)
    book.save(path)
    return path


MAIN_NY = [
    ["patient/study_no", "patient/sex", "op/date", "outcome/vital", "_index"],
    ["NY-01", "mwamuna", "2022-03-01", "ali_moyo", 1],
    ["NY-02", "mkazi", "2022-04-11", "wamwalira", 2],
]


def test_a_repeat_groups_shared_prefix_and_select_multiple_read(tmp_path):
    """``r_vertebra``, ``r_cement_ml``: the prefix all the group's fields share dropped;
    ``disc venous`` (the form's select-multiple, split into ``r_leak/disc`` ...) a list."""
    levels = [
        [
            "op/op_levels/r_vertebra",
            "op/op_levels/r_cement_ml",
            "op/op_levels/r_leak",
            "op/op_levels/r_leak/none",
            "op/op_levels/r_leak/disc",
            "op/op_levels/r_leak/venous",
            "_index",
            "_parent_index",
        ],
        ["T12", 3.5, "disc venous", 0, 1, 1, 1, 1],
        ["L2", 2.5, "none", 1, 0, 0, 2, 2],
    ]
    result = load_cohort(_form(tmp_path / "form.xlsx", MAIN_NY, levels))
    procs = result.cohort.procedures.sort_values("procedure_id")
    assert procs[["level", "cement_volume_ml"]].values.tolist() == [["T12", 3.5], ["L2", 2.5]]
    assert procs["leakage"].astype(str).tolist()[0] in ("disc;venous", "disc, venous")
    assert [p for p in result.problems if p.severity == "error"] == []


def test_chichewa_choice_names(tmp_path):
    levels = [["op/op_levels/vertebra", "_index", "_parent_index"], ["T12", 1, 1], ["L2", 2, 2]]
    result = load_cohort(_form(tmp_path / "form.xlsx", MAIN_NY, levels))
    patients = result.cohort.patients.set_index("patient_id")
    assert patients["sex"].tolist() == ["male", "female"]
    assert patients["died"].tolist() == [False, True]
