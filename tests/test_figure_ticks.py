"""Figures a reader can match with the tables: survival ticks and numbers at risk on the
tabulated days, forest intervals within ticks, and early swimmer markers clear of the
axis."""

from __future__ import annotations

from dataclasses import replace

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis.figures import (
    cumulative_incidence_plot,
    forest_plot,
    km_plot,
    swimmer_plot,
    trajectory_plot,
)
from analysis.figures.survival import tabulated_breaks
from analysis.schema import Cohort
from analysis.stats import (
    fracture_cumulative_incidence,
    fracture_free_survival,
    fracture_risk_model,
)
from analysis.synth import synthesize

TABULATED = (30, 90, 180, 365, 730)


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    """The demo's patients (the workbook's seed), as generated."""
    return synthesize(300, seed=17)


def _at_risk(fig: Figure, group: str) -> list[int]:
    return [int(t.get_text()) for t in fig.findobj(mpl.text.Text) if t.get_gid() == f"at-risk:{group}"]  # fmt: skip


def test_tabulated_breaks_keep_the_reported_days_that_have_room() -> None:
    # 30 and 90 days have no room for their numbers at risk on 980 days of axis
    assert tabulated_breaks(TABULATED, 980.0) == [0.0, 180.0, 365.0, 730.0]
    # on a shorter axis 90 days has room; days past the curves' end are not ticks
    assert tabulated_breaks(TABULATED, 400.0) == [0.0, 90.0, 180.0, 365.0]
    assert tabulated_breaks(TABULATED, 400.0, min_gap=0.05) == [0.0, 30.0, 90.0, 180.0, 365.0]
    # past the last tabulated day, yearly steps to the end
    assert tabulated_breaks((180, 365), 1200.0) == [0.0, 180.0, 365.0, 730.0, 1095.0]
    with pytest.raises(ValueError, match="tabulated days must be 0 or later"):
        tabulated_breaks((-30, 90), 400.0)


def test_survival_figures_tick_and_count_at_risk_on_the_tabulated_days(cohort: Cohort) -> None:
    km = fracture_free_survival(cohort, "etiology")
    fig = km_plot(km, by="etiology", days=TABULATED)
    ticks = list(fig.axes[0].get_xticks())
    assert ticks == [0.0, 180.0, 365.0, 730.0]
    at = km.at(ticks)
    for c in km.curves:
        assert _at_risk(fig, c.group) == at.loc[at["group"] == c.group, "n_risk"].tolist()
    cif = fracture_cumulative_incidence(cohort, "etiology", by_class=False)
    fig = cumulative_incidence_plot(cif, ("new_fracture",), at_risk=km, by="etiology", days=TABULATED)  # fmt: skip
    assert list(fig.axes[0].get_xticks()) == ticks
    for c in km.curves:
        assert _at_risk(fig, c.group) == at.loc[at["group"] == c.group, "n_risk"].tolist()


def _forest_limits(fig: Figure) -> tuple[list[float], list[float]]:
    ax = fig.axes[0]
    ends = [x for line in ax.get_lines() if len(line.get_xdata()) == 2 and line.get_linestyle() == "-" for x in line.get_xdata()]  # fmt: skip
    return [float(t) for t in ax.get_xticks()], ends


def test_the_forest_axis_has_a_tick_beyond_every_interval(cohort: Cohort) -> None:
    model = fracture_risk_model(cohort)
    fig = forest_plot(model)
    ticks, ends = _forest_limits(fig)
    limits = [v for t in model.terms for v in (t.ci_low, t.ci_high) if np.isfinite(t.estimate)]
    assert ends and max(ends) == pytest.approx(max(limits)) and min(ends) == pytest.approx(min(limits))  # fmt: skip
    assert min(ticks) <= min(limits) and max(ticks) >= max(limits)
    assert not [a for a in fig.findobj() if getattr(a, "get_gid", lambda: None)() == "cut-interval"]


def test_a_forest_interval_beyond_the_ticks_is_cut_with_an_arrow(cohort: Cohort) -> None:
    model = fracture_risk_model(cohort)
    wide = [replace(t, estimate=2.0, ci_low=0.5, ci_high=np.inf) if i == 0 else t for i, t in enumerate(model.terms)]  # fmt: skip
    fig = forest_plot(replace(model, terms=tuple(wide)))
    ax = fig.axes[0]
    cut = [line for line in ax.get_lines() if line.get_gid() == "cut-interval"]
    assert len(cut) == 1 and cut[0].get_marker() == ">"
    assert float(cut[0].get_xdata()[0]) == pytest.approx(ax.get_xlim()[1])


def test_a_swimmer_marker_near_day_0_is_clear_of_the_y_axis() -> None:
    cohort = synthesize(300, seed=17)
    procs = cohort.procedures
    repeat = procs[procs["is_repeat"].fillna(False).astype(bool) & (procs["day"] > 0)]
    pid = str(repeat["patient_id"].iloc[0])
    early = procs.assign(day=np.where((procs["patient_id"].astype(str) == pid) & (procs["day"] > 0), 2, procs["day"]))  # fmt: skip
    keep = lambda f: f[f["patient_id"].astype(str) == pid]  # noqa: E731
    one = Cohort.from_frames(keep(cohort.patients), keep(early), keep(cohort.assessments), keep(cohort.fractures[cohort.fractures["day"] > 2]))  # fmt: skip
    fig = swimmer_plot(one)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    spine = ax.spines["left"].get_window_extent(renderer)
    marks = [line for line in ax.get_lines() if line.get_marker() == "v" and len(line.get_xdata())]
    assert marks and float(marks[0].get_xdata()[0]) == 2.0
    box = marks[0].get_window_extent(renderer)
    assert box.x0 > spine.x1, (box, spine)


def test_the_trajectory_axis_is_broken_after_the_baseline_and_says_so(cohort: Cohort) -> None:
    fig = trajectory_plot(cohort, "pain_vas", ("pre", "24h", "1m", "3m", "12m"), by="etiology")
    ax = fig.axes[0]
    label = ax.get_xlabel()
    assert "axis broken after Before" in label and "not to scale" in label
    breaks = [line for line in ax.get_lines() if line.get_gid() == "x-axis-break"]
    ticks = ax.get_xticks()
    assert len(breaks) == 2
    assert all(ticks[0] < x < ticks[1] for line in breaks for x in line.get_xdata())
    # the baseline is joined to the next mean only by a dotted line across the break
    across = [line for line in ax.get_lines() if line.get_gid() == "across-break"]
    assert len(across) == 2 and all(line.get_linestyle() == ":" for line in across)
    solid = [line for line in ax.get_lines() if line.get_linestyle() == "-" and line.get_gid() is None and len(line.get_xdata()) > 2]  # fmt: skip
    assert solid and all(min(line.get_xdata()) > ticks[0] for line in solid)
    # without a baseline the axis is to scale throughout, unbroken
    after = trajectory_plot(cohort, "pain_vas", ("24h", "1m", "3m", "12m")).axes[0]
    assert after.get_xlabel() == "Time after the procedure, to scale"
    assert not [line for line in after.get_lines() if line.get_gid() == "x-axis-break"]


def test_a_covariates_note_reaches_the_table_and_the_forest_and_its_label_fits(cohort: Cohort) -> None:  # fmt: skip
    from analysis.labels import load_labels
    from analysis.tables import regression_table

    labels = load_labels()
    note = labels.get("index_cement_volume_ml").note
    assert "total over the levels treated" in labels.display("index_cement_volume_ml")
    assert "partly counts the levels treated" in note
    model = fracture_risk_model(cohort)
    assert note in regression_table(model, (), labels=labels).footnotes
    without = fracture_risk_model(cohort, ("age_years", "bmd_t_score"))
    assert note not in regression_table(without, (), labels=labels).footnotes
    fig = forest_plot(model)
    caption = next(t.get_text() for t in fig.findobj(mpl.text.Text) if t.get_gid() == "caption")
    assert caption.endswith(note)
    # a label longer than the default column still ends before the N column
    long = load_labels({"age_years": {"label": "Age at the index procedure, in completed years", "unit": "years"}})  # fmt: skip
    fig = forest_plot(model, labels=long)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = {t.get_text(): t for t in fig.axes[1].texts}
    label_end = texts["Age at the index procedure, in completed years, years"].get_window_extent(renderer).x1  # fmt: skip
    n_start = min(t.get_window_extent(renderer).x0 for s, t in texts.items() if s == "N" or s.isdigit())  # fmt: skip
    assert label_end < n_start


def test_the_broken_trajectory_axis_keeps_time_points_without_scores(cohort: Cohort) -> None:
    import io

    a = cohort.assessments
    some = a[a["timepoint"].astype(str).isin(["pre", "1m"])]
    two = Cohort.from_frames(cohort.patients, cohort.procedures, some, cohort.fractures)
    fig = trajectory_plot(two, "pain_vas", ("pre", "24h", "1m", "3m", "12m"), by="etiology")
    fig.savefig(io.BytesIO(), format="png")  # no layout warning (filterwarnings = error)
    low, high = fig.axes[0].get_xlim()
    assert high >= 12 and low < 0  # every time point's tick stays on the axis
