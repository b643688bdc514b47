"""A figure screenshotted from a web page and saved as a low-quality JPEG: rendered at
72 dpi (curves one pixel thick, mid-grey axis lines under a pixel wide, light grey grid
lines at every tick, no tick marks) on an off-white page with a card's border, saved at
quality 40 with 4:2:0 colour subsampling. The axis lines flicker across the ink level,
the grid lines on the axes are hidden by them, and the curves' colours fade to greyish
tints; read back whole."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image, ImageDraw

from analysis.published import digitize_grid as grid
from analysis.published import digitize_raster as raster
from analysis.published.digitize import digitize_km
from tests.digitize.figures import Arm, arms, grid_errors

DATA = arms(20261121, hazards=(0.025, 0.055))
COLOURS = ("#3A8F5C", "#8E44AD")  # a mid-dark green and purple, as web palettes have
W, H = 640, 470  # the figure's pixels on the page
AXES = (0.10, 0.215, 0.86, 0.675)  # left, bottom, width, height (a share of the figure)
MARGIN = (18, 15)  # the figure's place on the page (left, top)


def _screenshot(data: list[Arm], path: Path) -> Path:
    """The figure drawn at 72 dpi, pasted on a page with a card's border, saved as JPEG
    quality 40 with 4:2:0 subsampling."""
    fig = Figure(figsize=(W / 72, H / 72), dpi=72)
    fig.text(0.5, 0.955, "Overall survival by group", ha="center", fontsize=14,
             fontweight="bold", color="#222222")  # fmt: skip
    ax = fig.add_axes(AXES)
    ax.grid(True, color="#D9D9D9", lw=0.8)
    ax.set_axisbelow(True)
    for i, arm in enumerate(data):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post",
                color=COLOURS[i], lw=1.0, label=f"Group {i + 1}")  # fmt: skip
    ax.set_xlim(0, 60)
    ax.set_ylim(0, 1)
    ax.set_xticks(np.arange(0, 61, 10))
    ax.set_yticks(np.round(np.arange(0, 1.01, 0.2), 1))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#888888")
        ax.spines[side].set_linewidth(0.8)
    ax.tick_params(length=0, pad=5, colors="#444444")
    ax.set_xlabel("Months")
    ax.set_ylabel("Survival probability")
    ax.legend(loc="upper right", frameon=False)
    fig.text(0.03, 0.06, "Figure 1. Kaplan-Meier estimates by group.", fontsize=9,
             style="italic", color="#555555")  # fmt: skip
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=72)
    buf.seek(0)
    shot = Image.open(buf).convert("RGB")
    page = Image.new("RGB", (W + 36, H + 30), (246, 246, 244))
    ImageDraw.Draw(page).rectangle([17, 14, 18 + W, 15 + H], outline=(215, 215, 215))
    page.paste(shot, MARGIN)
    page.save(path, format="JPEG", quality=40, subsampling=2)
    return path


def _rgb(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255


def _axes_px() -> tuple[float, float, float, float]:
    """The axes' left and right columns, top and bottom rows on the page."""
    left, bottom, width, height = AXES
    x0, y0 = MARGIN
    return (x0 + left * W, x0 + (left + width) * W, y0 + (1 - bottom - height) * H,
            y0 + (1 - bottom) * H)  # fmt: skip


@pytest.fixture(scope="module")
def shot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _screenshot(DATA, tmp_path_factory.mktemp("shot") / "figure.jpg")


def test_thin_grey_axis_lines_flickering_under_jpeg_are_found(shot: Path) -> None:
    frame = raster.find_frame(_rgb(shot))
    assert frame is not None and not frame.panel
    left, right, top, bottom = _axes_px()
    assert abs(frame.left - left) <= 1.5 and abs(frame.bottom - bottom) <= 1.5
    assert abs(frame.top - top) <= 1.5 and abs(frame.right - right) <= 1.5


def test_grid_lines_hidden_under_the_axis_lines_stand_for_the_end_ticks(shot: Path) -> None:
    """Without tick marks the grid lines give the scale; those at 0 (under the axis
    lines) and at the plot's far edges are taken where the grid's step puts them."""
    rgb = _rgb(shot)
    frame = raster.find_frame(rgb)
    assert frame is not None
    cols, rows = grid.grid_ticks(rgb, frame)
    left, right, top, bottom = _axes_px()
    assert np.allclose(cols, np.linspace(left, right, 7), atol=1.5), cols
    assert np.allclose(rows, np.linspace(top, bottom, 6), atol=1.5), rows


def test_curve_colours_faded_by_colour_subsampling_are_told_apart(shot: Path) -> None:
    rgb = _rgb(shot)
    left, right, top, bottom = (round(v) for v in _axes_px())
    layers = raster.find_layers(rgb[top + 2 : bottom - 1, left + 2 : right - 1])
    assert len(layers) == 2 and not any(la.dark for la in layers)
    hues = sorted(float(np.argmax(la.colour)) for la in layers)
    assert hues == [1.0, 2.0]  # one green, one purple (blue its largest part)


@pytest.mark.parametrize("ranged", [True, False])
def test_a_low_quality_screenshot_is_read_whole(shot: Path, ranged: bool) -> None:
    result = digitize_km(shot, (0.0, 60.0), (0.0, 1.0)) if ranged else digitize_km(shot)
    assert result.n_curves == 2
    for k, arm in enumerate(DATA, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.median(err) <= 0.005, (k, np.median(err))
        assert np.quantile(err, 0.95) <= 0.02, (k, np.quantile(err, 0.95))
    assert not any("not 1" in w for w in result.warnings), result.warnings


def test_one_faded_hue_alone_is_not_taken_for_curves_of_their_own() -> None:
    """Mid-grey ink under a warm tint (a photographed page's) holds one hue: no colours."""
    from analysis.published.digitize_faded import faded_colours

    rng = np.random.default_rng(20261121)
    crop = np.ones((200, 300, 3), dtype=np.float32)
    crop[50:150:10, 20:280] = np.array([0.45, 0.40, 0.35], dtype=np.float32)
    crop += rng.normal(0, 0.01, crop.shape).astype(np.float32)
    hue, sat, _val = raster._hue(crop)
    assert faded_colours(crop, hue, sat, raster.grey_level(crop), 90.0) == []
