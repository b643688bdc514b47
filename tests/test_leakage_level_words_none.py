"""A session row's leakage cell naming each treated level, one of them as having none
(``L2 paravertebral + epidural; L3 yok``): every vertebra takes its own sites, the one
named with none has none, and nothing is reported."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.load import load_cohort
from analysis.normalize.leakage_levels import sites_by_level
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook


@pytest.fixture
def leakage():
    return load_spec().column("procedures", "leakage")


@pytest.mark.parametrize(
    ("cell", "pairs"),
    [
        (
            "L2 paravertebral + epidural; L3 yok",
            (("L2", "epidural;paravertebral"), ("L3", "none")),
        ),
        ("T12 none; L1 disc", (("T12", "none"), ("L1", "disc"))),
        ("L3: no, L4 vein", (("L3", "none"), ("L4", "venous"))),
        # each level's part after a slash right before the next level (full-width too)
        ("Th11 なし／Th12 椎間板", (("T11", "none"), ("T12", "disc"))),
        ("Th8 椎間板＋静脈／Th9 なし", (("T8", "disc;venous"), ("T9", "none"))),
        ("L1/L2 disc", (("L1", "disc"), ("L2", "disc"))),  # levels listed: one set of sites
    ],
)
def test_a_level_named_with_no_leakage(leakage, cell, pairs):
    assert sites_by_level(cell, leakage) == pairs


def test_every_level_with_none_is_one_none_for_the_session(leakage):
    assert sites_by_level("L2 yok; L3 yok", leakage) is None
    assert sites_by_level("L2 none, L3 none", leakage) is None


def test_session_rows_give_each_vertebra_its_own_leakage(tmp_path):
    rows = [
        ["Study ID", "Session", "Procedure date", "Levels", "Total cement (ml)", "Leakage"],
        ["P-01", 1, date(2022, 3, 1), "L2, L3", 8.5, "L2 paravertebral + epidural; L3 yok"],
        ["P-02", 1, date(2022, 4, 2), "T12, L1", 7, "T12 none; L1 disc"],
        ["P-03", 1, date(2022, 5, 3), "L1, L2", 6, "L1 disc; L2 vein"],
        ["P-04", 1, date(2022, 6, 4), "T11", 4, "none"],
    ]
    loaded = load_cohort(_workbook(tmp_path / "sessions.xlsx", {"Sessions": rows}))
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    got = {
        (r["patient_id"], r["level"]): str(r["leakage"])
        for r in loaded.cohort.procedures.to_dict("records")
    }
    assert got == {
        ("P-01", "L2"): "epidural;paravertebral",
        ("P-01", "L3"): "none",
        ("P-02", "T12"): "none",
        ("P-02", "L1"): "disc",
        ("P-03", "L1"): "disc",
        ("P-03", "L2"): "venous",
        ("P-04", "T11"): "none",
    }
