"""A theatre book with the study's augmentation cases among other operations: the
technique read from 'Operation done' ('Vertebroplasty (REDO - new level)' included), and a
row of another operation (a discectomy, a fixation) with no study number left out with a
warning, while an augmentation row with no study number stays an error."""

from __future__ import annotations

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook

ROWS = [
    ["Date", "Operation done", "Study No", "Level(s)", "VAS pre-op"],
    ["2022-01-03", "Vertebroplasty", "TB-1", "T12", 8],
    ["2022-01-04", "Discectomy L5/S1", None, None, None],
    ["2022-01-05", "Posterior fixation T12-L2 (pedicle screws)", None, None, None],
    ["2022-01-06", "Kyphoplasty", "TB-2", "L1", 7],
    ["2022-01-07", "Vertebroplasty", None, "L2", 9],
    ["2022-02-08", "Vertebroplasty (REDO - new level)", "TB-1", "L1", 6],
]


def test_other_operations_are_left_out_with_a_warning(tmp_path):
    loaded = load_cohort(_workbook(tmp_path / "t.xlsx", {"Register": ROWS}))
    assert [(p.row, p.rule) for p in loaded.errors] == [(6, "patient_id")]
    left_out = {p.row for p in loaded.problems if p.rule == "not_augmentation"}
    assert left_out == {3, 4}
    procedures = loaded.cohort.procedures
    got = sorted(zip(procedures["patient_id"], procedures["level"], procedures["technique"], strict=True))  # fmt: skip
    assert got == [("TB-1", "L1", "vertebroplasty"), ("TB-1", "T12", "vertebroplasty"), ("TB-2", "L1", "kyphoplasty")]  # fmt: skip


def test_a_redo_rows_see_1st_op_leaves_the_new_fracture_column_read(tmp_path):
    rows = [
        ["Date", "Operation done", "Study No", "Level(s)", "New fracture"],
        ["2022-01-03", "Vertebroplasty", "TB-1", "T12", "L1 on 13/03/2022"],
        ["2022-01-06", "Kyphoplasty", "TB-2", "L1", "Hapana"],
        ["2022-01-09", "Vertebroplasty", "TB-3", "L3", "T10 on 21/03/2022"],
        ["2022-03-20", "Vertebroplasty (REDO - new level)", "TB-1", "L1", "see 1st op"],
        ["2022-03-25", "Vertebroplasty (REDO - new level)", "TB-3", "T10", "see 1st op"],
    ]
    loaded = load_cohort(_workbook(tmp_path / "t.xlsx", {"Register": rows}))
    assert loaded.errors == []
    fractures = loaded.cohort.fractures
    assert sorted(zip(fractures["patient_id"], fractures["level"], strict=True)) == [("TB-1", "L1"), ("TB-3", "T10")]  # fmt: skip
