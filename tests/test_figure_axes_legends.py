"""Figures a reader cannot over-read: bounded scales drawn from their floor, and legends
placed where no data is drawn."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from analysis import stats
from analysis.figures import cumulative_incidence_plot, km_plot, paired_plot, trajectory_plot
from analysis.figures.outcomes import scale_axis
from analysis.schema import Cohort
from analysis.synth import synthesize


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    """The demo's patients (the workbook's seed), as generated."""
    return synthesize(300, seed=17)


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


def _overlaps(fig: Figure) -> list[str]:
    """What the legend's box lies on: each confidence band (filled polygon), curve
    (its steps as drawn) or text of the panel, found from their geometry."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PolyCollection
    from matplotlib.path import Path as MplPath

    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ax = fig.axes[0]
    box = ax.get_legend().get_window_extent(renderer)
    hits = []
    for coll in ax.collections:
        if isinstance(coll, PolyCollection):
            for path in coll.get_paths():
                if path.transformed(coll.get_transform()).intersects_bbox(box, filled=True):
                    hits.append(f"band {coll.get_facecolor()[0][:3]}")
    for line in ax.get_lines():
        x, y = (np.asarray(v, dtype=float) for v in line.get_data())
        if line.get_drawstyle() == "steps-post" and len(x) > 1:
            x, y = np.repeat(x, 2)[1:], np.repeat(y, 2)[:-1]
        xy = ax.transData.transform(np.column_stack([x, y]))
        if len(xy) > 1 and MplPath(xy).intersects_bbox(box, filled=False):
            hits.append(f"line {line.get_label()}")
    for text in ax.texts:
        if text.get_text() and text.get_window_extent(renderer).overlaps(box):
            hits.append(f"text {text.get_text()}")
    return hits


@pytest.mark.parametrize("kind", ["one curve", "by group", "competing causes", "kaplan-meier"])
def test_incidence_legends_lie_clear_of_curves_bands_and_texts(cohort: Cohort, kind: str) -> None:
    cif_all = stats.fracture_cumulative_incidence(cohort)
    km_all = stats.fracture_free_survival(cohort)
    if kind == "one curve":
        any_fracture = stats.fracture_cumulative_incidence(cohort, by_class=False)
        fig = cumulative_incidence_plot(any_fracture, ["new_fracture"], at_risk=km_all)
    elif kind == "by group":
        cif = stats.fracture_cumulative_incidence(cohort, "etiology", by_class=False)
        km = stats.fracture_free_survival(cohort, "etiology")
        fig = cumulative_incidence_plot(cif, ["new_fracture"], at_risk=km, by="etiology")
    elif kind == "competing causes":
        fig = cumulative_incidence_plot(cif_all, at_risk=km_all)
    else:
        km = stats.fracture_free_survival(cohort, "etiology")
        fig = km_plot(km, stats.fracture_free_logrank(cohort, "etiology"), by="etiology")
    assert _overlaps(fig) == []


def test_a_text_keeps_the_font_it_was_placed_in_after_the_style_block() -> None:
    """Labels are measured and placed in the style's font; a figure drawn later (shown
    in a notebook, outside the block) draws them in that same font, whatever the
    default."""
    from analysis.figures.style import JournalFigure, installed_font, journal_style

    with journal_style():
        fig = JournalFigure(figsize=(2, 1))
        text = fig.text(0.1, 0.5, "Age at the index procedure")
    assert text.get_fontfamily() == [installed_font()]
    assert installed_font() in ("Arial", "Helvetica", "Liberation Sans", "DejaVu Sans")
