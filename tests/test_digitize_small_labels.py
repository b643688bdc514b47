"""Tick labels in small print (a web thumbnail at 96 dpi: digits five or six pixels
high, printed a pixel under short tick marks). A tick mark and the label just under it
look like the parts of one character stacked one above the other; the reader, which
leaves out the marks touching the axis (the tick marks), must not take the label away
with its tick."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from analysis.published import digitize_ocr as ocr
from analysis.published.digitize import digitize_km
from tests.digitize.figures import arms

DATA = arms(20261121, hazards=(0.03, 0.06))
PX = 72 / 96  # one pixel in points at 96 dpi


def _thumbnail() -> np.ndarray:
    """A 380 x 270 px figure at 96 dpi: 7 px tick labels 1.5 px under 2 px tick marks,
    x in months 0-24 (ticks every 4), y 0-1."""
    fig = Figure(figsize=(380 / 96, 270 / 96), dpi=96)
    ax = fig.add_axes((0.12, 0.14, 0.84, 0.8))
    for arm, colour in zip(DATA, ("#c0392b", "#2c5aa0"), strict=True):
        times, surv = arm.km()
        ax.step(np.append(times, 24), np.append(surv, surv[-1]), where="post", color=colour,
                lw=PX)  # fmt: skip
    ax.set_xlim(0, 24)
    ax.set_ylim(0, 1)
    ax.set_xticks(np.arange(0, 25, 4))
    ax.set_yticks(np.round(np.arange(0, 1.01, 0.25), 2))
    ax.tick_params(length=2 * PX, width=PX, pad=1.5 * PX, labelsize=7 * PX)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96)
    buf.seek(0)
    return np.asarray(Image.open(buf).convert("RGB"), dtype=float) / 255


@pytest.fixture(scope="module")
def thumbnail(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, Path]:
    rgb = _thumbnail()
    path = tmp_path_factory.mktemp("thumb") / "figure.png"
    Image.fromarray((rgb * 255).round().astype(np.uint8)).save(path)
    return rgb, path


def test_a_label_joined_to_its_tick_mark_is_kept() -> None:
    """A tick mark touching the region's top, its faint end a pixel over the label:
    the tick is left out, the label read."""
    rgb = np.ones((12, 20, 3))
    rgb[0:3, 9] = 0.0  # the tick mark, from the axis down
    rgb[3, 9] = 0.8  # its anti-aliased end, too faint to be ink
    digit = np.zeros((7, 5), bool)  # a "1": stem and foot
    digit[:, 2] = True
    digit[1, 1] = True
    digit[6, 1:4] = True
    rgb[4:11, 7:12][digit] = 0.0
    found = ocr.words(rgb, (0, 12, 0, 20), touching="top")
    assert [w.text for w in found] == ["1"]


def test_small_tick_labels_give_the_x_range(thumbnail: tuple[np.ndarray, Path]) -> None:
    _, path = thumbnail
    result = digitize_km(path)
    assert not any("--x-range" in w for w in result.warnings), result.warnings
    assert result.n_curves == 2
    grid = np.linspace(0.5, 20, 40)
    for k in (1, 2):
        c = result.curve(k)
        read = c["survival"].to_numpy()[np.searchsorted(c["time"].to_numpy(), grid, "right") - 1]
        errors = [np.median(np.abs(read - arm.survival_at(grid))) for arm in DATA]
        assert min(errors) < 0.01, errors
