"""Kaplan-Meier figures drawn in a poster's style (thick axis lines and curves, a curve
dropping onto the x axis, a legend box over the curves' tails) read back within the
targets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from analysis.published.digitize import digitize_km
from tests.digitize.figures import Arm, arms, grid_errors

COLOURS = ("#0072B2", "#CC79A7", "#009E73", "#E69F00")  # Okabe-Ito; the pink is light


def _to_zero(n: int, seed: int) -> Arm:
    """``n`` patients, every one an event within 40 months: the curve drops to 0."""
    time = np.round(np.random.default_rng(seed).uniform(0.5, 40, n), 2)
    return Arm(time, np.ones(n, dtype=int))


def _poster(data: list[Arm], path: Path, dpi: int = 120) -> Path:
    """Axis lines 3 pt thick, curves 5 pt, the plot starting at y = 0 exactly (a curve
    dropping to 0 lands on the x axis, over its upper half; the second, pink, is lighter
    than an axis line's ink, so it breaks the axis's upper rows where it lands)."""
    fig = Figure(figsize=(9, 6), dpi=dpi)
    ax = fig.add_axes((0.15, 0.15, 0.8, 0.75))
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_linewidth(3)
    for arm, colour in zip(data, COLOURS, strict=False):
        times, surv = arm.km()
        x, y = np.append(times, arm.end()), np.append(surv, surv[-1])
        ax.step(x, y, where="post", color=colour, lw=5, zorder=3, solid_capstyle="butt")
    ax.set_xlim(0, 48)
    ax.set_ylim(0, 1.02)
    ax.set_xticks([0, 12, 24, 36, 48])
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.tick_params(width=3, length=10, labelsize=18)
    fig.savefig(path, dpi=dpi)
    return path


def test_a_curve_dropping_onto_a_thick_x_axis_leaves_the_axis_whole(tmp_path: Path) -> None:
    """A curve dropping to 0 covers the upper half of a thick x axis where it lands, so
    those rows of the axis are shorter than the rest: the axis is still as thick as its
    full rows, not read half as thick (its upper half then taken for a fifth, black
    curve along the bottom, and the y ticks looked for inside the y axis line)."""
    data = [*arms(5, n=(200,), hazards=(0.01,), follow_up=48), _to_zero(60, 6)]
    result = digitize_km(_poster(data, tmp_path / "poster.png"), (0, 48), (0, 1))
    assert result.n_curves == 2
    for k, arm in enumerate(data, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.median(err) <= 0.005, (k, np.median(err))
        assert np.quantile(err, 0.95) <= 0.02, (k, np.quantile(err, 0.95))


def test_curves_show_through_a_semi_opaque_legend_box_and_are_read_under_it(
    tmp_path: Path,
) -> None:
    """A legend box drawn semi-opaque (``framealpha=0.8``) over the curves' tails lets
    them show through faded, behind its words too: they are read through it to their
    ends, not stopped where they go in under it as under an opaque box."""
    data = arms(8, n=(200, 200, 200), hazards=(0.008, 0.02, 0.035), follow_up=48)
    fig = Figure(figsize=(9, 6), dpi=120)
    ax = fig.add_axes((0.15, 0.15, 0.8, 0.75))
    for k, (arm, colour) in enumerate(zip(data, COLOURS, strict=False), start=1):
        times, surv = arm.km()
        x, y = np.append(times, arm.end()), np.append(surv, surv[-1])
        ax.step(x, y, where="post", color=colour, lw=4, label=f"Risk group {k} (n=200)")
    ax.set_xlim(-2, 50)
    ax.set_ylim(-0.04, 1.04)
    ax.set_xticks([0, 12, 24, 36, 48])
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    legend = ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.45), fontsize=18,
                       framealpha=0.8, edgecolor="#444444", fancybox=False)  # fmt: skip
    legend.set_zorder(5)
    path = tmp_path / "legend.png"
    fig.savefig(path, dpi=120)
    result = digitize_km(path, (0, 48), (0, 1))
    assert result.n_curves == 3
    assert not [w for w in result.warnings if "opaque box" in w]
    for k, arm in enumerate(data, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.median(err) <= 0.005, (k, np.median(err))
        assert np.quantile(err, 0.95) <= 0.02, (k, np.quantile(err, 0.95))
