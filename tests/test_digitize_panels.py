"""A figure of several plots (panels A and B side by side or stacked) is read one plot at a
time: the first in reading order unless another is asked for, said in a warning."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from analysis.cli import main
from analysis.published.digitize import DigitizeError, digitize_km
from tests.digitize.figures import Arm, Spec, arms, draw, grid_errors

PANEL_A = arms(20261121, hazards=(0.02, 0.045))
PANEL_B = arms(11, n=(120, 120, 120), hazards=(0.01, 0.03, 0.08))
SPEC = Spec(style="matplotlib", dpi=100)


def _two_panels(tmp_path: Path, stacked: bool) -> Path:
    """Panel A (two curves) and panel B (three) drawn alike, side by side or B above A."""
    a = np.asarray(Image.open(draw(PANEL_A, SPEC, tmp_path / "a")).convert("RGB"))
    b = np.asarray(Image.open(draw(PANEL_B, SPEC, tmp_path / "b")).convert("RGB"))
    page = np.concatenate([b, a], axis=0) if stacked else np.concatenate([a, b], axis=1)
    path = tmp_path / ("stacked.png" if stacked else "beside.png")
    Image.fromarray(page).save(path)
    return path


def _within(result, data: list[Arm]) -> None:
    assert result.n_curves == len(data)
    for k, arm in enumerate(data, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.median(err) <= 0.005 and np.quantile(err, 0.95) <= 0.02, k


@pytest.mark.parametrize("stacked", [False, True])
def test_a_figure_of_two_plots_reads_the_first_in_reading_order_and_says_so(
    tmp_path: Path, stacked: bool
) -> None:
    """Side by side, panel A (left) is read; stacked, the upper one (B here); each with a
    warning naming the two plots found and how to read the other, which ``panel=2`` does."""
    path = _two_panels(tmp_path, stacked)
    first, second = (PANEL_B, PANEL_A) if stacked else (PANEL_A, PANEL_B)
    result = digitize_km(path, SPEC.x_range(), SPEC.y_range())
    _within(result, first)
    assert result.warnings[0].startswith("2 plots found in the figure")
    assert "read plot 1, the first in reading order" in result.warnings[0]
    assert "--panel N (panel=N)" in result.warnings[0]
    other = digitize_km(path, SPEC.x_range(), SPEC.y_range(), panel=2)
    _within(other, second)
    assert "read plot 2, the second" in other.warnings[0]
    zero_click = digitize_km(path)  # each plot's own tick labels, not the other's
    assert zero_click.x_range == SPEC.x_range() and zero_click.y_range == SPEC.y_range()
    _within(zero_click, first)


def test_a_figure_of_one_plot_says_nothing_of_panels_and_a_missing_panel_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = draw(PANEL_A, SPEC, tmp_path / "one")
    result = digitize_km(one, SPEC.x_range(), SPEC.y_range())
    assert not [w for w in result.warnings if "plots found" in w]
    assert digitize_km(one, SPEC.x_range(), SPEC.y_range(), panel=1).n_curves == 2
    with pytest.raises(DigitizeError, match="panel 2 asked for, but 1 plot frame was found"):
        digitize_km(one, panel=2)
    two = _two_panels(tmp_path, stacked=False)
    with pytest.raises(DigitizeError, match="panel 3 asked for, but 2 plots were found"):
        digitize_km(two, panel=3)
    with pytest.raises(DigitizeError, match="plots are numbered from 1"):
        digitize_km(two, panel=0)
    svg = draw(PANEL_A, Spec(style="matplotlib", fmt="svg"), tmp_path / "drawing")
    with pytest.raises(DigitizeError, match="a panel is chosen in images only"):
        digitize_km(svg, panel=1)
    out = tmp_path / "read"
    assert main(["digitize", str(two), "--out", str(out), "--panel", "2"]) == 0
    printed = capsys.readouterr().out
    assert "warning: 2 plots found in the figure" in printed
    assert "3 curve(s) of survival read" in printed


INSET_ARMS = arms(20261121, hazards=(0.004, 0.008))
INSET = Spec(style="matplotlib", dpi=150, incidence=True,
             extra={"inset": (0.5, 0.45, 0.45, 0.5, 0.4), "legend_at": (0.4, 0.98)})  # fmt: skip


def test_an_inset_inside_the_plot_is_left_out_and_said(tmp_path: Path) -> None:
    """A smaller plot inside the plot (NEJM's zoom of curves near the floor) redraws the
    curves on its own axes: its axes, ticks, labels and curves are not the main plot's
    (read as such: four curves, the inset's x axis one of them); the main curves are
    read on the main axes, with ranges and without, and a warning says an inset was left
    out and what its y axis prints."""
    path = draw(INSET_ARMS, INSET, tmp_path / "inset")
    for result in (digitize_km(path, INSET.x_range(), INSET.y_range()), digitize_km(path)):
        assert result.n_curves == 2
        for k, arm in enumerate(INSET_ARMS, start=1):
            c = result.curve(k)
            err = grid_errors(c["time"].to_numpy(), c["incidence"].to_numpy(), arm, True)
            assert np.median(err) <= 0.005 and np.quantile(err, 0.95) <= 0.02, k
        notes = [w for w in result.warnings if w.startswith("an inset was found")]
        assert len(notes) == 1, result.warnings
        assert "its y labels reading 0 to 0.4 at the ticks seen" in notes[0]
        assert "left out" in notes[0]
    plain = draw(INSET_ARMS, Spec(style="matplotlib", dpi=150, incidence=True), tmp_path / "plain")
    assert not [w for w in digitize_km(plain).warnings if "inset" in w]


def _corner(ticks_x: str, ticks_y: bool) -> np.ndarray:
    """A plot's inside (white) holding a black L, a y axis line at column 100 down to an x
    axis line at row 200: with ``ticks_x`` ``"out"`` five marks under the x axis, ``"cross"``
    five crossing it (a curve's censor marks), else none; ``ticks_y`` five marks left of
    the y axis; and labels beside the y marks."""
    crop = np.ones((300, 500, 3), dtype=np.float32)
    crop[40:202, 99:101] = 0
    crop[199:201, 99:400] = 0
    for c in range(100, 400, 70):
        if ticks_x == "out":
            crop[201:208, c : c + 2] = 0
        elif ticks_x == "cross":
            crop[192:208, c : c + 2] = 0
    if ticks_y:
        for r in range(60, 201, 35):
            crop[r : r + 2, 92:99] = 0
            crop[r - 5 : r + 6, 80:88] = 0  # a label's block
    return crop


@pytest.mark.parametrize(
    ("ticks_x", "ticks_y", "found"),
    [("out", True, True), ("cross", True, False), ("none", True, False), ("out", False, False)],
)
def test_an_inset_is_a_corner_ticked_outside_both_axes(
    ticks_x: str, ticks_y: bool, found: bool
) -> None:
    """Axes meeting at a corner inside the plot are an inset only when short marks tick
    both outside and none cross the x axis line: a curve's long drop onto its flat tail,
    censor marks crossing the tail, is none. The area left out takes in the y labels."""
    from analysis.published.digitize_insets import find_inset

    inset = find_inset(_corner(ticks_x, ticks_y))
    assert (inset is not None) == found
    if inset is not None:
        assert inset.frame.left in (99, 100) and inset.frame.bottom in (199, 200)
        assert inset.left <= 80 and inset.bottom >= 207 and inset.right >= 399


def test_a_curve_running_in_under_an_inset_is_read_up_to_there_and_said(tmp_path: Path) -> None:
    """An inset drawn white over the falling curves hides them: each is read up to where it
    runs in under the inset, not guessed on, and named in a warning."""
    spec = Spec(style="matplotlib", dpi=150,
                extra={"inset": (0.45, 0.1, 0.5, 0.6, 1.0), "legend_at": (0.4, 0.3)})  # fmt: skip
    result = digitize_km(draw(INSET_ARMS, spec, tmp_path / "over"), spec.x_range(), spec.y_range())
    assert result.n_curves == 2
    assert any(w.startswith("an inset was found") for w in result.warnings)
    for k, arm in enumerate(INSET_ARMS, start=1):
        assert any(
            w.startswith(f"curve {k}: it runs in under an opaque box") for w in result.warnings
        )
        c = result.curve(k)
        assert c["time"].max() < 55
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm)
        assert np.median(err) <= 0.005 and np.quantile(err, 0.95) <= 0.02, k
