"""An Indonesian register as its ward keeps it: dates typed ``14 Agu 2021`` with the
Indonesian month abbreviations (``Agu``/``Agt`` Agustus, ``Des`` Desember) beside real
Excel dates, and a long follow-up sheet whose visits are named ``Mg n`` (minggu, weeks
after the operation: ``Mg 12`` the 3-month control, ``Mg 52`` the 1-year one), and the
session's cement written once as ``Semen total (cc)`` over its levels' merged rows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.normalize.dates import parse_date_column
from analysis.problems import ERROR
from tests.test_load_course_remarks_and_repeat_sheets import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

# fmt: off
_PATIENTS = [
    ["Kode", "Umur", "JK (L/P)", "Diagnosis", "Meninggal (ya/tidak)", "Tgl Meninggal"],
    ["ID-001", "72 th", "P", "Osteoporosis", "tidak", None],
    ["ID-002", "63 th", "L", "Osteoporosis", "ya", "28 Des 2022"],
]
_OPERATIONS = [
    ["Kode", "Tindakan ke-", "Tanggal", "Level", "Teknik", "Semen (cc)"],
    ["ID-001", 1, "14 Agu 2021", "T12", "VP", 3],
    ["ID-002", 1, datetime(2021, 3, 4), "L1", "VP", 4],
]
_VISITS = [
    ["KONTROL – VAS (0-10)  |  Mg = minggu setelah tindakan"],
    [],
    ["Kode", "Tindakan ke-", "Kontrol", "Tanggal", "VAS"],
    ["ID-001", 1, "Pre-op", "13 Agu 2021", 8],
    ["ID-001", 1, "Mg 2", "28 Agu 2021", 5],
    ["ID-001", 1, "Mg 12", "6 Nov 2021", 3],
    ["ID-002", 1, "Pre-op", datetime(2021, 3, 3), 9],
    ["ID-002", 1, "Mg 6", "15 Apr 2021", 4],
    ["ID-002", 1, "Mg 52", "3 Mar 2022", 2],
]
# fmt: on


def _register(tmp_path: Path) -> Path:
    return _workbook(
        tmp_path / "register.xlsx",
        {"Data Pasien": _PATIENTS, "Tindakan": _OPERATIONS, "Kontrol": _VISITS},
    )


def test_indonesian_month_abbreviations_read_as_dates() -> None:
    texts = ["14 Agu 2021", "3 Agt 2021", "28 Des 2022", "22 Mei 2021", "1 Okt 2021"]
    assert parse_date_column(texts) == [
        date(2021, 8, 14), date(2021, 8, 3), date(2022, 12, 28), date(2021, 5, 22), date(2021, 10, 1)
    ]  # fmt: skip


def test_mg_visits_are_weeks_after_the_operation(tmp_path: Path) -> None:
    path = _register(tmp_path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    assert sorted(cohort.patients["patient_id"]) == ["ID-001", "ID-002"]
    vas = cohort.assessments[cohort.assessments["measure"] == "pain_vas"]
    points = {(r.patient_id, r.timepoint): r.value for r in vas.itertuples()}
    assert points == {
        ("ID-001", "pre"): 8, ("ID-001", "2w"): 5, ("ID-001", "3m"): 3,
        ("ID-002", "pre"): 9, ("ID-002", "6w"): 4, ("ID-002", "12m"): 2,
    }  # fmt: skip
    died = cohort.patients.set_index("patient_id")["died"]
    assert bool(died["ID-002"]) and not bool(died["ID-001"])
    _reproduced_by_its_mapping(path, tmp_path)


def test_semen_total_is_the_session_total_over_its_merged_levels(tmp_path: Path) -> None:
    operations = [
        ["Kode", "Tindakan ke-", "Tanggal", "Level", "Teknik", "Semen total (cc)"],
        ["ID-001", 1, "14 Agu 2021", "T11", "VP", "7 cc"],
        [None, None, None, "T12", None, None],
        ["ID-002", 1, datetime(2021, 3, 4), "L1", "VP", 4],
    ]
    path = _workbook(
        tmp_path / "register.xlsx",
        {"Data Pasien": _PATIENTS, "Tindakan": operations, "Kontrol": _VISITS},
    )
    wb = openpyxl.load_workbook(path)
    for col in "ABCEF":
        wb["Tindakan"].merge_cells(f"{col}2:{col}3")
    wb.save(path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    procs = loaded.cohort.procedures.set_index(["patient_id", "level"])
    assert procs.loc[("ID-001", "T11"), "session_cement_volume_ml"] == 7
    assert procs.loc[("ID-001", "T12"), "session_cement_volume_ml"] == 7
    assert procs.loc[("ID-002", "L1"), "session_cement_volume_ml"] == 4
    _reproduced_by_its_mapping(path, tmp_path)
