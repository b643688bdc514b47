"""New fractures written only in a remarks column, each with a Minguo (Republic of China)
date of a three-digit year (``111/08/25 發現 L3 新骨折``: found on 25 August 2022), and a
remark on another matter among them."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize.dates import date_inside, split_level_dates

HEADER = ["收案編號", "性別", "年齡", "手術日期", "術式", "節段", "骨水泥量", "術前", "備註"]
# (id, procedure date as written, level, remark)
ROWS = [
    ("TC01", "111/05/28", "L2", "111/08/25 發現 L3 新骨折"),
    ("TC02", "111/06/20", "T12", "第2次手術為原有舊骨折分期處理"),
    ("TC03", "111/09/23", "T11", "112/01/28 發現 T10 新骨折"),
    ("TC04", "111/08/01", "L2", "111/10/18 發現 L1 新骨折"),
    ("TC05", "111/07/24", "T8", "111/11/08 發現 T7 新骨折"),
    ("TC06", "111/07/16", "T12", None),
    ("TC07", "111/03/02", "L4", "111/12/10 發現 L3 新骨折"),
]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("111/08/25 發現 L3 新骨折", [("L3", date(2022, 8, 25))]),
        ("發現 T7 (099/1/8)", [("T7", date(2010, 1, 8))]),
    ],
)
def test_a_minguo_date_beside_a_level_is_the_fractures_date(text, want):
    assert split_level_dates(text) == want


def test_a_three_digit_year_outside_the_minguo_years_is_no_date():
    assert date_inside("room 512/3/4") is None


def test_remarks_with_minguo_dates_give_the_new_fractures(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for pid, when, level, remark in ROWS:
        ws.append([pid, "女", 75, when, "PVP", level, "3 mL", 7, remark])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    result = load_cohort(path)
    got = {(p, int(d), lv) for p, d, lv in result.cohort.fractures[["patient_id", "day", "level"]].itertuples(index=False)}  # fmt: skip
    assert got == {("TC01", 89, "L3"), ("TC03", 127, "T10"), ("TC04", 78, "L1"), ("TC05", 107, "T7"), ("TC07", 283, "L3")}  # fmt: skip
    assert len(result.cohort.patients) == len(ROWS)
