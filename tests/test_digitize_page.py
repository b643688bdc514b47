"""A Kaplan-Meier plot on a photocopied journal page: running text above it, the page in
8-bit greyscale, blurred, with grain and dark specks over grey paper; one curve black
and one a mid grey, read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from PIL import Image, ImageFilter
from scipy import ndimage

from analysis.published.digitize import digitize_km
from tests.digitize.figures import Arm, arms
from tests.test_digitize_web import _check

DATA = arms(20261208, n=(180, 180), hazards=(0.008, 0.025), follow_up=60.0)
WORDS = "survival hazard treatment randomized patients median follow-up events cohort"


def _page(data: list[Arm], path: Path, dpi: int = 150, speck: int = 1) -> Path:
    """A page: lines of body text over its upper third, then the plot (black and mid
    grey steps, y 0-100%, x 0-60 months), photocopied: greyscale, a blur, ink lifted to
    a dark grey and paper dropped to a light one, Gaussian grain and dark specks (a fixed
    seed) ``speck`` pixels a side."""
    fig = Figure(figsize=(6.0, 8.0), dpi=dpi, facecolor="white")
    words = WORDS.split()
    for i in range(14):
        line = " ".join(words[(i + j) % len(words)] for j in range(9))
        fig.text(0.08, 0.95 - i * 0.022, line, fontsize=9, family="serif")
    ax = fig.add_axes((0.16, 0.12, 0.76, 0.42))
    for arm, ink in zip(data, ("black", "#8c8c8c"), strict=True):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]) * 100, where="post",
                color=ink, lw=1.3)  # fmt: skip
    ax.set_xlim(0, 61)
    ax.set_ylim(0, 101)
    ax.set_xticks([0, 12, 24, 36, 48, 60])
    ax.set_yticks([0, 20, 40, 60, 80, 100])
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel("Months")
    ax.set_ylabel("Overall survival (%)")
    raw = path.with_name(path.stem + "_raw.png")
    fig.savefig(raw, dpi=dpi, facecolor="white")
    img = Image.open(raw).convert("L").filter(ImageFilter.GaussianBlur(1.0))
    grey = np.asarray(img, dtype=np.float64) / 255
    rng = np.random.default_rng(20261208)
    ink = (1 - grey) * np.linspace(1.0, 0.7, grey.shape[1])[None, :]  # toner fading across
    ink = np.where(rng.random(ink.shape) < 0.04, ink * 0.45, ink)  # white drop-outs
    paper = np.linspace(0.88, 0.95, grey.shape[1])[None, :]  # darker at the binding
    grey = paper - ink * (paper - 0.1) + rng.normal(0, 0.03, grey.shape)
    specks = rng.random(grey.shape) < 0.003 / speck**2
    if speck > 1:
        specks = ndimage.binary_dilation(specks, np.ones((speck, speck), bool), origin=-1)
    grey[specks] = rng.uniform(0.2, 0.7, int(specks.sum()))
    Image.fromarray(np.clip(grey * 255, 0, 255).astype(np.uint8)).save(path)
    return path


def test_a_mid_grey_curve_in_a_photocopy_s_grain_is_a_curve(tmp_path: Path) -> None:
    """Blur and grain spread the grey curve's pixels over every level from its own to
    the paper's (its edges, the grain's darker pixels), so no one grey held most of them
    and the grey curve was not found (one curve read, error 1 on the other). The
    strokes' cores (each pixel the darkest of its neighbours) show the grey's level, and
    its pixels of that level, a pixel apart, make one stroke across the plot."""
    path = _page(DATA, tmp_path / "page.png")
    _check(digitize_km(path, (0.0, 60.0), (0.0, 100.0)), DATA, median=0.005, p95=0.02)


def test_a_photocopy_s_tick_labels_are_read_among_specks_two_pixels_across(
    tmp_path: Path,
) -> None:
    """Specks two pixels high and wide, far more of them than characters, set the
    characters' typical height at 2 pixels, and every character (over four times that)
    was left out as a frame: no tick label read, the axes taken in tick intervals and 0
    to 1. The typical height is taken over marks three pixels high or more, and the
    labels set the scale."""
    path = _page(DATA, tmp_path / "page.png", speck=2)
    result = digitize_km(path)
    assert not any("tick intervals" in w or "was taken as 0" in w for w in result.warnings)
    _check(result, DATA, median=0.005, p95=0.02)
