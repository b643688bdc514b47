"""Stata's ``sts graph`` look (s2color) as a vector PDF: a tinted graph region round a
white plot with only its left and bottom axis lines, horizontal grid lines, and under it
a boxed legend wider than the plot. The legend box's lines are longer than the x axis,
so the axis is the long line that meets the y axis's foot, not the longest one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.published.digitize import digitize_km
from analysis.published.digitize_vector import _x_axis_at_foot
from tests.digitize.figures import Arm, arms, grid_errors

DATA = arms(20261121, n=(150, 120, 100), hazards=(0.01, 0.02, 0.04), follow_up=60.0)
COLOURS = ("#1A476F", "#90353B", "#55752F")  # Stata's navy, maroon, forest green


def _stata_figure(data: list[Arm], path: Path) -> Path:
    """The plot at the top of a tinted page, its axes left and bottom only, a y grid, and
    a boxed legend under it reaching further left than the plot."""
    fig = Figure(figsize=(5.5, 4.6), facecolor="#EAF2F3")
    ax = fig.add_axes((0.22, 0.43, 0.74, 0.46), facecolor="white")
    for arm, colour in zip(data, COLOURS, strict=True):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post",
                color=colour, lw=0.9)  # fmt: skip
    ax.set_xlim(0, 60)
    ax.set_ylim(0, 1)
    ax.set_xticks([0, 12, 24, 36, 48, 60])
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"], rotation=90, va="center")
    ax.yaxis.grid(True, color="#DCE6EA", lw=0.7)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=3, width=0.6)
    legend = fig.add_axes((0.10, 0.04, 0.86, 0.075), facecolor="white")
    legend.set_xticks([])
    legend.set_yticks([])
    handles = [Line2D([0], [0], color=c, lw=0.9) for c in COLOURS]
    legend.legend(handles, ["I", "II", "III"], loc="center", ncol=3, frameon=False)
    fig.savefig(path, facecolor=fig.get_facecolor())
    return path


@pytest.mark.parametrize("ranged", [True, False])
def test_the_x_axis_under_a_wider_legend_box_is_the_one_meeting_the_y_axis(
    tmp_path: Path, ranged: bool
) -> None:
    path = _stata_figure(DATA, tmp_path / "stata.pdf")
    ranges = ((0.0, 60.0), (0.0, 1.0)) if ranged else (None, None)
    result = digitize_km(path, *ranges)
    assert result.n_curves == 3, result.warnings
    for k, arm in enumerate(DATA, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.quantile(err, 0.95) <= 0.005, (k, np.quantile(err, 0.95))


def test_a_longer_line_off_the_foot_gives_way_to_the_axis_meeting_it() -> None:
    axis = np.array([[87.0, 188.0], [380.0, 188.0]])
    box = np.array([[39.0, 293.0], [380.0, 293.0]])
    assert _x_axis_at_foot([axis, box], box, 87.0, 188.0) is axis
    assert _x_axis_at_foot([axis, box], axis, 87.0, 188.0) is axis
    loose = np.array([[120.0, 188.0], [380.0, 188.0]])  # at the foot's height, not from it
    assert _x_axis_at_foot([loose, box], box, 87.0, 188.0) is box
