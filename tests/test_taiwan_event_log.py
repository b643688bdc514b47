"""A Taiwanese hospital system's event log (one row per event, the patient's identity
repeated on every row): the event column (``事件類別``) right of the phone column is a
header, not an identifier's value, so its operations, visits, new fractures and deaths
are each routed as such; the treated vertebrae (``椎節``), the follow-up point
(``追蹤時點``), Minguo dates (``111/10/21``, ``民國111年11月20日``), a missed visit
(``未回診``) and an ODI not filled in (``未填``); leakage named at one level with the
others said to have none (``L2:椎間盤，其餘無``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.load.header import _values_beside_labels
from analysis.load.header_columns import HeaderColumn
from analysis.load.inspect import inspect_input
from analysis.normalize import Target
from analysis.normalize.leakage_levels import sites_by_level
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = ["研究編號", "性別", "聯絡電話", "事件類別", "事件日期", "追蹤時點", "椎節", "術式",
           "骨水泥量(c.c.)", "滲漏", "VAS(0-10)", "ODI(%)", "診斷"]  # fmt: skip
# fmt: off
_ROWS = [
    _HEADER,
    ["TW-01", "女", "0912-000-001", "術前評估", "111/10/20", "術前", None, None, None, None, 8, 56, None],
    ["TW-01", "女", "0912-000-001", "手術", "111/10/21", None, "L1、L2", "PVP", "3.0+4.0", "L2:椎間盤，其餘無", None, None, "骨鬆"],
    ["TW-01", "女", "0912-000-001", "門診追蹤", "民國111年11月20日", "術後1個月", None, None, None, None, 4, "未填", None],
    ["TW-01", "女", "0912-000-001", "門診追蹤", None, "術後3個月", None, None, None, None, None, None, None],
    ["TW-01", "女", "0912-000-001", "新骨折", "112/01/20", None, "T12", None, None, None, None, None, None],
    ["TW-01", "女", "0912-000-001", "死亡", "112/03/26", None, None, None, None, None, None, None, None],
    ["TW-02", "男", "0912-000-002", "術前評估", "111/04/25", "術前", None, None, None, None, 7, 74, None],
    ["TW-02", "男", "0912-000-002", "手術", "111/04/25", None, "T12-L1", "BKP", "共9.0", "無", None, None, "車禍"],
    ["TW-02", "男", "0912-000-002", "門診追蹤", "111/05/26", "術後1個月", None, None, None, None, 2, 24, None],
    ["TW-03", "女", "0912-000-003", "術前評估", "111/06/01", "術前", None, None, None, None, 9, 60, None],
    ["TW-03", "女", "0912-000-003", "手術", "111/06/02", None, "L3", "椎體成形術", 4, "無", None, None, "骨鬆"],
    ["TW-03", "女", "0912-000-003", "門診追蹤", "111/07/03", "術後1個月", None, None, None, None, 3, 30, None],
]
# fmt: on


def test_a_taiwanese_event_log_routes_each_event(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "log.xlsx", {"追蹤": _ROWS})
    result = load_cohort(path)
    assert [p for p in result.problems if p.severity == ERROR] == []
    cohort = result.cohort
    procs = cohort.procedures.set_index(cohort.procedures["level"].astype(str))
    assert sorted(procs.index) == ["L1", "L1", "L2", "L3", "T12"]
    assert procs.loc["L2", "leakage"] == "disc"
    assert procs.loc["T12", "leakage"] == "none"
    one = cohort.procedures[cohort.procedures["patient_id"] == "TW-01"]
    assert dict(zip(one["level"].astype(str), one["leakage"].astype(str), strict=True)) == {"L1": "none", "L2": "disc"}  # fmt: skip
    assert dict(zip(one["level"].astype(str), one["cement_volume_ml"], strict=True)) == {"L1": 3.0, "L2": 4.0}  # fmt: skip
    died = dict(zip(cohort.patients["patient_id"], cohort.patients["died"], strict=True))
    assert died == {"TW-01": True, "TW-02": False, "TW-03": False}
    fractures = cohort.fractures
    assert list(zip(fractures["patient_id"], fractures["level"].astype(str), strict=True)) == [("TW-01", "T12")]  # fmt: skip
    scores = cohort.assessments
    tw1 = scores[(scores["patient_id"] == "TW-01") & (scores["timepoint"] == "1m")]
    assert dict(zip(tw1["measure"], tw1["value"], strict=True)) == {"pain_vas": 4}
    read = {c.header: c for c in inspect_input(path).columns}
    assert read["椎節"].label == "procedures.level"
    _reproduced_by_its_mapping(path, tmp_path)


def _col(index: int, header: str, target: Target | None) -> HeaderColumn:
    return HeaderColumn(index, header, target, 1.0 if target else 0.0, 0, 0, "header" if target else "")  # fmt: skip


@pytest.mark.parametrize("event", ["事件類別", "Event type"])
def test_an_event_header_right_of_an_identifier_stays_a_header(event: str) -> None:
    phone = _col(1, "聯絡電話", Target("identifier", column="phone"))
    cols = _values_beside_labels([phone, _col(2, event, None), _col(3, "Maria", None)])
    assert [c.header for c in cols] == ["聯絡電話", event, "Maria"]
    # a value right of an identifier's label is still never a header
    cols = _values_beside_labels([phone, _col(2, "Maria", None)])
    assert cols[1].header == ""


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("L3:椎旁軟組織，其餘無", (("L3", "paravertebral"),)),
        ("T12:椎間盤+靜脈，其餘無", (("T12", "disc;venous"),)),
        ("L1: disc, the rest none", (("L1", "disc"),)),
        ("L1: disc; L2: venous", (("L1", "disc"), ("L2", "venous"))),
    ],
)
def test_the_other_levels_said_to_have_none(text: str, pairs: tuple[tuple[str, str], ...]) -> None:
    assert sites_by_level(text, load_spec().column("procedures", "leakage")) == pairs


def test_a_short_minguo_year_among_minguo_dates() -> None:
    from datetime import date

    from analysis.normalize import parse_date_column

    got = parse_date_column(["112/03/15", "民國111年3月15日", "99/03/15", "民國9年3月15日"])
    assert got == [date(2023, 3, 15), date(2022, 3, 15), date(2010, 3, 15), date(1920, 3, 15)]
    # beside Western dates with the year last, a two-digit first number is no Minguo year
    assert not isinstance(parse_date_column(["99/03/15", "12/03/2021"])[0], date)
    # a year of one digit without 民國 is no date
    assert not isinstance(parse_date_column(["9年3月15日"])[0], date)


def test_a_minguo_date_column_says_so_in_inspect(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "log.xlsx", {"追蹤": _ROWS})
    read = {c.header: c for c in inspect_input(path).columns}
    assert "dates of the Minguo (Republic of China) calendar" in read["事件日期"].reason


def test_a_japanese_era_date_inside_a_remark_is_still_one_date() -> None:
    from datetime import date

    from analysis.normalize.dates import date_inside

    # its era's one-digit year is no second, Minguo-like date
    assert date_inside("令和5年3月1日 死亡") == date(2023, 3, 1)
