"""A column the loader reads in a way of its own (a remark naming new fractures, an
export's measure-name and value columns) is said once, by the warning telling how it was
read, never also called "not recognised and ignored"."""

from __future__ import annotations

from datetime import date

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_dated_measurements import _book, _measured


def _unrecognised(loaded) -> list[str | None]:
    return [p.cell for p in loaded.problems if p.rule == "unrecognised_column"]


def test_a_findings_column_read_as_new_fractures_is_not_also_unrecognised(tmp_path):
    rows = [
        [
            "Study ID",
            "Procedure Date",
            "Level",
            "Cement (mL)",
            "Technique",
            "Indication/Findings",
        ],
        ["P-1", date(2022, 3, 4), "T12", 4.5, "vertebroplasty", None],
        ["P-2", date(2022, 4, 4), "L1", 5, "kyphoplasty", "fall at home"],
        ["P-1", date(2022, 9, 4), "L3", None, None, "NEW acute compression fracture L3 on MRI"],
    ]
    loaded = load_cohort(_workbook(tmp_path / "log.xlsx", {"Procedures": rows}))
    (said,) = [p for p in loaded.problems if p.rule == "event_rows"]
    assert said.cell == "F1"
    assert _unrecognised(loaded) == []
    fractures = loaded.cohort.fractures
    assert list(zip(fractures["patient_id"], fractures["level"], strict=True)) == [("P-1", "L3")]


def test_a_measurement_exports_name_and_value_columns_are_not_also_unrecognised(tmp_path):
    rows = [
        _measured("П-1", -2, "ВАШ", 84),
        _measured("П-1", 33, "ВАШ", 45),
        _measured("П-3", 0, "ВАШ, мм", 70),
    ]
    loaded = load_cohort(_book(tmp_path / "export.xlsx", rows))
    (said,) = [p for p in loaded.problems if p.rule == "measurement_rows"]
    assert "column C names the measure and column D 'Значение' holds its value" in said.message
    assert _unrecognised(loaded) == []
    assert len(loaded.cohort.assessments) == 3


def test_a_csv_whose_columns_were_added_later_says_so_once(tmp_path):
    """The early rows of a file kept growing have fewer cells (columns were added after
    them): one warning for the run, its cells read as blank; a short row among full ones
    is still a ragged row of its own."""
    header = "Study ID,Sex,Age,Date,Level,Cement,VAS pre,VAS 1m"
    lines = [
        header,
        "G-1,F,71,2021-03-01,L1",
        "G-2,M,68,2021-04-02,T12",
        "G-3,F,80,2021-05-03,L2,4.5",
        "G-4,F,77,2021-06-04,L3,3,8,3",
        "G-5,M,66,2021-07-05,L4",  # short among full rows: ragged on its own
        "G-6,F,73,2021-08-06,L1,4,7,2",
    ]
    path = tmp_path / "grown.csv"
    path.write_text("\n".join(lines) + "\n")
    loaded = load_cohort(path)
    ragged = {p.row: p.message for p in loaded.problems if p.rule == "ragged_row"}
    assert set(ragged) == {2, 6}
    assert ragged[2].startswith("rows 2-4 have fewer cells than the header")
    assert "columns were added to the file after these rows were written" in ragged[2]
    assert ragged[6].startswith("ragged row: 5 cells where the header (row 1) has 8")
    assert loaded.cohort.patients["patient_id"].tolist() == [f"G-{i}" for i in range(1, 7)]
    assert loaded.cohort.procedures.set_index("patient_id")["cement_volume_ml"]["G-3"] == 4.5
