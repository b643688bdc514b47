"""A database export's row per patient, its operations' fields numbered by a prefix.

* ``Op1_Dat | Op1_Nivo | Op1_VAS_Avan`` beside ``Op2_Dat | Op2_Nivo | Op2_VAS_Avan``: a
  procedure's word numbered 1 opening a header names the first session's field, as one
  numbered 2 names the second's.
* Seychellois Creole field names: ``Laz`` (age), ``Mor`` (died), ``DatMor`` (date of
  death), ``VolimTotal_ml`` (an operation's total cement), ``Lekaz`` (leakage),
  ``NouvoFraktir_Nivo`` / ``NouvoFraktir_Dat`` (a new fracture's level and date).
* The export's count of its rows under them (``3 records``): a footer, not a patient.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_HEADER = ["ID", "Sex", "Age", "Op1_Date", "Op1_Level", "Op1_VAS_pre", "Op1_VAS_6w",
           "Op2_Date", "Op2_Level", "Op2_VAS_pre", "Op2_VAS_6w"]  # fmt: skip
_ROWS = [
    ["P01", "F", 70, datetime(2022, 3, 1), "L1", 8, 3, datetime(2022, 9, 1), "T12", 7, 2],
    ["P02", "M", 66, datetime(2022, 4, 1), "L2", 9, 4, None, None, None, None],
    ["P03", "F", 75, datetime(2022, 5, 1), "T11", 7, 2, None, None, None, None],
]


def _save(tmp_path: Path, header: list[str], rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    path = tmp_path / "export.xlsx"
    wb.save(path)
    return path


def test_a_procedure_numbered_1_opening_a_header_is_the_first_session(tmp_path: Path) -> None:
    path = _save(tmp_path, _HEADER, _ROWS)
    result = load_cohort(path)
    assert not result.errors
    a = result.cohort.assessments
    pre = a[(a["measure"] == "pain_vas") & (a["timepoint"] == "pre")]
    got = sorted(zip(pre["patient_id"], pre["procedure_id"], pre["value"], strict=True))
    assert got == [("P01", "P01-1", 8.0), ("P01", "P01-2", 7.0), ("P02", "P02-1", 9.0),
                   ("P03", "P03-1", 7.0)]  # fmt: skip
    levels = result.cohort.procedures.set_index("procedure_id")["level"].to_dict()
    assert levels == {"P01-1": "L1", "P01-2": "T12", "P02-1": "L2", "P03-1": "T11"}
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["Op1_VAS_pre"].label == "pain_vas@pre"


def test_seychellois_creole_field_names(tmp_path: Path) -> None:
    header = ["ID", "Sex", "Laz", "Mor", "DatMor", "Op1_Dat", "Op1_Nivo", "Op1_VolimTotal_ml",
              "Op1_Lekaz", "NouvoFraktir_Nivo", "NouvoFraktir_Dat"]  # fmt: skip
    rows = [
        ["P01", "F", 70, 0, None, datetime(2022, 3, 1), "L1", 4.5, 0, "L2", datetime(2022, 8, 1)],
        ["P02", "M", 66, 1, datetime(2023, 1, 5), datetime(2022, 4, 1), "L2", 3, 1, None, None],
        ["P03", "F", 75, 0, None, datetime(2022, 5, 1), "T11", 5, 0, None, None],
    ]
    path = _save(tmp_path, header, rows)
    result = load_cohort(path)
    assert not result.errors
    patients = result.cohort.patients.set_index("patient_id")
    assert patients["age_years"].to_dict() == {"P01": 70, "P02": 66, "P03": 75}
    assert patients["died"].tolist() == [False, True, False]
    procs = result.cohort.procedures.set_index("patient_id")
    assert procs["session_cement_volume_ml"].tolist() == [4.5, 3.0, 5.0]
    assert procs.loc["P01", "leakage"] == procs.loc["P03", "leakage"] == "none"
    fractures = result.cohort.fractures
    assert fractures["level"].tolist() == ["L2"]
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["DatMor"].label == "date:death_date"


def test_an_exports_count_of_records_under_its_rows_is_no_patient(tmp_path: Path) -> None:
    lines = ["Unit export; query qryAll", "", "ID,Sex,Age,Date,Level,VAS pre"]
    lines += ["P01,F,70,2022-03-01,L1,8", "P02,M,66,2022-04-01,L2,9", "P03,F,75,2022-05-01,T11,7"]
    lines += ["3 records"]
    path = tmp_path / "export.csv"
    path.write_text("\r\n".join(lines) + "\r\n", "cp1252")
    result = load_cohort(path)
    assert not result.errors
    assert sorted(result.cohort.patients["patient_id"]) == ["P01", "P02", "P03"]


def test_leak_sites_by_level_apart_by_spaces_alone(tmp_path: Path) -> None:
    header = ["ID", "Sex", "Age", "Date", "Levels", "Leak", "Leak site"]
    rows = [
        ["P01", "F", 70, datetime(2022, 3, 1), "T10;T11;T12", 1, "T10:venn T11:epidiral T12:disk"],
        ["P02", "M", 66, datetime(2022, 4, 1), "L2", 0, None],
        ["P03", "F", 75, datetime(2022, 5, 1), "T11", 0, None],
    ]
    path = _save(tmp_path, header, rows)
    result = load_cohort(path)
    assert not result.errors
    procs = result.cohort.procedures
    p01 = procs[procs["patient_id"] == "P01"].set_index("level")["leakage"].to_dict()
    assert p01 == {"T10": "venous", "T11": "epidural", "T12": "disc"}
    _reproduced_by_its_mapping(path, tmp_path)
