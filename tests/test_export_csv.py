"""The tidy CSVs are byte for byte what ``neutralize_frame(frame).to_csv`` writes, formula
protection included, whatever the cells hold."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.report.export import write_safe_csv, write_tidy_tables
from analysis.safety import neutralize_frame
from analysis.synth import synthesize

TEXT = ["=HYPERLINK(1)", "-1.5", "+", "@x", "\tx", "\rx", "a,b", 'say "hi"', "line\nbreak",
        "", None, "=", "-", "+1,5", "-x", "plain", "é=ü", "'=q"]  # fmt: skip


def _hostile(n: int = 54) -> pd.DataFrame:
    rng = np.random.default_rng(20261121)
    floats = np.array([-0.0, 0.0, np.nan, 1e16, 1e-5, 0.1 + 0.2, np.inf, -np.inf, 4.8, 10.0, 123456789.123])  # fmt: skip
    cats = pd.Categorical(rng.choice(["none", "disc", None], n), categories=["none", "disc", "unused"])  # fmt: skip
    return pd.DataFrame(
        {
            "=id": pd.array(rng.choice(TEXT, n), dtype="string"),
            "value": rng.choice(floats, n),
            "day": pd.array(rng.choice([1, -3, 0, None], n), dtype="Int64"),
            "flag": pd.array(rng.choice([True, False, None], n), dtype="boolean"),
            "plain_bool": rng.choice([True, False], n),
            "count": rng.integers(-5, 5, n),
            "leakage": cats,
        }
    )


def _same(frame: pd.DataFrame, tmp_path: Path) -> None:
    neutralize_frame(frame).to_csv(tmp_path / "expected.csv", index=False)
    write_safe_csv(frame, tmp_path / "got.csv")
    assert (tmp_path / "got.csv").read_bytes() == (tmp_path / "expected.csv").read_bytes()


def test_hostile_cells_are_written_as_neutralize_frame_writes_them(tmp_path: Path) -> None:
    frame = _hostile()
    _same(frame, tmp_path)
    text = (tmp_path / "got.csv").read_text("utf-8")
    assert "'=HYPERLINK(1)" in text and "'@x" in text and "'-x" in text
    assert "'-1.5" not in text and "''=q" not in text  # a number is data; quoted text stays


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"only": pd.array(["", None, "x", ""], dtype="string")}),
        pd.DataFrame({"a": pd.Series([], dtype="string"), "b": pd.Series([], dtype=float)}),
        pd.DataFrame({"mixed": pd.Series([1, 1.0, True, "=1+1", None], dtype=object)}),
        pd.DataFrame({"small": pd.array([1, None], dtype="Int32")}),
        pd.DataFrame({"nan": [np.nan, np.nan], "neg": [-0.0, -0.0]}),
    ],
    ids=["one empty column", "no rows", "objects", "Int32", "all missing"],
)
def test_edge_frames(frame: pd.DataFrame, tmp_path: Path) -> None:
    _same(frame, tmp_path)


def test_tidy_tables_of_a_cohort(tmp_path: Path) -> None:
    cohort = synthesize(200, seed=20261121)
    for path in write_tidy_tables(cohort, tmp_path / "tidy"):
        expected = tmp_path / f"expected_{path.name}"
        neutralize_frame(getattr(cohort, path.stem)).to_csv(expected, index=False)
        assert path.read_bytes() == expected.read_bytes()


def test_rows_joined_in_blocks_are_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr("analysis.load.export._BLOCK", 5)  # 54 rows: eleven blocks, the last short
    _same(_hostile(), tmp_path)
