"""Consistency checks of printed figures that explain their verdict.

* GRIM (Brown & Heathers, Soc Psychol Personal Sci 2017): a mean of whole-number scores
  over n respondents (times ``items`` items) must be some whole total divided by n x items;
  a printed mean that no total rounds to is impossible.
* A printed percentage must follow from some count of the printed denominator; the counts
  that do are listed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def _round_half_up(x: float, decimals: int) -> float:
    q = 10**decimals
    return math.floor(x * q + 0.5 + 1e-9) / q


@dataclass(frozen=True)
class Consistency:
    """A verdict on a printed figure, with the numbers behind it."""

    consistent: bool
    explanation: str
    candidates: tuple[float, ...]  # the totals or counts that reproduce the printed figure


def grim(mean: float, n: int, decimals: int = 2, items: int = 1) -> Consistency:
    """GRIM test of a printed mean of whole-number scores (see module docstring)."""
    if n < 1 or items < 1:
        raise ValueError("n and items must be at least 1")
    cells = n * items
    centre = mean * cells
    totals = [t for t in range(math.floor(centre) - 1, math.ceil(centre) + 2)
              if _round_half_up(t / cells, decimals) == round(mean, decimals)]  # fmt: skip
    if totals:
        shown = ", ".join(f"{t}/{cells} = {t / cells:.{decimals + 2}f}" for t in totals)
        return Consistency(
            True, f"mean {mean} with n = {n} is possible: {shown}", tuple(float(t) for t in totals)
        )
    near = [math.floor(centre), math.ceil(centre)]
    shown = ", ".join(f"{t}/{cells} = {t / cells:.{decimals + 2}f}" for t in near)
    return Consistency(
        False,
        f"mean {mean} with n = {n} is impossible for whole-number scores: the nearest totals "
        f"give {shown}",
        (),
    )


def percentage_consistency(percent: float, denominator: int, decimals: int = 1) -> Consistency:
    """Whether a printed percentage follows from a count of ``denominator``, and which
    counts give it."""
    if denominator < 1:
        raise ValueError("the denominator must be at least 1")
    counts = [c for c in range(denominator + 1)
              if _round_half_up(100 * c / denominator, decimals) == round(percent, decimals)]  # fmt: skip
    if counts:
        return Consistency(
            True,
            f"{percent}% of {denominator} follows from {', '.join(str(c) for c in counts)} of {denominator}",
            tuple(float(c) for c in counts),
        )
    centre = percent * denominator / 100
    near = sorted({max(0, math.floor(centre)), min(denominator, math.ceil(centre))})
    shown = ", ".join(
        f"{c}/{denominator} = {100 * c / denominator:.{decimals + 1}f}%" for c in near
    )
    return Consistency(False, f"no count of {denominator} gives {percent}%: {shown}", ())
