"""The built-in demo registry: the synthetic workbook the README says it is, with new
fractures in every etiology group."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.stats import time_to_fracture
from analysis.synth import synthesize, write_wide_workbook


def test_the_demo_is_the_seed_17_workbook_and_every_group_has_events(tmp_path: Path, demo_workbook: Path) -> None:  # fmt: skip
    fresh = write_wide_workbook(synthesize(300, seed=17), tmp_path / "fresh.xlsx", 17)
    cells = [
        [[c.value for c in row] for ws in openpyxl.load_workbook(p).worksheets for row in ws.iter_rows()]
        for p in (fresh, demo_workbook)
    ]  # fmt: skip
    assert cells[0] == cells[1]
    data = time_to_fracture(load_cohort(demo_workbook).cohort)
    events = data.groupby("etiology", observed=True)["fracture"].sum()
    assert (events > 0).all() and events["pathologic"] >= 3
