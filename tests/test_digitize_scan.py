"""Kaplan-Meier figures from old black-and-white journals, scanned: greyscale, blurred,
the page a little turned, grain; a boxed plot with inward tick marks, black curves told
apart only by line type (solid, dashed, dash-dot) with vertical censor ticks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image, ImageFilter

from analysis.published.digitize import digitize_km
from tests.digitize.figures import LINE_STYLES, Arm, Spec, arms, draw
from tests.test_digitize_web import _check

TWO = arms(20261121, hazards=(0.02, 0.045))
THREE = arms(4, n=(150, 150, 150), hazards=(0.015, 0.03, 0.06))


def _scanned(figure: Path, blur: float, turn: float, specks: float = 0.0) -> Path:
    """The figure printed and scanned to 8-bit greyscale: a Gaussian blur of ``blur``
    pixels, the page turned ``turn`` degrees, ink lifted to a dark grey and paper dropped
    to a light one, grain, and a share ``specks`` of the pixels dark specks (a fixed
    seed)."""
    img = Image.open(figure).convert("L").filter(ImageFilter.GaussianBlur(blur))
    img = img.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=235)
    grey = np.asarray(img, dtype=np.float64) / 255
    grey = 0.13 + (grey - grey.min()) / (grey.max() - grey.min()) * (0.92 - 0.13)
    rng = np.random.default_rng(20261121)
    grey += rng.normal(0, 0.02, grey.shape)
    grey[rng.random(grey.shape) < specks] = 0.2
    path = figure.with_name(figure.stem + "_scan.png")
    Image.fromarray(np.clip(grey * 255, 0, 255).astype(np.uint8)).save(path)
    return path


def _boxed_inward(data: list[Arm], path: Path, dpi: int) -> Path:
    """A boxed plot, its frame 0.9 points thick, inward ticks as thick, solid and dashed
    black curves 1.2 points thick (an old journal's figure)."""
    fig = Figure(figsize=(6, 4.6), dpi=dpi)
    ax = fig.add_subplot()
    for arm, style in zip(data, LINE_STYLES, strict=False):
        times, surv = arm.km()
        x, y = np.append(times, arm.end()), np.append(surv, surv[-1])
        ax.step(x, y, where="post", color="black", lw=1.2, ls=style)
    for spine in ax.spines.values():
        spine.set_linewidth(0.9)
    ax.set_xticks([0, 12, 24, 36, 48, 60])
    ax.set_xlim(0, 60)
    ax.set_ylim(0, 1.02)
    ax.tick_params(direction="in", length=4, width=0.9, top=False, right=False)
    fig.savefig(path, dpi=dpi)
    return path


@pytest.mark.parametrize("blur", [0.7, 1.0])
def test_a_blurred_scan_s_inward_ticks_wider_than_its_frame_line_are_read(
    tmp_path: Path, blur: float
) -> None:
    """Blurred, turned and thresholded, the inward ticks come out a pixel wider than the
    frame's line (4 pixels against 3): taken as at most three pixels wide, none was a tick
    and the figure was refused ("found 0 tick mark(s) on the x axis")."""
    figure = _scanned(_boxed_inward(TWO, tmp_path / "km.png", 200), blur, -1.1)
    _check(digitize_km(figure, (0, 60), (0, 1)), TWO, 0.005, 0.02)


@pytest.mark.parametrize("scanned", [False, True])
def test_a_dashed_and_a_dash_dot_curve_are_told_apart_by_where_their_pieces_run(
    tmp_path: Path, scanned: bool
) -> None:
    """Solid, dashed and dash-dot black curves with vertical censor ticks. Grouped by
    size, the broken curves' pieces part into dashes (both curves' dashes: the dash-dot's
    are as long as the dashed curve's) and dots: the dashed curve was read along both
    curves' dashes (median error 0.17 to 0.30) and, on a scan, the dash-dot curve twice
    and the dashed one missed. Where the legend shows a dash-dot line, pieces of one size
    group lying over one another (curves mixed) are dealt to the curves by where they
    run, with two broken curves as with three. (Not otherwise: R's dashed band lines
    about one curve would be read as two curves, and a dashed and a dotted curve are
    parted by size.)"""
    spec = Spec(style="rbase", dpi=150, extra={"bw": True, "line_types": (0, 1, 3), "marks": "|"})
    figure = draw(THREE, spec, tmp_path / "km")
    if scanned:  # the scan's dashed curve a few pixels off at its first drops
        figure = _scanned(figure, 0.7, -1.1)
    result = digitize_km(figure, spec.x_range(), spec.y_range(), curves=3)
    _check(result, THREE, 0.005, 0.04 if scanned else 0.02)


def test_tick_labels_are_read_among_a_scan_s_specks(tmp_path: Path) -> None:
    """A scan's specks, a pixel across, outnumber the tick labels' characters under the
    x axis: the characters' typical height, taken over every mark, was a pixel, and every
    digit was dropped as far taller than the characters (read without ranges, the times
    came out in tick intervals and the y labels were not read). Taken over marks two
    pixels across or more, the labels are read."""
    spec = Spec(style="rbase", dpi=150)
    figure = _scanned(draw(TWO, spec, tmp_path / "km"), 0.7, -1.1, specks=0.002)
    result = digitize_km(figure, None, None)
    assert not any("no --x-range" in w or "no --y-range" in w for w in result.warnings)
    _check(result, TWO, 0.005, 0.02)
