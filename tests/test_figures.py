"""Figures: what is drawn equals the results, files as journals want them, no global
state, no identifier in any output."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.figures import (
    JournalFigure,
    cement_volume_plot,
    cumulative_incidence_plot,
    flow_diagram,
    forest_plot,
    km_plot,
    paired_plot,
    save_figure,
    swimmer_plot,
    trajectory_plot,
)
from analysis.formatting import JAMA, estimate_ci, p_text
from analysis.schema import Cohort
from analysis.stats import (
    fracture_cumulative_incidence,
    fracture_free_logrank,
    fracture_free_survival,
    fracture_risk_model,
    measure_wide,
    paired_change,
    vertebra_frame,
)
from analysis.synth import synthesize


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    return synthesize(120, seed=20261121)


def _texts(fig: Figure, gid_prefix: str) -> list[tuple[str, str]]:
    return [(t.get_gid(), t.get_text()) for t in fig.findobj(mpl.text.Text) if (t.get_gid() or "").startswith(gid_prefix)]  # fmt: skip


def test_km_plot_draws_the_results_numbers(cohort: Cohort) -> None:
    km = fracture_free_survival(cohort, "etiology")
    lr = fracture_free_logrank(cohort, "etiology")
    breaks = (0, 180, 365, 730)
    fig = km_plot(km, lr, by="etiology", breaks=breaks, style=JAMA)
    assert isinstance(fig, JournalFigure)
    at = km.at(breaks)
    for c in km.curves:
        drawn = [int(text) for gid, text in _texts(fig, f"at-risk:{c.group}")]
        assert drawn == at.loc[at["group"] == c.group, "n_risk"].tolist()
    ((_, p),) = _texts(fig, "p-value")
    assert p == f"Log-rank {p_text(lr.test.p_value, JAMA)}"
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    names = {"osteoporotic": "Osteoporotic", "pathologic": "Pathologic (malignant)"}
    # the legend lists the groups as their curves end (drawn to the last time >= 10% at risk)
    ends = {c.group: float(c.table.loc[c.table["n_risk"] >= 0.1 * c.n, "survival"].iloc[-1]) for c in km.curves}  # fmt: skip
    assert ends["pathologic"] > ends["osteoporotic"]
    assert legend == [f"{names[g]} (n = {km.curve(g).n})" for g in sorted(ends, key=lambda g: -ends[g])]  # fmt: skip
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["0", "180", "365", "730"]
    assert fig.axes[0].get_ylim()[1] == pytest.approx(101)  # percent


def test_km_plot_zooms_to_the_data_with_a_break_and_stops_at_ten_percent_at_risk() -> None:
    """Curves that stay above 90% are drawn on an axis starting at the data's floor with a
    break on the axis; each curve ends at the last time 10% of its group was at risk."""
    from analysis.stats import kaplan_meier

    time = np.arange(1, 201, dtype=float)
    event = (np.arange(200) % 25 == 0).astype(float)  # 8 events: survival stays above 90%
    km = kaplan_meier(time, event)
    fig = km_plot(km)
    ax = fig.axes[0]
    low = min(km.curves[0].table["ci_low"].iloc[:181])
    assert 0 < ax.get_ylim()[0] <= 100 * low and ax.get_ylim()[0] % 5 == 0
    assert any(line.get_gid() == "axis-break" for line in ax.get_lines())
    (curve,) = [line for line in ax.get_lines() if line.get_drawstyle() == "steps-post"]
    assert max(curve.get_xdata()) == 181  # at day 181, 20 of 200 (10%) were still at risk
    ((_, note),) = _texts(fig, "notes")
    assert note.startswith(
        "Curves stop where < 10% of a group remain at risk\nCensor marks thinned"
    )
    whole = km_plot(km, min_at_risk=0, y_min=0, censor_marks="none")
    (curve,) = [line for line in whole.axes[0].get_lines() if line.get_drawstyle() == "steps-post"]  # fmt: skip
    assert max(curve.get_xdata()) == 200 and whole.axes[0].get_ylim()[0] == 0
    assert not any(line.get_gid() == "axis-break" for line in whole.axes[0].get_lines())
    assert _texts(whole, "notes") == []


def test_km_plot_months_zoom_and_given_axes(cohort: Cohort) -> None:
    km = fracture_free_survival(cohort)
    own = Figure()
    ax = own.add_subplot()
    fig = km_plot(km, ax=ax, unit="months", y_min=80, risk_table=False)
    assert fig is own
    assert ax.get_ylim()[0] == 80
    assert ax.get_xlabel() == "Months since the index procedure"
    assert ax.get_legend() is None  # one unnamed group


def test_cumulative_incidence_runs_to_end_of_followup(cohort: Cohort) -> None:
    cif = fracture_cumulative_incidence(cohort, "etiology")
    km = fracture_free_survival(cohort, "etiology")
    fig = cumulative_incidence_plot(cif, ["adjacent"], at_risk=km, by="etiology", min_at_risk=0)
    # one cause: the groups take the colours and the legend names the groups
    lines = [line for line in fig.axes[0].get_lines() if line.get_label() in ("Osteoporotic", "Pathologic (malignant)")]  # fmt: skip
    ends = sorted(float(np.max(line.get_xdata())) for line in lines)
    assert ends == sorted(cif.curve("adjacent", g).last_time for g in cif.groups)
    assert len({line.get_color() for line in lines}) == 2
    ((_, p),) = _texts(fig, "p-value")
    assert p == f"Gray's test {p_text(cif.gray['adjacent'].p_value)}"
    cut = cumulative_incidence_plot(cif, ["adjacent"], at_risk=km, by="etiology")
    lines = [line for line in cut.axes[0].get_lines() if line.get_label() == "Osteoporotic"]
    osteo = km.curve("osteoporotic")
    assert max(lines[0].get_xdata()) == osteo.table.loc[osteo.table["n_risk"] >= 0.1 * osteo.n, "time"].iloc[-1]  # fmt: skip
    drawn = [int(t) for _, t in _texts(fig, "at-risk:osteoporotic")]
    assert drawn[0] == km.curve("osteoporotic").n


def test_forest_plot_text_columns_and_plain_log_ticks(cohort: Cohort) -> None:
    model = fracture_risk_model(cohort, ("age_years", "sex", "disc_leakage"))
    fig = forest_plot(model)
    texts = {t.get_text() for t in fig.findobj(mpl.text.Text)}
    hr = model.hazard_ratios["sex=male"]
    assert estimate_ci(hr.estimate, hr.ci_low, hr.ci_high, 2) in texts
    assert {"Sex", "    Female", "    Male", "1 (reference)", "Age, years", "Characteristic", "N", "Events"} <= texts  # fmt: skip
    assert "sex=male" not in texts and "disc_leakage" not in texts
    main = fig.axes[0]
    assert {"0.5", "1", "2"} <= {t.get_text() for t in main.get_xticklabels()}
    ((_, caption),) = _texts(fig, "caption")
    assert "concordance" in caption and p_text(model.tests["likelihood_ratio"].p_value) in caption
    # which model the N column counts: the multivariable one, not a covariate's alone
    assert f"multivariable model: {model.n_used} patients, {model.n_events} events; N and Events are this model's patients" in caption  # fmt: skip
    one = fracture_risk_model(cohort, ("age_years",))
    ((_, alone),) = _texts(forest_plot(one), "caption")
    assert "univariable model:" in alone and "multivariable" not in alone
    # fewer than 10 events per parameter is said on the figure itself, not only in the review
    k = len(model.coef)
    few = f"{model.n_events} events for {k} parameters" in caption
    assert few is (model.n_events < 10 * k), (model.n_events, k, caption)
    assert ("per parameter" in alone) is (one.n_events < 10)


def test_outcome_figures(cohort: Cohort) -> None:
    change = paired_change(cohort, "pain_vas", "pre", "1m")
    fig = paired_plot(cohort, "pain_vas", "pre", "1m", change)
    assert p_text(change.t_test.p_value) in fig.axes[0].get_title()
    # past 50 pairs: each time point's distribution, not one line per pair
    assert change.n_pairs > 50
    assert not [c for c in fig.axes[0].collections if len(c.get_segments()) == change.n_pairs]
    bars = [p for p in fig.axes[0].patches if p.get_gid() == "distribution"]
    wide = measure_wide(cohort, "pain_vas", ["pre", "1m"])[["pre", "1m"]].dropna()
    values = np.unique(wide.to_numpy())
    assert len(bars) == 2 * len(values)
    # bar widths are proportional to the sessions at each value
    before = wide["pre"].value_counts().reindex(values, fill_value=0).to_numpy(float)
    widths = np.array([b.get_width() for b in bars[: len(values)]])
    np.testing.assert_allclose(widths / widths.max(), before / before.max())
    few = paired_plot(cohort, "pain_vas", "pre", "1m", lines=True)
    assert [c for c in few.axes[0].collections if len(c.get_segments()) == change.n_pairs]
    fig = trajectory_plot(cohort, "pain_vas", ("pre", "1m", "3m"), by="etiology")
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == [
        "Before",
        "1 month",
        "3 months",
    ]
    # to scale: 3 months lies three times as far from 0 as 1 month; n under each time point
    x = [float(t) for t in fig.axes[0].get_xticks()]
    assert x[1] == pytest.approx(1) and x[2] == pytest.approx(3) and x[0] < 0
    # the baseline's place is not to scale: the axis is broken after it and says so
    assert fig.axes[0].get_xlabel() == "Time after the procedure, to scale\n(axis broken after Before: its place not to scale)"  # fmt: skip
    pts = cohort.patients.set_index("patient_id")["etiology"].astype(str)
    wide = measure_wide(cohort, "pain_vas", ["pre", "1m", "3m"])
    osteo = wide[wide["patient_id"].map(pts) == "osteoporotic"]
    assert [t for _, t in _texts(fig, "n:1")] == [str(int(osteo[t].notna().sum())) for t in ("pre", "1m", "3m")]  # fmt: skip
    from analysis.figures.outcomes import timepoint_positions

    x, scaled = timepoint_positions(("pre", "24h", "6w", "12m", "2y"))
    assert scaled and x.tolist() == pytest.approx([-2, 1 / 30.4375, 42 / 30.4375, 12, 24])
    assert timepoint_positions(("pre", "visit 2")) == (pytest.approx([0, 1]), False)
    fig = cement_volume_plot(cohort)
    v = vertebra_frame(cohort).dropna(subset=["cement_volume_ml"])
    key = v["patient_id"].astype(str) + v["level"].astype(str)
    both = len(set(key[v["session"] == "repeat"]) & set(key[v["session"] == "initial"]))
    (lines,) = [c for c in fig.axes[0].collections if c.get_gid() == "pairs"]
    assert len(lines.get_segments()) == both
    with pytest.raises(ValueError, match="no patient column 'colour'"):
        trajectory_plot(cohort, by="colour")


def test_flow_diagram_and_its_ledger() -> None:
    fig = flow_diagram({"rows_read": 412, "excluded": {"no patient ID": 3}, "cohort": "60 patients",
                        "analyses": {"Survival": "60 patients"}})  # fmt: skip
    texts = " ".join(t.get_text() for t in fig.findobj(mpl.text.Text))
    assert "(n = 412)" in texts and "no patient ID: 3" in texts and "Rows excluded (n = 3)" in texts
    with pytest.raises(ValueError, match="needs rows_read"):
        flow_diagram({"cohort": "x"})


def test_flow_diagram_starts_from_patients_and_accounts_for_every_excluded_one(demo_workbook: Path) -> None:  # fmt: skip
    """STROBE: patients in, patients excluded with why, patients analysed; rows that are not
    a patient's exclusion are counted beside them."""
    from analysis.load import load_cohort
    from analysis.report.publication import flow_ledger

    result = load_cohort(demo_workbook)
    ledger = flow_ledger(result, {"Survival": "299 patients"})
    assert ledger["patients_in"] == result.patients_in == len(result.cohort.patients) + result.patients_excluded  # fmt: skip
    assert result.patients_excluded == 1 and ledger["patients_analysed"] == 299
    assert ledger["patients_excluded"] == {"errors on their rows (not a vertebral level)": 1}
    assert ledger["excluded"] == {"exact duplicate row": 1}
    assert ledger["patient_rows_excluded"] + 1 == result.rows_reported
    c = result.cohort
    texts = [t.get_text().replace("\n", " ") for t in flow_diagram(ledger).findobj(mpl.text.Text)]
    assert f"Patients in the input (n = 300) {result.rows_in} data rows" in texts
    rows = ledger["patient_rows_excluded"]
    assert any(t.startswith(f"Patients excluded (n = 1; {rows} rows) errors on their rows (not a vertebral level): 1 Other rows excluded (n = 1) exact duplicate row: 1") for t in texts)  # fmt: skip
    assert f"Patients analysed (n = 299) {c.procedures['procedure_id'].nunique()} sessions, {len(c.procedures)} treated vertebrae" in texts  # fmt: skip


def test_files_fonts_and_no_identifier(tmp_path: Path) -> None:
    small = synthesize(8, seed=20261121)
    pts = small.patients.copy()
    pts["died"] = pts["died"].astype("boolean")
    pts.loc[pts.index[0], "died"] = pd.NA  # not recorded: a bar to follow-up, no death mark
    small = Cohort.from_frames(pts, small.procedures, small.assessments, small.fractures)
    before = dict(mpl.rcParams)
    paths = save_figure(swimmer_plot(small), tmp_path / "swimmer")
    paths += save_figure(km_plot(fracture_free_survival(small)), tmp_path / "km")
    assert dict(mpl.rcParams) == before  # nothing set globally
    assert sorted(p.suffix for p in paths) == [".pdf", ".pdf", ".png", ".png", ".svg", ".svg"]
    from PIL import Image

    with Image.open(tmp_path / "km.png") as im:
        assert round(im.info["dpi"][0]) == 300
    assert b"/FontFile2" in (tmp_path / "km.pdf").read_bytes()  # TrueType embedded
    svg = (tmp_path / "swimmer.svg").read_text()
    assert "Case 1" in svg  # text kept as text, so the check below can see it
    for pid in small.patients["patient_id"].astype(str):
        assert pid not in svg
    with pytest.raises(ValueError, match="max_patients"):
        swimmer_plot(synthesize(50, seed=20261121))


def test_figures_show_in_jupyter(cohort: Cohort) -> None:
    fig = km_plot(fracture_free_survival(cohort))
    assert fig._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"  # type: ignore[attr-defined]


def test_large_cohorts_draw_a_stated_sample(
    cohort: Cohort, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_DRAWN, figures draw a seeded random sample and say so in the panel; the
    means, CIs and boxes still use every observation."""
    from matplotlib.collections import LineCollection

    from analysis.figures import outcomes as figs

    monkeypatch.setattr(figs, "MAX_DRAWN", 25)
    fig = figs.paired_plot(cohort, "pain_vas", "pre", "1m", lines=True)
    ax = fig.axes[0]
    drawn = [c for c in ax.collections if isinstance(c, LineCollection) and len(c.get_segments()) == 25]  # fmt: skip
    assert len(drawn) == 1
    note = [t.get_text() for t in ax.texts if t.get_gid() == "sampled"]
    wide = measure_wide(cohort, "pain_vas", ["pre", "1m"])[["pre", "1m"]].dropna()
    assert note == [f"lines: 25 of {len(wide):,} pairs, drawn at random"]
    means = sorted(
        round(float(ln.get_ydata()[0]), 6) for ln in ax.get_lines() if ln.get_marker() == "o"
    )
    assert means == sorted(round(float(wide[c].mean()), 6) for c in ("pre", "1m"))
    box = figs.cement_volume_plot(cohort)
    (note,) = [t.get_text() for t in box.axes[0].texts if t.get_gid() == "sampled"]
    assert note.replace("\n", " ").startswith(
        "points: at most 25 per group, drawn at random; boxes use all"
    )
    v = vertebra_frame(cohort).dropna(subset=["cement_volume_ml"])
    key = v["patient_id"].astype(str) + v["level"].astype(str)
    both = len(set(key[v["session"] == "repeat"]) & set(key[v["session"] == "initial"]))
    (lines,) = [c for c in box.axes[0].collections if c.get_gid() == "pairs"]
    assert len(lines.get_segments()) == both < 25
    monkeypatch.setattr(figs, "MAX_DRAWN", 3)
    box = figs.cement_volume_plot(cohort)
    (note,) = [t.get_text() for t in box.axes[0].texts if t.get_gid() == "sampled"]
    assert f"lines: 3 of {both:,} repeat-initial pairs, drawn at random" in note
    (lines,) = [c for c in box.axes[0].collections if c.get_gid() == "pairs"]
    assert len(lines.get_segments()) == 3


def test_km_plot_says_when_censor_marks_are_thinned_or_left_out() -> None:
    """Dense censoring is drawn readably, never silently: the panel says what it did."""
    from analysis.stats import kaplan_meier

    def censor_lines(fig: Figure) -> list[int]:
        return [
            len(line.get_xdata()) for line in fig.axes[0].get_lines() if line.get_marker() == "|"
        ]

    rng = np.random.default_rng(20261121)
    for n_times, expected in ((30, None), (120, "Censor marks thinned to 40 per curve (up to 117 censored)"), (500, "Censor marks omitted on curves with > 200 censored")):  # fmt: skip
        time = np.arange(1, n_times + 1, dtype=float)
        event = np.zeros(n_times)
        event[rng.choice(n_times, 3, replace=False)] = 1
        fig = km_plot(kaplan_meier(time, event), min_at_risk=0)
        note = _texts(fig, "notes")
        if expected is None:
            assert note == [] and censor_lines(fig) == [n_times - 3]
        else:
            ((_, text),) = note
            assert text.startswith(expected)
            assert censor_lines(fig) == ([40] if n_times == 120 else [])


def test_figure_counts_follow_the_styles_thousands_separator() -> None:
    """Numbers at risk, legends and notes write counts as the tables do: ``1500`` in the
    plain style, ``1,500`` in JAMA's."""
    from analysis.stats import kaplan_meier

    time = np.tile(np.arange(1, 1501, dtype=float), 2)
    event = (np.arange(3000) % 7 == 0).astype(float)
    km = kaplan_meier(time, event, np.repeat(["osteoporotic", "pathologic"], 1500))
    for style, row in ((None, ["1500", "1000", "500"]), (JAMA, ["1,500", "1,000", "500"])):
        fig = km_plot(km, by="etiology", breaks=(0, 501, 1001), **({"style": style} if style else {}))  # fmt: skip
        assert [text for _, text in _texts(fig, "at-risk:osteoporotic")] == row
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert legend[0] == f"Osteoporotic (n = {row[0]})"


def test_numbers_at_risk_stand_clear_of_their_row_labels() -> None:
    """The first column is centred on the axis edge; a registry's six-digit counts with
    their separator push the row labels left instead of running into them."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis.stats import kaplan_meier

    for n in (300, 200_000):
        time = np.tile(np.arange(1, n // 2 + 1, dtype=float), 2)
        km = kaplan_meier(time, (np.arange(n) % 9 == 0).astype(float), np.repeat(["osteoporotic", "pathologic"], n // 2))  # fmt: skip
        fig = km_plot(km, by="etiology", breaks=(0, n // 4), style=JAMA)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        numbers = [
            t for t in fig.findobj(mpl.text.Text) if (t.get_gid() or "").startswith("at-risk:")
        ]
        labels = [t for t in fig.axes[1].get_yticklabels() if t.get_text()]
        assert len(numbers) == 4 and len(labels) == 2
        for label in labels:
            box = label.get_window_extent(renderer)
            assert not any(box.overlaps(t.get_window_extent(renderer)) for t in numbers), (n, label.get_text())  # fmt: skip


def _overlaps(fig: Figure, gid: str) -> tuple[bool, list[str]]:
    """Whether the note ``gid`` lies inside the drawn figure, and the other texts it covers."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = [t for t in fig.findobj(mpl.text.Text) if t.get_visible() and t.get_text().strip()]
    (note,) = [t for t in texts if t.get_gid() == gid]
    box = note.get_window_extent(renderer)
    inside = fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1 and fig.bbox.y0 <= box.y0
    covered = [t.get_text() for t in texts if t is not note and box.overlaps(t.get_window_extent(renderer))]  # fmt: skip
    return inside, covered


def test_sampling_notes_sit_under_the_panel_clear_of_every_other_text(
    cohort: Cohort, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note about what was thinned never covers the P value, the legend, the numbers at
    risk or an axis label, and stays on the page."""
    from analysis.figures import outcomes as figs
    from analysis.stats import kaplan_meier, logrank_test

    rng = np.random.default_rng(20261121)
    time = rng.integers(1, 1000, 3000).astype(float)
    event = (rng.random(3000) < 0.1).astype(int)
    group = np.where(rng.random(3000) < 0.5, "osteoporotic", "malignant")
    km, lr = kaplan_meier(time, event, group), logrank_test(time, event, group)
    for risk_table in (True, False):
        fig = km_plot(km, lr, by="etiology", risk_table=risk_table)
        assert _overlaps(fig, "notes") == (True, [])
    monkeypatch.setattr(figs, "MAX_DRAWN", 25)
    for fig in (
        figs.paired_plot(cohort, "pain_vas", "pre", "1m", lines=True),
        figs.cement_volume_plot(cohort),
    ):
        assert _overlaps(fig, "sampled") == (True, [])


def test_no_figure_text_is_smaller_than_7_points(demo_workbook: Path) -> None:
    """Every text of every publication figure of the demo, tick labels included, is at
    least 7 pt at its printed size."""
    from analysis.load import load_cohort
    from analysis.report.publication import build_publication

    pub = build_publication(load_cohort(demo_workbook))
    small = [
        (name, t.get_text(), t.get_fontsize())
        for name, _, fig in pub.figures
        for t in fig.findobj(mpl.text.Text)
        if t.get_visible() and t.get_text().strip() and t.get_fontsize() < 7
    ]
    assert small == []
