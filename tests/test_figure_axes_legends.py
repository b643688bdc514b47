"""Figures a reader cannot over-read: bounded scales drawn from their floor, and legends
placed where no data is drawn."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from analysis.figures import paired_plot, trajectory_plot
from analysis.figures.outcomes import scale_axis
from analysis.schema import Cohort
from analysis.synth import synthesize


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    return synthesize(120, seed=7)


def test_trajectory_spans_the_whole_pain_scale_unless_asked_otherwise(cohort: Cohort) -> None:
    fig = trajectory_plot(cohort, "pain_vas")
    ax = fig.axes[0]
    assert ax.get_ylim() == (0.0, 10.0)
    means = [y for line in ax.get_lines() for y in line.get_ydata() if line.get_marker() == "o"]
    assert min(means) > 1.5  # the means alone would have started the axis well above 0
    data = trajectory_plot(cohort, "pain_vas", ylim="data").axes[0].get_ylim()
    assert data[0] > 1.0 and data[1] < 10.0
    assert trajectory_plot(cohort, "pain_vas", ylim=(2, 9)).axes[0].get_ylim() == (2.0, 9.0)
    with pytest.raises(ValueError, match=r"ylim must be 'scale', 'data' or a \(bottom, top\) pair"):
        trajectory_plot(cohort, "pain_vas", ylim="full")  # type: ignore[arg-type]


def test_the_odi_axis_runs_from_0_to_100_and_keeps_what_reaches_beyond() -> None:
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], [32, 48])
    scale_axis(ax, "odi")
    assert ax.get_ylim() == (0.0, 100.0)
    wide = Figure().add_subplot()
    wide.plot([0, 1], [-5, 104])  # drawn beyond the scale: still shown
    scale_axis(wide, "odi")
    low, high = wide.get_ylim()
    assert low < -5 and high > 104
    undeclared = Figure().add_subplot()
    undeclared.plot([0, 1], [3, 4])
    before = undeclared.get_ylim()
    scale_axis(undeclared, "rdq")  # no declared scale: the data's range
    assert undeclared.get_ylim() == before


def test_the_paired_plot_covers_the_scale(cohort: Cohort) -> None:
    low, high = paired_plot(cohort, "pain_vas", lines=True).axes[0].get_ylim()
    assert low <= 0.0 and high >= 10.0
