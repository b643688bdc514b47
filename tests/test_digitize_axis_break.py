"""A y axis with a ``//`` break mark near its foot drawn as JAMA draws it: a white gap cut
in the axis line wider than the mark, so the mark's two slanted strokes cross the axis
inside the gap (line, gap, stroke, gap, stroke, gap, line), read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from analysis.published.digitize import digitize_km
from tests.digitize.figures import Arm, arms, grid_errors

# rising cumulative incidence, read on a percent axis stopping at 40
DATA = arms(20261208, n=(200, 200), hazards=(0.009, 0.006), follow_up=36.0)
COLOURS = ("#D9782D", "#1F5FA6")
TICKS = np.arange(0, 37, 6, dtype=float)


def _jama_png(data: list[Arm], path: Path, dpi: int) -> Path:
    """Rising steps on a 0-40% axis, no top or right line, outward ticks, and a break
    mark at 4%: a white stroke cuts the y axis line over 1.2 points of percent (more,
    with its projecting caps), two short black slanted strokes drawn across inside it."""
    fig = Figure(figsize=(7.0, 4.6), dpi=dpi, facecolor="white")
    ax = fig.add_axes((0.14, 0.14, 0.8, 0.8))
    for arm, ink in zip(data, COLOURS, strict=True):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(1 - surv, 1 - surv[-1]) * 100,
                where="post", color=ink, lw=1.6)  # fmt: skip
    ax.set_xlim(0, 36.6)
    ax.set_ylim(0, 40)
    ax.set_xticks(TICKS)
    ax.set_yticks([0, 10, 20, 30, 40])
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines["left"].set_bounds(0, 40)
    ax.spines["bottom"].set_bounds(0, 36)
    ax.tick_params(direction="out", length=3.5)
    ax.set_xlabel("Months")
    ax.set_ylabel("Cumulative incidence, %")
    tr = ax.get_yaxis_transform()
    ax.plot([0, 0], [3.4, 4.6], transform=tr, color="white", lw=3.0, clip_on=False, zorder=5)
    for dy in (-0.6, 0.6):
        ax.plot([-0.012, 0.012], [4 + dy - 0.45, 4 + dy + 0.45], transform=tr, color="black",
                lw=0.8, clip_on=False, zorder=6)  # fmt: skip
    fig.savefig(path, dpi=dpi, facecolor="white")
    return path


def test_a_break_mark_crossing_the_axis_inside_a_wider_cut_still_meets_the_x_axis(
    tmp_path: Path,
) -> None:
    """The y axis line ends above the cut and resumes under it, the mark's strokes
    crossing its columns in between: the line was carried across one gap only, up to
    the upper stroke, so no corner was found and the whole image was read as a page (a
    third, stepless curve, the rest wrong). The gap is counted to where the line's last
    unbroken run down to the x axis starts. (At 300 dpi; at 150 the cut's pixels blur
    into the strokes.)"""
    path = _jama_png(DATA, tmp_path / "km.png", 300)
    for result in (digitize_km(path, (0.0, 36.0), (0.0, 40.0)), digitize_km(path)):
        assert result.measure == "incidence"
        assert result.x_range == (0.0, 36.0) and result.y_range == (0.0, 0.4)
        assert result.n_curves == 2
        for k, arm in enumerate(DATA, start=1):
            c = result.curve(k)
            err = grid_errors(c["time"].to_numpy(), c["incidence"].to_numpy(), arm, True)
            assert np.median(err) <= 0.005, (k, np.median(err))
            assert np.quantile(err, 0.95) <= 0.02, (k, np.quantile(err, 0.95))
