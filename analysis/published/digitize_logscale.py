"""A logarithmic axis told from where its ticks stand, and pixels mapped on it.

A survival axis zoomed to 0.5-1.0 and log-scaled (matplotlib's ``set_yscale("log")``)
prints evenly stepped labels (0.5, 0.6, ..., 1.0) at unevenly spaced ticks: the gap
between two ticks is proportional to the log of their values' ratio, so 0.5 to 0.6
stands taller than 0.9 to 1.0. Read as linear from the first to the last tick, a value
halfway up is off by several hundredths. :func:`is_log_axis` tells such an axis from its
ticks' positions: they fit log(value) for the labels' values (read, or else evenly
stepped from the first to the last label) and do not fit the values themselves.
"""

from __future__ import annotations

import numpy as np

__all__ = ["LOG_AXIS", "is_log_axis", "to_pixel", "to_value"]

LOG_AXIS = (
    "the {axis} axis is logarithmic: its ticks stand where a log scale puts {values} "
    "(unevenly spaced, as no linear axis spaces them): read on a log scale; check the "
    "overlay"
)


def to_value(
    px: np.ndarray | float, pixels: tuple[float, float], values: tuple[float, float],
    log: bool = False,
) -> np.ndarray:  # fmt: skip
    """The values at pixel positions ``px`` on an axis whose ``pixels`` print ``values``
    (its first and last labelled ticks), linear in the values or, when ``log``, in their
    logarithm."""
    (a, b), (u, v) = pixels, values
    frac = (np.asarray(px, float) - a) / (b - a)
    if not log:
        return u + frac * (v - u)
    return np.exp(np.log(u) + frac * (np.log(v) - np.log(u)))


def to_pixel(
    value: np.ndarray | float, pixels: tuple[float, float], values: tuple[float, float],
    log: bool = False,
) -> np.ndarray:  # fmt: skip
    """The pixel positions of ``value`` on the axis (see :func:`to_value`); on a log axis
    a value of 0 or less stands far past its low end (at a billionth of its range)."""
    (a, b), (u, v) = pixels, values
    if not log:
        return a + (np.asarray(value, float) - u) * (b - a) / (v - u)
    low = 1e-9 * min(u, v)
    frac = (np.log(np.maximum(np.asarray(value, float), low)) - np.log(u)) / np.log(v / u)
    return a + frac * (b - a)


def is_log_axis(
    ticks: np.ndarray,
    printed: tuple[float, float],
    values: np.ndarray | None = None,
    descending: bool = False,
) -> str | None:
    """The labels' values (as the warning names them) when an axis is logarithmic, else
    None. ``ticks`` are the labelled ticks' positions, ``printed`` the values at the first
    and last (``descending``: the first at the largest position, a y axis's bottom in
    pixel rows) and ``values`` each tick's value when the labels were read (else they are
    taken evenly stepped from the first to the last). Logarithmic: three ticks or more, all
    values above 0, the positions within a tenth of the narrowest gap (and half a pixel)
    of where a log scale through the end ticks puts the values, and more than twice as
    far (and more than that tolerance) from where a linear one does."""
    ticks = np.asarray(ticks, dtype=float)
    n = len(ticks)
    if n < 3 or printed[0] == printed[1]:
        return None
    if values is not None and len(values) == n:
        order = np.argsort(ticks)
        pos, val = ticks[order], np.asarray(values, dtype=float)[order]
    else:
        pos = np.sort(ticks)[::-1] if descending else np.sort(ticks)
        val = np.linspace(printed[0], printed[1], n)
    if np.any(val <= 0) or np.any(np.diff(val) == 0) or len(np.unique(pos)) < n:
        return None
    ends = (float(pos[0]), float(pos[-1]))
    span = (float(val[0]), float(val[-1]))
    tol = 0.1 * float(np.min(np.abs(np.diff(pos)))) + 0.5
    off_log = float(np.max(np.abs(pos - to_pixel(val, ends, span, log=True))))
    off_linear = float(np.max(np.abs(pos - to_pixel(val, ends, span))))
    if off_log > tol or off_linear <= max(tol, 2 * off_log):
        return None
    shown = np.sort(val)
    named = [f"{x:g}" for x in shown]
    return ", ".join(named if n <= 4 else [*named[:3], "...", named[-1]])
