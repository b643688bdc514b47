"""Kaplan-Meier drawings in black and white whose curves, all the same thin black line,
are told apart only by the marker shapes set on them (open circle, filled square, open
triangle), the legend showing each line with its marker, read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.published.digitize import digitize_km
from tests.digitize.figures import Arm, arms
from tests.test_digitize_web import _check

# the first arm in the legend falls slowest at first: numbered from the top it is not
# where the legend puts it
DATA = arms(20261207, n=(130, 130, 130), hazards=(0.03, 0.02, 0.012), follow_up=60.0)
DATA = [DATA[1], DATA[2], DATA[0]]
MARKERS = [
    {"marker": "o", "mfc": "white", "mec": "black", "ms": 5.5, "mew": 0.9},
    {"marker": "s", "mfc": "black", "mec": "black", "ms": 4.8, "mew": 0.9},
    {"marker": "^", "mfc": "white", "mec": "black", "ms": 6.2, "mew": 0.9},
]


def _marked(data: list[Arm], path: Path) -> Path:
    """Three thin solid black steps, each with its marker every 6 months (staggered by 2
    months from curve to curve) at the curve's value there, a boxed legend at the top
    right showing line and marker."""
    fig = Figure(figsize=(5.6, 4.3))
    ax = fig.add_axes((0.13, 0.13, 0.83, 0.82))
    for k, (arm, marker) in enumerate(zip(data, MARKERS, strict=True)):
        times, surv = arm.km()
        ax.step(np.append(times, arm.end()), np.append(surv, surv[-1]), where="post",
                color="black", lw=0.9)  # fmt: skip
        at = np.arange(6.0 + 2 * k, arm.end(), 6.0)
        ax.plot(at, arm.survival_at(at), ls="none", zorder=3, **marker)
    ax.set_xlim(0, 60)
    ax.set_ylim(0, 1)
    ax.set_xticks(np.arange(0, 61, 12))
    ax.tick_params(direction="in", length=4)
    handles = [Line2D([0], [0], color="black", lw=0.9, **m) for m in MARKERS]
    ax.legend(handles, ["Observation", "Radiotherapy", "Both"], loc="upper right",
              fancybox=False, edgecolor="black", handlelength=2.6)  # fmt: skip
    fig.savefig(path, metadata={"CreationDate": None} if path.suffix == ".pdf" else None)
    return path


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_black_curves_are_numbered_by_the_marker_shapes_of_the_legend(
    tmp_path: Path, fmt: str
) -> None:
    """Curves of one colour and line type were numbered from the top (the legend's
    samples could not be told apart by colour or dash): each is the legend entry whose
    marker shape it carries, and its markers are no censor marks."""
    path = _marked(DATA, tmp_path / f"km.{fmt}")
    for result in (digitize_km(path, (0.0, 60.0), (0.0, 1.0)), digitize_km(path)):
        _check(result, DATA, median=0.002, p95=0.005)
        assert result.censored is None or len(result.censored) == 0
