"""A database's tables exported one file each (Microsoft Access): lookup tables decode the
codes of the tables referring to them, child tables are joined to their parents by key."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.relational import relational_tables
from analysis.load.roles import FRACTURES, sheet_role

TABLES = {
    "tlkpLevel.csv": [
        "LevelID,LevelName,Region",
        '1,"T12","Thoracic"',
        '2,"L1","Lumbar"',
        '3,"L2","Lumbar"',
    ],
    "tlkpTechnique.csv": [
        "TechCode,TechDescription",
        '"PVP","Percutaneous vertebroplasty"',
        '"BKP","Balloon kyphoplasty"',
    ],
    "tlkpLeakage.csv": ["LeakID,LeakDescription", '0,"None seen"', '1,"Intradiscal"', '2,"Venous"'],
    "tlkpDiagnosis.csv": [
        "DiagCode,DiagDescription,Category",
        '"OPF","Osteoporotic compression fracture","Benign"',
        '"MET","Vertebral metastasis","Malignant"',
    ],
    "tlkpVisitType.csv": [
        "VisitTypeID,VisitType,DueDays",
        '1,"Pre-procedure",0',
        '2,"6 weeks",42',
        '3,"3 months",90',
    ],
    "tblPatient.csv": [
        "PatientID,StudyNo,Sex,DiagCode,Deceased,DateOfDeath,DateEntered",
        '11,"ST-01","F","OPF",0,,3/6/2022 0:00:00',
        '12,"ST-02","M","MET",-1,9/30/2022 0:00:00,4/14/2022 0:00:00',
        '14,"ST-03","F","OPF",0,,5/3/2022 0:00:00',
    ],
    "tblOperation.csv": [
        "OpID,PatientID,OpDate,TechCode,TotalCementMl,OpNotes",
        '101,11,3/4/2022 0:00:00,"PVP",7.00,"Biopsy taken"',
        '103,12,4/13/2022 0:00:00,"BKP",6.00,"Biopsy taken"',
        '104,14,5/2/2022 0:00:00,"PVP",5.00,',
    ],
    "tblOperationLevel.csv": [
        "OpLevelID,OpID,LevelID,CementMl,LeakID,LeakID2",
        "1001,101,1,3.50,1,2",
        "1002,101,2,3.50,0,",
        "1003,103,3,,0,",
        "1004,104,2,,0,",
        "1005,104,3,,0,",
    ],
    "tblVisit.csv": [
        "VisitID,OpID,VisitTypeID,VisitDate,VAS",
        "5001,101,1,3/3/2022 0:00:00,8",
        "5002,101,2,4/15/2022 0:00:00,3",
        "5003,103,1,4/13/2022 0:00:00,9",
        "5004,103,3,7/12/2022 0:00:00,4",
        "5005,104,1,5/1/2022 0:00:00,7",
    ],
    "tblNewFracture.csv": [
        "FxID,PatientID,DxDate,LevelID,Imaging",
        '1,11,8/1/2022 0:00:00,3,"MRI"',
        '2,12,6/1/2022 0:00:00,2,"CT"',
        '3,14,9/1/2022 0:00:00,1,"X-ray"',
    ],
}


def _export(directory: Path, changes: dict[str, list[str]] | None = None) -> Path:
    directory.mkdir()
    for name, lines in {**TABLES, **(changes or {})}.items():
        (directory / name).write_text("\r\n".join(lines) + "\r\n", "utf-8")
    return directory


def test_lookup_codes_decoded_and_tables_joined_by_key(tmp_path):
    """Each treated level carries its operation's date, technique and total, and its
    patient's study ID; codes read through their lookup tables; visits and new fractures
    reckoned from their own dates; Access's -1 a yes."""
    result = load_cohort(_export(tmp_path / "input"))
    errors = [p for p in result.problems if p.severity == "error"]
    assert errors == []
    patients = result.cohort.patients.set_index("patient_id")
    assert list(patients.index) == ["ST-01", "ST-02", "ST-03"]
    assert patients["died"].tolist() == [False, True, False]
    assert patients.loc["ST-02", "etiology"] == "pathologic"
    procs = result.cohort.procedures
    assert procs["level"].tolist() == ["T12", "L1", "L2", "L1", "L2"]
    assert procs["technique"].tolist() == ["vertebroplasty"] * 2 + ["kyphoplasty"] + ["vertebroplasty"] * 2  # fmt: skip
    assert procs["cement_volume_ml"].tolist()[:2] == [3.5, 3.5]
    # the operation's total, carried to each of its vertebrae, is one total, not their sum
    assert procs["session_cement_volume_ml"].tolist()[3:] == [5.0, 5.0]
    assert procs["leakage"].tolist()[0] == "disc;venous"  # LeakID and LeakID2
    visits = result.cohort.assessments.set_index(["patient_id", "timepoint"])["value"]
    assert visits[("ST-01", "6w")] == 3 and visits[("ST-02", "3m")] == 4
    fractures = result.cohort.fractures
    assert fractures[["patient_id", "day", "level"]].values.tolist() == [
        ["ST-01", 150, "L2"],
        ["ST-02", 49, "L1"],
        ["ST-03", 122, "T12"],
    ]


def test_a_code_not_in_its_lookup_table_named_on_its_cell(tmp_path):
    levels = list(TABLES["tblOperationLevel.csv"])
    levels[2] = "1002,101,31,3.50,0,"
    result = load_cohort(_export(tmp_path / "input", {"tblOperationLevel.csv": levels}))
    found = [p for p in result.problems if p.rule == "unknown_code"]
    assert [(p.sheet, p.cell, p.value) for p in found] == [("tblOperationLevel", "C3", "31")]
    assert "tlkpLevel" in found[0].message


def test_the_key_columns_not_read_and_the_lookups_said(tmp_path):
    """The database's own numbers (PatientID beside the study number) are not the study
    ID; inspect says which tables were read as lookups, and its mapping loads the same."""
    path = _export(tmp_path / "input")
    inspection = inspect_input(path)
    notes = {s.sheet: s.note for s in inspection.sheets if s.status == "joined"}
    assert "lookup table" in notes["tlkpLevel"] and "read through" in notes["tblOperation"]
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(inspection.mapping_yaml(), "utf-8")
    unaided = load_cohort(path)
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping)))
    for table in ("patients", "procedures", "assessments", "fractures"):
        pd.testing.assert_frame_equal(getattr(mapped.cohort, table), getattr(unaided.cohort, table))


def test_files_without_a_lookup_table_read_as_before():
    """Tables joined on a key but no lookup table among them: not read as a database's
    export (a unit's files joined on the study ID are read as they were)."""
    tables = {k: v for k, v in TABLES.items() if not k.startswith("tlkp")}
    sheets = [RawSheet(n, n.removesuffix(".csv"), [line.split(",") for line in v]) for n, v in tables.items()]  # fmt: skip
    options = LoadOptions()
    assert relational_tables(sheets, options) == (sheets, options, [])


@pytest.mark.parametrize("name", ["tblNewFracture", "NewFractures"])
def test_a_table_named_in_camel_case_takes_its_role_from_its_words(name):
    assert sheet_role(name) == FRACTURES


def test_a_session_total_repeated_on_each_vertebra_row_is_one_total(tmp_path):
    """A flat sheet of one row per vertebra whose session total stands on every row of
    the session: the session's total, not the sum of the rows."""
    path = tmp_path / "cases.csv"
    path.write_text(
        "Study ID,Date of procedure,Level,Total cement (ml)\n"
        "P1,2022-03-04,T12,6\nP1,2022-03-04,L1,6\nP2,2022-04-01,L2,4\n",
        "utf-8",
    )
    procs = load_cohort(path).cohort.procedures
    assert procs["session_cement_volume_ml"].tolist() == [6.0, 6.0, 4.0]


@pytest.mark.parametrize("row_by_row", [False, True])
def test_a_tidy_session_total_on_each_vertebra_row_is_one_total(tmp_path, row_by_row):
    """The same in tidy tables, read column by column or row by row."""
    (tmp_path / "patients.csv").write_text("patient_id,sex,age_years\nP1,female,70\n", "utf-8")
    (tmp_path / "procedures.csv").write_text(
        "procedure_id,patient_id,day,level,technique,session_cement_volume_ml\n"
        "P1-1,P1,0,T12,vertebroplasty,6\nP1-1,P1,0,L1,vertebroplasty,6\n",
        "utf-8",
    )
    (tmp_path / "fractures.csv").write_text("patient_id,day,level\n", "utf-8")
    result = load_cohort(tmp_path, LoadOptions(row_by_row=row_by_row))
    assert result.cohort.procedures["session_cement_volume_ml"].tolist() == [6.0, 6.0]
