"""Size budgets: a long text cell and a wide row validate in time linear in their size.

A 200 KB cell once took minutes (a pattern that backtracked over the whole cell); the
budgets here are above the linear times on this machine (in a full run on a quiet
machine, about 6 s for the 200 KB cell in a CSV and 17 s for the 2,000-column row before
each header's reading was kept across the rows and blocks tried) and far below the
quadratic ones (benchmarks/hostile_sizes.py times the 1 MB and 10,000-column inputs)."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.normalize.scores import named_scores
from analysis.safety import value_shape

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from hostile_sizes import long_cell, wide_row, write


@pytest.mark.parametrize("form", [".csv", ".xlsx"])
def test_a_200_kb_cell_validates_in_seconds(tmp_path: Path, form: str, capsys) -> None:
    header, body = long_cell(200_000)
    path = next(p for p in write(tmp_path, "long", header, body) if p.suffix == form)
    start = time.perf_counter()
    assert main(["validate", str(path)]) == 1
    assert time.perf_counter() - start < 15
    out = capsys.readouterr().out
    # a workbook holds at most 32,767 characters in a cell (openpyxl cuts a longer one)
    assert re.search(r"E3 \[Level\] 'text of (200000|32767) characters': not a vertebral", out)
    assert "zzz" not in out and "yyy" not in out


def test_a_row_of_2000_columns_validates_in_seconds(tmp_path: Path, capsys) -> None:
    header, body = wide_row(2000)
    path = write(tmp_path, "wide", header, body)[0]
    start = time.perf_counter()
    assert main(["validate", str(path)]) == 0
    assert time.perf_counter() - start < 40
    assert capsys.readouterr().out.count("column not recognised") == 2000


def test_shaping_a_long_cell_is_linear() -> None:
    start = time.perf_counter()
    assert value_shape("y" * 1_000_000) == "text of 1000000 characters"
    assert value_shape("a" * 500_000 + "@example.org") == "an e-mail address"
    assert time.perf_counter() - start < 1


def test_reading_a_long_cell_as_named_scores_is_linear() -> None:
    """A long text in a cell that might hold several measures' scores (``VAS 7/10; ODI
    44%``) is refused at once, not matched part by part in quadratic time."""
    start = time.perf_counter()
    assert named_scores("z" * 200_000) is None
    assert named_scores("VAS 7/10; " + "y" * 200_000) is None
    assert time.perf_counter() - start < 1
