"""An EHR's reports as a folder of CSVs named like the tidy tables (``patients.csv``,
``procedures.csv``) but holding the unit's own columns: one billed CPT line per treated
vertebra with its level among words (``Lumbar L1``, ``add-on T7``), MRI lines in the same
report, and flowsheet rows of one measurement each dated by ``Recorded Date/Time``."""

from __future__ import annotations

import pytest

from analysis.load import load_cohort
from analysis.normalize import CellError, match_header
from analysis.normalize.cells import parse_cell, worded_level
from analysis.spec import load_spec

PATIENTS = """MRN,Study ID,DOB,Legal Sex,Deceased
111,S-01,1/2/1940,Female,N
222,S-02,3/4/1950,Male,N
"""

PROCEDURES = """MRN,Study ID,Procedure Date,Procedure Start,CPT,Level Text,Cement Volume (mL),Extravasation/Complications,Indication/Findings
111,S-01,3/10/2022,8:15,22514,Lumbar L1,4.5,No cement extravasation,
111,S-01,3/10/2022,8:15,22515,L2 (addl level),3.0,"Small amount of cement in segmental vein, asymptomatic",
111,S-01,3/1/2022,,72148,"L1, L2",,,"Acute compression fx L1 and L2, edema on STIR"
111,S-01,9/6/2022,,72148,L3,,,NEW acute compression fracture L3; treated levels stable
222,S-02,5/5/2022,9:30,22510,Thoracic T12,5.0,No extravasation,
222,S-02,5/5/2022,9:30,22512,add-on T11,2.5,None,
"""

FLOWSHEET = """MRN,Study ID,Flowsheet Row,Value,Recorded Date/Time
111,S-01,Pain Score (0-10),8,3/8/2022 10:00
111,S-01,Pain Score (0-10),4,3/10/2022 11:40
111,S-01,Pain Score (0-10),3,3/24/2022 9:00
222,S-02,Pain Score (0-10),7,5/5/2022 7:50
222,S-02,Pain Score (0-10),2,6/17/2022 9:00
"""


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "patients.csv").write_text(PATIENTS)
    (folder / "procedures.csv").write_text(PROCEDURES)
    (folder / "flowsheet_rows.csv").write_text(FLOWSHEET)
    return folder


def test_files_named_like_tidy_tables_with_their_own_columns_are_read_as_exports(reports):
    result = load_cohort(reports)
    assert sorted(result.cohort.patients["patient_id"]) == ["S-01", "S-02"]
    procs = result.cohort.procedures.sort_values(["patient_id", "level"])
    assert list(procs["level"]) == ["L1", "L2", "T11", "T12"]
    assert list(procs["cement_volume_ml"]) == [4.5, 3.0, 2.5, 5.0]
    assert list(procs["leakage"]) == ["none", "venous", "none", "none"]
    assert list(procs["technique"]) == ["kyphoplasty"] * 2 + ["vertebroplasty"] * 2
    assert not result.errors, [str(p) for p in result.errors]


def test_ehr_report_headers_name_their_fields():
    assert match_header("Recorded Date/Time").column == "visit_date"
    assert match_header("Level Text").label == "procedures.level"
    assert match_header("Legal Sex").label == "patients.sex"
    assert match_header("Extravasation/Complications").label == "procedures.leakage"
    leakage = load_spec().column("procedures", "leakage")
    assert parse_cell("No cement extravasation", leakage) == parse_cell("none", leakage)
    assert parse_cell("No extravasation", leakage) == parse_cell("none", leakage)


def test_procedure_start_time_is_no_procedure_identifier(reports):
    result = load_cohort(reports)
    # two patients' procedures started at the same time of day are two procedures
    assert result.cohort.procedures["procedure_id"].nunique() == 2
    assert not any("recorded for 2 patients" in p.message for p in result.problems)


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("Lumbar L1", ("L1",)),
        ("Thoracic T12", ("T12",)),
        ("add-on T7", ("T7",)),
        ("T12 (addl level)", ("T12",)),
        ("Lumbar T12", None),  # a region word naming another region: not read
        ("L1 fracture", None),
    ],
)
def test_a_treated_level_among_its_region_and_add_on_words(text, levels):
    assert worded_level(text) == levels
    col = load_spec().column("procedures", "level")
    if levels is None:
        with pytest.raises(CellError):
            parse_cell(text, col)
    else:
        assert parse_cell(text, col) == levels


def test_an_mri_line_of_the_procedure_report_is_no_treated_vertebra(reports):
    result = load_cohort(reports)
    s01 = result.cohort.procedures[result.cohort.procedures["patient_id"] == "S-01"]
    assert len(s01) == 2 and s01["day"].nunique() == 1
    said = [p for p in result.problems if p.rule == "not_augmentation"]
    assert len(said) == 1 and said[0].row == 4 and said[0].severity == "warning"


def test_a_procedure_day_score_beside_an_earlier_baseline_is_not_read(reports):
    result = load_cohort(reports)
    a = result.cohort.assessments
    pre = a[(a["timepoint"] == "pre")].set_index("patient_id")["value"]
    # S-01: the score two days before, not the one in recovery on the procedure's day;
    # S-02: its one procedure-day score (before the operation) stays its baseline
    assert pre.to_dict() == {"S-01": 8, "S-02": 7}
    said = [p for p in result.problems if "dated on its procedure's day" in p.message]
    assert [p.row for p in said] == [3] and said[0].severity == "warning"
    assert not result.errors


def test_an_mri_line_whose_report_names_a_new_fracture_is_that_fracture(reports):
    result = load_cohort(reports)
    f = result.cohort.fractures
    assert list(zip(f["patient_id"], f["day"], f["level"], strict=True)) == [("S-01", 180, "L3")]
    # its CPT code is no technique to check: no error on it
    assert not [p for p in result.problems if p.row == 5 and p.severity == "error"]
