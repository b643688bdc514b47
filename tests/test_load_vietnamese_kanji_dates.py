"""Dates written in words and the notations beside them: Japanese era dates in kanji
numerals (``令和三年四月十二日``, ``平成三十年十月二日``, ``令和元年六月十九日``), Vietnamese
dates with each part's word before its number (``ngày 12 tháng 3 năm 2022``), the
Vietnamese letters of the thoracic and lumbar vertebrae (``N7``: T7, ``TL1``: L1), and the
Vietnamese words of a register (``U máu đốt sống``: a haemangioma, ``Bơm xi măng có bóng``:
balloon kyphoplasty)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from analysis.levels import LevelError, parse_levels
from analysis.load import load_cohort
from analysis.normalize.cells import CellError
from analysis.normalize.dates import (
    date_inside,
    parse_date_column,
    split_level_date,
    wrong_date_inside,
)
from tests.test_load_course_remarks_and_repeat_sheets import _errors, _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

# --- cells --------------------------------------------------------------------------------


def test_japanese_era_dates_in_kanji_numerals() -> None:
    dates = parse_date_column(
        [
            "令和三年四月十二日",
            "平成三十年十月二日",
            "令和元年六月十九日",  # 元年: the era's first year
            "平成三十一年一月二十五日",
            "令和二年九月二十四日",
            "二〇二一年三月十二日",  # a Gregorian year digit by digit
            "R3.4.12",
        ]
    )
    assert dates == [
        date(2021, 4, 12),
        date(2018, 10, 2),
        date(2019, 6, 19),
        date(2019, 1, 25),
        date(2020, 9, 24),
        date(2021, 3, 12),
        date(2021, 4, 12),
    ]
    wrong = parse_date_column(["令和三年二月三十日"])[0]  # no 30 February
    assert isinstance(wrong, CellError) and "not a valid calendar date" in str(wrong)


def test_vietnamese_dates_with_the_word_of_each_part() -> None:
    dates = parse_date_column(
        ["ngày 3 tháng 10 năm 2021", "12 tháng 3 năm 2022", "NGÀY 6 THÁNG 12 NĂM 2022"]
    )
    assert dates == [date(2021, 10, 3), date(2022, 3, 12), date(2022, 12, 6)]
    wrong = parse_date_column(["ngày 31 tháng 11 năm 2022"])[0]  # no 31 November
    assert isinstance(wrong, CellError) and "not a valid calendar date" in str(wrong)
    # inside other words: a death's date, a new fracture's level and date
    assert date_inside("Tử vong ngày 18 tháng 5 năm 2024") == date(2024, 5, 18)
    assert wrong_date_inside("Tử vong ngày 31 tháng 11 năm 2022") is not None
    assert split_level_date("Xẹp mới D10 (ngày 25 tháng 8 năm 2022)") == ("D10", date(2022, 8, 25))
    assert split_level_date("Xẹp mới TL2 (25/06/2023)") == ("TL2", date(2023, 6, 25))
    # a number of months in a header is no date
    assert date_inside("VAS 3 tháng") is None


def test_vietnamese_letters_of_thoracic_and_lumbar_vertebrae() -> None:
    assert parse_levels("N7") == ("T7",)
    assert parse_levels("TL1") == ("L1",)
    assert parse_levels("N12, TL1, TL2") == ("T12", "L1", "L2")
    assert parse_levels("D12 + L1") == ("T12", "L1")
    with pytest.raises(LevelError, match="not a vertebral level"):
        parse_levels("N13")  # twelve thoracic vertebrae
    with pytest.raises(LevelError, match="not a vertebral level"):
        parse_levels("TL6")


# --- workbooks ----------------------------------------------------------------------------

_HEADER = ["Mã NC", "Giới", "Tuổi", "Chẩn đoán", "Ngày mổ", "Phương pháp", "Đốt sống",
           "Xi măng (ml)", "Rò xi măng", "VAS trước mổ", "VAS 1 tháng", "Xẹp đốt sống mới"]  # fmt: skip


def test_a_vietnamese_register_of_first_and_second_operations(tmp_path) -> None:
    first = [
        ["DANH SÁCH BỆNH NHÂN - LẦN 1"],
        [],
        _HEADER,
        ["BN-01", "Nữ", 65, "U máu đốt sống", "ngày 3 tháng 10 năm 2021",
         "Bơm xi măng có bóng (PKP)", "N12", "4,5", "Không", 8, 3,
         "Xẹp mới TL2 (ngày 25 tháng 8 năm 2022)"],
        ["BN-02", "Nam", 75, "Loãng xương", datetime(2022, 3, 24), "PVP", "TL1, TL2", "6,5",
         "Không", 7, 2, "Không"],
        ["BN-03", "Nam", 80, "Loãng xương", "ngày 14 tháng 10 năm 2022",
         "Tạo hình đốt sống qua da (PVP)", "D11", 3, "Không", 9, 4, "Không"],
    ]  # fmt: skip
    second = [
        ["DANH SÁCH BỆNH NHÂN - LẦN 2"],
        [],
        ["Mã NC", "Ngày mổ lần 2", "Phương pháp", "Đốt sống", "Xi măng (ml)", "VAS trước mổ"],
        ["BN-01", "ngày 6 tháng 12 năm 2022", "PKP", "TL2", "4,5", 7],
        ["BN-03", "ngày 31 tháng 11 năm 2022", "PKP", "D10", "5,5", 9],
    ]
    path = _workbook(tmp_path / "register.xlsx", {"Lần 1": first, "Lần 2": second})
    loaded = load_cohort(path)
    cohort = loaded.cohort
    # the impossible date of the second operation named on its cell
    errors = _errors(loaded)
    assert [(e.sheet, e.row, e.column) for e in errors if "calendar date" in e.message] == [
        ("Lần 2", 5, "Ngày mổ lần 2")
    ]
    patients = cohort.patients.set_index("patient_id")
    assert patients.loc["BN-01", "etiology"] == "other"
    procs = cohort.procedures
    bn1 = procs[procs["patient_id"] == "BN-01"].sort_values("day")
    assert list(bn1["level"]) == ["T12", "L2"]
    assert list(bn1["day"]) == [0, (date(2022, 12, 6) - date(2021, 10, 3)).days]
    assert set(bn1["technique"]) == {"kyphoplasty"}
    bn2 = procs[procs["patient_id"] == "BN-02"]
    assert sorted(bn2["level"]) == ["L1", "L2"] and set(bn2["technique"]) == {"vertebroplasty"}
    assert "BN-03" not in set(procs["patient_id"])  # excluded with its impossible date
    fractures = cohort.fractures
    assert list(fractures[fractures["patient_id"] == "BN-01"]["level"]) == ["L2"]
    assert list(fractures["day"]) == [(date(2022, 8, 25) - date(2021, 10, 3)).days]
    _reproduced_by_its_mapping(path, tmp_path)


def test_japanese_visit_sheet_of_kanji_era_dates(tmp_path) -> None:
    operations = [
        ["症例番号", "回", "手術日", "術式", "高位", "注入量(ml)"],
        ["HV-01", 1, "平成三十年十月二日", "BKP", "Th11", 4],
        ["HV-02", 1, "令和元年六月十九日", "VP", "L1", 3.5],
        ["HV-01", 2, "令和元年十月十日", "VP", "Th12", 4.5],
    ]
    visits = [
        ["症例番号", "回", "評価日", "VAS(mm)"],
        ["HV-01", 1, "平成三十年十一月一日", 20],
        ["HV-02", 1, "令和元年七月二十日", 40],
        ["HV-01", 2, "令和元年十一月十三日", 38],
    ]
    path = _workbook(tmp_path / "ledger.xlsx", {"手術": operations, "術後1ヶ月": visits})
    loaded = load_cohort(path)
    assert _errors(loaded) == []
    procs = loaded.cohort.procedures
    hv1 = procs[procs["patient_id"] == "HV-01"].sort_values("day")
    assert list(hv1["day"]) == [0, (date(2019, 10, 10) - date(2018, 10, 2)).days]
    scores = loaded.cohort.assessments
    assert len(scores[scores["timepoint"] == "1m"]) == 3
    _reproduced_by_its_mapping(path, tmp_path)
