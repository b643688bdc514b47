"""A figure with no legend whose at-risk table names its rows in the curves' colours
(NEJM's house style, the curves labelled in the plot or in an inset): the curves are
numbered as those names stand, top to bottom, whichever curve runs above."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from analysis.published.digitize import digitize_km
from tests.digitize.figures import Arm, arms, grid_errors

DATA = arms(20261121, n=(200, 200), hazards=(0.01, 0.025), follow_up=36.0)
COLOURS = ("#1F4E8C", "#E05A2E")  # NEJM's dark blue and orange-red
TIMES = (0, 6, 12, 18, 24, 30, 36)


def _nejm_figure(data: list[Arm], rows: tuple[int, int], path: Path) -> Path:
    """The arms' curves with left and bottom axes only, no legend, and under the plot a
    "No. at Risk" table: a row per arm in the order ``rows``, named in its colour, its
    numbers in black."""
    fig = Figure(figsize=(6.4, 5.6), dpi=150)
    ax = fig.add_axes((0.2, 0.35, 0.75, 0.6))
    for arm, colour in zip(data, COLOURS, strict=True):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post",
                color=colour, lw=1.5)  # fmt: skip
    ax.set_xlim(0, 36)
    ax.set_ylim(0, 1)
    ax.set_xticks(list(TIMES))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.text(0.02, 0.2, "No. at Risk", fontsize=9, weight="bold")
    for line, k in enumerate(rows):
        y = 0.15 - 0.05 * line
        fig.text(0.02, y, f"Group {'AB'[k]}", fontsize=9, color=COLOURS[k])
        for t, n in zip(TIMES, data[k].at_risk(np.asarray(TIMES, float)), strict=True):
            x = 0.2 + 0.75 * t / 36
            fig.text(x, y, str(n), fontsize=9, ha="center")
    fig.savefig(path, dpi=150)
    return path


@pytest.mark.parametrize("rows", [(0, 1), (1, 0)])
def test_curves_are_numbered_as_their_coloured_row_names_stand(
    tmp_path: Path, rows: tuple[int, int]
) -> None:
    path = _nejm_figure(DATA, rows, tmp_path / "nejm.png")
    result = digitize_km(path, (0.0, 36.0), (0.0, 1.0))
    assert result.n_curves == 2
    assert any("words in their colours" in w for w in result.warnings), result.warnings
    for k, row in enumerate(rows, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), DATA[row])
        assert np.median(err) <= 0.005, (k, np.median(err))
