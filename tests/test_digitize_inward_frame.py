"""Kaplan-Meier figures boxed by a thick frame with major and minor tick marks drawn
inward on all four sides (OriginLab's look), read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.ticker import MultipleLocator

from analysis.published.digitize import digitize_km
from analysis.published.digitize_raster import inward_ticks
from tests.digitize.figures import Arm, arms
from tests.test_digitize_web import _check

DATA = arms(20261207, n=(120, 140), hazards=(0.035, 0.015), follow_up=50.0)


def _boxed_png(data: list[Arm], path: Path, dpi: int) -> Path:
    """A thick dark frame on all four sides, major ticks every 10 months and 0.25 with
    minor ticks halfway between them, all drawn inward on every side (more minor marks
    show than major ones: the major ones at the corners are hidden in the frame), labels
    left and bottom only, the stairs in dark green and purple starting on the frame's
    left edge, a framed legend inside at the top right."""
    ink = (0.1, 0.1, 0.1)
    fig = Figure(figsize=(6.0, 4.4), dpi=dpi, facecolor="white")
    ax = fig.add_axes((0.14, 0.14, 0.8, 0.8))
    ax.set_xlim(0, 50)
    ax.set_ylim(0, 1.0)
    ax.xaxis.set_major_locator(MultipleLocator(10))
    ax.xaxis.set_minor_locator(MultipleLocator(5))
    ax.yaxis.set_major_locator(MultipleLocator(0.25))
    ax.yaxis.set_minor_locator(MultipleLocator(0.125))
    for which, length in (("major", 5.5), ("minor", 3.0)):
        ax.tick_params(which=which, direction="in", top=True, right=True, length=length,
                       width=1.2, color=ink)  # fmt: skip
    for spine in ax.spines.values():
        spine.set_color(ink)
        spine.set_linewidth(2.0)
    for arm, colour, name in zip(data, ("#1b7837", "#762a83"), ("A", "B"), strict=True):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post",
                color=colour, lw=1.3, label=name, clip_on=False)  # fmt: skip
    legend = ax.legend(loc="upper right", fancybox=False, edgecolor=ink, framealpha=1)
    legend.get_frame().set_linewidth(1.0)
    ax.set_xlabel("Months", fontweight="bold")
    ax.set_ylabel("Survival", fontweight="bold")
    fig.savefig(path, dpi=dpi, facecolor="white")
    return path


@pytest.mark.parametrize("dpi", [150, 300])
def test_inward_major_ticks_are_told_from_the_more_numerous_minor_ones(
    tmp_path: Path, dpi: int
) -> None:
    """The commonest inward marks were the minor ones (the major ones at the corners
    hidden in the frame), taken for the ticks: labelled 0 and 50, they set a scale a
    half-step off at each end; and at 300 dpi the major marks, longer than half the
    strip looked in, were not marks at all. Minor marks between each two of evenly spaced
    longer marks are passed over for those, looked for twice as deep; the labels are then
    read at them."""
    path = _boxed_png(DATA, tmp_path / "km.png", dpi)
    for result in (digitize_km(path, (0.0, 50.0), (0.0, 1.0)), digitize_km(path)):
        assert result.x_range == (0.0, 50.0) and result.y_range == (0.0, 1.0)
        _check(result, DATA, median=0.005, p95=0.02)


def test_inward_marks_all_of_one_length_are_all_ticks() -> None:
    """Marks of one length (no minor ones) are all kept, the hidden end ones added."""
    from analysis.published.digitize_raster import Frame

    dark = np.zeros((200, 300), dtype=bool)
    dark[:, 20:24] = True  # the y axis line
    dark[176:180, :] = True  # the x axis line
    for x in (70, 120, 170, 220, 270):
        dark[166:176, x : x + 2] = True
    for y in (26, 76, 126):
        dark[y : y + 2, 24:34] = True
    frame = Frame(left=23, right=299, top=0, bottom=179, line=4, panel=False, y_right=False,
                  level=0.5)  # fmt: skip
    xt, yt = inward_ticks(dark, frame)
    assert list(xt) == [20.5, 70.5, 120.5, 170.5, 220.5, 270.5]
    assert list(yt) == [26.5, 76.5, 126.5, 176.5]
