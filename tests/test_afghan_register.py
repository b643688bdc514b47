"""An Afghan (Dari) register: dates with the Solar Hijri month named in words ("۵ قوس ۱۴۰۰",
Afghan or Iranian names), volumes per level written after their level ("T6: ۲٫۵، T7: ۷٫۰"),
Dari headers and yes/no words (بلی/نخیر)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import CellError, parse_boolean, parse_volumes
from analysis.normalize.dates import _parse_text
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


@pytest.mark.parametrize(
    ("text", "gregorian"),
    [
        ("۵ قوس ۱۴۰۰", date(2021, 11, 26)),  # Qaws 1 is 22 November
        ("۱ حمل ۱۴۰۱", date(2022, 3, 21)),  # Nowruz 1401
        ("1 فروردین 1401", date(2022, 3, 21)),  # the same day by its Iranian name
        ("۲۳ جوزا ۱۴۰۱", date(2022, 6, 13)),
        ("30 حوت 1399", date(2021, 3, 20)),  # 1399 is a leap year
    ],
)
def test_solar_hijri_months_named_in_words(text: str, gregorian: date) -> None:
    assert _parse_text(text, None) == gregorian


def test_a_day_the_named_solar_hijri_month_has_not_is_an_error() -> None:
    with pytest.raises(CellError, match="Solar Hijri"):
        _parse_text("۳۲ حمل ۱۴۰۰", None)
    with pytest.raises(CellError, match="Solar Hijri"):
        _parse_text("30 حوت 1400", None)  # 1400 is not a leap year


def test_a_solar_hijri_month_with_a_gregorian_year_is_an_error() -> None:
    with pytest.raises(CellError, match="Solar Hijri month"):
        _parse_text("5 قوس 2021", None)


def test_volumes_each_after_its_level_and_a_comma() -> None:
    assert parse_volumes("T6: ۲٫۵، T7: ۷٫۰") == (2.5, 7.0)
    assert parse_volumes("L1: 3,5, L2: 4") == (3.5, 4.0)
    assert parse_volumes("T6: ۲٫۵") is None


def test_dari_yes_and_no() -> None:
    assert parse_boolean("بلی") is True
    assert parse_boolean("نخیر") is False


# fmt: off
_HEADER = "شماره مطالعه|جنس|سن|تاریخ عملیه|فقرات|تخنیک|نوع سمنت|حجم سمنت (ml)|نشت سمنت|درد قبل از عملیه|درد یک ماه|وفات"
_ROWS = [
    "A-01|زن|۸۶|۲۳ جوزا ۱۴۰۱|T6، T7|کایفوپلاستی|PMMA|T6: ۲٫۵، T7: ۷٫۰|دیسک|۷|۳|نخیر",
    "A-02|مرد|۷۸|۵ قوس ۱۴۰۰|T10|ورتبروپلاستی|PMMA|۴٫۰|ندارد|۸|۲|بلی",
    "A-03|زن|۶۵|۳۲ حمل ۱۴۰۰|L1|ورتبروپلاستی|PMMA|۳٫۰|ندارد|۶|۲|نخیر",
]
# fmt: on


def _write(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ثبت مریضان"
    ws.sheet_view.rightToLeft = True
    ws["A1"] = "ثبت مریضان ورتبروپلاستی"
    for r, line in enumerate((_HEADER, *_ROWS), start=3):
        for c, value in enumerate(line.split("|"), start=1):
            ws.cell(r, c, value)
    wb.save(path)
    return path


def test_an_afghan_register_loads_exactly(tmp_path: Path) -> None:
    result = load_cohort(path := _write(tmp_path / "register.xlsx"))
    assert [(e.row, e.column) for e in result.errors] == [(6, "تاریخ عملیه")]
    assert "Solar Hijri" in result.errors[0].message
    procs = result.cohort.procedures.assign(patient_id=lambda d: d["patient_id"].astype(str))
    first = procs[procs["patient_id"] == "A-01"].set_index("level")
    assert first.loc["T6", "cement_volume_ml"] == 2.5
    assert first.loc["T7", "cement_volume_ml"] == 7.0
    assert first.loc["T6", "technique"] == "kyphoplasty"
    patients = result.cohort.patients.assign(patient_id=lambda d: d["patient_id"].astype(str))
    died = patients.set_index("patient_id")["died"]
    assert bool(died["A-01"]) is False
    assert bool(died["A-02"]) is True
    _reproduced_by_its_mapping(path, tmp_path)
