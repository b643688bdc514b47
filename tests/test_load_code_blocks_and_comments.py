"""A codes sheet of blocks, each headed by its field's name beside the titles of its
columns (``Sex | Code | Meaning | Fino' CHamoru``), a range of numbered columns named
with a space (``Leak 1-3``), a key line listing quoted missing markers, comments setting
a value against the cell's (``should be 3.5``, ``L2, not L3``), and a remark naming the
procedure's cement: each written small here, the way a unit would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment

from analysis.load import load_cohort
from analysis.normalize.corrections import corrected_value
from tests.test_any_workbook import _workbook

HEAD = ["Study #", "Sex", "Proc Date", "Technique", "Level 1", "Leak 1", "Level 2", "Leak 2", "VAS Pre", "VAS 1mo", "Died"]  # fmt: skip
CODES: list[list[object]] = [
    ["CODE LIST for dropdowns"],
    [],
    ["Sex", "Code", "Meaning", "Fino' CHamoru"],
    [None, 1, "Male", "låhi"],
    [None, 2, "Female", "palåo'an"],
    [],
    ["Technique", "Code", "Meaning"],
    [None, 1, "Vertebroplasty (VP)"],
    [None, 2, "Kyphoplasty (KP, balloon)"],
    [],
    ["Leak 1-2", "Code", "Meaning"],
    [None, 0, "None"],
    [None, 1, "Disc"],
    [None, 2, "Venous"],
    [None, 4, "Epidural"],
    [],
    ["Died", "Code", "Meaning"],
    [None, 0, "No"],
    [None, 1, "Yes (deceased)"],
]


def _coded(tmp_path: Path, comments: dict[str, str] | None = None) -> Path:
    rows: list[list[object]] = [HEAD]
    rows.append(["GU-01", 1, date(2021, 6, 13), 2, "T10", 0, "T11", 4, 8, 4, 0])
    rows.append(["GU-02", 3, date(2021, 8, 3), 1, "T12", 1, None, None, 7, 3, 0])
    rows.append(["GU-03", 2, date(2021, 9, 1), 1, "L3", 2, None, None, 9, "NS", 1])
    rows.append(["GU-04", 2, date(2021, 9, 9), 2, "L1", 0, None, None, 6, "ti mamaila'", 0])
    rows.append(["GU-05", 1, date(2021, 10, 2), 1, "T8", 0, None, None, 8, "måtai", 1])
    rows += [[], ['NS / "ti mamaila\'" = no-show.  "måtai" = deceased.']]
    path = _workbook(tmp_path / "coded.xlsx", {"VP Log": rows, "Codes": CODES})
    if comments:
        book = openpyxl.load_workbook(path)
        for ref, text in comments.items():
            book["VP Log"][ref].comment = Comment(text, "J. Santos RN")
        book.save(path)
    return path


def test_a_codes_sheet_of_blocks_headed_beside_their_column_titles_decodes_its_columns(tmp_path):
    """Each block's field name stands beside ``Code | Meaning``, its codes in the
    ``Code`` column under it: the sex, technique, leak (``Leak 1-2``: both numbered leak
    columns) and death codes read as what they mean; a sex code the block does not list is
    an error on its cell."""
    loaded = load_cohort(_coded(tmp_path))
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["sex"].dropna().to_dict() == {"GU-01": "male", "GU-03": "female", "GU-04": "female", "GU-05": "male"}  # fmt: skip
    assert patients["died"].to_dict() == {"GU-01": False, "GU-02": False, "GU-03": True, "GU-04": False, "GU-05": True}  # fmt: skip
    procs = loaded.cohort.procedures.set_index(["patient_id", "level"])
    assert procs["technique"].to_dict() == {("GU-01", "T10"): "kyphoplasty", ("GU-01", "T11"): "kyphoplasty", ("GU-02", "T12"): "vertebroplasty", ("GU-03", "L3"): "vertebroplasty", ("GU-04", "L1"): "kyphoplasty", ("GU-05", "T8"): "vertebroplasty"}  # fmt: skip
    leaks = procs["leakage"].to_dict()
    assert (leaks[("GU-01", "T11")], leaks[("GU-02", "T12")], leaks[("GU-03", "L3")]) == ("epidural", "disc", "venous")  # fmt: skip
    errors = [(p.sheet, p.cell) for p in loaded.problems if p.severity == "error"]
    assert errors == [("VP Log", "B3")]


def test_a_key_line_listing_quoted_markers_before_one_meaning_reads_them_as_missing(tmp_path):
    """``NS / "ti mamaila'" = no-show``: both markers, the quoted one ending in a glottal
    stop, are a missed visit in every column; ``måtai`` in a score cell is the patient's
    death, no score; none of them is an error."""
    loaded = load_cohort(_coded(tmp_path))
    scores = loaded.cohort.assessments
    month = scores[(scores["timepoint"] == "1m") & scores["value"].notna()]
    assert set(month["patient_id"]) == {"GU-01", "GU-02"}
    assert not [p for p in loaded.problems if p.severity == "error" and p.cell != "B3"]


def test_a_comment_saying_what_the_cell_should_be_or_setting_a_value_against_it_corrects_it(tmp_path):  # fmt: skip
    """``should be 1`` on a death code of 0 reads 1 (died); ``level treated was L2, not
    L3`` on a cell holding L3 reads L2; ``code should be 2`` on a leak code 1 reads venous;
    each said at its cell. A comment setting a value against another one than the cell's
    (``T9, not T11`` on T12) corrects nothing."""
    path = _coded(
        tmp_path,
        {
            "K2": "Pt passed away per family - should be 1. Not updated yet.",
            "E4": "fluoro images reviewed - level treated was L2, not L3",
            "F3": "post-op CT reviewed: VENOUS leak, not disc -> code should be 2",
            "E3": "T9, not T11 (see film)",
        },
    )
    loaded = load_cohort(path)
    assert bool(loaded.cohort.patients.set_index("patient_id").loc["GU-01", "died"]) is True
    procs = loaded.cohort.procedures.set_index("patient_id")
    assert procs.loc["GU-03", "level"] == "L2"
    assert (procs.loc["GU-02", "level"], procs.loc["GU-02", "leakage"]) == ("T12", "venous")
    said = sorted(p.cell for p in loaded.problems if p.rule == "comment_correction")
    assert said == ["E4", "F3", "K2"]


def test_a_value_set_against_the_cells_own_is_read_only_when_the_cell_holds_it():
    assert corrected_value("level treated was L2, not L3", "L3") == "L2"
    assert corrected_value("level treated was L2, not L3", "L4") is None
    assert corrected_value("should be 4.5 per op note", "45") == "4.5"
    assert corrected_value("on warfarin - held 5 days pre-op", "2021-12-09") is None


def test_a_remark_naming_the_cement_gives_the_rows_procedure_its_cement(tmp_path):
    """A remarks column read for deaths (two with their dates) also names, on a
    procedure's row, the cement used (``cement PMMA``, ``Simplex (PMMA)``): that procedure's cement;
    a row whose remark names none keeps none."""
    head = ["Study ID", "Sex", "Age", "Proc date", "Level", "Vol (ml)", "VAS pre", "Notes"]
    rows: list[list[object]] = [head]
    rows.append(["M1", "F", 71, date(2021, 3, 1), "T12", 4.5, 8, "cement PMMA"])
    rows.append(["M2", "M", 66, date(2021, 4, 1), "L2", 3.0, 9, "Simplex (PMMA)"])
    rows.append(["M3", "F", 80, date(2021, 5, 1), "L4", 2.5, 7, "died 3/4/2022"])
    rows.append(["M4", "F", 77, date(2021, 6, 1), "L1", 3.5, 6, None])
    rows.append(["M5", "M", 69, date(2021, 7, 1), "T11", 4.0, 8, "died 9/1/2022"])
    loaded = load_cohort(_workbook(tmp_path / "remarks.xlsx", {"Log": rows}))
    cement = loaded.cohort.procedures.set_index("patient_id")["cement_type"]
    assert cement.dropna().to_dict() == {"M1": "PMMA", "M2": "PMMA"}
    assert bool(loaded.cohort.patients.set_index("patient_id").loc["M3", "died"]) is True
