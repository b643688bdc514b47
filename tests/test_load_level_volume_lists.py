"""A header naming the treated levels and their cement as much as each other (``Niveaux =
ciment (ml)``) over cells giving each level its own volume (``D12=3,5 ; L1=4``): read as
the levels, each vertebra with its volume, on the first session's columns and on a second
session's (``2e geste : niveaux = ciment``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_HEADER = ["Code étude", "Sexe", "Âge", "Date VP", "Technique", "Niveaux = ciment (ml)", "EVA avant"]
_ROWS = [
    ["P-01", "F", 71, datetime(2023, 3, 10), "VP", "D12=3,5 ; L1=4", 8],
    ["P-02", "H", 80, datetime(2023, 4, 3), "VP", "L1=6,5", 9],
    ["P-03", "F", 66, datetime(2023, 5, 8), "VP", "T12: 3,5 ml / L1: 4 ml", 7],
    ["P-04", "H", 75, datetime(2023, 6, 12), "VP", "D10=3,4 ; D11=3 ; D12=5,5", 10],
]


def _write(path: Path, second: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    extra = ["2e geste : date", "2e geste : niveaux = ciment"] if second else []
    ws.append([*_HEADER, *extra])
    for k, row in enumerate(_ROWS):
        more = [datetime(2023, 9, 1), "D9=2,5"] if second and k == 0 else [None, None][: len(extra)]  # fmt: skip
        ws.append([*row, *more])
    wb.save(path)
    return path


def test_levels_each_with_their_volume_under_a_header_naming_both(tmp_path):
    path = _write(tmp_path / "levels.xlsx")
    result = load_cohort(path)
    procs = result.cohort.procedures
    got = sorted(zip(procs["patient_id"], procs["level"], procs["cement_volume_ml"], strict=True))
    assert got == [
        ("P-01", "L1", 4.0),
        ("P-01", "T12", 3.5),
        ("P-02", "L1", 6.5),
        ("P-03", "L1", 4.0),
        ("P-03", "T12", 3.5),
        ("P-04", "T10", 3.4),
        ("P-04", "T11", 3.0),
        ("P-04", "T12", 5.5),
    ]
    assert not [p for p in result.problems if p.severity == "error"]
    read = _reproduced_by_its_mapping(path, tmp_path)
    assert read["Niveaux = ciment (ml)"].label == "procedures.level"


def test_a_second_sessions_levels_each_with_their_volume(tmp_path):
    path = _write(tmp_path / "second.xlsx", second=True)
    procs = load_cohort(path).cohort.procedures
    second = procs[(procs["patient_id"] == "P-01") & (procs["day"] > 0)]
    assert list(second["level"]) == ["T9"]
    assert list(second["cement_volume_ml"]) == [2.5]
    _reproduced_by_its_mapping(path, tmp_path)
