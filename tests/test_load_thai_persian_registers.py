"""A Thai register (Buddhist-era dates as text: ``15 มี.ค. 65``, ``15/3/65``, Thai digits;
a vital-status column of ``มีชีวิต`` and ``เสียชีวิต <date>``; new fractures as ``L1 (MRI
12 พ.ย. 64)``) and a Persian one (a follow-up table under the procedures table on one
sheet, headed ``عمل | نوبت پیگیری | تاریخ مراجعه``; volumes in ``سی‌سی``; deaths as
``فوت کرده (date)``). Written here with their truth known."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize import match_header, parse_cell
from analysis.normalize.cells import is_missing, parse_volume
from analysis.normalize.dates import date_inside, parse_date_column, split_level_date
from analysis.normalize.deaths import names_death
from analysis.spec import load_spec
from tests.test_sheet_shapes import _same_with_mapping


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("عمل", "procedures.procedure_id"),
        ("نوبت پیگیری", "visit:timepoint"),
        ("تاریخ مراجعه", "date:visit_date"),
        ("การรั่วของซีเมนต์", "procedures.leakage"),
        ("สถานะ", "patients.died"),
    ],
)
def test_thai_and_persian_headers(header: str, label: str) -> None:
    target = match_header(header, {})
    assert target is not None and target.label == label


@pytest.mark.parametrize(
    ("column", "cell", "value"),
    [
        ("patients.etiology", "มะเร็งเต้านมแพร่กระจาย (bone meta)", "pathologic"),
        ("patients.etiology", "อุบัติเหตุรถจักรยานยนต์ (MCA)", "traumatic"),
        ("patients.etiology", "กระดูกสันหลังยุบจากกระดูกพรุน", "osteoporotic"),
        ("procedures.leakage", "รั่วเข้า disc เล็กน้อย", "disc"),
        ("procedures.leakage", "รั่วเข้ารูออกเส้นประสาท (foraminal)", "foraminal"),
        ("procedures.leakage", "รั่วออกนอกตัวกระดูก (paravertebral)", "paravertebral"),
        ("procedures.leakage", "no leak", "none"),
        ("procedures.leakage", "نداشت", "none"),
    ],
)
def test_thai_and_persian_values(column: str, cell: str, value: str) -> None:
    table, name = column.split(".")
    assert parse_cell(cell, load_spec().column(table, name)) == value


@pytest.mark.parametrize("cell", ["โทรตามไม่ได้", "ดูครั้งที่ 2"])
def test_thai_visit_not_done_is_missing(cell: str) -> None:
    assert is_missing(cell)


@pytest.mark.parametrize(("cell", "ml"), [("۳٫۵ سی‌سی", 3.5), ("۵ سی‌سی", 5.0), ("4 سی سی", 4.0)])
def test_cc_in_persian_letters_is_a_volume(cell: str, ml: float) -> None:
    assert parse_volume(cell) == ml


def test_a_word_after_a_number_is_no_volume_unit() -> None:
    with pytest.raises(ValueError, match="not a cement volume"):
        parse_volume("۳ سیمان")


def test_short_years_beside_buddhist_dates_are_buddhist() -> None:
    """``15/3/65`` in a column of Buddhist-era dates is 15 March 2565 (2022), not 1965."""
    got = parse_date_column(["15 มี.ค. 65", "๒ เม.ย. ๖๕", "15/3/65", "2/5/2565", "ขาดนัด"])
    assert got == [date(2022, 3, 15), date(2022, 4, 2), date(2022, 3, 15), date(2022, 5, 2), None]


def test_short_years_without_buddhist_dates_stay_gregorian() -> None:
    assert parse_date_column(["15/3/65", "2/5/2020"])[0] == date(1965, 3, 15)
    assert parse_date_column(["15/3/21", "15 มี.ค. 2021"])[0] == date(2021, 3, 15)


def test_thai_month_date_inside_a_remark() -> None:
    assert date_inside("เสียชีวิต 9 ม.ค. 65") == date(2022, 1, 9)
    assert split_level_date("L1 (MRI ๑๒ พ.ย. ๖๔) -> ทำครั้งที่ 2") == ("L1", date(2021, 11, 12))
    assert names_death("เสียชีวิต 10 มิ.ย. 66, เดินได้เอง")
    assert not names_death("L1 (MRI 12 พ.ย. 64)")
    assert names_death("فوت کرده (۱۴۰۲/۰۳/۱۶)")


def _thai(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ผู้ป่วย"
    head = ["รหัสผู้ป่วย", "เพศ", "อายุ (ปี)", "การวินิจฉัย", "สถานะ", "กระดูกหักใหม่"]
    rows = [
        ["TH-01", "หญิง", 70, "กระดูกพรุน", "มีชีวิต", "-"],
        ["TH-02", "ชาย", "๖๔", "อุบัติเหตุรถจักรยานยนต์", "เสียชีวิต 9 ม.ค. 66", "-"],
        ["TH-03", "หญิง", 81, "กระดูกพรุน", "เสียชีวิต 2 ก.พ. 2566", "L2 (MRI 1 ธ.ค. 65)"],
        ["TH-04", "หญิง", 77, "มะเร็งเต้านมแพร่กระจาย", "มีชีวิต", "-"],
    ]
    for r in [head, *rows]:
        ws.append(r)
    ws = wb.create_sheet("หัตถการ")
    ws.append(["รหัสผู้ป่วย", "วันที่ทำหัตถการ", "ระดับ", "วิธี", "ปริมาณซีเมนต์ (มล.)", "การรั่วของซีเมนต์"])  # fmt: skip
    for pid, when, level, ml, leak in [
        ("TH-01", "3 ม.ค. 65", "L1", 4, "ไม่รั่ว"),
        ("TH-02", "10 ก.พ. 65", "T12", "๓.๕", "disc leak"),
        ("TH-03", "1 มี.ค. 65", "L3", "4 ml", "รั่วเข้าหลอดเลือดดำ"),
        ("TH-04", "5 เม.ย. 65", "T10", 3, "no leak"),
    ]:
        ws.append([pid, when, level, "VP", ml, leak])
    ws = wb.create_sheet("ติดตามผล")
    ws.append(["รหัสผู้ป่วย", "ก่อนผ่าตัด วันที่", "ก่อนผ่าตัด VAS", "1 เดือน วันที่", "1 เดือน VAS"])
    for r in [
        ["TH-01", "3 ม.ค. 65", 8, "3/2/65", 3],
        ["TH-02", "10 ก.พ. 65", 9, "โทรตามไม่ได้", "-"],
        ["TH-03", "1/3/65", 7, "๒ เม.ย. ๖๕", "๒"],
        ["TH-04", "5 เม.ย. 65", 6, "6/5/65", 2],
    ]:
        ws.append(r)
    wb.save(path)
    return path


def test_thai_register_loads_its_buddhist_dates_deaths_and_fractures(tmp_path: Path) -> None:
    path = _thai(tmp_path / "thai.xlsx")
    result = load_cohort(path)
    assert not result.errors, result.errors
    cohort = result.cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients["died"].map(bool).to_dict() == {"TH-01": False, "TH-02": True, "TH-03": True, "TH-04": False}  # fmt: skip
    assert patients["etiology"].to_dict() == {"TH-01": "osteoporotic", "TH-02": "traumatic", "TH-03": "osteoporotic", "TH-04": "pathologic"}  # fmt: skip
    leaks = cohort.procedures.set_index("patient_id")["leakage"].to_dict()
    assert leaks == {"TH-01": "none", "TH-02": "disc", "TH-03": "venous", "TH-04": "none"}
    fractures = cohort.fractures
    assert [(str(p), str(lv), int(d)) for p, lv, d in fractures[["patient_id", "level", "day"]].itertuples(index=False)] == [("TH-03", "L2", 275)]  # fmt: skip
    a = cohort.assessments
    got = {(str(r.patient_id), str(r.timepoint)): float(r.value) for r in a.itertuples()}
    assert got == {
        ("TH-01", "pre"): 8, ("TH-01", "1m"): 3, ("TH-02", "pre"): 9, ("TH-03", "pre"): 7,
        ("TH-03", "1m"): 2, ("TH-04", "pre"): 6, ("TH-04", "1m"): 2,
    }  # fmt: skip
    _same_with_mapping(path, tmp_path)


def _persian(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ثبت بیماران"
    ws.append(["کد بیمار", "جنس", "سن", "تاریخ عمل", "نوع عمل", "سطح", "حجم سیمان (cc)", "نشت سیمان"])  # fmt: skip
    ws.append(["YZ-01", "زن", "۷۱ سال", "۱۴۰۰/۰۳/۰۵", "VP", "L1", "۳٫۵ سی‌سی", "نداشت"])
    ws.append(["YZ-02", "مرد", "68", "1400/05/10", "KP", "T12", "4", "دیسک"])
    ws.append(["YZ-03", "زن", "۸۰", "۱۴۰۰/۰۶/۰۱", "VP", "L2", "۵ سی‌سی", "ندارد"])
    ws.append([])
    ws.append([])
    ws.append(["جدول پیگیری"])
    ws.append(["کد بیمار", "عمل", "نوبت پیگیری", "تاریخ مراجعه", "VAS", "ODI (%)", "توضیحات"])
    for r in [
        ["YZ-01", "اول", "قبل از عمل", "۱۴۰۰/۰۳/۰۵", "۸", "۷۰٪", ""],
        ["YZ-01", "اول", "۳ ماه", "۱۴۰۰/۰۶/۰۵", "۲٫۵", "۴۰", ""],
        ["YZ-02", "اول", "قبل از عمل", "1400/05/10", 9, 80, ""],
        ["YZ-02", "اول", "۳ ماه", None, None, None, "فوت کرده (۱۴۰۰/۰۷/۰۱)"],
        ["YZ-03", "اول", "قبل از عمل", "۱۴۰۰/۰۶/۰۱", "۷", "۶۶", ""],
        ["YZ-03", "اول", "۳ ماه", None, None, None, "فوت کرده (۱۴۰۰/۰۸/۲۰)"],
    ]:
        ws.append(r)
    wb.save(path)
    return path


def test_persian_follow_up_table_under_the_procedures(tmp_path: Path) -> None:
    path = _persian(tmp_path / "persian.xlsx")
    result = load_cohort(path)
    assert not result.errors, result.errors
    cohort = result.cohort
    volumes = cohort.procedures.set_index("patient_id")["cement_volume_ml"].to_dict()
    assert volumes == {"YZ-01": 3.5, "YZ-02": 4.0, "YZ-03": 5.0}
    a = cohort.assessments
    got = {(str(r.patient_id), str(r.measure), str(r.timepoint)): float(r.value) for r in a.itertuples()}  # fmt: skip
    assert got == {
        ("YZ-01", "pain_vas", "pre"): 8, ("YZ-01", "odi", "pre"): 70,
        ("YZ-01", "pain_vas", "3m"): 2.5, ("YZ-01", "odi", "3m"): 40,
        ("YZ-02", "pain_vas", "pre"): 9, ("YZ-02", "odi", "pre"): 80,
        ("YZ-03", "pain_vas", "pre"): 7, ("YZ-03", "odi", "pre"): 66,
    }  # fmt: skip
    died = cohort.patients.set_index("patient_id")["died"].map(bool).to_dict()
    assert died == {"YZ-01": False, "YZ-02": True, "YZ-03": True}
    _same_with_mapping(path, tmp_path)


def _lost_first_procedure(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Procedures"
    ws.append(["Patient ID", "Procedure date", "Level", "Cement (ml)"])
    ws.append(["P-01", "2021-03-01", "T21", 3])  # no such vertebra: the row fails
    ws.append(["P-01", "2021-10-01", "L2", 4])
    ws.append(["P-02", "2021-04-01", "L1", 3])
    ws = wb.create_sheet("Follow-up")
    ws.append(["Patient ID", "Session", "Visit", "Visit date", "VAS"])
    for r in [
        ["P-01", 1, "pre", "2021-03-01", 8],
        ["P-01", 1, "1 month", "2021-04-01", 4],
        ["P-01", 1, "3 months", "2021-06-01", 3],
        ["P-01", 2, "pre", "2021-10-01", 7],
        ["P-02", 1, "pre", "2021-04-01", 9],
        ["P-02", 1, "1 month", "2021-05-01", 5],
    ]:
        ws.append(r)
    wb.save(path)
    return path


def test_visits_of_a_failed_procedure_row_are_no_error_of_the_one_left(tmp_path: Path) -> None:
    """A visit numbered for a patient's first session, whose procedure row failed, is not
    read against the second session left: neither it nor that session's date is an
    error, and each such visit says why in a warning."""
    result = load_cohort(_lost_first_procedure(tmp_path / "lost.xlsx"))
    errors = [(p.sheet, p.row) for p in result.errors]
    assert errors == [("Procedures", 2)], result.errors
    said = [p for p in result.problems if "the procedure it follows is not known" in p.message]
    assert sorted(p.row for p in said) == [3, 4]
    assert all(p.severity == "warning" for p in said)
