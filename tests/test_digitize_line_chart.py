"""A spreadsheet's line chart of a Kaplan-Meier table (Excel's): round markers at every
row of the table, joined by straight lines, on a y axis running 0 to 1.2 in small grey
print at 96 dpi."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from analysis.published.digitize import digitize_km
from tests.digitize.figures import Arm, arms
from tests.test_digitize_web import _check

BLUE, ORANGE = "#4472C4", "#ED7D31"
TWO = [
    Arm(np.ceil(a.time), a.event)  # follow-up in whole months: tied event times
    for a in arms(20261121, n=(60, 60), hazards=(0.025, 0.05), follow_up=36)
]


def _excel(data: list[Arm], path: Path, labels: list[str], steps: bool = False) -> Path:
    """Excel's line chart at 96 dpi: light horizontal grid lines, no axis lines but the
    x axis's, y 0 to 1.2 labelled ``labels``, a marker at (0, 1), at each event time and
    at the last follow-up, joined by straight lines (by steps when ``steps``), a legend
    under the plot."""
    fig = Figure(figsize=(640 / 96, 400 / 96), dpi=96)
    ax = fig.add_axes((0.1, 0.25, 0.87, 0.63))
    for arm, colour, name in zip(data, (BLUE, ORANGE), ("Laparoscopic", "Open"), strict=False):
        times, surv = arm.km()
        x, y = np.append(times, arm.end()), np.append(surv, surv[-1])
        ax.plot(x, y, color=colour, lw=2.2, marker="o", markersize=5,
                drawstyle="steps-post" if steps else "default", label=name)  # fmt: skip
    ax.set_xlim(0, 40)
    ax.set_ylim(0, 1.2)
    ax.set_xticks(range(0, 41, 5))
    ax.set_yticks(np.arange(0, 1.21, 0.2), labels)
    ax.grid(axis="y", color="#D9D9D9", lw=0.75)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color("#D9D9D9")
    ax.tick_params(length=0, labelsize=7, labelcolor="#595959")
    fig.legend(loc="lower center", ncol=2, frameon=False, fontsize=7)
    path = path.with_suffix(".png")
    fig.savefig(path, dpi=96)
    return path


def test_labels_read_without_their_decimal_points_are_tenths_when_curves_start_at_ten(
    tmp_path: Path,
) -> None:
    """Printed small, ``0.4`` reads as ``4``: the axis read 0 to 12 was taken as percent
    and every value came out a tenth of itself (median error 0.63). Falling curves all
    starting at 10% say the points were lost (here the labels print none at all)."""
    labels = ["0", "2", "4", "6", "8", "10", "12"]
    figure = _excel(TWO, tmp_path / "points_lost", labels, steps=True)
    result = digitize_km(figure)
    _check(result, TWO, 0.005, 0.02)
    assert result.y_range == (0.0, 1.2)
    assert [w for w in result.warnings if "decimal points were taken as lost" in w]


def test_marked_points_joined_by_slanted_lines_are_read_as_the_steps_through_them(
    tmp_path: Path,
) -> None:
    """Followed along its slanted lines, a curve read values too low between its points
    (the line's, not the step's held level: median error 0.01, 95th percentile 0.04);
    its markers are the Kaplan-Meier table's rows, each level held until the next
    point's time. Drawn as steps through the same markers, it is read as drawn."""
    labels = ["0", "0.2", "0.4", "0.6", "0.8", "1", "1.2"]
    slanted = digitize_km(_excel(TWO, tmp_path / "slanted", labels), (0, 40), (0, 1.2))
    _check(slanted, TWO, 0.005, 0.02)
    joined = [w for w in slanted.warnings if "joined by slanted lines, not steps" in w]
    assert [w.split(":")[0] for w in joined] == ["curve 1", "curve 2"]
    stepped = digitize_km(_excel(TWO, tmp_path / "stepped", labels, steps=True), (0, 40), (0, 1.2))
    _check(stepped, TWO, 0.005, 0.02)
    assert not [w for w in stepped.warnings if "slanted lines" in w]
