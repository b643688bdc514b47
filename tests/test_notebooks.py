"""Every notebook runs from top to bottom (they hold no logic of their own)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # jupyter_client's own datetime use
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "commit without outputs"
    )
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    # a figure returned by the toolkit shows inline, without %matplotlib magic
    draws = [c for c in nb.cells if c.cell_type == "code" and "_plot(" in c.source]
    shown = [c for c in draws if any("image/png" in o.get("data", {}) for o in c.outputs)]
    assert len(shown) == len(draws)
    first = nb.cells[0].source
    assert first.startswith("# ") and (
        path.name.startswith("00_") or any(y in first for y in ("2002", "2012", "2017", "summary"))
    )
