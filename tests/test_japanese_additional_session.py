"""A Japanese register of one row per patient whose two-row header groups a second
session's columns under ``追加手術`` (additional surgery) beside the first's under
``初回手術``: the group's columns are the second session's, never the first's again; the
cement brand ``オステオボンド`` (Osteobond) is PMMA."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import load_cohort
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
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "症例台帳"
    ws["A1"] = "経皮的椎体形成術 症例台帳"
    for label, first, last in _GROUPS:
        ws.cell(3, first, label)
        ws.merge_cells(start_row=3, start_column=first, end_row=3, end_column=last)
    for c, header in enumerate(_HEADER, start=1):
        ws.cell(4, c, header)
    for r, row in enumerate(_ROWS, start=5):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    wb.save(path)
    return path


def test_a_group_of_an_additional_surgery_is_the_second_session(tmp_path: Path) -> None:
    result = load_cohort(path := _write(tmp_path / "register.xlsx"))
    assert result.errors == []
    procs = result.cohort.procedures
    got = sorted(
        (p, d, lv, t, v, c, leak)
        for p, d, lv, t, v, c, leak in zip(
            procs["patient_id"],
            procs["day"],
            procs["level"],
            procs["technique"],
            procs["cement_volume_ml"],
            procs["cement_type"],
            procs["leakage"],
            strict=True,
        )
    )
    assert got == [
        ("J-01", 0, "L2", "vertebroplasty", 5.0, "PMMA", "none"),
        ("J-02", 0, "T10", "kyphoplasty", 3.5, "PMMA", "none"),
        ("J-02", 180, "T11", "kyphoplasty", 3.0, "PMMA", "paravertebral"),
        ("J-03", 0, "L1", "kyphoplasty", 3.5, "PMMA", "none"),
        ("J-03", 0, "L2", "kyphoplasty", 4.5, "PMMA", "venous"),
        ("J-03", 86, "L3", "vertebroplasty", 4.0, "PMMA", "none"),
    ]
    _reproduced_by_its_mapping(path, tmp_path)
