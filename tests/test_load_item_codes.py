"""An item export (one recorded item per row: the patient's code, an opaque item code,
the value as text, when it was recorded) whose codes only a code list on another sheet
of the workbook names: read as one row per patient, day and record."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.load.item_codes import code_name
from analysis.normalize import match_header
from analysis.normalize.cells import parse_cell
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR, InputFormatError
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

CODES = [
    ["Code", "Name", "Name (other language)", "Unit"],
    ["X01", "Sex", "Jynysy", None],
    ["X02", "Record number", "Karta", None],
    ["Q01", "Technique", "Adis", None],
    ["Q11", "Level 1", "Deñgei 1", None],
    ["Q12", "Cement volume 1", "Kölem 1", "ml"],
    ["Q21", "Level 2", "Deñgei 2", None],
    ["Q22", "Cement volume 2", "Kölem 2", "ml"],
    ["V01", "Visit (counted from the latest operation)", "Merzım", None],
    ["V02", "Pain (VAS)", "Auyrsynu", "mm (0-100)"],
    ["N01", "Blood pressure", "Qysym", "mmHg"],
]
START = datetime(2023, 1, 9, 9, 0)


def _items(ids: tuple[str, str, str], records: bool = True) -> list[tuple[datetime, str, str, str]]:
    """Three patients' items, recorded day by day so the patients interleave: admission
    (sex, record number, pre-operative pain), the operation the next day (two vertebrae
    for the first), visits at one and three months; the third patient operated again
    after the first month, its three-month visit counted from that operation."""
    a, b, c = ids
    out = []

    def at(day: int, minute: int, pid: str, code: str, value: str) -> None:
        out.append((START + timedelta(days=day, minutes=minute), pid, code, value))

    for k, (pid, sex) in enumerate(((a, "F"), (b, "M"), (c, "F"))):
        at(k, 0, pid, "X01", sex)
        if records:
            at(k, 1, pid, "X02", f"2023/{k + 1:05d}")
        at(k, 2, pid, "V01", "pre")
        at(k, 3, pid, "V02", str(80 - 10 * k))
        at(k, 4, pid, "N01", "130/80")
        at(k + 1, 0, pid, "Q01", "vertebroplasty")
        at(k + 1, 1, pid, "Q11", "L1")
        at(k + 1, 2, pid, "Q12", "4.5")
        at(k + 31, 0, pid, "V01", "1 month")
        at(k + 31, 1, pid, "V02", str(30 - 10 * k))
    at(1, 3, a, "Q21", "T12")
    at(1, 4, a, "Q22", "3,5")
    at(60, 0, c, "Q01", "kyphoplasty")
    at(60, 1, c, "Q11", "L3")
    at(60, 2, c, "Q12", "6")
    for k, pid in enumerate((a, b)):
        at(k + 91, 0, pid, "V01", "3 months")
        at(k + 91, 1, pid, "V02", str(20 - 10 * k))
    at(150, 0, c, "V01", "3 months")
    at(150, 1, c, "V02", "40")
    return sorted(out)


def _workbook(path: Path, ids: tuple[str, str, str] = ("P-01", "P-02", "P-03"), records: bool = True) -> Path:  # fmt: skip
    book = openpyxl.Workbook()
    export = book.active
    export.title = "Export"
    export.append(["Report 7: items recorded"])
    export.append([])
    export.append(["Record", "Patient code", "Item", "Value", "Recorded at", "Author"])
    for n, (when, pid, code, value) in enumerate(_items(ids, records), 1):
        export.append([1000 + n, pid, code, value, when, "doc_1"])
    codes = book.create_sheet("Codes")
    for row in CODES:
        codes.append(row)
    book.save(path)
    return path


def _vertebrae(result) -> set[tuple[str, int, str, str, float]]:
    p = result.cohort.procedures
    return {
        (
            str(r["patient_id"]),
            int(r["day"]),
            str(r["level"]),
            str(r["technique"]),
            float(r["cement_volume_ml"]),
        )
        for r in p.to_dict("records")
    }


def _pain(result) -> set[tuple[str, str, str, float]]:
    a = result.cohort.assessments
    return {
        (
            str(r["patient_id"]),
            str(r["procedure_id"])[-1],
            str(r["timepoint"]),
            float(r["value"]),
        )
        for r in a[a["measure"] == "pain_vas"].to_dict("records")
    }


def test_item_codes_named_by_a_code_list_are_read_by_their_names(tmp_path):
    path = _workbook(tmp_path / "his.xlsx")
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    assert dict(zip(loaded.cohort.patients["patient_id"], loaded.cohort.patients["sex"], strict=True)) == {"P-01": "female", "P-02": "male", "P-03": "female"}  # fmt: skip
    assert _vertebrae(loaded) == {
        ("P-01", 0, "L1", "vertebroplasty", 4.5),
        ("P-01", 0, "T12", "vertebroplasty", 3.5),
        ("P-02", 0, "L1", "vertebroplasty", 4.5),
        ("P-03", 0, "L1", "vertebroplasty", 4.5),
        ("P-03", 57, "L3", "kyphoplasty", 6.0),
    }
    # millimetres from the code list's unit cell; the later visit counted from the later operation
    assert _pain(loaded) == {
        ("P-01", "1", "pre", 8.0), ("P-01", "1", "1m", 3.0), ("P-01", "1", "3m", 2.0),
        ("P-02", "1", "pre", 7.0), ("P-02", "1", "1m", 2.0), ("P-02", "1", "3m", 1.0),
        ("P-03", "1", "pre", 6.0), ("P-03", "1", "1m", 1.0), ("P-03", "2", "3m", 4.0),
    }  # fmt: skip
    assert loaded.rows_in == loaded.rows_loaded + loaded.rows_reported
    (shaped,) = [p for p in loaded.problems if p.rule == "sheet_reshaped"]
    assert shaped.sheet == "Export"
    assert "column C (Item) holds item codes that sheet 'Codes' names" in shaped.message
    assert "not read: N01" in shaped.message
    assert not [p for p in loaded.problems if p.sheet == "Codes"]  # the code list is no data
    _reproduced_by_its_mapping(path, tmp_path)


def test_inspect_says_which_code_each_column_holds(tmp_path):
    inspection = inspect_input(_workbook(tmp_path / "his.xlsx"))
    (table,) = inspection.mapping()["tables"]
    assert (
        table["shape"] == "item-codes" and table["sheet"] == "Export (one row per day and record)"
    )
    reasons = {c.header: c.reason for c in inspection.columns}
    assert reasons["Level 2"].startswith(
        "item Q21 of column C (Item), named by sheet 'Codes' row 7"
    )
    assert reasons["procedure date"].startswith("the day column E records a procedure's items")


def test_a_bad_value_is_named_at_its_own_cell(tmp_path):
    path = _workbook(tmp_path / "his.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Export"]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 3).value == "Q22")
    sheet.cell(row, 4).value = "45"
    book.save(path)
    errors = [p for p in load_cohort(path).problems if p.severity == ERROR]
    assert [(p.sheet, p.cell) for p in errors] == [("Export", f"D{row}")]


def test_patient_codes_beside_their_record_numbers_are_no_record_numbers(tmp_path):
    """Seven-digit patient codes are taken for record numbers, unless the export writes
    each patient's record number apart (then the codes are the unit's own)."""
    ids = ("0071504", "0051992", "0022641")
    loaded = load_cohort(_workbook(tmp_path / "his.xlsx", ids))
    assert sorted(loaded.cohort.patients["patient_id"]) == sorted(ids)
    with pytest.raises(InputFormatError, match="look like medical record numbers"):
        load_cohort(_workbook(tmp_path / "bare.xlsx", ids, records=False))


def test_a_code_is_named_by_the_first_name_read():
    assert code_name(["Qysym", "Blood pressure"]) == ""
    assert code_name(["Merzım", "Visit (counted from the latest operation)"]) == "Visit"
    assert code_name(["Pain (VAS)", "mm (0-100)"]) == "Pain (VAS), mm (0-100)"


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Негізгі диагноз, АХЖ-10 коды", "patients.etiology"),  # main diagnosis, ICD-10 code
        ("Код операции (МКБ-9)", "procedures.technique"),  # the operation's ICD-9 code
        ("Срок наблюдения", "visit:timepoint"),  # follow-up period
        ("Жаңа омыртқа сынығы (деңгейі)", "fractures.level"),  # new vertebral fracture (level)
        ("№ медицинской карты", "identifier:mrn"),
        ("Боль по ВАШ", "pain_vas@?"),
    ],
)
def test_kazakh_and_russian_item_names(name, label):
    target = match_header(name)
    assert target is not None and target.label == label


def test_kazakh_latin_and_coded_cells():
    spec = load_spec()
    assert timepoint_of("ota aldynda") == "pre" and timepoint_of("12 ai") == "12m"
    assert parse_cell("äiel", spec.column("patients", "sex")) == "female"
    assert parse_cell("joq", spec.column("procedures", "leakage")) == "none"
    technique = spec.column("procedures", "technique")
    assert (parse_cell("81.65", technique), parse_cell("81.66", technique)) == ("vertebroplasty", "kyphoplasty")  # fmt: skip
