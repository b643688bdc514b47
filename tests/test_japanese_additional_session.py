"""A Japanese register of one row per patient whose two-row header groups a second
session's columns under ``追加手術`` (additional surgery) beside the first's under
``初回手術``: the group's columns are the second session's, never the first's again; the
cement brand ``オステオボンド`` (Osteobond) is PMMA."""

from __future__ import annotations

from pathlib import Path

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

# fmt: off
_GROUPS = [("患者情報", 1, 3), ("初回手術", 4, 9), ("VAS (mm)", 10, 11), ("追加手術", 12, 17)]
_HEADER = ("研究ID", "性別", "年齢", "手術日", "術式", "椎体", "セメント量(ml)", "セメント", "漏出",
           "術前", "1ヶ月", "手術日", "椎体", "術式", "セメント量(ml)", "セメント", "漏出")
_ROWS = [
    ("J-01", "女", 78, "2022-05-29", "VP", "L2", 5, "オステオボンド", "なし", 69, 24,
     None, None, None, None, None, None),
    ("J-02", "女", 59, "2022-10-22", "BKP", "T10", 3.5, "HV-R", "なし", 79, 31,
     "2023-04-20", "T11", "BKP", 3, "オステオボンド", "T11 傍椎体"),
    ("J-03", "男", 70, "2021-09-01", "BKP", "L1, L2", "3.5 / 4.5", "HV-R", "L2 静脈", 70, 21,
     "2021-11-26", "L3", "VP", 4, "HV-R", "なし"),
]
# fmt: on


def _write(path: Path) -> Path:
    groups: list[object] = [None] * len(_HEADER)
    for label, first, _ in _GROUPS:
        groups[first - 1] = label
    rows = [["経皮的椎体形成術 症例台帳"], [], groups, list(_HEADER), *map(list, _ROWS)]
    letters = "ABCDEFGHIJKLMNOPQ"
    merges = [("症例台帳", f"{letters[a - 1]}3:{letters[b - 1]}3") for _, a, b in _GROUPS]
    return _workbook(path, {"症例台帳": rows}, merges)


def test_a_group_of_an_additional_surgery_is_the_second_session(tmp_path: Path) -> None:
    result = load_cohort(path := _write(tmp_path / "register.xlsx"))
    assert result.errors == []
    procs = result.cohort.procedures
    assert set(procs["cement_type"]) == {"PMMA"}  # Osteobond and HV-R alike
    columns = ["patient_id", "day", "level", "technique", "cement_volume_ml", "leakage"]
    got = sorted(" ".join(map(str, row)) for row in procs[columns].itertuples(index=False))
    # J-02's leakage is its second session's, never its first's
    assert got == [
        "J-01 0 L2 vertebroplasty 5.0 none",
        "J-02 0 T10 kyphoplasty 3.5 none",
        "J-02 180 T11 kyphoplasty 3.0 paravertebral",
        "J-03 0 L1 kyphoplasty 3.5 none",
        "J-03 0 L2 kyphoplasty 4.5 venous",
        "J-03 86 L3 vertebroplasty 4.0 none",
    ]
    _reproduced_by_its_mapping(path, tmp_path)
