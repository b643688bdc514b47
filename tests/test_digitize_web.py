"""Kaplan-Meier figures in the looks of web charting libraries, read back: d3's SVG (groups
placed by translations, axes in ``currentColor``, a grid of see-through lines, no y axis
line) and Plotly's PNG (a tinted plot area, a white grid, no axis lines, no tick marks)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from analysis.published.digitize import digitize_km
from tests.digitize.figures import Arm, arms, grid_errors

DATA = arms(20261121, hazards=(0.02, 0.045))
COLOURS = ("#1f77b4", "#ff7f0e")


def _check(result, data: list[Arm], median: float, p95: float) -> None:
    """Curve k is arm k, within ``median`` and ``p95`` of the truth."""
    assert result.n_curves == len(data)
    for k, arm in enumerate(data, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.median(err) <= median, (k, np.median(err))
        assert np.quantile(err, 0.95) <= p95, (k, np.quantile(err, 0.95))


def _d3_svg(data: list[Arm], path: Path) -> Path:
    """A d3 v7 chart as the browser serialises it: the plot in a translated group, each
    tick a translated group of a ``<line>`` and a ``<text>`` whose font size and anchor
    come from the axis's group, the axes in ``currentColor``, the x axis's domain path
    running 5 days past its last tick (730 ... 720 in the blind figure), the y axis's
    domain removed and its ticks stretched across the plot at opacity 0.1 (a grid), the
    curves step-after paths, the legend a row of translated groups above the plot."""
    w, h, end = 500.0, 400.0, 65.0

    def x(t: float) -> float:
        return w * t / end

    def y(v: float) -> float:
        return h * (1 - v)

    ticks_x = "".join(
        f'<g class="tick" opacity="1" transform="translate({x(t) + 0.5},0)">'
        f'<line stroke="currentColor" y2="6"></line>'
        f'<text fill="currentColor" y="9" dy="0.71em">{t:g}</text></g>'
        for t in range(0, 61, 10)
    )
    ticks_y = "".join(
        f'<g class="tick" opacity="1" transform="translate(0,{y(v) + 0.5})">'
        f'<line stroke="currentColor" x2="{w}" stroke-opacity="0.1"></line>'
        f'<text fill="currentColor" x="-3" dy="0.32em">{v:.1f}</text></g>'
        for v in np.round(np.arange(0, 1.01, 0.2), 1)
    )
    curves, legend = "", ""
    for k, (arm, colour) in enumerate(zip(data, COLOURS, strict=True)):
        times, surv = arm.km()
        xs, ys = np.append(times, arm.end()), np.append(surv, surv[-1])
        corners = [(xs[0], ys[0])]
        for i in range(1, len(xs)):
            corners += [(xs[i], ys[i - 1]), (xs[i], ys[i])]
        d = "M" + "L".join(f"{x(t)},{y(v)}" for t, v in corners)
        curves += f'<path fill="none" stroke="{colour}" stroke-width="1.5" d="{d}"></path>'
        legend += (
            f'<g transform="translate({120 * k},0)"><line x1="0" x2="18" y1="0" y2="0" '
            f'stroke="{colour}" stroke-width="1.5"></line>'
            f'<text x="24" y="0" dy="0.35em">Arm {"AB"[k]}</text></g>'
        )
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="520">'
        '<g transform="translate(60,60)">'
        f'<g class="x-axis" transform="translate(0,{h})" fill="none" font-size="10" '
        'text-anchor="middle">'
        f'<path class="domain" stroke="currentColor" d="M0.5,6V0.5H{w + 0.5}V6"></path>'
        f"{ticks_x}</g>"
        f'<g class="y-axis" fill="none" font-size="10" text-anchor="end">{ticks_y}</g>'
        f"{curves}</g>"
        f'<g class="legend" transform="translate(60,30)" font-size="11">{legend}</g></svg>'
    )
    return path


def test_a_d3_chart_s_groups_axes_and_see_through_grid_are_read(tmp_path: Path) -> None:
    """A d3 chart (it was refused: "no plot found: no axis lines, no panel and no grid"):
    the groups' translations place its strokes and its words; ``currentColor`` draws its
    axis in black; its grid, black at opacity 0.1, is the light grey it shows on white
    paper; the x axis line and the grid frame the plot; the tick marks start half a unit
    off the axis line; with the range given, the labelled ticks 0 and 60 set the scale,
    not the domain's end mark 5 days past the last tick."""
    path = _d3_svg(DATA, tmp_path / "km.svg")
    for result in (digitize_km(path, (0.0, 60.0), (0.0, 1.0)), digitize_km(path)):
        assert result.source == "vector" and result.warnings == ()
        assert result.x_range == (0.0, 60.0) and result.y_range == (0.0, 1.0)
        _check(result, DATA, median=0.002, p95=0.01)


def test_a_see_through_stroke_shows_mixed_with_the_white_under_it() -> None:
    """``currentColor`` is the ``color`` inherited (black when none); a stroke's opacity,
    its own and its groups', mixes its colour with white."""
    from analysis.published.digitize_vector import _stroke_colour

    assert _stroke_colour({"stroke": "currentColor"}) == "#000000"
    assert _stroke_colour({"stroke": "currentColor", "color": "#ff0000"}) == "#ff0000"
    assert _stroke_colour({"stroke": "black", "stroke-opacity": "0.1"}) == "#e6e6e6"
    assert _stroke_colour({"stroke": "#000", "opacity": "0.5", "_alpha": "0.5"}) == "#bfbfbf"


def _plotly_png(data: list[Arm], path: Path) -> Path:
    """Plotly's default look: a blue-grey plot area, white grid lines, white zero lines
    twice as wide at the plot's left and bottom edges (half of each cut off), no axis
    lines, no tick marks, the y axis to 1.05 (the top grid line at 1), the x axis past
    the last labelled tick, the legend outside on the right."""
    fig = Figure(figsize=(7, 5), dpi=200, facecolor="white")
    ax = fig.add_axes((0.11, 0.16, 0.62, 0.64))
    ax.set_facecolor("#E5ECF6")
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlim(0, 1.1 * max(arm.end() for arm in data))
    ax.set_ylim(0, 1.05)
    ax.set_xticks(np.arange(0, 61, 10))
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0], ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    ax.grid(True, color="white", linewidth=0.72)
    ax.set_axisbelow(True)
    ax.axhline(0, color="white", lw=1.44, zorder=0.5)
    ax.axvline(0, color="white", lw=1.44, zorder=0.5)
    ax.tick_params(length=0, labelsize=8.6, labelcolor="#2a3f5f", pad=4.3)
    for arm, colour, name in zip(data, ("#636EFA", "#EF553B"), ("A", "B"), strict=True):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post",
                color=colour, lw=1.44, clip_on=False, label=name)  # fmt: skip
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False)
    fig.savefig(path, dpi=200, facecolor="white")
    return path


@pytest.mark.parametrize("ranged", [True, False])
def test_a_plotly_chart_s_white_grid_on_its_tinted_plot_area_gives_the_ticks(
    tmp_path: Path, ranged: bool
) -> None:
    """No axis lines and no tick marks (it was refused: "found 0 tick mark(s) on the y
    axis"): the white grid lines across the tinted plot area stand for the ticks, and the
    zero lines at its left and bottom edges, seen only as the edges themselves, for the
    first tick of each axis, where the grid's even step puts them."""
    path = _plotly_png(DATA, tmp_path / "km.png")
    result = digitize_km(path, (0.0, 60.0), (0.0, 1.0)) if ranged else digitize_km(path)
    assert result.x_range == (0.0, 60.0) and result.y_range == (0.0, 1.0)
    _check(result, DATA, median=0.005, p95=0.02)


def _matlab_png(data: list[Arm], path: Path) -> Path:
    """MATLAB's default look printed at 150 dpi: a box with tick marks inward on all four
    sides in dark grey, thin stairs in MATLAB's blue and orange, open circles at the
    censorings, the legend's box inside at the top right, close enough to the top and
    right sides for their inward ticks to touch it."""
    grey = (0.15, 0.15, 0.15)
    fig = Figure(figsize=(5.6, 4.2), dpi=150, facecolor="white")
    ax = fig.add_axes((0.13, 0.11, 0.775, 0.815))
    ax.set_xlim(0, 65)  # the last ticks inside the box, off its corners
    ax.set_ylim(-0.02, 1.04)
    ax.set_xticks(np.arange(0, 61, 10))
    ax.set_yticks(np.round(np.arange(0, 1.01, 0.1), 1))
    ax.tick_params(
        direction="in", top=True, right=True, length=3.4, width=0.5, color=grey, labelcolor=grey
    )
    for spine in ax.spines.values():
        spine.set_color(grey)
        spine.set_linewidth(0.5)
    for arm, colour, name in zip(
        data, ("#0072BD", "#D95319"), ("Control", "Treatment"), strict=True
    ):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post",
                color=colour, lw=0.5, label=name)  # fmt: skip
        c, at = arm.censored()
        ax.plot(c, at, "o", mfc="none", mec=colour, ms=4, mew=0.5)
    legend = ax.legend(loc="upper right", borderaxespad=0.45, fancybox=False,
                       edgecolor=grey, framealpha=1)  # fmt: skip
    legend.get_frame().set_linewidth(0.5)
    fig.savefig(path, dpi=150, facecolor="white")
    return path


def test_a_box_s_inward_ticks_on_all_four_sides_do_not_join_its_legend_to_the_curves(
    tmp_path: Path,
) -> None:
    """MATLAB's box with inward ticks on its top and right sides, its legend box inside
    at the top right touching them: the ticks joined the legend's box into a piece that
    was no box, read as two more curves along its edges (four curves for two); the inward
    ticks of every side are blanked before the curves are followed."""
    path = _matlab_png(DATA, tmp_path / "km.png")
    result = digitize_km(path, (0.0, 60.0), (0.0, 1.0))
    _check(result, DATA, median=0.005, p95=0.02)
