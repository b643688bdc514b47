"""Uzbek in Cyrillic: a pain column ``1 кун`` (one day) under ``ВАШ`` is the score the day
after the procedure (24h), and ``→ takr.``/``→ такр.`` in a visit's cell (its follow-up on
the repeat operation's row) is a missing score, not a bad number."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook

ROWS = [
    [
        "Bemor kodi",
        "Yoshi",
        "Operatsiya sanasi",
        "Сегмент",
        "ВАШ операциядан олдин",
        "ВАШ 1 кун",
        "ВАШ 3 ой",
    ],
    ["BX-01", 70, date(2021, 6, 8), "L2", 8, 5, "→ takr."],
    ["BX-02", 75, date(2021, 7, 9), "L1", 9, 4, "→ такр."],
    ["BX-03", 66, date(2021, 8, 1), "T12", 7, 3, 2],
]


def test_one_day_in_cyrillic_and_see_the_repeat(tmp_path: Path) -> None:
    result = load_cohort(_workbook(tmp_path / "bemorlar.xlsx", {"Bemorlar": ROWS}))
    assert not result.errors
    pain = result.cohort.assessments.query("measure == 'pain_vas'")
    got = {(p, t): v for p, t, v in zip(pain["patient_id"], pain["timepoint"], pain["value"], strict=True)}  # fmt: skip
    assert got == {
        ("BX-01", "pre"): 8.0,
        ("BX-01", "24h"): 5.0,
        ("BX-02", "pre"): 9.0,
        ("BX-02", "24h"): 4.0,
        ("BX-03", "pre"): 7.0,
        ("BX-03", "24h"): 3.0,
        ("BX-03", "3m"): 2.0,
    }
