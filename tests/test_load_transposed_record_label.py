"""A transposed sheet (one patient per column) whose study codes stand on a row labelled
as a record number (``Hasta No``: ``KNY-01``, ``KNY-02``) beside the hospital's real
record numbers (``Protokol No``, ``TC Kimlik No``) is read, keyed by the codes; a section
row naming the second operation (``2. AMELİYAT (yeni kırık nedeniyle)``) gives the fields
under it that session; the record numbers reach no table and no message; and the mapping
inspect writes loads the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.problems import InputFormatError
from tests.test_load_visit_rows import _reproduced_by_its_mapping

CODES = ["KNY-03", "KNY-01", "KNY-02", "KNY-04"]
PROTOCOL = [3640779, 3265274, 3989538, 3512345]
NATIONAL = ["19817477486", "23952137440", "55859708232", "41234567890"]

ROWS: list[tuple[str, list[object]]] = [
    ("HASTA BİLGİLERİ", []),
    ("Hasta No", CODES),
    ("Protokol No", PROTOCOL),
    ("TC Kimlik No", NATIONAL),
    ("Cinsiyet (K/E)", ["K", "E", "K", "K"]),
    ("Yaş", [71, 65, 80, 77]),
    ("Tanı", ["Osteoporotik kırık", "OP kompresyon kırığı", "Osteoporoz", "Travma (düşme)"]),
    ("AMELİYAT", []),
    ("Ameliyat Tarihi", [dt.datetime(2021, 3, 1 + k) for k in range(4)]),
    ("İşlem", ["Vertebroplasti", "Kifoplasti", "Vertebroplasti", "Vertebroplasti"]),
    ("Seviye 1", ["T12", "L1", "L2", "T11"]),
    ("Çimento 1 (ml)", [4, "3,5 cc", 5, 4.5]),
    ("TAKİP", []),
    ("VAS preop", [8, 7, 9, 8]),
    ("VAS 1. ay", [3, 2, 4, 3]),
    ("2. AMELİYAT (yeni kırık nedeniyle)", []),
    ("2. ameliyat", ["Evet", "Hayır", "Hayır", "Hayır"]),
    ("2. ameliyat tarihi", [dt.datetime(2021, 7, 14), None, None, None]),
    ("2. işlem", ["Kifoplasti", None, None, None]),
    ("2. seviye(ler)", ["L1", None, None, None]),
    ("2. çimento toplam (ml)", ["4 ml", None, None, None]),
    ("2. kaçak", ["Venöz (L1)", None, None, None]),
    ("2. VAS preop", [9, None, None, None]),
    ("2. VAS 1. ay", [2, None, None, None]),
    ("SONUÇ", []),
    ("Exitus", ["Hayır", "Hayır", "Evet", "Hayır"]),
    ("Exitus tarihi", [None, None, "10.10.2021", None]),
]


def _workbook(path: Path, rows: list[tuple[str, list[object]]] = ROWS) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Takip"
    ws.append(["Vertebroplasti / Kifoplasti Hasta Takip Çizelgesi"])
    ws.append([])
    for label, values in rows:
        ws.append([label, *values])
        if not values:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
    wb.save(path)
    return path


def test_a_record_labelled_row_of_study_codes_keys_a_transposed_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "takip.xlsx")
    result = load_cohort(path)
    patients = result.cohort.patients.set_index("patient_id")
    assert sorted(patients.index) == sorted(CODES)
    assert patients.loc["KNY-03", "etiology"] == "osteoporotic"
    assert patients.loc["KNY-01", "etiology"] == "osteoporotic"
    assert patients.loc["KNY-04", "etiology"] == "traumatic"
    assert bool(patients.loc["KNY-02", "died"]) and not bool(patients.loc["KNY-01", "died"])
    assert patients.loc["KNY-02", "death_day"] == (dt.date(2021, 10, 10) - dt.date(2021, 3, 3)).days
    shown = " ".join(str(p) for p in result.problems) + result.cohort.patients.to_csv()
    assert not any(str(n) in shown for n in [*PROTOCOL, *NATIONAL])
    assert not any(p.severity == "error" for p in result.problems), result.problems


def test_a_section_naming_the_second_operation_gives_that_session(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "takip.xlsx")
    cohort = load_cohort(path).cohort
    procs = cohort.procedures[cohort.procedures["patient_id"] == "KNY-03"].sort_values("day")
    assert list(procs["level"]) == ["T12", "L1"]
    second = procs.iloc[1]
    assert second["day"] == (dt.date(2021, 7, 14) - dt.date(2021, 3, 1)).days
    assert second["technique"] == "kyphoplasty"
    assert second["session_cement_volume_ml"] == 4.0
    assert second["leakage"] == "venous"
    pain = cohort.assessments[
        (cohort.assessments["procedure_id"] == second["procedure_id"])
        & (cohort.assessments["measure"] == "pain_vas")
    ].set_index("timepoint")["value"]
    assert pain.to_dict() == {"pre": 9.0, "1m": 2.0}
    # "2. ameliyat" (whether there was one) is no date, and no other patient has a second
    assert cohort.procedures.groupby("patient_id")["day"].nunique().to_dict() == {
        "KNY-01": 1, "KNY-02": 1, "KNY-03": 2, "KNY-04": 1,
    }  # fmt: skip


def test_the_mapping_written_loads_the_same(tmp_path: Path) -> None:
    columns = _reproduced_by_its_mapping(_workbook(tmp_path / "takip.xlsx"), tmp_path)
    assert columns, "inspect read no column"


def test_record_numbers_alone_stay_refused(tmp_path: Path) -> None:
    """The protocol numbers alone, however labelled, are no study codes."""
    rows = [(label, values) for label, values in ROWS if label != "Hasta No"]
    with pytest.raises(InputFormatError):
        load_cohort(_workbook(tmp_path / "takip.xlsx", rows))


def test_among_record_number_headers_the_one_of_study_codes_is_the_study_id(
    tmp_path: Path,
) -> None:
    """A sheet with a row per patient and three record-number headers (``Hasta No``,
    ``Protokol No``, ``TC Kimlik No``): the column of study codes keys the rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Hasta No", "Protokol No", "TC Kimlik No", "Yaş", "Ameliyat Tarihi", "Seviye", "VAS preop"])  # fmt: skip
    for k, code in enumerate(CODES):
        ws.append([code, PROTOCOL[k], NATIONAL[k], 70 + k, dt.datetime(2021, 3, 1 + k), "L1", 8])
    path = tmp_path / "rows.xlsx"
    wb.save(path)
    result = load_cohort(path)
    assert sorted(result.cohort.patients["patient_id"]) == sorted(CODES)
    shown = " ".join(str(p) for p in result.problems) + result.cohort.patients.to_csv()
    assert not any(str(n) in shown for n in [*PROTOCOL, *NATIONAL])
