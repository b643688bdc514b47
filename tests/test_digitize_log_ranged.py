"""A time axis log-scaled (R's ``plot(..., log = "x")``, ticks at 0.5, 1, 2, 5, 10, 15)
read with its range given: the labels read at its ticks tell it logarithmic as they do
when nothing is given, rather than the ticks' uneven spacing being taken for a linear
axis through the given ends. Its curves start at the first tick (0.5: time 0 cannot be
shown), and the patients are rebuilt from numbers at risk starting there."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FormatStrFormatter, NullLocator

from analysis.published import reconstruct_ipd
from analysis.published.digitize import digitize_km, labels_of_given
from tests.digitize.figures import TAB, Arm, arms, grid_errors

X_TICKS = (0.5, 1.0, 2.0, 5.0, 10.0, 15.0)
DATA = [
    Arm(arm.time + 0.5, arm.event)  # every patient enters at 0.5 (a landmark)
    for arm in arms(20261121, hazards=(0.06, 0.14), follow_up=14.4)
]


def _log_x_figure(data: list[Arm], path: Path) -> Path:
    """Two coloured steps on a log time axis from 0.44 to 17, ticks at ``X_TICKS``
    printed "%g", no minor ticks, boxed, at 150 dpi."""
    fig = Figure(figsize=(6.4, 4.8), dpi=150)
    ax = fig.add_subplot()
    for arm, colour in zip(data, TAB, strict=False):
        times, surv = arm.km()
        times[0] = 0.5
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post",
                color=colour, lw=1.2)  # fmt: skip
    ax.set_xscale("log")
    ax.set_xlim(0.44, 17.0)
    ax.xaxis.set_major_locator(FixedLocator(list(X_TICKS)))
    ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_ylim(-0.04, 1.04)
    ax.set_yticks([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    fig.savefig(path, dpi=150)
    return path


@pytest.mark.parametrize("ranged", [True, False])
def test_a_log_time_axis_is_read_as_logarithmic_with_its_range_given(
    tmp_path: Path, ranged: bool
) -> None:
    path = _log_x_figure(DATA, tmp_path / "log_x.png")
    ranges = ((0.5, 15.0), (0.0, 1.0)) if ranged else (None, None)
    result = digitize_km(path, *ranges)
    assert result.log_axes == (True, False), result.warnings
    assert any("x axis is logarithmic" in w for w in result.warnings), result.warnings
    assert not any("not evenly spaced" in w for w in result.warnings), result.warnings
    assert result.n_curves == 2
    for k, arm in enumerate(DATA, start=1):
        c = result.curve(k)
        t, s = c["time"].to_numpy(), c["survival"].to_numpy()
        keep = t >= 0.5  # the curve as drawn, from the first tick on
        err = grid_errors(t[keep], s[keep], arm)[50:]  # the grid from 0.5 on (of 0-15)
        assert np.median(err) <= 0.005, (k, np.median(err))
        assert np.quantile(err, 0.95) <= 0.02, (k, np.quantile(err, 0.95))


def test_labels_read_name_a_given_range_only_one_at_each_tick() -> None:
    """The labels stand for the ticks' values only when each tick has one and the first
    and last read the range given (a label missed, or another range, leaves them out)."""
    ticks = np.array([100.0, 200.0, 300.0, 432.0])
    values = np.array([1.0, 2.0, 5.0, 15.0])
    assert labels_of_given(ticks, ticks + 0.5, values, (1.0, 15.0)).tolist() == [1, 2, 5, 15]
    # ticks given in another order than the labels: the values follow the ticks
    back = labels_of_given(ticks[::-1], ticks, values, (1.0, 15.0))
    assert back.tolist() == [15, 5, 2, 1]
    assert labels_of_given(ticks, ticks[:3], values[:3], (1.0, 15.0)) is None
    assert labels_of_given(ticks, ticks, values, (0.0, 15.0)) is None
    assert labels_of_given(ticks, ticks + 3, values, (1.0, 15.0)) is None
    assert labels_of_given(ticks, ticks, values, None) is None


def test_patients_are_rebuilt_from_numbers_at_risk_starting_after_time_0() -> None:
    """A curve flat at 1 until the first number at risk is printed (at 0.5) is rebuilt
    from there as from 0: the same patients at risk, nobody failing before 0.5."""
    arm = DATA[0]
    times, surv = arm.km()
    risk_times = np.array([0.5, 4.0, 7.5, 11.0, 14.5])
    ipd = reconstruct_ipd(times[1:], surv[1:], risk_times, arm.at_risk(risk_times))
    assert len(ipd) == len(arm.time)
    assert ipd.loc[ipd["event"] == 1, "time"].min() >= 0.5
    assert abs(int(ipd["event"].sum()) - int(arm.event.sum())) <= 2
    fell = (np.array([0.0, 0.3, 3.0]), np.array([1.0, 0.9, 0.8]))  # falls before 0.5
    with pytest.raises(ValueError, match=r"the first given is at 0\.5, and the curve falls"):
        reconstruct_ipd(*fell, risk_times, arm.at_risk(risk_times))
