"""A curve drawn with its pointwise confidence limits as thin dotted step lines of its
own colour (MedCalc's look), at 96 dpi, where the dots break apart. The limits step at
the curve's event times, so the upper and lower limits' flat stretches after a step
begin in the same column: two rows of short thin pieces starting together, which look
like a legend's samples of two line types of that colour. Only samples standing alone
(no other ink of their colour just above or below them) are taken for a legend's, so the
dotted limits are never read as a second line type, and each curve is read whole from
time 0."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from analysis.published import digitize_raster as raster
from analysis.published.digitize import digitize_km
from tests.digitize.figures import Arm, arms

DATA = arms(20261121, n=(90, 110), hazards=(0.015, 0.03))
COLOURS = ("#1f3fbf", "#c01010")


def _limits(arm: Arm) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Event times and the 95% log-log limits just after each (Greenwood)."""
    order = np.lexsort((1 - arm.event, arm.time))
    t, e = arm.time[order], arm.event[order]
    times, low, high, s, var, at_risk = [0.0], [1.0], [1.0], 1.0, 0.0, len(t)
    for u in np.unique(t):
        here = t == u
        d = int(e[here].sum())
        if d:
            s *= 1 - d / at_risk
            if at_risk > d:
                var += d / (at_risk * (at_risk - d))
            se = np.sqrt(var) / abs(np.log(s)) if 0 < s < 1 else 0.0
            times.append(float(u))
            low.append(s ** np.exp(1.96 * se) if s > 0 else 0.0)
            high.append(s ** np.exp(-1.96 * se) if s > 0 else 0.0)
        at_risk -= int(here.sum())
    return np.asarray(times), np.asarray(low), np.asarray(high)


def _figure(path: Path) -> Path:
    """Two curves with dotted limits of their colours, a legend of solid samples only,
    at 96 dpi."""
    px = 72 / 96
    fig = Figure(figsize=(640 / 96, 440 / 96), dpi=96)
    ax = fig.add_axes((0.12, 0.12, 0.84, 0.82))
    for arm, colour, name in zip(DATA, COLOURS, ("A", "B"), strict=True):
        times, surv = arm.km()
        end = arm.end()
        ax.step(np.append(times, end), np.append(surv, surv[-1]), where="post", color=colour,
                lw=1.5 * px, label=f"Group {name}")  # fmt: skip
        lt, low, high = _limits(arm)
        for limit in (low, high):
            ax.step(np.append(lt, end), np.append(limit, limit[-1]), where="post",
                    color=colour, lw=px, ls=(0, (1, 2)))  # fmt: skip
    ax.set_xlim(0, 60)
    ax.set_ylim(0, 1)
    ax.set_xticks(np.arange(0, 61, 10))
    ax.set_yticks(np.round(np.arange(0, 1.01, 0.2), 1))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="lower left")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96)
    buf.seek(0)
    Image.open(buf).convert("RGB").save(path)
    return path


@pytest.fixture(scope="module")
def figure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _figure(tmp_path_factory.mktemp("dotted") / "figure.png")


def test_limits_flat_together_are_no_legend_samples() -> None:
    """Two dotted stretches starting in one column, each with its curve's ink just
    above it, are no legend; two lone samples (one dotted) are, counted apart."""
    mask = np.zeros((120, 400), bool)
    mask[20, 100:140:3] = True  # upper limit's dots, the curve three rows under
    mask[23, 95:180] = True
    mask[60, 100:140:3] = True  # lower limit's dots, the curve three rows over
    mask[57, 95:100] = True
    kept = np.zeros_like(mask)
    kept[23, 95:180] = kept[57, 95:100] = True
    assert raster.legend_styles(mask, kept, 1)  # taken for a legend when not asked alone
    assert raster.legend_styles(mask, kept, 1, alone=True) == []
    lone = np.zeros_like(mask)
    lone[90, 300:340] = True  # a solid sample
    lone[102, 300:340:3] = True  # a dotted one a line of text under it
    assert len(raster.legend_styles(lone, np.zeros_like(lone), 1, alone=True)) == 2


@pytest.mark.parametrize("ranged", [True, False])
def test_curves_with_dotted_limits_are_read_from_zero(figure: Path, ranged: bool) -> None:
    result = digitize_km(figure, (0.0, 60.0), (0.0, 1.0)) if ranged else digitize_km(figure)
    assert result.n_curves == 2
    assert not any("hidden before" in w for w in result.warnings), result.warnings
    grid = np.linspace(0.0, 50.0, 101)
    for k in (1, 2):
        c = result.curve(k)
        read = c["survival"].to_numpy()[np.searchsorted(c["time"].to_numpy(), grid, "right") - 1]
        errors = [np.abs(read - arm.survival_at(grid)) for arm in DATA]
        best = min(errors, key=lambda e: float(np.median(e)))
        assert float(np.median(best)) <= 0.006 and float(np.quantile(best, 0.95)) <= 0.025
