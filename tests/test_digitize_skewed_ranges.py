"""The axis ranges given name the first and last tick labels printed; where the lowest y
tick is drawn inward along the x axis's line (an open frame, a journal's, scanned and
turned) it shows no mark of its own, and the given 0 was put at the lowest mark seen (0.2),
stretching every value read: the tick labels read put it where it stands."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from PIL import Image, ImageFilter

from analysis.published.digitize import digitize_km
from tests.digitize.figures import LINE_STYLES, Arm, arms
from tests.test_digitize_web import _check

TWO = arms(20261121, hazards=(0.02, 0.045))


def _open_inward(data: list[Arm], path: Path) -> Path:
    """An open frame (no top or right line), inward ticks, y from exactly 0 (its 0 tick
    along the x axis), solid and dashed black curves, serif labels and a numbers-at-risk
    table, drawn at 300 dpi; then printed and scanned: ink a dark grey, the page turned
    1.5 degrees, blurred, grey paper with grain, halved to 150 dpi, saved as a JPEG."""
    fig = Figure(figsize=(6.0, 5.0), dpi=300)
    ax = fig.add_axes((0.17, 0.33, 0.78, 0.62))
    ticks = [0, 12, 24, 36, 48, 60]
    for arm, style in zip(data, LINE_STYLES, strict=False):
        times, surv = arm.km()
        x, y = np.append(times, arm.end()), np.append(surv, surv[-1])
        ax.step(x, y, where="post", color="black", lw=1.3, ls=style)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xticks(ticks)
    ax.set_xlim(0, 61.2)
    ax.set_ylim(0, 1.02)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0], ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    ax.tick_params(direction="in", length=4)
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        label.set_family("serif")
    ax.set_xlabel("Time since randomization (months)", family="serif")
    ax.set_ylabel("Overall survival", family="serif")
    fig.text(0.02, 0.205, "No. at risk", fontstyle="italic", family="serif")
    for arm, name, row in zip(data, ("A", "B"), (0.16, 0.115), strict=False):
        fig.text(0.02, row, name, va="center", family="serif")
        for u, n in zip(ticks, arm.at_risk(np.asarray(ticks, float)), strict=True):
            x = 0.17 + 0.78 * u / 61.2
            fig.text(x, row, str(n), ha="center", va="center", family="serif")
    clean = tmp = path.with_name("clean.png")
    fig.savefig(clean, dpi=300, facecolor="white")
    ink = 0.88 * (1 - np.asarray(Image.open(tmp).convert("L"), dtype=float) / 255)
    big = np.pad(ink, 60)
    turned = Image.fromarray((big * 255).astype(np.uint8)).rotate(
        1.5, resample=Image.Resampling.BICUBIC, fillcolor=0
    )
    ink = np.asarray(turned.filter(ImageFilter.GaussianBlur(0.8)), dtype=float) / 255
    rng = np.random.default_rng(20261121)
    paper = 0.93 + rng.normal(0, 0.025, ink.shape)
    grey = np.clip(paper * (1 - ink) + 0.1 * ink, 0, 1)
    rgb = np.stack([grey, grey * 0.985, grey * 0.95], axis=-1)
    page = Image.fromarray((rgb * 255).round().astype(np.uint8), "RGB")
    page = page.resize((page.width // 2, page.height // 2), Image.Resampling.LANCZOS)
    page.save(path, quality=72)
    return path


def test_a_given_range_s_end_without_a_tick_mark_is_put_where_the_labels_put_it(
    tmp_path: Path,
) -> None:
    """Read zero-click, the labels set the scale (0.2 to 1.0 where "0" is not read);
    given the range 0 to 1, the same must come out."""
    figure = _open_inward(TWO, tmp_path / "scan.jpg")
    ranged = digitize_km(figure, (0, 60), (0, 1))
    _check(ranged, TWO, 0.005, 0.02)
    assert not [w for w in ranged.warnings if "not evenly spaced" in w]
