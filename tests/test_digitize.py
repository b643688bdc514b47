"""Kaplan-Meier figures digitised: figures drawn from known step functions in journal
styles (matplotlib, lifelines with bands and censor marks, R base in black and white,
ggplot2's grey panel), read back and compared with the truth on a grid of times."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.published import reconstruct_ipd
from analysis.published.digitize import (
    DigitizedFigure,
    DigitizeError,
    digitize_km,
    write_digitized,
)
from analysis.stats import cox_ph
from tests.digitize.figures import Arm, Spec, arms, draw, grid_errors

TRUTH = arms(20261121, hazards=(0.02, 0.045))
SLOW = arms(7, hazards=(0.006, 0.012))  # stays above 0.4: for the zoomed axis


def _read(path: Path, spec: Spec, **kwargs: object):
    return digitize_km(path, spec.x_range(), spec.y_range(), **kwargs)  # type: ignore[arg-type]


def _check(result, data: list[Arm], spec: Spec, median: float, p95: float) -> None:
    """Curve k is arm k (in the legend's order, or top to bottom), within the targets."""
    assert result.n_curves == len(data)
    for k, arm in enumerate(data, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c[result.measure].to_numpy(), arm, spec.incidence)
        assert np.median(err) <= median, (k, np.median(err))
        assert np.quantile(err, 0.95) <= p95, (k, np.quantile(err, 0.95))


STYLES = {
    "matplotlib-100dpi": Spec(style="matplotlib", dpi=100),
    "lifelines-bands-censors-jpeg-96dpi": Spec(style="lifelines", dpi=96, fmt="jpg"),
    "r-base-black-and-white-150dpi": Spec(style="rbase", dpi=150),
    "ggplot-panel-grid-legend-inside-percent": Spec(style="ggplot", dpi=120, percent=True),
    "risk-table-percent-150dpi": Spec(style="lifelines", dpi=150, percent=True, risk_table=True),
    "r-base-jpeg-300dpi": Spec(style="rbase", dpi=300, fmt="jpg"),
    "small-figure-legend-words-long": Spec(style="ggplot", dpi=200, size=(3.2, 2.4)),
}


@pytest.mark.parametrize("name", list(STYLES))
def test_ranged_reading_is_within_the_targets(tmp_path: Path, name: str) -> None:
    spec = STYLES[name]
    result = _read(draw(TRUTH, spec, tmp_path / "km"), spec)
    assert result.measure == "survival" and result.source == "raster"
    assert result.curves.columns.tolist() == ["curve", "time", "survival"]
    assert result.curves["survival"].between(0, 1).all()  # a proportion, even from percent
    _check(result, TRUTH, spec, median=0.005, p95=0.025)


def test_zoomed_axis_reads_its_own_range(tmp_path: Path) -> None:
    spec = Spec(style="matplotlib", dpi=96, ylim=(0.4, 1.0))
    path = draw(SLOW, spec, tmp_path / "km")
    _check(_read(path, spec), SLOW, spec, median=0.005, p95=0.02)
    # read as if it ran from 0 to 1, the curves come out wrong: the range matters
    wrong = digitize_km(path, spec.x_range(), (0.0, 1.0))
    err = grid_errors(
        wrong.curve(1)["time"].to_numpy(), wrong.curve(1)["survival"].to_numpy(), SLOW[0]
    )
    assert np.median(err) > 0.05


def test_rising_plot_is_read_as_incidence(tmp_path: Path) -> None:
    spec = Spec(style="ggplot", dpi=110, incidence=True, percent=True)
    result = _read(draw(TRUTH, spec, tmp_path / "cif"), spec)
    assert result.measure == "incidence"
    assert result.curves.columns.tolist() == ["curve", "time", "incidence"]
    _check(result, TRUTH, spec, median=0.005, p95=0.025)
    for k in (1, 2):
        c = result.curve(k)
        assert c["time"].is_monotonic_increasing and c["incidence"].is_monotonic_increasing


@pytest.mark.parametrize("style", ["matplotlib", "ggplot", "rbase"])
def test_curves_are_numbered_in_the_legend_order_else_top_to_bottom(
    tmp_path: Path, style: str
) -> None:
    data = TRUTH[::-1]  # the legend's first entry is the lower curve
    spec = Spec(style=style, dpi=100)
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    first = data[0]  # black lines too: each curve's inking matched to its legend sample's
    c = result.curve(1)
    err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), first)
    assert np.median(err) <= 0.005


@pytest.mark.parametrize(("dpi", "fmt"), [(96, "png"), (100, "png"), (300, "png"), (150, "jpg")])
def test_two_greys_are_two_curves_told_apart_by_shade(tmp_path: Path, dpi: int, fmt: str) -> None:
    """JAMA's look: dark and light grey solid lines, no colour; the light one is a curve
    of its own (in the legend's order), not the dark one's confidence band."""
    data = TRUTH[::-1]  # the legend's first entry, the dark grey, is the lower curve
    spec = Spec(style="matplotlib", dpi=dpi, fmt=fmt,
                extra={"colours": ("#3a3a3a", "#a6a6a6"), "lw": 2.0})  # fmt: skip
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    assert result.n_curves == 2
    assert not [w for w in result.warnings if "confidence band" in w]
    _check(result, data, spec, median=0.005, p95=0.02)


@pytest.mark.parametrize("dpi", [150, 200])
def test_three_greys_are_three_curves_told_apart_by_shade(tmp_path: Path, dpi: int) -> None:
    """Black, mid grey and light grey solid lines of one width over a light grey grid:
    the two greys are curves of their own, each in its shade (one grey was read, and the
    light grey with it, as no curve: two greys' levels were taken for the edges of other
    ink), the grid not one of them."""
    data = arms(20261121, n=(150, 150, 150), hazards=(0.01, 0.025, 0.05))
    spec = Spec(style="matplotlib", dpi=dpi,
                extra={"colours": ("#000000", "#707070", "#B4B4B4"), "lw": 1.5,
                       "grid": "#E5E5E5"})  # fmt: skip
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    assert result.n_curves == 3
    _check(result, data, spec, median=0.005, p95=0.02)


@pytest.mark.parametrize("style", ["lifelines", "ggplot"])
def test_a_censor_mark_at_a_drop_s_corner_does_not_lower_the_step(
    tmp_path: Path, style: str
) -> None:
    """Whole-month times: patients censored at the month of an event put a ``+`` on the
    drop's corner, whose lower arm continues the drop's stroke below the new level."""
    data = [Arm(np.ceil(a.time), a.event) for a in arms(11, n=(110, 120), hazards=(0.006, 0.012))]
    spec = Spec(style=style, dpi=150, ylim=(0.4, 1.0))
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    _check(result, data, spec, median=0.002, p95=0.01)


def _arm_with_events(n: int, events: list[float], seed: int) -> Arm:
    """``n`` patients: events at the times given, the rest censored over 10-24 months."""
    time = np.round(np.random.default_rng(seed).uniform(10, 24, n), 2)
    event = np.zeros(n, dtype=int)
    time[: len(events)], event[: len(events)] = events, 1
    return Arm(time, event)


@pytest.mark.parametrize("dpi", [96, 150])
def test_a_curve_hidden_under_one_hidden_on_the_frame_starts_at_one(
    tmp_path: Path, dpi: int
) -> None:
    """The y axis ends at 1.00 on the frame, which hides every curve at S = 1: the first
    to drop (at 1.4) is taken to start at 1; the next (at 1.6, a little lower) was under
    it, not under the curve already lower (which dropped at 0.05), so it starts at 1 too."""
    data = [
        _arm_with_events(90, [1.4, 1.9, 2.8, 3.9, 7.6, 9.0, 12.3, 14.0, 21.0], 1),
        _arm_with_events(75, [1.6, 2.9, 4.1, 5.9, 6.2, 7.2, 8.0, 8.5, 9.1, 11.3, 14.5, 16.7,
                              17.1, 21.7], 2),
        _arm_with_events(55, [0.05, 2.2, 2.6, 2.9, 4.6, 6.5, 7.1, 7.2, 7.3, 11.1, 12.2, 12.6,
                              15.3, 18.8], 3),
    ]  # fmt: skip
    spec = Spec(style="matplotlib", dpi=dpi, ylim=(0.6, 1.0), x_ticks=(0, 4, 8, 12, 16, 20, 24),
                extra={"pad": 0.0, "lw": 0.8})  # fmt: skip
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    _check(result, data, spec, median=0.002, p95=0.005)
    assert result.curve(2)["survival"].iloc[0] == pytest.approx(1.0)


@pytest.mark.parametrize("place", ["below", "above"])
def test_a_legend_in_a_row_outside_the_axes_numbers_the_curves(tmp_path: Path, place: str) -> None:
    """A legend beside the plot (a row of entries under the axis title or over the plot)
    gives the curves their numbers left to right, where the order at the start would not."""
    data = TRUTH[::-1]  # the legend's first entry is the lower curve
    spec = Spec(style="matplotlib", dpi=100, extra={"legend": place})
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    for k, arm in enumerate(data, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.median(err) <= 0.005


@pytest.mark.parametrize("seed", [1, 2])
def test_a_colour_curve_starting_under_others_is_read_from_its_own_pieces(
    tmp_path: Path, seed: int
) -> None:
    """Three close colour curves crossing at the start break one curve's first stretch
    into pieces too short to pass for a curve alone; the pieces leading into it through
    the others' ink are its start, read rather than guessed from the curve above."""
    data = arms(seed, n=(200, 200, 200), hazards=(0.01, 0.012, 0.011), follow_up=48)
    spec = Spec(style="matplotlib", dpi=150, x_ticks=(0, 12, 24, 36, 48), ylim=(0.4, 1.0))
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    assert not [w for w in result.warnings if "hidden before" in w]
    _check(result, data, spec, median=0.002, p95=0.006)


def test_corners_are_steps_and_the_hazard_ratio_survives_reconstruction(tmp_path: Path) -> None:
    data = arms(3, n=(200, 200), hazards=(0.02, 0.04))
    spec = Spec(style="lifelines", dpi=100)
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    risk_times = np.arange(0, 61, 12.0)
    rebuilt = []
    for k, arm in enumerate(data, start=1):
        c = result.curve(k)
        assert c["time"].is_monotonic_increasing and c["survival"].is_monotonic_decreasing
        corners = c.iloc[1:-1].to_numpy().reshape(-1, 2, 2)  # (time, S before), (time, S after)
        assert np.all(corners[:, 0, 0] == corners[:, 1, 0]) and np.all(
            corners[:, 0, 1] > corners[:, 1, 1]
        )
        keep = risk_times <= arm.end()
        ipd = reconstruct_ipd(
            c["time"], c["survival"], risk_times[keep], np.array(arm.at_risk(risk_times))[keep]
        )
        rebuilt.append(ipd.assign(arm=k))
    truth = pd.DataFrame({"time": np.concatenate([a.time for a in data]),
                          "event": np.concatenate([a.event for a in data]), "arm": np.repeat([1, 2], 200)})  # fmt: skip
    hr_true = cox_ph(truth, "time", "event", ["arm"]).terms[0].estimate
    hr_read = cox_ph(pd.concat(rebuilt), "time", "event", ["arm"]).terms[0].estimate
    assert abs(hr_read / hr_true - 1) < 0.05


@pytest.mark.parametrize("seed", [3, 7, 10])
def test_censorings_before_an_interval_s_first_drop_are_rebuilt_before_it(
    tmp_path: Path, seed: int
) -> None:
    """Small arms (80 a side over 30 months, numbers at risk every 6) read from a
    lifelines figure: few drops, so an interval's first drop can come months after its
    printed time. The censorings are spread from the printed time, and the hazard ratio
    is within 2% (5-10% off when they were spread from the first drop)."""
    data = arms(seed, n=(80, 80), hazards=(0.01, 0.025), follow_up=30.0)
    spec = Spec(style="lifelines", dpi=150, x_ticks=(0, 6, 12, 18, 24, 30))
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    risk_times = np.arange(0, 31, 6.0)
    rebuilt = []
    for k, arm in enumerate(data, start=1):
        c, keep = result.curve(k), risk_times <= arm.end()
        at_risk = np.array(arm.at_risk(risk_times))[keep]
        rebuilt.append(
            reconstruct_ipd(c["time"], c["survival"], risk_times[keep], at_risk).assign(arm=k)
        )
    truth = pd.DataFrame({"time": np.concatenate([a.time for a in data]),
                          "event": np.concatenate([a.event for a in data]), "arm": np.repeat([1, 2], 80)})  # fmt: skip
    hr_true = cox_ph(truth, "time", "event", ["arm"]).terms[0].estimate
    hr_read = cox_ph(pd.concat(rebuilt), "time", "event", ["arm"]).terms[0].estimate
    assert abs(hr_read / hr_true - 1) < 0.02


R_FIGURES = Path(__file__).parent / "digitize" / "r"


@pytest.mark.parametrize(
    ("name", "y_range", "exact"),
    [("black_96.png", (0, 1), False), ("black_150.png", (0, 1), False),
     ("colour_110.png", (0, 100), False), ("colour_150.jpg", (0, 100), False),
     ("black.svg", (0, 1), True), ("black.pdf", (0, 1), True)],
)  # fmt: skip
def test_figures_drawn_by_r_itself(name: str, y_range: tuple[float, float], exact: bool) -> None:
    """plot.survfit's own output (tests/digitize/r/km.R), not our imitation of it."""
    truth = pd.read_csv(R_FIGURES / "truth.csv", comment="#")
    data = [Arm(g["time"].to_numpy(), g["status"].to_numpy()) for _, g in truth.groupby("arm")]
    result = digitize_km(R_FIGURES / name, (0, 60), y_range)
    assert result.n_curves == 2 and result.warnings == ()
    for k, arm in enumerate(data, start=1):  # arm 1 is on top, and first in the legend
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        if exact:
            assert (
                np.quantile(err, 0.99) < 1e-4
            )  # a grid time may fall between R's rounded x and the truth
        else:
            assert np.median(err) <= 0.005 and np.quantile(err, 0.95) <= 0.02


@pytest.mark.parametrize("seed", [6, 1, 2, 3, 4, 8])
def test_r_s_three_line_types_at_96_dpi_are_told_apart_by_their_pieces_reach(seed: int) -> None:
    """plot.survfit at 96 dpi (tests/digitize/r/three_styles.R, six data sets): solid,
    dashed and a thicker dotted line (lwd 1.5, 1.5, 2), crossing. A dash drawn one pixel
    thick holds about as many pixels as a dot two pixels thick, so grouped by pixel count
    the thin dashes went with the dots (the dotted curve read with a median error of 0.02,
    p95 0.12; on the second data set the dashed and dotted both at median 0.033). Their
    reach (width plus height: dots 4 to 7 pixels, dashes 8 or more), or reach and size
    together, leaves a clear gap between the two groups where the pixel counts leave
    almost none (seed 3: grouped by size, 8-pixel thin dashes went with the dots). Where
    the dotted and dashed curves run together their pieces join and go to the dashed
    curve: the dotted curve's pieces between are kept (seeds 2, 4, 8: before, its drops
    there read late, p95 0.028-0.083), and its long rows of dots are not taken for words
    (seed 6: before, the curve was read only to 21 of its 59 months). Each curve within
    the targets over its whole drawn span (a curve cut short is held at its last value,
    as it would be used), with and without ranges."""
    truth = pd.read_csv(R_FIGURES / f"three_styles_{seed}.csv", comment="#")
    data = [Arm(g["time"].to_numpy(), g["status"].to_numpy()) for _, g in truth.groupby("arm")]
    for ranges in (((0, 60), (0, 1)), (None, None)):
        result = digitize_km(R_FIGURES / f"three_styles_{seed}.png", *ranges)
        assert result.n_curves == 3
        for k, arm in enumerate(data, start=1):  # solid, dashed, dotted: the legend's order
            c = result.curve(k)
            times = np.append(c["time"].to_numpy(), max(arm.end(), c["time"].iloc[-1]))
            values = np.append(c["survival"].to_numpy(), c["survival"].iloc[-1])
            err = grid_errors(times, values, arm)
            assert np.median(err) <= 0.005 and np.quantile(err, 0.95) <= 0.02, (k, ranges)


def test_r_axes_drawn_apart_without_a_box_frame_the_plot() -> None:
    """R base without a box (``bty = "n"``, tests/digitize/r/km.R): each axis line runs
    from its first tick to its last and the two do not meet. The plot is found from
    them (before: no plot found), with and without the ranges, on a zoomed y axis."""
    truth = pd.read_csv(R_FIGURES / "truth.csv", comment="#")
    data = [Arm(g["time"].to_numpy(), g["status"].to_numpy()) for _, g in truth.groupby("arm")]
    figure = R_FIGURES / "black_nobox_120.png"
    for result in (digitize_km(figure, (0, 60), (0.2, 1)), digitize_km(figure)):
        assert result.n_curves == 2 and result.warnings == ()
        assert result.x_range == (0.0, 60.0) and result.y_range == (0.2, 1.0)
        for k, arm in enumerate(data, start=1):
            c = result.curve(k)
            err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
            assert np.median(err) <= 0.005 and np.quantile(err, 0.95) <= 0.02, (k, err.max())


def test_r_pdf_is_read_without_ranges_from_its_labels_set_upright_and_turned() -> None:
    ranged = digitize_km(R_FIGURES / "black.pdf", (0, 60), (0, 1))
    zero = digitize_km(R_FIGURES / "black.pdf")
    assert zero.warnings == () and zero.x_range == (0.0, 60.0) and zero.y_range == (0.0, 1.0)
    pd.testing.assert_frame_equal(zero.curves, ranged.curves)


GRID_FIGURES = Path(__file__).parent / "digitize" / "grid"


@pytest.mark.parametrize("name", ["minimal.png", "bw_noticks.png", "minimal.svg"])
def test_grid_lines_stand_for_missing_axis_lines_and_tick_marks(name: str) -> None:
    """ggplot2 theme_minimal (no axis lines, no ticks, a transparent background) and
    theme_bw without ticks, and the first as SVG (tests/digitize/grid/make.R): the plot and its scale are
    found from the major grid lines, with and without the ranges given."""
    truth = pd.read_csv(GRID_FIGURES / "truth.csv")
    ranged = digitize_km(GRID_FIGURES / name, (0, 36), (0, 1))
    zero = digitize_km(GRID_FIGURES / name)
    assert zero.x_range == (0.0, 36.0) and zero.y_range == (0.0, 1.0)
    for result in (ranged, zero):
        assert result.n_curves == 2 and result.warnings == ()
        for k, g in truth.groupby("curve"):
            times = np.linspace(0, g["time"].max(), 100)
            c = result.curve(int(k))
            read = np.interp(times, c["time"], c["survival"])  # both step: compare at
            true = g["value"].to_numpy()[np.searchsorted(g["time"], times, side="right") - 1]
            err = np.abs(read - true)  # the corners' times, between them a slope
            assert np.median(err) <= 0.005, (name, k, np.median(err))


def test_muted_colours_rising_in_a_grid_keep_the_legend_order() -> None:
    """ggplot2's Dark2 purple (saturation 0.37) is a curve's colour; the legend (title
    inside the plot) numbers the curves, the lower rising one first, as it is listed."""
    truth = pd.read_csv(GRID_FIGURES / "truth.csv")
    result = digitize_km(GRID_FIGURES / "minimal_dark2_rising.png")
    assert result.measure == "incidence" and result.n_curves == 2 and result.warnings == ()
    assert result.x_range == (0.0, 36.0) and result.y_range == (0.0, 1.0)
    _check_rising(result, truth)


def _check_rising(result: DigitizedFigure, truth: pd.DataFrame) -> None:
    """Each rising curve read within 0.005 (median) of 1 - the truth's survival."""
    for k, g in truth.groupby("curve"):
        times = np.linspace(0, g["time"].max(), 100)
        c = result.curve(int(k))
        read = np.interp(times, c["time"], c["incidence"])
        true = 1 - g["value"].to_numpy()[np.searchsorted(g["time"], times, side="right") - 1]
        assert np.median(np.abs(read - true)) <= 0.005, (k, np.median(np.abs(read - true)))


def test_cairo_svg_glyphs_give_a_zoomed_percent_axis_without_ranges() -> None:
    """R's svg() device (cairo) writes each character as a ``<symbol>`` placed by
    ``<use>``, a ``%`` in three pieces: the labels 0%-80% and 0-36 are read from the
    outlines, and the plot is found from the grid (theme_minimal: the only filled box
    inside the page is the legend's, no panel)."""
    from analysis.published.digitize_outlines import outline_words

    figure = GRID_FIGURES / "rising_percent_cairo.svg"
    assert "<text" not in figure.read_text() and "<symbol" in figure.read_text()
    labels = {w[0] for w in outline_words(figure)}
    assert {"0%", "20%", "40%", "60%", "80%", "0", "12", "24", "36"} <= labels
    truth = pd.read_csv(GRID_FIGURES / "truth.csv")
    for result in (digitize_km(figure), digitize_km(figure, (0, 36), (0, 80))):
        assert result.measure == "incidence" and result.warnings == ()
        assert result.x_range == (0.0, 36.0) and result.y_range == (0.0, 0.8)
        _check_rising(result, truth)


def test_grid_frame_needs_major_lines_both_ways() -> None:
    from analysis.published.digitize_grid import grid_frame, grid_ticks

    page = np.ones((200, 300, 3), dtype=np.float32)
    page[50:52, 20:280] = 0.92  # one horizontal line only: no plot
    assert grid_frame(page) is None
    for row in (50, 100, 150):
        page[row : row + 2, 20:280] = 0.92
    for col in (20, 150, 279):
        page[50:152, col : col + 2] = 0.92
    page[120, 20:280] = 0.95  # a minor line, thinner and lighter: not a tick
    frame = grid_frame(page)
    assert frame is not None
    assert (frame.left, frame.right, frame.top, frame.bottom) == (19, 281, 49, 152)
    xt, yt = grid_ticks(page, frame)
    np.testing.assert_allclose(xt, [20.5, 150.5, 279.5], atol=0.01)
    np.testing.assert_allclose(yt, [50.5, 100.5, 150.5], atol=0.01)  # not the minor at 120


def test_one_curve_with_its_band_in_dashes_as_r_draws_it() -> None:
    truth = pd.read_csv(R_FIGURES / "truth.csv", comment="#")
    arm = Arm(*(truth.loc[truth["arm"] == 1, c].to_numpy() for c in ("time", "status")))
    unsure = digitize_km(R_FIGURES / "one_arm_100.png", (0, 60), (0, 1))
    assert any("lie off every curve read" in w for w in unsure.warnings)  # not silent
    result = digitize_km(R_FIGURES / "one_arm_100.png", (0, 60), (0, 1), curves=1)
    assert result.n_curves == 1
    assert result.warnings == (
        "curve 1: the broken (dashed or dotted) black lines beside it were left out, taken "
        "as its confidence band",
    )
    c = result.curve(1)
    err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
    assert np.median(err) <= 0.005 and np.quantile(err, 0.95) <= 0.02
    drawing = digitize_km(R_FIGURES / "one_arm.svg", (0, 60), (0, 1))  # no --curves needed
    assert drawing.n_curves == 1 and drawing.warnings == (
        "curve 1: the dashed lines of its colour above and below it were left out, taken as "
        "its confidence band",
    )
    c = drawing.curve(1)
    err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
    assert np.quantile(err, 0.99) < 1e-4


def test_zero_click_reads_the_tick_labels_of_an_image(tmp_path: Path) -> None:
    spec = Spec(style="matplotlib", dpi=100, percent=True)
    result = digitize_km(draw(TRUTH, spec, tmp_path / "km"))
    assert not any(w.startswith("no --") for w in result.warnings)
    assert not result.ranges_given
    assert result.x_range == (0.0, 60.0) and result.y_range == (0.0, 1.0)  # 0%-100%
    _check(result, TRUTH, spec, median=0.005, p95=0.025)


def test_zero_click_says_so_when_the_y_labels_read_do_not_fit_0_to_1(tmp_path: Path) -> None:
    """A percent axis 0-40 whose middle labels cannot be read (blanked here): the axis
    is taken to run 0 to 1, and a warning says the labels that were read (``40`` at the
    top) do not fit that, rather than guess silently; read whole, no such warning."""
    from PIL import Image

    from analysis.published import digitize_raster as raster

    spec = Spec(style="matplotlib", dpi=100, percent=True, ylim=(0.0, 0.4), incidence=True)
    path = draw(SLOW, spec, tmp_path / "cif")
    whole = digitize_km(path)
    assert whole.y_range == (0.0, 0.4) and not any("not all read" in w for w in whole.warnings)
    rgb = np.asarray(Image.open(path).convert("RGB"), dtype=float) / 255
    frame = raster.find_frame(rgb)
    assert frame is not None
    _, yt = raster.find_ticks(rgb, frame)
    yt = np.sort(yt)
    for t in yt[1:-1]:  # labels 10 to 30 lost (the axis title left)
        rgb[int(t) - 8 : int(t) + 9, frame.left - 30 : frame.left - 5] = 1.0
    blanked = tmp_path / "blanked.png"
    Image.fromarray((rgb * 255).astype(np.uint8)).save(blanked)
    result = digitize_km(blanked)
    assert result.y_range == (0.0, 1.0)
    assert any(
        "tick labels were not all read, and those read at its ends (40) do not fit" in w
        for w in result.warnings
    ), result.warnings


@pytest.mark.parametrize("ylim", [(0.0, 1.0), (0.4, 1.0)])
def test_zero_click_reads_tick_labels_without_a_leading_zero(
    tmp_path: Path, ylim: tuple[float, float]
) -> None:
    """SPSS prints ``.2 .4 .6 .8`` between ``0.0`` and ``1.0``."""
    data = SLOW if ylim[0] > 0 else TRUTH
    spec = Spec(style="matplotlib", dpi=150, ylim=ylim, extra={"no_leading_zero": True})
    result = digitize_km(draw(data, spec, tmp_path / "km"))
    assert not any(w.startswith("no --") for w in result.warnings)
    assert result.y_range == ylim
    _check(result, data, spec, median=0.005, p95=0.025)


def test_zero_click_without_readable_labels_says_what_it_assumed(tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5, 4), dpi=100)
    ax = fig.add_subplot()
    for arm in TRUTH:
        t, s = arm.km()
        ax.step(np.append(t, arm.end()), np.append(s, s[-1]), where="post", lw=1.5)
    ax.set_xlim(0, 60)
    ax.set_ylim(0, 1)
    ax.set_xticks(np.arange(0, 61, 12), labels=[])
    ax.set_yticks(np.linspace(0, 1, 6), labels=[])
    path = tmp_path / "unlabelled.png"
    fig.savefig(path, dpi=100)
    result = digitize_km(path)
    assert any("no --x-range: times are in tick intervals" in w for w in result.warnings)
    assert any("no --y-range: the lowest y tick was taken as 0" in w for w in result.warnings)
    assert result.x_range == (0.0, 5.0)
    c = result.curve(1)
    err = grid_errors(c["time"].to_numpy() * 12, c["survival"].to_numpy(), TRUTH[0])
    assert np.median(err) <= 0.005


@pytest.mark.parametrize(("style", "fmt"), [("lifelines", "svg"), ("rbase", "svg"), ("ggplot", "svg"),
                                            ("lifelines", "pdf"), ("ggplot", "pdf")])  # fmt: skip
def test_vector_paths_are_read_exactly(tmp_path: Path, style: str, fmt: str) -> None:
    spec = Spec(style=style, fmt=fmt, percent=style == "ggplot")
    result = _read(draw(TRUTH, spec, tmp_path / "km"), spec)
    assert result.source == "vector" and result.n_curves == 2
    for k, arm in enumerate(TRUTH, start=1):
        c = result.curve(k)
        times, surv = arm.km()
        drops = c["time"].to_numpy()[1:-1:2]
        np.testing.assert_allclose(drops, times[1:], atol=1e-4)  # every step, at its time
        np.testing.assert_allclose(c["survival"].to_numpy()[2::2], surv[1:], atol=1e-5)


@pytest.mark.parametrize(
    ("style", "fmt"), [("lifelines", "svg"), ("rbase", "pdf"), ("ggplot", "svg")]
)
def test_censor_marks_of_a_drawing_are_read_on_their_curves(
    tmp_path: Path, style: str, fmt: str
) -> None:
    """Each '+' drawn on a curve is read at its time and given to that curve (two curves
    running close), marks overlapping one another included; a figure without marks has
    none read."""
    spec = Spec(style=style, fmt=fmt, percent=style == "ggplot")
    result = _read(draw(TRUTH, spec, tmp_path / "km"), spec)
    assert result.censored is not None
    assert result.censored.columns.tolist() == ["curve", "time"]
    for k, arm in enumerate(TRUTH, start=1):
        read = result.censored.loc[result.censored["curve"] == k, "time"].to_numpy()
        true, _ = arm.censored()
        # every mark read is one of this arm's, and every true one has a mark read near it
        assert np.abs(read[:, None] - true[None, :]).min(axis=1).max() < 1e-3
        assert np.abs(true[:, None] - read[None, :]).min(axis=1).max() < 1.0
        assert len(read) >= 0.95 * len(np.unique(true))
    lone = Spec(style=style, fmt=fmt, percent=style == "ggplot", censor_marks=False)
    assert _read(draw(TRUTH, lone, tmp_path / "plain"), lone).censored is None


def _check_read_without_ranges(result, spec: Spec) -> None:
    """A drawing of TRUTH on a 0-60 month, 0-100% axis with a numbers-at-risk table,
    read zero-click: the ranges from the labels, the curves exactly, every number."""
    assert result.warnings == ()
    assert result.x_range == (0.0, 60.0) and result.y_range == (0.0, 1.0)  # 0-100% read
    for k, arm in enumerate(TRUTH, start=1):
        c = result.curve(k)
        assert grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm).max() < 1e-5
    assert result.at_risk is not None
    assert result.at_risk.columns.tolist() == ["curve", "time", "n_risk"]
    for k, arm in enumerate(TRUTH, start=1):
        printed = result.at_risk[result.at_risk["curve"] == k]
        assert printed["time"].tolist() == list(spec.x_ticks)
        assert printed["n_risk"].tolist() == arm.at_risk(np.asarray(spec.x_ticks, float))


def test_pdf_text_gives_the_axes_and_the_numbers_at_risk(tmp_path: Path) -> None:
    spec = Spec(style="lifelines", fmt="pdf", percent=True, risk_table=True)
    figure = draw(TRUTH, spec, tmp_path / "km")
    result = digitize_km(figure)  # zero-click: the tick labels are text in a PDF
    _check_read_without_ranges(result, spec)
    out = tmp_path / "out"
    assert main(["digitize", str(figure), "--out", str(out)]) == 0
    assert pd.read_csv(out / "at_risk.csv").equals(result.at_risk)


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_a_table_panel_with_its_own_axis_under_the_plot_is_not_the_plot(
    tmp_path: Path, fmt: str
) -> None:
    """An at-risk table in an axes of its own under the plot (an axis line and tick marks
    at its rows, survminer's look): the plot's x axis is the one meeting its y axis, so
    the table's ticks are not taken for the y axis's and the table is read as the table."""
    spec = Spec(style="matplotlib", fmt=fmt, risk_table=True, extra={"table_panel": True})
    figure = draw(TRUTH, spec, tmp_path / "km")
    result = _read(figure, spec)
    _check(result, TRUTH, spec, median=0.002, p95=0.01)
    assert not [w for w in result.warnings if "not evenly spaced" in w]
    assert result.at_risk is not None
    for k, arm in enumerate(TRUTH, start=1):
        printed = result.at_risk[result.at_risk["curve"] == k]
        assert printed["n_risk"].tolist() == arm.at_risk(np.asarray(spec.x_ticks, float))


@pytest.mark.parametrize("dpi", [150, 300])
def test_a_table_panel_s_frame_under_an_image_s_x_labels_does_not_swallow_them(
    tmp_path: Path, dpi: int
) -> None:
    """An image's at-risk table in an axes of its own (survminer's look): its axis lines
    and tick marks are one mark taller than any character, whose box holds the table's
    numbers, its title and, one above the other, the plot's x labels and ticks. Such a
    mark is no character and takes in none: zero-click reads the x axis and the table."""
    spec = Spec(style="matplotlib", dpi=dpi, risk_table=True, extra={"table_panel": True})
    result = digitize_km(draw(TRUTH, spec, tmp_path / "km"))
    assert result.warnings == ()
    assert result.x_range == (0.0, 60.0)
    _check(result, TRUTH, spec, median=0.003, p95=0.01)


@pytest.mark.parametrize(("font", "dpi"), [("Liberation Sans", 300), ("Nimbus Sans", 150)])
def test_percent_signs_whose_rings_stand_beside_the_slash_are_read(
    tmp_path: Path, font: str, dpi: int
) -> None:
    """Arial-like typefaces (Liberation, Nimbus Sans: R's and ggplot2's) draw ``%`` as a
    slash with its rings beside its ends, their columns overlapping it only a little:
    the three marks are one character, so ``100%`` is read and zero-click sets y."""
    from matplotlib import font_manager

    if font not in {f.name for f in font_manager.fontManager.ttflist}:
        pytest.skip(f"{font} is not installed")
    spec = Spec(style="ggplot", dpi=dpi, extra={"percent_signs": True, "font": font})
    result = digitize_km(draw(TRUTH, spec, tmp_path / "km"))
    assert not [w for w in result.warnings if "--y-range" in w]
    assert result.y_range == (0.0, 1.0)
    for k, arm in enumerate(TRUTH, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.median(err) <= 0.003


@pytest.mark.parametrize("style", ["lifelines", "rbase"])
def test_svg_text_drawn_as_outlines_gives_the_axes_and_the_numbers_at_risk(
    tmp_path: Path, style: str
) -> None:
    """matplotlib writes an SVG's text as glyph outlines (``<use>`` of paths in
    ``<defs>``): the outlined digits are read, so zero-click reads the axes' ranges and
    the numbers at risk, as from a PDF's text."""
    from analysis.published.digitize_outlines import outline_words

    spec = Spec(style=style, fmt="svg", percent=True, risk_table=True)
    figure = draw(TRUTH, spec, tmp_path / "km")
    assert "<text" not in figure.read_text()  # no text to read: outlines only
    numbers = [w for w in outline_words(figure) if w[0].isdigit()]
    assert {"0", "12", "24", "36", "48", "60", "20", "40", "80", "100"} <= {w[0] for w in numbers}
    _check_read_without_ranges(digitize_km(figure), spec)  # zero-click


def test_outlines_follow_curved_pieces_and_turned_groups() -> None:
    """A glyph's contours follow its curved pieces (each its own polygon, so an inner one
    can be a hole), and a rotated group's characters are turned (a y axis title set
    upwards stays left of the labels, not across them)."""
    from analysis.published.digitize_outlines import contours, matrix

    ring = contours("M 0 0 Q 5 -5 10 0 Q 5 5 0 0 z M 2 0 L 8 0 L 5 1 z")
    assert [len(c) for c in ring] == [13, 3]  # 6 points along each curved piece
    np.testing.assert_allclose(ring[0][3], [5.0, -2.5])  # the top of the first curve
    np.testing.assert_allclose(ring[1][0], [2.0, 0.0])
    turned = matrix("translate(10 20) rotate(-90)") @ np.array([5.0, 0.0, 1.0])
    np.testing.assert_allclose(turned[:2], [10.0, 15.0], atol=1e-12)
    about = matrix("rotate(90 1 1)") @ np.array([2.0, 1.0, 1.0])
    np.testing.assert_allclose(about[:2], [1.0, 2.0], atol=1e-12)


def test_a_line_that_is_not_a_curve_is_named_in_a_warning(tmp_path: Path) -> None:
    spec = Spec(style="matplotlib", dpi=100)
    from matplotlib.figure import Figure

    fig = Figure(figsize=spec.size, dpi=spec.dpi)
    ax = fig.add_subplot()
    for i, arm in enumerate(TRUTH):
        times, surv = arm.km()
        ax.step(
            np.append(times, arm.end()),
            np.append(surv, surv[-1]),
            where="post",
            color=("C0", "C1")[i],
        )
    ax.axhline(0.5, color="black", lw=1)  # a median line across the plot
    ax.set_xticks(spec.x_ticks)
    ax.set_yticks(spec.y_ticks())
    ax.set_xlim(-2.4, 62.4)
    ax.set_ylim(-0.04, 1.04)
    fig.savefig(tmp_path / "median.png")
    result = _read(tmp_path / "median.png", spec, curves=2)
    assert any("has no step" in w for w in result.warnings)
    assert any("3 curve(s) read where 2 were expected" in w for w in result.warnings)


def test_two_curves_in_one_colour_are_not_passed_off_as_one(tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    spec = Spec()
    fig = Figure(figsize=spec.size, dpi=100)
    ax = fig.add_subplot()
    for arm in TRUTH:
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post", color="C0")
    ax.set_xticks(spec.x_ticks)
    ax.set_yticks(spec.y_ticks())
    ax.set_xlim(-2.4, 62.4)
    ax.set_ylim(-0.04, 1.04)
    fig.savefig(tmp_path / "same.png")
    result = _read(tmp_path / "same.png", spec)
    assert result.n_curves == 1
    assert any("lie off every curve read: a curve may be missed" in w for w in result.warnings)


def test_three_black_curves_told_apart_by_line_type(tmp_path: Path) -> None:
    data = arms(4, n=(150, 150, 150), hazards=(0.015, 0.03, 0.06))
    spec = Spec(style="rbase", dpi=200)
    result = _read(draw(data, spec, tmp_path / "km"), spec, curves=3)
    _check(result, data, spec, median=0.005, p95=0.04)


def test_no_plot_and_unreadable_files_are_refused_clearly(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (300, 200), "white").save(tmp_path / "blank.png")
    with pytest.raises(DigitizeError, match=r"blank\.png: no plot found"):
        digitize_km(tmp_path / "blank.png")
    (tmp_path / "fig.tif").write_bytes(b"II*")
    with pytest.raises(
        DigitizeError, match=r"cannot read '\.tif' figures; give a PNG, JPEG, SVG or PDF"
    ):
        digitize_km(tmp_path / "fig.tif")
    (tmp_path / "fig.pdf").write_bytes(b"%PDF-1.4 cut short")
    with pytest.raises(DigitizeError, match=r"fig\.pdf: not a readable PDF"):
        digitize_km(tmp_path / "fig.pdf")
    with pytest.raises(DigitizeError, match="no such file"):
        digitize_km(tmp_path / "missing.png")


def test_cli_writes_curves_and_overlay_and_exits_2_without_a_plot(tmp_path: Path, capsys) -> None:
    spec = Spec(style="ggplot", dpi=100, percent=True)
    figure = draw(TRUTH, spec, tmp_path / "km")
    out = tmp_path / "read"
    code = main(["digitize", str(figure), "--out", str(out), "--x-range", "0", "60",
                 "--y-range", "0", "100", "--curves", "3"])  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert "warning: 2 curve(s) read where 3 were expected" in printed
    assert "2 curve(s) of survival read" in printed
    curves = pd.read_csv(out / "curves.csv")
    assert curves.columns.tolist() == ["curve", "time", "survival"]
    assert set(curves["curve"]) == {1, 2} and curves["survival"].max() <= 1
    assert (out / "overlay.png").stat().st_size > 1000
    from PIL import Image

    Image.new("RGB", (300, 200), "white").save(tmp_path / "blank.png")
    assert main(["digitize", str(tmp_path / "blank.png"), "--out", str(out)]) == 2
    assert "no plot found" in capsys.readouterr().err


def test_written_files_round_trip(tmp_path: Path) -> None:
    spec = Spec(style="rbase", fmt="svg")
    result = _read(draw(TRUTH, spec, tmp_path / "km"), spec)
    files = write_digitized(result, tmp_path / "out")
    assert [f.name for f in files] == ["curves.csv", "censored.csv", "overlay.png"]
    back = pd.read_csv(files[0])
    np.testing.assert_allclose(back["survival"], result.curves["survival"], atol=1e-6)
    marks = pd.read_csv(files[1])
    assert marks["curve"].tolist() == result.censored["curve"].tolist()
    np.testing.assert_allclose(marks["time"], result.censored["time"], atol=1e-4)


def test_the_toolkits_own_survival_figure_is_read(tmp_path: Path) -> None:
    """Axes drawn as two spines whose tick marks at 0 run past the corner (the journal
    style's km_plot) are found, and the curve read within 0.01, zoomed axis or not."""
    from analysis.figures import km_plot, save_figure
    from analysis.stats import fracture_free_survival
    from analysis.synth import synthesize

    km = fracture_free_survival(synthesize(400, seed=2012))
    for y_min, y_range in ((0.0, (0, 100)), (None, None)):
        fig = km_plot(km, breaks=(0, 180, 365, 540, 730), show_ci=False, censor_marks="none", y_min=y_min)  # fmt: skip
        if y_range is None:
            ax = fig.axes[0]
            ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
            y_range = (ticks[0], ticks[-1])
        png = save_figure(fig, tmp_path / f"km{y_min}", formats=("png",))[0]
        curve = digitize_km(png, x_range=(0, 730), y_range=y_range, curves=1).curve(1)
        at = km.at((90, 180, 365, 540))
        idx = np.searchsorted(curve["time"].to_numpy(), at["time"].to_numpy(), side="right") - 1
        assert np.abs(curve["survival"].to_numpy()[idx] - at["survival"].to_numpy()).max() < 0.01


# Figures drawn blind (tests/digitize_blind/): a few read here, all thirty-eight by
# `python -m tests.digitize_blind.score` (or benchmarks/digitize.py --blind). Floors sit a
# little under the score reached (tests/digitize_blind/score.txt).
BLIND = {  # figure: (mode, median, p95, at-risk cells read right or None, HR error or None)
    "g04_ggplot_shaded_cross_png150": ("zero-click", 0.001, 0.005, None, 0.02),
    "l10_lifelines_ci_atrisk_png150": ("zero-click", 0.002, 0.006, "14/14", 0.05),
    "p09_mpl_cross_dashedci_jpg": ("zero-click", 0.002, 0.01, None, 0.05),
    "r01_base_bw_atrisk_png300": ("zero-click", 0.001, 0.015, "10/10", 0.02),
    "p07_mpl_bw_3styles_heavycens_png96": ("ranged", 0.003, 0.018, None, None),
    "r03_base_incidence_3col_jpg": ("zero-click", 0.001, 0.01, "18/18", None),
    "g06_ggplot_bw_percent_ties_svg": ("zero-click", 1e-4, 1e-4, None, 0.03),
    # the second set: a theme_bw panel and its legend keys as fills (the panel is the
    # largest fill but the page's); an at-risk panel with its own x axis under the plot;
    # three black curves, one thin and dotted, the dashed one running along the dotted one
    # and then falling across the solid one
    "ggplot_cuminc_svg": ("zero-click", 1e-4, 1e-4, None, None),
    "ggplot_ci_risk_png300": ("zero-click", 0.001, 0.002, "10/10", 0.03),
    "lifelines_bw_risk_jpg": ("ranged", 0.002, 0.02, "15/15", None),
    # (its hazard ratio from the exact true corners is +3.6% off: the curves read now
    # give that, where a drop read half a month early once cancelled it out)
    "r_base_zoom_png96": ("zero-click", 0.001, 0.006, None, 0.045),
    # the third set: a dashed curve joined to the solid one by censor marks at 96 dpi;
    # matplotlib's SVG text drawn as glyph outlines
    "f1_rbase_bw_png96": ("zero-click", 0.002, 0.02, "14/14", 0.01),
    "f6_mpl_thin_dotted_svg": ("zero-click", 1e-4, 1e-4, "14/14", 0.02),
    # the fourth set: R's svg() (cairo) text as glyph symbols, a percent axis; R base
    # axes drawn apart (no box) on a tinted page, a dashed curve's tail cut off by the
    # solid one
    "h4_ggplot_svg": ("zero-click", 1e-4, 1e-4, None, 0.02),
    "h5_stata_base_png150": ("zero-click", 0.001, 0.017, "15/15", None),
    # censorings spread from each printed time, not from the interval's first drop
    "h3_lifelines_jpg96": ("zero-click", 0.002, 0.006, "12/12", 0.045),
    # thick black lines (13 pixels): dashes as filled boxes, a dotted curve with its
    # ticks as a line of words, drops to a tick's end
    "h2_prism_png300": ("ranged", 0.002, 0.02, None, None),
    # the fifth set: a legend in a row under the axis title numbering crossing curves;
    # an at-risk panel with its own axis line and ticks under a vector plot (given
    # ranges); a colour curve starting under three others
    "i2_mpl_lancet_png200": ("zero-click", 0.002, 0.005, "12/12", 0.02),
    "i4_ggplot_survminer_pdf": ("ranged", 1e-4, 1e-4, "12/12", 0.01),
    "i3_ggplot_four_png300": ("ranged", 0.001, 0.003, None, None),
    # the sixth set: two greys told apart by shade (JAMA); "+" marks on the drops'
    # corners and ".2" tick labels (SPSS); a curve hidden under one hidden on the frame
    "j1_mpl_jama_grey_png300": ("zero-click", 0.001, 0.007, "14/14", 0.02),
    "j2_mpl_spss_png150": ("zero-click", 0.0025, 0.005, None, 0.05),
    "j4_lifelines_three_png96": ("ranged", 0.001, 0.003, "21/21", None),
    # the seventh set: a spreadsheet's chart, horizontal grid lines only, a grey curve
    "k3_mpl_excel_png96": ("zero-click", 0.002, 0.008, None, None),
    # a grey y axis on the right, no left or top line
    "k1_mpl_bmj_rightaxis_png300": ("zero-click", 0.001, 0.002, "14/14", 0.02),
    # an L-shaped box drawn as one path (not a third curve; i1 too)
    "k2_rbase_eventmarks_pdf": ("zero-click", 1e-4, 1e-4, "12/12", 0.02),
    "i1_rbase_nejm_pdf": ("ranged", 1e-4, 1e-4, "14/14", 0.03),
    # an SVG's words written as text turned by 0 degrees: tick labels read zero-click
    "k4_lifelines_panel_svg": ("zero-click", 1e-4, 1e-4, None, None),
    # the eighth set, read within the targets on its first run: a survminer-like PDF with
    # numbers at risk coloured by curve, a scanned page in JPEG with a serif at-risk table
    "l2_survminer_pdf": ("zero-click", 1e-4, 1e-4, "12/12", 0.02),
    "l4_scanned_jpg200": ("zero-click", 0.001, 0.02, "14/14", 0.02),
    # and after its fix: three black R base curves at 96 dpi, the dotted one drawn thicker
    # (its dots as many pixels as the dashes drawn one pixel thick: grouped by reach)
    "l6_rbase_bw3_png96": ("zero-click", 0.001, 0.015, "18/18", None),
    # the ninth set: Stata's rows at risk labelled "group = 0"; SAS's numbers at risk
    # inside the plot under y = 0; a rising incidence in JPEG read on its first run
    "m1_stata_png150": ("zero-click", 0.002, 0.01, "12/12", 0.03),
    "m3_sas_inside_risk_pdf": ("zero-click", 1e-4, 1e-4, "10/10", 0.02),
    "m4_nejm_incidence_jpg150": ("zero-click", 1e-4, 0.002, "10/10", 0.02),
    # and Prism's look, three thick black line types, the dotted one running in the
    # dashed one's lower edge (its second line split off the dash in the dotted one's gap)
    "m2_prism_bw3_png300": ("zero-click", 0.001, 0.019, None, None),
    # the tenth set: three black R base curves crossing, in a PDF; a rising incidence on a
    # zoomed percent axis with shaded bands, read on its first run; four curves in a
    # two-column legend, numbered column by column as matplotlib fills it
    "n1_rbase_bw_3arm_crossing_pdf": ("zero-click", 1e-4, 1e-4, "18/18", None),
    "n2_ggplot_cif_percent_bands_png300": ("zero-click", 0.001, 0.005, None, 0.03),
    "n3_mpl_ties_flat_tails_zoomed_svg": ("zero-click", 1e-4, 1e-4, None, None),
    # and after its fixes: ticks drawn inward (CJK labels, a percent axis)
    "n5_cjk_chinese_journal_percent_png150": ("ranged", 0.002, 0.02, None, 0.03),
    # and after the second round: a drop ending under the other colour's line (a 96-dpi
    # JPEG); a curve starting under the other's blurred line (a scanned page)
    "n4_lifelines_lowq_jpg96": ("zero-click", 0.0035, 0.016, "10/10", 0.03),
    "n6_twopanel_A_km_scanblur_png200": ("ranged", 0.001, 0.02, "9/12", 0.02),
    # the eleventh set: a talk slide, light curves and words on a navy page
    "o3_slide_dark_thicklines_ties_png150": ("zero-click", 0.002, 0.003, None, None),
    # a framed table panel under a padded x axis (its frame swallowed the x labels) and
    # Arial's "%" (its rings beside the slash): survminer's look in PNG
    "o2_survminer_crossing_hr_png300": ("zero-click", 0.001, 0.019, "10/10", 0.03),
    # four black line types with dense "|" ticks (within the targets since their starts'
    # ticks and dots are no longer blanked as a line of words, nor a dash dealt to a curve
    # it would climb back to)
    "o5_chinese_cuminc_4curves_bw_jpg220": ("zero-click", 0.001, 0.019, "28/28", None),
    # the thirteenth set after its fixes: SAS's look, the numbers at risk inside the frame
    # under 0 and a legend beside the plot in a dark blue and a teal; ggplot2's theme_bw
    # box with the y axis on the right and x ticks at 0, 3, 6, 12, 24 in a JPEG
    "t1_sas_lifetest_png200": ("zero-click", 0.002, 0.01, "21/21", None),
    "t3_rightaxis_ggplot_jpg": ("zero-click", 0.001, 0.008, "5/5", None),
    # and two curves of one navy, solid and dotted, crossing (96 dpi)
    "t4_cjk_samecolour_rbase_png96": ("zero-click", 0.001, 0.02, None, 0.02),
    # a scanned grey journal page: its plot cut out, three black climbing line types
    "t5_scan_cif_twopanel_png150": ("zero-click", 0.001, 0.016, "18/18", None),
    # the fourteenth set after its fixes: a ggplot2 slide in cairo SVG, theme_minimal on a
    # navy page (no axes, no ticks: the grid a shade lighter than the page sets the scale)
    "u2_slide_dark_ggplot_svg": ("zero-click", 1e-4, 1e-4, None, None),
    # the seventeenth set after its fixes: a journal PDF, its text outlines, ticks drawn
    # inward, each curve hundreds of separate segments, the dashed one by gaps
    "x4_outlined_segments_pdf": ("zero-click", 1e-4, 0.001, None, 0.02),
    # a y axis zoomed to 0.4-1.0 with a "//" break mark
    # (the axis line cut between its strokes), numbers at risk in the curves' colours
    "u4_zoom_colored_atrisk_lifelines_png300": ("zero-click", 0.001, 0.006, "27/27", None),
    # three climbing curves in black, grey25 and grey40 (solid,
    # dashed, dot-dash) at 96 dpi, told apart by shade; "0.4" whose point is a pixel high
    "u5_cuminc_grey_linetypes_ggplot_png96": ("zero-click", 0.001, 0.008, None, None),
    # the fifteenth set after its fixes: two ggplot2 theme_bw plots side by side, panel A
    # read (the first in reading order; panel B's frame had been taken for the plot)
    "v3_twopanel_ggplot_years_png150": ("zero-click", 0.001, 0.01, None, 0.04),
    # the fifteenth set: R base in a JPEG, a black curve and three colours told apart by
    # line type too (the dotted one's legend sample a row of dots), in the legend's order
    "v4_rbase_days90_zoomy_jpg": ("zero-click", 0.001, 0.017, "36/36", None),
    # three curves of one black line told apart by the markers on their steps, read from
    # the markers (overlapping in long runs with no line between them)
    "s3_twopanelA_serif8_markers_bw_png200": ("zero-click", 0.0015, 0.015, None, None),
    # the sixteenth set: Stata's s2color look, a boxed legend below the plot in two columns
    # filled row by row (read so, with a warning), three dark colours crossing early
    "w1_stata_s2color_png150": ("zero-click", 0.0025, 0.007, None, None),
    # the sixteenth set after its fix: a scanned, turned page, a percent axis 0-40 whose
    # labels stand beside the y title's letters blurred together
    "w3_scan_incidence_jpg150": ("zero-click", 0.001, 0.015, "14/14", 0.03),
    # the sixteenth set: a tall R base page, three thick black line types, the dashed and
    # dotted curves running together (the dots hidden under the dashes or joined to them)
    "w6_tall_title_risktable_png300": ("zero-click", 0.001, 0.017, "18/18", None),
    # the seventeenth set: a small plot inside the main one (its inset) zooming the same
    # curves on its own axes, left out
    "x3_inset_incidence_jpg": ("zero-click", 0.001, 0.008, "14/14", 0.02),
    # the seventeenth set after its fixes: a ggplot2 slide, light curves on a navy page
    # (read inverted, the page made white so its faint grid frames the plot); lifelines'
    # black, mid grey and light grey solid lines told apart by shade
    "x5_slide_dark_png96": ("zero-click", 0.001, 0.01, None, 0.04),
    "x6_three_greys_lifelines_png200": ("zero-click", 0.002, 0.006, "15/15", None),
    # the eighteenth set: Excel's scatter chart framed by its grid (its darker axis line,
    # its border and the top line cut at the limit), markers crowding the steps read as
    # the line; a small ggplot2 figure at 96 dpi, ticks two pixels long, faint labels
    "y1_excel_scatter_png150": ("zero-click", 0.002, 0.02, None, 0.02),
    "y6_ggplot_small4arm_png96": ("zero-click", 0.001, 0.004, None, None),
    # the eighteenth set after its fixes: seaborn's darkgrid in an SVG (a white grid on a
    # tinted panel, no axis lines, no ticks); R base in black and white, its 95% regions
    # hatched in thin lines crossing the curves
    "y3_darkgrid_weeks_svg": ("zero-click", 1e-4, 1e-4, None, None),
    "y4_rbase_bw_hatched_png300": ("zero-click", 0.001, 0.013, None, 0.02),
    # the nineteenth set after its fixes: an office chart exported as a PDF, every run and
    # drop of a step its own path, a grid one way and labels alone on the other axis;
    # SPSS at 120 dpi, '+' marks whose arms run on past the drops beside them
    "z3_office_emf_pdf": ("zero-click", 1e-4, 1e-4, None, None),
    "z2_spss_png120": ("zero-click", 0.002, 0.018, None, 0.03),
    # drawn blind in the same set and read within the targets as drawn: survminer's
    # cumulative incidence in an SVG, its table's names in colour; a zoomed y axis with
    # a break mark, black and white, dense censor ticks, at 300 dpi
    "z5_cuminc_survminer_svg": ("zero-click", 1e-4, 1e-4, "18/18", None),
    "z6_zoomed_axisbreak_bw_png300": ("zero-click", 0.001, 0.006, "14/14", 0.02),
    # the nineteenth set's poster after its fixes: 5 pt curves, one dropping onto a thick
    # x axis, a semi-opaque legend box over two curves' tails, JPEG q70 at 150 dpi
    "z4_poster_4curves_jpg150": ("zero-click", 0.001, 0.02, None, None),
    # the twentieth set: Plotly's white grid on a tinted plot area, no tick marks, its
    # zero lines at the edges; d3's SVG (translated groups, currentColor, a grid at
    # opacity 0.1, no y axis line, the x axis's end mark past its last tick)
    "a1_plotly_png": ("zero-click", 0.0015, 0.015, None, None),
    "a6_d3_five_curves_svg": ("zero-click", 0.001, 0.001, None, None),
    # MATLAB's box with inward ticks on all four sides, its legend's box touching those
    # of the top and right sides; thin stairs with open circles at the censorings
    "a2_matlab_png150": ("zero-click", 0.0015, 0.005, None, 0.04),
    # a phone photo of a printed black-and-white page: uneven warm light, a strip of desk,
    # a keystone and a turn; read flat, squared and unslanted
    "a3_phone_photo_jpg": ("ranged", 0.001, 0.018, "10/12", 0.02),
    # the twenty-first set after its fix: Nature's two panels a and b side by side in one
    # PDF, drawn alike; panel b read (meta.json's "panel"), its own labels and table
    "b5_nature_pdf_panels": ("zero-click", 0.001, 0.001, "10/10", 0.02),
    # the twenty-first set's greyscale scan of an old journal's figure after its fix:
    # turned 1.1 degrees, blurred, grain, specks and a fold; inward ticks a pixel wider
    # than the frame's line, tick labels among specks, a dashed and a dash-dot black curve
    # with dense censor ticks
    "b3_greyscale_scan_png200": ("zero-click", 0.002, 0.016, None, None),
    # the twenty-second set after its fix: matplotlib's SVG, text as outlines, four curves
    # on a y axis zoomed to 0.5-1.0 and log-scaled (read from where its ticks stand)
    "c3_mpl_four_curves_log_y_svg": ("zero-click", 1e-4, 1e-4, None, None),
    # a web page's screenshot at 72 dpi in a JPEG of quality 40: thin grey axis lines
    # flickering under the compression, the grid's end lines under them, the curves'
    # green and purple faded by colour subsampling
    "c4_screenshot_jpg72": ("zero-click", 0.0025, 0.015, None, 0.03),
    # set 23: OriginLab's thick frame with major and minor ticks inward on all four sides
    # (more minor marks than major ones show), three curves, one in the frame's black
    "d2_origin_inward_ticks_png300": ("zero-click", 0.001, 0.01, None, None),
    # MedCalc's dotted confidence limits of each curve's colour at 96 dpi (their
    # flat stretches starting together are no legend); a 96 dpi thumbnail whose 7 px tick
    # labels stand a pixel under their tick marks
    "d3_medcalc_ci_png96": ("zero-click", 0.0035, 0.02, "14/14", 0.02),
    "d6_thumbnail_png96": ("zero-click", 0.0035, 0.012, None, 0.02),
    # set 24: a journal's page scanned turned 1.5 degrees, its inward 0 tick along the x
    # axis (the range given put there by the labels); ggplot2's tinted facets side by
    # side, the left one asked for by its place, the legend under both kept whole
    "e4_scan_skewed_jpg150": ("ranged", 0.002, 0.012, "12/12", 0.02),
    "e5_ggplot_facets_png200": ("zero-click", 0.0025, 0.017, None, 0.02),
    # Excel's line chart: markers on a KM table's rows joined by slanted lines, read as
    # the steps through them; its small labels read without decimal points (0 to 12)
    "e6_excel_markers_png96": ("zero-click", 0.0025, 0.02, None, 0.02),
    # set 25: base R's log time axis (0.5 to 15) with its range given, told logarithmic
    # by the labels read at its ticks, the curves starting at 0.5; Stata's sts graph PDF,
    # its boxed legend under the plot wider than the x axis
    "q6_long_followup_log_x_png150": ("ranged", 0.002, 0.015, None, 0.02),
    "q3_stata_months_years_pdf": ("zero-click", 1e-4, 1e-4, "18/18", None),
    # NEJM's cumulative incidence with a zoomed inset and no legend: the curves numbered
    # as the at-risk table names its rows in their colours
    "q1_nejm_png300": ("zero-click", 0.001, 0.005, "14/14", 0.02),
    # set 26 after its fix: a black-and-white PDF, three identical thin black paths told
    # apart only by the marker shapes on them (open circle, filled square, open triangle),
    # matched to the boxed legend's markers
    "aa5_bw_marker_shapes_pdf": ("zero-click", 1e-4, 1e-4, None, None),
    # GraphPad Prism's offset axes, 12 px black and red steps with thick censor bars, the
    # legend beside the plot; the black curve's first steps hidden under the red at 100%
    "aa2_prism_offset_axes_png300": ("zero-click", 0.0015, 0.02, None, 0.02),
    # JAMA's rising cumulative incidence on a 0-40% axis, a // break mark crossing the y
    # axis inside a wider white cut just above 0, an HR note in the plot, coloured names
    # on the at-risk rows
    "aa1_jama_incidence_axisbreak_png300": ("zero-click", 0.001, 0.005, "14/14", 0.02),
    # a photocopied journal page, the plot under body text: a mid grey curve in grain
    # and fading toner, tick labels among specks two pixels across
    "q4_grayscale_photocopy_png200": ("zero-click", 0.0025, 0.012, "9/12", 0.02),
    # JAMA's zoomed y axis (0, then 60 to 100) broken by a // mark that crosses the axis
    # inside its cut: read from its labels above the break
    "b1_jama_png300": ("zero-click", 0.001, 0.002, "18/18", 0.02),
}


@pytest.mark.parametrize(
    ("ys", "xs", "ranks"),
    [
        ([10, 20, 30], [5, 5, 5], [0, 1, 2]),  # a column, top to bottom
        ([10, 10, 10], [50, 5, 90], [1, 0, 2]),  # a row, left to right
        ([10, 20, 10, 20], [5, 5, 50, 50], [0, 1, 2, 3]),  # a grid, column by column
        ([10, 10, 20, 20], [5, 50, 5, 50], [0, 2, 1, 3]),
        ([10, 10], [5, 5.5], None),  # two samples in one place: no order
    ],
)
def test_a_legends_samples_are_numbered_column_by_column(ys, xs, ranks) -> None:
    from analysis.published.digitize import legend_order

    assert legend_order(ys, xs, 2.0, 2.0) == ranks


@pytest.mark.parametrize(
    ("ys", "xs", "ranks"),
    [
        ([10, 20, 30], [5, 5, 5], [0, 1, 2]),  # a column, top to bottom
        ([10, 10, 10], [50, 5, 90], [1, 0, 2]),  # a row, left to right
        ([10, 10, 20], [5, 50, 5], [0, 1, 2]),  # Stata's two columns, filled row by row
        ([10, 20, 10, 20], [5, 5, 50, 50], [0, 2, 1, 3]),
    ],
)
def test_a_legend_below_a_plot_is_numbered_row_by_row(ys, xs, ranks) -> None:
    from analysis.published.digitize import legend_grid, legend_order

    assert legend_order(ys, xs, 2.0, 2.0, by_row=True) == ranks
    assert legend_grid(ys, xs, 2.0, 2.0) == (len(set(ys)) > 1 and len(set(xs)) > 1)


@pytest.mark.parametrize("name", list(BLIND))
def test_figures_drawn_blind_are_read_within_their_floors(name: str) -> None:
    from tests.digitize_blind import score

    mode, median, p95, risk, hr = BLIND[name]
    s = score.score(score.HERE / name, ranged=mode == "ranged")
    assert s.fail == ""
    assert s.median <= median and s.p95 <= p95, (s.median, s.p95)
    if risk is not None:
        assert s.risk == risk
    if hr is not None:
        assert abs(s.hr_err) <= hr, s.hr_err


def test_blind_scorer_reads_any_folder_of_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--root DIR`` scores the figure folders under DIR, laid out as the blind ones; the
    censor marks a drawing prints go to the reconstruction (g06: within 5%)."""
    import shutil

    from tests.digitize_blind import score

    shutil.copytree(score.HERE / "g06_ggplot_bw_percent_ties_svg", tmp_path / "new_fig")
    assert score.main(["--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert (
        "new_fig" in out and "ranged: 1 figures" in out and "hazard ratio within 5% in 1/1" in out
    )
    with pytest.raises(SystemExit):
        score.main(["--root", str(tmp_path / "missing")])
    assert "no such folder" in capsys.readouterr().err


def test_blind_scorer_compares_step_functions_on_the_drawn_span() -> None:
    from tests.digitize_blind.score import curve_errors, step_values

    truth = pd.DataFrame({"time": [0.0, 2.0, 5.0, 10.0], "value": [1.0, 0.8, 0.5, 0.5]})
    assert step_values(truth["time"].to_numpy(), truth["value"].to_numpy(),
                       np.array([0.0, 1.9, 2.0, 7.0, 12.0])).tolist() == [1.0, 1.0, 0.8, 0.5, 0.5]  # fmt: skip
    read = pd.DataFrame({"time": [0.0, 2.0, 2.0, 10.0], "survival": [1.0, 1.0, 0.8, 0.8]})
    err = curve_errors(read, truth)
    assert len(err) == 100 and err.max() == pytest.approx(0.3)
    assert (curve_errors(None, truth) == 1).all()  # a curve not read counts as wrong


def _printed(texts: list[tuple[str, int, int]], size: int = 16) -> np.ndarray:
    """An image with ``texts`` (text, column, row) printed in DejaVu Sans."""
    from PIL import Image, ImageDraw, ImageFont

    from analysis.published.digitize_ocr import _font_paths

    img = Image.new("RGB", (400, 120), "white")
    font = ImageFont.truetype(str(_font_paths()[0]), size)
    for text, x, y in texts:
        ImageDraw.Draw(img).text((x, y), text, fill=(0, 0, 0), font=font)
    return np.asarray(img, dtype=np.float32) / 255


def test_printed_numbers_are_read_from_pixels() -> None:
    from analysis.published.digitize_ocr import words

    rgb = _printed([("0.75", 10, 10), ("100%", 110, 10), ("1234567890", 210, 10), ("-2.5", 10, 60),
                    ("Months", 110, 60)])  # fmt: skip
    found = sorted(words(rgb, (0, 120, 0, 400)), key=lambda w: (w.top // 20, w.left))
    assert [w.text for w in found][:4] == ["0.75", "100%", "1234567890", "-2.5"]
    assert [w.value() for w in found][:4] == [0.75, 100.0, 1234567890.0, -2.5]
    assert found[4].value() is None  # a word of letters is no number


def test_a_coloured_number_beside_a_black_label_is_a_word_of_its_own() -> None:
    """survminer prints each row's label in black and its numbers at risk in the curve's
    colour, the first number close to the label (whose letters may pass for digits):
    two words, however close; in one colour, one word."""
    from PIL import Image, ImageDraw, ImageFont

    from analysis.published.digitize_ocr import _font_paths, words

    font = ImageFont.truetype(str(_font_paths()[0]), 20)
    for gap in (3, 10):  # closer than a word's spacing; closer than a character's height
        read = []
        for colour in ((231, 184, 0), (0, 0, 0)):
            img = Image.new("RGB", (300, 60), "white")
            draw = ImageDraw.Draw(img)
            draw.text((10, 15), "12", fill=(0, 0, 0), font=font)
            right = int(draw.textbbox((10, 15), "12", font=font)[2])
            draw.text((right + gap, 15), "180", fill=colour, font=font)
            found = words(np.asarray(img, dtype=np.float32) / 255, (0, 60, 0, 300))
            read.append([w.value() for w in found])
        assert read[0] == [12.0, 180.0] and read[1] != read[0], (gap, read)


def test_tick_labels_must_grow_evenly_along_the_axis() -> None:
    from analysis.published.digitize_ocr import Word, evenly_labelled

    def w(text: str) -> Word:
        return Word(text, 0, 1, 0, 1, 1.0)

    ticks = np.array([100.0, 200.0, 300.0, 400.0, 500.0])
    pos, val = evenly_labelled(ticks, [w("0"), w("12"), w("24"), w("?6"), w("48")])
    assert pos.tolist() == [100, 200, 300, 500] and val.tolist() == [0, 12, 24, 48]
    # labels that do not fall on one line (misread) give nothing rather than a wrong axis
    pos, val = evenly_labelled(ticks, [w("0"), w("17"), w("31"), w("3"), w("49")])
    assert len(pos) == 0


def test_numbers_at_risk_stand_under_the_ticks_and_never_grow() -> None:
    from analysis.published.digitize_ocr import Word, risk_rows

    def w(text: str, centre: int, row: int) -> Word:
        return Word(text, centre - 5, centre + 6, row, row + 10, 1.0)

    ticks, times = np.array([100.0, 200.0, 300.0]), np.array([0.0, 12.0, 24.0])
    found = [w("120", 100, 0), w("80", 200, 0), w("41", 300, 0),  # a table row
             w("130", 100, 20), w("140", 200, 20), w("90", 300, 20),  # grows: not numbers at risk
             w("2024", 150, 40), w("7", 250, 40)]  # between the ticks  # fmt: skip
    table = risk_rows(found, ticks, times)
    assert table is not None
    assert table.to_dict("list") == {"curve": [1, 1, 1], "time": [0.0, 12.0, 24.0],
                                     "n_risk": [120, 80, 41]}  # fmt: skip


def test_a_range_given_that_contradicts_the_tick_labels_is_named() -> None:
    path = Path(__file__).parent / "digitize_blind" / "r01_base_bw_atrisk_png300" / "figure.png"
    right = digitize_km(path, (0, 48), (0, 1))
    assert not any("was used, but" in w for w in right.warnings)
    wrong = digitize_km(path, (0, 60), (0, 1))
    assert any(
        w.startswith("--x-range 0 60 was used, but the x axis's first and last tick labels "
                     "read 0 and 48") for w in wrong.warnings
    )  # fmt: skip
    # the hidden start of the dashed curve follows the solid one it lay under
    assert any("taken to follow the curve it was under" in w for w in right.warnings)


def test_a_point_too_faint_to_see_does_not_turn_a_label_into_another_number() -> None:
    from analysis.published.digitize_ocr import Word, _faint_joined

    strength = np.zeros((20, 60))
    found = [Word("0", 10, 18, 2, 14, 0.9), Word("8", 22, 30, 2, 14, 0.9)]
    joined = _faint_joined(found, strength, 0, 0, 12)
    assert [w.text for w in joined] == ["0?8"] and joined[0].value() is None  # never 8
    strength[12, 19:21] = 0.3  # a faint point low in the gap
    assert [w.text for w in _faint_joined(found, strength, 0, 0, 12)] == ["0.8"]
    far = [Word("0", 10, 18, 2, 14, 0.9), Word("8", 40, 48, 2, 14, 0.9)]  # two numbers
    assert [w.text for w in _faint_joined(far, strength, 0, 0, 12)] == ["0", "8"]


def test_words_in_a_plot_are_told_from_censor_marks_and_staircases() -> None:
    from analysis.published.digitize_ocr import _letters

    letters = [(10, 22, 0, 7), (13, 22, 8, 14), (10, 22, 15, 17), (13, 25, 18, 25)]
    assert _letters(letters, 12)
    marks = [(10, 18, x, x + 8) for x in (0, 10, 20, 30)]  # identical '+' marks in a row
    assert not _letters(marks, 8)
    stairs = [(10, 22, 0, 8), (20, 32, 9, 17), (30, 40, 18, 26)]  # no common baseline
    assert not _letters(stairs, 12)


def test_typefaces_are_shipped_so_a_machine_without_them_still_reads_labels(monkeypatch) -> None:
    from analysis.published import digitize_ocr

    monkeypatch.setattr(digitize_ocr, "_font_paths", lambda: [])
    digitize_ocr.templates.cache_clear()
    try:
        chars = [t[0] for t in digitize_ocr.templates()]
        assert chars.count("1") >= 6  # DejaVu, Liberation and Nimbus, Sans and Serif
        path = Path(__file__).parent / "digitize_blind" / "r01_base_bw_atrisk_png300" / "figure.png"
        result = digitize_km(path)  # R's labels, in Liberation or Nimbus Sans
        assert result.x_range == (0.0, 48.0) and result.y_range == (0.0, 1.0)
        assert result.at_risk is not None and len(result.at_risk) == 10
    finally:
        digitize_ocr.templates.cache_clear()


def test_a_curve_first_seen_along_the_axis_starts_at_time_0() -> None:
    path = Path(__file__).parent / "digitize_blind" / "r03_base_incidence_3col_jpg" / "figure.jpg"
    result = digitize_km(path)  # the blue curve lies on the x axis until about 6 months
    first = result.curve(1).iloc[:2]
    assert first["time"].tolist()[0] == 0.0 and first["incidence"].tolist()[0] == 0.0
    assert 5.5 < first["time"].tolist()[1] < 6.5


def _plus(size: int, stroke: int) -> np.ndarray:
    mark = np.zeros((size, size), dtype=bool)
    mid = size // 2
    mark[mid - stroke // 2 : mid - stroke // 2 + stroke] = True
    mark[:, mid - stroke // 2 : mid - stroke // 2 + stroke] = True
    return mark


def test_a_censor_mark_on_a_thicker_dash_is_not_taken_for_a_lone_mark() -> None:
    from analysis.published.digitize_raster import _is_cross

    assert _is_cross(_plus(15, 2), width=4)
    on_dash = _plus(15, 2)
    on_dash[6:10] = True  # the dash, four pixels thick, under the mark's 2-pixel bar
    assert not _is_cross(on_dash, width=4)


def test_a_broken_curves_drop_across_a_solid_one_is_given_to_the_broken_curve() -> None:
    from analysis.published.digitize_raster import split_by_style

    mask = np.zeros((120, 240), dtype=bool)
    mask[58:62, :] = True  # the solid curve, flat at row 60
    for a in range(0, 118, 12):  # the dashed curve at row 20, then falling at column 120
        mask[18:22, a : a + 8] = True
        mask[98:102, 122 + a : min(130 + a, 240)] = True
    for top, bottom in ((20, 32), (38, 84), (90, 100)):
        mask[top:bottom, 118:122] = True
    parts = split_by_style(mask, 2)
    assert len(parts) == 2
    solid, broken = parts[0][0], parts[1][0]
    assert not solid[:56].any() and not solid[64:].any()  # the drop is not the solid's
    assert solid[58:62].all(axis=0).sum() >= 236  # the solid line stays whole
    assert broken[38:56, 118:122].all() and broken[64:84, 118:122].all()


def test_a_dashed_curve_joined_to_a_solid_one_by_censor_marks_is_read_at_96_dpi(
    tmp_path: Path,
) -> None:
    """R base at 96 dpi, solid and dashed black curves running a few pixels apart: the
    '+' marks join the dashes under the solid line to its stroke. Those dashes (flat
    strokes below the solid curve followed, off its line) go to the dashed curve, which
    is then read through that stretch rather than waiting above it (p95 0.036 before)."""
    data = arms(3, n=(140, 125), hazards=(0.012, 0.016), follow_up=36)
    spec = Spec(style="rbase", dpi=96, x_ticks=(0, 6, 12, 18, 24, 30, 36))
    _check(_read(draw(data, spec, tmp_path / "km"), spec), data, spec, median=0.005, p95=0.02)


def test_a_lone_curve_leaves_a_stroke_hanging_off_its_line_when_that_stroke_ends() -> None:
    """A curve's line (row 10) with another curve's short stroke hanging below it
    (joined to it by a vertical stroke, as a censor mark joins them): the curve first
    drops onto that stroke, and when the stroke ends under its line going on, it goes
    back to its line from where it left it: one plateau, no drop."""
    from scipy import ndimage

    from analysis.published.digitize_raster import column_runs
    from analysis.published.digitize_track import corners, follow

    mask = np.zeros((40, 300), dtype=bool)
    mask[10:12, :] = True  # the curve's line, two pixels thick
    mask[10:17, 60:62] = True  # a stroke hanging down to another curve's line
    mask[15:17, 60:110] = True  # which ends under the line
    mask[25:27, 200:] = True  # the curve's real drop, later
    mask[10:27, 200:202] = True
    labels, _ = ndimage.label(mask, structure=np.ones((3, 3), bool))
    (track,) = follow(column_runs(mask, mask.astype(float)), labels, 1, 2)
    changes, levels, _ = corners(track, 2)
    np.testing.assert_allclose(levels, [10.5, 25.5])
    assert abs(changes[0] - 200) <= 2


def test_a_dashed_tail_cut_off_by_a_crossing_is_a_curve_not_a_line_of_words() -> None:
    """A dashed curve's last drop and its flat dashes after it, cut off from the rest of
    it where the drop crosses a solid curve (R base, black line types): the piece is
    low, its dashes narrower than it is tall, as a line of words is; but its marks are
    flat (a line thick), not letters, and it is kept. A line of letters is still left
    out."""
    from analysis.published.digitize_raster import clean

    mask = np.zeros((470, 700), dtype=bool)
    mask[20:23, 10:300] = True  # the rest of the curve, long
    mask[357:386, 460:463] = True  # the drop (its top hidden under the solid curve)
    for c in range(460, 650, 20):  # dashes 12 pixels long, 8 apart, 3 thick
        mask[383:386, c : c + 12] = True
    for c in range(100, 200, 14):  # letters: 10 wide, 14 tall
        mask[430:444, c : c + 10] = True
    kept, _ = clean(mask, 3)
    assert kept[383:386, 460:650].sum() == mask[383:386, 460:650].sum()
    assert kept[357:386, 460:463].all()
    assert not kept[430:444].any()


def test_a_drawing_of_many_tiny_filled_shapes_is_drawn_in_few_pixels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small filled shapes that are no characters (tiny markers spread over a large
    drawing, which would be drawn 64000 pixels wide at a character's size) are drawn
    within the pixel budget, and read as no number."""
    from analysis.published import digitize_ocr, digitize_outlines

    squares = "".join(
        f'<path d="M {x} {y} h 1 v 1 h -1 z"/>' for x in range(0, 2000, 97) for y in (0, 1999)
    )
    svg = tmp_path / "dots.svg"
    svg.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2000 2000">{squares}</svg>'
    )
    shapes: list[tuple[int, ...]] = []
    original = digitize_ocr.words

    def counting(
        rgb: np.ndarray, region: tuple[int, int, int, int], touching: str = "",
        glyphs: list[tuple[int, int, int, int]] | None = None,
    ):  # fmt: skip
        shapes.append(rgb.shape)
        return original(rgb, region, touching, glyphs)

    monkeypatch.setattr(digitize_ocr, "words", counting)
    found = digitize_outlines.outline_words(svg)
    assert len(shapes) == 1 and shapes[0][0] * shapes[0][1] <= 1.01 * digitize_outlines.PIXELS
    assert not any(w[0].isdigit() for w in found)


def _prism_figure(tmp_path: Path) -> tuple[Path, list[Arm], Spec]:
    """Three arms in whole months drawn in Prism's look: black lines 3 points thick (13
    pixels at 300 dpi; solid, dashed, dotted), tall censor ticks, a percent axis."""
    data = [
        Arm(np.ceil(a.time), a.event)
        for a in arms(10, n=(70, 80, 60), hazards=(0.006, 0.010, 0.016), follow_up=36.0)
    ]
    spec = Spec(style="prism", dpi=300, percent=True, size=(5.5, 4.5),
                x_ticks=(0, 6, 12, 18, 24, 30, 36))  # fmt: skip
    return draw(data, spec, tmp_path / "km"), data, spec


def test_thick_black_lines_told_apart_by_style_are_read(tmp_path: Path) -> None:
    """Prism's thick lines: the width read is the strokes' 13 pixels (not a dot's edge),
    a thick dash is not a legend's frame, a dotted curve with its ticks not a line of
    words, and a drop ends where most of its columns end (a tick joined to it reaches
    lower): all three curves within the targets, with and without ranges (none was
    read before)."""
    path, data, spec = _prism_figure(tmp_path)
    _check(_read(path, spec), data, spec, 0.005, 0.02)
    _check(digitize_km(path), data, spec, 0.005, 0.02)


def test_a_thick_stroke_s_width_is_read() -> None:
    from analysis.published.digitize_raster import line_width

    mask = np.zeros((100, 200), dtype=bool)
    mask[20:33, :150] = True  # a line 13 pixels thick
    mask[33:46, 140:153] = True  # its drop
    mask[45:58, 140:] = True
    for c in range(0, 200, 30):  # dots' and marks' edges: short runs
        mask[70:74, c : c + 4] = True
    assert line_width(mask) == 13


def test_a_thick_dash_is_not_a_legend_frame_but_an_outline_is() -> None:
    from analysis.published.digitize_raster import _is_box

    mask = np.zeros((100, 200), dtype=bool)
    mask[20:33, 30:105] = True  # a dash 13 pixels thick, 75 long
    assert not _is_box(mask, (slice(20, 33), slice(30, 105)))
    frame = np.zeros((100, 200), dtype=bool)
    frame[10:60, 20:120] = True
    frame[12:58, 22:118] = False  # a legend's frame, two pixels wide
    assert _is_box(frame, (slice(10, 60), slice(20, 120)))


def test_a_thick_dotted_curve_with_ticks_is_not_taken_for_words() -> None:
    """Dots a line thick (13 pixels) and censor ticks across them, in a row as letters
    stand (their widths unequal, their feet on one line): not a word, its strokes being
    thicker than a typeface's."""
    from analysis.published.digitize_ocr import text_boxes

    rgb = np.ones((900, 600, 3))
    for k, c in enumerate(range(40, 520, 32)):
        rgb[100:113, c : c + 13] = 0  # a dot
        x = 12 if k % 2 else 2
        rgb[88:125, c + x : c + x + 8] = 0  # a censor tick across it or at its edge
    assert text_boxes(rgb) == []


def test_thin_censor_ticks_among_a_curve_s_thick_dots_are_not_taken_for_words() -> None:
    """Two thin ``|`` censor ticks, a thick dotted curve's dot and a tick drawn across
    another dot and a dash below it, their feet on one line and of unequal sizes as
    letters stand: not a word, the marks other than the ticks being stroked twice as thick
    as the ticks (a stretch of four curves' starts was blanked as a line of words). A
    word in the same typeface's stems and dots still is one."""
    from analysis.published.digitize_ocr import text_boxes

    rgb = np.ones((800, 1000, 3))
    rgb[152:173, 37:39] = 0  # a tick
    rgb[159:165, 42:47] = 0  # a dot, five pixels thick
    rgb[148:172, 62:64] = 0  # a tick across a dot ...
    rgb[148:156, 61:65] = 0
    rgb[164:168, 59:64] = 0  # ... and a dash's end
    rgb[151:172, 66:68] = 0  # a tick
    assert text_boxes(rgb) == []
    rgb = np.ones((800, 1000, 3))
    for c in (40, 50, 60):  # "lil" in two-pixel stems
        rgb[152:172, c : c + 2] = 0
    rgb[160:172, 45:47] = rgb[154:156, 45:47] = 0
    for r in (160, 170):  # an "e"-like mark of the same weight
        rgb[r : r + 2, 70:78] = 0
    rgb[160:172, 70:72] = rgb[160:166, 76:78] = rgb[165:167, 70:78] = 0
    assert text_boxes(rgb) != []


def test_a_legend_s_words_on_a_blurred_grey_scan_are_found() -> None:
    """A legend's labels printed on grey paper and blurred by a scan: their strokes,
    measured at the level half way from the paper's ink to theirs, are a typeface's (at
    a fixed level the blur widened them past a thick dotted curve's, and the words were
    left in the plot as curves)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from scipy import ndimage

    from analysis.published.digitize_ocr import text_boxes

    fig = Figure(figsize=(3, 1.5), dpi=150)
    FigureCanvasAgg(fig)
    for k, label in enumerate(("Stage I", "Stage II", "Stage III")):
        fig.text(0.3, 0.8 - 0.25 * k, label, fontsize=8, family="DejaVu Serif", va="top")
    fig.canvas.draw()
    grey = np.asarray(fig.canvas.buffer_rgba(), dtype=float)[..., 0] / 255
    grey = ndimage.gaussian_filter(0.92 - 0.77 * (1 - grey), 0.55)
    boxes = text_boxes(np.repeat(grey[..., None], 3, axis=2))
    assert len(boxes) == 3, boxes
    lefts = {c for _, _, c, _ in boxes}
    rights = sorted(d for _, _, _, d in boxes)
    assert len(lefts) == 1 and rights[0] < rights[1] < rights[2], boxes


def test_a_turned_axis_title_blurred_by_a_scan_does_not_swallow_the_tick_labels() -> None:
    """A y axis title printed turned and blurred by a scan: its letters, one above the
    other and nearly touching, were merged one by one (each joining a box grown by the
    last) into a column the title's length, whose line took in the tick labels beside
    it, so only the labels above and below the title were read (a percent axis 0-40
    then taken as 0-1). A mark joins a box only as tall as its own pieces."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from scipy import ndimage

    from analysis.published.digitize_ocr import words

    fig = Figure(figsize=(1.2, 3.2), dpi=150)
    FigureCanvasAgg(fig)
    fig.text(0.2, 0.5, "Cumulative incidence of local recurrence (%)", rotation=90,
             fontsize=9, family="DejaVu Serif", va="center", ha="center")  # fmt: skip
    for k, label in enumerate(("0", "10", "20", "30", "40")):
        fig.text(0.75, 0.08 + 0.21 * k, label, fontsize=9, family="DejaVu Serif",
                 va="center", ha="right")  # fmt: skip
    fig.canvas.draw()
    grey = np.asarray(fig.canvas.buffer_rgba(), dtype=float)[..., 0] / 255
    grey = ndimage.gaussian_filter(0.92 - 0.77 * (1 - grey), 0.5)
    rgb = np.repeat(grey[..., None], 3, axis=2)
    found = words(rgb, (0, rgb.shape[0], 0, rgb.shape[1]))
    numbers = sorted(w.text for w in found if w.value() is not None)
    assert numbers == ["0", "10", "20", "30", "40"], numbers
    assert max(w.height for w in found) < 40  # the title is no single tall word


def test_a_capital_left_out_of_its_words_box_is_taken_in() -> None:
    """The ``I`` of ``Stage I``, as tall as the ``S`` and met first, started a line of
    its own, too short to be words, and was left in the plot as ink: a line of words'
    box is taken on through such marks beside it, as tall as its letters; a dot (a
    dotted curve passing) is not taken in, nor a mark far off."""
    from analysis.published.digitize_ocr import _with_capitals

    stage = (13, 29, 79, 126)
    assert _with_capitals(stage, [(13, 26, 133, 137), (13, 26, 139, 144)]) == (13, 29, 79, 144)
    assert _with_capitals(stage, [(18, 21, 130, 133)]) == stage  # a dot
    assert _with_capitals(stage, [(13, 26, 200, 204)]) == stage  # far off


def test_a_dotted_curve_s_drop_counts_as_one_line() -> None:
    """Three black curves, one dotted: along its drops the dots stand one above the
    other in a column, each a thin run, and in more than a tenth of the columns they
    counted as more curves (four read, the dotted curve cut in two). Three or more thin
    runs stacked within two line widths are one line; two plateaus that close stay two."""
    from analysis.published.digitize import _count_lines

    width = 3
    runs = []
    for c in range(400):
        col = [(10, 12, 1.0), (60, 62, 1.0), (120, 122, 1.0)]
        if c % 6 == 0:  # the dotted curve's drop: dots 3 pixels tall, 4 apart
            col = [(10, 12, 1.0), (60, 62, 1.0), *[(r, r + 2, 1.0) for r in range(120, 150, 7)]]
        runs.append(col)
    assert _count_lines(runs, width) == 3
    assert _count_lines(runs, width, marks=True) == 3
    close = [[(10, 12, 1.0), (17, 19, 1.0)] for _ in range(100)]
    assert _count_lines(close, width) == 2


def test_a_colour_s_legend_of_line_types_needs_samples_a_line_of_text_apart() -> None:
    """A colour is parted by line type when its legend shows two samples of it or more;
    two pieces of one curve's edge three pixels apart (SAS's dark blue, under a dark teal
    curve) are no legend: the blue curve was cut by line type and read 0.021 off."""
    from analysis.published.digitize import _styled

    assert _styled([(40.0, 1.0), (58.0, 0.5)], 2)  # a solid and a dotted sample
    assert not _styled([(119.9, 0.27), (123.4, 0.31)], 2)
    assert not _styled([(40.0, 1.0)], 2)


def test_a_drop_ends_where_most_of_its_columns_end() -> None:
    """A thick curve (9 pixels) drops from row 20 to row 45; another curve's tick joined
    to the drop's first columns reaches that curve's dash at row 80: the curve goes on
    at row 45 until its own next drop to row 80 (it went down to the dash and waited
    there, before)."""
    from scipy import ndimage

    from analysis.published.digitize_raster import column_runs
    from analysis.published.digitize_track import corners, follow

    mask = np.zeros((100, 300), dtype=bool)
    mask[16:25, :109] = True  # the line, 9 pixels thick
    mask[16:50, 100:109] = True  # its drop
    mask[41:50, 100:209] = True  # and the line after it, to its next drop
    mask[41:85, 200:209] = True
    mask[76:85, 200:] = True
    mask[30:85, 100:103] = True  # a tick joined to the drop's first columns
    mask[76:85, 100:140] = True  # and the other curve's dash it stands on
    labels, _ = ndimage.label(mask, structure=np.ones((3, 3), bool))
    (track,) = follow(column_runs(mask, mask.astype(float)), labels, 1, 9)
    changes, levels, _ = corners(track, 9)
    np.testing.assert_allclose(levels, [20.0, 45.0, 80.0])
    assert abs(changes[0] - 104) <= 5 and abs(changes[1] - 204) <= 5


def test_horizontal_grid_lines_alone_frame_a_spreadsheet_chart(tmp_path: Path) -> None:
    """A spreadsheet's chart has no axis lines, no tick marks and no vertical grid lines:
    the horizontal grid lines frame the plot and set the y scale, the x labels stand where
    the ticks would, and a mid-grey third curve beside two colours is a curve, not a grid
    line; read with the ranges given and without."""
    data = arms(11, n=(150, 150, 150), hazards=(0.01, 0.02, 0.04))
    spec = Spec(style="spreadsheet", dpi=96, percent=True)
    path = draw(data, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        assert result.x_range == (0.0, 60.0) and result.y_range == (0.0, 1.0)
        _check(result, data, spec, median=0.005, p95=0.02)


@pytest.mark.parametrize("dpi", [150, 300])
def test_a_grey_y_axis_on_the_right_frames_the_plot(tmp_path: Path, dpi: int) -> None:
    """Axis lines in a mid grey (#999999), the y axis on the right with its ticks and
    labels outside it, no left or top line: the plot is framed by the x axis and the
    right y axis, its scale read from the ticks and labels on the right."""
    spec = Spec(style="right_axis", dpi=dpi, ylim=(0.2, 1.0))
    path = draw(TRUTH, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        assert result.x_range == (0.0, 60.0) and result.y_range == (0.2, 1.0)
        _check(result, TRUTH, spec, median=0.005, p95=0.02)


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_an_l_shaped_box_drawn_as_one_path_is_not_a_curve(tmp_path: Path, fmt: str) -> None:
    """R's ``bty = "l"`` draws the y axis's line down to the corner and on along the x
    axis as one path, which falls from the top to the bottom while running right as a
    curve does: it frames the plot and is not read as a third curve."""
    spec = Spec(style="l_box", fmt=fmt)
    path = draw(TRUTH, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        assert result.source == "vector" and result.x_range == (0.0, 60.0)
        _check(result, TRUTH, spec, median=1e-6, p95=1e-6)


def test_svg_words_turned_by_zero_degrees_are_upright_labels(tmp_path: Path) -> None:
    """matplotlib keeping words as ``<text>`` writes ``rotate(-0 x y)`` on each: they are
    upright tick labels, read without ranges; a word turned by 90 degrees (the y axis's
    title) is not a label."""
    from analysis.published.digitize_vector import _upright

    assert _upright("") and _upright("rotate(-0 86.4 276.6)") and _upright("rotate(0)")
    assert not _upright("rotate(-90 20 150)") and not _upright("matrix(1 0 0 1 5 5)")
    spec = Spec(style="matplotlib", fmt="svg", extra={"svg_fonttype": "none"})
    path = draw(TRUTH, spec, tmp_path / "km")
    assert "rotate(-0" in path.read_text()
    result = digitize_km(path)
    assert result.warnings == () and result.x_range == (0.0, 60.0)
    _check(result, TRUTH, spec, median=1e-6, p95=1e-6)


@pytest.mark.parametrize(("dpi", "fmt"), [(150, "png"), (200, "png"), (300, "jpg")])
def test_a_spreadsheet_chart_s_lowest_grid_line_between_two_rows_is_its_first_tick(
    tmp_path: Path, dpi: int, fmt: str
) -> None:
    """Where the lowest horizontal grid line (the axis's first value) falls between two
    pixel rows, or is three rows thick, the plot framed by the lines still holds it whole,
    so it is the first y tick: with the ranges given the scale starts there, not one grid
    line up."""
    data = arms(11, n=(150, 150, 150), hazards=(0.025, 0.05, 0.1), follow_up=24.0)
    spec = Spec(style="spreadsheet", dpi=dpi, fmt=fmt, x_ticks=(0, 6, 12, 18, 24))
    path = draw(data, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        _check(result, data, spec, median=0.005, p95=0.02)


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
@pytest.mark.parametrize("style", ["right_axis", "rbase"])
def test_a_drawing_s_y_axis_on_the_right_in_grey_or_black_frames_the_plot(
    tmp_path: Path, fmt: str, style: str
) -> None:
    """A drawing whose y axis stands on the right (no line at the left), its axis lines in
    a mid grey (#999999) or in black: the x axis and the right y axis frame the plot, the
    ticks leave the y axis rightwards and their labels are read right of it."""
    spec = Spec(style=style, fmt=fmt, ylim=(0.2, 1.0), extra={"right_y": True})
    path = draw(TRUTH, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        assert result.source == "vector"
        assert result.x_range == (0.0, 60.0) and result.y_range == (0.2, 1.0)
        _check(result, TRUTH, spec, median=1e-6, p95=1e-6)


@pytest.mark.parametrize(
    ("extra", "dpi"),
    [({"grey_axes": True}, 110), ({"grey_axes": True}, 200), ({"right_y": True}, 200)],
)
def test_a_panel_s_grey_ticks_or_ticks_on_the_right_set_its_scale(
    tmp_path: Path, extra: dict[str, object], dpi: int
) -> None:
    """ggplot2's grey panel has no axis lines; when its tick marks are drawn in a mid grey
    (#999999) or stand right of the panel (the y axis on the right), they are found
    there and set the scale (the figure was refused before: no tick marks)."""
    spec = Spec(style="ggplot", dpi=dpi, ylim=(0.2, 1.0), extra=extra)
    path = draw(TRUTH, spec, tmp_path / "km")
    _check(_read(path, spec), TRUTH, spec, median=0.005, p95=0.02)


@pytest.mark.parametrize("pad", [0.04, 0.0])
def test_tick_marks_drawn_inward_set_the_scale(tmp_path: Path, pad: float) -> None:
    """Ticks drawn into the plot (none outside the axes) are found there; with the axes
    meeting at the first ticks (no padding) the ticks hidden in the other axis line, and
    the top one under the curves' start, are put back a step beyond the others (the
    figure was refused before: "0 tick marks on the y axis")."""
    spec = Spec(style="matplotlib", dpi=150, extra={"ticks_in": True, "pad": pad})
    path = draw(TRUTH, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        _check(result, TRUTH, spec, median=0.005, p95=0.02)


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_a_drawing_s_tick_marks_drawn_inward_set_its_scale(tmp_path: Path, fmt: str) -> None:
    """A drawing whose ticks stand inside the plot, none outside and no grid (it was
    refused: "found 0 tick mark(s) on the x axis"): the short strokes of one length
    leaving each axis inwards are its ticks; read exactly, with ranges and without."""
    spec = Spec(style="matplotlib", fmt=fmt, extra={"ticks_in": True})
    path = draw(TRUTH, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        assert result.source == "vector" and result.warnings == ()
        assert result.x_range == (0.0, 60.0) and result.y_range == (0.0, 1.0)
        _check(result, TRUTH, spec, median=1e-5, p95=1e-5)


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_curves_drawn_as_many_short_pieces_are_joined_again(tmp_path: Path, fmt: str) -> None:
    """Each curve hundreds of separate short segments, the second "dashed" by gaps left
    between them (no dash pattern), as a converter or an editor leaves a figure (it was
    refused: "a plot was found but no curve in it"): the pieces meeting end to start
    are joined, the broken curve's chains across their gaps, each gap's drop where the
    pieces beside it fall."""
    spec = Spec(style="matplotlib", fmt=fmt, extra={"pieces": True})
    path = draw(TRUTH, spec, tmp_path / "km")
    result = _read(path, spec)
    assert result.n_curves == 2 and result.warnings == ()
    for k, p95 in ((1, 1e-5), (2, 0.01)):  # whole: exact; broken: a drop in a gap halfway
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), TRUTH[k - 1])
        assert np.median(err) <= 1e-5 and np.quantile(err, 0.95) <= p95, (k, err)


def test_a_gap_in_a_broken_curve_is_bridged_as_the_pieces_beside_it_fall() -> None:
    """The step taken across a gap: at the end of a drop the chain before it leaves
    falling, at the start of one the chain after it enters falling, the run halfway down
    between two such drops, halfway across between two runs; none where the chains are
    level; and the cuts along a run are no corners."""
    from analysis.published.digitize_pieces import _bridge, _corners

    run_a, run_b = np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([[3.0, 2.0], [4.0, 2.0]])
    drop_a, drop_b = np.array([[0.0, -1.0], [0.0, 0.0]]), np.array([[3.0, 2.0], [3.0, 3.0]])
    tol = 1e-6
    np.testing.assert_array_equal(_bridge(drop_a, run_b, tol), [[0.0, 2.0]])
    np.testing.assert_array_equal(_bridge(run_a, drop_b, tol), [[3.0, 0.0]])
    np.testing.assert_array_equal(_bridge(drop_a, drop_b, tol), [[0.0, 1.0], [3.0, 1.0]])
    np.testing.assert_array_equal(_bridge(run_a, run_b, tol), [[2.0, 0.0], [2.0, 2.0]])
    assert _bridge(run_a, run_b - np.array([0.0, 2.0]), tol).shape == (0, 2)
    cut = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [2.0, 1.0], [2.0, 2.0], [3.0, 2.0]])
    np.testing.assert_array_equal(_corners(cut, tol), [[0, 0], [2, 0], [2, 2], [3, 2]])


def test_censor_marks_of_one_look_are_not_joined_as_a_cut_up_curve() -> None:
    """Many small ``+`` marks of one colour and width, each two strokes that meet no
    other stroke end to start, are left as they are (joined across their gaps they
    would make a staircase of marks)."""
    from analysis.published.digitize_pieces import joined
    from analysis.published.digitize_vector import Stroke

    marks = []
    for k in range(12):
        x, y = 10.0 + 7 * k, 10.0 + 4 * k
        marks += [Stroke(np.array([[x - 1, y], [x + 1, y]]), "#000000", "", 0.5),
                  Stroke(np.array([[x, y + 1], [x, y - 1]]), "#000000", "", 0.5)]  # fmt: skip
    assert joined(marks, (0.0, 100.0, 0.0, 100.0)) is marks


def test_a_pdf_whose_text_is_outlines_gives_its_axes_and_numbers_at_risk(tmp_path: Path) -> None:
    """A PDF with its text converted to outlines (each character filled paths, no text
    objects; it was read in tick intervals, 0 to 1): the small filled shapes are drawn
    into pixels and read by the digit reader, as an SVG's outlined characters are."""
    spec = Spec(style="lifelines", fmt="pdf", percent=True, risk_table=True,
                extra={"text_outlines": True})  # fmt: skip
    figure = draw(TRUTH, spec, tmp_path / "km")
    _check_read_without_ranges(digitize_km(figure), spec)


def test_a_slide_s_dark_page_is_read_as_light_paper(tmp_path: Path) -> None:
    """A talk slide: light curves, white axes, ticks and words on a navy page. It was
    refused ("0 tick marks on the x axis": no dark ink to be axes); the page is inverted
    and read as light paper, its labels too (zero-click)."""
    colours = ("#FFB000", "#4DD0E1")
    spec = Spec(style="matplotlib", dpi=150, extra={"dark": True, "colours": colours, "lw": 3})
    path = draw(TRUTH, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        _check(result, TRUTH, spec, median=0.005, p95=0.02)
    assert not any("tick intervals" in w or "taken as 0" in w for w in result.warnings)


def test_a_slide_s_grid_a_shade_lighter_than_its_dark_page_sets_an_svg_s_scale(
    tmp_path: Path,
) -> None:
    """ggplot2's ``theme_minimal`` on a talk slide, as SVG: no axis lines, no tick marks,
    and grid lines a navy a little lighter than the page, not the light grey a grid is
    on white paper. It was refused ("found 0 tick mark(s) on the x axis"); the colour
    that draws lines across the plot both ways and nothing else is taken as the grid."""
    colours = ("#FFB000", "#4DD0E1")
    spec = Spec(style="matplotlib", fmt="svg",
                extra={"dark": "#C9D2E3", "colours": colours, "lw": 3, "grid": "#2E3E63",
                       "no_spines": True, "no_ticks": True})  # fmt: skip
    path = draw(TRUTH, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        _check(result, TRUTH, spec, median=1e-6, p95=1e-6)
        assert result.source == "vector" and result.warnings == ()


def test_a_slide_s_grid_a_shade_lighter_than_its_dark_page_frames_an_image(
    tmp_path: Path,
) -> None:
    """The same slide as an image: no axis lines, no tick marks, a navy grid a shade
    lighter than the navy page. It was refused ("no plot found": inverted, the page was
    a warm grey and its grid a tinted grey, no light grey line); the inverted page is
    made white, so the grid is a light grey line on it, and a warning says the page was
    read inverted."""
    colours = ("#FFB000", "#4DD0E1")
    spec = Spec(style="matplotlib", dpi=150,
                extra={"dark": "#C9D2E3", "colours": colours, "lw": 3, "grid": "#2E3E63",
                       "no_spines": True, "no_ticks": True})  # fmt: skip
    path = draw(TRUTH, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        _check(result, TRUTH, spec, median=0.005, p95=0.02)
        assert any("the page is dark" in w for w in result.warnings)


def test_a_colour_drawing_more_than_straight_lines_across_is_no_grid() -> None:
    """A curve's colour (its curve, its legend sample) and a dashed line's are not a
    grid's, though they draw lines across the plot both ways."""
    from analysis.published.digitize_vector import Stroke, _grid

    def line(a: tuple[float, float], b: tuple[float, float], colour: str, dash: str = "") -> Stroke:
        return Stroke(np.asarray([a, b], float), colour, dash, 1.0)

    across = [line((x, 0), (x, 100), c) for x in (20, 60) for c in ("#123456", "#aa0000")]
    across += [line((0, y), (100, y), c) for y in (30, 70) for c in ("#123456", "#aa0000")]
    curve = Stroke(np.asarray([[0, 0], [50, 0], [50, 40], [100, 40]], float), "#aa0000", "")
    xs, ys, box = _grid([*across, curve])
    assert xs.tolist() == [20, 60] and ys.tolist() == [30, 70] and box == (0, 100, 0, 100)
    dashed = [replace(s, dash="4 2") for s in across if s.colour == "#123456"]
    assert len(_grid([*dashed, curve])[0]) == 0


def test_a_tinted_panel_s_white_grid_sets_an_svg_s_scale(tmp_path: Path) -> None:
    """seaborn's ``darkgrid`` in an SVG: a grey-blue panel, white grid lines, no axis lines
    and no tick marks, the legend's box edged white like the grid. It was refused
    ("found 0 tick mark(s) on the x axis"): white is no light grey, and the legend's box
    drew more than lines across in the grid's colour; a closed outline (a box) no longer
    keeps a colour from being the grid's."""
    spec = Spec(style="matplotlib", fmt="svg",
                extra={"panel": "#EAEAF2", "grid": "white", "no_spines": True,
                       "no_ticks": True})  # fmt: skip
    path = draw(TRUTH, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        _check(result, TRUTH, spec, median=1e-6, p95=1e-6)
        assert result.source == "vector" and result.warnings == ()


def test_a_box_in_the_grid_s_colour_does_not_unmake_the_grid() -> None:
    """A closed outline (a legend's box) in a colour that draws lines across the plot
    both ways leaves it the grid's colour; an open polyline in it (a curve) does not."""
    from analysis.published.digitize_vector import Stroke, _grid

    def line(a: tuple[float, float], b: tuple[float, float]) -> Stroke:
        return Stroke(np.asarray([a, b], float), "#ffffff", "", 1.0)

    across = [line((x, 0), (x, 100)) for x in (20, 60)] + [line((0, y), (100, y)) for y in (30, 70)]
    box = Stroke(np.asarray([[5, 80], [30, 80], [30, 95], [5, 95], [5, 80]], float), "#ffffff", "")
    xs, ys, _ = _grid([*across, box])
    assert xs.tolist() == [20, 60] and ys.tolist() == [30, 70]
    opened = replace(box, points=box.points[:-1])
    assert len(_grid([*across, opened])[0]) == 0


def test_hatched_confidence_regions_are_told_from_the_curves(tmp_path: Path) -> None:
    """R's ``polygon(density=, angle=)`` in black and white at 300 dpi: each curve's 95%
    region hatched in thin lines (45 degrees for one, upright for the other) crossing
    the curves, the upright ones like step risers. The first curve was read along its
    hatching's edge (median 0.06); the thin parallel strokes are now taken away before
    the curves are followed, and a warning says so."""
    spec = Spec(style="rbase", dpi=300, extra={"hatched": True})
    path = draw(TRUTH, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        _check(result, TRUTH, spec, median=0.005, p95=0.02)
        assert any(w.startswith("hatching") for w in result.warnings)


def test_a_thin_curve_beside_a_thick_one_is_no_hatching() -> None:
    """Thin ink that is not many parallel straight strokes (a thin curve's staircase, its
    short censor ticks) is left as it was."""
    from analysis.published.digitize_hatching import without_hatching

    mask = np.zeros((300, 600), dtype=bool)
    for k in range(12):  # a thick staircase and a thin one
        mask[20 + 20 * k : 26 + 20 * k, 40 * k : 40 * k + 46] = True
        mask[40 + 20 * k : 42 + 20 * k, 40 * k + 10 : 40 * k + 52] = True
        mask[40 + 20 * k : 62 + 20 * k, 40 * k + 50 : 40 * k + 52] = True
        mask[30 + 20 * k : 50 + 20 * k, 40 * k + 30 : 40 * k + 32] = True  # a tick
    assert without_hatching(mask, 2) is None
    thick = np.zeros_like(mask)
    for k in range(12):
        thick[20 + 20 * k : 26 + 20 * k, 40 * k : 40 * k + 46] = True
    hatch = np.zeros_like(mask)
    for k in range(30):  # 45-degree hatching across them
        for i in range(120):
            hatch[60 + i : 62 + i, 14 * k + i] = True
    bare = without_hatching(mask | hatch, 2)
    assert bare is not None and bare[thick].all()
    assert (bare & hatch & ~mask).sum() <= 0.05 * (hatch & ~mask).sum()


def test_a_colour_s_confidence_lines_dashed_in_its_colour_are_left_out(tmp_path: Path) -> None:
    """R's ``conf.int`` lines, dashed in each curve's colour: a colour holding three lines
    is read as its solid curve (the widest stroke, with its pieces cut off by the other
    colour's lines), not as the lowest line its follower drops onto."""
    spec = Spec(style="matplotlib", dpi=200, extra={"band_lines": True})
    path = draw(TRUTH, spec, tmp_path / "km")
    result = _read(path, spec)
    _check(result, TRUTH, spec, median=0.005, p95=0.02)
    assert any("lines of its colour beside it were left out" in w for w in result.warnings)


def test_a_mid_grey_curve_beside_colours_in_a_96_dpi_jpeg_is_read(tmp_path: Path) -> None:
    """JPEG's tints where the colour curves cross a mid-grey one (a spreadsheet's third
    series, #A5A5A5) break its stroke at 96 dpi into pieces none of which reaches across
    the plot: together they do, and the grey is read as the third curve."""
    data = arms(11, n=(150, 150, 150), hazards=(0.01, 0.02, 0.04))
    spec = Spec(style="spreadsheet", dpi=96, fmt="jpg", percent=True)
    path = draw(data, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        _check(result, data, spec, median=0.005, p95=0.02)


def test_an_svg_s_at_risk_rows_placed_by_translations_with_their_labels_are_read(
    tmp_path: Path,
) -> None:
    """lifelines prints the numbers at risk as texts of several lines; an SVG keeping its
    words places each line by ``transform="translate(x y)"`` and the first holds a row's
    label and its count at time 0 (``"Group 1   150"``): every count is read."""
    spec = Spec(style="lifelines", fmt="svg", risk_table=True,
                extra={"svg_fonttype": "none", "row_labels": True})  # fmt: skip
    path = draw(TRUTH, spec, tmp_path / "km")
    assert 'transform="translate(' in path.read_text()
    ticks = np.asarray(spec.x_ticks, dtype=float)
    for result in (_read(path, spec), digitize_km(path)):
        assert result.at_risk is not None
        for k, arm in enumerate(TRUTH, start=1):
            row = result.at_risk[result.at_risk["curve"] == k]
            assert row["time"].tolist() == ticks.tolist()
            assert row["n_risk"].tolist() == arm.at_risk(ticks)


def test_a_row_at_risk_whose_first_count_was_misread_is_kept_without_it() -> None:
    """A count at time 0 printed but misread (``2?``: a serif ``200`` in a JPEG) leaves
    its row out no longer: the row is kept without that cell, as the curve it stands
    for, and the rows under it keep their numbers; a row that grows is still no row."""
    from analysis.published.digitize_ocr import Word, risk_rows

    def w(text: str, centre: int, row: int) -> Word:
        return Word(text, centre - 5, centre + 6, row, row + 10, 1.0)

    ticks, times = np.array([100.0, 200.0, 300.0, 400.0]), np.array([0.0, 12.0, 24.0, 36.0])
    found = [w("220", 100, 0), w("176", 200, 0), w("120", 300, 0), w("61", 400, 0),
             w("2?", 100, 20), w("150", 200, 20), w("98", 300, 20), w("40", 400, 20),
             w("1?0", 100, 40), w("90", 200, 40), w("95", 300, 40), w("20", 400, 40),
             w("180", 100, 60), w("140", 200, 60), w("70", 300, 60), w("30", 400, 60)]  # fmt: skip
    table = risk_rows(found, ticks, times)
    assert table is not None
    assert table[table["curve"] == 2].to_dict("list") == {
        "curve": [2, 2, 2], "time": [12.0, 24.0, 36.0], "n_risk": [150, 98, 40]}  # fmt: skip
    assert table[table["curve"] == 3]["n_risk"].tolist() == [180, 140, 70, 30]
    assert sorted(table["curve"].unique()) == [1, 2, 3]


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
@pytest.mark.parametrize("place", ["below", "right"])
def test_a_drawing_s_legend_outside_the_plot_numbers_its_curves(
    tmp_path: Path, fmt: str, place: str
) -> None:
    """A drawing's legend below the plot (its samples in a row) or beside it: the curves
    are numbered in its order, here not the order top to bottom at the start (the first
    group is the lower curve)."""
    data = TRUTH[::-1]
    spec = Spec(style="matplotlib", fmt=fmt, extra={"legend_at": place})
    path = draw(data, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        _check(result, data, spec, median=1e-6, p95=1e-6)


THREE = arms(16001, n=(150, 150, 150), hazards=(0.03, 0.012, 0.02))


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_a_legend_below_the_plot_in_rows_and_columns_is_read_row_by_row(
    tmp_path: Path, fmt: str
) -> None:
    """Stata's legend below the plot, two columns filled row by row: the third curve's
    sample stands under the first's. The curves are numbered as the rows read (column by
    column would swap the second and third), and a warning says so."""
    spec = Spec(style="matplotlib", fmt=fmt, extra={"legend_at": "below_rows"})
    path = draw(THREE, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        _check(result, THREE, spec, median=0.005, p95=0.02)
        assert sum("read row by row" in w for w in result.warnings) == 1


def test_a_row_label_s_digit_near_the_first_count_does_not_take_its_place() -> None:
    """Stata labels its rows at risk ``group = 0``: the label's digit stands within reach
    of the first tick, left of the count printed under it; each tick takes the word
    nearest it, so the row is read (it was left out as growing from 0 to 180)."""
    from analysis.published.digitize_ocr import Word, risk_rows

    def w(text: str, centre: int, row: int) -> Word:
        return Word(text, centre - 5, centre + 6, row, row + 10, 1.0)

    ticks, times = np.array([150.0, 290.0, 430.0, 570.0]), np.array([0.0, 12.0, 24.0, 36.0])
    found = [w("0", 106, 0), w("180", 148, 0), w("156", 290, 0), w("136", 432, 0),
             w("79", 573, 0), w("1", 106, 30), w("170", 148, 30), w("141", 290, 30),
             w("114", 432, 30), w("68", 573, 30)]  # fmt: skip
    table = risk_rows(found, ticks, times)
    assert table is not None
    assert table[table["curve"] == 1]["n_risk"].tolist() == [180, 156, 136, 79]
    assert table[table["curve"] == 2]["n_risk"].tolist() == [170, 141, 114, 68]


def test_a_drawing_s_numbers_at_risk_inside_the_plot_under_its_lowest_tick_are_read(
    tmp_path: Path,
) -> None:
    """SAS prints the numbers at risk inside the plot, along its bottom edge, the y axis
    running on below its lowest labelled tick (0): rows of counts there, under that tick,
    are the table, read as one under the axis is."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    times = [0.0, 12.0, 24.0, 36.0]
    counts = {1: [140, 76, 37, 13], 2: [130, 54, 22, 4]}
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.step([0, 5, 14, 30, 40], [1, 0.95, 0.9, 0.85, 0.85], where="post", color="#1f4e9c")
    ax.step([0, 3, 9, 20, 38], [1, 0.9, 0.8, 0.7, 0.7], where="post", color="#b02a2a")
    for k, row in counts.items():
        for x, n in zip(times, row, strict=True):
            ax.text(x, -0.05 - 0.045 * (k - 1), str(n), ha="center", va="center", fontsize=8)
    ax.set_xlim(-1, 40)
    ax.set_ylim(-0.13, 1.02)
    ax.set_xticks(times)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    figure = tmp_path / "sas.pdf"
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig.savefig(figure)
    plt.close(fig)
    result = digitize_km(figure)
    assert result.at_risk is not None
    for k, row in counts.items():
        printed = result.at_risk[result.at_risk["curve"] == k]
        assert printed["time"].tolist() == times and printed["n_risk"].tolist() == row


def test_a_drop_ending_under_another_colour_s_line_is_taken_down_to_it() -> None:
    """A curve drops onto another colour's line drawn over it and runs hidden under it:
    only the top of its drop shows. Where nothing covers the row the drop's visible part
    ends at (the curve would show there) and the other line covers the row it is next
    seen at, the drop goes down to that row, with no plateau at its visible end."""
    from analysis.published.digitize_track import Track, corners, land_hidden_drops

    rows = np.full(120, np.nan)
    rows[:40] = 50.0  # its line
    rows[40] = 56.0  # the drop's visible bottom, 4 pixels over the other line
    rows[100:] = 60.0  # seen again where the other curve has dropped away
    drop = np.zeros(120, dtype=bool)
    drop[40] = True
    track = Track(level=60.0, rows=rows.copy(), drop=drop, blank=np.isnan(rows))
    cover = np.zeros((100, 120), dtype=bool)
    cover[59:62, 35:100] = True  # the other colour's line over it
    before = corners(track, 2)[1]
    assert np.allclose(before, [50, 56, 60])  # what was read: a plateau at the drop's end
    land_hidden_drops(track, cover, 2)
    changes, levels, _ = corners(track, 2)
    assert np.allclose(levels, [50, 60]) and abs(changes[0] - 40) <= 1.5
    shown = Track(level=60.0, rows=rows.copy(), drop=drop, blank=np.isnan(rows))
    cover[54:58, 41:100] = True  # ink along the drop's end too: it may run there hidden
    land_hidden_drops(shown, cover, 2)
    assert np.allclose(corners(shown, 2)[1], [50, 56, 60])


def test_a_curve_seen_late_a_little_above_another_follows_it_from_the_start() -> None:
    """A curve first seen at 0.9 after a year, just above another (0.012 below it, more
    than the few pixels a sharp line hides) was under that curve's blurred line: it
    follows it until then (capped at its own first level), rather than starting flat at
    1, when the start stands clear of the frame (``reach``); with none it starts at 1."""
    from analysis.published.digitize import _hidden_starts

    host = (np.array([0.0, 0.3, 0.6, 2.0]), np.array([1.0, 0.95, 0.888, 0.85]), [])
    late = (np.array([1.0, 1.5, 2.0]), np.array([0.9, 0.86, 0.86]), [])
    out = _hidden_starts([host, late], rising=False, from_zero=True, tol=0.005, reach=0.02)
    t, v, notes = out[1]
    at = v[np.searchsorted(t[1:-1], 0.45, side="right")]
    assert at == pytest.approx(0.95) and "follow the curve it was under" in notes[-1]
    flat = _hidden_starts([host, late], rising=False, from_zero=True, tol=0.005)[1]
    assert flat[1][0] == 1.0 and "start at 1" in flat[2][-1]


def test_a_curve_first_seen_early_well_below_its_start_was_hidden_under_others() -> None:
    """A curve first seen 2% into the axis at 0.93 (hidden under the others along 1, as
    lifelines' bands and JPEG blur hide it) did not start at 0.93: it is read as hidden
    before then (following the curve above it, or from 1), with a warning; one first seen
    as early within 0.03 of 1 starts at time 0 at the value seen."""
    from analysis.published.digitize import _result, _Scale

    scale = _Scale((0.0, 500.0), (0.0, 300.0), (0.0, 10.0), (1.0, 0.0))
    # (first time seen, drop times, last time seen) and the levels between
    host = (np.array([0.0, 0.1, 0.15, 3.0]), np.array([1.0, 0.99, 0.975]), [])
    late = (np.array([0.2, 0.3, 3.0]), np.array([0.93, 0.9]), [])
    close = (np.array([0.2, 0.3, 3.0]), np.array([0.98, 0.9]), [])
    hidden = _result([host, late], scale, (0, 10), (0, 1), None, [], False, None)
    c = hidden.curve(2)
    assert c["survival"].iloc[0] == pytest.approx(1.0) and c["time"].iloc[0] == 0.0
    assert [w for w in hidden.warnings if w.startswith("curve 2: hidden before 0.2")]
    assert not [w for w in hidden.warnings if "not 1" in w]
    seen = _result([host, close], scale, (0, 10), (0, 1), None, [], False, None).curve(2)
    assert seen["time"].iloc[0] == 0.0 and seen["survival"].iloc[0] == pytest.approx(0.98)


@pytest.mark.parametrize(("dpi", "fmt"), [(100, "png"), (96, "jpg")])
def test_a_curve_running_in_under_an_opaque_legend_stops_there_with_a_warning(
    tmp_path: Path, dpi: int, fmt: str
) -> None:
    """An opaque legend box (framealpha 1, a grey edge) over the upper curve's tail: the
    curve is read up to where it goes in under the box, not along the box's own sample
    line of its colour, and a warning names it and the times not seen (from where it
    disappears to where the box ends); the lower
    curve, passing under the box, and a figure whose box hides nothing, say nothing."""
    from analysis.published import digitize_boxes as boxed

    over = Spec(style="lifelines", dpi=dpi, fmt=fmt, extra={"legend_at": (1.0, 0.4), "grid": True})
    result = _read(draw(TRUTH, over, tmp_path / "over"), over)
    hidden = [w for w in result.warnings if "opaque box" in w]
    assert len(hidden) == 1 and hidden[0].startswith("curve 1: it runs in under an opaque box")
    went = float(hidden[0].split(" at ")[1].split()[0])
    assert 48 < went < 51 and result.curve(1)["time"].max() == pytest.approx(went, abs=0.01)
    # the times not seen: from there to where the box ends (here the plot's right side)
    unseen = hidden[0].split("its times ")[1].split(" (where the box ends)")[0].split(" to ")
    assert float(unseen[0]) == went and float(unseen[1]) == pytest.approx(60, abs=1.5)
    c = result.curve(1)
    err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), TRUTH[0])
    assert np.quantile(err, 0.95) <= 0.01  # up to there: the sample line would have read 0.33
    clear = Spec(style="lifelines", dpi=dpi, fmt=fmt, extra={"legend_at": (1.0, 1.0), "grid": True})
    assert not [w for w in _read(draw(TRUTH, clear, tmp_path / "clear"), clear).warnings
                if "opaque box" in w]  # fmt: skip
    # a grid's cells are outlined too, but their lines go on past the corners
    page = np.ones((120, 200, 3), dtype=np.float32)
    page[::40] = page[:, ::50] = 0.8  # grid lines
    page[50:91, 60:151] = 1.0
    page[50, 60:151] = page[90, 60:151] = page[50:91, 60] = page[50:91, 150] = 0.6  # the box
    assert boxed.opaque_boxes(page, np.ones(3, dtype=np.float32)) == [boxed.Box(50, 90, 60, 150)]
    rows = np.full(200, np.nan)
    rows[:60] = 60.0  # in at its left side at row 60; then the box's sample line of its ink
    rows[80:120] = 70.0
    assert boxed.hidden_stretch(rows, [boxed.Box(50, 90, 60, 150)], 2) == (59, None)
    assert boxed.covered_until([boxed.Box(50, 90, 60, 150)], 59, 2) == 150  # unseen to 150
    assert np.isnan(rows[80:120]).all()
    rows[160:] = 60.0  # seen again past the box at the row it went in at: ran under flat
    assert boxed.hidden_stretch(rows, [boxed.Box(50, 90, 60, 150)], 2) is None
    rows[160:] = 75.0  # seen again lower: a drop hidden under it, said so
    assert boxed.hidden_stretch(rows, [boxed.Box(50, 90, 60, 150)], 2) == (59, 160)


def test_a_curve_whose_ink_begins_with_a_drop_follows_the_curve_it_leaves() -> None:
    """A dashed curve first seen at 0.89, its first drop leaving the solid curve at 0.95:
    it was under the solid one until then, not under the dotted one that happens to run
    at 0.89 there (which a curve first seen level would follow, the nearest above)."""
    from analysis.published.digitize import _hidden_starts
    from analysis.published.digitize_track import _entry

    solid = (np.array([0.0, 2.0, 6.0]), np.array([1.0, 0.95, 0.95]), [])
    dotted = (np.array([0.0, 1.0, 5.0, 6.0]), np.array([1.0, 0.9, 0.891, 0.891]), [])
    dashed = (np.array([5.5, 6.0]), np.array([0.89, 0.89]), [])
    steps = [solid, dotted, dashed]
    followed = _hidden_starts(steps, False, True, 0.005, 0.0, [np.nan, np.nan, 0.945])[2]
    assert followed[1][np.searchsorted(followed[0][1:-1], 3.0, side="right")] == 0.95
    nearest = _hidden_starts(steps, False, True, 0.005)[2]
    assert nearest[1][np.searchsorted(nearest[0][1:-1], 3.0, side="right")] == 0.9
    runs = [[(80, 84, 82.0)], [(40, 69, 54.0), (80, 84, 82.0)], [(80, 84, 82.0)]]
    assert _entry(runs, 0, 82.0, 6) == 40.0  # the drop beside its first column
    assert np.isnan(_entry([[(80, 84, 82.0)]] * 3, 0, 82.0, 6))


def test_thick_black_curves_ticked_on_their_dots_and_a_legend_inside_are_grouped(
    tmp_path: Path,
) -> None:
    """Prism's three thick black line types with tall censor ticks and its legend inside:
    a dot with a tick drawn across it is measured without the tick (else it is as big
    as a dash and joins the dashes), and the legend's samples are set aside before the
    pieces are grouped (else a sample's dashes join a curve's). Read within the targets
    (p95 0.10 before, the dotted curve's ticked dots taken for dashes)."""
    data = [
        Arm(np.ceil(a.time), a.event)
        for a in arms(19, n=(70, 80, 60), hazards=(0.006, 0.010, 0.016), follow_up=36.0)
    ]
    spec = Spec(style="prism", dpi=300, percent=True, size=(5.5, 4.5),
                x_ticks=(0, 6, 12, 18, 24, 30, 36))  # fmt: skip
    path = draw(data, spec, tmp_path / "km")
    _check(_read(path, spec), data, spec, 0.005, 0.02)


def test_a_legend_s_samples_are_set_aside_but_a_curve_s_pieces_in_line_are_not() -> None:
    """Short thin rows starting in one column, standing alone, are a legend's samples and
    are taken out; rows as alike but with a curve's risers at their ends are kept."""
    from analysis.published.digitize_raster import without_legend

    mask = np.zeros((300, 400), dtype=bool)
    mask[20:24, 10:390] = True  # a curve across the plot
    mask[200:204, 20:60] = True  # a solid sample
    mask[240:244, 20:32] = mask[240:244, 40:52] = True  # a dashed one
    out = without_legend(mask, 4)
    assert out[20:24, 10:390].all() and not out[200:].any()
    steps = np.zeros((300, 400), dtype=bool)
    steps[100:104, 20:60] = steps[140:144, 20:60] = True  # a dashed curve's stretches
    steps[108:136, 62:66] = True  # and the dash down its drop between them
    assert (without_legend(steps, 4) == steps).all()


@pytest.mark.parametrize("style", ["--", "-."])
def test_a_black_broken_curve_s_censor_ticks_are_not_taken_for_words(style: str) -> None:
    """A black dashed or dash-dot curve with dense ``|`` censor ticks in a JPEG: the ticks
    alone and those on a dash's end (marks of unequal widths, their feet on one line)
    are bars as tall as the mark, crossed by the line or all of one height, so no stretch
    of the curve is blanked as a line of words; the label above still is."""
    import io

    from matplotlib.figure import Figure
    from PIL import Image

    from analysis.published.digitize_ocr import text_boxes

    rng = np.random.default_rng(20261121)
    fig = Figure(figsize=(5, 3), dpi=220)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    x = np.r_[0, np.sort(rng.uniform(0, 60, 14)), 60]
    y = np.r_[np.linspace(0.05, 0.45, len(x) - 1), 0.45]
    ax.plot(x, y, drawstyle="steps-post", ls=style, color="black", lw=1.5)
    censored = np.sort(rng.uniform(1, 59, 90))
    at = y[np.searchsorted(x, censored, side="right") - 1]
    ax.plot(censored, at, "|", color="black", markersize=8, markeredgewidth=1.0)
    ax.text(2, 0.85, "Stage II (n=150)", fontsize=10)
    ax.set_xlim(-2, 62)
    ax.set_ylim(0, 1)
    buf = io.BytesIO()
    fig.savefig(buf, format="jpeg", dpi=220, pil_kwargs={"quality": 90})
    rgb = np.asarray(Image.open(buf).convert("RGB"), dtype=float) / 255
    boxes = text_boxes(rgb)
    assert boxes and all(bottom < 0.2 * rgb.shape[0] for _top, bottom, _l, _r in boxes)


def test_four_black_line_types_with_dense_ticks_are_dealt_by_where_they_run(
    tmp_path: Path,
) -> None:
    """Four black curves (solid, dashed, dotted, dash-dot) climbing, with dense ``|``
    censor ticks, in a JPEG: the ticks hide lines from the count of thin strokes, and a
    dash-dot curve's pieces come in two sizes, so sizes mix the broken curves (the
    dashed one was lost). The lines are counted with their ticks, and the pieces dealt
    to curves by where they run; the legend's samples, inked too alike, leave the
    numbering open, which a warning says."""
    four = arms(11, n=(200, 150, 110, 85), hazards=(0.003, 0.006, 0.012, 0.025))
    spec = Spec(style="matplotlib", fmt="jpg", dpi=150, incidence=True, size=(6, 5),
                extra={"bw": True, "marks": "|", "lw": 1.5, "quality": 90})  # fmt: skip
    result = _read(draw(four, spec, tmp_path / "km"), spec)
    assert result.n_curves == 4
    assert [w for w in result.warnings if "not numbered in the legend's order" in w]
    best = []
    for arm in four:
        errors = [grid_errors(result.curve(k)["time"].to_numpy(),
                              result.curve(k)[result.measure].to_numpy(), arm, True)
                  for k in range(1, 5)]  # fmt: skip
        best.append(min(float(np.median(e)) for e in errors))
    assert best[0] <= 0.003 and best[1] <= 0.003 and best[3] <= 0.003, best


def test_a_dotted_curve_hidden_under_a_dashed_one_follows_its_dashes_there(
    tmp_path: Path,
) -> None:
    """Three thick black curves (solid, dashed, dotted), the dashed and dotted ones drawn
    from the same hazard, running together and crossing, no censor marks (R base at 300
    dpi in a tall journal page, blind set 16): where they run together the dots lie
    under the dashes or joined to them in one piece, which went with the dashes, so the
    dotted curve was seen in a third of its columns and its steps there read late (p95
    0.024 at 300 dpi, 0.028 at 200). A long gap in the dotted curve's pieces is now
    bridged by the dashed curve's pieces in it when they continue it as one falling
    line. The legend, inked too alike, leaves the numbering open (said in a warning):
    each arm is matched to the curve read nearest it."""
    three = arms(7, n=(150, 145, 120), hazards=(0.05, 0.03, 0.03))
    for dpi in (300, 200):
        spec = Spec(style="matplotlib", dpi=dpi, censor_marks=False, extra={"bw": True, "lw": 2.0})
        result = _read(draw(three, spec, tmp_path / f"km{dpi}"), spec)
        assert result.n_curves == 3
        assert not [w for w in result.warnings if "visible in only" in w], result.warnings
        for arm in three:
            errors = [grid_errors(result.curve(k)["time"].to_numpy(),
                                  result.curve(k)[result.measure].to_numpy(), arm)
                      for k in range(1, 4)]  # fmt: skip
            best = min(errors, key=lambda e: float(np.quantile(e, 0.95)))
            assert np.median(best) <= 0.005 and np.quantile(best, 0.95) <= 0.02, (
                dpi,
                np.quantile(best, 0.95),
            )


def test_only_a_dash_continuing_a_dotted_line_through_its_gap_is_shared() -> None:
    """:func:`digitize_chains.shared_in_gaps` on drawn pieces (lines 3 pixels thick): a
    dotted line (a dot every 12 columns) with a long gap, and a dashed line's dashes. The
    dashes in the gap on the dotted line's row continue it and are shared; dashes in the
    gap far below it are not (they do not continue the line); and dots on a dashed line's
    row in a long gap of it are never shared (a dot cannot hide a dash)."""
    from analysis.published.digitize_chains import shared_in_gaps

    def broken(on: int, every: int, gap: tuple[int, int], row: int = 20) -> np.ndarray:
        m = np.zeros((80, 300), dtype=bool)
        for c in range(10, 290, every):
            if not gap[0] <= c < gap[1]:
                m[row : row + 3, c : c + on] = True
        return m

    dots = broken(4, 12, (100, 180))
    dashes = np.zeros_like(dots)
    dashes[20:23, 115:140] = dashes[20:23, 150:175] = True  # in the gap, on the line
    dashes[50:53, 200:225] = True  # elsewhere
    extra = shared_in_gaps([dots, dashes], 3)
    assert (extra[0] == (dashes & (np.arange(300) < 180))).all()
    assert not extra[1].any()
    low = np.roll(dashes, 40, axis=0)  # in the gap, far below the line
    assert not shared_in_gaps([dots, low], 3)[0].any()
    dashed = broken(20, 30, (100, 180))
    in_gap = broken(4, 12, (0, 100)) & (np.arange(300) < 180)  # dots in the dashed gap
    assert in_gap.any() and not shared_in_gaps([dashed, in_gap], 3)[0].any()


def test_a_dotted_line_running_in_a_dash_s_edge_is_split_from_it_in_its_gap() -> None:
    """:func:`digitize_chains.shared_in_gaps` on drawn pieces (lines 5 pixels thick): a
    dotted line falls from row 32 to row 72 across a long gap, where its dots run in the
    lower edge of a dashed line's long dash (rows 47-51), one stroke with it, so the dash
    went with the dashed curve whole and reaches out of the gap (the dotted curve read
    straight down to its next dot, blind set 9's Prism figure at 6-7 months). The
    dash's stroke holding two lines (eight rows where one line is five) gives the dotted
    curve its lower line there, rows 50-54. Dots in the dash's upper edge give it the
    upper line; a dash one line thick gives nothing, and so do dots in its edge where the
    dotted curve would climb back to them."""
    from analysis.published.digitize_chains import shared_in_gaps

    def dotted(after: int, gap: tuple[int, int] = (100, 180)) -> np.ndarray:
        m = np.zeros((120, 300), dtype=bool)
        for c in range(10, 290, 12):
            if not gap[0] <= c < gap[1]:
                row = 30 if c < gap[0] else after
                m[row : row + 5, c : c + 5] = True
        return m

    dash = np.zeros((120, 300), dtype=bool)
    dash[47:52, 95:205] = True  # a long dash through the dotted curve's gap and out of it
    below, above = dash.copy(), dash.copy()
    for c in (130, 142, 154):
        below[50:55, c : c + 6] = True  # dots in its lower edge
        above[44:49, c : c + 6] = True  # dots in its upper edge
    extra = shared_in_gaps([dotted(70), below], 5)[0]
    assert extra.any() and set(np.nonzero(extra.any(axis=1))[0].tolist()) == set(range(50, 55))
    assert set(np.nonzero(extra.any(axis=0))[0].tolist()) == {
        c + k for c in (130, 142, 154) for k in range(6)
    }
    extra = shared_in_gaps([dotted(70), above], 5)[0]
    assert extra.any() and set(np.nonzero(extra.any(axis=1))[0].tolist()) == set(range(44, 49))
    assert not shared_in_gaps([dotted(70), dash], 5)[0].any()
    assert not shared_in_gaps([dotted(40), below], 5)[0].any()  # it would climb to row 40


def test_climbing_black_curves_are_numbered_by_their_legend_s_line_types(
    tmp_path: Path,
) -> None:
    """Three black line types climbing (cumulative incidence): each curve's inking is
    measured along its own plateaus, the plot turned as the curves were followed, so
    they take the legend's order (the dotted and dashed curves were swapped). Where the
    legend's samples are not all found, a warning says the numbering is open."""
    three = arms(5, n=(150, 150, 150), hazards=(0.004, 0.012, 0.03))
    spec = Spec(style="matplotlib", dpi=100, incidence=True, extra={"bw": True})
    result = _read(draw(three, spec, tmp_path / "km"), spec)
    assert result.n_curves == 3
    for k, arm in enumerate(three, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c[result.measure].to_numpy(), arm, True)
        assert np.median(err) <= 0.004, (k, np.median(err))
    spec = replace(spec, dpi=200)  # the dashed sample is not found at 200 dpi
    result = _read(draw(three, spec, tmp_path / "km200"), spec)
    assert [w for w in result.warnings if "not numbered in the legend's order" in w]


def test_two_curves_of_one_colour_told_apart_by_line_type_are_both_read(
    tmp_path: Path,
) -> None:
    """Two curves of the same navy, one solid and one dotted, close together and
    crossing (R base graphics in a Chinese journal): the colour's legend shows two line
    types, so its strokes are parted by line type as black ones are, and each curve is
    read in the legend's order (one curve was read, the dotted one's strokes left off)."""
    two = arms(13, n=(150, 150), hazards=(0.02, 0.024))
    spec = Spec(style="rbase", dpi=96, extra={"bw": "#1b2a6b"})
    result = _read(draw(two, spec, tmp_path / "km"), spec)
    assert result.n_curves == 2
    for k, arm in enumerate(two, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c[result.measure].to_numpy(), arm)
        assert np.median(err) <= 0.005, (k, np.median(err))


def test_a_plot_on_a_scanned_page_turned_a_little_is_found_and_read(tmp_path: Path) -> None:
    """A plot printed on a page under a headline rule longer than its axes, the page
    scanned turned 0.4 degrees (its axis lines step from row to row): no plot fills the
    image, so the page is straightened and the largest plot on it (axis lines meeting at
    a corner) cut out and read, said in a warning (the figure was refused)."""
    from PIL import Image, ImageDraw

    two = arms(3)
    spec = Spec(style="matplotlib", dpi=100)
    plot = Image.open(draw(two, spec, tmp_path / "km")).convert("RGB")
    page = Image.new("RGB", (1000, 900), "white")
    ImageDraw.Draw(page).rectangle((40, 40, 960, 41), fill="black")  # the headline rule
    page.paste(plot, (60, 150))
    scan = tmp_path / "page.png"
    page.rotate(0.4, resample=Image.BICUBIC, fillcolor="white").save(scan)
    result = _read(scan, spec)
    assert [w for w in result.warnings if "no plot fills the image" in w]
    assert result.n_curves == 2
    for k, arm in enumerate(two, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c[result.measure].to_numpy(), arm)
        assert np.median(err) <= 0.005, (k, np.median(err))


def test_a_curve_s_dashes_match_its_legend_sample_s_though_ticks_break_some() -> None:
    """Along a plateau, a dash-dot line's dashes and dots are measured where a gap stands
    on both sides (those ended by a censor tick are not): its lengths match the dash-dot
    sample's, not a dashed or a dotted one's, however many long dashes the ticks broke."""
    from analysis.published.digitize_chains import dashes_along, pattern_cost

    mask = np.zeros((40, 400), dtype=bool)
    c = 0
    while c < 380:  # dash 15, gap 4, dot 4, gap 4
        mask[19:22, c : c + 15] = True
        mask[19:22, c + 19 : c + 23] = True
        c += 27
    for tick in range(7, 380, 54):  # a tick across every other dash
        mask[12:29, tick : tick + 2] = True
    cols = np.arange(0, 380)
    found = dashes_along(mask, cols, np.full(len(cols), 20), width=3)
    dash_dot, dashed, dotted = [4, 4, 4, 15, 15, 15], [7, 7, 7, 7, 8], [3, 3, 4, 4, 4]
    costs = [pattern_cost(found, s) for s in (dash_dot, dashed, dotted)]
    assert costs[0] < 1 / 3 and costs[0] < min(costs[1:]), (found, costs)


def test_curves_drawn_as_one_black_line_told_apart_by_step_markers_are_all_found(
    tmp_path: Path,
) -> None:
    """Three curves drawn as the same thin black line, a marker (open circle, filled
    triangle, open square) on each step and no legend: one stroke when grouped by line
    type, read before as one curve. The markers are cut out and the lines between them
    followed: three curves, each within 0.005 (median), and a warning that they are told
    apart only by their markers (numbered from the top, guessed where markers crowd)."""
    data = arms(12, n=(100, 100, 100), hazards=(0.01, 0.025, 0.06))
    spec = Spec(style="matplotlib", dpi=200, extra={"step_markers": True})
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    assert result.n_curves == 3
    for k, arm in enumerate(data, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.median(err) <= 0.005, (k, np.median(err))
    assert any("told apart only by the markers on their steps" in w for w in result.warnings)


def test_curves_told_apart_by_step_markers_are_read_from_their_markers_where_they_crowd(
    tmp_path: Path,
) -> None:
    """Three curves drawn as the same thin black line with a marker on each step, the
    steps so dense that the markers overlap in long runs with no line showing between
    them: followed between the markers, the runs were guessed (p95 0.11, 0.14, 0.36).
    Each symbol is matched (best first, each explaining the ink under it) and each curve
    read from its symbol's markers: every curve within 0.02 at the 95th percentile, and
    the warning says the steps were read from the markers."""
    data = arms(12, n=(150, 150, 150), hazards=(0.02, 0.04, 0.09))
    spec = Spec(style="matplotlib", dpi=200, extra={"step_markers": True})
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    _check(result, data, spec, median=0.002, p95=0.02)
    assert any("steps read from the markers of its symbol" in w for w in result.warnings)


SAS_COLOURS = ("#445694", "#A23A2E", "#01665E")  # SAS's HTMLBlue: a dark blue, red and teal


def test_a_legend_beside_the_plot_in_two_dark_colours_numbers_the_curves(tmp_path: Path) -> None:
    """A legend in a row under the plot whose samples are a dark blue and a dark teal
    (SAS's HTMLBlue), each the other's ink at a curve's strength: each sample is given to
    the nearer colour, so the legend's order numbers the curves (not the order at the
    start, where the teal curve is the top one)."""
    data = arms(5, n=(150, 150, 150), hazards=(0.05, 0.035, 0.012))
    spec = Spec(style="matplotlib", dpi=150, extra={"colours": SAS_COLOURS, "legend": "below"})
    result = _read(draw(data, spec, tmp_path / "km"), spec)
    _check(result, data, spec, median=0.005, p95=0.02)


@pytest.mark.parametrize("dpi", [150, 200])
def test_numbers_at_risk_inside_the_frame_under_zero_are_read(tmp_path: Path, dpi: int) -> None:
    """SAS's PROC LIFETEST prints the numbers at risk inside the plot's frame, the y axis
    drawn on under 0, a row per curve in its colour with no labels: read as the rows at
    risk, top to bottom, at the x ticks' times, with ranges and without."""
    data = arms(5, n=(150, 120, 95), hazards=(0.05, 0.035, 0.012))
    spec = Spec(style="matplotlib", dpi=dpi, extra={"colours": SAS_COLOURS, "risk_inside": True})
    path = draw(data, spec, tmp_path / "km")
    ticks = np.asarray(spec.x_ticks, float)
    for result in (_read(path, spec), digitize_km(path)):
        assert result.at_risk is not None
        for k, arm in enumerate(data, start=1):
            row = result.at_risk[result.at_risk["curve"] == k]
            assert row["time"].tolist() == ticks.tolist()
            assert row["n_risk"].tolist() == arm.at_risk(ticks)


@pytest.mark.parametrize(("dpi", "fmt"), [(150, "jpg"), (200, "png")])
def test_a_boxed_plot_s_y_ticks_on_the_right_and_uneven_x_ticks_are_read(
    tmp_path: Path, dpi: int, fmt: str
) -> None:
    """A plot boxed on all four sides (ggplot2's ``theme_bw``) with its y ticks and
    labels right of the box and none at its left: the scale is set from the ticks on the
    right; x ticks at 0, 3, 6, 12 and 24 months stand at their true places, and the
    numbers at risk under them are put at their labels' times (3, not 2.99)."""
    data = arms(3, n=(200,), hazards=(0.06,), follow_up=24.0)
    spec = Spec(style="matplotlib", dpi=dpi, fmt=fmt, risk_table=True, x_ticks=(0, 3, 6, 12, 24),
                extra={"box_right_y": True})  # fmt: skip
    path = draw(data, spec, tmp_path / "km")
    ticks = np.asarray(spec.x_ticks, float)
    for result in (_read(path, spec), digitize_km(path)):
        assert result.x_range == (0.0, 24.0) and result.y_range == (0.0, 1.0)
        _check(result, data, spec, median=0.005, p95=0.02)
        assert result.at_risk is not None
        assert result.at_risk["time"].tolist() == ticks.tolist()
        assert result.at_risk["n_risk"].tolist() == data[0].at_risk(ticks)


@pytest.mark.parametrize(
    ("dpi", "fmt", "at"),
    [(150, "png", True), (300, "png", True), (120, "jpg", True), (200, "png", 0.063)],
)
def test_a_zoomed_y_axis_s_break_mark_is_neither_a_gap_in_the_frame_nor_a_tick(
    tmp_path: Path, dpi: int, fmt: str, at: object
) -> None:
    """A y axis zoomed to 0.4-1.0 with a ``//`` break mark near its foot, the line cut
    between the strokes: the axis is carried across the cut to meet the x axis at the
    corner (it was taken for a panel ending at the cut, the x ticks unseen), and the
    slanted strokes are not y ticks (the 0.4 tick had been put at the lower one's row);
    drawn across the 0.4 tick (``at``), that tick is still found. Read with ranges and
    zero-click, no uneven-ticks warning."""
    spec = Spec(style="matplotlib", dpi=dpi, fmt=fmt, ylim=(0.4, 1.0),
                extra={"axis_break": at, "pad": 0.1})  # fmt: skip
    path = draw(SLOW, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        assert result.x_range == (0.0, 60.0)
        _check(result, SLOW, spec, median=0.005, p95=0.02)
        assert not any("not evenly spaced" in w or "tick intervals" in w for w in result.warnings)


GGPLOT_GREYS = ("black", "#404040", "#666666")  # ggplot2's black, grey25 and grey40


@pytest.mark.parametrize(("seed", "dpi"), [(3, 96), (5, 150), (17, 200)])
def test_climbing_curves_in_greys_of_their_own_are_told_apart_by_shade(
    tmp_path: Path, seed: int, dpi: int
) -> None:
    """A greyscale rising plot: black solid, dark grey dashed and mid grey dot-dash curves
    with ``|`` censor ticks. Taken as one black ink, the broken curves' short dashes and
    their ticks cannot be dealt apart at low resolution (two curves found, one read along
    two); each grey is a curve of its own shade, numbered by the legend's samples (the
    dashed ones a row of dashes, four line widths apart at 200 dpi)."""
    data = arms(seed, n=(180, 180, 180), hazards=(0.004, 0.009, 0.016))
    spec = Spec(style="matplotlib", dpi=dpi, incidence=True, ylim=(0.0, 0.6),
                extra={"bw": GGPLOT_GREYS, "marks": "|", "line_types": (0, 1, 3)})  # fmt: skip
    path = draw(data, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        assert result.measure == "incidence"
        assert not [w for w in result.warnings if "legend" in w or "off every curve" in w]
        _check(result, data, spec, median=0.005, p95=0.02)


def test_a_legend_s_dashed_sample_is_found_where_no_single_stroke_is_one() -> None:
    """One ink's legend sample drawn dashed: a level row of pieces one after another, a
    dash among them, left out of the curves, stands for its place in the legend where no
    single stroke does, or more than one does (a row of tick fragments, one or two
    pixels each, does not)."""
    from analysis.published.digitize_raster import legend_sample

    mask = np.zeros((200, 600), dtype=bool)
    for left in (20, 32, 44, 56):  # four dashes 8 long (each too short for a sample), gaps of 4
        mask[50:52, left : left + 8] = True
    for left in range(200, 230, 4):  # fragments of ticks: two pixels wide
        mask[120:122, left : left + 2] = True
    assert legend_sample(mask, np.zeros(0, bool), 2) == (51.0, 42.0)
    # a dash-dot sample, its first dash long enough to pass for a sample alone, beside a
    # stray stroke that passes too, and a ragged row of pieces (not level): the row
    mask = np.zeros((200, 600), dtype=bool)
    mask[80:82, 20:34] = mask[80:82, 38:40] = mask[80:82, 44:48] = True
    mask[150:152, 300:314] = True
    mask[120:122, 400:407] = mask[122:124, 410:412] = mask[121:123, 416:418] = True
    assert legend_sample(mask, np.zeros(0, bool), 2) == (81.0, 34.0)


def test_a_decimal_point_a_pixel_high_between_two_digits_is_read() -> None:
    """At 96 dpi a tick label's point may be one pixel high, too small to be a mark of
    its own: ``0.4`` read as ``04`` (4) made the y axis 0-4 (percent, 0-0.04). Ink low
    between two digits with none above it is the point; digits apart with nothing between
    stay one number."""
    from analysis.published.digitize_ocr import words

    rgb = _printed([("0", 10, 10), ("5", 21, 10), ("10", 110, 10)], size=14)
    found = words(rgb, (0, 120, 0, 400))
    assert [w.text for w in found] == ["05", "10"]  # no point drawn: no point read
    rows, cols = np.nonzero(rgb[..., 0] < 0.5)
    left = int(cols[cols < 21].max())  # the 0's right edge and the digits' baseline
    rgb[int(rows[cols < 40].max()), left + 2 : left + 4] = 0.0  # a point a pixel high
    found = words(rgb, (0, 120, 0, 400))
    assert [w.text for w in found] == ["0.5", "10"] and found[0].value() == 0.5


def test_a_curve_s_ticks_with_its_steps_hanging_below_are_not_a_line_of_words() -> None:
    """The end of a grey dashed curve at 96 dpi: one-pixel censor ticks in a row, one
    crossed by a dash, with the curve's last steps joined to the first ticks and reaching
    well below the others' feet. The marks standing on the row's baseline are weighed
    alone too: a quarter of them crossed by the line, they are ticks, and the row is not
    blanked as words."""
    from analysis.published.digitize_ocr import text_boxes

    rgb = np.ones((400, 200, 3), dtype=np.float32)
    ink = np.zeros((400, 200), dtype=bool)
    ink[111:120, 105] = True  # a tick joined to the steps below it
    ink[111:131, 104:106] = True
    ink[129:131, 96:106] = True
    ink[111:120, 112] = True  # a lone tick
    ink[111:120, [118, 124]] = True  # two ticks joined by a dash across them
    ink[115:117, 117:126] = True
    ink[111:120, 128] = True
    ink[109:120, 132:134] = True  # a tick with a step's corner at its top
    ink[109:111, 134:136] = True
    rgb[ink] = 0.4
    assert text_boxes(rgb) == []
    words = np.ones((400, 400, 3), dtype=np.float32)  # a line of words is still one
    words[100:220] = _printed([("Months", 20, 20)])
    assert len(text_boxes(words)) == 1


def test_a_tick_s_shape_is_judged_on_its_own_ink_not_a_neighbour_s_in_its_box() -> None:
    """A climbing dash-dot curve's step in a JPEG: a dash crossed by a censor tick, a lone
    tick, and the next step's riser, side by side, with another curve's dot reaching into
    the crossed mark's box (not touching it). The crossed mark is judged on its own ink,
    so it is a tick crossed by the line and the row is not blanked as a line of words (it
    was: the dot in its box's foot made it no bar, and the three marks' unequal heights
    read as letters)."""
    from analysis.published.digitize_ocr import text_boxes

    rgb = np.ones((400, 200, 3), dtype=np.float32)
    ink = np.zeros((400, 200), dtype=bool)
    ink[113:134, 105:107] = True  # a tick crossed by the dash
    ink[121:125, 100:114] = True
    ink[132:138, 100:104] = True  # another curve's dot, reaching into the box's foot
    ink[113:134, 115:117] = True  # a lone tick
    ink[102:117, 124:127] = True  # the riser up to the next step
    rgb[ink] = 0.0
    assert text_boxes(rgb) == []


def test_a_piece_s_drop_with_a_narrower_tick_hanging_below_it_leaves_at_the_line() -> None:
    """A broken curve's step (curves falling): a dash, then a drop four pixels wide with a
    censor tick two pixels wide hanging below its foot, then a dot and a dash along the
    lower line. The drop leaves at its line-wide foot, not the tick's end, so the dot
    that continues it is linked to it and the four pieces make one chain (they were two:
    the tick's end stood ten rows under the dot)."""
    from analysis.published.digitize_chains import chains

    labels = np.zeros((120, 100), dtype=np.int32)
    labels[50:54, 10:31] = 1  # a dash
    labels[50:74, 34:38] = 2  # the drop down to the lower line (rows 70-73) ...
    labels[74:83, 35:37] = 2  # ... with a tick's lower half hanging below it
    labels[70:74, 44:48] = 3  # a dot on the lower line
    labels[70:74, 55:76] = 4  # a dash
    found = chains(labels, np.array([1, 2, 3, 4]), 4)
    assert [ch.ids for ch in found] == [[1, 2, 3, 4]]


def test_a_chain_ending_on_a_censor_tick_is_dealt_to_the_curve_it_runs_on() -> None:
    """Chains dealt to two curves: a short one between two of the lower curve's, leaving
    at the foot of a censor tick (a tick's half, two line widths, under the row where the
    next chain of that curve enters). It continues that curve and is dealt to it (it was
    dealt to none, its pieces lost)."""
    from analysis.published.digitize_chains import Chain, dealt

    def chain(i: int, first: int, last: int, entry: float, exit_: float) -> Chain:
        return Chain([i], first, last, entry, exit_, np.arange(first, last + 1))

    found = [
        chain(1, 0, 300, 10.0, 100.0),  # the upper curve
        chain(2, 0, 150, 150.0, 200.0),  # the lower curve ...
        chain(3, 210, 300, 203.0, 260.0),
        chain(4, 160, 200, 200.0, 212.0),  # ... and a stretch of it ending on a tick
    ]
    groups = dealt(found, 2, 4, 301)
    assert groups is not None
    assert sorted(sorted(g) for g in groups) == [[1], [2, 3, 4]]


def test_a_chain_leaving_on_its_line_above_a_curve_s_next_one_is_not_dealt_to_it() -> None:
    """A chain whose last dash leaves nine rows (over a line width, under two) below where
    the nearer curve's next chain enters on a dash: measured on their lines, it would have
    to climb to continue that curve, so it goes to the other, further off (it was taken
    by the nearer one, the tolerance for a chain ending on a censor tick's foot allowing
    it, and two curves' starts were read from each other's pieces). Left on a tick, the
    same chain may still end two line widths under."""
    from analysis.published.digitize_chains import Chain, dealt

    def chain(i: int, first: int, last: int, entry: float, exit_: float, on_line: bool) -> Chain:
        cols = np.arange(first, last + 1)
        return Chain([i], first, last, entry, exit_, cols, on_line, on_line)

    for on_line, lower in ((True, [2, 3]), (False, [2])):
        found = [
            chain(1, 100, 300, 40.0, 100.0, True),  # the upper curve
            chain(2, 150, 300, 80.0, 150.0, True),  # the lower curve
            chain(3, 40, 70, 30.0, 49.0, on_line),  # a stretch before both
        ]
        groups = dealt(found, 2, 4, 301)
        assert groups is not None
        assert sorted(lower) in [sorted(g) for g in groups], (on_line, groups)


LEGEND_INKS = ("black", "#cd2626", "#3a5fcd", "#006400")  # R's black, firebrick3, royalblue3, ...


def _legend_inks_figure(tmp_path: Path, black: bool) -> tuple[Path, list[Arm], Spec]:
    """Colour curves told apart by colour and line type too (dashed, dot-dash, dotted),
    with a solid black one first when ``black``; the legend's first curve is the lowest,
    so the order at the start would number them the other way round."""
    if black:
        data = arms(4, n=(200,) * 4, hazards=(0.03, 0.006, 0.012, 0.02), follow_up=48)
        extra = {"bw": LEGEND_INKS, "line_types": (0, 1, 3, 2), "legend_at": "best"}
    else:
        data = arms(3, n=(200,) * 3, hazards=(0.025, 0.008, 0.015), follow_up=48)
        extra = {"bw": LEGEND_INKS[1:], "line_types": (1, 3, 2), "legend_at": "best"}
    spec = Spec(dpi=150, fmt="jpg", x_ticks=(0, 12, 24, 36, 48), extra=extra)
    return draw(data, spec, tmp_path / "km"), data, spec


def test_a_dotted_legend_sample_in_a_jpeg_keeps_the_legend_order(tmp_path: Path) -> None:
    """A dotted curve's legend sample (a level row of evenly spaced dots, no dash among
    them) is found, so the colours keep the legend's order (the dotted one had no sample
    and all three were numbered from the top)."""
    path, data, spec = _legend_inks_figure(tmp_path, black=False)
    result = _read(path, spec)
    assert not [w for w in result.warnings if "order" in w]
    _check(result, data, spec, median=0.003, p95=0.015)


def test_a_legend_whose_order_cannot_be_told_is_named_in_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A legend showing samples of some colours only (here the dotted one's missed) cannot
    number the curves: they are numbered from the top at the start, and a warning says so."""
    from analysis.published import digitize_raster

    path, _, spec = _legend_inks_figure(tmp_path, black=False)
    monkeypatch.setattr(digitize_raster, "_dotted", lambda row, width: False)
    result = _read(path, spec)
    assert [w for w in result.warnings if "samples of 2 of 3 curve colours" in w]


def test_a_black_curve_s_sample_in_line_with_the_colours_takes_its_place(tmp_path: Path) -> None:
    """A black curve among colour curves is numbered by the legend too when its sample
    stands in the colours' column at their step (R's black, then firebrick, royal blue and
    dark green: read top to bottom, the black curve, the legend's first, came last)."""
    path, data, spec = _legend_inks_figure(tmp_path, black=True)
    result = _read(path, spec)
    assert not [w for w in result.warnings if "order" in w]
    _check(result, data, spec, median=0.003, p95=0.015)


@pytest.mark.parametrize(
    ("black", "ranks"),
    [
        ((70.0, 20.0), [1, 2, 3, 0]),  # in the colours' column, a step above them
        ((190.0, 20.0), [0, 1, 2, 3]),  # a step below them
        ((70.0, 300.0), [0, 1, 2, None]),  # elsewhere (a title's rule): the colours' order only
        ((40.0, 20.0), [0, 1, 2, None]),  # in their column but not at their step
        (None, [0, 1, 2, None]),
    ],
)
def test_black_ink_takes_a_legend_place_only_in_line_with_the_colours(black, ranks) -> None:
    from analysis.published.digitize import _legend_ranks

    samples = [(100.0, 21.0), (130.0, 19.0), (160.0, 20.0)]  # (row, column): a column
    assert _legend_ranks([*samples, black], [False, False, False, True], 900) == ranks


def test_a_legend_s_dotted_sample_is_a_level_row_of_evenly_spaced_dots() -> None:
    """A dotted sample (dots two line widths long, three apart, as R draws ``lty = 3``)
    has no dash, yet stands for its ink's place in the legend; dots unevenly spaced, or
    closer than a line width and a half (a censor tick's fragments), do not."""
    from analysis.published.digitize_raster import legend_sample

    mask = np.zeros((200, 600), dtype=bool)
    for left in (20, 30, 40, 50):
        mask[50:52, left : left + 4] = True
    assert legend_sample(mask, np.zeros(0, bool), 2) == (51.0, 37.0)
    mask = np.zeros((200, 600), dtype=bool)
    for left in (20, 30, 44, 51):
        mask[50:52, left : left + 4] = True
    assert legend_sample(mask, np.zeros(0, bool), 2) is None


def test_a_spreadsheet_chart_with_its_axis_line_and_border_is_framed_by_its_grid(
    tmp_path: Path,
) -> None:
    """Excel's chart: horizontal grid lines, the x axis line drawn darker than them (one
    line darker than the grid is no lone major line), the top grid line at the axis's
    limit cut to half its width (still a major line, where the grid's step puts it) and
    a border round the whole chart (no grid line): the grid frames the plot and sets
    the y scale, with the ranges given and without."""
    data = arms(11, n=(150, 150), hazards=(0.01, 0.03))
    spec = Spec(style="spreadsheet", dpi=150, extra={"excel_axis": True, "pad": 0.0})
    path = draw(data, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        assert result.y_range == (0.0, 1.0)
        _check(result, data, spec, median=0.005, p95=0.02)


def test_small_print_ticks_two_pixels_long_and_faint_labels_are_read(tmp_path: Path) -> None:
    """A small figure at 96 dpi: y ticks two pixels long against a crisp one-pixel axis
    line (found next to the line, not only a pixel clear of it), and tick labels a few
    pixels high in a mid grey, their strokes cut apart at the usual ink level (read
    again at a fainter one, a ``%`` broken in pieces joined): read without ranges."""
    spec = Spec(style="matplotlib", dpi=96, size=(4.17, 3.125), ylim=(0.5, 1.0),
                extra={"tiny_print": True, "percent_signs": True})  # fmt: skip
    data = arms(11, n=(150, 150), hazards=(0.005, 0.012))
    path = draw(data, spec, tmp_path / "km")
    result = digitize_km(path)
    assert result.x_range == (0.0, 60.0) and result.y_range == (0.5, 1.0)
    ranged = _read(path, spec)  # read as with the ranges given
    assert np.allclose(result.curves[["time", "survival"]], ranged.curves[["time", "survival"]])


def test_a_scatter_chart_s_markers_crowding_its_steps_are_read_as_its_line(
    tmp_path: Path,
) -> None:
    """A spreadsheet's scatter chart with straight lines and round markers through every
    step corner: where the steps come thick the markers overlap into a band with no line
    between them, read as the line through their middle (not held level above it), and
    a drop whose top marker nudged the line's row is still a drop at its column."""
    data = arms(5, n=(300, 150), hazards=(0.06, 0.015))
    spec = Spec(style="spreadsheet", dpi=150, size=(7.2, 4.3),
                extra={"excel_axis": True, "pad": 0.0, "corner_markers": True})  # fmt: skip
    path = draw(data, spec, tmp_path / "km")
    result = _read(path, spec)
    _check(result, data, spec, median=0.005, p95=0.012)  # held level above the band: 0.019


def test_only_a_long_band_of_tall_runs_is_thinned_to_its_middle() -> None:
    """A colour's strokes: a band eight rows tall over forty columns (markers crowding a
    steep run of steps) becomes a line two rows thick at its middle; a drop (tall for two
    columns) and a line are left as they are; no band, nothing to thin."""
    from analysis.published.digitize_markers import thinned_bands

    mask = np.zeros((60, 120), dtype=bool)
    mask[10:12, 0:30] = True  # a line
    mask[10:30, 30:32] = True  # a drop
    mask[28:30, 32:50] = True
    for c in range(50, 90):  # a band falling one row every other column
        mask[30 + (c - 50) // 2 : 38 + (c - 50) // 2, c] = True
    assert thinned_bands(mask[:, :50], 2) is None
    out = thinned_bands(mask, 2)
    assert out is not None
    assert (out[:, :50] == mask[:, :50]).all()
    for c in range(50, 90):
        rows = np.nonzero(out[:, c])[0]
        assert len(rows) == 2 and abs(rows.mean() - (33.5 + (c - 50) // 2)) <= 0.5


def test_y_ticks_two_pixels_long_against_a_crisp_axis_line_are_found() -> None:
    """A small figure at 96 dpi: an axis line one pixel wide, its y ticks two pixels long
    touching it (the column next to the line is the tick's, not an anti-aliased edge):
    found next to the line when none is found a pixel clear of it."""
    from analysis.published.digitize_raster import find_frame, find_ticks

    rgb = np.ones((120, 160, 3), dtype=np.float32)
    rgb[10:101, 30] = 0.2  # the y axis
    rgb[100, 30:150] = 0.2  # the x axis
    for row in (20, 45, 70, 95):
        rgb[row, 28:30] = 0.2
    for col in (40, 70, 100, 130):
        rgb[101:104, col] = 0.2
    frame = find_frame(rgb)
    assert frame is not None and (frame.left, frame.bottom, frame.line) == (30, 100, 1)
    xt, yt = find_ticks(rgb, frame)
    assert list(xt) == [40, 70, 100, 130] and list(yt) == [20, 45, 70, 95]


def test_a_drop_from_a_line_nudged_down_by_a_corner_marker_s_edge_is_a_drop() -> None:
    """A marker on a drop's top corner: its edge on the line just before the corner
    nudges the row read there down (56.9 for 56.5), so the drop (the marker's top over
    the line by its radius) is measured from the line's highest row of late too."""
    from analysis.published.digitize_track import Track, _drop

    rows = np.full(20, np.nan)
    rows[5:15] = 56.5
    rows[15] = 56.9
    track = Track(level=56.9, rows=rows, drop=np.zeros(20, dtype=bool))
    assert _drop([(53, 107, 80.0)], [track], 0, 4, 2.5) == 107
    track.rows[5:15] = 58.0  # a line that was lower: the marker over it is no drop's top
    track.level = 58.0
    assert _drop([(53, 107, 80.0)], [track], 0, 4, 2.5) is None


def test_a_lone_curve_not_seen_while_its_ink_runs_on_below_is_said_to_be_a_guess() -> None:
    """A colour's lone curve held level over a long stretch where its ink runs on lower
    down (coming out from under another curve there, or a band not followed) is named
    in a warning, in the axis's times; held level where no ink shows, it is not."""
    from analysis.published.digitize import _below_unseen, _Scale, _unseen_below_notes
    from analysis.published.digitize_track import Track

    mask = np.zeros((100, 200), dtype=bool)
    mask[20:22, :60] = True
    mask[50:52, 60:200] = True  # its line, lower down from column 60
    rows = np.full(200, np.nan)
    rows[:60] = 20.5
    rows[150:] = 50.5
    track = Track(level=50.5, rows=rows, drop=np.zeros(200, dtype=bool))
    _below_unseen(track, mask, 2)
    assert track.unseen_below == [(60, 150)]
    scale = _Scale((0.0, 200.0), (100.0, 0.0), (0.0, 20.0), (0.0, 1.0))
    (note,) = _unseen_below_notes(scale, track, 0)
    assert note.startswith("not followed from 6 to 15, where its colour's ink runs on below")
    mask[50:52, 60:150] = False  # nothing below where it was not seen: no doubt
    track.unseen_below.clear()
    _below_unseen(track, mask, 2)
    assert track.unseen_below == []


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
@pytest.mark.parametrize("excel_axis", [False, True])
def test_a_spreadsheet_chart_drawn_as_a_vector_is_scaled_by_its_grid_and_labels(
    tmp_path: Path, fmt: str, excel_axis: bool
) -> None:
    """A spreadsheet's chart exported as a drawing: no tick marks, no vertical grid lines
    (it was refused: "found 0 tick mark(s) on the x axis"): the horizontal grid lines
    alone set the y scale, the x labels' centres stand where the ticks would; an x axis
    line drawn in a darker grey below the grid's first line is no grid line (read as
    one, the y ticks were uneven and the curves off by 0.03)."""
    data = arms(11, n=(150, 150, 150), hazards=(0.01, 0.02, 0.04))
    spec = Spec(style="spreadsheet", fmt=fmt, extra={"excel_axis": excel_axis})
    path = draw(data, spec, tmp_path / "km")
    for result in (_read(path, spec), digitize_km(path)):
        assert result.source == "vector" and result.warnings == ()
        assert result.x_range == (0.0, 60.0) and result.y_range == (0.0, 1.0)
        _check(result, data, spec, median=1e-6, p95=1e-6)


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_a_curve_whose_every_run_and_drop_is_its_own_piece_is_joined_again(
    tmp_path: Path, fmt: str
) -> None:
    """Each run and each drop of every step its own segment, however long (an office
    chart exported to PDF): the long runs are joined with the short pieces meeting them
    end to start (left out, they cut the curves apart, the second read from 37 months
    only, 0.27 off)."""
    spec = Spec(style="matplotlib", fmt=fmt, extra={"pieces": "steps"})
    path = draw(TRUTH, spec, tmp_path / "km")
    result = _read(path, spec)
    assert result.n_curves == 2 and result.warnings == ()
    _check(result, TRUTH, spec, median=1e-6, p95=1e-6)


def test_drops_beside_a_censor_mark_s_arm_are_kept_where_a_line_goes_on_below() -> None:
    """A "+" censor mark on a short plateau (SPSS at 120 dpi, the mark 12 pixels wide, its
    arm reaching on past the next drops): drop after drop, each ending on a line going
    on, is not undone for the arm going on at the row left (before, the arm was read as
    the curve's plateau and three levels were lost, the drops read 5 pixels late)."""
    from scipy import ndimage

    from analysis.published.digitize_raster import column_runs
    from analysis.published.digitize_track import corners, follow

    mask = np.zeros((70, 160), dtype=bool)
    mask[8:10, :86] = True  # a plateau two pixels thick
    columns = {86: [(8, 15)], 87: [(8, 15)], 92: [(14, 20)], 93: [(14, 25)], 94: [(14, 26)],
               95: [(19, 26)], 96: [(19, 20), (25, 38)], 97: [(19, 20), (25, 38)],
               98: [(19, 20), (37, 38)], 99: [(19, 20), (37, 38)], 100: [(37, 43)],
               101: [(37, 43)], 102: [(42, 49)], 103: [(42, 49)], 104: [(48, 49)],
               105: [(48, 49)], 106: [(48, 61)], 107: [(48, 61)]}  # fmt: skip
    for c in range(88, 92):  # the plateau, and the mark's arm left of its upright (93-94)
        columns[c] = [(14, 15), (19, 20)]
    for c, spans in columns.items():
        for top, bottom in spans:
            mask[top : bottom + 1, c] = True
    mask[60:62, 108:] = True
    labels, _ = ndimage.label(mask, structure=np.ones((3, 3), bool))
    (track,) = follow(column_runs(mask, mask.astype(float)), labels, 1, 2)
    changes, levels, _ = corners(track, 2)
    np.testing.assert_allclose(levels, [8.5, 14.5, 19.5, 25.5, 37.5, 42.5, 48.5, 60.5])
    assert np.all(np.abs(changes - [86.5, 92.5, 94.5, 96.5, 100.5, 102.5, 106.5]) <= 1)
