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
    with pytest.raises(DigitizeError, match="panel 'c' asked for, but 2 plots were found"):
        digitize_km(two, panel="c")
    with pytest.raises(DigitizeError, match="give its printed letter"):
        digitize_km(two, panel="middle")
    out = tmp_path / "read"
    assert main(["digitize", str(two), "--out", str(out), "--panel", "2"]) == 0
    printed = capsys.readouterr().out
    assert "warning: 2 plots found in the figure" in printed
    assert "3 curve(s) of survival read" in printed


def test_an_image_s_panel_letter_is_taken_as_its_place_in_the_alphabet_and_said(
    tmp_path: Path,
) -> None:
    """An image's letters are not read: ``panel="b"`` reads the second plot, with a warning
    saying the letter was taken as a place in reading order."""
    result = digitize_km(_two_panels(tmp_path, stacked=False), panel="b")
    _within(result, PANEL_B)
    assert "read plot 2, the second" in result.warnings[0]
    assert result.warnings[1].startswith("no plot has the letter 'b' printed at its top left")
    assert "(an image's letters are not read): panel 'b' taken as plot 2" in result.warnings[1]


NAVY, RED = "#3C5488", "#E64B35"
LEFT_ARMS = arms(5, n=(130, 120), hazards=(0.02, 0.06), follow_up=36)


def _vector_panels(tmp_path: Path, fmt: str, stacked: bool = False, letters: bool = True) -> Path:
    """A journal's two-panel drawing: panel a (``LEFT_ARMS``, months 0-36 by 6) and panel
    b (``PANEL_A``, 0-60 by 12) side by side (or a above b), drawn alike in the same two
    colours, percent y axes, bold letters at their top left corners (unless not
    ``letters``), and each its numbers at risk under it, its rows labelled in the
    curves' colours."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    size = (7.2, 6.4) if stacked else (7.2, 3.0)
    fig = Figure(figsize=size)
    places = ([(0.12, 0.64, 0.8, 0.3), (0.12, 0.14, 0.8, 0.3)] if stacked
              else [(0.1, 0.33, 0.36, 0.6), (0.6, 0.33, 0.36, 0.6)])  # fmt: skip
    for (data, ticks), place, name in zip(
        ((LEFT_ARMS, (0, 6, 12, 18, 24, 30, 36)), (PANEL_A, (0, 12, 24, 36, 48, 60))),
        places, "ab", strict=True,
    ):  # fmt: skip
        ax = fig.add_axes(place)
        for arm, colour in zip(data, (NAVY, RED), strict=True):
            times, surv = arm.km()
            ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]) * 100,
                    where="post", color=colour, lw=1)  # fmt: skip
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xticks(ticks)
        ax.set_xlim(ticks[0] - 0.03 * ticks[-1], ticks[-1] * 1.03)
        ax.set_yticks([0, 25, 50, 75, 100])
        ax.set_ylim(-3, 103)
        ax.set_xlabel("Time (months)", fontsize=7)
        ax.tick_params(labelsize=7)
        left, bottom, width, height = place
        if letters:
            fig.text(left - 0.08, bottom + height + 0.02, name, fontsize=9, weight="bold")
        at = np.asarray(ticks, dtype=float)
        for i, (arm, colour) in enumerate(zip(data, (NAVY, RED), strict=True)):
            y = bottom - (0.2 if not stacked else 0.09) - i * (0.06 if not stacked else 0.03)
            fig.text(left - 0.01, y, f"Arm {'AB'[i]}", color=colour, fontsize=7, ha="right")
            for u, n in zip(at, arm.at_risk(at), strict=True):
                x = left + width * (u - ax.get_xlim()[0]) / np.ptp(ax.get_xlim())
                fig.text(x, y, str(n), fontsize=7, ha="center")
    path = tmp_path / f"panels.{fmt}"
    with rc_context({"path.simplify": False, "svg.fonttype": "none"}):
        fig.savefig(path, metadata={"Date": None} if fmt == "svg" else None)
    return path


def _within_risk(result, data: list[Arm], ticks: tuple[float, ...]) -> None:
    _within(result, data)
    assert result.at_risk is not None
    for k, arm in enumerate(data, start=1):
        row = result.at_risk[result.at_risk["curve"] == k]
        assert row["time"].tolist() == list(ticks)
        assert row["n_risk"].tolist() == arm.at_risk(np.asarray(ticks, dtype=float))


@pytest.mark.parametrize(("fmt", "stacked"), [("pdf", False), ("svg", False), ("pdf", True)])
def test_a_drawing_of_two_plots_is_read_at_the_panel_asked_for_by_letter_or_number(
    tmp_path: Path, fmt: str, stacked: bool
) -> None:
    """Two plots drawn alike in one PDF or SVG (Nature's panels a and b) were read as one:
    both panels' curves mixed, their tick labels and tables too. Each plot is found, its
    printed letter read, and the plot asked for (``"b"`` or 2) read from its own strokes,
    labels and table; without a choice the first, each said in a warning."""
    path = _vector_panels(tmp_path, fmt, stacked)
    b_ticks = (0.0, 12.0, 24.0, 36.0, 48.0, 60.0)
    for panel in ("b", 2, "(B)"):
        result = digitize_km(path, panel=panel)  # zero-click: panel b's own labels
        assert result.x_range == (0.0, 60.0), panel
        _within_risk(result, PANEL_A, b_ticks)
        assert result.warnings[0].startswith(
            "2 plots found in the figure: read plot 2 (panel b)".replace(
                ":", " (panels side by side or stacked):"
            )
        )
    ranged = digitize_km(path, (0, 60), (0, 100), panel="b")
    _within_risk(ranged, PANEL_A, b_ticks)
    first = digitize_km(path)
    assert first.x_range == (0.0, 36.0)
    _within_risk(first, LEFT_ARMS, (0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0))
    assert "read plot 1 (panel a), the first in reading order" in first.warnings[0]
    assert "--panel N (panel=N) to read another, or its printed letter" in first.warnings[0]
    with pytest.raises(DigitizeError, match="panel 3 asked for, but 2 plots were found"):
        digitize_km(path, panel=3)


def test_a_drawing_s_letter_not_printed_is_its_place_and_one_plot_has_no_panels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without letters printed, ``"b"`` is the second plot, said; a drawing of one plot
    reads as before, at panel 1 or ``"a"`` too, and a second panel is an error. The
    command line takes a letter, a number or a place, and nothing else."""
    path = _vector_panels(tmp_path, "pdf", letters=False)
    result = digitize_km(path, panel="b")
    _within(result, PANEL_A)
    assert "read plot 2, the second" in result.warnings[0]
    assert result.warnings[1].startswith("no plot has the letter 'b' printed at its top left "
                                         "corner: panel 'b' taken as plot 2")  # fmt: skip
    svg = draw(PANEL_A, Spec(style="matplotlib", fmt="svg"), tmp_path / "drawing")
    alone = digitize_km(svg)
    assert not [w for w in alone.warnings if "plots found" in w or "letter" in w]
    for panel in (1, "a"):
        again = digitize_km(svg, panel=panel)
        assert again.warnings == alone.warnings
        assert again.curves.equals(alone.curves)
    with pytest.raises(DigitizeError, match="panel 2 asked for, but 1 plot frame was found"):
        digitize_km(svg, panel=2)
    out = tmp_path / "read"
    assert main(["digitize", str(path), "--out", str(out), "--panel", "B"]) == 0
    assert "2 curve(s) of survival read" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["digitize", str(path), "--out", str(out), "--panel", "middle"])
    assert "expected a panel's letter (a, b, ...), its number" in capsys.readouterr().err


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
