"""Kaplan-Meier figures in GraphPad Prism's look: offset axes (the axis lines pushed out
from the data area so they do not meet at the origin), very thick steps with thick
censor bars, one black and one coloured curve, the legend beside the plot, read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.published.digitize import digitize_km
from tests.digitize.figures import Arm, arms
from tests.test_digitize_web import _check

# the first arm (black, first in the legend) falls faster: it is the lower curve
DATA = arms(20261207, n=(80, 80), hazards=(0.03, 0.012), follow_up=60.0)


def _arm(n: int, events: list[float], seed: int, end: float) -> Arm:
    """``n`` patients: events at the whole days given, the rest censored over the last
    third of ``end`` days."""
    time = np.round(np.random.default_rng(seed).uniform(0.66 * end, end, n))
    event = np.zeros(n, dtype=int)
    time[: len(events)], event[: len(events)] = events, 1
    return Arm(time, event)


def _prism_png(data: list[Arm], path: Path, colour: str, dpi: int = 300, end: float = 60.0) -> Path:
    """Prism's survival graph: bold words, 3 pt steps with | censor bars, the left and
    bottom axis lines offset 12 pt outward, outward ticks, no top or right spine, the
    first arm black and the second in ``colour``, the legend outside at the right."""
    fig = Figure(figsize=(6.4, 4.6), dpi=dpi, facecolor="white")
    ax = fig.add_axes((0.15, 0.17, 0.52, 0.70))
    colours = ["#000000", colour]
    for arm, ink in zip(data, colours, strict=True):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]) * 100, where="post",
                color=ink, lw=3.0, clip_on=False)  # fmt: skip
        c, at = arm.censored()
        ax.plot(c, at * 100, ls="none", marker="|", ms=11, mew=2.4, color=ink, clip_on=False)
    ax.set_xlim(0, end)
    ax.set_ylim(0, 100)
    ax.set_xticks(np.linspace(0, end, 6))
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.spines[["top", "right"]].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_position(("outward", 12))
        ax.spines[side].set_linewidth(2.0)
    ax.tick_params(direction="out", width=2.0, length=7, labelsize=13)
    ax.set_xlabel("Days elapsed", fontweight="bold", fontsize=13)
    ax.set_ylabel("Percent survival", fontweight="bold", fontsize=13)
    handles = [Line2D([0], [0], color=ink, lw=3.0) for ink in colours]
    ax.legend(handles, ["Vehicle", "Treated"], loc="center left", bbox_to_anchor=(1.04, 0.55),
              frameon=False, handlelength=1.6, prop={"weight": "bold", "size": 13})  # fmt: skip
    fig.savefig(path, dpi=dpi, facecolor="white")
    return path


@pytest.mark.parametrize("colour", ["#E8101C", "#1f5fbf"])
def test_a_black_and_a_colour_curve_keep_the_order_of_the_legend_beside_them(
    tmp_path: Path, colour: str
) -> None:
    """With one colour curve and one black, the legend beside the plot was not used (a
    column of samples needed two colours; the black ink outside the plot, its words and
    axis labels among it, showed more than one stroke that passes for a sample): the
    curves were numbered from the top, the legend's second first. The black sample is
    the stroke of black standing in the colour sample's column."""
    path = _prism_png(DATA, tmp_path / "km.png", colour)
    for result in (digitize_km(path, (0.0, 60.0), (0.0, 100.0)), digitize_km(path)):
        _check(result, DATA, median=0.01, p95=0.05)


def test_a_curve_whose_first_steps_hide_under_a_thick_one_at_1_starts_at_1(
    tmp_path: Path,
) -> None:
    """The black curve's first drops (days 2, 3 and 4 of 100, each of 1.5%) run under the
    red 12 px line still at 100%: first seen at day 2.5 some 3% down, it was taken to
    start there at day 0 (a start seen that near 0 and 1 was stretched back to 0). Seen
    after a curve still at 1 above it, it follows that one until it shows."""
    black = _arm(66, [2, 3, 4, 7, 9, 12, 15, 18, 22, 27, 31, 35, 40, 44, 50, 55, 61], 1, 100)
    red = _arm(70, [8, 14, 25, 33, 47, 58], 2, 100)
    path = _prism_png([black, red], tmp_path / "km.png", "#E8101C", end=100.0)
    for result in (digitize_km(path, (0.0, 100.0), (0.0, 100.0)), digitize_km(path)):
        first = result.curve(1)
        assert first["survival"].iloc[0] == pytest.approx(1.0, abs=0.005)
        _check(result, [black, red], median=0.005, p95=0.02)
