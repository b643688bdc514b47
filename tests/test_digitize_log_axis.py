"""A survival axis zoomed and log-scaled (matplotlib's ``set_yscale("log")``, ticks at
0.5, 0.6, ..., 1.0): its evenly stepped labels stand at unevenly spaced ticks, and read
as linear a value halfway up is off by several hundredths. Read back from a drawing and
from an image, with the axis's range given and without."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FormatStrFormatter, NullLocator

from analysis.published.digitize import digitize_km
from analysis.published.digitize_logscale import is_log_axis, to_pixel, to_value
from tests.digitize.figures import TAB, Arm, arms, grid_errors

DATA = arms(20261121, hazards=(0.006, 0.012), follow_up=60.0)
Y_TICKS = np.round(np.arange(0.5, 1.001, 0.1), 1)


def _log_figure(data: list[Arm], path: Path, dpi: int = 100) -> Path:
    """Matplotlib's defaults with the y axis log-scaled from 0.48 to 1.02, ticks fixed
    at 0.5, 0.6, ..., 1.0 printed "%.1f", its minor ticks removed."""
    fig = Figure(figsize=(6.4, 4.8), dpi=dpi)
    ax = fig.add_subplot()
    for i, arm in enumerate(data):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post",
                color=TAB[i], lw=1.5, label=f"Group {i + 1}")  # fmt: skip
    ax.set_yscale("log")
    ax.set_ylim(0.48, 1.02)
    ax.yaxis.set_major_locator(FixedLocator(list(Y_TICKS)))
    ax.yaxis.set_major_formatter(FormatStrFormatter("%.1f"))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_xlim(0, 60)
    ax.set_xticks([0, 12, 24, 36, 48, 60])
    ax.legend(loc="lower left")
    fig.savefig(path, dpi=dpi)
    return path


def _check(result, data: list[Arm]) -> None:
    assert result.n_curves == len(data)
    for k, arm in enumerate(data, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.median(err) <= 0.004, (k, np.median(err))
        assert np.quantile(err, 0.95) <= 0.015, (k, np.quantile(err, 0.95))
    assert result.log_axes == (False, True)
    assert any("y axis is logarithmic" in w for w in result.warnings), result.warnings
    assert not any("not evenly spaced" in w for w in result.warnings), result.warnings


@pytest.mark.parametrize("fmt", ["svg", "png"])
@pytest.mark.parametrize("ranged", [True, False])
def test_a_log_scaled_survival_axis_is_read_as_logarithmic(
    tmp_path: Path, fmt: str, ranged: bool
) -> None:
    path = _log_figure(DATA, tmp_path / f"log.{fmt}")
    ranges = ((0.0, 60.0), (0.5, 1.0)) if ranged else (None, None)
    result = digitize_km(path, *ranges)
    _check(result, DATA)
    assert result.y_range == (0.5, 1.0)


def test_the_overlay_of_a_log_axis_is_drawn_on_the_log_scale(tmp_path: Path) -> None:
    """A value drawn back on the image stands at the pixel it was read from."""
    path = _log_figure(DATA, tmp_path / "log.png")
    result = digitize_km(path, (0.0, 60.0), (0.5, 1.0))
    _x0, _x1, y0, y1 = result.ticks_px
    back = to_pixel(0.7, (y0, y1), result.y_range, log=True)
    assert abs(float(to_value(back, (y0, y1), result.y_range, log=True)) - 0.7) < 1e-12
    linear = to_pixel(0.7, (y0, y1), result.y_range)
    assert abs(float(back) - float(linear)) > 5  # a linear overlay would be pixels off


def test_unevenly_spaced_ticks_of_a_linear_axis_are_not_taken_for_a_log_one() -> None:
    """A tick missing from an evenly spaced axis (or one read twice) is no log axis; nor
    are evenly spaced ticks, nor an axis through 0."""
    even = np.array([400.0, 320.0, 240.0, 160.0, 80.0, 0.0])
    assert is_log_axis(even, (0.5, 1.0), descending=True) is None
    assert is_log_axis(np.delete(even, 2), (0.5, 1.0), descending=True) is None
    assert is_log_axis(even, (0.0, 1.0), descending=True) is None
    rows = to_pixel(Y_TICKS, (400.0, 0.0), (0.5, 1.0), log=True)
    assert is_log_axis(rows, (0.5, 1.0), descending=True) == "0.5, 0.6, 0.7, ..., 1"
    # labels read: decades evenly spaced are a log axis too, told from their values
    decades = np.array([300.0, 200.0, 100.0, 0.0])
    assert is_log_axis(decades, (0.001, 1.0), np.array([0.001, 0.01, 0.1, 1.0])) is not None
    assert is_log_axis(decades, (0.001, 1.0), descending=True) is None
