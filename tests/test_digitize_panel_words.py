"""A panel is asked for by its place on the page (``left``, ``bottom``, ``top-left``) as
well as by its letter or number; tinted panels without axis lines (ggplot2's facets) are
panels too, and a legend centred under facets side by side belongs to each of them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from analysis.cli import main
from analysis.published.digitize import DigitizeError, digitize_km
from tests.digitize.figures import GG, Arm, Spec, arms, draw, ggplot_panel
from tests.test_digitize_panels import _within

SPEC = Spec(style="matplotlib", dpi=100)
PANELS = [
    arms(20261121, hazards=(0.02, 0.045)),
    arms(11, n=(120, 120, 120), hazards=(0.01, 0.03, 0.08)),
    arms(12, n=(100,), hazards=(0.03,)),
    arms(13, n=(90, 90, 90, 90), hazards=(0.01, 0.02, 0.04, 0.08)),
]


def _page(tmp_path: Path, layout: list[list[int]]) -> Path:
    """The panels (indices into PANELS) drawn alike and laid out in rows."""
    images = [
        np.asarray(Image.open(draw(PANELS[i], SPEC, tmp_path / f"p{i}")).convert("RGB"))
        for i in range(len(PANELS))
    ]
    page = np.concatenate([np.concatenate([images[i] for i in row], axis=1) for row in layout])
    path = tmp_path / "page.png"
    Image.fromarray(page).save(path)
    return path


def test_a_panel_is_asked_for_by_its_place_side_by_side_stacked_and_in_a_grid(
    tmp_path: Path,
) -> None:
    (tmp_path / "beside").mkdir()
    beside = _page(tmp_path / "beside", [[0, 1]])
    _within(digitize_km(beside, panel="left"), PANELS[0])
    right = digitize_km(beside, panel="Right")
    _within(right, PANELS[1])
    assert "read plot 2, the second" in right.warnings[0]
    grid = _page(tmp_path, [[0, 1], [2, 3]])
    _within(digitize_km(grid, panel="top-left"), PANELS[0])
    _within(digitize_km(grid, panel="bottom right"), PANELS[3])
    _within(digitize_km(grid, panel="left_bottom"), PANELS[2])


def test_a_place_that_does_not_single_out_one_panel_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grid = _page(tmp_path, [[0, 1], [2, 3]])
    with pytest.raises(
        DigitizeError,
        match=r"panel 'left' does not single out one plot: of the 4 plots found, plots 1 "
        r"and 3 \(in reading order\) are at the left; name both sides",
    ):
        digitize_km(grid, panel="left")
    with pytest.raises(DigitizeError, match=r"give its printed letter .* or its place"):
        digitize_km(grid, panel="middle")
    with pytest.raises(DigitizeError, match="give its printed letter"):
        digitize_km(grid, panel="top-top")
    one = draw(PANELS[0], SPEC, tmp_path / "one")
    with pytest.raises(DigitizeError, match="panel 'right' asked for, but 1 plot frame"):
        digitize_km(one, panel="right")
    out = tmp_path / "read"
    assert main(["digitize", str(grid), "--out", str(out), "--panel", "bottom-left"]) == 0
    assert "1 curve(s) of survival read" in capsys.readouterr().out
    assert main(["digitize", str(grid), "--out", str(out), "--panel", "top"]) == 2
    assert "does not single out one plot" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["digitize", str(grid), "--out", str(out), "--panel", "centre"])
    assert "or its place (left, right, top, bottom" in capsys.readouterr().err


FEMALE = arms(5, n=(150, 150), hazards=(0.06, 0.03), follow_up=24)
MALE = arms(6, n=(150, 150), hazards=(0.09, 0.045), follow_up=24)


def _facets(tmp_path: Path) -> Path:
    """ggplot2's facet_wrap in theme_grey: two grey panels side by side, white grid lines,
    no axis lines, the y axis labelled on the left one only, the same two colours in
    each, and one legend centred under both."""
    fig = Figure(figsize=(9, 4.6), dpi=150)
    left = fig.add_axes((0.08, 0.3, 0.43, 0.62))
    right = fig.add_axes((0.525, 0.3, 0.43, 0.62), sharey=left)
    for ax, data in ((left, FEMALE), (right, MALE)):
        ggplot_panel(ax)
        for i, arm in enumerate(data):
            times, surv = arm.km()
            ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post",
                    color=GG[i], lw=1.2, label=("Control", "Treatment")[i])  # fmt: skip
        ax.set_xticks([0, 6, 12, 18, 24])
        ax.set_xlim(-1.2, 25.2)
        ax.set_ylim(-0.05, 1.05)
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    right.tick_params(labelleft=False)
    left.set_ylabel("Survival probability")
    fig.text(0.52, 0.19, "Time (months)", ha="center", fontsize=11)
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, frameon=False, title="Arm",
               bbox_to_anchor=(0.52, 0.0))  # fmt: skip
    path = tmp_path / "facets.png"
    fig.savefig(path, dpi=150)
    return path


@pytest.mark.parametrize(("panel", "data"), [("left", FEMALE), ("right", MALE), (None, FEMALE)])
def test_tinted_facets_are_panels_each_read_with_the_legend_under_both(
    tmp_path: Path, panel: str | None, data: list[Arm]
) -> None:
    """The facets are two plots (without the finder of tinted panels, both are read as
    one, their curves merged); the legend centred under both, split by the cut between
    them, is kept whole for each, so the curves are numbered by it (Control, the lower
    curve, first), not from the top."""
    path = _facets(tmp_path)
    result = digitize_km(path, (0, 24), (0, 1), panel=panel)
    assert result.warnings[0].startswith("2 plots found in the figure")
    _within(result, data)
    assert not [w for w in result.warnings if "curves' order cannot be told" in w]
