"""A Traditional Chinese register of one sheet per ROC (民國) year of operation, its VAS
columns headed by time points only under a group heading ``VAS 疼痛分數 (0-10分)`` (pain
score: the measure), cement volumes written ``5 c.c.`` or two per row joined by the level
cell's separator (``2,4`` beside ``L1,L2``, in a column writing its decimals with a
point), leak sites level by level joined by the CJK list comma (``L1 椎間盤、L2 靜脈``),
and a column of dates of death blank on the sheet of a year without deaths (its patients
alive, as on the sheets whose column holds dates of death only)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import parse_volume
from analysis.normalize.headers import match_header
from analysis.normalize.leakage_levels import sites_by_level
from analysis.problems import ERROR, WARNING
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

GROUPS = ["病人基本資料", None, None, None, "手術紀錄", None, None, None, "VAS 疼痛分數 (0-10分)"]
GROUPS += [None, None, "追蹤"]
HEADER = ["研究編號", "性別", "年齡", "診斷", "手術日期", "術式", "節位", "骨水泥量(c.c.)"]
HEADER += ["術前", "術後1天", "術後1個月", "骨水泥滲漏", "死亡日期"]
SHEETS = {
    "109年": [
        [
            "RC-01",
            "女",
            76,
            "骨鬆壓迫性骨折",
            "109/02/21",
            "PVP",
            "T12",
            "5 c.c.",
            8,
            4,
            3,
            "無",
            None,
        ],
        [
            "RC-02",
            "女",
            70,
            "骨鬆壓迫性骨折",
            "109/05/03",
            "PVP",
            "L1,L2",
            "2,4",
            8,
            4,
            3,
            "L1 椎間盤、L2 靜脈",
            None,
        ],
        [
            "RC-03",
            "男",
            81,
            "骨鬆壓迫性骨折",
            "109/08/04",
            "PVP",
            "L2、L3",
            "4、3.5",
            7,
            4,
            4,
            "無",
            "民國110年9月21日",
        ],
    ],
    "110年": [
        [
            "RC-04",
            "男",
            64,
            "骨鬆壓迫性骨折",
            "110/08/02",
            "BKP",
            "L3",
            "3.5cc",
            7,
            4,
            4,
            "L3 靜脈",
            None,
        ],
        [
            "RC-05",
            "女",
            84,
            "骨鬆壓迫性骨折",
            "110/09/18",
            "BKP",
            "L2",
            5.5,
            8,
            4,
            3,
            "無",
            None,
        ],
    ],
}


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([f"民國{name[:-1]}年度 手術病例登錄表　VAS：0-10分"])
        ws.append(GROUPS)
        ws.append(HEADER)
        for r in rows:
            ws.append(r)
        ws.merge_cells(start_row=2, start_column=9, end_row=2, end_column=11)
    wb.save(path)
    return path


@pytest.fixture
def loaded(tmp_path: Path):
    path = _workbook(tmp_path / "register.xlsx", SHEETS)
    return path, load_cohort(path)


def test_pain_score_words_name_the_vas() -> None:
    for header in ("疼痛分數", "疼痛分数"):
        found = match_header(header)
        assert found is not None and found.measure == "pain_vas"


def test_vas_columns_under_a_pain_score_heading_are_read(loaded, tmp_path: Path) -> None:
    path, result = loaded
    vas = result.cohort.assessments.query("measure == 'pain_vas'")
    got = {(p, t): v for p, t, v in zip(vas["patient_id"], vas["timepoint"], vas["value"], strict=True)}  # fmt: skip
    assert (got[("RC-01", "pre")], got[("RC-01", "24h")], got[("RC-01", "1m")]) == (8, 4, 3)
    assert len(vas) == 15
    assert [p for p in result.problems if p.severity == ERROR] == []
    _reproduced_by_its_mapping(path, tmp_path)


@pytest.mark.parametrize(("cell", "ml"), [("5 c.c.", 5.0), ("3.5 c.c.", 3.5), ("3 c.c", 3.0)])
def test_a_volume_in_c_c_is_millilitres(cell: str, ml: float) -> None:
    assert parse_volume(cell) == ml


def test_two_volumes_joined_by_a_bare_comma_beside_two_levels(loaded) -> None:
    _, result = loaded
    procs = result.cohort.procedures
    rc02 = procs[procs["patient_id"] == "RC-02"]
    assert dict(zip(rc02["level"], rc02["cement_volume_ml"], strict=True)) == {"L1": 2.0, "L2": 4.0}  # fmt: skip
    said = [p for p in result.problems if p.rule == "volume" and "bare comma" in p.message]
    assert [(p.sheet, p.row, p.severity) for p in said] == [("109年", 5, WARNING)]


def test_a_bare_comma_is_a_decimal_comma_in_a_column_without_point_decimals(tmp_path) -> None:
    rows = {
        "109年": [
            [
                "RC-01",
                "女",
                76,
                "骨鬆壓迫性骨折",
                "109/02/21",
                "PVP",
                "T12",
                5,
                8,
                4,
                3,
                "無",
                None,
            ],
            [
                "RC-02",
                "女",
                70,
                "骨鬆壓迫性骨折",
                "109/05/03",
                "PVP",
                "L1,L2",
                "2,4",
                8,
                4,
                3,
                "無",
                None,
            ],
        ]
    }
    result = load_cohort(_workbook(tmp_path / "comma.xlsx", rows))
    procs = result.cohort.procedures
    rc02 = procs[procs["patient_id"] == "RC-02"]
    assert rc02["cement_volume_ml"].isna().all()  # 2.4 mL the session's, no vertebra's own
    assert not [p for p in result.problems if "bare comma" in p.message]


def test_leak_sites_per_level_joined_by_the_cjk_list_comma(loaded) -> None:
    col = load_spec().column("procedures", "leakage")
    assert sites_by_level("L1 椎間盤、L2 靜脈", col) == (("L1", "disc"), ("L2", "venous"))
    assert sites_by_level("L1 椎間盤、L2 椎間盤+靜脈", col) == (
        ("L1", "disc"),
        ("L2", "disc;venous"),
    )
    # a piece naming no level lists another site of the level before it
    assert sites_by_level("L1椎间盘、椎旁静脉", col) == (("L1", "disc;venous"),)
    _, result = loaded
    procs = result.cohort.procedures
    rc02 = procs[procs["patient_id"] == "RC-02"]
    assert dict(zip(rc02["level"], rc02["leakage"], strict=True)) == {"L1": "disc", "L2": "venous"}  # fmt: skip


def test_a_blank_death_column_on_a_year_sheet_reads_its_patients_alive(loaded, tmp_path) -> None:
    path, result = loaded
    died = dict(zip(result.cohort.patients["patient_id"], result.cohort.patients["died"], strict=True))  # fmt: skip
    assert died == {"RC-01": False, "RC-02": False, "RC-03": True, "RC-04": False, "RC-05": False}  # fmt: skip
    said = [p for p in result.problems if p.rule == "deaths_only" and "blank on this sheet" in p.message]  # fmt: skip
    assert [(p.sheet, p.severity) for p in said] == [("110年", WARNING)]
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_blank_death_column_alone_says_nothing_of_deaths(tmp_path) -> None:
    rows = {"110年": SHEETS["110年"]}
    result = load_cohort(_workbook(tmp_path / "one.xlsx", rows))
    assert result.cohort.patients["died"].isna().all()
    assert not [p for p in result.problems if "blank on this sheet" in p.message]
