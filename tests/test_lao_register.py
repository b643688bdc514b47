"""A Lao register: Lao headers and values, a two-row header (the pain group over its time
points), one row per treated vertebra with the patient's cells merged down, Lao digits,
dates with Lao month names, 'did not come' in Lao, and a remarks column that on a few rows
books a second session at a named vertebra (a remark, not the session's operative note)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd

from analysis.load import LoadResult, load_cohort
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def loaded_without_errors(path: Path) -> tuple[LoadResult, pd.DataFrame]:
    """The load of ``path``, which names no error, and its patients by study ID."""
    result = load_cohort(path)
    assert result.errors == []
    return result, result.cohort.patients.set_index("patient_id")


_HEAD = (
    (
        "ລະຫັດ",
        "ເພດ",
        "ອາຍຸ (ປີ)",
        "ສາເຫດ",
        "ຄັ້ງທີ",
        "ວັນທີສີດຊີມັງ",
        "ຂໍ້ກະດູກ",
        "ວິທີ",
        "ຊີມັງ (ml)",
        "ການຮົ່ວຂອງຊີມັງ",
        "ຄະແນນເຈັບ VAS (0-10)",
        None,
        None,
        "ສະຖານະ",
        "ໝາຍເຫດ",
    ),
    (
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "ກ່ອນສີດ",
        "24 ຊມ",
        "1 ເດືອນ",
        None,
        None,
    ),
)
_ROWS = [
    (
        "LA-01",
        "ຍິງ",
        "໖໗",
        "ກະດູກພຸນ",
        "໑",
        "໒໓/໑໐/໒໐໒໒",
        "L4",
        "VP",
        "໖.໕",
        "ບໍ່ມີ",
        "໘",
        "໔",
        "໓",
        "ມີຊີວິດ",
        None,
    ),
    (
        "LA-02",
        "ຊາຍ",
        70,
        "ມະເຮັງ",
        1,
        "8 ມີນາ 2023",
        "T9",
        "VP",
        "5 ml",
        "ຮົ່ວເຂົ້າຮູປະສາດ",
        9,
        7,
        "ບໍ່ມາ",
        "ເສຍຊີວິດ 28/02/2024",
        "ນັດມາສີດຄັ້ງທີ 2 ທີ່ T12",
    ),
    (None, None, None, None, None, None, "T10", "VP", 4.5, "ບໍ່ມີ", None, None, None, None, None),
    (
        None,
        None,
        None,
        None,
        2,
        "25 ເມສາ 2023",
        "T12",
        "VP",
        4,
        "ຮົ່ວເຂົ້າເສັ້ນເລືອດ",
        8,
        6,
        4,
        None,
        None,
    ),
    (
        "LA-03",
        "ຍິງ",
        81,
        "ອຸບັດຕິເຫດ",
        1,
        datetime(2022, 11, 20),
        "L1",
        "KP",
        3.5,
        "ບໍ່ມີ",
        9,
        7,
        7,
        "ມີຊີວິດ",
        "ນັດມາສີດຄັ້ງທີ 2 ທີ່ L3",
    ),
    (None, None, None, None, None, None, "L2", "KP", 3.5, "ບໍ່ມີ", None, None, None, None, None),
    (
        "LA-04",
        "ຊາຍ",
        75,
        "ກະດູກພຸນ",
        1,
        "12/05/2023",
        "T8",
        "VP",
        4,
        "ບໍ່ມີ",
        6,
        3,
        2,
        "ມີຊີວິດ",
        "ນັດມາສີດຄັ້ງທີ 2 ທີ່ T10",
    ),
    *[
        (
            f"LA-0{k}",
            "ຍິງ",
            70 + k,
            "ກະດູກພຸນ",
            1,
            "12/06/2023",
            "L1",
            "VP",
            4,
            "ບໍ່ມີ",
            7,
            3,
            2,
            "ມີຊີວິດ",
            None,
        )
        for k in range(5, 10)
    ],
]


def _write(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ທະບຽນ"
    for row in (*_HEAD, *_ROWS):
        ws.append(row)
    ws.merge_cells("K1:M1")
    for col in "ABCDEFGHIJNO":
        ws.merge_cells(f"{col}1:{col}2")
    # LA-02's patient cells over its three vertebrae, its first session's over two
    for col in "ABCDNO":
        ws.merge_cells(f"{col}4:{col}6")
        ws.merge_cells(f"{col}7:{col}8")
    for col in "EFKLM":
        ws.merge_cells(f"{col}4:{col}5")
        ws.merge_cells(f"{col}7:{col}8")
    wb.save(path)
    return path


def test_a_lao_register_loads_exactly(tmp_path: Path) -> None:
    result, patients = loaded_without_errors(path := _write(tmp_path / "register.xlsx"))
    assert patients["sex"].iloc[:4].to_dict() == {"LA-01": "female", "LA-02": "male", "LA-03": "female", "LA-04": "male"}  # fmt: skip
    assert patients.loc["LA-01", "age_years"] == 67  # Lao digits
    assert patients["etiology"].iloc[:4].to_dict() == {"LA-01": "osteoporotic", "LA-02": "pathologic", "LA-03": "traumatic", "LA-04": "osteoporotic"}  # fmt: skip
    assert [bool(patients.loc[p, "died"]) for p in ("LA-01", "LA-02")] == [False, True]
    procs = result.cohort.procedures.set_index(["patient_id", "level"]).sort_index()
    assert procs.loc[("LA-01", "L4"), "cement_volume_ml"] == 6.5
    assert sorted(procs.loc["LA-02"].index) == ["T10", "T12", "T9"]  # the remark treats nothing
    assert sorted(procs.loc["LA-03"].index) == ["L1", "L2"]
    assert procs.loc[("LA-02", "T9"), "leakage"] == "foraminal"
    assert procs.loc[("LA-02", "T12"), "leakage"] == "venous"
    assert procs.loc["LA-04"].index.tolist() == ["T8"]
    assert procs.loc[("LA-02", "T12"), "day"] == 48  # 8 ມີນາ 2023 to 25 ເມສາ 2023
    scores = result.cohort.assessments.set_index(["patient_id", "timepoint"]).sort_index()["value"]
    assert scores.loc[("LA-01", "pre")].tolist() == [8.0]
    assert scores.loc[("LA-02", "24h")].tolist() == [7.0, 6.0]
    assert scores.loc[("LA-02", "1m")].tolist() == [4.0]  # "ບໍ່ມາ": did not come
    _reproduced_by_its_mapping(path, tmp_path)
